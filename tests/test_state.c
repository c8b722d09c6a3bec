/* test_state.c: the state capture parser (parser/state*.c): each capture form, field by field.
 *
 * The captures are written here in the devices' formats (Cisco's command references and the
 * public captures of ntc-templates and genieparser show them); the expected values are what
 * the lines say, read as Cisco documents them: `current_peer` is the peer the SA is with,
 * `#pkts encaps` counts packets sent into the SA, `current outbound spi: 0x0` with no ESP SA
 * listed is a flow IOS lists with no SA up, and so on (the comments say which). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "model.h"
#include "parser.h"
#include "tc_test.h"

/* text parsed as a state capture of a new device of m (no config) */
static tc_device *state(tc_model *m, const char *text)
{
	tc_device *d = tc_device_add(m, "r.cfg", TC_DIALECT_UNKNOWN);
	assert_int_equal(tc_parse_state(m, d, "s.txt", text, strlen(text)), 0);
	assert_non_null(d->obs);
	return d;
}

static const tc_obs_sa *sa_at(const tc_device *d, size_t k)
{
	const tc_obs_sa *sa = d->obs->sas;
	while (sa && k--)
		sa = sa->next;
	assert_non_null(sa);
	return sa;
}

static const tc_obs_ike *ike_at(const tc_device *d, size_t k)
{
	const tc_obs_ike *x = d->obs->ikes;
	while (x && k--)
		x = x->next;
	assert_non_null(x);
	return x;
}

/* ---- show crypto ipsec sa -------------------------------------------------------------- */

static const char ios_ipsec[] =
	"R3#show crypto ipsec sa detail\n"
	"\n"
	"interface: GigabitEthernet0/1\n"
	"    Crypto map tag: VPN, local addr 5.100.34.3\n"
	"\n"
	"   protected vrf: (none)\n"
	"   local  ident (addr/mask/prot/port): (10.241.0.0/255.255.255.0/0/0)\n"
	"   remote ident (addr/mask/prot/port): (10.1.0.0/255.255.255.0/0/0)\n"
	"   current_peer 5.100.42.4 port 500\n"
	"     PERMIT, flags={origin_is_acl,}\n"
	"    #pkts encaps: 310, #pkts encrypt: 310, #pkts digest: 310\n"
	"    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0\n"
	"    #pkts compressed: 0, #pkts decompressed: 0\n"
	"    #pkts not compressed: 0, #pkts compr. failed: 0\n"
	"    #pkts not decompressed: 0, #pkts decompress failed: 0\n"
	"    #pkts no sa (send) 0, #pkts invalid sa (rcv) 0\n"
	"    ##pkts replay failed (rcv): 0\n"
	"    #send errors 0, #recv errors 0\n"
	"\n"
	"     local crypto endpt.: 5.100.34.3, remote crypto endpt.: 5.100.42.4\n"
	"     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/1\n"
	"     current outbound spi: 0x5A3C0F11(1514933009)\n"
	"     PFS (Y/N): N, DH group: none\n"
	"\n"
	"     inbound esp sas:\n"
	"      spi: 0x1111AAAA(286371498)\n"
	"        transform: esp-256-aes esp-sha-hmac ,\n"
	"        in use settings ={Tunnel, }\n"
	"        conn id: 2001, flow_id: SW:1, sibling_flags 80004040, crypto map: VPN\n"
	"        sa timing: remaining key lifetime (k/sec): (4607999/100)\n"
	"        Status: ACTIVE(ACTIVE)\n"
	"      spi: 0x2222BBBB(572701627)\n"
	"        transform: esp-256-aes esp-sha-hmac ,\n"
	"        in use settings ={Tunnel, }\n"
	"        conn id: 2003, flow_id: SW:3, sibling_flags 80004040, crypto map: VPN\n"
	"        sa timing: remaining key lifetime (k/sec): (4607999/3500)\n"
	"        Status: ACTIVE(ACTIVE)\n"
	"\n"
	"     inbound ah sas:\n"
	"\n"
	"     outbound esp sas:\n"
	"      spi: 0x11110000(286326784)\n"
	"        sa timing: remaining key lifetime (k/sec): (4607999/99)\n"
	"      spi: 0x5A3C0F11(1514933009)\n"
	"        transform: esp-256-aes esp-sha-hmac ,\n"
	"        sa timing: remaining key lifetime (k/sec): (4607900/3499)\n"
	"        IV size: 16 bytes\n"
	"        replay detection support: Y\n"
	"\n"
	"     outbound pcp sas:\n"
	"\n"
	"   protected vrf: (none)\n"
	"   local  ident (addr/mask/prot/port): (10.242.0.0/255.255.255.0/6/0)\n"
	"   remote ident (addr/mask/prot/port): (10.1.0.5/255.255.255.255/6/443)\n"
	"   current_peer 5.100.42.4 port 500\n"
	"     PERMIT, flags={origin_is_acl,}\n"
	"    #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0\n"
	"    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0\n"
	"\n"
	"     local crypto endpt.: 5.100.34.3, remote crypto endpt.: 5.100.42.4\n"
	"     current outbound spi: 0x0(0)\n"
	"\n"
	"     inbound esp sas:\n"
	"\n"
	"     outbound esp sas:\n"
	"R3#\n";

/* IOS: one block per proxy pair under the map tag; the current outbound SPI's SA gives the
 * lifetime (not the older SA being rekeyed away), the newest inbound SA listed (the last one)
 * the inbound SPI; a flow with current outbound spi 0x0 and no ESP SA has no SA up. */
static void ios_ipsec_sa_blocks(void **unused)
{
	(void)unused;
	tc_model *m = tc_model_new();
	tc_device *d = state(m, ios_ipsec);
	assert_int_equal(d->obs->nsas, 2);
	const tc_obs_sa *sa = sa_at(d, 0);
	assert_string_equal(sa->iface, "GigabitEthernet0/1");
	assert_string_equal(sa->cmap, "VPN");
	assert_false(sa->has_seq); /* IOS prints no seq in the map tag line */
	assert_prefix(sa->local, "10.241.0.0/24");
	assert_prefix(sa->remote, "10.1.0.0/24");
	assert_int_equal(sa->proto, 0);
	assert_int_equal(sa->peer, ip("5.100.42.4"));
	assert_null(sa->peer_name);
	assert_int_equal(sa->local_addr, ip("5.100.34.3"));
	assert_true(sa->has_counters);
	assert_int_equal(sa->encaps, 310); /* sent into the SA, nothing back: one-way */
	assert_int_equal(sa->decaps, 0);
	assert_int_equal(sa->spi_out, 0x5A3C0F11u);
	assert_int_equal(sa->spi_in, 0x2222BBBBu);
	assert_int_equal(sa->lifetime_s, 3499);
	assert_false(sa->no_sa);
	assert_string_equal(sa->file, "s.txt");
	assert_int_equal(sa->line, 7);

	sa = sa_at(d, 1);
	assert_prefix(sa->local, "10.242.0.0/24");
	assert_prefix(sa->remote, "10.1.0.5/32");
	assert_int_equal(sa->proto, 6);
	assert_int_equal(sa->lport, 0);
	assert_int_equal(sa->rport, 443);
	assert_int_equal(sa->spi_out, 0);
	assert_int_equal(sa->spi_in, 0);
	assert_int_equal(sa->lifetime_s, -1);
	assert_true(sa->no_sa);
	assert_int_equal(sa->line, 53);

	assert_int_equal(d->obs->stats.unknown, 0);
	assert_int_equal(d->obs->stats.lines, 55); /* the non-blank ones */
	assert_int_equal(m->unknown_lines, 0);
	tc_model_free(m);
}

static const char asa_ipsec[] =
	"interface: outside\n"
	"    Crypto map tag: outside_map, seq num: 20, local addr: 198.51.100.1\n"
	"\n"
	"      access-list outside_cryptomap_20 extended permit udp host 10.1.0.9 host 10.9.0.9 eq "
	"snmp\n"
	"      local ident (addr/mask/prot/port): (10.1.0.9/255.255.255.255/17/0)\n"
	"      remote ident (addr/mask/prot/port): (10.9.0.9/255.255.255.255/17/161)\n"
	"      current_peer: PEER-B\n"
	"\n"
	"      #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0\n"
	"      #pkts decaps: 44, #pkts decrypt: 44, #pkts verify: 44\n"
	"      #pre-frag successes: 0, #pre-frag failures: 0, #fragments created: 0\n"
	"      #TFC rcvd: 0, #TFC sent: 0\n"
	"      #send errors: 0, #recv errors: 0\n"
	"\n"
	"      local crypto endpt.: 198.51.100.1/4500, remote crypto endpt.: PEER-B/4500\n"
	"      path mtu 1500, ipsec overhead 82(52), media mtu 1500\n"
	"      current outbound spi: 0A0B0C0D\n"
	"      current inbound spi : F0E0D0C0\n"
	"\n"
	"    inbound esp sas:\n"
	"      spi: 0xF0E0D0C0 (4041265344)\n"
	"         SA State: active\n"
	"         sa timing: remaining key lifetime (kB/sec): (3914999/28000)\n"
	"         Anti replay bitmap: \n"
	"          0xFFFFFFFF 0xFFFFFFFF\n"
	"    outbound esp sas:\n"
	"      spi: 0x0A0B0C0D (168496141)\n"
	"         sa timing: remaining key lifetime (kB/sec): (3914999/27999)\n";

/* ASA: seq num in the map tag line; `names` prints the peer's name, which the device's
 * config resolves; the ASA's bitmap rows are part of the block. */
static void asa_ipsec_sa_seq_ports_and_names(void **unused)
{
	(void)unused;
	tc_model *m = tc_model_new();
	tc_device *d = parse_as(m, "hostname fw\nnames\nname 203.0.113.7 PEER-B\n", TC_DIALECT_ASA);
	assert_int_equal(tc_parse_state(m, d, "fw.txt", asa_ipsec, strlen(asa_ipsec)), 0);
	assert_int_equal(d->obs->nsas, 1);
	const tc_obs_sa *sa = sa_at(d, 0);
	assert_string_equal(sa->iface, "outside");
	assert_string_equal(sa->cmap, "outside_map");
	assert_true(sa->has_seq);
	assert_int_equal(sa->seq, 20);
	assert_int_equal(sa->proto, 17);
	assert_int_equal(sa->rport, 161);
	assert_int_equal(sa->peer, ip("203.0.113.7"));
	assert_null(sa->peer_name);
	assert_int_equal(sa->local_addr, ip("198.51.100.1"));
	assert_int_equal(sa->encaps, 0);
	assert_int_equal(sa->decaps, 44);
	assert_int_equal(sa->spi_in, 0xF0E0D0C0u);
	assert_int_equal(sa->spi_out, 0x0A0B0C0Du);
	assert_int_equal(sa->lifetime_s, 27999);
	assert_int_equal(d->obs->stats.unknown, 0);
	assert_int_equal(count_code(m, "unresolved-name"), 0);
	tc_model_free(m);

	/* a lone capture: the name is kept as printed, the address unknown */
	m = tc_model_new();
	d = state(m, asa_ipsec);
	sa = sa_at(d, 0);
	assert_int_equal(sa->peer, 0);
	assert_string_equal(sa->peer_name, "PEER-B");
	assert_int_equal(count_code(m, "unresolved-name"), 1);
	tc_model_free(m);
}

/* ---- IKE lists ------------------------------------------------------------------------- */

/* IOS isakmp sa prints dst and src as the initiator sent them: the address every row shares
 * is the device's own; with a config, its interface address decides. MM_NO_STATE is no
 * established SA; QM_IDLE is. */
static void ios_isakmp_rows_find_the_local_end(void **unused)
{
	(void)unused;
	const char *text =
		"R3#show crypto isakmp sa\n"
		"IPv4 Crypto ISAKMP SA\n"
		"dst             src             state          conn-id status\n"
		"5.100.42.4      5.100.34.3      QM_IDLE           1001 ACTIVE\n"
		"5.100.34.3      5.100.26.2      MM_NO_STATE       1002 ACTIVE (deleted)\n"
		"\n"
		"IPv6 Crypto ISAKMP SA\n"
		"\n";
	tc_model *m = tc_model_new();
	tc_device *d = state(m, text);
	assert_int_equal(d->obs->nikes, 2);
	const tc_obs_ike *k = ike_at(d, 0);
	assert_int_equal(k->peer, ip("5.100.42.4"));
	assert_int_equal(k->local_addr, ip("5.100.34.3"));
	assert_int_equal(k->version, 1);
	assert_string_equal(k->state, "QM_IDLE");
	assert_true(k->up);
	assert_int_equal(k->line, 4);
	k = ike_at(d, 1);
	assert_int_equal(k->peer, ip("5.100.26.2"));
	assert_int_equal(k->local_addr, ip("5.100.34.3"));
	assert_string_equal(k->state, "MM_NO_STATE");
	assert_false(k->up);
	tc_model_free(m);

	/* one row: only the config says which end is the device's */
	m = tc_model_new();
	d = parse_as(m,
		     "hostname R3\ninterface GigabitEthernet0/1\n ip address 5.100.34.3 "
		     "255.255.255.0\n",
		     TC_DIALECT_IOS);
	const char *one = "dst             src             state          conn-id status\n"
			  "5.100.34.3      5.100.42.4      QM_IDLE           1001 ACTIVE\n";
	assert_int_equal(tc_parse_state(m, d, "r3.txt", one, strlen(one)), 0);
	k = ike_at(d, 0);
	assert_int_equal(k->peer, ip("5.100.42.4"));
	assert_int_equal(k->local_addr, ip("5.100.34.3"));
	tc_model_free(m);
}

/* isakmp sa detail (C-id local remote [i-vrf] status ...), ikev2 sa in its one-line and
 * two-line forms; an IPv6 SA is skipped with one note. */
static void ios_isakmp_detail_and_ikev2(void **unused)
{
	(void)unused;
	const char *text =
		"R1#show crypto isakmp sa detail\n"
		"IPv4 Crypto ISAKMP SA\n"
		"\n"
		"C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime "
		"Cap.\n"
		"\n"
		"1001  5.100.26.2      5.100.34.3      BLUE   ACTIVE aes  sha    psk  14 23:10:01 D\n"
		"       Engine-id:Conn-id =  SW:1\n"
		"R1#show crypto ikev2 sa\n"
		" IPv4 Crypto IKEv2  SA\n"
		"\n"
		"Tunnel-id Local                 Remote                fvrf/ivrf            Status\n"
		"1         5.100.26.2/500        5.100.42.4/500        none/none            READY\n"
		"      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: "
		"PSK, Auth verify: PSK\n"
		"      Life/Active Time: 86400/120 sec\n"
		"\n"
		"Tunnel-id    fvrf/ivrf              Status\n"
		"2          none/none             IN-NEG\n"
		"Local  5.100.26.2/4500\n"
		"Remote  203.0.113.8/4500\n"
		"Tunnel-id    fvrf/ivrf              Status\n"
		"3          none/none             READY\n"
		"Local  2001:DB8::1/500\n"
		"Remote  2001:DB8::2/500\n"
		"\n"
		" IPv6 Crypto IKEv2  SA\n";
	tc_model *m = tc_model_new();
	tc_device *d = state(m, text);
	assert_int_equal(d->obs->nikes, 3);
	const tc_obs_ike *k = ike_at(d, 0);
	assert_int_equal(k->peer, ip("5.100.34.3"));
	assert_int_equal(k->local_addr, ip("5.100.26.2"));
	assert_int_equal(k->version, 1);
	assert_string_equal(k->state, "ACTIVE");
	assert_true(k->up);
	k = ike_at(d, 1);
	assert_int_equal(k->peer, ip("5.100.42.4"));
	assert_int_equal(k->local_addr, ip("5.100.26.2"));
	assert_int_equal(k->version, 2);
	assert_string_equal(k->state, "READY");
	assert_true(k->up);
	k = ike_at(d, 2);
	assert_int_equal(k->peer, ip("203.0.113.8"));
	assert_int_equal(k->local_addr, ip("5.100.26.2"));
	assert_string_equal(k->state, "IN-NEG"); /* still negotiating: not established */
	assert_false(k->up);
	assert_int_equal(k->line, 17);
	assert_int_equal(count_code(m, "unsupported"), 1);
	assert_int_equal(d->obs->stats.unknown, 0);
	tc_model_free(m);
}

/* ASA: show crypto ikev1 sa (an "IKE Peer:" block, its state on the Rekey line), the older
 * one-row form, and show crypto ikev2 sa (rows end in the role). */
static void asa_ikev1_and_ikev2(void **unused)
{
	(void)unused;
	const char *text =
		"fw/act# show crypto ikev1 sa\n"
		"\n"
		"IKEv1 SAs:\n"
		"\n"
		"   Active SA: 2\n"
		"    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)\n"
		"Total IKE SA: 2\n"
		"\n"
		"1   IKE Peer: 5.100.42.2\n"
		"    Type    : L2L             Role    : responder\n"
		"    Rekey   : no              State   : MM_ACTIVE\n"
		"2   IKE Peer: 5.100.34.3\n"
		"    Type    : L2L             Role    : initiator\n"
		"    Rekey   : no              State   : MM_WAIT_MSG2\n"
		"fw/act# show crypto isakmp sa detail\n"
		"IKE Peer      Type  Dir   Rky  State      Encrypt Hash  Auth    Lifetime\n"
		"1 5.100.26.2 L2L   Init  No   MM_ACTIVE  aes-256 SHA   preshrd 86400\n"
		"fw/act# show crypto ikev2 sa\n"
		"\n"
		"IKEv2 SAs:\n"
		"\n"
		"Session-id:3, Status:UP-ACTIVE, IKE count:1, CHILD count:1\n"
		"\n"
		"Tunnel-id Local                Remote               Status         Role\n"
		"  1029871 5.100.14.1/500       5.100.42.9/500       READY    INITIATOR\n"
		"      Encr: AES-CBC, keysize: 256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth "
		"verify: PSK\n"
		"      Life/Active Time: 86400/61 sec\n"
		"Child sa: local selector  10.1.0.0/0 - 10.1.0.255/65535\n"
		"          remote selector 10.241.0.0/0 - 10.241.0.255/65535\n"
		"          ESP spi in/out: 0x1a2b3c4d/0x5e6f7a8b\n";
	tc_model *m = tc_model_new();
	tc_device *d = state(m, text);
	assert_int_equal(d->obs->nikes, 4);
	const tc_obs_ike *k = ike_at(d, 0);
	assert_int_equal(k->peer, ip("5.100.42.2"));
	assert_int_equal(k->version, 1);
	assert_string_equal(k->state, "MM_ACTIVE");
	assert_true(k->up);
	k = ike_at(d, 1);
	assert_int_equal(k->peer, ip("5.100.34.3"));
	assert_string_equal(k->state, "MM_WAIT_MSG2");
	assert_false(k->up); /* main mode still waiting for the responder */
	k = ike_at(d, 2);
	assert_int_equal(k->peer, ip("5.100.26.2"));
	assert_string_equal(k->state, "MM_ACTIVE");
	k = ike_at(d, 3);
	assert_int_equal(k->peer, ip("5.100.42.9"));
	assert_int_equal(k->local_addr, ip("5.100.14.1"));
	assert_int_equal(k->version, 2);
	assert_string_equal(k->state, "READY");
	assert_true(k->up);
	assert_int_equal(d->obs->nsas, 0); /* child SA selectors are ipsec sa's to show */
	assert_int_equal(d->obs->stats.unknown, 0);
	tc_model_free(m);
}

/* ---- sessions and vpn-sessiondb ------------------------------------------------------------- */

/* IOS show crypto session detail: each IPSEC FLOW an SA of the session's peer; Active SAs: 0
 * is a flow with none up; the detail counters are dec'ed (decaps) and enc'ed (encaps). The
 * IPv6 IKE SA's wrapped remote end is skipped with it. */
static void ios_session_detail_flows(void **unused)
{
	(void)unused;
	const char *text =
		"R2#show crypto session detail\n"
		"Crypto session current status\n"
		"\n"
		"Code: C - IKE Configuration mode, D - Dead Peer Detection\n"
		"K - Keepalives, N - NAT-traversal, T - cTCP encapsulation\n"
		"\n"
		"Interface: GigabitEthernet0/1\n"
		"Session status: UP-ACTIVE\n"
		"Peer: 198.51.100.1 port 500 fvrf: (none) ivrf: (none)\n"
		"      Phase1_id: 198.51.100.1\n"
		"  Session ID: 0\n"
		"  IKEv1 SA: local 5.100.42.2/500 remote 198.51.100.1/500 Active\n"
		"          Capabilities:D connid:1001 lifetime:23:10:01\n"
		"  IPSEC FLOW: permit ip 10.241.0.0/255.255.255.0 10.1.0.0/255.255.255.0\n"
		"        Active SAs: 2, origin: crypto map\n"
		"        Inbound:  #pkts dec'ed 812 drop 0 life (KB/Sec) 4607911/3012\n"
		"        Outbound: #pkts enc'ed 790 drop 1 life (KB/Sec) 4607920/3011\n"
		"  IPSEC FLOW: permit 47 host 5.100.42.2 host 198.51.100.1\n"
		"        Active SAs: 0, origin: crypto map\n"
		"        Inbound:  #pkts dec'ed 0 drop 0 life (KB/Sec) 0/0\n"
		"        Outbound: #pkts enc'ed 0 drop 0 life (KB/Sec) 0/0\n"
		"\n"
		"Interface: Tunnel6\n"
		"Session status: UP-ACTIVE\n"
		"Peer: 2001:DB8::6 port 500\n"
		"  IKEv2 SA: local 2001:DB8::2/500\n"
		"          remote 2001:DB8::6/500 Active\n"
		"  IPSEC FLOW: permit ipv6 ::/0 ::/0\n"
		"        Active SAs: 2, origin: crypto map\n";
	tc_model *m = tc_model_new();
	tc_device *d = state(m, text);
	assert_int_equal(d->obs->nsas, 2);
	const tc_obs_sa *sa = sa_at(d, 0);
	assert_string_equal(sa->iface, "GigabitEthernet0/1");
	assert_null(sa->cmap);
	assert_prefix(sa->local, "10.241.0.0/24");
	assert_prefix(sa->remote, "10.1.0.0/24");
	assert_int_equal(sa->peer, ip("198.51.100.1"));
	assert_int_equal(sa->local_addr, ip("5.100.42.2"));
	assert_true(sa->has_counters);
	assert_int_equal(sa->encaps, 790);
	assert_int_equal(sa->decaps, 812);
	assert_int_equal(sa->lifetime_s, 3011);
	assert_false(sa->no_sa);
	sa = sa_at(d, 1);
	assert_prefix(sa->local, "5.100.42.2/32");
	assert_prefix(sa->remote, "198.51.100.1/32");
	assert_int_equal(sa->proto, 47);
	assert_true(sa->no_sa);
	assert_int_equal(sa->lifetime_s, -1);
	assert_int_equal(d->obs->nikes, 1);
	const tc_obs_ike *k = ike_at(d, 0);
	assert_int_equal(k->peer, ip("198.51.100.1"));
	assert_int_equal(k->local_addr, ip("5.100.42.2"));
	assert_string_equal(k->state, "Active");
	assert_true(k->up);
	assert_int_equal(d->obs->stats.unknown, 0);
	tc_model_free(m);
}

/* ASA show vpn-sessiondb l2l detail: a session is one IKE SA of its IP Addr, down when it
 * counts no IKE session; each IPsec block an SA (Pkts Tx: encaps, Rx: decaps, Rekey
 * Left(T): seconds left). */
static void asa_l2l_detail_sessions(void **unused)
{
	(void)unused;
	const char *text = "fw/act# show vpn-sessiondb l2l detail\n"
			   "\n"
			   "Session Type: LAN-to-LAN Detailed\n"
			   "\n"
			   "Connection   : 5.100.42.2\n"
			   "Index        : 7                      IP Addr      : 5.100.42.2\n"
			   "Protocol     : IKEv2 IPsec\n"
			   "Bytes Tx     : 52000                  Bytes Rx     : 48000\n"
			   "\n"
			   "IKEv2 Tunnels: 1\n"
			   "IPsec Tunnels: 1\n"
			   "\n"
			   "IKEv2:\n"
			   "  Tunnel ID    : 7.1\n"
			   "  UDP Src Port : 500                    UDP Dst Port : 500\n"
			   "  Rekey Int (T): 86400 Seconds          Rekey Left(T): 80000 Seconds\n"
			   "\n"
			   "IPsec:\n"
			   "  Tunnel ID    : 7.2\n"
			   "  Local Addr   : 10.1.0.0/255.255.255.0/0/0\n"
			   "  Remote Addr  : 10.241.0.0/255.255.255.0/0/0\n"
			   "  Encapsulation: Tunnel                 PFS Group    : 14\n"
			   "  Rekey Int (T): 28800 Seconds          Rekey Left(T): 27000 Seconds\n"
			   "  Bytes Tx     : 52000                  Bytes Rx     : 48000\n"
			   "  Pkts Tx      : 520                    Pkts Rx      : 480\n"
			   "\n"
			   "Connection   : 5.100.34.3\n"
			   "Index        : 8                      IP Addr      : 5.100.34.3\n"
			   "Protocol     : IKEv1 IPsec\n"
			   "\n"
			   "IKE Sessions: 0 IPSec Sessions: 0\n";
	tc_model *m = tc_model_new();
	tc_device *d = state(m, text);
	assert_int_equal(d->obs->nsas, 1);
	const tc_obs_sa *sa = sa_at(d, 0);
	assert_null(sa->iface);
	assert_null(sa->cmap);
	assert_int_equal(sa->peer, ip("5.100.42.2"));
	assert_prefix(sa->local, "10.1.0.0/24");
	assert_prefix(sa->remote, "10.241.0.0/24");
	assert_int_equal(sa->encaps, 520);
	assert_int_equal(sa->decaps, 480);
	assert_int_equal(sa->lifetime_s, 27000);
	assert_int_equal(d->obs->nikes, 2);
	const tc_obs_ike *k = ike_at(d, 0);
	assert_int_equal(k->peer, ip("5.100.42.2"));
	assert_int_equal(k->version, 2);
	assert_null(k->state);
	assert_true(k->up);
	k = ike_at(d, 1);
	assert_int_equal(k->peer, ip("5.100.34.3"));
	assert_int_equal(k->version, 1);
	assert_false(k->up);
	assert_int_equal(d->obs->stats.unknown, 0);
	tc_model_free(m);
}

/* One capture holding ipsec sa and then session detail: each flow is an SA ipsec sa showed,
 * kept once with ipsec sa's counters; the session's IKE SA is the isakmp row's. */
static void commands_showing_the_same_sa_merge(void **unused)
{
	(void)unused;
	char text[8192];
	snprintf(text, sizeof text, "%s%s", ios_ipsec,
		 "R3#show crypto isakmp sa\n"
		 "dst             src             state          conn-id status\n"
		 "5.100.42.4      5.100.34.3      QM_IDLE           1001 ACTIVE\n"
		 "R3#show crypto session detail\n"
		 "Interface: GigabitEthernet0/1\n"
		 "Session status: UP-ACTIVE\n"
		 "Peer: 5.100.42.4 port 500\n"
		 "  IKEv1 SA: local 5.100.34.3/500 remote 5.100.42.4/500 Active\n"
		 "  IPSEC FLOW: permit ip 10.241.0.0/255.255.255.0 10.1.0.0/255.255.255.0\n"
		 "        Active SAs: 2, origin: crypto map\n"
		 "        Inbound:  #pkts dec'ed 9 drop 0 life (KB/Sec) 4607999/3400\n"
		 "        Outbound: #pkts enc'ed 400 drop 0 life (KB/Sec) 4607900/3400\n");
	tc_model *m = tc_model_new();
	tc_device *d = state(m, text);
	assert_int_equal(d->obs->nsas, 2);
	const tc_obs_sa *sa = sa_at(d, 0);
	assert_string_equal(sa->cmap, "VPN");
	assert_int_equal(sa->encaps, 310); /* the first command's, not filled over */
	assert_int_equal(sa->decaps, 0);
	assert_int_equal(sa->lifetime_s, 3499);
	assert_int_equal(d->obs->nikes, 1);
	const tc_obs_ike *k = ike_at(d, 0);
	assert_string_equal(k->state, "QM_IDLE");
	assert_int_equal(k->peer, ip("5.100.42.4"));
	tc_model_free(m);
}

/* ---- command lines, unknown lines, secrets ----------------------------------------------- */

/* Prompts with or without a blank before the command, abbreviations, no command line at all,
 * a bare prompt; another command's output is one warning and its lines count as unknown. */
static void command_lines_and_other_commands(void **unused)
{
	(void)unused;
	const char *text = "dst             src             state          conn-id status\n"
			   "5.100.42.4      5.100.34.3      QM_IDLE           1001 ACTIVE\n"
			   "R3# sh cry ipsec sa\n"
			   "No SAs found\n"
			   "R3#show version\n"
			   "Cisco IOS Software, C2900 Software, Version 15.7(3)M\n"
			   "uptime is 3 weeks\n"
			   "R3>sh crypto map\n"
			   "Crypto Map IPv4 \"VPN\" 10 ipsec-isakmp\n"
			   "\tPeer = 5.100.42.4\n"
			   "\tExtended IP access list 101\n"
			   "\tCurrent peer: 5.100.42.4\n"
			   "\tTransform sets={ \n"
			   "\t\tAES:  { esp-256-aes esp-sha-hmac  } , \n"
			   "\t}\n"
			   "\tInterfaces using crypto map VPN:\n"
			   "\t\tGigabitEthernet0/1\n"
			   "R3#\n";
	tc_model *m = tc_model_new();
	tc_device *d = state(m, text);
	assert_int_equal(d->obs->nikes, 1);
	assert_int_equal(d->obs->nsas, 0); /* show crypto map is configuration */
	assert_int_equal(count_code(m, "unknown-state-command"), 1);
	assert_int_equal(find_code(m, "unknown-state-command")->line, 5);
	assert_int_equal(d->obs->stats.lines, 18);
	assert_int_equal(d->obs->stats.unknown, 2); /* show version's two lines */
	assert_int_equal(d->obs->stats.modelled, 1);
	assert_int_equal(m->unknown_lines, 2);
	assert_int_equal(count_code(m, "unknown-state-line"), 0);
	tc_model_free(m);
}

/* A line no command prints is an unknown-state-line warning at its line, counted unknown and
 * never understood; its text is masked like every quoted line (a key never shows). */
static void unknown_lines_reported_and_masked(void **unused)
{
	(void)unused;
	const char *text = "interface: outside\n"
			   "    Crypto map tag: M, seq num: 1, local addr: 198.51.100.1\n"
			   "crypto isakmp key S3cretK3y address 5.100.42.4\n"
			   "      #pkts encaps: lots\n";
	tc_model *m = tc_model_new();
	tc_device *d = state(m, text);
	assert_int_equal(count_code(m, "unknown-state-line"), 2);
	const tc_diag *g = find_code(m, "unknown-state-line");
	assert_int_equal(g->line, 3);
	assert_string_equal(g->file, "s.txt");
	assert_null(strstr(g->text, "S3cretK3y"));
	assert_non_null(strstr(g->text, "<removed>"));
	for (const tc_diag *x = m->diags; x; x = x->next)
		assert_true(!x->text || !strstr(x->text, "S3cretK3y"));
	assert_int_equal(d->obs->stats.unknown, 2);
	assert_int_equal(d->obs->stats.modelled + d->obs->stats.skipped, 2);
	assert_int_equal(m->unknown_lines, 2);
	tc_model_free(m);
}

/* ---- the snapshot loader ------------------------------------------------------------------ */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* state/<hostname>.txt, else state/<config stem>.txt, read into each device; a file naming
 * no device gets a note; a directory in a capture's place is reported and not read. */
static void snapshot_reads_state_by_hostname_or_stem(void **unused)
{
	(void)unused;
	char dir[] = "/tmp/tc-test-state-XXXXXX", path[512];
	assert_non_null(mkdtemp(dir));
	static const char *const sub[] = {"configs", "state"};
	for (size_t k = 0; k < 2; k++) {
		snprintf(path, sizeof path, "%s/%s", dir, sub[k]);
		assert_int_equal(mkdir(path, 0700), 0);
	}
	static const char *const files[][2] = {
		{"configs/r1.cfg", "hostname R1\n"},
		{"configs/edge.cfg", "hostname R2\n"},
		{"configs/r3.cfg", "hostname R3\n"},
		{"state/R1.txt", "dst             src             state          conn-id status\n"
				 "5.100.42.4      5.100.34.3      QM_IDLE           1001 ACTIVE\n"},
		{"state/edge.txt", "No SAs found\n"},
		{"state/R9.txt", "No SAs found\n"},
	};
	for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[k][0]);
		write_file(path, files[k][1]);
	}
	snprintf(path, sizeof path, "%s/state/R3.txt", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	tc_model *m = tc_model_new();
	char err[256] = {0};
	assert_int_equal(tc_snapshot_load(m, dir, NULL, err, sizeof err), 0);
	const tc_device *r1 = NULL, *r2 = NULL, *r3 = NULL;
	for (const tc_device *d = m->devices; d; d = d->next)
		*(strcmp(d->hostname, "R1") == 0   ? &r1
		  : strcmp(d->hostname, "R2") == 0 ? &r2
						   : &r3) = d;
	assert_non_null(r3);
	assert_null(r3->obs);
	const tc_diag *g = find_code(m, "not-a-file");
	assert_non_null(g);
	assert_non_null(strstr(g->file, "state/R3.txt"));
	assert_string_equal(g->msg, "the state capture is not a regular file; capture skipped");
	assert_non_null(r1);
	assert_non_null(r2);
	assert_non_null(r1->obs);
	assert_int_equal(r1->obs->nikes, 1);
	assert_non_null(strstr(r1->obs->file, "state/R1.txt"));
	assert_non_null(r2->obs);
	assert_non_null(strstr(r2->obs->file, "state/edge.txt"));
	assert_int_equal(r2->obs->nsas, 0);
	assert_int_equal(count_code(m, "unmatched-capture"), 1);
	assert_non_null(strstr(find_code(m, "unmatched-capture")->file, "state/R9.txt"));
	tc_model_free(m);
	for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[k][0]);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/state/R3.txt", dir);
	rmdir(path);
	for (size_t k = 0; k < 2; k++) {
		snprintf(path, sizeof path, "%s/%s", dir, sub[k]);
		rmdir(path);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ios_ipsec_sa_blocks),
		cmocka_unit_test(asa_ipsec_sa_seq_ports_and_names),
		cmocka_unit_test(ios_isakmp_rows_find_the_local_end),
		cmocka_unit_test(ios_isakmp_detail_and_ikev2),
		cmocka_unit_test(asa_ikev1_and_ikev2),
		cmocka_unit_test(ios_session_detail_flows),
		cmocka_unit_test(asa_l2l_detail_sessions),
		cmocka_unit_test(commands_showing_the_same_sa_merge),
		cmocka_unit_test(command_lines_and_other_commands),
		cmocka_unit_test(unknown_lines_reported_and_masked),
		cmocka_unit_test(snapshot_reads_state_by_hostname_or_stem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
