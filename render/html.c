/* html.c: the HTML report: one self-contained page (inline CSS, SVG and a little JS), works offline.
 *
 * Layout, top to bottom:
 *   - a summary: devices, domains per state, diagnostics per severity;
 *   - the network diagram (graphviz.c's picture of the whole snapshot);
 *   - a table of domains, sortable by clicking a column head (the script
 *     at the end; without it the table is simply in render order);
 *   - per domain, in a <details> block: its id, summary, the numbered
 *     event timeline, and step pictures after the events that change the
 *     SA table and at the end of each packet's walk (for o->pictures
 *     domains, those neither stable nor standby first: ~17 pictures a domain, 9 minutes
 *     and 2 GB of HTML for 10 000 domains);
 *   - the diagnostics (message and code, never the source line).
 * The size budget (render.h, TC_HTML_*) keeps a big estate's page under
 * TC_HTML_DOMAIN_BUDGET bytes a domain: the pictures stop at o->picture_budget bytes, the
 * problem domains' first (the rest are drawn on demand by `diagram --domain --steps`), and
 * past TC_HTML_FOLD_DOMAINS domains the pictures and a long timeline are stored inert in a
 * <template> (neither rendered nor laid out) that the page's script clones into place when
 * the domain is opened. A template is as big as what it holds, so once the page passes its
 * bytes (each timeline's share, what earlier ones left over carried on) a long timeline
 * keeps only its first TC_HTML_FOLD_EVENTS events and names `explain` for the rest: a
 * timeline of 377 events is 51 kB of HTML, 3.5 kB cut. The page is written through a
 * memory stream handed on after each part, as that budget needs its size so far and out
 * may be a pipe.
 * Nothing is fetched from the network: no external fonts, scripts or
 * images. Every string that comes from a config (hostnames, map and ACL
 * names, event sentences, diagnostics) is HTML-escaped with
 * tc_render_xml(). Secrets are not in the model, so they cannot appear.
 * Inline SVGs get distinct id prefixes (graph id "net", "d3s12"...) so
 * that element ids stay unique in the page. */
#include "render_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_class[TC_STATE_COUNT] = {"stable", "standby", "oscillating",
							"one-way", "down"};

static const char css[] =
	"body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:0;"
	"color:#1f2328;background:#fff;font-size:14px;line-height:1.45}\n"
	"main{max-width:1240px;margin:0 auto;padding:16px 20px 40px}\n"
	"h1{font-size:22px;margin:8px 0 4px}h2{font-size:17px;margin:28px 0 8px;"
	"border-bottom:1px solid #d0d7de;padding-bottom:4px}\n"
	".sub{color:#57606a;margin:0 0 12px}\n"
	".cards{display:flex;flex-wrap:wrap;gap:12px}\n"
	".card{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:160px}\n"
	".card .n{font-size:24px;font-weight:600}.card .l{color:#57606a}\n"
	".badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;"
	"font-weight:600;color:#fff;white-space:nowrap}\n"
	".stable{background:#1a7f37}.standby{background:#0969da}.oscillating{background:#bf8700}"
	".one-way{background:#8250df}.down{background:#cf222e}.assumed{background:#6e7781}\n"
	".error{background:#cf222e}.warning{background:#bf8700}.note{background:#57606a}\n"
	".diagram{overflow-x:auto;border:1px solid #d0d7de;border-radius:6px;padding:8px}\n"
	".diagram svg,figure svg{max-width:100%;height:auto}\n"
	".badge.zero{opacity:.35}\n"
	"table{border-collapse:collapse;width:100%;font-size:13px}\n"
	"th,td{border-bottom:1px solid #d8dee4;padding:5px 8px;text-align:left;vertical-align:top}\n"
	"th{background:#f6f8fa;cursor:pointer;user-select:none;white-space:nowrap}\n"
	"th[aria-sort=ascending]::after{content:' \\25B2'}th[aria-sort=descending]::after{content:' \\25BC'}\n"
	"td.mono,code{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;"
	"font-size:12px}\n"
	"details{border:1px solid #d0d7de;border-radius:6px;margin:8px 0;padding:6px 12px}\n"
	"summary{cursor:pointer;font-weight:600}\n"
	"ol.timeline{padding-left:3.2em;margin:8px 0}ol.timeline li{margin:1px 0}\n"
	"li.sa_up,li.sa_drop{font-weight:600}li.drop,li.reject{color:#cf222e}\n"
	".dev{color:#0969da}.rule{color:#57606a;font-size:12px}\n"
	"figure{margin:12px 0;border-top:1px dashed #d0d7de;padding-top:8px}\n"
	"figcaption{color:#57606a;font-size:13px;margin-bottom:4px}\n"
	"footer{color:#57606a;font-size:12px;margin-top:32px}\n";

/* Click a column head to sort by it; numbers and addresses sort by data-sort.
 * A folded timeline unfolds when its domain is opened, by a click or by a link
 * to #dN (the table's numbers, or an address typed with one). */
static const char script[] =
	"function unfold(d){var z=d.querySelectorAll('template.z'),f=d.querySelector('.fold');\n"
	" if(!z.length)return;if(f)f.remove();\n"
	" z.forEach(function(t){t.replaceWith(t.content.cloneNode(true));});\n"
	"}\n"
	"document.addEventListener('toggle',function(e){if(e.target.open)unfold(e.target);},true);\n"
	"function go(){var d=location.hash&&document.getElementById(location.hash.slice(1));\n"
	" if(d&&d.tagName==='DETAILS'){d.open=true;unfold(d);}}\n"
	"window.addEventListener('hashchange',go);go();\n"
	"document.querySelectorAll('table.sortable').forEach(function(t){\n"
	" t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){\n"
	"  var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),"
	"asc=th.getAttribute('aria-sort')!=='ascending';\n"
	"  t.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort');});\n"
	"  th.setAttribute('aria-sort',asc?'ascending':'descending');\n"
	"  function key(r){var c=r.cells[i];return c.getAttribute('data-sort')||c.textContent;}\n"
	"  rows.sort(function(x,y){var r=key(x).localeCompare(key(y),undefined,{numeric:true});"
	"return asc?r:-r;});\n"
	"  rows.forEach(function(r){b.appendChild(r);});\n"
	" });});\n"
	"});\n";

static void put_text(FILE *out, const char *s)
{
	tc_render_xml_puts(out, s, TC_XML_HTML);
}

/* An SVG picture of o, without the XML prolog, ready to inline; NULL with
 * err set when Graphviz fails. (A tmpfile, not open_memstream: see
 * tests/test_render.c slurp().) */
static char *svg_of(tc_arena *a, const tc_model *m, const tc_prediction *p, tc_diagram_opts o,
		    char *err, size_t errlen)
{
	FILE *f = tmpfile();
	char *text = NULL;
	if (!f) {
		snprintf(err, errlen, "cannot create a temporary file");
		return NULL;
	}
	o.format = "svg";
	if (tc_render_graph(f, m, p, &o, err, errlen) != 0)
		goto out;
	long n = ftell(f);
	if (n < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	text = tc_arena_alloc(a, (size_t)n + 1);
	if (fread(text, 1, (size_t)n, f) != (size_t)n) {
		text = NULL;
		goto out;
	}
	text[n] = '\0';
	char *svg = strstr(text, "<svg");
	text = svg ? svg : text;
out:
	fclose(f);
	return text;
}

/* A drift verdict's badge colour, from the state palette: matches green, not captured grey,
 * the rest red. */
static const char *drift_class(int v)
{
	return v == TC_DRIFT_MATCHES ? "stable" : v == TC_DRIFT_NOT_CAPTURED ? "assumed" : "down";
}

static void put_summary(FILE *out, const tc_model *m, const tc_prediction *p, const tc_drift *dr)
{
	size_t nd = p ? p->ndomains : 0;
	fprintf(out, "<section id=\"summary\"><div class=\"cards\">\n");
	fprintf(out,
		"<div class=\"card\"><div class=\"n\">%zu</div><div class=\"l\">devices</div></div>\n",
		m->ndevs);
	fprintf(out, "<div class=\"card\"><div class=\"n\">%zu</div><div class=\"l\">domains", nd);
	for (int s = 0; s < TC_STATE_COUNT; s++) {
		size_t k = p ? p->nstate[s] : 0;
		fprintf(out, " <span class=\"badge %s%s\">%zu %s</span>", state_class[s],
			k ? "" : " zero", k, tc_state_name(s));
	}
	fputs("</div></div>\n", out);
	fprintf(out, "<div class=\"card\"><div class=\"n\">%zu</div><div class=\"l\">diagnostics",
		tc_render_ndiags(m));
	for (int s = TC_SEV_ERROR; s >= TC_SEV_NOTE; s--)
		fprintf(out, " <span class=\"badge %s%s\">%zu %s%s</span>", tc_render_sev_name(s),
			m->ndiags[s] ? "" : " zero", m->ndiags[s], tc_render_sev_name(s),
			m->ndiags[s] == 1 ? "" : "s");
	fputs("</div></div>\n", out);
	if (dr) {
		fprintf(out,
			"<div class=\"card\"><div class=\"n\">%zu</div><div class=\"l\">captured "
			"device%s",
			dr->ncaptured, dr->ncaptured == 1 ? "" : "s");
		for (int k = 0; k < TC_DRIFT_COUNT; k++)
			fprintf(out, " <span class=\"badge %s%s\">%zu %s</span>", drift_class(k),
				dr->nverdict[k] ? "" : " zero", dr->nverdict[k],
				tc_drift_verdict_name(k));
		fputs("</div></div>\n", out);
	}
	fprintf(out, "</div></section>\n");
}

/* The owner (R2, R2⇄R3 when oscillating, or none), with an "assumed" badge
 * when it is outside the snapshot. */
static void put_owner(FILE *out, tc_arena *a, const tc_domain *d, const char *none)
{
	const char *s = tc_render_owners_cell(a, d, false);
	put_text(out, strcmp(s, "-") == 0 ? none : s);
	if (d->assumed)
		fputs(" <span class=\"badge assumed\" title=\"a peer outside the snapshot, assumed "
		      "to answer as configured\">assumed</span>",
		      out);
}

/* The state badge, then what --failures says of a standby domain. */
static void put_state(FILE *out, tc_arena *a, const tc_domain *d)
{
	const char *name = tc_state_name(d->state), *cell = tc_render_state_cell(a, d);
	fprintf(out, "<span class=\"badge %s\">%s</span>", state_class[d->state], name);
	put_text(out, cell + strlen(name));
}

static void put_prefix_cell(FILE *out, tc_prefix p)
{
	char buf[TC_PREFIX_STRLEN];
	fprintf(out, "<td class=\"mono\" data-sort=\"%08x/%02u\">%s</td>", (unsigned)p.addr,
		(unsigned)p.len, tc_prefix_format(buf, sizeof buf, p));
}

/* The Observed cell: the drift verdict's badge, who holds the SA, the capture's line. */
static void put_observed(FILE *out, const tc_drift_item *it)
{
	fprintf(out, "<td data-sort=\"%d\"><span class=\"badge %s\" title=\"", (int)it->verdict,
		drift_class(it->verdict));
	put_text(out, it->detail);
	fputs("\">", out);
	put_text(out, it->label);
	fputs("</span>", out);
	if (it->observed && strcmp(it->observed, "-") != 0) {
		fputs(" ", out);
		put_text(out, it->observed);
	}
	fputs("</td>", out);
}

static void put_table(FILE *out, tc_arena *a, const tc_model *m, const tc_prediction *p,
		      const tc_domain *const *v, size_t n, const tc_drift *dr)
{
	fputs("<section id=\"domains\"><h2>Encryption domains</h2>\n", out);
	if (n == 0) {
		fputs("<p>No encryption domains.</p></section>\n", out);
		return;
	}
	fputs("<table class=\"sortable\" id=\"domain-table\"><thead><tr><th>#</th><th>Device</th>"
	      "<th>Map / seq</th><th>Local</th><th>Remote</th><th>Peers</th><th>Owner</th>"
	      "<th>State</th>",
	      out);
	fputs(dr ? "<th>Observed</th></tr></thead>\n<tbody>\n" : "</tr></thead>\n<tbody>\n", out);
	for (size_t i = 0; i < n; i++) {
		const tc_domain *d = v[i];
		char id[TC_DOMAIN_ID_MAX];
		tc_arena_reset(
			a); /* the row's escaped texts are written: a report of 10 000 domains
				      would otherwise hold all of them */
		tc_render_domain_id(id, sizeof id, d);
		fprintf(out,
			"<tr data-id=\"%s\"><td data-sort=\"%06zu\"><a href=\"#d%zu\">%zu</a></td><td>",
			tc_render_xml(a, id, TC_XML_HTML), i + 1, i + 1, i + 1);
		put_text(out, d->device ? d->device->hostname : "-");
		fputs("</td><td>", out);
		put_text(out, d->entry ? d->entry->map : "-");
		char seq[16];
		fprintf(out, " %s</td>", tc_render_seq(seq, sizeof seq, d));
		put_prefix_cell(out, d->local);
		put_prefix_cell(out, d->remote);
		fputs("<td class=\"mono\">", out);
		if (d->dyn_entry) { /* the spokes propose; the dynamic map entry answers */
			put_text(out, tc_render_spokes_cell(a, d));
			fputs("<br>answered by ", out);
			put_text(out, tc_arena_printf(a, "dynamic map %s %u", d->dyn_entry->map,
						      d->dyn_entry->seq));
		}
		for (unsigned k = 0; d->entry && !d->dyn_entry && k < d->entry->npeers; k++) {
			char ip[TC_IP_STRLEN], ord[16];
			const tc_device *pd = tc_device_by_addr(m, d->entry->peers[k], NULL);
			fprintf(out, "%s%s %s", k ? "<br>" : "",
				tc_render_ordinal(ord, sizeof ord, k + 1),
				tc_ip_format(ip, sizeof ip, d->entry->peers[k]));
			if (pd) {
				fputs(" (", out);
				put_text(out, pd->hostname);
				fputs(")", out);
			}
		}
		fputs("</td><td>", out);
		put_owner(out, a, d, "-");
		fprintf(out, "</td><td data-sort=\"%d\">", (int)d->state);
		put_state(out, a, d);
		fputs("</td>", out);
		if (dr)
			put_observed(out, tc_drift_of(dr, p, d));
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></section>\n", out);
}

/* Steps worth a picture: every SA brought up, the last of a run of drops
 * (the hub's and the peer's side of one delete), and the end of each
 * packet's walk (the event before the next send, and the last one). */
static bool key_step(const tc_trace *t, size_t i)
{
	const tc_event evt = tc_trace_event(t, i), *ev = &evt;
	bool last = i + 1 == t->nevents;
	const tc_event nextt = last ? evt : tc_trace_event(t, i + 1), *next = last ? NULL : &nextt;
	if (ev->kind == TC_EV_SA_UP)
		return true;
	if (ev->kind == TC_EV_SA_DROP)
		return !next || next->kind != TC_EV_SA_DROP;
	if (ev->kind == TC_EV_INFO)
		return false;
	return last || next->kind == TC_EV_SEND || next->kind == TC_EV_INFO;
}

/* The first max numbered events of t as an ordered list. */
static void put_events(FILE *out, const tc_trace *t, size_t max)
{
	fputs("<ol class=\"timeline\">\n", out);
	for (size_t i = 0; i < t->nevents && i < max; i++) {
		const tc_event evt = tc_trace_event(t, i), *ev = &evt;
		fprintf(out, "<li value=\"%zu\" class=\"%s\">", i + 1,
			tc_event_kind_name(ev->kind));
		if (ev->device) {
			fputs("<span class=\"dev\">[", out);
			put_text(out, ev->device->hostname);
			fputs("]</span> ", out);
		}
		put_text(out, ev->text);
		if (ev->rule) {
			fputs(" <span class=\"rule\">", out);
			put_text(out, ev->rule);
			fputs("</span>", out);
		}
		fputs("</li>\n", out);
	}
	fputs("</ol>\n", out);
}

/* The step pictures of domain d (number num in the table), as figures; TC_ERROR when
 * Graphviz fails. With max > 0, 1 as soon as out's position passes max (the rest is not
 * drawn: the domain will not fit the budget). */
static int put_figures(FILE *out, tc_arena *a, const tc_model *m, const tc_prediction *p,
		       const tc_domain *d, size_t num, long max)
{
	char err[256] = "";
	const tc_trace *t = &d->traces[0];
	for (size_t i = 0; i < t->nevents; i++) {
		if (!key_step(t, i))
			continue;
		tc_diagram_opts o = {.domain = d,
				     .step = i + 1,
				     .id = tc_arena_printf(a, "d%zus%zu", num, i + 1)};
		char *svg = svg_of(a, m, p, o, err, sizeof err);
		if (!svg)
			return TC_ERROR;
		fprintf(out, "<figure><figcaption>After step %zu</figcaption>\n%s</figure>\n",
			i + 1, svg);
		if (max > 0 && ftell(out) > max)
			return 1;
	}
	return 0;
}

/* What was written to scratch since it was rewound, malloc'd and NUL-terminated (free()
 * it), its length in *len; NULL when it cannot be read back. */
static char *take(FILE *scratch, size_t *len)
{
	long n = ftell(scratch);
	char *text = NULL;
	if (n < 0 || fseek(scratch, 0, SEEK_SET) != 0)
		return NULL;
	text = tc_xmalloc((size_t)n + 1);
	if (fread(text, 1, (size_t)n, scratch) != (size_t)n) {
		free(text);
		return NULL;
	}
	text[n] = '\0';
	*len = (size_t)n;
	return text;
}

/* A long timeline's events in a big report, inert in a template: all of them while out's
 * position stays within room, else the first TC_HTML_FOLD_EVENTS and a line naming explain
 * for the rest (out is the page's memory stream, so it can go back over the list). */
static bool put_long_events(FILE *out, const tc_trace *t, size_t num, long room)
{
	fputs("<template class=\"z\">", out);
	long at = ftell(out);
	bool whole = at <= room;
	if (whole) {
		put_events(out, t, t->nevents);
		whole = ftell(out) <= room || fseek(out, at, SEEK_SET) != 0;
	}
	if (!whole) {
		put_events(out, t, TC_HTML_FOLD_EVENTS);
		fprintf(out,
			"<p class=\"sub\">Events %d to %zu left out (the page's size budget): "
			"<code>tunnelcast explain SNAPSHOT %zu</code> tells them all.</p>\n",
			TC_HTML_FOLD_EVENTS + 1, t->nevents, num);
	}
	fputs("</template>\n", out);
	return !whole;
}

/* Domain d's block: summary line, events, then its pictures: figs when they were drawn
 * before, else drawn now when draw, else a line that there are none. In a big report
 * (fold), the pictures and a long list of events are stored inert, and the list is cut
 * when it would take out past room bytes (LONG_MAX: no limit). *live: the bytes of the
 * pictures drawn now (not before, in figs). 1 when the list was cut, 0, or TC_ERROR when
 * Graphviz fails. */
static int put_timeline(FILE *out, tc_arena *a, const tc_model *m, const tc_prediction *p,
			const tc_domain *d, size_t num, bool draw, const char *figs, bool fold,
			long room, size_t *live)
{
	char id[TC_DOMAIN_ID_MAX];
	const tc_trace *t = &d->traces[0];
	bool any = false, cut = false;
	for (size_t i = 0; i < t->nevents && !any; i++)
		any = key_step(t, i);
	bool pics = any && (figs || draw), fold_ev = fold && t->nevents > TC_HTML_FOLD_EVENTS,
	     fold_pics = fold && pics;
	tc_render_domain_id(id, sizeof id, d);
	fprintf(out, "<details id=\"d%zu\"><summary>%zu. <code>%s</code> ", num, num,
		tc_render_xml(a, id, TC_XML_HTML));
	put_state(out, a, d);
	fputs(" owner ", out);
	put_owner(out, a, d, "none");
	fputs("</summary>\n", out);
	if (d->summary) {
		fputs("<p>", out);
		put_text(out, d->summary);
		fputs("</p>\n", out);
	}
	fprintf(out,
		"<p class=\"sub\">Events when %s sends first (%zu); the other order ends %s.</p>\n",
		t->first_sender && strcmp(t->first_sender, "remote") == 0 ? "the remote side"
									  : "the local side",
		t->nevents, tc_state_name(d->traces[1].state));
	if (fold_ev)
		fprintf(out,
			"<p class=\"sub fold\">Events%s stored inert, shown when opened with "
			"JavaScript: <code>tunnelcast explain SNAPSHOT %zu</code> tells them.</p>\n",
			fold_pics ? " and step pictures" : "", num);
	else if (fold_pics)
		fprintf(out,
			"<p class=\"sub fold\">Step pictures stored inert, shown when opened with "
			"JavaScript: <code>tunnelcast diagram --domain %zu --steps -o FILE.svg "
			"SNAPSHOT</code> draws them.</p>\n",
			num);
	if (fold_ev)
		cut = put_long_events(out, t, num, room);
	else
		put_events(out, t, t->nevents);
	if (fold_pics)
		fputs("<template class=\"z\">", out);
	long before = ftell(out);
	if (figs)
		fputs(figs, out);
	else if (pics && put_figures(out, a, m, p, d, num, 0) != 0)
		return TC_ERROR;
	else if (pics)
		*live = (size_t)(ftell(out) - before);
	else if (any)
		fputs("<p class=\"sub\">No step pictures for this domain (see the start of the "
		      "timelines).</p>\n",
		      out);
	if (fold_pics)
		fputs("</template>\n", out);
	fputs("</details>\n", out);
	return cut;
}

/* The bytes of step pictures a report of n domains may hold under o, 0 for no limit: a big
 * report holds less, as its pictures take a quarter of a second a 100 kB on a 1 000-device
 * snapshot, only the first domains get them anyway, and they take no more than a fifth
 * of the page's budget (the timelines need the rest). */
static size_t picture_budget(const tc_render_opts *o, size_t n)
{
	size_t budget = o ? o->picture_budget : 0, big = TC_HTML_BIG_PICTURE_BUDGET;
	if (n <= TC_HTML_FOLD_DOMAINS || !budget)
		return budget;
	if (big > n * TC_HTML_DOMAIN_BUDGET / 5)
		big = n * TC_HTML_DOMAIN_BUDGET / 5;
	return budget < big ? budget : big;
}

/* Which domains get step pictures: those neither stable nor standby first, then in render
 * order, up to o->pictures domains (all when o is NULL or it is negative). With a
 * picture budget, each is drawn here into figs[i] and the first domain whose pictures would
 * pass the budget ends the list (the first domain is kept whatever its size; drawing one
 * stops as soon as it is over), so that the bytes are known before the page is written;
 * without, the domains are drawn as they are written. The number of domains drawn, or -1 when Graphviz fails. */
static long choose_drawn(bool *drawn, char **figs, FILE *scratch, tc_arena *a, const tc_model *m,
			 const tc_prediction *p, const tc_domain *const *v, size_t n,
			 const tc_render_opts *o)
{
	long limit = o ? o->pictures : -1;
	size_t budget = picture_budget(o, n), used = 0, ndrawn = 0;
	for (int stable = 0; stable < 2; stable++)
		for (size_t i = 0; i < n; i++) {
			if (tc_state_healthy(v[i]->state) != stable)
				continue;
			if (limit >= 0 && ndrawn >= (size_t)limit)
				return (long)ndrawn;
			if (budget && ndrawn && used >= budget) /* the first domain filled it */
				return (long)ndrawn;
			if (budget) {
				size_t len = 0;
				tc_arena_reset(a);
				rewind(scratch);
				int rc = put_figures(scratch, a, m, p, v[i], i + 1,
						     ndrawn ? (long)(budget - used) : 0);
				if (rc == 1)
					return (long)ndrawn;
				if (rc != 0 || !(figs[i] = take(scratch, &len)))
					return -1;
				used += len;
			}
			drawn[i] = true;
			ndrawn++;
		}
	return (long)ndrawn;
}

/* What the page leaves out or folds, said where the timelines start (nothing when it leaves
 * out nothing, as in a small report). */
static void put_budget_note(FILE *out, size_t ndrawn, size_t n, size_t nfold)
{
	if (ndrawn < n)
		fprintf(out,
			"<p class=\"sub\">Step pictures for %zu of the %zu domains, those neither "
			"stable nor standby first (<code>tunnelcast report --pictures N</code> or "
			"<code>all</code> draws more; <code>tunnelcast diagram --domain ID --steps -o "
			"FILE.svg SNAPSHOT</code> draws one domain's).</p>\n",
			ndrawn, n);
	if (nfold || (n > TC_HTML_FOLD_DOMAINS && ndrawn))
		fprintf(out,
			"<p class=\"sub\">In a report of more than %d domains, the step pictures "
			"and the events of the %zu timelines of more than %d events are stored inert: "
			"they appear when their domain is opened. Past %d KiB a domain (the page's "
			"budget), such a timeline keeps its first %d events (the footer says how many "
			"did).</p>\n",
			TC_HTML_FOLD_DOMAINS, nfold, TC_HTML_FOLD_EVENTS,
			TC_HTML_DOMAIN_BUDGET / 1024, TC_HTML_FOLD_EVENTS);
}

/* The budget this page was written with, in its footer; ncut timelines were cut to fit it. */
static void put_budget(FILE *out, const tc_render_opts *o, size_t ncut)
{
	long limit = o ? o->pictures : -1;
	size_t budget = o ? o->picture_budget : 0;
	fputs("<br>Size budget: ", out);
	if (budget)
		fprintf(out,
			"step pictures up to %zu KiB, the domains neither stable nor standby first, "
			"the rest drawn on demand (<code>--pictures all</code> draws every one)",
			budget / 1024);
	else if (limit >= 0)
		fprintf(out,
			"step pictures for %ld domains, whatever their size (<code>--pictures "
			"%ld</code>)",
			limit, limit);
	else
		fputs("every step picture, whatever its size (<code>--pictures all</code>)", out);
	fprintf(out, "; past %d domains, the page holds %d KiB a domain", TC_HTML_FOLD_DOMAINS,
		TC_HTML_DOMAIN_BUDGET / 1024);
	if (budget)
		fprintf(out, " (step pictures at most a fifth of it and %d KiB)",
			TC_HTML_BIG_PICTURE_BUDGET / 1024);
	fprintf(out,
		": the step pictures and the events of timelines of more than %d events are stored "
		"inert and appear when opened, and once the page passes its budget such a "
		"timeline keeps its first %d events (%zu here; <code>tunnelcast explain SNAPSHOT "
		"ID</code> tells them all).",
		TC_HTML_FOLD_EVENTS, TC_HTML_FOLD_EVENTS, ncut);
}

/* The page so far: what the caller's stream was handed and what the memory stream holds. */
typedef struct html_page {
	FILE *w;     /* the memory stream every part is written to */
	char *buf;   /* its memory (open_memstream's) */
	size_t len;  /* its bytes at the last flush */
	size_t sent; /* bytes handed on to the caller's stream */
} html_page;

/* Hand what pg->w holds on to out and start it again. */
static void hand_on(html_page *pg, FILE *out)
{
	if (fflush(pg->w) != 0)
		return; /* ferror(pg->w) fails the page */
	fwrite(pg->buf, 1, pg->len, out);
	pg->sent += pg->len;
	rewind(pg->w);
}

/* What each of n timelines may add to a big page besides its pictures: the page's budget less
 * what came before the timelines (head) and the pictures drawn before (figs), shared
 * equally; 0 when nothing is left. */
static size_t timeline_share(size_t n, size_t head, char *const *figs)
{
	size_t left = n * TC_HTML_DOMAIN_BUDGET;
	for (size_t i = 0; i < n; i++) {
		size_t len = (figs[i] ? strlen(figs[i]) : 0) + head;
		head = 0;
		if (len >= left)
			return 0;
		left -= len;
	}
	return left / n;
}

/* The bytes the next block may leave pg->w holding for the page to stay within upto;
 * LONG_MAX when the report does not fold, -1 when the page is past it already. */
static long room_of(const html_page *pg, size_t upto, bool fold)
{
	if (!fold)
		return LONG_MAX;
	return upto > pg->sent ? (long)(upto - pg->sent) : -1;
}

static void put_diags(FILE *out, const tc_model *m)
{
	fputs("<section id=\"diagnostics\"><h2>Diagnostics</h2>\n", out);
	if (!m->diags) {
		fputs("<p>None.</p></section>\n", out);
		return;
	}
	fputs("<table class=\"sortable\"><thead><tr><th>Where</th><th>Severity</th><th>Message</th>"
	      "<th>Code</th></tr></thead>\n<tbody>\n",
	      out);
	for (const tc_diag *d = m->diags; d; d = d->next) {
		fputs("<tr><td class=\"mono\">", out);
		put_text(out, d->file ? d->file : "-");
		if (d->line)
			fprintf(out, ":%u", d->line);
		fprintf(out,
			"</td><td data-sort=\"%d\"><span class=\"badge %s\">%s</span></td><td>",
			2 - (int)d->sev, tc_render_sev_name(d->sev), tc_render_sev_name(d->sev));
		put_text(out, d->msg);
		fputs("</td><td class=\"mono\">", out);
		put_text(out, d->code);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody></table>", out);
	for (const tc_diag_more *x = m->diag_more; x; x = x->next) { /* beyond --max-diagnostics */
		fprintf(out, "\n<p>… and %zu more ", x->more);
		put_text(out, x->code);
		fprintf(out, " %ss in <span class=\"mono\">", tc_render_sev_name(x->sev));
		put_text(out, x->file ? x->file : "the snapshot");
		fputs("</span>.</p>", out);
	}
	fputs("</section>\n", out);
}

int tc_render_html(FILE *out, const tc_model *m, const tc_prediction *p, const tc_render_opts *o)
{
	const tc_domain **v = NULL;
	bool *drawn = NULL;
	char **figs = NULL;
	FILE *scratch = NULL;
	tc_drift *dr = NULL;
	size_t n = p ? p->ndomains : 0;
	tc_arena *a = tc_arena_new();
	html_page pg = {0};
	char err[256] = "";
	int rc = TC_ERROR;

	if (!a || !(pg.w = open_memstream(&pg.buf, &pg.len)) || !(scratch = tmpfile()))
		goto out;
	FILE *w = pg.w;
	v = tc_render_domains(p);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>tunnelcast report</title>\n<style>\n",
	      w);
	fputs(css, w);
	fputs("</style>\n</head>\n<body>\n<main>\n<h1>tunnelcast report</h1>\n", w);
	fprintf(w,
		"<p class=\"sub\">Predicted IPsec peer-backup SA ownership: %zu device%s, %zu "
		"encryption domain%s.</p>\n",
		m->ndevs, m->ndevs == 1 ? "" : "s", n, n == 1 ? "" : "s");
	dr = tc_render_drift(m, p);
	put_summary(w, m, p, dr);

	fputs("<section id=\"diagram\"><h2>Network</h2>\n<div class=\"diagram\">\n", w);
	char *svg = svg_of(a, m, p, (tc_diagram_opts){.id = "net"}, err, sizeof err);
	if (!svg)
		goto out;
	fputs(svg, w);
	fputs("</div></section>\n", w);
	hand_on(&pg, out);

	put_table(w, a, m, p, v, n, dr);
	fputs("<section id=\"timelines\"><h2>Timelines</h2>\n", w);
	if (n == 0)
		fputs("<p>No encryption domains.</p>\n", w);
	drawn = tc_xcalloc(n + 1, sizeof *drawn);
	figs = tc_xcalloc(n + 1, sizeof *figs);
	long ndrawn = choose_drawn(drawn, figs, scratch, a, m, p, v, n, o);
	if (ndrawn < 0)
		goto out;
	size_t nfold = 0, ncut = 0;
	bool fold = n > TC_HTML_FOLD_DOMAINS;
	for (size_t i = 0; fold && i < n; i++)
		nfold += v[i]->traces[0].nevents > TC_HTML_FOLD_EVENTS;
	put_budget_note(w, (size_t)ndrawn, n, nfold);
	hand_on(&pg, out);
	/* each timeline's share of the budget, and its pictures: what one leaves is the next's;
	 * pictures drawn as they are written (--pictures N: whatever their size) are not
	 * counted */
	size_t upto = pg.sent, share = fold ? timeline_share(n, pg.sent, figs) : 0;
	for (size_t i = 0; i < n; i++) {
		size_t live = 0;
		tc_arena_reset(a); /* what the last timeline escaped and drew is written */
		upto += share + (figs[i] ? strlen(figs[i]) : 0);
		int cut = put_timeline(w, a, m, p, v[i], i + 1, drawn[i], figs[i], fold,
				       room_of(&pg, upto, fold), &live);
		if (cut < 0)
			goto out;
		upto += live;
		ncut += (size_t)cut;
		hand_on(&pg, out);
		free(figs[i]);
		figs[i] = NULL;
	}
	fputs("</section>\n", w);
	put_diags(w, m);
	fprintf(w, "<footer>tunnelcast %s", tc_render_version());
	put_budget(w, o, ncut);
	fprintf(w, "</footer>\n</main>\n<script>\n%s</script>\n</body>\n</html>\n", script);
	hand_on(&pg, out);
	rc = ferror(w) || ferror(out) ? TC_ERROR : 0;
out:
	for (size_t i = 0; figs && i < n; i++)
		free(figs[i]);
	free(figs);
	if (scratch)
		fclose(scratch);
	if (pg.w)
		fclose(pg.w);
	free(pg.buf);
	tc_drift_free(dr);
	free(drawn);
	free(v);
	tc_arena_free(a);
	return rc;
}
