/* test_render.c: unit tests for render/ on a hand-built model and prediction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "parser.h"
#include "render.h"
#include "tc_test.h"
#include "render_int.h" /* tc_render_domains() */

/* ---- fixture --------------------------------------------------------------
 * ASA, R2, R3 share 5.100.0.0/24 (a three-end link, drawn as a subnet node);
 * R2 and R3 share 10.0.23.0/24 (a direct edge). Domains, deliberately out of
 * order in the prediction:
 *   R2  CMAP 20        -> 198.51.100.7 (outside the snapshot), down, no owner
 *   ASA OUTSIDE_MAP 10 -> peers R3, R2; owner R2, stable
 *   R2  CMAP 10        -> peer ASA; owner ASA, stable */

typedef struct fixture {
	tc_model *m;
	tc_prediction p;
} fixture;

static tc_iface *add_iface(tc_model *m, tc_device *d, const char *name, const char *addr,
			   uint8_t plen, const char *cmap)
{
	tc_iface *i = tc_iface_add(m, d, name);
	i->addr = ip(addr);
	i->plen = plen;
	i->has_addr = true;
	i->cmap = cmap ? tc_arena_strdup(m->arena, cmap) : NULL;
	return i;
}

static tc_entry *add_entry(tc_model *m, tc_device *d, const char *map, unsigned seq,
			   const char *acl, const char *src, const char *dst, const char *peer1,
			   const char *peer2)
{
	tc_ace *ace = tc_ace_add(m, tc_acl_get(m, d, acl));
	ace->permit = true;
	ace->src = pfx(src);
	ace->dst = pfx(dst);
	tc_entry *e = tc_entry_get(m, d, map, seq);
	e->acl_name = tc_arena_strdup(m->arena, acl);
	e->peers[e->npeers++] = ip(peer1);
	if (peer2)
		e->peers[e->npeers++] = ip(peer2);
	return e;
}

static void add_event(tc_arena *a, tc_trace *t, tc_event_kind kind, const tc_device *d,
		      const char *rule, const char *text)
{
	if (!t->events)
		t->events = tc_arena_alloc(a, 16 * sizeof *t->events);
	assert_true(t->nevents < 16);
	tc_event *ev = &t->events[t->nevents++];
	ev->step = (unsigned)t->nevents;
	ev->kind = kind;
	ev->device = d;
	ev->rule = rule;
	ev->text = text;
}

static void set_trace(tc_trace *t, const char *sender, tc_state state, const tc_device *owner,
		      const char *owner_addr, unsigned rounds)
{
	t->first_sender = sender;
	t->state = state;
	t->owner = owner;
	t->has_owner = owner_addr != NULL;
	t->owner_addr = owner_addr ? ip(owner_addr) : 0;
	t->rounds = rounds;
}

static const tc_entry *entry_of(const tc_device *d, const char *map, unsigned seq)
{
	for (const tc_entry *e = d->entries; e; e = e->next)
		if (e->seq == seq && strcmp(e->map, map) == 0)
			return e;
	fail_msg("no entry %s %u", map, seq);
	return NULL;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	tc_model *m = f->m = tc_model_new();
	assert_non_null(m);

	tc_device *r3 = add_device(m, "r3.cfg", TC_DIALECT_IOS, "R3");
	add_iface(m, r3, "GigabitEthernet0/1", "5.100.0.3", 24, NULL);
	add_iface(m, r3, "GigabitEthernet0/0", "10.0.23.3", 24, NULL);

	tc_device *asa = add_device(m, "asa.cfg", TC_DIALECT_ASA, "ASA");
	tc_iface *out = add_iface(m, asa, "GigabitEthernet0/0", "5.100.0.1", 24, "OUTSIDE_MAP");
	out->nameif = tc_arena_strdup(m->arena, "outside");
	tc_iface *in = add_iface(m, asa, "GigabitEthernet0/1", "10.26.15.1", 24, NULL);
	in->nameif = tc_arena_strdup(m->arena, "inside");
	add_entry(m, asa, "OUTSIDE_MAP", 10, "VPN-ACL", "10.26.241.0/24", "195.160.0.0/26",
		  "5.100.0.3", "5.100.0.2");

	tc_device *r2 = add_device(m, "r2.cfg", TC_DIALECT_IOS, "R2");
	add_iface(m, r2, "GigabitEthernet0/1", "5.100.0.2", 24, "CMAP");
	add_iface(m, r2, "GigabitEthernet0/0", "10.0.23.2", 24, NULL);
	add_entry(m, r2, "CMAP", 20, "102", "195.160.0.64/26", "203.0.113.0/24", "198.51.100.7",
		  NULL);
	add_entry(m, r2, "CMAP", 10, "101", "195.160.0.0/26", "10.26.241.0/24", "5.100.0.1", NULL);

	tc_model_diag(m, "r2.cfg", 12, 3, TC_SEV_WARNING, "unknown-line", "\tfrobnicate zap",
		      "unknown command \"zap\"\x01");
	m->unknown_lines = 1;
	assert_int_equal(tc_model_finalize(m), 0);

	tc_prediction *p = &f->p;
	tc_arena *a = p->arena = tc_arena_new();
	assert_non_null(a);
	p->ndomains = 3;
	p->domains = tc_arena_alloc(a, 3 * sizeof *p->domains);
	p->nstate[TC_STATE_STABLE] = 2;
	p->nstate[TC_STATE_DOWN] = 1;

	tc_domain *d = &p->domains[0]; /* R2 CMAP 20: down */
	d->device = r2;
	d->entry = entry_of(r2, "CMAP", 20);
	d->ace = d->entry->acl->aces;
	d->ace_index = 1;
	d->local = pfx("195.160.0.64/26");
	d->remote = pfx("203.0.113.0/24");
	d->state = TC_STATE_DOWN;
	d->summary = "No SA can be built: peer 198.51.100.7 is not reachable.";
	set_trace(&d->traces[0], "local", TC_STATE_DOWN, NULL, NULL, 1);
	add_event(a, &d->traces[0], TC_EV_MATCH, r2, "R1.1", "matches crypto map CMAP 20");
	add_event(a, &d->traces[0], TC_EV_DROP, r2, NULL, "no route to peer 198.51.100.7");
	set_trace(&d->traces[1], "remote", TC_STATE_DOWN, NULL, NULL, 1);
	add_event(a, &d->traces[1], TC_EV_DROP, NULL, NULL, "203.0.113.0/24 has no path back");

	d = &p->domains[1]; /* ASA OUTSIDE_MAP 10: R2 owns it */
	d->device = asa;
	d->entry = entry_of(asa, "OUTSIDE_MAP", 10);
	d->ace = d->entry->acl->aces;
	d->ace_index = 1;
	d->local = pfx("10.26.241.0/24");
	d->remote = pfx("195.160.0.0/26");
	d->owner = r2;
	d->owner_addr = ip("5.100.0.2");
	d->has_owner_addr = true;
	d->state = TC_STATE_STABLE;
	const char **seen = tc_arena_alloc(a, 2 * sizeof *seen);
	seen[0] = "R2";
	seen[1] = "R3";
	d->owners_seen = seen;
	d->nowners_seen = 2;
	static const char *const r2_owns[] = {"R2"};
	d->owners = r2_owns;
	d->nowners = 1;
	d->summary = "R2 owns the domain: the return path runs through it.";
	set_trace(&d->traces[0], "local", TC_STATE_STABLE, r2, "5.100.0.2", 2);
	add_event(a, &d->traces[0], TC_EV_SEND, NULL, NULL, "10.26.241.1 sends to 195.160.0.1");
	add_event(a, &d->traces[0], TC_EV_MATCH, asa, "R1.1", "matches crypto map OUTSIDE_MAP 10");
	add_event(a, &d->traces[0], TC_EV_INITIATE, asa, "R3.1", "initiates IKE to 5.100.0.3 (R3)");
	add_event(a, &d->traces[0], TC_EV_SA_UP, r3, NULL, "SA up between ASA and R3");
	add_event(a, &d->traces[0], TC_EV_INITIATE, r2, "R3.1",
		  "R2 says \"hello\" \\ back\tslash\x01");
	add_event(a, &d->traces[0], TC_EV_SA_DROP, asa, "R4.3", "drops the older SA with R3");
	set_trace(&d->traces[1], "remote", TC_STATE_STABLE, r2, "5.100.0.2", 1);
	add_event(a, &d->traces[1], TC_EV_SEND, NULL, NULL, "195.160.0.1 sends to 10.26.241.1");
	add_event(a, &d->traces[1], TC_EV_INITIATE, r2, "R3.1", "initiates IKE to 5.100.0.1 (ASA)");
	add_event(a, &d->traces[1], TC_EV_SA_UP, asa, NULL, "SA up between R2 and ASA");

	d = &p->domains[2]; /* R2 CMAP 10: ASA owns it */
	d->device = r2;
	d->entry = entry_of(r2, "CMAP", 10);
	d->ace = d->entry->acl->aces;
	d->ace_index = 1;
	d->local = pfx("195.160.0.0/26");
	d->remote = pfx("10.26.241.0/24");
	d->owner = asa;
	d->owner_addr = ip("5.100.0.1");
	d->has_owner_addr = true;
	d->state = TC_STATE_STABLE;
	seen = tc_arena_alloc(a, sizeof *seen);
	seen[0] = "ASA";
	d->owners_seen = seen;
	d->nowners_seen = 1;
	static const char *const asa_owns[] = {"ASA"};
	d->owners = asa_owns;
	d->nowners = 1;
	d->summary = "ASA is the only peer.";
	set_trace(&d->traces[0], "local", TC_STATE_STABLE, asa, "5.100.0.1", 1);
	add_event(a, &d->traces[0], TC_EV_SA_UP, r2, NULL, "SA up between R2 and ASA");
	set_trace(&d->traces[1], "remote", TC_STATE_STABLE, asa, "5.100.0.1", 1);
	add_event(a, &d->traces[1], TC_EV_SA_UP, asa, NULL, "SA up between ASA and R2");

	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	tc_arena_free(f->p.arena); /* hand-built: no tc_prediction_free() */
	tc_model_free(f->m);
	free(f);
	return 0;
}

/* ---- helpers ------------------------------------------------------------ */

typedef int (*renderer)(FILE *, const tc_model *, const tc_prediction *, const tc_render_opts *);

/* All of f's contents, NUL-terminated; closes f. free() the result.
 * (A tmpfile, not open_memstream: GCC 12 -O2 warns that the memstream
 * buffer dangles when capture() is inlined.) */
static char *slurp(FILE *f)
{
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Everything fn writes; free() it. */
static char *capture(renderer fn, const tc_model *m, const tc_prediction *p,
		     const tc_render_opts *o)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fn(f, m, p, o), 0);
	return slurp(f);
}

static char *capture_diags(const tc_model *m)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	tc_render_diags(f, m);
	return slurp(f);
}

/* The DOT statement (up to its ';') that contains needle, copied; free() it. */
static char *dot_statement(const char *dot, const char *needle)
{
	const char *s = strstr(dot, needle);
	if (!s)
		fail_msg("no statement with %s in:\n%s", needle, dot);
	const char *e = strchr(s, ';');
	assert_non_null(e);
	return strndup(s, (size_t)(e - s));
}

/* The first DOT statement that starts with head and contains needle; free() it. */
static char *dot_statement_with(const char *dot, const char *head, const char *needle)
{
	for (const char *s = strstr(dot, head); s; s = strstr(s + 1, head)) {
		const char *e = strchr(s, ';');
		assert_non_null(e);
		char *st = strndup(s, (size_t)(e - s));
		if (strstr(st, needle))
			return st;
		free(st);
	}
	fail_msg("no statement %s... with %s in:\n%s", head, needle, dot);
	return NULL;
}

/* Offset of needle's first occurrence (fails when absent). */
static size_t at(const char *hay, const char *needle)
{
	const char *s = strstr(hay, needle);
	if (!s)
		fail_msg("missing \"%s\" in:\n%s", needle, hay);
	return (size_t)(s - hay);
}

/* The DOT statement with needle contains want. */
static void statement_has(const char *dot, const char *needle, const char *want)
{
	char *st = dot_statement(dot, needle);
	at(st, want);
	free(st);
}

/* A minimal recursive-descent JSON (RFC 8259) validator. */
static void json_ws(const char **s)
{
	while (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r')
		(*s)++;
}

static bool json_value(const char **s, int depth);

static bool json_string_ok(const char **s)
{
	if (**s != '"')
		return false;
	for ((*s)++; **s != '"'; (*s)++) {
		unsigned char c = (unsigned char)**s;
		if (c < 0x20)
			return false; /* includes the terminating NUL */
		if (c != '\\')
			continue;
		(*s)++;
		if (**s == 'u') {
			for (int i = 0; i < 4; i++) {
				(*s)++;
				if (!strchr("0123456789abcdefABCDEF", **s) || !**s)
					return false;
			}
		} else if (!**s || !strchr("\"\\/bfnrt", **s)) {
			return false;
		}
	}
	(*s)++;
	return true;
}

static bool json_digits(const char **s)
{
	if (**s < '0' || **s > '9')
		return false;
	while (**s >= '0' && **s <= '9')
		(*s)++;
	return true;
}

static bool json_number(const char **s)
{
	if (**s == '-')
		(*s)++;
	if (**s == '0')
		(*s)++;
	else if (!json_digits(s))
		return false;
	if (**s == '.') {
		(*s)++;
		if (!json_digits(s))
			return false;
	}
	if (**s == 'e' || **s == 'E') {
		(*s)++;
		if (**s == '+' || **s == '-')
			(*s)++;
		if (!json_digits(s))
			return false;
	}
	return true;
}

static bool json_container(const char **s, int depth, char close)
{
	(*s)++;
	json_ws(s);
	if (**s == close) {
		(*s)++;
		return true;
	}
	for (;;) {
		json_ws(s);
		if (close == '}') {
			if (!json_string_ok(s))
				return false;
			json_ws(s);
			if (**s != ':')
				return false;
			(*s)++;
		}
		if (!json_value(s, depth + 1))
			return false;
		json_ws(s);
		if (**s == close) {
			(*s)++;
			return true;
		}
		if (**s != ',')
			return false;
		(*s)++;
	}
}

static bool json_value(const char **s, int depth)
{
	if (depth > 64)
		return false;
	json_ws(s);
	switch (**s) {
	case '{':
		return json_container(s, depth, '}');
	case '[':
		return json_container(s, depth, ']');
	case '"':
		return json_string_ok(s);
	case 't':
		return strncmp(*s, "true", 4) == 0 && (*s += 4, true);
	case 'f':
		return strncmp(*s, "false", 5) == 0 && (*s += 5, true);
	case 'n':
		return strncmp(*s, "null", 4) == 0 && (*s += 4, true);
	default:
		return json_number(s);
	}
}

static bool json_valid(const char *text)
{
	const char *s = text;
	if (!json_value(&s, 0))
		return false;
	json_ws(&s);
	return *s == '\0';
}

/* ---- text --------------------------------------------------------------- */

static void text_header_counts_devices_domains_states_and_diagnostics(void **state)
{
	fixture *f = *state;
	char *t = capture(tc_render_text, f->m, &f->p, NULL);
	assert_int_equal(at(t,
			    "tunnelcast prediction: 3 devices, 3 domains (2 stable, 0 standby, "
			    "0 oscillating, 0 one-way, 1 down); 1 diagnostic (1 unknown line)\n"),
			 0);
	free(t);
}

static void text_table_rows_are_sorted_and_columns_aligned(void **state)
{
	fixture *f = *state;
	char *t = capture(tc_render_text, f->m, &f->p, NULL);
	size_t hdr = at(t, "\n#  DEVICE  MAP          SEQ  LOCAL");
	size_t asa = at(t, "\n1  ASA     OUTSIDE_MAP  10   10.26.241.0/24");
	size_t r2a = at(t, "\n2  R2      CMAP         10   195.160.0.0/26");
	size_t r2b = at(t, "\n3  R2      CMAP         20   195.160.0.64/26");
	assert_true(hdr < asa && asa < r2a && r2a < r2b);

	/* peers in preference order, named when a device holds the address */
	at(t, "  5.100.0.3 (R3), 5.100.0.2 (R2)  R2     stable\n");
	at(t, "  198.51.100.7                    -      down\n");

	/* STATE starts at the same column in the header and every row */
	const char *h = t + hdr + 1, *row = t + asa + 1;
	size_t col = (size_t)(strstr(h, "STATE") - h);
	assert_memory_equal(row + col, "stable", 6);
	free(t);
}

static void text_section_has_summary_numbered_trace_and_other_ordering(void **state)
{
	fixture *f = *state;
	char *t = capture(tc_render_text, f->m, &f->p, NULL);
	size_t head = at(t, "\n1. ASA OUTSIDE_MAP 10 line 1: 10.26.241.0/24 -> 195.160.0.0/26\n"
			    "  id: ASA:OUTSIDE_MAP:10:10.26.241.0/24>195.160.0.0/26\n"
			    "  R2 owns the domain: the return path runs through it.\n"
			    "  owners seen: R2, R3\n"
			    "  1. 10.26.241.1 sends to 195.160.0.1\n"
			    "  2. [ASA] matches crypto map OUTSIDE_MAP 10  (R1.1)\n");
	size_t drop = at(t, "  6. [ASA] drops the older SA with R3  (R4.3)\n"
			    "  If 195.160.0.0/26 sends first: stable, owner R2 "
			    "(3 events; use --verbose to see them)\n");
	assert_true(head < drop);
	/* control bytes from the input never reach the terminal */
	at(t, "  5. [R2] R2 says \"hello\" \\ back slash?  (R3.1)\n");
	at(t, "  owners seen: none\n");
	at(t, "  If 203.0.113.0/24 sends first: down, no owner (1 event; use --verbose");
	/* the remote-first trace itself is hidden */
	assert_null(strstr(t, "195.160.0.1 sends to 10.26.241.1"));
	free(t);
}

static void text_verbose_prints_both_orderings(void **state)
{
	fixture *f = *state;
	tc_render_opts o = {.verbose = true};
	char *t = capture(tc_render_text, f->m, &f->p, &o);
	at(t, "  If 195.160.0.0/26 sends first: stable, owner R2 (3 events):\n"
	      "  1. 195.160.0.1 sends to 10.26.241.1\n"
	      "  2. [R2] initiates IKE to 5.100.0.1 (ASA)  (R3.1)\n"
	      "  3. [ASA] SA up between R2 and ASA\n");
	assert_null(strstr(t, "--verbose"));
	free(t);
}

static void text_uses_ansi_colour_only_when_asked(void **state)
{
	fixture *f = *state;
	char *plain = capture(tc_render_text, f->m, &f->p, NULL);
	assert_null(strchr(plain, '\033'));
	tc_render_opts o = {.color = true};
	char *color = capture(tc_render_text, f->m, &f->p, &o);
	at(color, "\033[32mstable\033[0m");
	at(color, "\033[31mdown\033[0m");
	free(plain);
	free(color);
}

/* ---- domain IDs ---------------------------------------------------------- */

static void domain_id_is_device_map_seq_and_proxy_pair(void **state)
{
	fixture *f = *state;
	char id[TC_DOMAIN_ID_MAX];
	assert_string_equal(tc_render_domain_id(id, sizeof id, &f->p.domains[1]),
			    "ASA:OUTSIDE_MAP:10:10.26.241.0/24>195.160.0.0/26");
	assert_string_equal(tc_render_domain_id(id, sizeof id, &f->p.domains[0]),
			    "R2:CMAP:20:195.160.0.64/26>203.0.113.0/24");
	/* a short buffer truncates but stays a string */
	char small[8];
	assert_string_equal(tc_render_domain_id(small, sizeof small, &f->p.domains[1]), "ASA:OUT");
	tc_domain bare = {0};
	assert_string_equal(tc_render_domain_id(id, sizeof id, &bare), "-:-:-:0.0.0.0/0>0.0.0.0/0");
}

static void domain_find_takes_row_number_id_or_id_with_line(void **state)
{
	fixture *f = *state;
	const tc_domain *d = NULL;
	char err[256];
	/* rows follow the sorted table: ASA, R2 CMAP 10, R2 CMAP 20 */
	assert_int_equal(tc_render_domain_find(&d, &f->p, "1", err, sizeof err), 0);
	assert_ptr_equal(d, &f->p.domains[1]);
	assert_int_equal(tc_render_domain_find(&d, &f->p, "3", err, sizeof err), 0);
	assert_ptr_equal(d, &f->p.domains[0]);
	assert_int_equal(tc_render_domain_find(&d, &f->p,
					       "R2:CMAP:10:195.160.0.0/26>10.26.241.0/24", err,
					       sizeof err),
			 0);
	assert_ptr_equal(d, &f->p.domains[2]);
	assert_int_equal(tc_render_domain_find(&d, &f->p,
					       "R2:CMAP:10:195.160.0.0/26>10.26.241.0/24#1", err,
					       sizeof err),
			 0);
	assert_ptr_equal(d, &f->p.domains[2]);
	/* every ID round-trips */
	for (size_t i = 0; i < f->p.ndomains; i++) {
		char id[TC_DOMAIN_ID_MAX];
		tc_render_domain_id(id, sizeof id, &f->p.domains[i]);
		assert_int_equal(tc_render_domain_find(&d, &f->p, id, err, sizeof err), 0);
		assert_ptr_equal(d, &f->p.domains[i]);
	}
}

static void domain_find_rejects_unknown_ids_and_out_of_range_rows(void **state)
{
	fixture *f = *state;
	const tc_domain *d = &f->p.domains[0];
	char err[256];
	const char *bad[] = {"0",
			     "4",
			     "",
			     "R2",
			     "R2:CMAP:10:195.160.0.0/26>10.26.241.0/24#2",
			     "r2:cmap:10:195.160.0.0/26>10.26.241.0/24",
			     "-1",
			     "1x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(tc_render_domain_find(&d, &f->p, bad[i], err, sizeof err),
				 TC_ENOTFOUND);
		assert_null(d);
		at(err, "use a row number (1 to 3)");
	}
	assert_int_equal(tc_render_domain_find(&d, NULL, "1", err, sizeof err), TC_ENOTFOUND);
}

static void domain_find_asks_for_the_line_when_an_id_is_ambiguous(void **state)
{
	fixture *f = *state;
	const tc_domain *d = NULL;
	char err[256];
	/* a second permit line of ASA's ACL with the same proxy pair (say, udp) */
	tc_domain *twin = &f->p.domains[0];
	*twin = f->p.domains[1];
	twin->ace_index = 2;
	const char *id = "ASA:OUTSIDE_MAP:10:10.26.241.0/24>195.160.0.0/26";
	assert_int_equal(tc_render_domain_find(&d, &f->p, id, err, sizeof err), TC_ERROR);
	assert_null(d);
	at(err, "names 2 permit lines; add #LINE");
	assert_int_equal(tc_render_domain_find(&d, &f->p,
					       "ASA:OUTSIDE_MAP:10:10.26.241.0/24>195.160.0.0/26#2",
					       err, sizeof err),
			 0);
	assert_ptr_equal(d, twin);
}

/* The OWNER column: alternating owners joined by U+21C4 and padded by display
 * width (5 columns, 7 bytes), an owner outside the snapshot marked; the STATE
 * column says whether a standby domain takes over. */
static void text_owner_and_state_cells_cannot_be_misread(void **state)
{
	fixture *f = *state;
	static const char *const alternating[] = {"R2", "R3"};
	tc_domain *asa = &f->p.domains[1], *r2 = &f->p.domains[2], *down = &f->p.domains[0];
	asa->state = TC_STATE_OSCILLATING;
	asa->owner = NULL;
	asa->has_owner_addr = false;
	asa->owners = alternating;
	asa->nowners = 2;
	static const char *const fails[] = {"R3", "link 5.100.34.0/24"};
	static const char *const one_way[] = {"R4"};
	r2->state = TC_STATE_STANDBY;
	r2->owner = NULL;
	r2->has_owner_addr = false;
	r2->owners = NULL;
	r2->nowners = 0;
	r2->takeover = fails;
	r2->ntakeover = 2;
	r2->takeover_one_way = one_way;
	r2->ntakeover_one_way = 1;
	down->owner_addr = ip("198.51.100.7");
	down->has_owner_addr = true;
	down->assumed = true;
	char *t = capture(tc_render_text, f->m, &f->p, NULL);
	/* "R2⇄R3" is 5 columns wide (7 bytes): padded like "-" */
	at(t, "  OWNER                   STATE\n");
	at(t, "  R2⇄R3                   oscillating\n");
	at(t, "  198.51.100.7 (assumed)  down\n");
	at(t, "  -                       standby, takes over if R3 or link 5.100.34.0/24 fails; "
	      "takes over one way only if R4 fails\n");
	free(t);
	char *j = capture(tc_render_json, f->m, &f->p, NULL);
	assert_true(json_valid(j));
	at(j,
	   "\"owners\": [\n        \"R2\",\n        \"R3\"\n      ],\n      \"assumed\": false,\n"
	   "      \"state\": \"oscillating\"");
	at(j, "\"state\": \"standby\",\n      \"takeover\": [\n        \"R3\",\n"
	      "        \"link 5.100.34.0/24\"\n      ],\n      \"takeover_one_way\": [\n"
	      "        \"R4\"\n      ],");
	/* a down domain lists no owners, even with an SA's peer in owner_address */
	at(j, "\"owner_address\": \"198.51.100.7\",\n      \"owners\": [],\n"
	      "      \"assumed\": true,");
	free(j);
	r2->ntakeover = r2->ntakeover_one_way = 0;
	t = capture(tc_render_text, f->m, &f->p, NULL);
	at(t, "  standby, never used\n");
	free(t);
}

/* ---- JSON --------------------------------------------------------------- */

static void json_is_valid_and_names_owner_or_null(void **state)
{
	fixture *f = *state;
	char *j = capture(tc_render_json, f->m, &f->p, NULL);
	assert_true(json_valid(j));
	assert_int_equal(at(j, "{\n  \"tool\": \"tunnelcast\",\n  \"version\": \""), 0);
	at(j, "\"owner\": \"R2\",\n      \"owner_address\": \"5.100.0.2\",\n"
	      "      \"owners\": [\n        \"R2\"\n      ],\n      \"assumed\": false,\n"
	      "      \"state\": \"stable\"");
	at(j, "\"owner\": null,\n      \"owner_address\": null,\n      \"owners\": [],\n"
	      "      \"assumed\": false,\n      \"state\": \"down\"");
	at(j,
	   "\"summary\": {\n    \"devices\": 3,\n    \"domains\": 3,\n    \"stable\": 2,\n"
	   "    \"standby\": 0,\n    \"oscillating\": 0,\n    \"one_way\": 0,\n    \"down\": 1,\n"
	   "    \"diagnostics\": 1,\n    \"suppressed\": 0,\n    \"unknown_lines\": 1\n  }");
	at(j, "\"peers\": [\n        \"5.100.0.3\",\n        \"5.100.0.2\"\n      ]");
	at(j, "\"owners_seen\": [],");
	at(j, "\"first_sender\": \"remote\"");
	at(j, "\"nameif\": null");
	at(j, "\"address\": \"5.100.0.1/24\"");
	at(j, "\"subnet\": \"5.100.0.0/24\"");
	at(j, "{\n      \"id\": \"ASA:OUTSIDE_MAP:10:10.26.241.0/24>195.160.0.0/26\",\n"
	      "      \"device\": \"ASA\",");
	/* domains in sorted order */
	assert_true(at(j, "\"crypto_map\": \"OUTSIDE_MAP\"") < at(j, "\"acl\": \"101\""));
	assert_true(at(j, "\"acl\": \"101\"") < at(j, "\"acl\": \"102\""));
	free(j);
}

/* How often needle occurs in hay. */
static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *s = strstr(hay, needle); s; s = strstr(s + 1, needle))
		n++;
	return n;
}

/* format_version 2 (README, JSON output): each trace once, in orderings; an event or a part on
 * one line, the keys an event lacks absent rather than null. */
static void json_writes_each_trace_once_an_event_or_part_a_line(void **state)
{
	fixture *f = *state;
	tc_domain *down = &f->p.domains[0];
	tc_part part = {.local = pfx("195.160.0.64/27"),
			.remote = pfx("203.0.113.0/24"),
			.via = down->device};
	down->parts = &part;
	down->nparts = 1;
	char *j = capture(tc_render_json, f->m, &f->p, NULL);
	/* the domains written by two threads: the same bytes */
	char *j2 = capture(tc_render_json, f->m, &f->p, &(tc_render_opts){.jobs = 2});
	down->parts = NULL;
	down->nparts = 0;
	assert_string_equal(j2, j);
	free(j2);
	assert_true(json_valid(j));
	at(j, "\"format_version\": 2,");
	/* two orderings per domain, one "events" each: 3 domains */
	assert_int_equal(count(j, "\"events\""), 6);
	assert_int_equal(count(j, "matches crypto map CMAP 20"), 1);
	at(j, "      \"parts\": [\n"
	      "        {\"local\": \"195.160.0.64/27\", \"remote\": \"203.0.113.0/24\", "
	      "\"service\": null, \"via\": \"R2\", \"via_peer\": null, \"forward_via\": null, "
	      "\"forward_peer\": null, \"forward_delivered\": false, \"return_delivered\": false}\n"
	      "      ],\n"
	      "      \"orderings\": [\n");
	at(j, "          \"rounds\": 1,\n          \"events\": [\n"
	      "            {\"step\": 1, \"device\": \"R2\", \"kind\": \"match\", "
	      "\"rule\": \"R1.1\", \"text\": \"matches crypto map CMAP 20\"},\n"
	      "            {\"step\": 2, \"device\": \"R2\", \"kind\": \"drop\", "
	      "\"text\": \"no route to peer 198.51.100.7\"}\n          ]\n");
	/* no device (nor rule): the keys are absent */
	at(j, "{\"step\": 1, \"kind\": \"drop\", \"text\": \"203.0.113.0/24 has no path back\"}");
	assert_null(strstr(j, ": null, \"kind\""));
	assert_null(strstr(j, "\"rule\": null"));
	free(j);
}

static void json_escapes_quotes_backslashes_and_control_chars(void **state)
{
	fixture *f = *state;
	char *j = capture(tc_render_json, f->m, &f->p, NULL);
	at(j, "\"text\": \"R2 says \\\"hello\\\" \\\\ back\\u0009slash\\u0001\"");
	/* the model keeps diagnostics printable: tc_model_diag() made the \x01 a '?' */
	at(j, "\"message\": \"unknown command \\\"zap\\\"?\"");
	free(j);
}

static void json_diagnostics_carry_message_but_not_source_line(void **state)
{
	fixture *f = *state;
	char *j = capture(tc_render_json, f->m, &f->p, NULL);
	at(j, "\"file\": \"r2.cfg\",\n      \"line\": 12,\n      \"column\": 3,\n"
	      "      \"severity\": \"warning\",\n      \"code\": \"unknown-line\"");
	assert_null(strstr(j, "frobnicate"));
	free(j);
}

/* ---- DOT and diagrams --------------------------------------------------- */

/* The picture o asks for, as text (DOT, or xdot when o->format says so). */
static char *capture_graph(const tc_model *m, const tc_prediction *p, const tc_diagram_opts *o)
{
	char err[256];
	FILE *f = tmpfile();
	assert_non_null(f);
	if (tc_render_graph(f, m, p, o, err, sizeof err) != 0)
		fail_msg("tc_render_graph: %s", err);
	return slurp(f);
}

static void dot_colours_tunnels_by_state_owner_bold_listed_dashed_with_order(void **state)
{
	fixture *f = *state;
	char *d = capture(tc_render_dot, f->m, &f->p, NULL);
	at(d, "graph tunnelcast {");
	/* R2 is the ASA's 2nd peer and owns the domain: solid, bold, green */
	char *owner = dot_statement(d, "ASA -- R2\t[");
	at(owner, "style=\"solid,bold\"");
	at(owner, "color=\"#1a7f37\"");
	at(owner, "constraint=false");
	at(owner, "label=\"10.26.241.0/24 ⇄ 195.160.0.0/26 · 2nd peer\"");
	/* R3, listed 1st, does not own it: dashed, same state colour */
	char *listed = dot_statement(d, "ASA -- R3\t[");
	at(listed, "style=dashed");
	at(listed, "color=\"#1a7f37\"");
	at(listed, "label=\"10.26.241.0/24 ⇄ 195.160.0.0/26 · 1st peer\"");
	/* a down domain toward a peer outside the snapshot: red, dashed, an address node */
	char *down = dot_statement(d, "R2 -- \"peer_198.51.100.7\"\t[");
	at(down, "color=\"#cf222e\"");
	at(down, "style=dashed");
	at(down, "label=\"195.160.0.64/26 ⇄ 203.0.113.0/24\"");
	at(d, "<B>198.51.100.7</B><BR/><FONT POINT-SIZE=\"9\" COLOR=\"#57606a\">peer outside the "
	      "snapshot</FONT>");
	/* no layout in DOT text */
	assert_null(strstr(d, "pos="));
	assert_null(strstr(d, "bb="));
	free(owner);
	free(listed);
	free(down);
	free(d);
}

static void dot_merges_mirrored_domains_into_one_tunnel(void **state)
{
	fixture *f = *state;
	/* ASA OUTSIDE_MAP 10 (owner R2) and R2 CMAP 10 (owner ASA) are one SA */
	char *d = capture(tc_render_dot, f->m, &f->p, NULL);
	size_t first = at(d, "ASA -- R2\t[");
	assert_null(strstr(d + first + 1, "ASA -- R2\t["));
	assert_null(strstr(d, "R2 -- ASA"));
	free(d);
}

static void dot_groups_devices_by_site_with_transit_apart(void **state)
{
	fixture *f = *state;
	char *d = capture(tc_render_dot, f->m, &f->p, NULL);
	/* ASA and R2 protect different networks: two sites; R3 is neither */
	size_t c0 = at(d, "subgraph cluster_0 {");
	size_t asa = at(d, "\t\tASA\t[");
	size_t c1 = at(d, "subgraph cluster_1 {");
	size_t r2 = at(d, "\t\tR2\t[");
	size_t c2 = at(d, "subgraph cluster_2 {");
	size_t r3 = at(d, "\t\tR3\t[");
	assert_true(c0 < asa && asa < c1 && c1 < r2 && r2 < c2 && c2 < r3);
	at(d, "label=<site ASA>");
	at(d, "label=<site R2>");
	char *transit = dot_statement(d + c2, "label=<transit>");
	free(transit);
	/* a gateway lists its local networks coloured by state; a hub says so */
	char *hub = dot_statement(d, "\t\tASA\t[");
	at(hub, "<B>ASA</B><BR/><FONT POINT-SIZE=\"9\" COLOR=\"#57606a\">asa · hub</FONT>"
		"<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#1a7f37\">10.26.241.0/24</FONT>");
	at(hub, "penwidth=2");
	free(hub);
	char *gw = dot_statement(d, "\t\tR2\t[");
	at(gw, "ios · gateway");
	at(gw, "COLOR=\"#1a7f37\">195.160.0.0/26</FONT>");
	at(gw, "COLOR=\"#cf222e\">195.160.0.64/26</FONT>");
	free(gw);
	/* links: a three-end subnet becomes a node, a two-end one a direct edge */
	at(d, "\"link_5.100.0.0/24\"");
	char *spoke = dot_statement(d, "\"link_5.100.0.0/24\" -- R3");
	at(spoke, "label=\"5.100.0.3\"");
	free(spoke);
	char *direct = dot_statement(d, "R2 -- R3");
	at(direct, "label=\"10.0.23.0/24\"");
	at(direct, "minlen=0"); /* same distance from the hub: may share a rank */
	free(direct);
	/* title with the counts, and the legend */
	at(d, "<B>3 devices, 3 domains: 2 stable, 1 down</B>");
	at(d, "owner's tunnel");
	free(d);
}

static void dot_escapes_config_text_in_labels(void **state)
{
	fixture *f = *state;
	tc_device *r3 = (tc_device *)tc_device_find(f->m, "R3");
	r3->hostname = "R3<b>&\"x\\N";
	char *d = capture(tc_render_dot, f->m, &f->p, NULL);
	at(d, "<B>R3&lt;b&gt;&amp;&quot;x\\N</B>");
	assert_null(strstr(d, "<B>R3<b>")); /* (the node ID itself is a quoted DOT string) */
	free(d);
	/* plain labels and node IDs write '&' and backslashes as entities, which Graphviz
	 * decodes before its own escapes (in a label, two &#92; make one escaped backslash):
	 * "\N" must not become the node name, "&bogus;" must not reach the SVG as an entity, a
	 * trailing backslash must not end a DOT string */
	f->p.domains[1].state = TC_STATE_OSCILLATING;
	tc_part *parts = tc_arena_alloc(f->p.arena, 2 * sizeof *parts);
	parts[0] = (tc_part){.local = pfx("10.26.241.0/25"),
			     .remote = pfx("195.160.0.0/26"),
			     .via = r3,
			     .rev_peer = f->p.domains[1].device};
	parts[1] = parts[0];
	f->p.domains[1].parts = parts;
	f->p.domains[1].nparts = 2;
	d = capture(tc_render_dot, f->m, &f->p, NULL);
	at(d, "returns via R3<b>&amp;\\\"x&#92;&#92;N");
	at(d, "\"R3<b>&amp;\\\"x&#92;N\"\t[label=<"); /* the node's ID */
	free(d);
}

static void dot_oscillating_domain_shows_each_owner_with_its_sub_range(void **state)
{
	fixture *f = *state;
	tc_domain *d = &f->p.domains[1]; /* ASA: peers R3, R2 */
	const tc_device *r2 = tc_device_find(f->m, "R2"), *r3 = tc_device_find(f->m, "R3");
	d->state = TC_STATE_OSCILLATING;
	f->p.domains[2].state = TC_STATE_OSCILLATING;
	tc_part *parts = tc_arena_alloc(f->p.arena, 2 * sizeof *parts);
	parts[0] = (tc_part){.local = pfx("10.26.241.0/25"),
			     .remote = pfx("195.160.0.0/26"),
			     .via = r2,
			     .rev_peer = d->device,
			     .fwd_via = d->device,
			     .fwd_peer = r3};
	parts[1] = (tc_part){.local = pfx("10.26.241.128/25"),
			     .remote = pfx("195.160.0.0/26"),
			     .via = r3,
			     .rev_peer = d->device,
			     .fwd_via = d->device,
			     .fwd_peer = r2};
	d->parts = parts;
	d->nparts = 2;
	char *dot = capture(tc_render_dot, f->m, &f->p, NULL);
	char *to_r2 = dot_statement(dot, "ASA -- R2\t[");
	at(to_r2, "color=\"#bf8700\"");
	at(to_r2, "style=\"solid,bold\"");
	at(to_r2, "10.26.241.0/25 ⇄ 195.160.0.0/26 · returns via R2");
	char *to_r3 = dot_statement(dot, "ASA -- R3\t[");
	at(to_r3, "style=\"solid,bold\"");
	at(to_r3, "10.26.241.128/25 ⇄ 195.160.0.0/26 · returns via R3");
	assert_null(strstr(to_r3, "10.26.241.0/25"));
	free(to_r2);
	free(to_r3);
	free(dot);

	/* without parts: a tunnel to every owner seen */
	d->parts = NULL;
	d->nparts = 0;
	dot = capture(tc_render_dot, f->m, &f->p, NULL);
	to_r3 = dot_statement(dot, "ASA -- R3\t[");
	at(to_r3, "style=\"solid,bold\"");
	at(to_r3, "10.26.241.0/24 ⇄ 195.160.0.0/26 · 1st peer");
	free(to_r3);
	free(dot);
}

static void dot_of_one_domain_draws_only_its_tunnels(void **state)
{
	fixture *f = *state;
	tc_diagram_opts o = {.domain = &f->p.domains[0]}; /* R2 CMAP 20, down */
	char *d = capture_graph(f->m, &f->p, &o);
	at(d, "R2 -- \"peer_198.51.100.7\"");
	assert_null(strstr(d, "⇄ 195.160.0.0/26")); /* the ASA's domain is not drawn */
	at(d, "3. R2:CMAP:20:195.160.0.64/26&gt;203.0.113.0/24: down, no owner");
	free(d);
}

/* The fixture's ASA domain gets a trace of the founding lab's shape:
 * ASA brings up an SA with R3, R2 brings one up with the ASA, the ASA
 * drops R3's. With structured detail, or with only predict.c's sentences
 * (which the renderer must not parse). */
static void lab_trace(fixture *f, bool structured)
{
	tc_domain *d = &f->p.domains[1];
	const tc_device *asa = tc_device_find(f->m, "ASA"), *r2 = tc_device_find(f->m, "R2"),
			*r3 = tc_device_find(f->m, "R3");
	tc_prefix l = pfx("10.26.241.0/24"), r = pfx("195.160.0.0/26");
	tc_trace *t = &d->traces[0];
	t->nevents = 0;
	t->events = NULL;
	add_event(f->p.arena, t, TC_EV_SEND, asa, NULL, "ASA sends 10.26.241.1 -> 195.160.0.1");
	add_event(f->p.arena, t, TC_EV_INITIATE, asa, "R3.1",
		  "ASA initiates IKEv1 to 5.100.0.3 (R3), peer 1 of 2 in crypto map OUTSIDE_MAP "
		  "10, for 10.26.241.0/24 <-> 195.160.0.0/26");
	add_event(f->p.arena, t, TC_EV_SA_UP, asa, "R4.1",
		  "phase-2 SA up: 10.26.241.0/24 <-> 195.160.0.0/26 between ASA and R3 (R3 "
		  "accepts as responder with crypto map CMAP 10)");
	add_event(f->p.arena, t, TC_EV_DECRYPT, r3, NULL, "R3 decrypts it (SA with ASA)");
	add_event(f->p.arena, t, TC_EV_FORWARD, NULL, NULL, "routed in clear: R3 -> R2");
	add_event(f->p.arena, t, TC_EV_INITIATE, r2, "R3.1",
		  "R2 initiates IKEv1 to 5.100.0.1 (ASA), peer 1 of 1 in crypto map CMAP 10, for "
		  "195.160.0.0/26 <-> 10.26.241.0/24");
	add_event(f->p.arena, t, TC_EV_SA_UP, r2, "R4.1",
		  "phase-2 SA up: 195.160.0.0/26 <-> 10.26.241.0/24 between R2 and ASA (ASA "
		  "accepts as responder with crypto map OUTSIDE_MAP 10)");
	add_event(f->p.arena, t, TC_EV_SA_DROP, asa, "R4.3",
		  "ASA drops only its phase-2 SA for 10.26.241.0/24 <-> 195.160.0.0/26 with "
		  "5.100.0.3 (R3): R2 brought up an SA for the same proxy pair");
	add_event(f->p.arena, t, TC_EV_SA_DROP, r3, "R4.3",
		  "R3 deletes its SA for 195.160.0.0/26 <-> 10.26.241.0/24 on ASA's IKE delete");
	if (!structured)
		return;
	tc_event *ev = t->events;
	static const tc_device *hops[2];
	hops[0] = r3;
	hops[1] = r2;
	ev[1].peer = r3;
	ev[1].peer_addr = ip("5.100.0.3");
	ev[1].has_peer_addr = true;
	ev[2].peer = r3;
	ev[2].local = l, ev[2].remote = r, ev[2].has_proxy = true;
	ev[3].peer = asa;
	ev[4].hops = hops;
	ev[4].nhops = 2;
	ev[5].peer = asa;
	ev[6].peer = asa;
	ev[6].local = r, ev[6].remote = l, ev[6].has_proxy = true;
	ev[7].peer = r3;
	ev[7].local = l, ev[7].remote = r, ev[7].has_proxy = true;
	ev[8].peer = asa;
	ev[8].local = r, ev[8].remote = l, ev[8].has_proxy = true;
	/* a text that disagrees proves the fields are what is read */
	for (size_t i = 1; i < t->nevents; i++)
		ev[i].text = "(structured)";
}

static char *step_dot(fixture *f, size_t step)
{
	tc_diagram_opts o = {.domain = &f->p.domains[1], .step = step};
	return capture_graph(f->m, &f->p, &o);
}

static void check_lab_steps(fixture *f)
{
	assert_int_equal(tc_render_nsteps(&f->p.domains[1]), 9);
	/* after 2: IKE toward R3, no SA yet; R2 is a listed peer */
	char *d = step_dot(f, 2);
	char *ike = dot_statement_with(d, "ASA -- R3\t[", "IKE");
	at(ike, "dir=forward");
	at(ike, "▶ 2 IKE");
	at(ike, "color=\"#bc4c00\"");
	assert_null(strstr(d, "SA up at"));
	at(d, "2nd peer, no SA");
	free(ike);
	free(d);
	/* after 4: the SA with R3 is up and the packet went through it */
	d = step_dot(f, 4);
	char *sa = dot_statement_with(d, "ASA -- R3\t[", "SA up");
	at(sa, "10.26.241.0/24 ⇄ 195.160.0.0/26 · SA up at step 3");
	at(sa, "style=\"solid,bold\"");
	free(sa);
	at(d, "▶ 4 in SA");
	char *r3 = dot_statement(d, "\t\tR3\t[");
	at(r3, "penwidth=3"); /* where step 4 happens */
	free(r3);
	free(d);
	/* after 5: the packet routed in clear from R3 to R2 */
	d = step_dot(f, 5);
	at(d, "▶ 5\"");
	free(d);
	/* after 8: R2's SA is up, R3's is dropped in this step */
	d = step_dot(f, 8);
	at(d, "<B>ASA:OUTSIDE_MAP:10:10.26.241.0/24&gt;195.160.0.0/26: step 8 of 9</B>");
	char *up = dot_statement_with(d, "ASA -- R2\t[", "SA up");
	at(up, "SA up at step 7");
	free(up);
	char *gone = dot_statement_with(d, "ASA -- R3\t[", "dropped");
	at(gone, "color=\"#cf222e\"");
	at(gone, "style=dotted");
	at(gone, "dropped at step 8");
	free(gone);
	assert_null(strstr(d, "SA up at step 3"));
	char *asa = dot_statement(d, "\t\tASA\t[");
	at(asa, "color=\"#0969da\"");
	free(asa);
	free(d);
	/* after 9 (R3's own delete): only R2's SA */
	d = step_dot(f, 9);
	assert_null(strstr(d, "dropped at"));
	at(d, "SA up at step 7");
	free(d);
}

static void steps_replay_the_sa_table_from_structured_events(void **state)
{
	fixture *f = *state;
	lab_trace(f, true);
	check_lab_steps(f);
}

/* The sentences are for people: without structured fields no SA and no
 * IKE arrow is drawn, however the text reads. */
static void steps_never_read_the_event_text(void **state)
{
	fixture *f = *state;
	lab_trace(f, false);
	char *d = step_dot(f, 2);
	assert_null(strstr(d, "▶ 2 IKE"));
	free(d);
	d = step_dot(f, 8);
	assert_null(strstr(d, "SA up at"));
	at(d, "2nd peer, no SA");
	free(d);
}

static void steps_past_the_end_of_the_trace_are_an_error(void **state)
{
	fixture *f = *state;
	char err[256];
	tc_diagram_opts o = {.domain = &f->p.domains[1], .step = 7};
	FILE *out = tmpfile();
	assert_non_null(out);
	assert_int_equal(tc_render_graph(out, f->m, &f->p, &o, err, sizeof err), TC_ERROR);
	at(err, "step 7 is past the end of the trace (6 events)");
	fclose(out);
}

/* ---- collapse: a hub, an ISP router and n spokes --------------------------- */

typedef struct star {
	tc_model *m;
	tc_prediction p;
} star;

/* With lans, each spoke Snn has a LAN router SnnLAN inside its network (it joins the site). */
static void star_build_with(star *s, unsigned n, bool lans)
{
	tc_model *m = s->m = tc_model_new();
	assert_non_null(m);
	tc_device *isp = add_device(m, "isp.cfg", TC_DIALECT_IOS, "ISP");
	tc_device *hub = add_device(m, "hub.cfg", TC_DIALECT_ASA, "HUB");
	add_iface(m, hub, "outside", "192.0.2.1", 30, "VPN");
	add_iface(m, isp, "Gi0/0", "192.0.2.2", 30, NULL);
	add_entry(m, hub, "VPN", 1, "ALL", "10.0.0.0/16", "10.100.0.0/16", "198.18.0.1",
		  "198.18.0.5");
	for (unsigned i = 1; i <= n; i++) {
		char host[16], a[32], b[32], lan[32];
		snprintf(host, sizeof host, "S%02u", i);
		tc_device *sp = add_device(m, "s.cfg", TC_DIALECT_IOS, host);
		snprintf(a, sizeof a, "198.18.%u.%u", (4 * i) / 256, (4 * i) % 256 + 1);
		snprintf(b, sizeof b, "198.18.%u.%u", (4 * i) / 256, (4 * i) % 256 + 2);
		add_iface(m, sp, "Gi0/1", a, 30, "CMAP");
		tc_iface *ii = tc_iface_add(m, isp, host);
		ii->addr = ip(b);
		ii->plen = 30;
		ii->has_addr = true;
		snprintf(lan, sizeof lan, "10.100.%u.0/24", i);
		add_entry(m, sp, "CMAP", 10, "101", lan, "10.0.0.0/16", "192.0.2.1", NULL);
		if (lans) {
			snprintf(host, sizeof host, "S%02uLAN", i);
			snprintf(a, sizeof a, "10.100.%u.5", i);
			add_iface(m, add_device(m, "l.cfg", TC_DIALECT_IOS, host), "Gi0/0", a, 24,
				  NULL);
		}
	}
	assert_int_equal(tc_model_finalize(m), 0);
	tc_arena *a = s->p.arena = tc_arena_new();
	s->p.domains = tc_arena_alloc(a, n * sizeof *s->p.domains);
	for (unsigned i = 0; i < n; i++) {
		char host[16];
		snprintf(host, sizeof host, "S%02u", i + 1);
		tc_domain *d = &s->p.domains[s->p.ndomains++];
		d->device = tc_device_find(m, host);
		d->entry = d->device->entries;
		d->ace_index = 1;
		d->local = d->entry->acl->aces->src;
		d->remote = d->entry->acl->aces->dst;
		d->owner = tc_device_find(m, "HUB");
		d->owner_addr = ip("192.0.2.1");
		d->has_owner_addr = true;
		d->state = TC_STATE_STABLE;
		s->p.nstate[TC_STATE_STABLE]++;
	}
}

static void star_build(star *s, unsigned n)
{
	star_build_with(s, n, false);
}

static void star_free(star *s)
{
	tc_arena_free(s->p.arena);
	tc_model_free(s->m);
}

static void alike_spoke_sites_collapse_into_a_counted_group_beyond_the_threshold(void **state)
{
	(void)state;
	star s = {0};
	star_build(&s, 20);
	char *d = capture_graph(s.m, &s.p, NULL); /* default threshold 12 */
	char *g = dot_statement(d, "group_S01\t[");
	at(g, "<B>20 spoke sites</B>");
	at(g, "S01 … S20 · 20 devices");
	at(g, ">20 stable</FONT>");
	free(g);
	char *t = dot_statement(d, "HUB -- group_S01\t[");
	at(t, "label=\"20 tunnels\\n");
	free(t);
	char *l = dot_statement(d, "ISP -- group_S01\t[");
	at(l, "label=\"20 links\"");
	free(l);
	assert_null(strstr(d, "\t\tS05\t["));
	free(d);

	/* a higher threshold draws every spoke */
	tc_diagram_opts o = {.collapse = 20};
	d = capture_graph(s.m, &s.p, &o);
	assert_null(strstr(d, "group_"));
	at(d, "\t\tS20\t[");
	free(d);
	star_free(&s);
}

/* ---- sites on a large model ------------------------------------------------
 * 40 sites of 1 to 5 gateways sharing a /16 each, a host in each (joins it),
 * a stub behind each host (joins it through its one neighbour), an inner
 * gateway per site protecting a /24 of the /16 with a host of its own there
 * (the more specific network wins), and one router linked to two sites'
 * hosts (transit). The site of every device is checked by name. */

#define MANY_SITES 40

static const char *many_site_label(tc_arena *a, unsigned i)
{
	unsigned ngw = 1 + i % 5;
	const char *s = tc_arena_printf(a, "site G%02u_0", i);
	for (unsigned j = 1; j < ngw && j < 3; j++)
		s = tc_arena_printf(a, "%s + G%02u_%u", s, i, j);
	return ngw > 3 ? tc_arena_printf(a, "%s + %u more", s, ngw - 3) : s;
}

static void sites_of_a_large_model_follow_nets_hosts_and_stubs(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_device *x = add_device(m, "x.cfg", TC_DIALECT_IOS, "X"), *first_hosts[2] = {0};
	for (unsigned i = 0; i < MANY_SITES; i++) {
		char host[16], a[32], lan[32], inner[32];
		snprintf(lan, sizeof lan, "10.%u.0.0/16", i);
		snprintf(inner, sizeof inner, "10.%u.7.0/24", i);
		for (unsigned j = 0; j < 1 + i % 5; j++) {
			snprintf(host, sizeof host, "G%02u_%u", i, j);
			add_entry(m, add_device(m, "g.cfg", TC_DIALECT_IOS, host), "CMAP", 10,
				  "101", lan, "172.31.0.0/16", "192.0.2.1", NULL);
		}
		snprintf(host, sizeof host, "I%02u", i);
		add_entry(m, add_device(m, "i.cfg", TC_DIALECT_IOS, host), "CMAP", 10, "101", inner,
			  "172.31.0.0/16", "192.0.2.1", NULL);
		snprintf(host, sizeof host, "H%02u", i);
		tc_device *h = add_device(m, "h.cfg", TC_DIALECT_IOS, host);
		if (i < 2)
			first_hosts[i] = h;
		snprintf(a, sizeof a, "10.%u.5.1", i);
		add_iface(m, h, "Gi0/0", a, 24, NULL);
		snprintf(a, sizeof a, "172.16.%u.1", i);
		add_iface(m, h, "Gi0/1", a, 30, NULL);
		snprintf(host, sizeof host, "T%02u", i);
		snprintf(a, sizeof a, "172.16.%u.2", i);
		add_iface(m, add_device(m, "t.cfg", TC_DIALECT_IOS, host), "Gi0/0", a, 30, NULL);
		snprintf(host, sizeof host, "N%02u", i);
		snprintf(a, sizeof a, "10.%u.7.9", i);
		add_iface(m, add_device(m, "n.cfg", TC_DIALECT_IOS, host), "Gi0/0", a, 24, NULL);
	}
	/* X shares a subnet with H00 and one with H01: two sites, so transit */
	add_iface(m, x, "Gi0/0", "172.18.0.1", 30, NULL);
	add_iface(m, x, "Gi0/1", "172.18.0.5", 30, NULL);
	add_iface(m, first_hosts[0], "Gi0/2", "172.18.0.2", 30, NULL);
	add_iface(m, first_hosts[1], "Gi0/2", "172.18.0.6", 30, NULL);
	assert_int_equal(tc_model_finalize(m), 0);

	tc_prediction p = {.arena = tc_arena_new()};
	for (size_t k = 0; k < m->ndevs; k++)
		p.ndomains += m->devs[k]->entries != NULL;
	p.domains = tc_arena_alloc(p.arena, p.ndomains * sizeof *p.domains);
	for (size_t k = 0, n = 0; k < m->ndevs; k++) {
		const tc_entry *e = m->devs[k]->entries;
		if (!e)
			continue;
		tc_domain *d = &p.domains[n++];
		d->device = m->devs[k];
		d->entry = e;
		d->ace_index = 1;
		d->local = e->acl->aces->src;
		d->remote = e->acl->aces->dst;
		d->state = TC_STATE_DOWN;
		p.nstate[TC_STATE_DOWN]++;
	}

	tc_diagram_opts o = {.collapse = 1000, .max_nodes = SIZE_MAX}; /* sites, not folded */
	tc_dg *dg = NULL;
	char err[128];
	assert_int_equal(tc_dg_build(&dg, m, &p, &o, err, sizeof err), 0);
	size_t checked = 0;
	for (size_t k = 0; k < dg->nnodes; k++) {
		const tc_dg_node *n = &dg->nodes[k];
		if (n->kind != TC_DG_DEVICE)
			continue;
		unsigned i = 0;
		const char *want = "transit";
		if (strcmp(n->name, "X") != 0) {
			assert_int_equal(sscanf(n->name + 1, "%2u", &i), 1);
			want = n->name[0] == 'I' || n->name[0] == 'N'
				       ? tc_arena_printf(p.arena, "site I%02u", i)
				       : many_site_label(p.arena, i);
		}
		assert_true(n->site < dg->nsites);
		if (strcmp(dg->sites[n->site].label, want) != 0)
			fail_msg("%s: in '%s', not '%s'", n->name, dg->sites[n->site].label, want);
		checked++;
	}
	assert_int_equal(checked, m->ndevs);
	/* two sites per i, transit, and outside the snapshot (the peer 192.0.2.1) */
	assert_int_equal(dg->nsites, 2 * MANY_SITES + 2);
	tc_dg_free(dg);
	tc_arena_free(p.arena);
	tc_model_free(m);
}

/* ---- layout: no label overlaps another ------------------------------------ */

typedef struct box {
	double x0, y0, x1, y1;
	char text[48];
} box;

/* Text boxes of every xdot text operation in xdot (_ldraw_, _hldraw_...). */
static size_t xdot_boxes(const char *xdot, box *v, size_t max)
{
	size_t n = 0;
	for (const char *s = strstr(xdot, "draw_=\""); s; s = strstr(s + 1, "draw_=\"")) {
		/* the quoted value, unescaped */
		char *buf = malloc(strlen(s) + 1), *o = buf;
		assert_non_null(buf);
		const char *c = s + 7;
		for (; *c && *c != '"'; c++) {
			if (c[0] == '\\' && c[1] == '\n') {
				c++;
				continue;
			}
			if (c[0] == '\\' && c[1] == '"')
				c++;
			*o++ = *c;
		}
		*o = '\0';
		double size = 14;
		char *p = buf;
		for (;;) {
			while (*p == ' ')
				p++;
			char op = *p;
			if (!op)
				break;
			p++;
			long cnt;
			switch (op) {
			case 'E':
			case 'e':
				for (int i = 0; i < 4; i++)
					strtod(p, &p);
				break;
			case 'P':
			case 'p':
			case 'L':
			case 'B':
			case 'b':
				cnt = strtol(p, &p, 10);
				for (long i = 0; i < 2 * cnt; i++)
					strtod(p, &p);
				break;
			case 't':
				strtol(p, &p, 10);
				break;
			case 'F':
				size = strtod(p, &p);
				cnt = strtol(p, &p, 10);
				p = strchr(p, '-') + 1 + cnt;
				break;
			case 'C':
			case 'c':
			case 'S':
				cnt = strtol(p, &p, 10);
				p = strchr(p, '-') + 1 + cnt;
				break;
			case 'T': {
				double x = strtod(p, &p), y = strtod(p, &p);
				long j = strtol(p, &p, 10);
				double w = strtod(p, &p);
				cnt = strtol(p, &p, 10);
				p = strchr(p, '-') + 1;
				assert_true(n < max);
				box *b = &v[n++];
				b->x0 = j < 0 ? x : j > 0 ? x - w : x - w / 2;
				b->x1 = b->x0 + w;
				b->y0 = y - 0.2 * size;
				b->y1 = y + 0.8 * size;
				snprintf(b->text, sizeof b->text, "%.*s",
					 (int)(cnt < 40 ? cnt : 40), p);
				p += cnt;
				break;
			}
			default:
				fail_msg("unknown xdot operation '%c'", op);
			}
		}
		free(buf);
	}
	return n;
}

/* Two text boxes of xdot that overlap by more than a point, described in
 * msg; false when none do. *count gets the number of texts. */
static bool find_overlap(const char *xdot, char *msg, size_t n_msg, size_t *count)
{
	static box v[4096];
	size_t n = *count = xdot_boxes(xdot, v, sizeof v / sizeof v[0]);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			const box *a = &v[i], *b = &v[j];
			if (a->x0 < b->x1 - 1 && b->x0 < a->x1 - 1 && a->y0 < b->y1 - 1 &&
			    b->y0 < a->y1 - 1) {
				snprintf(msg, n_msg, "\"%s\" overlaps \"%s\"", a->text, b->text);
				return true;
			}
		}
	return false;
}

static void assert_no_label_overlaps(const char *what, const char *xdot)
{
	char msg[160];
	size_t n = 0;
	if (find_overlap(xdot, msg, sizeof msg, &n))
		fail_msg("%s: label %s", what, msg);
	assert_true(n > 5);
}

static void overlap_check_finds_texts_that_cover_each_other(void **state)
{
	(void)state;
	char msg[160];
	size_t n = 0;
	/* "abc" centred at x=10 and "def" at x=20, both 50 wide: overlapping */
	const char *bad = "a [_ldraw_=\"F 14 11 -Times-Roman c 7 -#000000 T 10 10 0 50 3 -abc \","
			  " _hldraw_=\"F 14 11 -Times-Roman T 20 12 0 50 3 -def \"];";
	assert_true(find_overlap(bad, msg, sizeof msg, &n));
	assert_int_equal(n, 2);
	at(msg, "\"abc\" overlaps \"def\"");
	/* side by side, or one line above the other: no overlap */
	const char *ok = "a [_ldraw_=\"F 14 11 -Times-Roman T 10 10 -1 50 3 -abc T 60 10 -1 50 3 "
			 "-def T 10 30 -1 50 5 -a b c \"];";
	assert_false(find_overlap(ok, msg, sizeof msg, &n));
	assert_int_equal(n, 3);
}

static void load_sample(tc_model **m, tc_prediction **p, const char *name)
{
	char path[512], err[256];
	snprintf(path, sizeof path, "%s/samples/%s", TC_SOURCE_DIR, name);
	assert_non_null(*m = tc_model_new());
	assert_int_equal(tc_snapshot_load(*m, path, NULL, err, sizeof err), 0);
	assert_int_equal(tc_model_finalize(*m), 0);
	assert_int_equal(tc_predict(p, *m, NULL), 0);
}

static void sample_diagrams_lay_out_without_overlapping_labels(void **state)
{
	(void)state;
	static const char *const samples[] = {"lab-a", "lab-b", "lab-b-ios", "split-return"};
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		tc_model *m = NULL;
		tc_prediction *p = NULL;
		load_sample(&m, &p, samples[i]);
		tc_diagram_opts o = {.format = "xdot"};
		char *x = capture_graph(m, p, &o);
		assert_no_label_overlaps(samples[i], x);
		free(x);
		/* and every step picture of the first domain */
		const tc_domain **v = tc_render_domains(p);
		assert_non_null(v);
		o.domain = v[0];
		for (o.step = 0; o.step <= tc_render_nsteps(v[0]); o.step++) {
			char what[64];
			snprintf(what, sizeof what, "%s step %zu", samples[i], o.step);
			x = capture_graph(m, p, &o);
			assert_no_label_overlaps(what, x);
			free(x);
		}
		free(v);
		tc_prediction_free(p);
		tc_model_free(m);
	}
}

/* The blocks of an HTML report's timelines that hold step pictures, as their state badges
 * ("oscillating"...) joined by spaces, in page order. */
static void drawn_states(char *out, size_t n, const char *html)
{
	out[0] = '\0';
	for (const char *d = strstr(html, "<details id="); d; d = strstr(d + 1, "<details id=")) {
		const char *end = strstr(d, "</details>"), *fig = strstr(d, "<figure>"),
			   *badge = strstr(d, "badge ");
		assert_non_null(end);
		assert_non_null(badge);
		if (fig && fig < end)
			snprintf(out + strlen(out), n - strlen(out), "%s%.*s", out[0] ? " " : "",
				 (int)strcspn(badge + 6, "\""), badge + 6);
	}
}

/* The picture budget draws whole domains, those neither stable nor standby first (ecmp-return's
 * table: oscillating, stable, oscillating, standby, oscillating, stable), and stops at the
 * first domain that does not fit; the first is drawn whatever its size. */
static void html_picture_budget_draws_problem_domains_first(void **state)
{
	(void)state;
	tc_model *m = NULL;
	tc_prediction *p = NULL;
	char drawn[256];
	load_sample(&m, &p, "ecmp-return");
	assert_int_equal(p->ndomains, 6);
	tc_render_opts o = {.pictures = -1, .picture_budget = 1024};
	char *h = capture(tc_render_html, m, p, &o);
	drawn_states(drawn, sizeof drawn, h);
	assert_string_equal(drawn, "oscillating");
	at(h, "Step pictures for 1 of the 6 domains");
	at(h, "Size budget: step pictures up to 1 KiB, the domains neither stable");
	assert_null(strstr(h, "<template")); /* 6 domains: nothing stored inert */
	free(h);
	o.picture_budget = TC_HTML_PICTURE_BUDGET;
	h = capture(tc_render_html, m, p, &o);
	drawn_states(drawn, sizeof drawn, h);
	assert_string_equal(drawn, "oscillating stable oscillating standby oscillating stable");
	assert_null(strstr(h, "Step pictures for"));
	at(h, "Size budget: step pictures up to 1024 KiB, the domains neither stable");
	at(h, "past 100 domains, the page holds 5 KiB a domain (step pictures at most a fifth of "
	      "it and 256 KiB)");
	at(h, "such a timeline keeps its first 24 events (0 here;");
	free(h);
	o = (tc_render_opts){.pictures = 2};
	h = capture(tc_render_html, m, p, &o);
	drawn_states(drawn, sizeof drawn, h);
	assert_string_equal(drawn, "oscillating oscillating"); /* 1 and 3, not the stable 2 */
	at(h, "Step pictures for 2 of the 6 domains");
	at(h, "Size budget: step pictures for 2 domains");
	free(h);
	tc_prediction_free(p);
	tc_model_free(m);
}

static void spoke_star_lays_out_without_overlapping_labels(void **state)
{
	(void)state;
	star s = {0};
	star_build(&s, 200);
	tc_diagram_opts o = {.format = "xdot"};
	char *x = capture_graph(s.m, &s.p, &o);
	assert_no_label_overlaps("200 spokes", x);
	at(x, "200 spoke sites");
	free(x);
	star_free(&s);
}

/* ---- folding: pictures over max_nodes nodes ------------------------------------------
 * The drawing rule of diagram.c: one node per site (LAN routers inside), one for the
 * transit routers, spoke sites with the same tunnels grouped; still too many, sites
 * grouped by role and the states of their domains. The states are the fixture's. */

/* The picture of s under o; free it with tc_dg_free(). */
static tc_dg *star_picture(const star *s, const tc_diagram_opts *o)
{
	tc_dg *dg = NULL;
	char err[256];
	if (tc_dg_build(&dg, s->m, &s->p, o, err, sizeof err) != 0)
		fail_msg("tc_dg_build: %s", err);
	return dg;
}

static void a_picture_over_max_nodes_folds_each_site_into_one_node(void **state)
{
	(void)state;
	star s = {0};
	star_build_with(&s, 20, true); /* 20 spokes, 20 LAN routers, HUB, ISP: 42 devices */
	/* 42 device nodes are over 41; folded, 22 nodes, 20 of them in the spoke column */
	tc_diagram_opts o = {.collapse = 1000, .max_nodes = 41};
	tc_dg *dg = star_picture(&s, &o);
	assert_int_equal(dg->folded, 1);
	assert_int_equal(dg->nnodes, 22); /* site HUB, 20 spoke sites, transit */
	const tc_dg_node *n = &dg->nodes[0];
	assert_string_equal(n->name, "site HUB");
	assert_int_equal(n->role, TC_DG_HUB);
	n = &dg->nodes[1];
	assert_string_equal(n->name, "site S01");
	assert_int_equal(n->ndevs, 2); /* S01 and its LAN router S01LAN */
	assert_string_equal(n->last, "S01LAN");
	assert_int_equal(n->nstate[TC_STATE_STABLE], 1);
	n = &dg->nodes[21];
	assert_string_equal(n->name, "transit");
	assert_int_equal(n->ndevs, 1);
	assert_string_equal(n->first, "ISP");
	/* fixed ranks: hub sites, transit, spoke sites */
	assert_int_equal(dg->nodes[0].rank, 0);
	assert_int_equal(dg->nodes[21].rank, 1);
	assert_int_equal(dg->nodes[1].rank, 2);
	/* one tunnel per spoke site, owned (the fixture's owner is HUB), one domain each */
	assert_int_equal(dg->ntunnels, 20);
	assert_int_equal(dg->tunnels[0].kind, TC_DG_OWNER);
	assert_int_equal(dg->tunnels[0].count, 1);
	assert_int_equal(dg->tunnels[0].nstate[TC_STATE_STABLE], 1);
	assert_null(dg->tunnels[0].lines); /* counts, not proxy pairs */
	at(dg->caption, "Folded: over 41 nodes, folded to 22: 42 devices, 21 sites");
	at(dg->caption, "--domain ID");
	tc_dg_free(dg);

	/* the picture under the limit is the device picture, unchanged */
	o.max_nodes = 42;
	dg = star_picture(&s, &o);
	assert_int_equal(dg->folded, 0);
	assert_int_equal(dg->nnodes, 42);
	assert_null(dg->caption);
	tc_dg_free(dg);
	star_free(&s);
}

static void a_folded_picture_still_too_big_groups_sites_by_the_states_of_their_domains(void **state)
{
	(void)state;
	star s = {0};
	star_build_with(&s, 20, true);
	s.p.domains[4].state = TC_STATE_OSCILLATING; /* S05 */
	s.p.nstate[TC_STATE_STABLE]--;
	s.p.nstate[TC_STATE_OSCILLATING]++;
	tc_diagram_opts o = {.collapse = 1000, .max_nodes = 10};
	char *d = capture_graph(s.m, &s.p, &o);
	/* the hub's site, the stable spoke sites, the oscillating one, the transit */
	statement_has(d, "group_HUB\t[", "<B>site HUB</B>");
	char *g = dot_statement(d, "group_S01\t[");
	at(g, "<B>19 spoke sites</B>");
	at(g, "S01 … S20LAN · 38 devices");
	at(g, ">19 stable</FONT>");
	free(g);
	g = dot_statement(d, "group_S05\t[");
	at(g, "<B>site S05</B>");
	at(g, ">1 oscillating</FONT>");
	free(g);
	statement_has(d, "group_ISP\t[", "<B>transit</B>");
	/* one edge per pair with counts, coloured by the worst state */
	char *t = dot_statement(d, "group_HUB -- group_S01\t[");
	at(t, "xlabel=\"19 tunnels · 19 domains\\n19 stable\"");
	at(t, "color=\"#1a7f37\"");
	free(t);
	t = dot_statement(d, "group_HUB -- group_S05\t[");
	at(t, "xlabel=\"1 tunnel · 1 domain\\n1 oscillating\"");
	at(t, "color=\"#bf8700\"");
	free(t);
	statement_has(d, "group_ISP -- group_S01\t[", "label=\"19 links\"");
	at(d, "Folded: over 10 nodes, folded to 4: 42 devices, 21 sites");
	at(d, "spoke sites grouped by the states<BR"); /* wrapped there */
	assert_null(strstr(d, "S02LAN\t["));
	free(d);

	/* still over: the hub sites are grouped so too (here one hub site: the same 4 nodes,
	 * the last level whatever the limit) */
	o.max_nodes = 3;
	tc_dg *dg = star_picture(&s, &o);
	assert_int_equal(dg->folded, 3);
	assert_int_equal(dg->nnodes, 4);
	at(dg->caption, "sites grouped by role and the states of their domains");
	tc_dg_free(dg);
	star_free(&s);
}

static void folding_is_said_in_the_note_and_never_applies_to_one_domain(void **state)
{
	(void)state;
	star s = {0};
	star_build_with(&s, 20, true);
	char err[256] = "x";
	tc_diagram_opts o = {.collapse = 1000, .max_nodes = 10};
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(tc_render_graph(f, s.m, &s.p, &o, err, sizeof err), 0);
	at(err, "over 10 nodes, folded to 3: 42 devices, 21 sites");
	fclose(f);
	/* one domain's picture is never folded: its devices and tunnels are the detail */
	o.domain = &s.p.domains[0];
	o.max_nodes = 1;
	char *d = capture_graph(s.m, &s.p, &o);
	at(d, "\t\tS01\t[");
	assert_null(strstr(d, "group_"));
	free(d);
	star_free(&s);
}

/* No laid-out picture is over TC_DIAGRAM_MAX_PX pixels on a side: 200 spokes drawn one by
 * one (nothing collapsed, nothing folded) stand in a column far taller, and are scaled. */
static void a_picture_too_large_is_scaled_to_fit_and_says_so(void **state)
{
	(void)state;
	star s = {0};
	star_build(&s, 200);
	tc_diagram_opts o = {.format = "svg", .collapse = 1000, .max_nodes = SIZE_MAX};
	char err[256];
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(tc_render_graph(f, s.m, &s.p, &o, err, sizeof err), 0);
	at(err, "scaled to ");
	at(err, "to fit 8000 px");
	char *svg = slurp(f);
	double w = 0, h = 0;
	const char *at_svg = strstr(svg, "<svg width=\"");
	assert_non_null(at_svg);
	assert_int_equal(sscanf(at_svg, "<svg width=\"%lfpt\" height=\"%lfpt\"", &w, &h), 2);
	/* points to pixels at 96 dpi */
	assert_true(w * 96 / 72 <= TC_DIAGRAM_MAX_PX && h * 96 / 72 <= TC_DIAGRAM_MAX_PX);
	assert_true(h * 96 / 72 > TC_DIAGRAM_MAX_PX / 2); /* scaled to fit, not shrunk to nothing */
	free(svg);
	star_free(&s);
}

static char tmpdir[64];

static int setup_tmpdir(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/tc_render_XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return setup(state);
}

static int teardown_tmpdir(void **state)
{
	static const char *const names[] = {"net.svg", "net.png", "net.pdf", "net.dot",
					    "net.gif", "net",	  "net.SVG"};
	char path[128];
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	return teardown(state);
}

/* The first n bytes of the file, which must exist. */
static void read_head(char *buf, size_t n, const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		fail_msg("%s was not written", path);
	memset(buf, 0, n);
	assert_true(fread(buf, 1, n, fp) > 0);
	fclose(fp);
}

/* A diagram into path as `tunnelcast diagram` draws one: the format from o,
 * else from the extension, checked before the file is opened. */
static int draw(const char *path, fixture *f, const tc_diagram_opts *o, char *err, size_t n)
{
	char ext[8];
	tc_diagram_opts d = o ? *o : (tc_diagram_opts){0};
	d.format = tc_render_diagram_format(ext, sizeof ext, path, d.format, err, n);
	if (!d.format)
		return TC_ERROR;
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	int rc = tc_render_graph(fp, f->m, &f->p, &d, err, n);
	fclose(fp);
	return rc;
}

static void diagram_writes_valid_svg_png_and_pdf(void **state)
{
	fixture *f = *state;
	char path[128], err[256], head[16];

	snprintf(path, sizeof path, "%s/net.svg", tmpdir);
	assert_int_equal(draw(path, f, NULL, err, sizeof err), 0);
	assert_string_equal(err, "");
	read_head(head, sizeof head, path);
	assert_true(strncmp(head, "<?xml", 5) == 0 || strncmp(head, "<svg", 4) == 0);

	snprintf(path, sizeof path, "%s/net.png", tmpdir);
	assert_int_equal(draw(path, f, NULL, err, sizeof err), 0);
	read_head(head, sizeof head, path);
	assert_memory_equal(head, "\x89PNG\r\n\x1a\n", 8);

	/* an explicit format wins over the extension */
	snprintf(path, sizeof path, "%s/net", tmpdir);
	tc_diagram_opts pdf = {.format = "pdf"};
	assert_int_equal(draw(path, f, &pdf, err, sizeof err), 0);
	read_head(head, sizeof head, path);
	assert_memory_equal(head, "%PDF-", 5);

	/* a .dot file is the same text as tc_render_dot(): no layout, stable */
	snprintf(path, sizeof path, "%s/net.dot", tmpdir);
	assert_int_equal(draw(path, f, NULL, err, sizeof err), 0);
	char dot[8192] = "";
	read_head(dot, sizeof dot - 1, path);
	at(dot, "graph tunnelcast");
	assert_null(strstr(dot, "pos="));
}

static void diagram_takes_format_from_extension_case_insensitively(void **state)
{
	fixture *f = *state;
	char path[128], err[256], head[16];
	snprintf(path, sizeof path, "%s/net.SVG", tmpdir);
	assert_int_equal(draw(path, f, NULL, err, sizeof err), 0);
	read_head(head, sizeof head, path);
	assert_true(strncmp(head, "<?xml", 5) == 0 || strncmp(head, "<svg", 4) == 0);
}

static void diagram_rejects_unknown_format_with_message(void **state)
{
	fixture *f = *state;
	char path[128], err[256];
	struct stat st;

	snprintf(path, sizeof path, "%s/net.svg", tmpdir);
	tc_diagram_opts bogus = {.format = "bogus"};
	assert_int_equal(draw(path, f, &bogus, err, sizeof err), TC_ERROR);
	at(err, "unknown diagram format 'bogus'");
	assert_int_not_equal(stat(path, &st), 0);

	snprintf(path, sizeof path, "%s/net.gif", tmpdir);
	assert_int_equal(draw(path, f, NULL, err, sizeof err), TC_ERROR);
	at(err, "'gif'");
	assert_int_not_equal(stat(path, &st), 0);

	snprintf(path, sizeof path, "%s/net", tmpdir);
	assert_int_equal(draw(path, f, NULL, err, sizeof err), TC_ERROR);
	at(err, "cannot tell the diagram format");
}

/* ---- diagnostics ---------------------------------------------------------- */

static void diags_print_location_message_code_source_and_caret(void **state)
{
	fixture *f = *state;
	char *d = capture_diags(f->m);
	assert_string_equal(d, "r2.cfg:12:3: warning: unknown command \"zap\"? [unknown-line]\n"
			       "  \tfrobnicate zap\n"
			       "  \t ^\n");
	free(d);
}

static void diags_leave_out_unknown_location_parts(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	assert_non_null(m);
	tc_model_diag(m, NULL, 0, 0, TC_SEV_ERROR, "no-input", NULL, "no configuration files");
	tc_model_diag(m, "a.cfg", 0, 0, TC_SEV_NOTE, "x", NULL, "whole file");
	tc_model_diag(m, "a.cfg", 4, 0, TC_SEV_ERROR, "y", "ip addr", "no column");
	assert_int_equal(tc_model_finalize(m), 0);
	char *d = capture_diags(m);
	assert_string_equal(d, "tunnelcast: error: no configuration files [no-input]\n"
			       "a.cfg: note: whole file [x]\n"
			       "a.cfg:4: error: no column [y]\n"
			       "  ip addr\n");
	free(d);
	tc_model_free(m);
}

/* ---- determinism and edge cases ----------------------------------------- */

static void output_is_byte_identical_across_calls(void **state)
{
	fixture *f = *state;
	renderer fns[] = {tc_render_text, tc_render_json, tc_render_dot};
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		char *a = capture(fns[i], f->m, &f->p, NULL);
		char *b = capture(fns[i], f->m, &f->p, NULL);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

static void null_prediction_renders_zero_domains(void **state)
{
	fixture *f = *state;
	char *t = capture(tc_render_text, f->m, NULL, NULL);
	at(t, "3 devices, 0 domains (0 stable");
	at(t, "No encryption domains.\n");
	char *j = capture(tc_render_json, f->m, NULL, NULL);
	assert_true(json_valid(j));
	at(j, "\"domains\": [],");
	char *d = capture(tc_render_dot, f->m, NULL, NULL);
	assert_null(strstr(d, "⇄"));
	at(d, "3 devices, 0 domains");
	free(t);
	free(j);
	free(d);
}

static void json_validator_rejects_broken_json(void **state)
{
	(void)state;
	assert_true(json_valid("{\"a\": [1, -2.5e3, true, null, \"x\\u0001\"], \"b\": {}}"));
	assert_false(json_valid("{\"a\": 1,}"));
	assert_false(json_valid("{\"a\": \"raw\ttab\"}"));
	assert_false(json_valid("[1] 2"));
	assert_false(json_valid("{\"a\" 1}"));
}

/* ---- the XML/HTML escaper ----------------------------------------------- */

/* What tc_render_xml_puts() writes for s, checked to equal tc_render_xml(); free() it. */
static char *xml_of(const char *s, tc_xml_mode mode)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	tc_render_xml_puts(f, s, mode);
	char *out = slurp(f);
	tc_arena *a = tc_arena_new();
	assert_string_equal(tc_render_xml(a, s, mode), out);
	tc_arena_free(a);
	return out;
}

/* Names in pictures are cut at a character boundary, with an ellipsis only when cut. */
static void label_names_are_cut_at_a_character_boundary(void **state)
{
	(void)state;
	tc_arena *a = tc_arena_new();
	const char *short_name = "R2";
	assert_ptr_equal(tc_render_cut(a, short_name, 4), short_name); /* fits: itself */
	assert_string_equal(tc_render_cut(a, NULL, 4), "");
	assert_string_equal(tc_render_cut(a, "abcdef", 4), "abcd…");
	assert_string_equal(tc_render_cut(a, "abcd", 4), "abcd");
	assert_string_equal(tc_render_cut(a, "ab⇄cd", 4), "ab…"); /* ⇄ is 3 bytes: not split */
	assert_string_equal(tc_render_cut(a, "abc\xff\xff", 4), "abc\xff…"); /* ill-formed */
	char *big = malloc(300000);
	memset(big, 'h', 299999);
	big[299999] = '\0';
	const char *c = tc_render_cut(a, big, TC_LABEL_NAME_MAX);
	assert_int_equal(strlen(c), TC_LABEL_NAME_MAX + strlen("…"));
	free(big);
	tc_arena_free(a);
}

static void xml_escaper_keeps_utf8_and_escapes_markup_and_controls_in_both_modes(void **state)
{
	(void)state;
	static const struct {
		const char *in, *html, *doc;
	} cases[] = {
		{"café ⇄ 𝄞", "café ⇄ 𝄞", "café ⇄ 𝄞"},
		{"<&>\"'", "&lt;&amp;&gt;&quot;&#39;", "&lt;&amp;&gt;&quot;&apos;"},
		{"a\tb\nc\rd\x01"
		 "e\x1f\x7f",
		 "a?b?c?d?e??", "a\tb\nc?d?e??"},
		{"R2-caf\xe9\xff \xe2\x87", "R2-caf?? ??", "R2-caf?? ??"}, /* ill-formed UTF-8 */
		{NULL, "", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *h = xml_of(cases[i].in, TC_XML_HTML), *d = xml_of(cases[i].in, TC_XML_DOC);
		assert_string_equal(h, cases[i].html);
		assert_string_equal(d, cases[i].doc);
		free(h);
		free(d);
	}
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define TD(name) cmocka_unit_test_setup_teardown(name, setup_tmpdir, teardown_tmpdir)
	const struct CMUnitTest tests[] = {
		T(text_header_counts_devices_domains_states_and_diagnostics),
		T(text_owner_and_state_cells_cannot_be_misread),
		T(text_table_rows_are_sorted_and_columns_aligned),
		T(text_section_has_summary_numbered_trace_and_other_ordering),
		T(text_verbose_prints_both_orderings),
		T(text_uses_ansi_colour_only_when_asked),
		T(domain_id_is_device_map_seq_and_proxy_pair),
		T(domain_find_takes_row_number_id_or_id_with_line),
		T(domain_find_rejects_unknown_ids_and_out_of_range_rows),
		T(domain_find_asks_for_the_line_when_an_id_is_ambiguous),
		T(json_is_valid_and_names_owner_or_null),
		T(json_writes_each_trace_once_an_event_or_part_a_line),
		T(json_escapes_quotes_backslashes_and_control_chars),
		T(json_diagnostics_carry_message_but_not_source_line),
		T(dot_colours_tunnels_by_state_owner_bold_listed_dashed_with_order),
		T(dot_merges_mirrored_domains_into_one_tunnel),
		T(dot_groups_devices_by_site_with_transit_apart),
		T(dot_escapes_config_text_in_labels),
		T(dot_oscillating_domain_shows_each_owner_with_its_sub_range),
		T(dot_of_one_domain_draws_only_its_tunnels),
		T(steps_replay_the_sa_table_from_structured_events),
		T(steps_never_read_the_event_text),
		T(steps_past_the_end_of_the_trace_are_an_error),
		cmocka_unit_test(
			alike_spoke_sites_collapse_into_a_counted_group_beyond_the_threshold),
		cmocka_unit_test(sites_of_a_large_model_follow_nets_hosts_and_stubs),
		cmocka_unit_test(overlap_check_finds_texts_that_cover_each_other),
		cmocka_unit_test(sample_diagrams_lay_out_without_overlapping_labels),
		cmocka_unit_test(spoke_star_lays_out_without_overlapping_labels),
		cmocka_unit_test(a_picture_over_max_nodes_folds_each_site_into_one_node),
		cmocka_unit_test(
			a_folded_picture_still_too_big_groups_sites_by_the_states_of_their_domains),
		cmocka_unit_test(folding_is_said_in_the_note_and_never_applies_to_one_domain),
		cmocka_unit_test(a_picture_too_large_is_scaled_to_fit_and_says_so),
		cmocka_unit_test(html_picture_budget_draws_problem_domains_first),
		TD(diagram_writes_valid_svg_png_and_pdf),
		TD(diagram_takes_format_from_extension_case_insensitively),
		TD(diagram_rejects_unknown_format_with_message),
		T(diags_print_location_message_code_source_and_caret),
		cmocka_unit_test(diags_leave_out_unknown_location_parts),
		T(output_is_byte_identical_across_calls),
		T(null_prediction_renders_zero_domains),
		cmocka_unit_test(json_validator_rejects_broken_json),
		cmocka_unit_test(
			xml_escaper_keeps_utf8_and_escapes_markup_and_controls_in_both_modes),
		cmocka_unit_test(label_names_are_cut_at_a_character_boundary),
	};
#undef T
#undef TD
	return cmocka_run_group_tests(tests, NULL, NULL);
}
