/* arena.c: bump allocator that owns all model memory (see BIRD lib/mempool.c).
 *
 * Blocks are chained; allocations never move; everything is released at
 * once by tc_arena_free(). Out-of-memory aborts: it is a system failure, not
 * an input error, and every caller would have to do the same.
 *
 * Packing: objects are aligned to _Alignof(max_align_t) (16 bytes on x86-64,
 * where sizeof(max_align_t), which rounding used before, is 32); strings are
 * not aligned at all, so a three-byte route code takes four bytes, not 32. An
 * object too large to leave the current block much use gets a block of its
 * own behind the current one, which keeps serving the small allocations. */
#include "kit.h"
#include "model.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TC_ARENA_BLOCK (64 * 1024)
#define TC_ARENA_LARGE (TC_ARENA_BLOCK / 4) /* from this size: a block of its own */
#define ALIGN alignof(max_align_t)

struct block {
	struct block *next;
	size_t size; /* usable bytes in data */
	size_t used; /* bytes of data handed out (strings leave it unaligned) */
	max_align_t data[];
};

struct tc_arena {
	struct block *head; /* current block, newest first */
};

static struct block *block_new(size_t size)
{
	struct block *b = tc_xmalloc(sizeof *b + size);
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
	 * serves allocations */
	struct block *last = from->head;
	while (last->next)
		last = last->next;
	last->next = a->head->next;
	a->head->next = from->head;
	free(from);
}

void tc_arena_reset(tc_arena *a)
{
	/* keep the oldest block of the standard size (there is always one: the
	 * first, made by tc_arena_new), not a large object's */
	struct block *keep = NULL;
	for (struct block *b = a->head; b; b = b->next)
		if (b->size == TC_ARENA_BLOCK)
			keep = b;
	for (struct block *b = a->head, *n; b; b = n) {
		n = b->next;
		if (b != keep)
			free(b);
	}
	keep->next = NULL;
	keep->used = 0;
	a->head = keep;
}

/* size bytes at an offset that is a multiple of align (1 or ALIGN). */
static void *take(tc_arena *a, size_t size, size_t align)
{
	struct block *b = a->head;
	size_t at = (b->used + align - 1) / align * align;
	if (at > b->size || b->size - at < size) {
		if (size >= TC_ARENA_LARGE) {
			/* its own block, behind the current one */
			struct block *nb = block_new(size);
			nb->used = size;
			nb->next = b->next;
			b->next = nb;
			return nb->data;
		}
		b = block_new(TC_ARENA_BLOCK);
		b->next = a->head;
		a->head = b;
		at = 0;
	}
	b->used = at + size;
	return (char *)b->data + at;
}

void *tc_arena_alloc(tc_arena *a, size_t size)
{
	void *p = take(a, size ? size : 1, ALIGN);
	memset(p, 0, size);
	return p;
}

void *tc_arena_alloc_cb(void *arena, size_t size)
{
	return tc_arena_alloc(arena, size);
}

char *tc_arena_strndup(tc_arena *a, const char *s, size_t len)
{
	char *p = take(a, len + 1, 1);
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
	struct block *b = a->head;
	size_t room = b->size - b->used;
	char *p = (char *)b->data + b->used;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(p, room, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return tc_arena_strdup(a, "");
	if ((size_t)n < room) {
		b->used += (size_t)n + 1;
		return p;
	}
	p = take(a, (size_t)n + 1, 1);
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
