/* routescan_int.h: the hand scanner for the common `show ip route` line shapes (routescan.c). */
#ifndef TC_ROUTESCAN_INT_H
#define TC_ROUTESCAN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a line fully recognised by the scanner is; TC_RS_OTHER: not recognised,
 * the line goes to the patterns of re.c (which stay the reference). */
enum tc_rs_kind {
	TC_RS_OTHER = 0,
	TC_RS_SKIP, /* "Codes: ...", a legend line "   D - EIGRP, ...", "Gateway of last resort" */
	TC_RS_HEADER, /* "     10.0.0.0/8 is [variably] subnetted, ..." */
	TC_RS_ROUTE,  /* "O E2  10.1.0.0/16 [110/20] via A, AGE, IF", "C  A/L is directly connected,
			IF", ASA "S  10.1.0.0 255.255.0.0 [1/0] via A, IF" */
	TC_RS_CONT,   /* indented "[110/20] via A, AGE, IF" or "is directly connected, IF" */
};

/* The path part of a route line ("[AD/METRIC] via NH, AGE, IF", "is directly connected, IF"). */
typedef struct tc_rs_path {
	bool has_ad;	    /* "[AD/METRIC]" printed */
	bool no_metric;	    /* ASA "[AD]": no metric printed */
	unsigned ad;	    /* 0..255 */
	unsigned metric;    /* 0..4294967295 */
	bool has_nh;	    /* "via NH" printed */
	uint32_t nh;	    /* host order */
	const char *ifname; /* the interface field, into the line; NULL: none */
	size_t iflen;
} tc_rs_path;

/* One scanned line; pointers are into the line. */
typedef struct tc_rs_line {
	enum tc_rs_kind kind;
	const char *code; /* TC_RS_ROUTE: the route code as written ("S*", "O E2") */
	size_t codelen;
	uint32_t net;	 /* TC_RS_ROUTE, TC_RS_HEADER: the network */
	int len;	 /* TC_RS_ROUTE: /LEN (0..99), -1 when absent; TC_RS_HEADER: /LEN */
	bool has_mask;	 /* TC_RS_ROUTE: an ASA netmask follows the network (len is -1) */
	uint32_t mask;	 /* the netmask as written (maybe not contiguous) */
	bool has_path;	 /* TC_RS_ROUTE: false when the path is on the next (wrapped) line */
	tc_rs_path path; /* TC_RS_ROUTE with has_path, TC_RS_CONT */
} tc_rs_line;

/* Scan line p[0..n) (trailing blanks and CR already removed, not blank).
 * Returns true and fills *out only when the patterns of re.c would read the
 * line the same way, with the same groups, in the order routes.c tries them;
 * anything unusual (whitespace other than blanks where it could change the
 * match, a VRF "(name)" after the next hop, numbers out of range, a name for
 * the network) returns false. The patterns' `.` must match
 * every byte but LF (PCRE2 built with LF newlines: routes.c checks). */
bool tc_rs_scan(tc_rs_line *out, const char *p, size_t n);

/* The interface of a ", f1, f2" path tail p[0..end): its last comma-separated
 * field that is not blank and does not start with a digit (an age), trimmed
 * of blanks; *out NULL when none. */
void tc_rs_tail_ifname(const char *p, const char *end, const char **out, size_t *outlen);

/* Test hook: false makes tc_parse_routes() read every line with the patterns
 * of re.c only (the reference the scanner is checked against). Default true.
 * Set it only while no parse runs. */
void tc_routes_set_scanner(bool on);

#endif
