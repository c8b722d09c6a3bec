/* test_drift.c: the prediction held against captured SAs (model/drift.c), each verdict, on
 * the founding lab's snapshots with captures built by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "drift.h"
#include "model.h"
#include "parser.h"
#include "tc_test.h"

/* One snapshot, predicted, with the captures a test adds before drifting. */
struct lab {
	tc_model *m;
	tc_prediction *p;
	tc_drift *dr;
};

static struct lab lab_load(const char *sample)
{
	struct lab l = {.m = tc_model_new()};
	char path[512], err[256] = "";
	snprintf(path, sizeof path, "%s/samples/%s", TC_SOURCE_DIR, sample);
	assert_int_equal(tc_snapshot_load(l.m, path, NULL, err, sizeof err), 0);
	assert_int_equal(tc_model_finalize(l.m), 0);
	assert_int_equal(tc_predict(&l.p, l.m, NULL), 0);
	for (size_t i = 0; i < l.m->ndevs;
	     i++) /* the sample's own captures: the tests build theirs */
		l.m->devs[i]->obs = NULL;
	return l;
}

static void lab_drift(struct lab *l)
{
	assert_int_equal(tc_drift_compute(&l->dr, l->m, l->p), 0);
}

static void lab_free(struct lab *l)
{
	tc_drift_free(l->dr);
	tc_prediction_free(l->p);
	tc_model_free(l->m);
}

static tc_obs *obs_of(struct lab *l, const char *host)
{
	tc_device *d = (tc_device *)tc_device_find(l->m, host);
	assert_non_null(d);
	if (!d->obs) {
		d->obs = tc_arena_alloc(l->m->arena, sizeof *d->obs);
		d->obs->file = "state/x.txt";
	}
	return d->obs;
}

/* An SA in host's capture: proxies local <-> remote with peer, packets out and in. */
static tc_obs_sa *add_sa(struct lab *l, const char *host, const char *local, const char *remote,
			 const char *peer, uint64_t encaps, uint64_t decaps)
{
	tc_obs *o = obs_of(l, host);
	tc_obs_sa *sa = tc_arena_alloc(l->m->arena, sizeof *sa);
	sa->local = pfx(local);
	sa->remote = pfx(remote);
	sa->peer = ip(peer);
	sa->encaps = encaps;
	sa->decaps = decaps;
	sa->has_counters = true;
	sa->lifetime_s = -1;
	sa->file = o->file;
	tc_obs_add_sa(o, sa);
	return sa;
}

static void add_ike(struct lab *l, const char *host, const char *peer, const char *state, bool up)
{
	tc_obs *o = obs_of(l, host);
	tc_obs_ike *k = tc_arena_alloc(l->m->arena, sizeof *k);
	k->peer = ip(peer);
	k->version = 1;
	k->state = state;
	k->up = up;
	tc_obs_add_ike(o, k);
}

/* The item of the domain on host whose local side is local. */
static const tc_drift_item *item(const struct lab *l, const char *host, const char *local)
{
	for (size_t i = 0; i < l->p->ndomains; i++) {
		const tc_domain *d = &l->p->domains[i];
		char buf[TC_PREFIX_STRLEN];
		if (strcmp(d->device->hostname, host) == 0 &&
		    strcmp(tc_prefix_format(buf, sizeof buf, d->local), local) == 0)
			return tc_drift_of(l->dr, l->p, d);
	}
	fail_msg("no domain on %s from %s", host, local);
	return NULL;
}

#define D241 "10.26.241.0/24"
#define D242 "10.26.242.0/24"
#define R6NET "195.160.0.0/26"
#define R2ADDR "5.100.42.2"
#define R3ADDR "5.100.34.3"
#define ASAADDR "5.100.14.1"

static void assert_item(const tc_drift_item *it, tc_drift_verdict v, const char *observed)
{
	assert_int_equal(it->verdict, v);
	if (observed)
		assert_string_equal(it->observed, observed);
	else
		assert_null(it->observed);
}

/* Scenario B as the write-up's ASA showed it (S1): the 241 SA with R2 (R4.3 replaced R3's),
 * the 242 SA with R3. The ASA's capture also speaks for R2 and R3 (far end, mirrored). */
static void scenario_b_capture_matches(void **state)
{
	(void)state;
	struct lab l = lab_load("lab-b");
	add_sa(&l, "ASA", D241, R6NET, R2ADDR, 40, 40);
	add_sa(&l, "ASA", D242, R6NET, R3ADDR, 25, 25);
	add_ike(&l, "ASA", R2ADDR, "MM_ACTIVE", true);
	add_ike(&l, "ASA", R3ADDR, "MM_ACTIVE", true);
	lab_drift(&l);
	assert_int_equal(l.dr->ndomains, 6);
	assert_int_equal(l.dr->nitems, 6);
	assert_int_equal(l.dr->nverdict[TC_DRIFT_MATCHES], 6);
	assert_false(tc_drift_found(l.dr));
	assert_item(item(&l, "ASA", D241), TC_DRIFT_MATCHES, "R2");
	assert_item(item(&l, "ASA", D242), TC_DRIFT_MATCHES, "R3");
	const tc_drift_item *r2 = item(&l, "R2", R6NET);
	assert_item(r2, TC_DRIFT_MATCHES, "ASA"); /* R2's 241 line, read from the ASA */
	assert_true(r2->far_end);
	assert_string_equal(r2->device->hostname, "ASA");
	assert_string_equal(
		item(&l, "ASA", D241)->detail,
		"ASA holds the SA for 10.26.241.0/24 <-> 195.160.0.0/26 with 5.100.42.2 "
		"(R2) (40 packets out, 40 in), as predicted");
	/* R2's 242 line and R3's 241 line are standby: no SA with them at the ASA */
	size_t standby = 0;
	for (size_t i = 0; i < l.p->ndomains; i++)
		if (l.p->domains[i].state == TC_STATE_STANDBY) {
			assert_item(&l.dr->items[i], TC_DRIFT_MATCHES, "-");
			standby++;
		}
	assert_int_equal(standby, 2);
	lab_free(&l);
}

/* Before R6's return routes were split, both SAs ran with R3 (the ASA's first peer, R3.1):
 * the 241 domain is R2's by the configs (R4.3), so its owner differs. */
static void both_with_r3_owner_differs(void **state)
{
	(void)state;
	struct lab l = lab_load("lab-b");
	add_sa(&l, "ASA", D241, R6NET, R3ADDR, 40, 40);
	add_sa(&l, "ASA", D242, R6NET, R3ADDR, 25, 25);
	add_ike(&l, "ASA", R3ADDR, "MM_ACTIVE", true);
	lab_drift(&l);
	const tc_drift_item *it = item(&l, "ASA", D241);
	assert_item(it, TC_DRIFT_OWNER_DIFFERS, "R3");
	assert_string_equal(it->label, "owner differs");
	assert_string_equal(it->detail,
			    "predicted R2, observed R3: ASA holds the SA for 10.26.241.0/24 <-> "
			    "195.160.0.0/26 with 5.100.34.3 (R3) (40 packets out, 40 in)");
	assert_item(item(&l, "ASA", D242), TC_DRIFT_MATCHES, "R3");
	/* R2 should hold 241 with the ASA: the ASA shows neither that SA nor an IKE SA with R2 */
	const tc_drift_item *r2 = NULL;
	const tc_drift_item *r3 = NULL;
	for (size_t i = 0; i < l.p->ndomains; i++) {
		const tc_domain *d = &l.p->domains[i];
		if (d->remote.addr == ip("10.26.241.0") && strcmp(d->device->hostname, "R2") == 0)
			r2 = &l.dr->items[i];
		if (d->remote.addr == ip("10.26.241.0") && strcmp(d->device->hostname, "R3") == 0)
			r3 = &l.dr->items[i];
	}
	assert_non_null(r2);
	assert_item(r2, TC_DRIFT_MISSING_SA, "-");
	assert_string_equal(r2->label, "missing SA (down)");
	/* R3's 241 line is standby by the configs, and it holds the SA */
	assert_item(r3, TC_DRIFT_OWNER_DIFFERS, "ASA");
	assert_true(tc_drift_found(l.dr));
	lab_free(&l);
}

/* The owner's IKE SA is up but no phase-2 SA: idle (it expired without traffic). */
static void missing_sa_idle_with_ike_up(void **state)
{
	(void)state;
	struct lab l = lab_load("lab-b");
	add_sa(&l, "ASA", D242, R6NET, R3ADDR, 25, 25);
	add_ike(&l, "ASA", R2ADDR, "MM_ACTIVE", true);
	lab_drift(&l);
	const tc_drift_item *it = item(&l, "ASA", D241);
	assert_item(it, TC_DRIFT_MISSING_SA, "-");
	assert_string_equal(it->label, "missing SA (idle)");
	assert_non_null(it->ike);
	assert_int_equal(it->ike->peer, ip(R2ADDR));
	lab_free(&l);
}

/* No IKE SA either, only a listed flow without SA (IOS spi 0x0): down. */
static void missing_sa_down_ignores_flow_without_sa(void **state)
{
	(void)state;
	struct lab l = lab_load("lab-b");
	add_sa(&l, "ASA", D241, R6NET, R2ADDR, 0, 0)->no_sa = true;
	add_sa(&l, "ASA", D242, R6NET, R3ADDR, 25, 25);
	add_ike(&l, "ASA", R2ADDR, "MM_WAIT_MSG2", false);
	lab_drift(&l);
	const tc_drift_item *it = item(&l, "ASA", D241);
	assert_item(it, TC_DRIFT_MISSING_SA, "-");
	assert_string_equal(it->label, "missing SA (down)");
	assert_null(it->ike);
	assert_int_equal(l.dr->nitems, 6); /* the flow is no unexplained SA either */
	lab_free(&l);
}

/* Packets out and none in on the owner's SA: the live sign of one-way, predicted stable. */
static void one_way_counters(void **state)
{
	(void)state;
	struct lab l = lab_load("lab-b");
	add_sa(&l, "ASA", D241, R6NET, R2ADDR, 120, 0);
	add_sa(&l, "ASA", D242, R6NET, R3ADDR, 25, 25);
	lab_drift(&l);
	assert_item(item(&l, "ASA", D241), TC_DRIFT_ONE_WAY, "R2");
	assert_item(item(&l, "ASA", D242), TC_DRIFT_MATCHES, "R3");
	lab_free(&l);
}

/* An SA for a pair no ACL line of the ASA permits, and one a line's pair contains. */
static void unexplained_sa_and_narrowed_one(void **state)
{
	(void)state;
	struct lab l = lab_load("lab-b");
	add_sa(&l, "ASA", "10.9.9.0/24", "10.8.8.0/24", "5.100.77.7", 3, 3);
	add_sa(&l, "ASA", "10.26.241.0/25", R6NET, R2ADDR, 5, 5); /* narrowed (R4.5): 241's */
	add_sa(&l, "ASA", D242, R6NET, R3ADDR, 25, 25);
	lab_drift(&l);
	assert_int_equal(l.dr->nitems, 7);
	const tc_drift_item *u = &l.dr->items[6];
	assert_null(u->domain);
	assert_item(u, TC_DRIFT_UNEXPLAINED_SA, "5.100.77.7");
	assert_string_equal(u->device->hostname, "ASA");
	assert_int_equal(l.dr->nverdict[TC_DRIFT_UNEXPLAINED_SA], 1);
	assert_item(item(&l, "ASA", D241), TC_DRIFT_MATCHES, "R2");
	lab_free(&l);
}

/* No device captured: every domain is not captured, which is no drift. */
static void nothing_captured(void **state)
{
	(void)state;
	struct lab l = lab_load("lab-b");
	lab_drift(&l);
	assert_int_equal(l.dr->nverdict[TC_DRIFT_NOT_CAPTURED], 6);
	assert_int_equal(l.dr->ncaptured, 0);
	assert_item(item(&l, "ASA", D241), TC_DRIFT_NOT_CAPTURED, NULL);
	assert_false(tc_drift_found(l.dr));
	lab_free(&l);
}

/* R6's routes split 241 between R2 and R3 (split-return): the ASA's ownership moves between
 * them (R4.3 each time). Either owner at capture time matches; R2, its peer's ownership
 * elsewhere, holds none at that moment, which matches too. */
static void oscillating_one_owner_observed(void **state)
{
	(void)state;
	struct lab l = lab_load("split-return");
	add_sa(&l, "ASA", D241, R6NET, R3ADDR, 7, 9);
	lab_drift(&l);
	const tc_drift_item *it = item(&l, "ASA", D241);
	assert_item(it, TC_DRIFT_MATCHES, "R3");
	assert_string_equal(it->label, "matches (oscillating: observed R3 at capture time)");
	const tc_drift_item *r2 = item(&l, "R2", R6NET);
	assert_item(r2, TC_DRIFT_MATCHES, "-");
	assert_string_equal(r2->label, "matches (oscillating: no SA at capture time)");
	assert_item(item(&l, "R3", R6NET), TC_DRIFT_MATCHES, "ASA");
	assert_false(tc_drift_found(l.dr));
	lab_free(&l);
}

/* The far end's capture counts the other way round: R2's outbound is the ASA's inbound. */
static void far_end_counters_mirrored(void **state)
{
	(void)state;
	struct lab l = lab_load("lab-b");
	add_sa(&l, "R2", R6NET, D241, ASAADDR, 0, 50); /* R2 receives, sends nothing back */
	lab_drift(&l);
	const tc_drift_item *it = item(&l, "ASA", D241);
	assert_true(it->far_end);
	assert_item(it, TC_DRIFT_ONE_WAY, "R2");
	lab_free(&l);
}

/* The sample's own capture (samples/lab-b/state/ASA.txt, the write-up's result) read by the
 * state parser: every domain as predicted, R2's and R3's read from the ASA's side. */
static void lab_b_sample_capture_matches(void **state)
{
	(void)state;
	struct lab l = {.m = tc_model_new()};
	char path[512], err[256] = "";
	snprintf(path, sizeof path, "%s/samples/lab-b", TC_SOURCE_DIR);
	assert_int_equal(tc_snapshot_load(l.m, path, NULL, err, sizeof err), 0);
	assert_int_equal(tc_model_finalize(l.m), 0);
	assert_int_equal(tc_predict(&l.p, l.m, NULL), 0);
	lab_drift(&l);
	assert_int_equal(l.dr->ncaptured, 1);
	assert_int_equal(l.dr->nverdict[TC_DRIFT_MATCHES], 6);
	assert_int_equal(l.dr->nitems, 6);
	const tc_drift_item *it = item(&l, "ASA", D241);
	assert_item(it, TC_DRIFT_MATCHES, "R2");
	assert_int_equal(it->sa->encaps, 4);
	assert_int_equal(it->sa->decaps, 5);
	lab_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scenario_b_capture_matches),
		cmocka_unit_test(both_with_r3_owner_differs),
		cmocka_unit_test(missing_sa_idle_with_ike_up),
		cmocka_unit_test(missing_sa_down_ignores_flow_without_sa),
		cmocka_unit_test(one_way_counters),
		cmocka_unit_test(unexplained_sa_and_narrowed_one),
		cmocka_unit_test(nothing_captured),
		cmocka_unit_test(oscillating_one_owner_observed),
		cmocka_unit_test(far_end_counters_mirrored),
		cmocka_unit_test(lab_b_sample_capture_matches),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
