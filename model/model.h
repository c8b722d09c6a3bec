/* model.h: the public interface of tunnelcast's network model (the predictor, lint and diff
 * that read it: predict.h).
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
 *   tunnel   a tunnel interface's settings (GRE, or a static VTI: route-based IPsec)
 *   profile  an IPsec profile (`crypto ipsec profile`): what a protected tunnel negotiates
 *
 * Memory: a tc_model owns one arena. Everything the parser builds (strings
 * included) is allocated from it and freed by tc_model_free(). A
 * tc_prediction owns its own arena and borrows pointers into the model, so
 * free the prediction before the model.
 *
 * Data flow: parser -> builders below -> tc_model_finalize() (resolves names,
 * builds FIBs and links, sorts) -> tc_predict() (predict.h) -> render.
 */
#ifndef TC_MODEL_H
#define TC_MODEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- errors ------------------------------------------------------------ */

enum {
	TC_OK = 0,
	TC_ERROR = -1,	   /* generic failure; message in the context */
	TC_ENOTFOUND = -2, /* the thing looked for is absent */
	TC_EPARSE = -3,	   /* text could not be parsed */
	TC_ENOMEM = -4,	   /* allocation failed */
	TC_EIO = -5,	   /* a file could not be read */
};

/* ---- arena ------------------------------------------------------------- */

typedef struct tc_arena tc_arena;

/* A new arena; free with tc_arena_free(). NULL on allocation failure. */
tc_arena *tc_arena_new(void);
void tc_arena_free(tc_arena *a);
/* Forget every allocation but keep the first block for reuse. */
void tc_arena_reset(tc_arena *a);
/* Move every allocation of from into a (nothing is copied; pointers stay
 * valid) and free from. */
void tc_arena_adopt(tc_arena *a, tc_arena *from);
/* Zeroed memory owned by the arena, aligned for any type. Aborts the process
 * only if malloc itself fails (out of memory is not an input error). */
void *tc_arena_alloc(tc_arena *a, size_t size);
/* tc_arena_alloc(arena, size) as kit.h's tc_alloc_fn, for tables whose arrays live in an arena. */
void *tc_arena_alloc_cb(void *arena, size_t size);
/* Copy of s[0..len) plus a NUL, owned by the arena. */
char *tc_arena_strndup(tc_arena *a, const char *s, size_t len);
char *tc_arena_strdup(tc_arena *a, const char *s);
/* printf into arena memory. */
char *tc_arena_printf(tc_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *tc_arena_vprintf(tc_arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* ---- addresses --------------------------------------------------------- */

/* IPv4 prefix; addr in host byte order with host bits cleared. */
typedef struct tc_prefix {
	uint32_t addr; /* network address, host order */
	uint8_t len;   /* 0..32 */
} tc_prefix;

/* Dotted quad s[0..n) into host order. 0 or TC_EPARSE; *out is untouched when refused. */
int tc_ip_parse(uint32_t *out, const char *s, size_t n);
/* tc_ip_parse() inline, for the parsers' hot paths (three quads a route line), and the one
 * copy of the rule: four octets of 1 to 3 decimal digits, each <= 255 (leading zeros
 * allowed: "010" is 10), three dots, nothing else. The word is copied into a buffer ending
 * in a NUL, so the digits are read without bounds checks, and each octet is unrolled (no
 * strtoul, no digit counter). */
static inline int tc_ip_parse_inline(uint32_t *out, const char *s, size_t n)
{
	if (n < 7 || n > 15)
		return TC_EPARSE;
	unsigned char b[16];
	if (n >= 8) { /* two overlapping 8-byte copies cover any length 8..15 */
		memcpy(b, s, 8);
		memcpy(b + n - 8, s + n - 8, 8);
	} else {
		memcpy(b, s, 4);
		memcpy(b + 3, s + 3, 4);
	}
	b[n] = 0;
	const unsigned char *p = b;
	uint32_t ip = 0;
	for (int o = 0; o < 4; o++) {
		if (o > 0 && *p++ != '.')
			return TC_EPARSE;
		unsigned v = (unsigned)*p - '0', d;
		if (v > 9)
			return TC_EPARSE;
		p++;
		if ((d = (unsigned)*p - '0') <= 9) {
			v = v * 10 + d;
			p++;
			if ((d = (unsigned)*p - '0') <= 9) {
				v = v * 10 + d;
				p++;
				if (v > 255 || (unsigned)*p - '0' <= 9)
					return TC_EPARSE; /* over 255, or a fourth digit */
			}
		}
		ip = ip << 8 | v;
	}
	if (p != b + n)
		return TC_EPARSE;
	*out = ip;
	return 0;
}

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
/* "a.b.c.d" written at p, not NUL-terminated; returns its end. Up to TC_IP_STRLEN bytes
 * from p may be overwritten (the address is at most 15). */
char *tc_ip_put(char *p, uint32_t ip);
char *tc_prefix_format(char *buf, size_t n, tc_prefix p);
/* The same, copied into arena a (freed with it). */
char *tc_arena_ip(tc_arena *a, uint32_t ip);
char *tc_arena_prefix(tc_arena *a, tc_prefix p);
bool tc_prefix_has(tc_prefix p, uint32_t ip);
bool tc_prefix_contains(tc_prefix outer, tc_prefix inner);
bool tc_prefix_overlaps(tc_prefix a, tc_prefix b);
int tc_prefix_cmp(tc_prefix a, tc_prefix b); /* by address, then length */
/* A representative host of the prefix: network+1 when len < 31, else network. */
uint32_t tc_prefix_host(tc_prefix p);

/* Digest of a secret (FNV-1a 64). Secrets are compared by digest only. */
uint64_t tc_secret_digest(const char *s, size_t n);

/* ---- text from configs ------------------------------------------------- */

/* Length (1..4) of the well-formed UTF-8 character at s[0..n), or 0 when s
 * starts with a byte that is not (a stray continuation byte, an overlong or
 * truncated sequence, a surrogate, a code point above U+10FFFF). */
size_t tc_utf8_len(const char *s, size_t n);
/* One character of config text as an output sees it (tc_text_char()). */
typedef struct tc_char {
	uint32_t cp; /* code point; U+FFFD for a byte of ill-formed UTF-8 */
	size_t len;  /* bytes it takes: 1 to 4 (1 for a byte of ill-formed UTF-8) */
	bool unsafe; /* no output may show it as it is: a C0 or C1 control (tab and
		      * newline included: outputs that keep them test first), DEL, a
		      * bidi embedding, override or isolate (U+202A..U+202E,
		      * U+2066..U+2069), U+2028 or U+2029 (line breaks to JavaScript
		      * and some terminals), U+FFFE or U+FFFF (not XML characters),
		      * or a byte of ill-formed UTF-8 */
} tc_char;

/* The character at s[0..n), n > 0. Every output decides with it what it
 * writes ('?', an escape, U+FFFD), so all of them hide the same characters. */
tc_char tc_text_char(const char *s, size_t n);
/* Make NUL-terminated s safe for every output format, in place: each byte
 * of an unsafe character (tc_char; tab excepted) becomes '?'. Lengths and
 * columns are kept. Returns s. */
char *tc_text_clean(char *s);

/* ---- diagnostics ------------------------------------------------------- */

typedef enum tc_severity {
	TC_SEV_NOTE = 0,
	TC_SEV_WARNING = 1,
	TC_SEV_ERROR = 2,
} tc_severity;

typedef struct tc_diag {
	const char *file; /* path as given on the command line; NULL for model-wide */
	unsigned line;	  /* 1-based; 0 when not tied to a line */
	unsigned col;	  /* 1-based; 0 when not tied to a column */
	tc_severity sev;
	const char *code; /* stable kebab-case id, e.g. "unknown-line", "undefined-acl" */
	const char *msg;  /* one sentence, no trailing newline; never a secret */
	const char *text; /* the offending source line with secrets masked, or NULL */
	struct tc_diag *next;
} tc_diag;

/* The diagnostics of one file and code beyond the cap (tc_model.max_diags): counted in
 * tc_model.ndiags, not kept in tc_model.diags. */
typedef struct tc_diag_more {
	const char *file; /* NULL: model-wide */
	const char *code;
	tc_severity sev;	    /* of the first of them */
	size_t kept;		    /* how many of them tc_model.diags holds */
	size_t more;		    /* how many more were counted and dropped */
	struct tc_diag_more *next;  /* tc_model.diag_more, sorted by file and code */
	struct tc_diag_more *hnext; /* chain of the model's table (diagcap.c) */
} tc_diag_more;

/* Diagnostics kept per file and code by default; tc_model.max_diags 0 keeps every one. */
#define TC_MAX_DIAGS_DEFAULT 20

/* ---- device contents --------------------------------------------------- */

typedef enum tc_dialect {
	TC_DIALECT_UNKNOWN = 0,
	TC_DIALECT_IOS,
	TC_DIALECT_ASA,
} tc_dialect;
const char *tc_dialect_name(tc_dialect d); /* "ios", "asa", "unknown" */

/* An interface address with its prefix length (host bits kept). */
typedef struct tc_ifaddr {
	uint32_t addr; /* host order */
	uint8_t plen;
} tc_ifaddr;

/* Fields grouped by size (136 bytes on 64-bit: 128 before the tunnel pointer). */
typedef struct tc_iface {
	const char *name;	 /* IOS or ASA physical name, e.g. "GigabitEthernet0/1" */
	const char *nameif;	 /* ASA nameif, NULL on IOS */
	const char *description; /* or NULL */
	uint32_t addr;		 /* primary address, host order */
	uint8_t plen;		 /* its prefix length */
	bool has_addr;		 /* false when no (parsable) ip address */
	bool shutdown;		 /* administratively down */
	bool ike;		 /* IKE enabled here (ASA `crypto ikev1 enable`; IOS: always) */
	const char *cmap;	 /* crypto map set applied here, or NULL */
	const char *file;	 /* where the interface block starts */
	unsigned line;
	unsigned nsecondary; /* how many secondary addresses */
	const char *vrf;     /* VRF it forwards in (IOS `vrf forwarding`), NULL: the global table */
	tc_ifaddr *secondary; /* secondary addresses in config order (arena), nsecondary of them */
	int security_level;   /* ASA security-level 0..100; -1 when not set */
	unsigned vlan;	      /* 802.1Q tag of a sub-interface; 0: none */
	bool nat_inside;      /* IOS `ip nat inside`: NAT inside role */
	bool nat_outside;     /* IOS `ip nat outside`: NAT outside role */
	bool per_packet;      /* IOS `ip load-sharing per-packet`: equal-cost paths out of it
				 alternate packet by packet, not flow by flow */
	unsigned index;	      /* position in its device's ifv (from 1; 0: none), set by
				    tc_model_finalize(): FIB entries name it (fills padding) */
	const char *acl_in;   /* ACL filtering traffic in / out of it (access-group), or NULL */
	const char *acl_out;
	struct tc_iface_rt
		*rt;	       /* routing settings (bandwidth, OSPF cost...), or NULL (routing.h) */
	struct tc_tunnel *tun; /* tunnel settings of a tunnel interface, or NULL */
	struct tc_iface *next;
	struct tc_iface *hnext; /* chain of the device's name index (index.c) */
} tc_iface;

typedef enum tc_route_origin {
	TC_RT_CONNECTED = 0, /* derived from an interface address */
	TC_RT_STATIC,	     /* `ip route` / `route` in the config */
	TC_RT_CAPTURED,	     /* a line of a `show ip route` / `show route` capture */
	TC_RT_OSPF,	     /* computed by the control-plane pass (routing.h) */
	TC_RT_EIGRP,
	TC_RT_BGP,
	TC_RT_RIP,
} tc_route_origin;

/* What a route says beyond its prefix, path and numbers: the strings, and a static route's
 * track. The routes of a capture share one per distinct combination (a capture has a few
 * route codes and interfaces, and one file: the parser interns them); a static route has one
 * of its own, which the config parsers fill in. 64 bytes. */
typedef struct tc_route_attr {
	const char *ifname; /* egress interface (IOS name or ASA nameif) or NULL */
	const char *code;   /* capture route code ("S*", "O E2", "C"...) or NULL */
	const char *file;
	const char *vrf;      /* VRF of the route (`ip route vrf`, capture `Routing Table:`);
				 NULL: global */
	const char *dst_name; /* the network as written when it was a name (ASA `name`), or NULL */
	const char *nh_vrf;   /* capture: VRF of the next hop ("via A (VRF)"), else NULL */
	const char *nh_text;  /* capture: a next hop that is not IPv4 (6PE "FC01:101:8:E007::"), as
				 printed; the route is held out of the FIB. NULL otherwise */
	const char *label;    /* IOS `name NAME` */
	unsigned track;	      /* `track N`: installed while that object is up; 0: none */
} tc_route_attr;

/* 32 bytes (was 96: the strings moved to the shared tc_route_attr, the flags are bits, no next
 * pointer): a capture holds one per path. The routes of a list (a device's routes, captured,
 * held) sit side by side in chunks of the arena: walk them with tc_route_next(). */
typedef struct tc_route {
	tc_prefix dst;
	uint32_t nh; /* next hop, host order */
	unsigned metric;
	unsigned line;
	uint8_t distance;	 /* administrative distance (0..255: the parsers read no more) */
	uint8_t origin;		 /* a tc_route_origin */
	bool has_nh : 1;	 /* false for interface-only routes */
	bool dst_unresolved : 1; /* attr->dst_name resolved to no address: dst is meaningless */
	bool has_ad : 1;	 /* capture: the line printed [distance/metric] */
	bool no_metric : 1;	 /* capture: ASA printed [distance] alone: metric is not known */
	bool permanent : 1;	 /* IOS `permanent`: stays when its interface goes down */
	bool tunneled : 1;	 /* ASA `tunneled`: default route for decrypted traffic only */
	bool chunk_end : 1; /* the last route of its chunk: a tc_route_link follows (else a route) */
	tc_route_attr *attr; /* never NULL; captured routes share theirs: not written through */
} tc_route;

/* What follows the last route of a chunk, in a route's place. */
typedef struct tc_route_link {
	tc_route *next; /* the first route of the next chunk; NULL: the end of the list */
	uint32_t room;	/* free route places after this one in the chunk */
	uint32_t cap;	/* route places of the chunk */
} tc_route_link;

/* The route after r in its list, or NULL (a route of the model: not const, as strchr). */
static inline tc_route *tc_route_next(const tc_route *r)
{
	return r->chunk_end ? ((const tc_route_link *)(const void *)(r + 1))->next
			    : (tc_route *)(r + 1);
}

/* Protocol numbers used in ACEs; 0 means any IP protocol. */
enum { TC_PROTO_IP = 0, TC_PROTO_ICMP = 1, TC_PROTO_TCP = 6, TC_PROTO_UDP = 17, TC_PROTO_GRE = 47 };

/* Fields ordered by size (48 bytes, was 56 = 64 in the arena): large configs hold many. */
typedef struct tc_ace {
	tc_prefix src, dst;
	uint16_t sport_lo, sport_hi; /* 0..65535 when unrestricted */
	uint16_t dport_lo, dport_hi;
	unsigned line;
	bool permit;
	uint8_t proto; /* TC_PROTO_*; 0 = ip */
	const char *file;
	struct tc_ace *next;
} tc_ace;

typedef struct tc_acl {
	const char *name; /* "101", "VPN-ACL" */
	tc_ace *aces;	  /* in evaluation order */
	tc_ace *aces_tail;
	unsigned naces;
	const char *file;
	unsigned line; /* first line that defined it */
	bool standard; /* a standard list: each ACE matches one address (IOS: source, ASA:
			      destination) and any on the other side */
	struct tc_acl *next;
	struct tc_acl *hnext; /* chain of the device's name index (index.c) */
} tc_acl;

typedef struct tc_tset {
	const char *name;
	const char
		*enc; /* canonical ESP cipher: "aes-128", "aes-256", "3des", "des", "null", ... */
	const char *auth; /* canonical ESP integrity: "sha1", "sha256", "md5", "none" */
	bool transport;	  /* mode transport (default tunnel) */
	const char *file;
	unsigned line;
	bool ikev2; /* an IKEv2 IPsec proposal (ASA `ipsec-proposal`), not a transform set */
	struct tc_tset *next;
	struct tc_tset *hnext; /* chain of the device's name index (index.c) */
} tc_tset;

#define TC_IKE_MORE 6 /* further IKEv2 values kept per transform type */

typedef struct tc_ikepol {
	unsigned prio;	   /* policy priority number */
	unsigned version;  /* 1 or 2 */
	const char *enc;   /* canonical: "des", "3des", "aes-128", "aes-192", "aes-256" */
	const char *hash;  /* canonical: "md5", "sha1", "sha256", "sha384", "sha512" */
	const char *auth;  /* "pre-share", "rsa-sig", "ecdsa-sig", "rsa-encr", "crack" */
	unsigned group;	   /* DH group */
	unsigned lifetime; /* seconds */
	const char *file;
	unsigned line;
	const char
		*name; /* IOS IKEv2 proposal name (prio is then its definition order); else NULL */
	/* IKEv2: the values listed after the preferred enc, hash and group (an IKEv2 proposal
	 * offers several of each; NULL-terminated when shorter) */
	const char *enc_more[TC_IKE_MORE], *hash_more[TC_IKE_MORE];
	uint32_t group_more; /* bit g: DH group g (1..31) */
	uint8_t said;	     /* IKEv2: a line gave enc (bit 1), hash (2), group (4) */
	struct tc_ikepol *next;
} tc_ikepol;

/* An IOS `crypto ikev2 policy NAME`: which proposals the device offers and accepts on the
 * local addresses and front-door VRF it matches. */
typedef struct tc_ikev2pol {
	const char *name;
	const char **props; /* `proposal P` names, arena */
	unsigned nprops;
	uint32_t *locals; /* `match address local A`, arena; none: any address */
	unsigned nlocals;
	const char *fvrf; /* `match fvrf V`, NULL: the global table */
	bool fvrf_any;	  /* `match fvrf any` */
	const char *file;
	unsigned line;
	struct tc_ikev2pol *next;
} tc_ikev2pol;

/* An IKE identity (RFC 7296 §3.5 ID types as IOS names them): what an IKEv2 end presents
 * (`identity local`), what a profile matches (`match identity remote`), whom a keyring peer
 * is (`identity`). */
typedef enum tc_idkind {
	TC_ID_NONE = 0, /* not said (or a kind tunnelcast does not read: dn, certificates) */
	TC_ID_ADDRESS,
	TC_ID_FQDN,
	TC_ID_EMAIL,
	TC_ID_KEYID,
} tc_idkind;

typedef struct tc_ikeid {
	tc_idkind kind;
	tc_prefix addr;	  /* TC_ID_ADDRESS: the address, or the matched range */
	const char *name; /* the others: the name as written, compared without case */
	bool domain;	  /* a match on the domain part (`fqdn domain D`, `email domain D`) */
} tc_ikeid;

typedef struct tc_psk {
	tc_prefix peer;	 /* peer address (/32), or a wildcard such as 0.0.0.0/0 */
	uint64_t digest; /* tc_secret_digest() of the key; the key itself is never kept */
	const char *file;
	unsigned line;
	unsigned ike_version;  /* 1 or 2 when the key serves that IKE version only; 0: both */
	uint64_t local_digest; /* IKEv2: digest of the key this side presents, when it differs
				    from digest (the key the peer must present) */
	bool has_local_digest;
	const char *keyring;   /* IOS keyring holding it; NULL: a global key */
	const char *vrf;       /* the keyring's VRF, or NULL */
	const char *peer_name; /* the peer given as a host name; peer is then 0.0.0.0/32 */
	tc_ikeid identity;     /* IKEv2 keyring `identity`: the peer it serves as a responder */
	struct tc_psk *next;
} tc_psk;

typedef enum tc_conn_type {
	TC_CONN_BIDIRECTIONAL = 0,
	TC_CONN_ORIGINATE_ONLY,
	TC_CONN_ANSWER_ONLY,
} tc_conn_type;

/* Reverse route injection: how an entry installs routes to its remote proxies. */
typedef enum tc_rri {
	TC_RRI_NONE = 0,
	TC_RRI_DYNAMIC,	    /* while an SA is up (IOS `reverse-route`, ASA `set reverse-route`) */
	TC_RRI_STATIC,	    /* whenever the map is applied (IOS `reverse-route static`) */
	TC_RRI_REMOTE_PEER, /* via the peer as next hop (IOS `reverse-route remote-peer [A]`) */
} tc_rri;

#define TC_MAX_PEERS 16
#define TC_MAX_TSETS 8

/* Fields grouped by size (464 bytes, was 496). */
typedef struct tc_entry {
	const char *map; /* crypto map set name */
	unsigned seq;	 /* sequence number */
	unsigned npeers;
	const char *acl_name;	      /* `match address`, or NULL */
	const tc_acl *acl;	      /* resolved by tc_model_finalize(), NULL if undefined */
	uint32_t peers[TC_MAX_PEERS]; /* ordered preference list, host order */
	int default_peer;	      /* IOS `set peer A default`: index, or -1 */
	unsigned ntsets;
	const char *tset_names[TC_MAX_TSETS];
	const tc_tset *tsets[TC_MAX_TSETS]; /* resolved; NULL where undefined */
	unsigned pfs_group;		    /* 0 = no PFS */
	tc_conn_type conn_type;
	const char *dynmap;   /* dynamic map name when dynamic */
	unsigned ike_version; /* 1 (default) or 2 */
	unsigned line;
	const char *file;		      /* first line that mentioned this entry */
	const char *peer_names[TC_MAX_PEERS]; /* every peer as written, in order: addresses and
						 host names alike (peers[] has those resolved) */
	unsigned npeer_names;
	tc_rri rri;		    /* reverse route injection */
	const char *isakmp_profile; /* IOS `set isakmp-profile`, or NULL */
	const char *ikev2_profile;  /* IOS `set ikev2-profile`, or NULL */
	const char *local_address;  /* interface whose address is the local end (IOS `crypto map
				       NAME local-address IF`); NULL: the egress interface */
	uint32_t rri_nh;       /* RRI next hop (`remote-peer A`, `gateway A`), when has_rri_nh */
	unsigned rri_tag;      /* RRI route tag; 0: none */
	unsigned rri_distance; /* RRI route distance; 0: the default */
	unsigned lifetime_sec; /* phase-2 SA lifetime in seconds; 0: the device default */
	unsigned lifetime_kb;  /* phase-2 SA lifetime in kilobytes; 0: the device default */
	bool dynamic;	       /* `ipsec-isakmp dynamic DYN`: responds only */
	bool has_rri_nh;
	bool nat_t_disable; /* ASA `set nat-t-disable` */
	const char *description;
	struct tc_peer_name *named; /* IOS peers given by host name, resolved (or reported) by
				       tc_model_finalize(): `ip host` may come after the map */
	struct tc_entry *next;
	struct tc_entry *hnext; /* chain of the device's name index (index.c) */
} tc_entry;

/* How a tunnel interface carries its packets (`tunnel mode`). */
typedef enum tc_tun_mode {
	TC_TUN_GRE = 0, /* GRE over IPv4 (IOS `tunnel mode gre ip`, the IOS default) */
	TC_TUN_IPSEC,	/* static VTI (`tunnel mode ipsec ipv4`): IPsec, selectors any/any */
	TC_TUN_OTHER,	/* another mode, not modelled: nothing is routed through it */
} tc_tun_mode;

/* An IPsec profile (`crypto ipsec profile P`): the phase-2 settings a protected tunnel
 * negotiates. They are kept as a crypto map entry holds them (transform sets, PFS, lifetimes,
 * IKE profile, IKE version) in `sa`, an entry of no map: not in the device's entries, so no
 * crypto map sees it; map is the profile's name, seq 0. Resolved by tc_model_finalize(). */
typedef struct tc_ipsec_profile {
	const char *name;
	tc_entry *sa;
	const char *file;
	unsigned line;
	struct tc_ipsec_profile *next;
} tc_ipsec_profile;

/* The tunnel settings of a tunnel interface (tc_iface.tun); the interface keeps its address. */
typedef struct tc_tunnel {
	tc_tun_mode mode;
	bool shared;			 /* `tunnel protection ... shared` */
	bool has_mode;			 /* a `tunnel mode` line was read */
	const char *mode_text;		 /* the mode as written when TC_TUN_OTHER, else NULL */
	const char *src_ifname;		 /* `tunnel source IF` (ASA: the nameif), or NULL */
	uint32_t src;			 /* `tunnel source A`; after finalize, the source address in
				      use (src_ifname's primary address); 0: none */
	uint32_t dst;			 /* `tunnel destination A`; 0: none */
	const char *profile_name;	 /* `tunnel protection ipsec profile P`, or NULL */
	const tc_ipsec_profile *profile; /* resolved by tc_model_finalize(); NULL if undefined */
	const char *vrf;	   /* `tunnel vrf V`: the VRF the outer packets use, or NULL */
	const tc_iface *src_iface; /* src_ifname resolved by tc_model_finalize() */
	unsigned line;		   /* the first tunnel line */
} tc_tunnel;

/* IKE authentication methods, as bits: what one side presents or accepts. */
enum {
	TC_AUTH_PSK = 1u,   /* pre-shared key */
	TC_AUTH_RSA = 2u,   /* RSA signature with a certificate (rsa-sig) */
	TC_AUTH_ECDSA = 4u, /* ECDSA signature with a certificate (ecdsa-sig) */
};
#define TC_AUTH_CERTS (TC_AUTH_RSA | TC_AUTH_ECDSA)

/* How one side authenticates its peers (an IOS IKE profile, an ASA tunnel-group). 16 bytes. */
typedef struct tc_ikeauth {
	uint8_t local;		/* IKEv2: the TC_AUTH_ bit this side presents; 0: not said */
	uint8_t remote;		/* IKEv2: the TC_AUTH_ bits it accepts from the peer; 0: not said */
	const char *trustpoint; /* the trustpoint it names (IOS `pki trustpoint`, `ca
				   trust-point`; ASA `trust-point`, `local-authentication
				   certificate TP`), or NULL */
} tc_ikeauth;

/* A PKI trustpoint (IOS `crypto pki trustpoint`, ASA `crypto ca trustpoint`): its name only;
 * no certificate content is ever read. */
typedef struct tc_trustpoint {
	const char *name;
	const char *file;
	unsigned line;
	struct tc_trustpoint *next;
} tc_trustpoint;

/* An ASA `tunnel-group NAME ipsec-attributes` that authenticates with certificates (the keys
 * of the others are tc_psk). Created on its first certificate line. */
typedef struct tc_tgroup {
	tc_prefix peer;		   /* NAME as an address (/32), 0.0.0.0/0 for DefaultL2LGroup */
	bool has_peer;		   /* false: a group named otherwise (remote access, by name) */
	const char *v1_trustpoint; /* `ikev1 trust-point` / `trust-point`, or NULL */
	tc_ikeauth v2;		   /* `ikev2 local-authentication` / `remote-authentication` */
	const char *name;
	const char *file;
	unsigned line;
	struct tc_tgroup *next;
} tc_tgroup;

/* An IOS `set peer NAME [dynamic]` whose NAME is not an address: resolved through the
 * device's `ip host` lines when the model is finalized, wherever they stand in the file. */
typedef struct tc_peer_name {
	const char *name;
	unsigned index; /* in the entry's peer_names[] */
	const char *file;
	unsigned line, col;
	uint32_t addr; /* through `ip host`, or 0: unknown to the snapshot */
	bool dynamic;  /* `set peer NAME dynamic`: resolved by DNS at negotiation time */
	bool is_default;
	struct tc_peer_name *next;
} tc_peer_name;

/* An IKE profile: which peers it serves and with which keys (IOS `crypto
 * isakmp profile` and `crypto ikev2 profile`); crypto map entries name it. */
typedef struct tc_ikeprof {
	const char *name;
	unsigned version;    /* 1: ISAKMP (IKEv1) profile, 2: IKEv2 profile */
	tc_ikeauth auth;     /* `authentication local|remote`, `pki trustpoint`, `ca trust-point` */
	const char *keyring; /* keyring it takes keys from (IKEv2: the local one), or NULL */
	tc_prefix *match;    /* peers it matches (`match identity [remote] address`), arena */
	unsigned nmatch;
	tc_ikeid *match_ids; /* IKEv2 `match identity remote fqdn|email|key-id`, arena */
	unsigned nmatch_ids;
	bool match_any;		   /* IKEv2 `match identity remote any` */
	bool match_other;	   /* matched by what tunnelcast does not read (certificates) */
	tc_ikeid local_id;	   /* IKEv2 `identity local`; TC_ID_NONE: not said */
	const char *vrf;	   /* front-door VRF (`vrf`, `match fvrf`), or NULL */
	bool fvrf_any;		   /* IKEv2 `match fvrf any` */
	const char *local_address; /* `local-address` as written (address or interface), or NULL */
	unsigned dpd_interval;	   /* dead peer detection interval in seconds; 0: off */
	unsigned dpd_retry;	   /* seconds between retries; 0: the default */
	const char *file;
	unsigned line;
	struct tc_ikeprof *next;
} tc_ikeprof;

/* The addresses one side of a NAT rule stands for. */
typedef struct tc_natset {
	tc_prefix *v; /* arena; 0.0.0.0/0 stands for any */
	unsigned n;   /* 0: the rule does not translate this field */
} tc_natset;

/* One NAT rule, whatever the syntax (ASA object / twice / pre-8.3 NAT, IOS
 * `ip nat`). Rules are tried in (section, order) order; the first match wins.
 * A packet from the real side with source in real_src (and destination in
 * mapped_dst when given) leaves with source mapped_src (destination real_dst). */
typedef struct tc_nat {
	unsigned section;      /* 1: manual (twice) NAT and IOS rules; 2: object (auto) NAT;
				      3: manual NAT placed after-auto */
	unsigned order;	       /* 1-based position within the section, explicit line numbers
				      applied; set when the file is parsed */
	const char *real_if;   /* interface of the real side (ASA nameif), NULL: any */
	const char *mapped_if; /* interface of the mapped side, NULL: any */
	bool real_outside;     /* IOS `ip nat outside ...`: the real side is the NAT outside
				      (interfaces with nat_outside) rather than the inside */
	bool is_static;	       /* fixed, bidirectional mapping; false: dynamic, initiated from
				      the real side only */
	bool identity;	       /* every translated field maps to itself (NAT exemption) */
	bool pat;	       /* many-to-one with port translation (overload, PAT pool) */
	bool dest_only;	       /* IOS `inside destination`: translates the destination only */
	tc_natset real_src, mapped_src;
	const char *mapped_src_if;	/* the mapped source is this interface's address (ASA
				      `interface`: the mapped_if), or NULL */
	tc_natset real_dst, mapped_dst; /* twice NAT destination; n == 0 when absent */
	const char *acl_name;  /* the real traffic is what this ACL permits (IOS `list`, ASA
				      `nat 0 access-list`), or NULL */
	const tc_acl *acl;     /* resolved by tc_model_finalize() */
	const char *route_map; /* IOS route-map selecting the real traffic (not resolved) */
	const char *vrf;       /* IOS `vrf NAME`, or NULL */
	bool route_lookup;     /* ASA route-lookup: egress by routing, not by mapped_if */
	bool no_proxy_arp;
	bool unidirectional;
	bool inactive; /* ASA `inactive`: kept in the config, not applied */
	bool ports;    /* the rule also maps ports (service / tcp A p B q) */
	const char *file;
	unsigned line;
	struct tc_nat *next;
} tc_nat;

/* An address alias usable where an address stands (ASA `name`, IOS `ip host`). */
typedef struct tc_name {
	const char *name;
	uint32_t addr;
	const char *file;
	unsigned line;
	struct tc_name *next;
	struct tc_name *hnext;	/* chains of the device's name indexes (index.c): exact, */
	struct tc_name *cinext; /* and without case */
} tc_name;

/* How many lines of a file the parser understood. lines = modelled + skipped
 * + unknown + malformed; the rel_ counters are the same for the crypto,
 * routing, ACL, NAT and interface lines alone. */
typedef struct tc_linestats {
	unsigned lines; /* configuration lines: blank lines, comments and banner bodies excluded */
	unsigned modelled;  /* read into the model */
	unsigned skipped;   /* valid commands tunnelcast does not model */
	unsigned unknown;   /* not recognised */
	unsigned malformed; /* recognised but with an error (bad syntax, undefined object) */
	unsigned rel_lines, rel_modelled, rel_skipped, rel_unknown, rel_malformed;
} tc_linestats;

/* 16 bytes (was 32): one per route and connected interface of every device, the largest single
 * item of a big snapshot's memory. The next hop and distance are the route's, read through the
 * route rather than copied; the egress interface is an index into the device's ifv, packed
 * beside the prefix length. Read them with the tc_fib_ accessors after tc_device. */
typedef struct tc_fib_entry {
	const tc_route *route; /* where it came from, with its next hop and distance; NULL: a
				  connected subnet (no next hop, distance 0) */
	uint32_t addr;	       /* destination network, host order */
	unsigned len : 6;      /* its prefix length, 0..32 */
	unsigned iface : 26;   /* egress interface, tc_fib_iface(); 0: none (Null0, unresolved) */
} tc_fib_entry;

/* Interfaces a device's FIB can name (the width of tc_fib_entry.iface); tc_model_finalize()
 * diagnoses a device with more, and routes nothing out of the rest. */
#define TC_FIB_MAX_IFACES ((1u << 26) - 1)

/* ---- observed state (SNAPSHOT/state/<hostname>.txt) -------------------- */

/* What a device showed about its live SAs in a capture of `show crypto ...`
 * and `show vpn-sessiondb ...` output (parser/state*.c), kept apart from the
 * configuration: drift (model/drift.c) holds it against the prediction. */

/* One phase-2 SA as `show crypto ipsec sa` prints it: one proxy pair with one
 * peer on one interface (its inbound and outbound ESP SAs together). */
typedef struct tc_obs_sa {
	const char *iface; /* interface as printed (ASA nameif, IOS name); NULL: not shown */
	const char *cmap;  /* crypto map name; NULL: not shown (tunnel protection, sessions) */
	unsigned seq;	   /* crypto map seq; valid when has_seq */
	bool has_seq;
	tc_prefix local, remote; /* local ident / remote ident */
	uint8_t proto;		 /* IP protocol of the idents; 0: any */
	uint16_t lport, rport;	 /* ports of the idents; 0: any */
	uint32_t peer;		 /* current_peer / remote address, host order */
	/* the peer as printed when it is an ASA `name` no config resolves (a lone capture); peer
	 * is then 0. NULL otherwise */
	const char *peer_name;
	uint32_t local_addr;	 /* local crypto endpoint; 0: not shown */
	uint64_t encaps, decaps; /* #pkts encaps / #pkts decaps; valid when has_counters */
	bool has_counters;
	uint32_t spi_in, spi_out; /* current inbound / outbound SPI; 0: none shown */
	long lifetime_s;	  /* seconds left on the outbound SA; -1: not shown */
	/* a flow listed with no SA up (IOS `current outbound spi: 0x0` and no ESP SA; `show
	 * crypto session` `Active SAs: 0`): the proxy pair points at peer, nothing is up */
	bool no_sa;
	const char *file; /* the capture, and the line the SA's block starts at */
	unsigned line;
	struct tc_obs_sa *next;
} tc_obs_sa;

/* One IKE SA as `show crypto isakmp|ikev1|ikev2 sa`, `show crypto session`
 * or `show vpn-sessiondb l2l` prints it. */
typedef struct tc_obs_ike {
	uint32_t peer;	       /* remote address, host order */
	const char *peer_name; /* as tc_obs_sa.peer_name */
	uint32_t local_addr;   /* 0: not shown */
	unsigned version;      /* 1 or 2; 0: not shown */
	const char *state;     /* as printed: "QM_IDLE", "MM_ACTIVE", "READY", "UP-ACTIVE"... */
	bool up;	       /* the state is an established one */
	const char *file;
	unsigned line;
	struct tc_obs_ike *next;
} tc_obs_ike;

/* A device's capture: its SAs and IKE SAs in capture order. */
typedef struct tc_obs {
	const char *file;
	tc_obs_sa *sas, *sas_tail;
	tc_obs_ike *ikes, *ikes_tail;
	size_t nsas, nikes;
	tc_linestats stats; /* of the capture: lines understood, skipped, unknown */
} tc_obs;

/* Append sa / k to o's SAs / IKE SAs, in capture order (the parser's and tests' one way). */
static inline void tc_obs_add_sa(tc_obs *o, tc_obs_sa *sa)
{
	if (o->sas_tail)
		o->sas_tail->next = sa;
	else
		o->sas = sa;
	o->sas_tail = sa;
	o->nsas++;
}
static inline void tc_obs_add_ike(tc_obs *o, tc_obs_ike *k)
{
	if (o->ikes_tail)
		o->ikes_tail->next = k;
	else
		o->ikes = k;
	o->ikes_tail = k;
	o->nikes++;
}

typedef struct tc_device {
	const char *hostname; /* from `hostname`; file's base name if missing */
	const char *file;     /* config file path */
	tc_dialect dialect;
	tc_iface *ifaces, *ifaces_tail;
	tc_route *routes, *routes_tail;	    /* static routes from the config */
	tc_route *captured, *captured_tail; /* routes from routes/<hostname>.txt */
	bool has_capture;		    /* when true, captured replaces connected+static */
	const char *capture_file;
	tc_acl *acls, *acls_tail;
	tc_entry *entries, *entries_tail; /* sorted by (map, seq) after finalize */
	tc_tset *tsets, *tsets_tail;
	tc_ikepol *ikepols, *ikepols_tail; /* sorted by priority after finalize */
	tc_psk *psks, *psks_tail;
	/* built by tc_model_finalize(): */
	tc_fib_entry *fib; /* sorted by prefix length descending */
	size_t nfib;
	uint64_t fib_lens; /* bit L set: the FIB has /L entries, at fib[fib_start[L]..fib_end[L]) */
	uint32_t fib_start[33], fib_end[33];
	unsigned index;		    /* position in tc_model.devs */
	unsigned nifv;		    /* interfaces in ifv, NULL included */
	const tc_iface **ifv;	    /* ifv[k]: the interface tc_iface.index k; ifv[0]: NULL, so
				     that tc_fib_iface() needs no test */
	tc_route *held, *held_tail; /* routes the FIB does not use: those of a VRF
					       (vrf set) and captured ones whose network is
					       an unresolved name (dst_unresolved) */
	tc_entry *dynentries, *dynentries_tail; /* dynamic crypto map entries (map = the
						   dynamic map), sorted after finalize */
	tc_ikeprof *ikeprofs, *ikeprofs_tail;
	tc_trustpoint *trustpoints, *trustpoints_tail; /* in config order */
	tc_tgroup *tgroups, *tgroups_tail;	       /* ASA, in config order */
	tc_nat *nats, *nats_tail;		 /* sorted by (section, order) after finalize */
	tc_name *names, *names_tail;		 /* address aliases */
	unsigned dpd_interval, dpd_retry;	 /* global IKE keepalive (IOS `crypto isakmp
					       keepalive`); 0: off */
	tc_linestats stats;			 /* of the config file */
	tc_linestats capture_stats;		 /* of the routing-table capture */
	struct tc_dev_index *lookup;		 /* hash tables of its ACLs and entries (index.c) */
	struct tc_dev_rt *rt;			 /* routing processes, prefix lists, route maps, or
					     NULL (routing.h) */
	tc_route *computed, *computed_tail;	 /* the control-plane pass's routes of the global
					       table (tc_routing_compute); in the FIB unless
					       the device has a capture */
	struct tc_rri_via *rri_via;		 /* routes to other devices' dynamic reverse routes
					     (routing.h), or NULL */
	tc_ipsec_profile *ipsec_profiles;	 /* `crypto ipsec profile`, in config order */
	tc_ikev2pol *ikev2pols, *ikev2pols_tail; /* IOS, in config order */
	tc_ikeid ike_id;			 /* ASA `crypto isakmp identity`, IOS `crypto isakmp
					       identity`: the identity it presents when no profile
					       says; TC_ID_NONE: its address */
	const char *domain;			 /* `domain-name`, `ip domain name`, or NULL */
	tc_obs *obs;				 /* state/<hostname>.txt, or NULL: not captured */
	struct tc_device *next;
} tc_device;

/* Reading a FIB entry fe of device d: its destination network. */
static inline tc_prefix tc_fib_dst(const tc_fib_entry *fe)
{
	return (tc_prefix){fe->addr, (uint8_t)fe->len};
}

/* Egress interface; NULL for Null0 and unresolved routes. */
static inline const tc_iface *tc_fib_iface(const tc_device *d, const tc_fib_entry *fe)
{
	return d->ifv[fe->iface];
}

/* False for connected subnets and interface-only routes. */
static inline bool tc_fib_has_nh(const tc_fib_entry *fe)
{
	return fe->route && fe->route->has_nh;
}

/* Next hop (the route's), host order; 0 when directly connected. */
static inline uint32_t tc_fib_nh(const tc_fib_entry *fe)
{
	return tc_fib_has_nh(fe) ? fe->route->nh : 0;
}

/* Administrative distance (0: connected): orders a prefix's entries, best first. */
static inline unsigned tc_fib_distance(const tc_fib_entry *fe)
{
	return fe->route ? fe->route->distance : 0;
}

/* A shared subnet: two or more interfaces (of any devices) in one prefix. */
typedef struct tc_link_end {
	const tc_device *device;
	const tc_iface *iface;
} tc_link_end;

typedef struct tc_link {
	tc_prefix subnet;
	tc_link_end *ends; /* sorted by hostname, then interface name */
	size_t nends;
} tc_link;

typedef struct tc_model {
	tc_arena *arena;
	tc_device *devices, *devices_tail; /* sorted by hostname after finalize */
	tc_device **devs;		   /* array view, after finalize */
	size_t ndevs;
	tc_link *links; /* after finalize, sorted by subnet */
	size_t nlinks;
	tc_diag *diags, *diags_tail; /* sorted by file, line, col after finalize */
	size_t ndiags[3];	     /* counts per severity, the dropped ones too */
	unsigned max_diags;	     /* diagnostics kept per file and code (tc_model_new:
					TC_MAX_DIAGS_DEFAULT); 0: all. Set before loading */
	size_t nsuppressed;	     /* diagnostics counted but not kept */
	tc_diag_more *diag_more;     /* where they were, after finalize (diagcap.c) */
	struct tc_diag_tab *diagtab; /* the counts behind it (diagcap.c) */
	unsigned unknown_lines;	     /* lines the parser did not understand */
	bool finalized;
	struct tc_addr_index *addrs; /* interfaces by address and by connected subnet,
					      built by tc_model_finalize() (index.c) */
} tc_model;

/* ---- model building (used by the parser) -------------------------------- */

/* New empty model, or NULL when out of memory. Free with tc_model_free(). */
tc_model *tc_model_new(void);
void tc_model_free(tc_model *m);
/* Append part's devices and diagnostics to m, add its counters, move its
 * memory into m's arena and free part: for models built in parallel (one
 * per file), merged in a fixed order. Neither may be finalized. */
void tc_model_adopt(tc_model *m, tc_model *part);

/* Add a diagnostic. file/text are copied; text is stored as given, so the
 * caller must have masked secrets (the parser owns that). Beyond m->max_diags
 * of one file and code it is only counted (tc_diag_more). */
void tc_model_diag(tc_model *m, const char *file, unsigned line, unsigned col, tc_severity sev,
		   const char *code, const char *text, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
/* Apply m->max_diags to m's diagnostics (in their order: tc_model_finalize() sorts them first,
 * then calls it) and list the dropped ones in m->diag_more. */
void tc_model_diag_finish(tc_model *m);

/* New device, appended; hostname may be NULL until known (set
 * dev->hostname = tc_arena_strdup(m->arena, name) later). */
tc_device *tc_device_add(tc_model *m, const char *file, tc_dialect dialect);
/* New interface/route/acl/... appended to the device, zeroed with sensible
 * defaults (route distance 1, ace ports 0..65535, ike_version 1, tset tunnel
 * mode, iface.ike true on IOS); a route gets a zeroed tc_route_attr of its own.
 * Names are copied into the arena. */
tc_iface *tc_iface_add(tc_model *m, tc_device *d, const char *name);
/* The interface named exactly name (case-sensitive; the latest added when
 * there are several), or a new one: a hash probe, not a scan. */
tc_iface *tc_iface_get(tc_model *m, tc_device *d, const char *name);
/* Set i's ASA nameif (an arena string, or NULL for `no nameif`): tc_iface_find() finds i by
 * it from now on. Setting i->nameif directly is seen only after tc_model_finalize(). */
void tc_iface_set_nameif(tc_model *m, tc_device *d, tc_iface *i, const char *nameif);
tc_route *tc_route_add(tc_model *m, tc_device *d, tc_route_origin origin);
/* A route appended as tc_route_add() (held: to d->held, as tc_route_add_held()) whose attr is
 * at, shared, not copied: at must live as long as the model (arena). */
tc_route *tc_route_add_shared(tc_model *m, tc_device *d, tc_route_origin origin, bool held,
			      tc_route_attr *at);
tc_acl *tc_acl_get(tc_model *m, tc_device *d, const char *name); /* find or create */
tc_ace *tc_ace_add(tc_model *m, tc_acl *acl);
tc_tset *tc_tset_add(tc_model *m, tc_device *d, const char *name);
tc_ikepol *tc_ikepol_add(tc_model *m, tc_device *d, unsigned prio, unsigned version);
tc_psk *tc_psk_add(tc_model *m, tc_device *d);
tc_entry *tc_entry_get(tc_model *m, tc_device *d, const char *map,
		       unsigned seq); /* find or create */

/* Lookups; NULL when absent. iface matches name or nameif, case-insensitively, the first
 * interface in config order that does; a hash probe. */
tc_iface *tc_iface_find(const tc_device *d, const char *name);
tc_acl *tc_acl_find(const tc_device *d, const char *name);
const tc_device *tc_device_find(const tc_model *m, const char *hostname);
/* The interface of d that name names as the IOS command line reads it: the name or nameif
 * (tc_iface_find), else a prefix of the type with the same number ("Gi0/2", "gi 0/2",
 * "Tu1"), when exactly one interface of d fits; NULL otherwise, *ambiguous set when several
 * fit. */
const tc_iface *tc_iface_abbrev(const tc_device *d, const char *name, bool *ambiguous);
/* The device and interface holding address ip (non-shutdown), or NULL. */
const tc_device *tc_device_by_addr(const tc_model *m, uint32_t ip, const tc_iface **iface_out);
/* Every interface whose primary address is ip, shut down or not, in device
 * then interface order: returns how many and points *out at them (model
 * memory). 0 with *out NULL when none, and before tc_model_finalize(). */
size_t tc_addr_holders(const tc_model *m, uint32_t ip, const tc_link_end **out);
/* Call cb for every interface that is not shut down whose connected subnet
 * (primary address and length) holds ip: the longest subnets first, device
 * then interface order among equals; stop when cb returns false. A hash
 * probe per distinct subnet length. Finalized models only (no call before). */
void tc_connected_foreach(const tc_model *m, uint32_t ip,
			  bool (*cb)(const tc_device *d, const tc_iface *i, void *payload),
			  void *payload);

/* Builders and lookups for the objects of real configs (VRF and unresolved
 * routes, dynamic maps, IKE profiles, NAT, aliases); zeroed like the others. */
/* A route appended to d->held (not used by the FIB; has_capture untouched). */
tc_route *tc_route_add_held(tc_model *m, tc_device *d, tc_route_origin origin);
/* Append a secondary address to i (the array is reallocated in the arena). */
void tc_iface_add_secondary(tc_model *m, tc_iface *i, uint32_t addr, uint8_t plen);
/* Dynamic map entry `map seq`: find or create (defaults as tc_entry_get, dynamic set). */
tc_entry *tc_dynentry_get(tc_model *m, tc_device *d, const char *map, unsigned seq);
/* IKE profile `name` of `version`: find or create. */
tc_ikeprof *tc_ikeprof_get(tc_model *m, tc_device *d, const char *name, unsigned version);
tc_ikeprof *tc_ikeprof_find(const tc_device *d, const char *name, unsigned version);
/* Append a peer prefix to p->match. */
void tc_ikeprof_add_match(tc_model *m, tc_ikeprof *p, tc_prefix peer);
/* IOS IKEv2 policy `name`: find or create. */
tc_ikev2pol *tc_ikev2pol_get(tc_model *m, tc_device *d, const char *name);
/* Add a `proposal P` / `match address local A` to an IKEv2 policy. */
void tc_ikev2pol_add_prop(tc_model *m, tc_ikev2pol *p, const char *prop);
void tc_ikev2pol_add_local(tc_model *m, tc_ikev2pol *p, uint32_t addr);
/* Add a `match identity remote fqdn|email|key-id` identity to an IKEv2 profile. */
void tc_ikeprof_add_match_id(tc_model *m, tc_ikeprof *p, tc_ikeid id);
tc_nat *tc_nat_add(tc_model *m, tc_device *d);
/* i's tunnel settings, created (GRE, nothing set) on first use. */
tc_tunnel *tc_iface_tunnel(tc_model *m, tc_iface *i);
/* IPsec profile `name`: find or create (its sa an entry with tc_entry_get's defaults). */
tc_ipsec_profile *tc_ipsec_profile_get(tc_model *m, tc_device *d, const char *name);
const tc_ipsec_profile *tc_ipsec_profile_find(const tc_device *d, const char *name);

/* A trustpoint named name, appended (a block entered twice is listed twice). */
tc_trustpoint *tc_trustpoint_add(tc_model *m, tc_device *d, const char *name);
/* A new ASA tunnel-group record named name, appended. */
tc_tgroup *tc_tgroup_add(tc_model *m, tc_device *d, const char *name);
/* Alias name -> addr; a later definition of the same name replaces the address. */
tc_name *tc_name_add(tc_model *m, tc_device *d, const char *name, uint32_t addr);
/* The alias spelled s[0..n) (case-sensitive, as the ASA), or NULL. */
const tc_name *tc_name_find(const tc_device *d, const char *s, size_t n);
tc_tset *tc_tset_find(const tc_device *d, const char *name);
/* Add the counters of s to sum. */
void tc_linestats_add(tc_linestats *sum, const tc_linestats *s);

/* Resolve cross references (ACLs, transform sets, crypto map interfaces,
 * duplicate hostnames), build FIBs and links, sort everything. Adds
 * diagnostics for dangling references; never fails on bad input.
 * Returns 0, or TC_ENOMEM. */
int tc_model_finalize(tc_model *m);
/* The same, resolving and building the FIBs of the devices on up to jobs
 * threads (0 or 1: this one only); the model is the one thread's. */
int tc_model_finalize_jobs(tc_model *m, unsigned jobs);

/* Longest-prefix match in a finalized device's FIB; NULL when no route. */
const tc_fib_entry *tc_fib_lookup(const tc_device *d, uint32_t ip);
/* The same, skipping routes out of interfaces for which usable() is false
 * (failed links): the next best route, possibly a shorter prefix, wins. */
const tc_fib_entry *tc_fib_lookup_if(const tc_device *d, uint32_t ip,
				     bool (*usable)(const tc_iface *iface, void *payload),
				     void *payload);
/* The equal-cost paths of fe's prefix on d (fe, an entry of d's FIB, first): the entries after
 * it with the same administrative distance and metric and another next hop or interface, in
 * FIB order (configuration or RIB order), at most max of them in out. A device forwards by
 * all of them (CEF load sharing); an ASA only by those out of fe's interface (it has no ECMP
 * across interfaces), at most TC_ASA_MAX_ECMP there. Returns how many (1 when fe has no
 * equal; fe outside d's FIB: 1). */
size_t tc_fib_ecmp(const tc_fib_entry **out, size_t max, const tc_device *d,
		   const tc_fib_entry *fe);
/* An ASA installs at most this many equal-cost routes per interface (ASA general operations
 * configuration guide, "Equal-Cost Multi-Path (ECMP) Routing"): tc_fib_ecmp() reads no more on
 * an ASA, and the FIB build warns (ecmp-not-installed) at each route past them. */
#define TC_ASA_MAX_ECMP 8
/* d itself when it has no capture; else a copy of d (in m's arena, sharing its interfaces and
 * routes) whose FIB is built from its configs, connected, static and computed routes, as if
 * the capture were absent, without diagnostics: what `routes --compare` sets against the
 * capture. Finalized models only. */
const tc_device *tc_device_configs_view(tc_model *m, const tc_device *d);

#endif
