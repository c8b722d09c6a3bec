/* test_rib.c: unit tests for render/rib.c, the routing tables `tunnelcast routes SNAPSHOT` prints,
 * on hand-built devices whose computed routes stand for what the control-plane pass gives.
 *
 * Expected lines are IOS 15 `show ip route` / ASA 9 `show route` as those print them, with the
 * age column left out: code in a column of 6 (a route outside a classful header) or 9 (under
 * one, and every ASA route), "[AD/metric] via NH, IF", equal-cost paths under the first
 * bracket, BGP routes without their interface (the next hop is recursive), a summary's discard
 * route "is a summary, Null0", the candidate default's star inside the code ("O*E2"). */
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
#include "render.h"
#include "tc_test.h"

static tc_iface *add_iface(tc_model *m, tc_device *d, const char *name, const char *nameif,
			   const char *addr, uint8_t plen)
{
	tc_iface *i = tc_iface_add(m, d, name);
	i->nameif = nameif ? tc_arena_strdup(m->arena, nameif) : NULL;
	i->addr = ip(addr);
	i->plen = plen;
	i->has_addr = true;
	return i;
}

/* A route the control-plane pass would write: origin, code as IOS prints it, next hop ("" for
 * none), egress interface name. */
static tc_route *add_computed(tc_model *m, tc_device *d, tc_route_origin origin, const char *code,
			      const char *dst, unsigned ad, unsigned metric, const char *nh,
			      const char *ifname)
{
	tc_route_attr *at = tc_arena_alloc(m->arena, sizeof *at);
	at->code = tc_arena_strdup(m->arena, code);
	at->ifname = tc_arena_strdup(m->arena, ifname);
	tc_route *r = tc_route_add_shared(m, d, origin, false, at);
	r->dst = pfx(dst);
	r->has_nh = nh[0] != '\0';
	r->nh = r->has_nh ? ip(nh) : 0;
	r->distance = (uint8_t)ad;
	r->metric = metric;
	r->has_ad = true;
	return r;
}

static tc_route *add_static(tc_model *m, tc_device *d, const char *dst, const char *nh,
			    const char *ifname, unsigned ad)
{
	tc_route *r = tc_route_add(m, d, TC_RT_STATIC);
	r->dst = pfx(dst);
	r->has_nh = nh != NULL;
	r->nh = nh ? ip(nh) : 0;
	r->attr->ifname = ifname ? tc_arena_strdup(m->arena, ifname) : NULL;
	r->distance = (uint8_t)ad;
	return r;
}

static char *slurp(FILE *f)
{
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	assert_int_equal(fclose(f), 0);
	return buf;
}

static char *rib_text(const tc_device *d, const char *vrf)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(tc_render_rib_text(f, &d, 1, vrf), 0);
	return slurp(f);
}

/* An OSPF router with a loopback /32, two links, OSPF routes of every kind (one over two
 * equal-cost paths), a summary's discard route, an EIGRP external, an eBGP route, a BGP
 * aggregate (IOS prints "B 11.1.0.0/17 [200/0], 2w0d, Null0"), a static to Null0, and a
 * static that wins over an OSPF route to the same prefix (AD 1 < 110). */
static void ios_prints_computed_routes_as_show_ip_route(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = add_device(m, "r1.cfg", TC_DIALECT_IOS, "R1");
	add_iface(m, d, "Loopback0", NULL, "1.1.1.1", 32);
	add_iface(m, d, "GigabitEthernet0/0", NULL, "10.0.12.1", 24);
	add_iface(m, d, "GigabitEthernet0/1", NULL, "10.0.13.1", 24);
	add_static(m, d, "10.0.0.0/8", NULL, "Null0", 1);
	add_static(m, d, "172.16.9.0/24", "10.0.13.3", NULL, 1);
	const char *g0 = "GigabitEthernet0/0", *g1 = "GigabitEthernet0/1";
	add_computed(m, d, TC_RT_OSPF, "O", "2.2.2.2/32", 110, 2, "10.0.12.2", g0);
	add_computed(m, d, TC_RT_OSPF, "O", "10.4.4.0/24", 110, 3, "10.0.12.2", g0);
	add_computed(m, d, TC_RT_OSPF, "O", "10.4.4.0/24", 110, 3, "10.0.13.3", g1);
	add_computed(m, d, TC_RT_OSPF, "O IA", "172.16.5.0/24", 110, 12, "10.0.13.3", g1);
	add_computed(m, d, TC_RT_OSPF, "O", "172.16.9.0/24", 110, 20, "10.0.12.2", g0);
	add_computed(m, d, TC_RT_OSPF, "O E2", "0.0.0.0/0", 110, 1, "10.0.12.2", g0);
	add_computed(m, d, TC_RT_OSPF, "O", "10.128.0.0/9", 110, 0, "", "Null0");
	/* 2816 = 256 * (10^7 / 1000000 kbit/s + 1 ten of microseconds): a gigabit hop's metric */
	add_computed(m, d, TC_RT_EIGRP, "D EX", "192.168.50.0/24", 170, 2816, "10.0.13.3", g1);
	add_computed(m, d, TC_RT_BGP, "B", "203.0.113.0/24", 20, 0, "10.0.13.3", g1);
	/* an aggregate-address: AD 200, discard route to Null0 */
	add_computed(m, d, TC_RT_BGP, "B", "198.51.0.0/16", 200, 0, "", "Null0");
	assert_int_equal(tc_model_finalize(m), 0);
	char *t = rib_text(tc_device_find(m, "R1"), NULL);
	assert_string_equal(t,
			    "R1: routes computed from the config r1.cfg\n"
			    "\n"
			    "Gateway of last resort is 10.0.12.2 to network 0.0.0.0\n"
			    "\n"
			    "O*E2  0.0.0.0/0 [110/1] via 10.0.12.2, GigabitEthernet0/0\n"
			    "      1.0.0.0/32 is subnetted, 1 subnets\n"
			    "C        1.1.1.1 is directly connected, Loopback0\n"
			    "      2.0.0.0/32 is subnetted, 1 subnets\n"
			    "O        2.2.2.2 [110/2] via 10.0.12.2, GigabitEthernet0/0\n"
			    "      10.0.0.0/8 is variably subnetted, 7 subnets, 4 masks\n"
			    "S        10.0.0.0/8 is directly connected, Null0\n"
			    "C        10.0.12.0/24 is directly connected, GigabitEthernet0/0\n"
			    "L        10.0.12.1/32 is directly connected, GigabitEthernet0/0\n"
			    "C        10.0.13.0/24 is directly connected, GigabitEthernet0/1\n"
			    "L        10.0.13.1/32 is directly connected, GigabitEthernet0/1\n"
			    "O        10.4.4.0/24 [110/3] via 10.0.12.2, GigabitEthernet0/0\n"
			    "                     [110/3] via 10.0.13.3, GigabitEthernet0/1\n"
			    "O        10.128.0.0/9 is a summary, Null0\n"
			    "      172.16.0.0/24 is subnetted, 2 subnets\n"
			    "O IA     172.16.5.0 [110/12] via 10.0.13.3, GigabitEthernet0/1\n"
			    "S        172.16.9.0 [1/0] via 10.0.13.3\n"
			    "D EX  192.168.50.0/24 [170/2816] via 10.0.13.3, GigabitEthernet0/1\n"
			    "B     198.51.0.0/16 [200/0], Null0\n"
			    "B     203.0.113.0/24 [20/0] via 10.0.13.3\n");
	free(t);
	tc_model_free(m);
}

/* The ASA: address and mask, every route at column 9, nameif for the interface. */
static void asa_prints_computed_routes_with_masks_and_nameifs(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = add_device(m, "fw.cfg", TC_DIALECT_ASA, "FW");
	add_iface(m, d, "GigabitEthernet0/1", "inside", "192.168.2.108", 24);
	add_computed(m, d, TC_RT_OSPF, "O E1", "10.15.0.0/16", 110, 21, "192.168.2.1",
		     "GigabitEthernet0/1");
	add_computed(m, d, TC_RT_OSPF, "O E2", "0.0.0.0/0", 110, 1, "192.168.2.1",
		     "GigabitEthernet0/1");
	assert_int_equal(tc_model_finalize(m), 0);
	char *t = rib_text(tc_device_find(m, "FW"), NULL);
	assert_string_equal(
		t, "FW: routes computed from the config fw.cfg\n"
		   "\n"
		   "Gateway of last resort is 192.168.2.1 to network 0.0.0.0\n"
		   "\n"
		   "O*E2     0.0.0.0 0.0.0.0 [110/1] via 192.168.2.1, inside\n"
		   "O E1     10.15.0.0 255.255.0.0 [110/21] via 192.168.2.1, inside\n"
		   "C        192.168.2.0 255.255.255.0 is directly connected, inside\n"
		   "L        192.168.2.108 255.255.255.255 is directly connected, inside\n");
	free(t);
	tc_model_free(m);
}

/* A VRF's table: its interfaces' subnets and its held routes, apart from the global table;
 * a VRF static whose next hop nothing in the VRF reaches is not installed. */
static void vrf_tables_hold_their_interfaces_and_routes(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = add_device(m, "r1.cfg", TC_DIALECT_IOS, "R1");
	add_iface(m, d, "GigabitEthernet0/0", NULL, "10.1.1.1", 24);
	tc_iface *v = add_iface(m, d, "GigabitEthernet0/2", NULL, "10.1.1.1", 24);
	v->vrf = tc_arena_strdup(m->arena, "RED");
	tc_route *r = tc_route_add_held(m, d, TC_RT_STATIC);
	r->dst = pfx("10.200.0.0/16");
	r->nh = ip("10.1.1.9");
	r->has_nh = true;
	r->distance = 1;
	r->attr->vrf = v->vrf;
	r = tc_route_add_held(m, d, TC_RT_STATIC);
	r->dst = pfx("10.201.0.0/16");
	r->nh = ip("10.99.1.9");
	r->has_nh = true;
	r->distance = 1;
	r->attr->vrf = v->vrf;
	assert_int_equal(tc_model_finalize(m), 0);
	const tc_device *dd = tc_device_find(m, "R1");
	assert_true(tc_render_rib_has_vrf(dd, "RED"));
	assert_false(tc_render_rib_has_vrf(dd, "BLUE"));
	char *t = rib_text(dd, NULL);
	assert_string_equal(t, "R1: routes computed from the config r1.cfg\n"
			       "\n"
			       "Gateway of last resort is not set\n"
			       "\n"
			       "      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks\n"
			       "C        10.1.1.0/24 is directly connected, GigabitEthernet0/0\n"
			       "L        10.1.1.1/32 is directly connected, GigabitEthernet0/0\n"
			       "\n"
			       "Routing Table: RED\n"
			       "\n"
			       "Gateway of last resort is not set\n"
			       "\n"
			       "      10.0.0.0/8 is variably subnetted, 3 subnets, 3 masks\n"
			       "C        10.1.1.0/24 is directly connected, GigabitEthernet0/2\n"
			       "L        10.1.1.1/32 is directly connected, GigabitEthernet0/2\n"
			       "S        10.200.0.0/16 [1/0] via 10.1.1.9\n");
	free(t);
	t = rib_text(dd, "RED");
	assert_non_null(
		strstr(t, "R1: routes computed from the config r1.cfg\n\nRouting Table: RED\n"));
	assert_null(strstr(t, "GigabitEthernet0/0"));
	free(t);
	tc_model_free(m);
}

/* A captured route, as the capture parser adds one (one attr per route here). */
static void add_captured(tc_model *m, tc_device *d, const char *code, const char *dst, unsigned ad,
			 unsigned metric, const char *nh, const char *ifname)
{
	tc_route_attr *at = tc_arena_alloc(m->arena, sizeof *at);
	at->code = tc_arena_strdup(m->arena, code);
	at->ifname = ifname ? tc_arena_strdup(m->arena, ifname) : NULL;
	tc_route *r = tc_route_add_shared(m, d, TC_RT_CAPTURED, false, at);
	r->dst = pfx(dst);
	r->has_nh = nh != NULL;
	r->nh = nh ? ip(nh) : 0;
	r->distance = (uint8_t)ad;
	r->metric = metric;
	r->has_ad = nh != NULL;
}

/* A device whose capture replaces its routes: the FIB is the capture's, the view from its
 * configs holds its connected and computed routes, and --compare names the prefixes where
 * they differ: an OSPF metric, an OSPF route the capture lacks, a static the configs lack. */
static void compare_sets_computed_routes_against_the_capture(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = add_device(m, "r1.cfg", TC_DIALECT_IOS, "R1");
	d->capture_file = "routes/R1.txt";
	add_iface(m, d, "GigabitEthernet0/0", NULL, "10.0.12.1", 24);
	const char *g0 = "GigabitEthernet0/0";
	add_computed(m, d, TC_RT_OSPF, "O", "10.4.4.0/24", 110, 3, "10.0.12.2", g0);
	add_computed(m, d, TC_RT_OSPF, "O", "10.5.5.0/24", 110, 2, "10.0.12.2", g0);
	add_captured(m, d, "C", "10.0.12.0/24", 0, 0, NULL, g0);
	add_captured(m, d, "L", "10.0.12.1/32", 0, 0, NULL, g0);
	add_captured(m, d, "O", "10.4.4.0/24", 110, 4, "10.0.12.2", g0);
	add_captured(m, d, "S", "10.9.0.0/16", 1, 0, "10.0.12.9", NULL);
	tc_device *other = add_device(m, "r2.cfg", TC_DIALECT_IOS, "R2");
	add_iface(m, other, "GigabitEthernet0/0", NULL, "10.0.12.2", 24);
	assert_int_equal(tc_model_finalize(m), 0);
	const tc_device *r1 = tc_device_find(m, "R1"), *r2 = tc_device_find(m, "R2");
	assert_true(r1->has_capture);
	/* the FIB is the capture's: no computed route in it */
	const tc_fib_entry *fe = tc_fib_lookup(r1, ip("10.5.5.1"));
	assert_null(fe);
	const tc_device *view = tc_device_configs_view(m, r1);
	assert_ptr_not_equal(view, r1);
	assert_false(view->has_capture);
	fe = tc_fib_lookup(view, ip("10.5.5.1"));
	assert_non_null(fe);
	assert_int_equal(tc_fib_distance(fe), 110);
	assert_ptr_equal(tc_device_configs_view(m, r2), r2);
	const tc_device *devs[] = {r1, r2}, *views[] = {view, NULL};
	FILE *f = tmpfile();
	assert_non_null(f);
	size_t ndiff = 0;
	assert_int_equal(tc_render_rib_compare_text(f, devs, views, 2, NULL, &ndiff), 0);
	char *t = slurp(f);
	assert_string_equal(
		t, "R1 10.4.4.0/24: configs: O [110/3] via 10.0.12.2, GigabitEthernet0/0 | "
		   "capture: O [110/4] via 10.0.12.2, GigabitEthernet0/0\n"
		   "R1 10.5.5.0/24: configs: O [110/2] via 10.0.12.2, GigabitEthernet0/0 | "
		   "capture: none\n"
		   "R1 10.9.0.0/16: configs: none | capture: S [1/0] via 10.0.12.9\n"
		   "R1: 3 of 5 prefixes differ between the configs and routes/R1.txt\n"
		   "R2: no capture (routes/<hostname>.txt), nothing to compare\n");
	assert_int_equal(ndiff, 3);
	free(t);
	tc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ios_prints_computed_routes_as_show_ip_route),
		cmocka_unit_test(asa_prints_computed_routes_with_masks_and_nameifs),
		cmocka_unit_test(vrf_tables_hold_their_interfaces_and_routes),
		cmocka_unit_test(compare_sets_computed_routes_against_the_capture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
