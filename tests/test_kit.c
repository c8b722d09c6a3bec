/* test_kit.c: the container kit: hash table, growable array, hashing and parallel loops. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "kit.h"

typedef struct node {
	unsigned key;
	unsigned tag; /* which insert of the key this is */
	struct node *next;
} node;

#define NODE_KEY(n) ((n)->key)
#define NODE_NEXT(n) ((n)->next)
#define NODE_EQ(a, b) ((a) == (b))
#define NODE_FN(k) tc_hash_u64(k)
TC_HASH_DEFINE(node_tab, node, unsigned, NODE)

/* Every key ever inserted is found, through growth from 16 buckets to 8 192. */
static void hash_finds_every_key_across_growth(void **state)
{
	(void)state;
	enum { N = 5000 };
	static node v[N];
	node_tab t = {0};
	for (unsigned i = 0; i < N; i++) {
		v[i] = (node){.key = i * 7919u};
		node_tab_insert(&t, &v[i]);
		assert_ptr_equal(node_tab_find(&t, i * 7919u), &v[i]);
	}
	assert_int_equal(t.count, N);
	assert_true(t.order > TC_HASH_MIN_ORDER);
	for (unsigned i = 0; i < N; i++)
		assert_ptr_equal(node_tab_find(&t, i * 7919u), &v[i]);
	assert_null(node_tab_find(&t, 1));
	size_t walked = 0;
	node *n;
	TC_HASH_WALK(t, NODE, n)
	{
		walked++;
	}
	assert_int_equal(walked, N);
	node_tab_free(&t);
	assert_null(node_tab_find(&t, 0));
}

/* Of one key, the latest insert is found first, also after the table grew;
 * removing it uncovers the one before. */
static void hash_keeps_latest_first_and_removes(void **state)
{
	(void)state;
	static node v[200];
	node_tab t;
	node_tab_init(&t, 0, NULL, NULL);
	for (unsigned i = 0; i < 200; i++) {
		v[i] = (node){.key = i % 3, .tag = i};
		node_tab_insert(&t, &v[i]);
	}
	assert_int_equal(node_tab_find(&t, 0)->tag, 198);
	assert_int_equal(node_tab_find(&t, 1)->tag, 199);
	assert_true(node_tab_remove(&t, &v[199]));
	assert_false(node_tab_remove(&t, &v[199]));
	assert_int_equal(node_tab_find(&t, 1)->tag, 196);
	assert_int_equal(t.count, 199);
	for (unsigned i = 0; i < 200; i += 3)
		assert_true(node_tab_remove(&t, &v[i]));
	assert_null(node_tab_find(&t, 0));
	node_tab_free(&t);
}

/* A bump allocator standing in for an arena: the table never frees its arrays. */
static unsigned char pool[1 << 16];
static size_t pool_used;

static void *pool_alloc(void *ctx, size_t size)
{
	(void)ctx;
	assert_true(pool_used + size <= sizeof pool);
	void *p = pool + pool_used;
	memset(p, 0, size);
	pool_used += size;
	return p;
}

static void hash_takes_buckets_from_a_given_allocator(void **state)
{
	(void)state;
	static node v[100];
	node_tab t;
	node_tab_init(&t, 4, pool_alloc, NULL);
	for (unsigned i = 0; i < 100; i++) {
		v[i] = (node){.key = i};
		node_tab_insert(&t, &v[i]);
	}
	assert_int_equal(pool_used, (16 + 32 + 64 + 128) * sizeof(void *));
	for (unsigned i = 0; i < 100; i++)
		assert_ptr_equal(node_tab_find(&t, i), &v[i]);
	node_tab_free(&t); /* frees nothing: the pool's */
}

/* An index set over an array that grows (realloc) as items are added: every
 * key is found at its index across growth from 16 slots, none twice. */
#define ITEM_KEY(arr, i) ((arr)[i])
#define ITEM_EQ(a, b) ((a) == (b))
#define ITEM_FN(k) tc_hash_u64(k)
TC_INDEX_DEFINE(item_set, const uint64_t *, uint64_t, ITEM)

static void index_set_finds_every_key_across_growth(void **state)
{
	(void)state;
	item_set t;
	item_set_init(&t, 0);
	uint64_t *v = NULL;
	size_t n = 0, cap = 0;
	for (uint64_t k = 0; k < 5000; k++) {
		uint64_t key = k * 7919 % 3001; /* every key of [0, 3001), then repeats */
		uint32_t *slot = item_set_slot(&t, v, key);
		if (*slot) {
			assert_true(k >= 3001);
			assert_int_equal(v[*slot - 1], key);
			continue;
		}
		TC_GROW(v, n + 1, cap);
		v[n++] = key;
		*slot = (uint32_t)n;
		item_set_added(&t, v);
	}
	assert_int_equal(n, 3001);
	assert_int_equal(t.count, 3001);
	assert_true(((size_t)1 << t.order) >= 2 * n); /* at most half full */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(*item_set_slot(&t, v, v[i]), i + 1);
	assert_int_equal(*item_set_slot(&t, v, 3001), 0);
	item_set_free(&t);
	free(v);
}

static void hash_of_bytes_sees_every_byte_and_the_length(void **state)
{
	(void)state;
	const char a[] = "GigabitEthernet0/0/1", b[] = "GigabitEthernet0/0/2";
	assert_int_not_equal(tc_hash_bytes(a, sizeof a - 1), tc_hash_bytes(b, sizeof b - 1));
	assert_int_not_equal(tc_hash_bytes("a", 1), tc_hash_bytes("a\0", 2));
	assert_int_equal(tc_hash_str(a), tc_hash_bytes(a, strlen(a)));
	assert_int_not_equal(tc_hash_u64(1), tc_hash_u64(1ull << 40));
}

static void vec_pushes_and_grows(void **state)
{
	(void)state;
	TC_VEC(unsigned) v = {0};
	for (unsigned i = 0; i < 1000; i++)
		TC_VEC_PUSH(v, i * 2);
	assert_int_equal(TC_VEC_LEN(v), 1000);
	assert_true(v.cap >= 1000);
	for (unsigned i = 0; i < 1000; i++)
		assert_int_equal(v.v[i], i * 2);
	TC_VEC_RESERVE(v, 5000);
	assert_true(v.cap >= 6000);
	assert_int_equal(v.v[999], 1998);
	TC_VEC_FREE(v);
	assert_null(v.v);
	assert_int_equal(TC_VEC_LEN(v), 0);
}

static void xalloc_returns_zeroed_and_copied_memory(void **state)
{
	(void)state;
	unsigned *z = tc_xzalloc(1000, sizeof *z);
	for (size_t i = 0; i < 1000; i++)
		assert_int_equal(z[i], 0);
	free(z);
	char *s = tc_xstrdup("crypto map");
	assert_string_equal(s, "crypto map");
	free(s);
	free(tc_xcalloc(0, 8)); /* a zero size is still an allocation */
}

typedef struct seen {
	atomic_uint count[1000];
	atomic_uint workers; /* bit w: worker w ran an item */
} seen;

static void count_item(void *payload, unsigned worker, size_t item)
{
	seen *s = payload;
	atomic_fetch_add(&s->count[item], 1);
	atomic_fetch_or(&s->workers, 1u << worker);
}

static void par_for_runs_every_item_once(void **state)
{
	(void)state;
	for (unsigned jobs = 1; jobs <= 2; jobs++)
		for (size_t chunk = 0; chunk <= 7; chunk += 7) {
			static seen s;
			memset(&s, 0, sizeof s);
			tc_par_for(jobs, 1000, chunk, count_item, &s);
			for (size_t i = 0; i < 1000; i++)
				assert_int_equal(s.count[i], 1);
			assert_true(atomic_load(&s.workers) < (1u << jobs));
		}
	seen none = {0};
	tc_par_for(2, 0, 4, count_item, &none);
	assert_int_equal(atomic_load(&none.workers), 0);
}

static void mark_worker(void *payload, unsigned worker)
{
	atomic_fetch_add(&((atomic_uint *)payload)[worker], 1);
}

/* pthread_create, wrapped (-Wl,--wrap): fails while threads_fail is set. */
static bool threads_fail;
static unsigned creates; /* calls of it (from this thread only) */
int __real_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg);

int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg)
{
	creates++;
	return threads_fail ? EAGAIN : __real_pthread_create(t, a, fn, arg);
}

static void par_run_runs_every_worker_once(void **state)
{
	(void)state;
	for (int fail = 0; fail < 2; fail++) {
		atomic_uint ran[3] = {0};
		threads_fail = fail; /* then every worker runs on this thread */
		creates = 0;
		tc_par_run(3, mark_worker, ran);
		threads_fail = false;
		assert_int_equal(creates, 2); /* the wrap is in place */
		for (unsigned w = 0; w < 3; w++)
			assert_int_equal(ran[w], 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hash_finds_every_key_across_growth),
		cmocka_unit_test(hash_keeps_latest_first_and_removes),
		cmocka_unit_test(hash_takes_buckets_from_a_given_allocator),
		cmocka_unit_test(index_set_finds_every_key_across_growth),
		cmocka_unit_test(hash_of_bytes_sees_every_byte_and_the_length),
		cmocka_unit_test(vec_pushes_and_grows),
		cmocka_unit_test(xalloc_returns_zeroed_and_copied_memory),
		cmocka_unit_test(par_for_runs_every_item_once),
		cmocka_unit_test(par_run_runs_every_worker_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
