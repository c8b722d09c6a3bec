/* index.c: hash indexes behind the model's lookups, so that none of them scans a whole list.
 *
 * While parsing, each device keeps hash tables (kit.h) of its interfaces
 * (by exact name), ACLs (by name), crypto map and dynamic map entries (by
 * map and sequence), transform sets and `name`/`ip host` aliases:
 * tc_iface_get(), tc_acl_get(), tc_entry_get(), tc_tset_find() and
 * tc_name_find() are called once per config line, and a head-end with 40 000
 * entries (or an ASA with 200 000 `name` lines) made scans quadratic. The
 * interfaces are also indexed by name and nameif without case, kept up to
 * date as interfaces are added and nameifs set (tc_iface_set_nameif): the
 * parser's references (`access-group ... interface lan7`) and the FIB's
 * routes (`route lan7 ...`, one lookup per route) ask tc_iface_find(), and
 * 1 000 interfaces scanned per reference made them quadratic. Finalizing
 * indexes them again, for models built by setting fields directly (tests).
 * Their bucket arrays live in the model's arena, doubled when as full as
 * they are long (the old array stays in the arena: at most as much again).
 *
 * tc_model_finalize() then indexes every addressed interface by its address
 * and by its connected subnet, for tc_device_by_addr(), tc_addr_holders()
 * and tc_connected_foreach(): the predictor asks "who holds this address"
 * at every hop. Both are built from the device list in its final (hostname)
 * order and keep that order among equals, so a lookup answers exactly what a
 * scan of the devices and their interfaces would: the interfaces sorted by
 * key, and a kit table from each key to its run of them. */
#include "model.h"
#include "model_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Names compared without case: interface names and nameifs (IOS and the ASA
 * take `gi0/0` for GigabitEthernet0/0's spelling in any case) and IOS `ip
 * host` names. No locale is set, so strcasecmp() folds ASCII letters only;
 * the hash folds each byte by setting its 0x20 bit, eight bytes at a time
 * (as tc_hash_bytes): every pair of names strcasecmp() calls equal hashes
 * alike, and the few others it folds together ('_' and DEL) only share a
 * chain. A name of 20 letters costs three multiplies, not 20 tolower() calls. */
#define FOLD8 0x2020202020202020ull

static uint64_t hash_nocase(const char *s)
{
	size_t len = strlen(s);
	uint64_t h = len * 0x9e3779b97f4a7c15ull, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ (w | FOLD8)) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 29;
	}
	for (w = 0; len; len--)
		w = w << 8 | ((unsigned char)s[len - 1] | 0x20);
	return tc_hash_u64(h ^ w);
}

/* An interface under one of its names (name or nameif), without case. */
typedef struct ifname_node {
	const char *key;
	tc_iface *iface;
	size_t pos; /* iface's position in d->ifaces: the earliest holder of a key wins */
	struct ifname_node *next;
} ifname_node;

#define IFNAME_KEY(n) ((n)->key)
#define IFNAME_NEXT(n) ((n)->next)
#define IFNAME_EQ(a, b) (strcasecmp(a, b) == 0)
#define IFNAME_FN(k) hash_nocase(k)
TC_HASH_DEFINE(ifname_tab, ifname_node, const char *, IFNAME)

#define TSET_KEY(n) ((n)->name)
#define TSET_NEXT(n) ((n)->hnext)
#define TSET_EQ(a, b) (strcmp(a, b) == 0)
#define TSET_FN(k) tc_hash_str(k)
TC_HASH_DEFINE(tset_tab, tc_tset, const char *, TSET)

typedef struct span {
	const char *p;
	size_t n;
} span;

#define NAME_KEY(x) ((span){(x)->name, strlen((x)->name)})
#define NAME_NEXT(x) ((x)->hnext)
#define NAME_EQ(a, b) ((a).n == (b).n && memcmp((a).p, (b).p, (a).n) == 0)
#define NAME_FN(k) tc_hash_bytes((k).p, (k).n)
TC_HASH_DEFINE(name_tab, tc_name, span, NAME)

#define HOST_KEY(x) ((x)->name)
#define HOST_NEXT(x) ((x)->cinext)
#define HOST_EQ(a, b) (strcasecmp(a, b) == 0)
#define HOST_FN(k) hash_nocase(k)
TC_HASH_DEFINE(host_tab, tc_name, const char *, HOST)

struct tc_dev_index {
	iface_tab iface;    /* tc_iface by exact name; the latest added first */
	ifname_tab ifname;  /* by name and nameif without case, the first in list order */
	size_t nifaces;	    /* interfaces in ifname: the next one's position */
	tset_tab tset;	    /* tc_tset by name, the first added of each */
	name_tab name;	    /* tc_name by exact name (unique) */
	host_tab host;	    /* tc_name without case, the first added of each */
	acl_tab acl;	    /* tc_acl by name */
	entry_tab entry;    /* tc_entry of d->entries by (map, seq) */
	entry_tab dynentry; /* tc_entry of d->dynentries by (map, seq) */
	/* pre-shared keys, after tc_index_psks_build(): the host keys (/32) sorted
	 * by address, list order among equals; the others in list order */
	const tc_psk **psk_host, **psk_net;
	size_t npsk_host, npsk_net;
	bool psks_indexed;
	/* after tc_index_peer_entries_build(): per IKE version (index 1, 2), each peer
	 * address with the first entry of d->entries that lists it and names a profile */
	struct peer_entry *peer_entry[3];
	size_t npeer_entry[3];
	bool peers_indexed;
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
	x->ifname.alloc = x->tset.alloc = x->name.alloc = x->host.alloc = tc_arena_alloc_cb;
	x->ifname.ctx = x->tset.ctx = x->name.ctx = x->host.ctx = m->arena;
	return x;
}

tc_iface *tc_index_iface_named(const tc_device *d, const char *name)
{
	const ifname_node *n = d->lookup ? ifname_tab_find(&d->lookup->ifname, name) : NULL;
	return n ? n->iface : NULL;
}

/* key names i, at pos in the list: it takes the key from a later holder (a
 * scan in list order finds the earliest), never from an earlier one. */
static void ifname_put(tc_model *m, ifname_tab *t, const char *key, tc_iface *i, size_t pos)
{
	if (!key)
		return;
	ifname_node *n = ifname_tab_find(t, key);
	if (n) {
		if (n->pos > pos)
			*n = (ifname_node){.key = key, .iface = i, .pos = pos, .next = n->next};
		return;
	}
	n = tc_arena_alloc(m->arena, sizeof *n);
	*n = (ifname_node){.key = key, .iface = i, .pos = pos};
	ifname_tab_insert(t, n);
}

void tc_index_ifnames_build(tc_model *m, tc_device *d)
{
	tc_dev_index *x = dev_index(m, d);
	size_t n = 0;
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		n += 2;
	unsigned order = 0;
	while (((size_t)1 << order) < n)
		order++;
	ifname_tab_init(&x->ifname, order, tc_arena_alloc_cb, m->arena);
	x->nifaces = 0;
	for (tc_iface *i = d->ifaces; i; i = i->next, x->nifaces++) {
		ifname_put(m, &x->ifname, i->name, i, x->nifaces);
		ifname_put(m, &x->ifname, i->nameif, i, x->nifaces);
	}
}

void tc_index_iface_nameif(tc_model *m, tc_device *d, tc_iface *i, const char *nameif)
{
	const char *old = i->nameif;
	i->nameif = nameif;
	if (old) /* a key to take back, maybe to a later holder: index again (rare) */
		tc_index_ifnames_build(m, d);
	else if (nameif) {
		size_t pos = 0;
		const ifname_node *n = ifname_tab_find(&dev_index(m, d)->ifname, i->name);
		if (n && n->iface == i)
			pos = n->pos;
		else /* its name is an earlier interface's: find its place */
			for (const tc_iface *j = d->ifaces; j != i; j = j->next)
				pos++;
		ifname_put(m, &d->lookup->ifname, nameif, i, pos);
	}
}

tc_tset *tc_index_tset_find(const tc_device *d, const char *name)
{
	return d->lookup ? tset_tab_find(&d->lookup->tset, name) : NULL;
}

void tc_index_tset_add(tc_model *m, tc_device *d, tc_tset *t)
{
	tc_dev_index *x = dev_index(m, d);
	if (!tset_tab_find(&x->tset, t->name))
		tset_tab_insert(&x->tset, t);
}

tc_name *tc_index_name_find(const tc_device *d, const char *s, size_t n)
{
	return d->lookup ? name_tab_find(&d->lookup->name, (span){s, n}) : NULL;
}

tc_name *tc_index_name_find_nocase(const tc_device *d, const char *name)
{
	return d->lookup ? host_tab_find(&d->lookup->host, name) : NULL;
}

void tc_index_name_add(tc_model *m, tc_device *d, tc_name *a)
{
	tc_dev_index *x = dev_index(m, d);
	name_tab_insert(&x->name, a);
	if (!host_tab_find(&x->host, a->name))
		host_tab_insert(&x->host, a);
}

tc_iface *tc_index_iface_find(const tc_device *d, const char *name)
{
	return d->lookup ? iface_tab_find(&d->lookup->iface, name) : NULL;
}

void tc_index_iface_add(tc_model *m, tc_device *d, tc_iface *i)
{
	tc_dev_index *x = dev_index(m, d);
	iface_tab_insert(&x->iface, i);
	ifname_put(m, &x->ifname, i->name, i, x->nifaces++); /* appended: the last position */
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

static uint64_t prefix_hash(tc_prefix p)
{
	return tc_hash_u64(((uint64_t)p.len << 32) | p.addr);
}

/* The run of sorted ends of one key (an address or a subnet). */
typedef struct run {
	tc_prefix key;
	uint32_t first, n; /* its ends: ends[first .. first + n) */
	struct run *next;
} run;

#define RUN_KEY(n) ((n)->key)
#define RUN_NEXT(n) ((n)->next)
#define RUN_EQ(a, b) ((a).addr == (b).addr && (a).len == (b).len)
#define RUN_FN(k) prefix_hash(k)
TC_HASH_DEFINE(run_tab, run, tc_prefix, RUN)

struct tc_addr_index {
	/* interfaces by primary address, every addressed one (shut down too) */
	tc_link_end *ends; /* sorted by address, then device and interface order */
	size_t nends;
	run_tab runs; /* the ends of each address */
	/* up interfaces by connected subnet */
	tc_link_end *cends; /* sorted by length (longest first), subnet, then model order */
	size_t ncends;
	run_tab cruns;	  /* the ends of each subnet */
	uint8_t lens[33]; /* the subnet lengths present, longest first */
	unsigned nlens;
};

typedef struct rec {
	tc_prefix key; /* address (/32) or subnet */
	size_t ord;    /* position in model order */
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

/* Sort n records and fill ends with them; runs gets each distinct key's
 * run of them, sized for them all at once. */
static void index_runs(tc_model *m, rec *v, size_t n, tc_link_end **ends, run_tab *runs)
{
	qsort(v, n, sizeof *v, cmp_rec);
	*ends = tc_arena_alloc(m->arena, (n + 1) * sizeof **ends);
	unsigned order = 0;
	while (((size_t)1 << order) < 2 * n) /* half full: short chains */
		order++;
	run_tab_init(runs, order, tc_arena_alloc_cb, m->arena);
	run *r = NULL;
	for (size_t i = 0; i < n; i++) {
		(*ends)[i] = v[i].end;
		if (!r || !RUN_EQ(r->key, v[i].key)) {
			r = tc_arena_alloc(m->arena, sizeof *r);
			*r = (run){.key = v[i].key, .first = (uint32_t)i};
			run_tab_insert(runs, r);
		}
		r->n++;
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
	index_runs(m, v, n, &x->ends, &x->runs);
	x->nends = n;
	index_runs(m, c, nc, &x->cends, &x->cruns);
	x->ncends = nc;
	for (size_t i = 0; i < nc; i++) /* c is sorted now: longest first */
		if (x->nlens == 0 || x->lens[x->nlens - 1] != c[i].key.len)
			x->lens[x->nlens++] = c[i].key.len;
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
	const run *r = run_tab_find(&x->runs, (tc_prefix){ip, 32});
	if (!r)
		return 0;
	*out = &x->ends[r->first];
	return r->n;
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
			  bool (*cb)(const tc_device *d, const tc_iface *i, void *payload),
			  void *payload)
{
	const tc_addr_index *x = m->addrs;
	if (!x || !x->ncends)
		return;
	for (unsigned l = 0; l < x->nlens; l++) {
		tc_prefix key = tc_prefix_make(ip, x->lens[l]);
		const run *r = run_tab_find(&x->cruns, key);
		for (size_t i = r ? r->first : 0; r && i < r->first + r->n; i++)
			if (!cb(x->cends[i].device, x->cends[i].iface, payload))
				return;
	}
}

/* ---- pre-shared keys ---------------------------------------------------------- */

typedef struct psk_pos {
	const tc_psk *k;
	size_t pos; /* in d->psks */
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

/* ---- entries by peer, for the IKE profile an entry names ---------------------- */

typedef struct peer_entry {
	uint32_t addr;
	size_t pos; /* the entry's position in d->entries */
	const tc_entry *e;
} peer_entry;

static int cmp_peer_entry(const void *x, const void *y)
{
	const peer_entry *a = x, *b = y;
	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

static const char *profile_named(const tc_entry *e, unsigned version)
{
	return version == 2 ? e->ikev2_profile : e->isakmp_profile;
}

/* The peers of d's entries naming a profile of version, sorted by address, the first
 * entry of each address kept. */
static void peer_entries_build(tc_model *m, tc_device *d, tc_dev_index *x, unsigned version)
{
	size_t n = 0, pos = 0;
	for (const tc_entry *e = d->entries; e; e = e->next)
		n += profile_named(e, version) ? e->npeers : 0;
	peer_entry *v = tc_arena_alloc(m->arena, (n + 1) * sizeof *v);
	n = 0;
	for (const tc_entry *e = d->entries; e; e = e->next, pos++)
		for (unsigned k = 0; profile_named(e, version) && k < e->npeers; k++)
			v[n++] = (peer_entry){e->peers[k], pos, e};
	qsort(v, n, sizeof *v, cmp_peer_entry);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (kept == 0 || v[kept - 1].addr != v[i].addr)
			v[kept++] = v[i];
	x->peer_entry[version] = v;
	x->npeer_entry[version] = kept;
}

void tc_index_peer_entries_build(tc_model *m, tc_device *d)
{
	tc_dev_index *x = dev_index(m, d);
	peer_entries_build(m, d, x, 1);
	peer_entries_build(m, d, x, 2);
	x->peers_indexed = true;
}

const tc_entry *tc_index_entry_naming_profile(const tc_device *d, uint32_t peer, unsigned version,
					      bool *done)
{
	const tc_dev_index *x = d->lookup;
	*done = x && x->peers_indexed && (version == 1 || version == 2);
	if (!*done)
		return NULL;
	const peer_entry *v = x->peer_entry[version];
	size_t lo = 0, hi = x->npeer_entry[version];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].addr < peer)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->npeer_entry[version] && v[lo].addr == peer ? v[lo].e : NULL;
}
