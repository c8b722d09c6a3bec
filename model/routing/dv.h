/* dv.h: the distance-vector propagation EIGRP (eigrp.c) and RIP (rip.c) share; no other file
 * includes it.
 *
 * A protocol builds the graph of one run: nodes (one process of one device), the adjacencies
 * each node receives updates over, and the routes each node originates; dv_run() then
 * settles every prefix to the fixed point of the distance-vector equations (each node takes
 * the best of what its neighbours send, Bellman-Ford until nothing changes) and hands each
 * node's result to the protocol, which offers the routes (rt_offer).
 *
 * Prefixes are settled one at a time, longest first, so that a summary (`ip summary-address`,
 * auto-summary, RIP v1's classful updates) is settled after every route it covers: while a
 * prefix settles, what a node sends out of an interface may be replaced by a summary (the
 * protocol's reshape), which makes the summarising node an originator of the summary,
 * restricted to that interface, with the best metric of its components. The work per prefix
 * is proportional to the adjacencies of the nodes that learn it. */
#ifndef TC_DV_H
#define TC_DV_H

#include "routing_int.h"

#define DV_MAX_PATHS 32 /* successors kept per prefix (IOS maximum-paths: at most 32) */

/* What a node originates a route as (EIGRP stub routers advertise some of them only). */
enum {
	DV_ORIG_CONNECTED = 1,
	DV_ORIG_STATIC = 2, /* redistributed static (reverse routes included) */
	DV_ORIG_REDIST = 4, /* redistributed from anything else, a default originated */
	DV_ORIG_SUMMARY = 8,
	DV_ORIG_ALL = 15,
};

/* A route's metric as a node holds it. */
typedef struct dv_val {
	uint32_t bw;	/* EIGRP: the least bandwidth along the path, kbit/s; RIP: 0 */
	uint32_t delay; /* EIGRP: the sum of the delays, tens of microseconds; RIP: hops */
	uint16_t hops;	/* routers crossed */
	uint8_t orig;	/* a node's own route: DV_ORIG_*; learned: 0 */
	bool ext;	/* external (EIGRP D EX); internal routes win over external ones */
} dv_val;

typedef struct dv_node {
	size_t dev; /* index in rp->devs */
	const tc_rproc *proc;
	uint32_t in0, nin;   /* its adjacencies: dv.in[in0 .. in0+nin) (set by dv_run) */
	uint32_t out0, nout; /* the adjacencies it sends over: dv.outv[out0 .. out0+nout) */
	uint32_t if0, nif;   /* the interfaces it sends updates out of: dv.ifs[if0 ..) */
	uint8_t advertise;   /* which of its own routes it sends (DV_ORIG_*; a stub: some) */
	bool transit;	     /* sends what it learned (not an EIGRP stub) */
	bool reshapes;	     /* the protocol's reshape applies (summaries, classful updates) */
	unsigned max_paths;  /* successors installed per prefix */
} dv_node;

/* Node `node` receives from node `from`: `from` sends out of from_iface, `node` listens on
 * iface and uses nh (from_iface's address) as the next hop. */
typedef struct dv_adj {
	uint32_t node, from;
	const tc_iface *iface, *from_iface;
	uint32_t nh;
	uint32_t bw, delay; /* iface's bandwidth (kbit/s) and delay (tens of us), looked up once */
} dv_adj;

/* A route a node originates; only: the interface it is sent out of (a summary), or NULL for
 * all. */
typedef struct dv_origin {
	tc_prefix p;
	uint32_t node;
	dv_val v;
	const tc_iface *only;
} dv_origin;

/* A node's result for the prefix being settled. */
typedef struct dv_state {
	dv_val v;
	uint32_t metric; /* ops->metric(v) */
	uint32_t o0, o1; /* its origins in the prefix's list; o0 == o1: learned */
	uint32_t nsucc;	 /* learned: successors, adjacency indexes (dv.in) */
	uint32_t succ[DV_MAX_PATHS];
} dv_state;

typedef enum dv_shape {
	DV_SEND = 0, /* sent as it is */
	DV_DROP,     /* not sent out of that interface */
	DV_SUMMARY,  /* replaced by the summary */
} dv_shape;

/* An interface a node sends updates out of. */
typedef struct dv_if {
	uint32_t node;
	const tc_iface *iface;
} dv_if;

typedef struct dv dv;

typedef struct dv_ops {
	/* v, as sent by adjacency a's sender, becomes what a's node holds; false: unreachable */
	bool (*extend)(const dv_adj *a, dv_val *v);
	/* the metric `show ip route` prints, lower is better */
	uint32_t (*metric)(const dv_node *n, const dv_val *v);
	/* how node n sends p out of interface out (nodes with reshapes only) */
	dv_shape (*reshape)(const dv_node *n, const tc_iface *out, tc_prefix p, tc_prefix *sum);
	/* node n's settled state for p (an originator's included) */
	void (*emit)(dv *g, const dv_node *n, tc_prefix p, const dv_state *s);
} dv_ops;

struct dv {
	rt_pass *rp;
	const dv_ops *ops;
	TC_VEC(dv_node) nodes; /* in device order, each device's processes in config order */
	TC_VEC(dv_adj) in;     /* the adjacencies; dv_run() groups them by receiving node */
	TC_VEC(uint32_t) outv; /* per sending node: the adjacencies (dv.in) it sends over */
	TC_VEC(dv_if) ifs;
	TC_VEC(dv_origin) orig;
};

/* Append a node for proc of device dev (max_paths, advertise and transit to be set by the
 * caller; the defaults: 4, DV_ORIG_ALL, true). Returns its index. */
uint32_t dv_add_node(dv *g, size_t dev, const tc_rproc *proc);
/* node receives from node from over (iface, from_iface), with from_iface's address as nh. */
void dv_add_adj(dv *g, uint32_t node, uint32_t from, const tc_iface *iface,
		const tc_iface *from_iface);
/* node sends updates out of iface (where its reshape can make summaries). */
void dv_add_iface(dv *g, uint32_t node, const tc_iface *iface);
void dv_add_origin(dv *g, uint32_t node, tc_prefix p, const dv_val *v);
/* Settle every prefix and emit the results; frees g's vectors. */
void dv_run(dv *g);

/* What dv_build() asks the protocol. */
typedef struct dv_proto {
	uint8_t kind; /* TC_RP_EIGRP or TC_RP_RIP */
	/* node setup after dv_add_node() (n's device d): max_paths, advertise, transit,
	   reshapes */
	void (*setup)(const tc_device *d, dv_node *n);
	/* does process n, on its interface i, hear process m sending out of its interface peer
	   (both interfaces up and in their processes)? */
	bool (*hears)(const tc_rproc *n, const tc_iface *i, const tc_rproc *m,
		      const tc_iface *peer);
	/* the route to the subnet of interface i (in the process) as its node originates it */
	void (*connected)(const tc_iface *i, dv_val *v);
	/* route r taken by redistribution line rd of node n (route-map sets in set): its metric
	   as n originates it; false: not redistributed (no seed metric) */
	bool (*seed)(rt_pass *rp, const dv_node *n, const tc_redist *rd, const rt_route *r,
		     const rt_setattr *set, dv_val *v);
} dv_proto;

/* The graph of every process of kind pr->kind that is not shut down: nodes, adjacencies over
 * the links between their interfaces (up, covered by a network statement, same VRF), the
 * interfaces' subnets (secondaries that a network statement covers included) and the
 * redistributed routes (a prefix the node has as its own subnet is not taken again). */
void dv_build(dv *g, const dv_proto *pr);

/* The classful network of p (class A /8, B /16, C /24; D and E: p itself). */
tc_prefix dv_classful(tc_prefix p);
/* Auto-summary: p (a subnet of a classful network other than out's) becomes its classful
 * network out of interface out. */
dv_shape dv_auto_summary(const tc_iface *out, tc_prefix p, tc_prefix *sum);

#endif
