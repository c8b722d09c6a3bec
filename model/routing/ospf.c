/* ospf.c: OSPF in the control-plane pass (routing_int.h).
 *
 * Design. The topology does not change between rounds (interfaces, areas, costs and
 * adjacencies come from the configs alone), so the first round builds it once per pass
 * (os_state, freed by rt_ospf_free()) together with every process's internal routes (intra-
 * and inter-area, stub defaults, range discards) and its distance to every router that may
 * originate externals. Each round then recomputes only the externals, which depend on the
 * previous RIBs (what `redistribute` takes), and offers internal + external routes.
 *
 * - An instance is one OSPF process of one device (router id, not shut down, interfaces).
 * - The graph has one router vertex per (instance, area) and one network vertex per
 *   broadcast/NBMA segment where two or more routers are adjacent (RFC 2328's transit network:
 *   N routers on a LAN give 2N edges, not N²). Point-to-point and point-to-multipoint
 *   adjacencies are router-to-router edges. Subnets without adjacency, passive interfaces and
 *   loopbacks are stub networks of their router vertex.
 * - SPF (Dijkstra, binary heap) per instance and area gives the intra-area routes, with the
 *   equal-cost first hops (RFC 2328 16.1.1: the neighbour's address on the first link), and the
 *   distance to the area's border routers.
 * - Area border routers (interfaces in area 0 and another area, RFC 3509) summarise: intra-area
 *   routes of a non-backbone area (through its `area X range`s) into every other area;
 *   area 0's intra-area routes and the inter-area routes learned over the backbone into the
 *   non-backbone areas; stub areas get a default, totally stubby ones only that. So ABRs are
 *   computed first (their SPF, then their inter-area routes from the other ABRs' backbone
 *   summaries), then every other router from its ABRs' summaries.
 * - Routers that may originate externals (ASBRs, NSSA border routers) are destinations too
 *   (type-4 summaries), so each instance knows its cost to each of them. */
#include "routing_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OS_NONE UINT32_MAX
#define OS_RDEST (1ull << 40) /* key bit of a router destination (below: prefixes) */
#define OS_MAXP 32	      /* IOS maximum-paths at most 32 */
#define OS_AD 110
#define OS_MAX_COST 65535u /* interface cost range of IOS */

enum { OS_NT_BCAST, OS_NT_NBMA, OS_NT_P2P, OS_NT_P2MP, OS_NT_LOOP };
enum { OS_INTRA, OS_INTER };

typedef struct os_hop {
	const tc_iface *iface; /* egress interface of the instance's device */
	uint32_t nh;	       /* the neighbour's address; 0: directly attached */
} os_hop;

/* An interface of an instance. */
typedef struct os_oif {
	const tc_iface *i;
	uint32_t inst, ia; /* its instance, and the instance's area (os_state.ia) */
	uint32_t cost;
	uint32_t netv; /* its network vertex on a segment with adjacencies; OS_NONE */
	uint8_t nt;    /* OS_NT_* */
	bool passive;
} os_oif;

/* An instance in one area: its router vertex. */
typedef struct os_iarea {
	uint32_t area;
	uint32_t inst;
	uint32_t vertex;
	const tc_area *cfg;  /* the instance's `area` lines for it, or NULL */
	uint8_t type;	     /* tc_area_type as the instance configures it (area 0: normal) */
	uint32_t translator; /* NSSA: the ABR translating this instance's type-7 (OS_NONE) */
} os_iarea;

typedef struct os_vertex {
	uint32_t ia;	 /* router vertex: its os_iarea; network vertex: OS_NONE */
	uint32_t e0, ne; /* its edges: os_state.e[e0 .. e0 + ne) */
	uint32_t s0, ns; /* its stub networks: os_state.st[s0 .. s0 + ns) */
	tc_prefix net;	 /* network vertex: the segment's subnet */
	uint32_t rank;	 /* network vertex: the rank of net (os_state.keys) */
} os_vertex;

typedef struct os_edge {
	uint32_t from;	     /* while building */
	uint32_t to;	     /* the vertex reached */
	uint32_t cost;	     /* the outgoing interface's; 0 from a network */
	const tc_iface *out; /* router edges: the interface; network to router: NULL */
	uint32_t addr;	     /* the address of `to` on the link (0: to a network) */
} os_edge;

typedef struct os_stub {
	uint32_t v; /* its router vertex, while building */
	tc_prefix net;
	uint32_t cost, rank;   /* the interface's cost; net's rank (os_state.keys) */
	const tc_iface *iface; /* the interface it is the subnet of */
} os_stub;

typedef struct os_sum {
	uint32_t rank;	     /* of the destination (os_state.keys) */
	uint32_t cost, area; /* the area the route is intra-area in; OS_NONE: inter-area */
} os_sum;

/* How an instance reaches a router that may originate externals. */
typedef struct os_rdest {
	uint32_t inst; /* the router's instance */
	uint32_t cost; /* the distance to it */
	uint32_t hop;  /* the first hops: os_inst.hops[hop .. hop + nhop) */
	uint8_t nhop;
} os_rdest;

/* An external LSA of this round. */
typedef struct os_ext {
	tc_prefix dst;
	uint32_t metric;
	uint32_t area; /* type-7: its NSSA; OS_NONE: type-5 */
	uint32_t seq;  /* first one per prefix wins */
	uint8_t type;  /* 1 or 2 */
} os_ext;

typedef struct os_inst {
	size_t k;	   /* its device: rt_pass.devs[k] */
	const tc_rproc *p; /* its process */
	uint32_t rid;	   /* router id */
	uint32_t ia0, nia; /* its areas: os_state.ia[ia0 .. ia0 + nia) */
	uint8_t maxp;	   /* maximum-paths */
	uint8_t ad[3];	   /* intra, inter, external */
	bool abr;	   /* area 0 and another area */
	bool asbr;	   /* redistributes or originates a default */
	bool rdest;	   /* a destination for externals: asbr, or an ABR of an NSSA */
	bool has_normal;   /* in a normal area: sees type-5 LSAs */
	uint32_t rank;	   /* rdest: the rank of its router destination */
	/* built once: */
	rt_routes offers; /* internal routes, by prefix for offers[0 .. nsorted); discards after */
	size_t nsorted;
	TC_VEC(os_rdest) rdests; /* by instance */
	TC_VEC(os_hop) hops;	 /* of the rdests */
	/* ABRs: summaries of the non-backbone areas' intra-area routes, of area 0's, of the
	 * inter-area ones; the ranges' discard routes */
	TC_VEC(os_sum) sum_nb, sum_bb, sum_ia, discards;
	struct os_work *w; /* ABRs, between the phases */
	/* this round: */
	TC_VEC(os_ext) ext;
} os_inst;

/* A candidate route of an instance's table. */
typedef struct os_ent {
	uint32_t rank; /* of the destination (os_state.keys) */
	uint32_t cost;
	uint32_t area; /* where learned */
	uint32_t hop;  /* first hops: os_work.hops[hop .. hop + nhop) */
	uint8_t cls;   /* OS_INTRA, OS_INTER */
	uint8_t nhop;
} os_ent;

/* A border router (ABR or rdest) an SPF reached. */
typedef struct os_hit {
	uint32_t ia;   /* the border router's os_iarea */
	uint32_t dist; /* from the SPF's root */
	uint32_t hop;  /* first hops: os_work.hops[hop .. hop + nhop) */
	uint8_t nhop;
} os_hit;

/* One instance's candidates while its table is built. */
typedef struct os_work {
	TC_VEC(os_ent) c, out;
	TC_VEC(os_hop) hops;
	TC_VEC(os_hit) hits;
} os_work;

/* Scratch of the SPF runs, per vertex; valid where gen[v] == g (the current run). */
typedef struct os_spf {
	uint32_t *dist, *hop, *gen; /* distance, first hops (os_work.hops), run */
	uint8_t *nhop, *done;
	uint32_t g;
	TC_VEC(uint64_t) heap; /* heap_key()s */
	TC_VEC(uint32_t) seen; /* vertices in the order settled */
	TC_VEC(os_hop) tmp;
	/* reduce(): per rank, the best candidate and when it was set; the ranks met */
	uint32_t *rbest, *rstamp, rg;
	uint64_t *rbits;
	TC_VEC(uint32_t) rnext;	  /* per candidate: the next one of equal cost */
	TC_VEC(uint32_t) touched; /* the ranks met, in the order met */
} os_spf;

#define OIF_KEY(arr, j) ((arr)[j].i)
#define OIF_EQ(a, b) ((a) == (b))
#define OIF_FN(k) tc_hash_u64((uint64_t)(uintptr_t)(k))
TC_INDEX_DEFINE(oif_set, const os_oif *, const tc_iface *, OIF)

typedef struct rt_ospf_state {
	os_inst *inst; /* in device order, then process order */
	size_t ninst;
	TC_VEC(os_oif) oif;  /* by instance */
	TC_VEC(os_iarea) ia; /* by instance */
	TC_VEC(os_vertex) v; /* router vertices (one per os_iarea), network vertices */
	TC_VEC(os_edge) e;   /* by vertex */
	TC_VEC(os_stub) st;  /* by vertex */
	/* every destination of the pass, sorted: prefixes (address << 8 | length), then router
	 * destinations (OS_RDEST | instance); tables go by rank, already in prefix order */
	TC_VEC(uint64_t) keys;
	uint32_t nprefixes, rank_default;
	oif_set by_iface; /* the interfaces in OSPF (tc_iface.index is not set yet) */
} os_state;		  /* rt_pass.ospf */

/* ---- small helpers ----------------------------------------------------------------------- */

static uint64_t pkey(tc_prefix p)
{
	return (uint64_t)p.addr << 8 | p.len;
}

static tc_prefix key_prefix(uint64_t k)
{
	return (tc_prefix){(uint32_t)(k >> 8), (uint8_t)(k & 0xff)};
}

static const char *hop_name(const tc_iface *i)
{
	return i ? (i->nameif ? i->nameif : i->name) : "";
}

/* The order of the driver's RIB (next hop, then interface): the first maximum-paths kept. */
static int hop_cmp(const void *pa, const void *pb)
{
	const os_hop *a = pa, *b = pb;
	if (a->nh != b->nh)
		return a->nh < b->nh ? -1 : 1;
	if (a->iface == b->iface)
		return 0;
	return strcmp(hop_name(a->iface), hop_name(b->iface));
}

/* Sort v[0..n), drop duplicates, keep at most cap: the new count. */
static size_t hops_norm(os_hop *v, size_t n, unsigned cap)
{
	if (n > 1)
		qsort(v, n, sizeof *v, hop_cmp);
	size_t o = 0;
	for (size_t k = 0; k < n && o < cap; k++)
		if (!o || hop_cmp(&v[o - 1], &v[k]) != 0)
			v[o++] = v[k];
	return o;
}

tc_ospf_nettype rt_ospf_nettype(const tc_iface *i)
{
	if (i->rt && i->rt->ospf_nettype != TC_OSPF_NET_DEFAULT)
		return (tc_ospf_nettype)i->rt->ospf_nettype;
	/* IOS defaults by interface type: loopback; point-to-point on serial (HDLC/PPP), GRE
	 * tunnels, dialers and virtual templates; broadcast elsewhere (Ethernet, ASA) */
	static const char *const p2p[] = {"se", "tu", "di", "virtual-", "mu"};
	if (strncasecmp(i->name, "lo", 2) == 0)
		return TC_OSPF_NET_LOOPBACK;
	for (size_t k = 0; k < sizeof p2p / sizeof p2p[0]; k++)
		if (strncasecmp(i->name, p2p[k], strlen(p2p[k])) == 0)
			return TC_OSPF_NET_P2P;
	return TC_OSPF_NET_BROADCAST;
}

static uint8_t iface_nettype(const tc_iface *i)
{
	switch (rt_ospf_nettype(i)) {
	case TC_OSPF_NET_P2P:
		return OS_NT_P2P;
	case TC_OSPF_NET_NBMA:
		return OS_NT_NBMA;
	case TC_OSPF_NET_P2MP:
		return OS_NT_P2MP;
	case TC_OSPF_NET_LOOPBACK:
		return OS_NT_LOOP;
	default:
		return OS_NT_BCAST;
	}
}

/* `ip ospf cost` (ASA `ospf cost`), else reference bandwidth / interface bandwidth, 1 to
 * 65535. An ASA does not derive it: "the OSPF interface default cost on the ASA is 10" (its
 * configuration guide, unlike IOS's 1 on FastEthernet and GigabitEthernet). */
static uint32_t iface_cost(const tc_device *d, const tc_rproc *p, const tc_iface *i)
{
	if (i->rt && i->rt->ospf_cost)
		return i->rt->ospf_cost;
	if (d->dialect == TC_DIALECT_ASA)
		return 10;
	uint64_t ref_kbps = (uint64_t)(p->ref_bw_mbps ? p->ref_bw_mbps : 100) * 1000;
	unsigned bw = rt_iface_bw(i);
	uint64_t c = bw ? ref_kbps / bw : OS_MAX_COST;
	return c < 1 ? 1 : c > OS_MAX_COST ? OS_MAX_COST : (uint32_t)c;
}

static const tc_area *area_cfg(const tc_rproc *p, uint32_t area)
{
	for (const tc_area *a = p->areas; a; a = a->next)
		if (a->id == area)
			return a;
	return NULL;
}

/* The classful network length of p's address; 0: class D or E. */
static unsigned classful_len(uint32_t a)
{
	return a < 0x80000000u ? 8 : a < 0xC0000000u ? 16 : a < 0xE0000000u ? 24 : 0;
}

/* ---- building the instances and the graph ------------------------------------------------ */

static uint32_t inst_area(os_state *st, os_inst *in, uint32_t area)
{
	for (uint32_t j = in->ia0; j < in->ia0 + in->nia; j++)
		if (st->ia.v[j].area == area)
			return j;
	const tc_area *cfg = area_cfg(in->p, area);
	os_iarea a = {.area = area,
		      .inst = (uint32_t)(in - st->inst),
		      .vertex = (uint32_t)st->v.n,
		      .cfg = cfg,
		      .type = (uint8_t)(cfg && area != 0 ? cfg->type : TC_AREA_NORMAL),
		      .translator = OS_NONE};
	TC_VEC_PUSH(st->ia, a);
	os_vertex v = {.ia = (uint32_t)st->ia.n - 1};
	TC_VEC_PUSH(st->v, v);
	in->nia++;
	return (uint32_t)st->ia.n - 1;
}

/* The process an interface belongs to: the one its `ip ospf PID area X` names, else the
 * first one (in configuration order) whose network statements cover it; one process per
 * interface, as on IOS. */
const tc_rproc *rt_ospf_owner(const tc_device *d, const tc_iface *i, uint32_t *area)
{
	bool by_iface = i->rt && i->rt->has_ospf_area;
	for (const tc_rproc *p = d->rt ? d->rt->procs : NULL; p; p = p->next)
		if (p->kind == TC_RP_OSPF && !p->shutdown &&
		    (!by_iface || p->id == i->rt->ospf_pid) && rt_iface_in_proc(d, i, p, area))
			return p;
	return NULL;
}

static bool iface_owner(const tc_device *d, const tc_iface *i, const tc_rproc *p, uint32_t *area)
{
	return rt_ospf_owner(d, i, area) == p;
}

static bool proc_asbr(const tc_rproc *p)
{
	return p->redist || p->default_originate;
}

static void add_instance(rt_pass *rp, os_state *st, size_t k, const tc_rproc *p)
{
	const tc_device *d = rp->devs[k].d;
	uint32_t rid = rt_router_id(d, p);
	if (!rid) {
		rt_note_unmodelled(rp, d, p->file, p->line, "an OSPF process without a router id",
				   "the process does not start, as on IOS");
		return;
	}
	os_inst *in = &st->inst[st->ninst];
	*in = (os_inst){.k = k, .p = p, .rid = rid, .ia0 = (uint32_t)st->ia.n};
	unsigned mp = p->maximum_paths ? p->maximum_paths : 4;
	in->maxp = (uint8_t)(mp > OS_MAXP ? OS_MAXP : mp);
	for (int c = 0; c < 3; c++)
		in->ad[c] = p->distance[c] ? p->distance[c] : OS_AD;
	size_t first = st->oif.n;
	for (const tc_iface *i = d->ifaces; i; i = i->next) {
		uint32_t area = 0;
		if (!i->has_addr || i->shutdown || !iface_owner(d, i, p, &area))
			continue;
		os_oif o = {.i = i,
			    .inst = (uint32_t)st->ninst,
			    .ia = inst_area(st, in, area),
			    .cost = iface_cost(d, p, i),
			    .netv = OS_NONE,
			    .nt = iface_nettype(i),
			    .passive = rt_iface_passive(p, i)};
		TC_VEC_PUSH(st->oif, o);
		*oif_set_slot(&st->by_iface, st->oif.v, i) = (uint32_t)st->oif.n;
		oif_set_added(&st->by_iface, st->oif.v);
	}
	if (st->oif.n == first)
		return; /* no interface in OSPF: nothing to compute */
	bool bb = false;
	for (uint32_t j = in->ia0; j < in->ia0 + in->nia; j++) {
		bb |= st->ia.v[j].area == 0;
		in->has_normal |= st->ia.v[j].type == TC_AREA_NORMAL;
	}
	in->abr = bb && in->nia > 1;
	in->asbr = proc_asbr(p);
	in->rdest = in->asbr;
	for (uint32_t j = in->ia0; j < in->ia0 + in->nia; j++)
		in->rdest |= in->abr && st->ia.v[j].type == TC_AREA_NSSA;
	st->ninst++;
}

/* Adjacency rules between two interfaces of two devices on one subnet (both up and in
 * OSPF): same area, neither passive, the same network type and the same area type (the
 * stub and NSSA bits of the hellos must agree, else IOS drops them). Network types: a
 * broadcast or NBMA interface facing a point-to-point one reaches FULL on IOS when the
 * timers agree, but the broadcast side describes a transit network and the other a
 * point-to-point link, the two-way check of the SPF fails and no route uses the link;
 * broadcast against NBMA or point-to-multipoint differ in hello timers (10 / 30 s): no
 * adjacency. So any mismatch is no usable adjacency here. Loopbacks never have neighbours. */
static bool adjacent(const os_state *st, const os_oif *a, const os_oif *b)
{
	const os_iarea *x = &st->ia.v[a->ia], *y = &st->ia.v[b->ia];
	return x->area == y->area && !a->passive && !b->passive && a->nt == b->nt &&
	       a->nt != OS_NT_LOOP && x->type == y->type;
}

typedef struct peer_ctx {
	os_state *st;
	const os_oif *o;
	TC_VEC(uint32_t) peers;
} peer_ctx;

static void peer_cb(size_t k, const tc_iface *peer, void *payload)
{
	peer_ctx *c = payload;
	(void)k;
	if (peer->shutdown)
		return;
	uint32_t j = *oif_set_slot(&c->st->by_iface, c->st->oif.v, peer);
	if (j && adjacent(c->st, c->o, &c->st->oif.v[j - 1]))
		TC_VEC_PUSH(c->peers, j - 1);
}

static void add_edge(os_state *st, uint32_t from, uint32_t to, uint32_t cost, const tc_iface *out,
		     uint32_t addr)
{
	os_edge e = {.from = from, .to = to, .cost = cost, .out = out, .addr = addr};
	TC_VEC_PUSH(st->e, e);
}

static void add_stub(os_state *st, uint32_t v, tc_prefix net, uint32_t cost, const tc_iface *i)
{
	os_stub s = {.v = v, .net = net, .cost = cost, .iface = i};
	TC_VEC_PUSH(st->st, s);
}

/* Secondary addresses are stub networks of the interface when the process covers them. */
static void add_secondaries(os_state *st, const os_oif *o, uint32_t v)
{
	const tc_iface *i = o->i;
	const tc_rproc *p = st->inst[o->inst].p;
	for (unsigned s = 0; s < i->nsecondary; s++) {
		tc_prefix net = tc_prefix_make(i->secondary[s].addr, i->secondary[s].plen);
		bool covered = i->rt && i->rt->has_ospf_area;
		for (const tc_rnet *n = p->nets; n && !covered; n = n->next)
			covered = tc_prefix_has(n->net, i->secondary[s].addr);
		if (covered)
			add_stub(st, v, o->nt == OS_NT_LOOP ? tc_prefix_make(net.addr, 32) : net,
				 o->cost, i);
	}
}

/* The links and stubs of one interface. */
static void build_oif(os_state *st, const rt_pass *rp, uint32_t oi, peer_ctx *pc)
{
	os_oif *o = &st->oif.v[oi];
	const os_inst *in = &st->inst[o->inst];
	uint32_t v = st->ia.v[o->ia].vertex;
	tc_prefix net = tc_prefix_make(o->i->addr, o->i->plen);
	add_secondaries(st, o, v);
	if (o->nt == OS_NT_LOOP) { /* host route, whatever the mask */
		add_stub(st, v, tc_prefix_make(o->i->addr, 32), o->cost, o->i);
		return;
	}
	pc->peers.n = 0;
	pc->o = o;
	if (!o->passive)
		rt_link_peers(rp, rp->devs[in->k].d, o->i, peer_cb, pc);
	if (o->nt == OS_NT_P2P || o->nt == OS_NT_P2MP) {
		for (size_t j = 0; j < pc->peers.n; j++) {
			const os_oif *q = &st->oif.v[pc->peers.v[j]];
			add_edge(st, v, st->ia.v[q->ia].vertex, o->cost, o->i, q->i->addr);
		}
		/* p2p: the subnet as a stub link; p2mp: the interface's own /32 at cost 0 */
		if (o->nt == OS_NT_P2P)
			add_stub(st, v, net, o->cost, o->i);
		else
			add_stub(st, v, tc_prefix_make(o->i->addr, 32), 0, o->i);
		return;
	}
	if (!pc->peers.n) {
		add_stub(st, v, net, o->cost, o->i);
		return;
	}
	/* a transit network: the vertex of the first member met (the relation is an
	 * equivalence: every member finds the same one) */
	for (size_t j = 0; j < pc->peers.n && o->netv == OS_NONE; j++)
		o->netv = st->oif.v[pc->peers.v[j]].netv;
	if (o->netv == OS_NONE) {
		os_vertex nv = {.ia = OS_NONE, .net = net};
		o->netv = (uint32_t)st->v.n;
		TC_VEC_PUSH(st->v, nv);
	}
	add_edge(st, v, o->netv, o->cost, o->i, 0);
	add_edge(st, o->netv, v, 0, NULL, o->i->addr);
}

static int edge_from_cmp(const void *pa, const void *pb)
{
	const os_edge *a = pa, *b = pb;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	return (a->addr > b->addr) - (a->addr < b->addr);
}

static int stub_v_cmp(const void *pa, const void *pb)
{
	const os_stub *a = pa, *b = pb;
	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	return (pkey(a->net) > pkey(b->net)) - (pkey(a->net) < pkey(b->net));
}

/* Edges and stubs grouped by vertex (sorted: the order is the same in every run). */
static void index_graph(os_state *st)
{
	if (st->e.n > 1) /* (qsort's array may not be NULL, even empty) */
		qsort(st->e.v, st->e.n, sizeof *st->e.v, edge_from_cmp);
	if (st->st.n > 1)
		qsort(st->st.v, st->st.n, sizeof *st->st.v, stub_v_cmp);
	for (size_t k = st->e.n; k-- > 0;) {
		os_vertex *v = &st->v.v[st->e.v[k].from];
		v->e0 = (uint32_t)k;
		v->ne++;
	}
	for (size_t k = st->st.n; k-- > 0;) {
		os_vertex *v = &st->v.v[st->st.v[k].v];
		v->s0 = (uint32_t)k;
		v->ns++;
	}
}

static int u64_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
	return (a > b) - (a < b);
}

static uint32_t rank_of(const os_state *st, uint64_t key)
{
	size_t lo = 0, hi = st->keys.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (st->keys.v[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo; /* every key asked for is there (rank_all) */
}

/* The ranks of every destination a table can hold. */
static void rank_all(os_state *st)
{
	TC_VEC_PUSH(st->keys, pkey(tc_prefix_make(0, 0)));
	for (size_t k = 0; k < st->st.n; k++)
		TC_VEC_PUSH(st->keys, pkey(st->st.v[k].net));
	for (size_t k = 0; k < st->v.n; k++)
		if (st->v.v[k].ia == OS_NONE)
			TC_VEC_PUSH(st->keys, pkey(st->v.v[k].net));
	for (size_t k = 0; k < st->ia.n; k++)
		for (const tc_range *r = st->ia.v[k].cfg ? st->ia.v[k].cfg->ranges : NULL; r;
		     r = r->next)
			TC_VEC_PUSH(st->keys, pkey(r->net));
	qsort(st->keys.v, st->keys.n, sizeof *st->keys.v, u64_cmp);
	size_t o = 0;
	for (size_t k = 0; k < st->keys.n; k++)
		if (!o || st->keys.v[o - 1] != st->keys.v[k])
			st->keys.v[o++] = st->keys.v[k];
	st->keys.n = o;
	st->nprefixes = (uint32_t)o;
	for (size_t i = 0; i < st->ninst; i++)
		if (st->inst[i].rdest) {
			st->inst[i].rank = (uint32_t)st->keys.n;
			TC_VEC_PUSH(st->keys, OS_RDEST | i);
		}
	for (size_t k = 0; k < st->st.n; k++)
		st->st.v[k].rank = rank_of(st, pkey(st->st.v[k].net));
	for (size_t k = 0; k < st->v.n; k++)
		if (st->v.v[k].ia == OS_NONE)
			st->v.v[k].rank = rank_of(st, pkey(st->v.v[k].net));
	st->rank_default = rank_of(st, pkey(tc_prefix_make(0, 0)));
}

static void build_graph(rt_pass *rp, os_state *st)
{
	size_t nd = rp->m->ndevs, nproc = 0;
	for (size_t k = 0; k < nd; k++) {
		const tc_device *d = rp->devs[k].d;
		for (const tc_rproc *p = d->rt ? d->rt->procs : NULL; p; p = p->next)
			nproc += p->kind == TC_RP_OSPF;
	}
	oif_set_init(&st->by_iface, 8);
	st->inst = tc_xcalloc(nproc + 1, sizeof *st->inst);
	for (size_t k = 0; k < nd; k++) {
		const tc_device *d = rp->devs[k].d;
		for (const tc_rproc *p = d->rt ? d->rt->procs : NULL; p; p = p->next)
			if (p->kind == TC_RP_OSPF && !p->shutdown)
				add_instance(rp, st, k, p);
	}
	peer_ctx pc = {.st = st};
	for (size_t j = 0; j < st->oif.n; j++)
		build_oif(st, rp, (uint32_t)j, &pc);
	TC_VEC_FREE(pc.peers);
	index_graph(st);
	rank_all(st);
}

/* ---- SPF ------------------------------------------------------------------------------------ */

static void heap_push(os_spf *s, uint64_t x)
{
	TC_VEC_PUSH(s->heap, x);
	uint64_t *h = s->heap.v;
	for (size_t c = s->heap.n - 1; c > 0;) {
		size_t p = (c - 1) / 2;
		if (h[p] <= h[c])
			break;
		uint64_t t = h[p];
		h[p] = h[c];
		h[c] = t;
		c = p;
	}
}

static uint64_t heap_pop(os_spf *s)
{
	uint64_t *h = s->heap.v, top = h[0];
	h[0] = h[--s->heap.n];
	for (size_t c = 0;;) {
		size_t l = 2 * c + 1, m = c;
		if (l < s->heap.n && h[l] < h[m])
			m = l;
		if (l + 1 < s->heap.n && h[l + 1] < h[m])
			m = l + 1;
		if (m == c)
			break;
		uint64_t t = h[m];
		h[m] = h[c];
		h[c] = t;
		c = m;
	}
	return top;
}

/* Heap order: distance, then networks before routers (a network's routers are at its
 * distance, through edges of cost 0: they must see every equal-cost parent first). */
static uint64_t heap_key(const os_state *st, uint32_t dist, uint32_t v)
{
	return (uint64_t)dist << 32 | (uint64_t)(st->v.v[v].ia != OS_NONE) << 31 | v;
}

/* The first hops of `to` reached from `from` over edge e (RFC 2328 16.1.1) into s->tmp. */
static void edge_hops(const os_state *st, os_spf *s, const os_work *w, uint32_t root, uint32_t from,
		      const os_edge *e)
{
	if (from == root) {
		os_hop h = {e->out, e->addr};
		TC_VEC_PUSH(s->tmp, h);
		return;
	}
	const os_hop *fh = &w->hops.v[s->hop[from]];
	bool net = st->v.v[from].ia == OS_NONE;
	for (unsigned k = 0; k < s->nhop[from]; k++) {
		/* a network attached to the root: the router's address on it */
		os_hop h = net && fh[k].nh == 0 ? (os_hop){fh[k].iface, e->addr} : fh[k];
		TC_VEC_PUSH(s->tmp, h);
	}
}

/* Store s->tmp (normalised) as v's hops. */
static void set_hops(os_spf *s, os_work *w, uint32_t v, unsigned cap)
{
	size_t n = hops_norm(s->tmp.v, s->tmp.n, cap);
	s->hop[v] = (uint32_t)w->hops.n;
	s->nhop[v] = (uint8_t)n;
	TC_VEC_RESERVE(w->hops, n);
	if (n)
		memcpy(w->hops.v + w->hops.n, s->tmp.v, n * sizeof *s->tmp.v);
	w->hops.n += n;
}

static void relax(const os_state *st, os_spf *s, os_work *w, uint32_t root, uint32_t v,
		  const os_edge *e, unsigned cap)
{
	uint32_t to = e->to, nd = s->dist[v] + e->cost;
	bool seen = s->gen[to] == s->g;
	if (seen && (s->done[to] || nd > s->dist[to]))
		return;
	s->tmp.n = 0;
	if (seen && nd == s->dist[to]) { /* another equal-cost parent */
		for (unsigned k = 0; k < s->nhop[to]; k++)
			TC_VEC_PUSH(s->tmp, w->hops.v[s->hop[to] + k]);
		edge_hops(st, s, w, root, v, e);
		set_hops(s, w, to, cap);
		return;
	}
	s->gen[to] = s->g;
	s->done[to] = 0;
	s->dist[to] = nd;
	edge_hops(st, s, w, root, v, e);
	set_hops(s, w, to, cap);
	heap_push(s, heap_key(st, nd, to));
}

static void push_cand(os_work *w, uint32_t rank, uint32_t cost, uint8_t cls, uint32_t area,
		      uint32_t hop, uint8_t nhop)
{
	os_ent c = {.rank = rank, .cost = cost, .area = area, .hop = hop, .cls = cls, .nhop = nhop};
	TC_VEC_PUSH(w->c, c);
}

/* What one reached vertex gives: its stub networks (a network vertex: its subnet), and a
 * border router its distance. */
static void vertex_results(const os_state *st, os_spf *s, os_work *w, uint32_t root, uint32_t v,
			   uint32_t area)
{
	const os_vertex *x = &st->v.v[v];
	if (x->ia == OS_NONE) {
		push_cand(w, x->rank, s->dist[v], OS_INTRA, area, s->hop[v], s->nhop[v]);
		return;
	}
	const os_inst *b = &st->inst[st->ia.v[x->ia].inst];
	if (v != root && (b->abr || b->rdest)) {
		os_hit h = {.ia = x->ia, .dist = s->dist[v], .hop = s->hop[v], .nhop = s->nhop[v]};
		TC_VEC_PUSH(w->hits, h);
		if (b->rdest)
			push_cand(w, b->rank, s->dist[v], OS_INTRA, area, s->hop[v], s->nhop[v]);
	}
	for (uint32_t j = x->s0; j < x->s0 + x->ns; j++) {
		const os_stub *sb = &st->st.v[j];
		uint32_t hop = s->hop[v], nhop = s->nhop[v];
		if (v == root) { /* the instance's own subnets: the interface itself */
			os_hop h = {sb->iface, 0};
			hop = (uint32_t)w->hops.n;
			nhop = 1;
			TC_VEC_PUSH(w->hops, h);
		}
		push_cand(w, sb->rank, s->dist[v] + sb->cost, OS_INTRA, area, hop, (uint8_t)nhop);
	}
}

/* Dijkstra from the instance's router vertex of area ia: intra-area candidates and border
 * routers reached, into w. */
static void spf(const os_state *st, os_spf *s, os_work *w, uint32_t ia)
{
	const os_iarea *a = &st->ia.v[ia];
	unsigned cap = st->inst[a->inst].maxp;
	uint32_t root = a->vertex;
	s->g++;
	s->heap.n = 0;
	s->seen.n = 0;
	s->gen[root] = s->g;
	s->done[root] = 0;
	s->dist[root] = 0;
	s->nhop[root] = 0;
	s->hop[root] = 0;
	heap_push(s, heap_key(st, 0, root));
	while (s->heap.n) {
		uint64_t top = heap_pop(s);
		uint32_t v = (uint32_t)(top & 0x7fffffffu);
		if (s->done[v] || (uint32_t)(top >> 32) != s->dist[v])
			continue;
		s->done[v] = 1;
		TC_VEC_PUSH(s->seen, v);
		const os_vertex *x = &st->v.v[v];
		for (uint32_t j = x->e0; j < x->e0 + x->ne; j++)
			relax(st, s, w, root, v, &st->e.v[j], cap);
	}
	for (size_t j = 0; j < s->seen.n; j++)
		vertex_results(st, s, w, root, s->seen.v[j], a->area);
}

/* ---- tables ---------------------------------------------------------------------------------- */

/* The merged first hops of the candidates chained from c (equal cost): their list in w->hops;
 * the smallest area of them. */
static void merge_chain(os_work *w, os_spf *s, os_ent *c, uint32_t i, unsigned cap)
{
	if (s->rnext.v[i] == OS_NONE)
		return;
	s->tmp.n = 0;
	for (uint32_t k = i; k != OS_NONE; k = s->rnext.v[k]) {
		const os_ent *x = &w->c.v[k];
		for (unsigned h = 0; h < x->nhop; h++)
			TC_VEC_PUSH(s->tmp, w->hops.v[x->hop + h]);
		c->area = x->area < c->area ? x->area : c->area;
	}
	size_t n = hops_norm(s->tmp.v, s->tmp.n, cap);
	c->hop = (uint32_t)w->hops.n;
	c->nhop = (uint8_t)n;
	TC_VEC_RESERVE(w->hops, n);
	if (n)
		memcpy(w->hops.v + w->hops.n, s->tmp.v, n * sizeof *s->tmp.v);
	w->hops.n += n;
}

static int u32_cmp(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return (a > b) - (a < b);
}

/* The ranks met by reduce(), in order: from the bitmap when they are dense among the pass's
 * destinations (one instance of a large domain), else sorted (one of many small domains, where
 * scanning the bitmap would cost every instance the size of the whole estate). */
static void touched_in_order(const os_state *st, os_spf *s)
{
	size_t words = (st->keys.n >> 6) + 1;
	if (s->touched.n * 8 < words) {
		if (s->touched.n > 1)
			qsort(s->touched.v, s->touched.n, sizeof *s->touched.v, u32_cmp);
	} else {
		s->touched.n = 0;
		for (size_t wd = 0; wd < words; wd++)
			for (uint64_t bits = s->rbits[wd]; bits; bits &= bits - 1)
				TC_VEC_PUSH(s->touched,
					    (uint32_t)(wd << 6) + (uint32_t)__builtin_ctzll(bits));
	}
	for (size_t k = 0; k < s->touched.n; k++)
		s->rbits[s->touched.v[k] >> 6] = 0;
}

/* w->c to the best candidate per destination (intra-area before inter-area, then cost), the
 * first hops of equal ones merged, in rank (prefix) order. No sort of the candidates: the best
 * per rank is kept as they come. */
static void reduce(const os_state *st, os_work *w, unsigned cap, os_spf *s)
{
	s->rg++;
	s->rnext.n = 0;
	s->touched.n = 0;
	TC_VEC_RESERVE(s->rnext, w->c.n);
	s->rnext.n = w->c.n;
	for (uint32_t i = 0; i < w->c.n; i++) {
		const os_ent *c = &w->c.v[i];
		uint32_t r = c->rank;
		s->rnext.v[i] = OS_NONE;
		if (s->rstamp[r] != s->rg) {
			s->rstamp[r] = s->rg;
			s->rbest[r] = i;
			s->rbits[r >> 6] |= 1ull << (r & 63);
			TC_VEC_PUSH(s->touched, r);
			continue;
		}
		const os_ent *b = &w->c.v[s->rbest[r]];
		if (c->cls < b->cls || (c->cls == b->cls && c->cost < b->cost)) {
			s->rbest[r] = i;
		} else if (c->cls == b->cls && c->cost == b->cost) {
			s->rnext.v[i] = s->rnext.v[s->rbest[r]];
			s->rnext.v[s->rbest[r]] = i;
		}
	}
	touched_in_order(st, s);
	w->out.n = 0;
	for (size_t k = 0; k < s->touched.n; k++) {
		uint32_t r = s->touched.v[k];
		os_ent c = w->c.v[s->rbest[r]];
		merge_chain(w, s, &c, s->rbest[r], cap);
		TC_VEC_PUSH(w->out, c);
	}
	os_ent *v = w->c.v;
	size_t cap_c = w->c.cap;
	w->c.v = w->out.v, w->c.n = w->out.n, w->c.cap = w->out.cap;
	w->out.v = v, w->out.n = 0, w->out.cap = cap_c;
}

static void push_sum(os_inst *b, uint32_t rank, uint32_t cost, uint32_t area)
{
	os_sum x = {.rank = rank, .cost = cost, .area = area};
	if (area == 0)
		TC_VEC_PUSH(b->sum_bb, x);
	else if (area == OS_NONE)
		TC_VEC_PUSH(b->sum_ia, x);
	else
		TC_VEC_PUSH(b->sum_nb, x);
}

static const tc_range *covering_range(const tc_area *cfg, tc_prefix p)
{
	for (const tc_range *r = cfg ? cfg->ranges : NULL; r; r = r->next)
		if (tc_prefix_contains(r->net, p))
			return r;
	return NULL;
}

/* An ABR's summaries of its intra-area routes (w->c, reduced), area by area through the
 * area's ranges: a range with at least one component replaces them (cost: the range's, else
 * the largest component's, RFC 2328 12.4.3), or hides them (not-advertise); an advertised
 * range gets a discard route to Null0 on the ABR. */
static void abr_summaries(const os_state *st, os_inst *b, const os_work *w)
{
	for (size_t k = 0; k < w->c.n; k++) {
		const os_ent *e = &w->c.v[k];
		if (e->cls != OS_INTRA)
			continue;
		const tc_area *cfg = NULL;
		for (uint32_t j = b->ia0; j < b->ia0 + b->nia; j++)
			if (st->ia.v[j].area == e->area)
				cfg = st->ia.v[j].cfg;
		if (e->rank < st->nprefixes && covering_range(cfg, key_prefix(st->keys.v[e->rank])))
			continue;
		push_sum(b, e->rank, e->cost, e->area);
	}
	for (uint32_t j = b->ia0; j < b->ia0 + b->nia; j++) {
		const os_iarea *a = &st->ia.v[j];
		for (const tc_range *r = a->cfg ? a->cfg->ranges : NULL; r; r = r->next) {
			uint32_t max = 0;
			bool any = false;
			for (size_t k = 0; k < w->c.n; k++) {
				const os_ent *e = &w->c.v[k];
				if (e->cls != OS_INTRA || e->area != a->area ||
				    e->rank >= st->nprefixes)
					continue;
				tc_prefix p = key_prefix(st->keys.v[e->rank]);
				if (covering_range(a->cfg, p) != r)
					continue;
				any = true;
				max = e->cost > max ? e->cost : max;
			}
			if (!any || r->not_advertise)
				continue;
			uint32_t cost = r->cost ? r->cost : max;
			uint32_t rank = rank_of(st, pkey(r->net));
			push_sum(b, rank, cost, a->area);
			os_sum d = {.rank = rank, .cost = cost, .area = a->area};
			TC_VEC_PUSH(b->discards, d);
		}
	}
}

static void add_sums(const os_state *st, os_work *w, const os_sum *v, size_t n, uint32_t area,
		     bool rdests, const os_hit *h)
{
	for (size_t k = 0; k < n; k++) {
		if (v[k].area == area || (v[k].rank >= st->nprefixes && !rdests))
			continue;
		push_cand(w, v[k].rank, h->dist + v[k].cost, OS_INTER, area, h->hop, h->nhop);
	}
}

/* The summaries border router h announces into its area, as candidates of w. */
static void inter_from(const os_state *st, os_work *w, const os_hit *h)
{
	const os_iarea *ba = &st->ia.v[h->ia];
	const os_inst *b = &st->inst[ba->inst];
	if (!b->abr)
		return;
	bool stubby = ba->type != TC_AREA_NORMAL;
	bool nosum = stubby && ba->cfg && ba->cfg->no_summary;
	/* stub areas, and NSSAs with no-summary, get a default summary (O*IA) */
	if (ba->type == TC_AREA_STUB || (ba->type == TC_AREA_NSSA && nosum)) {
		unsigned dc = ba->cfg && ba->cfg->default_cost ? ba->cfg->default_cost : 1;
		push_cand(w, st->rank_default, h->dist + dc, OS_INTER, ba->area, h->hop, h->nhop);
	}
	if (nosum)
		return;
	/* type-4 summaries (routes to ASBRs) do not enter stub areas and NSSAs */
	add_sums(st, w, b->sum_nb.v, b->sum_nb.n, ba->area, !stubby, h);
	if (ba->area == 0)
		return;
	add_sums(st, w, b->sum_bb.v, b->sum_bb.n, ba->area, !stubby, h);
	add_sums(st, w, b->sum_ia.v, b->sum_ia.n, ba->area, !stubby, h);
}

/* The instance's routes for the pass, from its reduced table w->c. */
static void finalize(os_state *st, os_inst *in, const os_work *w)
{
	const char *vrf = in->p->vrf;
	for (size_t k = 0; k < w->c.n; k++) {
		const os_ent *e = &w->c.v[k];
		uint64_t key = st->keys.v[e->rank];
		if (key & OS_RDEST) {
			os_rdest r = {.inst = (uint32_t)(key & ~OS_RDEST),
				      .cost = e->cost,
				      .hop = (uint32_t)in->hops.n,
				      .nhop = e->nhop};
			TC_VEC_PUSH(in->rdests, r);
			for (unsigned h = 0; h < e->nhop; h++)
				TC_VEC_PUSH(in->hops, w->hops.v[e->hop + h]);
			continue;
		}
		for (unsigned h = 0; h < e->nhop; h++) {
			const os_hop *x = &w->hops.v[e->hop + h];
			rt_route r = {.dst = key_prefix(key),
				      .nh = x->nh,
				      .iface = x->iface,
				      .vrf = vrf,
				      .metric = e->cost,
				      .ad = in->ad[e->cls],
				      .proto = TC_RP_OSPF,
				      .sub = e->cls == OS_INTRA ? RT_SUB_OSPF_INTRA
								: RT_SUB_OSPF_INTER,
				      .proc = in->p};
			TC_VEC_PUSH(in->offers, r);
		}
	}
	in->nsorted = in->offers.n;
	/* IOS: `O 10.1.0.0/16 is a summary, Null0` (discard-route internal, distance 110) */
	for (size_t k = 0; k < in->discards.n; k++) {
		rt_route r = {.dst = key_prefix(st->keys.v[in->discards.v[k].rank]),
			      .vrf = vrf,
			      .metric = in->discards.v[k].cost,
			      .ad = OS_AD,
			      .proto = TC_RP_OSPF,
			      .sub = RT_SUB_SUMMARY,
			      .proc = in->p};
		TC_VEC_PUSH(in->offers, r);
	}
	TC_VEC_FREE(in->discards);
}

/* The NSSA translator of an instance's type-7 LSAs in area ia: the ABR of that area with the
 * highest router id among those it reaches (RFC 3101 3.1). */
static void elect_translators(os_state *st, os_inst *in, const os_work *w)
{
	for (size_t k = 0; k < w->hits.n; k++) {
		const os_iarea *ba = &st->ia.v[w->hits.v[k].ia];
		const os_inst *b = &st->inst[ba->inst];
		if (ba->type != TC_AREA_NSSA || !b->abr)
			continue;
		for (uint32_t j = in->ia0; j < in->ia0 + in->nia; j++) {
			os_iarea *a = &st->ia.v[j];
			if (a->area == ba->area &&
			    (a->translator == OS_NONE || st->inst[a->translator].rid < b->rid))
				a->translator = ba->inst;
		}
	}
}

static void spf_all(os_state *st, os_spf *s, os_inst *in, os_work *w)
{
	for (uint32_t j = in->ia0; j < in->ia0 + in->nia; j++)
		spf(st, s, w, j);
	elect_translators(st, in, w);
}

static void work_clear(os_work *w)
{
	w->c.n = w->hops.n = w->hits.n = 0;
}

static void work_free(os_work *w)
{
	TC_VEC_FREE(w->c);
	TC_VEC_FREE(w->out);
	TC_VEC_FREE(w->hops);
	TC_VEC_FREE(w->hits);
}

static void scratch_init(os_spf *s, const os_state *st)
{
	size_t nv = st->v.n + 1, nk = st->keys.n + 1;
	*s = (os_spf){0};
	s->dist = tc_xcalloc(nv, sizeof *s->dist);
	s->hop = tc_xcalloc(nv, sizeof *s->hop);
	s->gen = tc_xcalloc(nv, sizeof *s->gen);
	s->nhop = tc_xcalloc(nv, 1);
	s->done = tc_xcalloc(nv, 1);
	s->rbest = tc_xcalloc(nk, sizeof *s->rbest);
	s->rstamp = tc_xcalloc(nk, sizeof *s->rstamp);
	s->rbits = tc_xcalloc((nk >> 6) + 1, sizeof *s->rbits);
}

static void scratch_free(os_spf *s)
{
	free(s->dist);
	free(s->hop);
	free(s->gen);
	free(s->nhop);
	free(s->done);
	free(s->rbest);
	free(s->rstamp);
	free(s->rbits);
	TC_VEC_FREE(s->heap);
	TC_VEC_FREE(s->seen);
	TC_VEC_FREE(s->tmp);
	TC_VEC_FREE(s->rnext);
	TC_VEC_FREE(s->touched);
}

/* Has the ABR a neighbour in area 0 (RFC 3509's active backbone connection)? */
static bool backbone_active(const os_state *st, const os_inst *in)
{
	for (uint32_t j = in->ia0; j < in->ia0 + in->nia; j++)
		if (st->ia.v[j].area == 0)
			return st->v.v[st->ia.v[j].vertex].ne > 0;
	return false;
}

/* An ABR's inter-area routes: the other ABRs' summaries over the backbone alone (RFC 2328
 * 16.2), which it summarises in turn into its non-backbone areas. An ABR without a neighbour
 * in area 0 (a loopback alone there) takes the summaries of all its areas instead, as IOS does
 * (RFC 3509 2.2). */
static void abr_inter(const os_state *st, os_spf *s, os_inst *in, bool all_areas)
{
	os_work *w = in->w;
	size_t nhits = w->hits.n;
	for (size_t k = 0; k < nhits; k++)
		if (all_areas || st->ia.v[w->hits.v[k].ia].area == 0)
			inter_from(st, w, &w->hits.v[k]);
	reduce(st, w, in->maxp, s);
	for (size_t k = 0; k < w->c.n; k++)
		if (w->c.v[k].cls == OS_INTER)
			push_sum(in, w->c.v[k].rank, w->c.v[k].cost, OS_NONE);
}

/* Every instance's internal routes: ABRs' intra-area routes and summaries, then their inter-
 * area routes over the backbone, then every other instance from its ABRs' summaries. */
static void build_tables(os_state *st)
{
	os_spf s;
	scratch_init(&s, st);
	for (size_t i = 0; i < st->ninst; i++) {
		os_inst *in = &st->inst[i];
		if (!in->abr)
			continue;
		in->w = tc_xcalloc(1, sizeof *in->w);
		spf_all(st, &s, in, in->w);
		reduce(st, in->w, in->maxp, &s);
		abr_summaries(st, in, in->w);
	}
	/* those without a backbone neighbour after the others, whose summaries they read */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < st->ninst; i++)
			if (st->inst[i].abr && backbone_active(st, &st->inst[i]) == (pass == 0))
				abr_inter(st, &s, &st->inst[i], pass == 1);
	os_work w = {0}; /* the other instances', one after the other */
	for (size_t i = 0; i < st->ninst; i++) {
		os_inst *in = &st->inst[i];
		if (in->abr) {
			finalize(st, in, in->w);
			continue;
		}
		work_clear(&w);
		spf_all(st, &s, in, &w);
		size_t nhits = w.hits.n;
		for (size_t k = 0; k < nhits; k++)
			inter_from(st, &w, &w.hits.v[k]);
		reduce(st, &w, in->maxp, &s);
		finalize(st, in, &w);
	}
	work_free(&w);
	for (size_t i = 0; i < st->ninst; i++)
		if (st->inst[i].w) {
			work_free(st->inst[i].w);
			free(st->inst[i].w);
			st->inst[i].w = NULL;
		}
	scratch_free(&s);
}

/* ---- externals (every round) ------------------------------------------------------------------ */

typedef struct ext_ctx {
	os_inst *in;
	const tc_redist *rd;
} ext_ctx;

static void push_ext(os_inst *in, tc_prefix dst, uint32_t metric, uint8_t type)
{
	os_ext x = {.dst = dst,
		    .metric = metric,
		    .area = OS_NONE,
		    .seq = (uint32_t)in->ext.n,
		    .type = type};
	TC_VEC_PUSH(in->ext, x);
}

/* One route a `redistribute` line takes. The default route is never redistributed (IOS:
 * `default-information originate` does that). Without `subnets` only classful networks (and
 * supernets) are taken: IOS 15 behaviour; IOS-XE 16 implies `subnets`, but the configs do not
 * say which release they are, and the classic rule is the one a lab on either shows in its
 * config (IOS-XE writes `subnets` back). Metric: the route map's, the line's, else 1 for BGP
 * routes, the OSPF cost for another OSPF process's, 20 otherwise; type 2 unless told. */
static void ext_cb(const rt_route *r, const rt_setattr *set, void *payload)
{
	ext_ctx *c = payload;
	const tc_redist *rd = c->rd;
	unsigned cl = classful_len(r->dst.addr);
	if (r->dst.len == 0 || (!rd->subnets && (!cl || r->dst.len > cl)))
		return;
	uint32_t metric = r->proto == TC_RP_BGP ? 1 : r->proto == TC_RP_OSPF ? r->metric : 20;
	if (rd->has_metric)
		metric = rd->metric;
	if (set->set_metric)
		metric = set->metric;
	uint8_t type = rd->metric_type == 1 ? 1 : 2;
	if (set->set_metric_type)
		type = set->metric_type == 1 ? 1 : 2;
	push_ext(c->in, r->dst, metric, type);
}

/* Is there a default route in the device's RIB from another source than p? */
static bool has_default(const rt_dev *dev, const tc_rproc *p)
{
	size_t n;
	const rt_route *r = rt_exact(dev, p->vrf, tc_prefix_make(0, 0), &n);
	for (size_t k = 0; k < n; k++)
		if (r[k].proc != p)
			return true;
	return false;
}

static int ext_cmp(const void *pa, const void *pb)
{
	const os_ext *a = pa, *b = pb;
	if (a->area != b->area)
		return a->area < b->area ? -1 : 1;
	if (pkey(a->dst) != pkey(b->dst))
		return pkey(a->dst) < pkey(b->dst) ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The type-7 copies of the instance's externals for each of its NSSAs, and the NSSA default
 * of `area X nssa default-information-originate` (N2, metric 1; on an ABR always, elsewhere
 * when the RIB has a default). The default of `default-information originate` is a type-5
 * LSA only: it does not enter an NSSA (IOS). */
static void nssa_copies(const rt_dev *dev, const os_state *st, os_inst *in)
{
	size_t n = in->ext.n;
	for (uint32_t j = in->ia0; j < in->ia0 + in->nia; j++) {
		const os_iarea *a = &st->ia.v[j];
		if (a->type != TC_AREA_NSSA)
			continue;
		for (size_t k = 0; k < n; k++) {
			os_ext x = in->ext.v[k];
			x.area = a->area;
			if (x.dst.len)
				TC_VEC_PUSH(in->ext, x);
		}
		if (a->cfg && a->cfg->nssa_default && (in->abr || has_default(dev, in->p))) {
			os_ext x = {.dst = tc_prefix_make(0, 0),
				    .metric = 1,
				    .area = a->area,
				    .seq = (uint32_t)in->ext.n,
				    .type = 2};
			TC_VEC_PUSH(in->ext, x);
		}
	}
}

/* The instance's externals from its RIB: type-5 when it is in a normal area, type-7 in each
 * of its NSSAs (an NSSA ABR: both, as IOS); nothing in stub areas alone. */
static void originate(const rt_pass *rp, const os_state *st, os_inst *in)
{
	const rt_dev *dev = &rp->devs[in->k];
	const tc_rproc *p = in->p;
	for (const tc_redist *rd = p->redist; rd; rd = rd->next) {
		ext_ctx c = {.in = in, .rd = rd};
		rt_redist_foreach(rp, dev, p, rd, ext_cb, &c);
	}
	if (p->default_originate && (p->default_always || has_default(dev, p)))
		push_ext(in, tc_prefix_make(0, 0), p->default_metric ? p->default_metric : 1,
			 p->default_metric_type == 1 ? 1 : 2);
	nssa_copies(dev, st, in);
	if (!in->has_normal) { /* the type-5 ones go */
		size_t o = 0;
		for (size_t k = 0; k < in->ext.n; k++)
			if (in->ext.v[k].area != OS_NONE)
				in->ext.v[o++] = in->ext.v[k];
		in->ext.n = o;
	}
}

/* The translator of each NSSA turns the type-7 LSAs of the ASBRs inside into type-5 LSAs of
 * its own (the forwarding address is not modelled: the other areas route toward the
 * translator). An ABR's own type-7 LSAs are not translated (it originates type-5 already). */
static void translate(os_state *st, os_inst *in)
{
	if (in->abr)
		return;
	for (uint32_t j = in->ia0; j < in->ia0 + in->nia; j++) {
		const os_iarea *a = &st->ia.v[j];
		if (a->type != TC_AREA_NSSA || a->translator == OS_NONE)
			continue;
		os_inst *t = &st->inst[a->translator];
		for (size_t k = 0; k < in->ext.n; k++) {
			const os_ext *x = &in->ext.v[k];
			if (x->area != a->area || !x->dst.len)
				continue; /* a type-7 default is not translated (RFC 3101 2.5) */
			os_ext y = *x;
			y.area = OS_NONE;
			y.seq = (1u << 30) + (uint32_t)t->ext.n; /* after the translator's own */
			TC_VEC_PUSH(t->ext, y);
		}
	}
}

/* One LSA per (area, prefix) and originator: the first. */
static void ext_dedupe(os_inst *in)
{
	if (in->ext.n < 2)
		return;
	qsort(in->ext.v, in->ext.n, sizeof *in->ext.v, ext_cmp);
	size_t o = 0;
	for (size_t k = 0; k < in->ext.n; k++)
		if (!o || in->ext.v[o - 1].area != in->ext.v[k].area ||
		    pkey(in->ext.v[o - 1].dst) != pkey(in->ext.v[k].dst))
			in->ext.v[o++] = in->ext.v[k];
	in->ext.n = o;
}

typedef struct os_xc {
	tc_prefix dst;
	uint32_t metric, fwd;
	uint8_t type, nssa;
	uint32_t hop;
	uint8_t nhop;
} os_xc;

/* Preference among externals of one prefix: type 1 before type 2; type 1 by metric + cost to
 * the ASBR; type 2 by metric, then cost to the ASBR; type-5 before type-7 at equal cost. */
static int xc_cmp(const void *pa, const void *pb)
{
	const os_xc *a = pa, *b = pb;
	if (pkey(a->dst) != pkey(b->dst))
		return pkey(a->dst) < pkey(b->dst) ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	uint64_t ma = a->type == 1 ? (uint64_t)a->metric + a->fwd : a->metric;
	uint64_t mb = b->type == 1 ? (uint64_t)b->metric + b->fwd : b->metric;
	if (ma != mb)
		return ma < mb ? -1 : 1;
	if (a->fwd != b->fwd)
		return a->fwd < b->fwd ? -1 : 1;
	if (a->nssa != b->nssa)
		return a->nssa < b->nssa ? -1 : 1;
	return (a->hop > b->hop) - (a->hop < b->hop);
}

static bool xc_tie(const os_xc *a, const os_xc *b)
{
	return a->type == b->type && a->metric == b->metric && a->fwd == b->fwd &&
	       a->nssa == b->nssa;
}

static bool in_area(const os_state *st, const os_inst *in, uint32_t area)
{
	for (uint32_t j = in->ia0; j < in->ia0 + in->nia; j++)
		if (st->ia.v[j].area == area)
			return true;
	return false;
}

/* Has the instance an internal route for p (which any external loses to)? */
static bool internal_has(const os_inst *in, tc_prefix p)
{
	size_t lo = 0, hi = in->nsorted;
	uint64_t k = pkey(p);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pkey(in->offers.v[mid].dst) < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < in->nsorted && pkey(in->offers.v[lo].dst) == k;
}

static uint8_t ext_sub(const os_xc *x)
{
	if (x->nssa)
		return x->type == 1 ? RT_SUB_OSPF_N1 : RT_SUB_OSPF_N2;
	return x->type == 1 ? RT_SUB_OSPF_E1 : RT_SUB_OSPF_E2;
}

typedef struct os_round {
	TC_VEC(os_xc) xc;
	TC_VEC(os_hop) tmp;
} os_round;

static void offer_external(rt_pass *rp, const os_inst *in, os_round *rd, size_t i, size_t t)
{
	const os_xc *b = &rd->xc.v[i];
	rd->tmp.n = 0;
	for (size_t k = i; k < t; k++)
		for (unsigned h = 0; h < rd->xc.v[k].nhop; h++)
			TC_VEC_PUSH(rd->tmp, in->hops.v[rd->xc.v[k].hop + h]);
	size_t n = hops_norm(rd->tmp.v, rd->tmp.n, in->maxp);
	for (size_t h = 0; h < n; h++) {
		rt_route r = {.dst = b->dst,
			      .nh = rd->tmp.v[h].nh,
			      .iface = rd->tmp.v[h].iface,
			      .vrf = in->p->vrf,
			      .metric = b->type == 1 ? b->metric + b->fwd : b->metric,
			      .ad = in->ad[2],
			      .proto = TC_RP_OSPF,
			      .sub = ext_sub(b),
			      .proc = in->p};
		rt_offer(rp, in->k, &r);
	}
}

/* The externals instance `in` installs: the LSAs of every ASBR it reaches that it may see
 * (type-5 in a normal area, type-7 of its NSSAs), best per prefix, unless an intra- or
 * inter-area route has the prefix. An ASBR never installs its own. */
static void offer_externals(rt_pass *rp, const os_state *st, const os_inst *in, os_round *rd)
{
	rd->xc.n = 0;
	for (size_t j = 0; j < in->rdests.n; j++) {
		const os_rdest *d = &in->rdests.v[j];
		const os_inst *a = &st->inst[d->inst];
		for (size_t k = 0; k < a->ext.n; k++) {
			const os_ext *x = &a->ext.v[k];
			if (x->area == OS_NONE ? !in->has_normal : !in_area(st, in, x->area))
				continue;
			os_xc c = {.dst = x->dst,
				   .metric = x->metric,
				   .fwd = d->cost,
				   .type = x->type,
				   .nssa = x->area != OS_NONE,
				   .hop = d->hop,
				   .nhop = d->nhop};
			TC_VEC_PUSH(rd->xc, c);
		}
	}
	if (rd->xc.n > 1)
		qsort(rd->xc.v, rd->xc.n, sizeof *rd->xc.v, xc_cmp);
	for (size_t i = 0; i < rd->xc.n;) {
		size_t e = i + 1, t = i + 1;
		while (e < rd->xc.n && pkey(rd->xc.v[e].dst) == pkey(rd->xc.v[i].dst))
			e++;
		while (t < e && xc_tie(&rd->xc.v[t], &rd->xc.v[i]))
			t++;
		if (!internal_has(in, rd->xc.v[i].dst))
			offer_external(rp, in, rd, i, t);
		i = e;
	}
}

/* ---- the pass's entry points ---------------------------------------------------------------- */

void rt_ospf_run(rt_pass *rp)
{
	os_state *st = rp->ospf;
	if (!st) {
		st = rp->ospf = tc_xcalloc(1, sizeof *st);
		build_graph(rp, st);
		build_tables(st);
	}
	for (size_t i = 0; i < st->ninst; i++) {
		os_inst *in = &st->inst[i];
		in->ext.n = 0;
		if (in->asbr || in->rdest)
			originate(rp, st, in);
	}
	for (size_t i = 0; i < st->ninst; i++)
		translate(st, &st->inst[i]);
	for (size_t i = 0; i < st->ninst; i++)
		ext_dedupe(&st->inst[i]);
	os_round rd = {0};
	for (size_t i = 0; i < st->ninst; i++) {
		const os_inst *in = &st->inst[i];
		rt_routes *out = &rp->devs[in->k].out; /* rt_offer(), all at once */
		if (in->offers.n) {
			TC_VEC_RESERVE(*out, in->offers.n);
			memcpy(out->v + out->n, in->offers.v, in->offers.n * sizeof *out->v);
			out->n += in->offers.n;
		}
		offer_externals(rp, st, in, &rd);
	}
	TC_VEC_FREE(rd.xc);
	TC_VEC_FREE(rd.tmp);
}

void rt_ospf_free(rt_pass *rp)
{
	os_state *st = rp->ospf;
	if (!st)
		return;
	for (size_t i = 0; i < st->ninst; i++) {
		os_inst *in = &st->inst[i];
		TC_VEC_FREE(in->offers);
		TC_VEC_FREE(in->rdests);
		TC_VEC_FREE(in->hops);
		TC_VEC_FREE(in->sum_nb);
		TC_VEC_FREE(in->sum_bb);
		TC_VEC_FREE(in->sum_ia);
		TC_VEC_FREE(in->discards);
		TC_VEC_FREE(in->ext);
	}
	free(st->inst);
	TC_VEC_FREE(st->oif);
	TC_VEC_FREE(st->ia);
	TC_VEC_FREE(st->v);
	TC_VEC_FREE(st->e);
	TC_VEC_FREE(st->st);
	TC_VEC_FREE(st->keys);
	oif_set_free(&st->by_iface);
	free(st);
	rp->ospf = NULL;
}
