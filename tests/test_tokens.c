/* test_tokens.c: the parser's fast line primitives against plain reference versions on random input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "parser_int.h"

/* A small deterministic generator (xorshift), so a failure repeats. */
static uint64_t rng = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* ---- words -------------------------------------------------------------------- */

/* The word splitter as it was before it read 16 bytes at a time. */
static void ref_split(tc_line *ln, const char *p, size_t len, unsigned no)
{
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		len--;
	ln->p = p;
	ln->len = len;
	ln->no = no;
	ln->ntok = 0;
	ln->overflow = false;
	size_t i = 0;
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	ln->indent = (unsigned)i;
	while (i < len) {
		size_t s = i;
		while (i < len && p[i] != ' ' && p[i] != '\t')
			i++;
		if (ln->ntok == TC_MAX_TOKS) {
			ln->overflow = true;
			break;
		}
		ln->tok[ln->ntok].p = p + s;
		ln->tok[ln->ntok].len = i - s;
		ln->ntok++;
		while (i < len && (p[i] == ' ' || p[i] == '\t'))
			i++;
	}
}

static void assert_lines_equal(const tc_line *a, const tc_line *b)
{
	assert_ptr_equal(a->p, b->p);
	assert_int_equal(a->len, b->len);
	assert_int_equal(a->no, b->no);
	assert_int_equal(a->indent, b->indent);
	assert_int_equal(a->ntok, b->ntok);
	assert_int_equal(a->overflow, b->overflow);
	for (size_t k = 0; k < a->ntok; k++) {
		assert_ptr_equal(a->tok[k].p, b->tok[k].p);
		assert_int_equal(a->tok[k].len, b->tok[k].len);
	}
}

static void assert_same_split(const char *p, size_t len)
{
	static tc_line a, b;
	ref_split(&a, p, len, 7);
	tc_line_split(&b, p, len, 7);
	assert_lines_equal(&a, &b);
}

static void split_matches_reference_on_random_lines(void **state)
{
	(void)state;
	static const char alphabet[] = "  \t\rab.1!";
	char *buf = malloc(400);
	assert_non_null(buf);
	for (int round = 0; round < 200000; round++) {
		size_t len = rnd(round % 10 == 0 ? 400 : 70);
		for (size_t k = 0; k < len; k++)
			buf[k] = alphabet[rnd(sizeof alphabet - 1)];
		/* the line at the end of its own allocation: no read past it */
		char *line = malloc(len ? len : 1);
		assert_non_null(line);
		memcpy(line, buf, len);
		assert_same_split(line, len);
		free(line);
		assert_same_split(buf, len); /* and inside a larger buffer */
	}
	free(buf);
}

/* A whole buffer read line by line as the config parser reads it. */
static void assert_same_lines(const char *buf, size_t len)
{
	static tc_line a, b;
	const char *p = buf, *end = buf + len;
	unsigned no = 0;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		ref_split(&a, p, (size_t)(e - p), ++no);
		assert_ptr_equal(tc_line_next(&b, p, end, no), e);
		assert_lines_equal(&a, &b);
		p = e + 1;
	}
}

static void next_line_matches_reference_on_random_buffers(void **state)
{
	(void)state;
	static const char alphabet[] = "  \t\rab.1!\n\nxyz ";
	for (int round = 0; round < 20000; round++) {
		size_t len = rnd(round % 10 == 0 ? 1200 : 150);
		char *buf = malloc(len ? len : 1); /* exactly len: no read past it */
		assert_non_null(buf);
		bool words = rnd(4) == 0; /* long lines of many short words */
		for (size_t k = 0; k < len; k++)
			buf[k] = words ? (k % 2 ? ' ' : 'w') : alphabet[rnd(sizeof alphabet - 1)];
		assert_same_lines(buf, len);
		free(buf);
	}
}

static void split_keeps_the_first_64_words_of_a_long_line(void **state)
{
	(void)state;
	char line[400];
	size_t o = 0;
	for (int k = 0; k < 70; k++)
		o += (size_t)snprintf(line + o, sizeof line - o, "%sw%d", k ? " \t" : "   ", k);
	tc_line ln;
	tc_line_split(&ln, line, o, 1);
	assert_int_equal(ln.ntok, TC_MAX_TOKS);
	assert_true(ln.overflow);
	assert_int_equal(ln.indent, 3);
	assert_int_equal(ln.tok[63].len, 3);
	assert_memory_equal(ln.tok[63].p, "w63", 3);
	assert_same_split(line, o);
	assert_same_split(line, 0);
	assert_same_split(" \t \r", 4);
}

/* ---- addresses ------------------------------------------------------------------- */

/* The parser reads quads through a cache of the words it read lately (tc_p_quad_st): a hit
 * must give what tc_ip_parse(), the one rule, gives for the same word, and a refused word
 * must stay refused. Words are drawn from a few, so that most lookups hit. */
static void quad_cache_gives_what_tc_ip_parse_gives(void **state)
{
	(void)state;
	static tc_pstate st; /* zeroed: an empty cache */
	static const char alphabet[] = "0123456789..2551x";
	static const char *const fixed[] = {
		"0.0.0.0",    "255.255.255.255", "256.0.0.1", "1.2.3",	   "1.2.3.4.",
		"01.002.3.4", "1.2.3.0004",	 "1..2.3",    "1.2.3.4 ",  "999.1.1.1",
		"10.0.0.255", "1.2.3.-4",	 ".1.2.3",    "1.2.3.4/8",
	};
	char pool[64][24];
	size_t plen[64];
	for (size_t k = 0; k < 64; k++) {
		if (k < sizeof fixed / sizeof fixed[0]) {
			plen[k] = strlen(fixed[k]);
			memcpy(pool[k], fixed[k], plen[k]);
		} else {
			plen[k] = 5 + rnd(13);
			for (size_t j = 0; j < plen[k]; j++)
				pool[k][j] = alphabet[rnd(sizeof alphabet - 1)];
		}
	}
	for (int round = 0; round < 300000; round++) {
		size_t k = rnd(64);
		uint32_t a = 0, b = 0;
		int rc = tc_ip_parse(&a, pool[k], plen[k]);
		assert_int_equal(rc == 0, tc_p_quad_st(&st, pool[k], plen[k], &b));
		if (rc == 0)
			assert_int_equal(a, b);
	}
}

static void mask_lengths_match_the_model(void **state)
{
	(void)state;
	for (int round = 0; round < 200000; round++) {
		uint32_t v;
		switch (rnd(3)) {
		case 0:
			v = (uint32_t)rng;
			break;
		case 1: /* a contiguous mask, perhaps with one bit flipped */
			v = tc_len_to_mask((uint8_t)rnd(33)) ^ (rnd(2) ? 1u << rnd(32) : 0);
			break;
		default:
			v = ~tc_len_to_mask((uint8_t)rnd(33));
			break;
		}
		uint8_t a = 99, b = 99;
		assert_int_equal(tc_mask_to_len(&a, v) == 0, tc_p_mask_len(v, &b));
		if (a != 99)
			assert_int_equal(a, b);
		a = b = 99;
		assert_int_equal(tc_wildcard_to_len(&a, v) == 0, tc_p_wild_len(v, &b));
		if (a != 99)
			assert_int_equal(a, b);
	}
}

/* ---- keywords ------------------------------------------------------------------------ */

static bool tok_is_ref(const tc_tok *t, const char *kw)
{
	return strlen(kw) == t->len && strncasecmp(t->p, kw, t->len) == 0;
}

static void tok_is_is_case_insensitive_for_letters_only(void **state)
{
	(void)state;
	static const char *const words[] = {"permit", "PERMIT", "Permit", "permi", "permitt",
					    "@",      "`",	"[",	  "{",	   "a-b",
					    "A-B",    "a_b",	"A\x7f",  "a\x7f", ""};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		for (size_t j = 0; j < sizeof words / sizeof words[0]; j++) {
			tc_tok t = {words[i], strlen(words[i])};
			assert_int_equal(tc_tok_is(&t, words[j]), tok_is_ref(&t, words[j]));
		}
}

static int h_dummy(tc_pstate *st, const tc_line *ln, size_t at)
{
	(void)st;
	(void)ln;
	(void)at;
	return 0;
}

static tc_cmd cmds[] = {
	{"*", h_dummy, 0},
	{"crypto map", h_dummy, 0},
	{"crypto map interface", NULL, 0},
	{"Crypto IKEv2 profile", h_dummy, 0},
	{"crypto ikev2", NULL, 0},
	{"ip", NULL, 0},
	{"ip access-list extended", h_dummy, 0},
	{"ip access-list standard", h_dummy, 0},
	{"ip route", h_dummy, 0},
	{"ip route vrf", h_dummy, 0},
	{"no ip route", NULL, 0},
	{"interface", h_dummy, 0},
	{"a-very-long-keyword-of-more-than-sixty-three-characters-to-see-what-happens", NULL, 0},
	{"sixteen-letters! seventeen-letters", h_dummy, 0},
	{"sixteen-letters@", NULL, 0},
	{"a@[`{", h_dummy, 0},
};
static tc_cmdtab tab = TC_CMDTAB("test", cmds);

/* The lookup as it was: the longest entry, first in sorted order, whose
 * keywords equal the line's words; else the "*" entry when it sorts first. */
static const tc_cmd *find_ref(const tc_cmdtab *tb, const tc_line *ln, size_t from)
{
	if (from >= ln->ntok)
		return NULL;
	const tc_cmd *best = NULL;
	for (size_t i = 0; i < tb->n; i++) {
		const tc_cmd *c = &tb->cmds[i];
		if (c->nw == 0 || from + c->nw > ln->ntok || (best && c->nw <= best->nw))
			continue;
		const char *s = c->kw;
		bool ok = true;
		for (size_t w = 0; w < c->nw && ok; w++) {
			size_t n = strcspn(s, " ");
			const tc_tok *t = &ln->tok[from + w];
			ok = t->len == n && strncasecmp(t->p, s, n) == 0;
			s += n;
			if (*s == ' ')
				s++;
		}
		if (ok)
			best = c;
	}
	if (!best && tb->n > 0 && tb->cmds[0].nw == 0)
		best = &tb->cmds[0];
	return best;
}

static void cmdtab_finds_the_longest_phrase(void **state)
{
	(void)state;
	static bool ready;
	if (!ready) {
		assert_int_equal(tc_cmdtab_prepare(&tab), 0);
		ready = true;
	}
	static const char *const vocab[] = {
		"crypto",
		"CRYPTO",
		"map",
		"interface",
		"ikev2",
		"IKEV2",
		"profile",
		"ip",
		"Ip",
		"access-list",
		"extended",
		"standard",
		"route",
		"vrf",
		"no",
		"*",
		"x",
		"10.0.0.1",
		"a-very-long-keyword-of-more-than-sixty-three-characters-to-see-what-happens",
		"a-very-long-keyword-of-more-than-sixty-three-characters-to-see-what-happenz",
		"SIXTEEN-LETTERS!",
		"sixteen-letters`",
		"Sixteen-Letters@",
		"seventeen-letters",
		"Seventeen-Letterz",
		"a@[`{",
		"A@[`{",
		"a`{@[",
		"A@[`[",
		"sixteen-letters!x",
	};
	const size_t nv = sizeof vocab / sizeof vocab[0];
	char line[512];
	for (int round = 0; round < 100000; round++) {
		size_t o = 0, nw = 1 + rnd(5);
		for (size_t w = 0; w < nw; w++)
			o += (size_t)snprintf(line + o, sizeof line - o, "%s%s", w ? " " : "",
					      vocab[rnd((unsigned)nv)]);
		tc_line ln;
		tc_line_split(&ln, line, o, 1);
		for (size_t from = 0; from <= ln.ntok; from++)
			assert_ptr_equal(tc_cmdtab_find(&tab, &ln, from),
					 find_ref(&tab, &ln, from));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_matches_reference_on_random_lines),
		cmocka_unit_test(split_keeps_the_first_64_words_of_a_long_line),
		cmocka_unit_test(next_line_matches_reference_on_random_buffers),
		cmocka_unit_test(quad_cache_gives_what_tc_ip_parse_gives),
		cmocka_unit_test(mask_lengths_match_the_model),
		cmocka_unit_test(tok_is_is_case_insensitive_for_letters_only),
		cmocka_unit_test(cmdtab_finds_the_longest_phrase),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
