/* nat.c: NAT rules of both dialects into tc_nat: ASA object, twice and pre-8.3 NAT; IOS `ip nat`.
 *
 * Every syntax becomes the same model rule: a real side (interface, source
 * addresses, or an ACL or route-map selecting them), a mapped side, flags,
 * and a place in the evaluation order. The order is only known once the
 * whole file is read (ASA line numbers, after-auto, object NAT sorting,
 * pre-8.3 `global` pools, IOS pools defined after use), so each rule is
 * remembered in st->natrefs and tc_p_nat_finish() settles it. */
#include "parser_int.h"

#include <stdio.h>
#include <string.h>

/* ---- operands ------------------------------------------------------------------- */

static void natset_one(tc_pstate *st, tc_natset *out, tc_prefix p)
{
	out->v = tc_arena_alloc(st->m->arena, sizeof *out->v);
	out->v[0] = p;
	out->n = 1;
}

static void natset_copy(tc_pstate *st, tc_natset *out, const tc_prefix *v, size_t n)
{
	out->v = tc_arena_alloc(st->m->arena, (n ? n : 1) * sizeof *out->v);
	if (n)
		memcpy(out->v, v, n * sizeof *v);
	out->n = (unsigned)n;
}

/* A NAT address operand at token i: `any`, an address (or alias), or a
 * network object / object-group name. False after a report. */
static bool nat_operand(tc_pstate *st, const tc_line *ln, size_t i, tc_natset *out)
{
	if (i >= ln->ntok) {
		tc_p_bad(st, i, "expected an address, an object or any");
		return false;
	}
	const tc_tok *t = &ln->tok[i];
	uint32_t ip;
	if (tc_tok_is(t, "any") || tc_tok_is(t, "any4")) {
		natset_one(st, out, tc_prefix_make(0, 0));
		return true;
	}
	tc_pobj *o = tc_obj_find(st, t);
	if (o && (o->kind == TC_OBJ_NET || o->kind == TC_OBJ_NETGRP || o->kind == TC_OBJ_POOL)) {
		if (o->n == 0) {
			tc_p_diag(
				st, i, TC_SEV_WARNING, "empty-object",
				"the object holds no IPv4 address tunnelcast models; rule skipped");
			return false;
		}
		natset_copy(st, out, o->v, o->n);
		return true;
	}
	if (tc_p_ip(st, t, &ip)) {
		natset_one(st, out, tc_prefix_make(ip, 32));
		return true;
	}
	char nm[128];
	tc_p_diag(st, i, TC_SEV_ERROR, "undefined-object",
		  "object %s is not defined; NAT rule skipped", tc_tok_str(nm, sizeof nm, t));
	return false;
}

static bool natset_eq(const tc_natset *a, const tc_natset *b)
{
	if (a->n != b->n)
		return false;
	for (unsigned k = 0; k < a->n; k++)
		if (tc_prefix_cmp(a->v[k], b->v[k]) != 0)
			return false;
	return true;
}

/* "(real,mapped)" or "(if)" at token i into the rule's interfaces; "any"
 * stands for no interface. Returns the number of names (1 or 2), 0 when
 * token i is not an interface spec. */
static int nat_ifaces(tc_pstate *st, const tc_line *ln, size_t i, tc_nat *n)
{
	if (i >= ln->ntok || ln->tok[i].len < 3 || ln->tok[i].p[0] != '(' ||
	    ln->tok[i].p[ln->tok[i].len - 1] != ')')
		return 0;
	const char *p = ln->tok[i].p + 1, *end = ln->tok[i].p + ln->tok[i].len - 1;
	const char *comma = memchr(p, ',', (size_t)(end - p));
	const char *e1 = comma ? comma : end;
	if (!(e1 - p == 3 && strncmp(p, "any", 3) == 0))
		n->real_if = tc_arena_strndup(st->m->arena, p, (size_t)(e1 - p));
	if (!comma)
		return 1;
	const char *q = comma + 1;
	if (!(end - q == 3 && strncmp(q, "any", 3) == 0))
		n->mapped_if = tc_arena_strndup(st->m->arena, q, (size_t)(end - q));
	return 2;
}

/* The rule built in tmp, added to the model in `section`, remembered for
 * tc_p_nat_finish() with its explicit position, pre-8.3 id or IOS pool. */
static tc_nat *nat_commit(tc_pstate *st, const tc_nat *tmp, unsigned section, unsigned line_no,
			  unsigned id, const char *pool)
{
	tc_nat *n = tc_nat_add(st->m, st->dev);
	*n = *tmp;
	n->next = NULL;
	n->section = section;
	n->file = st->file;
	n->line = st->ln->no;
	struct tc_natref *r = tc_arena_alloc(st->ctx->scratch, sizeof *r);
	r->nat = n;
	r->line_no = line_no;
	r->id = id;
	r->pool = pool;
	if (st->natrefs_tail)
		st->natrefs_tail->next = r;
	else
		st->natrefs = r;
	st->natrefs_tail = r;
	return n;
}

/* ASA options after the addresses; false after a report. */
static bool asa_nat_options(tc_pstate *st, const tc_line *ln, size_t i, tc_nat *n)
{
	static const char *const flags[] = {"dns",	   "net-to-net",
					    "flat",	   "include-reserve",
					    "round-robin", "block-allocation",
					    "extended",	   "interface",
					    "ipv6",	   NULL};
	for (; i < ln->ntok; i++) {
		const tc_tok *t = &ln->tok[i];
		if (tc_tok_is(t, "route-lookup"))
			n->route_lookup = true;
		else if (tc_tok_is(t, "no-proxy-arp"))
			n->no_proxy_arp = true;
		else if (tc_tok_is(t, "unidirectional"))
			n->unidirectional = true;
		else if (tc_tok_is(t, "inactive"))
			n->inactive = true;
		else if (tc_tok_is(t, "description"))
			return true;
		else if (tc_tok_is(t, "service")) {
			n->ports = true; /* service A B, or service PROTO REAL MAPPED */
			i += i + 1 < ln->ntok && tc_tok_in(&ln->tok[i + 1],
							   (const char *const[]){"tcp", "udp",
										 "sctp", NULL})
				     ? 3
				     : 2;
		} else if (!tc_tok_in(t, flags)) {
			tc_p_bad(st, i, "unknown NAT option");
			return false;
		}
	}
	return true;
}

/* The mapped source of a dynamic or static rule at *i: an operand,
 * `interface`, `pat-pool NAME`, optionally followed by `interface`
 * (fallback). */
static bool asa_mapped_src(tc_pstate *st, const tc_line *ln, size_t *i, tc_nat *n)
{
	if (*i < ln->ntok && tc_tok_is(&ln->tok[*i], "pat-pool")) {
		n->pat = true;
		if (!nat_operand(st, ln, *i + 1, &n->mapped_src))
			return false;
		*i += 2;
	} else if (*i < ln->ntok && tc_tok_is(&ln->tok[*i], "interface")) {
		n->mapped_src_if = n->mapped_if ? n->mapped_if : "";
		n->pat = !n->is_static;
		*i += 1;
		return true;
	} else {
		if (!nat_operand(st, ln, *i, &n->mapped_src))
			return false;
		*i += 1;
	}
	if (*i < ln->ntok && tc_tok_is(&ln->tok[*i], "interface") && !n->is_static) {
		n->mapped_src_if = n->mapped_if ? n->mapped_if : "";
		*i += 1;
	}
	return true;
}

static void set_identity(tc_nat *n)
{
	n->identity = natset_eq(&n->real_src, &n->mapped_src) && !n->mapped_src_if &&
		      natset_eq(&n->real_dst, &n->mapped_dst);
}

/* ---- ASA ------------------------------------------------------------------------ */

/* nat (real,mapped) [LINE] [after-auto] source static|dynamic REAL MAPPED
 *     [destination static MAPPED-DST REAL-DST] [options] */
static int asa_twice_nat(tc_pstate *st, const tc_line *ln, size_t i, tc_nat *scratch)
{
	unsigned line_no = 0, section = 1;
	if (i < ln->ntok && tc_tok_uint(&ln->tok[i], 65535, &line_no))
		i++;
	if (i < ln->ntok && tc_tok_is(&ln->tok[i], "after-auto")) {
		section = 3;
		i++;
	}
	if (i + 1 >= ln->ntok || !tc_tok_is(&ln->tok[i], "source"))
		return TC_ENOTFOUND;
	bool is_static = tc_tok_is(&ln->tok[i + 1], "static");
	if (!is_static && !tc_tok_is(&ln->tok[i + 1], "dynamic")) {
		tc_p_bad(st, i + 1, "expected static or dynamic");
		return 0;
	}
	i += 2;
	tc_nat tmp = *scratch;
	tmp.is_static = is_static;
	if (!nat_operand(st, ln, i, &tmp.real_src))
		return 0;
	i++;
	if (!asa_mapped_src(st, ln, &i, &tmp))
		return 0;
	if (i < ln->ntok && tc_tok_is(&ln->tok[i], "destination")) {
		if (i + 3 >= ln->ntok || !tc_tok_is(&ln->tok[i + 1], "static")) {
			tc_p_bad(st, i + 1, "expected destination static MAPPED REAL");
			return 0;
		}
		/* the ASA writes the destination mapped side first */
		if (tc_tok_is(&ln->tok[i + 2], "interface"))
			natset_one(st, &tmp.mapped_dst, tc_prefix_make(0, 32));
		else if (!nat_operand(st, ln, i + 2, &tmp.mapped_dst))
			return 0;
		if (!nat_operand(st, ln, i + 3, &tmp.real_dst))
			return 0;
		i += 4;
	}
	if (!asa_nat_options(st, ln, i, &tmp))
		return 0;
	set_identity(nat_commit(st, &tmp, section, line_no, 0, NULL));
	return 0;
}

/* pre-8.3: nat (if) ID access-list ACL | nat (if) ID A MASK [options] */
static int asa_old_nat(tc_pstate *st, const tc_line *ln, size_t i, tc_nat *scratch)
{
	unsigned id;
	if (i >= ln->ntok || !tc_tok_uint(&ln->tok[i], 65535, &id))
		return TC_ENOTFOUND;
	i++;
	tc_nat tmp = *scratch;
	tmp.mapped_if = NULL;
	if (i + 1 < ln->ntok && tc_tok_is(&ln->tok[i], "access-list")) {
		tmp.acl_name = tc_p_dup(st, ln, i + 1);
		i += 2;
	} else {
		tc_prefix p;
		if (!tc_p_netmask(st, ln, i, &p))
			return 0;
		natset_one(st, &tmp.real_src, p);
		i += 2;
	}
	/* dns, outside, norandomseq, connection limits: not modelled */
	tmp.identity = id == 0;
	nat_commit(st, &tmp, id == 0 ? 1 : 2, 0, id, NULL);
	return 0;
}

int tc_h_asa_nat(tc_pstate *st, const tc_line *ln, size_t at)
{
	tc_nat tmp = {0};
	int nif = nat_ifaces(st, ln, at, &tmp);
	size_t i = at + (nif ? 1 : 0);
	if (nif == 1)
		return asa_old_nat(st, ln, i, &tmp);
	return asa_twice_nat(st, ln, i, &tmp);
}

int tc_h_asa_obj_nat(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* object network X / nat [(real,mapped)] static|dynamic MAPPED [options] */
	tc_nat tmp = {0};
	size_t i = at;
	if (nat_ifaces(st, ln, i, &tmp))
		i++;
	if (i >= ln->ntok ||
	    !(tc_tok_is(&ln->tok[i], "static") || tc_tok_is(&ln->tok[i], "dynamic")))
		return TC_ENOTFOUND;
	tmp.is_static = tc_tok_is(&ln->tok[i], "static");
	i++;
	if (st->obj->n == 0) {
		tc_p_diag(st, 0, TC_SEV_WARNING, "empty-object",
			  "the object holds no IPv4 address tunnelcast models; NAT rule skipped");
		return 0;
	}
	natset_copy(st, &tmp.real_src, st->obj->v, st->obj->n);
	if (i < ln->ntok && memchr(ln->tok[i].p, ':', ln->tok[i].len)) {
		tc_p_diag(st, i, TC_SEV_NOTE, "unsupported", "IPv6 NAT is not modelled");
		tc_p_skipped(st);
		return 0;
	}
	if (!asa_mapped_src(st, ln, &i, &tmp) || !asa_nat_options(st, ln, i, &tmp))
		return 0;
	set_identity(nat_commit(st, &tmp, 2, 0, 0, NULL));
	return 0;
}

int tc_h_asa_static(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* static (real,mapped) [tcp|udp] MAPPED [port] REAL|access-list ACL|interface [port]
	 *        [netmask M] [options] */
	tc_nat tmp = {0};
	if (nat_ifaces(st, ln, at, &tmp) != 2)
		return TC_ENOTFOUND;
	size_t i = at + 1;
	uint32_t mapped = 0, real = 0;
	bool port =
		i < ln->ntok && (tc_tok_is(&ln->tok[i], "tcp") || tc_tok_is(&ln->tok[i], "udp"));
	if (port)
		i++;
	tmp.is_static = true;
	tmp.ports = port;
	if (i < ln->ntok && tc_tok_is(&ln->tok[i], "interface"))
		tmp.mapped_src_if = tmp.mapped_if ? tmp.mapped_if : "";
	else if (i >= ln->ntok || !tc_p_ip(st, &ln->tok[i], &mapped)) {
		tc_p_bad(st, i, "expected the mapped address");
		return 0;
	}
	i += port ? 2 : 1;
	if (i + 1 < ln->ntok && tc_tok_is(&ln->tok[i], "access-list")) {
		tmp.acl_name = tc_p_dup(st, ln, i + 1);
		i += 2;
	} else if (i < ln->ntok && tc_p_ip(st, &ln->tok[i], &real)) {
		i += port ? 2 : 1;
	} else {
		tc_p_bad(st, i, "expected the real address or access-list");
		return 0;
	}
	uint8_t len = 32;
	for (; i < ln->ntok; i++) {
		uint32_t m;
		if (tc_tok_is(&ln->tok[i], "netmask") && i + 1 < ln->ntok &&
		    tc_ip_parse(&m, ln->tok[i + 1].p, ln->tok[i + 1].len) == 0 &&
		    tc_mask_to_len(&len, m) == 0)
			i++;
		/* dns, norandomseq, tcp/udp connection limits: not modelled */
	}
	if (!tmp.acl_name)
		natset_one(st, &tmp.real_src, tc_prefix_make(real, len));
	if (!tmp.mapped_src_if)
		natset_one(st, &tmp.mapped_src, tc_prefix_make(mapped, len));
	tmp.identity = !tmp.acl_name && !tmp.mapped_src_if && mapped == real;
	nat_commit(st, &tmp, 2, 0, 0, NULL);
	return 0;
}

int tc_h_asa_global(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* global (if) ID interface | A[-B] [netmask M] */
	tc_nat tmp = {0};
	unsigned id;
	if (nat_ifaces(st, ln, at, &tmp) != 1 || at + 2 >= ln->ntok ||
	    !tc_tok_uint(&ln->tok[at + 1], 65535, &id))
		return TC_ENOTFOUND;
	struct tc_global *g = tc_arena_alloc(st->ctx->scratch, sizeof *g);
	g->id = id;
	g->ifname = tmp.real_if;
	const tc_tok *t = &ln->tok[at + 2];
	if (tc_tok_is(t, "interface")) {
		g->iface = true;
	} else {
		const char *dash = memchr(t->p, '-', t->len);
		uint32_t lo, hi;
		size_t n1 = dash ? (size_t)(dash - t->p) : t->len;
		if (tc_ip_parse(&lo, t->p, n1) != 0 ||
		    (dash && tc_ip_parse(&hi, dash + 1, t->len - n1 - 1) != 0)) {
			tc_p_bad(st, at + 2, "expected interface, an address or a range A-B");
			return 0;
		}
		if (!dash)
			hi = lo;
		tc_pobj pool = {0};
		if (hi < lo || !tc_obj_add_range(st, &pool, lo, hi)) {
			tc_p_bad(st, at + 2, "address range too fragmented to model");
			return 0;
		}
		natset_copy(st, &g->mapped, pool.v, pool.n);
	}
	g->next = st->globals;
	st->globals = g;
	return 0;
}

/* ---- IOS ------------------------------------------------------------------------- */

int tc_h_ios_nat_pool(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* ip nat pool NAME [START END] {netmask M | prefix-length N} [type ...] */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a pool name");
		return 0;
	}
	tc_pobj *o = tc_obj_get(st, &ln->tok[at], TC_OBJ_POOL);
	o->n = 0;
	uint32_t lo, hi;
	size_t i = at + 1;
	if (i + 1 < ln->ntok && tc_ip_parse(&lo, ln->tok[i].p, ln->tok[i].len) == 0 &&
	    tc_ip_parse(&hi, ln->tok[i + 1].p, ln->tok[i + 1].len) == 0) {
		if (hi < lo || !tc_obj_add_range(st, o, lo, hi)) {
			o->unmodelled = true;
			tc_p_diag(st, i, TC_SEV_NOTE, "unsupported",
				  "pool range too fragmented to model");
		}
	}
	tc_p_push(st, NULL, NULL); /* `address A B` sub-lines of a pool without a range */
	return 0;
}

/* Options after an IOS rule's mapped side. */
static void ios_nat_options(tc_pstate *st, const tc_line *ln, size_t i, tc_nat *n)
{
	static const char *const flags[] = {"extendable", "no-alias", "no-payload", "add-route",
					    "reversible", "oer",      "portmap",    "match-in-vrf",
					    "stateless",  NULL};
	for (; i < ln->ntok; i++) {
		const tc_tok *t = &ln->tok[i];
		if (tc_tok_is(t, "overload")) {
			n->pat = true;
		} else if (tc_tok_is(t, "vrf") && i + 1 < ln->ntok) {
			n->vrf = tc_p_dup(st, ln, ++i);
		} else if (tc_tok_is(t, "route-map") && i + 1 < ln->ntok) {
			n->route_map = tc_p_dup(st, ln, ++i);
		} else if ((tc_tok_is(t, "redundancy") || tc_tok_is(t, "mapping-id")) &&
			   i + 1 < ln->ntok) {
			i++;
		} else if (!tc_tok_in(t, flags)) {
			tc_p_diag(st, i, TC_SEV_WARNING, "unknown-option",
				  "unknown NAT option ignored; the rule is kept");
			return;
		}
	}
}

/* ip nat inside|outside source static [network] [tcp|udp] REAL [p] MAPPED|interface IF [p] [MASK] ... */
static int ios_nat_static(tc_pstate *st, const tc_line *ln, size_t i, tc_nat *tmp)
{
	bool network = i < ln->ntok && tc_tok_is(&ln->tok[i], "network");
	if (network)
		i++;
	bool port =
		i < ln->ntok && (tc_tok_is(&ln->tok[i], "tcp") || tc_tok_is(&ln->tok[i], "udp"));
	if (port)
		i++;
	uint32_t real, mapped = 0;
	if (i >= ln->ntok || !tc_p_ip(st, &ln->tok[i], &real)) {
		tc_p_bad(st, i, "expected the real address");
		return 0;
	}
	i += port ? 2 : 1;
	if (i + 1 < ln->ntok && tc_tok_is(&ln->tok[i], "interface")) {
		tmp->mapped_src_if = tc_p_dup(st, ln, i + 1);
		i += 2;
	} else if (i < ln->ntok && tc_p_ip(st, &ln->tok[i], &mapped)) {
		i++;
	} else {
		tc_p_bad(st, i, "expected the mapped address or interface IF");
		return 0;
	}
	if (port)
		i++;
	uint8_t len = 32;
	if (network && i < ln->ntok) {
		const tc_tok *t = &ln->tok[i];
		uint32_t m;
		unsigned v;
		tc_tok l = {t->p + 1, t->len ? t->len - 1 : 0};
		if (t->len > 1 && t->p[0] == '/' && tc_tok_uint(&l, 32, &v))
			len = (uint8_t)v;
		else if (tc_ip_parse(&m, t->p, t->len) != 0 || tc_mask_to_len(&len, m) != 0) {
			tc_p_bad(st, i, "expected a netmask or /LEN");
			return 0;
		}
		i++;
	}
	tmp->is_static = true;
	tmp->ports = port;
	natset_one(st, &tmp->real_src, tc_prefix_make(real, len));
	if (!tmp->mapped_src_if)
		natset_one(st, &tmp->mapped_src, tc_prefix_make(mapped, len));
	ios_nat_options(st, ln, i, tmp);
	tmp->identity = !tmp->mapped_src_if && real == mapped;
	nat_commit(st, tmp, 1, 0, 0, NULL);
	return 0;
}

int tc_h_ios_nat(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* ip nat inside|outside source|destination (list ACL | route-map RM | static ...)
	 *        (pool P | interface IF) [vrf V] [overload] ... */
	/* the table matched `ip nat inside` or `ip nat outside`: at is past it */
	if (at + 1 >= ln->ntok)
		return TC_ENOTFOUND;
	bool outside = tc_tok_is(&ln->tok[at - 1], "outside");
	bool dest = tc_tok_is(&ln->tok[at], "destination");
	if (!dest && !tc_tok_is(&ln->tok[at], "source"))
		return TC_ENOTFOUND;
	tc_nat tmp = {0};
	tmp.real_outside = outside;
	tmp.dest_only = dest;
	size_t i = at + 1;
	if (tc_tok_is(&ln->tok[i], "static"))
		return ios_nat_static(st, ln, i + 1, &tmp);
	if (i + 1 >= ln->ntok)
		return TC_ENOTFOUND;
	if (tc_tok_is(&ln->tok[i], "list"))
		tmp.acl_name = tc_p_dup(st, ln, i + 1);
	else if (tc_tok_is(&ln->tok[i], "route-map"))
		tmp.route_map = tc_p_dup(st, ln, i + 1);
	else
		return TC_ENOTFOUND;
	i += 2;
	const char *pool = NULL;
	if (i + 1 < ln->ntok && tc_tok_is(&ln->tok[i], "pool")) {
		pool = tc_p_dup(st, ln, i + 1);
	} else if (i + 1 < ln->ntok && tc_tok_is(&ln->tok[i], "interface")) {
		tmp.mapped_src_if = tc_p_dup(st, ln, i + 1);
		tmp.pat = true; /* interface NAT always overloads */
	} else {
		tc_p_bad(st, i, "expected pool NAME or interface IF");
		return 0;
	}
	ios_nat_options(st, ln, i + 2, &tmp);
	nat_commit(st, &tmp, 1, 0, 0, pool);
	return 0;
}

/* ---- order and deferred references ------------------------------------------------ */

/* ASA object NAT order: static first, then fewer real addresses, then the
 * lowest address, then config order. */
static int cmp_auto(const tc_nat *a, const tc_nat *b)
{
	if (a->is_static != b->is_static)
		return a->is_static ? -1 : 1;
	uint64_t sa = 0, sb = 0;
	for (unsigned k = 0; k < a->real_src.n; k++)
		sa += 1ull << (32 - a->real_src.v[k].len);
	for (unsigned k = 0; k < b->real_src.n; k++)
		sb += 1ull << (32 - b->real_src.v[k].len);
	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (a->real_src.n && b->real_src.n && a->real_src.v[0].addr != b->real_src.v[0].addr)
		return a->real_src.v[0].addr < b->real_src.v[0].addr ? -1 : 1;
	return (a->line > b->line) - (a->line < b->line);
}

/* Pre-8.3 `nat (if) ID`: one rule per `global` of that ID. */
static void resolve_globals(tc_pstate *st, struct tc_natref *r)
{
	tc_nat *n = r->nat, proto = *r->nat;
	bool first = true;
	for (const struct tc_global *g = st->globals; g; g = g->next) {
		if (g->id != r->id)
			continue;
		tc_nat *x = n;
		if (!first) {
			x = tc_nat_add(st->m, st->dev);
			tc_nat *next = x->next;
			*x = proto;
			x->next = next;
		}
		first = false;
		x->mapped_if = g->ifname;
		if (g->iface) {
			x->mapped_src_if = g->ifname ? g->ifname : "";
			x->pat = true;
		} else {
			x->mapped_src = g->mapped;
			x->pat = g->mapped.n == 1 && g->mapped.v[0].len == 32;
		}
	}
	if (first)
		tc_model_diag(st->m, n->file, n->line, 0, TC_SEV_WARNING, "undefined-object", NULL,
			      "nat id %u has no global pool; the rule translates nothing", r->id);
}

void tc_p_nat_finish(tc_pstate *st)
{
	size_t count = 0;
	for (struct tc_natref *r = st->natrefs; r; r = r->next)
		count++;
	if (!count)
		return;
	tc_nat **v = tc_arena_alloc(st->ctx->scratch, count * sizeof *v);
	for (unsigned sec = 1; sec <= 3; sec++) {
		size_t n = 0;
		for (struct tc_natref *r = st->natrefs; r; r = r->next) {
			if (r->nat->section != sec)
				continue;
			size_t at = n;
			if (r->line_no && r->line_no - 1 < n)
				at = r->line_no - 1; /* `nat (a,b) N`: inserted at position N */
			memmove(v + at + 1, v + at, (n - at) * sizeof *v);
			v[at] = r->nat;
			n++;
		}
		if (sec == 2) /* insertion sort: stable, and these lists are short */
			for (size_t a = 1; a < n; a++)
				for (size_t b = a; b > 0 && cmp_auto(v[b], v[b - 1]) < 0; b--) {
					tc_nat *t = v[b];
					v[b] = v[b - 1];
					v[b - 1] = t;
				}
		for (size_t k = 0; k < n; k++)
			v[k]->order = (unsigned)k + 1;
	}
	for (struct tc_natref *r = st->natrefs; r; r = r->next) {
		if (r->id)
			resolve_globals(st, r);
		if (!r->pool)
			continue;
		tc_tok nm = {r->pool, strlen(r->pool)};
		tc_pobj *o = tc_obj_find(st, &nm);
		if (o && o->kind == TC_OBJ_POOL && o->n)
			natset_copy(st, &r->nat->mapped_src, o->v, o->n);
		else
			tc_model_diag(st->m, r->nat->file, r->nat->line, 0, TC_SEV_ERROR,
				      "undefined-object", NULL,
				      "NAT pool %s is not defined (or holds no address)", r->pool);
	}
}
