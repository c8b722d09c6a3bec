/* parser_int.h: types and helpers shared by the parser's own files; no other module includes it. */
#ifndef TC_PARSER_INT_H
#define TC_PARSER_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kit.h"
#include "model.h"
#include "parser.h"
#include "routing.h"

#define TC_MAX_TOKS 64	    /* words kept per line; the rest is flagged as overflow */
#define TC_MAX_DEPTH 6	    /* nested blocks tracked by indentation */
#define TC_MAX_EXPAND 65536 /* most ACEs one ACL line may expand to */
#define TC_MAX_PORTS 16	    /* port ranges one side of an ACE may list (eq A B C) */
#define TC_MAX_RANGE_PFX 64 /* most prefixes an address range is split into */
#define TC_TEXT_MAX 1024    /* longest diagnostic text kept */
#define TC_QUAD_CACHE 64    /* dotted quads remembered (a power of 2, at most 64) */

/* ---- lines and tokens ---------------------------------------------------- */

typedef struct tc_tok {
	const char *p; /* into the caller's buffer; never kept past the line */
	size_t len;
} tc_tok;

typedef struct tc_line {
	const char *p; /* line start, trailing blanks and CR removed */
	size_t len;
	unsigned no;	 /* 1-based line number */
	unsigned indent; /* leading blanks */
	tc_tok tok[TC_MAX_TOKS];
	size_t ntok;
	bool overflow; /* more than TC_MAX_TOKS words */
} tc_line;

/* Split p[0..len) into ln (p must outlive ln). */
void tc_line_split(tc_line *ln, const char *p, size_t len, unsigned no);
/* The line at p, up to the next newline or end, into ln as tc_line_split()
 * would split it; returns where it ends (its newline, or end). */
const char *tc_line_next(tc_line *ln, const char *p, const char *end, unsigned no);

/* ASCII-case-insensitive equality of a[0..n) and b[0..n). */
static inline bool tc_p_caseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x != y &&
		    ((x | 0x20u) != (y | 0x20u) || (unsigned char)((x | 0x20u) - 'a') > 'z' - 'a'))
			return false;
	}
	return true;
}

/* Case-insensitive keyword test. Inline: called for almost every word of
 * every line, with a literal keyword whose length the compiler knows, so a
 * word of another length costs one comparison. */
static inline bool tc_tok_is(const tc_tok *t, const char *kw)
{
	size_t n = __builtin_strlen(kw);
	return t->len == n && tc_p_caseeq(t->p, kw, n);
}
/* Whether t is keyword kw or an abbreviation of it at least min bytes long,
 * as the CLI accepts them ("pass" for "password"), case-insensitive. */
static inline bool tc_tok_abbrev(const tc_tok *t, const char *kw, size_t min)
{
	return t->len >= min && t->len <= strlen(kw) && tc_p_caseeq(t->p, kw, t->len);
}
/* tc_tok_is against a NULL-terminated list. */
bool tc_tok_in(const tc_tok *t, const char *const *list);
/* Whole-token decimal number <= max. */
bool tc_tok_uint(const tc_tok *t, unsigned max, unsigned *out);
/* Token into a NUL-terminated buffer (truncated); returns buf. */
char *tc_tok_str(char *buf, size_t n, const tc_tok *t);
/* 1-based column of token i of ln (1 when i is out of range). */
unsigned tc_tok_col(const tc_line *ln, size_t i);

/* tc_wildcard_to_len() without its loop: wc must be 0...01...1. */
static inline bool tc_p_wild_len(uint32_t wc, uint8_t *out)
{
	if (wc & (wc + 1))
		return false;
	*out = (uint8_t)(wc ? __builtin_clz(wc) : 32);
	return true;
}

/* tc_mask_to_len() without its loop: mask must be 1...10...0. */
static inline bool tc_p_mask_len(uint32_t mask, uint8_t *out)
{
	return tc_p_wild_len(~mask, out);
}

/* ---- compiled patterns (re.c) ---------------------------------------------- */

enum tc_re_id {
	TC_RE_RT_LEGEND = 0, /* "Codes: ..." and its continuation lines ("D - EIGRP, ...") */
	TC_RE_RT_SKIP,	     /* gateway of last resort, timestamps, prompts */
	TC_RE_RT_TABLE,	     /* "Routing Table: NAME" */
	TC_RE_RT_HEADER,     /* "     10.0.0.0/8 is [variably] subnetted, ..." */
	TC_RE_RT_ASA,	     /* "S  10.1.0.0 255.255.0.0 [1/0] via ..." */
	TC_RE_RT_IOS,	     /* "S*  0.0.0.0/0 [1/0] via ..." / "S  1.1.1.1 [1/0] ..." */
	TC_RE_RT_CONT,	     /* indented "[1/0] via ..." / "is directly connected, ..." */
	TC_RE_RT_VIA,	     /* the part after the prefix: "[AD/metric] [via NH] ..." */
	TC_RE_RT_CONN,	     /* the part after the prefix: "is directly connected, IF" ... */
	TC_RE_RT_VIA_BARE,   /* ASA further path without [AD/metric]: "via NH, IF" */
	TC_RE_COUNT
};

enum tc_re_group {
	TC_G_CODE = 0,
	TC_G_NET,
	TC_G_LEN,
	TC_G_MASK,
	TC_G_REST,
	TC_G_AD,
	TC_G_METRIC,
	TC_G_NH,
	TC_G_TAIL,
	TC_G_NAME,
	TC_G_NH6, /* an IPv6 next hop, as printed */
	TC_G_COUNT
};

/* Per-parse scratch: match data for every pattern and an arena for
 * parser-private state (objects, aliases), reset for each file. */
typedef struct tc_pctx {
	tc_arena *scratch;
	pcre2_match_data *md[TC_RE_COUNT];
} tc_pctx;

/* Compile the pattern table once (pthread_once); 0 or TC_ERROR. */
int tc_re_init(void);
/* Allocate ctx's match data and scratch arena; 0 or TC_ENOMEM/TC_ERROR. */
int tc_pctx_init(tc_pctx *ctx);
void tc_pctx_fini(tc_pctx *ctx);
/* Whether path is a symbolic link whose target lies outside root (the
 * snapshot directory, resolved with realpath(); NULL: no check): then a
 * warning [link-outside] names it on m and the caller does not read it
 * (snapshot.c; for every directory of a snapshot: configs/, routes/, ...). */
bool tc_p_link_leaves(tc_model *m, const char *root, const char *path);
/* Match pattern id against s[0..len) (anchored by the pattern itself). */
bool tc_re_match(tc_pctx *ctx, enum tc_re_id id, const char *s, size_t len);
/* After a successful tc_re_match: the named group g, false when unset. */
bool tc_re_group(tc_pctx *ctx, enum tc_re_id id, enum tc_re_group g, const char *s, tc_tok *out);

/* ---- parser state ---------------------------------------------------------- */

typedef struct tc_pstate tc_pstate;

/* A line handler: tokens [0, at) matched the table keywords. Returns 0 when
 * the line was handled (bad syntax included: the handler reports it), or
 * TC_ENOTFOUND when it is not a shape the handler knows: the dispatcher
 * then reports an unknown line. */
typedef int (*tc_handler)(tc_pstate *st, const tc_line *ln, size_t at);

typedef struct tc_cmd {
	const char *kw;	  /* space-separated keywords, e.g. "crypto map"; "*" matches any line */
	tc_handler fn;	  /* NULL: valid, not modelled: skip it and its sub-lines */
	unsigned char nw; /* number of words in kw (filled at start-up) */
} tc_cmd;

/* One keyword of a command table's index: the keyword phrases of the table
 * form a tree of words (a trie), so a lookup reads each word of the line once. */
typedef struct tc_kwnode {
	const char *w;	   /* the word, into its tc_cmd.kw (not NUL-terminated) */
	uint32_t len;	   /* its length */
	uint32_t parent;   /* the node of the previous word; 0: the table's root */
	uint64_t lens;	   /* bit n: a word of length n (63: longer) may follow it */
	const tc_cmd *cmd; /* the command whose phrase ends here, or NULL */
	uint64_t low[2];   /* the word lowercased, zero-padded (words of up to 16 bytes) */
	uint64_t fold[2];  /* 0x20 at each letter of the word: (text | fold) == low */
} tc_kwnode;

/* A command table; the entries are the one list of its commands. At start-up
 * they are sorted and indexed: a lookup walks the line's words down the
 * keyword tree (one hash probe a word) and keeps the longest phrase found. */
typedef struct tc_cmdtab {
	const char *name; /* for messages: "interface", "crypto map entry" */
	tc_cmd *cmds;
	size_t n;
	/* filled at start-up by tc_cmdtab_prepare(): */
	const tc_cmd *any; /* the "*" entry, or NULL */
	tc_kwnode *nodes;  /* the keyword tree; nodes[0] is the root */
	uint32_t *slots;   /* open-addressing hash of (parent, word) -> node, 0: empty */
	uint32_t mask;	   /* number of slots - 1 */
} tc_cmdtab;

#define TC_CMDTAB(nm, arr)                                                                         \
	{                                                                                          \
		nm, arr, sizeof arr / sizeof arr[0], NULL, NULL, NULL, 0                           \
	}

/* Sort tab, count keywords and build its index; called once at start-up.
 * 0, or TC_ENOMEM (the index lives as long as the program). */
int tc_cmdtab_prepare(tc_cmdtab *tab);
/* The longest entry of tab whose keywords equal ln's tokens from `from`. */
const tc_cmd *tc_cmdtab_find(const tc_cmdtab *tab, const tc_line *ln, size_t from);

typedef void (*tc_closer)(tc_pstate *st);

typedef struct tc_block {
	const tc_cmdtab *tab; /* sub-commands; NULL: skip sub-lines silently */
	unsigned indent;      /* indent of the line that opened it */
	tc_closer close;      /* called when the block ends, or NULL */
	bool unknown;	      /* opened by an unknown line: sub-lines count as unknown */
	bool orphans;	      /* opened by a `no` line: each sub-line is reported as unknown */
	const struct tc_dialect_ops *ops; /* the dialect its lines are read in */
	const char *feat; /* the command that opened it (tc_cmd.kw), for the not-modelled notes */
} tc_block;

/* What became of one config line, for the per-file statistics. */
enum tc_lstat {
	TC_L_MODELLED = 0, /* read into the model */
	TC_L_SKIPPED,	   /* valid, not modelled */
	TC_L_UNKNOWN,	   /* not recognised */
	TC_L_MALFORMED,	   /* recognised, with an error */
};

/* A set of prefixes an ACL operand stands for. */
typedef struct tc_aset {
	const tc_prefix *v; /* points at one, or into an object group */
	size_t n;
	tc_prefix one;
} tc_aset;

typedef struct tc_dialect_ops {
	tc_dialect dialect;
	tc_cmdtab *top;			    /* top-level commands */
	const struct tc_dialect_ops *other; /* tried for a top-level line this dialect does not
					       know (files that mix the two dialects) */
	/* Called once after the last line of a file (deferred per-file work), or NULL. */
	void (*finish)(tc_pstate *st);
	/* One ACL address operand at ln->tok[*i]; advances *i. 0 when *out is
	 * set; TC_EPARSE when the line must be skipped (already diagnosed). */
	int (*acl_addr)(tc_pstate *st, const tc_line *ln, size_t *i, tc_aset *out);
	unsigned pfs_default; /* DH group of a bare `set pfs` */
	/* The address of a standard ACL line, same contract. */
	int (*std_addr)(tc_pstate *st, const tc_line *ln, size_t *i, tc_aset *out);
	bool net_masks; /* routing `network A M` takes a netmask (ASA), not a wildcard (IOS) */
} tc_dialect_ops;

extern const tc_dialect_ops tc_ios_ops;
extern const tc_dialect_ops tc_asa_ops;
/* Prepare the dialect tables (called once from tc_re_init); 0 or TC_ENOMEM. */
int tc_ios_prepare(void);
int tc_asa_prepare(void);

enum tc_objkind {
	TC_OBJ_NET = 1,	 /* object network / IOS object-group network member */
	TC_OBJ_NETGRP,	 /* object-group network */
	TC_OBJ_SVC,	 /* object service */
	TC_OBJ_SVCGRP,	 /* object-group service */
	TC_OBJ_OTHER,	 /* object-group icmp-type / user ... */
	TC_OBJ_PROTOGRP, /* object-group protocol: its protocols are svc entries */
	TC_OBJ_POOL,	 /* IOS `ip nat pool` */
};

/* One service: a protocol with source and destination port ranges. */
typedef struct tc_svc {
	uint8_t proto; /* 0: any IP protocol */
	uint16_t sport_lo, sport_hi;
	uint16_t dport_lo, dport_hi;
} tc_svc;

/* A named object or object-group, parser-private, expanded eagerly. */
typedef struct tc_pobj {
	const char *name;
	size_t namelen;
	unsigned kind; /* enum tc_objkind */
	tc_prefix *v;  /* IPv4 prefixes it stands for */
	size_t n, cap;
	bool unmodelled; /* had members we cannot model (fqdn, huge range) */
	unsigned line;
	tc_svc *svc; /* services (service objects and groups, protocol groups) */
	size_t nsvc, svccap;
	uint8_t svcproto; /* ASA typed service group (`object-group service N tcp`): 6, 17, or
			     255 for tcp-udp; 0 otherwise */
	struct tc_pobj *next;
} tc_pobj;

typedef struct tc_alias {
	const char *name;
	size_t namelen;
	uint32_t addr;
	struct tc_alias *next;
} tc_alias;

/* Objects and aliases by name, a token's text (kit.h tables in the scratch arena). */
/* a[0..n) == b[0..n), 4 <= n <= 16, as two overlapping words of w (4 or 8) bytes each. */
static inline bool tc_p_words_eq(const char *a, const char *b, size_t n, size_t w)
{
	uint64_t x = 0, y = 0, u = 0, v = 0;
	memcpy(&x, a, w);
	memcpy(&y, b, w);
	memcpy(&u, a + n - w, w);
	memcpy(&v, b + n - w, w);
	return ((x ^ y) | (u ^ v)) == 0;
}

static inline bool tc_tok_eq(tc_tok a, tc_tok b)
{
	if (a.len != b.len)
		return false;
	/* names of 4 to 16 bytes (interfaces, objects) without a call to memcmp, whose
	 * dispatch on the length was a third of a route's interface lookup */
	if (a.len >= 8 && a.len <= 16) /* w constant in each call: moves, not memcpy calls */
		return tc_p_words_eq(a.p, b.p, a.len, 8);
	if (a.len >= 4 && a.len < 8)
		return tc_p_words_eq(a.p, b.p, a.len, 4);
	return memcmp(a.p, b.p, a.len) == 0;
}
#define TC_POBJ_KEY(n) ((tc_tok){(n)->name, (n)->namelen})
#define TC_POBJ_NEXT(n) ((n)->next)
#define TC_POBJ_EQ(a, b) tc_tok_eq(a, b)
#define TC_POBJ_FN(k) tc_hash_bytes((k).p, (k).len)
TC_HASH_DEFINE(tc_pobj_tab, tc_pobj, tc_tok, TC_POBJ)
#define TC_ALIAS_KEY(n) ((tc_tok){(n)->name, (n)->namelen})
#define TC_ALIAS_NEXT(n) ((n)->next)
#define TC_ALIAS_EQ(a, b) tc_tok_eq(a, b)
#define TC_ALIAS_FN(k) tc_hash_bytes((k).p, (k).len)
TC_HASH_DEFINE(tc_alias_tab, tc_alias, tc_tok, TC_ALIAS)

/* A device's pre-shared key under (peer, name, IKE version), for the tunnel-group lines of an
 * ASA that re-enter a group (asa.c tg_psk_find). */
typedef struct tc_pskref {
	const tc_psk *k;
	struct tc_pskref *next;
} tc_pskref;
uint64_t tc_p_psk_hash(const tc_psk *k);
bool tc_p_psk_same(const tc_psk *a, const tc_psk *b);
#define TC_PSKREF_KEY(n) ((n)->k)
#define TC_PSKREF_NEXT(n) ((n)->next)
#define TC_PSKREF_EQ(a, b) tc_p_psk_same(a, b)
#define TC_PSKREF_FN(k) tc_p_psk_hash(k)
TC_HASH_DEFINE(tc_pskref_tab, tc_pskref, const tc_psk *, TC_PSKREF)

/* One interned string: scratch-arena node, model-arena text (tc_p_intern). */
typedef struct intern_node {
	tc_tok t;    /* the text (model arena) */
	unsigned id; /* 1, 2...: the order of the table's strings */
	struct intern_node *next;
} intern_node;

/* Hash of the first and last 8 bytes and the length: interface names
 * differ in their ends ("GigabitEthernet0/0", "Tunnel1234"). Two products,
 * not tc_hash_u64: this runs twice a route of a capture, once of a config. */
static inline uint64_t intern_hash(tc_tok k)
{
	uint64_t a = 0, z = 0;
	if (k.len >= 8) {
		memcpy(&a, k.p, 8);
		memcpy(&z, k.p + k.len - 8, 8);
	} else if (k.len >= 4) { /* "lan12", "Vlan7": two overlapping words, no loop */
		uint32_t x, y;
		memcpy(&x, k.p, 4);
		memcpy(&y, k.p + k.len - 4, 4);
		a = x;
		z = y;
	} else {
		for (size_t i = 0; i < k.len; i++)
			a = a << 8 | (unsigned char)k.p[i];
	}
	/* the table takes the top bits: the only ones every input bit reaches */
	return (a * 0x9e3779b97f4a7c15u) ^ ((z + k.len) * 0xc2b2ae3d27d4eb4fu);
}

#define INTERN_KEY(n) ((n)->t)
#define INTERN_NEXT(n) ((n)->next)
#define INTERN_EQ(a, b) tc_tok_eq(a, b)
#define INTERN_FN(k) intern_hash(k)
TC_HASH_DEFINE(intern_tab, intern_node, tc_tok, INTERN)

struct tc_pstate {
	tc_model *m;
	tc_device *dev;
	const char *file; /* arena copy, dev->file */
	const tc_dialect_ops *ops;
	tc_pctx *ctx;
	const tc_line *ln; /* the line being handled */

	tc_block stack[TC_MAX_DEPTH];
	unsigned depth;

	/* banner body being skipped */
	bool banner;
	char delim[3];
	size_t dlen;

	/* the current block's subject */
	tc_iface *iface;
	tc_entry *entry;
	tc_acl *acl;
	tc_acl *last_acl; /* the ACL of the previous ACL line (tc_acl_get, cached) */
	tc_pobj *obj;
	tc_tset *tset;
	tc_ikepol *pol;
	struct {
		bool valid; /* NAME is an address or DefaultL2LGroup */
		tc_prefix peer;
		tc_psk *v1, *v2;   /* the keys stored for this block, per IKE version */
		const char *label; /* NAME as written (arena) */
		tc_tgroup *group;  /* its certificate settings, once a line gives one */
		const char *name;  /* NAME when it is no address: the group is matched by name */
	} tg;			   /* tunnel-group NAME ipsec-attributes */
	struct tc_l2lname {
		tc_tok name; /* into the scratch arena */
		struct tc_l2lname *next;
	} * l2l_named; /* `tunnel-group NAME type ipsec-l2l` with NAME no address */
	struct tc_krpeer {
		bool has_peer, has_local, has_remote;
		tc_prefix peer;
		const char *peer_name;
		tc_ikeid identity;	/* its `identity` line, or kind TC_ID_NONE */
		uint64_t local, remote; /* digests of the keys each side presents */
		unsigned line;
	} kr;		    /* IOS crypto ikev2 keyring peer */
	tc_ikev2pol *v2pol; /* IOS crypto ikev2 policy */
	struct tc_krblock {
		const char *keyring; /* NULL: unnamed */
		tc_tok name;	     /* `peer NAME`, into the scratch arena */
		struct tc_krpeer kr; /* what its lines said so far */
		tc_psk *psk;	     /* the key made of it, or NULL */
		struct tc_krblock *next;
	} * krblocks, *krcur; /* this file's keyring peer blocks, for re-entry */

	struct {
		const tc_device *dev; /* whose keys: st->dev when current */
		const tc_psk *last;   /* the last of dev->psks indexed; NULL: none yet */
		tc_pskref_tab tab;    /* dev's keys up to last, the first of each key */
	} psks;			      /* tg_psk_find's index */
	intern_tab names;	      /* the route interface names of the file (tc_p_intern) */
	tc_pobj_tab objs;	      /* newest definition of a name first */
	tc_alias_tab aliases;

	/* line statistics and dialect switching */
	const tc_dialect_ops *base_ops; /* the file's dialect */
	enum tc_lstat lstat;		/* what became of the current line */
	bool rel;	     /* the current section is crypto, routing, ACL, NAT or interface */
	bool mixed_noted;    /* the other-dialect note was given for this file */
	unsigned host_lines; /* the device's line count at its hostname line */
	const char *feat;    /* the current line's command (tc_cmd.kw; its block's for the sub-lines
			     of a skipped block), or NULL */
	bool skip_quiet;     /* tc_p_skipped_quiet(): no not-modelled note for the current line */
	struct tc_pskip {
		const char *feat;
		unsigned lines, first;
		struct tc_pskip *next;
	} * skips; /* the device's relevant features recognised but not modelled */

	/* per-file deferred work (asa.c, ios.c finish hooks) */
	tc_ikeprof *prof;    /* IKE profile block subject */
	const char *keyring; /* IOS keyring block subject (arena name) */
	const char *keyring_vrf;
	struct tc_mapopt {
		const char *map, *local_address, *isakmp_profile;
		struct tc_mapopt *next;
		struct tc_mapopt *hnext; /* chain of ios_finish's table by map */
	} * mapopts; /* IOS map-wide `crypto map NAME local-address|isakmp-profile` */
	struct tc_natref {
		tc_nat *nat;
		unsigned line_no; /* explicit `nat (a,b) N` position; 0: appended */
		unsigned id;	  /* pre-8.3 `nat (if) ID` pool id; 0 otherwise */
		const char *pool; /* IOS pool giving the mapped addresses, or NULL */
		struct tc_natref *next;
	} * natrefs, *natrefs_tail; /* NAT rules of this file in config order */
	struct tc_global {
		unsigned id;
		const char *ifname;
		tc_natset mapped;
		bool iface;
		struct tc_global *next;
	} * globals;	      /* ASA pre-8.3 `global (if) ID ...` */
	unsigned ikev2_props; /* IOS IKEv2 proposals seen (their prio) */

	/* routing blocks (routing.c) */
	struct tc_prt {
		tc_rproc *proc;		/* the process the block's lines go to */
		tc_rproc *parent;	/* the router block's process (after an address family) */
		const char *eigrp_name; /* router eigrp NAME (named mode) */
		const char *afif;	/* af-interface NAME; NULL: af-interface default */
		tc_rmap_clause *clause; /* route-map clause block */
		tc_bgp_nbr *nbr; /* the neighbour (or peer-group template) of a neighbor line */
		struct tc_pgroup *group, *groups; /* the line's peer-group; all of this file */
		struct tc_pmember *members;	  /* neighbours put in a peer-group */
		bool bgp_no_v4_default;		  /* `no bgp default ipv4-unicast` */
	} prt;

	/* dotted quads read lately (tc_p_quad_st): masks, wildcards and the
	 * addresses of consecutive ACL lines repeat */
	struct tc_quadc {
		uint64_t a, b; /* the word's first and last 8 bytes (4 when it has 7) */
		uint32_t len;  /* its length; 0: empty slot */
		uint32_t ip;
	} quads[TC_QUAD_CACHE];
};

/* tc_p_quad() through st's cache of the quads read lately. */
static inline bool tc_p_quad_st(tc_pstate *st, const char *s, size_t n, uint32_t *out)
{
	if (n < 7 || n > 15)
		return false;
	uint64_t a = 0, b = 0;
	if (n >= 8) { /* the two words cover the whole quad: a hit is the same text */
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
	} else {
		uint32_t x, y;
		memcpy(&x, s, 4);
		memcpy(&y, s + 3, 4);
		a = x;
		b = y;
	}
	uint64_t h = (a ^ (b * 0x9e3779b97f4a7c15ull) ^ n) * 0x9e3779b97f4a7c15ull;
	struct tc_quadc *c = &st->quads[h >> 58 & (TC_QUAD_CACHE - 1)];
	if (c->len == n && c->a == a && c->b == b) {
		*out = c->ip;
		return true;
	}
	if (tc_ip_parse_inline(out, s, n) != 0)
		return false;
	c->a = a;
	c->b = b;
	c->len = (uint32_t)n;
	c->ip = *out;
	return true;
}

/* ---- helpers (parser.c, common.c) ------------------------------------------ */

/* A diagnostic at token i of the current line (i == SIZE_MAX: no column),
 * with the line's masked text. */
void tc_p_diag(tc_pstate *st, size_t i, tc_severity sev, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The current line is valid Cisco that is not modelled (statistics). */
void tc_p_skipped(tc_pstate *st);
/* tc_p_skipped() for a line that has a note of its own (an inactive ACL line), or of a parser
 * that decides itself which of its skipped lines matter and notes those (routing.c:
 * routing-not-modelled): no not-modelled note counts it. */
void tc_p_skipped_quiet(tc_pstate *st);
/* Pop every open block (a misplaced top-level line such as an indented
 * `interface`); the caller then opens its own block at indent 0. */
void tc_p_reroot(tc_pstate *st);
/* line[0..len) with its secrets masked (secrets.c) into buf[0..n), as
 * tc_mask_secrets(); *col (1-based, in line) is moved to the same word of the
 * copy when col is not NULL. */
void tc_p_mask_line(char *buf, size_t n, const char *line, size_t len, unsigned *col);
/* The length of the CLI prompt w starts with ("R1#", "R1(config)#",
 * "R1(config-if)#", "R1>", an ASA pair's "fw/pri/act(config)#"), 0 when it
 * starts with none. *mode: 0 an exec prompt, 1 global configuration, 2 a
 * configuration sub-mode. */
size_t tc_p_prompt_len(const tc_tok *w, int *mode);
/* "bad-syntax" error at token i. */
void tc_p_bad(tc_pstate *st, size_t i, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "unknown-line" warning for the current line; counts it. */
void tc_p_unknown(tc_pstate *st, const char *why);
/* IOS `banner TYPE DELIM...`: skip the body up to the closing delimiter;
 * token `at` holds the opening delimiter. */
void tc_p_banner_start(tc_pstate *st, const tc_line *ln, size_t at);
/* Open a block for the current line's sub-lines. */
void tc_p_push(tc_pstate *st, const tc_cmdtab *tab, tc_closer close);

/* Whether token t spells name exactly (names of objects are case-sensitive). */
bool tc_p_name_eq(const char *name, const tc_tok *t);
/* Arena copy of token i / of the rest of the line from token i. */
char *tc_p_dup(tc_pstate *st, const tc_line *ln, size_t i);
/* The node of t's text in table tab (ids 1, 2... in order), its model-arena copy made on first
 * use: one copy per distinct string. */
const intern_node *tc_p_intern_node(tc_pstate *st, intern_tab *tab, tc_tok t);
/* tc_p_dup() of a word that repeats through the file (a static route's interface): one copy
 * per distinct word, so that equal names are one pointer (fib.c compares pointers first). */
const char *tc_p_intern(tc_pstate *st, const tc_line *ln, size_t i);
char *tc_p_rest(tc_pstate *st, const tc_line *ln, size_t i);
/* An address token: dotted quad or alias (`name`, `ip host`). */
bool tc_p_ip(tc_pstate *st, const tc_tok *t, uint32_t *out);
/* Address + netmask tokens at i, i+1 into a prefix; reports bad syntax. */
bool tc_p_netmask(tc_pstate *st, const tc_line *ln, size_t i, tc_prefix *out);
/* The same when token i is already read as ip. */
bool tc_p_netmask_of(tc_pstate *st, const tc_line *ln, size_t i, uint32_t ip, tc_prefix *out);

/* v (n elements of size bytes, room for *cap) with room for one more: the
 * same pointer, or a copy twice as large in the scratch arena. */
void *tc_p_grow(tc_pstate *st, void *v, size_t n, size_t *cap, size_t size);
void tc_alias_add(tc_pstate *st, const tc_tok *name, uint32_t addr);
tc_pobj *tc_obj_find(tc_pstate *st, const tc_tok *name);
/* Find or create; a kind mismatch recreates it (redefinition). */
tc_pobj *tc_obj_get(tc_pstate *st, const tc_tok *name, unsigned kind);
void tc_obj_add(tc_pstate *st, tc_pobj *o, tc_prefix p);
/* Add the prefixes covering [lo, hi]; false when more than TC_MAX_RANGE_PFX. */
bool tc_obj_add_range(tc_pstate *st, tc_pobj *o, uint32_t lo, uint32_t hi);
/* `object KIND NAME` / `object-group KIND NAME` with NAME at token at: the
 * object (found or created) becomes the block's subject, tab its sub-commands. */
int tc_p_obj_open(tc_pstate *st, const tc_line *ln, size_t at, unsigned kind, const tc_cmdtab *tab);
/* Resolve an ACL operand `object NAME` / `object-group NAME` at token i. */
int tc_p_objref(tc_pstate *st, const tc_line *ln, size_t i, bool group, tc_aset *out);

/* Parse one ACE "permit|deny PROTO SRC [PORTS] DST [PORTS] [OPTIONS]" from
 * token i into acl (expanding object groups; PROTO may be service objects);
 * remarks are ignored (acl.c). */
int tc_p_ace(tc_pstate *st, const tc_line *ln, size_t i, const char *acl_name);
/* A standard ACL line "permit|deny ADDR [log]" from token i; the address is
 * the destination when dst_side (ASA), else the source (IOS). */
int tc_p_std_ace(tc_pstate *st, const tc_line *ln, size_t i, const char *acl_name, bool dst_side);
/* "PROTO [source PORTS] [[destination] PORTS] [icmp type]" from token i (an
 * ASA service / service-object, an IOS service group member) into o;
 * `object NAME` copies a service object. TC_ENOTFOUND when token i is no
 * protocol. */
int tc_p_svc_spec(tc_pstate *st, const tc_line *ln, size_t i, tc_pobj *o);
/* `port-object eq|range ...` of a typed service group o, from token i. */
int tc_p_port_object(tc_pstate *st, const tc_line *ln, size_t i, tc_pobj *o);
void tc_p_svc_add(tc_pstate *st, tc_pobj *o, const tc_svc *s);

/* Canonical ESP cipher / integrity of an IOS or ASA transform at token *i
 * (IOS takes a separate key-size token: advances *i past it). Returns
 * 1 cipher, 2 integrity, 3 ignored (AH, compression), 0 unknown. */
int tc_p_transform(const tc_line *ln, size_t *i, const char **out);
/* The transform set named by token i, found or created. */
tc_tset *tc_p_tset(tc_pstate *st, const tc_line *ln, size_t i);
/* "groupN" or "N" -> N (0 when not a group). */
unsigned tc_p_dh_group(const tc_tok *t);
/* Store a pre-shared key for peer (digest only); note masked keys. */
void tc_p_psk(tc_pstate *st, tc_prefix peer, const tc_tok *key);
/* The digest of a key token; notes a key masked as "*****". */
uint64_t tc_p_key_digest(tc_pstate *st, const tc_tok *key);
void tc_p_psk_add(tc_pstate *st, tc_prefix peer, uint64_t digest, unsigned line);
/* Skip an encryption-type word (0, 6, 7, 8, hex) before a key at i. */
size_t tc_p_skip_key_type(const tc_line *ln, size_t i);

/* `interface NAME`: find or create the interface, remember where it starts,
 * make it the current block's subject (the caller pushes its table). */
tc_iface *tc_p_iface_open(tc_pstate *st, const tc_line *ln, size_t at);
/* An IKE policy with the dialect's defaults, current block's subject. */
tc_ikepol *tc_p_ikepol_open(tc_pstate *st, const tc_line *ln, size_t at, unsigned version,
			    const char *enc, unsigned group);
/* `ip address A M` on the current interface from token i; reports bad syntax. */
void tc_p_iface_addr(tc_pstate *st, const tc_line *ln, size_t i);
/* The crypto map entry (or dynamic map entry when dynmap) named by tokens i
 * (map) and i+1 (seq), found or created; NULL after a bad-syntax report. */
tc_entry *tc_p_entry(tc_pstate *st, const tc_line *ln, size_t i, bool dynmap);
/* `set peer A [B ...]` addresses from token i into e (appended). */
void tc_p_entry_peers(tc_pstate *st, const tc_line *ln, size_t i, tc_entry *e);
/* Transform set / proposal names from token i replace e's list. */
void tc_p_entry_tsets(tc_pstate *st, const tc_line *ln, size_t i, tc_entry *e);

/* NAT (nat.c): handlers of the dialect tables, and the end-of-file pass
 * that orders the rules and resolves pools. */
int tc_h_asa_nat(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_asa_obj_nat(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_asa_static(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_asa_global(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_ios_nat(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_ios_nat_pool(tc_pstate *st, const tc_line *ln, size_t at);
void tc_p_nat_finish(tc_pstate *st);

/* Routing (routing.c): handlers of the dialect tables; tc_rt_prepare() prepares the routing
 * blocks' own tables (called once from tc_ios_prepare). */
int tc_rt_prepare(void);
int tc_h_router(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_ipv6_router(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_prefix_list(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_route_map(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_mpls(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_iface_bandwidth(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_iface_delay(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_iface_ospf(tc_pstate *st, const tc_line *ln, size_t at); /* IOS ip ospf, ASA ospf */
int tc_h_iface_summary_eigrp(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_iface_pbr(tc_pstate *st, const tc_line *ln, size_t at);

/* Tunnel interfaces and IPsec profiles (tunnel.c), both dialects: `tunnel ...` under an
 * interface, top-level `crypto ipsec profile P`; tc_tunnel_prepare() prepares their tables
 * (called once from tc_ios_prepare). */
int tc_h_tunnel(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_ipsec_profile(tc_pstate *st, const tc_line *ln, size_t at);
int tc_tunnel_prepare(void);

/* Shared handlers used by both dialect tables. */
int tc_h_hostname(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_iface_description(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_iface_shutdown(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_iface_no_shutdown(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_iface_no_ip_address(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_iface_ip_address(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_iface_vlan(tc_pstate *st, const tc_line *ln, size_t at); /* ASA vlan, IOS dot1Q */
int tc_h_og_netobj(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_og_group(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_acl_sub(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_ikepol_encryption(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_ikepol_hash(tc_pstate *st, const tc_line *ln, size_t at);
/* IKEv2 lines listing several values (`encryption aes-256 aes-192`): the first preferred. */
int tc_h_ikev2_encryption(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_ikev2_integrity(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_ikev2_group(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_ikepol_auth(tc_pstate *st, const tc_line *ln, size_t at);
/* IOS `crypto pki trustpoint NAME`, ASA `crypto ca trustpoint NAME`: the name only; the
 * sub-lines (enrollment, subject, keys) are skipped. */
int tc_h_trustpoint(tc_pstate *st, const tc_line *ln, size_t at);
/* The TC_AUTH_ bit of the method named at token at (pre-share, rsa-sig, ecdsa-sig), or 0
 * after a report. */
unsigned tc_p_auth_method(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_ikepol_group(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_ikepol_lifetime(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_tset_mode(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_entry_match_address(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_entry_pfs(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_entry_lifetime(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_entry_rri(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_entry_description(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_unsupported(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_unsupported_block(tc_pstate *st, const tc_line *ln, size_t at);
int tc_h_exit(tc_pstate *st, const tc_line *ln, size_t at);

/* ---- entry points shared between files -------------------------------------- */

int tc_p_parse_config(tc_pctx *ctx, tc_device **out, tc_model *m, const char *file, const char *buf,
		      size_t len, const tc_parse_opts *opts);
/* Bytes of a UTF-8 byte-order mark at the start of buf: 3 or 0. */
size_t tc_p_bom_len(const char *buf, size_t len);
int tc_p_parse_routes(tc_pctx *ctx, tc_model *m, tc_device *d, const char *file, const char *buf,
		      size_t len);
int tc_p_parse_state(tc_pctx *ctx, tc_model *m, tc_device *d, const char *file, const char *buf,
		     size_t len);
/* A capture reader (tc_p_parse_routes, tc_p_parse_state): buf[0..len) named file into d. */
typedef int (*tc_capture_fn)(tc_pctx *ctx, tc_model *m, tc_device *d, const char *file,
			     const char *buf, size_t len);
/* fn on a parse context of its own (the public tc_parse_routes(), tc_parse_state()). */
int tc_p_capture_once(tc_capture_fn fn, tc_model *m, tc_device *d, const char *file,
		      const char *buf, size_t len);
/* A capture's relevant-line statistics: every line of a capture is a relevant one. */
void tc_p_capture_rel(tc_linestats *s);
/* Prepare the state capture parser's line tables (state.c; called once from tc_re_init); 0 or
 * TC_ENOMEM. */
int tc_state_prepare(void);

#endif
