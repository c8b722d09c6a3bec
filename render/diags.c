/* diags.c: input diagnostics in compiler style, with the source line and a caret, and as JSON.
 *
 * The location and the source excerpt are also how lint findings and their
 * related locations are shown (lint_common.c, lint_text.c): one way to
 * point at a line of a config. */
#include "render_int.h"

#include <string.h>

void tc_render_put_loc(FILE *out, const char *file, unsigned line, unsigned col, bool color)
{
	if (color)
		fputs(TC_ANSI_BOLD, out);
	if (!file) {
		fputs("tunnelcast:", out);
	} else {
		tc_render_puts(out, file, false);
		if (line) {
			fprintf(out, ":%u", line);
			if (col)
				fprintf(out, ":%u", col);
		}
		putc(':', out);
	}
	if (color)
		fputs(TC_ANSI_RESET, out);
	putc(' ', out);
}

/* Tabs before the column are copied into the caret line so the caret lines
 * up whatever the terminal's tab width. The line goes out byte by byte, so
 * each byte of a multi-byte character shows as '?' and the caret's column
 * (a byte count) stays right under it. */
void tc_render_put_source(FILE *out, const char *text, unsigned col)
{
	size_t len = strcspn(text, "\r\n");
	fputs("  ", out);
	for (size_t i = 0; i < len; i++) {
		char c[2] = {text[i], '\0'};
		tc_render_puts(out, c, true);
	}
	putc('\n', out);
	if (col == 0)
		return;
	fputs("  ", out);
	for (size_t i = 0; i + 1 < col && i < len; i++)
		putc(text[i] == '\t' ? '\t' : ' ', out);
	fputs("^\n", out);
}

static bool same_file(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The summary lines of the diagnostics of file dropped by the cap (diagcap.c), from *more
 * (sorted by file), which moves past them. */
static void put_more(FILE *out, const tc_diag_more **more, const char *file)
{
	for (; *more && same_file((*more)->file, file); *more = (*more)->next) {
		const tc_diag_more *x = *more;
		tc_render_put_loc(out, NULL, 0, 0, false);
		fprintf(out, "... and %zu more ", x->more);
		tc_render_puts(out, x->code, false);
		fprintf(out, " %ss in ", tc_render_sev_name(x->sev));
		tc_render_puts(out, x->file ? x->file : "the snapshot", false);
		fputs(" (--max-diagnostics raises the limit)\n", out);
	}
}

/* Each file's diagnostics, then one line per kind the cap dropped some of. */
void tc_render_diags(FILE *out, const tc_model *m)
{
	const tc_diag_more *more = m->diag_more;
	for (const tc_diag *d = m->diags; d; d = d->next) {
		/* diagnostics and their dropped kinds are both sorted by file */
		while (more && !same_file(more->file, d->file) &&
		       (!more->file || (d->file && strcmp(more->file, d->file) < 0)))
			put_more(out, &more, more->file);
		tc_render_put_loc(out, d->file, d->line, d->col, false);
		fprintf(out, "%s: ", tc_render_sev_name(d->sev));
		tc_render_puts(out, d->msg, false);
		if (d->code) {
			fputs(" [", out);
			tc_render_puts(out, d->code, false);
			putc(']', out);
		}
		putc('\n', out);
		if (d->text)
			tc_render_put_source(out, d->text, d->col);
		if (!d->next || !same_file(d->next->file, d->file))
			put_more(out, &more, d->file);
	}
	while (more)
		put_more(out, &more, more->file);
}

void tc_jw_diags(tc_jw *w, const tc_model *m)
{
	tc_jw_open(w, "diagnostics", '[');
	for (const tc_diag *d = m->diags; d; d = d->next) {
		tc_jw_open(w, NULL, '{');
		tc_jw_str(w, "file", d->file);
		tc_jw_uint(w, "line", d->line);
		tc_jw_uint(w, "column", d->col);
		tc_jw_str(w, "severity", tc_render_sev_name(d->sev));
		tc_jw_str(w, "code", d->code);
		tc_jw_str(w, "message", d->msg);
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, ']');
	if (!m->diag_more)
		return;
	tc_jw_open(w, "suppressed_diagnostics", '[');
	for (const tc_diag_more *x = m->diag_more; x; x = x->next) {
		tc_jw_open(w, NULL, '{');
		tc_jw_str(w, "file", x->file);
		tc_jw_str(w, "code", x->code);
		tc_jw_str(w, "severity", tc_render_sev_name(x->sev));
		tc_jw_uint(w, "shown", x->kept);
		tc_jw_uint(w, "suppressed", x->more);
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, ']');
}
