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
#include "render.h"

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

static uint32_t ip(const char *s)
{
	uint32_t v = 0;
	assert_int_equal(tc_ip_parse(&v, s, strlen(s)), 0);
	return v;
}

static tc_prefix pfx(const char *s)
{
	tc_prefix p = {0};
	assert_int_equal(tc_prefix_parse(&p, s, strlen(s)), 0);
	return p;
}

static tc_device *add_device(tc_model *m, const char *file, tc_dialect dialect, const char *host)
{
	tc_device *d = tc_device_add(m, file, dialect);
	d->hostname = tc_arena_strdup(m->arena, host);
	return d;
}

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

/* Offset of needle's first occurrence (fails when absent). */
static size_t at(const char *hay, const char *needle)
{
	const char *s = strstr(hay, needle);
	if (!s)
		fail_msg("missing \"%s\" in:\n%s", needle, hay);
	return (size_t)(s - hay);
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
	assert_int_equal(at(t, "tunnelcast prediction: 3 devices, 3 domains (2 stable, 0 oscillating, "
			       "0 one-way, 1 down); 1 diagnostic (1 unknown line)\n"),
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
	assert_int_equal(
		tc_render_domain_find(&d, &f->p, "R2:CMAP:10:195.160.0.0/26>10.26.241.0/24", err,
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
	const char *bad[] = {"0", "4", "", "R2", "R2:CMAP:10:195.160.0.0/26>10.26.241.0/24#2",
			     "r2:cmap:10:195.160.0.0/26>10.26.241.0/24", "-1", "1x"};
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

/* ---- JSON --------------------------------------------------------------- */

static void json_is_valid_and_names_owner_or_null(void **state)
{
	fixture *f = *state;
	char *j = capture(tc_render_json, f->m, &f->p, NULL);
	assert_true(json_valid(j));
	assert_int_equal(at(j, "{\n  \"tool\": \"tunnelcast\",\n  \"version\": \""), 0);
	at(j, "\"owner\": \"R2\",\n      \"owner_address\": \"5.100.0.2\",\n"
	      "      \"state\": \"stable\"");
	at(j, "\"owner\": null,\n      \"owner_address\": null,\n      \"state\": \"down\"");
	at(j, "\"summary\": {\n    \"devices\": 3,\n    \"domains\": 3,\n    \"stable\": 2,\n"
	      "    \"oscillating\": 0,\n    \"one_way\": 0,\n    \"down\": 1,\n"
	      "    \"diagnostics\": 1,\n    \"unknown_lines\": 1\n  }");
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

static void json_escapes_quotes_backslashes_and_control_chars(void **state)
{
	fixture *f = *state;
	char *j = capture(tc_render_json, f->m, &f->p, NULL);
	at(j, "\"text\": \"R2 says \\\"hello\\\" \\\\ back\\u0009slash\\u0001\"");
	at(j, "\"message\": \"unknown command \\\"zap\\\"\\u0001\"");
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

static void dot_marks_owner_solid_green_and_backup_dashed_without_layout(void **state)
{
	fixture *f = *state;
	char *d = capture(tc_render_dot, f->m, &f->p, NULL);
	at(d, "graph tunnelcast {");
	char *owner = dot_statement(d, "ASA -- R2\t[");
	at(owner, "style=\"solid,bold\"");
	at(owner, "color=darkgreen");
	at(owner, "constraint=false");
	at(owner, "xlabel=\"10.26.241.0/24 <-> 195.160.0.0/26\"");
	char *backup = dot_statement(d, "ASA -- R3\t[");
	at(backup, "style=dashed");
	at(backup, "color=grey");
	at(backup, "constraint=false");
	at(backup, "tooltip=\"backup peer for 10.26.241.0/24 <-> 195.160.0.0/26\"");
	assert_null(strstr(backup, "darkgreen"));
	assert_null(strstr(d, "pos="));
	assert_null(strstr(d, "bb="));
	free(owner);
	free(backup);
	free(d);
}

static void dot_merges_both_ends_of_a_tunnel_into_one_edge(void **state)
{
	fixture *f = *state;
	/* ASA OUTSIDE_MAP 10 (owner R2) and R2 CMAP 10 (owner ASA) are one SA */
	char *d = capture(tc_render_dot, f->m, &f->p, NULL);
	size_t first = at(d, "ASA -- R2\t[");
	assert_null(strstr(d + first + 1, "ASA -- R2\t["));
	assert_null(strstr(d, "R2 -- ASA"));
	free(d);
}

static void dot_draws_devices_and_links(void **state)
{
	fixture *f = *state;
	char *d = capture(tc_render_dot, f->m, &f->p, NULL);
	char *asa = dot_statement(d, "ASA\t[");
	at(asa, "shape=box");
	at(asa, "label=\"ASA\\n(asa)\"");
	free(asa);
	char *r2 = dot_statement(d, "R2\t[");
	at(r2, "shape=ellipse");
	free(r2);
	/* a three-end subnet becomes a node, a two-end one a direct edge */
	at(d, "\"link_5.100.0.0/24\"");
	char *hub = dot_statement(d, "R3 -- \"link_5.100.0.0/24\"");
	at(hub, "label=\"5.100.0.3\"");
	free(hub);
	char *direct = dot_statement(d, "R2 -- R3");
	at(direct, "label=\"10.0.23.0/24\"");
	free(direct);
	free(d);
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
					    "net.gif", "net",     "net.SVG"};
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

static void diagram_writes_valid_svg_png_and_pdf(void **state)
{
	fixture *f = *state;
	char path[128], err[256], head[16];

	snprintf(path, sizeof path, "%s/net.svg", tmpdir);
	assert_int_equal(tc_render_diagram(path, NULL, f->m, &f->p, err, sizeof err), 0);
	assert_string_equal(err, "");
	read_head(head, sizeof head, path);
	assert_true(strncmp(head, "<?xml", 5) == 0 || strncmp(head, "<svg", 4) == 0);

	snprintf(path, sizeof path, "%s/net.png", tmpdir);
	assert_int_equal(tc_render_diagram(path, NULL, f->m, &f->p, err, sizeof err), 0);
	read_head(head, sizeof head, path);
	assert_memory_equal(head, "\x89PNG\r\n\x1a\n", 8);

	/* an explicit format wins over the extension */
	snprintf(path, sizeof path, "%s/net", tmpdir);
	assert_int_equal(tc_render_diagram(path, "pdf", f->m, &f->p, err, sizeof err), 0);
	read_head(head, sizeof head, path);
	assert_memory_equal(head, "%PDF-", 5);

	/* a .dot file is the same text as tc_render_dot(): no layout, stable */
	snprintf(path, sizeof path, "%s/net.dot", tmpdir);
	assert_int_equal(tc_render_diagram(path, NULL, f->m, &f->p, err, sizeof err), 0);
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
	assert_int_equal(tc_render_diagram(path, NULL, f->m, &f->p, err, sizeof err), 0);
	read_head(head, sizeof head, path);
	assert_true(strncmp(head, "<?xml", 5) == 0 || strncmp(head, "<svg", 4) == 0);
}

static void diagram_rejects_unknown_format_with_message(void **state)
{
	fixture *f = *state;
	char path[128], err[256];
	struct stat st;

	snprintf(path, sizeof path, "%s/net.svg", tmpdir);
	assert_int_equal(tc_render_diagram(path, "bogus", f->m, &f->p, err, sizeof err), TC_ERROR);
	at(err, "unknown diagram format 'bogus'");
	assert_int_not_equal(stat(path, &st), 0);

	snprintf(path, sizeof path, "%s/net.gif", tmpdir);
	assert_int_equal(tc_render_diagram(path, NULL, f->m, &f->p, err, sizeof err), TC_ERROR);
	at(err, "'gif'");
	assert_int_not_equal(stat(path, &st), 0);

	snprintf(path, sizeof path, "%s/net", tmpdir);
	assert_int_equal(tc_render_diagram(path, NULL, f->m, &f->p, err, sizeof err), TC_ERROR);
	at(err, "cannot tell the diagram format");
}

static void diagram_reports_unwritable_path(void **state)
{
	fixture *f = *state;
	char path[128], err[256];
	snprintf(path, sizeof path, "%s/no/such/dir/net.svg", tmpdir);
	assert_int_equal(tc_render_diagram(path, NULL, f->m, &f->p, err, sizeof err), TC_ERROR);
	at(err, path);
	at(err, "No such file or directory");
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
	assert_null(strstr(d, "darkgreen"));
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

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define TD(name) cmocka_unit_test_setup_teardown(name, setup_tmpdir, teardown_tmpdir)
	const struct CMUnitTest tests[] = {
		T(text_header_counts_devices_domains_states_and_diagnostics),
		T(text_table_rows_are_sorted_and_columns_aligned),
		T(text_section_has_summary_numbered_trace_and_other_ordering),
		T(text_verbose_prints_both_orderings),
		T(text_uses_ansi_colour_only_when_asked),
		T(domain_id_is_device_map_seq_and_proxy_pair),
		T(domain_find_takes_row_number_id_or_id_with_line),
		T(domain_find_rejects_unknown_ids_and_out_of_range_rows),
		T(domain_find_asks_for_the_line_when_an_id_is_ambiguous),
		T(json_is_valid_and_names_owner_or_null),
		T(json_escapes_quotes_backslashes_and_control_chars),
		T(json_diagnostics_carry_message_but_not_source_line),
		T(dot_marks_owner_solid_green_and_backup_dashed_without_layout),
		T(dot_merges_both_ends_of_a_tunnel_into_one_edge),
		T(dot_draws_devices_and_links),
		TD(diagram_writes_valid_svg_png_and_pdf),
		TD(diagram_takes_format_from_extension_case_insensitively),
		TD(diagram_rejects_unknown_format_with_message),
		TD(diagram_reports_unwritable_path),
		T(diags_print_location_message_code_source_and_caret),
		cmocka_unit_test(diags_leave_out_unknown_location_parts),
		T(output_is_byte_identical_across_calls),
		T(null_prediction_renders_zero_domains),
		cmocka_unit_test(json_validator_rejects_broken_json),
	};
#undef T
#undef TD
	return cmocka_run_group_tests(tests, NULL, NULL);
}
