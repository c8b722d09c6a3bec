/* eigrp.c: EIGRP in the control-plane pass (routing_int.h), on the distance-vector engine of
 * dv.h.
 *
 * Neighbours: two processes of the same AS whose interfaces share a subnet, both up, covered
 * by a network statement and not passive (a passive interface's subnet is still advertised).
 * K values, authentication, hello timers and MTU are not compared: a neighbourship the
 * configs allow is assumed up.
 *
 * Metric: K1 = K3 = 1 (the others 0), the classic composite
 *     256 * (10^7 / least bandwidth in kbit/s along the path + sum of delays in tens of us)
 * where a router adds the delay, and takes the least bandwidth, of the interface it receives
 * the route on; a router's own subnet starts with that interface's bandwidth and delay (IOS
 * `show ip eigrp topology`). Internal routes win over external ones; equal metrics share the
 * traffic up to maximum-paths (variance is not modelled: unequal paths are not used).
 * Named mode (`router eigrp NAME`) uses wide metrics, and the RIB shows them divided by the
 * rib-scale (128):
 *     (65536 * 10^7 / least bandwidth + 65536 * sum of delays in microseconds) / 128
 * with the classic interface delays (IOS gives interfaces above 1 Gbit/s smaller delays in
 * picoseconds there: not modelled).
 *
 * Redistribution (D EX, AD 170): the seed metric is `redistribute ... metric BW DELAY ...`,
 * else `default-metric`; without either, IOS redistributes connected and static routes with
 * the metric of their interface (a Null0 static: Null0's 10 Gbit/s and no delay) and a route
 * of another EIGRP AS with its own metric (kept here as a delay of that metric over a 10 Gbit/s
 * path: the same metric where it enters, not the same bandwidth further on), and nothing else:
 * OSPF, BGP and RIP routes need a seed metric, without one they are not redistributed. A route
 * map's `set metric` is not applied (its five values are not kept).
 *
 * Stub routers (`eigrp stub` flags, connected and summary by default) send only their own
 * routes of those kinds, never what they learned (no transit); receive-only sends nothing.
 * `ip summary-address eigrp AS P M` on an interface sends P instead of the routes it covers
 * out of that interface, with the best metric among them, and installs P to Null0 (AD 5) on the
 * summarising router while a component exists; auto-summary does the same at classful
 * boundaries (for every interface of another major network; IOS may pass on learned subnets of
 * major networks it has no interface in as they are, which is not modelled). */
#include "dv.h"

#define EIGRP_AD_INT 90
#define EIGRP_AD_EXT 170
#define EIGRP_AD_SUMMARY 5
#define EIGRP_MAX_HOPS 100 /* `metric maximum-hops`, its default */
#define EIGRP_NULL0_BW 10000000u
#define EIGRP_INFINITY 0xFFFFFFFFu
#define EIGRP_WIDE_SCALE 65536u /* named mode: throughput and latency scale */
#define EIGRP_RIB_SCALE 128u	/* named mode: `metric rib-scale`, its default */

static bool has_summaries(const tc_device *d, const tc_rproc *p)
{
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		if (i->rt && i->rt->eigrp_summaries && i->rt->eigrp_summary_as == p->id)
			return true;
	return false;
}

static void eigrp_setup(const tc_device *d, dv_node *n)
{
	const tc_rproc *p = n->proc;
	if (p->maximum_paths)
		n->max_paths = p->maximum_paths < DV_MAX_PATHS ? p->maximum_paths : DV_MAX_PATHS;
	n->reshapes = p->auto_summary || has_summaries(d, p);
	if (!p->stub)
		return;
	unsigned f =
		p->stub_flags ? p->stub_flags : TC_EIGRP_STUB_CONNECTED | TC_EIGRP_STUB_SUMMARY;
	n->transit = false;
	n->advertise = 0;
	if (f & TC_EIGRP_STUB_RECEIVE_ONLY)
		return;
	if (f & TC_EIGRP_STUB_CONNECTED)
		n->advertise |= DV_ORIG_CONNECTED;
	if (f & TC_EIGRP_STUB_STATIC)
		n->advertise |= DV_ORIG_STATIC;
	if (f & TC_EIGRP_STUB_SUMMARY)
		n->advertise |= DV_ORIG_SUMMARY;
	if (f & TC_EIGRP_STUB_REDISTRIBUTED)
		n->advertise |= DV_ORIG_REDIST;
}

static bool eigrp_hears(const tc_rproc *n, const tc_iface *i, const tc_rproc *m,
			const tc_iface *peer)
{
	return n->id == m->id && !rt_iface_passive(n, i) && !rt_iface_passive(m, peer);
}

static void eigrp_connected(const tc_iface *i, dv_val *v)
{
	v->bw = rt_iface_bw(i);
	v->delay = rt_iface_delay(i);
}

static bool eigrp_seed(rt_pass *rp, const dv_node *n, const tc_redist *rd, const rt_route *r,
		       const rt_setattr *set, dv_val *v)
{
	const tc_rproc *p = n->proc;
	const tc_device *d = rp->devs[n->dev].d;
	if (set->set_metric)
		rt_note_unmodelled(rp, d, rd->file, rd->line, "eigrp route-map set metric",
				   "the seed metric is the redistribute line's or default-metric");
	if (rd->has_metric) {
		v->bw = rd->metric;
		v->delay = rd->eigrp_delay;
	} else if (p->eigrp_default_bw) {
		v->bw = p->eigrp_default_bw;
		v->delay = p->eigrp_default_delay;
	} else if (rd->from == TC_RP_CONNECTED || rd->from == TC_RP_STATIC) {
		v->bw = r->iface ? rt_iface_bw(r->iface) : EIGRP_NULL0_BW;
		v->delay = r->iface ? rt_iface_delay(r->iface) : 0;
	} else if (rd->from == TC_RP_EIGRP) {
		rt_note_unmodelled(
			rp, d, rd->file, rd->line,
			"eigrp redistribution between autonomous systems",
			"the route keeps its metric where it enters, over a 10 Gbit/s path");
		v->bw = EIGRP_NULL0_BW;
		v->delay = r->metric / 256 > 1 ? r->metric / 256 - 1 : 0;
	} else {
		return false;
	}
	v->ext = true;
	return v->bw != 0;
}

static bool eigrp_extend(const dv_adj *a, dv_val *v)
{
	if (a->bw < v->bw)
		v->bw = a->bw;
	v->delay += a->delay;
	return ++v->hops <= EIGRP_MAX_HOPS;
}

static uint32_t eigrp_metric(const dv_node *n, const dv_val *v)
{
	if (!v->bw)
		return EIGRP_INFINITY;
	uint64_t m;
	if (n->proc->name) /* named mode: wide metrics, scaled down for the RIB */
		m = ((uint64_t)EIGRP_WIDE_SCALE * 10000000u / v->bw +
		     (uint64_t)v->delay * 10 * EIGRP_WIDE_SCALE) /
		    EIGRP_RIB_SCALE;
	else
		m = 256 * ((uint64_t)(10000000u / v->bw) + v->delay);
	return m < EIGRP_INFINITY ? (uint32_t)m : EIGRP_INFINITY;
}

/* The longest `ip summary-address eigrp` of out (for n's AS) covering p with fewer bits. */
static bool summary_of(const dv_node *n, const tc_iface *out, tc_prefix p, tc_prefix *sum)
{
	if (!out->rt || out->rt->eigrp_summary_as != n->proc->id)
		return false;
	bool found = false;
	for (const tc_range *r = out->rt->eigrp_summaries; r; r = r->next)
		if (r->net.len < p.len && tc_prefix_contains(r->net, p) &&
		    (!found || r->net.len > sum->len)) {
			*sum = r->net;
			found = true;
		}
	return found;
}

static dv_shape eigrp_reshape(const dv_node *n, const tc_iface *out, tc_prefix p, tc_prefix *sum)
{
	if (summary_of(n, out, p, sum))
		return DV_SUMMARY;
	return n->proc->auto_summary ? dv_auto_summary(out, p, sum) : DV_SEND;
}

static uint8_t eigrp_ad(const tc_rproc *p, bool ext)
{
	uint8_t ad = p->distance[ext ? 1 : 0];
	return ad ? ad : ext ? EIGRP_AD_EXT : EIGRP_AD_INT;
}

static void eigrp_emit(dv *g, const dv_node *n, tc_prefix p, const dv_state *s)
{
	rt_route r = {.dst = p,
		      .vrf = n->proc->vrf,
		      .metric = s->metric,
		      .proto = TC_RP_EIGRP,
		      .proc = n->proc};
	if (s->o0 < s->o1) {
		if (!(s->v.orig & DV_ORIG_SUMMARY))
			return;
		r.ad = EIGRP_AD_SUMMARY;
		r.sub = RT_SUB_SUMMARY;
		rt_offer(g->rp, n->dev, &r); /* to Null0 */
		return;
	}
	r.ad = eigrp_ad(n->proc, s->v.ext);
	r.sub = s->v.ext ? RT_SUB_EIGRP_EXT : RT_SUB_EIGRP_INT;
	for (uint32_t k = 0; k < s->nsucc; k++) {
		const dv_adj *a = &g->in.v[s->succ[k]];
		r.nh = a->nh;
		r.iface = a->iface;
		rt_offer(g->rp, n->dev, &r);
	}
}

static const dv_ops eigrp_ops = {
	.extend = eigrp_extend,
	.metric = eigrp_metric,
	.reshape = eigrp_reshape,
	.emit = eigrp_emit,
};

static const dv_proto eigrp_proto = {
	.kind = TC_RP_EIGRP,
	.setup = eigrp_setup,
	.hears = eigrp_hears,
	.connected = eigrp_connected,
	.seed = eigrp_seed,
};

void rt_eigrp_run(rt_pass *rp)
{
	dv g = {.rp = rp, .ops = &eigrp_ops};
	dv_build(&g, &eigrp_proto);
	dv_run(&g);
}
