/* test_routescan.c: the route scanner (parser/routescan.c) reads captures exactly as the patterns do.
 *
 * Every capture is parsed twice, once with the scanner in front of the
 * patterns and once with the patterns alone (tc_routes_set_scanner), and the
 * two models are compared route by route, field by field (held routes too),
 * with the line statistics and every diagnostic. Captures: the ntc-templates
 * route captures of the corpus folder given as argument (skipped without), tcgen's IOS and
 * ASA captures (TC_TCGEN, set by CMake; skipped when unset), hand-written odd
 * lines, and seeded mutations of all of these. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "model.h"
#include "parser.h"
#include "routescan_int.h"

/* The public corpus folder, the optional argument (CMake's TC_CORPUS_DIR), or NULL: then
 * the corpus case is skipped; given, a missing folder fails it. */
static const char *corpus;

/* The whole file, malloc'd; NULL when it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
	struct stat sb;
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	if (fstat(fileno(f), &sb) == 0 && (buf = malloc((size_t)sb.st_size + 1)) != NULL)
		*len = fread(buf, 1, (size_t)sb.st_size, f);
	fclose(f);
	return buf;
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const char *str_or(const char *s)
{
	return s ? s : "(null)";
}

/* The capture parsed into a fresh model, with or without the scanner. The
 * device knows one ASA `name`, so that name lookups take both branches. */
static tc_model *parse(const char *buf, size_t len, tc_dialect dialect, bool scanner,
		       tc_device **out)
{
	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_device *d = tc_device_add(m, "r.cfg", dialect);
	tc_name_add(m, d, "Server1", 0x0a00050cu);
	tc_routes_set_scanner(scanner);
	int rc = tc_parse_routes(m, d, "routes/r.txt", buf, len);
	tc_routes_set_scanner(true);
	assert_int_equal(rc, 0);
	*out = d;
	return m;
}

static bool route_eq(const tc_route *a, const tc_route *b)
{
	return a->dst.addr == b->dst.addr && a->dst.len == b->dst.len && a->nh == b->nh &&
	       a->has_nh == b->has_nh && str_eq(a->attr->ifname, b->attr->ifname) &&
	       a->distance == b->distance && a->metric == b->metric &&
	       str_eq(a->attr->code, b->attr->code) && a->origin == b->origin &&
	       str_eq(a->attr->file, b->attr->file) && a->line == b->line &&
	       str_eq(a->attr->vrf, b->attr->vrf) && str_eq(a->attr->dst_name, b->attr->dst_name) &&
	       a->dst_unresolved == b->dst_unresolved && a->has_ad == b->has_ad &&
	       str_eq(a->attr->nh_vrf, b->attr->nh_vrf) && a->attr->track == b->attr->track &&
	       str_eq(a->attr->label, b->attr->label) && a->permanent == b->permanent &&
	       a->tunneled == b->tunneled;
}

static void print_route(const char *who, const tc_route *r)
{
	if (!r) {
		print_message("  %s: none\n", who);
		return;
	}
	print_message("  %s: line %u code %s dst %08x/%u nh %08x has_nh %d if %s ad %u/%u "
		      "has_ad %d vrf %s name %s unres %d nh_vrf %s\n",
		      who, r->line, str_or(r->attr->code), (unsigned)r->dst.addr, r->dst.len,
		      (unsigned)r->nh, r->has_nh, str_or(r->attr->ifname), r->distance, r->metric,
		      r->has_ad, str_or(r->attr->vrf), str_or(r->attr->dst_name), r->dst_unresolved,
		      str_or(r->attr->nh_vrf));
}

/* Same routes in the same order; prints the first difference. */
static bool routes_eq(const char *what, const tc_route *a, const tc_route *b)
{
	for (unsigned k = 0; a || b; k++, a = tc_route_next(a), b = tc_route_next(b)) {
		if (!a || !b || !route_eq(a, b)) {
			print_message("%s route %u differs:\n", what, k);
			print_route("scanner ", a);
			print_route("patterns", b);
			return false;
		}
	}
	return true;
}

static bool diags_eq(const tc_diag *a, const tc_diag *b)
{
	for (; a || b; a = a->next, b = b->next) {
		if (!a || !b || !str_eq(a->file, b->file) || a->line != b->line ||
		    a->col != b->col || a->sev != b->sev || !str_eq(a->code, b->code) ||
		    !str_eq(a->msg, b->msg) || !str_eq(a->text, b->text)) {
			print_message(
				"diagnostic differs: scanner %u:%u %s %s / patterns %u:%u %s %s\n",
				a ? a->line : 0, a ? a->col : 0, a ? str_or(a->code) : "none",
				a ? str_or(a->msg) : "", b ? b->line : 0, b ? b->col : 0,
				b ? str_or(b->code) : "none", b ? str_or(b->msg) : "");
			return false;
		}
	}
	return true;
}

/* Parse buf both ways under dialect; true when the models agree. *nroutes:
 * routes read (both lists). */
static bool same_both_ways(const char *name, const char *buf, size_t len, tc_dialect dialect,
			   unsigned *nroutes)
{
	tc_device *ds, *dp;
	tc_model *ms = parse(buf, len, dialect, true, &ds);
	tc_model *mp = parse(buf, len, dialect, false, &dp);
	bool ok = routes_eq("captured", ds->captured, dp->captured) &&
		  routes_eq("held", ds->held, dp->held) && diags_eq(ms->diags, mp->diags);
	if (ok && memcmp(&ds->capture_stats, &dp->capture_stats, sizeof ds->capture_stats) != 0) {
		print_message("line statistics differ\n");
		ok = false;
	}
	if (ok && (ms->unknown_lines != mp->unknown_lines || ds->has_capture != dp->has_capture ||
		   !str_eq(ds->capture_file, dp->capture_file))) {
		print_message("unknown lines %u / %u, has_capture %d / %d\n", ms->unknown_lines,
			      mp->unknown_lines, ds->has_capture, dp->has_capture);
		ok = false;
	}
	if (!ok)
		print_message("in %s (%s)\n", name, dialect == TC_DIALECT_ASA ? "asa" : "ios");
	unsigned n = 0;
	for (const tc_route *r = ds->captured; r; r = tc_route_next(r))
		n++;
	for (const tc_route *r = ds->held; r; r = tc_route_next(r))
		n++;
	if (nroutes)
		*nroutes += n;
	tc_model_free(ms);
	tc_model_free(mp);
	return ok;
}

/* ---- seeded mutations --------------------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

/* 0..n-1 from a 64-bit LCG (Knuth's MMIX constants): the same captures every run. */
static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
	return (uint32_t)((rng_state >> 33) % n);
}

/* Bytes a mutation inserts: those the scanner decides on, and those it must refuse. */
static const char mut_bytes[] = " \t\v\f\r\x01\x85\xa0\x7f\0 0123456789..//[]]],,,((()) "
				"aESsiLNIAXEu12*+%&-:#>_ viaisdirectlyconnected";

static const char *const seed_lines[] = {
	"Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP",
	"       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ",
	"       + - replicated route, % - next hop override",
	"       ia - IS-IS inter area, * - candidate default, U - per-user static route",
	"Gateway of last resort is 5.100.26.4 to network 0.0.0.0",
	"Gateway of last resort is not set",
	"S*    0.0.0.0/0 [1/0] via 5.100.26.4",
	"     1.0.0.0/32 is subnetted, 1 subnets",
	"S       1.1.1.1 [1/0] via 212.0.0.1",
	"      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks",
	"C        10.0.1.0/24 is directly connected, GigabitEthernet0/0",
	"L        10.0.1.1/32 is directly connected, GigabitEthernet0/0",
	"O E2    10.6.234.0/24 [110/20] via 10.64.4.90, 12:54:53, Serial0/0/0:0",
	"     172.16.0.0/26 is subnetted, 1 subnets",
	"i L2    172.16.1.0 [115/10] via 10.0.1.2, Serial0/0",
	"B        11.1.0.0/17 [200/0], 2w0d, Null0",
	"                [1/0] via 192.168.0.1",
	"O E2    192.168.10.168/29 ",
	"           [110/20] via 7.7.7.170, 12:54:35, TenGigabitEthernet7/4",
	"           is directly connected, Tunnel5",
	"S*       0.0.0.0 0.0.0.0 [1/0] via 192.168.1.2, outside",
	"C        192.168.1.0 255.255.255.0 is directly connected, outside",
	"O IA 172.16.2.254 255.255.255.255 [110/11] via 192.168.2.2, 3:21:21, inside",
	"V        10.1.24.0 255.255.255.0 connected by VPN (advertised), external",
	"S        Server1 255.255.255.255 [1/0] via 10.0.5.12, outside",
	"Routing Table: RED",
	"Routing Table: default",
	"B*    10.9.0.0/16 [20/0] via 10.0.0.1 (RED), 1d02h",
	"O*E2  0.0.0.0/0 [110/1] via 10.0.0.9, 2d, Vlan10",
	"D EX     32.0.22.0/23 [170/297950] via 5.100.14.4, 20:00:43, GigabitEthernet0/0",
	"O     10.2.0.0/16 is a summary, 00:01:02, Null0",
	"S     10.3.0.0/16 [1/0] via 10.0.0.1, Dialer 1",
	"S     10.4.0.0/33 [1/0] via 10.0.0.1",
	"S     10.5.0.0/16 [256/0] via 10.0.0.1",
	"S     10.6.0.0/16 [1/4294967296] via 10.0.0.1",
	"S     10.7.0.0/16 [1/0] via 10.0.0.1.5, Gi0/1",
	"S     10.8.0.0/16 [1/0] via 300.0.0.1, Gi0/1",
	"S     310.8.0.0/16 [1/0] via 3.0.0.1",
	"R     10.9.0.0/16 via 10.0.0.1",
	"S%    10.10.0.0/16 [1/0] via 10.0.0.1, Gi0/2",
	"Oi su 10.11.0.0/16 [1/0] via 10.0.0.1",
	"OE2   10.12.0.0/16 [110/2] via 10.0.0.1",
	"Load for five secs: 1%/0%; one minute: 1%",
	"router1#show ip route",
	"%Network not in table",
	"       is - IS-IS, via - via",
	"       via - something",
	"       [1 - x",
	"       - - x",
	"O E2+ 10.13.0.0/16 [110/1] via 10.0.0.1, Gi0/3",
	"S&*   10.14.0.0/16 [1/0] via 10.0.0.1",
	"      10.0.0.0/8 is variablyX subnetted, 2 subnets",
	"      10.0.0.0/8 is subnettedX",
	"      10.0.0.0/8 is subnetted_x",
	"      10.0.0.0/40 is subnetted",
	"Gateway of last resortX",
	"S     10.15.0.0/16 [1/0]  via  10.0.0.1 , 1d, , Gi0/4 ,",
	"S     10.16.0.0/16 [1/0] via 10.0.0.1, 1d, 2d",
	"S     10.17.0.0/16 [1/0]",
	"S     10.18.0.0/16 [1/0] (RED)",
	"S     10.19.0.0/16 [01/0009] via 010.000.000.001, Gi0/5",
	"S     10.20.0.0 255.0.255.0 [1/0] via 10.0.0.1, outside",
	"S     10.21.0.0 255.255.0.0",
	"S     10.22.0.0 255.255.0.0 via 10.0.0.1",
	"S     10.23.0.0 255.255.0.0x [1/0] via 10.0.0.1",
	"S     10.24.0.0 255.255.0.0 is directly connected, inside",
};

/* A capture of 1-8 lines drawn from pool (each maybe mutated) into buf. */
static size_t mutated_capture(char *buf, size_t cap, const char *const *pool, size_t npool)
{
	size_t o = 0;
	unsigned nl = 1 + rnd(8);
	for (unsigned l = 0; l < nl; l++) {
		char line[512];
		const char *src = pool[rnd((uint32_t)npool)];
		size_t n = strlen(src) > 400 ? 400 : strlen(src);
		memcpy(line, src, n);
		unsigned nmut = rnd(4);
		for (unsigned k = 0; k < nmut && n > 0; k++) {
			size_t at = rnd((uint32_t)n + 1);
			char c = mut_bytes[rnd(sizeof mut_bytes - 1)];
			switch (rnd(4)) {
			case 0: /* insert */
				if (n < sizeof line - 1) {
					memmove(line + at + 1, line + at, n - at);
					line[at] = c;
					n++;
				}
				break;
			case 1: /* delete */
				if (at < n) {
					memmove(line + at, line + at + 1, n - at - 1);
					n--;
				}
				break;
			case 2: /* replace */
				if (at < n)
					line[at] = c;
				break;
			default: /* cut the line short */
				n = at;
				break;
			}
		}
		if (o + n + 2 >= cap)
			break;
		memcpy(buf + o, line, n);
		o += n;
		if (rnd(16) == 0)
			buf[o++] = '\r';
		buf[o++] = '\n';
	}
	return o;
}

/* ---- tests -------------------------------------------------------------------------------- */

static void hand_written_lines_read_the_same(void **state)
{
	(void)state;
	char buf[8192];
	size_t o = 0;
	for (size_t k = 0; k < sizeof seed_lines / sizeof seed_lines[0]; k++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s\n", seed_lines[k]);
	assert_true(same_both_ways("seed lines", buf, o, TC_DIALECT_IOS, NULL));
	assert_true(same_both_ways("seed lines", buf, o, TC_DIALECT_ASA, NULL));
	/* each line alone, after a route (continuations) and after a wrapped route */
	for (size_t k = 0; k < sizeof seed_lines / sizeof seed_lines[0]; k++) {
		static const char *const before[] = {"", "S    10.0.0.0/8 [1/0] via 1.1.1.1\n",
						     "O E2    192.168.10.168/29\n"};
		for (size_t b = 0; b < 3; b++) {
			int n = snprintf(buf, sizeof buf, "%s%s\n", before[b], seed_lines[k]);
			assert_true(same_both_ways(seed_lines[k], buf, (size_t)n, TC_DIALECT_IOS,
						   NULL));
		}
	}
}

static void scanner_reads_the_common_shapes(void **state)
{
	(void)state;
	tc_rs_line sc;
	const char *l = "O E2    10.6.234.0/24 [110/20] via 10.64.4.90, 12:54:53, Serial0/0/0:0";
	assert_true(tc_rs_scan(&sc, l, strlen(l)));
	assert_int_equal(sc.kind, TC_RS_ROUTE);
	assert_int_equal(sc.codelen, 4);
	assert_int_equal(sc.net, 0x0a06ea00u);
	assert_int_equal(sc.len, 24);
	assert_true(sc.has_path);
	assert_int_equal(sc.path.ad, 110);
	assert_int_equal(sc.path.metric, 20);
	assert_int_equal(sc.path.nh, 0x0a40045au);
	assert_int_equal(sc.path.iflen, strlen("Serial0/0/0:0"));
	l = "                [1/0] via 192.168.0.1";
	assert_true(tc_rs_scan(&sc, l, strlen(l)));
	assert_int_equal(sc.kind, TC_RS_CONT);
	assert_null(sc.path.ifname);
	l = "      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks";
	assert_true(tc_rs_scan(&sc, l, strlen(l)));
	assert_int_equal(sc.kind, TC_RS_HEADER);
	l = "       + - replicated route, % - next hop override";
	assert_true(tc_rs_scan(&sc, l, strlen(l)));
	assert_int_equal(sc.kind, TC_RS_SKIP);
	l = "S*       10.1.0.0 255.255.0.0 [1/0] via 192.168.1.2, outside";
	assert_true(tc_rs_scan(&sc, l, strlen(l)));
	assert_int_equal(sc.kind, TC_RS_ROUTE);
	assert_true(sc.has_mask);
	assert_int_equal(sc.mask, 0xffff0000u);
	assert_int_equal(sc.len, -1);
	assert_int_equal(sc.path.iflen, strlen("outside"));
	/* left to the patterns: a next hop's VRF, a name */
	l = "B*    10.9.0.0/16 [20/0] via 10.0.0.1 (RED), 1d02h";
	assert_false(tc_rs_scan(&sc, l, strlen(l)));
	l = "S        Server1 255.255.255.255 [1/0] via 10.0.5.12, outside";
	assert_false(tc_rs_scan(&sc, l, strlen(l)));
}

static void corpus_route_captures_read_the_same(void **state)
{
	(void)state;
	struct stat sb;
	if (!corpus)
		skip();
	assert_int_equal(stat(corpus, &sb), 0);
	static const char *const files[] = {
		"/ntc-templates/tests/cisco_ios/show_ip_route/cisco_ios_show_ip_route.raw",
		"/ntc-templates/tests/cisco_ios/show_ip_route/cisco_ios_show_ip_route1.raw",
		"/ntc-templates/tests/cisco_ios/show_ip_route/cisco_ios_show_ip_route_vrf.raw",
		"/ntc-templates/tests/cisco_ios/show_ip_route/cisco_ios_show_ip_route_wildcard.raw",
		"/ntc-templates/tests/cisco_asa/show_route/cisco_asa_show_route.raw",
		"/ntc-templates/tests/cisco_asa/show_route/cisco_asa_show_route_alt_multiline.raw",
		"/ntc-templates/tests/cisco_asa/show_route/cisc_asa_show_route_vpn.raw",
	};
	unsigned files_read = 0, routes = 0;
	char path[1024];
	size_t len;
	char *buf;
	for (size_t k = 0; k < sizeof files / sizeof files[0]; k++, free(buf)) {
		snprintf(path, sizeof path, "%s%s", corpus, files[k]);
		if ((buf = slurp(path, &len)) == NULL)
			continue; /* the corpus may be trimmed */
		files_read++;
		assert_true(same_both_ways(path, buf, len, TC_DIALECT_IOS, &routes));
		assert_true(same_both_ways(path, buf, len, TC_DIALECT_ASA, NULL));
	}
	print_message("corpus: %u captures, %u routes, the same both ways\n", files_read, routes);
	assert_true(files_read > 0);
}

/* tcgen's capture (written into a temporary file); NULL when TC_TCGEN is unset. */
static char *tcgen_capture(const char *dialect, unsigned nroutes, size_t *len)
{
	const char *gen = getenv("TC_TCGEN");
	if (!gen || !*gen)
		return NULL;
	char tmpl[] = "/tmp/tc-routescan-XXXXXX";
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	close(fd);
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "'%s' routes --routes %u --dialect %s -o '%s'", gen, nroutes,
		 dialect, tmpl);
	assert_int_equal(system(cmd), 0);
	char *buf = slurp(tmpl, len);
	unlink(tmpl);
	assert_non_null(buf);
	return buf;
}

static void tcgen_captures_read_the_same(void **state)
{
	(void)state;
	static const struct {
		const char *dialect;
		tc_dialect d;
		unsigned routes;
	} caps[] = {{"ios", TC_DIALECT_IOS, 20000}, {"asa", TC_DIALECT_ASA, 5000}};
	for (size_t k = 0; k < sizeof caps / sizeof caps[0]; k++) {
		size_t len;
		char *buf = tcgen_capture(caps[k].dialect, caps[k].routes, &len);
		if (!buf)
			skip();
		unsigned routes = 0;
		assert_true(same_both_ways(caps[k].dialect, buf, len, caps[k].d, &routes));
		assert_true(routes >= caps[k].routes);
		{
			/* and the scanner, not the patterns, read all of it */
			unsigned lines = 0, scanned = 0;
			for (const char *p = buf, *end = buf + len; p < end;) {
				const char *e = memchr(p, '\n', (size_t)(end - p));
				if (!e)
					e = end;
				size_t n = (size_t)(e - p);
				while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\r'))
					n--; /* as the parser trims lines */
				tc_rs_line sc;
				if (n > 0) {
					lines++;
					scanned += tc_rs_scan(&sc, p, n);
				}
				p = e + 1;
			}
			print_message("tcgen %s: %u of %u lines scanned by hand\n", caps[k].dialect,
				      scanned, lines);
			assert_int_equal(scanned, lines);
		}
		free(buf);
	}
}

static void mutated_captures_read_the_same(void **state)
{
	(void)state;
	const char *pool[sizeof seed_lines / sizeof seed_lines[0] + 64];
	size_t npool = 0;
	for (size_t k = 0; k < sizeof seed_lines / sizeof seed_lines[0]; k++)
		pool[npool++] = seed_lines[k];
	/* and lines of tcgen's capture when there is one */
	size_t glen = 0;
	char *gen = tcgen_capture("ios", 400, &glen);
	if (gen) {
		char *p = gen, *end = gen + glen;
		for (unsigned k = 0; p < end && k < 64; k++) {
			char *e = memchr(p, '\n', (size_t)(end - p));
			if (!e)
				break;
			*e = '\0';
			if (k % 4 == 0 || k < 24)
				pool[npool++] = p;
			p = e + 1;
			if (npool == sizeof pool / sizeof pool[0])
				break;
		}
	}
	char buf[8192];
	unsigned bad = 0, iters = 6000;
	const char *env = getenv("TC_ROUTESCAN_ITERS"); /* more, by hand */
	if (env && atoi(env) > 0)
		iters = (unsigned)atoi(env);
	for (unsigned it = 0; it < iters && bad < 5; it++) {
		size_t n = mutated_capture(buf, sizeof buf, pool, npool);
		if (!same_both_ways("mutated capture", buf, n,
				    it % 3 ? TC_DIALECT_IOS : TC_DIALECT_ASA, NULL)) {
			print_message("mutated capture %u:\n%.*s\n", it, (int)n, buf);
			bad++;
		}
	}
	free(gen);
	assert_int_equal(bad, 0);
}

int main(int argc, char **argv)
{
	corpus = argc > 1 ? argv[1] : NULL;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scanner_reads_the_common_shapes),
		cmocka_unit_test(hand_written_lines_read_the_same),
		cmocka_unit_test(corpus_route_captures_read_the_same),
		cmocka_unit_test(tcgen_captures_read_the_same),
		cmocka_unit_test(mutated_captures_read_the_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
