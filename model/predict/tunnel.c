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

/* Why the two protected ends a (of d) and b (of p) cannot bring their SA up, with its rule,
 * or NULL when they can. */
static const char *protection_fails(sim *s, const tc_device *d, const tc_iface *a,
				    const tc_device *p, const tc_iface *b, const char **rule)
{
	*rule = "R1.9";
	for (int k = 0; k < 2; k++) {
		const tc_device *x = k ? p : d;
		const tc_tunnel *t = (k ? b : a)->tun;
		if (!t->profile_name)
			return text(s, "%s tunnel %s is a static VTI without tunnel protection",
				    x->hostname, (k ? b : a)->name);
		if (!t->profile)
			return text(s, "%s tunnel %s names IPsec profile %s, which is not defined",
				    x->hostname, (k ? b : a)->name, t->profile_name);
	}
	const tc_entry *ea = a->tun->profile->sa, *eb = b->tun->profile->sa;
	unsigned ver = ea->ike_version;
	if (ver != eb->ike_version)
		return text(s, "%s speaks IKEv%u on %s, %s IKEv%u on %s", d->hostname, ver, a->name,
			    p->hostname, eb->ike_version, b->name);
	uint32_t src = a->tun->src, dst = a->tun->dst;
	tc_authcheck ac; /* keys or certificates, as a crypto map's peers (one copy of the rule) */
	if (!tc_ike_auth(&ac, d, ea, src, p, dst, ver))
		return sim_auth_failure(s, &ac, d, p, sim_ipstr(s, dst), sim_ipstr(s, src), ver,
					rule);
	/* a profile without `set transform-set` offers the device's default sets: not compared */
	if (ea->ntsets && eb->ntsets && !tc_tset_match(ea, eb))
		return text(s, "IPsec profiles %s (%s) and %s (%s) share no transform set", ea->map,
			    d->hostname, eb->map, p->hostname);
	if (eb->pfs_group && eb->pfs_group != ea->pfs_group) {
		*rule = "R4.7";
		return ea->pfs_group ? text(s, "%s requires PFS group %u, %s offers group %u",
					    p->hostname, eb->pfs_group, d->hostname, ea->pfs_group)
				     : text(s, "%s requires PFS group %u, %s offers none",
					    p->hostname, eb->pfs_group, d->hostname);
	}
	return NULL;
}

/* The tunnel is down for the packet d routed into it: say why, drop it. */
static int tunnel_down(sim *s, const tc_device *d, const tc_iface *out, const char *rule,
		       const char *why)
{
	sim_emit(s, TC_EV_DROP, d, rule, "%s routes it into %s, which is down: %s; dropped",
		 d->hostname, out->name, why);
	return SIM_TUN_STOPPED;
}

/* The underlay carries the tunnel's outer packets from d to dst and back to src: the route to
 * the destination does not leave by the tunnel itself, and both ways get through. NULL, or
 * why not. */
static const char *underlay_fails(sim *s, const tc_device *d, const tc_iface *out, uint32_t src,
				  uint32_t dst, const tc_device *p)
{
	const tc_fib_entry *fe = sim_lookup(s, d, dst);
	if (!fe || !fe->iface)
		return text(s, "%s has no route to the tunnel destination %s", d->hostname,
			    sim_ipstr(s, dst));
	if (tc_fib_iface(d, fe) == out)
		return text(s,
			    "the route to the tunnel destination %s leaves by %s itself "
			    "(recursive routing)",
			    sim_ipstr(s, dst), out->name);
	const char *why = NULL;
	if (!sim_reach(s, d, dst, &why) || (p && !sim_reach(s, p, src, &why)))
		return text(s,
			    "the tunnel's outer packets between %s and %s do not get through: %s",
			    sim_ipstr(s, src), sim_ipstr(s, dst), why);
	return NULL;
}

int sim_tunnel_cross(sim *s, const tc_device **dp, const tc_iface **inp, const tc_iface *out,
		     flow_result *res)
{
	const tc_device *d = *dp;
	const tc_tunnel *t = out->tun;
	if (t->mode == TC_TUN_OTHER) {
		/* multipoint GRE (DMVPN) and the rest: the overlay next hop, as any interface's */
		sim_emit(
			s, TC_EV_INFO, d, "R1.8",
			"%s: tunnel mode %s of %s is not modelled; the packet goes to the next hop "
			"on the tunnel's subnet, unencrypted",
			d->hostname, t->mode_text, out->name);
		return SIM_TUN_PLAIN;
	}
	if (!t->src || !t->dst)
		return tunnel_down(
			s, d, out, "R1.9",
			text(s, "it has no tunnel %s address", !t->src ? "source" : "destination"));
	uint32_t src = t->src, dst = t->dst;
	bool down = false;
	const tc_iface *sif = NULL, *pif = NULL;
	/* the source interface down (shut, failed): the tunnel's line protocol is down */
	if (sim_holder(s, src, &sif, &down) != d || down)
		return tunnel_down(s, d, out, "R1.9",
				   text(s, "its source address %s is not up on %s",
					sim_ipstr(s, src), d->hostname));
	const tc_device *p = sim_holder(s, dst, &pif, &down);
	const char *why = underlay_fails(s, d, out, src, dst, p && !down ? p : NULL);
	if (why)
		return tunnel_down(s, d, out, "R1.9", why);
	if (t->vrf)
		sim_emit(s, TC_EV_INFO, d, "R1.8",
			 "%s: tunnel vrf %s is not modelled; the outer packets are routed in the "
			 "global table",
			 d->hostname, t->vrf);
	if (!p) {
		sim_emit(s, TC_EV_DELIVER, d, "R1.8",
			 "%s sends it into %s %s%s toward %s, outside the snapshot", d->hostname,
			 mode_name(t), out->name, tc_tunnel_protected(t) ? ", encrypted," : "",
			 sim_ipstr(s, dst));
		res->out = OUT_EXITED;
		return SIM_TUN_STOPPED;
	}
	if (down)
		return tunnel_down(s, d, out, "R1.9",
				   text(s, "the tunnel destination %s (%s) is down",
					sim_ipstr(s, dst), p->hostname));
	const tc_iface *b = far_end(p, src, dst);
	if (!b || b->shutdown || !b->has_addr)
		return tunnel_down(s, d, out, "R1.9",
				   b ? text(s, "%s tunnel %s is %s", p->hostname, b->name,
					    b->shutdown ? "shut down" : "without an address")
				     : text(s, "%s has no tunnel interface from %s to %s",
					    p->hostname, sim_ipstr(s, dst), sim_ipstr(s, src)));
	if ((t->mode == TC_TUN_IPSEC) != (b->tun->mode == TC_TUN_IPSEC) ||
	    tc_tunnel_protected(t) != tc_tunnel_protected(b->tun))
		return tunnel_down(s, d, out, "R1.9",
				   text(s, "%s is %s, the other end (%s %s) %s", out->name,
					mode_name(t), p->hostname, b->name, mode_name(b->tun)));
	const char *rule = NULL;
	if (tc_tunnel_protected(t) && (!sif->ike || !pif->ike))
		return tunnel_down(s, d, out, "R1.9",
				   text(s, "IKE is not enabled on %s interface %s",
					!sif->ike ? d->hostname : p->hostname,
					tc_iface_label(!sif->ike ? sif : pif)));
	if (tc_tunnel_protected(t) && (why = protection_fails(s, d, out, p, b, &rule)))
		return tunnel_down(s, d, out, rule, why);
	if (tc_tunnel_protected(t))
		sim_emit(s, TC_EV_INFO, d, "R1.8",
			 "%s encrypts it into %s %s (IPsec profile %s, %s) toward %s; %s decrypts "
			 "it on %s",
			 d->hostname, mode_name(t), out->name, t->profile_name,
			 t->mode == TC_TUN_IPSEC ? "selectors any <-> any"
						 : text(s, "selectors gre %s <-> %s",
							sim_ipstr(s, src), sim_ipstr(s, dst)),
			 p->hostname, p->hostname, b->name);
	else
		sim_emit(s, TC_EV_INFO, d, "R1.8",
			 "%s sends it into GRE tunnel %s toward %s, not encrypted; it comes out of "
			 "%s %s",
			 d->hostname, out->name, sim_ipstr(s, dst), p->hostname, b->name);
	*dp = p;
	*inp = b;
	return SIM_TUN_CROSSED;
}
