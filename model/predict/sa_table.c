/* sa_table.c: the SA table of a run (install, replace, look up), the active peers, state
 * signatures and the SA history. */
#include "predict_int.h"

#include <stdlib.h>
#include <string.h>

int sim_cmp_entry_ref(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const entry_ref *)a)->entry;
	uintptr_t y = (uintptr_t)((const entry_ref *)b)->entry;
	return (x > y) - (x < y);
}

unsigned sim_entry_index(const sim *s, const tc_entry *e)
{
	entry_ref key = {e, NULL};
	const entry_ref *r =
		bsearch(&key, s->sat.entries, s->sat.nentries, sizeof key, sim_cmp_entry_ref);
	return r ? (unsigned)(r - s->sat.entries) : 0;
}

/* ---- the part ------------------------------------------------------------------- */

/* The run state of m (no SAs, every active index 0) for entries already set. */
static void sa_table_start(struct sa_table *t, const tc_model *m)
{
	t->dev_sas = tc_xzalloc(m->ndevs + 1, sizeof *t->dev_sas);
	t->active = tc_xzalloc(t->nentries + 1, sizeof *t->active);
}

/* Every entry of m, sorted for sim_entry_index(), and an empty run state. */
void sa_table_init(struct sa_table *t, const tc_model *m)
{
	*t = (struct sa_table){0};
	for (size_t k = 0; k < m->ndevs; k++)
		for (const tc_entry *e = m->devs[k]->entries; e; e = e->next)
			t->nentries++;
	t->entries = tc_xrealloc(NULL, (t->nentries + 1) * sizeof *t->entries);
	size_t ei = 0;
	for (size_t k = 0; k < m->ndevs; k++)
		for (const tc_entry *e = m->devs[k]->entries; e; e = e->next)
			t->entries[ei++] = (entry_ref){e, m->devs[k]};
	qsort(t->entries, t->nentries, sizeof *t->entries, sim_cmp_entry_ref);
	sa_table_start(t, m);
}

/* A thread's own run state and history; the entries stay shared. */
void sa_table_fork(struct sa_table *t, const tc_model *m)
{
	*t = (struct sa_table){.entries = t->entries, .nentries = t->nentries};
	sa_table_start(t, m);
}

/* Free the run state (SAs, active peers), keeping the entries and the history. */
void sa_table_drop_run(struct sa_table *t, const tc_model *m)
{
	for (size_t k = 0; t->dev_sas && k < m->ndevs; k++)
		free(t->dev_sas[k].v);
	free(t->dev_sas);
	free(t->pool);
	free(t->sa_tab);
	free(t->sa_locals);
	free(t->active);
	t->dev_sas = NULL;
	t->pool = NULL;
	t->npool = t->cappool = t->nsas = 0;
	t->sa_tab = NULL;
	t->sa_tab_size = 0;
	t->sa_locals = NULL;
	t->sa_locals_size = t->nsa_locals = 0;
	t->active = NULL;
}

/* Free what sa_table_fork() gave a thread. */
void sa_table_unfork(struct sa_table *t, const tc_model *m)
{
	sa_table_drop_run(t, m);
	free(t->hist);
	t->hist = NULL;
}

/* Append c's history (run 1's, on another thread) to t's. */
void sa_table_append_hist(struct sa_table *t, const struct sa_table *c)
{
	if (!c->nhist)
		return;
	t->hist = tc_xrealloc(t->hist, (t->nhist + c->nhist) * sizeof *t->hist);
	memcpy(t->hist + t->nhist, c->hist, c->nhist * sizeof *t->hist);
	t->nhist += c->nhist;
	t->caphist = t->nhist;
}

void sa_table_free(struct sa_table *t, const tc_model *m)
{
	sa_table_drop_run(t, m);
	free(t->entries);
	free(t->hist);
	free(t->hist_by_entry);
	free(t->hist_end);
	*t = (struct sa_table){0};
}

/* ---- SA table ------------------------------------------------------------ *
 * SAs live in s->sat.pool by id, in install order; each device lists its ids in
 * that order (the order every scan of the table sees), and a hash of
 * (device, local proxy, remote proxy) finds them without a scan. A packet
 * lookup probes the hash once per (local, remote) prefix length pair present
 * on the device; the first SA in install order is the lowest id. */

static size_t sa_hash(unsigned dev, tc_prefix l, tc_prefix r)
{
	return (size_t)tc_hash_u64(tc_hash_u64((uint64_t)l.addr << 32 | r.addr) ^
				   ((uint64_t)dev << 16 | (uint64_t)l.len << 8 | r.len));
}

static size_t sa_local_hash(uint32_t dev, tc_prefix l)
{
	return (size_t)tc_hash_u64((uint64_t)l.addr << 32 ^ (uint64_t)dev << 8 ^ l.len);
}

/* The slot of (dev, l) in s->sat.sa_locals: where it is or where it goes. */
static struct sa_local *sa_local_slot(const sim *s, uint32_t dev, tc_prefix l)
{
	size_t h = sa_local_hash(dev, l) & (s->sat.sa_locals_size - 1);
	while (s->sat.sa_locals[h].local.len != 255 &&
	       (s->sat.sa_locals[h].dev != dev || !pfx_eq(s->sat.sa_locals[h].local, l)))
		h = (h + 1) & (s->sat.sa_locals_size - 1);
	return &s->sat.sa_locals[h];
}

/* Note an SA's lengths, for sa_for_packet's probes: its local length on the
 * device, its remote length under (device, local prefix). Kept for the run:
 * a removed SA leaves lengths that only cost a probe. */
static void sa_local_note(sim *s, const sa *x)
{
	if (2 * (s->sat.nsa_locals + 1) > s->sat.sa_locals_size) {
		size_t size = s->sat.sa_locals_size ? 2 * s->sat.sa_locals_size : 1024;
		struct sa_local *old = s->sat.sa_locals;
		size_t oldsize = s->sat.sa_locals_size;
		s->sat.sa_locals = tc_xrealloc(NULL, size * sizeof *s->sat.sa_locals);
		s->sat.sa_locals_size = size;
		for (size_t i = 0; i < size; i++)
			s->sat.sa_locals[i].local.len = 255;
		for (size_t i = 0; i < oldsize; i++)
			if (old[i].local.len != 255)
				*sa_local_slot(s, old[i].dev, old[i].local) = old[i];
		free(old);
	}
	struct sa_local *k = sa_local_slot(s, x->dev->index, x->local);
	if (k->local.len == 255) {
		*k = (struct sa_local){x->dev->index, x->local, 0};
		s->sat.nsa_locals++;
	}
	k->remote_lens |= 1ull << x->remote.len;
	s->sat.dev_sas[x->dev->index].local_lens |= 1ull << x->local.len;
}

static void sa_tab_link(sim *s, uint32_t id)
{
	sa *x = &s->sat.pool[id];
	size_t h = sa_hash(x->dev->index, x->local, x->remote) & (s->sat.sa_tab_size - 1);
	x->hnext = s->sat.sa_tab[h];
	s->sat.sa_tab[h] = id + 1;
}

/* The first SA id + 1 of the bucket of (d, l, r); follow pool[id].hnext. */
static uint32_t sa_bucket(const sim *s, const tc_device *d, tc_prefix l, tc_prefix r)
{
	return s->sat.sa_tab_size
		       ? s->sat.sa_tab[sa_hash(d->index, l, r) & (s->sat.sa_tab_size - 1)]
		       : 0;
}

sa *sim_sa_find_exact(sim *s, const tc_device *d, const tc_entry *e, tc_prefix l, tc_prefix r,
		      svc sv, uint32_t peer)
{
	for (uint32_t id = sa_bucket(s, d, l, r); id; id = s->sat.pool[id - 1].hnext) {
		sa *x = &s->sat.pool[id - 1];
		if (x->dev == d && x->entry == e && x->peer_addr == peer && pfx_eq(x->local, l) &&
		    pfx_eq(x->remote, r) && svc_eq(x->svc, sv))
			return x;
	}
	return NULL;
}

/* The SA an outbound packet src->dst leaving d under entry e would use (R4.4). */
sa *sim_sa_for_packet(sim *s, const tc_device *d, const tc_entry *e, uint32_t src, uint32_t dst)
{
	/* one probe per local length in use on d, then one per remote length
	 * paired with that local prefix: not a pass over d's SAs */
	uint32_t best = 0;
	for (uint64_t lls = s->sat.dev_sas[d->index].local_lens; lls; lls &= lls - 1) {
		tc_prefix l = tc_prefix_make(src, (uint8_t)__builtin_ctzll(lls));
		const struct sa_local *k = sa_local_slot(s, d->index, l);
		for (uint64_t rls = k->local.len == 255 ? 0 : k->remote_lens; rls; rls &= rls - 1) {
			tc_prefix r = tc_prefix_make(dst, (uint8_t)__builtin_ctzll(rls));
			for (uint32_t id = sa_bucket(s, d, l, r); id;
			     id = s->sat.pool[id - 1].hnext) {
				const sa *x = &s->sat.pool[id - 1];
				if ((!best || id < best) && x->dev == d && x->entry == e &&
				    pfx_eq(x->local, l) && pfx_eq(x->remote, r) &&
				    svc_has(x->svc, s->w.cur_svc))
					best = id;
			}
		}
	}
	return best ? &s->sat.pool[best - 1] : NULL;
}

static void sa_remove(sim *s, sa *x)
{
	uint32_t id = (uint32_t)(x - s->sat.pool) + 1;
	uint32_t *link = &s->sat.sa_tab[sa_hash(x->dev->index, x->local, x->remote) &
					(s->sat.sa_tab_size - 1)];
	while (*link && *link != id)
		link = &s->sat.pool[*link - 1].hnext;
	if (*link)
		*link = x->hnext;
	x->dead = true;
	s->w.epoch++;
	struct sa_vec *dv = &s->sat.dev_sas[x->dev->index];
	dv->ndead++;
	s->sat.nsas--;
	if (dv->ndead > 32 && dv->ndead * 2 > dv->n) { /* compact, keeping the order */
		size_t k = 0;
		for (size_t i = 0; i < dv->n; i++)
			if (!s->sat.pool[dv->v[i]].dead)
				dv->v[k++] = dv->v[i];
		dv->n = k;
		dv->ndead = 0;
	}
}

/* Append a new SA to the pool, the hash and its device's list. */
static void sa_add(sim *s, sa x)
{
	TC_GROW(s->sat.pool, s->sat.npool + 1, s->sat.cappool);
	uint32_t id = (uint32_t)s->sat.npool++;
	s->sat.pool[id] = x;
	if (s->sat.npool * 2 > s->sat.sa_tab_size) { /* grow and rehash the live SAs */
		size_t size = s->sat.sa_tab_size ? s->sat.sa_tab_size * 2 : 1024;
		free(s->sat.sa_tab);
		s->sat.sa_tab = tc_xzalloc(size, sizeof *s->sat.sa_tab);
		s->sat.sa_tab_size = size;
		for (uint32_t i = 0; i < s->sat.npool; i++)
			if (!s->sat.pool[i].dead)
				sa_tab_link(s, i);
	} else
		sa_tab_link(s, id);
	struct sa_vec *dv = &s->sat.dev_sas[x.dev->index];
	TC_GROW(dv->v, dv->n + 1, dv->cap);
	dv->v[dv->n++] = id;
	sa_local_note(s, &s->sat.pool[id]);
	s->sat.nsas++;
}

/* Forget every SA (a new run). */
void sim_sa_clear(sim *s)
{
	s->sat.npool = 0;
	s->sat.nsas = 0;
	if (s->sat.sa_tab)
		memset(s->sat.sa_tab, 0, s->sat.sa_tab_size * sizeof *s->sat.sa_tab);
	for (size_t k = 0; k < s->m->ndevs; k++) {
		s->sat.dev_sas[k].n = 0;
		s->sat.dev_sas[k].ndead = 0;
		s->sat.dev_sas[k].local_lens = 0;
	}
	for (size_t i = 0; i < s->sat.sa_locals_size; i++)
		s->sat.sa_locals[i].local.len = 255;
	s->sat.nsa_locals = 0;
}

/* Install one end of an SA, applying latest-wins replacement (R4.3). */
void sim_sa_install(sim *s, const tc_device *d, const tc_entry *e, tc_prefix l, tc_prefix r, svc sv,
		    uint32_t peer_addr, const tc_device *peer)
{
	s->w.epoch++;
	TC_GROW(s->sat.hist, s->sat.nhist + 1, s->sat.caphist);
	s->sat.hist[s->sat.nhist++] =
		(history){sim_entry_index(s, e), peer ? peer->index + 1 : 0, peer_addr, l, r};
	if (sim_sa_find_exact(s, d, e, l, r, sv, peer_addr))
		return;
	/* the SAs for the same pair under e with another peer, in install order */
	uint32_t olds[8];
	unsigned nold = 0;
	for (uint32_t id = s->opts->no_replacement ? 0 : sa_bucket(s, d, l, r); id;
	     id = s->sat.pool[id - 1].hnext) {
		const sa *x = &s->sat.pool[id - 1];
		if (x->dev == d && x->entry == e && pfx_eq(x->local, l) && pfx_eq(x->remote, r) &&
		    svc_eq(x->svc, sv) && x->peer_addr != peer_addr && nold < 8) {
			unsigned q = nold++;
			for (; q > 0 && olds[q - 1] > id; q--)
				olds[q] = olds[q - 1];
			olds[q] = id;
		}
	}
	for (unsigned o = 0; o < nold; o++) {
		sa *x = &s->sat.pool[olds[o] - 1];
		if (x->dead)
			continue;
		const tc_device *old = x->peer;
		uint32_t old_addr = x->peer_addr;
		sim_emit(
			s, TC_EV_SA_DROP, TC_REASON_SA_REPLACED, d, "R4.3",
			"%s drops only its phase-2 SA for %s <-> %s with %s: %s brought up an SA for the same proxy pair",
			d->hostname, sim_pfx(s, l), sim_pfx(s, r), sim_peer_label(s, old_addr),
			peer ? peer->hostname : sim_ipstr(s, peer_addr));
		sim_detail(s, old, old_addr, true, &l, &r);
		sa_remove(s, x);
		if (old) {
			uint32_t me = sim_entry_local_addr(d, e);
			uint32_t first = 0;
			for (uint32_t id = sa_bucket(s, old, r, l); id;
			     id = s->sat.pool[id - 1].hnext) {
				const sa *y = &s->sat.pool[id - 1];
				if ((!first || id < first) && y->dev == old && y->peer_addr == me &&
				    pfx_eq(y->local, r) && pfx_eq(y->remote, l) &&
				    svc_eq(y->svc, svc_mirror(sv)))
					first = id;
			}
			if (first) {
				sim_emit(s, TC_EV_SA_DROP, TC_REASON_IKE_DELETE, old, "R4.3",
					 "%s deletes its SA for %s <-> %s on %s's IKE delete",
					 old->hostname, sim_pfx(s, r), sim_pfx(s, l), d->hostname);
				sim_detail(s, d, me, true, &r, &l);
				sa_remove(s, &s->sat.pool[first - 1]);
			}
		}
		s->w.changes[s->w.cur_conv]++;
	}
	sa_add(s, (sa){d, e, l, r, peer_addr, peer, s->w.cur_conv, sv, 0, false, NULL});
	s->w.changes[s->w.cur_conv]++;
}

/* ---- state signatures ------------------------------------------------------ */

typedef struct sigrec {
	unsigned dev, entry;
	uint32_t l, r;
	uint8_t ll, rl;
	uint32_t peer;
	uint8_t proto;
	uint16_t ports[4];
} sigrec;

static int cmp_sigrec(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(sigrec));
}

/* A canonical byte string for the SA table and active indices (malloc'd). */
unsigned char *sim_signature(sim *s, size_t *len)
{
	size_t n = s->sat.nsas;
	size_t bytes = n * sizeof(sigrec) + s->sat.nentries * sizeof(unsigned);
	unsigned char *buf = tc_xrealloc(NULL, bytes);
	sigrec *v = (sigrec *)buf;
	size_t i = 0;
	for (size_t k = 0; k < s->m->ndevs; k++)
		for (size_t j = 0; j < s->sat.dev_sas[k].n; j++) {
			const sa *x = &s->sat.pool[s->sat.dev_sas[k].v[j]];
			if (x->dead)
				continue;
			memset(&v[i], 0, sizeof v[i]);
			v[i].dev = x->dev->index;
			v[i].entry = sim_entry_index(s, x->entry);
			v[i].l = x->local.addr;
			v[i].ll = x->local.len;
			v[i].r = x->remote.addr;
			v[i].rl = x->remote.len;
			v[i].peer = x->peer_addr;
			v[i].proto = x->svc.proto;
			v[i].ports[0] = x->svc.sp_lo;
			v[i].ports[1] = x->svc.sp_hi;
			v[i].ports[2] = x->svc.dp_lo;
			v[i].ports[3] = x->svc.dp_hi;
			i++;
		}
	qsort(v, n, sizeof *v, cmp_sigrec);
	memcpy(buf + n * sizeof(sigrec), s->sat.active, s->sat.nentries * sizeof(unsigned));
	*len = bytes;
	return buf;
}

int sim_cmp_sa_entry(const void *x, const void *y)
{
	uintptr_t a = (uintptr_t)((const sa *)x)->entry, b = (uintptr_t)((const sa *)y)->entry;
	if (a != b)
		return a < b ? -1 : 1;
	const sa *p = x, *q = y;
	int c = tc_prefix_cmp(p->local, q->local);
	if (!c)
		c = tc_prefix_cmp(p->remote, q->remote);
	if (!c)
		c = (p->peer_addr > q->peer_addr) - (p->peer_addr < q->peer_addr);
	return c;
}

/* s->sat.hist_by_entry: the history of installed SAs by entry, then in time
 * order. A counting sort: the keys are entry indexes, and the history is
 * already in time order. s->sat.hist_end[k] is where entry k's records end. */
void sim_hist_index(sim *s)
{
	size_t *at = tc_xzalloc(s->sat.nentries + 2, sizeof *at);
	s->sat.hist_by_entry = tc_xrealloc(NULL, (s->sat.nhist + 1) * sizeof *s->sat.hist_by_entry);
	for (size_t h = 0; h < s->sat.nhist; h++)
		at[s->sat.hist[h].entry + 1]++;
	for (size_t e = 0; e < s->sat.nentries; e++)
		at[e + 1] += at[e];
	for (size_t h = 0; h < s->sat.nhist; h++) /* at[k] moves from k's start to its end */
		s->sat.hist_by_entry[at[s->sat.hist[h].entry]++] = (uint32_t)h;
	s->sat.hist_end = at;
}

/* The records of entry e in s->sat.hist_by_entry: [*lo, *hi). */
void sim_hist_range(const sim *s, const tc_entry *e, size_t *lo, size_t *hi)
{
	unsigned k = sim_entry_index(s, e);
	*lo = k ? s->sat.hist_end[k - 1] : 0;
	*hi = s->sat.hist_end[k];
}
