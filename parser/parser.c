/* parser.c: the config parser's line loop, dispatch, diagnostics and secret masking.
 *
 * Design. A config is read line by line with a cursor (tc_line: the line's
 * slice, its number, its indentation and its words). A line's indentation
 * says which block it belongs to: blocks (interface, crypto map entry,
 * object-group, tunnel-group ...) are kept on a small stack with the
 * indentation of the line that opened them, and a line pops every block
 * opened at its own indentation or deeper. The line is then dispatched on
 * its first word into the command table of the innermost block, or of the
 * dialect's top level (tc_dialect_ops: ios.c, asa.c), and the longest
 * keyword match's handler runs. A table entry without a handler is valid
 * Cisco we do not model: the line and its sub-lines are skipped silently. A
 * line no table knows is an "unknown-line" warning, and its sub-lines are
 * skipped (and counted) with it. `no X` is accepted silently when X is a
 * known command of the same table (a line indented under a top-level one is
 * reported: `no` opens no block).
 *
 * A config may come as a CLI session or a `show running-config` capture:
 * a byte-order mark is skipped, a prompt ("R1(config-if)#") is cut off and
 * the command read in the prompt's mode, and the session's own lines (`end`,
 * `write memory`, "Building configuration...") are skipped. A second
 * `hostname` after config lines starts a second device of the same file.
 *
 * Handlers build the model through the builders of model.h; names that
 * refer to other objects (ACLs, transform sets) are resolved later by
 * tc_model_finalize(). Objects, object-groups and address aliases only
 * exist to expand ACL lines, so they live in a scratch arena that is reset
 * for every file. Diagnostics carry the line with secrets masked
 * (secrets.c); nothing in this module puts a key in a message. */
#include "parser_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---- tokens ---------------------------------------------------------------- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Bit k set when q[k] is not a blank, for k < n (n <= 16); q[0..16) may be
 * read when wide (it lies inside the buffer), else only q[0..n). */
static uint32_t nonblank_bits(const char *q, size_t n, bool wide)
{
	uint32_t m = 0;
#ifdef __SSE2__
	if (wide) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
		__m128i b = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
					 _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
		m = ~(uint32_t)_mm_movemask_epi8(b) & 0xffffu;
		return n >= 16 ? m : m & ((1u << n) - 1);
	}
#else
	(void)wide;
#endif
	for (size_t k = 0; k < n; k++)
		m |= (uint32_t)!is_blank(q[k]) << k;
	return m;
}

/* tc_line_split(), where the buffer holding the line ends at end: the words
 * are found 16 bytes at a time from a mask of the blanks. */
static void line_split(tc_line *ln, const char *p, size_t len, unsigned no, const char *end)
{
	while (len > 0 && (is_blank(p[len - 1]) || p[len - 1] == '\r'))
		len--;
	ln->p = p;
	ln->len = len;
	ln->no = no;
	ln->ntok = 0;
	ln->overflow = false;
	ln->indent = 0;
	size_t start = 0, ntok = 0;
	bool in = false; /* the byte before the chunk is part of a word */
	for (size_t c = 0; c < len; c += 16) {
		size_t n = len - c < 16 ? len - c : 16;
		uint32_t nb = nonblank_bits(p + c, n, (size_t)(end - (p + c)) >= 16);
		uint32_t prev = (nb << 1) | (uint32_t)in;
		/* a bit at each word's first byte and at the blank after each word */
		uint32_t edges = (nb ^ prev) & (n == 16 ? 0xffffu : (1u << n) - 1);
		while (edges) {
			size_t k = c + (size_t)__builtin_ctz(edges);
			edges &= edges - 1;
			if (!in) {
				if (ntok == TC_MAX_TOKS) {
					ln->overflow = true;
					goto out;
				}
				start = k;
				in = true;
			} else {
				ln->tok[ntok].p = p + start;
				ln->tok[ntok].len = k - start;
				ntok++;
				in = false;
			}
		}
		in = nb >> (n - 1) & 1;
	}
	if (in) { /* the last word runs to the end of the line */
		ln->tok[ntok].p = p + start;
		ln->tok[ntok].len = len - start;
		ntok++;
	}
out:
	ln->ntok = ntok;
	if (ntok > 0)
		ln->indent = (unsigned)(ln->tok[0].p - p);
}

/* Bit k of *nb set when q[k] is not a blank, of *nl when it is a newline,
 * for k < n (n <= 64); q[0..64) is read 16 bytes at a time as far as avail
 * bytes allow, the rest one by one. */
static void masks64(const char *q, size_t n, size_t avail, uint64_t *nb, uint64_t *nl)
{
	uint64_t b = 0, l = 0;
	size_t k = 0;
#ifdef __SSE2__
	for (; k + 16 <= avail && k < n; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(q + k));
		__m128i bl = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
					  _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
		uint32_t e = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
		b |= (uint64_t)(~(uint32_t)_mm_movemask_epi8(bl) & 0xffffu) << k;
		l |= (uint64_t)e << k;
		if (e) /* the line ends here: the bytes after it do not matter */
			goto out;
	}
#else
	(void)avail;
#endif
	for (; k < n; k++) {
		b |= (uint64_t)!is_blank(q[k]) << k;
		l |= (uint64_t)(q[k] == '\n') << k;
	}
#ifdef __SSE2__
out:
#endif
	*nb = b;
	*nl = l;
}

/* One pass finds the newline and the words together, 64 bytes at a time. A
 * line ending in a blank or CR, or of more than TC_MAX_TOKS words, is split
 * again by line_split() (rare). */
const char *tc_line_next(tc_line *ln, const char *p, const char *end, unsigned no)
{
	size_t ns = 0, c = 0, len;
	bool open = false; /* tok[ns - 1] runs on past the chunk */
	uint64_t in = 0;   /* the byte before the chunk is part of a word */
	for (;; c += 64) {
		size_t avail = (size_t)(end - (p + c)), n = avail < 64 ? avail : 64;
		uint64_t nb, nl;
		masks64(p + c, n, avail, &nb, &nl);
		if (nl)
			n = (size_t)__builtin_ctzll(nl);
		uint64_t keep = n == 64 ? ~0ull : (1ull << n) - 1;
		nb &= keep;
		uint64_t prev = (nb << 1) | in;
		/* bits at each word's first byte and at the blank after each word */
		uint64_t starts = nb & ~prev, ends = ~nb & prev & keep;
		if (open && ends) { /* the first blank ends the word left open */
			ln->tok[ns - 1].len =
				(size_t)(p + c + (size_t)__builtin_ctzll(ends) - ln->tok[ns - 1].p);
			ends &= ends - 1;
			open = false;
		}
		for (; starts; starts &= starts - 1, ns++) {
			if (ns == TC_MAX_TOKS) {
				const char *e = memchr(p + c, '\n', avail);
				e = e ? e : end;
				line_split(ln, p, (size_t)(e - p), no, end);
				return e;
			}
			const char *w = p + c + (size_t)__builtin_ctzll(starts);
			ln->tok[ns].p = w;
			if (ends) {
				ln->tok[ns].len =
					(size_t)(p + c + (size_t)__builtin_ctzll(ends) - w);
				ends &= ends - 1;
			} else {
				open = true;
			}
		}
		if (nl || n < 64) {
			len = c + n;
			break;
		}
		in = nb >> 63;
	}
	if (len > 0 && (is_blank(p[len - 1]) || p[len - 1] == '\r')) {
		line_split(ln, p, len, no, end);
		return p + len;
	}
	if (open) /* the last word runs to the end of the line */
		ln->tok[ns - 1].len = (size_t)(p + len - ln->tok[ns - 1].p);
	ln->p = p;
	ln->len = len;
	ln->no = no;
	ln->ntok = ns;
	ln->overflow = false;
	ln->indent = ns > 0 ? (unsigned)(ln->tok[0].p - p) : 0;
	return p + len;
}

void tc_line_split(tc_line *ln, const char *p, size_t len, unsigned no)
{
	line_split(ln, p, len, no, p + len);
}

bool tc_tok_in(const tc_tok *t, const char *const *list)
{
	/* the first letters compared (in either case) before any strlen */
	unsigned f = t->len ? ((unsigned char)t->p[0] | 0x20u) : 0x20u;
	for (; *list; list++)
		if (((unsigned char)(*list)[0] | 0x20u) == f && tc_tok_is(t, *list))
			return true;
	return false;
}

bool tc_tok_uint(const tc_tok *t, unsigned max, unsigned *out)
{
	if (t->len == 0 || t->len > 10)
		return false;
	unsigned long v = 0;
	for (size_t i = 0; i < t->len; i++) {
		if (t->p[i] < '0' || t->p[i] > '9')
			return false;
		v = v * 10 + (unsigned long)(t->p[i] - '0');
	}
	if (v > max)
		return false;
	*out = (unsigned)v;
	return true;
}

char *tc_tok_str(char *buf, size_t n, const tc_tok *t)
{
	/* as snprintf "%.*s" would (truncated, ends at a NUL byte), without its cost */
	if (n == 0)
		return buf;
	size_t k = t->len < n - 1 ? t->len : n - 1;
	const char *nul = memchr(t->p, '\0', k);
	if (nul)
		k = (size_t)(nul - t->p);
	memcpy(buf, t->p, k);
	buf[k] = '\0';
	return buf;
}

unsigned tc_tok_col(const tc_line *ln, size_t i)
{
	if (i >= ln->ntok)
		return i == SIZE_MAX ? 0 : (unsigned)ln->len + 1;
	return (unsigned)(ln->tok[i].p - ln->p) + 1;
}

/* ---- command tables ---------------------------------------------------------- */

static size_t word_len(const char *s)
{
	size_t n = 0;
	while (s[n] && s[n] != ' ')
		n++;
	return n;
}

static int cmp_first_word(const char *a, size_t na, const char *b, size_t nb)
{
	size_t n = na < nb ? na : nb;
	int c = strncasecmp(a, b, n);
	if (c)
		return c;
	return (na > nb) - (na < nb);
}

static int cmp_cmd(const void *x, const void *y)
{
	const tc_cmd *a = x, *b = y;
	int c = cmp_first_word(a->kw, word_len(a->kw), b->kw, word_len(b->kw));
	if (c)
		return c;
	if (a->nw != b->nw)
		return a->nw > b->nw ? -1 : 1; /* longest keyword phrase first */
	return strcasecmp(a->kw, b->kw);
}

/* Hash of a word under parent, the same for any letter case: its length and
 * three of its letters are enough to spread a table's few hundred words. */
static uint32_t kw_hash(uint32_t parent, const char *w, size_t len)
{
	uint32_t a = (unsigned char)w[0] | 0x20u, b = (unsigned char)w[len / 2] | 0x20u,
		 c = (unsigned char)w[len - 1] | 0x20u;
	uint32_t h = (parent * 0x9e3779b1u) ^ (uint32_t)len ^ (a << 8) ^ (b << 16) ^ (c << 24);
	h *= 0x85ebca6bu;
	return h ^ (h >> 16);
}

static uint64_t len_bit(size_t len)
{
	return 1ull << (len < 63 ? len : 63);
}

/* w[0..len) (len <= 16) into out, zero-padded, with no read outside it. */
static void load16(uint64_t out[2], const char *w, size_t len)
{
	unsigned char b[16] = {0};
	if (len >= 8) { /* two overlapping 8-byte copies cover any length 8..16 */
		memcpy(b, w, 8);
		memcpy(b + len - 8, w + len - 8, 8);
	} else if (len >= 4) {
		memcpy(b, w, 4);
		memcpy(b + len - 4, w + len - 4, 4);
	} else {
		for (size_t i = 0; i < len; i++)
			b[i] = (unsigned char)w[i];
	}
	memcpy(out, b, 16);
}

/* Is w[0..len) the word of node c (of the same length), in any letter case? */
static bool kw_eq(const tc_kwnode *c, const char *w, size_t len)
{
	if (len > 16)
		return tc_p_caseeq(c->w, w, len);
	uint64_t x[2];
	load16(x, w, len); /* a letter matches in either case, anything else exactly */
	return ((x[0] | c->fold[0]) == c->low[0]) & ((x[1] | c->fold[1]) == c->low[1]);
}

/* The child of node parent for the word w[0..len), 0 when there is none. */
static uint32_t kw_child(const tc_cmdtab *tab, uint32_t parent, const char *w, size_t len)
{
	for (uint32_t h = kw_hash(parent, w, len);; h++) {
		uint32_t k = tab->slots[h & tab->mask];
		if (k == 0)
			return 0;
		const tc_kwnode *c = &tab->nodes[k];
		if (c->parent == parent && c->len == len && kw_eq(c, w, len))
			return k;
	}
}

int tc_cmdtab_prepare(tc_cmdtab *tab)
{
	size_t words = 0;
	for (size_t i = 0; i < tab->n; i++) {
		unsigned nw = 1;
		for (const char *s = tab->cmds[i].kw; *s; s++)
			nw += *s == ' ';
		if (strcmp(tab->cmds[i].kw, "*") == 0)
			nw = 0; /* the fallback entry: matches any line, consumes no word */
		tab->cmds[i].nw = (unsigned char)nw;
		words += nw;
	}
	qsort(tab->cmds, tab->n, sizeof *tab->cmds, cmp_cmd);
	tab->any = tab->n > 0 && tab->cmds[0].nw == 0 ? &tab->cmds[0] : NULL;

	size_t nslots = 16;
	while (nslots < 2 * (words + 1))
		nslots *= 2;
	tab->nodes = calloc(words + 1, sizeof *tab->nodes);
	tab->slots = calloc(nslots, sizeof *tab->slots);
	if (!tab->nodes || !tab->slots) {
		free(tab->nodes);
		free(tab->slots);
		tab->nodes = NULL;
		tab->slots = NULL;
		return TC_ENOMEM;
	}
	tab->mask = (uint32_t)(nslots - 1);
	uint32_t used = 1; /* nodes[0]: the root */
	/* In sorted order: of two entries with the same phrase, the first is kept,
	 * as the sorted search this index replaces found it first. */
	for (size_t i = 0; i < tab->n; i++) {
		const tc_cmd *c = &tab->cmds[i];
		const char *s = c->kw;
		uint32_t cur = 0;
		for (unsigned w = 0; w < c->nw; w++) {
			size_t n = word_len(s);
			uint32_t k = kw_child(tab, cur, s, n);
			if (k == 0) {
				k = used++;
				tc_kwnode *x = &tab->nodes[k];
				*x = (tc_kwnode){.w = s, .len = (uint32_t)n, .parent = cur};
				char low[16] = {0}, fold[16] = {0};
				for (size_t j = 0; j < n && n <= 16; j++) {
					bool letter = (s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z';
					low[j] = letter ? (char)(s[j] | 0x20) : s[j];
					fold[j] = letter ? 0x20 : 0;
				}
				load16(x->low, low, 16);
				load16(x->fold, fold, 16);
				uint32_t h = kw_hash(cur, s, n);
				while (tab->slots[h & tab->mask])
					h++;
				tab->slots[h & tab->mask] = k;
				tab->nodes[cur].lens |= len_bit(n);
			}
			cur = k;
			s += n;
			if (*s == ' ')
				s++;
		}
		if (cur != 0 && !tab->nodes[cur].cmd)
			tab->nodes[cur].cmd = c;
	}
	return 0;
}

const tc_cmd *tc_cmdtab_find(const tc_cmdtab *tab, const tc_line *ln, size_t from)
{
	if (from >= ln->ntok)
		return NULL;
	/* the longest phrase equal to the line's words from `from` */
	const tc_cmd *best = NULL;
	uint32_t cur = 0;
	for (size_t i = from; i < ln->ntok; i++) {
		if (!(tab->nodes[cur].lens & len_bit(ln->tok[i].len)))
			break; /* no keyword of this length follows: no hashing */
		cur = kw_child(tab, cur, ln->tok[i].p, ln->tok[i].len);
		if (cur == 0)
			break;
		if (tab->nodes[cur].cmd)
			best = tab->nodes[cur].cmd;
	}
	return best ? best : tab->any;
}

/* ---- diagnostics ------------------------------------------------------------ */

static void diag_v(tc_pstate *st, size_t i, tc_severity sev, const char *code, const char *fmt,
		   va_list ap) __attribute__((format(printf, 5, 0)));
static void diag_v(tc_pstate *st, size_t i, tc_severity sev, const char *code, const char *fmt,
		   va_list ap)
{
	const tc_line *ln = st->ln;
	char text[TC_TEXT_MAX], msg[512];
	unsigned col = i == SIZE_MAX ? 0 : tc_tok_col(ln, i);
	tc_p_mask_line(text, sizeof text, ln->p, ln->len, &col);
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (sev == TC_SEV_ERROR && st->lstat != TC_L_UNKNOWN)
		st->lstat = TC_L_MALFORMED;
	tc_model_diag(st->m, st->file, ln->no, col, sev, code, text, "%s", msg);
}

void tc_p_diag(tc_pstate *st, size_t i, tc_severity sev, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_v(st, i, sev, code, fmt, ap);
	va_end(ap);
}

void tc_p_bad(tc_pstate *st, size_t i, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_v(st, i, TC_SEV_ERROR, "bad-syntax", fmt, ap);
	va_end(ap);
}

void tc_p_unknown(tc_pstate *st, const char *why)
{
	st->lstat = TC_L_UNKNOWN;
	tc_p_diag(st, 0, TC_SEV_WARNING, "unknown-line", "%s", why);
}

void tc_p_skipped(tc_pstate *st)
{
	if (st->lstat == TC_L_MODELLED)
		st->lstat = TC_L_SKIPPED;
}

void tc_p_skipped_quiet(tc_pstate *st)
{
	tc_p_skipped(st);
	st->skip_quiet = true;
}

/* ---- blocks ------------------------------------------------------------------ */

void tc_p_push(tc_pstate *st, const tc_cmdtab *tab, tc_closer close)
{
	if (st->depth == TC_MAX_DEPTH)
		return; /* deeper nesting than any Cisco config: sub-lines go to the parent */
	tc_block *b = &st->stack[st->depth++];
	b->tab = tab;
	b->indent = st->ln->indent;
	b->close = close;
	b->unknown = false;
	b->orphans = false;
	b->ops = st->ops;
	b->feat = st->feat;
}

static void push_skip(tc_pstate *st, bool unknown)
{
	tc_p_push(st, NULL, NULL);
	if (st->depth > 0 && st->stack[st->depth - 1].indent == st->ln->indent)
		st->stack[st->depth - 1].unknown = unknown;
}

/* A top-level `no X` opens no block in Cisco's syntax: a line indented under
 * it is out of place, and each one is reported rather than skipped unseen. */
static void push_no(tc_pstate *st)
{
	push_skip(st, false);
	if (st->depth > 0 && st->stack[st->depth - 1].indent == st->ln->indent)
		st->stack[st->depth - 1].orphans = true;
}

static void pop(tc_pstate *st)
{
	tc_block *b = &st->stack[--st->depth];
	st->ops = b->ops; /* a closer runs in its block's dialect */
	if (b->close)
		b->close(st);
}

void tc_p_reroot(tc_pstate *st)
{
	while (st->depth > 0)
		pop(st);
	st->ops = st->base_ops;
}

int tc_h_exit(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)ln;
	(void)at;
	if (st->depth > 0)
		pop(st);
	return 0;
}

/* ---- dispatch ---------------------------------------------------------------- */

/* A top-level line the file's dialect does not know, read in the other
 * dialect (some files mix them). mine is the command of this dialect that
 * matched (and refused the line), or NULL: the other dialect must know the
 * line at least as precisely. True when it knew the line. */
static bool try_other_dialect(tc_pstate *st, const tc_cmd *mine_cmd)
{
	const tc_dialect_ops *other = st->ops->other;
	const tc_line *ln = st->ln;
	if (!other)
		return false;
	const tc_cmd *c = tc_cmdtab_find(other->top, ln, 0);
	if (!c || c->nw == 0 || (mine_cmd && c->nw < mine_cmd->nw))
		return false;
	unsigned depth = st->depth;
	const tc_dialect_ops *mine = st->ops;
	st->ops = other;
	st->feat = c->kw;
	int rc = c->fn ? c->fn(st, ln, c->nw) : 0;
	if (!c->fn)
		push_skip(st, false);
	if (rc == TC_ENOTFOUND) {
		st->ops = mine;
		return false; /* it did nothing: handlers answer before they build */
	}
	if (!c->fn)
		tc_p_skipped(st);
	if (!st->mixed_noted) {
		st->mixed_noted = true;
		tc_p_diag(
			st, 0, TC_SEV_NOTE, "mixed-dialect",
			"line read as %s syntax although the file reads as %s (noted once per file)",
			tc_dialect_name(other->dialect), tc_dialect_name(mine->dialect));
	}
	if (st->depth == depth)
		st->ops = mine; /* no block opened: the next line is in the file's dialect */
	return true;
}

/* A line of the CLI session or `show running-config` capture a config was
 * saved from (`configure terminal`, `end`, `write memory`, "Building
 * configuration..."): valid, and no part of the config. */
static bool script_wrapper(const tc_line *ln)
{
	static const char *const words[] = {"Building", "Current", "configure", "conf",
					    "end",	"exit",	   "write",	"wr",
					    "copy",	"show",	   "sh",	NULL};
	return tc_tok_in(&ln->tok[0], words);
}

/* The feature a line of command c belongs to: its keywords; for a table's "*" entry, the
 * block's command. */
static const char *cmd_feat(const tc_pstate *st, const tc_cmd *c)
{
	if (c->nw > 0)
		return c->kw;
	return st->depth > 0 ? st->stack[st->depth - 1].feat : NULL;
}

static void dispatch(tc_pstate *st, const tc_cmdtab *tab, bool nested)
{
	const tc_line *ln = st->ln;
	const tc_cmd *c = tc_cmdtab_find(tab, ln, 0);
	const tc_cmd *neg = c				   ? NULL
			    : tc_tok_is(&ln->tok[0], "no") ? tc_cmdtab_find(tab, ln, 1)
							   : NULL;
	st->feat = c ? cmd_feat(st, c) : neg ? neg->kw : NULL;
	if (neg) {
		if (nested) /* `no X` of a known X: a default turned off */
			push_skip(st, false);
		else
			push_no(st);
		tc_p_skipped(st);
		return;
	}
	if (!c && !nested && script_wrapper(ln)) {
		push_skip(st, false);
		tc_p_skipped(st);
		return;
	}
	if (!c && !nested && try_other_dialect(st, NULL))
		return;
	if (!c) {
		char why[128];
		if (nested)
			snprintf(why, sizeof why, "unknown %s sub-command; line skipped",
				 tab->name);
		else
			snprintf(why, sizeof why,
				 "unknown command; line and its sub-lines skipped");
		tc_p_unknown(st, why);
		push_skip(st, true);
		return;
	}
	if (!c->fn) {
		push_skip(st, false);
		tc_p_skipped(st);
		return;
	}
	unsigned depth = st->depth;
	int rc = c->fn(st, ln, c->nw);
	if (rc == TC_ENOTFOUND && !nested && try_other_dialect(st, c))
		return;
	if (rc == TC_ENOTFOUND) {
		char why[128];
		snprintf(why, sizeof why, "unknown form of %s%s%s; line skipped", c->kw,
			 nested ? " in " : "", nested ? tab->name : "");
		tc_p_unknown(st, why);
		if (st->depth == depth)
			push_skip(st, true);
	}
}

/* Where an IOS banner body ends: the delimiter's next occurrence. */
static bool banner_ends(const tc_pstate *st, const char *p, size_t len)
{
	for (size_t i = 0; i + st->dlen <= len; i++)
		if (memcmp(p + i, st->delim, st->dlen) == 0)
			return true;
	return false;
}

void tc_p_banner_start(tc_pstate *st, const tc_line *ln, size_t at)
{
	/* banner TYPE DELIM[text[DELIM]]: the delimiter is the first character
	 * after the type, or the two characters "^C" as show running prints. */
	if (at >= ln->ntok)
		return;
	const tc_tok *t = &ln->tok[at];
	size_t dl = (t->len >= 2 && t->p[0] == '^' && t->p[1] != '^') ? 2 : 1;
	memcpy(st->delim, t->p, dl);
	st->dlen = dl;
	const char *rest = t->p + dl;
	size_t rl = (size_t)(ln->p + ln->len - rest);
	st->banner = !banner_ends(st, rest, rl);
}

/* Sections whose lines the statistics single out: crypto (certificates and
 * keys aside), routing, ACLs and their objects, NAT and interfaces. */
/* A word with its length, for lists checked on every line. */
typedef struct kwlen {
	const char *w;
	size_t n;
} kwlen;
#define KW(s)                                                                                      \
	{                                                                                          \
		s, sizeof s - 1                                                                    \
	}

/* tc_tok_in() for a list whose lengths are known: a word of another length
 * costs one comparison per entry. */
static bool tok_in_kw(const tc_tok *t, const kwlen *list, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (list[k].n == t->len && tc_p_caseeq(t->p, list[k].w, t->len))
			return true;
	return false;
}

static bool relevant_section(const tc_line *ln)
{
	static const kwlen words[] = {
		KW("interface"), KW("route"),	     KW("access-list"),	 KW("access-group"),
		KW("object"),	 KW("object-group"), KW("name"),	 KW("nat"),
		KW("static"),	 KW("global"),	     KW("tunnel-group"), KW("isakmp"),
		KW("crypto"),	 KW("router"),	     KW("route-map"),	 KW("prefix-list"),
	};
	static const kwlen ip_words[] = {KW("route"), KW("access-list"), KW("nat"), KW("host"),
					 KW("prefix-list")};
	static const kwlen crypto_not[] = {KW("ca"), KW("pki"), KW("key"), KW("csr-params")};
	size_t i = ln->ntok > 1 && tc_tok_is(&ln->tok[0], "no") ? 1 : 0;
	const tc_tok *w = &ln->tok[i], *w2 = i + 1 < ln->ntok ? &ln->tok[i + 1] : NULL;
	if (tc_tok_is(w, "ip"))
		return w2 && tok_in_kw(w2, ip_words, sizeof ip_words / sizeof ip_words[0]);
	if (tc_tok_is(w, "crypto") && w2 &&
	    tok_in_kw(w2, crypto_not, sizeof crypto_not / sizeof crypto_not[0]))
		return false;
	return tok_in_kw(w, words, sizeof words / sizeof words[0]);
}

/* Whether ln's words from i on start with phrase's space-separated words. */
static bool starts_with(const tc_line *ln, size_t i, const char *phrase)
{
	for (const char *w = phrase; *w; i++) {
		size_t n = strcspn(w, " ");
		if (i >= ln->ntok || ln->tok[i].len != n || !tc_p_caseeq(ln->tok[i].p, w, n))
			return false;
		w += n + (w[n] == ' ');
	}
	return true;
}

/* Commands that cannot change a prediction (physical, layer-2, management and per-packet
 * settings; README, `parse`): recognised but not modelled without a note. */
static bool cannot_matter(const tc_line *ln)
{
	static const char *const list[] = {
		"speed",
		"duplex",
		"full-duplex",
		"half-duplex",
		"negotiation",
		"media-type",
		"mdix",
		"load-interval",
		"cdp",
		"lldp",
		"description",
		"keepalive",
		"logging",
		"mop",
		"carrier-delay",
		"hold-queue",
		"tx-queue",
		"mtu",
		"ip mtu",
		"ip tcp",
		"ip redirects",
		"ip unreachables",
		"ip proxy-arp",
		"ip route-cache",
		"ip mroute-cache",
		"ip flow",
		"ip virtual-reassembly",
		"ip accounting",
		"ip directed-broadcast",
		"ip mask-reply",
		"switchport",
		"spanning-tree",
		"storm-control",
		"management-only",
		"security-level",
		"snmp",
		"ntp",
		"crypto ipsec security-association pmtu-aging",
		NULL,
	};
	size_t i = ln->ntok > 1 && tc_tok_is(&ln->tok[0], "no") ? 1 : 0;
	for (size_t k = 0; list[k]; k++)
		if (starts_with(ln, i, list[k]))
			return true;
	return false;
}

/* The top-level commands whose blocks routing.c reads. */
static bool routing_section(const char *feat)
{
	return strcmp(feat, "router") == 0 || strcmp(feat, "route-map") == 0;
}

/* A relevant line recognised but not modelled: counted under its feature for the device's
 * not-modelled notes. */
static void note_skip(tc_pstate *st)
{
	/* the routing parser notes what its blocks hold that routes depend on (routing.c) */
	const char *top = st->depth > 0 ? st->stack[0].feat : NULL;
	if (top && st->ln->indent > 0 && routing_section(top))
		return;
	if (!st->feat || st->skip_quiet || cannot_matter(st->ln))
		return;
	struct tc_pskip **pp = &st->skips;
	for (; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->feat, st->feat) == 0) {
			(*pp)->lines++;
			return;
		}
	struct tc_pskip *k = tc_arena_alloc(st->ctx->scratch, sizeof *k);
	*k = (struct tc_pskip){.feat = st->feat, .lines = 1, .first = st->ln->no};
	*pp = k;
}

/* Count the line just handled in the device's statistics. */
static void account(tc_pstate *st)
{
	tc_linestats *s = &st->dev->stats;
	unsigned *b, *r; /* a switch, not a table of pointers built for every line */
	switch (st->lstat) {
	case TC_L_MODELLED:
		b = &s->modelled, r = &s->rel_modelled;
		break;
	case TC_L_SKIPPED:
		b = &s->skipped, r = &s->rel_skipped;
		break;
	case TC_L_UNKNOWN:
		b = &s->unknown, r = &s->rel_unknown;
		break;
	default:
		b = &s->malformed, r = &s->rel_malformed;
		break;
	}
	s->lines++;
	(*b)++;
	if (st->rel) {
		s->rel_lines++;
		(*r)++;
		if (st->lstat == TC_L_SKIPPED)
			note_skip(st);
	}
	if (st->lstat == TC_L_UNKNOWN)
		st->m->unknown_lines++;
}

size_t tc_p_prompt_len(const tc_tok *w, int *mode)
{
	size_t i = 0;
	while (i < w->len && (isalnum((unsigned char)w->p[i]) || w->p[i] == '.' || w->p[i] == '_' ||
			      w->p[i] == '-' || w->p[i] == '/'))
		i++;
	if (i == 0 || i == w->len)
		return 0;
	*mode = 0;
	if (w->p[i] == '(') {
		const char *close = memchr(w->p + i, ')', w->len - i);
		if (!close || close + 1 == w->p + w->len)
			return 0;
		size_t n = (size_t)(close - (w->p + i + 1));
		*mode = n == 6 && memcmp(w->p + i + 1, "config", 6) == 0 ? 1 : 2;
		i = (size_t)(close + 1 - w->p);
	}
	return w->p[i] == '#' || (w->p[i] == '>' && *mode == 0) ? i + 1 : 0;
}

static void handle_line(tc_pstate *st, const tc_line *ln);

/* A line starting with a CLI prompt (a pasted session): the prompt is cut
 * off and the command read as the prompt's mode places it (a sub-mode's
 * command belongs to the open block). An exec command (`R1#copy run
 * start`) is no config: skipped. True when ln had a prompt. */
static bool handle_prompt(tc_pstate *st, const tc_line *ln)
{
	int mode;
	size_t n = tc_p_prompt_len(&ln->tok[0], &mode);
	if (n == 0)
		return false;
	tc_line cmd;
	const char *p = ln->tok[0].p + n;
	tc_line_split(&cmd, p, (size_t)(ln->p + ln->len - p), ln->no);
	if (mode == 0 || cmd.ntok == 0) {
		st->lstat = TC_L_SKIPPED;
		st->rel = false;
		account(st);
		return true;
	}
	cmd.indent = mode == 2 ? 1 : 0;
	handle_line(st, &cmd);
	st->ln = ln; /* cmd ends here; closers run later report against ln */
	return true;
}

/* Whether ln, a top-level `hostname` line, starts a second device: the
 * device has another name already, and config lines came after that name. */
static bool second_device(tc_pstate *st, const tc_line *ln)
{
	const tc_device *d = st->dev;
	if (ln->ntok < 2 || !tc_tok_is(&ln->tok[0], "hostname"))
		return false;
	if (d->hostname && d->stats.lines > st->host_lines + 1 &&
	    !tc_p_name_eq(d->hostname, &ln->tok[1]))
		return true;
	st->host_lines = d->stats.lines; /* a rename, or the same name again */
	return false;
}

static void split_device(tc_pstate *st);

/* Whether any byte of x is '#' or '>' (the zero-byte test of x xor each: no false hit). */
static bool word_has_mark(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t a = x ^ (ones * '#'), b = x ^ (ones * '>');
	return (((a - ones) & ~a) | ((b - ones) & ~b)) & high;
}

/* Whether word w holds a prompt's '#' or '>': inline, a word of 8 to 16 bytes as two
 * overlapping words (two memchr calls on every top-level line cost as much as the rest of
 * handle_line, a byte loop more on `access-list`). */
static bool has_prompt_mark(const tc_tok *w)
{
	if (w->len > 16)
		return memchr(w->p, '#', w->len) || memchr(w->p, '>', w->len);
	if (w->len >= 8) {
		uint64_t x, y;
		memcpy(&x, w->p, 8);
		memcpy(&y, w->p + w->len - 8, 8);
		return word_has_mark(x) || word_has_mark(y);
	}
	for (size_t i = 0; i < w->len; i++)
		if (w->p[i] == '#' || w->p[i] == '>')
			return true;
	return false;
}

static void handle_line(tc_pstate *st, const tc_line *ln)
{
	st->ln = ln;
	if (st->banner) {
		if (banner_ends(st, ln->p, ln->len))
			st->banner = false;
		return;
	}
	if (ln->ntok == 0)
		return;
	const tc_tok *w = &ln->tok[0];
	if (w->p[0] == '!' || (ln->indent == 0 && w->p[0] == ':') ||
	    (w->len >= 15 && strncmp(w->p, "Cryptochecksum:", 15) == 0))
		return;
	if (ln->indent == 0 && has_prompt_mark(w) && handle_prompt(st, ln))
		return;
	if (ln->indent == 0 && w->len == 8 && second_device(st, ln))
		split_device(st);
	while (st->depth > 0 && st->stack[st->depth - 1].indent >= ln->indent)
		pop(st);
	st->lstat = TC_L_MODELLED; /* closers above belong to the lines they closed */
	st->feat = NULL;
	st->skip_quiet = false;
	if (ln->indent > 0 && st->depth > 0) {
		const tc_block *b = &st->stack[st->depth - 1];
		st->ops = b->ops;
		if (b->orphans)
			tc_p_unknown(st, "line indented under a `no` line, which opens no block; "
					 "skipped");
		else if (!b->tab) {
			st->lstat = b->unknown ? TC_L_UNKNOWN : TC_L_SKIPPED;
			st->feat = b->feat;
		} else {
			dispatch(st, b->tab, true);
		}
	} else {
		st->ops = st->base_ops;
		st->rel = relevant_section(ln);
		dispatch(st, st->ops->top, false);
	}
	account(st);
}

/* ---- dialect detection ---------------------------------------------------------- */

/* Evidence of a line for one dialect: 2 for a version banner (decisive), 1
 * for a shape only that dialect writes, 0 otherwise. w are the line's
 * first words. */
static int asa_evidence(const tc_tok *w, size_t nw, bool indented)
{
	if (indented)
		return nw >= 1 &&
		       (tc_tok_is(&w[0], "nameif") || tc_tok_is(&w[0], "security-level"));
	if (nw >= 2 && tc_tok_is(&w[1], "Version") &&
	    (tc_tok_is(&w[0], "ASA") || tc_tok_is(&w[0], "PIX") || tc_tok_is(&w[0], "FWSM")))
		return 2;
	if (nw >= 1 && (tc_tok_is(&w[0], "tunnel-group") || tc_tok_is(&w[0], "names") ||
			tc_tok_is(&w[0], "same-security-traffic")))
		return 1;
	if (nw >= 3 && tc_tok_is(&w[0], "access-list") && tc_tok_is(&w[2], "extended"))
		return 1;
	if (nw >= 2 && tc_tok_is(&w[0], "object") && tc_tok_is(&w[1], "network"))
		return 1;
	if (nw >= 3 && tc_tok_is(&w[0], "crypto") &&
	    (tc_tok_is(&w[1], "ikev1") ||
	     (tc_tok_is(&w[1], "ipsec") &&
	      (tc_tok_is(&w[2], "ikev1") || tc_tok_is(&w[2], "ikev2")))))
		return 1;
	/* crypto map NAME SEQ set|match ...: one attribute a line */
	if (nw >= 5 && tc_tok_is(&w[0], "crypto") && tc_tok_is(&w[1], "map") &&
	    (tc_tok_is(&w[4], "set") || tc_tok_is(&w[4], "match")))
		return 1;
	return 0;
}

static int ios_evidence(const tc_tok *w, size_t nw, bool indented)
{
	if (indented || nw < 2)
		return 0;
	if (tc_tok_is(&w[0], "version") && w[1].p[0] >= '0' && w[1].p[0] <= '9')
		return 2; /* IOS's `version 15.2`; the ASA writes "ASA Version" */
	if (tc_tok_is(&w[0], "ip") &&
	    (tc_tok_is(&w[1], "route") || tc_tok_is(&w[1], "access-list") ||
	     tc_tok_is(&w[1], "nat") || tc_tok_is(&w[1], "vrf") || tc_tok_is(&w[1], "host")))
		return 1;
	if (tc_tok_is(&w[0], "crypto") && nw >= 3 &&
	    (tc_tok_is(&w[1], "keyring") ||
	     (tc_tok_is(&w[1], "isakmp") &&
	      (tc_tok_is(&w[2], "profile") || tc_tok_is(&w[2], "key")))))
		return 1;
	if (nw >= 5 && tc_tok_is(&w[0], "crypto") && tc_tok_is(&w[1], "map") &&
	    tc_tok_is(&w[4], "ipsec-isakmp"))
		return 1;
	/* a dynamic map entry block (the ASA writes one attribute a line) */
	if (nw == 4 && tc_tok_is(&w[0], "crypto") && tc_tok_is(&w[1], "dynamic-map"))
		return 1;
	if ((tc_tok_is(&w[0], "crypto") && tc_tok_is(&w[1], "pki")) ||
	    (tc_tok_is(&w[0], "key") && tc_tok_is(&w[1], "chain")))
		return 1;
	return tc_tok_is(&w[0], "boot-start-marker") || tc_tok_is(&w[0], "line");
}

tc_dialect tc_detect_dialect(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	int asa = 0, ios = 0;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		tc_tok w[5];
		size_t nw = 0;
		const char *q = p;
		bool indented = q < e && is_blank(*q);
		while (q < e && nw < 5) {
			while (q < e && (is_blank(*q) || *q == '\r'))
				q++;
			if (q >= e)
				break;
			w[nw].p = q;
			while (q < e && !is_blank(*q) && *q != '\r')
				q++;
			w[nw].len = (size_t)(q - w[nw].p);
			nw++;
		}
		int a = asa_evidence(w, nw, indented), i = ios_evidence(w, nw, indented);
		if (a == 2 || i == 2)
			return a == 2 ? TC_DIALECT_ASA : TC_DIALECT_IOS;
		asa += a;
		ios += i;
		p = e + 1;
	}
	return asa > ios ? TC_DIALECT_ASA : TC_DIALECT_IOS;
}

/* ---- entry points -------------------------------------------------------------- */

size_t tc_p_bom_len(const char *buf, size_t len)
{
	return len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* st set up to read the lines of dev from the start. */
static void state_init(tc_pstate *st, tc_pctx *ctx, tc_model *m, tc_device *dev,
		       const tc_dialect_ops *ops)
{
	*st = (tc_pstate){0};
	st->m = m;
	st->dev = dev;
	st->file = dev->file;
	st->ops = ops;
	st->base_ops = ops;
	st->ctx = ctx;
	st->objs = (tc_pobj_tab){.alloc = tc_arena_alloc_cb, .ctx = ctx->scratch};
	st->aliases = (tc_alias_tab){.alloc = tc_arena_alloc_cb, .ctx = ctx->scratch};
	st->names = (intern_tab){.alloc = tc_arena_alloc_cb, .ctx = ctx->scratch};
}

/* One note per feature of the device's relevant lines that the model ignores. */
static void note_not_modelled(tc_pstate *st)
{
	const tc_device *d = st->dev;
	for (const struct tc_pskip *k = st->skips; k; k = k->next)
		tc_model_diag(
			st->m, st->file, k->first, 0, TC_SEV_NOTE, "not-modelled", NULL,
			"%s: %u line%s of `%s` %s recognised but not modelled (first at line %u)",
			d->hostname ? d->hostname : st->file, k->lines, k->lines == 1 ? "" : "s",
			k->feat, k->lines == 1 ? "is" : "are", k->first);
}

/* The device's deferred work once its last line is read. */
static void device_finish(tc_pstate *st)
{
	note_not_modelled(st);
	tc_p_reroot(st);
	tc_p_nat_finish(st);
	if (st->base_ops->finish)
		st->base_ops->finish(st);
	if (st->base_ops->other && st->base_ops->other->finish)
		st->base_ops->other->finish(st);
}

/* The current line starts a second device's config in the same file (two
 * `show running-config` captures pasted one after the other): the first
 * device is finished and the rest of the file read as a new one. */
static void split_device(tc_pstate *st)
{
	const tc_line *ln = st->ln;
	const char *prev = st->dev->hostname;
	device_finish(st);
	tc_device *dev = tc_device_add(st->m, st->file, st->base_ops->dialect);
	state_init(st, st->ctx, st->m, dev, st->base_ops);
	st->ln = ln;
	tc_p_diag(st, 0, TC_SEV_NOTE, "second-device",
		  "a second hostname after %s's config: the rest of the file is read as "
		  "another device",
		  prev);
}

int tc_p_parse_config(tc_pctx *ctx, tc_device **out, tc_model *m, const char *file, const char *buf,
		      size_t len, const tc_parse_opts *opts)
{
	size_t bom = tc_p_bom_len(buf, len); /* written by some Windows editors */
	buf += bom;
	len -= bom;
	tc_dialect dialect = opts ? opts->dialect : TC_DIALECT_UNKNOWN;
	if (dialect != TC_DIALECT_IOS && dialect != TC_DIALECT_ASA)
		dialect = tc_detect_dialect(buf, len);
	tc_device *dev = tc_device_add(m, file, dialect);
	if (out)
		*out = dev;

	tc_arena_reset(ctx->scratch);
	tc_pstate *st = tc_arena_alloc(ctx->scratch, sizeof *st);
	tc_line *ln = tc_arena_alloc(ctx->scratch, sizeof *ln);
	state_init(st, ctx, m, dev, dialect == TC_DIALECT_ASA ? &tc_asa_ops : &tc_ios_ops);

	const char *p = buf, *end = buf + len;
	unsigned no = 0;
	while (p < end) {
		const char *e = tc_line_next(ln, p, end, ++no);
		handle_line(st, ln);
		p = e + 1;
	}
	device_finish(st);
	if (st->banner) {
		tc_line_split(ln, "", 0, no);
		st->ln = ln;
		tc_model_diag(m, st->file, no, 0, TC_SEV_WARNING, "unterminated-banner", NULL,
			      "a banner is not closed by its delimiter before the end of the file");
	}
	return 0;
}

int tc_parse_config(tc_device **out, tc_model *m, const char *file, const char *buf, size_t len,
		    const tc_parse_opts *opts)
{
	tc_pctx ctx;
	int rc = tc_pctx_init(&ctx);
	if (rc) {
		if (out)
			*out = NULL;
		return rc;
	}
	rc = tc_p_parse_config(&ctx, out, m, file, buf, len, opts);
	tc_pctx_fini(&ctx);
	return rc;
}
