/* cmd_lint.c: `tunnelcast lint`: the rule catalogue run over a snapshot, for terminals and CI.
 *
 * Besides the command itself this file holds what `diff` shares with it:
 * loading a snapshot's .tunnelcast-ignore, running the rules, and placing
 * each finding's column by reading its config line back (the model keeps
 * lines, not columns). The line read back goes through tc_mask_secrets()
 * before it is kept, so a finding about a key line shows the line without
 * the key. */
#include "cli.h"
#include "parser.h"
#include "render.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const char tc_usage_lint[] =
	"usage: tunnelcast lint [OPTIONS] SNAPSHOT\n"
	"       tunnelcast lint --list-rules | --explain RULE\n"
	"\n"
	"Check a snapshot against the rule catalogue: configuration mistakes that stop a\n"
	"tunnel or land it on the wrong peer (TC1xx) and predicted outcomes (TC2xx:\n"
	"ownership moved by return routing, oscillating, one-way, down). Each finding\n"
	"names the device, the config line at fault and the related lines on the other\n"
	"device.\n"
	"\n"
	"Options:\n"
	"  -f, --format FMT     text (default), json, sarif or junit\n"
	"  -o, --output FILE    write the report to FILE instead of standard output\n"
	"      --fail-on SEV    exit 1 when a finding is at least SEV: error (default),\n"
	"                       warning, note, or never\n"
	"      --disable RULE   do not run RULE (id or name; repeatable, or comma-separated)\n"
	"      --ignore FILE    suppressions (default: SNAPSHOT/.tunnelcast-ignore)\n"
	"      --list-rules     print the rule catalogue and exit\n"
	"      --explain RULE   print a rule's explanation and fix, and exit\n"
	"      --color WHEN     text colour: auto (default: only on a terminal, never\n"
	"                       when NO_COLOR is set), always or never\n"
	"  -d, --dialect D      auto (default), asa or ios: force the config dialect\n"
	"  -j, --jobs N         read, resolve and predict on N threads (default 1)\n"
	"  -q, --quiet          do not print parser diagnostics on standard error\n"
	"      --max-rounds N   stop simulating after N rounds (default 16)\n"
	"  -h, --help           show this help\n"
	"\n"
	"Suppression file: one finding pattern per line, `RULE DEVICE [REASON...]`, where\n"
	"RULE is an id or name and DEVICE a hostname or `*`; `#` starts a comment.\n"
	"Suppressed findings are left out of text output and counts, and marked in JSON\n"
	"and SARIF.\n"
	"\n"
	"Exit status: 0 no finding at or above --fail-on; 1 findings; 2 usage, input or\n"
	"output error.\n";

/* ---- suppressions ------------------------------------------------------------ */

void tc_cli_ignores_free(struct tc_cli_ignores *ig)
{
	for (size_t i = 0; i < ig->n; i++) {
		free((char *)ig->v[i].rule);
		free((char *)ig->v[i].device);
		free((char *)ig->v[i].reason);
	}
	free(ig->v);
	memset(ig, 0, sizeof *ig);
}

static char *dup_range(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p) {
		fputs("tunnelcast: out of memory\n", stderr);
		exit(EXIT_USAGE);
	}
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int tc_cli_ignores_load(struct tc_cli_ignores *out, const char *path, bool must_exist)
{
	memset(out, 0, sizeof *out);
	FILE *f = fopen(path, "r");
	if (!f) {
		if (!must_exist && errno == ENOENT)
			return 0;
		fprintf(stderr, "tunnelcast: cannot read %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	char line[1024];
	unsigned no = 0;
	size_t cap = 0;
	int rc = 0;
	while (fgets(line, sizeof line, f)) {
		no++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		const char *s = line, *w[2] = {NULL, NULL};
		size_t wl[2] = {0, 0};
		for (int k = 0; k < 2; k++) {
			s += strspn(s, " \t\r\n");
			if (!*s)
				break;
			w[k] = s;
			wl[k] = strcspn(s, " \t\r\n");
			s += wl[k];
		}
		if (!w[0])
			continue;
		char *rule = dup_range(w[0], wl[0]);
		if (!tc_lint_rule_find(rule) || !w[1]) {
			fprintf(stderr, "%s:%u: error: %s\n", path, no,
				!w[1] ? "expected RULE DEVICE [REASON]" : "unknown rule");
			free(rule);
			rc = EXIT_USAGE;
			continue;
		}
		s += strspn(s, " \t");
		size_t rl = strcspn(s, "\r\n");
		while (rl > 0 && (s[rl - 1] == ' ' || s[rl - 1] == '\t'))
			rl--;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 8;
			void *q = realloc(out->v, cap * sizeof *out->v);
			if (!q) {
				fputs("tunnelcast: out of memory\n", stderr);
				exit(EXIT_USAGE);
			}
			out->v = q;
		}
		tc_lint_ignore *ig = &out->v[out->n++];
		ig->rule = rule;
		ig->device = dup_range(w[1], wl[1]);
		ig->reason = rl ? dup_range(s, rl) : NULL;
	}
	fclose(f);
	if (rc)
		tc_cli_ignores_free(out);
	return rc;
}

/* ---- columns and source lines -------------------------------------------------- */

typedef struct src_file {
	const char *path;
	char *buf;
	size_t len;
	size_t *line_start; /* offset of line k + 1 (nlines of them), built on first use */
	size_t nlines;
	bool failed;
} src_file;

/* The files findings point into, read once each; found by a hash of the path
 * (a snapshot of thousands of devices has as many files, and lint may place
 * tens of thousands of locations). */
typedef struct src_cache {
	src_file *v;
	size_t n, cap;
	uint32_t *slot; /* index + 1 into v, 0: empty; size a power of two */
	size_t nslot;
} src_cache;

static size_t path_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)(h ^ (h >> 32));
}

static bool src_index_add(src_cache *c, size_t i)
{
	if (2 * (c->n + 1) > c->nslot) {
		size_t size = c->nslot ? 2 * c->nslot : 64;
		uint32_t *slot = calloc(size, sizeof *slot);
		if (!slot)
			return false;
		for (size_t k = 0; k < c->nslot; k++)
			if (c->slot[k]) {
				size_t h = path_hash(c->v[c->slot[k] - 1].path) & (size - 1);
				while (slot[h])
					h = (h + 1) & (size - 1);
				slot[h] = c->slot[k];
			}
		free(c->slot);
		c->slot = slot;
		c->nslot = size;
	}
	size_t h = path_hash(c->v[i].path) & (c->nslot - 1);
	while (c->slot[h])
		h = (h + 1) & (c->nslot - 1);
	c->slot[h] = (uint32_t)i + 1;
	return true;
}

static void src_read(src_file *s)
{
	FILE *f = fopen(s->path, "rb");
	if (!f) {
		s->failed = true;
		return;
	}
	size_t cap = 0;
	char tmp[8192];
	size_t got;
	while ((got = fread(tmp, 1, sizeof tmp, f)) > 0) {
		if (s->len + got + 1 > cap) {
			size_t ncap = cap ? 2 * cap : 65536;
			while (ncap < s->len + got + 1)
				ncap *= 2;
			char *nb = realloc(s->buf, ncap);
			if (!nb) {
				s->failed = true;
				break;
			}
			s->buf = nb;
			cap = ncap;
		}
		memcpy(s->buf + s->len, tmp, got);
		s->len += got;
	}
	fclose(f);
	if (s->failed)
		return;
	/* where each line starts: the lines a finding names are then found at once */
	size_t n = 0, capl = 0;
	for (const char *p = s->buf, *end = s->buf + s->len; p < end;) {
		if (n == capl) {
			capl = capl ? 2 * capl : 1024;
			size_t *nl = realloc(s->line_start, capl * sizeof *nl);
			if (!nl) {
				s->failed = true;
				return;
			}
			s->line_start = nl;
		}
		s->line_start[n++] = (size_t)(p - s->buf);
		const char *q = memchr(p, '\n', (size_t)(end - p));
		p = q ? q + 1 : end;
	}
	s->nlines = n;
}

static const src_file *src_get(src_cache *c, const char *path)
{
	if (c->nslot)
		for (size_t h = path_hash(path) & (c->nslot - 1); c->slot[h]; h = (h + 1) & (c->nslot - 1))
			if (strcmp(c->v[c->slot[h] - 1].path, path) == 0)
				return &c->v[c->slot[h] - 1];
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 16;
		src_file *q = realloc(c->v, cap * sizeof *c->v);
		if (!q)
			return NULL;
		c->v = q;
		c->cap = cap;
	}
	src_file *s = &c->v[c->n];
	memset(s, 0, sizeof *s);
	s->path = path;
	if (!src_index_add(c, c->n))
		return NULL;
	c->n++;
	src_read(s);
	return s;
}

/* Line `line` (1-based) of the cached file, masked, into out; false if absent. */
static bool src_line(src_cache *c, const char *path, unsigned line, char *out, size_t n)
{
	const src_file *s = src_get(c, path);
	if (!s || s->failed || !s->buf || line > s->nlines)
		return false;
	const char *p = s->buf + s->line_start[line - 1], *end = s->buf + s->len;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
	if (len && p[len - 1] == '\r')
		len--;
	tc_mask_secrets(out, n, p, len);
	return true;
}

/* The column of token on the line (whole word, case-insensitive), else of
 * its first non-blank character. */
static unsigned place(const char *text, const char *token)
{
	if (token && *token) {
		size_t tl = strlen(token);
		for (const char *p = text; *p; p++)
			if (strncasecmp(p, token, tl) == 0 && (p == text || p[-1] == ' ' || p[-1] == '\t') &&
			    (p[tl] == '\0' || p[tl] == ' ' || p[tl] == '\t'))
				return (unsigned)(p - text) + 1;
	}
	return (unsigned)strspn(text, " \t") + 1;
}

static void locate(src_cache *c, tc_arena *a, tc_lint_loc *l)
{
	char buf[1024];
	if (!l->file || !l->line || !src_line(c, l->file, l->line, buf, sizeof buf))
		return;
	l->col = place(buf, l->token);
	l->text = tc_arena_strdup(a, buf);
}

void tc_cli_lint_locate(tc_findings *f)
{
	src_cache c = {0};
	for (size_t i = 0; i < f->n; i++) {
		locate(&c, f->arena, &f->v[i].loc);
		for (size_t k = 0; k < f->v[i].nrelated; k++)
			locate(&c, f->arena, &f->v[i].related[k]);
	}
	for (size_t i = 0; i < c.n; i++) {
		free(c.v[i].buf);
		free(c.v[i].line_start);
	}
	free(c.v);
	free(c.slot);
}

/* ---- running ------------------------------------------------------------------- */

int tc_cli_lint_snapshot(const struct tc_cli_lint_args *la, const char *snapshot, tc_model **mout,
			 tc_prediction **pout, tc_findings **fout)
{
	*mout = NULL;
	*pout = NULL;
	*fout = NULL;
	struct tc_cli_ignores ig = {0};
	char path[4096];
	int rc;
	if (la->ignore_file)
		rc = tc_cli_ignores_load(&ig, la->ignore_file, true);
	else {
		snprintf(path, sizeof path, "%s/.tunnelcast-ignore", snapshot);
		rc = tc_cli_ignores_load(&ig, path, false);
	}
	if (rc)
		return EXIT_USAGE;
	struct tc_cli_args a = {0};
	a.snapshot = snapshot;
	a.dialect = la->dialect;
	a.quiet = la->quiet;
	a.max_rounds = la->max_rounds;
	a.jobs = la->jobs;
	rc = tc_cli_analyse(&a, mout, pout);
	if (rc >= 0) {
		tc_cli_ignores_free(&ig);
		return EXIT_USAGE;
	}
	tc_lint_opts lo = {la->disable, la->ndisable, ig.v, ig.n};
	if (tc_lint(fout, *mout, *pout, &lo) != 0) {
		fputs("tunnelcast: lint failed\n", stderr);
		tc_cli_ignores_free(&ig);
		tc_prediction_free(*pout);
		tc_model_free(*mout);
		*pout = NULL;
		*mout = NULL;
		return EXIT_USAGE;
	}
	tc_cli_ignores_free(&ig);
	tc_cli_lint_locate(*fout);
	return -1;
}

int tc_cli_lint_option(const char *cmd, struct tc_cli_lint_args *la, const char *opt, const char *val)
{
	if (strcmp(opt, "--disable") == 0) {
		const char *s = val;
		while (*s) {
			size_t n = strcspn(s, ",");
			if (n) {
				char name[64];
				snprintf(name, sizeof name, "%.*s", (int)n, s);
				const tc_lint_rule *r = tc_lint_rule_find(name);
				if (!r)
					return tc_cli_usage_error(cmd, "unknown rule '%s' (see lint --list-rules)", name);
				if (la->ndisable == TC_CLI_MAX_DISABLE)
					return tc_cli_usage_error(cmd, "too many --disable rules at '%s'", name);
				la->disable[la->ndisable++] = r->id;
			}
			s += n;
			if (*s == ',')
				s++;
		}
		return -1;
	}
	if (strcmp(opt, "--ignore") == 0) {
		la->ignore_file = val;
		return -1;
	}
	if (strcmp(opt, "--dialect") == 0 || strcmp(opt, "-d") == 0) {
		if (strcmp(val, "asa") == 0)
			la->dialect = TC_DIALECT_ASA;
		else if (strcmp(val, "ios") == 0)
			la->dialect = TC_DIALECT_IOS;
		else if (strcmp(val, "auto") == 0)
			la->dialect = TC_DIALECT_UNKNOWN;
		else
			return tc_cli_usage_error(cmd, "unknown dialect '%s' (use auto, asa or ios)", val);
		return -1;
	}
	if (strcmp(opt, "--max-rounds") == 0) {
		char *end = NULL;
		errno = 0;
		long n = strtol(val, &end, 10);
		if (errno || !end || *end || n < 1 || n > 1000)
			return tc_cli_usage_error(cmd, "--max-rounds needs a number from 1 to 1000, not '%s'", val);
		la->max_rounds = (unsigned)n;
		return -1;
	}
	if (strcmp(opt, "-j") == 0 || strcmp(opt, "--jobs") == 0)
		return tc_cli_jobs(cmd, val, &la->jobs);
	if (strcmp(opt, "--color") == 0) {
		if (strcmp(val, "auto") == 0)
			la->color = -1;
		else if (strcmp(val, "always") == 0)
			la->color = 1;
		else if (strcmp(val, "never") == 0)
			la->color = 0;
		else
			return tc_cli_usage_error(cmd, "--color takes auto, always or never, not '%s'", val);
		return -1;
	}
	return tc_cli_usage_error(cmd, "unknown option '%s'", opt);
}

bool tc_cli_lint_color(const struct tc_cli_lint_args *la, FILE *out)
{
	if (la->color >= 0)
		return la->color == 1;
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	return isatty(fileno(out)) == 1;
}

/* Options that take a value, for both lint and diff. */
bool tc_cli_lint_takes_value(const char *opt)
{
	static const char *const v[] = {"-f", "--format", "-o", "--output", "--fail-on",
					"--disable", "--ignore", "--explain", "--color", "-d",
					"--dialect", "--max-rounds", "--git", "-j", "--jobs", NULL};
	for (size_t i = 0; v[i]; i++)
		if (strcmp(opt, v[i]) == 0)
			return true;
	return false;
}

static int write_report(FILE *out, const char *fmt, const tc_findings *f, const char *snapshot,
			bool color)
{
	tc_render_opts ro = {.color = color};
	if (strcmp(fmt, "json") == 0)
		return tc_render_lint_json(out, f);
	if (strcmp(fmt, "sarif") == 0)
		return tc_render_sarif(out, f);
	if (strcmp(fmt, "junit") == 0)
		return tc_render_junit(out, f, snapshot);
	return tc_render_lint_text(out, f, &ro);
}

int tc_cmd_lint(int argc, char **argv)
{
	struct tc_cli_lint_args la = {.color = -1};
	const char *fmt = "text", *output = NULL, *snapshot = NULL, *explain = NULL;
	const char *fail_on = "error";
	bool list = false;
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i], *val = NULL;
		char name[32] = {0};
		const char *eq = strchr(s, '=');
		if (s[0] == '-' && s[1] == '-' && eq && (size_t)(eq - s) < sizeof name) {
			memcpy(name, s, (size_t)(eq - s));
			s = name;
			val = eq + 1;
		}
		if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
			fputs(tc_usage_lint, stdout);
			return EXIT_OK;
		}
		if (strcmp(s, "--list-rules") == 0) {
			list = true;
			continue;
		}
		if (strcmp(s, "-q") == 0 || strcmp(s, "--quiet") == 0) {
			la.quiet = true;
			continue;
		}
		if (s[0] != '-' || s[1] == '\0') {
			if (snapshot)
				return tc_cli_usage_error("lint", "unexpected argument '%s'", s);
			snapshot = s;
			continue;
		}
		if (!tc_cli_lint_takes_value(s) || strcmp(s, "--git") == 0)
			return tc_cli_usage_error("lint", "unknown option '%s'", s);
		if (!val) {
			if (i + 1 >= argc)
				return tc_cli_usage_error("lint", "option %s needs a value", s);
			val = argv[++i];
		}
		if (strcmp(s, "-f") == 0 || strcmp(s, "--format") == 0)
			fmt = val;
		else if (strcmp(s, "-o") == 0 || strcmp(s, "--output") == 0)
			output = val;
		else if (strcmp(s, "--fail-on") == 0)
			fail_on = val;
		else if (strcmp(s, "--explain") == 0)
			explain = val;
		else {
			int rc = tc_cli_lint_option("lint", &la, s, val);
			if (rc >= 0)
				return rc;
		}
	}
	if (list)
		return tc_render_rule_list(stdout) == 0 ? EXIT_OK : EXIT_USAGE;
	if (explain) {
		const tc_lint_rule *r = tc_lint_rule_find(explain);
		if (!r)
			return tc_cli_usage_error("lint", "unknown rule '%s' (see lint --list-rules)", explain);
		return tc_render_rule_explain(stdout, r) == 0 ? EXIT_OK : EXIT_USAGE;
	}
	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0 && strcmp(fmt, "sarif") != 0 &&
	    strcmp(fmt, "junit") != 0)
		return tc_cli_usage_error("lint", "unknown format '%s' (use text, json, sarif or junit)", fmt);
	int threshold;
	if (strcmp(fail_on, "error") == 0)
		threshold = TC_SEV_ERROR;
	else if (strcmp(fail_on, "warning") == 0)
		threshold = TC_SEV_WARNING;
	else if (strcmp(fail_on, "note") == 0)
		threshold = TC_SEV_NOTE;
	else if (strcmp(fail_on, "never") == 0)
		threshold = 3;
	else
		return tc_cli_usage_error("lint", "--fail-on takes error, warning, note or never, not '%s'", fail_on);
	if (!snapshot)
		return tc_cli_usage_error("lint", "%s", "missing SNAPSHOT directory");

	tc_model *m = NULL;
	tc_prediction *p = NULL;
	tc_findings *f = NULL;
	int rc = tc_cli_lint_snapshot(&la, snapshot, &m, &p, &f);
	if (rc >= 0)
		return rc;
	FILE *out = stdout;
	if (output && !(out = fopen(output, "w"))) {
		fprintf(stderr, "tunnelcast: cannot write %s: %s\n", output, strerror(errno));
		rc = EXIT_USAGE;
		goto out;
	}
	int r = write_report(out, fmt, f, snapshot, strcmp(fmt, "text") == 0 && tc_cli_lint_color(&la, out));
	if (fflush(out) != 0 || ferror(out))
		r = TC_ERROR;
	if (out != stdout && fclose(out) != 0)
		r = TC_ERROR;
	if (r != 0) {
		fputs("tunnelcast: error writing the lint report\n", stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	rc = EXIT_OK;
	for (int s = threshold; s <= TC_SEV_ERROR; s++)
		if (f->nsev[s])
			rc = EXIT_FINDINGS;
out:
	tc_findings_free(f);
	tc_prediction_free(p);
	tc_model_free(m);
	return rc;
}
