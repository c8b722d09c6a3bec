/* acl.c: ACL lines of both dialects: protocols, ports, service objects and their expansion into ACEs.
 *
 * An ACL line names a protocol (or service objects standing for protocol and
 * ports), a source, optional source ports, a destination, optional
 * destination ports and options. Object groups on any side are expanded
 * eagerly: one ACE per combination, all carrying the line's number, so the
 * model's ACL is already flat. The dialects differ only in how an address
 * operand is written (tc_dialect_ops.acl_addr). */
#include "parser_int.h"

#include <string.h>

/* ---- ports and protocols --------------------------------------------------- */

typedef struct prange {
	uint16_t lo, hi;
} prange;

/* A set of port ranges: v points at buf, or at a scratch array when a port
 * group holds more ranges than buf. */
typedef struct pset {
	const prange *v;
	size_t n;
	prange buf[TC_MAX_PORTS];
} pset;

/* A keyword standing for a number (a port, a protocol). */
typedef struct named_num {
	const char *name;
	unsigned num;
} named_num;

static const named_num port_names[] = {
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

/* A decimal number <= max, or one of the n names of tab. */
static bool named_value(const tc_tok *t, unsigned max, const named_num *tab, size_t n,
			unsigned *out)
{
	if (tc_tok_uint(t, max, out))
		return true;
	for (size_t k = 0; k < n; k++)
		if (tc_tok_is(t, tab[k].name)) {
			*out = tab[k].num;
			return true;
		}
	return false;
}

static bool port_value(const tc_tok *t, uint16_t *out)
{
	unsigned v;
	if (!named_value(t, 65535, port_names, sizeof port_names / sizeof port_names[0], &v))
		return false;
	*out = (uint16_t)v;
	return true;
}

static const named_num proto_names[] = {
	{"ip", 0},    {"icmp", 1},   {"igmp", 2},   {"ipinip", 4}, {"tcp", 6},	  {"igrp", 9},
	{"udp", 17},  {"gre", 47},   {"pptp", 47},  {"esp", 50},   {"ipsec", 50}, {"ahp", 51},
	{"ah", 51},   {"icmp6", 58}, {"eigrp", 88}, {"ospf", 89},  {"nos", 94},	  {"pim", 103},
	{"pcp", 108}, {"snp", 109},  {"sctp", 132},
};

static bool proto_value(const tc_tok *t, uint8_t *out)
{
	unsigned v;
	if (!named_value(t, 255, proto_names, sizeof proto_names / sizeof proto_names[0], &v))
		return false;
	*out = (uint8_t)v;
	return true;
}

static bool has_ports(uint8_t proto)
{
	return proto == TC_PROTO_TCP || proto == TC_PROTO_UDP || proto == 132;
}

static void pset_any(pset *ps)
{
	ps->buf[0].lo = 0;
	ps->buf[0].hi = 65535;
	ps->v = ps->buf;
	ps->n = 1;
}

static bool pset_is_any(const pset *ps)
{
	return ps->n == 1 && ps->v[0].lo == 0 && ps->v[0].hi == 65535;
}

/* An optional port operator at *i (eq A [B ...], neq, lt, gt, range A B).
 * 0 with ps filled (any port when there is none), or TC_EPARSE (reported). */
static int parse_ports(tc_pstate *st, const tc_line *ln, size_t *i, pset *ps)
{
	pset_any(ps);
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
			ps->buf[ps->n].lo = ps->buf[ps->n].hi = a;
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
		ps->buf[0].lo = a;
		ps->buf[0].hi = b;
		*i += 3;
		return 0;
	}
	if ((lt && a == 0) || (gt && a == 65535)) {
		tc_p_bad(st, *i + 1, "port operator matches no port");
		return TC_EPARSE;
	}
	if (lt)
		ps->buf[0].hi = (uint16_t)(a - 1);
	else if (gt)
		ps->buf[0].lo = (uint16_t)(a + 1);
	else
		tc_p_diag(st, *i, TC_SEV_NOTE, "approximation", "neq is modelled as any port");
	*i += 2;
	return 0;
}

/* ---- service objects ------------------------------------------------------------ */

void tc_p_svc_add(tc_pstate *st, tc_pobj *o, const tc_svc *s)
{
	for (size_t k = 0; k < o->nsvc && o->nsvc <= 4096; k++) {
		const tc_svc *x = &o->svc[k];
		if (x->proto == s->proto && x->sport_lo == s->sport_lo &&
		    x->sport_hi == s->sport_hi && x->dport_lo == s->dport_lo &&
		    x->dport_hi == s->dport_hi)
			return;
	}
	o->svc = tc_p_grow(st, o->svc, o->nsvc, &o->svccap, sizeof *o->svc);
	o->svc[o->nsvc++] = *s;
}

/* The protocols a service word stands for: one, or tcp and udp for tcp-udp. */
static size_t svc_protos(const tc_tok *t, uint8_t out[2])
{
	if (tc_tok_is(t, "tcp-udp")) {
		out[0] = TC_PROTO_TCP;
		out[1] = TC_PROTO_UDP;
		return 2;
	}
	return proto_value(t, &out[0]) ? 1 : 0;
}

/* Every (proto, source range, destination range) combination into o. */
static void svc_cross(tc_pstate *st, tc_pobj *o, const uint8_t *protos, size_t np, const pset *sp,
		      const pset *dp)
{
	for (size_t a = 0; a < np; a++)
		for (size_t b = 0; b < sp->n; b++)
			for (size_t c = 0; c < dp->n; c++) {
				tc_svc s = {protos[a], sp->v[b].lo, sp->v[b].hi, dp->v[c].lo,
					    dp->v[c].hi};
				tc_p_svc_add(st, o, &s);
			}
}

int tc_p_svc_spec(tc_pstate *st, const tc_line *ln, size_t i, tc_pobj *o)
{
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a protocol");
		return 0;
	}
	if (tc_tok_is(&ln->tok[i], "object")) { /* service-object object NAME */
		tc_pobj *ref = i + 1 < ln->ntok ? tc_obj_find(st, &ln->tok[i + 1]) : NULL;
		if (!ref || (ref->kind != TC_OBJ_SVC && ref->kind != TC_OBJ_SVCGRP)) {
			tc_p_diag(st, i + 1, TC_SEV_ERROR, "undefined-object",
				  "service object is not defined; member skipped");
			return 0;
		}
		for (size_t k = 0; k < ref->nsvc; k++)
			tc_p_svc_add(st, o, &ref->svc[k]);
		return 0;
	}
	uint8_t protos[2];
	size_t np = svc_protos(&ln->tok[i], protos);
	if (np == 0)
		return TC_ENOTFOUND;
	i++;
	pset sp, dp;
	pset_any(&sp);
	pset_any(&dp);
	bool ports = has_ports(protos[0]);
	if (ports && i < ln->ntok && tc_tok_is(&ln->tok[i], "source")) {
		i++;
		if (parse_ports(st, ln, &i, &sp) != 0)
			return 0;
	}
	if (ports && i < ln->ntok && tc_tok_is(&ln->tok[i], "destination"))
		i++;
	if (ports && parse_ports(st, ln, &i, &dp) != 0)
		return 0;
	/* what remains is an ICMP type and code, or nothing */
	svc_cross(st, o, protos, np, &sp, &dp);
	return 0;
}

int tc_p_port_object(tc_pstate *st, const tc_line *ln, size_t i, tc_pobj *o)
{
	uint8_t protos[2] = {o->svcproto, 0};
	size_t np = 1;
	if (o->svcproto == 255) {
		protos[0] = TC_PROTO_TCP;
		protos[1] = TC_PROTO_UDP;
		np = 2;
	}
	pset any, dp;
	pset_any(&any);
	size_t j = i;
	if (parse_ports(st, ln, &j, &dp) != 0)
		return 0;
	if (j == i) {
		tc_p_bad(st, i, "expected eq or range");
		return 0;
	}
	svc_cross(st, o, protos, np, &any, &dp);
	return 0;
}

/* A service group in a port position (ASA `object-group NAME` after an
 * address): its destination ranges when it is a typed port group, else any
 * port with a note. True when it was one (and *i moved past it). */
static bool port_group(tc_pstate *st, const tc_line *ln, size_t *i, pset *ps)
{
	if (*i + 1 >= ln->ntok || !tc_tok_is(&ln->tok[*i], "object-group"))
		return false;
	tc_pobj *o = tc_obj_find(st, &ln->tok[*i + 1]);
	if (!o || (o->kind != TC_OBJ_SVCGRP && o->kind != TC_OBJ_SVC))
		return false;
	if (o->svcproto == 0 || o->nsvc == 0) {
		tc_p_diag(st, *i + 1, TC_SEV_NOTE, "approximation",
			  "service object-group ports are modelled as any port");
		pset_any(ps);
	} else {
		prange *v = o->nsvc <= TC_MAX_PORTS
				    ? ps->buf
				    : tc_arena_alloc(st->ctx->scratch, o->nsvc * sizeof *v);
		size_t n = 0;
		for (size_t k = 0; k < o->nsvc; k++) {
			bool dup = false;
			for (size_t j = 0; j < n; j++)
				dup |= v[j].lo == o->svc[k].dport_lo &&
				       v[j].hi == o->svc[k].dport_hi;
			if (!dup) {
				v[n].lo = o->svc[k].dport_lo;
				v[n].hi = o->svc[k].dport_hi;
				n++;
			}
		}
		ps->v = v;
		ps->n = n;
	}
	*i += 2;
	return true;
}

/* ---- ACL lines ----------------------------------------------------------------- */

/* Trailing options: "inactive" disables the line; the rest is accepted. */
static const char *const opt_flags[] = {
	"established", "fragments", "match-any", "match-all", "ack",  "fin",  "psh",	 "rst",
	"syn",	       "urg",	    "+ack",	 "+fin",      "+psh", "+rst", "+syn",	 "+urg",
	"-ack",	       "-fin",	    "-psh",	 "-rst",      "-syn", "-urg", "counter", NULL,
};
static const char *const opt_with_arg[] = {
	"time-range", "precedence", "tos", "dscp", "option", "reflect", "timeout", "sequence", NULL,
};

/* 0: keep the line; TC_ENOTFOUND: inactive, skip it. */
static int ace_options(tc_pstate *st, const tc_line *ln, size_t i, bool icmp)
{
	bool any_ok = icmp; /* icmp type / code / message */
	bool warned = false;
	for (size_t j = i; j < ln->ntok; j++) {
		const tc_tok *t = &ln->tok[j];
		if (tc_tok_is(t, "inactive")) {
			tc_p_diag(st, j, TC_SEV_NOTE, "inactive", "inactive ACL line skipped");
			return TC_ENOTFOUND;
		}
		if (t->p[0] == '!')
			break; /* a trailing comment */
		if (tc_tok_is(t, "log") || tc_tok_is(t, "log-input"))
			any_ok = true; /* log level / interval / cookie follow */
		else if (tc_tok_in(t, opt_with_arg))
			j++;
		else if (tc_tok_is(t, "ttl"))
			j += 2;
		else if (!any_ok && !tc_tok_in(t, opt_flags) && !warned) {
			tc_p_diag(st, j, TC_SEV_WARNING, "unknown-option",
				  "unknown ACL option ignored; the line is kept");
			warned = true;
		}
	}
	return 0;
}

/* The services of one line, on the stack unless there are many. */
typedef struct svclist {
	tc_svc *v;
	size_t n, cap;
	tc_svc buf[64];
} svclist;

static void svclist_push(tc_pstate *st, svclist *l, const tc_svc *s)
{
	l->v = tc_p_grow(st, l->v, l->n, &l->cap, sizeof *l->v);
	l->v[l->n++] = *s;
}

/* The protocol position at *i: a protocol, or service objects (ASA `object
 * SVC`, both dialects `object-group SVC|PROTO`). Fills protos (when the
 * line's own ports apply) or l (complete services: the line may not give
 * ports). 0, or TC_EPARSE after a report. */
static int ace_protocol(tc_pstate *st, const tc_line *ln, size_t *i, uint8_t *protos, size_t *np,
			svclist *l)
{
	const tc_tok *t = &ln->tok[*i];
	*np = 0;
	bool obj = tc_tok_is(t, "object"), grp = tc_tok_is(t, "object-group");
	if (!obj && !grp) {
		if (!proto_value(t, &protos[0])) {
			tc_p_bad(st, *i, "unknown protocol");
			return TC_EPARSE;
		}
		*np = 1;
		(*i)++;
		return 0;
	}
	tc_pobj *o = *i + 1 < ln->ntok ? tc_obj_find(st, &ln->tok[*i + 1]) : NULL;
	if (!o ||
	    (o->kind != TC_OBJ_SVC && o->kind != TC_OBJ_SVCGRP && o->kind != TC_OBJ_PROTOGRP)) {
		char nm[128] = "";
		if (*i + 1 < ln->ntok)
			tc_tok_str(nm, sizeof nm, &ln->tok[*i + 1]);
		tc_p_diag(st, *i + 1, TC_SEV_ERROR, "undefined-object",
			  "service or protocol object %s is not defined; line skipped", nm);
		return TC_EPARSE;
	}
	if (o->nsvc == 0) {
		tc_p_diag(st, *i + 1, TC_SEV_NOTE, "empty-object",
			  "the service object holds no service tunnelcast models; line skipped");
		return TC_EPARSE;
	}
	if (o->kind == TC_OBJ_PROTOGRP) {
		for (size_t k = 0; k < o->nsvc && *np < 256; k++)
			protos[(*np)++] = o->svc[k].proto;
	} else {
		for (size_t k = 0; k < o->nsvc; k++)
			svclist_push(st, l, &o->svc[k]);
	}
	*i += 2;
	return 0;
}

/* Source or destination ports at *i for the protocols of the line. */
static int ace_ports(tc_pstate *st, const tc_line *ln, size_t *i, bool ports_ok, pset *ps)
{
	if (ports_ok && port_group(st, ln, i, ps))
		return 0;
	size_t before = *i;
	if (parse_ports(st, ln, i, ps) != 0)
		return TC_EPARSE;
	if (!ports_ok && *i != before) {
		tc_p_bad(st, *i - 1, "ports are only valid for tcp, udp and sctp");
		return TC_EPARSE;
	}
	return 0;
}

static tc_acl *acl_open(tc_pstate *st, const char *acl_name)
{
	/* an ACL's lines usually follow each other: no lookup for the next one */
	tc_acl *acl = st->last_acl && strcmp(st->last_acl->name, acl_name) == 0
			      ? st->last_acl
			      : tc_acl_get(st->m, st->dev, acl_name);
	st->last_acl = acl;
	if (!acl->file) {
		acl->file = st->file;
		acl->line = st->ln->no;
	}
	return acl;
}

static tc_ace *ace_new(tc_pstate *st, tc_acl *acl, bool permit)
{
	tc_ace *e = tc_ace_add(st->m, acl);
	e->permit = permit;
	e->file = st->file;
	e->line = st->ln->no;
	return e;
}

/* permit / deny / remark at token i; 1 permit, 0 deny, -1 remark or bad (reported). */
static int ace_action(tc_pstate *st, const tc_line *ln, size_t i)
{
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected permit, deny or remark");
		return -1;
	}
	const tc_tok *act = &ln->tok[i];
	if (tc_tok_is(act, "remark"))
		return -1;
	if (tc_tok_is(act, "dynamic") || tc_tok_is(act, "evaluate")) {
		tc_p_diag(st, i, TC_SEV_NOTE, "unsupported",
			  "dynamic and reflexive ACL lines are not modelled; line skipped");
		tc_p_skipped_quiet(st); /* said by the note above */
		return -1;
	}
	if (tc_tok_is(act, "permit"))
		return 1;
	if (tc_tok_is(act, "deny"))
		return 0;
	tc_p_bad(st, i, "expected permit, deny or remark");
	return -1;
}

/* An ACE whose action (token i) is read: into acl. */
static int ace_line(tc_pstate *st, const tc_line *ln, size_t i, int action, tc_acl *acl)
{
	if (++i >= ln->ntok) {
		tc_p_bad(st, i, "expected a protocol");
		return 0;
	}
	uint8_t protos[256];
	size_t np;
	svclist l; /* not zeroed: buf is written before it is read */
	l.v = l.buf;
	l.n = 0;
	l.cap = sizeof l.buf / sizeof l.buf[0];
	if (ace_protocol(st, ln, &i, protos, &np, &l) != 0)
		return 0;
	bool ports_ok = false, icmp = false;
	for (size_t k = 0; k < np; k++) {
		ports_ok |= has_ports(protos[k]);
		icmp |= protos[k] == TC_PROTO_ICMP || protos[k] == 58;
	}
	tc_aset src, dst;
	pset sp, dp;
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a source address");
		return 0;
	}
	if (st->ops->acl_addr(st, ln, &i, &src) != 0 || ace_ports(st, ln, &i, ports_ok, &sp) != 0)
		return 0;
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected a destination address");
		return 0;
	}
	if (st->ops->acl_addr(st, ln, &i, &dst) != 0 || ace_ports(st, ln, &i, ports_ok, &dp) != 0)
		return 0;
	if (l.n && (!pset_is_any(&sp) || !pset_is_any(&dp))) {
		tc_p_bad(st, i - 1, "ports cannot follow a service object");
		return 0;
	}
	for (size_t k = 0; k < l.n; k++)
		icmp |= l.v[k].proto == TC_PROTO_ICMP || l.v[k].proto == 58;
	if (ace_options(st, ln, i, icmp) != 0) {
		tc_p_skipped_quiet(st); /* an inactive line, noted as such */
		return 0;
	}
	/* the line's services: its objects', or its protocols with its ports */
	for (size_t k = 0; k < np; k++) {
		bool p = has_ports(protos[k]);
		for (size_t b = 0; b < (p ? sp.n : 1); b++)
			for (size_t d = 0; d < (p ? dp.n : 1); d++) {
				tc_svc s = {protos[k], p ? sp.v[b].lo : 0, p ? sp.v[b].hi : 65535,
					    p ? dp.v[d].lo : 0, p ? dp.v[d].hi : 65535};
				svclist_push(st, &l, &s);
			}
	}
	/* one ACE per combination, all on this line */
	size_t made = 0;
	for (size_t a = 0; a < src.n; a++)
		for (size_t c = 0; c < dst.n; c++)
			for (size_t k = 0; k < l.n; k++) {
				if (made++ == TC_MAX_EXPAND) {
					tc_p_diag(
						st, SIZE_MAX, TC_SEV_WARNING, "expansion-limit",
						"object-group expansion stopped at %u ACL entries",
						(unsigned)TC_MAX_EXPAND);
					return 0;
				}
				tc_ace *e = ace_new(st, acl, action == 1);
				e->proto = l.v[k].proto;
				e->src = src.v[a];
				e->dst = dst.v[c];
				e->sport_lo = l.v[k].sport_lo;
				e->sport_hi = l.v[k].sport_hi;
				e->dport_lo = l.v[k].dport_lo;
				e->dport_hi = l.v[k].dport_hi;
			}
	return 0;
}

int tc_p_ace(tc_pstate *st, const tc_line *ln, size_t i, const char *acl_name)
{
	int action = ace_action(st, ln, i);
	if (action < 0)
		return 0;
	return ace_line(st, ln, i, action, acl_open(st, acl_name));
}

/* A standard ACE whose action (token i) is read: into acl. */
static int std_ace_line(tc_pstate *st, const tc_line *ln, size_t i, int action, tc_acl *acl,
			bool dst_side)
{
	acl->standard = true;
	if (++i >= ln->ntok) {
		tc_p_bad(st, i, "expected an address");
		return 0;
	}
	tc_aset a;
	if (st->ops->std_addr(st, ln, &i, &a) != 0)
		return 0;
	if (ace_options(st, ln, i, false) != 0) {
		tc_p_skipped_quiet(st);
		return 0;
	}
	for (size_t k = 0; k < a.n; k++) {
		tc_ace *e = ace_new(st, acl, action == 1);
		e->src = dst_side ? tc_prefix_make(0, 0) : a.v[k];
		e->dst = dst_side ? a.v[k] : tc_prefix_make(0, 0);
	}
	return 0;
}

int tc_p_std_ace(tc_pstate *st, const tc_line *ln, size_t i, const char *acl_name, bool dst_side)
{
	int action = ace_action(st, ln, i);
	if (action < 0)
		return 0;
	return std_ace_line(st, ln, i, action, acl_open(st, acl_name), dst_side);
}

int tc_h_acl_sub(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	size_t i = 0;
	unsigned seq;
	if (i < ln->ntok && tc_tok_uint(&ln->tok[i], 2147483647u, &seq))
		i++; /* sequence number */
	/* the block's ACL, opened (and placed) by its header line: no lookup by name */
	int action = ace_action(st, ln, i);
	if (action < 0)
		return 0;
	if (st->acl->standard)
		return std_ace_line(st, ln, i, action, st->acl, false);
	return ace_line(st, ln, i, action, st->acl);
}
