/* failures.c: the single-failure report (`predict --failures single`) as text. */
#include "render_int.h"

#include <stdio.h>

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
			char id[256], a[TC_IP_STRLEN], b[TC_IP_STRLEN];
			fputs("    ", out);
			tc_render_puts(out, tc_render_domain_id(id, sizeof id, d), false);
			fprintf(out, ": owner %s -> %s, %s -> %s\n",
				tc_render_owner_name(a, sizeof a, d->owner, d->has_owner_addr,
						     d->owner_addr, "-"),
				tc_render_owner_name(b, sizeof b, c->owner, c->has_owner_addr,
						     c->owner_addr, "-"),
				tc_state_name(d->state), tc_state_name(c->state));
		}
	}
	if (quiet) {
		fprintf(out, "\n  No domain changes when one of these is down:");
		for (size_t i = 0, n = 0; i < p->nfailures; i++)
			if (p->failures[i].nchanges == 0)
				fprintf(out, "%s %s", n++ ? "," : "", p->failures[i].what);
		putc('\n', out);
	}
	return ferror(out) ? TC_ERROR : 0;
}
