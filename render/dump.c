/* dump.c: what the parser read: the model of every device, and routing-table captures, as text or JSON.
 *
 * `tunnelcast parse` and `tunnelcast routes` print these so users can check
 * what tunnelcast understood of their configs before trusting a prediction.
 * Secrets never appear: the model holds only digests, and a key prints as
 * "<secret>" (a digest of a short key could be brute-forced, so not even a
 * fingerprint is shown). Order follows the finalized model (devices by
 * hostname, entries by map and sequence); lists the model keeps in config
 * order (interfaces, ACLs, routes) stay in config order.
 *
 * The JSON writer below indents by two spaces and writes empty containers as
 * [] / {}, like json.c's. */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

#define SECRET "<secret>"

/* ---- a small JSON writer ----------------------------------------------------- */

typedef struct jout {
	FILE *f;
	unsigned level; /* open containers */
	bool empty;	/* the innermost container has no member yet */
} jout;

/* Start a member (comma, newline, indent, "key": ). */
static void jkey(jout *j, const char *key)
{
	if (j->level) {
		fputs(j->empty ? "\n" : ",\n", j->f);
		fprintf(j->f, "%*s", (int)(2 * j->level), "");
	}
	j->empty = false;
	if (key) {
		tc_render_json_string(j->f, key);
		fputs(": ", j->f);
	}
}

static void jbegin(jout *j, const char *key, char c)
{
	jkey(j, key);
	putc(c, j->f);
	j->level++;
	j->empty = true;
}

static void jend(jout *j, char c)
{
	j->level--;
	if (!j->empty)
		fprintf(j->f, "\n%*s", (int)(2 * j->level), "");
	putc(c, j->f);
	j->empty = false;
}

static void jstr(jout *j, const char *key, const char *s)
{
	jkey(j, key);
	if (s)
		tc_render_json_string(j->f, s);
	else
		fputs("null", j->f);
}

static void jnum(jout *j, const char *key, unsigned long long v)
{
	jkey(j, key);
	fprintf(j->f, "%llu", v);
}

/* v when has, else null. */
static void jnum_if(jout *j, const char *key, bool has, unsigned long long v)
{
	if (has)
		jnum(j, key, v);
	else
		jstr(j, key, NULL);
}

static void jbool(jout *j, const char *key, bool v)
{
	jkey(j, key);
	fputs(v ? "true" : "false", j->f);
}

/* ---- formatting helpers ------------------------------------------------------------ */

/* "a.b.c.d" into buf, or NULL when !has. */
static const char *ipstr(char *buf, size_t n, bool has, uint32_t ip)
{
	return has ? tc_ip_format(buf, n, ip) : NULL;
}

static const char *pfxstr(char *buf, size_t n, tc_prefix p)
{
	return tc_prefix_format(buf, n, p);
}

/* An interface address with its length, host bits kept. */
static const char *ifaddr(char *buf, size_t n, uint32_t addr, uint8_t plen)
{
	char ip[TC_IP_STRLEN];
	snprintf(buf, n, "%s/%u", tc_ip_format(ip, sizeof ip, addr), plen);
	return buf;
}

static const char *proto_name(uint8_t p, char *buf, size_t n)
{
	static const struct {
		uint8_t num;
		const char *name;
	} names[] = {{0, "ip"},	    {1, "icmp"},  {2, "igmp"},	{6, "tcp"},
		     {17, "udp"},   {47, "gre"},  {50, "esp"},	{51, "ah"},
		     {58, "icmp6"}, {89, "ospf"}, {132, "sctp"}};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (names[k].num == p)
			return names[k].name;
	snprintf(buf, n, "%u", p);
	return buf;
}

/* "any", "443" or "1024-65535". */
static const char *ports(char *buf, size_t n, uint16_t lo, uint16_t hi)
{
	if (lo == 0 && hi == 65535)
		return "any";
	if (lo == hi)
		snprintf(buf, n, "%u", lo);
	else
		snprintf(buf, n, "%u-%u", lo, hi);
	return buf;
}

static const char *conn_name(tc_conn_type c)
{
	return c == TC_CONN_ORIGINATE_ONLY ? "originate-only"
	       : c == TC_CONN_ANSWER_ONLY  ? "answer-only"
					   : "bidirectional";
}

static const char *rri_name(tc_rri r)
{
	switch (r) {
	case TC_RRI_DYNAMIC:
		return "dynamic";
	case TC_RRI_STATIC:
		return "static";
	case TC_RRI_REMOTE_PEER:
		return "remote-peer";
	default:
		return NULL;
	}
}

static const char *origin_name(tc_route_origin o)
{
	return o == TC_RT_CONNECTED ? "connected" : o == TC_RT_STATIC ? "static" : "captured";
}

static unsigned understood(const tc_linestats *s)
{
	return s->modelled + s->skipped;
}

static unsigned rel_understood(const tc_linestats *s)
{
	return s->rel_modelled + s->rel_skipped;
}

/* Percentage with one decimal, 100.0 for an empty file. */
static double pct(unsigned part, unsigned whole)
{
	return whole ? 100.0 * part / whole : 100.0;
}

void tc_render_line_totals(tc_linestats *out, const tc_model *m)
{
	memset(out, 0, sizeof *out);
	for (const tc_device *d = m->devices; d; d = d->next) {
		tc_linestats_add(out, &d->stats);
		tc_linestats_add(out, &d->capture_stats);
	}
}

/* ---- the model as JSON -------------------------------------------------------------- */

static void j_stats(jout *j, const char *key, const tc_linestats *s)
{
	char buf[32];
	jbegin(j, key, '{');
	jnum(j, "lines", s->lines);
	jnum(j, "modelled", s->modelled);
	jnum(j, "skipped", s->skipped);
	jnum(j, "unknown", s->unknown);
	jnum(j, "malformed", s->malformed);
	snprintf(buf, sizeof buf, "%.1f", pct(understood(s), s->lines));
	jkey(j, "understood_percent");
	fputs(buf, j->f);
	jbegin(j, "relevant", '{');
	jnum(j, "lines", s->rel_lines);
	jnum(j, "modelled", s->rel_modelled);
	jnum(j, "skipped", s->rel_skipped);
	jnum(j, "unknown", s->rel_unknown);
	jnum(j, "malformed", s->rel_malformed);
	snprintf(buf, sizeof buf, "%.1f", pct(rel_understood(s), s->rel_lines));
	jkey(j, "understood_percent");
	fputs(buf, j->f);
	jend(j, '}');
	jend(j, '}');
}

static void j_iface(jout *j, const tc_iface *i)
{
	char buf[32];
	jbegin(j, NULL, '{');
	jstr(j, "name", i->name);
	jstr(j, "nameif", i->nameif);
	jstr(j, "description", i->description);
	jstr(j, "address", i->has_addr ? ifaddr(buf, sizeof buf, i->addr, i->plen) : NULL);
	jbegin(j, "secondary", '[');
	for (unsigned k = 0; k < i->nsecondary; k++)
		jstr(j, NULL, ifaddr(buf, sizeof buf, i->secondary[k].addr, i->secondary[k].plen));
	jend(j, ']');
	jstr(j, "vrf", i->vrf);
	jnum_if(j, "security_level", i->security_level >= 0, (unsigned)i->security_level);
	jnum_if(j, "vlan", i->vlan != 0, i->vlan);
	jbool(j, "shutdown", i->shutdown);
	jstr(j, "crypto_map", i->cmap);
	jbool(j, "ike", i->ike);
	jstr(j, "nat", i->nat_inside ? "inside" : i->nat_outside ? "outside" : NULL);
	jstr(j, "acl_in", i->acl_in);
	jstr(j, "acl_out", i->acl_out);
	jnum(j, "line", i->line);
	jend(j, '}');
}

static void j_route(jout *j, const tc_route *r)
{
	char buf[64];
	jbegin(j, NULL, '{');
	jstr(j, "origin", origin_name(r->origin));
	jstr(j, "vrf", r->vrf);
	if (r->dst_unresolved)
		snprintf(buf, sizeof buf, "%s/%u", r->dst_name, r->dst.len);
	jstr(j, "prefix", r->dst_unresolved ? buf : pfxstr(buf, sizeof buf, r->dst));
	jstr(j, "name", r->dst_name);
	jstr(j, "code", r->code);
	jstr(j, "next_hop", ipstr(buf, sizeof buf, r->has_nh, r->nh));
	jstr(j, "interface", r->ifname);
	jnum_if(j, "distance", r->origin != TC_RT_CAPTURED || r->has_ad, r->distance);
	jnum_if(j, "metric", r->origin == TC_RT_CAPTURED && r->has_ad, r->metric);
	jnum_if(j, "track", r->track != 0, r->track);
	jstr(j, "label", r->label);
	jbool(j, "permanent", r->permanent);
	jbool(j, "tunneled", r->tunneled);
	jstr(j, "file", r->file);
	jnum(j, "line", r->line);
	jend(j, '}');
}

static void j_acl(jout *j, const tc_acl *a)
{
	char b1[TC_PREFIX_STRLEN], b2[TC_PREFIX_STRLEN], b3[16], b4[16], b5[8];
	jbegin(j, NULL, '{');
	jstr(j, "name", a->name);
	jbool(j, "standard", a->standard);
	jnum(j, "line", a->line);
	jbegin(j, "aces", '[');
	for (const tc_ace *e = a->aces; e; e = e->next) {
		jbegin(j, NULL, '{');
		jstr(j, "action", e->permit ? "permit" : "deny");
		jstr(j, "protocol", proto_name(e->proto, b5, sizeof b5));
		jstr(j, "source", pfxstr(b1, sizeof b1, e->src));
		jstr(j, "source_ports", ports(b3, sizeof b3, e->sport_lo, e->sport_hi));
		jstr(j, "destination", pfxstr(b2, sizeof b2, e->dst));
		jstr(j, "destination_ports", ports(b4, sizeof b4, e->dport_lo, e->dport_hi));
		jnum(j, "line", e->line);
		jend(j, '}');
	}
	jend(j, ']');
	jend(j, '}');
}

static void j_psk(jout *j, const tc_psk *k)
{
	char buf[TC_PREFIX_STRLEN];
	jbegin(j, NULL, '{');
	jstr(j, "peer",
	     k->peer_name && k->peer.addr == 0 ? NULL : pfxstr(buf, sizeof buf, k->peer));
	jstr(j, "peer_name", k->peer_name);
	jnum_if(j, "ike_version", k->ike_version != 0, k->ike_version);
	jstr(j, "keyring", k->keyring);
	jstr(j, "vrf", k->vrf);
	jstr(j, "key", SECRET);
	jstr(j, "local_key", k->has_local_digest && k->local_digest != k->digest ? SECRET : NULL);
	jnum(j, "line", k->line);
	jend(j, '}');
}

static void j_entry(jout *j, const tc_entry *e)
{
	char buf[TC_IP_STRLEN];
	jbegin(j, NULL, '{');
	jnum(j, "seq", e->seq);
	jstr(j, "acl", e->acl_name);
	jbool(j, "acl_defined", e->acl != NULL);
	jbegin(j, "peers", '[');
	for (unsigned k = 0; k < e->npeers; k++)
		jstr(j, NULL, tc_ip_format(buf, sizeof buf, e->peers[k]));
	jend(j, ']');
	jbegin(j, "peers_as_written", '[');
	for (unsigned k = 0; k < e->npeer_names; k++)
		jstr(j, NULL, e->peer_names[k]);
	jend(j, ']');
	jstr(j, "default_peer",
	     e->default_peer >= 0 && (unsigned)e->default_peer < e->npeers
		     ? tc_ip_format(buf, sizeof buf, e->peers[e->default_peer])
		     : NULL);
	jbegin(j, "transform_sets", '[');
	for (unsigned k = 0; k < e->ntsets; k++)
		jstr(j, NULL, e->tset_names[k]);
	jend(j, ']');
	jnum(j, "ike_version", e->ike_version);
	jnum_if(j, "pfs_group", e->pfs_group != 0, e->pfs_group);
	jnum_if(j, "lifetime_seconds", e->lifetime_sec != 0, e->lifetime_sec);
	jnum_if(j, "lifetime_kilobytes", e->lifetime_kb != 0, e->lifetime_kb);
	jstr(j, "connection_type", conn_name(e->conn_type));
	jstr(j, "reverse_route", rri_name(e->rri));
	jstr(j, "reverse_route_next_hop", ipstr(buf, sizeof buf, e->has_rri_nh, e->rri_nh));
	jnum_if(j, "reverse_route_tag", e->rri_tag != 0, e->rri_tag);
	jstr(j, "dynamic_map", e->dynamic ? e->dynmap : NULL);
	jstr(j, "isakmp_profile", e->isakmp_profile);
	jstr(j, "ikev2_profile", e->ikev2_profile);
	jstr(j, "local_address", e->local_address);
	jbool(j, "nat_t_disable", e->nat_t_disable);
	jstr(j, "description", e->description);
	jnum(j, "line", e->line);
	jend(j, '}');
}

/* Entries (sorted by map) grouped into maps, with the interfaces using each. */
static void j_maps(jout *j, const char *key, const tc_device *d, const tc_entry *list)
{
	jbegin(j, key, '[');
	for (const tc_entry *e = list; e;) {
		const char *map = e->map;
		jbegin(j, NULL, '{');
		jstr(j, "name", map);
		jbegin(j, "interfaces", '[');
		for (const tc_iface *i = d->ifaces; i; i = i->next)
			if (i->cmap && strcmp(i->cmap, map) == 0)
				jstr(j, NULL, i->nameif ? i->nameif : i->name);
		jend(j, ']');
		jbegin(j, "entries", '[');
		for (; e && strcmp(e->map, map) == 0; e = e->next)
			j_entry(j, e);
		jend(j, ']');
		jend(j, '}');
	}
	jend(j, ']');
}

static void j_natset(jout *j, const char *key, const tc_natset *s)
{
	char buf[TC_PREFIX_STRLEN];
	if (s->n == 0) {
		jstr(j, key, NULL);
		return;
	}
	jbegin(j, key, '[');
	for (unsigned k = 0; k < s->n; k++)
		jstr(j, NULL, pfxstr(buf, sizeof buf, s->v[k]));
	jend(j, ']');
}

static void j_nat(jout *j, const tc_nat *n)
{
	jbegin(j, NULL, '{');
	jnum(j, "section", n->section);
	jnum(j, "order", n->order);
	jstr(j, "real_interface", n->real_if);
	jstr(j, "mapped_interface", n->mapped_if);
	jstr(j, "type", n->is_static ? "static" : "dynamic");
	jbool(j, "identity", n->identity);
	jbool(j, "pat", n->pat);
	jbool(j, "real_outside", n->real_outside);
	jbool(j, "destination_only", n->dest_only);
	j_natset(j, "real_source", &n->real_src);
	j_natset(j, "mapped_source", &n->mapped_src);
	jstr(j, "mapped_source_interface", n->mapped_src_if);
	j_natset(j, "real_destination", &n->real_dst);
	j_natset(j, "mapped_destination", &n->mapped_dst);
	jstr(j, "acl", n->acl_name);
	jstr(j, "route_map", n->route_map);
	jstr(j, "vrf", n->vrf);
	jbool(j, "route_lookup", n->route_lookup);
	jbool(j, "no_proxy_arp", n->no_proxy_arp);
	jbool(j, "unidirectional", n->unidirectional);
	jbool(j, "inactive", n->inactive);
	jbool(j, "ports", n->ports);
	jnum(j, "line", n->line);
	jend(j, '}');
}

static void j_device(jout *j, const tc_device *d)
{
	char buf[TC_PREFIX_STRLEN];
	jbegin(j, NULL, '{');
	jstr(j, "hostname", d->hostname);
	jstr(j, "file", d->file);
	jstr(j, "dialect", tc_dialect_name(d->dialect));
	j_stats(j, "lines", &d->stats);
	jstr(j, "capture_file", d->capture_file);
	if (d->capture_file)
		j_stats(j, "capture_lines", &d->capture_stats);
	else
		jstr(j, "capture_lines", NULL);
	jbegin(j, "interfaces", '[');
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		j_iface(j, i);
	jend(j, ']');
	jbegin(j, "routes", '[');
	const tc_route *lists[] = {d->routes, d->captured, d->held};
	for (size_t k = 0; k < 3; k++)
		for (const tc_route *r = lists[k]; r; r = r->next)
			j_route(j, r);
	jend(j, ']');
	jbegin(j, "names", '[');
	for (const tc_name *a = d->names; a; a = a->next) {
		jbegin(j, NULL, '{');
		jstr(j, "name", a->name);
		jstr(j, "address", tc_ip_format(buf, sizeof buf, a->addr));
		jend(j, '}');
	}
	jend(j, ']');
	jbegin(j, "acls", '[');
	for (const tc_acl *a = d->acls; a; a = a->next)
		j_acl(j, a);
	jend(j, ']');
	jbegin(j, "transform_sets", '[');
	for (const tc_tset *t = d->tsets; t; t = t->next) {
		jbegin(j, NULL, '{');
		jstr(j, "name", t->name);
		jstr(j, "kind", t->ikev2 ? "ikev2-proposal" : "transform-set");
		jstr(j, "encryption", t->enc);
		jstr(j, "integrity", t->auth);
		jstr(j, "mode", t->transport ? "transport" : "tunnel");
		jend(j, '}');
	}
	jend(j, ']');
	jbegin(j, "ike_policies", '[');
	for (const tc_ikepol *p = d->ikepols; p; p = p->next) {
		jbegin(j, NULL, '{');
		jnum(j, "version", p->version);
		jnum(j, "priority", p->prio);
		jstr(j, "name", p->name);
		jstr(j, "encryption", p->enc);
		jstr(j, "hash", p->hash);
		jstr(j, "authentication", p->auth);
		jnum(j, "group", p->group);
		jnum(j, "lifetime", p->lifetime);
		jend(j, '}');
	}
	jend(j, ']');
	jbegin(j, "ike_profiles", '[');
	for (const tc_ikeprof *p = d->ikeprofs; p; p = p->next) {
		jbegin(j, NULL, '{');
		jstr(j, "name", p->name);
		jnum(j, "version", p->version);
		jstr(j, "keyring", p->keyring);
		jbegin(j, "match", '[');
		for (unsigned k = 0; k < p->nmatch; k++)
			jstr(j, NULL, pfxstr(buf, sizeof buf, p->match[k]));
		jend(j, ']');
		jstr(j, "vrf", p->vrf);
		jstr(j, "local_address", p->local_address);
		jnum_if(j, "dpd_interval", p->dpd_interval != 0, p->dpd_interval);
		jend(j, '}');
	}
	jend(j, ']');
	jnum_if(j, "dpd_interval", d->dpd_interval != 0, d->dpd_interval);
	jbegin(j, "pre_shared_keys", '[');
	for (const tc_psk *k = d->psks; k; k = k->next)
		j_psk(j, k);
	jend(j, ']');
	j_maps(j, "crypto_maps", d, d->entries);
	j_maps(j, "dynamic_maps", d, d->dynentries);
	jbegin(j, "nat", '[');
	for (const tc_nat *n = d->nats; n; n = n->next)
		j_nat(j, n);
	jend(j, ']');
	jend(j, '}');
}

static void j_diags(jout *j, const tc_model *m)
{
	jbegin(j, "diagnostics", '[');
	for (const tc_diag *g = m->diags; g; g = g->next) {
		jbegin(j, NULL, '{');
		jstr(j, "file", g->file);
		jnum(j, "line", g->line);
		jnum(j, "column", g->col);
		jstr(j, "severity", tc_render_sev_name(g->sev));
		jstr(j, "code", g->code);
		jstr(j, "message", g->msg);
		jend(j, '}');
	}
	jend(j, ']');
}

int tc_render_model_json(FILE *out, const tc_model *m)
{
	jout j = {out, 0, true};
	tc_linestats tot;
	tc_render_line_totals(&tot, m);
	jbegin(&j, NULL, '{');
	jstr(&j, "tool", "tunnelcast");
	jbegin(&j, "summary", '{');
	jnum(&j, "devices", m->ndevs);
	jnum(&j, "diagnostics", tc_render_ndiags(m));
	jnum(&j, "unknown_lines", m->unknown_lines);
	j_stats(&j, "lines", &tot);
	jend(&j, '}');
	jbegin(&j, "devices", '[');
	for (size_t k = 0; k < m->ndevs; k++)
		j_device(&j, m->devs[k]);
	jend(&j, ']');
	j_diags(&j, m);
	jend(&j, '}');
	putc('\n', out);
	return ferror(out) ? TC_ERROR : 0;
}

/* ---- the model as text --------------------------------------------------------------- */

static void t_stats(FILE *f, const char *what, const tc_linestats *s)
{
	fprintf(f,
		"  %s: %u lines, %u understood (%.1f%%): %u modelled, %u skipped, %u unknown, "
		"%u malformed\n",
		what, s->lines, understood(s), pct(understood(s), s->lines), s->modelled,
		s->skipped, s->unknown, s->malformed);
	fprintf(f,
		"    crypto, routing, ACL, NAT and interface lines: %u, %u understood (%.1f%%)\n",
		s->rel_lines, rel_understood(s), pct(rel_understood(s), s->rel_lines));
}

/* "  title:" once, before the first line of a section. */
static void t_section(FILE *f, bool *said, const char *title)
{
	if (!*said)
		fprintf(f, "  %s:\n", title);
	*said = true;
}

static void t_iface(FILE *f, const tc_iface *i)
{
	char buf[32];
	fputs("    ", f);
	tc_render_puts(f, i->name, false);
	if (i->nameif) {
		fputs(" (", f);
		tc_render_puts(f, i->nameif, false);
		putc(')', f);
	}
	fprintf(f, " %s", i->has_addr ? ifaddr(buf, sizeof buf, i->addr, i->plen) : "no address");
	for (unsigned k = 0; k < i->nsecondary; k++)
		fprintf(f, ", secondary %s",
			ifaddr(buf, sizeof buf, i->secondary[k].addr, i->secondary[k].plen));
	if (i->vrf) {
		fputs(", vrf ", f);
		tc_render_puts(f, i->vrf, false);
	}
	if (i->security_level >= 0)
		fprintf(f, ", security-level %d", i->security_level);
	if (i->vlan)
		fprintf(f, ", vlan %u", i->vlan);
	if (i->nat_inside || i->nat_outside)
		fprintf(f, ", nat %s", i->nat_inside ? "inside" : "outside");
	if (i->cmap) {
		fputs(", crypto map ", f);
		tc_render_puts(f, i->cmap, false);
	}
	if (i->shutdown)
		fputs(", shutdown", f);
	putc('\n', f);
}

static void t_route(FILE *f, const tc_route *r)
{
	char buf[64];
	fprintf(f, "    %-9s ", origin_name(r->origin));
	if (r->vrf) {
		fputs("vrf ", f);
		tc_render_puts(f, r->vrf, false);
		putc(' ', f);
	}
	if (r->code) {
		tc_render_puts(f, r->code, false);
		putc(' ', f);
	}
	if (r->dst_unresolved) {
		tc_render_puts(f, r->dst_name, false);
		fprintf(f, "/%u (unresolved name)", r->dst.len);
	} else {
		fputs(pfxstr(buf, sizeof buf, r->dst), f);
	}
	if (r->has_nh)
		fprintf(f, " via %s", tc_ip_format(buf, sizeof buf, r->nh));
	if (r->ifname) {
		fputs(r->has_nh ? ", " : " ", f);
		tc_render_puts(f, r->ifname, false);
	}
	if (r->origin != TC_RT_CAPTURED || r->has_ad)
		fprintf(f, " [%u/%u]", r->distance, r->metric);
	if (r->track)
		fprintf(f, " track %u", r->track);
	if (r->permanent)
		fputs(" permanent", f);
	if (r->tunneled)
		fputs(" tunneled", f);
	fprintf(f, " (line %u)\n", r->line);
}

static void t_entry(FILE *f, const tc_entry *e)
{
	char buf[TC_IP_STRLEN];
	fprintf(f, "      %u:", e->seq);
	if (e->dynamic && e->dynmap) {
		fputs(" dynamic map ", f);
		tc_render_puts(f, e->dynmap, false);
	}
	if (e->acl_name) {
		fputs(" match ", f);
		tc_render_puts(f, e->acl_name, false);
		if (!e->acl)
			fputs(" (undefined)", f);
	}
	if (e->npeer_names) {
		fputs(" peers", f);
		for (unsigned k = 0; k < e->npeer_names; k++) {
			putc(' ', f);
			tc_render_puts(f, e->peer_names[k], false);
		}
	}
	if (e->default_peer >= 0 && (unsigned)e->default_peer < e->npeers)
		fprintf(f, " (default %s)",
			tc_ip_format(buf, sizeof buf, e->peers[e->default_peer]));
	if (e->ntsets) {
		fputs(e->ike_version == 2 ? " proposals" : " transform-sets", f);
		for (unsigned k = 0; k < e->ntsets; k++) {
			putc(' ', f);
			tc_render_puts(f, e->tset_names[k], false);
		}
	}
	if (e->pfs_group)
		fprintf(f, " pfs group%u", e->pfs_group);
	if (e->lifetime_sec)
		fprintf(f, " lifetime %us", e->lifetime_sec);
	if (e->lifetime_kb)
		fprintf(f, " lifetime %ukB", e->lifetime_kb);
	if (e->conn_type != TC_CONN_BIDIRECTIONAL)
		fprintf(f, " %s", conn_name(e->conn_type));
	if (e->rri)
		fprintf(f, " reverse-route %s", rri_name(e->rri));
	const char *names[][2] = {{" isakmp-profile ", e->isakmp_profile},
				  {" ikev2-profile ", e->ikev2_profile},
				  {" local-address ", e->local_address}};
	for (size_t k = 0; k < 3; k++)
		if (names[k][1]) {
			fputs(names[k][0], f);
			tc_render_puts(f, names[k][1], false);
		}
	fprintf(f, " (line %u)\n", e->line);
}

static void t_maps(FILE *f, const char *what, const tc_device *d, const tc_entry *list)
{
	for (const tc_entry *e = list; e;) {
		const char *map = e->map;
		fprintf(f, "  %s ", what);
		tc_render_puts(f, map, false);
		const char *sep = " on ";
		for (const tc_iface *i = d->ifaces; i; i = i->next)
			if (i->cmap && strcmp(i->cmap, map) == 0) {
				fputs(sep, f);
				tc_render_puts(f, i->nameif ? i->nameif : i->name, false);
				sep = ", ";
			}
		fputs(":\n", f);
		for (; e && strcmp(e->map, map) == 0; e = e->next)
			t_entry(f, e);
	}
}

static void t_natset(FILE *f, const tc_natset *s)
{
	char buf[TC_PREFIX_STRLEN];
	for (unsigned k = 0; k < s->n; k++)
		fprintf(f, "%s%s", k ? "," : "", pfxstr(buf, sizeof buf, s->v[k]));
}

static void t_nat(FILE *f, const tc_nat *n)
{
	fprintf(f, "    %u.%u %s", n->section, n->order, n->is_static ? "static" : "dynamic");
	if (n->real_if || n->mapped_if) {
		fputs(" (", f);
		tc_render_puts(f, n->real_if ? n->real_if : "any", false);
		putc(',', f);
		tc_render_puts(f, n->mapped_if ? n->mapped_if : "any", false);
		putc(')', f);
	}
	if (n->real_outside)
		fputs(" outside", f);
	fputs(n->dest_only ? " destination " : " source ", f);
	t_natset(f, &n->real_src);
	const char *sel[][2] = {{"list ", n->acl_name}, {"route-map ", n->route_map}};
	for (size_t k = 0; k < 2; k++)
		if (sel[k][1]) {
			fputs(n->real_src.n ? " " : "", f);
			fputs(sel[k][0], f);
			tc_render_puts(f, sel[k][1], false);
		}
	fputs(" -> ", f);
	if (n->mapped_src_if) {
		fputs("interface ", f);
		tc_render_puts(f, n->mapped_src_if[0] ? n->mapped_src_if : "(egress)", false);
	} else {
		t_natset(f, &n->mapped_src);
	}
	if (n->real_dst.n) {
		fputs(" destination ", f);
		t_natset(f, &n->mapped_dst);
		fputs(" -> ", f);
		t_natset(f, &n->real_dst);
	}
	const struct {
		bool on;
		const char *word;
	} flags[] = {{n->identity, "identity"},
		     {n->pat, "pat"},
		     {n->route_lookup, "route-lookup"},
		     {n->no_proxy_arp, "no-proxy-arp"},
		     {n->unidirectional, "unidirectional"},
		     {n->inactive, "inactive"}};
	for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
		if (flags[k].on)
			fprintf(f, " %s", flags[k].word);
	if (n->vrf) {
		fputs(" vrf ", f);
		tc_render_puts(f, n->vrf, false);
	}
	fprintf(f, " (line %u)\n", n->line);
}

static void t_device(FILE *f, const tc_device *d)
{
	char b1[TC_PREFIX_STRLEN], b2[TC_PREFIX_STRLEN], b3[16], b4[16], b5[8];
	tc_render_puts(f, d->hostname, false);
	fprintf(f, " (%s) ", tc_dialect_name(d->dialect));
	tc_render_puts(f, d->file, false);
	putc('\n', f);
	t_stats(f, "config", &d->stats);
	if (d->capture_file)
		t_stats(f, "routing capture", &d->capture_stats);
	bool said = false;
	for (const tc_iface *i = d->ifaces; i; i = i->next) {
		t_section(f, &said, "interfaces");
		t_iface(f, i);
	}
	said = false;
	const tc_route *lists[] = {d->routes, d->captured, d->held};
	for (size_t k = 0; k < 3; k++)
		for (const tc_route *r = lists[k]; r; r = r->next) {
			t_section(f, &said, "routes");
			t_route(f, r);
		}
	said = false;
	for (const tc_name *a = d->names; a; a = a->next) {
		t_section(f, &said, "names");
		fputs("    ", f);
		tc_render_puts(f, a->name, false);
		fprintf(f, " %s\n", tc_ip_format(b1, sizeof b1, a->addr));
	}
	for (const tc_acl *a = d->acls; a; a = a->next) {
		fputs("  access list ", f);
		tc_render_puts(f, a->name, false);
		fprintf(f, "%s (line %u):\n", a->standard ? " standard" : "", a->line);
		for (const tc_ace *e = a->aces; e; e = e->next) {
			bool sp = e->sport_lo != 0 || e->sport_hi != 65535;
			bool dp = e->dport_lo != 0 || e->dport_hi != 65535;
			fprintf(f, "    %s %s %s%s%s %s%s%s (line %u)\n",
				e->permit ? "permit" : "deny", proto_name(e->proto, b5, sizeof b5),
				pfxstr(b1, sizeof b1, e->src), sp ? " port " : "",
				sp ? ports(b3, sizeof b3, e->sport_lo, e->sport_hi) : "",
				pfxstr(b2, sizeof b2, e->dst), dp ? " port " : "",
				dp ? ports(b4, sizeof b4, e->dport_lo, e->dport_hi) : "", e->line);
		}
	}
	said = false;
	for (const tc_tset *t = d->tsets; t; t = t->next) {
		t_section(f, &said, "transform sets and proposals");
		fputs("    ", f);
		tc_render_puts(f, t->name, false);
		fprintf(f, "%s %s %s %s\n", t->ikev2 ? " (IKEv2 proposal)" : "",
			t->enc ? t->enc : "?", t->auth ? t->auth : "?",
			t->transport ? "transport" : "tunnel");
	}
	said = false;
	for (const tc_ikepol *p = d->ikepols; p; p = p->next) {
		t_section(f, &said, "IKE policies");
		fprintf(f, "    IKEv%u %u", p->version, p->prio);
		if (p->name) {
			putc(' ', f);
			tc_render_puts(f, p->name, false);
		}
		fprintf(f, ": %s %s %s group %u lifetime %u\n", p->enc ? p->enc : "?",
			p->hash ? p->hash : "?", p->auth ? p->auth : "?", p->group, p->lifetime);
	}
	said = false;
	for (const tc_ikeprof *p = d->ikeprofs; p; p = p->next) {
		t_section(f, &said, "IKE profiles");
		fprintf(f, "    %s ", p->version == 2 ? "ikev2" : "isakmp");
		tc_render_puts(f, p->name, false);
		if (p->keyring) {
			fputs(" keyring ", f);
			tc_render_puts(f, p->keyring, false);
		}
		for (unsigned k = 0; k < p->nmatch; k++)
			fprintf(f, " match %s", pfxstr(b1, sizeof b1, p->match[k]));
		if (p->vrf) {
			fputs(" vrf ", f);
			tc_render_puts(f, p->vrf, false);
		}
		if (p->dpd_interval)
			fprintf(f, " dpd %us", p->dpd_interval);
		putc('\n', f);
	}
	if (d->dpd_interval)
		fprintf(f, "  IKE keepalive: %us\n", d->dpd_interval);
	said = false;
	for (const tc_psk *k = d->psks; k; k = k->next) {
		t_section(f, &said, "pre-shared keys");
		fputs("    ", f);
		if (k->peer_name)
			tc_render_puts(f, k->peer_name, false);
		else
			fputs(pfxstr(b1, sizeof b1, k->peer), f);
		fputs(" " SECRET, f);
		if (k->has_local_digest && k->local_digest != k->digest)
			fputs(" (local key " SECRET ")", f);
		if (k->ike_version)
			fprintf(f, " IKEv%u", k->ike_version);
		if (k->keyring) {
			fputs(" keyring ", f);
			tc_render_puts(f, k->keyring, false);
		}
		fprintf(f, " (line %u)\n", k->line);
	}
	t_maps(f, "crypto map", d, d->entries);
	t_maps(f, "dynamic map", d, d->dynentries);
	said = false;
	for (const tc_nat *n = d->nats; n; n = n->next) {
		t_section(f, &said, "NAT (section.order)");
		t_nat(f, n);
	}
}

int tc_render_model_text(FILE *out, const tc_model *m)
{
	for (size_t k = 0; k < m->ndevs; k++) {
		t_device(out, m->devs[k]);
		putc('\n', out);
	}
	tc_linestats tot;
	tc_render_line_totals(&tot, m);
	fprintf(out, "%zu device%s, %zu diagnostic%s\n", m->ndevs, m->ndevs == 1 ? "" : "s",
		tc_render_ndiags(m), tc_render_ndiags(m) == 1 ? "" : "s");
	t_stats(out, "all files", &tot);
	return ferror(out) ? TC_ERROR : 0;
}

/* ---- routing-table captures -------------------------------------------------------------- */

static int cmp_route_line(const void *a, const void *b)
{
	const tc_route *x = *(const tc_route *const *)a, *y = *(const tc_route *const *)b;
	return (x->line > y->line) - (x->line < y->line);
}

/* The captured routes of d (global and held) in capture order; malloc'd. */
static const tc_route **capture_order(const tc_device *d, size_t *n)
{
	size_t count = 0;
	const tc_route *lists[] = {d->captured, d->held};
	for (size_t k = 0; k < 2; k++)
		for (const tc_route *r = lists[k]; r; r = r->next)
			count += r->origin == TC_RT_CAPTURED;
	const tc_route **v = malloc((count + 1) * sizeof *v);
	if (!v)
		return NULL;
	*n = 0;
	for (size_t k = 0; k < 2; k++)
		for (const tc_route *r = lists[k]; r; r = r->next)
			if (r->origin == TC_RT_CAPTURED)
				v[(*n)++] = r;
	qsort(v, *n, sizeof *v, cmp_route_line);
	return v;
}

/* s with control bytes as '?' into buf (for padded table columns). */
static const char *clean(char *buf, size_t n, const char *s)
{
	size_t k = 0;
	for (; s[k] && k + 1 < n; k++)
		buf[k] = (unsigned char)s[k] < 0x20 || s[k] == 0x7f ? '?' : s[k];
	buf[k] = '\0';
	return buf;
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Does b continue a's route (an equal-cost path of the same prefix)? */
static bool same_route(const tc_route *a, const tc_route *b)
{
	return str_eq(a->vrf, b->vrf) && str_eq(a->code, b->code) &&
	       str_eq(a->dst_name, b->dst_name) && tc_prefix_cmp(a->dst, b->dst) == 0;
}

static const char *route_prefix(char *buf, size_t n, const tc_route *r)
{
	if (r->dst_unresolved) {
		snprintf(buf, n, "%s/%u", r->dst_name, r->dst.len);
		return buf;
	}
	return tc_prefix_format(buf, n, r->dst);
}

int tc_render_routes_json(FILE *out, const tc_device *d)
{
	size_t n = 0;
	const tc_route **v = capture_order(d, &n);
	if (!v)
		return TC_ENOMEM;
	jout j = {out, 0, true};
	char buf[128];
	jbegin(&j, NULL, '[');
	for (size_t k = 0; k < n;) {
		const tc_route *r = v[k];
		jbegin(&j, NULL, '{');
		jstr(&j, "vrf", r->vrf);
		jstr(&j, "prefix", route_prefix(buf, sizeof buf, r));
		jstr(&j, "name", r->dst_name);
		jstr(&j, "code", r->code);
		jnum_if(&j, "distance", r->has_ad, r->distance);
		jnum_if(&j, "metric", r->has_ad, r->metric);
		jbegin(&j, "nexthops", '[');
		for (; k < n && (v[k] == r || same_route(r, v[k])); k++) {
			jbegin(&j, NULL, '{');
			jstr(&j, "ip", ipstr(buf, sizeof buf, v[k]->has_nh, v[k]->nh));
			jstr(&j, "interface", v[k]->ifname);
			jstr(&j, "vrf", v[k]->nh_vrf);
			jend(&j, '}');
		}
		jend(&j, ']');
		jend(&j, '}');
	}
	jend(&j, ']');
	putc('\n', out);
	free(v);
	return ferror(out) ? TC_ERROR : 0;
}

int tc_render_routes_text(FILE *out, const tc_device *d)
{
	size_t n = 0;
	const tc_route **v = capture_order(d, &n);
	if (!v)
		return TC_ENOMEM;
	char pfx[128], nh[TC_IP_STRLEN], ad[32], vrf[64], code[16], p2[128];
	fprintf(out, "%-16s %-5s %-22s %-14s %-16s %s\n", "VRF", "CODE", "PREFIX", "AD/METRIC",
		"NEXT HOP", "INTERFACE");
	size_t nroutes = 0;
	for (size_t k = 0; k < n; k++) {
		const tc_route *r = v[k];
		bool cont = k > 0 && same_route(v[k - 1], r);
		nroutes += !cont;
		if (r->has_ad)
			snprintf(ad, sizeof ad, "%u/%u", r->distance, r->metric);
		fprintf(out, "%-16s %-5s %-22s %-14s %-16s ",
			cont ? "" : clean(vrf, sizeof vrf, r->vrf ? r->vrf : "-"),
			cont ? "" : clean(code, sizeof code, r->code ? r->code : ""),
			cont ? "" : clean(p2, sizeof p2, route_prefix(pfx, sizeof pfx, r)),
			r->has_ad ? ad : "-", r->has_nh ? tc_ip_format(nh, sizeof nh, r->nh) : "-");
		tc_render_puts(out, r->ifname ? r->ifname : "-", false);
		putc('\n', out);
	}
	fprintf(out, "%zu route%s, %zu path%s; %u lines, %u understood (%.1f%%)\n", nroutes,
		nroutes == 1 ? "" : "s", n, n == 1 ? "" : "s", d->capture_stats.lines,
		understood(&d->capture_stats),
		pct(understood(&d->capture_stats), d->capture_stats.lines));
	free(v);
	return ferror(out) ? TC_ERROR : 0;
}
