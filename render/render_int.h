/* render_int.h: helpers shared by the renderers; no other module includes it. */
#ifndef TC_RENDER_INT_H
#define TC_RENDER_INT_H

#include <stdio.h>

#include "model.h"
#include "render.h"

/* The domains of p in output order: device, crypto map, sequence, ACL line,
 * local prefix, remote prefix (ties keep the prediction's order). *out is
 * malloc'd, free() it; NULL when p is NULL or has no domains. 0 or TC_ENOMEM. */
int tc_render_domains(const tc_domain ***out, const tc_prediction *p);

/* "error", "warning", "note". */
const char *tc_render_sev_name(tc_severity s);

/* All diagnostics of m, every severity. */
size_t tc_render_ndiags(const tc_model *m);

/* Write s (NULL writes nothing) for a terminal: control bytes become '?' so
 * a config cannot smuggle escape sequences; a tab is kept when keep_tabs,
 * else it becomes a space. */
void tc_render_puts(FILE *out, const char *s, bool keep_tabs);
/* A trace's numbered events, one per line: "  12. [DEVICE] text  (RULE, confidence)". */
void tc_render_events(FILE *out, const tc_trace *t);

#endif
