/* lint_conf.c: lint's settings from the repository (.tunnelcast.toml) and from the configs
 * themselves (inline `tunnelcast: disable=` comments), and --severity.
 *
 * Precedence, lowest first: the catalogue's defaults, the repository file, the command line.
 * The repository file is a small subset of TOML (README "### lint" lists it): comments, the
 * tables [lint] and [lint.severity], `key = "string"` and `key = ["a", "b"]` on one line. A
 * key or table outside that set is an error, so a typo never passes for a setting. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"
#include "parser.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define CONF_NAME ".tunnelcast.toml"

/* ---- --severity ---------------------------------------------------------------------- */

/* "WHAT a, b or c": a message naming the words a value may be (static storage). */
static const char *one_of(const char *what, const char *const *words)
{
	static char why[128];
	char list[96];
	tc_cli_choice_list(list, sizeof list, words, false);
	snprintf(why, sizeof why, "%s %s", what, list);
	return why;
}

/* Record RULE=SEV (text of length len) in s; NULL, or what is wrong. */
static const char *severity_add(struct tc_cli_severity *s, const char *text, size_t len)
{
	char buf[96];
	snprintf(buf, sizeof buf, "%.*s", (int)len, text);
	char *eq = strchr(buf, '=');
	if (!eq)
		return "expected RULE=SEV";
	*eq = '\0';
	const tc_lint_rule *r = tc_lint_rule_find(buf);
	if (!r)
		return "unknown rule (see lint --list-rules)";
	int sev = tc_cli_word(eq + 1, tc_cli_severities) < 0 ? -2 : tc_cli_severity_of(eq + 1);
	if (sev == -2)
		return one_of("the severity is", tc_cli_severities);
	if (s->n == TC_CLI_MAX_DISABLE)
		return "too many severity overrides";
	s->v[s->n].rule = r->id;
	s->v[s->n++].sev = sev;
	return NULL;
}

int tc_cli_set_severity(void *field, const char *val, const char *cmd)
{
	const char *why = severity_add(field, val, strlen(val));
	return why ? tc_cli_usage_error(cmd, "--severity '%s': %s", val, why) : -1;
}

void tc_cli_lint_opts(tc_lint_opts *o, const struct tc_cli_lint_args *la,
		      const char *scratch[2 * TC_CLI_MAX_DISABLE],
		      tc_lint_sev sev[TC_CLI_MAX_DISABLE])
{
	size_t nd = 0, ns = 0;
	for (size_t i = 0; i < la->disable.n; i++)
		scratch[nd++] = la->disable.v[i];
	for (size_t i = 0; i < la->severity.n; i++) {
		const struct tc_cli_sev *s = &la->severity.v[i];
		if (s->sev < 0)
			scratch[nd++] = s->rule;
		else
			sev[ns++] = (tc_lint_sev){s->rule, (tc_severity)s->sev};
	}
	*o = (tc_lint_opts){.disable = scratch, .ndisable = nd, .severity = sev, .nseverity = ns};
}

/* ---- .tunnelcast.toml ------------------------------------------------------------------ */

/* What the file sets; strings are copies (rule ids point into the catalogue). */
static struct conf {
	char path[PATH_MAX + 32];	/* the file read */
	char ignore[2 * PATH_MAX + 64]; /* its ignore file, relative to the file's directory */
	char fail_on[16];
	struct tc_cli_disable disable;
	struct tc_cli_severity severity;
} conf;

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

/* dir without its last component ("/a/b" -> "/a", "/a" -> "/"). */
static void cut(char *dir)
{
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
}

/* The config file for snapshot into conf.path: the nearest one from the snapshot's directory
 * up to the git root; false when there is none. Outside a git repository only the snapshot's
 * own directory counts: a stray file in /tmp or $HOME must not change a lint run. */
static bool find_conf(const char *snapshot)
{
	char dir[PATH_MAX], p[PATH_MAX + 32];
	if (strcmp(snapshot, "-") == 0) /* a config on standard input: the directory run in */
		snapshot = ".";
	if (!realpath(snapshot, dir))
		return false;
	if (is_file(dir)) /* a one-file snapshot: its directory */
		cut(dir);
	conf.path[0] = '\0';
	bool own = false;
	for (bool top = true;; top = false) {
		const char *d = strcmp(dir, "/") ? dir : "";
		snprintf(p, sizeof p, "%s/%s", d, CONF_NAME);
		if (!conf.path[0] && is_file(p)) {
			snprintf(conf.path, sizeof conf.path, "%s", p);
			own = top;
		}
		snprintf(p, sizeof p, "%s/.git", d);
		if (exists(p))
			break;
		if (!*d) {
			if (!own)
				conf.path[0] = '\0';
			break;
		}
		cut(dir);
	}
	return conf.path[0] != '\0';
}

/* A string value at s ("..." or '...', no escapes) into out[0..n); the text after it, or
 * NULL when it is not one. */
static const char *toml_string(const char *s, char *out, size_t n)
{
	char q = *s;
	if (q != '"' && q != '\'')
		return NULL;
	const char *e = strchr(s + 1, q);
	if (!e || (q == '"' && memchr(s + 1, '\\', (size_t)(e - s - 1))))
		return NULL;
	if ((size_t)(e - s - 1) >= n)
		return NULL;
	snprintf(out, n, "%.*s", (int)(e - s - 1), s + 1);
	return e + 1;
}

/* The rest of a line after a value: blank, or a comment. */
static bool toml_end(const char *s)
{
	s += strspn(s, " \t\r\n");
	return *s == '\0' || *s == '#';
}

/* disable = ["TC113", "any-in-crypto-acl"] into conf.disable. NULL, or what is wrong. */
static const char *toml_disable(const char *s)
{
	if (*s++ != '[')
		return "disable takes an array of rule ids or names on one line: [\"TC113\"]";
	for (;;) {
		s += strspn(s, " \t");
		if (*s == ']')
			return toml_end(s + 1) ? NULL : "unexpected text after the array";
		char rule[64];
		s = toml_string(s, rule, sizeof rule);
		if (!s)
			return "expected a quoted rule id or name";
		const tc_lint_rule *r = tc_lint_rule_find(rule);
		if (!r)
			return "unknown rule (see lint --list-rules)";
		if (conf.disable.n == TC_CLI_MAX_DISABLE)
			return "too many rules";
		conf.disable.v[conf.disable.n++] = r->id;
		s += strspn(s, " \t");
		if (*s == ',')
			s++;
		else if (*s != ']')
			return "expected ',' or ']'";
	}
}

/* One `key = value` line of table (0: top level or [lint], 1: [lint.severity]). */
static const char *toml_pair(int table, const char *key, const char *val)
{
	char str[PATH_MAX];
	if (table == 1) {
		const char *end = toml_string(val, str, sizeof str);
		if (!end || !toml_end(end))
			return "expected RULE = \"SEV\" (a quoted string)";
		char pair[96];
		int len = snprintf(pair, sizeof pair, "%.40s=%.40s", key, str);
		return severity_add(&conf.severity, pair, (size_t)len);
	}
	if (strcmp(key, "disable") == 0)
		return toml_disable(val);
	const char *end = toml_string(val, str, sizeof str);
	if (strcmp(key, "fail-on") == 0 || strcmp(key, "ignore") == 0) {
		if (!end || !toml_end(end))
			return "expected a quoted string";
	}
	if (strcmp(key, "fail-on") == 0) {
		int k = tc_cli_word(str, tc_cli_fail_on);
		if (k < 0)
			return one_of("fail-on takes", tc_cli_fail_on);
		snprintf(conf.fail_on, sizeof conf.fail_on, "%s", tc_cli_fail_on[k]);
		return NULL;
	}
	if (strcmp(key, "ignore") == 0) {
		char dir[sizeof conf.path];
		snprintf(dir, sizeof dir, "%s", conf.path);
		cut(dir);
		if (str[0] == '/')
			snprintf(conf.ignore, sizeof conf.ignore, "%s", str);
		else
			snprintf(conf.ignore, sizeof conf.ignore, "%s/%s", dir, str);
		return NULL;
	}
	if (strcmp(key, "severity") == 0)
		return "write severities as a [lint.severity] table: TC104 = \"warning\"";
	return "unknown key (disable, severity, fail-on, ignore)";
}

/* One line: a table header, a pair, a comment or nothing. NULL, or what is wrong. */
static const char *toml_line(int *table, char *line)
{
	char *s = line + strspn(line, " \t");
	if (toml_end(s))
		return NULL;
	if (*s == '[') {
		char *e = strchr(s, ']');
		if (!e || !toml_end(e + 1))
			return "expected [lint] or [lint.severity]";
		*e = '\0';
		char *name = s + 1 + strspn(s + 1, " \t");
		name[strcspn(name, " \t")] = '\0';
		if (strcmp(name, "lint") == 0)
			*table = 0;
		else if (strcmp(name, "lint.severity") == 0)
			*table = 1;
		else
			return "unknown table (only [lint] and [lint.severity])";
		return NULL;
	}
	char key[64];
	const char *v = toml_string(s, key, sizeof key);
	if (!v) { /* a bare key */
		size_t kl = strspn(
			s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
		if (kl == 0 || kl >= sizeof key)
			return "expected key = value";
		snprintf(key, sizeof key, "%.*s", (int)kl, s);
		v = s + kl;
	}
	v += strspn(v, " \t");
	if (*v++ != '=')
		return "expected key = value";
	v += strspn(v, " \t");
	return toml_pair(*table, key, v);
}

/* Read conf.path into conf. TC_EXIT_OK, or TC_EXIT_USAGE after messages on stderr. */
static int read_conf(void)
{
	FILE *f = fopen(conf.path, "r");
	if (!f) {
		fprintf(stderr, "tunnelcast: cannot read %s: %s\n", conf.path, strerror(errno));
		return TC_EXIT_USAGE;
	}
	char line[1024];
	unsigned no = 0;
	int table = 0, rc = TC_EXIT_OK;
	while (fgets(line, sizeof line, f)) {
		no++;
		bool whole = strchr(line, '\n') || feof(f); /* before toml_line() cuts it */
		const char *why = whole ? toml_line(&table, line) : "line too long";
		if (why) {
			fprintf(stderr, "%s:%u: error: %s\n", conf.path, no, why);
			rc = TC_EXIT_USAGE;
		}
		if (!whole) { /* skip the rest of a long line */
			int c;
			while ((c = getc(f)) != EOF && c != '\n')
				;
		}
	}
	fclose(f);
	return rc;
}

/* Whether a command-line severity names rule with something other than off. */
static bool cli_enables(const struct tc_cli_severity *cli, const char *rule)
{
	for (size_t i = 0; i < cli->n; i++)
		if (cli->v[i].rule == rule && cli->v[i].sev >= 0)
			return true;
	return false;
}

int tc_cli_lint_config(struct tc_cli_lint_args *la, const char **fail_on, const char *snapshot)
{
	memset(&conf, 0, sizeof conf);
	if (!find_conf(snapshot))
		return TC_EXIT_OK;
	int rc = read_conf();
	if (rc)
		return rc;
	for (size_t i = 0; i < conf.disable.n; i++)
		if (!cli_enables(&la->severity, conf.disable.v[i]) &&
		    la->disable.n < TC_CLI_MAX_DISABLE)
			la->disable.v[la->disable.n++] = conf.disable.v[i];
	struct tc_cli_severity merged = conf.severity; /* the command line's come later: win */
	for (size_t i = 0; i < la->severity.n && merged.n < TC_CLI_MAX_DISABLE; i++)
		merged.v[merged.n++] = la->severity.v[i];
	la->severity = merged;
	if (!la->ignore_file && conf.ignore[0])
		la->ignore_file = conf.ignore;
	if (!*fail_on && conf.fail_on[0])
		*fail_on = conf.fail_on;
	return TC_EXIT_OK;
}

/* ---- inline suppressions ----------------------------------------------------------------- */

/* s's rules (comma-separated), one ignore each, into ig; cap is ig's capacity. */
static void inline_add(struct tc_cli_ignores *ig, size_t *cap, const tc_suppression *s,
		       const char *file, bool quiet)
{
	for (const char *p = s->rules; *p;) {
		size_t n = strcspn(p, ",");
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)n, p);
		p += n + (p[n] == ',');
		if (!n)
			continue;
		const tc_lint_rule *r = tc_lint_rule_find(name);
		if (!r) {
			if (!quiet)
				fprintf(stderr,
					"%s:%u: warning: unknown rule '%s' in a tunnelcast "
					"suppression\n",
					file, s->line, name);
			continue;
		}
		TC_GROW(ig->v, ig->n + 1, *cap);
		ig->v[ig->n++] = (tc_lint_ignore){
			.rule = tc_xstrdup(r->id),
			.reason = s->reason ? tc_xstrdup(s->reason) : NULL,
			.file = file,
			.line = s->line,
			.scope_file = file,
			.first = s->first,
			.last = s->last,
		};
	}
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void tc_cli_inline_load(struct tc_cli_ignores *ig, const tc_model *m, bool quiet)
{
	/* m's config files, each once (a file may hold several devices), in name order */
	const char **files = tc_xcalloc(m->ndevs + 1, sizeof *files);
	size_t nf = 0, cap = ig->n;
	for (size_t k = 0; k < m->ndevs; k++)
		if (m->devs[k]->file)
			files[nf++] = m->devs[k]->file;
	qsort(files, nf, sizeof *files, cmp_path);
	for (size_t k = 0; k < nf; k++) {
		tc_suppression *v;
		size_t n;
		if ((k && strcmp(files[k - 1], files[k]) == 0) ||
		    tc_parse_suppressions(&v, &n, files[k]) != 0)
			continue;
		for (size_t i = 0; i < n; i++)
			inline_add(ig, &cap, &v[i], files[k], quiet);
		tc_suppressions_free(v, n);
	}
	free(files);
}
