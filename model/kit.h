/* kit.h: the project's one hash function, typed hash table, growable array,
 * out-of-memory policy and parallel loop, for every module (libc and pthreads only).
 *
 * Out of memory: running out is a system failure, not an input error, and
 * every caller would do the same, so tc_x*() print "tunnelcast: out of
 * memory" on stderr and abort(). They never return NULL: no `if (!p)` after
 * them. Library code that must report the failure instead keeps plain malloc.
 *
 * Hash table (after BIRD's lib/hash.h): chained through a `next` field of the
 * element itself, so inserting allocates nothing but the bucket array, which
 * doubles when the table holds as many elements as buckets. A table is
 * described by four macros sharing a prefix ID:
 *
 *	#define IFACE_KEY(n)     ((n)->name)          the key of element n
 *	#define IFACE_NEXT(n)    ((n)->hnext)         the chain field (an lvalue)
 *	#define IFACE_EQ(a, b)   (strcmp(a, b) == 0)  two keys are equal
 *	#define IFACE_FN(k)      tc_hash_str(k)       the 64-bit hash of a key
 *	TC_HASH_DEFINE(iface_tab, tc_iface, const char *, IFACE)
 *
 * which defines the type iface_tab and iface_tab_init/_find/_insert/_remove/
 * _free (static inline). Elements of one key are found latest inserted first,
 * and growing keeps that order: lookups are deterministic. The order of
 * TC_HASH_WALK follows the hash values; sort before anything reaches output.
 */
#ifndef TC_KIT_H
#define TC_KIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- out of memory ----------------------------------------------------------- */

/* Print "tunnelcast: out of memory" and abort(). */
_Noreturn void tc_oom(void);
/* malloc/calloc/realloc/strdup that never return NULL (see above); free() the
 * result. A size of 0 allocates one byte. tc_xcalloc and tc_xreallocarray
 * check n * size for overflow. */
void *tc_xmalloc(size_t size);
void *tc_xcalloc(size_t n, size_t size);
void *tc_xrealloc(void *p, size_t size);
void *tc_xreallocarray(void *p, size_t n, size_t size);
char *tc_xstrdup(const char *s);
/* tc_xcalloc() with the zeros written, for tables that are probed before
 * they are written, by several threads: glibc's calloc leaves fresh pages
 * untouched, so the first read maps the shared zero page and the first
 * write copies it, and with a second thread each copy flushes the other
 * CPU's TLB (an IPI per page). Written zeros fault each page in once,
 * writable. Free with free(). */
void *tc_xzalloc(size_t n, size_t size);

/* ---- hashing ----------------------------------------------------------------- */

/* A 64-bit key mixed so that every bit of it reaches every bit of the hash
 * (splitmix64's finalizer): keys that differ only in high bits, like
 * addresses of one subnet shifted into a wider key, spread over the table. */
static inline uint64_t tc_hash_u64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* len bytes at p, eight at a time (the length seeds it, so "a" and "a\0"
 * differ): a multiply and a shift per word, tc_hash_u64 once at the end,
 * where every bit reaches every other. The value depends on the host's byte
 * order: use it for lookups, never for output. */
static inline uint64_t tc_hash_bytes(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = len * 0x9e3779b97f4a7c15ull, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 29;
	}
	for (w = 0; len; len--) /* s may be NULL when len is 0 */
		w = w << 8 | s[len - 1];
	return tc_hash_u64(h ^ w);
}

static inline uint64_t tc_hash_str(const char *s)
{
	return tc_hash_bytes(s, strlen(s));
}

/* ---- typed hash table -------------------------------------------------------- */

/* Where a table's bucket arrays come from: zeroed memory of size bytes owned
 * by ctx (an arena), never freed by the table. NULL: tc_xcalloc/free. */
typedef void *tc_alloc_fn(void *ctx, size_t size);

#define TC_HASH_MIN_ORDER 4 /* 16 buckets at first */

void *tc_hash_buckets_(tc_alloc_fn *alloc, void *ctx, unsigned order);

/* The table type `name` and its functions, for elements of `type` keyed by
 * `key_t`, described by ID_KEY/ID_NEXT/ID_EQ/ID_FN (see the top of this file).
 * A zeroed table is an empty one that allocates with tc_xcalloc.
 *   name_init(t, order, alloc, ctx)  empty, 2^order buckets (at least 16) from alloc
 *   name_find(t, key)                the latest inserted element of key, or NULL
 *   name_insert(t, n)                add n (keys may repeat)
 *   name_remove(t, n)                unlink n; false when it was not there
 *   name_free(t)                     the buckets (not the elements), when from tc_xcalloc
 * Growing splits bucket i into 2i and 2i + 1 (the next bit of the hash),
 * each in the order it had: equal keys stay latest first. */
#define TC_HASH_DEFINE(name, type, key_t, id)                                                      \
	typedef struct name {                                                                      \
		type **data;  /* 2^order chains; NULL until the first insert */                    \
		size_t count; /* elements held */                                                  \
		unsigned order;                                                                    \
		tc_alloc_fn *alloc; /* NULL: tc_xcalloc/free */                                    \
		void *ctx;                                                                         \
	} name;                                                                                    \
	static inline size_t name##_slot_(unsigned order, key_t k)                                 \
	{                                                                                          \
		return (size_t)((uint64_t)(id##_FN(k)) >> (64 - order));                           \
	}                                                                                          \
	/* the parameters end in _ not to shadow a file's own names (ctx...) */                    \
	static inline void name##_init(name *t, unsigned order_, tc_alloc_fn *alloc_, void *ctx_)  \
	{                                                                                          \
		*t = (name){.order = order_ < TC_HASH_MIN_ORDER ? TC_HASH_MIN_ORDER : order_,      \
			    .alloc = alloc_,                                                       \
			    .ctx = ctx_};                                                          \
		t->data = tc_hash_buckets_(alloc_, ctx_, t->order);                                \
	}                                                                                          \
	static inline type *name##_find(const name *t, key_t k)                                    \
	{                                                                                          \
		if (!t->data)                                                                      \
			return NULL;                                                               \
		type *n = t->data[name##_slot_(t->order, k)];                                      \
		while (n && !(id##_EQ(id##_KEY(n), k)))                                            \
			n = id##_NEXT(n);                                                          \
		return n;                                                                          \
	}                                                                                          \
	static inline void name##_grow_(name *t)                                                   \
	{                                                                                          \
		type **old = t->data;                                                              \
		size_t size = (size_t)1 << t->order;                                               \
		t->data = tc_hash_buckets_(t->alloc, t->ctx, ++t->order);                          \
		for (size_t i = 0; i < size; i++) {                                                \
			type **tail[2] = {&t->data[2 * i], &t->data[2 * i + 1]};                   \
			for (type *n = old[i], *nx; n; n = nx) {                                   \
				nx = id##_NEXT(n);                                                 \
				type ***at = &tail[name##_slot_(t->order, id##_KEY(n)) & 1];       \
				**at = n;                                                          \
				*at = &id##_NEXT(n);                                               \
				id##_NEXT(n) = NULL;                                               \
			}                                                                          \
		}                                                                                  \
		if (!t->alloc)                                                                     \
			free(old);                                                                 \
	}                                                                                          \
	static inline void name##_insert(name *t, type *n)                                         \
	{                                                                                          \
		if (!t->data)                                                                      \
			name##_init(t, t->order, t->alloc, t->ctx);                                \
		else if (t->count >= (size_t)1 << t->order)                                        \
			name##_grow_(t);                                                           \
		type **b = &t->data[name##_slot_(t->order, id##_KEY(n))];                          \
		id##_NEXT(n) = *b;                                                                 \
		*b = n;                                                                            \
		t->count++;                                                                        \
	}                                                                                          \
	static inline bool name##_remove(name *t, type *n)                                         \
	{                                                                                          \
		if (!t->data)                                                                      \
			return false;                                                              \
		type **p = &t->data[name##_slot_(t->order, id##_KEY(n))];                          \
		while (*p && *p != n)                                                              \
			p = &id##_NEXT(*p);                                                        \
		if (!*p)                                                                           \
			return false;                                                              \
		*p = id##_NEXT(n);                                                                 \
		t->count--;                                                                        \
		return true;                                                                       \
	}                                                                                          \
	static inline void name##_free(name *t)                                                    \
	{                                                                                          \
		if (!t->alloc)                                                                     \
			free(t->data);                                                             \
		t->data = NULL;                                                                    \
		t->count = 0;                                                                      \
	}

/* Every element n (a `type *` the caller declares) of table t, bucket by
 * bucket: for (...) for (...) — `break` leaves only the current chain. */
#define TC_HASH_WALK(t, id, n)                                                                     \
	for (size_t tc_b_ = 0; (t).data && tc_b_ < ((size_t)1 << (t).order); tc_b_++)              \
		for ((n) = (t).data[tc_b_]; (n); (n) = id##_NEXT(n))

/* ---- index sets ------------------------------------------------------------- */

/* A set of indexes into an array the caller owns and may grow (indexes survive
 * a realloc, where TC_HASH_DEFINE's pointers would not): open addressing, one
 * uint32_t a slot (index + 1; 0 empty), linear probing, at most half full. For
 * sets of many small items whose table must stay as small as the items: no
 * chain field, no bucket array of pointers. Described like TC_HASH_DEFINE, but
 * the key is read through the array:
 *
 *	#define CONV_KEY(convs, i)  conv_key(&(convs)[i])   the key of item i
 *	#define CONV_EQ(a, b)       conv_key_eq(a, b)
 *	#define CONV_FN(k)          conv_key_hash(k)         64 bits
 *	TC_INDEX_DEFINE(conv_set, const conv *, conv_key, CONV)
 *
 *   name_init(t, order)      empty, 2^order slots (at least 16), zeros written (tc_xzalloc)
 *   name_slot(t, arr, key)   the slot holding key's index + 1, or the empty one where it goes
 *   name_added(t, arr)       after *slot = i + 1 on an empty slot: count it, and double
 *                            (rehashing through arr) once more than half full
 *   name_free(t)
 * Which slot holds an index depends on the hash: never let it reach output. */
#define TC_INDEX_DEFINE(name, arr_t, key_t, id)                                                    \
	typedef struct name {                                                                      \
		uint32_t *slot; /* 2^order */                                                      \
		size_t count;                                                                      \
		unsigned order;                                                                    \
	} name;                                                                                    \
	static inline void name##_init(name *t, unsigned order_)                                   \
	{                                                                                          \
		t->order = order_ < TC_HASH_MIN_ORDER ? TC_HASH_MIN_ORDER : order_;                \
		t->count = 0;                                                                      \
		t->slot = tc_xzalloc((size_t)1 << t->order, sizeof *t->slot);                      \
	}                                                                                          \
	static inline uint32_t *name##_slot(const name *t, arr_t arr_, key_t k)                    \
	{                                                                                          \
		size_t mask = ((size_t)1 << t->order) - 1;                                         \
		size_t h = (size_t)((uint64_t)(id##_FN(k)) >> (64 - t->order));                    \
		while (t->slot[h] && !(id##_EQ(id##_KEY(arr_, t->slot[h] - 1), k)))                \
			h = (h + 1) & mask;                                                        \
		return &t->slot[h];                                                                \
	}                                                                                          \
	static inline void name##_grow_(name *t, arr_t arr_)                                       \
	{                                                                                          \
		name old = *t;                                                                     \
		name##_init(t, old.order + 1);                                                     \
		size_t mask = ((size_t)1 << t->order) - 1;                                         \
		for (size_t i = 0; i <= (((size_t)1 << old.order) - 1); i++) {                     \
			if (!old.slot[i])                                                          \
				continue;                                                          \
			size_t h =                                                                 \
				(size_t)((uint64_t)(id##_FN(id##_KEY(arr_, old.slot[i] - 1))) >>   \
					 (64 - t->order));                                         \
			while (t->slot[h])                                                         \
				h = (h + 1) & mask;                                                \
			t->slot[h] = old.slot[i];                                                  \
		}                                                                                  \
		t->count = old.count;                                                              \
		free(old.slot);                                                                    \
	}                                                                                          \
	static inline void name##_added(name *t, arr_t arr_)                                       \
	{                                                                                          \
		if (2 * ++t->count > (size_t)1 << t->order)                                        \
			name##_grow_(t, arr_);                                                     \
	}                                                                                          \
	static inline void name##_free(name *t)                                                    \
	{                                                                                          \
		free(t->slot);                                                                     \
		t->slot = NULL;                                                                    \
		t->count = 0;                                                                      \
	}

/* ---- growable arrays --------------------------------------------------------- */

/* Room for `need` elements of `size` bytes at p whose capacity is *cap:
 * doubles (from 16) until it fits. Returns the array (tc_xrealloc'd). */
void *tc_grow_(void *p, size_t *cap, size_t need, size_t size);

/* Make arr (a pointer, its capacity the size_t lvalue cap) hold at least
 * `need` elements. For arrays kept as loose (arr, n, cap) fields. */
#define TC_GROW(arr, need, cap)                                                                    \
	do {                                                                                       \
		if ((size_t)(need) > (cap))                                                        \
			(arr) = tc_grow_((arr), &(cap), (need), sizeof *(arr));                    \
	} while (0)

/* A growable array of type: .v the elements, .n in use, .cap allocated.
 * A zeroed one is empty; TC_VEC_FREE releases it. */
#define TC_VEC(type)                                                                               \
	struct {                                                                                   \
		type *v;                                                                           \
		size_t n, cap;                                                                     \
	}
#define TC_VEC_LEN(vec) ((vec).n)
#define TC_VEC_RESERVE(vec, more) TC_GROW((vec).v, (vec).n + (more), (vec).cap)
#define TC_VEC_PUSH(vec, x)                                                                        \
	do {                                                                                       \
		TC_VEC_RESERVE(vec, 1);                                                            \
		(vec).v[(vec).n++] = (x);                                                          \
	} while (0)
#define TC_VEC_FREE(vec)                                                                           \
	do {                                                                                       \
		free((vec).v);                                                                     \
		(vec).v = NULL;                                                                    \
		(vec).n = (vec).cap = 0;                                                           \
	} while (0)

/* ---- parallel loops ---------------------------------------------------------- */

typedef void tc_par_worker_fn(void *payload, unsigned worker);
typedef void tc_par_item_fn(void *payload, unsigned worker, size_t item);

/* fn(payload, w) for every worker w in [0, jobs): worker 0 on this thread,
 * the others each on a thread of its own, all joined before it returns. A
 * worker whose thread cannot be started runs here after worker 0 (in worker
 * order), so every worker runs exactly once whatever the system allows. */
void tc_par_run(unsigned jobs, tc_par_worker_fn *fn, void *payload);

/* fn(payload, w, item) for every item in [0, n) exactly once, on up to jobs
 * workers (tc_par_run) that take `chunk` items at a time (0: 1) from a shared
 * counter, so uneven items even out. Which worker takes an item varies from
 * run to run: fn must write per item (or per worker, merged after). */
void tc_par_for(unsigned jobs, size_t n, size_t chunk, tc_par_item_fn *fn, void *payload);

#endif
