/* text.c: the terminal report: counts, a table of domains, one traced section per domain.
 *
 * Layout, for a network engineer reading a terminal:
 *
 *   tunnelcast prediction: 3 devices, 1 domain (1 stable, ...); 0 diagnostics (0 unknown lines)
 *
 *   #  DEVICE  MAP          SEQ  LOCAL           REMOTE          PEERS  OWNER  STATE
 *   1  ASA     OUTSIDE_MAP  10   10.26.241.0/24  195.160.0.0/26  ...    R2     stable
 *
 *   1. ASA OUTSIDE_MAP 10 line 1: 10.26.241.0/24 -> 195.160.0.0/26
 *     id: ASA:OUTSIDE_MAP:10:10.26.241.0/24>195.160.0.0/26
 *     <summary sentence>
 *     owners seen: R2, R3
 *     1. [ASA] <event>  (R4.3)
 *     If 195.160.0.0/26 sends first: stable, owner R2 (9 events; use --verbose to see them)
 *
 * "#" numbers the rows (diagram --domain takes the number or the id);
 * "line 1" is the permit line's position in its ACL (tc_domain.ace_index);
 * step numbers are right-aligned to the longest trace of the section.
 * Table cells are formatted into a scratch arena first so column widths can
 * be measured; the last column is not padded, so no line ends in blanks.
 * Colour (opts->color) only wraps whole words and never changes widths. */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

enum {
	COL_ROW,
	COL_DEVICE,
	COL_MAP,
	COL_SEQ,
	COL_LOCAL,
	COL_REMOTE,
	COL_PEERS,
	COL_OWNER,
	COL_STATE,
	NCOLS
};

static const char *const col_names[NCOLS] = {"#",      "DEVICE", "MAP",	  "SEQ",  "LOCAL",
					     "REMOTE", "PEERS",	 "OWNER", "STATE"};

static const char *state_color(tc_state s)
{
	switch (s) {
	case TC_STATE_STABLE:
		return "\033[32m"; /* green */
	case TC_STATE_STANDBY:
		return "\033[36m"; /* cyan */
	case TC_STATE_OSCILLATING:
		return "\033[33m"; /* yellow */
	case TC_STATE_ONE_WAY:
		return "\033[35m"; /* magenta */
	default:
		return "\033[31m"; /* red */
	}
}

/* s's name, or cell (a STATE cell that starts with it) when not NULL */
static void put_state(FILE *out, tc_state s, const char *cell, bool color)
{
	if (color)
		fputs(state_color(s), out);
	tc_render_puts(out, cell ? cell : tc_state_name(s), false);
	if (color)
		fputs(TC_ANSI_RESET, out);
}

/* An owner as shown: its hostname when in the snapshot, else its peer
 * address written into buf, else NULL (no owner). */
static const char *owner_name(char *buf, size_t n, const tc_device *owner, bool has_addr,
			      uint32_t addr)
{
	if (owner && owner->hostname)
		return owner->hostname;
	if (has_addr)
		return tc_ip_format(buf, n, addr);
	return NULL;
}

static void put_header(FILE *out, const tc_model *m, const tc_prediction *p)
{
	size_t ndom = p ? p->ndomains : 0, ndiag = tc_render_ndiags(m);
	size_t st[TC_STATE_COUNT] = {0};
	if (p)
		memcpy(st, p->nstate, sizeof st);
	fprintf(out,
		"tunnelcast prediction: %zu %s, %zu %s (%zu stable, %zu standby, %zu oscillating, "
		"%zu one-way, %zu down); %zu %s (%u unknown %s)\n",
		m->ndevs, tc_render_plural(m->ndevs, "device", "devices"), ndom,
		tc_render_plural(ndom, "domain", "domains"), st[TC_STATE_STABLE],
		st[TC_STATE_STANDBY], st[TC_STATE_OSCILLATING], st[TC_STATE_ONE_WAY],
		st[TC_STATE_DOWN], ndiag, tc_render_plural(ndiag, "diagnostic", "diagnostics"),
		m->unknown_lines, tc_render_plural(m->unknown_lines, "line", "lines"));
}

/* "5.100.34.3 (R3), 5.100.42.2 (R2), 192.0.2.9" */
static const char *peers_cell(tc_arena *a, const tc_model *m, const tc_entry *e)
{
	if (!e || e->npeers == 0)
		return "-";
	const char *s = "";
	for (unsigned i = 0; i < e->npeers; i++) {
		char ip[TC_IP_STRLEN];
		tc_ip_format(ip, sizeof ip, e->peers[i]);
		const tc_device *d = tc_device_by_addr(m, e->peers[i], NULL);
		if (d && d->hostname)
			s = tc_arena_printf(a, "%s%s%s (%s)", s, i ? ", " : "", ip, d->hostname);
		else
			s = tc_arena_printf(a, "%s%s%s", s, i ? ", " : "", ip);
	}
	return s;
}

static void fill_row(const char **row, tc_arena *a, const tc_model *m, const tc_domain *d,
		     size_t num)
{
	row[COL_ROW] = tc_arena_printf(a, "%zu", num);
	row[COL_DEVICE] = d->device && d->device->hostname ? d->device->hostname : "-";
	row[COL_MAP] = d->entry ? d->entry->map : "-";
	char seq[16];
	row[COL_SEQ] = tc_arena_strdup(a, tc_render_seq(seq, sizeof seq, d));
	row[COL_LOCAL] = tc_arena_prefix(a, d->local);
	row[COL_REMOTE] = tc_arena_prefix(a, d->remote);
	row[COL_PEERS] = d->dyn_entry ? tc_render_spokes_cell(a, d) : peers_cell(a, m, d->entry);
	row[COL_OWNER] = tc_render_owners_cell(a, d, true);
	row[COL_STATE] = tc_render_state_cell(a, d);
}

/* n blanks */
static void pad(FILE *out, size_t n)
{
	static const char blanks[] = "                                ";
	for (; n > sizeof blanks - 1; n -= sizeof blanks - 1)
		fwrite(blanks, 1, sizeof blanks - 1, out);
	fwrite(blanks, 1, n, out);
}

static void put_row(FILE *out, const char *const *row, const size_t *w, const tc_state *state,
		    bool color)
{
	for (int c = 0; c < NCOLS; c++) {
		if (c == COL_STATE && state) {
			put_state(out, *state, row[c], color);
			break;
		}
		tc_render_puts(out, row[c], false);
		if (c + 1 < NCOLS)
			pad(out, w[c] - tc_render_width(row[c]) + 2);
	}
	putc('\n', out);
}

/* The rows of v[0..n), numbered from first + 1. */
static void put_table(FILE *out, tc_arena *a, const tc_model *m, const tc_domain *const *v,
		      size_t n, size_t first, bool color)
{
	const char **cells = tc_arena_alloc(a, n * NCOLS * sizeof *cells);
	size_t w[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		w[c] = tc_render_width(col_names[c]);
	for (size_t i = 0; i < n; i++) {
		fill_row(&cells[i * NCOLS], a, m, v[i], first + i + 1);
		for (int c = 0; c < NCOLS; c++) {
			size_t l = tc_render_width(cells[i * NCOLS + c]);
			if (l > w[c])
				w[c] = l;
		}
	}
	if (color)
		fputs(TC_ANSI_BOLD, out);
	put_row(out, col_names, w, NULL, false);
	if (color)
		fputs(TC_ANSI_RESET, out);
	for (size_t i = 0; i < n; i++)
		put_row(out, &cells[i * NCOLS], w, &v[i]->state, color);
}

/* "  If 195.160.0.0/26 sends first: stable, owner R2 (9 events" */
static void put_ordering(FILE *out, const tc_trace *t, tc_prefix sender, bool color)
{
	char pfx[TC_PREFIX_STRLEN], ip[TC_IP_STRLEN];
	fprintf(out, "  If %s sends first: ", tc_prefix_format(pfx, sizeof pfx, sender));
	put_state(out, t->state, NULL, color);
	const char *owner = owner_name(ip, sizeof ip, t->owner, t->has_owner, t->owner_addr);
	if (owner) {
		/* an oscillating run ends with whichever peer happened to win last */
		fputs(t->state == TC_STATE_OSCILLATING ? ", last owner " : ", owner ", out);
		tc_render_puts(out, owner, false);
	} else {
		fputs(", no owner", out);
	}
	fprintf(out, " (%zu %s", t->nevents, tc_render_plural(t->nevents, "event", "events"));
}

/* One direction of a part: "R2 -> ASA", "in clear", or "lost". */
static void put_tunnel(FILE *out, const tc_device *from, const tc_device *to, bool ok)
{
	if (!ok)
		fputs("lost", out);
	else if (!from)
		fputs("in clear", out);
	else {
		tc_render_puts(out, from->hostname ? from->hostname : "-", false);
		fputs(" -> ", out);
		tc_render_puts(out, to && to->hostname ? to->hostname : "outside", false);
	}
}

/* Header-space parts of a split domain: through which tunnel each
 * sub-range travels in the final round, in each direction. */
static void put_parts(FILE *out, const tc_domain *d)
{
	if (d->nparts < 2)
		return;
	fputs("  sub-ranges (tunnel in the final round):\n", out);
	for (size_t i = 0; i < d->nparts; i++) {
		const tc_part *pt = &d->parts[i];
		char l[TC_PREFIX_STRLEN], r[TC_PREFIX_STRLEN];
		fprintf(out, "    %s -> %s", tc_prefix_format(l, sizeof l, pt->local),
			tc_prefix_format(r, sizeof r, pt->remote));
		if (pt->service) {
			putc(' ', out);
			tc_render_puts(out, pt->service, false);
		}
		fputs(": forward ", out);
		put_tunnel(out, pt->fwd_via, pt->fwd_peer, pt->fwd_ok);
		fputs(", return ", out);
		put_tunnel(out, pt->via, pt->rev_peer, pt->rev_ok);
		putc('\n', out);
	}
}

static void put_domain(FILE *out, const tc_domain *d, size_t num, const tc_render_opts *o)
{
	char l[TC_PREFIX_STRLEN], r[TC_PREFIX_STRLEN], id[TC_DOMAIN_ID_MAX];
	putc('\n', out);
	if (o->color)
		fputs(TC_ANSI_BOLD, out);
	fprintf(out, "%zu. ", num);
	tc_render_puts(out, d->device && d->device->hostname ? d->device->hostname : "-", false);
	putc(' ', out);
	tc_render_puts(out, d->entry ? d->entry->map : "-", false);
	if (d->tunnel) /* a tunnel end: no sequence, no ACL line */
		fputs(" (tunnel)", out);
	else if (d->dyn_entry) /* a dynamic domain: no ACL line of its own */
		fprintf(out, " %u dynamic %s %u", d->entry->seq, d->dyn_entry->map,
			d->dyn_entry->seq);
	else
		fprintf(out, " %u line %u", d->entry ? d->entry->seq : 0, d->ace_index);
	fprintf(out, ": %s -> %s", tc_prefix_format(l, sizeof l, d->local),
		tc_prefix_format(r, sizeof r, d->remote));
	if (o->color)
		fputs(TC_ANSI_RESET, out);
	putc('\n', out);
	fputs("  id: ", out);
	tc_render_puts(out, tc_render_domain_id(id, sizeof id, d), false);
	putc('\n', out);
	if (d->summary) {
		fputs("  ", out);
		tc_render_puts(out, d->summary, false);
		putc('\n', out);
	}
	fputs("  owners seen: ", out);
	tc_render_owners_seen(out, d);
	putc('\n', out);
	put_parts(out, d);
	tc_render_events(out, &d->traces[0]);
	if (d->tunnel)
		return; /* the two ends negotiate the same way whichever sends first */
	put_ordering(out, &d->traces[1], d->remote, o->color);
	if (o->verbose) {
		fputs("):\n", out);
		tc_render_events(out, &d->traces[1]);
	} else {
		fputs("; use --verbose to see them)\n", out);
	}
}

int tc_render_text(FILE *out, const tc_model *m, const tc_prediction *p, const tc_render_opts *o)
{
	static const tc_render_opts defaults = {0};
	const tc_domain **v = NULL;
	size_t n = p ? p->ndomains : 0;
	tc_arena *a = NULL;
	int rc = TC_ERROR;

	if (!o)
		o = &defaults;
	v = tc_render_domains(p);
	a = tc_arena_new();
	if (!a)
		goto out;

	put_header(out, m, p);
	putc('\n', out);
	size_t first = 0; /* --domain: the one row v[first] */
	while (o->only && first < n && v[first] != o->only)
		first++;
	size_t shown = o->only ? (first < n) : n;
	if (n == 0)
		fputs("No encryption domains.\n", out);
	else
		put_table(out, a, m, v + first, shown, first, o->color);
	for (size_t i = first; i < first + shown && !o->summary; i++)
		put_domain(out, v[i], i + 1, o);
	rc = ferror(out) ? TC_ERROR : 0;
out:
	tc_arena_free(a);
	free(v);
	return rc;
}
