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

/* ---- formatting helpers ------------------------------------------------------------ */

/* "a.b.c.d" into buf, or NULL when !has. */
static const char *ipstr(char *buf, size_t n, bool has, uint32_t ip)
{
	return has ? tc_ip_format(buf, n, ip) : NULL;
}

/* A route's next hop as printed: IPv4, or the text of one that is not (6PE), or NULL. */
static const char *route_nh(char *buf, size_t n, const tc_route *r)
{
	return r->has_nh ? tc_ip_format(buf, n, r->nh) : r->attr->nh_text;
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

static void j_stats(tc_jw *j, const char *key, const tc_linestats *s)
{
	char buf[32];
	tc_jw_open(j, key, '{');
	tc_jw_uint(j, "lines", s->lines);
	tc_jw_uint(j, "modelled", s->modelled);
	tc_jw_uint(j, "skipped", s->skipped);
	tc_jw_uint(j, "unknown", s->unknown);
	tc_jw_uint(j, "malformed", s->malformed);
	snprintf(buf, sizeof buf, "%.1f", pct(understood(s), s->lines));
	tc_jw_raw(j, "understood_percent", buf);
	tc_jw_open(j, "relevant", '{');
	tc_jw_uint(j, "lines", s->rel_lines);
	tc_jw_uint(j, "modelled", s->rel_modelled);
	tc_jw_uint(j, "skipped", s->rel_skipped);
	tc_jw_uint(j, "unknown", s->rel_unknown);
	tc_jw_uint(j, "malformed", s->rel_malformed);
	snprintf(buf, sizeof buf, "%.1f", pct(rel_understood(s), s->rel_lines));
	tc_jw_raw(j, "understood_percent", buf);
	tc_jw_close(j, '}');
	tc_jw_close(j, '}');
}

static void j_iface(tc_jw *j, const tc_iface *i)
{
	char buf[32];
	tc_jw_open(j, NULL, '{');
	tc_jw_str(j, "name", i->name);
	tc_jw_str(j, "nameif", i->nameif);
	tc_jw_str(j, "description", i->description);
	tc_jw_str(j, "address", i->has_addr ? ifaddr(buf, sizeof buf, i->addr, i->plen) : NULL);
	tc_jw_open(j, "secondary", '[');
	for (unsigned k = 0; k < i->nsecondary; k++)
		tc_jw_str(j, NULL,
			  ifaddr(buf, sizeof buf, i->secondary[k].addr, i->secondary[k].plen));
	tc_jw_close(j, ']');
	tc_jw_str(j, "vrf", i->vrf);
	tc_jw_uint_if(j, "security_level", i->security_level >= 0, (unsigned)i->security_level);
	tc_jw_uint_if(j, "vlan", i->vlan != 0, i->vlan);
	tc_jw_bool(j, "shutdown", i->shutdown);
	tc_jw_str(j, "crypto_map", i->cmap);
	tc_jw_bool(j, "ike", i->ike);
	tc_jw_str(j, "nat", i->nat_inside ? "inside" : i->nat_outside ? "outside" : NULL);
	tc_jw_str(j, "acl_in", i->acl_in);
	tc_jw_str(j, "acl_out", i->acl_out);
	tc_jw_uint(j, "line", i->line);
	tc_jw_close(j, '}');
}

static void j_route(tc_jw *j, const tc_route *r)
{
	char buf[64];
	tc_jw_open(j, NULL, '{');
	tc_jw_str(j, "origin", origin_name(r->origin));
	tc_jw_str(j, "vrf", r->attr->vrf);
	if (r->dst_unresolved)
		snprintf(buf, sizeof buf, "%s/%u", r->attr->dst_name, r->dst.len);
	tc_jw_str(j, "prefix", r->dst_unresolved ? buf : pfxstr(buf, sizeof buf, r->dst));
	tc_jw_str(j, "name", r->attr->dst_name);
	tc_jw_str(j, "code", r->attr->code);
	tc_jw_str(j, "next_hop", route_nh(buf, sizeof buf, r));
	tc_jw_str(j, "interface", r->attr->ifname);
	tc_jw_uint_if(j, "distance", r->origin != TC_RT_CAPTURED || r->has_ad, r->distance);
	tc_jw_uint_if(j, "metric", r->origin == TC_RT_CAPTURED && r->has_ad && !r->no_metric,
		      r->metric);
	tc_jw_uint_if(j, "track", r->attr->track != 0, r->attr->track);
	tc_jw_str(j, "label", r->attr->label);
	tc_jw_bool(j, "permanent", r->permanent);
	tc_jw_bool(j, "tunneled", r->tunneled);
	tc_jw_str(j, "file", r->attr->file);
	tc_jw_uint(j, "line", r->line);
	tc_jw_close(j, '}');
}

static void j_acl(tc_jw *j, const tc_acl *a)
{
	char b1[TC_PREFIX_STRLEN], b2[TC_PREFIX_STRLEN], b3[16], b4[16], b5[8];
	tc_jw_open(j, NULL, '{');
	tc_jw_str(j, "name", a->name);
	tc_jw_bool(j, "standard", a->standard);
	tc_jw_uint(j, "line", a->line);
	tc_jw_open(j, "aces", '[');
	for (const tc_ace *e = a->aces; e; e = e->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_str(j, "action", e->permit ? "permit" : "deny");
		tc_jw_str(j, "protocol", proto_name(e->proto, b5, sizeof b5));
		tc_jw_str(j, "source", pfxstr(b1, sizeof b1, e->src));
		tc_jw_str(j, "source_ports", ports(b3, sizeof b3, e->sport_lo, e->sport_hi));
		tc_jw_str(j, "destination", pfxstr(b2, sizeof b2, e->dst));
		tc_jw_str(j, "destination_ports", ports(b4, sizeof b4, e->dport_lo, e->dport_hi));
		tc_jw_uint(j, "line", e->line);
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
	tc_jw_close(j, '}');
}

static void j_psk(tc_jw *j, const tc_psk *k)
{
	char buf[TC_PREFIX_STRLEN];
	tc_jw_open(j, NULL, '{');
	tc_jw_str(j, "peer",
		  k->peer_name && k->peer.addr == 0 ? NULL : pfxstr(buf, sizeof buf, k->peer));
	tc_jw_str(j, "peer_name", k->peer_name);
	tc_jw_uint_if(j, "ike_version", k->ike_version != 0, k->ike_version);
	tc_jw_str(j, "keyring", k->keyring);
	tc_jw_str(j, "vrf", k->vrf);
	tc_jw_str(j, "key", SECRET);
	tc_jw_str(j, "local_key",
		  k->has_local_digest && k->local_digest != k->digest ? SECRET : NULL);
	tc_jw_uint(j, "line", k->line);
	tc_jw_close(j, '}');
}

static void j_entry(tc_jw *j, const tc_entry *e)
{
	char buf[TC_IP_STRLEN];
	tc_jw_open(j, NULL, '{');
	tc_jw_uint(j, "seq", e->seq);
	tc_jw_str(j, "acl", e->acl_name);
	tc_jw_bool(j, "acl_defined", e->acl != NULL);
	tc_jw_open(j, "peers", '[');
	for (unsigned k = 0; k < e->npeers; k++)
		tc_jw_str(j, NULL, tc_ip_format(buf, sizeof buf, e->peers[k]));
	tc_jw_close(j, ']');
	tc_jw_open(j, "peers_as_written", '[');
	for (unsigned k = 0; k < e->npeer_names; k++)
		tc_jw_str(j, NULL, e->peer_names[k]);
	tc_jw_close(j, ']');
	tc_jw_str(j, "default_peer",
		  e->default_peer >= 0 && (unsigned)e->default_peer < e->npeers
			  ? tc_ip_format(buf, sizeof buf, e->peers[e->default_peer])
			  : NULL);
	tc_jw_open(j, "transform_sets", '[');
	for (unsigned k = 0; k < e->ntsets; k++)
		tc_jw_str(j, NULL, e->tset_names[k]);
	tc_jw_close(j, ']');
	tc_jw_uint(j, "ike_version", e->ike_version);
	tc_jw_uint_if(j, "pfs_group", e->pfs_group != 0, e->pfs_group);
	tc_jw_uint_if(j, "lifetime_seconds", e->lifetime_sec != 0, e->lifetime_sec);
	tc_jw_uint_if(j, "lifetime_kilobytes", e->lifetime_kb != 0, e->lifetime_kb);
	tc_jw_str(j, "connection_type", conn_name(e->conn_type));
	tc_jw_str(j, "reverse_route", rri_name(e->rri));
	tc_jw_str(j, "reverse_route_next_hop", ipstr(buf, sizeof buf, e->has_rri_nh, e->rri_nh));
	tc_jw_uint_if(j, "reverse_route_tag", e->rri_tag != 0, e->rri_tag);
	tc_jw_str(j, "dynamic_map", e->dynamic ? e->dynmap : NULL);
	tc_jw_str(j, "isakmp_profile", e->isakmp_profile);
	tc_jw_str(j, "ikev2_profile", e->ikev2_profile);
	tc_jw_str(j, "local_address", e->local_address);
	tc_jw_bool(j, "nat_t_disable", e->nat_t_disable);
	tc_jw_str(j, "description", e->description);
	tc_jw_uint(j, "line", e->line);
	tc_jw_close(j, '}');
}

/* Entries (sorted by map) grouped into maps, with the interfaces using each. */
static void j_maps(tc_jw *j, const char *key, const tc_device *d, const tc_entry *list)
{
	tc_jw_open(j, key, '[');
	for (const tc_entry *e = list; e;) {
		const char *map = e->map;
		tc_jw_open(j, NULL, '{');
		tc_jw_str(j, "name", map);
		tc_jw_open(j, "interfaces", '[');
		for (const tc_iface *i = d->ifaces; i; i = i->next)
			if (i->cmap && strcmp(i->cmap, map) == 0)
				tc_jw_str(j, NULL, i->nameif ? i->nameif : i->name);
		tc_jw_close(j, ']');
		tc_jw_open(j, "entries", '[');
		for (; e && strcmp(e->map, map) == 0; e = e->next)
			j_entry(j, e);
		tc_jw_close(j, ']');
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
}

static void j_natset(tc_jw *j, const char *key, const tc_natset *s)
{
	char buf[TC_PREFIX_STRLEN];
	if (s->n == 0) {
		tc_jw_str(j, key, NULL);
		return;
	}
	tc_jw_open(j, key, '[');
	for (unsigned k = 0; k < s->n; k++)
		tc_jw_str(j, NULL, pfxstr(buf, sizeof buf, s->v[k]));
	tc_jw_close(j, ']');
}

static void j_nat(tc_jw *j, const tc_nat *n)
{
	tc_jw_open(j, NULL, '{');
	tc_jw_uint(j, "section", n->section);
	tc_jw_uint(j, "order", n->order);
	tc_jw_str(j, "real_interface", n->real_if);
	tc_jw_str(j, "mapped_interface", n->mapped_if);
	tc_jw_str(j, "type", n->is_static ? "static" : "dynamic");
	tc_jw_bool(j, "identity", n->identity);
	tc_jw_bool(j, "pat", n->pat);
	tc_jw_bool(j, "real_outside", n->real_outside);
	tc_jw_bool(j, "destination_only", n->dest_only);
	j_natset(j, "real_source", &n->real_src);
	j_natset(j, "mapped_source", &n->mapped_src);
	tc_jw_str(j, "mapped_source_interface", n->mapped_src_if);
	j_natset(j, "real_destination", &n->real_dst);
	j_natset(j, "mapped_destination", &n->mapped_dst);
	tc_jw_str(j, "acl", n->acl_name);
	tc_jw_str(j, "route_map", n->route_map);
	tc_jw_str(j, "vrf", n->vrf);
	tc_jw_bool(j, "route_lookup", n->route_lookup);
	tc_jw_bool(j, "no_proxy_arp", n->no_proxy_arp);
	tc_jw_bool(j, "unidirectional", n->unidirectional);
	tc_jw_bool(j, "inactive", n->inactive);
	tc_jw_bool(j, "ports", n->ports);
	tc_jw_uint(j, "line", n->line);
	tc_jw_close(j, '}');
}

static void j_device(tc_jw *j, const tc_device *d)
{
	char buf[TC_PREFIX_STRLEN];
	tc_jw_open(j, NULL, '{');
	tc_jw_str(j, "hostname", d->hostname);
	tc_jw_str(j, "file", d->file);
	tc_jw_str(j, "dialect", tc_dialect_name(d->dialect));
	j_stats(j, "lines", &d->stats);
	tc_jw_str(j, "capture_file", d->capture_file);
	if (d->capture_file)
		j_stats(j, "capture_lines", &d->capture_stats);
	else
		tc_jw_str(j, "capture_lines", NULL);
	tc_jw_open(j, "interfaces", '[');
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		j_iface(j, i);
	tc_jw_close(j, ']');
	tc_jw_open(j, "routes", '[');
	const tc_route *lists[] = {d->routes, d->captured, d->held};
	for (size_t k = 0; k < 3; k++)
		for (const tc_route *r = lists[k]; r; r = tc_route_next(r))
			j_route(j, r);
	tc_jw_close(j, ']');
	tc_jw_open(j, "names", '[');
	for (const tc_name *a = d->names; a; a = a->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_str(j, "name", a->name);
		tc_jw_str(j, "address", tc_ip_format(buf, sizeof buf, a->addr));
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
	tc_jw_open(j, "acls", '[');
	for (const tc_acl *a = d->acls; a; a = a->next)
		j_acl(j, a);
	tc_jw_close(j, ']');
	tc_jw_open(j, "transform_sets", '[');
	for (const tc_tset *t = d->tsets; t; t = t->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_str(j, "name", t->name);
		tc_jw_str(j, "kind", t->ikev2 ? "ikev2-proposal" : "transform-set");
		tc_jw_str(j, "encryption", t->enc);
		tc_jw_str(j, "integrity", t->auth);
		tc_jw_str(j, "mode", t->transport ? "transport" : "tunnel");
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
	tc_jw_open(j, "ike_policies", '[');
	for (const tc_ikepol *p = d->ikepols; p; p = p->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_uint(j, "version", p->version);
		tc_jw_uint(j, "priority", p->prio);
		tc_jw_str(j, "name", p->name);
		tc_jw_str(j, "encryption", p->enc);
		tc_jw_str(j, "hash", p->hash);
		tc_jw_str(j, "authentication", p->auth);
		tc_jw_uint(j, "group", p->group);
		tc_jw_uint(j, "lifetime", p->lifetime);
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
	tc_jw_open(j, "ike_profiles", '[');
	for (const tc_ikeprof *p = d->ikeprofs; p; p = p->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_str(j, "name", p->name);
		tc_jw_uint(j, "version", p->version);
		tc_jw_str(j, "keyring", p->keyring);
		tc_jw_open(j, "match", '[');
		for (unsigned k = 0; k < p->nmatch; k++)
			tc_jw_str(j, NULL, pfxstr(buf, sizeof buf, p->match[k]));
		tc_jw_close(j, ']');
		tc_jw_str(j, "vrf", p->vrf);
		tc_jw_str(j, "local_address", p->local_address);
		tc_jw_uint_if(j, "dpd_interval", p->dpd_interval != 0, p->dpd_interval);
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
	tc_jw_uint_if(j, "dpd_interval", d->dpd_interval != 0, d->dpd_interval);
	tc_jw_open(j, "pre_shared_keys", '[');
	for (const tc_psk *k = d->psks; k; k = k->next)
		j_psk(j, k);
	tc_jw_close(j, ']');
	j_maps(j, "crypto_maps", d, d->entries);
	j_maps(j, "dynamic_maps", d, d->dynentries);
	tc_jw_open(j, "nat", '[');
	for (const tc_nat *n = d->nats; n; n = n->next)
		j_nat(j, n);
	tc_jw_close(j, ']');
	tc_jw_close(j, '}');
}

int tc_render_model_json(FILE *out, const tc_model *m)
{
	tc_jw j = {.out = out, .fresh = true};
	tc_linestats tot;
	tc_render_line_totals(&tot, m);
	tc_jw_open(&j, NULL, '{');
	tc_jw_str(&j, "tool", "tunnelcast");
	tc_jw_open(&j, "summary", '{');
	tc_jw_uint(&j, "devices", m->ndevs);
	tc_jw_uint(&j, "diagnostics", tc_render_ndiags(m));
	tc_jw_uint(&j, "unknown_lines", m->unknown_lines);
	j_stats(&j, "lines", &tot);
	tc_jw_close(&j, '}');
	tc_jw_open(&j, "devices", '[');
	for (size_t k = 0; k < m->ndevs; k++)
		j_device(&j, m->devs[k]);
	tc_jw_close(&j, ']');
	tc_jw_diags(&j, m);
	return tc_jw_finish(&j, '}');
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
	if (r->attr->vrf) {
		fputs("vrf ", f);
		tc_render_puts(f, r->attr->vrf, false);
		putc(' ', f);
	}
	if (r->attr->code) {
		tc_render_puts(f, r->attr->code, false);
		putc(' ', f);
	}
	if (r->dst_unresolved) {
		tc_render_puts(f, r->attr->dst_name, false);
		fprintf(f, "/%u (unresolved name)", r->dst.len);
	} else {
		fputs(pfxstr(buf, sizeof buf, r->dst), f);
	}
	const char *nh = route_nh(buf, sizeof buf, r);
	if (nh) {
		fputs(" via ", f);
		tc_render_puts(f, nh, false);
	}
	if (r->attr->ifname) {
		fputs(nh ? ", " : " ", f);
		tc_render_puts(f, r->attr->ifname, false);
	}
	if (r->no_metric)
		fprintf(f, " [%u]", r->distance);
	else if (r->origin != TC_RT_CAPTURED || r->has_ad)
		fprintf(f, " [%u/%u]", r->distance, r->metric);
	if (r->attr->track)
		fprintf(f, " track %u", r->attr->track);
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
		for (const tc_route *r = lists[k]; r; r = tc_route_next(r)) {
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
		for (const tc_route *r = lists[k]; r; r = tc_route_next(r))
			count += r->origin == TC_RT_CAPTURED;
	const tc_route **v = tc_xcalloc(count + 1, sizeof *v);
	*n = 0;
	for (size_t k = 0; k < 2; k++)
		for (const tc_route *r = lists[k]; r; r = tc_route_next(r))
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
	return str_eq(a->attr->vrf, b->attr->vrf) && str_eq(a->attr->code, b->attr->code) &&
	       str_eq(a->attr->dst_name, b->attr->dst_name) && tc_prefix_cmp(a->dst, b->dst) == 0;
}

static const char *route_prefix(char *buf, size_t n, const tc_route *r)
{
	if (r->dst_unresolved) {
		snprintf(buf, n, "%s/%u", r->attr->dst_name, r->dst.len);
		return buf;
	}
	return tc_prefix_format(buf, n, r->dst);
}

int tc_render_routes_json(FILE *out, const tc_device *d)
{
	size_t n = 0;
	const tc_route **v = capture_order(d, &n);
	tc_jw j = {.out = out, .fresh = true};
	char buf[128];
	tc_jw_open(&j, NULL, '[');
	for (size_t k = 0; k < n;) {
		const tc_route *r = v[k];
		tc_jw_open(&j, NULL, '{');
		tc_jw_str(&j, "vrf", r->attr->vrf);
		tc_jw_str(&j, "prefix", route_prefix(buf, sizeof buf, r));
		tc_jw_str(&j, "name", r->attr->dst_name);
		tc_jw_str(&j, "code", r->attr->code);
		tc_jw_uint_if(&j, "distance", r->has_ad, r->distance);
		tc_jw_uint_if(&j, "metric", r->has_ad && !r->no_metric, r->metric);
		tc_jw_open(&j, "nexthops", '[');
		for (; k < n && (v[k] == r || same_route(r, v[k])); k++) {
			tc_jw_open(&j, NULL, '{');
			tc_jw_str(&j, "ip", route_nh(buf, sizeof buf, v[k]));
			tc_jw_str(&j, "interface", v[k]->attr->ifname);
			tc_jw_str(&j, "vrf", v[k]->attr->nh_vrf);
			tc_jw_close(&j, '}');
		}
		tc_jw_close(&j, ']');
		tc_jw_close(&j, '}');
	}
	free(v);
	return tc_jw_finish(&j, ']');
}

int tc_render_routes_text(FILE *out, const tc_device *d)
{
	size_t n = 0;
	const tc_route **v = capture_order(d, &n);
	char pfx[128], nh[TC_IP_STRLEN], nh2[64], ad[32], vrf[64], code[16], p2[128];
	fprintf(out, "%-16s %-5s %-22s %-14s %-16s %s\n", "VRF", "CODE", "PREFIX", "AD/METRIC",
		"NEXT HOP", "INTERFACE");
	size_t nroutes = 0;
	for (size_t k = 0; k < n; k++) {
		const tc_route *r = v[k];
		bool cont = k > 0 && same_route(v[k - 1], r);
		nroutes += !cont;
		if (r->no_metric)
			snprintf(ad, sizeof ad, "%u", r->distance);
		else if (r->has_ad)
			snprintf(ad, sizeof ad, "%u/%u", r->distance, r->metric);
		fprintf(out, "%-16s %-5s %-22s %-14s %-16s ",
			cont ? "" : clean(vrf, sizeof vrf, r->attr->vrf ? r->attr->vrf : "-"),
			cont ? "" : clean(code, sizeof code, r->attr->code ? r->attr->code : ""),
			cont ? "" : clean(p2, sizeof p2, route_prefix(pfx, sizeof pfx, r)),
			r->has_ad ? ad : "-",
			route_nh(nh, sizeof nh, r)
				? clean(nh2, sizeof nh2, route_nh(nh, sizeof nh, r))
				: "-");
		tc_render_puts(out, r->attr->ifname ? r->attr->ifname : "-", false);
		putc('\n', out);
	}
	fprintf(out, "%zu route%s, %zu path%s; %u lines, %u understood (%.1f%%)\n", nroutes,
		nroutes == 1 ? "" : "s", n, n == 1 ? "" : "s", d->capture_stats.lines,
		understood(&d->capture_stats),
		pct(understood(&d->capture_stats), d->capture_stats.lines));
	free(v);
	return ferror(out) ? TC_ERROR : 0;
}
