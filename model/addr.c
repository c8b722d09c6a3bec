/* addr.c: IPv4 addresses, prefixes and masks, plus the secret digest. */
#include "model.h"

#include <string.h>

/* ---- dotted quads ----------------------------------------------------------------- */

/* The rule (every caller's, the parser's hot paths included): four octets of 1 to 3
 * decimal digits, each <= 255 (leading zeros allowed: "010" is 10), three dots, nothing
 * else. The word is copied into a buffer ending in a NUL, so the digits are read without
 * bounds checks, and each octet is unrolled (no strtoul, no digit counter). */
int tc_ip_parse(uint32_t *out, const char *s, size_t n)
{
	if (n < 7 || n > 15)
		return TC_EPARSE;
	unsigned char b[16];
	if (n >= 8) { /* two overlapping 8-byte copies cover any length 8..15 */
		memcpy(b, s, 8);
		memcpy(b + n - 8, s + n - 8, 8);
	} else {
		memcpy(b, s, 4);
		memcpy(b + 3, s + 3, 4);
	}
	b[n] = 0;
	const unsigned char *p = b;
	uint32_t ip = 0;
	for (int o = 0; o < 4; o++) {
		if (o > 0 && *p++ != '.')
			return TC_EPARSE;
		unsigned v = (unsigned)*p - '0', d;
		if (v > 9)
			return TC_EPARSE;
		p++;
		if ((d = (unsigned)*p - '0') <= 9) {
			v = v * 10 + d;
			p++;
			if ((d = (unsigned)*p - '0') <= 9) {
				v = v * 10 + d;
				p++;
				if (v > 255 || (unsigned)*p - '0' <= 9)
					return TC_EPARSE; /* over 255, or a fourth digit */
			}
		}
		ip = ip << 8 | v;
	}
	if (p != b + n)
		return TC_EPARSE;
	*out = ip;
	return 0;
}

uint32_t tc_len_to_mask(uint8_t len)
{
	return len == 0 ? 0 : len >= 32 ? 0xffffffffu : ~((1u << (32 - len)) - 1);
}

int tc_mask_to_len(uint8_t *out, uint32_t mask)
{
	uint8_t len = 0;
	while (len < 32 && (mask & (0x80000000u >> len)))
		len++;
	if (tc_len_to_mask(len) != mask)
		return TC_EPARSE;
	*out = len;
	return 0;
}

int tc_wildcard_to_len(uint8_t *out, uint32_t wildcard)
{
	return tc_mask_to_len(out, ~wildcard);
}

tc_prefix tc_prefix_make(uint32_t addr, uint8_t len)
{
	if (len > 32)
		len = 32;
	tc_prefix p = {addr & tc_len_to_mask(len), len};
	return p;
}

int tc_prefix_parse(tc_prefix *out, const char *s, size_t n)
{
	size_t slash = 0;
	while (slash < n && s[slash] != '/')
		slash++;
	uint32_t ip;
	if (tc_ip_parse(&ip, s, slash) != 0)
		return TC_EPARSE;
	unsigned len = 32;
	if (slash < n) {
		size_t i = slash + 1;
		if (i == n || n - i > 2)
			return TC_EPARSE;
		len = 0;
		for (; i < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return TC_EPARSE;
			len = len * 10 + (unsigned)(s[i] - '0');
		}
		if (len > 32)
			return TC_EPARSE;
	}
	*out = tc_prefix_make(ip, (uint8_t)len);
	return 0;
}

/* Decimal digits of v (0..255) at p; returns the end. */
static char *put_u8(char *p, unsigned v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

/* tmp[0..len) into buf[0..n) as snprintf would: truncated, NUL-terminated. */
static char *put_out(char *buf, size_t n, const char *tmp, size_t len)
{
	if (n == 0)
		return buf;
	if (len >= n)
		len = n - 1;
	memcpy(buf, tmp, len);
	buf[len] = '\0';
	return buf;
}

/* Hand-written rather than snprintf: the predictor formats an address or a
 * prefix into nearly every trace event, and snprintf's format parsing was a
 * tenth of a large prediction. */
char *tc_ip_format(char *buf, size_t n, uint32_t ip)
{
	char tmp[TC_IP_STRLEN], *p = tmp;
	for (int shift = 24; shift >= 0; shift -= 8) {
		p = put_u8(p, (ip >> shift) & 255);
		if (shift)
			*p++ = '.';
	}
	return put_out(buf, n, tmp, (size_t)(p - tmp));
}

char *tc_prefix_format(char *buf, size_t n, tc_prefix p)
{
	char tmp[TC_PREFIX_STRLEN + 4], *q = tmp;
	tc_ip_format(tmp, sizeof tmp, p.addr);
	q += strlen(tmp);
	*q++ = '/';
	q = put_u8(q, p.len);
	return put_out(buf, n, tmp, (size_t)(q - tmp));
}

char *tc_arena_ip(tc_arena *a, uint32_t ip)
{
	char buf[TC_IP_STRLEN];
	return tc_arena_strdup(a, tc_ip_format(buf, sizeof buf, ip));
}

char *tc_arena_prefix(tc_arena *a, tc_prefix p)
{
	char buf[TC_PREFIX_STRLEN];
	return tc_arena_strdup(a, tc_prefix_format(buf, sizeof buf, p));
}

bool tc_prefix_has(tc_prefix p, uint32_t ip)
{
	return (ip & tc_len_to_mask(p.len)) == p.addr;
}

bool tc_prefix_contains(tc_prefix outer, tc_prefix inner)
{
	return outer.len <= inner.len && tc_prefix_has(outer, inner.addr);
}

bool tc_prefix_overlaps(tc_prefix a, tc_prefix b)
{
	return tc_prefix_contains(a, b) || tc_prefix_contains(b, a);
}

int tc_prefix_cmp(tc_prefix a, tc_prefix b)
{
	if (a.addr != b.addr)
		return a.addr < b.addr ? -1 : 1;
	return (a.len > b.len) - (a.len < b.len);
}

uint32_t tc_prefix_host(tc_prefix p)
{
	return p.len < 31 ? p.addr + 1 : p.addr;
}

uint64_t tc_secret_digest(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}
