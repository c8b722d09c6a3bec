/* suppress.c: lint suppressions written in configs (`! tunnelcast: disable=TC104 reason`).
 *
 * A device keeps some comment forms in its running-config and drops others: IOS and ASA drop
 * `!` lines (and the ASA its `:` lines) when a config is entered, but keep an ACL's `remark`
 * and an interface's (or an IOS crypto map entry's) `description`. A config repository holds
 * hand-written source files where every form stays, so all four are read; README "### lint"
 * says which ones survive `show running-config`. The marker is searched for on every line;
 * what stands before it decides whether the line is such a comment. */
#include "kit.h"
#include "parser.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MARKER "tunnelcast:"

/* One line of the file: where it starts, its length, its indent; blank or a comment. */
typedef struct sline {
	const char *p;
	size_t len;
	unsigned indent;
	bool skip; /* blank, a `!` comment or a column-0 `:` comment: no command */
} sline;

/* The comment form that carries the marker at m on line l: '!' or ':' (a comment line), 'r'
 * (a remark), 'd' (a description), or 0 when the line is no such comment. */
static int form_of(const sline *l, const char *m)
{
	const char *s = l->p + l->indent;
	if (*s == '!' || (l->indent == 0 && *s == ':')) {
		const char *t = s + 1;
		t += strspn(t, " \t!");
		return t == m ? *s : 0;
	}
	const char *e = m; /* the word before the marker */
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	const char *w = e;
	while (w > s && w[-1] != ' ' && w[-1] != '\t')
		w--;
	if (e - w == 6 && strncasecmp(w, "remark", 6) == 0)
		return 'r';
	if (e - w == 11 && strncasecmp(w, "description", 11) == 0)
		return 'd';
	return 0;
}

/* The last line of the block that starts at line k: k and the lines after it indented
 * deeper (blank and comment lines inside it included). 0-based. */
static size_t block_end(const sline *v, size_t n, size_t k)
{
	size_t end = k;
	for (size_t i = k + 1; i < n; i++) {
		if (v[i].skip)
			continue;
		if (v[i].indent <= v[k].indent)
			break;
		end = i;
	}
	return end;
}

/* Lines first..last (1-based) that the suppression on line k (0-based) of form covers;
 * false when it covers nothing (no command follows). */
static bool scope(const sline *v, size_t n, size_t k, int form, unsigned *first, unsigned *last)
{
	size_t head = k;
	if (form == 'd') { /* the block it describes: the nearest head line above */
		while (head > 0 && (v[head].skip || v[head].indent >= v[k].indent))
			head--;
		if (v[k].indent == 0 || v[head].indent >= v[k].indent)
			head = k;
	} else { /* the next command, stacked suppressions skipped */
		do
			head++;
		while (head < n && (v[head].skip || strstr(v[head].p, MARKER)));
		if (head == n)
			return false;
	}
	*first = (unsigned)head + 1;
	*last = (unsigned)block_end(v, n, head) + 1;
	return true;
}

static char *dup_n(const char *s, size_t n)
{
	char *p = tc_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* The suppression on line k with its marker at m into *out; false if it is none. */
static bool parse_one(tc_suppression *out, const sline *v, size_t n, size_t k, const char *m)
{
	int form = form_of(&v[k], m);
	if (!form)
		return false;
	const char *s = m + strlen(MARKER), *end = v[k].p + v[k].len;
	s += strspn(s, " \t");
	bool whole = strncasecmp(s, "disable-file=", 13) == 0;
	if (!whole && strncasecmp(s, "disable=", 8) != 0)
		return false;
	s += whole ? 13 : 8;
	size_t rl = strcspn(s, " \t");
	if (s + rl > end)
		rl = (size_t)(end - s);
	if (rl == 0)
		return false;
	memset(out, 0, sizeof *out);
	out->line = (unsigned)k + 1;
	if (whole) {
		out->first = 1;
		out->last = UINT_MAX;
	} else if (!scope(v, n, k, form, &out->first, &out->last)) {
		out->first = out->last = 0; /* covers nothing: reported unused */
	}
	out->rules = dup_n(s, rl);
	const char *r = s + rl;
	r += strspn(r, " \t");
	size_t len = (size_t)(end - r);
	while (len && (r[len - 1] == ' ' || r[len - 1] == '\t'))
		len--;
	out->reason = len ? dup_n(r, len) : NULL;
	return true;
}

/* buf split into lines (NULs ending each), *n of them; free() the array. */
static sline *split(char *buf, size_t len, size_t *n)
{
	size_t cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += buf[i] == '\n';
	sline *v = tc_xcalloc(cap, sizeof *v);
	size_t k = 0;
	for (char *p = buf; p < buf + len && k < cap;) {
		char *nl = memchr(p, '\n', (size_t)(buf + len - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(buf + len - p);
		if (l && p[l - 1] == '\r')
			l--;
		p[l] = '\0';
		sline *s = &v[k++];
		s->p = p;
		s->len = strlen(p); /* a NUL inside ends the line */
		s->indent = (unsigned)strspn(p, " \t");
		char c = p[s->indent];
		s->skip = c == '\0' || c == '!' || (s->indent == 0 && c == ':');
		p = nl ? nl + 1 : buf + len;
	}
	*n = k;
	return v;
}

int tc_parse_suppressions(tc_suppression **out, size_t *n, const char *path)
{
	*out = NULL;
	*n = 0;
	char *buf;
	size_t len, nl = 0, cap = 0;
	int rc = tc_file_read(&buf, &len, path);
	if (rc)
		return rc;
	sline *v = split(buf, len, &nl);
	for (size_t k = 0; k < nl; k++) {
		const char *m = strstr(v[k].p, MARKER);
		if (!m)
			continue;
		tc_suppression s;
		if (!parse_one(&s, v, nl, k, m))
			continue;
		TC_GROW(*out, *n + 1, cap);
		(*out)[(*n)++] = s;
	}
	free(v);
	free(buf);
	return 0;
}

void tc_suppressions_free(tc_suppression *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].rules);
		free(v[i].reason);
	}
	free(v);
}
