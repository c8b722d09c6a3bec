/* graphviz.c: devices, links and tunnels as DOT text or a laid-out diagram (all Graphviz calls).
 *
 * The graph is undirected ("tunnelcast"):
 *   - one node per device, id = hostname, box for ASA, ellipse otherwise;
 *   - a link with two ends is an edge between the devices labelled with its
 *     subnet; a link with three or more ends is a small box node
 *     "link_<subnet>" with an edge to each device, labelled with the address
 *     of the device's interface on it;
 *   - tunnels: for each domain, each listed peer that a device of the
 *     snapshot holds links the domain's device to that peer; edges are
 *     merged per device pair (see add_tunnels()): the owner's edge solid,
 *     bold and dark green with the proxy pairs it carries as its xlabel
 *     ("LOCAL <-> REMOTE", one per line), backup peers' edges dashed and
 *     grey. Tunnel edges have constraint=false so the layout follows the
 *     physical links.
 * Everything is created in the model's sorted order (devices, links, then
 * domains via tc_render_domains()), and agwrite() emits in creation order,
 * so the DOT text is byte-deterministic.
 *
 * Debian 12 ships Graphviz 2.42/2.43, whose cgraph takes `char *` for
 * strings it never modifies: every such argument goes through gv_str(). */
#include "render_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

/* The one place a const string is handed to Graphviz 2.42's char * API. */
static char *gv_str(const char *s)
{
	return (char *)s;
}

/* Set an attribute, declaring it with an empty default so agwrite() only
 * prints the values we set. */
static void gv_set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, gv_str(name), gv_str(value), gv_str(""));
}

static Agnode_t *gv_node(Agraph_t *g, const char *id)
{
	return agnode(g, gv_str(id), 1);
}

/* Anonymous edges: an undirected, non-strict graph keeps parallel ones. */
static Agedge_t *gv_edge(Agraph_t *g, Agnode_t *t, Agnode_t *h)
{
	return agedge(g, t, h, NULL, 1);
}

static bool add_devices(Agraph_t *g, const tc_model *m)
{
	for (size_t k = 0; k < m->ndevs; k++) {
		const tc_device *d = m->devs[k];
		char label[256];
		Agnode_t *n = gv_node(g, d->hostname);
		if (!n)
			return false;
		/* "\n" here is Graphviz's own line-break escape, not a newline */
		snprintf(label, sizeof label, "%s\\n(%s)", d->hostname, tc_dialect_name(d->dialect));
		gv_set(n, "label", label);
		gv_set(n, "shape", d->dialect == TC_DIALECT_ASA ? "box" : "ellipse");
	}
	return true;
}

static bool add_links(Agraph_t *g, const tc_model *m)
{
	for (size_t k = 0; k < m->nlinks; k++) {
		const tc_link *l = &m->links[k];
		char subnet[TC_PREFIX_STRLEN], id[sizeof "link_" + TC_PREFIX_STRLEN];
		tc_prefix_format(subnet, sizeof subnet, l->subnet);
		if (l->nends == 2) {
			Agedge_t *e = gv_edge(g, gv_node(g, l->ends[0].device->hostname),
					      gv_node(g, l->ends[1].device->hostname));
			if (!e)
				return false;
			gv_set(e, "label", subnet);
			continue;
		}
		snprintf(id, sizeof id, "link_%s", subnet);
		Agnode_t *hub = gv_node(g, id);
		if (!hub)
			return false;
		gv_set(hub, "label", subnet);
		gv_set(hub, "shape", "box");
		gv_set(hub, "style", "rounded");
		gv_set(hub, "fontsize", "10");
		gv_set(hub, "height", "0.3");
		for (size_t i = 0; i < l->nends; i++) {
			char ip[TC_IP_STRLEN];
			Agedge_t *e = gv_edge(g, gv_node(g, l->ends[i].device->hostname), hub);
			if (!e)
				return false;
			gv_set(e, "label", tc_ip_format(ip, sizeof ip, l->ends[i].iface->addr));
		}
	}
	return true;
}

static bool is_owner(const tc_domain *d, uint32_t peer, const tc_device *pdev)
{
	if (d->has_owner_addr)
		return d->owner_addr == peer;
	return d->owner && d->owner == pdev;
}

/* Tunnels are drawn per device pair, not per domain: the two ends of one SA
 * are two domains (the ASA's 241 -> 195 line and R3's 195 -> 241 line), and
 * parallel labelled edges between nodes of one rank make dot's router fail
 * ("triangulation failed", printed by libpath straight to stderr). So each
 * pair gets at most one owner edge and one backup edge, listing its distinct
 * proxy pairs as seen from the first device of the pair. */
typedef struct pair_line {
	const char *text; /* "10.26.241.0/24 <-> 195.160.0.0/26", plus " (state)" when not stable */
	struct pair_line *next;
} pair_line;

typedef struct tunnel {
	const tc_device *a, *b; /* a sorts before b */
	bool owner;             /* the owner's edge, else a backup peer's */
	pair_line *lines, *tail;
} tunnel;

typedef struct tunnels {
	tc_arena *arena;
	tunnel *v;
	size_t n;
} tunnels;

static tunnel *tunnel_get(tunnels *t, const tc_device *a, const tc_device *b, bool owner)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].a == a && t->v[i].b == b && t->v[i].owner == owner)
			return &t->v[i];
	tunnel *x = &t->v[t->n++];
	x->a = a;
	x->b = b;
	x->owner = owner;
	return x;
}

static void tunnel_line(tunnels *t, tunnel *x, const char *text)
{
	for (const pair_line *l = x->lines; l; l = l->next)
		if (strcmp(l->text, text) == 0)
			return;
	pair_line *l = tc_arena_alloc(t->arena, sizeof *l);
	l->text = tc_arena_strdup(t->arena, text);
	if (x->tail)
		x->tail->next = l;
	else
		x->lines = l;
	x->tail = l;
}

static void collect_tunnels(tunnels *t, const tc_model *m, const tc_domain *d)
{
	if (!d->device || !d->entry)
		return;
	for (unsigned i = 0; i < d->entry->npeers; i++) {
		const tc_device *pdev = tc_device_by_addr(m, d->entry->peers[i], NULL);
		if (!pdev || pdev == d->device)
			continue;
		bool owner = is_owner(d, d->entry->peers[i], pdev);
		bool fwd = d->device->index < pdev->index;
		char l[TC_PREFIX_STRLEN], r[TC_PREFIX_STRLEN], text[2 * TC_PREFIX_STRLEN + 32];
		tc_prefix_format(l, sizeof l, fwd ? d->local : d->remote);
		tc_prefix_format(r, sizeof r, fwd ? d->remote : d->local);
		if (owner && d->state != TC_STATE_STABLE)
			snprintf(text, sizeof text, "%s <-> %s (%s)", l, r, tc_state_name(d->state));
		else
			snprintf(text, sizeof text, "%s <-> %s", l, r);
		tunnel *x = fwd ? tunnel_get(t, d->device, pdev, owner)
				: tunnel_get(t, pdev, d->device, owner);
		tunnel_line(t, x, text);
	}
}

/* The lines joined with sep. */
static const char *tunnel_text(tc_arena *a, const tunnel *x, const char *sep)
{
	const char *s = x->lines->text;
	for (const pair_line *l = x->lines->next; l; l = l->next)
		s = tc_arena_printf(a, "%s%s%s", s, sep, l->text);
	return s;
}

static bool add_tunnels(Agraph_t *g, const tc_model *m, const tc_prediction *p)
{
	const tc_domain **v = NULL;
	size_t n = p ? p->ndomains : 0;
	tunnels t = {0};
	bool ok = false;

	if (n == 0)
		return true;
	if (tc_render_domains(&v, p) != 0 || !(t.arena = tc_arena_new()))
		goto out;
	size_t npeers = 0;
	for (size_t i = 0; i < n; i++)
		npeers += v[i]->entry ? v[i]->entry->npeers : 0;
	t.v = tc_arena_alloc(t.arena, npeers * sizeof *t.v); /* at most one tunnel per peer */
	for (size_t i = 0; i < n; i++)
		collect_tunnels(&t, m, v[i]);
	for (size_t i = 0; i < t.n; i++) {
		const tunnel *x = &t.v[i];
		Agedge_t *e = gv_edge(g, gv_node(g, x->a->hostname), gv_node(g, x->b->hostname));
		if (!e)
			goto out;
		gv_set(e, "constraint", "false");
		if (x->owner) {
			gv_set(e, "style", "solid,bold");
			gv_set(e, "color", "darkgreen");
			gv_set(e, "fontcolor", "darkgreen");
			/* xlabel: dot clips plain labels of same-rank edges */
			gv_set(e, "xlabel", tunnel_text(t.arena, x, "\\n"));
		} else {
			const char *pairs = tunnel_text(t.arena, x, ", ");
			gv_set(e, "style", "dashed");
			gv_set(e, "color", "grey");
			gv_set(e, "tooltip", tc_arena_printf(t.arena, "backup peer for %s", pairs));
		}
	}
	ok = true;
out:
	tc_arena_free(t.arena);
	free(v);
	return ok;
}

/* The whole graph; NULL when Graphviz or malloc fails. Close with agclose(). */
static Agraph_t *build_graph(const tc_model *m, const tc_prediction *p)
{
	Agraph_t *g = agopen(gv_str("tunnelcast"), Agundirected, NULL);
	if (!g)
		return NULL;
	gv_set(g, "rankdir", "LR");
	if (!add_devices(g, m) || !add_links(g, m) || !add_tunnels(g, m, p)) {
		agclose(g);
		return NULL;
	}
	return g;
}

int tc_render_dot(FILE *out, const tc_model *m, const tc_prediction *p, const tc_render_opts *o)
{
	(void)o; /* no DOT options yet */
	Agraph_t *g = build_graph(m, p);
	if (!g)
		return TC_ERROR;
	/* with the default I/O discipline agwrite's channel is a FILE * */
	int rc = agwrite(g, out) == EOF ? TC_ERROR : 0;
	agclose(g);
	if (fflush(out) != 0 || ferror(out))
		rc = TC_ERROR;
	return rc;
}

/* ---- laid-out diagrams ---------------------------------------------------- */

static const char *const formats[] = {"dot", "svg", "png", "pdf"};

/* Graphviz reports errors through agerr(); while a diagram is rendered they
 * are collected here instead of going to stderr. Graphviz is not
 * thread-safe, so neither is this. */
static char gv_errbuf[256];

static int gv_collect(char *msg)
{
	size_t used = strlen(gv_errbuf);
	snprintf(gv_errbuf + used, sizeof gv_errbuf - used, "%s", msg);
	return 0;
}

/* Last error message, trimmed to one line. */
static const char *gv_lasterr(void)
{
	gv_errbuf[strcspn(gv_errbuf, "\r\n")] = '\0';
	return gv_errbuf[0] ? gv_errbuf : "no message from Graphviz";
}

/* The format named by path's extension, lower-cased into buf; NULL if none. */
static const char *format_from_path(char *buf, size_t n, const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot = strrchr(base ? base + 1 : path, '.');
	if (!dot || !dot[1] || strlen(dot + 1) >= n)
		return NULL;
	size_t i = 0;
	for (const char *s = dot + 1; *s; s++)
		buf[i++] = (char)tolower((unsigned char)*s);
	buf[i] = '\0';
	return buf;
}

/* One Graphviz context for the whole process, never freed. Graphviz 2.42's
 * pango plugin caches, in a static, a pointer to a font name that the
 * context owns (pango_textlayout's `fontname`): after gvFreeContext() the
 * next context's first label reads freed memory. Keeping one context keeps
 * that name alive; it stays reachable, so leak checkers do not flag it.
 * Layouts and graphs are still freed on every call. */
static GVC_t *gv_context(void)
{
	static GVC_t *gvc;
	if (!gvc)
		gvc = gvContext();
	return gvc;
}

static bool format_known(const char *fmt)
{
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(fmt, formats[i]) == 0)
			return true;
	return false;
}

int tc_render_diagram(const char *path, const char *format, const tc_model *m,
		      const tc_prediction *p, char *err, size_t errlen)
{
	char ext[8];
	char msg[512] = "";
	const char *fmt = format ? format : format_from_path(ext, sizeof ext, path);
	Agraph_t *g = NULL;
	GVC_t *gvc = NULL;
	FILE *f = NULL;
	int rc = TC_ERROR;

	if (!fmt) {
		snprintf(msg, sizeof msg,
			 "%s: cannot tell the diagram format from the file name; use .dot, .svg, "
			 ".png or .pdf",
			 path);
		goto out;
	}
	if (!format_known(fmt)) {
		snprintf(msg, sizeof msg, "unknown diagram format '%s'; use dot, svg, png or pdf",
			 fmt);
		goto out;
	}
	g = build_graph(m, p);
	gvc = g ? gv_context() : NULL;
	if (!gvc) {
		snprintf(msg, sizeof msg, "Graphviz could not build the graph");
		goto out;
	}
	/* open the file ourselves: errno says why, where Graphviz would only log */
	f = fopen(path, "wb");
	if (!f) {
		snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
		goto out;
	}

	gv_errbuf[0] = '\0';
	agusererrf prev = agseterrf(gv_collect);
	if (strcmp(fmt, "dot") == 0) {
		/* DOT is written without layout: positions depend on the Graphviz
		 * version and fonts, and users lay it out themselves */
		if (agwrite(g, f) == EOF)
			snprintf(msg, sizeof msg, "%s: write failed", path);
		else
			rc = 0;
	} else if (gvLayout(gvc, g, "dot") != 0)
		snprintf(msg, sizeof msg, "Graphviz layout failed: %s", gv_lasterr());
	else if (gvRender(gvc, g, fmt, f) != 0)
		snprintf(msg, sizeof msg, "Graphviz could not write %s as %s: %s", path, fmt,
			 gv_lasterr());
	else
		rc = 0;
	agseterrf(prev);

	if (fclose(f) != 0 && rc == 0) {
		snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
		rc = TC_ERROR;
	}
	if (rc != 0)
		remove(path);
out:
	if (gvc)
		gvFreeLayout(gvc, g); /* a no-op when there is no layout */
	if (g)
		agclose(g);
	if (err && errlen > 0)
		snprintf(err, errlen, "%s", rc == 0 ? "" : msg);
	return rc;
}
