/* index.c: hash indexes behind the model's lookups, so that none of them scans a whole list.
 *
 * While parsing, each device keeps hash tables (kit.h) of its interfaces
 * (by exact name), ACLs (by name) and crypto map and dynamic map entries (by
 * map and sequence): tc_iface_get(), tc_acl_get() and tc_entry_get() are
 * called once per config line, and a head-end with 40 000 entries made scans
 * quadratic. Their bucket arrays live in the model's arena, doubled when as
 * full as they are long (the old array stays in the arena: at most as much
 * again).
 *
 * tc_model_finalize() then indexes every addressed interface by its address
 * and by its connected subnet, for tc_device_by_addr(), tc_addr_holders()
 * and tc_connected_foreach(): the predictor asks "who holds this address"
 * at every hop. Both are built from the device list in its final (hostname)
 * order and keep that order among equals, so a lookup answers exactly what a
 * scan of the devices and their interfaces would. */
#include "model.h"
#include "model_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- names, per device ------------------------------------------------------ */

typedef struct entry_key {
	const char *map;
	unsigned seq;
} entry_key;

static uint64_t entry_hash(entry_key k)
{
	return tc_hash_str(k.map) ^ tc_hash_u64(k.seq);
}

#define IFACE_KEY(n) ((n)->name)
#define IFACE_NEXT(n) ((n)->hnext)
#define IFACE_EQ(a, b) (strcmp(a, b) == 0)
#define IFACE_FN(k) tc_hash_str(k)
TC_HASH_DEFINE(iface_tab, tc_iface, const char *, IFACE)

#define ACL_KEY(n) ((n)->name)
#define ACL_NEXT(n) ((n)->hnext)
#define ACL_EQ(a, b) (strcmp(a, b) == 0)
#define ACL_FN(k) tc_hash_str(k)
TC_HASH_DEFINE(acl_tab, tc_acl, const char *, ACL)

#define ENTRY_KEY(n) ((entry_key){(n)->map, (n)->seq})
#define ENTRY_NEXT(n) ((n)->hnext)
#define ENTRY_EQ(a, b) ((a).seq == (b).seq && strcmp((a).map, (b).map) == 0)
#define ENTRY_FN(k) entry_hash(k)
TC_HASH_DEFINE(entry_tab, tc_entry, entry_key, ENTRY)

struct tc_dev_index {
	iface_tab iface;      /* tc_iface by exact name; the latest added first */
	acl_tab acl;          /* tc_acl by name */
	entry_tab entry;      /* tc_entry of d->entries by (map, seq) */
	entry_tab dynentry;   /* tc_entry of d->dynentries by (map, seq) */
	/* pre-shared keys, after tc_index_psks_build(): the host keys (/32) sorted
	 * by address, list order among equals; the others in list order */
	const tc_psk **psk_host, **psk_net;
	size_t npsk_host, npsk_net;
	bool psks_indexed;
};

/* d's index, its tables growing in m's arena: set at every add, as a device
 * built in one model (a loader thread's) may be adopted into another. */
static tc_dev_index *dev_index(tc_model *m, tc_device *d)
{
	tc_dev_index *x = d->lookup;
	if (!x)
		x = d->lookup = tc_arena_alloc(m->arena, sizeof *d->lookup);
	x->iface.alloc = x->acl.alloc = x->entry.alloc = x->dynentry.alloc = tc_arena_alloc_cb;
	x->iface.ctx = x->acl.ctx = x->entry.ctx = x->dynentry.ctx = m->arena;
	return x;
}

tc_iface *tc_index_iface_find(const tc_device *d, const char *name)
{
	return d->lookup ? iface_tab_find(&d->lookup->iface, name) : NULL;
}

void tc_index_iface_add(tc_model *m, tc_device *d, tc_iface *i)
{
	iface_tab_insert(&dev_index(m, d)->iface, i);
}

tc_acl *tc_index_acl_find(const tc_device *d, const char *name)
{
	return d->lookup ? acl_tab_find(&d->lookup->acl, name) : NULL;
}

void tc_index_acl_add(tc_model *m, tc_device *d, tc_acl *a)
{
	acl_tab_insert(&dev_index(m, d)->acl, a);
}

tc_entry *tc_index_entry_find(const tc_device *d, const char *map, unsigned seq, bool dynamic)
{
	if (!d->lookup)
		return NULL;
	return entry_tab_find(dynamic ? &d->lookup->dynentry : &d->lookup->entry,
			      (entry_key){map, seq});
}

void tc_index_entry_add(tc_model *m, tc_device *d, tc_entry *e, bool dynamic)
{
	tc_dev_index *x = dev_index(m, d);
	entry_tab_insert(dynamic ? &x->dynentry : &x->entry, e);
}

/* ---- addresses and connected subnets, per model ------------------------------ */

struct tc_addr_index {
	/* interfaces by primary address, every addressed one (shut down too) */
	tc_link_end *ends;     /* sorted by address, then device and interface order */
	uint32_t *addr;        /* addr[i]: the address of ends[i] */
	size_t nends;
	uint32_t *slot;        /* 1 + index of the first end of an address; 0: empty */
	size_t mask;
	/* up interfaces by connected subnet */
	tc_link_end *cends;    /* sorted by length (longest first), subnet, then model order */
	tc_prefix *csub;       /* csub[i]: the subnet of cends[i] */
	size_t ncends;
	uint32_t *cslot;       /* 1 + index of the first end of a subnet; 0: empty */
	size_t cmask;
	uint8_t lens[33];      /* the subnet lengths present, longest first */
	unsigned nlens;
};

typedef struct rec {
	tc_prefix key;         /* address (/32) or subnet */
	size_t ord;            /* position in model order */
	tc_link_end end;
} rec;

static int cmp_rec(const void *a, const void *b)
{
	const rec *x = a, *y = b;
	if (x->key.len != y->key.len)
		return x->key.len > y->key.len ? -1 : 1;
	if (x->key.addr != y->key.addr)
		return x->key.addr < y->key.addr ? -1 : 1;
	return (x->ord > y->ord) - (x->ord < y->ord);
}

static uint64_t prefix_hash(tc_prefix p)
{
	return tc_hash_u64(((uint64_t)p.len << 32) | p.addr);
}

static size_t pow2_at_least(size_t n)
{
	size_t c = 16;
	while (c < n)
		c *= 2;
	return c;
}

/* Sort n records and fill ends/keys with them; slot gets 1 + the index of
 * the first record of each distinct key. */
static void index_runs(tc_model *m, rec *v, size_t n, tc_link_end **ends, tc_prefix *keys,
		       uint32_t **slot, size_t *mask)
{
	qsort(v, n, sizeof *v, cmp_rec);
	*ends = tc_arena_alloc(m->arena, (n + 1) * sizeof **ends);
	size_t cap = pow2_at_least(2 * n + 1);
	*slot = tc_arena_alloc(m->arena, cap * sizeof **slot);
	*mask = cap - 1;
	for (size_t i = 0; i < n; i++) {
		(*ends)[i] = v[i].end;
		keys[i] = v[i].key;
		if (i && v[i].key.addr == v[i - 1].key.addr && v[i].key.len == v[i - 1].key.len)
			continue;
		for (size_t h = prefix_hash(v[i].key) & *mask;; h = (h + 1) & *mask)
			if (!(*slot)[h]) {
				(*slot)[h] = (uint32_t)(i + 1);
				break;
			}
	}
}

void tc_index_addrs_build(tc_model *m)
{
	size_t n = 0, ord = 0, nc = 0;
	for (const tc_device *d = m->devices; d; d = d->next)
		for (const tc_iface *i = d->ifaces; i; i = i->next)
			n += i->has_addr;
	tc_addr_index *x = tc_arena_alloc(m->arena, sizeof *x);
	rec *v = tc_xmalloc((n + 1) * sizeof *v), *c = tc_xmalloc((n + 1) * sizeof *c);
	n = 0;
	for (const tc_device *d = m->devices; d; d = d->next)
		for (const tc_iface *i = d->ifaces; i; i = i->next, ord++) {
			if (!i->has_addr)
				continue;
			v[n++] = (rec){{i->addr, 32}, ord, {d, i}};
			if (!i->shutdown)
				c[nc++] = (rec){tc_prefix_make(i->addr, i->plen), ord, {d, i}};
		}
	tc_prefix *keys = tc_xmalloc((n + 1) * sizeof *keys);
	index_runs(m, v, n, &x->ends, keys, &x->slot, &x->mask);
	x->addr = tc_arena_alloc(m->arena, (n + 1) * sizeof *x->addr);
	for (size_t i = 0; i < n; i++)
		x->addr[i] = keys[i].addr;
	x->nends = n;
	x->csub = tc_arena_alloc(m->arena, (nc + 1) * sizeof *x->csub);
	index_runs(m, c, nc, &x->cends, x->csub, &x->cslot, &x->cmask);
	x->ncends = nc;
	for (size_t i = 0; i < nc; i++)
		if (x->nlens == 0 || x->lens[x->nlens - 1] != x->csub[i].len)
			x->lens[x->nlens++] = x->csub[i].len;
	free(keys);
	free(v);
	free(c);
	m->addrs = x;
}

size_t tc_addr_holders(const tc_model *m, uint32_t ip, const tc_link_end **out)
{
	*out = NULL;
	const tc_addr_index *x = m->addrs;
	if (!x || !x->nends)
		return 0;
	for (size_t h = prefix_hash((tc_prefix){ip, 32}) & x->mask; x->slot[h]; h = (h + 1) & x->mask) {
		size_t i = x->slot[h] - 1;
		if (x->addr[i] != ip)
			continue;
		size_t j = i;
		while (j < x->nends && x->addr[j] == ip)
			j++;
		*out = &x->ends[i];
		return j - i;
	}
	return 0;
}

/* The up holder of ip in model order, through the index. */
const tc_device *tc_index_device_by_addr(const tc_model *m, uint32_t ip, const tc_iface **iface_out)
{
	const tc_link_end *e;
	size_t n = tc_addr_holders(m, ip, &e);
	for (size_t k = 0; k < n; k++)
		if (!e[k].iface->shutdown) {
			if (iface_out)
				*iface_out = e[k].iface;
			return e[k].device;
		}
	return NULL;
}

void tc_connected_foreach(const tc_model *m, uint32_t ip,
			  bool (*cb)(const tc_device *d, const tc_iface *i, void *payload), void *payload)
{
	const tc_addr_index *x = m->addrs;
	if (!x || !x->ncends)
		return;
	for (unsigned l = 0; l < x->nlens; l++) {
		tc_prefix key = tc_prefix_make(ip, x->lens[l]);
		for (size_t h = prefix_hash(key) & x->cmask; x->cslot[h]; h = (h + 1) & x->cmask) {
			size_t i = x->cslot[h] - 1;
			if (x->csub[i].addr != key.addr || x->csub[i].len != key.len)
				continue;
			for (; i < x->ncends && x->csub[i].addr == key.addr && x->csub[i].len == key.len; i++)
				if (!cb(x->cends[i].device, x->cends[i].iface, payload))
					return;
			break;
		}
	}
}

/* ---- pre-shared keys ---------------------------------------------------------- */

typedef struct psk_pos {
	const tc_psk *k;
	size_t pos;           /* in d->psks */
} psk_pos;

static int cmp_psk_pos(const void *x, const void *y)
{
	const psk_pos *a = x, *b = y;
	if (a->k->peer.addr != b->k->peer.addr)
		return a->k->peer.addr < b->k->peer.addr ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

void tc_index_psks_build(tc_model *m, tc_device *d)
{
	size_t nh = 0, nn = 0;
	for (const tc_psk *k = d->psks; k; k = k->next)
		k->peer.len == 32 ? nh++ : nn++;
	tc_dev_index *x = dev_index(m, d);
	x->psk_host = tc_arena_alloc(m->arena, (nh + 1) * sizeof *x->psk_host);
	x->psk_net = tc_arena_alloc(m->arena, (nn + 1) * sizeof *x->psk_net);
	psk_pos *v = tc_xmalloc((nh + 1) * sizeof *v);
	size_t pos = 0;
	for (const tc_psk *k = d->psks; k; k = k->next, pos++)
		if (k->peer.len == 32)
			v[x->npsk_host++] = (psk_pos){k, pos};
		else
			x->psk_net[x->npsk_net++] = k;
	qsort(v, x->npsk_host, sizeof *v, cmp_psk_pos);
	for (size_t i = 0; i < x->npsk_host; i++)
		x->psk_host[i] = v[i].k;
	free(v);
	x->psks_indexed = true;
}

static bool psk_serves(const tc_psk *k, unsigned version)
{
	return !k->ike_version || !version || k->ike_version == version;
}

const tc_psk *tc_index_psk_for(const tc_device *d, uint32_t peer, unsigned version, bool *done)
{
	const tc_dev_index *x = d->lookup;
	*done = x && x->psks_indexed;
	if (!*done)
		return NULL;
	size_t lo = 0, hi = x->npsk_host;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->psk_host[mid]->peer.addr < peer)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* a host key is the longest match there is: the first of the list that serves */
	for (; lo < x->npsk_host && x->psk_host[lo]->peer.addr == peer; lo++)
		if (psk_serves(x->psk_host[lo], version))
			return x->psk_host[lo];
	const tc_psk *best = NULL;
	for (size_t i = 0; i < x->npsk_net; i++) {
		const tc_psk *k = x->psk_net[i];
		if (tc_prefix_has(k->peer, peer) && psk_serves(k, version) &&
		    (!best || k->peer.len > best->peer.len))
			best = k;
	}
	return best;
}
