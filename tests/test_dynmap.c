/* test_dynmap.c: a hub that only answers (dynamic crypto maps, R2.7): which dynamic map entry
 * accepts a spoke, the hub's traffic carried by the spoke's SA or dropped without one, the
 * hub's domains limited by the dynamic map's ACL, and lint's findings for a spoke the dynamic
 * map refuses. Configs are our own. */
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
#include "predict.h"
#include "tc_test.h"

/* The IOS hub at 5.100.14.1 (LAN 10.10.10.0/24 on a loopback): a wildcard key, transform sets
 * TS (AES-256/SHA) and TS-3DES, and dyn, its dynamic maps and the crypto map lines naming them. */
static void hub(tc_model *m, const char *dyn)
{
	char text[4096];
	snprintf(text, sizeof text,
		 "hostname HUB\n"
		 "crypto isakmp policy 10\n encr aes 256\n hash sha\n authentication pre-share\n"
		 " group 14\n"
		 "crypto isakmp key K address 0.0.0.0 0.0.0.0\n"
		 "crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac\n"
		 "crypto ipsec transform-set TS-3DES esp-3des esp-md5-hmac\n"
		 "%s"
		 "interface Loopback0\n ip address 10.10.10.1 255.255.255.0\n"
		 "interface GigabitEthernet0/0\n ip address 5.100.14.1 255.255.255.0\n"
		 " crypto map CMAP\n"
		 "ip route 0.0.0.0 0.0.0.0 5.100.14.254\n"
		 "access-list 150 permit ip 10.10.10.0 0.0.0.255 10.20.1.0 0.0.0.255\n",
		 dyn);
	parse_as(m, text, TC_DIALECT_IOS);
}

/* Spoke BRn at 5.100.14.1n (LAN 10.20.n.0/24) proposing with transform `ts` to the hub; ike
 * configures its IKE, entry_extra goes into its crypto map entry. */
static void spoke_with(tc_model *m, unsigned n, const char *ts, const char *ike,
		       const char *entry_extra)
{
	char text[4096];
	snprintf(text, sizeof text,
		 "hostname BR%u\n"
		 "%s"
		 "crypto ipsec transform-set TS %s\n"
		 "crypto map CMAP 10 ipsec-isakmp\n set peer 5.100.14.1\n set transform-set TS\n"
		 "%s match address 110\n"
		 "interface Loopback0\n ip address 10.20.%u.1 255.255.255.0\n"
		 "interface GigabitEthernet0/0\n ip address 5.100.14.1%u 255.255.255.0\n"
		 " crypto map CMAP\n"
		 "ip route 0.0.0.0 0.0.0.0 5.100.14.254\n"
		 "access-list 110 permit ip 10.20.%u.0 0.0.0.255 10.10.10.0 0.0.0.255\n",
		 n, ike, ts, entry_extra, n, n, n);
	parse_as(m, text, TC_DIALECT_IOS);
}

/* Spoke BRn speaking IKEv1 with a key for the hub. */
static void spoke(tc_model *m, unsigned n, const char *ts)
{
	spoke_with(m, n, ts,
		   "crypto isakmp policy 10\n encr aes 256\n hash sha\n authentication pre-share\n"
		   " group 14\n"
		   "crypto isakmp key K address 5.100.14.1\n",
		   "");
}

static const char aes[] = "esp-aes 256 esp-sha-hmac", des[] = "esp-3des esp-md5-hmac";

/* The hub with dyn and spokes BR1 and BR2 proposing ts1 and ts2, predicted. */
static tc_prediction *predict(tc_model **mp, const char *dyn, const char *ts1, const char *ts2)
{
	tc_model *m = tc_model_new();
	hub(m, dyn);
	spoke(m, 1, ts1);
	spoke(m, 2, ts2);
	assert_int_equal(tc_model_finalize(m), 0);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	*mp = m;
	return p;
}

static void done(tc_model *m, tc_prediction *p)
{
	tc_prediction_free(p);
	tc_model_free(m);
}

/* The domain of device devname whose remote proxy is remote, or NULL. */
static const tc_domain *find(const tc_prediction *p, const char *devname, const char *remote)
{
	for (size_t i = 0; i < p->ndomains; i++)
		if (strcmp(p->domains[i].device->hostname, devname) == 0 &&
		    tc_prefix_cmp(p->domains[i].remote, pfx(remote)) == 0)
			return &p->domains[i];
	return NULL;
}

static const tc_domain *domain(const tc_prediction *p, const char *devname, const char *remote)
{
	const tc_domain *d = find(p, devname, remote);
	if (!d)
		fail_msg("no domain %s -> %s", devname, remote);
	return d;
}

static bool trace_has(const tc_trace *t, tc_event_kind kind, const char *needle)
{
	for (size_t i = 0; i < t->nevents; i++)
		if (tc_trace_event(t, i).kind == kind && strstr(tc_trace_event(t, i).text, needle))
			return true;
	return false;
}

static const char one_dyn[] = "crypto dynamic-map DYN 10\n set transform-set TS\n"
			      "crypto map CMAP 65535 ipsec-isakmp dynamic DYN\n";

/* R4.4: once BR1 has brought up its SA through DYN 10, the hub's own traffic for the pair
 * uses it; the hub's domain is owned by BR1, BR1's by the hub. */
static void sa_through_dynamic_entry_carries_hub_traffic(void **state)
{
	(void)state;
	tc_model *m;
	tc_prediction *p = predict(&m, one_dyn, aes, aes);
	const tc_domain *h = domain(p, "HUB", "10.20.1.0/24");
	assert_null(h->ace);
	assert_string_equal(h->entry->map, "CMAP");
	assert_int_equal(h->entry->seq, 65535);
	assert_string_equal(h->dyn_entry->map, "DYN");
	assert_int_equal(h->dyn_entry->seq, 10);
	assert_int_equal(h->nspokes, 1);
	assert_string_equal(h->spokes[0]->hostname, "BR1");
	assert_int_equal(h->state, TC_STATE_STABLE);
	assert_string_equal(h->owner->hostname, "BR1");
	/* the branch sends first (trace 1): its SA then carries the hub's reply */
	assert_true(trace_has(
		&h->traces[1], TC_EV_SA_UP,
		"HUB accepts as responder with crypto map CMAP 65535, dynamic map DYN 10"));
	assert_true(trace_has(&h->traces[1], TC_EV_ENCRYPT,
			      "HUB encrypts into the SA accepted through dynamic map DYN 10"));
	assert_string_equal(domain(p, "BR1", "10.10.10.0/24")->owner->hostname, "HUB");
	done(m, p);
}

/* R2.7 (S32): with no SA the hub drops what the dynamic entry would protect, never sending it
 * in clear; BR2 proposes a transform set DYN 10 does not offer, so no SA ever comes up. */
static void no_sa_drops_instead_of_clear(void **state)
{
	(void)state;
	tc_model *m;
	tc_prediction *p = predict(&m, one_dyn, aes, des);
	const tc_domain *h = domain(p, "HUB", "10.20.2.0/24");
	assert_int_equal(h->state, TC_STATE_DOWN);
	assert_false(h->has_owner_addr);
	for (int t = 0; t < 2; t++) {
		assert_true(trace_has(&h->traces[t], TC_EV_DROP,
				      "dynamic entry never initiates: dropped"));
		assert_false(trace_has(&h->traces[t], TC_EV_CLEAR, ""));
		assert_false(trace_has(&h->traces[t], TC_EV_INITIATE, "HUB initiates"));
	}
	done(m, p);
}

/* L10: the dynamic map offers TS only; BR2's 3DES/MD5 is refused, naming the dynamic map
 * entry, while BR1 is accepted. */
static void transform_set_mismatch_is_refused(void **state)
{
	(void)state;
	tc_model *m;
	tc_prediction *p = predict(&m, one_dyn, aes, des);
	const tc_domain *b2 = domain(p, "BR2", "10.10.10.0/24");
	assert_int_equal(b2->state, TC_STATE_DOWN);
	assert_true(
		trace_has(&b2->traces[0], TC_EV_REJECT,
			  "BR2 crypto map CMAP 10 and HUB dynamic map DYN 10 share no transform "
			  "set"));
	assert_int_equal(domain(p, "BR1", "10.10.10.0/24")->state, TC_STATE_STABLE);
	done(m, p);
}

/* The dynamic map's `match address 150` holds only 10.10.10.0/24 <-> 10.20.1.0/24: BR2's pair
 * is no domain of the hub, and BR2's proposal is refused by the ACL (R2.3). The hub's traffic
 * to BR2 is not protected by the dynamic entry: not dropped, it leaves in clear (R2.1) toward
 * its default gateway. */
static void dynamic_map_acl_limits_the_domains(void **state)
{
	(void)state;
	tc_model *m;
	tc_prediction *p = predict(&m,
				   "crypto dynamic-map DYN 10\n set transform-set TS\n"
				   " match address 150\n"
				   "crypto map CMAP 65535 ipsec-isakmp dynamic DYN\n",
				   aes, aes);
	assert_non_null(find(p, "HUB", "10.20.1.0/24"));
	assert_null(find(p, "HUB", "10.20.2.0/24"));
	const tc_domain *b2 = domain(p, "BR2", "10.10.10.0/24");
	assert_true(trace_has(&b2->traces[0], TC_EV_REJECT,
			      "HUB dynamic map DYN 10 has no ACL line containing 10.10.10.0/24 <-> "
			      "10.20.2.0/24"));
	assert_false(trace_has(&b2->traces[1], TC_EV_DROP, "never initiates"));
	assert_true(trace_has(&b2->traces[1], TC_EV_DELIVER,
			      "HUB forwards to 5.100.14.254, outside the snapshot"));
	assert_int_equal(domain(p, "HUB", "10.20.1.0/24")->state, TC_STATE_STABLE);
	done(m, p);
}

/* Two dynamic entries in one set (CMAP 100, CMAP 200), each with its dynamic map, tried in
 * seq order: DYNA 10 lists only BR2 as a peer (the ASA form of `set peer`, kept by IOS too),
 * so BR1 falls to DYNA 20, whose transform set does not match, then to DYNB 10 of CMAP 200. */
static void dynamic_entries_are_tried_in_seq_order(void **state)
{
	(void)state;
	tc_model *m;
	tc_prediction *p = predict(&m,
				   "crypto dynamic-map DYNA 10\n set peer 5.100.14.12\n"
				   " set transform-set TS\n"
				   "crypto dynamic-map DYNA 20\n set transform-set TS-3DES\n"
				   "crypto dynamic-map DYNB 10\n set transform-set TS\n"
				   "crypto map CMAP 100 ipsec-isakmp dynamic DYNA\n"
				   "crypto map CMAP 200 ipsec-isakmp dynamic DYNB\n",
				   aes, aes);
	const tc_domain *b1 = domain(p, "BR1", "10.10.10.0/24");
	assert_true(
		trace_has(&b1->traces[0], TC_EV_SA_UP, "crypto map CMAP 200, dynamic map DYNB 10"));
	const tc_domain *b2 = domain(p, "BR2", "10.10.10.0/24");
	assert_true(
		trace_has(&b2->traces[0], TC_EV_SA_UP, "crypto map CMAP 100, dynamic map DYNA 10"));
	/* the hub's domains sit under the entry that answers each spoke */
	const tc_domain *h1 = domain(p, "HUB", "10.20.1.0/24"),
			*h2 = domain(p, "HUB", "10.20.2.0/24");
	assert_int_equal(h1->entry->seq, 200);
	assert_string_equal(h1->dyn_entry->map, "DYNB");
	assert_int_equal(h2->entry->seq, 100);
	assert_string_equal(h2->dyn_entry->map, "DYNA");
	assert_string_equal(h1->owner->hostname, "BR1");
	assert_string_equal(h2->owner->hostname, "BR2");
	done(m, p);
}

/* A crypto map entry naming a dynamic map that has no entries answers nothing (R2.7): the
 * spokes are refused with that reason and the hub has no domain. */
static void empty_dynamic_map_answers_nothing(void **state)
{
	(void)state;
	tc_model *m;
	tc_prediction *p =
		predict(&m, "crypto map CMAP 65535 ipsec-isakmp dynamic NONE\n", aes, aes);
	assert_null(find(p, "HUB", "10.20.1.0/24"));
	const tc_domain *b1 = domain(p, "BR1", "10.10.10.0/24");
	assert_int_equal(b1->state, TC_STATE_DOWN);
	assert_true(trace_has(&b1->traces[0], TC_EV_REJECT,
			      "HUB crypto map CMAP 65535 refers to dynamic map NONE, which has no "
			      "entries"));
	done(m, p);
}

/* ---- lint asks the same question (R2.7): a spoke the dynamic map refuses gets the finding a
 * static responder's refusal gets, at the spoke's line with the dynamic map entry related ---- */

/* Lines of the configs above: BR's `crypto map CMAP 10`, its ACL line, HUB's first dynamic map
 * entry (the hub's text up to its transform sets is nine lines). */
enum { SPOKE_ENTRY_LINE = 9, SPOKE_ACL_LINE = 19, HUB_DYN_LINE = 10 };

/* The findings of rule on the model's prediction, counted; the one on devname in *out. */
static size_t lint_rule(const tc_findings *f, const char *rule, const char *devname,
			const tc_finding **out)
{
	size_t n = 0;
	*out = NULL;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].rule->id, rule) == 0) {
			n++;
			if (strcmp(f->v[i].device->hostname, devname) == 0)
				*out = &f->v[i];
		}
	return n;
}

static tc_findings *lint(const tc_model *m, const tc_prediction *p)
{
	tc_findings *f = NULL;
	assert_int_equal(tc_lint(&f, m, p, NULL), 0);
	return f;
}

/* With dyn and spokes proposing aes and ts2, lint finds n findings of rule; the one on devname
 * sits on its line `line` with severity sev and a message holding want, and names HUB's
 * dynamic map DYN 10 as related. */
static void expect_refusal(const char *dyn, const char *ts2, const char *rule, size_t n,
			   const char *devname, unsigned line, tc_severity sev, const char *want)
{
	tc_model *m;
	tc_prediction *p = predict(&m, dyn, aes, ts2);
	tc_findings *f = lint(m, p);
	const tc_finding *x;
	assert_int_equal(lint_rule(f, rule, devname, &x), n);
	assert_non_null(x);
	assert_int_equal(x->loc.line, line);
	assert_int_equal(x->sev, sev);
	if (!strstr(x->msg, want))
		fail_msg("\"%s\" does not hold \"%s\"", x->msg, want);
	assert_int_equal(x->nrelated, 1);
	assert_string_equal(x->related[0].device->hostname, "HUB");
	assert_int_equal(x->related[0].line, HUB_DYN_LINE);
	tc_findings_free(f);
	done(m, p);
}

/* R2.3 (S8): DYN 10 offers TS only and BR2 proposes 3DES/MD5: TC114 on BR2's entry, with the
 * dynamic map entry that refuses it; BR1, whose set matches, gets none. */
static void lint_transform_set_refused_by_dynamic_map(void **state)
{
	(void)state;
	expect_refusal(one_dyn, des, "TC114", 1, "BR2", SPOKE_ENTRY_LINE, TC_SEV_ERROR,
		       "HUB dynamic map DYN 10 share no transform set");
}

/* R2.3: the dynamic map's ACL holds only BR1's mirror; BR2's line has no mirror there, so the
 * domain never comes up: TC116 as an error on BR2's ACL line. */
static void lint_acl_refused_by_dynamic_map(void **state)
{
	(void)state;
	expect_refusal(
		"crypto dynamic-map DYN 10\n set transform-set TS\n match address 150\n"
		"crypto map CMAP 65535 ipsec-isakmp dynamic DYN\n",
		aes, "TC116", 1, "BR2", SPOKE_ACL_LINE, TC_SEV_ERROR,
		"HUB's dynamic map DYN 10 has no ACL line for 10.10.10.0/24 -> 10.20.2.0/24");
}

/* R4.1: a dynamic map entry with `set peer` accepts only the peers it lists: BR1 (5.100.14.11)
 * is refused, TC120 on its entry; BR2 (listed) is not. */
static void lint_peer_refused_by_dynamic_map(void **state)
{
	(void)state;
	expect_refusal("crypto dynamic-map DYN 10\n set peer 5.100.14.12\n set transform-set TS\n"
		       "crypto map CMAP 65535 ipsec-isakmp dynamic DYN\n",
		       aes, "TC120", 1, "BR1", SPOKE_ENTRY_LINE, TC_SEV_ERROR,
		       "set peer does not list 5.100.14.11 (BR1)");
}

/* R4.7: `set pfs` on the dynamic map entry only: the hub refuses the spokes' proposals without
 * PFS, and as it never initiates, TC115 names it on each spoke's entry. */
static void lint_pfs_refused_by_dynamic_map(void **state)
{
	(void)state;
	expect_refusal("crypto dynamic-map DYN 10\n set transform-set TS\n set pfs group14\n"
		       "crypto map CMAP 65535 ipsec-isakmp dynamic DYN\n",
		       aes, "TC115", 2, "BR1", SPOKE_ENTRY_LINE, TC_SEV_WARNING,
		       "PFS group 14 is set on HUB only");
}

/* A dynamic map that accepts both spokes: none of the responder rules fires. */
static void lint_quiet_when_dynamic_map_accepts(void **state)
{
	(void)state;
	tc_model *m;
	tc_prediction *p = predict(&m, one_dyn, aes, aes);
	tc_findings *f = lint(m, p);
	const tc_finding *x;
	assert_int_equal(lint_rule(f, "TC114", "BR1", &x) + lint_rule(f, "TC115", "BR1", &x) +
				 lint_rule(f, "TC116", "BR1", &x) +
				 lint_rule(f, "TC120", "BR1", &x),
			 0);
	tc_findings_free(f);
	done(m, p);
}

/* IKEv2 on both ends (keyring KR, profile IK2 matching any address): the hub's and a spoke's. */
#define IKEV2_COMMON                                                                               \
	"crypto ikev2 proposal PROP\n encryption aes-cbc-256\n integrity sha256\n group 14\n"      \
	"crypto ikev2 policy POL\n proposal PROP\n"                                                \
	"crypto ikev2 keyring KR\n peer ALL\n  address 0.0.0.0 0.0.0.0\n  pre-shared-key K\n"      \
	"crypto ikev2 profile IK2\n match identity remote address 0.0.0.0 0.0.0.0\n"               \
	" authentication remote pre-share\n authentication local pre-share\n keyring local KR\n"

/* §6 (S29): an IKEv2 responder narrows a proposal its dynamic map entry's ACL only overlaps,
 * as a static entry does. DYN 10 permits 10.10.10.0/25 -> 10.20.1.0/24 only; BR1 proposes
 * 10.20.1.0/24 <-> 10.10.10.0/24: the SA and the hub's domain are the overlap,
 * 10.10.10.0/25 <-> 10.20.1.0/24, under DYN 10, owned by BR1. Under IKEv1 no line contains
 * the proposal and BR1 would be refused (R2.3). */
static void ikev2_narrows_to_the_dynamic_acl(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	hub(m, IKEV2_COMMON "ip access-list extended DYN-ACL\n"
			    " permit ip 10.10.10.0 0.0.0.127 10.20.1.0 0.0.0.255\n"
			    "crypto dynamic-map DYN 10\n set transform-set TS\n"
			    " set ikev2-profile IK2\n match address DYN-ACL\n"
			    "crypto map CMAP 65535 ipsec-isakmp dynamic DYN\n");
	spoke_with(m, 1, aes, IKEV2_COMMON, " set ikev2-profile IK2\n");
	assert_int_equal(tc_model_finalize(m), 0);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *h = domain(p, "HUB", "10.20.1.0/24");
	assert_int_equal(tc_prefix_cmp(h->local, pfx("10.10.10.0/25")), 0);
	assert_string_equal(h->dyn_entry->map, "DYN");
	assert_int_equal(h->nspokes, 1);
	assert_string_equal(h->spokes[0]->hostname, "BR1");
	assert_int_equal(h->state, TC_STATE_STABLE);
	assert_string_equal(h->owner->hostname, "BR1");
	const tc_domain *b1 = domain(p, "BR1", "10.10.10.0/24");
	bool narrowed = false;
	for (size_t i = 0; i < b1->traces[0].nevents; i++) {
		tc_event ev = tc_trace_event(&b1->traces[0], i);
		if (ev.kind == TC_EV_INFO && ev.reason == TC_REASON_NARROWED) {
			assert_string_equal(ev.rule, "§6");
			assert_non_null(strstr(ev.text, "narrows the SA to 10.10.10.0/25 <-> "
							"10.20.1.0/24"));
			narrowed = true;
		}
	}
	assert_true(narrowed);
	assert_true(trace_has(&b1->traces[0], TC_EV_SA_UP,
			      "phase-2 SA up: 10.20.1.0/24 <-> 10.10.10.0/25 between BR1 and HUB "
			      "(HUB accepts as responder with crypto map CMAP 65535, dynamic map "
			      "DYN 10)"));
	done(m, p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sa_through_dynamic_entry_carries_hub_traffic),
		cmocka_unit_test(no_sa_drops_instead_of_clear),
		cmocka_unit_test(transform_set_mismatch_is_refused),
		cmocka_unit_test(dynamic_map_acl_limits_the_domains),
		cmocka_unit_test(dynamic_entries_are_tried_in_seq_order),
		cmocka_unit_test(empty_dynamic_map_answers_nothing),
		cmocka_unit_test(lint_transform_set_refused_by_dynamic_map),
		cmocka_unit_test(lint_acl_refused_by_dynamic_map),
		cmocka_unit_test(lint_peer_refused_by_dynamic_map),
		cmocka_unit_test(lint_pfs_refused_by_dynamic_map),
		cmocka_unit_test(lint_quiet_when_dynamic_map_accepts),
		cmocka_unit_test(ikev2_narrows_to_the_dynamic_acl),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
