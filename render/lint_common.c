/* lint_common.c: the JSON and XML writers and the finding head line shared by the lint and diff renderers. */
#include "lint_int.h"

#include <string.h>

#ifndef TC_VERSION
#define TC_VERSION "unknown"
#endif

const char *tc_lint_sev_name(tc_severity s)
{
	switch (s) {
	case TC_SEV_ERROR:
		return "error";
	case TC_SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

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
	tc_jw_str(w, "severity", tc_lint_sev_name(f->sev));
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
		tc_jw_uint(w, "seq", dm->entry->seq);
		tc_jw_str(w, "local", tc_prefix_format(buf, sizeof buf, dm->local));
		tc_jw_str(w, "remote", tc_prefix_format(buf, sizeof buf, dm->remote));
		char ob[TC_IP_STRLEN];
		const char *own = tc_domain_owner_name(dm, ob, sizeof ob);
		tc_jw_str(w, "owner", own[0] ? own : NULL);
		tc_jw_str(w, "state", tc_state_name(dm->state));
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, '}');
}

void tc_xml_puts(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&apos;", out);
			break;
		default:
			putc(c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f) ? c : '?', out);
		}
	}
}

#define ANSI_BOLD "\033[1m"
#define ANSI_RESET "\033[0m"

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

static void put_loc(FILE *out, const tc_lint_loc *l, bool color)
{
	if (color)
		fputs(ANSI_BOLD, out);
	if (!l->file) {
		fputs("tunnelcast:", out);
	} else {
		tc_render_puts(out, l->file, false);
		if (l->line) {
			fprintf(out, ":%u", l->line);
			if (l->col)
				fprintf(out, ":%u", l->col);
		}
		putc(':', out);
	}
	if (color)
		fputs(ANSI_RESET, out);
	putc(' ', out);
}

void tc_lint_put_head(FILE *out, const tc_finding *f, bool color)
{
	put_loc(out, &f->loc, color);
	fprintf(out, "%s%s:%s ", color ? sev_color(f->sev) : "", tc_lint_sev_name(f->sev),
		color ? ANSI_RESET : "");
	fprintf(out, "%s%s%s ", color ? ANSI_BOLD : "", f->rule->id, color ? ANSI_RESET : "");
	tc_render_puts(out, f->msg, false);
	fprintf(out, " [%s]\n", f->rule->name);
}

void tc_lint_put_related(FILE *out, const tc_lint_loc *l, bool color)
{
	put_loc(out, l, color);
	fprintf(out, "%snote:%s ", color ? sev_color(TC_SEV_NOTE) : "", color ? ANSI_RESET : "");
	tc_render_puts(out, l->label, false);
	putc('\n', out);
}

const char *tc_lint_version(void)
{
	return TC_VERSION;
}
