/* test_rip.c: RIP in the control-plane pass: hop counts, 16 unreachable, passive interfaces,
 * versions and classful updates, redistribution, default-information originate, equal-cost
 * paths. Expected metrics follow IOS: a router's own subnet reaches its neighbour as 1 hop,
 * each router further adds 1, 16 is unreachable (`show ip route`: [120/hops]). */
#include "dv_fixture.h"

#include <stdio.h>

/* r0 .. r(n-1) in a row: rk's Gi0/1 10.0.(k+1).1/24 -- r(k+1)'s Gi0/0 10.0.(k+1).2/24; r0's
 * LAN Gi0/2 192.168.0.1/24. Every router runs RIP on 10.0.0.0 and 192.168.0.0. */
typedef struct chain {
	tc_model *m;
	tc_device *r[20];
	tc_rproc *p[20];
} chain;

static chain make_chain(unsigned n, unsigned version)
{
	chain c = {.m = tc_model_new()};
	for (unsigned k = 0; k < n; k++) {
		char name[16], addr[32];
		snprintf(name, sizeof name, "r%02u", k);
		c.r[k] = fx_device(c.m, name);
		if (k > 0) {
			snprintf(addr, sizeof addr, "10.0.%u.2/24", k);
			fx_iface(c.m, c.r[k], "GigabitEthernet0/0", addr);
		}
		if (k + 1 < n) {
			snprintf(addr, sizeof addr, "10.0.%u.1/24", k + 1);
			fx_iface(c.m, c.r[k], "GigabitEthernet0/1", addr);
		}
		c.p[k] = fx_proc(c.m, c.r[k], TC_RP_RIP, 0, "10.0.0.0/8", "192.168.0.0/24", NULL);
		c.p[k]->rip_version = version;
	}
	fx_iface(c.m, c.r[0], "GigabitEthernet0/2", "192.168.0.1/24");
	return c;
}

static void hop_counts_across_a_chain_of_three(void **state)
{
	(void)state;
	chain c = make_chain(3, 2);
	assert_int_equal(tc_model_finalize(c.m), 0);
	fx_expect(c.r[1], "192.168.0.0/24", "10.0.1.1", "R", 120, 1, "GigabitEthernet0/0");
	fx_expect(c.r[2], "192.168.0.0/24", "10.0.2.1", "R", 120, 2, "GigabitEthernet0/0");
	fx_expect(c.r[0], "10.0.2.0/24", "10.0.1.2", "R", 120, 1, "GigabitEthernet0/1");
	assert_int_equal(fx_fib_nh(c.r[2], "192.168.0.9"), IP("10.0.2.1"));
	/* connected subnets stay connected: nothing computed for them */
	assert_null(fx_route(c.r[1], "10.0.1.0/24", NULL));
	assert_int_equal(fx_paths(c.r[1], "192.168.0.0/24"), 1);
	tc_model_free(c.m);
}

static void sixteen_hops_is_unreachable(void **state)
{
	(void)state;
	/* r15 is 15 hops from r0's LAN: installed; r16 would be 16: unreachable */
	chain c = make_chain(17, 2);
	c.p[15]->distance[0] = 100; /* `distance 100` */
	assert_int_equal(tc_model_finalize(c.m), 0);
	fx_expect(c.r[15], "192.168.0.0/24", "10.0.15.1", "R", 100, 15, "GigabitEthernet0/0");
	assert_null(fx_route(c.r[16], "192.168.0.0/24", NULL));
	/* the link r0-r1 is 15 hops from r16 (r1 holds it as its own) */
	fx_expect(c.r[16], "10.0.1.0/24", "10.0.16.1", "R", 120, 15, "GigabitEthernet0/0");
	tc_model_free(c.m);
}

static void passive_interface_listens(void **state)
{
	(void)state;
	/* r1 passive towards r0: it sends nothing there but still learns r0's LAN */
	chain c = make_chain(3, 2);
	tc_ifname_list_add(c.m, &c.p[1]->passive, "GigabitEthernet0/0");
	assert_int_equal(tc_model_finalize(c.m), 0);
	fx_expect(c.r[1], "192.168.0.0/24", "10.0.1.1", "R", 120, 1, "GigabitEthernet0/0");
	fx_expect(c.r[2], "192.168.0.0/24", "10.0.2.1", "R", 120, 2, "GigabitEthernet0/0");
	assert_null(c.r[0]->computed);
	tc_model_free(c.m);
}

static void redistribute_static(void **state)
{
	(void)state;
	for (unsigned metric = 0; metric <= 5; metric += 5) {
		chain c = make_chain(3, 2);
		fx_static(c.m, c.r[0], "172.16.0.0/16", "192.168.0.254");
		tc_redist *rd = tc_redist_add(c.m, c.p[0]);
		rd->from = TC_RP_STATIC;
		rd->has_metric = metric != 0;
		rd->metric = metric;
		assert_int_equal(tc_model_finalize(c.m), 0);
		/* without a metric IOS sends a static as its own subnet: 1 at the neighbour; with
		   `metric 5` the neighbour installs 5, the next router 6 */
		unsigned m1 = metric ? metric : 1;
		fx_expect(c.r[1], "172.16.0.0/16", "10.0.1.1", "R", 120, m1, "GigabitEthernet0/0");
		fx_expect(c.r[2], "172.16.0.0/16", "10.0.2.1", "R", 120, m1 + 1,
			  "GigabitEthernet0/0");
		tc_model_free(c.m);
	}
	/* `metric 16` is unreachable: nothing is sent */
	chain c = make_chain(2, 2);
	fx_static(c.m, c.r[0], "172.16.0.0/16", "192.168.0.254");
	tc_redist *rd = tc_redist_add(c.m, c.p[0]);
	rd->from = TC_RP_STATIC;
	rd->has_metric = true;
	rd->metric = 16;
	assert_int_equal(tc_model_finalize(c.m), 0);
	assert_null(fx_route(c.r[1], "172.16.0.0/16", NULL));
	tc_model_free(c.m);
}

static void redistribute_eigrp_needs_a_seed_metric(void **state)
{
	(void)state;
	/* x's LAN 172.30.0.0/16 reaches r0 by EIGRP (x Gi0/0 10.0.9.2 -- r0 Gi0/9 10.0.9.1);
	   r0 redistributes EIGRP into RIP: without a metric IOS's seed is infinity (nothing
	   sent); with `default-metric 3` r1 installs 3 */
	for (unsigned seed = 0; seed <= 3; seed += 3) {
		chain c = make_chain(2, 2);
		tc_device *x = fx_device(c.m, "x");
		fx_ifaces(c.m, x, "GigabitEthernet0/0", "10.0.9.2/24", "GigabitEthernet0/1",
			  "172.30.0.1/16", NULL);
		fx_iface(c.m, c.r[0], "GigabitEthernet0/9", "10.0.9.1/24");
		fx_proc(c.m, x, TC_RP_EIGRP, 7, "0.0.0.0/0", NULL);
		fx_proc(c.m, c.r[0], TC_RP_EIGRP, 7, "10.0.9.0/24", NULL);
		tc_redist_add(c.m, c.p[0])->from = TC_RP_EIGRP;
		c.p[0]->default_metric = seed;
		assert_int_equal(tc_model_finalize(c.m), 0);
		/* 256 * (10 + 1 + 1) */
		fx_expect(c.r[0], "172.30.0.0/16", "10.0.9.2", "D", 90, 3072, "GigabitEthernet0/9");
		if (seed)
			fx_expect(c.r[1], "172.30.0.0/16", "10.0.1.1", "R", 120, seed,
				  "GigabitEthernet0/0");
		else
			assert_null(fx_route(c.r[1], "172.30.0.0/16", NULL));
		tc_model_free(c.m);
	}
}

static void default_information_originate(void **state)
{
	(void)state;
	chain c = make_chain(3, 2);
	c.p[0]->default_originate = true;
	assert_int_equal(tc_model_finalize(c.m), 0);
	fx_expect(c.r[1], "0.0.0.0/0", "10.0.1.1", "R", 120, 1, "GigabitEthernet0/0");
	fx_expect(c.r[2], "0.0.0.0/0", "10.0.2.1", "R", 120, 2, "GigabitEthernet0/0");
	assert_null(fx_route(c.r[0], "0.0.0.0/0", NULL));
	assert_int_equal(fx_fib_nh(c.r[2], "8.8.8.8"), IP("10.0.2.1"));
	tc_model_free(c.m);
}

static void version_1_is_classful(void **state)
{
	(void)state;
	/* no version (IOS sends version 1): r0's 172.16.1.0/24 reaches r1 over 10.0.1.0/24 as
	   172.16.0.0/16; r0's 10.5.5.0/25 has another mask than the link: not sent; the r1-r2
	   link 10.0.2.0/24 has the link's mask: sent as it is */
	chain c = make_chain(3, 0);
	fx_ifaces(c.m, c.r[0], "GigabitEthernet0/3", "172.16.1.1/24", "GigabitEthernet0/4",
		  "10.5.5.1/25", NULL);
	tc_rnet_add(c.m, c.p[0])->net = PFX("172.16.0.0/16");
	assert_int_equal(tc_model_finalize(c.m), 0);
	fx_expect(c.r[1], "172.16.0.0/16", "10.0.1.1", "R", 120, 1, "GigabitEthernet0/0");
	assert_null(fx_route(c.r[1], "172.16.1.0/24", NULL));
	assert_null(fx_route(c.r[1], "10.5.5.0/25", NULL));
	fx_expect(c.r[0], "10.0.2.0/24", "10.0.1.2", "R", 120, 1, "GigabitEthernet0/1");
	tc_model_free(c.m);
}

static void version_2_ignores_version_1(void **state)
{
	(void)state;
	/* r0 `version 2`, r1 none: r1 accepts r0's version 2 updates, r0 drops r1's version 1 */
	chain c = make_chain(3, 0);
	c.p[0]->rip_version = 2;
	assert_int_equal(tc_model_finalize(c.m), 0);
	fx_expect(c.r[1], "192.168.0.0/24", "10.0.1.1", "R", 120, 1, "GigabitEthernet0/0");
	assert_null(fx_route(c.r[0], "10.0.2.0/24", NULL));
	tc_model_free(c.m);
}

static void auto_summary_version_2(void **state)
{
	(void)state;
	chain c = make_chain(2, 2);
	fx_iface(c.m, c.r[0], "GigabitEthernet0/3", "172.16.1.1/24");
	fx_iface(c.m, c.r[0], "GigabitEthernet0/4", "172.16.2.1/25");
	tc_rnet_add(c.m, c.p[0])->net = PFX("172.16.0.0/16");
	c.p[0]->auto_summary = true;
	assert_int_equal(tc_model_finalize(c.m), 0);
	fx_expect(c.r[1], "172.16.0.0/16", "10.0.1.1", "R", 120, 1, "GigabitEthernet0/0");
	assert_null(fx_route(c.r[1], "172.16.2.0/25", NULL));
	/* RIP installs no Null0 route for it */
	assert_null(c.r[0]->computed);
	tc_model_free(c.m);
}

/* a -- b -- d, a -- c -- d: d's LAN two hops away both ways. */
static void equal_cost_paths(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *a = fx_device(m, "a"), *b = fx_device(m, "b"), *c = fx_device(m, "c"),
		  *d = fx_device(m, "d");
	fx_ifaces(m, a, "Gi0/1", "10.0.1.1/24", "Gi0/2", "10.0.2.1/24", NULL);
	fx_ifaces(m, b, "Gi0/1", "10.0.1.2/24", "Gi0/3", "10.0.3.1/24", NULL);
	fx_ifaces(m, c, "Gi0/2", "10.0.2.2/24", "Gi0/4", "10.0.4.1/24", NULL);
	fx_ifaces(m, d, "Gi0/3", "10.0.3.2/24", "Gi0/4", "10.0.4.2/24", "Gi0/9", "10.9.9.1/24",
		  NULL);
	tc_device *all[] = {a, b, c, d};
	for (int k = 0; k < 4; k++)
		fx_proc(m, all[k], TC_RP_RIP, 0, "10.0.0.0/8", NULL)->rip_version = 2;
	assert_int_equal(tc_model_finalize(m), 0);
	assert_int_equal(fx_paths(a, "10.9.9.0/24"), 2);
	fx_expect(a, "10.9.9.0/24", "10.0.1.2", "R", 120, 2, "Gi0/1");
	fx_expect(a, "10.9.9.0/24", "10.0.2.2", "R", 120, 2, "Gi0/2");
	tc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hop_counts_across_a_chain_of_three),
		cmocka_unit_test(sixteen_hops_is_unreachable),
		cmocka_unit_test(passive_interface_listens),
		cmocka_unit_test(redistribute_static),
		cmocka_unit_test(redistribute_eigrp_needs_a_seed_metric),
		cmocka_unit_test(default_information_originate),
		cmocka_unit_test(version_1_is_classful),
		cmocka_unit_test(version_2_ignores_version_1),
		cmocka_unit_test(auto_summary_version_2),
		cmocka_unit_test(equal_cost_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
