/* failures.c: the single-failure report (`predict --failures single`) as text. */
#include "render_int.h"

#include <stdio.h>
#include <string.h>

/* ": owner R2 -> R3, stable -> one-way", ": owner R3 (unchanged), stable -> one-way",
 * ": owner R2⇄R3 -> none, oscillating -> down", ": owner none -> ASA, standby -> one-way",
 * ": no owner, standby -> down (does not take over)",
 * ": no traffic (R5 holds 10.26.241.0/24, the domain's local side)".
 * Before, the owners as the OWNER cell names them (an oscillating domain's pair); "none",
 * not the table's "-", where a sentence needs a word. */
static void put_change(FILE *out, tc_arena *a, const tc_domain *d, const tc_failure_change *c)
{
	char b[TC_IP_STRLEN];
	if (c->no_traffic) {
		fputs(": no traffic (", out);
		tc_render_puts(out, c->reason, false);
		fputs(")\n", out);
		return;
	}
	const char *before = tc_render_owners_cell(a, d, false);
	if (strcmp(before, "-") == 0)
		before = "none";
	const char *after = tc_render_owner_name(b, sizeof b, c->owner, c->has_owner_addr,
						 c->owner_addr, "none");
	fputs(": ", out);
	if (strcmp(before, "none") == 0 && strcmp(after, "none") == 0) {
		fputs("no owner", out);
	} else if (strcmp(before, after) == 0) {
		fputs("owner ", out);
		tc_render_puts(out, before, false);
		fputs(" (unchanged)", out);
	} else {
		fputs("owner ", out);
		tc_render_puts(out, before, false);
		fputs(" -> ", out);
		tc_render_puts(out, after, false);
	}
	fprintf(out, ", %s -> %s", tc_state_name(d->state), tc_state_name(c->state));
	/* a standby row's question is whether it takes over, as its STATE cell words it */
	if (d->state == TC_STATE_STANDBY)
		fputs(strcmp(after, "none") == 0     ? " (does not take over)"
		      : c->state == TC_STATE_STABLE  ? " (takes over)"
		      : c->state == TC_STATE_ONE_WAY ? " (takes over one way only)"
						     : "",
		      out);
	putc('\n', out);
}

int tc_render_failures_text(FILE *out, const tc_model *m, const tc_prediction *p)
{
	if (!p || !p->failures_run)
		return 0;
	size_t quiet = 0;
	fprintf(out, "\nSingle failures: %zu (each device, then each shared link, alone)\n",
		p->nfailures);
	if (tc_render_has_computed_routes(m))
		fputs("  OSPF, EIGRP, BGP and RIP routes are the intact network's here, not reconverged\n"
		      "  per failure (routes through what failed are withdrawn); --fail NAME shows one\n"
		      "  failure with the protocols reconverged.\n",
		      out);
	tc_arena *a = tc_arena_new();
	if (!a)
		return TC_ENOMEM;
	for (size_t i = 0; i < p->nfailures; i++) {
		const tc_failure *f = &p->failures[i];
		if (f->nchanges == 0) {
			quiet++;
			continue;
		}
		fprintf(out, "\n  %s down: %zu domain%s change%s\n", f->what, f->nchanges,
			f->nchanges == 1 ? "" : "s", f->nchanges == 1 ? "s" : "");
		for (size_t k = 0; k < f->nchanges; k++) {
			const tc_failure_change *c = &f->changes[k];
			const tc_domain *d = &p->domains[c->domain];
			char id[256];
			fputs("    ", out);
			tc_render_puts(out, tc_render_domain_id(id, sizeof id, d), false);
			put_change(out, a, d, c);
		}
		tc_arena_reset(a);
	}
	tc_arena_free(a);
	if (quiet) {
		fprintf(out, "\n  No domain changes when one of these is down:");
		for (size_t i = 0, n = 0; i < p->nfailures; i++)
			if (p->failures[i].nchanges == 0)
				fprintf(out, "%s %s", n++ ? "," : "", p->failures[i].what);
		putc('\n', out);
	}
	return ferror(out) ? TC_ERROR : 0;
}
