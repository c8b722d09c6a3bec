/* render.h: the public interface of tunnelcast's output module.
 *
 * Design: render/ reads a finalized tc_model and a tc_prediction and writes
 * them out; it never changes either. Each output format is its own function
 * from (const model, const prediction) to a stream: text.c for terminals,
 * json.c for machines, graphviz.c for DOT text and laid-out diagrams (the
 * only file that calls Graphviz; diagram.c decides what they show),
 * diags.c for compiler-style diagnostics.
 * Shared helpers (sorting, peer naming) live in render_int.h.
 *
 * Output is byte-deterministic: domains are emitted in device, crypto map,
 * sequence, ACL line, proxy pair order whatever order the prediction holds
 * them in; devices, links and diagnostics in the order the finalized model
 * gives (sorted by hostname, subnet, and file/line/col).
 *
 * A NULL prediction is allowed everywhere and renders as zero domains (for
 * runs that stop after parsing).
 */
#ifndef TC_RENDER_H
#define TC_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "drift.h"
#include "predict.h"

/* The "format_version" every JSON document opens with (after "tool" and "version"). It goes up
 * when a key is removed or renamed, or a value's type or meaning changes; added keys and added
 * enum values leave it (docs/tunnelcast.schema.json describes the version). */
#define TC_JSON_FORMAT_VERSION 2

typedef struct tc_render_opts {
	bool color;    /* ANSI colour in text output (off by default) */
	bool verbose;  /* text: print the traces of both orderings, not just the first */
	unsigned jobs; /* JSON: threads writing the domains (0 or 1: this one); same output */
	long pictures; /* HTML: domains whose timelines get step pictures, those not stable
			  first, then in render order; -1: every domain (also when o is NULL).
			  A picture is ~3 ms and ~11 kB on a 1 000-device snapshot. */
	size_t picture_budget; /* HTML: with it, domains are drawn (in that order) until their
				  pictures would pass this many bytes (at most
				  TC_HTML_BIG_PICTURE_BUDGET past TC_HTML_FOLD_DOMAINS
				  domains); 0: no byte limit */
	bool summary;	       /* text: the header and the table only, no domain sections */
	const tc_domain *only; /* text, JSON: this domain alone (its row keeps its number;
				    the counts stay the snapshot's), or NULL: all */
} tc_render_opts;

/* Human-readable report for a terminal: a header line of counts, a table of
 * domains, then one section per domain with its summary and numbered event
 * trace. o may be NULL (all options off). 0, or TC_ERROR on a write error. */
int tc_render_text(FILE *out, const tc_model *m, const tc_prediction *p, const tc_render_opts *o);

/* One JSON object, 2-space indented, keys in a fixed order (see json.c for
 * the shape). Diagnostics carry their message only, never the source line.
 * o may be NULL. 0, or TC_ERROR on a write error. */
int tc_render_json(FILE *out, const tc_model *m, const tc_prediction *p, const tc_render_opts *o);

/* What a diagram shows (see graphviz.c and diagram.c for the drawing):
 *   - devices grouped in clusters by site: a site is the gateways (devices
 *     with crypto map entries) that protect the same local network, with
 *     the devices whose addresses lie in it or that hang only off it; the
 *     rest is "transit". A gateway lists its local networks, coloured by
 *     state, and says "hub" when an entry lists two or more peers;
 *   - links from shared subnets, labelled with the subnet;
 *   - tunnels coloured by state (stable, oscillating, one-way, down): the
 *     owner's solid and bold, the other listed peers dashed with their place
 *     in the list (1st, 2nd...); an oscillating domain shows each owner's
 *     tunnel, with the sub-ranges that return through it when the predictor
 *     split the proxy pair; peers outside the snapshot as address nodes;
 *   - a legend and a title with the counts;
 *   - beyond `collapse` spoke sites, spoke sites that look alike (same
 *     neighbours, same tunnels, same states) collapse into one node with counts;
 *   - beyond `max_nodes` nodes, the picture folds: one node per site (its LAN
 *     routers inside), the transit routers as one node, the peers outside the
 *     snapshot as one node, spoke sites with the same tunnels grouped, one
 *     edge per pair of nodes with counts per state; when that is still too
 *     many nodes (or more than half of them in one column), the spoke sites
 *     are grouped by the states of their domains, then the hub sites too.
 *     The caption says what was folded.
 * With domain set, only that domain's tunnels and the devices its trace
 * touches (plus the transit between them). With step set, the picture of
 * the SA table after that event of the domain's first trace: SAs up, the
 * SA the event drops, the packet's way since it was sent (in clear, in an
 * SA, IKE) and the event's device highlighted, the event as caption. */
typedef struct tc_diagram_opts {
	const char *format;	 /* "dot", "svg", "png", "pdf" (or "xdot", laid-out DOT with
				    drawing operations); NULL: from the path's
				    extension (tc_render_diagram_format) or "dot" (tc_render_graph) */
	const tc_domain *domain; /* draw only this domain of the prediction, or NULL */
	size_t step;		 /* with domain: after this event (1-based) of traces[0];
				    0 for the steady state */
	unsigned collapse;	 /* spoke sites drawn one by one; 0 = TC_DG_COLLAPSE (12) */
	size_t max_nodes;	 /* whole-network picture: nodes drawn before it folds
				    (0 = TC_DIAGRAM_MAX_NODES, SIZE_MAX: never fold) */
	const char *id;		 /* SVG: graph id, prefixed to every element id so that
				    several pictures can share one page; or NULL */
} tc_diagram_opts;

/* The network and its tunnels as Graphviz DOT text, without layout (the
 * default picture of tc_diagram_opts). o is unused and may be NULL. 0, or
 * TC_ERROR when Graphviz fails or the write fails. */
int tc_render_dot(FILE *out, const tc_model *m, const tc_prediction *p, const tc_render_opts *o);

/* Nodes of a whole-network picture beyond which it folds (tc_diagram_opts.max_nodes). */
#define TC_DIAGRAM_MAX_NODES 100
/* Longest side of a laid-out picture: TC_DIAGRAM_MAX_PX pixels (PNG, 96 dpi); a larger
 * drawing is scaled down to TC_DIAGRAM_MAX_PT points, which leaves room for the margin. */
#define TC_DIAGRAM_MAX_PX 8000
#define TC_DIAGRAM_MAX_PT 5900

/* The picture that o describes, written to out: DOT text without layout,
 * or laid out with the "dot" engine as SVG, PNG or PDF. o may be NULL (the
 * whole network as DOT). 0, or TC_ERROR with a one-line message in err
 * (always NUL-terminated when errlen > 0). On success err holds a one-line
 * note when the picture was folded or scaled down (for stderr), else "". */
int tc_render_graph(FILE *out, const tc_model *m, const tc_prediction *p, const tc_diagram_opts *o,
		    char *err, size_t errlen);

/* The format of a diagram written to path: format when not NULL, else path's
 * extension (.dot, .svg, .png, .pdf, any case) lower-cased into buf[n].
 * NULL when there is none or it is unknown, with a one-line message that
 * says "format" in err[errlen] (checked before any file is opened). */
const char *tc_render_diagram_format(char *buf, size_t n, const char *path, const char *format,
				     char *err, size_t errlen);

/* Number of pictures tc_render_graph() can draw for domain d with
 * o->step = 1..n: the events of its first trace. */
size_t tc_render_nsteps(const tc_domain *d);

/* ---- domain IDs ------------------------------------------------------------
 *
 * A domain's stable textual ID is DEVICE:MAP:SEQ:LOCAL>REMOTE, for example
 *   ASA:OUTSIDE_MAP:10:10.26.241.0/24>195.160.0.0/26
 * It does not change when lines are added elsewhere in the ACL or when other
 * devices come and go, so it can be kept in tickets and scripts. Two permit
 * lines of one entry with the same proxy pair (say, one per protocol) share
 * an ID; "ID#LINE" (LINE = the line's position in its ACL) tells them apart. */

/* Longest ID written for names of up to 64 characters, NUL included. */
#define TC_DOMAIN_ID_MAX 192

/* Write d's ID into buf (of n bytes; truncated, always NUL-terminated when n > 0)
 * and return buf. A domain without device or entry gets "-" in their place. */
char *tc_render_domain_id(char *buf, size_t n, const tc_domain *d);

/* The domain that id names in p: a 1-based row number of the `predict`
 * table ("2"), an ID as tc_render_domain_id() writes it, or "ID#LINE".
 * 0 with *out set; TC_ENOTFOUND when nothing matches; TC_ERROR when an ID
 * matches several permit lines. A failure leaves a one-line
 * message in err (when errlen > 0). */
int tc_render_domain_find(const tc_domain **out, const tc_prediction *p, const char *id, char *err,
			  size_t errlen);

/* The HTML report's size budget (stated in the page, `report --help`, the man page and README):
 * step pictures are inlined until they would pass TC_HTML_PICTURE_BUDGET bytes (the
 * command's default o->picture_budget), TC_HTML_BIG_PICTURE_BUDGET in a report of more
 * than TC_HTML_FOLD_DOMAINS domains. There the page holds TC_HTML_DOMAIN_BUDGET bytes a
 * domain: the pictures and a timeline of more than TC_HTML_FOLD_EVENTS events are stored
 * inert (a <template>, cloned into place when the domain is opened), and once the page
 * passes its budget such a timeline keeps only its first TC_HTML_FOLD_EVENTS events and
 * names `explain` for the rest. */
#define TC_HTML_PICTURE_BUDGET (1024 * 1024)
#define TC_HTML_BIG_PICTURE_BUDGET (256 * 1024)
#define TC_HTML_FOLD_DOMAINS 100
#define TC_HTML_FOLD_EVENTS 24
#define TC_HTML_DOMAIN_BUDGET (5 * 1024)

/* The HTML report: one self-contained page (inline CSS and SVG, a few lines
 * of inline script to sort the table and unfold stored timelines, nothing
 * from the network) with a summary of counts, the network diagram, a sortable
 * table of domains, each domain's event timeline with step pictures, and the
 * diagnostics. Every string from the configs is HTML-escaped. o->pictures and
 * o->picture_budget limit the domains drawn step by step; o may be NULL (every
 * domain). 0, or TC_ERROR when Graphviz or the write fails. */
int tc_render_html(FILE *out, const tc_model *m, const tc_prediction *p, const tc_render_opts *o);

/* Print m's diagnostics in compiler style:
 *   file:line:col: severity: message [code]
 * then, when the diagnostic carries its (masked) source line, that line and
 * a caret under col. Location parts that are 0/NULL are left out. The counts
 * summary at the end is the caller's job. */
void tc_render_diags(FILE *out, const tc_model *m);
/* The single-failure report of p (tc_predict_failures()) as text: per
 * failure, the domains whose owner or state change. Prints nothing when no
 * failure analysis was run. */
int tc_render_failures_text(FILE *out, const tc_model *m, const tc_prediction *p);
/* `tunnelcast explain`: one domain's configuration, prediction, both traces
 * in full and the rules applied with their confidence. */
int tc_render_explain(FILE *out, const tc_model *m, const tc_prediction *p, const tc_domain *d);

/* ---- lint and diff (lint_text.c, lint_json.c, sarif.c, junit.c, diff_render.c) ----
 * Findings come sorted from tc_lint(); renderers keep that order. Where a
 * finding's location has a column and source text (the CLI attaches them),
 * text output shows the line with a caret; other formats never print the
 * source line. */

/* Compiler style, one finding per block:
 *   file:line:col: severity: TCnnn message [rule-name]
 *     the source line
 *     ^
 *   file:line:col: note: related line label
 * then "N errors, N warnings, N notes (N suppressed)". Suppressed findings
 * are not shown. o may be NULL; colour only when o->color. 0, or TC_ERROR on
 * a write error. */
int tc_render_lint_text(FILE *out, const tc_findings *f, const tc_render_opts *o);

/* One JSON object: {tool, version, summary: {errors, warnings, notes,
 * suppressed}, findings: [...]}; suppressed findings included and marked. */
int tc_render_lint_json(FILE *out, const tc_findings *f);

/* SARIF 2.1.0: one run, the whole rule catalogue as tool.driver.rules (with
 * help text), one result per finding with its physical location (region
 * startLine/startColumn), related locations, a line-free partial
 * fingerprint, and suppressed findings carrying an external suppression. */
int tc_render_sarif(FILE *out, const tc_findings *f);

/* JUnit XML for GitLab / Jenkins: one testsuite per rule that ran, one
 * failing testcase per error or warning, a passing one per note, a skipped
 * one per suppressed finding, and one passing "no findings" case for a rule
 * without findings. name labels the report (e.g. the snapshot path). */
int tc_render_junit(FILE *out, const tc_findings *f, const char *name);

/* The rule catalogue: one line per rule (id, severity, name, title). */
int tc_render_rule_list(FILE *out);
/* One rule in full: id, name, severity, section 7 check, basis, title, help, and where
 * docs/rules.md explains it. */
int tc_render_rule_explain(FILE *out, const tc_lint_rule *r);
/* The catalogue as the Markdown section docs/rules.md embeds (tests/rules_md.sh compares):
 * per rule an anchor, a heading, the title, severity, checks, basis and help. */
int tc_render_rule_markdown(FILE *out);

/* tunnelcast diff: per domain owner and state before and after, domains
 * added and removed, findings introduced and fixed. before/after label the
 * two sides (paths or git revisions). Text for a terminal (o may be NULL),
 * JSON, and Markdown for a pull-request comment. 0, or TC_ERROR on a write
 * error. */
int tc_render_diff_text(FILE *out, const tc_diff *d, const char *before, const char *after,
			const tc_render_opts *o);
int tc_render_diff_json(FILE *out, const tc_diff *d, const char *before, const char *after);
int tc_render_diff_markdown(FILE *out, const tc_diff *d, const char *before, const char *after);

/* ---- drift (drift.c) --------------------------------------------------------
 * `tunnelcast drift`: prediction p of m against the captured SAs (tc_drift_compute()).
 * Domains in render order (the rows of predict), each with its predicted owner and state,
 * who holds its SA in the capture, the verdict and one sentence; then the SAs no domain
 * explains. Text: a counts line, a table, a paragraph per domain with the capture line it
 * read. JSON: {tool, version, format_version, summary, captured: [hostnames], domains: [...],
 * unexplained: [...]} (docs/tunnelcast.schema.json). Markdown for a pull-request comment.
 * SARIF 2.1.0: one result per verdict that needs acting on (rules TD1-TD4), at the domain's
 * ACL line with the capture line related. 0, or TC_ERROR on a write error. */
int tc_render_drift_text(FILE *out, const tc_model *m, const tc_prediction *p, const tc_drift *dr);
int tc_render_drift_json(FILE *out, const tc_model *m, const tc_prediction *p, const tc_drift *dr);
int tc_render_drift_markdown(FILE *out, const tc_model *m, const tc_prediction *p,
			     const tc_drift *dr);
int tc_render_drift_sarif(FILE *out, const tc_prediction *p, const tc_drift *dr);

/* ---- what the parser read (dump.c) -----------------------------------------
 * For `tunnelcast parse` and `tunnelcast routes`. Keys never appear: a key
 * prints as "<secret>". 0, or TC_ERROR on a write error. */

/* Every device of a finalized model: line statistics (lines modelled,
 * skipped, unknown, malformed; overall and for the crypto, routing, ACL, NAT
 * and interface lines), interfaces, routes (static, captured, held), names,
 * ACLs, transform sets, IKE policies and profiles, pre-shared keys, crypto
 * and dynamic maps, NAT rules; then the totals over all files. */
int tc_render_model_text(FILE *out, const tc_model *m);
/* The same as one JSON object: {tool, version, format_version, summary: {devices, diagnostics,
 * unknown_lines, lines}, devices: [...], diagnostics: [...]}. */
int tc_render_model_json(FILE *out, const tc_model *m);
/* The line statistics of every file of m (configs and captures) summed. */
void tc_render_line_totals(tc_linestats *out, const tc_model *m);

/* A device's routing-table capture (captured and held routes, in capture
 * order) as a table, or as a JSON object {tool, version, format_version, routes: [...]}, each
 * route {vrf, prefix, name, code, distance, metric, nexthops: [{ip, interface, vrf}]}: one per
 * route, its equal-cost paths merged; null where the capture gives nothing.
 * prefix is CIDR, or NAME/LEN when the network is a name no config resolved
 * (name then holds it). */
int tc_render_routes_text(FILE *out, const tc_device *d);
int tc_render_routes_json(FILE *out, const tc_device *d);

/* A device's observed crypto state (d->obs; `tunnelcast state FILE`), in capture order: a
 * table of its SAs (interface, crypto map and seq, local and remote idents, peer, local
 * address, encaps/decaps, SPIs, seconds left or "no SA") and one of its IKE SAs (peer, local
 * address, version, state), then a line of counts; or a JSON object {tool, version,
 * format_version, sas: [{interface, crypto_map, seq, local, remote, protocol, local_port,
 * remote_port, peer, peer_name, local_address, encaps, decaps, spi_in, spi_out, lifetime,
 * established, line}], ike_sas: [{peer, peer_name, local_address, version, state, up, line}],
 * lines: {lines,
 * modelled, skipped, unknown}}, null where the capture shows nothing. 0, or TC_ERROR on a
 * write error. */
int tc_render_state_text(FILE *out, const tc_device *d);
int tc_render_state_json(FILE *out, const tc_device *d);

/* ---- routing tables computed from the configs (rib.c) ------------------------------------
 * `tunnelcast routes SNAPSHOT`: the routing table of each device of devs[0..n), as IOS 15
 * `show ip route` prints it after its legend (ASA devices: `show route`), without the age
 * column: a line naming the device and where its routes come from (its config, or its capture
 * when one replaces it), "Gateway of last resort ...", the routes (classful headers on IOS;
 * equal-cost paths under the first). From the configs, per prefix the routes of the lowest
 * administrative distance: the interfaces' subnets (C and L), the FIB's static and computed
 * routes, for a VRF its held ones; from a capture, its routes. The global table, then each VRF
 * (`Routing Table: V`) by name; vrf non-NULL: that VRF's table alone. JSON: {tool, version,
 * format_version, devices: [{device, source: "configs"|"capture", routes: [...]}]}, each route the object
 * tc_render_routes_json() writes, distance and metric null where the line prints none.
 * 0, or TC_ERROR on a write error. */
int tc_render_rib_text(FILE *out, const tc_device *const *devs, size_t n, const char *vrf);
int tc_render_rib_json(FILE *out, const tc_device *const *devs, size_t n, const char *vrf);
/* Whether d has a table for VRF vrf, from its configs or from its capture. */
bool tc_render_rib_has_vrf(const tc_device *d, const char *vrf);
/* `routes --compare`: for each device devs[k] with a capture, views[k] being its
 * tc_device_configs_view() (NULL: no capture), the prefixes whose routes differ between the
 * table its configs give and its capture (missing on one side, another code, next hop,
 * interface, distance or metric), one line each, in device, VRF, prefix order, then a line per
 * device and one naming the devices without a capture. L routes are left out for a capture
 * that has none (IOS 12, older ASA). JSON: {tool, version, format_version, devices: [{device, capture,
 * prefixes, differences: [{vrf, prefix, configs: [routes], capture: [routes]}]}],
 * no_capture: [names]}. *ndiff: how many prefixes differ. 0, or TC_ERROR on a write error. */
int tc_render_rib_compare_text(FILE *out, const tc_device *const *devs,
			       const tc_device *const *views, size_t n, const char *vrf,
			       size_t *ndiff);
int tc_render_rib_compare_json(FILE *out, const tc_device *const *devs,
			       const tc_device *const *views, size_t n, const char *vrf,
			       size_t *ndiff);

#endif
