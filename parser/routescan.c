/* routescan.c: a hand scanner for the common `show ip route` line shapes, ahead of the patterns.
 *
 * Route ingestion spent ~70 % of its time in PCRE2 (the route line, then its
 * path part, each a JIT match). This scanner reads the shapes that make up
 * nearly every capture in one pass with no allocation:
 *
 *   CODE  PREFIX[/LEN] [AD/METRIC] via NH[, AGE][, IF]
 *   CODE  PREFIX[/LEN] is directly connected, IF     (also "is a summary", VPN)
 *   CODE  PREFIX[/LEN]                               (path wrapped onto the next line)
 *         [AD/METRIC] via NH[, AGE][, IF]            (equal-cost path, wrapped path)
 *         A/LEN is [variably] subnetted, ...
 *   Codes: ...  /  "       D - EIGRP, ..."  /  Gateway of last resort ...
 *
 * The patterns of re.c stay the definition: a line is taken here only when
 * every pattern routes.c tries before the one that would match it cannot
 * match, and the matching one would give the same groups. The scanner follows
 * the order in which PCRE2 tries the alternatives (greedy first) and gives up
 * (returns false) wherever PCRE2 would have to backtrack, wherever a \s
 * other than a blank could change what matches, or where the pattern path
 * would report something (numbers out of range, a network that is a name).
 * The free text (ages, interface names) is read by the same code on both
 * paths. tests/test_routescan.c compares both paths route by route. */
#include "routescan_int.h"

#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A PCRE2 \w byte (no UCP: ASCII letters, digits, underscore). */
static bool is_word(char c)
{
	return is_alpha(c) || is_digit(c) || c == '_';
}

/* A PCRE2 \s byte (no UCP): blank, LF, VT, FF, CR. */
static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* p[i..n) starts with the NUL-terminated word w. */
static bool starts(const char *p, size_t i, size_t n, const char *w, size_t wl)
{
	return n - i >= wl && memcmp(p + i, w, wl) == 0;
}
#define STARTS(p, i, n, lit) starts(p, i, n, lit, sizeof lit - 1)

/* Blanks at p[*i..n); returns how many were skipped. */
static size_t skip_blanks(const char *p, size_t *i, size_t n)
{
	size_t k = *i;
	while (k < n && is_blank(p[k]))
		k++;
	size_t skipped = k - *i;
	*i = k;
	return skipped;
}

/* One octet at p[*k..n): 1-3 digits, <= 255, shifted into *ip. */
static bool octet(const char *p, size_t *k, size_t n, uint32_t *ip)
{
	size_t i = *k;
	unsigned v, d;
	if (i >= n || (v = (unsigned)(unsigned char)p[i] - '0') > 9)
		return false;
	i++;
	if (i < n && (d = (unsigned)(unsigned char)p[i] - '0') <= 9) {
		v = v * 10 + d;
		i++;
		if (i < n && (d = (unsigned)(unsigned char)p[i] - '0') <= 9) {
			v = v * 10 + d;
			i++;
		}
	}
	*ip = *ip << 8 | v;
	*k = i;
	return v <= 255;
}

/* A dotted quad at p[*i..n) as (?:\d{1,3}\.){3}\d{1,3} reads it, accepted only
 * when it is unambiguous: the whole run of digits and dots is an address
 * tc_ip_parse accepts (octets of 1-3 digits, each <= 255), so that the
 * pattern neither stops inside the run nor gives an address tc_ip_parse
 * refuses. One pass: this is read twice for most routes. */
static bool scan_ip(const char *p, size_t *i, size_t n, uint32_t *out)
{
	size_t k = *i;
	uint32_t ip = 0;
	if (!octet(p, &k, n, &ip) || k >= n || p[k++] != '.' || !octet(p, &k, n, &ip) || k >= n ||
	    p[k++] != '.' || !octet(p, &k, n, &ip) || k >= n || p[k++] != '.' ||
	    !octet(p, &k, n, &ip) || (k < n && (is_digit(p[k]) || p[k] == '.')))
		return false;
	*i = k;
	*out = ip;
	return true;
}

/* "/LEN" (\d{1,2}) at p[*i..n), the slash already read: *out 0..99. */
static bool scan_len(const char *p, size_t *i, size_t n, int *out)
{
	size_t k = *i;
	if (k >= n || !is_digit(p[k]))
		return false;
	int v = p[k++] - '0';
	if (k < n && is_digit(p[k]))
		v = v * 10 + (p[k++] - '0');
	*i = k;
	*out = v;
	return true;
}

/* A decimal number of 1-10 digits <= max at p[*i..n) (tc_tok_uint's limits). */
static bool scan_uint(const char *p, size_t *i, size_t n, unsigned long max, unsigned *out)
{
	size_t k = *i;
	unsigned long v = 0;
	while (k < n && is_digit(p[k])) {
		if (k - *i == 10)
			return false;
		v = v * 10 + (unsigned long)(p[k] - '0');
		k++;
	}
	if (k == *i || v > max)
		return false;
	*i = k;
	*out = (unsigned)v;
	return true;
}

void tc_rs_tail_ifname(const char *p, const char *end, const char **out, size_t *outlen)
{
	/* from the end: usually the last field is the interface */
	for (const char *q = end;;) {
		const char *c = q;
		while (c > p && c[-1] != ',')
			c--;
		const char *s = c, *e = q;
		while (s < e && is_blank(*s))
			s++;
		while (e > s && is_blank(e[-1]))
			e--;
		if (e > s && !is_digit(*s)) {
			*out = s;
			*outlen = (size_t)(e - s);
			return;
		}
		if (c == p)
			break;
		q = c - 1; /* before the comma */
	}
	*out = NULL;
	*outlen = 0;
}

/* The path part at p[i..n) as TC_RE_RT_VIA, then TC_RE_RT_CONN, read it. */
static bool scan_path(const char *p, size_t i, size_t n, tc_rs_path *out)
{
	memset(out, 0, sizeof *out);
	if (p[i] == '[') {
		/* \[(?<ad>\d+)/(?<metric>\d+)\](?:\s+via\s+(?<nh>IP))?(?:\s*\((?<name>[^)]*)\))?(?<tail>.*)$ */
		i++;
		if (!scan_uint(p, &i, n, 255, &out->ad) || i >= n || p[i] != '/')
			return false;
		i++;
		if (!scan_uint(p, &i, n, 4294967295ul, &out->metric) || i >= n || p[i] != ']')
			return false;
		i++;
		out->has_ad = true;
		/* wherever a \s other than a blank could change what matches, the
		 * patterns decide */
		size_t k = i, nb = skip_blanks(p, &k, n);
		if (k < n && is_space(p[k]))
			return false;
		if (nb > 0 && STARTS(p, k, n, "via") && k + 3 < n && is_space(p[k + 3])) {
			k += 3;
			skip_blanks(p, &k, n);
			if (!scan_ip(p, &k, n, &out->nh))
				return false;
			out->has_nh = true;
			i = k;
		}
		k = i;
		skip_blanks(p, &k, n);
		if (k < n && (p[k] == '(' || is_space(p[k])))
			return false; /* "(VRF)" of the next hop: the patterns read it */
	} else if (STARTS(p, i, n, "is directly connected")) {
		i += sizeof "is directly connected" - 1;
	} else if (STARTS(p, i, n, "is a summary")) {
		i += sizeof "is a summary" - 1;
	} else if (STARTS(p, i, n, "connected by VPN (advertised)")) {
		i += sizeof "connected by VPN (advertised)" - 1;
	} else {
		return false;
	}
	/* the tail runs to the end of the line as long as the line does not end in
	 * a \s the pattern's \s*$ would leave out (blanks and CR are trimmed) */
	if (is_space(p[n - 1]))
		return false;
	tc_rs_tail_ifname(p + i, p + n, &out->ifname, &out->iflen);
	return true;
}

/* E1|E2|N1|N2|IA|EX|L1|L2|ia|su at p[i..n) */
static bool is_subcode(const char *p, size_t i, size_t n)
{
	if (n - i < 2)
		return false;
	char b = p[i + 1];
	switch (p[i]) {
	case 'E':
		return b == '1' || b == '2' || b == 'X';
	case 'N':
	case 'L':
		return b == '1' || b == '2';
	case 'I':
		return b == 'A';
	case 'i':
		return b == 'a';
	case 's':
		return b == 'u';
	default:
		return false;
	}
}

static bool is_code_mark(char c)
{
	return c == '*' || c == '+' || c == '%';
}

/* "CODE  A.B.C.D[/LEN] [PATH]" as TC_RE_RT_IOS reads it (TC_RE_RT_ASA, tried
 * first, cannot match it: no netmask follows the network, no name the code),
 * or "CODE  A.B.C.D MASK [PATH]" as TC_RE_RT_ASA does. */
static bool scan_route(const char *p, size_t n, tc_rs_line *out)
{
	/* (?<code>[A-Za-z]{1,2}[*+%&]*(?:[ ]?(?:E1|E2|...)[*+%]*)?) */
	size_t i = 1;
	if (i < n && is_alpha(p[i]))
		i++;
	while (i < n && (is_code_mark(p[i]) || p[i] == '&'))
		i++;
	if (i < n && p[i] == ' ' && is_subcode(p, i + 1, n))
		i += 3;
	else if (is_subcode(p, i, n))
		i += 2;
	else
		goto code_done;
	while (i < n && is_code_mark(p[i]))
		i++;
code_done:
	out->code = p;
	out->codelen = i;
	if (skip_blanks(p, &i, n) == 0 || i >= n || !is_digit(p[i]))
		return false;
	if (!scan_ip(p, &i, n, &out->net))
		return false;
	out->len = -1;
	out->has_mask = false;
	if (i < n && p[i] == '/') {
		i++;
		if (!scan_len(p, &i, n, &out->len) || (i < n && is_digit(p[i])))
			return false;
	} else {
		/* "NET MASK": TC_RE_RT_ASA, tried first, reads it; its rest is any
		 * text, which the path patterns then read as they do the IOS one */
		size_t k = i;
		if (skip_blanks(p, &k, n) > 0 && k < n && is_digit(p[k])) {
			if (!scan_ip(p, &k, n, &out->mask))
				return false;
			out->has_mask = true;
			i = k;
		}
	}
	out->kind = TC_RS_ROUTE;
	if (i == n) {
		out->has_path = false; /* wrapped: the path is on the next line */
		return true;
	}
	if (skip_blanks(p, &i, n) == 0 || i == n)
		return false;
	out->has_path = true;
	return scan_path(p, i, n, &out->path);
}

/* "  A.B.C.D/LEN is [variably] subnetted\b" as TC_RE_RT_HEADER reads it. */
static bool scan_header(const char *p, size_t i, size_t n, tc_rs_line *out)
{
	if (!scan_ip(p, &i, n, &out->net) || i >= n || p[i] != '/')
		return false;
	i++;
	if (!scan_len(p, &i, n, &out->len) || skip_blanks(p, &i, n) == 0 || !STARTS(p, i, n, "is"))
		return false;
	i += 2;
	if (skip_blanks(p, &i, n) == 0)
		return false;
	if (STARTS(p, i, n, "variably")) {
		size_t k = i + sizeof "variably" - 1;
		if (skip_blanks(p, &k, n) == 0)
			return false;
		i = k;
	}
	if (!STARTS(p, i, n, "subnetted"))
		return false;
	i += sizeof "subnetted" - 1;
	if (i < n && is_word(p[i]))
		return false;
	out->kind = TC_RS_HEADER;
	return true;
}

/* "   X - text" as the second alternative of TC_RE_RT_LEGEND reads it, when
 * TC_RE_RT_CONT (tried before) cannot match it. */
static bool scan_legend(const char *p, size_t i, size_t n, tc_rs_line *out)
{
	size_t s = i;
	while (i < n && !is_space(p[i]) && i - s < 4)
		i++;
	size_t tl = i - s;
	if (tl == 0 || tl > 3 || !STARTS(p, i, n, " - ") || i + 3 >= n || is_space(p[i + 3]))
		return false;
	if (p[s] == '[' || (tl == 2 && memcmp(p + s, "is", 2) == 0) ||
	    (tl == 3 && memcmp(p + s, "via", 3) == 0))
		return false; /* a continuation line by TC_RE_RT_CONT */
	out->kind = TC_RS_SKIP;
	return true;
}

bool tc_rs_scan(tc_rs_line *out, const char *p, size_t n)
{
	out->kind = TC_RS_OTHER;
	if (n == 0)
		return false;
	if (is_blank(p[0])) {
		size_t i = 0;
		skip_blanks(p, &i, n);
		if (i == n || is_space(p[i]))
			return false;
		if (is_digit(p[i]))
			return scan_header(p, i, n, out);
		if (p[i] == '[' || p[i] == 'i' || p[i] == 'c') {
			if (!scan_path(p, i, n, &out->path))
				return scan_legend(p, i, n, out);
			out->kind = TC_RS_CONT;
			return true;
		}
		return scan_legend(p, i, n, out);
	}
	if (STARTS(p, 0, n, "Codes:")) {
		out->kind = TC_RS_SKIP;
		return true;
	}
	if (STARTS(p, 0, n, "Gateway of last resort")) {
		size_t k = sizeof "Gateway of last resort" - 1;
		if (k < n && is_word(p[k]))
			return false;
		out->kind = TC_RS_SKIP;
		return true;
	}
	if (!is_alpha(p[0]))
		return false;
	return scan_route(p, n, out);
}
