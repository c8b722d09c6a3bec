/* explain.c: `tunnelcast explain`: the whole story of one domain, for an engineer new to the tool. */
#include "render_int.h"

#include <stdio.h>
#include <string.h>

/* Collect the distinct rules of both traces, in rule order. */
static size_t rules_used(const tc_domain *d, const char **out, size_t cap)
{
	size_t n = 0;
	for (int t = 0; t < 2; t++)
		for (size_t i = 0; i < d->traces[t].nevents; i++) {
			const char *r = tc_trace_event(&d->traces[t], i).rule;
			bool seen = !r;
			for (size_t k = 0; k < n && !seen; k++)
				seen = strcmp(out[k], r) == 0;
			if (!seen && n < cap)
				out[n++] = r;
		}
	for (size_t i = 1; i < n; i++) /* insertion sort: a handful of rules */
		for (size_t k = i; k > 0 && strcmp(out[k - 1], out[k]) > 0; k--) {
			const char *x = out[k];
			out[k] = out[k - 1];
			out[k - 1] = x;
		}
	return n;
}

/* The crypto map entry and ACL line of d. */
static void put_entry(FILE *out, const tc_domain *d)
{
	const tc_entry *e = d->entry;
	fprintf(out, "  Entry:       crypto map ");
	tc_render_puts(out, e->map, false);
	fprintf(out, " %u", e->seq);
	if (e->file)
		fprintf(out, ", first mentioned on line %u", e->line);
	fputc('\n', out);
	if (d->dyn_entry) { /* the dynamic map entry answers; the pair is a spoke's line */
		fprintf(out, "  Dynamic map: ");
		tc_render_puts(out, d->dyn_entry->map, false);
		fprintf(out, " %u, line %u; spokes:", d->dyn_entry->seq, d->dyn_entry->line);
		for (size_t i = 0; i < d->nspokes; i++) {
			fputc(' ', out);
			tc_render_puts(out, d->spokes[i]->hostname, false);
		}
		fprintf(out, "\n  ACL line:    - (");
		tc_render_puts(out, d->spokes[0]->hostname, false);
		fprintf(out, "'s line %u, mirrored)\n", d->mirror->line);
		return;
	}
	fprintf(out, "  ACL line:    ");
	tc_render_puts(out, e->acl_name ? e->acl_name : "-", false);
	fprintf(out, " line %u", d->ace_index);
	if (d->ace && d->ace->file)
		fprintf(out, " (%s:%u)", d->ace->file, d->ace->line);
	fputc('\n', out);
}

/* A tunnel end's domain: the interface and its IPsec profile, no ACL. */
static void put_tunnel(FILE *out, const tc_iface *i)
{
	fprintf(out, "  Entry:       tunnel interface ");
	tc_render_puts(out, i->name, false);
	fprintf(out, " (%s", i->tun->mode == TC_TUN_IPSEC ? "static VTI" : "GRE");
	if (i->tun->profile_name) {
		fputs(", IPsec profile ", out);
		tc_render_puts(out, i->tun->profile_name, false);
	}
	fprintf(out, "), line %u\n", i->line);
	fputs("  ACL line:    - (the tunnel's selectors)\n", out);
}

/* A dynamic domain's peers: the spokes proposing its pair and the dynamic map
 * entry that answers them, "dynamic: BR1 (answered by dynamic map DYN 10)". */
static void put_spokes(FILE *out, const tc_domain *d)
{
	tc_arena *a = tc_arena_new();
	if (!a)
		return;
	tc_render_puts(out, tc_render_spokes_cell(a, d), false);
	fputs(" (answered by dynamic map ", out);
	tc_render_puts(out, d->dyn_entry->map, false);
	fprintf(out, " %u)", d->dyn_entry->seq);
	tc_arena_free(a);
}

/* "\n  Prediction:  oscillating, owners R2⇄R3" (or "owner R2", "no steady owner"),
 * and whether a standby takes over after --failures. */
static void put_prediction(FILE *out, const tc_domain *d)
{
	tc_arena *a = tc_arena_new();
	if (!a)
		return;
	const char *own = tc_render_owners_cell(a, d, true);
	fputs("\n  Prediction:  ", out);
	tc_render_puts(out, tc_render_state_cell(a, d), false);
	if (strcmp(own, "-") == 0)
		fputs(", no steady owner\n", out);
	else
		fprintf(out, ", %s %s\n", d->nowners > 1 ? "owners" : "owner", own);
	tc_arena_free(a);
}

/* What the captures (state/) show of d, under the prediction: the drift verdict and the
 * observed SA with the capture's line. Nothing when no device was captured. */
static void put_observed(FILE *out, const tc_model *m, const tc_prediction *p, const tc_domain *d)
{
	tc_drift *dr = tc_render_drift(m, p);
	const tc_drift_item *it = tc_drift_of(dr, p, d);
	if (it) {
		fputs("  Observed:    ", out);
		tc_render_puts(out, it->label, false);
		fputs(": ", out);
		tc_render_puts(out, it->detail, false);
		if (it->sa && it->sa->file) {
			fputs(" (", out);
			tc_render_puts(out, it->sa->file, false);
			fprintf(out, ":%u)", it->sa->line);
		}
		putc('\n', out);
	}
	tc_drift_free(dr);
}

int tc_render_explain(FILE *out, const tc_model *m, const tc_prediction *p, const tc_domain *d)
{
	char id[TC_DOMAIN_ID_MAX], l[TC_PREFIX_STRLEN], r[TC_PREFIX_STRLEN], ip[TC_IP_STRLEN];
	const tc_entry *e = d->entry;
	fputs("Domain ", out);
	tc_render_puts(out, tc_render_domain_id(id, sizeof id, d), false);
	fputs("\n\n", out);
	fprintf(out, "  Device:      ");
	tc_render_puts(out, d->device->hostname, false);
	fprintf(out, " (%s, ", tc_dialect_name(d->device->dialect));
	tc_render_puts(out, d->device->file, false);
	fputs(")\n", out);
	if (d->tunnel)
		put_tunnel(out, d->tunnel);
	else
		put_entry(out, d);
	fprintf(out, "  Proxy pair:  %s <-> %s\n", tc_prefix_format(l, sizeof l, d->local),
		tc_prefix_format(r, sizeof r, d->remote));
	fputs("  Peers:       ", out);
	if (d->dyn_entry)
		put_spokes(out, d);
	for (unsigned i = 0; !d->dyn_entry && i < e->npeers; i++) {
		const tc_device *pd = tc_device_by_addr(m, e->peers[i], NULL);
		fprintf(out, "%s%u. %s", i ? ", " : "", i + 1,
			tc_ip_format(ip, sizeof ip, e->peers[i]));
		if (pd) {
			fputs(" (", out);
			tc_render_puts(out, pd->hostname, false);
			putc(')', out);
		}
	}
	if (!d->dyn_entry && e->npeers == 0)
		fputs("none", out);
	put_prediction(out, d);
	put_observed(out, m, p, d);
	if (d->summary) {
		fputs("  Why:         ", out);
		tc_render_puts(out, d->summary, false);
		putc('\n', out);
	}
	if (d->assumed) {
		fputs("  Assumes:     ", out);
		char who[256];
		tc_render_puts(out, tc_domain_outside_owners(d, m, who, sizeof who), false);
		fprintf(out,
			" %s as configured (outside the snapshot): the prediction rests on\n"
			"               that, not on both configs\n",
			strstr(who, " and ") ? "answer" : "answers");
	}
	fputs("  Owners seen: ", out);
	tc_render_owners_seen(out, d);
	putc('\n', out);
	fprintf(out, "  Order:       %s\n",
		d->order_dependent ? "the outcome depends on which side sends first"
				   : "the same whichever side sends first");

	/* a tunnel end's two orders are one negotiation */
	for (int t = 0; t < (d->tunnel ? 1 : 2); t++) {
		const tc_trace *tr = &d->traces[t];
		fprintf(out, "\nWhen %s sends first (%s, %s %s, %u round%s):\n",
			d->tunnel ? "either side"
				  : tc_prefix_format(l, sizeof l, t == 0 ? d->local : d->remote),
			tc_state_name(tr->state),
			tr->state == TC_STATE_OSCILLATING ? "last owner" : "owner",
			tc_render_owner_name(ip, sizeof ip, tr->owner, tr->has_owner,
					     tr->owner_addr, "none"),
			tr->rounds, tr->rounds == 1 ? "" : "s");
		tc_render_events(out, tr);
	}

	const char *rules[64];
	size_t n = rules_used(d, rules, sizeof rules / sizeof rules[0]);
	if (n) {
		fputs("\nRules applied (confidence as in the behaviour spec):\n", out);
		for (size_t i = 0; i < n; i++) {
			const tc_rule_info *ri = tc_rule_info_find(rules[i]);
			fprintf(out, "  %-6s %-15s %s\n", rules[i], ri ? ri->confidence : "-",
				ri ? ri->summary : "");
		}
		fputs("\n  documented: Cisco documentation says so; documented-2nd: Cisco text seen only\n"
		      "  second-hand; observed: seen in a lab or field write-up; inferred: reasoning that\n"
		      "  needs a lab check. An IOS hub replacing SAs (R4.3) is inferred, not observed.\n",
		      out);
	}
	return ferror(out) ? TC_ERROR : 0;
}
