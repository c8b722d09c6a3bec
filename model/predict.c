/* predict.c: simulate traffic through FIBs and crypto maps to predict SA ownership.
 *
 * Design overview
 * ---------------
 * A domain is one permit ACE of one crypto map entry of one device. Domains
 * whose proxy pairs are the same two prefixes (in either direction) share a
 * conversation: the ASA's 10.26.241.0/24 -> 195.160.0.0/26 line and R2's
 * mirror line are one conversation seen from two ends.
 *
 * The simulation state is the set of phase-2 SAs on every device, keyed by
 * (device, entry, local proxy, remote proxy) with the peer, plus the active
 * peer index of every entry (R3.3). A round walks, for every conversation,
 * one packet from a host of the first side to a host of the other and the
 * reply back, hop by hop through the FIBs (R1.1). Leaving an interface with
 * a crypto map, a packet is matched against the entries (R2.1); it uses an
 * existing SA (R4.4) or the entry initiates to its peers in order from the
 * active one, skipping peers that fail (R3.1, R3.3, R1.5, R2.3, R4.1, R4.7).
 * A successful negotiation installs the SA on both ends; a device that
 * already had an SA for the identical proxy pair with another peer drops
 * that one SA only (R4.3). Rounds repeat until one changes nothing (stable)
 * or the state at the start of a round repeats (oscillating). Everything is
 * run twice: once with each side of every conversation sending first.
 *
 * Events are logged with their run, round and conversation; a domain's trace
 * is its conversation's events in the run where its local side sent first,
 * with unchanged later rounds folded into one line.
 */
#include "model.h"
#include "model_int.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TC_DEFAULT_ROUNDS 16
#define TC_MAX_HOPS 64
#define CONV_ALL UINT_MAX
#define TC_MAX_PARTS 32       /* header-space parts per side of a proxy pair */
#define TC_MAX_PART_PAIRS 256
#define TC_MAX_SVC_PARTS 8    /* protocol/port classes per proxy pair */

const char *tc_state_name(tc_state s)
{
	static const char *const names[] = {"stable", "oscillating", "one-way", "down"};
	return (unsigned)s < 4 ? names[s] : "unknown";
}

const char *tc_event_kind_name(tc_event_kind k)
{
	static const char *const names[] = {"send",     "forward", "match",  "encrypt", "initiate",
					    "reject",   "sa-up",   "sa-drop", "decrypt", "deliver",
					    "drop",     "clear",   "info"};
	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "unknown";
}

/* The rules applied, with the behaviour spec's confidence in each. */
static const tc_rule_info rules[] = {
	{"R1.1", "documented", "routing picks the egress interface first; only a crypto map there is consulted"},
	{"R1.5", "documented", "a peer is usable only if it is routed out of the crypto map's interface"},
	{"R1.2", "documented", "IOS runs NAT before the crypto map: a translated source no longer matches the crypto ACL"},
	{"R1.3", "documented-2nd", "ASA: crypto ACLs see real addresses only when NAT exempts them (identity NAT)"},
	{"R1.7", "documented", "clear text arriving on a crypto interface that a permit line covers is dropped"},
	{"R2.1", "documented", "entries in sequence order, first matching line; deny moves on to the next entry"},
	{"R2.3", "documented", "an IKEv1 responder needs one permit line containing the proposed proxies; no narrowing"},
	{"R2.7", "documented", "dynamic entries only respond"},
	{"R3.1", "documented", "the first negotiation goes to the first listed peer"},
	{"R3.2", "documented", "IOS `set peer X default`: attempts start at the default peer"},
	{"R3.3", "documented", "on failure the next peer is tried; the peer that succeeded becomes the active one"},
	{"R3.9", "inferred", "accepting an SA as responder does not move the active peer (open question)"},
	{"R3.10", "documented", "ASA connection-type: answer-only never initiates, originate-only does not answer"},
	{"R4.1", "documented", "IKEv1: any listed peer may initiate and is accepted"},
	{"R4.2", "documented-2nd", "IKEv2 multi-peer: the responder accepts only its current active peer"},
	{"R4.3", "observed", "a new SA for the same proxy pair replaces the older one from another peer, for that pair only"},
	{"R4.4", "inferred", "an outbound packet with an SA for its proxy pair uses it"},
	{"R4.7", "documented", "a responder with PFS rejects an initiator without it"},
	{"R4.8", "documented", "phase 1 needs a common IKE policy"},
	{"R5.1", "documented", "IOS reverse-route: routes to the remote proxies via the peer while the SA is up (static: always, via the first peer)"},
	{"R5.2", "documented-2nd", "ASA set reverse-route: V routes to the remote proxies while the SA is up"},
	{"§6", "inferred", "IKEv2 narrowing: the responder may answer with the overlap of the proposal and its line"},
};

const tc_rule_info *tc_rule_info_find(const char *id)
{
	for (size_t i = 0; id && i < sizeof rules / sizeof rules[0]; i++)
		if (strcmp(rules[i].id, id) == 0)
			return &rules[i];
	return NULL;
}

/* ---- services: the protocol and port part of a proxy ------------------------- */

/* Protocol and ports of a proxy or packet class; proto 0 is "ip": any protocol. */
typedef struct svc {
	uint8_t proto;
	uint16_t sp_lo, sp_hi, dp_lo, dp_hi;
} svc;

static bool has_ports(uint8_t proto)
{
	return proto == TC_PROTO_TCP || proto == TC_PROTO_UDP;
}

static svc ace_svc(const tc_ace *a)
{
	svc v = {a->proto, a->sport_lo, a->sport_hi, a->dport_lo, a->dport_hi};
	if (!has_ports(v.proto))
		v.sp_lo = v.dp_lo = 0, v.sp_hi = v.dp_hi = 65535;
	return v;
}

static svc svc_mirror(svc v)
{
	svc m = {v.proto, v.dp_lo, v.dp_hi, v.sp_lo, v.sp_hi};
	return m;
}

static bool svc_eq(svc a, svc b)
{
	return a.proto == b.proto && a.sp_lo == b.sp_lo && a.sp_hi == b.sp_hi && a.dp_lo == b.dp_lo &&
	       a.dp_hi == b.dp_hi;
}

/* outer contains inner: every packet of inner is one of outer. */
static bool svc_contains(svc outer, svc inner)
{
	return (outer.proto == 0 || outer.proto == inner.proto) && outer.sp_lo <= inner.sp_lo &&
	       inner.sp_hi <= outer.sp_hi && outer.dp_lo <= inner.dp_lo && inner.dp_hi <= outer.dp_hi;
}

/* Does the packet class p (a part's representative) fall in v? A class of
 * proto 0 stands for the protocols no line names: only "ip" lines take it. */
static bool svc_has(svc v, svc p)
{
	if (v.proto != 0 && v.proto != p.proto)
		return false;
	if (!has_ports(p.proto))
		return true;
	return v.sp_lo <= p.sp_lo && p.sp_lo <= v.sp_hi && v.dp_lo <= p.dp_lo && p.dp_lo <= v.dp_hi;
}

/* "", " tcp/22", " udp/500-501", " proto 50": for texts. */
static const char *svc_text(char *buf, size_t n, svc v)
{
	const char *name = v.proto == TC_PROTO_TCP ? "tcp" : v.proto == TC_PROTO_UDP ? "udp"
			   : v.proto == TC_PROTO_ICMP ? "icmp" : NULL;
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
static uint32_t len_mask(uint8_t len)
{
	return len == 0 ? 0 : len >= 32 ? 0xffffffffu : ~((1u << (32 - len)) - 1);
}

static bool pfx_eq(tc_prefix a, tc_prefix b)
{
	return a.addr == b.addr && a.len == b.len;
}

/* ---- simulation state ---------------------------------------------------- */

typedef struct sa {
	const tc_device *dev;   /* holder */
	const tc_entry *entry;  /* holder's entry */
	tc_prefix local, remote;
	uint32_t peer_addr;
	const tc_device *peer;  /* NULL when outside the snapshot */
	unsigned conv;          /* conversation that created it */
	svc svc;                /* protocol and ports of the proxies, as holder sees them */
	uint32_t hnext;         /* next SA (id + 1) in the same bucket of sim.sa_tab */
	bool dead;              /* removed (R4.3); its id stays in the device's list until compaction */
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
			uint32_t peer;       /* index in m->devs + 1; 0: NULL */
			uint32_t peer_addr;
		} p;                         /* nhops == 0 */
	} u;
	uint32_t device;             /* index in m->devs + 1; 0: NULL */
	uint32_t local, remote;      /* the SA's proxy pair, when has_proxy */
	unsigned local_len : 6, remote_len : 6;
	unsigned kind : 4;           /* a tc_event_kind */
	unsigned flags : 2;          /* LOG_PEER_ADDR, LOG_PROXY */
	unsigned rule : 5;           /* index in rules[] + 1; 0: none */
	unsigned nhops : 7;          /* <= TC_MAX_HOPS */
} logged;
#define LOG_PEER_ADDR 1 /* has_peer_addr */
#define LOG_PROXY 2     /* has_proxy */
_Static_assert(sizeof(void *) != 8 || sizeof(logged) == 32, "logged grew");
_Static_assert(TC_MAX_HOPS < 128 && TC_EV_INFO < 16, "logged's bit fields are too narrow");

/* Consecutive records of one flow (a segment of the log): where they came
 * from, needed only while the traces are built (~7 records a segment). */
typedef struct log_seg {
	uint32_t start;              /* its first record's place in the chunk */
	uint32_t from, to;           /* the header-space part of the flow that caused them */
	uint32_t conv, round;
	uint8_t from_len, to_len, run;
} log_seg;

/* The log grows in chunks of LOG_CHUNK records (no copy as it grows): record
 * i is in chunk i / LOG_CHUNK. The records live in the prediction's arena,
 * the chunk's segments in a malloc'd array freed when the prediction is
 * built. Segment k of chunk c has the id c * LOG_CHUNK + k. */
#define LOG_CHUNK 4096
typedef struct log_chunk {
	logged *rec;
	log_seg *seg;
	uint32_t n;                  /* records used (fewer than LOG_CHUNK: the last of a run) */
	uint32_t nseg, capseg;
} log_chunk;

/* A trace's reference with this bit: the line "round N: traffic flows
 * again", N in the other bits; without it: the index of a log record. */
#define REF_ROUND 0x80000000u

struct tc_trace_log {
	const tc_device *const *devs; /* the model's, by index */
	logged **chunks;              /* the records, LOG_CHUNK a chunk */
	const char **round_text;      /* [N]: "round N: traffic flows again" */
};

typedef struct history {        /* every SA ever installed, for owners_seen (28 bytes) */
	uint32_t entry;         /* the holder's entry, its index in sim.entries */
	uint32_t peer;          /* the peer, index in m->devs + 1; 0: outside the snapshot */
	uint32_t peer_addr;
	tc_prefix local, remote;
} history;

typedef struct conv {
	tc_prefix a, b;              /* a < b by tc_prefix_cmp */
	const tc_device *start_a;    /* fallback first hop for a->b when no device holds a */
	const tc_device *start_b;
	tc_prefix *pa, *pb;          /* header-space parts of a and b */
	unsigned npa, npb;
	svc sv;                      /* protocol and ports, as a->b traffic sees them */
	svc *ps;                     /* service parts (a->b orientation) */
	unsigned nps;
	size_t part_off;             /* index of this conversation's first part pair */
} conv;

enum outcome { OUT_NOT_WALKED = 0, OUT_DELIVERED, OUT_EXITED, OUT_DROPPED };

typedef struct flow_result {
	enum outcome out;
	bool encrypted;         /* crossed at least one SA */
	const tc_device *enc_by, *dec_by; /* ends of the last SA crossed */
	bool leaked;            /* left a crypto boundary in clear that should have protected it */
} flow_result;

typedef struct entry_ref {
	const tc_entry *entry;
	const tc_device *dev;
} entry_ref;

typedef struct sim {
	const tc_model *m;
	const tc_predict_opts *opts;
	bool *dev_failed;       /* by device index */
	unsigned char *dev_rri; /* by device index: bit 0 dynamic RRI entries, bit 1 static */
	tc_arena *out;          /* prediction arena: event texts live here */
	tc_arena *tmp;          /* pieces of texts (addresses, labels): reset per walk and per domain */
	tc_arena *parts;        /* the conversations' parts (split) */
	struct intern {
		const char **v; /* open addressing: texts already in out */
		uint32_t *hv;   /* their hashes' high halves: most probes end without reading a text */
		size_t size, n;
	} texts;
	entry_ref *entries;     /* sorted by pointer for bsearch */
	size_t nentries;
	unsigned *active;       /* active peer index per entry (same order) */
	sa *pool;               /* every SA of the current run, by id (install order) */
	size_t npool, cappool;
	struct sa_vec {
		uint32_t *v;    /* ids into pool, in install order; dead ones skipped */
		size_t n, cap, ndead;
		uint64_t local_lens; /* bit L: an SA of this run had a local prefix of length L */
	} *dev_sas;             /* the SA table, one vector per device (by index) */
	struct sa_local {       /* (device, local prefix) of the run's SAs -> remote lengths */
		uint32_t dev;
		tc_prefix local; /* len 255: an empty slot */
		uint64_t remote_lens;
	} *sa_locals;           /* open addressing */
	size_t sa_locals_size, nsa_locals;
	size_t nsas;            /* SAs over all devices */
	uint32_t *sa_tab;       /* hash of (device, local, remote) -> first SA id + 1 */
	size_t sa_tab_size;
	struct map_index **dev_maps; /* per device: its crypto map sets, indexed */
	unsigned *dev_nmaps;
	size_t *cand;           /* scratch: candidate lines of one crypto map lookup */
	size_t ncand, capcand;
	log_chunk *log;         /* the log: record i is log[i / LOG_CHUNK].rec[i % LOG_CHUNK] */
	size_t nlog, caplog;    /* next record index; chunk places in log */
	size_t nchunks;         /* chunks with records allocated: past nlog after log_truncate(),
				   reused as the log grows again */
	bool *isolated;         /* per conversation: overlaps no other one (index_convs) */
	uint32_t *fold_round;   /* per isolated conversation and run (2 c + run): the first
				   round >= 2 whose records were dropped as changing nothing */
	tc_trace_log *tlog;     /* the log as the traces see it (index_log) */
	history *hist;
	size_t nhist, caphist;
	conv *convs;
	size_t nconvs;
	unsigned run, round, cur_conv;
	tc_prefix cur_from, cur_to;
	svc cur_svc;            /* the packet class being walked, as it travels */
	unsigned *changes;      /* per conversation, this round */
	tc_prefix *bounds;      /* every FIB and ACL prefix, sorted, for header-space splits */
	size_t nbounds;
	size_t nparts;          /* part pairs over all conversations */
	size_t *convtab;        /* hash of conversations (index + 1), open addressing */
	size_t convtab_size;
	size_t *log_off;        /* the log's segments by conversation and run (key 2 c + run), */
	uint32_t *log_idx;      /* after the runs: segment ids */
	struct conv_key {
		tc_prefix a;
		unsigned c;
	} *conv_by_a;           /* conversations sorted by their a prefix */
	uint32_t *conv_a_tab;   /* hash of the conversations' a prefixes -> index + 1 */
	uint32_t *conv_a_next;  /* per conversation: next one (+ 1) in its bucket */
	size_t conv_a_mask;
	uint64_t conv_a_lens;   /* bit L: some conversation's a is a /L */
	uint32_t *hist_by_entry; /* indexes into hist, by entry, then in time order */
	size_t *hist_end;       /* per entry index: where its records end in hist_by_entry */
	flow_result (*last)[2]; /* per conversation: [0] a->b, [1] b->a, last round */
	char path[512];         /* hops walked in clear since the last event */
	const tc_device *hops[TC_MAX_HOPS + 1]; /* the same hops, as devices */
	size_t nhops;
	tc_fib_entry rri[8];    /* reverse routes handed out by lookup(), a ring */
	tc_route rri_route[8];  /* theirs: the next hop and distance an entry reads through its route */
	unsigned nrri;
	struct share_tab {
		struct shared {
			uint64_t h;
			const void *v;
			size_t bytes;
		} *v;           /* open addressing: arrays already in out */
		size_t size, n;
	} traces,               /* the traces' reference arrays */
	  paths;                /* the devices crossed in clear of FORWARD records */
	uint32_t *tbuf;         /* scratch: the trace being built */
	size_t captbuf;
	const char *rule_key[64];     /* rule_info()'s cache: rule id address -> its info */
	const tc_rule_info *rule_val[64];
} sim;

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fputs("tunnelcast: out of memory\n", stderr);
		abort();
	}
	return q;
}

/* calloc(n, size), the zeros written: glibc's calloc leaves fresh pages
 * untouched, so a table probed before it is written maps the shared zero
 * page on the read and copies it on the write, and with a second thread
 * each copy flushes the other CPU's TLB (an IPI per page). Written zeros
 * fault each page in once, writable (memset through a volatile pointer:
 * GCC turns malloc + memset into calloc). */
static void *(*const volatile write_zeros)(void *, int, size_t) = memset; /* not folded into calloc */

static void *zalloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		fputs("tunnelcast: out of memory\n", stderr);
		abort();
	}
	void *p = xrealloc(NULL, n * size);
	write_zeros(p, 0, n * size);
	return p;
}

#define GROW(s, arr, n, cap)                                                                       \
	do {                                                                                       \
		if ((n) == (cap)) {                                                                \
			(cap) = (cap) ? (cap) * 2 : 64;                                            \
			(arr) = xrealloc((arr), (cap) * sizeof *(arr));                            \
		}                                                                                  \
	} while (0)

static int cmp_entry_ref(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const entry_ref *)a)->entry;
	uintptr_t y = (uintptr_t)((const entry_ref *)b)->entry;
	return (x > y) - (x < y);
}

static unsigned entry_index(const sim *s, const tc_entry *e)
{
	entry_ref key = {e, NULL};
	const entry_ref *r = bsearch(&key, s->entries, s->nentries, sizeof key, cmp_entry_ref);
	return r ? (unsigned)(r - s->entries) : 0;
}

/* ---- formatting helpers -------------------------------------------------- */

static const tc_device *holder(sim *s, uint32_t ip, const tc_iface **iface_out, bool *down);

/* Text formatting. Only %s, %u and %d occur in this file's formats, so a
 * small formatter writes them (vsnprintf was a fifth of the predictor's
 * instructions), and a text already made is shared instead of copied
 * again: later rounds repeat the same sentences. */

static uint64_t text_hash(const char *t, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull ^ n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) { /* eight bytes at a time */
		uint64_t w;
		memcpy(&w, t + i, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ (unsigned char)t[i]) * 0x100000001b3ull;
	return h ^ (h >> 32);
}

/* t[0..n) in s->out, shared with an identical earlier text. The table
 * keeps each text's hash beside it: a probe compares texts only when the
 * hashes agree, and growing rehashes without reading them (at a million
 * texts the texts and the table are far larger than the caches). */
static const char *intern(sim *s, const char *t, size_t n)
{
	struct intern *in = &s->texts;
	if ((in->n + 1) * 4 > in->size * 3) {
		size_t size = in->size ? in->size * 2 : 4096;
		const char **v = zalloc(size, sizeof *v);
		uint32_t *hv = zalloc(size, sizeof *hv);
		for (size_t i = 0; i < in->size; i++)
			if (in->v[i]) {
				size_t h = in->hv[i] & (size - 1);
				while (v[h])
					h = (h + 1) & (size - 1);
				v[h] = in->v[i];
				hv[h] = in->hv[i];
			}
		free(in->v);
		free(in->hv);
		in->v = v;
		in->hv = hv;
		in->size = size;
	}
	uint64_t full = text_hash(t, n);
	uint32_t key = (uint32_t)(full >> 32) ^ (uint32_t)full;
	size_t h = key & (in->size - 1);
	for (; in->v[h]; h = (h + 1) & (in->size - 1))
		if (in->hv[h] == key && strncmp(in->v[h], t, n) == 0 && in->v[h][n] == '\0')
			return in->v[h];
	in->n++;
	in->hv[h] = key;
	return in->v[h] = tc_arena_strndup(s->out, t, n);
}

/* Append text to *buf (a heap buffer once it outgrows the caller's stack one). */
struct textbuf {
	char *p;
	size_t n, cap;
	bool heap;
};

static void tb_put(struct textbuf *b, const char *t, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *q = xrealloc(b->heap ? b->p : NULL, cap);
		if (!b->heap)
			memcpy(q, b->p, b->n);
		b->p = q;
		b->cap = cap;
		b->heap = true;
	}
	memcpy(b->p + b->n, t, n);
	b->n += n;
}

static size_t tb_len(struct textbuf *b)
{
	return b->n;
}

/* printf of %s, %u and %d into b (as glibc's: "(null)" for a NULL string). */
static void tb_vprintf(struct textbuf *b, const char *fmt, va_list ap)
{
	for (const char *f = fmt; *f;) {
		const char *pct = strchr(f, '%');
		if (!pct) {
			tb_put(b, f, strlen(f));
			break;
		}
		tb_put(b, f, (size_t)(pct - f));
		char num[16];
		char *e = num + sizeof num, *q = e;
		switch (pct[1]) {
		case 's': {
			const char *t = va_arg(ap, const char *);
			t = t ? t : "(null)";
			tb_put(b, t, strlen(t));
			break;
		}
		case 'u':
		case 'd': {
			long long v = pct[1] == 'u' ? (long long)va_arg(ap, unsigned) : va_arg(ap, int);
			unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
			do
				*--q = (char)('0' + u % 10);
			while (u /= 10);
			if (v < 0)
				*--q = '-';
			tb_put(b, q, (size_t)(e - q));
			break;
		}
		case '%':
			tb_put(b, "%", 1);
			break;
		default: /* not used in this file */
			abort();
		}
		f = pct + 2;
	}
}

static const char *vtext(sim *s, bool shared, const char *fmt, va_list ap)
{
	char stack[512];
	struct textbuf b = {stack, 0, sizeof stack, false};
	tb_vprintf(&b, fmt, ap);
	const char *t = shared ? intern(s, b.p, tb_len(&b)) : tc_arena_strndup(s->tmp, b.p, tb_len(&b));
	if (b.heap)
		free(b.p);
	return t;
}

/* A text kept in the prediction (shared with an identical earlier one), or
 * a piece of one in the scratch arena. */
static const char *textf(sim *s, bool shared, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static const char *textf(sim *s, bool shared, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *t = vtext(s, shared, fmt, ap);
	va_end(ap);
	return t;
}
#define text(s, ...) textf((s), true, __VA_ARGS__)
#define piece(s, ...) textf((s), false, __VA_ARGS__)

static const char *peer_label(sim *s, uint32_t addr)
{
	char ip[TC_IP_STRLEN];
	tc_ip_format(ip, sizeof ip, addr);
	bool down;
	const tc_device *d = holder(s, addr, NULL, &down);
	return d ? piece(s, "%s (%s)", ip, d->hostname) : tc_arena_strdup(s->tmp, ip);
}

static const char *pfx(sim *s, tc_prefix p)
{
	char buf[TC_PREFIX_STRLEN];
	return tc_arena_strdup(s->tmp, tc_prefix_format(buf, sizeof buf, p));
}

static const char *ipstr(sim *s, uint32_t ip)
{
	char buf[TC_IP_STRLEN];
	return tc_arena_strdup(s->tmp, tc_ip_format(buf, sizeof buf, ip));
}

/* ---- failures -------------------------------------------------------------- */

static bool iface_failed(const sim *s, const tc_iface *i)
{
	for (size_t k = 0; k < s->opts->nfail_ifaces; k++)
		if (s->opts->fail_ifaces[k] == i)
			return true;
	return false;
}

static bool iface_usable(const tc_iface *i, void *payload)
{
	return !iface_failed(payload, i);
}

/* Route lookup in the FIB that ignores routes out of failed links. */
static const tc_fib_entry *fib_lookup(sim *s, const tc_device *d, uint32_t ip)
{
	if (s->opts->nfail_ifaces)
		return tc_fib_lookup_if(d, ip, iface_usable, s);
	/* A binary search per prefix length present, in the device's own table:
	 * a hash of every device's FIB (2 MB at 1 000 devices) cost more to
	 * build than it saved, and memory besides. */
	return tc_fib_lookup(d, ip);
}

static const tc_fib_entry *lookup(sim *s, const tc_device *d, uint32_t ip);
static bool is_rri(const sim *s, const tc_fib_entry *fe);

/* The device holding address ip, and whether it is down (the device failed,
 * or the interface holding ip did). */
/* The device holding address ip, and whether it is down (the device failed,
 * or the interface holding ip did, or is shut down). An interface that is
 * up wins over one that is shut down. */
static const tc_device *holder(sim *s, uint32_t ip, const tc_iface **iface_out, bool *down)
{
	const tc_link_end *v = NULL;
	size_t n = tc_addr_holders(s->m, ip, &v);
	*down = false;
	if (iface_out)
		*iface_out = NULL;
	if (n == 0)
		return NULL;
	size_t k = 0;
	while (k + 1 < n && v[k].iface->shutdown)
		k++;
	if (v[k].iface->shutdown)
		k = 0;
	*down = v[k].iface->shutdown || s->dev_failed[v[k].device->index] || iface_failed(s, v[k].iface);
	if (iface_out)
		*iface_out = v[k].iface;
	return v[k].device;
}

static void emit(sim *s, tc_event_kind kind, const tc_device *dev, const char *rule,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static const tc_rule_info *rule_info(sim *s, const char *rule);

/* Record i of the log, and where it came from. */
static logged *log_rec(const sim *s, size_t i)
{
	return &s->log[i / LOG_CHUNK].rec[i % LOG_CHUNK];
}

/* Segment id g, and its records [*lo, *hi). */
static const log_seg *log_seg_of(const sim *s, size_t g, size_t *lo, size_t *hi)
{
	const log_chunk *ch = &s->log[g / LOG_CHUNK];
	size_t k = g % LOG_CHUNK, base = g - k;
	*lo = base + ch->seg[k].start;
	*hi = base + (k + 1 < ch->nseg ? ch->seg[k + 1].start : ch->n);
	return &ch->seg[k];
}

/* A new record at the end of the log, for the flow being walked. */
static logged *log_add(sim *s, tc_event_kind kind, const tc_device *dev, const char *rule)
{
	if (s->nlog % LOG_CHUNK == 0) {
		size_t c = s->nlog / LOG_CHUNK;
		if (c) { /* the full chunk's segments, without the spare room */
			log_chunk *full = &s->log[c - 1];
			full->seg = xrealloc(full->seg, full->nseg * sizeof *full->seg);
			full->capseg = full->nseg;
		}
		if (c < s->nchunks) { /* allocated before a log_truncate(): reuse it */
			s->log[c].n = s->log[c].nseg = 0;
		} else {
			GROW(s, s->log, c, s->caplog);
			s->log[c] = (log_chunk){.rec = tc_arena_alloc(s->out, LOG_CHUNK * sizeof(logged))};
			s->nchunks = c + 1;
		}
	}
	if (s->nlog >= REF_ROUND) {
		fputs("tunnelcast: the prediction's log is too long\n", stderr);
		abort();
	}
	log_chunk *ch = &s->log[s->nlog / LOG_CHUNK];
	const log_seg *g = ch->nseg ? &ch->seg[ch->nseg - 1] : NULL;
	if (!g || g->conv != s->cur_conv || g->round != s->round || g->run != s->run ||
	    g->from != s->cur_from.addr || g->from_len != s->cur_from.len ||
	    g->to != s->cur_to.addr || g->to_len != s->cur_to.len) {
		if (ch->nseg == ch->capseg) {
			ch->capseg = ch->capseg ? 2 * ch->capseg : 256;
			ch->seg = xrealloc(ch->seg, ch->capseg * sizeof *ch->seg);
		}
		ch->seg[ch->nseg++] = (log_seg){.start = ch->n, .from = s->cur_from.addr,
						.to = s->cur_to.addr, .conv = s->cur_conv,
						.round = s->round, .from_len = s->cur_from.len,
						.to_len = s->cur_to.len, .run = (uint8_t)s->run};
	}
	logged *l = &ch->rec[ch->n++];
	s->nlog++;
	memset(l, 0, sizeof *l);
	l->kind = (uint8_t)kind;
	l->device = dev ? dev->index + 1 : 0;
	if (rule) {
		const tc_rule_info *ri = rule_info(s, rule);
		if (!ri)
			abort(); /* every rule emit() gets is in rules[] */
		l->rule = (unsigned)(ri - rules + 1);
	}
	return l;
}

_Static_assert(sizeof rules / sizeof rules[0] < 32, "logged's rule field is too narrow");

/* Append c's log (run 1's, on another thread) to s's: c's chunks follow s's
 * last one, whose unused records become a gap that no segment covers. */
static void log_append(sim *s, sim *c)
{
	size_t n = (s->nlog + LOG_CHUNK - 1) / LOG_CHUNK, nc = (c->nlog + LOG_CHUNK - 1) / LOG_CHUNK;
	/* chunks left unused by log_truncate() go (their records are in an arena) */
	for (size_t k = n; k < s->nchunks; k++)
		free(s->log[k].seg);
	for (size_t k = nc; k < c->nchunks; k++)
		free(c->log[k].seg);
	s->nchunks = n;
	c->nchunks = 0;
	if (!c->nlog)
		return;
	s->log = xrealloc(s->log, (n + nc) * sizeof *s->log);
	memcpy(s->log + n, c->log, nc * sizeof *s->log);
	s->caplog = s->nchunks = n + nc;
	s->nlog = n * LOG_CHUNK + c->nlog;
	c->nlog = 0;
}

/* Free the segments (the records stay, in the prediction). */
static void log_free_aux(sim *s)
{
	for (size_t c = 0; c < s->nchunks; c++)
		free(s->log[c].seg);
}

/* Forget the records from mark on: the log continues at mark, in the same
 * chunks. mark is where a conversation's walk began, a segment boundary. */
static void log_truncate(sim *s, size_t mark)
{
	for (size_t c = mark / LOG_CHUNK; c < s->nchunks && c * LOG_CHUNK < s->nlog; c++) {
		log_chunk *ch = &s->log[c];
		uint32_t off = c == mark / LOG_CHUNK ? (uint32_t)(mark % LOG_CHUNK) : 0;
		while (ch->nseg && ch->seg[ch->nseg - 1].start >= off)
			ch->nseg--;
		ch->n = off;
	}
	s->nlog = mark;
}

static const void *share(sim *s, struct share_tab *tt, const void *v, size_t bytes);

static void flush_path(sim *s)
{
	if (s->nhops < 2) { /* no hop walked */
		s->path[0] = '\0';
		s->nhops = 0;
		return;
	}
	logged *l = log_add(s, TC_EV_FORWARD, NULL, NULL);
	l->text = text(s, "routed in clear: %s", s->path);
	/* the same hops recur (every round, every conversation between two LANs) */
	l->u.hops = share(s, &s->paths, s->hops, s->nhops * sizeof *s->hops);
	l->nhops = (unsigned)s->nhops;
	s->path[0] = '\0';
	s->nhops = 0;
}

/* tc_rule_info_find(rule), remembered by the address of the rule's id (the
 * ids emit() gets are string literals). */
static const tc_rule_info *rule_info(sim *s, const char *rule)
{
	if (!rule)
		return NULL;
	size_t h = ((uintptr_t)rule >> 2) % (sizeof s->rule_key / sizeof s->rule_key[0]);
	if (s->rule_key[h] != rule) {
		s->rule_key[h] = rule;
		s->rule_val[h] = tc_rule_info_find(rule);
	}
	return s->rule_val[h];
}

static void emit(sim *s, tc_event_kind kind, const tc_device *dev, const char *rule,
		 const char *fmt, ...)
{
	if (kind != TC_EV_FORWARD)
		flush_path(s);
	logged *l = log_add(s, kind, dev, rule);
	va_list ap;
	va_start(ap, fmt);
	l->text = vtext(s, true, fmt, ap);
	va_end(ap);
}

/* The spec's confidence in rule ri applied on dev. */
static const char *confidence(const tc_rule_info *ri, const tc_device *dev)
{
	/* the spec observed latest-wins replacement on an ASA hub only */
	if (ri && strcmp(ri->id, "R4.3") == 0 && dev && dev->dialect == TC_DIALECT_IOS)
		return "inferred";
	return ri ? ri->confidence : NULL;
}

/* The event a log record holds (step 0). */
static tc_event log_event(const tc_device *const *devs, const logged *l)
{
	tc_event e = {0};
	e.kind = l->kind;
	e.device = l->device ? devs[l->device - 1] : NULL;
	const tc_rule_info *ri = l->rule ? &rules[l->rule - 1] : NULL;
	e.rule = ri ? ri->id : NULL;
	e.confidence = confidence(ri, e.device);
	e.text = l->text;
	if (l->nhops) {
		e.hops = l->u.hops;
		e.nhops = l->nhops;
	} else {
		e.peer = l->u.p.peer ? devs[l->u.p.peer - 1] : NULL;
		e.peer_addr = l->u.p.peer_addr;
	}
	e.has_peer_addr = l->flags & LOG_PEER_ADDR;
	e.has_proxy = l->flags & LOG_PROXY;
	e.local = (tc_prefix){l->local, l->local_len};
	e.remote = (tc_prefix){l->remote, l->remote_len};
	return e;
}

tc_event tc_trace_event(const tc_trace *t, size_t i)
{
	if (t->events)
		return t->events[i];
	if (i + 1 == t->nevents)
		return (tc_event){.step = (unsigned)i + 1, .kind = TC_EV_INFO, .text = t->last};
	uint32_t r = t->refs[i];
	if (r & REF_ROUND)
		return (tc_event){.step = (unsigned)i + 1, .kind = TC_EV_INFO,
				  .text = t->log->round_text[r & ~REF_ROUND]};
	tc_event e = log_event(t->log->devs, &t->log->chunks[r / LOG_CHUNK][r % LOG_CHUNK]);
	e.step = (unsigned)i + 1;
	return e;
}

/* Structured detail on the event just emitted (for per-step diagrams). */
static void detail(sim *s, const tc_device *peer, uint32_t peer_addr, bool has_addr,
		   const tc_prefix *l, const tc_prefix *r)
{
	logged *ev = log_rec(s, s->nlog - 1); /* never a FORWARD of flush_path(): no hops */
	ev->u.p.peer = peer ? peer->index + 1 : 0;
	ev->u.p.peer_addr = peer_addr;
	ev->flags = (uint8_t)((ev->flags & ~LOG_PEER_ADDR) | (has_addr ? LOG_PEER_ADDR : 0));
	if (l && r) {
		ev->local = l->addr;
		ev->local_len = l->len;
		ev->remote = r->addr;
		ev->remote_len = r->len;
		ev->flags |= LOG_PROXY;
	}
}

static void path_hop(sim *s, const tc_device *d)
{
	if (s->nhops < TC_MAX_HOPS)
		s->hops[s->nhops++] = d;
	size_t n = strlen(s->path), h = strlen(d->hostname);
	if (n == 0) {
		h = h < sizeof s->path - 1 ? h : sizeof s->path - 1;
		memcpy(s->path, d->hostname, h);
		s->path[h] = '\0';
	} else if (n + h + 6 < sizeof s->path) {
		memcpy(s->path + n, " -> ", 4);
		memcpy(s->path + n + 4, d->hostname, h + 1);
	}
}

/* ---- SA table ------------------------------------------------------------ *
 * SAs live in s->pool by id, in install order; each device lists its ids in
 * that order (the order every scan of the table sees), and a hash of
 * (device, local proxy, remote proxy) finds them without a scan. A packet
 * lookup probes the hash once per (local, remote) prefix length pair present
 * on the device; the first SA in install order is the lowest id. */

static size_t sa_hash(unsigned dev, tc_prefix l, tc_prefix r)
{
	uint64_t h = ((uint64_t)l.addr << 32 | r.addr) * 0x9e3779b97f4a7c15ull;
	h ^= ((uint64_t)dev << 16 | (uint64_t)l.len << 8 | r.len) * 0xbf58476d1ce4e5b9ull;
	return (size_t)(h ^ (h >> 31));
}

static size_t sa_local_hash(uint32_t dev, tc_prefix l)
{
	return (size_t)tc_hash_u64((uint64_t)l.addr << 32 ^ (uint64_t)dev << 8 ^ l.len);
}

/* The slot of (dev, l) in s->sa_locals: where it is or where it goes. */
static struct sa_local *sa_local_slot(const sim *s, uint32_t dev, tc_prefix l)
{
	size_t h = sa_local_hash(dev, l) & (s->sa_locals_size - 1);
	while (s->sa_locals[h].local.len != 255 &&
	       (s->sa_locals[h].dev != dev || !pfx_eq(s->sa_locals[h].local, l)))
		h = (h + 1) & (s->sa_locals_size - 1);
	return &s->sa_locals[h];
}

/* Note an SA's lengths, for sa_for_packet's probes: its local length on the
 * device, its remote length under (device, local prefix). Kept for the run:
 * a removed SA leaves lengths that only cost a probe. */
static void sa_local_note(sim *s, const sa *x)
{
	if (2 * (s->nsa_locals + 1) > s->sa_locals_size) {
		size_t size = s->sa_locals_size ? 2 * s->sa_locals_size : 1024;
		struct sa_local *old = s->sa_locals;
		size_t oldsize = s->sa_locals_size;
		s->sa_locals = xrealloc(NULL, size * sizeof *s->sa_locals);
		s->sa_locals_size = size;
		for (size_t i = 0; i < size; i++)
			s->sa_locals[i].local.len = 255;
		for (size_t i = 0; i < oldsize; i++)
			if (old[i].local.len != 255)
				*sa_local_slot(s, old[i].dev, old[i].local) = old[i];
		free(old);
	}
	struct sa_local *k = sa_local_slot(s, x->dev->index, x->local);
	if (k->local.len == 255) {
		*k = (struct sa_local){x->dev->index, x->local, 0};
		s->nsa_locals++;
	}
	k->remote_lens |= 1ull << x->remote.len;
	s->dev_sas[x->dev->index].local_lens |= 1ull << x->local.len;
}

static void sa_tab_link(sim *s, uint32_t id)
{
	sa *x = &s->pool[id];
	size_t h = sa_hash(x->dev->index, x->local, x->remote) & (s->sa_tab_size - 1);
	x->hnext = s->sa_tab[h];
	s->sa_tab[h] = id + 1;
}

/* The first SA id + 1 of the bucket of (d, l, r); follow pool[id].hnext. */
static uint32_t sa_bucket(const sim *s, const tc_device *d, tc_prefix l, tc_prefix r)
{
	return s->sa_tab_size ? s->sa_tab[sa_hash(d->index, l, r) & (s->sa_tab_size - 1)] : 0;
}

static sa *sa_find_exact(sim *s, const tc_device *d, const tc_entry *e, tc_prefix l, tc_prefix r,
			 svc sv, uint32_t peer)
{
	for (uint32_t id = sa_bucket(s, d, l, r); id; id = s->pool[id - 1].hnext) {
		sa *x = &s->pool[id - 1];
		if (x->dev == d && x->entry == e && x->peer_addr == peer && pfx_eq(x->local, l) &&
		    pfx_eq(x->remote, r) && svc_eq(x->svc, sv))
			return x;
	}
	return NULL;
}

/* The SA an outbound packet src->dst leaving d under entry e would use (R4.4). */
static sa *sa_for_packet(sim *s, const tc_device *d, const tc_entry *e, uint32_t src, uint32_t dst)
{
	/* one probe per local length in use on d, then one per remote length
	 * paired with that local prefix: not a pass over d's SAs */
	uint32_t best = 0;
	for (uint64_t lls = s->dev_sas[d->index].local_lens; lls; lls &= lls - 1) {
		tc_prefix l = tc_prefix_make(src, (uint8_t)__builtin_ctzll(lls));
		const struct sa_local *k = sa_local_slot(s, d->index, l);
		for (uint64_t rls = k->local.len == 255 ? 0 : k->remote_lens; rls; rls &= rls - 1) {
			tc_prefix r = tc_prefix_make(dst, (uint8_t)__builtin_ctzll(rls));
			for (uint32_t id = sa_bucket(s, d, l, r); id; id = s->pool[id - 1].hnext) {
				const sa *x = &s->pool[id - 1];
				if ((!best || id < best) && x->dev == d && x->entry == e && pfx_eq(x->local, l) &&
				    pfx_eq(x->remote, r) && svc_has(x->svc, s->cur_svc))
					best = id;
			}
		}
	}
	return best ? &s->pool[best - 1] : NULL;
}

static void sa_remove(sim *s, sa *x)
{
	uint32_t id = (uint32_t)(x - s->pool) + 1;
	uint32_t *link = &s->sa_tab[sa_hash(x->dev->index, x->local, x->remote) & (s->sa_tab_size - 1)];
	while (*link && *link != id)
		link = &s->pool[*link - 1].hnext;
	if (*link)
		*link = x->hnext;
	x->dead = true;
	struct sa_vec *dv = &s->dev_sas[x->dev->index];
	dv->ndead++;
	s->nsas--;
	if (dv->ndead > 32 && dv->ndead * 2 > dv->n) { /* compact, keeping the order */
		size_t k = 0;
		for (size_t i = 0; i < dv->n; i++)
			if (!s->pool[dv->v[i]].dead)
				dv->v[k++] = dv->v[i];
		dv->n = k;
		dv->ndead = 0;
	}
}

/* Append a new SA to the pool, the hash and its device's list. */
static void sa_add(sim *s, sa x)
{
	GROW(s, s->pool, s->npool, s->cappool);
	uint32_t id = (uint32_t)s->npool++;
	s->pool[id] = x;
	if (s->npool * 2 > s->sa_tab_size) { /* grow and rehash the live SAs */
		size_t size = s->sa_tab_size ? s->sa_tab_size * 2 : 1024;
		free(s->sa_tab);
		s->sa_tab = zalloc(size, sizeof *s->sa_tab);
		if (!s->sa_tab)
			abort();
		s->sa_tab_size = size;
		for (uint32_t i = 0; i < s->npool; i++)
			if (!s->pool[i].dead)
				sa_tab_link(s, i);
	} else
		sa_tab_link(s, id);
	struct sa_vec *dv = &s->dev_sas[x.dev->index];
	GROW(s, dv->v, dv->n, dv->cap);
	dv->v[dv->n++] = id;
	sa_local_note(s, &s->pool[id]);
	s->nsas++;
}

/* Forget every SA (a new run). */
static void sa_clear(sim *s)
{
	s->npool = 0;
	s->nsas = 0;
	if (s->sa_tab)
		memset(s->sa_tab, 0, s->sa_tab_size * sizeof *s->sa_tab);
	for (size_t k = 0; k < s->m->ndevs; k++) {
		s->dev_sas[k].n = 0;
		s->dev_sas[k].ndead = 0;
		s->dev_sas[k].local_lens = 0;
	}
	for (size_t i = 0; i < s->sa_locals_size; i++)
		s->sa_locals[i].local.len = 255;
	s->nsa_locals = 0;
}

static uint32_t entry_local_addr(const tc_device *d, const tc_entry *e)
{
	const tc_iface *i = tc_map_iface(d, e->map);
	return i ? i->addr : 0;
}


/* Consider a reverse route (R5.1, R5.2) to dst via entry e toward peer:
 * keep it in *best when it is more specific than what *best has. */
static void rri_candidate(sim *s, const tc_device *d, const tc_entry *e, tc_prefix dst, uint32_t peer,
			  const tc_fib_entry **best)
{
	if (*best && (*best)->len >= dst.len)
		return;
	const tc_iface *out = tc_map_iface(d, e->map);
	/* index 0: an interface past TC_FIB_MAX_IFACES, which no route leaves by */
	if (!out || !out->index || iface_failed(s, out))
		return;
	uint32_t nh = peer;
	if (e->has_rri_nh)
		nh = e->rri_nh;
	else {
		const tc_fib_entry *to_peer = fib_lookup(s, d, peer);
		if (!to_peer || tc_fib_iface(d, to_peer) != out)
			return;
		if (tc_fib_has_nh(to_peer))
			nh = tc_fib_nh(to_peer);
	}
	/* nothing reads the route's strings, but a route has them */
	static tc_route_attr rri_attr;
	unsigned k = s->nrri++ % (sizeof s->rri / sizeof s->rri[0]);
	tc_route *r = &s->rri_route[k];
	*r = (tc_route){.dst = dst, .nh = nh, .has_nh = nh != 0, .origin = TC_RT_STATIC, .attr = &rri_attr,
			.distance = (uint8_t)(e->rri_distance ? e->rri_distance : 1)};
	s->rri[k] = (tc_fib_entry){.route = r, .addr = dst.addr, .len = dst.len, .iface = out->index};
	*best = &s->rri[k];
}

static bool is_rri(const sim *s, const tc_fib_entry *fe)
{
	return fe >= s->rri && fe < s->rri + sizeof s->rri / sizeof s->rri[0];
}

/* Longest match over the FIB and the reverse routes of d's SAs (dynamic
 * RRI) and entries (static RRI). A tie goes to the FIB. */
static const tc_fib_entry *lookup(sim *s, const tc_device *d, uint32_t ip)
{
	const tc_fib_entry *best = fib_lookup(s, d, ip);
	if (!s->dev_rri[d->index])
		return best;
	const struct sa_vec *dv = &s->dev_sas[d->index];
	for (size_t i = 0; i < dv->n && (s->dev_rri[d->index] & 1); i++) {
		const sa *x = &s->pool[dv->v[i]];
		if (!x->dead && x->entry->rri != TC_RRI_NONE && x->entry->rri != TC_RRI_STATIC &&
		    tc_prefix_has(x->remote, ip))
			rri_candidate(s, d, x->entry, x->remote, x->peer_addr, &best);
	}
	for (const tc_entry *e = (s->dev_rri[d->index] & 2) ? d->entries : NULL; e; e = e->next) {
		if (e->rri != TC_RRI_STATIC || !e->acl || e->npeers == 0)
			continue;
		for (const tc_ace *a = e->acl->aces; a; a = a->next)
			if (a->permit && tc_prefix_has(a->dst, ip))
				rri_candidate(s, d, e, a->dst, e->peers[0], &best);
	}
	return best;
}

/* Install one end of an SA, applying latest-wins replacement (R4.3). */
static void sa_install(sim *s, const tc_device *d, const tc_entry *e, tc_prefix l, tc_prefix r,
		       svc sv, uint32_t peer_addr, const tc_device *peer)
{
	GROW(s, s->hist, s->nhist, s->caphist);
	s->hist[s->nhist++] = (history){entry_index(s, e), peer ? peer->index + 1 : 0, peer_addr, l, r};
	if (sa_find_exact(s, d, e, l, r, sv, peer_addr))
		return;
	/* the SAs for the same pair under e with another peer, in install order */
	uint32_t olds[8];
	unsigned nold = 0;
	for (uint32_t id = s->opts->no_replacement ? 0 : sa_bucket(s, d, l, r); id;
	     id = s->pool[id - 1].hnext) {
		const sa *x = &s->pool[id - 1];
		if (x->dev == d && x->entry == e && pfx_eq(x->local, l) && pfx_eq(x->remote, r) &&
		    svc_eq(x->svc, sv) && x->peer_addr != peer_addr && nold < 8) {
			unsigned q = nold++;
			for (; q > 0 && olds[q - 1] > id; q--)
				olds[q] = olds[q - 1];
			olds[q] = id;
		}
	}
	for (unsigned o = 0; o < nold; o++) {
		sa *x = &s->pool[olds[o] - 1];
		if (x->dead)
			continue;
		const tc_device *old = x->peer;
		uint32_t old_addr = x->peer_addr;
		emit(s, TC_EV_SA_DROP, d, "R4.3",
		     "%s drops only its phase-2 SA for %s <-> %s with %s: %s brought up an SA for the same proxy pair",
		     d->hostname, pfx(s, l), pfx(s, r), peer_label(s, old_addr),
		     peer ? peer->hostname : ipstr(s, peer_addr));
		detail(s, old, old_addr, true, &l, &r);
		sa_remove(s, x);
		if (old) {
			uint32_t me = entry_local_addr(d, e);
			uint32_t first = 0;
			for (uint32_t id = sa_bucket(s, old, r, l); id; id = s->pool[id - 1].hnext) {
				const sa *y = &s->pool[id - 1];
				if ((!first || id < first) && y->dev == old && y->peer_addr == me &&
				    pfx_eq(y->local, r) && pfx_eq(y->remote, l) && svc_eq(y->svc, svc_mirror(sv)))
					first = id;
			}
			if (first) {
				emit(s, TC_EV_SA_DROP, old, "R4.3",
				     "%s deletes its SA for %s <-> %s on %s's IKE delete",
				     old->hostname, pfx(s, r), pfx(s, l), d->hostname);
				detail(s, d, me, true, &r, &l);
				sa_remove(s, &s->pool[first - 1]);
			}
		}
		s->changes[s->cur_conv]++;
	}
	sa_add(s, (sa){d, e, l, r, peer_addr, peer, s->cur_conv, sv, 0, false});
	s->changes[s->cur_conv]++;
}

/* ---- crypto map sets, indexed ------------------------------------------------ *
 * The lines of one crypto map set of one device, flattened in evaluation
 * order (entry by entry, line by line), with a hash of (source, destination)
 * prefixes. A question about a packet or a proxy pair probes the hash once
 * per (source, destination) prefix length pair present in the set and sorts
 * the few hits back into evaluation order, instead of reading every line of
 * every entry. */

typedef struct flat_ace {
	const tc_ace *a;
	const tc_entry *e;
	unsigned line;          /* 1-based position in e's ACL */
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
	flat_ace *v;            /* lines of the static entries with an ACL, in order */
	size_t n;
	uint32_t *head, *next;  /* hash of (src, dst) -> v index + 1, chained through next */
	size_t mask;
	src_key *srcs;          /* open-addressing hash of the lines' sources (len 255: empty) */
	size_t srcmask;
	uint64_t src_lens;      /* bit L: some line's source has length L */
	const tc_ace **svc;     /* lines naming a protocol, of every entry with an ACL */
	size_t nsvc;
	const tc_entry *dyn;    /* the set's first dynamic entry, or NULL */
	struct listed {         /* peer address -> the set's first static entry listing it */
		uint32_t addr;
		const tc_entry *e; /* NULL: an empty slot */
	} *listed;
	size_t listedmask;
} map_index;

static size_t pair_hash(tc_prefix a, tc_prefix b)
{
	uint64_t h = ((uint64_t)a.addr << 32 | b.addr) * 0x9e3779b97f4a7c15ull;
	h ^= ((uint64_t)a.len << 8 | b.len) * 0xbf58476d1ce4e5b9ull;
	return (size_t)(h ^ (h >> 29));
}

static size_t src_hash(tc_prefix p)
{
	return (size_t)tc_hash_u64((uint64_t)p.addr << 8 | p.len);
}

/* The slot of src in mi->srcs: where it is, or the empty one where it goes. */
static src_key *src_slot(const map_index *mi, tc_prefix src)
{
	size_t h = src_hash(src) & mi->srcmask;
	while (mi->srcs[h].src.len != 255 && !pfx_eq(mi->srcs[h].src, src))
		h = (h + 1) & mi->srcmask;
	return &mi->srcs[h];
}

/* The set's first static entry listing peer address addr, or NULL. */
static const tc_entry *map_listing(const map_index *mi, uint32_t addr)
{
	for (size_t h = tc_hash_u64(addr) & mi->listedmask; mi->listed[h].e; h = (h + 1) & mi->listedmask)
		if (mi->listed[h].addr == addr)
			return mi->listed[h].e;
	return NULL;
}

/* mi->dyn and mi->listed, over every entry of the set (with an ACL or not). */
static void map_index_peers(map_index *mi, const tc_device *d)
{
	size_t npeers = 0;
	for (const tc_entry *e = d->entries; e; e = e->next)
		if (e->map == mi->name || strcmp(e->map, mi->name) == 0)
			npeers += e->dynamic ? 0 : e->npeers;
	size_t size = 16;
	while (size < 2 * npeers)
		size *= 2;
	mi->listed = zalloc(size, sizeof *mi->listed);
	if (!mi->listed)
		abort();
	mi->listedmask = size - 1;
	for (const tc_entry *e = d->entries; e; e = e->next) {
		if (e->map != mi->name && strcmp(e->map, mi->name) != 0)
			continue;
		if (e->dynamic) {
			if (!mi->dyn)
				mi->dyn = e;
			continue;
		}
		for (unsigned i = 0; i < e->npeers; i++) {
			size_t h = tc_hash_u64(e->peers[i]) & mi->listedmask;
			while (mi->listed[h].e && mi->listed[h].addr != e->peers[i])
				h = (h + 1) & mi->listedmask;
			if (!mi->listed[h].e)
				mi->listed[h] = (struct listed){e->peers[i], e};
		}
	}
}

static void map_index_build(map_index *mi, const tc_device *d)
{
	size_t n = 0, nsvc = 0;
	for (const tc_entry *e = d->entries; e; e = e->next)
		if ((e->map == mi->name || strcmp(e->map, mi->name) == 0) && e->acl)
			for (const tc_ace *a = e->acl->aces; a; a = a->next) {
				n += !e->dynamic;
				nsvc += a->proto != 0;
			}
	mi->v = xrealloc(NULL, (n + 1) * sizeof *mi->v);
	mi->svc = xrealloc(NULL, (nsvc + 1) * sizeof *mi->svc);
	size_t size = 16;
	while (size < 2 * n)
		size *= 2;
	mi->mask = size - 1;
	mi->head = zalloc(size, sizeof *mi->head);
	mi->next = zalloc(n + 1, sizeof *mi->next);
	mi->srcs = xrealloc(NULL, size * sizeof *mi->srcs);
	if (!mi->head || !mi->next)
		abort();
	for (size_t i = 0; i < size; i++)
		mi->srcs[i] = (src_key){{0, 255}, 0};
	mi->srcmask = size - 1;
	for (const tc_entry *e = d->entries; e; e = e->next) {
		if ((e->map != mi->name && strcmp(e->map, mi->name) != 0) || !e->acl)
			continue;
		unsigned line = 0;
		for (const tc_ace *a = e->acl->aces; a; a = a->next) {
			line++;
			if (a->proto != 0)
				mi->svc[mi->nsvc++] = a;
			if (e->dynamic)
				continue;
			size_t i = mi->n++;
			mi->v[i] = (flat_ace){a, e, line};
			size_t h = pair_hash(a->src, a->dst) & mi->mask;
			mi->next[i] = mi->head[h];
			mi->head[h] = (uint32_t)i + 1;
			src_key *k = src_slot(mi, a->src);
			k->src = a->src;
			k->dst_lens |= 1ull << a->dst.len;
			mi->src_lens |= 1ull << a->src.len;
		}
	}
}

/* Index every crypto map set of every device. */
static void maps_build(sim *s)
{
	s->dev_maps = zalloc(s->m->ndevs + 1, sizeof *s->dev_maps);
	s->dev_nmaps = zalloc(s->m->ndevs + 1, sizeof *s->dev_nmaps);
	if (!s->dev_maps || !s->dev_nmaps)
		abort();
	for (size_t k = 0; k < s->m->ndevs; k++) {
		const tc_device *d = s->m->devs[k];
		unsigned n = 0, cap = 0;
		map_index *v = NULL;
		const char *last = NULL;
		for (const tc_entry *e = d->entries; e; e = e->next) {
			if (last && (e->map == last || strcmp(e->map, last) == 0))
				continue;
			last = e->map;
			bool seen = false;
			for (unsigned i = 0; i < n && !seen; i++)
				seen = strcmp(v[i].name, e->map) == 0;
			if (seen)
				continue;
			if (n == cap) { /* most devices have one set: no GROW's 64 */
				cap = cap ? 2 * cap : 1;
				v = xrealloc(v, cap * sizeof *v);
			}
			memset(&v[n], 0, sizeof v[n]);
			v[n].name = e->map;
			map_index_build(&v[n], d);
			map_index_peers(&v[n], d);
			n++;
		}
		s->dev_maps[k] = v;
		s->dev_nmaps[k] = n;
	}
}

static void maps_free(sim *s)
{
	for (size_t k = 0; s->dev_maps && k < s->m->ndevs; k++) {
		for (unsigned i = 0; i < s->dev_nmaps[k]; i++) {
			free(s->dev_maps[k][i].v);
			free(s->dev_maps[k][i].head);
			free(s->dev_maps[k][i].next);
			free(s->dev_maps[k][i].srcs);
			free(s->dev_maps[k][i].listed);
			free(s->dev_maps[k][i].svc);
		}
		free(s->dev_maps[k]);
	}
	free(s->dev_maps);
	free(s->dev_nmaps);
}

/* d's crypto map set `name`, or NULL when no entry names it. */
static const map_index *map_find(const sim *s, const tc_device *d, const char *name)
{
	const map_index *v = s->dev_maps[d->index];
	for (unsigned i = 0; i < s->dev_nmaps[d->index]; i++)
		if (v[i].name == name || strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return (a > b) - (a < b);
}

/* Into s->cand, in evaluation order: the lines of mi whose source is exactly
 * a prefix of x (no longer than xlen) and destination a prefix of y (no
 * longer than ylen). One probe per source length present, then one per
 * destination length that source is paired with: the work follows the
 * lengths in use, not the number of lines or of length pairs. */
static void map_candidates(sim *s, const map_index *mi, uint32_t x, unsigned xlen, uint32_t y,
			   unsigned ylen)
{
	s->ncand = 0;
	uint64_t sls = mi->src_lens & ((2ull << xlen) - 1);
	for (; sls; sls &= sls - 1) {
		unsigned sl = (unsigned)__builtin_ctzll(sls);
		tc_prefix a = tc_prefix_make(x, (uint8_t)sl);
		const src_key *k = src_slot(mi, a);
		if (k->src.len == 255)
			continue;
		uint64_t dls = k->dst_lens & ((2ull << ylen) - 1);
		for (; dls; dls &= dls - 1) {
			tc_prefix b = tc_prefix_make(y, (uint8_t)__builtin_ctzll(dls));
			for (uint32_t i = mi->head[pair_hash(a, b) & mi->mask]; i; i = mi->next[i - 1]) {
				const tc_ace *ace = mi->v[i - 1].a;
				if (pfx_eq(ace->src, a) && pfx_eq(ace->dst, b)) {
					GROW(s, s->cand, s->ncand, s->capcand);
					s->cand[s->ncand++] = i - 1;
				}
			}
		}
	}
	if (s->ncand > 1)
		qsort(s->cand, s->ncand, sizeof *s->cand, cmp_size);
}

/* ---- negotiation checks --------------------------------------------------- */

/* Plain forwarding of an outer (IKE/ESP) packet from d to dst: true when it
 * arrives or leaves the snapshot; false with a reason when it dies. */
static bool reach(sim *s, const tc_device *d, uint32_t dst, const char **why)
{
	for (int hop = 0; hop < TC_MAX_HOPS; hop++) {
		bool down;
		if (holder(s, dst, NULL, &down) == d && !down)
			return true;
		const tc_fib_entry *fe = lookup(s, d, dst);
		if (!fe || !fe->iface) {
			*why = text(s, "%s has no route to %s", d->hostname, ipstr(s, dst));
			return false;
		}
		uint32_t nh = tc_fib_has_nh(fe) ? tc_fib_nh(fe) : dst;
		const tc_device *n = holder(s, nh, NULL, &down);
		if (!n)
			return !tc_fib_has_nh(fe) ? false : true; /* leaves the snapshot: assume it gets there */
		if (down) {
			*why = text(s, "%s forwards to %s, which is down", d->hostname,
					       n->hostname);
			return false;
		}
		d = n;
	}
	*why = text(s, "routing loop toward %s", ipstr(s, dst));
	return false;
}

typedef struct nego {
	const tc_device *resp;
	const tc_entry *resp_entry;
	const char *why;   /* failure reason */
	const char *rule;  /* rule behind the failure */
	bool narrowed;     /* IKEv2: the responder narrowed the proxies to l, r */
	tc_prefix l, r;    /* the proxies of the SA, as the initiator sees them */
} nego;

/* The more specific of two overlapping prefixes (their intersection). */
static tc_prefix narrower(tc_prefix a, tc_prefix b)
{
	return a.len >= b.len ? a : b;
}

/* IKEv2 (RFC 7296 §2.9): the first permit line of e overlapping the proposal
 * (l, r) mirrored, or NULL; the narrowed proxies go to *nl, *nr. */
static const tc_ace *ace_overlapping(const tc_entry *e, tc_prefix l, tc_prefix r, svc sv,
				     tc_prefix *nl, tc_prefix *nr)
{
	if (!e->acl)
		return NULL;
	for (const tc_ace *a = e->acl->aces; a; a = a->next) {
		if (!tc_prefix_overlaps(a->src, l) || !tc_prefix_overlaps(a->dst, r) ||
		    !svc_contains(ace_svc(a), sv))
			continue;
		if (!a->permit)
			return NULL;
		*nl = narrower(a->src, l);
		*nr = narrower(a->dst, r);
		return a;
	}
	return NULL;
}

/* Can d (entry e, proxies l/r, map interface out) bring up an SA with peer? */
static bool negotiate(sim *s, const tc_device *d, const tc_entry *e, const tc_iface *out, tc_prefix l,
		      tc_prefix r, svc sv, uint32_t peer, nego *n)
{
	memset(n, 0, sizeof *n);
	n->l = l;
	n->r = r;
	const char *pl = peer_label(s, peer);
	const tc_fib_entry *fe = lookup(s, d, peer);
	n->rule = "R1.5";
	if (!fe || !fe->iface) {
		n->why = text(s, "%s has no route to peer %s", d->hostname, pl);
		return false;
	}
	if (tc_fib_iface(d, fe) != out) {
		n->why = text(s, "the route to peer %s leaves %s, not %s where crypto map %s is applied",
					 pl, tc_iface_label(tc_fib_iface(d, fe)), tc_iface_label(out), e->map);
		return false;
	}
	const tc_iface *pif = NULL;
	bool pdown;
	const tc_device *p = holder(s, peer, &pif, &pdown);
	if (!p)
		return true; /* outside the snapshot: assume it answers */
	if (pdown) {
		n->rule = "R3.3";
		n->why = text(s, "no answer: %s is down",
					 pif->shutdown ? piece(s, "%s interface %s", p->hostname, tc_iface_label(pif))
						       : p->hostname);
		return false;
	}
	const char *why = NULL;
	if (!reach(s, d, peer, &why) || !reach(s, p, out->addr, &why)) {
		n->why = text(s, "IKE packets between %s and %s do not get through: %s",
					 d->hostname, p->hostname, why);
		return false;
	}
	n->rule = "R4.1";
	if (!pif->cmap) {
		n->why = text(s, "%s has no crypto map on %s, where %s lives",
					 p->hostname, tc_iface_label(pif), ipstr(s, peer));
		return false;
	}
	if (!pif->ike) {
		n->why = text(s, "IKE is not enabled on %s interface %s", p->hostname,
					 tc_iface_label(pif));
		return false;
	}
	if (!out->ike) {
		n->why = text(s, "IKE is not enabled on %s interface %s", d->hostname,
					 tc_iface_label(out));
		return false;
	}
	unsigned ver = e->ike_version ? e->ike_version : 1;
	const tc_psk *k1 = tc_psk_for(d, peer, ver), *k2 = tc_psk_for(p, out->addr, ver);
	if (!k1 || !k2) {
		n->why = text(s, "%s has no pre-shared key for %s",
					 !k1 ? d->hostname : p->hostname,
					 !k1 ? pl : peer_label(s, out->addr));
		return false;
	}
	if (!tc_psks_agree(k1, k2, ver)) {
		n->why = text(s, "the pre-shared keys of %s and %s differ", d->hostname,
					 p->hostname);
		return false;
	}
	if (!tc_ike_match(d, p, ver, NULL, NULL)) {
		n->rule = "R4.8";
		n->why = text(s, "%s and %s have no common IKEv%u pre-share policy",
					 d->hostname, p->hostname, ver);
		return false;
	}
	/* responder entry: lists us as peer and has an ACE containing our proxies mirrored:
	 * the first such entry from the index (every static entry of the set with an ACL) */
	const map_index *pmi = map_find(s, p, pif->cmap);
	if (pmi) {
		map_candidates(s, pmi, r.addr, r.len, l.addr, l.len);
		const tc_entry *skip = NULL;
		for (size_t i = 0; i < s->ncand && !n->resp_entry; i++) {
			const flat_ace *f = &pmi->v[s->cand[i]];
			if (f->e == skip || !svc_contains(ace_svc(f->a), svc_mirror(sv)))
				continue;
			if (f->a->permit && tc_entry_lists_peer(f->e, out->addr))
				n->resp_entry = f->e;
			skip = f->e; /* its first containing line decides */
		}
	}
	/* none: what the failure names, and the dynamic entry that may answer */
	const tc_entry *listing = NULL, *dyn = NULL;
	if (!n->resp_entry && pmi) {
		listing = map_listing(pmi, out->addr);
		dyn = pmi->dyn;
	}
	if (!n->resp_entry && ver == 2) {
		/* no line contains the proposal: an IKEv2 responder narrows to one that overlaps */
		for (const tc_entry *pe = p->entries; pe && !n->resp_entry; pe = pe->next) {
			tc_prefix nr, nl;
			if (strcmp(pe->map, pif->cmap) == 0 && !pe->dynamic &&
			    tc_entry_lists_peer(pe, out->addr) &&
			    ace_overlapping(pe, r, l, svc_mirror(sv), &nr, &nl)) {
				n->resp_entry = pe;
				n->narrowed = true;
				n->l = nl;
				n->r = nr;
			}
		}
	}
	if (!n->resp_entry && dyn)
		n->resp_entry = dyn;
	if (!n->resp_entry) {
		n->rule = listing ? "R2.3" : "R4.1";
		n->why = listing
			 ? text(s, "%s crypto map %s %u lists %s but no ACL line contains %s <-> %s (IKEv1 proxies must fit one responder line)",
					   p->hostname, listing->map, listing->seq, ipstr(s, out->addr),
					   pfx(s, r), pfx(s, l))
			 : text(s, "%s has no crypto map entry on %s that lists %s as a peer",
					   p->hostname, tc_iface_label(pif), ipstr(s, out->addr));
		return false;
	}
	const tc_entry *pe = n->resp_entry;
	if (pe->conn_type == TC_CONN_ORIGINATE_ONLY) {
		n->rule = "R3.10";
		n->why = text(s, "%s crypto map %s %u is originate-only and does not answer",
					 p->hostname, pe->map, pe->seq);
		return false;
	}
	if (ver == 2 && !pe->dynamic && pe->npeers > 1 && !s->opts->ikev2_accepts_backup) {
		unsigned act = s->active[entry_index(s, pe)];
		if (pe->peers[act] != out->addr) {
			n->rule = "R4.2";
			n->why = text(s, "IKEv2: %s accepts only its current active peer %s for crypto map %s %u",
						 p->hostname, peer_label(s, pe->peers[act]), pe->map, pe->seq);
			return false;
		}
	}
	if (!pe->dynamic && !tc_tset_match(e, pe)) {
		n->rule = "R2.3";
		n->why = text(s, "%s crypto map %s %u and %s crypto map %s %u share no transform set",
					 d->hostname, e->map, e->seq, p->hostname, pe->map, pe->seq);
		return false;
	}
	if (pe->pfs_group && pe->pfs_group != e->pfs_group) {
		n->rule = "R4.7";
		n->why = e->pfs_group
			 ? text(s, "%s requires PFS group %u, %s offers group %u",
					   p->hostname, pe->pfs_group, d->hostname, e->pfs_group)
			 : text(s, "%s requires PFS group %u, %s offers none",
					   p->hostname, pe->pfs_group, d->hostname);
		return false;
	}
	n->resp = p;
	n->rule = NULL;
	return true;
}

/* Entry e of d initiates for proxies (l, r); returns the SA on d or NULL. */
static sa *initiate(sim *s, const tc_device *d, const tc_entry *e, const tc_iface *out, tc_prefix l,
		    tc_prefix r, svc sv)
{
	char st[32];
	svc_text(st, sizeof st, sv);
	if (e->npeers == 0) {
		emit(s, TC_EV_REJECT, d, "R3.1", "crypto map %s %u has no peer to initiate to", e->map,
		     e->seq);
		return NULL;
	}
	unsigned ei = entry_index(s, e);
	unsigned start = s->active[ei];
	for (unsigned k = 0; k < e->npeers; k++) {
		unsigned idx = (start + k) % e->npeers;
		uint32_t peer = e->peers[idx];
		emit(s, TC_EV_INITIATE, d, k == 0 && idx == 0 ? "R3.1" : "R3.3",
		     "%s initiates IKEv%u to %s, peer %u of %u in crypto map %s %u, for %s <-> %s%s%s",
		     d->hostname, e->ike_version ? e->ike_version : 1, peer_label(s, peer), idx + 1,
		     e->npeers, e->map, e->seq, pfx(s, l), pfx(s, r), st,
		     k == 0 && idx != 0 ? " (the entry's active peer: an earlier negotiation moved it there)"
					: "");
		detail(s, holder(s, peer, NULL, &(bool){false}), peer, true, NULL, NULL);
		nego n;
		if (!negotiate(s, d, e, out, l, r, sv, peer, &n)) {
			emit(s, TC_EV_REJECT, d, n.rule, "negotiation with %s fails: %s",
			     peer_label(s, peer), n.why);
			detail(s, holder(s, peer, NULL, &(bool){false}), peer, true, NULL, NULL);
			continue;
		}
		s->active[ei] = idx;
		if (n.resp && s->opts->responder_moves_active && !n.resp_entry->dynamic)
			for (unsigned q = 0; q < n.resp_entry->npeers; q++)
				if (n.resp_entry->peers[q] == out->addr)
					s->active[entry_index(s, n.resp_entry)] = q;
		if (n.narrowed) {
			emit(s, TC_EV_INFO, n.resp, "§6",
			     "IKEv2: %s has no line containing %s <-> %s and narrows the SA to %s <-> %s",
			     n.resp->hostname, pfx(s, r), pfx(s, l), pfx(s, n.r), pfx(s, n.l));
			l = n.l;
			r = n.r;
		}
		if (n.resp) {
			emit(s, TC_EV_SA_UP, d, "R4.1",
			     "phase-2 SA up: %s <-> %s%s between %s and %s (%s accepts as responder with crypto map %s %u)",
			     pfx(s, l), pfx(s, r), st, d->hostname, n.resp->hostname, n.resp->hostname,
			     n.resp_entry->map, n.resp_entry->seq);
			detail(s, n.resp, peer, true, &l, &r);
			sa_install(s, n.resp, n.resp_entry, r, l, svc_mirror(sv), out->addr, d);
			sa_install(s, d, e, l, r, sv, peer, n.resp);
		} else {
			emit(s, TC_EV_SA_UP, d, NULL,
			     "phase-2 SA up: %s <-> %s%s with %s, which is not in the snapshot (assumed to answer)",
			     pfx(s, l), pfx(s, r), st, ipstr(s, peer));
			detail(s, NULL, peer, true, &l, &r);
			sa_install(s, d, e, l, r, sv, peer, NULL);
		}
		return sa_find_exact(s, d, e, l, r, sv, peer);
	}
	emit(s, TC_EV_DROP, d, "R3.3", "no peer of crypto map %s %u accepts; the packet is dropped",
	     e->map, e->seq);
	return NULL;
}

/* ---- NAT in front of the crypto map (R1.2, R1.3) ------------------------------ */

static bool natset_has(const tc_natset *set, uint32_t ip)
{
	for (unsigned k = 0; k < set->n; k++)
		if (tc_prefix_has(set->v[k], ip))
			return true;
	return false;
}

/* First-match ACL verdict for src->dst (a standard list matches one side). */
static bool acl_permits(const tc_acl *acl, uint32_t src, uint32_t dst)
{
	/* a standard list names one side and leaves the other any (IOS: the
	 * source; ASA: the destination), so testing both sides is right for all */
	for (const tc_ace *a = acl->aces; a; a = a->next)
		if (tc_prefix_has(a->src, src) && tc_prefix_has(a->dst, dst))
			return a->permit;
	return false;
}

static bool iface_is(const tc_iface *i, const char *name)
{
	return i && ((i->nameif && strcmp(i->nameif, name) == 0) || strcmp(i->name, name) == 0);
}

/* The first NAT rule of d that applies to src->dst arriving on in and
 * leaving by out, or NULL. Rules selected by a route-map are not evaluated
 * (the map's clauses are not modelled); *skipped names the first of them. */
static const tc_nat *nat_match(const tc_device *d, const tc_iface *in, const tc_iface *out,
			       uint32_t src, uint32_t dst, const tc_nat **skipped)
{
	for (const tc_nat *n = d->nats; n; n = n->next) {
		if (n->inactive || n->real_outside || n->dest_only || n->vrf)
			continue;
		if (d->dialect == TC_DIALECT_IOS) {
			if (!in || !in->nat_inside || !out->nat_outside)
				continue;
		} else {
			if (n->real_if && !iface_is(in, n->real_if))
				continue;
			if (n->mapped_if && !iface_is(out, n->mapped_if))
				continue;
		}
		bool hit;
		if (n->acl_name) {
			const tc_acl *acl = n->acl ? n->acl : tc_acl_find(d, n->acl_name);
			hit = acl && acl_permits(acl, src, dst);
		} else if (n->route_map) {
			if (!*skipped)
				*skipped = n;
			continue;
		} else {
			hit = natset_has(&n->real_src, src);
		}
		if (!hit || (n->real_dst.n && !natset_has(&n->mapped_dst, dst)))
			continue;
		return n;
	}
	return NULL;
}

/* ---- the packet walk ------------------------------------------------------ */

/* First entry of map on d whose ACL permits src->dst (R2.1: deny cascades). */
static const tc_entry *crypto_match(sim *s, const tc_device *d, const char *map, uint32_t src,
				    uint32_t dst, svc pv, const tc_ace **ace_out, unsigned *line_out)
{
	const map_index *mi = map_find(s, d, map);
	if (!mi)
		return NULL;
	map_candidates(s, mi, src, 32, dst, 32);
	const tc_entry *skip = NULL;
	for (size_t i = 0; i < s->ncand; i++) {
		const flat_ace *f = &mi->v[s->cand[i]];
		if (f->e == skip || !svc_has(ace_svc(f->a), pv))
			continue;
		if (!f->a->permit) {
			skip = f->e; /* next entry */
			continue;
		}
		*ace_out = f->a;
		*line_out = f->line;
		return f->e;
	}
	return NULL;
}

/* R1.7: clear text arriving on a crypto interface that a permit line covers. */
static const tc_entry *inbound_protected(sim *s, const tc_device *d, const char *map, uint32_t src,
					 uint32_t dst, svc pv)
{
	const map_index *mi = map_find(s, d, map);
	if (!mi)
		return NULL;
	map_candidates(s, mi, dst, 32, src, 32);
	for (size_t i = 0; i < s->ncand; i++) {
		const tc_ace *a = mi->v[s->cand[i]].a;
		if (a->permit && svc_has(svc_mirror(ace_svc(a)), pv))
			return mi->v[s->cand[i]].e;
	}
	return NULL;
}

/* The device whose connected network holds ip (the longest), or NULL. */
struct origin {
	sim *s;
	const tc_device *found;
};

static bool origin_cb(const tc_device *d, const tc_iface *i, void *payload)
{
	struct origin *o = payload;
	if (o->s->dev_failed[d->index] || iface_failed(o->s, i))
		return true; /* keep looking */
	o->found = d;
	return false;
}

/* The device whose connected network holds ip (its own address first,
 * then the longest subnet), or NULL. */
static const tc_device *origin_of(sim *s, uint32_t ip)
{
	const tc_link_end *v = NULL;
	size_t n = tc_addr_holders(s->m, ip, &v);
	for (size_t k = 0; k < n; k++)
		if (!v[k].iface->shutdown && !s->dev_failed[v[k].device->index] &&
		    !iface_failed(s, v[k].iface))
			return v[k].device;
	struct origin o = {s, NULL};
	tc_connected_foreach(s->m, ip, origin_cb, &o);
	return o.found;
}

static flow_result walk(sim *s, const tc_device *d, uint32_t src, uint32_t dst)
{
	flow_result res = {.out = OUT_DROPPED};
	const tc_iface *in = NULL;
	bool decrypted = false;
	s->path[0] = '\0';
	s->nhops = 0;
	char st[32];
	emit(s, TC_EV_SEND, d, NULL, "%s sends %s -> %s%s", d->hostname, ipstr(s, src), ipstr(s, dst),
	     svc_text(st, sizeof st, s->cur_svc));
	path_hop(s, d);
	for (int hop = 0; hop < TC_MAX_HOPS; hop++) {
		if (in && in->cmap && !decrypted) {
			const tc_entry *e = inbound_protected(s, d, in->cmap, src, dst, s->cur_svc);
			if (e) {
				emit(s, TC_EV_DROP, d, "R1.7",
				     "%s drops the clear-text packet arriving on %s: crypto map %s %u requires it to be encrypted",
				     d->hostname, tc_iface_label(in), e->map, e->seq);
				return res;
			}
		}
		const tc_iface *own = NULL;
		bool down;
		if (holder(s, dst, &own, &down) == d && !down) {
			emit(s, TC_EV_DELIVER, d, NULL, "%s delivers %s (its own address on %s)",
			     d->hostname, ipstr(s, dst), tc_iface_label(own));
			res.out = OUT_DELIVERED;
			return res;
		}
		const tc_fib_entry *fe = lookup(s, d, dst);
		if (!fe) {
			emit(s, TC_EV_DROP, d, "R1.1", "%s has no route to %s; the packet is dropped",
			     d->hostname, ipstr(s, dst));
			return res;
		}
		if (!fe->iface) {
			emit(s, TC_EV_DROP, d, "R1.1", "%s routes %s to a null interface; dropped",
			     d->hostname, ipstr(s, dst));
			return res;
		}
		const tc_iface *out = tc_fib_iface(d, fe);
		bool nat_leak = false; /* NAT defeated the crypto ACL at this hop (already said) */
		if (is_rri(s, fe))
			emit(s, TC_EV_INFO, d, d->dialect == TC_DIALECT_ASA ? "R5.2" : "R5.1",
			     "%s routes %s by its reverse route %s via %s", d->hostname, ipstr(s, dst),
			     pfx(s, tc_fib_dst(fe)), tc_iface_label(out));
		if (d->nats) {
			/* NAT runs before the crypto map (R1.2, R1.3) */
			const tc_nat *skipped = NULL;
			const tc_nat *n = nat_match(d, in, out, src, dst, &skipped);
			const char *nrule = d->dialect == TC_DIALECT_ASA ? "R1.3" : "R1.2";
			if (skipped && (!n || skipped->line < n->line))
				emit(s, TC_EV_INFO, d, nrule,
				     "%s: NAT rule on line %u selects traffic with route-map %s, which is not evaluated; assuming it does not translate",
				     d->hostname, skipped->line, skipped->route_map);
			if (n && n->identity) {
				if (out->cmap)
					emit(s, TC_EV_INFO, d, nrule,
					     "%s: NAT rule on line %u is an identity (exemption) rule: %s -> %s keeps its real addresses",
					     d->hostname, n->line, ipstr(s, src), ipstr(s, dst));
			} else if (n) {
				uint32_t mapped = out->addr; /* interface PAT */
				if (!n->mapped_src_if && n->mapped_src.n) {
					tc_prefix m0 = n->mapped_src.v[0];
					mapped = tc_prefix_host(m0);
					for (unsigned k = 0; k < n->real_src.n; k++) /* 1:1: keep the host part */
						if (n->real_src.v[k].len == m0.len && tc_prefix_has(n->real_src.v[k], src))
							mapped = m0.addr | (src & ~tc_len_to_mask(m0.len));
				}
				const tc_ace *a0 = NULL;
				unsigned l0 = 0;
				bool protected_before =
					out->cmap && crypto_match(s, d, out->cmap, src, dst, s->cur_svc, &a0, &l0);
				emit(s, TC_EV_INFO, d, nrule,
				     "%s: NAT rule on line %u translates the source %s to %s before the crypto map",
				     d->hostname, n->line, ipstr(s, src), ipstr(s, mapped));
				src = mapped;
				const tc_ace *a1 = NULL;
				unsigned l1 = 0;
				if (protected_before &&
				    !crypto_match(s, d, out->cmap, src, dst, s->cur_svc, &a1, &l1)) {
					emit(s, TC_EV_CLEAR, d, nrule,
					     "%s sends it out %s in clear: the crypto ACL is written for the real address, and no NAT exemption precedes the translation",
					     d->hostname, tc_iface_label(out));
					res.leaked = true;
					nat_leak = true;
				}
			}
		}
		if (out->cmap) {
			const tc_ace *ace = NULL;
			unsigned line = 0;
			const tc_entry *e = crypto_match(s, d, out->cmap, src, dst, s->cur_svc, &ace, &line);
			if (e) {
				sa *x = sa_for_packet(s, d, e, src, dst);
				if (x) {
					emit(s, TC_EV_ENCRYPT, d, "R4.4",
					     "%s encrypts into its existing SA for %s <-> %s with %s",
					     d->hostname, pfx(s, x->local), pfx(s, x->remote),
					     peer_label(s, x->peer_addr));
					detail(s, x->peer, x->peer_addr, true, &x->local, &x->remote);
				} else if (e->conn_type == TC_CONN_ANSWER_ONLY) {
					emit(s, TC_EV_DROP, d, "R3.10",
					     "%s crypto map %s %u is answer-only and has no SA; dropped",
					     d->hostname, e->map, e->seq);
					return res;
				} else {
					emit(s, TC_EV_MATCH, d, "R2.1",
					     "%s: %s -> %s leaves %s and matches crypto map %s %u, ACL %s line %u; no SA yet",
					     d->hostname, ipstr(s, src), ipstr(s, dst), tc_iface_label(out), e->map,
					     e->seq, e->acl->name, line);
					x = initiate(s, d, e, out, ace->src, ace->dst, ace_svc(ace));
					if (!x)
						return res;
					if (!tc_prefix_has(x->local, src) || !tc_prefix_has(x->remote, dst)) {
						emit(s, TC_EV_DROP, d, "§6",
						     "%s -> %s is outside the narrowed SA; dropped",
						     ipstr(s, src), ipstr(s, dst));
						return res;
					}
				}
				res.encrypted = true;
				res.enc_by = d;
				res.dec_by = x->peer;
				const tc_device *p = x->peer;
				if (!p) {
					emit(s, TC_EV_DELIVER, d, NULL,
					     "the packet leaves the snapshot encrypted toward %s",
					     ipstr(s, x->peer_addr));
					res.out = OUT_EXITED;
					return res;
				}
				const tc_iface *pif = NULL;
				holder(s, x->peer_addr, &pif, &(bool){false});
				emit(s, TC_EV_DECRYPT, p, NULL, "%s decrypts it (SA with %s)", p->hostname,
				     d->hostname);
				detail(s, d, 0, false, NULL, NULL);
				d = p;
				in = pif;
				decrypted = true;
				path_hop(s, d);
				continue;
			}
		}
		uint32_t nh = tc_fib_has_nh(fe) ? tc_fib_nh(fe) : dst;
		const tc_iface *nif = NULL;
		const tc_device *n = holder(s, nh, &nif, &down);
		if (n && down) {
			emit(s, TC_EV_DROP, d, "R1.1",
			     "%s forwards to %s (%s), which is down; the packet is lost", d->hostname,
			     ipstr(s, nh), n->hostname);
			return res;
		}
		if (!n) {
			if (!tc_fib_has_nh(fe)) {
				emit(s, TC_EV_DELIVER, d, NULL, "%s delivers %s on its connected network %s",
				     d->hostname, ipstr(s, dst), tc_iface_label(out));
				res.out = OUT_DELIVERED;
			} else {
				emit(s, TC_EV_DELIVER, d, NULL,
				     "%s forwards to %s, outside the snapshot", d->hostname, ipstr(s, nh));
				res.out = OUT_EXITED;
			}
			return res;
		}
		if (out->cmap && !nat_leak)
			emit(s, TC_EV_CLEAR, d, "R2.1",
			     "%s sends %s -> %s out %s in clear: no line of crypto map %s permits it",
			     d->hostname, ipstr(s, src), ipstr(s, dst), tc_iface_label(out), out->cmap);
		d = n;
		in = nif;
		decrypted = false;
		path_hop(s, d);
	}
	emit(s, TC_EV_DROP, d, NULL, "routing loop: the packet exceeds %d hops", TC_MAX_HOPS);
	return res;
}

static flow_result walk_flow(sim *s, unsigned c, unsigned i, unsigned j, unsigned k, bool a_to_b)
{
	const conv *cv = &s->convs[c];
	s->cur_svc = a_to_b ? cv->ps[k] : svc_mirror(cv->ps[k]);
	tc_prefix from = a_to_b ? cv->pa[i] : cv->pb[j], to = a_to_b ? cv->pb[j] : cv->pa[i];
	uint32_t src = tc_prefix_host(from), dst = tc_prefix_host(to);
	const tc_device *start = origin_of(s, src);
	if (!start)
		start = a_to_b ? cv->start_a : cv->start_b;
	if (start && s->dev_failed[start->index])
		start = NULL;
	flow_result r = {.out = OUT_NOT_WALKED};
	tc_arena_reset(s->tmp);
	s->cur_conv = c;
	s->cur_from = from;
	s->cur_to = to;
	if (!start) {
		emit(s, TC_EV_INFO, NULL, NULL, "no device in the snapshot holds %s; traffic from it is not walked",
		     pfx(s, from));
		return r;
	}
	return walk(s, start, src, dst);
}

/* Fold one part's outcome into a conversation's: ok only if every part is. */
static void combine(flow_result *agg, flow_result f)
{
	if (f.out == OUT_DROPPED || (f.out == OUT_NOT_WALKED && agg->out != OUT_DROPPED))
		agg->out = f.out;
	agg->encrypted |= f.encrypted;
	agg->leaked |= f.leaked;
}

/* ---- state signatures ------------------------------------------------------ */

typedef struct sigrec {
	unsigned dev, entry;
	uint32_t l, r;
	uint8_t ll, rl;
	uint32_t peer;
	uint8_t proto;
	uint16_t ports[4];
} sigrec;

static int cmp_sigrec(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(sigrec));
}

/* A canonical byte string for the SA table and active indices (malloc'd). */
static unsigned char *signature(sim *s, size_t *len)
{
	size_t n = s->nsas;
	size_t bytes = n * sizeof(sigrec) + s->nentries * sizeof(unsigned);
	unsigned char *buf = xrealloc(NULL, bytes);
	sigrec *v = (sigrec *)buf;
	size_t i = 0;
	for (size_t k = 0; k < s->m->ndevs; k++)
		for (size_t j = 0; j < s->dev_sas[k].n; j++) {
			const sa *x = &s->pool[s->dev_sas[k].v[j]];
			if (x->dead)
				continue;
			memset(&v[i], 0, sizeof v[i]);
			v[i].dev = x->dev->index;
			v[i].entry = entry_index(s, x->entry);
			v[i].l = x->local.addr;
			v[i].ll = x->local.len;
			v[i].r = x->remote.addr;
			v[i].rl = x->remote.len;
			v[i].peer = x->peer_addr;
			v[i].proto = x->svc.proto;
			v[i].ports[0] = x->svc.sp_lo;
			v[i].ports[1] = x->svc.sp_hi;
			v[i].ports[2] = x->svc.dp_lo;
			v[i].ports[3] = x->svc.dp_hi;
			i++;
		}
	qsort(v, n, sizeof *v, cmp_sigrec);
	memcpy(buf + n * sizeof(sigrec), s->active, s->nentries * sizeof(unsigned));
	*len = bytes;
	return buf;
}

/* ---- header spaces ------------------------------------------------------------- */

static int cmp_prefix(const void *a, const void *b)
{
	return tc_prefix_cmp(*(const tc_prefix *)a, *(const tc_prefix *)b);
}

/* The distinct bounds collected so far, hashed: a few tens of thousands
 * among a million FIB and ACL prefixes, so the table stays small enough
 * for the caches. */
struct bound_set {
	uint32_t *seen;         /* open addressing: index in s->bounds + 1 */
	size_t size;            /* a power of two, at least twice the bounds */
	size_t cap;             /* of s->bounds */
};

static void bound_add(sim *s, struct bound_set *bs, tc_prefix b)
{
	size_t h = pair_hash(b, b) & (bs->size - 1);
	while (bs->seen[h] && !pfx_eq(s->bounds[bs->seen[h] - 1], b))
		h = (h + 1) & (bs->size - 1);
	if (bs->seen[h])
		return;
	GROW(s, s->bounds, s->nbounds, bs->cap);
	s->bounds[s->nbounds] = b;
	bs->seen[h] = (uint32_t)++s->nbounds;
	if (2 * s->nbounds <= bs->size)
		return;
	bs->size *= 2; /* grow and rehash */
	free(bs->seen);
	bs->seen = zalloc(bs->size, sizeof *bs->seen);
	if (!bs->seen)
		abort();
	for (size_t i = 0; i < s->nbounds; i++) {
		h = pair_hash(s->bounds[i], s->bounds[i]) & (bs->size - 1);
		while (bs->seen[h])
			h = (h + 1) & (bs->size - 1);
		bs->seen[h] = (uint32_t)i + 1;
	}
}

/* Every prefix some device routes on or some ACL line names: the places where
 * routing or an ACL may treat parts of a proxy pair differently. Sorted, each
 * once (many devices route on the same prefixes: repeats are dropped as they
 * come). */
static void collect_bounds(sim *s)
{
	struct bound_set bs = {.size = 1024};
	bs.seen = zalloc(bs.size, sizeof *bs.seen);
	if (!bs.seen)
		abort();
	s->nbounds = 0;
	for (size_t k = 0; k < s->m->ndevs; k++) {
		const tc_device *d = s->m->devs[k];
		for (size_t i = 0; i < d->nfib; i++)
			if (!i || !pfx_eq(tc_fib_dst(&d->fib[i - 1]), tc_fib_dst(&d->fib[i])))
				bound_add(s, &bs, tc_fib_dst(&d->fib[i]));
		for (const tc_acl *a = d->acls; a; a = a->next)
			for (const tc_ace *e = a->aces; e; e = e->next) {
				bound_add(s, &bs, e->src);
				bound_add(s, &bs, e->dst);
			}
	}
	free(bs.seen);
	if (s->nbounds)
		qsort(s->bounds, s->nbounds, sizeof *s->bounds, cmp_prefix);
}

/* Is some boundary strictly inside p? */
static bool has_inner_bound(const sim *s, tc_prefix p)
{
	size_t lo = 0, hi = s->nbounds;
	while (lo < hi) { /* first bound with addr >= p.addr */
		size_t mid = (lo + hi) / 2;
		if (s->bounds[mid].addr < p.addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < s->nbounds && tc_prefix_has(p, s->bounds[i].addr); i++)
		if (s->bounds[i].len > p.len)
			return true;
	return false;
}

/* The parts of p: disjoint prefixes covering p, split in halves while a
 * boundary lies strictly inside one of them (at most TC_MAX_PARTS). */
static tc_prefix *split(const sim *s, tc_prefix p, unsigned *n)
{
	tc_prefix out[TC_MAX_PARTS + 1];
	out[0] = p;
	*n = 1;
	for (bool again = true; again;) {
		again = false;
		for (unsigned i = 0; i < *n && *n < TC_MAX_PARTS; i++) {
			if (out[i].len >= 32 || !has_inner_bound(s, out[i]))
				continue;
			uint8_t len = (uint8_t)(out[i].len + 1);
			out[(*n)++] = tc_prefix_make(out[i].addr | (1u << (32 - len)), len);
			out[i] = tc_prefix_make(out[i].addr, len);
			again = true;
		}
	}
	qsort(out, *n, sizeof *out, cmp_prefix);
	tc_prefix *v = tc_arena_alloc(s->parts, *n * sizeof *v); /* most prefixes have one part */
	memcpy(v, out, *n * sizeof *v);
	return v;
}

/* ---- domains and conversations -------------------------------------------- */

static uint64_t conv_hash(tc_prefix a, tc_prefix b, svc v)
{
	uint64_t h = ((uint64_t)a.addr << 32 | b.addr) ^ ((uint64_t)a.len << 8 | b.len) * 0x9e3779b97f4a7c15ull;
	h ^= ((uint64_t)v.proto << 56 | (uint64_t)v.sp_lo << 40 | (uint64_t)v.sp_hi << 24 |
	      (uint64_t)v.dp_lo << 8) ^ v.dp_hi;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ull;
	return h ^ (h >> 32);
}

/* The conversation of the pair {x, y} (either order), added when new. An
 * open-addressing table of conversation index + 1 keeps this O(1). */
static size_t conv_find_or_add(sim *s, tc_prefix x, tc_prefix y, svc sv, size_t *cap)
{
	tc_prefix a = x, b = y;
	if (tc_prefix_cmp(a, b) > 0) {
		a = y;
		b = x;
		sv = svc_mirror(sv);
	}
	if ((s->nconvs + 1) * 2 > s->convtab_size) { /* grow and rehash */
		size_t size = s->convtab_size ? s->convtab_size * 2 : 1024;
		size_t *t = zalloc(size, sizeof *t);
		if (!t)
			abort();
		for (size_t i = 0; i < s->nconvs; i++) {
			size_t h = conv_hash(s->convs[i].a, s->convs[i].b, s->convs[i].sv) & (size - 1);
			while (t[h])
				h = (h + 1) & (size - 1);
			t[h] = i + 1;
		}
		free(s->convtab);
		s->convtab = t;
		s->convtab_size = size;
	}
	size_t h = conv_hash(a, b, sv) & (s->convtab_size - 1);
	for (; s->convtab[h]; h = (h + 1) & (s->convtab_size - 1)) {
		const conv *c = &s->convs[s->convtab[h] - 1];
		if (tc_prefix_cmp(c->a, a) == 0 && tc_prefix_cmp(c->b, b) == 0 && svc_eq(c->sv, sv))
			return s->convtab[h] - 1;
	}
	GROW(s, s->convs, s->nconvs, *cap);
	s->convs[s->nconvs] = (conv){.a = a, .b = b, .sv = sv};
	s->convs[s->nconvs].ps = xrealloc(NULL, (TC_MAX_SVC_PARTS + 1) * sizeof(svc));
	s->convs[s->nconvs].ps[0] = sv; /* for "ip": the protocols no other line names */
	s->convs[s->nconvs].nps = 1;
	s->convtab[h] = s->nconvs + 1;
	return s->nconvs++;
}

/* tc_prefix_overlaps(), inline: it runs for every event of every domain. */
static bool overlaps(tc_prefix a, tc_prefix b)
{
	return (a.len <= b.len && (b.addr & len_mask(a.len)) == a.addr) ||
	       (b.len <= a.len && (a.addr & len_mask(b.len)) == b.addr);
}

/* Was segment l's flow inside the proxy pair (x, y), in either direction? */
static bool seg_overlaps(const log_seg *l, tc_prefix x, tc_prefix y)
{
	tc_prefix from = {l->from, l->from_len}, to = {l->to, l->to_len};
	return (overlaps(from, x) && overlaps(to, y)) || (overlaps(from, y) && overlaps(to, x));
}

/* Does a logged event belong to domain dm: was it caused by a flow inside
 * the domain's proxy pair, in either direction? */
static bool event_of(const log_seg *l, const tc_domain *dm)
{
	return seg_overlaps(l, dm->local, dm->remote);
}

/* ---- finding a domain's events and history ----------------------------------- */

static int cmp_conv_a(const void *x, const void *y)
{
	const tc_prefix *a = x, *b = y; /* first member of struct conv_key */
	return tc_prefix_cmp(*a, *b);
}

/* conv_by_a: conversations sorted by their a prefix; add to out every
 * conversation whose a overlaps q and whose b overlaps o. */
static void convs_overlapping(const sim *s, tc_prefix q, tc_prefix o, unsigned *out, size_t *n)
{
	/* conversations whose a is q or inside q: addresses in q's range */
	size_t lo = 0, hi = s->nconvs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->conv_by_a[mid].a.addr < q.addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < s->nconvs && tc_prefix_has(q, s->conv_by_a[i].a.addr); i++)
		if (s->conv_by_a[i].a.len >= q.len && tc_prefix_overlaps(s->convs[s->conv_by_a[i].c].b, o))
			out[(*n)++] = s->conv_by_a[i].c;
	/* conversations whose a contains q: one hash probe per shorter length present */
	for (unsigned len = 0; len < q.len; len++) {
		if (!(s->conv_a_lens & (1ull << len)))
			continue;
		tc_prefix key = tc_prefix_make(q.addr, (uint8_t)len);
		for (uint32_t c = s->conv_a_tab[pair_hash(key, key) & s->conv_a_mask]; c;
		     c = s->conv_a_next[c - 1])
			if (pfx_eq(s->convs[c - 1].a, key) && tc_prefix_overlaps(s->convs[c - 1].b, o))
				out[(*n)++] = c - 1;
	}
}

/* A record of a domain's events, and its round. */
typedef struct ev_ref {
	uint32_t rec, round;
} ev_ref;

/* The records of run `which` that belong to dm, in log order (malloc'd; *n
 * gets the count). Only the conversations overlapping the domain are
 * looked at. */
static ev_ref *domain_events(sim *s, unsigned which, const tc_domain *dm, size_t *n)
{
	unsigned *cs = xrealloc(NULL, (2 * s->nconvs + 1) * sizeof *cs);
	size_t nc = 0;
	convs_overlapping(s, dm->local, dm->remote, cs, &nc);
	convs_overlapping(s, dm->remote, dm->local, cs, &nc);
	size_t total = 0;
	for (size_t i = 0; i < nc; i++)
		total += s->log_off[2 * cs[i] + which + 1] - s->log_off[2 * cs[i] + which];
	size_t *segs = xrealloc(NULL, (total + 1) * sizeof *segs), nsegs = 0, nrec = 0;
	for (size_t i = 0; i < nc; i++) {
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++)
			dup = cs[j] == cs[i];
		size_t key = 2 * (size_t)cs[i] + which;
		for (size_t k = s->log_off[key]; !dup && k < s->log_off[key + 1]; k++) {
			size_t lo, hi;
			if (event_of(log_seg_of(s, s->log_idx[k], &lo, &hi), dm)) {
				segs[nsegs++] = s->log_idx[k];
				nrec += hi - lo;
			}
		}
	}
	if (nc > 1)
		qsort(segs, nsegs, sizeof *segs, cmp_size);
	ev_ref *v = xrealloc(NULL, (nrec + 1) * sizeof *v);
	*n = 0;
	for (size_t k = 0; k < nsegs; k++) {
		size_t lo, hi;
		uint32_t round = log_seg_of(s, segs[k], &lo, &hi)->round;
		for (size_t r = lo; r < hi; r++)
			v[(*n)++] = (ev_ref){(uint32_t)r, round};
	}
	free(segs);
	free(cs);
	return v;
}

/* Index the conversations by their a prefix (convs_overlapping), and note
 * those that overlap no other one: only their own domains read their
 * records, which lets a run drop the rounds of theirs that change nothing
 * (log_drop_unchanged). */
static void index_convs(sim *s)
{
	s->conv_by_a = xrealloc(NULL, (s->nconvs + 1) * sizeof *s->conv_by_a);
	for (size_t c = 0; c < s->nconvs; c++)
		s->conv_by_a[c] = (struct conv_key){s->convs[c].a, (unsigned)c};
	qsort(s->conv_by_a, s->nconvs, sizeof *s->conv_by_a, cmp_conv_a);
	size_t size = 16;
	while (size < 2 * s->nconvs)
		size *= 2;
	s->conv_a_mask = size - 1;
	s->conv_a_tab = zalloc(size, sizeof *s->conv_a_tab);
	s->conv_a_next = zalloc(s->nconvs + 1, sizeof *s->conv_a_next);
	if (!s->conv_a_tab || !s->conv_a_next)
		abort();
	for (size_t c = 0; c < s->nconvs; c++) {
		size_t h = pair_hash(s->convs[c].a, s->convs[c].a) & s->conv_a_mask;
		s->conv_a_next[c] = s->conv_a_tab[h];
		s->conv_a_tab[h] = (uint32_t)c + 1;
		s->conv_a_lens |= 1ull << s->convs[c].a.len;
	}
	s->isolated = zalloc(s->nconvs + 1, sizeof *s->isolated);
	s->fold_round = zalloc(2 * s->nconvs + 1, sizeof *s->fold_round);
	unsigned *cs = xrealloc(NULL, (2 * s->nconvs + 1) * sizeof *cs);
	for (size_t c = 0; c < s->nconvs; c++) {
		size_t nc = 0;
		convs_overlapping(s, s->convs[c].a, s->convs[c].b, cs, &nc);
		convs_overlapping(s, s->convs[c].b, s->convs[c].a, cs, &nc);
		bool alone = true;
		for (size_t i = 0; i < nc && alone; i++)
			alone = cs[i] == c;
		s->isolated[c] = alone;
	}
	free(cs);
}

/* Index the log's segments by conversation and run (CSR: the segments of
 * conversation c in run w are log_idx[log_off[2 c + w]..log_off[2 c + w + 1])). */
static void index_log(sim *s)
{
	size_t nkeys = 2 * s->nconvs, nchunks = (s->nlog + LOG_CHUNK - 1) / LOG_CHUNK, nsegs = 0;
	for (size_t c = 0; c < nchunks; c++)
		nsegs += s->log[c].nseg;
	s->log_off = zalloc(nkeys + 2, sizeof *s->log_off);
	s->log_idx = xrealloc(NULL, (nsegs + 1) * sizeof *s->log_idx);
	if (!s->log_off)
		abort();
	uint32_t max_round = 0;
	for (size_t c = 0; c < nchunks; c++)
		for (size_t k = 0; k < s->log[c].nseg; k++) {
			const log_seg *g = &s->log[c].seg[k];
			if (g->conv < s->nconvs)
				s->log_off[2 * (size_t)g->conv + g->run + 1]++;
			if (g->conv < s->nconvs && g->round > max_round)
				max_round = g->round;
		}
	for (size_t c = 0; c < nkeys; c++)
		s->log_off[c + 1] += s->log_off[c];
	size_t *fill = zalloc(nkeys + 1, sizeof *fill);
	if (!fill)
		abort();
	for (size_t c = 0; c < nchunks; c++)
		for (size_t k = 0; k < s->log[c].nseg; k++) {
			const log_seg *g = &s->log[c].seg[k];
			size_t key = 2 * (size_t)g->conv + g->run;
			if (g->conv < s->nconvs)
				s->log_idx[s->log_off[key] + fill[key]++] = (uint32_t)(c * LOG_CHUNK + k);
		}
	free(fill);
	/* the log as the traces see it, kept in the prediction */
	s->tlog = tc_arena_alloc(s->out, sizeof *s->tlog);
	s->tlog->devs = (const tc_device *const *)s->m->devs;
	s->tlog->chunks = tc_arena_alloc(s->out, (nchunks + 1) * sizeof *s->tlog->chunks);
	for (size_t c = 0; c < nchunks; c++)
		s->tlog->chunks[c] = s->log[c].rec;
	if (max_round >= REF_ROUND)
		abort(); /* as many rounds as a log can hold records */
	s->tlog->round_text = tc_arena_alloc(s->out, (max_round + 1) * sizeof *s->tlog->round_text);
	for (uint32_t r = 2; r <= max_round; r++)
		s->tlog->round_text[r] = text(s, "round %u: traffic flows again", r);
}

static int cmp_sa_entry(const void *x, const void *y)
{
	uintptr_t a = (uintptr_t)((const sa *)x)->entry, b = (uintptr_t)((const sa *)y)->entry;
	if (a != b)
		return a < b ? -1 : 1;
	const sa *p = x, *q = y;
	int c = tc_prefix_cmp(p->local, q->local);
	if (!c)
		c = tc_prefix_cmp(p->remote, q->remote);
	if (!c)
		c = (p->peer_addr > q->peer_addr) - (p->peer_addr < q->peer_addr);
	return c;
}

typedef struct run_result {
	unsigned rounds;
	bool cycle;             /* the state repeated without settling */
	unsigned cycle_from;    /* first round of the cycle */
	unsigned *changed;      /* per conversation: changes inside the final round or cycle */
	flow_result (*last)[2]; /* per conversation, final round, all parts combined */
	flow_result (*parts)[2]; /* per part pair (conv.part_off + i * npb + j), final round */
	sa *sas;                /* SA table at the end */
	size_t nsas;
	size_t *dev_off;        /* device k's SAs are sas[dev_off[k]..dev_off[k + 1]) */
} run_result;

static bool is_change(tc_event_kind k)
{
	return k == TC_EV_SA_UP || k == TC_EV_SA_DROP;
}

/* Conversation c's walk in this round (the records from mark on) installed
 * and dropped no SA, and c overlaps no other conversation: every domain
 * that reads these records is one of c's, and its trace would fold this
 * round into its last line (build_trace). Drop the records, so that the
 * log holds what the traces show (most rounds after the first change
 * nothing), and note the round: the trace's last line names it. Kept when
 * one of the walk's flows lies outside c's proxy pair (then a domain of c
 * might not have read it). */
static void log_drop_unchanged(sim *s, unsigned c, size_t mark)
{
	for (size_t i = mark; i < s->nlog; i++)
		if (is_change((tc_event_kind)log_rec(s, i)->kind))
			return;
	for (size_t k = mark / LOG_CHUNK; k * LOG_CHUNK < s->nlog; k++) {
		const log_chunk *ch = &s->log[k];
		uint32_t off = k == mark / LOG_CHUNK ? (uint32_t)(mark % LOG_CHUNK) : 0;
		for (size_t g = ch->nseg; g-- > 0 && ch->seg[g].start >= off;)
			if (!seg_overlaps(&ch->seg[g], s->convs[c].a, s->convs[c].b))
				return;
	}
	uint32_t *f = &s->fold_round[2 * (size_t)c + s->run];
	if (!*f)
		*f = s->round;
	log_truncate(s, mark);
}

static void run(sim *s, unsigned which, unsigned max_rounds, run_result *rr)
{
	s->run = which;
	sa_clear(s);
	memset(s->active, 0, s->nentries * sizeof *s->active);
	/* IOS `set peer X default`: the default peer is where attempts start (R3.2) */
	for (size_t i = 0; i < s->nentries; i++) {
		const tc_entry *e = s->entries[i].entry;
		if (e->default_peer > 0 && (unsigned)e->default_peer < e->npeers)
			s->active[i] = (unsigned)e->default_peer;
	}
	unsigned char **sigs = xrealloc(NULL, (max_rounds + 1) * sizeof *sigs);
	size_t *siglen = xrealloc(NULL, (max_rounds + 1) * sizeof *siglen);
	unsigned *per_round = xrealloc(NULL, (max_rounds + 1) * s->nconvs * sizeof *per_round + 1);
	memset(per_round, 0, (max_rounds + 1) * s->nconvs * sizeof *per_round);
	memset(rr, 0, sizeof *rr);
	rr->changed = zalloc(s->nconvs + 1, sizeof *rr->changed);
	rr->last = zalloc(s->nconvs + 1, sizeof *rr->last);
	rr->parts = zalloc(s->nparts + 1, sizeof *rr->parts);
	if (!rr->changed || !rr->last || !rr->parts)
		abort();
	unsigned r, nsig = 0;
	for (r = 1; r <= max_rounds; r++) {
		s->round = r;
		sigs[r] = signature(s, &siglen[r]);
		nsig = r;
		unsigned repeat = 0;
		for (unsigned q = 1; q < r; q++)
			if (siglen[q] == siglen[r] && memcmp(sigs[q], sigs[r], siglen[r]) == 0)
				repeat = q;
		if (repeat) {
			rr->cycle = true;
			rr->cycle_from = repeat;
			r--;
			break;
		}
		s->changes = &per_round[r * s->nconvs];
		for (unsigned c = 0; c < s->nconvs; c++) {
			const conv *cv = &s->convs[c];
			size_t mark = s->nlog;
			bool a_first = which == 0;
			flow_result agg[2] = {{.out = OUT_DELIVERED}, {.out = OUT_DELIVERED}};
			for (unsigned i = 0; i < cv->npa; i++)
				for (unsigned j = 0; j < cv->npb; j++)
					for (unsigned q = 0; q < cv->nps; q++) {
						flow_result f[2];
						f[a_first ? 0 : 1] = walk_flow(s, c, i, j, q, a_first);
						f[a_first ? 1 : 0] = walk_flow(s, c, i, j, q, !a_first);
						flush_path(s);
						size_t at = cv->part_off + ((size_t)i * cv->npb + j) * cv->nps + q;
						for (int k = 0; k < 2; k++) {
							rr->parts[at][k] = f[k];
							combine(&agg[k], f[k]);
						}
					}
			rr->last[c][0] = agg[0];
			rr->last[c][1] = agg[1];
			if (r >= 2 && s->isolated[c] && s->nlog > mark)
				log_drop_unchanged(s, c, mark);
		}
		bool any = false;
		for (unsigned c = 0; c < s->nconvs; c++)
			any |= s->changes[c] != 0;
		if (!any)
			break;
	}
	if (r > max_rounds)
		r = max_rounds; /* did not settle: treat the tail as the cycle */
	rr->rounds = r;
	if (rr->cycle) {
		for (unsigned q = rr->cycle_from; q <= r; q++)
			for (unsigned c = 0; c < s->nconvs; c++)
				rr->changed[c] += per_round[q * s->nconvs + c];
	} else {
		for (unsigned c = 0; c < s->nconvs; c++)
			rr->changed[c] = per_round[r * s->nconvs + c];
		if (r == max_rounds) {
			bool any = false;
			for (unsigned c = 0; c < s->nconvs; c++)
				any |= rr->changed[c] != 0;
			rr->cycle = any;
			rr->cycle_from = r;
		}
	}
	for (unsigned q = 1; q <= nsig; q++)
		free(sigs[q]);
	free(sigs);
	free(siglen);
	free(per_round);
	/* the final table, device by device; dev_off[k] is where device k's SAs start */
	rr->sas = xrealloc(NULL, (s->nsas + 1) * sizeof *rr->sas);
	rr->dev_off = xrealloc(NULL, (s->m->ndevs + 1) * sizeof *rr->dev_off);
	rr->nsas = 0;
	for (size_t k = 0; k < s->m->ndevs; k++) {
		rr->dev_off[k] = rr->nsas;
		size_t n = 0;
		for (size_t j = 0; j < s->dev_sas[k].n; j++)
			if (!s->pool[s->dev_sas[k].v[j]].dead)
				rr->sas[rr->nsas + n++] = s->pool[s->dev_sas[k].v[j]];
		/* by entry within the device, for domain_owner() */
		qsort(rr->sas + rr->dev_off[k], n, sizeof *rr->sas, cmp_sa_entry);
		rr->nsas += n;
	}
	rr->dev_off[s->m->ndevs] = rr->nsas;
}

/* SAs a domain holds in a run's final table: on its device, under its entry,
 * with proxies inside its ACE. Returns the number of distinct peers and the first. */
static unsigned domain_owner(const run_result *rr, const tc_domain *dm, uint32_t *peer,
			     const tc_device **pdev)
{
	unsigned n = 0;
	size_t lo = rr->dev_off[dm->device->index], hi = rr->dev_off[dm->device->index + 1];
	while (lo < hi) { /* the device's SAs are sorted by entry */
		size_t mid = lo + (hi - lo) / 2;
		if ((uintptr_t)rr->sas[mid].entry < (uintptr_t)dm->entry)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < rr->dev_off[dm->device->index + 1] && rr->sas[i].entry == dm->entry; i++) {
		const sa *x = &rr->sas[i];
		if (x->dev != dm->device || x->entry != dm->entry ||
		    !tc_prefix_contains(dm->local, x->local) || !tc_prefix_contains(dm->remote, x->remote) ||
		    !svc_contains(ace_svc(dm->ace), x->svc))
			continue;
		if (n == 0 || x->peer_addr != *peer) {
			if (n == 0) {
				*peer = x->peer_addr;
				*pdev = x->peer;
			}
			n++;
		}
	}
	return n;
}

static bool flow_ok(flow_result f)
{
	return f.out != OUT_DROPPED && !f.leaked;
}

static void judge(sim *s, const run_result *rr, tc_domain *dm, unsigned c, tc_trace *t)
{
	uint32_t peer = 0;
	const tc_device *pdev = NULL;
	unsigned owners = domain_owner(rr, dm, &peer, &pdev);
	flow_result f0 = rr->last[c][0], f1 = rr->last[c][1];
	t->rounds = rr->rounds;
	if (owners == 1) {
		t->has_owner = true;
		t->owner_addr = peer;
		t->owner = pdev;
	}
	if (rr->cycle && rr->changed[c])
		t->state = TC_STATE_OSCILLATING;
	else if (owners == 0) {
		bool enc = f0.encrypted || f1.encrypted;
		t->state = flow_ok(f0) && flow_ok(f1) && enc ? TC_STATE_STABLE : TC_STATE_DOWN;
	} else if (flow_ok(f0) && flow_ok(f1))
		t->state = owners == 1 ? TC_STATE_STABLE : TC_STATE_OSCILLATING;
	else
		t->state = TC_STATE_ONE_WAY;
	(void)s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}



/* v[0..bytes) (whole 32-bit words) kept in the prediction: the array of an
 * earlier call with the same bytes, else a copy in out. */
static const void *share(sim *s, struct share_tab *tt, const void *v, size_t bytes)
{
	uint64_t h = bytes * 0x9e3779b97f4a7c15ull;
	for (size_t i = 0; i + 4 <= bytes; i += 4) {
		uint32_t w;
		memcpy(&w, (const char *)v + i, 4);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 29;
	}
	if (2 * (tt->n + 1) > tt->size) {
		size_t size = tt->size ? 2 * tt->size : 1024;
		struct shared *nv = zalloc(size, sizeof *nv);
		for (size_t i = 0; i < tt->size; i++)
			if (tt->v[i].v) {
				size_t k = tt->v[i].h & (size - 1);
				while (nv[k].v)
					k = (k + 1) & (size - 1);
				nv[k] = tt->v[i];
			}
		free(tt->v);
		tt->v = nv;
		tt->size = size;
	}
	size_t k = h & (tt->size - 1);
	for (; tt->v[k].v; k = (k + 1) & (tt->size - 1)) {
		const struct shared *st = &tt->v[k];
		if (st->h == h && st->bytes == bytes && memcmp(st->v, v, bytes) == 0)
			return st->v;
	}
	void *copy = tc_arena_alloc(s->out, bytes ? bytes : 4);
	memcpy(copy, v, bytes);
	tt->v[k] = (struct shared){h, copy, bytes};
	tt->n++;
	return copy;
}

/* The references ev[0..n) kept in the prediction, shared with an earlier
 * trace with the same ones (the traces of a domain's two ends, of the ACL
 * lines of one conversation...). */
static const uint32_t *share_refs(sim *s, const uint32_t *ev, size_t n)
{
	return share(s, &s->traces, ev, n * sizeof *ev);
}

/* Build trace t of domain dm from the run's log: the events of flows inside
 * its proxy pair, later rounds that changed nothing folded into one line. */
static void build_trace(sim *s, unsigned which, const tc_domain *dm, unsigned c,
			const run_result *rr, tc_trace *t)
{
	size_t n = 0;
	ev_ref *ev = domain_events(s, which, dm, &n);
	/* at most one "round N" line per event */
	if (2 * n + 1 > s->captbuf) {
		s->captbuf = 2 * n + 1 > 2 * s->captbuf ? 2 * n + 1 : 2 * s->captbuf;
		s->tbuf = xrealloc(s->tbuf, s->captbuf * sizeof *s->tbuf);
	}
	uint32_t *out = s->tbuf;
	/* rounds that change nothing are folded */
	unsigned folded_from = 0;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		unsigned round = ev[i].round;
		size_t j = i;
		bool changed = false;
		for (; j < n && ev[j].round == round; j++)
			changed |= is_change((tc_event_kind)log_rec(s, ev[j].rec)->kind);
		if (round > 1 && !changed) {
			if (!folded_from)
				folded_from = round;
			i = j;
			continue;
		}
		if (round > 1)
			out[k++] = REF_ROUND | round;
		for (; i < j; i++, k++)
			out[k] = ev[i].rec;
	}
	free(ev);
	/* the first round that changed nothing may be one the run dropped */
	uint32_t dropped = s->isolated[c] ? s->fold_round[2 * (size_t)c + which] : 0;
	if (dropped && (!folded_from || dropped < folded_from))
		folded_from = dropped;
	const char *own = t->has_owner ? (t->owner ? t->owner->hostname : ipstr(s, t->owner_addr)) : NULL;
	if (t->state == TC_STATE_OSCILLATING)
		t->last = text(
			s, "the SA table repeats from round %u without settling: ownership keeps moving",
			rr->cycle_from);
	else if (folded_from && t->state == TC_STATE_STABLE)
		t->last = text(
			s, "round %u: both directions use the existing SAs; nothing changes%s%s",
			folded_from, own ? ", owner " : "", own ? own : "");
	else if (folded_from)
		t->last = text(
			s, "round %u: the same happens again; no SA changes", folded_from);
	else
		t->last = text(s, "no further changes after round %u",
						      rr->rounds);
	t->events = NULL;
	t->log = s->tlog;
	t->refs = share_refs(s, out, k);
	t->nevents = k + 1;
}

/* The header-space parts of a split domain, from the run where its local
 * side sends first: where each part's return traffic enters a tunnel. */
static void domain_parts(sim *s, const run_result *rr, tc_domain *dm, unsigned c)
{
	const conv *cv = &s->convs[c];
	size_t n = (size_t)cv->npa * cv->npb * cv->nps;
	if (n < 2)
		return;
	bool local_is_a = tc_prefix_cmp(cv->a, dm->local) == 0;
	dm->parts = tc_arena_alloc(s->out, n * sizeof *dm->parts);
	for (unsigned i = 0; i < cv->npa; i++)
		for (unsigned j = 0; j < cv->npb; j++)
			for (unsigned q = 0; q < cv->nps; q++) {
			const flow_result *f = rr->parts[cv->part_off + ((size_t)i * cv->npb + j) * cv->nps + q];
			/* f[0] is a->b; forward is local->remote */
			const flow_result *fwd = &f[local_is_a ? 0 : 1], *rev = &f[local_is_a ? 1 : 0];
			tc_part *pt = &dm->parts[dm->nparts++];
			pt->local = local_is_a ? cv->pa[i] : cv->pb[j];
			pt->remote = local_is_a ? cv->pb[j] : cv->pa[i];
			pt->via = rev->encrypted ? rev->enc_by : NULL;
			pt->rev_peer = rev->encrypted ? rev->dec_by : NULL;
			pt->fwd_via = fwd->encrypted ? fwd->enc_by : NULL;
			pt->fwd_peer = fwd->encrypted ? fwd->dec_by : NULL;
			pt->fwd_ok = flow_ok(*fwd);
			pt->rev_ok = flow_ok(*rev);
			char st[32];
			svc v = local_is_a ? cv->ps[q] : svc_mirror(cv->ps[q]);
			svc_text(st, sizeof st, v);
			pt->service = cv->nps < 2 ? NULL
				      : st[0] ? intern(s, st + 1, strlen(st + 1))
					      : text(s, "%s", "other protocols");
		}
}

/* "10.26.241.0/25 via R2, 10.26.241.128/25 via R3" for the parts that
 * enter tunnels at different gateways, or NULL when they all agree. */
static const char *parts_via(sim *s, const tc_domain *dm)
{
	bool differ = false;
	for (size_t i = 1; i < dm->nparts; i++)
		differ |= dm->parts[i].via != dm->parts[0].via;
	if (!differ)
		return NULL;
	const char *acc = "";
	for (size_t i = 0; i < dm->nparts; i++) {
		const tc_part *pt = &dm->parts[i];
		bool local_split = tc_prefix_cmp(pt->local, dm->local) != 0;
		acc = piece(s, "%s%s%s via %s", acc, i ? ", " : "",
				      pfx(s, local_split ? pt->local : pt->remote),
				      pt->via ? pt->via->hostname : "no tunnel");
	}
	return acc;
}

static const char *summarize(sim *s, const tc_domain *dm)
{
	const char *via = parts_via(s, dm);
	const char *own = dm->owner ? dm->owner->hostname
			  : dm->has_owner_addr ? ipstr(s, dm->owner_addr) : NULL;
	switch (dm->state) {
	case TC_STATE_STABLE:
		if (own)
			return text(s, "%s owns the SA whichever side sends first%s", own,
					       dm->owner ? "" : " (peer not in the snapshot; assumed to answer)");
		if (dm->traces[0].has_owner != dm->traces[1].has_owner ||
		    dm->traces[0].owner_addr != dm->traces[1].owner_addr)
			return text(s, "%s", "traffic flows both ways, but the owner depends on which side sends first");
		return text(s, "%s holds no SA for this pair in steady state: the traffic is carried by other gateways",
				       dm->device->hostname);
	case TC_STATE_OSCILLATING:
		if (via)
			return text(s, "ownership keeps moving: the remote side's traffic returns through different gateways (%s); each one re-initiates and replaces the other's SA",
					       via);
		return text(s, "%s", "ownership keeps moving between peers: each one's traffic re-initiates and replaces the other's SA");
	case TC_STATE_ONE_WAY:
		return text(s, "an SA is up%s%s but traffic in one direction is lost",
				       own ? " with " : "", own ? own : "");
	case TC_STATE_DOWN:
	default:
		return text(s, "%s", "no SA comes up for this pair; its traffic is dropped or crosses in clear");
	}
}

/* An "ip" domain's traffic splits by protocol and port where a line of the
 * same crypto map names one for (part of) the same proxy pair: e.g. a
 * `deny tcp ... eq 22` before the `permit ip`. Each such class becomes a
 * service part of the conversation, oriented a->b. */
static void add_svc_parts(sim *s, conv *cv, const tc_device *d, const char *map, const tc_ace *dom,
			  bool local_is_a)
{
	const map_index *mi = map_find(s, d, map);
	for (size_t i = 0; mi && i < mi->nsvc; i++) {
		const tc_ace *a = mi->svc[i];
		if (!tc_prefix_overlaps(a->src, dom->src) || !tc_prefix_overlaps(a->dst, dom->dst))
			continue;
		svc v = local_is_a ? ace_svc(a) : svc_mirror(ace_svc(a));
		bool seen = false;
		for (unsigned k = 0; k < cv->nps && !seen; k++)
			seen = svc_eq(cv->ps[k], v);
		if (!seen && cv->nps < TC_MAX_SVC_PARTS)
			cv->ps[cv->nps++] = v;
	}
}

/* s->hist_by_entry: the history of installed SAs by entry, then in time
 * order. A counting sort: the keys are entry indexes, and the history is
 * already in time order. s->hist_end[k] is where entry k's records end. */
static void hist_index(sim *s)
{
	size_t *at = zalloc(s->nentries + 2, sizeof *at);
	s->hist_by_entry = xrealloc(NULL, (s->nhist + 1) * sizeof *s->hist_by_entry);
	for (size_t h = 0; h < s->nhist; h++)
		at[s->hist[h].entry + 1]++;
	for (size_t e = 0; e < s->nentries; e++)
		at[e + 1] += at[e];
	for (size_t h = 0; h < s->nhist; h++) /* at[k] moves from k's start to its end */
		s->hist_by_entry[at[s->hist[h].entry]++] = (uint32_t)h;
	s->hist_end = at;
}

/* The records of entry e in s->hist_by_entry: [*lo, *hi). */
static void hist_range(const sim *s, const tc_entry *e, size_t *lo, size_t *hi)
{
	unsigned k = entry_index(s, e);
	*lo = k ? s->hist_end[k - 1] : 0;
	*hi = s->hist_end[k];
}

/* Judge domain i of p from the two runs and write its traces, parts and summary. */
static void predict_domain(sim *s, tc_prediction *p, const run_result rr[2], const unsigned *dconv,
			   size_t i)
{
	tc_domain *dm = &p->domains[i];
	unsigned c = dconv[i];
	tc_arena_reset(s->tmp);
	bool local_is_a = tc_prefix_cmp(s->convs[c].a, dm->local) == 0;
	for (unsigned t = 0; t < 2; t++) {
		/* trace 0 = local first: run 0 has side a first */
		unsigned w = (t == 0) == local_is_a ? 0 : 1;
		tc_trace *tr = &dm->traces[t];
		tr->first_sender = t == 0 ? "local" : "remote";
		judge(s, &rr[w], dm, c, tr);
		build_trace(s, w, dm, c, &rr[w], tr);
	}
	const tc_trace *t0 = &dm->traces[0], *t1 = &dm->traces[1];
	dm->state = t0->state > t1->state ? t0->state : t1->state;
	if (t0->has_owner && t1->has_owner && t0->owner_addr == t1->owner_addr &&
	    dm->state != TC_STATE_OSCILLATING) {
		dm->has_owner_addr = true;
		dm->owner_addr = t0->owner_addr;
		dm->owner = t0->owner;
	}
	/* owners seen: every peer this domain's device held an SA with, both runs */
	size_t hlo, hhi;
	hist_range(s, dm->entry, &hlo, &hhi);
	const char **seen = NULL;
	size_t ns = 0, seen_cap = 0;
	for (size_t hk = hlo; hk < hhi; hk++) {
		const history *x = &s->hist[s->hist_by_entry[hk]];
		if (!tc_prefix_contains(dm->local, x->local) ||
		    !tc_prefix_contains(dm->remote, x->remote))
			continue;
		const tc_device *peer = x->peer ? s->m->devs[x->peer - 1] : NULL;
		bool dup = false;
		for (size_t q = 0; q < ns && !dup; q++)
			dup = peer ? strcmp(seen[q], peer->hostname) == 0
				   : strcmp(seen[q], ipstr(s, x->peer_addr)) == 0;
		if (dup)
			continue;
		if (ns == seen_cap) {
			seen_cap = seen_cap ? seen_cap * 2 : 4;
			const char **grown = tc_arena_alloc(s->out, seen_cap * sizeof *grown);
			if (ns)
				memcpy(grown, seen, ns * sizeof *grown);
			seen = grown;
		}
		seen[ns++] = peer ? peer->hostname : text(s, "%s", ipstr(s, x->peer_addr));
	}
	if (ns > 1)
		qsort(seen, ns, sizeof *seen, cmp_str);
	dm->owners_seen = seen;
	dm->nowners_seen = ns;
	domain_parts(s, &rr[local_is_a ? 0 : 1], dm, c);
	dm->order_dependent = t0->state != t1->state || t0->has_owner != t1->has_owner ||
			      t0->owner_addr != t1->owner_addr;
	dm->summary = summarize(s, dm);
}

/* ---- threads ------------------------------------------------------------------ *
 * With opts->jobs > 1 the two runs go on two threads, each with simulation
 * state of its own (SA table, active peers, log, history), and the domains
 * are judged on the threads in chunks taken from one queue. Everything the
 * threads share is read only; each writes its texts into an arena of its
 * own, which the prediction adopts afterwards. The log and history of run 1
 * are appended to run 0's, as one thread running them in turn leaves them,
 * so the output does not depend on the number of threads. The steps between
 * (set-up, the indexes after the runs) go two by two where they do not
 * depend on each other (side_start). */

/* Another sim for a thread: the shared, read-only parts of s, its own
 * arenas and text table, and with fresh, its own simulation state too. */
static void sim_fork(sim *c, const sim *s, bool fresh)
{
	*c = *s;
	c->out = tc_arena_new();
	c->tmp = tc_arena_new();
	if (!c->out || !c->tmp)
		abort();
	memset(&c->texts, 0, sizeof c->texts);
	memset(&c->traces, 0, sizeof c->traces);
	memset(&c->paths, 0, sizeof c->paths);
	c->tbuf = NULL;
	c->captbuf = 0;
	c->cand = NULL;
	c->ncand = c->capcand = 0;
	if (!fresh)
		return;
	c->pool = NULL;
	c->npool = c->cappool = 0;
	c->sa_tab = NULL;
	c->sa_tab_size = 0;
	c->sa_locals = NULL;
	c->sa_locals_size = c->nsa_locals = 0;
	c->nsas = 0;
	c->dev_sas = zalloc(s->m->ndevs + 1, sizeof *c->dev_sas);
	c->active = zalloc(s->nentries + 1, sizeof *c->active);
	if (!c->dev_sas || !c->active)
		abort();
	c->log = NULL;
	c->nlog = c->caplog = c->nchunks = 0;
	c->hist = NULL;
	c->nhist = c->caphist = 0;
	c->changes = NULL;
}

/* Free what sim_fork(c, .., fresh) gave c of its own, but its out arena. */
static void sim_unfork(sim *c, bool fresh)
{
	tc_arena_free(c->tmp);
	free(c->texts.v);
	free(c->texts.hv);
	free(c->traces.v);
	free(c->paths.v);
	free(c->tbuf);
	free(c->cand);
	if (!fresh)
		return;
	for (size_t k = 0; k < c->m->ndevs; k++)
		free(c->dev_sas[k].v);
	free(c->dev_sas);
	free(c->pool);
	free(c->sa_tab);
	free(c->sa_locals);
	free(c->active);
	free(c->log);
	free(c->hist);
}

/* A step run beside this thread while it does another that does not depend
 * on it (parts of the set-up, the indexes after the runs): on a thread of
 * its own with threads, else on this one at side_join(). The two write
 * different fields of the sim. */
typedef struct side {
	pthread_t t;
	bool threaded;
	void *(*fn)(void *);
	void *arg;
} side;

static void side_start(side *t, bool threads, void *(*fn)(void *), void *arg)
{
	t->fn = fn;
	t->arg = arg;
	t->threaded = threads && pthread_create(&t->t, NULL, fn, arg) == 0;
}

static void side_join(side *t)
{
	if (t->threaded)
		pthread_join(t->t, NULL);
	else
		t->fn(t->arg);
}

/* The history's index; then the SA table and crypto map indexes,
 * which served the runs only, are freed before the traces are built, which
 * is when the prediction peaks. */
static void *bounds_thread(void *arg)
{
	collect_bounds(arg);
	return NULL;
}

static void *hist_thread(void *arg)
{
	sim *s = arg;
	hist_index(s);
	free(s->active);
	s->active = NULL;
	for (size_t k = 0; k < s->m->ndevs; k++)
		free(s->dev_sas[k].v);
	free(s->dev_sas);
	s->dev_sas = NULL;
	free(s->pool);
	s->pool = NULL;
	free(s->sa_tab);
	s->sa_tab = NULL;
	free(s->sa_locals);
	s->sa_locals = NULL;
	s->sa_locals_size = s->nsa_locals = 0;
	maps_free(s);
	s->dev_maps = NULL;
	s->dev_nmaps = NULL;
	free(s->cand);
	s->cand = NULL;
	return NULL;
}

typedef struct run_job {
	sim s;
	unsigned which, max_rounds;
	run_result *rr;
} run_job;

static void *run_thread(void *arg)
{
	run_job *j = arg;
	run(&j->s, j->which, j->max_rounds, j->rr);
	return NULL;
}

/* Both runs: run 0 on this thread and run 1 on another when jobs > 1. */
static void run_both(sim *s, tc_prediction *p, unsigned max_rounds, run_result rr[2], unsigned jobs)
{
	if (jobs < 2) {
		for (unsigned w = 0; w < 2; w++)
			run(s, w, max_rounds, &rr[w]);
		return;
	}
	run_job j = {.which = 1, .max_rounds = max_rounds, .rr = &rr[1]};
	sim_fork(&j.s, s, true);
	pthread_t t;
	bool threaded = pthread_create(&t, NULL, run_thread, &j) == 0;
	run(s, 0, max_rounds, &rr[0]);
	if (threaded)
		pthread_join(t, NULL);
	else
		run_thread(&j);
	/* run 1's log (its chunks, not copied) and history after run 0's */
	log_append(s, &j.s);
	if (j.s.nhist) {
		s->hist = xrealloc(s->hist, (s->nhist + j.s.nhist) * sizeof *s->hist);
		memcpy(s->hist + s->nhist, j.s.hist, j.s.nhist * sizeof *s->hist);
		s->nhist += j.s.nhist;
		s->caphist = s->nhist;
	}
	tc_arena_adopt(p->arena, j.s.out);
	sim_unfork(&j.s, true);
}

/* The domains still to judge, handed out in chunks to whichever thread asks
 * first: their cost varies (a trace can be a few events or hundreds), so
 * fixed shares leave one thread waiting for the other. Which thread judges a
 * domain does not change its output. */
typedef struct domain_queue {
	pthread_mutex_t lock;   /* guards next */
	size_t next, n;
} domain_queue;

#define DOMAIN_CHUNK 16 /* domains taken at once */

typedef struct domain_job {
	sim *s;                 /* the caller's, or one sim_fork() made */
	tc_prediction *p;
	const run_result *rr;
	const unsigned *dconv;
	domain_queue *q;
} domain_job;

static void *domain_thread(void *arg)
{
	domain_job *j = arg;
	for (;;) {
		pthread_mutex_lock(&j->q->lock);
		size_t lo = j->q->next, hi = lo + DOMAIN_CHUNK < j->q->n ? lo + DOMAIN_CHUNK : j->q->n;
		j->q->next = hi;
		pthread_mutex_unlock(&j->q->lock);
		if (lo >= hi)
			return NULL;
		for (size_t i = lo; i < hi; i++)
			predict_domain(j->s, j->p, j->rr, j->dconv, i);
	}
}

/* Every domain: on jobs threads (this one among them), in chunks from one queue. */
static void predict_domains(sim *s, tc_prediction *p, const run_result rr[2], const unsigned *dconv,
			    unsigned jobs)
{
	size_t n = p->ndomains;
	if (jobs > n / 64 + 1)
		jobs = (unsigned)(n / 64 + 1); /* not worth a thread for fewer */
	if (jobs < 2) {
		for (size_t i = 0; i < n; i++)
			predict_domain(s, p, rr, dconv, i);
		return;
	}
	domain_queue q = {.n = n};
	if (pthread_mutex_init(&q.lock, NULL) != 0)
		abort();
	domain_job *j = xrealloc(NULL, jobs * sizeof *j);
	sim *forks = xrealloc(NULL, jobs * sizeof *forks);
	pthread_t *t = xrealloc(NULL, jobs * sizeof *t);
	bool *threaded = zalloc(jobs, sizeof *threaded);
	if (!threaded)
		abort();
	for (unsigned k = 0; k < jobs; k++) {
		j[k] = (domain_job){.s = k ? &forks[k] : s, .p = p, .rr = rr, .dconv = dconv, .q = &q};
		if (!k)
			continue;
		sim_fork(&forks[k], s, false);
		threaded[k] = pthread_create(&t[k], NULL, domain_thread, &j[k]) == 0;
	}
	domain_thread(&j[0]);
	for (unsigned k = 1; k < jobs; k++) {
		if (threaded[k])
			pthread_join(t[k], NULL);
		else
			domain_thread(&j[k]);
		tc_arena_adopt(p->arena, forks[k].out);
		sim_unfork(&forks[k], false);
	}
	pthread_mutex_destroy(&q.lock);
	free(threaded);
	free(t);
	free(forks);
	free(j);
}

int tc_predict(tc_prediction **out, const tc_model *m, const tc_predict_opts *opts)
{
	*out = NULL;
	if (!m->finalized)
		return TC_ERROR;
	tc_prediction *p = calloc(1, sizeof *p);
	if (!p)
		return TC_ENOMEM;
	p->arena = tc_arena_new();
	if (!p->arena) {
		free(p);
		return TC_ENOMEM;
	}
	unsigned max_rounds = opts && opts->max_rounds ? opts->max_rounds : TC_DEFAULT_ROUNDS;
	unsigned jobs = opts && opts->jobs > 1 ? opts->jobs : 1;
	static const tc_predict_opts no_opts = {0};
	sim s = {0};
	s.m = m;
	s.opts = opts ? opts : &no_opts;
	s.out = p->arena;
	s.tmp = tc_arena_new();
	s.parts = tc_arena_new();
	if (!s.tmp || !s.parts)
		abort();
	s.dev_failed = zalloc(m->ndevs + 1, sizeof *s.dev_failed);
	if (!s.dev_failed)
		abort();
	for (size_t k = 0; k < s.opts->nfail_devices; k++)
		s.dev_failed[s.opts->fail_devices[k]->index] = true;
	s.dev_sas = zalloc(m->ndevs + 1, sizeof *s.dev_sas);
	s.dev_rri = zalloc(m->ndevs + 1, 1);
	if (!s.dev_sas || !s.dev_rri)
		abort();
	for (size_t k = 0; k < m->ndevs; k++)
		for (const tc_entry *e = m->devs[k]->entries; e; e = e->next)
			if (e->rri != TC_RRI_NONE)
				s.dev_rri[k] |= e->rri == TC_RRI_STATIC ? 2 : 1;

	/* entries and domains, in model order (sorted by device, map, seq, line) */
	size_t ndom = 0;
	for (size_t k = 0; k < m->ndevs; k++)
		for (const tc_entry *e = m->devs[k]->entries; e; e = e->next) {
			s.nentries++;
			if (!e->dynamic && e->acl)
				for (const tc_ace *a = e->acl->aces; a; a = a->next)
					ndom += a->permit;
		}
	s.entries = xrealloc(NULL, (s.nentries + 1) * sizeof *s.entries);
	s.active = zalloc(s.nentries + 1, sizeof *s.active);
	if (!s.active)
		abort();
	size_t ei = 0;
	for (size_t k = 0; k < m->ndevs; k++)
		for (const tc_entry *e = m->devs[k]->entries; e; e = e->next)
			s.entries[ei++] = (entry_ref){e, m->devs[k]};
	qsort(s.entries, s.nentries, sizeof *s.entries, cmp_entry_ref);
	side bounds; /* the header-space bounds (model only), beside the rest of the set-up */
	side_start(&bounds, jobs > 1, bounds_thread, &s);
	maps_build(&s);

	p->domains = tc_arena_alloc(p->arena, (ndom + 1) * sizeof *p->domains);
	unsigned *dconv = xrealloc(NULL, (ndom + 1) * sizeof *dconv);
	size_t convcap = 0, di = 0;
	for (size_t k = 0; k < m->ndevs; k++)
		for (const tc_entry *e = m->devs[k]->entries; e; e = e->next) {
			if (e->dynamic || !e->acl)
				continue;
			unsigned line = 0;
			for (const tc_ace *a = e->acl->aces; a; a = a->next) {
				line++;
				if (!a->permit)
					continue;
				tc_domain *dm = &p->domains[di];
				dm->device = m->devs[k];
				dm->entry = e;
				dm->ace = a;
				dm->ace_index = line;
				dm->local = a->src;
				dm->remote = a->dst;
				size_t c = conv_find_or_add(&s, a->src, a->dst, ace_svc(a), &convcap);
				conv *cv = &s.convs[c];
				bool local_is_a = tc_prefix_cmp(cv->a, a->src) == 0;
				if (a->proto == 0)
					add_svc_parts(&s, cv, m->devs[k], e->map, a, local_is_a);
				if (local_is_a && !cv->start_a)
					cv->start_a = m->devs[k];
				if (!local_is_a && !cv->start_b)
					cv->start_b = m->devs[k];
				dconv[di++] = (unsigned)c;
			}
		}
	p->ndomains = di;

	side_join(&bounds);
	for (size_t c = 0; c < s.nconvs; c++) {
		conv *cv = &s.convs[c];
		cv->pa = split(&s, cv->a, &cv->npa);
		cv->pb = split(&s, cv->b, &cv->npb);
		if ((size_t)cv->npa * cv->npb * cv->nps > TC_MAX_PART_PAIRS) {
			/* too fine to walk every pair: fall back to the whole pair */
			cv->pa[0] = cv->a;
			cv->pb[0] = cv->b;
			cv->npa = cv->npb = 1;
		}
		cv->part_off = s.nparts;
		s.nparts += (size_t)cv->npa * cv->npb * cv->nps;
	}

	run_result rr[2];
	index_convs(&s);
	run_both(&s, p, max_rounds, rr, jobs);
	side hist; /* the history by entry and the frees, beside the log's index */
	side_start(&hist, jobs > 1, hist_thread, &s);
	index_log(&s);
	side_join(&hist);

	predict_domains(&s, p, rr, dconv, jobs);
	for (size_t i = 0; i < p->ndomains; i++)
		p->nstate[p->domains[i].state]++;

	for (unsigned w = 0; w < 2; w++) {
		free(rr[w].changed);
		free(rr[w].last);
		free(rr[w].parts);
		free(rr[w].dev_off);
		free(rr[w].sas);
	}
	free(dconv);
	free(s.entries);
	log_free_aux(&s);
	free(s.log);
	free(s.hist);
	for (size_t c = 0; c < s.nconvs; c++) {
		free(s.convs[c].ps);
	}
	free(s.convs);
	free(s.bounds);
	free(s.dev_failed);
	free(s.dev_rri);
	free(s.convtab);
	free(s.log_off);
	free(s.log_idx);
	free(s.conv_by_a);
	free(s.conv_a_tab);
	tc_arena_free(s.tmp);
	tc_arena_free(s.parts);
	free(s.texts.v);
	free(s.texts.hv);
	free(s.traces.v);
	free(s.paths.v);
	free(s.tbuf);
	free(s.conv_a_next);
	free(s.isolated);
	free(s.fold_round);
	free(s.hist_by_entry);
	free(s.hist_end);
	*out = p;
	return 0;
}

void tc_prediction_free(tc_prediction *p)
{
	if (!p)
		return;
	tc_arena_free(p->arena);
	free(p);
}

/* ---- single failures --------------------------------------------------------- */

/* Predict m with one more failure on top of base and record in f (its
 * texts and lists in arena) the domains whose owner or state differ from p. */
static int one_failure(const tc_prediction *p, tc_arena *arena, const tc_model *m,
		       const tc_predict_opts *base, const tc_device *dev, const tc_link *link, tc_failure *f)
{
	tc_predict_opts o = *base;
	const tc_device **devs = xrealloc(NULL, (base->nfail_devices + 1) * sizeof *devs);
	const tc_iface **ifs = xrealloc(NULL, (base->nfail_ifaces + (link ? link->nends : 0) + 1) * sizeof *ifs);
	for (size_t k = 0; k < base->nfail_devices; k++)
		devs[k] = base->fail_devices[k];
	for (size_t k = 0; k < base->nfail_ifaces; k++)
		ifs[k] = base->fail_ifaces[k];
	o.fail_devices = devs;
	o.fail_ifaces = ifs;
	if (dev)
		devs[o.nfail_devices++] = dev;
	for (size_t k = 0; link && k < link->nends; k++)
		ifs[o.nfail_ifaces++] = link->ends[k].iface;
	tc_prediction *q = NULL;
	int rc = tc_predict(&q, m, &o);
	free(devs);
	free(ifs);
	if (rc != 0)
		return rc;
	char buf[TC_PREFIX_STRLEN];
	f->what = dev ? tc_arena_strdup(arena, dev->hostname)
		      : tc_arena_printf(arena, "link %s", tc_prefix_format(buf, sizeof buf, link->subnet));
	f->changes = tc_arena_alloc(arena, (p->ndomains + 1) * sizeof *f->changes);
	for (size_t i = 0; i < p->ndomains && i < q->ndomains; i++) {
		const tc_domain *a = &p->domains[i], *b = &q->domains[i];
		if (a->state == b->state && a->has_owner_addr == b->has_owner_addr &&
		    a->owner_addr == b->owner_addr)
			continue;
		tc_failure_change *c = &f->changes[f->nchanges++];
		c->domain = i;
		c->owner = b->owner;
		c->owner_addr = b->owner_addr;
		c->has_owner_addr = b->has_owner_addr;
		c->state = b->state;
	}
	tc_prediction_free(q);
	return 0;
}

typedef struct failure_job {
	const tc_prediction *p;
	const tc_model *m;
	const tc_predict_opts *base;
	tc_arena *arena;        /* this thread's texts and lists */
	unsigned k, step;       /* failures k, k + step, k + 2 step, ... */
	int *rc;                /* per failure */
} failure_job;

static void *failure_thread(void *arg)
{
	failure_job *j = arg;
	const tc_model *m = j->m;
	for (size_t i = j->k; i < m->ndevs + m->nlinks; i += j->step)
		j->rc[i] = one_failure(j->p, j->arena, m, j->base, i < m->ndevs ? m->devs[i] : NULL,
				       i < m->ndevs ? NULL : &m->links[i - m->ndevs], &j->p->failures[i]);
	return NULL;
}

int tc_predict_failures(tc_prediction *p, const tc_model *m, const tc_predict_opts *opts)
{
	static const tc_predict_opts no_opts = {0};
	tc_predict_opts base = opts ? *opts : no_opts;
	size_t n = m->ndevs + m->nlinks;
	unsigned jobs = base.jobs > 1 ? base.jobs : 1;
	if (jobs > n)
		jobs = n ? (unsigned)n : 1;
	if (jobs > 1)
		base.jobs = 1; /* one thread per failure prediction */
	p->failures = tc_arena_alloc(p->arena, (n + 1) * sizeof *p->failures);
	p->nfailures = 0;
	int *rc = zalloc(n + 1, sizeof *rc);
	failure_job *j = xrealloc(NULL, jobs * sizeof *j);
	pthread_t *t = xrealloc(NULL, jobs * sizeof *t);
	bool *threaded = zalloc(jobs, sizeof *threaded);
	if (!rc || !threaded)
		abort();
	for (unsigned k = 0; k < jobs; k++) {
		j[k] = (failure_job){p, m, &base, k ? tc_arena_new() : p->arena, k, jobs, rc};
		if (!j[k].arena)
			abort();
		if (k)
			threaded[k] = pthread_create(&t[k], NULL, failure_thread, &j[k]) == 0;
	}
	failure_thread(&j[0]);
	for (unsigned k = 1; k < jobs; k++) {
		if (threaded[k])
			pthread_join(t[k], NULL);
		else
			failure_thread(&j[k]);
		tc_arena_adopt(p->arena, j[k].arena);
	}
	int err = 0;
	while (p->nfailures < n && !(err = rc[p->nfailures]))
		p->nfailures++;
	free(threaded);
	free(t);
	free(j);
	free(rc);
	if (err)
		return err;
	p->failures_run = true;
	return 0;
}
