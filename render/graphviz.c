/* graphviz.c: diagrams as DOT text or laid out by Graphviz (every Graphviz call is here).
 *
 * diagram.c decides what a picture shows (a tc_dg); this file decides how
 * it looks and hands it to cgraph/gvc:
 *   - the graph is undirected, laid out left to right; its label (top) is
 *     the title, the caption and a one-line legend, so the legend never
 *     moves the drawing around;
 *   - each site is a cluster ("cluster_<n>"): filled light grey, transit and
 *     "outside the snapshot" dashed without fill;
 *   - a device is a rounded box with an HTML-like label: hostname in bold,
 *     dialect and role, then its local networks coloured by state; hubs
 *     have a thicker border; the node of the current step is blue;
 *   - links are thin grey edges labelled with the subnet; tunnels and
 *     arrows have constraint=false, so ranks follow the physical links;
 *   - tunnels: colour by state, the owner's solid and bold, listed peers
 *     dashed; each label line is "LOCAL ⇄ REMOTE · note";
 *   - step pictures: SAs up solid green, the dropped SA dotted red, the
 *     packet's way as numbered blue arrows (bold inside an SA), IKE as
 *     orange dashed arrows.
 * Everything is created in tc_dg order and agwrite() writes in creation
 * order, so the DOT text is byte-deterministic. Text from the configs goes
 * into HTML-like labels escaped (tc_render_xml()), into plain labels and
 * node IDs escaped by gv_text().
 *
 * Debian 12 ships Graphviz 2.42/2.43, whose cgraph takes `char *` for
 * strings it never modifies: every such argument goes through gv_str(). */
#include "render_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#define FONT "Helvetica,Arial,sans-serif"
#define GREY_TEXT "#57606a"
#define GREY_LINE "#8c959f"
#define BLUE "#0969da"
#define ORANGE "#bc4c00"
#define RED "#cf222e"
#define GREEN "#1a7f37"

static const char *const state_colors[TC_STATE_COUNT] = {
	GREEN,	   /* stable */
	"#1b7c83", /* standby: teal (blue is the packet's in --steps) */
	"#bf8700", /* oscillating: amber */
	"#8250df", /* one-way: purple */
	RED,	   /* down */
};

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

/* Set an HTML-like label (written <...> by agwrite). agxset() copies the
 * value with agstrdup(), which finds the HTML string made here by its text
 * and keeps its HTML mark. */
static void gv_set_html(void *obj, const char *name, const char *html)
{
	Agraph_t *root = agroot(agraphof(obj));
	int kind = AGTYPE(obj) == AGOUTEDGE || AGTYPE(obj) == AGINEDGE ? AGEDGE : AGTYPE(obj);
	Agsym_t *sym = agattr(root, kind, gv_str(name), NULL);
	if (!sym)
		sym = agattr(root, kind, gv_str(name), gv_str(""));
	char *h = agstrdup_html(root, gv_str(html));
	agxset(obj, sym, h);
	agstrfree(root, h);
}

/* Defaults for every graph, node or edge (written once, as `node [...]`). */
static void gv_default(Agraph_t *g, int kind, const char *name, const char *value)
{
	agattr(g, kind, gv_str(name), gv_str(value));
}

/* Object IDs in creation order. cgraph's default discipline uses the
 * address of each name as its ID, and agwrite() writes subgraphs in ID
 * order: the clusters would come out in malloc order. Here a named object's
 * ID is twice its position in the name table (even), an anonymous one's odd. */
#define IDNAME_KEY(names, i) ((names)[i])
#define IDNAME_EQ(a, b) (strcmp(a, b) == 0)
#define IDNAME_FN(k) tc_hash_str(k)
TC_INDEX_DEFINE(idname_set, char *const *, const char *, IDNAME)

typedef struct gv_ids {
	Agraph_t *g; /* names are cgraph refstrs: agwrite() reads their HTML mark */
	char **names;
	size_t n, cap;
	idname_set index; /* positions in names by name: a scan per node was quadratic */
	IDTYPE anon;
} gv_ids;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)disc;
	gv_ids *s = tc_xcalloc(1, sizeof(gv_ids));
	s->g = g;
	idname_set_init(&s->index, 0);
	return s;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	gv_ids *s = state;
	(void)objtype;
	if (!str) {
		*id = 2 * s->anon++ + 1;
		return 1;
	}
	uint32_t *slot = idname_set_slot(&s->index, s->names, str);
	if (*slot) {
		*id = 2 * (IDTYPE)*slot;
		return 1;
	}
	if (!createflag)
		return 0;
	TC_GROW(s->names, s->n + 1, s->cap);
	if (!(s->names[s->n] = agstrdup(s->g, str)))
		return 0;
	*slot = (uint32_t)++s->n;
	idname_set_added(&s->index, s->names);
	*id = 2 * (IDTYPE)s->n;
	return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE request)
{
	(void)state;
	(void)objtype;
	(void)request;
	return 0; /* no caller-chosen IDs, as in cgraph's own discipline */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
	(void)state; /* names live until the graph is closed */
	(void)objtype;
	(void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
	gv_ids *s = state;
	(void)objtype;
	return id % 2 == 0 && id / 2 >= 1 && id / 2 <= s->n ? s->names[id / 2 - 1] : NULL;
}

static void ids_close(void *state)
{
	gv_ids *s = state;
	for (size_t i = 0; s && i < s->n; i++)
		agstrfree(s->g, s->names[i]);
	if (s) {
		free(s->names);
		idname_set_free(&s->index);
	}
	free(s);
}

static void ids_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t gv_iddisc = {ids_open,  ids_map,   ids_alloc,	  ids_free,
			       ids_print, ids_close, ids_register};

/* s as DOT text that Graphviz shows as s in every output: an unsafe
 * character (tc_char) becomes '?' (XML has no U+FFFE and no C0 control),
 * '&' and the backslash become the entities "&amp;" and "&#92;". Graphviz
 * decodes entities in labels before its own escapes (\N, \n...), its SVG
 * writer passes anything that looks like an entity through ("&bogus;"
 * would leave the SVG not well-formed), and a DOT string cannot end in a
 * backslash. In a plain label "&#92;" is written twice (decoded to an
 * escaped backslash, shown as one); an object ID is never unescaped. */
static const char *gv_text(tc_arena *a, const char *s, bool label)
{
	const char *bs = label ? "&#92;&#92;" : "&#92;";
	size_t n = 1, left = strlen(s);
	for (size_t i = 0; i < left; i++)
		n += s[i] == '\\' ? strlen(bs) : s[i] == '&' ? 5 : 1;
	char *out = tc_arena_alloc(a, n), *o = out;
	while (left) {
		tc_char c = tc_text_char(s, left);
		const char *rep = c.cp == '\\' ? bs : c.cp == '&' ? "&amp;" : c.unsafe ? "?" : NULL;
		size_t len = rep ? strlen(rep) : c.len;
		memcpy(o, rep ? rep : s, len);
		o += len;
		s += c.len;
		left -= c.len;
	}
	*o = '\0';
	return out;
}

/* Node IDs are hostnames: escaped as gv_text() says (distinct IDs stay distinct). */
static Agnode_t *gv_node(Agraph_t *g, tc_arena *a, const char *id)
{
	return agnode(g, gv_str(gv_text(a, id, false)), 1);
}

/* Anonymous edges: an undirected, non-strict graph keeps parallel ones. */
static Agedge_t *gv_edge(Agraph_t *g, Agnode_t *t, Agnode_t *h)
{
	return agedge(g, t, h, NULL, 1);
}

/* ---- labels ---------------------------------------------------------------- */

static const char *role_name(tc_dg_role r)
{
	switch (r) {
	case TC_DG_HUB:
		return "hub";
	case TC_DG_PEER:
		return "gateway";
	default:
		return NULL;
	}
}

#define MAX_NETS 5  /* local networks listed under a gateway */
#define MAX_LINES 4 /* proxy pairs listed on a tunnel */

static const char *device_label(tc_arena *a, const tc_dg_node *n)
{
	const char *role = role_name(n->role);
	const char *s = tc_arena_printf(
		a, "<B>%s</B><BR/><FONT POINT-SIZE=\"9\" COLOR=\"" GREY_TEXT "\">%s%s%s</FONT>",
		tc_render_xml(a, tc_render_cut(a, n->dev->hostname, TC_LABEL_NAME_MAX),
			      TC_XML_HTML),
		tc_dialect_name(n->dev->dialect), role ? " · " : "", role ? role : "");
	for (size_t i = 0; i < n->nnets && i < MAX_NETS; i++) {
		char buf[TC_PREFIX_STRLEN];
		s = tc_arena_printf(a, "%s<BR/><FONT POINT-SIZE=\"9\" COLOR=\"%s\">%s</FONT>", s,
				    state_colors[n->nets[i].state],
				    tc_prefix_format(buf, sizeof buf, n->nets[i].net));
	}
	if (n->nnets > MAX_NETS)
		s = tc_arena_printf(a, "%s<BR/><FONT POINT-SIZE=\"9\">+ %zu more</FONT>", s,
				    n->nnets - MAX_NETS);
	return s;
}

/* A group of spoke sites, or folded, a site, a group of sites or the transit routers:
 * its name (diagram.c's), its first and last hostname, its domains per state. */
static const char *group_label(tc_arena *a, const tc_dg_node *n)
{
	const char *s = tc_arena_printf(
		a,
		"<B>%s</B><BR/><FONT POINT-SIZE=\"9\" COLOR=\"" GREY_TEXT
		"\">%s%s%s · %zu device%s</FONT>",
		tc_render_xml(a, tc_render_cut(a, n->name, TC_LABEL_NAME_MAX), TC_XML_HTML),
		tc_render_xml(a, tc_render_cut(a, n->first, TC_LABEL_NAME_MAX), TC_XML_HTML),
		n->ndevs > 1 ? " … " : "",
		n->ndevs > 1 ? tc_render_xml(a, tc_render_cut(a, n->last, TC_LABEL_NAME_MAX),
					     TC_XML_HTML)
			     : "",
		n->ndevs, n->ndevs == 1 ? "" : "s");
	const char *sep = "<BR/>";
	for (int st = 0; st < TC_STATE_COUNT; st++) {
		if (!n->nstate[st])
			continue;
		s = tc_arena_printf(a, "%s%s<FONT POINT-SIZE=\"9\" COLOR=\"%s\">%zu %s</FONT>", s,
				    sep, state_colors[st], n->nstate[st], tc_state_name(st));
		sep = " ";
	}
	return s;
}

/* Folded: "3 tunnels · 75 domains", then the domains per state. */
static const char *folded_tunnel_label(tc_arena *a, const tc_dg_tunnel *t)
{
	size_t nd = 0;
	for (int st = 0; st < TC_STATE_COUNT; st++)
		nd += t->nstate[st];
	const char *s = tc_arena_printf(a, "%zu tunnel%s · %zu domain%s", t->count,
					t->count == 1 ? "" : "s", nd, nd == 1 ? "" : "s");
	const char *sep = "\\n";
	for (int st = 0; st < TC_STATE_COUNT; st++) {
		if (!t->nstate[st])
			continue;
		s = tc_arena_printf(a, "%s%s%zu %s", s, sep, t->nstate[st], tc_state_name(st));
		sep = ", ";
	}
	return s;
}

static const char *tunnel_label(tc_arena *a, const tc_dg_tunnel *t, bool grouped)
{
	const char *s =
		grouped && t->count > 1 ? tc_arena_printf(a, "%zu tunnels", t->count) : NULL;
	size_t k = 0;
	for (const tc_dg_line *x = t->lines; x && k < MAX_LINES; x = x->next, k++) {
		char l[TC_PREFIX_STRLEN], r[TC_PREFIX_STRLEN];
		const char *line =
			tc_arena_printf(a, "%s ⇄ %s%s%s", tc_prefix_format(l, sizeof l, x->l),
					tc_prefix_format(r, sizeof r, x->r), x->note ? " · " : "",
					x->note ? gv_text(a, x->note, true) : "");
		s = s ? tc_arena_printf(a, "%s\\n%s", s, line) : line;
	}
	if (t->nlines > MAX_LINES)
		s = tc_arena_printf(a, "%s\\n+ %zu more", s, t->nlines - MAX_LINES);
	return s ? s : "";
}

/* Split text into lines of about width characters at spaces, escaped. */
/* text (cut to TC_LABEL_TEXT_MAX) in lines of at most width bytes, broken at a space in their
 * second half when there is one, escaped. Built in one pass: appending each line to a copy of
 * the lines before was quadratic (a 256 KB hostname in a caption: 40 s, 1.8 GB). */
static const char *wrapped(tc_arena *a, const char *text, size_t width)
{
	static const char br[] = "<BR ALIGN=\"LEFT\"/>";
	text = tc_render_cut(a, text, TC_LABEL_TEXT_MAX);
	size_t left = strlen(text), cap = 0, len = 0;
	char *s = NULL;
	while (left) {
		size_t n = left;
		if (n > width) {
			n = width;
			while (n > width / 2 && text[n] != ' ')
				n--;
			if (text[n] != ' ')
				n = width;
		}
		const char *line = tc_render_xml(a, tc_arena_strndup(a, text, n), TC_XML_HTML);
		size_t ll = strlen(line), sep = len ? sizeof br - 1 : 0;
		TC_GROW(s, len + sep + ll + 1, cap);
		memcpy(s + len, br, sep);
		memcpy(s + len + sep, line, ll + 1);
		len += sep + ll;
		text += n;
		left -= n;
		for (; *text == ' '; left--)
			text++;
	}
	const char *out = tc_arena_strdup(a, s ? s : "");
	free(s);
	return out;
}

static const char *legend(tc_arena *a, const tc_dg *dg)
{
	if (dg->steps)
		return "<FONT COLOR=\"" GREEN "\"><B>━━</B></FONT> SA up   "
		       "<FONT COLOR=\"" RED "\">┈┈</FONT> SA dropped by this step   "
		       "<FONT COLOR=\"" GREY_LINE "\">╍╍</FONT> listed peer without SA   "
		       "<FONT COLOR=\"" BLUE "\">─▶</FONT> the packet in clear, "
		       "<FONT COLOR=\"" BLUE "\"><B>━▶</B></FONT> in an SA (step numbers)   "
		       "<FONT COLOR=\"" ORANGE "\">╍▶</FONT> IKE   "
		       "<FONT COLOR=\"" BLUE "\">▢</FONT> where this step happens";
	const char *s = "<FONT COLOR=\"" GREY_TEXT "\"><B>━━</B></FONT> owner's tunnel   "
			"<FONT COLOR=\"" GREY_TEXT "\">╍╍</FONT> other listed peer "
			"(1st, 2nd: its place in the peer list)   colour = state:";
	for (int st = 0; st < TC_STATE_COUNT; st++)
		s = tc_arena_printf(a, "%s <FONT COLOR=\"%s\">%s</FONT>", s, state_colors[st],
				    tc_state_name(st));
	if (dg->folded)
		return tc_arena_printf(a,
				       "%s   <FONT COLOR=\"" GREY_LINE "\">──</FONT> links   "
				       "double border: a site, group of sites or the transit "
				       "routers, drawn as one node; its domains per state",
				       s);
	return tc_arena_printf(a,
			       "%s   <FONT COLOR=\"" GREY_LINE "\">──</FONT> shared subnet   "
			       "under a gateway: the local side of its encryption domains",
			       s);
}

static const char *graph_label(tc_arena *a, const tc_dg *dg)
{
	const char *s =
		tc_arena_printf(a,
				"<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
				"CELLPADDING=\"2\"><TR><TD ALIGN=\"LEFT\"><B>%s</B></TD></TR>",
				wrapped(a, dg->title ? dg->title : "", 110));
	if (dg->caption)
		s = tc_arena_printf(a, "%s<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">%s</TD></TR>", s,
				    wrapped(a, dg->caption, 110));
	return tc_arena_printf(a,
			       "%s<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"" GREY_TEXT
			       "\">%s</FONT></TD></TR></TABLE>",
			       s, legend(a, dg));
}

/* ---- graph ----------------------------------------------------------------- */

static void style_node(Agnode_t *gn, tc_arena *a, const tc_dg_node *n)
{
	switch (n->kind) {
	case TC_DG_DEVICE:
		gv_set_html(gn, "label", device_label(a, n));
		if (n->role == TC_DG_HUB)
			gv_set(gn, "penwidth", "2");
		break;
	case TC_DG_GROUP:
		gv_set_html(gn, "label", group_label(a, n));
		gv_set(gn, "peripheries", "2");
		if (n->role == TC_DG_HUB) /* folded hub sites, drawn as hubs are */
			gv_set(gn, "penwidth", "2");
		break;
	case TC_DG_SUBNET:
		gv_set(gn, "label", n->name);
		gv_set(gn, "fontsize", "9");
		gv_set(gn, "height", "0.3");
		gv_set(gn, "color", GREY_LINE);
		break;
	case TC_DG_EXTERNAL:
		gv_set_html(
			gn, "label",
			tc_arena_printf(a,
					"<B>%s</B><BR/><FONT POINT-SIZE=\"9\" COLOR=\"" GREY_TEXT
					"\">%s outside the snapshot</FONT>",
					n->name, n->ndevs ? "peers" : "peer"));
		gv_set(gn, "style", "rounded,dashed");
		break;
	}
	if (n->current) {
		gv_set(gn, "color", BLUE);
		gv_set(gn, "fillcolor", "#ddf4ff");
		gv_set(gn, "penwidth", "3");
	}
}

static bool add_nodes(Agraph_t *g, tc_arena *a, const tc_dg *dg, Agnode_t **nodes)
{
	Agraph_t **clusters = tc_arena_alloc(a, (dg->nsites + 1) * sizeof *clusters);
	for (size_t i = 0; i < dg->nnodes; i++) {
		const tc_dg_node *n = &dg->nodes[i];
		Agraph_t *sg = g;
		if (n->site != TC_DG_NONE) {
			if (!clusters[n->site]) {
				const tc_dg_site *s = &dg->sites[n->site];
				char name[32];
				snprintf(name, sizeof name, "cluster_%zu", n->site);
				clusters[n->site] = agsubg(g, gv_str(name), 1);
				if (!clusters[n->site])
					return false;
				gv_set_html(clusters[n->site], "label",
					    tc_render_xml(a, s->label, TC_XML_HTML));
				gv_set(clusters[n->site], "style",
				       s->transit ? "rounded,dashed" : "rounded,filled");
				if (!s->transit)
					gv_set(clusters[n->site], "fillcolor", "#f6f8fa");
				/* a subgraph inherits the root's id: clear it, and
				 * Graphviz derives "<root id>_clust<n>" */
				if (agget(g, gv_str("id")))
					gv_set(clusters[n->site], "id", "");
				gv_set(clusters[n->site], "color", "#d0d7de");
			}
			sg = clusters[n->site];
		}
		if (!(nodes[i] = gv_node(sg, a, n->id)))
			return false;
		style_node(nodes[i], a, n);
	}
	return true;
}

static bool add_links(Agraph_t *g, const tc_dg *dg, Agnode_t **nodes)
{
	for (size_t i = 0; i < dg->nlinks; i++) {
		const tc_dg_link *l = &dg->links[i];
		Agedge_t *e = gv_edge(g, nodes[l->a], nodes[l->b]);
		if (!e)
			return false;
		if (l->label[0])
			gv_set(e, "label", l->label);
		if (dg->nodes[l->a].rank == dg->nodes[l->b].rank)
			gv_set(e, "minlen", "0"); /* may share a rank */
		gv_set(e, "color", GREY_LINE);
		gv_set(e, "fontcolor", GREY_TEXT);
	}
	return true;
}

/* Edges between nodes that may share a rank take an xlabel: dot's router
 * fails on labelled parallel edges within one rank ("triangulation
 * failed", printed by libpath straight to stderr) and clips such labels. */
static bool same_rank(const tc_dg *dg, size_t a, size_t b)
{
	return dg->nodes[a].rank == dg->nodes[b].rank;
}

static bool add_tunnels(Agraph_t *g, tc_arena *a, const tc_dg *dg, Agnode_t **nodes)
{
	for (size_t i = 0; i < dg->ntunnels; i++) {
		const tc_dg_tunnel *t = &dg->tunnels[i];
		/* folded, tunnels rank the columns as links do: from the lower rank */
		bool flip = dg->folded && dg->nodes[t->a].rank > dg->nodes[t->b].rank;
		Agedge_t *e = gv_edge(g, nodes[flip ? t->b : t->a], nodes[flip ? t->a : t->b]);
		if (!e)
			return false;
		bool grouped =
			dg->nodes[t->a].kind == TC_DG_GROUP || dg->nodes[t->b].kind == TC_DG_GROUP;
		const char *color = state_colors[t->state], *style = "dashed", *width = "1.2";
		switch (t->kind) {
		case TC_DG_OWNER:
			style = "solid,bold";
			width = "2.5";
			break;
		case TC_DG_SA:
			color = GREEN;
			style = "solid,bold";
			width = "2.5";
			break;
		case TC_DG_DROPPED:
			color = RED;
			style = "dotted";
			width = "2";
			break;
		case TC_DG_LISTED:
			if (dg->steps)
				color = GREY_LINE;
			break;
		}
		/* a peer outside the snapshot has no links: the tunnel places it */
		bool external = dg->nodes[t->b].kind == TC_DG_EXTERNAL;
		if (dg->folded && same_rank(dg, t->a, t->b))
			gv_set(e, "minlen", "0");
		else if (!external && !dg->folded)
			gv_set(e, "constraint", "false");
		gv_set(e, "style", style);
		gv_set(e, "penwidth", width);
		gv_set(e, "color", color);
		gv_set(e, "fontcolor", color);
		/* folded, labels in the middle rank stacked up into a column taller than
		 * the picture: xlabels are placed after the layout, beside the edge */
		gv_set(e,
		       (same_rank(dg, t->a, t->b) || dg->folded) && !external ? "xlabel" : "label",
		       dg->folded ? folded_tunnel_label(a, t) : tunnel_label(a, t, grouped));
	}
	return true;
}

static bool add_arrows(Agraph_t *g, tc_arena *a, const tc_dg *dg, Agnode_t **nodes)
{
	for (size_t i = 0; i < dg->narrows; i++) {
		const tc_dg_arrow *x = &dg->arrows[i];
		Agedge_t *e = gv_edge(g, nodes[x->from], nodes[x->to]);
		if (!e)
			return false;
		const char *what = x->kind == TC_DG_IKE	  ? (x->failed ? " IKE fails" : " IKE")
				   : x->kind == TC_DG_ESP ? " in SA"
							  : "";
		gv_set(e, "dir", "forward");
		gv_set(e, "constraint", "false");
		gv_set(e, "arrowsize", "0.8");
		gv_set(e, "color", x->kind == TC_DG_IKE ? (x->failed ? RED : ORANGE) : BLUE);
		gv_set(e, "fontcolor", x->kind == TC_DG_IKE ? (x->failed ? RED : ORANGE) : BLUE);
		gv_set(e, "style",
		       x->kind == TC_DG_IKE   ? "dashed"
		       : x->kind == TC_DG_ESP ? "bold"
					      : "solid");
		gv_set(e, "penwidth", x->current ? "3" : x->kind == TC_DG_ESP ? "2" : "1.2");
		gv_set(e, same_rank(dg, x->from, x->to) ? "xlabel" : "label",
		       tc_arena_printf(a, "%s%u%s", x->current ? "▶ " : "", x->step, what));
	}
	return true;
}

/* Graph, node and edge defaults, written once at the top of the DOT text. */
static const struct {
	int kind;
	const char *name, *value;
} gv_defaults[] = {
	{AGRAPH, "rankdir", "LR"},
	{AGRAPH, "newrank", "true"},
	{AGRAPH, "nodesep", "0.4"},
	{AGRAPH, "ranksep", "0.8"},
	{AGRAPH, "fontname", FONT},
	{AGRAPH, "fontsize", "11"},
	{AGRAPH, "labelloc", "t"},
	{AGRAPH, "labeljust", "l"},
	{AGRAPH, "bgcolor", "white"},
	{AGRAPH, "pad", "0.2"},
	/* gvContext() makes "\N" every graph's default label from then on:
	 * declare it always, so DOT text is the same before and after a layout */
	{AGNODE, "label", "\\N"},
	{AGNODE, "fontname", FONT},
	{AGNODE, "fontsize", "11"},
	{AGNODE, "shape", "box"},
	{AGNODE, "style", "rounded,filled"},
	{AGNODE, "fillcolor", "white"},
	{AGEDGE, "fontname", FONT},
	{AGEDGE, "fontsize", "9"},
};

/* The whole picture; NULL when Graphviz fails. Close with agclose(). */
static Agraph_t *build_graph(const tc_dg *dg, const char *id)
{
	static Agdisc_t disc;
	disc = (Agdisc_t){&AgMemDisc, &gv_iddisc, &AgIoDisc};
	Agraph_t *g = agopen(gv_str("tunnelcast"), Agundirected, &disc);
	tc_arena *a = dg->arena;
	if (!g)
		return NULL;
	for (size_t i = 0; i < sizeof gv_defaults / sizeof gv_defaults[0]; i++)
		gv_default(g, gv_defaults[i].kind, gv_defaults[i].name, gv_defaults[i].value);
	if (id)
		gv_set(g, "id", id);
	gv_set_html(g, "label", graph_label(a, dg));
	Agnode_t **nodes = tc_arena_alloc(a, (dg->nnodes + 1) * sizeof *nodes);
	if (!add_nodes(g, a, dg, nodes) || !add_links(g, dg, nodes) ||
	    !add_tunnels(g, a, dg, nodes) || !add_arrows(g, a, dg, nodes)) {
		agclose(g);
		return NULL;
	}
	return g;
}

/* ---- output ---------------------------------------------------------------- */

/* xdot (laid-out DOT with drawing operations) is for tests and tools */
static const char *const formats[] = {"dot", "svg", "png", "pdf", "xdot"};

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

/* Graphviz 2.42/2.43 (Debian 12): a labelled flat edge between non-adjacent
 * nodes makes dot's make_vn_slot() realloc a rank's node list `v` without
 * updating `av`, which gvFreeLayout() then frees: a double free (glibc aborts).
 * Tunnel edges are constraint=false, so any two gateways that land on one rank
 * can trigger it. Where a rank of the root graph no longer points into its
 * allocated block, that block is gone: point `av` at the live list so the
 * cleanup frees what is allocated, once. */
static void gv_fix_realloced_ranks(Agraph_t *g)
{
	if (!GD_rank(g))
		return;
	for (int r = GD_minrank(g); r <= GD_maxrank(g); r++) {
		rank_t *rk = &GD_rank(g)[r];
		uintptr_t v = (uintptr_t)rk->v, lo = (uintptr_t)rk->av;
		uintptr_t hi = lo + (size_t)(rk->an > 0 ? rk->an : 0) * sizeof *rk->av;
		if (rk->av && (v < lo || v > hi))
			rk->av = rk->v;
	}
}

/* g, its drawing to be scaled down when larger than TC_DIAGRAM_MAX_PT on a side
 * (Graphviz's "size" only ever shrinks): no picture over 8 000 px. Set for
 * laid-out formats only, so DOT text stays as it was. */
static Agraph_t *gv_sized(Agraph_t *g)
{
	char size[32];
	snprintf(size, sizeof size, "%g,%g", TC_DIAGRAM_MAX_PT / 72.0, TC_DIAGRAM_MAX_PT / 72.0);
	gv_set(g, "size", size);
	return g;
}

/* The factor g's layout is scaled by to fit TC_DIAGRAM_MAX_PT, or 0 when it fits. */
static double gv_scale(Agraph_t *g)
{
	double w = GD_bb(g).UR.x - GD_bb(g).LL.x, h = GD_bb(g).UR.y - GD_bb(g).LL.y;
	double big = w > h ? w : h;
	return big > TC_DIAGRAM_MAX_PT ? TC_DIAGRAM_MAX_PT / big : 0;
}

/* Render g's layout as fmt into out. Into memory first: Graphviz's own
 * writer exit()s when a write fails (gvdevice.c), so out is written here,
 * where a full disk is an error to report. 0, or TC_ERROR with msg set. */
static int gv_render_to(FILE *out, GVC_t *gvc, Agraph_t *g, const char *fmt, char *msg, size_t n)
{
	char *data = NULL;
	unsigned len = 0;
	if (gvRenderData(gvc, g, fmt, &data, &len) != 0 || !data) {
		snprintf(msg, n, "Graphviz could not render %s: %s", fmt, gv_lasterr());
		gvFreeRenderData(data);
		return TC_ERROR;
	}
	size_t put = fwrite(data, 1, len, out);
	gvFreeRenderData(data);
	if (put != len) {
		snprintf(msg, n, "write failed");
		return TC_ERROR;
	}
	return 0;
}

int tc_render_graph(FILE *out, const tc_model *m, const tc_prediction *p, const tc_diagram_opts *o,
		    char *err, size_t errlen)
{
	static const tc_diagram_opts defaults = {0};
	char msg[512] = "";
	const char *fmt;
	tc_dg *dg = NULL;
	Agraph_t *g = NULL;
	GVC_t *gvc = NULL;
	int rc = TC_ERROR;
	double scaled = 0; /* the factor a picture too large was scaled by, else 0 */

	if (!o)
		o = &defaults;
	fmt = o->format ? o->format : "dot";
	if (!format_known(fmt)) {
		snprintf(msg, sizeof msg, "unknown diagram format '%s'; use dot, svg, png or pdf",
			 fmt);
		goto out;
	}
	int r = tc_dg_build(&dg, m, p, o, msg, sizeof msg);
	if (r != 0) {
		if (!msg[0])
			snprintf(msg, sizeof msg, "out of memory");
		goto out;
	}
	g = build_graph(dg, o->id);
	gvc = g ? gv_context() : NULL;
	if (!gvc) {
		snprintf(msg, sizeof msg, "Graphviz could not build the graph");
		goto out;
	}
	gv_errbuf[0] = '\0';
	agusererrf prev = agseterrf(gv_collect);
	if (strcmp(fmt, "dot") == 0) {
		/* DOT is written without layout: positions depend on the Graphviz
		 * version and fonts, and users lay it out themselves. With the
		 * default I/O discipline agwrite's channel is a FILE *. */
		if (agwrite(g, out) == EOF)
			snprintf(msg, sizeof msg, "write failed");
		else
			rc = 0;
	} else if (gvLayout(gvc, gv_sized(g), "dot") != 0) {
		snprintf(msg, sizeof msg, "Graphviz layout failed: %s", gv_lasterr());
	} else {
		gv_fix_realloced_ranks(g);
		scaled = gv_scale(g);
		rc = gv_render_to(out, gvc, g, fmt, msg, sizeof msg);
	}
	agseterrf(prev);
	if (rc == 0 && (fflush(out) != 0 || ferror(out))) {
		snprintf(msg, sizeof msg, "write failed");
		rc = TC_ERROR;
	}
out:
	if (gvc)
		gvFreeLayout(gvc, g); /* a no-op when there is no layout */
	if (g)
		agclose(g);
	if (rc == 0)
		snprintf(msg, sizeof msg, "%s%s%s", dg->note ? dg->note : "",
			 dg->note && scaled > 0 ? "; " : "",
			 scaled > 0 ? tc_arena_printf(dg->arena, "scaled to %.0f %% to fit %d px",
						      100 * scaled, TC_DIAGRAM_MAX_PX)
				    : "");
	tc_dg_free(dg);
	if (err && errlen > 0)
		snprintf(err, errlen, "%s", msg);
	return rc;
}

int tc_render_dot(FILE *out, const tc_model *m, const tc_prediction *p, const tc_render_opts *o)
{
	(void)o; /* no DOT options in the renderer signature */
	return tc_render_graph(out, m, p, NULL, NULL, 0);
}

const char *tc_render_diagram_format(char *buf, size_t n, const char *path, const char *format,
				     char *err, size_t errlen)
{
	const char *fmt = format ? format : format_from_path(buf, n, path);
	if (!fmt)
		snprintf(err, errlen,
			 "%s: cannot tell the diagram format from the file name; use .dot, .svg, "
			 ".png or .pdf",
			 path);
	else if (!format_known(fmt))
		snprintf(err, errlen, "unknown diagram format '%s'; use dot, svg, png or pdf", fmt);
	else
		return fmt;
	return NULL;
}
