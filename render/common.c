/* common.c: ordering and naming helpers shared by every renderer. */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

static int cmp_str_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_uint(unsigned a, unsigned b)
{
	return (a > b) - (a < b);
}

static int cmp_domain(const void *a, const void *b)
{
	const tc_domain *x = *(const tc_domain *const *)a, *y = *(const tc_domain *const *)b;
	int c = cmp_str_null(x->device ? x->device->hostname : NULL,
			     y->device ? y->device->hostname : NULL);
	if (c)
		return c;
	c = cmp_str_null(x->entry ? x->entry->map : NULL, y->entry ? y->entry->map : NULL);
	if (c)
		return c;
	c = cmp_uint(x->entry ? x->entry->seq : 0, y->entry ? y->entry->seq : 0);
	if (c)
		return c;
	c = cmp_uint(x->ace_index, y->ace_index);
	if (c)
		return c;
	c = tc_prefix_cmp(x->local, y->local);
	if (c)
		return c;
	c = tc_prefix_cmp(x->remote, y->remote);
	if (c)
		return c;
	/* both point into p->domains: position keeps qsort deterministic */
	return (x > y) - (x < y);
}

int tc_render_domains(const tc_domain ***out, const tc_prediction *p)
{
	*out = NULL;
	if (!p || p->ndomains == 0)
		return 0;
	const tc_domain **v = malloc(p->ndomains * sizeof *v);
	if (!v)
		return TC_ENOMEM;
	for (size_t i = 0; i < p->ndomains; i++)
		v[i] = &p->domains[i];
	qsort(v, p->ndomains, sizeof *v, cmp_domain);
	*out = v;
	return 0;
}

const char *tc_render_sev_name(tc_severity s)
{
	switch (s) {
	case TC_SEV_ERROR:
		return "error";
	case TC_SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

size_t tc_render_ndiags(const tc_model *m)
{
	return m->ndiags[TC_SEV_NOTE] + m->ndiags[TC_SEV_WARNING] + m->ndiags[TC_SEV_ERROR];
}

void tc_render_puts(FILE *out, const char *s, bool keep_tabs)
{
	if (!s)
		return;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\t')
			putc(keep_tabs ? '\t' : ' ', out);
		else if (c < 0x20 || c == 0x7f)
			putc('?', out);
		else
			putc(c, out);
	}
}
