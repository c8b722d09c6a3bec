/* srcindex.c: config files read back by path to quote one of their lines (lint's columns).
 *
 * The model keeps a finding's file and line, not the text: lint reads the
 * line back to place its column on a token and to show it. A snapshot of
 * thousands of devices has as many files and lint may quote tens of
 * thousands of lines, so each file is read once, with where each of its
 * lines starts, and found again by a hash of its path. Every line handed
 * out goes through tc_mask_secrets(), so a quoted key line has no key. */
#include "parser.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct src_file {
	char *path;	    /* malloc'd copy */
	char *buf;	    /* the whole file, NULL until read or when empty */
	size_t len;	    /* bytes in buf */
	size_t *line_start; /* offset of line k + 1 (nlines of them) */
	size_t nlines;	    /* lines in the file */
	bool failed;	    /* unreadable, or memory ran out while reading it */
} src_file;

struct tc_srcindex {
	src_file *v;	/* the files read so far */
	size_t n, cap;	/* used and allocated entries of v */
	uint32_t *slot; /* index + 1 into v, 0: empty; size a power of two */
	size_t nslot;	/* entries of slot */
};

static size_t path_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)(h ^ (h >> 32));
}

tc_srcindex *tc_srcindex_new(void)
{
	return calloc(1, sizeof(tc_srcindex));
}

void tc_srcindex_free(tc_srcindex *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->n; i++) {
		free(ix->v[i].path);
		free(ix->v[i].buf);
		free(ix->v[i].line_start);
	}
	free(ix->v);
	free(ix->slot);
	free(ix);
}

/* Put v[i] in the slot table, doubling it past half full. */
static bool index_add(tc_srcindex *ix, size_t i)
{
	if (2 * (ix->n + 1) > ix->nslot) {
		size_t size = ix->nslot ? 2 * ix->nslot : 64;
		uint32_t *slot = calloc(size, sizeof *slot);
		if (!slot)
			return false;
		for (size_t k = 0; k < ix->nslot; k++)
			if (ix->slot[k]) {
				size_t h = path_hash(ix->v[ix->slot[k] - 1].path) & (size - 1);
				while (slot[h])
					h = (h + 1) & (size - 1);
				slot[h] = ix->slot[k];
			}
		free(ix->slot);
		ix->slot = slot;
		ix->nslot = size;
	}
	size_t h = path_hash(ix->v[i].path) & (ix->nslot - 1);
	while (ix->slot[h])
		h = (h + 1) & (ix->nslot - 1);
	ix->slot[h] = (uint32_t)i + 1;
	return true;
}

/* Where each line of s->buf starts: the lines asked for are then found at once. */
static void index_lines(src_file *s)
{
	size_t n = 0, cap = 0;
	for (const char *p = s->buf, *end = s->buf + s->len; p < end;) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			size_t *nl = realloc(s->line_start, cap * sizeof *nl);
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
	if (!s->failed)
		index_lines(s);
}

/* The entry of path, read on first use; NULL when memory ran out. */
static const src_file *src_get(tc_srcindex *ix, const char *path)
{
	if (ix->nslot)
		for (size_t h = path_hash(path) & (ix->nslot - 1); ix->slot[h];
		     h = (h + 1) & (ix->nslot - 1))
			if (strcmp(ix->v[ix->slot[h] - 1].path, path) == 0)
				return &ix->v[ix->slot[h] - 1];
	if (ix->n == ix->cap) {
		size_t cap = ix->cap ? 2 * ix->cap : 16;
		src_file *q = realloc(ix->v, cap * sizeof *ix->v);
		if (!q)
			return NULL;
		ix->v = q;
		ix->cap = cap;
	}
	src_file *s = &ix->v[ix->n];
	memset(s, 0, sizeof *s);
	s->path = strdup(path);
	if (!s->path || !index_add(ix, ix->n)) {
		free(s->path);
		return NULL;
	}
	ix->n++;
	src_read(s);
	return s;
}

int tc_srcindex_line(tc_srcindex *ix, const char *path, unsigned line, char *buf, size_t n)
{
	const src_file *s = src_get(ix, path);
	if (!s || s->failed || !s->buf || line == 0 || line > s->nlines)
		return TC_ENOTFOUND;
	const char *p = s->buf + s->line_start[line - 1], *end = s->buf + s->len;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
	if (len && p[len - 1] == '\r')
		len--;
	tc_mask_secrets(buf, n, p, len);
	return 0;
}
