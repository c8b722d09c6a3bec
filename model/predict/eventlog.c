/* eventlog.c: the log of a prediction's events (packed records in chunks), emit(), and the log as
 * traces read it. */
#include "predict_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const tc_rule_info *rule_info(sim *s, const char *rule);

/* Segment id g, and its records [*lo, *hi). */
const log_seg *sim_log_seg_of(const sim *s, size_t g, size_t *lo, size_t *hi)
{
	const log_chunk *ch = &s->ev.log[g / LOG_CHUNK];
	size_t k = g % LOG_CHUNK, base = g - k;
	*lo = base + ch->seg[k].start;
	*hi = base + (k + 1 < ch->nseg ? ch->seg[k + 1].start : ch->n);
	return &ch->seg[k];
}

/* A new record at the end of the log, for the flow being walked. */
static logged *log_add(sim *s, tc_event_kind kind, const tc_device *dev, const char *rule)
{
	if (s->ev.nlog % LOG_CHUNK == 0) {
		size_t c = s->ev.nlog / LOG_CHUNK;
		if (c) { /* the full chunk's segments, without the spare room */
			log_chunk *full = &s->ev.log[c - 1];
			full->seg = tc_xrealloc(full->seg, full->nseg * sizeof *full->seg);
			full->capseg = full->nseg;
		}
		if (c < s->ev.nchunks) { /* allocated before a log_truncate(): reuse it */
			s->ev.log[c].n = s->ev.log[c].nseg = 0;
		} else {
			TC_GROW(s->ev.log, c + 1, s->ev.caplog);
			s->ev.log[c] = (log_chunk){
				.rec = tc_arena_alloc(s->tx.out, LOG_CHUNK * sizeof(logged))};
			s->ev.nchunks = c + 1;
		}
	}
	if (s->ev.nlog >= REF_ROUND) {
		fputs("tunnelcast: the prediction's log is too long\n", stderr);
		abort();
	}
	log_chunk *ch = &s->ev.log[s->ev.nlog / LOG_CHUNK];
	const log_seg *g = ch->nseg ? &ch->seg[ch->nseg - 1] : NULL;
	if (!g || g->conv != s->w.cur_conv || g->round != s->w.round || g->run != s->w.run ||
	    g->from != s->w.cur_from.addr || g->from_len != s->w.cur_from.len ||
	    g->to != s->w.cur_to.addr || g->to_len != s->w.cur_to.len) {
		if (ch->nseg == ch->capseg) {
			ch->capseg = ch->capseg ? 2 * ch->capseg : 256;
			ch->seg = tc_xrealloc(ch->seg, ch->capseg * sizeof *ch->seg);
		}
		ch->seg[ch->nseg++] = (log_seg){.start = ch->n,
						.from = s->w.cur_from.addr,
						.to = s->w.cur_to.addr,
						.conv = s->w.cur_conv,
						.round = s->w.round,
						.from_len = s->w.cur_from.len,
						.to_len = s->w.cur_to.len,
						.run = (uint8_t)s->w.run};
	}
	logged *l = &ch->rec[ch->n++];
	s->ev.nlog++;
	memset(l, 0, sizeof *l);
	l->kind = (uint8_t)kind;
	l->device = dev ? dev->index + 1 : 0;
	if (rule) {
		const tc_rule_info *ri = rule_info(s, rule);
		if (!ri)
			abort(); /* every rule sim_emit() gets is in sim_rules[] */
		l->rule = (unsigned)(ri - sim_rules + 1);
	}
	return l;
}

/* Append c's log (run 1's, on another thread) to s's: c's chunks follow s's
 * last one, whose unused records become a gap that no segment covers. */
void sim_log_append(sim *s, sim *c)
{
	size_t n = (s->ev.nlog + LOG_CHUNK - 1) / LOG_CHUNK,
	       nc = (c->ev.nlog + LOG_CHUNK - 1) / LOG_CHUNK;
	/* chunks left unused by log_truncate() go (their records are in an arena) */
	for (size_t k = n; k < s->ev.nchunks; k++)
		free(s->ev.log[k].seg);
	for (size_t k = nc; k < c->ev.nchunks; k++)
		free(c->ev.log[k].seg);
	s->ev.nchunks = n;
	c->ev.nchunks = 0;
	if (!c->ev.nlog)
		return;
	s->ev.log = tc_xrealloc(s->ev.log, (n + nc) * sizeof *s->ev.log);
	memcpy(s->ev.log + n, c->ev.log, nc * sizeof *s->ev.log);
	s->ev.caplog = s->ev.nchunks = n + nc;
	s->ev.nlog = n * LOG_CHUNK + c->ev.nlog;
	c->ev.nlog = 0;
}

/* A fresh run's log (a fork's): empty; the index and fold_round stay shared. */
void eventlog_fork(struct eventlog *ev)
{
	ev->log = NULL;
	ev->nlog = ev->caplog = ev->nchunks = 0;
}

/* Free a fork's log; its chunks went to the caller's (sim_log_append). */
void eventlog_unfork(struct eventlog *ev)
{
	free(ev->log);
	ev->log = NULL;
}

/* Free the segments, the chunk list and the index (the records stay, in the prediction). */
void eventlog_free(struct eventlog *ev)
{
	for (size_t c = 0; c < ev->nchunks; c++)
		free(ev->log[c].seg);
	free(ev->log);
	free(ev->log_off);
	free(ev->log_idx);
	free(ev->fold_round);
	*ev = (struct eventlog){0};
}

/* Forget the records from mark on: the log continues at mark, in the same
 * chunks. mark is where a conversation's walk began, a segment boundary. */
static void log_truncate(sim *s, size_t mark)
{
	for (size_t c = mark / LOG_CHUNK; c < s->ev.nchunks && c * LOG_CHUNK < s->ev.nlog; c++) {
		log_chunk *ch = &s->ev.log[c];
		uint32_t off = c == mark / LOG_CHUNK ? (uint32_t)(mark % LOG_CHUNK) : 0;
		while (ch->nseg && ch->seg[ch->nseg - 1].start >= off)
			ch->nseg--;
		ch->n = off;
	}
	s->ev.nlog = mark;
}

void sim_flush_path(sim *s)
{
	if (s->ev.nhops < 2) { /* no hop walked */
		s->ev.path[0] = '\0';
		s->ev.nhops = 0;
		return;
	}
	logged *l = log_add(s, TC_EV_FORWARD, NULL, NULL);
	l->text = text(s, "routed in clear: %s", s->ev.path);
	/* the same hops recur (every round, every conversation between two LANs) */
	l->u.hops = sim_share(s, &s->tx.paths, s->ev.hops, s->ev.nhops * sizeof *s->ev.hops);
	l->nhops = (unsigned)s->ev.nhops;
	s->ev.path[0] = '\0';
	s->ev.nhops = 0;
}

/* tc_rule_info_find(rule), remembered by the address of the rule's id (the
 * ids sim_emit() gets are string literals). */
static const tc_rule_info *rule_info(sim *s, const char *rule)
{
	if (!rule)
		return NULL;
	size_t h = ((uintptr_t)rule >> 2) % (sizeof s->ev.rule_key / sizeof s->ev.rule_key[0]);
	if (s->ev.rule_key[h] != rule) {
		s->ev.rule_key[h] = rule;
		s->ev.rule_val[h] = tc_rule_info_find(rule);
	}
	return s->ev.rule_val[h];
}

void sim_emit(sim *s, tc_event_kind kind, const tc_device *dev, const char *rule, const char *fmt,
	      ...)
{
	if (kind != TC_EV_FORWARD)
		sim_flush_path(s);
	logged *l = log_add(s, kind, dev, rule);
	va_list ap;
	va_start(ap, fmt);
	l->text = sim_vtext(s, true, fmt, ap);
	va_end(ap);
}

/* The spec's confidence in rule ri applied on dev. */
static const char *confidence(const tc_rule_info *ri, const tc_device *dev)
{
	/* the spec observed latest-wins replacement on an ASA hub only */
	if (ri && strcmp(ri->id, "R4.3") == 0 && dev && dev->dialect == TC_DIALECT_IOS)
		return "inferred";
	return ri ? ri->confidence : NULL;
}

/* The event a log record holds (step 0). */
static tc_event log_event(const tc_device *const *devs, const logged *l)
{
	tc_event e = {0};
	e.kind = l->kind;
	e.device = l->device ? devs[l->device - 1] : NULL;
	const tc_rule_info *ri = l->rule ? &sim_rules[l->rule - 1] : NULL;
	e.rule = ri ? ri->id : NULL;
	e.confidence = confidence(ri, e.device);
	e.text = l->text;
	if (l->nhops) {
		e.hops = l->u.hops;
		e.nhops = l->nhops;
	} else {
		e.peer = l->u.p.peer ? devs[l->u.p.peer - 1] : NULL;
		e.peer_addr = l->u.p.peer_addr;
	}
	e.has_peer_addr = l->flags & LOG_PEER_ADDR;
	e.has_proxy = l->flags & LOG_PROXY;
	e.local = (tc_prefix){l->local, l->local_len};
	e.remote = (tc_prefix){l->remote, l->remote_len};
	return e;
}

tc_event tc_trace_event(const tc_trace *t, size_t i)
{
	if (t->events)
		return t->events[i];
	if (i + 1 == t->nevents)
		return (tc_event){.step = (unsigned)i + 1, .kind = TC_EV_INFO, .text = t->last};
	uint32_t r = t->refs[i];
	if (r & REF_ROUND)
		return (tc_event){.step = (unsigned)i + 1,
				  .kind = TC_EV_INFO,
				  .text = t->log->round_text[r & ~REF_ROUND]};
	tc_event e = log_event(t->log->devs, &t->log->chunks[r / LOG_CHUNK][r % LOG_CHUNK]);
	e.step = (unsigned)i + 1;
	return e;
}

/* Structured detail on the event just emitted (for per-step diagrams). */
void sim_detail(sim *s, const tc_device *peer, uint32_t peer_addr, bool has_addr,
		const tc_prefix *l, const tc_prefix *r)
{
	logged *ev =
		sim_log_rec(s, s->ev.nlog - 1); /* never a FORWARD of sim_flush_path(): no hops */
	ev->u.p.peer = peer ? peer->index + 1 : 0;
	ev->u.p.peer_addr = peer_addr;
	ev->flags = (uint8_t)((ev->flags & ~LOG_PEER_ADDR) | (has_addr ? LOG_PEER_ADDR : 0));
	if (l && r) {
		ev->local = l->addr;
		ev->local_len = l->len;
		ev->remote = r->addr;
		ev->remote_len = r->len;
		ev->flags |= LOG_PROXY;
	}
}

void sim_path_hop(sim *s, const tc_device *d)
{
	if (s->ev.nhops < TC_MAX_HOPS)
		s->ev.hops[s->ev.nhops++] = d;
	size_t n = strlen(s->ev.path), h = strlen(d->hostname);
	if (n == 0) {
		h = h < sizeof s->ev.path - 1 ? h : sizeof s->ev.path - 1;
		memcpy(s->ev.path, d->hostname, h);
		s->ev.path[h] = '\0';
	} else if (n + h + 6 < sizeof s->ev.path) {
		memcpy(s->ev.path + n, " -> ", 4);
		memcpy(s->ev.path + n + 4, d->hostname, h + 1);
	}
}

/* Index the log's segments by conversation and run (CSR: the segments of
 * conversation c in run w are log_idx[log_off[2 c + w]..log_off[2 c + w + 1])). */
void sim_index_log(sim *s)
{
	size_t nkeys = 2 * s->hs.nconvs, nchunks = (s->ev.nlog + LOG_CHUNK - 1) / LOG_CHUNK,
	       nsegs = 0;
	for (size_t c = 0; c < nchunks; c++)
		nsegs += s->ev.log[c].nseg;
	s->ev.log_off = tc_xzalloc(nkeys + 2, sizeof *s->ev.log_off);
	s->ev.log_idx = tc_xrealloc(NULL, (nsegs + 1) * sizeof *s->ev.log_idx);
	uint32_t max_round = 0;
	for (size_t c = 0; c < nchunks; c++)
		for (size_t k = 0; k < s->ev.log[c].nseg; k++) {
			const log_seg *g = &s->ev.log[c].seg[k];
			if (g->conv < s->hs.nconvs)
				s->ev.log_off[2 * (size_t)g->conv + g->run + 1]++;
			if (g->conv < s->hs.nconvs && g->round > max_round)
				max_round = g->round;
		}
	for (size_t c = 0; c < nkeys; c++)
		s->ev.log_off[c + 1] += s->ev.log_off[c];
	size_t *fill = tc_xzalloc(nkeys + 1, sizeof *fill);
	for (size_t c = 0; c < nchunks; c++)
		for (size_t k = 0; k < s->ev.log[c].nseg; k++) {
			const log_seg *g = &s->ev.log[c].seg[k];
			size_t key = 2 * (size_t)g->conv + g->run;
			if (g->conv < s->hs.nconvs)
				s->ev.log_idx[s->ev.log_off[key] + fill[key]++] =
					(uint32_t)(c * LOG_CHUNK + k);
		}
	free(fill);
	/* the log as the traces see it, kept in the prediction */
	s->ev.tlog = tc_arena_alloc(s->tx.out, sizeof *s->ev.tlog);
	s->ev.tlog->devs = (const tc_device *const *)s->m->devs;
	s->ev.tlog->chunks = tc_arena_alloc(s->tx.out, (nchunks + 1) * sizeof *s->ev.tlog->chunks);
	for (size_t c = 0; c < nchunks; c++)
		s->ev.tlog->chunks[c] = s->ev.log[c].rec;
	if (max_round >= REF_ROUND)
		abort(); /* as many rounds as a log can hold records */
	s->ev.tlog->round_text =
		tc_arena_alloc(s->tx.out, (max_round + 1) * sizeof *s->ev.tlog->round_text);
	for (uint32_t r = 2; r <= max_round; r++)
		s->ev.tlog->round_text[r] = text(s, "round %u: traffic flows again", r);
}

/* Conversation c's walk in this round (the records from mark on) installed
 * and dropped no SA, and c overlaps no other conversation: every domain
 * that reads these records is one of c's, and its trace would fold this
 * round into its last line (build_trace). Drop the records, so that the
 * log holds what the traces show (most rounds after the first change
 * nothing), and note the round: the trace's last line names it. Kept when
 * one of the walk's flows lies outside c's proxy pair (then a domain of c
 * might not have read it). */
void sim_log_drop_unchanged(sim *s, unsigned c, size_t mark)
{
	for (size_t i = mark; i < s->ev.nlog; i++)
		if (is_change((tc_event_kind)sim_log_rec(s, i)->kind))
			return;
	for (size_t k = mark / LOG_CHUNK; k * LOG_CHUNK < s->ev.nlog; k++) {
		const log_chunk *ch = &s->ev.log[k];
		uint32_t off = k == mark / LOG_CHUNK ? (uint32_t)(mark % LOG_CHUNK) : 0;
		for (size_t g = ch->nseg; g-- > 0 && ch->seg[g].start >= off;)
			if (!seg_overlaps(&ch->seg[g], s->hs.convs[c].a, s->hs.convs[c].b))
				return;
	}
	uint32_t *f = &s->ev.fold_round[2 * (size_t)c + s->w.run];
	if (!*f)
		*f = s->w.round;
	log_truncate(s, mark);
}
