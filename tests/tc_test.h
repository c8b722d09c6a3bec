/* tc_test.h: helpers the cmocka tests share (include after cmocka.h, model.h
 * and parser.h). Static, so each test program has its own copy and uses what it needs. */
#ifndef TC_TEST_H
#define TC_TEST_H

#define TC_TEST_UNUSED __attribute__((unused))

/* text parsed as one config of dialect (TC_DIALECT_UNKNOWN: detected), which must succeed */
static TC_TEST_UNUSED tc_device *parse_as(tc_model *m, const char *text, tc_dialect dialect)
{
	tc_parse_opts opts = {.dialect = dialect};
	tc_device *d = NULL;
	assert_int_equal(tc_parse_config(&d, m, "t.cfg", text, strlen(text), &opts), 0);
	assert_non_null(d);
	return d;
}

/* How many diagnostics of m have this code; the first of them. */
static TC_TEST_UNUSED unsigned count_code(const tc_model *m, const char *code)
{
	unsigned n = 0;
	for (const tc_diag *g = m->diags; g; g = g->next)
		n += strcmp(g->code, code) == 0;
	return n;
}

static TC_TEST_UNUSED const tc_diag *find_code(const tc_model *m, const char *code)
{
	for (const tc_diag *g = m->diags; g; g = g->next)
		if (strcmp(g->code, code) == 0)
			return g;
	return NULL;
}

static TC_TEST_UNUSED uint32_t ip(const char *s)
{
	uint32_t v = 0;
	assert_int_equal(tc_ip_parse(&v, s, strlen(s)), 0);
	return v;
}

static TC_TEST_UNUSED tc_prefix pfx(const char *s)
{
	tc_prefix p = {0};
	assert_int_equal(tc_prefix_parse(&p, s, strlen(s)), 0);
	return p;
}

/* A device of m read from file, named host. */
static TC_TEST_UNUSED tc_device *add_device(tc_model *m, const char *file, tc_dialect dialect,
					    const char *host)
{
	tc_device *d = tc_device_add(m, file, dialect);
	d->hostname = tc_arena_strdup(m->arena, host);
	return d;
}

static TC_TEST_UNUSED void assert_prefix(tc_prefix p, const char *want)
{
	char buf[TC_PREFIX_STRLEN];
	assert_string_equal(tc_prefix_format(buf, sizeof buf, p), want);
}

#endif
