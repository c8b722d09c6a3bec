/* lint_int.h: helpers shared by the lint and diff renderers; no other module includes it. */
#ifndef TC_LINT_INT_H
#define TC_LINT_INT_H

#include <stdbool.h>
#include <stdio.h>

#include "predict.h"
#include "render.h"
#include "render_int.h"

/* A finding as a JSON object: rule, name, severity, device, file, line,
 * column, message, suppressed, reason, related, domain. */
void tc_jw_finding(tc_jw *w, const char *key, const tc_finding *f);

/* A finding in compiler style (the first line only):
 *   file:line:col: severity: TCnnn message [name]
 * with ANSI colour when color. */
void tc_lint_put_head(FILE *out, const tc_finding *f, bool color);

/* A related location in the same style:  file:line:col: note: label */
void tc_lint_put_related(FILE *out, const tc_lint_loc *l, bool color);

/* SARIF pieces (sarif.c): "uri" of a path as a URI reference (unreserved bytes kept, the
 * rest %XX); {"text": msg} under key with a final period, as SARIF asks; a kebab-case name
 * as PascalCase under key ("crypto-map-not-applied" -> "CryptoMapNotApplied"). */
void tc_sarif_uri(tc_jw *w, const char *path);
void tc_sarif_message(tc_jw *w, const char *key, const char *msg);
void tc_sarif_pascal(tc_jw *w, const char *key, const char *kebab);
/* A SARIF 2.1.0 document up to its one run's tool.driver.rules array, opened: write the
 * rules, then tc_sarif_close_rules() closes it, the driver and the tool. */
void tc_sarif_open(tc_jw *w);
void tc_sarif_close_rules(tc_jw *w);

#endif
