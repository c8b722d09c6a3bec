/* textpool.c: memory helpers, the predictor's text formatter and the texts and arrays it keeps in
 * the prediction, interned. */
#include "predict_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the part ------------------------------------------------------------------- */

/* Texts go into out (the prediction's arena); pieces into a scratch arena of its own. */
void textpool_init(struct textpool *tp, tc_arena *out)
{
	*tp = (struct textpool){.out = out, .tmp = tc_arena_new()};
	if (!tp->tmp)
		abort();
}

/* A thread's copy: arenas and tables of its own; the caller adopts out afterwards. */
void textpool_fork(struct textpool *tp)
{
	textpool_init(tp, tc_arena_new());
	if (!tp->out)
		abort();
}

/* Free the scratch arena and the tables, not out (the prediction's, or adopted by it). */
void textpool_free(struct textpool *tp)
{
	tc_arena_free(tp->tmp);
	free(tp->texts.v);
	free(tp->texts.hv);
	free(tp->traces.v);
	free(tp->paths.v);
	*tp = (struct textpool){0};
}

/* t[0..n) in s->tx.out, shared with an identical earlier text. The table
 * keeps each text's hash beside it: a probe compares texts only when the
 * hashes agree, and growing rehashes without reading them (at a million
 * texts the texts and the table are far larger than the caches). Not a kit
 * table: as a TC_HASH_DEFINE table (an element of text, next and hash per
 * text, in out, and a bucket array) it cost as many instructions but peak RSS
 * 37.6 -> 39.2 MB on predict -f json of tcgen's base snapshot, 38.0 -> 40.2 MB
 * on lint. */
const char *sim_intern(sim *s, const char *t, size_t n)
{
	struct intern *in = &s->tx.texts;
	if ((in->n + 1) * 4 > in->size * 3) {
		size_t size = in->size ? in->size * 2 : 4096;
		const char **v = tc_xzalloc(size, sizeof *v);
		uint32_t *hv = tc_xzalloc(size, sizeof *hv);
		for (size_t i = 0; i < in->size; i++)
			if (in->v[i]) {
				size_t h = in->hv[i] & (size - 1);
				while (v[h])
					h = (h + 1) & (size - 1);
				v[h] = in->v[i];
				hv[h] = in->hv[i];
			}
		free(in->v);
		free(in->hv);
		in->v = v;
		in->hv = hv;
		in->size = size;
	}
	uint64_t full = tc_hash_bytes(t, n);
	uint32_t key = (uint32_t)(full >> 32) ^ (uint32_t)full;
	size_t h = key & (in->size - 1);
	for (; in->v[h]; h = (h + 1) & (in->size - 1))
		if (in->hv[h] == key && strncmp(in->v[h], t, n) == 0 && in->v[h][n] == '\0')
			return in->v[h];
	in->n++;
	in->hv[h] = key;
	return in->v[h] = tc_arena_strndup(s->tx.out, t, n);
}

/* Append text to *buf (a heap buffer once it outgrows the caller's stack one). */
struct textbuf {
	char *p;
	size_t n, cap;
	bool heap;
};

static void tb_put(struct textbuf *b, const char *t, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *q = tc_xrealloc(b->heap ? b->p : NULL, cap);
		if (!b->heap)
			memcpy(q, b->p, b->n);
		b->p = q;
		b->cap = cap;
		b->heap = true;
	}
	memcpy(b->p + b->n, t, n);
	b->n += n;
}

static size_t tb_len(struct textbuf *b)
{
	return b->n;
}

/* printf of %s, %u and %d into b (as glibc's: "(null)" for a NULL string). */
static void tb_vprintf(struct textbuf *b, const char *fmt, va_list ap)
{
	for (const char *f = fmt; *f;) {
		const char *pct = strchr(f, '%');
		if (!pct) {
			tb_put(b, f, strlen(f));
			break;
		}
		tb_put(b, f, (size_t)(pct - f));
		char num[16];
		char *e = num + sizeof num, *q = e;
		switch (pct[1]) {
		case 's': {
			const char *t = va_arg(ap, const char *);
			t = t ? t : "(null)";
			tb_put(b, t, strlen(t));
			break;
		}
		case 'u':
		case 'd': {
			long long v =
				pct[1] == 'u' ? (long long)va_arg(ap, unsigned) : va_arg(ap, int);
			unsigned long long u =
				v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
			do
				*--q = (char)('0' + u % 10);
			while (u /= 10);
			if (v < 0)
				*--q = '-';
			tb_put(b, q, (size_t)(e - q));
			break;
		}
		case '%':
			tb_put(b, "%", 1);
			break;
		default: /* not used in this file */
			abort();
		}
		f = pct + 2;
	}
}

const char *sim_vtext(sim *s, bool shared, const char *fmt, va_list ap)
{
	char stack[512];
	struct textbuf b = {stack, 0, sizeof stack, false};
	tb_vprintf(&b, fmt, ap);
	const char *t = shared ? sim_intern(s, b.p, tb_len(&b))
			       : tc_arena_strndup(s->tx.tmp, b.p, tb_len(&b));
	if (b.heap)
		free(b.p);
	return t;
}

const char *sim_textf(sim *s, bool shared, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *t = sim_vtext(s, shared, fmt, ap);
	va_end(ap);
	return t;
}

const char *sim_peer_label(sim *s, uint32_t addr)
{
	char ip[TC_IP_STRLEN];
	tc_ip_format(ip, sizeof ip, addr);
	bool down;
	const tc_device *d = sim_holder(s, addr, NULL, &down);
	return d ? piece(s, "%s (%s)", ip, d->hostname) : tc_arena_strdup(s->tx.tmp, ip);
}

const char *sim_pfx(sim *s, tc_prefix p)
{
	return tc_arena_prefix(s->tx.tmp, p);
}

const char *sim_ipstr(sim *s, uint32_t ip)
{
	return tc_arena_ip(s->tx.tmp, ip);
}

/* v[0..bytes) (whole 32-bit words) kept in the prediction: the array of an
 * earlier call with the same bytes, else a copy in out. */
const void *sim_share(sim *s, struct share_tab *tt, const void *v, size_t bytes)
{
	uint64_t h = tc_hash_bytes(v, bytes);
	if (2 * (tt->n + 1) > tt->size) {
		size_t size = tt->size ? 2 * tt->size : 1024;
		struct shared *nv = tc_xzalloc(size, sizeof *nv);
		for (size_t i = 0; i < tt->size; i++)
			if (tt->v[i].v) {
				size_t k = tt->v[i].h & (size - 1);
				while (nv[k].v)
					k = (k + 1) & (size - 1);
				nv[k] = tt->v[i];
			}
		free(tt->v);
		tt->v = nv;
		tt->size = size;
	}
	size_t k = h & (tt->size - 1);
	for (; tt->v[k].v; k = (k + 1) & (tt->size - 1)) {
		const struct shared *st = &tt->v[k];
		if (st->h == h && st->bytes == bytes && memcmp(st->v, v, bytes) == 0)
			return st->v;
	}
	void *copy = tc_arena_alloc(s->tx.out, bytes ? bytes : 4);
	memcpy(copy, v, bytes);
	tt->v[k] = (struct shared){h, copy, bytes};
	tt->n++;
	return copy;
}

/* The references ev[0..n) kept in the prediction, shared with an earlier
 * trace with the same ones (the traces of a domain's two ends, of the ACL
 * lines of one conversation...). */
const uint32_t *sim_share_refs(sim *s, const uint32_t *ev, size_t n)
{
	return sim_share(s, &s->tx.traces, ev, n * sizeof *ev);
}
