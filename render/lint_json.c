/* lint_json.c: lint findings as one JSON object.
 *
 * Shape (every key always present; absent values are null):
 *   { "tool", "version", "format_version",
 *     "summary": {errors, warnings, notes, suppressed},
 *     "findings": [{rule, name, severity, device, file, line, column, message,
 *                   suppressed, reason,
 *                   related: [{device, file, line, column, message}],
 *                   domain: null | {crypto_map, seq, local, remote, owner, state}}] }
 * Source lines are never included. */
#include "lint_int.h"

int tc_render_lint_json(FILE *out, const tc_findings *f)
{
	tc_jw w = {.out = out, .fresh = true};
	tc_jw_open_report(&w);
	tc_jw_open(&w, "summary", '{');
	tc_jw_uint(&w, "errors", f->nsev[TC_SEV_ERROR]);
	tc_jw_uint(&w, "warnings", f->nsev[TC_SEV_WARNING]);
	tc_jw_uint(&w, "notes", f->nsev[TC_SEV_NOTE]);
	tc_jw_uint(&w, "suppressed", f->nsuppressed);
	tc_jw_close(&w, '}');
	tc_jw_open(&w, "findings", '[');
	for (size_t i = 0; i < f->n; i++)
		tc_jw_finding(&w, NULL, &f->v[i]);
	tc_jw_close(&w, ']');
	return tc_jw_finish(&w, '}');
}
