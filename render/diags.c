/* diags.c: input diagnostics in compiler style, with the source line and a caret. */
#include "render_int.h"

#include <string.h>

/* "file:line:col: ", dropping the parts that are not known. */
static void put_location(FILE *out, const tc_diag *d)
{
	if (!d->file) {
		fputs("tunnelcast: ", out);
		return;
	}
	tc_render_puts(out, d->file, false);
	if (d->line) {
		fprintf(out, ":%u", d->line);
		if (d->col)
			fprintf(out, ":%u", d->col);
	}
	fputs(": ", out);
}

/* The source line, then a caret under byte column col (1-based). Tabs
 * before the column are copied into the caret line so the caret lines up
 * whatever the terminal's tab width. */
static void put_source(FILE *out, const char *text, unsigned col)
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

void tc_render_diags(FILE *out, const tc_model *m)
{
	for (const tc_diag *d = m->diags; d; d = d->next) {
		put_location(out, d);
		fprintf(out, "%s: ", tc_render_sev_name(d->sev));
		tc_render_puts(out, d->msg, false);
		if (d->code) {
			fputs(" [", out);
			tc_render_puts(out, d->code, false);
			putc(']', out);
		}
		putc('\n', out);
		if (d->text)
			put_source(out, d->text, d->col);
	}
}
