/* render_int.h: helpers shared by the renderers; no other module includes it. */
#ifndef TC_RENDER_INT_H
#define TC_RENDER_INT_H

#include <stdio.h>

#include "kit.h"
#include "predict.h"
#include "render.h"

/* The domains of p in output order: device, crypto map, sequence, ACL line,
 * local prefix, remote prefix (ties keep the prediction's order), malloc'd:
 * free() it; NULL when p is NULL or has no domains. */
const tc_domain **tc_render_domains(const tc_prediction *p);

/* "error", "warning", "note": the name every output gives a severity (SARIF's
 * result levels are the same three words). */
/* Does any device use routes computed from routing protocols (routing.h)? Single-failure
 * reports say then that those are not reconverged per failure. */
bool tc_render_has_computed_routes(const tc_model *m);
const char *tc_render_sev_name(tc_severity s);

#define TC_ANSI_BOLD "\033[1m"
#define TC_ANSI_RESET "\033[0m"

/* one when n is 1, else many. */
const char *tc_render_plural(size_t n, const char *one, const char *many);

/* All diagnostics of m, every severity. */
size_t tc_render_ndiags(const tc_model *m);

/* Write s (NULL writes nothing) for a terminal: each unsafe character
 * (tc_char: controls, bidi controls, bytes of ill-formed UTF-8...) becomes
 * one '?' so a config cannot smuggle escape sequences or reorder a line; a
 * tab is kept when keep_tabs, else it becomes a space. */
void tc_render_puts(FILE *out, const char *s, bool keep_tabs);
/* An owner as a name: dev's hostname, else addr (when has) formatted in buf
 * (at least TC_IP_STRLEN), else none. */
const char *tc_render_owner_name(char *buf, size_t n, const tc_device *dev, bool has, uint32_t addr,
				 const char *none);
/* s (NULL writes nothing), text from a config, as Markdown text or a table cell that makes no
 * markup: unsafe characters (tc_char) as U+FFFD, links, images, mentions, issue references,
 * autolinks, code and cell ends escaped (render_util.c says how). */
void tc_render_md_puts(FILE *out, const char *s);
/* s then suffix (no backtick in it) as a code span fenced by more backticks than s holds in a
 * row; not in table cells. */
void tc_render_md_code(FILE *out, const char *s, const char *suffix);
/* The drift of p against m's captures for report and explain (free with tc_drift_free()), or
 * NULL when no device has a capture (they then show nothing of it) or p is NULL. */
tc_drift *tc_render_drift(const tc_model *m, const tc_prediction *p);
/* The columns s takes on a terminal: one per UTF-8 character (tc_render_puts
 * writes an ill-formed byte as one '?'). */
size_t tc_render_width(const char *s);
/* A domain's owner as the OWNER cell shows it: "R2", "R2⇄R3" (oscillating
 * between them) or "-"; with mark_assumed, " (assumed)" after an owner outside
 * the snapshot ("5.100.9.9 (assumed)"). Owned by a. */
const char *tc_render_owners_cell(tc_arena *a, const tc_domain *d, bool mark_assumed);
/* A dynamic domain's peers as the PEERS cell shows them: the spokes that
 * propose its pair, "dynamic: BR1, BR2". Owned by a. */
const char *tc_render_spokes_cell(tc_arena *a, const tc_domain *d);
/* A domain's state as the STATE cell shows it: its name, and for a standby
 * domain after --failures single whether it takes over: "standby, takes over
 * if R3 or link 5.100.34.0/24 fails", "standby, never used". Owned by a. */
const char *tc_render_state_cell(tc_arena *a, const tc_domain *d);
/* The owners a domain saw, "R2, R3", or "none". */
void tc_render_owners_seen(FILE *out, const tc_domain *d);
/* d's sequence number as text in buf (n >= 12): "-" for a tunnel end or no entry. */
const char *tc_render_seq(char *buf, size_t n, const tc_domain *d);
/* A trace's numbered events, one per line: "  12. [DEVICE] text  (RULE, confidence)". */
void tc_render_events(FILE *out, const tc_trace *t);

/* How tc_render_xml() escapes: both modes write &, <, > and " as entities,
 * keep well-formed UTF-8 and printable ASCII, and turn each unsafe character
 * (tc_char) they do not keep into '?'. */
typedef enum tc_xml_mode {
	TC_XML_HTML = 0, /* HTML and Graphviz HTML-like labels: ' as &#39;, no control kept */
	TC_XML_DOC,	 /* an XML 1.0 document (JUnit): ' as &apos;, tab and newline kept */
} tc_xml_mode;

/* s escaped for mode (NULL gives ""). Owned by a. */
char *tc_render_xml(tc_arena *a, const char *s, tc_xml_mode mode);
/* The same written to out (NULL writes nothing). */
void tc_render_xml_puts(FILE *out, const char *s, tc_xml_mode mode);

/* Longest name a picture's label shows (bytes), and the longest caption: beyond them a hostname
 * of 256 KB made labels Graphviz lays out for minutes. */
#define TC_LABEL_NAME_MAX 64
#define TC_LABEL_TEXT_MAX 1000
/* s (NULL gives "") cut to at most max bytes at a character boundary, "…" after it when cut;
 * s itself when it fits. Owned by a when cut. */
const char *tc_render_cut(tc_arena *a, const char *s, size_t max);

/* ---- input locations in compiler style (diags.c) ---- */

/* "file:line:col: " (bold when color), dropping the parts that are 0 or
 * NULL; "tunnelcast: " when there is no file. */
void tc_render_put_loc(FILE *out, const char *file, unsigned line, unsigned col, bool color);
/* The source line text (up to its end of line), then a caret under byte
 * column col (1-based; 0: no caret), both indented by two spaces. */
void tc_render_put_source(FILE *out, const char *text, unsigned col);

/* ---- diagrams: what to draw (diagram.c); how it looks is graphviz.c's ---- */

#define TC_DG_NONE ((size_t)-1)
#define TC_DG_COLLAPSE 12 /* default: spoke sites drawn one by one up to this many */

typedef enum tc_dg_node_kind {
	TC_DG_DEVICE = 0, /* one device of the snapshot */
	TC_DG_GROUP,	  /* several spoke sites collapsed into one node; folded: any site,
			     group of sites, or the transit routers */
	TC_DG_SUBNET,	  /* a subnet shared by three or more drawn nodes */
	TC_DG_EXTERNAL,	  /* a listed peer address no device of the snapshot holds */
} tc_dg_node_kind;

typedef enum tc_dg_role {
	TC_DG_TRANSIT = 0, /* neither a gateway nor behind one */
	TC_DG_HUB,	   /* a gateway with an entry listing two or more peers */
	TC_DG_PEER,	   /* any other gateway (holds crypto map entries) */
	TC_DG_HOST,	   /* not a gateway, but inside a site */
} tc_dg_role;

typedef struct tc_dg_net {
	tc_prefix net;	/* a local network of the device's encryption domains */
	tc_state state; /* the worst state among the domains protecting it */
} tc_dg_net;

typedef struct tc_dg_node {
	tc_dg_node_kind kind;
	const char *id;	      /* DOT node id, unique */
	const char *name;     /* hostname, group summary, subnet or address */
	const tc_device *dev; /* TC_DG_DEVICE: the device */
	tc_dg_role role;      /* TC_DG_DEVICE; folded TC_DG_GROUP: TC_DG_HUB for hub sites */
	size_t site;	      /* index into tc_dg.sites, or TC_DG_NONE */
	tc_dg_net *nets;      /* TC_DG_DEVICE: sorted */
	size_t nnets;
	size_t nsites, ndevs;	       /* TC_DG_GROUP: what it stands for (TC_DG_EXTERNAL,
					  folded: addresses) */
	const char *first, *last;      /* TC_DG_GROUP: first and last hostname */
	size_t nstate[TC_STATE_COUNT]; /* TC_DG_GROUP: its tunnels' domains per state */
	bool current;		       /* steps: the current event happened here */
	int rank;		       /* layout hint: hops from the first hub (its own site's
				    hosts negative, so they sit on its far side) */
} tc_dg_node;

typedef struct tc_dg_site {
	const char *label; /* "site ASA", "site R2 + R3", "transit", "outside the snapshot" */
	bool transit;	   /* the devices of no site (drawn without fill) */
} tc_dg_site;

typedef struct tc_dg_link {
	size_t a, b;	   /* node indexes, rank of a <= rank of b */
	const char *label; /* subnet, interface address, or "3 links" */
} tc_dg_link;

typedef enum tc_dg_tunnel_kind {
	TC_DG_OWNER = 0, /* the owner's SA (or, oscillating, each owner's) */
	TC_DG_LISTED,	 /* a listed peer that does not own the domain */
	TC_DG_SA,	 /* steps: an SA up after this step */
	TC_DG_DROPPED,	 /* steps: the SA this step drops */
} tc_dg_tunnel_kind;

typedef struct tc_dg_line {
	tc_prefix l, r;	  /* proxy pair (or sub-range) as node a sees it */
	const char *note; /* "2nd peer", "returns via R2", or NULL */
	unsigned prio;	  /* peers listed by the entry the note comes from */
	struct tc_dg_line *next;
} tc_dg_line;

typedef struct tc_dg_tunnel {
	size_t a, b; /* node indexes, a < b */
	tc_dg_tunnel_kind kind;
	tc_state state;		  /* colour */
	tc_dg_line *lines, *tail; /* distinct proxy pairs, in first-seen order */
	size_t nlines;
	size_t count;		       /* device pairs merged here (more than one with groups) */
	size_t nstate[TC_STATE_COUNT]; /* folded: domains carried, per state */
	unsigned step;		       /* steps: the event that brought it up or drops it, or 0 */
} tc_dg_tunnel;

typedef enum tc_dg_arrow_kind {
	TC_DG_CLEAR = 0, /* steps: the packet routed in clear */
	TC_DG_ESP,	 /* steps: the packet carried in an SA */
	TC_DG_IKE,	 /* steps: an IKE negotiation (failed when rejected) */
} tc_dg_arrow_kind;

typedef struct tc_dg_arrow {
	size_t from, to; /* node indexes */
	tc_dg_arrow_kind kind;
	unsigned step; /* event number */
	bool current;  /* the event the picture is about */
	bool failed;   /* TC_DG_IKE: rejected */
} tc_dg_arrow;

/* A whole picture. The five arrays below are malloc'd, the rest is owned
 * by arena; tc_dg_free() frees both. Nodes are grouped by site
 * (sites in order, nodes by hostname within), then the rest; links,
 * tunnels and arrows are in a fixed order derived from the sorted model. */
typedef struct tc_dg {
	tc_arena *arena;
	const char *title;   /* first caption line */
	const char *caption; /* second caption line (steps: the event), or NULL */
	tc_dg_site *sites;
	size_t nsites;
	tc_dg_node *nodes;
	size_t nnodes;
	tc_dg_link *links;
	size_t nlinks;
	tc_dg_tunnel *tunnels;
	size_t ntunnels;
	tc_dg_arrow *arrows;
	size_t narrows;
	bool steps;		     /* a step picture: legend for SAs and packets */
	unsigned folded;	     /* 0; 1: a node per site or group of spoke sites;
					2: spoke sites grouped by the states of their
					domains; 3: hub sites too */
	const char *note;	     /* what was folded, one line for stderr, or NULL */
	bool states[TC_STATE_COUNT]; /* states present among the tunnels (legend rows) */
} tc_dg;

/* Decide what the picture of (m, p) under o shows. o may be NULL. *out is
 * freed with tc_dg_free(). 0, TC_ENOMEM, or TC_ERROR with a message in err
 * (o->step past the end of the trace). */
int tc_dg_build(tc_dg **out, const tc_model *m, const tc_prediction *p, const tc_diagram_opts *o,
		char *err, size_t errlen);
void tc_dg_free(tc_dg *dg);

/* "1st", "2nd", "3rd", "4th", ... "11th", "12th", "13th", "21st" into buf. */
const char *tc_render_ordinal(char *buf, size_t n, unsigned i);

/* jsonw.c: the JSON writer every JSON output uses. Two-space indentation,
 * strings escaped (quote, backslash, \n; other unsafe characters (tc_char)
 * as \uXXXX, a byte of ill-formed UTF-8 as U+FFFD; the rest kept); open a
 * container with its bracket, close it with the matching one. A key is a name the program chose
 * (ASCII letters, digits, '_', '-'), written as it is. Output gathers in buf and reaches out when buf
 * fills and when the outermost container closes: write nothing else to out
 * in between. */
typedef struct tc_jw {
	FILE *out;
	unsigned depth;	   /* open containers */
	bool fresh;	   /* the innermost container has no member yet */
	unsigned line;	   /* depth inside the container written on one line, or 0 */
	size_t len;	   /* bytes waiting in buf */
	char buf[1 << 16]; /* output not yet handed to out */
} tc_jw;

void tc_jw_open(tc_jw *w, const char *key, char bracket);
/* The same, but the container and all it holds on one line, members separated by ", ": for
 * the many small objects of a long array (a trace's events), where indentation was a third of
 * the bytes. */
void tc_jw_open_line(tc_jw *w, const char *key, char bracket);
void tc_jw_close(tc_jw *w, char bracket);
void tc_jw_str(tc_jw *w, const char *key, const char *s); /* NULL writes null */
void tc_jw_uint(tc_jw *w, const char *key, unsigned long long v);
void tc_jw_uint_if(tc_jw *w, const char *key, bool has, unsigned long long v); /* else null */
void tc_jw_bool(tc_jw *w, const char *key, bool v);
void tc_jw_null(tc_jw *w, const char *key);
void tc_jw_raw(tc_jw *w, const char *key, const char *json);	 /* a value already in JSON */
void tc_jw_ip(tc_jw *w, const char *key, bool has, uint32_t ip); /* else null */
void tc_jw_prefix(tc_jw *w, const char *key, tc_prefix p);
void tc_jw_flush(tc_jw *w); /* hand what is waiting to out (before closing a container) */
/* Close the outermost container (bracket), end the document with a newline;
 * 0, or TC_ERROR when writing to out failed. */
int tc_jw_finish(tc_jw *w, char bracket);

/* The version string the reports carry. */
const char *tc_render_version(void);
/* Open a JSON document's outermost object with its "tool", "version" and "format_version"
 * members (every JSON document tunnelcast writes opens so). */
void tc_jw_open_report(tc_jw *w);

/* "diagnostics": [{file, line, column, severity, code, message}] of m, every
 * severity, in the model's order (diags.c). */
void tc_jw_diags(tc_jw *w, const tc_model *m);
/* An observed SA / IKE SA as `state -f json` writes it (state.c; the schema's obs_sa, obs_ike),
 * under key (NULL in an array). */
void tc_jw_obs_sa(tc_jw *j, const char *key, const tc_obs_sa *sa);
void tc_jw_obs_ike(tc_jw *j, const char *key, const tc_obs_ike *k);
/* "owners" (tc_domain.owners) and "assumed" of a domain, as JSON members. */
void tc_render_jw_owners(tc_jw *w, const tc_domain *d);

#endif
