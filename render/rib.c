/* rib.c: a device's routing table as `show ip route` (IOS) or `show route` (ASA) prints it,
 * computed from its configs or read from its capture, and the two set against each other.
 *
 * `tunnelcast routes SNAPSHOT` prints it so that users can diff it against their devices. Each
 * table is gathered first (rib_table: one rib_path per path, sorted by prefix), then written as
 * text, JSON or differences, so that the three agree on what a route is and how it prints.
 *
 * Which routes, from the configs: per prefix, those of the lowest administrative distance (then
 * metric) among the subnets of the table's up interfaces (C, and the L of each address) and,
 * for the global table, the FIB's routes (static and computed), for a VRF its held routes;
 * equal-cost paths all. From a capture: its routes as read. Text follows IOS 15 (code column,
 * classful headers "is subnetted" / "is variably subnetted", equal-cost paths under the first
 * one's bracket) and ASA 9 (address and mask, nameif); there is no age column, since a config
 * has no ages. What prints as [AD/metric] is what JSON gives as distance and metric: null where
 * the line has none, as in a capture's JSON. */
#include "render_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RIB_LINE 1024 /* longest line built; longer names are cut */

/* One path of a route, as the table prints it. */
typedef struct rib_path {
	tc_prefix dst;
	const char *dst_name; /* a capture's network written as a name (unresolved), or NULL */
	char code[16];	      /* as printed: "C", "L", "S*", "O E2", "O*E2"... */
	const char *ifname;   /* interface as printed (ASA: nameif), or NULL: none printed */
	const char *nh_vrf;   /* a capture's "via A (VRF)", or NULL */
	const char *nh_text;  /* a capture's next hop that is not IPv4, or NULL */
	uint32_t nh;
	unsigned ad, metric;
	bool has_nh;	/* "via A" */
	bool has_ad;	/* "[AD/metric]" printed */
	bool no_metric; /* "[AD]" alone (ASA capture) */
	size_t seq;	/* order gathered: ties keep it */
} rib_path;

typedef struct rib_table {
	const char *vrf; /* NULL: the global table */
	TC_VEC(rib_path) v;
} rib_table;

/* A device's tables: the global one first, then its VRFs by name. */
typedef struct rib_dev {
	const tc_device *d;
	bool capture; /* read from its capture, not computed from its configs */
	TC_VEC(rib_table) t;
} rib_dev;

/* ---- gathering --------------------------------------------------------------------------- */

static const char *iface_label(const tc_iface *i)
{
	return i->nameif ? i->nameif : i->name;
}

/* Two names (VRFs, interfaces) the same, NULL only as NULL. */
static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool is_null_name(const char *name)
{
	return name && strncasecmp(name, "null", 4) == 0;
}

static bool is_default(tc_prefix p)
{
	return p.len == 0;
}

/* code with the candidate-default star IOS prints: "S" -> "S*", "O E2" -> "O*E2". */
static void set_code(rib_path *p, const char *code, bool star)
{
	if (star && code[0] && code[1] == ' ' && code[2])
		snprintf(p->code, sizeof p->code, "%c*%s", code[0], code + 2);
	else
		snprintf(p->code, sizeof p->code, "%s%s", code, star ? "*" : "");
}

static void table_push(rib_table *t, rib_path *p)
{
	p->seq = t->v.n;
	TC_VEC_PUSH(t->v, *p);
}

/* The subnets of the table's up, addressed interfaces (primary and secondary addresses): C,
 * and L for the address itself unless the subnet is that /32. */
static void add_connected(rib_table *t, const tc_device *d)
{
	for (const tc_iface *i = d->ifaces; i; i = i->next) {
		if (!i->has_addr || i->shutdown || !str_eq(i->vrf, t->vrf))
			continue;
		for (unsigned k = 0; k <= i->nsecondary; k++) {
			uint32_t a = k ? i->secondary[k - 1].addr : i->addr;
			uint8_t len = k ? i->secondary[k - 1].plen : i->plen;
			rib_path p = {.dst = tc_prefix_make(a, len), .ifname = iface_label(i)};
			set_code(&p, "C", false);
			table_push(t, &p);
			if (len == 32)
				continue;
			p.dst = tc_prefix_make(a, 32);
			set_code(&p, "L", false);
			table_push(t, &p);
		}
	}
}

/* A route of the configs (static or computed) going out of iface (NULL: Null0 or, with no
 * interface named, through its next hop), as IOS prints it. */
static void add_route(rib_table *t, const tc_route *r, const tc_iface *iface)
{
	const char *code = r->attr->code ? r->attr->code : "S";
	rib_path p = {.dst = r->dst, .nh = r->nh, .has_nh = r->has_nh};
	set_code(&p, code, is_default(r->dst) && code[0] != 'C' && code[0] != 'L');
	/* a static names its interface when the config does; BGP only its aggregates' Null0 (a
	   next hop is recursive); the other protocols always */
	bool named = r->origin == TC_RT_STATIC ? r->attr->ifname != NULL
		     : r->origin == TC_RT_BGP  ? !r->has_nh
					       : true;
	if (named)
		p.ifname = iface ? iface_label(iface) : "Null0";
	/* an interface static and a summary print no [AD/metric]; a BGP aggregate does */
	p.has_ad = r->has_nh || (r->origin == TC_RT_BGP);
	p.ad = r->distance;
	p.metric = r->metric;
	table_push(t, &p);
}

static void add_captured(rib_table *t, const tc_route *r)
{
	rib_path p = {.dst = r->dst,
		      .dst_name = r->dst_unresolved ? r->attr->dst_name : NULL,
		      .ifname = r->attr->ifname,
		      .nh_vrf = r->attr->nh_vrf,
		      .nh_text = r->has_nh ? NULL : r->attr->nh_text,
		      .nh = r->nh,
		      .ad = r->distance,
		      .metric = r->metric,
		      .has_nh = r->has_nh,
		      .has_ad = r->has_ad,
		      .no_metric = r->no_metric};
	set_code(&p, r->attr->code ? r->attr->code : "?", false);
	table_push(t, &p);
}

/* The global table from the FIB: its routes (connected subnets come from the interfaces). */
static void add_fib(rib_table *t, const tc_device *d)
{
	for (size_t k = 0; k < d->nfib; k++) {
		const tc_fib_entry *fe = &d->fib[k];
		if (fe->route)
			add_route(t, fe->route, tc_fib_iface(d, fe));
	}
}

/* Does the table hold a route (not self) whose prefix covers ip? */
static bool covered(const rib_table *t, uint32_t ip, size_t self)
{
	for (size_t k = 0; k < t->v.n; k++)
		if (k != self && tc_prefix_has(t->v.v[k].dst, ip))
			return true;
	return false;
}

/* A VRF's held routes of the configs: statics out of an up interface (or Null0), or through
 * a next hop the table reaches; computed ones as they are. */
static void add_held(rib_table *t, const tc_device *d)
{
	size_t first = t->v.n;
	TC_VEC(bool) via_nh = {0};
	for (const tc_route *r = d->held; r; r = tc_route_next(r)) {
		if (r->origin == TC_RT_CAPTURED || r->dst_unresolved ||
		    !str_eq(r->attr->vrf, t->vrf))
			continue;
		const tc_iface *i = r->attr->ifname ? tc_iface_find(d, r->attr->ifname) : NULL;
		if (r->attr->ifname && !i && !is_null_name(r->attr->ifname))
			continue; /* an interface the device does not have */
		if (i && (i->shutdown || !i->has_addr))
			continue;
		if (!r->attr->ifname && !r->has_nh)
			continue;
		add_route(t, r, i);
		TC_VEC_PUSH(via_nh, r->origin == TC_RT_STATIC && !r->attr->ifname);
	}
	/* statics through a next hop nothing in the table reaches are not installed */
	size_t o = first;
	for (size_t k = first; k < t->v.n; k++)
		if (!via_nh.v[k - first] || covered(t, t->v.v[k].nh, k))
			t->v.v[o++] = t->v.v[k];
	t->v.n = o;
	TC_VEC_FREE(via_nh);
}

/* Networks in table order: by address, then length; unresolved names last, by name. */
static int cmp_net(const rib_path *x, const rib_path *y)
{
	if (!x->dst_name != !y->dst_name)
		return x->dst_name ? 1 : -1;
	if (x->dst_name) {
		int c = strcmp(x->dst_name, y->dst_name);
		if (c)
			return c;
	}
	return tc_prefix_cmp(x->dst, y->dst);
}

/* Table order, then the order gathered. */
static int cmp_path(const void *a, const void *b)
{
	const rib_path *x = a, *y = b;
	int c = cmp_net(x, y);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static bool same_prefix(const rib_path *a, const rib_path *b)
{
	return cmp_net(a, b) == 0;
}

/* Is p among kept[0..n): the same path configured twice (IOS installs it once)? */
static bool path_kept(const rib_path *kept, size_t n, const rib_path *p)
{
	for (size_t k = 0; k < n; k++)
		if (kept[k].nh == p->nh && kept[k].has_nh == p->has_nh &&
		    strcmp(kept[k].code, p->code) == 0 && str_eq(kept[k].ifname, p->ifname))
			return true;
	return false;
}

/* The installed routes: per prefix the lowest distance, then metric (IOS's choice); paths
 * that tie are equal-cost paths. */
static void select_best(rib_table *t)
{
	size_t o = 0;
	for (size_t i = 0; i < t->v.n;) {
		size_t e = i + 1, best = i;
		for (; e < t->v.n && same_prefix(&t->v.v[e], &t->v.v[i]); e++)
			if (t->v.v[e].ad < t->v.v[best].ad ||
			    (t->v.v[e].ad == t->v.v[best].ad &&
			     t->v.v[e].metric < t->v.v[best].metric))
				best = e;
		rib_path b = t->v.v[best];
		size_t first = o;
		for (size_t k = i; k < e; k++)
			if (t->v.v[k].ad == b.ad && t->v.v[k].metric == b.metric &&
			    !path_kept(&t->v.v[first], o - first, &t->v.v[k]))
				t->v.v[o++] = t->v.v[k];
		i = e;
	}
	t->v.n = o;
}

static void table_fill(rib_table *t, const tc_device *d, bool capture)
{
	if (capture) {
		const tc_route *list = t->vrf ? d->held : d->captured;
		for (const tc_route *r = list; r; r = tc_route_next(r))
			if (r->origin == TC_RT_CAPTURED && str_eq(r->attr->vrf, t->vrf))
				add_captured(t, r);
		if (t->v.n)
			qsort(t->v.v, t->v.n, sizeof *t->v.v, cmp_path);
		return;
	}
	add_connected(t, d);
	if (t->vrf)
		add_held(t, d);
	else
		add_fib(t, d);
	if (t->v.n) /* a device with no route: v is NULL, which qsort may not take */
		qsort(t->v.v, t->v.n, sizeof *t->v.v, cmp_path);
	select_best(t);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The VRFs of d's tables, sorted, without duplicates; malloc'd. */
static const char **dev_vrfs(const tc_device *d, bool capture, size_t *n)
{
	TC_VEC(const char *) v = {0};
	if (!capture)
		for (const tc_iface *i = d->ifaces; i; i = i->next)
			if (i->vrf && i->has_addr && !i->shutdown)
				TC_VEC_PUSH(v, i->vrf);
	for (const tc_route *r = d->held; r; r = tc_route_next(r))
		if (r->attr->vrf && (r->origin == TC_RT_CAPTURED) == capture)
			TC_VEC_PUSH(v, r->attr->vrf);
	if (v.n)
		qsort(v.v, v.n, sizeof *v.v, cmp_str);
	size_t o = 0;
	for (size_t k = 0; k < v.n; k++)
		if (!o || strcmp(v.v[o - 1], v.v[k]) != 0)
			v.v[o++] = v.v[k];
	*n = o;
	return v.v;
}

/* d's tables: the global one and every VRF's, or only vrf's when given ("" names none). */
static void dev_build(rib_dev *rd, const tc_device *d, const char *vrf)
{
	*rd = (rib_dev){.d = d, .capture = d->has_capture};
	size_t nv = 0;
	const char **vrfs = dev_vrfs(d, rd->capture, &nv);
	for (size_t k = 0; k <= nv; k++) {
		const char *name = k ? vrfs[k - 1] : NULL;
		if (vrf && !str_eq(name, vrf))
			continue;
		rib_table t = {.vrf = name};
		table_fill(&t, d, rd->capture);
		TC_VEC_PUSH(rd->t, t);
	}
	free(vrfs);
}

static void dev_free(rib_dev *rd)
{
	for (size_t k = 0; k < rd->t.n; k++)
		TC_VEC_FREE(rd->t.v[k].v);
	TC_VEC_FREE(rd->t);
}

bool tc_render_rib_has_vrf(const tc_device *d, const char *vrf)
{
	bool found = false;
	for (int capture = 0; capture < 2 && !found; capture++) {
		size_t n = 0;
		const char **v = dev_vrfs(d, capture, &n);
		for (size_t k = 0; k < n && !found; k++)
			found = strcmp(v[k], vrf) == 0;
		free(v);
	}
	return found;
}

/* ---- one line ----------------------------------------------------------------------------- */

/* A line being built, cut at RIB_LINE. */
typedef struct rib_line {
	char b[RIB_LINE];
	size_t n;
} rib_line;

static void lput(rib_line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void lput(rib_line *l, const char *fmt, ...)
{
	if (l->n + 1 >= sizeof l->b)
		return;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(l->b + l->n, sizeof l->b - l->n, fmt, ap);
	va_end(ap);
	if (w > 0)
		l->n = l->n + (size_t)w < sizeof l->b ? l->n + (size_t)w : sizeof l->b - 1;
}

/* Pad with spaces to column col (at least one space when already there or past). */
static void lpad(rib_line *l, size_t col)
{
	size_t n = l->n >= col ? l->n + 1 : col;
	while (l->n < n && l->n + 1 < sizeof l->b)
		l->b[l->n++] = ' ';
	l->b[l->n] = '\0';
}

/* The network: "a.b.c.d/len" (IOS, with_len), "a.b.c.d" (IOS under an "is subnetted"
 * header), "a.b.c.d m.m.m.m" (ASA); a name stands for the address. */
static void put_prefix(rib_line *l, const rib_path *p, bool asa, bool with_len)
{
	char ip[TC_IP_STRLEN], mask[TC_IP_STRLEN];
	const char *net = p->dst_name ? p->dst_name : tc_ip_format(ip, sizeof ip, p->dst.addr);
	if (asa)
		lput(l, "%s %s", net, tc_ip_format(mask, sizeof mask, tc_len_to_mask(p->dst.len)));
	else if (with_len)
		lput(l, "%s/%u", net, p->dst.len);
	else
		lput(l, "%s", net);
}

/* A summary's discard route: a protocol's (not static, connected or local) out of Null0. */
static bool is_summary(const rib_path *p)
{
	return !strchr("CLS", p->code[0]) && is_null_name(p->ifname);
}

/* What follows the network: "[110/2] via 10.1.1.2, Gi0/0", "is directly connected, Gi0/0",
 * "is a summary, Null0", "[200/0], Null0" (a BGP aggregate). */
static void put_path(rib_line *l, const rib_path *p)
{
	char ip[TC_IP_STRLEN];
	bool via = p->has_nh || p->nh_text;
	if (p->has_ad && p->no_metric)
		lput(l, "[%u]%s", p->ad, via ? " " : "");
	else if (p->has_ad)
		lput(l, "[%u/%u]%s", p->ad, p->metric, via ? " " : "");
	if (via) {
		lput(l, "via %s", p->has_nh ? tc_ip_format(ip, sizeof ip, p->nh) : p->nh_text);
		if (p->nh_vrf)
			lput(l, " (%s)", p->nh_vrf);
	} else if (!p->has_ad)
		lput(l, "%s", is_summary(p) ? "is a summary" : "is directly connected");
	if (p->ifname)
		lput(l, ", %s", p->ifname);
}

/* ---- text --------------------------------------------------------------------------------- */

static void put_line(FILE *out, const rib_line *l)
{
	tc_render_puts(out, l->b, false);
	putc('\n', out);
}

/* Does b continue a's route: the same network and code (an equal-cost path)? */
static bool same_route(const rib_path *a, const rib_path *b)
{
	return same_prefix(a, b) && strcmp(a->code, b->code) == 0;
}

/* The route starting at v[0] (its n equal-cost paths): the code in a column of width, the
 * network, the first path; each further path on a line of its own under the first. Returns n. */
static size_t put_route(FILE *out, const rib_path *v, size_t left, size_t width, bool asa,
			bool with_len)
{
	size_t n = 1;
	while (n < left && same_route(&v[0], &v[n]))
		n++;
	rib_line l = {0};
	lput(&l, "%s", v[0].code);
	lpad(&l, width);
	put_prefix(&l, &v[0], asa, with_len);
	lput(&l, " ");
	size_t col = l.n;
	put_path(&l, &v[0]);
	put_line(out, &l);
	for (size_t k = 1; k < n; k++) {
		l = (rib_line){0};
		lpad(&l, col);
		put_path(&l, &v[k]);
		put_line(out, &l);
	}
	return n;
}

/* The length of p's classful network (A /8, B /16, C /24); 0 for classes D and E, which
 * IOS prints without a header. */
static unsigned classful_len(uint32_t addr)
{
	return addr < 0x80000000u ? 8 : addr < 0xC0000000u ? 16 : addr < 0xE0000000u ? 24 : 0;
}

/* The classful network whose header p goes under, or false (default route, supernets,
 * classes D and E, names). */
static bool classful_net(const rib_path *p, tc_prefix *net)
{
	unsigned cl = classful_len(p->dst.addr);
	if (p->dst_name || !cl || p->dst.len < cl)
		return false;
	*net = tc_prefix_make(p->dst.addr, (uint8_t)cl);
	return true;
}

/* IOS 15: routes outside a classful network's header at column 6, the header at 6, the
 * routes under it at 9; one mask: "NET/LEN is subnetted, N subnets", the routes without their
 * length; several: "NET/CLASSLEN is variably subnetted, N subnets, M masks". A classful
 * network that is its only prefix prints without a header. */
static void put_ios_routes(FILE *out, const rib_table *t)
{
	const rib_path *v = t->v.v;
	for (size_t i = 0; i < t->v.n;) {
		tc_prefix net;
		if (!classful_net(&v[i], &net)) {
			i += put_route(out, &v[i], t->v.n - i, 6, false, true);
			continue;
		}
		size_t e = i, nsub = 0, nmask = 0;
		uint64_t masks = 0;
		tc_prefix sub;
		for (; e < t->v.n && classful_net(&v[e], &sub) && sub.addr == net.addr; e++) {
			nsub += e == i || !same_prefix(&v[e - 1], &v[e]);
			if (!(masks & (1ull << v[e].dst.len)))
				nmask++;
			masks |= 1ull << v[e].dst.len;
		}
		if (nsub == 1 && v[i].dst.len == net.len) {
			for (size_t k = i; k < e;)
				k += put_route(out, &v[k], e - k, 6, false, true);
			i = e;
			continue;
		}
		char ip[TC_IP_STRLEN];
		tc_ip_format(ip, sizeof ip, net.addr);
		if (nmask == 1)
			fprintf(out, "      %s/%u is subnetted, %zu subnets\n", ip, v[i].dst.len,
				nsub);
		else
			fprintf(out, "      %s/%u is variably subnetted, %zu subnets, %zu masks\n",
				ip, net.len, nsub, nmask);
		for (size_t k = i; k < e;)
			k += put_route(out, &v[k], e - k, 9, false, nmask > 1);
		i = e;
	}
}

/* ASA 9: every route at column 9, address and mask. */
static void put_asa_routes(FILE *out, const rib_table *t)
{
	for (size_t i = 0; i < t->v.n;)
		i += put_route(out, &t->v.v[i], t->v.n - i, 9, true, true);
}

/* "Gateway of last resort is A to network 0.0.0.0": the default route's first next hop
 * (0.0.0.0 for an interface route), else "is not set". */
static void put_gateway(FILE *out, const rib_table *t)
{
	const rib_path *def =
		t->v.n && !t->v.v[0].dst_name && is_default(t->v.v[0].dst) ? &t->v.v[0] : NULL;
	char ip[TC_IP_STRLEN];
	if (!def)
		fputs("Gateway of last resort is not set\n", out);
	else {
		fputs("Gateway of last resort is ", out);
		tc_render_puts(out,
			       def->has_nh    ? tc_ip_format(ip, sizeof ip, def->nh)
			       : def->nh_text ? def->nh_text
					      : "0.0.0.0",
			       false);
		fputs(" to network 0.0.0.0\n", out);
	}
	putc('\n', out);
}

static const char *dev_name(const tc_device *d)
{
	return d->hostname ? d->hostname : d->file;
}

static void put_dev_text(FILE *out, const rib_dev *rd)
{
	const tc_device *d = rd->d;
	tc_render_puts(out, dev_name(d), false);
	fputs(rd->capture ? ": routes read from the capture "
			  : ": routes computed from the config ",
	      out);
	tc_render_puts(out, rd->capture ? d->capture_file : d->file, false);
	if (!rd->capture && d->capture_file) { /* a capture of VRF routes alone replaces nothing */
		fputs(" (the capture ", out);
		tc_render_puts(out, d->capture_file, false);
		fputs(" has no route of the global table)", out);
	}
	fputs("\n\n", out);
	for (size_t k = 0; k < rd->t.n; k++) {
		const rib_table *t = &rd->t.v[k];
		if (t->vrf) {
			if (k)
				putc('\n', out);
			fputs("Routing Table: ", out);
			tc_render_puts(out, t->vrf, false);
			fputs("\n\n", out);
		}
		put_gateway(out, t);
		if (d->dialect == TC_DIALECT_ASA)
			put_asa_routes(out, t);
		else
			put_ios_routes(out, t);
	}
}

int tc_render_rib_text(FILE *out, const tc_device *const *devs, size_t n, const char *vrf)
{
	for (size_t k = 0; k < n; k++) {
		rib_dev rd;
		dev_build(&rd, devs[k], vrf);
		if (k)
			putc('\n', out);
		put_dev_text(out, &rd);
		dev_free(&rd);
	}
	return ferror(out) ? TC_ERROR : 0;
}

/* ---- JSON --------------------------------------------------------------------------------- */

/* The route starting at v[0] as `routes FILE -f json` writes one; returns its paths. */
static size_t j_route(tc_jw *j, const rib_path *v, size_t left, const char *vrf)
{
	char buf[160], ip[TC_IP_STRLEN];
	tc_jw_open(j, NULL, '{');
	tc_jw_str(j, "vrf", vrf);
	if (v->dst_name)
		snprintf(buf, sizeof buf, "%s/%u", v->dst_name, v->dst.len);
	tc_jw_str(j, "prefix", v->dst_name ? buf : tc_prefix_format(buf, sizeof buf, v->dst));
	tc_jw_str(j, "name", v->dst_name);
	tc_jw_str(j, "code", v->code);
	tc_jw_uint_if(j, "distance", v->has_ad, v->ad);
	tc_jw_uint_if(j, "metric", v->has_ad && !v->no_metric, v->metric);
	tc_jw_open(j, "nexthops", '[');
	size_t n = 0;
	for (; n < left && (n == 0 || same_route(&v[0], &v[n])); n++) {
		tc_jw_open(j, NULL, '{');
		tc_jw_str(j, "ip",
			  v[n].has_nh ? tc_ip_format(ip, sizeof ip, v[n].nh) : v[n].nh_text);
		tc_jw_str(j, "interface", v[n].ifname);
		tc_jw_str(j, "vrf", v[n].nh_vrf);
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
	tc_jw_close(j, '}');
	return n;
}

static void j_routes(tc_jw *j, const rib_path *v, size_t n, const char *vrf)
{
	for (size_t i = 0; i < n;)
		i += j_route(j, &v[i], n - i, vrf);
}

int tc_render_rib_json(FILE *out, const tc_device *const *devs, size_t n, const char *vrf)
{
	tc_jw j = {.out = out, .fresh = true};
	tc_jw_open_report(&j);
	tc_jw_open(&j, "devices", '[');
	for (size_t k = 0; k < n; k++) {
		rib_dev rd;
		dev_build(&rd, devs[k], vrf);
		tc_jw_open(&j, NULL, '{');
		tc_jw_str(&j, "device", dev_name(rd.d));
		tc_jw_str(&j, "source", rd.capture ? "capture" : "configs");
		tc_jw_open(&j, "routes", '[');
		for (size_t t = 0; t < rd.t.n; t++)
			j_routes(&j, rd.t.v[t].v.v, rd.t.v[t].v.n, rd.t.v[t].vrf);
		tc_jw_close(&j, ']');
		tc_jw_close(&j, '}');
		dev_free(&rd);
	}
	tc_jw_close(&j, ']');
	return tc_jw_finish(&j, '}');
}

/* ---- configs against capture -------------------------------------------------------------- */

/* One prefix of one table on both sides: v[0..n) of each (n 0: absent). */
typedef struct rib_diff {
	const char *vrf;
	const rib_path *cfg, *cap;
	size_t ncfg, ncap;
} rib_diff;

typedef TC_VEC(rib_diff) rib_diffs;

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The routes of a prefix, v[0..n), as one comparable line: "CODE PATH; PATH" per route
 * (paths sorted, so that their order does not count), routes joined by " / "; "none". */
static void side_text(rib_line *l, const rib_path *v, size_t n)
{
	if (!n) {
		lput(l, "none");
		return;
	}
	char **paths = tc_xcalloc(n, sizeof *paths);
	for (size_t k = 0; k < n; k++) {
		rib_line p = {0};
		put_path(&p, &v[k]);
		paths[k] = tc_xmalloc(p.n + 1);
		memcpy(paths[k], p.b, p.n + 1);
	}
	for (size_t i = 0; i < n;) {
		size_t e = i + 1;
		while (e < n && same_route(&v[i], &v[e]))
			e++;
		qsort(paths + i, e - i, sizeof *paths, cmp_cstr);
		lput(l, "%s%s ", i ? " / " : "", v[i].code);
		for (size_t k = i; k < e; k++)
			lput(l, "%s%s", k > i ? "; " : "", paths[k]);
		i = e;
	}
	for (size_t k = 0; k < n; k++)
		free(paths[k]);
	free(paths);
}

/* The prefix's paths at v[*i..]: their number; *i moves past them. */
static size_t take_prefix(const rib_table *t, size_t *i, const rib_path **out)
{
	size_t s = *i, e = s + 1;
	while (e < t->v.n && same_prefix(&t->v.v[s], &t->v.v[e]))
		e++;
	*out = &t->v.v[s];
	*i = e;
	return e - s;
}

/* Where a (configs) and b (capture) of one table differ, appended to out; the prefixes seen
 * are counted in *nprefixes. */
static void diff_table(rib_diffs *out, const rib_table *a, const rib_table *b, const char *vrf,
		       size_t *nprefixes)
{
	static const rib_table none;
	if (!a)
		a = &none;
	if (!b)
		b = &none;
	size_t i = 0, j = 0;
	while (i < a->v.n || j < b->v.n) {
		int c = i >= a->v.n ? 1 : j >= b->v.n ? -1 : cmp_net(&a->v.v[i], &b->v.v[j]);
		rib_diff d = {.vrf = vrf};
		if (c <= 0)
			d.ncfg = take_prefix(a, &i, &d.cfg);
		if (c >= 0)
			d.ncap = take_prefix(b, &j, &d.cap);
		(*nprefixes)++;
		rib_line x = {0}, y = {0};
		side_text(&x, d.cfg, d.ncfg);
		side_text(&y, d.cap, d.ncap);
		if (strcmp(x.b, y.b) != 0)
			TC_VEC_PUSH(*out, d);
	}
}

/* The differences of one device with a capture (cfg: the view from its configs). */
typedef struct rib_cmp {
	const tc_device *d;
	rib_dev cfg, cap;
	rib_diffs diffs;
	size_t nprefixes;
} rib_cmp;

static bool is_local(const rib_path *p)
{
	return strcmp(p->code, "L") == 0;
}

static bool has_local(const rib_dev *rd)
{
	for (size_t t = 0; t < rd->t.n; t++)
		for (size_t k = 0; k < rd->t.v[t].v.n; k++)
			if (is_local(&rd->t.v[t].v.v[k]))
				return true;
	return false;
}

static void drop_local(rib_dev *rd)
{
	for (size_t t = 0; t < rd->t.n; t++) {
		rib_table *tb = &rd->t.v[t];
		size_t o = 0;
		for (size_t k = 0; k < tb->v.n; k++)
			if (!is_local(&tb->v.v[k]))
				tb->v.v[o++] = tb->v.v[k];
		tb->v.n = o;
	}
}

static void cmp_build(rib_cmp *c, const tc_device *cap, const tc_device *cfg, const char *vrf)
{
	*c = (rib_cmp){.d = cap};
	dev_build(&c->cfg, cfg, vrf);
	dev_build(&c->cap, cap, vrf);
	/* a capture without any L route comes from a release that prints none (IOS 12, older
	   ASA; the capture does not say which): L routes are not compared */
	if (!has_local(&c->cap))
		drop_local(&c->cfg);
	/* the union of both sides' tables, in order: global, then VRFs by name */
	size_t i = 0, j = 0;
	while (i < c->cfg.t.n || j < c->cap.t.n) {
		const char *va = i < c->cfg.t.n ? c->cfg.t.v[i].vrf : NULL;
		const char *vb = j < c->cap.t.n ? c->cap.t.v[j].vrf : NULL;
		int o = i >= c->cfg.t.n ? 1
			: j >= c->cap.t.n
				? -1
				: (!va || !vb ? (va != NULL) - (vb != NULL) : strcmp(va, vb));
		const char *v = o <= 0 ? va : vb;
		diff_table(&c->diffs, o <= 0 ? &c->cfg.t.v[i] : NULL,
			   o >= 0 ? &c->cap.t.v[j] : NULL, v, &c->nprefixes);
		i += o <= 0;
		j += o >= 0;
	}
}

static void cmp_free(rib_cmp *c)
{
	dev_free(&c->cfg);
	dev_free(&c->cap);
	TC_VEC_FREE(c->diffs);
}

static void put_diff_prefix(rib_line *l, const rib_diff *d)
{
	const rib_path *p = d->ncfg ? d->cfg : d->cap;
	rib_line pl = {0};
	put_prefix(&pl, p, false, true);
	if (d->vrf)
		lput(l, " vrf %s", d->vrf);
	lput(l, " %s", pl.b);
}

/* The devices in devs without a capture, "ASA, R3": nothing to compare. */
static void put_no_capture(FILE *out, const tc_device *const *devs, const tc_device *const *views,
			   size_t n)
{
	size_t none = 0;
	for (size_t k = 0; k < n; k++) {
		if (views[k])
			continue;
		if (none++)
			fputs(", ", out);
		tc_render_puts(out, dev_name(devs[k]), false);
	}
	if (none)
		fputs(": no capture (routes/<hostname>.txt), nothing to compare\n", out);
}

int tc_render_rib_compare_text(FILE *out, const tc_device *const *devs,
			       const tc_device *const *views, size_t n, const char *vrf,
			       size_t *ndiff)
{
	*ndiff = 0;
	rib_cmp *c = tc_xcalloc(n + 1, sizeof *c);
	for (size_t k = 0; k < n; k++) {
		if (!views[k])
			continue;
		cmp_build(&c[k], devs[k], views[k], vrf);
		for (size_t i = 0; i < c[k].diffs.n; i++) {
			const rib_diff *d = &c[k].diffs.v[i];
			rib_line l = {0};
			lput(&l, "%s", dev_name(devs[k]));
			put_diff_prefix(&l, d);
			lput(&l, ": configs: ");
			side_text(&l, d->cfg, d->ncfg);
			lput(&l, " | capture: ");
			side_text(&l, d->cap, d->ncap);
			put_line(out, &l);
		}
		*ndiff += c[k].diffs.n;
	}
	for (size_t k = 0; k < n; k++) {
		if (!views[k])
			continue;
		tc_render_puts(out, dev_name(devs[k]), false);
		if (c[k].diffs.n)
			fprintf(out, ": %zu of %zu %s differ between the configs and ",
				c[k].diffs.n, c[k].nprefixes,
				tc_render_plural(c[k].nprefixes, "prefix", "prefixes"));
		else
			fprintf(out, ": the configs and ");
		tc_render_puts(out, devs[k]->capture_file, false);
		if (!c[k].diffs.n)
			fprintf(out, " agree on %zu %s", c[k].nprefixes,
				tc_render_plural(c[k].nprefixes, "prefix", "prefixes"));
		putc('\n', out);
		cmp_free(&c[k]);
	}
	put_no_capture(out, devs, views, n);
	free(c);
	return ferror(out) ? TC_ERROR : 0;
}

int tc_render_rib_compare_json(FILE *out, const tc_device *const *devs,
			       const tc_device *const *views, size_t n, const char *vrf,
			       size_t *ndiff)
{
	*ndiff = 0;
	tc_jw j = {.out = out, .fresh = true};
	char buf[160];
	tc_jw_open_report(&j);
	tc_jw_open(&j, "devices", '[');
	for (size_t k = 0; k < n; k++) {
		if (!views[k])
			continue;
		rib_cmp c;
		cmp_build(&c, devs[k], views[k], vrf);
		tc_jw_open(&j, NULL, '{');
		tc_jw_str(&j, "device", dev_name(devs[k]));
		tc_jw_str(&j, "capture", devs[k]->capture_file);
		tc_jw_uint(&j, "prefixes", c.nprefixes);
		tc_jw_open(&j, "differences", '[');
		for (size_t i = 0; i < c.diffs.n; i++) {
			const rib_diff *d = &c.diffs.v[i];
			const rib_path *p = d->ncfg ? d->cfg : d->cap;
			tc_jw_open(&j, NULL, '{');
			tc_jw_str(&j, "vrf", d->vrf);
			if (p->dst_name)
				snprintf(buf, sizeof buf, "%s/%u", p->dst_name, p->dst.len);
			tc_jw_str(&j, "prefix",
				  p->dst_name ? buf : tc_prefix_format(buf, sizeof buf, p->dst));
			tc_jw_open(&j, "configs", '[');
			j_routes(&j, d->cfg, d->ncfg, d->vrf);
			tc_jw_close(&j, ']');
			tc_jw_open(&j, "capture", '[');
			j_routes(&j, d->cap, d->ncap, d->vrf);
			tc_jw_close(&j, ']');
			tc_jw_close(&j, '}');
		}
		tc_jw_close(&j, ']');
		tc_jw_close(&j, '}');
		*ndiff += c.diffs.n;
		cmp_free(&c);
	}
	tc_jw_close(&j, ']');
	tc_jw_open(&j, "no_capture", '[');
	for (size_t k = 0; k < n; k++)
		if (!views[k])
			tc_jw_str(&j, NULL, dev_name(devs[k]));
	tc_jw_close(&j, ']');
	return tc_jw_finish(&j, '}');
}
