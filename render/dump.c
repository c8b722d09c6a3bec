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
#include "routing.h"

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

static const char *nettype_name(uint8_t t)
{
	static const char *const names[] = {
		[TC_OSPF_NET_DEFAULT] = NULL,
		[TC_OSPF_NET_BROADCAST] = "broadcast",
		[TC_OSPF_NET_P2P] = "point-to-point",
		[TC_OSPF_NET_NBMA] = "non-broadcast",
		[TC_OSPF_NET_P2MP] = "point-to-multipoint",
	};
	return t < sizeof names / sizeof names[0] ? names[t] : NULL;
}

static const char *area_type_name(uint8_t t)
{
	return t == TC_AREA_STUB ? "stub" : t == TC_AREA_NSSA ? "nssa" : "normal";
}

/* The EIGRP stub flags as IOS writes them, into buf ("connected summary"). */
static const char *stub_names(char *buf, size_t n, uint8_t flags)
{
	static const char *const words[] = {"connected", "summary", "static", "redistributed",
					    "receive-only"};
	size_t at = 0;
	buf[0] = 0;
	for (unsigned k = 0; k < 5; k++)
		if (flags & (1u << k) && at < n)
			at += (size_t)snprintf(buf + at, n - at, "%s%s", at ? " " : "", words[k]);
	return buf;
}

/* Lines the parser recognised: modelled (read into the model) or skipped (valid, not
 * modelled). A measure of parser coverage, not of what predictions take into account. */
static unsigned recognised(const tc_linestats *s)
{
	return s->modelled + s->skipped;
}

static unsigned rel_recognised(const tc_linestats *s)
{
	return s->rel_modelled + s->rel_skipped;
}

/* Percentage with one decimal, 100.0 for an empty file. */
static double pct(unsigned part, unsigned whole)
{
	return whole ? 100.0 * part / whole : 100.0;
}

/* The methods of TC_AUTH_ bits as the configs write them, in order ("pre-share", ...). */
static const char *const auth_words[] = {"pre-share", "rsa-sig", "ecdsa-sig"};
#define NAUTH (sizeof auth_words / sizeof auth_words[0])

/* A tunnel interface's mode as `tunnel mode` writes it. */
static const char *tun_mode_name(const tc_tunnel *t)
{
	return t->mode == TC_TUN_GRE	 ? "gre ip"
	       : t->mode == TC_TUN_IPSEC ? "ipsec ipv4"
	       : t->mode_text		 ? t->mode_text
					 : "other";
}

void tc_render_line_totals(tc_linestats *out, const tc_model *m)
{
	memset(out, 0, sizeof *out);
	for (const tc_device *d = m->devices; d; d = d->next) {
		tc_linestats_add(out, &d->stats);
		tc_linestats_add(out, &d->capture_stats);
		if (d->obs)
			tc_linestats_add(out, &d->obs->stats);
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
	snprintf(buf, sizeof buf, "%.1f", pct(s->modelled, s->lines));
	tc_jw_raw(j, "modelled_percent", buf);
	snprintf(buf, sizeof buf, "%.1f", pct(recognised(s), s->lines));
	tc_jw_raw(j, "recognised_percent", buf);
	tc_jw_open(j, "relevant", '{');
	tc_jw_uint(j, "lines", s->rel_lines);
	tc_jw_uint(j, "modelled", s->rel_modelled);
	tc_jw_uint(j, "skipped", s->rel_skipped);
	tc_jw_uint(j, "unknown", s->rel_unknown);
	tc_jw_uint(j, "malformed", s->rel_malformed);
	snprintf(buf, sizeof buf, "%.1f", pct(s->rel_modelled, s->rel_lines));
	tc_jw_raw(j, "modelled_percent", buf);
	snprintf(buf, sizeof buf, "%.1f", pct(rel_recognised(s), s->rel_lines));
	tc_jw_raw(j, "recognised_percent", buf);
	tc_jw_close(j, '}');
	tc_jw_close(j, '}');
}

/* An interface's routing settings: only for interfaces that have some. */
static void j_iface_rt(tc_jw *j, const tc_iface_rt *rt)
{
	tc_jw_open(j, "routing", '{');
	tc_jw_uint_if(j, "bandwidth_kbps", rt->bandwidth_kbps != 0, rt->bandwidth_kbps);
	tc_jw_uint_if(j, "delay_tens_us", rt->delay_tens_us != 0, rt->delay_tens_us);
	tc_jw_uint_if(j, "ospf_cost", rt->ospf_cost != 0, rt->ospf_cost);
	tc_jw_uint_if(j, "ospf_process", rt->has_ospf_area, rt->ospf_pid);
	tc_jw_uint_if(j, "ospf_area", rt->has_ospf_area, rt->ospf_area);
	tc_jw_str(j, "ospf_network", nettype_name(rt->ospf_nettype));
	tc_jw_uint_if(j, "eigrp_summary_as", rt->eigrp_summaries != NULL, rt->eigrp_summary_as);
	tc_jw_open(j, "eigrp_summaries", '[');
	for (const tc_range *r = rt->eigrp_summaries; r; r = r->next)
		tc_jw_prefix(j, NULL, r->net);
	tc_jw_close(j, ']');
	tc_jw_close(j, '}');
}

/* A tunnel interface's settings: only for tunnel interfaces. */
static void j_tunnel(tc_jw *j, const tc_tunnel *t)
{
	tc_jw_open(j, "tunnel", '{');
	tc_jw_str(j, "mode", tun_mode_name(t));
	tc_jw_str(j, "source_interface", t->src_ifname);
	tc_jw_ip(j, "source", t->src != 0, t->src);
	tc_jw_ip(j, "destination", t->dst != 0, t->dst);
	tc_jw_str(j, "ipsec_profile", t->profile_name);
	tc_jw_bool(j, "ipsec_profile_defined", t->profile != NULL);
	tc_jw_bool(j, "shared", t->shared);
	tc_jw_str(j, "vrf", t->vrf);
	tc_jw_uint(j, "line", t->line);
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
	if (i->rt)
		j_iface_rt(j, i->rt);
	if (i->tun)
		j_tunnel(j, i->tun);
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

static void j_entry(tc_jw *j, const char *key, const tc_entry *e)
{
	char buf[TC_IP_STRLEN];
	tc_jw_open(j, key, '{');
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

/* How one side authenticates (an IKE profile, a tunnel-group's IKEv2 settings): method
 * names and the trustpoint's name, never certificate content. */
static void j_ikeauth(tc_jw *j, const tc_ikeauth *a)
{
	tc_jw_open(j, "authentication", '{');
	tc_jw_open(j, "local", '[');
	for (unsigned k = 0; k < NAUTH; k++)
		if (a->local & (1u << k))
			tc_jw_str(j, NULL, auth_words[k]);
	tc_jw_close(j, ']');
	tc_jw_open(j, "remote", '[');
	for (unsigned k = 0; k < NAUTH; k++)
		if (a->remote & (1u << k))
			tc_jw_str(j, NULL, auth_words[k]);
	tc_jw_close(j, ']');
	tc_jw_str(j, "trustpoint", a->trustpoint);
	tc_jw_close(j, '}');
}

/* IPsec profiles, trustpoint names and certificate tunnel-groups. */
static void j_vti(tc_jw *j, const tc_device *d)
{
	char buf[TC_PREFIX_STRLEN];
	tc_jw_open(j, "ipsec_profiles", '[');
	for (const tc_ipsec_profile *p = d->ipsec_profiles; p; p = p->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_str(j, "name", p->name);
		if (p->sa)
			j_entry(j, "settings", p->sa);
		tc_jw_uint(j, "line", p->line);
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
	tc_jw_open(j, "trustpoints", '[');
	for (const tc_trustpoint *t = d->trustpoints; t; t = t->next)
		tc_jw_str(j, NULL, t->name);
	tc_jw_close(j, ']');
	tc_jw_open(j, "tunnel_groups", '[');
	for (const tc_tgroup *g = d->tgroups; g; g = g->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_str(j, "name", g->name);
		tc_jw_str(j, "peer", g->has_peer ? pfxstr(buf, sizeof buf, g->peer) : NULL);
		tc_jw_str(j, "ikev1_trustpoint", g->v1_trustpoint);
		j_ikeauth(j, &g->v2);
		tc_jw_uint(j, "line", g->line);
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
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
			j_entry(j, NULL, e);
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

/* ---- routing configuration as JSON (only for devices that have some) ---------------- */

static void j_names(tc_jw *j, const char *key, const tc_ifname_list *l)
{
	tc_jw_open(j, key, '[');
	for (; l; l = l->next)
		tc_jw_str(j, NULL, l->name);
	tc_jw_close(j, ']');
}

static void j_ranges(tc_jw *j, const char *key, const tc_range *r)
{
	tc_jw_open(j, key, '[');
	for (; r; r = r->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_prefix(j, "prefix", r->net);
		tc_jw_bool(j, "not_advertise", r->not_advertise);
		tc_jw_bool(j, "summary_only", r->summary_only);
		tc_jw_uint_if(j, "cost", r->cost != 0, r->cost);
		tc_jw_uint(j, "line", r->line);
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
}

static void j_redist(tc_jw *j, const tc_redist *r)
{
	tc_jw_open(j, NULL, '{');
	tc_jw_str(j, "from", tc_rp_kind_name((tc_rp_kind)r->from));
	tc_jw_uint_if(j, "id", r->from_id != 0, r->from_id);
	tc_jw_uint_if(j, "metric", r->has_metric, r->metric);
	tc_jw_uint_if(j, "eigrp_delay", r->eigrp_delay != 0, r->eigrp_delay);
	tc_jw_uint_if(j, "metric_type", r->metric_type != 0, r->metric_type);
	tc_jw_bool(j, "subnets", r->subnets);
	tc_jw_str(j, "route_map", r->route_map);
	tc_jw_uint(j, "line", r->line);
	tc_jw_close(j, '}');
}

static void j_nbr(tc_jw *j, const tc_bgp_nbr *n)
{
	tc_jw_open(j, NULL, '{');
	tc_jw_ip(j, "address", true, n->addr);
	tc_jw_uint_if(j, "remote_as", n->remote_as != 0, n->remote_as);
	tc_jw_str(j, "update_source", n->update_source);
	tc_jw_str(j, "route_map_in", n->rmap_in);
	tc_jw_str(j, "route_map_out", n->rmap_out);
	tc_jw_str(j, "prefix_list_in", n->plist_in);
	tc_jw_str(j, "prefix_list_out", n->plist_out);
	tc_jw_uint(j, "weight", n->weight);
	tc_jw_bool(j, "next_hop_self", n->next_hop_self);
	tc_jw_bool(j, "default_originate", n->default_originate);
	tc_jw_bool(j, "route_reflector_client", n->route_reflector_client);
	tc_jw_bool(j, "shutdown", n->shutdown);
	tc_jw_bool(j, "activated", n->activated);
	tc_jw_uint(j, "line", n->line);
	tc_jw_close(j, '}');
}

static void j_proc_lists(tc_jw *j, const tc_rproc *p)
{
	tc_jw_open(j, "networks", '[');
	for (const tc_rnet *n = p->nets; n; n = n->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_prefix(j, "prefix", n->net);
		tc_jw_uint_if(j, "area", p->kind == TC_RP_OSPF, n->area);
		tc_jw_str(j, "route_map", n->route_map);
		tc_jw_uint(j, "line", n->line);
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
	tc_jw_open(j, "areas", '[');
	for (const tc_area *a = p->areas; a; a = a->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_uint(j, "id", a->id);
		tc_jw_str(j, "type", area_type_name(a->type));
		tc_jw_bool(j, "no_summary", a->no_summary);
		tc_jw_bool(j, "nssa_default", a->nssa_default);
		tc_jw_uint_if(j, "default_cost", a->default_cost != 0, a->default_cost);
		j_ranges(j, "ranges", a->ranges);
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
	tc_jw_open(j, "redistribute", '[');
	for (const tc_redist *r = p->redist; r; r = r->next)
		j_redist(j, r);
	tc_jw_close(j, ']');
	tc_jw_open(j, "neighbors", '[');
	for (const tc_bgp_nbr *n = p->nbrs; n; n = n->next)
		j_nbr(j, n);
	tc_jw_close(j, ']');
	j_ranges(j, "aggregates", p->summaries);
}

static void j_proc(tc_jw *j, const tc_rproc *p)
{
	char buf[64];
	tc_jw_open(j, NULL, '{');
	tc_jw_str(j, "protocol", tc_rp_kind_name((tc_rp_kind)p->kind));
	tc_jw_uint_if(j, "id", p->kind != TC_RP_RIP, p->id);
	tc_jw_str(j, "name", p->name);
	tc_jw_str(j, "vrf", p->vrf);
	tc_jw_ip(j, "router_id", p->has_router_id, p->router_id);
	tc_jw_bool(j, "shutdown", p->shutdown);
	tc_jw_bool(j, "passive_default", p->passive_default);
	j_names(j, "passive", p->passive);
	j_names(j, "not_passive", p->active);
	tc_jw_bool(j, "default_originate", p->default_originate);
	tc_jw_bool(j, "default_always", p->default_always);
	tc_jw_uint_if(j, "default_metric", p->default_metric != 0, p->default_metric);
	tc_jw_open(j, "distance", '[');
	for (unsigned k = 0; k < 3; k++)
		tc_jw_uint_if(j, NULL, p->distance[k] != 0, p->distance[k]);
	tc_jw_close(j, ']');
	tc_jw_uint_if(j, "maximum_paths", p->maximum_paths != 0, p->maximum_paths);
	tc_jw_uint_if(j, "reference_bandwidth_mbps", p->ref_bw_mbps != 0, p->ref_bw_mbps);
	tc_jw_bool(j, "auto_summary", p->auto_summary);
	tc_jw_str(j, "stub", p->stub ? stub_names(buf, sizeof buf, p->stub_flags) : NULL);
	tc_jw_uint_if(j, "rip_version", p->rip_version != 0, p->rip_version);
	tc_jw_uint_if(j, "local_preference", p->local_pref != 0, p->local_pref);
	j_proc_lists(j, p);
	tc_jw_uint(j, "line", p->line);
	tc_jw_close(j, '}');
}

static void j_rmap_clause(tc_jw *j, const tc_rmap_clause *c)
{
	tc_jw_open(j, NULL, '{');
	tc_jw_uint(j, "seq", c->seq);
	tc_jw_str(j, "action", c->permit ? "permit" : "deny");
	tc_jw_str(j, "match_prefix_list", c->match_plist);
	tc_jw_str(j, "match_acl", c->match_acl);
	tc_jw_uint_if(j, "set_local_preference", c->set_local_pref, c->local_pref);
	tc_jw_uint_if(j, "set_metric", c->set_metric, c->metric);
	tc_jw_uint_if(j, "set_weight", c->set_weight, c->weight);
	tc_jw_uint_if(j, "set_metric_type", c->set_metric_type, c->metric_type);
	tc_jw_uint_if(j, "prepend_as", c->prepend_n != 0, c->prepend_as);
	tc_jw_uint(j, "prepend_count", c->prepend_n);
	tc_jw_str(j, "unsupported", c->unsupported);
	tc_jw_uint(j, "line", c->line);
	tc_jw_close(j, '}');
}

static void j_routing(tc_jw *j, const tc_dev_rt *rt)
{
	tc_jw_open(j, "routing", '{');
	tc_jw_open(j, "processes", '[');
	for (const tc_rproc *p = rt->procs; p; p = p->next)
		j_proc(j, p);
	tc_jw_close(j, ']');
	tc_jw_open(j, "prefix_lists", '[');
	for (const tc_plist *pl = rt->plists; pl; pl = pl->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_str(j, "name", pl->name);
		tc_jw_open(j, "entries", '[');
		for (const tc_plist_entry *e = pl->entries; e; e = e->next) {
			tc_jw_open(j, NULL, '{');
			tc_jw_uint(j, "seq", e->seq);
			tc_jw_str(j, "action", e->permit ? "permit" : "deny");
			tc_jw_prefix(j, "prefix", e->net);
			tc_jw_uint_if(j, "ge", e->ge != 0, e->ge);
			tc_jw_uint_if(j, "le", e->le != 0, e->le);
			tc_jw_uint(j, "line", e->line);
			tc_jw_close(j, '}');
		}
		tc_jw_close(j, ']');
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
	tc_jw_open(j, "route_maps", '[');
	for (const tc_rmap *rm = rt->rmaps; rm; rm = rm->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_str(j, "name", rm->name);
		tc_jw_open(j, "clauses", '[');
		for (const tc_rmap_clause *c = rm->clauses; c; c = c->next)
			j_rmap_clause(j, c);
		tc_jw_close(j, ']');
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
	tc_jw_open(j, "not_modelled", '[');
	for (const struct tc_rt_unmodelled *u = rt->unmodelled; u; u = u->next) {
		tc_jw_open(j, NULL, '{');
		tc_jw_str(j, "feature", u->feature);
		tc_jw_uint(j, "line", u->line);
		tc_jw_close(j, '}');
	}
	tc_jw_close(j, ']');
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
		j_ikeauth(j, &p->auth);
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
	j_vti(j, d);
	tc_jw_open(j, "nat", '[');
	for (const tc_nat *n = d->nats; n; n = n->next)
		j_nat(j, n);
	tc_jw_close(j, ']');
	if (d->rt)
		j_routing(j, d->rt);
	tc_jw_close(j, '}');
}

int tc_render_model_json(FILE *out, const tc_model *m)
{
	tc_jw j = {.out = out, .fresh = true};
	tc_linestats tot;
	tc_render_line_totals(&tot, m);
	tc_jw_open_report(&j);
	tc_jw_open(&j, "summary", '{');
	tc_jw_uint(&j, "devices", m->ndevs);
	tc_jw_uint(&j, "diagnostics", tc_render_ndiags(m));
	tc_jw_uint(&j, "suppressed", m->nsuppressed);
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

/* "N lines: M modelled (P%), S recognised but not modelled, U unknown, X malformed": skipped
 * lines are counted apart, never as understood. */
static void t_counts(FILE *f, unsigned lines, unsigned modelled, unsigned skipped, unsigned unknown,
		     unsigned malformed)
{
	fprintf(f,
		"%u lines: %u modelled (%.1f%%), %u recognised but not modelled, %u unknown, "
		"%u malformed\n",
		lines, modelled, pct(modelled, lines), skipped, unknown, malformed);
}

static void t_stats(FILE *f, const char *what, const tc_linestats *s)
{
	fprintf(f, "  %s: ", what);
	t_counts(f, s->lines, s->modelled, s->skipped, s->unknown, s->malformed);
	fputs("    crypto, routing, ACL, NAT and interface: ", f);
	t_counts(f, s->rel_lines, s->rel_modelled, s->rel_skipped, s->rel_unknown,
		 s->rel_malformed);
}

/* "  title:" once, before the first line of a section. */
static void t_section(FILE *f, bool *said, const char *title)
{
	if (!*said)
		fprintf(f, "  %s:\n", title);
	*said = true;
}

/* ", bandwidth 10000 kbit/s, ospf cost 10, ..." after an interface with routing settings. */
static void t_iface_rt(FILE *f, const tc_iface_rt *rt)
{
	char buf[TC_PREFIX_STRLEN];
	if (rt->bandwidth_kbps)
		fprintf(f, ", bandwidth %u kbit/s", rt->bandwidth_kbps);
	if (rt->delay_tens_us)
		fprintf(f, ", delay %u0 us", rt->delay_tens_us);
	if (rt->has_ospf_area)
		fprintf(f, ", ospf %u area %u", rt->ospf_pid, rt->ospf_area);
	if (rt->ospf_cost)
		fprintf(f, ", ospf cost %u", rt->ospf_cost);
	if (nettype_name(rt->ospf_nettype))
		fprintf(f, ", ospf network %s", nettype_name(rt->ospf_nettype));
	for (const tc_range *r = rt->eigrp_summaries; r; r = r->next)
		fprintf(f, ", eigrp %u summary %s", rt->eigrp_summary_as,
			pfxstr(buf, sizeof buf, r->net));
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
	if (i->rt)
		t_iface_rt(f, i->rt);
	putc('\n', f);
}

/* ---- lines gathered, then written (routes: hundreds of thousands per device) ---- */

/* Lines of model text built in memory and handed to f a block at a time: an fprintf,
 * fputs or putc per field (each taking the stream's lock, fprintf parsing its format) was
 * two thirds of `parse`'s instructions on a router with 300 k routes, and an fwrite per
 * line still a sixth of what was left. Anything written to f directly must come after a
 * tl_flush(), so the bytes keep their order. */
typedef struct t_line {
	FILE *f;
	size_t n;      /* bytes waiting in b */
	char b[16384]; /* a route line is about 70 */
} t_line;

static void tl_flush(t_line *l)
{
	fwrite(l->b, 1, l->n, l->f);
	l->n = 0;
}

/* tl_put() when s does not fit behind what is waiting. */
static void tl_put_long(t_line *l, const char *s, size_t n)
{
	tl_flush(l);
	if (n > sizeof l->b)
		fwrite(s, 1, n, l->f);
	else
		memcpy(l->b, s, l->n = n);
}

static inline void tl_put(t_line *l, const char *s, size_t n)
{
	if (l->n + n > sizeof l->b) {
		tl_put_long(l, s, n);
		return;
	}
	memcpy(l->b + l->n, s, n);
	l->n += n;
}

static inline void tl_puts(t_line *l, const char *s)
{
	tl_put(l, s, strlen(s));
}

/* s as tc_render_puts() writes it: its printable ASCII gathered, the rest (tabs, UTF-8,
 * unsafe bytes) left to tc_render_puts, the one copy of that rule. */
static void tl_text(t_line *l, const char *s)
{
	size_t run = 0;
	while ((unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7f)
		run++;
	tl_put(l, s, run);
	if (s[run]) {
		tl_flush(l);
		tc_render_puts(l->f, s + run, false);
	}
}

/* v in decimal, written in place two digits at a time from its last (a digit at a time,
 * through a scratch buffer, was a tenth of a route line). */
static inline void tl_uint(t_line *l, unsigned v)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
				    "25262728293031323334353637383940414243444546474849"
				    "50515253545556575859606162636465666768697071727374"
				    "75767778798081828384858687888990919293949596979899";
	static const unsigned p10[10] = {0,	 10,	  100,	    1000,      10000,
					 100000, 1000000, 10000000, 100000000, 1000000000};
	/* digits from the bit length (1233 / 4096 ~ log10(2)), then one more when v reaches
	 * the next power of 10 (p10[0] is 0: zero has one digit) */
	unsigned t = (unsigned)(32 - __builtin_clz(v | 1)) * 1233 >> 12;
	size_t len = t + (v >= p10[t]);
	if (l->n + len > sizeof l->b)
		tl_flush(l);
	char *p = l->b + l->n + len;
	for (; v >= 100; v /= 100) {
		p -= 2;
		memcpy(p, pairs + 2 * (v % 100), 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, pairs + 2 * v, 2);
	} else {
		*--p = (char)('0' + v);
	}
	l->n += len;
}

/* ip formatted in place (tl_put's copy of a formatted buffer was a tenth of a route). */
static void tl_ip(t_line *l, uint32_t ip)
{
	if (l->n + TC_IP_STRLEN > sizeof l->b)
		tl_flush(l);
	l->n = (size_t)(tc_ip_put(l->b + l->n, ip) - l->b);
}

/* One route line appended to l (the caller flushes it). */
static void t_route(t_line *l, const tc_route *r)
{
	const char *origin = origin_name(r->origin);
	tl_puts(l, "    ");
	tl_puts(l, origin);
	tl_put(l, "          ", 10 - strlen(origin)); /* "%-9s " */
	if (r->attr->vrf) {
		tl_puts(l, "vrf ");
		tl_text(l, r->attr->vrf);
		tl_put(l, " ", 1);
	}
	if (r->attr->code) {
		tl_text(l, r->attr->code);
		tl_put(l, " ", 1);
	}
	if (r->dst_unresolved) {
		tl_text(l, r->attr->dst_name);
		tl_put(l, "/", 1);
		tl_uint(l, r->dst.len);
		tl_puts(l, " (unresolved name)");
	} else {
		tl_ip(l, r->dst.addr); /* tc_prefix_format()'s "a.b.c.d/len" */
		tl_put(l, "/", 1);
		tl_uint(l, r->dst.len);
	}
	const char *nh = r->has_nh ? "" : r->attr->nh_text; /* as route_nh(), formatted in place */
	if (nh) {
		tl_puts(l, " via ");
		if (r->has_nh)
			tl_ip(l, r->nh);
		else
			tl_text(l, nh);
	}
	if (r->attr->ifname) {
		tl_puts(l, nh ? ", " : " ");
		tl_text(l, r->attr->ifname);
	}
	if (r->no_metric || r->origin != TC_RT_CAPTURED || r->has_ad) {
		tl_puts(l, " [");
		tl_uint(l, r->distance);
		if (!r->no_metric) {
			tl_put(l, "/", 1);
			tl_uint(l, r->metric);
		}
		tl_put(l, "]", 1);
	}
	if (r->attr->track) {
		tl_puts(l, " track ");
		tl_uint(l, r->attr->track);
	}
	if (r->permanent)
		tl_puts(l, " permanent");
	if (r->tunneled)
		tl_puts(l, " tunneled");
	tl_puts(l, " (line ");
	tl_uint(l, r->line);
	tl_puts(l, ")\n");
}

static void t_entry_attrs(FILE *f, const tc_entry *e);

static void t_entry(FILE *f, const tc_entry *e)
{
	fprintf(f, "      %u:", e->seq);
	t_entry_attrs(f, e);
}

/* What an entry (or an IPsec profile's settings) says, then its line and a newline. */
static void t_entry_attrs(FILE *f, const tc_entry *e)
{
	char buf[TC_IP_STRLEN];
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

/* ---- routing configuration as text ------------------------------------------------------ */

/* pre and s, when s is set. */
static void t_str(FILE *f, const char *pre, const char *s)
{
	if (!s)
		return;
	fputs(pre, f);
	tc_render_puts(f, s, false);
}

static void t_redist(FILE *f, const tc_redist *r)
{
	fprintf(f, "      redistribute %s", tc_rp_kind_name((tc_rp_kind)r->from));
	if (r->from_id)
		fprintf(f, " %u", r->from_id);
	if (r->has_metric)
		fprintf(f, " metric %u", r->metric);
	if (r->eigrp_delay)
		fprintf(f, " delay %u", r->eigrp_delay);
	if (r->metric_type)
		fprintf(f, " metric-type %u", r->metric_type);
	if (r->subnets)
		fputs(" subnets", f);
	t_str(f, " route-map ", r->route_map);
	fprintf(f, " (line %u)\n", r->line);
}

/* Summaries, each as "<lead>P [not-advertise] [summary-only] [cost C]<tail>". */
static void t_ranges(FILE *f, const char *lead, const tc_range *r, const char *tail)
{
	char buf[TC_PREFIX_STRLEN];
	for (; r; r = r->next) {
		fprintf(f, "%s%s%s%s", lead, pfxstr(buf, sizeof buf, r->net),
			r->not_advertise ? " not-advertise" : "",
			r->summary_only ? " summary-only" : "");
		if (r->cost)
			fprintf(f, " cost %u", r->cost);
		if (*tail)
			fprintf(f, " (line %u)%s", r->line, tail);
	}
}

static void t_nbr(FILE *f, const tc_bgp_nbr *n)
{
	char buf[TC_IP_STRLEN];
	fprintf(f, "      neighbor %s", tc_ip_format(buf, sizeof buf, n->addr));
	if (n->remote_as)
		fprintf(f, " remote-as %u", n->remote_as);
	t_str(f, " update-source ", n->update_source);
	const char *pol[][2] = {{" route-map ", n->rmap_in},
				{" route-map ", n->rmap_out},
				{" prefix-list ", n->plist_in},
				{" prefix-list ", n->plist_out}};
	for (size_t k = 0; k < 4; k++)
		if (pol[k][1]) {
			t_str(f, pol[k][0], pol[k][1]);
			fputs(k % 2 ? " out" : " in", f);
		}
	if (n->weight)
		fprintf(f, " weight %u", n->weight);
	fprintf(f, "%s%s%s%s%s (line %u)\n", n->next_hop_self ? " next-hop-self" : "",
		n->default_originate ? " default-originate" : "",
		n->route_reflector_client ? " route-reflector-client" : "",
		n->shutdown ? " shutdown" : "", n->activated ? "" : " not-activated", n->line);
}

/* The process line: "ospf 1 vrf V (line 3): router-id ..., passive-interface default". */
static void t_proc_head(FILE *f, const tc_rproc *p)
{
	char buf[64];
	fprintf(f, "    %s", tc_rp_kind_name((tc_rp_kind)p->kind));
	t_str(f, " ", p->name);
	if (p->kind != TC_RP_RIP)
		fprintf(f, p->name ? " AS %u" : " %u", p->id);
	t_str(f, " vrf ", p->vrf);
	fprintf(f, " (line %u):", p->line);
	if (p->has_router_id)
		fprintf(f, " router-id %s", tc_ip_format(buf, sizeof buf, p->router_id));
	if (p->rip_version)
		fprintf(f, " version %u", p->rip_version);
	if (p->shutdown)
		fputs(" shutdown", f);
	if (p->passive_default)
		fputs(" passive-interface default", f);
	for (const tc_ifname_list *l = p->passive; l; l = l->next)
		t_str(f, " passive ", l->name);
	for (const tc_ifname_list *l = p->active; l; l = l->next)
		t_str(f, " not-passive ", l->name);
	if (p->distance[0] || p->distance[1] || p->distance[2])
		fprintf(f, " distance %u/%u/%u", p->distance[0], p->distance[1], p->distance[2]);
	if (p->maximum_paths)
		fprintf(f, " maximum-paths %u", p->maximum_paths);
	if (p->ref_bw_mbps)
		fprintf(f, " reference-bandwidth %u", p->ref_bw_mbps);
	if (p->auto_summary)
		fputs(" auto-summary", f);
	if (p->stub)
		fprintf(f, " stub %s", stub_names(buf, sizeof buf, p->stub_flags));
	if (p->default_originate)
		fprintf(f, " default-information originate%s", p->default_always ? " always" : "");
	if (p->default_metric)
		fprintf(f, " %s %u", p->default_originate ? "metric" : "default-metric",
			p->default_metric);
	if (p->default_originate && p->kind == TC_RP_OSPF)
		fprintf(f, " metric-type %u", p->default_metric_type);
	if (p->eigrp_default_bw)
		fprintf(f, " default-metric %u %u", p->eigrp_default_bw, p->eigrp_default_delay);
	if (p->local_pref)
		fprintf(f, " local-preference %u", p->local_pref);
	putc('\n', f);
}

static void t_proc(FILE *f, const tc_rproc *p)
{
	char buf[TC_PREFIX_STRLEN];
	t_proc_head(f, p);
	for (const tc_rnet *n = p->nets; n; n = n->next) {
		fprintf(f, "      network %s", pfxstr(buf, sizeof buf, n->net));
		if (p->kind == TC_RP_OSPF)
			fprintf(f, " area %u", n->area);
		t_str(f, " route-map ", n->route_map);
		fprintf(f, " (line %u)\n", n->line);
	}
	for (const tc_area *a = p->areas; a; a = a->next) {
		fprintf(f, "      area %u %s%s%s", a->id, area_type_name(a->type),
			a->no_summary ? " no-summary" : "",
			a->nssa_default ? " default-information-originate" : "");
		if (a->default_cost)
			fprintf(f, " default-cost %u", a->default_cost);
		t_ranges(f, ", range ", a->ranges, "");
		putc('\n', f);
	}
	for (const tc_redist *r = p->redist; r; r = r->next)
		t_redist(f, r);
	for (const tc_bgp_nbr *n = p->nbrs; n; n = n->next)
		t_nbr(f, n);
	t_ranges(f, "      aggregate-address ", p->summaries, "\n");
}

static void t_rmap_clause(FILE *f, const tc_rmap_clause *c)
{
	fprintf(f, "    %u %s", c->seq, c->permit ? "permit" : "deny");
	t_str(f, ", match prefix-list ", c->match_plist);
	t_str(f, ", match ip address ", c->match_acl);
	if (c->set_local_pref)
		fprintf(f, ", set local-preference %u", c->local_pref);
	if (c->set_metric)
		fprintf(f, ", set metric %u", c->metric);
	if (c->set_weight)
		fprintf(f, ", set weight %u", c->weight);
	if (c->set_metric_type)
		fprintf(f, ", set metric-type type-%u", c->metric_type);
	if (c->prepend_n)
		fprintf(f, ", prepend %u x%u", c->prepend_as, c->prepend_n);
	if (c->unsupported) {
		t_str(f, "; not modelled: ", c->unsupported);
		fprintf(f, " (line %u)", c->unsupported_line);
	}
	fprintf(f, " (line %u)\n", c->line);
}

static void t_routing(FILE *f, const tc_dev_rt *rt)
{
	char buf[TC_PREFIX_STRLEN];
	bool said = false;
	for (const tc_rproc *p = rt->procs; p; p = p->next) {
		t_section(f, &said, "routing processes");
		t_proc(f, p);
	}
	for (const tc_plist *pl = rt->plists; pl; pl = pl->next) {
		t_str(f, "  prefix list ", pl->name);
		fprintf(f, " (line %u):", pl->line);
		for (const tc_plist_entry *e = pl->entries; e; e = e->next) {
			fprintf(f, "%s seq %u %s %s", e == pl->entries ? "" : ",", e->seq,
				e->permit ? "permit" : "deny", pfxstr(buf, sizeof buf, e->net));
			if (e->ge)
				fprintf(f, " ge %u", e->ge);
			if (e->le)
				fprintf(f, " le %u", e->le);
		}
		putc('\n', f);
	}
	for (const tc_rmap *rm = rt->rmaps; rm; rm = rm->next) {
		t_str(f, "  route map ", rm->name);
		fprintf(f, " (line %u):\n", rm->line);
		for (const tc_rmap_clause *c = rm->clauses; c; c = c->next)
			t_rmap_clause(f, c);
	}
	if (!rt->unmodelled)
		return;
	fputs("  routing not modelled:", f);
	for (const struct tc_rt_unmodelled *u = rt->unmodelled; u; u = u->next) {
		t_str(f, u == rt->unmodelled ? " " : ", ", u->feature);
		fprintf(f, " (line %u)", u->line);
	}
	putc('\n', f);
}

/* " local rsa-sig" / " remote pre-share rsa-sig": the methods of bits, if any. */
static void t_auth_bits(FILE *f, const char *what, unsigned bits)
{
	if (bits)
		fprintf(f, " %s", what);
	for (unsigned k = 0; k < NAUTH; k++)
		if (bits & (1u << k))
			fprintf(f, " %s", auth_words[k]);
}

/* ", authentication local rsa-sig remote rsa-sig, trustpoint TP": names only. */
static void t_ikeauth(FILE *f, const tc_ikeauth *a)
{
	if (a->local || a->remote)
		fputs(", authentication", f);
	t_auth_bits(f, "local", a->local);
	t_auth_bits(f, "remote", a->remote);
	t_str(f, ", trustpoint ", a->trustpoint);
}

/* "    Tunnel0 gre ip, source Gi0/1 (192.0.2.1), destination ..., ipsec profile P" */
static void t_tunnel(FILE *f, const tc_iface *i)
{
	char buf[TC_IP_STRLEN];
	const tc_tunnel *t = i->tun;
	fputs("    ", f);
	tc_render_puts(f, i->name, false);
	fprintf(f, " mode %s", tun_mode_name(t));
	t_str(f, ", source ", t->src_ifname);
	if (t->src)
		fprintf(f, t->src_ifname ? " (%s)" : ", source %s",
			tc_ip_format(buf, sizeof buf, t->src));
	fprintf(f, ", destination %s", t->dst ? tc_ip_format(buf, sizeof buf, t->dst) : "none");
	t_str(f, ", ipsec profile ", t->profile_name);
	if (t->profile_name && !t->profile)
		fputs(" (undefined)", f);
	if (t->shared)
		fputs(" shared", f);
	t_str(f, ", vrf ", t->vrf);
	fprintf(f, " (line %u)\n", t->line);
}

/* Tunnel interfaces, IPsec profiles, trustpoint names, certificate tunnel-groups. */
static void t_vti(FILE *f, const tc_device *d)
{
	char buf[TC_PREFIX_STRLEN];
	bool said = false;
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		if (i->tun) {
			t_section(f, &said, "tunnel interfaces");
			t_tunnel(f, i);
		}
	said = false;
	for (const tc_ipsec_profile *p = d->ipsec_profiles; p; p = p->next) {
		t_section(f, &said, "IPsec profiles");
		fputs("    ", f);
		tc_render_puts(f, p->name, false);
		if (p->sa)
			t_entry_attrs(f, p->sa);
		else
			fprintf(f, " (line %u)\n", p->line);
	}
	if (d->trustpoints) {
		fputs("  trustpoints:", f);
		for (const tc_trustpoint *t = d->trustpoints; t; t = t->next)
			t_str(f, " ", t->name);
		putc('\n', f);
	}
	said = false;
	for (const tc_tgroup *g = d->tgroups; g; g = g->next) {
		t_section(f, &said, "tunnel-groups with certificates");
		fputs("    ", f);
		tc_render_puts(f, g->name, false);
		if (g->has_peer)
			fprintf(f, " peer %s", pfxstr(buf, sizeof buf, g->peer));
		t_str(f, ", ikev1 trustpoint ", g->v1_trustpoint);
		t_ikeauth(f, &g->v2);
		fprintf(f, " (line %u)\n", g->line);
	}
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
	t_line l; /* a device's route lines, 16 KB at a time; b is not zeroed (every device) */
	l.f = f;
	l.n = 0;
	for (size_t k = 0; k < 3; k++)
		for (const tc_route *r = lists[k]; r; r = tc_route_next(r)) {
			if (!said)
				t_section(f, &said,
					  "routes"); /* before any route: nothing waits in l */
			t_route(&l, r);
		}
	tl_flush(&l);
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
		t_ikeauth(f, &p->auth);
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
	t_vti(f, d);
	said = false;
	for (const tc_nat *n = d->nats; n; n = n->next) {
		t_section(f, &said, "NAT (section.order)");
		t_nat(f, n);
	}
	if (d->rt)
		t_routing(f, d->rt);
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

/* s into buf (for padded table columns) as tc_render_puts() writes it: each
 * unsafe character as '?'; cut before a character that does not fit. */
static const char *clean(char *buf, size_t n, const char *s)
{
	size_t k = 0;
	for (size_t left = strlen(s); left;) {
		tc_char c = tc_text_char(s, left);
		size_t len = c.unsafe ? 1 : c.len;
		if (k + len >= n)
			break;
		memcpy(buf + k, c.unsafe ? "?" : s, len);
		k += len;
		s += c.len;
		left -= c.len;
	}
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
	tc_jw_open_report(&j);
	tc_jw_open(&j, "routes", '[');
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
	tc_jw_close(&j, ']');
	return tc_jw_finish(&j, '}');
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
		recognised(&d->capture_stats),
		pct(recognised(&d->capture_stats), d->capture_stats.lines));
	free(v);
	return ferror(out) ? TC_ERROR : 0;
}
