/* routing.h: what the configs say about dynamic routing (OSPF, EIGRP, BGP, RIP, the prefix
 * lists and route maps they use), and the control-plane pass that turns it into each device's
 * RIB: the routes `show ip route` would print, which tc_model_finalize() puts in the FIB next
 * to the connected and static ones.
 *
 * The parser fills the structures below (builders at the end); tc_model_finalize() runs
 * tc_routing_compute() after the devices and links are built. The pass is in model/routing/
 * (one file per protocol, routing_int.h between them); docs/routing.md says what is modelled
 * and what is assumed.
 *
 * Glossary:
 *   proc     one routing process: `router ospf 1`, `router eigrp 10`, `router bgp 65000`,
 *            `router rip` (and an EIGRP named-mode `address-family` of `router eigrp NAME`)
 *   area     an OSPF area, by its 32-bit id (`area 0` = `area 0.0.0.0`)
 *   redist   one `redistribute` line of a process
 *   plist    an `ip prefix-list` (ASA: `prefix-list`)
 *   rmap     a `route-map`, clauses in sequence order
 */
#ifndef TC_ROUTING_H
#define TC_ROUTING_H

#include "model.h"

typedef enum tc_rp_kind {
	TC_RP_NONE = 0,
	TC_RP_CONNECTED, /* only as a redistribution source */
	TC_RP_STATIC,	 /* only as a redistribution source (reverse routes included) */
	TC_RP_OSPF,
	TC_RP_EIGRP,
	TC_RP_BGP,
	TC_RP_RIP,
} tc_rp_kind;
const char *tc_rp_kind_name(tc_rp_kind k); /* "connected", "static", "ospf", ... */

/* `redistribute FROM [ID] [metric M] [metric-type 1|2] [subnets] [route-map R]`. */
typedef struct tc_redist {
	uint8_t from;	     /* a tc_rp_kind */
	uint8_t metric_type; /* OSPF: 1 or 2 (the default 2); 0 for the others */
	bool subnets;	     /* OSPF `subnets`: without it only classful networks are taken */
	bool has_metric;
	unsigned from_id;      /* process id / AS of the source protocol; 0: none given */
	unsigned metric;       /* OSPF cost, RIP hops, BGP MED; EIGRP: bandwidth (kbit/s) */
	unsigned eigrp_delay;  /* EIGRP `metric BW DELAY ...`: delay in tens of microseconds */
	const char *route_map; /* or NULL */
	const char *file;
	unsigned line;
	struct tc_redist *next;
} tc_redist;

/* A `network` statement. OSPF: net + area; EIGRP: net (wildcard given or classful);
 * RIP: the classful network; BGP: `network P mask M` (exact prefix, route_map optional). */
typedef struct tc_rnet {
	tc_prefix net;
	uint32_t area;	       /* OSPF area id */
	const char *route_map; /* BGP `network ... route-map R`, or NULL */
	const char *file;
	unsigned line;
	struct tc_rnet *next;
} tc_rnet;

typedef enum tc_area_type {
	TC_AREA_NORMAL = 0,
	TC_AREA_STUB,
	TC_AREA_NSSA,
} tc_area_type;

/* `area X range P M [not-advertise] [cost C]` (OSPF); also EIGRP and RIP summaries
 * (`ip summary-address eigrp AS P M`, kept on the interface: tc_iface_rt). */
typedef struct tc_range {
	tc_prefix net;
	bool not_advertise;
	bool summary_only; /* BGP `aggregate-address ... summary-only`: components suppressed */
	unsigned cost;	   /* 0: the largest component's */
	const char *file;
	unsigned line;
	struct tc_range *next;
} tc_range;

/* What a process says about one OSPF area (`area X ...` lines). */
typedef struct tc_area {
	uint32_t id;
	uint8_t type;	       /* a tc_area_type */
	bool no_summary;       /* totally stubby / NSSA `no-summary` */
	bool nssa_default;     /* NSSA `default-information-originate` */
	unsigned default_cost; /* `area X default-cost C`; 0: 1 */
	tc_range *ranges;
	const char *file;
	unsigned line;
	struct tc_area *next;
} tc_area;

/* A BGP neighbour (`neighbor A ...`; peer-group settings already copied in). */
typedef struct tc_bgp_nbr {
	uint32_t addr;
	unsigned remote_as;	   /* 0: not given (then the session is not up) */
	const char *update_source; /* interface name, or NULL */
	const char *rmap_in, *rmap_out;
	const char *plist_in, *plist_out;
	unsigned weight;
	bool next_hop_self;
	bool default_originate;
	bool shutdown;
	bool activated; /* not `no neighbor A activate` in the IPv4 address family */
	bool route_reflector_client;
	uint8_t ebgp_multihop; /* `neighbor A ebgp-multihop [TTL]`: the TTL (255 without one);
				  0: not given, eBGP then needs the address on a shared subnet */
	const char *file;
	unsigned line;
	struct tc_bgp_nbr *next;
} tc_bgp_nbr;

/* Interfaces named by passive-interface lines. */
typedef struct tc_ifname_list {
	const char *name;
	struct tc_ifname_list *next;
} tc_ifname_list;

/* One routing process. */
typedef struct tc_rproc {
	uint8_t kind; /* TC_RP_OSPF, TC_RP_EIGRP, TC_RP_BGP or TC_RP_RIP */
	bool has_router_id;
	bool passive_default;	/* `passive-interface default` */
	bool default_originate; /* OSPF/RIP `default-information originate`, BGP
				   `default-information originate`, EIGRP: none */
	bool default_always;	/* OSPF `default-information originate always` */
	bool auto_summary;	/* EIGRP/RIP `auto-summary` (IOS 15 default: off) */
	bool shutdown;		/* `shutdown` in the process */
	unsigned id;		/* OSPF process id, EIGRP AS, BGP AS; RIP: 0 */
	const char *name;	/* EIGRP named mode: the name; else NULL */
	const char *vrf; /* OSPF `router ospf N vrf V`, BGP/EIGRP `address-family ipv4 vrf V` */
	uint32_t router_id;
	unsigned default_metric;     /* OSPF default-information metric, `default-metric` */
	uint8_t default_metric_type; /* OSPF default-information metric-type (default 2) */
	uint8_t distance[3];	     /* 0: the protocol default. OSPF intra/inter/external;
				        EIGRP internal/external; BGP external/internal/local;
				        RIP: [0] */
	unsigned maximum_paths;	     /* 0: the default (4; BGP 1) */
	unsigned ref_bw_mbps;	     /* OSPF `auto-cost reference-bandwidth`; 0: 100 */
	/* EIGRP */
	bool stub;
	uint8_t stub_flags;				/* TC_EIGRP_STUB_* */
	unsigned eigrp_default_bw, eigrp_default_delay; /* `default-metric BW DELAY ...` */
	/* RIP */
	unsigned rip_version; /* 1, 2; 0: not given (IOS sends 1, receives 1 and 2) */
	/* BGP */
	unsigned local_pref; /* `bgp default local-preference`; 0: 100 */
	tc_bgp_nbr *nbrs;
	tc_bgp_nbr *nbr_last;	 /* the one tc_bgp_nbr_get() found last: a neighbour's lines
				    come together */
	tc_rnet *nets;		 /* network statements, in order */
	tc_rnet *nets_tail;	 /* the last of them (tc_rnet_add appends without a scan) */
	tc_area *areas;		 /* OSPF */
	tc_redist *redist;	 /* in order */
	tc_ifname_list *passive; /* passive-interface NAME */
	tc_ifname_list *active;	 /* no passive-interface NAME (with passive_default) */
	tc_range *summaries;	 /* BGP `aggregate-address P M [summary-only]` */
	const char *file;
	unsigned line;
	struct tc_rproc *next;
} tc_rproc;

enum {
	TC_EIGRP_STUB_CONNECTED = 1,
	TC_EIGRP_STUB_SUMMARY = 2,
	TC_EIGRP_STUB_STATIC = 4,
	TC_EIGRP_STUB_REDISTRIBUTED = 8,
	TC_EIGRP_STUB_RECEIVE_ONLY = 16,
};

typedef enum tc_ospf_nettype {
	TC_OSPF_NET_DEFAULT = 0, /* by interface type: broadcast on Ethernet, p2p on serial and
				    tunnels, loopback on loopbacks */
	TC_OSPF_NET_BROADCAST,
	TC_OSPF_NET_P2P,
	TC_OSPF_NET_NBMA,
	TC_OSPF_NET_P2MP,
	TC_OSPF_NET_LOOPBACK, /* rt_ospf_nettype() of a loopback (never a neighbour) */
} tc_ospf_nettype;

/* An interface's routing settings; NULL in tc_iface when it has none. */
typedef struct tc_iface_rt {
	unsigned bandwidth_kbps; /* `bandwidth`; 0: the default of the interface type */
	unsigned delay_tens_us;	 /* `delay`; 0: the default of the interface type */
	unsigned ospf_cost;	 /* `ip ospf cost`; 0: from the bandwidth */
	unsigned ospf_pid;	 /* `ip ospf PID area X` (ASA: none) */
	uint32_t ospf_area;
	bool has_ospf_area;
	uint8_t ospf_nettype;	   /* a tc_ospf_nettype */
	tc_range *eigrp_summaries; /* `ip summary-address eigrp AS P M` */
	unsigned eigrp_summary_as;
	const char *file;
	unsigned line;
} tc_iface_rt;

/* `ip prefix-list NAME [seq N] permit|deny P/L [ge G] [le L]` (ASA: `prefix-list`). */
typedef struct tc_plist_entry {
	unsigned seq;
	bool permit;
	tc_prefix net;
	uint8_t ge, le; /* 0: not given */
	const char *file;
	unsigned line;
	struct tc_plist_entry *next;
} tc_plist_entry;

typedef struct tc_plist {
	const char *name;
	tc_plist_entry *entries; /* in sequence order */
	tc_plist_entry *last;	 /* the last of them: the highest sequence number */
	const char *file;
	unsigned line;
	struct tc_plist *next;
} tc_plist;

/* One `route-map NAME permit|deny SEQ` clause and the match / set lines the pass models.
 * Anything else in the clause is recorded in unsupported (the first one), and the clause is
 * then evaluated as if that line were absent, which the pass says once per device. */
typedef struct tc_rmap_clause {
	unsigned seq;
	bool permit;
	const char *match_plist; /* `match ip address prefix-list NAME` */
	const char *match_acl;	 /* `match ip address ACL` (a standard list) */
	bool set_local_pref, set_metric, set_weight, set_metric_type;
	unsigned local_pref, metric, weight;
	uint8_t metric_type;	 /* `set metric-type type-1|type-2` */
	unsigned prepend_n;	 /* `set as-path prepend A A A`: how many */
	unsigned prepend_as;	 /* the first AS prepended */
	const char *unsupported; /* the first line not modelled, as "match community", or NULL */
	unsigned unsupported_line;
	const char *file;
	unsigned line;
	struct tc_rmap_clause *next;
} tc_rmap_clause;

typedef struct tc_rmap {
	const char *name;
	tc_rmap_clause *clauses; /* in sequence order */
	const char *file;
	unsigned line;
	struct tc_rmap *next;
} tc_rmap;

/* The routing configuration of one device: hung off tc_device.rt (NULL when it has none). */
typedef struct tc_dev_rt {
	tc_rproc *procs, *procs_tail;
	tc_plist *plists;
	tc_plist *plist_last; /* the one tc_plist_get() found last: a list's lines come together */
	tc_rmap *rmaps;
	/* features of the config the pass does not model, for the one note per device and
	 * feature: "isis", "pbr", "ospf virtual-link", "bgp community"...; parser appends */
	struct tc_rt_unmodelled {
		const char *feature;
		const char *file;
		unsigned line; /* the first line using it */
		struct tc_rt_unmodelled *next;
	} * unmodelled;
} tc_dev_rt;

/* ---- builders (the parser) --------------------------------------------------------------- */

/* d's routing settings, created on first use. */
tc_dev_rt *tc_dev_rt_get(tc_model *m, tc_device *d);
/* Process `kind id [name] [vrf]`: find or create (appended). */
tc_rproc *tc_rproc_get(tc_model *m, tc_device *d, tc_rp_kind kind, unsigned id, const char *name,
		       const char *vrf);
/* Zeroed objects appended to their lists (strings are the caller's arena copies). */
tc_redist *tc_redist_add(tc_model *m, tc_rproc *p);
tc_rnet *tc_rnet_add(tc_model *m, tc_rproc *p);
tc_area *tc_area_get(tc_model *m, tc_rproc *p, uint32_t id);
tc_range *tc_range_add(tc_model *m, tc_range **list);
tc_bgp_nbr *tc_bgp_nbr_get(tc_model *m, tc_rproc *p, uint32_t addr);
void tc_ifname_list_add(tc_model *m, tc_ifname_list **list, const char *name);
tc_iface_rt *tc_iface_rt_get(tc_model *m, tc_iface *i);
tc_plist *tc_plist_get(tc_model *m, tc_device *d, const char *name);
/* Entry `seq` of pl, inserted in sequence order. */
tc_plist_entry *tc_plist_entry_add(tc_model *m, tc_plist *pl, unsigned seq);
tc_rmap *tc_rmap_get(tc_model *m, tc_device *d, const char *name);
tc_rmap_clause *tc_rmap_clause_get(tc_model *m, tc_rmap *rm, unsigned seq, bool permit);
/* Record that d uses feature (a short lowercase phrase) at file:line; only the first use of
 * each feature is kept. */
void tc_rt_unmodelled(tc_model *m, tc_device *d, const char *feature, const char *file,
		      unsigned line);

/* Lookups for the pass and lint (NULL when absent). */
const tc_plist *tc_plist_find(const tc_device *d, const char *name);
const tc_rmap *tc_rmap_find(const tc_device *d, const char *name);

/* What device `at` learns when device `origin` injects a dynamic reverse route for `dst` (the
 * remote proxy of an entry with `reverse-route`, redistributed into a protocol `at` runs):
 * the route `at` would install for it (route->dst is dst), valid only while origin holds an
 * SA for that proxy. The predictor adds it to `at`'s lookups then (walk.c); computed by the
 * pass with origin's reverse routes injected alone. */
typedef struct tc_rri_via {
	const tc_device *origin;
	const tc_entry *entry;
	tc_route *route; /* origin TC_RT_OSPF..., attr->code as printed, nh, distance, metric */
	const tc_iface *iface; /* egress interface of `at`; NULL: none */
	struct tc_rri_via *next;
} tc_rri_via;

/* ---- the pass ------------------------------------------------------------------------------ */

/* Compute every device's RIB from the routing processes and append the routes to d->computed
 * (global table) and d->held (VRFs), with origin TC_RT_OSPF..., attr->code as IOS prints it;
 * then rebuild the FIB of every device that got routes. Devices with a capture keep it (their
 * computed RIB is still computed, for `routes --compare`, in d->computed). Diagnostics for what
 * is not modelled: one per device and feature. Called by tc_model_finalize_jobs(). */
void tc_routing_compute(tc_model *m, unsigned jobs);

/* Compute the routes again as they are while the given devices and interfaces are down (a
 * failure scenario, `predict --fail`): the protocols reconverge around them, the computed routes
 * and the FIBs of every device are rebuilt (quietly: the configs' diagnostics were said at
 * finalize). The interfaces are up again afterwards; the predictor still treats them as failed
 * through its options. A model without routing processes is left as it is. */
void tc_routing_fail(tc_model *m, const tc_device *const *devs, size_t ndevs,
		     const tc_iface *const *ifaces, size_t nifaces);

#endif
