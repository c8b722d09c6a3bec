/* predict_int.h: the predictor's private header: the simulation state (sim) and its parts,
 * shared by the files of model/predict/ and by lint, which sits beside the predictor.
 *
 * sim is built from owned parts, one per concern, each defined next to the file that owns
 * it (docs/internals.md): textpool (texts and arrays kept in the prediction), cmap_index
 * (crypto map sets, indexed), hspace (conversations and their header-space parts), walk
 * (the flow being walked, failures, reverse routes), sa_table (SAs, active peers,
 * history), eventlog (the log and its index) and tracebuf (a trace being built). Each
 * part has _init/_free, and _fork/_unfork where a thread needs its own copy
 * (sim_fork() in parallel.c). Parts are embedded, not pointed to: a field is one
 * offset away from the sim, as before the split.
 */
#ifndef TC_PREDICT_INT_H
#define TC_PREDICT_INT_H

#include "predict.h"
#include "model_int.h"
#include "routing.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TC_MAX_HOPS 64
#define TC_MAX_PARTS 32 /* header-space parts per side of a proxy pair */
#define TC_MAX_PART_PAIRS 256
#define TC_MAX_SVC_PARTS 8 /* protocol/port classes per proxy pair */
#define TC_MAX_ECMP 16	   /* equal-cost paths read at a hop (IOS static: 16) */
#define TC_MAX_BRANCHES 8  /* ends of one packet walk split by equal-cost paths */

/* ---- services: the protocol and port part of a proxy ------------------------- */

/* Protocol and ports of a proxy or packet class; proto 0 is "ip": any protocol. */
typedef struct svc {
	uint8_t proto;
	uint16_t sp_lo, sp_hi, dp_lo, dp_hi;
} svc;

static inline bool has_ports(uint8_t proto)
{
	return proto == TC_PROTO_TCP || proto == TC_PROTO_UDP;
}

static inline svc ace_svc(const tc_ace *a)
{
	svc v = {a->proto, a->sport_lo, a->sport_hi, a->dport_lo, a->dport_hi};
	if (!has_ports(v.proto))
		v.sp_lo = v.dp_lo = 0, v.sp_hi = v.dp_hi = 65535;
	return v;
}

static inline svc svc_mirror(svc v)
{
	svc m = {v.proto, v.dp_lo, v.dp_hi, v.sp_lo, v.sp_hi};
	return m;
}

static inline bool svc_eq(svc a, svc b)
{
	return a.proto == b.proto && a.sp_lo == b.sp_lo && a.sp_hi == b.sp_hi &&
	       a.dp_lo == b.dp_lo && a.dp_hi == b.dp_hi;
}

/* outer contains inner: every packet of inner is one of outer. */
static inline bool svc_contains(svc outer, svc inner)
{
	return (outer.proto == 0 || outer.proto == inner.proto) && outer.sp_lo <= inner.sp_lo &&
	       inner.sp_hi <= outer.sp_hi && outer.dp_lo <= inner.dp_lo &&
	       inner.dp_hi <= outer.dp_hi;
}

/* Does the packet class p (a part's representative) fall in v? A class of
 * proto 0 stands for the protocols no line names: only "ip" lines take it. */
static inline bool svc_has(svc v, svc p)
{
	if (v.proto != 0 && v.proto != p.proto)
		return false;
	if (!has_ports(p.proto))
		return true;
	return v.sp_lo <= p.sp_lo && p.sp_lo <= v.sp_hi && v.dp_lo <= p.dp_lo && p.dp_lo <= v.dp_hi;
}

/* "", " tcp/22", " udp/500-501", " proto 50": for texts. Inline: with buf's size known,
 * GCC writes most of these without snprintf (a walk formats one per packet). */
static inline const char *sim_svc_text(char *buf, size_t n, svc v)
{
	const char *name = v.proto == TC_PROTO_TCP    ? "tcp"
			   : v.proto == TC_PROTO_UDP  ? "udp"
			   : v.proto == TC_PROTO_ICMP ? "icmp"
						      : NULL;
	if (v.proto == 0)
		snprintf(buf, n, "%s", "");
	else if (!has_ports(v.proto))
		name ? snprintf(buf, n, " %s", name) : snprintf(buf, n, " proto %u", v.proto);
	else if (v.dp_lo == 0 && v.dp_hi == 65535)
		snprintf(buf, n, " %s", name);
	else if (v.dp_lo == v.dp_hi)
		snprintf(buf, n, " %s/%u", name, v.dp_lo);
	else
		snprintf(buf, n, " %s/%u-%u", name, v.dp_lo, v.dp_hi);
	return buf;
}

/* tc_len_to_mask(), inline. */
static inline uint32_t len_mask(uint8_t len)
{
	return len == 0 ? 0 : len >= 32 ? 0xffffffffu : ~((1u << (32 - len)) - 1);
}

static inline bool pfx_eq(tc_prefix a, tc_prefix b)
{
	return a.addr == b.addr && a.len == b.len;
}

/* ---- simulation state ---------------------------------------------------- */

typedef struct sa {
	const tc_device *dev;  /* holder */
	const tc_entry *entry; /* holder's entry */
	tc_prefix local, remote;
	uint32_t peer_addr;
	const tc_device *peer; /* NULL when outside the snapshot */
	unsigned conv;	       /* conversation that created it */
	svc svc;	       /* protocol and ports of the proxies, as holder sees them */
	uint32_t hnext;	       /* next SA (id + 1) in the same bucket of sim.sa_tab */
	bool dead; /* removed (R4.3); its id stays in the device's list until compaction */
	const tc_entry *dyn; /* the dynamic map entry that accepted it (entry is then the
				crypto map's dynamic entry), else NULL */
} sa;

/* An event in the log, packed (32 bytes, not the 80 of a tc_event): the
 * prediction keeps the log and its traces refer to records by index;
 * tc_trace_event() unpacks them. Its confidence follows from its rule and
 * device, its step from its place in a trace. */
typedef struct logged {
	const char *text;
	union {
		const tc_device *const *hops; /* nhops > 0 (FORWARD): the devices crossed */
		struct {
			uint32_t peer; /* index in m->devs + 1; 0: NULL */
			uint32_t peer_addr;
		} p; /* nhops == 0 */
	} u;
	uint32_t device : 24;	/* index in m->devs + 1; 0: NULL (LOG_MAX_DEVICES) */
	uint32_t reason : 8;	/* a tc_reason */
	uint32_t local, remote; /* the SA's proxy pair, when has_proxy */
	unsigned local_len : 6, remote_len : 6;
	unsigned kind : 4;  /* a tc_event_kind */
	unsigned flags : 2; /* LOG_PEER_ADDR, LOG_PROXY */
	unsigned rule : 5;  /* index in rules[] + 1; 0: none */
	unsigned nhops : 7; /* <= TC_MAX_HOPS */
} logged;
#define LOG_MAX_DEVICES ((1u << 24) - 1) /* devices a log record can name */
#define LOG_PEER_ADDR 1			 /* has_peer_addr */
#define LOG_PROXY 2			 /* has_proxy */
_Static_assert(sizeof(void *) != 8 || sizeof(logged) == 32, "logged grew");
_Static_assert(TC_MAX_HOPS < 128 && TC_EV_INFO < 16 && TC_REASON_COUNT <= 256,
	       "logged's bit fields are too narrow");

/* Consecutive records of one flow (a segment of the log): where they came
 * from, needed only while the traces are built (~7 records a segment). */
typedef struct log_seg {
	uint32_t start;	   /* its first record's place in the chunk */
	uint32_t from, to; /* the header-space part of the flow that caused them */
	uint32_t conv, round;
	uint8_t from_len, to_len, run;
	bool same; /* pieces of its conversation whose walks would repeat it were not walked
		      (sim_run's walk classes): its trace says so as it says of folded ones */
} log_seg;

/* The log grows in chunks of LOG_CHUNK records (no copy as it grows): record
 * i is in chunk i / LOG_CHUNK. The records live in the prediction's arena,
 * the chunk's segments in a malloc'd array freed when the prediction is
 * built. Segment k of chunk c has the id c * LOG_CHUNK + k. */
#define LOG_CHUNK 4096
typedef struct log_chunk {
	logged *rec;
	log_seg *seg;
	uint32_t n; /* records used (fewer than LOG_CHUNK: the last of a run) */
	uint32_t nseg, capseg;
} log_chunk;

/* A trace's reference with this bit: the line "round N: traffic flows
 * again", N in the other bits; without it: the index of a log record. */
#define REF_ROUND 0x80000000u
/* ... N = 0: the line "the pair's other pieces that take the same way are not listed": it
 * follows a piece's flow whose equals were left out (judge.c, fold_pieces). */
#define REF_SAME_WAY REF_ROUND
/* ... N = 1: "more flows ... are not listed": a round's flows of other conversations past
 * TC_MAX_TRACE_OTHERS were left out of a trace (judge.c, domain_events). */
#define REF_NOT_LISTED (REF_ROUND | 1)
#define TC_MAX_TRACE_OTHERS 32 /* flows of other conversations a trace lists per round */

struct tc_trace_log {
	const tc_device *const *devs; /* the model's, by index */
	logged **chunks;	      /* the records, LOG_CHUNK a chunk */
	const char **round_text; /* [N]: "round N: traffic flows again"; [0], [1]: REF_SAME_WAY's,
				    REF_NOT_LISTED's */
};

typedef struct history { /* every SA ever installed, for owners_seen (28 bytes) */
	uint32_t entry;	 /* the holder's entry, its index in sim.entries */
	uint32_t peer;	 /* the peer, index in m->devs + 1; 0: outside the snapshot */
	uint32_t peer_addr;
	tc_prefix local, remote;
} history;

typedef struct conv {
	tc_prefix a, b;		  /* a < b by tc_prefix_cmp */
	const tc_device *start_a; /* fallback first hop for a->b when no device holds a */
	const tc_device *start_b;
	tc_prefix *pa, *pb; /* header-space parts of a and b */
	unsigned npa, npb;
	svc sv;	 /* protocol and ports, as a->b traffic sees them */
	svc *ps; /* service parts (a->b orientation) */
	unsigned nps;
	size_t part_off; /* index of this conversation's first part pair */
	bool coarse;	 /* the parts caps cut: some part is not uniform (partial) */
	/* Walk classes (hspace.c, pair_classes): part pairs (i, j) with equal cls[i * npb + j]
	 * lie in the same routes, interface subnets and ACL lines, so every lookup a walk
	 * makes answers them alike. NULL: not classed (walked part pair by part pair). */
	uint8_t *cls;
	unsigned ncls;
} conv;

enum outcome { OUT_NOT_WALKED = 0, OUT_DELIVERED, OUT_EXITED, OUT_DROPPED };

typedef struct flow_result {
	enum outcome out;
	bool encrypted; /* crossed at least one SA */
	bool plain;	/* a conversation's: one of its walked parts crossed no SA (combine()) */
	const tc_device *enc_by, *dec_by; /* ends of the last SA crossed */
	bool leaked; /* left a crypto boundary in clear that should have protected it */
	bool cut;    /* equal-cost paths beyond the branch limit were not walked: partial */
	bool hashed; /* one flow took the first of equal-cost paths to different ends, where the
			hash (not predicted) picks one */
	const tc_device *clear_at; /* the first device that sent it out of a crypto map
				      interface in clear, or NULL */
	/* the first equal-cost branch lost or sent in clear while others were not: the device
	 * that split the flows, the branch's next device, and where it left in clear (NULL:
	 * lost) */
	const tc_device *split_at, *bad_branch, *bad_clear;
} flow_result;

/* What judging reads of one part pair's flow (run_result.parts): the ends of the last SA
 * crossed and whether it got through. The ECMP detail of flow_result is read only from a
 * conversation's combined result (run_result.last); kept per part pair, the whole flow_result
 * (64 bytes) was most of the runs' memory on large estates. */
typedef struct part_result {
	const tc_device *enc_by, *dec_by; /* ends of the last SA crossed; NULL when none */
	bool ok;			  /* flow_ok() */
} part_result;

typedef struct entry_ref {
	const tc_entry *entry;
	const tc_device *dev;
} entry_ref;

/* ---- memory ------------------------------------------------------------------- */

/* Allocation: kit.h's tc_x*() (they abort when memory runs out: no NULL checks after them);
 * tc_xzalloc() for the tables probed before they are written, by several threads. */

/* ---- the parts of sim ------------------------------------------------------------ */

/* textpool.c: the texts and arrays kept in the prediction (interned, so later rounds
 * share the sentences of earlier ones), and the scratch arena for pieces of texts.
 * Per thread: a fork writes into an arena of its own, adopted by the prediction. */
struct share_tab {
	struct shared {
		uint64_t h;
		const void *v;
		size_t bytes;
	} * v; /* open addressing: arrays already in out */
	size_t size, n;
};

struct textpool {
	tc_arena *out; /* prediction arena: event texts live here (not owned) */
	tc_arena *tmp; /* pieces of texts (addresses, labels): reset per walk and per domain */
	struct intern {
		const char **v; /* open addressing: texts already in out */
		uint32_t
			*hv; /* their hashes' high halves: most probes end without reading a text */
		size_t size, n;
	} texts;
	struct share_tab traces, /* the traces' reference arrays */
		paths;		 /* the devices crossed in clear of FORWARD records */
};

/* cmap_index.c: every crypto map set of every device, indexed (built once, read by all
 * threads), and the scratch of one lookup (per thread). */
struct cmap_index {
	struct map_index **dev_maps; /* per device: its crypto map sets, indexed */
	unsigned *dev_nmaps;
	size_t *cand; /* scratch: candidate lines of one crypto map lookup */
	size_t ncand, capcand;
};

/* What tells conversations apart: their ends (a < b) and the service seen from a. */
typedef struct conv_id {
	tc_prefix a, b;
	svc sv;
} conv_id;

static inline uint64_t conv_id_hash(conv_id k)
{
	uint64_t h = tc_hash_u64((uint64_t)k.a.addr << 32 | k.b.addr);
	h = tc_hash_u64(h ^ ((uint64_t)k.a.len << 56 | (uint64_t)k.b.len << 48 |
			     (uint64_t)k.sv.proto << 32 | (uint64_t)k.sv.sp_lo << 16 | k.sv.sp_hi));
	return tc_hash_u64(h ^ ((uint64_t)k.sv.dp_lo << 16 | k.sv.dp_hi));
}

#define CONV_KEY(convs, i) ((conv_id){(convs)[i].a, (convs)[i].b, (convs)[i].sv})
#define CONV_EQ(x, y) (pfx_eq((x).a, (y).a) && pfx_eq((x).b, (y).b) && svc_eq((x).sv, (y).sv))
#define CONV_FN(k) conv_id_hash(k)
TC_INDEX_DEFINE(conv_set, const conv *, conv_id, CONV)

/* hspace.c: the conversations, the header-space bounds and parts (built once). */
struct hspace {
	tc_arena *parts; /* the conversations' parts (split) */
	conv *convs;
	size_t nconvs;
	tc_prefix *bounds; /* every FIB prefix (and ACL prefix: acl_global), sorted, for splits */
	size_t nbounds;
	/* The ACL lines, sorted by one side (key) and by the other: a side of a conversation is
	 * split only by the lines that meet both of its sides (sim_split). */
	struct line_side {
		tc_prefix key, other;
	} * by_src, *by_dst;
	size_t nlines;
	tc_prefix *ifb; /* every interface's subnet and address (/32), sorted: walk classes */
	size_t nifb;
	bool line_sides;  /* a walk may look up one side of an ACL line alone (reverse routes,
			    IKEv2 narrowing, tunnels): walk classes tell line sides apart too */
	bool acl_global;  /* some device translates addresses (NAT): every ACL prefix splits */
	size_t nparts;	  /* part pairs over all conversations */
	conv_set convtab; /* the conversations, hashed */
	struct conv_key {
		tc_prefix a;
		unsigned c;
	} * conv_by_a;	       /* conversations sorted by their a prefix */
	uint32_t *conv_a_tab;  /* hash of the conversations' a prefixes -> index + 1 */
	uint32_t *conv_a_next; /* per conversation: next one (+ 1) in its bucket */
	/* conv_a_tab is not a kit table: it holds many conversations per key, with
	 * 4-byte links, where TC_HASH_DEFINE puts an 8-byte pointer in every conv and
	 * 8-byte buckets, and TC_INDEX_DEFINE holds one index per key. Measured as a
	 * TC_HASH_DEFINE table: 0.2-0.4 % fewer instructions, but peak RSS (median of
	 * five) +0.11 MB on predict -f json of tcgen's base snapshot, +0.06 MB on
	 * bench/lengths.py's. */
	size_t conv_a_mask;
	uint64_t conv_a_lens; /* bit L: some conversation's a is a /L */
	bool *isolated;	      /* per conversation: overlaps no other one (index_convs) */
};

/* walk.c: what a walk reads besides the model (failures, reverse routes) and the flow
 * being walked. The flags are built once; the rest is per run. */
struct walk {
	bool *dev_failed;	/* by device index */
	unsigned char *dev_rri; /* by device index: bit 0 dynamic RRI entries, bit 1 static,
				   bit 2 routes to others' reverse routes (tc_device.rri_via) */
	unsigned run, round, cur_conv;
	tc_prefix cur_from, cur_to;
	svc cur_svc;	     /* the packet class being walked, as it travels */
	unsigned *changes;   /* per conversation, this round */
	tc_fib_entry rri[8]; /* reverse routes handed out by lookup(), a ring */
	tc_route rri_route
		[8]; /* theirs: the next hop and distance an entry reads through its route */
	unsigned nrri;
	tc_fib_entry via[8]; /* routes to others' reverse routes handed out by lookup(), a ring */
	const tc_rri_via *via_src[8];
	unsigned nvia;
	unsigned nleaves; /* ends of the packet walk (its equal-cost branches) so far */
	uint64_t epoch;	  /* bumped by every change of the run's state (SAs, history, active
			     peers): a walk repeats an earlier one of its class while it holds */
};

/* sa_table.c: the simulation state of a run (the SAs and the active peer of every
 * entry, R3.3) and the history of every SA installed, by entry. The entries (sorted,
 * shared by forks) give each entry its index into active and the history. */
struct sa_table {
	entry_ref *entries; /* sorted by pointer for bsearch */
	size_t nentries;
	unsigned *active; /* active peer index per entry (same order) */
	sa *pool;	  /* every SA of the current run, by id (install order) */
	size_t npool, cappool;
	struct sa_vec {
		uint32_t *v; /* ids into pool, in install order; dead ones skipped */
		size_t n, cap, ndead;
		uint64_t local_lens; /* bit L: an SA of this run had a local prefix of length L */
	} * dev_sas;		     /* the SA table, one vector per device (by index) */
	struct sa_local {	     /* (device, local prefix) of the run's SAs -> remote lengths */
		uint32_t dev;
		tc_prefix local; /* len 255: an empty slot */
		uint64_t remote_lens;
	} * sa_locals; /* open addressing */
	size_t sa_locals_size, nsa_locals;
	size_t nsas;	  /* SAs over all devices */
	uint32_t *sa_tab; /* hash of (device, local, remote) -> first SA id + 1 */
	size_t sa_tab_size;
	/* sa_tab and sa_locals are not kit tables: sa_tab is chained through the SAs'
	 * 4-byte hnext ids in pool, which TC_GROW moves (TC_HASH_DEFINE's pointers would
	 * dangle) and holds several SAs per key in install order (TC_INDEX_DEFINE holds
	 * one); sa_locals keeps its value (remote_lens) in the slot, where a kit table
	 * would add an element, a chain pointer and a bucket per key. */
	history *hist;
	size_t nhist, caphist;
	uint32_t *hist_by_entry; /* indexes into hist, by entry, then in time order */
	size_t *hist_end;	 /* per entry index: where its records end in hist_by_entry */
};

/* eventlog.c: the log of a run's events, the clear-text hops not yet logged, and,
 * after the runs, the log's index by conversation (shared by the domains' threads). */
struct eventlog {
	log_chunk *log;	      /* the log: record i is log[i / LOG_CHUNK].rec[i % LOG_CHUNK] */
	size_t nlog, caplog;  /* next record index; chunk places in log */
	size_t nchunks;	      /* chunks with records allocated: past nlog after log_truncate(),
				   reused as the log grows again */
	uint32_t *fold_round; /* per isolated conversation and run (2 c + run): the first
				   round >= 2 whose records were dropped as changing nothing */
	tc_trace_log *tlog;   /* the log as the traces see it (index_log) */
	size_t *log_off;      /* the log's segments by conversation and run (key 2 c + run), */
	uint32_t *log_idx;    /* after the runs: segment ids */
	char path[512];	      /* hops walked in clear since the last event */
	const tc_device *hops[TC_MAX_HOPS + 1]; /* the same hops, as devices */
	size_t nhops;
	const char *rule_key[64]; /* rule_info()'s cache: rule id address -> its info */
	const tc_rule_info *rule_val[64];
};

/* judge.c: the trace being built (per thread). */
struct tracebuf {
	uint32_t *tbuf; /* scratch: the trace being built */
	size_t captbuf;
};

typedef struct sim {
	const tc_model *m;
	const tc_predict_opts *opts;
	struct textpool tx;   /* per thread */
	struct cmap_index cm; /* shared; scratch per thread */
	struct hspace hs;     /* shared */
	struct walk w;	      /* per run */
	struct sa_table sat;  /* per run; entries shared */
	struct eventlog ev;   /* per run; index shared */
	struct tracebuf tb;   /* per thread */
	bool states_only;     /* judge the domains' states and owners only: no traces, parts,
				 owners seen or summary (the failure predictions compare no more) */
} sim;

/* A hash of a pair of prefixes (crypto map lines, conversations, bounds). */
static inline size_t sim_pair_hash(tc_prefix a, tc_prefix b)
{
	return (size_t)tc_hash_u64(tc_hash_u64((uint64_t)a.addr << 32 | b.addr) ^
				   ((uint64_t)a.len << 8 | b.len));
}

/* Record i of the log, and where it came from. */
static inline logged *sim_log_rec(const sim *s, size_t i)
{
	return &s->ev.log[i / LOG_CHUNK].rec[i % LOG_CHUNK];
}

/* The parts' lifecycles: _init builds, _free frees (the texts and records stay in the
 * prediction's arena), _fork gives a thread (sim_fork) its own copy of what it writes,
 * _unfork frees that copy. m is the model the part was built for. */
void textpool_init(struct textpool *tp, tc_arena *out);
void textpool_fork(struct textpool *tp);
void textpool_free(struct textpool *tp);
void cmap_index_init(struct cmap_index *cm, const tc_model *m);
void cmap_index_fork(struct cmap_index *cm);
void cmap_index_unfork(struct cmap_index *cm);
void cmap_index_free(struct cmap_index *cm, const tc_model *m);
void hspace_init(struct hspace *hs);
void hspace_free(struct hspace *hs);
void walk_init(struct walk *w, const tc_model *m, const tc_predict_opts *opts);
void walk_free(struct walk *w);
void sa_table_init(struct sa_table *t, const tc_model *m);
void sa_table_fork(struct sa_table *t, const tc_model *m);
void sa_table_append_hist(struct sa_table *t, const struct sa_table *c);
void sa_table_drop_run(struct sa_table *t, const tc_model *m); /* keeps entries, history */
void sa_table_unfork(struct sa_table *t, const tc_model *m);
void sa_table_free(struct sa_table *t, const tc_model *m);
void eventlog_fork(struct eventlog *ev);
void eventlog_unfork(struct eventlog *ev);
void eventlog_free(struct eventlog *ev);
void tracebuf_fork(struct tracebuf *tb);
void tracebuf_free(struct tracebuf *tb);

/* tc_prefix_overlaps(), inline: it runs for every event of every domain. */
static inline bool overlaps(tc_prefix a, tc_prefix b)
{
	return (a.len <= b.len && (b.addr & len_mask(a.len)) == a.addr) ||
	       (b.len <= a.len && (a.addr & len_mask(b.len)) == b.addr);
}

/* Was segment l's flow inside the proxy pair (x, y), in either direction? */
static inline bool seg_overlaps(const log_seg *l, tc_prefix x, tc_prefix y)
{
	tc_prefix from = {l->from, l->from_len}, to = {l->to, l->to_len};
	return (overlaps(from, x) && overlaps(to, y)) || (overlaps(from, y) && overlaps(to, x));
}

/* cmap_index.c's index of one crypto map set (a map_index per set and device). */
typedef struct flat_ace {
	const tc_ace *a;
	const tc_entry *e;
	unsigned line; /* 1-based position in e's ACL */
} flat_ace;

/* A source prefix of the lines of a map_index, and the lengths of the
 * destinations it is paired with (bit L: some line has this source and a
 * destination of length L). */
typedef struct src_key {
	tc_prefix src;
	uint64_t dst_lens;
} src_key;

typedef struct map_index {
	const char *name;
	flat_ace *v; /* lines of the static entries with an ACL, in order */
	size_t n;
	uint32_t *head, *next; /* hash of (src, dst) -> v index + 1, chained through next */
	size_t mask;
	/* Not kit tables: head/next holds many lines per key, read in v order, with
	 * 4-byte links beside v rather than 8-byte pointers inside the flat_ace lines
	 * that every packet's crypto match reads; srcs and listed keep their values in
	 * the slot (no element, chain pointer or bucket array). */
	src_key *srcs; /* open-addressing hash of the lines' sources (len 255: empty) */
	size_t srcmask;
	uint64_t src_lens;  /* bit L: some line's source has length L */
	const tc_ace **svc; /* lines naming a protocol, of every entry with an ACL */
	size_t nsvc;
	struct svc_src {
		tc_prefix src;
		uint32_t i;  /* in svc */
	} * svc_by_src;	     /* svc by source, for the lines meeting a pair (sim_map_svc_lines) */
	uint64_t svc_lens;   /* bit L: some svc line's source has length L */
	const tc_entry *dyn; /* the set's first dynamic entry, or NULL */
	struct dyn_pair *dp; /* the pairs the snapshot's spokes propose to the set's dynamic
				entries, by set entry, then pair, then spoke (sim_dyn_pairs) */
	size_t ndp;
	struct map_listed { /* peer address -> the set's first static entry listing it */
		uint32_t addr;
		const tc_entry *e; /* NULL: an empty slot */
	} * listed;
	size_t listedmask;
} map_index;

/* A proxy pair a spoke of the snapshot proposes to a hub's dynamic entry (R2.7): a permit
 * line of a spoke entry listing the hub, mirrored, that no static entry of the hub answers
 * and whose dynamic map entry admits it (ACL, peers; the transform sets are the
 * negotiation's). */
typedef struct dyn_pair {
	tc_prefix local, remote; /* the hub's view: the spoke's line mirrored */
	svc sv;			 /* the hub's view */
	const tc_entry *set;	 /* the crypto map's dynamic entry (M 65535) */
	const tc_entry *dyn;	 /* the dynamic map entry admitting it (D 10) */
	const tc_device *spoke;
	const tc_ace *ace; /* the spoke's line */
} dyn_pair;

/* The protocol and ports of domain dm's pair, as its device sees them. */
static inline svc domain_svc(const tc_domain *dm)
{
	if (dm->ace)
		return ace_svc(dm->ace);
	if (dm->mirror)
		return svc_mirror(ace_svc(dm->mirror));
	return (svc){0, 0, 65535, 0, 65535};
}

/* What a run leaves for judging (sim_run, predict.c). */
typedef struct run_result {
	unsigned rounds;
	bool cycle;	     /* the state repeated without settling */
	unsigned cycle_from; /* first round of the cycle */
	unsigned quiet;	     /* the last round when it is not the first and changed nothing for any
			   conversation: its records were dropped (sim_log_drop_round); else 0 */
	unsigned *changed;   /* per conversation: changes inside the final round or cycle */
	flow_result (*last)[2];	 /* per conversation, final round, all parts combined */
	part_result (*parts)[2]; /* per part pair (conv.part_off + i * npb + j), final round */
	sa *sas;		 /* SA table at the end */
	size_t nsas;
	size_t *dev_off; /* device k's SAs are sas[dev_off[k]..dev_off[k + 1]) */
} run_result;
static inline bool is_change(tc_event_kind k)
{
	return k == TC_EV_SA_UP || k == TC_EV_SA_DROP;
}
static inline bool flow_ok(flow_result f)
{
	return f.out != OUT_DROPPED && !f.leaked;
}
static inline part_result part_of(flow_result f)
{
	return (part_result){f.encrypted ? f.enc_by : NULL, f.encrypted ? f.dec_by : NULL,
			     flow_ok(f)};
}
/* A step run beside this thread while it does another that does not depend
 * on it (parts of the set-up, the indexes after the runs): on a thread of
 * its own with threads, else on this one at sim_side_join(). The two write
 * different fields of the sim. */
typedef struct side {
	pthread_t t;
	bool threaded;
	void *(*fn)(void *);
	void *arg;
} side;
/* ---- functions, by the file that defines them ----------------------------------- */

/* predict.c */
extern const tc_rule_info sim_rules[]; /* the rules applied; a log record names one by index + 1 */
/* A sim that answers questions about the model without running (lint): routes and
 * holders with failures and static reverse routes, reach, origins, answering
 * entries; texts go into out. Free with sim_free(). */
void sim_lookups_init(sim *s, const tc_model *m, const tc_predict_opts *opts, tc_arena *out);
void sim_free(sim *s);

/* negotiate.c */
/* The rule a responder's acceptance or refusal cites under IKE version ver: R4.1 is
 * IKEv1's; an IKEv2 responder's is §6, its IKEv2 column (unless --assume
 * ikev2-accepts-backup makes it accept as IKEv1 does). R4.2, the multi-peer active-peer
 * check, is cited where that check is made. Other rules are returned as they are. */
const char *sim_ike_rule(const sim *s, unsigned ver, const char *rule);
/* IKEv2 (RFC 7296 §2.9): the first permit line of e overlapping the proposal (l, r)
 * mirrored, or NULL (none, or the first overlapping line denies); the narrowed proxies go to
 * *nl, *nr. */
const tc_ace *sim_ace_overlapping(const tc_entry *e, tc_prefix l, tc_prefix r, svc sv,
				  tc_prefix *nl, tc_prefix *nr);
const tc_peer_name *sim_unresolved_peer(const tc_device *p, const char *map);
/* Does responder entry pe refuse initiator entry e for PFS (R4.7)? */
static inline bool sim_pfs_refuses(const tc_entry *pe, const tc_entry *e)
{
	return pe->pfs_group && pe->pfs_group != e->pfs_group;
}
/* Why responder p (settings pe) refuses initiator d (settings e) for PFS (R4.7), or NULL. */
const char *sim_pfs_refused(sim *s, const tc_device *p, const tc_entry *pe, const tc_device *d,
			    const tc_entry *e);

/* cmap_index.c */
const tc_entry *sim_map_listing(const map_index *mi, uint32_t addr);
/* The places in mi->svc of the lines meeting the pair (src, dst) on both sides, in order, into
 * out (malloc'd, the caller frees); how many. */
size_t sim_map_svc_lines(uint32_t **out, const map_index *mi, tc_prefix src, tc_prefix dst);
const map_index *sim_map_find(const sim *s, const tc_device *d, const char *name);
int sim_cmp_size(const void *x, const void *y);
void sim_map_candidates(sim *s, const map_index *mi, uint32_t x, unsigned xlen, uint32_t y,
			unsigned ylen);
const tc_entry *sim_answering_entry(sim *s, const map_index *mi, uint32_t from, tc_prefix l,
				    tc_prefix r, svc sv);
const tc_entry *sim_crypto_match(sim *s, const tc_device *d, const char *map, uint32_t src,
				 uint32_t dst, svc pv, const tc_ace **ace_out, unsigned *line_out);
const tc_entry *sim_inbound_protected(sim *s, const tc_device *d, const char *map, uint32_t src,
				      uint32_t dst, svc pv);
/* The dynamic map entry of p's set mi answering initiator d (entry e, address from) that
 * proposes l -> r, sv (R2.7): the set's dynamic entries in seq order, within one its dynamic
 * map's entries in seq order, the first whose ACL (when it has one) holds the mirrored
 * proposal on a permit line, whose peers (when it lists any) include from, and that shares
 * a transform set (L10) and PFS (R4.7) with e; under IKEv2 an ACL line overlapping the
 * proposal also admits it, narrowing *l, *r to the overlap (§6). Its set entry goes to *set.
 * NULL when none: *why and *rule then say why the most promising one refused (NULL: the set
 * has no dynamic entry). */
const tc_entry *sim_dyn_answer(sim *s, const tc_device *p, const map_index *mi, const tc_device *d,
			       const tc_entry *e, uint32_t from, tc_prefix *l, tc_prefix *r, svc sv,
			       const tc_entry **set, const char **why, const char **rule,
			       tc_reason *code);
/* sim_dyn_answer's choice without the words, for lint: the dynamic map entry answering e's
 * proposal l -> r, sv from `from`, else the one that got furthest before refusing it, with
 * the reason in *code (TC_REASON_NONE: it answers); NULL when the set has no dynamic map
 * entry. */
const tc_entry *sim_dyn_nearest(const tc_device *p, const map_index *mi, const tc_entry *e,
				uint32_t from, tc_prefix l, tc_prefix r, svc sv, tc_reason *code);
/* The SA d holds under a dynamic entry of set map whose proxies carry src -> dst (R4.4), or
 * NULL. */
sa *sim_dyn_sa(sim *s, const tc_device *d, const char *map, uint32_t src, uint32_t dst);
/* The dynamic map entry of d's set map that would protect src -> dst (pv) if it had an SA:
 * its ACL permits it or, without an ACL, a spoke's pair (mi->dp) holds it; NULL when none. */
const tc_entry *sim_dyn_protects(sim *s, const tc_device *d, const char *map, uint32_t src,
				 uint32_t dst, svc pv);

/* eventlog.c */
const log_seg *sim_log_seg_of(const sim *s, size_t g, size_t *lo, size_t *hi);
void sim_log_append(sim *s, sim *c);
void sim_flush_path(sim *s);
/* Log an event: its kind, why (a code, TC_REASON_NONE when the kind says all: every call
 * names one, so a new event cannot forget it), where, the rule applied, and its text. */
void sim_emit(sim *s, tc_event_kind kind, tc_reason why, const tc_device *dev, const char *rule,
	      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void sim_detail(sim *s, const tc_device *peer, uint32_t peer_addr, bool has_addr,
		const tc_prefix *l, const tc_prefix *r);
void sim_path_hop(sim *s, const tc_device *d);
void sim_index_log(sim *s);
void sim_log_drop_unchanged(sim *s, unsigned c, size_t mark);
/* The segments of records [lo, hi) (one walk of a part pair) stand for parts not walked. */
void sim_log_mark_same(sim *s, size_t lo, size_t hi);
/* Drop the records from mark on: a round no trace shows. */
void sim_log_drop_round(sim *s, size_t mark);

/* hspace.c */
void sim_collect_bounds(sim *s);
tc_prefix *sim_split(const sim *s, tc_prefix p, tc_prefix other, unsigned *n, bool *cut,
		     uint8_t **rank, unsigned *nrank);
size_t sim_conv_find_or_add(sim *s, tc_prefix x, tc_prefix y, svc sv, size_t *cap);
void sim_convs_overlapping(const sim *s, tc_prefix q, tc_prefix o, unsigned *out, size_t *n);
void sim_index_convs(sim *s);
void sim_split_convs(sim *s);
void sim_add_svc_parts(sim *s, conv *cv, const tc_device *d, const char *map, const tc_ace *dom,
		       bool local_is_a);

/* judge.c */
void sim_predict_domain(sim *s, tc_prediction *p, const run_result rr[2], const unsigned *dconv,
			size_t i);
/* Fill dm's owners and assumed from its judged state, owner and owners seen
 * (names in a when new). Every domain, tunnel ends too. */
void sim_domain_owners(tc_arena *a, const tc_model *m, tc_domain *dm);

/* negotiate.c */
bool sim_reach(sim *s, const tc_device *d, uint32_t dst, const char **why);
sa *sim_initiate(sim *s, const tc_device *d, const tc_entry *e, const tc_iface *out, tc_prefix l,
		 tc_prefix r, svc sv);

/* parallel.c */
void sim_side_start(side *t, bool threads, void *(*fn)(void *), void *arg);
void sim_side_join(side *t);
void *sim_bounds_thread(void *arg);
void *sim_hist_thread(void *arg);
void sim_run_both(sim *s, tc_prediction *p, unsigned max_rounds, run_result rr[2], unsigned jobs);
void sim_predict_domains(sim *s, tc_prediction *p, const run_result rr[2], const unsigned *dconv,
			 unsigned jobs);

/* tc_predict(), with states_only as in struct sim. */
int sim_predict(tc_prediction **out, const tc_model *m, const tc_predict_opts *opts,
		bool states_only);
void sim_run(sim *s, unsigned which, unsigned max_rounds, run_result *rr);

/* sa_table.c */
int sim_cmp_entry_ref(const void *a, const void *b);
unsigned sim_entry_index(const sim *s, const tc_entry *e);
sa *sim_sa_find_exact(sim *s, const tc_device *d, const tc_entry *e, tc_prefix l, tc_prefix r,
		      svc sv, uint32_t peer);
sa *sim_sa_for_packet(sim *s, const tc_device *d, const tc_entry *e, uint32_t src, uint32_t dst);
void sim_sa_clear(sim *s);
void sim_sa_install(sim *s, const tc_device *d, const tc_entry *e, tc_prefix l, tc_prefix r, svc sv,
		    uint32_t peer_addr, const tc_device *peer);
unsigned char *sim_signature(sim *s, size_t *len);
int sim_cmp_sa_entry(const void *x, const void *y);
void sim_hist_index(sim *s);
void sim_hist_range(const sim *s, const tc_entry *e, size_t *lo, size_t *hi);

/* tunnel.c */
/* A packet *dp routed out tunnel interface out: SIM_TUN_CROSSED when it comes out of the
 * other end (*dp, *inp: that device and tunnel interface); SIM_TUN_STOPPED when it is dropped
 * or leaves the snapshot (res->out says which; the trace says why); SIM_TUN_PLAIN when the
 * tunnel's mode is not modelled: the walk goes on as out of any interface. */
enum { SIM_TUN_CROSSED = 0, SIM_TUN_STOPPED, SIM_TUN_PLAIN };
int sim_tunnel_cross(sim *s, const tc_device **dp, const tc_iface **inp, const tc_iface *out,
		     flow_result *res);
/* The protected tunnel of p (a static VTI, or GRE with tunnel protection) with source dst and
 * destination src, or NULL: what answers a crypto map peer at src that has no crypto map at
 * dst (R1.11). */
const tc_iface *sim_tunnel_toward(const tc_device *p, uint32_t src, uint32_t dst);
/* Why p's tunnel b does not accept the SA d's crypto map entry e proposes for (*l, *r, sv)
 * (the initiator's view), its rule in *rule, its code in *code; NULL when it does, *l and *r
 * narrowed (IKEv2).
 * The keys, policies and IKE enablement are the caller's checks. */
const char *sim_tunnel_answer(sim *s, const tc_device *d, const tc_entry *e, const tc_device *p,
			      const tc_iface *b, tc_prefix *l, tc_prefix *r, svc sv,
			      const char **rule, tc_reason *code);
/* One domain per protected tunnel end of the model (tc_domain.tunnel), in device order, judged
 * by the checks the walk makes when crossing it; *n of them, in a (with their texts in s's
 * pool). Call while the run's crypto map index is alive (before sim_hist_thread()). */
tc_domain *sim_tunnel_domains(sim *s, tc_arena *a, size_t *n);
/* Put the n tunnel domains v among p's, after each device's crypto map domains. */
void sim_tunnel_domains_merge(const tc_model *m, tc_prediction *p, const tc_domain *v, size_t n);

/* textpool.c */
/* A text kept in the prediction (shared with an identical earlier one), or
 * a piece of one in the scratch arena. */
const char *sim_textf(sim *s, bool shared, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define text(s, ...) sim_textf((s), true, __VA_ARGS__)
#define piece(s, ...) sim_textf((s), false, __VA_ARGS__)
const char *sim_intern(sim *s, const char *t, size_t n);
const char *sim_vtext(sim *s, bool shared, const char *fmt, va_list ap);
const char *sim_peer_label(sim *s, uint32_t addr);
const char *sim_pfx(sim *s, tc_prefix p);
const char *sim_ipstr(sim *s, uint32_t ip);
const void *sim_share(sim *s, struct share_tab *tt, const void *v, size_t bytes);
const uint32_t *sim_share_refs(sim *s, const uint32_t *ev, size_t n);

/* walk.c */
const tc_device *sim_origin_of(sim *s, uint32_t ip);
const tc_device *sim_holder(sim *s, uint32_t ip, const tc_iface **iface_out, bool *down);
uint32_t sim_entry_local_addr(const tc_device *d, const tc_entry *e);
/* negotiate.c: why d and its peer p cannot authenticate each other (ac from tc_ike_auth()),
 * the first obstacle, with its rule (R4.1 or R4.8) in *rule and its code in *code; pl, ml name
 * p's and d's addresses. */
const char *sim_auth_failure(sim *s, const tc_authcheck *ac, const tc_device *d, const tc_device *p,
			     const char *pl, const char *ml, unsigned ver, const char **rule,
			     tc_reason *code);
const tc_fib_entry *sim_lookup(sim *s, const tc_device *d, uint32_t ip);
flow_result sim_walk_flow(sim *s, unsigned c, unsigned i, unsigned j, unsigned k, bool a_to_b);
/* The equal-cost paths of d's route fe (fe first; tc_fib_ecmp()) whose interfaces have not
 * failed, at most TC_MAX_ECMP, in out; how many. */
size_t sim_ecmp_paths(sim *s, const tc_fib_entry **out, const tc_device *d, const tc_fib_entry *fe);
/* Does fe, d's route to a peer, leave by out or by an interface carrying out's crypto map
 * set on one of its equal-cost paths (R1.5: IKE may leave by any of them)? */
bool sim_peer_route_leaves(sim *s, const tc_device *d, const tc_fib_entry *fe, const tc_iface *out);

#endif
