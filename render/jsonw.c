/* jsonw.c: the one JSON writer of the renderers: two-space indentation, members in call order,
 * a container opened with tc_jw_open_line() on one line.
 *
 * The writer gathers its output in its own buffer and hands it to stdio in
 * blocks (a 10 000-domain prediction is ~160 MB of JSON in ~40 M tokens: one
 * stdio call per token was most of `predict -f json`'s time). */
#include "render_int.h"

#include <string.h>

static void flush(tc_jw *w)
{
	if (w->len)
		fwrite(w->buf, 1, w->len, w->out);
	w->len = 0;
}

void tc_jw_flush(tc_jw *w)
{
	flush(w);
}

static void put(tc_jw *w, const char *s, size_t n)
{
	if (n > sizeof w->buf - w->len) {
		flush(w);
		if (n > sizeof w->buf) {
			fwrite(s, 1, n, w->out);
			return;
		}
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void put_c(tc_jw *w, char c)
{
	if (w->len == sizeof w->buf)
		flush(w);
	w->buf[w->len++] = c;
}

static void put_s(tc_jw *w, const char *s)
{
	put(w, s, strlen(s));
}

/* Bytes copied as they are inside a JSON string: printable ASCII but the
 * quote and the backslash. */
static bool plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TC_JW_WORDS 1
/* The lanes of x (eight bytes, little-endian) whose byte is not plain,
 * flagged in their high bit: below 0x20, 0x7f or above, quote, backslash.
 * A borrow only ever flags lanes after a flagged one, so the lowest flag is
 * the first such byte. */
static uint64_t not_plain(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\'), d = x ^ (ones * 0x7f);
	return (((x - ones * 0x20) & ~x) | x | ((q - ones) & ~q) | ((b - ones) & ~b) |
		((d - ones) & ~d)) &
	       high;
}
#endif

/* How many bytes of s[0..n) are plain before the first that is not: eight
 * at a time where words are little-endian, the last few in one word that
 * overlaps bytes already found plain. */
static size_t plain_run(const char *s, size_t n)
{
	size_t i = 0;
#ifdef TC_JW_WORDS
	uint64_t x, m;
	for (; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		if ((m = not_plain(x)) != 0)
			return i + (size_t)__builtin_ctzll(m) / 8;
	}
	if (i < n && n >= 8) { /* the word that ends at n */
		memcpy(&x, s + n - 8, 8);
		m = not_plain(x);
		return m ? n - 8 + (size_t)__builtin_ctzll(m) / 8 : n;
	}
	if (n >= 4) { /* 4 to 7 bytes: the first four and the last four */
		uint32_t lo, hi;
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		m = not_plain(lo | (uint64_t)hi << 32);
		if (!m)
			return n;
		size_t lane = (size_t)__builtin_ctzll(m) / 8;
		return lane < 4 ? lane : n - 8 + lane;
	}
#endif
	while (i < n && plain((unsigned char)s[i]))
		i++;
	return i;
}

/* s as a JSON string literal, quotes included: quote, backslash and unsafe
 * characters escaped, a byte of ill-formed UTF-8 as U+FFFD (configs and
 * file names are whatever the repository holds), so the output stays JSON
 * and shows no more than a terminal would. */
static void put_string(tc_jw *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	put_c(w, '"');
	for (size_t n = strlen(s); n;) {
		size_t run = plain_run(s, n);
		put(w, s, run);
		s += run;
		n -= run;
		if (!n)
			break;
		tc_char c = tc_text_char(s, n);
		if (c.cp == '"' || c.cp == '\\') {
			put_c(w, '\\');
			put_c(w, (char)c.cp);
		} else if (c.cp == '\n') {
			put(w, "\\n", 2);
		} else if (c.unsafe) { /* all below U+10000: one \uXXXX */
			char u[6] = {'\\',
				     'u',
				     hex[c.cp >> 12],
				     hex[c.cp >> 8 & 15],
				     hex[c.cp >> 4 & 15],
				     hex[c.cp & 15]};
			put(w, u, sizeof u);
		} else {
			put(w, s, c.len);
		}
		s += c.len;
		n -= c.len;
	}
	put_c(w, '"');
}

/* A newline and the indentation of the current depth. */
static void newline(tc_jw *w)
{
	static const char spaces[] =
		"                                                                ";
	put_c(w, '\n');
	for (size_t n = 2 * (size_t)w->depth; n;) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		put(w, spaces, k);
		n -= k;
	}
}

/* Inside a container tc_jw_open_line() opened (or one nested in it)? */
static bool on_one_line(const tc_jw *w)
{
	return w->line && w->depth >= w->line;
}

/* Separator, newline and indent before a member (one line: ", " between members, as Python's
 * json.dumps separates them); then its key, if any. */
static void member(tc_jw *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->fresh)
			put_c(w, ',');
		if (!on_one_line(w))
			newline(w);
		else if (!w->fresh)
			put_c(w, ' ');
	}
	w->fresh = false;
	if (key) { /* a name of the program's (render_int.h): nothing to escape */
		put_c(w, '"');
		put_s(w, key);
		put(w, "\": ", 3);
	}
}

void tc_jw_open(tc_jw *w, const char *key, char bracket)
{
	member(w, key);
	put_c(w, bracket);
	w->depth++;
	w->fresh = true;
}

void tc_jw_open_line(tc_jw *w, const char *key, char bracket)
{
	tc_jw_open(w, key, bracket);
	if (!w->line)
		w->line = w->depth;
}

void tc_jw_close(tc_jw *w, char bracket)
{
	bool one_line = on_one_line(w);
	w->depth--;
	if (!w->fresh && !one_line)
		newline(w);
	put_c(w, bracket);
	w->fresh = false;
	if (w->depth < w->line)
		w->line = 0;
	if (w->depth == 0)
		flush(w);
}

int tc_jw_finish(tc_jw *w, char bracket)
{
	tc_jw_close(w, bracket);
	putc('\n', w->out);
	return ferror(w->out) ? TC_ERROR : 0;
}

void tc_jw_str(tc_jw *w, const char *key, const char *s)
{
	member(w, key);
	if (s)
		put_string(w, s);
	else
		put(w, "null", 4);
}

void tc_jw_uint(tc_jw *w, const char *key, unsigned long long v)
{
	char d[24];
	size_t i = sizeof d;
	do
		d[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	member(w, key);
	put(w, d + i, sizeof d - i);
}

void tc_jw_uint_if(tc_jw *w, const char *key, bool has, unsigned long long v)
{
	if (has)
		tc_jw_uint(w, key, v);
	else
		tc_jw_null(w, key);
}

void tc_jw_bool(tc_jw *w, const char *key, bool v)
{
	member(w, key);
	put_s(w, v ? "true" : "false");
}

void tc_jw_null(tc_jw *w, const char *key)
{
	member(w, key);
	put(w, "null", 4);
}

void tc_jw_raw(tc_jw *w, const char *key, const char *json)
{
	member(w, key);
	put_s(w, json);
}

/* An address or prefix as text: digits, dots and a slash, nothing to escape (a trace writes
 * several per event). */
static void put_quoted_plain(tc_jw *w, const char *key, const char *s)
{
	member(w, key);
	put_c(w, '"');
	put_s(w, s);
	put_c(w, '"');
}

void tc_jw_ip(tc_jw *w, const char *key, bool has, uint32_t ip)
{
	char buf[TC_IP_STRLEN];
	if (has)
		put_quoted_plain(w, key, tc_ip_format(buf, sizeof buf, ip));
	else
		tc_jw_null(w, key);
}

void tc_jw_prefix(tc_jw *w, const char *key, tc_prefix p)
{
	char buf[TC_PREFIX_STRLEN];
	put_quoted_plain(w, key, tc_prefix_format(buf, sizeof buf, p));
}
