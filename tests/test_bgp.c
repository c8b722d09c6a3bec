/* test_bgp.c: BGP in the control-plane pass (model/routing/bgp.c) and the prefix lists and
 * route maps it uses (policy.c), on models built with the builders. Expected values are what
 * IOS prints in `show ip route` for the same configs; each case says why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../model/model.h"
#include "../model/routing.h"
#include "../model/routing/routing_int.h"

static uint32_t ip(const char *s)
{
	unsigned a, b, c, d;
	assert_int_equal(sscanf(s, "%u.%u.%u.%u", &a, &b, &c, &d), 4);
	return (a << 24) | (b << 16) | (c << 8) | d;
}

static tc_prefix pfx(const char *s, uint8_t len)
{
	return tc_prefix_make(ip(s), len);
}

static tc_device *device(tc_model *m, const char *name)
{
	tc_device *d = tc_device_add(m, name, TC_DIALECT_IOS);
	d->hostname = tc_arena_strdup(m->arena, name);
	return d;
}

static tc_iface *iface(tc_model *m, tc_device *d, const char *name, const char *addr, uint8_t len)
{
	tc_iface *i = tc_iface_add(m, d, name);
	i->addr = ip(addr);
	i->plen = len;
	i->has_addr = true;
	return i;
}

static tc_rproc *bgp(tc_model *m, tc_device *d, unsigned as)
{
	return tc_rproc_get(m, d, TC_RP_BGP, as, NULL, NULL);
}

static tc_bgp_nbr *nbr(tc_model *m, tc_rproc *p, const char *addr, unsigned remote_as)
{
	tc_bgp_nbr *n = tc_bgp_nbr_get(m, p, ip(addr));
	n->remote_as = remote_as;
	return n;
}

static void network(tc_model *m, tc_rproc *p, const char *addr, uint8_t len)
{
	tc_rnet_add(m, p)->net = pfx(addr, len);
}

static void static_route(tc_model *m, tc_device *d, const char *dst, uint8_t len, const char *nh)
{
	tc_route *r = tc_route_add(m, d, TC_RT_STATIC);
	r->dst = pfx(dst, len);
	if (nh) {
		r->nh = ip(nh);
		r->has_nh = true;
	} else {
		r->attr->ifname = "Null0";
	}
}

static void router_id(tc_rproc *p, const char *rid)
{
	p->has_router_id = true;
	p->router_id = ip(rid);
}

/* The computed route of d for dst/len (the first), or NULL. */
static const tc_route *computed(const tc_device *d, const char *dst, uint8_t len)
{
	tc_prefix p = pfx(dst, len);
	for (const tc_route *r = d->computed; r; r = tc_route_next(r))
		if (r->dst.addr == p.addr && r->dst.len == p.len)
			return r;
	return NULL;
}

static size_t ncomputed(const tc_device *d, const char *dst, uint8_t len)
{
	tc_prefix p = pfx(dst, len);
	size_t n = 0;
	for (const tc_route *r = d->computed; r; r = tc_route_next(r))
		n += r->dst.addr == p.addr && r->dst.len == p.len;
	return n;
}

/* d's route for dst/len is `B [ad/metric] via nh, ifname`. */
static void assert_bgp(const tc_device *d, const char *dst, uint8_t len, unsigned ad,
		       unsigned metric, const char *nh, const char *ifname)
{
	const tc_route *r = computed(d, dst, len);
	assert_non_null(r);
	assert_int_equal(r->origin, TC_RT_BGP);
	assert_string_equal(r->attr->code, "B");
	assert_int_equal(r->distance, ad);
	assert_int_equal(r->metric, metric);
	if (nh) {
		assert_true(r->has_nh);
		assert_int_equal(r->nh, ip(nh));
	} else {
		assert_false(r->has_nh);
	}
	assert_string_equal(r->attr->ifname, ifname);
}

/* assert_bgp() when present, else no route for dst/len at all. */
static void assert_bgp_if(bool present, const tc_device *d, const char *dst, uint8_t len,
			  unsigned ad, unsigned metric, const char *nh, const char *ifname)
{
	if (present)
		assert_bgp(d, dst, len, ad, metric, nh, ifname);
	else
		assert_null(computed(d, dst, len));
}

/* ---- topologies ----------------------------------------------------------------------------- */

/* R1 (AS 65001) Gi0/0 10.0.12.1/30 -- ISP (AS 65000) Gi0/0 10.0.12.2/30; the ISP has
 * 8.8.8.0/24 on Gi0/1 and announces it with a network statement. */
typedef struct lab {
	tc_model *m;
	tc_device *r1, *isp, *r3;
	tc_rproc *b1, *bisp, *b3;
	tc_bgp_nbr *r1_isp, *isp_r1, *r1_r3, *r3_r1;
} lab;

static lab ebgp_lab(void)
{
	lab l = {.m = tc_model_new()};
	l.r1 = device(l.m, "R1");
	l.isp = device(l.m, "ISP");
	iface(l.m, l.r1, "GigabitEthernet0/0", "10.0.12.1", 30);
	iface(l.m, l.isp, "GigabitEthernet0/0", "10.0.12.2", 30);
	iface(l.m, l.isp, "GigabitEthernet0/1", "8.8.8.1", 24);
	l.b1 = bgp(l.m, l.r1, 65001);
	l.bisp = bgp(l.m, l.isp, 65000);
	l.r1_isp = nbr(l.m, l.b1, "10.0.12.2", 65000);
	l.isp_r1 = nbr(l.m, l.bisp, "10.0.12.1", 65001);
	network(l.m, l.bisp, "8.8.8.0", 24);
	return l;
}

/* ebgp_lab plus R3 (AS 65001) behind R1: R1 Gi0/1 10.0.13.1/30 -- R3 Gi0/1 10.0.13.2/30, iBGP. */
static lab ibgp_lab(void)
{
	lab l = ebgp_lab();
	l.r3 = device(l.m, "R3");
	iface(l.m, l.r1, "GigabitEthernet0/1", "10.0.13.1", 30);
	iface(l.m, l.r3, "GigabitEthernet0/1", "10.0.13.2", 30);
	l.b3 = bgp(l.m, l.r3, 65001);
	l.r1_r3 = nbr(l.m, l.b1, "10.0.13.2", 65001);
	l.r3_r1 = nbr(l.m, l.b3, "10.0.13.1", 65001);
	return l;
}

/* One side of a session between loopbacks: the device, its neighbour statement, its
 * loopback address and its address on the link between the two. */
typedef struct lo_end {
	tc_device *d;
	tc_bgp_nbr *nbr;
	const char *lo, *link;
} lo_end;

/* Loopback0 on both, a static route to the other's loopback over the link, the neighbour
 * statements naming the loopbacks. */
static void peer_loopbacks(tc_model *m, lo_end a, lo_end b)
{
	iface(m, a.d, "Loopback0", a.lo, 32);
	iface(m, b.d, "Loopback0", b.lo, 32);
	static_route(m, a.d, b.lo, 32, b.link);
	static_route(m, b.d, a.lo, 32, a.link);
	a.nbr->addr = ip(b.lo);
	b.nbr->addr = ip(a.lo);
}

/* `route-map NAME permit 10` of d, to fill in. */
static tc_rmap_clause *clause(tc_model *m, tc_device *d, const char *name)
{
	return tc_rmap_clause_get(m, tc_rmap_get(m, d, name), 10, true);
}

/* `neighbor ... route-map MED out` on d with `set metric med`. */
static void med_out(tc_model *m, tc_device *d, tc_bgp_nbr *n, unsigned med)
{
	tc_rmap_clause *c = clause(m, d, "MED");
	c->set_metric = true;
	c->metric = med;
	n->rmap_out = "MED";
}

/* ISPB (AS 65000 like the ISP) on R1's Gi0/1, 10.0.13.0/30, announcing 8.8.8.0/24 (a static
 * to Null0): the device goes to *dev, its neighbour statement for R1 to *out. */
static tc_rproc *add_isp_b(lab *l, tc_device **dev, tc_bgp_nbr **out)
{
	tc_device *b = *dev = device(l->m, "ISPB");
	iface(l->m, l->r1, "GigabitEthernet0/1", "10.0.13.1", 30);
	iface(l->m, b, "GigabitEthernet0/1", "10.0.13.2", 30);
	static_route(l->m, b, "8.8.8.0", 24, NULL);
	tc_rproc *bb = bgp(l->m, b, 65000);
	network(l->m, bb, "8.8.8.0", 24);
	*out = nbr(l->m, bb, "10.0.13.1", 65001);
	nbr(l->m, l->b1, "10.0.13.2", 65000);
	return bb;
}

static void finalize(tc_model *m)
{
	assert_int_equal(tc_model_finalize(m), 0);
}

/* ---- sessions and origination ------------------------------------------------------------- */

/* eBGP routes have AD 20 and the MED as metric (0: the ISP's connected route has IGP metric 0,
 * which IOS copies into the MED); the next hop is the peer's address on the link. */
static void ebgp_network_is_learned(void **state)
{
	(void)state;
	lab l = ebgp_lab();
	finalize(l.m);
	assert_bgp(l.r1, "8.8.8.0", 24, 20, 0, "10.0.12.2", "GigabitEthernet0/0");
	const tc_fib_entry *fe = tc_fib_lookup(l.r1, ip("8.8.8.8"));
	assert_non_null(fe);
	assert_int_equal(fe->len, 24);
	assert_string_equal(tc_fib_iface(l.r1, fe)->name, "GigabitEthernet0/0");
	/* the ISP's own network is not a BGP route there: its connected route wins (IOS shows
	   only C/L for it) */
	assert_null(computed(l.isp, "8.8.8.0", 24));
	tc_model_free(l.m);
}

/* `network 8.8.0.0 mask 255.255.0.0` needs exactly 8.8.0.0/16 in the RIB: a /24 inside it is
 * not enough (IOS does not originate it). */
static void network_needs_the_exact_prefix(void **state)
{
	(void)state;
	lab l = ebgp_lab();
	l.bisp->nets->net = pfx("8.8.0.0", 16);
	finalize(l.m);
	assert_null(computed(l.r1, "8.8.0.0", 16));
	assert_null(computed(l.r1, "8.8.8.0", 24));
	tc_model_free(l.m);
}

/* A session with a wrong remote-as or without the other side's neighbor statement never
 * leaves Active in IOS: no routes. */
static void session_down_without_matching_config(void **state)
{
	(void)state;
	lab l = ebgp_lab();
	l.r1_isp->remote_as = 65099;
	finalize(l.m);
	assert_null(computed(l.r1, "8.8.8.0", 24));
	tc_model_free(l.m);

	l = ebgp_lab();
	l.isp_r1->addr = ip("10.0.12.9"); /* the ISP names someone else */
	finalize(l.m);
	assert_null(computed(l.r1, "8.8.8.0", 24));
	tc_model_free(l.m);
}

static bool fib_reach(const tc_device *d, const char *vrf, uint32_t addr, const tc_iface **out,
		      bool *connected, void *payload)
{
	(void)vrf;
	(void)payload;
	const tc_fib_entry *fe = tc_fib_lookup(d, addr);
	if (!fe || !fe->iface)
		return false;
	*out = tc_fib_iface(d, fe);
	*connected = fe->route == NULL;
	return true;
}

/* The reason lint will print for a one-sided neighbour. */
static void session_state_says_why(void **state)
{
	(void)state;
	lab l = ebgp_lab();
	l.r1_isp->remote_as = 65099;
	tc_bgp_nbr *ghost = nbr(l.m, l.b1, "10.0.99.1", 65000);
	finalize(l.m);
	assert_int_equal(rt_bgp_session_state(l.m, l.r1, l.b1, l.r1_isp, fib_reach, NULL, NULL),
			 RT_BGP_AS_MISMATCH);
	assert_int_equal(rt_bgp_session_state(l.m, l.r1, l.b1, ghost, fib_reach, NULL, NULL),
			 RT_BGP_NO_PEER);
	l.r1_isp->remote_as = 65000;
	rt_bgp_peer peer;
	assert_int_equal(rt_bgp_session_state(l.m, l.r1, l.b1, l.r1_isp, fib_reach, NULL, &peer),
			 RT_BGP_UP);
	assert_ptr_equal(peer.d, l.isp);
	assert_int_equal(peer.local_addr, ip("10.0.12.1"));
	l.isp_r1->shutdown = true;
	assert_int_equal(rt_bgp_session_state(l.m, l.r1, l.b1, l.r1_isp, fib_reach, NULL, NULL),
			 RT_BGP_SHUTDOWN);
	tc_model_free(l.m);
}

/* eBGP between loopbacks without ebgp-multihop stays down in IOS (the peer is not on a
 * connected subnet); with it, the session comes up and the next hop is the loopback. */
static void ebgp_multihop_needed_between_loopbacks(void **state)
{
	(void)state;
	for (int multihop = 0; multihop < 2; multihop++) {
		lab l = ebgp_lab();
		peer_loopbacks(l.m, (lo_end){l.r1, l.r1_isp, "1.1.1.1", "10.0.12.1"},
			       (lo_end){l.isp, l.isp_r1, "2.2.2.2", "10.0.12.2"});
		l.r1_isp->update_source = "Loopback0";
		l.isp_r1->update_source = "Loopback0";
		l.r1_isp->ebgp_multihop = l.isp_r1->ebgp_multihop = multihop ? 2 : 0;
		finalize(l.m);
		assert_bgp_if(multihop, l.r1, "8.8.8.0", 24, 20, 0, "2.2.2.2",
			      "GigabitEthernet0/0");
		tc_model_free(l.m);
	}
}

/* ---- iBGP next hops ---------------------------------------------------------------------------- */

/* R1 passes the ISP's route to R3 with the ISP's next hop (IOS keeps it over iBGP): R3 has no
 * route to 10.0.12.2, so the path is inaccessible and not installed; with a static route to
 * the link it is, at AD 200, via 10.0.12.2 out of the interface the static resolves to. */
static void ibgp_next_hop_must_resolve(void **state)
{
	(void)state;
	lab l = ibgp_lab();
	finalize(l.m);
	assert_null(computed(l.r3, "8.8.8.0", 24));
	tc_model_free(l.m);

	l = ibgp_lab();
	static_route(l.m, l.r3, "10.0.12.0", 30, "10.0.13.1");
	finalize(l.m);
	assert_bgp(l.r3, "8.8.8.0", 24, 200, 0, "10.0.12.2", "GigabitEthernet0/1");
	const tc_fib_entry *fe = tc_fib_lookup(l.r3, ip("8.8.8.8"));
	assert_non_null(fe);
	assert_string_equal(tc_fib_iface(l.r3, fe)->name, "GigabitEthernet0/1");
	tc_model_free(l.m);
}

/* next-hop-self: R3 gets R1's address as next hop, reachable on the shared link. */
static void next_hop_self(void **state)
{
	(void)state;
	lab l = ibgp_lab();
	l.r1_r3->next_hop_self = true;
	finalize(l.m);
	assert_bgp(l.r3, "8.8.8.0", 24, 200, 0, "10.0.13.1", "GigabitEthernet0/1");
	tc_model_free(l.m);
}

/* iBGP split horizon: R3 does not pass what it learned from R1 to R4 (another iBGP peer),
 * unless R4 is its route-reflector client. */
static void ibgp_split_horizon_and_reflection(void **state)
{
	(void)state;
	for (int rr = 0; rr < 2; rr++) {
		lab l = ibgp_lab();
		l.r1_r3->next_hop_self = true;
		tc_device *r4 = device(l.m, "R4");
		iface(l.m, l.r3, "GigabitEthernet0/2", "10.0.34.1", 30);
		iface(l.m, r4, "GigabitEthernet0/2", "10.0.34.2", 30);
		static_route(l.m, r4, "10.0.13.0", 30, "10.0.34.1");
		tc_rproc *b4 = bgp(l.m, r4, 65001);
		nbr(l.m, b4, "10.0.34.1", 65001);
		nbr(l.m, l.b3, "10.0.34.2", 65001)->route_reflector_client = rr;
		finalize(l.m);
		/* reflected, the next hop stays R1's */
		assert_bgp_if(rr, r4, "8.8.8.0", 24, 200, 0, "10.0.13.1", "GigabitEthernet0/2");
		tc_model_free(l.m);
	}
}

/* iBGP between loopbacks (statics to them): IOS needs one direction of the TCP connection to
 * work. With `update-source Loopback0` on R1 alone, R1 connects from 1.1.1.1, which R3 names:
 * up, and next-hop-self gives 1.1.1.1. Without it on either side each connects from its link
 * address, which the other does not name: the session stays down. */
static void ibgp_between_loopbacks_needs_update_source(void **state)
{
	(void)state;
	for (int upd = 0; upd < 2; upd++) {
		lab l = ibgp_lab();
		peer_loopbacks(l.m, (lo_end){l.r1, l.r1_r3, "1.1.1.1", "10.0.13.1"},
			       (lo_end){l.r3, l.r3_r1, "3.3.3.3", "10.0.13.2"});
		l.r1_r3->next_hop_self = true;
		if (upd)
			l.r1_r3->update_source = "Loopback0";
		finalize(l.m);
		assert_bgp_if(upd, l.r3, "8.8.8.0", 24, 200, 0, "1.1.1.1", "GigabitEthernet0/1");
		tc_model_free(l.m);
	}
}

/* `neighbor 10.0.12.1 default-originate` on the ISP sends 0.0.0.0/0 though the ISP has no
 * default route itself. */
static void default_originate_from_the_provider(void **state)
{
	(void)state;
	lab l = ebgp_lab();
	l.isp_r1->default_originate = true;
	finalize(l.m);
	assert_bgp(l.r1, "0.0.0.0", 0, 20, 0, "10.0.12.2", "GigabitEthernet0/0");
	assert_null(computed(l.isp, "0.0.0.0", 0));
	tc_model_free(l.m);
}

/* ---- best path ------------------------------------------------------------------------------------ */

/* R1 dual-homed: ISP (65000) announces 8.8.8.0/24, ISP2 (65020) peers with both and passes
 * it on, so R1 has [65000] via the ISP and [65020 65000] via ISP2. */
typedef struct dual {
	lab l;
	tc_device *isp2;
	tc_rproc *b2;
	tc_bgp_nbr *r1_isp2, *isp2_r1, *isp_isp2;
} dual;

static dual dual_lab(void)
{
	dual x = {.l = ebgp_lab()};
	tc_model *m = x.l.m;
	x.isp2 = device(m, "ISP2");
	iface(m, x.l.r1, "GigabitEthernet0/2", "10.0.22.1", 30);
	iface(m, x.isp2, "GigabitEthernet0/2", "10.0.22.2", 30);
	iface(m, x.l.isp, "GigabitEthernet0/3", "10.0.33.1", 30);
	iface(m, x.isp2, "GigabitEthernet0/3", "10.0.33.2", 30);
	x.b2 = bgp(m, x.isp2, 65020);
	x.r1_isp2 = nbr(m, x.l.b1, "10.0.22.2", 65020);
	x.isp2_r1 = nbr(m, x.b2, "10.0.22.1", 65001);
	nbr(m, x.b2, "10.0.33.1", 65000);
	x.isp_isp2 = nbr(m, x.l.bisp, "10.0.33.2", 65020);
	return x;
}

/* The shorter AS path wins by default; `set local-preference 200` inbound on ISP2's routes
 * wins over it (local preference comes before the AS path length). */
static void local_preference_beats_a_shorter_as_path(void **state)
{
	(void)state;
	dual x = dual_lab();
	finalize(x.l.m);
	assert_bgp(x.l.r1, "8.8.8.0", 24, 20, 0, "10.0.12.2", "GigabitEthernet0/0");
	tc_model_free(x.l.m);

	x = dual_lab();
	tc_rmap_clause *c = clause(x.l.m, x.l.r1, "PREFER-ISP2");
	c->set_local_pref = true;
	c->local_pref = 200;
	x.r1_isp2->rmap_in = "PREFER-ISP2";
	finalize(x.l.m);
	assert_bgp(x.l.r1, "8.8.8.0", 24, 20, 0, "10.0.22.2", "GigabitEthernet0/2");
	tc_model_free(x.l.m);
}

/* `neighbor 10.0.22.2 weight 100`: weight is the first step, before local preference and AS
 * path length, so ISP2's longer path wins (the routes of other neighbours have weight 0). */
static void neighbour_weight_wins_first(void **state)
{
	(void)state;
	dual x = dual_lab();
	x.r1_isp2->weight = 100;
	tc_rmap_clause *c = clause(x.l.m, x.l.r1, "LP");
	c->set_local_pref = true;
	c->local_pref = 500; /* on the ISP's path: still loses to the weight */
	x.l.r1_isp->rmap_in = "LP";
	finalize(x.l.m);
	assert_bgp(x.l.r1, "8.8.8.0", 24, 20, 0, "10.0.22.2", "GigabitEthernet0/2");
	tc_model_free(x.l.m);
}

/* The ISP prepends its AS twice toward R1: [65000 65000 65000] is longer than ISP2's
 * [65020 65000], so R1 goes through ISP2. */
static void as_path_prepend_moves_traffic(void **state)
{
	(void)state;
	dual x = dual_lab();
	tc_rmap_clause *c = clause(x.l.m, x.l.isp, "PREPEND");
	c->prepend_n = 2;
	c->prepend_as = 65000;
	x.l.isp_r1->rmap_out = "PREPEND";
	finalize(x.l.m);
	assert_bgp(x.l.r1, "8.8.8.0", 24, 20, 0, "10.0.22.2", "GigabitEthernet0/2");
	tc_model_free(x.l.m);
}

/* `neighbor 10.0.12.2 prefix-list IN in` denying 8.8.8.0/24: R1 takes ISP2's longer path. */
static void prefix_list_in_denies(void **state)
{
	(void)state;
	dual x = dual_lab();
	tc_plist *pl = tc_plist_get(x.l.m, x.l.r1, "IN");
	tc_plist_entry *e = tc_plist_entry_add(x.l.m, pl, 5);
	e->net = pfx("8.8.8.0", 24);
	e->permit = false;
	e = tc_plist_entry_add(x.l.m, pl, 10);
	e->net = pfx("0.0.0.0", 0);
	e->le = 32;
	e->permit = true;
	x.l.r1_isp->plist_in = "IN";
	finalize(x.l.m);
	assert_bgp(x.l.r1, "8.8.8.0", 24, 20, 0, "10.0.22.2", "GigabitEthernet0/2");
	assert_int_equal(ncomputed(x.l.r1, "8.8.8.0", 24), 1);
	tc_model_free(x.l.m);
}

/* The ISP (10.0.12.2) and ISPB (10.0.13.2), both AS 65000, announce 8.8.8.0/24 with MED 50
 * and 10. Same neighbouring AS, so IOS compares the MED, before the router id: ISPB's 10 wins
 * whichever of the two has the lower router id (swapped in the second run). */
static void med_decides_within_one_neighbour_as(void **state)
{
	(void)state;
	for (int swap = 0; swap < 2; swap++) {
		lab l = ebgp_lab();
		tc_device *b;
		tc_bgp_nbr *b_r1;
		tc_rproc *bb = add_isp_b(&l, &b, &b_r1);
		router_id(l.bisp, swap ? "1.1.1.1" : "9.9.9.9");
		router_id(bb, swap ? "9.9.9.9" : "1.1.1.1");
		med_out(l.m, l.isp, l.isp_r1, 50);
		med_out(l.m, b, b_r1, 10);
		finalize(l.m);
		assert_bgp(l.r1, "8.8.8.0", 24, 20, 10, "10.0.13.2", "GigabitEthernet0/1");
		tc_model_free(l.m);
	}
}

/* The ISP and ISPB (both AS 65000) announce 8.8.8.0/24 alike: with `maximum-paths 2` IOS
 * installs both eBGP paths (same neighbouring AS, AS path, origin, MED); with the default of 1,
 * the one best path. */
static void ebgp_multipath(void **state)
{
	(void)state;
	for (unsigned paths = 1; paths <= 2; paths++) {
		lab l = ebgp_lab();
		tc_device *b;
		tc_bgp_nbr *b_r1;
		add_isp_b(&l, &b, &b_r1);
		l.b1->maximum_paths = paths == 2 ? 2 : 0;
		finalize(l.m);
		assert_int_equal(ncomputed(l.r1, "8.8.8.0", 24), paths);
		tc_model_free(l.m);
	}
}

/* R1 learns 8.8.8.0/24 from the ISP (eBGP, [65000], MED 50) and from R3 (iBGP, [65020] MED 0
 * from R3's own provider, next-hop-self). Equal up to the MED, which IOS does not compare
 * between different neighbouring ASes; then eBGP wins, though R3's router id is lower and its
 * MED too. The route shows the MED: [20/50]. */
static void ebgp_over_ibgp(void **state)
{
	(void)state;
	lab l = ibgp_lab();
	l.r3_r1->next_hop_self = true;
	router_id(l.b3, "0.0.0.1");
	router_id(l.bisp, "9.9.9.9");
	tc_device *p2 = device(l.m, "P2");
	iface(l.m, l.r3, "GigabitEthernet0/0", "10.0.35.1", 30);
	iface(l.m, p2, "GigabitEthernet0/0", "10.0.35.2", 30);
	iface(l.m, p2, "GigabitEthernet0/1", "8.8.8.1", 24); /* anycast */
	tc_rproc *bp2 = bgp(l.m, p2, 65020);
	network(l.m, bp2, "8.8.8.0", 24);
	nbr(l.m, bp2, "10.0.35.1", 65001);
	nbr(l.m, l.b3, "10.0.35.2", 65020);
	med_out(l.m, l.isp, l.isp_r1, 50);
	finalize(l.m);
	assert_bgp(l.r1, "8.8.8.0", 24, 20, 50, "10.0.12.2", "GigabitEthernet0/0");
	/* and R3 likewise prefers its own eBGP path over R1's iBGP one */
	assert_bgp(l.r3, "8.8.8.0", 24, 20, 0, "10.0.35.2", "GigabitEthernet0/0");
	tc_model_free(l.m);
}

/* R2 and R3 (iBGP peers of R1, AS 65001) both originate 10.9.0.0/16 (a static to Null0):
 * two iBGP paths equal down to the IGP metric (both next hops connected), so the lower router
 * id wins: R3's 1.1.1.1, though R2's neighbour address is the lower one. (For two eBGP paths
 * IOS would keep the older one first, which a config cannot tell.) */
static void router_id_breaks_the_tie(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *r1 = device(m, "R1"), *r2 = device(m, "R2"), *r3 = device(m, "R3");
	iface(m, r1, "GigabitEthernet0/0", "10.0.12.1", 30);
	iface(m, r2, "GigabitEthernet0/0", "10.0.12.2", 30);
	iface(m, r1, "GigabitEthernet0/1", "10.0.13.1", 30);
	iface(m, r3, "GigabitEthernet0/1", "10.0.13.2", 30);
	tc_rproc *b1 = bgp(m, r1, 65001), *b2 = bgp(m, r2, 65001), *b3 = bgp(m, r3, 65001);
	router_id(b2, "2.2.2.2");
	router_id(b3, "1.1.1.1");
	nbr(m, b1, "10.0.12.2", 65001);
	nbr(m, b1, "10.0.13.2", 65001);
	nbr(m, b2, "10.0.12.1", 65001);
	nbr(m, b3, "10.0.13.1", 65001);
	static_route(m, r2, "10.9.0.0", 16, NULL);
	static_route(m, r3, "10.9.0.0", 16, NULL);
	network(m, b2, "10.9.0.0", 16);
	network(m, b3, "10.9.0.0", 16);
	finalize(m);
	assert_bgp(r1, "10.9.0.0", 16, 200, 0, "10.0.13.2", "GigabitEthernet0/1");
	assert_int_equal(ncomputed(r1, "10.9.0.0", 16), 1);
	tc_model_free(m);
}

/* `aggregate-address 192.168.0.0 255.255.0.0 summary-only` on R1 with 192.168.1.0/24 and
 * 192.168.2.0/24 in BGP: R1 installs `B 192.168.0.0/16 [200/0] via 0.0.0.0, Null0`, the ISP
 * gets the /16 alone. Without summary-only the /24s go too. */
static void aggregate_summary_only(void **state)
{
	(void)state;
	for (int summary_only = 0; summary_only < 2; summary_only++) {
		lab l = ebgp_lab();
		iface(l.m, l.r1, "GigabitEthernet0/1", "192.168.1.1", 24);
		iface(l.m, l.r1, "GigabitEthernet0/2", "192.168.2.1", 24);
		network(l.m, l.b1, "192.168.1.0", 24);
		network(l.m, l.b1, "192.168.2.0", 24);
		tc_range *a = tc_range_add(l.m, &l.b1->summaries);
		a->net = pfx("192.168.0.0", 16);
		a->summary_only = summary_only;
		finalize(l.m);
		const tc_route *r = computed(l.r1, "192.168.0.0", 16);
		assert_non_null(r);
		assert_int_equal(r->distance, 200);
		assert_false(r->has_nh);
		assert_string_equal(r->attr->ifname, "Null0");
		assert_bgp(l.isp, "192.168.0.0", 16, 20, 0, "10.0.12.1", "GigabitEthernet0/0");
		if (summary_only)
			assert_null(computed(l.isp, "192.168.1.0", 24));
		else
			assert_bgp(l.isp, "192.168.1.0", 24, 20, 0, "10.0.12.1",
				   "GigabitEthernet0/0");
		tc_model_free(l.m);
	}
}

/* No more specific route in BGP: the aggregate is not announced (IOS). */
static void aggregate_needs_a_more_specific(void **state)
{
	(void)state;
	lab l = ebgp_lab();
	tc_range *a = tc_range_add(l.m, &l.b1->summaries);
	a->net = pfx("192.168.0.0", 16);
	finalize(l.m);
	assert_null(computed(l.r1, "192.168.0.0", 16));
	assert_null(computed(l.isp, "192.168.0.0", 16));
	tc_model_free(l.m);
}

/* ISP redistributes connected (origin incomplete, `?`), ISP2 announces the same prefix with a
 * network statement (origin IGP, `i`); AS paths are one AS each and the MED is not compared
 * (different neighbouring ASes), so origin IGP wins though the ISP's router id is lower. */
static void redistributed_origin_loses_to_igp(void **state)
{
	(void)state;
	dual x = dual_lab();
	/* ISP2 does not pass the ISP's route on here: both announce their own */
	x.isp_isp2->shutdown = true;
	x.l.bisp->nets = NULL;
	tc_redist_add(x.l.m, x.l.bisp)->from = TC_RP_CONNECTED;
	router_id(x.l.bisp, "1.1.1.1");
	router_id(x.b2, "9.9.9.9");
	static_route(x.l.m, x.isp2, "8.8.8.0", 24, NULL);
	network(x.l.m, x.b2, "8.8.8.0", 24);
	finalize(x.l.m);
	assert_bgp(x.l.r1, "8.8.8.0", 24, 20, 0, "10.0.22.2", "GigabitEthernet0/2");
	/* the ISP's other connected subnets came by redistribution: 10.0.33.0/30 */
	assert_bgp(x.l.r1, "10.0.33.0", 30, 20, 0, "10.0.12.2", "GigabitEthernet0/0");
	tc_model_free(x.l.m);
}

/* `distance bgp 30 210 220` changes the distances IOS installs with. */
static void distance_bgp(void **state)
{
	(void)state;
	lab l = ebgp_lab();
	l.b1->distance[0] = 30;
	l.b1->distance[1] = 210;
	l.b1->distance[2] = 220;
	finalize(l.m);
	assert_bgp(l.r1, "8.8.8.0", 24, 30, 0, "10.0.12.2", "GigabitEthernet0/0");
	tc_model_free(l.m);
}

/* PE-CE: the PE's `address-family ipv4 vrf CUST` peers with the CE's global BGP over an
 * interface in VRF CUST. The CE's LAN lands in the PE's VRF table (IOS: `show ip route vrf
 * CUST`), not in its global one, and the PE's VRF routes reach the CE. */
static void vrf_address_family_peers_with_a_ce(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *pe = device(m, "PE"), *ce = device(m, "CE");
	tc_iface *i = iface(m, pe, "GigabitEthernet0/0", "10.1.1.1", 30);
	i->vrf = "CUST";
	iface(m, ce, "GigabitEthernet0/0", "10.1.1.2", 30);
	iface(m, ce, "GigabitEthernet0/1", "192.168.50.1", 24);
	tc_rproc *bpe = tc_rproc_get(m, pe, TC_RP_BGP, 65000, NULL, "CUST");
	nbr(m, bpe, "10.1.1.2", 65050);
	tc_rproc *bce = bgp(m, ce, 65050);
	nbr(m, bce, "10.1.1.1", 65000);
	network(m, bce, "192.168.50.0", 24);
	finalize(m);
	assert_null(computed(pe, "192.168.50.0", 24));
	const tc_route *r = NULL;
	for (const tc_route *h = pe->held; h; h = tc_route_next(h))
		if (h->origin == TC_RT_BGP && h->dst.addr == ip("192.168.50.0"))
			r = h;
	assert_non_null(r);
	assert_string_equal(r->attr->vrf, "CUST");
	assert_int_equal(r->distance, 20);
	assert_int_equal(r->nh, ip("10.1.1.2"));
	tc_model_free(m);
}

/* ---- policy.c ------------------------------------------------------------------------------------ */

static tc_plist_entry *entry(tc_model *m, tc_plist *pl, unsigned seq, bool permit, const char *net,
			     uint8_t len, uint8_t ge, uint8_t le)
{
	tc_plist_entry *e = tc_plist_entry_add(m, pl, seq);
	e->permit = permit;
	e->net = pfx(net, len);
	e->ge = ge;
	e->le = le;
	return e;
}

/* IOS prefix-list matching: without ge/le the exact prefix; `le L`: lengths len..L; `ge G`:
 * G..32; both: G..L; the prefix must be inside the entry's network; `permit 10.1.1.1/16` is
 * 10.1.0.0/16 to IOS; an undefined list permits everything. */
static void prefix_list_ge_le(void **state)
{
	(void)state;
	static const struct {
		const char *list, *net;
		uint8_t len, ge, le;
	} lists[] = {
		{"EXACT", "10.0.0.0", 8, 0, 0}, {"LE", "10.0.0.0", 8, 0, 24},
		{"GE", "10.0.0.0", 8, 24, 0},	{"BOTH", "10.0.0.0", 8, 16, 24},
		{"ANY", "0.0.0.0", 0, 0, 32},	{"HOSTBITS", "10.1.1.1", 16, 0, 0},
	};
	static const struct {
		const char *list, *p;
		uint8_t len;
		bool permit;
	} cases[] = {
		{"EXACT", "10.0.0.0", 8, true},	    {"EXACT", "10.1.0.0", 16, false},
		{"LE", "10.0.0.0", 8, true},	    {"LE", "10.1.2.0", 24, true},
		{"LE", "10.1.2.0", 25, false},	    {"LE", "11.0.0.0", 8, false},
		{"GE", "10.1.0.0", 16, false},	    {"GE", "10.1.2.0", 24, true},
		{"GE", "10.1.2.3", 32, true},	    {"BOTH", "10.0.0.0", 8, false},
		{"BOTH", "10.1.0.0", 16, true},	    {"BOTH", "10.1.2.128", 25, false},
		{"ANY", "0.0.0.0", 0, true},	    {"ANY", "192.0.2.1", 32, true},
		{"HOSTBITS", "10.1.0.0", 16, true}, {"HOSTBITS", "10.1.0.0", 24, false},
		{"NOPE", "10.0.0.0", 8, true},
	};
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "R1");
	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
		tc_plist_entry *e = entry(m, tc_plist_get(m, d, lists[k].list), 5, true,
					  lists[k].net, lists[k].len, lists[k].ge, lists[k].le);
		e->net.addr = ip(lists[k].net); /* as written, host bits included */
	}
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		if (rt_plist_permits(d, cases[k].list, pfx(cases[k].p, cases[k].len)) !=
		    cases[k].permit)
			fail_msg("%s %s/%u: expected %s", cases[k].list, cases[k].p, cases[k].len,
				 cases[k].permit ? "permit" : "deny");
	tc_model_free(m);
}

/* The lowest sequence number that matches decides, whatever order the lines came in; no
 * match: the implicit deny. */
static void prefix_list_sequence_order(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "R1");
	tc_plist *pl = tc_plist_get(m, d, "SEQ");
	entry(m, pl, 20, true, "10.0.0.0", 8, 0, 32);
	entry(m, pl, 10, false, "10.1.0.0", 16, 0, 32);
	assert_false(rt_plist_permits(d, "SEQ", pfx("10.1.1.0", 24)));
	assert_true(rt_plist_permits(d, "SEQ", pfx("10.2.1.0", 24)));
	assert_false(rt_plist_permits(d, "SEQ", pfx("172.16.0.0", 12)));
	tc_model_free(m);
}

/* Route map: the first clause whose matches all hold decides; a deny clause denies, no clause
 * matching denies (the implicit deny at the end), an undefined map denies everything. */
static void route_map_clauses(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "R1");
	entry(m, tc_plist_get(m, d, "BLOCK"), 5, true, "10.66.0.0", 16, 0, 32);
	entry(m, tc_plist_get(m, d, "CORP"), 5, true, "10.0.0.0", 8, 0, 32);
	tc_rmap *rm = tc_rmap_get(m, d, "IN");
	tc_rmap_clause *c = tc_rmap_clause_get(m, rm, 20, true);
	c->match_plist = "CORP";
	c->set_local_pref = true;
	c->local_pref = 300;
	c = tc_rmap_clause_get(m, rm, 10, false);
	c->match_plist = "BLOCK";
	rt_setattr set;
	rt_rmap_apply(d, "IN", pfx("10.66.1.0", 24), &set);
	assert_false(set.permit); /* seq 10 denies first */
	rt_rmap_apply(d, "IN", pfx("10.1.0.0", 16), &set);
	assert_true(set.permit);
	assert_true(set.set_local_pref);
	assert_int_equal(set.local_pref, 300);
	rt_rmap_apply(d, "IN", pfx("192.168.0.0", 16), &set);
	assert_false(set.permit); /* no clause matches */
	rt_rmap_apply(d, "MISSING", pfx("10.1.0.0", 16), &set);
	assert_false(set.permit);
	tc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ebgp_network_is_learned),
		cmocka_unit_test(network_needs_the_exact_prefix),
		cmocka_unit_test(session_down_without_matching_config),
		cmocka_unit_test(session_state_says_why),
		cmocka_unit_test(ebgp_multihop_needed_between_loopbacks),
		cmocka_unit_test(ibgp_next_hop_must_resolve),
		cmocka_unit_test(next_hop_self),
		cmocka_unit_test(ibgp_split_horizon_and_reflection),
		cmocka_unit_test(ibgp_between_loopbacks_needs_update_source),
		cmocka_unit_test(default_originate_from_the_provider),
		cmocka_unit_test(local_preference_beats_a_shorter_as_path),
		cmocka_unit_test(neighbour_weight_wins_first),
		cmocka_unit_test(as_path_prepend_moves_traffic),
		cmocka_unit_test(prefix_list_in_denies),
		cmocka_unit_test(med_decides_within_one_neighbour_as),
		cmocka_unit_test(ebgp_multipath),
		cmocka_unit_test(ebgp_over_ibgp),
		cmocka_unit_test(router_id_breaks_the_tie),
		cmocka_unit_test(aggregate_summary_only),
		cmocka_unit_test(aggregate_needs_a_more_specific),
		cmocka_unit_test(redistributed_origin_loses_to_igp),
		cmocka_unit_test(distance_bgp),
		cmocka_unit_test(vrf_address_family_peers_with_a_ce),
		cmocka_unit_test(prefix_list_sequence_order),
		cmocka_unit_test(prefix_list_ge_le),
		cmocka_unit_test(route_map_clauses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
