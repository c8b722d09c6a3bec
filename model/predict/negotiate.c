/* negotiate.c: IKE between two gateways: reachability of the peer, the negotiation checks, and
 * initiating to the peers in order. */
#include "predict_int.h"

#include <string.h>

/* ---- negotiation checks --------------------------------------------------- */

/* A peer that a static entry of p's crypto map set `map` names by a host name the snapshot does
 * not resolve (IOS `set peer NAME [dynamic]`), or NULL: it may be any address, so p's answer to
 * a peer it does not list by address is unknown rather than refused. */
const tc_peer_name *sim_unresolved_peer(const tc_device *p, const char *map)
{
	for (const tc_entry *e = p->entries; e; e = e->next)
		for (const tc_peer_name *n = e->dynamic ? NULL : e->named; n; n = n->next)
			if (!n->addr && strcmp(e->map, map) == 0)
				return n;
	return NULL;
}

/* Plain forwarding of an outer (IKE/ESP) packet from d to dst: true when it
 * arrives or leaves the snapshot; false with a reason (a text of s) in *why
 * when it dies. Lint asks the same question (TC108). */
bool sim_reach(sim *s, const tc_device *d, uint32_t dst, const char **why)
{
	for (int hop = 0; hop < TC_MAX_HOPS; hop++) {
		bool down;
		if (sim_holder(s, dst, NULL, &down) == d && !down)
			return true;
		const tc_fib_entry *fe = sim_lookup(s, d, dst);
		if (!fe || !fe->iface) {
			*why = text(s, "%s has no route to %s", d->hostname, sim_ipstr(s, dst));
			return false;
		}
		uint32_t nh = tc_fib_has_nh(fe) ? tc_fib_nh(fe) : dst;
		const tc_device *n = sim_holder(s, nh, NULL, &down);
		if (!n && tc_fib_has_nh(fe))
			return true; /* leaves the snapshot: assume it gets there */
		if (!n) {
			*why = text(s, "no device of %s's connected network holds %s", d->hostname,
				    sim_ipstr(s, dst));
			return false;
		}
		if (down) {
			*why = text(s, "%s forwards to %s, which is down", d->hostname,
				    n->hostname);
			return false;
		}
		d = n;
	}
	*why = text(s, "routing loop toward %s", sim_ipstr(s, dst));
	return false;
}

typedef struct nego {
	const tc_device *resp;
	const tc_entry *resp_entry;
	const tc_entry *resp_dyn; /* the dynamic map entry answering (resp_entry is then the
				     crypto map's dynamic entry), or NULL */
	const char *why;	  /* failure reason */
	const char *rule;	  /* rule behind the failure */
	tc_reason code;		  /* the failure's code */
	bool narrowed;		  /* IKEv2: the responder narrowed the proxies to l, r */
	const tc_iface *tun;	  /* the responder answers on this protected tunnel (R1.11) */
	tc_prefix l, r;		  /* the proxies of the SA, as the initiator sees them */
} nego;

/* The more specific of two overlapping prefixes (their intersection). */
static tc_prefix narrower(tc_prefix a, tc_prefix b)
{
	return a.len >= b.len ? a : b;
}

const tc_ace *sim_ace_overlapping(const tc_entry *e, tc_prefix l, tc_prefix r, svc sv,
				  tc_prefix *nl, tc_prefix *nr)
{
	if (!e->acl)
		return NULL;
	for (const tc_ace *a = e->acl->aces; a; a = a->next) {
		if (!tc_prefix_overlaps(a->src, l) || !tc_prefix_overlaps(a->dst, r) ||
		    !svc_contains(ace_svc(a), sv))
			continue;
		if (!a->permit)
			return NULL;
		*nl = narrower(a->src, l);
		*nr = narrower(a->dst, r);
		return a;
	}
	return NULL;
}

/* R4.1 is the IKEv1 responder rule. IKEv2 accepts a listed peer by the IKEv2 column of the
 * spec's §6 (its keyrings, profiles, local and remote keys); R4.2 is only the ASA's multi-peer
 * active-peer check (accept_rule). */
const char *sim_ike_rule(const sim *s, unsigned ver, const char *rule)
{
	if (ver == 2 && rule && strcmp(rule, "R4.1") == 0 && !s->opts->ikev2_accepts_backup)
		return "§6";
	return rule;
}

/* The rule behind responder entry pe accepting an initiator speaking IKEv`ver`: R4.2 when it
 * passed the active-peer check of a multi-peer IKEv2 entry, else the acceptance rule. */
static const char *accept_rule(const sim *s, unsigned ver, const tc_entry *pe)
{
	if (ver == 2 && !pe->dynamic && pe->npeers > 1 && !s->opts->ikev2_accepts_backup)
		return "R4.2";
	return sim_ike_rule(s, ver, "R4.1");
}

/* Why d and its peer p cannot authenticate each other (ac from tc_ike_auth()): the first
 * obstacle, its rule in *rule. pl, ml: how the trace names p's and d's addresses. */

const char *sim_auth_failure(sim *s, const tc_authcheck *ac, const tc_device *d, const tc_device *p,
			     const char *pl, const char *ml, unsigned ver, const char **rule,
			     tc_reason *code)
{
	/* IKEv1 negotiates the method with the policy (R4.8); keys and certificates are the
	 * peer's credentials (R4.1, IKEv2: §6's list of its credentials) */
	*rule = (ac->method_mismatch && ver == 1) ||
				(!ac->b_no_profile && !ac->method_mismatch && !ac->a_no_trust &&
				 !ac->b_no_trust && !ac->a_no_key && !ac->b_no_key &&
				 !ac->keys_differ)
			? "R4.8"
			: sim_ike_rule(s, ver, "R4.1");
	if (ac->b_no_profile) {
		char id[300];
		*code = TC_REASON_NO_IKEV2_PROFILE;
		return text(s, "%s has no IKEv2 profile matching identity %s", p->hostname,
			    tc_ikeid_str(id, sizeof id, &ac->a_id));
	}
	*code = TC_REASON_AUTH_METHOD_MISMATCH;
	if (ac->method_mismatch)
		return text(s, "%s authenticates with %s and %s with %s (IKEv%u)", d->hostname,
			    tc_auth_name(ac->a_uses), p->hostname, tc_auth_name(ac->b_uses), ver);
	*code = TC_REASON_NO_TRUSTPOINT;
	if (ac->a_no_trust || ac->b_no_trust)
		return text(s, "%s authenticates with certificates and has no trustpoint",
			    ac->a_no_trust ? d->hostname : p->hostname);
	*code = TC_REASON_NO_PSK;
	if (ac->a_no_key || ac->b_no_key)
		return text(s, "%s has no pre-shared key for %s",
			    ac->a_no_key ? d->hostname : p->hostname, ac->a_no_key ? pl : ml);
	*code = TC_REASON_PSK_MISMATCH;
	if (ac->keys_differ)
		return text(s, "the pre-shared keys of %s and %s differ", d->hostname, p->hostname);
	*code = TC_REASON_NO_IKE_POLICY;
	if (ac->a_uses & TC_AUTH_CERTS)
		return text(s, "%s and %s have no common IKEv%u policy with %s", d->hostname,
			    p->hostname, ver, tc_auth_name(ac->a_uses));
	return text(s, "%s and %s have no common IKEv%u pre-share policy", d->hostname, p->hostname,
		    ver);
}

const char *sim_pfs_refused(sim *s, const tc_device *p, const tc_entry *pe, const tc_device *d,
			    const tc_entry *e)
{
	if (!sim_pfs_refuses(pe, e))
		return NULL;
	return e->pfs_group ? text(s, "%s requires PFS group %u, %s offers group %u", p->hostname,
				   pe->pfs_group, d->hostname, e->pfs_group)
			    : text(s, "%s requires PFS group %u, %s offers none", p->hostname,
				   pe->pfs_group, d->hostname);
}

/* Can d (entry e, proxies l/r, map interface out) bring up an SA with peer? */
static bool negotiate(sim *s, const tc_device *d, const tc_entry *e, const tc_iface *out,
		      tc_prefix l, tc_prefix r, svc sv, uint32_t peer, nego *n)
{
	memset(n, 0, sizeof *n);
	n->l = l;
	n->r = r;
	const char *pl = sim_peer_label(s, peer);
	const tc_fib_entry *fe = sim_lookup(s, d, peer);
	n->rule = "R1.5";
	n->code = TC_REASON_NO_ROUTE_TO_PEER;
	if (!fe || !fe->iface) {
		n->why = text(s, "%s has no route to peer %s", d->hostname, pl);
		return false;
	}
	if (!sim_peer_route_leaves(s, d, fe, out)) {
		n->code = TC_REASON_PEER_ROUTE_ELSEWHERE;
		n->why = text(
			s, "the route to peer %s leaves %s, not %s where crypto map %s is applied",
			pl, tc_iface_label(tc_fib_iface(d, fe)), tc_iface_label(out), e->map);
		return false;
	}
	const tc_iface *pif = NULL;
	bool pdown;
	const tc_device *p = sim_holder(s, peer, &pif, &pdown);
	if (!p)
		return true; /* outside the snapshot: assume it answers */
	if (pdown) {
		n->rule = "R3.3";
		n->code = TC_REASON_PEER_DOWN;
		n->why = text(s, "no answer: %s is down",
			      pif->shutdown ? piece(s, "%s interface %s", p->hostname,
						    tc_iface_label(pif))
					    : p->hostname);
		return false;
	}
	const char *why = NULL;
	if (!sim_reach(s, d, peer, &why) || !sim_reach(s, p, out->addr, &why)) {
		n->code = TC_REASON_IKE_UNREACHABLE;
		n->why = text(s, "IKE packets between %s and %s do not get through: %s",
			      d->hostname, p->hostname, why);
		return false;
	}
	n->rule = "R4.1";
	const tc_iface *tun = pif->cmap ? NULL : sim_tunnel_toward(p, out->addr, peer);
	if (!pif->cmap && !tun) {
		n->code = TC_REASON_NO_CRYPTO_MAP;
		n->why = text(s, "%s has no crypto map on %s, where %s lives", p->hostname,
			      tc_iface_label(pif), sim_ipstr(s, peer));
		return false;
	}
	n->code = TC_REASON_IKE_NOT_ENABLED;
	if (!pif->ike) {
		n->why = text(s, "IKE is not enabled on %s interface %s", p->hostname,
			      tc_iface_label(pif));
		return false;
	}
	if (!out->ike) {
		n->why = text(s, "IKE is not enabled on %s interface %s", d->hostname,
			      tc_iface_label(out));
		return false;
	}
	unsigned ver = e->ike_version ? e->ike_version : 1;
	tc_authcheck ac;
	if (!tc_ike_auth(&ac, d, e, out->addr, p, peer, ver)) {
		n->why = sim_auth_failure(s, &ac, d, p, pl, sim_peer_label(s, out->addr), ver,
					  &n->rule, &n->code);
		return false;
	}
	if (tun) {
		n->why = sim_tunnel_answer(s, d, e, p, tun, &n->l, &n->r, sv, &n->rule, &n->code);
		n->resp = n->why ? NULL : p;
		n->tun = tun;
		return !n->why;
	}
	const map_index *pmi = sim_map_find(s, p, pif->cmap);
	if (pmi)
		n->resp_entry = sim_answering_entry(s, pmi, out->addr, l, r, sv);
	/* none: what the failure names */
	const tc_entry *listing = !n->resp_entry && pmi ? sim_map_listing(pmi, out->addr) : NULL;
	if (!n->resp_entry && ver == 2) {
		/* no line contains the proposal: an IKEv2 responder narrows to one that overlaps */
		for (const tc_entry *pe = p->entries; pe && !n->resp_entry; pe = pe->next) {
			tc_prefix nr, nl;
			if (strcmp(pe->map, pif->cmap) == 0 && !pe->dynamic &&
			    tc_entry_lists_peer(pe, out->addr) &&
			    sim_ace_overlapping(pe, r, l, svc_mirror(sv), &nr, &nl)) {
				n->resp_entry = pe;
				n->narrowed = true;
				n->l = nl;
				n->r = nr;
			}
		}
	}
	if (!n->resp_entry && pmi && pmi->dyn) {
		/* R2.7: the dynamic entries answer what no static entry does */
		n->resp_dyn = sim_dyn_answer(s, p, pmi, d, e, out->addr, &n->l, &n->r, sv,
					     &n->resp_entry, &n->why, &n->rule, &n->code);
		if (!n->resp_dyn)
			return false;
		n->narrowed = tc_prefix_cmp(n->l, l) || tc_prefix_cmp(n->r, r);
	}
	if (!n->resp_entry) {
		n->rule = listing ? "R2.3" : "R4.1";
		n->code = listing ? TC_REASON_ACL_NOT_MIRRORED : TC_REASON_PEER_NOT_LISTED;
		n->why =
			listing ? text(s,
				       "%s crypto map %s %u lists %s but no ACL line contains %s <-> %s (IKEv1 proxies must fit one responder line)",
				       p->hostname, listing->map, listing->seq,
				       sim_ipstr(s, out->addr), sim_pfx(s, r), sim_pfx(s, l))
				: text(s,
				       "%s has no crypto map entry on %s that lists %s as a peer",
				       p->hostname, tc_iface_label(pif), sim_ipstr(s, out->addr));
		const tc_peer_name *pn = listing ? NULL : sim_unresolved_peer(p, pif->cmap);
		if (pn)
			n->why = text(
				s,
				"%s; it names a peer %s whose address the snapshot does not know "
				"(it may be %s)",
				n->why, pn->name, sim_ipstr(s, out->addr));
		return false;
	}
	const tc_entry *pe = n->resp_entry;
	if (pe->conn_type == TC_CONN_ORIGINATE_ONLY) {
		n->rule = "R3.10";
		n->code = TC_REASON_ORIGINATE_ONLY;
		n->why = text(s, "%s crypto map %s %u is originate-only and does not answer",
			      p->hostname, pe->map, pe->seq);
		return false;
	}
	if (ver == 2 && !pe->dynamic && pe->npeers > 1 && !s->opts->ikev2_accepts_backup) {
		unsigned act = s->sat.active[sim_entry_index(s, pe)];
		if (pe->peers[act] != out->addr) {
			n->rule = "R4.2";
			n->code = TC_REASON_IKEV2_NOT_ACTIVE_PEER;
			n->why = text(
				s,
				"IKEv2: %s accepts only its current active peer %s for crypto map %s %u",
				p->hostname, sim_peer_label(s, pe->peers[act]), pe->map, pe->seq);
			return false;
		}
	}
	if (n->resp_dyn) { /* transform sets and PFS: the dynamic map entry's, checked */
		n->resp = p;
		n->rule = NULL;
		return true;
	}
	if (!pe->dynamic && !tc_tset_match(e, pe)) {
		n->rule = "L10";
		n->code = TC_REASON_NO_TRANSFORM_SET;
		n->why = text(s,
			      "%s crypto map %s %u and %s crypto map %s %u share no transform set",
			      d->hostname, e->map, e->seq, p->hostname, pe->map, pe->seq);
		return false;
	}
	if ((n->why = sim_pfs_refused(s, p, pe, d, e))) {
		n->rule = "R4.7";
		n->code = TC_REASON_PFS_MISMATCH;
		return false;
	}
	n->resp = p;
	n->rule = NULL;
	return true;
}

/* Entry e of d initiates for proxies (l, r); returns the SA on d or NULL. */
sa *sim_initiate(sim *s, const tc_device *d, const tc_entry *e, const tc_iface *out, tc_prefix l,
		 tc_prefix r, svc sv)
{
	char st[32];
	sim_svc_text(st, sizeof st, sv);
	if (e->npeers == 0 && e->named)
		sim_emit(s, TC_EV_REJECT, TC_REASON_PEER_UNRESOLVED, d, "R3.1",
			 "crypto map %s %u names its peer %s, whose address the snapshot does not "
			 "know; not predicted",
			 e->map, e->seq, e->named->name);
	else if (e->npeers == 0)
		sim_emit(s, TC_EV_REJECT, TC_REASON_NO_PEER, d, "R3.1",
			 "crypto map %s %u has no peer to initiate to", e->map, e->seq);
	if (e->npeers == 0)
		return NULL;
	unsigned ei = sim_entry_index(s, e);
	unsigned start = s->sat.active[ei];
	for (unsigned k = 0; k < e->npeers; k++) {
		unsigned idx = (start + k) % e->npeers;
		uint32_t peer = e->peers[idx];
		sim_emit(
			s, TC_EV_INITIATE, TC_REASON_NONE, d, k == 0 && idx == 0 ? "R3.1" : "R3.3",
			"%s initiates IKEv%u to %s, peer %u of %u in crypto map %s %u, for %s <-> %s%s%s",
			d->hostname, e->ike_version ? e->ike_version : 1, sim_peer_label(s, peer),
			idx + 1, e->npeers, e->map, e->seq, sim_pfx(s, l), sim_pfx(s, r), st,
			k == 0 && idx != 0
				? " (the entry's active peer: an earlier negotiation moved it there)"
				: "");
		sim_detail(s, sim_holder(s, peer, NULL, &(bool){false}), peer, true, &l, &r);
		nego n;
		if (!negotiate(s, d, e, out, l, r, sv, peer, &n)) {
			sim_emit(s, TC_EV_REJECT, n.code, d,
				 sim_ike_rule(s, e->ike_version, n.rule),
				 "negotiation with %s fails: %s", sim_peer_label(s, peer), n.why);
			sim_detail(s, sim_holder(s, peer, NULL, &(bool){false}), peer, true, &l,
				   &r);
			continue;
		}
		s->w.epoch += s->sat.active[ei] != idx;
		s->sat.active[ei] = idx;
		if (n.tun) {
			/* the tunnel end keeps no crypto map SA: d's is the one the walk uses */
			sim_emit(s, TC_EV_SA_UP, TC_REASON_NONE, d,
				 e->ike_version == 2 ? "§6" : "R1.11",
				 "phase-2 SA up: %s <-> %s%s between %s and %s (%s accepts on %s, "
				 "IPsec profile %s)",
				 sim_pfx(s, n.l), sim_pfx(s, n.r), st, d->hostname,
				 n.resp->hostname, n.resp->hostname, n.tun->name,
				 n.tun->tun->profile_name);
			sim_detail(s, n.resp, peer, true, &n.l, &n.r);
			sim_sa_install(s, d, e, n.l, n.r, sv, peer, n.resp);
			return sim_sa_find_exact(s, d, e, n.l, n.r, sv, peer);
		}
		if (n.resp && s->opts->responder_moves_active && !n.resp_entry->dynamic)
			for (unsigned q = 0; q < n.resp_entry->npeers; q++)
				if (n.resp_entry->peers[q] == out->addr) {
					unsigned *act =
						&s->sat.active[sim_entry_index(s, n.resp_entry)];
					s->w.epoch += *act != q;
					*act = q;
				}
		if (n.narrowed) {
			sim_emit(
				s, TC_EV_INFO, TC_REASON_NARROWED, n.resp, "§6",
				"IKEv2: %s has no line containing %s <-> %s and narrows the SA to %s <-> %s",
				n.resp->hostname, sim_pfx(s, r), sim_pfx(s, l), sim_pfx(s, n.r),
				sim_pfx(s, n.l));
			sim_detail(s, d, out->addr, true, &n.r,
				   &n.l); /* the SA as the responder sees it */
			l = n.l;
			r = n.r;
		}
		if (n.resp && n.resp_dyn) {
			sim_emit(
				s, TC_EV_SA_UP, TC_REASON_NONE, d, "R2.7",
				"phase-2 SA up: %s <-> %s%s between %s and %s (%s accepts as responder with crypto map %s %u, dynamic map %s %u)",
				sim_pfx(s, l), sim_pfx(s, r), st, d->hostname, n.resp->hostname,
				n.resp->hostname, n.resp_entry->map, n.resp_entry->seq,
				n.resp_dyn->map, n.resp_dyn->seq);
			sim_detail(s, n.resp, peer, true, &l, &r);
			sim_sa_install(s, n.resp, n.resp_entry, r, l, svc_mirror(sv), out->addr, d);
			sim_sa_find_exact(s, n.resp, n.resp_entry, r, l, svc_mirror(sv), out->addr)
				->dyn = n.resp_dyn;
			sim_sa_install(s, d, e, l, r, sv, peer, n.resp);
		} else if (n.resp) {
			sim_emit(
				s, TC_EV_SA_UP, TC_REASON_NONE, d,
				accept_rule(s, e->ike_version, n.resp_entry),
				"phase-2 SA up: %s <-> %s%s between %s and %s (%s accepts as responder with crypto map %s %u)",
				sim_pfx(s, l), sim_pfx(s, r), st, d->hostname, n.resp->hostname,
				n.resp->hostname, n.resp_entry->map, n.resp_entry->seq);
			sim_detail(s, n.resp, peer, true, &l, &r);
			sim_sa_install(s, n.resp, n.resp_entry, r, l, svc_mirror(sv), out->addr, d);
			sim_sa_install(s, d, e, l, r, sv, peer, n.resp);
		} else {
			sim_emit(
				s, TC_EV_SA_UP, TC_REASON_PEER_OUTSIDE_SNAPSHOT, d, NULL,
				"phase-2 SA up: %s <-> %s%s with %s, which is not in the snapshot (assumed to answer)",
				sim_pfx(s, l), sim_pfx(s, r), st, sim_ipstr(s, peer));
			sim_detail(s, NULL, peer, true, &l, &r);
			sim_sa_install(s, d, e, l, r, sv, peer, NULL);
		}
		return sim_sa_find_exact(s, d, e, l, r, sv, peer);
	}
	sim_emit(s, TC_EV_DROP, TC_REASON_NO_PEER_ACCEPTS, d, "R3.3",
		 "no peer of crypto map %s %u accepts; the packet is dropped", e->map, e->seq);
	return NULL;
}
