/* diagcap.c: the cap on stored diagnostics, per file and code, and the count of the rest.
 *
 * A hostile config of 10 MB of junk made a diagnostic per line (~170 bytes
 * each, kept even with -q: 844 MB). tc_model_diag() keeps the first
 * m->max_diags of each (file, code) and only counts the others, so memory
 * follows the kinds of trouble, not the size of the input; each such kind
 * keeps a tc_diag_more record that the renderers print as one summary line
 * and JSON carries as a count, so nothing vanishes silently.
 *
 * While parsing, one model per file counts its own (tc_model_adopt() adds
 * the counts up). Finalizing runs per device, on threads with stand-in
 * models, so there the cap is lifted and tc_model_diag_finish() applies it
 * once to the sorted list: the same diagnostics are kept with any -j. */
#include "model.h"
#include "model_int.h"

#include <string.h>

typedef struct more_key {
	const char *file; /* NULL: model-wide */
	const char *code;
} more_key;

static uint64_t more_hash(more_key k)
{
	return (k.file ? tc_hash_str(k.file) : 0) ^ tc_hash_u64(tc_hash_str(k.code));
}

static bool str_eq_null(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

#define MORE_KEY(n) ((more_key){(n)->file, (n)->code})
#define MORE_NEXT(n) ((n)->hnext)
#define MORE_EQ(a, b) (str_eq_null((a).file, (b).file) && strcmp((a).code, (b).code) == 0)
#define MORE_FN(k) more_hash(k)
TC_HASH_DEFINE(more_tab, tc_diag_more, more_key, MORE)

struct tc_diag_tab {
	more_tab t;
};

/* The record of (file, code) in m, made on first sight with severity sev. */
static tc_diag_more *more_get(tc_model *m, const char *file, const char *code, tc_severity sev)
{
	if (!m->diagtab) {
		m->diagtab = tc_arena_alloc(m->arena, sizeof *m->diagtab);
		more_tab_init(&m->diagtab->t, 0, tc_arena_alloc_cb, m->arena);
	}
	tc_diag_more *n = more_tab_find(&m->diagtab->t, (more_key){file, code});
	if (!n) {
		n = tc_arena_alloc(m->arena, sizeof *n);
		n->file = file ? tc_arena_strdup(m->arena, file) : NULL;
		n->code = tc_arena_strdup(m->arena, code);
		n->sev = sev;
		more_tab_insert(&m->diagtab->t, n);
	}
	return n;
}

bool tc_diag_admit(tc_model *m, const char *file, const char *code, tc_severity sev)
{
	if (!m->max_diags)
		return true;
	tc_diag_more *n = more_get(m, file, code, sev);
	if (n->kept < m->max_diags) {
		n->kept++;
		return true;
	}
	n->more++;
	m->nsuppressed++;
	return false;
}

void tc_diag_adopt(tc_model *m, const tc_model *part)
{
	const tc_diag_more *n;
	if (!part->diagtab)
		return;
	TC_HASH_WALK(part->diagtab->t, MORE, n)
	{
		tc_diag_more *x = more_get(m, n->file, n->code, n->sev);
		x->kept += n->kept;
		x->more += n->more;
	}
	m->nsuppressed += part->nsuppressed;
}

static int cmp_more(const void *a, const void *b)
{
	const tc_diag_more *x = *(const tc_diag_more *const *)a,
			   *y = *(const tc_diag_more *const *)b;
	if (!str_eq_null(x->file, y->file))
		return !x->file ? -1 : !y->file ? 1 : strcmp(x->file, y->file);
	return strcmp(x->code, y->code);
}

void tc_model_diag_finish(tc_model *m)
{
	tc_diag_more *n;
	if (!m->max_diags || !m->diags)
		return;
	if (m->diagtab)
		TC_HASH_WALK(m->diagtab->t, MORE, n)
		{
			n->kept = 0;
		}
	tc_diag **at = &m->diags;
	m->diags_tail = NULL;
	for (tc_diag *d = m->diags; d; d = *at) {
		tc_diag_more *x = more_get(m, d->file, d->code, d->sev);
		if (x->kept < m->max_diags) {
			x->kept++;
			m->diags_tail = d;
			at = &d->next;
			continue;
		}
		*at = d->next; /* left in the arena */
		x->more++;
		m->nsuppressed++;
	}
	size_t k = 0;
	TC_HASH_WALK(m->diagtab->t, MORE, n)
	{
		k += n->more > 0;
	}
	tc_diag_more **v = tc_xmalloc((k + 1) * sizeof *v);
	k = 0;
	TC_HASH_WALK(m->diagtab->t, MORE, n)
	{
		if (n->more)
			v[k++] = n;
	}
	qsort(v, k, sizeof *v, cmp_more);
	m->diag_more = k ? v[0] : NULL;
	for (size_t i = 0; i < k; i++)
		v[i]->next = i + 1 < k ? v[i + 1] : NULL;
	free(v);
}
