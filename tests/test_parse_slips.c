/* test_parse_slips.c: parser slips public configs showed (issue #17): byte-order marks, `no`
 * lines with indented lines, re-entered blocks, ASA tunnel-groups named by name, CLI prompts and
 * session wrappers, two devices in one file. Each config is our own, shaped as those were. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"
#include "model_int.h" /* tc_psk_for(): which key a peer found by address gets */
#include "parser.h"
#include "routing.h"
#include "tc_test.h"

static tc_device *parse(tc_model *m, const char *text)
{
	return parse_as(m, text, TC_DIALECT_UNKNOWN);
}

static const tc_iface *iface_of(const tc_device *d, const char *name)
{
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		if (strcmp(i->name, name) == 0)
			return i;
	fail_msg("no interface %s", name);
	return NULL;
}

static unsigned count_ifaces(const tc_device *d, const char *name)
{
	unsigned n = 0;
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		n += strcmp(i->name, name) == 0;
	return n;
}

static unsigned count_pols(const tc_device *d)
{
	unsigned n = 0;
	for (const tc_ikepol *p = d->ikepols; p; p = p->next)
		n++;
	return n;
}

/* ---- byte-order mark -------------------------------------------------------------------- */

static void utf8_bom_is_skipped(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	/* saved by a Windows editor: EF BB BF before the first line */
	tc_device *d = parse(m, "\xef\xbb\xbfhostname R1\n"
				"interface Gi0/1\n"
				" ip address 10.0.0.1 255.255.255.0\n");
	assert_string_equal(d->hostname, "R1");
	assert_int_equal(iface_of(d, "Gi0/1")->addr, ip("10.0.0.1"));
	assert_int_equal(m->unknown_lines, 0);
	assert_null(m->diags);
	/* the ASA's version banner behind a BOM still decides the dialect */
	const char *asa = "\xef\xbb\xbf"
			  "ASA Version 9.8(4)\n"
			  "hostname FW\n";
	assert_int_equal(tc_detect_dialect(asa + 3, strlen(asa) - 3), TC_DIALECT_ASA);
	d = parse(m, asa);
	assert_int_equal(d->dialect, TC_DIALECT_ASA);
	assert_string_equal(d->hostname, "FW");
	assert_int_equal(m->unknown_lines, 0);
	tc_model_free(m);
}

static void utf8_bom_in_a_routes_capture_is_skipped(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = tc_device_add(m, "r.cfg", TC_DIALECT_IOS);
	const char *text = "\xef\xbb\xbfS       10.9.0.0/16 [1/0] via 10.0.0.2\n"
			   "S       10.8.0.0/16 [1/0] via 10.0.0.2\n";
	assert_int_equal(tc_parse_routes(m, d, "r.txt", text, strlen(text)), 0);
	const tc_route *r = d->captured;
	assert_non_null(r);
	assert_int_equal(r->dst.addr, ip("10.9.0.0"));
	assert_int_equal(r->dst.len, 16);
	assert_int_equal(d->capture_stats.unknown, 0);
	assert_int_equal(m->unknown_lines, 0);
	tc_model_free(m);
}

/* ---- `no` lines ------------------------------------------------------------------------ */

static void line_indented_under_a_no_line_is_reported(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse(m, "hostname R1\n"
				"no ip http server\n"
				" ip address 10.9.9.1 255.255.255.0\n"
				"interface Gi0/1\n"
				" no ip proxy-arp\n"
				" ip address 10.0.0.1 255.255.255.0\n");
	assert_int_equal(count_code(m, "unknown-line"), 1);
	const tc_diag *g = find_code(m, "unknown-line");
	assert_int_equal(g->line, 3);
	assert_int_equal(g->col, 2);
	assert_int_equal(m->unknown_lines, 1);
	assert_int_equal(d->stats.unknown, 1);
	/* an interface's own `no` sub-command is no orphan: its next line is read */
	assert_int_equal(iface_of(d, "Gi0/1")->addr, ip("10.0.0.1"));
	tc_model_free(m);
}

/* ---- re-entered blocks ----------------------------------------------------------------- */

static void reentered_ios_blocks_merge(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse(m, "hostname R1\n"
				"crypto isakmp policy 10\n"
				" encryption aes 256\n"
				" authentication pre-share\n"
				"crypto isakmp policy 10\n"
				" group 14\n"
				"crypto ikev2 proposal P1\n"
				" encryption aes-cbc-256\n"
				"crypto ikev2 proposal P1\n"
				" integrity sha256\n"
				" group 14\n"
				"crypto map CM 10 ipsec-isakmp\n"
				" set peer 192.0.2.1\n"
				"crypto map CM 10 ipsec-isakmp\n"
				" match address 101\n"
				"interface Gi0/1\n"
				" ip address 192.0.2.2 255.255.255.0\n"
				"interface Gi0/1\n"
				" crypto map CM\n"
				"router ospf 1\n"
				" network 10.0.0.0 0.0.0.255 area 0\n"
				"router ospf 1\n"
				" passive-interface default\n");
	assert_int_equal(count_pols(d), 2);
	const tc_ikepol *p = d->ikepols;
	/* one policy 10: the first block's cipher and auth, the second's group; lifetime
	 * stays IOS's default 86400 s */
	assert_int_equal(p->prio, 10);
	assert_string_equal(p->enc, "aes-256");
	assert_string_equal(p->auth, "pre-share");
	assert_int_equal(p->group, 14);
	assert_int_equal(p->lifetime, 86400);
	assert_int_equal(p->line, 2);
	p = p->next;
	assert_string_equal(p->name, "P1");
	assert_string_equal(p->enc, "aes-256");
	assert_string_equal(p->hash, "sha256");
	assert_int_equal(p->group, 14);
	unsigned n = 0;
	for (const tc_entry *e = d->entries; e; e = e->next)
		n++;
	assert_int_equal(n, 1);
	assert_int_equal(d->entries->npeers, 1);
	assert_string_equal(d->entries->acl_name, "101");
	assert_int_equal(count_ifaces(d, "Gi0/1"), 1);
	const tc_iface *f = iface_of(d, "Gi0/1");
	assert_int_equal(f->addr, ip("192.0.2.2"));
	assert_string_equal(f->cmap, "CM");
	const tc_rproc *r = d->rt->procs;
	assert_non_null(r);
	assert_null(r->next);
	assert_int_equal(r->id, 1);
	assert_true(r->passive_default);
	assert_non_null(r->nets);
	tc_model_free(m);
}

static void reentered_ikev2_keyring_peer_merges(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse(m, "hostname R1\n"
				"crypto ikev2 keyring KR\n"
				" peer A\n"
				"  address 192.0.2.9\n"
				" peer B\n"
				"  address 192.0.2.10\n"
				"  pre-shared-key KeyB\n"
				"crypto ikev2 keyring KR\n"
				" peer A\n"
				"  pre-shared-key KeyA\n"
				" peer B\n"
				"  pre-shared-key local KeyB2\n");
	/* peer A: the address of its first block, the key of its second */
	const tc_psk *b = d->psks, *a = b ? b->next : NULL;
	assert_non_null(a);
	assert_null(a->next);
	assert_int_equal(a->peer.addr, ip("192.0.2.9"));
	assert_int_equal(a->digest, tc_secret_digest("KeyA", 4));
	assert_int_equal(a->line, 10);
	assert_string_equal(a->keyring, "KR");
	/* peer B: still one key; it now presents KeyB2 and expects KeyB */
	assert_int_equal(b->peer.addr, ip("192.0.2.10"));
	assert_int_equal(b->digest, tc_secret_digest("KeyB", 4));
	assert_true(b->has_local_digest);
	assert_int_equal(b->local_digest, tc_secret_digest("KeyB2", 5));
	tc_model_free(m);
}

static void reentered_asa_ike_policy_merges(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse(m, "ASA Version 9.8(4)\n"
				"hostname FW\n"
				"crypto ikev1 policy 10\n"
				" encryption aes-256\n"
				"crypto ikev1 policy 10\n"
				" group 14\n");
	assert_int_equal(count_pols(d), 1);
	assert_string_equal(d->ikepols->enc, "aes-256");
	assert_int_equal(d->ikepols->group, 14);
	tc_model_free(m);
}

static void reentered_asa_tunnel_group_replaces_its_key(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse(m, "ASA Version 9.8(4)\n"
				"hostname FW\n"
				"tunnel-group 192.0.2.1 type ipsec-l2l\n"
				"tunnel-group 192.0.2.1 ipsec-attributes\n"
				" ikev1 pre-shared-key OldKey\n"
				"tunnel-group 192.0.2.1 ipsec-attributes\n"
				" ikev1 pre-shared-key NewKey\n");
	/* the ASA keeps one key per tunnel-group: the later line replaces it */
	assert_non_null(d->psks);
	assert_null(d->psks->next);
	assert_int_equal(d->psks->digest, tc_secret_digest("NewKey", 6));
	assert_int_equal(d->psks->line, 7);
	tc_model_free(m);
}

/* ---- tunnel-groups named by name ------------------------------------------------------- */

static void asa_named_l2l_tunnel_group_keeps_its_key(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse(m, "ASA Version 9.8(4)\n"
				"hostname FW\n"
				"tunnel-group 192.0.2.1 type ipsec-l2l\n"
				"tunnel-group 192.0.2.1 ipsec-attributes\n"
				" ikev1 pre-shared-key KeyA\n"
				"tunnel-group BRANCH type ipsec-l2l\n"
				"tunnel-group BRANCH ipsec-attributes\n"
				" ikev1 pre-shared-key KeyB\n"
				" ikev2 remote-authentication pre-shared-key KeyC\n"
				"tunnel-group RA type remote-access\n"
				"tunnel-group RA ipsec-attributes\n"
				" ikev1 pre-shared-key KeyD\n");
	const tc_psk *k = d->psks;
	assert_non_null(k);
	assert_null(k->peer_name);
	k = k->next;
	assert_non_null(k);
	assert_string_equal(k->peer_name, "BRANCH");
	assert_int_equal(k->peer.addr, 0);
	assert_int_equal(k->peer.len, 32);
	assert_int_equal(k->ike_version, 1);
	k = k->next;
	assert_non_null(k);
	assert_string_equal(k->peer_name, "BRANCH");
	assert_int_equal(k->ike_version, 2);
	assert_null(k->next); /* the remote-access group's key is no site-to-site key */
	assert_int_equal(count_code(m, "tunnel-group-by-name"), 1);
	assert_int_equal(find_code(m, "tunnel-group-by-name")->line, 8);
	/* a peer found by address never gets the named group's key */
	assert_ptr_equal(tc_psk_for(d, ip("192.0.2.1"), 1), d->psks);
	assert_null(tc_psk_for(d, ip("192.0.2.7"), 1));
	for (const tc_diag *g = m->diags; g; g = g->next)
		assert_null(strstr(g->text ? g->text : "", "KeyB"));
	tc_model_free(m);
}

/* ---- CLI prompts and session wrappers -------------------------------------------------- */

static void cli_prompts_and_wrappers_are_skipped(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse(m, "R1#show running-config\n"
				"Building configuration...\n"
				"\n"
				"Current configuration : 1234 bytes\n"
				"!\n"
				"hostname R1\n"
				"end\n"
				"\n"
				"R1#configure terminal\n"
				"R1(config)#interface Gi0/2\n"
				"R1(config-if)# ip address 10.1.0.1 255.255.255.0\n"
				"R1(config-if)#exit\n"
				"R1(config)#end\n"
				"R1#write memory\n"
				"R1#copy run start\n"
				"wr\n"
				"sh run\n"
				"R1#\n"
				"R1/pri/act(config)#interface Gi0/3\n"
				"R1/pri/act(config-if)#ip address 10.4.0.1 255.255.255.0\n");
	assert_int_equal(m->unknown_lines, 0);
	assert_null(m->diags);
	assert_string_equal(d->hostname, "R1");
	assert_int_equal(iface_of(d, "Gi0/2")->addr, ip("10.1.0.1"));
	assert_int_equal(iface_of(d, "Gi0/3")->addr, ip("10.4.0.1")); /* an ASA pair's prompt */
	/* modelled: hostname, two interfaces with their ip address, and the sub-mode's exit (which closes
	 * the interface block, as an indented ` exit` does); the 11 others are skipped
	 * wrappers and exec commands (the `!` line and blank lines are not counted) */
	assert_int_equal(d->stats.modelled, 6);
	assert_int_equal(d->stats.skipped, 11);
	tc_model_free(m);
}

/* ---- two devices in one file ----------------------------------------------------------- */

static void two_configs_in_one_file_are_two_devices(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = parse(m, "hostname R1\n"
				"interface Gi0/1\n"
				" ip address 10.0.0.1 255.255.255.0\n"
				"end\n"
				"hostname R2\n"
				"interface Gi0/1\n"
				" ip address 10.0.0.2 255.255.255.0\n");
	assert_string_equal(d->hostname, "R1");
	assert_int_equal(iface_of(d, "Gi0/1")->addr, ip("10.0.0.1"));
	const tc_device *d2 = d->next;
	assert_non_null(d2);
	assert_null(d2->next);
	assert_string_equal(d2->hostname, "R2");
	assert_string_equal(d2->file, "t.cfg");
	assert_int_equal(iface_of(d2, "Gi0/1")->addr, ip("10.0.0.2"));
	assert_int_equal(d->stats.lines, 4);
	assert_int_equal(d2->stats.lines, 3);
	assert_int_equal(count_code(m, "second-device"), 1);
	const tc_diag *g = find_code(m, "second-device");
	assert_string_equal(g->file, "t.cfg");
	assert_int_equal(g->line, 5);
	assert_int_equal(g->sev, TC_SEV_NOTE);
	tc_model_free(m);
}

static void hostname_set_twice_is_one_device(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	/* the same name again, and a rename with nothing between: one device */
	tc_device *d = parse(m, "hostname R1\n"
				"interface Gi0/1\n"
				" ip address 10.0.0.1 255.255.255.0\n"
				"hostname R1\n"
				"hostname R9\n"
				"hostname R1\n");
	assert_null(d->next);
	assert_string_equal(d->hostname, "R1");
	assert_int_equal(count_code(m, "second-device"), 0);
	tc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_bom_is_skipped),
		cmocka_unit_test(utf8_bom_in_a_routes_capture_is_skipped),
		cmocka_unit_test(line_indented_under_a_no_line_is_reported),
		cmocka_unit_test(reentered_ios_blocks_merge),
		cmocka_unit_test(reentered_ikev2_keyring_peer_merges),
		cmocka_unit_test(reentered_asa_ike_policy_merges),
		cmocka_unit_test(reentered_asa_tunnel_group_replaces_its_key),
		cmocka_unit_test(asa_named_l2l_tunnel_group_keeps_its_key),
		cmocka_unit_test(cli_prompts_and_wrappers_are_skipped),
		cmocka_unit_test(two_configs_in_one_file_are_two_devices),
		cmocka_unit_test(hostname_set_twice_is_one_device),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
