/* walk.c: the packet walk: route lookups (with failures and reverse routes), NAT in front of the
 * crypto map, hop by hop. */
#include "predict_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- failures -------------------------------------------------------------- */

static bool iface_failed(const sim *s, const tc_iface *i)
{
	for (size_t k = 0; k < s->opts->nfail_ifaces; k++)
		if (s->opts->fail_ifaces[k] == i)
			return true;
	return false;
}

static bool iface_usable(const tc_iface *i, void *payload)
{
	return !iface_failed(payload, i);
}

/* Route lookup in the FIB that ignores routes out of failed links. */
static const tc_fib_entry *fib_lookup(sim *s, const tc_device *d, uint32_t ip)
{
	if (s->opts->nfail_ifaces)
		return tc_fib_lookup_if(d, ip, iface_usable, s);
	/* A binary search per prefix length present, in the device's own table:
	 * a hash of every device's FIB (2 MB at 1 000 devices) cost more to
	 * build than it saved, and memory besides. */
	return tc_fib_lookup(d, ip);
}

/* The device holding address ip, and whether it is down (the device failed,
 * or the interface holding ip did). */
/* The device holding address ip, and whether it is down (the device failed,
 * or the interface holding ip did, or is shut down). An interface that is
 * up wins over one that is shut down. */
const tc_device *sim_holder(sim *s, uint32_t ip, const tc_iface **iface_out, bool *down)
{
	const tc_link_end *v = NULL;
	size_t n = tc_addr_holders(s->m, ip, &v);
	*down = false;
	if (iface_out)
		*iface_out = NULL;
	if (n == 0)
		return NULL;
	size_t k = 0;
	while (k + 1 < n && v[k].iface->shutdown)
		k++;
	if (v[k].iface->shutdown)
		k = 0;
	*down = v[k].iface->shutdown || s->w.dev_failed[v[k].device->index] ||
		iface_failed(s, v[k].iface);
	if (iface_out)
		*iface_out = v[k].iface;
	return v[k].device;
}

uint32_t sim_entry_local_addr(const tc_device *d, const tc_entry *e)
{
	const tc_iface *i = tc_map_iface(d, e->map);
	return i ? i->addr : 0;
}

/* Consider a reverse route (R5.1, R5.2) to dst via entry e (its settings; the crypto map set
 * `map` holds it) toward peer: keep it in *best when it is more specific than what *best has. */
static void rri_candidate(sim *s, const tc_device *d, const char *map, const tc_entry *e,
			  tc_prefix dst, uint32_t peer, const tc_fib_entry **best)
{
	if (*best && (*best)->len >= dst.len)
		return;
	const tc_iface *out = tc_map_iface(d, map);
	/* index 0: an interface past TC_FIB_MAX_IFACES, which no route leaves by */
	if (!out || !out->index || iface_failed(s, out))
		return;
	uint32_t nh = peer;
	if (e->has_rri_nh)
		nh = e->rri_nh;
	else {
		const tc_fib_entry *to_peer = fib_lookup(s, d, peer);
		if (!to_peer || tc_fib_iface(d, to_peer) != out)
			return;
		if (tc_fib_has_nh(to_peer))
			nh = tc_fib_nh(to_peer);
	}
	/* nothing reads the route's strings, but a route has them */
	static tc_route_attr rri_attr;
	unsigned k = s->w.nrri++ % (sizeof s->w.rri / sizeof s->w.rri[0]);
	tc_route *r = &s->w.rri_route[k];
	*r = (tc_route){.dst = dst,
			.nh = nh,
			.has_nh = nh != 0,
			.origin = TC_RT_STATIC,
			.attr = &rri_attr,
			.distance = (uint8_t)(e->rri_distance ? e->rri_distance : 1)};
	s->w.rri[k] =
		(tc_fib_entry){.route = r, .addr = dst.addr, .len = dst.len, .iface = out->index};
	*best = &s->w.rri[k];
}

static bool is_rri(const sim *s, const tc_fib_entry *fe)
{
	return fe >= s->w.rri && fe < s->w.rri + sizeof s->w.rri / sizeof s->w.rri[0];
}

static bool is_via(const sim *s, const tc_fib_entry *fe)
{
	return fe >= s->w.via && fe < s->w.via + sizeof s->w.via / sizeof s->w.via[0];
}

static bool dynamic_rri(const tc_entry *e)
{
	return e->rri == TC_RRI_DYNAMIC || e->rri == TC_RRI_REMOTE_PEER;
}

/* The entry whose settings an SA follows (reverse routes): the dynamic map entry that
 * accepted it (`crypto dynamic-map D 10 set reverse-route`), else its own. */
static const tc_entry *rri_entry(const sa *x)
{
	return x->dyn ? x->dyn : x->entry;
}

/* Routes d learned for another device's dynamic reverse routes (redistributed into a routing
 * protocol, tc_rri_via): one stands while its origin holds a live SA whose remote proxy is
 * within the route and covers ip; it is then a route to that proxy. It wins over *best when
 * more specific, or as specific with a lower distance. */
static void via_candidates(sim *s, const tc_device *d, uint32_t ip, const tc_fib_entry **best)
{
	for (const tc_rri_via *v = d->rri_via; v; v = v->next) {
		if (!tc_prefix_has(v->route->dst, ip) || (v->iface && iface_failed(s, v->iface)))
			continue;
		const struct sa_vec *ov = &s->sat.dev_sas[v->origin->index];
		for (size_t i = 0; i < ov->n; i++) {
			const sa *x = &s->sat.pool[ov->v[i]];
			if (x->dead || !dynamic_rri(rri_entry(x)) ||
			    !tc_prefix_has(x->remote, ip) ||
			    !tc_prefix_contains(v->route->dst, x->remote))
				continue;
			if (*best && ((*best)->len > x->remote.len ||
				      ((*best)->len == x->remote.len &&
				       tc_fib_distance(*best) <= v->route->distance)))
				continue;
			unsigned k = s->w.nvia++ % (sizeof s->w.via / sizeof s->w.via[0]);
			s->w.via[k] = (tc_fib_entry){.route = v->route,
						     .addr = x->remote.addr,
						     .len = x->remote.len,
						     .iface = v->iface ? v->iface->index : 0};
			s->w.via_src[k] = v;
			*best = &s->w.via[k];
		}
	}
}

/* Longest match over the FIB and the reverse routes of d's SAs (dynamic
 * RRI) and entries (static RRI). A tie goes to the FIB. */
const tc_fib_entry *sim_lookup(sim *s, const tc_device *d, uint32_t ip)
{
	const tc_fib_entry *best = fib_lookup(s, d, ip);
	if (!s->w.dev_rri[d->index])
		return best;
	if (s->w.dev_rri[d->index] & 4)
		via_candidates(s, d, ip, &best);
	const struct sa_vec *dv = &s->sat.dev_sas[d->index];
	for (size_t i = 0; i < dv->n && (s->w.dev_rri[d->index] & 1); i++) {
		const sa *x = &s->sat.pool[dv->v[i]];
		if (!x->dead && dynamic_rri(rri_entry(x)) && tc_prefix_has(x->remote, ip))
			rri_candidate(s, d, x->entry->map, rri_entry(x), x->remote, x->peer_addr,
				      &best);
	}
	for (const tc_entry *e = (s->w.dev_rri[d->index] & 2) ? d->entries : NULL; e; e = e->next) {
		if (e->rri != TC_RRI_STATIC || !e->acl || e->npeers == 0)
			continue;
		for (const tc_ace *a = e->acl->aces; a; a = a->next)
			if (a->permit && tc_prefix_has(a->dst, ip))
				rri_candidate(s, d, e->map, e, a->dst, e->peers[0], &best);
	}
	return best;
}

/* ---- NAT in front of the crypto map (R1.2, R1.3) ------------------------------ */

static bool natset_has(const tc_natset *set, uint32_t ip)
{
	for (unsigned k = 0; k < set->n; k++)
		if (tc_prefix_has(set->v[k], ip))
			return true;
	return false;
}

/* First-match ACL verdict for src->dst (a standard list matches one side). */
static bool acl_permits(const tc_acl *acl, uint32_t src, uint32_t dst)
{
	/* a standard list names one side and leaves the other any (IOS: the
	 * source; ASA: the destination), so testing both sides is right for all */
	for (const tc_ace *a = acl->aces; a; a = a->next)
		if (tc_prefix_has(a->src, src) && tc_prefix_has(a->dst, dst))
			return a->permit;
	return false;
}

static bool iface_is(const tc_iface *i, const char *name)
{
	return i && ((i->nameif && strcmp(i->nameif, name) == 0) || strcmp(i->name, name) == 0);
}

/* The first NAT rule of d that applies to src->dst arriving on in and
 * leaving by out, or NULL. Rules selected by a route-map are not evaluated
 * (the map's clauses are not modelled); *skipped names the first of them. */
static const tc_nat *nat_match(const tc_device *d, const tc_iface *in, const tc_iface *out,
			       uint32_t src, uint32_t dst, const tc_nat **skipped)
{
	for (const tc_nat *n = d->nats; n; n = n->next) {
		if (n->inactive || n->real_outside || n->dest_only || n->vrf)
			continue;
		if (d->dialect == TC_DIALECT_IOS) {
			if (!in || !in->nat_inside || !out->nat_outside)
				continue;
		} else {
			if (n->real_if && !iface_is(in, n->real_if))
				continue;
			if (n->mapped_if && !iface_is(out, n->mapped_if))
				continue;
		}
		bool hit;
		if (n->acl_name) {
			const tc_acl *acl = n->acl ? n->acl : tc_acl_find(d, n->acl_name);
			hit = acl && acl_permits(acl, src, dst);
		} else if (n->route_map) {
			if (!*skipped)
				*skipped = n;
			continue;
		} else {
			hit = natset_has(&n->real_src, src);
		}
		if (!hit || (n->real_dst.n && !natset_has(&n->mapped_dst, dst)))
			continue;
		return n;
	}
	return NULL;
}

/* ---- the packet walk ------------------------------------------------------ */

/* The device whose connected network holds ip (the longest), or NULL. */
struct origin {
	sim *s;
	const tc_device *found;
};

static bool origin_cb(const tc_device *d, const tc_iface *i, void *payload)
{
	struct origin *o = payload;
	if (o->s->w.dev_failed[d->index] || iface_failed(o->s, i))
		return true; /* keep looking */
	o->found = d;
	return false;
}

/* The device whose connected network holds ip (its own address first,
 * then the longest subnet; model order among equals), or NULL: where a
 * flow from ip starts. Failed devices and interfaces hold nothing. */
const tc_device *sim_origin_of(sim *s, uint32_t ip)
{
	const tc_link_end *v = NULL;
	size_t n = tc_addr_holders(s->m, ip, &v);
	for (size_t k = 0; k < n; k++)
		if (!v[k].iface->shutdown && !s->w.dev_failed[v[k].device->index] &&
		    !iface_failed(s, v[k].iface))
			return v[k].device;
	struct origin o = {s, NULL};
	tc_connected_foreach(s->m, ip, origin_cb, &o);
	return o.found;
}

/* Where a walk stands at a hop: what walk_on() needs to go on from there. */
typedef struct walk_at {
	const tc_device *d;
	const tc_iface *in; /* where the packet arrived, NULL at the sender */
	bool decrypted;	    /* it arrived out of an SA */
	uint32_t src;	    /* as NAT left it */
	int hop;
	flow_result res; /* what the flow met before this hop */
} walk_at;

static flow_result walk_ecmp(sim *s, walk_at at, uint32_t dst, const tc_fib_entry **paths,
			     size_t n);

/* Can fe, an entry sim_lookup() gave for d, have equal-cost siblings: is the next FIB entry
 * of the same prefix? Most have none: this spares every hop a call into fib.c. */
static inline bool may_share(const tc_device *d, const tc_fib_entry *fe)
{
	return fe >= d->fib && fe + 1 < d->fib + d->nfib && fe[1].addr == fe->addr &&
	       fe[1].len == fe->len;
}

/* The packet's way from at to dst, hop by hop; forced: the route taken at the first hop
 * (one of the equal-cost paths there), or NULL to look it up. */
static flow_result walk_on(sim *s, walk_at at, uint32_t dst, const tc_fib_entry *forced)
{
	flow_result res = at.res;
	const tc_device *d = at.d;
	const tc_iface *in = at.in;
	bool decrypted = at.decrypted;
	uint32_t src = at.src;
	for (int hop = at.hop; hop < TC_MAX_HOPS; hop++) {
		if (in && in->cmap && !decrypted) {
			const tc_entry *e =
				sim_inbound_protected(s, d, in->cmap, src, dst, s->w.cur_svc);
			if (e) {
				sim_emit(
					s, TC_EV_DROP, TC_REASON_INBOUND_CLEAR_DROPPED, d, "R1.7",
					"%s drops the clear-text packet arriving on %s: crypto map %s %u requires it to be encrypted",
					d->hostname, tc_iface_label(in), e->map, e->seq);
				return res;
			}
		}
		const tc_iface *own = NULL;
		bool down;
		if (sim_holder(s, dst, &own, &down) == d && !down) {
			sim_emit(s, TC_EV_DELIVER, TC_REASON_DELIVERED, d, NULL,
				 "%s delivers %s (its own address on %s)", d->hostname,
				 sim_ipstr(s, dst), tc_iface_label(own));
			res.out = OUT_DELIVERED;
			return res;
		}
		const tc_fib_entry *fe = forced ? forced : sim_lookup(s, d, dst);
		if (!fe) {
			sim_emit(s, TC_EV_DROP, TC_REASON_NO_ROUTE, d, "R1.1",
				 "%s has no route to %s; the packet is dropped", d->hostname,
				 sim_ipstr(s, dst));
			return res;
		}
		if (!fe->iface) {
			sim_emit(s, TC_EV_DROP, TC_REASON_NULL_ROUTE, d, "R1.1",
				 "%s routes %s to a null interface; dropped", d->hostname,
				 sim_ipstr(s, dst));
			return res;
		}
		const tc_fib_entry *paths[TC_MAX_ECMP];
		size_t npaths;
		if (!forced && may_share(d, fe) && (npaths = sim_ecmp_paths(s, paths, d, fe)) > 1)
			return walk_ecmp(s, (walk_at){d, in, decrypted, src, hop, res}, dst, paths,
					 npaths);
		forced = NULL;
		const tc_iface *out = tc_fib_iface(d, fe);
		bool nat_leak = false; /* NAT defeated the crypto ACL at this hop (already said) */
		if (is_rri(s, fe))
			sim_emit(s, TC_EV_INFO, TC_REASON_REVERSE_ROUTE, d,
				 d->dialect == TC_DIALECT_ASA ? "R5.2" : "R5.1",
				 "%s routes %s by its reverse route %s via %s", d->hostname,
				 sim_ipstr(s, dst), sim_pfx(s, tc_fib_dst(fe)),
				 tc_iface_label(out));
		else if (is_via(s, fe))
			sim_emit(
				s, TC_EV_INFO, TC_REASON_REVERSE_ROUTE_REDISTRIBUTED, d, "R5.1",
				"%s routes %s by %s %s [%u/%u] via %s, %s: %s's reverse route, redistributed",
				d->hostname, sim_ipstr(s, dst), fe->route->attr->code,
				sim_pfx(s, tc_fib_dst(fe)), fe->route->distance, fe->route->metric,
				sim_ipstr(s, tc_fib_nh(fe)), tc_iface_label(out),
				s->w.via_src[fe - s->w.via]->origin->hostname);
		else if (fe->route && fe->route->origin >= TC_RT_OSPF)
			sim_emit(
				s, TC_EV_INFO, TC_REASON_COMPUTED_ROUTE, d, NULL,
				"%s routes %s by %s %s [%u/%u] via %s, %s (computed from the configs)",
				d->hostname, sim_ipstr(s, dst), fe->route->attr->code,
				sim_pfx(s, tc_fib_dst(fe)), fe->route->distance, fe->route->metric,
				sim_ipstr(s, tc_fib_nh(fe)), tc_iface_label(out));
		if (d->nats) {
			/* NAT runs before the crypto map (R1.2, R1.3) */
			const tc_nat *skipped = NULL;
			const tc_nat *n = nat_match(d, in, out, src, dst, &skipped);
			const char *nrule = d->dialect == TC_DIALECT_ASA ? "R1.3" : "R1.2";
			if (skipped && (!n || skipped->line < n->line))
				sim_emit(
					s, TC_EV_INFO, TC_REASON_NAT_ROUTE_MAP_SKIPPED, d, nrule,
					"%s: NAT rule on line %u selects traffic with route-map %s, which is not evaluated; assuming it does not translate",
					d->hostname, skipped->line, skipped->route_map);
			if (n && n->identity) {
				if (out->cmap)
					sim_emit(
						s, TC_EV_INFO, TC_REASON_NAT_EXEMPT, d, nrule,
						"%s: NAT rule on line %u is an identity (exemption) rule: %s -> %s keeps its real addresses",
						d->hostname, n->line, sim_ipstr(s, src),
						sim_ipstr(s, dst));
			} else if (n) {
				uint32_t mapped = out->addr; /* interface PAT */
				if (!n->mapped_src_if && n->mapped_src.n) {
					tc_prefix m0 = n->mapped_src.v[0];
					mapped = tc_prefix_host(m0);
					for (unsigned k = 0; k < n->real_src.n;
					     k++) /* 1:1: keep the host part */
						if (n->real_src.v[k].len == m0.len &&
						    tc_prefix_has(n->real_src.v[k], src))
							mapped = m0.addr |
								 (src & ~tc_len_to_mask(m0.len));
				}
				const tc_ace *a0 = NULL;
				unsigned l0 = 0;
				bool protected_before =
					out->cmap && sim_crypto_match(s, d, out->cmap, src, dst,
								      s->w.cur_svc, &a0, &l0);
				sim_emit(
					s, TC_EV_INFO, TC_REASON_NAT_TRANSLATED, d, nrule,
					"%s: NAT rule on line %u translates the source %s to %s before the crypto map",
					d->hostname, n->line, sim_ipstr(s, src),
					sim_ipstr(s, mapped));
				src = mapped;
				const tc_ace *a1 = NULL;
				unsigned l1 = 0;
				if (protected_before && !sim_crypto_match(s, d, out->cmap, src, dst,
									  s->w.cur_svc, &a1, &l1)) {
					sim_emit(
						s, TC_EV_CLEAR, TC_REASON_NAT_BEFORE_CRYPTO, d,
						nrule,
						"%s sends it out %s in clear: the crypto ACL is written for the real address, and no NAT exemption precedes the translation",
						d->hostname, tc_iface_label(out));
					res.leaked = true;
					nat_leak = true;
					res.clear_at = res.clear_at ? res.clear_at : d;
				}
			}
		}
		if (out->cmap) {
			const tc_ace *ace = NULL;
			unsigned line = 0;
			const tc_entry *e = sim_crypto_match(s, d, out->cmap, src, dst,
							     s->w.cur_svc, &ace, &line);
			sa *x = NULL;
			const tc_entry *dyn = NULL;
			if (e) {
				x = sim_sa_for_packet(s, d, e, src, dst);
				if (x) {
					sim_emit(
						s, TC_EV_ENCRYPT, TC_REASON_EXISTING_SA, d, "R4.4",
						"%s encrypts into its existing SA for %s <-> %s with %s",
						d->hostname, sim_pfx(s, x->local),
						sim_pfx(s, x->remote),
						sim_peer_label(s, x->peer_addr));
					sim_detail(s, x->peer, x->peer_addr, true, &x->local,
						   &x->remote);
				} else if (e->conn_type == TC_CONN_ANSWER_ONLY) {
					sim_emit(
						s, TC_EV_DROP, TC_REASON_ANSWER_ONLY, d, "R3.10",
						"%s crypto map %s %u is answer-only and has no SA; dropped",
						d->hostname, e->map, e->seq);
					return res;
				} else {
					sim_emit(
						s, TC_EV_MATCH, TC_REASON_NONE, d, "R2.1",
						"%s: %s -> %s leaves %s and matches crypto map %s %u, ACL %s line %u; no SA yet",
						d->hostname, sim_ipstr(s, src), sim_ipstr(s, dst),
						tc_iface_label(out), e->map, e->seq, e->acl->name,
						line);
					x = sim_initiate(s, d, e, out, ace->src, ace->dst,
							 ace_svc(ace));
					if (!x)
						return res;
					if (!tc_prefix_has(x->local, src) ||
					    !tc_prefix_has(x->remote, dst)) {
						sim_emit(
							s, TC_EV_DROP,
							TC_REASON_OUTSIDE_NARROWED_SA, d, "§6",
							"%s -> %s is outside the narrowed SA; dropped",
							sim_ipstr(s, src), sim_ipstr(s, dst));
						return res;
					}
				}
			} else if ((x = sim_dyn_sa(s, d, out->cmap, src, dst))) {
				/* R4.4: a spoke's SA carries the hub's own traffic for its pair */
				sim_emit(
					s, TC_EV_ENCRYPT, TC_REASON_DYNAMIC_SA, d, "R4.4",
					"%s encrypts into the SA accepted through dynamic map %s %u for %s <-> %s with %s",
					d->hostname, rri_entry(x)->map, rri_entry(x)->seq,
					sim_pfx(s, x->local), sim_pfx(s, x->remote),
					sim_peer_label(s, x->peer_addr));
				sim_detail(s, x->peer, x->peer_addr, true, &x->local, &x->remote);
			} else if ((dyn = sim_dyn_protects(s, d, out->cmap, src, dst,
							   s->w.cur_svc))) {
				sim_emit(
					s, TC_EV_DROP, TC_REASON_DYNAMIC_NO_SA, d, "R2.7",
					"%s: %s -> %s leaves %s, where dynamic map %s %u of crypto map %s would protect it; it has no SA and a dynamic entry never initiates: dropped",
					d->hostname, sim_ipstr(s, src), sim_ipstr(s, dst),
					tc_iface_label(out), dyn->map, dyn->seq, out->cmap);
				return res;
			}
			if (x) {
				res.encrypted = true;
				res.enc_by = d;
				res.dec_by = x->peer;
				const tc_device *p = x->peer;
				if (!p) {
					sim_emit(
						s, TC_EV_DELIVER, TC_REASON_EXITED, d, NULL,
						"the packet leaves the snapshot encrypted toward %s",
						sim_ipstr(s, x->peer_addr));
					res.out = OUT_EXITED;
					return res;
				}
				const tc_iface *pif = NULL;
				sim_holder(s, x->peer_addr, &pif, &(bool){false});
				sim_emit(s, TC_EV_DECRYPT, TC_REASON_NONE, p, NULL,
					 "%s decrypts it (SA with %s)", p->hostname, d->hostname);
				sim_detail(s, d, 0, false, NULL, NULL);
				d = p;
				in = pif;
				decrypted = true;
				sim_path_hop(s, d);
				continue;
			}
		}
		int tun = out->tun ? sim_tunnel_cross(s, &d, &in, out, &res) : SIM_TUN_PLAIN;
		if (tun == SIM_TUN_STOPPED)
			return res;
		if (tun ==
		    SIM_TUN_CROSSED) { /* GRE or VTI: the tunnel's other end is the next hop */
			decrypted = false;
			sim_path_hop(s, d);
			continue;
		}
		uint32_t nh = tc_fib_has_nh(fe) ? tc_fib_nh(fe) : dst;
		const tc_iface *nif = NULL;
		const tc_device *n = sim_holder(s, nh, &nif, &down);
		if (n && down) {
			sim_emit(s, TC_EV_DROP, TC_REASON_NEXT_HOP_DOWN, d, "R1.1",
				 "%s forwards to %s (%s), which is down; the packet is lost",
				 d->hostname, sim_ipstr(s, nh), n->hostname);
			return res;
		}
		if (!n) {
			if (!tc_fib_has_nh(fe)) {
				sim_emit(s, TC_EV_DELIVER, TC_REASON_DELIVERED, d, NULL,
					 "%s delivers %s on its connected network %s", d->hostname,
					 sim_ipstr(s, dst), tc_iface_label(out));
				res.out = OUT_DELIVERED;
			} else {
				sim_emit(s, TC_EV_DELIVER, TC_REASON_EXITED, d, NULL,
					 "%s forwards to %s, outside the snapshot", d->hostname,
					 sim_ipstr(s, nh));
				res.out = OUT_EXITED;
			}
			return res;
		}
		if (out->cmap && !nat_leak && !res.clear_at)
			res.clear_at = d;
		if (out->cmap && !nat_leak)
			sim_emit(
				s, TC_EV_CLEAR, TC_REASON_CLEAR_NO_ACL_LINE, d, "R2.1",
				"%s sends %s -> %s out %s in clear: no line of crypto map %s permits it",
				d->hostname, sim_ipstr(s, src), sim_ipstr(s, dst),
				tc_iface_label(out), out->cmap);
		d = n;
		in = nif;
		decrypted = false;
		sim_path_hop(s, d);
	}
	sim_emit(s, TC_EV_DROP, TC_REASON_ROUTING_LOOP, d, NULL,
		 "routing loop: the packet exceeds %d hops", TC_MAX_HOPS);
	return res;
}

static flow_result walk(sim *s, const tc_device *d, uint32_t src, uint32_t dst)
{
	s->ev.path[0] = '\0';
	s->ev.nhops = 0;
	s->w.nleaves = 1;
	char st[32];
	sim_emit(s, TC_EV_SEND, TC_REASON_NONE, d, NULL, "%s sends %s -> %s%s", d->hostname,
		 sim_ipstr(s, src), sim_ipstr(s, dst), sim_svc_text(st, sizeof st, s->w.cur_svc));
	sim_path_hop(s, d);
	return walk_on(s, (walk_at){.d = d, .src = src, .res = {.out = OUT_DROPPED}}, dst, NULL);
}

/* ---- equal-cost paths ------------------------------------------------------------ */

size_t sim_ecmp_paths(sim *s, const tc_fib_entry **out, const tc_device *d, const tc_fib_entry *fe)
{
	size_t n = tc_fib_ecmp(out, TC_MAX_ECMP, d, fe), k = 1;
	for (size_t i = 1; i < n; i++) /* out[0] is usable: the lookup chose it */
		if (!iface_failed(s, tc_fib_iface(d, out[i])))
			out[k++] = out[i];
	return k;
}

bool sim_peer_route_leaves(sim *s, const tc_device *d, const tc_fib_entry *fe, const tc_iface *out)
{
	if (tc_fib_iface(d, fe) == out)
		return true;
	const tc_fib_entry *paths[TC_MAX_ECMP];
	size_t n = out->cmap ? sim_ecmp_paths(s, paths, d, fe) : 0;
	for (size_t i = 0; i < n; i++) {
		const tc_iface *i_out = tc_fib_iface(d, paths[i]);
		if (i_out->cmap && strcmp(i_out->cmap, out->cmap) == 0)
			return true;
	}
	return false;
}

/* "via 5.100.26.2" or "out Tunnel1" (an interface route). */
static const char *path_text(sim *s, const tc_device *d, const tc_fib_entry *f)
{
	if (tc_fib_has_nh(f))
		return piece(s, "via %s", sim_ipstr(s, tc_fib_nh(f)));
	return piece(s, "out %s", tc_iface_label(tc_fib_iface(d, f)));
}

/* Where branch r (out of path f) went: the device where it entered an SA after the split
 * (before was at the split; the SA's other end when that is d itself), else the next hop's
 * device, else the next hop (or interface). */
static const char *branch_end(sim *s, const tc_device *d, const tc_fib_entry *f, flow_result before,
			      flow_result r)
{
	if (r.encrypted && r.enc_by && (!before.encrypted || r.enc_by != before.enc_by)) {
		if (r.enc_by != d)
			return r.enc_by->hostname;
		if (r.dec_by)
			return r.dec_by->hostname;
	}
	if (!tc_fib_has_nh(f))
		return tc_iface_label(tc_fib_iface(d, f));
	const tc_device *n = sim_holder(s, tc_fib_nh(f), NULL, &(bool){0});
	return n ? n->hostname : sim_ipstr(s, tc_fib_nh(f));
}

/* Fold branch r into agg: dropped or leaked if any branch is; the first SA crossed. */
static void combine_branch(flow_result *agg, flow_result r, bool first)
{
	if (first) {
		*agg = r;
		return;
	}
	if (r.out == OUT_DROPPED || agg->out == OUT_NOT_WALKED)
		agg->out = r.out;
	agg->leaked |= r.leaked;
	agg->cut |= r.cut;
	agg->hashed |= r.hashed;
	agg->clear_at = agg->clear_at ? agg->clear_at : r.clear_at;
	if (!agg->split_at)
		agg->split_at = r.split_at, agg->bad_branch = r.bad_branch,
		agg->bad_clear = r.bad_clear;
	if (r.encrypted && !agg->encrypted)
		agg->enc_by = r.enc_by, agg->dec_by = r.dec_by;
	agg->encrypted |= r.encrypted;
}

/* IOS `ip load-sharing per-packet` on an interface of the paths: packets alternate. */
static bool per_packet(const tc_device *d, const tc_fib_entry **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tc_fib_iface(d, paths[i])->per_packet)
			return true;
	return false;
}

/* Why the flow takes one path only, or NULL when its flows spread over all (per-flow load
 * sharing, CEF's default: a hash of source and destination picks a flow's path); *hashed:
 * the hash picks it (not predicted), not an assumption. */
static const char *one_path_reason(sim *s, const tc_device *d, const tc_fib_entry **paths, size_t n,
				   uint32_t src, uint32_t dst, bool *hashed)
{
	if (per_packet(d, paths, n))
		return NULL; /* even one flow takes every path */
	if (s->opts->ecmp_one_path)
		return piece(s,
			     "assuming every flow of %s -> %s hashes to the same one "
			     "(--assume ecmp-one-path)",
			     sim_pfx(s, s->w.cur_from), sim_pfx(s, s->w.cur_to));
	/* IOS CEF hashes the addresses alone; an ASA (9.x) hashes ports and protocol too, so
	 * one host pair is still many flows there */
	*hashed = d->dialect != TC_DIALECT_ASA && s->w.cur_from.len == 32 && s->w.cur_to.len == 32;
	if (*hashed)
		return piece(
			s,
			"%s -> %s is a single flow, which per-flow load sharing (CEF "
			"default) keeps on one of them; which one is the hash's, not predicted",
			sim_ipstr(s, src), sim_ipstr(s, dst));
	return NULL;
}

/* Do the interfaces a and b (of one device) treat a packet alike: the same crypto map set,
 * NAT role and no tunnel? With NAT rules on the device, only the same interface does (ASA
 * rules name interfaces); leaving by a crypto map (egress), too: IKE starts from the
 * interface's own address, which the peer must list. */
static bool same_iface_class(const tc_device *d, const tc_iface *a, const tc_iface *b, bool egress)
{
	if (a == b)
		return true;
	if (!a || !b || a->tun || b->tun || d->nats || a->shutdown != b->shutdown ||
	    (egress && (a->cmap || b->cmap)))
		return false;
	bool same_map = a->cmap && b->cmap ? strcmp(a->cmap, b->cmap) == 0 : a->cmap == b->cmap;
	return same_map && a->nat_inside == b->nat_inside && a->nat_outside == b->nat_outside;
}

/* Do paths a and b of d end alike: to the same next device, leaving and entering
 * interfaces of the same class, neither down? The packet (source, decrypted flag) is the
 * same on both, so the rest of the walk is too: one branch stands for both. */
static bool same_end(sim *s, const tc_device *d, const tc_fib_entry *a, const tc_fib_entry *b)
{
	if (!tc_fib_has_nh(a) || !tc_fib_has_nh(b) ||
	    !same_iface_class(d, tc_fib_iface(d, a), tc_fib_iface(d, b), true))
		return false;
	const tc_iface *ia = NULL, *ib = NULL;
	bool da = false, db = false;
	const tc_device *na = sim_holder(s, tc_fib_nh(a), &ia, &da);
	const tc_device *nb = sim_holder(s, tc_fib_nh(b), &ib, &db);
	return na && na == nb && !da && !db && same_iface_class(na, ia, ib, false);
}

/* Group the n paths by where they end (same_end): heads[g] is group g's first path,
 * size[g] its number of paths. Returns the number of groups. */
static size_t group_paths(sim *s, const tc_device *d, const tc_fib_entry **paths, size_t n,
			  const tc_fib_entry **heads, unsigned *size)
{
	size_t g = 0;
	for (size_t i = 0; i < n; i++) {
		size_t q = 0;
		while (q < g && !same_end(s, d, heads[q], paths[i]))
			q++;
		if (q == g)
			heads[g++] = paths[i], size[q] = 0;
		size[q]++;
	}
	return g;
}

/* The packet at a hop with n > 1 equal-cost paths (L21): paths that end alike are one
 * branch (group_paths); every branch is walked the rest of the way, in FIB order, within
 * the round, so that their SA effects apply in order; at most TC_MAX_BRANCHES ends per
 * walk, and a walk that had to leave branches out is partial (flow_result.cut). One line
 * says how the flows spread, before the branches: its text is completed once they are
 * walked (it names where they went). */
static flow_result walk_ecmp(sim *s, walk_at at, uint32_t dst, const tc_fib_entry **paths, size_t n)
{
	const tc_device *d = at.d;
	const tc_fib_entry *heads[TC_MAX_ECMP];
	unsigned size[TC_MAX_ECMP];
	size_t g = group_paths(s, d, paths, n, heads, size);
	if (g == 1) {
		sim_emit(s, TC_EV_INFO, TC_REASON_ECMP_PATHS, d, "R1.1",
			 "%s has %u equal-cost paths to %s, all to %s the same way: one walk",
			 d->hostname, (unsigned)n, sim_ipstr(s, dst),
			 branch_end(s, d, paths[0], at.res, at.res));
		sim_path_hop(s, d);
		return walk_on(s, at, dst, paths[0]);
	}
	bool hashed = false;
	const char *why = one_path_reason(s, d, paths, n, at.src, dst, &hashed);
	tc_reason code = TC_REASON_ECMP_ONE_PATH;
	size_t k = g, room = TC_MAX_BRANCHES - s->w.nleaves + 1;
	if (k > room)
		k = room;
	bool cut = k < g;
	if (!why && k < 2) {
		why = piece(s, "this walk already has %u branches (the limit)", TC_MAX_BRANCHES);
		code = TC_REASON_ECMP_CUT;
	}
	if (why) {
		sim_emit(s, TC_EV_INFO, code, d, "R1.1",
			 "%s has %u equal-cost paths to %s; %s: walking the first, %s", d->hostname,
			 (unsigned)n, sim_ipstr(s, dst), why, path_text(s, d, paths[0]));
		sim_path_hop(s, d);
		flow_result r = walk_on(s, at, dst, paths[0]);
		r.cut |= code == TC_REASON_ECMP_CUT;
		r.hashed |= hashed;
		return r;
	}
	s->w.nleaves += (unsigned)k - 1;
	sim_emit(s, TC_EV_INFO, TC_REASON_ECMP_PATHS, d, "R1.1", "%s has %u equal-cost paths to %s",
		 d->hostname, (unsigned)n, sim_ipstr(s, dst));
	logged *intro = sim_log_rec(s, s->ev.nlog - 1);
	flow_result agg = {.out = OUT_NOT_WALKED};
	const char *ends[TC_MAX_BRANCHES] = {0};
	size_t nends = 0, nbad = 0;
	const tc_fib_entry *bad = NULL;
	const tc_device *bad_clear = NULL;
	for (size_t i = 0; i < k; i++) {
		const char *same =
			size[i] < 2
				? ""
				: piece(s, " (and %u more equal-cost paths ending the same way)",
					size[i] - 1);
		sim_emit(s, TC_EV_INFO, TC_REASON_ECMP_BRANCH, d, "R1.1", "flow %u of %u %s%s",
			 (unsigned)i + 1, (unsigned)k, path_text(s, d, heads[i]), same);
		sim_path_hop(s, d);
		flow_result r = walk_on(s, at, dst, heads[i]);
		combine_branch(&agg, r, i == 0);
		bool left_clear = r.clear_at != at.res.clear_at; /* in this branch */
		if ((!flow_ok(r) || left_clear) && nbad++ == 0) {
			bad = heads[i];
			bad_clear = left_clear ? r.clear_at : NULL;
		}
		const char *e = branch_end(s, d, heads[i], at.res, r);
		bool seen = false;
		for (size_t q = 0; q < nends && !seen; q++)
			seen = strcmp(ends[q], e) == 0;
		if (!seen)
			ends[nends++] = e;
	}
	agg.cut |= cut;
	if (nbad && nbad < k && !agg.split_at && tc_fib_has_nh(bad)) {
		agg.split_at = d; /* the others get through: name this one */
		agg.bad_branch = sim_holder(s, tc_fib_nh(bad), NULL, &(bool){0});
		agg.bad_clear = bad_clear;
	}
	const char *reach = ends[0];
	for (size_t q = 1; q < nends; q++)
		reach = piece(s, "%s%s%s", reach, q + 1 < nends ? ", " : " and ", ends[q]);
	const char *walked =
		cut	? piece(s,
				"%u of its %u %s walked, the limit of %u branches per walk; the "
				    "result is partial",
				(unsigned)k, (unsigned)g,
				g < n ? "distinct branches" : "equal-cost paths", TC_MAX_BRANCHES)
		: g < n ? piece(s, "%u equal-cost paths, %u distinct branches, each walked",
				(unsigned)n, (unsigned)g)
			: piece(s, "%u equal-cost paths, each walked", (unsigned)n);
	/* the line came first, to introduce the branches; what they reached is known now */
	intro->text = text(
		s, "flows of %s reach %s by ECMP at %s (%s): %s", sim_pfx(s, s->w.cur_to), reach,
		d->hostname,
		per_packet(d, heads, k) ? "per-packet load sharing: even one flow takes every path"
		: d->dialect == TC_DIALECT_ASA ? "per-flow load sharing by the ASA's hash"
					       : "per-flow load sharing, CEF default",
		walked);
	return agg;
}

/* An address of d inside p on an interface that is up, or 0. */
static uint32_t own_addr_in(const tc_device *d, tc_prefix p)
{
	for (const tc_iface *i = d ? d->ifaces : NULL; i; i = i->next)
		if (i->addr && !i->shutdown && tc_prefix_has(p, i->addr))
			return i->addr;
	return 0;
}

/* Traffic the routers originate (R1.10). A proxy's part that holds a router's own address (a GRE
 * or L2TPv3 endpoint, a loopback) starts at that router by sim_origin_of(). A domain whose two
 * proxies are the same prefix (two routers on one subnet) is walked between its two routers'
 * own addresses, never from one router to itself: the start, or NULL when not such a domain. */
static const tc_device *same_prefix_ends(const conv *cv, bool a_to_b, tc_prefix from, tc_prefix to,
					 uint32_t *src, uint32_t *dst)
{
	if (!pfx_eq(cv->a, cv->b))
		return NULL;
	const tc_device *me = a_to_b ? cv->start_a : cv->start_b;
	const tc_device *far = a_to_b ? cv->start_b : cv->start_a;
	uint32_t mine = own_addr_in(me, from), theirs = own_addr_in(far, to);
	if (mine)
		*src = mine;
	if (theirs)
		*dst = theirs;
	else if (*dst == *src && to.len < 31) /* the other end is outside the snapshot */
		*dst = *src == tc_prefix_host(to) ? *src + 1 : tc_prefix_host(to);
	return mine ? me : NULL;
}

flow_result sim_walk_flow(sim *s, unsigned c, unsigned i, unsigned j, unsigned k, bool a_to_b)
{
	const conv *cv = &s->hs.convs[c];
	s->w.cur_svc = a_to_b ? cv->ps[k] : svc_mirror(cv->ps[k]);
	tc_prefix from = a_to_b ? cv->pa[i] : cv->pb[j], to = a_to_b ? cv->pb[j] : cv->pa[i];
	uint32_t src = tc_prefix_host(from), dst = tc_prefix_host(to);
	const tc_device *start = same_prefix_ends(cv, a_to_b, from, to, &src, &dst);
	if (!start)
		start = sim_origin_of(s, src);
	if (!start)
		start = a_to_b ? cv->start_a : cv->start_b;
	if (start && s->w.dev_failed[start->index])
		start = NULL;
	flow_result r = {.out = OUT_NOT_WALKED};
	tc_arena_reset(s->tx.tmp);
	s->w.cur_conv = c;
	s->w.cur_from = from;
	s->w.cur_to = to;
	if (!start) {
		sim_emit(s, TC_EV_INFO, TC_REASON_OUTSIDE_SNAPSHOT, NULL, NULL,
			 "no device in the snapshot holds %s; traffic from it is not walked",
			 sim_pfx(s, from));
		return r;
	}
	if (src != tc_prefix_host(from) || dst != tc_prefix_host(to))
		sim_emit(
			s, TC_EV_INFO, TC_REASON_ROUTER_ORIGINATED, start, "R1.10",
			"%s originates this traffic itself: %s -> %s are the routers' own addresses",
			start->hostname, sim_ipstr(s, src), sim_ipstr(s, dst));
	return walk(s, start, src, dst);
}

/* ---- the part ------------------------------------------------------------------- */

/* The failed devices of opts and the devices with reverse-route entries, by index. */
void walk_init(struct walk *w, const tc_model *m, const tc_predict_opts *opts)
{
	*w = (struct walk){0};
	w->dev_failed = tc_xzalloc(m->ndevs + 1, sizeof *w->dev_failed);
	for (size_t k = 0; k < opts->nfail_devices; k++)
		w->dev_failed[opts->fail_devices[k]->index] = true;
	w->dev_rri = tc_xzalloc(m->ndevs + 1, 1);
	for (size_t k = 0; k < m->ndevs; k++) {
		for (const tc_entry *e = m->devs[k]->entries; e; e = e->next)
			if (e->rri != TC_RRI_NONE)
				w->dev_rri[k] |= e->rri == TC_RRI_STATIC ? 2 : 1;
		for (const tc_entry *e = m->devs[k]->dynentries; e; e = e->next)
			if (dynamic_rri(e)) /* a dynamic map's reverse routes follow its SAs */
				w->dev_rri[k] |= 1;
		if (m->devs[k]->rri_via)
			w->dev_rri[k] |= 4;
	}
}

void walk_free(struct walk *w)
{
	free(w->dev_failed);
	free(w->dev_rri);
	*w = (struct walk){0};
}
