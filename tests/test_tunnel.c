/* test_tunnel.c: tunnel interfaces and IPsec profiles (parser/tunnel.c, model/tunnel.c) and the
 * walk across them (model/predict/tunnel.c): what is read, OSPF over a static VTI, a packet
 * crossing a protected tunnel, and each reason a tunnel is down. The expected behaviour is
 * IOS's: a static VTI (`tunnel mode ipsec ipv4`) encrypts everything routed into it (selectors
 * any/any) and is up only when its destination is routed outside the tunnel and the two ends
 * negotiate; costs are IOS's OSPF costs (10^8 / bandwidth, a tunnel's default bandwidth
 * being 100 kbit/s: cost 1000; a GigabitEthernet: 1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "parser.h"
#include "predict.h"
#include "tc_test.h"

/* ---- the configs: R1 and R2 joined by an SVTI across INET; PARTNER's crypto map to R1 ---- */

static const char isakmp[] = "crypto isakmp policy 10\n"
			     " encryption aes 256\n"
			     " hash sha256\n"
			     " authentication pre-share\n"
			     " group 14\n"
			     "crypto ipsec transform-set TS-VTI esp-aes 256 esp-sha256-hmac\n"
			     " mode tunnel\n";

/* The tunnel lines of both ends: a static VTI protected by VTI-PROFILE. */
#define SVTI " tunnel mode ipsec ipv4\n tunnel protection ipsec profile VTI-PROFILE\n"

/* R1: `route` is its route toward the Internet (and so toward R2's tunnel end), `tun` its
 * tunnel's mode and protection lines. */
static char *r1_text(char *buf, size_t n, const char *route, const char *pfs, const char *key,
		     const char *tun)
{
	snprintf(buf, n,
		 "hostname R1\n%s"
		 "crypto isakmp key %s address 192.0.2.5\n"
		 "crypto isakmp key partner-key address 192.0.2.9\n"
		 "crypto ipsec profile VTI-PROFILE\n"
		 " set transform-set TS-VTI\n"
		 " set pfs %s\n"
		 "ip access-list extended PARTNER-VPN\n"
		 " permit ip 10.1.2.0 0.0.0.255 10.9.9.0 0.0.0.255\n"
		 "crypto map PARTNER-MAP 10 ipsec-isakmp\n"
		 " set peer 192.0.2.9\n"
		 " set transform-set TS-VTI\n"
		 " match address PARTNER-VPN\n"
		 "interface GigabitEthernet0/0\n"
		 " ip address 192.0.2.1 255.255.255.252\n"
		 " crypto map PARTNER-MAP\n"
		 "interface GigabitEthernet0/1\n"
		 " ip address 10.1.1.1 255.255.255.0\n"
		 "interface Tunnel0\n"
		 " ip address 172.16.0.1 255.255.255.252\n"
		 " tunnel source GigabitEthernet0/0\n"
		 " tunnel destination 192.0.2.5\n"
		 "%s"
		 "router ospf 1\n"
		 " network 10.1.1.0 0.0.0.255 area 0\n"
		 " network 172.16.0.0 0.0.0.3 area 0\n"
		 " redistribute static subnets\n"
		 "ip route 10.9.9.0 255.255.255.0 192.0.2.2\n"
		 "%s",
		 isakmp, key, pfs, tun, route);
	return buf;
}

/* R2: `tun` as for R1 (`shared` added to its protection line, which changes nothing here). */
static char *r2_text(char *buf, size_t n, const char *tun)
{
	snprintf(buf, n,
		 "hostname R2\n%s"
		 "crypto isakmp key vti-pair-key address 192.0.2.1\n"
		 "crypto ipsec profile VTI-PROFILE\n"
		 " set transform-set TS-VTI\n"
		 " set pfs group14\n"
		 "interface GigabitEthernet0/0\n"
		 " ip address 192.0.2.5 255.255.255.252\n"
		 "interface GigabitEthernet0/1\n"
		 " ip address 10.1.2.1 255.255.255.0\n"
		 "interface Tunnel0\n"
		 " ip address 172.16.0.2 255.255.255.252\n"
		 " tunnel source GigabitEthernet0/0\n"
		 " tunnel destination 192.0.2.1\n"
		 "%s"
		 "router ospf 1\n"
		 " network 10.1.2.0 0.0.0.255 area 0\n"
		 " network 172.16.0.0 0.0.0.3 area 0\n"
		 "ip route 0.0.0.0 0.0.0.0 192.0.2.6\n",
		 isakmp, tun);
	return buf;
}

static const char partner_text[] =
	"hostname PARTNER\n"
	"crypto isakmp policy 10\n encryption aes 256\n hash sha256\n authentication pre-share\n"
	" group 14\n"
	"crypto isakmp key partner-key address 192.0.2.1\n"
	"crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n"
	"ip access-list extended TO-R2-LAN\n permit ip 10.9.9.0 0.0.0.255 10.1.2.0 0.0.0.255\n"
	"crypto map VPN 10 ipsec-isakmp\n set peer 192.0.2.1\n set transform-set TS\n"
	" match address TO-R2-LAN\n"
	"interface GigabitEthernet0/0\n ip address 192.0.2.9 255.255.255.252\n crypto map VPN\n"
	"interface GigabitEthernet0/1\n ip address 10.9.9.1 255.255.255.0\n"
	"ip route 0.0.0.0 0.0.0.0 192.0.2.10\n";

static const char inet_text[] =
	"hostname INET\n"
	"interface GigabitEthernet0/0\n ip address 192.0.2.2 255.255.255.252\n"
	"interface GigabitEthernet0/1\n ip address 192.0.2.6 255.255.255.252\n"
	"interface GigabitEthernet0/2\n ip address 192.0.2.10 255.255.255.252\n";

#define R1_DEFAULT "ip route 0.0.0.0 0.0.0.0 192.0.2.2\n"

/* The four devices, R1 and R2 as r1_text() and r2_text() write them; finalized. */
static tc_model *lab_with(const char *route, const char *pfs, const char *key, const char *tun1,
			  const char *tun2)
{
	tc_model *m = tc_model_new();
	char r1[4096], r2[4096];
	parse_as(m, r1_text(r1, sizeof r1, route, pfs, key, tun1), TC_DIALECT_IOS);
	parse_as(m, r2_text(r2, sizeof r2, tun2), TC_DIALECT_IOS);
	parse_as(m, partner_text, TC_DIALECT_IOS);
	parse_as(m, inet_text, TC_DIALECT_IOS);
	assert_int_equal(tc_model_finalize(m), 0);
	return m;
}

/* The SVTI pair with R1's route, PFS group and key toward R2. */
static tc_model *lab(const char *route, const char *pfs, const char *key)
{
	return lab_with(route, pfs, key, SVTI,
			SVTI " tunnel protection ipsec profile VTI-PROFILE shared\n");
}

static const tc_iface *iface_of(const tc_model *m, const char *dev, const char *name)
{
	const tc_device *d = tc_device_find(m, dev);
	assert_non_null(d);
	const tc_iface *i = tc_iface_find(d, name);
	assert_non_null(i);
	return i;
}

/* ---- what is read ------------------------------------------------------------------------ */

static void ios_tunnel_and_profile_are_read(void **state)
{
	(void)state;
	tc_model *m = lab(R1_DEFAULT, "group14", "vti-pair-key");
	const tc_iface *t1 = iface_of(m, "R1", "Tunnel0"), *t2 = iface_of(m, "R2", "Tunnel0");
	assert_non_null(t1->tun);
	assert_int_equal(t1->tun->mode, TC_TUN_IPSEC);
	assert_string_equal(t1->tun->src_ifname, "GigabitEthernet0/0");
	assert_int_equal(t1->tun->src, ip("192.0.2.1")); /* the source interface's address */
	assert_int_equal(t1->tun->dst, ip("192.0.2.5"));
	assert_false(t1->tun->shared);
	assert_true(t2->tun->shared);
	assert_true(t1->has_addr);
	assert_int_equal(t1->addr, ip("172.16.0.1"));
	const tc_ipsec_profile *p = t1->tun->profile;
	assert_non_null(p);
	assert_string_equal(p->name, "VTI-PROFILE");
	assert_int_equal(p->sa->ntsets, 1);
	assert_non_null(p->sa->tsets[0]);
	assert_string_equal(p->sa->tsets[0]->enc, "aes-256");
	assert_int_equal(p->sa->pfs_group, 14);
	assert_int_equal(p->sa->ike_version, 1);
	/* a profile is no crypto map entry */
	const tc_device *r2 = tc_device_find(m, "R2");
	assert_null(r2->entries);
	assert_int_equal(r2->stats.unknown, 0);
	assert_int_equal(r2->stats.malformed, 0);
	assert_int_equal(m->ndiags[TC_SEV_ERROR] + m->ndiags[TC_SEV_WARNING], 0);
	tc_model_free(m);
}

static void unknown_and_unmodelled_tunnel_lines_are_said(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	parse_as(m,
		 "hostname R9\n"
		 "interface Tunnel5\n"
		 " ip address 10.5.5.1 255.255.255.0\n"
		 " tunnel mode gre multipoint\n"
		 " tunnel frobnicate 7\n"
		 " tunnel key 100\n"
		 " tunnel source 198.51.100.1\n"
		 " tunnel vrf INET\n"
		 " tunnel protection ipsec profile NOPE\n"
		 "crypto ipsec profile IKEV2\n"
		 " set ikev2-profile PROF\n"
		 " set security-association lifetime seconds 3600\n",
		 TC_DIALECT_IOS);
	assert_int_equal(tc_model_finalize(m), 0);
	const tc_iface *t = iface_of(m, "R9", "Tunnel5");
	assert_int_equal(t->tun->mode, TC_TUN_OTHER);
	assert_string_equal(t->tun->mode_text, "gre multipoint");
	assert_int_equal(t->tun->src, ip("198.51.100.1"));
	assert_null(t->tun->src_ifname);
	assert_string_equal(t->tun->vrf, "INET");
	/* line 5: the unknown option, with its line */
	const tc_diag *g = find_code(m, "unknown-line");
	assert_non_null(g);
	assert_int_equal(g->line, 5);
	assert_int_equal(count_code(m, "unknown-line"), 1);
	assert_int_equal(find_code(m, "unsupported")->line, 4); /* the mode */
	assert_non_null(find_code(m, "undefined-ipsec-profile"));
	const tc_device *d = tc_device_find(m, "R9");
	const tc_ipsec_profile *p = tc_ipsec_profile_find(d, "IKEV2");
	assert_non_null(p);
	assert_int_equal(p->sa->ike_version, 2);
	assert_string_equal(p->sa->ikev2_profile, "PROF");
	assert_int_equal(p->sa->lifetime_sec, 3600);
	/* modelled: the address and the five tunnel lines read; skipped: mode, key */
	assert_int_equal(d->stats.unknown, 1);
	tc_model_free(m);
}

static void asa_vti_is_read(void **state)
{
	(void)state;
	tc_model *m = tc_model_new();
	parse_as(m,
		 "ASA Version 9.8(2)\n"
		 "hostname FW\n"
		 "interface GigabitEthernet0/0\n"
		 " nameif outside\n"
		 " security-level 0\n"
		 " ip address 203.0.113.1 255.255.255.0\n"
		 "interface Tunnel1\n"
		 " nameif vti-hq\n"
		 " ip address 169.254.10.1 255.255.255.252\n"
		 " tunnel source interface outside\n"
		 " tunnel destination 198.51.100.7\n"
		 " tunnel mode ipsec ipv4\n"
		 " tunnel protection ipsec profile HQ\n"
		 "crypto ipsec ikev2 ipsec-proposal AES256\n"
		 " protocol esp encryption aes-256\n"
		 " protocol esp integrity sha-256\n"
		 "crypto ipsec profile HQ\n"
		 " set ikev2 ipsec-proposal AES256\n"
		 " set pfs group14\n",
		 TC_DIALECT_ASA);
	assert_int_equal(tc_model_finalize(m), 0);
	const tc_iface *t = iface_of(m, "FW", "Tunnel1");
	assert_string_equal(t->nameif, "vti-hq");
	assert_int_equal(t->tun->mode, TC_TUN_IPSEC);
	assert_int_equal(t->tun->src, ip("203.0.113.1")); /* nameif outside's address */
	assert_int_equal(t->tun->dst, ip("198.51.100.7"));
	assert_non_null(t->tun->profile);
	assert_int_equal(t->tun->profile->sa->ike_version, 2);
	assert_int_equal(t->tun->profile->sa->pfs_group, 14);
	assert_non_null(t->tun->profile->sa->tsets[0]);
	assert_true(t->tun->profile->sa->tsets[0]->ikev2);
	const tc_device *d = tc_device_find(m, "FW");
	assert_int_equal(d->stats.unknown, 0);
	assert_int_equal(d->stats.malformed, 0);
	tc_model_free(m);
}

/* ---- routing over the tunnel ------------------------------------------------------------- */

/* d's OSPF route to cidr: "CODE [AD/METRIC] via NH, IF". */
static void expect_ospf(const tc_device *d, const char *cidr, const char *want)
{
	tc_prefix p;
	assert_int_equal(tc_prefix_parse(&p, cidr, strlen(cidr)), 0);
	for (const tc_route *r = d->computed; r; r = tc_route_next(r)) {
		if (r->origin != TC_RT_OSPF || tc_prefix_cmp(r->dst, p) != 0)
			continue;
		char got[160], a[TC_IP_STRLEN];
		snprintf(got, sizeof got, "%s [%u/%u] via %s, %s", r->attr->code, r->distance,
			 r->metric, tc_ip_format(a, sizeof a, r->nh), r->attr->ifname);
		assert_string_equal(got, want);
		return;
	}
	fail_msg("%s has no OSPF route to %s", d->hostname, cidr);
}

static void ospf_over_svti_learns_the_other_lan(void **state)
{
	(void)state;
	tc_model *m = lab(R1_DEFAULT, "group14", "vti-pair-key");
	/* 1000 for the tunnel (100 kbit/s) + 1 for the far GigabitEthernet LAN */
	expect_ospf(tc_device_find(m, "R1"), "10.1.2.0/24", "O [110/1001] via 172.16.0.2, Tunnel0");
	expect_ospf(tc_device_find(m, "R2"), "10.1.1.0/24", "O [110/1001] via 172.16.0.1, Tunnel0");
	/* R1's redistributed static: E2, metric 20 */
	expect_ospf(tc_device_find(m, "R2"), "10.9.9.0/24",
		    "O E2 [110/20] via 172.16.0.1, Tunnel0");
	tc_model_free(m);
}

/* ---- the walk ------------------------------------------------------------------------------ */

/* The event of t of this kind whose text holds needle, or fail. */
static tc_event event_with(const tc_trace *t, tc_event_kind kind, const char *needle)
{
	for (size_t i = 0; i < t->nevents; i++) {
		tc_event e = tc_trace_event(t, i);
		if (e.kind == kind && strstr(e.text, needle))
			return e;
	}
	fail_msg("no %s event with '%s'", tc_event_kind_name(kind), needle);
	return (tc_event){0};
}

/* The first domain of dev, a tunnel end's when tunnel; it must exist. */
static const tc_domain *domain_of(const tc_prediction *p, const char *dev, bool tunnel)
{
	for (size_t i = 0; i < p->ndomains; i++)
		if (!p->domains[i].tunnel == !tunnel &&
		    strcmp(p->domains[i].device->hostname, dev) == 0)
			return &p->domains[i];
	fail_msg("no %s domain on %s", tunnel ? "tunnel" : "crypto map", dev);
	return NULL;
}

/* PARTNER's domain toward LAN2: its prediction (traces[0]: PARTNER sends first). */
static const tc_domain *partner_domain(const tc_prediction *p)
{
	return domain_of(p, "PARTNER", false);
}

static void packet_crosses_the_svti_encrypted(void **state)
{
	(void)state;
	tc_model *m = lab(R1_DEFAULT, "group14", "vti-pair-key");
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = partner_domain(p);
	assert_int_equal(d->state, TC_STATE_STABLE);
	tc_event e = event_with(&d->traces[0], TC_EV_INFO,
				"R1 encrypts it into static VTI Tunnel0 (IPsec profile "
				"VTI-PROFILE, selectors any <-> any) toward R2");
	assert_string_equal(e.rule, "R1.8");
	assert_string_equal(e.confidence, "documented");
	event_with(&d->traces[0], TC_EV_DELIVER, "R2 delivers 10.1.2.1");
	/* the reply: into R2's tunnel by the E2 route, out at R1, into the crypto map */
	event_with(&d->traces[0], TC_EV_INFO, "R2 encrypts it into static VTI Tunnel0");
	event_with(&d->traces[0], TC_EV_DELIVER, "PARTNER delivers 10.9.9.1");
	tc_prediction_free(p);
	tc_model_free(m);
}

/* The drop of PARTNER's first trace: its text holds why, under rule. */
static void expect_tunnel_down(tc_model *m, const char *why, const char *rule)
{
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = partner_domain(p);
	assert_int_not_equal(d->state, TC_STATE_STABLE);
	tc_event e = event_with(&d->traces[0], TC_EV_DROP, why);
	assert_string_equal(e.rule, rule);
	assert_non_null(strstr(e.text, "R1 routes it into Tunnel0, which is down"));
	tc_prediction_free(p);
	tc_model_free(m);
}

static void no_route_to_the_destination_is_a_tunnel_down(void **state)
{
	(void)state;
	/* only the partner (its LAN and its link) is routed toward INET: 192.0.2.5 has no route */
	expect_tunnel_down(
		lab("ip route 192.0.2.8 255.255.255.252 192.0.2.2\n", "group14", "vti-pair-key"),
		"R1 has no route to the tunnel destination 192.0.2.5", "R1.9");
}

static void destination_routed_through_the_tunnel_is_recursive(void **state)
{
	(void)state;
	expect_tunnel_down(lab(R1_DEFAULT "ip route 192.0.2.4 255.255.255.252 172.16.0.2\n",
			       "group14", "vti-pair-key"),
			   "leaves by Tunnel0 itself (recursive routing)", "R1.9");
}

static void different_keys_keep_the_tunnel_down(void **state)
{
	(void)state;
	/* authentication fails as between two crypto map peers: the same rule (R4.1) */
	expect_tunnel_down(lab(R1_DEFAULT, "group14", "other-key"),
			   "the pre-shared keys of R1 and R2 differ", "R4.1");
}

static void responder_pfs_rejects_an_initiator_without_it(void **state)
{
	(void)state;
	/* R1 initiates (the partner's packet enters its tunnel) with group 5; R2 wants 14 */
	expect_tunnel_down(lab(R1_DEFAULT, "group5", "vti-pair-key"),
			   "R2 requires PFS group 14, R1 offers group 5", "R4.7");
}

static void plain_gre_is_crossed_in_clear(void **state)
{
	(void)state;
	/* no `tunnel mode` line: GRE, the IOS default; no protection on either end */
	tc_model *m = lab_with(R1_DEFAULT, "group14", "vti-pair-key", "", "");
	assert_int_equal(iface_of(m, "R1", "Tunnel0")->tun->mode, TC_TUN_GRE);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = partner_domain(p);
	tc_event e = event_with(&d->traces[0], TC_EV_INFO,
				"R1 sends it into GRE tunnel Tunnel0 toward 192.0.2.5, not "
				"encrypted; it comes out of R2 Tunnel0");
	assert_string_equal(e.rule, "R1.8");
	event_with(&d->traces[0], TC_EV_DELIVER, "R2 delivers 10.1.2.1");
	tc_prediction_free(p);
	tc_model_free(m);
}

static void gre_facing_an_svti_is_down(void **state)
{
	(void)state;
	expect_tunnel_down(lab_with(R1_DEFAULT, "group14", "vti-pair-key", "", SVTI),
			   "Tunnel0 is GRE, the other end (R2 Tunnel0) static VTI", "R1.9");
}

static void failed_far_underlay_takes_the_tunnel_down(void **state)
{
	(void)state;
	tc_model *m = lab(R1_DEFAULT, "group14", "vti-pair-key");
	const tc_iface *fail[] = {iface_of(m, "R2", "GigabitEthernet0/0")};
	tc_predict_opts o = {.fail_ifaces = fail, .nfail_ifaces = 1};
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, &o), 0);
	const tc_domain *d = partner_domain(p);
	/* INET's route to 192.0.2.5 is its connected link to R2, whose end is down */
	tc_event e = event_with(&d->traces[0], TC_EV_DROP,
				"R1 routes it into Tunnel0, which is down: the tunnel's outer "
				"packets between 192.0.2.1 and 192.0.2.5 do not get through");
	assert_string_equal(e.rule, "R1.9");
	tc_prediction_free(p);
	tc_model_free(m);
}

/* ---- tunnel ends as domains, and a crypto map facing a tunnel (R1.11) --------------------- */

/* The event of t of this kind holding needle, applied under rule. */
static void event_under(const tc_trace *t, tc_event_kind kind, const char *needle, const char *rule)
{
	tc_event e = event_with(t, kind, needle);
	assert_string_equal(e.rule, rule);
}

/* The domain of dev's tunnel end, which must exist. */
static const tc_domain *tunnel_domain_of(const tc_prediction *p, const char *dev)
{
	return domain_of(p, dev, true);
}

static void svti_ends_are_any_any_domains(void **state)
{
	(void)state;
	tc_model *m = lab(R1_DEFAULT, "group14", "vti-pair-key");
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	/* PARTNER's and R1's crypto-map lines, then one domain per tunnel end */
	assert_int_equal(p->ndomains, 4);
	const tc_domain *d = tunnel_domain_of(p, "R1");
	assert_ptr_equal(d->tunnel, iface_of(m, "R1", "Tunnel0"));
	assert_string_equal(d->entry->map, "Tunnel0");
	assert_int_equal(d->entry->seq, 0);
	assert_int_equal(d->local.len, 0);
	assert_int_equal(d->remote.len, 0);
	assert_int_equal(d->state, TC_STATE_STABLE);
	assert_string_equal(d->owner->hostname, "R2");
	assert_int_equal(d->owner_addr, ip("192.0.2.5"));
	assert_null(d->ace);
	assert_int_equal(d->traces[1].state, TC_STATE_STABLE);
	assert_string_equal(tunnel_domain_of(p, "R2")->owner->hostname, "R1");
	tc_prediction_free(p);
	tc_model_free(m);
}

static void tunnel_end_domain_is_down_with_the_reason(void **state)
{
	(void)state;
	tc_model *m = lab(R1_DEFAULT, "group14", "other-key");
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = tunnel_domain_of(p, "R1");
	assert_int_equal(d->state, TC_STATE_DOWN);
	assert_null(d->owner);
	assert_false(d->has_owner_addr);
	event_under(&d->traces[0], TC_EV_REJECT,
		    "R1 Tunnel0 is down: the pre-shared keys of R1 and R2 differ", "R4.1");
	tc_prediction_free(p);
	tc_model_free(m);
}

static void protected_gre_end_is_the_gre_pair(void **state)
{
	(void)state;
	/* GRE (the IOS default mode) with tunnel protection on both ends */
	const char *prot = " tunnel protection ipsec profile VTI-PROFILE\n";
	tc_model *m = lab_with(R1_DEFAULT, "group14", "vti-pair-key", prot, prot);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = tunnel_domain_of(p, "R2");
	assert_int_equal(d->local.addr, ip("192.0.2.5"));
	assert_int_equal(d->local.len, 32);
	assert_int_equal(d->remote.addr, ip("192.0.2.1"));
	assert_int_equal(d->remote.len, 32);
	assert_int_equal(d->state, TC_STATE_STABLE);
	event_with(&d->traces[0], TC_EV_SA_UP, "selectors gre 192.0.2.5 <-> 192.0.2.1");
	tc_prediction_free(p);
	tc_model_free(m);
}

/* R1 as a crypto-map router whose only peer is R2's static VTI, protecting `acl_line`. */
static tc_model *cmap_facing_svti(const char *acl_line)
{
	char r1[2048], r2[4096];
	snprintf(r1, sizeof r1,
		 "hostname R1\n%s"
		 "crypto isakmp key vti-pair-key address 192.0.2.5\n"
		 "ip access-list extended TO-R2\n%s"
		 "crypto map M 10 ipsec-isakmp\n"
		 " set peer 192.0.2.5\n"
		 " set transform-set TS-VTI\n"
		 " set pfs group14\n"
		 " match address TO-R2\n"
		 "interface GigabitEthernet0/0\n"
		 " ip address 192.0.2.1 255.255.255.252\n"
		 " crypto map M\n"
		 "interface GigabitEthernet0/1\n"
		 " ip address 10.1.1.1 255.255.255.0\n"
		 "ip route 0.0.0.0 0.0.0.0 192.0.2.2\n",
		 isakmp, acl_line);
	tc_model *m = tc_model_new();
	parse_as(m, r1, TC_DIALECT_IOS);
	parse_as(m, r2_text(r2, sizeof r2, SVTI), TC_DIALECT_IOS);
	parse_as(m, inet_text, TC_DIALECT_IOS);
	assert_int_equal(tc_model_finalize(m), 0);
	return m;
}

static size_t count_findings(const tc_model *m, const tc_prediction *p, const char *rule)
{
	tc_findings *f = NULL;
	assert_int_equal(tc_lint(&f, m, p, NULL), 0);
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		n += strcmp(f->v[i].rule->id, rule) == 0;
	tc_findings_free(f);
	return n;
}

static void ikev1_svti_refuses_narrower_crypto_map_proxies(void **state)
{
	(void)state;
	tc_model *m = cmap_facing_svti(" permit ip 10.1.1.0 0.0.0.255 10.1.2.0 0.0.0.255\n");
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = &p->domains[0];
	assert_string_equal(d->entry->map, "M");
	assert_int_equal(d->state, TC_STATE_DOWN);
	/* keys, policy, transform set and PFS agree: only the proxies do not */
	event_under(&d->traces[0], TC_EV_REJECT,
		    "R2 Tunnel0 is a static VTI: with IKEv1 it accepts only 0.0.0.0/0 <-> "
		    "0.0.0.0/0, not the proposed 10.1.2.0/24 <-> 10.1.1.0/24",
		    "R1.11");
	const tc_domain *t = tunnel_domain_of(p, "R2");
	assert_int_equal(t->state, TC_STATE_DOWN);
	event_with(&t->traces[0], TC_EV_REJECT,
		   "it proposes 0.0.0.0/0 <-> 0.0.0.0/0, and no line of R1 crypto map M 10 "
		   "contains it");
	/* TC120 says why the peer refuses, not that it has no crypto map */
	assert_int_equal(count_findings(m, p, "TC120"), 1);
	tc_prediction_free(p);
	tc_model_free(m);
}

static void svti_accepts_an_any_any_crypto_map(void **state)
{
	(void)state;
	tc_model *m = cmap_facing_svti(" permit ip any any\n");
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *t = tunnel_domain_of(p, "R2");
	assert_int_equal(t->state, TC_STATE_STABLE);
	assert_string_equal(t->owner->hostname, "R1");
	event_under(&t->traces[0], TC_EV_SA_UP, "R1 crypto map M 10 negotiate", "R1.11");
	event_with(&p->domains[0].traces[0], TC_EV_SA_UP, "R2 accepts on Tunnel0");
	assert_int_equal(count_findings(m, p, "TC120"), 0);
	tc_prediction_free(p);
	tc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ios_tunnel_and_profile_are_read),
		cmocka_unit_test(unknown_and_unmodelled_tunnel_lines_are_said),
		cmocka_unit_test(asa_vti_is_read),
		cmocka_unit_test(ospf_over_svti_learns_the_other_lan),
		cmocka_unit_test(packet_crosses_the_svti_encrypted),
		cmocka_unit_test(no_route_to_the_destination_is_a_tunnel_down),
		cmocka_unit_test(destination_routed_through_the_tunnel_is_recursive),
		cmocka_unit_test(different_keys_keep_the_tunnel_down),
		cmocka_unit_test(responder_pfs_rejects_an_initiator_without_it),
		cmocka_unit_test(plain_gre_is_crossed_in_clear),
		cmocka_unit_test(gre_facing_an_svti_is_down),
		cmocka_unit_test(failed_far_underlay_takes_the_tunnel_down),
		cmocka_unit_test(svti_ends_are_any_any_domains),
		cmocka_unit_test(tunnel_end_domain_is_down_with_the_reason),
		cmocka_unit_test(protected_gre_end_is_the_gre_pair),
		cmocka_unit_test(ikev1_svti_refuses_narrower_crypto_map_proxies),
		cmocka_unit_test(svti_accepts_an_any_any_crypto_map),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
