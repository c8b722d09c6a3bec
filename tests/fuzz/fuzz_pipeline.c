/* fuzz_pipeline.c: libFuzzer target: a whole small snapshot through every stage.
 *
 * The input holds up to TC_FUZZ_MAX_FILES files: the text up to the first
 * marker line is a config, a line "#>config" starts the next config, and a
 * line "#>routes" starts the routing-table capture of the config before it.
 * (scripts/fuzz writes each sample snapshot in this form as a seed.) The
 * snapshot is parsed (dialect detected), finalized and predicted; the
 * prediction is rendered as text, JSON, explain (of the last domain) and
 * DOT text without layout into /dev/null, and the snapshot is linted (text
 * and SARIF). Laid-out diagrams (SVG, PNG) are left out: that is Graphviz's
 * own code, slow, and it leaks (tests/lsan.supp). The snapshot is predicted
 * a second time walking every part pair (no walk classes): the two JSON
 * documents must be the same bytes. */
#include "fuzz.h"
#include "model.h"
#include "parser.h"
#include "render.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define TC_FUZZ_MAX_FILES 8

/* The prediction's JSON document, malloc'd (*n bytes). */
static char *json_of(const tc_model *m, const tc_prediction *p, size_t *n)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, n);
	if (!f)
		abort();
	tc_render_opts verbose = {.verbose = true};
	(void)tc_render_json(f, m, p, &verbose);
	if (fclose(f) != 0)
		abort();
	return buf;
}

/* Abort unless predicting m walking every part pair gives the document (json, n). */
static void same_walking_every_part(const tc_model *m, const char *json, size_t n)
{
	tc_prediction *q = NULL;
	tc_predict_opts opts = {.walk_every_part = true};
	if (tc_predict(&q, m, &opts) != 0)
		abort();
	size_t nq;
	char *other = json_of(m, q, &nq);
	if (nq != n || memcmp(other, json, n) != 0)
		abort();
	free(other);
	tc_prediction_free(q);
}

typedef struct part {
	const char *p;
	size_t len;
	bool routes; /* a capture of the config before it */
} part;

/* Does the line at p (up to end) equal the marker? */
static bool marker(const char *p, const char *end, const char *mk)
{
	size_t n = strlen(mk);
	if ((size_t)(end - p) < n || memcmp(p, mk, n) != 0)
		return false;
	return p + n == end || p[n] == '\n' || p[n] == '\r';
}

static size_t split(part *v, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *start = buf;
	size_t n = 0;
	bool routes = false;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *next = e ? e + 1 : end;
		bool c = marker(p, end, "#>config"), r = marker(p, end, "#>routes");
		if (c || r) {
			if (n == TC_FUZZ_MAX_FILES)
				return n;
			v[n++] = (part){start, (size_t)(p - start), routes};
			routes = r;
			start = next;
		}
		p = next;
	}
	if (n < TC_FUZZ_MAX_FILES)
		v[n++] = (part){start, (size_t)(end - start), routes};
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	part parts[TC_FUZZ_MAX_FILES];
	size_t nparts = split(parts, (const char *)data, size);
	tc_model *m = tc_model_new();
	if (!m)
		abort();
	tc_device *last = NULL;
	for (size_t k = 0; k < nparts; k++) {
		char name[32];
		snprintf(name, sizeof name, "%s/%zu.txt", parts[k].routes ? "routes" : "configs",
			 k);
		int rc = 0;
		if (!parts[k].routes)
			rc = tc_parse_config(&last, m, name, parts[k].p, parts[k].len, NULL);
		else if (last)
			rc = tc_parse_routes(m, last, name, parts[k].p, parts[k].len);
		if (rc != 0)
			abort();
	}
	if (tc_model_finalize(m) != 0)
		abort();
	tc_prediction *p = NULL;
	tc_predict_opts opts = {0};
	if (tc_predict(&p, m, &opts) != 0)
		abort();
	FILE *out = tc_fuzz_sink();
	if (!out)
		abort();
	tc_render_diags(out, m);
	(void)tc_render_text(out, m, p, NULL);
	size_t njson;
	char *json = json_of(m, p, &njson);
	fwrite(json, 1, njson, out);
	same_walking_every_part(m, json, njson);
	free(json);
	if (p->ndomains > 0)
		(void)tc_render_explain(out, m, p, &p->domains[p->ndomains - 1]);
	(void)tc_render_dot(out, m, p, NULL);
	tc_findings *f = NULL;
	if (tc_lint(&f, m, p, NULL) != 0)
		abort();
	(void)tc_render_lint_text(out, f, NULL);
	(void)tc_render_sarif(out, f);
	tc_findings_free(f);
	tc_prediction_free(p);
	tc_model_free(m);
	return 0;
}
