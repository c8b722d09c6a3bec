/* rib.c: the control-plane pass's driver (routing_int.h says who does what).
 *
 * Round r: every device's RIB is its connected subnets, its static routes whose next hop
 * resolves through the RIB of round r-1, and what the protocols offer from the RIBs of round
 * r-1; per prefix the lowest administrative distance wins, then the lowest metric, and the
 * paths that tie stay (up to the process's maximum-paths). Round 0 has connected and static
 * only. The rounds stop when no device's RIB changed (a fixed point: redistribution that feeds
 * back ends there, as the lower distance keeps the first source), or after RT_MAX_ROUNDS,
 * which is said. The protocol routes of the final RIB go into the model (d->computed, d->held
 * for VRFs) and the FIB is built from them. */
#include "routing_int.h"
#include "../model_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RT_MAX_ROUNDS 24
#define RT_STATIC_DEPTH 8 /* recursive static next hops */

bool rt_same_vrf(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int vrf_cmp(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (!a || !b)
		return a ? 1 : -1;
	return strcmp(a, b);
}

/* For ordering paths: the interface as engineers name it; "" for Null0. */
static const char *iface_name(const tc_iface *i)
{
	return i ? tc_iface_label(i) : "";
}

/* RIB order: vrf, prefix, distance, metric, next hop, interface. */
static int route_cmp(const void *pa, const void *pb)
{
	const rt_route *a = pa, *b = pb;
	int c = vrf_cmp(a->vrf, b->vrf);
	if (c)
		return c;
	if (a->dst.addr != b->dst.addr)
		return a->dst.addr < b->dst.addr ? -1 : 1;
	if (a->dst.len != b->dst.len)
		return a->dst.len < b->dst.len ? -1 : 1;
	if (a->ad != b->ad)
		return a->ad < b->ad ? -1 : 1;
	if (a->metric != b->metric)
		return a->metric < b->metric ? -1 : 1;
	if (a->nh != b->nh)
		return a->nh < b->nh ? -1 : 1;
	c = strcmp(iface_name(a->iface), iface_name(b->iface));
	if (c)
		return c;
	if (a->proto != b->proto)
		return a->proto < b->proto ? -1 : 1;
	if (a->sub != b->sub)
		return a->sub < b->sub ? -1 : 1;
	return (a->tag > b->tag) - (a->tag < b->tag);
}

static bool route_same(const rt_route *a, const rt_route *b)
{
	return route_cmp(a, b) == 0 && a->proc == b->proc && a->cfg == b->cfg;
}

/* The first route of dev's RIB at or after (vrf, p) in RIB order. */
static size_t rib_lower(const rt_routes *rib, const char *vrf, tc_prefix p)
{
	size_t lo = 0, hi = rib->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const rt_route *r = &rib->v[mid];
		int c = vrf_cmp(r->vrf, vrf);
		if (!c)
			c = r->dst.addr != p.addr ? (r->dst.addr < p.addr ? -1 : 1)
						  : (r->dst.len > p.len) - (r->dst.len < p.len);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const rt_route *rt_exact(const rt_dev *dev, const char *vrf, tc_prefix p, size_t *n)
{
	size_t k = rib_lower(&dev->rib, vrf, p), e = k;
	while (e < dev->rib.n && rt_same_vrf(dev->rib.v[e].vrf, vrf) &&
	       dev->rib.v[e].dst.addr == p.addr && dev->rib.v[e].dst.len == p.len)
		e++;
	*n = e - k;
	return e > k ? &dev->rib.v[k] : NULL;
}

const rt_route *rt_lookup(const rt_dev *dev, const char *vrf, uint32_t ip)
{
	for (int len = 32; len >= 0; len--) {
		size_t n;
		const rt_route *r = rt_exact(dev, vrf, tc_prefix_make(ip, (uint8_t)len), &n);
		if (r)
			return r;
	}
	return NULL;
}

void rt_offer(rt_pass *rp, size_t k, const rt_route *r)
{
	TC_VEC_PUSH(rp->devs[k].out, *r);
}

/* ---- interfaces ---------------------------------------------------------------------------- */

static bool prefix_eq(tc_prefix a, tc_prefix b)
{
	return a.addr == b.addr && a.len == b.len;
}

bool rt_iface_in_proc(const tc_device *d, const tc_iface *i, const tc_rproc *proc, uint32_t *area)
{
	(void)d;
	if (!i->has_addr || !rt_same_vrf(i->vrf, proc->vrf))
		return false;
	if (proc->kind == TC_RP_OSPF && i->rt && i->rt->has_ospf_area &&
	    i->rt->ospf_pid == proc->id) {
		if (area)
			*area = i->rt->ospf_area;
		return true;
	}
	/* the most specific network statement covering the address (IOS since 12.0) */
	const tc_rnet *best = NULL;
	for (const tc_rnet *n = proc->nets; n; n = n->next)
		if (tc_prefix_has(n->net, i->addr) && (!best || n->net.len > best->net.len))
			best = n;
	if (best && area)
		*area = best->area;
	return best != NULL;
}

bool rt_iface_passive(const tc_rproc *proc, const tc_iface *i)
{
	const tc_ifname_list *l = proc->passive_default ? proc->active : proc->passive;
	bool listed = false;
	for (; l && !listed; l = l->next)
		listed = strcasecmp(l->name, i->name) == 0 ||
			 (i->nameif && strcasecmp(l->name, i->nameif) == 0);
	return proc->passive_default ? !listed : listed;
}

static bool is_loopback(const tc_iface *i)
{
	return strncasecmp(i->name, "loopback", 8) == 0;
}

uint32_t rt_router_id(const tc_device *d, const tc_rproc *proc)
{
	if (proc->has_router_id)
		return proc->router_id;
	uint32_t lo = 0, any = 0;
	for (const tc_iface *i = d->ifaces; i; i = i->next) {
		if (!i->has_addr || i->shutdown || !rt_same_vrf(i->vrf, proc->vrf))
			continue;
		if (is_loopback(i) && i->addr > lo)
			lo = i->addr;
		if (i->addr > any)
			any = i->addr;
	}
	return lo ? lo : any;
}

typedef struct if_default {
	const char *prefix;
	unsigned bw_kbps, delay;
} if_default;

/* Longest names first where one is the prefix of another. */
static const if_default if_defaults[] = {
	{"tengigabitethernet", 10000000, 1},
	{"te", 10000000, 1},
	{"gigabitethernet", 1000000, 1},
	{"gi", 1000000, 1},
	{"fastethernet", 100000, 10},
	{"fa", 100000, 10},
	{"ethernet", 10000, 100},
	{"serial", 1544, 2000},
	{"se", 1544, 2000},
	{"tunnel", 100, 5000},
	{"tu", 100, 5000},
	{"loopback", 8000000, 500},
	{"lo", 8000000, 500},
	{"port-channel", 1000000, 1},
	{"vlan", 1000000, 1},
	{"management", 1000000, 1},
	{"virtual-template", 100, 5000},
	{"dialer", 56, 2000},
	{"bvi", 1000000, 1},
};

static const if_default *iface_default(const tc_iface *i)
{
	for (size_t k = 0; k < sizeof if_defaults / sizeof if_defaults[0]; k++)
		if (strncasecmp(i->name, if_defaults[k].prefix, strlen(if_defaults[k].prefix)) == 0)
			return &if_defaults[k];
	return NULL;
}

unsigned rt_iface_bw(const tc_iface *i)
{
	if (i->rt && i->rt->bandwidth_kbps)
		return i->rt->bandwidth_kbps;
	const if_default *def = iface_default(i);
	return def ? def->bw_kbps : 1000000; /* ASA and unknown types: gigabit */
}

unsigned rt_iface_delay(const tc_iface *i)
{
	if (i->rt && i->rt->delay_tens_us)
		return i->rt->delay_tens_us;
	const if_default *def = iface_default(i);
	return def ? def->delay : 1;
}

void rt_link_peers(const rt_pass *rp, const tc_device *d, const tc_iface *i,
		   void (*cb)(size_t k, const tc_iface *peer, void *payload), void *payload)
{
	if (!i->has_addr || i->shutdown || i->plen >= 31) {
		/* a /31 or /32 is not in the model's links: look the other end up by address */
		if (!i->has_addr || i->shutdown || i->plen != 31)
			return;
		uint32_t other = i->addr ^ 1;
		const tc_link_end *v;
		size_t n = tc_addr_holders(rp->m, other, &v);
		for (size_t j = 0; j < n; j++)
			if (v[j].device != d && !v[j].iface->shutdown && v[j].iface->plen == 31)
				cb(v[j].device->index, v[j].iface, payload);
		return;
	}
	tc_prefix net = tc_prefix_make(i->addr, i->plen);
	const tc_model *m = rp->m;
	size_t lo = 0, hi = m->nlinks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tc_prefix_cmp(m->links[mid].subnet, net) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= m->nlinks || !prefix_eq(m->links[lo].subnet, net))
		return;
	const tc_link *l = &m->links[lo];
	for (size_t j = 0; j < l->nends; j++)
		if (l->ends[j].device != d)
			cb(l->ends[j].device->index, l->ends[j].iface, payload);
}

/* ---- notes ---------------------------------------------------------------------------------- */

void rt_note_unmodelled(rt_pass *rp, const tc_device *d, const char *file, unsigned line,
			const char *what, const char *assumed)
{
	tc_device *dd = rp->m->devs[d->index];
	tc_dev_rt *rt = tc_dev_rt_get(rp->m, dd);
	for (const struct tc_rt_unmodelled *u = rt->unmodelled; u; u = u->next)
		if (strcmp(u->feature, what) == 0)
			return;
	tc_rt_unmodelled(rp->m, dd, what, file, line);
	tc_model_diag(rp->m, file, line, 0, TC_SEV_NOTE, "routing-not-modelled", NULL,
		      "%s: %s is not modelled; %s", d->hostname, what, assumed);
}

/* ---- redistribution -------------------------------------------------------------------------- */

static bool source_matches(const rt_route *r, const tc_redist *rd)
{
	if (r->proto != rd->from)
		return false;
	return !rd->from_id || !r->proc || r->proc->id == rd->from_id;
}

void rt_redist_foreach(const rt_pass *rp, const rt_dev *dev, const tc_rproc *proc,
		       const tc_redist *rd,
		       void (*cb)(const rt_route *r, const rt_setattr *set, void *payload),
		       void *payload)
{
	(void)rp;
	const tc_device *d = dev->d;
	rt_setattr set = {.permit = true};
	if (rd->from == TC_RP_CONNECTED) {
		for (const tc_iface *i = d->ifaces; i; i = i->next) {
			if (!i->has_addr || i->shutdown || !rt_same_vrf(i->vrf, proc->vrf))
				continue;
			rt_route r = {.dst = tc_prefix_make(i->addr, i->plen),
				      .iface = i,
				      .vrf = i->vrf,
				      .proto = TC_RP_CONNECTED};
			set = (rt_setattr){.permit = true};
			if (rd->route_map)
				rt_rmap_apply(d, rd->route_map, r.dst, &set);
			if (set.permit)
				cb(&r, &set, payload);
		}
		return;
	}
	const rt_routes *lists[2] = {&dev->rib, rd->from == TC_RP_STATIC ? &dev->rri : NULL};
	for (int l = 0; l < 2; l++) {
		if (!lists[l])
			continue;
		const tc_prefix *last = NULL;
		for (size_t k = 0; k < lists[l]->n; k++) {
			const rt_route *r = &lists[l]->v[k];
			if (!source_matches(r, rd) || r->proc == proc ||
			    !rt_same_vrf(r->vrf, proc->vrf))
				continue;
			if (last && prefix_eq(*last, r->dst))
				continue; /* one redistributed route per prefix */
			last = &r->dst;
			set = (rt_setattr){.permit = true};
			if (rd->route_map)
				rt_rmap_apply(d, rd->route_map, r->dst, &set);
			if (set.permit)
				cb(r, &set, payload);
		}
	}
}

/* ---- the base RIB: connected and static ------------------------------------------------------- */

static void add_connected(rt_routes *v, const tc_device *d)
{
	for (const tc_iface *i = d->ifaces; i; i = i->next) {
		if (!i->has_addr || i->shutdown)
			continue;
		rt_route r = {.dst = tc_prefix_make(i->addr, i->plen),
			      .iface = i,
			      .vrf = i->vrf,
			      .proto = TC_RP_CONNECTED};
		TC_VEC_PUSH(*v, r);
		for (unsigned s = 0; s < i->nsecondary; s++) {
			r.dst = tc_prefix_make(i->secondary[s].addr, i->secondary[s].plen);
			TC_VEC_PUSH(*v, r);
		}
	}
}

/* A static route's path through the previous round's RIB: its interface, or the interface
 * of the route its next hop resolves to (recursively). false: not installed. */
static bool static_path(const rt_dev *dev, const tc_route *s, const tc_iface **out)
{
	const tc_device *d = dev->d;
	if (s->attr->ifname) {
		const tc_iface *i = tc_iface_find(d, s->attr->ifname);
		if (!i) {
			*out = NULL; /* Null0 (or an unknown name, which the FIB reports) */
			return strncasecmp(s->attr->ifname, "null", 4) == 0;
		}
		if (i->shutdown || !i->has_addr)
			return false;
		*out = i;
		return true;
	}
	if (!s->has_nh)
		return false;
	uint32_t nh = s->nh;
	for (int depth = 0; depth < RT_STATIC_DEPTH; depth++) {
		const rt_route *via = rt_lookup(dev, s->attr->vrf, nh);
		if (!via)
			return false;
		if (via->proto == TC_RP_CONNECTED || !via->nh) {
			*out = via->iface;
			return via->iface != NULL;
		}
		nh = via->nh;
	}
	return false;
}

static void add_statics(rt_routes *v, const rt_dev *dev, const tc_route *list)
{
	for (const tc_route *s = list; s; s = tc_route_next(s)) {
		if (s->origin != TC_RT_STATIC || s->dst_unresolved || s->tunneled)
			continue;
		const tc_iface *out;
		if (!static_path(dev, s, &out))
			continue;
		rt_route r = {.dst = s->dst,
			      .nh = s->has_nh ? s->nh : 0,
			      .iface = out,
			      .vrf = s->attr->vrf,
			      .ad = s->distance,
			      .proto = TC_RP_STATIC,
			      .cfg = s};
		TC_VEC_PUSH(*v, r);
	}
}

/* Static reverse routes (`reverse-route static`): the remote proxies of every permit line,
 * via the first peer, for redistribution. Dynamic ones are added by rri_probe(). */
static void add_static_rri(rt_dev *dev)
{
	dev->rri.n = 0;
	for (const tc_entry *e = dev->d->entries; e; e = e->next) {
		if (e->rri != TC_RRI_STATIC || !e->acl || !e->npeers)
			continue;
		const tc_iface *out = tc_map_iface(dev->d, e->map);
		for (const tc_ace *a = e->acl->aces; a; a = a->next) {
			if (!a->permit)
				continue;
			rt_route r = {.dst = a->dst,
				      .nh = e->has_rri_nh ? e->rri_nh : e->peers[0],
				      .iface = out,
				      .ad = (uint8_t)(e->rri_distance ? e->rri_distance : 1),
				      .tag = e->rri_tag,
				      .proto = TC_RP_STATIC,
				      .sub = RT_SUB_STATIC_RRI};
			TC_VEC_PUSH(dev->rri, r);
		}
	}
}

/* ---- best routes ------------------------------------------------------------------------------- */

static unsigned max_paths(const rt_route *r)
{
	if (!r->proc)
		return 16; /* static and connected: every path of the same distance */
	if (r->proc->maximum_paths)
		return r->proc->maximum_paths;
	return r->proto == TC_RP_BGP ? 1 : 4;
}

/* v sorted: keep per (vrf, prefix) the routes of the lowest distance and then metric (as the
 * sort puts them first), at most maximum-paths of them, dropping exact duplicates. */
static void select_best(rt_routes *v)
{
	if (v->n > 1) /* (qsort's array may not be NULL, even empty) */
		qsort(v->v, v->n, sizeof *v->v, route_cmp);
	size_t o = 0;
	for (size_t i = 0; i < v->n;) {
		size_t e = i + 1;
		while (e < v->n && rt_same_vrf(v->v[e].vrf, v->v[i].vrf) &&
		       prefix_eq(v->v[e].dst, v->v[i].dst))
			e++;
		const rt_route *best = &v->v[i];
		unsigned n = 0, cap = max_paths(best);
		for (size_t k = i; k < e && n < cap; k++) {
			const rt_route *r = &v->v[k];
			/* equal paths of one process only: IOS does not share a prefix between two
			 * processes of the same distance (the first to install it keeps it; here
			 * the RIB order, so that the result does not depend on timing) */
			if (r->ad != best->ad || r->metric != best->metric ||
			    r->proto != best->proto || r->proc != best->proc)
				break;
			if (o > 0 && k > i && route_same(&v->v[o - 1], r))
				continue;
			v->v[o++] = *r;
			n++;
		}
		i = e;
	}
	v->n = o;
}

static bool ribs_equal(const rt_routes *a, const rt_routes *b)
{
	if (a->n != b->n)
		return false;
	for (size_t k = 0; k < a->n; k++)
		if (!route_same(&a->v[k], &b->v[k]))
			return false;
	return true;
}

static bool has_procs(const tc_device *d)
{
	return d->rt && d->rt->procs;
}

/* One round: the protocols from the previous RIBs, then every device's new RIB. Returns
 * whether any RIB changed. */
static bool round_run(rt_pass *rp)
{
	size_t nd = rp->m->ndevs;
	for (size_t k = 0; k < nd; k++)
		rp->devs[k].out.n = 0;
	rt_ospf_run(rp);
	rt_eigrp_run(rp);
	rt_rip_run(rp);
	rt_bgp_run(rp);
	bool changed = false;
	rt_routes next = {0};
	for (size_t k = 0; k < nd; k++) {
		rt_dev *dev = &rp->devs[k];
		if (!has_procs(dev->d))
			continue; /* nothing reads the RIB of a device that runs no protocol */
		next.n = 0;
		add_connected(&next, dev->d);
		add_statics(&next, dev, dev->d->routes);
		add_statics(&next, dev, dev->d->held);
		if (dev->out.n) { /* (an empty vector's v is NULL: no memcpy from it) */
			TC_VEC_RESERVE(next, dev->out.n);
			memcpy(next.v + next.n, dev->out.v, dev->out.n * sizeof *next.v);
			next.n += dev->out.n;
		}
		select_best(&next);
		if (!ribs_equal(&next, &dev->rib)) {
			changed = true;
			rt_routes t = dev->rib;
			dev->rib = next;
			next = t;
		}
	}
	TC_VEC_FREE(next);
	rp->round++;
	return changed;
}

/* Rounds until nothing changes. false: no fixed point within RT_MAX_ROUNDS. */
static bool converge(rt_pass *rp)
{
	for (unsigned r = 0; r < RT_MAX_ROUNDS; r++)
		if (!round_run(rp))
			return true;
	return false;
}

/* ---- into the model ----------------------------------------------------------------------------- */

static const char *route_code(const rt_route *r)
{
	switch (r->sub) {
	case RT_SUB_OSPF_INTER:
		return "O IA";
	case RT_SUB_OSPF_E1:
		return "O E1";
	case RT_SUB_OSPF_E2:
		return "O E2";
	case RT_SUB_OSPF_N1:
		return "O N1";
	case RT_SUB_OSPF_N2:
		return "O N2";
	case RT_SUB_EIGRP_EXT:
		return "D EX";
	default:
		break;
	}
	switch (r->proto) {
	case TC_RP_OSPF:
		return "O";
	case TC_RP_EIGRP:
		return "D";
	case TC_RP_BGP:
		return "B";
	case TC_RP_RIP:
		return "R";
	case TC_RP_STATIC:
		return "S";
	default:
		return "C";
	}
}

static tc_route_origin route_origin(const rt_route *r)
{
	switch (r->proto) {
	case TC_RP_OSPF:
		return TC_RT_OSPF;
	case TC_RP_EIGRP:
		return TC_RT_EIGRP;
	case TC_RP_BGP:
		return TC_RT_BGP;
	default:
		return TC_RT_RIP;
	}
}

/* The shared attributes of computed routes: one per (code, interface, vrf). */
typedef struct attr_cache {
	TC_VEC(tc_route_attr *) v;
} attr_cache;

static tc_route_attr *attr_for(tc_model *m, attr_cache *c, const char *code, const char *ifname,
			       const char *vrf)
{
	for (size_t k = 0; k < c->v.n; k++) {
		tc_route_attr *a = c->v.v[k];
		if (strcmp(a->code, code) == 0 && rt_same_vrf(a->vrf, vrf) &&
		    (a->ifname == ifname ||
		     (a->ifname && ifname && strcmp(a->ifname, ifname) == 0)))
			return a;
	}
	tc_route_attr *a = tc_arena_alloc(m->arena, sizeof *a);
	a->code = code;
	a->ifname = ifname;
	a->vrf = vrf;
	TC_VEC_PUSH(c->v, a);
	return a;
}

static tc_route *route_to_model(tc_model *m, tc_device *d, const rt_route *r, attr_cache *c,
				bool held)
{
	const char *ifname = r->iface ? tc_iface_label(r->iface) : "Null0"; /* ASA: nameif */
	tc_route *t = tc_route_add_shared(m, d, route_origin(r), held,
					  attr_for(m, c, route_code(r), ifname, r->vrf));
	t->dst = r->dst;
	t->nh = r->nh;
	t->has_nh = r->nh != 0;
	t->metric = r->metric;
	t->distance = r->ad;
	t->has_ad = true;
	return t;
}

/* A route of the model outside any list (tc_rri_via's), as route_to_model() makes them. */
static tc_route *route_to_model_detached(tc_model *m, const rt_route *r, attr_cache *c)
{
	tc_route *t = tc_arena_alloc(m->arena, sizeof *t);
	t->dst = r->dst;
	t->nh = r->nh;
	t->has_nh = r->nh != 0;
	t->metric = r->metric;
	t->distance = r->ad;
	t->has_ad = true;
	t->origin = (uint8_t)route_origin(r);
	t->attr = attr_for(m, c, route_code(r), r->iface ? tc_iface_label(r->iface) : "Null0",
			   r->vrf);
	return t;
}

static void write_ribs(rt_pass *rp)
{
	for (size_t k = 0; k < rp->m->ndevs; k++) {
		rt_dev *dev = &rp->devs[k];
		attr_cache c = {0};
		for (size_t j = 0; j < dev->rib.n; j++) {
			const rt_route *r = &dev->rib.v[j];
			if (r->proto < TC_RP_OSPF)
				continue;
			route_to_model(rp->m, dev->d, r, &c, r->vrf != NULL);
		}
		TC_VEC_FREE(c.v);
	}
}

/* ---- dynamic reverse routes, redistributed ----------------------------------------------------- */

static bool redistributes_static(const tc_device *d)
{
	for (const tc_rproc *p = d->rt ? d->rt->procs : NULL; p; p = p->next)
		for (const tc_redist *rd = p->redist; rd; rd = rd->next)
			if (rd->from == TC_RP_STATIC)
				return true;
	return false;
}

static bool dynamic_rri(const tc_entry *e)
{
	return e->rri == TC_RRI_DYNAMIC || e->rri == TC_RRI_REMOTE_PEER;
}

/* Probing one dynamic map entry's reverse routes (tc_spoke_lines_foreach's payload). */
struct dyn_probe {
	rt_dev *h;
	const tc_entry *x; /* the dynamic map entry, with `set reverse-route` */
	const tc_iface *out;
	size_t base; /* h->rri.v[base..]: the routes of this probe so far */
};

/* A reverse route to the LAN of a spoke's line: what h installs when the spoke brings up the
 * SA through x (R2.7, R5.1/R5.2). The dynamic map's ACL is not read: a route stands only
 * while h holds an SA for it (walk.c). */
static bool dyn_rri_add(const tc_device *spoke, const tc_entry *e, const tc_ace *a,
			uint32_t hub_addr, void *payload)
{
	struct dyn_probe *p = payload;
	const tc_iface *si = tc_map_iface(spoke, e->map);
	(void)hub_addr;
	if (!si || (p->x->npeers && !tc_entry_lists_peer(p->x, si->addr)))
		return true;
	for (size_t j = p->base; j < p->h->rri.n; j++)
		if (tc_prefix_cmp(p->h->rri.v[j].dst, a->src) == 0)
			return true;
	rt_route r = {.dst = a->src,
		      .nh = p->x->has_rri_nh ? p->x->rri_nh : si->addr,
		      .iface = p->out,
		      .ad = (uint8_t)(p->x->rri_distance ? p->x->rri_distance : 1),
		      .tag = p->x->rri_tag,
		      .proto = TC_RP_STATIC,
		      .sub = RT_SUB_STATIC_RRI,
		      .cfg = (const tc_route *)(const void *)p->x};
	TC_VEC_PUSH(p->h->rri, r);
	return true;
}

/* h's reverse routes for the pairs its spokes propose to its dynamic entries. */
static void dyn_rri_routes(const tc_model *m, rt_dev *h)
{
	for (const tc_entry *e = h->d->entries; e; e = e->next) {
		if (!e->dynamic || !e->dynmap)
			continue;
		for (const tc_entry *x = h->d->dynentries; x; x = x->next)
			if (strcmp(x->map, e->dynmap) == 0 && dynamic_rri(x)) {
				struct dyn_probe p = {h, x, tc_map_iface(h->d, e->map), h->rri.n};
				tc_spoke_lines_foreach(m, h->d, e->map, dyn_rri_add, &p);
			}
	}
}

/* Device h's dynamic reverse routes: what every other device learns when h holds the SAs of
 * all of them (each alone is what the predictor needs; the same protocol carries a prefix
 * the same way whatever else is injected, except where two of h's prefixes are summarised
 * together, which the route's exact prefix keeps apart). Converges from the settled RIBs with
 * the routes injected, records the new routes of the others as tc_rri_via, and puts the
 * settled RIBs back. */
static void rri_probe(rt_pass *rp, size_t hk, rt_routes *saved)
{
	rt_dev *h = &rp->devs[hk];
	size_t base = h->rri.n;
	for (const tc_entry *e = h->d->entries; e; e = e->next) {
		if (!dynamic_rri(e) || !e->acl || !e->npeers)
			continue;
		const tc_iface *out = tc_map_iface(h->d, e->map);
		for (const tc_ace *a = e->acl->aces; a; a = a->next)
			if (a->permit) {
				rt_route r = {
					.dst = a->dst,
					.nh = e->has_rri_nh ? e->rri_nh : e->peers[0],
					.iface = out,
					.ad = (uint8_t)(e->rri_distance ? e->rri_distance : 1),
					.tag = e->rri_tag,
					.proto = TC_RP_STATIC,
					.sub = RT_SUB_STATIC_RRI,
					.cfg = (const tc_route *)(const void *)e};
				TC_VEC_PUSH(h->rri, r);
			}
	}
	dyn_rri_routes(rp->m, h);
	if (h->rri.n == base)
		return;
	size_t nd = rp->m->ndevs;
	for (size_t k = 0; k < nd; k++) {
		saved[k].n = 0;
		TC_VEC_RESERVE(saved[k], rp->devs[k].rib.n);
		if (rp->devs[k].rib.n)
			memcpy(saved[k].v, rp->devs[k].rib.v,
			       rp->devs[k].rib.n * sizeof *saved[k].v);
		saved[k].n = rp->devs[k].rib.n;
	}
	/* the probe RIBs may keep changing where the real ones did not: bounded all the same */
	converge(rp);
	tc_model *m = rp->m;
	for (size_t k = 0; k < nd; k++) {
		if (k == hk)
			continue;
		rt_dev *dev = &rp->devs[k];
		attr_cache c = {0};
		for (size_t j = base; j < h->rri.n; j++) {
			const rt_route *inj = &h->rri.v[j];
			size_t n, n0;
			const rt_route *r = rt_exact(dev, NULL, inj->dst, &n);
			const rt_route *r0 = NULL;
			{
				rt_dev tmp = {.rib = saved[k]};
				r0 = rt_exact(&tmp, NULL, inj->dst, &n0);
			}
			if (!r || r->proto < TC_RP_OSPF || (r0 && route_same(r, r0)))
				continue;
			tc_rri_via *v = tc_arena_alloc(m->arena, sizeof *v);
			v->origin = h->d;
			v->entry = (const tc_entry *)(const void *)inj->cfg;
			v->route = route_to_model_detached(m, r, &c);
			v->iface = r->iface;
			v->next = dev->d->rri_via;
			dev->d->rri_via = v;
		}
		TC_VEC_FREE(c.v);
	}
	h->rri.n = base;
	for (size_t k = 0; k < nd; k++) {
		rt_routes t = rp->devs[k].rib;
		rp->devs[k].rib = saved[k];
		saved[k] = t;
	}
}

/* ---- the pass ------------------------------------------------------------------------------------ */

static bool model_has_routing(const tc_model *m)
{
	for (size_t k = 0; k < m->ndevs; k++)
		if (has_procs(m->devs[k]))
			return true;
	return false;
}

/* What the parser recorded as not modelled: one note per device and feature. */
static void note_parsed_unmodelled(tc_model *m)
{
	for (size_t k = 0; k < m->ndevs; k++) {
		const tc_device *d = m->devs[k];
		for (const struct tc_rt_unmodelled *u = d->rt ? d->rt->unmodelled : NULL; u;
		     u = u->next)
			tc_model_diag(
				m, u->file, u->line, 0, TC_SEV_NOTE, "routing-not-modelled", NULL,
				"%s: %s is not modelled; the routes it would add or change are not in the computed RIB",
				d->hostname, u->feature);
	}
}

/* The pass on a model whose devices are resolved and linked: the RIBs to a fixed point, the
 * routes into the model, the reverse-route probes. */
static void pass_run(tc_model *m)
{
	rt_pass rp = {.m = m, .devs = tc_xcalloc(m->ndevs + 1, sizeof *rp.devs)};
	for (size_t k = 0; k < m->ndevs; k++) {
		rp.devs[k].d = m->devs[k];
		add_static_rri(&rp.devs[k]);
	}
	/* round 0 is connected and static alone (the protocols see empty RIBs) */
	if (!converge(&rp))
		tc_model_diag(
			m, NULL, 0, 0, TC_SEV_WARNING, "routing-no-fixed-point", NULL,
			"the routing protocols did not settle within %d rounds (routes redistributed in a loop?); the RIBs of the last round are used",
			RT_MAX_ROUNDS);
	write_ribs(&rp);
	rt_routes *saved = tc_xcalloc(m->ndevs + 1, sizeof *saved);
	for (size_t k = 0; k < m->ndevs; k++)
		if (redistributes_static(m->devs[k]))
			rri_probe(&rp, k, saved);
	rt_ospf_free(&rp);
	for (size_t k = 0; k < m->ndevs; k++) {
		TC_VEC_FREE(saved[k]);
		TC_VEC_FREE(rp.devs[k].rib);
		TC_VEC_FREE(rp.devs[k].out);
		TC_VEC_FREE(rp.devs[k].rri);
	}
	free(saved);
	free(rp.devs);
}

void tc_routing_compute(tc_model *m, unsigned jobs)
{
	(void)jobs;
	note_parsed_unmodelled(m);
	if (model_has_routing(m))
		pass_run(m);
}

/* Forget d's computed routes: its global list, those of its VRFs in d->held (the static ones
 * stay, in order), and what it learned of other hubs' reverse routes. */
static void forget_computed(tc_model *m, tc_device *d)
{
	d->computed = d->computed_tail = NULL;
	d->rri_via = NULL;
	const tc_route *old = d->held;
	d->held = d->held_tail = NULL;
	for (const tc_route *r = old; r; r = tc_route_next(r)) {
		if (r->origin >= TC_RT_OSPF)
			continue;
		tc_route *n = tc_route_add_shared(m, d, (tc_route_origin)r->origin, true, r->attr);
		bool end = n->chunk_end;
		*n = *r;
		n->chunk_end = end;
	}
}

typedef TC_VEC(tc_iface *) iface_vec;

static void take_down(iface_vec *v, const tc_iface *ci)
{
	tc_iface *i = (tc_iface *)(uintptr_t)ci; /* the model's own: restored by the caller */
	if (i->shutdown)
		return;
	i->shutdown = true;
	TC_VEC_PUSH(*v, i);
}

void tc_routing_fail(tc_model *m, const tc_device *const *devs, size_t ndevs,
		     const tc_iface *const *ifaces, size_t nifaces)
{
	if (!model_has_routing(m) || (ndevs == 0 && nifaces == 0))
		return;
	iface_vec down = {0};
	for (size_t k = 0; k < ndevs; k++)
		for (const tc_iface *i = devs[k]->ifaces; i; i = i->next)
			take_down(&down, i);
	for (size_t k = 0; k < nifaces; k++)
		take_down(&down, ifaces[k]);
	for (size_t k = 0; k < m->ndevs; k++)
		forget_computed(m, m->devs[k]);
	pass_run(m);
	for (size_t k = 0; k < m->ndevs; k++)
		tc_fib_rebuild(m, m->devs[k]);
	for (size_t k = 0; k < down.n; k++)
		down.v[k]->shutdown = false;
	TC_VEC_FREE(down);
}
