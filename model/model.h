/* model.h: the public interface of tunnelcast's network model and predictor.
 *
 * Glossary (used as network engineers use the words):
 *   device   one router or firewall, named by its `hostname` line
 *   iface    an interface of a device (IOS name; ASA physical name plus nameif)
 *   fib      a device's forwarding table, longest-prefix match
 *   nh       next hop address of a route
 *   acl      an access list; ace: one line of it
 *   cmap     a crypto map set (all entries sharing a name on one device)
 *   entry    one sequence number of a crypto map: ACL, ordered peers, transforms
 *   proxy    a proxy pair = the (local, remote) prefixes of one permit ACE
 *   domain   an encryption domain: one permit ACE of one entry of one device
 *   peer     a remote IPsec gateway address listed in an entry
 *   sa       an IPsec (phase-2) SA pair for one proxy pair between two devices
 *   psk      a pre-shared key; the model stores only a digest, never the key
 *
 * Memory: a tc_model owns one arena. Everything the parser builds (strings
 * included) is allocated from it and freed by tc_model_free(). A
 * tc_prediction owns its own arena and borrows pointers into the model, so
 * free the prediction before the model.
 *
 * Data flow: parser -> builders below -> tc_model_finalize() (resolves names,
 * builds FIBs and links, sorts) -> tc_predict() -> render.
 */
#ifndef TC_MODEL_H
#define TC_MODEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- errors ------------------------------------------------------------ */

enum {
	TC_OK = 0,
	TC_ERROR = -1,     /* generic failure; message in the context */
	TC_ENOTFOUND = -2, /* the thing looked for is absent */
	TC_EPARSE = -3,    /* text could not be parsed */
	TC_ENOMEM = -4,    /* allocation failed */
	TC_EIO = -5,       /* a file could not be read */
};

/* ---- arena ------------------------------------------------------------- */

typedef struct tc_arena tc_arena;

/* A new arena; free with tc_arena_free(). NULL on allocation failure. */
tc_arena *tc_arena_new(void);
void tc_arena_free(tc_arena *a);
/* Forget every allocation but keep the first block for reuse. */
void tc_arena_reset(tc_arena *a);
/* Zeroed memory owned by the arena, aligned for any type. Aborts the process
 * only if malloc itself fails (out of memory is not an input error). */
void *tc_arena_alloc(tc_arena *a, size_t size);
/* Copy of s[0..len) plus a NUL, owned by the arena. */
char *tc_arena_strndup(tc_arena *a, const char *s, size_t len);
char *tc_arena_strdup(tc_arena *a, const char *s);
/* printf into arena memory. */
char *tc_arena_printf(tc_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *tc_arena_vprintf(tc_arena *a, const char *fmt, va_list ap);

/* ---- addresses --------------------------------------------------------- */

/* IPv4 prefix; addr in host byte order with host bits cleared. */
typedef struct tc_prefix {
	uint32_t addr; /* network address, host order */
	uint8_t len;   /* 0..32 */
} tc_prefix;

/* Dotted quad s[0..n) into host order. 0 or TC_EPARSE. */
int tc_ip_parse(uint32_t *out, const char *s, size_t n);
/* Contiguous netmask (255.255.255.0) to a length. 0 or TC_EPARSE. */
int tc_mask_to_len(uint8_t *out, uint32_t mask);
/* Contiguous wildcard mask (0.0.0.255) to a length. 0 or TC_EPARSE. */
int tc_wildcard_to_len(uint8_t *out, uint32_t wildcard);
uint32_t tc_len_to_mask(uint8_t len);
/* Prefix from address and length; clears host bits. */
tc_prefix tc_prefix_make(uint32_t addr, uint8_t len);
/* "a.b.c.d/len" (or a bare address = /32). 0 or TC_EPARSE. */
int tc_prefix_parse(tc_prefix *out, const char *s, size_t n);
/* Writes "a.b.c.d" / "a.b.c.d/len"; buf of at least TC_IP_STRLEN / TC_PREFIX_STRLEN. */
#define TC_IP_STRLEN 16
#define TC_PREFIX_STRLEN 19
char *tc_ip_format(char *buf, size_t n, uint32_t ip);
char *tc_prefix_format(char *buf, size_t n, tc_prefix p);
bool tc_prefix_has(tc_prefix p, uint32_t ip);
bool tc_prefix_contains(tc_prefix outer, tc_prefix inner);
bool tc_prefix_overlaps(tc_prefix a, tc_prefix b);
int tc_prefix_cmp(tc_prefix a, tc_prefix b); /* by address, then length */
/* A representative host of the prefix: network+1 when len < 31, else network. */
uint32_t tc_prefix_host(tc_prefix p);

/* Digest of a secret (FNV-1a 64). Secrets are compared by digest only. */
uint64_t tc_secret_digest(const char *s, size_t n);

/* ---- diagnostics ------------------------------------------------------- */

typedef enum tc_severity {
	TC_SEV_NOTE = 0,
	TC_SEV_WARNING = 1,
	TC_SEV_ERROR = 2,
} tc_severity;

typedef struct tc_diag {
	const char *file;  /* path as given on the command line; NULL for model-wide */
	unsigned line;     /* 1-based; 0 when not tied to a line */
	unsigned col;      /* 1-based; 0 when not tied to a column */
	tc_severity sev;
	const char *code;  /* stable kebab-case id, e.g. "unknown-line", "undefined-acl" */
	const char *msg;   /* one sentence, no trailing newline; never a secret */
	const char *text;  /* the offending source line with secrets masked, or NULL */
	struct tc_diag *next;
} tc_diag;

/* ---- device contents --------------------------------------------------- */

typedef enum tc_dialect {
	TC_DIALECT_UNKNOWN = 0,
	TC_DIALECT_IOS,
	TC_DIALECT_ASA,
} tc_dialect;
const char *tc_dialect_name(tc_dialect d); /* "ios", "asa", "unknown" */

typedef struct tc_iface {
	const char *name;        /* IOS or ASA physical name, e.g. "GigabitEthernet0/1" */
	const char *nameif;      /* ASA nameif, NULL on IOS */
	const char *description; /* or NULL */
	uint32_t addr;           /* primary address, host order */
	uint8_t plen;            /* its prefix length */
	bool has_addr;           /* false when no (parsable) ip address */
	bool shutdown;           /* administratively down */
	const char *cmap;        /* crypto map set applied here, or NULL */
	bool ike;                /* IKE enabled here (ASA `crypto ikev1 enable`; IOS: always) */
	const char *file;        /* where the interface block starts */
	unsigned line;
	struct tc_iface *next;
} tc_iface;

typedef enum tc_route_origin {
	TC_RT_CONNECTED = 0, /* derived from an interface address */
	TC_RT_STATIC,        /* `ip route` / `route` in the config */
	TC_RT_CAPTURED,      /* a line of a `show ip route` / `show route` capture */
} tc_route_origin;

typedef struct tc_route {
	tc_prefix dst;
	uint32_t nh;         /* next hop, host order */
	bool has_nh;         /* false for interface-only routes */
	const char *ifname;  /* egress interface (IOS name or ASA nameif) or NULL */
	unsigned distance;   /* administrative distance */
	unsigned metric;
	const char *code;    /* capture route code ("S*", "O E2", "C"...) or NULL */
	tc_route_origin origin;
	const char *file;
	unsigned line;
	struct tc_route *next;
} tc_route;

/* Protocol numbers used in ACEs; 0 means any IP protocol. */
enum { TC_PROTO_IP = 0, TC_PROTO_ICMP = 1, TC_PROTO_TCP = 6, TC_PROTO_UDP = 17 };

typedef struct tc_ace {
	bool permit;
	uint8_t proto;              /* TC_PROTO_*; 0 = ip */
	tc_prefix src, dst;
	uint16_t sport_lo, sport_hi; /* 0..65535 when unrestricted */
	uint16_t dport_lo, dport_hi;
	const char *file;
	unsigned line;
	struct tc_ace *next;
} tc_ace;

typedef struct tc_acl {
	const char *name;  /* "101", "VPN-ACL" */
	tc_ace *aces;      /* in evaluation order */
	tc_ace *aces_tail;
	unsigned naces;
	const char *file;
	unsigned line;     /* first line that defined it */
	struct tc_acl *next;
} tc_acl;

typedef struct tc_tset {
	const char *name;
	const char *enc;   /* canonical ESP cipher: "aes-128", "aes-256", "3des", "des", "null", ... */
	const char *auth;  /* canonical ESP integrity: "sha1", "sha256", "md5", "none" */
	bool transport;    /* mode transport (default tunnel) */
	const char *file;
	unsigned line;
	struct tc_tset *next;
} tc_tset;

typedef struct tc_ikepol {
	unsigned prio;     /* policy priority number */
	unsigned version;  /* 1 or 2 */
	const char *enc;   /* canonical: "des", "3des", "aes-128", "aes-192", "aes-256" */
	const char *hash;  /* canonical: "md5", "sha1", "sha256", "sha384", "sha512" */
	const char *auth;  /* "pre-share", "rsa-sig" */
	unsigned group;    /* DH group */
	unsigned lifetime; /* seconds */
	const char *file;
	unsigned line;
	struct tc_ikepol *next;
} tc_ikepol;

typedef struct tc_psk {
	tc_prefix peer;    /* peer address (/32), or a wildcard such as 0.0.0.0/0 */
	uint64_t digest;   /* tc_secret_digest() of the key; the key itself is never kept */
	const char *file;
	unsigned line;
	struct tc_psk *next;
} tc_psk;

typedef enum tc_conn_type {
	TC_CONN_BIDIRECTIONAL = 0,
	TC_CONN_ORIGINATE_ONLY,
	TC_CONN_ANSWER_ONLY,
} tc_conn_type;

#define TC_MAX_PEERS 16
#define TC_MAX_TSETS 8

typedef struct tc_entry {
	const char *map;          /* crypto map set name */
	unsigned seq;             /* sequence number */
	const char *acl_name;     /* `match address`, or NULL */
	const tc_acl *acl;        /* resolved by tc_model_finalize(), NULL if undefined */
	uint32_t peers[TC_MAX_PEERS]; /* ordered preference list, host order */
	unsigned npeers;
	int default_peer;         /* IOS `set peer A default`: index, or -1 */
	const char *tset_names[TC_MAX_TSETS];
	const tc_tset *tsets[TC_MAX_TSETS]; /* resolved; NULL where undefined */
	unsigned ntsets;
	unsigned pfs_group;       /* 0 = no PFS */
	bool dynamic;             /* `ipsec-isakmp dynamic DYN`: responds only */
	const char *dynmap;       /* dynamic map name when dynamic */
	tc_conn_type conn_type;
	unsigned ike_version;     /* 1 (default) or 2 */
	const char *file;         /* first line that mentioned this entry */
	unsigned line;
	struct tc_entry *next;
} tc_entry;

typedef struct tc_fib_entry {
	tc_prefix dst;
	uint32_t nh;              /* resolved next hop, 0 when directly connected */
	bool has_nh;
	const struct tc_iface *iface; /* egress interface; NULL for Null0/unresolved */
	unsigned distance;
	const tc_route *route;    /* where it came from */
} tc_fib_entry;

typedef struct tc_device {
	const char *hostname;     /* from `hostname`; file's base name if missing */
	const char *file;         /* config file path */
	tc_dialect dialect;
	tc_iface *ifaces, *ifaces_tail;
	tc_route *routes, *routes_tail;     /* static routes from the config */
	tc_route *captured, *captured_tail; /* routes from routes/<hostname>.txt */
	bool has_capture;                   /* when true, captured replaces connected+static */
	const char *capture_file;
	tc_acl *acls, *acls_tail;
	tc_entry *entries, *entries_tail;   /* sorted by (map, seq) after finalize */
	tc_tset *tsets, *tsets_tail;
	tc_ikepol *ikepols, *ikepols_tail;  /* sorted by priority after finalize */
	tc_psk *psks, *psks_tail;
	/* built by tc_model_finalize(): */
	tc_fib_entry *fib;        /* sorted by prefix length descending */
	size_t nfib;
	unsigned index;           /* position in tc_model.devs */
	struct tc_device *next;
} tc_device;

/* A shared subnet: two or more interfaces (of any devices) in one prefix. */
typedef struct tc_link_end {
	const tc_device *device;
	const tc_iface *iface;
} tc_link_end;

typedef struct tc_link {
	tc_prefix subnet;
	tc_link_end *ends;  /* sorted by hostname, then interface name */
	size_t nends;
} tc_link;

typedef struct tc_model {
	tc_arena *arena;
	tc_device *devices, *devices_tail; /* sorted by hostname after finalize */
	tc_device **devs;                  /* array view, after finalize */
	size_t ndevs;
	tc_link *links;                    /* after finalize, sorted by subnet */
	size_t nlinks;
	tc_diag *diags, *diags_tail;       /* sorted by file, line, col after finalize */
	size_t ndiags[3];                  /* counts per severity */
	unsigned unknown_lines;            /* lines the parser did not understand */
	bool finalized;
} tc_model;

/* ---- model building (used by the parser) -------------------------------- */

/* New empty model, or NULL when out of memory. Free with tc_model_free(). */
tc_model *tc_model_new(void);
void tc_model_free(tc_model *m);

/* Add a diagnostic. file/text are copied; text is stored as given, so the
 * caller must have masked secrets (the parser owns that). */
void tc_model_diag(tc_model *m, const char *file, unsigned line, unsigned col, tc_severity sev,
		   const char *code, const char *text, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/* New device, appended; hostname may be NULL until known (set
 * dev->hostname = tc_arena_strdup(m->arena, name) later). */
tc_device *tc_device_add(tc_model *m, const char *file, tc_dialect dialect);
/* New interface/route/acl/... appended to the device, zeroed with sensible
 * defaults (route distance 1, ace ports 0..65535, ike_version 1, tset tunnel
 * mode, iface.ike true on IOS). Names are copied into the arena. */
tc_iface *tc_iface_add(tc_model *m, tc_device *d, const char *name);
tc_route *tc_route_add(tc_model *m, tc_device *d, tc_route_origin origin);
tc_acl *tc_acl_get(tc_model *m, tc_device *d, const char *name); /* find or create */
tc_ace *tc_ace_add(tc_model *m, tc_acl *acl);
tc_tset *tc_tset_add(tc_model *m, tc_device *d, const char *name);
tc_ikepol *tc_ikepol_add(tc_model *m, tc_device *d, unsigned prio, unsigned version);
tc_psk *tc_psk_add(tc_model *m, tc_device *d);
tc_entry *tc_entry_get(tc_model *m, tc_device *d, const char *map, unsigned seq); /* find or create */

/* Lookups; NULL when absent. iface matches name or nameif, case-insensitively. */
tc_iface *tc_iface_find(const tc_device *d, const char *name);
tc_acl *tc_acl_find(const tc_device *d, const char *name);
const tc_device *tc_device_find(const tc_model *m, const char *hostname);
/* The device and interface holding address ip (non-shutdown), or NULL. */
const tc_device *tc_device_by_addr(const tc_model *m, uint32_t ip, const tc_iface **iface_out);

/* Resolve cross references (ACLs, transform sets, crypto map interfaces,
 * duplicate hostnames), build FIBs and links, sort everything. Adds
 * diagnostics for dangling references; never fails on bad input.
 * Returns 0, or TC_ENOMEM. */
int tc_model_finalize(tc_model *m);

/* Longest-prefix match in a finalized device's FIB; NULL when no route. */
const tc_fib_entry *tc_fib_lookup(const tc_device *d, uint32_t ip);

/* ---- prediction --------------------------------------------------------- */

typedef enum tc_state {
	TC_STATE_STABLE = 0,      /* one owner, traffic flows both ways */
	TC_STATE_OSCILLATING,     /* ownership keeps moving between peers */
	TC_STATE_ONE_WAY,         /* an SA is up but one direction is lost */
	TC_STATE_DOWN,            /* no SA can be built */
} tc_state;
const char *tc_state_name(tc_state s); /* "stable", "oscillating", "one-way", "down" */

typedef enum tc_event_kind {
	TC_EV_SEND = 0,   /* a host sends a packet of the domain */
	TC_EV_FORWARD,    /* routed in clear to the next device */
	TC_EV_MATCH,      /* matched a crypto map entry */
	TC_EV_ENCRYPT,    /* sent into an existing SA */
	TC_EV_INITIATE,   /* IKE negotiation started toward a peer */
	TC_EV_REJECT,     /* a negotiation failed (reason in text) */
	TC_EV_SA_UP,      /* phase-2 SA installed on both ends */
	TC_EV_SA_DROP,    /* an older SA for the same proxy pair deleted */
	TC_EV_DECRYPT,    /* received and decrypted by a peer */
	TC_EV_DELIVER,    /* reached the destination network */
	TC_EV_DROP,       /* the packet died (reason in text) */
	TC_EV_CLEAR,      /* left a crypto boundary unencrypted */
	TC_EV_INFO,       /* narrative: round summaries, convergence */
} tc_event_kind;
const char *tc_event_kind_name(tc_event_kind k); /* "send", "forward", ... */

typedef struct tc_event {
	unsigned step;            /* 1-based within its trace */
	tc_event_kind kind;
	const tc_device *device;  /* where it happened, or NULL */
	const char *rule;         /* behaviour rule applied ("R4.3"), or NULL */
	const char *text;         /* one sentence for humans */
} tc_event;

typedef struct tc_trace {
	const char *first_sender; /* "local" or "remote": which side sent first */
	tc_event *events;
	size_t nevents;
	const tc_device *owner;   /* owner at the end of this ordering, or NULL */
	uint32_t owner_addr;      /* its peer address, valid when has_owner */
	bool has_owner;
	tc_state state;           /* outcome of this ordering */
	unsigned rounds;          /* rounds simulated */
} tc_trace;

/* One header-space part of a domain: a sub-range pair that routing or an
 * ACL treats differently from the rest of the proxy pair. */
typedef struct tc_part {
	tc_prefix local, remote;  /* sub-ranges of the domain's proxy pair */
	const tc_device *via;     /* where the remote side's traffic for it enters a tunnel, or NULL */
	const tc_device *rev_peer; /* ... and where that tunnel ends */
	const tc_device *fwd_via; /* where the local side's traffic for it enters a tunnel, or NULL */
	const tc_device *fwd_peer; /* ... and where that tunnel ends */
	bool fwd_ok, rev_ok;      /* delivered (or left the snapshot) in the final round */
} tc_part;

typedef struct tc_domain {
	const tc_device *device;  /* holds the crypto map entry */
	const tc_entry *entry;
	const tc_ace *ace;        /* the permit line */
	unsigned ace_index;       /* 1-based position among the ACL's lines */
	tc_prefix local, remote;  /* the proxy pair */
	const tc_device *owner;   /* steady owner; NULL when none or outside the snapshot */
	uint32_t owner_addr;      /* steady owner's peer address; valid when has_owner_addr */
	bool has_owner_addr;
	tc_state state;           /* combined over both orderings */
	const char **owners_seen; /* peer hostnames (or addresses when not in the snapshot), sorted */
	size_t nowners_seen;
	const char *summary;      /* one sentence explaining the state */
	tc_trace traces[2];       /* [0]: local side sends first, [1]: remote side first */
	tc_part *parts;           /* header-space parts, when the pair was split (nparts >= 2) */
	size_t nparts;
	bool order_dependent;     /* the two sending orders end differently */
} tc_domain;

typedef struct tc_predict_opts {
	unsigned max_rounds;      /* 0 = default (16) */
} tc_predict_opts;

typedef struct tc_prediction {
	tc_arena *arena;
	tc_domain *domains;       /* sorted by device, map, seq, ACL line */
	size_t ndomains;
	size_t nstate[4];         /* domains per tc_state */
} tc_prediction;

/* Predict SA ownership for every domain of a finalized model. *out is
 * freed with tc_prediction_free(). 0, or TC_ENOMEM / TC_ERROR. */
int tc_predict(tc_prediction **out, const tc_model *m, const tc_predict_opts *opts);
void tc_prediction_free(tc_prediction *p);

#endif
