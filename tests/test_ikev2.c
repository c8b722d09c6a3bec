/* test_ikev2.c: IKEv2 profiles, keyrings and policies (issue #17): which profile of a
 * responder answers an initiator, which keys then serve, which proposals a policy offers, and
 * the ASA's tunnel-groups named as the peer's identity. Configs are our own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"
#include "model_int.h" /* tc_ike_auth(), tc_ikev2_profile_answering() */
#include "parser.h"
#include "tc_test.h"

/* An IOS router at addr (Gi0/0, global table unless vrf) initiating to peer with crypto map
 * entry CM 10 naming IKEv2 profile prof; body holds its keyrings and profiles. */
static tc_device *ios(tc_model *m, const char *name, const char *addr, const char *peer,
		      const char *prof, const char *body)
{
	char text[4096];
	snprintf(text, sizeof text,
		 "hostname %s\n"
		 "crypto ikev2 proposal PROP\n encryption aes-cbc-256\n integrity sha256\n"
		 " group 14\n"
		 "crypto ikev2 policy POL\n proposal PROP\n"
		 "%s"
		 "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n"
		 "crypto map CM 10 ipsec-isakmp\n set peer %s\n set transform-set TS\n"
		 " set ikev2-profile %s\n match address ACL\n"
		 "interface GigabitEthernet0/0\n ip address %s 255.255.255.0\n crypto map CM\n"
		 "ip access-list extended ACL\n permit ip 10.0.0.0 0.0.0.255 10.1.0.0 0.0.0.255\n",
		 name, body, peer, prof, addr);
	return parse_as(m, text, TC_DIALECT_IOS);
}

/* The hub of the tests: one profile per spoke, selected by identity (the sample
 * ikev2-profiles' hub, shortened). */
static const char hub_body[] = "crypto ikev2 keyring KR1\n"
			       " peer S1\n  address 192.0.2.11\n  identity fqdn s1.example.com\n"
			       "  pre-shared-key Key-1\n"
			       "crypto ikev2 keyring KR2\n"
			       " peer S2\n  identity fqdn s2.example.com\n"
			       "  pre-shared-key Key-2\n"
			       "crypto ikev2 profile P1\n"
			       " match identity remote fqdn s1.example.com\n"
			       " authentication local pre-share\n authentication remote pre-share\n"
			       " keyring local KR1\n"
			       "crypto ikev2 profile P2\n"
			       " match identity remote fqdn s2.example.com\n"
			       " match identity remote address 192.0.2.99 255.255.255.255\n"
			       " authentication local pre-share\n authentication remote pre-share\n"
			       " keyring local KR2\n";

/* A spoke presenting identity `id` (NULL: none said, so its address) with key `key` for the
 * hub at 192.0.2.1. */
static tc_device *spoke(tc_model *m, const char *name, const char *addr, const char *id,
			const char *key)
{
	char body[1024];
	snprintf(
		body, sizeof body,
		"crypto ikev2 keyring KR\n peer HUB\n  address 192.0.2.1\n"
		"  pre-shared-key %s\n"
		"crypto ikev2 profile HUB\n match identity remote address 192.0.2.1 255.255.255.255\n"
		"%s%s%s"
		" authentication local pre-share\n authentication remote pre-share\n"
		" keyring local KR\n",
		key, id ? " identity local " : "", id ? id : "", id ? "\n" : "");
	return ios(m, name, addr, "192.0.2.1", "HUB", body);
}

static tc_ikeid fqdn(const char *name)
{
	return (tc_ikeid){.kind = TC_ID_FQDN, .name = name};
}

static void profile_selected_by_fqdn_and_address(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *hub = ios(m, "HUB", "192.0.2.1", "192.0.2.11", "P1", hub_body);
	assert_int_equal(tc_model_finalize(m), 0);
	/* Cisco IKEv2 guide: the responder selects the profile whose `match identity remote`
	 * matches the identity the initiator sends */
	tc_ikeid s1 = fqdn("S1.Example.COM"), s2 = fqdn("s2.example.com"),
		 s3 = fqdn("s3.example.com");
	assert_string_equal(tc_ikev2_profile_answering(hub, &s1, NULL)->name, "P1");
	assert_string_equal(tc_ikev2_profile_answering(hub, &s2, NULL)->name, "P2");
	assert_null(tc_ikev2_profile_answering(hub, &s3, NULL));
	tc_ikeid a = {.kind = TC_ID_ADDRESS, .addr = tc_prefix_make(ip("192.0.2.99"), 32)};
	assert_string_equal(tc_ikev2_profile_answering(hub, &a, NULL)->name, "P2");
	a.addr = tc_prefix_make(ip("192.0.2.11"), 32); /* an address identity is no fqdn */
	assert_null(tc_ikev2_profile_answering(hub, &a, NULL));
	tc_model_free(m);
}

static void identity_any_domain_and_fvrf(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d =
		ios(m, "R", "192.0.2.1", "192.0.2.2", "BLUE",
		    "crypto ikev2 profile BLUE\n match fvrf BLUE\n"
		    " match identity remote any\n"
		    "crypto ikev2 profile DOM\n match identity remote fqdn domain example.com\n"
		    "crypto ikev2 profile ANYVRF\n match fvrf any\n"
		    " match identity remote email ops@example.net\n");
	assert_int_equal(tc_model_finalize(m), 0);
	tc_ikeid r1 = fqdn("r1.example.com"), other = fqdn("r1.example.org");
	tc_ikeid notdom = fqdn("r1.badexample.com");
	tc_ikeid mail = {.kind = TC_ID_EMAIL, .name = "ops@example.net"};
	/* `match fvrf BLUE` takes requests arriving in BLUE only; a profile without match fvrf
	 * the global table only; `match fvrf any` both */
	assert_string_equal(tc_ikev2_profile_answering(d, &other, "BLUE")->name, "BLUE");
	assert_null(tc_ikev2_profile_answering(d, &other, NULL));
	assert_string_equal(tc_ikev2_profile_answering(d, &r1, NULL)->name, "DOM");
	assert_null(tc_ikev2_profile_answering(d, &notdom, NULL)); /* a label, not a suffix */
	assert_null(tc_ikev2_profile_answering(d, &r1, "RED"));
	assert_string_equal(tc_ikev2_profile_answering(d, &mail, "RED")->name, "ANYVRF");
	tc_model_free(m);
}

static void responder_keys_come_from_the_selected_profile(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *hub = ios(m, "HUB", "192.0.2.1", "192.0.2.11", "P1", hub_body);
	tc_device *s1 = spoke(m, "S1", "192.0.2.11", "fqdn s1.example.com", "Key-1");
	tc_device *s2 = spoke(m, "S2", "192.0.2.12", "fqdn s2.example.com", "Key-2");
	tc_device *s3 = spoke(m, "S3", "192.0.2.13", "fqdn s3.example.com", "Key-2");
	tc_device *s4 = spoke(m, "S4", "192.0.2.12", NULL, "Key-2");
	assert_int_equal(tc_model_finalize(m), 0);
	tc_authcheck ac;
	/* S2's key is found by its identity in KR2 (the keyring peer has no address) */
	assert_true(tc_ike_auth(&ac, s2, s2->entries, ip("192.0.2.12"), hub, ip("192.0.2.1"), 2));
	assert_non_null(ac.kb);
	assert_string_equal(ac.kb->keyring, "KR2");
	assert_true(tc_ike_auth(&ac, s1, s1->entries, ip("192.0.2.11"), hub, ip("192.0.2.1"), 2));
	assert_string_equal(ac.kb->keyring, "KR1");
	/* S3: no profile of the hub matches s3.example.com */
	assert_false(tc_ike_auth(&ac, s3, s3->entries, ip("192.0.2.13"), hub, ip("192.0.2.1"), 2));
	assert_true(ac.b_no_profile);
	assert_false(ac.b_no_key);
	char buf[64];
	assert_string_equal(tc_ikeid_str(buf, sizeof buf, &ac.a_id), "fqdn s3.example.com");
	/* S4 says no identity: it presents its address, which no profile matches */
	assert_false(tc_ike_auth(&ac, s4, s4->entries, ip("192.0.2.12"), hub, ip("192.0.2.1"), 2));
	assert_true(ac.b_no_profile);
	assert_string_equal(tc_ikeid_str(buf, sizeof buf, &ac.a_id), "address 192.0.2.12");
	/* the hub initiating looks its keyring up by address: KR1 has S1's, KR2 none */
	assert_true(tc_ike_auth(&ac, hub, hub->entries, ip("192.0.2.1"), s1, ip("192.0.2.11"), 2));
	tc_model_free(m);
}

static void keyring_identity_key_differs(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *hub = ios(m, "HUB", "192.0.2.1", "192.0.2.11", "P1", hub_body);
	tc_device *s2 = spoke(m, "S2", "192.0.2.12", "fqdn s2.example.com", "Not-Key-2");
	assert_int_equal(tc_model_finalize(m), 0);
	tc_authcheck ac;
	assert_false(tc_ike_auth(&ac, s2, s2->entries, ip("192.0.2.12"), hub, ip("192.0.2.1"), 2));
	assert_false(ac.b_no_profile);
	assert_true(ac.keys_differ);
	tc_model_free(m);
}

static const char asa_text[] = "ASA Version 9.16(1)\n"
			       "hostname FW\n"
			       "interface GigabitEthernet0/0\n nameif outside\n"
			       " ip address 192.0.2.1 255.255.255.0\n"
			       "crypto ikev2 policy 10\n encryption aes-256 aes-192\n"
			       " integrity sha384 sha256\n group 21 19 14\n prf sha256\n"
			       "crypto ikev2 enable outside\n"
			       "tunnel-group r1.example.com type ipsec-l2l\n"
			       "tunnel-group r1.example.com ipsec-attributes\n"
			       " ikev2 remote-authentication pre-shared-key Key-R1\n"
			       " ikev2 local-authentication pre-shared-key Key-R1\n";

static void asa_named_tunnel_group_answers_the_identity(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *fw = parse_as(m, asa_text, TC_DIALECT_ASA);
	char body[512];
	snprintf(
		body, sizeof body,
		"crypto ikev2 keyring KR\n peer FW\n  address 192.0.2.1\n"
		"  pre-shared-key Key-R1\n"
		"crypto ikev2 profile FW\n match identity remote address 192.0.2.1 255.255.255.255\n"
		" identity local fqdn %s\n keyring local KR\n",
		"r1.example.com");
	tc_device *r1 = ios(m, "R1", "192.0.2.2", "192.0.2.1", "FW", body);
	snprintf(
		body, sizeof body,
		"crypto ikev2 keyring KR\n peer FW\n  address 192.0.2.1\n"
		"  pre-shared-key Key-R1\n"
		"crypto ikev2 profile FW\n match identity remote address 192.0.2.1 255.255.255.255\n"
		" keyring local KR\n");
	tc_device *r2 = ios(m, "R2", "192.0.2.3", "192.0.2.1", "FW", body);
	assert_int_equal(tc_model_finalize(m), 0);
	/* ASA `crypto ikev2 policy` lists several values per line: aes-192 and group 14 are
	 * offered after the preferred aes-256, group 21 */
	const tc_ikepol *p = fw->ikepols;
	assert_string_equal(p->enc, "aes-256");
	assert_string_equal(p->enc_more[0], "aes-192");
	assert_null(p->enc_more[1]);
	assert_string_equal(p->hash, "sha384");
	assert_string_equal(p->hash_more[0], "sha256");
	assert_int_equal(p->group, 21);
	assert_int_equal(p->group_more, (1u << 19) | (1u << 14));
	tc_authcheck ac;
	/* R1 presents fqdn r1.example.com: the group of that name serves it; R1 offers
	 * aes-256, sha256, group 14, each listed by the ASA's policy */
	assert_true(tc_ike_auth(&ac, r1, r1->entries, ip("192.0.2.2"), fw, ip("192.0.2.1"), 2));
	assert_non_null(ac.kb);
	assert_string_equal(ac.kb->peer_name, "r1.example.com");
	/* R2 presents its address: no tunnel-group of the ASA has it */
	assert_false(tc_ike_auth(&ac, r2, r2->entries, ip("192.0.2.3"), fw, ip("192.0.2.1"), 2));
	assert_true(ac.b_no_key);
	assert_null(ac.kb);
	tc_model_free(m);
}

/* A hub whose IKEv2 profiles are matched by certificate maps, which tunnelcast does not read:
 * the profile serving a peer is that of the first entry (by map and sequence) listing it
 * (profile_for; finalize indexes the entries by peer). */
static void certificate_matched_profile_from_first_entry_listing_peer(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	static const char body[] =
		"crypto ikev2 keyring KR1\n peer S\n  address 192.0.2.11\n  pre-shared-key Key-1\n"
		"crypto ikev2 keyring KR2\n peer S\n  address 192.0.2.11\n  pre-shared-key Key-2\n"
		"crypto ikev2 profile P1\n match certificate CM1\n"
		" authentication local pre-share\n authentication remote pre-share\n"
		" keyring local KR1\n"
		"crypto ikev2 profile P2\n match certificate CM2\n"
		" authentication local pre-share\n authentication remote pre-share\n"
		" keyring local KR2\n"
		"crypto map CM 5 ipsec-isakmp\n set peer 192.0.2.11\n set transform-set TS\n"
		" set ikev2-profile P2\n match address ACL\n";
	tc_device *hub = ios(m, "HUB", "192.0.2.1", "192.0.2.11", "P1", body);
	tc_device *s = spoke(m, "S", "192.0.2.11", NULL, "Key-2");
	assert_int_equal(tc_model_finalize(m), 0);
	tc_authcheck ac;
	/* CM 5 (P2, keyring KR2) comes before CM 10 (P1): S's Key-2 is the hub's key */
	assert_true(tc_ike_auth(&ac, s, s->entries, ip("192.0.2.11"), hub, ip("192.0.2.1"), 2));
	assert_non_null(ac.kb);
	assert_string_equal(ac.kb->keyring, "KR2");
	assert_false(ac.keys_differ);
	tc_model_free(m);
}

static void asa_line_replaces_ios_lines_add_up(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	/* ASA: `encryption` holds the whole list, so a second line (a block entered again)
	 * replaces it; IOS proposal lines add to the list, the first value staying preferred */
	tc_device *fw =
		parse_as(m,
			 "ASA Version 9.16(1)\nhostname FW\n"
			 "crypto ikev2 policy 10\n encryption aes-256 aes-192\n group 21 19\n"
			 "crypto ikev2 policy 10\n encryption aes\n group 14\n",
			 TC_DIALECT_ASA);
	assert_string_equal(fw->ikepols->enc, "aes-128");
	assert_null(fw->ikepols->enc_more[0]);
	assert_int_equal(fw->ikepols->group, 14);
	assert_int_equal(fw->ikepols->group_more, 0);
	tc_device *r =
		parse_as(m,
			 "hostname R\ncrypto ikev2 proposal P\n encryption aes-cbc-256\n"
			 " encryption aes-cbc-128 aes-cbc-256\n integrity sha256\n group 14\n",
			 TC_DIALECT_IOS);
	assert_string_equal(r->ikepols->enc, "aes-256");
	assert_string_equal(r->ikepols->enc_more[0], "aes-128");
	assert_null(r->ikepols->enc_more[1]);
	tc_model_free(m);
}

static void ikev2_policy_restricts_proposals_by_local_address(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	/* POL2 names the proposal PROP2 (aes-128) for 192.0.2.1 only: on that address the
	 * router offers PROP2 alone (IOS picks the policy matching the local address) */
	const char *extra =
		"crypto ikev2 proposal PROP2\n encryption aes-cbc-128\n"
		" integrity sha256\n group 14\n"
		"crypto ikev2 policy POL2\n match address local 192.0.2.1\n"
		" proposal PROP2\n"
		"crypto ikev2 keyring KR\n peer B\n  address 192.0.2.2\n"
		"  pre-shared-key K\n"
		"crypto ikev2 profile B\n match identity remote address 192.0.2.2 255.255.255.255\n"
		" keyring local KR\n";
	tc_device *a = ios(m, "A", "192.0.2.1", "192.0.2.2", "B", extra);
	tc_device *b = spoke(m, "B", "192.0.2.2", NULL, "K");
	assert_int_equal(tc_model_finalize(m), 0);
	tc_authcheck ac;
	assert_false(tc_ike_auth(&ac, b, b->entries, ip("192.0.2.2"), a, ip("192.0.2.1"), 2));
	assert_false(ac.b_no_profile);
	assert_true(ac.no_policy);
	tc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(profile_selected_by_fqdn_and_address),
		cmocka_unit_test(identity_any_domain_and_fvrf),
		cmocka_unit_test(responder_keys_come_from_the_selected_profile),
		cmocka_unit_test(keyring_identity_key_differs),
		cmocka_unit_test(asa_named_tunnel_group_answers_the_identity),
		cmocka_unit_test(certificate_matched_profile_from_first_entry_listing_peer),
		cmocka_unit_test(asa_line_replaces_ios_lines_add_up),
		cmocka_unit_test(ikev2_policy_restricts_proposals_by_local_address),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
