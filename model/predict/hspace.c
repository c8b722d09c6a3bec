/* hspace.c: header spaces: conversations, the FIB and ACL bounds that split them into parts, and
 * their index. */
#include "predict_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- header spaces ------------------------------------------------------------- */

static int cmp_prefix(const void *a, const void *b)
{
	return tc_prefix_cmp(*(const tc_prefix *)a, *(const tc_prefix *)b);
}

/* The bounds gathered, as keys that sort as tc_prefix_cmp() orders prefixes: address,
 * then length. Many devices route on the same prefixes: while more than one device has a
 * FIB, repeats are dropped as they come through a hash set of the keys (a few tens of
 * thousands among a million FIB and ACL prefixes, so the set stays small enough for the
 * caches: 4 bytes a slot). One device's prefixes are distinct already: they go in
 * unhashed, and the few repeats of its ACL lines go after sorting. */
#define BOUND_KEY(arr, i) ((arr)[i])
#define BOUND_EQ(a, b) ((a) == (b))
#define BOUND_FN(k) tc_hash_u64(k)
TC_INDEX_DEFINE(bound_set, const uint64_t *, uint64_t, BOUND)

struct bounds_seen {
	uint64_t *key;
	size_t n, cap;
	bool hashed;   /* repeats dropped through set as they come */
	bound_set set; /* indexes in key, when hashed */
};

static void bound_add(struct bounds_seen *bs, tc_prefix b)
{
	uint64_t k = (uint64_t)b.addr << 8 | b.len;
	uint32_t *slot = bs->hashed ? bound_set_slot(&bs->set, bs->key, k) : NULL;
	if (slot && *slot)
		return;
	TC_GROW(bs->key, bs->n + 1, bs->cap);
	bs->key[bs->n++] = k;
	if (slot) {
		*slot = (uint32_t)bs->n;
		bound_set_added(&bs->set, bs->key);
	}
}

/* Sort v[0..n) by radix, a byte a pass over the five bytes a key has, every pass's counts
 * taken in one read and a pass all keys agree on skipped: a router with 300 k routes
 * gathers as many bounds, whose hashing and qsort() were nearly all of a one-router
 * prediction. */
static void sort_keys(uint64_t *v, size_t n)
{
	enum { PASSES = 5 };
	size_t(*cnt)[256] = tc_xcalloc(PASSES, sizeof *cnt);
	for (size_t i = 0; i < n; i++)
		for (unsigned k = 0; k < PASSES; k++)
			cnt[k][v[i] >> 8 * k & 0xff]++;
	uint64_t *tmp = tc_xrealloc(NULL, (n + 1) * sizeof *tmp), *from = v, *to = tmp;
	for (unsigned k = 0; k < PASSES && n; k++) {
		unsigned shift = 8 * k;
		if (cnt[k][v[0] >> shift & 0xff] == n)
			continue;
		for (size_t d = 0, at = 0; d < 256; d++) {
			size_t c = cnt[k][d];
			cnt[k][d] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			to[cnt[k][from[i] >> shift & 0xff]++] = from[i];
		uint64_t *t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * sizeof *v);
	free(tmp);
	free(cnt);
}

static int cmp_line_side(const void *a, const void *b)
{
	const struct line_side *x = a, *y = b;
	int c = tc_prefix_cmp(x->key, y->key);
	return c ? c : tc_prefix_cmp(x->other, y->other);
}

/* An ACL line that never meets both sides of a pair matches none of its packets, in either
 * direction: its prefixes split only the pairs it meets (sim_split), found by a range of
 * these two sorted copies. NAT is the exception: a translated packet meets lines its pair
 * does not, so with NAT anywhere every ACL prefix bounds every pair, as routes do. */
static void collect_lines(sim *s, struct bounds_seen *bs)
{
	size_t n = 0, cap = 0;
	for (size_t k = 0; k < s->m->ndevs; k++)
		s->hs.acl_global |= s->m->devs[k]->nats != NULL;
	for (size_t k = 0; k < s->m->ndevs; k++)
		for (const tc_acl *a = s->m->devs[k]->acls; a; a = a->next)
			for (const tc_ace *e = a->aces; e; e = e->next) {
				if (s->hs.acl_global) {
					bound_add(bs, e->src);
					bound_add(bs, e->dst);
					continue;
				}
				TC_GROW(s->hs.by_src, n + 1, cap);
				s->hs.by_src[n++] = (struct line_side){e->src, e->dst};
			}
	if (!n)
		return;
	qsort(s->hs.by_src, n, sizeof *s->hs.by_src, cmp_line_side);
	size_t u = 0; /* many lines repeat a pair (mirrors, several maps) */
	for (size_t i = 0; i < n; i++)
		if (!u || cmp_line_side(&s->hs.by_src[u - 1], &s->hs.by_src[i]))
			s->hs.by_src[u++] = s->hs.by_src[i];
	s->hs.nlines = u;
	s->hs.by_dst = tc_xrealloc(NULL, u * sizeof *s->hs.by_dst);
	for (size_t i = 0; i < u; i++)
		s->hs.by_dst[i] = (struct line_side){s->hs.by_src[i].other, s->hs.by_src[i].key};
	qsort(s->hs.by_dst, u, sizeof *s->hs.by_dst, cmp_line_side);
}

/* Every interface's subnet and address (primary and secondary), sorted, each once: a walk
 * asks who holds an address and which subnet is connected where, besides the routes. */
static void collect_iface_bounds(sim *s)
{
	size_t n = 0, cap = 0;
	for (size_t k = 0; k < s->m->ndevs; k++)
		for (const tc_iface *i = s->m->devs[k]->ifaces; i; i = i->next) {
			if (!i->has_addr)
				continue;
			TC_GROW(s->hs.ifb, n + 2 + 2 * (size_t)i->nsecondary, cap);
			s->hs.ifb[n++] = (tc_prefix){i->addr, 32};
			s->hs.ifb[n++] = tc_prefix_make(i->addr, i->plen);
			for (unsigned j = 0; j < i->nsecondary; j++) {
				s->hs.ifb[n++] = (tc_prefix){i->secondary[j].addr, 32};
				s->hs.ifb[n++] =
					tc_prefix_make(i->secondary[j].addr, i->secondary[j].plen);
			}
		}
	if (n > 1)
		qsort(s->hs.ifb, n, sizeof *s->hs.ifb, cmp_prefix);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!u || !pfx_eq(s->hs.ifb[u - 1], s->hs.ifb[i]))
			s->hs.ifb[u++] = s->hs.ifb[i];
	s->hs.nifb = u;
}

/* Can a walk read one side of an ACL line without the other? A reverse route (static or
 * from an SA, R5.1, R5.2) routes on an SA's remote proxy alone, an IKEv2 responder narrows
 * an SA to one side of each of two lines (§6), and a tunnel's SAs are its own: then two
 * part pairs the same lines hold may still meet different routes or SAs. IKEv1 crypto
 * maps without reverse routes match and install whole lines. */
static bool line_sides_read(const tc_model *m)
{
	for (size_t k = 0; k < m->ndevs; k++) {
		const tc_device *d = m->devs[k];
		if (d->rri_via)
			return true;
		const tc_entry *lists[2] = {d->entries, d->dynentries};
		for (int l = 0; l < 2; l++)
			for (const tc_entry *e = lists[l]; e; e = e->next)
				if (e->rri != TC_RRI_NONE || e->ike_version == 2)
					return true;
		for (const tc_iface *i = d->ifaces; i; i = i->next)
			if (i->tun)
				return true;
	}
	return false;
}

/* Every prefix some device routes on, and the ACL lines: the places where routing or an
 * ACL may treat parts of a proxy pair differently. The prefixes sorted, each once (a FIB
 * holds each prefix's routes side by side). */
void sim_collect_bounds(sim *s)
{
	struct bounds_seen bs = {0};
	size_t routers = 0;
	for (size_t k = 0; k < s->m->ndevs; k++)
		routers += s->m->devs[k]->nfib > 0;
	bs.hashed = routers > 1;
	if (bs.hashed)
		bound_set_init(&bs.set, 10);
	for (size_t k = 0; k < s->m->ndevs; k++) {
		const tc_device *d = s->m->devs[k];
		for (size_t i = 0; i < d->nfib; i++)
			if (!i || !pfx_eq(tc_fib_dst(&d->fib[i - 1]), tc_fib_dst(&d->fib[i])))
				bound_add(&bs, tc_fib_dst(&d->fib[i]));
	}
	collect_lines(s, &bs);
	if (bs.hashed)
		bound_set_free(&bs.set);
	sort_keys(bs.key, bs.n);
	s->hs.bounds = tc_xrealloc(s->hs.bounds, (bs.n + 1) * sizeof *s->hs.bounds);
	s->hs.nbounds = 0;
	for (size_t i = 0; i < bs.n; i++)
		if (!i || bs.key[i] != bs.key[i - 1])
			s->hs.bounds[s->hs.nbounds++] = (tc_prefix){
				.addr = (uint32_t)(bs.key[i] >> 8), .len = (uint8_t)bs.key[i]};
	free(bs.key);
	collect_iface_bounds(s);
	s->hs.line_sides = line_sides_read(s->m);
}

/* The first of v[0..n) (sorted by address) whose address is p's or above. */
static size_t first_in(const tc_prefix *v, size_t stride, size_t n, tc_prefix p)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const tc_prefix *x = (const tc_prefix *)((const char *)v + mid * stride);
		if (x->addr < p.addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Is some boundary of v (sorted) strictly inside p? */
static bool has_inner_bound(const tc_prefix *v, size_t n, tc_prefix p)
{
	for (size_t i = first_in(v, sizeof *v, n, p); i < n && tc_prefix_has(p, v[i].addr); i++)
		if (v[i].len > p.len)
			return true;
	return false;
}

/* The prefixes strictly inside p of the ACL lines meeting the pair (p, other) on both sides,
 * either way round, into *out (malloc'd, sorted by address); how many. */
static size_t line_bounds(const sim *s, tc_prefix p, tc_prefix other, tc_prefix **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	const struct line_side *sides[2] = {s->hs.by_src, s->hs.by_dst};
	for (int k = 0; k < 2 && s->hs.nlines; k++) {
		const struct line_side *v = sides[k];
		for (size_t i = first_in(&v->key, sizeof *v, s->hs.nlines, p);
		     i < s->hs.nlines && tc_prefix_has(p, v[i].key.addr); i++)
			if (v[i].key.len > p.len && tc_prefix_overlaps(v[i].other, other)) {
				TC_GROW(*out, n + 1, cap);
				(*out)[n++] = v[i].key;
			}
	}
	if (n > 1)
		qsort(*out, n, sizeof **out, cmp_prefix);
	return n;
}

/* Does an interface address lie in part q, or an interface subnet strictly inside it? Then
 * which address of q a walk takes may matter (a router's own address, a subnet the split
 * did not cut at): q is a walk class of its own. */
static bool holds_iface(const sim *s, tc_prefix q)
{
	for (size_t i = first_in(s->hs.ifb, sizeof *s->hs.ifb, s->hs.nifb, q);
	     i < s->hs.nifb && tc_prefix_has(q, s->hs.ifb[i].addr); i++)
		if (s->hs.ifb[i].len > q.len || s->hs.ifb[i].len == 32)
			return true;
	return false;
}

#define CLASS_BOUNDS 64 /* bounds inside a side, or lines inside a pair, classes tell apart */

/* The route classes of the parts v[0..n) of side p: parts the same routes and interface
 * subnets strictly inside p contain share a rank, into rank (arena); how many ranks. Bounds
 * containing p contain every part alike. 0 when p holds more bounds than CLASS_BOUNDS: not
 * classed. ACL lines are two-sided (pair_classes() tells pairs apart by them); their sides
 * lb[0..nlb) count here too when a walk may read a side alone (hspace.line_sides). */
static unsigned part_ranks(const sim *s, tc_prefix p, const tc_prefix *lb, size_t nlb,
			   const tc_prefix *v, unsigned n, uint8_t **rank)
{
	const tc_prefix *src[3] = {s->hs.bounds, s->hs.ifb, lb};
	size_t cnt[3] = {s->hs.acl_global ? 0 : s->hs.nbounds, s->hs.nifb,
			 s->hs.line_sides ? nlb : 0},
	       nb = 0;
	tc_prefix b[CLASS_BOUNDS];
	for (int k = 0; k < 3; k++)
		for (size_t i = first_in(src[k], sizeof *src[k], cnt[k], p);
		     i < cnt[k] && tc_prefix_has(p, src[k][i].addr); i++) {
			if (src[k][i].len <= p.len)
				continue;
			if (nb == CLASS_BOUNDS)
				return 0;
			b[nb++] = src[k][i];
		}
	uint64_t sig[TC_MAX_PARTS];
	bool alone[TC_MAX_PARTS];
	uint8_t *r = tc_arena_alloc(s->hs.parts, n);
	unsigned nr = 0;
	for (unsigned i = 0; i < n; i++) {
		sig[i] = 0;
		for (size_t k = 0; k < nb; k++)
			if (tc_prefix_contains(b[k], v[i]))
				sig[i] |= 1ull << k;
		alone[i] = holds_iface(s, v[i]);
		r[i] = (uint8_t)nr;
		for (unsigned j = 0; j < i && !alone[i]; j++)
			if (!alone[j] && sig[j] == sig[i]) {
				r[i] = r[j];
				break;
			}
		nr += r[i] == nr;
	}
	*rank = r;
	return nr;
}

/* The parts of p, the side of a pair whose other side is other: disjoint prefixes covering
 * p, split in halves while a route's prefix, or one of an ACL line meeting the pair, lies
 * strictly inside one of them. At most TC_MAX_PARTS: *cut when that left one not uniform.
 * Their route classes go to *rank (*nrank of them; NULL when not classed: part_ranks). */
tc_prefix *sim_split(const sim *s, tc_prefix p, tc_prefix other, unsigned *n, bool *cut,
		     uint8_t **rank, unsigned *nrank)
{
	tc_prefix out[TC_MAX_PARTS + 1], *lb;
	size_t nlb = line_bounds(s, p, other, &lb);
	out[0] = p;
	*n = 1;
	for (bool again = true; again;) {
		again = false;
		for (unsigned i = 0; i < *n; i++) {
			if (out[i].len >= 32 ||
			    (!has_inner_bound(s->hs.bounds, s->hs.nbounds, out[i]) &&
			     !has_inner_bound(lb, nlb, out[i])))
				continue;
			if (*n == TC_MAX_PARTS) {
				*cut = true;
				break;
			}
			uint8_t len = (uint8_t)(out[i].len + 1);
			out[(*n)++] = tc_prefix_make(out[i].addr | (1u << (32 - len)), len);
			out[i] = tc_prefix_make(out[i].addr, len);
			again = true;
		}
	}
	qsort(out, *n, sizeof *out, cmp_prefix);
	tc_prefix *v =
		tc_arena_alloc(s->hs.parts, *n * sizeof *v); /* most prefixes have one part */
	memcpy(v, out, *n * sizeof *v);
	*rank = NULL;
	*nrank = *cut ? 0 : part_ranks(s, p, lb, nlb, v, *n, rank);
	if (!*nrank)
		*rank = NULL;
	free(lb);
	return v;
}

/* ---- domains and conversations -------------------------------------------- */

/* The conversation of the pair {x, y} (either order), added when new. An
 * index set of the conversations keeps this O(1). */
size_t sim_conv_find_or_add(sim *s, tc_prefix x, tc_prefix y, svc sv, size_t *cap)
{
	tc_prefix a = x, b = y;
	if (tc_prefix_cmp(a, b) > 0) {
		a = y;
		b = x;
		sv = svc_mirror(sv);
	}
	if (!s->hs.convtab.slot)
		conv_set_init(&s->hs.convtab, 10);
	uint32_t *slot = conv_set_slot(&s->hs.convtab, s->hs.convs, (conv_id){a, b, sv});
	if (*slot)
		return *slot - 1;
	TC_GROW(s->hs.convs, s->hs.nconvs + 1, *cap);
	s->hs.convs[s->hs.nconvs] = (conv){.a = a, .b = b, .sv = sv};
	s->hs.convs[s->hs.nconvs].ps = tc_xrealloc(NULL, (TC_MAX_SVC_PARTS + 1) * sizeof(svc));
	s->hs.convs[s->hs.nconvs].ps[0] = sv; /* for "ip": the protocols no other line names */
	s->hs.convs[s->hs.nconvs].nps = 1;
	*slot = (uint32_t)++s->hs.nconvs;
	conv_set_added(&s->hs.convtab, s->hs.convs);
	return s->hs.nconvs - 1;
}

/* ---- finding a domain's events and history ----------------------------------- */

static int cmp_conv_a(const void *x, const void *y)
{
	const tc_prefix *a = x, *b = y; /* first member of struct conv_key */
	return tc_prefix_cmp(*a, *b);
}

/* conv_by_a: conversations sorted by their a prefix; add to out every
 * conversation whose a overlaps q and whose b overlaps o. */
void sim_convs_overlapping(const sim *s, tc_prefix q, tc_prefix o, unsigned *out, size_t *n)
{
	/* conversations whose a is q or inside q: addresses in q's range */
	size_t lo = 0, hi = s->hs.nconvs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->hs.conv_by_a[mid].a.addr < q.addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < s->hs.nconvs && tc_prefix_has(q, s->hs.conv_by_a[i].a.addr); i++)
		if (s->hs.conv_by_a[i].a.len >= q.len &&
		    tc_prefix_overlaps(s->hs.convs[s->hs.conv_by_a[i].c].b, o))
			out[(*n)++] = s->hs.conv_by_a[i].c;
	/* conversations whose a contains q: one hash probe per shorter length present */
	for (unsigned len = 0; len < q.len; len++) {
		if (!(s->hs.conv_a_lens & (1ull << len)))
			continue;
		tc_prefix key = tc_prefix_make(q.addr, (uint8_t)len);
		for (uint32_t c = s->hs.conv_a_tab[sim_pair_hash(key, key) & s->hs.conv_a_mask]; c;
		     c = s->hs.conv_a_next[c - 1])
			if (pfx_eq(s->hs.convs[c - 1].a, key) &&
			    tc_prefix_overlaps(s->hs.convs[c - 1].b, o))
				out[(*n)++] = c - 1;
	}
}

/* Index the conversations by their a prefix (convs_overlapping), and note
 * those that overlap no other one: only their own domains read their
 * records, which lets a run drop the rounds of theirs that change nothing
 * (log_drop_unchanged). */
void sim_index_convs(sim *s)
{
	s->hs.conv_by_a = tc_xrealloc(NULL, (s->hs.nconvs + 1) * sizeof *s->hs.conv_by_a);
	for (size_t c = 0; c < s->hs.nconvs; c++)
		s->hs.conv_by_a[c] = (struct conv_key){s->hs.convs[c].a, (unsigned)c};
	qsort(s->hs.conv_by_a, s->hs.nconvs, sizeof *s->hs.conv_by_a, cmp_conv_a);
	size_t size = 16;
	while (size < 2 * s->hs.nconvs)
		size *= 2;
	s->hs.conv_a_mask = size - 1;
	s->hs.conv_a_tab = tc_xzalloc(size, sizeof *s->hs.conv_a_tab);
	s->hs.conv_a_next = tc_xzalloc(s->hs.nconvs + 1, sizeof *s->hs.conv_a_next);
	for (size_t c = 0; c < s->hs.nconvs; c++) {
		size_t h = sim_pair_hash(s->hs.convs[c].a, s->hs.convs[c].a) & s->hs.conv_a_mask;
		s->hs.conv_a_next[c] = s->hs.conv_a_tab[h];
		s->hs.conv_a_tab[h] = (uint32_t)c + 1;
		s->hs.conv_a_lens |= 1ull << s->hs.convs[c].a.len;
	}
	s->hs.isolated = tc_xzalloc(s->hs.nconvs + 1, sizeof *s->hs.isolated);
	s->ev.fold_round = tc_xzalloc(2 * s->hs.nconvs + 1, sizeof *s->ev.fold_round);
	unsigned *cs = tc_xrealloc(NULL, (2 * s->hs.nconvs + 1) * sizeof *cs);
	for (size_t c = 0; c < s->hs.nconvs; c++) {
		size_t nc = 0;
		sim_convs_overlapping(s, s->hs.convs[c].a, s->hs.convs[c].b, cs, &nc);
		sim_convs_overlapping(s, s->hs.convs[c].b, s->hs.convs[c].a, cs, &nc);
		bool alone = true;
		for (size_t i = 0; i < nc && alone; i++)
			alone = cs[i] == c;
		s->hs.isolated[c] = alone;
	}
	free(cs);
}

/* An "ip" domain's traffic splits by protocol and port where a line of the
 * same crypto map names one for (part of) the same proxy pair: e.g. a
 * `deny tcp ... eq 22` before the `permit ip`. Each such class becomes a
 * service part of the conversation, oriented a->b. */
void sim_add_svc_parts(sim *s, conv *cv, const tc_device *d, const char *map, const tc_ace *dom,
		       bool local_is_a)
{
	const map_index *mi = sim_map_find(s, d, map);
	uint32_t *lines = NULL;
	size_t n = mi ? sim_map_svc_lines(&lines, mi, dom->src, dom->dst) : 0;
	for (size_t i = 0; i < n; i++) {
		const tc_ace *a = mi->svc[lines[i]];
		svc v = local_is_a ? ace_svc(a) : svc_mirror(ace_svc(a));
		bool seen = false;
		for (unsigned k = 0; k < cv->nps && !seen; k++)
			seen = svc_eq(cv->ps[k], v);
		if (!seen && cv->nps < TC_MAX_SVC_PARTS)
			cv->ps[cv->nps++] = v;
	}
	free(lines);
}

/* The ACL lines with a side strictly inside a side of conversation cv that meet its pair
 * (either way round), as (src, dst), into out (at most CLASS_BOUNDS, each once); how many,
 * or -1 when there are more. Lines whose sides contain the pair's contain every part. */
static int inner_lines(const sim *s, const conv *cv, struct line_side *out)
{
	const struct line_side *sides[2] = {s->hs.by_src, s->hs.by_dst};
	int n = 0;
	for (int e = 0; e < 2; e++) { /* the side inside, then the other one */
		tc_prefix p = e ? cv->b : cv->a, other = e ? cv->a : cv->b;
		for (int k = 0; k < 2 && s->hs.nlines; k++) {
			const struct line_side *v = sides[k];
			for (size_t i = first_in(&v->key, sizeof *v, s->hs.nlines, p);
			     i < s->hs.nlines && tc_prefix_has(p, v[i].key.addr); i++) {
				if (v[i].key.len <= p.len || !tc_prefix_overlaps(v[i].other, other))
					continue;
				struct line_side l =
					k ? (struct line_side){v[i].other, v[i].key} : v[i];
				bool seen = false;
				for (int j = 0; j < n && !seen; j++)
					seen = pfx_eq(out[j].key, l.key) &&
					       pfx_eq(out[j].other, l.other);
				if (seen)
					continue;
				if (n == CLASS_BOUNDS)
					return -1;
				out[n++] = l;
			}
		}
	}
	return n;
}

/* The walk classes of cv's part pairs (cv->cls, by i * npb + j): pairs whose parts lie in
 * the same routes and interface subnets on each side (ra, rb: part_ranks) and that the
 * same ACL lines hold, each way round, share a class; every lookup a walk makes answers
 * them alike. Not classed (cls NULL) when a side is not, or too many lines cross. */
static void pair_classes(sim *s, conv *cv, const uint8_t *ra, const uint8_t *rb)
{
	struct line_side l[CLASS_BOUNDS];
	int nl = inner_lines(s, cv, l);
	if (nl < 0)
		return;
	struct pair_key {
		uint64_t ab, ba; /* lines holding a -> b, b -> a */
		unsigned ra, rb;
	} keys[TC_MAX_PART_PAIRS];
	uint16_t slot[2 * TC_MAX_PART_PAIRS] = {0}; /* key's class + 1, by hash */
	uint8_t *cls = tc_arena_alloc(s->hs.parts, (size_t)cv->npa * cv->npb);
	unsigned ncls = 0;
	for (unsigned i = 0; i < cv->npa; i++)
		for (unsigned j = 0; j < cv->npb; j++) {
			struct pair_key k = {0, 0, ra[i], rb[j]};
			for (int x = 0; x < nl; x++) {
				if (tc_prefix_contains(l[x].key, cv->pa[i]) &&
				    tc_prefix_contains(l[x].other, cv->pb[j]))
					k.ab |= 1ull << x;
				if (tc_prefix_contains(l[x].key, cv->pb[j]) &&
				    tc_prefix_contains(l[x].other, cv->pa[i]))
					k.ba |= 1ull << x;
			}
			size_t h = tc_hash_u64(k.ab ^
					       tc_hash_u64(k.ba ^ (uint64_t)k.ra << 32 ^ k.rb)) &
				   (2 * TC_MAX_PART_PAIRS - 1);
			while (slot[h] && memcmp(&keys[slot[h] - 1], &k, sizeof k) != 0)
				h = (h + 1) & (2 * TC_MAX_PART_PAIRS - 1);
			if (!slot[h]) {
				keys[ncls] = k;
				slot[h] = (uint16_t)++ncls;
			}
			cls[(size_t)i * cv->npb + j] = (uint8_t)(slot[h] - 1);
		}
	cv->cls = cls;
	cv->ncls = ncls;
}

/* Split every conversation into its header-space parts (after the bounds). */
void sim_split_convs(sim *s)
{
	for (size_t c = 0; c < s->hs.nconvs; c++) {
		conv *cv = &s->hs.convs[c];
		uint8_t *ra, *rb;
		unsigned nra, nrb;
		cv->pa = sim_split(s, cv->a, cv->b, &cv->npa, &cv->coarse, &ra, &nra);
		cv->pb = sim_split(s, cv->b, cv->a, &cv->npb, &cv->coarse, &rb, &nrb);
		/* classes need the walks to read no more than the bounds: NAT translates
		 * into other pairs' lines, and a pair of one prefix walks its routers' own
		 * addresses (same_prefix_ends) */
		cv->cls = NULL;
		if (ra && rb && !cv->coarse && !s->hs.acl_global && !pfx_eq(cv->a, cv->b) &&
		    (size_t)cv->npa * cv->npb * cv->nps <= TC_MAX_PART_PAIRS &&
		    !s->opts->walk_every_part)
			pair_classes(s, cv, ra, rb);
		if ((size_t)cv->npa * cv->npb * cv->nps > TC_MAX_PART_PAIRS) {
			/* too fine to walk every pair: fall back to the whole pair */
			cv->coarse = true;
			cv->pa[0] = cv->a;
			cv->pb[0] = cv->b;
			cv->npa = cv->npb = 1;
		}
		cv->part_off = s->hs.nparts;
		s->hs.nparts += (size_t)cv->npa * cv->npb * cv->nps;
	}
}

/* ---- the part ------------------------------------------------------------------- */

void hspace_init(struct hspace *hs)
{
	*hs = (struct hspace){.parts = tc_arena_new()};
	if (!hs->parts)
		abort();
}

void hspace_free(struct hspace *hs)
{
	for (size_t c = 0; c < hs->nconvs; c++)
		free(hs->convs[c].ps);
	free(hs->convs);
	free(hs->bounds);
	free(hs->by_src);
	free(hs->by_dst);
	free(hs->ifb);
	conv_set_free(&hs->convtab);
	free(hs->conv_by_a);
	free(hs->conv_a_tab);
	free(hs->conv_a_next);
	free(hs->isolated);
	tc_arena_free(hs->parts);
	*hs = (struct hspace){0};
}
