/* tunnel.c: a packet routed into a tunnel interface (GRE, static VTI, `tunnel protection`):
 * the underlay toward the tunnel destination, the other end's tunnel, and, when protected,
 * what the two ends must share to bring the IPsec SA up (R1.8, R1.9). */
#include "predict_int.h"

#include <string.h>

/* The tunnel interface of p whose destination is src and whose source is dst: the other end
 * of a tunnel from src to dst. An interface that is up wins. */
static const tc_iface *far_end(const tc_device *p, uint32_t src, uint32_t dst)
{
	const tc_iface *found = NULL;
	for (const tc_iface *i = p->ifaces; i; i = i->next)
		if (i->tun && i->tun->dst == src && i->tun->src == dst &&
		    (!found || found->shutdown))
			found = i;
	return found;
}

static const char *mode_name(const tc_tunnel *t)
{
	return t->mode == TC_TUN_IPSEC ? "static VTI" : t->profile_name ? "GRE/IPsec" : "GRE";
}

/* Why the protected tunnel i of x has nothing to negotiate with (its code in *code), or NULL. */
static const char *profile_missing(sim *s, const tc_device *x, const tc_iface *i, tc_reason *code)
{
	*code = TC_REASON_NO_IPSEC_PROFILE;
	if (!i->tun->profile_name)
		return text(s, "%s tunnel %s is a static VTI without tunnel protection",
			    x->hostname, i->name);
	if (!i->tun->profile)
		return text(s, "%s tunnel %s names IPsec profile %s, which is not defined",
			    x->hostname, i->name, i->tun->profile_name);
	return NULL;
}

/* Why the two protected ends a (of d) and b (of p) cannot bring their SA up, with its rule and
 * code, or NULL when they can. */
static const char *protection_fails(sim *s, const tc_device *d, const tc_iface *a,
				    const tc_device *p, const tc_iface *b, const char **rule,
				    tc_reason *code)
{
	*rule = "R1.9";
	const char *why = profile_missing(s, d, a, code);
	if (why || (why = profile_missing(s, p, b, code)))
		return why;
	*code = TC_REASON_IKE_VERSION_MISMATCH;
	const tc_entry *ea = a->tun->profile->sa, *eb = b->tun->profile->sa;
	unsigned ver = ea->ike_version;
	if (ver != eb->ike_version)
		return text(s, "%s speaks IKEv%u on %s, %s IKEv%u on %s", d->hostname, ver, a->name,
			    p->hostname, eb->ike_version, b->name);
	uint32_t src = a->tun->src, dst = a->tun->dst;
	tc_authcheck ac; /* keys or certificates, as a crypto map's peers (one copy of the rule) */
	if (!tc_ike_auth(&ac, d, ea, src, p, dst, ver))
		return sim_auth_failure(s, &ac, d, p, sim_ipstr(s, dst), sim_ipstr(s, src), ver,
					rule, code);
	/* a profile without `set transform-set` offers the device's default sets: not compared */
	*code = TC_REASON_NO_TRANSFORM_SET;
	if (ea->ntsets && eb->ntsets && !tc_tset_match(ea, eb))
		return text(s, "IPsec profiles %s (%s) and %s (%s) share no transform set", ea->map,
			    d->hostname, eb->map, p->hostname);
	*rule = "R4.7";
	*code = TC_REASON_PFS_MISMATCH;
	return sim_pfs_refused(s, p, eb, d, ea);
}

/* The selectors a protected tunnel t negotiates, as its own end sees them (R1.11). */
static void tunnel_selectors(const tc_tunnel *t, tc_prefix *l, tc_prefix *r, svc *sv)
{
	bool vti = t->mode == TC_TUN_IPSEC;
	*l = vti ? (tc_prefix){0} : (tc_prefix){.addr = t->src, .len = 32};
	*r = vti ? (tc_prefix){0} : (tc_prefix){.addr = t->dst, .len = 32};
	*sv = (svc){vti ? TC_PROTO_IP : TC_PROTO_GRE, 0, 65535, 0, 65535};
}

/* The protected tunnel a of d ends on p's interface pif, which holds a crypto map and no
 * tunnel: the map's entry that answers a's proposal in *pe, or why none does (R1.11). */
static const char *cmap_end_fails(sim *s, const tc_device *d, const tc_iface *a, const tc_device *p,
				  const tc_iface *pif, const tc_entry **pe, const char **rule,
				  tc_reason *code)
{
	const tc_tunnel *t = a->tun;
	*pe = NULL;
	const tc_entry *ea = t->profile->sa;
	unsigned ver = ea->ike_version;
	tc_prefix l, r;
	svc sv;
	tunnel_selectors(t, &l, &r, &sv);
	const map_index *mi = sim_map_find(s, p, pif->cmap);
	const tc_entry *listing = mi ? sim_map_listing(mi, t->src) : NULL;
	*rule = sim_ike_rule(s, ver, "R4.1");
	*code = TC_REASON_PEER_NOT_LISTED;
	if (!listing)
		return text(s,
			    "%s has no tunnel interface from %s to %s, and its crypto map %s "
			    "does not list %s as a peer",
			    p->hostname, sim_ipstr(s, t->dst), sim_ipstr(s, t->src), pif->cmap,
			    sim_ipstr(s, t->src));
	*rule = "R1.11";
	*pe = ver == 1 ? sim_answering_entry(s, mi, t->src, l, r, sv) : listing;
	*code = TC_REASON_TUNNEL_SELECTORS;
	if (!*pe)
		return text(s,
			    "%s is a %s: with IKEv1 it proposes %s <-> %s%s, and no line of %s "
			    "crypto map %s %u contains it",
			    a->name, mode_name(t), sim_pfx(s, l), sim_pfx(s, r),
			    t->mode == TC_TUN_IPSEC ? "" : " (gre)", p->hostname, listing->map,
			    listing->seq);
	*code = TC_REASON_IKE_VERSION_MISMATCH;
	if (ver != (*pe)->ike_version)
		return text(s, "%s speaks IKEv%u on %s, %s IKEv%u with crypto map %s %u",
			    d->hostname, ver, a->name, p->hostname, (*pe)->ike_version, (*pe)->map,
			    (*pe)->seq);
	*code = TC_REASON_IKE_NOT_ENABLED;
	if (!pif->ike)
		return text(s, "IKE is not enabled on %s interface %s", p->hostname,
			    tc_iface_label(pif));
	tc_authcheck ac;
	if (!tc_ike_auth(&ac, d, ea, t->src, p, t->dst, ver))
		return sim_auth_failure(s, &ac, d, p, sim_ipstr(s, t->dst), sim_ipstr(s, t->src),
					ver, rule, code);
	*rule = "L10";
	*code = TC_REASON_NO_TRANSFORM_SET;
	if (ea->ntsets && !tc_tset_match(ea, *pe))
		return text(s,
			    "IPsec profile %s (%s) and crypto map %s %u (%s) share no transform "
			    "set",
			    ea->map, d->hostname, (*pe)->map, (*pe)->seq, p->hostname);
	return NULL;
}

/* The tunnel is down for the packet d routed into it: say why, drop it. */
static int tunnel_down(sim *s, const tc_device *d, const tc_iface *out, const char *rule,
		       tc_reason code, const char *why)
{
	sim_emit(s, TC_EV_DROP, code, d, rule, "%s routes it into %s, which is down: %s; dropped",
		 d->hostname, out->name, why);
	return SIM_TUN_STOPPED;
}

/* The underlay carries the tunnel's outer packets from d to dst and back to src: the route to
 * the destination does not leave by the tunnel itself, and both ways get through. NULL, or
 * why not (its code in *code). */
static const char *underlay_fails(sim *s, const tc_device *d, const tc_iface *out, uint32_t src,
				  uint32_t dst, const tc_device *p, tc_reason *code)
{
	const tc_fib_entry *fe = sim_lookup(s, d, dst);
	*code = TC_REASON_TUNNEL_NO_ROUTE;
	if (!fe || !fe->iface)
		return text(s, "%s has no route to the tunnel destination %s", d->hostname,
			    sim_ipstr(s, dst));
	*code = TC_REASON_TUNNEL_RECURSIVE;
	if (tc_fib_iface(d, fe) == out)
		return text(s,
			    "the route to the tunnel destination %s leaves by %s itself "
			    "(recursive routing)",
			    sim_ipstr(s, dst), out->name);
	const char *why = NULL;
	*code = TC_REASON_TUNNEL_UNREACHABLE;
	if (!sim_reach(s, d, dst, &why) || (p && !sim_reach(s, p, src, &why)))
		return text(s,
			    "the tunnel's outer packets between %s and %s do not get through: %s",
			    sim_ipstr(s, src), sim_ipstr(s, dst), why);
	return NULL;
}

/* Why the tunnel out of d cannot carry packets to its other end, its rule in *rule and its code
 * in *code; NULL when
 * it can: *pp and *bp are then the other end's device and tunnel (*pp NULL: the destination is
 * outside the snapshot). narrate: log what is not modelled on the way (the walk does). */
static const char *tunnel_fails(sim *s, const tc_device *d, const tc_iface *out, bool narrate,
				const tc_device **pp, const tc_iface **bp, const tc_entry **pe,
				const char **rule, tc_reason *code)
{
	const tc_tunnel *t = out->tun;
	*pp = NULL;
	*bp = NULL;
	*pe = NULL;
	*rule = "R1.9";
	*code = TC_REASON_TUNNEL_NO_ADDRESS;
	if (!t->src || !t->dst)
		return text(s, "it has no tunnel %s address", !t->src ? "source" : "destination");
	uint32_t src = t->src, dst = t->dst;
	bool down = false;
	const tc_iface *sif = NULL, *pif = NULL;
	/* the source interface down (shut, failed): the tunnel's line protocol is down */
	*code = TC_REASON_TUNNEL_SOURCE_DOWN;
	if (sim_holder(s, src, &sif, &down) != d || down)
		return text(s, "its source address %s is not up on %s", sim_ipstr(s, src),
			    d->hostname);
	const tc_device *p = sim_holder(s, dst, &pif, &down);
	const char *why = underlay_fails(s, d, out, src, dst, p && !down ? p : NULL, code);
	if (why)
		return why;
	if (t->vrf && narrate)
		sim_emit(s, TC_EV_INFO, TC_REASON_TUNNEL_NOT_MODELLED, d, "R1.8",
			 "%s: tunnel vrf %s is not modelled; the outer packets are routed in the "
			 "global table",
			 d->hostname, t->vrf);
	if (!p)
		return NULL;
	*code = TC_REASON_PEER_DOWN;
	if (down)
		return text(s, "the tunnel destination %s (%s) is down", sim_ipstr(s, dst),
			    p->hostname);
	const tc_iface *b = far_end(p, src, dst);
	if (!b && pif->cmap && tc_tunnel_protected(t) && sif->ike) {
		/* a crypto map answers the tunnel (R1.11) */
		*rule = "R1.9";
		if ((why = profile_missing(s, d, out, code)) ||
		    (why = cmap_end_fails(s, d, out, p, pif, pe, rule, code)))
			return why;
		*pp = p;
		*bp = pif;
		return NULL;
	}
	*code = b ? TC_REASON_TUNNEL_END_DOWN : TC_REASON_NO_TUNNEL_END;
	if (!b || b->shutdown || !b->has_addr)
		return b ? text(s, "%s tunnel %s is %s", p->hostname, b->name,
				b->shutdown ? "shut down" : "without an address")
			 : text(s, "%s has no tunnel interface from %s to %s", p->hostname,
				sim_ipstr(s, dst), sim_ipstr(s, src));
	*code = TC_REASON_TUNNEL_MODE_MISMATCH;
	if ((t->mode == TC_TUN_IPSEC) != (b->tun->mode == TC_TUN_IPSEC) ||
	    tc_tunnel_protected(t) != tc_tunnel_protected(b->tun))
		return text(s, "%s is %s, the other end (%s %s) %s", out->name, mode_name(t),
			    p->hostname, b->name, mode_name(b->tun));
	*code = TC_REASON_IKE_NOT_ENABLED;
	if (tc_tunnel_protected(t) && (!sif->ike || !pif->ike))
		return text(s, "IKE is not enabled on %s interface %s",
			    !sif->ike ? d->hostname : p->hostname,
			    tc_iface_label(!sif->ike ? sif : pif));
	if (tc_tunnel_protected(t) && (why = protection_fails(s, d, out, p, b, rule, code)))
		return why;
	*pp = p;
	*bp = b;
	return NULL;
}

/* The selectors a protected tunnel negotiates, as a trace names them. */
static const char *selectors(sim *s, const tc_tunnel *t)
{
	return t->mode == TC_TUN_IPSEC ? "selectors any <-> any"
				       : text(s, "selectors gre %s <-> %s", sim_ipstr(s, t->src),
					      sim_ipstr(s, t->dst));
}

int sim_tunnel_cross(sim *s, const tc_device **dp, const tc_iface **inp, const tc_iface *out,
		     flow_result *res)
{
	const tc_device *d = *dp;
	const tc_tunnel *t = out->tun;
	if (t->mode == TC_TUN_OTHER) {
		/* multipoint GRE (DMVPN) and the rest: the overlay next hop, as any interface's */
		sim_emit(
			s, TC_EV_INFO, TC_REASON_TUNNEL_NOT_MODELLED, d, "R1.8",
			"%s: tunnel mode %s of %s is not modelled; the packet goes to the next hop "
			"on the tunnel's subnet, unencrypted",
			d->hostname, t->mode_text, out->name);
		return SIM_TUN_PLAIN;
	}
	const tc_device *p = NULL;
	const tc_iface *b = NULL;
	const tc_entry *pe = NULL;
	tc_reason code = TC_REASON_NONE;
	const char *rule = NULL, *why = tunnel_fails(s, d, out, true, &p, &b, &pe, &rule, &code);
	if (why)
		return tunnel_down(s, d, out, rule, code, why);
	if (!p) {
		sim_emit(s, TC_EV_DELIVER, TC_REASON_EXITED, d, "R1.8",
			 "%s sends it into %s %s%s toward %s, outside the snapshot", d->hostname,
			 mode_name(t), out->name, tc_tunnel_protected(t) ? ", encrypted," : "",
			 sim_ipstr(s, t->dst));
		res->out = OUT_EXITED;
		return SIM_TUN_STOPPED;
	}
	if (pe)
		sim_emit(s, TC_EV_INFO, TC_REASON_TUNNEL_ENCRYPTED, d, "R1.11",
			 "%s encrypts it into %s %s (IPsec profile %s, %s) toward %s; %s answers "
			 "with crypto map %s %u and decrypts it on %s",
			 d->hostname, mode_name(t), out->name, t->profile_name, selectors(s, t),
			 p->hostname, p->hostname, pe->map, pe->seq, tc_iface_label(b));
	else if (tc_tunnel_protected(t))
		sim_emit(s, TC_EV_INFO, TC_REASON_TUNNEL_ENCRYPTED, d, "R1.8",
			 "%s encrypts it into %s %s (IPsec profile %s, %s) toward %s; %s decrypts "
			 "it on %s",
			 d->hostname, mode_name(t), out->name, t->profile_name, selectors(s, t),
			 p->hostname, p->hostname, b->name);
	else
		sim_emit(s, TC_EV_INFO, TC_REASON_TUNNEL_CLEAR, d, "R1.8",
			 "%s sends it into GRE tunnel %s toward %s, not encrypted; it comes out of "
			 "%s %s",
			 d->hostname, out->name, sim_ipstr(s, t->dst), p->hostname, b->name);
	*dp = p;
	*inp = b;
	return SIM_TUN_CROSSED;
}

/* ---- a crypto map and a tunnel end (R1.11) ----------------------------------- */

const tc_iface *sim_tunnel_toward(const tc_device *p, uint32_t src, uint32_t dst)
{
	const tc_iface *b = far_end(p, src, dst);
	return b && b->tun->mode != TC_TUN_OTHER && tc_tunnel_protected(b->tun) ? b : NULL;
}

const char *sim_tunnel_answer(sim *s, const tc_device *d, const tc_entry *e, const tc_device *p,
			      const tc_iface *b, tc_prefix *l, tc_prefix *r, svc sv,
			      const char **rule, tc_reason *code)
{
	const tc_tunnel *t = b->tun;
	*rule = "R1.9";
	*code = TC_REASON_TUNNEL_END_DOWN;
	if (b->shutdown || !b->has_addr)
		return text(s, "%s tunnel %s is %s", p->hostname, b->name,
			    b->shutdown ? "shut down" : "without an address");
	*code = TC_REASON_NO_IPSEC_PROFILE;
	if (!t->profile)
		return text(s, "%s tunnel %s has no IPsec profile", p->hostname, b->name);
	const tc_entry *pe = t->profile->sa;
	unsigned ver = e->ike_version ? e->ike_version : 1;
	*code = TC_REASON_IKE_VERSION_MISMATCH;
	if (ver != pe->ike_version)
		return text(s, "%s speaks IKEv%u with crypto map %s %u, %s IKEv%u on %s",
			    d->hostname, ver, e->map, e->seq, p->hostname, pe->ike_version,
			    b->name);
	/* the tunnel's selectors as p sees them: any/any, or the GRE packet between its ends */
	bool vti = t->mode == TC_TUN_IPSEC;
	tc_prefix tl = vti ? (tc_prefix){0} : (tc_prefix){.addr = t->src, .len = 32};
	tc_prefix tr = vti ? (tc_prefix){0} : (tc_prefix){.addr = t->dst, .len = 32};
	svc ts = {vti ? 0 : TC_PROTO_GRE, 0, 65535, 0, 65535};
	*rule = "R1.11";
	bool same = pfx_eq(*r, tl) && pfx_eq(*l, tr) && svc_eq(svc_mirror(sv), ts);
	*code = ver == 1 && !same ? TC_REASON_TUNNEL_SELECTORS : TC_REASON_NO_COMMON_SELECTORS;
	if (ver == 1 && !same)
		return text(
			s,
			"%s %s is a %s: with IKEv1 it accepts only %s <-> %s%s, not the "
			"proposed %s <-> %s (a crypto map peer of a tunnel needs those proxies)",
			p->hostname, b->name, mode_name(t), sim_pfx(s, tl), sim_pfx(s, tr),
			vti ? "" : " (gre)", sim_pfx(s, *r), sim_pfx(s, *l));
	if (!tc_prefix_overlaps(*r, tl) || !tc_prefix_overlaps(*l, tr) ||
	    !(svc_contains(ts, svc_mirror(sv)) || svc_contains(svc_mirror(sv), ts)))
		return text(s, "%s %s (%s <-> %s) has nothing in common with %s <-> %s",
			    p->hostname, b->name, sim_pfx(s, tl), sim_pfx(s, tr), sim_pfx(s, *r),
			    sim_pfx(s, *l));
	/* IKEv2 (§6): the responder narrows to the overlap of the proposal and its selectors */
	*l = l->len >= tr.len ? *l : tr;
	*r = r->len >= tl.len ? *r : tl;
	*rule = "L10";
	*code = TC_REASON_NO_TRANSFORM_SET;
	if (e->ntsets && pe->ntsets && !tc_tset_match(e, pe))
		return text(s,
			    "crypto map %s %u of %s and IPsec profile %s of %s share no "
			    "transform set",
			    e->map, e->seq, d->hostname, pe->map, p->hostname);
	*rule = "R4.7";
	*code = TC_REASON_PFS_MISMATCH;
	return sim_pfs_refused(s, p, pe, d, e);
}

/* ---- a protected tunnel end as a domain ------------------------------------ */

/* The entry a tunnel end's domain names: its profile's settings, the interface's name as the
 * map, no sequence, the destination as the one peer. */
static const tc_entry *tunnel_entry(tc_arena *a, const tc_iface *i)
{
	tc_entry *e = tc_arena_alloc(a, sizeof *e);
	if (i->tun->profile)
		*e = *i->tun->profile->sa;
	else
		e->default_peer = -1;
	e->map = i->name;
	e->seq = 0;
	e->npeers = i->tun->dst ? 1 : 0;
	e->peers[0] = i->tun->dst;
	return e;
}

/* Domain dm for the protected tunnel i of d: stable with the other end as owner when the two
 * ends negotiate (the checks the walk makes, R1.9), down with the reason otherwise. */
static void tunnel_domain(sim *s, tc_arena *a, tc_domain *dm, const tc_device *d, const tc_iface *i)
{
	const tc_tunnel *t = i->tun;
	dm->device = d;
	dm->tunnel = i;
	dm->entry = tunnel_entry(a, i);
	bool vti = t->mode == TC_TUN_IPSEC;
	dm->local = vti ? (tc_prefix){0} : (tc_prefix){.addr = t->src, .len = 32};
	dm->remote = vti ? (tc_prefix){0} : (tc_prefix){.addr = t->dst, .len = 32};
	const tc_device *p = NULL;
	const tc_iface *b = NULL;
	const tc_entry *pe = NULL;
	tc_reason code = TC_REASON_TUNNEL_END_DOWN;
	const char *rule = "R1.9",
		   *why = i->shutdown ? text(s, "%s is shut down", i->name)
				      : tunnel_fails(s, d, i, false, &p, &b, &pe, &rule, &code);
	tc_trace *tr = &dm->traces[0];
	tr->events = tc_arena_alloc(a, sizeof *tr->events);
	tr->nevents = 1;
	tr->rounds = 1;
	tc_event *ev = tr->events;
	ev->step = 1;
	ev->device = d;
	ev->has_proxy = !why; /* the SA's pair, for per-step diagrams */
	ev->local = dm->local;
	ev->remote = dm->remote;
	if (why) {
		dm->state = TC_STATE_DOWN;
		ev->kind = TC_EV_REJECT;
		ev->reason = code;
		ev->rule = rule;
		ev->text = text(s, "%s %s is down: %s", d->hostname, i->name, why);
		dm->summary = text(s, "the tunnel is down: %s", why);
	} else {
		dm->state = TC_STATE_STABLE;
		dm->owner = p;
		dm->owner_addr = t->dst;
		dm->has_owner_addr = true;
		/* kept by the domain (owners_seen): the text pool, not the walk's scratch */
		const char *own = p ? p->hostname : text(s, "%s", sim_ipstr(s, t->dst));
		ev->kind = TC_EV_SA_UP;
		ev->reason = p ? TC_REASON_NONE : TC_REASON_PEER_OUTSIDE_SNAPSHOT;
		ev->rule = !pe ? "R1.8" : t->profile->sa->ike_version == 2 ? "§6" : "R1.11";
		ev->peer = p;
		ev->peer_addr = t->dst;
		ev->has_peer_addr = true;
		ev->text =
			pe  ? text(s,
				   "%s %s (IPsec profile %s, %s) and %s crypto map %s %u "
				    "negotiate: the SA is up",
				   d->hostname, i->name, t->profile_name, selectors(s, t),
				   p->hostname, pe->map, pe->seq)
			: p ? text(s,
				   "%s %s and %s %s negotiate (IPsec profile %s, %s): the SA is up",
				   d->hostname, i->name, p->hostname, b->name, t->profile_name,
				   selectors(s, t))
			    : text(s,
				   "%s %s (IPsec profile %s, %s) ends at %s, outside the snapshot "
				   "(assumed to answer)",
				   d->hostname, i->name, t->profile_name, selectors(s, t), own);
		dm->summary = text(s, "%s owns the SA: the two tunnel ends negotiate%s", own,
				   p ? "" : " (peer not in the snapshot; assumed to answer)");
		dm->owners_seen = tc_arena_alloc(a, sizeof *dm->owners_seen);
		dm->owners_seen[0] = own;
		dm->nowners_seen = 1;
	}
	const tc_rule_info *ri = tc_rule_info_find(ev->rule);
	ev->confidence = ri ? ri->confidence : NULL;
	tr->first_sender = "local";
	tr->state = dm->state;
	tr->owner = dm->owner;
	tr->owner_addr = dm->owner_addr;
	tr->has_owner = dm->has_owner_addr;
	dm->traces[1] = *tr;
	dm->traces[1].first_sender = "remote";
}

static bool has_tunnel_domain(const tc_iface *i)
{
	return i->tun && i->tun->mode != TC_TUN_OTHER && tc_tunnel_protected(i->tun);
}

tc_domain *sim_tunnel_domains(sim *s, tc_arena *a, size_t *n)
{
	const tc_model *m = s->m;
	*n = 0;
	for (size_t k = 0; k < m->ndevs; k++)
		for (const tc_iface *i = m->devs[k]->ifaces; i; i = i->next)
			*n += has_tunnel_domain(i);
	tc_domain *v = tc_arena_alloc(a, (*n + 1) * sizeof *v);
	size_t at = 0;
	for (size_t k = 0; k < m->ndevs; k++)
		for (const tc_iface *i = m->devs[k]->ifaces; i; i = i->next)
			if (has_tunnel_domain(i))
				tunnel_domain(s, a, &v[at++], m->devs[k], i);
	return v;
}

void sim_tunnel_domains_merge(const tc_model *m, tc_prediction *p, const tc_domain *v, size_t n)
{
	if (!n)
		return;
	tc_domain *all = tc_arena_alloc(p->arena, (p->ndomains + n) * sizeof *all);
	size_t at = 0, j = 0, t = 0;
	/* each device's tunnels after its crypto map domains: the order stays by device */
	for (size_t k = 0; k < m->ndevs; k++) {
		while (j < p->ndomains && p->domains[j].device == m->devs[k])
			all[at++] = p->domains[j++];
		while (t < n && v[t].device == m->devs[k])
			all[at++] = v[t++];
	}
	while (j < p->ndomains)
		all[at++] = p->domains[j++];
	p->domains = all;
	p->ndomains = at;
}
