/* lint_text.c: lint findings in compiler style for a terminal, and the rule catalogue as text. */
#include "lint_int.h"

#include <ctype.h>
#include <string.h>

int tc_render_lint_text(FILE *out, const tc_findings *f, const tc_render_opts *o)
{
	bool color = o && o->color;
	for (size_t i = 0; i < f->n; i++) {
		const tc_finding *x = &f->v[i];
		if (x->suppressed)
			continue;
		tc_lint_put_head(out, x, color);
		if (x->loc.text)
			tc_render_put_source(out, x->loc.text, x->loc.col);
		for (size_t k = 0; k < x->nrelated; k++) {
			tc_lint_put_related(out, &x->related[k], color);
			if (x->related[k].text)
				tc_render_put_source(out, x->related[k].text, x->related[k].col);
		}
	}
	size_t e = f->nsev[TC_SEV_ERROR], w = f->nsev[TC_SEV_WARNING], n = f->nsev[TC_SEV_NOTE];
	fprintf(out, "%zu %s, %zu %s, %zu %s", e, tc_render_plural(e, "error", "errors"), w,
		tc_render_plural(w, "warning", "warnings"), n,
		tc_render_plural(n, "note", "notes"));
	if (f->nsuppressed)
		fprintf(out, " (%zu suppressed)", f->nsuppressed);
	putc('\n', out);
	return ferror(out) ? TC_ERROR : 0;
}

int tc_render_rule_list(FILE *out)
{
	size_t n;
	const tc_lint_rule *r = tc_lint_rules(&n);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%-6s %-8s %-32s %s\n", r[i].id, tc_render_sev_name(r[i].sev),
			r[i].name, r[i].title);
	return ferror(out) ? TC_ERROR : 0;
}

int tc_render_rule_explain(FILE *out, const tc_lint_rule *r)
{
	fprintf(out, "%s %s: %s\n\n", r->id, r->name, r->title);
	fprintf(out, "Severity: %s\nChecks: %s\nBasis: %s\n\n", tc_render_sev_name(r->sev),
		r->check, r->basis);
	fprintf(out, "%s\n\n", r->help);
	/* the checks (L1...) and basis (R1.4, S8...) are listed there with their Cisco sources */
	fprintf(out,
		"See docs/rules.md#%c%c%s: the checks and behaviour rules it rests on, with "
		"their Cisco sources and confidence.\n",
		tolower((unsigned char)r->id[0]), tolower((unsigned char)r->id[1]), r->id + 2);
	return ferror(out) ? TC_ERROR : 0;
}

int tc_render_rule_markdown(FILE *out)
{
	size_t n;
	const tc_lint_rule *r = tc_lint_rules(&n);
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "<a id=\"%c%c%s\"></a>\n\n### %s %s\n\n%s.\n\n",
			tolower((unsigned char)r[i].id[0]), tolower((unsigned char)r[i].id[1]),
			r[i].id + 2, r[i].id, r[i].name, r[i].title);
		fprintf(out, "Severity: **%s** · Checks: %s · Basis: %s\n\n",
			tc_render_sev_name(r[i].sev), r[i].check, r[i].basis);
		fprintf(out, "%s\n\n", r[i].help);
	}
	return ferror(out) ? TC_ERROR : 0;
}
