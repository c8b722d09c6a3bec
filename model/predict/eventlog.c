/* eventlog.c: the log of a prediction's events (packed records in chunks), emit(), and the log as
 * traces read it. */
#include "predict_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const tc_rule_info *rule_info(sim *s, const char *rule);

/* The reason codes (tc_reason), in enum order: docs/predictor.md's table and the schema's enum
 * list the same codes (tests/reasons_doc.sh reads this table). */
static const tc_reason_info reasons[TC_REASON_COUNT] = {
	[TC_REASON_DELIVERED] = {"delivered",
				 "the packet reached its destination network or address"},
	[TC_REASON_EXITED] =
		{"exited",
		 "the packet left the snapshot (in clear or encrypted): assumed delivered"},
	[TC_REASON_NO_ROUTE] = {"no-route",
				"a device has no route to the destination; the packet is dropped"},
	[TC_REASON_NULL_ROUTE] = {"null-route",
				  "the route points to a null interface; the packet is dropped"},
	[TC_REASON_NEXT_HOP_DOWN] = {"next-hop-down",
				     "the next hop is a device or interface that is down"},
	[TC_REASON_ROUTING_LOOP] = {"routing-loop", "the packet exceeds the hop limit"},
	[TC_REASON_INBOUND_CLEAR_DROPPED] =
		{"inbound-clear-dropped",
		 "a clear-text packet arriving on a crypto map interface matches a permit line and is dropped"},
	[TC_REASON_CLEAR_NO_ACL_LINE] =
		{"clear-no-acl-line",
		 "no line of the crypto map applied on the egress interface permits the packet: it leaves in clear"},
	[TC_REASON_NAT_BEFORE_CRYPTO] =
		{"nat-before-crypto",
		 "NAT translated the source before the crypto map, which no longer matches: the packet leaves in clear"},
	[TC_REASON_NAT_TRANSLATED] = {"nat-translated",
				      "a NAT rule translates the source before the crypto map"},
	[TC_REASON_NAT_EXEMPT] = {"nat-exempt",
				  "an identity (exemption) NAT rule keeps the real addresses"},
	[TC_REASON_NAT_ROUTE_MAP_SKIPPED] =
		{"nat-route-map-skipped",
		 "a NAT rule selects traffic by route-map, which is not evaluated: assumed not to translate"},
	[TC_REASON_REVERSE_ROUTE] =
		{"reverse-route",
		 "the device routes the destination by a route reverse route injection installed"},
	[TC_REASON_REVERSE_ROUTE_REDISTRIBUTED] =
		{"reverse-route-redistributed",
		 "the route used is another device's reverse route, redistributed by a routing protocol"},
	[TC_REASON_COMPUTED_ROUTE] =
		{"computed-route",
		 "the route used is computed from the routing protocols of the configs"},
	[TC_REASON_EXISTING_SA] =
		{"existing-sa",
		 "the packet is encrypted into an SA that is already up for its proxy pair"},
	[TC_REASON_ANSWER_ONLY] =
		{"answer-only",
		 "the matching entry is answer-only and has no SA: the packet is dropped"},
	[TC_REASON_OUTSIDE_NARROWED_SA] =
		{"outside-narrowed-sa",
		 "the packet is outside the SA an IKEv2 responder narrowed: dropped"},
	[TC_REASON_NARROWED] =
		{"narrowed",
		 "an IKEv2 responder with no line containing the proposal narrows the SA"},
	[TC_REASON_OUTSIDE_SNAPSHOT] =
		{"outside-snapshot",
		 "no device of the snapshot holds the source: its traffic is not walked"},
	[TC_REASON_ROUTER_ORIGINATED] =
		{"router-originated",
		 "the traffic is the routers' own (tunnel endpoints, loopbacks)"},
	[TC_REASON_PEER_UNRESOLVED] =
		{"peer-unresolved",
		 "the entry names its peer by a host name the snapshot does not resolve: not predicted"},
	[TC_REASON_NO_PEER] = {"no-peer", "the entry has no peer to initiate to"},
	[TC_REASON_NO_PEER_ACCEPTS] = {"no-peer-accepts",
				       "every peer of the entry refused: the packet is dropped"},
	[TC_REASON_PEER_OUTSIDE_SNAPSHOT] =
		{"peer-outside-snapshot",
		 "the peer is not in the snapshot and is assumed to answer"},
	[TC_REASON_NO_ROUTE_TO_PEER] = {"no-route-to-peer",
					"the initiator has no route to the peer"},
	[TC_REASON_PEER_ROUTE_ELSEWHERE] =
		{"peer-route-elsewhere",
		 "the route to the peer leaves by another interface than the crypto map's"},
	[TC_REASON_PEER_DOWN] = {"peer-down", "the peer (or its interface) is down"},
	[TC_REASON_IKE_UNREACHABLE] = {"ike-unreachable",
				       "IKE packets between the two gateways do not get through"},
	[TC_REASON_NO_CRYPTO_MAP] =
		{"no-crypto-map",
		 "the peer has no crypto map (nor protected tunnel) where its address lives"},
	[TC_REASON_IKE_NOT_ENABLED] = {"ike-not-enabled",
				       "IKE is not enabled on an end's interface"},
	[TC_REASON_PEER_NOT_LISTED] =
		{"peer-not-listed",
		 "the responder has no entry (or tunnel) that lists the initiator as a peer"},
	[TC_REASON_ACL_NOT_MIRRORED] =
		{"acl-not-mirrored",
		 "the responder lists the initiator but no ACL line contains the proposed proxies"},
	[TC_REASON_ORIGINATE_ONLY] =
		{"originate-only", "the responder's entry is originate-only and does not answer"},
	[TC_REASON_IKEV2_NOT_ACTIVE_PEER] =
		{"ikev2-not-active-peer",
		 "an IKEv2 responder accepts only its current active peer"},
	[TC_REASON_NO_TRANSFORM_SET] = {"no-transform-set", "the two ends share no transform set"},
	[TC_REASON_PFS_MISMATCH] =
		{"pfs-mismatch", "the responder requires a PFS group the initiator does not offer"},
	[TC_REASON_NO_IKEV2_PROFILE] =
		{"no-ikev2-profile",
		 "the responder has no IKEv2 profile matching the initiator's identity"},
	[TC_REASON_AUTH_METHOD_MISMATCH] = {"auth-method-mismatch",
					    "the two ends authenticate with different methods"},
	[TC_REASON_NO_TRUSTPOINT] =
		{"no-trustpoint", "an end authenticates with certificates and has no trustpoint"},
	[TC_REASON_NO_PSK] = {"no-psk", "an end has no pre-shared key for the other"},
	[TC_REASON_PSK_MISMATCH] = {"psk-mismatch", "the pre-shared keys of the two ends differ"},
	[TC_REASON_NO_IKE_POLICY] = {"no-ike-policy", "the two ends have no common IKE policy"},
	[TC_REASON_IKE_VERSION_MISMATCH] = {"ike-version-mismatch",
					    "the two ends speak different IKE versions"},
	[TC_REASON_SA_REPLACED] =
		{"sa-replaced", "a new SA for the same proxy pair replaced this one (latest wins)"},
	[TC_REASON_IKE_DELETE] =
		{"ike-delete", "the other end deletes its side of a replaced SA on the IKE delete"},
	[TC_REASON_TUNNEL_NOT_MODELLED] =
		{"tunnel-not-modelled",
		 "a tunnel's mode or VRF is not modelled; the walk goes on as stated"},
	[TC_REASON_TUNNEL_ENCRYPTED] =
		{"tunnel-encrypted",
		 "the packet is encrypted into a protected tunnel and comes out of its other end"},
	[TC_REASON_TUNNEL_CLEAR] = {"tunnel-clear", "the packet crosses an unprotected GRE tunnel"},
	[TC_REASON_TUNNEL_NO_ADDRESS] = {"tunnel-no-address",
					 "the tunnel has no source or destination address"},
	[TC_REASON_TUNNEL_SOURCE_DOWN] = {"tunnel-source-down",
					  "the tunnel's source address is not up"},
	[TC_REASON_TUNNEL_NO_ROUTE] = {"tunnel-no-route",
				       "there is no route to the tunnel destination"},
	[TC_REASON_TUNNEL_RECURSIVE] =
		{"tunnel-recursive",
		 "the route to the tunnel destination leaves by the tunnel itself"},
	[TC_REASON_TUNNEL_UNREACHABLE] =
		{"tunnel-unreachable", "the tunnel's outer packets do not get through both ways"},
	[TC_REASON_TUNNEL_END_DOWN] =
		{"tunnel-end-down",
		 "a tunnel interface (this end or the other) is shut down or has no address"},
	[TC_REASON_NO_TUNNEL_END] = {"no-tunnel-end",
				     "no device tunnel interface is the other end of the tunnel"},
	[TC_REASON_TUNNEL_MODE_MISMATCH] = {"tunnel-mode-mismatch",
					    "the two tunnel ends differ in mode or protection"},
	[TC_REASON_NO_IPSEC_PROFILE] = {"no-ipsec-profile",
					"a protected tunnel has no (defined) IPsec profile"},
	[TC_REASON_TUNNEL_SELECTORS] =
		{"tunnel-selectors",
		 "with IKEv1 a tunnel end accepts and proposes only its own selectors, which the crypto map's line does not match"},
	[TC_REASON_NO_COMMON_SELECTORS] =
		{"no-common-selectors",
		 "the tunnel's selectors and the proposal have nothing in common"},
	[TC_REASON_DYNAMIC_MAP_EMPTY] =
		{"dynamic-map-empty",
		 "the crypto map's dynamic entry names a dynamic map that has no entries: it answers nothing"},
	[TC_REASON_DYNAMIC_NO_SA] =
		{"dynamic-no-sa",
		 "traffic a dynamic entry would protect has no SA; a dynamic entry never initiates, so it is dropped"},
	[TC_REASON_DYNAMIC_SA] =
		{"dynamic-sa",
		 "traffic no static line permits is carried by an SA accepted through a dynamic entry"},
	[TC_REASON_ECMP_PATHS] =
		{"ecmp-paths",
		 "the flows of the pair spread over equal-cost paths (per-flow load sharing): each distinct branch is walked once"},
	[TC_REASON_ECMP_BRANCH] =
		{"ecmp-branch",
		 "one of the equal-cost paths (with those ending alike), walked on from the hop that shares the load"},
	[TC_REASON_ECMP_ONE_PATH] =
		{"ecmp-one-path",
		 "equal-cost paths exist but only the first is walked (one flow, or --assume ecmp-one-path)"},
	[TC_REASON_ECMP_CUT] =
		{"ecmp-cut",
		 "the walk reached its bound on equal-cost branches; the paths beyond it are not walked"},
};

const tc_reason_info *tc_reason_info_get(tc_reason r)
{
	return r > TC_REASON_NONE && r < TC_REASON_COUNT ? &reasons[r] : NULL;
}

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
static logged *log_add(sim *s, tc_event_kind kind, tc_reason why, const tc_device *dev,
		       const char *rule)
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
	if (s->ev.nlog >= REF_ROUND || (dev && dev->index >= LOG_MAX_DEVICES)) {
		fputs("tunnelcast: the prediction's log is too long (or its devices too many)\n",
		      stderr);
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
	l->reason = why;
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
	logged *l = log_add(s, TC_EV_FORWARD, TC_REASON_NONE, NULL, NULL);
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

void sim_emit(sim *s, tc_event_kind kind, tc_reason why, const tc_device *dev, const char *rule,
	      const char *fmt, ...)
{
	if (kind != TC_EV_FORWARD)
		sim_flush_path(s);
	logged *l = log_add(s, kind, why, dev, rule);
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
	e.reason = l->reason;
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
	s->ev.tlog->round_text = tc_arena_alloc(s->tx.out, ((max_round > 1 ? max_round : 1) + 1) *
								   sizeof *s->ev.tlog->round_text);
	s->ev.tlog->round_text[0] =
		text(s, "%s",
		     "the pair's other pieces whose flows take the same way are not listed again");
	s->ev.tlog->round_text[1] =
		text(s,
		     "more flows of overlapping pairs cross this pair in this round; not listed "
		     "(at most %u a round)",
		     TC_MAX_TRACE_OTHERS);
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
void sim_log_drop_round(sim *s, size_t mark)
{
	log_truncate(s, mark);
}

void sim_log_mark_same(sim *s, size_t lo, size_t hi)
{
	for (size_t k = lo / LOG_CHUNK; k * LOG_CHUNK < hi; k++) {
		log_chunk *ch = &s->ev.log[k];
		size_t base = k * LOG_CHUNK;
		uint32_t from = lo > base ? (uint32_t)(lo - base) : 0;
		size_t a = 0, b = ch->nseg; /* the first segment starting at from or later */
		while (a < b) {
			size_t mid = a + (b - a) / 2;
			if (ch->seg[mid].start < from)
				a = mid + 1;
			else
				b = mid;
		}
		for (; a < ch->nseg && base + ch->seg[a].start < hi; a++)
			ch->seg[a].same = true;
	}
}

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
