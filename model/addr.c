/* addr.c: IPv4 addresses, prefixes and masks, plus the secret digest. */
#include "model.h"

#include <string.h>

int tc_ip_parse(uint32_t *out, const char *s, size_t n)
{
	return tc_ip_parse_inline(out, s, n);
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

/* The octets' decimal texts, each in 4 bytes (NUL-padded). */
static const char octet_text[256][4] = {
	"0",   "1",   "2",   "3",   "4",   "5",	  "6",	 "7",	"8",   "9",   "10",  "11",  "12",
	"13",  "14",  "15",  "16",  "17",  "18",  "19",	 "20",	"21",  "22",  "23",  "24",  "25",
	"26",  "27",  "28",  "29",  "30",  "31",  "32",	 "33",	"34",  "35",  "36",  "37",  "38",
	"39",  "40",  "41",  "42",  "43",  "44",  "45",	 "46",	"47",  "48",  "49",  "50",  "51",
	"52",  "53",  "54",  "55",  "56",  "57",  "58",	 "59",	"60",  "61",  "62",  "63",  "64",
	"65",  "66",  "67",  "68",  "69",  "70",  "71",	 "72",	"73",  "74",  "75",  "76",  "77",
	"78",  "79",  "80",  "81",  "82",  "83",  "84",	 "85",	"86",  "87",  "88",  "89",  "90",
	"91",  "92",  "93",  "94",  "95",  "96",  "97",	 "98",	"99",  "100", "101", "102", "103",
	"104", "105", "106", "107", "108", "109", "110", "111", "112", "113", "114", "115", "116",
	"117", "118", "119", "120", "121", "122", "123", "124", "125", "126", "127", "128", "129",
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "140", "141", "142",
	"143", "144", "145", "146", "147", "148", "149", "150", "151", "152", "153", "154", "155",
	"156", "157", "158", "159", "160", "161", "162", "163", "164", "165", "166", "167", "168",
	"169", "170", "171", "172", "173", "174", "175", "176", "177", "178", "179", "180", "181",
	"182", "183", "184", "185", "186", "187", "188", "189", "190", "191", "192", "193", "194",
	"195", "196", "197", "198", "199", "200", "201", "202", "203", "204", "205", "206", "207",
	"208", "209", "210", "211", "212", "213", "214", "215", "216", "217", "218", "219", "220",
	"221", "222", "223", "224", "225", "226", "227", "228", "229", "230", "231", "232", "233",
	"234", "235", "236", "237", "238", "239", "240", "241", "242", "243", "244", "245", "246",
	"247", "248", "249", "250", "251", "252", "253", "254", "255",
};

/* v (0..255) as its 1 to 3 decimal digits at p, the bytes after them up to p + 4
 * overwritten; returns the end. A table, with no branch on the number of digits: random
 * addresses made a digit-by-digit writer mispredict, and its divisions cost a tenth of
 * `parse`'s model text. */
static inline char *put_octet(char *p, unsigned v)
{
	memcpy(p, octet_text[v], 4);
	return p + 1 + (v >= 10) + (v >= 100);
}

char *tc_ip_put(char *p, uint32_t ip)
{
	p = put_octet(p, ip >> 24);
	*p++ = '.';
	p = put_octet(p, ip >> 16 & 255);
	*p++ = '.';
	p = put_octet(p, ip >> 8 & 255);
	*p++ = '.';
	return put_octet(p, ip & 255);
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
	if (n >= TC_IP_STRLEN) { /* room for whatever tc_ip_put writes: no copy */
		*tc_ip_put(buf, ip) = '\0';
		return buf;
	}
	char tmp[TC_IP_STRLEN];
	return put_out(buf, n, tmp, (size_t)(tc_ip_put(tmp, ip) - tmp));
}

char *tc_prefix_format(char *buf, size_t n, tc_prefix p)
{
	char tmp[TC_PREFIX_STRLEN + 4], *q = tc_ip_put(tmp, p.addr);
	*q++ = '/';
	q = put_octet(q, p.len);
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
