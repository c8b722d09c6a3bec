/* config.c: the builders of routing.h's configuration objects (the parser's side) and their
 * lookups. Everything lives in the model's arena; lists keep configuration order. */
#include "routing_int.h"

#include <string.h>

const char *tc_rp_kind_name(tc_rp_kind k)
{
	static const char *const names[] = {
		[TC_RP_NONE] = "none", [TC_RP_CONNECTED] = "connected", [TC_RP_STATIC] = "static",
		[TC_RP_OSPF] = "ospf", [TC_RP_EIGRP] = "eigrp",		[TC_RP_BGP] = "bgp",
		[TC_RP_RIP] = "rip",
	};
	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "none";
}

/* Append x to the singly linked list *head (the lists are short: a scan to the end). */
#define RT_APPEND(head, x)                                                                         \
	do {                                                                                       \
		__typeof__(x) *pp_ = (head);                                                       \
		while (*pp_)                                                                       \
			pp_ = &(*pp_)->next;                                                       \
		*pp_ = (x);                                                                        \
	} while (0)

tc_dev_rt *tc_dev_rt_get(tc_model *m, tc_device *d)
{
	if (!d->rt)
		d->rt = tc_arena_alloc(m->arena, sizeof *d->rt);
	return d->rt;
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

tc_rproc *tc_rproc_get(tc_model *m, tc_device *d, tc_rp_kind kind, unsigned id, const char *name,
		       const char *vrf)
{
	tc_dev_rt *rt = tc_dev_rt_get(m, d);
	for (tc_rproc *p = rt->procs; p; p = p->next)
		if (p->kind == kind && p->id == id && str_eq(p->name, name) && str_eq(p->vrf, vrf))
			return p;
	tc_rproc *p = tc_arena_alloc(m->arena, sizeof *p);
	p->kind = (uint8_t)kind;
	p->id = id;
	p->name = name;
	p->vrf = vrf;
	p->default_metric_type = 2;
	if (rt->procs_tail)
		rt->procs_tail->next = p;
	else
		rt->procs = p;
	rt->procs_tail = p;
	return p;
}

tc_redist *tc_redist_add(tc_model *m, tc_rproc *p)
{
	tc_redist *r = tc_arena_alloc(m->arena, sizeof *r);
	RT_APPEND(&p->redist, r);
	return r;
}

tc_rnet *tc_rnet_add(tc_model *m, tc_rproc *p)
{
	/* BGP speakers announce tens of thousands of `network` lines: no scan to the end */
	tc_rnet *n = tc_arena_alloc(m->arena, sizeof *n);
	*(p->nets_tail ? &p->nets_tail->next : &p->nets) = n;
	p->nets_tail = n;
	return n;
}

tc_area *tc_area_get(tc_model *m, tc_rproc *p, uint32_t id)
{
	for (tc_area *a = p->areas; a; a = a->next)
		if (a->id == id)
			return a;
	tc_area *a = tc_arena_alloc(m->arena, sizeof *a);
	a->id = id;
	RT_APPEND(&p->areas, a);
	return a;
}

tc_range *tc_range_add(tc_model *m, tc_range **list)
{
	tc_range *r = tc_arena_alloc(m->arena, sizeof *r);
	RT_APPEND(list, r);
	return r;
}

tc_bgp_nbr *tc_bgp_nbr_get(tc_model *m, tc_rproc *p, uint32_t addr)
{
	if (p->nbr_last && p->nbr_last->addr == addr)
		return p->nbr_last;
	tc_bgp_nbr **pp = &p->nbrs;
	for (; *pp; pp = &(*pp)->next)
		if ((*pp)->addr == addr)
			return p->nbr_last = *pp;
	tc_bgp_nbr *n = tc_arena_alloc(m->arena, sizeof *n);
	n->addr = addr;
	n->activated = true;
	*pp = n;
	return p->nbr_last = n;
}

void tc_ifname_list_add(tc_model *m, tc_ifname_list **list, const char *name)
{
	tc_ifname_list *l = tc_arena_alloc(m->arena, sizeof *l);
	l->name = name;
	RT_APPEND(list, l);
}

tc_iface_rt *tc_iface_rt_get(tc_model *m, tc_iface *i)
{
	if (!i->rt)
		i->rt = tc_arena_alloc(m->arena, sizeof *i->rt);
	return i->rt;
}

tc_plist *tc_plist_get(tc_model *m, tc_device *d, const char *name)
{
	tc_dev_rt *rt = tc_dev_rt_get(m, d);
	if (rt->plist_last && strcmp(rt->plist_last->name, name) == 0)
		return rt->plist_last;
	tc_plist **pp = &rt->plists;
	for (; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->name, name) == 0)
			return rt->plist_last = *pp;
	tc_plist *p = tc_arena_alloc(m->arena, sizeof *p);
	p->name = name;
	*pp = p;
	return rt->plist_last = p;
}

/* Inserted in sequence order (after the entries of the same number). Lists of tens of
 * thousands of lines come in ascending order: those go after the last without a scan. */
tc_plist_entry *tc_plist_entry_add(tc_model *m, tc_plist *pl, unsigned seq)
{
	tc_plist_entry **pp = &pl->entries;
	if (pl->last && pl->last->seq <= seq)
		pp = &pl->last->next;
	while (*pp && (*pp)->seq <= seq)
		pp = &(*pp)->next;
	tc_plist_entry *e = tc_arena_alloc(m->arena, sizeof *e);
	e->seq = seq;
	e->next = *pp;
	*pp = e;
	if (!e->next)
		pl->last = e;
	return e;
}

tc_rmap *tc_rmap_get(tc_model *m, tc_device *d, const char *name)
{
	tc_dev_rt *rt = tc_dev_rt_get(m, d);
	for (tc_rmap *r = rt->rmaps; r; r = r->next)
		if (strcmp(r->name, name) == 0)
			return r;
	tc_rmap *r = tc_arena_alloc(m->arena, sizeof *r);
	r->name = name;
	RT_APPEND(&rt->rmaps, r);
	return r;
}

/* The clause `seq`, found or inserted in sequence order (a later `route-map N deny 10` for an
 * existing clause changes its action, as IOS does). */
tc_rmap_clause *tc_rmap_clause_get(tc_model *m, tc_rmap *rm, unsigned seq, bool permit)
{
	tc_rmap_clause **pp = &rm->clauses;
	while (*pp && (*pp)->seq < seq)
		pp = &(*pp)->next;
	if (*pp && (*pp)->seq == seq) {
		(*pp)->permit = permit;
		return *pp;
	}
	tc_rmap_clause *c = tc_arena_alloc(m->arena, sizeof *c);
	c->seq = seq;
	c->permit = permit;
	c->next = *pp;
	*pp = c;
	return c;
}

void tc_rt_unmodelled(tc_model *m, tc_device *d, const char *feature, const char *file,
		      unsigned line)
{
	tc_dev_rt *rt = tc_dev_rt_get(m, d);
	struct tc_rt_unmodelled **pp = &rt->unmodelled;
	for (; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->feature, feature) == 0)
			return;
	struct tc_rt_unmodelled *u = tc_arena_alloc(m->arena, sizeof *u);
	u->feature = tc_arena_strdup(m->arena, feature);
	u->file = file;
	u->line = line;
	*pp = u;
}

const tc_plist *tc_plist_find(const tc_device *d, const char *name)
{
	for (const tc_plist *p = d->rt ? d->rt->plists : NULL; p; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

const tc_rmap *tc_rmap_find(const tc_device *d, const char *name)
{
	for (const tc_rmap *r = d->rt ? d->rt->rmaps : NULL; r; r = r->next)
		if (strcmp(r->name, name) == 0)
			return r;
	return NULL;
}
