/* fib.c: per-device forwarding table and longest-prefix match.
 *
 * Candidates are the connected subnets of up interfaces plus the static
 * routes, or only the captured routes when the snapshot has a routing-table
 * capture for the device. Next hops are resolved recursively to an egress
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
	if (x->dst.len != y->dst.len)
		return x->dst.len > y->dst.len ? -1 : 1;
	if (x->dst.addr != y->dst.addr)
		return x->dst.addr < y->dst.addr ? -1 : 1;
	if (x->distance != y->distance)
		return x->distance < y->distance ? -1 : 1;
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
	tc_fib_entry *tmp = malloc((room + 1) * sizeof *tmp);
	if (!tmp)
		abort();
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
		if (d->fib[mid].dst.addr < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->fib_end[len] && d->fib[lo].dst.addr == key ? &d->fib[lo] : NULL;
}

/* Index the sorted table by prefix length: at most 33 binary searches per lookup. */
static void fib_index(tc_device *d)
{
	d->fib_lens = 0;
	for (size_t i = 0; i < d->nfib;) {
		unsigned len = d->fib[i].dst.len;
		size_t j = i;
		while (j < d->nfib && d->fib[j].dst.len == len)
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

void tc_fib_build(tc_model *m, tc_device *d)
{
	size_t cap = 0;
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		cap++;
	const tc_route *list = d->has_capture ? d->captured : d->routes;
	for (const tc_route *r = list; r; r = tc_route_next(r))
		cap++;
	tc_fib_entry *fib = tc_arena_alloc(m->arena, (cap + 1) * sizeof *fib);
	size_t n = 0;

	if (!d->has_capture)
		for (const tc_iface *i = d->ifaces; i; i = i->next) {
			if (!i->has_addr || i->shutdown)
				continue;
			tc_fib_entry *f = &fib[n++];
			f->dst = tc_prefix_make(i->addr, i->plen);
			f->iface = i;
			f->distance = 0;
		}

	/* Routes whose egress is known directly (an interface, or a next hop on
	 * a connected subnet) first; then recursive ones, a pass at a time. */
	size_t nroutes = 0;
	for (const tc_route *r = list; r; r = tc_route_next(r))
		nroutes++;
	bool *done = calloc(nroutes + 1, sizeof *done);
	if (!done)
		abort();
	size_t sorted = 0; /* fib[0..sorted) is in order */
	for (int pass = 0; pass < TC_RECURSION_LIMIT; pass++) {
		size_t before = n, k = 0;
		/* entries added so far, sorted so lookups see the longest match */
		fib_sort_new(fib, sorted, n);
		sorted = n;
		d->fib = fib;
		d->nfib = n;
		fib_index(d);
		for (const tc_route *r = list; r; r = tc_route_next(r), k++) {
			if (done[k])
				continue;
			const tc_iface *out = NULL;
			bool null_route = false;
			if (r->attr->ifname) {
				out = tc_iface_find(d, r->attr->ifname);
				if (!out && is_null_iface(r->attr->ifname))
					null_route = true;
				else if (!out) {
					done[k] = true;
					tc_model_diag(m, r->attr->file, r->line, 0, TC_SEV_WARNING, "unknown-interface",
						      NULL, "route names interface %s, which %s does not have; route ignored",
						      r->attr->ifname, d->hostname ? d->hostname : d->file);
					continue;
				}
				if (out && out->shutdown) {
					done[k] = true;
					continue;
				}
			} else if (r->has_nh) {
				const tc_fib_entry *via = tc_fib_lookup(d, r->nh);
				if (!via || !via->iface)
					continue; /* maybe next pass */
				out = via->iface;
			} else {
				done[k] = true;
				continue;
			}
			done[k] = true;
			tc_fib_entry *f = &fib[n++];
			f->dst = r->dst;
			f->nh = r->has_nh ? r->nh : 0;
			f->has_nh = r->has_nh;
			f->iface = null_route ? NULL : out;
			f->distance = r->distance;
			f->route = r;
		}
		if (n == before)
			break;
	}
	size_t k = 0;
	for (const tc_route *r = list; r; r = tc_route_next(r), k++)
		if (!done[k]) {
			char nh[TC_IP_STRLEN];
			tc_model_diag(m, r->attr->file, r->line, 0, TC_SEV_WARNING, "unresolved-next-hop", NULL,
				      "next hop %s is not reachable from %s; route ignored",
				      tc_ip_format(nh, sizeof nh, r->nh), d->hostname ? d->hostname : d->file);
		}
	free(done);

	/* All candidates stay, best first within a prefix (lowest distance):
	 * a lookup that must avoid a failed interface falls back to the next
	 * one, as a floating static would take over. */
	fib_sort_new(fib, sorted, n);
	d->fib = fib;
	d->nfib = n;
	fib_index(d);
}

const tc_fib_entry *tc_fib_lookup_if(const tc_device *d, uint32_t ip,
				     bool (*usable)(const tc_iface *iface, void *payload), void *payload)
{
	for (int len = 32; len >= 0; len--) {
		if (!(d->fib_lens & (1ull << len)))
			continue;
		const tc_fib_entry *f = fib_exact(d, ip, (unsigned)len);
		const tc_fib_entry *end = d->fib + d->fib_end[len];
		for (; f && f < end && f->dst.addr == (ip & tc_len_to_mask((uint8_t)len)); f++)
			if (!f->iface || usable(f->iface, payload))
				return f;
	}
	return NULL;
}
