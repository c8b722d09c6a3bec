/* predict.c: simulate traffic through FIBs and crypto maps to predict SA ownership.
 *
 * Design overview
 * ---------------
 * A domain is one permit ACE of one crypto map entry of one device. Domains
 * whose proxy pairs are the same two prefixes (in either direction) share a
 * conversation: the ASA's 10.26.241.0/24 -> 195.160.0.0/26 line and R2's
 * mirror line are one conversation seen from two ends.
 *
 * The simulation state is the set of phase-2 SAs on every device, keyed by
 * (device, entry, local proxy, remote proxy) with the peer, plus the active
 * peer index of every entry (R3.3). A round walks, for every conversation,
 * one packet from a host of the first side to a host of the other and the
 * reply back, hop by hop through the FIBs (R1.1). Leaving an interface with
 * a crypto map, a packet is matched against the entries (R2.1); it uses an
 * existing SA (R4.4) or the entry initiates to its peers in order from the
 * active one, skipping peers that fail (R3.1, R3.3, R1.5, R2.3, R4.1, R4.7).
 * A successful negotiation installs the SA on both ends; a device that
 * already had an SA for the identical proxy pair with another peer drops
 * that one SA only (R4.3). Rounds repeat until one changes nothing (stable)
 * or the state at the start of a round repeats (oscillating). Everything is
 * run twice: once with each side of every conversation sending first.
 *
 * Events are logged with their run, round and conversation; a domain's trace
 * is its conversation's events in the run where its local side sent first,
 * with unchanged later rounds folded into one line.
 */
#include "predict_int.h"

#include <stdlib.h>
#include <string.h>

#define TC_DEFAULT_ROUNDS 16

const tc_state_info *tc_state_info_get(tc_state s)
{
	static const tc_state_info states[TC_STATE_COUNT] = {
		[TC_STATE_STABLE] = {"stable", "one owner; traffic flows in both directions", true},
		[TC_STATE_STANDBY] = {"standby",
				      "no SA in steady state: another gateway carries the traffic",
				      true},
		[TC_STATE_OSCILLATING] = {"oscillating", "ownership keeps moving between peers",
					  false},
		[TC_STATE_ONE_WAY] = {"one-way",
				      "an SA is up; one direction is delivered, the other lost",
				      false},
		[TC_STATE_DOWN] =
			{"down",
			 "no SA comes up (traffic dropped or in clear), or one is but both directions are lost",
			 false},
	};
	return (unsigned)s < TC_STATE_COUNT ? &states[s] : NULL;
}

const char *tc_state_name(tc_state s)
{
	const tc_state_info *si = tc_state_info_get(s);
	return si ? si->name : "unknown";
}

bool tc_state_healthy(tc_state s)
{
	const tc_state_info *si = tc_state_info_get(s);
	return si && si->ok;
}

const char *tc_event_kind_name(tc_event_kind k)
{
	static const char *const names[] = {"send",   "forward", "match",   "encrypt", "initiate",
					    "reject", "sa-up",	 "sa-drop", "decrypt", "deliver",
					    "drop",   "clear",	 "info"};
	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "unknown";
}

/* The rules applied, with the behaviour spec's confidence in each. */
const tc_rule_info sim_rules[] = {
	{"R1.1", "documented",
	 "routing picks the egress interface first; only a crypto map there is consulted"},
	{"R1.5", "documented",
	 "a peer is usable only if it is routed out of the crypto map's interface"},
	{"R1.2", "documented",
	 "IOS runs NAT before the crypto map: a translated source no longer matches the crypto ACL"},
	{"R1.3", "documented-2nd",
	 "ASA: crypto ACLs see real addresses only when NAT exempts them (identity NAT)"},
	{"R1.7", "documented",
	 "clear text arriving on a crypto interface that a permit line covers is dropped"},
	{"R1.8", "documented",
	 "a packet routed into a tunnel interface comes out of the other end; with tunnel protection or a static VTI it is encrypted on the way"},
	{"R1.9", "documented",
	 "a tunnel is down when its underlay route, its other end or, when protected, the IPsec negotiation between the ends is missing"},
	{"R1.10", "inferred",
	 "traffic to or from a router's own address in a proxy starts at that router; a same-prefix pair runs between the two routers"},
	{"R1.11", "documented",
	 "a tunnel end answers a crypto map peer: IKEv1 only with the tunnel's own selectors (any/any for a static VTI); IKEv2 narrows"},
	{"R2.1", "documented",
	 "entries in sequence order, first matching line; deny moves on to the next entry"},
	{"R2.3", "documented",
	 "an IKEv1 responder needs one permit line containing the proposed proxies; no narrowing"},
	{"R2.7", "documented", "dynamic entries only respond"},
	{"R3.1", "documented", "the first negotiation goes to the first listed peer"},
	{"R3.2", "documented", "IOS `set peer X default`: attempts start at the default peer"},
	{"R3.3", "documented",
	 "on failure the next peer is tried; the peer that succeeded becomes the active one"},
	{"R3.9", "inferred",
	 "accepting an SA as responder does not move the active peer (open question)"},
	{"R3.10", "documented",
	 "ASA connection-type: answer-only never initiates, originate-only does not answer"},
	{"R4.1", "documented", "IKEv1: any listed peer may initiate and is accepted"},
	{"R4.2", "documented-2nd",
	 "IKEv2: the responder accepts a listed peer that authenticates; of several peers, only "
	 "its current active one"},
	{"R4.3", "observed",
	 "a new SA for the same proxy pair replaces the older one from another peer, for that pair only"},
	{"R4.4", "inferred", "an outbound packet with an SA for its proxy pair uses it"},
	{"R4.7", "documented", "a responder with PFS rejects an initiator without it"},
	{"R4.8", "documented", "phase 1 needs a common IKE policy"},
	{"R5.1", "documented",
	 "IOS reverse-route: routes to the remote proxies via the peer while the SA is up (static: always, via the first peer)"},
	{"R5.2", "documented-2nd",
	 "ASA set reverse-route: V routes to the remote proxies while the SA is up"},
	{"L10", "documented", "the peers need a common transform set (IKEv2: IPsec proposal)"},
	{"§6", "inferred",
	 "IKEv2: a listed peer with IKEv2 credentials is accepted; the responder may narrow to "
	 "the overlap of the proposal and its line"},
};

_Static_assert(sizeof sim_rules / sizeof sim_rules[0] < 32, "logged's rule field is too narrow");

const tc_rule_info *tc_rule_info_find(const char *id)
{
	for (size_t i = 0; id && i < sizeof sim_rules / sizeof sim_rules[0]; i++)
		if (strcmp(sim_rules[i].id, id) == 0)
			return &sim_rules[i];
	return NULL;
}

/* Fold one part's outcome into a conversation's: ok only if every part is. */
static void combine(flow_result *agg, flow_result f)
{
	if (f.out == OUT_DROPPED || (f.out == OUT_NOT_WALKED && agg->out != OUT_DROPPED))
		agg->out = f.out;
	agg->encrypted |= f.encrypted;
	agg->plain |= !f.encrypted && f.out != OUT_NOT_WALKED;
	agg->leaked |= f.leaked;
	agg->cut |= f.cut;
	agg->hashed |= f.hashed;
	if (!agg->split_at)
		agg->split_at = f.split_at, agg->bad_branch = f.bad_branch,
		agg->bad_clear = f.bad_clear;
}

/* A walk of a part pair, kept for the pairs of its class (hspace.c's pair_classes) walked after
 * it while the run's state stays as it was when it began. */
typedef struct walk_memo {
	bool set, said; /* said: its records were marked as standing for others */
	uint64_t epoch;
	size_t lo, hi; /* its records */
	flow_result f[2];
} walk_memo;

/* Walk part pair (i, j, q) of conversation c both ways (a first when a_first) into f, or
 * repeat the walk of its class memo holds: parts the same routes, lines and interfaces
 * treat alike, walked in the same state, take the same way (the trace would fold them,
 * judge.c's fold_pieces: the walk's records are marked instead). memo: the
 * conversation's, by class (cv->cls), or unused when it is not classed. */
static void walk_part(sim *s, unsigned c, unsigned i, unsigned j, unsigned q, bool a_first,
		      walk_memo *memo, flow_result f[2])
{
	const conv *cv = &s->hs.convs[c];
	walk_memo *m =
		cv->cls ? &memo[(size_t)cv->cls[(size_t)i * cv->npb + j] * cv->nps + q] : NULL;
	if (m && m->set && m->epoch == s->w.epoch) {
		f[0] = m->f[0];
		f[1] = m->f[1];
		if (!m->said)
			sim_log_mark_same(s, m->lo, m->hi);
		m->said = true;
		return;
	}
	uint64_t epoch = s->w.epoch;
	size_t lo = s->ev.nlog;
	f[a_first ? 0 : 1] = sim_walk_flow(s, c, i, j, q, a_first);
	f[a_first ? 1 : 0] = sim_walk_flow(s, c, i, j, q, !a_first);
	sim_flush_path(s);
	if (m)
		*m = (walk_memo){s->w.epoch == epoch, false, epoch, lo, s->ev.nlog, {f[0], f[1]}};
}

void sim_run(sim *s, unsigned which, unsigned max_rounds, run_result *rr)
{
	walk_memo *memo = tc_xrealloc(NULL, TC_MAX_PART_PAIRS * TC_MAX_SVC_PARTS * sizeof *memo);
	s->w.run = which;
	sim_sa_clear(s);
	memset(s->sat.active, 0, s->sat.nentries * sizeof *s->sat.active);
	/* IOS `set peer X default`: the default peer is where attempts start (R3.2) */
	for (size_t i = 0; i < s->sat.nentries; i++) {
		const tc_entry *e = s->sat.entries[i].entry;
		if (e->default_peer > 0 && (unsigned)e->default_peer < e->npeers)
			s->sat.active[i] = (unsigned)e->default_peer;
	}
	unsigned char **sigs = tc_xrealloc(NULL, (max_rounds + 1) * sizeof *sigs);
	size_t *siglen = tc_xrealloc(NULL, (max_rounds + 1) * sizeof *siglen);
	unsigned *per_round =
		tc_xrealloc(NULL, (max_rounds + 1) * s->hs.nconvs * sizeof *per_round + 1);
	memset(per_round, 0, (max_rounds + 1) * s->hs.nconvs * sizeof *per_round);
	memset(rr, 0, sizeof *rr);
	rr->changed = tc_xzalloc(s->hs.nconvs + 1, sizeof *rr->changed);
	rr->last = tc_xzalloc(s->hs.nconvs + 1, sizeof *rr->last);
	rr->parts = tc_xzalloc(s->hs.nparts + 1, sizeof *rr->parts);
	unsigned r, nsig = 0;
	for (r = 1; r <= max_rounds; r++) {
		s->w.round = r;
		sigs[r] = sim_signature(s, &siglen[r]);
		nsig = r;
		unsigned repeat = 0;
		for (unsigned q = 1; q < r; q++)
			if (siglen[q] == siglen[r] && memcmp(sigs[q], sigs[r], siglen[r]) == 0)
				repeat = q;
		if (repeat) {
			rr->cycle = true;
			rr->cycle_from = repeat;
			r--;
			break;
		}
		s->w.changes = &per_round[r * s->hs.nconvs];
		size_t round_mark = s->ev.nlog;
		for (unsigned c = 0; c < s->hs.nconvs; c++) {
			const conv *cv = &s->hs.convs[c];
			size_t mark = s->ev.nlog;
			flow_result agg[2] = {{.out = OUT_DELIVERED}, {.out = OUT_DELIVERED}};
			if (cv->cls)
				memset(memo, 0, (size_t)cv->ncls * cv->nps * sizeof *memo);
			for (unsigned i = 0; i < cv->npa; i++)
				for (unsigned j = 0; j < cv->npb; j++)
					for (unsigned q = 0; q < cv->nps; q++) {
						flow_result f[2];
						walk_part(s, c, i, j, q, which == 0, memo, f);
						size_t at = cv->part_off +
							    ((size_t)i * cv->npb + j) * cv->nps + q;
						for (int k = 0; k < 2; k++) {
							rr->parts[at][k] = part_of(f[k]);
							combine(&agg[k], f[k]);
						}
					}
			rr->last[c][0] = agg[0];
			rr->last[c][1] = agg[1];
			if (r >= 2 && s->hs.isolated[c] && s->ev.nlog > mark)
				sim_log_drop_unchanged(s, c, mark);
		}
		bool any = false;
		for (unsigned c = 0; c < s->hs.nconvs; c++)
			any |= s->w.changes[c] != 0;
		if (!any && r >= 2) {
			/* no trace shows a later round that changed nothing (build_trace folds
			 * it), and this one changed nothing anywhere: its records go */
			sim_log_drop_round(s, round_mark);
			rr->quiet = r;
		}
		if (!any)
			break;
	}
	if (r > max_rounds)
		r = max_rounds; /* did not settle: treat the tail as the cycle */
	rr->rounds = r;
	if (rr->cycle) {
		for (unsigned q = rr->cycle_from; q <= r; q++)
			for (unsigned c = 0; c < s->hs.nconvs; c++)
				rr->changed[c] += per_round[q * s->hs.nconvs + c];
	} else {
		for (unsigned c = 0; c < s->hs.nconvs; c++)
			rr->changed[c] = per_round[r * s->hs.nconvs + c];
		if (r == max_rounds) {
			bool any = false;
			for (unsigned c = 0; c < s->hs.nconvs; c++)
				any |= rr->changed[c] != 0;
			rr->cycle = any;
			rr->cycle_from = r;
		}
	}
	for (unsigned q = 1; q <= nsig; q++)
		free(sigs[q]);
	free(memo);
	free(sigs);
	free(siglen);
	free(per_round);
	/* the final table, device by device; dev_off[k] is where device k's SAs start */
	rr->sas = tc_xrealloc(NULL, (s->sat.nsas + 1) * sizeof *rr->sas);
	rr->dev_off = tc_xrealloc(NULL, (s->m->ndevs + 1) * sizeof *rr->dev_off);
	rr->nsas = 0;
	for (size_t k = 0; k < s->m->ndevs; k++) {
		rr->dev_off[k] = rr->nsas;
		size_t n = 0;
		for (size_t j = 0; j < s->sat.dev_sas[k].n; j++)
			if (!s->sat.pool[s->sat.dev_sas[k].v[j]].dead)
				rr->sas[rr->nsas + n++] = s->sat.pool[s->sat.dev_sas[k].v[j]];
		/* by entry within the device, for domain_owner() */
		qsort(rr->sas + rr->dev_off[k], n, sizeof *rr->sas, sim_cmp_sa_entry);
		rr->nsas += n;
	}
	rr->dev_off[s->m->ndevs] = rr->nsas;
}

/* The domains of m: the permit lines of its static entries with an ACL, and at most one per
 * pair a spoke proposes to a dynamic entry. */
static size_t count_domains(const sim *s)
{
	const tc_model *m = s->m;
	size_t ndom = 0;
	for (size_t k = 0; k < m->ndevs; k++) {
		for (const tc_entry *e = m->devs[k]->entries; e; e = e->next)
			if (!e->dynamic && e->acl)
				for (const tc_ace *a = e->acl->aces; a; a = a->next)
					ndom += a->permit;
		for (unsigned i = 0; i < s->cm.dev_nmaps[k]; i++)
			ndom += s->cm.dev_maps[k][i].ndp;
	}
	return ndom;
}

/* The conversation of device d's proxy pair local -> remote (sv), d one of its ends. */
static size_t domain_conv(sim *s, const tc_device *d, tc_prefix local, tc_prefix remote, svc sv,
			  size_t *convcap)
{
	size_t c = sim_conv_find_or_add(s, local, remote, sv, convcap);
	conv *cv = &s->hs.convs[c];
	bool local_is_a = tc_prefix_cmp(cv->a, local) == 0;
	if (local_is_a && !cv->start_a)
		cv->start_a = d;
	else if (pfx_eq(cv->a, cv->b) && !cv->start_b && cv->start_a != d)
		cv->start_b = d; /* the same prefix both sides: the second router (R1.10) */
	if (!local_is_a && !cv->start_b)
		cv->start_b = d;
	return c;
}

/* Domain dm of line a (the line-th of e's ACL) on device d, and its conversation. */
static unsigned add_domain(sim *s, tc_domain *dm, const tc_device *d, const tc_entry *e,
			   const tc_ace *a, unsigned line, size_t *convcap)
{
	dm->device = d;
	dm->entry = e;
	dm->ace = a;
	dm->ace_index = line;
	dm->local = a->src;
	dm->remote = a->dst;
	size_t c = domain_conv(s, d, a->src, a->dst, ace_svc(a), convcap);
	conv *cv = &s->hs.convs[c];
	if (a->proto == 0)
		sim_add_svc_parts(s, cv, d, e->map, a, tc_prefix_cmp(cv->a, a->src) == 0);
	return (unsigned)c;
}

static bool same_dyn_pair(const dyn_pair *x, const dyn_pair *y)
{
	return x->set == y->set && pfx_eq(x->local, y->local) && pfx_eq(x->remote, y->remote) &&
	       svc_eq(x->sv, y->sv);
}

/* The dynamic domains of hub d's entry e (`crypto map M 65535 ipsec-isakmp dynamic D`): one
 * per pair its spokes propose (R2.7), the spokes that propose it its possible owners, into
 * p->domains from *di on, their conversations into dconv. The spokes' own domains carry the
 * pair's service parts. */
static void add_dyn_domains(sim *s, tc_prediction *p, const tc_device *d, const tc_entry *e,
			    unsigned *dconv, size_t *di, size_t *convcap)
{
	const map_index *mi = sim_map_find(s, d, e->map);
	for (size_t i = 0; mi && i < mi->ndp;) {
		const dyn_pair *x = &mi->dp[i];
		size_t j = i + 1, nsp = 1;
		for (; j < mi->ndp && same_dyn_pair(x, &mi->dp[j]); j++)
			nsp += mi->dp[j].spoke != mi->dp[j - 1].spoke;
		if (x->set != e) {
			i = j;
			continue;
		}
		const tc_device **sp = tc_arena_alloc(p->arena, nsp * sizeof *sp);
		size_t n = 0;
		for (size_t k = i; k < j; k++)
			if (!n || sp[n - 1] != mi->dp[k].spoke)
				sp[n++] = mi->dp[k].spoke;
		tc_domain *dm = &p->domains[*di];
		*dm = (tc_domain){.device = d,
				  .entry = e,
				  .local = x->local,
				  .remote = x->remote,
				  .dyn_entry = x->dyn,
				  .mirror = x->ace,
				  .spokes = sp,
				  .nspokes = n};
		dconv[(*di)++] = (unsigned)domain_conv(s, d, x->local, x->remote, x->sv, convcap);
		i = j;
	}
}

/* p's domains, in model order (sorted by device, map, seq, line; a dynamic entry's by pair),
 * and each one's conversation in dconv (malloc'd; the caller frees it). */
static unsigned *add_domains(sim *s, tc_prediction *p)
{
	const tc_model *m = s->m;
	size_t ndom = count_domains(s), convcap = 0, di = 0;
	p->domains = tc_arena_alloc(p->arena, (ndom + 1) * sizeof *p->domains);
	unsigned *dconv = tc_xrealloc(NULL, (ndom + 1) * sizeof *dconv);
	for (size_t k = 0; k < m->ndevs; k++)
		for (const tc_entry *e = m->devs[k]->entries; e; e = e->next) {
			if (e->dynamic)
				add_dyn_domains(s, p, m->devs[k], e, dconv, &di, &convcap);
			if (e->dynamic || !e->acl)
				continue;
			unsigned line = 0;
			for (const tc_ace *a = e->acl->aces; a; a = a->next) {
				line++;
				if (!a->permit)
					continue;
				dconv[di] = add_domain(s, &p->domains[di], m->devs[k], e, a, line,
						       &convcap);
				di++;
			}
		}
	p->ndomains = di;
	return dconv;
}

static void run_result_free(run_result *rr)
{
	free(rr->changed);
	free(rr->last);
	free(rr->parts);
	free(rr->dev_off);
	free(rr->sas);
}

void sim_lookups_init(sim *s, const tc_model *m, const tc_predict_opts *opts, tc_arena *out)
{
	*s = (sim){.m = m, .opts = opts};
	textpool_init(&s->tx, out);
	walk_init(&s->w, m, opts);
	sa_table_init(&s->sat, m);
	cmap_index_init(&s->cm, m);
}

/* Free every part of s (the prediction keeps the texts and records, in its arena). */
void sim_free(sim *s)
{
	textpool_free(&s->tx);
	cmap_index_free(&s->cm, s->m);
	hspace_free(&s->hs);
	walk_free(&s->w);
	sa_table_free(&s->sat, s->m);
	eventlog_free(&s->ev);
	tracebuf_free(&s->tb);
}

int tc_predict(tc_prediction **out, const tc_model *m, const tc_predict_opts *opts)
{
	return sim_predict(out, m, opts, false);
}

int sim_predict(tc_prediction **out, const tc_model *m, const tc_predict_opts *opts,
		bool states_only)
{
	*out = NULL;
	if (!m->finalized)
		return TC_ERROR;
	tc_prediction *p = calloc(1, sizeof *p);
	if (!p)
		return TC_ENOMEM;
	p->arena = tc_arena_new();
	if (!p->arena) {
		free(p);
		return TC_ENOMEM;
	}
	unsigned max_rounds = opts && opts->max_rounds ? opts->max_rounds : TC_DEFAULT_ROUNDS;
	unsigned jobs = opts && opts->jobs > 1 ? opts->jobs : 1;
	static const tc_predict_opts no_opts = {0};
	sim s = {.m = m, .opts = opts ? opts : &no_opts, .states_only = states_only};
	textpool_init(&s.tx, p->arena);
	hspace_init(&s.hs);
	walk_init(&s.w, m, s.opts);
	sa_table_init(&s.sat, m);
	side bounds; /* the header-space bounds (model only), beside the rest of the set-up */
	sim_side_start(&bounds, jobs > 1, sim_bounds_thread, &s);
	cmap_index_init(&s.cm, m);
	unsigned *dconv = add_domains(&s, p);
	sim_side_join(&bounds);
	sim_split_convs(&s);

	run_result rr[2];
	sim_index_convs(&s);
	sim_run_both(&s, p, max_rounds, rr, jobs);
	size_t ntun;
	const tc_domain *tun = sim_tunnel_domains(&s, p->arena, &ntun);
	side hist; /* the history by entry and the frees, beside the log's index */
	sim_side_start(&hist, jobs > 1, sim_hist_thread, &s);
	sim_index_log(&s);
	sim_side_join(&hist);

	sim_predict_domains(&s, p, rr, dconv, jobs);
	sim_tunnel_domains_merge(m, p, tun, ntun);
	for (size_t i = 0; i < p->ndomains; i++) {
		sim_domain_owners(p->arena, m, &p->domains[i]);
		p->nstate[p->domains[i].state]++;
	}
	run_result_free(&rr[0]);
	run_result_free(&rr[1]);
	free(dconv);
	sim_free(&s);
	*out = p;
	return 0;
}

void tc_prediction_free(tc_prediction *p)
{
	if (!p)
		return;
	tc_arena_free(p->arena);
	free(p);
}
