/* kit.c: the out-of-the-line parts of kit.h: allocation that aborts, growth, parallel loops. */
#include "kit.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

_Noreturn void tc_oom(void)
{
	fputs("tunnelcast: out of memory\n", stderr);
	fflush(stderr); /* the CLI buffers stderr, and abort() flushes nothing */
	abort();
}

void *tc_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		tc_oom();
	return p;
}

void *tc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n && size ? n : 1, n && size ? size : 1);
	if (!p)
		tc_oom();
	return p;
}

void *tc_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	if (!q)
		tc_oom();
	return q;
}

void *tc_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		tc_oom();
	return tc_xrealloc(p, n * size);
}

char *tc_xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;
	return memcpy(tc_xmalloc(len), s, len);
}

/* Called through a volatile pointer: GCC turns malloc + memset into calloc,
 * which is what tc_xzalloc() must not be (see kit.h). */
static void *(*const volatile write_zeros)(void *, int, size_t) = memset;

void *tc_xzalloc(size_t n, size_t size)
{
	void *p = tc_xreallocarray(NULL, n, size);
	write_zeros(p, 0, n * size);
	return p;
}

void *tc_hash_buckets_(tc_alloc_fn *alloc, void *ctx, unsigned order)
{
	size_t n = (size_t)1 << order;
	if (alloc)
		return alloc(ctx, n * sizeof(void *));
	return tc_xcalloc(n, sizeof(void *));
}

void *tc_grow_(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 16;
	while (c < need)
		c *= 2;
	*cap = c;
	return tc_xreallocarray(p, c, size);
}

/* ---- parallel loops ---------------------------------------------------------- */

typedef struct par_worker {
	pthread_t tid;
	bool started;
	unsigned w;
	tc_par_worker_fn *fn;
	void *payload;
} par_worker;

static void *par_thread(void *arg)
{
	par_worker *pw = arg;
	pw->fn(pw->payload, pw->w);
	return NULL;
}

void tc_par_run(unsigned jobs, tc_par_worker_fn *fn, void *payload)
{
	if (jobs < 2) {
		fn(payload, 0);
		return;
	}
	par_worker *pw = tc_xcalloc(jobs, sizeof *pw);
	for (unsigned w = 1; w < jobs; w++) {
		pw[w] = (par_worker){.w = w, .fn = fn, .payload = payload};
		pw[w].started = pthread_create(&pw[w].tid, NULL, par_thread, &pw[w]) == 0;
	}
	fn(payload, 0);
	for (unsigned w = 1; w < jobs; w++)
		if (pw[w].started)
			pthread_join(pw[w].tid, NULL);
		else
			fn(payload, w); /* no thread for it: here */
	free(pw);
}

typedef struct par_items {
	atomic_size_t next; /* the first item nobody has taken */
	size_t n, chunk;
	tc_par_item_fn *fn;
	void *payload;
} par_items;

static void par_items_worker(void *arg, unsigned w)
{
	par_items *q = arg;
	for (;;) {
		size_t lo = atomic_fetch_add(&q->next, q->chunk);
		if (lo >= q->n)
			return;
		size_t hi = q->n - lo < q->chunk ? q->n : lo + q->chunk;
		for (size_t i = lo; i < hi; i++)
			q->fn(q->payload, w, i);
	}
}

void tc_par_for(unsigned jobs, size_t n, size_t chunk, tc_par_item_fn *fn, void *payload)
{
	if (!chunk)
		chunk = 1;
	size_t chunks = n / chunk + (n % chunk != 0);
	if (jobs > chunks)
		jobs = chunks ? (unsigned)chunks : 1;
	par_items q = {.n = n, .chunk = chunk, .fn = fn, .payload = payload};
	atomic_init(&q.next, 0);
	tc_par_run(jobs, par_items_worker, &q);
}
