/* test_model.c: addresses, arena, FIB longest-prefix match, links and the lookup indexes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "model_int.h" /* tc_psk_for(), whose index is tested against its scan; tc_ike_auth() */

static uint32_t IP(const char *s)
{
	uint32_t ip;
	assert_int_equal(tc_ip_parse(&ip, s, strlen(s)), 0);
	return ip;
}

static void ip_parse_rejects_malformed_addresses(void **state)
{
	(void)state;
	uint32_t ip;
	const char *bad[] = {"",	 "1.2.3",   "1.2.3.4.5", "256.1.1.1",
			     "1.2.3.4 ", "a.b.c.d", "1..2.3",	 "1.2.3.0004"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(tc_ip_parse(&ip, bad[i], strlen(bad[i])), TC_EPARSE);
	assert_int_equal(tc_ip_parse(&ip, "195.160.0.1", 11), 0);
	assert_int_equal(ip, 0xC3A00001u);
}

/* The one dotted-quad rule (model/addr.c), which the parsers' hot paths call too: IOS and
 * ASA take four decimal octets of at most 3 digits, each 0..255, separated by single dots.
 * Leading zeros are read as decimal ("010" is 10), as the parser always read them; a word
 * cut short by its length (s, n) is read only to n. */
static void ip_parse_edge_cases(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n; /* 0: strlen(s) */
		int rc;
		uint32_t ip;
	} cases[] = {
		{"255.255.255.255", 0, 0, 0xffffffffu}, /* max length, 15 */
		{"0.0.0.0", 0, 0, 0},			/* min length, 7 */
		{"256.0.0.0", 0, TC_EPARSE, 0},		/* an octet over 255 */
		{"0.0.0.256", 0, TC_EPARSE, 0},
		{"1.2.300.4", 0, TC_EPARSE, 0},
		{"199.255.250.251", 0, 0, 0xc7fffafbu},
		{"010.001.000.099", 0, 0, 0x0a010063u}, /* leading zeros: decimal */
		{"0010.1.1.1", 0, TC_EPARSE, 0},	/* 4 digits, even when <= 255 */
		{"1.1.1.0255", 0, TC_EPARSE, 0},
		{"1.2.3", 0, TC_EPARSE, 0}, /* missing octets */
		{"1.2.3.", 0, TC_EPARSE, 0},
		{".1.2.3.4", 0, TC_EPARSE, 0},
		{"1..2.3.4", 0, TC_EPARSE, 0},
		{"1.2.3.4.", 0, TC_EPARSE, 0}, /* trailing garbage */
		{"1.2.3.4x", 0, TC_EPARSE, 0},
		{"1.2.3.4/24", 0, TC_EPARSE, 0},
		{"1.2.3.4 ", 0, TC_EPARSE, 0},
		{"10.1.1.1\0", 9, TC_EPARSE, 0},
		{"1.2.3.-4", 0, TC_EPARSE, 0},
		{"1.2.3.+4", 0, TC_EPARSE, 0},
		{"1.2.3.4.5", 0, TC_EPARSE, 0},
		{"255.255.255.2550", 0, TC_EPARSE, 0},	      /* 16 bytes: over the longest */
		{"10.20.30.40 trailing", 11, 0, 0x0a141e28u}, /* only n bytes are read */
		{"10.20.30.40", 10, 0, 0x0a141e04u},	      /* "10.20.30.4" */
		{"1.2.3.45", 7, 0, 0x01020304u},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t ip = 0x5a5a5a5au;
		size_t n = cases[i].n ? cases[i].n : strlen(cases[i].s);
		int rc = tc_ip_parse(&ip, cases[i].s, n);
		if (rc != cases[i].rc || (rc == 0 && ip != cases[i].ip))
			fail_msg("\"%.*s\": rc %d ip %08x", (int)n, cases[i].s, rc, ip);
		if (rc != 0)
			assert_int_equal(ip, 0x5a5a5a5au); /* untouched when refused */
	}
}

static void masks_and_wildcards_become_lengths(void **state)
{
	(void)state;
	uint8_t len;
	assert_int_equal(tc_mask_to_len(&len, IP("255.255.255.192")), 0);
	assert_int_equal(len, 26);
	assert_int_equal(tc_wildcard_to_len(&len, IP("0.0.0.63")), 0);
	assert_int_equal(len, 26);
	assert_int_equal(tc_mask_to_len(&len, 0), 0);
	assert_int_equal(len, 0);
	/* non-contiguous masks are refused, not silently rounded */
	assert_int_equal(tc_mask_to_len(&len, IP("255.0.255.0")), TC_EPARSE);
	assert_int_equal(tc_wildcard_to_len(&len, IP("0.0.255.0")), TC_EPARSE);
}

static void prefix_parse_clears_host_bits_and_formats_back(void **state)
{
	(void)state;
	tc_prefix p;
	char buf[TC_PREFIX_STRLEN];
	assert_int_equal(tc_prefix_parse(&p, "10.26.241.77/24", 15), 0);
	assert_string_equal(tc_prefix_format(buf, sizeof buf, p), "10.26.241.0/24");
	assert_int_equal(tc_prefix_parse(&p, "10.0.0.1/33", 11), TC_EPARSE);
	assert_int_equal(tc_prefix_parse(&p, "10.0.0.1", 8), 0);
	assert_int_equal(p.len, 32);
	tc_prefix outer = tc_prefix_make(IP("195.160.0.0"), 24),
		  inner = tc_prefix_make(IP("195.160.0.0"), 26);
	assert_true(tc_prefix_contains(outer, inner));
	assert_false(tc_prefix_contains(inner, outer));
	assert_true(tc_prefix_overlaps(inner, outer));
	assert_int_equal(tc_prefix_host(inner), IP("195.160.0.1"));
}

static void formatting_matches_snprintf_and_truncates_like_it(void **state)
{
	(void)state;
	char a[TC_PREFIX_STRLEN], b[48];
	uint32_t x = 0x9e3779b9u;
	for (unsigned k = 0; k < 20000; k++) {
		uint32_t ip = k < 256 ? k * 0x01010101u : (x = x * 1664525u + 1013904223u);
		snprintf(b, sizeof b, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255,
			 ip & 255);
		assert_string_equal(tc_ip_format(a, sizeof a, ip), b);
		tc_prefix p = tc_prefix_make(ip, (uint8_t)(k % 33));
		snprintf(b, sizeof b, "%u.%u.%u.%u/%u", p.addr >> 24, (p.addr >> 16) & 255,
			 (p.addr >> 8) & 255, p.addr & 255, (unsigned)p.len);
		assert_string_equal(tc_prefix_format(a, sizeof a, p), b);
	}
	assert_string_equal(tc_ip_format(a, 6, 0xC3A00001u), "195.1"); /* truncated as snprintf */
	assert_string_equal(tc_prefix_format(a, 1, tc_prefix_make(0, 0)), "");
	a[0] = 'x';
	tc_ip_format(a, 0, 1); /* n == 0 writes nothing */
	assert_int_equal(a[0], 'x');
}

static void arena_strings_survive_until_free(void **state)
{
	(void)state;
	tc_arena *a = tc_arena_new();
	char *s = NULL;
	for (int i = 0; i < 20000; i++) /* forces several blocks */
		s = tc_arena_printf(a, "line %d", i);
	assert_string_equal(s, "line 19999");
	char *big = tc_arena_alloc(a, 1 << 20);
	big[(1 << 20) - 1] = 'x';
	assert_string_equal(tc_arena_strndup(a, "abcdef", 3), "abc");
	tc_arena_reset(a);
	assert_string_equal(tc_arena_strdup(a, "again"), "again");
	/* printf fills blocks to the brim and past: every string stays intact */
	char *v[3000];
	static char pad[200000];
	memset(pad, 'p', sizeof pad - 1);
	for (int i = 0; i < 3000; i++)
		v[i] = tc_arena_printf(a, "%d:%.*s", i, i % 7 == 0 ? 70000 + i : i % 300, pad);
	for (int i = 0; i < 3000; i++) {
		char head[16];
		int n = snprintf(head, sizeof head, "%d:", i);
		assert_memory_equal(v[i], head, (size_t)n);
		assert_int_equal(strlen(v[i]),
				 (size_t)n + (size_t)(i % 7 == 0 ? 70000 + i : i % 300));
	}
	tc_arena_free(a);
}

static tc_device *device(tc_model *m, const char *name)
{
	tc_device *d = tc_device_add(m, name, TC_DIALECT_IOS);
	d->hostname = tc_arena_strdup(m->arena, name);
	return d;
}

static tc_iface *iface(tc_model *m, tc_device *d, const char *name, const char *ip, uint8_t len)
{
	tc_iface *i = tc_iface_add(m, d, name);
	i->addr = IP(ip);
	i->plen = len;
	i->has_addr = true;
	return i;
}

/* Interfaces named as the IOS command line reads them: a prefix of the type, the same number
 * (IOS accepts any unique abbreviation: Gi0/2, Te1, Tu1; T1 fits two types and is refused). */
static void iface_abbreviations_resolve_as_ios_reads_them(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "R1");
	tc_iface *g2 = tc_iface_add(m, d, "GigabitEthernet0/2");
	tc_iface *g20 = tc_iface_add(m, d, "GigabitEthernet0/20");
	tc_iface *te = tc_iface_add(m, d, "TenGigabitEthernet1");
	tc_iface *tu = tc_iface_add(m, d, "Tunnel1");
	bool amb;
	assert_ptr_equal(tc_iface_abbrev(d, "GigabitEthernet0/2", &amb), g2);
	assert_ptr_equal(tc_iface_abbrev(d, "gigabitethernet0/2", &amb), g2);
	assert_ptr_equal(tc_iface_abbrev(d, "Gi0/2", &amb), g2);
	assert_ptr_equal(tc_iface_abbrev(d, "gi 0/2", &amb), g2);
	assert_ptr_equal(tc_iface_abbrev(d, "G0/20", &amb), g20);
	assert_ptr_equal(tc_iface_abbrev(d, "Te1", &amb), te);
	assert_ptr_equal(tc_iface_abbrev(d, "tu1", &amb), tu);
	assert_false(amb);
	assert_null(tc_iface_abbrev(d, "T1", &amb));
	assert_true(amb);
	assert_null(tc_iface_abbrev(d, "Gi0/3", &amb));
	assert_false(amb);
	assert_null(tc_iface_abbrev(d, "Fa0/2", &amb));
	assert_null(tc_iface_abbrev(d, "0/2", &amb)); /* a number alone names no type */
	assert_null(tc_iface_abbrev(d, "Gi", &amb));
	tc_model_free(m);
}

static tc_psk *psk(tc_model *m, tc_device *d, const char *peer, unsigned version, unsigned line)
{
	tc_psk *k = tc_psk_add(m, d);
	assert_int_equal(tc_prefix_parse(&k->peer, peer, strlen(peer)), 0);
	k->ike_version = version;
	k->line = line;
	return k;
}

/* The key for a peer: the longest prefix holding it that serves the IKE
 * version, the first in the config among equals; the same before finalize
 * (a scan of the list) and after (host keys by address, the others scanned). */
static void psk_lookup_after_finalize_agrees_with_the_scan(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "HUB");
	psk(m, d, "0.0.0.0/0", 0, 1);
	psk(m, d, "10.0.0.0/8", 1, 2);
	psk(m, d, "10.1.1.1/32", 2, 3);
	psk(m, d, "10.1.1.1/32", 1, 4);
	psk(m, d, "10.1.1.1/32", 0, 5);
	psk(m, d, "10.9.0.0/16", 0, 6);
	psk(m, d, "10.9.0.0/16", 0, 7);
	for (unsigned i = 0; i < 300; i++) { /* many host keys, in no order */
		char a[32];
		snprintf(a, sizeof a, "172.16.%u.%u/32", (i * 37) % 256, (i * 11) % 7);
		psk(m, d, a, i % 3, 100 + i);
	}
	static const struct {
		const char *peer;
		unsigned version, line;
	} want[] = {
		{"10.1.1.1", 1, 4}, {"10.1.1.1", 2, 3},	     {"10.1.1.1", 0, 3},
		{"10.2.2.2", 1, 2}, {"10.2.2.2", 2, 1},	     {"11.0.0.1", 1, 1},
		{"10.9.3.3", 2, 6}, {"172.16.37.4", 1, 101}, {"172.16.37.4", 2, 1},
	};
	uint32_t peers[sizeof want / sizeof want[0] + 300];
	unsigned versions[sizeof peers / sizeof peers[0]], before[sizeof peers / sizeof peers[0]];
	size_t n = 0;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++, n++) {
		assert_int_equal(tc_ip_parse(&peers[n], want[i].peer, strlen(want[i].peer)), 0);
		versions[n] = want[i].version;
	}
	for (unsigned i = 0; i < 300; i++, n++) {
		peers[n] = (172u << 24 | 16u << 16) | ((i * 53) % 256) << 8 | (i % 9);
		versions[n] = i % 3;
	}
	for (size_t i = 0; i < n; i++) {
		const tc_psk *k = tc_psk_for(d, peers[i], versions[i]);
		before[i] = k ? k->line : 0;
	}
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(before[i], want[i].line);
	assert_int_equal(tc_model_finalize(m), 0);
	for (size_t i = 0; i < n; i++) {
		const tc_psk *k = tc_psk_for(d, peers[i], versions[i]);
		assert_int_equal(k ? k->line : 0, before[i]);
	}
	tc_model_free(m);
}

static tc_route *route(tc_model *m, tc_device *d, const char *net, uint8_t len, const char *nh,
		       unsigned ad)
{
	tc_route *r = tc_route_add(m, d, TC_RT_STATIC);
	r->dst = tc_prefix_make(IP(net), len);
	r->nh = IP(nh);
	r->has_nh = true;
	r->distance = ad;
	return r;
}

/* A device's route lists keep their order across the chunks they are stored in, each list
 * apart, whatever the interleaving of the additions. */
static void route_lists_keep_their_order(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "R1");
	for (unsigned k = 1; k <= 1000; k++) {
		tc_route *r = k % 3   ? tc_route_add(m, d, TC_RT_STATIC)
			      : k % 2 ? tc_route_add_held(m, d, TC_RT_STATIC)
				      : tc_route_add(m, d, TC_RT_CAPTURED);
		assert_int_equal(r->distance, 1);
		assert_non_null(r->attr);
		r->line = k;
	}
	const tc_route *lists[] = {d->routes, d->held, d->captured};
	unsigned n[3] = {0};
	for (unsigned l = 0; l < 3; l++) {
		unsigned last = 0;
		for (const tc_route *r = lists[l]; r; r = tc_route_next(r), n[l]++) {
			assert_true(r->line > last);
			assert_int_equal(r->line % 3 ? 0 : r->line % 2 ? 1 : 2, l);
			last = r->line;
		}
	}
	assert_int_equal(n[0], 667);
	assert_int_equal(n[1], 167);
	assert_int_equal(n[2], 166);
	assert_int_equal(d->routes_tail->line, 1000);
	assert_null(tc_route_next(d->routes_tail));
	assert_true(d->has_capture);
	tc_model_free(m);
}

static void fib_longest_prefix_wins_and_recurses(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "R1");
	tc_iface *g0 = iface(m, d, "Gi0/0", "5.100.26.2", 24);
	tc_iface *g1 = iface(m, d, "Gi0/1", "5.100.42.2", 24);
	route(m, d, "0.0.0.0", 0, "5.100.42.4", 1);
	route(m, d, "195.160.0.0", 26, "5.100.26.6", 1);
	/* recursive: next hop reachable only through the /26 static */
	route(m, d, "172.16.0.0", 16, "195.160.0.9", 1);
	assert_int_equal(tc_model_finalize(m), 0);
	assert_ptr_equal(tc_fib_iface(d, tc_fib_lookup(d, IP("195.160.0.1"))), g0);
	assert_ptr_equal(tc_fib_iface(d, tc_fib_lookup(d, IP("195.160.0.65"))),
			 g1); /* outside the /26: default */
	assert_ptr_equal(tc_fib_iface(d, tc_fib_lookup(d, IP("172.16.3.3"))), g0);
	assert_ptr_equal(tc_fib_iface(d, tc_fib_lookup(d, IP("5.100.42.9"))), g1);
	assert_int_equal(m->ndiags[TC_SEV_WARNING], 0);
	tc_model_free(m);
}

static void fib_lower_distance_wins_and_unresolvable_is_diagnosed(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "R1");
	iface(m, d, "Gi0/0", "10.0.0.1", 24);
	tc_iface *g1 = iface(m, d, "Gi0/1", "10.0.1.1", 24);
	route(m, d, "192.0.2.0", 24, "10.0.0.2", 250); /* floating static */
	route(m, d, "192.0.2.0", 24, "10.0.1.2", 1);
	route(m, d, "198.51.100.0", 24, "203.0.113.1", 1); /* nowhere to go */
	assert_int_equal(tc_model_finalize(m), 0);
	assert_ptr_equal(tc_fib_iface(d, tc_fib_lookup(d, IP("192.0.2.10"))), g1);
	assert_null(tc_fib_lookup(d, IP("198.51.100.1")));
	assert_int_equal(m->ndiags[TC_SEV_WARNING], 1);
	assert_string_equal(m->diags->code, "unresolved-next-hop");
	tc_model_free(m);
}

static void fib_entry_reads_next_hop_and_distance_through_its_route(void **state)
{
	(void)state;
	assert_int_equal(sizeof(tc_fib_entry), sizeof(void *) + 8); /* 16 bytes on 64-bit */
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "R1");
	tc_iface *g0 = iface(m, d, "Gi0/0", "10.0.0.1", 24);
	route(m, d, "192.0.2.0", 24, "10.0.0.2", 250);
	assert_int_equal(tc_model_finalize(m), 0);
	const tc_fib_entry *c = tc_fib_lookup(d, IP("10.0.0.9")),
			   *r = tc_fib_lookup(d, IP("192.0.2.1"));
	assert_null(c->route); /* connected */
	assert_ptr_equal(tc_fib_iface(d, c), g0);
	assert_false(tc_fib_has_nh(c));
	assert_int_equal(tc_fib_nh(c), 0);
	assert_int_equal(tc_fib_distance(c), 0);
	assert_int_equal(tc_fib_dst(c).addr, IP("10.0.0.0"));
	assert_int_equal(tc_fib_dst(c).len, 24);
	assert_ptr_equal(tc_fib_iface(d, r), g0);
	assert_true(tc_fib_has_nh(r));
	assert_int_equal(tc_fib_nh(r), IP("10.0.0.2"));
	assert_int_equal(tc_fib_distance(r), 250);
	assert_int_equal(tc_fib_dst(r).len, 24);
	assert_int_equal(d->nifv, 2);
	assert_null(d->ifv[0]);
	tc_model_free(m);
}

static void shutdown_interface_is_not_connected(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "R1");
	tc_iface *i = iface(m, d, "Gi0/0", "10.0.0.1", 24);
	i->shutdown = true;
	assert_int_equal(tc_model_finalize(m), 0);
	assert_null(tc_fib_lookup(d, IP("10.0.0.5")));
	assert_null(tc_device_by_addr(m, IP("10.0.0.1"), NULL));
	tc_model_free(m);
}

static void links_join_devices_on_shared_subnets_sorted(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *b = device(m, "R4"), *a = device(m, "ASA"), *c = device(m, "R2");
	iface(m, b, "Gi0/0", "5.100.14.4", 24);
	iface(m, a, "outside", "5.100.14.1", 24);
	iface(m, b, "Gi0/1", "5.100.42.4", 24);
	iface(m, c, "Gi0/1", "5.100.42.2", 24);
	iface(m, c, "Lo0", "10.9.9.9", 24); /* alone on its subnet: no link */
	assert_int_equal(tc_model_finalize(m), 0);
	assert_int_equal(m->nlinks, 2);
	char buf[TC_PREFIX_STRLEN];
	assert_string_equal(tc_prefix_format(buf, sizeof buf, m->links[0].subnet), "5.100.14.0/24");
	assert_string_equal(m->links[0].ends[0].device->hostname, "ASA");
	assert_string_equal(m->links[0].ends[1].device->hostname, "R4");
	/* devices are sorted by hostname after finalize */
	assert_string_equal(m->devs[0]->hostname, "ASA");
	assert_string_equal(m->devs[2]->hostname, "R4");
	tc_model_free(m);
}

static void duplicate_hostname_keeps_first_and_reports(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	device(m, "R1");
	tc_device *d2 = tc_device_add(m, "configs/r1-copy.cfg", TC_DIALECT_IOS);
	d2->hostname = "R1";
	tc_device_add(m, "configs/nameless.cfg", TC_DIALECT_IOS);
	assert_int_equal(tc_model_finalize(m), 0);
	assert_int_equal(m->ndevs, 2);
	assert_int_equal(m->ndiags[TC_SEV_ERROR], 1);
	assert_non_null(tc_device_find(m, "nameless.cfg"));
	tc_model_free(m);
}

static void device_find_after_finalize_and_many_duplicates(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	char name[16], file[32];
	for (unsigned k = 0; k < 300; k++) { /* R0..R99 three times each, in three passes */
		snprintf(name, sizeof name, "R%u", k % 100);
		snprintf(file, sizeof file, "configs/%u.cfg", k);
		tc_device *d = tc_device_add(m, file, TC_DIALECT_IOS);
		d->hostname = tc_arena_strdup(m->arena, name);
	}
	assert_int_equal(tc_model_finalize(m), 0);
	assert_int_equal(m->ndevs, 100);
	assert_int_equal(m->ndiags[TC_SEV_ERROR], 200);
	for (unsigned k = 0; k < 100; k++) {
		snprintf(name, sizeof name, "R%u", k);
		snprintf(file, sizeof file, "configs/%u.cfg", k);
		const tc_device *d = tc_device_find(m, name);
		assert_non_null(d);
		assert_string_equal(d->file, file); /* the first one read is kept */
	}
	assert_null(tc_device_find(m, "R100"));
	for (const tc_diag *g = m->diags; g; g = g->next) /* each names the kept file */
		assert_non_null(strstr(g->msg, "is already used by configs/"));
	tc_model_free(m);
}

static void secret_digest_distinguishes_keys(void **state)
{
	(void)state;
	assert_int_equal(tc_secret_digest("LabKey-2012", 11), tc_secret_digest("LabKey-2012", 11));
	assert_true(tc_secret_digest("LabKey-2012", 11) != tc_secret_digest("LabKey-2013", 11));
}

/* The hash indexes answer what a scan of the lists would: first in list order. */
static void acl_and_entry_lookups_find_what_was_created(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "HUB");
	char name[32];
	for (unsigned i = 0; i < 3000; i++) {
		snprintf(name, sizeof name, "VPN-%u", i);
		tc_acl *a = tc_acl_get(m, d, name);
		assert_ptr_equal(tc_acl_get(m, d, name), a);
		assert_ptr_equal(tc_acl_find(d, name), a);
		tc_entry *e = tc_entry_get(m, d, i % 2 ? "CMAP" : "CMAP2", 10 + i / 2);
		assert_ptr_equal(tc_entry_get(m, d, i % 2 ? "CMAP" : "CMAP2", 10 + i / 2), e);
	}
	assert_null(tc_acl_find(d, "VPN-3000"));
	tc_iface *g = tc_iface_get(m, d, "GigabitEthernet0/1.100");
	assert_ptr_equal(tc_iface_get(m, d, "GigabitEthernet0/1.100"), g);
	assert_ptr_not_equal(tc_iface_get(m, d, "gigabitethernet0/1.100"), g); /* exact names */
	tc_iface *g2 = tc_iface_add(m, d, "GigabitEthernet0/1.100");
	assert_ptr_equal(tc_iface_get(m, d, "GigabitEthernet0/1.100"),
			 g2); /* the latest, as a scan */
	assert_null(tc_acl_find(device(m, "EMPTY"), "VPN-1"));
	unsigned n = 0;
	for (const tc_acl *a = d->acls; a; a = a->next)
		n++;
	assert_int_equal(n, 3000);
	/* a dynamic map entry is not the crypto map entry of the same name and sequence */
	tc_entry *e = tc_entry_get(m, d, "DYN", 10), *y = tc_dynentry_get(m, d, "DYN", 10);
	assert_ptr_not_equal(e, y);
	assert_true(y->dynamic);
	assert_ptr_equal(tc_dynentry_get(m, d, "DYN", 10), y);
	e->dynamic = true; /* `ipsec-isakmp dynamic X` marks an entry later: it stays found */
	assert_ptr_equal(tc_entry_get(m, d, "DYN", 10), e);
	tc_model_free(m);
}

/* Interfaces by name or nameif without case, transform sets and aliases through the
 * indexes: the first in config order wins, as the scans did, before and after finalize. */
static void name_lookups_agree_with_config_order(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "FW");
	tc_iface *a = tc_iface_add(m, d, "GigabitEthernet0/0"),
		 *b = tc_iface_add(m, d, "Management0/0");
	tc_iface_set_nameif(m, d, a, "outside");
	/* another's name as a nameif: the earlier one wins */
	tc_iface_set_nameif(m, d, b, "gigabitethernet0/0");
	assert_ptr_equal(tc_iface_find(d, "OUTSIDE"), a); /* while parsing: the same index */
	assert_ptr_equal(tc_iface_find(d, "GigabitEthernet0/0"), a);
	assert_int_equal(tc_model_finalize(m), 0);
	assert_ptr_equal(tc_iface_find(d, "Outside"), a);
	assert_ptr_equal(tc_iface_find(d, "GIGABITETHERNET0/0"), a);
	assert_ptr_equal(tc_iface_find(d, "management0/0"), b);
	assert_null(tc_iface_find(d, "inside"));
	tc_iface *c = tc_iface_add(m, d, "Tunnel1"); /* added after finalize: still found */
	assert_ptr_equal(tc_iface_find(d, "tunnel1"), c);
	assert_ptr_equal(tc_iface_find(d, "outside"), a);

	char name[32];
	for (unsigned i = 0; i < 5000; i++) {
		snprintf(name, sizeof name, "TS-%u", i);
		tc_tset_add(m, d, name);
		snprintf(name, sizeof name, "host%u", i);
		tc_name_add(m, d, name, i);
	}
	tc_tset *t1 = tc_tset_find(d, "TS-1");
	assert_string_equal(t1->name, "TS-1");
	assert_ptr_equal(t1, d->tsets->next);
	tc_tset_add(m, d, "TS-1"); /* a second of one name: the first is found */
	assert_ptr_equal(tc_tset_find(d, "TS-1"), t1);
	assert_null(tc_tset_find(d, "ts-1")); /* transform set names keep their case */
	const tc_name *h = tc_name_find(d, "host4999xyz", 8);
	assert_non_null(h);
	assert_string_equal(h->name, "host4999");
	assert_int_equal(tc_name_add(m, d, "host7", 70)->addr, 70); /* redefined: replaced */
	assert_int_equal(tc_name_find(d, "host7", 5)->addr, 70);
	assert_null(tc_name_find(d, "HOST7", 5)); /* ASA names keep their case */
	tc_model_free(m);
}

/* Diagnostics beyond the cap of one file and code are counted, not kept: the first ones in
 * line order stay, one record per file and code says how many more, totals count them all. */
static void diagnostics_beyond_the_cap_are_counted_not_kept(void **state)
{
	(void)state;
	for (unsigned cap = 0; cap <= 3; cap += 3) { /* 0: keep all */
		tc_model *m = tc_model_new();
		m->max_diags = cap;
		device(m, "R1");
		for (unsigned l = 1; l <= 10; l++) /* as the parser adds them, in line order */
			tc_model_diag(m, "a.cfg", l, 1, TC_SEV_WARNING, "unknown-line", NULL, "x");
		tc_model_diag(m, "a.cfg", 5, 1, TC_SEV_ERROR, "undefined-acl", NULL, "y");
		for (unsigned l = 1; l <= 4; l++)
			tc_model_diag(m, "b.cfg", l, 1, TC_SEV_WARNING, "unknown-line", NULL, "z");
		assert_int_equal(tc_model_finalize(m), 0);
		assert_int_equal(m->ndiags[TC_SEV_WARNING], 14);
		assert_int_equal(m->ndiags[TC_SEV_ERROR], 1);
		size_t n = 0, a_unknown = 0;
		unsigned last = 0;
		for (const tc_diag *d = m->diags; d; d = d->next, n++)
			if (strcmp(d->file, "a.cfg") == 0 && strcmp(d->code, "unknown-line") == 0) {
				a_unknown++;
				last = d->line;
			}
		if (cap == 0) {
			assert_int_equal(n, 15);
			assert_int_equal(m->nsuppressed, 0);
			assert_null(m->diag_more);
			tc_model_free(m);
			continue;
		}
		assert_int_equal(n, 7); /* 3 + 1 of a.cfg, 3 of b.cfg */
		assert_int_equal(a_unknown, 3);
		assert_int_equal(last, 3); /* the first three lines */
		assert_int_equal(m->nsuppressed, 8);
		const tc_diag_more *x = m->diag_more;
		assert_non_null(x);
		assert_string_equal(x->file, "a.cfg");
		assert_string_equal(x->code, "unknown-line");
		assert_int_equal(x->kept, 3);
		assert_int_equal(x->more, 7);
		assert_non_null(x->next);
		assert_string_equal(x->next->file, "b.cfg");
		assert_int_equal(x->next->more, 1);
		assert_null(x->next->next);
		tc_model_free(m);
	}
}

/* Files read on threads (a model each, adopted in order) drop what one model drops. */
static void diagnostics_cap_counts_survive_adoption(void **state)
{
	(void)state;
	tc_model *m = tc_model_new(), *part = tc_model_new();
	m->max_diags = part->max_diags = 2;
	device(part, "R1");
	for (unsigned l = 1; l <= 5; l++)
		tc_model_diag(part, "r1.cfg", l, 0, TC_SEV_NOTE, "unsupported", NULL, "n");
	assert_int_equal(part->nsuppressed, 3); /* dropped when added: never stored */
	tc_model_adopt(m, part);
	assert_int_equal(tc_model_finalize(m), 0);
	assert_int_equal(m->ndiags[TC_SEV_NOTE], 5);
	assert_int_equal(m->nsuppressed, 3);
	assert_non_null(m->diag_more);
	assert_int_equal(m->diag_more->kept, 2);
	assert_int_equal(m->diag_more->more, 3);
	assert_int_equal(m->diags->line, 1);
	assert_int_equal(m->diags->next->line, 2);
	assert_null(m->diags->next->next);
	tc_model_free(m);
}

static const tc_device *scan_by_addr(const tc_model *m, uint32_t ip, const tc_iface **out)
{
	for (const tc_device *d = m->devices; d; d = d->next)
		for (const tc_iface *i = d->ifaces; i; i = i->next)
			if (i->has_addr && !i->shutdown && i->addr == ip) {
				*out = i;
				return d;
			}
	return NULL;
}

static bool collect(const tc_device *d, const tc_iface *i, void *payload)
{
	const tc_iface **v = payload;
	while (*v)
		v++;
	*v = i;
	(void)d;
	return true;
}

static void address_index_agrees_with_a_scan(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *r2 = device(m, "R2"), *r1 = device(m, "R1");
	iface(m, r2, "Gi0/0", "10.0.0.1", 24);
	tc_iface *dup = iface(m, r1, "Gi0/0", "10.0.0.1", 24); /* R1 sorts first: it wins */
	tc_iface *down = iface(m, r1, "Gi0/1", "10.0.1.1", 24);
	down->shutdown = true;
	tc_iface *up = iface(m, r2, "Gi0/1", "10.0.1.1", 24); /* the shut one is skipped */
	tc_iface *lo = iface(m, r2, "Lo0", "10.0.0.77", 32);
	tc_iface *wide = iface(m, r2, "Gi0/2", "10.0.0.200", 16);
	tc_iface_add(m, r2, "Gi0/3"); /* no address */
	for (unsigned k = 0; k < 500; k++) {
		char a[16];
		snprintf(a, sizeof a, "172.16.%u.%u", k / 200, 1 + k % 200);
		iface(m, k % 2 ? r1 : r2, "Vlan", a, 30);
	}
	assert_int_equal(tc_model_finalize(m), 0);
	const tc_iface *i = NULL, *j = NULL;
	assert_ptr_equal(tc_device_by_addr(m, IP("10.0.0.1"), &i), r1);
	assert_ptr_equal(i, dup);
	assert_ptr_equal(tc_device_by_addr(m, IP("10.0.1.1"), &i), r2);
	assert_ptr_equal(i, up);
	assert_null(tc_device_by_addr(m, IP("10.0.0.2"), NULL));
	for (uint32_t ip = IP("172.16.0.0"); ip < IP("172.16.3.0"); ip++)
		assert_ptr_equal(tc_device_by_addr(m, ip, &i), scan_by_addr(m, ip, &j));
	/* holders list shut-down interfaces too, in model order */
	const tc_link_end *e;
	assert_int_equal(tc_addr_holders(m, IP("10.0.1.1"), &e), 2);
	assert_ptr_equal(e[0].iface, down);
	assert_ptr_equal(e[1].iface, up);
	assert_int_equal(tc_addr_holders(m, IP("192.0.2.1"), &e), 0);
	assert_null(e);
	/* connected subnets: longest first, then model order; shut-down ones skipped */
	const tc_iface *v[8] = {0};
	tc_connected_foreach(m, IP("10.0.0.77"), collect, v);
	assert_ptr_equal(v[0], lo);
	assert_ptr_equal(v[1], dup);
	assert_ptr_equal(v[3], wide);
	assert_null(v[4]);
	memset(v, 0, sizeof v);
	tc_connected_foreach(m, IP("10.0.1.9"), collect, v);
	assert_ptr_equal(v[0], up);
	assert_ptr_equal(v[1], wide);
	assert_null(v[2]);
	tc_model_free(m);
}

/* The FIB is ordered by prefix length (longest first), address, distance and line; equal
 * entries (routes to one prefix with the same distance and line: ECMP in a capture) keep the
 * order they were added in, also across the passes that resolve recursive routes. */
static void fib_keeps_equal_routes_in_order(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "R1");
	iface(m, d, "Gi0/0", "10.0.0.1", 24);
	char net[40], nh[40];
	for (unsigned k = 0; k < 200; k++) { /* next hop 10.0.0.(2 + k): the order added */
		snprintf(net, sizeof net, "172.16.%u.0", (k * 7) % 13);
		snprintf(nh, sizeof nh, "10.0.0.%u", 2 + k);
		route(m, d, net, (uint8_t)(k % 3 ? 24 : 16), nh, 1 + k % 2);
	}
	for (unsigned k = 0; k < 40; k++) { /* recursive, through 172.16.0.0/24 */
		snprintf(net, sizeof net, "192.168.%u.0", k % 5);
		snprintf(nh, sizeof nh, "172.16.0.%u", 1 + k);
		route(m, d, net, 24, nh, 1);
	}
	assert_int_equal(tc_model_finalize(m), 0);
	assert_int_equal(d->nfib, 241);
	for (size_t i = 1; i < d->nfib; i++) {
		const tc_fib_entry *a = &d->fib[i - 1], *b = &d->fib[i];
		assert_true(a->len >= b->len);
		if (a->len != b->len)
			continue;
		assert_true(a->addr <= b->addr);
		if (a->addr != b->addr)
			continue;
		assert_true(tc_fib_distance(a) <= tc_fib_distance(b));
		if (tc_fib_distance(a) == tc_fib_distance(b) && a->route && b->route)
			assert_true(a->route->nh < b->route->nh); /* the order added */
	}
	tc_model_free(m);
}

/* Equal-cost paths: the routes of the winning prefix with its distance and metric, in
 * configuration order; a floating static and a repeated route are not paths. IOS installs
 * static routes of equal distance side by side (CEF shares the load); an ASA does not share
 * across interfaces (ASA configuration guide, "Equal-Cost Multi-Path Routing"). */
static void fib_ecmp_lists_the_equal_paths_in_order(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *d = device(m, "R6");
	tc_device *asa = tc_device_add(m, "asa", TC_DIALECT_ASA);
	asa->hostname = "ASA";
	iface(m, d, "Gi0/0", "5.100.26.6", 24);
	tc_iface *g1 = iface(m, d, "Gi0/1", "5.100.36.6", 24);
	route(m, d, "10.26.241.0", 24, "5.100.26.2", 1)->line = 1;
	route(m, d, "10.26.241.0", 24, "5.100.36.9", 5)->line = 2; /* floating */
	route(m, d, "10.26.241.0", 24, "5.100.36.3", 1)->line = 3;
	route(m, d, "10.26.241.0", 24, "5.100.26.2", 1)->line = 4; /* the first again */
	route(m, d, "10.26.242.0", 24, "5.100.36.3", 1)->line = 5;
	iface(m, asa, "outside", "5.100.14.1", 24);
	iface(m, asa, "dmz", "5.100.15.1", 24);
	route(m, asa, "0.0.0.0", 0, "5.100.14.4", 1)->line = 1;
	route(m, asa, "0.0.0.0", 0, "5.100.15.4", 1)->line = 2;
	route(m, asa, "0.0.0.0", 0, "5.100.14.5", 1)->line = 3;
	assert_int_equal(tc_model_finalize(m), 0);
	const tc_fib_entry *v[4];
	const tc_fib_entry *fe = tc_fib_lookup(d, IP("10.26.241.1"));
	assert_int_equal(tc_fib_ecmp(v, 4, d, fe), 2);
	assert_ptr_equal(v[0], fe);
	assert_int_equal(tc_fib_nh(v[0]), IP("5.100.26.2"));
	assert_int_equal(tc_fib_nh(v[1]), IP("5.100.36.3"));
	assert_ptr_equal(tc_fib_iface(d, v[1]), g1);
	assert_int_equal(tc_fib_ecmp(v, 1, d, fe), 1); /* max */
	assert_int_equal(tc_fib_ecmp(v, 4, d, tc_fib_lookup(d, IP("10.26.242.1"))), 1);
	assert_int_equal(tc_fib_ecmp(v, 4, d, tc_fib_lookup(d, IP("5.100.26.9"))), 1);
	/* ASA: the path out of dmz does not share the default route's traffic */
	assert_int_equal(tc_fib_ecmp(v, 4, asa, tc_fib_lookup(asa, IP("192.0.2.1"))), 2);
	assert_int_equal(tc_fib_nh(v[0]), IP("5.100.14.4"));
	assert_int_equal(tc_fib_nh(v[1]), IP("5.100.14.5"));
	tc_model_free(m);
}

/* An ASA installs at most 8 equal-cost routes per interface (ASA general operations
 * configuration guide, "Equal-Cost Multi-Path (ECMP) Routing"); IOS takes 16 statics. */
static void asa_installs_at_most_eight_equal_routes(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *asa = tc_device_add(m, "asa", TC_DIALECT_ASA), *r = device(m, "R1");
	asa->hostname = "ASA";
	iface(m, asa, "outside", "5.100.14.1", 24);
	iface(m, r, "Gi0/0", "5.100.14.2", 24);
	char nh[32];
	for (unsigned k = 0; k < 10; k++) {
		snprintf(nh, sizeof nh, "5.100.14.%u", 10 + k);
		route(m, asa, "0.0.0.0", 0, nh, 1)->line = 1 + k;
		route(m, r, "0.0.0.0", 0, nh, 1)->line = 1 + k;
	}
	assert_int_equal(tc_model_finalize(m), 0);
	const tc_fib_entry *v[16];
	assert_int_equal(tc_fib_ecmp(v, 16, asa, tc_fib_lookup(asa, IP("192.0.2.1"))), 8);
	assert_int_equal(tc_fib_nh(v[7]), IP("5.100.14.17"));
	assert_int_equal(tc_fib_ecmp(v, 16, r, tc_fib_lookup(r, IP("192.0.2.1"))), 10);
	/* the ninth and tenth of the ASA are named, once each, at their lines */
	unsigned said = 0;
	for (const tc_diag *g = m->diags; g; g = g->next)
		if (strcmp(g->code, "ecmp-not-installed") == 0) {
			said++;
			assert_true(g->line == 9 || g->line == 10);
			assert_non_null(strstr(g->msg, "ASA installs at most 8 equal-cost routes "
						       "to 0.0.0.0/0 out of outside"));
		}
	assert_int_equal(said, 2);
	tc_model_free(m);
}

/* A model for finalize_on_threads_builds_the_same_model: 60 devices added out of hostname
 * order, with routes that resolve directly, recursively or not at all, an unknown interface and
 * a crypto map entry without its ACL: FIBs and diagnostics on every device. */
static tc_model *threads_model(void)
{
	tc_model *m = tc_model_new();
	for (unsigned k = 0; k < 60; k++) {
		char name[40], a[40];
		snprintf(name, sizeof name, "R%02u", (k * 37) % 60);
		tc_device *d = device(m, name);
		snprintf(a, sizeof a, "10.%u.0.1", k);
		iface(m, d, "Gi0/0", a, 24);
		for (unsigned r = 0; r < 3 * k; r++) {
			char net[40], nh[40];
			snprintf(net, sizeof net, "172.%u.%u.0", 16 + r % 8, r);
			if (r % 5)
				snprintf(nh, sizeof nh, "10.%u.0.9", k);
			else
				snprintf(nh, sizeof nh, "192.0.2.%u", r); /* unresolved */
			tc_route *rt = route(m, d, net, 24, nh, 1 + r % 3);
			rt->line = r + 1;
			rt->attr->file = d->file;
		}
		tc_route *rec = route(m, d, "198.51.100.0", 24, "172.16.0.7", 1); /* recursive */
		rec->line = 1000;
		rec->attr->file = d->file;
		tc_route *bad = route(m, d, "203.0.113.0", 24, "10.0.0.1", 1);
		bad->has_nh = false;
		bad->attr->ifname = "Gi9/9";
		bad->attr->file = d->file;
		bad->line = 2000;
		tc_entry *e = tc_entry_get(m, d, "VPN", 10);
		e->acl_name = "MISSING";
		e->file = d->file;
		e->line = 3000;
	}
	return m;
}

/* Finalizing on threads builds the one thread's model: the same FIBs, diagnostics in the
 * same order. */
static void finalize_on_threads_builds_the_same_model(void **state)
{
	(void)state;
	tc_model *one = threads_model();
	assert_int_equal(tc_model_finalize(one), 0);
	for (unsigned jobs = 2; jobs <= 8; jobs *= 2) {
		tc_model *m = threads_model();
		assert_int_equal(tc_model_finalize_jobs(m, jobs), 0);
		assert_int_equal(m->ndevs, one->ndevs);
		for (size_t k = 0; k < m->ndevs; k++) {
			const tc_device *a = one->devs[k], *b = m->devs[k];
			assert_string_equal(a->hostname, b->hostname);
			assert_int_equal(a->nfib, b->nfib);
			for (size_t i = 0; i < a->nfib; i++) {
				assert_int_equal(a->fib[i].addr, b->fib[i].addr);
				assert_int_equal(a->fib[i].len, b->fib[i].len);
				assert_int_equal(tc_fib_distance(&a->fib[i]),
						 tc_fib_distance(&b->fib[i]));
				assert_int_equal(a->fib[i].iface, b->fib[i].iface);
				assert_int_equal(a->fib[i].route ? a->fib[i].route->line : 0,
						 b->fib[i].route ? b->fib[i].route->line : 0);
			}
			assert_ptr_equal(b->entries->acl, NULL);
		}
		for (int s = 0; s < 3; s++)
			assert_int_equal(m->ndiags[s], one->ndiags[s]);
		assert_true(m->ndiags[TC_SEV_WARNING] > 60);
		const tc_diag *x = one->diags, *y = m->diags;
		for (; x && y; x = x->next, y = y->next) {
			assert_string_equal(x->file, y->file);
			assert_int_equal(x->line, y->line);
			assert_string_equal(x->code, y->code);
			assert_string_equal(x->msg, y->msg);
		}
		assert_null(x);
		assert_null(y);
		assert_ptr_equal(m->diags_tail->next, NULL);
		tc_model_free(m);
	}
	tc_model_free(one);
}

/* ---- IKE authentication (ike.c tc_ike_auth) ----------------------------------------------- */

/* IKEv1 policy prio of d: AES-256, SHA-256, group 14, method auth. */
static tc_ikepol *ike_policy(tc_model *m, tc_device *d, unsigned prio, const char *auth)
{
	tc_ikepol *x = tc_ikepol_add(m, d, prio, 1);
	x->enc = "aes-256";
	x->hash = "sha256";
	x->auth = auth;
	x->group = 14;
	return x;
}

/* An IOS router with one IKEv1 policy, 10, authenticating with auth. */
static tc_device *ike_router(tc_model *m, const char *name, const char *auth)
{
	tc_device *d = tc_device_add(m, name, TC_DIALECT_IOS);
	d->hostname = tc_arena_strdup(m->arena, name);
	ike_policy(m, d, 10, auth);
	return d;
}

static void ike_key(tc_model *m, tc_device *d, const char *peer, uint64_t digest, unsigned version)
{
	tc_psk *k = tc_psk_add(m, d);
	k->peer = tc_prefix_make(IP(peer), 32);
	k->digest = digest;
	k->ike_version = version;
}

static void ikev1_certificates_on_both_ends_agree(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *a = ike_router(m, "R1", "rsa-sig"), *b = ike_router(m, "R2", "rsa-sig");
	tc_trustpoint_add(m, a, "LAB-CA");
	tc_trustpoint_add(m, b, "LAB-CA");
	tc_authcheck ac;
	/* no key anywhere: rsa-sig policies with trustpoints on both sides are enough (IOS
	 * authenticates IKEv1 main mode with the certificates of its trustpoints) */
	assert_true(tc_ike_auth(&ac, a, NULL, IP("203.0.113.1"), b, IP("203.0.113.2"), 1));
	assert_int_equal(ac.a_uses, TC_AUTH_RSA);
	assert_int_equal(ac.b_uses, TC_AUTH_RSA);
	assert_ptr_equal(ac.xa, a->ikepols);
	assert_ptr_equal(ac.xb, b->ikepols);
	/* the same without R2's trustpoint: R2 cannot sign, and says why */
	b->trustpoints = b->trustpoints_tail = NULL;
	assert_false(tc_ike_auth(&ac, a, NULL, IP("203.0.113.1"), b, IP("203.0.113.2"), 1));
	assert_true(ac.b_no_trust);
	assert_false(ac.a_no_trust || ac.method_mismatch || ac.a_no_key || ac.b_no_key);
	tc_model_free(m);
}

static void ikev1_psk_against_certificates_disagrees(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *a = ike_router(m, "R1", "rsa-sig"), *b = ike_router(m, "R2", "pre-share");
	tc_trustpoint_add(m, a, "LAB-CA");
	ike_key(m, b, "203.0.113.1", 42, 0);
	tc_authcheck ac;
	/* the policies differ in their method alone: no common policy, from either side */
	assert_false(tc_ike_auth(&ac, a, NULL, IP("203.0.113.1"), b, IP("203.0.113.2"), 1));
	assert_true(ac.method_mismatch);
	assert_int_equal(ac.a_uses, TC_AUTH_RSA);
	assert_int_equal(ac.b_uses, TC_AUTH_PSK);
	assert_false(ac.a_no_key); /* R1 does not want a key: no TC109 on its side */
	assert_false(tc_ike_auth(&ac, b, NULL, IP("203.0.113.2"), a, IP("203.0.113.1"), 1));
	assert_true(ac.method_mismatch);
	assert_int_equal(ac.a_uses, TC_AUTH_PSK);
	/* R1 gains a pre-share policy and the key: the pair agrees on pre-share */
	tc_ikepol *x = ike_policy(m, a, 20, "pre-share");
	ike_key(m, a, "203.0.113.2", 42, 0);
	assert_true(tc_ike_auth(&ac, a, NULL, IP("203.0.113.1"), b, IP("203.0.113.2"), 1));
	assert_int_equal(ac.a_uses, TC_AUTH_PSK);
	assert_ptr_equal(ac.xa, x);
	tc_model_free(m);
}

static void ikev2_local_and_remote_methods_may_differ(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	tc_device *a = ike_router(m, "R1", "pre-share"), *b = ike_router(m, "R2", "pre-share");
	a->ikepols->version = b->ikepols->version = 2; /* IKEv2 proposals: no method of their own */
	/* R1 signs with its certificate and checks R2's key; R2 the other way round (RFC 7296
	 * 2.15: each side chooses its own method; IOS `authentication local` / `remote`) */
	tc_ikeprof *pa = tc_ikeprof_get(m, a, "P", 2), *pb = tc_ikeprof_get(m, b, "P", 2);
	tc_ikeprof_add_match(m, pa, tc_prefix_make(IP("203.0.113.2"), 32));
	tc_ikeprof_add_match(m, pb, tc_prefix_make(IP("203.0.113.1"), 32));
	pa->auth = (tc_ikeauth){TC_AUTH_RSA, TC_AUTH_PSK, "LAB-CA"};
	pb->auth = (tc_ikeauth){TC_AUTH_PSK, TC_AUTH_RSA, "LAB-CA"};
	ike_key(m, a, "203.0.113.2", 7, 2);
	ike_key(m, b, "203.0.113.1", 7, 2);
	tc_authcheck ac;
	assert_true(tc_ike_auth(&ac, a, NULL, IP("203.0.113.1"), b, IP("203.0.113.2"), 2));
	assert_int_equal(ac.a_uses, TC_AUTH_RSA);
	assert_int_equal(ac.b_uses, TC_AUTH_PSK);
	/* R2's key differs: only the direction R2 -> R1 uses a key, and it fails */
	b->psks->digest = 8;
	assert_false(tc_ike_auth(&ac, a, NULL, IP("203.0.113.1"), b, IP("203.0.113.2"), 2));
	assert_true(ac.keys_differ);
	b->psks->digest = 7;
	/* R2 stops accepting certificates: what R1 presents is refused */
	pb->auth.remote = TC_AUTH_PSK;
	assert_false(tc_ike_auth(&ac, a, NULL, IP("203.0.113.1"), b, IP("203.0.113.2"), 2));
	assert_true(ac.method_mismatch);
	tc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ip_parse_rejects_malformed_addresses),
		cmocka_unit_test(ip_parse_edge_cases),
		cmocka_unit_test(masks_and_wildcards_become_lengths),
		cmocka_unit_test(prefix_parse_clears_host_bits_and_formats_back),
		cmocka_unit_test(formatting_matches_snprintf_and_truncates_like_it),
		cmocka_unit_test(arena_strings_survive_until_free),
		cmocka_unit_test(iface_abbreviations_resolve_as_ios_reads_them),
		cmocka_unit_test(route_lists_keep_their_order),
		cmocka_unit_test(fib_longest_prefix_wins_and_recurses),
		cmocka_unit_test(fib_lower_distance_wins_and_unresolvable_is_diagnosed),
		cmocka_unit_test(fib_entry_reads_next_hop_and_distance_through_its_route),
		cmocka_unit_test(shutdown_interface_is_not_connected),
		cmocka_unit_test(links_join_devices_on_shared_subnets_sorted),
		cmocka_unit_test(duplicate_hostname_keeps_first_and_reports),
		cmocka_unit_test(device_find_after_finalize_and_many_duplicates),
		cmocka_unit_test(secret_digest_distinguishes_keys),
		cmocka_unit_test(acl_and_entry_lookups_find_what_was_created),
		cmocka_unit_test(name_lookups_agree_with_config_order),
		cmocka_unit_test(diagnostics_beyond_the_cap_are_counted_not_kept),
		cmocka_unit_test(diagnostics_cap_counts_survive_adoption),
		cmocka_unit_test(address_index_agrees_with_a_scan),
		cmocka_unit_test(fib_keeps_equal_routes_in_order),
		cmocka_unit_test(fib_ecmp_lists_the_equal_paths_in_order),
		cmocka_unit_test(asa_installs_at_most_eight_equal_routes),
		cmocka_unit_test(finalize_on_threads_builds_the_same_model),
		cmocka_unit_test(psk_lookup_after_finalize_agrees_with_the_scan),
		cmocka_unit_test(ikev1_certificates_on_both_ends_agree),
		cmocka_unit_test(ikev1_psk_against_certificates_disagrees),
		cmocka_unit_test(ikev2_local_and_remote_methods_may_differ),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
