/* state.c: a device's live crypto state (show crypto ..., vpn-sessiondb captures) into d->obs.
 *
 * Design. A capture holds the output of any of the state commands one
 * after the other, with or without the command line and its prompt
 * (`R1#show crypto ipsec sa`, `asa/pri/act# show crypto ikev2 sa`). It is
 * read line by line with the config parser's cursor (tc_line) and
 * dispatched on its first words into the line tables of the commands
 * (state_ipsec.c: show crypto ipsec sa; state_ike.c: the IKE SA lists;
 * state_session.c: sessions, vpn-sessiondb, crypto map), the longest
 * keyword phrase winning, as the config parser does; a handler that does
 * not take the line in the current section passes it on. A command line,
 * or a header only one command prints, sets the section; the rows of a
 * table (an IKE SA list: they start with an address or a number, no
 * keyword) are read by the section's row reader. The line shapes of both
 * dialects are recognised whatever the device's dialect says. An SA or IKE
 * SA two commands show (ipsec sa and session, an IKE list and a session
 * list) is kept once.
 *
 * Statistics are the capture's (d->obs->stats): a line read into an SA or
 * IKE SA is modelled; a line recognised that carries nothing kept (a
 * counter we do not keep, a transform, a legend) is skipped; any other line
 * is an "unknown-state-line" warning with file:line, counted unknown and in
 * m->unknown_lines; the output of a command not read is one
 * "unknown-state-command" warning and its lines count as unknown. Every
 * quoted line goes through tc_mask_secrets(). */
#include "state_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- helpers the command files share ---------------------------------------- */

tc_tok tc_s_trim(tc_tok t)
{
	while (t.len > 0 && strchr(",;:)", t.p[t.len - 1]))
		t.len--;
	return t;
}

bool tc_s_ip(tc_sstate *ss, tc_tok t, uint32_t *out)
{
	t = tc_s_trim(t);
	if (t.len > 0 && t.p[0] == '(') {
		t.p++;
		t.len--;
	}
	const char *slash = memchr(t.p, '/', t.len);
	if (slash)
		t.len = (size_t)(slash - t.p);
	if (tc_ip_parse(out, t.p, t.len) == 0)
		return true;
	/* an ASA with `names` prints the name; the device's config may define it */
	const tc_name *a = t.len ? tc_name_find(ss->st.dev, t.p, t.len) : NULL;
	if (!a)
		return false;
	*out = a->addr;
	return true;
}

bool tc_s_peer(tc_sstate *ss, size_t i, uint32_t *out, const char **name)
{
	tc_tok t = ss->st.ln->tok[i];
	*out = 0;
	*name = NULL;
	if (tc_s_is_v6(t))
		return false;
	if (tc_s_ip(ss, t, out))
		return true;
	t = tc_s_trim(t);
	*name = tc_text_clean(tc_arena_strndup(ss->st.m->arena, t.p, t.len));
	tc_p_diag(&ss->st, i, TC_SEV_WARNING, "unresolved-name",
		  "the peer is a name no `name` line of the config defines; kept as printed, "
		  "its address unknown");
	return true;
}

bool tc_s_u64(tc_tok t, uint64_t *out)
{
	t = tc_s_trim(t);
	if (t.len == 0 || t.len > 20)
		return false;
	uint64_t v = 0;
	for (size_t i = 0; i < t.len; i++) {
		unsigned d = (unsigned)(unsigned char)t.p[i] - '0';
		if (d > 9 || v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

bool tc_s_is_v6(tc_tok t)
{
	t = tc_s_trim(t);
	return t.len > 1 && memchr(t.p, ':', t.len) != NULL;
}

int tc_s_ident(tc_tok t, tc_prefix *pfx, uint8_t *proto, uint16_t *port)
{
	t = tc_s_trim(t);
	tc_tok f[4];
	size_t nf = 0;
	const char *s = t.p, *e = t.p + t.len;
	while (nf < 4) {
		const char *sl = memchr(s, '/', (size_t)(e - s));
		f[nf++] = (tc_tok){s, (size_t)((sl ? sl : e) - s)};
		if (!sl)
			break;
		s = sl + 1;
	}
	if (tc_s_is_v6(f[0]))
		return 0;
	uint32_t a, m;
	uint8_t len;
	unsigned pr = 0, po = 0;
	if ((nf != 2 && nf != 4) || tc_ip_parse(&a, f[0].p, f[0].len) != 0 ||
	    tc_ip_parse(&m, f[1].p, f[1].len) != 0 || !tc_p_mask_len(m, &len) ||
	    (nf == 4 && (!tc_tok_uint(&f[2], 255, &pr) || !tc_tok_uint(&f[3], 65535, &po))))
		return -1;
	*pfx = tc_prefix_make(a, len);
	*proto = (uint8_t)pr;
	*port = (uint16_t)po;
	return 1;
}

bool tc_s_ike_up(const tc_tok *t)
{
	static const char *const up[] = {"QM_IDLE",   "MM_ACTIVE", "AM_ACTIVE", "READY",
					 "UP-ACTIVE", "Active",	   "UP-IDLE",	NULL};
	tc_tok w = tc_s_trim(*t);
	return tc_tok_in(&w, up);
}

tc_obs_sa *tc_s_sa_new(tc_sstate *ss)
{
	tc_arena *a = ss->st.m->arena;
	tc_obs_sa *sa = tc_arena_alloc(a, sizeof *sa);
	sa->iface = ss->iface;
	sa->cmap = ss->cmap;
	sa->seq = ss->seq;
	sa->has_seq = ss->has_seq;
	sa->local_addr = ss->local_addr;
	sa->lifetime_s = -1;
	sa->file = ss->st.file;
	sa->line = ss->st.ln->no;
	tc_obs *o = ss->obs;
	tc_obs_add_sa(o, sa);
	return sa;
}

tc_obs_ike *tc_s_ike_new(tc_sstate *ss, uint32_t peer, uint32_t local, unsigned version,
			 const tc_tok *state, bool up)
{
	tc_obs_ike *k = tc_arena_alloc(ss->st.m->arena, sizeof *k);
	k->peer = peer;
	k->local_addr = local;
	k->version = version;
	if (state) {
		tc_tok w = tc_s_trim(*state);
		k->state = tc_text_clean(tc_arena_strndup(ss->st.m->arena, w.p, w.len));
	}
	k->up = up;
	k->file = ss->st.file;
	k->line = ss->st.ln->no;
	tc_obs *o = ss->obs;
	ss->ike_sec = tc_p_grow(&ss->st, ss->ike_sec, o->nikes, &ss->ike_cap, sizeof *ss->ike_sec);
	ss->ike_sec[o->nikes] = ss->sec_no;
	tc_obs_add_ike(o, k);
	return k;
}

static bool same_name(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether IKE SAs x and y may be one: the same peer; version and local address the same
 * where both print one. */
static bool same_ike(const tc_obs_ike *x, const tc_obs_ike *y)
{
	return x->peer == y->peer && same_name(x->peer_name, y->peer_name) &&
	       (!x->version || !y->version || x->version == y->version) &&
	       (!x->local_addr || !y->local_addr || x->local_addr == y->local_addr);
}

void tc_s_ike_dedupe(tc_sstate *ss)
{
	tc_obs *o = ss->obs;
	size_t j = 0;
	tc_obs_ike *prev = NULL;
	for (tc_obs_ike *y = o->ikes, *next; y; y = next, j++) {
		next = y->next;
		size_t i = 0;
		tc_obs_ike *x = o->ikes;
		for (; x != y && (ss->ike_sec[i] == ss->ike_sec[j] || !same_ike(x, y));
		     x = x->next, i++)
			;
		if (x == y) {
			prev = y;
			continue;
		}
		if (!x->version)
			x->version = y->version;
		if (!x->local_addr)
			x->local_addr = y->local_addr;
		if (!x->state) { /* vpn-sessiondb's has none */
			x->state = y->state;
			x->up = y->up;
		}
		prev->next = next; /* y is not the first: x is before it */
		if (o->ikes_tail == y)
			o->ikes_tail = prev;
		o->nikes--;
	}
}

/* Whether x, an SA `show crypto ipsec sa` showed (it has a crypto map), is the flow y of a
 * session or vpn-sessiondb list: two SAs of one list are never merged. */
static bool same_sa(const tc_obs_sa *x, const tc_obs_sa *y)
{
	return x->cmap && x->local.addr == y->local.addr && x->local.len == y->local.len &&
	       x->remote.addr == y->remote.addr && x->remote.len == y->remote.len &&
	       x->proto == y->proto && x->lport == y->lport && x->rport == y->rport &&
	       x->peer == y->peer && same_name(x->peer_name, y->peer_name);
}

tc_obs_sa *tc_s_sa_merge(tc_sstate *ss, tc_obs_sa *sa)
{
	tc_obs *o = ss->obs;
	ss->fill_counters = ss->fill_lifetime = ss->fill_no_sa = true;
	/* a walk per flow: captures hold hundreds of SAs, not the routes' millions */
	tc_obs_sa *x = o->sas, *before = NULL;
	for (; x != sa && !same_sa(x, sa); x = x->next)
		;
	if (x == sa)
		return sa;
	for (before = o->sas; before->next != sa; before = before->next)
		;
	before->next = NULL; /* sa is the tail */
	o->sas_tail = before;
	o->nsas--;
	ss->fill_counters = !x->has_counters;
	ss->fill_lifetime = x->lifetime_s < 0;
	ss->fill_no_sa = false;
	return x;
}

void tc_s_sa_close(tc_sstate *ss)
{
	if (ss->sa && ss->sa->spi_out == 0 && !ss->esp_seen)
		ss->sa->no_sa = true; /* IOS lists the flow: nothing is established */
	ss->sa = NULL;
	ss->sa_v6 = false;
	ss->dir = TC_SD_NONE;
	ss->esp_spi = 0;
	ss->esp_seen = false;
	ss->counted = 0;
}

/* ---- command lines ------------------------------------------------------------ */

/* Whether word w is a prefix, of at least min letters, of kw (IOS abbreviations). */
static bool abbrev(const tc_tok *w, const char *kw, size_t min)
{
	size_t n = strlen(kw);
	return w->len >= min && w->len <= n && tc_p_caseeq(w->p, kw, w->len);
}

/* The section a `show ...` command's words ws[0..n) print (ws[0] is "show"). */
static enum tc_ssec command_section(const tc_tok *ws, size_t n)
{
	if (n >= 2 && abbrev(&ws[1], "vpn-sessiondb", 3))
		return TC_SS_L2L;
	if (n < 3 || !abbrev(&ws[1], "crypto", 3))
		return TC_SS_OTHER;
	const tc_tok *w = &ws[2];
	if (abbrev(w, "ipsec", 2))
		return TC_SS_IPSEC;
	if (abbrev(w, "isakmp", 2))
		return TC_SS_ISAKMP; /* the header rows tell the dialect and detail */
	if (abbrev(w, "ikev1", 5))
		return TC_SS_ASA_IKEV1;
	if (abbrev(w, "ikev2", 5))
		return TC_SS_IKEV2; /* the ASA's rows are told by their header */
	if (abbrev(w, "session", 2))
		return TC_SS_SESSION;
	if (abbrev(w, "map", 2))
		return TC_SS_CMAP;
	return TC_SS_OTHER;
}

/* Whether ln is a command line ("R1#show crypto ipsec sa", "asa/pri/act# show ...",
 * "R1(config)#do show ...", "show ...": ss->sec becomes the section it starts) or a bare
 * prompt ("R1#"). */
static bool command_line(tc_sstate *ss, const tc_line *ln)
{
	tc_tok ws[TC_MAX_TOKS];
	size_t n = 0, i = 0;
	const tc_tok *t0 = &ln->tok[0];
	const char *mark = NULL;
	for (size_t k = 1; k < t0->len && !mark; k++)
		if (t0->p[k] == '#' || t0->p[k] == '>')
			mark = t0->p + k;
	if (mark) {
		size_t rest = (size_t)(t0->p + t0->len - (mark + 1));
		if (rest)
			ws[n++] = (tc_tok){mark + 1, rest};
		i = 1;
	}
	for (; i < ln->ntok; i++)
		ws[n++] = ln->tok[i];
	if (n == 0) {
		if (!mark)
			return false;
		ss->st.lstat = TC_L_SKIPPED; /* a bare prompt */
		return true;
	}
	const tc_tok *w = ws;
	if (mark && n > 1 && tc_tok_is(w, "do")) { /* from a config mode */
		w++;
		n--;
	}
	if (!abbrev(w, "show", 2) || (!mark && n < 2))
		return false;
	tc_s_sa_close(ss);
	ss->ike = NULL;
	ss->flow = NULL;
	ss->has_peer = false;
	ss->sec = command_section(w, n);
	ss->st.lstat = TC_L_SKIPPED;
	if (ss->sec == TC_SS_OTHER)
		tc_p_diag(&ss->st, SIZE_MAX, TC_SEV_WARNING, "unknown-state-command",
			  "not a state command tunnelcast reads; its output, up to the next "
			  "command line, is not read (counted as not understood)");
	return true;
}

/* ---- the line loop --------------------------------------------------------------- */

static tc_cmdtab *const tabs[] = {&tc_state_ipsec_tab, &tc_state_ike_tab, &tc_state_session_tab};
#define NTABS (sizeof tabs / sizeof tabs[0])

/* The line's handlers, one a table, longest keyword phrase first: a phrase two commands print
 * ("PFS (Y/N):", "access-list") goes to the first handler that takes it in its section. */
static int dispatch(tc_pstate *st, const tc_line *ln)
{
	const tc_cmd *c[NTABS];
	for (size_t k = 0; k < NTABS; k++)
		c[k] = tc_cmdtab_find(tabs[k], ln, 0);
	for (;;) {
		size_t best = NTABS;
		for (size_t k = 0; k < NTABS; k++)
			if (c[k] && (best == NTABS || c[k]->nw > c[best]->nw))
				best = k;
		if (best == NTABS)
			return TC_ENOTFOUND;
		int rc = c[best]->fn(st, ln, c[best]->nw);
		if (rc != TC_ENOTFOUND)
			return rc;
		c[best] = NULL;
	}
}

static enum tc_lstat line_body(tc_sstate *ss, const tc_line *ln);

/* One non-blank line; what became of it. A change of section starts a new one. */
static enum tc_lstat state_line(tc_sstate *ss, const tc_line *ln)
{
	enum tc_ssec before = ss->sec;
	enum tc_lstat ls = line_body(ss, ln);
	if (ss->sec != before)
		ss->sec_no++;
	return ls;
}

static enum tc_lstat line_body(tc_sstate *ss, const tc_line *ln)
{
	tc_pstate *st = &ss->st;
	st->ln = ln;
	st->lstat = TC_L_MODELLED;
	if (command_line(ss, ln))
		return st->lstat;
	if (ss->sec == TC_SS_OTHER) {
		st->lstat = TC_L_UNKNOWN; /* reported once, at its command line */
		return st->lstat;
	}
	int rc = dispatch(st, ln);
	if (rc == TC_ENOTFOUND)
		rc = tc_s_ike_row(ss, ln);
	if (rc == TC_ENOTFOUND)
		rc = tc_s_session_row(ss, ln);
	if (rc == TC_ENOTFOUND) {
		st->lstat = TC_L_UNKNOWN;
		tc_p_diag(st, 0, TC_SEV_WARNING, "unknown-state-line",
			  "state capture line not understood");
	}
	return st->lstat;
}

int tc_p_parse_state(tc_pctx *ctx, tc_model *m, tc_device *d, const char *file, const char *buf,
		     size_t len)
{
	tc_arena_reset(ctx->scratch);
	tc_sstate *ss = tc_arena_alloc(ctx->scratch, sizeof *ss);
	tc_line *ln = tc_arena_alloc(ctx->scratch, sizeof *ln);
	tc_pstate *st = &ss->st;
	st->m = m;
	st->dev = d;
	st->file = tc_arena_strdup(m->arena, file);
	st->ops = d->dialect == TC_DIALECT_ASA ? &tc_asa_ops : &tc_ios_ops;
	st->ctx = ctx;
	ss->obs = d->obs = tc_arena_alloc(m->arena, sizeof *d->obs);
	ss->obs->file = st->file;
	tc_linestats *cs = &ss->obs->stats;
	unsigned *bucket[] = {&cs->modelled, &cs->skipped, &cs->unknown, &cs->malformed};
	const char *p = buf + tc_p_bom_len(buf, len), *end = buf + len;
	for (unsigned no = 1; p < end; no++) {
		p = tc_line_next(ln, p, end, no);
		if (p < end)
			p++; /* the newline */
		if (ln->ntok == 0)
			continue;
		enum tc_lstat ls = state_line(ss, ln);
		cs->lines++;
		(*bucket[ls])++;
		if (ls == TC_L_UNKNOWN)
			m->unknown_lines++;
	}
	tc_s_sa_close(ss);
	tc_s_ike_finish(ss);
	tc_s_ike_dedupe(ss);
	tc_p_capture_rel(cs);
	return 0;
}

int tc_parse_state(tc_model *m, tc_device *d, const char *file, const char *buf, size_t len)
{
	return tc_p_capture_once(tc_p_parse_state, m, d, file, buf, len);
}

int tc_state_prepare(void)
{
	for (size_t k = 0; k < NTABS; k++)
		if (tc_cmdtab_prepare(tabs[k]) != 0)
			return TC_ENOMEM;
	return 0;
}
