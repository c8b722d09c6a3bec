/* rip.c: RIP in the control-plane pass (routing_int.h), on the distance-vector engine of dv.h.
 *
 * Updates: a router sends out of every interface that is up, covered by a (classful) network
 * statement and not passive; a passive interface still listens (IOS). `version 2` sends and
 * accepts version 2 only; `version 1` version 1 only; no version sends version 1 and accepts
 * both (IOS). Timers and authentication are not compared.
 *
 * Metric: hops. A router's own subnet is sent with metric 1, a route it holds with metric M
 * with M + 1; 16 is unreachable, so nothing is installed beyond 15 hops. The equal-cost paths
 * share the traffic up to maximum-paths (4). AD 120 (`distance`).
 *
 * Classful updates: version 1 (also when no version is given, as IOS then sends version 1)
 * carries no masks, so a subnet is sent only out of an interface of the same major network and
 * with the same mask (else dropped), and out of an interface of another major network the
 * classful network is sent instead (with its best component's metric). Version 2 does the
 * latter only with auto-summary (tc_rproc.auto_summary; IOS's default for RIP is on: the
 * parser sets it unless `no auto-summary`). No Null0 route is installed for either.
 *
 * Redistribution: the metric is the route map's `set metric`, else `redistribute ... metric
 * N`, else `default-metric`; without any, IOS redistributes connected and static routes with
 * metric 1 (the first neighbour installs them as if they were the redistributing router's own
 * subnets) and nothing else (the seed metric of other protocols into RIP is infinity). A
 * metric of N is what the first neighbour installs. `default-information originate` sends a
 * default route with metric 1 whatever the RIB holds (IOS RIP has no condition on it). */
#include "dv.h"

#define RIP_AD 120
#define RIP_INFINITY 16

static void rip_setup(const tc_device *d, dv_node *n)
{
	(void)d;
	const tc_rproc *p = n->proc;
	if (p->maximum_paths)
		n->max_paths = p->maximum_paths < DV_MAX_PATHS ? p->maximum_paths : DV_MAX_PATHS;
	n->reshapes = p->rip_version != 2 || p->auto_summary;
}

static unsigned sent_version(const tc_rproc *p)
{
	return p->rip_version == 2 ? 2 : 1;
}

static bool rip_hears(const tc_rproc *n, const tc_iface *i, const tc_rproc *m, const tc_iface *peer)
{
	(void)i;
	return !rt_iface_passive(m, peer) &&
	       (n->rip_version == 0 || n->rip_version == sent_version(m));
}

static void rip_connected(const tc_iface *i, dv_val *v)
{
	(void)i;
	v->delay = 0;
}

static bool rip_seed(rt_pass *rp, const dv_node *n, const tc_redist *rd, const rt_route *r,
		     const rt_setattr *set, dv_val *v)
{
	(void)rp;
	(void)r;
	const tc_rproc *p = n->proc;
	unsigned m;
	if (set->set_metric)
		m = set->metric;
	else if (rd->has_metric)
		m = rd->metric;
	else if (p->default_metric)
		m = p->default_metric;
	else if (rd->from == TC_RP_CONNECTED || rd->from == TC_RP_STATIC)
		m = 1;
	else
		return false;
	if (m >= RIP_INFINITY)
		return false;
	v->delay = m ? m - 1 : 0; /* held one hop closer: the first neighbour installs m */
	return true;
}

static bool rip_extend(const dv_adj *a, dv_val *v)
{
	(void)a;
	v->hops++;
	return ++v->delay < RIP_INFINITY;
}

static uint32_t rip_metric(const dv_node *n, const dv_val *v)
{
	(void)n;
	return v->delay;
}

static dv_shape rip_reshape(const dv_node *n, const tc_iface *out, tc_prefix p, tc_prefix *sum)
{
	if (n->proc->rip_version == 2)
		return n->proc->auto_summary ? dv_auto_summary(out, p, sum) : DV_SEND;
	tc_prefix major = dv_classful(p);
	if (major.len == p.len)
		return DV_SEND; /* a classful network, a supernet, the default route */
	if (!tc_prefix_has(major, out->addr)) {
		*sum = major;
		return DV_SUMMARY;
	}
	return p.len == out->plen ? DV_SEND : DV_DROP; /* the receiver assumes out's mask */
}

static void rip_emit(dv *g, const dv_node *n, tc_prefix p, const dv_state *s)
{
	if (s->o0 < s->o1)
		return; /* its own: connected, redistributed, a summary it sends */
	uint8_t ad = n->proc->distance[0];
	rt_route r = {.dst = p,
		      .vrf = n->proc->vrf,
		      .metric = s->metric,
		      .ad = ad ? ad : RIP_AD,
		      .proto = TC_RP_RIP,
		      .proc = n->proc};
	for (uint32_t k = 0; k < s->nsucc; k++) {
		const dv_adj *a = &g->in.v[s->succ[k]];
		r.nh = a->nh;
		r.iface = a->iface;
		rt_offer(g->rp, n->dev, &r);
	}
}

static const dv_ops rip_ops = {
	.extend = rip_extend,
	.metric = rip_metric,
	.reshape = rip_reshape,
	.emit = rip_emit,
};

static const dv_proto rip_proto = {
	.kind = TC_RP_RIP,
	.setup = rip_setup,
	.hears = rip_hears,
	.connected = rip_connected,
	.seed = rip_seed,
};

void rt_rip_run(rt_pass *rp)
{
	dv g = {.rp = rp, .ops = &rip_ops};
	dv_build(&g, &rip_proto);
	size_t n = g.nodes.n;
	for (uint32_t k = 0; k < n; k++)
		if (g.nodes.v[k].proc->default_originate) {
			dv_val v = {.orig = DV_ORIG_REDIST};
			dv_add_origin(&g, k, tc_prefix_make(0, 0), &v);
		}
	dv_run(&g);
}
