/* diff_render.c: `tunnelcast diff` reports: text for a terminal, JSON, Markdown for a pull-request comment.
 *
 * All three list the same things in the same order: a summary, the domains
 * whose owner or state changed or that were added or removed (the JSON
 * lists every domain, unchanged ones with "change": "none"), then the
 * findings introduced and the findings fixed, in tc_lint() order. */
#include "lint_int.h"

#include <string.h>

static const tc_domain *either(const tc_domain_change *c)
{
	return c->after ? c->after : c->before;
}

static const char *change_name(const tc_domain_change *c)
{
	if (!c->before)
		return "added";
	if (!c->after)
		return "removed";
	if (c->owner_changed && c->state_changed)
		return "owner+state";
	if (c->owner_changed)
		return "owner";
	if (c->state_changed)
		return "state";
	return "none";
}

static bool changed(const tc_domain_change *c)
{
	return !c->before || !c->after || c->owner_changed || c->state_changed || c->drift_changed;
}

/* A side's drift verdict as shown ("matches", "owner differs"), "-" without one. */
static const char *drift_label(const tc_drift_item *it)
{
	return it ? it->label : "-";
}

/* The owner as the predict table shows it ("R2", "R2⇄R3", "5.100.9.9 (assumed)"),
 * "-" for none or no domain. */
static const char *owner(tc_arena *a, const tc_domain *d)
{
	return d ? tc_render_owners_cell(a, d, true) : "-";
}

static const char *state(const tc_domain *d)
{
	return d ? tc_state_name(d->state) : "-";
}

/* "ASA OUTSIDE_MAP 10 10.26.241.0/24 -> 195.160.0.0/26" */
static void put_domain_name(FILE *out, const tc_domain *d)
{
	char l[TC_PREFIX_STRLEN], r[TC_PREFIX_STRLEN];
	tc_render_puts(out, d->device->hostname, false);
	putc(' ', out);
	tc_render_puts(out, d->entry->map, false);
	char seq[16];
	fprintf(out, " %s %s -> %s", tc_render_seq(seq, sizeof seq, d),
		tc_prefix_format(l, sizeof l, d->local), tc_prefix_format(r, sizeof r, d->remote));
}

/* Domains whose prediction changed (the summary's counts leave drift out). */
static size_t count_changed(const tc_diff *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->ndomains; i++) {
		const tc_domain_change *c = &d->domains[i];
		n += !c->before || !c->after || c->owner_changed || c->state_changed;
	}
	return n;
}

/* title, then the head line of each of the n findings of v; nothing when n is 0. */
static void put_heads(FILE *out, const char *title, const tc_finding *const *v, size_t n,
		      bool color)
{
	if (n)
		fputs(title, out);
	for (size_t i = 0; i < n; i++) {
		fputs("  ", out);
		tc_lint_put_head(out, v[i], color);
	}
}

int tc_render_diff_text(FILE *out, const tc_diff *d, const char *before, const char *after,
			const tc_render_opts *o)
{
	bool color = o && o->color;
	tc_arena *a = tc_arena_new();
	if (!a)
		return TC_ENOMEM;
	fputs("before: ", out);
	tc_render_puts(out, before, false);
	fputs("\nafter:  ", out);
	tc_render_puts(out, after, false);
	fprintf(out,
		"\ndomains: %zu owner changed, %zu state changed, %zu added, %zu removed, %zu unchanged\n",
		d->nowner_changed, d->nstate_changed, d->nadded, d->nremoved,
		d->ndomains - count_changed(d));
	fprintf(out, "findings: %zu introduced (%zu errors), %zu fixed\n", d->nintroduced,
		d->nnew_errors, d->nfixed);
	if (d->drift)
		fprintf(out, "drift: %zu %s changed against the captured state\n",
			d->ndrift_changed,
			tc_render_plural(d->ndrift_changed, "verdict", "verdicts"));
	for (size_t i = 0; i < d->ndomains; i++) {
		const tc_domain_change *c = &d->domains[i];
		if (!changed(c))
			continue;
		fprintf(out, "\n%-8s ", !c->before ? "added" : !c->after ? "removed" : "changed");
		put_domain_name(out, either(c));
		fputs("\n  owner: ", out);
		tc_render_puts(out, owner(a, c->before), false);
		fputs(" -> ", out);
		tc_render_puts(out, owner(a, c->after), false);
		fprintf(out, "%s\n  state: %s -> %s%s\n", c->owner_changed ? "  (changed)" : "",
			state(c->before), state(c->after), c->state_changed ? "  (changed)" : "");
		if (d->drift) {
			fputs("  drift: ", out);
			tc_render_puts(out, drift_label(c->drift_before), false);
			fputs(" -> ", out);
			tc_render_puts(out, drift_label(c->drift_after), false);
			fputs(c->drift_changed ? "  (changed)\n" : "\n", out);
		}
	}
	put_heads(out, "\nintroduced:\n", d->introduced, d->nintroduced, color);
	put_heads(out, "\nfixed:\n", d->fixed, d->nfixed, color);
	tc_arena_free(a);
	return ferror(out) ? TC_ERROR : 0;
}

static void jw_side(tc_jw *w, const char *key, const tc_domain *dm, bool drift,
		    const tc_drift_item *it)
{
	char b[TC_IP_STRLEN];
	if (!dm) {
		tc_jw_null(w, key);
		return;
	}
	tc_jw_open(w, key, '{');
	const char *own = tc_domain_owner_name(dm, b, sizeof b);
	tc_jw_str(w, "owner", own[0] ? own : NULL);
	tc_render_jw_owners(w, dm);
	tc_jw_str(w, "state", tc_state_name(dm->state));
	tc_jw_uint(w, "acl_line", dm->ace ? dm->ace->line : 0);
	if (drift) /* both snapshots carry state */
		tc_jw_str(w, "drift", tc_drift_verdict_code(it->verdict));
	tc_jw_close(w, '}');
}

static void jw_findings(tc_jw *w, const char *key, const tc_finding *const *v, size_t n)
{
	tc_jw_open(w, key, '[');
	for (size_t i = 0; i < n; i++)
		tc_jw_finding(w, NULL, v[i]);
	tc_jw_close(w, ']');
}

int tc_render_diff_json(FILE *out, const tc_diff *d, const char *before, const char *after)
{
	char l[TC_PREFIX_STRLEN], r[TC_PREFIX_STRLEN];
	tc_jw w = {.out = out, .fresh = true};
	tc_jw_open_report(&w);
	tc_jw_str(&w, "before", before);
	tc_jw_str(&w, "after", after);
	tc_jw_open(&w, "summary", '{');
	tc_jw_uint(&w, "owner_changed", d->nowner_changed);
	tc_jw_uint(&w, "state_changed", d->nstate_changed);
	tc_jw_uint(&w, "added", d->nadded);
	tc_jw_uint(&w, "removed", d->nremoved);
	tc_jw_uint(&w, "unchanged", d->ndomains - count_changed(d));
	tc_jw_uint(&w, "findings_introduced", d->nintroduced);
	tc_jw_uint(&w, "errors_introduced", d->nnew_errors);
	tc_jw_uint(&w, "findings_fixed", d->nfixed);
	if (d->drift)
		tc_jw_uint(&w, "drift_changed", d->ndrift_changed);
	tc_jw_close(&w, '}');
	tc_jw_open(&w, "domains", '[');
	for (size_t i = 0; i < d->ndomains; i++) {
		const tc_domain_change *c = &d->domains[i];
		const tc_domain *dm = either(c);
		tc_jw_open(&w, NULL, '{');
		tc_jw_str(&w, "device", dm->device->hostname);
		tc_jw_str(&w, "crypto_map", dm->entry->map);
		tc_jw_uint_if(&w, "seq", !dm->tunnel, dm->entry->seq); /* a tunnel end: null */
		tc_jw_str(&w, "local", tc_prefix_format(l, sizeof l, dm->local));
		tc_jw_str(&w, "remote", tc_prefix_format(r, sizeof r, dm->remote));
		tc_jw_str(&w, "change", change_name(c));
		jw_side(&w, "before", c->before, d->drift, c->drift_before);
		jw_side(&w, "after", c->after, d->drift, c->drift_after);
		if (d->drift)
			tc_jw_bool(&w, "drift_changed", c->drift_changed);
		tc_jw_close(&w, '}');
	}
	tc_jw_close(&w, ']');
	jw_findings(&w, "introduced", d->introduced, d->nintroduced);
	jw_findings(&w, "fixed", d->fixed, d->nfixed);
	return tc_jw_finish(&w, '}');
}

static void md_finding(FILE *out, const tc_finding *f)
{
	fprintf(out, "- **%s** %s ", f->rule->id, tc_render_sev_name(f->sev));
	tc_render_md_code(out, f->device ? f->device->hostname : "", "");
	putc(' ', out);
	if (f->loc.file) {
		char line[16];
		snprintf(line, sizeof line, ":%u", f->loc.line);
		tc_render_md_code(out, f->loc.file, line);
		fputs(": ", out);
	}
	tc_render_md_puts(out, f->msg);
	putc('\n', out);
}

/* title, then the n findings of v as list items; nothing when n is 0. */
static void md_findings(FILE *out, const char *title, const tc_finding *const *v, size_t n)
{
	if (n)
		fputs(title, out);
	for (size_t i = 0; i < n; i++)
		md_finding(out, v[i]);
}

int tc_render_diff_markdown(FILE *out, const tc_diff *d, const char *before, const char *after)
{
	char l[TC_PREFIX_STRLEN], r[TC_PREFIX_STRLEN];
	size_t nch = count_changed(d) + d->ndrift_changed;
	tc_arena *a = tc_arena_new();
	if (!a)
		return TC_ENOMEM;
	bool bad = d->nowner_changed || d->nstate_changed || d->nnew_errors;
	fputs("### tunnelcast diff\n\n", out);
	fputs("Comparing ", out);
	tc_render_md_code(out, before, "");
	fputs(" with ", out);
	tc_render_md_code(out, after, "");
	fputs(".\n\n", out);
	fprintf(out,
		"%s %zu owner changed, %zu state changed, %zu added, %zu removed, %zu unchanged; "
		"findings: %zu introduced (%zu errors), %zu fixed.\n",
		bad ? "**Attention:**" : "No owner or state change:", d->nowner_changed,
		d->nstate_changed, d->nadded, d->nremoved, d->ndomains - count_changed(d),
		d->nintroduced, d->nnew_errors, d->nfixed);
	if (d->drift)
		fprintf(out, "\nAgainst the captured state: %zu drift %s changed.\n",
			d->ndrift_changed,
			tc_render_plural(d->ndrift_changed, "verdict", "verdicts"));
	if (nch) {
		fputs("\n| change | device | crypto map | seq | local | remote | owner | state |",
		      out);
		fputs(d->drift ? " drift |\n|---|---|---|---|---|---|---|---|---|\n"
			       : "\n|---|---|---|---|---|---|---|---|\n",
		      out);
		for (size_t i = 0; i < d->ndomains; i++) {
			const tc_domain_change *c = &d->domains[i];
			if (!changed(c))
				continue;
			const tc_domain *dm = either(c);
			fprintf(out, "| %s | ",
				c->drift_changed && !strcmp(change_name(c), "none")
					? "drift"
					: change_name(c));
			tc_render_md_puts(out, dm->device->hostname);
			fputs(" | ", out);
			tc_render_md_puts(out, dm->entry->map);
			char seq[16];
			fprintf(out, " | %s | %s | %s | ", tc_render_seq(seq, sizeof seq, dm),
				tc_prefix_format(l, sizeof l, dm->local),
				tc_prefix_format(r, sizeof r, dm->remote));
			tc_render_md_puts(out, owner(a, c->before));
			fputs(c->owner_changed ? " → **" : " → ", out);
			tc_render_md_puts(out, owner(a, c->after));
			fputs(c->owner_changed ? "**" : "", out);
			fprintf(out, " | %s%s%s%s |", state(c->before),
				c->state_changed ? " → **" : " → ", state(c->after),
				c->state_changed ? "**" : "");
			if (d->drift) {
				putc(' ', out);
				tc_render_md_puts(out, drift_label(c->drift_before));
				fputs(c->drift_changed ? " → **" : " → ", out);
				tc_render_md_puts(out, drift_label(c->drift_after));
				fputs(c->drift_changed ? "** |" : " |", out);
			}
			putc('\n', out);
		}
	}
	md_findings(out, "\n#### Findings introduced\n\n", d->introduced, d->nintroduced);
	md_findings(out, "\n#### Findings fixed\n\n", d->fixed, d->nfixed);
	tc_arena_free(a);
	return ferror(out) ? TC_ERROR : 0;
}
