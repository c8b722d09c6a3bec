/* model.c: model builders, lookups, diagnostics and the finalize pass.
 *
 * The parser appends objects through the *_add/_get builders in file order;
 * tc_model_finalize() then resolves names (ACLs, transform sets, crypto map
 * bindings), drops duplicate devices, sorts everything that is emitted and
 * builds the FIBs and links. Nothing here knows a config keyword. */
#include "model.h"
#include "model_int.h"
#include "routing.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define APPEND(head, tail, x)                                                                      \
	do {                                                                                       \
		if (tail)                                                                          \
			(tail)->next = (x);                                                        \
		else                                                                               \
			(head) = (x);                                                              \
		(tail) = (x);                                                                      \
	} while (0)

const char *tc_dialect_name(tc_dialect d)
{
	switch (d) {
	case TC_DIALECT_IOS:
		return "ios";
	case TC_DIALECT_ASA:
		return "asa";
	default:
		return "unknown";
	}
}

size_t tc_utf8_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf; /* range of the second byte */
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		len = 2;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		len = 3;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		len = 4;
	else
		return 0; /* continuation byte, overlong lead (c0, c1) or beyond U+10FFFF */
	if (u[0] == 0xe0)
		lo = 0xa0; /* overlong */
	else if (u[0] == 0xed)
		hi = 0x9f; /* surrogates */
	else if (u[0] == 0xf0)
		lo = 0x90; /* overlong */
	else if (u[0] == 0xf4)
		hi = 0x8f; /* above U+10FFFF */
	if (n < len || u[1] < lo || u[1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if (u[k] < 0x80 || u[k] > 0xbf)
			return 0;
	return len;
}

/* Characters that can change what a reader sees around them: controls move
 * the cursor or end lines, bidi controls reorder the text that follows
 * ("Trojan Source"), U+2028/9 end JSON-in-JavaScript strings and lines. */
static bool unsafe_cp(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029 || cp == 0xfffe ||
	       cp == 0xffff;
}

tc_char tc_text_char(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = tc_utf8_len(s, n);
	if (len == 0)
		return (tc_char){.cp = 0xfffd, .len = 1, .unsafe = true};
	uint32_t cp = len == 1 ? u[0] : u[0] & (0x7fu >> len); /* the lead byte's payload */
	for (size_t k = 1; k < len; k++)
		cp = cp << 6 | (u[k] & 0x3fu);
	return (tc_char){.cp = cp, .len = len, .unsafe = unsafe_cp(cp)};
}

char *tc_text_clean(char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		tc_char c = tc_text_char(s + i, n - i);
		if (c.unsafe && c.cp != '\t')
			memset(s + i, '?', c.len);
		i += c.len;
	}
	return s;
}

tc_model *tc_model_new(void)
{
	tc_model *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->arena = tc_arena_new();
	if (!m->arena) {
		free(m);
		return NULL;
	}
	m->max_diags = TC_MAX_DIAGS_DEFAULT;
	return m;
}

void tc_model_free(tc_model *m)
{
	if (!m)
		return;
	tc_arena_free(m->arena);
	free(m);
}

void tc_model_adopt(tc_model *m, tc_model *part)
{
	if (!part)
		return;
	if (part->devices) {
		APPEND(m->devices, m->devices_tail, part->devices);
		m->devices_tail = part->devices_tail;
	}
	if (part->diags) {
		APPEND(m->diags, m->diags_tail, part->diags);
		m->diags_tail = part->diags_tail;
	}
	for (int k = 0; k < 3; k++)
		m->ndiags[k] += part->ndiags[k];
	tc_diag_adopt(m, part);
	m->unknown_lines += part->unknown_lines;
	tc_arena_adopt(m->arena, part->arena);
	free(part);
}

void tc_model_diag(tc_model *m, const char *file, unsigned line, unsigned col, tc_severity sev,
		   const char *code, const char *text, const char *fmt, ...)
{
	if ((unsigned)sev < 3)
		m->ndiags[sev]++;
	if (!tc_diag_admit(m, file, code ? code : "diagnostic", sev))
		return;
	tc_diag *d = tc_arena_alloc(m->arena, sizeof *d);
	d->file = tc_arena_strdup(m->arena, file);
	d->line = line;
	d->col = col;
	d->sev = sev;
	d->code = tc_arena_strdup(m->arena, code ? code : "diagnostic");
	d->text = text ? tc_text_clean(tc_arena_strdup(m->arena, text)) : NULL;
	va_list ap;
	va_start(ap, fmt);
	d->msg = tc_text_clean(tc_arena_vprintf(m->arena, fmt, ap));
	va_end(ap);
	APPEND(m->diags, m->diags_tail, d);
}

tc_device *tc_device_add(tc_model *m, const char *file, tc_dialect dialect)
{
	tc_device *d = tc_arena_alloc(m->arena, sizeof *d);
	d->file = tc_arena_strdup(m->arena, file);
	d->dialect = dialect;
	APPEND(m->devices, m->devices_tail, d);
	return d;
}

tc_iface *tc_iface_add(tc_model *m, tc_device *d, const char *name)
{
	tc_iface *i = tc_arena_alloc(m->arena, sizeof *i);
	i->name = tc_arena_strdup(m->arena, name);
	i->ike = d->dialect != TC_DIALECT_ASA;
	i->file = d->file;
	i->security_level = -1;
	APPEND(d->ifaces, d->ifaces_tail, i);
	tc_index_iface_add(m, d, i);
	return i;
}

tc_iface *tc_iface_get(tc_model *m, tc_device *d, const char *name)
{
	tc_iface *i = tc_index_iface_find(d, name);
	return i ? i : tc_iface_add(m, d, name);
}

void tc_iface_set_nameif(tc_model *m, tc_device *d, tc_iface *i, const char *nameif)
{
	tc_index_iface_nameif(m, d, i, nameif);
}

_Static_assert(sizeof(tc_route_link) <= sizeof(tc_route), "a link takes a route's place");

#define ROUTE_CHUNK_MIN 4 /* route places of a list's first chunk; each next one has twice */
#define ROUTE_CHUNK_MAX                                                                            \
	64 /* as many, up to this: 2 KB chunks leave little of an arena block
			      unused (256 places, 8 KB: 0.9 MB more on the 1 000-device snapshot) */

/* A zeroed route appended to the list *head..*tail: in the tail's chunk when it has room, else
 * first in a new chunk (the tail's link points at it). */
static tc_route *route_append(tc_model *m, tc_route **head, tc_route **tail)
{
	tc_route *t = *tail, *r;
	tc_route_link *link = t ? (tc_route_link *)(void *)(t + 1) : NULL;
	uint32_t cap = ROUTE_CHUNK_MIN, room;
	if (link && link->room) {
		cap = link->cap;
		room = link->room - 1;
		r = t + 1; /* in the link's place: the link moves one place on */
		t->chunk_end = false;
		memset(r, 0, sizeof *r);
	} else {
		if (link)
			cap = link->cap * 2 < ROUTE_CHUNK_MAX ? link->cap * 2 : ROUTE_CHUNK_MAX;
		r = tc_arena_alloc(m->arena, (cap + 1) * sizeof *r); /* the routes and a link */
		room = cap - 1;
		if (link)
			link->next = r;
		else
			*head = r;
	}
	r->chunk_end = true;
	*(tc_route_link *)(void *)(r + 1) = (tc_route_link){.next = NULL, .room = room, .cap = cap};
	*tail = r;
	return r;
}

tc_route *tc_route_add_shared(tc_model *m, tc_device *d, tc_route_origin origin, bool held,
			      tc_route_attr *at)
{
	tc_route *r;
	if (held) {
		r = route_append(m, &d->held, &d->held_tail);
	} else if (origin == TC_RT_CAPTURED) {
		r = route_append(m, &d->captured, &d->captured_tail);
		d->has_capture = true;
	} else if (origin >= TC_RT_OSPF) {
		r = route_append(m, &d->computed, &d->computed_tail);
	} else {
		r = route_append(m, &d->routes, &d->routes_tail);
	}
	r->origin = origin;
	r->distance = 1;
	r->attr = at;
	return r;
}

tc_route *tc_route_add(tc_model *m, tc_device *d, tc_route_origin origin)
{
	return tc_route_add_shared(m, d, origin, false,
				   tc_arena_alloc(m->arena, sizeof(tc_route_attr)));
}

tc_route *tc_route_add_held(tc_model *m, tc_device *d, tc_route_origin origin)
{
	return tc_route_add_shared(m, d, origin, true,
				   tc_arena_alloc(m->arena, sizeof(tc_route_attr)));
}

/* Grow an arena array of n elements of size sz to n + 1 (copying). */
static void *grow(tc_model *m, const void *v, size_t n, size_t sz)
{
	void *nv = tc_arena_alloc(m->arena, (n + 1) * sz);
	if (n)
		memcpy(nv, v, n * sz);
	return nv;
}

void tc_iface_add_secondary(tc_model *m, tc_iface *i, uint32_t addr, uint8_t plen)
{
	i->secondary = grow(m, i->secondary, i->nsecondary, sizeof *i->secondary);
	i->secondary[i->nsecondary].addr = addr;
	i->secondary[i->nsecondary].plen = plen;
	i->nsecondary++;
}

tc_acl *tc_acl_find(const tc_device *d, const char *name)
{
	if (d->lookup)
		return tc_index_acl_find(d, name);
	for (tc_acl *a = d->acls; a; a = a->next)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

tc_acl *tc_acl_get(tc_model *m, tc_device *d, const char *name)
{
	tc_acl *a = tc_acl_find(d, name);
	if (a)
		return a;
	a = tc_arena_alloc(m->arena, sizeof *a);
	a->name = tc_arena_strdup(m->arena, name);
	APPEND(d->acls, d->acls_tail, a);
	tc_index_acl_add(m, d, a);
	return a;
}

tc_ace *tc_ace_add(tc_model *m, tc_acl *acl)
{
	tc_ace *e = tc_arena_alloc(m->arena, sizeof *e);
	e->sport_hi = 65535;
	e->dport_hi = 65535;
	APPEND(acl->aces, acl->aces_tail, e);
	acl->naces++;
	return e;
}

tc_tset *tc_tset_add(tc_model *m, tc_device *d, const char *name)
{
	tc_tset *t = tc_arena_alloc(m->arena, sizeof *t);
	t->name = tc_arena_strdup(m->arena, name);
	APPEND(d->tsets, d->tsets_tail, t);
	tc_index_tset_add(m, d, t);
	return t;
}

tc_ikepol *tc_ikepol_add(tc_model *m, tc_device *d, unsigned prio, unsigned version)
{
	tc_ikepol *p = tc_arena_alloc(m->arena, sizeof *p);
	p->prio = prio;
	p->version = version;
	p->lifetime = 86400;
	APPEND(d->ikepols, d->ikepols_tail, p);
	return p;
}

tc_psk *tc_psk_add(tc_model *m, tc_device *d)
{
	tc_psk *k = tc_arena_alloc(m->arena, sizeof *k);
	APPEND(d->psks, d->psks_tail, k);
	return k;
}

/* The entry (map, seq) of d's static (dynamic false) or dynamic map entries,
 * created empty at the end of its list when it is not there yet. */
static tc_entry *entry_get(tc_model *m, tc_device *d, const char *map, unsigned seq, bool dynamic)
{
	tc_entry *e = tc_index_entry_find(d, map, seq, dynamic);
	if (e)
		return e;
	e = tc_arena_alloc(m->arena, sizeof *e);
	e->map = tc_arena_strdup(m->arena, map);
	e->seq = seq;
	e->default_peer = -1;
	e->ike_version = 1;
	e->dynamic = dynamic;
	if (dynamic)
		APPEND(d->dynentries, d->dynentries_tail, e);
	else
		APPEND(d->entries, d->entries_tail, e);
	tc_index_entry_add(m, d, e, dynamic);
	return e;
}

tc_entry *tc_entry_get(tc_model *m, tc_device *d, const char *map, unsigned seq)
{
	return entry_get(m, d, map, seq, false);
}

tc_entry *tc_dynentry_get(tc_model *m, tc_device *d, const char *map, unsigned seq)
{
	return entry_get(m, d, map, seq, true);
}

tc_ikeprof *tc_ikeprof_find(const tc_device *d, const char *name, unsigned version)
{
	for (tc_ikeprof *p = d->ikeprofs; p; p = p->next)
		if (p->version == version && strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

tc_ikeprof *tc_ikeprof_get(tc_model *m, tc_device *d, const char *name, unsigned version)
{
	tc_ikeprof *p = tc_ikeprof_find(d, name, version);
	if (p)
		return p;
	p = tc_arena_alloc(m->arena, sizeof *p);
	p->name = tc_arena_strdup(m->arena, name);
	p->version = version;
	APPEND(d->ikeprofs, d->ikeprofs_tail, p);
	return p;
}

void tc_ikeprof_add_match(tc_model *m, tc_ikeprof *p, tc_prefix peer)
{
	p->match = grow(m, p->match, p->nmatch, sizeof *p->match);
	p->match[p->nmatch++] = peer;
}

tc_ikev2pol *tc_ikev2pol_get(tc_model *m, tc_device *d, const char *name)
{
	for (tc_ikev2pol *p = d->ikev2pols; p; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p;
	tc_ikev2pol *p = tc_arena_alloc(m->arena, sizeof *p);
	p->name = tc_arena_strdup(m->arena, name);
	APPEND(d->ikev2pols, d->ikev2pols_tail, p);
	return p;
}

void tc_ikev2pol_add_prop(tc_model *m, tc_ikev2pol *p, const char *prop)
{
	p->props = grow(m, p->props, p->nprops, sizeof *p->props);
	p->props[p->nprops++] = tc_arena_strdup(m->arena, prop);
}

void tc_ikev2pol_add_local(tc_model *m, tc_ikev2pol *p, uint32_t addr)
{
	p->locals = grow(m, p->locals, p->nlocals, sizeof *p->locals);
	p->locals[p->nlocals++] = addr;
}

void tc_ikeprof_add_match_id(tc_model *m, tc_ikeprof *p, tc_ikeid id)
{
	p->match_ids = grow(m, p->match_ids, p->nmatch_ids, sizeof *p->match_ids);
	p->match_ids[p->nmatch_ids++] = id;
}

tc_trustpoint *tc_trustpoint_add(tc_model *m, tc_device *d, const char *name)
{
	tc_trustpoint *t = tc_arena_alloc(m->arena, sizeof *t);
	t->name = tc_arena_strdup(m->arena, name);
	APPEND(d->trustpoints, d->trustpoints_tail, t);
	return t;
}

tc_tgroup *tc_tgroup_add(tc_model *m, tc_device *d, const char *name)
{
	tc_tgroup *g = tc_arena_alloc(m->arena, sizeof *g);
	g->name = tc_arena_strdup(m->arena, name);
	APPEND(d->tgroups, d->tgroups_tail, g);
	return g;
}

tc_nat *tc_nat_add(tc_model *m, tc_device *d)
{
	tc_nat *n = tc_arena_alloc(m->arena, sizeof *n);
	n->section = 1;
	APPEND(d->nats, d->nats_tail, n);
	return n;
}

const tc_name *tc_name_find(const tc_device *d, const char *s, size_t n)
{
	return tc_index_name_find(d, s, n);
}

void tc_linestats_add(tc_linestats *sum, const tc_linestats *s)
{
	sum->lines += s->lines;
	sum->modelled += s->modelled;
	sum->skipped += s->skipped;
	sum->unknown += s->unknown;
	sum->malformed += s->malformed;
	sum->rel_lines += s->rel_lines;
	sum->rel_modelled += s->rel_modelled;
	sum->rel_skipped += s->rel_skipped;
	sum->rel_unknown += s->rel_unknown;
	sum->rel_malformed += s->rel_malformed;
}

tc_name *tc_name_add(tc_model *m, tc_device *d, const char *name, uint32_t addr)
{
	tc_name *a = (tc_name *)tc_name_find(d, name, strlen(name));
	if (!a) {
		a = tc_arena_alloc(m->arena, sizeof *a);
		a->name = tc_arena_strdup(m->arena, name);
		APPEND(d->names, d->names_tail, a);
		tc_index_name_add(m, d, a);
	}
	a->addr = addr;
	return a;
}

tc_iface *tc_iface_find(const tc_device *d, const char *name)
{
	return tc_index_iface_named(d, name);
}

/* name split as IOS reads an interface name: its type (the letters before the first digit)
 * and its number (the rest, blanks removed: "GigabitEthernet 0/1" is GigabitEthernet0/1). */
static void iface_split(const char *name, char *type, size_t tn, char *num, size_t nn)
{
	size_t t = 0, k = 0;
	for (; *name && !isdigit((unsigned char)*name); name++)
		if (*name != ' ' && t + 1 < tn)
			type[t++] = *name;
	for (; *name; name++)
		if (*name != ' ' && k + 1 < nn)
			num[k++] = *name;
	type[t] = num[k] = '\0';
}

const tc_iface *tc_iface_abbrev(const tc_device *d, const char *name, bool *ambiguous)
{
	*ambiguous = false;
	const tc_iface *exact = tc_iface_find(d, name);
	if (exact)
		return exact;
	char type[64], num[64];
	iface_split(name, type, sizeof type, num, sizeof num);
	if (!type[0] || !num[0])
		return NULL;
	const tc_iface *found = NULL;
	for (const tc_iface *i = d->ifaces; i; i = i->next) {
		char itype[64], inum[64];
		iface_split(i->name, itype, sizeof itype, inum, sizeof inum);
		if (strcmp(num, inum) != 0 || strncasecmp(itype, type, strlen(type)) != 0)
			continue;
		if (found) {
			*ambiguous = true;
			return NULL;
		}
		found = i;
	}
	return found;
}

const tc_device *tc_device_find(const tc_model *m, const char *hostname)
{
	if (m->finalized) { /* m->devs is sorted by hostname, duplicates dropped */
		size_t lo = 0, hi = m->ndevs;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(m->devs[mid]->hostname, hostname);
			if (c == 0)
				return m->devs[mid];
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return NULL;
	}
	for (const tc_device *d = m->devices; d; d = d->next)
		if (d->hostname && strcmp(d->hostname, hostname) == 0)
			return d;
	return NULL;
}

const tc_device *tc_device_by_addr(const tc_model *m, uint32_t ip, const tc_iface **iface_out)
{
	if (m->addrs)
		return tc_index_device_by_addr(m, ip, iface_out);
	for (const tc_device *d = m->devices; d; d = d->next)
		for (const tc_iface *i = d->ifaces; i; i = i->next)
			if (i->has_addr && !i->shutdown && i->addr == ip) {
				if (iface_out)
					*iface_out = i;
				return d;
			}
	return NULL;
}

/* ---- finalize ------------------------------------------------------------ */

static int cmp_dev(const void *a, const void *b)
{
	const tc_device *x = *(const tc_device *const *)a, *y = *(const tc_device *const *)b;
	return strcmp(x->hostname, y->hostname);
}

static int cmp_entry(const void *a, const void *b)
{
	const tc_entry *x = *(const tc_entry *const *)a, *y = *(const tc_entry *const *)b;
	int c = strcmp(x->map, y->map);
	if (c)
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int cmp_ikepol(const void *a, const void *b)
{
	const tc_ikepol *x = *(const tc_ikepol *const *)a, *y = *(const tc_ikepol *const *)b;
	if (x->version != y->version)
		return x->version < y->version ? -1 : 1;
	return (x->prio > y->prio) - (x->prio < y->prio);
}

static int cmp_str_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_diag(const void *a, const void *b)
{
	const tc_diag *x = *(const tc_diag *const *)a, *y = *(const tc_diag *const *)b;
	int c = cmp_str_null(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

/* Sort a singly linked list through a temporary array; qsort is not stable,
 * so comparators must be total where order matters. */
#define SORT_LIST(m, type, head, tail, cmp)                                                        \
	do {                                                                                       \
		size_t n_ = 0;                                                                     \
		for (type *x_ = (head); x_; x_ = x_->next)                                         \
			n_++;                                                                      \
		if (n_ < 2)                                                                        \
			break;                                                                     \
		type **v_ = tc_arena_alloc((m)->arena, n_ * sizeof *v_);                           \
		size_t k_ = 0;                                                                     \
		for (type *x_ = (head); x_; x_ = x_->next)                                         \
			v_[k_++] = x_;                                                             \
		qsort(v_, n_, sizeof *v_, cmp);                                                    \
		for (k_ = 0; k_ + 1 < n_; k_++)                                                    \
			v_[k_]->next = v_[k_ + 1];                                                 \
		v_[n_ - 1]->next = NULL;                                                           \
		(head) = v_[0];                                                                    \
		(tail) = v_[n_ - 1];                                                               \
	} while (0)

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int cmp_dev_position(const void *a, const void *b)
{
	const tc_device *x = *(const tc_device *const *)a, *y = *(const tc_device *const *)b;
	int c = strcmp(x->hostname, y->hostname);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

static void name_devices(tc_model *m)
{
	for (tc_device *d = m->devices; d; d = d->next)
		if (!d->hostname) {
			d->hostname = tc_text_clean(tc_arena_strdup(m->arena, base_name(d->file)));
			tc_model_diag(m, d->file, 0, 0, TC_SEV_WARNING, "missing-hostname", NULL,
				      "no hostname line; device named after its file: %s",
				      d->hostname);
		}
	/* drop later duplicates: a hostname names exactly one device. Sorted by
	 * (hostname, position), each device after the first of its name is one. */
	size_t n = 0;
	for (tc_device *d = m->devices; d; d = d->next)
		n++;
	if (n < 2)
		return;
	tc_device **v = tc_xmalloc(n * sizeof *v);
	bool *dup = tc_xcalloc(n, sizeof *dup);
	size_t k = 0;
	for (tc_device *d = m->devices; d; d = d->next, k++) {
		d->index = (unsigned)k; /* list position; finalize renumbers */
		v[k] = d;
	}
	qsort(v, n, sizeof *v, cmp_dev_position);
	for (size_t first = 0, j = 1; j < n; j++) {
		if (strcmp(v[j]->hostname, v[first]->hostname) != 0) {
			first = j;
			continue;
		}
		dup[v[j]->index] = true;
		tc_model_diag(m, v[j]->file, 0, 0, TC_SEV_ERROR, "duplicate-hostname", NULL,
			      "hostname %s is already used by %s; this file is ignored",
			      v[j]->hostname, v[first]->file);
	}
	tc_device *prev = NULL;
	for (tc_device *d = m->devices; d;) {
		tc_device *next = d->next;
		if (dup[d->index]) {
			if (prev)
				prev->next = next;
			else
				m->devices = next;
			if (m->devices_tail == d)
				m->devices_tail = prev;
		} else {
			prev = d;
		}
		d = next;
	}
	free(v);
	free(dup);
}

tc_tset *tc_tset_find(const tc_device *d, const char *name)
{
	return tc_index_tset_find(d, name);
}

/* The map names of an entry list sorted by cmp_entry, to ask by binary search whether a map
 * has entries: a head-end applies thousands of maps, and a scan per question was quadratic.
 * Free v. */
typedef struct map_names {
	const char **v;
	size_t n;
} map_names;

static map_names map_names_of(const tc_entry *sorted)
{
	map_names s = {0};
	for (const tc_entry *e = sorted; e; e = e->next)
		s.n++;
	s.v = tc_xmalloc((s.n + 1) * sizeof *s.v);
	s.n = 0;
	for (const tc_entry *e = sorted; e; e = e->next)
		s.v[s.n++] = e->map;
	return s;
}

static int cmp_map_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static bool map_names_has(const map_names *s, const char *map)
{
	return bsearch(map, s->v, s->n, sizeof *s->v, cmp_map_name) != NULL;
}

static int cmp_nat(const void *a, const void *b)
{
	const tc_nat *x = *(const tc_nat *const *)a, *y = *(const tc_nat *const *)b;
	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* Dynamic map entries, NAT rules and the references to them. */
static void resolve_extras(tc_model *m, tc_device *d)
{
	SORT_LIST(m, tc_entry, d->dynentries, d->dynentries_tail, cmp_entry);
	for (tc_entry *e = d->dynentries; e; e = e->next) {
		if (e->acl_name && !(e->acl = tc_acl_find(d, e->acl_name)))
			tc_model_diag(
				m, e->file, e->line, 0, TC_SEV_ERROR, "undefined-acl", NULL,
				"dynamic map %s %u matches access list %s, which is not defined",
				e->map, e->seq, e->acl_name);
		for (unsigned i = 0; i < e->ntsets; i++)
			if (!(e->tsets[i] = tc_tset_find(d, e->tset_names[i])))
				tc_model_diag(
					m, e->file, e->line, 0, TC_SEV_ERROR,
					"undefined-transform-set", NULL,
					"dynamic map %s %u uses transform set %s, which is not "
					"defined",
					e->map, e->seq, e->tset_names[i]);
	}
	map_names dyn = map_names_of(d->dynentries);
	for (const tc_entry *e = d->entries; e; e = e->next) {
		bool found = !e->dynamic || !e->dynmap || map_names_has(&dyn, e->dynmap);
		if (!found)
			tc_model_diag(m, e->file, e->line, 0, TC_SEV_WARNING,
				      "undefined-dynamic-map", NULL,
				      "crypto map %s %u refers to dynamic map %s, which has no "
				      "entries",
				      e->map, e->seq, e->dynmap);
	}
	free(dyn.v);
	SORT_LIST(m, tc_nat, d->nats, d->nats_tail, cmp_nat);
	for (tc_nat *n = d->nats; n; n = n->next)
		if (n->acl_name && !(n->acl = tc_acl_find(d, n->acl_name)))
			tc_model_diag(
				m, n->file, n->line, 0, TC_SEV_ERROR, "undefined-acl", NULL,
				"NAT rule selects traffic by access list %s, which is not defined",
				n->acl_name);
}

/* A template's stand-in for an address (`<peer-ip>`, `x.x.x.x`, `A.B.C.D`): four dotted
 * fields of digits or place letters, or anything in angle or curly brackets. A documentation
 * address (`1.1.1.1`) is an address, and a host name with dots is a host name. */
static bool is_placeholder(const char *s)
{
	if (strpbrk(s, "<>{}"))
		return true;
	unsigned fields = 0;
	for (const char *f = s;; f++) {
		size_t n = strcspn(f, ".");
		bool digits = n > 0 && strspn(f, "0123456789") >= n;
		bool letter = n == 1 && strchr("xXyYzZnNaAbBcCdD", *f);
		bool xs = n > 0 && n <= 3 && (strspn(f, "x") >= n || strspn(f, "X") >= n);
		if (!digits && !letter && !xs)
			return false;
		fields++;
		f += n;
		if (!*f)
			break;
	}
	return fields == 4;
}

/* The peers of e again from peer_names, in order, now that `ip host` names resolve:
 * addresses, resolved names; the default peer kept (or given by a resolved name). */
static void rebuild_peers(tc_entry *e, const uint32_t *named_ip)
{
	uint32_t dflt = e->default_peer >= 0 ? e->peers[e->default_peer] : 0;
	bool has_dflt = e->default_peer >= 0;
	e->npeers = 0;
	e->default_peer = -1;
	const tc_peer_name *n = e->named;
	for (unsigned k = 0; k < e->npeer_names; k++) {
		uint32_t ip = 0;
		bool ok = tc_ip_parse(&ip, e->peer_names[k], strlen(e->peer_names[k])) == 0;
		bool want_default = has_dflt && ok && ip == dflt;
		if (n && n->index == k) {
			ok = named_ip[k] != 0;
			ip = named_ip[k];
			want_default = n->is_default && ok;
			n = n->next;
		}
		bool dup = false;
		for (unsigned j = 0; j < e->npeers; j++)
			dup |= e->peers[j] == ip;
		if (!ok || dup)
			continue;
		if (want_default && e->default_peer < 0)
			e->default_peer = (int)e->npeers;
		e->peers[e->npeers++] = ip;
	}
}

/* The host names of e's peers: resolved through `ip host`, else reported (a template's
 * placeholder once per device). */
static void resolve_named_peers(tc_model *m, tc_device *d, tc_entry *e)
{
	uint32_t named_ip[TC_MAX_PEERS] = {0};
	bool any = false;
	for (tc_peer_name *n = e->named; n; n = n->next) {
		/* `dynamic` too: the resolver reads the `ip host` table before asking DNS */
		const tc_name *a = tc_name_find(d, n->name, strlen(n->name));
		if (!a) /* IOS host names ignore case */
			a = tc_index_name_find_nocase(d, n->name);
		if (a) {
			n->addr = named_ip[n->index] = a->addr;
			any = true;
		} else if (n->dynamic)
			tc_model_diag(
				m, n->file, n->line, n->col, TC_SEV_NOTE, "dynamic-peer", NULL,
				"peer named %s, address unknown: `set peer %s dynamic` is "
				"resolved by DNS when the tunnel is set up, outside the "
				"snapshot, and no `ip host` line names it; listed, not predicted",
				n->name, n->name);
		else if (is_placeholder(n->name)) {
			bool seen = false;
			for (const tc_entry *o = d->entries; o != e && !seen; o = o->next)
				for (const tc_peer_name *p = o->named; p && !seen; p = p->next)
					seen = strcmp(p->name, n->name) == 0;
			if (!seen)
				tc_model_diag(m, n->file, n->line, n->col, TC_SEV_WARNING,
					      "placeholder-peer", NULL,
					      "peer %s is a template placeholder, not an address: "
					      "fill in the peer's address; not predicted",
					      n->name);
		} else
			tc_model_diag(m, n->file, n->line, n->col, TC_SEV_WARNING,
				      "unresolved-peer", NULL,
				      "peer named %s, address unknown: no `ip host` line resolves "
				      "it; listed, not predicted",
				      n->name);
	}
	if (any)
		rebuild_peers(e, named_ip);
}

static void resolve_device(tc_model *m, tc_device *d)
{
	resolve_extras(m, d);
	tc_tunnels_resolve(m, d);
	if (d->ike_id.kind == TC_ID_FQDN && !d->ike_id.name) /* `identity hostname` */
		d->ike_id.name =
			d->domain ? tc_arena_printf(m->arena, "%s.%s", d->hostname, d->domain)
				  : d->hostname;
	SORT_LIST(m, tc_entry, d->entries, d->entries_tail, cmp_entry);
	SORT_LIST(m, tc_ikepol, d->ikepols, d->ikepols_tail, cmp_ikepol);
	for (tc_entry *e = d->entries; e; e = e->next) {
		if (e->acl_name) {
			e->acl = tc_acl_find(d, e->acl_name);
			if (!e->acl)
				tc_model_diag(
					m, e->file, e->line, 0, TC_SEV_ERROR, "undefined-acl", NULL,
					"crypto map %s %u matches access list %s, which is not defined",
					e->map, e->seq, e->acl_name);
		} else if (!e->dynamic) {
			tc_model_diag(m, e->file, e->line, 0, TC_SEV_ERROR, "missing-match-address",
				      NULL, "crypto map %s %u has no match address", e->map,
				      e->seq);
		}
		resolve_named_peers(m, d, e);
		/* a peer by name (above) or IPv6 address (parser) is reported with what is known of it */
		if (!e->dynamic && e->npeers == 0 && e->npeer_names == 0)
			tc_model_diag(m, e->file, e->line, 0, TC_SEV_ERROR, "missing-peer", NULL,
				      "crypto map %s %u has no set peer", e->map, e->seq);
		for (unsigned i = 0; i < e->ntsets; i++) {
			e->tsets[i] = tc_tset_find(d, e->tset_names[i]);
			if (!e->tsets[i])
				tc_model_diag(
					m, e->file, e->line, 0, TC_SEV_ERROR,
					"undefined-transform-set", NULL,
					"crypto map %s %u uses transform set %s, which is not defined",
					e->map, e->seq, e->tset_names[i]);
		}
	}
	map_names maps = map_names_of(d->entries); /* sorted above */
	for (tc_iface *i = d->ifaces; i; i = i->next)
		if (i->cmap && !map_names_has(&maps, i->cmap))
			tc_model_diag(m, i->file, i->line, 0, TC_SEV_WARNING,
				      "undefined-crypto-map", NULL,
				      "interface %s applies crypto map %s, which has no entries",
				      i->name, i->cmap);
	free(maps.v);
}

static int cmp_link_end(const void *a, const void *b)
{
	const tc_link_end *x = a, *y = b;
	int c = strcmp(x->device->hostname, y->device->hostname);
	return c ? c : strcmp(x->iface->name, y->iface->name);
}

/* One addressed interface and its subnet, to group by subnet. */
typedef struct if_net {
	tc_prefix net;
	tc_link_end end;
} if_net;

static int cmp_if_net(const void *a, const void *b)
{
	const if_net *x = a, *y = b;
	int c = tc_prefix_cmp(x->net, y->net);
	return c ? c : cmp_link_end(&x->end, &y->end);
}

/* Interfaces sorted by (subnet, hostname, name): each run of two or more
 * is a link. Linear memory and n log n time: a snapshot of thousands of
 * interfaces must not cost their square. */
static void build_links(tc_model *m)
{
	size_t nif = 0;
	for (size_t k = 0; k < m->ndevs; k++)
		for (const tc_iface *i = m->devs[k]->ifaces; i; i = i->next)
			nif++;
	if_net *v = tc_arena_alloc(m->arena, (nif + 1) * sizeof *v);
	size_t n = 0;
	for (size_t k = 0; k < m->ndevs; k++)
		for (const tc_iface *i = m->devs[k]->ifaces; i; i = i->next)
			if (i->has_addr && !i->shutdown && i->plen < 31)
				v[n++] =
					(if_net){tc_prefix_make(i->addr, i->plen), {m->devs[k], i}};
	qsort(v, n, sizeof *v, cmp_if_net);
	size_t nl = 0;
	for (size_t j = 0; j < n;) {
		size_t e = j + 1;
		while (e < n && tc_prefix_cmp(v[e].net, v[j].net) == 0)
			e++;
		nl += e - j >= 2;
		j = e;
	}
	tc_link *links = tc_arena_alloc(m->arena, (nl + 1) * sizeof *links);
	size_t out = 0;
	for (size_t j = 0; j < n;) {
		size_t e = j + 1;
		while (e < n && tc_prefix_cmp(v[e].net, v[j].net) == 0)
			e++;
		if (e - j >= 2) {
			tc_link *l = &links[out++];
			l->subnet = v[j].net;
			l->nends = e - j;
			l->ends = tc_arena_alloc(m->arena, l->nends * sizeof *l->ends);
			for (size_t k = j; k < e; k++)
				l->ends[k - j] = v[k].end;
		}
		j = e;
	}
	m->links = links;
	m->nlinks = out;
}

/* ---- the devices on threads ----------------------------------------------
 * resolve_device and tc_fib_build change only their device, and use the
 * model only for its arena and its diagnostics. On threads, each device is
 * finalized against a stand-in model: its thread's arena (as the loader's
 * threads have one each) and a diagnostics list of the device's own. Then
 * the lists are appended in device order, the order one thread adds them
 * in, and the arenas adopted: the same model as one thread builds. */

typedef struct dev_diags {
	tc_diag *head, *tail;
	size_t n[3];
} dev_diags;

typedef struct finalize_job {
	tc_model *m;
	void (*step)(tc_model *m, tc_device *d);
	dev_diags *diags;  /* per device of m->devs */
	tc_arena **arenas; /* per worker */
} finalize_job;

static void finalize_device(tc_model *m, tc_device *d)
{
	tc_index_ifnames_build(m, d);
	resolve_device(m, d);
	tc_index_psks_build(m, d);
	tc_index_peer_entries_build(m, d);
}

static void finalize_fib(tc_model *m, tc_device *d)
{
	tc_fib_build(m, d);
}

/* Device k against a stand-in model: the worker's arena, the device's diagnostics. */
static void finalize_item(void *payload, unsigned worker, size_t k)
{
	finalize_job *job = payload;
	tc_model part = {.arena = job->arenas[worker]};
	job->step(&part, job->m->devs[k]);
	job->diags[k] = (dev_diags){
		part.diags, part.diags_tail, {part.ndiags[0], part.ndiags[1], part.ndiags[2]}};
}

/* Every device of m->devs on up to `threads` threads (this one among them). */
static void finalize_parallel(tc_model *m, unsigned threads,
			      void (*step)(tc_model *m, tc_device *d))
{
	finalize_job job = {.m = m,
			    .step = step,
			    .diags = tc_xcalloc(m->ndevs, sizeof *job.diags),
			    .arenas = tc_xcalloc(threads, sizeof *job.arenas)};
	for (unsigned t = 0; t < threads; t++)
		if (!(job.arenas[t] = tc_arena_new()))
			tc_oom();
	tc_par_for(threads, m->ndevs, 1, finalize_item, &job);
	for (size_t k = 0; k < m->ndevs; k++) {
		const dev_diags *dd = &job.diags[k];
		if (!dd->head)
			continue;
		if (m->diags_tail)
			m->diags_tail->next = dd->head;
		else
			m->diags = dd->head;
		m->diags_tail = dd->tail;
		for (int s = 0; s < 3; s++)
			m->ndiags[s] += dd->n[s];
	}
	for (unsigned t = 0; t < threads; t++)
		tc_arena_adopt(m->arena, job.arenas[t]);
	free(job.diags);
	free(job.arenas);
}

int tc_model_finalize(tc_model *m)
{
	return tc_model_finalize_jobs(m, 1);
}

int tc_model_finalize_jobs(tc_model *m, unsigned jobs)
{
	if (m->finalized)
		return 0;
	/* lifted while devices are finalized, on threads or not, and applied to the sorted
	 * list at the end: the same diagnostics kept with any -j (diagcap.c) */
	unsigned max_diags = m->max_diags;
	m->max_diags = 0;
	name_devices(m);
	SORT_LIST(m, tc_device, m->devices, m->devices_tail, cmp_dev);
	m->ndevs = 0;
	for (tc_device *d = m->devices; d; d = d->next)
		m->ndevs++;
	m->devs = tc_arena_alloc(m->arena, (m->ndevs + 1) * sizeof *m->devs);
	size_t k = 0;
	for (tc_device *d = m->devices; d; d = d->next) {
		d->index = (unsigned)k;
		m->devs[k++] = d;
	}
	unsigned threads = jobs < m->ndevs ? jobs : (unsigned)m->ndevs;
	if (threads < 2)
		for (k = 0; k < m->ndevs; k++)
			finalize_device(m, m->devs[k]);
	else
		finalize_parallel(m, threads, finalize_device);
	build_links(m);
	tc_index_addrs_build(m);
	/* the routing protocols need the links; the FIBs need what they compute */
	tc_routing_compute(m, jobs);
	if (threads < 2)
		for (k = 0; k < m->ndevs; k++)
			finalize_fib(m, m->devs[k]);
	else
		finalize_parallel(m, threads, finalize_fib);
	m->max_diags = max_diags;
	SORT_LIST(m, tc_diag, m->diags, m->diags_tail, cmp_diag);
	tc_model_diag_finish(m);
	m->finalized = true;
	return 0;
}
