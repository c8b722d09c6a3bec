/* test_dump.c: unit tests of render/dump.c, what `tunnelcast parse` and `tunnelcast routes` print. */
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

typedef int (*model_fn)(FILE *, const tc_model *);
typedef int (*dev_fn)(FILE *, const tc_device *);

/* Output captured in memory. */
typedef struct capture {
	char *buf;
	size_t len;
	FILE *f;
} capture;

static FILE *cap_open(capture *c)
{
	c->buf = NULL;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
	return c->f;
}

static char *cap_close(capture *c)
{
	fclose(c->f);
	return c->buf;
}

/* What fn prints for m (malloc'd). */
static char *print_model(model_fn fn, const tc_model *m)
{
	capture c;
	assert_int_equal(fn(cap_open(&c), m), 0);
	return cap_close(&c);
}

static char *print_device(dev_fn fn, const tc_device *d)
{
	capture c;
	assert_int_equal(fn(cap_open(&c), d), 0);
	return cap_close(&c);
}

/* s without blanks and newlines (the checks below use no value with a blank). */
static char *squeeze(char *s)
{
	char *o = s;
	for (const char *p = s; *p; p++)
		if (*p != ' ' && *p != '\n')
			*o++ = *p;
	*o = '\0';
	return s;
}

/* Every string of want is in s. */
static void assert_has_all(const char *s, const char *const *want, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!strstr(s, want[k]))
			fail_msg("missing %s in\n%s", want[k], s);
}

static tc_model *parsed(const char *cfg)
{
	tc_model *m = tc_model_new();
	assert_int_equal(tc_parse_config(NULL, m, "r.cfg", cfg, strlen(cfg), NULL), 0);
	assert_int_equal(tc_model_finalize(m), 0);
	return m;
}

static void model_dump_marks_keys_and_prints_none(void **state)
{
	(void)state;
	tc_model *m = parsed("hostname R1\n"
			     "crypto isakmp key Kx7-one address 1.1.1.1\n"
			     "crypto ikev2 keyring K\n"
			     " peer P\n"
			     "  address 2.2.2.2\n"
			     "  pre-shared-key local Kx7-two\n"
			     "  pre-shared-key remote Kx7-three\n");
	model_fn fns[] = {tc_render_model_text, tc_render_model_json};
	for (size_t k = 0; k < 2; k++) {
		char *out = print_model(fns[k], m);
		assert_null(strstr(out, "Kx7"));
		assert_non_null(strstr(out, "<secret>"));
		free(out);
	}
	char *json = print_model(tc_render_model_json, m);
	/* the IKEv2 key pair differs: both sides are marked */
	assert_non_null(strstr(json, "\"local_key\": \"<secret>\""));
	assert_non_null(strstr(json, "\"local_key\": null"));
	free(json);
	tc_model_free(m);
}

static void model_dump_json_has_statistics_and_crypto_maps(void **state)
{
	(void)state;
	tc_model *m = parsed("hostname R1\n"
			     "interface Gi0/0\n"
			     " ip address 5.100.26.2 255.255.255.0\n"
			     " standby 1 ip 5.100.26.10\n"
			     " crypto map CMAP\n"
			     "crypto map CMAP 10 ipsec-isakmp\n"
			     " set peer 5.100.0.1 default\n"
			     " set peer peer-two\n"
			     " match address VPN\n"
			     "gizmo\n");
	char *json = squeeze(print_model(tc_render_model_json, m));
	/* 10 lines: 8 modelled, the standby line skipped, gizmo unknown; the 8 interface and
	 * crypto lines are the relevant ones, 7 of them modelled */
	const char *want[] = {
		"\"unknown_lines\":1",
		"\"lines\":10,\"modelled\":8,\"skipped\":1,\"unknown\":1,\"malformed\":0,"
		"\"modelled_percent\":80.0,\"recognised_percent\":90.0",
		"\"lines\":8,\"modelled\":7,\"skipped\":1,\"unknown\":0,\"malformed\":0,"
		"\"modelled_percent\":87.5,\"recognised_percent\":100.0",
		"\"code\":\"not-modelled\"",
		"\"name\":\"CMAP\",\"interfaces\":[\"Gi0/0\"]",
		"\"peers_as_written\":[\"5.100.0.1\",\"peer-two\"]",
		"\"default_peer\":\"5.100.0.1\"",
		"\"acl_defined\":false",
		"\"code\":\"unknown-line\"",
	};
	assert_has_all(json, want, sizeof want / sizeof want[0]);
	free(json);
	char *text = print_model(tc_render_model_text, m);
	const char *want_text[] = {
		"  config: 10 lines: 8 modelled (80.0%), 1 recognised but not modelled, 1 unknown, "
		"0 malformed\n",
		"    crypto, routing, ACL, NAT and interface: 8 lines: 7 modelled (87.5%), 1 "
		"recognised but not modelled, 0 unknown, 0 malformed\n",
	};
	assert_has_all(text, want_text, sizeof want_text / sizeof want_text[0]);
	free(text);
	tc_model_free(m);
}

/* Route-based VPN and certificate settings: names and methods, never certificate content. */
static void model_dump_shows_tunnels_profiles_and_trustpoints(void **state)
{
	(void)state;
	tc_model *m = parsed("hostname R1\n"
			     "crypto pki trustpoint CA1\n"
			     " enrollment terminal\n"
			     "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n"
			     "crypto ipsec profile P\n"
			     " set transform-set TS\n"
			     " set pfs group14\n"
			     "crypto ikev2 profile IK\n"
			     " match identity remote address 192.0.2.5 255.255.255.255\n"
			     " authentication local rsa-sig\n"
			     " authentication remote rsa-sig\n"
			     " pki trustpoint CA1\n"
			     "interface Tunnel0\n"
			     " ip address 10.0.0.1 255.255.255.252\n"
			     " tunnel source 192.0.2.1\n"
			     " tunnel mode ipsec ipv4\n"
			     " tunnel destination 192.0.2.5\n"
			     " tunnel protection ipsec profile P shared\n"
			     "crypto pki certificate chain CA1\n"
			     " certificate ca 01\n"
			     "  3082C0FFEE\n"
			     "  quit\n");
	char *text = print_model(tc_render_model_text, m);
	const char *want_text[] = {
		"  tunnel interfaces:\n    Tunnel0 mode ipsec ipv4, source 192.0.2.1, destination "
		"192.0.2.5, ipsec profile P shared (line 15)\n",
		"  IPsec profiles:\n    P transform-sets TS pfs group14 (line 5)\n",
		"    ikev2 IK match 192.0.2.5/32, authentication local rsa-sig remote rsa-sig, "
		"trustpoint CA1\n",
		"  trustpoints: CA1\n",
	};
	assert_has_all(text, want_text, sizeof want_text / sizeof want_text[0]);
	assert_null(strstr(text, "C0FFEE"));
	free(text);
	char *json = squeeze(print_model(tc_render_model_json, m));
	const char *want[] = {
		"\"tunnel\":{\"mode\":\"ipsecipv4\",\"source_interface\":null,\"source\":"
		"\"192.0.2.1\",\"destination\":\"192.0.2.5\",\"ipsec_profile\":\"P\","
		"\"ipsec_profile_defined\":true,\"shared\":true,\"vrf\":null,\"line\":15}",
		"\"authentication\":{\"local\":[\"rsa-sig\"],\"remote\":[\"rsa-sig\"],"
		"\"trustpoint\":\"CA1\"}",
		"\"ipsec_profiles\":[{\"name\":\"P\",\"settings\":{\"seq\":0,",
		"\"pfs_group\":14",
		"\"trustpoints\":[\"CA1\"],\"tunnel_groups\":[]",
	};
	assert_has_all(json, want, sizeof want / sizeof want[0]);
	assert_null(strstr(json, "C0FFEE"));
	free(json);
	tc_model_free(m);
}

static void routes_json_merges_equal_cost_paths_and_nulls_what_is_absent(void **state)
{
	(void)state;
	const char *cap = "Routing Table: RED\n"
			  "S        Server1 255.255.255.255 [1/0] via 10.0.5.12, outside\n"
			  "O E2 10.1.1.0 255.255.255.0 [170/3840] via 192.168.1.2, 2w6d, outside\n"
			  "                              [170/3840] via 192.168.2.2, 2w6d, inside\n"
			  "C        192.168.1.0 255.255.255.0 is directly connected, outside\n";
	tc_model *m = tc_model_new();
	tc_device *d = tc_device_add(m, "x", TC_DIALECT_UNKNOWN);
	assert_int_equal(tc_parse_routes(m, d, "r.txt", cap, strlen(cap)), 0);
	char *json = squeeze(print_device(tc_render_routes_json, d));
	const char *want[] = {
		"\"vrf\":\"RED\"",
		"\"prefix\":\"Server1/32\",\"name\":\"Server1\"",
		"\"code\":\"OE2\",\"distance\":170,\"metric\":3840",
		"\"ip\":\"192.168.2.2\",\"interface\":\"inside\"",
		"\"code\":\"C\",\"distance\":null,\"metric\":null",
		"\"ip\":null,\"interface\":\"outside\"",
	};
	assert_has_all(json, want, sizeof want / sizeof want[0]);
	/* three routes: the second path of 10.1.1.0/24 is inside the first */
	unsigned n = 0;
	for (const char *p = json; (p = strstr(p, "\"prefix\"")); p++)
		n++;
	assert_int_equal(n, 3);
	free(json);
	char *text = print_device(tc_render_routes_text, d);
	assert_non_null(strstr(text, "3 routes, 4 paths; 5 lines, 5 understood (100.0%)"));
	free(text);
	tc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(model_dump_marks_keys_and_prints_none),
		cmocka_unit_test(model_dump_json_has_statistics_and_crypto_maps),
		cmocka_unit_test(model_dump_shows_tunnels_profiles_and_trustpoints),
		cmocka_unit_test(routes_json_merges_equal_cost_paths_and_nulls_what_is_absent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
