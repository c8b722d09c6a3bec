/* common.c: grammar both dialects share: addresses, objects, ACL lines, crypto pieces.
 *
 * The dialect files (ios.c, asa.c) own the command tables and the line
 * shapes that differ; what both dialects spell the same way lives here. */
#include "parser_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- small helpers ---------------------------------------------------------- */

char *tc_p_dup(tc_pstate *st, const tc_line *ln, size_t i)
{
	return tc_arena_strndup(st->m->arena, ln->tok[i].p, ln->tok[i].len);
}

const intern_node *tc_p_intern_node(tc_pstate *st, intern_tab *tab, tc_tok t)
{
	intern_node *x = intern_tab_find(tab, t);
	if (x)
		return x;
	x = tc_arena_alloc(st->ctx->scratch, sizeof *x);
	x->t = (tc_tok){tc_arena_strndup(st->m->arena, t.p, t.len), t.len};
	x->id = (unsigned)tab->count + 1;
	intern_tab_insert(tab, x);
	return x;
}

const char *tc_p_intern(tc_pstate *st, const tc_line *ln, size_t i)
{
	return tc_p_intern_node(st, &st->names, ln->tok[i])->t.p;
}

/* Only descriptions take the rest of a line: it is made printable (tc_text_clean()). */
char *tc_p_rest(tc_pstate *st, const tc_line *ln, size_t i)
{
	if (i >= ln->ntok)
		return tc_arena_strdup(st->m->arena, "");
	const char *s = ln->tok[i].p;
	return tc_text_clean(tc_arena_strndup(st->m->arena, s, (size_t)(ln->p + ln->len - s)));
}

bool tc_p_name_eq(const char *name, const tc_tok *t)
{
	return strlen(name) == t->len && memcmp(name, t->p, t->len) == 0;
}

void tc_alias_add(tc_pstate *st, const tc_tok *name, uint32_t addr)
{
	char nm[256];
	tc_name *n = tc_name_add(st->m, st->dev, tc_tok_str(nm, sizeof nm, name), addr);
	n->file = st->file;
	n->line = st->ln->no;
	tc_alias *a = tc_alias_tab_find(&st->aliases, *name);
	if (a) {
		a->addr = addr;
		return;
	}
	a = tc_arena_alloc(st->ctx->scratch, sizeof *a);
	a->name = tc_arena_strndup(st->ctx->scratch, name->p, name->len);
	a->namelen = name->len;
	a->addr = addr;
	tc_alias_tab_insert(&st->aliases, a);
}

bool tc_p_ip(tc_pstate *st, const tc_tok *t, uint32_t *out)
{
	if (tc_p_quad_st(st, t->p, t->len, out))
		return true;
	const tc_alias *a = tc_alias_tab_find(&st->aliases, *t);
	if (a)
		*out = a->addr;
	return a != NULL;
}

bool tc_p_netmask(tc_pstate *st, const tc_line *ln, size_t i, tc_prefix *out)
{
	uint32_t ip;
	if (i >= ln->ntok || !tc_p_ip(st, &ln->tok[i], &ip)) {
		tc_p_bad(st, i, "expected an IPv4 address");
		return false;
	}
	return tc_p_netmask_of(st, ln, i, ip, out);
}

bool tc_p_netmask_of(tc_pstate *st, const tc_line *ln, size_t i, uint32_t ip, tc_prefix *out)
{
	uint32_t mask;
	uint8_t len;
	if (i + 1 >= ln->ntok || !tc_p_quad_st(st, ln->tok[i + 1].p, ln->tok[i + 1].len, &mask)) {
		tc_p_bad(st, i + 1, "expected a netmask");
		return false;
	}
	if (!tc_p_mask_len(mask, &len)) {
		tc_p_bad(st, i + 1, "netmask is not contiguous");
		return false;
	}
	*out = tc_prefix_make(ip, len);
	return true;
}

/* ---- objects and object-groups ------------------------------------------------ */

void *tc_p_grow(tc_pstate *st, void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	size_t c = *cap ? *cap * 2 : 4;
	void *nv = tc_arena_alloc(st->ctx->scratch, c * size);
	if (n)
		memcpy(nv, v, n * size);
	*cap = c;
	return nv;
}

tc_pobj *tc_obj_find(tc_pstate *st, const tc_tok *name)
{
	return tc_pobj_tab_find(&st->objs, *name);
}

tc_pobj *tc_obj_get(tc_pstate *st, const tc_tok *name, unsigned kind)
{
	tc_pobj *o = tc_obj_find(st, name);
	if (o && o->kind == kind)
		return o;
	/* new, or redefined with another kind: the newest definition shadows */
	o = tc_arena_alloc(st->ctx->scratch, sizeof *o);
	o->name = tc_arena_strndup(st->ctx->scratch, name->p, name->len);
	o->namelen = name->len;
	o->kind = kind;
	o->line = st->ln->no;
	tc_pobj_tab_insert(&st->objs, o);
	return o;
}

void tc_obj_add(tc_pstate *st, tc_pobj *o, tc_prefix p)
{
	if (o->n <= 4096) /* nested groups may repeat members; keep each once */
		for (size_t k = 0; k < o->n; k++)
			if (tc_prefix_cmp(o->v[k], p) == 0)
				return;
	o->v = tc_p_grow(st, o->v, o->n, &o->cap, sizeof *o->v);
	o->v[o->n++] = p;
}

bool tc_obj_add_range(tc_pstate *st, tc_pobj *o, uint32_t lo, uint32_t hi)
{
	tc_prefix tmp[TC_MAX_RANGE_PFX];
	size_t n = 0;
	uint64_t l = lo, h = hi;
	while (l <= h) {
		unsigned bits = 0;
		while (bits < 32) {
			uint64_t sz = 1ull << (bits + 1);
			if ((l & (sz - 1)) != 0 || l + sz - 1 > h)
				break;
			bits++;
		}
		if (n == TC_MAX_RANGE_PFX)
			return false;
		tmp[n++] = tc_prefix_make((uint32_t)l, (uint8_t)(32 - bits));
		l += 1ull << bits;
	}
	for (size_t k = 0; k < n; k++)
		tc_obj_add(st, o, tmp[k]);
	return true;
}

static const char *kind_name(unsigned kind)
{
	switch (kind) {
	case TC_OBJ_NET:
		return "network object";
	case TC_OBJ_NETGRP:
		return "network object-group";
	case TC_OBJ_SVC:
		return "service object";
	case TC_OBJ_SVCGRP:
		return "service object-group";
	default:
		return "object-group of another type";
	}
}

int tc_p_objref(tc_pstate *st, const tc_line *ln, size_t i, bool group, tc_aset *out)
{
	if (i + 1 >= ln->ntok) {
		tc_p_bad(st, i + 1, "expected an object name");
		return TC_EPARSE;
	}
	const tc_tok *name = &ln->tok[i + 1];
	char nm[128];
	tc_tok_str(nm, sizeof nm, name);
	unsigned want = group ? TC_OBJ_NETGRP : TC_OBJ_NET;
	tc_pobj *o = tc_obj_find(st, name);
	if (!o) {
		tc_p_diag(st, i + 1, TC_SEV_ERROR, "undefined-object",
			  "%s %s is not defined; line skipped", group ? "object-group" : "object",
			  nm);
		return TC_EPARSE;
	}
	if (o->kind != want) {
		tc_p_diag(st, i + 1, TC_SEV_ERROR, "undefined-object",
			  "%s is a %s, not a %s; line skipped", nm, kind_name(o->kind),
			  kind_name(want));
		return TC_EPARSE;
	}
	if (o->n == 0) {
		if (o->unmodelled)
			tc_p_diag(st, i + 1, TC_SEV_WARNING, "unsupported",
				  "%s has no IPv4 address tunnelcast can model; line skipped", nm);
		else
			tc_p_diag(st, i + 1, TC_SEV_NOTE, "empty-object",
				  "%s holds no IPv4 address; line skipped", nm);
		return TC_EPARSE;
	}
	out->v = o->v;
	out->n = o->n;
	return 0;
}

int tc_p_obj_open(tc_pstate *st, const tc_line *ln, size_t at, unsigned kind, const tc_cmdtab *tab)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected %s name",
			 kind == TC_OBJ_NET || kind == TC_OBJ_SVC ? "an object"
								  : "an object-group");
		return 0;
	}
	st->obj = tc_obj_get(st, &ln->tok[at], kind);
	tc_p_push(st, tab, NULL);
	return 0;
}

static bool tok_v6(const tc_tok *t)
{
	return memchr(t->p, ':', t->len) != NULL;
}

static void include_obj(tc_pstate *st, const tc_line *ln, size_t i, unsigned kind)
{
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected an object name");
		return;
	}
	tc_pobj *o = tc_obj_find(st, &ln->tok[i]);
	if (!o || o->kind != kind) {
		char nm[128];
		tc_p_diag(st, i, TC_SEV_ERROR, "undefined-object",
			  "%s %s is not defined; member skipped", kind_name(kind),
			  tc_tok_str(nm, sizeof nm, &ln->tok[i]));
		return;
	}
	if (o == st->obj)
		return;
	for (size_t k = 0; k < o->n; k++)
		tc_obj_add(st, st->obj, o->v[k]);
	for (size_t k = 0; k < o->nsvc; k++)
		tc_p_svc_add(st, st->obj, &o->svc[k]);
	st->obj->unmodelled |= o->unmodelled;
}

int tc_h_og_netobj(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* network-object host A | A MASK | object NAME | IPv6 */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a network object");
		return 0;
	}
	const tc_tok *t = &ln->tok[at];
	if (tc_tok_is(t, "object")) {
		include_obj(st, ln, at + 1, TC_OBJ_NET);
		return 0;
	}
	if (tok_v6(t) || (tc_tok_is(t, "host") && at + 1 < ln->ntok && tok_v6(&ln->tok[at + 1])))
		return 0;
	tc_prefix p;
	uint32_t ip;
	if (tc_tok_is(t, "host")) {
		if (at + 1 >= ln->ntok || !tc_p_ip(st, &ln->tok[at + 1], &ip)) {
			tc_p_bad(st, at + 1, "expected a host address");
			return 0;
		}
		p = tc_prefix_make(ip, 32);
	} else if (!tc_p_netmask(st, ln, at, &p)) {
		return 0;
	}
	tc_obj_add(st, st->obj, p);
	return 0;
}

int tc_h_og_group(tc_pstate *st, const tc_line *ln, size_t at)
{
	include_obj(st, ln, at, st->obj->kind); /* a group includes groups of its own kind */
	return 0;
}

/* ---- interfaces --------------------------------------------------------------- */

tc_iface *tc_p_iface_open(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an interface name");
		return NULL;
	}
	char name[256];
	tc_tok_str(name, sizeof name, &ln->tok[at]);
	/* "interface GigabitEthernet 0/1" is the same as GigabitEthernet0/1 */
	if (at + 1 < ln->ntok && ln->tok[at + 1].p[0] >= '0' && ln->tok[at + 1].p[0] <= '9') {
		size_t k = strlen(name);
		snprintf(name + k, sizeof name - k, "%.*s", (int)ln->tok[at + 1].len,
			 ln->tok[at + 1].p);
	}
	tc_iface *i = tc_iface_get(st->m, st->dev, name); /* found or created: a hash probe */
	if (i->line == 0) {				  /* created: its block starts here */
		i->file = st->file;
		i->line = ln->no;
	}
	st->iface = i;
	return i;
}

void tc_p_iface_addr(tc_pstate *st, const tc_line *ln, size_t i)
{
	tc_iface *f = st->iface;
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected an address");
		return;
	}
	const tc_tok *a = &ln->tok[i];
	if (tc_tok_is(a, "dhcp") || tc_tok_is(a, "negotiated") || tc_tok_is(a, "pppoe") ||
	    tc_tok_is(a, "pool") || tc_tok_is(a, "autoconfig")) {
		f->has_addr = false;
		tc_p_diag(st, i, TC_SEV_NOTE, "dynamic-address",
			  "dynamically assigned address is not known; interface has no address");
		return;
	}
	bool secondary = false;
	for (size_t k = i + 1; k < ln->ntok; k++)
		secondary |= tc_tok_is(&ln->tok[k], "secondary");
	tc_prefix p;
	uint32_t ip;
	const char *slash = memchr(a->p, '/', a->len);
	unsigned plen;
	tc_tok lt = {slash ? slash + 1 : a->p, slash ? (size_t)(a->p + a->len - slash - 1) : 0};
	if (slash) { /* A/LEN, as IOS-XE and NX-OS also accept */
		if (tc_ip_parse(&ip, a->p, (size_t)(slash - a->p)) != 0 ||
		    !tc_tok_uint(&lt, 32, &plen)) {
			tc_p_bad(st, i, "expected A/LEN");
			return;
		}
		p = tc_prefix_make(ip, (uint8_t)plen);
	} else if (!tc_p_netmask(st, ln, i, &p)) {
		return;
	} else {
		tc_p_ip(st, a, &ip);
	}
	if (secondary) {
		tc_iface_add_secondary(st->m, f, ip, p.len);
		return;
	}
	f->addr = ip;
	f->plen = p.len;
	f->has_addr = true;
}

int tc_h_iface_ip_address(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_p_iface_addr(st, ln, at);
	return 0;
}

int tc_h_iface_vlan(tc_pstate *st, const tc_line *ln, size_t at)
{
	unsigned v;
	if (at >= ln->ntok || !tc_tok_uint(&ln->tok[at], 4095, &v)) {
		tc_p_bad(st, at, "expected a VLAN id");
		return 0;
	}
	st->iface->vlan = v;
	return 0;
}

int tc_h_iface_description(tc_pstate *st, const tc_line *ln, size_t at)
{
	st->iface->description = tc_p_rest(st, ln, at);
	return 0;
}

int tc_h_iface_shutdown(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	st->iface->shutdown = true;
	return 0;
}

int tc_h_iface_no_shutdown(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	st->iface->shutdown = false;
	return 0;
}

int tc_h_iface_no_ip_address(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	st->iface->has_addr = false;
	return 0;
}

/* ---- crypto map entries ------------------------------------------------------------ */

tc_entry *tc_p_entry(tc_pstate *st, const tc_line *ln, size_t i, bool dynmap)
{
	unsigned seq;
	if (i + 1 >= ln->ntok || !tc_tok_uint(&ln->tok[i + 1], 65535, &seq)) {
		tc_p_bad(st, i + 1, "expected a sequence number");
		return NULL;
	}
	char map[256];
	tc_tok_str(map, sizeof map, &ln->tok[i]);
	tc_entry *e = dynmap ? tc_dynentry_get(st->m, st->dev, map, seq)
			     : tc_entry_get(st->m, st->dev, map, seq);
	if (!e->file) {
		e->file = st->file;
		e->line = ln->no;
	}
	return e;
}

/* IOS peer host name at token i, the last of e's peer_names: `ip host` lines may follow the
 * map, so tc_model_finalize() resolves or reports it. */
static void entry_named_peer(tc_pstate *st, const tc_line *ln, size_t i, tc_entry *e)
{
	tc_peer_name *n = tc_arena_alloc(st->m->arena, sizeof *n);
	*n = (tc_peer_name){.name = e->peer_names[e->npeer_names - 1],
			    .index = e->npeer_names - 1,
			    .file = st->file,
			    .line = ln->no,
			    .col = tc_tok_col(ln, i)};
	tc_peer_name **tail = &e->named;
	while (*tail)
		tail = &(*tail)->next;
	*tail = n;
}

void tc_p_entry_peers(tc_pstate *st, const tc_line *ln, size_t i, tc_entry *e)
{
	for (; i < ln->ntok; i++) {
		const tc_tok *t = &ln->tok[i];
		bool dup = false;
		for (unsigned k = 0; k < e->npeer_names; k++)
			dup |= strlen(e->peer_names[k]) == t->len &&
			       strncasecmp(e->peer_names[k], t->p, t->len) == 0;
		if (dup) {
			tc_p_diag(st, i, TC_SEV_WARNING, "duplicate-peer",
				  "peer is already listed in this entry; skipped");
			continue;
		}
		if (e->npeer_names == TC_MAX_PEERS) {
			tc_p_diag(st, i, TC_SEV_WARNING, "too-many-peers",
				  "more than %d peers; the rest are ignored", TC_MAX_PEERS);
			return;
		}
		e->peer_names[e->npeer_names++] = tc_p_dup(st, ln, i);
		uint32_t ip;
		if (memchr(t->p, ':', t->len)) {
			tc_p_diag(st, i, TC_SEV_NOTE, "unsupported",
				  "IPv6 peers are not modelled; listed, not predicted");
			continue;
		}
		if (!tc_p_ip(st, t, &ip) && st->dev->dialect == TC_DIALECT_IOS) {
			entry_named_peer(st, ln, i, e);
			continue;
		}
		if (!tc_p_ip(st, t, &ip)) {
			tc_p_diag(
				st, i, TC_SEV_WARNING, "unresolved-peer",
				"peer is a host name no `name` or `ip host` line resolves; listed, "
				"not predicted");
			continue;
		}
		bool same = false;
		for (unsigned k = 0; k < e->npeers; k++)
			same |= e->peers[k] == ip;
		if (same) {
			tc_p_diag(st, i, TC_SEV_WARNING, "duplicate-peer",
				  "peer address is already listed in this entry; skipped");
			continue;
		}
		e->peers[e->npeers++] = ip;
	}
}

void tc_p_entry_tsets(tc_pstate *st, const tc_line *ln, size_t i, tc_entry *e)
{
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a transform set name");
		return;
	}
	e->ntsets = 0;
	for (; i < ln->ntok; i++) {
		if (e->ntsets == TC_MAX_TSETS) {
			tc_p_diag(st, i, TC_SEV_WARNING, "too-many-transform-sets",
				  "more than %d transform sets; the rest are ignored",
				  TC_MAX_TSETS);
			return;
		}
		e->tset_names[e->ntsets] = tc_p_dup(st, ln, i);
		e->tsets[e->ntsets] = NULL;
		e->ntsets++;
	}
}

int tc_h_entry_match_address(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an access list name");
		return 0;
	}
	st->entry->acl_name = tc_p_dup(st, ln, at);
	return 0;
}

unsigned tc_p_dh_group(const tc_tok *t)
{
	tc_tok n = *t;
	if (n.len > 5 && strncasecmp(n.p, "group", 5) == 0) {
		n.p += 5;
		n.len -= 5;
	}
	unsigned g;
	if (!tc_tok_uint(&n, 32, &g))
		return 0;
	return g;
}

int tc_h_entry_pfs(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		st->entry->pfs_group = st->ops->pfs_default; /* `set pfs` alone */
		return 0;
	}
	unsigned g = tc_p_dh_group(&ln->tok[at]);
	if (!g) {
		tc_p_bad(st, at, "expected a Diffie-Hellman group");
		return 0;
	}
	st->entry->pfs_group = g;
	return 0;
}

int tc_h_entry_lifetime(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* set security-association lifetime {seconds N | kilobytes N|disable} ... */
	size_t i = at;
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected seconds or kilobytes");
		return 0;
	}
	while (i < ln->ntok) {
		const tc_tok *w = &ln->tok[i];
		bool sec = tc_tok_is(w, "seconds"), kb = tc_tok_is(w, "kilobytes");
		unsigned v;
		if (kb && i + 1 < ln->ntok && tc_tok_is(&ln->tok[i + 1], "disable")) {
			st->entry->lifetime_kb = 0;
		} else if ((sec || kb) && i + 1 < ln->ntok &&
			   tc_tok_uint(&ln->tok[i + 1], 4294967295u, &v)) {
			*(sec ? &st->entry->lifetime_sec : &st->entry->lifetime_kb) = v;
		} else if (tc_tok_is(w, "days")) {
			tc_p_skipped(st); /* a volume/day limit tunnelcast does not model */
			return 0;
		} else {
			tc_p_bad(st, i, "expected seconds N or kilobytes N");
			return 0;
		}
		i += 2;
	}
	return 0;
}

int tc_h_entry_rri(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* IOS  reverse-route [static | tag N | remote-peer [A] [gateway|static] | distance N]
	 * both set reverse-route [dynamic | tag N | distance N | gateway A] */
	tc_entry *e = st->entry;
	bool set_form = tc_tok_is(&ln->tok[0], "set");
	if (e->rri == TC_RRI_NONE || !set_form)
		e->rri = TC_RRI_DYNAMIC;
	for (size_t i = at; i < ln->ntok; i++) {
		const tc_tok *w = &ln->tok[i];
		unsigned v;
		uint32_t ip;
		if (tc_tok_is(w, "static")) {
			e->rri = TC_RRI_STATIC;
		} else if (tc_tok_is(w, "dynamic") || tc_tok_is(w, "gateway")) {
			if (tc_tok_is(w, "gateway") && i + 1 < ln->ntok &&
			    tc_p_ip(st, &ln->tok[i + 1], &ip)) {
				e->rri_nh = ip;
				e->has_rri_nh = true;
				i++;
			}
		} else if (tc_tok_is(w, "remote-peer")) {
			e->rri = TC_RRI_REMOTE_PEER;
			if (i + 1 < ln->ntok && tc_p_ip(st, &ln->tok[i + 1], &ip)) {
				e->rri_nh = ip;
				e->has_rri_nh = true;
				i++;
			}
		} else if ((tc_tok_is(w, "tag") || tc_tok_is(w, "distance")) && i + 1 < ln->ntok &&
			   tc_tok_uint(&ln->tok[i + 1], 4294967295u, &v)) {
			*(tc_tok_is(w, "tag") ? &e->rri_tag : &e->rri_distance) = v;
			i++;
		} else {
			tc_p_bad(st, i, "unknown reverse-route option");
			return 0;
		}
	}
	return 0;
}

int tc_h_entry_description(tc_pstate *st, const tc_line *ln, size_t at)
{
	st->entry->description = tc_p_rest(st, ln, at);
	return 0;
}

/* ---- transform sets ----------------------------------------------------------------- */

static bool key_size(const tc_line *ln, size_t j, unsigned *bits)
{
	return j < ln->ntok && tc_tok_uint(&ln->tok[j], 256, bits) &&
	       (*bits == 128 || *bits == 192 || *bits == 256);
}

int tc_p_transform(const tc_line *ln, size_t *i, const char **out)
{
	const tc_tok *t = &ln->tok[*i];
	static const struct {
		const char *name;
		const char *canon;
		int kind;
	} fixed[] = {
		{"esp-aes-192", "aes-192", 1},
		{"esp-aes-256", "aes-256", 1},
		{"esp-3des", "3des", 1},
		{"esp-des", "des", 1},
		{"esp-null", "null", 1},
		{"esp-seal", "seal", 1},
		{"esp-sha-hmac", "sha1", 2},
		{"esp-sha256-hmac", "sha256", 2},
		{"esp-sha-256-hmac", "sha256", 2},
		{"esp-sha384-hmac", "sha384", 2},
		{"esp-sha512-hmac", "sha512", 2},
		{"esp-md5-hmac", "md5", 2},
		{"esp-none", "none", 2},
		{"ah-sha-hmac", NULL, 3},
		{"ah-md5-hmac", NULL, 3},
		{"ah-sha256-hmac", NULL, 3},
		{"ah-sha384-hmac", NULL, 3},
		{"ah-sha512-hmac", NULL, 3},
		{"comp-lzs", NULL, 3},
	};
	for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++)
		if (tc_tok_is(t, fixed[k].name)) {
			*out = fixed[k].canon;
			return fixed[k].kind;
		}
	static const struct {
		const char *name;
		const char *canon[3]; /* 128, 192, 256 */
	} sized[] = {
		{"esp-aes", {"aes-128", "aes-192", "aes-256"}},
		{"esp-gcm", {"aes-gcm-128", "aes-gcm-192", "aes-gcm-256"}},
		{"esp-gmac", {"aes-gmac-128", "aes-gmac-192", "aes-gmac-256"}},
	};
	for (size_t k = 0; k < sizeof sized / sizeof sized[0]; k++)
		if (tc_tok_is(t, sized[k].name)) {
			unsigned bits;
			*out = sized[k].canon[0];
			if (key_size(ln, *i + 1, &bits)) {
				*out = sized[k].canon[bits == 128 ? 0 : bits == 192 ? 1 : 2];
				(*i)++;
			}
			return 1;
		}
	return 0;
}

tc_tset *tc_p_tset(tc_pstate *st, const tc_line *ln, size_t i)
{
	char name[256];
	tc_tset *t = tc_tset_find(st->dev, tc_tok_str(name, sizeof name, &ln->tok[i]));
	if (!t) {
		t = tc_tset_add(st->m, st->dev, name);
		t->file = st->file;
		t->line = ln->no;
	}
	return t;
}

int tc_h_tset_mode(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "transport"))
		st->tset->transport = true;
	else if (at < ln->ntok && tc_tok_is(&ln->tok[at], "tunnel"))
		st->tset->transport = false;
	else
		tc_p_bad(st, at, "expected tunnel or transport");
	return 0;
}

/* ---- IKE policies -------------------------------------------------------------------- */

tc_ikepol *tc_p_ikepol_open(tc_pstate *st, const tc_line *ln, size_t at, unsigned version,
			    const char *enc, unsigned group)
{
	unsigned prio;
	if (at >= ln->ntok || !tc_tok_uint(&ln->tok[at], 65535, &prio)) {
		tc_p_bad(st, at, "expected a policy priority");
		return NULL;
	}
	for (tc_ikepol *x = st->dev->ikepols; x; x = x->next)
		if (x->prio == prio && x->version == version && !x->name) {
			st->pol = x; /* re-entered (a config script): its lines add to it */
			return x;
		}
	tc_ikepol *p = tc_ikepol_add(st->m, st->dev, prio, version);
	p->enc = enc;
	p->hash = "sha1";
	p->auth = version == 2 ? "pre-share" : "rsa-sig";
	p->group = group;
	p->lifetime = 86400;
	p->file = st->file;
	p->line = ln->no;
	st->pol = p;
	return p;
}

/* Canonical IKE cipher at token *i ("aes" takes an optional key size). */
static const char *ike_cipher(const tc_line *ln, size_t i)
{
	const tc_tok *t = &ln->tok[i];
	unsigned bits;
	if (tc_tok_is(t, "aes") || tc_tok_is(t, "aes-cbc-128")) {
		if (!key_size(ln, i + 1, &bits) || bits == 128)
			return "aes-128";
		return bits == 192 ? "aes-192" : "aes-256";
	}
	static const struct {
		const char *name, *canon;
	} map[] = {
		{"aes-192", "aes-192"},
		{"aes-256", "aes-256"},
		{"aes-cbc-192", "aes-192"},
		{"aes-cbc-256", "aes-256"},
		{"3des", "3des"},
		{"des", "des"},
		{"aes-gcm", "aes-gcm-128"},
		{"aes-gcm-128", "aes-gcm-128"},
		{"aes-gcm-192", "aes-gcm-192"},
		{"aes-gcm-256", "aes-gcm-256"},
		{"null", "null"},
	};
	for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
		if (tc_tok_is(t, map[k].name))
			return map[k].canon;
	return NULL;
}

int tc_h_ikepol_encryption(tc_pstate *st, const tc_line *ln, size_t at)
{
	const char *c = at < ln->ntok ? ike_cipher(ln, at) : NULL;
	if (!c) {
		tc_p_bad(st, at, "unknown IKE encryption");
		return 0;
	}
	st->pol->enc = c; /* IKEv2 lists several: the first is preferred */
	return 0;
}

int tc_h_ikepol_hash(tc_pstate *st, const tc_line *ln, size_t at)
{
	static const struct {
		const char *name, *canon;
	} map[] = {
		{"sha", "sha1"},       {"sha1", "sha1"},      {"sha-1", "sha1"},
		{"sha256", "sha256"},  {"sha-256", "sha256"}, {"sha384", "sha384"},
		{"sha-384", "sha384"}, {"sha512", "sha512"},  {"sha-512", "sha512"},
		{"md5", "md5"},	       {"null", "none"},
	};
	if (at < ln->ntok)
		for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
			if (tc_tok_is(&ln->tok[at], map[k].name)) {
				st->pol->hash = map[k].canon;
				return 0;
			}
	tc_p_bad(st, at, "unknown IKE hash");
	return 0;
}

int tc_h_ikepol_auth(tc_pstate *st, const tc_line *ln, size_t at)
{
	static const char *const auths[] = {"pre-share", "rsa-sig",   "rsa-encr",
					    "crack",	 "ecdsa-sig", NULL};
	if (at < ln->ntok)
		for (const char *const *a = auths; *a; a++)
			if (tc_tok_is(&ln->tok[at], *a)) {
				st->pol->auth = *a;
				return 0;
			}
	tc_p_bad(st, at, "unknown IKE authentication method");
	return 0;
}

unsigned tc_p_auth_method(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at < ln->ntok) {
		const tc_tok *t = &ln->tok[at];
		if (tc_tok_is(t, "pre-share"))
			return TC_AUTH_PSK;
		if (tc_tok_is(t, "rsa-sig"))
			return TC_AUTH_RSA;
		if (tc_tok_is(t, "ecdsa-sig"))
			return TC_AUTH_ECDSA;
	}
	tc_p_bad(st, at, "expected pre-share, rsa-sig or ecdsa-sig");
	return 0;
}

int tc_h_trustpoint(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a trustpoint name");
		return 0;
	}
	char name[256];
	tc_trustpoint *t =
		tc_trustpoint_add(st->m, st->dev, tc_tok_str(name, sizeof name, &ln->tok[at]));
	t->file = st->file;
	t->line = ln->no;
	tc_p_push(st, NULL, NULL); /* enrollment, subject-name, revocation-check...: skipped */
	return 0;
}

int tc_h_ikepol_group(tc_pstate *st, const tc_line *ln, size_t at)
{
	unsigned g = at < ln->ntok ? tc_p_dh_group(&ln->tok[at]) : 0;
	if (!g) {
		tc_p_bad(st, at, "expected a Diffie-Hellman group number");
		return 0;
	}
	st->pol->group = g;
	return 0;
}

/* Append v to the list of further values more[] unless it is first or already there. */
static void more_add(const char **more, const char *first, const char *v)
{
	if (!v || (first && strcmp(first, v) == 0))
		return;
	for (size_t i = 0; i < TC_IKE_MORE; i++) {
		if (more[i] && strcmp(more[i], v) == 0)
			return;
		if (!more[i]) {
			more[i] = v;
			return;
		}
	}
}

/* An ASA line replaces the values of its kind (the command holds the whole list); IOS lines
 * add up. */
static void ikev2_line_starts(tc_pstate *st, const char **more, unsigned said)
{
	if (st->dev->dialect != TC_DIALECT_ASA)
		return;
	st->pol->said &= (uint8_t)~said;
	if (more)
		memset(more, 0, TC_IKE_MORE * sizeof *more);
	else
		st->pol->group_more = 0;
}

/* IKEv2 `encryption|integrity|group V [V ...]` (ASA policy, IOS proposal; IOS may also
 * repeat the line): the first value of the block is the preferred one and replaces the
 * default, the others are offered too. Each value goes through the one-value handler h;
 * said is the tc_ikepol.said bit of the field. */
static int ikev2_names(tc_pstate *st, const tc_line *ln, size_t at,
		       int (*h)(tc_pstate *, const tc_line *, size_t), const char **field,
		       const char **more, unsigned said)
{
	unsigned bits;
	ikev2_line_starts(st, more, said);
	for (size_t i = at; i < ln->ntok; i++) {
		if (i > at && key_size(ln, i, &bits))
			continue; /* `aes 256`: the size of the cipher before */
		const char *keep = st->pol->said & said ? *field : NULL;
		h(st, ln, i);
		if (keep) {
			more_add(more, keep, *field);
			*field = keep;
		}
		st->pol->said |= (uint8_t)said;
	}
	if (at >= ln->ntok)
		h(st, ln, at); /* its report */
	return 0;
}

int tc_h_ikev2_encryption(tc_pstate *st, const tc_line *ln, size_t at)
{
	return ikev2_names(st, ln, at, tc_h_ikepol_encryption, &st->pol->enc, st->pol->enc_more, 1);
}

int tc_h_ikev2_integrity(tc_pstate *st, const tc_line *ln, size_t at)
{
	return ikev2_names(st, ln, at, tc_h_ikepol_hash, &st->pol->hash, st->pol->hash_more, 2);
}

int tc_h_ikev2_group(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_ikepol *p = st->pol;
	ikev2_line_starts(st, NULL, 4);
	for (size_t i = at; i < ln->ntok; i++) {
		unsigned keep = p->said & 4 ? p->group : 0;
		tc_h_ikepol_group(st, ln, i);
		if (keep) {
			if (p->group != keep && p->group < 32)
				p->group_more |= 1u << p->group;
			p->group = keep;
		}
		p->said |= 4;
	}
	if (at >= ln->ntok)
		tc_h_ikepol_group(st, ln, at);
	return 0;
}

int tc_h_ikepol_lifetime(tc_pstate *st, const tc_line *ln, size_t at)
{
	unsigned v;
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "seconds"))
		at++;
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "none")) {
		st->pol->lifetime = 0;
		return 0;
	}
	if (at >= ln->ntok || !tc_tok_uint(&ln->tok[at], 4294967295u, &v)) {
		tc_p_bad(st, at, "expected a lifetime in seconds");
		return 0;
	}
	st->pol->lifetime = v;
	return 0;
}

/* ---- pre-shared keys ------------------------------------------------------------------ */

void tc_p_psk_add(tc_pstate *st, tc_prefix peer, uint64_t digest, unsigned line)
{
	tc_psk *k = tc_psk_add(st->m, st->dev);
	k->peer = peer;
	k->digest = digest;
	k->file = st->file;
	k->line = line;
}

uint64_t tc_p_key_digest(tc_pstate *st, const tc_tok *key)
{
	bool stars = key->len >= 3;
	for (size_t j = 0; j < key->len; j++)
		stars &= key->p[j] == '*';
	if (stars)
		tc_p_diag(st, SIZE_MAX, TC_SEV_NOTE, "masked-secret",
			  "the key is masked in this capture; comparing it with the peer's is "
			  "unreliable");
	return tc_secret_digest(key->p, key->len);
}

void tc_p_psk(tc_pstate *st, tc_prefix peer, const tc_tok *key)
{
	tc_p_psk_add(st, peer, tc_p_key_digest(st, key), st->ln->no);
}

size_t tc_p_skip_key_type(const tc_line *ln, size_t i)
{
	static const char *const types[] = {"0", "6", "7", "8", "hex", NULL};
	if (i + 1 < ln->ntok && tc_tok_in(&ln->tok[i], types) &&
	    !tc_tok_is(&ln->tok[i + 1], "address") && !tc_tok_is(&ln->tok[i + 1], "hostname"))
		return i + 1;
	return i;
}

/* ---- misc shared handlers --------------------------------------------------------------- */

int tc_h_hostname(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a host name");
		return 0;
	}
	/* Printed in every output and never looked up in the config: made
	 * printable here, unlike names other lines refer to. */
	st->dev->hostname = tc_text_clean(tc_p_dup(st, ln, at));
	return 0;
}

static void note_unsupported(tc_pstate *st, const tc_line *ln, size_t at)
{
	char kw[128] = {0};
	size_t o = 0;
	for (size_t k = 0; k < at && k < ln->ntok && o < sizeof kw; k++)
		o += (size_t)snprintf(kw + o, sizeof kw - o, "%s%.*s", k ? " " : "",
				      (int)ln->tok[k].len, ln->tok[k].p);
	tc_p_diag(st, 0, TC_SEV_NOTE, "unsupported", "'%s' is not modelled; line skipped", kw);
}

int tc_h_unsupported(tc_pstate *st, const tc_line *ln, size_t at)
{
	note_unsupported(st, ln, at);
	tc_p_skipped(st);
	return 0;
}

int tc_h_unsupported_block(tc_pstate *st, const tc_line *ln, size_t at)
{
	note_unsupported(st, ln, at);
	tc_p_skipped(st);
	tc_p_push(st, NULL, NULL);
	return 0;
}
