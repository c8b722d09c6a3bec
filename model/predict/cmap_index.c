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

/* Index every crypto map set of every device of m. */
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
			map_index_peers(&v[n], d);
			n++;
		}
		cm->dev_maps[k] = v;
		cm->dev_nmaps[k] = n;
	}
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
void sim_map_candidates(sim *s, const map_index *mi, uint32_t x, unsigned xlen, uint32_t y,
			unsigned ylen)
{
	s->cm.ncand = 0;
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
					TC_GROW(s->cm.cand, s->cm.ncand + 1, s->cm.capcand);
					s->cm.cand[s->cm.ncand++] = i - 1;
				}
			}
		}
	}
	if (s->cm.ncand > 1)
		qsort(s->cm.cand, s->cm.ncand, sizeof *s->cm.cand, sim_cmp_size);
}

/* The responder entry of set mi answering a proposal from address from for the
 * initiator's proxies l -> r and service sv (R2.3): the first static entry
 * listing from whose first line containing the mirrored proposal (r -> l, sv
 * mirrored) is a permit line; NULL when none (a deny there passes the
 * proposal on to the next entry). */
const tc_entry *sim_answering_entry(sim *s, const map_index *mi, uint32_t from, tc_prefix l,
				    tc_prefix r, svc sv)
{
	sim_map_candidates(s, mi, r.addr, r.len, l.addr, l.len);
	const tc_entry *skip = NULL;
	for (size_t i = 0; i < s->cm.ncand; i++) {
		const flat_ace *f = &mi->v[s->cm.cand[i]];
		if (f->e == skip || !svc_contains(ace_svc(f->a), svc_mirror(sv)))
			continue;
		if (f->a->permit && tc_entry_lists_peer(f->e, from))
			return f->e;
		skip = f->e; /* its first containing line decides */
	}
	return NULL;
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
