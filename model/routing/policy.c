/* policy.c: prefix lists and route maps as the pass evaluates them (routing_int.h). */
#include "routing_int.h"

#include <string.h>

/* Does entry e match prefix p? Without ge/le the prefix must be exactly e's; with them, p
 * must lie inside e's network with a length in [ge or e's length, le or 32]. IOS stores
 * `permit 10.1.1.1/16` as 10.1.0.0/16: the entry's host bits do not count. */
static bool plist_entry_matches(const tc_plist_entry *e, tc_prefix p)
{
	tc_prefix net = tc_prefix_make(e->net.addr, e->net.len);
	if (!e->ge && !e->le)
		return p.len == net.len && tc_prefix_has(net, p.addr);
	if (!tc_prefix_contains(net, p))
		return false;
	unsigned lo = e->ge ? e->ge : e->net.len, hi = e->le ? e->le : 32;
	return p.len >= lo && p.len <= hi;
}

/* The first entry in sequence order that matches decides; none: denied. */
static bool plist_permits(const tc_plist *pl, tc_prefix p)
{
	const tc_plist_entry *best = NULL;
	for (const tc_plist_entry *e = pl->entries; e; e = e->next)
		if (plist_entry_matches(e, p) && (!best || e->seq < best->seq))
			best = e;
	return best && best->permit;
}

bool rt_plist_permits(const tc_device *d, const char *name, tc_prefix p)
{
	const tc_plist *pl = tc_plist_find(d, name);
	return !pl || plist_permits(pl, p);
}

/* A standard ACL used as a route filter: its first line covering the network address. */
static bool acl_permits_route(const tc_device *d, const char *name, tc_prefix p)
{
	const tc_acl *acl = tc_acl_find(d, name);
	if (!acl)
		return true; /* IOS: a match on an undefined list matches everything */
	for (const tc_ace *a = acl->aces; a; a = a->next) {
		/* a standard list's one address is the source on IOS, the destination on ASA */
		tc_prefix side = a->src.len > 0 || a->dst.len == 0 ? a->src : a->dst;
		if (tc_prefix_has(side, p.addr))
			return a->permit;
	}
	return false;
}

void rt_rmap_apply(const tc_device *d, const char *name, tc_prefix p, rt_setattr *set)
{
	*set = (rt_setattr){.permit = false};
	const tc_rmap *rm = tc_rmap_find(d, name);
	if (!rm)
		return;
	for (const tc_rmap_clause *c = rm->clauses; c; c = c->next) {
		if (c->match_plist && !rt_plist_permits(d, c->match_plist, p))
			continue;
		if (c->match_acl && !acl_permits_route(d, c->match_acl, p))
			continue;
		if (!c->permit)
			return;
		*set = (rt_setattr){.permit = true,
				    .set_metric = c->set_metric,
				    .set_local_pref = c->set_local_pref,
				    .set_weight = c->set_weight,
				    .set_metric_type = c->set_metric_type,
				    .metric = c->metric,
				    .local_pref = c->local_pref,
				    .weight = c->weight,
				    .prepend_n = c->prepend_n,
				    .prepend_as = c->prepend_as,
				    .metric_type = c->metric_type};
		return;
	}
}
