/* routing.c: the routing lines of IOS and ASA configs (router blocks, prefix lists, route maps,
 * interface routing settings) into routing.h's structures.
 *
 * Both dialects spell these commands alike; where they differ (the ASA's `network A MASK`)
 * the dialect's ops say so. What a block holds that the pass does not model is recorded once
 * per device and feature (tc_rt_unmodelled) and counted as skipped, never warned per line.
 * Authentication keys and neighbour passwords are never kept: their lines are skipped, and
 * diagnostics mask the line's secrets as every diagnostic does. */
#include "parser_int.h"

#include <stdio.h>
#include <string.h>

static tc_cmdtab ospf_tab, eigrp_tab, eigrp_named_tab, eigrp_af_tab, afif_tab, topo_tab, bgp_tab,
	nbr_tab, rip_tab, rmap_tab;

/* A BGP peer-group: its settings, copied into its members when the router block ends. */
struct tc_pgroup {
	const char *name;
	tc_bgp_nbr nbr;
	bool act_set; /* `[no] neighbor G activate` given */
	struct tc_pgroup *next;
};

struct tc_pmember {
	tc_bgp_nbr *nbr;
	struct tc_pgroup *group;
	struct tc_pmember *next;
};

/* ---- small helpers ----------------------------------------------------------------------- */

/* The current line uses a feature the pass does not model: noted once per device, and the
 * line counts as skipped. */
static void rt_note(tc_pstate *st, const char *feature)
{
	tc_rt_unmodelled(st->m, st->dev, feature, st->file, st->ln->no);
	tc_p_skipped_quiet(st);
}

/* Features of the table entries that name one (by the entry's last keyword). */
static const struct {
	const char *kw, *feature;
} notes[] = {
	{"virtual-link", "OSPF virtual link"},
	{"sham-link", "OSPF sham link"},
	{"max-metric", "OSPF max-metric"},
	{"summary-address", "OSPF summary-address"},
	{"default-metric", "OSPF default-metric"},
	{"distribute-list", "distribute-list"},
	{"offset-list", "offset-list"},
	{"variance", "EIGRP variance"},
	{"weights", "EIGRP metric weights"},
	{"leak-map", "EIGRP leak-map"},
	{"local-as", "BGP local-as"},
	{"allowas-in", "BGP allowas-in"},
	{"as-override", "BGP as-override"},
	{"remove-private-as", "BGP remove-private-as"},
	{"filter-list", "BGP filter-list"},
	{"unsuppress-map", "BGP unsuppress-map"},
	{"advertise-map", "BGP conditional advertisement"},
	{"inherit", "BGP peer templates"},
	{"template", "BGP peer templates"},
	{"next-hop-unchanged", "BGP next-hop-unchanged"},
	{"confederation", "BGP confederations"},
	{"dampening", "BGP dampening"},
	{"listen", "BGP dynamic neighbours"},
	{"service-family", "EIGRP service-family"},
	{"ipv6", "EIGRP IPv6"},
	{"mpls", "MPLS"},
	{"address-family", "RIP VRF address family"},
	{"shutdown", "EIGRP af-interface shutdown"},
};

/* The feature named by keyword kw in notes, or NULL. */
static const char *note_feature(const tc_tok *kw)
{
	for (size_t k = 0; k < sizeof notes / sizeof notes[0]; k++)
		if (tc_tok_is(kw, notes[k].kw))
			return notes[k].feature;
	return NULL;
}

/* A table entry whose feature is not modelled: the note named after its last keyword. */
static int h_note(tc_pstate *st, const tc_line *ln, size_t at)
{
	const char *feature = note_feature(&ln->tok[at - 1]);
	if (feature)
		rt_note(st, feature);
	tc_p_push(st, NULL, NULL);
	return 0;
}

static bool num_at(const tc_line *ln, size_t i, unsigned max, unsigned *out)
{
	return i < ln->ntok && tc_tok_uint(&ln->tok[i], max, out);
}

/* A number at token i, or a bad-syntax report. */
static bool need_num(tc_pstate *st, const tc_line *ln, size_t i, unsigned max, unsigned *out)
{
	if (num_at(ln, i, max, out))
		return true;
	tc_p_bad(st, i, "expected a number (0 to %u)", max);
	return false;
}

/* An AS number: asplain, or asdot X.Y (= X * 65536 + Y). */
static bool asn_at(const tc_line *ln, size_t i, unsigned *out)
{
	if (num_at(ln, i, 4294967295u, out))
		return true;
	if (i >= ln->ntok)
		return false;
	const tc_tok *t = &ln->tok[i];
	const char *dot = memchr(t->p, '.', t->len);
	unsigned hi, lo;
	if (!dot)
		return false;
	tc_tok a = {t->p, (size_t)(dot - t->p)}, b = {dot + 1, t->len - a.len - 1};
	if (!tc_tok_uint(&a, 65535, &hi) || !tc_tok_uint(&b, 65535, &lo))
		return false;
	*out = hi << 16 | lo;
	return true;
}

/* The classful network of a: /8, /16 or /24 (class D and E: the address itself); 0.0.0.0
 * stands for every address (BGP `network 0.0.0.0` is the default route). */
static tc_prefix classful(uint32_t a)
{
	uint8_t len = a == 0		? 0
		      : a < 0x80000000u ? 8
		      : a < 0xc0000000u ? 16
		      : a < 0xe0000000u ? 24
					: 32;
	return tc_prefix_make(a, len);
}

/* An OSPF area id at token i: a number or a dotted quad (`area 0` = `area 0.0.0.0`). */
static bool area_at(tc_pstate *st, const tc_line *ln, size_t i, uint32_t *out)
{
	unsigned v;
	if (num_at(ln, i, 4294967295u, &v)) {
		*out = v;
		return true;
	}
	if (i < ln->ntok && tc_ip_parse(out, ln->tok[i].p, ln->tok[i].len) == 0)
		return true;
	tc_p_bad(st, i, "expected an area id (a number or A.B.C.D)");
	return false;
}

/* An interface name at token *i ("GigabitEthernet 0/1" joined as IOS does); advances *i. */
static const char *ifname_at(tc_pstate *st, const tc_line *ln, size_t *i)
{
	const tc_tok *t = &ln->tok[*i];
	(*i)++;
	if (*i < ln->ntok && ln->tok[*i].p[0] >= '0' && ln->tok[*i].p[0] <= '9' &&
	    !(t->p[t->len - 1] >= '0' && t->p[t->len - 1] <= '9')) {
		const tc_tok *u = &ln->tok[(*i)++];
		return tc_arena_printf(st->m->arena, "%.*s%.*s", (int)t->len, t->p, (int)u->len,
				       u->p);
	}
	return tc_arena_strndup(st->m->arena, t->p, t->len);
}

/* `A WILDCARD` (IOS; also `A MASK` where IOS takes either: EIGRP) or `A MASK` (ASA) at token i. */
static bool net_at(tc_pstate *st, const tc_line *ln, size_t i, bool either, tc_prefix *out)
{
	uint32_t a, w;
	uint8_t len;
	if (i >= ln->ntok || !tc_p_ip(st, &ln->tok[i], &a)) {
		tc_p_bad(st, i, "expected an IPv4 address");
		return false;
	}
	bool masks = st->ops->net_masks;
	if (i + 1 >= ln->ntok || !tc_p_quad_st(st, ln->tok[i + 1].p, ln->tok[i + 1].len, &w)) {
		tc_p_bad(st, i + 1, masks ? "expected a netmask" : "expected a wildcard mask");
		return false;
	}
	bool ok = masks ? tc_p_mask_len(w, &len)
			: tc_p_wild_len(w, &len) || (either && tc_p_mask_len(w, &len));
	if (!ok) {
		tc_p_diag(st, i + 1, TC_SEV_WARNING, "unsupported",
			  "non-contiguous masks are not modelled; line skipped");
		tc_p_skipped_quiet(st);
		return false;
	}
	*out = tc_prefix_make(a, len);
	return true;
}

/* An unknown option: said, and the rest of the line ignored. */
static void unknown_option(tc_pstate *st, size_t i, const char *what)
{
	tc_p_diag(st, i, TC_SEV_WARNING, "unknown-option", "unknown %s option ignored", what);
}

static void set_origin(tc_pstate *st, const char **file, unsigned *line)
{
	*file = st->file;
	*line = st->ln->no;
}

/* ---- settings every process kind has ------------------------------------------------------ */

static const struct {
	const char *w;
	uint8_t kind;
	bool has_id;
} sources[] = {
	{"connected", TC_RP_CONNECTED, false},
	{"static", TC_RP_STATIC, false},
	{"ospf", TC_RP_OSPF, true},
	{"eigrp", TC_RP_EIGRP, true},
	{"bgp", TC_RP_BGP, true},
	{"rip", TC_RP_RIP, false},
};

/* `metric N` (EIGRP: `metric BW DELAY REL LOAD MTU`; RIP: `metric transparent`) at *i. */
static bool redist_metric(tc_pstate *st, const tc_line *ln, size_t *i, tc_redist *r)
{
	unsigned v;
	if (*i < ln->ntok && tc_tok_is(&ln->tok[*i], "transparent")) {
		(*i)++;
		return true;
	}
	if (!need_num(st, ln, *i, 4294967295u, &v))
		return false;
	r->has_metric = true;
	r->metric = v;
	(*i)++;
	if (st->prt.proc->kind != TC_RP_EIGRP)
		return true;
	if (num_at(ln, *i, 4294967295u, &v)) {
		r->eigrp_delay = v;
		(*i)++;
	}
	for (int k = 0; k < 3 && num_at(ln, *i, 4294967295u, &v); k++)
		(*i)++; /* reliability, load, MTU: K2 = K4 = K5 = 0 */
	return true;
}

/* The source of a redistribute line at token at: its index in sources, or -1 (said). */
static int redist_source(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a protocol to redistribute");
		return -1;
	}
	for (size_t k = 0; k < sizeof sources / sizeof sources[0]; k++)
		if (tc_tok_is(&ln->tok[at], sources[k].w))
			return (int)k;
	static const char *const others[] = {"isis",   "odr",	  "mobile", "lisp", "iso-igrp",
					     "ospfv3", "eigrpv6", "egp",    "igrp", NULL};
	if (tc_tok_in(&ln->tok[at], others)) {
		char feature[64];
		snprintf(feature, sizeof feature, "redistribution from %.*s", (int)ln->tok[at].len,
			 ln->tok[at].p);
		rt_note(st, feature);
	} else if (tc_tok_is(&ln->tok[at], "maximum-prefix")) {
		tc_p_skipped_quiet(st);
	} else {
		tc_p_bad(st, at, "expected connected, static, ospf N, eigrp N, bgp N or rip");
	}
	return -1;
}

static int h_redistribute(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* redistribute FROM [ID] [metric ...] [metric-type 1|2] [subnets] [route-map R]
	   [tag T] [match internal|external ...] */
	int k = redist_source(st, ln, at);
	if (k < 0)
		return 0;
	size_t i = at + 1;
	unsigned id = 0;
	if (sources[k].has_id) {
		if (!asn_at(ln, i, &id)) {
			tc_p_bad(st, i, "expected a process id or AS number");
			return 0;
		}
		i++;
	}
	tc_redist *r = tc_redist_add(st->m, st->prt.proc);
	r->from = sources[k].kind;
	r->from_id = id;
	set_origin(st, &r->file, &r->line);
	static const char *const match_words[] = {"internal", "external", "nssa-external",
						  "1",	      "2",	  NULL};
	unsigned v;
	while (i < ln->ntok) {
		const tc_tok *t = &ln->tok[i++];
		if (tc_tok_is(t, "metric")) {
			if (!redist_metric(st, ln, &i, r))
				return 0;
		} else if (tc_tok_is(t, "metric-type") && num_at(ln, i, 2, &v) && v >= 1) {
			r->metric_type = (uint8_t)v;
			i++;
		} else if (tc_tok_is(t, "subnets")) {
			r->subnets = true;
		} else if (tc_tok_is(t, "route-map") && i < ln->ntok) {
			r->route_map = tc_p_dup(st, ln, i++);
		} else if (tc_tok_is(t, "tag") && i < ln->ntok) {
			i++;
		} else if (tc_tok_is(t, "match")) {
			while (i < ln->ntok && tc_tok_in(&ln->tok[i], match_words))
				i++;
		} else if (tc_tok_is(t, "vrf") && i < ln->ntok) {
			i++;
		} else if (!tc_tok_is(t, "include-connected") && !tc_tok_is(t, "nssa-only")) {
			unknown_option(st, i - 1, "redistribute");
			break;
		}
	}
	return 0;
}

static int h_passive(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* [no] passive-interface default | IF */
	tc_rproc *p = st->prt.proc;
	bool no = tc_tok_is(&ln->tok[0], "no");
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an interface or default");
		return 0;
	}
	if (tc_tok_is(&ln->tok[at], "default")) {
		p->passive_default = !no;
		return 0;
	}
	size_t i = at;
	tc_ifname_list_add(st->m, no ? &p->active : &p->passive, ifname_at(st, ln, &i));
	return 0;
}

static int h_router_id(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* router-id A | eigrp router-id A | bgp router-id A */
	uint32_t a;
	if (at >= ln->ntok || !tc_p_ip(st, &ln->tok[at], &a)) {
		tc_p_bad(st, at, "expected a router id A.B.C.D");
		return 0;
	}
	st->prt.proc->router_id = a;
	st->prt.proc->has_router_id = true;
	return 0;
}

static int h_shutdown(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	st->prt.proc->shutdown = true;
	return 0;
}

static int h_auto_summary(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	st->prt.proc->auto_summary = !tc_tok_is(&ln->tok[0], "no");
	return 0;
}

static int h_maximum_paths(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* maximum-paths N | maximum-paths eibgp N; `ibgp N` (BGP) is its own multipath */
	unsigned v;
	size_t i = at;
	if (i < ln->ntok && tc_tok_is(&ln->tok[i], "ibgp")) {
		rt_note(st, "BGP maximum-paths ibgp");
		return 0;
	}
	if (i < ln->ntok && tc_tok_is(&ln->tok[i], "eibgp"))
		i++;
	if (need_num(st, ln, i, 64, &v))
		st->prt.proc->maximum_paths = v;
	return 0;
}

static int h_default_metric(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* default-metric N (RIP, BGP) | default-metric BW DELAY REL LOAD MTU (EIGRP) */
	tc_rproc *p = st->prt.proc;
	unsigned v, delay;
	if (!need_num(st, ln, at, 4294967295u, &v))
		return 0;
	if (p->kind != TC_RP_EIGRP) {
		p->default_metric = v;
		return 0;
	}
	if (!need_num(st, ln, at + 1, 4294967295u, &delay))
		return 0;
	p->eigrp_default_bw = v;
	p->eigrp_default_delay = delay;
	return 0;
}

/* `distance ospf intra-area A inter-area B external C` (any of them, any order). */
static void distance_ospf(tc_pstate *st, const tc_line *ln, size_t i)
{
	static const char *const kinds[] = {"intra-area", "inter-area", "external", NULL};
	while (i < ln->ntok) {
		size_t k = 0;
		while (kinds[k] && !tc_tok_is(&ln->tok[i], kinds[k]))
			k++;
		unsigned v;
		if (!kinds[k] || !need_num(st, ln, i + 1, 255, &v)) {
			if (!kinds[k])
				unknown_option(st, i, "distance ospf");
			return;
		}
		st->prt.proc->distance[k] = (uint8_t)v;
		i += 2;
	}
}

static int h_distance(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* distance N [SOURCE WILDCARD [ACL]] | distance ospf ... | distance eigrp I E |
	   distance bgp E I L */
	tc_rproc *p = st->prt.proc;
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a distance");
		return 0;
	}
	const tc_tok *t = &ln->tok[at];
	if (tc_tok_is(t, "ospf") && p->kind == TC_RP_OSPF) {
		distance_ospf(st, ln, at + 1);
		return 0;
	}
	if ((tc_tok_is(t, "eigrp") && p->kind == TC_RP_EIGRP) ||
	    (tc_tok_is(t, "bgp") && p->kind == TC_RP_BGP)) {
		unsigned n = p->kind == TC_RP_BGP ? 3 : 2, v[3];
		for (unsigned k = 0; k < n; k++)
			if (!need_num(st, ln, at + 1 + k, 255, &v[k]))
				return 0;
		for (unsigned k = 0; k < n; k++)
			p->distance[k] = (uint8_t)v[k];
		return 0;
	}
	unsigned v;
	if (!need_num(st, ln, at, 255, &v))
		return 0;
	if (at + 1 < ln->ntok || p->kind == TC_RP_EIGRP || p->kind == TC_RP_BGP) {
		rt_note(st, "distance by route source");
		return 0;
	}
	for (unsigned k = 0; k < (p->kind == TC_RP_OSPF ? 3u : 1u); k++)
		p->distance[k] = (uint8_t)v;
	return 0;
}

static int h_default_info(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* default-information originate [always] [metric M] [metric-type T] [route-map R] */
	tc_rproc *p = st->prt.proc;
	p->default_originate = true;
	unsigned v;
	for (size_t i = at; i < ln->ntok; i++) {
		const tc_tok *t = &ln->tok[i];
		if (tc_tok_is(t, "always"))
			p->default_always = true;
		else if (tc_tok_is(t, "metric") && need_num(st, ln, i + 1, 16777214, &v))
			p->default_metric = v, i++;
		else if (tc_tok_is(t, "metric-type") && num_at(ln, i + 1, 2, &v) && v >= 1)
			p->default_metric_type = (uint8_t)v, i++;
		else if (tc_tok_is(t, "route-map") && i + 1 < ln->ntok) {
			tc_rt_unmodelled(st->m, st->dev, "default-information originate route-map",
					 st->file, ln->no);
			i++;
		} else {
			if (!tc_tok_is(t, "metric"))
				unknown_option(st, i, "default-information");
			break;
		}
	}
	return 0;
}

/* A line valid in the block that the pass need not model (structure, timers, logging). */
#define SKIP(kw)                                                                                   \
	{                                                                                          \
		kw, NULL, 0                                                                        \
	}

/* ---- OSPF --------------------------------------------------------------------------------- */

static int h_ospf_network(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* network A WILDCARD area X (ASA: network A MASK area X) */
	tc_prefix net;
	uint32_t area;
	if (!net_at(st, ln, at, false, &net))
		return 0;
	if (at + 2 >= ln->ntok || !tc_tok_is(&ln->tok[at + 2], "area")) {
		tc_p_bad(st, at + 2, "expected area X");
		return 0;
	}
	if (!area_at(st, ln, at + 3, &area))
		return 0;
	tc_rnet *n = tc_rnet_add(st->m, st->prt.proc);
	n->net = net;
	n->area = area;
	set_origin(st, &n->file, &n->line);
	if (at + 4 < ln->ntok)
		unknown_option(st, at + 4, "network");
	return 0;
}

/* area X nssa|stub [no-summary] [default-information-originate ...] [no-redistribution] */
static void area_stub(tc_pstate *st, const tc_line *ln, size_t i, tc_area *a, bool nssa)
{
	a->type = nssa ? TC_AREA_NSSA : TC_AREA_STUB;
	static const char *const nssa_skip[] = {"no-redistribution",
						"no-ext-capability",
						"translate",
						"type7",
						"suppress-fa",
						"always",
						NULL};
	for (; i < ln->ntok; i++) {
		const tc_tok *t = &ln->tok[i];
		unsigned v;
		if (tc_tok_is(t, "no-summary"))
			a->no_summary = true;
		else if (nssa && tc_tok_is(t, "default-information-originate"))
			a->nssa_default = true;
		else if (nssa && (tc_tok_is(t, "metric") || tc_tok_is(t, "metric-type")) &&
			 num_at(ln, i + 1, 16777214, &v))
			i++;
		else if (!nssa || !tc_tok_in(t, nssa_skip)) {
			unknown_option(st, i, nssa ? "area nssa" : "area stub");
			return;
		}
	}
}

static void area_range(tc_pstate *st, const tc_line *ln, size_t i, tc_area *a)
{
	/* area X range A M [advertise|not-advertise] [cost C] */
	tc_prefix p;
	if (!tc_p_netmask(st, ln, i, &p))
		return;
	tc_range *r = tc_range_add(st->m, &a->ranges);
	r->net = p;
	set_origin(st, &r->file, &r->line);
	for (i += 2; i < ln->ntok; i++) {
		if (tc_tok_is(&ln->tok[i], "not-advertise"))
			r->not_advertise = true;
		else if (tc_tok_is(&ln->tok[i], "cost") &&
			 need_num(st, ln, i + 1, 16777215, &r->cost))
			i++;
		else if (!tc_tok_is(&ln->tok[i], "advertise")) {
			if (!tc_tok_is(&ln->tok[i], "cost"))
				unknown_option(st, i, "area range");
			return;
		}
	}
}

static int h_area(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* area X stub|nssa|range|default-cost|virtual-link|authentication|... */
	uint32_t id;
	if (!area_at(st, ln, at, &id))
		return 0;
	const tc_tok *w = at + 1 < ln->ntok ? &ln->tok[at + 1] : NULL;
	if (!w || tc_tok_is(w, "authentication") || tc_tok_is(w, "capability") ||
	    tc_tok_is(w, "flood-reduction")) {
		tc_p_skipped_quiet(st); /* `area X` alone, authentication: no routes change */
		return 0;
	}
	const char *feature =
		tc_tok_is(w, "filter-list") ? "OSPF area filter-list"
		: tc_tok_is(w, "virtual-link") || tc_tok_is(w, "sham-link") || tc_tok_is(w, "mpls")
			? note_feature(w)
			: NULL;
	if (feature) {
		rt_note(st, feature);
		return 0;
	}
	tc_area *a = tc_area_get(st->m, st->prt.proc, id);
	if (!a->line)
		set_origin(st, &a->file, &a->line);
	if (tc_tok_is(w, "stub") || tc_tok_is(w, "nssa"))
		area_stub(st, ln, at + 2, a, tc_tok_is(w, "nssa"));
	else if (tc_tok_is(w, "range"))
		area_range(st, ln, at + 2, a);
	else if (tc_tok_is(w, "default-cost"))
		need_num(st, ln, at + 2, 16777215, &a->default_cost);
	else
		unknown_option(st, at + 1, "area");
	return 0;
}

static int h_auto_cost(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* auto-cost reference-bandwidth N (Mbit/s) */
	need_num(st, ln, at, 4294967, &st->prt.proc->ref_bw_mbps);
	return 0;
}

/* ---- EIGRP ---------------------------------------------------------------------------------- */

static int h_eigrp_network(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* network A [WILDCARD] (ASA: network A [MASK]); alone, A's classful network */
	tc_prefix net;
	uint32_t a;
	if (at + 1 < ln->ntok) {
		if (!net_at(st, ln, at, true, &net))
			return 0;
	} else if (at < ln->ntok && tc_p_ip(st, &ln->tok[at], &a)) {
		net = classful(a);
	} else {
		tc_p_bad(st, at, "expected an IPv4 address");
		return 0;
	}
	tc_rnet *n = tc_rnet_add(st->m, st->prt.proc);
	n->net = net;
	set_origin(st, &n->file, &n->line);
	return 0;
}

static int h_eigrp_stub(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* eigrp stub [connected] [summary] [static] [redistributed] [receive-only]
	   [leak-map X]; alone: connected summary */
	static const char *const words[] = {"connected",     "summary",	     "static",
					    "redistributed", "receive-only", NULL};
	tc_rproc *p = st->prt.proc;
	p->stub = true;
	p->stub_flags = 0;
	for (size_t i = at; i < ln->ntok; i++) {
		size_t k = 0;
		while (words[k] && !tc_tok_is(&ln->tok[i], words[k]))
			k++;
		if (words[k]) {
			p->stub_flags |= (uint8_t)(1u << k);
		} else if (tc_tok_is(&ln->tok[i], "leak-map")) {
			tc_rt_unmodelled(st->m, st->dev, "EIGRP leak-map", st->file, ln->no);
			i++;
		} else {
			unknown_option(st, i, "eigrp stub");
			break;
		}
	}
	if (!p->stub_flags)
		p->stub_flags = TC_EIGRP_STUB_CONNECTED | TC_EIGRP_STUB_SUMMARY;
	return 0;
}

/* `ip summary-address eigrp AS A M [AD] [leak-map X]` of interface i. */
static void eigrp_summary(tc_pstate *st, tc_iface *i, unsigned as, tc_prefix p)
{
	tc_iface_rt *rt = tc_iface_rt_get(st->m, i);
	if (!rt->line)
		set_origin(st, &rt->file, &rt->line);
	tc_range *r = tc_range_add(st->m, &rt->eigrp_summaries);
	r->net = p;
	set_origin(st, &r->file, &r->line);
	rt->eigrp_summary_as = as;
}

/* The end of an address family: the router block's lines go to its own process again. */
static void af_close(tc_pstate *st)
{
	st->prt.proc = st->prt.parent;
}

static int h_eigrp_af(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* address-family ipv4 [unicast] [vrf V] autonomous-system AS (named mode; classic
	   `router eigrp AS` takes it for a VRF, its AS by default) */
	const char *vrf = NULL;
	bool named = st->prt.eigrp_name != NULL;
	unsigned as = named ? 0 : st->prt.parent->id;
	bool has_as = !named;
	for (size_t i = at; i < ln->ntok; i++) {
		const tc_tok *t = &ln->tok[i];
		if (tc_tok_is(t, "vrf") && i + 1 < ln->ntok)
			vrf = tc_p_dup(st, ln, ++i);
		else if (tc_tok_is(t, "autonomous-system") && need_num(st, ln, i + 1, 65535, &as))
			has_as = true, i++;
		else if (tc_tok_is(t, "multicast")) {
			tc_p_skipped_quiet(st);
			tc_p_push(st, NULL, NULL);
			return 0;
		} else if (!tc_tok_is(t, "unicast")) {
			if (!tc_tok_is(t, "autonomous-system"))
				unknown_option(st, i, "address-family");
			break;
		}
	}
	if (!has_as) {
		if (st->lstat == TC_L_MODELLED)
			tc_p_bad(st, ln->ntok, "expected autonomous-system AS");
		tc_p_push(st, NULL, NULL);
		return 0;
	}
	tc_rproc *p = tc_rproc_get(st->m, st->dev, TC_RP_EIGRP, as, st->prt.eigrp_name, vrf);
	if (!p->line)
		set_origin(st, &p->file, &p->line);
	st->prt.proc = p;
	tc_p_push(st, named ? &eigrp_af_tab : &eigrp_tab, af_close);
	return 0;
}

static int h_afif(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* af-interface IF | af-interface default */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an interface or default");
		return 0;
	}
	size_t i = at;
	st->prt.afif = tc_tok_is(&ln->tok[at], "default") ? NULL : ifname_at(st, ln, &i);
	tc_p_push(st, &afif_tab, NULL);
	return 0;
}

static int h_afif_passive(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	tc_rproc *p = st->prt.proc;
	bool no = tc_tok_is(&ln->tok[0], "no");
	if (!st->prt.afif)
		p->passive_default = !no;
	else
		tc_ifname_list_add(st->m, no ? &p->active : &p->passive, st->prt.afif);
	return 0;
}

static int h_afif_summary(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* summary-address A M | A/LEN (named mode, inside af-interface IF) */
	tc_prefix p;
	if (at < ln->ntok && memchr(ln->tok[at].p, '/', ln->tok[at].len)) {
		if (tc_prefix_parse(&p, ln->tok[at].p, ln->tok[at].len) != 0) {
			tc_p_bad(st, at, "expected A/LEN");
			return 0;
		}
	} else if (!tc_p_netmask(st, ln, at, &p)) {
		return 0;
	}
	if (!st->prt.afif) {
		rt_note(st, "EIGRP summary-address on af-interface default");
		return 0;
	}
	tc_iface *i = tc_iface_find(st->dev, st->prt.afif);
	if (!i) {
		tc_p_diag(st, SIZE_MAX, TC_SEV_WARNING, "unknown-interface",
			  "af-interface names no interface configured above; summary ignored");
		return 0;
	}
	eigrp_summary(st, i, st->prt.proc->id, p);
	return 0;
}

static int h_topology(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* topology base | topology NAME tid N (multi-topology: not modelled) */
	if (at < ln->ntok && tc_tok_is(&ln->tok[at], "base")) {
		tc_p_push(st, &topo_tab, NULL);
		return 0;
	}
	rt_note(st, "EIGRP multi-topology");
	tc_p_push(st, NULL, NULL);
	return 0;
}

/* ---- BGP ------------------------------------------------------------------------------------ */

static struct tc_pgroup *group_find(tc_pstate *st, const tc_tok *name)
{
	for (struct tc_pgroup *g = st->prt.groups; g; g = g->next)
		if (strlen(g->name) == name->len && memcmp(g->name, name->p, name->len) == 0)
			return g;
	return NULL;
}

static struct tc_pgroup *group_get(tc_pstate *st, const tc_tok *name)
{
	struct tc_pgroup *g = group_find(st, name);
	if (g)
		return g;
	g = tc_arena_alloc(st->ctx->scratch, sizeof *g);
	g->name = tc_arena_strndup(st->ctx->scratch, name->p, name->len);
	g->nbr.activated = !st->prt.bgp_no_v4_default;
	g->next = st->prt.groups;
	st->prt.groups = g;
	return g;
}

/* The neighbour named at token i (an address, or a peer-group's template): sets st->prt.nbr
 * and st->prt.group; false for an IPv6 neighbour (not modelled). */
static bool nbr_at(tc_pstate *st, const tc_line *ln, size_t i)
{
	const tc_tok *t = &ln->tok[i];
	uint32_t a;
	st->prt.group = NULL;
	if (memchr(t->p, ':', t->len))
		return false;
	if (!tc_p_ip(st, t, &a)) {
		st->prt.group = group_get(st, t);
		st->prt.nbr = &st->prt.group->nbr;
		return true;
	}
	tc_bgp_nbr *n = tc_bgp_nbr_get(st->m, st->prt.proc, a);
	if (!n->line) {
		set_origin(st, &n->file, &n->line);
		n->activated = !st->prt.bgp_no_v4_default;
	}
	st->prt.nbr = n;
	return true;
}

static int h_bgp_neighbor(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* neighbor A|GROUP SETTING ... */
	if (at + 1 >= ln->ntok) {
		tc_p_bad(st, at + 1, "expected a neighbour and a setting");
		return 0;
	}
	if (!nbr_at(st, ln, at)) {
		tc_p_skipped_quiet(st); /* IPv6 */
		return 0;
	}
	const tc_cmd *c = tc_cmdtab_find(&nbr_tab, ln, at + 1);
	if (!c) {
		tc_p_diag(st, at + 1, TC_SEV_WARNING, "unknown-option",
			  "unknown BGP neighbour setting; line skipped");
		tc_p_skipped_quiet(st);
		return 0;
	}
	if (!c->fn) {
		tc_p_skipped_quiet(st);
		return 0;
	}
	return c->fn(st, ln, at + 1 + c->nw);
}

static int h_bgp_no_neighbor(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* no neighbor A activate; other `no neighbor` lines turn off what is not set */
	if (at + 1 < ln->ntok && tc_tok_is(&ln->tok[at + 1], "activate") && nbr_at(st, ln, at)) {
		st->prt.nbr->activated = false;
		if (st->prt.group)
			st->prt.group->act_set = true;
		return 0;
	}
	tc_p_skipped_quiet(st);
	return 0;
}

static int h_nbr_remote_as(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (!asn_at(ln, at, &st->prt.nbr->remote_as))
		tc_p_bad(st, at, "expected an AS number");
	return 0;
}

static int h_nbr_peer_group(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* neighbor GROUP peer-group (a definition) | neighbor A peer-group GROUP */
	if (st->prt.group || at >= ln->ntok)
		return 0;
	struct tc_pmember *mb = tc_arena_alloc(st->ctx->scratch, sizeof *mb);
	mb->nbr = st->prt.nbr;
	mb->group = group_get(st, &ln->tok[at]);
	mb->next = st->prt.members;
	st->prt.members = mb;
	return 0;
}

static int h_nbr_update_source(tc_pstate *st, const tc_line *ln, size_t at)
{
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an interface");
		return 0;
	}
	size_t i = at;
	st->prt.nbr->update_source = ifname_at(st, ln, &i);
	return 0;
}

static int h_nbr_flag(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* next-hop-self [all] | default-originate [route-map R] | shutdown |
	   route-reflector-client | activate */
	tc_bgp_nbr *n = st->prt.nbr;
	const tc_tok *kw = &ln->tok[at - 1];
	if (tc_tok_is(kw, "next-hop-self"))
		n->next_hop_self = true;
	else if (tc_tok_is(kw, "shutdown"))
		n->shutdown = true;
	else if (tc_tok_is(kw, "route-reflector-client"))
		n->route_reflector_client = true;
	else if (tc_tok_is(kw, "activate")) {
		n->activated = true;
		if (st->prt.group)
			st->prt.group->act_set = true;
	} else {
		n->default_originate = true;
		if (at + 1 < ln->ntok && tc_tok_is(&ln->tok[at], "route-map"))
			tc_rt_unmodelled(st->m, st->dev, "BGP default-originate route-map",
					 st->file, ln->no);
	}
	return 0;
}

static int h_nbr_policy(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* route-map R in|out | prefix-list P in|out */
	if (at + 1 >= ln->ntok ||
	    !(tc_tok_is(&ln->tok[at + 1], "in") || tc_tok_is(&ln->tok[at + 1], "out"))) {
		tc_p_bad(st, at + 1, "expected a name and in or out");
		return 0;
	}
	bool in = tc_tok_is(&ln->tok[at + 1], "in");
	tc_bgp_nbr *n = st->prt.nbr;
	bool rmap = tc_tok_is(&ln->tok[at - 1], "route-map");
	const char **slot =
		rmap ? (in ? &n->rmap_in : &n->rmap_out) : (in ? &n->plist_in : &n->plist_out);
	*slot = tc_p_dup(st, ln, at);
	return 0;
}

static int h_nbr_weight(tc_pstate *st, const tc_line *ln, size_t at)
{
	need_num(st, ln, at, 65535, &st->prt.nbr->weight);
	return 0;
}

static int h_nbr_password(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* the TCP MD5 password: a session matter, and a secret never kept */
	(void)ln;
	(void)at;
	tc_p_skipped_quiet(st);
	return 0;
}

static int h_bgp_network(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* network A [mask M] [route-map R] [backdoor]; without mask: A's classful network */
	uint32_t a;
	if (at >= ln->ntok || !tc_p_ip(st, &ln->tok[at], &a)) {
		if (at < ln->ntok && memchr(ln->tok[at].p, ':', ln->tok[at].len)) {
			tc_p_skipped_quiet(st);
			return 0;
		}
		tc_p_bad(st, at, "expected an IPv4 address");
		return 0;
	}
	tc_prefix net = classful(a);
	size_t i = at + 1;
	if (i < ln->ntok && tc_tok_is(&ln->tok[i], "mask")) {
		if (!tc_p_netmask_of(st, ln, i, a, &net))
			return 0;
		i += 2;
	}
	const char *rmap = NULL;
	for (; i < ln->ntok; i++) {
		if (tc_tok_is(&ln->tok[i], "route-map") && i + 1 < ln->ntok)
			rmap = tc_p_dup(st, ln, ++i);
		else if (tc_tok_is(&ln->tok[i], "backdoor")) {
			rt_note(st, "BGP backdoor networks");
			return 0;
		} else {
			unknown_option(st, i, "network");
			break;
		}
	}
	tc_rnet *n = tc_rnet_add(st->m, st->prt.proc);
	n->net = net;
	n->route_map = rmap;
	set_origin(st, &n->file, &n->line);
	return 0;
}

static int h_aggregate(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* aggregate-address A M [summary-only] [as-set] [...] */
	tc_prefix p;
	if (at < ln->ntok && memchr(ln->tok[at].p, ':', ln->tok[at].len)) {
		tc_p_skipped_quiet(st);
		return 0;
	}
	if (!tc_p_netmask(st, ln, at, &p))
		return 0;
	tc_range *r = tc_range_add(st->m, &st->prt.proc->summaries);
	r->net = p;
	set_origin(st, &r->file, &r->line);
	for (size_t i = at + 2; i < ln->ntok; i++) {
		if (tc_tok_is(&ln->tok[i], "summary-only"))
			r->summary_only = true;
		else if (!tc_tok_is(&ln->tok[i], "as-set")) {
			rt_note(st, "BGP aggregate-address maps");
			break;
		}
	}
	return 0;
}

static int h_bgp_local_pref(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* bgp default local-preference N */
	need_num(st, ln, at, 4294967295u, &st->prt.proc->local_pref);
	return 0;
}

static int h_bgp_no_v4_default(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	st->prt.bgp_no_v4_default = true;
	return 0;
}

static int h_bgp_af(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* address-family ipv4 [unicast] [vrf V]: the same process, or the process of VRF V;
	   other families (vpnv4, ipv6, l2vpn...) are not modelled */
	const tc_tok *fam = at < ln->ntok ? &ln->tok[at] : NULL;
	size_t i = at + 1;
	if (fam && tc_tok_is(fam, "ipv4") && i < ln->ntok && tc_tok_is(&ln->tok[i], "unicast"))
		i++;
	bool v4 = fam && tc_tok_is(fam, "ipv4") && (i >= ln->ntok || tc_tok_is(&ln->tok[i], "vrf"));
	if (!v4) {
		char feature[64];
		snprintf(feature, sizeof feature, "BGP address family %.*s%s%.*s",
			 fam ? (int)fam->len : 0, fam ? fam->p : "", i < ln->ntok ? " " : "",
			 i < ln->ntok ? (int)ln->tok[i].len : 0, i < ln->ntok ? ln->tok[i].p : "");
		rt_note(st, feature);
		tc_p_push(st, NULL, NULL);
		return 0;
	}
	if (i < ln->ntok) {
		if (i + 1 >= ln->ntok) {
			tc_p_bad(st, i + 1, "expected a VRF name");
			tc_p_push(st, NULL, NULL);
			return 0;
		}
		tc_rproc *p = tc_rproc_get(st->m, st->dev, TC_RP_BGP, st->prt.parent->id, NULL,
					   tc_p_dup(st, ln, i + 1));
		if (!p->line)
			set_origin(st, &p->file, &p->line);
		st->prt.proc = p;
	}
	tc_p_push(st, &bgp_tab, af_close);
	return 0;
}

/* A peer-group's settings into a member, where the member has not set its own. */
static void group_copy(tc_bgp_nbr *n, const struct tc_pgroup *g)
{
	const tc_bgp_nbr *t = &g->nbr;
	if (!n->remote_as)
		n->remote_as = t->remote_as;
	if (!n->update_source)
		n->update_source = t->update_source;
	if (!n->rmap_in)
		n->rmap_in = t->rmap_in;
	if (!n->rmap_out)
		n->rmap_out = t->rmap_out;
	if (!n->plist_in)
		n->plist_in = t->plist_in;
	if (!n->plist_out)
		n->plist_out = t->plist_out;
	if (!n->weight)
		n->weight = t->weight;
	n->next_hop_self |= t->next_hop_self;
	n->default_originate |= t->default_originate;
	n->shutdown |= t->shutdown;
	n->route_reflector_client |= t->route_reflector_client;
	if (g->act_set)
		n->activated = t->activated;
}

/* End of router bgp: members get their groups' settings (given before or after them). */
static void bgp_close(tc_pstate *st)
{
	for (const struct tc_pmember *mb = st->prt.members; mb; mb = mb->next)
		group_copy(mb->nbr, mb->group);
	st->prt.members = NULL;
	st->prt.groups = NULL;
	st->prt.bgp_no_v4_default = false;
}

/* ---- router blocks ---------------------------------------------------------------------------- */

static tc_rproc *proc_open(tc_pstate *st, tc_rp_kind kind, unsigned id, const char *vrf)
{
	tc_rproc *p = tc_rproc_get(st->m, st->dev, kind, id, NULL, vrf);
	if (!p->line)
		set_origin(st, &p->file, &p->line);
	st->prt.proc = st->prt.parent = p;
	st->prt.eigrp_name = NULL;
	return p;
}

static int router_ospf(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* router ospf N [vrf V] */
	unsigned id;
	if (!need_num(st, ln, at, 65535, &id)) {
		tc_p_push(st, NULL, NULL);
		return 0;
	}
	const char *vrf = NULL;
	if (at + 2 < ln->ntok && tc_tok_is(&ln->tok[at + 1], "vrf"))
		vrf = tc_p_dup(st, ln, at + 2);
	proc_open(st, TC_RP_OSPF, id, vrf);
	tc_p_push(st, &ospf_tab, NULL);
	return 0;
}

static int router_eigrp(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* router eigrp AS (classic) | router eigrp NAME (named mode) */
	unsigned as;
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an AS number or a name");
		tc_p_push(st, NULL, NULL);
		return 0;
	}
	if (num_at(ln, at, 65535, &as)) {
		proc_open(st, TC_RP_EIGRP, as, NULL);
		tc_p_push(st, &eigrp_tab, NULL);
		return 0;
	}
	st->prt.proc = st->prt.parent = NULL;
	st->prt.eigrp_name = tc_p_dup(st, ln, at);
	tc_p_push(st, &eigrp_named_tab, NULL);
	return 0;
}

static int router_bgp(tc_pstate *st, const tc_line *ln, size_t at)
{
	unsigned as;
	if (!asn_at(ln, at, &as)) {
		tc_p_bad(st, at, "expected an AS number");
		tc_p_push(st, NULL, NULL);
		return 0;
	}
	proc_open(st, TC_RP_BGP, as, NULL);
	tc_p_push(st, &bgp_tab, bgp_close);
	return 0;
}

int tc_h_router(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* router ospf|eigrp|bgp|rip ...; other protocols are noted and skipped */
	if (at >= ln->ntok)
		return TC_ENOTFOUND;
	const tc_tok *w = &ln->tok[at];
	if (tc_tok_is(w, "ospf"))
		return router_ospf(st, ln, at + 1);
	if (tc_tok_is(w, "eigrp"))
		return router_eigrp(st, ln, at + 1);
	if (tc_tok_is(w, "bgp"))
		return router_bgp(st, ln, at + 1);
	if (tc_tok_is(w, "rip")) {
		proc_open(st, TC_RP_RIP, 0, NULL);
		tc_p_push(st, &rip_tab, NULL);
		return 0;
	}
	static const struct {
		const char *w, *feature;
	} others[] = {
		{"isis", "IS-IS"},
		{"odr", "ODR"},
		{"lisp", "LISP"},
		{"ospfv3", "OSPFv3"},
		{"mobile", "mobile routing"},
		{"igrp", "IGRP"},
		{"iso-igrp", "ISO-IGRP"},
		{"egp", "EGP"},
		{"static", "static route groups"},
	};
	for (size_t k = 0; k < sizeof others / sizeof others[0]; k++)
		if (tc_tok_is(w, others[k].w)) {
			rt_note(st, others[k].feature);
			tc_p_push(st, NULL, NULL);
			return 0;
		}
	return TC_ENOTFOUND;
}

int tc_h_ipv6_router(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	rt_note(st, "IPv6 routing protocols");
	tc_p_push(st, NULL, NULL);
	return 0;
}

int tc_h_mpls(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	rt_note(st, "MPLS");
	tc_p_push(st, NULL, NULL);
	return 0;
}

static int h_rip_version(tc_pstate *st, const tc_line *ln, size_t at)
{
	unsigned v;
	if (num_at(ln, at, 2, &v) && v >= 1)
		st->prt.proc->rip_version = v;
	else
		tc_p_bad(st, at, "expected version 1 or 2");
	return 0;
}

static int h_rip_network(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* network A: RIP takes A's classful network */
	uint32_t a;
	if (at >= ln->ntok || !tc_p_ip(st, &ln->tok[at], &a)) {
		tc_p_bad(st, at, "expected an IPv4 address");
		return 0;
	}
	tc_rnet *n = tc_rnet_add(st->m, st->prt.proc);
	n->net = classful(a);
	set_origin(st, &n->file, &n->line);
	return 0;
}

/* ---- prefix lists and route maps ------------------------------------------------------------- */

/* `permit|deny A/L [ge G] [le L]` at token i into entry fields; false after a report. */
static bool plist_rule(tc_pstate *st, const tc_line *ln, size_t i, bool *permit, tc_prefix *net,
		       unsigned *ge, unsigned *le)
{
	if (i >= ln->ntok ||
	    !(tc_tok_is(&ln->tok[i], "permit") || tc_tok_is(&ln->tok[i], "deny"))) {
		tc_p_bad(st, i, "expected permit or deny");
		return false;
	}
	*permit = tc_tok_is(&ln->tok[i], "permit");
	if (++i >= ln->ntok || tc_prefix_parse(net, ln->tok[i].p, ln->tok[i].len) != 0 ||
	    !memchr(ln->tok[i].p, '/', ln->tok[i].len)) {
		tc_p_bad(st, i, "expected a prefix A.B.C.D/LEN");
		return false;
	}
	*ge = *le = 0;
	for (i++; i < ln->ntok; i += 2) {
		bool is_ge = tc_tok_is(&ln->tok[i], "ge");
		if (!is_ge && !tc_tok_is(&ln->tok[i], "le")) {
			unknown_option(st, i, "prefix-list");
			break;
		}
		if (!need_num(st, ln, i + 1, 32, is_ge ? ge : le))
			return false;
	}
	if ((*ge && *ge <= net->len) || (*le && (*le < net->len || (*ge && *le < *ge)))) {
		tc_p_bad(st, SIZE_MAX, "prefix-list lengths must satisfy LEN < ge <= le <= 32");
		return false;
	}
	return true;
}

int tc_h_prefix_list(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* [ip] prefix-list NAME [seq N] permit|deny A/L [ge G] [le L] |
	   [ip] prefix-list NAME description TEXT | [ip] prefix-list sequence-number */
	if (at + 1 >= ln->ntok) {
		tc_p_bad(st, at + 1, "expected a name and a rule");
		return 0;
	}
	const tc_tok *w = &ln->tok[at + 1];
	if (tc_tok_is(&ln->tok[at], "sequence-number") || tc_tok_is(w, "description")) {
		tc_p_skipped_quiet(st);
		return 0;
	}
	if (memchr(w->p, ':', w->len) ||
	    (at + 3 < ln->ntok && memchr(ln->tok[at + 3].p, ':', ln->tok[at + 3].len))) {
		tc_p_skipped_quiet(st); /* an IPv6 prefix */
		return 0;
	}
	unsigned seq = 0;
	size_t i = at + 1;
	if (tc_tok_is(w, "seq")) {
		if (!need_num(st, ln, i + 1, 4294967295u, &seq))
			return 0;
		i += 2;
	} else if (num_at(ln, i, 4294967295u, &seq)) {
		i++; /* `NAME 20 permit ...`: the number without `seq` */
	}
	bool permit;
	tc_prefix net;
	unsigned ge, le;
	if (!plist_rule(st, ln, i, &permit, &net, &ge, &le))
		return 0;
	tc_plist *pl = tc_plist_get(st->m, st->dev, tc_p_dup(st, ln, at));
	if (!pl->line)
		set_origin(st, &pl->file, &pl->line);
	if (!seq) /* IOS numbers unnumbered entries 5, 10, ...: the largest so far plus 5 */
		seq = (pl->last ? pl->last->seq : 0) + 5;
	tc_plist_entry *e = tc_plist_entry_add(st->m, pl, seq);
	e->permit = permit;
	e->net = net;
	e->ge = (uint8_t)ge;
	e->le = (uint8_t)le;
	set_origin(st, &e->file, &e->line);
	return 0;
}

int tc_h_route_map(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* route-map NAME [permit|deny] [SEQ]: permit 10 by default */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a route-map name");
		return 0;
	}
	bool permit = true;
	unsigned seq = 10;
	size_t i = at + 1;
	if (i < ln->ntok && (tc_tok_is(&ln->tok[i], "permit") || tc_tok_is(&ln->tok[i], "deny")))
		permit = tc_tok_is(&ln->tok[i++], "permit");
	if (i < ln->ntok && !need_num(st, ln, i++, 65535, &seq)) {
		tc_p_push(st, NULL, NULL);
		return 0;
	}
	tc_rmap *rm = tc_rmap_get(st->m, st->dev, tc_p_dup(st, ln, at));
	if (!rm->line)
		set_origin(st, &rm->file, &rm->line);
	tc_rmap_clause *c = tc_rmap_clause_get(st->m, rm, seq, permit);
	set_origin(st, &c->file, &c->line);
	st->prt.clause = c;
	tc_p_push(st, &rmap_tab, NULL);
	return 0;
}

/* A clause line the pass does not model (what: "set community"): the clause keeps the first,
 * the device notes it. */
static void rmap_unsupported_as(tc_pstate *st, const char *what)
{
	tc_rmap_clause *c = st->prt.clause;
	if (!c->unsupported) {
		c->unsupported = tc_arena_strdup(st->m->arena, what);
		c->unsupported_line = st->ln->no;
	}
	char feature[128];
	snprintf(feature, sizeof feature, "route-map %s", what);
	rt_note(st, feature);
}

/* The same, named by the line's first nw words. */
static void rmap_unsupported(tc_pstate *st, const tc_line *ln, size_t nw)
{
	char what[96];
	int n = 0;
	for (size_t k = 0; k < nw && k < ln->ntok && n < (int)sizeof what; k++)
		n += snprintf(what + n, sizeof what - (size_t)n, "%s%.*s", k ? " " : "",
			      (int)ln->tok[k].len, ln->tok[k].p);
	rmap_unsupported_as(st, what);
}

static int h_rm_other(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)at;
	rmap_unsupported(st, ln, tc_tok_is(&ln->tok[0], "continue") ? 1 : 2);
	return 0;
}

static int h_rm_match_plist(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* match ip address prefix-list NAME [NAME ...] */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected a prefix-list name");
		return 0;
	}
	const char **slot = &st->prt.clause->match_plist;
	if (at + 1 < ln->ntok ||
	    (*slot && !tc_tok_eq(ln->tok[at], (tc_tok){*slot, strlen(*slot)}))) {
		rmap_unsupported_as(st, "match of several prefix lists");
		return 0;
	}
	*slot = tc_p_dup(st, ln, at);
	return 0;
}

static int h_rm_match_acl(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* match ip address ACL [ACL ...] */
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an access list");
		return 0;
	}
	const char **slot = &st->prt.clause->match_acl;
	if (at + 1 < ln->ntok ||
	    (*slot && !tc_tok_eq(ln->tok[at], (tc_tok){*slot, strlen(*slot)}))) {
		rmap_unsupported_as(st, "match of several access lists");
		return 0;
	}
	*slot = tc_p_dup(st, ln, at);
	return 0;
}

static int h_rm_set_num(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* set local-preference N | set metric N | set weight N */
	tc_rmap_clause *c = st->prt.clause;
	const tc_tok *kw = &ln->tok[at - 1];
	unsigned v;
	if (at < ln->ntok && (ln->tok[at].p[0] == '+' || ln->tok[at].p[0] == '-')) {
		rmap_unsupported(st, ln, 2); /* set metric +N / -N */
		return 0;
	}
	if (!need_num(st, ln, at, 4294967295u, &v))
		return 0;
	if (tc_tok_is(kw, "local-preference"))
		c->set_local_pref = true, c->local_pref = v;
	else if (tc_tok_is(kw, "weight"))
		c->set_weight = true, c->weight = v;
	else
		c->set_metric = true, c->metric = v; /* EIGRP's further numbers: K1 = K3 only */
	return 0;
}

static int h_rm_metric_type(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* set metric-type type-1|type-2 (internal, external: not modelled) */
	tc_rmap_clause *c = st->prt.clause;
	if (at < ln->ntok &&
	    (tc_tok_is(&ln->tok[at], "type-1") || tc_tok_is(&ln->tok[at], "type-2"))) {
		c->set_metric_type = true;
		c->metric_type = tc_tok_is(&ln->tok[at], "type-1") ? 1 : 2;
		return 0;
	}
	rmap_unsupported(st, ln, 2);
	return 0;
}

static int h_rm_prepend(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* set as-path prepend AS [AS ...] (`last-as N`: not modelled) */
	tc_rmap_clause *c = st->prt.clause;
	unsigned as;
	if (at >= ln->ntok || !asn_at(ln, at, &as)) {
		if (at < ln->ntok && tc_tok_is(&ln->tok[at], "last-as"))
			rmap_unsupported(st, ln, 4);
		else
			tc_p_bad(st, at, "expected AS numbers");
		return 0;
	}
	c->prepend_as = as;
	c->prepend_n = 0;
	for (size_t i = at; i < ln->ntok && asn_at(ln, i, &as); i++)
		c->prepend_n++;
	return 0;
}

/* ---- interface settings -------------------------------------------------------------------- */

static tc_iface_rt *iface_rt(tc_pstate *st)
{
	tc_iface_rt *rt = tc_iface_rt_get(st->m, st->iface);
	if (!rt->line)
		set_origin(st, &rt->file, &rt->line);
	return rt;
}

int tc_h_iface_bandwidth(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* bandwidth KBPS (`bandwidth inherit|receive|qos-reference ...`: not the metric's) */
	unsigned v;
	if (num_at(ln, at, 4294967295u, &v) && v > 0)
		iface_rt(st)->bandwidth_kbps = v;
	else if (at < ln->ntok && !(ln->tok[at].p[0] >= '0' && ln->tok[at].p[0] <= '9'))
		tc_p_skipped_quiet(st);
	else
		tc_p_bad(st, at, "expected a bandwidth in kbit/s");
	return 0;
}

int tc_h_iface_delay(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* delay TENS-OF-MICROSECONDS */
	unsigned v;
	if (need_num(st, ln, at, 16777215, &v) && v > 0)
		iface_rt(st)->delay_tens_us = v;
	return 0;
}

static int ospf_nettype(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* network point-to-point|broadcast|non-broadcast|point-to-multipoint [non-broadcast] */
	static const struct {
		const char *w;
		uint8_t type;
	} types[] = {{"point-to-point", TC_OSPF_NET_P2P},
		     {"broadcast", TC_OSPF_NET_BROADCAST},
		     {"non-broadcast", TC_OSPF_NET_NBMA},
		     {"point-to-multipoint", TC_OSPF_NET_P2MP}};
	for (size_t k = 0; at < ln->ntok && k < sizeof types / sizeof types[0]; k++)
		if (tc_tok_is(&ln->tok[at], types[k].w)) {
			iface_rt(st)->ospf_nettype = types[k].type;
			return 0;
		}
	tc_p_bad(st, at,
		 "expected point-to-point, broadcast, non-broadcast or point-to-multipoint");
	return 0;
}

int tc_h_iface_ospf(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* (ip) ospf cost N | network TYPE | PID area X [secondaries none]; the rest (timers,
	   priority, authentication and its keys) is skipped and never kept */
	unsigned v;
	uint32_t area;
	if (at >= ln->ntok) {
		tc_p_bad(st, at, "expected an OSPF interface setting");
		return 0;
	}
	const tc_tok *w = &ln->tok[at];
	if (tc_tok_is(w, "cost")) {
		if (need_num(st, ln, at + 1, 65535, &v))
			iface_rt(st)->ospf_cost = v;
	} else if (tc_tok_is(w, "network")) {
		ospf_nettype(st, ln, at + 1);
	} else if (num_at(ln, at, 65535, &v) && at + 1 < ln->ntok &&
		   tc_tok_is(&ln->tok[at + 1], "area")) {
		if (!area_at(st, ln, at + 2, &area))
			return 0;
		tc_iface_rt *rt = iface_rt(st);
		rt->ospf_pid = v;
		rt->ospf_area = area;
		rt->has_ospf_area = true;
	} else if (tc_tok_is(w, "shutdown")) {
		rt_note(st, "ip ospf shutdown");
	} else {
		tc_p_skipped_quiet(st);
	}
	return 0;
}

int tc_h_iface_summary_eigrp(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* (ip) summary-address eigrp AS A M [AD] [leak-map X] */
	unsigned as;
	tc_prefix p;
	if (!need_num(st, ln, at, 65535, &as) || !tc_p_netmask(st, ln, at + 1, &p))
		return 0;
	eigrp_summary(st, st->iface, as, p);
	if (at + 3 < ln->ntok && !num_at(ln, at + 3, 255, &as))
		tc_rt_unmodelled(st->m, st->dev, "EIGRP leak-map", st->file, ln->no);
	return 0;
}

int tc_h_iface_pbr(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	rt_note(st, "policy-based routing");
	return 0;
}

/* ---- tables ---------------------------------------------------------------------------------- */

static tc_cmd ospf_cmds[] = {
	{"network", h_ospf_network, 0},
	{"router-id", h_router_id, 0},
	{"passive-interface", h_passive, 0},
	{"no passive-interface", h_passive, 0},
	{"redistribute", h_redistribute, 0},
	{"default-information originate", h_default_info, 0},
	{"area", h_area, 0},
	{"distance", h_distance, 0},
	{"maximum-paths", h_maximum_paths, 0},
	{"auto-cost reference-bandwidth", h_auto_cost, 0},
	{"shutdown", h_shutdown, 0},
	{"max-metric", h_note, 0},
	{"distribute-list", h_note, 0},
	{"summary-address", h_note, 0},
	{"default-metric", h_note, 0},
	{"mpls", h_note, 0},
	SKIP("log-adjacency-changes"),
	SKIP("log-adj-changes"), /* ASA */
	SKIP("timers"),
	SKIP("nsf"),
	SKIP("bfd"),
	SKIP("ispf"),
	SKIP("compatible"),
	SKIP("capability"),
	SKIP("prefix-suppression"),
	SKIP("neighbor"),
	SKIP("fast-reroute"),
	SKIP("graceful-restart"),
	SKIP("discard-route"),
	SKIP("ignore"),
	SKIP("event-log"),
	SKIP("auto-cost"),
	SKIP("domain-id"),
	SKIP("domain-tag"),
	SKIP("local-rib-criteria"),
	SKIP("queue-depth"),
	SKIP("snmp"),
	SKIP("description"),
	SKIP("microloop"),
	SKIP("interface-id"),
	SKIP("limit"),
	SKIP("traffic-share"),
	SKIP("default-information"),
	SKIP("max-lsa"),
	SKIP("prefix-priority"),
	SKIP("adjacency"),
	SKIP("address-family"),
	{"exit", tc_h_exit, 0},
};

static tc_cmd eigrp_cmds[] = {
	{"network", h_eigrp_network, 0},
	{"address-family ipv4", h_eigrp_af, 0},
	SKIP("exit-address-family"),
	{"passive-interface", h_passive, 0},
	{"no passive-interface", h_passive, 0},
	{"redistribute", h_redistribute, 0},
	{"eigrp stub", h_eigrp_stub, 0},
	{"eigrp router-id", h_router_id, 0},
	{"auto-summary", h_auto_summary, 0},
	{"no auto-summary", h_auto_summary, 0},
	{"distance", h_distance, 0},
	{"maximum-paths", h_maximum_paths, 0},
	{"default-metric", h_default_metric, 0},
	{"shutdown", h_shutdown, 0},
	{"variance", h_note, 0},
	{"metric weights", h_note, 0},
	{"offset-list", h_note, 0},
	{"distribute-list", h_note, 0},
	SKIP("eigrp"),
	SKIP("metric"),
	SKIP("timers"),
	SKIP("neighbor"),
	SKIP("nsf"),
	SKIP("bfd"),
	SKIP("traffic-share"),
	SKIP("summary-metric"),
	SKIP("default-information"),
	SKIP("hello-interval"), /* ASA */
	SKIP("hold-time"),
	SKIP("description"),
	{"exit", tc_h_exit, 0},
};

static tc_cmd eigrp_named_cmds[] = {
	{"address-family ipv4", h_eigrp_af, 0},
	{"address-family ipv6", h_note, 0},
	{"service-family", h_note, 0},
	SKIP("exit-address-family"),
	{"exit", tc_h_exit, 0},
};

static tc_cmd eigrp_af_cmds[] = {
	{"network", h_eigrp_network, 0},
	{"eigrp stub", h_eigrp_stub, 0},
	{"eigrp router-id", h_router_id, 0},
	{"af-interface", h_afif, 0},
	{"topology", h_topology, 0},
	{"shutdown", h_shutdown, 0},
	{"metric weights", h_note, 0},
	SKIP("eigrp"),
	SKIP("metric"),
	SKIP("neighbor"),
	SKIP("timers"),
	SKIP("nsf"),
	SKIP("bfd"),
	SKIP("maximum-prefix"),
	SKIP("exit-address-family"),
	SKIP("exit-af-interface"), /* at the af-interface line's indent */
	SKIP("exit-af-topology"),
	{"exit", tc_h_exit, 0},
};

static tc_cmd afif_cmds[] = {
	{"passive-interface", h_afif_passive, 0},
	{"no passive-interface", h_afif_passive, 0},
	{"summary-address", h_afif_summary, 0},
	SKIP("authentication"),
	SKIP("hello-interval"),
	SKIP("hold-time"),
	SKIP("split-horizon"),
	SKIP("bandwidth-percent"),
	SKIP("bfd"),
	SKIP("next-hop-self"),
	SKIP("dampening-change"),
	SKIP("dampening-interval"),
	SKIP("stub-site"),
	SKIP("exit-af-interface"),
	{"shutdown", h_note, 0},
	{"exit", tc_h_exit, 0},
};

static tc_cmd topo_cmds[] = {
	{"redistribute", h_redistribute, 0},
	{"distance", h_distance, 0},
	{"maximum-paths", h_maximum_paths, 0},
	{"default-metric", h_default_metric, 0},
	{"auto-summary", h_auto_summary, 0},
	{"no auto-summary", h_auto_summary, 0},
	{"variance", h_note, 0},
	{"offset-list", h_note, 0},
	{"distribute-list", h_note, 0},
	SKIP("summary-metric"),
	SKIP("timers"),
	SKIP("metric"),
	SKIP("fast-reroute"),
	SKIP("traffic-share"),
	SKIP("snmp"),
	SKIP("eigrp"),
	SKIP("exit-af-topology"),
	{"exit", tc_h_exit, 0},
};

static tc_cmd bgp_cmds[] = {
	{"bgp router-id", h_router_id, 0},
	{"bgp default local-preference", h_bgp_local_pref, 0},
	{"no bgp default ipv4-unicast", h_bgp_no_v4_default, 0},
	{"bgp confederation", h_note, 0},
	{"bgp dampening", h_note, 0},
	{"bgp listen", h_note, 0},
	{"neighbor", h_bgp_neighbor, 0},
	{"no neighbor", h_bgp_no_neighbor, 0},
	{"network", h_bgp_network, 0},
	{"redistribute", h_redistribute, 0},
	{"aggregate-address", h_aggregate, 0},
	{"distance", h_distance, 0},
	{"maximum-paths", h_maximum_paths, 0},
	{"default-metric", h_default_metric, 0},
	{"default-information originate", h_default_info, 0},
	{"address-family", h_bgp_af, 0},
	{"shutdown", h_shutdown, 0},
	{"distribute-list", h_note, 0},
	{"template", h_note, 0},
	SKIP("bgp"),
	SKIP("synchronization"),
	SKIP("auto-summary"),
	SKIP("timers"),
	SKIP("table-map"),
	SKIP("exit-address-family"),
	SKIP("exit-peer-session"), /* at the template line's indent */
	SKIP("exit-peer-policy"),
	SKIP("description"),
	SKIP("default"),
	SKIP("nsf"),
	{"exit", tc_h_exit, 0},
};

/* Settings after `neighbor A` (found from the word after the address). */
static tc_cmd nbr_cmds[] = {
	{"remote-as", h_nbr_remote_as, 0},
	{"peer-group", h_nbr_peer_group, 0},
	{"update-source", h_nbr_update_source, 0},
	{"next-hop-self", h_nbr_flag, 0},
	{"default-originate", h_nbr_flag, 0},
	{"shutdown", h_nbr_flag, 0},
	{"route-reflector-client", h_nbr_flag, 0},
	{"activate", h_nbr_flag, 0},
	{"route-map", h_nbr_policy, 0},
	{"prefix-list", h_nbr_policy, 0},
	{"weight", h_nbr_weight, 0},
	{"password", h_nbr_password, 0},
	{"local-as", h_note, 0},
	{"allowas-in", h_note, 0},
	{"as-override", h_note, 0},
	{"remove-private-as", h_note, 0},
	{"filter-list", h_note, 0},
	{"distribute-list", h_note, 0},
	{"unsuppress-map", h_note, 0},
	{"advertise-map", h_note, 0},
	{"inherit", h_note, 0},
	{"next-hop-unchanged", h_note, 0},
	SKIP("description"),
	SKIP("ebgp-multihop"),
	SKIP("timers"),
	SKIP("send-community"),
	SKIP("soft-reconfiguration"),
	SKIP("version"),
	SKIP("advertisement-interval"),
	SKIP("fall-over"),
	SKIP("ttl-security"),
	SKIP("disable-connected-check"),
	SKIP("transport"),
	SKIP("capability"),
	SKIP("maximum-prefix"),
	SKIP("log-neighbor-changes"),
	SKIP("bfd"),
	SKIP("ha-mode"),
	SKIP("graceful-restart"),
	SKIP("dmzlink-bw"),
	SKIP("send-label"),
	SKIP("soo"),
	SKIP("aigp"),
	SKIP("additional-paths"),
	SKIP("advertise"),
	SKIP("path-attribute"),
	SKIP("slow-peer"),
	SKIP("translate-update"),
	SKIP("cluster-id"),
	SKIP("internal-vpn-client"),
	SKIP("dont-capability-negotiate"),
	SKIP("enforce-first-as"),
	SKIP("accept-route-legacy-rt"),
};

static tc_cmd rip_cmds[] = {
	{"version", h_rip_version, 0},
	{"network", h_rip_network, 0},
	{"passive-interface", h_passive, 0},
	{"no passive-interface", h_passive, 0},
	{"redistribute", h_redistribute, 0},
	{"default-information originate", h_default_info, 0},
	{"auto-summary", h_auto_summary, 0},
	{"no auto-summary", h_auto_summary, 0},
	{"distance", h_distance, 0},
	{"default-metric", h_default_metric, 0},
	{"maximum-paths", h_maximum_paths, 0},
	{"offset-list", h_note, 0},
	{"distribute-list", h_note, 0},
	{"address-family", h_note, 0},
	SKIP("timers"),
	SKIP("neighbor"),
	SKIP("validate-update-source"),
	SKIP("output-delay"),
	SKIP("flash-update-threshold"),
	SKIP("input-queue"),
	SKIP("default-information"),
	{"exit", tc_h_exit, 0},
};

static tc_cmd rmap_cmds[] = {
	{"*", h_rm_other, 0},
	{"match ip address prefix-list", h_rm_match_plist, 0},
	{"match ip address", h_rm_match_acl, 0},
	{"set local-preference", h_rm_set_num, 0},
	{"set metric", h_rm_set_num, 0},
	{"set weight", h_rm_set_num, 0},
	{"set as-path prepend", h_rm_prepend, 0},
	{"set metric-type", h_rm_metric_type, 0},
	SKIP("description"),
	{"exit", tc_h_exit, 0},
};

static tc_cmdtab ospf_tab = TC_CMDTAB("router ospf", ospf_cmds);
static tc_cmdtab eigrp_tab = TC_CMDTAB("router eigrp", eigrp_cmds);
static tc_cmdtab eigrp_named_tab = TC_CMDTAB("router eigrp (named)", eigrp_named_cmds);
static tc_cmdtab eigrp_af_tab = TC_CMDTAB("router eigrp address-family", eigrp_af_cmds);
static tc_cmdtab afif_tab = TC_CMDTAB("router eigrp af-interface", afif_cmds);
static tc_cmdtab topo_tab = TC_CMDTAB("router eigrp topology", topo_cmds);
static tc_cmdtab bgp_tab = TC_CMDTAB("router bgp", bgp_cmds);
static tc_cmdtab nbr_tab = TC_CMDTAB("BGP neighbor", nbr_cmds);
static tc_cmdtab rip_tab = TC_CMDTAB("router rip", rip_cmds);
static tc_cmdtab rmap_tab = TC_CMDTAB("route-map", rmap_cmds);

int tc_rt_prepare(void)
{
	tc_cmdtab *tabs[] = {&ospf_tab, &eigrp_tab, &eigrp_named_tab, &eigrp_af_tab, &afif_tab,
			     &topo_tab, &bgp_tab,   &nbr_tab,	      &rip_tab,	     &rmap_tab};
	for (size_t k = 0; k < sizeof tabs / sizeof tabs[0]; k++)
		if (tc_cmdtab_prepare(tabs[k]) != 0)
			return TC_ENOMEM;
	return 0;
}
