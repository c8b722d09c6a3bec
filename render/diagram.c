/* diagram.c: what a diagram shows (sites, links, tunnels, per-step SA state), without Graphviz.
 *
 * graphviz.c turns the tc_dg built here into cgraph objects; keeping the
 * decisions here keeps them testable and keeps Graphviz in one file.
 *
 * Sites. A gateway is a device with crypto map entries. Gateways that
 * protect the same local network (the local side of an encryption domain)
 * back each other up and form one site. A device that is not a gateway
 * joins the site whose gateways protect the most specific network holding
 * one of its addresses (the hosts behind the tunnels), or, failing that,
 * the one site all its neighbours belong to (a stub). Everything else is
 * transit. Sites are ordered by their first hostname.
 *
 * Tunnels. Every listed peer of every domain drawn is a claim on the pair
 * (domain device, peer) (a dynamic domain's spokes stand for its peers): an owner claim when the peer owns the domain (for
 * an oscillating domain, every owner seen; for a domain the predictor split
 * into parts, the peers the parts return through, each with its sub-range),
 * else a listed-peer claim noting the peer's place when the entry lists
 * two or more. Claims are merged per node pair, kind and state: the two
 * mirrored domains of one SA become one edge, and its lines are the
 * distinct proxy pairs seen from the first node, notes taken from the entry
 * with the most peers (the one where order matters).
 *
 * Collapse. Beyond o->collapse spoke sites (sites without a hub), spoke
 * sites with the same signature -- the same outside neighbours and the same
 * tunnels to the same outside devices in the same states -- are drawn as
 * one group node, and their links and tunnels are merged with counts.
 *
 * Steps. The SA table after event k of a domain's first trace is replayed
 * from the events: SA_UP adds the SA between the event's device and its
 * peer, SA_DROP removes it. The packet's way since the last SEND is drawn
 * as arrows. The events' structured fields (tc_event.peer, .peer_addr,
 * .local, .remote, .hops) say which devices and proxy pairs are meant;
 * the sentences of the events are for people and are never parsed. */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

const char *tc_render_ordinal(char *buf, size_t n, unsigned i)
{
	const char *suffix = "th";
	if (i % 100 < 11 || i % 100 > 13) {
		if (i % 10 == 1)
			suffix = "st";
		else if (i % 10 == 2)
			suffix = "nd";
		else if (i % 10 == 3)
			suffix = "rd";
	}
	snprintf(buf, n, "%u%s", i, suffix);
	return buf;
}

size_t tc_render_nsteps(const tc_domain *d)
{
	return d ? d->traces[0].nevents : 0;
}

/* ---- builder --------------------------------------------------------------- */

typedef struct claim {
	const tc_device *a, *b; /* b NULL: the peer address baddr is outside the snapshot */
	uint32_t baddr;
	tc_dg_tunnel_kind kind;
	tc_state state;
	tc_prefix l, r; /* as a sees it */
	const char *note;
	unsigned prio; /* peers listed by the entry the claim comes from */
	unsigned step;
	const tc_domain *dom; /* the domain claiming, or NULL (steps) */
} claim;

/* A map from a key of three words to an index, in the arena: the builder's
 * "have I seen this before" questions in constant time instead of a scan of
 * what was built so far. */
typedef struct dg_key {
	uint64_t x, y, z;
} dg_key;

typedef struct dg_ent {
	dg_key key;
	size_t val; /* TC_DG_NONE until the caller stores one */
	struct dg_ent *next;
} dg_ent;

#define DG_KEY(e) ((e)->key)
#define DG_NEXT(e) ((e)->next)
#define DG_EQ(a, b) ((a).x == (b).x && (a).y == (b).y && (a).z == (b).z)
/* node and device indexes are small and dense: every word goes through the mix */
#define DG_FN(k) tc_hash_u64((k).x ^ tc_hash_u64((k).y ^ tc_hash_u64((k).z)))
TC_HASH_DEFINE(dg_map, dg_ent, dg_key, DG)

typedef struct builder {
	tc_dg *dg;
	tc_arena *a;
	const tc_model *m;
	const tc_prediction *p;
	const tc_diagram_opts *o;
	unsigned fold;		/* tc_dg.folded being built */
	const tc_domain **doms; /* domains drawn, in render order */
	size_t ndoms;
	size_t *site_of; /* per device index: site, or TC_DG_NONE */
	size_t *node_of; /* per device index: node, or TC_DG_NONE when not drawn */
	bool *shown;	 /* per device index */
	/* per device index i, the links holding it (indexes into m->links, in
	 * order, each once) at dev_links[link_off[i] .. link_off[i + 1]) */
	size_t *link_off, *dev_links;
	/* per device index i, its domains in the prediction's order at
	 * dev_doms[dom_off[i] .. dom_off[i + 1]) */
	size_t *dom_off;
	const tc_domain **dev_doms;
	claim *claims;
	size_t nclaims, capclaims;
	size_t capsites, capnodes, caplinks, captunnels, caparrows;
	size_t outside;	     /* the site "outside the snapshot", or TC_DG_NONE */
	dg_map externals;    /* peer address -> TC_DG_EXTERNAL node */
	dg_map pairs;	     /* (node a, node b) -> first link between them, for groups */
	dg_map tunnels;	     /* (a, b, kind, state, step) -> tunnel; folded: (a, b) */
	dg_map lines;	     /* (tunnel, l, r) -> line, in line_v */
	dg_map counted;	     /* (tunnel, device pair) seen by place_claims */
	dg_map carried;	     /* folded: (tunnel, domain) counted by place_claims */
	size_t outside_node; /* folded: the one node of the peers outside the snapshot */
	tc_dg_line **line_v;
	size_t nlines, caplines;
} builder;

/* The value slot of k: TC_DG_NONE when k is new. */
static size_t *map_slot(builder *b, dg_map *m, dg_key k)
{
	dg_ent *e = dg_map_find(m, k);
	if (!e) {
		e = tc_arena_alloc(b->a, sizeof *e);
		*e = (dg_ent){.key = k, .val = TC_DG_NONE};
		dg_map_insert(m, e);
	}
	return &e->val;
}

/* off[0..n]: where bucket i starts in a flat array once every item is
 * counted in off[i + 1]; returns a copy of the starts to fill with. */
static size_t *buckets(builder *b, size_t *off, size_t n)
{
	for (size_t i = 0; i < n; i++)
		off[i + 1] += off[i];
	size_t *at = tc_arena_alloc(b->a, (n + 1) * sizeof *at);
	memcpy(at, off, (n + 1) * sizeof *at);
	return at;
}

/* Group the links by key_of[device index] (NULL: the device itself;
 * TC_DG_NONE: no key) into keys 0..nkeys-1: the links holding a device of
 * key s are (*v)[(*off)[s] .. (*off)[s + 1]), in order, each once. */
static void links_by(builder *b, const size_t *key_of, size_t nkeys, size_t **off, size_t **v)
{
	const tc_model *m = b->m;
	size_t *last = tc_arena_alloc(b->a, (nkeys + 1) * sizeof *last); /* the link last listed */
	size_t *o = tc_arena_alloc(b->a, (nkeys + 1) * sizeof *o);
	size_t *at = NULL, *out = NULL;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t s = 0; s < nkeys; s++)
			last[s] = TC_DG_NONE;
		for (size_t k = 0; k < m->nlinks; k++) {
			const tc_link *l = &m->links[k];
			for (size_t e = 0; e < l->nends; e++) {
				size_t d = l->ends[e].device->index, s = key_of ? key_of[d] : d;
				if (s == TC_DG_NONE || last[s] == k)
					continue;
				last[s] = k;
				if (at)
					out[at[s]++] = k;
				else
					o[s + 1]++;
			}
		}
		if (!at) {
			at = buckets(b, o, nkeys);
			out = tc_arena_alloc(b->a, (o[nkeys] + 1) * sizeof *out);
		}
	}
	*off = o;
	*v = out;
}

static const char *pfx(builder *b, tc_prefix p)
{
	return tc_arena_prefix(b->a, p);
}

static const char *ipstr(builder *b, uint32_t ip)
{
	return tc_arena_ip(b->a, ip);
}

static bool is_gateway(const tc_device *d)
{
	return d->entries != NULL;
}

static bool is_hub(const tc_device *d)
{
	for (const tc_entry *e = d->entries; e; e = e->next)
		if (e->npeers >= 2)
			return true;
	return false;
}

/* The enum runs from stable to down; standby ranks below stable here: a
 * network some domain carries is stable, one only standby lines protect is
 * standby (its gateway is the backup). */
static tc_state worst(tc_state a, tc_state b)
{
	if (a == TC_STATE_STANDBY || b == TC_STATE_STANDBY)
		return a == TC_STATE_STANDBY ? b : a;
	return a > b ? a : b;
}

/* ---- sites ----------------------------------------------------------------- */

static size_t uf_find(size_t *parent, size_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

static void uf_union(size_t *parent, size_t i, size_t j)
{
	i = uf_find(parent, i);
	j = uf_find(parent, j);
	if (i != j)
		parent[i > j ? i : j] = i < j ? i : j; /* the lower index leads: deterministic */
}

typedef struct gw_net {
	size_t dev; /* device index */
	tc_prefix net;
} gw_net;

static int cmp_gw_net(const void *x, const void *y)
{
	const gw_net *p = x, *q = y;
	int c = tc_prefix_cmp(p->net, q->net);
	return c ? c : (p->dev > q->dev) - (p->dev < q->dev);
}

/* Every distinct (gateway, local network) of the prediction, sorted by
 * network then device: equal networks sit side by side. */
static gw_net *collect_nets(builder *b, size_t *n_out)
{
	size_t n = 0;
	gw_net *v = tc_arena_alloc(b->a, (b->p ? b->p->ndomains : 0) * sizeof *v + 1);
	for (size_t i = 0; b->p && i < b->p->ndomains; i++) {
		const tc_domain *d = &b->p->domains[i];
		if (d->device && !d->tunnel) /* a tunnel end's any/any is no site's network */
			v[n++] = (gw_net){d->device->index, d->local};
	}
	if (n)
		qsort(v, n, sizeof *v, cmp_gw_net);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || cmp_gw_net(&v[k - 1], &v[i]) != 0)
			v[k++] = v[i];
	*n_out = k;
	return v;
}

/* The distinct local networks by length: those of length L at
 * v[off[L] .. off[L + 1]), ascending, each with one of its gateways (the
 * others are in the same site by then). */
typedef struct net_rep {
	uint32_t addr;
	size_t dev;
} net_rep;

typedef struct net_index {
	net_rep *v;
	size_t off[34];
} net_index;

static void net_index_build(builder *b, net_index *x, const gw_net *nets, size_t nnets)
{
	memset(x->off, 0, sizeof x->off);
	for (size_t k = 0; k < nnets; k++)
		if (k == 0 || tc_prefix_cmp(nets[k - 1].net, nets[k].net) != 0)
			x->off[nets[k].net.len + 1]++;
	size_t *at = buckets(b, x->off, 33);
	x->v = tc_arena_alloc(b->a, (x->off[33] + 1) * sizeof *x->v);
	for (size_t k = 0; k < nnets; k++)
		if (k == 0 || tc_prefix_cmp(nets[k - 1].net, nets[k].net) != 0)
			x->v[at[nets[k].net.len]++] = (net_rep){nets[k].net.addr, nets[k].dev};
}

static int cmp_net_rep(const void *key, const void *x)
{
	uint32_t want = *(const uint32_t *)key, addr = ((const net_rep *)x)->addr;
	return (want > addr) - (want < addr);
}

/* The gateway of the local network of length len holding ip, or TC_DG_NONE. */
static size_t net_index_find(const net_index *x, unsigned len, uint32_t ip)
{
	uint32_t want = ip & tc_len_to_mask((uint8_t)len);
	size_t n = x->off[len + 1] - x->off[len];
	const net_rep *r = n ? bsearch(&want, x->v + x->off[len], n, sizeof *r, cmp_net_rep) : NULL;
	return r ? r->dev : TC_DG_NONE;
}

static void host_join(size_t *parent, const net_index *x, const tc_device *d)
{
	int best = -1;
	for (const tc_iface *i = d->ifaces; i; i = i->next) {
		if (!i->has_addr || i->shutdown)
			continue;
		for (int len = 32; len > best; len--)
			if (net_index_find(x, (unsigned)len, i->addr) != TC_DG_NONE) {
				best = len;
				break;
			}
	}
	if (best < 0)
		return;
	for (const tc_iface *i = d->ifaces; i; i = i->next) {
		if (!i->has_addr || i->shutdown)
			continue;
		size_t gw = net_index_find(x, (unsigned)best, i->addr);
		if (gw != TC_DG_NONE)
			uf_union(parent, d->index, gw);
	}
}

/* The site every neighbour of d is in, or TC_DG_NONE. */
static size_t stub_site(const builder *b, const tc_device *d, const size_t *site_of)
{
	size_t site = TC_DG_NONE;
	bool any = false;
	for (size_t k = b->link_off[d->index]; k < b->link_off[d->index + 1]; k++) {
		const tc_link *l = &b->m->links[b->dev_links[k]];
		for (size_t e = 0; e < l->nends; e++) {
			const tc_device *o = l->ends[e].device;
			if (o == d)
				continue;
			size_t s = site_of[o->index];
			if (s == TC_DG_NONE || (any && s != site))
				return TC_DG_NONE;
			site = s;
			any = true;
		}
	}
	return site;
}

static size_t add_site(builder *b, const char *label, bool transit)
{
	tc_dg *dg = b->dg;
	TC_GROW(dg->sites, dg->nsites + 1, b->capsites);
	dg->sites[dg->nsites] = (tc_dg_site){label, transit};
	return dg->nsites++;
}

static void build_sites(builder *b)
{
	const tc_model *m = b->m;
	size_t n = m->ndevs, nnets = 0;
	size_t *parent = tc_arena_alloc(b->a, (n + 1) * sizeof *parent);
	gw_net *nets = collect_nets(b, &nnets);
	net_index x;

	for (size_t i = 0; i < n; i++)
		parent[i] = i;
	for (size_t i = 1; i < nnets; i++)
		if (tc_prefix_cmp(nets[i - 1].net, nets[i].net) == 0)
			uf_union(parent, nets[i - 1].dev, nets[i].dev);
	net_index_build(b, &x, nets, nnets);
	for (size_t i = 0; i < n; i++)
		if (!is_gateway(m->devs[i]))
			host_join(parent, &x, m->devs[i]);

	/* the members of each component, ascending; its root is its lowest device */
	size_t *root = tc_arena_alloc(b->a, (n + 1) * sizeof *root);
	size_t *off = tc_arena_alloc(b->a, (n + 1) * sizeof *off);
	size_t *members = tc_arena_alloc(b->a, (n + 1) * sizeof *members);
	for (size_t i = 0; i < n; i++)
		off[(root[i] = uf_find(parent, i)) + 1]++;
	size_t *at = buckets(b, off, n);
	for (size_t i = 0; i < n; i++)
		members[at[root[i]]++] = i;

	/* sites: components holding a gateway, in order of their lowest device */
	for (size_t i = 0; i < n; i++)
		b->site_of[i] = TC_DG_NONE;
	for (size_t i = 0; i < n; i++) {
		if (root[i] != i)
			continue;
		const char *label = NULL;
		size_t ngw = 0;
		for (size_t k = off[i]; k < off[i + 1]; k++) {
			const tc_device *d = m->devs[members[k]];
			if (!is_gateway(d))
				continue;
			if (++ngw <= 3)
				label = label ? tc_arena_printf(b->a, "%s + %s", label, d->hostname)
					      : tc_arena_printf(b->a, "site %s", d->hostname);
		}
		if (ngw == 0)
			continue;
		if (ngw > 3)
			label = tc_arena_printf(b->a, "%s + %zu more", label, ngw - 3);
		for (size_t k = off[i]; k < off[i + 1]; k++)
			b->site_of[members[k]] = b->dg->nsites;
		add_site(b, label, false);
	}
	/* stubs: decided against the sites as they stand, so order does not matter */
	size_t *stub = tc_arena_alloc(b->a, (n + 1) * sizeof *stub);
	for (size_t i = 0; i < n; i++)
		stub[i] = b->site_of[i] == TC_DG_NONE ? stub_site(b, m->devs[i], b->site_of)
						      : b->site_of[i];
	memcpy(b->site_of, stub, n * sizeof *stub);
}

/* ---- claims ---------------------------------------------------------------- */

static void add_claim(builder *b, claim c)
{
	TC_GROW(b->claims, b->nclaims + 1, b->capclaims);
	b->claims[b->nclaims++] = c;
}

static bool seen_owner(const tc_domain *d, const tc_device *pdev, uint32_t addr)
{
	char ip[TC_IP_STRLEN];
	tc_ip_format(ip, sizeof ip, addr);
	for (size_t i = 0; i < d->nowners_seen; i++)
		if ((pdev && strcmp(d->owners_seen[i], pdev->hostname) == 0) ||
		    strcmp(d->owners_seen[i], ip) == 0)
			return true;
	return false;
}

static bool steady_owner(const tc_domain *d, const tc_device *pdev, uint32_t addr)
{
	if (d->has_owner_addr)
		return d->owner_addr == addr;
	return d->owner && d->owner == pdev;
}

/* A dynamic domain's tunnels: one per spoke proposing its pair, owned when the
 * spoke owns the domain, noted with the dynamic map entry that answers it. */
static void dynamic_claims(builder *b, const tc_domain *d)
{
	const char *note =
		tc_arena_printf(b->a, "dynamic %s %u", d->dyn_entry->map, d->dyn_entry->seq);
	for (size_t i = 0; i < d->nspokes; i++) {
		const tc_device *sp = d->spokes[i];
		bool owns =
			d->state == TC_STATE_OSCILLATING ? seen_owner(d, sp, 0) : d->owner == sp;
		claim c = {.a = d->device,
			   .b = sp,
			   .kind = owns ? TC_DG_OWNER : TC_DG_LISTED,
			   .state = d->state == TC_STATE_STANDBY ? TC_STATE_STABLE : d->state,
			   .l = d->local,
			   .r = d->remote,
			   .note = note,
			   .prio = 1,
			   .dom = d};
		add_claim(b, c);
	}
}

static void domain_claims(builder *b, const tc_domain *d)
{
	const tc_entry *e = d->entry;
	if (!d->device || !e)
		return;
	if (d->dyn_entry) {
		dynamic_claims(b, d);
		return;
	}
	for (unsigned i = 0; i < e->npeers; i++) {
		const tc_device *pdev = tc_device_by_addr(b->m, e->peers[i], NULL);
		if (pdev == d->device)
			continue;
		char ord[16];
		claim c = {.a = d->device,
			   .b = pdev,
			   .baddr = e->peers[i],
			   /* a standby line is the idle end of a stable pair: drawn with it */
			   .state = d->state == TC_STATE_STANDBY ? TC_STATE_STABLE : d->state,
			   .l = d->local,
			   .r = d->remote,
			   .prio = e->npeers,
			   .dom = d};
		const char *order =
			e->npeers >= 2 ? tc_arena_printf(b->a, "%s peer",
							 tc_render_ordinal(ord, sizeof ord, i + 1))
				       : NULL;
		bool claimed = false;
		if (d->nparts >= 2 && pdev) {
			/* each sub-range sits on the tunnel its return traffic takes */
			for (size_t k = 0; k < d->nparts; k++) {
				const tc_part *pt = &d->parts[k];
				if (!((pt->via == pdev && pt->rev_peer == d->device) ||
				      (pt->via == d->device && pt->rev_peer == pdev)))
					continue;
				claim s = c;
				s.kind = TC_DG_OWNER;
				s.l = pt->local;
				s.r = pt->remote;
				s.note = tc_arena_printf(b->a, "returns via %s", pt->via->hostname);
				add_claim(b, s);
				claimed = true;
			}
		} else if (d->state == TC_STATE_OSCILLATING ? seen_owner(d, pdev, e->peers[i])
							    : steady_owner(d, pdev, e->peers[i])) {
			c.kind = TC_DG_OWNER;
			c.note = order;
			add_claim(b, c);
			claimed = true;
		}
		if (!claimed) {
			c.kind = TC_DG_LISTED;
			c.note = order;
			add_claim(b, c);
		}
	}
}

/* ---- which devices a domain picture shows ----------------------------------- */

/* ev with its peer resolved: the predictor names the peer device when it
 * knows it and else gives only the address the entry lists, looked up here.
 * Every fact the pictures need is a field of the event (peer, peer_addr,
 * local/remote, hops); the event's text is never read. */
static tc_event event_detail(const builder *b, const tc_event *ev)
{
	tc_event x = *ev;
	if (!x.peer && x.has_peer_addr)
		x.peer = tc_device_by_addr(b->m, x.peer_addr, NULL);
	return x;
}

static void show(builder *b, const tc_device *d)
{
	if (d)
		b->shown[d->index] = true;
}

/* The devices a domain picture draws: the domain's device, its listed peers,
 * every device its first trace mentions, and the transit that links two of
 * them (a device sharing subnets with two or more shown devices). */
static void show_domain(builder *b, const tc_domain *d)
{
	show(b, d->device);
	for (unsigned i = 0; d->entry && i < d->entry->npeers; i++)
		show(b, tc_device_by_addr(b->m, d->entry->peers[i], NULL));
	for (size_t i = 0; i < d->nspokes; i++) /* a dynamic domain: its spokes */
		show(b, d->spokes[i]);
	const tc_trace *t = &d->traces[0];
	for (size_t i = 0; i < t->nevents; i++) {
		const tc_event evt = tc_trace_event(t, i), x = event_detail(b, &evt);
		show(b, evt.device);
		show(b, x.peer);
		for (size_t k = 0; k < x.nhops; k++)
			show(b, x.hops[k]);
	}
	size_t n = b->m->ndevs;
	bool *connector = tc_arena_alloc(b->a, n + 1);
	size_t *met =
		tc_arena_alloc(b->a, (n + 1) * sizeof *met); /* the device i that last counted k */
	for (size_t k = 0; k < n; k++)
		met[k] = TC_DG_NONE;
	for (size_t i = 0; i < n; i++) {
		if (b->shown[i])
			continue;
		size_t touches = 0;
		for (size_t li = b->link_off[i]; li < b->link_off[i + 1]; li++) {
			const tc_link *l = &b->m->links[b->dev_links[li]];
			for (size_t e = 0; e < l->nends; e++) {
				size_t k = l->ends[e].device->index;
				if (b->shown[k] && met[k] != i) {
					met[k] = i;
					touches++;
				}
			}
		}
		connector[i] = touches >= 2;
	}
	for (size_t i = 0; i < n; i++)
		b->shown[i] |= connector[i];
}

/* ---- collapse -------------------------------------------------------------- */

static int cmp_cstr(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* What each site's signature is made of: the links holding one of its
 * devices at link_v[link_off[s] .. link_off[s + 1]) (each once, in order)
 * and the claims with exactly one end in it at claim_v[claim_off[s] ..). */
typedef struct site_parts {
	size_t *link_off, *link_v, *claim_off, *claim_v;
} site_parts;

/* The sites of c's two ends, TC_DG_NONE for none and for both when they
 * are in one site (such a claim is no tunnel to the outside). */
static void claim_sites(const builder *b, const claim *c, size_t s[2])
{
	s[0] = b->site_of[c->a->index];
	s[1] = c->b ? b->site_of[c->b->index] : TC_DG_NONE;
	if (s[0] == s[1])
		s[0] = s[1] = TC_DG_NONE;
}

static void site_parts_build(builder *b, site_parts *sp, size_t ns)
{
	links_by(b, b->site_of, ns, &sp->link_off, &sp->link_v);
	sp->claim_off = tc_arena_alloc(b->a, (ns + 1) * sizeof *sp->claim_off);
	/* a claim counts for each end's site when they differ */
	for (size_t i = 0; i < b->nclaims; i++) {
		size_t s[2];
		claim_sites(b, &b->claims[i], s);
		for (int end = 0; end < 2; end++)
			if (s[end] != TC_DG_NONE)
				sp->claim_off[s[end] + 1]++;
	}
	size_t *at = buckets(b, sp->claim_off, ns);
	sp->claim_v = tc_arena_alloc(b->a, (sp->claim_off[ns] + 1) * sizeof *sp->claim_v);
	for (size_t i = 0; i < b->nclaims; i++) {
		size_t s[2];
		claim_sites(b, &b->claims[i], s);
		for (int end = 0; end < 2; end++)
			if (s[end] != TC_DG_NONE)
				sp->claim_v[at[s[end]]++] = i;
	}
}

/* How a signature names the device d at the far end of a link or tunnel (NULL:
 * the peer outside the snapshot at addr): by hostname, or, folded, by the node
 * it is drawn in (its site, the transit routers, the outside). */
static const char *sig_name(builder *b, const tc_device *d, uint32_t addr)
{
	if (!b->fold)
		return d ? d->hostname : ipstr(b, addr);
	if (!d)
		return "outside";
	size_t s = b->site_of[d->index];
	return s == TC_DG_NONE ? "transit" : tc_arena_printf(b->a, "site %zu", s);
}

/* A spoke site's signature: its outside neighbours and its tunnels to the
 * outside, sorted and joined. */
static const char *site_signature(builder *b, const site_parts *sp, size_t site)
{
	size_t n = 0, cap = 0;
	const char **items = NULL;
#define ITEM(...)                                                                                  \
	do {                                                                                       \
		TC_GROW(items, n + 1, cap);                                                        \
		items[n++] = tc_arena_printf(b->a, __VA_ARGS__);                                   \
	} while (0)
	for (size_t k = sp->link_off[site]; k < sp->link_off[site + 1]; k++) {
		const tc_link *l = &b->m->links[sp->link_v[k]];
		for (size_t e = 0; e < l->nends; e++)
			if (b->site_of[l->ends[e].device->index] != site)
				ITEM("link %s", sig_name(b, l->ends[e].device, 0));
	}
	for (size_t k = sp->claim_off[site]; k < sp->claim_off[site + 1]; k++) {
		const claim *c = &b->claims[sp->claim_v[k]];
		bool ain = b->site_of[c->a->index] == site;
		const char *other = ain ? sig_name(b, c->b, c->baddr) : sig_name(b, c->a, 0);
		ITEM("tunnel %s %d %d", other, (int)c->kind, (int)c->state);
	}
#undef ITEM
	qsort(items, n, sizeof *items, cmp_cstr);
	const char *sig = "";
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(items[i], items[i - 1]) != 0)
			sig = tc_arena_printf(b->a, "%s|%s", sig, items[i]);
	free(items);
	return sig;
}

typedef struct site_sig {
	const char *sig;
	size_t site;
} site_sig;

static int cmp_site_sig(const void *x, const void *y)
{
	const site_sig *p = x, *q = y;
	int c = strcmp(p->sig, q->sig);
	return c ? c : (p->site > q->site) - (p->site < q->site);
}

/* Per site: whether it holds a hub. */
static bool *hub_sites(builder *b)
{
	bool *hub = tc_arena_alloc(b->a, b->dg->nsites + 1);
	for (size_t i = 0; i < b->m->ndevs; i++)
		if (b->site_of[i] != TC_DG_NONE && is_hub(b->m->devs[i]))
			hub[b->site_of[i]] = true;
	return hub;
}

/* group_of[site]: the group (its first site) a collapsed site joins, else TC_DG_NONE. */
static size_t *plan_collapse(builder *b)
{
	size_t ns = b->dg->nsites, nspokes = 0;
	size_t *group_of = tc_arena_alloc(b->a, (ns + 1) * sizeof *group_of);
	bool *hub = hub_sites(b);
	site_sig *spokes = tc_arena_alloc(b->a, (ns + 1) * sizeof *spokes);
	unsigned limit = b->o->collapse ? b->o->collapse : TC_DG_COLLAPSE;
	for (size_t s = 0; s < ns; s++) {
		group_of[s] = TC_DG_NONE;
		if (!hub[s] && !b->dg->sites[s].transit)
			spokes[nspokes++].site = s;
	}
	if (b->o->domain || nspokes <= limit)
		return group_of;
	/* spokes with equal signatures side by side, the first site leading */
	site_parts sp;
	site_parts_build(b, &sp, ns);
	for (size_t k = 0; k < nspokes; k++)
		spokes[k].sig = site_signature(b, &sp, spokes[k].site);
	qsort(spokes, nspokes, sizeof *spokes, cmp_site_sig);
	for (size_t k = 0, end; k < nspokes; k = end) {
		for (end = k + 1; end < nspokes && strcmp(spokes[k].sig, spokes[end].sig) == 0;
		     end++)
			group_of[spokes[end].site] = spokes[k].site;
		if (end - k > 1)
			group_of[spokes[k].site] = spokes[k].site;
	}
	return group_of;
}

/* ---- nodes ----------------------------------------------------------------- */

static size_t add_node(builder *b, tc_dg_node n)
{
	tc_dg *dg = b->dg;
	TC_GROW(dg->nodes, dg->nnodes + 1, b->capnodes);
	dg->nodes[dg->nnodes] = n;
	return dg->nnodes++;
}

static int cmp_dg_net(const void *x, const void *y)
{
	return tc_prefix_cmp(((const tc_dg_net *)x)->net, ((const tc_dg_net *)y)->net);
}

static void device_nets(builder *b, tc_dg_node *n, const tc_device *d)
{
	size_t from = b->dom_off[d->index], to = b->dom_off[d->index + 1];
	tc_dg_net *v = NULL;
	size_t nv = 0;
	for (size_t i = from; i < to; i++) {
		const tc_domain *x = b->dev_doms[i];
		if ((b->o->domain && x != b->o->domain) || x->tunnel)
			continue; /* a tunnel end encrypts what is routed into it: no network */
		if (!v)
			v = tc_arena_alloc(b->a, (to - i) * sizeof *v);
		v[nv++] = (tc_dg_net){x->local, x->state};
	}
	if (nv > 1)
		qsort(v, nv, sizeof *v, cmp_dg_net);
	/* one per network, in the worst state of its domains */
	for (size_t i = 0; i < nv; i++) {
		if (n->nnets && tc_prefix_cmp(n->nets[n->nnets - 1].net, v[i].net) == 0)
			n->nets[n->nnets - 1].state =
				worst(n->nets[n->nnets - 1].state, v[i].state);
		else
			v[n->nnets++] = v[i];
		n->nets = v;
	}
}

static tc_dg_role role_of(const builder *b, const tc_device *d)
{
	if (is_hub(d))
		return TC_DG_HUB;
	if (is_gateway(d))
		return TC_DG_PEER;
	return b->site_of[d->index] == TC_DG_NONE ? TC_DG_TRANSIT : TC_DG_HOST;
}

static void build_nodes(builder *b, const size_t *group_of)
{
	const tc_model *m = b->m;
	size_t ns = b->dg->nsites, nd = m->ndevs;
	size_t transit = TC_DG_NONE, groups = TC_DG_NONE;
	for (size_t i = 0; i < nd; i++)
		if (b->shown[i] && b->site_of[i] == TC_DG_NONE && transit == TC_DG_NONE)
			transit = add_site(b, "transit", true);
	for (size_t s = 0; s < ns; s++)
		if (group_of[s] == s && groups == TC_DG_NONE)
			groups = add_site(b, "spoke sites, collapsed", false);

	/* the devices of each site ascending, those of none in bucket ns; the
	 * sites of each group ascending, in the bucket of its first site */
	size_t *dev_off = tc_arena_alloc(b->a, (ns + 2) * sizeof *dev_off);
	size_t *devs = tc_arena_alloc(b->a, (nd + 1) * sizeof *devs);
	size_t *grp_off = tc_arena_alloc(b->a, (ns + 1) * sizeof *grp_off);
	size_t *grp = tc_arena_alloc(b->a, (ns + 1) * sizeof *grp);
	for (size_t i = 0; i < nd; i++)
		dev_off[(b->site_of[i] == TC_DG_NONE ? ns : b->site_of[i]) + 1]++;
	size_t *at = buckets(b, dev_off, ns + 1);
	for (size_t i = 0; i < nd; i++)
		devs[at[b->site_of[i] == TC_DG_NONE ? ns : b->site_of[i]]++] = i;
	for (size_t s = 0; s < ns; s++)
		if (group_of[s] != TC_DG_NONE)
			grp_off[group_of[s] + 1]++;
	at = buckets(b, grp_off, ns);
	for (size_t s = 0; s < ns; s++)
		if (group_of[s] != TC_DG_NONE)
			grp[at[group_of[s]]++] = s;

	for (size_t i = 0; i < nd; i++)
		b->node_of[i] = TC_DG_NONE;
	/* sites in order, then transit, then groups: devices by hostname inside */
	for (size_t s = 0; s <= ns; s++) {
		if (s < ns && group_of[s] != TC_DG_NONE)
			continue;
		for (size_t k = dev_off[s]; k < dev_off[s + 1]; k++) {
			size_t i = devs[k];
			const tc_device *d = m->devs[i];
			if (!b->shown[i])
				continue;
			tc_dg_node n = {.kind = TC_DG_DEVICE,
					.id = d->hostname,
					.name = d->hostname,
					.dev = d,
					.role = role_of(b, d),
					.site = s == ns ? transit : s};
			device_nets(b, &n, d);
			b->node_of[i] = add_node(b, n);
		}
	}
	for (size_t s = 0; s < ns; s++) {
		if (group_of[s] != s)
			continue;
		tc_dg_node n = {.kind = TC_DG_GROUP, .site = groups};
		size_t node = add_node(b, n);
		tc_dg_node *g = &b->dg->nodes[node];
		for (size_t k = grp_off[s]; k < grp_off[s + 1]; k++) {
			size_t t = grp[k];
			g->nsites++;
			for (size_t j = dev_off[t]; j < dev_off[t + 1]; j++) {
				size_t i = devs[j];
				g->ndevs++;
				b->node_of[i] = node;
				if (!g->first)
					g->first = m->devs[i]->hostname;
				g->last = m->devs[i]->hostname;
				for (size_t x = b->dom_off[i]; x < b->dom_off[i + 1]; x++)
					g->nstate[b->dev_doms[x]->state]++;
			}
		}
		g->id = tc_arena_printf(b->a, "group_%s", g->first);
		g->name = tc_arena_printf(b->a, "%zu spoke sites", g->nsites);
	}
}

/* Folded, every peer outside the snapshot is drawn in one node that counts them, in
 * the middle column (fold_ranks() has run by the time claims are placed). */
static size_t folded_external(builder *b)
{
	if (b->outside_node == TC_DG_NONE)
		b->outside_node = add_node(b, (tc_dg_node){.kind = TC_DG_EXTERNAL,
							   .id = "peers_outside",
							   .site = TC_DG_NONE,
							   .rank = 1});
	tc_dg_node *n = &b->dg->nodes[b->outside_node];
	n->ndevs++;
	n->name = tc_arena_printf(b->a, "%zu address%s", n->ndevs, n->ndevs == 1 ? "" : "es");
	return b->outside_node;
}

static size_t external_node(builder *b, uint32_t addr)
{
	size_t *slot = map_slot(b, &b->externals, (dg_key){addr, 0, 0});
	if (*slot != TC_DG_NONE)
		return *slot;
	if (b->fold)
		return *slot = folded_external(b);
	const char *ip = ipstr(b, addr);
	const char *id = tc_arena_printf(b->a, "peer_%s", ip);
	if (b->outside == TC_DG_NONE)
		b->outside = add_site(b, "outside the snapshot", true);
	/* the slot first: add_node does not touch the map */
	return *slot = add_node(b, (tc_dg_node){.kind = TC_DG_EXTERNAL,
						.id = id,
						.name = ip,
						.site = b->outside});
}

/* ---- folding ---------------------------------------------------------------
 *
 * A whole-network picture of more than o->max_nodes nodes is built again
 * folded: one node per site (its LAN routers and hosts inside), one for the
 * transit routers, one for the peers outside the snapshot. Level 1 groups
 * the spoke sites whose tunnels and links lead to the same nodes (the
 * signature of the collapse, with sites in place of hostnames); level 2, when
 * level 1 is still too many nodes, groups the spoke sites by the states of
 * their domains, each hub site still drawn; level 3 groups the hub sites so
 * too, which bounds the picture whatever the snapshot: at most two roles
 * times the sets of states. A level fits when it has at most max_nodes
 * nodes, at most half of them in one column. Dot lays out a few dozen nodes in a blink;
 * thousands of devices in clusters took it tens of seconds. */

/* Folded, lead[site]: the first site of the node the site is drawn in. */
static size_t *plan_fold(builder *b)
{
	size_t ns = b->dg->nsites;
	size_t *lead = tc_arena_alloc(b->a, (ns + 1) * sizeof *lead);
	if (b->fold == 1) {
		const size_t *group_of = plan_collapse(b);
		for (size_t s = 0; s < ns; s++)
			lead[s] = group_of[s] != TC_DG_NONE ? group_of[s] : s;
		return lead;
	}
	/* the states of each site's domains, as a bit set */
	unsigned *mask = tc_arena_alloc(b->a, (ns + 1) * sizeof *mask);
	for (size_t i = 0; i < b->m->ndevs; i++)
		for (size_t k = b->dom_off[i]; b->site_of[i] != TC_DG_NONE && k < b->dom_off[i + 1];
		     k++)
			mask[b->site_of[i]] |= 1u << b->dev_doms[k]->state;
	const bool *hub = hub_sites(b);
	size_t first[2][1u << TC_STATE_COUNT];
	for (size_t r = 0; r < 2; r++)
		for (size_t k = 0; k < 1u << TC_STATE_COUNT; k++)
			first[r][k] = TC_DG_NONE;
	for (size_t s = 0; s < ns; s++) {
		size_t *f = &first[hub[s]][mask[s]];
		if (hub[s] && b->fold < 3) {
			lead[s] = s;
			continue;
		}
		if (*f == TC_DG_NONE)
			*f = s;
		lead[s] = *f;
	}
	return lead;
}

/* What a folded node of several sites is called. */
static const char *fold_name(builder *b, const tc_dg_node *n, size_t site)
{
	if (n->nsites == 1)
		return b->dg->sites[site].label;
	return tc_arena_printf(b->a, "%zu %s sites", n->nsites,
			       n->role == TC_DG_HUB ? "hub" : "spoke");
}

/* Add device i to the folded node g. */
static void fold_device(builder *b, tc_dg_node *g, size_t i)
{
	g->ndevs++;
	if (!g->first)
		g->first = b->m->devs[i]->hostname;
	g->last = b->m->devs[i]->hostname;
	for (size_t x = b->dom_off[i]; x < b->dom_off[i + 1]; x++)
		g->nstate[b->dev_doms[x]->state]++;
}

static void build_folded_nodes(builder *b)
{
	const tc_model *m = b->m;
	size_t ns = b->dg->nsites, transit = TC_DG_NONE;
	const size_t *lead = plan_fold(b);
	const bool *hub = hub_sites(b);
	size_t *node_of_site = tc_arena_alloc(b->a, (ns + 1) * sizeof *node_of_site);
	for (size_t s = 0; s < ns; s++) {
		if (lead[s] == s)
			node_of_site[s] =
				add_node(b, (tc_dg_node){.kind = TC_DG_GROUP,
							 .role = hub[s] ? TC_DG_HUB : TC_DG_PEER,
							 .site = TC_DG_NONE});
		else
			node_of_site[s] = node_of_site[lead[s]];
		b->dg->nodes[node_of_site[s]].nsites++;
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		if (b->site_of[i] == TC_DG_NONE && transit == TC_DG_NONE)
			transit = add_node(b, (tc_dg_node){.kind = TC_DG_GROUP,
							   .name = "transit",
							   .site = TC_DG_NONE});
		b->node_of[i] = b->site_of[i] == TC_DG_NONE ? transit : node_of_site[b->site_of[i]];
		fold_device(b, &b->dg->nodes[b->node_of[i]], i);
	}
	for (size_t s = 0; s < ns; s++) {
		tc_dg_node *g = &b->dg->nodes[node_of_site[s]];
		if (lead[s] == s)
			g->name = fold_name(b, g, s);
	}
	for (size_t k = 0; k < b->dg->nnodes; k++)
		b->dg->nodes[k].id = tc_arena_printf(b->a, "group_%s", b->dg->nodes[k].first);
}

/* Whether dg is small enough for limit nodes. Folded, no column (rank) may hold more
 * than half of them either: a column of 60 hub sites is taller than 8 000 px. */
static bool fits(const tc_dg *dg, size_t limit)
{
	if (dg->nnodes > limit)
		return false;
	size_t per_rank[3] = {0};
	for (size_t i = 0; dg->folded && i < dg->nnodes; i++)
		if (++per_rank[dg->nodes[i].rank] > limit / 2)
			return false;
	return true;
}

/* The caption of a folded picture: what was folded and how to see the rest. */
static void fold_note(builder *b, size_t limit)
{
	size_t ns = 0;
	for (size_t k = 0; k < b->dg->nnodes; k++)
		if (b->dg->nodes[k].kind == TC_DG_GROUP)
			ns += b->dg->nodes[k].nsites;
	b->dg->note = tc_arena_printf(
		b->a,
		"over %zu nodes, folded to %zu: %zu devices, %zu sites; one node per site, "
		"%s, LAN and transit routers inside; one edge per pair of nodes with counts",
		limit, b->dg->nnodes, b->m->ndevs, ns,
		b->fold == 1   ? "spoke sites with the same tunnels grouped"
		: b->fold == 2 ? "spoke sites grouped by the states of their domains"
			       : "sites grouped by role and the states of their domains");
	b->dg->caption = tc_arena_printf(
		b->a,
		"Folded: %s. One domain in detail: tunnelcast diagram --domain ID; more nodes: "
		"--max-nodes N (or all).",
		b->dg->note);
}

/* ---- links ----------------------------------------------------------------- */

static void add_link(builder *b, size_t x, size_t y, const char *label)
{
	tc_dg *dg = b->dg;
	size_t a = x < y ? x : y, c = x < y ? y : x;
	if (dg->nodes[a].kind == TC_DG_GROUP || dg->nodes[c].kind == TC_DG_GROUP) {
		size_t *slot = map_slot(b, &b->pairs, (dg_key){a, c, 0});
		if (*slot != TC_DG_NONE) {
			tc_dg_link *l = &dg->links[*slot];
			/* "5.100.1.0/30" then "2 links", "3 links", ... */
			size_t k = strchr(l->label, '/') ? 1 : strtoul(l->label, NULL, 10);
			l->label = tc_arena_printf(b->a, "%zu links", k + 1);
			return;
		}
		*slot = dg->nlinks;
	}
	TC_GROW(dg->links, dg->nlinks + 1, b->caplinks);
	dg->links[dg->nlinks++] = (tc_dg_link){a, c, label};
}

static void build_links(builder *b)
{
	size_t nnodes = b->dg->nnodes, most = 0;
	size_t *last =
		tc_arena_alloc(b->a, (nnodes + 1) * sizeof *last); /* the link it last ended */
	for (size_t i = 0; i < nnodes; i++)
		last[i] = TC_DG_NONE;
	for (size_t k = 0; k < b->m->nlinks; k++)
		if (b->m->links[k].nends > most)
			most = b->m->links[k].nends;
	size_t *ends = tc_arena_alloc(b->a, (most + 1) * sizeof *ends);
	for (size_t k = 0; k < b->m->nlinks; k++) {
		const tc_link *l = &b->m->links[k];
		size_t n = 0;
		for (size_t e = 0; e < l->nends; e++) {
			size_t node = b->node_of[l->ends[e].device->index];
			if (node != TC_DG_NONE && last[node] != k) {
				last[node] = k;
				ends[n++] = node;
			}
		}
		if (n < 2)
			continue;
		const char *subnet = pfx(b, l->subnet);
		if (n == 2) {
			add_link(b, ends[0], ends[1], subnet);
		} else {
			size_t site = b->dg->nodes[ends[0]].site;
			for (size_t j = 1; j < n; j++)
				if (b->dg->nodes[ends[j]].site != site)
					site = TC_DG_NONE;
			size_t hub = add_node(
				b, (tc_dg_node){.kind = TC_DG_SUBNET,
						.id = tc_arena_printf(b->a, "link_%s", subnet),
						.name = subnet,
						.site = site});
			for (size_t e = 0; e < l->nends; e++) {
				size_t node = b->node_of[l->ends[e].device->index];
				if (node == TC_DG_NONE)
					continue;
				tc_dg *dg = b->dg;
				TC_GROW(dg->links, dg->nlinks + 1, b->caplinks);
				dg->links[dg->nlinks++] =
					(tc_dg_link){node, hub,
						     b->dg->nodes[node].kind == TC_DG_GROUP
							     ? ""
							     : ipstr(b, l->ends[e].iface->addr)};
			}
		}
	}
}

/* Orient the links from the lower rank: dot ranks an undirected graph by tail and head. */
static void orient_links(tc_dg *dg)
{
	for (size_t i = 0; i < dg->nlinks; i++) {
		tc_dg_link *l = &dg->links[i];
		if (dg->nodes[l->a].rank > dg->nodes[l->b].rank) {
			size_t t = l->a;
			l->a = l->b;
			l->b = t;
		}
	}
}

/* Folded ranks are fixed: hub sites, then the transit (and subnets, peers outside),
 * then the spoke sites, three columns whatever the links say. */
static void fold_ranks(builder *b)
{
	tc_dg *dg = b->dg;
	for (size_t i = 0; i < dg->nnodes; i++)
		dg->nodes[i].rank = dg->nodes[i].role == TC_DG_HUB    ? 0
				    : dg->nodes[i].role == TC_DG_PEER ? 2
								      : 1;
	orient_links(dg);
}

/* Rank hints: breadth-first hops over the links from the first hub (else
 * the first gateway, else the first node), the hub's own site's hosts
 * counted negative so the site's inside is drawn on the far side of its
 * gateway, as in the founding write-up (R5 - ASA - R4 - R2/R3 - R6). Other
 * components start again from their first node. Links are then oriented
 * from the lower rank: dot ranks an undirected graph by tail and head. */
static void rank_nodes(builder *b)
{
	tc_dg *dg = b->dg;
	if (b->fold) {
		fold_ranks(b);
		return;
	}
	size_t n = dg->nnodes, root = TC_DG_NONE;
	size_t *queue = tc_arena_alloc(b->a, (n + 1) * sizeof *queue);
	bool *seen = tc_arena_alloc(b->a, n + 1);
	/* each node's neighbours in link order, as a scan of the links meets them */
	size_t *off = tc_arena_alloc(b->a, (n + 1) * sizeof *off);
	size_t *adj = tc_arena_alloc(b->a, (2 * dg->nlinks + 1) * sizeof *adj);
	for (size_t i = 0; i < dg->nlinks; i++) {
		off[dg->links[i].a + 1]++;
		off[dg->links[i].b + 1]++;
	}
	size_t *at = buckets(b, off, n);
	for (size_t i = 0; i < dg->nlinks; i++) {
		adj[at[dg->links[i].a]++] = dg->links[i].b;
		adj[at[dg->links[i].b]++] = dg->links[i].a;
	}
	/* only devices and folded sites have a role */
	for (size_t i = 0; i < n && root == TC_DG_NONE; i++)
		if (dg->nodes[i].role == TC_DG_HUB)
			root = i;
	for (size_t i = 0; i < n && root == TC_DG_NONE; i++)
		if (dg->nodes[i].role == TC_DG_PEER)
			root = i;
	for (size_t start = root == TC_DG_NONE ? 0 : root, k = 0; k < n; start = k++) {
		if (start >= n || seen[start])
			continue;
		size_t head = 0, tail = 0;
		queue[tail++] = start;
		seen[start] = true;
		dg->nodes[start].rank = 0;
		while (head < tail) {
			size_t u = queue[head++];
			for (size_t j = off[u]; j < off[u + 1]; j++) {
				size_t v = adj[j];
				if (seen[v])
					continue;
				seen[v] = true;
				dg->nodes[v].rank = dg->nodes[u].rank + 1;
				queue[tail++] = v;
			}
		}
		if (start != root)
			continue;
		for (size_t i = 0; i < n; i++) {
			tc_dg_node *x = &dg->nodes[i];
			bool gw = x->kind == TC_DG_DEVICE &&
				  (x->role == TC_DG_HUB || x->role == TC_DG_PEER);
			if (i != root && seen[i] && !gw && x->site != TC_DG_NONE &&
			    x->site == dg->nodes[root].site)
				x->rank = -x->rank;
		}
	}
	orient_links(dg);
}

/* ---- tunnels --------------------------------------------------------------- */

static tc_dg_tunnel *tunnel_get(builder *b, size_t x, size_t y, tc_dg_tunnel_kind kind,
				tc_state state, unsigned step)
{
	tc_dg *dg = b->dg;
	size_t a = x < y ? x : y, c = x < y ? y : x;
	/* folded: one edge per pair of nodes, the owner's style if any claim owns,
	 * the colour of the worst state */
	uint64_t z = b->fold ? 0 : (uint64_t)step << 16 | (uint64_t)kind << 8 | state;
	size_t *slot = map_slot(b, &b->tunnels, (dg_key){a, c, z});
	if (*slot != TC_DG_NONE) {
		tc_dg_tunnel *t = &dg->tunnels[*slot];
		if (kind == TC_DG_OWNER)
			t->kind = TC_DG_OWNER;
		t->state = worst(t->state, state);
		dg->states[state] = true;
		return t;
	}
	*slot = dg->ntunnels;
	TC_GROW(dg->tunnels, dg->ntunnels + 1, b->captunnels);
	tc_dg_tunnel *t = &dg->tunnels[dg->ntunnels++];
	*t = (tc_dg_tunnel){.a = a, .b = c, .kind = kind, .state = state, .step = step};
	dg->states[state] = true;
	return t;
}

static uint64_t prefix_key(tc_prefix p)
{
	return (uint64_t)p.addr << 8 | p.len;
}

/* Add proxy pair (l, r) as node t->a sees it, keeping the note of the
 * claim with the higher priority. */
static void tunnel_line(builder *b, tc_dg_tunnel *t, tc_prefix l, tc_prefix r, const char *note,
			unsigned prio)
{
	size_t *slot =
		map_slot(b, &b->lines,
			 (dg_key){(uint64_t)(t - b->dg->tunnels), prefix_key(l), prefix_key(r)});
	if (*slot != TC_DG_NONE) {
		tc_dg_line *x = b->line_v[*slot];
		if (note && (!x->note || prio > x->prio)) {
			x->note = note;
			x->prio = prio;
		}
		return;
	}
	*slot = b->nlines;
	tc_dg_line *x = tc_arena_alloc(b->a, sizeof *x);
	TC_GROW(b->line_v, b->nlines + 1, b->caplines);
	b->line_v[b->nlines++] = x;
	x->l = l;
	x->r = r;
	x->note = note;
	x->prio = prio;
	if (t->tail)
		t->tail->next = x;
	else
		t->lines = x;
	t->tail = x;
	t->nlines++;
}

/* The two ends of c, whichever way round, so that the two mirrored claims
 * of an SA get one key; a peer outside the snapshot is told by its address. */
static dg_key pair_key(size_t tunnel, const claim *c)
{
	if (!c->b)
		return (dg_key){tunnel, (uint64_t)1 << 32 | c->a->index, c->baddr};
	unsigned x = c->a->index, y = c->b->index;
	return (dg_key){tunnel, x < y ? x : y, x < y ? y : x};
}

static void place_claims(builder *b)
{
	for (size_t i = 0; i < b->nclaims; i++) {
		const claim *c = &b->claims[i];
		size_t na = b->node_of[c->a->index];
		size_t nb = c->b ? b->node_of[c->b->index] : external_node(b, c->baddr);
		if (na == TC_DG_NONE || nb == TC_DG_NONE || na == nb)
			continue;
		tc_dg_tunnel *t = tunnel_get(b, na, nb, c->kind, c->state, c->step);
		bool fwd = t->a == na;
		if (b->fold && c->dom) {
			/* folded, the edge counts domains: a proxy pair per line would be thousands */
			size_t *dom = map_slot(b, &b->carried,
					       (dg_key){(size_t)(t - b->dg->tunnels),
							(uint64_t)(c->dom - b->p->domains), 0});
			if (*dom == TC_DG_NONE) {
				*dom = i;
				t->nstate[c->dom->state]++;
			}
		} else {
			tunnel_line(b, t, fwd ? c->l : c->r, fwd ? c->r : c->l, c->note, c->prio);
		}
		/* count distinct device pairs: the two mirrored claims of an SA are one */
		size_t *seen = map_slot(b, &b->counted, pair_key((size_t)(t - b->dg->tunnels), c));
		if (*seen == TC_DG_NONE) {
			*seen = i;
			t->count++;
		}
	}
}

/* ---- steps ----------------------------------------------------------------- */

typedef struct sa_rec {
	const tc_device *a, *b; /* b NULL: outside the snapshot, at baddr */
	uint32_t baddr;
	tc_prefix l, r; /* as a sees it */
	unsigned step;	/* the event that brought it up */
	bool gone;
} sa_rec;

static bool sa_same(const sa_rec *s, const tc_device *d, const tc_event *x)
{
	if (s->gone)
		return false;
	bool ends =
		(s->a == d && (x->peer ? s->b == x->peer : !s->b && s->baddr == x->peer_addr)) ||
		(x->peer && s->a == x->peer && s->b == d);
	if (!ends || !x->has_proxy)
		return ends;
	if (s->a == d)
		return !tc_prefix_cmp(s->l, x->local) && !tc_prefix_cmp(s->r, x->remote);
	return !tc_prefix_cmp(s->l, x->remote) && !tc_prefix_cmp(s->r, x->local);
}

static void add_arrow(builder *b, const tc_device *from, const tc_device *to, tc_dg_arrow_kind kind,
		      unsigned step, bool current)
{
	if (!from || !to)
		return;
	size_t f = b->node_of[from->index], t = b->node_of[to->index];
	if (f == TC_DG_NONE || t == TC_DG_NONE || f == t)
		return;
	tc_dg *dg = b->dg;
	TC_GROW(dg->arrows, dg->narrows + 1, b->caparrows);
	dg->arrows[dg->narrows++] = (tc_dg_arrow){f, t, kind, step, current, false};
}

static void build_steps(builder *b, const tc_domain *d, size_t k)
{
	const tc_trace *t = &d->traces[0];
	sa_rec *sas = tc_arena_alloc(b->a, (t->nevents + 1) * sizeof *sas);
	size_t nsas = 0, flow = 0;
	for (size_t i = 0; i < k; i++) {
		const tc_event evt = tc_trace_event(t, i), *ev = &evt, x = event_detail(b, ev);
		if (ev->kind == TC_EV_SEND || (ev->kind == TC_EV_INFO && i + 1 < k))
			flow = i;
		if (ev->kind == TC_EV_SA_UP && ev->device && (x.peer || x.has_peer_addr)) {
			bool dup = false;
			for (size_t j = 0; j < nsas && !dup; j++)
				dup = sa_same(&sas[j], ev->device, &x);
			if (!dup)
				sas[nsas++] = (sa_rec){ev->device,
						       x.peer,
						       x.peer_addr,
						       x.has_proxy ? x.local : d->local,
						       x.has_proxy ? x.remote : d->remote,
						       ev->step ? ev->step : (unsigned)i + 1,
						       false};
		} else if (ev->kind == TC_EV_SA_DROP && ev->device) {
			for (size_t j = 0; j < nsas; j++) {
				if (!sa_same(&sas[j], ev->device, &x))
					continue;
				sas[j].gone = true;
				if (i + 1 == k) {
					/* drawn once more, as dropped */
					claim c = {.a = sas[j].a,
						   .b = sas[j].b,
						   .baddr = sas[j].baddr,
						   .kind = TC_DG_DROPPED,
						   .state = TC_STATE_DOWN,
						   .l = sas[j].l,
						   .r = sas[j].r,
						   .note = tc_arena_printf(
							   b->a, "dropped at step %zu", k),
						   .step = (unsigned)k};
					add_claim(b, c);
				}
			}
		}
	}
	for (size_t j = 0; j < nsas; j++) {
		if (sas[j].gone)
			continue;
		claim c = {.a = sas[j].a,
			   .b = sas[j].b,
			   .baddr = sas[j].baddr,
			   .kind = TC_DG_SA,
			   .state = TC_STATE_STABLE,
			   .l = sas[j].l,
			   .r = sas[j].r,
			   .note = tc_arena_printf(b->a, "SA up at step %u", sas[j].step)};
		add_claim(b, c);
	}
	/* listed peers with no SA up: dashed, with their place in the list */
	const tc_entry *e = d->entry;
	for (unsigned i = 0; e && i < e->npeers; i++) {
		const tc_device *pdev = tc_device_by_addr(b->m, e->peers[i], NULL);
		tc_event x = {.peer = pdev, .peer_addr = e->peers[i], .has_peer_addr = true};
		bool up = false;
		for (size_t j = 0; j < nsas && !up; j++)
			up = sa_same(&sas[j], d->device, &x);
		if (up || pdev == d->device)
			continue;
		char ord[16];
		claim c = {.a = d->device,
			   .b = pdev,
			   .baddr = e->peers[i],
			   .kind = TC_DG_LISTED,
			   .state = TC_STATE_STABLE,
			   .l = d->local,
			   .r = d->remote,
			   .prio = e->npeers,
			   .note = tc_arena_printf(b->a, "%s peer, no SA",
						   tc_render_ordinal(ord, sizeof ord, i + 1))};
		add_claim(b, c);
	}
	place_claims(b);

	/* the packet's way since it was sent */
	for (size_t i = flow; i < k; i++) {
		const tc_event evt = tc_trace_event(t, i), *ev = &evt;
		bool cur = i + 1 == k;
		unsigned step = ev->step ? ev->step : (unsigned)i + 1;
		const tc_event x = event_detail(b, ev);
		switch (ev->kind) {
		case TC_EV_FORWARD:
			for (size_t h = 1; h < x.nhops; h++)
				add_arrow(b, x.hops[h - 1], x.hops[h], TC_DG_CLEAR, step, cur);
			break;
		case TC_EV_INITIATE:
			add_arrow(b, ev->device, x.peer, TC_DG_IKE, step, cur);
			break;
		case TC_EV_REJECT:
			for (size_t j = b->dg->narrows; j-- > 0;)
				if (b->dg->arrows[j].kind == TC_DG_IKE) {
					b->dg->arrows[j].failed = true;
					b->dg->arrows[j].current |= cur;
					break;
				}
			break;
		case TC_EV_DECRYPT:
			add_arrow(b, x.peer, ev->device, TC_DG_ESP, step, cur);
			break;
		default:
			break;
		}
	}
	const tc_event evt = tc_trace_event(t, k - 1), *ev = &evt;
	const tc_device *here = ev->device;
	if (ev->kind == TC_EV_FORWARD)
		here = ev->nhops ? ev->hops[ev->nhops - 1] : NULL;
	if (here && b->node_of[here->index] != TC_DG_NONE)
		b->dg->nodes[b->node_of[here->index]].current = true;
}

/* ---- titles ---------------------------------------------------------------- */

static const char *counts_title(builder *b)
{
	const tc_prediction *p = b->p;
	size_t nd = p ? p->ndomains : 0;
	const char *s = tc_arena_printf(b->a, "%zu device%s, %zu domain%s", b->m->ndevs,
					b->m->ndevs == 1 ? "" : "s", nd, nd == 1 ? "" : "s");
	const char *sep = ": ";
	for (int st = 0; p && st < TC_STATE_COUNT; st++) {
		if (!p->nstate[st])
			continue;
		s = tc_arena_printf(b->a, "%s%s%zu %s", s, sep, p->nstate[st], tc_state_name(st));
		sep = ", ";
	}
	return s;
}

static const char *domain_title(builder *b, const tc_domain *d)
{
	char id[TC_DOMAIN_ID_MAX];
	const char *owner = tc_render_owners_cell(b->a, d, true);
	bool none = strcmp(owner, "-") == 0;
	size_t row = 0;
	for (size_t i = 0; i < b->ndoms; i++)
		if (b->doms[i] == d)
			row = i + 1;
	return tc_arena_printf(b->a, "%zu. %s: %s%s%s", row, tc_render_domain_id(id, sizeof id, d),
			       tc_render_state_cell(b->a, d), none ? ", no owner" : ", owner ",
			       none ? "" : owner);
}

/* ---- indexes ---------------------------------------------------------------- */

/* Each device's links and domains, so that nothing below scans all links
 * or all domains once per device. */
static void build_index(builder *b)
{
	const tc_model *m = b->m;
	size_t n = m->ndevs;
	links_by(b, NULL, n, &b->link_off, &b->dev_links);
	b->dom_off = tc_arena_alloc(b->a, (n + 1) * sizeof *b->dom_off);
	size_t nd = b->p ? b->p->ndomains : 0;
	for (size_t i = 0; i < nd; i++)
		if (b->p->domains[i].device)
			b->dom_off[b->p->domains[i].device->index + 1]++;
	size_t *at = buckets(b, b->dom_off, n);
	b->dev_doms = tc_arena_alloc(b->a, (b->dom_off[n] + 1) * sizeof *b->dev_doms);
	for (size_t i = 0; i < nd; i++)
		if (b->p->domains[i].device)
			b->dev_doms[at[b->p->domains[i].device->index]++] = &b->p->domains[i];
}

/* ---- entry point ----------------------------------------------------------- */

void tc_dg_free(tc_dg *dg)
{
	if (!dg)
		return;
	free(dg->sites);
	free(dg->nodes);
	free(dg->links);
	free(dg->tunnels);
	free(dg->arrows);
	tc_arena_free(dg->arena);
}

/* One attempt at the picture, folded as b->fold says; b->dg is its result. */
static int build(builder *b, char *err, size_t errlen)
{
	const tc_model *m = b->m;
	tc_arena *a = tc_arena_new();
	if (!a)
		return TC_ENOMEM;
	b->a = a;
	dg_map *maps[] = {&b->externals, &b->pairs,   &b->tunnels,
			  &b->lines,	 &b->counted, &b->carried};
	for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
		dg_map_init(maps[i], 0, tc_arena_alloc_cb, a);
	b->dg = tc_arena_alloc(a, sizeof *b->dg);
	b->dg->arena = a;
	b->dg->folded = b->fold;
	const tc_domain *dom = b->o->domain;
	size_t step = dom ? b->o->step : 0;
	if (step > tc_render_nsteps(dom)) {
		if (err && errlen)
			snprintf(err, errlen, "step %zu is past the end of the trace (%zu events)",
				 step, tc_render_nsteps(dom));
		return TC_ERROR;
	}

	size_t n = m->ndevs + 1;
	b->site_of = tc_arena_alloc(a, n * sizeof *b->site_of);
	b->node_of = tc_arena_alloc(a, n * sizeof *b->node_of);
	b->shown = tc_arena_alloc(a, n * sizeof *b->shown);
	build_index(b);
	build_sites(b);
	if (dom) {
		show_domain(b, dom);
	} else {
		for (size_t i = 0; i < m->ndevs; i++)
			b->shown[i] = true;
	}
	if (!step) {
		for (size_t i = 0; i < b->ndoms; i++)
			if (!dom || b->doms[i] == dom)
				domain_claims(b, b->doms[i]);
	}
	if (b->fold)
		build_folded_nodes(b);
	else
		build_nodes(b, plan_collapse(b));
	build_links(b);
	rank_nodes(b);
	if (step) {
		b->dg->steps = true;
		build_steps(b, dom, step);
		const tc_event evt = tc_trace_event(&dom->traces[0], step - 1), *ev = &evt;
		char id[TC_DOMAIN_ID_MAX];
		b->dg->title = tc_arena_printf(a, "%s: step %zu of %zu",
					       tc_render_domain_id(id, sizeof id, dom), step,
					       tc_render_nsteps(dom));
		b->dg->caption = tc_arena_printf(
			a, "%s%s%s%s%s%s", ev->device ? "[" : "",
			ev->device ? tc_render_cut(a, ev->device->hostname, TC_LABEL_NAME_MAX) : "",
			ev->device ? "] " : "", ev->text ? ev->text : "", ev->rule ? "  " : "",
			ev->rule ? ev->rule : "");
	} else {
		place_claims(b);
		b->dg->title = dom ? domain_title(b, dom) : counts_title(b);
		if (dom && dom->summary)
			b->dg->caption = tc_arena_strdup(a, dom->summary);
	}
	return 0;
}

int tc_dg_build(tc_dg **out, const tc_model *m, const tc_prediction *p, const tc_diagram_opts *o,
		char *err, size_t errlen)
{
	static const tc_diagram_opts defaults = {0};
	if (!o)
		o = &defaults;
	size_t limit = o->max_nodes ? o->max_nodes : TC_DIAGRAM_MAX_NODES;
	const tc_domain **doms = NULL;
	int rc = 0;

	*out = NULL;
	if (err && errlen)
		err[0] = '\0';
	/* a step picture neither claims per domain nor numbers rows: no sort */
	bool step = o->domain && o->step;
	if (!step)
		doms = tc_render_domains(p);
	/* the whole network folds, level by level, while it has too many nodes */
	for (unsigned fold = 0; fold <= 3; fold++) {
		builder b = {.m = m,
			     .p = p,
			     .o = o,
			     .fold = fold,
			     .doms = doms,
			     .ndoms = p && !step ? p->ndomains : 0,
			     .outside = TC_DG_NONE,
			     .outside_node = TC_DG_NONE};
		rc = build(&b, err, errlen);
		free(b.claims);
		free(b.line_v);
		if (rc == 0 && fold < 3 && !o->domain && !fits(b.dg, limit)) {
			tc_dg_free(b.dg);
			continue;
		}
		if (rc != 0) {
			tc_dg_free(b.dg);
			break;
		}
		if (fold)
			fold_note(&b, limit);
		*out = b.dg;
		break;
	}
	free(doms);
	return rc;
}
