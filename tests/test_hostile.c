/* test_hostile.c: unit tests of hostile and broken input at the library seams: text that is not
 * UTF-8, control bytes, NUL bytes, odd line endings, huge lines, bad addresses, captures that are
 * not routing tables. The command-line side of the same cases is tests/hostile.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "model.h"
#include "parser.h"
#include "render.h"

/* ---- helpers ------------------------------------------------------------------ */

static tc_device *parse_n(tc_model *m, const char *text, size_t len, tc_dialect dialect)
{
	tc_parse_opts opts = {.dialect = dialect};
	tc_device *d = NULL;
	assert_int_equal(tc_parse_config(&d, m, "h.cfg", text, len, &opts), 0);
	assert_non_null(d);
	return d;
}

static tc_device *parse(tc_model *m, const char *text)
{
	return parse_n(m, text, strlen(text), TC_DIALECT_UNKNOWN);
}

static const tc_diag *diag_at(const tc_model *m, unsigned line, const char *code)
{
	for (const tc_diag *g = m->diags; g; g = g->next)
		if (g->line == line && strcmp(g->code, code) == 0)
			return g;
	return NULL;
}

/* Every byte of s is printable ASCII, tab, newline or part of well-formed UTF-8. */
static bool printable(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t len = tc_utf8_len(s + i, n - i);
		unsigned char c = (unsigned char)s[i];
		if (len == 0 || (len == 1 && ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)))
			return false;
		i += len;
	}
	return true;
}

/* A stream's whole output as a malloc'd string. */
static char *render_json(const tc_model *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(tc_render_json(f, m, NULL, NULL), 0);
	fclose(f);
	return buf;
}

static const char lab_r2[] = "hostname R2\n"
			     "crypto isakmp policy 10\n"
			     " encr aes 256\n"
			     " authentication pre-share\n"
			     " group 14\n"
			     "crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac\n"
			     "crypto map CMAP 10 ipsec-isakmp\n"
			     " set peer 5.100.14.1\n"
			     " set transform-set TS\n"
			     " match address VPN-ACL\n"
			     "interface GigabitEthernet0/1\n"
			     " ip address 5.100.42.2 255.255.255.0\n"
			     " crypto map CMAP\n"
			     "ip route 0.0.0.0 0.0.0.0 5.100.42.4\n"
			     "ip access-list extended VPN-ACL\n"
			     " permit ip 195.160.0.0 0.0.0.63 10.26.241.0 0.0.0.255\n";

/* What a parsed device holds, as one comparable line. */
static void summarise(char *buf, size_t n, const tc_device *d)
{
	size_t o = (size_t)snprintf(buf, n, "%s|", d->hostname ? d->hostname : "-");
	for (const tc_iface *i = d->ifaces; i && o < n; i = i->next)
		o += (size_t)snprintf(buf + o, n - o, "if %s %08x/%u %s|", i->name, i->addr,
				      i->plen, i->cmap ? i->cmap : "-");
	for (const tc_route *r = d->routes; r && o < n; r = tc_route_next(r))
		o += (size_t)snprintf(buf + o, n - o, "rt %08x/%u %08x|", r->dst.addr, r->dst.len,
				      r->nh);
	for (const tc_entry *e = d->entries; e && o < n; e = e->next)
		o += (size_t)snprintf(buf + o, n - o, "map %s %u %s %u %s|", e->map, e->seq,
				      e->acl_name ? e->acl_name : "-", e->npeers,
				      e->ntsets ? e->tset_names[0] : "-");
	for (const tc_acl *a = d->acls; a && o < n; a = a->next)
		o += (size_t)snprintf(buf + o, n - o, "acl %s %u|", a->name, a->naces);
	for (const tc_tset *t = d->tsets; t && o < n; t = t->next)
		o += (size_t)snprintf(buf + o, n - o, "ts %s %s %s|", t->name, t->enc, t->auth);
}

/* text with every "\n" replaced by eol (a malloc'd copy). */
static char *with_eol(const char *text, const char *eol, bool alternate)
{
	size_t n = strlen(text), el = strlen(eol), o = 0, k = 0;
	char *out = malloc(n * (el + 1) + 1);
	assert_non_null(out);
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '\n' && (!alternate || k++ % 2 == 0)) {
			memcpy(out + o, eol, el);
			o += el;
		} else {
			out[o++] = text[i];
		}
	}
	out[o] = '\0';
	return out;
}

/* ---- UTF-8 and printable text -------------------------------------------------- */

static void utf8_len_accepts_well_formed_characters(void **state)
{
	(void)state;
	assert_int_equal(tc_utf8_len("a", 1), 1);
	assert_int_equal(tc_utf8_len("\xc3\xa9", 2), 2);	 /* é */
	assert_int_equal(tc_utf8_len("\xe2\x82\xac", 3), 3);	 /* € */
	assert_int_equal(tc_utf8_len("\xf0\x9f\x94\x91", 4), 4); /* key emoji */
	assert_int_equal(tc_utf8_len("\xf4\x8f\xbf\xbf", 4), 4); /* U+10FFFF */
}

static void utf8_len_rejects_ill_formed_bytes(void **state)
{
	(void)state;
	assert_int_equal(tc_utf8_len("", 0), 0);
	assert_int_equal(tc_utf8_len("\x80", 1), 0); /* stray continuation */
	assert_int_equal(tc_utf8_len("\xff", 1), 0);
	assert_int_equal(tc_utf8_len("\xe9t\xe9", 3), 0);	 /* Latin-1 é */
	assert_int_equal(tc_utf8_len("\xc0\xaf", 2), 0);	 /* overlong '/' */
	assert_int_equal(tc_utf8_len("\xe0\x80\xaf", 3), 0);	 /* overlong */
	assert_int_equal(tc_utf8_len("\xed\xa0\x80", 3), 0);	 /* surrogate */
	assert_int_equal(tc_utf8_len("\xf4\x90\x80\x80", 4), 0); /* above U+10FFFF */
	assert_int_equal(tc_utf8_len("\xc3\xa9", 1), 0);	 /* cut by the length */
	assert_int_equal(tc_utf8_len("\xe2\x82", 2), 0);	 /* truncated */
	assert_int_equal(tc_utf8_len("\xe2\x28\xac", 3), 0);	 /* bad continuation */
}

static void text_clean_replaces_controls_and_bad_bytes_in_place(void **state)
{
	(void)state;
	char s[] = "R\xff"
		   "2\x1b[31m caf\xc3\xa9\tx\x7f\xc2\x9b!";
	size_t n = strlen(s);
	assert_ptr_equal(tc_text_clean(s), s);
	assert_int_equal(strlen(s), n); /* columns stay where they were */
	assert_string_equal(s, "R?2?[31m caf\xc3\xa9\tx??"
			       "?!"); /* split: no trigraph */
	assert_true(printable(s));
}

static void diagnostics_are_kept_printable(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_model_diag(m, "f.cfg", 3, 1, TC_SEV_WARNING, "unknown-line", "zap \x1b]0;owned\x07 \xfe",
		      "unknown command '%s'", "zap\x1b\xfe");
	const tc_diag *g = m->diags;
	assert_non_null(g);
	assert_string_equal(g->text, "zap ?]0;owned? ?");
	assert_string_equal(g->msg, "unknown command 'zap?"
				    "?'");
	tc_model_free(m);
}

/* The JSON of a model whose one diagnostic is about file holds want, and is printable. */
static void assert_json_names_file(const char *file, const char *want)
{
	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_model_diag(m, file, 1, 0, TC_SEV_ERROR, "binary-file", NULL, "skipped");
	assert_int_equal(tc_model_finalize(m), 0);
	char *j = render_json(m);
	assert_non_null(strstr(j, want));
	assert_true(printable(j));
	free(j);
	tc_model_free(m);
}

static void json_output_stays_utf8_whatever_the_file_names(void **state)
{
	(void)state;
	assert_json_names_file("conf\xe9/r\xff.cfg", "\"file\": \"conf\\ufffd/r\\ufffd.cfg\"");
}

/* What no output shows as it is: C1 controls are terminal escapes (U+009B is CSI), bidi
 * embeddings, overrides and isolates reorder the text after them on screen ("Trojan Source",
 * CVE-2021-42574), U+2028/U+2029 end lines, U+FFFE/U+FFFF are not XML characters. Each range
 * is checked at both ends and just outside them. */
static void text_char_marks_controls_bidi_and_non_xml_characters(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		uint32_t cp;
		size_t len;
		bool unsafe;
	} cases[] = {
		{"a", 'a', 1, false},
		{"\t", '\t', 1, true}, /* outputs that keep tabs test for them first */
		{"\x7f", 0x7f, 1, true},
		{"\xc2\x80", 0x80, 2, true},
		{"\xc2\x9b", 0x9b, 2, true},
		{"\xc2\x9f", 0x9f, 2, true},
		{"\xc2\xa0", 0xa0, 2, false},
		{"\xe2\x80\xa7", 0x2027, 3, false},
		{"\xe2\x80\xa8", 0x2028, 3, true},
		{"\xe2\x80\xa9", 0x2029, 3, true},
		{"\xe2\x80\xaa", 0x202a, 3, true},
		{"\xe2\x80\xae", 0x202e, 3, true},
		{"\xe2\x80\xaf", 0x202f, 3, false},
		{"\xe2\x81\xa5", 0x2065, 3, false},
		{"\xe2\x81\xa6", 0x2066, 3, true},
		{"\xe2\x81\xa9", 0x2069, 3, true},
		{"\xe2\x81\xaa", 0x206a, 3, false},
		{"\xef\xbf\xbd", 0xfffd, 3, false},
		{"\xef\xbf\xbe", 0xfffe, 3, true},
		{"\xef\xbf\xbf", 0xffff, 3, true},
		{"\xf0\x9f\x94\x91", 0x1f511, 4, false},
		{"\xff", 0xfffd, 1, true},     /* ill-formed: one byte at a time */
		{"\xe2\x80", 0xfffd, 1, true}, /* truncated */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tc_char c = tc_text_char(cases[i].s, strlen(cases[i].s));
		assert_int_equal(c.cp, cases[i].cp);
		assert_int_equal(c.len, cases[i].len);
		assert_int_equal(c.unsafe, cases[i].unsafe);
	}
}

static void text_clean_hides_bidi_controls_and_line_separators(void **state)
{
	(void)state;
	char s[] = "a\xe2\x80\xae"
		   "b\xe2\x81\xa6"
		   "c\xe2\x80\xa8"
		   "d\xef\xbf\xbf"
		   "e\xc2\xa0";
	assert_string_equal(tc_text_clean(s), "a???b???c???d???e\xc2\xa0");
}

static void json_escapes_c1_bidi_and_line_separators(void **state)
{
	(void)state;
	/* file names are not cleaned where they are stored: the writer escapes them */
	assert_json_names_file("a\xc2\x9b"
			       "b\xe2\x80\xae"
			       "c\xe2\x80\xa8"
			       "d\xef\xbf\xbe.cfg",
			       "\"file\": \"a\\u009bb\\u202ec\\u2028d\\ufffe.cfg\"");
}

/* ---- the config parser ------------------------------------------------------------ */

static void hostname_with_control_and_bad_bytes_is_made_printable(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_device *d = parse(m, "hostname R\xff\x1b[2J\n");
	assert_string_equal(d->hostname, "R??[2J");
	tc_model_free(m);
}

static void crlf_mixed_and_tab_separated_files_parse_like_lf(void **state)
{
	(void)state;
	char want[4096], got[4096];
	tc_model *m = tc_model_new();
	assert_non_null(m);
	summarise(want, sizeof want, parse(m, lab_r2));
	assert_int_equal(m->ndiags[TC_SEV_WARNING] + m->ndiags[TC_SEV_ERROR], 0);

	char *crlf = with_eol(lab_r2, "\r\n", false);
	char *mixed = with_eol(lab_r2, "\r\n", true);
	char *tabs = strdup(lab_r2);
	assert_non_null(tabs);
	for (char *p = tabs; *p; p++)
		if (*p == ' ' && p[-1] != '\n')
			*p = '\t'; /* between words; indentation stays spaces */
	const char *variants[] = {crlf, mixed, tabs};
	for (size_t k = 0; k < 3; k++) {
		tc_model *v = tc_model_new();
		assert_non_null(v);
		summarise(got, sizeof got, parse(v, variants[k]));
		assert_string_equal(got, want);
		assert_int_equal(v->ndiags[TC_SEV_WARNING] + v->ndiags[TC_SEV_ERROR], 0);
		tc_model_free(v);
	}
	free(crlf);
	free(mixed);
	free(tabs);
	tc_model_free(m);
}

static void nul_bytes_inside_a_buffer_do_not_stop_the_parse(void **state)
{
	(void)state;
	/* the snapshot loader refuses files with NUL bytes; the library call
	 * must still survive them and read the lines after one */
	static const char text[] = "hostname R9\n"
				   "interface Gi0/0\0junk\n"
				   " ip address 10.0.0.1 255.255.255.0\n"
				   "ip route 0.0.0.0 0.0.0.0 10.0.0.254\n";
	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_device *d = parse_n(m, text, sizeof text - 1, TC_DIALECT_IOS);
	assert_string_equal(d->hostname, "R9");
	assert_non_null(d->routes);
	tc_model_free(m);
}

static void empty_and_unterminated_buffers_parse(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_device *d = parse_n(m, "", 0, TC_DIALECT_UNKNOWN);
	assert_null(d->hostname);
	d = parse_n(m, "hostname LAST", 13, TC_DIALECT_ASA); /* no final newline */
	assert_string_equal(d->hostname, "LAST");
	d = parse_n(m, "\r\r\n\n   \n\t\n", 9, TC_DIALECT_IOS);
	assert_null(d->hostname);
	assert_int_equal(tc_model_finalize(m), 0);
	tc_model_free(m);
}

static void a_ten_megabyte_line_gives_one_bounded_diagnostic(void **state)
{
	(void)state;
	size_t n = 10u << 20;
	char *text = malloc(n + 64);
	assert_non_null(text);
	memset(text, 'x', n);
	memcpy(text, "access-list ", 12);
	size_t len = n + (size_t)snprintf(text + n, 64, "\nhostname AFTER\n");
	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_device *d = parse_n(m, text, len, TC_DIALECT_UNKNOWN);
	assert_string_equal(d->hostname, "AFTER"); /* the line after it is read */
	unsigned on_line1 = 0;
	for (const tc_diag *g = m->diags; g; g = g->next) {
		assert_int_equal(g->line, 1);
		on_line1++;
		assert_true(strlen(g->msg) < 4096);
		assert_true(!g->text || strlen(g->text) < 4096);
	}
	assert_int_equal(on_line1, 1);
	free(text);
	tc_model_free(m);
}

static void impossible_addresses_and_masks_are_rejected(void **state)
{
	(void)state;
	uint32_t ip;
	uint8_t len;
	static const char *const bad[] = {"999.1.1.1", "1.2.3",	    "1.2.3.4.5",
					  "256.0.0.0", "1..2.3",    "1.2.3.4 ",
					  "-1.2.3.4",  "01.2.3.4x", ""};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
		assert_int_equal(tc_ip_parse(&ip, bad[k], strlen(bad[k])), TC_EPARSE);
	assert_int_equal(tc_mask_to_len(&len, 0xff00ff00u), TC_EPARSE);	    /* 255.0.255.0 */
	assert_int_equal(tc_mask_to_len(&len, 0x00ffffffu), TC_EPARSE);	    /* 0.255.255.255 */
	assert_int_equal(tc_wildcard_to_len(&len, 0x00ff00ffu), TC_EPARSE); /* 0.255.0.255 */
	tc_prefix p;
	assert_int_equal(tc_prefix_parse(&p, "10.0.0.0/33", 11), TC_EPARSE);

	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_device *d = parse(m, "hostname R1\n"
				"interface Gi0/0\n"
				" ip address 999.1.1.1 255.255.255.0\n"
				"interface Gi0/1\n"
				" ip address 10.1.1.1 255.0.255.0\n"
				"ip route 10.9.0.0 255.255.0.0 300.1.1.1\n"
				"ip access-list extended A\n"
				" permit ip 10.0.0.0 0.255.0.255 any\n"
				"ip route 10.8.0.0 255.255.0.0 10.1.1.2\n");
	assert_non_null(diag_at(m, 3, "bad-syntax"));
	assert_non_null(diag_at(m, 5, "bad-syntax"));
	assert_non_null(diag_at(m, 6, "bad-syntax"));
	assert_non_null(diag_at(m, 8, "unsupported")); /* valid IOS, not modelled */
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		assert_false(i->has_addr);
	unsigned routes = 0;
	for (const tc_route *r = d->routes; r; r = tc_route_next(r))
		routes++;
	assert_int_equal(routes, 1); /* the good route after the bad ones */
	tc_model_free(m);
}

static void undefined_acl_and_transform_set_are_diagnosed_at_their_line(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	assert_non_null(m);
	parse(m, "hostname R1\n"
		 "crypto map CMAP 10 ipsec-isakmp\n"
		 " set peer 192.0.2.1\n"
		 " set transform-set NO-TS\n"
		 " match address NO-ACL\n");
	assert_int_equal(tc_model_finalize(m), 0);
	bool acl = false, ts = false;
	for (const tc_diag *g = m->diags; g; g = g->next) {
		acl |= strcmp(g->code, "undefined-acl") == 0 && strstr(g->msg, "NO-ACL") && g->line;
		ts |= strcmp(g->code, "undefined-transform-set") == 0 && strstr(g->msg, "NO-TS") &&
		      g->line;
	}
	assert_true(acl);
	assert_true(ts);
	tc_model_free(m);
}

/* ---- route captures ------------------------------------------------------------------ */

static void a_capture_that_is_not_a_route_table_keeps_the_config_routes(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_device *d = parse(m, lab_r2);
	assert_int_equal(tc_parse_routes(m, d, "routes/R2.txt", lab_r2, strlen(lab_r2)), 0);
	assert_false(d->has_capture);
	assert_non_null(diag_at(m, 1, "unknown-line"));
	assert_string_equal(diag_at(m, 1, "unknown-line")->file, "routes/R2.txt");
	assert_int_equal(tc_model_finalize(m), 0);
	uint32_t a = 0x08080808u;
	const tc_fib_entry *fe = tc_fib_lookup(d, a);
	assert_non_null(fe); /* the config's default route still routes */
	assert_int_equal(fe->route->origin, TC_RT_STATIC);
	tc_model_free(m);
}

static void binary_junk_as_a_capture_is_survived(void **state)
{
	(void)state;
	unsigned char junk[4096];
	uint32_t x = 2463534242u;
	for (size_t k = 0; k < sizeof junk; k++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5; /* xorshift: fixed, reproducible bytes */
		junk[k] = (unsigned char)x;
	}
	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_device *d = parse(m, lab_r2);
	assert_int_equal(tc_parse_routes(m, d, "routes/R2.txt", (const char *)junk, sizeof junk),
			 0);
	assert_int_equal(tc_model_finalize(m), 0);
	for (const tc_diag *g = m->diags; g; g = g->next) {
		assert_true(printable(g->msg));
		assert_true(!g->text || printable(g->text));
	}
	tc_model_free(m);
}

/* ---- reading files: tc_text_read() ---------------------------------------------- */

/* bytes[0..n) into a new temporary file; its path in a static buffer. */
static const char *temp_file(const void *bytes, size_t n)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/tc-hostile-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* The text tc_text_read() makes of bytes[0..n) with limit max: rc, the
 * refusal in *why, the text compared with want (when rc is 0). */
static void read_as(const void *bytes, size_t n, size_t max, int rc, tc_text_refusal why,
		    const char *want, size_t want_len)
{
	const char *path = temp_file(bytes, n);
	char *text = NULL;
	size_t len = 0;
	tc_text_refusal got = TC_TEXT_READ;
	assert_int_equal(tc_text_read(&text, &len, path, max, &got), rc);
	assert_int_equal(got, why);
	if (rc == 0) {
		assert_int_equal(len, want_len);
		assert_memory_equal(text, want, want_len);
		assert_int_equal(text[len], '\0');
	} else {
		assert_null(text);
	}
	free(text);
	remove(path);
}

static void utf16_with_a_byte_order_mark_is_converted_to_utf8(void **state)
{
	(void)state;
	/* LE "hi\r\n", "é" (U+00E9), "€" (U+20AC) and "😀" (U+1F600, a surrogate pair) */
	static const unsigned char le[] = {0xff, 0xfe, 'h', 0,	  'i',	0,    '\r', 0,	  '\n',
					   0,	 0xe9, 0,   0xac, 0x20, 0x3d, 0xd8, 0x00, 0xde};
	read_as(le, sizeof le, 0, 0, TC_TEXT_READ, "hi\r\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80",
		13);
	static const unsigned char be[] = {0xfe, 0xff, 0, 'h', 0, 'i', 0, '\n'};
	read_as(be, sizeof be, 0, 0, TC_TEXT_READ, "hi\n", 3);
}

static void utf16_without_a_byte_order_mark_is_recognised_by_its_nuls(void **state)
{
	(void)state;
	static const unsigned char le[] = {'!', 0, '\n', 0, 'h', 0, 'o', 0, 's', 0, 't', 0};
	read_as(le, sizeof le, 0, 0, TC_TEXT_READ, "!\nhost", 6);
	static const unsigned char be[] = {0, '!', 0, '\n', 0, 'x'};
	read_as(be, sizeof be, 0, 0, TC_TEXT_READ, "!\nx", 3);
}

static void utf16_that_does_not_convert_is_named_utf16_not_binary(void **state)
{
	(void)state;
	static const unsigned char odd[] = {0xff, 0xfe, 'h', 0, 'i'};
	read_as(odd, sizeof odd, 0, TC_EPARSE, TC_TEXT_BAD_UTF16, NULL, 0);
	static const unsigned char lone[] = {0xff, 0xfe, 'h', 0, 0x00, 0xdc, 'i', 0};
	read_as(lone, sizeof lone, 0, TC_EPARSE, TC_TEXT_BAD_UTF16, NULL, 0);
	/* U+0000 in UTF-16 is a NUL all the same */
	static const unsigned char nul[] = {0xff, 0xfe, 'h', 0, 0, 0, 'i', 0};
	read_as(nul, sizeof nul, 0, TC_EPARSE, TC_TEXT_BINARY, NULL, 0);
}

static void cr_alone_ends_lines_only_in_a_file_without_lf(void **state)
{
	(void)state;
	read_as("a\rb\r", 4, 0, 0, TC_TEXT_READ, "a\nb\n", 4);
	/* CRLF, and a stray CR among LF lines, stay as they are (line numbers do not move) */
	read_as("a\r\nb\rc\n", 7, 0, 0, TC_TEXT_READ, "a\r\nb\rc\n", 7);
}

static void a_nul_byte_or_a_file_over_the_limit_is_refused(void **state)
{
	(void)state;
	read_as("host\0name", 9, 0, TC_EPARSE, TC_TEXT_BINARY, NULL, 0);
	read_as("0123456789", 10, 9, TC_EPARSE, TC_TEXT_TOO_LARGE, NULL, 0);
	read_as("0123456789", 10, 10, 0, TC_TEXT_READ, "0123456789", 10);
	/* a NUL past the first 64 KiB block is found all the same */
	size_t n = 200 * 1024;
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, 'x', n);
	big[n - 3] = '\0';
	read_as(big, n, 0, TC_EPARSE, TC_TEXT_BINARY, NULL, 0);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_len_accepts_well_formed_characters),
		cmocka_unit_test(utf8_len_rejects_ill_formed_bytes),
		cmocka_unit_test(text_clean_replaces_controls_and_bad_bytes_in_place),
		cmocka_unit_test(diagnostics_are_kept_printable),
		cmocka_unit_test(json_output_stays_utf8_whatever_the_file_names),
		cmocka_unit_test(text_char_marks_controls_bidi_and_non_xml_characters),
		cmocka_unit_test(text_clean_hides_bidi_controls_and_line_separators),
		cmocka_unit_test(json_escapes_c1_bidi_and_line_separators),
		cmocka_unit_test(hostname_with_control_and_bad_bytes_is_made_printable),
		cmocka_unit_test(crlf_mixed_and_tab_separated_files_parse_like_lf),
		cmocka_unit_test(nul_bytes_inside_a_buffer_do_not_stop_the_parse),
		cmocka_unit_test(empty_and_unterminated_buffers_parse),
		cmocka_unit_test(a_ten_megabyte_line_gives_one_bounded_diagnostic),
		cmocka_unit_test(impossible_addresses_and_masks_are_rejected),
		cmocka_unit_test(undefined_acl_and_transform_set_are_diagnosed_at_their_line),
		cmocka_unit_test(a_capture_that_is_not_a_route_table_keeps_the_config_routes),
		cmocka_unit_test(binary_junk_as_a_capture_is_survived),
		cmocka_unit_test(utf16_with_a_byte_order_mark_is_converted_to_utf8),
		cmocka_unit_test(utf16_without_a_byte_order_mark_is_recognised_by_its_nuls),
		cmocka_unit_test(utf16_that_does_not_convert_is_named_utf16_not_binary),
		cmocka_unit_test(cr_alone_ends_lines_only_in_a_file_without_lf),
		cmocka_unit_test(a_nul_byte_or_a_file_over_the_limit_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
