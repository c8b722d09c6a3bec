/* asa.c: the ASA (and PIX 7+) dialect: command tables and the line shapes only the ASA has.
 *
 * The ASA writes a crypto map entry as one line per attribute (`crypto map
 * NAME SEQ set peer A B`), ACL operands with netmasks, objects and
 * object-groups, interfaces named by `nameif`, and pre-shared keys under
 * `tunnel-group PEER ipsec-attributes`. */
#include "parser_int.h"

#include <string.h>

static tc_cmdtab iface_tab, cmap_tab, obj_tab, objgrp_tab, proposal_tab, ikev1_tab, ikev2_tab,
	tg_tab, objsvc_tab, svcgrp_tab, protogrp_tab;

/* ---- interfaces ---------------------------------------------------------------- */

static int h_interface(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (!tc_p_iface_open(st, ln, at))
		return 0;
	tc_p_push(st, &iface_tab, NULL);
	return 0;
}

static int h_nameif(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an interface name");
		return 0;
	}
	tc_iface_set_nameif(st->m, st->dev, st->iface, tc_p_dup(st, ln, at));
	return 0;
}

static int h_no_nameif(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	tc_iface_set_nameif(st->m, st->dev, st->iface, NULL);
	return 0;
}

static int h_security_level(tc_pstate *st, const tc_line *ln, size_t at)
{
	unsigned v;
	if (at >= ln->ntok || !tc_tok_uint(&ln->tok[at], 100, &v)) {
		tc_p_bad(st, at, "expected a security level from 0 to 100");
		return 0;
	}
	st->iface->security_level = (int)v;
	return 0;
}

/* The interface named by token i (nameif or physical name); reports it when absent. */
static tc_iface *iface_ref(tc_pstate *st, const tc_line *ln, size_t i)
{
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected an interface name");
		return NULL;
	}
	char name[256];
	tc_iface *f = tc_iface_find(st->dev, tc_tok_str(name, sizeof name, &ln->tok[i]));
	if (!f) /* a partial capture (show running-config crypto map) lacks them */
		tc_p_diag(st, i, TC_SEV_WARNING, "unknown-interface",
			  "no interface is named %s (nameif) on this device; reference dropped",
			  name);
	return f;
}

/* ---- routes ---------------------------------------------------------------------- */

static int h_route(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* route IFNAME NET MASK GW [DISTANCE] [track N] [tunneled] */
	size_t i = at;
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected an interface name");
		return 0;
	}
	size_t ifi = i++;
	if (i < ln->ntok && memchr(ln->tok[i].p, ':', ln->tok[i].len))
		return 0; /* IPv6 route */
	tc_prefix dst;
	if (!tc_p_netmask(st, ln, i, &dst))
		return 0;
	i += 2;
	uint32_t nh = 0;
	bool has_nh = false;
	if (i < ln->ntok && tc_p_ip(st, &ln->tok[i], &nh)) {
		has_nh = true;
		i++;
	} else if (!tc_tok_is(&ln->tok[ifi], "Null0")) {
		tc_p_bad(st, i, "expected a gateway address");
		return 0;
	}
	unsigned ad = 1, v;
	if (i < ln->ntok && tc_tok_uint(&ln->tok[i], 255, &v)) {
		ad = v;
		i++;
	}
	unsigned track = 0;
	bool tunneled = false;
	for (; i < ln->ntok; i++) {
		if (tc_tok_is(&ln->tok[i], "track") && i + 1 < ln->ntok &&
		    tc_tok_uint(&ln->tok[i + 1], 4294967295u, &track))
			i++;
		else if (tc_tok_is(&ln->tok[i], "tunneled"))
			tunneled = true;
		else {
			tc_p_diag(st, i, TC_SEV_WARNING, "unknown-option",
				  "unknown route option ignored; the route is kept");
			break;
		}
	}
	tc_route *r = tc_route_add(st->m, st->dev, TC_RT_STATIC);
	r->attr->track = track;
	r->tunneled = tunneled;
	r->dst = dst;
	r->nh = nh;
	r->has_nh = has_nh;
	r->attr->ifname = tc_p_intern(st, ln, ifi);
	r->distance = ad;
	r->attr->file = st->file;
	r->line = ln->no;
	return 0;
}

static int h_name(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* name A NAME [description ...] */
	uint32_t ip;
	if (at + 1 >= ln->ntok) {
		tc_p_bad(st, at, "expected an address and a name");
		return 0;
	}
	if (memchr(ln->tok[at].p, ':', ln->tok[at].len))
		return 0; /* IPv6 name */
	if (tc_ip_parse(&ip, ln->tok[at].p, ln->tok[at].len) != 0) {
		tc_p_bad(st, at, "expected an IPv4 address");
		return 0;
	}
	tc_alias_add(st, &ln->tok[at + 1], ip);
	return 0;
}

/* ---- access lists ------------------------------------------------------------------ */

static bool is_v6(const tc_tok *t)
{
	return memchr(t->p, ':', t->len) != NULL;
}

static int asa_acl_addr(tc_pstate *st, const tc_line *ln, size_t *i, tc_aset *out)
{
	const tc_tok *t = &ln->tok[*i];
	out->v = &out->one;
	out->n = 1;
	if (tc_tok_is(t, "any") || tc_tok_is(t, "any4")) {
		out->one = tc_prefix_make(0, 0);
		*i += 1;
		return 0;
	}
	if (tc_tok_is(t, "any6") || is_v6(t))
		return TC_EPARSE; /* IPv6: out of scope, skipped silently */
	uint32_t ip;
	if (tc_tok_is(t, "host")) {
		if (*i + 1 < ln->ntok && is_v6(&ln->tok[*i + 1]))
			return TC_EPARSE;
		if (*i + 1 >= ln->ntok || !tc_p_ip(st, &ln->tok[*i + 1], &ip)) {
			tc_p_bad(st, *i + 1, "expected a host address or name");
			return TC_EPARSE;
		}
		out->one = tc_prefix_make(ip, 32);
		*i += 2;
		return 0;
	}
	if (tc_tok_is(t, "object") || tc_tok_is(t, "object-group")) {
		int rc = tc_p_objref(st, ln, *i, tc_tok_is(t, "object-group"), out);
		*i += 2;
		return rc;
	}
	if (tc_tok_is(t, "interface")) {
		tc_p_diag(st, *i, TC_SEV_NOTE, "unsupported",
			  "interface operands are not modelled; line skipped");
		return TC_EPARSE;
	}
	if (tc_tok_is(t, "object-group-user") || tc_tok_is(t, "user") ||
	    tc_tok_is(t, "user-group") || tc_tok_is(t, "security-group") ||
	    tc_tok_is(t, "object-group-security")) {
		tc_p_diag(st, *i, TC_SEV_WARNING, "unsupported",
			  "identity and security-group operands are not modelled; line skipped");
		return TC_EPARSE;
	}
	if (!tc_p_ip(st, t, &ip)) {
		tc_p_bad(st, *i, "expected any, host A, A MASK, object or object-group");
		return TC_EPARSE;
	}
	if (!tc_p_netmask_of(st, ln, *i, ip, &out->one))
		return TC_EPARSE;
	*i += 2;
	return 0;
}

static int h_access_list(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* access-list NAME [line N] extended|standard|remark|webtype|ethertype ... */
	if (at + 1 >= ln->ntok)
		return TC_ENOTFOUND;
	const tc_tok *name = &ln->tok[at];
	if (tc_tok_is(name, "alert-interval") || tc_tok_is(name, "deny-flow-max"))
		return 0;
	size_t i = at + 1;
	unsigned n;
	if (tc_tok_is(&ln->tok[i], "line") && i + 1 < ln->ntok &&
	    tc_tok_uint(&ln->tok[i + 1], 1u << 30, &n))
		i += 2;
	if (i >= ln->ntok)
		return TC_ENOTFOUND;
	const tc_tok *kind = &ln->tok[i];
	char acl[256];
	tc_tok_str(acl, sizeof acl, name);
	if (tc_tok_is(kind, "extended")) {
		tc_p_ace(st, ln, i + 1, acl);
		return 0;
	}
	if (tc_tok_is(kind, "permit") || tc_tok_is(kind, "deny")) {
		tc_p_ace(st, ln, i, acl); /* PIX 6 style: no `extended` keyword */
		return 0;
	}
	if (tc_tok_is(kind, "standard")) {
		tc_p_std_ace(st, ln, i + 1, acl, true); /* standard lists match destinations */
		return 0;
	}
	if (tc_tok_is(kind, "remark"))
		return 0;
	if (tc_tok_is(kind, "webtype") || tc_tok_is(kind, "ethertype") ||
	    tc_tok_is(kind, "rename") || tc_tok_is(kind, "compiled")) {
		tc_p_skipped(st);
		return 0;
	}
	return TC_ENOTFOUND;
}

static int asa_std_addr(tc_pstate *st, const tc_line *ln, size_t *i, tc_aset *out)
{
	return st->ops->acl_addr(st, ln, i, out);
}

static int h_access_group(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* access-group ACL in|out interface IF [per-user-override] | access-group ACL global */
	if (at + 1 >= ln->ntok)
		return TC_ENOTFOUND;
	if (tc_tok_is(&ln->tok[at + 1], "global")) {
		tc_p_skipped(st);
		return 0;
	}
	bool in = tc_tok_is(&ln->tok[at + 1], "in");
	if ((!in && !tc_tok_is(&ln->tok[at + 1], "out")) || at + 3 >= ln->ntok ||
	    !tc_tok_is(&ln->tok[at + 2], "interface"))
		return TC_ENOTFOUND;
	tc_iface *f = iface_ref(st, ln, at + 3);
	if (f)
		*(in ? &f->acl_in : &f->acl_out) = tc_p_dup(st, ln, at);
	return 0;
}

/* ---- objects ------------------------------------------------------------------------- */

static int h_object_network(tc_pstate *st, const tc_line *ln, size_t at)
{
	return tc_p_obj_open(st, ln, at, TC_OBJ_NET, &obj_tab);
}

static int h_object_other(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* object-group icmp-type|user|security NAME: known by name, members not modelled */
	if (at + 1 < ln->ntok)
		tc_obj_get(st, &ln->tok[at + 1], TC_OBJ_OTHER);
	tc_p_push(st, NULL, NULL);
	return 0;
}

static int h_object_service(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* a redefinition replaces the service: its `service` line resets it */
	return tc_p_obj_open(st, ln, at, TC_OBJ_SVC, &objsvc_tab);
}

static int h_obj_service(tc_pstate *st, const tc_line *ln, size_t at)
{
	st->obj->nsvc = 0;
	return tc_p_svc_spec(st, ln, at, st->obj);
}

static int h_objgrp_service(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* object-group service NAME [tcp|udp|tcp-udp] */
	if (at >= ln->ntok)
		return tc_p_obj_open(st, ln, at, TC_OBJ_SVCGRP, &svcgrp_tab); /* reports it */
	st->obj = tc_obj_get(st, &ln->tok[at], TC_OBJ_SVCGRP);
	st->obj->svcproto = 0;
	if (at + 1 < ln->ntok) {
		const tc_tok *t = &ln->tok[at + 1];
		st->obj->svcproto = tc_tok_is(t, "tcp")	  ? TC_PROTO_TCP
				    : tc_tok_is(t, "udp") ? TC_PROTO_UDP
							  : 255;
		if (!tc_tok_is(t, "tcp") && !tc_tok_is(t, "udp") && !tc_tok_is(t, "tcp-udp")) {
			tc_p_bad(st, at + 1, "expected tcp, udp or tcp-udp");
			st->obj->svcproto = 0;
		}
	}
	tc_p_push(st, &svcgrp_tab, NULL);
	return 0;
}

static int h_objgrp_protocol(tc_pstate *st, const tc_line *ln, size_t at)
{
	return tc_p_obj_open(st, ln, at, TC_OBJ_PROTOGRP, &protogrp_tab);
}

static int h_svc_object(tc_pstate *st, const tc_line *ln, size_t at)
{
	return tc_p_svc_spec(st, ln, at, st->obj);
}

static int h_port_object(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (st->obj->svcproto == 0) {
		tc_p_bad(st, 0, "port-object needs a group typed tcp, udp or tcp-udp");
		return 0;
	}
	return tc_p_port_object(st, ln, at, st->obj);
}

static int h_protocol_object(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* protocol-object PROTO: a service with any port */
	tc_pobj one = {0};
	if (tc_p_svc_spec(st, ln, at, &one) != 0) {
		tc_p_bad(st, at, "unknown protocol");
		return 0;
	}
	for (size_t k = 0; k < one.nsvc; k++) {
		tc_svc s = {one.svc[k].proto, 0, 65535, 0, 65535};
		tc_p_svc_add(st, st->obj, &s);
	}
	return 0;
}

static int h_obj_host(tc_pstate *st, const tc_line *ln, size_t at)
{
	uint32_t ip;
	st->obj->n = 0; /* host, subnet, range and fqdn replace each other */
	if (at < ln->ntok && is_v6(&ln->tok[at]))
		return 0;
	if (at >= ln->ntok || !tc_p_ip(st, &ln->tok[at], &ip)) {
		tc_p_bad(st, at, "expected a host address");
		return 0;
	}
	tc_obj_add(st, st->obj, tc_prefix_make(ip, 32));
	return 0;
}

static int h_obj_subnet(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_prefix p;
	st->obj->n = 0;
	if (at < ln->ntok && is_v6(&ln->tok[at]))
		return 0;
	if (tc_p_netmask(st, ln, at, &p))
		tc_obj_add(st, st->obj, p);
	return 0;
}

static int h_obj_range(tc_pstate *st, const tc_line *ln, size_t at)
{
	uint32_t lo, hi;
	st->obj->n = 0;
	if (at < ln->ntok && is_v6(&ln->tok[at]))
		return 0;
	if (at + 1 >= ln->ntok || !tc_p_ip(st, &ln->tok[at], &lo) ||
	    !tc_p_ip(st, &ln->tok[at + 1], &hi) || hi < lo) {
		tc_p_bad(st, at, "expected an address range A B");
		return 0;
	}
	if (!tc_obj_add_range(st, st->obj, lo, hi)) {
		st->obj->n = 0;
		st->obj->unmodelled = true;
		tc_p_diag(st, at, TC_SEV_NOTE, "unsupported",
			  "address range too fragmented to model; object has no address");
	}
	return 0;
}

static int h_obj_fqdn(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	st->obj->n = 0;
	st->obj->unmodelled = true;
	tc_p_diag(st, at - 1, TC_SEV_NOTE, "unsupported",
		  "fqdn objects are not resolved; object has no address");
	return 0;
}

static int h_objgrp_network(tc_pstate *st, const tc_line *ln, size_t at)
{
	return tc_p_obj_open(st, ln, at, TC_OBJ_NETGRP, &objgrp_tab);
}

/* ---- crypto maps ------------------------------------------------------------------------ */

/* One attribute line of a crypto map or dynamic map entry: NAME SEQ ATTRIBUTE... */
static int entry_line(tc_pstate *st, const tc_line *ln, size_t at, bool dynmap)
{
	unsigned seq;
	if (at + 2 >= ln->ntok || !tc_tok_uint(&ln->tok[at + 1], 65535, &seq))
		return TC_ENOTFOUND;
	size_t from = at + 2;
	const tc_cmd *c = tc_cmdtab_find(&cmap_tab, ln, from);
	if (!c)
		return TC_ENOTFOUND;
	if (tc_tok_is(&ln->tok[from], "ipsec-manual")) {
		tc_p_diag(st, from, TC_SEV_NOTE, "unsupported",
			  "manual-key crypto map entries are not modelled; line skipped");
		tc_p_skipped(st);
		return 0;
	}
	st->entry = tc_p_entry(st, ln, at, dynmap);
	if (!st->entry)
		return 0;
	if (!c->fn) {
		tc_p_skipped(st);
		return 0;
	}
	return c->fn(st, ln, from + c->nw);
}

static int h_crypto_map(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* crypto map NAME SEQ ATTRIBUTE... | crypto map NAME interface IF */
	if (at + 1 >= ln->ntok)
		return TC_ENOTFOUND;
	if (tc_tok_is(&ln->tok[at + 1], "interface")) {
		tc_iface *f = iface_ref(st, ln, at + 2);
		if (f)
			f->cmap = tc_p_dup(st, ln, at);
		return 0;
	}
	return entry_line(st, ln, at, false);
}

static int h_cm_peer(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a peer address");
		return 0;
	}
	st->entry->npeers = 0; /* each `set peer` line gives the whole list */
	st->entry->npeer_names = 0;
	if (ln->ntok - at > 10)
		tc_p_diag(st, at + 10, TC_SEV_WARNING, "too-many-peers",
			  "the ASA accepts at most 10 peers per entry");
	tc_p_entry_peers(st, ln, at, st->entry);
	return 0;
}

static int h_cm_ikev1_tset(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_p_entry_tsets(st, ln, at, st->entry);
	st->entry->ike_version = 1;
	return 0;
}

static int h_cm_ikev2_proposal(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* proposals count only when no IKEv1 transform set is given */
	tc_entry *e = st->entry;
	if (e->ntsets == 0 || e->ike_version == 2) {
		tc_p_entry_tsets(st, ln, at, e);
		e->ike_version = 2;
	}
	return 0;
}

static int h_cm_nat_t_disable(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	st->entry->nat_t_disable = true;
	return 0;
}

static int h_cm_conn_type(tc_pstate *st, const tc_line *ln, size_t at)
{
	const tc_tok *t = at < ln->ntok ? &ln->tok[at] : NULL;
	if (t && tc_tok_is(t, "bidirectional"))
		st->entry->conn_type = TC_CONN_BIDIRECTIONAL;
	else if (t && tc_tok_is(t, "originate-only"))
		st->entry->conn_type = TC_CONN_ORIGINATE_ONLY;
	else if (t && tc_tok_is(t, "answer-only"))
		st->entry->conn_type = TC_CONN_ANSWER_ONLY;
	else
		tc_p_bad(st, at, "expected bidirectional, originate-only or answer-only");
	return 0;
}

static int h_cm_dynamic(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a dynamic map name");
		return 0;
	}
	st->entry->dynamic = true;
	st->entry->dynmap = tc_p_dup(st, ln, at);
	return 0;
}

static int h_dynmap(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* crypto dynamic-map NAME SEQ ATTRIBUTE... */
	return entry_line(st, ln, at, true);
}

/* ---- transform sets and proposals ---------------------------------------------------------- */

static int h_tset(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* [crypto ipsec [ikev1]] transform-set NAME T1 [T2] | NAME mode transport */
	if (at + 1 >= ln->ntok) {
		tc_p_bad(st, at + 1, "expected a transform set name and transforms");
		return 0;
	}
	tc_tset *t = tc_p_tset(st, ln, at);
	if (tc_tok_is(&ln->tok[at + 1], "mode")) {
		st->tset = t;
		return tc_h_tset_mode(st, ln, at + 2);
	}
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
			enc = tc_p_dup(st, ln, i);
		}
	}
	t->enc = enc ? enc : "null";
	t->auth = auth ? auth : "none";
	return 0;
}

static int h_proposal(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a proposal name");
		return 0;
	}
	st->tset = tc_p_tset(st, ln, at);
	st->tset->ikev2 = true;
	if (!st->tset->enc)
		st->tset->enc = "null";
	if (!st->tset->auth)
		st->tset->auth = "none";
	tc_p_push(st, &proposal_tab, NULL);
	return 0;
}

static int h_prop_encryption(tc_pstate *st, const tc_line *ln, size_t at)
{
	static const struct {
		const char *name, *canon;
	} map[] = {
		{"aes", "aes-128"},
		{"aes-192", "aes-192"},
		{"aes-256", "aes-256"},
		{"aes-gcm", "aes-gcm-128"},
		{"aes-gcm-192", "aes-gcm-192"},
		{"aes-gcm-256", "aes-gcm-256"},
		{"aes-gmac", "aes-gmac-128"},
		{"aes-gmac-192", "aes-gmac-192"},
		{"aes-gmac-256", "aes-gmac-256"},
		{"3des", "3des"},
		{"des", "des"},
		{"null", "null"},
	};
	if (at < ln->ntok) /* the first listed is preferred */
		for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
			if (tc_tok_is(&ln->tok[at], map[k].name)) {
				st->tset->enc = map[k].canon;
				return 0;
			}
	tc_p_bad(st, at, "unknown ESP encryption");
	return 0;
}

static int h_prop_integrity(tc_pstate *st, const tc_line *ln, size_t at)
{
	static const struct {
		const char *name, *canon;
	} map[] = {
		{"sha-1", "sha1"},     {"sha-256", "sha256"}, {"sha-384", "sha384"},
		{"sha-512", "sha512"}, {"md5", "md5"},	      {"null", "none"},
	};
	if (at < ln->ntok)
		for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
			if (tc_tok_is(&ln->tok[at], map[k].name)) {
				st->tset->auth = map[k].canon;
				return 0;
			}
	tc_p_bad(st, at, "unknown ESP integrity");
	return 0;
}

/* ---- IKE ------------------------------------------------------------------------------------ */

/* crypto isakmp identity address|hostname|key-id ID|auto: what the ASA presents (IKEv1 and
 * IKEv2). hostname: hostname.domain-name, completed when the model is finalized; auto (the
 * default): the address with keys, the certificate's DN with certificates. */
static int h_ike_identity(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_ikeid *id = &st->dev->ike_id;
	*id = (tc_ikeid){0};
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "hostname"))
		id->kind = TC_ID_FQDN; /* name NULL: the device's */
	else if (at + 1 < ln->ntok && tc_tok_is(&ln->tok[at], "key-id")) {
		id->kind = TC_ID_KEYID;
		id->name = tc_p_dup(st, ln, at + 1);
	}
	return 0;
}

/* domain-name NAME: completes the FQDN `crypto isakmp identity hostname` presents */
static int h_domain_name(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at < ln->ntok)
		st->dev->domain = tc_p_dup(st, ln, at);
	return 0;
}

static int h_ike_enable(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_iface *f = iface_ref(st, ln, at);
	if (f)
		f->ike = true;
	return 0;
}

static int h_ikev1_policy(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (!tc_p_ikepol_open(st, ln, at, 1, "3des", 2))
		return 0;
	tc_p_push(st, &ikev1_tab, NULL);
	return 0;
}

static int h_ikev2_policy(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (!tc_p_ikepol_open(st, ln, at, 2, "3des", 2))
		return 0;
	tc_p_push(st, &ikev2_tab, NULL);
	return 0;
}

/* ---- tunnel-groups --------------------------------------------------------------------------- */

/* tunnel-group NAME type ipsec-l2l, NAME no address: a site-to-site group
 * the ASA selects by the peer's IKE identity (modelled for IKEv2: ike.c) or a
 * tunnel-group-map, never by the peer's address; remembered for its
 * ipsec-attributes block. */
static int tg_type(tc_pstate *st, const tc_line *ln, size_t at)
{
	const tc_tok *name = &ln->tok[at];
	uint32_t ip;
	if (at + 2 >= ln->ntok || !tc_tok_is(&ln->tok[at + 2], "ipsec-l2l") ||
	    tc_ip_parse(&ip, name->p, name->len) == 0 || tc_tok_is(name, "DefaultL2LGroup"))
		return 0;
	struct tc_l2lname *n = tc_arena_alloc(st->ctx->scratch, sizeof *n);
	char *copy = tc_arena_alloc(st->ctx->scratch, name->len);
	memcpy(copy, name->p, name->len);
	n->name = (tc_tok){copy, name->len};
	n->next = st->l2l_named;
	st->l2l_named = n;
	return 0;
}

static bool tg_l2l_named(const tc_pstate *st, const tc_tok *name)
{
	for (const struct tc_l2lname *n = st->l2l_named; n; n = n->next)
		if (tc_tok_eq(n->name, *name))
			return true;
	return false;
}

static int h_tunnel_group(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* tunnel-group NAME type T | NAME ipsec-attributes | NAME general-attributes ... */
	if (at + 1 >= ln->ntok)
		return TC_ENOTFOUND;
	const tc_tok *what = &ln->tok[at + 1];
	if (tc_tok_is(what, "type"))
		return tg_type(st, ln, at);
	if (tc_tok_is(what, "ipsec-attributes")) {
		memset(&st->tg, 0, sizeof st->tg);
		uint32_t ip;
		const tc_tok *name = &ln->tok[at];
		st->tg.label = tc_p_dup(st, ln, at);
		if (tc_ip_parse(&ip, name->p, name->len) == 0) {
			st->tg.valid = true;
			st->tg.peer = tc_prefix_make(ip, 32);
		} else if (tc_tok_is(name, "DefaultL2LGroup")) {
			st->tg.valid = true;
			st->tg.peer = tc_prefix_make(0, 0);
		} else if (tg_l2l_named(st, name)) {
			st->tg.valid = true; /* its key is kept for peer 0.0.0.0, no address */
			st->tg.peer = tc_prefix_make(0, 32);
			st->tg.name = tc_p_dup(st, ln, at);
		}
		tc_p_push(st, &tg_tab, NULL);
		return 0;
	}
	if (tc_tok_is(what, "general-attributes") || tc_tok_is(what, "webvpn-attributes") ||
	    tc_tok_is(what, "ppp-attributes")) {
		tc_p_push(st, NULL, NULL);
		return 0;
	}
	return TC_ENOTFOUND;
}

/* The key at token at (after an optional type word); false after a report. */
static bool tg_key_digest(tc_pstate *st, const tc_line *ln, size_t at, uint64_t *out)
{
	size_t i = tc_p_skip_key_type(ln, at);
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a key");
		return false;
	}
	if (!st->tg.valid)
		return false; /* remote-access group: not a site-to-site peer */
	*out = tc_p_key_digest(st, &ln->tok[i]);
	return true;
}

uint64_t tc_p_psk_hash(const tc_psk *k)
{
	uint64_t h = tc_hash_u64(((uint64_t)k->peer.addr << 8 | k->peer.len) ^
				 (uint64_t)k->ike_version << 40);
	return k->peer_name ? h ^ tc_hash_str(k->peer_name) : h;
}

/* Two keys for the same peer (address or name) and IKE version. */
bool tc_p_psk_same(const tc_psk *a, const tc_psk *b)
{
	return a->ike_version == b->ike_version && a->peer.addr == b->peer.addr &&
	       a->peer.len == b->peer.len &&
	       (a->peer_name && b->peer_name ? strcmp(a->peer_name, b->peer_name) == 0
					     : a->peer_name == b->peer_name);
}

/* The key a tunnel-group block re-entered (a config script) already gave
 * for version v: the ASA's keys all come from tunnel-groups, so the same
 * peer (or name) and version is the same group's. The first such key of the
 * device, through an index of its keys caught up with the list at each call:
 * a scan per group made 40 000 tunnel-groups quadratic. */
static tc_psk *tg_psk_find(tc_pstate *st, unsigned v)
{
	if (st->psks.dev != st->dev) {
		st->psks.dev = st->dev;
		st->psks.last = NULL;
		st->psks.tab = (tc_pskref_tab){.alloc = tc_arena_alloc_cb, .ctx = st->ctx->scratch};
	}
	for (const tc_psk *k = st->psks.last ? st->psks.last->next : st->dev->psks; k;
	     k = k->next) {
		if (!tc_pskref_tab_find(&st->psks.tab, k)) {
			tc_pskref *r = tc_arena_alloc(st->ctx->scratch, sizeof *r);
			r->k = k;
			tc_pskref_tab_insert(&st->psks.tab, r);
		}
		st->psks.last = k;
	}
	tc_psk want = {.peer = st->tg.peer, .ike_version = v, .peer_name = st->tg.name};
	const tc_pskref *r = tc_pskref_tab_find(&st->psks.tab, &want);
	return r ? (tc_psk *)r->k : NULL;
}

/* The tunnel-group's key for IKE version v, created on first use. */
static tc_psk *tg_psk(tc_pstate *st, unsigned v, uint64_t digest)
{
	tc_psk **k = v == 2 ? &st->tg.v2 : &st->tg.v1;
	bool first = !st->tg.v1 && !st->tg.v2;
	if (!*k && (*k = tg_psk_find(st, v)) != NULL)
		(*k)->line = st->ln->no; /* the key now comes from this line */
	if (!*k) {
		tc_p_psk_add(st, st->tg.peer, digest, st->ln->no);
		*k = st->dev->psks_tail;
		(*k)->ike_version = v;
		(*k)->peer_name = st->tg.name;
		if (st->tg.name && first)
			tc_p_diag(st, 0, TC_SEV_NOTE, "tunnel-group-by-name",
				  "tunnel-group %s is no address: an IKEv2 peer presenting it as "
				  "its identity uses its key; IKEv1 peers and tunnel-group-map "
				  "selection by certificate are not modelled",
				  st->tg.name);
	}
	return *k;
}

static int h_tg_v1_key(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* ikev1 pre-shared-key K (8.4+), pre-shared-key K (before 8.4: IKEv1 only) */
	uint64_t d;
	if (tg_key_digest(st, ln, at, &d))
		tg_psk(st, 1, d)->digest = d;
	return 0;
}

/* ikev2 remote-authentication pre-shared-key K (what the peer presents) or,
 * local, ikev2 local-authentication pre-shared-key K (what this side
 * presents; it stands for both directions until a remote key is given). */
static int tg_v2_key(tc_pstate *st, const tc_line *ln, size_t at, bool local)
{
	uint64_t d;
	if (!tg_key_digest(st, ln, at, &d))
		return 0;
	tc_psk *k = tg_psk(st, 2, d);
	if (local) {
		k->local_digest = d;
		k->has_local_digest = true;
	} else {
		k->digest = d;
		k->line = ln->no;
	}
	return 0;
}

static int h_tg_remote_key(tc_pstate *st, const tc_line *ln, size_t at)
{
	return tg_v2_key(st, ln, at, false);
}

static int h_tg_local_key(tc_pstate *st, const tc_line *ln, size_t at)
{
	return tg_v2_key(st, ln, at, true);
}

/* The tunnel-group's certificate record, created on first use. */
static tc_tgroup *tg_group(tc_pstate *st)
{
	if (!st->tg.group) {
		st->tg.group = tc_tgroup_add(st->m, st->dev, st->tg.label);
		st->tg.group->peer = st->tg.peer;
		st->tg.group->has_peer = st->tg.valid;
		st->tg.group->file = st->file;
		st->tg.group->line = st->ln->no;
	}
	return st->tg.group;
}

static int h_tg_trustpoint(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* ikev1 trust-point TP (8.4+), trust-point TP (before 8.4): the certificate sent */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a trustpoint name");
		return 0;
	}
	tg_group(st)->v1_trustpoint = tc_p_dup(st, ln, at);
	return 0;
}

static int h_tg_remote_cert(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* ikev2 remote-authentication certificate: the peer presents one */
	(void)ln;
	(void)at;
	tg_group(st)->v2.remote |= TC_AUTH_CERTS;
	return 0;
}

static int h_tg_local_cert(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* ikev2 local-authentication certificate TP: this side presents TP's certificate */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a trustpoint name");
		return 0;
	}
	tc_tgroup *g = tg_group(st);
	g->v2.local = TC_AUTH_RSA; /* ASA signs with the trustpoint's key: RSA or ECDSA alike */
	g->v2.trustpoint = tc_p_dup(st, ln, at);
	return 0;
}

/* ---- tables ------------------------------------------------------------------------------- */

static tc_cmd top_cmds[] = {
	{"hostname", tc_h_hostname, 0},
	{"interface", h_interface, 0},
	{"route", h_route, 0},
	{"access-list", h_access_list, 0},
	{"name", h_name, 0},
	{"object network", h_object_network, 0},
	{"object service", h_object_service, 0},
	{"object", h_object_other, 0},
	{"object-group network", h_objgrp_network, 0},
	{"object-group service", h_objgrp_service, 0},
	{"object-group protocol", h_objgrp_protocol, 0},
	{"object-group", h_object_other, 0},
	{"access-group", h_access_group, 0},
	{"nat", tc_h_asa_nat, 0},
	{"static", tc_h_asa_static, 0},
	{"global", tc_h_asa_global, 0},
	{"crypto map", h_crypto_map, 0},
	{"crypto dynamic-map", h_dynmap, 0},
	{"crypto ipsec ikev1 transform-set", h_tset, 0},
	{"crypto ipsec transform-set", h_tset, 0},
	{"crypto ipsec ikev2 ipsec-proposal", h_proposal, 0},
	{"crypto ipsec profile", tc_h_ipsec_profile, 0},
	{"crypto ikev1 enable", h_ike_enable, 0},
	{"crypto isakmp enable", h_ike_enable, 0},
	{"crypto isakmp identity", h_ike_identity, 0},
	{"crypto ikev2 enable", h_ike_enable, 0},
	{"crypto ikev1 policy", h_ikev1_policy, 0},
	{"crypto isakmp policy", h_ikev1_policy, 0},
	{"crypto ikev2 policy", h_ikev2_policy, 0},
	{"tunnel-group", h_tunnel_group, 0},
	/* valid, not modelled: skipped with their sub-lines */
	{"ASA Version", NULL, 0},
	{"PIX Version", NULL, 0},
	{"FWSM Version", NULL, 0},
	{"names", NULL, 0},
	{"crypto ipsec", NULL, 0},
	{"crypto ikev1", NULL, 0},
	{"crypto ikev2", NULL, 0},
	{"crypto isakmp", NULL, 0},
	{"crypto ca trustpoint", tc_h_trustpoint, 0},
	{"crypto ca", NULL, 0},
	{"crypto key", NULL, 0},
	{"crypto engine", NULL, 0},
	{"crypto logging", NULL, 0},
	{"crypto checkpoint", NULL, 0},
	{"banner", NULL, 0},
	{"pager", NULL, 0},
	{"mtu", NULL, 0},
	{"ftp", NULL, 0},
	{"dns", NULL, 0},
	{"dns-guard", NULL, 0},
	{"domain-name", h_domain_name, 0},
	{"enable", NULL, 0},
	{"passwd", NULL, 0},
	{"logging", NULL, 0},
	{"icmp", NULL, 0},
	{"arp", NULL, 0},
	{"timeout", NULL, 0},
	{"user-identity", NULL, 0},
	{"aaa", NULL, 0},
	{"aaa-server", NULL, 0},
	{"http", NULL, 0},
	{"snmp-server", NULL, 0},
	{"telnet", NULL, 0},
	{"ssh", NULL, 0},
	{"console", NULL, 0},
	{"threat-detection", NULL, 0},
	{"ntp", NULL, 0},
	{"dhcpd", NULL, 0},
	{"dhcprelay", NULL, 0},
	{"webvpn", NULL, 0},
	{"group-policy", NULL, 0},
	{"username", NULL, 0},
	{"class-map", NULL, 0},
	{"policy-map", NULL, 0},
	{"service-policy", NULL, 0},
	{"prompt", NULL, 0},
	{"asdm", NULL, 0},
	{"failover", NULL, 0},
	{"monitor-interface", NULL, 0},
	{"same-security-traffic", NULL, 0},
	{"firewall", NULL, 0},
	{"boot", NULL, 0},
	{"license", NULL, 0},
	{"jumbo-frame", NULL, 0},
	{"call-home", NULL, 0},
	{"terminal", NULL, 0},
	{"router", tc_h_router, 0},
	{"route-map", tc_h_route_map, 0},
	{"prefix-list", tc_h_prefix_list, 0},
	{"sysopt", NULL, 0},
	{"tls-proxy", NULL, 0},
	{"mac-address", NULL, 0},
	{"crashinfo", NULL, 0},
	{"ip", NULL, 0},
	{"ipv6", NULL, 0},
	{"tunnel-group-map", NULL, 0},
	{"ssl", NULL, 0},
	{"vpn-sessiondb", NULL, 0},
	{"vpn", NULL, 0},
	{"vpn-addr-assign", NULL, 0},
	{"service", NULL, 0},
	{"dynamic-access-policy-record", NULL, 0},
	{"clock", NULL, 0},
	{"priority-queue", NULL, 0},
	{"xlate", NULL, 0},
	{"mac-address-table", NULL, 0},
	{"resource", NULL, 0},
	{"context", NULL, 0},
	{"tcp-map", NULL, 0},
	{"regex", NULL, 0},
	{"smtp-server", NULL, 0},
	{"dynamic-filter", NULL, 0},
	{"virtual", NULL, 0},
	{"auth-prompt", NULL, 0},
	{"multicast-routing", NULL, 0},
	{"hpm", NULL, 0},
	{"management-access", NULL, 0},
	{"flow-export", NULL, 0},
	{"wccp", NULL, 0},
	{"pim", NULL, 0},
	{"igmp", NULL, 0},
	{"fragment", NULL, 0},
	{"shun", NULL, 0},
	{"tls", NULL, 0},
	{"community-list", NULL, 0},
	{"hardware", NULL, 0},
	{"access-list-alert", NULL, 0},
	{"ca", NULL, 0},
	{"client-update", NULL, 0},
	{"compression", NULL, 0},
	{"cpu", NULL, 0},
	{"dhcp-client", NULL, 0},
	{"dhcpd-server", NULL, 0},
	{"eou", NULL, 0},
	{"established", NULL, 0},
	{"filter", NULL, 0},
	{"fips", NULL, 0},
	{"gtp-map", NULL, 0},
	{"imap4s", NULL, 0},
	{"isakmp", NULL, 0},
	{"ldap", NULL, 0},
	{"object-group-search", NULL, 0},
	{"password-policy", NULL, 0},
	{"pop3s", NULL, 0},
	{"quit", NULL, 0},
	{"rest-api", NULL, 0},
	{"scansafe", NULL, 0},
	{"smtps", NULL, 0},
	{"snmp-map", NULL, 0},
	{"sla", NULL, 0},
	{"time-range", NULL, 0},
	{"track", NULL, 0},
	{"url-block", NULL, 0},
	{"url-cache", NULL, 0},
	{"url-server", NULL, 0},
	{"vpnclient", NULL, 0},
	{"vpnsetup", NULL, 0},
	{"zonelabs-integrity", NULL, 0},
	{"inspect", NULL, 0},
	{"privilege", NULL, 0},
	{"ha-connectivity", NULL, 0},
	{"cluster", NULL, 0},
	{"bgp", NULL, 0},
	{"interface-pair", NULL, 0},
	{"class", NULL, 0},
	{"mode", NULL, 0},
	{"description", NULL, 0},
	{"h323", NULL, 0},
	{"dp", NULL, 0},
	{"checkheaps", NULL, 0},
	{"flow-offload", NULL, 0},
	{"anyconnect-custom-data", NULL, 0},
	{"dynamic-access-policy-config", NULL, 0},
	{"sctp", NULL, 0},
	{"conn", NULL, 0},
	{"mac-learn", NULL, 0},
	{"memory", NULL, 0},
	{"retry", NULL, 0},
	{"secondary", NULL, 0},
	{"opts", NULL, 0},
	{"nve", NULL, 0},
	{"coredump", NULL, 0},
	{"import", NULL, 0},
	{"aggregate-auth", NULL, 0},
	{"pmtu", NULL, 0},
	{"uc-ime", NULL, 0},
	{"phone-proxy", NULL, 0},
	{"media-termination", NULL, 0},
	{"ctl-file", NULL, 0},
	{"cts", NULL, 0},
	{"dhcpv6", NULL, 0},
	{"ipsec", NULL, 0},
	{"flow-sync", NULL, 0},
	{"site-id", NULL, 0},
	{"object-group-user", NULL, 0},
	{"webtype", NULL, 0},
	{"policy-list", NULL, 0},
	{"as-path", NULL, 0},
	{"command-alias", NULL, 0},
};

static tc_cmd iface_cmds[] = {
	{"nameif", h_nameif, 0},
	{"no nameif", h_no_nameif, 0},
	{"ip address", tc_h_iface_ip_address, 0},
	{"no ip address", tc_h_iface_no_ip_address, 0},
	{"shutdown", tc_h_iface_shutdown, 0},
	{"no shutdown", tc_h_iface_no_shutdown, 0},
	{"description", tc_h_iface_description, 0},
	{"exit", tc_h_exit, 0},
	{"security-level", h_security_level, 0},
	{"vlan", tc_h_iface_vlan, 0},
	{"tunnel", tc_h_tunnel, 0},
	{"speed", NULL, 0},
	{"duplex", NULL, 0},
	{"management-only", NULL, 0},
	{"channel-group", NULL, 0},
	{"member-interface", NULL, 0},
	{"ipv6", NULL, 0},
	{"ospf", tc_h_iface_ospf, 0},
	{"pppoe", NULL, 0},
	{"igmp", NULL, 0},
	{"pim", NULL, 0},
	{"multicast", NULL, 0},
	{"delay", tc_h_iface_delay, 0},
	{"mac-address", NULL, 0},
	{"bridge-group", NULL, 0},
	{"nve-only", NULL, 0},
	{"lacp", NULL, 0},
	{"flowcontrol", NULL, 0},
	{"mtu", NULL, 0},
	{"authentication", NULL, 0},
	{"eigrp", NULL, 0},
	{"rip", NULL, 0},
	{"ip verify", NULL, 0},
	{"ip local-proxy-arp", NULL, 0},
	{"zone-member", NULL, 0},
	{"port-channel", NULL, 0},
	{"redundant-interface", NULL, 0},
	{"policy-route", NULL, 0},
	{"policy-route route-map", tc_h_iface_pbr, 0},
	{"summary-address eigrp", tc_h_iface_summary_eigrp, 0},
	{"hello-interval", NULL, 0}, /* EIGRP timers and split horizon */
	{"hold-time", NULL, 0},
	{"split-horizon", NULL, 0},
	{"bfd", NULL, 0},
	{"dhcp", NULL, 0},
	{"dhcprelay", NULL, 0},
	{"vrf", NULL, 0},
	{"negotiation", NULL, 0},
	{"media-type", NULL, 0},
	{"mode", NULL, 0},
	{"nameif-management", NULL, 0},
	{"shape", NULL, 0},
	{"ddns", NULL, 0},
	{"switchport", NULL, 0},
};

static tc_cmd cmap_cmds[] = {
	{"match address", tc_h_entry_match_address, 0},
	{"set peer", h_cm_peer, 0},
	{"set ikev1 transform-set", h_cm_ikev1_tset, 0},
	{"set transform-set", h_cm_ikev1_tset, 0},
	{"set ikev2 ipsec-proposal", h_cm_ikev2_proposal, 0},
	{"set pfs", tc_h_entry_pfs, 0},
	{"set connection-type", h_cm_conn_type, 0},
	{"ipsec-isakmp dynamic", h_cm_dynamic, 0},
	{"set security-association lifetime", tc_h_entry_lifetime, 0},
	{"set reverse-route", tc_h_entry_rri, 0},
	{"set nat-t-disable", h_cm_nat_t_disable, 0},
	{"ipsec-manual", NULL, 0},
	{"set security-association", NULL, 0},
	{"set ikev1 phase1-mode", NULL, 0},
	{"set ikev2 pre-shared-key", NULL, 0},
	{"set ikev2 mode", NULL, 0},
	{"set ikev2 local-authentication", NULL, 0},
	{"set ikev2 remote-authentication", NULL, 0},
	{"set inheritance", NULL, 0},
	{"set trustpoint", NULL, 0},
	{"set validate-icmp-errors", NULL, 0},
	{"set df-bit", NULL, 0},
	{"set tfc-packets", NULL, 0},
	{"set phase1-mode", NULL, 0},
	{"set ikev2 route", NULL, 0},
};

static tc_cmd obj_cmds[] = {
	{"host", h_obj_host, 0}, {"subnet", h_obj_subnet, 0},  {"range", h_obj_range, 0},
	{"fqdn", h_obj_fqdn, 0}, {"nat", tc_h_asa_obj_nat, 0}, {"description", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd objgrp_cmds[] = {
	{"network-object", tc_h_og_netobj, 0},
	{"group-object", tc_h_og_group, 0},
	{"description", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd objsvc_cmds[] = {
	{"service", h_obj_service, 0},
	{"description", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd svcgrp_cmds[] = {
	{"service-object", h_svc_object, 0},
	{"port-object", h_port_object, 0},
	{"group-object", tc_h_og_group, 0},
	{"description", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd protogrp_cmds[] = {
	{"protocol-object", h_protocol_object, 0},
	{"group-object", tc_h_og_group, 0},
	{"description", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd proposal_cmds[] = {
	{"protocol esp encryption", h_prop_encryption, 0},
	{"protocol esp integrity", h_prop_integrity, 0},
	{"protocol ah", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd ikev1_cmds[] = {
	{"authentication", tc_h_ikepol_auth, 0}, {"encryption", tc_h_ikepol_encryption, 0},
	{"hash", tc_h_ikepol_hash, 0},		 {"group", tc_h_ikepol_group, 0},
	{"lifetime", tc_h_ikepol_lifetime, 0},	 {"exit", tc_h_exit, 0},
};

static tc_cmd ikev2_cmds[] = {
	{"encryption", tc_h_ikev2_encryption, 0},
	{"integrity", tc_h_ikev2_integrity, 0},
	{"group", tc_h_ikev2_group, 0},
	{"lifetime", tc_h_ikepol_lifetime, 0},
	{"prf", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd tg_cmds[] = {
	{"ikev1 pre-shared-key", h_tg_v1_key, 0},
	{"pre-shared-key", h_tg_v1_key, 0},
	{"ikev2 remote-authentication pre-shared-key", h_tg_remote_key, 0},
	{"ikev2 local-authentication pre-shared-key", h_tg_local_key, 0},
	{"ikev1 client-update", NULL, 0},
	{"client-update", NULL, 0},
	{"radius-with-expiry", NULL, 0},
	{"ikev1 radius-sdi-xauth", NULL, 0},
	{"ikev2 rsa-sig-hash", NULL, 0},
	{"ikev2 remote-authentication certificate", h_tg_remote_cert, 0},
	{"ikev2 local-authentication certificate", h_tg_local_cert, 0},
	{"ikev2 remote-authentication", NULL, 0},
	{"ikev2 local-authentication", NULL, 0},
	{"ikev1 trust-point", h_tg_trustpoint, 0},
	{"ikev1 user-authentication", NULL, 0},
	{"isakmp keepalive", NULL, 0},
	{"isakmp ikev1-user-authentication", NULL, 0},
	{"peer-id-validate", NULL, 0},
	{"chain", NULL, 0},
	{"trust-point", h_tg_trustpoint, 0},
	{"authorization-required", NULL, 0},
	{"radius-sdi-xauth", NULL, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmdtab top_tab = TC_CMDTAB("top level", top_cmds);
static tc_cmdtab iface_tab = TC_CMDTAB("interface", iface_cmds);
static tc_cmdtab cmap_tab = TC_CMDTAB("crypto map", cmap_cmds);
static tc_cmdtab obj_tab = TC_CMDTAB("object network", obj_cmds);
static tc_cmdtab objgrp_tab = TC_CMDTAB("object-group network", objgrp_cmds);
static tc_cmdtab proposal_tab = TC_CMDTAB("ipsec-proposal", proposal_cmds);
static tc_cmdtab ikev1_tab = TC_CMDTAB("crypto ikev1 policy", ikev1_cmds);
static tc_cmdtab ikev2_tab = TC_CMDTAB("crypto ikev2 policy", ikev2_cmds);
static tc_cmdtab tg_tab = TC_CMDTAB("tunnel-group ipsec-attributes", tg_cmds);
static tc_cmdtab objsvc_tab = TC_CMDTAB("object service", objsvc_cmds);
static tc_cmdtab svcgrp_tab = TC_CMDTAB("object-group service", svcgrp_cmds);
static tc_cmdtab protogrp_tab = TC_CMDTAB("object-group protocol", protogrp_cmds);

int tc_asa_prepare(void)
{
	tc_cmdtab *tabs[] = {&top_tab,	  &iface_tab,	 &cmap_tab,   &obj_tab,
			     &objgrp_tab, &proposal_tab, &ikev1_tab,  &ikev2_tab,
			     &tg_tab,	  &objsvc_tab,	 &svcgrp_tab, &protogrp_tab};
	for (size_t k = 0; k < sizeof tabs / sizeof tabs[0]; k++)
		if (tc_cmdtab_prepare(tabs[k]) != 0)
			return TC_ENOMEM;
	return 0;
}

const tc_dialect_ops tc_asa_ops = {
	.dialect = TC_DIALECT_ASA,
	.top = &top_tab,
	.other = &tc_ios_ops,
	.pfs_default = 2, /* the ASA's bare `set pfs` is group 2 */
	.acl_addr = asa_acl_addr,
	.std_addr = asa_std_addr,
	.net_masks = true,
};
