/* lint_common.c: the finding JSON writer and head line shared by the lint and diff renderers. */
#include "lint_int.h"

#include <string.h>

static void jw_loc(tc_jw *w, const tc_lint_loc *l)
{
	tc_jw_str(w, "device", l->device ? l->device->hostname : NULL);
	tc_jw_str(w, "file", l->file);
	if (l->line)
		tc_jw_uint(w, "line", l->line);
	else
		tc_jw_null(w, "line");
	if (l->col)
		tc_jw_uint(w, "column", l->col);
	else
		tc_jw_null(w, "column");
}

void tc_jw_finding(tc_jw *w, const char *key, const tc_finding *f)
{
	char buf[TC_PREFIX_STRLEN];
	tc_jw_open(w, key, '{');
	tc_jw_str(w, "rule", f->rule->id);
	tc_jw_str(w, "name", f->rule->name);
	tc_jw_str(w, "severity", tc_render_sev_name(f->sev));
	jw_loc(w, &f->loc);
	tc_jw_str(w, "message", f->msg);
	tc_jw_bool(w, "suppressed", f->suppressed);
	tc_jw_str(w, "reason", f->reason);
	tc_jw_open(w, "related", '[');
	for (size_t i = 0; i < f->nrelated; i++) {
		tc_jw_open(w, NULL, '{');
		jw_loc(w, &f->related[i]);
		tc_jw_str(w, "message", f->related[i].label);
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, ']');
	const tc_domain *dm = f->domain;
	if (!dm) {
		tc_jw_null(w, "domain");
	} else {
		tc_jw_open(w, "domain", '{');
		tc_jw_str(w, "crypto_map", dm->entry->map);
		tc_jw_uint_if(w, "seq", !dm->tunnel, dm->entry->seq); /* a tunnel end: null */
		tc_jw_str(w, "local", tc_prefix_format(buf, sizeof buf, dm->local));
		tc_jw_str(w, "remote", tc_prefix_format(buf, sizeof buf, dm->remote));
		char ob[TC_IP_STRLEN];
		const char *own = tc_domain_owner_name(dm, ob, sizeof ob);
		tc_jw_str(w, "owner", own[0] ? own : NULL);
		tc_render_jw_owners(w, dm);
		tc_jw_str(w, "state", tc_state_name(dm->state));
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, '}');
}

static const char *sev_color(tc_severity s)
{
	switch (s) {
	case TC_SEV_ERROR:
		return "\033[1;31m";
	case TC_SEV_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

void tc_lint_put_head(FILE *out, const tc_finding *f, bool color)
{
	tc_render_put_loc(out, f->loc.file, f->loc.line, f->loc.col, color);
	fprintf(out, "%s%s:%s ", color ? sev_color(f->sev) : "", tc_render_sev_name(f->sev),
		color ? TC_ANSI_RESET : "");
	fprintf(out, "%s%s%s ", color ? TC_ANSI_BOLD : "", f->rule->id, color ? TC_ANSI_RESET : "");
	tc_render_puts(out, f->msg, false);
	fprintf(out, " [%s]\n", f->rule->name);
}

void tc_lint_put_related(FILE *out, const tc_lint_loc *l, bool color)
{
	tc_render_put_loc(out, l->file, l->line, l->col, color);
	fprintf(out, "%snote:%s ", color ? sev_color(TC_SEV_NOTE) : "", color ? TC_ANSI_RESET : "");
	tc_render_puts(out, l->label, false);
	putc('\n', out);
}
