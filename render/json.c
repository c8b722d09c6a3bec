/* json.c: the machine-readable report, one JSON object with keys in a fixed order.
 *
 * Shape (every key always present; absent values are null):
 *   { "tool", "version",
 *     "summary": {devices, domains, stable, oscillating, one_way, down, diagnostics,
 *                 unknown_lines},
 *     "devices": [{hostname, dialect, file, interfaces: [{name, nameif, address, shutdown,
 *                  crypto_map}]}],
 *     "links": [{subnet, ends: [{device, interface}]}],
 *     "domains": [{id, device, crypto_map, seq, acl, acl_line, local, remote, peers, owner,
 *                  owner_address, state, owners_seen, summary, events,
 *                  orderings: [{first_sender, state, owner, owner_address, rounds, events}]}],
 *     "diagnostics": [{file, line, column, severity, code, message}] }
 * "events" of a domain repeats orderings[0].events (local side sends first).
 * Diagnostics never carry their source line: it is input, and may hold
 * masked secrets the user did not ask to see again.
 *
 * The writer below indents like Python's json.dumps(indent=2) and prints
 * empty containers as [] / {}. */
#include "render_int.h"

#include <stdlib.h>

#ifndef TC_VERSION
#define TC_VERSION "unknown"
#endif

typedef struct jw {
	FILE *out;
	unsigned depth; /* open containers */
	bool fresh;     /* the innermost container has no member yet */
} jw;

/* Separator, newline and indent before a member; then its key, if any. */
static void jw_member(jw *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->fresh)
			putc(',', w->out);
		fprintf(w->out, "\n%*s", (int)(2 * w->depth), "");
	}
	w->fresh = false;
	if (key) {
		tc_render_json_string(w->out, key);
		fputs(": ", w->out);
	}
}

static void jw_open(jw *w, const char *key, char bracket)
{
	jw_member(w, key);
	putc(bracket, w->out);
	w->depth++;
	w->fresh = true;
}

static void jw_close(jw *w, char bracket)
{
	w->depth--;
	if (!w->fresh)
		fprintf(w->out, "\n%*s", (int)(2 * w->depth), "");
	putc(bracket, w->out);
	w->fresh = false;
}

/* s NULL writes null. */
static void jw_str(jw *w, const char *key, const char *s)
{
	jw_member(w, key);
	if (s)
		tc_render_json_string(w->out, s);
	else
		fputs("null", w->out);
}

static void jw_uint(jw *w, const char *key, unsigned long long v)
{
	jw_member(w, key);
	fprintf(w->out, "%llu", v);
}

static void jw_bool(jw *w, const char *key, bool v)
{
	jw_member(w, key);
	fputs(v ? "true" : "false", w->out);
}

static void jw_ip(jw *w, const char *key, bool has, uint32_t ip)
{
	char buf[TC_IP_STRLEN];
	jw_str(w, key, has ? tc_ip_format(buf, sizeof buf, ip) : NULL);
}

static void jw_prefix(jw *w, const char *key, tc_prefix p)
{
	char buf[TC_PREFIX_STRLEN];
	jw_str(w, key, tc_prefix_format(buf, sizeof buf, p));
}

static const char *hostname(const tc_device *d)
{
	return d ? d->hostname : NULL;
}

static void put_summary(jw *w, const tc_model *m, const tc_prediction *p)
{
	jw_open(w, "summary", '{');
	jw_uint(w, "devices", m->ndevs);
	jw_uint(w, "domains", p ? p->ndomains : 0);
	jw_uint(w, "stable", p ? p->nstate[TC_STATE_STABLE] : 0);
	jw_uint(w, "oscillating", p ? p->nstate[TC_STATE_OSCILLATING] : 0);
	jw_uint(w, "one_way", p ? p->nstate[TC_STATE_ONE_WAY] : 0);
	jw_uint(w, "down", p ? p->nstate[TC_STATE_DOWN] : 0);
	jw_uint(w, "diagnostics", tc_render_ndiags(m));
	jw_uint(w, "unknown_lines", m->unknown_lines);
	jw_close(w, '}');
}

static void put_iface(jw *w, const tc_iface *i)
{
	char buf[TC_PREFIX_STRLEN];
	/* the interface's own address with its length, not the network */
	tc_prefix cidr = {i->addr, i->plen};
	jw_open(w, NULL, '{');
	jw_str(w, "name", i->name);
	jw_str(w, "nameif", i->nameif);
	jw_str(w, "address", i->has_addr ? tc_prefix_format(buf, sizeof buf, cidr) : NULL);
	jw_bool(w, "shutdown", i->shutdown);
	jw_str(w, "crypto_map", i->cmap);
	jw_close(w, '}');
}

static void put_devices(jw *w, const tc_model *m)
{
	jw_open(w, "devices", '[');
	for (size_t k = 0; k < m->ndevs; k++) {
		const tc_device *d = m->devs[k];
		jw_open(w, NULL, '{');
		jw_str(w, "hostname", d->hostname);
		jw_str(w, "dialect", tc_dialect_name(d->dialect));
		jw_str(w, "file", d->file);
		jw_open(w, "interfaces", '[');
		for (const tc_iface *i = d->ifaces; i; i = i->next)
			put_iface(w, i);
		jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void put_links(jw *w, const tc_model *m)
{
	jw_open(w, "links", '[');
	for (size_t k = 0; k < m->nlinks; k++) {
		const tc_link *l = &m->links[k];
		jw_open(w, NULL, '{');
		jw_prefix(w, "subnet", l->subnet);
		jw_open(w, "ends", '[');
		for (size_t e = 0; e < l->nends; e++) {
			jw_open(w, NULL, '{');
			jw_str(w, "device", hostname(l->ends[e].device));
			jw_str(w, "interface", l->ends[e].iface ? l->ends[e].iface->name : NULL);
			jw_close(w, '}');
		}
		jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void put_events(jw *w, const tc_trace *t)
{
	jw_open(w, "events", '[');
	for (size_t i = 0; i < t->nevents; i++) {
		const tc_event *ev = &t->events[i];
		jw_open(w, NULL, '{');
		jw_uint(w, "step", ev->step);
		jw_str(w, "device", hostname(ev->device));
		jw_str(w, "kind", tc_event_kind_name(ev->kind));
		jw_str(w, "rule", ev->rule);
		jw_str(w, "confidence", ev->confidence);
		jw_str(w, "text", ev->text);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void put_ordering(jw *w, const tc_trace *t, const char *default_sender)
{
	jw_open(w, NULL, '{');
	jw_str(w, "first_sender", t->first_sender ? t->first_sender : default_sender);
	jw_str(w, "state", tc_state_name(t->state));
	jw_str(w, "owner", hostname(t->owner));
	jw_ip(w, "owner_address", t->has_owner, t->owner_addr);
	jw_uint(w, "rounds", t->rounds);
	put_events(w, t);
	jw_close(w, '}');
}

static void put_domain(jw *w, const tc_domain *d)
{
	const tc_entry *e = d->entry;
	char id[TC_DOMAIN_ID_MAX];
	jw_open(w, NULL, '{');
	jw_str(w, "id", tc_render_domain_id(id, sizeof id, d));
	jw_str(w, "device", hostname(d->device));
	jw_str(w, "crypto_map", e ? e->map : NULL);
	jw_uint(w, "seq", e ? e->seq : 0);
	jw_str(w, "acl", e ? e->acl_name : NULL);
	jw_uint(w, "acl_line", d->ace_index);
	jw_prefix(w, "local", d->local);
	jw_prefix(w, "remote", d->remote);
	jw_open(w, "peers", '[');
	for (unsigned i = 0; e && i < e->npeers; i++)
		jw_ip(w, NULL, true, e->peers[i]);
	jw_close(w, ']');
	jw_str(w, "owner", hostname(d->owner));
	jw_ip(w, "owner_address", d->has_owner_addr, d->owner_addr);
	jw_str(w, "state", tc_state_name(d->state));
	jw_open(w, "owners_seen", '[');
	for (size_t i = 0; i < d->nowners_seen; i++)
		jw_str(w, NULL, d->owners_seen[i]);
	jw_close(w, ']');
	jw_str(w, "summary", d->summary);
	jw_bool(w, "order_dependent", d->order_dependent);
	jw_open(w, "parts", '[');
	for (size_t i = 0; i < d->nparts; i++) {
		const tc_part *pt = &d->parts[i];
		jw_open(w, NULL, '{');
		jw_prefix(w, "local", pt->local);
		jw_prefix(w, "remote", pt->remote);
		jw_str(w, "service", pt->service);
		jw_str(w, "via", hostname(pt->via));
		jw_str(w, "via_peer", hostname(pt->rev_peer));
		jw_str(w, "forward_via", hostname(pt->fwd_via));
		jw_str(w, "forward_peer", hostname(pt->fwd_peer));
		jw_bool(w, "forward_delivered", pt->fwd_ok);
		jw_bool(w, "return_delivered", pt->rev_ok);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	put_events(w, &d->traces[0]);
	jw_open(w, "orderings", '[');
	put_ordering(w, &d->traces[0], "local");
	put_ordering(w, &d->traces[1], "remote");
	jw_close(w, ']');
	jw_close(w, '}');
}

/* `predict --failures single`: per failure, the domains that change. */
static void put_failures(jw *w, const tc_prediction *p)
{
	if (!p || !p->failures_run)
		return;
	jw_open(w, "failures", '[');
	for (size_t i = 0; i < p->nfailures; i++) {
		const tc_failure *f = &p->failures[i];
		jw_open(w, NULL, '{');
		jw_str(w, "down", f->what);
		jw_open(w, "changes", '[');
		for (size_t k = 0; k < f->nchanges; k++) {
			const tc_failure_change *c = &f->changes[k];
			const tc_domain *d = &p->domains[c->domain];
			char id[256];
			jw_open(w, NULL, '{');
			jw_str(w, "domain", tc_render_domain_id(id, sizeof id, d));
			jw_str(w, "owner_before", hostname(d->owner));
			jw_str(w, "owner_after", hostname(c->owner));
			jw_ip(w, "owner_address_after", c->has_owner_addr, c->owner_addr);
			jw_str(w, "state_before", tc_state_name(d->state));
			jw_str(w, "state_after", tc_state_name(c->state));
			jw_close(w, '}');
		}
		jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void put_diags(jw *w, const tc_model *m)
{
	jw_open(w, "diagnostics", '[');
	for (const tc_diag *d = m->diags; d; d = d->next) {
		jw_open(w, NULL, '{');
		jw_str(w, "file", d->file);
		jw_uint(w, "line", d->line);
		jw_uint(w, "column", d->col);
		jw_str(w, "severity", tc_render_sev_name(d->sev));
		jw_str(w, "code", d->code);
		jw_str(w, "message", d->msg);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

int tc_render_json(FILE *out, const tc_model *m, const tc_prediction *p, const tc_render_opts *o)
{
	(void)o; /* no JSON options yet; kept so every renderer has one signature */
	const tc_domain **v = NULL;
	jw w = {.out = out, .depth = 0, .fresh = true};

	if (tc_render_domains(&v, p) != 0)
		return TC_ERROR;
	jw_open(&w, NULL, '{');
	jw_str(&w, "tool", "tunnelcast");
	jw_str(&w, "version", TC_VERSION);
	put_summary(&w, m, p);
	put_devices(&w, m);
	put_links(&w, m);
	jw_open(&w, "domains", '[');
	for (size_t i = 0; p && i < p->ndomains; i++)
		put_domain(&w, v[i]);
	jw_close(&w, ']');
	put_failures(&w, p);
	put_diags(&w, m);
	jw_close(&w, '}');
	putc('\n', out);
	free(v);
	return ferror(out) ? TC_ERROR : 0;
}
