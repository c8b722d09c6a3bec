/* json.c: the machine-readable report, one JSON object with keys in a fixed order.
 *
 * Shape (every key always present, absent values null, except the keys in [ ]):
 *   { "tool", "version", "format_version",
 *     "summary": {devices, domains, stable, standby, oscillating, one_way, down,
 *                 diagnostics, unknown_lines},
 *     "devices": [{hostname, dialect, file, interfaces: [{name, nameif, address, shutdown,
 *                  crypto_map}]}],
 *     "links": [{subnet, ends: [{device, interface}]}],
 *     "domains": [{id, device, crypto_map, seq, acl, acl_line, [dynamic_map, dynamic_seq,
 *                  spokes,] local, remote, peers, owner, owner_address, owners, assumed,
 *                  [hashed,] state, [takeover, takeover_one_way,] owners_seen, summary,
 *                  order_dependent, parts,
 *                  orderings: [{first_sender, state, owner, owner_address, rounds, events}]}],
 *     "failures_reconverge_routing" (only with computed routes and --failures),
 *     "failures" (only with --failures): [{down, changes: [{domain, owner_before, owner_after,
 *                  owner_address_after, state_before, state_after, no_traffic, reason}]}],
 *     "diagnostics": [{file, line, column, severity, code, message}] }
 * "owners" lists who owns a domain (stable: its owner; oscillating: the peers it alternates
 * between; else []); "assumed" is true when one of them is outside the snapshot; "hashed"
 * (only when true) when the owner is the first of equal-cost paths a single flow hashes to. A standby
 * domain has "takeover" and "takeover_one_way" (failure names, [] = never used) only when
 * --failures ran. A failure change with "no_traffic" true (the failed device is only an end of
 * the domain) has null owner_after, owner_address_after and state_after, and "reason".
 * A domain of a protected tunnel end (static VTI, GRE with tunnel protection) has the tunnel
 * interface's name as crypto_map and null seq, acl and acl_line.
 * Each trace is written once: the domain's own trace is orderings[0].events (the local side
 * sends first; format_version 1 repeated it as the domain's "events"). An event is
 * {step, [device,] kind, [rule, confidence, reason, peer, peer_address, local, remote, hops,]
 * text}: the fields are what a script tests (reason: a tc_reason code); text renders them for
 * people, with what only it says (the packet's addresses, interfaces, the crypto map line). The
 * bracketed ones are written only when the event has them (a trace is most of the document, and
 * most events have no rule). An event and a part are each one line.
 * Diagnostics never carry their source line: it is input, and may hold
 * masked secrets the user did not ask to see again.
 *
 * The writer below indents like Python's json.dumps(indent=2), prints
 * empty containers as [] / {}, and an event or a part on one line. */
#include "render_int.h"

#include <stdlib.h>
#include <sys/types.h>

static const char *hostname(const tc_device *d)
{
	return d ? d->hostname : NULL;
}

static void put_summary(tc_jw *w, const tc_model *m, const tc_prediction *p)
{
	tc_jw_open(w, "summary", '{');
	tc_jw_uint(w, "devices", m->ndevs);
	tc_jw_uint(w, "domains", p ? p->ndomains : 0);
	tc_jw_uint(w, "stable", p ? p->nstate[TC_STATE_STABLE] : 0);
	tc_jw_uint(w, "standby", p ? p->nstate[TC_STATE_STANDBY] : 0);
	tc_jw_uint(w, "oscillating", p ? p->nstate[TC_STATE_OSCILLATING] : 0);
	tc_jw_uint(w, "one_way", p ? p->nstate[TC_STATE_ONE_WAY] : 0);
	tc_jw_uint(w, "down", p ? p->nstate[TC_STATE_DOWN] : 0);
	tc_jw_uint(w, "diagnostics", tc_render_ndiags(m));
	tc_jw_uint(w, "suppressed", m->nsuppressed);
	tc_jw_uint(w, "unknown_lines", m->unknown_lines);
	tc_jw_close(w, '}');
}

static void put_iface(tc_jw *w, const tc_iface *i)
{
	char buf[TC_PREFIX_STRLEN];
	/* the interface's own address with its length, not the network */
	tc_prefix cidr = {i->addr, i->plen};
	tc_jw_open(w, NULL, '{');
	tc_jw_str(w, "name", i->name);
	tc_jw_str(w, "nameif", i->nameif);
	tc_jw_str(w, "address", i->has_addr ? tc_prefix_format(buf, sizeof buf, cidr) : NULL);
	tc_jw_bool(w, "shutdown", i->shutdown);
	tc_jw_str(w, "crypto_map", i->cmap);
	tc_jw_close(w, '}');
}

static void put_devices(tc_jw *w, const tc_model *m)
{
	tc_jw_open(w, "devices", '[');
	for (size_t k = 0; k < m->ndevs; k++) {
		const tc_device *d = m->devs[k];
		tc_jw_open(w, NULL, '{');
		tc_jw_str(w, "hostname", d->hostname);
		tc_jw_str(w, "dialect", tc_dialect_name(d->dialect));
		tc_jw_str(w, "file", d->file);
		tc_jw_open(w, "interfaces", '[');
		for (const tc_iface *i = d->ifaces; i; i = i->next)
			put_iface(w, i);
		tc_jw_close(w, ']');
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, ']');
}

static void put_links(tc_jw *w, const tc_model *m)
{
	tc_jw_open(w, "links", '[');
	for (size_t k = 0; k < m->nlinks; k++) {
		const tc_link *l = &m->links[k];
		tc_jw_open(w, NULL, '{');
		tc_jw_prefix(w, "subnet", l->subnet);
		tc_jw_open(w, "ends", '[');
		for (size_t e = 0; e < l->nends; e++) {
			tc_jw_open(w, NULL, '{');
			tc_jw_str(w, "device", hostname(l->ends[e].device));
			tc_jw_str(w, "interface", l->ends[e].iface ? l->ends[e].iface->name : NULL);
			tc_jw_close(w, '}');
		}
		tc_jw_close(w, ']');
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, ']');
}

/* What an event states besides its kind, as fields (text renders them): why, the other device,
 * its address, the SA's proxy pair, the devices crossed in clear. Only those the event has are
 * written: they are most of a trace's keys, and a trace is most of the document. */
static void put_event_detail(tc_jw *w, const tc_event *ev)
{
	const tc_reason_info *ri = tc_reason_info_get(ev->reason);
	if (ri)
		tc_jw_str(w, "reason", ri->code);
	if (ev->peer)
		tc_jw_str(w, "peer", hostname(ev->peer));
	if (ev->has_peer_addr)
		tc_jw_ip(w, "peer_address", true, ev->peer_addr);
	if (ev->has_proxy) {
		tc_jw_prefix(w, "local", ev->local);
		tc_jw_prefix(w, "remote", ev->remote);
	}
	if (!ev->nhops)
		return;
	tc_jw_open(w, "hops", '[');
	for (uint32_t i = 0; i < ev->nhops; i++)
		tc_jw_str(w, NULL, hostname(ev->hops[i]));
	tc_jw_close(w, ']');
}

static void put_events(tc_jw *w, const tc_trace *t)
{
	tc_jw_open(w, "events", '[');
	for (size_t i = 0; i < t->nevents; i++) {
		const tc_event evt = tc_trace_event(t, i), *ev = &evt;
		tc_jw_open_line(w, NULL, '{');
		tc_jw_uint(w, "step", ev->step);
		if (ev->device)
			tc_jw_str(w, "device", hostname(ev->device));
		tc_jw_str(w, "kind", tc_event_kind_name(ev->kind));
		if (ev->rule)
			tc_jw_str(w, "rule", ev->rule);
		if (ev->confidence)
			tc_jw_str(w, "confidence", ev->confidence);
		put_event_detail(w, ev);
		tc_jw_str(w, "text", ev->text);
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, ']');
}

static void put_ordering(tc_jw *w, const tc_trace *t, const char *default_sender)
{
	tc_jw_open(w, NULL, '{');
	tc_jw_str(w, "first_sender", t->first_sender ? t->first_sender : default_sender);
	tc_jw_str(w, "state", tc_state_name(t->state));
	tc_jw_str(w, "owner", hostname(t->owner));
	tc_jw_ip(w, "owner_address", t->has_owner, t->owner_addr);
	tc_jw_uint(w, "rounds", t->rounds);
	put_events(w, t);
	tc_jw_close(w, '}');
}

static void put_names(tc_jw *w, const char *key, const char *const *v, size_t n)
{
	tc_jw_open(w, key, '[');
	for (size_t i = 0; i < n; i++)
		tc_jw_str(w, NULL, v[i]);
	tc_jw_close(w, ']');
}

static void put_domain(tc_jw *w, const tc_domain *d)
{
	const tc_entry *e = d->entry;
	char id[TC_DOMAIN_ID_MAX];
	tc_jw_open(w, NULL, '{');
	tc_jw_str(w, "id", tc_render_domain_id(id, sizeof id, d));
	tc_jw_str(w, "device", hostname(d->device));
	tc_jw_str(w, "crypto_map", e ? e->map : NULL);
	tc_jw_uint_if(w, "seq", e && !d->tunnel, e ? e->seq : 0); /* a tunnel end: null */
	tc_jw_str(w, "acl", e ? e->acl_name : NULL);
	tc_jw_uint_if(w, "acl_line", d->ace != NULL, d->ace_index); /* tunnel, dynamic: null */
	if (d->dyn_entry) { /* a dynamic domain: the dynamic map entry and the spokes */
		tc_jw_str(w, "dynamic_map", d->dyn_entry->map);
		tc_jw_uint(w, "dynamic_seq", d->dyn_entry->seq);
		tc_jw_open(w, "spokes", '[');
		for (size_t i = 0; i < d->nspokes; i++)
			tc_jw_str(w, NULL, hostname(d->spokes[i]));
		tc_jw_close(w, ']');
	}
	tc_jw_prefix(w, "local", d->local);
	tc_jw_prefix(w, "remote", d->remote);
	tc_jw_open(w, "peers", '[');
	for (unsigned i = 0; e && i < e->npeers; i++)
		tc_jw_ip(w, NULL, true, e->peers[i]);
	tc_jw_close(w, ']');
	tc_jw_str(w, "owner", hostname(d->owner));
	tc_jw_ip(w, "owner_address", d->has_owner_addr, d->owner_addr);
	tc_render_jw_owners(w, d);
	tc_jw_str(w, "state", tc_state_name(d->state));
	if (d->takeover) {
		put_names(w, "takeover", d->takeover, d->ntakeover);
		put_names(w, "takeover_one_way", d->takeover_one_way, d->ntakeover_one_way);
	}
	tc_jw_open(w, "owners_seen", '[');
	for (size_t i = 0; i < d->nowners_seen; i++)
		tc_jw_str(w, NULL, d->owners_seen[i]);
	tc_jw_close(w, ']');
	tc_jw_str(w, "summary", d->summary);
	tc_jw_bool(w, "order_dependent", d->order_dependent);
	tc_jw_open(w, "parts", '[');
	for (size_t i = 0; i < d->nparts; i++) {
		const tc_part *pt = &d->parts[i];
		tc_jw_open_line(w, NULL, '{');
		tc_jw_prefix(w, "local", pt->local);
		tc_jw_prefix(w, "remote", pt->remote);
		tc_jw_str(w, "service", pt->service);
		tc_jw_str(w, "via", hostname(pt->via));
		tc_jw_str(w, "via_peer", hostname(pt->rev_peer));
		tc_jw_str(w, "forward_via", hostname(pt->fwd_via));
		tc_jw_str(w, "forward_peer", hostname(pt->fwd_peer));
		tc_jw_bool(w, "forward_delivered", pt->fwd_ok);
		tc_jw_bool(w, "return_delivered", pt->rev_ok);
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, ']');
	tc_jw_open(w, "orderings", '[');
	put_ordering(w, &d->traces[0], "local");
	put_ordering(w, &d->traces[1], "remote");
	tc_jw_close(w, ']');
	tc_jw_close(w, '}');
}

/* `predict --failures single`: per failure, the domains that change. */
static void put_failures(tc_jw *w, const tc_model *m, const tc_prediction *p)
{
	if (!p || !p->failures_run)
		return;
	/* false: computed routes are the intact network's, not reconverged per failure */
	if (tc_render_has_computed_routes(m))
		tc_jw_bool(w, "failures_reconverge_routing", false);
	tc_jw_open(w, "failures", '[');
	for (size_t i = 0; i < p->nfailures; i++) {
		const tc_failure *f = &p->failures[i];
		tc_jw_open(w, NULL, '{');
		tc_jw_str(w, "down", f->what);
		tc_jw_open(w, "changes", '[');
		for (size_t k = 0; k < f->nchanges; k++) {
			const tc_failure_change *c = &f->changes[k];
			const tc_domain *d = &p->domains[c->domain];
			char id[256];
			tc_jw_open(w, NULL, '{');
			tc_jw_str(w, "domain", tc_render_domain_id(id, sizeof id, d));
			bool moved = !c->no_traffic; /* no traffic: no owner, no state */
			tc_jw_str(w, "owner_before", hostname(d->owner));
			tc_jw_str(w, "owner_after", moved ? hostname(c->owner) : NULL);
			tc_jw_ip(w, "owner_address_after", moved && c->has_owner_addr,
				 c->owner_addr);
			tc_jw_str(w, "state_before", tc_state_name(d->state));
			tc_jw_str(w, "state_after", moved ? tc_state_name(c->state) : NULL);
			tc_jw_bool(w, "no_traffic", c->no_traffic);
			tc_jw_str(w, "reason", c->reason);
			tc_jw_close(w, '}');
		}
		tc_jw_close(w, ']');
		tc_jw_close(w, '}');
	}
	tc_jw_close(w, ']');
}

/* ---- the domains on threads ------------------------------------------------
 * A domain's text depends only on the domain and on whether it is the first
 * of the array, so the domains are written in batches: each batch split in
 * contiguous parts, every part written into memory by a worker of its own
 * (the first straight to out by the calling thread), then the parts copied
 * to out in order.
 * A batch bounds the memory held (~16 KB of JSON per domain with its
 * traces). The output is the one thread's, byte for byte. */

#define BATCH 1024 /* domains per batch */

typedef struct part {
	const tc_domain *const *v; /* the domains of the part */
	size_t n;
	bool first; /* v[0] is the first domain of the array */
	FILE *f;    /* the part's memory stream, kept from batch to batch so that its
			 pages stay mapped (a new one per batch faulted 8 MB in each time),
			 or NULL: the part is written directly */
	char *text; /* open_memstream's buffer and size */
	size_t size;
	size_t used; /* bytes of text the part wrote */
	bool ok;     /* text holds the part */
} part;

typedef struct batch {
	FILE *out;
	part *pts;
} batch;

/* The part's domains as the writer inside "domains" (depth 2) writes them. */
static void put_part(FILE *f, const part *pt)
{
	tc_jw w = {.out = f, .depth = 2, .fresh = pt->first};
	for (size_t i = 0; i < pt->n; i++)
		put_domain(&w, pt->v[i]);
	tc_jw_flush(&w);
}

/* Part k of the batch: the first to out, the others into their streams. */
static void part_worker(void *payload, unsigned k)
{
	const batch *b = payload;
	part *pt = &b->pts[k];
	pt->ok = false;
	if (k == 0) {
		put_part(b->out, pt);
		return;
	}
	if (!pt->f || fseeko(pt->f, 0, SEEK_SET) != 0)
		return;
	put_part(pt->f, pt);
	off_t end = fflush(pt->f) == 0 && !ferror(pt->f) ? ftello(pt->f) : -1;
	pt->ok = end >= 0;
	pt->used = pt->ok ? (size_t)end : 0;
}

/* Write v[0..n) (every domain, in output order) on up to jobs threads. */
static void put_domains_threaded(FILE *out, const tc_domain *const *v, size_t n, unsigned jobs)
{
	part pts[16] = {0};
	if (jobs > sizeof pts / sizeof pts[0])
		jobs = sizeof pts / sizeof pts[0];
	for (unsigned k = 1; k < jobs; k++)
		pts[k].f = open_memstream(&pts[k].text, &pts[k].size);
	for (size_t lo = 0; lo < n; lo += BATCH) {
		size_t bn = n - lo < BATCH ? n - lo : BATCH, per = (bn + jobs - 1) / jobs, np = 0;
		for (size_t at = 0; at < bn; at += per, np++) {
			pts[np].v = v + lo + at;
			pts[np].n = bn - at < per ? bn - at : per;
			pts[np].first = lo + at == 0;
		}
		tc_par_run((unsigned)np, part_worker, &(batch){out, pts});
		for (size_t k = 1; k < np; k++) {
			if (pts[k].ok)
				fwrite(pts[k].text, 1, pts[k].used, out);
			else
				put_part(out, &pts[k]); /* no stream or no memory: here */
		}
	}
	for (unsigned k = 1; k < jobs; k++) {
		if (pts[k].f)
			fclose(pts[k].f);
		free(pts[k].text);
	}
}

int tc_render_json(FILE *out, const tc_model *m, const tc_prediction *p, const tc_render_opts *o)
{
	const tc_domain **v = tc_render_domains(p);
	unsigned jobs = o && o->jobs > 1 ? o->jobs : 1;
	tc_jw w = {.out = out, .fresh = true};

	tc_jw_open_report(&w);
	put_summary(&w, m, p);
	put_devices(&w, m);
	put_links(&w, m);
	tc_jw_open(&w, "domains", '[');
	size_t n = p ? p->ndomains : 0;
	if (o && o->only) { /* --domain: that one alone */
		v[0] = o->only;
		n = 1;
	}
	if (jobs > 1 && n > 1) {
		tc_jw_flush(&w);
		put_domains_threaded(out, v, n, jobs);
		w.fresh = false;
	} else {
		for (size_t i = 0; i < n; i++)
			put_domain(&w, v[i]);
	}
	tc_jw_close(&w, ']');
	put_failures(&w, m, p);
	tc_jw_diags(&w, m);
	free(v);
	return tc_jw_finish(&w, '}');
}
