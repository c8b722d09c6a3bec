/* arena.c: bump allocator that owns all model memory (see BIRD lib/mempool.c).
 *
 * Blocks are chained; allocations never move; everything is released at
 * once by tc_arena_free(). Out-of-memory aborts: it is a system failure, not
 * an input error, and every caller would have to do the same. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TC_ARENA_BLOCK (64 * 1024)

struct block {
	struct block *next;
	size_t size; /* usable bytes in data */
	size_t used;
	max_align_t data[];
};

struct tc_arena {
	struct block *head; /* current block, newest first */
};

static struct block *block_new(size_t size)
{
	struct block *b = malloc(sizeof *b + size);
	if (!b) {
		fputs("tunnelcast: out of memory\n", stderr);
		abort();
	}
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

tc_arena *tc_arena_new(void)
{
	tc_arena *a = malloc(sizeof *a);
	if (!a)
		return NULL;
	a->head = block_new(TC_ARENA_BLOCK);
	return a;
}

void tc_arena_free(tc_arena *a)
{
	if (!a)
		return;
	struct block *b = a->head;
	while (b) {
		struct block *n = b->next;
		free(b);
		b = n;
	}
	free(a);
}

void tc_arena_adopt(tc_arena *a, tc_arena *from)
{
	if (!from)
		return;
	/* from's blocks go behind a's current block, which stays the one that
	 * serves allocations; a's oldest block stays last (tc_arena_reset) */
	struct block *last = from->head;
	while (last->next)
		last = last->next;
	last->next = a->head->next;
	a->head->next = from->head;
	free(from);
}

void tc_arena_reset(tc_arena *a)
{
	struct block *b = a->head;
	/* keep the oldest block (the last in the chain) */
	while (b->next) {
		struct block *n = b->next;
		free(b);
		b = n;
	}
	b->used = 0;
	a->head = b;
}

void *tc_arena_alloc(tc_arena *a, size_t size)
{
	const size_t align = sizeof(max_align_t);
	size = (size + align - 1) / align * align;
	if (size == 0)
		size = align;
	struct block *b = a->head;
	if (b->size - b->used < size) {
		struct block *nb = block_new(size > TC_ARENA_BLOCK ? size : TC_ARENA_BLOCK);
		nb->next = b;
		a->head = nb;
		b = nb;
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

char *tc_arena_strndup(tc_arena *a, const char *s, size_t len)
{
	char *p = tc_arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *tc_arena_strdup(tc_arena *a, const char *s)
{
	return s ? tc_arena_strndup(a, s, strlen(s)) : NULL;
}

/* One formatting pass in the common case: straight into the free end of the
 * current block, kept when it fits (the predictor formats every trace
 * event's text); measured and formatted again into new memory otherwise. */
char *tc_arena_vprintf(tc_arena *a, const char *fmt, va_list ap)
{
	const size_t align = sizeof(max_align_t);
	struct block *b = a->head;
	size_t room = b->size - b->used; /* a multiple of align: so are sizes and uses */
	char *p = (char *)b->data + b->used;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(p, room, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return tc_arena_strdup(a, "");
	if ((size_t)n < room) {
		b->used += ((size_t)n + 1 + align - 1) / align * align;
		return p;
	}
	p = tc_arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *tc_arena_printf(tc_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = tc_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
