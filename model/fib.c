/* fib.c: per-device forwarding table and longest-prefix match.
 *
 * Candidates are the connected subnets of up interfaces (secondary addresses
 * included), the static routes and the routes the control-plane pass computed
 * (routing.h), or only the captured routes when the snapshot has a
 * routing-table capture for the device. Next hops are resolved recursively to an egress
 * interface; for each prefix the lowest administrative distance wins. The
 * table is kept sorted by prefix length (longest first), so the first
 * containing entry is the longest match. */
#include "model.h"
#include "model_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TC_RECURSION_LIMIT 8

static int cmp_fib(const void *a, const void *b)
{
	const tc_fib_entry *x = a, *y = b;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* the same prefix: only now read the routes (connected: distance 0, line 0) */
	unsigned dx = tc_fib_distance(x), dy = tc_fib_distance(y);
	if (dx != dy)
		return dx < dy ? -1 : 1;
	/* keep configuration order among equals */
	unsigned lx = x->route ? x->route->line : 0, ly = y->route ? y->route->line : 0;
	return (lx > ly) - (lx < ly);
}

/* Merge the sorted runs v[0..h), copied to tmp first, and v[h..n) into v,
 * the left run's entry first among equals. */
static void fib_merge(tc_fib_entry *v, size_t h, size_t n, tc_fib_entry *tmp)
{
	if (h == 0 || h == n || cmp_fib(&v[h - 1], &v[h]) <= 0)
		return; /* in order already */
	memcpy(tmp, v, h * sizeof *v);
	size_t i = 0, j = h, o = 0;
	while (i < h && j < n)
		v[o++] = cmp_fib(&v[j], &tmp[i]) < 0 ? v[j++] : tmp[i++];
	while (i < h)
		v[o++] = tmp[i++];
}

/* Stable merge sort of v[0..n) by cmp_fib, tmp having room for n / 2
 * entries: the order of glibc's qsort (a merge sort, stable too), with the
 * comparison inlined and no allocation per call. */
static void fib_msort(tc_fib_entry *v, size_t n, tc_fib_entry *tmp)
{
	if (n <= 12) { /* insertion sort: stable */
		for (size_t i = 1; i < n; i++) {
			tc_fib_entry x = v[i];
			size_t j = i;
			for (; j > 0 && cmp_fib(&v[j - 1], &x) > 0; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	size_t h = n / 2;
	fib_msort(v, h, tmp);
	fib_msort(v + h, n - h, tmp);
	fib_merge(v, h, n, tmp);
}

/* Sort fib[sorted..n), the entries added since fib[0..sorted) was sorted,
 * and merge them in, the earlier entry first among equals: the order that
 * sorting all of fib[0..n) again gives, without sorting the whole table
 * again on every pass. */
static void fib_sort_new(tc_fib_entry *fib, size_t sorted, size_t n)
{
	if (n == sorted)
		return;
	size_t room = (n - sorted) / 2 > sorted ? (n - sorted) / 2 : sorted;
	tc_fib_entry *tmp = tc_xmalloc((room + 1) * sizeof *tmp);
	fib_msort(fib + sorted, n - sorted, tmp);
	fib_merge(fib, sorted, n, tmp);
	free(tmp);
}

/* The first entry for exactly prefix (ip masked to len), or NULL: a binary
 * search in the block of /len entries, which is sorted by address. */
static const tc_fib_entry *fib_exact(const tc_device *d, uint32_t ip, unsigned len)
{
	uint32_t key = ip & tc_len_to_mask((uint8_t)len);
	size_t lo = d->fib_start[len], hi = d->fib_end[len];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->fib[mid].addr < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->fib_end[len] && d->fib[lo].addr == key ? &d->fib[lo] : NULL;
}

/* Index the sorted table by prefix length: at most 33 binary searches per lookup. */
static void fib_index(tc_device *d)
{
	d->fib_lens = 0;
	for (size_t i = 0; i < d->nfib;) {
		unsigned len = d->fib[i].len;
		size_t j = i;
		while (j < d->nfib && d->fib[j].len == len)
			j++;
		d->fib_lens |= 1ull << len;
		d->fib_start[len] = (uint32_t)i;
		d->fib_end[len] = (uint32_t)j;
		i = j;
	}
}

const tc_fib_entry *tc_fib_lookup(const tc_device *d, uint32_t ip)
{
	for (int len = 32; len >= 0; len--)
		if (d->fib_lens & (1ull << len)) {
			const tc_fib_entry *f = fib_exact(d, ip, (unsigned)len);
			if (f)
				return f;
		}
	return NULL;
}

static bool is_null_iface(const char *name)
{
	return name && strncasecmp(name, "null", 4) == 0;
}

/* Number d's interfaces for its FIB entries: ifv[k] is the one with index k, ifv[0] NULL.
 * Past TC_FIB_MAX_IFACES (more than any router has; only a hostile input gets there) the
 * rest get index 0, and the FIB uses none of them. Returns how many there are. */
static size_t fib_ifaces(tc_model *m, tc_device *d, bool quiet)
{
	size_t n = 0;
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		n++;
	size_t nv = n < TC_FIB_MAX_IFACES ? n : TC_FIB_MAX_IFACES;
	d->ifv = tc_arena_alloc(m->arena, (nv + 1) * sizeof *d->ifv);
	d->nifv = (unsigned)nv + 1;
	unsigned k = 0;
	for (tc_iface *i = d->ifaces; i; i = i->next) {
		i->index = k < nv ? ++k : 0;
		d->ifv[i->index] = i->index ? i : NULL;
	}
	if (n > nv && !quiet)
		tc_model_diag(m, d->file, 0, 0, TC_SEV_WARNING, "too-many-interfaces", NULL,
			      "%s has %zu interfaces; the FIB routes out of the first %u only",
			      d->hostname ? d->hostname : d->file, n, TC_FIB_MAX_IFACES);
	return n;
}

/* The interfaces that route interface names name, remembered by the name's address: the
 * parsers intern them (one copy per distinct name of a file), so 300 000 routes out of 500
 * interfaces ask tc_iface_find() about once per name, not once per route. Direct-mapped: a
 * collision only costs the lookup again. */
typedef struct iface_memo {
	struct memo_slot {
		const char *name; /* NULL: empty */
		const tc_iface *iface;
	} * slot;
	size_t mask;
} iface_memo;

static void memo_init(iface_memo *c, size_t nifaces)
{
	size_t n = 16;
	while (n < 4 * nifaces && n < 4096)
		n *= 2;
	c->slot = tc_xcalloc(n, sizeof *c->slot);
	c->mask = n - 1;
}

static const tc_iface *memo_iface(iface_memo *c, const tc_device *d, const char *name)
{
	struct memo_slot *s = &c->slot[tc_hash_u64((uintptr_t)name) & c->mask];
	if (s->name != name)
		*s = (struct memo_slot){name, tc_iface_find(d, name)};
	return s->iface;
}

/* Walking the config's (or captured) routes and then the computed ones as one list. */
static const tc_route *route_at(const tc_route *const lists[2], int l)
{
	for (; l < 2; l++)
		if (lists[l])
			return lists[l];
	return NULL;
}

/* The route after r; tail0 is the last route of lists[0]. */
static const tc_route *route_after(const tc_route *const lists[2], const tc_route *tail0,
				   const tc_route *r)
{
	const tc_route *n = tc_route_next(r);
	return n ? n : r == tail0 ? route_at(lists, 1) : NULL;
}

/* Build d's FIB; quiet: without the diagnostics (a second build of a device, whose first
 * already said them or whose capture made them moot). */
static void asa_ecmp_excess(tc_model *m, const tc_device *d);

static void fib_build(tc_model *m, tc_device *d, bool quiet)
{
	size_t nifaces = fib_ifaces(m, d, quiet), cap = nifaces;
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		cap += i->nsecondary;
	/* a capture replaces the config's routes and the computed ones */
	const tc_route *lists[2] = {d->has_capture ? d->captured : d->routes,
				    d->has_capture ? NULL : d->computed};
	for (int l = 0; l < 2; l++)
		for (const tc_route *r = lists[l]; r; r = tc_route_next(r))
			cap++;
	tc_fib_entry *fib = tc_arena_alloc(m->arena, (cap + 1) * sizeof *fib);
	size_t n = 0;

	if (!d->has_capture)
		for (const tc_iface *i = d->ifaces; i; i = i->next) {
			if (!i->has_addr || i->shutdown || !i->index)
				continue;
			tc_prefix p = tc_prefix_make(i->addr, i->plen);
			fib[n++] = (tc_fib_entry){
				.route = NULL, .addr = p.addr, .len = p.len, .iface = i->index};
			for (unsigned k = 0; k < i->nsecondary; k++) {
				p = tc_prefix_make(i->secondary[k].addr, i->secondary[k].plen);
				fib[n++] = (tc_fib_entry){.route = NULL,
							  .addr = p.addr,
							  .len = p.len,
							  .iface = i->index};
			}
		}

	/* Routes whose egress is known directly (an interface, or a next hop on
	 * a connected subnet) first; then recursive ones, a pass at a time. */
	const tc_route *tail0 = d->has_capture ? d->captured_tail : d->routes_tail;
	size_t nroutes = 0;
	for (const tc_route *r = route_at(lists, 0); r; r = route_after(lists, tail0, r))
		nroutes++;
	bool *done = tc_xcalloc(nroutes + 1, sizeof *done);
	iface_memo memo;
	memo_init(&memo, nifaces);
	size_t sorted = 0; /* fib[0..sorted) is in order */
	for (int pass = 0; pass < TC_RECURSION_LIMIT; pass++) {
		size_t before = n, k = 0;
		/* entries added so far, sorted so lookups see the longest match */
		fib_sort_new(fib, sorted, n);
		sorted = n;
		d->fib = fib;
		d->nfib = n;
		fib_index(d);
		for (const tc_route *r = route_at(lists, 0); r;
		     r = route_after(lists, tail0, r), k++) {
			if (done[k])
				continue;
			const tc_iface *out = NULL;
			bool null_route = false;
			if (r->attr->ifname) {
				out = memo_iface(&memo, d, r->attr->ifname);
				if (!out && is_null_iface(r->attr->ifname))
					null_route = true;
				else if (!out) {
					done[k] = true;
					if (!quiet)
						tc_model_diag(
							m, r->attr->file, r->line, 0,
							TC_SEV_WARNING, "unknown-interface", NULL,
							"route names interface %s, which %s does not have; route ignored",
							r->attr->ifname,
							d->hostname ? d->hostname : d->file);
					continue;
				}
				if (out && (out->shutdown || !out->index)) {
					done[k] = true;
					continue;
				}
			} else if (r->has_nh) {
				const tc_fib_entry *via = tc_fib_lookup(d, r->nh);
				if (!via || !via->iface)
					continue; /* maybe next pass */
				out = tc_fib_iface(d, via);
			} else {
				done[k] = true;
				continue;
			}
			done[k] = true;
			fib[n++] = (tc_fib_entry){.route = r,
						  .addr = r->dst.addr,
						  .len = r->dst.len,
						  .iface = null_route ? 0 : out->index};
		}
		if (n == before)
			break;
	}
	size_t k = 0;
	for (const tc_route *r = route_at(lists, 0); r; r = route_after(lists, tail0, r), k++)
		if (!done[k] && !quiet) {
			char nh[TC_IP_STRLEN];
			tc_model_diag(m, r->attr->file, r->line, 0, TC_SEV_WARNING,
				      "unresolved-next-hop", NULL,
				      "next hop %s is not reachable from %s; route ignored",
				      tc_ip_format(nh, sizeof nh, r->nh),
				      d->hostname ? d->hostname : d->file);
		}
	free(done);
	free(memo.slot);

	/* All candidates stay, best first within a prefix (lowest distance):
	 * a lookup that must avoid a failed interface falls back to the next
	 * one, as a floating static would take over. */
	fib_sort_new(fib, sorted, n);
	d->fib = fib;
	d->nfib = n;
	fib_index(d);
	if (d->dialect == TC_DIALECT_ASA && !quiet)
		asa_ecmp_excess(m, d);
}

void tc_fib_build(tc_model *m, tc_device *d)
{
	fib_build(m, d, false);
}

void tc_fib_rebuild(tc_model *m, tc_device *d)
{
	fib_build(m, d, true);
}

const tc_device *tc_device_configs_view(tc_model *m, const tc_device *d)
{
	if (!d->has_capture)
		return d;
	tc_device *v = tc_arena_alloc(m->arena, sizeof *v);
	*v = *d;
	v->has_capture = false;
	fib_build(m, v, true);
	return v;
}

const tc_fib_entry *tc_fib_lookup_if(const tc_device *d, uint32_t ip,
				     bool (*usable)(const tc_iface *iface, void *payload),
				     void *payload)
{
	for (int len = 32; len >= 0; len--) {
		if (!(d->fib_lens & (1ull << len)))
			continue;
		const tc_fib_entry *f = fib_exact(d, ip, (unsigned)len);
		const tc_fib_entry *end = d->fib + d->fib_end[len];
		for (; f && f < end && f->addr == (ip & tc_len_to_mask((uint8_t)len)); f++)
			if (!f->iface || usable(tc_fib_iface(d, f), payload))
				return f;
	}
	return NULL;
}

/* Two paths of one prefix that forward the same way (a route given twice). */
static bool same_path(const tc_fib_entry *x, const tc_fib_entry *y)
{
	return x->iface == y->iface && tc_fib_nh(x) == tc_fib_nh(y);
}

/* Can f share the traffic of fe's prefix with it? Connected subnets, Null0 and ASA
 * `tunneled` routes never do. */
static bool equal_cost(const tc_device *d, const tc_fib_entry *fe, const tc_fib_entry *f)
{
	if (!f->route || !f->iface || f->route->tunneled)
		return false;
	if (f->route->distance != fe->route->distance || f->route->metric != fe->route->metric)
		return false;
	/* ASA: "ECMP is not supported across multiple interfaces" (ASA general operations
	 * configuration guide, "Equal-Cost Multi-Path Routing"; traffic zones aside) */
	return d->dialect != TC_DIALECT_ASA || f->iface == fe->iface;
}

/* tc_fib_ecmp() without the ASA's limit. */
static size_t fib_ecmp(const tc_fib_entry **out, size_t max, const tc_device *d,
		       const tc_fib_entry *fe)
{
	size_t n = 0;
	if (max == 0)
		return 0;
	out[n++] = fe;
	if (fe < d->fib || fe >= d->fib + d->nfib || !fe->route || !fe->iface ||
	    fe->route->tunneled)
		return n;
	const tc_fib_entry *end = d->fib + d->fib_end[fe->len];
	for (const tc_fib_entry *f = fe + 1; f < end && f->addr == fe->addr && n < max; f++) {
		if (!equal_cost(d, fe, f))
			continue;
		bool dup = false;
		for (size_t k = 0; k < n && !dup; k++)
			dup = same_path(out[k], f);
		if (!dup)
			out[n++] = f;
	}
	return n;
}

size_t tc_fib_ecmp(const tc_fib_entry **out, size_t max, const tc_device *d, const tc_fib_entry *fe)
{
	if (d->dialect == TC_DIALECT_ASA && max > TC_ASA_MAX_ECMP)
		max = TC_ASA_MAX_ECMP;
	return fib_ecmp(out, max, d, fe);
}

/* The equal-cost routes an ASA does not install: past the 8th of a prefix (out of one
 * interface, as fib_ecmp() reads them), one warning each at its line. */
static void asa_ecmp_excess(tc_model *m, const tc_device *d)
{
	const tc_fib_entry *v[4 * TC_ASA_MAX_ECMP];
	for (size_t i = 0; i < d->nfib; i++) {
		const tc_fib_entry *fe = &d->fib[i];
		if (i && fe[-1].addr == fe->addr && fe[-1].len == fe->len)
			continue; /* only a prefix's best route has equal-cost siblings to read */
		size_t n = fib_ecmp(v, sizeof v / sizeof v[0], d, fe);
		for (size_t k = TC_ASA_MAX_ECMP; k < n; k++) {
			char p[TC_IP_STRLEN + 3], nh[TC_IP_STRLEN];
			tc_model_diag(m, v[k]->route->attr->file, v[k]->route->line, 0,
				      TC_SEV_WARNING, "ecmp-not-installed", NULL,
				      "%s installs at most %u equal-cost routes to %s out of %s; "
				      "this one, via %s, is not installed",
				      d->hostname ? d->hostname : d->file, TC_ASA_MAX_ECMP,
				      tc_prefix_format(p, sizeof p, tc_fib_dst(fe)),
				      tc_iface_label(tc_fib_iface(d, fe)),
				      tc_ip_format(nh, sizeof nh, tc_fib_nh(v[k])));
		}
	}
}
