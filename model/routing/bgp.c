/* bgp.c: BGP in the control-plane pass (routing_int.h).
 *
 * A speaker is one BGP process of one device (a VRF address family is a speaker of its own).
 * Each run starts from nothing: the sessions that are up given the previous round's RIBs
 * (rt_bgp_session_state), the routes each speaker originates (network statements whose exact
 * prefix is in the RIB, redistribution, aggregates), then a path-vector propagation one prefix
 * at a time, longest prefixes first (an aggregate is decided once every more specific route is
 * known), in waves: the speakers whose best path changed send it to their peers, which apply
 * their inbound policy and choose again, until nothing changes. Each speaker's best paths are
 * then offered to its RIB with the BGP next hop, recursively resolved for the interface. The
 * run reads the model and the previous RIBs only, and goes through speakers, sessions and
 * prefixes in a fixed order, so its output is a function of them.
 *
 * Not modelled: communities, confederations, cluster lists (an originator check only),
 * allowas-in, third-party next hops, `maximum-paths ibgp`, conditional advertisement. */
#include "routing_int.h"

#include <stdlib.h>
#include <string.h>

#define BGP_WEIGHT_LOCAL 32768 /* IOS: the weight of the routes a router originates */
#define BGP_LP_DEFAULT 100
#define BGP_AD_EXT 20
#define BGP_AD_INT 200
#define BGP_AD_LOCAL 200
#define BGP_NO_SESS UINT32_MAX
#define BGP_MAX_WAVES_EXTRA 16 /* waves beyond the speaker count: a MED oscillation stops */

enum { BGP_SRC_LOCAL, BGP_SRC_EBGP, BGP_SRC_IBGP };
enum { BGP_ORIGIN_IGP = 0, BGP_ORIGIN_INCOMPLETE = 2 };

/* ---- sessions ------------------------------------------------------------------------------ */

const char *rt_bgp_state_name(rt_bgp_state s)
{
	static const char *const names[] = {
		[RT_BGP_UP] = "up",
		[RT_BGP_NO_REMOTE_AS] = "no remote-as",
		[RT_BGP_SHUTDOWN] = "shut down",
		[RT_BGP_NOT_ACTIVATED] = "not activated for IPv4",
		[RT_BGP_NO_PEER] = "no device holds the neighbour's address",
		[RT_BGP_PEER_NO_BGP] = "the neighbour runs no BGP there",
		[RT_BGP_NOT_NAMED_BACK] = "the neighbour has no neighbor statement for us",
		[RT_BGP_AS_MISMATCH] = "remote-as does not match the other side's AS",
		[RT_BGP_UNREACHABLE] = "no route between the two addresses",
		[RT_BGP_NOT_CONNECTED] = "eBGP neighbour not on a shared subnet (no ebgp-multihop)",
	};
	return (unsigned)s < sizeof names / sizeof names[0] && names[s] ? names[s] : "?";
}

/* The device and interface holding ip (not d, not shut down). */
static const tc_device *holder(const tc_model *m, const tc_device *d, uint32_t ip,
			       const tc_iface **iface)
{
	const tc_link_end *v;
	size_t n = tc_addr_holders(m, ip, &v);
	for (size_t k = 0; k < n; k++)
		if (v[k].device != d && !v[k].iface->shutdown) {
			*iface = v[k].iface;
			return v[k].device;
		}
	return NULL;
}

const tc_rproc *rt_bgp_proc(const tc_device *d, const char *vrf)
{
	for (const tc_rproc *p = d->rt ? d->rt->procs : NULL; p; p = p->next)
		if (p->kind == TC_RP_BGP && rt_same_vrf(p->vrf, vrf))
			return p;
	return NULL;
}

static const tc_bgp_nbr *nbr_find(const tc_rproc *p, uint32_t addr)
{
	for (const tc_bgp_nbr *n = p->nbrs; n; n = n->next)
		if (n->addr == addr)
			return n;
	return NULL;
}

/* The address d opens its connection to n from: update-source's, else the egress interface's
 * toward n. 0: none (no route, or update-source without an address). */
static uint32_t source_addr(const tc_device *d, const tc_rproc *p, const tc_bgp_nbr *n,
			    rt_reach_fn *reach, void *payload)
{
	if (n->update_source) {
		const tc_iface *i = tc_iface_find(d, n->update_source);
		return i && i->has_addr && !i->shutdown ? i->addr : 0;
	}
	const tc_iface *i = NULL;
	bool connected;
	if (!reach(d, p->vrf, n->addr, &i, &connected, payload) || !i || !i->has_addr)
		return 0;
	return i->addr;
}

/* Y's neighbour statement that makes a TCP connection with X work: one naming the address X
 * connects from (Y accepts it), or one naming an address of X that Y connects to from the
 * address X names (X accepts it); IOS needs only one of the two directions. */
static const tc_bgp_nbr *named_back(const tc_model *m, const tc_device *x, uint32_t x_src,
				    uint32_t a, const tc_device *y, const tc_rproc *py,
				    rt_reach_fn *reach, void *payload)
{
	const tc_bgp_nbr *n = x_src ? nbr_find(py, x_src) : NULL;
	if (n)
		return n;
	for (n = py->nbrs; n; n = n->next) {
		const tc_iface *i;
		if (holder(m, y, n->addr, &i) == x && source_addr(y, py, n, reach, payload) == a)
			return n;
	}
	return NULL;
}

/* Is ip reachable from d (and on a connected subnet when eBGP is single hop)? */
static rt_bgp_state reach_state(const tc_device *d, const tc_rproc *p, const tc_bgp_nbr *n,
				bool ebgp, rt_reach_fn *reach, void *payload)
{
	const tc_iface *i = NULL;
	bool connected = false;
	if (!reach(d, p->vrf, n->addr, &i, &connected, payload))
		return RT_BGP_UNREACHABLE;
	if (ebgp && !n->ebgp_multihop && !connected)
		return RT_BGP_NOT_CONNECTED;
	return RT_BGP_UP;
}

rt_bgp_state rt_bgp_session_state(const tc_model *m, const tc_device *d, const tc_rproc *p,
				  const tc_bgp_nbr *n, rt_reach_fn *reach, void *payload,
				  rt_bgp_peer *out)
{
	if (!n->remote_as)
		return RT_BGP_NO_REMOTE_AS;
	if (n->shutdown || p->shutdown)
		return RT_BGP_SHUTDOWN;
	const tc_iface *yi;
	const tc_device *y = holder(m, d, n->addr, &yi);
	if (!y)
		return RT_BGP_NO_PEER;
	const tc_rproc *py = rt_bgp_proc(y, yi->vrf);
	if (!py)
		return RT_BGP_PEER_NO_BGP;
	uint32_t src = source_addr(d, p, n, reach, payload);
	const tc_bgp_nbr *ny = named_back(m, d, src, n->addr, y, py, reach, payload);
	if (!ny)
		return RT_BGP_NOT_NAMED_BACK;
	if (n->remote_as != py->id || ny->remote_as != p->id)
		return RT_BGP_AS_MISMATCH;
	if (ny->shutdown || py->shutdown)
		return RT_BGP_SHUTDOWN;
	bool ebgp = p->id != py->id;
	rt_bgp_state s = reach_state(d, p, n, ebgp, reach, payload);
	if (s == RT_BGP_UP)
		s = reach_state(y, py, ny, ebgp, reach, payload);
	if (s != RT_BGP_UP)
		return s;
	if (!n->activated || !ny->activated)
		return RT_BGP_NOT_ACTIVATED;
	if (out)
		*out = (rt_bgp_peer){.d = y, .proc = py, .nbr = ny, .local_addr = ny->addr};
	return RT_BGP_UP;
}

/* The pass's reachability: a route of the previous round's RIB that is not a discard. */
static bool rib_reach(const tc_device *d, const char *vrf, uint32_t ip, const tc_iface **iface,
		      bool *connected, void *payload)
{
	const rt_pass *rp = payload;
	const rt_route *r = rt_lookup(&rp->devs[d->index], vrf, ip);
	if (!r || !r->iface)
		return false;
	*iface = r->iface;
	*connected = r->proto == TC_RP_CONNECTED;
	return true;
}

/* ---- the run's objects ---------------------------------------------------------------------- */

/* An AS path, shared tails: prepending allocates one cell. */
typedef struct bgp_as {
	uint32_t as;
	uint32_t len; /* cells from here to the end */
	const struct bgp_as *next;
} bgp_as;

typedef struct bgp_path {
	uint32_t nh; /* BGP next hop; 0: this speaker (connected, aggregate) */
	uint32_t med, local_pref, weight;
	uint32_t peer_rid;   /* router id of the peer it came from; 0: local */
	uint32_t peer_addr;  /* that peer's address; 0: local */
	uint32_t originator; /* router id of the speaker that brought it into the AS */
	uint32_t igp_metric; /* to the next hop, at the holder */
	uint32_t sess;	     /* the holder's session it came in on; BGP_NO_SESS: local */
	const bgp_as *as_path;
	const tc_iface *iface; /* where the next hop resolves; NULL: local or Null0 */
	uint8_t src;	       /* BGP_SRC_* */
	uint8_t origin;	       /* BGP_ORIGIN_* */
	bool discard;	       /* an aggregate's route to Null0 */
	bool from_client;      /* learned from a route-reflector client */
} bgp_path;

typedef struct bgp_spk {
	rt_dev *dev;
	const tc_rproc *proc;
	uint32_t rid, lp_default;
	size_t sess0, nsess; /* its sessions: run.sess[sess0 .. sess0 + nsess) */
	bool has_aggregates;
	bool sends_ibgp_routes; /* has eBGP peers or route-reflector clients */
	TC_VEC(tc_prefix) held; /* prefixes with a best path, for aggregates */
} bgp_spk;

typedef struct bgp_sess {
	uint32_t peer;	       /* the other speaker */
	uint32_t back;	       /* the other speaker's session to this one */
	const tc_bgp_nbr *nbr; /* this speaker's neighbour statement */
	uint32_t local_addr;   /* this speaker's address in the session */
	bool ibgp;
	uint32_t nh;	     /* the next hop last resolved for what comes in here (0: none) */
	const rt_route *via; /* and its route in this speaker's RIB (NULL: unreachable) */
} bgp_sess;

/* What a speaker originates: a network statement, a redistributed route, an aggregate. */
typedef struct bgp_orig {
	tc_prefix dst;
	uint32_t spk;
	bool aggregate, summary_only;
	bgp_path path;
} bgp_orig;

/* An Adj-RIB-In entry of the prefix being propagated. */
typedef struct bgp_adj {
	bgp_path path;
	int32_t next; /* the speaker's next entry; -1: none */
} bgp_adj;

/* A speaker's state for the prefix being propagated (valid when stamp is the run's). */
typedef struct bgp_cur {
	uint32_t stamp;
	int32_t adj;   /* Adj-RIB-In list; -1: empty */
	int32_t local; /* first local origination (run.orig index); -1: none */
	uint32_t nlocal;
	bool has_best, queued, dirty, suppress;
	bool sent; /* has sent a path on some session (so may have to withdraw it) */
	bgp_path best;
	const bgp_as *exp_as; /* best's path with the speaker's AS in front (eBGP), lazily */
} bgp_cur;

typedef TC_VEC(uint32_t) u32_vec;

typedef struct bgp_run {
	rt_pass *rp;
	tc_arena *arena; /* AS path cells */
	TC_VEC(bgp_spk) spk;
	TC_VEC(bgp_sess) sess;
	TC_VEC(bgp_orig) orig; /* sorted: longest prefix first, then address, speaker */
	uint32_t *dev_spk;     /* the first speaker of device k; dev_spk[k + 1] ends them */
	/* propagation of one prefix */
	bgp_cur *cur;
	uint32_t stamp;
	tc_prefix dst;
	TC_VEC(bgp_adj) adj;
	u32_vec touched, queue, next, dirty;
	u32_vec defaults; /* speakers with a neighbour default-originate */
	u32_vec sum_only; /* orig indexes of the summary-only aggregates */
} bgp_run;

/* ---- speakers and sessions -------------------------------------------------------------------- */

static void add_speakers(bgp_run *run)
{
	rt_pass *rp = run->rp;
	size_t nd = rp->m->ndevs;
	run->dev_spk = tc_xcalloc(nd + 1, sizeof *run->dev_spk);
	for (size_t k = 0; k < nd; k++) {
		run->dev_spk[k] = (uint32_t)run->spk.n;
		const tc_device *d = rp->devs[k].d;
		for (const tc_rproc *p = d->rt ? d->rt->procs : NULL; p; p = p->next) {
			if (p->kind != TC_RP_BGP)
				continue;
			bgp_spk s = {.dev = &rp->devs[k],
				     .proc = p,
				     .rid = rt_router_id(d, p),
				     .lp_default = p->local_pref ? p->local_pref : BGP_LP_DEFAULT,
				     .has_aggregates = p->summaries != NULL};
			TC_VEC_PUSH(run->spk, s);
		}
	}
	run->dev_spk[nd] = (uint32_t)run->spk.n;
}

static uint32_t spk_of(const bgp_run *run, const tc_device *d, const tc_rproc *p)
{
	for (uint32_t s = run->dev_spk[d->index]; s < run->dev_spk[d->index + 1]; s++)
		if (run->spk.v[s].proc == p)
			return s;
	return UINT32_MAX;
}

/* Every speaker's sessions that are up, then each one's way back. */
static void add_sessions(bgp_run *run)
{
	TC_VEC(const tc_bgp_nbr *) peer_nbr = {0};
	for (uint32_t s = 0; s < run->spk.n; s++) {
		bgp_spk *sp = &run->spk.v[s];
		sp->sess0 = run->sess.n;
		for (const tc_bgp_nbr *n = sp->proc->nbrs; n; n = n->next) {
			rt_bgp_peer peer;
			if (rt_bgp_session_state(run->rp->m, sp->dev->d, sp->proc, n, rib_reach,
						 run->rp, &peer) != RT_BGP_UP)
				continue;
			bgp_sess e = {.peer = spk_of(run, peer.d, peer.proc),
				      .back = BGP_NO_SESS,
				      .nbr = n,
				      .local_addr = peer.local_addr,
				      .ibgp = peer.proc->id == sp->proc->id};
			TC_VEC_PUSH(run->sess, e);
			sp->sends_ibgp_routes |= !e.ibgp || n->route_reflector_client;
			TC_VEC_PUSH(peer_nbr, peer.nbr);
			if (n->default_originate &&
			    (!run->defaults.n || run->defaults.v[run->defaults.n - 1] != s))
				TC_VEC_PUSH(run->defaults, s);
		}
		sp->nsess = run->sess.n - sp->sess0;
	}
	for (size_t e = 0; e < run->sess.n; e++) {
		const bgp_spk *q = &run->spk.v[run->sess.v[e].peer];
		for (size_t b = q->sess0; b < q->sess0 + q->nsess; b++)
			if (run->sess.v[b].nbr == peer_nbr.v[e])
				run->sess.v[e].back = (uint32_t)b;
	}
	TC_VEC_FREE(peer_nbr);
}

/* ---- origination ------------------------------------------------------------------------------ */

static bgp_path local_path(const bgp_spk *sp, uint32_t nh, uint32_t med, uint8_t origin)
{
	return (bgp_path){.nh = nh,
			  .med = med,
			  .local_pref = sp->lp_default,
			  .weight = BGP_WEIGHT_LOCAL,
			  .originator = sp->rid,
			  .sess = BGP_NO_SESS,
			  .src = BGP_SRC_LOCAL,
			  .origin = origin};
}

/* A route map's sets on a path (the as-path prepend is the caller's: it depends on the side). */
static void apply_sets(bgp_path *p, const rt_setattr *set)
{
	if (set->set_metric)
		p->med = set->metric;
	if (set->set_local_pref)
		p->local_pref = set->local_pref;
	if (set->set_weight)
		p->weight = set->weight;
}

static void orig_push(bgp_run *run, uint32_t s, tc_prefix dst, const bgp_path *p)
{
	bgp_orig o = {.dst = dst, .spk = s, .path = *p};
	TC_VEC_PUSH(run->orig, o);
}

/* A RIB route of the prefix that is not BGP's own: what a network statement needs. */
static const rt_route *network_source(const bgp_spk *sp, tc_prefix dst)
{
	size_t n;
	const rt_route *r = rt_exact(sp->dev, sp->proc->vrf, dst, &n);
	for (size_t k = 0; k < n; k++)
		if (r[k].proto != TC_RP_BGP)
			return &r[k];
	return NULL;
}

static void originate_networks(bgp_run *run, uint32_t s)
{
	const bgp_spk *sp = &run->spk.v[s];
	for (const tc_rnet *n = sp->proc->nets; n; n = n->next) {
		const rt_route *r = network_source(sp, n->net);
		if (!r)
			continue;
		/* IOS: the BGP table's next hop is the route's (0.0.0.0 when connected) and
		   the MED its IGP metric */
		bgp_path p = local_path(sp, r->nh, r->metric, BGP_ORIGIN_IGP);
		if (n->route_map) {
			rt_setattr set;
			rt_rmap_apply(sp->dev->d, n->route_map, n->net, &set);
			if (!set.permit)
				continue;
			apply_sets(&p, &set);
		}
		orig_push(run, s, n->net, &p);
	}
}

typedef struct redist_ctx {
	bgp_run *run;
	uint32_t spk;
	const tc_redist *rd;
} redist_ctx;

static void redist_one(const rt_route *r, const rt_setattr *set, void *payload)
{
	redist_ctx *c = payload;
	const bgp_spk *sp = &c->run->spk.v[c->spk];
	/* a default route is redistributed only with `default-information originate` (IOS) */
	if (r->dst.len == 0 && !sp->proc->default_originate)
		return;
	bgp_path p = local_path(sp, r->nh, c->rd->has_metric ? c->rd->metric : r->metric,
				BGP_ORIGIN_INCOMPLETE);
	apply_sets(&p, set);
	orig_push(c->run, c->spk, r->dst, &p);
}

/* Aggregates are candidates until their prefix is propagated (aggregate_active()). */
static void originate_aggregates(bgp_run *run, uint32_t s)
{
	const bgp_spk *sp = &run->spk.v[s];
	for (const tc_range *a = sp->proc->summaries; a; a = a->next) {
		bgp_path p = local_path(sp, 0, 0, BGP_ORIGIN_IGP);
		p.discard = true;
		bgp_orig o = {.dst = a->net,
			      .spk = s,
			      .aggregate = true,
			      .summary_only = a->summary_only,
			      .path = p};
		TC_VEC_PUSH(run->orig, o);
	}
}

/* Longest prefix first (aggregates after what they cover), then address, then speaker. */
static int orig_cmp(const void *pa, const void *pb)
{
	const bgp_orig *a = pa, *b = pb;
	if (a->dst.len != b->dst.len)
		return a->dst.len > b->dst.len ? -1 : 1;
	if (a->dst.addr != b->dst.addr)
		return a->dst.addr < b->dst.addr ? -1 : 1;
	if (a->spk != b->spk)
		return a->spk < b->spk ? -1 : 1;
	return (a->aggregate > b->aggregate) - (a->aggregate < b->aggregate);
}

static void originate(bgp_run *run)
{
	for (uint32_t s = 0; s < run->spk.n; s++) {
		const bgp_spk *sp = &run->spk.v[s];
		if (sp->proc->shutdown)
			continue;
		originate_networks(run, s);
		for (const tc_redist *rd = sp->proc->redist; rd; rd = rd->next) {
			redist_ctx c = {.run = run, .spk = s, .rd = rd};
			rt_redist_foreach(run->rp, sp->dev, sp->proc, rd, redist_one, &c);
		}
		originate_aggregates(run, s);
	}
	if (run->defaults.n) { /* a place for 0.0.0.0/0 in the prefix order */
		bgp_orig o = {.spk = UINT32_MAX};
		TC_VEC_PUSH(run->orig, o);
	}
	if (run->orig.n)
		qsort(run->orig.v, run->orig.n, sizeof *run->orig.v, orig_cmp);
	for (size_t k = 0; k < run->orig.n; k++)
		if (run->orig.v[k].summary_only)
			TC_VEC_PUSH(run->sum_only, (uint32_t)k);
}

/* ---- best path ---------------------------------------------------------------------------------- */

static uint32_t first_as(const bgp_path *p)
{
	return p->as_path ? p->as_path->as : 0;
}

static uint32_t as_len(const bgp_path *p)
{
	return p->as_path ? p->as_path->len : 0;
}

#define BGP_CMP(x, y)                                                                              \
	do {                                                                                       \
		if ((x) != (y))                                                                    \
			return (x) < (y) ? -1 : 1;                                                 \
	} while (0)

/* <0 when a is better than b: IOS's best-path steps in order (weight, local preference,
 * locally originated, AS path length, origin, MED within one neighbouring AS, eBGP over iBGP,
 * IGP metric to the next hop, router id, neighbour address). upto_igp: stop after the IGP
 * metric, the steps multipath needs equal. */
static int path_cmp(const bgp_path *a, const bgp_path *b, bool upto_igp)
{
	BGP_CMP(b->weight, a->weight);
	BGP_CMP(b->local_pref, a->local_pref);
	BGP_CMP(a->src != BGP_SRC_LOCAL, b->src != BGP_SRC_LOCAL);
	BGP_CMP(as_len(a), as_len(b));
	BGP_CMP(a->origin, b->origin);
	if (first_as(a) == first_as(b))
		BGP_CMP(a->med, b->med);
	BGP_CMP(a->src == BGP_SRC_IBGP, b->src == BGP_SRC_IBGP);
	BGP_CMP(a->igp_metric, b->igp_metric);
	if (upto_igp)
		return 0;
	BGP_CMP(a->peer_rid, b->peer_rid);
	BGP_CMP(a->peer_addr, b->peer_addr);
	BGP_CMP(a->sess, b->sess);
	return 0;
}

static bool as_path_eq(const bgp_as *a, const bgp_as *b)
{
	for (; a && b; a = a->next, b = b->next) {
		if (a == b)
			return true;
		if (a->as != b->as || a->len != b->len)
			return false;
	}
	return a == b;
}

static bool path_eq(const bgp_path *a, const bgp_path *b)
{
	return a->nh == b->nh && a->med == b->med && a->local_pref == b->local_pref &&
	       a->weight == b->weight && a->peer_rid == b->peer_rid &&
	       a->peer_addr == b->peer_addr && a->originator == b->originator &&
	       a->igp_metric == b->igp_metric && a->sess == b->sess && a->iface == b->iface &&
	       a->src == b->src && a->origin == b->origin && a->discard == b->discard &&
	       a->from_client == b->from_client && as_path_eq(a->as_path, b->as_path);
}

static bgp_cur *cur_get(bgp_run *run, uint32_t s)
{
	bgp_cur *c = &run->cur[s];
	if (c->stamp != run->stamp) {
		*c = (bgp_cur){.stamp = run->stamp, .adj = -1, .local = -1};
		TC_VEC_PUSH(run->touched, s);
	}
	return c;
}

/* Choose s's best path among its local originations and Adj-RIB-In. true: it changed. */
static bool select_best(bgp_run *run, uint32_t s)
{
	bgp_cur *c = &run->cur[s];
	const bgp_path *best = NULL;
	for (uint32_t k = 0; k < c->nlocal; k++) {
		const bgp_path *p = &run->orig.v[(size_t)c->local + k].path;
		if (!best || path_cmp(p, best, false) < 0)
			best = p;
	}
	for (int32_t k = c->adj; k >= 0; k = run->adj.v[k].next) {
		const bgp_path *p = &run->adj.v[k].path;
		if (!best || path_cmp(p, best, false) < 0)
			best = p;
	}
	if (!best) {
		bool was = c->has_best;
		c->has_best = false;
		return was;
	}
	if (c->has_best && path_eq(best, &c->best))
		return false;
	c->best = *best;
	c->has_best = true;
	c->exp_as = NULL;
	return true;
}

/* ---- export and import ---------------------------------------------------------------------------- */

static const bgp_as *as_prepend(bgp_run *run, const bgp_as *tail, uint32_t as, unsigned n)
{
	for (unsigned k = 0; k < n; k++) {
		bgp_as *c = tc_arena_alloc(run->arena, sizeof *c);
		*c = (bgp_as){.as = as, .len = (tail ? tail->len : 0) + 1, .next = tail};
		tail = c;
	}
	return tail;
}

static bool as_path_has(const bgp_as *p, uint32_t as)
{
	for (; p; p = p->next)
		if (p->as == as)
			return true;
	return false;
}

/* What s advertises for the prefix being propagated: `neighbor default-originate`'s route. */
static bgp_path default_route(const bgp_spk *sp)
{
	return local_path(sp, 0, 0, BGP_ORIGIN_IGP);
}

/* May s send its best path on session e? iBGP split horizon (a route reflector passes a
 * client's routes to everyone and the others' to its clients), never back where it came from,
 * not what an active summary-only aggregate suppresses. */
static bool may_send(const bgp_cur *c, const bgp_sess *e, uint32_t ei)
{
	const bgp_path *b = &c->best;
	if (b->sess == ei || (c->suppress && !b->discard))
		return false;
	if (b->src == BGP_SRC_IBGP && e->ibgp)
		return b->from_client || e->nbr->route_reflector_client;
	return true;
}

/* The path s sends on session ei, after its outbound policy. false: nothing (a withdrawal). */
static bool export_path(bgp_run *run, uint32_t s, uint32_t ei, bgp_path *out)
{
	const bgp_spk *sp = &run->spk.v[s];
	const bgp_sess *e = &run->sess.v[ei];
	bgp_cur *c = &run->cur[s];
	bool originate_default = run->dst.len == 0 && e->nbr->default_originate;
	bgp_path p;
	if (originate_default) {
		p = default_route(sp); /* sent whatever the table and the outbound filters say */
	} else {
		if (!c->has_best || !may_send(c, e, ei))
			return false;
		p = c->best;
		if (e->nbr->plist_out && !rt_plist_permits(sp->dev->d, e->nbr->plist_out, run->dst))
			return false;
	}
	rt_setattr set = {.permit = true};
	if (!originate_default && e->nbr->rmap_out) {
		rt_rmap_apply(sp->dev->d, e->nbr->rmap_out, run->dst, &set);
		if (!set.permit)
			return false;
	}
	const bgp_as *path = p.as_path;
	if (set.prepend_n)
		path = as_prepend(run, path, set.prepend_as, set.prepend_n);
	if (!e->ibgp) {
		/* eBGP: next hop self, our AS in front, the MED only of routes from our own AS
		   (one learned from another AS is not passed on: RFC 4271 5.1.4) */
		if (p.as_path)
			p.med = 0;
		if (set.prepend_n)
			path = as_prepend(run, path, sp->proc->id, 1);
		else if (originate_default)
			path = as_prepend(run, path, sp->proc->id, 1);
		else {
			if (!c->exp_as)
				c->exp_as = as_prepend(run, path, sp->proc->id, 1);
			path = c->exp_as;
		}
		p.nh = e->local_addr;
		p.local_pref = BGP_LP_DEFAULT;
		p.originator = 0;
	} else {
		/* iBGP: the next hop is kept (ours when we have none, or next-hop-self, which
		   IOS does not apply to reflected routes) */
		if (!p.nh || (e->nbr->next_hop_self && p.src != BGP_SRC_IBGP))
			p.nh = e->local_addr;
	}
	p.as_path = path;
	if (set.set_metric)
		p.med = set.metric;
	if (set.set_local_pref)
		p.local_pref = set.local_pref;
	*out = p;
	return true;
}

/* r's view of path p received on its session ri: loop checks, inbound policy, next hop
 * resolved in r's RIB. false: rejected (not kept: an inaccessible path is never used). */
static bool import_path(bgp_run *run, uint32_t r, uint32_t ri, bgp_path *p)
{
	const bgp_spk *rs = &run->spk.v[r];
	const bgp_sess *e = &run->sess.v[ri];
	const bgp_spk *from = &run->spk.v[e->peer];
	const tc_device *d = rs->dev->d;
	if (as_path_has(p->as_path, rs->proc->id) || (e->ibgp && p->originator == rs->rid))
		return false;
	if (e->nbr->plist_in && !rt_plist_permits(d, e->nbr->plist_in, run->dst))
		return false;
	p->weight = e->nbr->weight;
	if (!e->ibgp)
		p->local_pref = rs->lp_default;
	if (e->nbr->rmap_in) {
		rt_setattr set;
		rt_rmap_apply(d, e->nbr->rmap_in, run->dst, &set);
		if (!set.permit)
			return false;
		apply_sets(p, &set);
		if (set.prepend_n)
			p->as_path = as_prepend(run, p->as_path, set.prepend_as, set.prepend_n);
	}
	/* a peer's paths mostly share one next hop (in->nh 0: none yet; a path received
	   always has one) */
	bgp_sess *in = &run->sess.v[ri];
	if (in->nh != p->nh) {
		in->nh = p->nh;
		in->via = rt_lookup(rs->dev, rs->proc->vrf, p->nh);
	}
	const rt_route *via = in->via;
	/* IOS drops a path whose next hop is unreachable, is one of our own addresses, or is
	   reached through the very prefix it carries (recursive loop) */
	if (!via || !via->iface || (via->proto == TC_RP_CONNECTED && via->iface->addr == p->nh) ||
	    (via->proto == TC_RP_BGP && via->dst.addr == run->dst.addr &&
	     via->dst.len == run->dst.len))
		return false;
	p->iface = via->iface;
	p->igp_metric = via->proto == TC_RP_CONNECTED ? 0 : via->metric;
	p->src = e->ibgp ? BGP_SRC_IBGP : BGP_SRC_EBGP;
	p->sess = ri;
	p->peer_rid = from->rid;
	p->peer_addr = e->nbr->addr;
	p->from_client = e->nbr->route_reflector_client;
	if (!e->ibgp)
		p->originator = rs->rid;
	p->discard = false;
	return true;
}

/* Store (or remove) r's Adj-RIB-In entry for session ri. true: it changed. */
static bool adj_set(bgp_run *run, uint32_t r, uint32_t ri, const bgp_path *p)
{
	bgp_cur *c = cur_get(run, r);
	int32_t *link = &c->adj;
	while (*link >= 0 && run->adj.v[*link].path.sess != ri)
		link = &run->adj.v[*link].next;
	if (*link >= 0) {
		bgp_adj *a = &run->adj.v[*link];
		if (p && path_eq(&a->path, p))
			return false;
		if (p) {
			a->path = *p;
			return true;
		}
		*link = a->next; /* withdrawn */
		return true;
	}
	if (!p)
		return false;
	bgp_adj a = {.path = *p, .next = -1};
	int32_t at = (int32_t)run->adj.n;
	TC_VEC_PUSH(run->adj, a);
	*link = at; /* (a realloc moved entries, not indexes) */
	return true;
}

/* ---- one prefix ------------------------------------------------------------------------------------- */

static void enqueue(bgp_run *run, u32_vec *q, uint32_t s)
{
	bgp_cur *c = cur_get(run, s);
	if (c->queued)
		return;
	c->queued = true;
	TC_VEC_PUSH(*q, s);
}

/* Has s nothing to send or withdraw: no path sent so far, and none to send now (an iBGP
 * route goes only to eBGP peers and reflector clients)? Spares a full iBGP mesh its square. */
static bool nothing_to_send(const bgp_run *run, uint32_t s)
{
	const bgp_cur *c = &run->cur[s];
	if (c->sent || (run->dst.len == 0 && run->defaults.n))
		return false;
	return !c->has_best || (c->best.src == BGP_SRC_IBGP && !c->best.from_client &&
				!run->spk.v[s].sends_ibgp_routes);
}

/* One wave: the queued speakers send on all their sessions, the receivers choose again. */
static void wave(bgp_run *run)
{
	run->dirty.n = 0;
	for (size_t k = 0; k < run->queue.n; k++) {
		uint32_t s = run->queue.v[k];
		run->cur[s].queued = false;
		if (nothing_to_send(run, s))
			continue;
		const bgp_spk *sp = &run->spk.v[s];
		for (size_t ei = sp->sess0; ei < sp->sess0 + sp->nsess; ei++) {
			const bgp_sess *e = &run->sess.v[ei];
			if (e->back == BGP_NO_SESS)
				continue; /* one-sided: rt_bgp_session_state() is symmetric, so a bug */
			bgp_path p;
			bool sent = export_path(run, s, (uint32_t)ei, &p);
			run->cur[s].sent |= sent;
			bool have = sent && import_path(run, e->peer, e->back, &p);
			if (run->cur[s].sent && adj_set(run, e->peer, e->back, have ? &p : NULL) &&
			    !run->cur[e->peer].dirty) {
				run->cur[e->peer].dirty = true;
				TC_VEC_PUSH(run->dirty, e->peer);
			}
		}
	}
	run->next.n = 0;
	for (size_t k = 0; k < run->dirty.n; k++) {
		uint32_t r = run->dirty.v[k];
		run->cur[r].dirty = false;
		if (select_best(run, r))
			enqueue(run, &run->next, r);
	}
	u32_vec t = run->queue;
	run->queue = run->next;
	run->next = t;
}

/* Is the aggregate of speaker s active: a more specific prefix in its BGP table? */
static bool aggregate_active(const bgp_run *run, uint32_t s, tc_prefix agg)
{
	const bgp_spk *sp = &run->spk.v[s];
	for (size_t k = 0; k < sp->held.n; k++)
		if (sp->held.v[k].len > agg.len && tc_prefix_contains(agg, sp->held.v[k]))
			return true;
	return false;
}

/* Propagate run->dst from its originations orig[lo, hi) with the suppressing speakers given
 * (cur.suppress set by the caller through sup). */
static void propagate(bgp_run *run, size_t lo, size_t hi, const u32_vec *sup)
{
	run->stamp++;
	run->touched.n = run->queue.n = run->adj.n = 0;
	for (size_t k = 0; k < sup->n; k++)
		cur_get(run, sup->v[k])->suppress = true;
	for (size_t k = lo; k < hi; k++) {
		const bgp_orig *o = &run->orig.v[k];
		if (o->spk == UINT32_MAX ||
		    (o->aggregate && !aggregate_active(run, o->spk, o->dst)))
			continue;
		bgp_cur *c = cur_get(run, o->spk);
		if (c->local < 0)
			c->local = (int32_t)k;
		c->nlocal = (uint32_t)(k - (size_t)c->local + 1);
	}
	for (size_t k = lo; k < hi; k++) {
		uint32_t s = run->orig.v[k].spk;
		if (s != UINT32_MAX && run->cur[s].stamp == run->stamp && run->cur[s].nlocal &&
		    select_best(run, s))
			enqueue(run, &run->queue, s);
	}
	if (run->dst.len == 0)
		for (size_t k = 0; k < run->defaults.n; k++)
			enqueue(run, &run->queue, run->defaults.v[k]);
	size_t cap = run->spk.n + BGP_MAX_WAVES_EXTRA;
	for (size_t w = 0; run->queue.n && w < cap; w++)
		wave(run);
	for (size_t k = 0; k < run->queue.n; k++)
		run->cur[run->queue.v[k]].queued = false;
}

/* The speakers whose active summary-only aggregate covers run->dst and that hold it. */
static void suppressors(bgp_run *run, u32_vec *out)
{
	out->n = 0;
	for (size_t k = 0; k < run->sum_only.n; k++) {
		const bgp_orig *o = &run->orig.v[run->sum_only.v[k]];
		if (!o->summary_only || o->dst.len >= run->dst.len ||
		    !tc_prefix_contains(o->dst, run->dst))
			continue;
		const bgp_cur *c = &run->cur[o->spk];
		if (c->stamp == run->stamp && c->has_best)
			TC_VEC_PUSH(*out, o->spk);
	}
}

static uint8_t bgp_ad(const tc_rproc *p, int k, uint8_t def)
{
	return p->distance[k] ? p->distance[k] : def;
}

static void offer_path(bgp_run *run, size_t k_dev, rt_route *r, const bgp_path *p)
{
	bool ebgp = p->src == BGP_SRC_EBGP;
	r->nh = p->nh;
	r->iface = p->iface;
	r->metric = p->med;
	r->ad = ebgp ? bgp_ad(r->proc, 0, BGP_AD_EXT) : bgp_ad(r->proc, 1, BGP_AD_INT);
	r->sub = ebgp ? RT_SUB_BGP_EXT : RT_SUB_BGP_INT;
	rt_offer(run->rp, k_dev, r);
}

/* Offer s's best path (and the equal ones multipath allows) to its RIB. */
static void offer(bgp_run *run, uint32_t s)
{
	const bgp_spk *sp = &run->spk.v[s];
	const bgp_cur *c = &run->cur[s];
	const bgp_path *b = &c->best;
	const tc_rproc *proc = sp->proc;
	rt_route r = {.dst = run->dst, .vrf = proc->vrf, .proto = TC_RP_BGP, .proc = proc};
	if (b->discard) {
		r.ad = bgp_ad(proc, 2, BGP_AD_LOCAL);
		r.sub = RT_SUB_SUMMARY;
		rt_offer(run->rp, (size_t)(sp->dev - run->rp->devs), &r);
		return;
	}
	if (b->src == BGP_SRC_LOCAL)
		return; /* the RIB has the route it comes from */
	size_t k_dev = (size_t)(sp->dev - run->rp->devs);
	offer_path(run, k_dev, &r, b);
	unsigned cap = proc->maximum_paths ? proc->maximum_paths : 1, n = 1;
	if (cap == 1 || b->src != BGP_SRC_EBGP)
		return;
	for (int32_t k = c->adj; k >= 0 && n < cap; k = run->adj.v[k].next) {
		const bgp_path *p = &run->adj.v[k].path;
		/* IOS eBGP multipath: the steps up to the IGP metric equal (so the same AS path
		   length), the same neighbouring AS, eBGP both, another next hop */
		if (p->src != BGP_SRC_EBGP || p->nh == b->nh || path_cmp(p, b, true) != 0 ||
		    first_as(p) != first_as(b))
			continue;
		offer_path(run, k_dev, &r, p);
		n++;
	}
}

/* The prefix of orig[lo, hi): propagate it (again, with summary-only suppression, while the
 * suppressing speakers change), offer the results, remember them for the aggregates. */
static void run_prefix(bgp_run *run, size_t lo, size_t hi)
{
	run->dst = run->orig.v[lo].dst;
	u32_vec sup = {0}, again = {0};
	propagate(run, lo, hi, &sup);
	for (int pass = 0; pass < 3; pass++) {
		suppressors(run, &again);
		if (again.n == sup.n &&
		    (!sup.n || memcmp(again.v, sup.v, sup.n * sizeof *sup.v) == 0))
			break;
		u32_vec t = sup;
		sup = again;
		again = t;
		propagate(run, lo, hi, &sup);
	}
	for (size_t k = 0; k < run->touched.n; k++) {
		uint32_t s = run->touched.v[k];
		if (!run->cur[s].has_best)
			continue;
		offer(run, s);
		if (run->spk.v[s].has_aggregates)
			TC_VEC_PUSH(run->spk.v[s].held, run->dst);
	}
	TC_VEC_FREE(sup);
	TC_VEC_FREE(again);
}

/* ---- the run ---------------------------------------------------------------------------------------- */

static void run_free(bgp_run *run)
{
	for (size_t s = 0; s < run->spk.n; s++)
		TC_VEC_FREE(run->spk.v[s].held);
	TC_VEC_FREE(run->spk);
	TC_VEC_FREE(run->sess);
	TC_VEC_FREE(run->orig);
	TC_VEC_FREE(run->adj);
	TC_VEC_FREE(run->touched);
	TC_VEC_FREE(run->queue);
	TC_VEC_FREE(run->next);
	TC_VEC_FREE(run->dirty);
	TC_VEC_FREE(run->defaults);
	TC_VEC_FREE(run->sum_only);
	free(run->dev_spk);
	free(run->cur);
	if (run->arena)
		tc_arena_free(run->arena);
}

void rt_bgp_run(rt_pass *rp)
{
	bgp_run run = {.rp = rp};
	add_speakers(&run);
	if (!run.spk.n) {
		run_free(&run);
		return;
	}
	run.arena = tc_arena_new();
	if (!run.arena)
		tc_oom();
	add_sessions(&run);
	originate(&run);
	run.cur = tc_xcalloc(run.spk.n, sizeof *run.cur);
	for (size_t lo = 0; lo < run.orig.n;) {
		size_t hi = lo + 1;
		while (hi < run.orig.n && run.orig.v[hi].dst.addr == run.orig.v[lo].dst.addr &&
		       run.orig.v[hi].dst.len == run.orig.v[lo].dst.len)
			hi++;
		run_prefix(&run, lo, hi);
		lo = hi;
	}
	run_free(&run);
}
