/* test_ospf.c: OSPF in the control-plane pass (model/routing/ospf.c): adjacencies, costs, SPF,
 * areas, summaries, externals, stub areas and NSSAs, on models built with the builders.
 * Expected numbers are IOS's: interface cost = 100 Mbit/s (the reference) / bandwidth, at
 * least 1 (GigabitEthernet 1, FastEthernet 1, Ethernet 10, Serial T1 64, Tunnel 1000 at
 * 100 kbit/s, Loopback 1); a route's metric is the sum of the outgoing costs along the path
 * plus the cost of the destination's own interface; distance 110; externals E2 metric 20. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "parser.h"
#include "routing.h"

static uint32_t IP(const char *s)
{
	uint32_t ip;
	assert_int_equal(tc_ip_parse(&ip, s, strlen(s)), 0);
	return ip;
}

static tc_prefix PFX(const char *s)
{
	tc_prefix p;
	assert_int_equal(tc_prefix_parse(&p, s, strlen(s)), 0);
	return p;
}

/* Interface NAME with address ADDR/LEN (host bits kept). */
static tc_iface *iface(tc_model *m, tc_device *d, const char *name, const char *cidr)
{
	char a[32];
	const char *slash = strchr(cidr, '/');
	assert_non_null(slash);
	snprintf(a, sizeof a, "%.*s", (int)(slash - cidr), cidr);
	tc_iface *i = tc_iface_add(m, d, name);
	i->addr = IP(a);
	i->plen = PFX(cidr).len;
	i->has_addr = true;
	return i;
}

static tc_rproc *ospf(tc_model *m, tc_device *d)
{
	return tc_rproc_get(m, d, TC_RP_OSPF, 1, NULL, NULL);
}

/* Interface "NAME ADDR/LEN [AREA]" of d: with an area, in OSPF process 1 (`ip ospf 1 area
 * AREA`). */
static tc_iface *add_if(tc_model *m, tc_device *d, const char *spec)
{
	char ifname[64], cidr[32];
	unsigned area;
	int n = sscanf(spec, "%63s %31s %u", ifname, cidr, &area);
	assert_true(n >= 2);
	tc_iface *i = iface(m, d, ifname, cidr);
	if (n == 3) {
		tc_iface_rt *rt = tc_iface_rt_get(m, i);
		rt->has_ospf_area = true;
		rt->ospf_pid = 1;
		rt->ospf_area = area;
	}
	return i;
}

/* A device with OSPF process 1 and its interfaces (add_if's specs), the list ending with
 * NULL. */
static tc_device *router(tc_model *m, const char *name, ...)
{
	tc_device *d = tc_device_add(m, name, TC_DIALECT_IOS);
	d->hostname = tc_arena_strdup(m->arena, name);
	ospf(m, d);
	va_list ap;
	va_start(ap, name);
	for (const char *spec; (spec = va_arg(ap, const char *));)
		add_if(m, d, spec);
	va_end(ap);
	return d;
}

static tc_iface *ifc(const tc_device *d, const char *name)
{
	tc_iface *i = tc_iface_find(d, name);
	assert_non_null(i);
	return i;
}

static void finalize(tc_model *m)
{
	assert_int_equal(tc_model_finalize(m), 0);
}

/* `ip route DST NH` on d. */
static void static_route(tc_model *m, tc_device *d, const char *dst, const char *nh)
{
	tc_route *s = tc_route_add(m, d, TC_RT_STATIC);
	s->dst = PFX(dst);
	s->nh = IP(nh);
	s->has_nh = true;
}

/* `redistribute FROM [subnets]` in p. */
static tc_redist *redist(tc_model *m, tc_rproc *p, tc_rp_kind from, bool subnets)
{
	tc_redist *rd = tc_redist_add(m, p);
	rd->from = (uint8_t)from;
	rd->subnets = subnets;
	return rd;
}

/* The computed routes of d (global table and VRFs) for prefix cidr: how many; the one via
 * next hop nh (NULL: the first) in *out. */
static size_t routes(const tc_device *d, const char *cidr, const char *nh, const tc_route **out)
{
	tc_prefix p = PFX(cidr);
	size_t n = 0;
	*out = NULL;
	const tc_route *lists[2] = {d->computed, d->held};
	for (int l = 0; l < 2; l++)
		for (const tc_route *r = lists[l]; r; r = tc_route_next(r)) {
			if (r->origin != TC_RT_OSPF || r->dst.addr != p.addr || r->dst.len != p.len)
				continue;
			n++;
			if (!*out && (!nh || (r->has_nh && r->nh == IP(nh))))
				*out = r;
		}
	return n;
}

static size_t nroutes(const tc_device *d, const char *cidr)
{
	const tc_route *r;
	return routes(d, cidr, NULL, &r);
}

/* d has exactly npaths OSPF paths to cidr; the one via nh (NULL: no next hop, a discard
 * route) is code [ad/metric] out of ifname. */
static void expect(const tc_device *d, const char *cidr, size_t npaths, const char *code,
		   unsigned ad, unsigned metric, const char *nh, const char *ifname)
{
	const tc_route *r;
	size_t n = routes(d, cidr, nh, &r);
	if (n != npaths || !r)
		fail_msg("%s: %zu routes to %s (expected %zu)%s", d->hostname, n, cidr, npaths,
			 r ? "" : ", none via the next hop");
	char got[160], want[160], a[TC_PREFIX_STRLEN];
	snprintf(got, sizeof got, "%s [%u/%u] via %s, %s", r->attr->code, r->distance, r->metric,
		 r->has_nh ? tc_ip_format(a, sizeof a, r->nh) : "-", r->attr->ifname);
	snprintf(want, sizeof want, "%s [%u/%u] via %s, %s", code, ad, metric, nh ? nh : "-",
		 ifname);
	if (strcmp(got, want) != 0)
		fail_msg("%s %s: %s, expected %s", d->hostname, cidr, got, want);
}

/* ---- adjacencies ---------------------------------------------------------------------------- */

static void two_routers_learn_each_others_networks(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *r1 = router(m, "R1", "GigabitEthernet0/0 10.0.12.1/24 0",
			       "GigabitEthernet0/1 10.1.0.1/24 0", "Loopback0 1.1.1.1/32 0", NULL);
	tc_device *r2 = router(m, "R2", "GigabitEthernet0/0 10.0.12.2/24 0",
			       "GigabitEthernet0/1 10.2.0.1/24 0", NULL);
	finalize(m);
	/* R2's LAN: R1's Gi0/0 (1) + R2's Gi0/1 (1) */
	expect(r1, "10.2.0.0/24", 1, "O", 110, 2, "10.0.12.2", "GigabitEthernet0/0");
	expect(r2, "10.1.0.0/24", 1, "O", 110, 2, "10.0.12.1", "GigabitEthernet0/0");
	/* a loopback is a host route whatever its mask, at its cost 1 */
	expect(r2, "1.1.1.1/32", 1, "O", 110, 2, "10.0.12.1", "GigabitEthernet0/0");
	/* the FIB forwards by it */
	const tc_fib_entry *fe = tc_fib_lookup(r1, IP("10.2.0.77"));
	assert_non_null(fe);
	assert_int_equal(tc_fib_distance(fe), 110);
	assert_int_equal(tc_fib_nh(fe), IP("10.0.12.2"));
	assert_string_equal(tc_fib_iface(r1, fe)->name, "GigabitEthernet0/0");
	tc_model_free(m);
}

static void passive_interface_forms_no_adjacency_but_is_advertised(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *r1 = router(m, "R1", "GigabitEthernet0/0 10.0.12.1/24 0", NULL);
	tc_device *r2 = router(m, "R2", "GigabitEthernet0/0 10.0.12.2/24 0",
			       "GigabitEthernet0/1 10.0.23.2/24 0", NULL);
	tc_device *r3 = router(m, "R3", "GigabitEthernet0/0 10.0.23.3/24 0",
			       "GigabitEthernet0/1 10.3.0.1/24 0", NULL);
	tc_ifname_list_add(m, &ospf(m, r2)->passive, "GigabitEthernet0/1");
	finalize(m);
	/* R2's passive subnet reaches R1 as a stub network of R2 */
	expect(r1, "10.0.23.0/24", 1, "O", 110, 2, "10.0.12.2", "GigabitEthernet0/0");
	/* but R3 has no neighbour: nothing crosses the passive link either way */
	assert_int_equal(nroutes(r1, "10.3.0.0/24"), 0);
	assert_int_equal(nroutes(r3, "10.0.12.0/24"), 0);
	tc_model_free(m);
}

static void area_mismatch_forms_no_adjacency(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *r1 = router(m, "R1", "GigabitEthernet0/0 10.0.12.1/24 0",
			       "GigabitEthernet0/1 10.1.0.1/24 0", NULL);
	tc_device *r2 = router(m, "R2", "GigabitEthernet0/0 10.0.12.2/24 1",
			       "GigabitEthernet0/1 10.2.0.1/24 1", NULL);
	finalize(m);
	assert_int_equal(nroutes(r1, "10.2.0.0/24"), 0);
	assert_int_equal(nroutes(r2, "10.1.0.0/24"), 0);
	tc_model_free(m);
}

static void network_type_mismatch_gives_no_routes(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *r1 = router(m, "R1", "GigabitEthernet0/0 10.0.12.1/24 0", NULL);
	router(m, "R2", "GigabitEthernet0/0 10.0.12.2/24 0", "GigabitEthernet0/1 10.2.0.1/24 0",
	       NULL);
	tc_iface_rt_get(m, ifc(r1, "GigabitEthernet0/0"))->ospf_nettype = TC_OSPF_NET_P2P;
	finalize(m);
	assert_int_equal(nroutes(r1, "10.2.0.0/24"), 0);
	tc_model_free(m);
}

/* ---- costs ------------------------------------------------------------------------------------- */

/* R1 -- R2 over interfaces named ifname (10.0.12.0/24), R2's LAN 10.2.0.0/24 on a
 * GigabitEthernet; tweak(m, r1) before finalize; R1's metric to the LAN. */
static unsigned lan_metric(const char *ifname, void (*tweak)(tc_model *m, tc_device *r1))
{
	tc_model *m = tc_model_new();
	char a[80], b[80];
	snprintf(a, sizeof a, "%s 10.0.12.1/24 0", ifname);
	snprintf(b, sizeof b, "%s 10.0.12.2/24 0", ifname);
	tc_device *r1 = router(m, "R1", a, NULL);
	router(m, "R2", b, "GigabitEthernet0/1 10.2.0.1/24 0", NULL);
	if (tweak)
		tweak(m, r1);
	finalize(m);
	const tc_route *r;
	assert_int_equal(routes(r1, "10.2.0.0/24", "10.0.12.2", &r), 1);
	assert_non_null(r);
	unsigned metric = r->metric;
	tc_model_free(m);
	return metric;
}

static void cost_7(tc_model *m, tc_device *r1)
{
	tc_iface_rt_get(m, r1->ifaces)->ospf_cost = 7;
}

static void bandwidth_512(tc_model *m, tc_device *r1)
{
	tc_iface_rt_get(m, r1->ifaces)->bandwidth_kbps = 512;
}

static void reference_10g(tc_model *m, tc_device *r1)
{
	ospf(m, r1)->ref_bw_mbps = 10000;
}

static void cost_from_bandwidth_ip_ospf_cost_and_reference(void **state)
{
	(void)state;
	assert_int_equal(lan_metric("GigabitEthernet0/0", NULL), 1 + 1);
	assert_int_equal(lan_metric("FastEthernet0/0", NULL), 1 + 1);
	assert_int_equal(lan_metric("Ethernet0/0", NULL), 10 + 1);
	assert_int_equal(lan_metric("Serial0/0", NULL), 64 + 1);	   /* 100000 / 1544 */
	assert_int_equal(lan_metric("Tunnel0", NULL), 1000 + 1);	   /* 100000 / 100 */
	assert_int_equal(lan_metric("Serial0/0", cost_7), 7 + 1);	   /* ip ospf cost */
	assert_int_equal(lan_metric("Serial0/0", bandwidth_512), 195 + 1); /* 100000 / 512 */
	/* auto-cost reference-bandwidth 10000 on R1 alone: its Gi costs 10, R2's still 1 */
	assert_int_equal(lan_metric("GigabitEthernet0/0", reference_10g), 10 + 1);
}

static void asa_interface_cost_is_10(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *fw = tc_device_add(m, "FW", TC_DIALECT_ASA);
	fw->hostname = "FW";
	ospf(m, fw);
	add_if(m, fw, "GigabitEthernet0/0 10.0.12.1/24 0")->nameif = "outside";
	add_if(m, fw, "GigabitEthernet0/1 10.1.0.1/24 0")->nameif = "inside";
	tc_device *r2 = router(m, "R2", "GigabitEthernet0/0 10.0.12.2/24 0",
			       "GigabitEthernet0/1 10.2.0.1/24 0", NULL);
	finalize(m);
	/* the ASA's route names its interface by nameif, as `show route` prints it */
	expect(fw, "10.2.0.0/24", 1, "O", 110, 10 + 1, "10.0.12.2", "outside");
	expect(r2, "10.1.0.0/24", 1, "O", 110, 1 + 10, "10.0.12.1", "GigabitEthernet0/0");
	tc_model_free(m);
}

/* ---- SPF ---------------------------------------------------------------------------------------- */

/* R1 to R4 by two branches (R2, R3) of GigabitEthernets; R4's LAN on an Ethernet (10). */
static tc_model *diamond(tc_device **r1, tc_device **r4)
{
	tc_model *m = tc_model_new();
	*r1 = router(m, "R1", "GigabitEthernet0/0 10.0.12.1/24 0",
		     "GigabitEthernet0/1 10.0.13.1/24 0", NULL);
	router(m, "R2", "GigabitEthernet0/0 10.0.12.2/24 0", "GigabitEthernet0/1 10.0.24.2/24 0",
	       NULL);
	router(m, "R3", "GigabitEthernet0/0 10.0.13.3/24 0", "GigabitEthernet0/1 10.0.34.3/24 0",
	       NULL);
	*r4 = router(m, "R4", "GigabitEthernet0/0 10.0.24.4/24 0",
		     "GigabitEthernet0/1 10.0.34.4/24 0", "Ethernet0/2 10.4.0.1/24 0", NULL);
	return m;
}

static void equal_cost_paths_are_both_kept(void **state)
{
	(void)state;
	tc_device *r1, *r4;
	tc_model *m = diamond(&r1, &r4);
	/* a worse third path: through R5 over Ethernets (10 + 1 + 10) */
	router(m, "R5", "Ethernet0/0 10.0.15.5/24 0", "GigabitEthernet0/1 10.0.45.5/24 0", NULL);
	add_if(m, r1, "Ethernet0/2 10.0.15.1/24 0");
	add_if(m, r4, "GigabitEthernet0/3 10.0.45.4/24 0");
	finalize(m);
	/* 1 (R1) + 1 (R2 or R3) + 10 (R4's Ethernet LAN) */
	expect(r1, "10.4.0.0/24", 2, "O", 110, 12, "10.0.12.2", "GigabitEthernet0/0");
	expect(r1, "10.4.0.0/24", 2, "O", 110, 12, "10.0.13.3", "GigabitEthernet0/1");
	/* R4 back to R1's links: the two branches too */
	expect(r4, "10.0.12.0/24", 1, "O", 110, 2, "10.0.24.2", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void maximum_paths_limits_the_equal_cost_paths(void **state)
{
	(void)state;
	tc_device *r1, *r4;
	tc_model *m = diamond(&r1, &r4);
	ospf(m, r1)->maximum_paths = 1;
	finalize(m);
	/* one path: the lowest next hop, as the RIB orders them */
	expect(r1, "10.4.0.0/24", 1, "O", 110, 12, "10.0.12.2", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void transit_lan_next_hop_is_the_router_on_it(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	/* three routers on one LAN (a transit network); R3 beyond R2 over a serial link */
	tc_device *r1 = router(m, "R1", "GigabitEthernet0/0 10.0.0.1/24 0", NULL);
	router(m, "R2", "GigabitEthernet0/0 10.0.0.2/24 0", "Serial0/1 10.0.23.2/30 0", NULL);
	router(m, "R4", "GigabitEthernet0/0 10.0.0.4/24 0", NULL);
	router(m, "R3", "Serial0/0 10.0.23.1/30 0", "Loopback0 3.3.3.3/32 0", NULL);
	finalize(m);
	expect(r1, "10.0.23.0/30", 1, "O", 110, 1 + 64, "10.0.0.2", "GigabitEthernet0/0");
	expect(r1, "3.3.3.3/32", 1, "O", 110, 1 + 64 + 1, "10.0.0.2", "GigabitEthernet0/0");
	tc_model_free(m);
}

/* ---- areas ---------------------------------------------------------------------------------------- */

/* R1 (area 1) -- R2 (ABR 1/0) -- R3 (ABR 0/2) -- R4 (area 2). */
static tc_model *three_areas(tc_device **r)
{
	tc_model *m = tc_model_new();
	r[1] = router(m, "R1", "GigabitEthernet0/0 10.0.12.1/24 1",
		      "GigabitEthernet0/1 10.1.1.1/24 1", "GigabitEthernet0/2 10.1.2.1/24 1", NULL);
	tc_iface_rt_get(m, ifc(r[1], "GigabitEthernet0/2"))->ospf_cost = 5;
	r[2] = router(m, "R2", "GigabitEthernet0/0 10.0.12.2/24 1",
		      "GigabitEthernet0/1 10.0.23.2/24 0", NULL);
	r[3] = router(m, "R3", "GigabitEthernet0/0 10.0.23.3/24 0",
		      "GigabitEthernet0/1 10.3.0.1/24 0", "GigabitEthernet0/2 10.0.34.3/24 2",
		      NULL);
	r[4] = router(m, "R4", "GigabitEthernet0/0 10.0.34.4/24 2",
		      "GigabitEthernet0/1 10.4.0.1/24 2", NULL);
	return m;
}

static void inter_area_routes_through_the_backbone(void **state)
{
	(void)state;
	tc_device *r[5];
	tc_model *m = three_areas(r);
	finalize(m);
	expect(r[1], "10.3.0.0/24", 1, "O IA", 110, 3, "10.0.12.2", "GigabitEthernet0/0");
	/* area 2 to area 1 through both ABRs: 1 + 1 + 1 + 1 */
	expect(r[1], "10.4.0.0/24", 1, "O IA", 110, 4, "10.0.12.2", "GigabitEthernet0/0");
	expect(r[4], "10.1.1.0/24", 1, "O IA", 110, 4, "10.0.34.3", "GigabitEthernet0/0");
	expect(r[4], "10.1.2.0/24", 1, "O IA", 110, 8, "10.0.34.3", "GigabitEthernet0/0");
	expect(r[3], "10.1.2.0/24", 1, "O IA", 110, 7, "10.0.23.2", "GigabitEthernet0/0");
	/* inside an area: O */
	expect(r[2], "10.1.1.0/24", 1, "O", 110, 2, "10.0.12.1", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void no_summaries_between_areas_without_the_backbone(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	/* R2 joins areas 1 and 2 but not 0: not an ABR (RFC 3509), summarises nothing */
	tc_device *r1 = router(m, "R1", "GigabitEthernet0/0 10.0.12.1/24 1", NULL);
	router(m, "R2", "GigabitEthernet0/0 10.0.12.2/24 1", "GigabitEthernet0/1 10.0.23.2/24 2",
	       NULL);
	router(m, "R3", "GigabitEthernet0/0 10.0.23.3/24 2", "GigabitEthernet0/1 10.3.0.1/24 2",
	       NULL);
	finalize(m);
	assert_int_equal(nroutes(r1, "10.3.0.0/24"), 0);
	assert_int_equal(nroutes(r1, "10.0.23.0/24"), 0);
	tc_model_free(m);
}

static void abr_without_backbone_neighbour_reads_all_its_areas(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	/* R2: a loopback in area 0 and no neighbour there, areas 1 and 2; R3 a real ABR */
	tc_device *r1 = router(m, "R1", "GigabitEthernet0/0 10.0.12.1/24 1", NULL);
	tc_device *r2 =
		router(m, "R2", "Loopback0 2.2.2.2/32 0", "GigabitEthernet0/0 10.0.12.2/24 1",
		       "GigabitEthernet0/1 10.0.23.2/24 2", NULL);
	router(m, "R3", "GigabitEthernet0/0 10.0.23.3/24 2", "GigabitEthernet0/1 10.0.34.3/24 0",
	       NULL);
	router(m, "R4", "GigabitEthernet0/0 10.0.34.4/24 0", "GigabitEthernet0/1 10.4.0.1/24 0",
	       NULL);
	finalize(m);
	/* R3's summary of area 0 into area 2 (2), plus R2 to R3 (1) */
	expect(r2, "10.4.0.0/24", 1, "O IA", 110, 3, "10.0.23.3", "GigabitEthernet0/1");
	expect(r1, "10.4.0.0/24", 1, "O IA", 110, 4, "10.0.12.2", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void area_range_summarises_and_installs_a_discard_route(void **state)
{
	(void)state;
	tc_device *r[5];
	tc_model *m = three_areas(r);
	tc_range *rg = tc_range_add(m, &tc_area_get(m, ospf(m, r[2]), 1)->ranges);
	rg->net = PFX("10.1.0.0/16");
	/* a not-advertised range hides its component */
	tc_iface *hidden = iface(m, r[1], "GigabitEthernet0/3", "172.16.1.1/24");
	tc_iface_rt *rt = tc_iface_rt_get(m, hidden);
	rt->has_ospf_area = true, rt->ospf_pid = 1, rt->ospf_area = 1;
	tc_range *no = tc_range_add(m, &tc_area_get(m, ospf(m, r[2]), 1)->ranges);
	no->net = PFX("172.16.0.0/16");
	no->not_advertise = true;
	finalize(m);
	/* the components stay inside area 1; area 0 sees the range at the largest component's
	 * cost (R2: 1 + 5 to 10.1.2.0/24) plus its distance to R2 */
	assert_int_equal(nroutes(r[3], "10.1.1.0/24"), 0);
	assert_int_equal(nroutes(r[3], "10.1.2.0/24"), 0);
	expect(r[3], "10.1.0.0/16", 1, "O IA", 110, 1 + 6, "10.0.23.2", "GigabitEthernet0/0");
	expect(r[4], "10.1.0.0/16", 1, "O IA", 110, 2 + 6, "10.0.34.3", "GigabitEthernet0/0");
	/* the 10.0.12.0/24 link of area 1 is outside the range: summarised on its own */
	expect(r[3], "10.0.12.0/24", 1, "O IA", 110, 2, "10.0.23.2", "GigabitEthernet0/0");
	assert_int_equal(nroutes(r[3], "172.16.1.0/24"), 0);
	assert_int_equal(nroutes(r[3], "172.16.0.0/16"), 0);
	/* IOS on R2: O 10.1.0.0/16 is a summary, Null0 */
	expect(r[2], "10.1.0.0/16", 1, "O", 110, 6, NULL, "Null0");
	assert_int_equal(nroutes(r[2], "172.16.0.0/16"), 0);
	expect(r[2], "10.1.2.0/24", 1, "O", 110, 6, "10.0.12.1", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void range_cost_given_replaces_the_components(void **state)
{
	(void)state;
	tc_device *r[5];
	tc_model *m = three_areas(r);
	tc_range *rg = tc_range_add(m, &tc_area_get(m, ospf(m, r[2]), 1)->ranges);
	rg->net = PFX("10.1.0.0/16");
	rg->cost = 100;
	finalize(m);
	expect(r[3], "10.1.0.0/16", 1, "O IA", 110, 101, "10.0.23.2", "GigabitEthernet0/0");
	tc_model_free(m);
}

/* R3 (area 0) redistributes a static route; area 1 between R1 and R2 is made stub. */
static tc_model *stub_estate(tc_device **r, bool no_summary)
{
	tc_model *m = three_areas(r);
	for (int k = 1; k <= 2; k++) {
		tc_area *a = tc_area_get(m, ospf(m, r[k]), 1);
		a->type = TC_AREA_STUB;
		a->no_summary = no_summary && k == 2; /* on the ABR */
	}
	static_route(m, r[3], "192.168.50.0/24", "10.3.0.9");
	redist(m, ospf(m, r[3]), TC_RP_STATIC, true);
	return m;
}

static void stub_area_gets_a_default_and_no_externals(void **state)
{
	(void)state;
	tc_device *r[5];
	tc_model *m = stub_estate(r, false);
	finalize(m);
	/* O*IA 0.0.0.0/0 [110/2]: default-cost 1 + R1's cost to R2 */
	expect(r[1], "0.0.0.0/0", 1, "O IA", 110, 2, "10.0.12.2", "GigabitEthernet0/0");
	expect(r[1], "10.3.0.0/24", 1, "O IA", 110, 3, "10.0.12.2", "GigabitEthernet0/0");
	assert_int_equal(nroutes(r[1], "192.168.50.0/24"), 0);
	/* the backbone and area 2 get the external: E2, metric 20 */
	expect(r[2], "192.168.50.0/24", 1, "O E2", 110, 20, "10.0.23.3", "GigabitEthernet0/1");
	expect(r[4], "192.168.50.0/24", 1, "O E2", 110, 20, "10.0.34.3", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void totally_stubby_area_gets_only_the_default(void **state)
{
	(void)state;
	tc_device *r[5];
	tc_model *m = stub_estate(r, true);
	tc_area_get(m, ospf(m, r[2]), 1)->default_cost = 10;
	finalize(m);
	expect(r[1], "0.0.0.0/0", 1, "O IA", 110, 11, "10.0.12.2", "GigabitEthernet0/0");
	assert_int_equal(nroutes(r[1], "10.3.0.0/24"), 0);
	assert_int_equal(nroutes(r[1], "10.4.0.0/24"), 0);
	assert_int_equal(nroutes(r[1], "192.168.50.0/24"), 0);
	/* the rest of the domain still learns area 1 */
	expect(r[4], "10.1.1.0/24", 1, "O IA", 110, 4, "10.0.34.3", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void stub_flag_mismatch_forms_no_adjacency(void **state)
{
	(void)state;
	tc_device *r[5];
	tc_model *m = three_areas(r);
	tc_area_get(m, ospf(m, r[1]), 1)->type = TC_AREA_STUB; /* R2 leaves it normal */
	finalize(m);
	assert_int_equal(nroutes(r[1], "10.3.0.0/24"), 0);
	assert_int_equal(nroutes(r[3], "10.1.1.0/24"), 0);
	tc_model_free(m);
}

/* ---- externals -------------------------------------------------------------------------------------- */

/* R1 -- R2 -- R3 in area 0, Serial between R2 and R3 (64); R3 redistributes a static route
 * and a connected interface outside OSPF. */
static tc_model *chain(tc_device **r, uint8_t metric_type, bool subnets)
{
	tc_model *m = tc_model_new();
	r[1] = router(m, "R1", "GigabitEthernet0/0 10.0.12.1/24 0", NULL);
	r[2] = router(m, "R2", "GigabitEthernet0/0 10.0.12.2/24 0", "Serial0/1 10.0.23.2/30 0",
		      NULL);
	r[3] = router(m, "R3", "Serial0/0 10.0.23.1/30 0", "GigabitEthernet0/1 192.168.3.1/24",
		      NULL);
	static_route(m, r[3], "172.20.0.0/16", "192.168.3.9");
	static_route(m, r[3], "172.21.5.0/24", "192.168.3.9");
	redist(m, ospf(m, r[3]), TC_RP_STATIC, subnets)->metric_type = metric_type;
	tc_redist *rd = redist(m, ospf(m, r[3]), TC_RP_CONNECTED, subnets);
	rd->metric_type = metric_type;
	rd->has_metric = true;
	rd->metric = 50;
	return m;
}

static void external_type_2_and_type_1_metrics(void **state)
{
	(void)state;
	tc_device *r[4];
	tc_model *m = chain(r, 0, true);
	finalize(m);
	/* E2: the external metric alone, 20 by default, 50 as given */
	expect(r[1], "172.20.0.0/16", 1, "O E2", 110, 20, "10.0.12.2", "GigabitEthernet0/0");
	expect(r[1], "172.21.5.0/24", 1, "O E2", 110, 20, "10.0.12.2", "GigabitEthernet0/0");
	expect(r[1], "192.168.3.0/24", 1, "O E2", 110, 50, "10.0.12.2", "GigabitEthernet0/0");
	expect(r[2], "192.168.3.0/24", 1, "O E2", 110, 50, "10.0.23.1", "Serial0/1");
	/* the ASBR does not install its own */
	assert_int_equal(nroutes(r[3], "172.20.0.0/16"), 0);
	/* R3's serial subnet is redistributed too (connected, 50), but intra-area wins */
	expect(r[1], "10.0.23.0/30", 1, "O", 110, 1 + 64, "10.0.12.2", "GigabitEthernet0/0");
	tc_model_free(m);

	m = chain(r, 1, true);
	finalize(m);
	/* E1: plus the cost to the ASBR: 1 + 64 */
	expect(r[1], "172.20.0.0/16", 1, "O E1", 110, 20 + 65, "10.0.12.2", "GigabitEthernet0/0");
	expect(r[2], "192.168.3.0/24", 1, "O E1", 110, 50 + 64, "10.0.23.1", "Serial0/1");
	tc_model_free(m);
}

static void type_2_tie_goes_to_the_nearest_asbr(void **state)
{
	(void)state;
	tc_device *r[4];
	tc_model *m = chain(r, 0, true);
	/* R1 redistributes the same static route: E2 20 from both ASBRs; R2 is 1 from R1 and
	 * 64 from R3, so it takes R1's */
	add_if(m, r[1], "GigabitEthernet0/1 192.168.1.1/24");
	static_route(m, r[1], "172.20.0.0/16", "192.168.1.9");
	redist(m, ospf(m, r[1]), TC_RP_STATIC, true);
	finalize(m);
	expect(r[2], "172.20.0.0/16", 1, "O E2", 110, 20, "10.0.12.1", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void distance_per_route_class(void **state)
{
	(void)state;
	tc_device *r[5];
	tc_model *m = three_areas(r);
	ospf(m, r[2])->distance[0] = 100; /* distance ospf intra-area 100 inter-area 115 */
	ospf(m, r[2])->distance[1] = 115;
	finalize(m);
	expect(r[2], "10.1.1.0/24", 1, "O", 100, 2, "10.0.12.1", "GigabitEthernet0/0");
	expect(r[2], "10.4.0.0/24", 1, "O IA", 115, 3, "10.0.23.3", "GigabitEthernet0/1");
	/* the others keep 110 */
	expect(r[1], "10.0.23.0/24", 1, "O IA", 110, 2, "10.0.12.2", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void without_subnets_only_classful_networks_are_redistributed(void **state)
{
	(void)state;
	tc_device *r[4];
	tc_model *m = chain(r, 0, false);
	finalize(m);
	expect(r[1], "172.20.0.0/16", 1, "O E2", 110, 20, "10.0.12.2", "GigabitEthernet0/0");
	assert_int_equal(nroutes(r[1], "172.21.5.0/24"), 0);
	expect(r[1], "192.168.3.0/24", 1, "O E2", 110, 50, "10.0.12.2", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void default_information_originate_needs_a_default_unless_always(void **state)
{
	(void)state;
	tc_device *r[4];
	tc_model *m = chain(r, 0, true);
	ospf(m, r[3])->default_originate = true;
	ospf(m, r[2])->default_originate = true; /* no default route in R2's RIB */
	static_route(m, r[3], "0.0.0.0/0", "192.168.3.9");
	finalize(m);
	/* O*E2 0.0.0.0/0 [110/1] from R3 only; `redistribute static` alone never takes it */
	expect(r[1], "0.0.0.0/0", 1, "O E2", 110, 1, "10.0.12.2", "GigabitEthernet0/0");
	expect(r[2], "0.0.0.0/0", 1, "O E2", 110, 1, "10.0.23.1", "Serial0/1");
	tc_model_free(m);

	m = chain(r, 0, true);
	ospf(m, r[2])->default_originate = true;
	ospf(m, r[2])->default_always = true;
	finalize(m);
	expect(r[1], "0.0.0.0/0", 1, "O E2", 110, 1, "10.0.12.2", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void static_reverse_route_is_redistributed_as_e2(void **state)
{
	(void)state;
	tc_device *r[4];
	tc_model *m = chain(r, 0, true);
	/* R3's crypto map on its outside interface, reverse-route static for 10.99.0.0/16 */
	tc_iface *out = ifc(r[3], "GigabitEthernet0/1");
	out->cmap = "VPN";
	tc_acl *acl = tc_acl_get(m, r[3], "101");
	tc_ace *a = tc_ace_add(m, acl);
	a->permit = true;
	a->src = PFX("10.0.0.0/8");
	a->dst = PFX("10.99.0.0/16");
	tc_entry *e = tc_entry_get(m, r[3], "VPN", 10);
	e->acl_name = "101";
	e->peers[0] = IP("192.168.3.200");
	e->npeers = 1;
	e->rri = TC_RRI_STATIC;
	finalize(m);
	expect(r[1], "10.99.0.0/16", 1, "O E2", 110, 20, "10.0.12.2", "GigabitEthernet0/0");
	tc_model_free(m);
}

static void nssa_type_7_is_translated_into_type_5(void **state)
{
	(void)state;
	tc_device *r[5];
	tc_model *m = three_areas(r);
	/* area 1 NSSA on R1 and R2; R1 redistributes a static route */
	for (int k = 1; k <= 2; k++)
		tc_area_get(m, ospf(m, r[k]), 1)->type = TC_AREA_NSSA;
	iface(m, r[1], "GigabitEthernet0/3", "192.168.1.1/24");
	static_route(m, r[1], "172.30.0.0/16", "192.168.1.9");
	redist(m, ospf(m, r[1]), TC_RP_STATIC, true);
	ospf(m, r[1])->default_originate = ospf(m, r[1])->default_always = true;
	finalize(m);
	/* inside the NSSA: O N2; beyond the ABR (the translator): O E2 toward it */
	expect(r[2], "172.30.0.0/16", 1, "O N2", 110, 20, "10.0.12.1", "GigabitEthernet0/0");
	expect(r[3], "172.30.0.0/16", 1, "O E2", 110, 20, "10.0.23.2", "GigabitEthernet0/0");
	expect(r[4], "172.30.0.0/16", 1, "O E2", 110, 20, "10.0.34.3", "GigabitEthernet0/0");
	/* an NSSA gets no default unless told; R1's `default-information originate always`
	 * makes a type-5 LSA, which an NSSA router cannot originate */
	assert_int_equal(nroutes(r[1], "0.0.0.0/0"), 0);
	assert_int_equal(nroutes(r[2], "0.0.0.0/0"), 0);
	tc_model_free(m);
}

static void nssa_default_information_originate_gives_an_n2_default(void **state)
{
	(void)state;
	tc_device *r[5];
	tc_model *m = three_areas(r);
	for (int k = 1; k <= 2; k++)
		tc_area_get(m, ospf(m, r[k]), 1)->type = TC_AREA_NSSA;
	tc_area_get(m, ospf(m, r[2]), 1)->nssa_default = true;
	finalize(m);
	expect(r[1], "0.0.0.0/0", 1, "O N2", 110, 1, "10.0.12.2", "GigabitEthernet0/0");
	expect(r[1], "10.3.0.0/24", 1, "O IA", 110, 3, "10.0.12.2", "GigabitEthernet0/0");
	tc_model_free(m);

	m = three_areas(r);
	for (int k = 1; k <= 2; k++)
		tc_area_get(m, ospf(m, r[k]), 1)->type = TC_AREA_NSSA;
	tc_area_get(m, ospf(m, r[2]), 1)->no_summary = true;
	finalize(m);
	/* NSSA no-summary: an O*IA default, no other summary */
	expect(r[1], "0.0.0.0/0", 1, "O IA", 110, 2, "10.0.12.2", "GigabitEthernet0/0");
	assert_int_equal(nroutes(r[1], "10.3.0.0/24"), 0);
	tc_model_free(m);
}

/* Two domains (process 1 on R1, process 2 on R4), joined by B1 and B2 that run both and
 * redistribute each into the other. */
static tc_model *mutual_redistribution(tc_device **r, unsigned ext_distance)
{
	tc_model *m = tc_model_new();
	r[1] = router(m, "R1", "GigabitEthernet0/0 10.0.1.1/24 0", "Ethernet0/1 10.1.0.1/24 0",
		      NULL);
	r[2] = router(m, "B1", "GigabitEthernet0/0 10.0.1.2/24 0", NULL);
	r[3] = router(m, "B2", "GigabitEthernet0/0 10.0.1.3/24 0", NULL);
	r[4] = router(m, "R4", "GigabitEthernet0/0 10.0.2.4/24", "GigabitEthernet0/1 10.4.0.1/24",
		      NULL);
	tc_rproc *p4 = tc_rproc_get(m, r[4], TC_RP_OSPF, 2, NULL, NULL);
	tc_rnet *n = tc_rnet_add(m, p4);
	n->net = PFX("0.0.0.0/0");
	for (int k = 2; k <= 3; k++) {
		iface(m, r[k], "GigabitEthernet0/1", k == 2 ? "10.0.2.2/24" : "10.0.2.3/24");
		tc_rproc *p1 = ospf(m, r[k]);
		tc_rproc *p2 = tc_rproc_get(m, r[k], TC_RP_OSPF, 2, NULL, NULL);
		n = tc_rnet_add(m, p2);
		n->net = PFX("10.0.2.0/24");
		redist(m, p1, TC_RP_OSPF, true)->from_id = 2;
		redist(m, p2, TC_RP_OSPF, true)->from_id = 1;
		if (ext_distance)
			p1->distance[2] = p2->distance[2] = (uint8_t)ext_distance;
	}
	return m;
}

static void redistribution_between_processes_settles_by_distance(void **state)
{
	(void)state;
	tc_device *r[5];
	/* `distance ospf external 171` on both border routers: a prefix learned inside a domain
	 * (110) always beats its copy redistributed back from the other (171) */
	tc_model *m = mutual_redistribution(r, 171);
	finalize(m);
	assert_int_equal(m->ndiags[TC_SEV_WARNING], 0); /* a fixed point was reached */
	/* B2 reaches R1's LAN inside domain 1 (1 + 10), not back through domain 2 */
	expect(r[3], "10.1.0.0/24", 1, "O", 110, 11, "10.0.1.1", "GigabitEthernet0/0");
	/* domain 2 learns it from both border routers, E2 with the OSPF cost kept (11) */
	expect(r[4], "10.1.0.0/24", 2, "O E2", 110, 11, "10.0.2.2", "GigabitEthernet0/0");
	expect(r[4], "10.1.0.0/24", 2, "O E2", 110, 11, "10.0.2.3", "GigabitEthernet0/0");
	/* and R1 learns domain 2's LAN as E2, with the cost in domain 2 (1 + 1) */
	expect(r[1], "10.4.0.0/24", 2, "O E2", 110, 2, "10.0.1.2", "GigabitEthernet0/0");
	tc_model_free(m);
}

/* ---- loopbacks, VRFs ---------------------------------------------------------------------------------- */

static void loopback_is_a_host_route_unless_point_to_point(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *r1 = router(m, "R1", "GigabitEthernet0/0 10.0.12.1/24 0", NULL);
	tc_device *r2 = router(m, "R2", "GigabitEthernet0/0 10.0.12.2/24 0",
			       "Loopback0 2.2.2.2/24 0", "Loopback1 2.2.3.2/24 0", NULL);
	tc_iface_rt_get(m, ifc(r2, "Loopback1"))->ospf_nettype = TC_OSPF_NET_P2P;
	finalize(m);
	expect(r1, "2.2.2.2/32", 1, "O", 110, 2, "10.0.12.2", "GigabitEthernet0/0");
	assert_int_equal(nroutes(r1, "2.2.2.0/24"), 0);
	expect(r1, "2.2.3.0/24", 1, "O", 110, 2, "10.0.12.2", "GigabitEthernet0/0");
	assert_int_equal(nroutes(r1, "2.2.3.2/32"), 0);
	tc_model_free(m);
}

static void ospf_in_a_vrf_fills_that_table(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *r[3];
	for (int k = 1; k <= 2; k++) {
		char name[8], cidr[32], lan[32];
		snprintf(name, sizeof name, "R%d", k);
		snprintf(cidr, sizeof cidr, "10.0.12.%d/24", k);
		snprintf(lan, sizeof lan, "10.%d.0.1/24", k);
		r[k] = tc_device_add(m, name, TC_DIALECT_IOS);
		r[k]->hostname = tc_arena_strdup(m->arena, name);
		tc_rproc *p = tc_rproc_get(m, r[k], TC_RP_OSPF, 10, NULL, "CUST");
		tc_rnet *n = tc_rnet_add(m, p);
		n->net = PFX("10.0.0.0/8");
		iface(m, r[k], "GigabitEthernet0/0", cidr)->vrf = "CUST";
		iface(m, r[k], "GigabitEthernet0/1", lan)->vrf = "CUST";
		/* a global-table interface the VRF process must not take */
		iface(m, r[k], "GigabitEthernet0/2", k == 1 ? "10.9.1.1/24" : "10.9.2.1/24");
	}
	finalize(m);
	const tc_route *rt;
	assert_int_equal(routes(r[1], "10.2.0.0/24", "10.0.12.2", &rt), 1);
	assert_non_null(rt);
	assert_string_equal(rt->attr->vrf, "CUST");
	assert_string_equal(rt->attr->code, "O");
	assert_null(r[1]->computed); /* nothing in the global table */
	assert_int_equal(nroutes(r[1], "10.9.2.0/24"), 0);
	tc_model_free(m);
}

static void process_without_router_id_is_noted(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = tc_device_add(m, "R1", TC_DIALECT_IOS);
	d->hostname = "R1";
	ospf(m, d);
	tc_iface_add(m, d, "GigabitEthernet0/0"); /* no address anywhere */
	finalize(m);
	size_t notes = 0;
	for (const tc_diag *g = m->diags; g; g = g->next)
		notes +=
			strcmp(g->code, "routing-not-modelled") == 0 && strstr(g->msg, "router id");
	assert_int_equal(notes, 1);
	tc_model_free(m);
}

/* ---- from configs ------------------------------------------------------------------------------------ */

static const char lab_r1[] = "hostname R1\n"
			     "interface Loopback0\n ip address 1.1.1.1 255.255.255.255\n"
			     "interface GigabitEthernet0/0\n ip address 10.0.12.1 255.255.255.0\n"
			     "interface GigabitEthernet0/1\n ip address 10.1.1.1 255.255.255.0\n"
			     "router ospf 1\n"
			     " area 1 stub\n"
			     " passive-interface GigabitEthernet0/1\n"
			     " network 10.0.12.0 0.0.0.255 area 1\n"
			     " network 10.1.1.0 0.0.0.255 area 1\n"
			     " network 1.1.1.1 0.0.0.0 area 1\n";
static const char lab_r2[] = "hostname R2\n"
			     "interface Loopback0\n ip address 2.2.2.2 255.255.255.255\n"
			     "interface GigabitEthernet0/0\n ip address 10.0.12.2 255.255.255.0\n"
			     "interface Serial0/1\n ip address 10.0.23.2 255.255.255.252\n"
			     "router ospf 1\n"
			     " area 1 stub\n"
			     " area 1 range 10.1.0.0 255.255.0.0\n"
			     " network 10.0.12.0 0.0.0.255 area 1\n"
			     " network 10.0.23.0 0.0.0.3 area 0\n"
			     " network 2.2.2.2 0.0.0.0 area 0\n";
static const char lab_r3[] = "hostname R3\n"
			     "interface Loopback0\n ip address 3.3.3.3 255.255.255.255\n"
			     "interface Serial0/0\n ip address 10.0.23.1 255.255.255.252\n"
			     "interface GigabitEthernet0/1\n ip address 192.168.3.1 255.255.255.0\n"
			     "router ospf 1\n"
			     " redistribute static subnets\n"
			     " redistribute connected metric-type 1\n"
			     " network 10.0.23.0 0.0.0.3 area 0\n"
			     " network 3.3.3.3 0.0.0.0 area 0\n"
			     " default-information originate always\n"
			     "ip route 172.21.5.0 255.255.255.0 192.168.3.9\n";

static tc_device *parse_ios(tc_model *m, const char *text)
{
	tc_parse_opts opts = {.dialect = TC_DIALECT_IOS};
	tc_device *d = NULL;
	assert_int_equal(tc_parse_config(&d, m, "lab.cfg", text, strlen(text), &opts), 0);
	assert_non_null(d);
	return d;
}

static void three_router_lab_from_its_configs(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *r1 = parse_ios(m, lab_r1), *r2 = parse_ios(m, lab_r2),
		  *r3 = parse_ios(m, lab_r3);
	finalize(m);
	/* R1 in the stub area: a default from R2, area 0 as O IA, no external */
	expect(r1, "0.0.0.0/0", 1, "O IA", 110, 1 + 1, "10.0.12.2", "GigabitEthernet0/0");
	expect(r1, "3.3.3.3/32", 1, "O IA", 110, 1 + 64 + 1, "10.0.12.2", "GigabitEthernet0/0");
	assert_int_equal(nroutes(r1, "172.21.5.0/24"), 0);
	/* R2, the ABR: the range's discard route at its largest component (1 + 1) */
	expect(r2, "10.1.0.0/16", 1, "O", 110, 2, NULL, "Null0");
	expect(r2, "10.1.1.0/24", 1, "O", 110, 2, "10.0.12.1", "GigabitEthernet0/0");
	/* the externals of R3: E1 20 + 64 for the classful connected /24 (the /30 and /32 are
	 * not taken without `subnets`), E2 20 for the static, the default E2 1 */
	expect(r2, "192.168.3.0/24", 1, "O E1", 110, 20 + 64, "10.0.23.1", "Serial0/1");
	expect(r2, "172.21.5.0/24", 1, "O E2", 110, 20, "10.0.23.1", "Serial0/1");
	expect(r2, "0.0.0.0/0", 1, "O E2", 110, 1, "10.0.23.1", "Serial0/1");
	/* R3 sees area 1 through the range alone (plus R1's loopback, outside it) */
	expect(r3, "10.1.0.0/16", 1, "O IA", 110, 64 + 2, "10.0.23.2", "Serial0/0");
	expect(r3, "1.1.1.1/32", 1, "O IA", 110, 64 + 2, "10.0.23.2", "Serial0/0");
	assert_int_equal(nroutes(r3, "10.1.1.0/24"), 0);
	tc_model_free(m);
}

/* --fail R2 (tc_routing_fail): R1 reaches R3's LAN through R2 (cost 3) and, dearer, through R4
 * (cost 10 + 1 + 1); with R2 down the protocol reconverges on the path through R4, and the
 * interfaces are up again in the model afterwards (the predictor's options carry the failure). */
static void a_failed_router_is_routed_around(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *r1 = router(m, "R1", "GigabitEthernet0/0 10.0.12.1/24 0",
			       "GigabitEthernet0/1 10.0.14.1/24 0", NULL);
	tc_iface_rt_get(m, ifc(r1, "GigabitEthernet0/1"))->ospf_cost = 10;
	tc_device *r2 = router(m, "R2", "GigabitEthernet0/0 10.0.12.2/24 0",
			       "GigabitEthernet0/1 10.0.23.2/24 0", NULL);
	router(m, "R3", "GigabitEthernet0/0 10.0.23.3/24 0", "GigabitEthernet0/1 10.0.34.3/24 0",
	       "GigabitEthernet0/2 10.3.0.1/24 0", NULL);
	router(m, "R4", "GigabitEthernet0/0 10.0.14.4/24 0", "GigabitEthernet0/1 10.0.34.4/24 0",
	       NULL);
	finalize(m);
	expect(r1, "10.3.0.0/24", 1, "O", 110, 3, "10.0.12.2", "GigabitEthernet0/0");
	const tc_device *down[] = {r2};
	tc_routing_fail(m, down, 1, NULL, 0);
	expect(r1, "10.3.0.0/24", 1, "O", 110, 12, "10.0.14.4", "GigabitEthernet0/1");
	const tc_fib_entry *fe = tc_fib_lookup(r1, IP("10.3.0.9"));
	assert_non_null(fe);
	assert_int_equal(tc_fib_nh(fe), IP("10.0.14.4"));
	for (const tc_iface *i = r2->ifaces; i; i = i->next)
		assert_false(i->shutdown);
	tc_model_free(m);
}

/* ---- scale ---------------------------------------------------------------------------------------------- */

/* n routers: a ring of GigabitEthernet /30s, each with a LAN and a loopback; areas > 1: the
 * ring is area 0 and each router's LAN sits behind a router of its own in area (k % areas) + 1,
 * the ring router being the ABR. (Its time is the bench's business: bench/run igp.) */
static void scale(unsigned n, unsigned areas, unsigned *nroutes_out)
{
	tc_model *m = tc_model_new();
	tc_device **d = calloc(n, sizeof *d);
	for (unsigned k = 0; k < n; k++) {
		char name[32], a[40], b[40], lo[40];
		snprintf(name, sizeof name, "R%05u", k);
		snprintf(a, sizeof a, "GigabitEthernet0/0 10.%u.%u.1/30 0", k >> 6 & 255,
			 (k & 63) << 2);
		snprintf(b, sizeof b, "GigabitEthernet0/1 10.%u.%u.2/30 0",
			 (k + n - 1) % n >> 6 & 255, ((k + n - 1) % n & 63) << 2);
		snprintf(lo, sizeof lo, "Loopback0 1.%u.%u.1/32 0", k >> 8, k & 255);
		d[k] = router(m, name, a, b, lo, NULL);
		char lan[64];
		if (areas <= 1) {
			snprintf(lan, sizeof lan, "GigabitEthernet0/2 172.%u.%u.1/24 0",
				 16 + (k >> 8), k & 255);
			add_if(m, d[k], lan);
			continue;
		}
		unsigned area = k % areas + 1;
		char up[64], down[64];
		snprintf(up, sizeof up, "GigabitEthernet0/2 11.%u.%u.1/30 %u", k >> 6 & 255,
			 (k & 63) << 2, area);
		add_if(m, d[k], up);
		snprintf(name, sizeof name, "S%05u", k);
		snprintf(down, sizeof down, "GigabitEthernet0/0 11.%u.%u.2/30 %u", k >> 6 & 255,
			 (k & 63) << 2, area);
		snprintf(lan, sizeof lan, "GigabitEthernet0/1 172.%u.%u.1/24 %u", 16 + (k >> 8),
			 k & 255, area);
		router(m, name, down, lan, NULL);
	}
	finalize(m);
	unsigned cnt = 0; /* prefixes (the RIB keeps a prefix's paths together) */
	tc_prefix last = {0, 255};
	for (const tc_route *r = d[0]->computed; r; r = tc_route_next(r)) {
		cnt += r->dst.addr != last.addr || r->dst.len != last.len;
		last = r->dst;
	}
	*nroutes_out = cnt;
	free(d);
	tc_model_free(m);
}

/* n sites of 4 routers in a line, each site an OSPF domain of its own (as the bench's estates:
 * sites do not run OSPF with each other), each router with a LAN: the prefixes of the first
 * router. */
static void sites(unsigned n, unsigned *nroutes_out)
{
	tc_model *m = tc_model_new();
	tc_device *first = NULL;
	for (unsigned k = 0; k < n; k++)
		for (unsigned j = 0; j < 4; j++) {
			char name[32], a[64], b[64], lan[64];
			unsigned net = 0x0a000000u + k * 64; /* 10.x.y.0/26 per site */
			snprintf(name, sizeof name, "S%05uR%u", k, j);
			snprintf(a, sizeof a, "GigabitEthernet0/0 %u.%u.%u.%u/30 0", net >> 24,
				 net >> 16 & 255, net >> 8 & 255, (net & 255) + 4 * j + 1);
			snprintf(b, sizeof b, "GigabitEthernet0/1 %u.%u.%u.%u/30 0", net >> 24,
				 net >> 16 & 255, net >> 8 & 255, (net & 255) + 4 * j - 2);
			snprintf(lan, sizeof lan, "GigabitEthernet0/2 172.%u.%u.%u/28 0",
				 16 + (k >> 12), k >> 4 & 255, (k & 15) << 4 | (j << 2) | 1);
			tc_device *d =
				j < 3 ? router(m, name, a, lan, NULL) : router(m, name, lan, NULL);
			if (j > 0)
				add_if(m, d, b);
			first = first ? first : d;
		}
	finalize(m);
	unsigned cnt = 0;
	for (const tc_route *r = first->computed; r; r = tc_route_next(r))
		cnt++;
	*nroutes_out = cnt;
	tc_model_free(m);
}

/* 1 000 routers; a quarter of them under the sanitizers (ten times slower), the counts alike. */
#ifdef __SANITIZE_ADDRESS__
#define SCALE_N 250u
#else
#define SCALE_N 1000u
#endif

static void thousands_of_routers_in_one_area_in_many_and_in_many_domains(void **state)
{
	(void)state;
	unsigned n, N = SCALE_N;
	scale(N, 1, &n);
	/* R00000's RIB: the N - 1 other loopbacks and LANs, the N - 2 ring links it is not on */
	assert_int_equal(n, (N - 1) + (N - 1) + (N - 2));
	scale(N, 50, &n);
	/* N - 1 loopbacks, N - 2 ring links, N LANs, the N - 1 area-side /30s not its own: the
	 * other areas' (and the other pieces of its own area's) as O IA */
	assert_int_equal(n, (N - 1) + (N - 2) + N + (N - 1));
	/* 8 000 routers in 2 000 domains of 4 (the bench's shape). The first router
	 * learns its domain's 3 other LANs and the 2 links it is not on. */
	sites(2000, &n);
	assert_int_equal(n, 3 + 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_routers_learn_each_others_networks),
		cmocka_unit_test(passive_interface_forms_no_adjacency_but_is_advertised),
		cmocka_unit_test(area_mismatch_forms_no_adjacency),
		cmocka_unit_test(network_type_mismatch_gives_no_routes),
		cmocka_unit_test(cost_from_bandwidth_ip_ospf_cost_and_reference),
		cmocka_unit_test(asa_interface_cost_is_10),
		cmocka_unit_test(a_failed_router_is_routed_around),
		cmocka_unit_test(equal_cost_paths_are_both_kept),
		cmocka_unit_test(maximum_paths_limits_the_equal_cost_paths),
		cmocka_unit_test(transit_lan_next_hop_is_the_router_on_it),
		cmocka_unit_test(inter_area_routes_through_the_backbone),
		cmocka_unit_test(no_summaries_between_areas_without_the_backbone),
		cmocka_unit_test(abr_without_backbone_neighbour_reads_all_its_areas),
		cmocka_unit_test(area_range_summarises_and_installs_a_discard_route),
		cmocka_unit_test(range_cost_given_replaces_the_components),
		cmocka_unit_test(stub_area_gets_a_default_and_no_externals),
		cmocka_unit_test(totally_stubby_area_gets_only_the_default),
		cmocka_unit_test(stub_flag_mismatch_forms_no_adjacency),
		cmocka_unit_test(external_type_2_and_type_1_metrics),
		cmocka_unit_test(type_2_tie_goes_to_the_nearest_asbr),
		cmocka_unit_test(distance_per_route_class),
		cmocka_unit_test(without_subnets_only_classful_networks_are_redistributed),
		cmocka_unit_test(default_information_originate_needs_a_default_unless_always),
		cmocka_unit_test(static_reverse_route_is_redistributed_as_e2),
		cmocka_unit_test(nssa_type_7_is_translated_into_type_5),
		cmocka_unit_test(nssa_default_information_originate_gives_an_n2_default),
		cmocka_unit_test(redistribution_between_processes_settles_by_distance),
		cmocka_unit_test(loopback_is_a_host_route_unless_point_to_point),
		cmocka_unit_test(ospf_in_a_vrf_fills_that_table),
		cmocka_unit_test(process_without_router_id_is_noted),
		cmocka_unit_test(three_router_lab_from_its_configs),
		cmocka_unit_test(thousands_of_routers_in_one_area_in_many_and_in_many_domains),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
