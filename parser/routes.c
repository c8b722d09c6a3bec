/* routes.c: `show ip route` (IOS) and `show route` (ASA) captures into a device's captured routes.
 *
 * Each line is classified by the compiled patterns of re.c: legend and
 * banner lines are skipped, "is subnetted" headers give the length of the
 * following lines that have none, a route line with nothing after its
 * prefix waits for its wrapped second line, and an indented "[AD/metric]
 * via ..." line after a route is an equal-cost path to the same prefix.
 * Routes of a `Routing Table: VRF` section, and routes whose network is an
 * ASA `name` the device's config does not define, go to the device's held
 * routes (kept, shown, not used by the FIB).
 *
 * The common line shapes are read first by the hand scanner of routescan.c
 * (no pattern match, no allocation); a line it does not recognise fully goes
 * through the patterns, which stay the definition. Route codes and interface
 * names are interned per capture: one arena copy per distinct string; so are
 * the routes' attribute sets (tc_route_attr): one per distinct combination. */
#include "parser_int.h"
#include "routescan_int.h"

#include <string.h>

#define CODE_MAX 15  /* longest route code kept (as the old 16-byte buffer did) */
#define QUOTE_MAX 20 /* unknown lines quoted before the first route; then one summary */
#define ATTR_IDS                                                                                   \
	32 /* route attribute sets cached by (code, interface) for the first ATTR_IDS
			 interned strings */

static bool use_scanner = true; /* tc_routes_set_scanner(): tests only */

void tc_routes_set_scanner(bool on)
{
	use_scanner = on;
}

/* One interned route attribute set: scratch-arena node, model-arena record. */
typedef struct attr_node {
	tc_route_attr *a;
	struct attr_node *next;
} attr_node;

/* Whether attribute set a is the one key gives (interned strings: pointers compare). */
static bool attr_is(const tc_route_attr *a, const tc_route_attr *key)
{
	return a->ifname == key->ifname && a->code == key->code && a->vrf == key->vrf &&
	       a->dst_name == key->dst_name && a->nh_vrf == key->nh_vrf &&
	       a->nh_text == key->nh_text;
}

static uint64_t attr_hash(const tc_route_attr *key)
{
	return tc_hash_u64((uintptr_t)key->ifname * 3 + (uintptr_t)key->code * 5 +
			   (uintptr_t)key->vrf * 7 + (uintptr_t)key->dst_name * 11 +
			   (uintptr_t)key->nh_vrf * 13 + (uintptr_t)key->nh_text * 17);
}

#define ATTR_KEY(n) ((const tc_route_attr *)(n)->a)
#define ATTR_NEXT(n) ((n)->next)
#define ATTR_EQ(a, b) attr_is(a, b)
#define ATTR_FN(k) attr_hash(k)
TC_HASH_DEFINE(attr_tab, attr_node, const tc_route_attr *, ATTR)

typedef struct rt_state {
	tc_pstate *st;
	tc_device *dev;
	const char *vrf;      /* inside a `Routing Table: VRF` section: its name (arena) */
	const char *dst_name; /* the network of the current route as written, when a name */
	bool dst_unresolved;
	bool has_header; /* "A/LEN is subnetted" seen */
	uint32_t hdr_net;
	uint8_t hdr_len;
	bool pending;	  /* a route line whose path is on the next line */
	bool has_last;	  /* the last route, for ECMP continuation lines */
	const char *code; /* the current route's code (interned) */
	tc_prefix dst;
	unsigned route_line;
	intern_tab interned; /* the capture's strings (scratch arena) */
	unsigned code_id;    /* the current route's code's intern_node id */
	attr_tab attrs;	     /* the routes' attribute sets (scratch arena) */
	tc_route_attr *
		*by_code_if;	/* ATTR_IDS x ATTR_IDS: the last set of a code and interface id */
	tc_rs_path last;	/* the last path read, whose distance a bare "via" path shares */
	unsigned nh6_routes;	/* paths with an IPv6 next hop (held out of the FIB) */
	unsigned nh6_line;	/* the first of them */
	unsigned quoted;	/* unknown lines quoted while no route was read */
	unsigned unquoted;	/* unknown lines counted, not quoted, after QUOTE_MAX of them */
	unsigned unquoted_line; /* the first of them */
} rt_state;

static uint8_t classful_len(uint32_t ip)
{
	return ip < 0x80000000u ? 8 : ip < 0xc0000000u ? 16 : 24;
}

/* The node of the model-arena copy of p[0..n), one per distinct string of the capture. */
static const intern_node *intern_node_get(rt_state *rs, const char *p, size_t n)
{
	return tc_p_intern_node(rs->st, &rs->interned, (tc_tok){p, n});
}

/* The model-arena copy of p[0..n), one per distinct string of the capture. */
static const char *intern(rt_state *rs, const char *p, size_t n)
{
	return intern_node_get(rs, p, n)->t.p;
}

/* The capture's attribute set equal to key (file and track aside), or a new one. */
static tc_route_attr *attr_get(rt_state *rs, const tc_route_attr *key)
{
	attr_node *x = attr_tab_find(&rs->attrs, key);
	if (x)
		return x->a;
	tc_route_attr *a = tc_arena_alloc(rs->st->m->arena, sizeof *a);
	*a = *key;
	a->file = rs->st->file;
	x = tc_arena_alloc(rs->st->ctx->scratch, sizeof *x);
	x->a = a;
	attr_tab_insert(&rs->attrs, x);
	return a;
}

/* The attributes of the current route through interface ifn (NULL: none): one set per
 * distinct combination of the capture, the last one of each (code, interface) at hand. */
static tc_route_attr *route_attr(rt_state *rs, const intern_node *ifn, const char *nh_vrf,
				 const char *nh_text)
{
	unsigned if_id = ifn ? ifn->id : 0;
	tc_route_attr **slot = NULL;
	if (rs->code_id < ATTR_IDS && if_id < ATTR_IDS) {
		slot = &rs->by_code_if[rs->code_id * ATTR_IDS + if_id];
		/* the slot's ids are those of the code and the interface */
		tc_route_attr *a = *slot;
		if (a && a->vrf == rs->vrf && a->dst_name == rs->dst_name && a->nh_vrf == nh_vrf &&
		    a->nh_text == nh_text)
			return a;
	}
	tc_route_attr key = {.ifname = ifn ? ifn->t.p : NULL,
			     .code = rs->code,
			     .vrf = rs->vrf,
			     .dst_name = rs->dst_name,
			     .nh_vrf = nh_vrf,
			     .nh_text = nh_text};
	tc_route_attr *a = attr_get(rs, &key);
	if (slot)
		*slot = a;
	return a;
}

/* A route of the current prefix through path, read from line `line`; nh_text: a next hop
 * that is not IPv4 (interned), which holds the route out of the FIB. */
static void emit_route(rt_state *rs, const tc_rs_path *path, const char *nh_vrf,
		       const char *nh_text, unsigned line)
{
	const intern_node *ifn =
		path->ifname ? intern_node_get(rs, path->ifname, path->iflen) : NULL;
	tc_route_attr *at = route_attr(rs, ifn, nh_vrf, nh_text);
	tc_route *r = tc_route_add_shared(rs->st->m, rs->dev, TC_RT_CAPTURED,
					  rs->vrf || rs->dst_unresolved || nh_text, at);
	r->dst = rs->dst;
	r->nh = path->nh;
	r->has_nh = path->has_nh; /* the flags together: one byte written once */
	r->dst_unresolved = rs->dst_unresolved;
	r->has_ad = path->has_ad;
	r->no_metric = path->no_metric;
	r->distance = path->ad;
	r->metric = path->metric;
	r->line = line;
	rs->has_last = true;
	rs->last = *path;
	if (nh_text && rs->nh6_routes++ == 0)
		rs->nh6_line = line;
}

/* The path part of a route ("[1/0] via A, IF", "is directly connected, IF"; ASA "[10] via
 * A, IF", and "via A, IF" for a further path of the route before it). */
static bool add_route(rt_state *rs, const tc_tok *rest)
{
	tc_pctx *ctx = rs->st->ctx;
	tc_tok ad, metric, nh, tail, nhvrf;
	tc_rs_path path = {0};
	const char *vrf = NULL, *nh_text = NULL;
	if (tc_re_match(ctx, TC_RE_RT_VIA, rest->p, rest->len)) {
		path.has_ad = true;
		if (tc_re_group(ctx, TC_RE_RT_VIA, TC_G_NAME, rest->p, &nhvrf))
			vrf = intern(rs, nhvrf.p, nhvrf.len);
		tc_re_group(ctx, TC_RE_RT_VIA, TC_G_AD, rest->p, &ad);
		path.no_metric = !tc_re_group(ctx, TC_RE_RT_VIA, TC_G_METRIC, rest->p, &metric);
		if (!tc_tok_uint(&ad, 255, &path.ad) ||
		    (!path.no_metric && !tc_tok_uint(&metric, 4294967295u, &path.metric))) {
			tc_p_bad(rs->st, SIZE_MAX, "distance or metric out of range");
			return true;
		}
		if (tc_re_group(ctx, TC_RE_RT_VIA, TC_G_NH, rest->p, &nh))
			path.has_nh = tc_ip_parse(&path.nh, nh.p, nh.len) == 0;
		else if (tc_re_group(ctx, TC_RE_RT_VIA, TC_G_NH6, rest->p, &nh))
			nh_text = intern(rs, nh.p, nh.len);
		tc_re_group(ctx, TC_RE_RT_VIA, TC_G_TAIL, rest->p, &tail);
	} else if (tc_re_match(ctx, TC_RE_RT_CONN, rest->p, rest->len)) {
		tc_re_group(ctx, TC_RE_RT_CONN, TC_G_TAIL, rest->p, &tail);
	} else if (rs->has_last && tc_re_match(ctx, TC_RE_RT_VIA_BARE, rest->p, rest->len)) {
		path = rs->last; /* the same distance and metric as the path above */
		tc_re_group(ctx, TC_RE_RT_VIA_BARE, TC_G_NH, rest->p, &nh);
		path.has_nh = tc_ip_parse(&path.nh, nh.p, nh.len) == 0;
		tc_re_group(ctx, TC_RE_RT_VIA_BARE, TC_G_TAIL, rest->p, &tail);
	} else {
		return false;
	}
	path.ifname = NULL;
	tc_rs_tail_ifname(tail.p, tail.p + tail.len, &path.ifname, &path.iflen);
	emit_route(rs, &path, vrf, nh_text, rs->st->ln->no);
	return true;
}

/* The length of a route printed without one: the "is subnetted" header's
 * when the route is inside its classful network, else the classful one. */
static uint8_t implied_len(const rt_state *rs, uint32_t ip)
{
	if (rs->has_header && classful_len(ip) == classful_len(rs->hdr_net) &&
	    tc_prefix_has(tc_prefix_make(rs->hdr_net, classful_len(rs->hdr_net)), ip))
		return rs->hdr_len;
	return classful_len(ip);
}

/* A new current route prefix with its code. */
static void start_route(rt_state *rs, const char *code, size_t codelen, uint32_t ip, uint8_t plen)
{
	const intern_node *c = intern_node_get(rs, code, codelen < CODE_MAX ? codelen : CODE_MAX);
	rs->code = c->t.p;
	rs->code_id = c->id;
	rs->dst = tc_prefix_make(ip, plen);
	rs->has_last = false;
}

/* A route's first line matched pattern id; 0 handled, TC_ENOTFOUND not a route. */
static int route_line(rt_state *rs, const tc_line *ln, enum tc_re_id id)
{
	tc_pctx *ctx = rs->st->ctx;
	tc_tok code, net, len, mask, rest;
	tc_re_group(ctx, id, TC_G_CODE, ln->p, &code);
	tc_re_group(ctx, id, TC_G_NET, ln->p, &net);
	uint32_t ip = 0;
	rs->dst_name = NULL;
	rs->dst_unresolved = false;
	if (tc_ip_parse(&ip, net.p, net.len) != 0) {
		const tc_name *a = tc_name_find(rs->dev, net.p, net.len);
		rs->dst_name = intern(rs, net.p, net.len);
		if (a) {
			ip = a->addr;
		} else {
			rs->dst_unresolved = true;
			tc_p_diag(rs->st, SIZE_MAX, TC_SEV_WARNING, "unresolved-name",
				  "network %s is a name no `name` line of the config defines; the "
				  "route is kept aside, out of the FIB",
				  rs->dst_name);
		}
	}
	uint8_t plen;
	unsigned v;
	if (tc_re_group(ctx, id, TC_G_MASK, ln->p, &mask)) {
		uint32_t m;
		if (tc_ip_parse(&m, mask.p, mask.len) != 0 || tc_mask_to_len(&plen, m) != 0) {
			tc_p_bad(rs->st, SIZE_MAX, "netmask is not contiguous; route skipped");
			rs->has_last = false;
			return 0;
		}
	} else if (tc_re_group(ctx, id, TC_G_LEN, ln->p, &len)) {
		if (!tc_tok_uint(&len, 32, &v)) {
			tc_p_bad(rs->st, SIZE_MAX, "prefix length out of range; route skipped");
			rs->has_last = false;
			return 0;
		}
		plen = (uint8_t)v;
	} else {
		plen = implied_len(rs, ip);
	}
	start_route(rs, code.p, code.len, ip, plen);
	if (!tc_re_group(ctx, id, TC_G_REST, ln->p, &rest)) {
		rs->pending = true; /* wrapped: the path is on the next line */
		return 0;
	}
	if (!add_route(rs, &rest))
		return TC_ENOTFOUND;
	return 0;
}

/* A route line that waited for its wrapped path and got none: unknown. */
static void dangling_route(rt_state *rs)
{
	tc_pstate *st = rs->st;
	tc_model_diag(st->m, st->file, rs->route_line, 0, TC_SEV_WARNING, "unknown-line", NULL,
		      "route line has no next hop or interface; route skipped");
	st->m->unknown_lines++;
	rs->dev->capture_stats.modelled--; /* it was counted when it was read */
	rs->dev->capture_stats.unknown++;
	rs->pending = false;
}

/* An unknown line. A capture that gives no route in its first QUOTE_MAX unknown
 * lines is no routing table (a running-config saved as routes/HOST.txt): its
 * further lines are counted, not quoted, until a route comes (summary()). */
static void unknown_line(rt_state *rs, const char *why)
{
	if (rs->dev->capture_stats.modelled == 0 && rs->quoted++ >= QUOTE_MAX) {
		rs->st->lstat = TC_L_UNKNOWN;
		if (rs->unquoted++ == 0)
			rs->unquoted_line = rs->st->ln->no;
		return;
	}
	tc_p_unknown(rs->st, why);
}

/* The one diagnostic for the unknown lines unknown_line() did not quote. */
static void summary(const rt_state *rs)
{
	if (rs->unquoted == 0)
		return;
	tc_model_diag(rs->st->m, rs->st->file, rs->unquoted_line, 0, TC_SEV_WARNING,
		      "unquoted-lines", NULL,
		      "%u more line%s not understood, not quoted: the capture gave no route in "
		      "its first %u unknown lines, so it does not read as a routing table",
		      rs->unquoted, rs->unquoted == 1 ? "" : "s", QUOTE_MAX);
}

/* One line; returns what became of it. */
static enum tc_lstat route_capture_line(rt_state *rs, const tc_line *ln)
{
	tc_pstate *st = rs->st;
	tc_pctx *ctx = st->ctx;
	tc_tok t;
	st->lstat = TC_L_MODELLED;
	if (tc_re_match(ctx, TC_RE_RT_TABLE, ln->p, ln->len)) {
		tc_re_group(ctx, TC_RE_RT_TABLE, TC_G_NAME, ln->p, &t);
		bool global = tc_tok_is(&t, "default") || tc_tok_is(&t, "global");
		rs->vrf = global ? NULL : intern(rs, t.p, t.len);
		rs->pending = rs->has_last = rs->has_header = false;
		return TC_L_SKIPPED;
	}
	if (tc_re_match(ctx, TC_RE_RT_CONT, ln->p, ln->len)) {
		tc_re_group(ctx, TC_RE_RT_CONT, TC_G_REST, ln->p, &t);
		if (!rs->pending && !rs->has_last) {
			unknown_line(rs, "route continuation line without a route before it");
			return TC_L_UNKNOWN;
		}
		rs->pending = false;
		if (!add_route(rs, &t)) {
			unknown_line(rs, "route path not understood");
			return TC_L_UNKNOWN;
		}
		return st->lstat;
	}
	if (rs->pending)
		dangling_route(rs);
	if (tc_re_match(ctx, TC_RE_RT_LEGEND, ln->p, ln->len) ||
	    tc_re_match(ctx, TC_RE_RT_SKIP, ln->p, ln->len))
		return TC_L_SKIPPED;
	if (tc_re_match(ctx, TC_RE_RT_HEADER, ln->p, ln->len)) {
		tc_tok net, len;
		unsigned v;
		tc_re_group(ctx, TC_RE_RT_HEADER, TC_G_NET, ln->p, &net);
		tc_re_group(ctx, TC_RE_RT_HEADER, TC_G_LEN, ln->p, &len);
		rs->has_header =
			tc_ip_parse(&rs->hdr_net, net.p, net.len) == 0 && tc_tok_uint(&len, 32, &v);
		rs->hdr_len = rs->has_header ? (uint8_t)v : 0;
		rs->has_last = false;
		return TC_L_SKIPPED;
	}
	rs->route_line = ln->no;
	/* both shapes are tried whatever the device's dialect: ASA netmask lines
	 * first, as the IOS pattern insists on a path or nothing after the prefix */
	int rc = TC_ENOTFOUND;
	if (tc_re_match(ctx, TC_RE_RT_ASA, ln->p, ln->len))
		rc = route_line(rs, ln, TC_RE_RT_ASA);
	else if (tc_re_match(ctx, TC_RE_RT_IOS, ln->p, ln->len))
		rc = route_line(rs, ln, TC_RE_RT_IOS);
	if (rc == TC_ENOTFOUND) {
		rs->has_last = false;
		unknown_line(rs, "routing table line not understood");
		return TC_L_UNKNOWN;
	}
	return st->lstat;
}

/* One line read by the scanner, with the effects route_capture_line() would
 * have; -1 when the scanner does not recognise it fully, or when the line
 * needs a diagnostic (the pattern path gives it), with rs untouched. */
static int scanned_line(rt_state *rs, const char *p, size_t n, unsigned no)
{
	tc_rs_line sc;
	uint8_t plen = 0;
	if (!tc_rs_scan(&sc, p, n))
		return -1;
	switch (sc.kind) {
	case TC_RS_CONT:
		if (!rs->pending && !rs->has_last)
			return -1;
		rs->pending = false;
		emit_route(rs, &sc.path, NULL, NULL, no);
		return TC_L_MODELLED;
	case TC_RS_SKIP:
		if (rs->pending)
			dangling_route(rs);
		return TC_L_SKIPPED;
	case TC_RS_HEADER:
		if (rs->pending)
			dangling_route(rs);
		rs->has_header = sc.len <= 32;
		rs->hdr_net = sc.net;
		rs->hdr_len = rs->has_header ? (uint8_t)sc.len : 0;
		rs->has_last = false;
		return TC_L_SKIPPED;
	case TC_RS_ROUTE:
		if (sc.len > 32 || (sc.has_mask && tc_mask_to_len(&plen, sc.mask) != 0))
			return -1;
		if (sc.len >= 0)
			plen = (uint8_t)sc.len;
		else if (!sc.has_mask)
			plen = implied_len(rs, sc.net);
		if (rs->pending)
			dangling_route(rs);
		rs->route_line = no;
		rs->dst_name = NULL;
		rs->dst_unresolved = false;
		start_route(rs, sc.code, sc.codelen, sc.net, plen);
		if (!sc.has_path)
			rs->pending = true; /* wrapped: the path is on the next line */
		else
			emit_route(rs, &sc.path, NULL, NULL, no);
		return TC_L_MODELLED;
	case TC_RS_OTHER:
		break;
	}
	return -1;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int tc_p_parse_routes(tc_pctx *ctx, tc_model *m, tc_device *d, const char *file, const char *buf,
		      size_t len)
{
	tc_arena_reset(ctx->scratch);
	tc_pstate *st = tc_arena_alloc(ctx->scratch, sizeof *st);
	tc_line *ln = tc_arena_alloc(ctx->scratch, sizeof *ln);
	st->m = m;
	st->dev = d;
	st->file = tc_arena_strdup(m->arena, file);
	st->ops = d->dialect == TC_DIALECT_ASA ? &tc_asa_ops : &tc_ios_ops;
	st->ctx = ctx;
	d->capture_file = st->file;
	rt_state rs = {0};
	rs.st = st;
	rs.dev = d;
	intern_tab_init(&rs.interned, 8, tc_arena_alloc_cb, ctx->scratch);
	attr_tab_init(&rs.attrs, 8, tc_arena_alloc_cb, ctx->scratch);
	rs.by_code_if = tc_arena_alloc(ctx->scratch, ATTR_IDS * ATTR_IDS * sizeof *rs.by_code_if);
	/* the scanner reads a pattern's `.` as any byte but LF */
	uint32_t nl = 0;
	bool scan = use_scanner && pcre2_config(PCRE2_CONFIG_NEWLINE, &nl) >= 0 &&
		    nl == PCRE2_NEWLINE_LF;

	tc_linestats *cs = &d->capture_stats;
	unsigned *bucket[] = {&cs->modelled, &cs->skipped, &cs->unknown, &cs->malformed};
	const char *p = buf + tc_p_bom_len(buf, len), *end = buf + len;
	unsigned no = 0;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		no++;
		/* as tc_line_split: trailing blanks and CR off; a blank line is no line */
		size_t n = (size_t)(e - p), i = 0;
		while (n > 0 && (is_blank(p[n - 1]) || p[n - 1] == '\r'))
			n--;
		while (i < n && is_blank(p[i]))
			i++;
		if (i < n) {
			int ls = scan ? scanned_line(&rs, p, n, no) : -1;
			if (ls < 0) {
				tc_line_split(ln, p, (size_t)(e - p), no);
				st->ln = ln;
				ls = (int)route_capture_line(&rs, ln);
			}
			cs->lines++;
			(*bucket[ls])++;
			if (ls == TC_L_UNKNOWN)
				m->unknown_lines++;
		}
		p = e + 1;
	}
	if (rs.pending)
		dangling_route(&rs);
	summary(&rs);
	if (rs.nh6_routes)
		tc_model_diag(
			m, file, rs.nh6_line, 0, TC_SEV_NOTE, "unsupported", NULL,
			"%u route path%s with an IPv6 next hop (6PE) kept aside: IPv6 next hops "
			"are not modelled, so the FIB does not use them",
			rs.nh6_routes, rs.nh6_routes == 1 ? "" : "s");
	tc_p_capture_rel(&d->capture_stats);
	return 0;
}

void tc_p_capture_rel(tc_linestats *s)
{
	s->rel_lines = s->lines;
	s->rel_modelled = s->modelled;
	s->rel_skipped = s->skipped;
	s->rel_unknown = s->unknown;
	s->rel_malformed = s->malformed;
}

int tc_p_capture_once(tc_capture_fn fn, tc_model *m, tc_device *d, const char *file,
		      const char *buf, size_t len)
{
	tc_pctx ctx;
	int rc = tc_pctx_init(&ctx);
	if (rc)
		return rc;
	rc = fn(&ctx, m, d, file, buf, len);
	tc_pctx_fini(&ctx);
	return rc;
}

int tc_parse_routes(tc_model *m, tc_device *d, const char *file, const char *buf, size_t len)
{
	return tc_p_capture_once(tc_p_parse_routes, m, d, file, buf, len);
}
