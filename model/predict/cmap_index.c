/* cmap_index.c: the crypto map sets of every device, indexed; which line a packet matches and
 * which entry answers a proposal (R2.1, R2.3). */
#include "predict_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- crypto map sets, indexed ------------------------------------------------ *
 * The lines of one crypto map set of one device, flattened in evaluation
 * order (entry by entry, line by line), with a hash of (source, destination)
 * prefixes. A question about a packet or a proxy pair probes the hash once
 * per (source, destination) prefix length pair present in the set and sorts
 * the few hits back into evaluation order, instead of reading every line of
 * every entry. */

static size_t src_hash(tc_prefix p)
{
	return (size_t)tc_hash_u64((uint64_t)p.addr << 8 | p.len);
}

/* The slot of src in mi->srcs: where it is, or the empty one where it goes. */
static src_key *src_slot(const map_index *mi, tc_prefix src)
{
	size_t h = src_hash(src) & mi->srcmask;
	while (mi->srcs[h].src.len != 255 && !pfx_eq(mi->srcs[h].src, src))
		h = (h + 1) & mi->srcmask;
	return &mi->srcs[h];
}

/* The set's first static entry listing peer address addr, or NULL. */
const tc_entry *sim_map_listing(const map_index *mi, uint32_t addr)
{
	for (size_t h = tc_hash_u64(addr) & mi->listedmask; mi->listed[h].e;
	     h = (h + 1) & mi->listedmask)
		if (mi->listed[h].addr == addr)
			return mi->listed[h].e;
	return NULL;
}

/* mi->dyn and mi->listed, over every entry of the set (with an ACL or not). */
static void map_index_peers(map_index *mi, const tc_device *d)
{
	size_t npeers = 0;
	for (const tc_entry *e = d->entries; e; e = e->next)
		if (e->map == mi->name || strcmp(e->map, mi->name) == 0)
			npeers += e->dynamic ? 0 : e->npeers;
	size_t size = 16;
	while (size < 2 * npeers)
		size *= 2;
	mi->listed = tc_xzalloc(size, sizeof *mi->listed);
	mi->listedmask = size - 1;
	for (const tc_entry *e = d->entries; e; e = e->next) {
		if (e->map != mi->name && strcmp(e->map, mi->name) != 0)
			continue;
		if (e->dynamic) {
			if (!mi->dyn)
				mi->dyn = e;
			continue;
		}
		for (unsigned i = 0; i < e->npeers; i++) {
			size_t h = tc_hash_u64(e->peers[i]) & mi->listedmask;
			while (mi->listed[h].e && mi->listed[h].addr != e->peers[i])
				h = (h + 1) & mi->listedmask;
			if (!mi->listed[h].e)
				mi->listed[h] = (struct map_listed){e->peers[i], e};
		}
	}
}

static void map_index_build(map_index *mi, const tc_device *d)
{
	size_t n = 0, nsvc = 0;
	for (const tc_entry *e = d->entries; e; e = e->next)
		if ((e->map == mi->name || strcmp(e->map, mi->name) == 0) && e->acl)
			for (const tc_ace *a = e->acl->aces; a; a = a->next) {
				n += !e->dynamic;
				nsvc += a->proto != 0;
			}
	mi->v = tc_xrealloc(NULL, (n + 1) * sizeof *mi->v);
	mi->svc = tc_xrealloc(NULL, (nsvc + 1) * sizeof *mi->svc);
	size_t size = 16;
	while (size < 2 * n)
		size *= 2;
	mi->mask = size - 1;
	mi->head = tc_xzalloc(size, sizeof *mi->head);
	mi->next = tc_xzalloc(n + 1, sizeof *mi->next);
	mi->srcs = tc_xrealloc(NULL, size * sizeof *mi->srcs);
	for (size_t i = 0; i < size; i++)
		mi->srcs[i] = (src_key){{0, 255}, 0};
	mi->srcmask = size - 1;
	for (const tc_entry *e = d->entries; e; e = e->next) {
		if ((e->map != mi->name && strcmp(e->map, mi->name) != 0) || !e->acl)
			continue;
		unsigned line = 0;
		for (const tc_ace *a = e->acl->aces; a; a = a->next) {
			line++;
			if (a->proto != 0)
				mi->svc[mi->nsvc++] = a;
			if (e->dynamic)
				continue;
			size_t i = mi->n++;
			mi->v[i] = (flat_ace){a, e, line};
			size_t h = sim_pair_hash(a->src, a->dst) & mi->mask;
			mi->next[i] = mi->head[h];
			mi->head[h] = (uint32_t)i + 1;
			src_key *k = src_slot(mi, a->src);
			k->src = a->src;
			k->dst_lens |= 1ull << a->dst.len;
			mi->src_lens |= 1ull << a->src.len;
		}
	}
}

static int cmp_svc_src(const void *x, const void *y)
{
	const struct svc_src *a = x, *b = y;
	int c = tc_prefix_cmp(a->src, b->src);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* The protocol lines by source: an `ip` domain asks which of them meet its pair, and a
 * hub's set has thousands (issue 19: a scan of all of them per domain was most of the
 * work). */
static void svc_index_build(map_index *mi)
{
	mi->svc_by_src = tc_xrealloc(NULL, (mi->nsvc + 1) * sizeof *mi->svc_by_src);
	for (size_t i = 0; i < mi->nsvc; i++) {
		mi->svc_by_src[i] = (struct svc_src){mi->svc[i]->src, (uint32_t)i};
		mi->svc_lens |= 1ull << mi->svc[i]->src.len;
	}
	qsort(mi->svc_by_src, mi->nsvc, sizeof *mi->svc_by_src, cmp_svc_src);
}

/* The first of mi->svc_by_src not below key (by source, then place). */
static size_t svc_first(const map_index *mi, tc_prefix key)
{
	size_t lo = 0, hi = mi->nsvc;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tc_prefix_cmp(mi->svc_by_src[mid].src, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return (a > b) - (a < b);
}

/* A line's source meets src when it lies inside src (a range of the sorted sources) or
 * holds it (one exact source per shorter length present). */
size_t sim_map_svc_lines(uint32_t **out, const map_index *mi, tc_prefix src, tc_prefix dst)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t i = svc_first(mi, (tc_prefix){src.addr, 0}); /* the first at src.addr */
	     i < mi->nsvc && tc_prefix_has(src, mi->svc_by_src[i].src.addr); i++)
		if (mi->svc_by_src[i].src.len >= src.len &&
		    tc_prefix_overlaps(mi->svc[mi->svc_by_src[i].i]->dst, dst)) {
			TC_GROW(*out, n + 1, cap);
			(*out)[n++] = mi->svc_by_src[i].i;
		}
	for (unsigned len = 0; len < src.len; len++) {
		if (!(mi->svc_lens & (1ull << len)))
			continue;
		tc_prefix key = tc_prefix_make(src.addr, (uint8_t)len);
		for (size_t i = svc_first(mi, key);
		     i < mi->nsvc && pfx_eq(mi->svc_by_src[i].src, key); i++)
			if (tc_prefix_overlaps(mi->svc[mi->svc_by_src[i].i]->dst, dst)) {
				TC_GROW(*out, n + 1, cap);
				(*out)[n++] = mi->svc_by_src[i].i;
			}
	}
	if (n > 1)
		qsort(*out, n, sizeof **out, cmp_u32);
	return n;
}

static void dyn_pairs_build(struct cmap_index *cm, const tc_model *m);

/* Index every crypto map set of every device of m, then the pairs spokes propose to their
 * dynamic entries (which asks the other sets' indexes). */
void cmap_index_init(struct cmap_index *cm, const tc_model *m)
{
	*cm = (struct cmap_index){0};
	cm->dev_maps = tc_xzalloc(m->ndevs + 1, sizeof *cm->dev_maps);
	cm->dev_nmaps = tc_xzalloc(m->ndevs + 1, sizeof *cm->dev_nmaps);
	for (size_t k = 0; k < m->ndevs; k++) {
		const tc_device *d = m->devs[k];
		unsigned n = 0, cap = 0;
		map_index *v = NULL;
		const char *last = NULL;
		for (const tc_entry *e = d->entries; e; e = e->next) {
			if (last && (e->map == last || strcmp(e->map, last) == 0))
				continue;
			last = e->map;
			bool seen = false;
			for (unsigned i = 0; i < n && !seen; i++)
				seen = strcmp(v[i].name, e->map) == 0;
			if (seen)
				continue;
			if (n == cap) { /* most devices have one set: no TC_GROW's 16 */
				cap = cap ? 2 * cap : 1;
				v = tc_xrealloc(v, cap * sizeof *v);
			}
			memset(&v[n], 0, sizeof v[n]);
			v[n].name = e->map;
			map_index_build(&v[n], d);
			svc_index_build(&v[n]);
			map_index_peers(&v[n], d);
			n++;
		}
		cm->dev_maps[k] = v;
		cm->dev_nmaps[k] = n;
	}
	dyn_pairs_build(cm, m);
}

/* Free the index and the scratch (again: a no-op); the sets of m's devices. */
void cmap_index_free(struct cmap_index *cm, const tc_model *m)
{
	for (size_t k = 0; cm->dev_maps && k < m->ndevs; k++) {
		for (unsigned i = 0; i < cm->dev_nmaps[k]; i++) {
			const map_index *mi = &cm->dev_maps[k][i];
			free(mi->v);
			free(mi->head);
			free(mi->next);
			free(mi->srcs);
			free(mi->listed);
			free(mi->svc);
			free(mi->svc_by_src);
			free(mi->dp);
		}
		free(cm->dev_maps[k]);
	}
	free(cm->dev_maps);
	free(cm->dev_nmaps);
	cmap_index_unfork(cm);
	*cm = (struct cmap_index){0};
}

/* A thread's copy: the index shared (read only), a lookup scratch of its own. */
void cmap_index_fork(struct cmap_index *cm)
{
	cm->cand = NULL;
	cm->ncand = cm->capcand = 0;
}

/* Free what cmap_index_fork() gave a thread. */
void cmap_index_unfork(struct cmap_index *cm)
{
	free(cm->cand);
	cm->cand = NULL;
	cm->ncand = cm->capcand = 0;
}

/* d's crypto map set `name`, or NULL when no entry names it. */
const map_index *sim_map_find(const sim *s, const tc_device *d, const char *name)
{
	const map_index *v = s->cm.dev_maps[d->index];
	for (unsigned i = 0; i < s->cm.dev_nmaps[d->index]; i++)
		if (v[i].name == name || strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

int sim_cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return (a > b) - (a < b);
}

/* Into s->cm.cand, in evaluation order: the lines of mi whose source is exactly
 * a prefix of x (no longer than xlen) and destination a prefix of y (no
 * longer than ylen). One probe per source length present, then one per
 * destination length that source is paired with: the work follows the
 * lengths in use, not the number of lines or of length pairs. */
static void map_candidates(struct cmap_index *cm, const map_index *mi, uint32_t x, unsigned xlen,
			   uint32_t y, unsigned ylen)
{
	cm->ncand = 0;
	uint64_t sls = mi->src_lens & ((2ull << xlen) - 1);
	for (; sls; sls &= sls - 1) {
		unsigned sl = (unsigned)__builtin_ctzll(sls);
		tc_prefix a = tc_prefix_make(x, (uint8_t)sl);
		const src_key *k = src_slot(mi, a);
		if (k->src.len == 255)
			continue;
		uint64_t dls = k->dst_lens & ((2ull << ylen) - 1);
		for (; dls; dls &= dls - 1) {
			tc_prefix b = tc_prefix_make(y, (uint8_t)__builtin_ctzll(dls));
			for (uint32_t i = mi->head[sim_pair_hash(a, b) & mi->mask]; i;
			     i = mi->next[i - 1]) {
				const tc_ace *ace = mi->v[i - 1].a;
				if (pfx_eq(ace->src, a) && pfx_eq(ace->dst, b)) {
					TC_GROW(cm->cand, cm->ncand + 1, cm->capcand);
					cm->cand[cm->ncand++] = i - 1;
				}
			}
		}
	}
	/* a packet meets a few lines (tens where lines nest): qsort's calls cost more than
	 * moving them */
	if (cm->ncand > 32)
		qsort(cm->cand, cm->ncand, sizeof *cm->cand, sim_cmp_size);
	else
		for (size_t i = 1; i < cm->ncand; i++) {
			size_t v = cm->cand[i], j = i;
			for (; j > 0 && cm->cand[j - 1] > v; j--)
				cm->cand[j] = cm->cand[j - 1];
			cm->cand[j] = v;
		}
}

void sim_map_candidates(sim *s, const map_index *mi, uint32_t x, unsigned xlen, uint32_t y,
			unsigned ylen)
{
	map_candidates(&s->cm, mi, x, xlen, y, ylen);
}

/* The responder entry of set mi answering a proposal from address from for the
 * initiator's proxies l -> r and service sv (R2.3): the first static entry
 * listing from whose first line containing the mirrored proposal (r -> l, sv
 * mirrored) is a permit line; NULL when none (a deny there passes the
 * proposal on to the next entry). */
static const tc_entry *answering_entry(struct cmap_index *cm, const map_index *mi, uint32_t from,
				       tc_prefix l, tc_prefix r, svc sv)
{
	map_candidates(cm, mi, r.addr, r.len, l.addr, l.len);
	const tc_entry *skip = NULL;
	for (size_t i = 0; i < cm->ncand; i++) {
		const flat_ace *f = &mi->v[cm->cand[i]];
		if (f->e == skip || !svc_contains(ace_svc(f->a), svc_mirror(sv)))
			continue;
		if (f->a->permit && tc_entry_lists_peer(f->e, from))
			return f->e;
		skip = f->e; /* its first containing line decides */
	}
	return NULL;
}

const tc_entry *sim_answering_entry(sim *s, const map_index *mi, uint32_t from, tc_prefix l,
				    tc_prefix r, svc sv)
{
	return answering_entry(&s->cm, mi, from, l, r, sv);
}

/* First entry of map on d whose ACL permits src->dst (R2.1: deny cascades). */
const tc_entry *sim_crypto_match(sim *s, const tc_device *d, const char *map, uint32_t src,
				 uint32_t dst, svc pv, const tc_ace **ace_out, unsigned *line_out)
{
	const map_index *mi = sim_map_find(s, d, map);
	if (!mi)
		return NULL;
	sim_map_candidates(s, mi, src, 32, dst, 32);
	const tc_entry *skip = NULL;
	for (size_t i = 0; i < s->cm.ncand; i++) {
		const flat_ace *f = &mi->v[s->cm.cand[i]];
		if (f->e == skip || !svc_has(ace_svc(f->a), pv))
			continue;
		if (!f->a->permit) {
			skip = f->e; /* next entry */
			continue;
		}
		*ace_out = f->a;
		*line_out = f->line;
		return f->e;
	}
	return NULL;
}

/* R1.7: clear text arriving on a crypto interface that a permit line covers. */
const tc_entry *sim_inbound_protected(sim *s, const tc_device *d, const char *map, uint32_t src,
				      uint32_t dst, svc pv)
{
	const map_index *mi = sim_map_find(s, d, map);
	if (!mi)
		return NULL;
	sim_map_candidates(s, mi, dst, 32, src, 32);
	for (size_t i = 0; i < s->cm.ncand; i++) {
		const tc_ace *a = mi->v[s->cm.cand[i]].a;
		if (a->permit && svc_has(svc_mirror(ace_svc(a)), pv))
			return mi->v[s->cm.cand[i]].e;
	}
	return NULL;
}

/* ---- dynamic entries (R2.7) ---------------------------------------------------------------- *
 * A proposal no static entry answers goes to the set's dynamic entries (`crypto map M 65535
 * ipsec-isakmp dynamic D`) in seq order, and within one to its dynamic map's entries
 * (`crypto dynamic-map D 10`) in seq order. */

enum { DYN_OK = 0, DYN_NOT_LISTED, DYN_NO_LINE };

/* Does dynamic map entry x admit a proposal in IKE version ver from `from` for *l -> *r, sv
 * (the initiator's view)? Its peers, when it lists any (the ASA allows `set peer` there), must
 * include from; its ACL, when it has `match address`, must hold the mirrored proposal on the
 * first line containing it, a permit line (R2.3), or under IKEv2 overlap it on its first
 * overlapping line, a permit line, which narrows *l, *r as a static entry does (§6). */
static int dyn_admits(const tc_entry *x, unsigned ver, uint32_t from, tc_prefix *l, tc_prefix *r,
		      svc sv)
{
	if (x->npeers && !tc_entry_lists_peer(x, from))
		return DYN_NOT_LISTED;
	if (!x->acl_name)
		return DYN_OK;
	for (const tc_ace *a = x->acl ? x->acl->aces : NULL; a; a = a->next)
		if (tc_prefix_contains(a->src, *r) && tc_prefix_contains(a->dst, *l) &&
		    svc_contains(ace_svc(a), svc_mirror(sv))) {
			if (a->permit)
				return DYN_OK;
			break;
		}
	return ver == 2 && sim_ace_overlapping(x, *r, *l, svc_mirror(sv), r, l) ? DYN_OK
										: DYN_NO_LINE;
}

/* The first entry of d's dynamic map `name` (d->dynentries, by map and seq), or NULL. */
static const tc_entry *dynmap_first(const tc_device *d, const char *name)
{
	for (const tc_entry *x = d->dynentries; x; x = x->next)
		if (strcmp(x->map, name) == 0)
			return x;
	return NULL;
}

/* The next dynamic entry of set mi after e (NULL: the first), in seq order, or NULL. */
static const tc_entry *set_next_dyn(const map_index *mi, const tc_entry *e)
{
	for (e = e ? e->next : mi->dyn; e; e = e->next)
		if (strcmp(e->map, mi->name) != 0)
			return NULL;
		else if (e->dynamic && e->dynmap)
			return e;
	return NULL;
}

/* How far a dynamic map entry got with a proposal: refused for its peers, for its ACL, for the
 * transform sets, for PFS, or accepted. */
enum { DYN_RANK_PEER = 0, DYN_RANK_ACL, DYN_RANK_TSET, DYN_RANK_PFS, DYN_RANK_OK };

/* The set's dynamic entries in seq order, within one its dynamic map's entries in seq order:
 * the first accepting initiator entry e's proposal from `from` for *l -> *r, sv; else the one
 * that got furthest. Returns its rank (-1: no dynamic map entry at all), the entry in *x and
 * its set entry in *set; *l, *r become the proxies it admits (IKEv2 may narrow them). */
static int dyn_pick(const tc_device *p, const map_index *mi, const tc_entry *e, uint32_t from,
		    tc_prefix *l, tc_prefix *r, svc sv, const tc_entry **x, const tc_entry **set)
{
	int best = -1;
	tc_prefix pl = *l, pr = *r;
	for (const tc_entry *se = set_next_dyn(mi, NULL); se; se = set_next_dyn(mi, se))
		for (const tc_entry *y = dynmap_first(p, se->dynmap);
		     y && strcmp(y->map, se->dynmap) == 0; y = y->next) {
			tc_prefix yl = pl, yr = pr;
			int k = dyn_admits(y, e->ike_version, from, &yl, &yr, sv);
			int rank = k == DYN_NOT_LISTED	   ? DYN_RANK_PEER
				   : k == DYN_NO_LINE	   ? DYN_RANK_ACL
				   : !tc_tset_match(e, y)  ? DYN_RANK_TSET
				   : sim_pfs_refuses(y, e) ? DYN_RANK_PFS
							   : DYN_RANK_OK;
			if (rank > best) {
				best = rank;
				*x = y;
				*set = se;
				*l = yl;
				*r = yr;
			}
			if (rank == DYN_RANK_OK)
				return best;
		}
	return best;
}

/* The reason code of a dyn_pick rank. */
static tc_reason dyn_reason(int rank)
{
	return rank == DYN_RANK_PEER   ? TC_REASON_PEER_NOT_LISTED
	       : rank == DYN_RANK_ACL  ? TC_REASON_ACL_NOT_MIRRORED
	       : rank == DYN_RANK_TSET ? TC_REASON_NO_TRANSFORM_SET
	       : rank == DYN_RANK_PFS  ? TC_REASON_PFS_MISMATCH
	       : rank == DYN_RANK_OK   ? TC_REASON_NONE
				       : TC_REASON_DYNAMIC_MAP_EMPTY;
}

const tc_entry *sim_dyn_nearest(const tc_device *p, const map_index *mi, const tc_entry *e,
				uint32_t from, tc_prefix l, tc_prefix r, svc sv, tc_reason *code)
{
	const tc_entry *x = NULL, *set = NULL;
	*code = dyn_reason(dyn_pick(p, mi, e, from, &l, &r, sv, &x, &set));
	return x;
}

const tc_entry *sim_dyn_answer(sim *s, const tc_device *p, const map_index *mi, const tc_device *d,
			       const tc_entry *e, uint32_t from, tc_prefix *l, tc_prefix *r, svc sv,
			       const tc_entry **set, const char **why, const char **rule,
			       tc_reason *code)
{
	const tc_entry *x = NULL;
	tc_prefix pl = *l, pr = *r;
	int rank = dyn_pick(p, mi, e, from, l, r, sv, &x, set);
	unsigned ver = e->ike_version ? e->ike_version : 1;
	*why = NULL;
	*rule = rank == DYN_RANK_PEER	? sim_ike_rule(s, ver, "R4.1")
		: rank == DYN_RANK_PFS	? "R4.7"
		: rank == DYN_RANK_TSET ? "L10"
		: ver == 2		? "§6"
					: "R2.3";
	*code = dyn_reason(rank);
	switch (rank) {
	case DYN_RANK_OK:
		*rule = NULL;
		return x;
	case DYN_RANK_PEER:
		*why = text(s, "%s dynamic map %s %u does not list %s as a peer", p->hostname,
			    x->map, x->seq, sim_ipstr(s, from));
		break;
	case DYN_RANK_ACL:
		*why = text(s, "%s dynamic map %s %u has no ACL line %s %s <-> %s", p->hostname,
			    x->map, x->seq, ver == 2 ? "overlapping" : "containing", sim_pfx(s, pr),
			    sim_pfx(s, pl));
		break;
	case DYN_RANK_TSET:
		*why = text(s,
			    "%s crypto map %s %u and %s dynamic map %s %u share no transform set",
			    d->hostname, e->map, e->seq, p->hostname, x->map, x->seq);
		break;
	case DYN_RANK_PFS:
		*why = text(s, "%s (dynamic map %s %u)", sim_pfs_refused(s, p, x, d, e), x->map,
			    x->seq);
		break;
	default: /* a dynamic map without entries answers nothing */
		*rule = "R2.7";
		*why = text(s, "%s crypto map %s %u refers to dynamic map %s, which has no entries",
			    p->hostname, mi->dyn->map, mi->dyn->seq,
			    mi->dyn->dynmap ? mi->dyn->dynmap : "(none)");
	}
	return NULL;
}

sa *sim_dyn_sa(sim *s, const tc_device *d, const char *map, uint32_t src, uint32_t dst)
{
	const map_index *mi = sim_map_find(s, d, map);
	for (const tc_entry *se = mi ? set_next_dyn(mi, NULL) : NULL; se;
	     se = set_next_dyn(mi, se)) {
		sa *x = sim_sa_for_packet(s, d, se, src, dst);
		if (x)
			return x;
	}
	return NULL;
}

const tc_entry *sim_dyn_protects(sim *s, const tc_device *d, const char *map, uint32_t src,
				 uint32_t dst, svc pv)
{
	const map_index *mi = sim_map_find(s, d, map);
	for (const tc_entry *se = mi ? set_next_dyn(mi, NULL) : NULL; se; se = set_next_dyn(mi, se))
		for (const tc_entry *x = dynmap_first(d, se->dynmap);
		     x && strcmp(x->map, se->dynmap) == 0; x = x->next) {
			if (!x->acl_name) {
				for (size_t i = 0; i < mi->ndp; i++)
					if (mi->dp[i].dyn == x &&
					    tc_prefix_has(mi->dp[i].local, src) &&
					    tc_prefix_has(mi->dp[i].remote, dst) &&
					    svc_has(mi->dp[i].sv, pv))
						return x;
				continue;
			}
			/* first matching line; a deny moves on to the next entry (R2.1) */
			for (const tc_ace *a = x->acl ? x->acl->aces : NULL; a; a = a->next)
				if (tc_prefix_has(a->src, src) && tc_prefix_has(a->dst, dst) &&
				    svc_has(ace_svc(a), pv)) {
					if (a->permit)
						return x;
					break;
				}
		}
	return NULL;
}

/* Building one hub set's pairs (tc_spoke_lines_foreach's payload). */
struct dyn_build {
	struct cmap_index *cm;
	const tc_device *hub;
	map_index *mi;
	size_t cap;
};

static bool dyn_pair_add(const tc_device *spoke, const tc_entry *e, const tc_ace *a,
			 uint32_t hub_addr, void *payload)
{
	struct dyn_build *b = payload;
	uint32_t from = sim_entry_local_addr(spoke, e);
	svc sv = ace_svc(a);
	const tc_entry *set = NULL, *x = NULL;
	tc_prefix l = a->src, r = a->dst; /* the pair IKEv2 narrows them to, once admitted */
	(void)hub_addr;
	/* a spoke whose map is not applied never proposes; a static entry answers first; the
	 * pair is the hub's when a dynamic map entry's ACL and peers take it, even if the
	 * transform sets or PFS then fail (the domain is down, the trace says why) */
	if (!from || answering_entry(b->cm, b->mi, from, a->src, a->dst, sv) ||
	    dyn_pick(b->hub, b->mi, e, from, &l, &r, sv, &x, &set) < DYN_RANK_TSET)
		return true;
	TC_GROW(b->mi->dp, b->mi->ndp + 1, b->cap);
	b->mi->dp[b->mi->ndp++] = (dyn_pair){r, l, svc_mirror(sv), set, x, spoke, a};
	return true;
}

static int cmp_u(unsigned a, unsigned b)
{
	return (a > b) - (a < b);
}

static int cmp_svc(svc a, svc b)
{
	int c = cmp_u(a.proto, b.proto);
	c = c ? c : cmp_u(a.sp_lo, b.sp_lo);
	c = c ? c : cmp_u(a.sp_hi, b.sp_hi);
	c = c ? c : cmp_u(a.dp_lo, b.dp_lo);
	return c ? c : cmp_u(a.dp_hi, b.dp_hi);
}

/* By set entry (seq), pair, service, then spoke (model order) and line: a stable order. */
static int cmp_dyn_pair(const void *x, const void *y)
{
	const dyn_pair *a = x, *b = y;
	int c = cmp_u(a->set->seq, b->set->seq);
	if (!c)
		c = tc_prefix_cmp(a->local, b->local);
	if (!c)
		c = tc_prefix_cmp(a->remote, b->remote);
	if (!c)
		c = cmp_svc(a->sv, b->sv);
	if (!c)
		c = cmp_u(a->spoke->index, b->spoke->index);
	return c ? c : cmp_u(a->ace->line, b->ace->line);
}

/* mi->dp of every set with a dynamic entry: what the snapshot's spokes propose to it. */
static void dyn_pairs_build(struct cmap_index *cm, const tc_model *m)
{
	for (size_t k = 0; k < m->ndevs; k++)
		for (unsigned i = 0; i < cm->dev_nmaps[k]; i++) {
			map_index *mi = &cm->dev_maps[k][i];
			if (!mi->dyn)
				continue;
			struct dyn_build b = {cm, m->devs[k], mi, 0};
			tc_spoke_lines_foreach(m, m->devs[k], mi->name, dyn_pair_add, &b);
			if (mi->ndp > 1)
				qsort(mi->dp, mi->ndp, sizeof *mi->dp, cmp_dyn_pair);
		}
}
