/* srcindex.c: config files read back by path to quote one of their lines (lint's columns).
 *
 * The model keeps a finding's file and line, not the text: lint reads the
 * line back to place its column on a token and to show it. A snapshot of
 * thousands of devices has as many files and lint may quote tens of
 * thousands of lines, so each file is read once, with where each of its
 * lines starts, and found again in a hash table by its path. Every line handed
 * out goes through tc_mask_secrets(), so a quoted key line has no key. */
#include "kit.h"
#include "parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct src_file {
	char *path;	       /* tc_xstrdup'd copy */
	char *buf;	       /* the whole file, NULL until read or when empty */
	size_t len;	       /* bytes in buf */
	size_t *line_start;    /* offset of line k + 1 (nlines of them) */
	size_t nlines;	       /* lines in the file */
	bool failed;	       /* unreadable (or too large for memory) */
	struct src_file *next; /* in its bucket of the path table */
} src_file;

#define SRC_KEY(s) ((s)->path)
#define SRC_NEXT(s) ((s)->next)
#define SRC_EQ(a, b) (strcmp(a, b) == 0)
#define SRC_FN(k) tc_hash_str(k)
TC_HASH_DEFINE(src_tab, src_file, const char *, SRC)

struct tc_srcindex {
	src_tab by_path;	  /* the files read so far */
	TC_VEC(src_file *) files; /* the same, to free them */
};

tc_srcindex *tc_srcindex_new(void)
{
	return tc_xcalloc(1, sizeof(tc_srcindex));
}

void tc_srcindex_free(tc_srcindex *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->files.n; i++) {
		src_file *s = ix->files.v[i];
		free(s->path);
		free(s->buf);
		free(s->line_start);
		free(s);
	}
	TC_VEC_FREE(ix->files);
	src_tab_free(&ix->by_path);
	free(ix);
}

/* Where each line of s->buf starts: the lines asked for are then found at once. */
static void index_lines(src_file *s)
{
	size_t n = 0, cap = 0;
	for (const char *p = s->buf, *end = s->buf + s->len; p < end;) {
		TC_GROW(s->line_start, n + 1, cap);
		s->line_start[n++] = (size_t)(p - s->buf);
		const char *q = memchr(p, '\n', (size_t)(end - p));
		p = q ? q + 1 : end;
	}
	s->nlines = n;
}

static void src_read(src_file *s)
{
	if (tc_file_read(&s->buf, &s->len, s->path) != 0)
		s->failed = true;
	else
		index_lines(s);
}

/* The entry of path, read on first use. */
static const src_file *src_get(tc_srcindex *ix, const char *path)
{
	src_file *s = src_tab_find(&ix->by_path, path);
	if (s)
		return s;
	s = tc_xcalloc(1, sizeof *s);
	s->path = tc_xstrdup(path);
	src_tab_insert(&ix->by_path, s);
	TC_VEC_PUSH(ix->files, s);
	src_read(s);
	return s;
}

int tc_srcindex_line(tc_srcindex *ix, const char *path, unsigned line, char *buf, size_t n)
{
	const src_file *s = src_get(ix, path);
	if (s->failed || !s->buf || line == 0 || line > s->nlines)
		return TC_ENOTFOUND;
	const char *p = s->buf + s->line_start[line - 1], *end = s->buf + s->len;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
	if (len && p[len - 1] == '\r')
		len--;
	tc_mask_secrets(buf, n, p, len);
	return 0;
}
