/* cmd_lint.c: `tunnelcast lint`: the rule catalogue run over a snapshot, for terminals and CI.
 *
 * Besides the command itself this file holds what `diff` shares with it:
 * loading a snapshot's .tunnelcast-ignore, running the rules, and placing
 * each finding's column on the config line the parser reads back for it
 * (tc_srcindex_line(): the model keeps lines, not columns). That line comes
 * with its secrets masked, so a finding about a key line shows no key. */
#include "cli.h"
#include "parser.h"
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* What `lint` reads from its command line. */
struct lint_args {
	struct tc_cli_lint_args la; /* the options it shares with diff (first: their offsets) */
	const char *fail_on;	    /* --fail-on SEV */
	const char *explain;	    /* --explain RULE */
	bool list;		    /* --list-rules */
	bool no_config;		    /* --no-config */
};
#define LINT_ARG(field) offsetof(struct lint_args, field)

/* lint's formats: markdown is the rule catalogue's (--list-rules) alone */
static const char *const formats[] = {"text", "json", "sarif", "junit", "markdown", NULL};

static const char synopsis[] =
	"usage: tunnelcast lint [OPTIONS] SNAPSHOT\n"
	"       tunnelcast lint --list-rules | --explain RULE\n"
	"\n"
	"Check a snapshot against the rule catalogue: configuration mistakes that stop a\n"
	"tunnel or land it on the wrong peer (TC1xx) and predicted outcomes (TC2xx:\n"
	"ownership moved by return routing, oscillating, one-way, down). Each finding\n"
	"names the device, the config line at fault and the related lines on the other\n"
	"device.\n"
	"\n"
	"Options:\n";

static const char epilogue[] =
	"\n"
	"Suppression file: one finding pattern per line, `RULE DEVICE [REASON...]`, where\n"
	"RULE is an id or name and DEVICE a hostname or `*`; `#` starts a comment.\n"
	"In a config: `! tunnelcast: disable=RULE[,RULE] [REASON]` (also in an ACL\n"
	"`remark`, a `description` or an ASA `:` line) covers the command that follows\n"
	"with its sub-mode lines (a description: its own block); `disable-file=` the\n"
	"whole file. Suppressed findings are left out of text output and counts, and\n"
	"marked in JSON and SARIF; one that suppresses nothing is a TC301 note.\n"
	"The ignore file must be a regular file of at most 1 MiB (or /dev/null), lines\n"
	"at most 1023 bytes: anything else is an error.\n"
	"\n"
	"Repository defaults: .tunnelcast.toml in SNAPSHOT or a parent up to the git\n"
	"root ([lint] disable, fail-on, ignore; [lint.severity] RULE = \"SEV\"); the\n"
	"command line wins. Rules: docs/rules.md.\n"
	"\n"
	"Exit status: 0 no finding at or above --fail-on; 1 findings; 2 usage error;\n"
	"3 the snapshot cannot be read; 4 the output could not be written.\n";

static const tc_cli_opt options[] = {
	TC_CLI_OPT_FORMAT(formats, "{*}\n(markdown: with --list-rules only)"),
	TC_CLI_OPT_OUTPUT("write the report to FILE instead of standard\n"
			  "output"),
	{TC_CLI_OPT_VALUE, 0, "fail-on", "SEV", LINT_ARG(fail_on), tc_cli_set_string,
	 "exit 1 when a finding is at least SEV:\n"
	 "{*}",
	 tc_cli_fail_on},
	TC_CLI_OPT_DISABLE("do not run RULE (id or name; repeatable, or\n"
			   "comma-separated)"),
	{TC_CLI_OPT_LIST, 0, "severity", "RULE=SEV", TC_CLI_LINT_ARG(severity), tc_cli_set_severity,
	 "report RULE's findings as SEV (repeatable):\n"
	 "{}; off: not run",
	 tc_cli_severities},
	TC_CLI_OPT_IGNORE("suppressions (default:\n"
			  "SNAPSHOT/.tunnelcast-ignore)"),
	{TC_CLI_OPT_SWITCH, 0, "no-config", NULL, LINT_ARG(no_config), tc_cli_set_true,
	 "do not read .tunnelcast.toml", NULL},
	{TC_CLI_OPT_SWITCH, 0, "list-rules", NULL, LINT_ARG(list), tc_cli_set_true,
	 "print the rule catalogue and exit (-f markdown:\n"
	 "as docs/rules.md holds it)",
	 NULL},
	{TC_CLI_OPT_VALUE, 0, "explain", "RULE", LINT_ARG(explain), tc_cli_set_string,
	 "print a rule's explanation and fix, and where\n"
	 "docs/rules.md gives its Cisco sources, and exit",
	 NULL},
	TC_CLI_OPT_COLOR("text colour: {*}; auto:\n"
			 "only on a terminal, never when NO_COLOR is set"),
	TC_CLI_OPT_DIALECT("{*}: force the config\n"
			   "dialect"),
	TC_CLI_OPT_JOBS("read, resolve and predict on N threads (default 1)"),
	TC_CLI_OPT_QUIET("no parser diagnostics or progress line"),
	TC_CLI_OPT_MAX_DIAGS(TC_CLI_MAX_DIAGS_HELP),
	TC_CLI_OPT_MAX_FILE_SIZE,
	TC_CLI_OPT_ROUNDS("stop simulating after N rounds (default 16)"),
	{0},
};

const tc_cli_cmd tc_cli_cmd_lint = {
	.name = "lint",
	.synopsis = synopsis,
	.opts = options,
	.col = 27,
	.epilogue = epilogue,
	.max_operands = 1,
};

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
	char *p = tc_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* path opened for reading when it is a regular file of at most
 * TC_CLI_IGNORE_MAX bytes, or /dev/null (`--ignore /dev/null`: no
 * suppressions, the usual idiom); else NULL after a message, and *absent
 * when it does not exist (no message then unless must_exist). A committed
 * symlink may name a FIFO or /dev/zero: opened without blocking and
 * refused, never read. */
/* st is the system's /dev/null (whatever the path that named it). */
static bool is_dev_null(const struct stat *st)
{
	struct stat null;
	return S_ISCHR(st->st_mode) && stat("/dev/null", &null) == 0 && S_ISCHR(null.st_mode) &&
	       st->st_rdev == null.st_rdev;
}

static FILE *open_ignore_file(const char *path, bool must_exist, bool *absent)
{
	*absent = false;
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	struct stat st;
	const char *why = NULL;
	if (fd < 0) {
		*absent = errno == ENOENT;
		why = strerror(errno);
	} else if (fstat(fd, &st) != 0) {
		why = strerror(errno);
	} else if (!S_ISREG(st.st_mode) && !is_dev_null(&st)) {
		why = "not a regular file";
	} else if (st.st_size > TC_CLI_IGNORE_MAX) {
		why = "larger than " TC_CLI_IGNORE_MAX_TEXT;
	} else {
		FILE *f = fdopen(fd, "r");
		if (f)
			return f;
		why = strerror(errno);
	}
	if (fd >= 0)
		close(fd);
	if (!*absent || must_exist)
		fprintf(stderr, "tunnelcast: cannot read %s: %s\n", path, why);
	return NULL;
}

/* The next line of f into line[n] (its newline kept) as fgets() does; a
 * longer line is read to its end and gives -1 (a second suppression must
 * not hide in the tail of a long reason). 0 at the end of the file. */
static int read_line(char *line, size_t n, FILE *f, size_t *total)
{
	if (!fgets(line, (int)n, f))
		return 0;
	size_t len = strlen(line);
	*total += len;
	if (len < n - 1 || line[len - 1] == '\n' || feof(f))
		return 1;
	int c;
	while ((c = getc(f)) != EOF && c != '\n')
		++*total;
	return -1;
}

int tc_cli_ignores_load(struct tc_cli_ignores *out, const char *path, bool must_exist)
{
	memset(out, 0, sizeof *out);
	bool absent;
	FILE *f = open_ignore_file(path, must_exist, &absent);
	if (!f)
		return absent && !must_exist ? TC_EXIT_OK : TC_EXIT_USAGE;
	char line[TC_CLI_IGNORE_LINE + 2]; /* the line, its newline, the NUL */
	unsigned no = 0;
	size_t cap = 0, total = 0;
	int rc = TC_EXIT_OK, got;
	while ((got = read_line(line, sizeof line, f, &total)) != 0 && total <= TC_CLI_IGNORE_MAX) {
		no++;
		if (got < 0) {
			fprintf(stderr, "%s:%u: error: line longer than %d bytes\n", path, no,
				TC_CLI_IGNORE_LINE);
			rc = TC_EXIT_USAGE;
			continue;
		}
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
			rc = TC_EXIT_USAGE;
			continue;
		}
		s += strspn(s, " \t");
		size_t rl = strcspn(s, "\r\n");
		while (rl > 0 && (s[rl - 1] == ' ' || s[rl - 1] == '\t'))
			rl--;
		TC_GROW(out->v, out->n + 1, cap);
		tc_lint_ignore *ig = &out->v[out->n++];
		ig->rule = rule;
		ig->device = dup_range(w[1], wl[1]);
		ig->reason = rl ? dup_range(s, rl) : NULL;
		ig->line = no;
	}
	if (total > TC_CLI_IGNORE_MAX) { /* it grew while read */
		fprintf(stderr, "tunnelcast: cannot read %s: larger than %s\n", path,
			TC_CLI_IGNORE_MAX_TEXT);
		rc = TC_EXIT_USAGE;
	}
	fclose(f);
	if (rc)
		tc_cli_ignores_free(out);
	return rc;
}

/* ---- columns and source lines -------------------------------------------------- */

/* The column of token on the line (whole word, case-insensitive), else of
 * its first non-blank character. */
static unsigned place(const char *text, const char *token)
{
	if (token && *token) {
		size_t tl = strlen(token);
		for (const char *p = text; *p; p++)
			if (strncasecmp(p, token, tl) == 0 &&
			    (p == text || p[-1] == ' ' || p[-1] == '\t') &&
			    (p[tl] == '\0' || p[tl] == ' ' || p[tl] == '\t'))
				return (unsigned)(p - text) + 1;
	}
	return (unsigned)strspn(text, " \t") + 1;
}

static void locate(tc_srcindex *ix, tc_arena *a, tc_lint_loc *l)
{
	char buf[1024];
	if (!l->file || !l->line || tc_srcindex_line(ix, l->file, l->line, buf, sizeof buf) != 0)
		return;
	l->col = place(buf, l->token);
	l->text = tc_arena_strdup(a, buf);
}

void tc_cli_lint_locate(tc_findings *f)
{
	tc_srcindex *ix = tc_srcindex_new();
	for (size_t i = 0; i < f->n; i++) {
		locate(ix, f->arena, &f->v[i].loc);
		for (size_t k = 0; k < f->v[i].nrelated; k++)
			locate(ix, f->arena, &f->v[i].related[k]);
	}
	tc_srcindex_free(ix);
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
		return TC_EXIT_USAGE;
	for (size_t i = 0; i < ig.n; i++) { /* not scoped to lines; an unused one is reported */
		ig.v[i].file = la->ignore_file ? la->ignore_file : path; /* here (TC301) */
		ig.v[i].scope_file = NULL;
		ig.v[i].first = ig.v[i].last = 0;
	}
	struct tc_cli_args a = la->a;
	a.snapshot = snapshot;
	rc = tc_cli_analyse(&a, mout, pout);
	if (rc >= 0) {
		tc_cli_ignores_free(&ig);
		return rc; /* 3: the snapshot cannot be read, as for every command */
	}
	tc_cli_inline_load(&ig, *mout, la->a.quiet);
	const char *scratch[2 * TC_CLI_MAX_DISABLE];
	tc_lint_sev sev[TC_CLI_MAX_DISABLE];
	tc_lint_opts lo;
	tc_cli_lint_opts(&lo, la, scratch, sev);
	lo.ignore = ig.v;
	lo.nignore = ig.n;
	if (tc_lint(fout, *mout, *pout, &lo) != 0) {
		fputs("tunnelcast: lint failed\n", stderr);
		tc_cli_ignores_free(&ig);
		tc_prediction_free(*pout);
		tc_model_free(*mout);
		*pout = NULL;
		*mout = NULL;
		return TC_EXIT_USAGE;
	}
	tc_cli_ignores_free(&ig);
	tc_cli_lint_locate(*fout);
	return -1;
}

int tc_cli_set_disable(void *field, const char *val, const char *cmd)
{
	struct tc_cli_disable *d = field;
	for (const char *s = val; *s;) {
		size_t n = strcspn(s, ",");
		if (n) {
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)n, s);
			const tc_lint_rule *r = tc_lint_rule_find(name);
			if (!r)
				return tc_cli_usage_error(
					cmd, "unknown rule '%s' (see lint --list-rules)", name);
			if (d->n == TC_CLI_MAX_DISABLE)
				return tc_cli_usage_error(cmd, "too many --disable rules at '%s'",
							  name);
			d->v[d->n++] = r->id;
		}
		s += n;
		if (*s == ',')
			s++;
	}
	return -1;
}

int tc_cli_set_color(void *field, const char *val, const char *cmd)
{
	static const int colors[] = {-1, 1, 0}; /* tc_cli_colors: auto, always, never */
	(void)cmd;
	*(int *)field = colors[tc_cli_word(val, tc_cli_colors)];
	return -1;
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
	struct lint_args l = {.la = {.a = {.format = "text"}, .color = -1}};
	const char *snapshot = NULL;
	size_t nops = 0;
	int rc = tc_cli_opt_parse(&tc_cli_cmd_lint, &l, &snapshot, &nops, argc, argv);
	if (rc >= 0)
		return rc;
	const char *fmt = l.la.a.format, *output = l.la.a.output, *explain = l.explain;
	const char *fail_on = l.fail_on;
	if (l.list && strcmp(fmt, "markdown") == 0) /* docs/rules.md's catalogue section */
		return tc_render_rule_markdown(stdout) == 0 ? TC_EXIT_OK : TC_EXIT_USAGE;
	if (l.list)
		return tc_render_rule_list(stdout) == 0 ? TC_EXIT_OK : TC_EXIT_USAGE;
	if (explain) {
		const tc_lint_rule *r = tc_lint_rule_find(explain);
		if (!r)
			return tc_cli_usage_error(
				"lint", "unknown rule '%s' (see lint --list-rules)", explain);
		return tc_render_rule_explain(stdout, r) == 0 ? TC_EXIT_OK : TC_EXIT_USAGE;
	}
	if (strcmp(fmt, "markdown") == 0)
		return tc_cli_usage_error("lint", "%s",
					  "-f markdown is the rule catalogue's: give --list-rules");
	if (!snapshot)
		return tc_cli_usage_error("lint", "%s", "missing SNAPSHOT directory");
	if (!l.no_config && (rc = tc_cli_lint_config(&l.la, &fail_on, snapshot)) != TC_EXIT_OK)
		return rc;
	int threshold = tc_cli_severity_of(fail_on ? fail_on : "error"); /* never: past error */

	tc_model *m = NULL;
	tc_prediction *p = NULL;
	tc_findings *f = NULL;
	rc = tc_cli_lint_snapshot(&l.la, snapshot, &m, &p, &f);
	if (rc >= 0)
		return rc;
	tc_cli_out o;
	rc = TC_EXIT_OUTPUT;
	if (tc_cli_out_open(&o, output) != TC_EXIT_OK)
		goto out;
	int r = write_report(o.f, fmt, f, snapshot,
			     strcmp(fmt, "text") == 0 && tc_cli_lint_color(&l.la, o.f));
	if (tc_cli_out_close(&o, r == 0) != TC_EXIT_OK)
		goto out;
	rc = TC_EXIT_OK;
	for (int s = threshold; s <= TC_SEV_ERROR; s++)
		if (f->nsev[s])
			rc = TC_EXIT_FINDINGS;
out:
	tc_findings_free(f);
	tc_prediction_free(p);
	tc_model_free(m);
	return rc;
}
