/* ios.c: the IOS / IOS-XE dialect: command tables and the line shapes only IOS has.
 *
 * IOS writes a crypto map entry as a block (`crypto map NAME SEQ
 * ipsec-isakmp` with indented `set` lines, one peer per `set peer`), ACL
 * operands with wildcard masks, and pre-shared keys as `crypto isakmp key`
 * or inside keyrings. */
#include "parser_int.h"

#include <string.h>

/* ---- sub-command tables (filled below, prepared at start-up) ------------------ */

static tc_cmdtab iface_tab, entry_tab, aclx_tab, objgrp_tab, tset_tab, isakmp_tab, keyring_tab,
	kr2_tab, kr2peer_tab, svcgrp_tab, ikeprof_tab, ike2prof_tab, ike2prop_tab, ike2pol_tab;

/* ---- interfaces ---------------------------------------------------------------- */

static int h_interface(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (!tc_p_iface_open(st, ln, at))
		return 0;
	tc_p_push(st, &iface_tab, NULL);
	return 0;
}

/* An `interface` line indented under another interface (as some configs
 * print them): a new top-level interface block. */
static int h_iface_nested(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_p_reroot(st);
	if (!tc_p_iface_open(st, ln, at))
		return 0;
	tc_p_push(st, &iface_tab, NULL);
	st->stack[st->depth - 1].indent = 0; /* its sub-lines are those indented at all */
	return 0;
}

static int h_iface_vrf(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* vrf forwarding V | ip vrf forwarding V [downstream ...] */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a VRF name");
		return 0;
	}
	st->iface->vrf = tc_p_dup(st, ln, at);
	return 0;
}

static int h_iface_nat(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* ip nat inside | outside | enable */
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "inside"))
		st->iface->nat_inside = true;
	else if (at < ln->ntok && tc_tok_is(&ln->tok[at], "outside"))
		st->iface->nat_outside = true;
	else
		tc_p_skipped(st);
	return 0;
}

static int h_iface_load_sharing(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* ip load-sharing per-packet | per-destination (CEF's default) */
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "per-packet"))
		st->iface->per_packet = true;
	else if (!(at < ln->ntok && tc_tok_is(&ln->tok[at], "per-destination")))
		tc_p_skipped(st);
	return 0;
}

static int h_iface_acl(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* ip access-group ACL in|out */
	if (at + 1 >= ln->ntok) {
		tc_p_bad(st, at + 1, "expected an access list and in or out");
		return 0;
	}
	bool in = tc_tok_is(&ln->tok[at + 1], "in");
	if (!in && !tc_tok_is(&ln->tok[at + 1], "out")) {
		tc_p_bad(st, at + 1, "expected in or out");
		return 0;
	}
	*(in ? &st->iface->acl_in : &st->iface->acl_out) = tc_p_dup(st, ln, at);
	return 0;
}

static int h_iface_crypto_map(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a crypto map name");
		return 0;
	}
	st->iface->cmap = tc_p_dup(st, ln, at); /* `redundancy ...` after it is not modelled */
	return 0;
}

/* ---- static routes ---------------------------------------------------------------- */

static bool has_digit(const tc_tok *t)
{
	for (size_t k = 0; k < t->len; k++)
		if (t->p[k] >= '0' && t->p[k] <= '9')
			return true;
	return false;
}

static bool is_ifname(const tc_tok *t)
{
	char c = t->p[0];
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* `name X` or `name "X Y"` of a static route from token *i + 1; *i ends on its last word. */
static const char *route_label(tc_pstate *st, const tc_line *ln, size_t *i)
{
	size_t first = ++*i;
	if (ln->tok[first].p[0] == '"')
		while (*i + 1 < ln->ntok &&
		       ln->tok[*i].p[ln->tok[*i].len - 1] != '"' /* the closing quote */)
			(*i)++;
	const char *s = ln->tok[first].p, *e = ln->tok[*i].p + ln->tok[*i].len;
	if (e - s >= 2 && s[0] == '"' && e[-1] == '"') {
		s++;
		e--;
	}
	return tc_arena_strndup(st->m->arena, s, (size_t)(e - s));
}

static int h_ip_route(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* ip route [vrf V] A M [IF] [NH] [AD] [tag N] [name X] [permanent] [track N] [global] */
	size_t i = at;
	const char *vrf = NULL;
	if (i + 1 < ln->ntok && tc_tok_is(&ln->tok[i], "vrf")) {
		vrf = tc_p_dup(st, ln, i + 1);
		i += 2;
	}
	if (i < ln->ntok &&
	    (tc_tok_is(&ln->tok[i], "static") || tc_tok_is(&ln->tok[i], "profile"))) {
		tc_p_skipped(st);
		return 0;
	}
	tc_prefix dst;
	if (!tc_p_netmask(st, ln, i, &dst))
		return 0;
	i += 2;
	uint32_t nh = 0;
	bool has_nh = false;
	const char *ifname = NULL;
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a next hop or an interface");
		return 0;
	}
	if (tc_p_ip(st, &ln->tok[i], &nh)) {
		has_nh = true;
		i++;
	} else if (is_ifname(&ln->tok[i]) && !tc_tok_is(&ln->tok[i], "dhcp")) {
		ifname = tc_p_intern(st, ln, i);
		i++;
		if (!has_digit(&ln->tok[i - 1]) && i < ln->ntok && has_digit(&ln->tok[i])) {
			/* "Dialer 1": IOS takes the unit number as a word of its own */
			ifname = tc_arena_printf(st->m->arena, "%s%.*s", ifname,
						 (int)ln->tok[i].len, ln->tok[i].p);
			i++;
		}
		if (i < ln->ntok && tc_p_ip(st, &ln->tok[i], &nh)) {
			has_nh = true;
			i++;
		}
	} else {
		tc_p_bad(st, i, "expected a next hop or an interface");
		return 0;
	}
	unsigned ad = 1, v;
	if (i < ln->ntok && tc_tok_uint(&ln->tok[i], 255, &v)) {
		ad = v;
		i++;
	}
	tc_route *r = vrf ? tc_route_add_held(st->m, st->dev, TC_RT_STATIC)
			  : tc_route_add(st->m, st->dev, TC_RT_STATIC);
	r->attr->vrf = vrf;
	for (; i < ln->ntok; i++) {
		const tc_tok *t = &ln->tok[i];
		if (tc_tok_is(t, "name") && i + 1 < ln->ntok)
			r->attr->label = route_label(st, ln, &i);
		else if (tc_tok_is(t, "track") && i + 1 < ln->ntok &&
			 tc_tok_uint(&ln->tok[i + 1], 4294967295u, &v)) {
			r->attr->track = v;
			i++;
		} else if (tc_tok_is(t, "tag"))
			i++;
		else if (tc_tok_is(t, "permanent"))
			r->permanent = true;
		else if (tc_tok_uint(t, 255, &v))
			ad = v; /* after `global`: `ip route vrf V ... NH global 100` */
		else if (!tc_tok_is(t, "global") && !tc_tok_is(t, "multicast") &&
			 !tc_tok_is(t, "dhcp")) {
			tc_p_diag(st, i, TC_SEV_WARNING, "unknown-option",
				  "unknown static route option ignored; the route is kept");
			break;
		}
	}
	r->dst = dst;
	r->nh = nh;
	r->has_nh = has_nh;
	r->attr->ifname = ifname;
	r->distance = ad;
	r->attr->file = st->file;
	r->line = ln->no;
	return 0;
}

static int h_ip_host(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* ip host NAME [tcp-port] A [A ...]; `ip host vrf V ...` is not modelled */
	if (at >= ln->ntok || tc_tok_is(&ln->tok[at], "vrf"))
		return 0;
	for (size_t i = at + 1; i < ln->ntok; i++) {
		uint32_t ip;
		if (tc_ip_parse(&ip, ln->tok[i].p, ln->tok[i].len) == 0) {
			tc_alias_add(st, &ln->tok[at], ip);
			return 0;
		}
	}
	return 0;
}

/* ---- access lists ------------------------------------------------------------------ */

static int ios_acl_addr(tc_pstate *st, const tc_line *ln, size_t *i, tc_aset *out)
{
	const tc_tok *t = &ln->tok[*i];
	out->v = &out->one;
	out->n = 1;
	if (tc_tok_is(t, "any")) {
		out->one = tc_prefix_make(0, 0);
		*i += 1;
		return 0;
	}
	uint32_t ip, wc;
	if (tc_tok_is(t, "host")) {
		if (*i + 1 >= ln->ntok || !tc_p_ip(st, &ln->tok[*i + 1], &ip)) {
			tc_p_bad(st, *i + 1, "expected a host address");
			return TC_EPARSE;
		}
		out->one = tc_prefix_make(ip, 32);
		*i += 2;
		return 0;
	}
	if (tc_tok_is(t, "object-group")) {
		int rc = tc_p_objref(st, ln, *i, true, out);
		*i += 2;
		return rc;
	}
	if (!tc_p_ip(st, t, &ip)) {
		tc_p_bad(st, *i,
			 "expected an address: any, host A, A WILDCARD or object-group NAME");
		return TC_EPARSE;
	}
	if (*i + 1 >= ln->ntok || !tc_p_quad_st(st, ln->tok[*i + 1].p, ln->tok[*i + 1].len, &wc)) {
		out->one = tc_prefix_make(ip, 32); /* IOS reads a lone address as host A */
		*i += 1;
		return 0;
	}
	uint8_t len;
	if (!tc_p_wild_len(wc, &len)) {
		tc_p_diag(st, *i + 1, TC_SEV_WARNING, "unsupported",
			  "non-contiguous wildcard masks are not modelled; line skipped");
		return TC_EPARSE;
	}
	out->one = tc_prefix_make(ip, len);
	*i += 2;
	return 0;
}

static int h_access_list(tc_pstate *st, const tc_line *ln, size_t at)
{
	unsigned n;
	if (at >= ln->ntok || !tc_tok_uint(&ln->tok[at], 1000000, &n))
		return TC_ENOTFOUND;
	bool extended = (n >= 100 && n <= 199) || (n >= 2000 && n <= 2699);
	bool standard = (n >= 1 && n <= 99) || (n >= 1300 && n <= 1999);
	char name[16];
	tc_tok_str(name, sizeof name, &ln->tok[at]);
	if (extended)
		tc_p_ace(st, ln, at + 1, name);
	else if (standard)
		tc_p_std_ace(st, ln, at + 1, name, false);
	else
		tc_p_skipped(st); /* MAC, protocol-type and other non-IP lists */
	return 0;
}

static int h_ipacl(tc_pstate *st, const tc_line *ln, size_t at, bool extended)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an access list name");
		return 0;
	}
	char name[256];
	st->acl = tc_acl_get(st->m, st->dev, tc_tok_str(name, sizeof name, &ln->tok[at]));
	st->acl->standard = !extended;
	if (!st->acl->file) {
		st->acl->file = st->file;
		st->acl->line = ln->no;
	}
	tc_p_push(st, &aclx_tab, NULL);
	return 0;
}

static int h_ipacl_ext(tc_pstate *st, const tc_line *ln, size_t at)
{
	return h_ipacl(st, ln, at, true);
}

static int h_ipacl_std(tc_pstate *st, const tc_line *ln, size_t at)
{
	return h_ipacl(st, ln, at, false);
}

/* ---- object-groups ---------------------------------------------------------------------- */

static int h_objgrp_network(tc_pstate *st, const tc_line *ln, size_t at)
{
	return tc_p_obj_open(st, ln, at, TC_OBJ_NETGRP, &objgrp_tab);
}

static int h_objgrp_other(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* object-group security|... NAME: known by name, members not modelled */
	if (at + 1 < ln->ntok)
		tc_obj_get(st, &ln->tok[at + 1], TC_OBJ_OTHER);
	tc_p_push(st, NULL, NULL);
	tc_p_skipped(st);
	return 0;
}

static int h_objgrp_service(tc_pstate *st, const tc_line *ln, size_t at)
{
	return tc_p_obj_open(st, ln, at, TC_OBJ_SVCGRP, &svcgrp_tab);
}

static int h_og_service(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* a member: PROTO [source PORTS] [PORTS] | icmp TYPE */
	(void)at;
	return tc_p_svc_spec(st, ln, 0, st->obj);
}

static int h_og_host(tc_pstate *st, const tc_line *ln, size_t at)
{
	uint32_t ip;
	if (at >= ln->ntok || !tc_p_ip(st, &ln->tok[at], &ip)) {
		if (at < ln->ntok && memchr(ln->tok[at].p, ':', ln->tok[at].len))
			return 0; /* IPv6 */
		tc_p_bad(st, at, "expected a host address");
		return 0;
	}
	tc_obj_add(st, st->obj, tc_prefix_make(ip, 32));
	return 0;
}

static int h_og_any(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	tc_obj_add(st, st->obj, tc_prefix_make(0, 0));
	return 0;
}

static int h_og_range(tc_pstate *st, const tc_line *ln, size_t at)
{
	uint32_t lo, hi;
	if (at + 1 >= ln->ntok || !tc_p_ip(st, &ln->tok[at], &lo) ||
	    !tc_p_ip(st, &ln->tok[at + 1], &hi) || hi < lo) {
		tc_p_bad(st, at, "expected an address range A B");
		return 0;
	}
	if (!tc_obj_add_range(st, st->obj, lo, hi)) {
		st->obj->unmodelled = true;
		tc_p_diag(st, at, TC_SEV_NOTE, "unsupported",
			  "address range too fragmented to model; member skipped");
	}
	return 0;
}

static int h_og_addr(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* a bare member: "A MASK" or "A/LEN" */
	(void)at;
	const tc_tok *t = &ln->tok[0];
	if (memchr(t->p, ':', t->len))
		return 0; /* IPv6 */
	tc_prefix p;
	if (memchr(t->p, '/', t->len)) {
		if (tc_prefix_parse(&p, t->p, t->len) != 0) {
			tc_p_bad(st, 0, "expected A/LEN");
			return 0;
		}
	} else {
		uint32_t ip;
		if (!tc_p_ip(st, t, &ip))
			return TC_ENOTFOUND;
		if (!tc_p_netmask(st, ln, 0, &p))
			return 0;
	}
	tc_obj_add(st, st->obj, p);
	return 0;
}

/* ---- crypto maps ------------------------------------------------------------------------ */

/* A map-wide setting (`crypto map NAME local-address IF`), applied to the
 * map's entries at the end of the file. */
static void map_option(tc_pstate *st, const tc_line *ln, size_t at, bool local)
{
	if (at + 2 >= ln->ntok) {
		tc_p_bad(st, at + 2, local ? "expected an interface" : "expected a profile name");
		return;
	}
	struct tc_mapopt *o = tc_arena_alloc(st->ctx->scratch, sizeof *o);
	o->map = tc_p_dup(st, ln, at);
	*(local ? &o->local_address : &o->isakmp_profile) = tc_p_dup(st, ln, at + 2);
	o->next = st->mapopts;
	st->mapopts = o;
}

/* crypto map NAME SEQ [ipsec-isakmp [dynamic D] [discover] [profile P]] and
 * crypto dynamic-map NAME SEQ: an entry block. */
static int entry_block(tc_pstate *st, const tc_line *ln, size_t at, bool dynmap)
{
	unsigned seq;
	if (at + 1 >= ln->ntok || !tc_tok_uint(&ln->tok[at + 1], 65535, &seq))
		return TC_ENOTFOUND;
	size_t i = at + 2;
	const tc_tok *kind = i < ln->ntok ? &ln->tok[i] : NULL;
	if (kind && (tc_tok_is(kind, "ipsec-manual") || tc_tok_is(kind, "gdoi"))) {
		tc_p_diag(st, i, TC_SEV_NOTE, "unsupported",
			  "manual-key and GDOI crypto map entries are not modelled; entry skipped");
		tc_p_skipped(st);
		tc_p_push(st, NULL, NULL);
		return 0;
	}
	if (kind && !tc_tok_is(kind, "ipsec-isakmp") && kind->p[0] != '!')
		return TC_ENOTFOUND; /* not an IOS entry (an ASA one-line attribute?) */
	tc_entry *e = tc_p_entry(st, ln, at, dynmap);
	if (!e)
		return 0;
	for (i += kind ? 1 : 0; i < ln->ntok && ln->tok[i].p[0] != '!'; i++) {
		if (tc_tok_is(&ln->tok[i], "dynamic") && i + 1 < ln->ntok) {
			e->dynamic = true;
			e->dynmap = tc_p_dup(st, ln, i + 1);
			i++;
		} else if (tc_tok_is(&ln->tok[i], "profile") && i + 1 < ln->ntok) {
			i++;
		} else if (!tc_tok_is(&ln->tok[i], "discover")) {
			tc_p_diag(st, i, TC_SEV_WARNING, "unknown-option",
				  "unknown crypto map option ignored");
			break;
		}
	}
	st->entry = e;
	tc_p_push(st, &entry_tab, NULL);
	return 0;
}

static int h_crypto_map(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at + 1 >= ln->ntok)
		return TC_ENOTFOUND;
	const tc_tok *w = &ln->tok[at + 1];
	if (tc_tok_is(w, "local-address") || tc_tok_is(w, "isakmp-profile")) {
		map_option(st, ln, at, tc_tok_is(w, "local-address"));
		return 0;
	}
	if (tc_tok_is(w, "redundancy") || tc_tok_is(w, "isakmp") || tc_tok_is(w, "client") ||
	    tc_tok_is(w, "gdoi") || tc_tok_is(w, "ipv6")) {
		tc_p_skipped(st);
		return 0;
	}
	return entry_block(st, ln, at, false);
}

static int h_dynmap(tc_pstate *st, const tc_line *ln, size_t at)
{
	return entry_block(st, ln, at, true);
}

static int h_set_peer(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* set peer A|HOST [dynamic] [default]: one peer a line, in preference order */
	tc_entry *e = st->entry;
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a peer address");
		return 0;
	}
	unsigned before = e->npeers;
	tc_peer_name *named = e->named;
	while (named && named->next)
		named = named->next;
	tc_line one = *ln; /* just the address: `dynamic` and `default` are flags, not peers */
	one.ntok = at + 1;
	tc_p_entry_peers(st, &one, at, e);
	size_t k = at + 1;
	bool dyn = k < ln->ntok && tc_tok_is(&ln->tok[k], "dynamic");
	k += dyn;
	bool dflt = k < ln->ntok && tc_tok_is(&ln->tok[k], "default");
	tc_peer_name *added = named ? named->next : e->named;
	if (added) { /* a host name, resolved when the model is finalized */
		added->dynamic = dyn;
		added->is_default = dflt;
	}
	if (dflt && e->npeers > before)
		e->default_peer = (int)before;
	else if (k < ln->ntok && !dflt)
		tc_p_diag(st, k, TC_SEV_WARNING, "unknown-option",
			  "IOS takes one peer per `set peer` line; the rest is ignored");
	return 0;
}

static int h_set_tset(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_p_entry_tsets(st, ln, at, st->entry);
	return 0;
}

static int h_set_profile(tc_pstate *st, const tc_line *ln, size_t at, bool ikev2)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a profile name");
		return 0;
	}
	*(ikev2 ? &st->entry->ikev2_profile : &st->entry->isakmp_profile) = tc_p_dup(st, ln, at);
	if (ikev2)
		st->entry->ike_version = 2;
	return 0;
}

static int h_set_isakmp_profile(tc_pstate *st, const tc_line *ln, size_t at)
{
	return h_set_profile(st, ln, at, false);
}

static int h_set_ikev2_profile(tc_pstate *st, const tc_line *ln, size_t at)
{
	return h_set_profile(st, ln, at, true);
}

/* ---- transform sets and ISAKMP ---------------------------------------------------------- */

static bool tok_has(const tc_tok *t, const char *sub)
{
	size_t n = strlen(sub);
	for (size_t k = 0; k + n <= t->len; k++)
		if (memcmp(t->p + k, sub, n) == 0)
			return true;
	return false;
}

static int h_tset(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a transform set name");
		return 0;
	}
	tc_tset *t = tc_p_tset(st, ln, at);
	const char *enc = NULL, *auth = NULL;
	for (size_t i = at + 1; i < ln->ntok; i++) {
		const char *c = NULL;
		switch (tc_p_transform(ln, &i, &c)) {
		case 1:
			enc = c;
			break;
		case 2:
			auth = c;
			break;
		case 3:
			break;
		default:
			tc_p_diag(st, i, TC_SEV_WARNING, "unknown-transform",
				  "unknown transform kept as written");
			if (tok_has(&ln->tok[i], "hmac"))
				auth = tc_p_dup(st, ln, i);
			else
				enc = tc_p_dup(st, ln, i);
		}
	}
	t->enc = enc ? enc : "null";
	t->auth = auth ? auth : "none";
	st->tset = t;
	tc_p_push(st, &tset_tab, NULL);
	return 0;
}

static int h_isakmp_policy(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (!tc_p_ikepol_open(st, ln, at, 1, "des", 1))
		return 0;
	tc_p_push(st, &isakmp_tab, NULL);
	return 0;
}

/* A key for the peer host name at token i: resolved through `ip host` when
 * possible, else kept by name. */
static tc_psk *host_psk(tc_pstate *st, const tc_line *ln, size_t i, const tc_tok *key)
{
	uint32_t ip;
	bool known = tc_p_ip(st, &ln->tok[i], &ip);
	tc_p_psk(st, tc_prefix_make(known ? ip : 0, 32), key);
	tc_psk *k = st->dev->psks_tail;
	k->peer_name = tc_p_dup(st, ln, i);
	if (!known)
		tc_p_diag(st, i, TC_SEV_NOTE, "unresolved-peer",
			  "no `ip host` line resolves this peer name; the key is kept by name");
	return k;
}

/* "A [MASK]" at *i into a peer prefix; advances *i. */
static bool peer_prefix(tc_pstate *st, const tc_line *ln, size_t *i, tc_prefix *out)
{
	uint32_t ip, mask;
	uint8_t len = 32;
	if (*i >= ln->ntok || !tc_p_ip(st, &ln->tok[*i], &ip)) {
		tc_p_bad(st, *i, "expected a peer address");
		return false;
	}
	(*i)++;
	if (*i < ln->ntok && tc_ip_parse(&mask, ln->tok[*i].p, ln->tok[*i].len) == 0) {
		if (tc_mask_to_len(&len, mask) != 0) {
			tc_p_bad(st, *i, "netmask is not contiguous");
			return false;
		}
		(*i)++;
	}
	*out = tc_prefix_make(ip, len);
	return true;
}

static int h_isakmp_key(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* crypto isakmp key [0|6|7] KEY address A [MASK] [no-xauth] | hostname H */
	size_t i = tc_p_skip_key_type(ln, at);
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a key");
		return 0;
	}
	const tc_tok *key = &ln->tok[i++];
	if (i + 1 < ln->ntok && tc_tok_is(&ln->tok[i], "hostname")) {
		host_psk(st, ln, i + 1, key);
		return 0;
	}
	if (i >= ln->ntok || !tc_tok_is(&ln->tok[i], "address")) {
		tc_p_bad(st, i, "expected address or hostname after the key");
		return 0;
	}
	i++;
	if (i < ln->ntok && tc_tok_is(&ln->tok[i], "ipv6")) {
		tc_p_skipped(st);
		return 0;
	}
	tc_prefix peer;
	if (!peer_prefix(st, ln, &i, &peer))
		return 0;
	tc_p_psk(st, peer, key);
	return 0;
}

static int h_isakmp_keepalive(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* crypto isakmp keepalive SECONDS [RETRY] [periodic | on-demand] */
	unsigned v, r = 0;
	if (at >= ln->ntok || !tc_tok_uint(&ln->tok[at], 3600, &v)) {
		tc_p_bad(st, at, "expected the keepalive interval in seconds");
		return 0;
	}
	if (at + 1 < ln->ntok)
		tc_tok_uint(&ln->tok[at + 1], 3600, &r);
	st->dev->dpd_interval = v;
	st->dev->dpd_retry = r;
	return 0;
}

static int h_keyring(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* crypto keyring NAME [vrf V] */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a keyring name");
		return 0;
	}
	st->keyring = tc_p_dup(st, ln, at);
	st->keyring_vrf = at + 2 < ln->ntok && tc_tok_is(&ln->tok[at + 1], "vrf")
				  ? tc_p_dup(st, ln, at + 2)
				  : NULL;
	tc_p_push(st, &keyring_tab, NULL);
	return 0;
}

static int h_keyring_psk(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* pre-shared-key address A [MASK] key [0|6|7] KEY | hostname H key KEY */
	size_t i = at;
	bool host = tc_tok_is(&ln->tok[at - 1], "hostname");
	if (i < ln->ntok && tc_tok_is(&ln->tok[i], "ipv6")) {
		tc_p_skipped(st);
		return 0;
	}
	tc_prefix peer;
	if (host)
		i++;
	else if (!peer_prefix(st, ln, &i, &peer))
		return 0;
	if (i >= ln->ntok || !tc_tok_is(&ln->tok[i], "key")) {
		tc_p_bad(st, i, "expected key");
		return 0;
	}
	i = tc_p_skip_key_type(ln, i + 1);
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a key");
		return 0;
	}
	tc_psk *k = host ? host_psk(st, ln, at, &ln->tok[i]) : NULL;
	if (!host) {
		tc_p_psk(st, peer, &ln->tok[i]);
		k = st->dev->psks_tail;
	}
	k->keyring = st->keyring;
	k->vrf = st->keyring_vrf;
	return 0;
}

/* ---- IKE profiles ------------------------------------------------------------------------ */

static int h_ikeprof(tc_pstate *st, const tc_line *ln, size_t at, unsigned version)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a profile name");
		return 0;
	}
	char name[256];
	st->prof = tc_ikeprof_get(st->m, st->dev, tc_tok_str(name, sizeof name, &ln->tok[at]),
				  version);
	if (!st->prof->file) {
		st->prof->file = st->file;
		st->prof->line = ln->no;
	}
	tc_p_push(st, version == 2 ? &ike2prof_tab : &ikeprof_tab, NULL);
	return 0;
}

static int h_isakmp_profile(tc_pstate *st, const tc_line *ln, size_t at)
{
	return h_ikeprof(st, ln, at, 1);
}

static int h_ikev2_profile(tc_pstate *st, const tc_line *ln, size_t at)
{
	return h_ikeprof(st, ln, at, 2);
}

static int h_prof_keyring(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* keyring NAME (ISAKMP) | keyring local NAME (IKEv2) */
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "local"))
		at++;
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a keyring name");
		return 0;
	}
	st->prof->keyring = tc_p_dup(st, ln, at);
	return 0;
}

/* An IKEv2 identity at token at: address A [MASK] | fqdn [domain] NAME | email [domain]
 * NAME | key-id NAME. false when it is none of these (dn, IPv6, certificates): not read. */
static bool ikeid_parse(tc_pstate *st, const tc_line *ln, size_t at, tc_ikeid *out)
{
	*out = (tc_ikeid){0};
	if (at + 1 >= ln->ntok)
		return false;
	const tc_tok *kind = &ln->tok[at];
	size_t i = at + 1;
	if (tc_tok_is(kind, "address")) {
		if (tc_tok_is(&ln->tok[i], "ipv6") || memchr(ln->tok[i].p, ':', ln->tok[i].len) ||
		    !peer_prefix(st, ln, &i, &out->addr))
			return false;
		out->kind = TC_ID_ADDRESS;
		return true;
	}
	out->kind = tc_tok_is(kind, "fqdn")	? TC_ID_FQDN
		    : tc_tok_is(kind, "email")	? TC_ID_EMAIL
		    : tc_tok_is(kind, "key-id") ? TC_ID_KEYID
						: TC_ID_NONE;
	if (out->kind != TC_ID_KEYID && i + 1 < ln->ntok && tc_tok_is(&ln->tok[i], "domain")) {
		out->domain = true;
		i++;
	}
	if (!out->kind)
		return false;
	out->name = tc_p_dup(st, ln, i);
	return true;
}

static int h_prof_match(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* match identity [remote] address A [MASK] [VRF]; IKEv2: also fqdn, email, key-id, any */
	size_t i = at;
	if (i < ln->ntok && tc_tok_is(&ln->tok[i], "remote"))
		i++;
	tc_ikeid id;
	if (st->prof->version == 2 && i < ln->ntok && tc_tok_is(&ln->tok[i], "any")) {
		st->prof->match_any = true;
	} else if (i < ln->ntok && tc_tok_is(&ln->tok[i], "address")) {
		if (ikeid_parse(st, ln, i, &id))
			tc_ikeprof_add_match(st->m, st->prof, id.addr);
		else
			tc_p_skipped(st); /* IPv6 */
	} else if (st->prof->version == 2 && ikeid_parse(st, ln, i, &id)) {
		tc_ikeprof_add_match_id(st->m, st->prof, id);
	} else {
		st->prof->match_other = st->prof->version == 2;
		tc_p_skipped(st); /* IKEv1 host and user names, certificates */
	}
	return 0;
}

/* match certificate MAP (IKEv2): a profile selected by what tunnelcast does not read */
static int h_prof_match_cert(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	st->prof->match_other = true;
	tc_p_skipped(st);
	return 0;
}

/* identity local address A | fqdn NAME | email NAME | key-id NAME | dn (IKEv2) */
static int h_prof_identity(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (!ikeid_parse(st, ln, at, &st->prof->local_id))
		tc_p_skipped(st); /* dn: the certificate's, not read */
	return 0;
}

static int h_prof_vrf(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* vrf V (ISAKMP) | match fvrf V|any (IKEv2) */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a VRF name");
		return 0;
	}
	st->prof->fvrf_any = tc_tok_is(&ln->tok[at], "any");
	st->prof->vrf = st->prof->fvrf_any ? NULL : tc_p_dup(st, ln, at);
	return 0;
}

static int h_prof_local_address(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an address or interface");
		return 0;
	}
	st->prof->local_address = tc_p_dup(st, ln, at);
	return 0;
}

static int h_prof_keepalive(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* keepalive N retry M (ISAKMP) | dpd N M on-demand|periodic (IKEv2) */
	unsigned v, r = 0;
	if (at >= ln->ntok || !tc_tok_uint(&ln->tok[at], 3600, &v)) {
		tc_p_bad(st, at, "expected an interval in seconds");
		return 0;
	}
	size_t i = at + 1;
	if (i < ln->ntok && tc_tok_is(&ln->tok[i], "retry"))
		i++;
	if (i < ln->ntok)
		tc_tok_uint(&ln->tok[i], 3600, &r);
	st->prof->dpd_interval = v;
	st->prof->dpd_retry = r;
	return 0;
}

/* authentication local|remote pre-share|rsa-sig|ecdsa-sig: one local method; the remote
 * methods accumulate (IOS accepts several `authentication remote` lines) */
static int h_prof_auth(tc_pstate *st, const tc_line *ln, size_t at)
{
	bool local = at < ln->ntok && tc_tok_is(&ln->tok[at], "local");
	if (at >= ln->ntok || (!local && !tc_tok_is(&ln->tok[at], "remote")))
		return TC_ENOTFOUND;
	unsigned m = tc_p_auth_method(st, ln, at + 1);
	if (local && m)
		st->prof->auth.local = (uint8_t)m;
	else if (m)
		st->prof->auth.remote |= (uint8_t)m;
	return 0;
}

/* pki trustpoint NAME [sign|verify] (IKEv2), ca trust-point NAME (ISAKMP): the first named */
static int h_prof_trustpoint(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a trustpoint name");
		return 0;
	}
	if (!st->prof->auth.trustpoint)
		st->prof->auth.trustpoint = tc_p_dup(st, ln, at);
	return 0;
}

/* ---- IKEv2 proposals ------------------------------------------------------------------------- */

static int h_ike2prop(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* crypto ikev2 proposal NAME: an IKEv2 policy of its own, in definition order */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a proposal name");
		return 0;
	}
	tc_ikepol *p = NULL;
	for (tc_ikepol *x = st->dev->ikepols; x && !p; x = x->next)
		if (x->name && tc_p_name_eq(x->name, &ln->tok[at]))
			p = x; /* re-entered (a config script): its lines add to it */
	if (p) {
		st->pol = p;
		tc_p_push(st, &ike2prop_tab, NULL);
		return 0;
	}
	p = tc_ikepol_add(st->m, st->dev, ++st->ikev2_props, 2);
	p->name = tc_p_dup(st, ln, at);
	p->enc = NULL;
	p->hash = NULL;
	p->auth = "pre-share";
	p->file = st->file;
	p->line = ln->no;
	st->pol = p;
	tc_p_push(st, &ike2prop_tab, NULL);
	return 0;
}

/* ---- IKEv2 policies ------------------------------------------------------------------------ */

static int h_ike2pol(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* crypto ikev2 policy NAME: the proposals used on the local addresses it matches */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a policy name");
		return 0;
	}
	char name[256];
	st->v2pol = tc_ikev2pol_get(st->m, st->dev, tc_tok_str(name, sizeof name, &ln->tok[at]));
	if (!st->v2pol->file) {
		st->v2pol->file = st->file;
		st->v2pol->line = ln->no;
	}
	tc_p_push(st, &ike2pol_tab, NULL);
	return 0;
}

static int h_ike2pol_proposal(tc_pstate *st, const tc_line *ln, size_t at)
{
	char name[256];
	for (size_t i = at; i < ln->ntok; i++)
		tc_ikev2pol_add_prop(st->m, st->v2pol, tc_tok_str(name, sizeof name, &ln->tok[i]));
	if (at >= ln->ntok)
		tc_p_bad(st, at, "expected a proposal name");
	return 0;
}

static int h_ike2pol_local(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* match address local A [A ...]; IPv6 addresses are not modelled */
	uint32_t ip;
	for (size_t i = at; i < ln->ntok; i++)
		if (tc_ip_parse(&ip, ln->tok[i].p, ln->tok[i].len) == 0)
			tc_ikev2pol_add_local(st->m, st->v2pol, ip);
		else
			tc_p_skipped(st);
	return 0;
}

static int h_ike2pol_fvrf(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a VRF name");
		return 0;
	}
	st->v2pol->fvrf_any = tc_tok_is(&ln->tok[at], "any");
	st->v2pol->fvrf = st->v2pol->fvrf_any ? NULL : tc_p_dup(st, ln, at);
	return 0;
}

static int h_kr2(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* crypto ikev2 keyring NAME */
	st->keyring = at < ln->ntok ? tc_p_dup(st, ln, at) : NULL;
	tc_p_push(st, &kr2_tab, NULL);
	return 0;
}

static void kr2_peer_close(tc_pstate *st)
{
	struct tc_krblock *b = st->krcur;
	tc_psk *k = b ? b->psk : NULL;
	if (st->kr.has_peer && (st->kr.has_remote || st->kr.has_local)) {
		uint64_t d = st->kr.has_remote ? st->kr.remote : st->kr.local;
		if (k) { /* the block re-entered: its key changes in place */
			k->peer = st->kr.peer;
			k->digest = d;
			k->line = st->kr.line;
		} else {
			tc_p_psk_add(st, st->kr.peer, d, st->kr.line);
			k = st->dev->psks_tail;
		}
		k->ike_version = 2;
		k->keyring = st->keyring;
		k->peer_name = st->kr.peer_name;
		k->identity = st->kr.identity;
		k->local_digest = st->kr.local;
		k->has_local_digest = st->kr.has_local;
	}
	if (b) {
		b->kr = st->kr;
		b->psk = k;
	}
	memset(&st->kr, 0, sizeof st->kr);
	st->krcur = NULL;
}

/* The keyring's peer block named by token at, found (a config script
 * enters it again: its lines add to the first's) or made. */
static struct tc_krblock *kr2_block(tc_pstate *st, const tc_line *ln, size_t at)
{
	const tc_tok *name = &ln->tok[at];
	for (struct tc_krblock *b = st->krblocks; b; b = b->next)
		if (tc_tok_eq(b->name, *name) &&
		    (b->keyring && st->keyring ? strcmp(b->keyring, st->keyring) == 0
					       : b->keyring == st->keyring))
			return b;
	struct tc_krblock *b = tc_arena_alloc(st->ctx->scratch, sizeof *b);
	char *copy = tc_arena_alloc(st->ctx->scratch, name->len);
	memcpy(copy, name->p, name->len);
	*b = (struct tc_krblock){.keyring = st->keyring, .name = {copy, name->len}};
	b->next = st->krblocks;
	st->krblocks = b;
	return b;
}

static int h_kr2_peer(tc_pstate *st, const tc_line *ln, size_t at)
{
	memset(&st->kr, 0, sizeof st->kr);
	st->krcur = at < ln->ntok ? kr2_block(st, ln, at) : NULL;
	if (st->krcur)
		st->kr = st->krcur->kr;
	tc_p_push(st, &kr2peer_tab, kr2_peer_close);
	return 0;
}

static int h_kr2_address(tc_pstate *st, const tc_line *ln, size_t at)
{
	size_t i = at;
	if (i < ln->ntok && memchr(ln->tok[i].p, ':', ln->tok[i].len)) {
		tc_p_skipped(st); /* IPv6 peer */
		return 0;
	}
	if (peer_prefix(st, ln, &i, &st->kr.peer))
		st->kr.has_peer = true;
	return 0;
}

static int h_kr2_hostname(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* hostname H: the peer by name, resolved through `ip host` when possible */
	uint32_t ip;
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a host name");
		return 0;
	}
	st->kr.peer_name = tc_p_dup(st, ln, at);
	if (!st->kr.has_peer) {
		st->kr.has_peer = true;
		st->kr.peer = tc_prefix_make(tc_p_ip(st, &ln->tok[at], &ip) ? ip : 0, 32);
	}
	return 0;
}

/* identity address A | fqdn NAME | email NAME | key-id NAME: the peer as a responder sees
 * it (the keyring is searched by identity there, by address or host name when initiating) */
static int h_kr2_identity(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (!ikeid_parse(st, ln, at, &st->kr.identity)) {
		tc_p_skipped(st);
		return 0;
	}
	if (!st->kr.has_peer) { /* no address: the key serves the identity only */
		st->kr.has_peer = true;
		st->kr.peer = tc_prefix_make(0, 32);
	}
	return 0;
}

static int h_kr2_psk(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* pre-shared-key [local|remote] [0|6|7] KEY: local is what this side
	 * presents, remote what the peer must; a plain key is both. */
	size_t i = at;
	bool local = false, remote = false;
	if (i < ln->ntok && (tc_tok_is(&ln->tok[i], "local") || tc_tok_is(&ln->tok[i], "remote"))) {
		local = tc_tok_is(&ln->tok[i], "local");
		remote = !local;
		i++;
	}
	i = tc_p_skip_key_type(ln, i);
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a key");
		return 0;
	}
	uint64_t d = tc_p_key_digest(st, &ln->tok[i]);
	if (!remote) {
		st->kr.local = d;
		st->kr.has_local = true;
	}
	if (!local) {
		st->kr.remote = d;
		st->kr.has_remote = true;
	}
	st->kr.line = ln->no;
	return 0;
}

static int h_banner(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* banner [TYPE] DELIM ... */
	static const char *const types[] = {"motd",	      "login",	  "exec",	 "incoming",
					    "prompt-timeout", "slip-ppp", "config-save", NULL};
	size_t i = at;
	for (const char *const *t = types; i < ln->ntok && *t; t++)
		if (tc_tok_is(&ln->tok[i], *t)) {
			i++;
			break;
		}
	if (i < ln->ntok)
		tc_p_banner_start(st, ln, i);
	return 0;
}

#define MAPOPT_KEY(n) ((n)->map)
#define MAPOPT_NEXT(n) ((n)->hnext)
#define MAPOPT_EQ(a, b) (strcmp(a, b) == 0)
#define MAPOPT_FN(k) tc_hash_str(k)
TC_HASH_DEFINE(mapopt_tab, struct tc_mapopt, const char *, MAPOPT)

/* End of file: map-wide settings reach the entries of their map, the newest
 * of each setting winning. Folded into one setting per map first, so that
 * thousands of maps cost one lookup per entry, not a scan. */
static void ios_finish(tc_pstate *st)
{
	mapopt_tab maps = {0};
	for (struct tc_mapopt *o = st->mapopts; o; o = o->next) { /* newest first */
		struct tc_mapopt *f = mapopt_tab_find(&maps, o->map);
		if (!f) {
			mapopt_tab_insert(&maps, o);
			continue;
		}
		if (!f->local_address)
			f->local_address = o->local_address;
		if (!f->isakmp_profile)
			f->isakmp_profile = o->isakmp_profile;
	}
	for (tc_entry *e = st->dev->entries; e && maps.count; e = e->next) {
		const struct tc_mapopt *o = mapopt_tab_find(&maps, e->map);
		if (o && o->local_address && !e->local_address)
			e->local_address = o->local_address;
		if (o && o->isakmp_profile && !e->isakmp_profile)
			e->isakmp_profile = o->isakmp_profile;
	}
	mapopt_tab_free(&maps);
}

/* ---- tables ------------------------------------------------------------------------------- */

static tc_cmd top_cmds[] = {
	{"hostname", tc_h_hostname, 0},
	{"interface", h_interface, 0},
	{"ip route", h_ip_route, 0},
	{"ip access-list extended", h_ipacl_ext, 0},
	{"ip access-list standard", h_ipacl_std, 0},
	{"ip host", h_ip_host, 0},
	{"access-list", h_access_list, 0},
	{"object-group network", h_objgrp_network, 0},
	{"object-group service", h_objgrp_service, 0},
	{"object-group", h_objgrp_other, 0},
	{"crypto map", h_crypto_map, 0},
	{"crypto dynamic-map", h_dynmap, 0},
	{"crypto ipsec transform-set", h_tset, 0},
	{"crypto ipsec profile", tc_h_ipsec_profile, 0},
	{"crypto isakmp policy", h_isakmp_policy, 0},
	{"crypto isakmp key", h_isakmp_key, 0},
	{"crypto isakmp keepalive", h_isakmp_keepalive, 0},
	{"crypto isakmp profile", h_isakmp_profile, 0},
	{"crypto keyring", h_keyring, 0},
	{"crypto ikev2 keyring", h_kr2, 0},
	{"crypto ikev2 proposal", h_ike2prop, 0},
	{"crypto ikev2 policy", h_ike2pol, 0},
	{"crypto ikev2 profile", h_ikev2_profile, 0},
	{"ip nat inside", tc_h_ios_nat, 0},
	{"ip nat outside", tc_h_ios_nat, 0},
	{"ip nat pool", tc_h_ios_nat_pool, 0},
	{"banner", h_banner, 0},
	/* valid, not modelled: skipped with their sub-lines */
	{"crypto ipsec", NULL, 0},
	{"crypto isakmp", NULL, 0},
	{"crypto ikev2", NULL, 0},
	{"crypto pki trustpoint", tc_h_trustpoint, 0},
	{"crypto pki", NULL, 0},
	{"crypto ca", NULL, 0},
	{"crypto key", NULL, 0},
	{"crypto logging", NULL, 0},
	{"crypto engine", NULL, 0},
	{"crypto call", NULL, 0},
	{"crypto gdoi", NULL, 0},
	{"crypto ctcp", NULL, 0},
	{"crypto mib", NULL, 0},
	{"crypto vpn", NULL, 0},
	{"crypto ssl", NULL, 0},
	{"crypto identity", NULL, 0},
	{"crypto ipsec client", NULL, 0},
	{"ip access-list", NULL, 0},
	{"ip cef", NULL, 0},
	{"ip domain", NULL, 0},
	{"ip domain-name", NULL, 0},
	{"ip domain-lookup", NULL, 0},
	{"ip domain-list", NULL, 0},
	{"ip name-server", NULL, 0},
	{"ip forward-protocol", NULL, 0},
	{"ip http", NULL, 0},
	{"ip ssh", NULL, 0},
	{"ip scp", NULL, 0},
	{"ip nat", NULL, 0},
	{"ip dhcp", NULL, 0},
	{"ip sla", NULL, 0},
	{"ip tcp", NULL, 0},
	{"ip subnet-zero", NULL, 0},
	{"ip classless", NULL, 0},
	{"ip finger", NULL, 0},
	{"ip bootp", NULL, 0},
	{"ip source-route", NULL, 0},
	{"ip multicast-routing", NULL, 0},
	{"ip multicast", NULL, 0},
	{"ip flow-export", NULL, 0},
	{"ip flow-cache", NULL, 0},
	{"ip flow-top-talkers", NULL, 0},
	{"ip ftp", NULL, 0},
	{"ip tftp", NULL, 0},
	{"ip prefix-list", tc_h_prefix_list, 0},
	{"ip community-list", NULL, 0},
	{"ip extcommunity-list", NULL, 0},
	{"ip as-path", NULL, 0},
	{"ip explicit-path", NULL, 0},
	{"ip inspect", NULL, 0},
	{"ip ips", NULL, 0},
	{"ip igmp", NULL, 0},
	{"ip pim", NULL, 0},
	{"ip rcmd", NULL, 0},
	{"ip wccp", NULL, 0},
	{"ip options", NULL, 0},
	{"ip icmp", NULL, 0},
	{"ip routing", NULL, 0},
	{"ip telnet", NULL, 0},
	{"ip default-gateway", NULL, 0},
	{"ip default-network", NULL, 0},
	{"ip arp", NULL, 0},
	{"ip local", NULL, 0},
	{"ip radius", NULL, 0},
	{"ip tacacs", NULL, 0},
	{"ip accounting-threshold", NULL, 0},
	{"ip accounting-list", NULL, 0},
	{"ip gratuitous-arps", NULL, 0},
	{"ip auth-proxy", NULL, 0},
	{"ip admission", NULL, 0},
	{"ip device", NULL, 0},
	{"ip dns", NULL, 0},
	{"ip ddns", NULL, 0},
	{"ip mroute", NULL, 0},
	{"ip msdp", NULL, 0},
	{"ip rsvp", NULL, 0},
	{"ip policy-list", NULL, 0},
	{"ip bgp-community", NULL, 0},
	{"ip ospf", NULL, 0},
	{"ip vrf", NULL, 0},
	{"ip sftp", NULL, 0},
	{"ip rtcp", NULL, 0},
	{"ip nbar", NULL, 0},
	{"ip wlccp", NULL, 0},
	{"ip dhcp-client", NULL, 0},
	{"ip name", NULL, 0},
	{"ip host-list", NULL, 0},
	{"ip port-map", NULL, 0},
	{"ip urlfilter", NULL, 0},
	{"ip audit", NULL, 0},
	{"ip unnumbered", NULL, 0},
	{"ip verify", NULL, 0},
	{"ip load-sharing", NULL, 0},
	{"ip hardware", NULL, 0},
	{"ip source", NULL, 0},
	{"ip cgmp", NULL, 0},
	{"ip slb", NULL, 0},
	{"ip sla-responder", NULL, 0},
	{"ip track", NULL, 0},
	{"ipv6", NULL, 0},
	{"ipv6 router", tc_h_ipv6_router, 0},
	{"version", NULL, 0},
	{"service", NULL, 0},
	{"boot-start-marker", NULL, 0},
	{"boot-end-marker", NULL, 0},
	{"boot", NULL, 0},
	{"aaa", NULL, 0},
	{"enable", NULL, 0},
	{"username", NULL, 0},
	{"clock", NULL, 0},
	{"router", tc_h_router, 0},
	{"line", NULL, 0},
	{"logging", NULL, 0},
	{"ntp", NULL, 0},
	{"sntp", NULL, 0},
	{"snmp-server", NULL, 0},
	{"snmp", NULL, 0},
	{"control-plane", NULL, 0},
	{"license", NULL, 0},
	{"memory-size", NULL, 0},
	{"archive", NULL, 0},
	{"spanning-tree", NULL, 0},
	{"vtp", NULL, 0},
	{"vlan", NULL, 0},
	{"redundancy", NULL, 0},
	{"cdp", NULL, 0},
	{"lldp", NULL, 0},
	{"mpls", tc_h_mpls, 0},
	{"multilink", NULL, 0},
	{"voice-card", NULL, 0},
	{"voice", NULL, 0},
	{"dial-peer", NULL, 0},
	{"telephony-service", NULL, 0},
	{"sccp", NULL, 0},
	{"dspfarm", NULL, 0},
	{"track", NULL, 0},
	{"key", NULL, 0},
	{"class-map", NULL, 0},
	{"policy-map", NULL, 0},
	{"route-map", tc_h_route_map, 0},
	{"call-home", NULL, 0},
	{"alias", NULL, 0},
	{"scheduler", NULL, 0},
	{"exception", NULL, 0},
	{"tacacs-server", NULL, 0},
	{"radius-server", NULL, 0},
	{"radius", NULL, 0},
	{"tacacs", NULL, 0},
	{"privilege", NULL, 0},
	{"mmi", NULL, 0},
	{"security", NULL, 0},
	{"login", NULL, 0},
	{"event", NULL, 0},
	{"kron", NULL, 0},
	{"parameter-map", NULL, 0},
	{"zone", NULL, 0},
	{"zone-pair", NULL, 0},
	{"platform", NULL, 0},
	{"diagnostic", NULL, 0},
	{"hw-module", NULL, 0},
	{"card", NULL, 0},
	{"subscriber", NULL, 0},
	{"mac-address-table", NULL, 0},
	{"mac", NULL, 0},
	{"errdisable", NULL, 0},
	{"port-channel", NULL, 0},
	{"system", NULL, 0},
	{"vrf", NULL, 0},
	{"virtual-service", NULL, 0},
	{"transceiver", NULL, 0},
	{"wsma", NULL, 0},
	{"netconf", NULL, 0},
	{"netconf-yang", NULL, 0},
	{"restconf", NULL, 0},
	{"process", NULL, 0},
	{"cts", NULL, 0},
	{"dot1x", NULL, 0},
	{"authentication", NULL, 0},
	{"file", NULL, 0},
	{"macro", NULL, 0},
	{"sdm", NULL, 0},
	{"udld", NULL, 0},
	{"monitor", NULL, 0},
	{"power", NULL, 0},
	{"stackwise", NULL, 0},
	{"switch", NULL, 0},
	{"rmon", NULL, 0},
	{"call", NULL, 0},
	{"application", NULL, 0},
	{"gatekeeper", NULL, 0},
	{"gateway", NULL, 0},
	{"flow", NULL, 0},
	{"performance", NULL, 0},
	{"default", NULL, 0},
	{"template", NULL, 0},
	{"webvpn", NULL, 0},
	{"dot11", NULL, 0},
	{"bridge", NULL, 0},
	{"appfw", NULL, 0},
	{"tftp-server", NULL, 0},
	{"buffers", NULL, 0},
	{"memory", NULL, 0},
	{"warm-reboot", NULL, 0},
	{"chat-script", NULL, 0},
	{"queue-list", NULL, 0},
	{"priority-list", NULL, 0},
	{"frame-relay", NULL, 0},
	{"x25", NULL, 0},
	{"isdn", NULL, 0},
	{"controller", NULL, 0},
	{"bba-group", NULL, 0},
	{"vpdn", NULL, 0},
	{"vpdn-group", NULL, 0},
	{"pseudowire-class", NULL, 0},
	{"l2tp-class", NULL, 0},
	{"upgrade", NULL, 0},
	{"vlan-group", NULL, 0},
	{"fhrp", NULL, 0},
	{"bfd", NULL, 0},
	{"bfd-template", NULL, 0},
	{"ethernet", NULL, 0},
	{"service-template", NULL, 0},
	{"policy", NULL, 0},
	{"tunnel", NULL, 0},
	{"nat64", NULL, 0},
	{"dialer-list", NULL, 0},
	{"dialer", NULL, 0},
	{"epm", NULL, 0},
	{"lacp", NULL, 0},
	{"hostname-prefix", NULL, 0},
	{"username-prefix", NULL, 0},
	{"ipx", NULL, 0},
	{"access-session", NULL, 0},
	{"password", NULL, 0},
	{"srcnat", NULL, 0},
	{"wism", NULL, 0},
	{"manager", NULL, 0},
	{"cef", NULL, 0},
	{"qos", NULL, 0},
	{"mls", NULL, 0},
	{"ptp", NULL, 0},
	{"sampler", NULL, 0},
	{"sla", NULL, 0},
	{"anyconnect", NULL, 0},
	{"pnp", NULL, 0},
	{"guest-shell", NULL, 0},
	{"iox", NULL, 0},
	{"spanning", NULL, 0},
	{"nls", NULL, 0},
	{"table-map", NULL, 0},
	{"resource", NULL, 0},
	{"counter", NULL, 0},
	{"sip-ua", NULL, 0},
	{"voice-port", NULL, 0},
	{"mgcp", NULL, 0},
	{"ccm-manager", NULL, 0},
	{"stcapp", NULL, 0},
	{"ephone-dn", NULL, 0},
	{"ephone", NULL, 0},
	{"tls", NULL, 0},
	{"fabric", NULL, 0},
	{"l2", NULL, 0},
	{"l2vpn", NULL, 0},
	{"bridge-domain", NULL, 0},
	{"interface-range", NULL, 0},
	{"crypto-ipsec", NULL, 0},
	{"ipc", NULL, 0},
	{"ip forward", NULL, 0},
	{"access-list dynamic-extended", NULL, 0},
	{"access-list compiled", NULL, 0},
	{"access-list rate-limit", NULL, 0},
	{"spd", NULL, 0},
	{"network-clock-participate", NULL, 0},
	{"network-clock-select", NULL, 0},
	{"wlccp", NULL, 0},
};

static tc_cmd iface_cmds[] = {
	{"ip address", tc_h_iface_ip_address, 0},
	{"no ip address", tc_h_iface_no_ip_address, 0},
	{"shutdown", tc_h_iface_shutdown, 0},
	{"no shutdown", tc_h_iface_no_shutdown, 0},
	{"description", tc_h_iface_description, 0},
	{"crypto map", h_iface_crypto_map, 0},
	{"ip vrf forwarding", h_iface_vrf, 0},
	{"vrf forwarding", h_iface_vrf, 0},
	{"ip nat", h_iface_nat, 0},
	{"ip access-group", h_iface_acl, 0},
	{"encapsulation dot1Q", tc_h_iface_vlan, 0}, /* N [native | second-dot1q M] */
	{"interface", h_iface_nested, 0},
	{"exit", tc_h_exit, 0},
	{"ip unnumbered", NULL, 0},
	{"ip ospf", tc_h_iface_ospf, 0},
	{"ip pim", NULL, 0},
	{"ip igmp", NULL, 0},
	{"ip policy", NULL, 0},
	{"ip policy route-map", tc_h_iface_pbr, 0},
	{"ip flow", NULL, 0},
	{"ip route-cache", NULL, 0},
	{"ip virtual-reassembly", NULL, 0},
	{"ip virtual-reassembly-out", NULL, 0},
	{"ip verify", NULL, 0},
	{"ip helper-address", NULL, 0},
	{"ip redirects", NULL, 0},
	{"ip unreachables", NULL, 0},
	{"ip proxy-arp", NULL, 0},
	{"ip local-proxy-arp", NULL, 0},
	{"ip directed-broadcast", NULL, 0},
	{"ip mroute-cache", NULL, 0},
	{"ip split-horizon", NULL, 0},
	{"ip summary-address", NULL, 0},
	{"ip summary-address eigrp", tc_h_iface_summary_eigrp, 0},
	{"ip dhcp", NULL, 0},
	{"ip rip", NULL, 0},
	{"ip authentication", NULL, 0},
	{"ip hello-interval", NULL, 0},
	{"ip hold-time", NULL, 0},
	{"ip bandwidth-percent", NULL, 0},
	{"ip nhrp", NULL, 0},
	{"ip wccp", NULL, 0},
	{"ip inspect", NULL, 0},
	{"ip ips", NULL, 0},
	{"ip accounting", NULL, 0},
	{"ip load-sharing", h_iface_load_sharing, 0},
	{"ip mtu", NULL, 0},
	{"ip tcp", NULL, 0},
	{"ip cef", NULL, 0},
	{"ip sap", NULL, 0},
	{"ip mask-reply", NULL, 0},
	{"ip information-reply", NULL, 0},
	{"ip irdp", NULL, 0},
	{"ip router", NULL, 0},
	{"ip arp", NULL, 0},
	{"ip multicast", NULL, 0},
	{"ip sla", NULL, 0},
	{"ip admission", NULL, 0},
	{"ip auth-proxy", NULL, 0},
	{"ip nbar", NULL, 0},
	{"ip rsvp", NULL, 0},
	{"ip flow-export", NULL, 0},
	{"ip vrf", NULL, 0},
	{"ip dns", NULL, 0},
	{"ip ddns", NULL, 0},
	{"ip probe", NULL, 0},
	{"ip address-pool", NULL, 0},
	{"ip security", NULL, 0},
	{"ip eigrp", NULL, 0},
	{"ip hello", NULL, 0},
	{"ip next-hop-self", NULL, 0},
	{"ip device", NULL, 0},
	{"ipv6", NULL, 0},
	{"duplex", NULL, 0},
	{"speed", NULL, 0},
	{"negotiation", NULL, 0},
	{"mtu", NULL, 0},
	{"standby", NULL, 0},
	{"vrrp", NULL, 0},
	{"glbp", NULL, 0},
	{"encapsulation", NULL, 0},
	{"bandwidth", tc_h_iface_bandwidth, 0},
	{"delay", tc_h_iface_delay, 0},
	{"load-interval", NULL, 0},
	{"keepalive", NULL, 0},
	{"cdp", NULL, 0},
	{"mop", NULL, 0},
	{"media-type", NULL, 0},
	{"service-policy", NULL, 0},
	{"switchport", NULL, 0},
	{"spanning-tree", NULL, 0},
	{"channel-group", NULL, 0},
	{"channel-protocol", NULL, 0},
	{"lacp", NULL, 0},
	{"storm-control", NULL, 0},
	{"logging", NULL, 0},
	{"snmp", NULL, 0},
	{"carrier-delay", NULL, 0},
	{"hold-queue", NULL, 0},
	{"tunnel", tc_h_tunnel, 0},
	{"pppoe", NULL, 0},
	{"pppoe-client", NULL, 0},
	{"ppp", NULL, 0},
	{"dialer", NULL, 0},
	{"dialer-group", NULL, 0},
	{"clock", NULL, 0},
	{"serial", NULL, 0},
	{"framing", NULL, 0},
	{"crc", NULL, 0},
	{"isdn", NULL, 0},
	{"mls", NULL, 0},
	{"power", NULL, 0},
	{"auto", NULL, 0},
	{"flowcontrol", NULL, 0},
	{"zone-member", NULL, 0},
	{"ntp", NULL, 0},
	{"arp", NULL, 0},
	{"vlan", NULL, 0},
	{"bfd", NULL, 0},
	{"mpls", tc_h_mpls, 0},
	{"xconnect", NULL, 0},
	{"service-module", NULL, 0},
	{"shape", NULL, 0},
	{"pvc", NULL, 0},
	{"atm", NULL, 0},
	{"dsl", NULL, 0},
	{"frame-relay", NULL, 0},
	{"fair-queue", NULL, 0},
	{"priority-group", NULL, 0},
	{"rate-limit", NULL, 0},
	{"traffic-shape", NULL, 0},
	{"qos", NULL, 0},
	{"macro", NULL, 0},
	{"authentication", NULL, 0},
	{"dot1x", NULL, 0},
	{"mab", NULL, 0},
	{"udld", NULL, 0},
	{"peer", NULL, 0},
	{"physical-layer", NULL, 0},
	{"source", NULL, 0},
	{"nameif", NULL, 0},
	{"security-level", NULL, 0},
	{"ethernet", NULL, 0},
	{"service", NULL, 0},
	{"access-expression", NULL, 0},
	{"backup", NULL, 0},
	{"compress", NULL, 0},
	{"cts", NULL, 0},
	{"device-tracking", NULL, 0},
	{"event", NULL, 0},
	{"lldp", NULL, 0},
	{"mac-address", NULL, 0},
	{"platform", NULL, 0},
	{"small-frame", NULL, 0},
	{"transmit-interface", NULL, 0},
	{"vrf", NULL, 0},
	{"wrr-queue", NULL, 0},
	{"priority-queue", NULL, 0},
	{"rcv-queue", NULL, 0},
	{"tx-ring-limit", NULL, 0},
	{"random-detect", NULL, 0},
	{"custom-queue-list", NULL, 0},
	{"down-when-looped", NULL, 0},
	{"trust", NULL, 0},
	{"stackwise", NULL, 0},
	{"speed-duplex", NULL, 0},
	{"full-duplex", NULL, 0},
	{"half-duplex", NULL, 0},
	{"max-reserved-bandwidth", NULL, 0},
	{"bridge-group", NULL, 0},
	{"ospfv3", NULL, 0},
	{"isis", NULL, 0},
	{"port", NULL, 0},
	{"bundle-enable", NULL, 0},
	{"ip sticky-arp", NULL, 0},
	{"ip passive-interface", NULL, 0},
	{"ip forward", NULL, 0},
	{"crypto ipsec client", NULL, 0}, /* Easy VPN client: not modelled */
	{"ip bgp", NULL, 0},
	{"ip rtp", NULL, 0},
	{"ip traffic-export", NULL, 0},
	{"ip tcp", NULL, 0},
	{"ip igmp", NULL, 0},
	/* resets a setting to its default */
	{"default", NULL, 0},
	/* wireless radios (Dot11Radio) */
	{"antenna", NULL, 0},
	{"channel", NULL, 0},
	{"dfs", NULL, 0},
	{"encryption", NULL, 0},
	{"broadcast-key", NULL, 0},
	{"ssid", NULL, 0},
	{"station-role", NULL, 0},
	{"stbc", NULL, 0},
	{"rts", NULL, 0},
	{"world-mode", NULL, 0},
	{"beacon", NULL, 0},
	{"fragment", NULL, 0},
	{"packet", NULL, 0},
	{"infrastructure-client", NULL, 0},
	{"preamble-short", NULL, 0},
	/* switching, ports and platforms */
	{"bgp-policy", NULL, 0},
	{"medium", NULL, 0},
	{"redundancy", NULL, 0},
	{"routing", NULL, 0},
	{"private-vlan", NULL, 0},
	{"transceiver", NULL, 0},
	{"tx-queue", NULL, 0},
	{"priority-flow-control", NULL, 0},
	{"port-type", NULL, 0},
	{"peakdetect", NULL, 0},
	{"gig-default", NULL, 0},
	{"hardware", NULL, 0},
	{"management", NULL, 0},
	{"negotiate", NULL, 0},
	{"transport-mode", NULL, 0},
	{"vtp", NULL, 0},
	{"ospf", NULL, 0},
	{"disable", NULL, 0},
	{"enable", NULL, 0},
	{"l2-filter", NULL, 0},
	{"offset-list", NULL, 0},
};

static tc_cmd entry_cmds[] = {
	{"set peer", h_set_peer, 0},
	{"set transform-set", h_set_tset, 0},
	{"match address", tc_h_entry_match_address, 0},
	{"set pfs", tc_h_entry_pfs, 0},
	{"set ikev2-profile", h_set_ikev2_profile, 0},
	{"set isakmp-profile", h_set_isakmp_profile, 0},
	{"set security-association lifetime", tc_h_entry_lifetime, 0},
	{"reverse-route", tc_h_entry_rri, 0},
	{"set reverse-route", tc_h_entry_rri, 0},
	{"description", tc_h_entry_description, 0},
	{"set security-association", NULL, 0},
	{"set nat", NULL, 0},
	{"set ip", NULL, 0},
	{"set identity", NULL, 0},
	{"set fvrf", NULL, 0},
	{"set inject", NULL, 0},
	{"set tfc", NULL, 0},
	{"set default", NULL, 0},
	{"set group", NULL, 0},
	{"qos", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd aclx_cmds[] = {
	{"*", tc_h_acl_sub, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd svcgrp_cmds[] = {
	{"*", h_og_service, 0},
	{"group-object", tc_h_og_group, 0},
	{"description", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd ikeprof_cmds[] = {
	{"keyring", h_prof_keyring, 0},
	{"match identity", h_prof_match, 0},
	{"vrf", h_prof_vrf, 0},
	{"local-address", h_prof_local_address, 0},
	{"keepalive", h_prof_keepalive, 0},
	{"self-identity", NULL, 0},
	{"reverse-route", NULL, 0},
	{"ca trust-point", h_prof_trustpoint, 0},
	{"initiate", NULL, 0},
	{"isakmp authorization", NULL, 0},
	{"client", NULL, 0},
	{"qos-group", NULL, 0},
	{"virtual-template", NULL, 0},
	{"description", NULL, 0},
	{"accounting", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd ike2prof_cmds[] = {
	{"keyring", h_prof_keyring, 0},
	{"match identity", h_prof_match, 0},
	{"match fvrf", h_prof_vrf, 0},
	{"dpd", h_prof_keepalive, 0},
	{"match address local", NULL, 0},
	{"match certificate", h_prof_match_cert, 0},
	{"authentication", h_prof_auth, 0},
	{"identity local", h_prof_identity, 0},
	{"pki trustpoint", h_prof_trustpoint, 0},
	{"lifetime", NULL, 0},
	{"nat", NULL, 0},
	{"ivrf", NULL, 0},
	{"virtual-template", NULL, 0},
	{"aaa", NULL, 0},
	{"config-exchange", NULL, 0},
	{"description", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd ike2prop_cmds[] = {
	{"encryption", tc_h_ikev2_encryption, 0},
	{"integrity", tc_h_ikev2_integrity, 0},
	{"group", tc_h_ikev2_group, 0},
	{"prf", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd ike2pol_cmds[] = {
	{"proposal", h_ike2pol_proposal, 0},
	{"match address local", h_ike2pol_local, 0},
	{"match fvrf", h_ike2pol_fvrf, 0},
	{"description", NULL, 0},
	/* the ASA's policy lines, in files mixing the dialects: recognised, skipped */
	{"encryption", NULL, 0},
	{"integrity", NULL, 0},
	{"group", NULL, 0},
	{"prf", NULL, 0},
	{"lifetime", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd objgrp_cmds[] = {
	{"*", h_og_addr, 0},
	{"host", h_og_host, 0},
	{"any", h_og_any, 0},
	{"range", h_og_range, 0},
	{"group-object", tc_h_og_group, 0},
	{"network-object", tc_h_og_netobj, 0},
	{"description", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd tset_cmds[] = {
	{"mode", tc_h_tset_mode, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd isakmp_cmds[] = {
	{"encr", tc_h_ikepol_encryption, 0},
	{"encryption", tc_h_ikepol_encryption, 0},
	{"hash", tc_h_ikepol_hash, 0},
	{"authentication", tc_h_ikepol_auth, 0},
	{"group", tc_h_ikepol_group, 0},
	{"lifetime", tc_h_ikepol_lifetime, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd keyring_cmds[] = {
	{"pre-shared-key address", h_keyring_psk, 0},
	{"pre-shared-key hostname", h_keyring_psk, 0},
	{"local-address", NULL, 0},
	{"description", NULL, 0},
	{"rsa-pubkey", NULL, 0},
	{"vrf", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd kr2_cmds[] = {
	{"peer", h_kr2_peer, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd kr2peer_cmds[] = {
	{"address", h_kr2_address, 0},	 {"pre-shared-key", h_kr2_psk, 0},
	{"hostname", h_kr2_hostname, 0}, {"description", NULL, 0},
	{"identity", h_kr2_identity, 0}, {"exit", tc_h_exit, 0},
};

static tc_cmdtab top_tab = TC_CMDTAB("top level", top_cmds);
static tc_cmdtab iface_tab = TC_CMDTAB("interface", iface_cmds);
static tc_cmdtab entry_tab = TC_CMDTAB("crypto map entry", entry_cmds);
static tc_cmdtab aclx_tab = TC_CMDTAB("extended access-list", aclx_cmds);
static tc_cmdtab svcgrp_tab = TC_CMDTAB("object-group service", svcgrp_cmds);
static tc_cmdtab ikeprof_tab = TC_CMDTAB("crypto isakmp profile", ikeprof_cmds);
static tc_cmdtab ike2prof_tab = TC_CMDTAB("crypto ikev2 profile", ike2prof_cmds);
static tc_cmdtab ike2prop_tab = TC_CMDTAB("crypto ikev2 proposal", ike2prop_cmds);
static tc_cmdtab ike2pol_tab = TC_CMDTAB("crypto ikev2 policy", ike2pol_cmds);
static tc_cmdtab objgrp_tab = TC_CMDTAB("object-group network", objgrp_cmds);
static tc_cmdtab tset_tab = TC_CMDTAB("transform-set", tset_cmds);
static tc_cmdtab isakmp_tab = TC_CMDTAB("crypto isakmp policy", isakmp_cmds);
static tc_cmdtab keyring_tab = TC_CMDTAB("crypto keyring", keyring_cmds);
static tc_cmdtab kr2_tab = TC_CMDTAB("crypto ikev2 keyring", kr2_cmds);
static tc_cmdtab kr2peer_tab = TC_CMDTAB("crypto ikev2 keyring peer", kr2peer_cmds);

int tc_ios_prepare(void)
{
	tc_cmdtab *tabs[] = {&top_tab,	  &iface_tab,	&entry_tab,    &aclx_tab,     &objgrp_tab,
			     &tset_tab,	  &isakmp_tab,	&keyring_tab,  &kr2_tab,      &kr2peer_tab,
			     &svcgrp_tab, &ikeprof_tab, &ike2prof_tab, &ike2prop_tab, &ike2pol_tab};
	for (size_t k = 0; k < sizeof tabs / sizeof tabs[0]; k++)
		if (tc_cmdtab_prepare(tabs[k]) != 0)
			return TC_ENOMEM;
	if (tc_tunnel_prepare() != 0) /* the tunnel lines' tables, which both dialects share */
		return TC_ENOMEM;
	return tc_rt_prepare(); /* the routing blocks' tables, which both dialects share */
}

const tc_dialect_ops tc_ios_ops = {
	.dialect = TC_DIALECT_IOS,
	.top = &top_tab,
	.other = &tc_asa_ops,
	.finish = ios_finish,
	.pfs_default = 1, /* IOS's bare `set pfs` is group 1 */
	.acl_addr = ios_acl_addr,
	.std_addr = ios_acl_addr, /* a lone address is a host on either kind of list */
};
