/* test_eigrp.c: EIGRP in the control-plane pass: neighbours, the composite metric, externals,
 * stub routers, summaries, equal-cost paths. Expected metrics are worked out by hand from the
 * IOS formula with K1 = K3 = 1:
 *     metric = 256 * (10^7 / least bandwidth in kbit/s + sum of delays in tens of us)
 * with IOS's interface defaults: GigabitEthernet 1000000 kbit/s, 10 us (delay 1);
 * FastEthernet 100000, 100 us (10); Serial 1544, 20000 us (2000); Loopback 8000000, 5000 us
 * (500). */
#include "dv_fixture.h"

#include <stdio.h>
#include <stdlib.h>

#define ALL "0.0.0.0/0" /* `network 0.0.0.0 255.255.255.255`: every interface */

static tc_rproc *eigrp(tc_model *m, tc_device *d, unsigned as)
{
	return fx_proc(m, d, TC_RP_EIGRP, as, ALL, NULL);
}

/* R1 Gi0/1 192.168.1.0/24 (LAN) -- R1 Gi0/0 10.0.12.1 / R2 Gi0/0 10.0.12.2. */
typedef struct pair {
	tc_model *m;
	tc_device *r1, *r2;
	tc_iface *r1_lan, *r1_link, *r2_link;
	tc_rproc *p1, *p2;
} pair;

static pair make_pair(unsigned as1, unsigned as2)
{
	pair t = {.m = tc_model_new()};
	t.r1 = fx_device(t.m, "r1");
	t.r2 = fx_device(t.m, "r2");
	t.r1_link = fx_iface(t.m, t.r1, "GigabitEthernet0/0", "10.0.12.1/24");
	t.r1_lan = fx_iface(t.m, t.r1, "GigabitEthernet0/1", "192.168.1.1/24");
	t.r2_link = fx_iface(t.m, t.r2, "GigabitEthernet0/0", "10.0.12.2/24");
	t.p1 = eigrp(t.m, t.r1, as1);
	t.p2 = eigrp(t.m, t.r2, as2);
	return t;
}

static void two_routers_over_gigabit(void **state)
{
	(void)state;
	pair t = make_pair(10, 10);
	assert_int_equal(tc_model_finalize(t.m), 0);
	/* R1's LAN seen from R2: least bandwidth 1000000 (10^7 / 10^6 = 10), delays R1 Gi0/1 1
	   + R2 Gi0/0 1: 256 * (10 + 2) = 3072 */
	fx_expect(t.r2, "192.168.1.0/24", "10.0.12.1", "D", 90, 3072, "GigabitEthernet0/0");
	assert_int_equal(fx_fib_nh(t.r2, "192.168.1.7"), IP("10.0.12.1"));
	/* the shared link is connected on both: no D route for it, and R1 learns nothing else */
	assert_null(fx_route(t.r2, "10.0.12.0/24", NULL));
	assert_null(t.r1->computed);
	tc_model_free(t.m);
}

static void named_mode_wide_metrics(void **state)
{
	(void)state;
	/* `router eigrp CORE` / `address-family ipv4 autonomous-system 10` on both: throughput
	   65536 * 10^7 / 10^6 = 655360, latency 65536 * (10 + 10 us) = 1310720, RIB metric
	   (655360 + 1310720) / 128 = 15360 (what IOS-XE prints for such a route) */
	pair t = make_pair(10, 10);
	t.p1->name = "CORE";
	t.p2->name = "CORE";
	assert_int_equal(tc_model_finalize(t.m), 0);
	fx_expect(t.r2, "192.168.1.0/24", "10.0.12.1", "D", 90, 15360, "GigabitEthernet0/0");
	tc_model_free(t.m);
}

static void bandwidth_and_delay_set_the_metric(void **state)
{
	(void)state;
	/* A Gi0/0 -- Fa0/0 B Se0/1 -- Se0/1 C, C's Loopback0 3.3.3.3/32, and B's own LAN Gi0/2
	   with `bandwidth 10000` and `delay 100` */
	tc_model *m = tc_model_new();
	tc_device *a = fx_device(m, "a"), *b = fx_device(m, "b"), *c = fx_device(m, "c");
	fx_iface(m, a, "GigabitEthernet0/0", "10.0.1.1/24");
	fx_ifaces(m, b, "FastEthernet0/0", "10.0.1.2/24", "Serial0/1", "10.0.2.1/30", NULL);
	tc_iface *lan = fx_iface(m, b, "GigabitEthernet0/2", "172.16.2.1/24");
	tc_iface_rt *rt = tc_iface_rt_get(m, lan);
	rt->bandwidth_kbps = 10000;
	rt->delay_tens_us = 100;
	fx_ifaces(m, c, "Serial0/1", "10.0.2.2/30", "Loopback0", "3.3.3.3/32", NULL);
	eigrp(m, a, 1);
	eigrp(m, b, 1);
	eigrp(m, c, 1);
	assert_int_equal(tc_model_finalize(m), 0);
	/* B learns C's loopback over its serial: least bandwidth 1544 (10^7 / 1544 = 6476),
	   delays 500 + 2000: 256 * 8976 = 2297856 (the same number as a real IOS capture of a
	   loopback behind a serial link, ntc-templates' show_ip_route sample) */
	fx_expect(b, "3.3.3.3/32", "10.0.2.2", "D", 90, 2297856, "Serial0/1");
	/* A receives it from B on its Gi0/0 (1000000, 1): least bandwidth still 1544, delays
	   2500 + 1: 256 * (6476 + 2501) = 2298112 (B's Fa0/0 sends it, A's Gi0/0 counts) */
	fx_expect(a, "3.3.3.3/32", "10.0.1.2", "D", 90, 2298112, "GigabitEthernet0/0");
	/* B's slow LAN seen from A: least bandwidth 10000 (1000), delays 100 + 1: 256 * 1101 */
	fx_expect(a, "172.16.2.0/24", "10.0.1.2", "D", 90, 281856, "GigabitEthernet0/0");
	/* the A-B subnet seen from C: B's own Fa0/0 (100000, 10), then C's Se0/1 (1544, 2000):
	   256 * (6476 + 10 + 2000) = 2172416 */
	fx_expect(c, "10.0.1.0/24", "10.0.2.1", "D", 90, 2172416, "Serial0/1");
	tc_model_free(m);
}

static void passive_interface(void **state)
{
	(void)state;
	/* passive on the LAN: no neighbour there, the LAN is still advertised */
	pair t = make_pair(10, 10);
	tc_ifname_list_add(t.m, &t.p1->passive, "GigabitEthernet0/1");
	assert_int_equal(tc_model_finalize(t.m), 0);
	fx_expect(t.r2, "192.168.1.0/24", "10.0.12.1", "D", 90, 3072, "GigabitEthernet0/0");
	tc_model_free(t.m);

	/* passive on the link: no neighbour, nothing learned either way */
	t = make_pair(10, 10);
	tc_ifname_list_add(t.m, &t.p1->passive, "GigabitEthernet0/0");
	assert_int_equal(tc_model_finalize(t.m), 0);
	assert_null(t.r2->computed);
	assert_null(t.r1->computed);
	tc_model_free(t.m);

	/* passive-interface default with `no passive-interface Gi0/0`: the link works */
	t = make_pair(10, 10);
	t.p1->passive_default = true;
	tc_ifname_list_add(t.m, &t.p1->active, "GigabitEthernet0/0");
	assert_int_equal(tc_model_finalize(t.m), 0);
	fx_expect(t.r2, "192.168.1.0/24", "10.0.12.1", "D", 90, 3072, "GigabitEthernet0/0");
	tc_model_free(t.m);
}

static void as_mismatch_no_neighbour(void **state)
{
	(void)state;
	pair t = make_pair(10, 20);
	assert_int_equal(tc_model_finalize(t.m), 0);
	assert_null(t.r2->computed);
	assert_null(t.r1->computed);
	tc_model_free(t.m);
}

static void vrf_address_family(void **state)
{
	(void)state;
	/* `address-family ipv4 vrf RED autonomous-system 10` on both, the interfaces in VRF RED,
	   and a global process of the same AS on interfaces of the global table: the VRF's route
	   goes to the VRF's table (d->held), the global one to the global table */
	tc_model *m = tc_model_new();
	tc_device *r1 = fx_device(m, "r1"), *r2 = fx_device(m, "r2");
	tc_iface *vi[] = {fx_iface(m, r1, "GigabitEthernet0/0", "10.0.12.1/24"),
			  fx_iface(m, r1, "GigabitEthernet0/1", "192.168.1.1/24"),
			  fx_iface(m, r2, "GigabitEthernet0/0", "10.0.12.2/24")};
	for (int k = 0; k < 3; k++)
		vi[k]->vrf = "RED";
	fx_ifaces(m, r1, "GigabitEthernet0/2", "10.0.22.1/24", "GigabitEthernet0/3",
		  "192.168.3.1/24", NULL);
	fx_iface(m, r2, "GigabitEthernet0/2", "10.0.22.2/24");
	tc_device *both[] = {r1, r2};
	for (int k = 0; k < 2; k++) {
		tc_rproc *p = tc_rproc_get(m, both[k], TC_RP_EIGRP, 10, NULL, "RED");
		tc_rnet_add(m, p)->net = PFX(ALL);
		eigrp(m, both[k], 10);
	}
	assert_int_equal(tc_model_finalize(m), 0);
	fx_expect(r2, "192.168.3.0/24", "10.0.22.1", "D", 90, 3072, "GigabitEthernet0/2");
	assert_null(fx_route(r2, "192.168.1.0/24", NULL));
	const tc_route *h = NULL;
	for (const tc_route *r = r2->held; r; r = tc_route_next(r))
		if (r->dst.addr == IP("192.168.1.0") && r->dst.len == 24)
			h = r;
	assert_non_null(h);
	assert_string_equal(h->attr->vrf, "RED");
	assert_string_equal(h->attr->code, "D");
	assert_int_equal(h->metric, 3072);
	assert_int_equal(h->nh, IP("10.0.12.1"));
	tc_model_free(m);
}

static void network_statement_selects_interfaces(void **state)
{
	(void)state;
	/* R1 runs EIGRP on 10.0.0.0/8 only: its LAN is not advertised */
	tc_model *m = tc_model_new();
	tc_device *r1 = fx_device(m, "r1"), *r2 = fx_device(m, "r2");
	fx_ifaces(m, r1, "GigabitEthernet0/0", "10.0.12.1/24", "GigabitEthernet0/1",
		  "192.168.1.1/24", "GigabitEthernet0/2", "10.9.9.1/24", NULL);
	fx_iface(m, r2, "GigabitEthernet0/0", "10.0.12.2/24");
	fx_proc(m, r1, TC_RP_EIGRP, 10, "10.0.0.0/8", NULL);
	fx_proc(m, r2, TC_RP_EIGRP, 10, "10.0.12.0/24", NULL);
	assert_int_equal(tc_model_finalize(m), 0);
	assert_null(fx_route(r2, "192.168.1.0/24", NULL));
	fx_expect(r2, "10.9.9.0/24", "10.0.12.1", "D", 90, 3072, "GigabitEthernet0/0");
	tc_model_free(m);
}

static void redistribute_static_with_metric(void **state)
{
	(void)state;
	pair t = make_pair(10, 10);
	fx_static(t.m, t.r1, "172.16.0.0/16", "192.168.1.254");
	tc_redist *rd = tc_redist_add(t.m, t.p1);
	rd->from = TC_RP_STATIC;
	rd->has_metric = true;
	rd->metric = 10000; /* `metric 10000 100 255 1 1500` */
	rd->eigrp_delay = 100;
	t.p1->distance[1] = 175; /* `distance eigrp 90 175` */
	assert_int_equal(tc_model_finalize(t.m), 0);
	/* seed (10000, 100), R2 adds its Gi0/0 (1000000, 1): 256 * (1000 + 101) = 281856; the
	   external distance is R2's own (170), not R1's */
	fx_expect(t.r2, "172.16.0.0/16", "10.0.12.1", "D EX", 170, 281856, "GigabitEthernet0/0");
	assert_int_equal(fx_fib_nh(t.r2, "172.16.5.5"), IP("10.0.12.1"));
	tc_model_free(t.m);
}

static void redistribute_without_metric(void **state)
{
	(void)state;
	/* static without a metric: IOS takes the metric of the route's interface (R1's Gi0/1,
	   1000000 and 1), R2 adds its Gi0/0: 256 * (10 + 2) = 3072 */
	pair t = make_pair(10, 10);
	fx_static(t.m, t.r1, "172.16.0.0/16", "192.168.1.254");
	tc_redist_add(t.m, t.p1)->from = TC_RP_STATIC;
	t.p2->distance[1] = 171;
	assert_int_equal(tc_model_finalize(t.m), 0);
	fx_expect(t.r2, "172.16.0.0/16", "10.0.12.1", "D EX", 171, 3072, "GigabitEthernet0/0");
	tc_model_free(t.m);

	/* RIP into EIGRP without a metric: IOS needs a seed metric, nothing is redistributed;
	   with `default-metric 1544 2000 255 1 1500` it is: R0 Gi0/0 10.0.1.0/24 -- R1 Gi0/2,
	   R0's LAN 172.20.0.0/16 learned by R1 over RIP */
	for (int seeded = 0; seeded < 2; seeded++) {
		t = make_pair(10, 10);
		tc_device *r0 = fx_device(t.m, "r0");
		fx_iface(t.m, r0, "GigabitEthernet0/0", "10.0.1.1/24");
		fx_iface(t.m, r0, "GigabitEthernet0/1", "172.20.0.1/16");
		tc_iface *r1_rip = fx_iface(t.m, t.r1, "GigabitEthernet0/2", "10.0.1.2/24");
		(void)r1_rip;
		tc_rproc *rip0 =
			fx_proc(t.m, r0, TC_RP_RIP, 0, "10.0.0.0/8", "172.20.0.0/16", NULL);
		tc_rproc *rip1 = fx_proc(t.m, t.r1, TC_RP_RIP, 0, "10.0.0.0/8", NULL);
		rip0->rip_version = rip1->rip_version = 2;
		/* R1's EIGRP must not take Gi0/2 itself: only the link and the LAN */
		t.p1->nets->net = PFX("10.0.12.0/24");
		tc_rnet_add(t.m, t.p1)->net = PFX("192.168.1.0/24");
		tc_redist *rd = tc_redist_add(t.m, t.p1);
		rd->from = TC_RP_RIP;
		if (seeded) {
			t.p1->eigrp_default_bw = 1544;
			t.p1->eigrp_default_delay = 2000;
		}
		assert_int_equal(tc_model_finalize(t.m), 0);
		const tc_device *r1 = tc_device_find(t.m, "r1");
		fx_expect(r1, "172.20.0.0/16", "10.0.1.1", "R", 120, 1, "GigabitEthernet0/2");
		if (seeded) /* 256 * (6476 + 2000 + 1) = 2170112 */
			fx_expect(t.r2, "172.20.0.0/16", "10.0.12.1", "D EX", 170, 2170112,
				  "GigabitEthernet0/0");
		else
			assert_null(fx_route(t.r2, "172.20.0.0/16", NULL));
		tc_model_free(t.m);
	}
}

/* hub -- a, hub -- s (stub), s -- b: a chain a - hub - s - b with s a stub. */
/* R1 holds crypto map VPN 10 on Gi0/2 (203.0.113.1/24) towards peer 203.0.113.2 for
 * 192.168.1.0/24 <-> 172.20.0.0/16, with reverse-route (static or dynamic), and redistributes
 * static into EIGRP. */
static pair make_rri(tc_rri rri)
{
	pair t = make_pair(10, 10);
	tc_iface *out = fx_iface(t.m, t.r1, "GigabitEthernet0/2", "203.0.113.1/24");
	out->cmap = "VPN";
	tc_acl *acl = tc_acl_get(t.m, t.r1, "VPN-ACL");
	tc_ace *a = tc_ace_add(t.m, acl);
	a->permit = true;
	a->src = PFX("192.168.1.0/24");
	a->dst = PFX("172.20.0.0/16");
	tc_entry *e = tc_entry_get(t.m, t.r1, "VPN", 10);
	e->acl_name = "VPN-ACL";
	e->peers[0] = IP("203.0.113.2");
	e->npeers = 1;
	e->rri = rri;
	/* R1's EIGRP leaves the outside interface out */
	t.p1->nets->net = PFX("10.0.12.0/24");
	tc_rnet_add(t.m, t.p1)->net = PFX("192.168.1.0/24");
	tc_redist_add(t.m, t.p1)->from = TC_RP_STATIC;
	return t;
}

static void reverse_routes_redistributed(void **state)
{
	(void)state;
	/* static RRI: always in R1's RIB, so R2 learns the remote proxy as an external with the
	   metric of the crypto map's interface (Gi: 1000000, 1) plus its Gi0/0: 3072 */
	pair t = make_rri(TC_RRI_STATIC);
	assert_int_equal(tc_model_finalize(t.m), 0);
	fx_expect(t.r2, "172.20.0.0/16", "10.0.12.1", "D EX", 170, 3072, "GigabitEthernet0/0");
	assert_null(t.r2->rri_via);
	tc_model_free(t.m);

	/* dynamic RRI: only while R1 holds the SA, so R2 has it as a route via R1's reverse
	   route (tc_rri_via), not in its RIB */
	t = make_rri(TC_RRI_DYNAMIC);
	assert_int_equal(tc_model_finalize(t.m), 0);
	assert_null(fx_route(t.r2, "172.20.0.0/16", NULL));
	const tc_rri_via *v = t.r2->rri_via;
	assert_non_null(v);
	assert_ptr_equal(v->origin, t.r1);
	assert_string_equal(v->route->attr->code, "D EX");
	assert_int_equal(v->route->metric, 3072);
	assert_int_equal(v->route->nh, IP("10.0.12.1"));
	assert_ptr_equal(v->iface, t.r2_link);
	assert_null(v->next);
	tc_model_free(t.m);
}

static void stub_router_is_not_transit(void **state)
{
	(void)state;
	for (int receive_only = 0; receive_only < 2; receive_only++) {
		tc_model *m = tc_model_new();
		tc_device *hub = fx_device(m, "hub"), *s = fx_device(m, "s"),
			  *b = fx_device(m, "b");
		fx_ifaces(m, hub, "GigabitEthernet0/0", "10.0.1.1/24", "GigabitEthernet0/9",
			  "192.168.0.1/24", NULL);
		fx_ifaces(m, s, "GigabitEthernet0/0", "10.0.1.2/24", "GigabitEthernet0/1",
			  "10.0.2.1/24", "GigabitEthernet0/9", "192.168.9.1/24", NULL);
		fx_ifaces(m, b, "GigabitEthernet0/1", "10.0.2.2/24", "GigabitEthernet0/9",
			  "192.168.2.1/24", NULL);
		eigrp(m, hub, 1);
		tc_rproc *ps = eigrp(m, s, 1);
		ps->stub = true; /* `eigrp stub` = connected summary */
		if (receive_only)
			ps->stub_flags = TC_EIGRP_STUB_RECEIVE_ONLY;
		eigrp(m, b, 1);
		assert_int_equal(tc_model_finalize(m), 0);
		/* the stub learns from both sides */
		fx_expect(s, "192.168.0.0/24", "10.0.1.1", "D", 90, 3072, "GigabitEthernet0/0");
		fx_expect(s, "192.168.2.0/24", "10.0.2.2", "D", 90, 3072, "GigabitEthernet0/1");
		/* neither side learns the other's LAN through it */
		assert_null(fx_route(hub, "192.168.2.0/24", NULL));
		assert_null(fx_route(b, "192.168.0.0/24", NULL));
		if (receive_only) {
			assert_null(hub->computed);
			assert_null(b->computed);
		} else { /* its own connected subnets it does advertise */
			fx_expect(hub, "192.168.9.0/24", "10.0.1.2", "D", 90, 3072,
				  "GigabitEthernet0/0");
			fx_expect(hub, "10.0.2.0/24", "10.0.1.2", "D", 90, 3072,
				  "GigabitEthernet0/0");
		}
		tc_model_free(m);
	}
}

static void summary_address_and_null0(void **state)
{
	(void)state;
	pair t = make_pair(10, 10);
	fx_iface(t.m, t.r1, "GigabitEthernet0/2", "10.1.1.1/24");
	tc_iface *slow = fx_iface(t.m, t.r1, "FastEthernet0/3", "10.1.2.1/24");
	(void)slow;
	/* `ip summary-address eigrp 10 10.1.0.0 255.255.0.0` on R1's Gi0/0 */
	tc_iface_rt *rt = tc_iface_rt_get(t.m, t.r1_link);
	rt->eigrp_summary_as = 10;
	tc_range_add(t.m, &rt->eigrp_summaries)->net = PFX("10.1.0.0/16");
	assert_int_equal(tc_model_finalize(t.m), 0);
	/* R2 gets the summary alone, with the best component's metric: 10.1.1.0/24 on Gi
	   (1000000, 1) plus R2's Gi0/0: 256 * (10 + 2) = 3072 */
	fx_expect(t.r2, "10.1.0.0/16", "10.0.12.1", "D", 90, 3072, "GigabitEthernet0/0");
	assert_null(fx_route(t.r2, "10.1.1.0/24", NULL));
	assert_null(fx_route(t.r2, "10.1.2.0/24", NULL));
	/* the LAN outside the summary is still sent */
	fx_expect(t.r2, "192.168.1.0/24", "10.0.12.1", "D", 90, 3072, "GigabitEthernet0/0");
	/* R1: the summary to Null0 at distance 5, metric of its best component: 256 * (10 + 1) */
	const tc_route *n0 = fx_route(t.r1, "10.1.0.0/16", NULL);
	assert_non_null(n0);
	assert_string_equal(n0->attr->code, "D");
	assert_string_equal(n0->attr->ifname, "Null0");
	assert_int_equal(n0->distance, 5);
	assert_int_equal(n0->metric, 2816);
	assert_false(n0->has_nh);
	/* R1 forwards inside the summary to its components, elsewhere in it to Null0 */
	const tc_fib_entry *fe = tc_fib_lookup(t.r1, IP("10.1.77.1"));
	assert_non_null(fe);
	assert_int_equal(tc_fib_dst(fe).len, 16);
	assert_null(tc_fib_iface(t.r1, fe));
	tc_model_free(t.m);
}

/* a -- b -- d and a -- c -- d, d's LAN: two equal paths from a. */
static void equal_cost_paths(void **state)
{
	(void)state;
	for (unsigned maxp = 0; maxp < 2; maxp++) {
		tc_model *m = tc_model_new();
		tc_device *a = fx_device(m, "a"), *b = fx_device(m, "b"), *c = fx_device(m, "c"),
			  *d = fx_device(m, "d");
		fx_ifaces(m, a, "GigabitEthernet0/1", "10.0.1.1/24", "GigabitEthernet0/2",
			  "10.0.2.1/24", NULL);
		fx_ifaces(m, b, "GigabitEthernet0/1", "10.0.1.2/24", "GigabitEthernet0/3",
			  "10.0.3.1/24", NULL);
		fx_ifaces(m, c, "GigabitEthernet0/2", "10.0.2.2/24", "GigabitEthernet0/4",
			  "10.0.4.1/24", NULL);
		fx_ifaces(m, d, "GigabitEthernet0/3", "10.0.3.2/24", "GigabitEthernet0/4",
			  "10.0.4.2/24", "GigabitEthernet0/9", "192.168.9.1/24", NULL);
		tc_rproc *pa = eigrp(m, a, 1);
		pa->maximum_paths = maxp; /* 0: the default, 4 */
		eigrp(m, b, 1);
		eigrp(m, c, 1);
		eigrp(m, d, 1);
		assert_int_equal(tc_model_finalize(m), 0);
		/* 256 * (10 + 1 + 1 + 1) = 3328 both ways */
		if (maxp == 0) {
			assert_int_equal(fx_paths(a, "192.168.9.0/24"), 2);
			fx_expect(a, "192.168.9.0/24", "10.0.1.2", "D", 90, 3328,
				  "GigabitEthernet0/1");
			fx_expect(a, "192.168.9.0/24", "10.0.2.2", "D", 90, 3328,
				  "GigabitEthernet0/2");
		} else {
			assert_int_equal(fx_paths(a, "192.168.9.0/24"), 1);
		}
		/* d's side of b's link, one path: 256 * (10 + 1 + 1) */
		assert_int_equal(fx_paths(a, "10.0.3.0/24"), 1);
		fx_expect(a, "10.0.3.0/24", "10.0.1.2", "D", 90, 3072, "GigabitEthernet0/1");
		tc_model_free(m);
	}
}

static void auto_summary_at_the_classful_boundary(void **state)
{
	(void)state;
	/* R1's subnets 172.16.1.0/24 and 172.16.2.0/24 reach R2 over 10.0.12.0/24 as
	   172.16.0.0/16, and R1 holds the summary to Null0 */
	pair t = make_pair(10, 10);
	fx_iface(t.m, t.r1, "GigabitEthernet0/2", "172.16.1.1/24");
	fx_iface(t.m, t.r1, "GigabitEthernet0/3", "172.16.2.1/24");
	t.p1->auto_summary = true;
	assert_int_equal(tc_model_finalize(t.m), 0);
	fx_expect(t.r2, "172.16.0.0/16", "10.0.12.1", "D", 90, 3072, "GigabitEthernet0/0");
	assert_null(fx_route(t.r2, "172.16.1.0/24", NULL));
	const tc_route *n0 = fx_route(t.r1, "172.16.0.0/16", NULL);
	assert_non_null(n0);
	assert_string_equal(n0->attr->ifname, "Null0");
	tc_model_free(t.m);
}

/* Two routers over GRE tunnel interfaces (IOS defaults: BW 100 kbit/s, DLY 50000 usec =
 * 5000 tens of us): R1's Gi LAN seen from R2 through Tunnel0 is 256 * (10^7 / 100 + 1 + 5000)
 * = 26880256. */
static void tunnel_interface_defaults(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *r1 = fx_device(m, "r1"), *r2 = fx_device(m, "r2");
	fx_iface(m, r1, "Tunnel0", "172.16.0.1/30");
	fx_iface(m, r1, "GigabitEthernet0/1", "192.168.1.1/24");
	fx_iface(m, r2, "Tunnel0", "172.16.0.2/30");
	eigrp(m, r1, 10);
	eigrp(m, r2, 10);
	assert_int_equal(tc_model_finalize(m), 0);
	fx_expect(r2, "192.168.1.0/24", "172.16.0.1", "D", 90, 26880256, "Tunnel0");
	tc_model_free(m);
}

/* A hub with n spokes, each over its own /30 on the hub's GigabitEthernet0/k, each spoke with a
 * LAN 10.(k/256).(k%256).0/24 in 10.128.0.0/9... : every spoke learns every other's LAN via
 * the hub, metric 256 * (10 + 1 + 1 + 1) = 3328 (TC_DV_SPOKES sets n; time is the bench's). */
static void hub_and_spoke(void **state)
{
	(void)state;
	const char *env = getenv("TC_DV_SPOKES");
	unsigned n = env ? (unsigned)atoi(env) : 60;
	tc_model *m = tc_model_new();
	tc_device *hub = fx_device(m, "hub");
	eigrp(m, hub, 1);
	tc_device *first = NULL, *last = NULL;
	for (unsigned k = 1; k <= n; k++) {
		char name[32], addr[32];
		snprintf(name, sizeof name, "spoke%u", k);
		tc_device *s = fx_device(m, name);
		snprintf(name, sizeof name, "GigabitEthernet0/%u", k);
		snprintf(addr, sizeof addr, "172.%u.%u.%u/30", 16 + (4 * k) / 65536,
			 ((4 * k) / 256) % 256, (4 * k) % 256 + 1);
		fx_iface(m, hub, name, addr);
		snprintf(addr, sizeof addr, "172.%u.%u.%u/30", 16 + (4 * k) / 65536,
			 ((4 * k) / 256) % 256, (4 * k) % 256 + 2);
		fx_iface(m, s, "GigabitEthernet0/0", addr);
		snprintf(addr, sizeof addr, "10.%u.%u.1/24", k / 256, k % 256);
		fx_iface(m, s, "GigabitEthernet0/1", addr);
		eigrp(m, s, 1);
		if (!first)
			first = s;
		last = s;
	}
	assert_int_equal(tc_model_finalize(m), 0);
	char lan[32];
	snprintf(lan, sizeof lan, "10.%u.%u.0/24", n / 256, n % 256);
	fx_expect(first, lan, "172.16.0.5", "D", 90, 3328, "GigabitEthernet0/0");
	fx_expect(hub, "10.0.1.0/24", "172.16.0.6", "D", 90, 3072, "GigabitEthernet0/1");
	assert_non_null(fx_route(last, "10.0.1.0/24", NULL));
	tc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_routers_over_gigabit),
		cmocka_unit_test(tunnel_interface_defaults),
		cmocka_unit_test(named_mode_wide_metrics),
		cmocka_unit_test(bandwidth_and_delay_set_the_metric),
		cmocka_unit_test(passive_interface),
		cmocka_unit_test(as_mismatch_no_neighbour),
		cmocka_unit_test(vrf_address_family),
		cmocka_unit_test(network_statement_selects_interfaces),
		cmocka_unit_test(redistribute_static_with_metric),
		cmocka_unit_test(redistribute_without_metric),
		cmocka_unit_test(reverse_routes_redistributed),
		cmocka_unit_test(stub_router_is_not_transit),
		cmocka_unit_test(summary_address_and_null0),
		cmocka_unit_test(equal_cost_paths),
		cmocka_unit_test(auto_summary_at_the_classful_boundary),
		cmocka_unit_test(hub_and_spoke),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
