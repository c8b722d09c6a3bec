/* tunnel.c: tunnel interfaces (`tunnel ...` lines under `interface TunnelN`) and IPsec profiles
 * (`crypto ipsec profile P`), for IOS and ASA alike: route-based VPNs. */
#include "parser_int.h"

static tc_cmdtab tun_tab, prof_tab;

/* ---- tunnel interface lines ---------------------------------------------------------- */

static tc_tunnel *tun(tc_pstate *st)
{
	tc_tunnel *t = tc_iface_tunnel(st->m, st->iface);
	if (!t->line) {
		t->line = st->ln->no;
		/* the ASA's only tunnel mode is IPsec (a VTI), whatever its `tunnel mode` says */
		if (st->ops->dialect == TC_DIALECT_ASA)
			t->mode = TC_TUN_IPSEC;
	}
	return t;
}

static int h_source(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* IOS: tunnel source IF|A; ASA: tunnel source interface NAMEIF */
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "interface"))
		at++;
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an interface or an address");
		return 0;
	}
	tc_tunnel *t = tun(st);
	uint32_t a;
	if (tc_p_ip(st, &ln->tok[at], &a)) {
		t->src = a;
		t->src_ifname = NULL;
	} else {
		t->src_ifname = tc_p_dup(st, ln, at);
		t->src = 0;
	}
	return 0;
}

static int h_destination(tc_pstate *st, const tc_line *ln, size_t at)
{
	uint32_t a;
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an address");
		return 0;
	}
	if (!tc_p_ip(st, &ln->tok[at], &a)) {
		/* a host name (resolved by DNS on the router): not modelled */
		tc_p_diag(st, at, TC_SEV_NOTE, "unsupported",
			  "a tunnel destination given as a host name is not modelled");
		tc_p_skipped(st);
		return 0;
	}
	tun(st)->dst = a;
	return 0;
}

static int h_mode(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* tunnel mode gre ip | ipsec ipv4 | gre multipoint | ipip | ... */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a tunnel mode");
		return 0;
	}
	tc_tunnel *t = tun(st);
	t->has_mode = true;
	t->mode_text = NULL;
	const tc_tok *w = &ln->tok[at];
	bool one = at + 2 == ln->ntok;
	if (one && tc_tok_is(w, "gre") && tc_tok_is(&ln->tok[at + 1], "ip")) {
		t->mode = TC_TUN_GRE;
	} else if (one && tc_tok_is(w, "ipsec") && tc_tok_is(&ln->tok[at + 1], "ipv4")) {
		t->mode = TC_TUN_IPSEC;
	} else {
		t->mode = TC_TUN_OTHER;
		t->mode_text = tc_p_rest(st, ln, at);
		tc_p_diag(st, at, TC_SEV_NOTE, "unsupported",
			  "tunnel mode %s is not modelled; nothing is routed through %s",
			  t->mode_text, st->iface->name);
		tc_p_skipped(st);
	}
	return 0;
}

static int h_protection(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* tunnel protection ipsec profile P [shared] */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an IPsec profile name");
		return 0;
	}
	tc_tunnel *t = tun(st);
	t->profile_name = tc_p_dup(st, ln, at);
	t->shared = false;
	for (size_t i = at + 1; i < ln->ntok; i++) {
		if (tc_tok_is(&ln->tok[i], "shared")) {
			t->shared = true;
		} else {
			/* `isakmp-profile X`, `ikev2-profile X`: the profile's own settings stand */
			tc_p_diag(st, i, TC_SEV_NOTE, "unsupported",
				  "this option of tunnel protection is not modelled");
			break;
		}
	}
	return 0;
}

static int h_vrf(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a VRF name");
		return 0;
	}
	tun(st)->vrf = tc_p_dup(st, ln, at);
	return 0;
}

static int h_unknown_option(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	tc_p_unknown(st, "unknown tunnel option");
	return 0;
}

/* `tunnel ...` under an interface, both dialects: the tunnel's own sub-commands. */
int tc_h_tunnel(tc_pstate *st, const tc_line *ln, size_t at)
{
	const tc_cmd *c = tc_cmdtab_find(&tun_tab, ln, at);
	if (!c)
		return h_unknown_option(st, ln, at);
	if (!c->fn) {
		tc_p_skipped(st);
		return 0;
	}
	return c->fn(st, ln, at + c->nw);
}

/* ---- crypto ipsec profile -------------------------------------------------------------------- */

int tc_h_ipsec_profile(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a profile name");
		return 0;
	}
	char name[256];
	tc_ipsec_profile *p =
		tc_ipsec_profile_get(st->m, st->dev, tc_tok_str(name, sizeof name, &ln->tok[at]));
	if (!p->file) {
		p->file = st->file;
		p->line = ln->no;
		p->sa->file = st->file;
		p->sa->line = ln->no;
	}
	st->entry = p->sa; /* the entry handlers (set pfs, lifetime) write into it */
	tc_p_push(st, &prof_tab, NULL);
	return 0;
}

static int h_prof_tsets(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* IOS set transform-set T..., ASA set ikev1 transform-set T... | set ikev2
	 * ipsec-proposal P... (IKEv2) */
	tc_p_entry_tsets(st, ln, at, st->entry);
	bool v2 = st->entry->ikev2_profile || tc_tok_is(&ln->tok[at - 1], "ipsec-proposal");
	st->entry->ike_version = v2 ? 2 : 1;
	return 0;
}

static int h_prof_ike_profile(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* set ikev2-profile P (IKEv2) | set isakmp-profile P */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an IKE profile name");
		return 0;
	}
	bool v2 = tc_tok_is(&ln->tok[at - 1], "ikev2-profile");
	*(v2 ? &st->entry->ikev2_profile : &st->entry->isakmp_profile) = tc_p_dup(st, ln, at);
	if (v2)
		st->entry->ike_version = 2;
	return 0;
}

/* ---- tables ------------------------------------------------------------------------------- */

static tc_cmd tun_cmds[] = {
	{"source", h_source, 0},
	{"destination", h_destination, 0},
	{"mode", h_mode, 0},
	{"protection ipsec profile", h_protection, 0},
	{"vrf", h_vrf, 0},
	/* valid, not modelled */
	{"key", NULL, 0},
	{"path-mtu-discovery", NULL, 0},
	{"bandwidth", NULL, 0},
	{"checksum", NULL, 0},
	{"sequence-datagrams", NULL, 0},
	{"ttl", NULL, 0},
	{"tos", NULL, 0},
	{"route-via", NULL, 0},
	{"nhrp", NULL, 0},
	{"rbscp", NULL, 0},
	{"udlr", NULL, 0},
	{"df", NULL, 0},
	{"mtu", NULL, 0},
};

static tc_cmd prof_cmds[] = {
	{"set transform-set", h_prof_tsets, 0},
	{"set ikev1 transform-set", h_prof_tsets, 0},
	{"set ikev2 ipsec-proposal", h_prof_tsets, 0},
	{"set ikev2-profile", h_prof_ike_profile, 0},
	{"set isakmp-profile", h_prof_ike_profile, 0},
	{"set pfs", tc_h_entry_pfs, 0},
	{"set security-association lifetime", tc_h_entry_lifetime, 0},
	/* valid, not modelled */
	{"set security-association", NULL, 0},
	{"set identity", NULL, 0},
	{"set mixed-mode", NULL, 0},
	{"set reverse-route", NULL, 0},
	{"set default", NULL, 0},
	{"responder-only", NULL, 0},
	{"description", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmdtab tun_tab = TC_CMDTAB("tunnel", tun_cmds);
static tc_cmdtab prof_tab = TC_CMDTAB("crypto ipsec profile", prof_cmds);

int tc_tunnel_prepare(void)
{
	if (tc_cmdtab_prepare(&tun_tab) != 0 || tc_cmdtab_prepare(&prof_tab) != 0)
		return TC_ENOMEM;
	return 0;
}
