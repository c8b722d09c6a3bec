/* test_lint.c: the lint rules on their sample snapshots (tests/data/lint/), the catalogue, suppression and diff. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "predict.h"
#include "parser.h"
#include "routing.h"
#include "tc_test.h"

typedef struct run {
	tc_model *m;
	tc_prediction *p;
	tc_findings *f;
} run;

static run lint_opts(const char *snapshot, const tc_lint_opts *o)
{
	run r = {0};
	char path[1024], err[256] = "";
	/* TC_LINT_ROOT: the source tree's layout with the fixtures stored as patches applied */
	snprintf(path, sizeof path, "%s/%s", TC_LINT_ROOT, snapshot);
	r.m = tc_model_new();
	assert_non_null(r.m);
	assert_int_equal(tc_snapshot_load(r.m, path, NULL, err, sizeof err), 0);
	assert_int_equal(tc_model_finalize(r.m), 0);
	assert_int_equal(tc_predict(&r.p, r.m, NULL), 0);
	assert_int_equal(tc_lint(&r.f, r.m, r.p, o), 0);
	return r;
}

static run lint(const char *snapshot)
{
	return lint_opts(snapshot, NULL);
}

/* One IOS config held in a string (r1.cfg), predicted and linted. */
static run lint_config(const char *cfg, size_t len)
{
	run r = {0};
	r.m = tc_model_new();
	assert_non_null(r.m);
	assert_int_equal(tc_parse_config(NULL, r.m, "r1.cfg", cfg, len, NULL), 0);
	assert_int_equal(tc_model_finalize(r.m), 0);
	assert_int_equal(tc_predict(&r.p, r.m, NULL), 0);
	assert_int_equal(tc_lint(&r.f, r.m, r.p, NULL), 0);
	return r;
}

static void done(run *r)
{
	tc_findings_free(r->f);
	tc_prediction_free(r->p);
	tc_model_free(r->m);
}

/* The finding of rule on device at file (basename) line, or NULL. */
static const tc_finding *find(const run *r, const char *rule, const char *device, const char *file,
			      unsigned line)
{
	for (size_t i = 0; i < r->f->n; i++) {
		const tc_finding *f = &r->f->v[i];
		const char *base = f->loc.file ? strrchr(f->loc.file, '/') : NULL;
		base = base ? base + 1 : f->loc.file;
		if (strcmp(f->rule->id, rule) == 0 && f->device &&
		    strcmp(f->device->hostname, device) == 0 && base && strcmp(base, file) == 0 &&
		    f->loc.line == line)
			return f;
	}
	return NULL;
}

static size_t count(const run *r, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < r->f->n; i++)
		n += strcmp(r->f->v[i].rule->id, rule) == 0;
	return n;
}

/* Pin one finding: present, with the given severity. */
#define PIN(r, rule, dev, file, line, want)                                                        \
	do {                                                                                       \
		const tc_finding *pin_ = find(&(r), rule, dev, file, line);                        \
		if (!pin_)                                                                         \
			fail_msg("%s on %s at %s:%u not found", rule, dev, file,                   \
				 (unsigned)(line));                                                \
		assert_int_equal(pin_->sev, want);                                                 \
	} while (0)

static bool related_at(const tc_finding *f, const char *device, unsigned line)
{
	for (size_t i = 0; i < f->nrelated; i++)
		if (f->related[i].device && strcmp(f->related[i].device->hostname, device) == 0 &&
		    f->related[i].line == line)
			return true;
	return false;
}

/* R2.7: a dynamic entry numbered below a static entry of its own set is
 * reported once, against the first such static entry after it; sets are kept
 * apart, and a dynamic entry above every static entry of its set is fine. */
static void dynamic_entry_reported_against_next_higher_static(void **state)
{
	(void)state;
	static const char cfg[] = "hostname R\n"					 /* 1 */
				  "crypto ipsec transform-set TS esp-aes esp-sha-hmac\n" /* 2 */
				  "crypto dynamic-map DYN 10\n"				 /* 3 */
				  " set transform-set TS\n"				 /* 4 */
				  "crypto map A 5 ipsec-isakmp dynamic DYN\n"		 /* 5 */
				  "crypto map B 50 ipsec-isakmp dynamic DYN\n"		 /* 6 */
				  "crypto map A 10 ipsec-isakmp\n"			 /* 7 */
				  " set peer 192.0.2.1\n"				 /* 8 */
				  " set transform-set TS\n"				 /* 9 */
				  "crypto map B 20 ipsec-isakmp\n"			 /* 10 */
				  " set peer 192.0.2.2\n"				 /* 11 */
				  " set transform-set TS\n"				 /* 12 */
				  "crypto map A 30 ipsec-isakmp\n"			 /* 13 */
				  " set peer 192.0.2.3\n"				 /* 14 */
				  " set transform-set TS\n"				 /* 15 */
				  "crypto map A 40 ipsec-isakmp dynamic DYN\n";		 /* 16 */
	tc_model *m = tc_model_new();
	assert_non_null(m);
	parse_as(m, cfg, TC_DIALECT_IOS);
	assert_int_equal(tc_model_finalize(m), 0);
	tc_findings *fs = NULL;
	assert_int_equal(tc_lint(&fs, m, NULL, NULL), 0);
	run r = {m, NULL, fs};
	assert_int_equal(count(&r, "TC119"), 1);
	const tc_finding *f = find(&r, "TC119", "R", "t.cfg", 5);
	assert_non_null(f);
	assert_true(related_at(f, "R", 7)); /* A 10, not A 30 */
	done(&r);
}

/* ---- catalogue -------------------------------------------------------------- */

static void catalogue_ids_are_sorted_unique_and_documented(void **state)
{
	(void)state;
	size_t n;
	const tc_lint_rule *r = tc_lint_rules(&n);
	assert_true(n >= 24);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(strlen(r[i].id), 5);
		assert_true(strncmp(r[i].id, "TC", 2) == 0);
		if (i)
			assert_true(strcmp(r[i - 1].id, r[i].id) < 0);
		assert_non_null(strstr(r[i].help, "Fix:"));
		/* the routing rules rest on RFCs, not on a check of the spec's section 7; the TC3xx
		 * rules are about lint's own input */
		bool routing = strcmp(r[i].id, "TC124") >= 0 && strcmp(r[i].id, "TC131") <= 0;
		bool own = strncmp(r[i].id, "TC3", 3) == 0;
		assert_true(routing || own ? strcmp(r[i].check, "—") == 0 : r[i].check[0] == 'L');
		assert_ptr_equal(tc_lint_rule_find(r[i].id), &r[i]);
		assert_ptr_equal(tc_lint_rule_find(r[i].name), &r[i]);
	}
	assert_ptr_equal(tc_lint_rule_find("tc201"), tc_lint_rule_find("ownership-moved"));
	assert_null(tc_lint_rule_find("TC999"));
}

/* ---- the samples --------------------------------------------------------------- */

static void founding_lab_a_moves_ownership_to_r2_through_r6_return_route(void **state)
{
	(void)state;
	run r = lint("samples/lab-a");
	assert_int_equal(r.f->n, 1);
	const tc_finding *f = find(&r, "TC201", "ASA", "asa.cfg", 26);
	assert_non_null(f);
	assert_int_equal(f->sev, TC_SEV_WARNING);
	assert_non_null(strstr(f->msg, "from 5.100.34.3 (R3) to R2"));
	assert_true(related_at(f, "R6", 35)); /* ip route 10.26.241.0 ... 5.100.26.2 */
	assert_non_null(f->domain);
	done(&r);
}

static void ecmp_half_names_the_leaking_branch_and_where_ownership_went(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/ecmp-half");
	/* R6 hashes some return flows of 241 to R3, which has no line for them and sends them
	 * out its crypto map interface in clear (R2.1): the one-way finding says which */
	const tc_finding *f = find(&r, "TC203", "ASA", "asa.cfg", 30);
	assert_non_null(f);
	assert_non_null(strstr(f->msg, "flows hashed to R3 at R6 leave R3 in clear"));
	/* 242 ends with R3, the first peer, after the ASA's active peer moved to R2 (R4.1,
	 * R4.3): the move named is to R2, not from R3 to R3 */
	f = find(&r, "TC201", "ASA", "asa.cfg", 31);
	assert_non_null(f);
	assert_non_null(
		strstr(f->msg, "moves from 5.100.34.3 (R3) to R2 along the way, then back"));
	assert_null(strstr(f->msg, "to R3:"));
	done(&r);
}

static void lab_b_flags_only_the_241_domain(void **state)
{
	(void)state;
	run r = lint("samples/lab-b");
	assert_int_equal(count(&r, "TC201"), 1);
	assert_int_equal(r.f->nsev[TC_SEV_ERROR], 0);
	const tc_finding *f = &r.f->v[0];
	assert_non_null(strstr(f->msg, "10.26.241.0/24"));
	done(&r);
}

static void entry_sample_pins_incomplete_and_odd_entries(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/entry");
	PIN(r, "TC101", "ASA", "asa.cfg", 52, TC_SEV_ERROR);
	PIN(r, "TC103", "ASA", "asa.cfg", 49, TC_SEV_ERROR); /* no match address */
	PIN(r, "TC103", "ASA", "asa.cfg", 51, TC_SEV_ERROR); /* undefined ACL */
	PIN(r, "TC104", "ASA", "asa.cfg", 51, TC_SEV_ERROR);
	PIN(r, "TC105", "ASA", "asa.cfg", 51, TC_SEV_ERROR); /* none */
	PIN(r, "TC105", "ASA", "asa.cfg", 52, TC_SEV_ERROR); /* undefined */
	PIN(r, "TC106", "R4", "r4.cfg", 16, TC_SEV_WARNING);
	PIN(r, "TC117", "ASA", "asa.cfg", 27, TC_SEV_WARNING);
	PIN(r, "TC118", "ASA", "asa.cfg", 28, TC_SEV_WARNING);
	PIN(r, "TC119", "ASA", "asa.cfg", 45, TC_SEV_WARNING);
	/* the overlap points at the earlier entry's line */
	assert_true(related_at(find(&r, "TC117", "ASA", "asa.cfg", 27), "ASA", 26));
	done(&r);
}

static void overlap_names_the_first_earlier_line_of_the_same_set(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/overlap");
	static const struct {
		unsigned line, earlier;
	} want[] = {{62, 60}, {67, 60}, {69, 60}, {71, 65}, {75, 73}, {77, 73}};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const tc_finding *f = find(&r, "TC117", "HUB", "hub.cfg", want[i].line);
		assert_non_null(f);
		assert_int_equal(f->sev, TC_SEV_WARNING);
		assert_int_equal(f->nrelated, 1);
		assert_true(related_at(f, "HUB", want[i].earlier));
	}
	assert_int_equal(count(&r, "TC117"), sizeof want / sizeof want[0]);
	done(&r);
}

/* A hand-built set of nested lines, for the index behind TC117. */
enum { NEST_ENTRIES = 14, NEST_LINES = 9, NEST_MAX = NEST_ENTRIES * NEST_LINES };
typedef struct nest_line {
	uint32_t src, dst;
	unsigned slen, dlen, entry, line;
	bool permit;
} nest_line;

static bool nest_holds(uint32_t a, unsigned alen, uint32_t b, unsigned blen)
{
	uint32_t mask = alen ? 0xFFFFFFFFu << (32 - alen) : 0;
	return alen <= blen && (a & mask) == (b & mask);
}

static bool nest_overlap(const nest_line *x, const nest_line *y)
{
	return (nest_holds(x->src, x->slen, y->src, y->slen) ||
		nest_holds(y->src, y->slen, x->src, x->slen)) &&
	       (nest_holds(x->dst, x->dlen, y->dst, y->dlen) ||
		nest_holds(y->dst, y->dlen, x->dst, x->dlen));
}

/* One side of a line: a /18../26 inside base/16, third octet below 64, so that
 * wide lines hold many narrow ones and narrow ones often miss each other. */
static void nest_side(uint32_t *seed, uint32_t base, uint32_t *addr, unsigned *len)
{
	*seed = *seed * 1103515245u + 12345u;
	uint32_t r = *seed >> 8;
	*len = 18 + r % 9;
	*addr = (base | (r >> 4 & 63) << 8 | (r >> 10 & 255)) & 0xFFFFFFFFu << (32 - *len);
}

static void nest_print(char *buf, size_t n, uint32_t a, unsigned len)
{
	uint32_t w = len ? ~(0xFFFFFFFFu << (32 - len)) : 0xFFFFFFFFu;
	snprintf(buf, n, "%u.%u.%u.%u %u.%u.%u.%u", a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255,
		 w >> 24, w >> 16 & 255, w >> 8 & 255, w & 255);
}

/* R2.1, R2.8: entries are evaluated by ascending sequence and the first permit
 * wins, so TC117 names, for each permit line, the first permit line (by entry,
 * then line) of an earlier entry of the same set overlapping it in source and
 * destination. On 126 pseudo-random nested lines the expected line is a scan
 * of every earlier line; deny lines, lines of the same entry and a wider line
 * of another set (AAA, sorted first on the device) never count. */
static void overlap_index_finds_what_a_scan_of_earlier_lines_finds(void **state)
{
	(void)state;
	static nest_line v[NEST_MAX];
	static char cfg[32768];
	size_t n = 0, len = 0;
	unsigned line = 0;
#define OUT(...)                                                                                   \
	do {                                                                                       \
		len += (size_t)snprintf(cfg + len, sizeof cfg - len, __VA_ARGS__);                 \
		line++;                                                                            \
	} while (0)
	OUT("hostname R1\n");
	OUT("crypto ipsec transform-set TS esp-aes esp-sha-hmac\n");
	OUT("crypto map AAA 10 ipsec-isakmp\n");
	OUT(" set peer 198.51.100.2\n");
	OUT(" set transform-set TS\n");
	OUT(" match address WIDE\n");
	for (unsigned e = 0; e < NEST_ENTRIES; e++) {
		OUT("crypto map CM %u ipsec-isakmp\n", 10 * (e + 1));
		OUT(" set peer 192.0.2.%u\n", 1 + e % 3);
		OUT(" set transform-set TS\n");
		OUT(" match address N%u\n", e);
	}
	OUT("ip access-list extended WIDE\n");
	OUT(" permit ip 10.0.0.0 0.0.255.255 172.16.0.0 0.0.255.255\n");
	uint32_t seed = 19;
	for (unsigned e = 0; e < NEST_ENTRIES; e++) {
		OUT("ip access-list extended N%u\n", e);
		for (unsigned i = 0; i < NEST_LINES; i++, n++) {
			nest_line *x = &v[n];
			char s[40], d[40];
			nest_side(&seed, 0x0A000000u, &x->src, &x->slen);
			nest_side(&seed, 0xAC100000u, &x->dst, &x->dlen);
			x->entry = e;
			x->permit = n % 7 != 3;
			x->line = line + 1;
			nest_print(s, sizeof s, x->src, x->slen);
			nest_print(d, sizeof d, x->dst, x->dlen);
			OUT(" %s ip %s %s\n", x->permit ? "permit" : "deny", s, d);
		}
	}
#undef OUT
	assert_true(len < sizeof cfg - 1);
	run r = lint_config(cfg, len);
	size_t want = 0;
	for (size_t i = 0; i < n; i++) {
		const nest_line *first = NULL;
		for (size_t j = 0; v[i].permit && !first && v[j].entry < v[i].entry; j++)
			if (v[j].permit && nest_overlap(&v[i], &v[j]))
				first = &v[j];
		const tc_finding *f = find(&r, "TC117", "R1", "r1.cfg", v[i].line);
		if (!first) {
			assert_null(f);
			continue;
		}
		want++;
		assert_non_null(f);
		assert_int_equal(f->nrelated, 1);
		assert_int_equal(f->related[0].line, first->line);
	}
	assert_true(want > 20); /* the set really nests */
	assert_true(want < n / 2 + n / 4);
	assert_int_equal(count(&r, "TC117"), want);
	done(&r);
}

static void mirror_is_searched_in_every_entry_that_lists_us(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/many-entries");
	/* lines 39 and 40 are mirrored by the hub's entries 170 and 180 (the 17th and 18th) */
	PIN(r, "TC116", "SPOKE", "spoke.cfg", 41, TC_SEV_ERROR);
	assert_true(related_at(find(&r, "TC116", "SPOKE", "spoke.cfg", 41), "HUB", 9));
	assert_int_equal(count(&r, "TC116"), 1);
	PIN(r, "TC204", "SPOKE", "spoke.cfg", 41, TC_SEV_ERROR);
	done(&r);
}

static void phase2_is_checked_against_the_entry_that_answers_each_line(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/answering");
	PIN(r, "TC114", "HUB", "hub.cfg", 11, TC_SEV_ERROR);
	assert_true(related_at(find(&r, "TC114", "HUB", "hub.cfg", 11), "SPOKE", 15));
	assert_int_equal(count(&r, "TC114"), 1);
	assert_int_equal(count(&r, "TC115"), 0); /* spoke 10 and hub 20 agree on PFS */
	PIN(r, "TC204", "HUB", "hub.cfg", 30, TC_SEV_ERROR);
	PIN(r, "TC204", "SPOKE", "spoke.cfg", 31, TC_SEV_ERROR);
	assert_int_equal(count(&r, "TC204"), 2);
	done(&r);
}

static void ike_off_sample_pins_ike_disabled_and_domain_down(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/ike-off");
	PIN(r, "TC102", "ASA", "asa.cfg", 13, TC_SEV_ERROR);
	PIN(r, "TC204", "ASA", "asa.cfg", 26, TC_SEV_ERROR);
	assert_non_null(strstr(find(&r, "TC204", "ASA", "asa.cfg", 26)->msg, "IKE is not enabled"));
	done(&r);
}

static void psk_sample_pins_missing_and_wildcard_keys_and_one_way(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/psk");
	PIN(r, "TC109", "ASA", "asa.cfg", 39, TC_SEV_ERROR);
	assert_string_equal(find(&r, "TC109", "ASA", "asa.cfg", 39)->loc.token, "5.100.42.2");
	PIN(r, "TC110", "R2", "r2.cfg", 22, TC_SEV_WARNING);
	PIN(r, "TC203", "ASA", "asa.cfg", 26, TC_SEV_ERROR);
	done(&r);
}

static void psk_mismatch_is_reported_once_with_both_key_lines(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/psk-mismatch");
	PIN(r, "TC111", "ASA", "asa.cfg", 53, TC_SEV_ERROR);
	assert_int_equal(count(&r, "TC111"), 1);
	assert_true(related_at(find(&r, "TC111", "ASA", "asa.cfg", 53), "R3", 21));
	/* R3 never comes up, so R2 owning the domain is no routing surprise */
	assert_int_equal(count(&r, "TC201"), 0);
	for (size_t i = 0; i < r.f->n; i++) {
		assert_null(strstr(r.f->v[i].msg, "LabKey"));
		assert_null(strstr(r.f->v[i].msg, "Other-Key"));
	}
	done(&r);
}

static void certificates_against_a_key_is_no_common_policy(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/cert-psk");
	/* R1 rsa-sig, R2 pre-share: the IKEv1 policies differ in their method (R4.8) */
	PIN(r, "TC112", "R1", "r1.cfg", 36, TC_SEV_ERROR); /* crypto map CMAP 10 */
	assert_int_equal(count(&r, "TC112"), 1);
	const tc_finding *f = find(&r, "TC112", "R1", "r1.cfg", 36);
	assert_non_null(strstr(f->msg, "certificates (rsa-sig)"));
	assert_non_null(strstr(f->msg, "a pre-shared key"));
	assert_true(related_at(f, "R2", 27)); /* crypto isakmp policy 10 */
	/* R1 wants no key and R2 has one: no TC109 either way */
	assert_int_equal(count(&r, "TC109"), 0);
	PIN(r, "TC204", "R1", "r1.cfg", 53, TC_SEV_ERROR);
	PIN(r, "TC204", "R2", "r2.cfg", 54, TC_SEV_ERROR);
	for (size_t i = 0; i < r.f->n; i++)
		assert_null(strstr(r.f->v[i].msg, "Secret-1"));
	done(&r);
}

static void ikev2_identity_no_profile_matches(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/ikev2-identity");
	/* HUB selects its IKEv2 profile by the identity SPOKE1 presents (Cisco IKEv2 guide):
	 * r1.example.com matches none, reported once at SPOKE1's crypto map CMAP 10 */
	PIN(r, "TC109", "SPOKE1", "spoke1.cfg", 28, TC_SEV_ERROR);
	assert_int_equal(count(&r, "TC109"), 1);
	const tc_finding *f = find(&r, "TC109", "SPOKE1", "spoke1.cfg", 28);
	assert_non_null(
		strstr(f->msg, "HUB has no IKEv2 profile matching identity fqdn r1.example.com"));
	/* its key for HUB is no concern: TC111 needs a profile that answers */
	assert_int_equal(count(&r, "TC111"), 0);
	for (size_t i = 0; i < r.f->n; i++)
		assert_null(strstr(r.f->v[i].msg, "Spoke1-Key"));
	done(&r);
}

static void ike_sample_pins_policy_transform_lifetime_and_pfs(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/ike");
	PIN(r, "TC112", "ASA", "asa.cfg", 44, TC_SEV_ERROR);
	assert_true(related_at(find(&r, "TC112", "ASA", "asa.cfg", 44), "R3", 16));
	PIN(r, "TC113", "ASA", "asa.cfg", 44, TC_SEV_NOTE);
	PIN(r, "TC114", "ASA", "asa.cfg", 39, TC_SEV_ERROR);
	PIN(r, "TC115", "ASA", "asa.cfg", 39, TC_SEV_WARNING);
	assert_non_null(strstr(find(&r, "TC115", "ASA", "asa.cfg", 39)->msg,
			       "only R2 can bring the SA up"));
	done(&r);
}

static void routing_sample_pins_wrong_egress_and_unreachable_peer(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/routing");
	PIN(r, "TC107", "R3", "r3.cfg", 49, TC_SEV_ERROR); /* the route at fault */
	assert_true(related_at(find(&r, "TC107", "R3", "r3.cfg", 49), "R3", 51));
	PIN(r, "TC108", "ASA", "asa.cfg", 40, TC_SEV_ERROR);
	assert_string_equal(find(&r, "TC108", "ASA", "asa.cfg", 40)->loc.token, "5.100.42.2");
	done(&r);
}

/* Lint looks routes up as the predictor does: R2's `reverse-route static` (R5.1) gives it a
 * route toward the ASA's domains before any SA exists, so its traffic is not "dropped before
 * the crypto map" (two false TC107 errors on R2 when lint read the configured FIB alone). */
static void static_reverse_routes_count_as_routes(void **state)
{
	(void)state;
	run r = lint("samples/rri-spokes");
	assert_null(find(&r, "TC107", "R2", "r2.cfg", 52));
	assert_null(find(&r, "TC107", "R2", "r2.cfg", 53));
	/* R3's `reverse-route` installs its route only while an SA is up: until then its
	 * traffic is dropped, which TC107 still says */
	assert_non_null(find(&r, "TC107", "R3", "r3.cfg", 51));
	assert_int_equal(count(&r, "TC107"), 2);
	done(&r);
}

/* R6 redistributes its static return route to the ASA's domain into OSPF, and R2 learns it
 * back (O E2 via R6): TC107 blames the domain's line and names the computed route. */
static void computed_route_around_the_crypto_map_is_named(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/igp-route-around");
	const tc_finding *f = find(&r, "TC107", "R2", "r2.cfg", 54);
	if (!f)
		fail_msg("TC107 on R2 line 54 not found");
	assert_non_null(strstr(f->msg, "O E2 10.26.241.0/24 via 5.100.26.6"));
	assert_int_equal(count(&r, "TC107"), 1);
	done(&r);
}

static void one_sided_backup_is_an_error_without_ownership_noise(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/one-sided");
	PIN(r, "TC120", "ASA", "asa.cfg", 39, TC_SEV_ERROR);
	assert_int_equal(count(&r, "TC201"), 0);
	assert_int_equal(r.f->n, 1);
	done(&r);
}

static void wider_peer_acl_is_not_a_mirror(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/acl-mirror");
	PIN(r, "TC116", "ASA", "asa.cfg", 26, TC_SEV_WARNING);
	const tc_finding *f = find(&r, "TC116", "ASA", "asa.cfg", 26);
	assert_non_null(strstr(f->msg, "only ASA can initiate"));
	assert_true(related_at(f, "R2", 51));
	assert_int_equal(count(&r, "TC116"), 1); /* the pair is reported once */
	done(&r);
}

static void answer_only_toward_ios_is_a_warning(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/conntype");
	PIN(r, "TC121", "ASA", "asa.cfg", 39, TC_SEV_WARNING);
	assert_int_equal(count(&r, "TC121"), 2); /* toward R2 and toward R3 */
	done(&r);
}

static void peers_sample_pins_ikev2_multi_peer_and_default_not_first(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/peers");
	PIN(r, "TC122", "ASA", "asa.cfg", 42, TC_SEV_WARNING);
	PIN(r, "TC123", "R2", "r2.cfg", 26, TC_SEV_WARNING);
	done(&r);
}

static void split_return_routing_oscillates(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/oscillate");
	PIN(r, "TC202", "ASA", "asa.cfg", 26, TC_SEV_ERROR);
	const tc_finding *f = find(&r, "TC202", "ASA", "asa.cfg", 26);
	assert_non_null(strstr(f->msg, "R2, R3"));
	assert_true(related_at(f, "R6", 35) || related_at(f, "R6", 36));
	done(&r);
}

/* ---- rules that need two ASAs or many peers: built with the model builders ---- */

static tc_device *asa(tc_model *m, const char *name, const char *addr, const char *peer,
		      tc_conn_type ct, unsigned npeers)
{
	tc_device *d = tc_device_add(m, name, TC_DIALECT_ASA);
	d->hostname = tc_arena_strdup(m->arena, name);
	tc_iface *i = tc_iface_add(m, d, "Gi0/0");
	assert_int_equal(tc_ip_parse(&i->addr, addr, strlen(addr)), 0);
	i->plen = 24;
	i->has_addr = true;
	i->ike = true;
	i->cmap = "M";
	i->file = name;
	i->line = 1;
	tc_entry *e = tc_entry_get(m, d, "M", 10);
	e->file = name;
	e->line = 2;
	e->conn_type = ct;
	uint32_t p;
	assert_int_equal(tc_ip_parse(&p, peer, strlen(peer)), 0);
	for (unsigned k = 0; k < npeers; k++)
		e->peers[e->npeers++] = p + k;
	return d;
}

static void two_originate_only_asas_never_answer_each_other(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	asa(m, "A", "192.0.2.1", "192.0.2.2", TC_CONN_ORIGINATE_ONLY, 1);
	asa(m, "B", "192.0.2.2", "192.0.2.1", TC_CONN_ORIGINATE_ONLY, 1);
	assert_int_equal(tc_model_finalize(m), 0);
	tc_findings *f = NULL;
	const char *off[] = {"TC103", "TC105", "TC109", "TC112"};
	tc_lint_opts o = {.disable = off, .ndisable = 4};
	assert_int_equal(tc_lint(&f, m, NULL, &o), 0);
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].rule->id, "TC121") == 0) {
			n++;
			assert_int_equal(f->v[i].sev, TC_SEV_ERROR);
			assert_non_null(strstr(f->v[i].msg, "both originate-only"));
		}
	assert_int_equal(n, 1);
	/* disabled rules do not run and say so */
	size_t nr;
	const tc_lint_rule *rules = tc_lint_rules(&nr);
	for (size_t i = 0; i < nr; i++)
		assert_int_equal(f->ran[i], strcmp(rules[i].id, "TC109") != 0 &&
						    strcmp(rules[i].id, "TC103") != 0 &&
						    strcmp(rules[i].id, "TC105") != 0 &&
						    strcmp(rules[i].id, "TC112") != 0);
	tc_findings_free(f);
	tc_model_free(m);
}

/* Two crypto maps on two interfaces share one ACL: one ACL line, two domains. With no route to
 * the remote proxy both die the same way at the same line: one TC204, not two. */
static void one_line_one_cause_is_one_finding(void **state)
{
	(void)state;
	static const char cfg[] = "hostname R1\n"
				  "crypto isakmp policy 10\n"
				  " authentication pre-share\n"
				  "crypto isakmp key k1 address 192.0.2.2\n"
				  "crypto isakmp key k2 address 198.51.100.2\n"
				  "crypto ipsec transform-set TS esp-aes esp-sha-hmac\n"
				  "crypto map A 10 ipsec-isakmp\n"
				  " set peer 192.0.2.2\n"
				  " set transform-set TS\n"
				  " match address VPN\n"
				  "crypto map B 10 ipsec-isakmp\n"
				  " set peer 198.51.100.2\n"
				  " set transform-set TS\n"
				  " match address VPN\n"
				  "interface Gi0/0\n"
				  " ip address 192.0.2.1 255.255.255.0\n"
				  " crypto map A\n"
				  "interface Gi0/1\n"
				  " ip address 198.51.100.1 255.255.255.0\n"
				  " crypto map B\n"
				  "interface Loopback0\n"
				  " ip address 10.1.1.1 255.255.255.0\n"
				  "ip access-list extended VPN\n"
				  " permit ip 10.1.1.0 0.0.0.255 10.2.2.0 0.0.0.255\n";
	run r = lint_config(cfg, sizeof cfg - 1);
	assert_int_equal(r.p->ndomains, 2);
	assert_int_equal(count(&r, "TC204"), 1);
	PIN(r, "TC204", "R1", "r1.cfg", 24, TC_SEV_ERROR);
	done(&r);
}

/* Three crypto maps share the ACL: three domains of one line fail alike (no route to the
 * remote proxy, R1.1) and merge into one TC204 at the line, whichever order they sort in. */
static void three_entries_sharing_a_line_are_one_finding(void **state)
{
	(void)state;
	static const char cfg[] = "hostname R1\n"
				  "crypto isakmp policy 10\n"
				  " authentication pre-share\n"
				  "crypto isakmp key k1 address 192.0.2.2\n"
				  "crypto isakmp key k2 address 198.51.100.2\n"
				  "crypto isakmp key k3 address 203.0.113.2\n"
				  "crypto ipsec transform-set TS esp-aes esp-sha-hmac\n"
				  "crypto map A 10 ipsec-isakmp\n"
				  " set peer 192.0.2.2\n"
				  " set transform-set TS\n"
				  " match address VPN\n"
				  "crypto map B 10 ipsec-isakmp\n"
				  " set peer 198.51.100.2\n"
				  " set transform-set TS\n"
				  " match address VPN\n"
				  "crypto map C 10 ipsec-isakmp\n"
				  " set peer 203.0.113.2\n"
				  " set transform-set TS\n"
				  " match address VPN\n"
				  "interface Gi0/0\n"
				  " ip address 192.0.2.1 255.255.255.0\n"
				  " crypto map A\n"
				  "interface Gi0/1\n"
				  " ip address 198.51.100.1 255.255.255.0\n"
				  " crypto map B\n"
				  "interface Gi0/2\n"
				  " ip address 203.0.113.1 255.255.255.0\n"
				  " crypto map C\n"
				  "interface Loopback0\n"
				  " ip address 10.1.1.1 255.255.255.0\n"
				  "ip access-list extended VPN\n"
				  " permit ip 10.1.1.0 0.0.0.255 10.2.2.0 0.0.0.255\n";
	run r = lint_config(cfg, sizeof cfg - 1);
	assert_int_equal(r.p->ndomains, 3);
	assert_int_equal(count(&r, "TC204"), 1);
	PIN(r, "TC204", "R1", "r1.cfg", 32, TC_SEV_ERROR);
	assert_int_equal(count(&r, "TC107"), 3); /* one per map: each names its own map */
	done(&r);
}

static void asa_entry_with_eleven_peers_is_over_the_limit(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	asa(m, "A", "192.0.2.1", "198.51.100.1", TC_CONN_BIDIRECTIONAL, 11);
	assert_int_equal(tc_model_finalize(m), 0);
	tc_findings *f = NULL;
	assert_int_equal(tc_lint(&f, m, NULL, NULL), 0);
	bool seen = false;
	for (size_t i = 0; i < f->n; i++)
		seen |= strcmp(f->v[i].rule->id, "TC123") == 0 &&
			strstr(f->v[i].msg, "lists 11 peers");
	assert_true(seen);
	tc_findings_free(f);
	tc_model_free(m);
}

/* The routing fixtures: lab-a's routers with OSPF, EIGRP and BGP lines that cannot work. */
static void igp_sample_pins_every_link_rule_once(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/igp");
	PIN(r, "TC124", "R2", "r2.cfg", 31, TC_SEV_ERROR);   /* interface Gi0/0, area 0 vs 1 */
	PIN(r, "TC130", "R2", "r2.cfg", 37, TC_SEV_WARNING); /* interface Gi0/1, AS 20 vs 10 */
	PIN(r, "TC125", "R3", "r3.cfg", 37, TC_SEV_WARNING); /* ip ospf network point-to-point */
	PIN(r, "TC126", "R3", "r3.cfg", 49, TC_SEV_ERROR);   /* area 2 stub */
	PIN(r, "TC131", "R4", "r4.cfg", 34, TC_SEV_WARNING); /* router eigrp 10, passive Gi0/2 */
	PIN(r, "TC127", "R6", "r6.cfg", 32, TC_SEV_ERROR);   /* router-id 9.9.9.9, as R2's */
	assert_true(related_at(find(&r, "TC127", "R6", "r6.cfg", 32), "R2", 47));
	assert_int_equal(r.f->n, 7); /* the six and lab-a's TC201: no route was learned */
	PIN(r, "TC201", "ASA", "asa.cfg", 26, TC_SEV_WARNING);
	done(&r);
}

static void bgp_sample_pins_neighbour_statements_only_where_wrong(void **state)
{
	(void)state;
	run r = lint("tests/data/lint/bgp");
	PIN(r, "TC128", "R2", "r2.cfg", 46,
	    TC_SEV_ERROR); /* neighbor 5.100.42.4: R4 names R3 only */
	PIN(r, "TC129", "R3", "r3.cfg", 45, TC_SEV_ERROR); /* remote-as 65005, R4 is AS 65004 */
	assert_int_equal(count(&r, "TC128") + count(&r, "TC129"), 2); /* R2-R6 agree */
	done(&r);
}

/* ---- routing rules (TC124-TC131): models built with routing.h's builders ------------ */

/* Lines in the made-up configs: the interface of a device is at line 10 + n (n-th added),
 * its processes at line 50 + n, what they hold (areas, neighbours) at 60 + n. */
static tc_device *rdev(tc_model *m, const char *name)
{
	tc_device *d = tc_device_add(m, name, TC_DIALECT_IOS);
	d->hostname = tc_arena_strdup(m->arena, name);
	return d;
}

static tc_iface *rif(tc_model *m, tc_device *d, const char *name, const char *addr, unsigned plen,
		     unsigned line)
{
	tc_iface *i = tc_iface_add(m, d, name);
	i->addr = ip(addr);
	i->plen = (uint8_t)plen;
	i->has_addr = true;
	i->file = d->file;
	i->line = line;
	return i;
}

static tc_rproc *rproc(tc_model *m, tc_device *d, tc_rp_kind kind, unsigned id, unsigned line)
{
	tc_rproc *p = tc_rproc_get(m, d, kind, id, NULL, NULL);
	p->file = d->file;
	p->line = line;
	return p;
}

/* `network NET WILDCARD area AREA` (OSPF) or `network NET WILDCARD` (EIGRP). */
static void rnet(tc_model *m, tc_rproc *p, const char *net, unsigned len, uint32_t area)
{
	tc_rnet *n = tc_rnet_add(m, p);
	n->net = tc_prefix_make(ip(net), (uint8_t)len);
	n->area = area;
}

static tc_bgp_nbr *nbr(tc_model *m, tc_rproc *p, const char *addr, unsigned as, unsigned line)
{
	tc_bgp_nbr *n = tc_bgp_nbr_get(m, p, ip(addr));
	n->remote_as = as;
	n->activated = true;
	n->file = p->file;
	n->line = line;
	return n;
}

/* Two routers on 10.0.12.0/30 (Gi0/0 at line 11 on both), each with OSPF process 1 covering
 * it in the given area (line 51). */
typedef struct pair {
	tc_model *m;
	tc_device *r1, *r2;
	tc_iface *i1, *i2;
	tc_rproc *p1, *p2;
} pair;

/* r1 and r2 on 10.0.12.0/30, no routing yet. */
static pair two_routers(void)
{
	pair x = {0};
	x.m = tc_model_new();
	x.r1 = rdev(x.m, "r1.cfg");
	x.r2 = rdev(x.m, "r2.cfg");
	x.i1 = rif(x.m, x.r1, "GigabitEthernet0/0", "10.0.12.1", 30, 11);
	x.i2 = rif(x.m, x.r2, "GigabitEthernet0/0", "10.0.12.2", 30, 11);
	return x;
}

static pair ospf_pair(uint32_t area1, uint32_t area2)
{
	pair x = two_routers();
	x.p1 = rproc(x.m, x.r1, TC_RP_OSPF, 1, 51);
	x.p2 = rproc(x.m, x.r2, TC_RP_OSPF, 1, 51);
	rnet(x.m, x.p1, "10.0.12.0", 30, area1);
	rnet(x.m, x.p2, "10.0.12.0", 30, area2);
	return x;
}

/* Finalize and lint without a prediction (the routing rules read the configs alone). */
static run lint_model(tc_model *m)
{
	run r = {m, NULL, NULL};
	assert_int_equal(tc_model_finalize(m), 0);
	assert_int_equal(tc_lint(&r.f, m, NULL, NULL), 0);
	return r;
}

/* Findings of the routing rules, TC124-TC131. */
static size_t routing_findings(const run *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->f->n; i++)
		n += strcmp(r->f->v[i].rule->id, "TC124") >= 0 &&
		     strcmp(r->f->v[i].rule->id, "TC131") <= 0;
	return n;
}

static void ospf_areas_differing_on_a_link_is_one_error(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 1);
	run r = lint_model(x.m);
	/* RFC 2328 8.2: a Hello from another area is dropped, no adjacency */
	PIN(r, "TC124", "r1.cfg", "r1.cfg", 11, TC_SEV_ERROR);
	const tc_finding *f = find(&r, "TC124", "r1.cfg", "r1.cfg", 11);
	assert_non_null(strstr(f->msg, "area 0"));
	assert_non_null(strstr(f->msg, "area 1"));
	assert_true(related_at(f, "r2.cfg", 11));
	assert_int_equal(routing_findings(&r), 1); /* once per pair, not from both ends */
	done(&r);
}

static void ospf_interface_area_wins_over_network_statement(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 0);
	/* `ip ospf 1 area 2` on r2's interface overrides its network statement (area 0) */
	tc_iface_rt *rt = tc_iface_rt_get(x.m, x.i2);
	rt->ospf_pid = 1;
	rt->ospf_area = 2;
	rt->has_ospf_area = true;
	run r = lint_model(x.m);
	PIN(r, "TC124", "r1.cfg", "r1.cfg", 11, TC_SEV_ERROR);
	assert_non_null(strstr(find(&r, "TC124", "r1.cfg", "r1.cfg", 11)->msg, "area 2"));
	done(&r);
}

static void ospf_areas_on_a_slash31_link_are_compared(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 3);
	/* /31 ends are not in the model's links: rt_link_peers finds them by address */
	x.i1->addr = ip("10.0.0.0");
	x.i1->plen = 31;
	x.i2->addr = ip("10.0.0.1");
	x.i2->plen = 31;
	x.p1->nets->net = tc_prefix_make(ip("10.0.0.0"), 31);
	x.p2->nets->net = tc_prefix_make(ip("10.0.0.0"), 31);
	run r = lint_model(x.m);
	PIN(r, "TC124", "r1.cfg", "r1.cfg", 11, TC_SEV_ERROR);
	assert_int_equal(routing_findings(&r), 1);
	done(&r);
}

static void consistent_ospf_link_has_no_finding(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 0);
	x.p1->router_id = ip("1.1.1.1");
	x.p1->has_router_id = true;
	run r = lint_model(x.m);
	assert_int_equal(routing_findings(&r), 0);
	done(&r);
}

static void no_finding_where_the_peer_runs_no_protocol(void **state)
{
	(void)state;
	pair x = two_routers();
	tc_rproc *p = rproc(x.m, x.r1, TC_RP_OSPF, 1, 51);
	rnet(x.m, p, "0.0.0.0", 0, 0);
	p->passive_default = true; /* passive toward a router that runs nothing: fine */
	tc_rproc *b = rproc(x.m, x.r1, TC_RP_BGP, 65001, 52);
	nbr(x.m, b, "10.0.12.2", 65002, 61); /* r2 runs no BGP: not a config mismatch to report */
	run r = lint_model(x.m);
	assert_int_equal(routing_findings(&r), 0);
	done(&r);
}

static void ospf_point_to_point_against_broadcast_is_a_warning(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 0);
	tc_iface_rt_get(x.m, x.i2)->ospf_nettype = TC_OSPF_NET_P2P;
	run r = lint_model(x.m);
	/* same 10 s hellos: FULL, but no link back in the SPF (RFC 2328 16.1); at the end whose
	   type is configured */
	PIN(r, "TC125", "r2.cfg", "r2.cfg", 11, TC_SEV_WARNING);
	assert_int_equal(routing_findings(&r), 1);
	done(&r);
}

static void ospf_nbma_against_broadcast_is_an_error(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 0);
	tc_iface_rt_get(x.m, x.i1)->ospf_nettype = TC_OSPF_NET_NBMA;
	run r = lint_model(x.m);
	/* NBMA hellos every 30 s, broadcast every 10 s: the intervals must match (RFC 2328 10.5) */
	PIN(r, "TC125", "r1.cfg", "r1.cfg", 11, TC_SEV_ERROR);
	assert_non_null(strstr(find(&r, "TC125", "r1.cfg", "r1.cfg", 11)->msg, "hello 30 s"));
	done(&r);
}

static void ospf_tunnel_default_is_point_to_point(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 0);
	x.i1->name = "Tunnel0"; /* point-to-point by default on IOS; r2's Ethernet broadcast */
	run r = lint_model(x.m);
	PIN(r, "TC125", "r1.cfg", "r1.cfg", 11, TC_SEV_WARNING);
	done(&r);
}

static void ospf_stub_on_one_end_only_is_an_error(void **state)
{
	(void)state;
	pair x = ospf_pair(1, 1);
	tc_area *a = tc_area_get(x.m, x.p2, 1);
	a->type = TC_AREA_STUB;
	a->file = "r2.cfg";
	a->line = 62;
	run r = lint_model(x.m);
	/* the E bit of the Hello options must match the area's (RFC 2328 10.5) */
	PIN(r, "TC126", "r2.cfg", "r2.cfg", 62, TC_SEV_ERROR);
	assert_int_equal(routing_findings(&r), 1);
	done(&r);
}

static void stub_against_nssa_is_a_mismatch_too(void **state)
{
	(void)state;
	pair x = ospf_pair(1, 1);
	tc_area *a = tc_area_get(x.m, x.p1, 1);
	a->type = TC_AREA_NSSA;
	a->file = "r1.cfg";
	a->line = 61;
	tc_area *b = tc_area_get(x.m, x.p2, 1);
	b->type = TC_AREA_STUB;
	b->file = "r2.cfg";
	b->line = 62;
	run r = lint_model(x.m);
	const tc_finding *f = find(&r, "TC126", "r1.cfg", "r1.cfg", 61);
	assert_non_null(f);
	assert_true(related_at(f, "r2.cfg", 62));
	/* both totally stubby or not: no-summary matters only on the ABR, no mismatch */
	done(&r);
}

static void passive_on_one_end_is_a_warning_and_hides_the_rest(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 1); /* areas differ too: reported once the adjacency is wanted */
	tc_ifname_list_add(x.m, &x.p1->passive, "GigabitEthernet0/0");
	run r = lint_model(x.m);
	PIN(r, "TC131", "r1.cfg", "r1.cfg", 51, TC_SEV_WARNING);
	assert_int_equal(routing_findings(&r), 1);
	done(&r);
}

static void passive_on_a_shared_lan_is_reported_once(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 0);
	x.i1->plen = x.i2->plen = 24; /* a LAN: 10.0.12.0/24 with r3 on it too */
	x.p1->nets->net.len = x.p2->nets->net.len = 24;
	tc_device *r3 = rdev(x.m, "r3.cfg");
	rif(x.m, r3, "GigabitEthernet0/0", "10.0.12.3", 24, 11);
	rnet(x.m, rproc(x.m, r3, TC_RP_OSPF, 1, 51), "10.0.12.0", 24, 0);
	x.p2->passive_default = true;
	run r = lint_model(x.m);
	PIN(r, "TC131", "r2.cfg", "r2.cfg", 51, TC_SEV_WARNING);
	assert_int_equal(routing_findings(&r), 1); /* not once per active neighbour */
	done(&r);
}

static void passive_default_with_no_passive_is_active(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 0);
	x.p1->passive_default = true;
	tc_ifname_list_add(x.m, &x.p1->active, "GigabitEthernet0/0");
	x.p2->passive_default = true;
	run r = lint_model(x.m);
	/* r1 is active on the link (no passive-interface), r2 passive: r2 is the odd end */
	PIN(r, "TC131", "r2.cfg", "r2.cfg", 51, TC_SEV_WARNING);
	done(&r);
}

static void both_ends_passive_want_no_adjacency(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 1);
	x.p1->passive_default = true;
	x.p2->passive_default = true;
	run r = lint_model(x.m);
	assert_int_equal(routing_findings(&r), 0);
	done(&r);
}

/* r1 and r2 running EIGRP AS as1 and as2 (line 51) over 10.0.0.0/8. */
static pair eigrp_pair(unsigned as1, unsigned as2)
{
	pair x = two_routers();
	x.p1 = rproc(x.m, x.r1, TC_RP_EIGRP, as1, 51);
	x.p2 = rproc(x.m, x.r2, TC_RP_EIGRP, as2, 51);
	rnet(x.m, x.p1, "10.0.0.0", 8, 0);
	rnet(x.m, x.p2, "10.0.0.0", 8, 0);
	return x;
}

static void eigrp_as_numbers_differing_on_a_link_is_a_warning(void **state)
{
	(void)state;
	pair x = eigrp_pair(10, 20);
	run r = lint_model(x.m);
	PIN(r, "TC130", "r1.cfg", "r1.cfg", 11, TC_SEV_WARNING);
	assert_non_null(strstr(find(&r, "TC130", "r1.cfg", "r1.cfg", 11)->msg, "AS 20"));
	assert_int_equal(routing_findings(&r), 1);
	done(&r);
}

static void eigrp_ends_sharing_one_as_are_neighbours(void **state)
{
	(void)state;
	pair x = eigrp_pair(10, 20);
	/* r2 also runs AS 10 on the link: the two meet there */
	rnet(x.m, rproc(x.m, x.r2, TC_RP_EIGRP, 10, 52), "10.0.12.0", 30, 0);
	run r = lint_model(x.m);
	assert_int_equal(routing_findings(&r), 0);
	done(&r);
}

static void eigrp_passive_in_the_shared_as_is_a_warning(void **state)
{
	(void)state;
	pair x = eigrp_pair(10, 10);
	tc_ifname_list_add(x.m, &x.p2->passive, "GigabitEthernet0/0");
	run r = lint_model(x.m);
	PIN(r, "TC131", "r2.cfg", "r2.cfg", 51, TC_SEV_WARNING);
	assert_int_equal(routing_findings(&r), 1);
	done(&r);
}

static void duplicate_ospf_router_ids_configured_and_derived(void **state)
{
	(void)state;
	pair x = ospf_pair(0, 0);
	x.p1->router_id = ip("1.1.1.1");
	x.p1->has_router_id = true;
	x.p2->router_id = ip("1.1.1.1");
	x.p2->has_router_id = true;
	/* r3, elsewhere, has no router-id: its highest loopback, 1.1.1.1, is the id (IOS) */
	tc_device *r3 = rdev(x.m, "r3.cfg");
	rif(x.m, r3, "GigabitEthernet0/0", "192.168.3.1", 24, 11);
	rif(x.m, r3, "Loopback0", "1.1.1.1", 32, 12);
	rnet(x.m, rproc(x.m, r3, TC_RP_OSPF, 7, 51), "192.168.3.0", 24, 0);
	run r = lint_model(x.m);
	PIN(r, "TC127", "r2.cfg", "r2.cfg", 51, TC_SEV_ERROR);
	const tc_finding *f = find(&r, "TC127", "r3.cfg", "r3.cfg", 12);
	assert_non_null(f);
	assert_string_equal(f->loc.token, "1.1.1.1");
	assert_true(related_at(f, "r1.cfg", 51));
	assert_int_equal(count(&r, "TC127"), 2); /* each other device against the first */
	done(&r);
}

/* r1 (AS as1) and r2 (AS as2) running BGP (line 51) on 10.0.12.0/30. */
static pair bgp_pair(unsigned as1, unsigned as2)
{
	pair x = two_routers();
	x.p1 = rproc(x.m, x.r1, TC_RP_BGP, as1, 51);
	x.p2 = rproc(x.m, x.r2, TC_RP_BGP, as2, 51);
	return x;
}

static void duplicate_bgp_router_id_across_ases_is_a_warning(void **state)
{
	(void)state;
	pair x = bgp_pair(65001, 65002);
	tc_device *r3 = rdev(x.m, "r3.cfg");
	rif(x.m, r3, "GigabitEthernet0/0", "10.0.13.3", 24, 11);
	tc_rproc *b3 = rproc(x.m, r3, TC_RP_BGP, 65001, 51);
	x.p1->router_id = x.p2->router_id = b3->router_id = ip("9.9.9.9");
	x.p1->has_router_id = x.p2->has_router_id = b3->has_router_id = true;
	nbr(x.m, x.p1, "10.0.12.2", 65002, 61);
	nbr(x.m, x.p2, "10.0.12.1", 65001, 61);
	run r = lint_model(x.m);
	/* eBGP: RFC 6286 allows one identifier in two ASes (warning); inside an AS: error */
	PIN(r, "TC127", "r2.cfg", "r2.cfg", 51, TC_SEV_WARNING);
	PIN(r, "TC127", "r3.cfg", "r3.cfg", 51, TC_SEV_ERROR);
	assert_int_equal(routing_findings(&r), 2);
	done(&r);
}

static void bgp_neighbour_that_does_not_name_us_back(void **state)
{
	(void)state;
	pair x = bgp_pair(65001, 65002);
	rif(x.m, x.r1, "Loopback0", "1.1.1.1", 32, 12);
	nbr(x.m, x.p1, "10.0.12.2", 65002, 61);
	nbr(x.m, x.p2, "10.0.99.1", 65001, 61); /* an address of nobody here */
	run r = lint_model(x.m);
	PIN(r, "TC128", "r1.cfg", "r1.cfg", 61, TC_SEV_ERROR);
	const tc_finding *f = find(&r, "TC128", "r1.cfg", "r1.cfg", 61);
	assert_string_equal(f->loc.token, "10.0.12.2");
	assert_true(related_at(f, "r2.cfg", 51));
	assert_int_equal(routing_findings(&r), 1);
	done(&r);
}

static void bgp_neighbour_naming_our_loopback_is_configured_back(void **state)
{
	(void)state;
	pair x = bgp_pair(65000, 65000);
	rif(x.m, x.r1, "Loopback0", "1.1.1.1", 32, 12);
	rif(x.m, x.r2, "Loopback0", "2.2.2.2", 32, 12);
	nbr(x.m, x.p1, "2.2.2.2", 65000, 61)->update_source = "Loopback0";
	nbr(x.m, x.p2, "1.1.1.1", 65000, 61)->update_source = "Loopback0";
	run r = lint_model(x.m);
	assert_int_equal(routing_findings(&r), 0);
	done(&r);
}

static void bgp_remote_as_other_than_the_neighbours_as(void **state)
{
	(void)state;
	pair x = bgp_pair(65001, 65002);
	nbr(x.m, x.p1, "10.0.12.2", 65003, 61); /* r2 is AS 65002: Bad Peer AS (RFC 4271 6.2) */
	nbr(x.m, x.p2, "10.0.12.1", 65001, 61);
	run r = lint_model(x.m);
	PIN(r, "TC129", "r1.cfg", "r1.cfg", 61, TC_SEV_ERROR);
	assert_non_null(strstr(find(&r, "TC129", "r1.cfg", "r1.cfg", 61)->msg, "AS 65002"));
	assert_int_equal(routing_findings(&r), 1); /* r2's line is right: nothing there */
	done(&r);
}

static void bgp_remote_as_is_not_judged_under_local_as(void **state)
{
	(void)state;
	pair x = bgp_pair(65001, 65002);
	nbr(x.m, x.p1, "10.0.12.2", 65003, 61);
	nbr(x.m, x.p2, "10.0.12.1", 65001, 61);
	/* r2 may present AS 65003 to r1 (`neighbor 10.0.12.1 local-as 65003`): not decided */
	tc_rt_unmodelled(x.m, x.r2, "BGP local-as", "r2.cfg", 62);
	run r = lint_model(x.m);
	assert_int_equal(routing_findings(&r), 0);
	done(&r);
}

static void bgp_dynamic_neighbours_need_no_neighbor_statement(void **state)
{
	(void)state;
	pair x = bgp_pair(65001, 65002);
	nbr(x.m, x.p1, "10.0.12.2", 65002, 61);
	/* r2 accepts r1 through `bgp listen range 10.0.12.0/30 peer-group G` (parser's note) */
	tc_rt_unmodelled(x.m, x.r2, "BGP dynamic neighbours", "r2.cfg", 62);
	run r = lint_model(x.m);
	assert_int_equal(routing_findings(&r), 0);
	done(&r);
}

/* ---- options ---------------------------------------------------------------------- */

static void ignore_marks_findings_suppressed_and_uncounted(void **state)
{
	(void)state;
	tc_lint_ignore ig[] = {{.rule = "TC109", .device = "ASA", .reason = "tunnel-group pending"},
			       {.rule = "wildcard-psk", .device = "*"}};
	tc_lint_opts o = {.ignore = ig, .nignore = 2};
	run r = lint_opts("tests/data/lint/psk", &o);
	const tc_finding *f = find(&r, "TC109", "ASA", "asa.cfg", 39);
	assert_true(f->suppressed);
	assert_string_equal(f->reason, "tunnel-group pending");
	assert_true(find(&r, "TC110", "R2", "r2.cfg", 22)->suppressed);
	assert_false(find(&r, "TC203", "ASA", "asa.cfg", 26)->suppressed);
	assert_int_equal(r.f->nsuppressed, 2);
	assert_int_equal(r.f->nsev[TC_SEV_WARNING], 0);
	done(&r);
}

static void ignore_for_another_device_does_not_match(void **state)
{
	(void)state;
	tc_lint_ignore ig[] = {{.rule = "TC109", .device = "R2"}};
	tc_lint_opts o = {.ignore = ig, .nignore = 1};
	run r = lint_opts("tests/data/lint/psk", &o);
	assert_false(find(&r, "TC109", "ASA", "asa.cfg", 39)->suppressed);
	assert_int_equal(r.f->nsuppressed, 0);
	done(&r);
}

static void disabled_rule_produces_nothing(void **state)
{
	(void)state;
	const char *off[] = {"ownership-moved"};
	tc_lint_opts o = {.disable = off, .ndisable = 1};
	run r = lint_opts("samples/lab-a", &o);
	assert_int_equal(r.f->n, 0);
	done(&r);
}

/* The first finding of rule, or NULL (TC301 for an ignore file has no device for find()). */
static const tc_finding *find_rule(const run *r, const char *rule)
{
	for (size_t i = 0; i < r->f->n; i++)
		if (strcmp(r->f->v[i].rule->id, rule) == 0)
			return &r->f->v[i];
	return NULL;
}

/* The path of the psk fixture's ASA config as the model names it (scopes compare it). */
static void psk_asa_path(char *buf, size_t n)
{
	run r = lint("tests/data/lint/psk");
	snprintf(buf, n, "%s", find(&r, "TC109", "ASA", "asa.cfg", 39)->loc.file);
	done(&r);
}

/* A suppression written in a config covers lines first..last of it: the TC109 finding on the
 * ASA's line 39 is suppressed by one covering that line, marked as written in the source. */
static void scoped_ignore_suppresses_a_finding_on_its_lines(void **state)
{
	(void)state;
	char asa[1024];
	psk_asa_path(asa, sizeof asa);
	tc_lint_ignore ig[] = {{.rule = "TC109",
				.reason = "pending",
				.file = asa,
				.line = 38,
				.scope_file = asa,
				.first = 39,
				.last = 41}};
	tc_lint_opts o = {.ignore = ig, .nignore = 1};
	run r = lint_opts("tests/data/lint/psk", &o);
	const tc_finding *f = find(&r, "TC109", "ASA", "asa.cfg", 39);
	assert_true(f->suppressed);
	assert_true(f->in_source);
	assert_string_equal(f->reason, "pending");
	assert_null(find_rule(&r, "TC301")); /* it was used */
	assert_int_equal(r.f->nsuppressed, 1);
	done(&r);
}

/* A scope that misses every location of the finding suppresses nothing, and is reported
 * where it is written: TC301, a note by default, on the config's device. */
static void scoped_ignore_elsewhere_is_reported_unused(void **state)
{
	(void)state;
	char asa[1024];
	psk_asa_path(asa, sizeof asa);
	tc_lint_ignore ig[] = {{.rule = "TC109",
				.file = asa,
				.line = 40,
				.scope_file = asa,
				.first = 41,
				.last = 45}};
	tc_lint_opts o = {.ignore = ig, .nignore = 1};
	run r = lint_opts("tests/data/lint/psk", &o);
	assert_false(find(&r, "TC109", "ASA", "asa.cfg", 39)->suppressed);
	const tc_finding *u = find(&r, "TC301", "ASA", "asa.cfg", 40);
	assert_non_null(u);
	assert_int_equal(u->sev, TC_SEV_NOTE);
	assert_false(u->suppressed);
	assert_int_equal(r.f->nsuppressed, 0);
	done(&r);
}

/* Any location counts: a scope over a related line (the far end) suppresses the finding. */
static void scoped_ignore_matches_a_related_location(void **state)
{
	(void)state;
	run r0 = lint("tests/data/lint/psk");
	const tc_finding *f0 = find(&r0, "TC203", "ASA", "asa.cfg", 26);
	assert_true(f0->nrelated > 0);
	char file[1024];
	snprintf(file, sizeof file, "%s", f0->related[0].file);
	unsigned line = f0->related[0].line;
	done(&r0);
	tc_lint_ignore ig[] = {{.rule = "domain-one-way",
				.file = file,
				.line = line,
				.scope_file = file,
				.first = line,
				.last = line}};
	tc_lint_opts o = {.ignore = ig, .nignore = 1};
	run r = lint_opts("tests/data/lint/psk", &o);
	assert_true(find(&r, "TC203", "ASA", "asa.cfg", 26)->suppressed);
	done(&r);
}

/* Nested and sibling scopes in one file: every suppression covering the finding's line counts
 * as used and the first in the list decides (its reason); siblings before and after the line
 * cover nothing and are reported unused. */
static void nested_scopes_all_count_and_the_first_decides(void **state)
{
	(void)state;
	char asa[1024];
	psk_asa_path(asa, sizeof asa);
	tc_lint_ignore ig[] = {{.rule = "TC109",
				.reason = "outer",
				.file = asa,
				.line = 19,
				.scope_file = asa,
				.first = 20,
				.last = 45},
			       {.rule = "TC109",
				.reason = "inner",
				.file = asa,
				.line = 38,
				.scope_file = asa,
				.first = 39,
				.last = 39},
			       {.rule = "TC109",
				.file = asa,
				.line = 24,
				.scope_file = asa,
				.first = 25,
				.last = 30},
			       {.rule = "TC109",
				.file = asa,
				.line = 39,
				.scope_file = asa,
				.first = 40,
				.last = 41}};
	tc_lint_opts o = {.ignore = ig, .nignore = 4};
	run r = lint_opts("tests/data/lint/psk", &o);
	const tc_finding *f = find(&r, "TC109", "ASA", "asa.cfg", 39);
	assert_true(f->suppressed);
	assert_string_equal(f->reason, "outer");
	assert_int_equal(count(&r, "TC301"), 2);
	assert_non_null(find(&r, "TC301", "ASA", "asa.cfg", 24));
	assert_non_null(find(&r, "TC301", "ASA", "asa.cfg", 39));
	assert_null(find(&r, "TC301", "ASA", "asa.cfg", 19));
	assert_null(find(&r, "TC301", "ASA", "asa.cfg", 38));
	done(&r);
}

/* An ignore-file line that matches nothing is a TC301 finding at that line of the ignore
 * file, with no device; none when its rule did not run (that proves nothing). */
static void unused_ignore_line_is_reported_unless_its_rule_is_off(void **state)
{
	(void)state;
	tc_lint_ignore ig[] = {
		{.rule = "TC109", .device = "R2", .file = "snap/.tunnelcast-ignore", .line = 3}};
	tc_lint_opts o = {.ignore = ig, .nignore = 1};
	run r = lint_opts("tests/data/lint/psk", &o);
	const tc_finding *u = find_rule(&r, "TC301");
	assert_non_null(u);
	assert_null(u->device);
	assert_string_equal(u->loc.file, "snap/.tunnelcast-ignore");
	assert_int_equal(u->loc.line, 3);
	assert_int_equal(u->sev, TC_SEV_NOTE);
	done(&r);
	const char *off[] = {"TC109"};
	o.disable = off;
	o.ndisable = 1;
	r = lint_opts("tests/data/lint/psk", &o);
	assert_null(find_rule(&r, "TC301"));
	done(&r);
}

/* --severity: every finding of the rule gets the severity, graded ones included, and the
 * counts follow; the last override of a rule wins. */
static void severity_override_regrades_findings(void **state)
{
	(void)state;
	tc_lint_sev sev[] = {{"TC109", TC_SEV_ERROR},
			     {"peer-without-psk", TC_SEV_NOTE},
			     {"TC110", TC_SEV_ERROR}};
	tc_lint_opts o = {.severity = sev, .nseverity = 3};
	run r0 = lint("tests/data/lint/psk");
	run r = lint_opts("tests/data/lint/psk", &o);
	assert_int_equal(find(&r, "TC109", "ASA", "asa.cfg", 39)->sev, TC_SEV_NOTE);
	assert_int_equal(find(&r, "TC110", "R2", "r2.cfg", 22)->sev, TC_SEV_ERROR);
	assert_int_equal(find(&r, "TC203", "ASA", "asa.cfg", 26)->sev, TC_SEV_ERROR);
	/* TC109 (error) became a note, TC110 (warning) an error */
	assert_int_equal(r.f->nsev[TC_SEV_NOTE], r0.f->nsev[TC_SEV_NOTE] + 1);
	assert_int_equal(r.f->nsev[TC_SEV_WARNING], r0.f->nsev[TC_SEV_WARNING] - 1);
	assert_int_equal(r.f->nsev[TC_SEV_ERROR], r0.f->nsev[TC_SEV_ERROR]);
	done(&r);
	done(&r0);
}

/* The comment forms and what each covers (parser/suppress.c). */
static void inline_suppressions_and_their_scopes(void **state)
{
	(void)state;
	static const char cfg[] = "hostname R1\n"				       /* 1 */
				  "!\n"						       /* 2 */
				  "! tunnelcast: disable=TC118 lab only\n"	       /* 3 */
				  "ip access-list extended VPN\n"		       /* 4 */
				  " remark tunnelcast: disable=TC117,TC116 reviewed\n" /* 5 */
				  " permit ip any any\n"			       /* 6 */
				  " permit ip 10.0.0.0 0.0.0.255 any\n"		       /* 7 */
				  "!\n"						       /* 8 */
				  "interface Gi0/1\n"				       /* 9 */
				  " description tunnelcast: disable=TC102 spare\n"     /* 10 */
				  " ip address 10.1.1.1 255.255.255.0\n"	       /* 11 */
				  "!\n"						       /* 12 */
				  "access-list 101 remark tunnelcast: disable=any-in-crypto-acl\n"
				  "access-list 101 permit ip any any\n"		      /* 14 */
				  "! tunnelcast: disable-file=TC113\n"		      /* 15 */
				  "! tunnelcast: nothing to see\n"		      /* 16 */
				  "snmp-server location tunnelcast: disable=TC101\n"; /* 17 */
	char path[] = "/tmp/tc-suppress-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(cfg, f);
	fclose(f);
	tc_suppression *v = NULL;
	size_t n = 0;
	assert_int_equal(tc_parse_suppressions(&v, &n, path), 0);
	remove(path);
	assert_int_equal(n, 5);
	/* `!`: the next command with its sub-mode lines */
	assert_int_equal(v[0].line, 3);
	assert_int_equal(v[0].first, 4);
	assert_int_equal(v[0].last, 7);
	assert_string_equal(v[0].rules, "TC118");
	assert_string_equal(v[0].reason, "lab only");
	/* a remark in a named ACL: the next line */
	assert_int_equal(v[1].first, 6);
	assert_int_equal(v[1].last, 6);
	assert_string_equal(v[1].rules, "TC117,TC116");
	/* a description: the block it stands in */
	assert_int_equal(v[2].first, 9);
	assert_int_equal(v[2].last, 11);
	/* a numbered ACL's remark: the next line */
	assert_int_equal(v[3].first, 14);
	assert_int_equal(v[3].last, 14);
	assert_null(v[3].reason);
	/* disable-file: every line */
	assert_int_equal(v[4].first, 1);
	assert_true(v[4].last >= 4000000000u);
	tc_suppressions_free(v, n);
}

/* ---- diff -------------------------------------------------------------------------- */

static void diff_reports_state_change_and_new_errors(void **state)
{
	(void)state;
	run a = lint("samples/lab-a"), b = lint("tests/data/lint/oscillate");
	tc_diff *d = NULL;
	assert_int_equal(tc_diff_compute(&d, a.p, a.f, b.p, b.f), 0);
	assert_int_equal(d->nadded, 0);
	assert_int_equal(d->nremoved, 0);
	assert_true(d->nstate_changed >= 1);
	assert_true(d->nnew_errors >= 1);
	assert_int_equal(d->nfixed, 1); /* TC201 gives way to TC202 */
	assert_string_equal(d->fixed[0]->rule->id, "TC201");
	bool asa_changed = false;
	for (size_t i = 0; i < d->ndomains; i++) {
		const tc_domain_change *c = &d->domains[i];
		if (c->before && strcmp(c->before->device->hostname, "ASA") == 0)
			asa_changed = c->state_changed && c->owner_changed;
	}
	assert_true(asa_changed);
	tc_diff_free(d);
	done(&a);
	done(&b);
}

static void diff_of_a_snapshot_with_itself_is_empty(void **state)
{
	(void)state;
	run a = lint("samples/lab-b"), b = lint("samples/lab-b");
	tc_diff *d = NULL;
	assert_int_equal(tc_diff_compute(&d, a.p, a.f, b.p, b.f), 0);
	assert_int_equal(d->ndomains, a.p->ndomains);
	assert_int_equal(d->nowner_changed + d->nstate_changed + d->nadded + d->nremoved, 0);
	assert_int_equal(d->nintroduced + d->nfixed, 0);
	tc_diff_free(d);
	done(&a);
	done(&b);
}

static void diff_counts_added_and_removed_domains(void **state)
{
	(void)state;
	run a = lint("samples/lab-a"), b = lint("samples/lab-b");
	tc_diff *d = NULL;
	assert_int_equal(tc_diff_compute(&d, a.p, a.f, b.p, b.f), 0);
	assert_int_equal(d->nadded, b.p->ndomains - a.p->ndomains);
	assert_int_equal(d->nremoved, 0);
	tc_diff_free(d);
	done(&a);
	done(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalogue_ids_are_sorted_unique_and_documented),
		cmocka_unit_test(founding_lab_a_moves_ownership_to_r2_through_r6_return_route),
		cmocka_unit_test(lab_b_flags_only_the_241_domain),
		cmocka_unit_test(ecmp_half_names_the_leaking_branch_and_where_ownership_went),
		cmocka_unit_test(entry_sample_pins_incomplete_and_odd_entries),
		cmocka_unit_test(dynamic_entry_reported_against_next_higher_static),
		cmocka_unit_test(overlap_names_the_first_earlier_line_of_the_same_set),
		cmocka_unit_test(overlap_index_finds_what_a_scan_of_earlier_lines_finds),
		cmocka_unit_test(mirror_is_searched_in_every_entry_that_lists_us),
		cmocka_unit_test(phase2_is_checked_against_the_entry_that_answers_each_line),
		cmocka_unit_test(ike_off_sample_pins_ike_disabled_and_domain_down),
		cmocka_unit_test(psk_sample_pins_missing_and_wildcard_keys_and_one_way),
		cmocka_unit_test(psk_mismatch_is_reported_once_with_both_key_lines),
		cmocka_unit_test(certificates_against_a_key_is_no_common_policy),
		cmocka_unit_test(ikev2_identity_no_profile_matches),
		cmocka_unit_test(ike_sample_pins_policy_transform_lifetime_and_pfs),
		cmocka_unit_test(routing_sample_pins_wrong_egress_and_unreachable_peer),
		cmocka_unit_test(static_reverse_routes_count_as_routes),
		cmocka_unit_test(computed_route_around_the_crypto_map_is_named),
		cmocka_unit_test(one_sided_backup_is_an_error_without_ownership_noise),
		cmocka_unit_test(wider_peer_acl_is_not_a_mirror),
		cmocka_unit_test(answer_only_toward_ios_is_a_warning),
		cmocka_unit_test(peers_sample_pins_ikev2_multi_peer_and_default_not_first),
		cmocka_unit_test(split_return_routing_oscillates),
		cmocka_unit_test(two_originate_only_asas_never_answer_each_other),
		cmocka_unit_test(one_line_one_cause_is_one_finding),
		cmocka_unit_test(three_entries_sharing_a_line_are_one_finding),
		cmocka_unit_test(asa_entry_with_eleven_peers_is_over_the_limit),
		cmocka_unit_test(igp_sample_pins_every_link_rule_once),
		cmocka_unit_test(bgp_sample_pins_neighbour_statements_only_where_wrong),
		cmocka_unit_test(ospf_areas_differing_on_a_link_is_one_error),
		cmocka_unit_test(ospf_interface_area_wins_over_network_statement),
		cmocka_unit_test(ospf_areas_on_a_slash31_link_are_compared),
		cmocka_unit_test(consistent_ospf_link_has_no_finding),
		cmocka_unit_test(no_finding_where_the_peer_runs_no_protocol),
		cmocka_unit_test(ospf_point_to_point_against_broadcast_is_a_warning),
		cmocka_unit_test(ospf_nbma_against_broadcast_is_an_error),
		cmocka_unit_test(ospf_tunnel_default_is_point_to_point),
		cmocka_unit_test(ospf_stub_on_one_end_only_is_an_error),
		cmocka_unit_test(stub_against_nssa_is_a_mismatch_too),
		cmocka_unit_test(passive_on_one_end_is_a_warning_and_hides_the_rest),
		cmocka_unit_test(passive_on_a_shared_lan_is_reported_once),
		cmocka_unit_test(passive_default_with_no_passive_is_active),
		cmocka_unit_test(both_ends_passive_want_no_adjacency),
		cmocka_unit_test(eigrp_as_numbers_differing_on_a_link_is_a_warning),
		cmocka_unit_test(eigrp_ends_sharing_one_as_are_neighbours),
		cmocka_unit_test(eigrp_passive_in_the_shared_as_is_a_warning),
		cmocka_unit_test(duplicate_ospf_router_ids_configured_and_derived),
		cmocka_unit_test(duplicate_bgp_router_id_across_ases_is_a_warning),
		cmocka_unit_test(bgp_neighbour_that_does_not_name_us_back),
		cmocka_unit_test(bgp_neighbour_naming_our_loopback_is_configured_back),
		cmocka_unit_test(bgp_remote_as_other_than_the_neighbours_as),
		cmocka_unit_test(bgp_remote_as_is_not_judged_under_local_as),
		cmocka_unit_test(bgp_dynamic_neighbours_need_no_neighbor_statement),
		cmocka_unit_test(ignore_marks_findings_suppressed_and_uncounted),
		cmocka_unit_test(ignore_for_another_device_does_not_match),
		cmocka_unit_test(disabled_rule_produces_nothing),
		cmocka_unit_test(scoped_ignore_suppresses_a_finding_on_its_lines),
		cmocka_unit_test(scoped_ignore_elsewhere_is_reported_unused),
		cmocka_unit_test(scoped_ignore_matches_a_related_location),
		cmocka_unit_test(nested_scopes_all_count_and_the_first_decides),
		cmocka_unit_test(unused_ignore_line_is_reported_unless_its_rule_is_off),
		cmocka_unit_test(severity_override_regrades_findings),
		cmocka_unit_test(inline_suppressions_and_their_scopes),
		cmocka_unit_test(diff_reports_state_change_and_new_errors),
		cmocka_unit_test(diff_of_a_snapshot_with_itself_is_empty),
		cmocka_unit_test(diff_counts_added_and_removed_domains),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
