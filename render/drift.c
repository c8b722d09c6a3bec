/* drift.c: `tunnelcast drift` reports: the prediction against the captured SAs as text,
 * JSON, Markdown and SARIF.
 *
 * All four list the domains in render order (the rows of `predict`, so that a row number
 * means the same domain to `explain`), each with its predicted owner and state, who holds
 * its SA in the capture and the verdict (model/drift.h), then the SAs no domain explains.
 * SARIF carries only what needs acting on: one result per verdict that is neither matches
 * nor not captured, located at the domain's ACL line (the capture line related). */
#include "lint_int.h"

#include <stdlib.h>
#include <string.h>

enum {
	COL_ROW,
	COL_DEVICE,
	COL_MAP,
	COL_SEQ,
	COL_LOCAL,
	COL_REMOTE,
	COL_OWNER,
	COL_STATE,
	COL_OBSERVED,
	COL_VERDICT,
	NCOLS
};

static const char *const col_names[NCOLS] = {"#",      "DEVICE", "MAP",	  "SEQ",      "LOCAL",
					     "REMOTE", "OWNER",	 "STATE", "OBSERVED", "VERDICT"};

/* "ASA (state/ASA.txt:12)" or "ASA": the capture an item reads. */
static const char *capture_ref(tc_arena *a, const tc_drift_item *it)
{
	if (!it->device)
		return "-";
	if (!it->sa || !it->sa->file)
		return it->device->hostname;
	return tc_arena_printf(a, "%s:%u", it->sa->file, it->sa->line);
}

static void put_header(FILE *out, const tc_model *m, const tc_drift *dr)
{
	const size_t *v = dr->nverdict;
	size_t nun = v[TC_DRIFT_UNEXPLAINED_SA];
	fprintf(out,
		"tunnelcast drift: %zu of %zu %s captured; %zu %s (%zu matches, %zu owner differs, "
		"%zu missing SA, %zu one-way observed, %zu not captured); %zu unexplained %s\n",
		dr->ncaptured, m->ndevs, tc_render_plural(m->ndevs, "device", "devices"),
		dr->ndomains, tc_render_plural(dr->ndomains, "domain", "domains"),
		v[TC_DRIFT_MATCHES], v[TC_DRIFT_OWNER_DIFFERS], v[TC_DRIFT_MISSING_SA],
		v[TC_DRIFT_ONE_WAY], v[TC_DRIFT_NOT_CAPTURED], nun,
		tc_render_plural(nun, "SA", "SAs"));
}

static void fill_row(const char **row, tc_arena *a, const tc_domain *d, const tc_drift_item *it,
		     size_t num)
{
	char seq[16];
	row[COL_ROW] = tc_arena_printf(a, "%zu", num);
	row[COL_DEVICE] = d->device->hostname;
	row[COL_MAP] = d->entry ? d->entry->map : "-";
	row[COL_SEQ] = tc_arena_strdup(a, tc_render_seq(seq, sizeof seq, d));
	row[COL_LOCAL] = tc_arena_prefix(a, d->local);
	row[COL_REMOTE] = tc_arena_prefix(a, d->remote);
	row[COL_OWNER] = tc_render_owners_cell(a, d, true);
	row[COL_STATE] = tc_state_name(d->state);
	row[COL_OBSERVED] = it->observed ? it->observed : "-";
	row[COL_VERDICT] = it->label;
}

static void put_row(FILE *out, const char *const *row, const size_t *w)
{
	for (int c = 0; c < NCOLS; c++) {
		tc_render_puts(out, row[c], false);
		if (c + 1 < NCOLS)
			fprintf(out, "%*s", (int)(w[c] - tc_render_width(row[c]) + 2), "");
	}
	putc('\n', out);
}

static void put_table(FILE *out, tc_arena *a, const tc_domain *const *v, const tc_drift *dr,
		      const tc_prediction *p)
{
	size_t n = dr->ndomains, w[NCOLS];
	const char **cells = tc_arena_alloc(a, (n + 1) * NCOLS * sizeof *cells);
	for (int c = 0; c < NCOLS; c++)
		w[c] = tc_render_width(col_names[c]);
	for (size_t i = 0; i < n; i++) {
		fill_row(&cells[i * NCOLS], a, v[i], tc_drift_of(dr, p, v[i]), i + 1);
		for (int c = 0; c < NCOLS; c++) {
			size_t l = tc_render_width(cells[i * NCOLS + c]);
			w[c] = l > w[c] ? l : w[c];
		}
	}
	put_row(out, col_names, w);
	for (size_t i = 0; i < n; i++)
		put_row(out, &cells[i * NCOLS], w);
}

int tc_render_drift_text(FILE *out, const tc_model *m, const tc_prediction *p, const tc_drift *dr)
{
	tc_arena *a = tc_arena_new();
	if (!a)
		return TC_ENOMEM;
	const tc_domain **v = tc_render_domains(p);
	put_header(out, m, dr);
	if (dr->ndomains) {
		putc('\n', out);
		put_table(out, a, v, dr, p);
	}
	for (size_t i = 0; i < dr->ndomains; i++) {
		const tc_domain *d = v[i];
		const tc_drift_item *it = tc_drift_of(dr, p, d);
		char id[TC_DOMAIN_ID_MAX];
		fprintf(out, "\n%zu. ", i + 1);
		tc_render_puts(out, tc_render_domain_id(id, sizeof id, d), false);
		fputs(": ", out);
		tc_render_puts(out, it->label, false);
		fputs("\n  ", out);
		tc_render_puts(out, it->detail, false);
		if (it->device) {
			fputs("\n  capture: ", out);
			tc_render_puts(out, capture_ref(a, it), false);
			if (it->far_end)
				fputs(" (the other end, mirrored)", out);
		}
		putc('\n', out);
	}
	if (dr->nitems > dr->ndomains)
		fputs("\nUnexplained SAs:\n", out);
	for (size_t i = dr->ndomains; i < dr->nitems; i++) {
		fputs("  ", out);
		tc_render_puts(out, capture_ref(a, &dr->items[i]), false);
		fputs(": ", out);
		tc_render_puts(out, dr->items[i].detail, false);
		putc('\n', out);
	}
	free(v);
	tc_arena_free(a);
	return ferror(out) ? TC_ERROR : 0;
}

static void jw_item(tc_jw *w, const tc_drift_item *it)
{
	tc_jw_str(w, "verdict", tc_drift_verdict_code(it->verdict));
	tc_jw_str(w, "label", it->label);
	tc_jw_str(w, "observed",
		  it->observed && strcmp(it->observed, "-") != 0 ? it->observed : NULL);
	tc_jw_str(w, "captured_on", it->device ? it->device->hostname : NULL);
	tc_jw_bool(w, "far_end", it->far_end);
	tc_jw_uint(w, "sas", it->nsas);
	tc_jw_str(w, "capture", it->device && it->device->obs ? it->device->obs->file : NULL);
	if (it->sa)
		tc_jw_obs_sa(w, "sa", it->sa);
	else
		tc_jw_null(w, "sa");
	if (it->ike)
		tc_jw_obs_ike(w, "ike", it->ike);
	else
		tc_jw_null(w, "ike");
	tc_jw_str(w, "detail", it->detail);
}

int tc_render_drift_json(FILE *out, const tc_model *m, const tc_prediction *p, const tc_drift *dr)
{
	const tc_domain **v = tc_render_domains(p);
	tc_jw w = {.out = out, .fresh = true};
	tc_jw_open_report(&w);
	tc_jw_open(&w, "summary", '{');
	tc_jw_uint(&w, "devices", m->ndevs);
	tc_jw_uint(&w, "captured", dr->ncaptured);
	tc_jw_uint(&w, "domains", dr->ndomains);
	for (int k = 0; k < TC_DRIFT_COUNT; k++) {
		char key[32];
		snprintf(key, sizeof key, "%s", tc_drift_verdict_code((tc_drift_verdict)k));
		for (char *c = key; *c; c++)
			*c = *c == '-' ? '_' : *c;
		tc_jw_uint(&w, key, dr->nverdict[k]);
	}
	tc_jw_bool(&w, "drift", tc_drift_found(dr));
	tc_jw_close(&w, '}');
	tc_jw_open(&w, "captured", '[');
	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i]->obs)
			tc_jw_str(&w, NULL, m->devs[i]->hostname);
	tc_jw_close(&w, ']');
	tc_jw_open(&w, "domains", '[');
	for (size_t i = 0; i < dr->ndomains; i++) {
		const tc_domain *d = v[i];
		char id[TC_DOMAIN_ID_MAX], b[TC_IP_STRLEN];
		tc_jw_open(&w, NULL, '{');
		tc_jw_str(&w, "id", tc_render_domain_id(id, sizeof id, d));
		tc_jw_str(&w, "device", d->device->hostname);
		tc_jw_str(&w, "crypto_map", d->entry ? d->entry->map : NULL);
		tc_jw_uint_if(&w, "seq", d->entry && !d->tunnel, d->entry ? d->entry->seq : 0);
		tc_jw_uint_if(&w, "acl_line", d->ace != NULL, d->ace_index);
		tc_jw_prefix(&w, "local", d->local);
		tc_jw_prefix(&w, "remote", d->remote);
		const char *own = tc_domain_owner_name(d, b, sizeof b);
		tc_jw_str(&w, "owner", own[0] ? own : NULL);
		tc_render_jw_owners(&w, d);
		tc_jw_str(&w, "state", tc_state_name(d->state));
		jw_item(&w, tc_drift_of(dr, p, d));
		tc_jw_close(&w, '}');
	}
	tc_jw_close(&w, ']');
	tc_jw_open(&w, "unexplained", '[');
	for (size_t i = dr->ndomains; i < dr->nitems; i++) {
		tc_jw_open(&w, NULL, '{');
		tc_jw_str(&w, "device", dr->items[i].device->hostname);
		jw_item(&w, &dr->items[i]);
		tc_jw_close(&w, '}');
	}
	tc_jw_close(&w, ']');
	free(v);
	return tc_jw_finish(&w, '}');
}

int tc_render_drift_markdown(FILE *out, const tc_model *m, const tc_prediction *p,
			     const tc_drift *dr)
{
	const tc_domain **v = tc_render_domains(p);
	tc_arena *a = tc_arena_new();
	if (!a) {
		free(v);
		return TC_ENOMEM;
	}
	const size_t *n = dr->nverdict;
	bool bad = tc_drift_found(dr);
	fputs("### tunnelcast drift\n\n", out);
	fprintf(out,
		"%s %zu of %zu devices captured; %zu matches, %zu owner differs, %zu missing SA, "
		"%zu one-way observed, %zu not captured; %zu unexplained SAs.\n",
		bad ? "**Drift:**" : "No drift:", dr->ncaptured, m->ndevs, n[TC_DRIFT_MATCHES],
		n[TC_DRIFT_OWNER_DIFFERS], n[TC_DRIFT_MISSING_SA], n[TC_DRIFT_ONE_WAY],
		n[TC_DRIFT_NOT_CAPTURED], n[TC_DRIFT_UNEXPLAINED_SA]);
	if (dr->ndomains)
		fputs("\n| # | domain | owner | state | observed | verdict |\n"
		      "|---|---|---|---|---|---|\n",
		      out);
	for (size_t i = 0; i < dr->ndomains; i++) {
		const tc_drift_item *it = tc_drift_of(dr, p, v[i]);
		char id[TC_DOMAIN_ID_MAX];
		bool ok = tc_drift_verdict_ok(it->verdict);
		fprintf(out, "| %zu | ", i + 1);
		tc_render_md_puts(out, tc_render_domain_id(id, sizeof id, v[i]));
		fputs(" | ", out);
		tc_render_md_puts(out, tc_render_owners_cell(a, v[i], true));
		fprintf(out, " | %s | ", tc_state_name(v[i]->state));
		tc_render_md_puts(out, it->observed ? it->observed : "-");
		fputs(ok ? " | " : " | **", out);
		tc_render_md_puts(out, it->label);
		fputs(ok ? " |\n" : "** |\n", out);
	}
	bool head = false;
	for (size_t i = 0; i < dr->nitems; i++) {
		const tc_drift_item *it = &dr->items[i];
		if (tc_drift_verdict_ok(it->verdict))
			continue;
		if (!head)
			fputs("\n#### Drift\n\n", out);
		head = true;
		char id[TC_DOMAIN_ID_MAX];
		fputs("- **", out);
		tc_render_md_puts(out, it->label);
		fputs("** ", out);
		tc_render_md_puts(out, it->domain ? tc_render_domain_id(id, sizeof id, it->domain)
						  : it->device->hostname);
		fputs(": ", out);
		tc_render_md_puts(out, it->detail);
		fputs(" (`", out);
		tc_render_md_puts(out, capture_ref(a, it));
		fputs("`)\n", out);
	}
	free(v);
	tc_arena_free(a);
	return ferror(out) ? TC_ERROR : 0;
}

/* ---- SARIF ---- */

/* The verdicts SARIF reports, as rules: id, verdict, what it means. */
static const struct {
	const char *id;
	tc_drift_verdict v;
	const char *title;
	const char *help;
} sarif_rules[] = {
	{"TD1", TC_DRIFT_OWNER_DIFFERS, "Another peer holds the SA than the prediction says",
	 "Another peer holds the domain's phase-2 SA than the configs predict (or one holds it "
	 "where the prediction has none): routing or peer order changed since the capture, or "
	 "the configs in the snapshot are not the running ones."},
	{"TD2", TC_DRIFT_MISSING_SA, "No SA is up where the prediction has one",
	 "The prediction has an SA up for the domain, the capture shows none: idle when the IKE "
	 "SA with the peer is up (the phase-2 SA expired without traffic), down when not."},
	{"TD3", TC_DRIFT_ONE_WAY, "The SA carries packets one way only",
	 "The domain's SA counts packets in one direction only: the live sign of one-way "
	 "traffic (the replies return through another gateway or are lost)."},
	{"TD4", TC_DRIFT_UNEXPLAINED_SA, "An SA is up that no crypto ACL line explains",
	 "An SA is up for a proxy pair no crypto ACL line of the device's configuration "
	 "permits: a stale SA, or configs that are not the running ones."},
};
#define NSARIF (sizeof sarif_rules / sizeof sarif_rules[0])

static void put_sarif_rule(tc_jw *w, size_t k)
{
	tc_jw_open(w, NULL, '{');
	tc_jw_str(w, "id", sarif_rules[k].id);
	tc_sarif_pascal(w, "name", tc_drift_verdict_code(sarif_rules[k].v));
	tc_sarif_message(w, "shortDescription", sarif_rules[k].title);
	tc_sarif_message(w, "fullDescription", sarif_rules[k].help);
	tc_jw_open(w, "help", '{');
	tc_jw_str(w, "text", sarif_rules[k].help);
	tc_jw_close(w, '}');
	tc_jw_open(w, "defaultConfiguration", '{');
	tc_jw_str(w, "level", "warning");
	tc_jw_close(w, '}');
	tc_jw_close(w, '}');
}

static void put_location(tc_jw *w, const char *file, unsigned line)
{
	tc_jw_open(w, "physicalLocation", '{');
	tc_jw_open(w, "artifactLocation", '{');
	tc_sarif_uri(w, file);
	tc_jw_close(w, '}');
	if (line) {
		tc_jw_open(w, "region", '{');
		tc_jw_uint(w, "startLine", line);
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, '}');
}

static void put_sarif_result(tc_jw *w, const tc_drift_item *it, size_t k)
{
	const tc_domain *d = it->domain;
	const char *file = d && d->ace ? d->ace->file : d && d->entry ? d->entry->file : NULL;
	unsigned line = d && d->ace ? d->ace->line : d && d->entry ? d->entry->line : 0;
	if (!file && it->sa) {
		file = it->sa->file;
		line = it->sa->line;
	}
	char id[TC_DOMAIN_ID_MAX] = "", key[512], fp[32];
	if (d)
		tc_render_domain_id(id, sizeof id, d);
	snprintf(key, sizeof key, "%s|%s|%s", sarif_rules[k].id,
		 it->device ? it->device->hostname : "", d ? id : it->detail);
	snprintf(fp, sizeof fp, "%016llx", (unsigned long long)tc_secret_digest(key, strlen(key)));
	tc_jw_open(w, NULL, '{');
	tc_jw_str(w, "ruleId", sarif_rules[k].id);
	tc_jw_uint(w, "ruleIndex", k);
	tc_jw_str(w, "level", "warning");
	tc_sarif_message(w, "message", it->detail);
	tc_jw_open(w, "locations", '[');
	if (file) {
		tc_jw_open(w, NULL, '{');
		put_location(w, file, line);
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, ']');
	if (d && it->sa && it->sa->file) {
		tc_jw_open(w, "relatedLocations", '[');
		tc_jw_open(w, NULL, '{');
		tc_jw_uint(w, "id", 1);
		put_location(w, it->sa->file, it->sa->line);
		tc_sarif_message(w, "message", "the observed SA");
		tc_jw_close(w, '}');
		tc_jw_close(w, ']');
	}
	tc_jw_open(w, "partialFingerprints", '{');
	tc_jw_str(w, "tunnelcastDrift/v1", fp);
	tc_jw_close(w, '}');
	tc_jw_open(w, "properties", '{');
	tc_jw_str(w, "device", d ? d->device->hostname : it->device->hostname);
	tc_jw_str(w, "domain", d ? id : NULL);
	tc_jw_str(w, "verdict", tc_drift_verdict_code(it->verdict));
	tc_jw_close(w, '}');
	tc_jw_close(w, '}');
}

int tc_render_drift_sarif(FILE *out, const tc_prediction *p, const tc_drift *dr)
{
	const tc_domain **v = tc_render_domains(p);
	tc_jw w = {.out = out, .fresh = true};
	tc_sarif_open(&w);
	for (size_t k = 0; k < NSARIF; k++)
		put_sarif_rule(&w, k);
	tc_sarif_close_rules(&w);
	tc_jw_open(&w, "results", '[');
	for (size_t i = 0; i < dr->nitems; i++) {
		const tc_drift_item *it =
			i < dr->ndomains ? tc_drift_of(dr, p, v[i]) : &dr->items[i];
		for (size_t k = 0; k < NSARIF; k++)
			if (sarif_rules[k].v == it->verdict)
				put_sarif_result(&w, it, k);
	}
	tc_jw_close(&w, ']');
	tc_jw_close(&w, '}');
	tc_jw_close(&w, ']');
	free(v);
	return tc_jw_finish(&w, '}');
}
