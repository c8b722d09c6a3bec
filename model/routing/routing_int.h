/* routing_int.h: between the files of the control-plane pass (model/routing/). No other module
 * includes it.
 *
 * rib.c     the driver: each device's base RIB (connected, static resolved through the RIB),
 *           the protocols run in turn until no RIB changes (redistribution feeds back), best
 *           route per prefix by administrative distance then metric (equal-cost paths kept, up
 *           to maximum-paths), the result written into the model; reverse routes redistributed
 *           (tc_rri_via); the notes for what is not modelled.
 * policy.c  prefix lists and route maps (the match / set lines routing.h lists).
 * ospf.c    adjacencies, SPF per area (binary heap), inter-area, externals, stub/NSSA, ranges.
 * eigrp.c   neighbours, composite metric (K1 = K3 = 1), internal/external, stub, summaries.
 * rip.c     RIP v2 (and v1 classful), hop count, 16 = unreachable.
 * bgp.c     sessions, best path, iBGP/eBGP, next hops through the IGP, policies.
 *
 * A protocol's run reads the RIBs of the previous round (rt_pass.devs[k].rib, sorted, best
 * routes only) and appends what it offers each device to rt_pass.devs[k].out; it must be a
 * function of those RIBs and the model alone (same input, same output, same order), so that
 * the rounds reach a fixed point and the output is deterministic. */
#ifndef TC_ROUTING_INT_H
#define TC_ROUTING_INT_H

#include "../kit.h"
#include "../model.h"
#include "../routing.h"

/* Sub-types of a protocol's routes: what IOS prints after the protocol letter. */
typedef enum rt_sub {
	RT_SUB_NONE = 0,
	RT_SUB_OSPF_INTRA, /* O */
	RT_SUB_OSPF_INTER, /* O IA */
	RT_SUB_OSPF_E1,	   /* O E1 */
	RT_SUB_OSPF_E2,	   /* O E2 */
	RT_SUB_OSPF_N1,	   /* O N1 */
	RT_SUB_OSPF_N2,	   /* O N2 */
	RT_SUB_EIGRP_INT,  /* D */
	RT_SUB_EIGRP_EXT,  /* D EX */
	RT_SUB_BGP_EXT,	   /* B, learned from an eBGP peer (AD 20) */
	RT_SUB_BGP_INT,	   /* B, from an iBGP peer (AD 200) */
	RT_SUB_BGP_LOCAL,  /* B, aggregate / local (AD 200) */
	RT_SUB_STATIC_RRI, /* S, a reverse route (static RRI of a crypto map) */
	RT_SUB_SUMMARY,	   /* a summary's discard route to Null0 (EIGRP, OSPF range, BGP
			      aggregate) */
} rt_sub;

/* One route during the pass: a prefix and one path. 48 bytes. */
typedef struct rt_route {
	tc_prefix dst;
	uint32_t nh;	       /* next hop; 0: directly connected / interface route */
	const tc_iface *iface; /* egress interface; NULL: Null0 */
	const char *vrf;       /* NULL: the global table */
	uint32_t metric;       /* as `show ip route` prints it */
	uint32_t tag;	       /* route tag (redistribution), 0: none */
	uint8_t ad;	       /* administrative distance */
	uint8_t proto;	       /* a tc_rp_kind: CONNECTED, STATIC, OSPF... */
	uint8_t sub;	       /* an rt_sub */
	uint8_t pad;
	const tc_rproc *proc; /* the process that produced it; NULL: connected, static */
	const tc_route *cfg;  /* static: the config's route; else NULL */
} rt_route;

typedef TC_VEC(rt_route) rt_routes;

/* Per device of the model (rt_pass.devs[d->index]). */
typedef struct rt_dev {
	tc_device *d;
	rt_routes rib; /* the RIB of the previous round: best routes only, sorted by (vrf, dst,
			  ad, metric, nh); connected and static included */
	rt_routes out; /* what the protocols offer in this round (unsorted, any AD) */
	rt_routes rri; /* static reverse routes (always installed) to redistribute as static */
} rt_dev;

typedef struct rt_pass {
	tc_model *m;
	rt_dev *devs; /* m->ndevs of them */
	unsigned round;
	tc_arena *arena; /* the pass's own scratch (freed at the end); model strings go in m */
	struct rt_ospf_state *ospf; /* ospf.c's topology and internal routes: they do not
				       change between rounds, built in the first (rt_ospf_free()) */
} rt_pass;

/* ---- rib.c: what every protocol uses ---------------------------------------------------- */

/* Offer route r to device k for this round. */
void rt_offer(rt_pass *rp, size_t k, const rt_route *r);
/* The best route of dev's RIB (previous round) for ip in vrf, longest match; NULL: none.
 * With several equal-cost paths, the first. */
const rt_route *rt_lookup(const rt_dev *dev, const char *vrf, uint32_t ip);
/* The routes of dev's RIB for exactly prefix p in vrf: *n of them (0: none). */
const rt_route *rt_exact(const rt_dev *dev, const char *vrf, tc_prefix p, size_t *n);
/* Is vrf a the same table as vrf b (both NULL, or equal names)? */
bool rt_same_vrf(const char *a, const char *b);
/* The routes a `redistribute` line of proc takes from dev's RIB: for each best route of the
 * source protocol (and process, when from_id is given) in proc's VRF that the route map (if
 * any) permits, cb(route, route-map result, payload). Reverse routes count as static.
 * Connected: the interfaces' subnets of proc's VRF. A route of proc itself is never taken. */
typedef struct rt_setattr {
	bool permit;
	bool set_metric, set_local_pref, set_weight, set_metric_type;
	unsigned metric, local_pref, weight, prepend_n, prepend_as;
	uint8_t metric_type;
} rt_setattr;
void rt_redist_foreach(const rt_pass *rp, const rt_dev *dev, const tc_rproc *proc,
		       const tc_redist *rd,
		       void (*cb)(const rt_route *r, const rt_setattr *set, void *payload),
		       void *payload);
/* Is interface i (of dev) covered by proc: in its VRF, and matched by a `network` statement
 * (OSPF: the area goes to *area; EIGRP/RIP) or, OSPF, by `ip ospf PID area X`? */
bool rt_iface_in_proc(const tc_device *d, const tc_iface *i, const tc_rproc *proc, uint32_t *area);
/* Is i passive in proc (passive-interface NAME, or default and not `no passive-interface`)? */
bool rt_iface_passive(const tc_rproc *proc, const tc_iface *i);
/* The router id a process uses: router-id, else the highest loopback address, else the
 * highest up interface address (as IOS chooses). */
uint32_t rt_router_id(const tc_device *d, const tc_rproc *proc);
/* The interface's bandwidth in kbit/s and delay in tens of microseconds: configured, else the
 * defaults of its type (GigabitEthernet 1000000 / 1, FastEthernet 100000 / 10, Ethernet
 * 10000 / 100, Serial 1544 / 2000, Tunnel 100 / 5000 (IOS 15: 100 kbit/s, DLY 50000 usec), Loopback
 * 8000000 / 500). */
unsigned rt_iface_bw(const tc_iface *i);
unsigned rt_iface_delay(const tc_iface *i);
/* The peer on a shared link: for each other device's interface on the subnet of i (up,
 * addressed, same subnet), cb(device index, its interface). Through the model's links. */
void rt_link_peers(const rt_pass *rp, const tc_device *d, const tc_iface *i,
		   void (*cb)(size_t k, const tc_iface *peer, void *payload), void *payload);
/* Say once per device and feature that something is not modelled, with what is assumed. */
void rt_note_unmodelled(rt_pass *rp, const tc_device *d, const char *file, unsigned line,
			const char *what, const char *assumed);

/* ---- policy.c ------------------------------------------------------------------------------ */

/* Does d's prefix list `name` permit p? An undefined list permits everything (IOS), which the
 * caller has reported. */
bool rt_plist_permits(const tc_device *d, const char *name, tc_prefix p);
/* Route map `name` of d applied to p: set->permit false when denied (no clause matches, or a
 * deny clause does); the sets of the matching permit clause otherwise. An undefined route map
 * denies everything (IOS, for redistribution and neighbours). */
void rt_rmap_apply(const tc_device *d, const char *name, tc_prefix p, rt_setattr *set);

/* ---- the protocols ------------------------------------------------------------------------- */

void rt_ospf_run(rt_pass *rp);
/* The OSPF process running on i (`ip ospf PID area X`: that process; else the first one whose
 * network statement covers i), its area in *area; NULL when none. For the pass and lint. */
const tc_rproc *rt_ospf_owner(const tc_device *d, const tc_iface *i, uint32_t *area);
/* i's OSPF network type: configured, else IOS's default for its type (loopback on loopbacks,
 * point-to-point on serial, tunnel, dialer, virtual-template and multilink, else broadcast). */
tc_ospf_nettype rt_ospf_nettype(const tc_iface *i);
/* What rt_ospf_run() kept for the pass (the end of the pass). */
void rt_ospf_free(rt_pass *rp);
void rt_eigrp_run(rt_pass *rp);
void rt_rip_run(rt_pass *rp);
void rt_bgp_run(rt_pass *rp);
/* d's BGP process for the table vrf (shut down or not), or NULL. */
const tc_rproc *rt_bgp_proc(const tc_device *d, const char *vrf);

/* ---- bgp.c: sessions, for the pass and for lint ----------------------------------------------- */

/* Why a neighbour statement has no session (RT_BGP_UP: it has one). */
typedef enum rt_bgp_state {
	RT_BGP_UP = 0,
	RT_BGP_NO_REMOTE_AS,   /* the statement has no remote-as */
	RT_BGP_SHUTDOWN,       /* neighbor shutdown or the process shut down, either side */
	RT_BGP_NOT_ACTIVATED,  /* `no neighbor activate` for IPv4, either side */
	RT_BGP_NO_PEER,	       /* no other device holds the address (up) */
	RT_BGP_PEER_NO_BGP,    /* the holder runs no BGP in the VRF of that address */
	RT_BGP_NOT_NAMED_BACK, /* the holder names none of our addresses that would connect */
	RT_BGP_AS_MISMATCH,    /* remote-as differs from the other's AS, either way */
	RT_BGP_UNREACHABLE,    /* one side has no route to the address it names */
	RT_BGP_NOT_CONNECTED,  /* single-hop eBGP to an address not on a connected subnet */
} rt_bgp_state;
/* "up", "no remote-as", ...: a phrase for messages. */
const char *rt_bgp_state_name(rt_bgp_state s);

/* How d reaches ip in vrf: false when it has no usable route; else *iface the egress
 * interface and *connected whether ip is on a connected subnet. */
typedef bool rt_reach_fn(const tc_device *d, const char *vrf, uint32_t ip, const tc_iface **iface,
			 bool *connected, void *payload);

/* The other end of a session that is up. */
typedef struct rt_bgp_peer {
	const tc_device *d;    /* the device holding the neighbour's address */
	const tc_rproc *proc;  /* its BGP process (the VRF of that address) */
	const tc_bgp_nbr *nbr; /* its neighbour statement for us */
	uint32_t local_addr;   /* our address in the session (the one it names) */
} rt_bgp_peer;

/* The state of neighbour n of d's BGP process p, the routes between the two judged by reach
 * (the pass: the previous round's RIB; lint: the FIB). IOS needs one direction of the TCP
 * connection to work: the other names the address we connect from, or we name the address it
 * connects from. *out (may be NULL) is filled when up. */
rt_bgp_state rt_bgp_session_state(const tc_model *m, const tc_device *d, const tc_rproc *p,
				  const tc_bgp_nbr *n, rt_reach_fn *reach, void *payload,
				  rt_bgp_peer *out);

#endif
