/* test_parse_routing.c: unit tests of the parser's routing side: router blocks, interface routing
 * settings, prefix lists and route maps into model/routing.h's structures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"
#include "parser.h"
#include "render.h"
#include "tc_test.h"
#include "routing.h"

/* ---- helpers ------------------------------------------------------------------ */

static tc_device *parse_ios(tc_model *m, const char *text)
{
	return parse_as(m, text, TC_DIALECT_IOS);
}

static const tc_rproc *proc_of(const tc_device *d, tc_rp_kind kind, unsigned id, const char *vrf)
{
	for (const tc_rproc *p = d->rt ? d->rt->procs : NULL; p; p = p->next)
		if (p->kind == kind && p->id == id &&
		    (vrf ? p->vrf && strcmp(p->vrf, vrf) == 0 : !p->vrf))
			return p;
	fail_msg("no %s process %u", tc_rp_kind_name(kind), id);
	return NULL;
}

static unsigned count_procs(const tc_device *d)
{
	unsigned n = 0;
	for (const tc_rproc *p = d->rt ? d->rt->procs : NULL; p; p = p->next)
		n++;
	return n;
}

static const tc_rnet *net_at(const tc_rproc *p, unsigned k)
{
	const tc_rnet *n = p->nets;
	while (n && k--)
		n = n->next;
	assert_non_null(n);
	return n;
}

static const tc_bgp_nbr *nbr_of(const tc_rproc *p, const char *addr)
{
	for (const tc_bgp_nbr *n = p->nbrs; n; n = n->next)
		if (n->addr == ip(addr))
			return n;
	fail_msg("no neighbour %s", addr);
	return NULL;
}

static const tc_area *area_of(const tc_rproc *p, uint32_t id)
{
	for (const tc_area *a = p->areas; a; a = a->next)
		if (a->id == id)
			return a;
	fail_msg("no area %u", id);
	return NULL;
}

static unsigned count_unmodelled(const tc_device *d, const char *feature)
{
	unsigned n = 0;
	for (const struct tc_rt_unmodelled *u = d->rt ? d->rt->unmodelled : NULL; u; u = u->next)
		n += strcmp(u->feature, feature) == 0;
	return n;
}

static bool has_name(const tc_ifname_list *l, const char *name)
{
	for (; l; l = l->next)
		if (strcmp(l->name, name) == 0)
			return true;
	return false;
}

/* What render_fn prints for m (the caller frees it). */
static char *print_model(int (*render_fn)(FILE *, const tc_model *), const tc_model *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(render_fn(f, m), 0);
	fclose(f);
	return buf;
}

/* No diagnostic text or message, and neither parse output, holds secret. */
static void assert_secret_absent(const tc_model *m, const char *secret)
{
	for (const tc_diag *g = m->diags; g; g = g->next) {
		assert_null(strstr(g->msg, secret));
		if (g->text)
			assert_null(strstr(g->text, secret));
	}
	int (*fns[])(FILE *, const tc_model *) = {tc_render_model_text, tc_render_model_json};
	for (size_t k = 0; k < 2; k++) {
		char *out = print_model(fns[k], m);
		assert_null(strstr(out, secret));
		free(out);
	}
}

/* ---- OSPF ------------------------------------------------------------------------- */

static void test_ospf_process(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(
		m, "hostname R1\n"
		   "router ospf 1\n"
		   " router-id 1.1.1.1\n"
		   " log-adjacency-changes\n"
		   " passive-interface default\n"
		   " no passive-interface GigabitEthernet0/1\n"
		   " network 10.0.0.0 0.0.0.255 area 0\n"
		   " network 10.1.1.1 0.0.0.0 area 0.0.0.1\n"
		   " network 10.2.0.0 0.0.255.255 area 1\n"
		   " redistribute static subnets metric 50 metric-type 1 route-map RM tag 7\n"
		   " redistribute eigrp 10\n"
		   " default-information originate always metric 10 metric-type 1\n"
		   " distance ospf intra-area 100 external 150\n"
		   " maximum-paths 8\n"
		   " auto-cost reference-bandwidth 10000\n"
		   "router ospf 2 vrf RED\n"
		   " network 192.168.0.0 0.0.255.255 area 0\n"
		   " shutdown\n");
	assert_int_equal(count_procs(d), 2);
	const tc_rproc *p = proc_of(d, TC_RP_OSPF, 1, NULL);
	assert_true(p->has_router_id);
	assert_int_equal(p->router_id, ip("1.1.1.1"));
	assert_true(p->passive_default);
	assert_null(p->passive);
	assert_true(has_name(p->active, "GigabitEthernet0/1"));
	assert_prefix(net_at(p, 0)->net, "10.0.0.0/24");
	assert_int_equal(net_at(p, 0)->area, 0);
	/* area 0.0.0.1 and area 1 are the same area */
	assert_prefix(net_at(p, 1)->net, "10.1.1.1/32");
	assert_int_equal(net_at(p, 1)->area, 1);
	assert_prefix(net_at(p, 2)->net, "10.2.0.0/16");
	assert_int_equal(net_at(p, 2)->area, 1);
	assert_int_equal(net_at(p, 2)->line, 9);
	const tc_redist *r = p->redist;
	assert_int_equal(r->from, TC_RP_STATIC);
	assert_true(r->subnets && r->has_metric);
	assert_int_equal(r->metric, 50);
	assert_int_equal(r->metric_type, 1);
	assert_string_equal(r->route_map, "RM");
	r = r->next;
	assert_int_equal(r->from, TC_RP_EIGRP);
	assert_int_equal(r->from_id, 10);
	assert_false(r->subnets || r->has_metric);
	assert_int_equal(r->metric_type, 0); /* not given: the pass applies OSPF's E2 */
	assert_true(p->default_originate && p->default_always);
	assert_int_equal(p->default_metric, 10);
	assert_int_equal(p->default_metric_type, 1);
	assert_int_equal(p->distance[0], 100);
	assert_int_equal(p->distance[1], 0);
	assert_int_equal(p->distance[2], 150);
	assert_int_equal(p->maximum_paths, 8);
	assert_int_equal(p->ref_bw_mbps, 10000);
	assert_false(p->shutdown);
	const tc_rproc *red = proc_of(d, TC_RP_OSPF, 2, "RED");
	assert_true(red->shutdown);
	assert_prefix(net_at(red, 0)->net, "192.168.0.0/16");
	assert_int_equal(red->line, 16);
	assert_null(m->diags);
	tc_model_free(m);
}

static void test_ospf_areas(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, "hostname R1\n"
				    "router ospf 1\n"
				    " area 1 stub no-summary\n"
				    " area 0.0.0.2 nssa no-summary default-information-originate\n"
				    " area 3 range 10.3.0.0 255.255.0.0 not-advertise\n"
				    " area 3 range 10.4.0.0 255.255.0.0 cost 40\n"
				    " area 4 stub\n"
				    " area 4 default-cost 25\n"
				    " area 0 authentication message-digest\n"
				    " area 172.16.0.1 stub\n");
	const tc_rproc *p = proc_of(d, TC_RP_OSPF, 1, NULL);
	const tc_area *a = area_of(p, 1);
	assert_int_equal(a->type, TC_AREA_STUB);
	assert_true(a->no_summary);
	a = area_of(p, 2);
	assert_int_equal(a->type, TC_AREA_NSSA);
	assert_true(a->no_summary && a->nssa_default);
	a = area_of(p, 3);
	assert_int_equal(a->type, TC_AREA_NORMAL);
	assert_prefix(a->ranges->net, "10.3.0.0/16");
	assert_true(a->ranges->not_advertise);
	assert_prefix(a->ranges->next->net, "10.4.0.0/16");
	assert_false(a->ranges->next->not_advertise);
	assert_int_equal(a->ranges->next->cost, 40);
	a = area_of(p, 4);
	assert_int_equal(a->type, TC_AREA_STUB);
	assert_int_equal(a->default_cost, 25);
	a = area_of(p, 0xac100001u); /* a dotted id beyond 255: 172.16.0.1 */
	assert_int_equal(a->type, TC_AREA_STUB);
	for (a = p->areas; a; a = a->next)
		assert_int_not_equal(a->id, 0); /* authentication: no area state, no key */
	assert_null(m->diags);
	tc_model_free(m);
}

static void test_ospf_interface_settings(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, "hostname R1\n"
				    "interface GigabitEthernet0/0\n"
				    " ip address 10.0.0.1 255.255.255.0\n"
				    " bandwidth 10000\n"
				    " delay 100\n"
				    " ip ospf cost 20\n"
				    " ip ospf 1 area 0.0.0.5\n"
				    " ip ospf network point-to-point\n"
				    " ip ospf message-digest-key 1 md5 Zebra7Secret\n"
				    " ip ospf authentication-key Lion9Secret\n"
				    " ip ospf hello-interval 5\n"
				    "interface Serial0/0\n"
				    " ip address 10.9.0.1 255.255.255.252\n");
	const tc_iface *i = tc_iface_find(d, "GigabitEthernet0/0");
	assert_non_null(i->rt);
	assert_int_equal(i->rt->bandwidth_kbps, 10000);
	assert_int_equal(i->rt->delay_tens_us, 100);
	assert_int_equal(i->rt->ospf_cost, 20);
	assert_true(i->rt->has_ospf_area);
	assert_int_equal(i->rt->ospf_pid, 1);
	assert_int_equal(i->rt->ospf_area, 5);
	assert_int_equal(i->rt->ospf_nettype, TC_OSPF_NET_P2P);
	assert_null(tc_iface_find(d, "Serial0/0")->rt);
	assert_null(m->diags);
	assert_secret_absent(m, "Secret");
	tc_model_free(m);
}

static void test_ospf_key_masked_in_diagnostic(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	/* an interface key line misplaced in the router block: diagnosed, the key masked */
	parse_ios(m, "hostname R1\n"
		     "router ospf 1\n"
		     " message-digest-key 1 md5 Tiger4Secret\n"
		     "router bgp 65000\n"
		     " neighbor 10.0.0.2 password 0 Wolf3Secret\n");
	const tc_diag *g = find_code(m, "unknown-line");
	assert_non_null(g);
	assert_int_equal(g->line, 3);
	assert_secret_absent(m, "Secret");
	tc_model_free(m);
}

static void test_asa_ospf(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_as(m,
				"ASA Version 9.8(2)\n"
				"hostname FW\n"
				"interface GigabitEthernet0/0\n"
				" nameif outside\n"
				" ip address 192.0.2.1 255.255.255.0\n"
				" ospf cost 15\n"
				" ospf network point-to-point non-broadcast\n"
				" ospf message-digest-key 1 md5 Eagle5Secret\n"
				" delay 10\n"
				"router ospf 10\n"
				" network 192.0.2.0 255.255.255.0 area 0\n"
				" network 10.0.0.0 255.0.0.0 area 0.0.0.5\n"
				" log-adj-changes\n"
				" redistribute static subnets\n",
				TC_DIALECT_ASA);
	const tc_rproc *p = proc_of(d, TC_RP_OSPF, 10, NULL);
	/* the ASA writes netmasks where IOS writes wildcards */
	assert_prefix(net_at(p, 0)->net, "192.0.2.0/24");
	assert_prefix(net_at(p, 1)->net, "10.0.0.0/8");
	assert_int_equal(net_at(p, 1)->area, 5);
	assert_int_equal(p->redist->from, TC_RP_STATIC);
	const tc_iface *i = tc_iface_find(d, "GigabitEthernet0/0");
	assert_int_equal(i->rt->ospf_cost, 15);
	assert_int_equal(i->rt->ospf_nettype, TC_OSPF_NET_P2P);
	assert_int_equal(i->rt->delay_tens_us, 10);
	assert_null(m->diags);
	assert_secret_absent(m, "Secret");
	tc_model_free(m);
}

/* ---- EIGRP ------------------------------------------------------------------------- */

static void test_eigrp_classic(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, "hostname R1\n"
				    "interface GigabitEthernet0/0\n"
				    " ip summary-address eigrp 10 10.1.0.0 255.255.0.0\n"
				    "router eigrp 10\n"
				    " network 10.0.0.0\n"
				    " network 172.16.1.0 0.0.0.255\n"
				    " network 192.168.5.0\n"
				    " passive-interface Loopback0\n"
				    " redistribute static metric 10000 100 255 1 1500\n"
				    " eigrp stub\n"
				    " eigrp router-id 9.9.9.9\n"
				    " no auto-summary\n"
				    " distance eigrp 80 160\n"
				    " default-metric 1544 2000 255 1 1500\n"
				    " variance 2\n"
				    " variance 3\n"
				    "router eigrp 20\n"
				    " network 10.20.0.0 255.255.0.0\n"
				    " address-family ipv4 vrf RED\n"
				    "  network 172.30.0.0 0.0.255.255\n"
				    "  redistribute connected\n"
				    " exit-address-family\n"
				    " address-family ipv4 vrf BLUE autonomous-system 30\n"
				    "  network 172.31.0.0 0.0.255.255\n"
				    " exit-address-family\n"
				    " eigrp stub receive-only\n"
				    " auto-summary\n");
	const tc_rproc *p = proc_of(d, TC_RP_EIGRP, 10, NULL);
	/* without a wildcard: the classful network (class A /8, class C /24) */
	assert_prefix(net_at(p, 0)->net, "10.0.0.0/8");
	assert_prefix(net_at(p, 1)->net, "172.16.1.0/24");
	assert_prefix(net_at(p, 2)->net, "192.168.5.0/24");
	assert_true(has_name(p->passive, "Loopback0"));
	assert_int_equal(p->redist->from, TC_RP_STATIC);
	assert_int_equal(p->redist->metric, 10000);
	assert_int_equal(p->redist->eigrp_delay, 100);
	/* a bare `eigrp stub` is `eigrp stub connected summary` */
	assert_true(p->stub);
	assert_int_equal(p->stub_flags, TC_EIGRP_STUB_CONNECTED | TC_EIGRP_STUB_SUMMARY);
	assert_int_equal(p->router_id, ip("9.9.9.9"));
	assert_false(p->auto_summary);
	assert_int_equal(p->distance[0], 80);
	assert_int_equal(p->distance[1], 160);
	assert_int_equal(p->eigrp_default_bw, 1544);
	assert_int_equal(p->eigrp_default_delay, 2000);
	assert_int_equal(count_unmodelled(d, "EIGRP variance"), 1);
	const tc_rproc *q = proc_of(d, TC_RP_EIGRP, 20, NULL);
	/* IOS takes a netmask in place of the wildcard in EIGRP */
	assert_prefix(net_at(q, 0)->net, "10.20.0.0/16");
	assert_int_equal(q->stub_flags, TC_EIGRP_STUB_RECEIVE_ONLY);
	assert_true(q->auto_summary);
	assert_null(net_at(q, 0)->next); /* the families' networks are their own */
	/* a classic process's VRF family: the router's AS unless it names one */
	const tc_rproc *red = proc_of(d, TC_RP_EIGRP, 20, "RED");
	assert_prefix(net_at(red, 0)->net, "172.30.0.0/16");
	assert_int_equal(red->redist->from, TC_RP_CONNECTED);
	assert_false(red->stub);
	const tc_rproc *blue = proc_of(d, TC_RP_EIGRP, 30, "BLUE");
	assert_prefix(net_at(blue, 0)->net, "172.31.0.0/16");
	const tc_iface_rt *rt = tc_iface_find(d, "GigabitEthernet0/0")->rt;
	assert_int_equal(rt->eigrp_summary_as, 10);
	assert_prefix(rt->eigrp_summaries->net, "10.1.0.0/16");
	assert_int_equal(count_code(m, "unknown-line"), 0);
	assert_int_equal(count_code(m, "bad-syntax"), 0);
	tc_model_free(m);
}

static void test_eigrp_named(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, "hostname R1\n"
				    "interface GigabitEthernet0/1\n"
				    " ip address 10.1.0.1 255.255.255.0\n"
				    "router eigrp CORE\n"
				    " address-family ipv4 unicast autonomous-system 100\n"
				    "  af-interface default\n"
				    "   passive-interface\n"
				    "  exit-af-interface\n"
				    "  af-interface GigabitEthernet0/1\n"
				    "   no passive-interface\n"
				    "   summary-address 10.8.0.0 255.248.0.0\n"
				    "  exit-af-interface\n"
				    "  topology base\n"
				    "   redistribute connected\n"
				    "   distance eigrp 95 175\n"
				    "   maximum-paths 2\n"
				    "  exit-af-topology\n"
				    "  network 10.0.0.0 0.255.255.255\n"
				    "  eigrp router-id 2.2.2.2\n"
				    "  eigrp stub connected static\n"
				    " exit-address-family\n"
				    " address-family ipv4 unicast vrf BLUE autonomous-system 200\n"
				    "  network 172.20.0.0 0.0.255.255\n"
				    " exit-address-family\n");
	assert_int_equal(count_procs(d), 2);
	const tc_rproc *p = proc_of(d, TC_RP_EIGRP, 100, NULL);
	assert_string_equal(p->name, "CORE");
	assert_true(p->passive_default);
	assert_true(has_name(p->active, "GigabitEthernet0/1"));
	assert_int_equal(p->redist->from, TC_RP_CONNECTED);
	assert_int_equal(p->distance[0], 95);
	assert_int_equal(p->distance[1], 175);
	assert_int_equal(p->maximum_paths, 2);
	assert_prefix(net_at(p, 0)->net, "10.0.0.0/8");
	assert_int_equal(p->router_id, ip("2.2.2.2"));
	assert_int_equal(p->stub_flags, TC_EIGRP_STUB_CONNECTED | TC_EIGRP_STUB_STATIC);
	const tc_rproc *blue = proc_of(d, TC_RP_EIGRP, 200, "BLUE");
	assert_string_equal(blue->name, "CORE");
	assert_prefix(net_at(blue, 0)->net, "172.20.0.0/16");
	const tc_iface *i = tc_iface_find(d, "GigabitEthernet0/1");
	assert_non_null(i);
	assert_prefix(i->rt->eigrp_summaries->net, "10.8.0.0/13");
	assert_int_equal(i->rt->eigrp_summary_as, 100);
	assert_null(m->diags);
	tc_model_free(m);
}

/* ---- BGP ------------------------------------------------------------------------- */

static const char bgp_cfg[] = "hostname R1\n"
			      "router bgp 65000\n"
			      " bgp router-id 1.1.1.1\n"
			      " bgp log-neighbor-changes\n"
			      " bgp default local-preference 150\n"
			      " neighbor EXT peer-group\n"
			      " neighbor EXT remote-as 65001\n"
			      " neighbor EXT password 7 Panther8Secret\n"
			      " neighbor EXT route-map FROM-EXT in\n"
			      " neighbor 10.0.0.2 peer-group EXT\n"
			      " neighbor 10.0.0.3 peer-group EXT\n"
			      " neighbor 10.0.0.3 route-map OWN in\n"
			      " neighbor 10.9.9.9 remote-as 65000\n"
			      " neighbor 10.9.9.9 update-source Loopback0\n"
			      " neighbor 10.9.9.9 password Cobra2Secret\n"
			      " neighbor 2001:db8::1 remote-as 65009\n"
			      " !\n"
			      " address-family ipv4\n"
			      "  network 10.1.0.0 mask 255.255.0.0 route-map NET\n"
			      "  network 172.16.0.0\n"
			      "  aggregate-address 10.0.0.0 255.0.0.0 summary-only\n"
			      "  redistribute ospf 1 match internal external 1\n"
			      "  neighbor EXT weight 300\n"
			      "  neighbor EXT prefix-list PL-OUT out\n"
			      "  neighbor 10.9.9.9 next-hop-self\n"
			      "  neighbor 10.9.9.9 route-reflector-client\n"
			      "  neighbor 10.0.0.2 default-originate\n"
			      "  no neighbor 10.0.0.3 activate\n"
			      "  distance bgp 30 190 210\n"
			      "  maximum-paths 4\n"
			      " exit-address-family\n"
			      " !\n"
			      " address-family vpnv4\n"
			      "  neighbor 10.9.9.9 activate\n"
			      " exit-address-family\n"
			      " address-family vpnv4 multicast\n"
			      " exit-address-family\n"
			      " !\n"
			      " address-family ipv4 vrf RED\n"
			      "  neighbor 172.31.0.2 remote-as 65100\n"
			      "  redistribute connected\n"
			      " exit-address-family\n";

static void test_bgp_process(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, bgp_cfg);
	assert_int_equal(count_procs(d), 2);
	const tc_rproc *p = proc_of(d, TC_RP_BGP, 65000, NULL);
	assert_int_equal(p->router_id, ip("1.1.1.1"));
	assert_int_equal(p->local_pref, 150);
	assert_prefix(net_at(p, 0)->net, "10.1.0.0/16");
	assert_string_equal(net_at(p, 0)->route_map, "NET");
	assert_prefix(net_at(p, 1)->net, "172.16.0.0/16"); /* class B without a mask */
	assert_prefix(p->summaries->net, "10.0.0.0/8");
	assert_true(p->summaries->summary_only);
	assert_int_equal(p->redist->from, TC_RP_OSPF);
	assert_int_equal(p->redist->from_id, 1);
	assert_int_equal(p->distance[0], 30);
	assert_int_equal(p->distance[1], 190);
	assert_int_equal(p->distance[2], 210);
	assert_int_equal(p->maximum_paths, 4);
	const tc_bgp_nbr *n = nbr_of(p, "10.9.9.9");
	assert_int_equal(n->remote_as, 65000);
	assert_string_equal(n->update_source, "Loopback0");
	assert_true(n->next_hop_self && n->route_reflector_client && n->activated);
	assert_int_equal(n->weight, 0);
	/* IPv6 neighbours are not modelled: three IPv4 neighbours, no group among them */
	unsigned k = 0;
	for (n = p->nbrs; n; n = n->next)
		k++;
	assert_int_equal(k, 3);
	const tc_rproc *red = proc_of(d, TC_RP_BGP, 65000, "RED");
	assert_int_equal(nbr_of(red, "172.31.0.2")->remote_as, 65100);
	assert_int_equal(red->redist->from, TC_RP_CONNECTED);
	assert_null(red->nets);
	/* the vpnv4 family, twice: one note */
	assert_int_equal(count_unmodelled(d, "BGP address family vpnv4"), 1);
	assert_int_equal(count_unmodelled(d, "BGP address family vpnv4 multicast"), 1);
	assert_int_equal(count_code(m, "unknown-line"), 0);
	assert_int_equal(count_code(m, "unknown-option"), 0);
	tc_model_free(m);
}

static void test_bgp_peer_group_copied(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, bgp_cfg);
	const tc_rproc *p = proc_of(d, TC_RP_BGP, 65000, NULL);
	/* the group's settings, given before and after the member joined */
	const tc_bgp_nbr *a = nbr_of(p, "10.0.0.2");
	assert_int_equal(a->remote_as, 65001);
	assert_string_equal(a->rmap_in, "FROM-EXT");
	assert_string_equal(a->plist_out, "PL-OUT");
	assert_int_equal(a->weight, 300);
	assert_true(a->default_originate && a->activated);
	/* a member's own setting wins over its group's */
	const tc_bgp_nbr *b = nbr_of(p, "10.0.0.3");
	assert_string_equal(b->rmap_in, "OWN");
	assert_int_equal(b->remote_as, 65001);
	assert_false(b->activated);
	assert_false(b->default_originate);
	tc_model_free(m);
}

static void test_bgp_password_never_stored(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	parse_ios(m, bgp_cfg);
	assert_secret_absent(m, "Secret");
	tc_model_free(m);
}

static void test_bgp_no_default_ipv4(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, "hostname R1\n"
				    "router bgp 65000\n"
				    " no bgp default ipv4-unicast\n"
				    " neighbor 10.0.0.2 remote-as 65001\n"
				    " neighbor 10.0.0.3 remote-as 65002\n"
				    " address-family ipv4 unicast\n"
				    "  neighbor 10.0.0.2 activate\n"
				    " exit-address-family\n");
	const tc_rproc *p = proc_of(d, TC_RP_BGP, 65000, NULL);
	assert_true(nbr_of(p, "10.0.0.2")->activated);
	assert_false(nbr_of(p, "10.0.0.3")->activated);
	tc_model_free(m);
}

/* ---- RIP ------------------------------------------------------------------------- */

static void test_rip(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, "hostname R1\n"
				    "router rip\n"
				    " version 2\n"
				    " network 10.1.2.0\n"
				    " network 172.16.9.0\n"
				    " passive-interface default\n"
				    " no passive-interface Serial0/0\n"
				    " redistribute static metric 3\n"
				    " default-information originate\n"
				    " no auto-summary\n"
				    " distance 100\n");
	const tc_rproc *p = proc_of(d, TC_RP_RIP, 0, NULL);
	assert_int_equal(p->rip_version, 2);
	/* RIP's network statement takes the classful network */
	assert_prefix(net_at(p, 0)->net, "10.0.0.0/8");
	assert_prefix(net_at(p, 1)->net, "172.16.0.0/16");
	assert_true(p->passive_default);
	assert_true(has_name(p->active, "Serial0/0"));
	assert_int_equal(p->redist->metric, 3);
	assert_true(p->default_originate);
	assert_false(p->auto_summary);
	assert_int_equal(p->distance[0], 100);
	assert_null(m->diags);
	tc_model_free(m);
}

/* ---- prefix lists and route maps ------------------------------------------------------ */

static void test_prefix_list_seq_defaults(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, "hostname R1\n"
				    "ip prefix-list PL description what we take\n"
				    "ip prefix-list PL permit 10.0.0.0/8 le 24\n"
				    "ip prefix-list PL deny 0.0.0.0/0 le 32\n"
				    "ip prefix-list PL seq 7 permit 192.168.0.0/16 ge 24 le 28\n"
				    "ip prefix-list PL permit 172.16.0.0/12\n"
				    "ip prefix-list PL 30 deny 172.16.0.0/12 ge 16\n"
				    "ip prefix-list BAD seq 5 permit 10.0.0.0/16 ge 8\n");
	const tc_plist *pl = tc_plist_find(d, "PL");
	assert_non_null(pl);
	/* IOS numbers entries without seq 5, 10, ...: the largest so far plus 5 */
	const tc_plist_entry *e = pl->entries;
	assert_int_equal(e->seq, 5);
	assert_true(e->permit);
	assert_prefix(e->net, "10.0.0.0/8");
	assert_int_equal(e->ge, 0);
	assert_int_equal(e->le, 24);
	e = e->next;
	assert_int_equal(e->seq, 7);
	assert_int_equal(e->ge, 24);
	assert_int_equal(e->le, 28);
	e = e->next;
	assert_int_equal(e->seq, 10);
	assert_false(e->permit);
	e = e->next;
	assert_int_equal(e->seq, 15);
	assert_prefix(e->net, "172.16.0.0/12");
	e = e->next;
	assert_int_equal(e->seq, 30); /* a number without `seq` is the sequence number */
	assert_false(e->permit);
	assert_null(e->next);
	/* ge 8 on a /16: IOS rejects it */
	assert_null(tc_plist_find(d, "BAD"));
	assert_int_equal(count_code(m, "bad-syntax"), 1);
	assert_int_equal(d->stats.malformed, 1);
	tc_model_free(m);
}

/* Two long lists whose lines alternate, unnumbered and numbered out of order: each keeps
 * its own numbering (the largest of that list plus 5) and sequence order. */
static void test_prefix_lists_interleaved_and_long(void **state)
{
	(void)state;
	enum { N = 3000 };
	size_t cap = N * 2 * 64 + 64, len = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	len += (size_t)snprintf(text, cap, "hostname R1\n");
	for (unsigned k = 0; k < N; k++)
		len += (size_t)snprintf(text + len, cap - len,
					"ip prefix-list A permit 10.%u.%u.0/24\n"
					"ip prefix-list B seq %u permit 11.%u.%u.0/24\n",
					k / 256, k % 256, 2 * N - 2 * k, k / 256, k % 256);
	snprintf(text + len, cap - len, "ip prefix-list A seq 7 deny 0.0.0.0/0\n");
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, text);
	free(text);
	const tc_plist *a = tc_plist_find(d, "A"), *b = tc_plist_find(d, "B");
	unsigned n = 0, prev = 0;
	for (const tc_plist_entry *e = a->entries; e; e = e->next, n++) {
		assert_true(e->seq > prev);
		prev = e->seq;
	}
	assert_int_equal(n, N + 1);
	assert_int_equal(a->entries->next->seq, 7); /* between 5 and 10 */
	assert_int_equal(a->last->seq, 5 * N);
	assert_int_equal(b->entries->seq, 2);
	assert_prefix(b->entries->net, "11.11.183.0/24"); /* the last line, k = N - 1 */
	assert_int_equal(b->last->seq, 2 * N);
	tc_model_free(m);
}

static void test_route_map_clauses(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, "hostname R1\n"
				    "route-map RM\n"
				    " match ip address prefix-list PL\n"
				    " set local-preference 200\n"
				    " set as-path prepend 65000 65000 65000\n"
				    " set community 100:1\n"
				    " set community 100:2\n"
				    "route-map RM deny 20\n"
				    " match ip address 10\n"
				    " match ip address 10\n"
				    "route-map RM3 permit 10\n"
				    " match ip address A\n"
				    " match ip address B\n"
				    "route-map RM permit 5\n"
				    " set metric 50\n"
				    " set weight 7\n"
				    " set metric-type type-1\n"
				    "route-map RM2 permit 10\n"
				    " set community 100:3\n"
				    " match tag 9\n"
				    " set metric +5\n");
	const tc_rmap *rm = tc_rmap_find(d, "RM");
	assert_non_null(rm);
	const tc_rmap_clause *c = rm->clauses; /* in sequence order */
	assert_int_equal(c->seq, 5);
	assert_true(c->set_metric && c->set_weight && c->set_metric_type);
	assert_int_equal(c->metric, 50);
	assert_int_equal(c->weight, 7);
	assert_int_equal(c->metric_type, 1);
	assert_null(c->unsupported);
	c = c->next;
	/* `route-map RM` alone: permit 10 */
	assert_int_equal(c->seq, 10);
	assert_true(c->permit);
	assert_string_equal(c->match_plist, "PL");
	assert_true(c->set_local_pref);
	assert_int_equal(c->local_pref, 200);
	assert_int_equal(c->prepend_n, 3);
	assert_int_equal(c->prepend_as, 65000);
	assert_string_equal(c->unsupported, "set community");
	assert_int_equal(c->unsupported_line, 6);
	c = c->next;
	assert_int_equal(c->seq, 20);
	assert_false(c->permit);
	assert_string_equal(c->match_acl, "10");
	const tc_rmap_clause *c2 = tc_rmap_find(d, "RM2")->clauses;
	assert_string_equal(c2->unsupported, "set community"); /* the first one kept */
	assert_false(c2->set_metric);			       /* +5 is relative: not modelled */
	/* one note per device and feature, never a warning per line */
	assert_int_equal(count_unmodelled(d, "route-map set community"), 1);
	assert_int_equal(count_unmodelled(d, "route-map match tag"), 1);
	assert_int_equal(count_unmodelled(d, "route-map set metric"), 1);
	/* two lines naming two lists: either matches, which the clause cannot say */
	const tc_rmap_clause *c3 = tc_rmap_find(d, "RM3")->clauses;
	assert_string_equal(c3->match_acl, "A");
	assert_string_equal(c3->unsupported, "match of several access lists");
	assert_null(m->diags);
	tc_model_free(m);
}

static void test_asa_prefix_list_and_route_map(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_as(m,
				"ASA Version 9.8(2)\n"
				"hostname FW\n"
				"prefix-list PL seq 5 permit 10.0.0.0/8 ge 16 le 24\n"
				"route-map RM permit 10\n"
				" match ip address prefix-list PL\n"
				"router eigrp 20\n"
				" network 10.20.0.0 255.255.0.0\n"
				" network 10.30.0.0\n"
				" redistribute ospf 10 metric 10000 100 255 1 1500 route-map RM\n",
				TC_DIALECT_ASA);
	const tc_plist_entry *e = tc_plist_find(d, "PL")->entries;
	assert_int_equal(e->seq, 5);
	assert_int_equal(e->ge, 16);
	assert_int_equal(e->le, 24);
	assert_string_equal(tc_rmap_find(d, "RM")->clauses->match_plist, "PL");
	const tc_rproc *p = proc_of(d, TC_RP_EIGRP, 20, NULL);
	assert_prefix(net_at(p, 0)->net, "10.20.0.0/16");
	assert_prefix(net_at(p, 1)->net, "10.0.0.0/8");
	assert_string_equal(p->redist->route_map, "RM");
	assert_int_equal(p->redist->eigrp_delay, 100);
	assert_null(m->diags);
	tc_model_free(m);
}

/* ---- what is not modelled, bad input, statistics -------------------------------------- */

static void test_unmodelled_once_per_feature(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, "hostname R1\n"
				    "interface GigabitEthernet0/0\n"
				    " ip policy route-map PBR\n"
				    " mpls ip\n"
				    "interface GigabitEthernet0/1\n"
				    " ip policy route-map PBR\n"
				    " mpls ip\n"
				    "router isis\n"
				    " net 49.0001.0000.0000.0001.00\n"
				    " is-type level-2-only\n"
				    "router isis CORE\n"
				    "router odr\n"
				    "router ospf 1\n"
				    " area 1 virtual-link 2.2.2.2\n"
				    " area 1 virtual-link 3.3.3.3\n"
				    "mpls ldp router-id Loopback0\n"
				    "ipv6 router ospf 1\n");
	const char *features[] = {
		"policy-based routing",	 "MPLS", "IS-IS", "ODR", "OSPF virtual link",
		"IPv6 routing protocols"};
	unsigned n = 0;
	for (const struct tc_rt_unmodelled *u = d->rt->unmodelled; u; u = u->next)
		n++;
	assert_int_equal(n, 6);
	for (size_t k = 0; k < 6; k++)
		assert_int_equal(count_unmodelled(d, features[k]), 1);
	/* the first use is the one kept */
	assert_int_equal(d->rt->unmodelled->line, 3);
	/* the parser records; the pass gives the one note per feature */
	assert_null(m->diags);
	tc_model_free(m);
}

static void test_unknown_option_diagnosed(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, "hostname R1\n"
				    "router ospf 1\n"
				    " network 10.0.0.0 0.0.0.255 area 0 frobnicate\n"
				    " redistribute static subnets wobble\n"
				    " wibble 3\n"
				    "router bgp 65000\n"
				    " neighbor 10.0.0.2 wobble\n"
				    "router fancy\n");
	/* the known part is kept */
	const tc_rproc *p = proc_of(d, TC_RP_OSPF, 1, NULL);
	assert_prefix(net_at(p, 0)->net, "10.0.0.0/24");
	assert_true(p->redist->subnets);
	assert_int_equal(count_code(m, "unknown-option"), 3);
	assert_int_equal(count_code(m, "unknown-line"), 2); /* wibble, router fancy */
	const tc_diag *g = find_code(m, "unknown-option");
	assert_string_equal(g->file, "t.cfg");
	assert_int_equal(g->line, 3);
	assert_int_equal(g->col, 36);
	tc_model_free(m);
}

static void test_stats_count_routing_lines(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse_ios(m, "hostname R1\n"   /* modelled, not relevant */
				    "router ospf 1\n" /* modelled */
				    " network 10.0.0.0 0.0.0.255 area 0\n" /* modelled */
				    " log-adjacency-changes\n"		   /* skipped */
				    " timers throttle spf 50 150 5000\n"   /* skipped */
				    "router isis\n"		       /* skipped (not modelled) */
				    " net 49.0001.0000.0000.0001.00\n" /* skipped */
				    "ip prefix-list PL seq 5 permit 10.0.0.0/8\n" /* modelled */
				    "route-map RM permit 10\n"			  /* modelled */
				    " set community 1:1\n"	   /* skipped (not modelled) */
				    " set local-preference 10\n"); /* modelled */
	const tc_linestats *s = &d->stats;
	assert_int_equal(s->lines, 11);
	assert_int_equal(s->modelled, 6);
	assert_int_equal(s->skipped, 5);
	assert_int_equal(s->unknown, 0);
	assert_int_equal(s->rel_lines, 10);
	assert_int_equal(s->rel_modelled, 5);
	assert_int_equal(s->rel_skipped, 5);
	tc_model_free(m);
}

static void test_dump_shows_routing(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	parse_ios(m, "hostname R1\n"
		     "interface GigabitEthernet0/0\n"
		     " ip address 10.0.0.1 255.255.255.0\n"
		     " ip ospf cost 30\n"
		     "router ospf 1\n"
		     " network 10.0.0.0 0.0.0.255 area 0\n"
		     "ip prefix-list PL seq 5 permit 10.0.0.0/8 le 24\n"
		     "route-map RM deny 30\n"
		     " match ip address prefix-list PL\n");
	assert_int_equal(tc_model_finalize(m), 0);
	char *text = print_model(tc_render_model_text, m);
	assert_non_null(strstr(text, "    GigabitEthernet0/0 10.0.0.1/24, ospf cost 30\n"));
	assert_non_null(strstr(text, "  routing processes:\n"
				     "    ospf 1 (line 5):\n"
				     "      network 10.0.0.0/24 area 0 (line 6)\n"));
	assert_non_null(strstr(text, "  prefix list PL (line 7): seq 5 permit 10.0.0.0/8 le 24\n"));
	assert_non_null(strstr(text, "  route map RM (line 8):\n"
				     "    30 deny, match prefix-list PL (line 8)\n"));
	free(text);
	char *json = print_model(tc_render_model_json, m);
	assert_non_null(strstr(json, "\"prefix_lists\""));
	assert_non_null(strstr(json, "\"ospf_cost\": 30"));
	free(json);
	tc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ospf_process),
		cmocka_unit_test(test_ospf_areas),
		cmocka_unit_test(test_ospf_interface_settings),
		cmocka_unit_test(test_ospf_key_masked_in_diagnostic),
		cmocka_unit_test(test_asa_ospf),
		cmocka_unit_test(test_eigrp_classic),
		cmocka_unit_test(test_eigrp_named),
		cmocka_unit_test(test_bgp_process),
		cmocka_unit_test(test_bgp_peer_group_copied),
		cmocka_unit_test(test_bgp_password_never_stored),
		cmocka_unit_test(test_bgp_no_default_ipv4),
		cmocka_unit_test(test_rip),
		cmocka_unit_test(test_prefix_list_seq_defaults),
		cmocka_unit_test(test_prefix_lists_interleaved_and_long),
		cmocka_unit_test(test_route_map_clauses),
		cmocka_unit_test(test_asa_prefix_list_and_route_map),
		cmocka_unit_test(test_unmodelled_once_per_feature),
		cmocka_unit_test(test_unknown_option_diagnosed),
		cmocka_unit_test(test_stats_count_routing_lines),
		cmocka_unit_test(test_dump_shows_routing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
