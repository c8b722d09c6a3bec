/* judge.c: judging a domain after the runs: its owner, state, traces, parts and summary. */
#include "predict_int.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Does a logged event belong to domain dm: was it caused by a flow inside
 * the domain's proxy pair, in either direction? */
static bool event_of(const log_seg *l, const tc_domain *dm)
{
	return seg_overlaps(l, dm->local, dm->remote);
}

/* A record of a domain's events (or REF_SAME_WAY, REF_NOT_LISTED), and its round. */
typedef struct ev_ref {
	uint32_t rec, round;
	uint32_t nleft; /* REF_NOT_LISTED: the flows left out in its round */
} ev_ref;

/* The addresses a segment's walk names because of its piece: the piece's prefixes and the
 * hosts it is walked with. */
typedef struct seg_words {
	char w[4][TC_PREFIX_STRLEN];
	size_t len[4];
} seg_words;

static void seg_words_of(const log_seg *g, seg_words *out)
{
	tc_prefix from = {g->from, g->from_len}, to = {g->to, g->to_len};
	tc_prefix_format(out->w[0], sizeof out->w[0], from);
	tc_prefix_format(out->w[1], sizeof out->w[1], to);
	tc_ip_format(out->w[2], sizeof out->w[2], tc_prefix_host(from));
	tc_ip_format(out->w[3], sizeof out->w[3], tc_prefix_host(to));
	for (int k = 0; k < 4; k++)
		out->len[k] = strlen(out->w[k]);
}

static bool addr_char(char c)
{
	return (c >= '0' && c <= '9') || c == '.' || c == '/';
}

/* Does word w (n bytes) stand at t, not followed by more of an address? */
static bool word_at(const char *t, const char *w, size_t n)
{
	return t[0] == w[0] && strncmp(t, w, n) == 0 && !addr_char(t[n]);
}

/* Do texts x and y say the same, x of one piece and y of another, where each names its
 * own piece's addresses (wx, wy) in the same places? Texts are interned: most are equal. */
static bool same_but_piece(const char *x, const char *y, const seg_words *wx, const seg_words *wy)
{
	if (x == y)
		return true;
	bool word_start = true;
	while (*x || *y) {
		int k = 4;
		if (word_start && *x >= '0' && *x <= '9')
			for (k = 0; k < 4; k++)
				if (word_at(x, wx->w[k], wx->len[k]) &&
				    word_at(y, wy->w[k], wy->len[k]))
					break;
		if (k < 4) {
			x += wx->len[k];
			y += wy->len[k];
			continue;
		}
		if (*x != *y)
			return false;
		word_start = !addr_char(*x);
		x++, y++;
	}
	return true;
}

/* A segment of a domain's events as domain_events reads it: its records [lo, hi), a hash of
 * what same_way compares without the texts (conversation, round, the records' fields), and
 * its piece's words, formatted the first time a comparison needs them. */
typedef struct seg_at {
	const log_seg *g;
	size_t lo, hi;
	uint64_t key;
	bool same; /* stands for pieces not walked (log_seg.same) */
	bool has_words;
	seg_words words;
} seg_at;

static void seg_key(const sim *s, seg_at *a)
{
	uint64_t h = tc_hash_u64((uint64_t)a->g->conv << 32 ^ a->g->round ^
				 (uint64_t)(a->hi - a->lo) << 24);
	for (size_t r = a->lo; r < a->hi; r++) {
		const logged *x = sim_log_rec(s, r);
		h = tc_hash_u64(h ^ tc_hash_bytes(&x->u, sizeof *x - offsetof(logged, u)));
	}
	a->key = h;
}

/* Do segments x and y hold one flow, cut in two where the log's chunk ended? A segment
 * lives in one chunk, and where chunks end depends on what the log held before (the other
 * run's records with one thread, not with two): read as one, the trace does not. */
static bool same_flow(const log_seg *x, const log_seg *y)
{
	return x->conv == y->conv && x->round == y->round && x->run == y->run &&
	       x->from == y->from && x->from_len == y->from_len && x->to == y->to &&
	       x->to_len == y->to_len;
}

/* segs[0..n) from the ids (log order), a flow cut by a chunk's end read as one segment; how
 * many. */
static size_t segs_of(const sim *s, const size_t *ids, size_t n, seg_at *segs)
{
	size_t m = 0;
	for (size_t k = 0; k < n; k++) {
		seg_at a = {.has_words = false};
		a.g = sim_log_seg_of(s, ids[k], &a.lo, &a.hi);
		a.same = a.g->same;
		if (m && segs[m - 1].hi == a.lo && same_flow(segs[m - 1].g, a.g)) {
			segs[m - 1].hi = a.hi;
			segs[m - 1].same |= a.same;
		} else
			segs[m++] = a;
	}
	for (size_t k = 0; k < m; k++)
		seg_key(s, &segs[k]);
	return m;
}

static const seg_words *words_of(seg_at *a)
{
	if (!a->has_words)
		seg_words_of(a->g, &a->words);
	a->has_words = true;
	return &a->words;
}

/* Did segments x and y, two pieces' flows of one conversation in one round, take the same
 * way: the same events at the same devices under the same rules, with the same SAs and peers,
 * saying the same but for their addresses? */
static bool same_way(const sim *s, seg_at *x, seg_at *y)
{
	if (x->key != y->key || x->hi - x->lo != y->hi - y->lo || x->g->conv != y->g->conv ||
	    x->g->round != y->g->round)
		return false;
	for (size_t i = 0; i < x->hi - x->lo; i++) {
		const logged *a = sim_log_rec(s, x->lo + i), *b = sim_log_rec(s, y->lo + i);
		if (memcmp(&a->u, &b->u, sizeof *a - offsetof(logged, u)) != 0) /* zeroed first */
			return false;
	}
	const seg_words *wx = words_of(x), *wy = words_of(y);
	for (size_t i = 0; i < x->hi - x->lo; i++)
		if (!same_but_piece(sim_log_rec(s, x->lo + i)->text,
				    sim_log_rec(s, y->lo + i)->text, wx, wy))
			return false;
	return true;
}

/* Pieces whose flows take the same way are listed once: segs[0..n) (log order) that repeat
 * an earlier segment of the same conversation and round are marked in *folded, the earlier
 * one in *followed. A segment is compared only with the earlier ones not folded whose key is
 * its own (the others cannot take the same way), latest first: a chain per key through
 * prev, its heads in an open-addressing table. Quadratic in the segments of a round when
 * every one was compared with every earlier one (at most TC_MAX_PART_PAIRS pieces each way
 * of the domain's own pair, and every piece of every overlapping pair). */
static void fold_pieces(const sim *s, seg_at *segs, size_t n, bool *folded, bool *followed)
{
	size_t size = 16;
	while (size < 2 * n)
		size *= 2;
	uint32_t *head = tc_xzalloc(size, sizeof *head),
		 *prev = tc_xrealloc(NULL, (n + 1) * sizeof *prev);
	for (size_t k = 0; k < n; k++) {
		size_t h = segs[k].key & (size - 1);
		while (head[h] && segs[head[h] - 1].key != segs[k].key)
			h = (h + 1) & (size - 1);
		for (uint32_t j = head[h]; j && !folded[k]; j = prev[j - 1])
			if (same_way(s, &segs[j - 1], &segs[k]))
				folded[k] = followed[j - 1] = true;
		if (!folded[k]) {
			prev[k] = head[h];
			head[h] = (uint32_t)k + 1;
			/* pieces of its class not walked would have folded into it */
			followed[k] |= segs[k].same;
		}
	}
	free(head);
	free(prev);
}

/* Leave out, per round, the flows of conversations other than c past the first
 * TC_MAX_TRACE_OTHERS (segs[0..n), log order, folded marked): a domain that overlaps
 * hundreds of pairs would list every one of their flows. Marked in *cut. */
static void cut_others(const seg_at *segs, size_t n, unsigned c, const bool *folded, bool *cut)
{
	size_t others = 0;
	for (size_t k = 0; k < n; k++) {
		if (k && segs[k - 1].g->round != segs[k].g->round)
			others = 0;
		if (segs[k].g->conv != c && !folded[k])
			cut[k] = ++others > TC_MAX_TRACE_OTHERS;
	}
}

/* Sort n distinct segment ids: each conversation's come in order, but a domain overlapping
 * many conversations gathers tens of thousands, which qsort's calls to a comparison spent a
 * tenth of the prediction sorting. A radix sort, a byte a pass, as many passes as the
 * largest id has bytes. */
static void sort_ids(size_t *v, size_t n)
{
	size_t max = 0;
	for (size_t i = 0; i < n; i++)
		max = v[i] > max ? v[i] : max;
	if (n < 64) {
		qsort(v, n, sizeof *v, sim_cmp_size);
		return;
	}
	size_t *tmp = tc_xrealloc(NULL, n * sizeof *tmp);
	for (unsigned shift = 0; shift < 64 && max >> shift; shift += 8) {
		size_t cnt[256] = {0};
		for (size_t i = 0; i < n; i++)
			cnt[v[i] >> shift & 0xff]++;
		for (size_t d = 0, at = 0; d < 256; d++) {
			size_t c = cnt[d];
			cnt[d] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[cnt[v[i] >> shift & 0xff]++] = v[i];
		memcpy(v, tmp, n * sizeof *v);
	}
	free(tmp);
}

/* The records of run `which` that belong to dm (conversation c), in log order (malloc'd; *n
 * gets the count), the pieces that take the same way folded and a round's flows of other
 * pairs past the limit left out. Only the conversations overlapping the domain are looked
 * at. */
static ev_ref *domain_events(sim *s, unsigned which, const tc_domain *dm, unsigned c, size_t *n)
{
	unsigned *cs = tc_xrealloc(NULL, (2 * s->hs.nconvs + 1) * sizeof *cs);
	size_t nc = 0;
	sim_convs_overlapping(s, dm->local, dm->remote, cs, &nc);
	sim_convs_overlapping(s, dm->remote, dm->local, cs, &nc);
	size_t total = 0;
	for (size_t i = 0; i < nc; i++)
		total += s->ev.log_off[2 * cs[i] + which + 1] - s->ev.log_off[2 * cs[i] + which];
	size_t *ids = tc_xrealloc(NULL, (total + 1) * sizeof *ids), nsegs = 0, nrec = 0;
	for (size_t i = 0; i < nc; i++) {
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++)
			dup = cs[j] == cs[i];
		size_t key = 2 * (size_t)cs[i] + which;
		for (size_t k = s->ev.log_off[key]; !dup && k < s->ev.log_off[key + 1]; k++) {
			size_t lo, hi;
			if (event_of(sim_log_seg_of(s, s->ev.log_idx[k], &lo, &hi), dm)) {
				ids[nsegs++] = s->ev.log_idx[k];
				nrec += hi - lo;
			}
		}
	}
	if (nc > 1)
		sort_ids(ids, nsegs);
	seg_at *segs = tc_xrealloc(NULL, (nsegs + 1) * sizeof *segs);
	nsegs = segs_of(s, ids, nsegs, segs);
	bool *folded = tc_xzalloc(3 * nsegs + 1, sizeof *folded), *followed = folded + nsegs,
	     *cut = followed + nsegs;
	fold_pieces(s, segs, nsegs, folded, followed);
	cut_others(segs, nsegs, c, folded, cut);
	ev_ref *v = tc_xrealloc(NULL, (nrec + 2 * nsegs + 1) * sizeof *v);
	*n = 0;
	ev_ref *said = NULL; /* the round's REF_NOT_LISTED: said once, at the first left out */
	for (size_t k = 0; k < nsegs; k++) {
		uint32_t round = segs[k].g->round;
		if (cut[k] && (!said || said->round != round)) {
			said = &v[(*n)++];
			*said = (ev_ref){REF_NOT_LISTED, round, 0};
		}
		if (cut[k])
			said->nleft++;
		for (size_t r = segs[k].lo; r < segs[k].hi && !folded[k] && !cut[k]; r++)
			v[(*n)++] = (ev_ref){(uint32_t)r, round, 0};
		if (followed[k])
			v[(*n)++] = (ev_ref){REF_SAME_WAY, round, 0};
	}
	free(folded);
	free(segs);
	free(ids);
	free(cs);
	return v;
}

/* SAs a domain holds in a run's final table: on its device, under its entry (a dynamic
 * domain's: the crypto map's dynamic entry, which the SAs its spokes bring up are installed
 * under), with proxies inside its pair. Returns the number of distinct peers and the first. */
static unsigned domain_owner(const run_result *rr, const tc_domain *dm, uint32_t *peer,
			     const tc_device **pdev)
{
	unsigned n = 0;
	size_t lo = rr->dev_off[dm->device->index], hi = rr->dev_off[dm->device->index + 1];
	while (lo < hi) { /* the device's SAs are sorted by entry */
		size_t mid = lo + (hi - lo) / 2;
		if ((uintptr_t)rr->sas[mid].entry < (uintptr_t)dm->entry)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < rr->dev_off[dm->device->index + 1] && rr->sas[i].entry == dm->entry;
	     i++) {
		const sa *x = &rr->sas[i];
		if (x->dev != dm->device || x->entry != dm->entry ||
		    !tc_prefix_contains(dm->local, x->local) ||
		    !tc_prefix_contains(dm->remote, x->remote) ||
		    !svc_contains(domain_svc(dm), x->svc))
			continue;
		if (n == 0 || x->peer_addr != *peer) {
			if (n == 0) {
				*peer = x->peer_addr;
				*pdev = x->peer;
			}
			n++;
		}
	}
	return n;
}

static void judge(sim *s, const run_result *rr, tc_domain *dm, unsigned c, tc_trace *t)
{
	uint32_t peer = 0;
	const tc_device *pdev = NULL;
	unsigned owners = domain_owner(rr, dm, &peer, &pdev);
	flow_result f0 = rr->last[c][0], f1 = rr->last[c][1];
	t->rounds = rr->rounds;
	if (owners == 1) {
		t->has_owner = true;
		t->owner_addr = peer;
		t->owner = pdev;
	}
	if (rr->cycle && rr->changed[c])
		t->state = TC_STATE_OSCILLATING;
	else if (owners == 0) {
		/* no SA here, yet both directions cross encrypted: another gateway's
		 * entry carries the pair (R2.1 on the path the routing picks). Every
		 * part of it: a pair whose other parts cross in clear is not carried */
		bool enc = (f0.encrypted || f1.encrypted) && !f0.plain && !f1.plain;
		t->state = flow_ok(f0) && flow_ok(f1) && enc ? TC_STATE_STANDBY : TC_STATE_DOWN;
	} else if (flow_ok(f0) && flow_ok(f1))
		t->state = owners == 1 ? TC_STATE_STABLE : TC_STATE_OSCILLATING;
	else if (flow_ok(f0) || flow_ok(f1))
		t->state = TC_STATE_ONE_WAY;
	else /* an SA is up, but neither direction gets through: nothing works */
		t->state = TC_STATE_DOWN;
	(void)s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Build trace t of domain dm from the run's log: the events of flows inside
 * its proxy pair, later rounds that changed nothing folded into one line. */
static size_t build_trace(sim *s, unsigned which, const tc_domain *dm, unsigned c,
			  const run_result *rr, tc_trace *t)
{
	size_t n = 0, ncut = 0; /* flows left out of the rounds shown */
	ev_ref *ev = domain_events(s, which, dm, c, &n);
	/* at most one "round N" line per event */
	if (2 * n + 1 > s->tb.captbuf) {
		s->tb.captbuf = 2 * n + 1 > 2 * s->tb.captbuf ? 2 * n + 1 : 2 * s->tb.captbuf;
		s->tb.tbuf = tc_xrealloc(s->tb.tbuf, s->tb.captbuf * sizeof *s->tb.tbuf);
	}
	uint32_t *out = s->tb.tbuf;
	/* rounds that change nothing are folded */
	unsigned folded_from = 0;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		unsigned round = ev[i].round;
		size_t j = i;
		bool changed = false;
		for (; j < n && ev[j].round == round; j++)
			changed |= !(ev[j].rec & REF_ROUND) &&
				   is_change((tc_event_kind)sim_log_rec(s, ev[j].rec)->kind);
		if (round > 1 && !changed) {
			if (!folded_from)
				folded_from = round;
			i = j;
			continue;
		}
		if (round > 1)
			out[k++] = REF_ROUND | round;
		for (; i < j; i++, k++) {
			out[k] = ev[i].rec;
			ncut += ev[i].nleft;
		}
	}
	free(ev);
	/* the first round that changed nothing may be one the run dropped */
	uint32_t dropped = s->hs.isolated[c] ? s->ev.fold_round[2 * (size_t)c + which] : 0;
	if (dropped && (!folded_from || dropped < folded_from))
		folded_from = dropped;
	/* ... or the run's last, quiet one, dropped whole (the domain's own flows were in it) */
	if (rr->quiet && (!folded_from || rr->quiet < folded_from))
		folded_from = rr->quiet;
	const char *own =
		t->has_owner ? (t->owner ? t->owner->hostname : sim_ipstr(s, t->owner_addr)) : NULL;
	if (t->state == TC_STATE_OSCILLATING)
		t->last = text(
			s,
			"the SA table repeats from round %u without settling: ownership keeps moving",
			rr->cycle_from);
	else if (folded_from && tc_state_healthy(t->state))
		t->last = text(
			s, "round %u: both directions use the existing SAs; nothing changes%s%s",
			folded_from, own ? ", owner " : "", own ? own : "");
	else if (folded_from)
		t->last = text(s, "round %u: the same happens again; no SA changes", folded_from);
	else
		t->last = text(s, "no further changes after round %u", rr->rounds);
	t->events = NULL;
	t->log = s->ev.tlog;
	t->refs = sim_share_refs(s, out, k);
	t->nevents = k + 1;
	return ncut;
}

/* A part as built: its service's place among the conversation's, for the order. */
typedef struct part_at {
	tc_part p;
	unsigned q;
} part_at;

/* Do x and y show the same outcome (and service)? */
static bool same_outcome(const tc_part *x, const tc_part *y)
{
	return x->via == y->via && x->rev_peer == y->rev_peer && x->fwd_via == y->fwd_via &&
	       x->fwd_peer == y->fwd_peer && x->fwd_ok == y->fwd_ok && x->rev_ok == y->rev_ok &&
	       x->service == y->service; /* interned */
}

/* Are x and y the two halves of one prefix? Then *out is that prefix. */
static bool halves(tc_prefix x, tc_prefix y, tc_prefix *out)
{
	if (x.len != y.len || x.len == 0 || (x.addr ^ y.addr) != 1u << (32 - x.len))
		return false;
	*out = tc_prefix_make(x.addr, (uint8_t)(x.len - 1));
	return true;
}

/* Merge x and y into x when they are halves on one side, the same on the other, with the
 * same outcome. */
static bool merge_part(tc_part *x, const tc_part *y)
{
	tc_prefix m;
	if (!same_outcome(x, y))
		return false;
	if (pfx_eq(x->remote, y->remote) && halves(x->local, y->local, &m))
		x->local = m;
	else if (pfx_eq(x->local, y->local) && halves(x->remote, y->remote, &m))
		x->remote = m;
	else
		return false;
	return true;
}

static int cmp_part_at(const void *a, const void *b)
{
	const part_at *x = a, *y = b;
	int c = tc_prefix_cmp(x->p.local, y->p.local);
	if (!c)
		c = tc_prefix_cmp(x->p.remote, y->p.remote);
	return c ? c : (x->q > y->q) - (x->q < y->q);
}

/* Merge sibling parts whose outcomes are equal, until none are left (at most
 * TC_MAX_PART_PAIRS parts: a few passes over a few of them); how many remain, in order. */
static size_t merge_parts(part_at *v, size_t n)
{
	for (bool again = true; again && n > 1;) {
		again = false;
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++)
				if (v[i].q == v[j].q && merge_part(&v[i].p, &v[j].p)) {
					v[j--] = v[--n];
					again = true;
				}
	}
	qsort(v, n, sizeof *v, cmp_part_at);
	return n;
}

/* The header-space parts of a split domain, from the run where its local side sends first:
 * where each part's return traffic enters a tunnel; parts with the same outcome merged. */
static void domain_parts(sim *s, const run_result *rr, tc_domain *dm, unsigned c)
{
	const conv *cv = &s->hs.convs[c];
	size_t n = (size_t)cv->npa * cv->npb * cv->nps;
	if (n < 2)
		return;
	bool local_is_a = tc_prefix_cmp(cv->a, dm->local) == 0;
	part_at *v = tc_xrealloc(NULL, n * sizeof *v);
	size_t k = 0;
	for (unsigned i = 0; i < cv->npa; i++)
		for (unsigned j = 0; j < cv->npb; j++)
			for (unsigned q = 0; q < cv->nps; q++) {
				const part_result *f =
					rr->parts[cv->part_off +
						  ((size_t)i * cv->npb + j) * cv->nps + q];
				/* f[0] is a->b; forward is local->remote */
				const part_result *fwd = &f[local_is_a ? 0 : 1],
						  *rev = &f[local_is_a ? 1 : 0];
				tc_part *pt = &v[k].p;
				v[k++].q = q;
				pt->local = local_is_a ? cv->pa[i] : cv->pb[j];
				pt->remote = local_is_a ? cv->pb[j] : cv->pa[i];
				pt->via = rev->enc_by;
				pt->rev_peer = rev->dec_by;
				pt->fwd_via = fwd->enc_by;
				pt->fwd_peer = fwd->dec_by;
				pt->fwd_ok = fwd->ok;
				pt->rev_ok = rev->ok;
				char st[32];
				svc sv = local_is_a ? cv->ps[q] : svc_mirror(cv->ps[q]);
				sim_svc_text(st, sizeof st, sv);
				pt->service = cv->nps < 2 ? NULL
					      : st[0]	  ? sim_intern(s, st + 1, strlen(st + 1))
							  : text(s, "%s", "other protocols");
			}
	n = merge_parts(v, n);
	if (n > 1) {
		dm->parts = tc_arena_alloc(s->tx.out, n * sizeof *dm->parts);
		for (size_t i = 0; i < n; i++)
			dm->parts[dm->nparts++] = v[i].p;
	}
	free(v);
}

/* "10.26.241.0/25 via R2, 10.26.241.128/25 via R3" for the parts that
 * enter tunnels at different gateways, or NULL when they all agree. */
static const char *parts_via(sim *s, const tc_domain *dm)
{
	bool differ = false;
	for (size_t i = 1; i < dm->nparts; i++)
		differ |= dm->parts[i].via != dm->parts[0].via;
	if (!differ)
		return NULL;
	const char *acc = "";
	for (size_t i = 0; i < dm->nparts; i++) {
		const tc_part *pt = &dm->parts[i];
		bool local_split = tc_prefix_cmp(pt->local, dm->local) != 0;
		acc = piece(s, "%s%s%s via %s", acc, i ? ", " : "",
			    sim_pfx(s, local_split ? pt->local : pt->remote),
			    pt->via ? pt->via->hostname : "no tunnel");
	}
	return acc;
}

/* A stable domain whose owner depends on the sending order: which order gives
 * which owner, or in which order another gateway carries the traffic. */
static const char *order_owner(sim *s, const tc_domain *dm)
{
	const char *own[2] = {NULL, NULL};
	for (unsigned k = 0; k < 2; k++) {
		const tc_trace *t = &dm->traces[k];
		if (t->has_owner)
			own[k] = t->owner ? t->owner->hostname : sim_ipstr(s, t->owner_addr);
		own[k] = own[k] ? text(s, "%s owns the SA", own[k])
				: text(s, "%s", "other gateways carry the traffic (standby)");
	}
	return text(s,
		    "traffic flows both ways, but the owner depends on which side sends first: "
		    "when the local side sends first, %s; when the remote side does, %s",
		    own[0], own[1]);
}

/* Where dm's flows split by ECMP, in the words of its trace's ECMP line (TC_REASON_ECMP_PATHS):
 * "flows of 10.26.241.0/24 reach R2 and R3 by ECMP at R6", without how the hop shares the load
 * (walk_ecmp writes "... at HOP (how): ..."); NULL when neither trace has one. */
static const char *ecmp_reach(sim *s, const tc_domain *dm)
{
	for (int t = 0; t < 2; t++) {
		const tc_trace *tr = &dm->traces[t];
		for (size_t i = 0; i + 1 < tr->nevents; i++) {
			if (tr->refs[i] & REF_ROUND)
				continue;
			const logged *x = sim_log_rec(s, tr->refs[i]);
			if (x->reason != TC_REASON_ECMP_PATHS)
				continue;
			const char *at = strstr(x->text, " by ECMP at ");
			const char *how = at ? strstr(at, " (") : NULL;
			return how ? sim_intern(s, x->text, (size_t)(how - x->text)) : x->text;
		}
	}
	return NULL;
}

static const char *summarize(sim *s, const tc_domain *dm)
{
	const char *via = parts_via(s, dm);
	const char *own = dm->owner	       ? dm->owner->hostname
			  : dm->has_owner_addr ? sim_ipstr(s, dm->owner_addr)
					       : NULL;
	switch (dm->state) {
	case TC_STATE_STABLE:
		if (own && !dm->order_dependent)
			return text(s, "%s owns the SA whichever side sends first%s", own,
				    dm->owner ? ""
					      : " (peer not in the snapshot; assumed to answer)");
		return order_owner(s, dm);
	case TC_STATE_STANDBY:
		return text(
			s,
			"standby: %s holds no SA for this pair in steady state; the traffic is carried by other gateways",
			dm->device->hostname);
	case TC_STATE_OSCILLATING:
		if (via)
			return text(
				s,
				"ownership keeps moving: the remote side's traffic returns through different gateways (%s); each one re-initiates and replaces the other's SA",
				via);
		if ((via = ecmp_reach(s, dm)))
			return text(
				s,
				"ownership keeps moving: the %s; each gateway re-initiates and replaces the other's SA",
				via);
		return text(
			s, "%s",
			"ownership keeps moving between peers: each one's traffic re-initiates and replaces the other's SA");
	case TC_STATE_ONE_WAY:
		return text(s, "an SA is up%s%s but traffic in one direction is lost",
			    own ? " with " : "", own ? own : "");
	case TC_STATE_DOWN:
	default:
		if (dm->traces[0].has_owner || dm->traces[1].has_owner)
			return text(s, "an SA is up%s%s but traffic in both directions is lost",
				    own ? " with " : "", own ? own : "");
		return text(
			s, "%s",
			"no SA comes up for this pair; its traffic is dropped or crosses in clear");
	}
}

/* The state of a domain from its two orderings: the worse one, except that
 * an owner in one ordering and standby in the other is stable (traffic flows
 * both ways either way; the summary says the owner depends on the order). */
static tc_state combined_state(tc_state a, tc_state b)
{
	if ((a == TC_STATE_STABLE && b == TC_STATE_STANDBY) ||
	    (a == TC_STATE_STANDBY && b == TC_STATE_STABLE))
		return TC_STATE_STABLE;
	return a > b ? a : b;
}

/* Did a walk of conversation c, in either run, leave equal-cost paths out (cut), or take
 * the first where the hash picks one (!cut)? */
static bool walk_unsure(const run_result rr[2], unsigned c, bool cut)
{
	for (unsigned w = 0; w < 2; w++)
		for (unsigned k = 0; k < 2; k++)
			if (cut ? rr[w].last[c][k].cut : rr[w].last[c][k].hashed)
				return true;
	return false;
}

/* "flows hashed to R3 at R6 leave R3 in clear" (or "are lost"): the equal-cost branch of
 * f[0] or f[1] (a run's two directions) that failed while others got through, or NULL. */
static const char *bad_branch(sim *s, const flow_result f[2])
{
	for (unsigned k = 0; k < 2; k++) {
		const flow_result *r = &f[k];
		if (!r->split_at || !r->bad_branch)
			continue;
		if (r->bad_clear)
			return text(s, "flows hashed to %s at %s leave %s in clear",
				    r->bad_branch->hostname, r->split_at->hostname,
				    r->bad_clear->hostname);
		return text(s, "flows hashed to %s at %s are lost", r->bad_branch->hostname,
			    r->split_at->hostname);
	}
	return NULL;
}

/* Judge domain i of p from the two runs and write its traces, parts and summary. */
void sim_predict_domain(sim *s, tc_prediction *p, const run_result rr[2], const unsigned *dconv,
			size_t i)
{
	tc_domain *dm = &p->domains[i];
	unsigned c = dconv[i];
	tc_arena_reset(s->tx.tmp);
	bool local_is_a = tc_prefix_cmp(s->hs.convs[c].a, dm->local) == 0;
	size_t ncut = 0; /* flows of other pairs the traces leave out */
	for (unsigned t = 0; t < 2; t++) {
		/* trace 0 = local first: run 0 has side a first */
		unsigned w = (t == 0) == local_is_a ? 0 : 1;
		tc_trace *tr = &dm->traces[t];
		tr->first_sender = t == 0 ? "local" : "remote";
		judge(s, &rr[w], dm, c, tr);
		if (!s->states_only)
			ncut += build_trace(s, w, dm, c, &rr[w], tr);
	}
	const tc_trace *t0 = &dm->traces[0], *t1 = &dm->traces[1];
	dm->state = combined_state(t0->state, t1->state);
	if (t0->has_owner && t1->has_owner && t0->owner_addr == t1->owner_addr &&
	    dm->state != TC_STATE_OSCILLATING) {
		dm->has_owner_addr = true;
		dm->owner_addr = t0->owner_addr;
		dm->owner = t0->owner;
	} else if (dm->state == TC_STATE_STABLE && t0->has_owner != t1->has_owner) {
		/* stable in one ordering, standby in the other: the one owner there is (the
		 * summary says it depends on the order) */
		const tc_trace *t = t0->has_owner ? t0 : t1;
		dm->has_owner_addr = true;
		dm->owner_addr = t->owner_addr;
		dm->owner = t->owner;
	}
	if (s->states_only)
		return;
	/* owners seen: every peer this domain's device held an SA with, both runs */
	size_t hlo, hhi;
	sim_hist_range(s, dm->entry, &hlo, &hhi);
	const char **seen = NULL;
	size_t ns = 0, seen_cap = 0;
	for (size_t hk = hlo; hk < hhi; hk++) {
		const history *x = &s->sat.hist[s->sat.hist_by_entry[hk]];
		if (!tc_prefix_contains(dm->local, x->local) ||
		    !tc_prefix_contains(dm->remote, x->remote))
			continue;
		const tc_device *peer = x->peer ? s->m->devs[x->peer - 1] : NULL;
		bool dup = false;
		for (size_t q = 0; q < ns && !dup; q++)
			dup = peer ? strcmp(seen[q], peer->hostname) == 0
				   : strcmp(seen[q], sim_ipstr(s, x->peer_addr)) == 0;
		if (dup)
			continue;
		if (ns == seen_cap) {
			seen_cap = seen_cap ? seen_cap * 2 : 4;
			const char **grown = tc_arena_alloc(s->tx.out, seen_cap * sizeof *grown);
			if (ns)
				memcpy(grown, seen, ns * sizeof *grown);
			seen = grown;
		}
		seen[ns++] = peer ? peer->hostname : text(s, "%s", sim_ipstr(s, x->peer_addr));
	}
	if (ns > 1)
		qsort(seen, ns, sizeof *seen, cmp_str);
	dm->owners_seen = seen;
	dm->nowners_seen = ns;
	domain_parts(s, &rr[local_is_a ? 0 : 1], dm, c);
	dm->order_dependent = t0->state != t1->state || t0->has_owner != t1->has_owner ||
			      t0->owner_addr != t1->owner_addr;
	dm->summary = summarize(s, dm);
	if (walk_unsure(rr, c, true))
		dm->summary = text(s,
				   "%s; partial: equal-cost paths beyond the limit of %u branches "
				   "per walk were not walked",
				   dm->summary, TC_MAX_BRANCHES);
	if (ncut)
		dm->summary =
			text(s,
			     "%s; partial: its traces leave out %u flows of overlapping pairs "
			     "(they list at most %u a round)",
			     dm->summary, (unsigned)ncut, TC_MAX_TRACE_OTHERS);
	if (s->hs.convs[c].coarse)
		dm->summary =
			text(s,
			     "%s; partial: the pair splits into more pieces than the limit of %u "
			     "per side and %u per pair; some were walked whole",
			     dm->summary, TC_MAX_PARTS, TC_MAX_PART_PAIRS);
	const char *bad = bad_branch(s, &rr[local_is_a ? 0 : 1].last[c][0]);
	if (bad)
		dm->summary = text(s, "%s; %s", dm->summary, bad);
	dm->hashed = walk_unsure(rr, c, false);
	if (dm->hashed)
		dm->summary =
			text(s,
			     "%s; this single flow takes one of several equal-cost paths, the "
			     "hash's choice (not predicted): the first was walked",
			     dm->summary);
}

void sim_domain_owners(tc_arena *a, const tc_model *m, tc_domain *dm)
{
	dm->owners = NULL;
	dm->nowners = 0;
	if (dm->state == TC_STATE_OSCILLATING) {
		dm->owners = dm->owners_seen;
		dm->nowners = dm->nowners_seen;
	} else if (dm->state == TC_STATE_STABLE && dm->has_owner_addr) {
		const char **v = tc_arena_alloc(a, sizeof *v);
		char ip[TC_IP_STRLEN];
		v[0] = dm->owner ? dm->owner->hostname
				 : tc_arena_strdup(a, tc_ip_format(ip, sizeof ip, dm->owner_addr));
		dm->owners = v;
		dm->nowners = 1;
	}
	/* one-way too: its SA's far end is assumed */
	char buf[256];
	dm->assumed = tc_domain_outside_owners(dm, m, buf, sizeof buf)[0] != '\0';
}

/* ---- the part ------------------------------------------------------------------- */

void tracebuf_fork(struct tracebuf *tb)
{
	*tb = (struct tracebuf){0};
}

void tracebuf_free(struct tracebuf *tb)
{
	free(tb->tbuf);
	*tb = (struct tracebuf){0};
}
