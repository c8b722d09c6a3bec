/* common.c: grammar both dialects share: addresses, objects, ACL lines, crypto pieces.
 *
 * The dialect files (ios.c, asa.c) own the command tables and the line
 * shapes that differ; what both dialects spell the same way lives here. */
#include "parser_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- small helpers ---------------------------------------------------------- */

char *tc_p_dup(tc_pstate *st, const tc_line *ln, size_t i)
{
	return tc_arena_strndup(st->m->arena, ln->tok[i].p, ln->tok[i].len);
}

char *tc_p_rest(tc_pstate *st, const tc_line *ln, size_t i)
{
	if (i >= ln->ntok)
		return tc_arena_strdup(st->m->arena, "");
	const char *s = ln->tok[i].p;
	return tc_arena_strndup(st->m->arena, s, (size_t)(ln->p + ln->len - s));
}

static unsigned hash_tok(const tc_tok *t, unsigned buckets)
{
	return (unsigned)(tc_secret_digest(t->p, t->len) % buckets);
}

static bool name_eq(const char *name, const tc_tok *t)
{
	return strlen(name) == t->len && memcmp(name, t->p, t->len) == 0;
}

void tc_alias_add(tc_pstate *st, const tc_tok *name, uint32_t addr)
{
	unsigned h = hash_tok(name, TC_ALIAS_BUCKETS);
	for (tc_alias *a = st->aliases[h]; a; a = a->next)
		if (name_eq(a->name, name)) {
			a->addr = addr;
			return;
		}
	tc_alias *a = tc_arena_alloc(st->ctx->scratch, sizeof *a);
	a->name = tc_arena_strndup(st->ctx->scratch, name->p, name->len);
	a->addr = addr;
	a->next = st->aliases[h];
	st->aliases[h] = a;
}

bool tc_p_ip(tc_pstate *st, const tc_tok *t, uint32_t *out)
{
	if (tc_ip_parse(out, t->p, t->len) == 0)
		return true;
	for (tc_alias *a = st->aliases[hash_tok(t, TC_ALIAS_BUCKETS)]; a; a = a->next)
		if (name_eq(a->name, t)) {
			*out = a->addr;
			return true;
		}
	return false;
}

bool tc_p_netmask(tc_pstate *st, const tc_line *ln, size_t i, tc_prefix *out)
{
	uint32_t ip, mask;
	uint8_t len;
	if (i >= ln->ntok || !tc_p_ip(st, &ln->tok[i], &ip)) {
		tc_p_bad(st, i, "expected an IPv4 address");
		return false;
	}
	if (i + 1 >= ln->ntok || tc_ip_parse(&mask, ln->tok[i + 1].p, ln->tok[i + 1].len) != 0) {
		tc_p_bad(st, i + 1, "expected a netmask");
		return false;
	}
	if (tc_mask_to_len(&len, mask) != 0) {
		tc_p_bad(st, i + 1, "netmask is not contiguous");
		return false;
	}
	*out = tc_prefix_make(ip, len);
	return true;
}

/* ---- objects and object-groups ------------------------------------------------ */

tc_pobj *tc_obj_find(tc_pstate *st, const tc_tok *name)
{
	for (tc_pobj *o = st->objs[hash_tok(name, TC_OBJ_BUCKETS)]; o; o = o->next)
		if (name_eq(o->name, name))
			return o;
	return NULL;
}

tc_pobj *tc_obj_get(tc_pstate *st, const tc_tok *name, unsigned kind)
{
	tc_pobj *o = tc_obj_find(st, name);
	if (o && o->kind == kind)
		return o;
	/* new, or redefined with another kind: the newest definition shadows */
	unsigned h = hash_tok(name, TC_OBJ_BUCKETS);
	o = tc_arena_alloc(st->ctx->scratch, sizeof *o);
	o->name = tc_arena_strndup(st->ctx->scratch, name->p, name->len);
	o->kind = kind;
	o->line = st->ln->no;
	o->next = st->objs[h];
	st->objs[h] = o;
	return o;
}

void tc_obj_add(tc_pstate *st, tc_pobj *o, tc_prefix p)
{
	if (o->n <= 4096) /* nested groups may repeat members; keep each once */
		for (size_t k = 0; k < o->n; k++)
			if (tc_prefix_cmp(o->v[k], p) == 0)
				return;
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 4;
		tc_prefix *v = tc_arena_alloc(st->ctx->scratch, cap * sizeof *v);
		if (o->n)
			memcpy(v, o->v, o->n * sizeof *v);
		o->v = v;
		o->cap = cap;
	}
	o->v[o->n++] = p;
}

bool tc_obj_add_range(tc_pstate *st, tc_pobj *o, uint32_t lo, uint32_t hi)
{
	tc_prefix tmp[TC_MAX_RANGE_PFX];
	size_t n = 0;
	uint64_t l = lo, h = hi;
	while (l <= h) {
		unsigned bits = 0;
		while (bits < 32) {
			uint64_t sz = 1ull << (bits + 1);
			if ((l & (sz - 1)) != 0 || l + sz - 1 > h)
				break;
			bits++;
		}
		if (n == TC_MAX_RANGE_PFX)
			return false;
		tmp[n++] = tc_prefix_make((uint32_t)l, (uint8_t)(32 - bits));
		l += 1ull << bits;
	}
	for (size_t k = 0; k < n; k++)
		tc_obj_add(st, o, tmp[k]);
	return true;
}

static const char *kind_name(unsigned kind)
{
	switch (kind) {
	case TC_OBJ_NET:
		return "network object";
	case TC_OBJ_NETGRP:
		return "network object-group";
	case TC_OBJ_SVC:
		return "service object";
	case TC_OBJ_SVCGRP:
		return "service object-group";
	default:
		return "object-group of another type";
	}
}

int tc_p_objref(tc_pstate *st, const tc_line *ln, size_t i, bool group, tc_aset *out)
{
	if (i + 1 >= ln->ntok) {
		tc_p_bad(st, i + 1, "expected an object name");
		return TC_EPARSE;
	}
	const tc_tok *name = &ln->tok[i + 1];
	char nm[128];
	tc_tok_str(nm, sizeof nm, name);
	unsigned want = group ? TC_OBJ_NETGRP : TC_OBJ_NET;
	tc_pobj *o = tc_obj_find(st, name);
	if (!o) {
		tc_p_diag(st, i + 1, TC_SEV_ERROR, "undefined-object",
			  "%s %s is not defined; line skipped", group ? "object-group" : "object",
			  nm);
		return TC_EPARSE;
	}
	if (o->kind != want) {
		tc_p_diag(st, i + 1, TC_SEV_ERROR, "undefined-object",
			  "%s is a %s, not a %s; line skipped", nm, kind_name(o->kind),
			  kind_name(want));
		return TC_EPARSE;
	}
	if (o->n == 0) {
		if (o->unmodelled)
			tc_p_diag(st, i + 1, TC_SEV_WARNING, "unsupported",
				  "%s has no IPv4 address tunnelcast can model; line skipped", nm);
		else
			tc_p_diag(st, i + 1, TC_SEV_NOTE, "empty-object",
				  "%s holds no IPv4 address; line skipped", nm);
		return TC_EPARSE;
	}
	out->v = o->v;
	out->n = o->n;
	return 0;
}

static bool tok_v6(const tc_tok *t)
{
	return memchr(t->p, ':', t->len) != NULL;
}

static void include_obj(tc_pstate *st, const tc_line *ln, size_t i, unsigned kind)
{
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected an object name");
		return;
	}
	tc_pobj *o = tc_obj_find(st, &ln->tok[i]);
	if (!o || o->kind != kind) {
		char nm[128];
		tc_p_diag(st, i, TC_SEV_ERROR, "undefined-object",
			  "%s %s is not defined; member skipped",
			  kind == TC_OBJ_NET ? "network object" : "network object-group",
			  tc_tok_str(nm, sizeof nm, &ln->tok[i]));
		return;
	}
	if (o == st->obj)
		return;
	for (size_t k = 0; k < o->n; k++)
		tc_obj_add(st, st->obj, o->v[k]);
	st->obj->unmodelled |= o->unmodelled;
}

int tc_h_og_netobj(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* network-object host A | A MASK | object NAME | IPv6 */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a network object");
		return 0;
	}
	const tc_tok *t = &ln->tok[at];
	if (tc_tok_is(t, "object")) {
		include_obj(st, ln, at + 1, TC_OBJ_NET);
		return 0;
	}
	if (tok_v6(t) || (tc_tok_is(t, "host") && at + 1 < ln->ntok && tok_v6(&ln->tok[at + 1])))
		return 0;
	tc_prefix p;
	uint32_t ip;
	if (tc_tok_is(t, "host")) {
		if (at + 1 >= ln->ntok || !tc_p_ip(st, &ln->tok[at + 1], &ip)) {
			tc_p_bad(st, at + 1, "expected a host address");
			return 0;
		}
		p = tc_prefix_make(ip, 32);
	} else if (!tc_p_netmask(st, ln, at, &p)) {
		return 0;
	}
	tc_obj_add(st, st->obj, p);
	return 0;
}

int tc_h_og_group(tc_pstate *st, const tc_line *ln, size_t at)
{
	include_obj(st, ln, at, TC_OBJ_NETGRP);
	return 0;
}

/* ---- ACL lines -------------------------------------------------------------- */

typedef struct prange {
	uint16_t lo, hi;
} prange;

typedef struct pset {
	prange v[TC_MAX_PORTS];
	size_t n;
} pset;

static const struct {
	const char *name;
	uint16_t port;
} port_names[] = {
	{"aol", 5190},
	{"bgp", 179},
	{"biff", 512},
	{"bootpc", 68},
	{"bootps", 67},
	{"chargen", 19},
	{"cifs", 3020},
	{"citrix-ica", 1494},
	{"cmd", 514},
	{"ctiqbe", 2748},
	{"daytime", 13},
	{"discard", 9},
	{"dnsix", 195},
	{"domain", 53},
	{"drip", 3949},
	{"echo", 7},
	{"exec", 512},
	{"finger", 79},
	{"ftp", 21},
	{"ftp-data", 20},
	{"gopher", 70},
	{"h323", 1720},
	{"hostname", 101},
	{"http", 80},
	{"https", 443},
	{"ident", 113},
	{"imap4", 143},
	{"irc", 194},
	{"isakmp", 500},
	{"kerberos", 750},
	{"klogin", 543},
	{"kshell", 544},
	{"ldap", 389},
	{"ldaps", 636},
	{"login", 513},
	{"lotusnotes", 1352},
	{"lpd", 515},
	{"mobile-ip", 434},
	{"nameserver", 42},
	{"netbios-dgm", 138},
	{"netbios-ns", 137},
	{"netbios-ss", 139},
	{"netbios-ssn", 139},
	{"nfs", 2049},
	{"nntp", 119},
	{"non500-isakmp", 4500},
	{"ntp", 123},
	{"pcanywhere-data", 5631},
	{"pcanywhere-status", 5632},
	{"pim-auto-rp", 496},
	{"pop2", 109},
	{"pop3", 110},
	{"pptp", 1723},
	{"radius", 1645},
	{"radius-acct", 1646},
	{"rip", 520},
	{"rsh", 514},
	{"rtsp", 554},
	{"secureid-udp", 5510},
	{"sip", 5060},
	{"smtp", 25},
	{"snmp", 161},
	{"snmptrap", 162},
	{"sqlnet", 1521},
	{"ssh", 22},
	{"sunrpc", 111},
	{"syslog", 514},
	{"tacacs", 49},
	{"talk", 517},
	{"telnet", 23},
	{"tftp", 69},
	{"time", 37},
	{"uucp", 540},
	{"vxlan", 4789},
	{"who", 513},
	{"whois", 43},
	{"www", 80},
	{"xdmcp", 177},
};

static bool port_value(const tc_tok *t, uint16_t *out)
{
	unsigned v;
	if (tc_tok_uint(t, 65535, &v)) {
		*out = (uint16_t)v;
		return true;
	}
	for (size_t k = 0; k < sizeof port_names / sizeof port_names[0]; k++)
		if (tc_tok_is(t, port_names[k].name)) {
			*out = port_names[k].port;
			return true;
		}
	return false;
}

static const struct {
	const char *name;
	uint8_t num;
} proto_names[] = {
	{"ip", 0},
	{"icmp", 1},
	{"igmp", 2},
	{"ipinip", 4},
	{"tcp", 6},
	{"igrp", 9},
	{"udp", 17},
	{"gre", 47},
	{"pptp", 47},
	{"esp", 50},
	{"ipsec", 50},
	{"ahp", 51},
	{"ah", 51},
	{"icmp6", 58},
	{"eigrp", 88},
	{"ospf", 89},
	{"nos", 94},
	{"pim", 103},
	{"pcp", 108},
	{"snp", 109},
	{"sctp", 132},
};

static bool proto_value(const tc_tok *t, uint8_t *out)
{
	unsigned v;
	if (tc_tok_uint(t, 255, &v)) {
		*out = (uint8_t)v;
		return true;
	}
	for (size_t k = 0; k < sizeof proto_names / sizeof proto_names[0]; k++)
		if (tc_tok_is(t, proto_names[k].name)) {
			*out = proto_names[k].num;
			return true;
		}
	return false;
}

static bool has_ports(uint8_t proto)
{
	return proto == TC_PROTO_TCP || proto == TC_PROTO_UDP || proto == 132;
}

/* An optional port operator at *i. 0 (ps filled: full range when there is
 * none) or TC_EPARSE (reported). */
static int parse_ports(tc_pstate *st, const tc_line *ln, size_t *i, pset *ps)
{
	ps->n = 1;
	ps->v[0].lo = 0;
	ps->v[0].hi = 65535;
	if (*i >= ln->ntok)
		return 0;
	const tc_tok *op = &ln->tok[*i];
	uint16_t a, b;
	bool eq = tc_tok_is(op, "eq"), neq = tc_tok_is(op, "neq"), lt = tc_tok_is(op, "lt"),
	     gt = tc_tok_is(op, "gt"), range = tc_tok_is(op, "range");
	if (!eq && !neq && !lt && !gt && !range)
		return 0;
	if (*i + 1 >= ln->ntok || !port_value(&ln->tok[*i + 1], &a)) {
		tc_p_bad(st, *i + 1, "expected a port number or name");
		return TC_EPARSE;
	}
	if (eq) {
		ps->n = 0;
		size_t j = *i + 1;
		while (j < ln->ntok && ps->n < TC_MAX_PORTS && port_value(&ln->tok[j], &a)) {
			ps->v[ps->n].lo = ps->v[ps->n].hi = a;
			ps->n++;
			j++;
		}
		*i = j;
		return 0;
	}
	if (range) {
		if (*i + 2 >= ln->ntok || !port_value(&ln->tok[*i + 2], &b) || b < a) {
			tc_p_bad(st, *i + 2, "expected the upper port of the range");
			return TC_EPARSE;
		}
		ps->v[0].lo = a;
		ps->v[0].hi = b;
		*i += 3;
		return 0;
	}
	if ((lt && a == 0) || (gt && a == 65535)) {
		tc_p_bad(st, *i + 1, "port operator matches no port");
		return TC_EPARSE;
	}
	if (lt)
		ps->v[0].hi = (uint16_t)(a - 1);
	else if (gt)
		ps->v[0].lo = (uint16_t)(a + 1);
	else
		tc_p_diag(st, *i, TC_SEV_NOTE, "approximation",
			  "neq is modelled as any port");
	*i += 2;
	return 0;
}

/* ASA `object-group SVC` in a port position: a service group, modelled as
 * any port. True when it was one (and *i moved past it). */
static bool service_group_ports(tc_pstate *st, const tc_line *ln, size_t *i, pset *ps)
{
	if (*i + 1 >= ln->ntok || !tc_tok_is(&ln->tok[*i], "object-group"))
		return false;
	tc_pobj *o = tc_obj_find(st, &ln->tok[*i + 1]);
	if (!o || (o->kind != TC_OBJ_SVCGRP && o->kind != TC_OBJ_SVC))
		return false;
	tc_p_diag(st, *i + 1, TC_SEV_NOTE, "approximation",
		  "service object-group ports are modelled as any port");
	ps->n = 1;
	ps->v[0].lo = 0;
	ps->v[0].hi = 65535;
	*i += 2;
	return true;
}

/* Trailing options: "inactive" disables the line; the rest is accepted. */
static const char *const opt_flags[] = {
	"established", "fragments", "match-any", "match-all", "ack", "fin", "psh", "rst",
	"syn", "urg", "+ack", "+fin", "+psh", "+rst", "+syn", "+urg", "-ack", "-fin",
	"-psh", "-rst", "-syn", "-urg", "counter", NULL,
};
static const char *const opt_with_arg[] = {
	"time-range", "precedence", "tos", "dscp", "option", "reflect", "timeout", "sequence", NULL,
};

static bool tok_in(const tc_tok *t, const char *const *list)
{
	for (; *list; list++)
		if (tc_tok_is(t, *list))
			return true;
	return false;
}

/* 0: keep the line; TC_ENOTFOUND: inactive, skip it. */
static int ace_options(tc_pstate *st, const tc_line *ln, size_t i, uint8_t proto)
{
	bool any_ok = proto == TC_PROTO_ICMP || proto == 58; /* icmp type / code / message */
	bool warned = false;
	for (size_t j = i; j < ln->ntok; j++) {
		const tc_tok *t = &ln->tok[j];
		if (tc_tok_is(t, "inactive")) {
			tc_p_diag(st, j, TC_SEV_NOTE, "inactive", "inactive ACL line skipped");
			return TC_ENOTFOUND;
		}
		if (tc_tok_is(t, "log") || tc_tok_is(t, "log-input"))
			any_ok = true; /* log level / interval / cookie follow */
		else if (tok_in(t, opt_with_arg))
			j++;
		else if (tc_tok_is(t, "ttl"))
			j += 2;
		else if (!any_ok && !tok_in(t, opt_flags) && !warned) {
			tc_p_diag(st, j, TC_SEV_WARNING, "unknown-option",
				  "unknown ACL option ignored; the line is kept");
			warned = true;
		}
	}
	return 0;
}

int tc_p_ace(tc_pstate *st, const tc_line *ln, size_t i, const char *acl_name)
{
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected permit, deny or remark");
		return 0;
	}
	const tc_tok *act = &ln->tok[i];
	if (tc_tok_is(act, "remark"))
		return 0;
	if (tc_tok_is(act, "dynamic") || tc_tok_is(act, "evaluate")) {
		tc_p_diag(st, i, TC_SEV_NOTE, "unsupported",
			  "dynamic and reflexive ACL lines are not modelled; line skipped");
		return 0;
	}
	bool permit = tc_tok_is(act, "permit");
	if (!permit && !tc_tok_is(act, "deny")) {
		tc_p_bad(st, i, "expected permit, deny or remark");
		return 0;
	}
	tc_acl *acl = tc_acl_get(st->m, st->dev, acl_name);
	if (!acl->file) {
		acl->file = st->file;
		acl->line = ln->no;
	}
	i++;
	uint8_t proto;
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a protocol");
		return 0;
	}
	if (tc_tok_is(&ln->tok[i], "object-group") || tc_tok_is(&ln->tok[i], "object")) {
		tc_p_diag(st, i, TC_SEV_WARNING, "unsupported",
			  "service objects as the protocol are not modelled; line skipped");
		return 0;
	}
	if (!proto_value(&ln->tok[i], &proto)) {
		tc_p_bad(st, i, "unknown protocol");
		return 0;
	}
	i++;
	tc_aset src, dst;
	pset sp, dp;
	if (st->ops->acl_addr(st, ln, &i, &src) != 0)
		return 0;
	if (!(has_ports(proto) && service_group_ports(st, ln, &i, &sp)) &&
	    parse_ports(st, ln, &i, &sp) != 0)
		return 0;
	if (!has_ports(proto) && (sp.v[0].lo != 0 || sp.v[0].hi != 65535 || sp.n != 1)) {
		tc_p_bad(st, i - 1, "ports are only valid for tcp, udp and sctp");
		return 0;
	}
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a destination address");
		return 0;
	}
	if (st->ops->acl_addr(st, ln, &i, &dst) != 0)
		return 0;
	if (!(has_ports(proto) && service_group_ports(st, ln, &i, &dp)) &&
	    parse_ports(st, ln, &i, &dp) != 0)
		return 0;
	if (!has_ports(proto) && (dp.v[0].lo != 0 || dp.v[0].hi != 65535 || dp.n != 1)) {
		tc_p_bad(st, i - 1, "ports are only valid for tcp, udp and sctp");
		return 0;
	}
	if (ace_options(st, ln, i, proto) != 0)
		return 0;

	/* one ACE per combination, all on this line */
	size_t made = 0;
	bool capped = false;
	for (size_t a = 0; a < src.n && !capped; a++)
		for (size_t b = 0; b < sp.n && !capped; b++)
			for (size_t c = 0; c < dst.n && !capped; c++)
				for (size_t d = 0; d < dp.n && !capped; d++) {
					if (made == TC_MAX_EXPAND) {
						capped = true;
						break;
					}
					tc_ace *e = tc_ace_add(st->m, acl);
					e->permit = permit;
					e->proto = proto;
					e->src = src.v[a];
					e->dst = dst.v[c];
					e->sport_lo = sp.v[b].lo;
					e->sport_hi = sp.v[b].hi;
					e->dport_lo = dp.v[d].lo;
					e->dport_hi = dp.v[d].hi;
					e->file = st->file;
					e->line = ln->no;
					made++;
				}
	if (capped)
		tc_p_diag(st, SIZE_MAX, TC_SEV_WARNING, "expansion-limit",
			  "object-group expansion stopped at %u ACL entries",
			  (unsigned)TC_MAX_EXPAND);
	return 0;
}

int tc_h_acl_sub(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	size_t i = 0;
	unsigned seq;
	if (i < ln->ntok && tc_tok_uint(&ln->tok[i], 2147483647u, &seq))
		i++; /* sequence number */
	tc_p_ace(st, ln, i, st->acl->name);
	return 0;
}

/* ---- interfaces --------------------------------------------------------------- */

tc_iface *tc_p_iface_open(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an interface name");
		return NULL;
	}
	char name[256];
	tc_tok_str(name, sizeof name, &ln->tok[at]);
	/* "interface GigabitEthernet 0/1" is the same as GigabitEthernet0/1 */
	if (at + 1 < ln->ntok && ln->tok[at + 1].p[0] >= '0' && ln->tok[at + 1].p[0] <= '9') {
		size_t k = strlen(name);
		snprintf(name + k, sizeof name - k, "%.*s", (int)ln->tok[at + 1].len,
			 ln->tok[at + 1].p);
	}
	tc_iface *i = NULL;
	for (tc_iface *x = st->dev->ifaces; x; x = x->next)
		if (strcmp(x->name, name) == 0)
			i = x;
	if (!i) {
		i = tc_iface_add(st->m, st->dev, name);
		i->file = st->file;
		i->line = ln->no;
	}
	st->iface = i;
	return i;
}

void tc_p_iface_addr(tc_pstate *st, const tc_line *ln, size_t i)
{
	tc_iface *f = st->iface;
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected an address");
		return;
	}
	const tc_tok *a = &ln->tok[i];
	if (tc_tok_is(a, "dhcp") || tc_tok_is(a, "negotiated") || tc_tok_is(a, "pppoe") ||
	    tc_tok_is(a, "pool") || tc_tok_is(a, "autoconfig")) {
		f->has_addr = false;
		tc_p_diag(st, i, TC_SEV_NOTE, "dynamic-address",
			  "dynamically assigned address is not known; interface has no address");
		return;
	}
	for (size_t k = i + 2; k < ln->ntok; k++)
		if (tc_tok_is(&ln->tok[k], "secondary"))
			return; /* secondary addresses are not modelled */
	tc_prefix p;
	uint32_t ip;
	if (!tc_p_netmask(st, ln, i, &p))
		return;
	tc_p_ip(st, a, &ip);
	f->addr = ip;
	f->plen = p.len;
	f->has_addr = true;
}

int tc_h_iface_ip_address(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_p_iface_addr(st, ln, at);
	return 0;
}

int tc_h_iface_description(tc_pstate *st, const tc_line *ln, size_t at)
{
	st->iface->description = tc_p_rest(st, ln, at);
	return 0;
}

int tc_h_iface_shutdown(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	st->iface->shutdown = true;
	return 0;
}

int tc_h_iface_no_shutdown(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	st->iface->shutdown = false;
	return 0;
}

int tc_h_iface_no_ip_address(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	st->iface->has_addr = false;
	return 0;
}

/* ---- crypto map entries ------------------------------------------------------------ */

tc_entry *tc_p_entry(tc_pstate *st, const tc_line *ln, size_t i)
{
	unsigned seq;
	if (i + 1 >= ln->ntok || !tc_tok_uint(&ln->tok[i + 1], 65535, &seq)) {
		tc_p_bad(st, i + 1, "expected a sequence number");
		return NULL;
	}
	char map[256];
	tc_tok_str(map, sizeof map, &ln->tok[i]);
	tc_entry *e = tc_entry_get(st->m, st->dev, map, seq);
	if (!e->file) {
		e->file = st->file;
		e->line = ln->no;
	}
	return e;
}

void tc_p_entry_peers(tc_pstate *st, const tc_line *ln, size_t i, tc_entry *e)
{
	for (; i < ln->ntok; i++) {
		const tc_tok *t = &ln->tok[i];
		uint32_t ip;
		if (!tc_p_ip(st, t, &ip)) {
			tc_p_diag(st, i, TC_SEV_WARNING, "unresolved-peer",
				  "peer is not an IPv4 address (a hostname?); peer skipped");
			continue;
		}
		bool dup = false;
		for (unsigned k = 0; k < e->npeers; k++)
			dup |= e->peers[k] == ip;
		if (dup) {
			tc_p_diag(st, i, TC_SEV_WARNING, "duplicate-peer",
				  "peer is already listed in this entry; skipped");
			continue;
		}
		if (e->npeers == TC_MAX_PEERS) {
			tc_p_diag(st, i, TC_SEV_WARNING, "too-many-peers",
				  "more than %d peers; the rest are ignored", TC_MAX_PEERS);
			return;
		}
		e->peers[e->npeers++] = ip;
	}
}

void tc_p_entry_tsets(tc_pstate *st, const tc_line *ln, size_t i, tc_entry *e)
{
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a transform set name");
		return;
	}
	e->ntsets = 0;
	for (; i < ln->ntok; i++) {
		if (e->ntsets == TC_MAX_TSETS) {
			tc_p_diag(st, i, TC_SEV_WARNING, "too-many-transform-sets",
				  "more than %d transform sets; the rest are ignored",
				  TC_MAX_TSETS);
			return;
		}
		e->tset_names[e->ntsets] = tc_p_dup(st, ln, i);
		e->tsets[e->ntsets] = NULL;
		e->ntsets++;
	}
}

int tc_h_entry_match_address(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an access list name");
		return 0;
	}
	st->entry->acl_name = tc_p_dup(st, ln, at);
	return 0;
}

unsigned tc_p_dh_group(const tc_tok *t)
{
	tc_tok n = *t;
	if (n.len > 5 && strncasecmp(n.p, "group", 5) == 0) {
		n.p += 5;
		n.len -= 5;
	}
	unsigned g;
	if (!tc_tok_uint(&n, 32, &g))
		return 0;
	return g;
}

void tc_p_dynmap_note(tc_pstate *st, const tc_tok *name)
{
	for (tc_alias *a = st->dynmaps; a; a = a->next)
		if (name_eq(a->name, name))
			return;
	tc_alias *a = tc_arena_alloc(st->ctx->scratch, sizeof *a);
	a->name = tc_arena_strndup(st->ctx->scratch, name->p, name->len);
	a->next = st->dynmaps;
	st->dynmaps = a;
	tc_p_diag(st, SIZE_MAX, TC_SEV_NOTE, "unsupported",
		  "dynamic crypto map %s is not modelled (its entries only answer)", a->name);
}

/* ---- transform sets ----------------------------------------------------------------- */

static bool key_size(const tc_line *ln, size_t j, unsigned *bits)
{
	return j < ln->ntok && tc_tok_uint(&ln->tok[j], 256, bits) &&
	       (*bits == 128 || *bits == 192 || *bits == 256);
}

int tc_p_transform(const tc_line *ln, size_t *i, const char **out)
{
	const tc_tok *t = &ln->tok[*i];
	static const struct {
		const char *name;
		const char *canon;
		int kind;
	} fixed[] = {
		{"esp-aes-192", "aes-192", 1},
		{"esp-aes-256", "aes-256", 1},
		{"esp-3des", "3des", 1},
		{"esp-des", "des", 1},
		{"esp-null", "null", 1},
		{"esp-seal", "seal", 1},
		{"esp-sha-hmac", "sha1", 2},
		{"esp-sha256-hmac", "sha256", 2},
		{"esp-sha-256-hmac", "sha256", 2},
		{"esp-sha384-hmac", "sha384", 2},
		{"esp-sha512-hmac", "sha512", 2},
		{"esp-md5-hmac", "md5", 2},
		{"esp-none", "none", 2},
		{"ah-sha-hmac", NULL, 3},
		{"ah-md5-hmac", NULL, 3},
		{"ah-sha256-hmac", NULL, 3},
		{"ah-sha384-hmac", NULL, 3},
		{"ah-sha512-hmac", NULL, 3},
		{"comp-lzs", NULL, 3},
	};
	for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++)
		if (tc_tok_is(t, fixed[k].name)) {
			*out = fixed[k].canon;
			return fixed[k].kind;
		}
	static const struct {
		const char *name;
		const char *canon[3]; /* 128, 192, 256 */
	} sized[] = {
		{"esp-aes", {"aes-128", "aes-192", "aes-256"}},
		{"esp-gcm", {"aes-gcm-128", "aes-gcm-192", "aes-gcm-256"}},
		{"esp-gmac", {"aes-gmac-128", "aes-gmac-192", "aes-gmac-256"}},
	};
	for (size_t k = 0; k < sizeof sized / sizeof sized[0]; k++)
		if (tc_tok_is(t, sized[k].name)) {
			unsigned bits;
			*out = sized[k].canon[0];
			if (key_size(ln, *i + 1, &bits)) {
				*out = sized[k].canon[bits == 128 ? 0 : bits == 192 ? 1 : 2];
				(*i)++;
			}
			return 1;
		}
	return 0;
}

tc_tset *tc_p_tset(tc_pstate *st, const tc_line *ln, size_t i)
{
	tc_tset *t = NULL;
	for (tc_tset *x = st->dev->tsets; x; x = x->next)
		if (name_eq(x->name, &ln->tok[i]))
			t = x;
	if (!t) {
		char name[256];
		t = tc_tset_add(st->m, st->dev, tc_tok_str(name, sizeof name, &ln->tok[i]));
		t->file = st->file;
		t->line = ln->no;
	}
	return t;
}

int tc_h_tset_mode(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "transport"))
		st->tset->transport = true;
	else if (at < ln->ntok && tc_tok_is(&ln->tok[at], "tunnel"))
		st->tset->transport = false;
	else
		tc_p_bad(st, at, "expected tunnel or transport");
	return 0;
}

/* ---- IKE policies -------------------------------------------------------------------- */

tc_ikepol *tc_p_ikepol_open(tc_pstate *st, const tc_line *ln, size_t at, unsigned version,
			    const char *enc, unsigned group)
{
	unsigned prio;
	if (at >= ln->ntok || !tc_tok_uint(&ln->tok[at], 65535, &prio)) {
		tc_p_bad(st, at, "expected a policy priority");
		return NULL;
	}
	tc_ikepol *p = tc_ikepol_add(st->m, st->dev, prio, version);
	p->enc = enc;
	p->hash = "sha1";
	p->auth = version == 2 ? "pre-share" : "rsa-sig";
	p->group = group;
	p->lifetime = 86400;
	p->file = st->file;
	p->line = ln->no;
	st->pol = p;
	return p;
}

/* Canonical IKE cipher at token *i ("aes" takes an optional key size). */
static const char *ike_cipher(const tc_line *ln, size_t i)
{
	const tc_tok *t = &ln->tok[i];
	unsigned bits;
	if (tc_tok_is(t, "aes") || tc_tok_is(t, "aes-cbc-128")) {
		if (!key_size(ln, i + 1, &bits) || bits == 128)
			return "aes-128";
		return bits == 192 ? "aes-192" : "aes-256";
	}
	static const struct {
		const char *name, *canon;
	} map[] = {
		{"aes-192", "aes-192"},
		{"aes-256", "aes-256"},
		{"aes-cbc-192", "aes-192"},
		{"aes-cbc-256", "aes-256"},
		{"3des", "3des"},
		{"des", "des"},
		{"aes-gcm", "aes-gcm-128"},
		{"aes-gcm-128", "aes-gcm-128"},
		{"aes-gcm-192", "aes-gcm-192"},
		{"aes-gcm-256", "aes-gcm-256"},
		{"null", "null"},
	};
	for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
		if (tc_tok_is(t, map[k].name))
			return map[k].canon;
	return NULL;
}

int tc_h_ikepol_encryption(tc_pstate *st, const tc_line *ln, size_t at)
{
	const char *c = at < ln->ntok ? ike_cipher(ln, at) : NULL;
	if (!c) {
		tc_p_bad(st, at, "unknown IKE encryption");
		return 0;
	}
	st->pol->enc = c; /* IKEv2 lists several: the first is preferred */
	return 0;
}

int tc_h_ikepol_hash(tc_pstate *st, const tc_line *ln, size_t at)
{
	static const struct {
		const char *name, *canon;
	} map[] = {
		{"sha", "sha1"},
		{"sha1", "sha1"},
		{"sha-1", "sha1"},
		{"sha256", "sha256"},
		{"sha-256", "sha256"},
		{"sha384", "sha384"},
		{"sha-384", "sha384"},
		{"sha512", "sha512"},
		{"sha-512", "sha512"},
		{"md5", "md5"},
		{"null", "none"},
	};
	if (at < ln->ntok)
		for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
			if (tc_tok_is(&ln->tok[at], map[k].name)) {
				st->pol->hash = map[k].canon;
				return 0;
			}
	tc_p_bad(st, at, "unknown IKE hash");
	return 0;
}

int tc_h_ikepol_auth(tc_pstate *st, const tc_line *ln, size_t at)
{
	static const char *const auths[] = {"pre-share", "rsa-sig", "rsa-encr", "crack",
					    "ecdsa-sig", NULL};
	if (at < ln->ntok)
		for (const char *const *a = auths; *a; a++)
			if (tc_tok_is(&ln->tok[at], *a)) {
				st->pol->auth = *a;
				return 0;
			}
	tc_p_bad(st, at, "unknown IKE authentication method");
	return 0;
}

int tc_h_ikepol_group(tc_pstate *st, const tc_line *ln, size_t at)
{
	unsigned g = at < ln->ntok ? tc_p_dh_group(&ln->tok[at]) : 0;
	if (!g) {
		tc_p_bad(st, at, "expected a Diffie-Hellman group number");
		return 0;
	}
	st->pol->group = g;
	return 0;
}

int tc_h_ikepol_lifetime(tc_pstate *st, const tc_line *ln, size_t at)
{
	unsigned v;
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "seconds"))
		at++;
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "none")) {
		st->pol->lifetime = 0;
		return 0;
	}
	if (at >= ln->ntok || !tc_tok_uint(&ln->tok[at], 4294967295u, &v)) {
		tc_p_bad(st, at, "expected a lifetime in seconds");
		return 0;
	}
	st->pol->lifetime = v;
	return 0;
}

/* ---- pre-shared keys ------------------------------------------------------------------ */

void tc_p_psk_add(tc_pstate *st, tc_prefix peer, uint64_t digest, unsigned line)
{
	tc_psk *k = tc_psk_add(st->m, st->dev);
	k->peer = peer;
	k->digest = digest;
	k->file = st->file;
	k->line = line;
}

uint64_t tc_p_key_digest(tc_pstate *st, const tc_tok *key)
{
	bool stars = key->len >= 3;
	for (size_t j = 0; j < key->len; j++)
		stars &= key->p[j] == '*';
	if (stars)
		tc_p_diag(st, SIZE_MAX, TC_SEV_NOTE, "masked-secret",
			  "the key is masked in this capture; comparing it with the peer's is "
			  "unreliable");
	return tc_secret_digest(key->p, key->len);
}

void tc_p_psk(tc_pstate *st, tc_prefix peer, const tc_tok *key)
{
	tc_p_psk_add(st, peer, tc_p_key_digest(st, key), st->ln->no);
}

size_t tc_p_skip_key_type(const tc_line *ln, size_t i)
{
	static const char *const types[] = {"0", "6", "7", "8", "hex", NULL};
	if (i + 1 < ln->ntok && tok_in(&ln->tok[i], types) &&
	    !tc_tok_is(&ln->tok[i + 1], "address") && !tc_tok_is(&ln->tok[i + 1], "hostname"))
		return i + 1;
	return i;
}

/* ---- misc shared handlers --------------------------------------------------------------- */

int tc_h_hostname(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a host name");
		return 0;
	}
	st->dev->hostname = tc_p_dup(st, ln, at);
	return 0;
}

static void note_unsupported(tc_pstate *st, const tc_line *ln, size_t at)
{
	char kw[128] = {0};
	size_t o = 0;
	for (size_t k = 0; k < at && k < ln->ntok && o < sizeof kw; k++)
		o += (size_t)snprintf(kw + o, sizeof kw - o, "%s%.*s", k ? " " : "",
				      (int)ln->tok[k].len, ln->tok[k].p);
	tc_p_diag(st, 0, TC_SEV_NOTE, "unsupported", "'%s' is not modelled; line skipped", kw);
}

int tc_h_unsupported(tc_pstate *st, const tc_line *ln, size_t at)
{
	note_unsupported(st, ln, at);
	return 0;
}

int tc_h_unsupported_block(tc_pstate *st, const tc_line *ln, size_t at)
{
	note_unsupported(st, ln, at);
	tc_p_push(st, NULL, NULL);
	return 0;
}
