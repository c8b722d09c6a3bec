/* lint.c: the lint rule catalogue and the checks that produce findings.
 *
 * Design overview
 * ---------------
 * The catalogue (rules[] below) is the single source of a rule's id, name,
 * severity, title and help; ids are stable and never reused. TC1xx rules
 * read the configs alone (one device, or the two ends of a peering); TC2xx
 * rules read the prediction. tc_lint() walks the finalized model in its own
 * order (devices by hostname, entries by map and sequence, ACL lines in
 * order), so findings come out deterministic before the final sort.
 *
 * Checks between two devices (pre-shared keys, IKE policies, transform sets,
 * PFS, connection types, ACL mirroring) run from every entry toward every
 * listed peer that is in the snapshot; a pair already reported is not
 * reported again from the other end. Where no static entry of the peer
 * lists us and its dynamic entries answer, the dynamic map entry the
 * predictor would pick (sim_dyn_nearest) is the responder checked. The static pass also records, per
 * entry, which of its peers could come up at all ("usable"), so that the
 * ownership rule (TC201) blames routing only when the owner is not the first
 * usable peer.
 *
 * Locations are the model's file/line records; a token (an address, a map or
 * ACL name) lets a caller that reads the file place the column. Messages
 * never carry a key: the model holds none.
 */
#include "predict_int.h"
#include "../routing/routing_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_RELATED 8

/* ---- catalogue ------------------------------------------------------------ */

static const tc_lint_rule rules[] = {
	{"TC101", "crypto-map-not-applied", TC_SEV_ERROR, "L1", "R1.4",
	 "Crypto map set is not applied to any interface",
	 "A crypto map only sees traffic leaving the interface it is bound to. A set whose entries "
	 "are defined but that no interface carries never encrypts anything and never answers an "
	 "IKE negotiation: its peers see the tunnel as down.\n\n"
	 "Fix: apply the set to the interface that faces the peers (IOS: `crypto map NAME` under the "
	 "interface; ASA: `crypto map NAME interface IFNAME`), or remove the unused entries."},
	{"TC102", "ike-not-enabled", TC_SEV_ERROR, "L3", "S8",
	 "IKE is not enabled on the interface that carries the crypto map",
	 "The ASA negotiates IKE only on interfaces where it is enabled. With the crypto map "
	 "applied but IKE off, no peer can bring up a tunnel there and the ASA cannot initiate "
	 "either.\n\n"
	 "Fix: `crypto ikev1 enable IFNAME` (and/or `crypto ikev2 enable IFNAME` for IKEv2 entries; "
	 "`crypto isakmp enable IFNAME` before 8.4)."},
	{"TC103", "entry-without-acl", TC_SEV_ERROR, "L5", "S8, R2.1",
	 "Crypto map entry has no usable crypto ACL",
	 "A static crypto map entry protects what its `match address` ACL permits. Without the "
	 "line, with an ACL name that is not defined, or with an ACL that has no permit line, the "
	 "entry protects nothing: its traffic goes in clear or falls through to a later entry.\n\n"
	 "Fix: add `match address ACL` (ASA: `crypto map NAME SEQ match address ACL`), define the ACL, "
	 "and give it one permit line per encryption domain."},
	{"TC104", "entry-without-peer", TC_SEV_ERROR, "L5", "S8, R3.1",
	 "Static crypto map entry has no peer",
	 "A static entry initiates to the peers it lists and accepts only them. With no `set peer` "
	 "the entry can neither initiate nor answer, and every packet it matches is dropped.\n\n"
	 "Fix: `set peer ADDRESS` (IOS, one line per peer in order of preference) or `crypto map "
	 "NAME SEQ set peer A [B ...]` (ASA); use a dynamic map for peers with unknown addresses."},
	{"TC105", "entry-without-transform-set", TC_SEV_ERROR, "L5", "S8",
	 "Crypto map entry has no transform set, or names one that is not defined",
	 "Phase 2 needs at least one transform set (IKEv2: IPsec proposal) on each side. An entry "
	 "without one, or naming one that is not defined, fails every phase-2 negotiation.\n\n"
	 "Fix: define the transform set (`crypto ipsec transform-set NAME ...`, ASA `crypto ipsec "
	 "ikev1 transform-set NAME ...`) and reference it from the entry with `set transform-set` "
	 "(ASA `set ikev1 transform-set`)."},
	{"TC106", "crypto-map-undefined", TC_SEV_WARNING, "L1, L5", "R1.4",
	 "Interface applies a crypto map that has no entries",
	 "The interface is bound to a crypto map name that no entry defines, usually a typo or a "
	 "leftover from a rename. Nothing leaving the interface is encrypted.\n\n"
	 "Fix: apply the crypto map set that holds the entries, or remove the binding."},
	{"TC107", "domain-routed-around-crypto-map", TC_SEV_ERROR, "L2", "R1.1",
	 "Routing sends a domain's traffic out an interface without its crypto map",
	 "Routing picks the egress interface before any crypto map is consulted. When the route "
	 "toward a domain's remote proxy network leaves through an interface that does not carry "
	 "the entry's crypto map (or there is no route at all), the domain's traffic is never "
	 "encrypted: it leaves in clear or dies.\n\n"
	 "Fix: route the remote proxy networks out the interface that carries the crypto map (a "
	 "static route toward the Internet next hop), or apply the crypto map to the interface "
	 "routing uses."},
	{"TC108", "peer-unreachable", TC_SEV_ERROR, "L19", "R1.5",
	 "Listed peer is unreachable from the crypto map interface",
	 "A peer is usable only if a route to it exists and leaves through the interface that "
	 "carries the crypto map, and the IKE packets get through both ways. Otherwise every "
	 "negotiation with it fails; the device falls through to the next peer after the "
	 "retransmissions time out (tens of seconds, about two minutes on ASA IKEv2).\n\n"
	 "Fix: add a route to the peer address out the crypto map interface, fix the path in "
	 "between, or remove the peer from the list."},
	{"TC109", "peer-without-psk", TC_SEV_ERROR, "L6, L7", "R4.1",
	 "No pre-shared key covers a listed peer",
	 "With pre-shared-key authentication each peer needs a key: on the ASA a `tunnel-group "
	 "ADDRESS type ipsec-l2l` with `ikev1 pre-shared-key` under its ipsec-attributes; on IOS a "
	 "`crypto isakmp key ... address ADDRESS` or a keyring `pre-shared-key address`. Without "
	 "one, phase 1 with that peer fails in both directions. With certificates no key is needed, "
	 "but each end needs a trustpoint; in IKEv2 each end presents its `authentication local` "
	 "method (ASA `ikev2 local-authentication`), which must be one the other accepts: a key "
	 "against a certificate fails here too.\n\n"
	 "Fix: add the key for the peer address (the same key as on the peer), or use the same "
	 "method on both ends."},
	{"TC110", "wildcard-psk", TC_SEV_WARNING, "L7", "R4.1",
	 "Wildcard pre-shared key accepts any peer",
	 "A key for 0.0.0.0/0 authenticates every peer that has no more specific key, including "
	 "peers nobody meant to allow, and it hides a missing per-peer key: a backup peer then "
	 "seems configured while it uses the wrong key.\n\n"
	 "Fix: replace the wildcard with one key per peer address."},
	{"TC111", "psk-mismatch", TC_SEV_ERROR, "L8", "R4.1",
	 "Pre-shared keys of the two peers differ",
	 "Both configs are in the snapshot and the keys they hold for each other differ (compared "
	 "by digest; the keys never appear in any output). Phase 1 fails in both directions and "
	 "the entry falls through to its next peer.\n\n"
	 "Fix: set the same key on both ends."},
	{"TC112", "no-common-ike-policy", TC_SEV_ERROR, "L9", "R4.8",
	 "The two peers have no common IKE policy",
	 "The responder accepts the first of its IKE policies whose encryption, hash, DH group and "
	 "authentication method equal one the initiator offers. When no policy of one side that "
	 "it can use (pre-share with a key for the peer, rsa-sig with a trustpoint) matches one "
	 "of the other's, phase 1 fails in both directions; an IKEv1 `rsa-sig` end and a "
	 "`pre-share` end never match.\n\n"
	 "Fix: add a policy with the same encryption, hash/integrity, DH group and "
	 "authentication method on both ends."},
	{"TC113", "ike-lifetime-mismatch", TC_SEV_NOTE, "L12", "R4.8",
	 "Matching IKE policies have different lifetimes",
	 "The lower lifetime is used. IOS may refuse an initiator whose lifetime is longer than its "
	 "own policy's, so the mismatch can decide which side is able to initiate.\n\n"
	 "Fix: use the same phase-1 lifetime on both ends."},
	{"TC114", "no-common-transform-set", TC_SEV_ERROR, "L10", "S8",
	 "The two entries share no transform set",
	 "Phase 2 needs one transform set (cipher, integrity and mode) common to the initiator's "
	 "entry and the responder's. Without one, phase 2 fails in both directions.\n\n"
	 "Fix: give both entries a transform set with the same ESP cipher, integrity and mode."},
	{"TC115", "pfs-mismatch", TC_SEV_WARNING, "L11", "R4.7",
	 "PFS is set on one side only, or the DH groups differ",
	 "An entry with `set pfs` refuses a phase 2 without PFS in that group; an entry without it "
	 "accepts a PFS offer. So only one side can initiate successfully, and that decides who "
	 "can own the SA: traffic that reaches the other side first is dropped.\n\n"
	 "Fix: set the same `set pfs GROUP` on both entries, or on neither."},
	{"TC116", "acl-not-mirrored", TC_SEV_WARNING, "L13", "R2.3",
	 "Crypto ACL lines of the two peers are not mirror images",
	 "An IKEv1 responder accepts the initiator's proxies only if one of its own permit lines "
	 "contains them (no narrowing). When one side's line is wider than the mirror of the "
	 "other's, negotiation works only from the narrower side (warning); when the lines "
	 "overlap without containment, or the peer has no line for the domain, it never works "
	 "(error).\n\n"
	 "Fix: make each permit line the exact mirror of the peer's line (source and destination "
	 "swapped)."},
	{"TC117", "overlapping-entries", TC_SEV_WARNING, "L14", "R2.1, R2.8",
	 "A permit line overlaps one of an earlier entry of the same crypto map",
	 "Entries are evaluated by ascending sequence number and the first permit wins, so traffic "
	 "in the overlap is carried by the earlier entry and its peers, not by this one. With "
	 "different peer lists this is a classic wrong-peer tunnel.\n\n"
	 "Fix: make the ACLs of the entries disjoint, or deny the overlap in the earlier entry's "
	 "ACL on purpose."},
	{"TC118", "any-in-crypto-acl", TC_SEV_WARNING, "L15", "R2.5",
	 "Crypto ACL permit line uses any",
	 "`any` in a crypto ACL encrypts (and requires encryption of) far more than the tunnel's "
	 "networks: routing protocols, management traffic, traffic to other peers. Inbound clear "
	 "text that matches is dropped.\n\n"
	 "Fix: write the real local and remote networks on the line."},
	{"TC119", "dynamic-entry-before-static", TC_SEV_WARNING, "L16", "R2.7",
	 "Dynamic crypto map entry has a lower sequence number than a static entry",
	 "Dynamic entries only respond, and one with a lower sequence number can capture peers and "
	 "traffic meant for a later static entry. Cisco recommends the highest sequence number "
	 "(e.g. 65535) for the dynamic entry.\n\n"
	 "Fix: renumber the dynamic entry above every static entry of the set."},
	{"TC120", "peer-not-configured-back", TC_SEV_ERROR, "L22", "R3.3, R4.1",
	 "Listed peer is not configured back toward this device",
	 "The peer's config is in the snapshot but it cannot answer this device: it has no crypto "
	 "map on the interface holding the peer address, no entry that lists this device's address "
	 "(and no dynamic entry), or no pre-shared key for this device. Typical for a backup peer "
	 "configured on one side only: everything works until the failover, which then fails.\n\n"
	 "Fix: on the peer, add a crypto map entry listing this device with the mirrored ACL, a "
	 "transform set and the pre-shared key."},
	{"TC121", "connection-type-mismatch", TC_SEV_ERROR, "L23", "R3.10, S9",
	 "ASA connection-type combination that cannot work",
	 "`set connection-type originate-only` and `answer-only` are the ASA Backup LAN-to-LAN "
	 "feature. Two originate-only ends never answer each other and two answer-only ends never "
	 "start (error). The feature works between Cisco ASA/PIX/VPN 3000 devices only; toward an "
	 "IOS router it behaves inconsistently (warning).\n\n"
	 "Fix: pair originate-only with answer-only, or use bidirectional (the default) on both "
	 "ends."},
	{"TC122", "ikev2-multiple-peers", TC_SEV_WARNING, "L24", "R4.2, S2",
	 "IKEv2 ASA entry lists several peers",
	 "An IKEv2 crypto map with backup peers needs ASA 9.14(1) or later. The responder accepts "
	 "only the entry's current active peer: a backup peer's initiation is refused, so return "
	 "traffic routed through a backup is black-holed until the ASA itself fails over (about "
	 "two minutes of retransmissions).\n\n"
	 "Fix: make sure return traffic follows the active peer (RRI or routing on the far side), "
	 "or use route-based VPN (VTI) with routing-based failover."},
	{"TC123", "peer-list", TC_SEV_WARNING, "L25", "R3.1, R3.2", "Questionable peer list",
	 "The ASA accepts at most 10 peers per entry. On IOS, `set peer ADDRESS default` must be on "
	 "the first peer, or the peer list does not reset to it.\n\n"
	 "Fix: keep at most 10 peers; put the default peer first."},
	/* TC124-TC131: routing configurations of two devices that cannot work together. No §7
	   check covers them ("—"); the basis is the protocol's RFC. */
	{"TC124", "ospf-area-mismatch", TC_SEV_ERROR, "—", "RFC 2328 8.2",
	 "OSPF interfaces on a shared subnet are in different areas",
	 "Two routers become OSPF neighbours only when the area ID in a received Hello equals the "
	 "area of the receiving interface (RFC 2328 section 8.2). The two devices run OSPF on the "
	 "same subnet in different areas, so they never form an adjacency there and the routes "
	 "that should cross the link are missing.\n\n"
	 "Fix: put both interfaces in the same area (`network ... area X` or `ip ospf PID area X` "
	 "on each side)."},
	{"TC125", "ospf-network-type-mismatch", TC_SEV_WARNING, "—", "RFC 2328 9.5, 16.1",
	 "OSPF network types of the two ends of a link differ",
	 "A point-to-point end and a broadcast end send Hellos at the same default interval and "
	 "reach FULL, but the broadcast end describes the link as a transit network with a "
	 "designated router while the other describes a point-to-point link: the SPF finds no "
	 "link back and the routes across it are not installed (warning). NBMA and "
	 "point-to-multipoint ends send Hellos every 30 s instead of 10 s, so paired with a "
	 "point-to-point or broadcast end they never become neighbours (error). The network type "
	 "is `ip ospf network` when given, else the interface type's default (Ethernet and ASA "
	 "interfaces broadcast; serial, tunnel and dialer interfaces point-to-point); hello "
	 "intervals are assumed to be the defaults.\n\n"
	 "Fix: set the same `ip ospf network` type on both interfaces."},
	{"TC126", "ospf-stub-mismatch", TC_SEV_ERROR, "—", "RFC 2328 10.5, RFC 3101",
	 "An OSPF area is stub or NSSA on one end of a link and not on the other",
	 "Every router of an area must agree on whether the area is normal, stub or NSSA: the "
	 "Hello carries the E and N option bits, and a router drops Hellos whose bits differ from "
	 "its own area's setting (RFC 2328 section 10.5, RFC 3101). The two devices never become "
	 "neighbours on the link.\n\n"
	 "Fix: configure `area X stub` (or `area X nssa`) on every router of the area, or on "
	 "none."},
	{"TC127", "duplicate-router-id", TC_SEV_ERROR, "—", "RFC 2328 1.2, RFC 4271 6.2, RFC 6286",
	 "Two devices use the same OSPF or BGP router id",
	 "OSPF names routers by their router id: two routers of one OSPF domain with the same id "
	 "overwrite each other's router LSAs, which keep flapping and break the SPF, and two "
	 "neighbours with the same id never form an adjacency (error). In BGP the identifier must "
	 "be unique inside an AS: a speaker refuses an OPEN carrying its own identifier, and route "
	 "reflection and best-path ties depend on it (error); between different ASes RFC 6286 "
	 "allows it, but software that predates it refuses the session (warning). The router id "
	 "is the process's `router-id` when given, else the highest loopback address, else the "
	 "highest interface address, as IOS chooses.\n\n"
	 "Fix: give every router a unique `router-id` (usually its loopback address)."},
	{"TC128", "bgp-neighbor-not-configured-back", TC_SEV_ERROR, "—", "RFC 4271 8",
	 "BGP neighbour in the snapshot has no neighbor statement for this device",
	 "A BGP session comes up only when each speaker names the other: a speaker refuses a "
	 "connection from an address it has no `neighbor` statement for. The device at the "
	 "neighbour address is in the snapshot and runs BGP, but none of its `neighbor` lines "
	 "names an address of this device, so the session stays down and no route is exchanged "
	 "over it. This compares the two configs' neighbour statements; whether a configured "
	 "session comes up (reachability, update-source) is the routing pass's business.\n\n"
	 "Fix: on the neighbour, add `neighbor ADDRESS remote-as AS` for the address this device "
	 "speaks from (the interface toward it, or its `update-source`)."},
	{"TC129", "bgp-remote-as-mismatch", TC_SEV_ERROR, "—", "RFC 4271 6.2",
	 "BGP neighbor statement names the wrong remote AS",
	 "A speaker checks that the AS in the neighbour's OPEN message equals the `remote-as` it "
	 "has configured for it; otherwise it answers with a NOTIFICATION (Bad Peer AS) and the "
	 "session never establishes (RFC 4271 section 6.2). The device at the neighbour address "
	 "runs BGP in another AS than this line says. Where either side uses `neighbor ... local-as` "
	 "or confederations the AS it presents is not modelled, and the rule stays silent.\n\n"
	 "Fix: set `neighbor ADDRESS remote-as` to the AS of the neighbour's `router bgp`."},
	{"TC130", "eigrp-as-mismatch", TC_SEV_WARNING, "—", "RFC 7868",
	 "EIGRP interfaces on a shared subnet are in different autonomous systems",
	 "EIGRP routers become neighbours only when their Hellos carry the same autonomous system "
	 "number. The two devices run EIGRP on the same subnet in different AS numbers, so they "
	 "ignore each other there and exchange no routes over the link; two EIGRP domains meeting "
	 "on a segment on purpose look the same, hence a warning.\n\n"
	 "Fix: use the same AS (`router eigrp AS`, named mode `address-family ipv4 "
	 "autonomous-system AS`) on both ends, or keep the domains apart on purpose and "
	 "redistribute where they meet."},
	{"TC131", "passive-on-transit", TC_SEV_WARNING, "—", "RFC 2328 9.5, RFC 7868",
	 "Routing protocol is passive on one end of a link and active on the other",
	 "A passive interface sends no Hellos and forms no adjacency, though its subnet is still "
	 "advertised. The device at the other end runs the same protocol (OSPF, or EIGRP in the "
	 "same AS) on the subnet without passive: the link looks meant for an adjacency, yet none "
	 "forms, and the routes that should cross it are missing. Other mismatches on the link "
	 "are reported once both ends are active.\n\n"
	 "Fix: remove the `passive-interface` line (or add `no passive-interface IF` under "
	 "`passive-interface default`) where the adjacency is wanted, or make the other end "
	 "passive too."},
	{"TC201", "ownership-moved", TC_SEV_WARNING, "L20", "R4.1, R4.3",
	 "Asymmetric return routing moves the domain's SA away from the preferred peer",
	 "The prediction shows the domain owned by a peer other than the first one that could come "
	 "up, or owned by several peers along the way: the far side returns the traffic through "
	 "another listed peer, which initiates (IKEv1 accepts any listed peer) and takes the SA "
	 "over (latest-wins replacement per proxy pair). Failover and failback then depend on the "
	 "far side's routing, not on the peer order.\n\n"
	 "Fix: make the far side route each domain back through the peer this side prefers (or "
	 "inject routes with RRI on the peers), or list the peers in the order the return routing "
	 "uses."},
	{"TC202", "domain-oscillating", TC_SEV_ERROR, "L21", "R4.3, S24",
	 "Predicted: ownership of the domain keeps moving between peers",
	 "Two listed peers both receive the domain's traffic (split or ECMP routing on the far "
	 "side) and each re-initiates, replacing the other's SA: the tunnel flaps and traffic is "
	 "lost at every change. Reported once per SA pair, on the gateway whose entry lists the "
	 "most peers: the far ends' ACL lines and every route that splits the return traffic are "
	 "its related lines.\n\n"
	 "Fix: route the whole proxy pair through one peer on the far side, or split the ACL line "
	 "so each peer owns a separate proxy pair."},
	{"TC203", "domain-one-way", TC_SEV_ERROR, "L20, L22", "R1.7, R4.2",
	 "Predicted: an SA is up but one direction of the domain's traffic is lost",
	 "The SA comes up, but traffic in one direction dies: usually the far side returns it "
	 "through a peer that cannot negotiate (missing or wrong config on the backup, PFS or "
	 "IKEv2 active-peer refusal), or it arrives in clear where encryption is required.\n\n"
	 "Fix: follow the trace (`tunnelcast predict`) to the failing negotiation and fix that "
	 "peer's config or the far side's return route."},
	{"TC204", "domain-down", TC_SEV_ERROR, "L5-L11, L19, L22", "R3.3",
	 "Predicted: no SA comes up for the domain",
	 "No listed peer accepts a negotiation for the domain from either side, so its traffic is "
	 "dropped or crosses in clear.\n\n"
	 "Fix: see the other findings on the same devices; `tunnelcast predict` shows each "
	 "failing negotiation and its reason."},
	/* TC3xx: about lint's own input, not the network. */
	{"TC301", "unused-suppression", TC_SEV_NOTE, "—", "—",
	 "Suppression that suppresses nothing",
	 "An inline `tunnelcast: disable=` comment, or a line of the ignore file, matched no "
	 "finding of a rule that ran: the problem it was written for is gone, or it names the "
	 "wrong rule, device or block. Left in place it would hide the next, unrelated finding "
	 "of that rule there; ruff reports an unused `noqa` comment (RUF100) for the same "
	 "reason.\n\n"
	 "Fix: delete the comment or the ignore-file line, or correct its rule, device or "
	 "position (an inline one covers the command that follows it, with its sub-mode lines)."},
};

#define NRULES (sizeof rules / sizeof rules[0])

const tc_lint_rule *tc_lint_rules(size_t *n)
{
	*n = NRULES;
	return rules;
}

const tc_lint_rule *tc_lint_rule_find(const char *id_or_name)
{
	if (!id_or_name)
		return NULL;
	for (size_t i = 0; i < NRULES; i++)
		if (strcasecmp(rules[i].id, id_or_name) == 0 ||
		    strcasecmp(rules[i].name, id_or_name) == 0)
			return &rules[i];
	return NULL;
}

/* ---- findings under construction ------------------------------------------ */

typedef struct pair_seen {
	const void *a, *b;	/* a < b */
	unsigned rule;		/* rule index + 1 */
	struct pair_seen *next; /* in ctx.pairs' chain */
} pair_seen;

/* The key of a pair seen: a and b (a < b) under one rule. */
typedef struct pair_key {
	const void *a, *b;
	unsigned rule;
} pair_key;

static inline uint64_t pair_key_hash(pair_key k)
{
	return tc_hash_u64(tc_hash_u64((uint64_t)(uintptr_t)k.a ^ k.rule) ^
			   (uint64_t)(uintptr_t)k.b);
}

#define PAIR_KEY(n) ((pair_key){(n)->a, (n)->b, (n)->rule})
#define PAIR_NEXT(n) ((n)->next)
#define PAIR_EQ(x, y) ((x).a == (y).a && (x).b == (y).b && (x).rule == (y).rule)
#define PAIR_FN(k) pair_key_hash(k)
TC_HASH_DEFINE(pair_tab, pair_seen, pair_key, PAIR)

typedef struct usable_rec {
	const tc_entry *entry;
	unsigned mask; /* bit k: peer k could come up as far as the configs tell */
} usable_rec;

typedef struct set_lines set_lines;
typedef struct peer_index peer_index;

typedef struct ctx {
	const tc_model *m;
	tc_arena *a;
	bool on[NRULES];
	int sev[NRULES]; /* a tc_severity overriding the rule's (--severity), or -1 */
	tc_finding *v;
	size_t n, cap;
	pair_tab pairs; /* reported pairs (first_pair), in the arena a */
	usable_rec *usable;
	size_t nusable, capusable;
	set_lines *lines;  /* per device (index), built on first use (lines_of) */
	peer_index *peers; /* per device (index), built on first use (peers_of) */
	sim sim;	   /* the predictor's answers: reach, origins, answering entries */
	size_t *hub;	   /* per domain: 1 + the index of its TC202 hub (reported_at), or 0 */
	size_t *first_end,
		*next_end; /* per domain: 1 + the first / next far end of its hub, or 0 */
} ctx;

static unsigned rule_index(const char *id)
{
	for (unsigned i = 0; i < NRULES; i++)
		if (strcmp(rules[i].id, id) == 0)
			return i;
	abort(); /* a rule id missing from the catalogue is our bug */
}

static tc_finding *add(ctx *c, const char *id, const tc_device *d, const char *file, unsigned line,
		       const char *token, const char *subject, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

static tc_finding *add(ctx *c, const char *id, const tc_device *d, const char *file, unsigned line,
		       const char *token, const char *subject, const char *fmt, ...)
{
	unsigned r = rule_index(id);
	if (!c->on[r])
		return NULL;
	TC_GROW(c->v, c->n + 1, c->cap);
	tc_finding *f = &c->v[c->n++];
	memset(f, 0, sizeof *f);
	f->rule = &rules[r];
	f->sev = rules[r].sev;
	f->device = d;
	f->loc.device = d;
	f->loc.file = file ? file : d ? d->file : NULL;
	f->loc.line = file ? line : 0;
	f->loc.token = token ? tc_arena_strdup(c->a, token) : NULL;
	f->subject = tc_arena_strdup(c->a, subject);
	va_list ap;
	va_start(ap, fmt);
	f->msg = tc_arena_vprintf(c->a, fmt, ap);
	va_end(ap);
	f->related = tc_arena_alloc(c->a, MAX_RELATED * sizeof *f->related);
	return f;
}

static void rel(ctx *c, tc_finding *f, const tc_device *d, const char *file, unsigned line,
		const char *token, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void rel(ctx *c, tc_finding *f, const tc_device *d, const char *file, unsigned line,
		const char *token, const char *fmt, ...)
{
	if (!f || !file || f->nrelated == MAX_RELATED)
		return;
	for (size_t i = 0; i < f->nrelated; i++)
		if (f->related[i].line == line && strcmp(f->related[i].file, file) == 0)
			return;
	tc_lint_loc *l = &f->related[f->nrelated++];
	l->device = d;
	l->file = file;
	l->line = line;
	l->token = token ? tc_arena_strdup(c->a, token) : NULL;
	va_list ap;
	va_start(ap, fmt);
	l->label = tc_arena_vprintf(c->a, fmt, ap);
	va_end(ap);
}

/* True the first time (a, b) is seen for rule id, in either order. A check
 * runs per entry and peer, so the pairs seen are a hash set, not a list. */
static bool first_pair(ctx *c, const char *id, const void *a, const void *b)
{
	pair_key k = {a, b, rule_index(id) + 1};
	if ((uintptr_t)a > (uintptr_t)b) {
		k.a = b;
		k.b = a;
	}
	if (pair_tab_find(&c->pairs, k))
		return false;
	pair_seen *n = tc_arena_alloc(c->a, sizeof *n);
	*n = (pair_seen){k.a, k.b, k.rule, NULL};
	pair_tab_insert(&c->pairs, n);
	return true;
}

static const char *ip_s(ctx *c, uint32_t ip)
{
	return tc_arena_ip(c->a, ip);
}

static const char *pfx_s(ctx *c, tc_prefix p)
{
	return tc_arena_prefix(c->a, p);
}

/* "10.26.241.0/24 -> 195.160.0.0/26" */
static const char *pair_s(ctx *c, tc_prefix l, tc_prefix r)
{
	return tc_arena_printf(c->a, "%s -> %s", pfx_s(c, l), pfx_s(c, r));
}

/* "5.100.34.3 (R3)" for an address of a device in the snapshot. */
static const char *peer_s(ctx *c, uint32_t ip)
{
	const tc_device *d = tc_device_by_addr(c->m, ip, NULL);
	return d ? tc_arena_printf(c->a, "%s (%s)", ip_s(c, ip), d->hostname) : ip_s(c, ip);
}

/* ---- model helpers ---------------------------------------------------------- */

static int cmp_str_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a == NULL) - (b == NULL); /* NULL last */
	return strcmp(a, b);
}

static bool map_applied(const tc_device *d, const char *map)
{
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		if (i->cmap && strcmp(i->cmap, map) == 0)
			return true;
	return false;
}

static const tc_ikepol *first_policy(const tc_device *d, unsigned ver)
{
	for (const tc_ikepol *x = d->ikepols; x; x = x->next)
		if (x->version == ver)
			return x;
	return NULL;
}

/* One end authenticates with a pre-shared key, the other with certificates (or two kinds of
 * certificate): IKEv1 carries the method in its policies (TC112), IKEv2 in the profile or
 * tunnel-group, where the key or certificate the other expects is missing (TC109). */
static void auth_mismatch(ctx *c, const tc_device *d, const tc_entry *e, const tc_device *p,
			  const tc_authcheck *ac, unsigned ver)
{
	const char *id = ver == 2 ? "TC109" : "TC112";
	if (!first_pair(c, id, d, p))
		return;
	const tc_ikepol *fy = first_policy(p, ver);
	tc_finding *f = add(
		c, id, d, e->file, e->line, NULL, tc_arena_printf(c->a, "peer %s", p->hostname),
		"%s authenticates with %s and peer %s with %s: IKEv%u phase 1 fails in both directions",
		d->hostname, tc_auth_name(ac->a_uses), p->hostname, tc_auth_name(ac->b_uses), ver);
	if (fy && ver == 1)
		rel(c, f, p, fy->file, fy->line, NULL, "%s IKEv%u policy %u", p->hostname, ver,
		    fy->prio);
}

static bool tsets_resolved(const tc_entry *e)
{
	if (e->ntsets == 0)
		return false;
	for (unsigned i = 0; i < e->ntsets; i++)
		if (!e->tsets[i])
			return false;
	return true;
}

static bool has_permit(const tc_acl *acl)
{
	for (const tc_ace *a = acl ? acl->aces : NULL; a; a = a->next)
		if (a->permit)
			return true;
	return false;
}

/* Who answers whom on a device, for the checks that run per entry and peer
 * (a pass over the peer's entries each time would be quadratic on a hub):
 * per (set, peer address), how many static entries list it and the first;
 * per set, its first dynamic entry. */
typedef struct listed {
	const char *map;
	uint32_t addr;
	uint32_t n;
	const tc_entry *first;
	struct listed *next; /* in peer_index.listed's chain */
} listed;

typedef struct listed_key {
	const char *map;
	uint32_t addr;
} listed_key;

#define LISTED_KEY(x) ((listed_key){(x)->map, (x)->addr})
#define LISTED_NEXT(x) ((x)->next)
#define LISTED_EQ(x, y) ((x).addr == (y).addr && strcmp((x).map, (y).map) == 0)
#define LISTED_FN(k) tc_hash_u64(tc_hash_str((k).map) ^ (k).addr)
TC_HASH_DEFINE(listed_tab, listed, listed_key, LISTED)

struct set_dyn {
	const char *map;
	const tc_entry *dyn;
};

#define SETNAME_KEY(sets, i) ((sets)[i].map)
#define SETNAME_EQ(x, y) (strcmp(x, y) == 0)
#define SETNAME_FN(k) tc_hash_str(k)
TC_INDEX_DEFINE(set_names, const struct set_dyn *, const char *, SETNAME)

struct peer_index {
	listed_tab listed;    /* its elements in the lint's arena */
	struct set_dyn *sets; /* every set of the device, in order of first appearance */
	size_t nsets;
	set_names names; /* sets by name: a hub has as many sets as entries at worst */
	bool built;
};

/* The set `map` of pi, added when absent. */
static struct set_dyn *set_get(peer_index *pi, const char *map)
{
	uint32_t *slot = set_names_slot(&pi->names, pi->sets, map);
	if (*slot)
		return &pi->sets[*slot - 1];
	pi->sets[pi->nsets] = (struct set_dyn){map, NULL};
	*slot = (uint32_t)++pi->nsets;
	set_names_added(&pi->names, pi->sets);
	return &pi->sets[pi->nsets - 1];
}

static void peer_index_build(peer_index *pi, tc_arena *a, const tc_device *d)
{
	memset(pi, 0, sizeof *pi);
	pi->built = true;
	size_t n = 0, nent = 0;
	for (const tc_entry *e = d->entries; e; e = e->next, nent++)
		n += e->dynamic ? 0 : e->npeers;
	unsigned order = 0; /* as many buckets as peers listed: it never grows */
	while (((size_t)1 << order) < n)
		order++;
	listed_tab_init(&pi->listed, order, NULL, NULL);
	pi->sets = tc_xmalloc((nent + 1) * sizeof *pi->sets);
	set_names_init(&pi->names, 4);
	for (const tc_entry *e = d->entries; e; e = e->next) {
		struct set_dyn *sd = set_get(pi, e->map);
		if (e->dynamic) {
			if (!sd->dyn)
				sd->dyn = e;
			continue;
		}
		for (unsigned i = 0; i < e->npeers; i++) {
			bool again = false; /* listed twice: one entry */
			for (unsigned j = 0; j < i && !again; j++)
				again = e->peers[j] == e->peers[i];
			if (again)
				continue;
			listed *l = listed_tab_find(&pi->listed, (listed_key){e->map, e->peers[i]});
			if (!l) {
				l = tc_arena_alloc(a, sizeof *l);
				*l = (listed){e->map, e->peers[i], 0, e, NULL};
				listed_tab_insert(&pi->listed, l);
			}
			l->n++;
		}
	}
}

/* Device d's peer index, built on first use. */
static const peer_index *peers_of(ctx *c, const tc_device *d)
{
	if (!c->peers)
		c->peers = tc_xcalloc(c->m->ndevs + 1, sizeof *c->peers);
	peer_index *pi = &c->peers[d->index];
	if (!pi->built)
		peer_index_build(pi, c->a, d);
	return pi;
}

/* The set `map` of d, or NULL when no entry names it. */
static const struct set_dyn *set_of(ctx *c, const tc_device *d, const char *map)
{
	const peer_index *pi = peers_of(c, d);
	uint32_t i = *set_names_slot(&pi->names, pi->sets, map);
	return i ? &pi->sets[i - 1] : NULL;
}

/* The entries of p's set `map` that list address `from`: how many static ones
 * do, the first of them (*first), and the set's first dynamic entry (*dyn). */
static size_t answering(ctx *c, const tc_device *p, const char *map, uint32_t from,
			const tc_entry **first, const tc_entry **dyn)
{
	const struct set_dyn *sd = set_of(c, p, map);
	const listed *l =
		sd ? listed_tab_find(&c->peers[p->index].listed, (listed_key){map, from}) : NULL;
	*dyn = sd ? sd->dyn : NULL;
	*first = l ? l->first : NULL;
	return l ? l->n : 0;
}

static void set_usable(ctx *c, const tc_entry *e, unsigned mask)
{
	TC_GROW(c->usable, c->nusable + 1, c->capusable);
	c->usable[c->nusable++] = (usable_rec){e, mask};
}

static int cmp_usable(const void *x, const void *y)
{
	uintptr_t a = (uintptr_t)((const usable_rec *)x)->entry,
		  b = (uintptr_t)((const usable_rec *)y)->entry;
	return (a > b) - (a < b);
}

/* Entry e's usable peers; c->usable sorted by entry (after the entry checks). */
static unsigned get_usable(const ctx *c, const tc_entry *e)
{
	size_t lo = 0, hi = c->nusable;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uintptr_t)c->usable[mid].entry < (uintptr_t)e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nusable && c->usable[lo].entry == e ? c->usable[lo].mask : ~0u;
}

/* ---- interface checks (TC102, TC106) ---------------------------------------- */

static void check_ifaces(ctx *c, const tc_device *d)
{
	for (const tc_iface *i = d->ifaces; i; i = i->next) {
		if (!i->cmap)
			continue;
		if (!set_of(c, d, i->cmap)) {
			tc_finding *f =
				add(c, "TC106", d, i->file, i->line, i->cmap,
				    tc_arena_printf(c->a, "iface %s", i->name),
				    "interface %s applies crypto map %s, which has no entries",
				    tc_iface_label(i), i->cmap);
			(void)f;
			continue;
		}
		if (!i->ike && !i->shutdown)
			add(c, "TC102", d, i->file, i->line, NULL,
			    tc_arena_printf(c->a, "iface %s", i->name),
			    "IKE is not enabled on %s, which carries crypto map %s: no tunnel can come up there",
			    tc_iface_label(i), i->cmap);
	}
}

/* ---- entry checks (TC101, TC103-TC105, TC119, TC122, TC123) ----------------- */

static const char *entry_s(ctx *c, const tc_entry *e)
{
	return tc_arena_printf(c->a, "%s %u", e->map, e->seq);
}

/* For each entry of d (by position, out[0..nent)), when it is dynamic: the
 * first static entry after it of its set with a higher sequence number (TC119,
 * R2.7), else NULL. Each set is walked backward keeping the static entries that
 * are the first above some sequence number (a next-greater stack, numbers
 * rising from its top), so a dynamic entry costs one binary search, not a pass
 * over the rest of its set. */
static void later_statics(ctx *c, const tc_device *d, const tc_entry **out, size_t nent)
{
	const peer_index *pi = peers_of(c, d);
	/* the entries grouped by set (a counting sort), each group in position order */
	size_t *start = tc_xcalloc(pi->nsets + 2, sizeof *start);
	size_t *fill = tc_xmalloc((pi->nsets + 1) * sizeof *fill);
	size_t *pos = tc_xmalloc((nent + 1) * sizeof *pos);
	uint32_t *set = tc_xmalloc((nent + 1) * sizeof *set);
	const tc_entry **by_set = tc_xmalloc((nent + 1) * sizeof *by_set);
	const tc_entry **stack = tc_xmalloc((nent + 1) * sizeof *stack);
	size_t i = 0;
	for (const tc_entry *e = d->entries; e; e = e->next, i++) {
		set[i] = *set_names_slot(&pi->names, pi->sets, e->map);
		start[set[i] + 1]++;
		out[i] = NULL;
	}
	for (size_t k = 1; k <= pi->nsets + 1; k++)
		start[k] += start[k - 1];
	memcpy(fill, start, (pi->nsets + 1) * sizeof *fill);
	i = 0;
	for (const tc_entry *e = d->entries; e; e = e->next, i++) {
		pos[fill[set[i]]] = i;
		by_set[fill[set[i]]++] = e;
	}
	for (size_t k = 1; k <= pi->nsets; k++) {
		size_t top = 0;
		for (size_t j = start[k + 1]; j-- > start[k];) {
			const tc_entry *e = by_set[j];
			if (!e->dynamic) {
				while (top && stack[top - 1]->seq <= e->seq)
					top--;
				stack[top++] = e;
				continue;
			}
			size_t lo = 0, hi = top; /* stack[0..lo) above e->seq */
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (stack[mid]->seq > e->seq)
					lo = mid + 1;
				else
					hi = mid;
			}
			out[pos[j]] = lo ? stack[lo - 1] : NULL;
		}
	}
	free(stack);
	free(pos);
	free(fill);
	free(by_set);
	free(set);
	free(start);
}

/* The entry checks of e; later: for a dynamic e, later_statics' answer. */
static void check_entry_shape(ctx *c, const tc_device *d, const tc_entry *e, const tc_entry *prev,
			      const tc_entry *later)
{
	const char *es = entry_s(c, e);
	if ((!prev || strcmp(prev->map, e->map) != 0) && !map_applied(d, e->map))
		add(c, "TC101", d, e->file, e->line, e->map,
		    tc_arena_printf(c->a, "map %s", e->map),
		    "crypto map %s is defined but not applied to any interface of %s", e->map,
		    d->hostname);
	if (e->dynamic) {
		const tc_entry *s = later;
		if (s) {
			tc_finding *f = add(
				c, "TC119", d, e->file, e->line, NULL, es,
				"dynamic entry crypto map %s %u comes before static entry %u of the same set",
				e->map, e->seq, s->seq);
			rel(c, f, d, s->file, s->line, NULL, "static entry %s %u", s->map, s->seq);
		}
		return;
	}
	if (!e->acl_name)
		add(c, "TC103", d, e->file, e->line, e->map, es,
		    "crypto map %s %u has no match address", e->map, e->seq);
	else if (!e->acl)
		add(c, "TC103", d, e->file, e->line, e->acl_name, es,
		    "crypto map %s %u matches access list %s, which is not defined", e->map, e->seq,
		    e->acl_name);
	else if (!has_permit(e->acl)) {
		tc_finding *f = add(
			c, "TC103", d, e->file, e->line, e->acl_name, es,
			"access list %s of crypto map %s %u has no permit line: the entry protects nothing",
			e->acl_name, e->map, e->seq);
		rel(c, f, d, e->acl->file, e->acl->line, e->acl_name, "access list %s",
		    e->acl_name);
	}
	if (e->npeers == 0 && e->npeer_names == 0) /* a named or IPv6 peer is reported */
		add(c, "TC104", d, e->file, e->line, e->map, es,
		    "crypto map %s %u lists no peer: it can neither initiate nor answer", e->map,
		    e->seq);
	if (e->ntsets == 0)
		add(c, "TC105", d, e->file, e->line, e->map, es,
		    "crypto map %s %u has no transform set", e->map, e->seq);
	for (unsigned i = 0; i < e->ntsets; i++)
		if (!e->tsets[i])
			add(c, "TC105", d, e->file, e->line, e->tset_names[i], es,
			    "crypto map %s %u uses transform set %s, which is not defined", e->map,
			    e->seq, e->tset_names[i]);
	if (e->ike_version == 2 && e->npeers > 1 && d->dialect == TC_DIALECT_ASA)
		add(c, "TC122", d, e->file, e->line, NULL, es,
		    "IKEv2 crypto map %s %u lists %u peers: the ASA answers only the active peer, so return traffic through a backup is refused",
		    e->map, e->seq, e->npeers);
	if (d->dialect == TC_DIALECT_ASA && e->npeers > 10)
		add(c, "TC123", d, e->file, e->line, NULL, es,
		    "crypto map %s %u lists %u peers; the ASA accepts at most 10", e->map, e->seq,
		    e->npeers);
	if (e->default_peer > 0 && (unsigned)e->default_peer < e->npeers)
		add(c, "TC123", d, e->file, e->line, ip_s(c, e->peers[e->default_peer]), es,
		    "default peer %s of crypto map %s %u is not the first peer: the peer list does not reset to it",
		    ip_s(c, e->peers[e->default_peer]), e->map, e->seq);
}

/* ---- ACL line checks (TC107, TC116-TC118) ------------------------------------ */

/* TC116 and TC117 look for lines of a set by their prefixes. Scanning the
 * entries is quadratic in a set's lines (a hub with thousands of entries);
 * instead the device's ACL lines are kept sorted by source and by destination
 * prefix (the choice of the entry that answers a proposal uses them too). A
 * line's candidates are the prefixes containing its own (one probe per length
 * present) and those it contains (one range), in whichever dimension has fewer
 * of them; TC117 goes further (ovl_index below). */
typedef struct ace_rec {
	uint32_t set;	     /* the entry's set: 1 + its index in the device's peer_index */
	tc_prefix key;	     /* the sorted dimension, host bits cleared */
	tc_prefix other;     /* the other dimension, host bits cleared: sorted second */
	uint32_t epos, apos; /* the entry's position on the device, the line's in its ACL */
	uint32_t id;	     /* the line's number on the device, in entry then line order */
	const tc_entry *entry;
	const tc_ace *ace;
} ace_rec;

/* The key a line is found by: its set and one of its prefixes. */
typedef struct ace_key {
	uint32_t set;
	tc_prefix key;
} ace_key;

static inline ace_key ace_key_of(const ace_rec *r)
{
	return (ace_key){r->set, r->key};
}

static inline bool ace_key_eq(ace_key x, ace_key y)
{
	return x.set == y.set && x.key.addr == y.key.addr && x.key.len == y.key.len;
}

#define ACEKEY_KEY(v, i) ace_key_of(&(v)[i])
#define ACEKEY_EQ(x, y) ace_key_eq(x, y)
#define ACEKEY_FN(k)                                                                               \
	tc_hash_u64(((uint64_t)(k).set << 32 | (k).key.addr) ^ (uint64_t)(k).key.len << 58)
TC_INDEX_DEFINE(ace_keys, const ace_rec *, ace_key, ACEKEY)

struct set_lines {
	ace_rec *by[2]; /* [0] sorted by set, then source; [1] by set, then destination */
	size_t n;
	uint64_t lens[2]; /* bit L: a key of length L is present */
	ace_keys keys[2]; /* the first record of each key in by[k]: a prefix holding a
				line's is one probe per length, not a binary search */
	uint32_t *run[2]; /* at the first record of a key: the end of its records */
	bool built;
};

static int cmp_ace_rec(const void *x, const void *y)
{
	const ace_rec *a = x, *b = y;
	if (a->set != b->set)
		return a->set < b->set ? -1 : 1;
	if (a->key.addr != b->key.addr)
		return a->key.addr < b->key.addr ? -1 : 1;
	if (a->key.len != b->key.len)
		return a->key.len < b->key.len ? -1 : 1;
	if (a->other.addr != b->other.addr)
		return a->other.addr < b->other.addr ? -1 : 1;
	if (a->other.len != b->other.len)
		return a->other.len < b->other.len ? -1 : 1;
	if (a->epos != b->epos)
		return a->epos < b->epos ? -1 : 1;
	return (a->apos > b->apos) - (a->apos < b->apos);
}

/* Index the runs of equal keys of sl->by[k] (sorted). */
static void index_keys(set_lines *sl, int k)
{
	const ace_rec *v = sl->by[k];
	ace_keys_init(&sl->keys[k], 4);
	sl->run[k] = tc_xmalloc(sl->n * sizeof *sl->run[k]);
	for (size_t i = 0, j; i < sl->n; i = j) {
		for (j = i + 1; j < sl->n && ace_key_eq(ace_key_of(&v[i]), ace_key_of(&v[j]));)
			j++;
		sl->run[k][i] = (uint32_t)j;
		*ace_keys_slot(&sl->keys[k], v, ace_key_of(&v[i])) = (uint32_t)i + 1;
		ace_keys_added(&sl->keys[k], v);
	}
}

/* The ACL lines of d's static entries (permit and deny), indexed; pi names
 * d's sets. */
static void set_lines_build(set_lines *sl, const tc_device *d, const peer_index *pi)
{
	memset(sl, 0, sizeof *sl);
	sl->built = true;
	size_t n = 0;
	for (const tc_entry *e = d->entries; e; e = e->next)
		if (!e->dynamic && e->acl)
			for (const tc_ace *a = e->acl->aces; a; a = a->next)
				n++;
	if (!n)
		return;
	for (int k = 0; k < 2; k++)
		sl->by[k] = tc_xmalloc(n * sizeof *sl->by[k]);
	uint32_t epos = 0;
	for (const tc_entry *e = d->entries; e; e = e->next, epos++) {
		if (e->dynamic || !e->acl)
			continue;
		uint32_t set = *set_names_slot(&pi->names, pi->sets, e->map), apos = 0;
		for (const tc_ace *a = e->acl->aces; a; a = a->next, apos++) {
			for (int k = 0; k < 2; k++) {
				tc_prefix p = k ? a->dst : a->src, o = k ? a->src : a->dst;
				p = tc_prefix_make(p.addr, p.len);
				o = tc_prefix_make(o.addr, o.len);
				sl->by[k][sl->n] =
					(ace_rec){set, p, o, epos, apos, (uint32_t)sl->n, e, a};
				sl->lens[k] |= 1ull << p.len;
			}
			sl->n++;
		}
	}
	for (int k = 0; k < 2; k++) {
		qsort(sl->by[k], sl->n, sizeof *sl->by[k], cmp_ace_rec);
		index_keys(sl, k);
	}
}

static void set_lines_free(set_lines *sl)
{
	for (int k = 0; k < 2; k++) {
		free(sl->by[k]);
		free(sl->run[k]);
		if (sl->keys[k].slot)
			ace_keys_free(&sl->keys[k]);
	}
}

/* Device d's indexed permit lines, built on first use. */
static const set_lines *lines_of(ctx *c, const tc_device *d)
{
	if (!c->lines)
		c->lines = tc_xcalloc(c->m->ndevs + 1, sizeof *c->lines);
	set_lines *sl = &c->lines[d->index];
	if (!sl->built)
		set_lines_build(sl, d, peers_of(c, d));
	return sl;
}

/* The set id of `map` on d in its set_lines, or 0 when d has no such set. */
static uint32_t set_id(ctx *c, const tc_device *d, const char *map)
{
	const peer_index *pi = peers_of(c, d);
	return *set_names_slot(&pi->names, pi->sets, map);
}

/* First record of v[0..n) not before (set, addr, len). */
static size_t ace_lower(const ace_rec *v, size_t n, uint32_t set, uint32_t addr, unsigned len)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = v[mid].set != set	  ? (v[mid].set < set ? -1 : 1)
			: v[mid].key.addr != addr ? (v[mid].key.addr < addr ? -1 : 1)
						  : (v[mid].key.len > len) - (v[mid].key.len < len);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The ranges of sl->by[k] whose keys overlap q (within map): the prefixes
 * holding q, one range per shorter length present, then those inside q. */
typedef struct ace_ranges {
	size_t lo[34], hi[34];
	unsigned n;
	size_t total;
} ace_ranges;

static void overlap_ranges(const set_lines *sl, int k, uint32_t set, tc_prefix q, ace_ranges *out)
{
	const ace_rec *v = sl->by[k];
	out->n = 0;
	out->total = 0;
	for (unsigned len = 0; len < q.len; len++) {
		if (!(sl->lens[k] >> len & 1))
			continue;
		tc_prefix key = {q.addr & tc_len_to_mask((uint8_t)len), (uint8_t)len};
		uint32_t i = *ace_keys_slot(&sl->keys[k], v, (ace_key){set, key});
		if (i) {
			out->lo[out->n] = i - 1;
			out->hi[out->n++] = sl->run[k][i - 1];
			out->total += sl->run[k][i - 1] - (i - 1);
		}
	}
	/* the keys inside q: from (q.addr, q.len) to the last address of q, within the set */
	uint32_t last = q.addr | ~tc_len_to_mask(q.len);
	size_t lo = ace_lower(v, sl->n, set, q.addr, q.len), hi = sl->n;
	for (size_t a = lo; a < hi;) {
		size_t mid = a + (hi - a) / 2;
		if (v[mid].set == set && v[mid].key.addr <= last)
			a = mid + 1;
		else
			hi = mid;
	}
	if (lo < hi) {
		out->lo[out->n] = lo;
		out->hi[out->n++] = hi;
		out->total += hi - lo;
	}
}

/* The lines of map overlapping src -> dst in one dimension, whichever has
 * fewer: returns that dimension (0 source, 1 destination); *r its ranges,
 * empty when nothing overlaps. Each candidate still needs both prefixes
 * checked. */
static int candidates(const set_lines *sl, uint32_t set, tc_prefix src, tc_prefix dst,
		      ace_ranges *r)
{
	ace_ranges other;
	overlap_ranges(sl, 0, set, tc_prefix_make(src.addr, src.len), r);
	if (!r->total)
		return 0;
	overlap_ranges(sl, 1, set, tc_prefix_make(dst.addr, dst.len), &other);
	if (other.total >= r->total)
		return 0;
	*r = other;
	return 1;
}

/* x comes before y (by entry, then line); y may be NULL. */
static bool before(const ace_rec *x, const ace_rec *y)
{
	return !y || x->epos < y->epos || (x->epos == y->epos && x->apos < y->apos);
}

/* TC117's index: the first line of a set overlapping a given line, found
 * without scanning the candidates (on a nested hub a /16 line has a fixed
 * fraction of the set inside it, so the scan was quadratic). Two prefixes
 * overlap when one holds the other, and in by[k] order (a depth-first walk of
 * the prefixes) the keys inside a key are one range while the keys holding it
 * are a chain of at most 33. A line S -> D is overlapped by three kinds of
 * lines, each found by range minima over line ids:
 *  - source inside S, destination inside D: the lines under S's key, listed in
 *    by[1] order, one range of that list (a segment tree per key);
 *  - source holding S (strictly): in each such key's run of by[0], sorted by
 *    destination, the range inside D (a sparse table over by[0]) and the
 *    destinations holding D, the deepest found by walking up from the range;
 *  - destination holding D (strictly), source inside S: the same in by[1].
 * That is a few probes per key holding S or D: linear in the lines. The lists
 * cost one entry per line per key holding the line's source (at most 33). */
#define NO_LINE UINT32_MAX /* no line: above every line id */

typedef struct ovl_index {
	uint32_t *first;       /* by entry position: the id of its first line */
	uint32_t *at;	       /* by line id: its record's position in by[0] */
	uint32_t *node[2];     /* by line id: the first record of its key in by[k] */
	uint32_t *up[2];       /* at a key's first record: the nearest key holding it, or NO_LINE */
	uint32_t *sub[2];      /* at a key's first record: the end of the records inside it */
	uint32_t *rmq[2];      /* sparse table of by[k]'s ids (NO_LINE for deny lines), by level */
	uint32_t *dup, *amin;  /* by[0]: the run's nearest earlier record whose destination
				     holds this one's strictly; least id of those holding it */
	uint32_t *loff, *lpos; /* by[0] key: its list's start; the list: by[1] positions */
	uint32_t *ltree;       /* per list of m lines, a segment tree of 2m least ids */
} ovl_index;

static inline uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* tc_prefix_contains() and tc_prefix_cmp() < 0 inline, on prefixes whose host
 * bits are clear: the index asks them at every step of its searches. */
static inline bool holds(tc_prefix outer, tc_prefix inner)
{
	return outer.len <= inner.len && (inner.addr & len_mask(outer.len)) == outer.addr;
}

static inline bool sorts_before(tc_prefix a, tc_prefix b)
{
	return a.addr < b.addr || (a.addr == b.addr && a.len < b.len);
}

static inline uint32_t weight(const ace_rec *r)
{
	return r->ace->permit ? r->id : NO_LINE;
}

/* The least id among by[k][lo..hi) (NO_LINE when empty). */
static uint32_t rmq_min(const ovl_index *ov, const set_lines *sl, int k, size_t lo, size_t hi)
{
	if (lo >= hi)
		return NO_LINE;
	unsigned l = 31u - (unsigned)__builtin_clz((unsigned)(hi - lo));
	const uint32_t *t = ov->rmq[k] + (size_t)l * sl->n;
	return min_u32(t[lo], t[hi - ((size_t)1 << l)]);
}

static void rmq_build(ovl_index *ov, const set_lines *sl, int k)
{
	size_t n = sl->n, levels = 1;
	while ((size_t)1 << levels <= n)
		levels++;
	uint32_t *t = ov->rmq[k] = tc_xmalloc(levels * n * sizeof *t);
	for (size_t i = 0; i < n; i++)
		t[i] = weight(&sl->by[k][i]);
	for (size_t l = 1; l < levels; l++)
		for (size_t i = 0, h = (size_t)1 << (l - 1); i + 2 * h <= n; i++)
			t[l * n + i] = min_u32(t[(l - 1) * n + i], t[(l - 1) * n + i + h]);
}

/* up, sub and node of by[k]: a stack of the keys holding the current one. */
static void keys_nest(ovl_index *ov, const set_lines *sl, int k)
{
	const ace_rec *v = sl->by[k];
	uint32_t stk[34];
	unsigned top = 0;
	ov->up[k] = tc_xmalloc(sl->n * sizeof *ov->up[k]);
	ov->sub[k] = tc_xmalloc(sl->n * sizeof *ov->sub[k]);
	ov->node[k] = tc_xmalloc(sl->n * sizeof *ov->node[k]);
	for (uint32_t i = 0; i < sl->n; i = sl->run[k][i]) {
		while (top &&
		       (v[stk[top - 1]].set != v[i].set || !holds(v[stk[top - 1]].key, v[i].key)))
			ov->sub[k][stk[--top]] = i;
		ov->up[k][i] = top ? stk[top - 1] : NO_LINE;
		stk[top++] = i; /* nested keys have distinct lengths: at most 33 */
		for (uint32_t t = i; t < sl->run[k][i]; t++)
			ov->node[k][v[t].id] = i;
	}
	while (top)
		ov->sub[k][stk[--top]] = (uint32_t)sl->n;
}

/* dup and amin within each run of by[0] (one source, sorted by destination). */
static void dests_nest(ovl_index *ov, const set_lines *sl)
{
	const ace_rec *v = sl->by[0];
	uint32_t stk[34];
	ov->dup = tc_xmalloc(sl->n * sizeof *ov->dup);
	ov->amin = tc_xmalloc(sl->n * sizeof *ov->amin);
	for (uint32_t s = 0; s < sl->n; s = sl->run[0][s]) {
		unsigned top = 0;
		for (uint32_t i = s, g; i < sl->run[0][s]; i = g) {
			uint32_t least = weight(&v[i]);
			for (g = i + 1; g < sl->run[0][s] && pfx_eq(v[g].other, v[i].other); g++)
				least = min_u32(least, weight(&v[g]));
			while (top && !holds(v[stk[top - 1]].other, v[i].other))
				top--;
			uint32_t up = top ? stk[top - 1] : NO_LINE;
			if (up != NO_LINE)
				least = min_u32(least, ov->amin[up]);
			for (uint32_t t = i; t < g; t++) {
				ov->dup[t] = up;
				ov->amin[t] = least;
			}
			stk[top++] = g - 1;
		}
	}
}

/* The list of each source key: the lines under it in by[1] order (walking
 * by[1] and adding each line to every key holding its source keeps each list
 * sorted), with a segment tree of least ids over it. */
static void lists_build(ovl_index *ov, const set_lines *sl)
{
	size_t total = 0;
	ov->loff = tc_xmalloc(sl->n * sizeof *ov->loff);
	for (uint32_t u = 0; u < sl->n; u = sl->run[0][u]) {
		ov->loff[u] = (uint32_t)total;
		total += ov->sub[0][u] - u;
	}
	ov->lpos = tc_xmalloc((total + 1) * sizeof *ov->lpos);
	ov->ltree = tc_xmalloc((2 * total + 1) * sizeof *ov->ltree);
	uint32_t *fill = tc_xcalloc(sl->n, sizeof *fill);
	for (uint32_t j = 0; j < sl->n; j++)
		for (uint32_t u = ov->node[0][sl->by[1][j].id]; u != NO_LINE; u = ov->up[0][u])
			ov->lpos[ov->loff[u] + fill[u]++] = j;
	free(fill);
	for (uint32_t u = 0; u < sl->n; u = sl->run[0][u]) {
		size_t m = ov->sub[0][u] - u;
		uint32_t *t = ov->ltree + 2 * (size_t)ov->loff[u];
		for (size_t i = 0; i < m; i++)
			t[m + i] = weight(&sl->by[1][ov->lpos[ov->loff[u] + i]]);
		for (size_t p = m - 1; p >= 1; p--)
			t[p] = min_u32(t[2 * p], t[2 * p + 1]);
	}
}

static void ovl_build(ovl_index *ov, const set_lines *sl, const tc_device *d)
{
	memset(ov, 0, sizeof *ov);
	size_t nent = 0;
	for (const tc_entry *e = d->entries; e; e = e->next)
		nent++;
	ov->first = tc_xmalloc((nent + 1) * sizeof *ov->first);
	uint32_t id = 0, epos = 0;
	for (const tc_entry *e = d->entries; e; e = e->next, epos++) {
		ov->first[epos] = id; /* the ids set_lines_build gave */
		if (!e->dynamic && e->acl)
			for (const tc_ace *a = e->acl->aces; a; a = a->next)
				id++;
	}
	if (!sl->n)
		return;
	ov->at = tc_xmalloc(sl->n * sizeof *ov->at);
	for (uint32_t i = 0; i < sl->n; i++)
		ov->at[sl->by[0][i].id] = i;
	for (int k = 0; k < 2; k++) {
		rmq_build(ov, sl, k);
		keys_nest(ov, sl, k);
	}
	dests_nest(ov, sl);
	lists_build(ov, sl);
}

static void ovl_free(ovl_index *ov)
{
	free(ov->first);
	free(ov->at);
	for (int k = 0; k < 2; k++) {
		free(ov->node[k]);
		free(ov->up[k]);
		free(ov->sub[k]);
		free(ov->rmq[k]);
	}
	free(ov->dup);
	free(ov->amin);
	free(ov->loff);
	free(ov->lpos);
	free(ov->ltree);
}

/* First of v[lo..hi) (sorted by other) whose other is not before q; with
 * `past`, first whose other starts after q's last address. */
static uint32_t other_bound(const ace_rec *v, uint32_t lo, uint32_t hi, tc_prefix q, bool past)
{
	uint32_t last = q.addr | ~len_mask(q.len);
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		bool below = past ? v[mid].other.addr <= last : sorts_before(v[mid].other, q);
		if (below)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First of v[lo..hi) (ascending) not below x. */
static uint32_t u32_lower(const uint32_t *v, uint32_t lo, uint32_t hi, uint32_t x)
{
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Least id of the lines whose source is inside key u of by[0] and whose
 * destination is inside key d of by[1]: a range of u's list. */
static uint32_t inside_both(const ovl_index *ov, uint32_t u, uint32_t d)
{
	uint32_t m = ov->sub[0][u] - u, best = NO_LINE;
	const uint32_t *pos = ov->lpos + ov->loff[u], *t = ov->ltree + 2 * (size_t)ov->loff[u];
	uint32_t lo = u32_lower(pos, 0, m, d);
	uint32_t hi = u32_lower(pos, lo, m, ov->sub[1][d]);
	for (lo += m, hi += m; lo < hi; lo >>= 1, hi >>= 1) {
		if (lo & 1)
			best = min_u32(best, t[lo++]);
		if (hi & 1)
			best = min_u32(best, t[--hi]);
	}
	return best;
}

/* Least id in the run of key a of by[k] (one prefix holding the line's own in
 * dimension k) whose other prefix is inside q or, with `walk` (by[0] only),
 * holds it; NO_LINE when the run has no id below `best`. */
static uint32_t held_run(const ovl_index *ov, const set_lines *sl, int k, uint32_t a, tc_prefix q,
			 uint32_t best, bool walk)
{
	const ace_rec *v = sl->by[k];
	uint32_t end = sl->run[k][a];
	if (rmq_min(ov, sl, k, a, end) >= best)
		return NO_LINE;
	uint32_t lo = other_bound(v, a, end, q, false), hi = lo;
	if (hi < end && holds(q, v[hi].other)) /* else nothing in the run is inside q */
		hi = other_bound(v, lo + 1, end, q, true);
	uint32_t least = rmq_min(ov, sl, k, lo, hi);
	if (!walk)
		return least;
	/* the deepest destination holding q is before lo, up the chain from lo - 1 */
	uint32_t j = lo > a ? lo - 1 : NO_LINE;
	while (j != NO_LINE && !holds(v[j].other, q))
		j = ov->dup[j];
	return j == NO_LINE ? least : min_u32(least, ov->amin[j]);
}

/* The first permit line (by entry, then line) of an earlier entry of its set
 * that overlaps line apos of entry epos in source and destination, or NULL. */
static const ace_rec *earliest_overlap(const ovl_index *ov, const set_lines *sl, uint32_t epos,
				       uint32_t apos)
{
	if (!sl->n)
		return NULL;
	uint32_t limit = ov->first[epos], id = limit + apos;
	const ace_rec *q = &sl->by[0][ov->at[id]];
	uint32_t s = ov->node[0][id], d = ov->node[1][id];
	uint32_t best = min_u32(limit, inside_both(ov, s, d));
	for (uint32_t a = ov->up[0][s]; a != NO_LINE; a = ov->up[0][a])
		best = min_u32(best, held_run(ov, sl, 0, a, q->other, best, true));
	for (uint32_t b = ov->up[1][d]; b != NO_LINE; b = ov->up[1][b])
		best = min_u32(best, held_run(ov, sl, 1, b, q->key, best, false));
	return best < limit ? &sl->by[0][ov->at[best]] : NULL;
}

/* How the permit lines of p's entries of map that list address me meet the
 * mirror ml -> mr of one of our lines: the first line (by entry, then line)
 * holding it, the first inside it, the first only overlapping it; exact
 * when one is the mirror itself. */
typedef struct mirror_hit {
	bool exact;
	const ace_rec *contains, *inside, *overlap;
} mirror_hit;

/* Whether a permit line of set listing address me is exactly ml -> mr: one
 * probe for the source, one binary search among its lines for the
 * destination. On a hub whose spokes mirror its lines this is every answer,
 * and the overlap scan of find_mirror is never reached. */
static bool exact_mirror(const set_lines *sl, uint32_t set, uint32_t me, tc_prefix ml, tc_prefix mr)
{
	const ace_rec *v = sl->by[0];
	tc_prefix ks = tc_prefix_make(ml.addr, ml.len), kd = tc_prefix_make(mr.addr, mr.len);
	uint32_t first = *ace_keys_slot(&sl->keys[0], v, (ace_key){set, ks});
	if (!first)
		return false;
	size_t lo = first - 1, end = sl->run[0][first - 1], hi = end;
	while (lo < hi) { /* the run's first line whose destination is not before kd */
		size_t mid = lo + (hi - lo) / 2;
		if (tc_prefix_cmp(v[mid].other, kd) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < end && tc_prefix_cmp(v[i].other, kd) == 0; i++) {
		const tc_ace *b = v[i].ace;
		if (b->permit && tc_entry_lists_peer(v[i].entry, me) &&
		    tc_prefix_cmp(b->src, ml) == 0 && tc_prefix_cmp(b->dst, mr) == 0)
			return true;
	}
	return false;
}

static void find_mirror(const set_lines *sl, uint32_t set, uint32_t me, tc_prefix ml, tc_prefix mr,
			mirror_hit *h)
{
	memset(h, 0, sizeof *h);
	if (!sl->n || !set)
		return;
	if (exact_mirror(sl, set, me, ml, mr)) {
		h->exact = true;
		return;
	}
	ace_ranges r;
	int k = candidates(sl, set, ml, mr, &r);
	for (unsigned g = 0; g < r.n; g++)
		for (size_t i = r.lo[g]; i < r.hi[g]; i++) {
			const ace_rec *x = &sl->by[k][i];
			const tc_ace *b = x->ace;
			if (!b->permit || !tc_entry_lists_peer(x->entry, me))
				continue;
			if (tc_prefix_cmp(b->src, ml) == 0 && tc_prefix_cmp(b->dst, mr) == 0) {
				h->exact = true;
				return;
			}
			if (tc_prefix_contains(b->src, ml) && tc_prefix_contains(b->dst, mr)) {
				if (before(x, h->contains))
					h->contains = x;
			} else if (tc_prefix_contains(ml, b->src) &&
				   tc_prefix_contains(mr, b->dst)) {
				if (before(x, h->inside))
					h->inside = x;
			} else if (tc_prefix_overlaps(b->src, ml) &&
				   tc_prefix_overlaps(b->dst, mr)) {
				if (before(x, h->overlap))
					h->overlap = x;
			}
		}
}

/* The subject of a finding at ACL line a of e, written only when there is one:
 * most lines of a big hub have none. */
static const char *line_subj(ctx *c, const tc_entry *e, const tc_ace *a)
{
	return tc_arena_printf(c->a, "%s %u %s", e->map, e->seq, pair_s(c, a->src, a->dst));
}

static void check_aces(ctx *c, const tc_device *d, const tc_entry *e, uint32_t epos,
		       const tc_iface *mi, const set_lines *sets, const ovl_index *ov)
{
	if (!e->acl || e->dynamic)
		return;
	uint32_t apos = 0;
	for (const tc_ace *a = e->acl->aces; a; a = a->next, apos++) {
		if (!a->permit)
			continue;
		if (a->src.len == 0 || a->dst.len == 0)
			add(c, "TC118", d, a->file, a->line, "any", line_subj(c, e, a),
			    "crypto map %s %u permits %s: any in a crypto ACL encrypts far more than the tunnel's networks",
			    e->map, e->seq, pair_s(c, a->src, a->dst));
		/* an earlier entry of the set catching part of this line */
		const ace_rec *r = earliest_overlap(ov, sets, epos, apos);
		if (r) {
			tc_finding *f = add(
				c, "TC117", d, a->file, a->line, NULL, line_subj(c, e, a),
				"%s in crypto map %s %u overlaps %s of earlier entry %u: traffic in the overlap goes to that entry's peers",
				pair_s(c, a->src, a->dst), e->map, e->seq,
				pair_s(c, r->ace->src, r->ace->dst), r->entry->seq);
			rel(c, f, d, r->ace->file, r->ace->line, NULL,
			    "the earlier line, crypto map %s %u", r->entry->map, r->entry->seq);
		}
		if (!mi)
			continue;
		/* R1.1: where routing sends the domain's traffic */
		uint32_t host = tc_prefix_host(a->dst);
		const tc_fib_entry *fe = sim_lookup(&c->sim, d, host);
		const tc_iface *egress = fe ? tc_fib_iface(d, fe) : NULL;
		if (!egress) {
			add(c, "TC107", d, a->file, a->line, NULL, line_subj(c, e, a),
			    "%s has no route toward %s: the traffic of %s is dropped before crypto map %s",
			    d->hostname, pfx_s(c, a->dst), pair_s(c, a->src, a->dst), e->map);
		} else if (!egress->cmap || strcmp(egress->cmap, e->map) != 0) {
			const char *why =
				egress->cmap ? tc_arena_printf(c->a, "which carries crypto map %s",
							       egress->cmap)
					     : "which has no crypto map";
			tc_finding *f;
			if (fe->route && fe->route->attr->file) {
				f = add(c, "TC107", d, fe->route->attr->file, fe->route->line, NULL,
					line_subj(c, e, a),
					"this route sends the traffic of %s (crypto map %s %u) out %s, %s: it is never encrypted",
					pair_s(c, a->src, a->dst), e->map, e->seq,
					tc_iface_label(egress), why);
				rel(c, f, d, a->file, a->line, NULL, "the domain's ACL line");
			} else if (fe->route && fe->route->origin >= TC_RT_OSPF) {
				f = add(c, "TC107", d, a->file, a->line, NULL, line_subj(c, e, a),
					"%s routes %s by %s %s via %s (computed from the configs) out %s, %s: the traffic of this line is never encrypted",
					d->hostname, pfx_s(c, a->dst), fe->route->attr->code,
					pfx_s(c, tc_fib_dst(fe)), ip_s(c, fe->route->nh),
					tc_iface_label(egress), why);
			} else {
				f = add(c, "TC107", d, a->file, a->line, NULL, line_subj(c, e, a),
					"%s reaches %s directly on %s, %s: the traffic of this line is never encrypted",
					d->hostname, pfx_s(c, a->dst), tc_iface_label(egress), why);
			}
			rel(c, f, d, mi->file, mi->line, NULL, "crypto map %s is applied to %s",
			    e->map, tc_iface_label(mi));
		}
	}
}

/* TC116 for one permit line of e toward peer device p (which lists us). */
static void check_mirror(ctx *c, const tc_device *d, const tc_entry *e, const tc_ace *a,
			 const tc_device *p, const char *map, uint32_t me, const tc_entry *first)
{
	tc_prefix ml = a->dst, mr = a->src; /* the mirror, seen from p */
	const set_lines *sl = lines_of(c, p);
	mirror_hit h;
	find_mirror(sl, set_id(c, p, map), me, ml, mr, &h);
	if (h.exact)
		return;
	const tc_ace *contains = h.contains ? h.contains->ace : NULL;
	const tc_ace *inside = h.inside ? h.inside->ace : NULL;
	const tc_ace *overlap = h.overlap ? h.overlap->ace : NULL;
	const tc_entry *ce = h.contains ? h.contains->entry : NULL;
	const tc_entry *ie = h.inside ? h.inside->entry : NULL;
	const tc_entry *oe = h.overlap ? h.overlap->entry : NULL;
	const char *subj = tc_arena_printf(c->a, "%s %u %s with %s", e->map, e->seq,
					   pair_s(c, a->src, a->dst), p->hostname);
	const tc_ace *b = contains ? contains : inside ? inside : overlap;
	const tc_entry *be = contains ? ce : inside ? ie : oe;
	if (b && !first_pair(c, "TC116", a, b))
		return;
	tc_finding *f;
	if (contains || inside) {
		const char *who = contains ? d->hostname : p->hostname;
		f = add(c, "TC116", d, a->file, a->line, NULL, subj,
			"%s is not the mirror of %s's line %s: under IKEv1 only %s can initiate",
			pair_s(c, a->src, a->dst), p->hostname, pair_s(c, b->src, b->dst), who);
	} else if (overlap) {
		f = add(c, "TC116", d, a->file, a->line, NULL, subj,
			"%s only overlaps %s's line %s: neither side's proxies fit the other's line",
			pair_s(c, a->src, a->dst), p->hostname, pair_s(c, b->src, b->dst));
		if (f)
			f->sev = TC_SEV_ERROR;
	} else {
		f = add(c, "TC116", d, a->file, a->line, NULL, subj,
			"%s has no ACL line for %s in the entries that list %s: the domain never comes up with it",
			p->hostname, pair_s(c, ml, mr), d->hostname);
		if (f)
			f->sev = TC_SEV_ERROR;
		if (first)
			rel(c, f, p, first->file, first->line, NULL, "%s crypto map %s %u",
			    p->hostname, first->map, first->seq);
		return;
	}
	rel(c, f, p, b->file, b->line, NULL, "%s crypto map %s %u", p->hostname, be->map, be->seq);
}

/* ---- peer checks (TC108-TC116, TC120, TC121) ---------------------------------- */

/* How a phase-2 finding names e and the entry re of p that answers it. */
static void phase2_texts(ctx *c, const tc_entry *e, const tc_device *p, const tc_entry *re,
			 const char **rs, const char **psubj)
{
	/* a responder with `dynamic` set is a dynamic map's entry (check_dynamic) */
	*rs = tc_arena_printf(c->a, "%s %s %s %u", p->hostname,
			      re->dynamic ? "dynamic map" : "crypto map", re->map, re->seq);
	*psubj = tc_arena_printf(c->a, "%s %u with %s %s %u", e->map, e->seq, p->hostname, re->map,
				 re->seq);
}

/* Phase 2 of e toward p, whose entry re answers it (TC114, TC115, TC121):
 * false when it cannot come up that way. Each pair (e, re) is reported once. */
static bool check_phase2(ctx *c, const tc_device *d, const tc_entry *e, const tc_device *p,
			 const tc_entry *re)
{
	bool ok = true;
	const char *rs = NULL, *psubj = NULL;
	if (tsets_resolved(e) && tsets_resolved(re) && !tc_tset_match(e, re)) {
		ok = false;
		if (first_pair(c, "TC114", e, re)) {
			phase2_texts(c, e, p, re, &rs, &psubj);
			tc_finding *f = add(
				c, "TC114", d, e->file, e->line, e->tset_names[0], psubj,
				"crypto map %s %u and %s share no transform set (cipher, integrity, mode)",
				e->map, e->seq, rs);
			rel(c, f, p, re->file, re->line, NULL, "%s", rs);
		}
	}
	if (e->pfs_group != re->pfs_group) {
		if (re->pfs_group)
			ok = false; /* our initiation is refused */
		if (first_pair(c, "TC115", e, re)) {
			phase2_texts(c, e, p, re, &rs, &psubj);
			const char *txt;
			if (!e->pfs_group || !re->pfs_group) {
				const tc_device *req = e->pfs_group ? d : p;
				const tc_device *other = e->pfs_group ? p : d;
				txt = tc_arena_printf(
					c->a,
					"PFS group %u is set on %s only: %s refuses %s's initiations, so only %s can bring the SA up",
					e->pfs_group ? e->pfs_group : re->pfs_group, req->hostname,
					req->hostname, other->hostname, req->hostname);
			} else {
				txt = tc_arena_printf(
					c->a,
					"PFS groups differ (%s: %u, %s: %u): each side refuses the other's initiations",
					d->hostname, e->pfs_group, p->hostname, re->pfs_group);
			}
			tc_finding *f =
				add(c, "TC115", d, e->file, e->line, NULL, psubj, "%s", txt);
			rel(c, f, p, re->file, re->line, NULL, "%s", rs);
		}
	}
	/* TC121: ASA connection types (R3.10) */
	bool same = e->conn_type != TC_CONN_BIDIRECTIONAL && e->conn_type == re->conn_type;
	if (same) {
		ok = false;
		if (first_pair(c, "TC121", e, re)) {
			phase2_texts(c, e, p, re, &rs, &psubj);
			tc_finding *f = add(
				c, "TC121", d, e->file, e->line, NULL, psubj,
				"crypto map %s %u and %s are both %s: %s", e->map, e->seq, rs,
				e->conn_type == TC_CONN_ORIGINATE_ONLY ? "originate-only"
								       : "answer-only",
				e->conn_type == TC_CONN_ORIGINATE_ONLY ? "neither answers the other"
								       : "neither ever starts");
			rel(c, f, p, re->file, re->line, NULL, "%s", rs);
		}
	} else if (re->conn_type == TC_CONN_ORIGINATE_ONLY) {
		ok = false; /* it does not answer us */
	}
	return ok;
}

/* Phase 2 of e toward p when no static entry of p's set `map` lists us (me) and its dynamic
 * entries answer (R2.7): per permit line, the dynamic map entry the predictor picks
 * (sim_dyn_nearest), judged as a static responder is: TC120 when its `set peer` leaves us
 * out, TC116 when its ACL has no line for the mirror, else TC114/TC115 (check_phase2).
 * False when a line cannot come up that way. */
static bool check_dynamic(ctx *c, const tc_device *d, const tc_entry *e, const tc_device *p,
			  const char *map, uint32_t me, const char *ps, const char *subj)
{
	const map_index *pmi = sim_map_find(&c->sim, p, map);
	bool ok = true;
	for (const tc_ace *a = e->acl && pmi ? e->acl->aces : NULL; a; a = a->next) {
		tc_reason code;
		const tc_entry *x = a->permit ? sim_dyn_nearest(p, pmi, e, me, a->src, a->dst,
								ace_svc(a), &code)
					      : NULL;
		if (!x) /* a deny line, or a dynamic map without entries */
			continue;
		tc_finding *f = NULL;
		if (code == TC_REASON_PEER_NOT_LISTED && first_pair(c, "TC120", e, x))
			f = add(c, "TC120", d, e->file, e->line, ps, subj,
				"peer %s answers through dynamic map %s %u, whose set peer does not list %s (%s)",
				p->hostname, x->map, x->seq, ip_s(c, me), d->hostname);
		else if (code == TC_REASON_ACL_NOT_MIRRORED && first_pair(c, "TC116", a, x)) {
			f = add(c, "TC116", d, a->file, a->line, NULL,
				tc_arena_printf(c->a, "%s %u %s with %s", e->map, e->seq,
						pair_s(c, a->src, a->dst), p->hostname),
				"%s's dynamic map %s %u has no ACL line for %s: the domain never comes up with it",
				p->hostname, x->map, x->seq, pair_s(c, a->dst, a->src));
			if (f)
				f->sev = TC_SEV_ERROR;
		} else if (code != TC_REASON_PEER_NOT_LISTED &&
			   code != TC_REASON_ACL_NOT_MIRRORED) {
			ok &= check_phase2(c, d, e, p, x);
			continue;
		}
		ok = false;
		rel(c, f, p, x->file, x->line, NULL, "%s dynamic map %s %u", p->hostname, x->map,
		    x->seq);
	}
	return ok;
}

/* TC120 for peer p that answers e on its protected tunnel tun, not a crypto map: every permit
 * line of e must be a proposal the tunnel accepts (R1.11). True when each one is. */
static bool tunnel_answers(ctx *c, const tc_device *d, const tc_entry *e, const tc_device *p,
			   const tc_iface *tun, const char *ps, const char *subj)
{
	for (const tc_ace *a = e->acl ? e->acl->aces : NULL; a; a = a->next) {
		tc_prefix l = a->src, r = a->dst;
		const char *rule, *why;
		tc_reason code;
		if (!a->permit || !(why = sim_tunnel_answer(&c->sim, d, e, p, tun, &l, &r,
							    ace_svc(a), &rule, &code)))
			continue;
		tc_finding *f = add(c, "TC120", d, a->file, a->line, ps, subj,
				    "peer %s answers on tunnel %s, not a crypto map, and refuses "
				    "crypto map %s %u: %s",
				    p->hostname, tun->name, e->map, e->seq, why);
		rel(c, f, p, tun->file, tun->line, NULL, "%s interface %s", p->hostname, tun->name);
		return false;
	}
	return true;
}

/* Checks of entry e's k-th peer; true when nothing in the configs stops it. */
static bool check_peer(ctx *c, const tc_device *d, const tc_entry *e, const tc_iface *mi,
		       unsigned k)
{
	uint32_t peer = e->peers[k];
	const char *ps = ip_s(c, peer);
	const char *subj = tc_arena_printf(c->a, "%s %u peer %s", e->map, e->seq, ps);
	bool ok = true;
	const char *why = NULL;

	/* TC108: the route to the peer (R1.5) */
	const tc_fib_entry *fe = sim_lookup(&c->sim, d, peer);
	const tc_iface *pif = NULL;
	const tc_device *p = tc_device_by_addr(c->m, peer, &pif);
	if (!fe || !fe->iface) {
		add(c, "TC108", d, e->file, e->line, ps, subj,
		    "%s has no route to peer %s of crypto map %s %u", d->hostname, peer_s(c, peer),
		    e->map, e->seq);
		ok = false;
	} else if (mi && !sim_peer_route_leaves(&c->sim, d, fe, mi)) {
		tc_finding *f =
			add(c, "TC108", d, e->file, e->line, ps, subj,
			    "the route to peer %s leaves %s, not %s where crypto map %s is applied",
			    peer_s(c, peer), tc_iface_label(tc_fib_iface(d, fe)),
			    tc_iface_label(mi), e->map);
		if (fe->route)
			rel(c, f, d, fe->route->attr->file, fe->route->line, NULL,
			    "the route to %s", ps);
		ok = false;
	} else if (mi && p && p != d &&
		   (!sim_reach(&c->sim, d, peer, &why) || !sim_reach(&c->sim, p, mi->addr, &why))) {
		add(c, "TC108", d, e->file, e->line, ps, subj,
		    "IKE packets between %s and peer %s do not get through: %s", d->hostname,
		    peer_s(c, peer), why);
		ok = false;
	}

	/* TC109: a key (or a trustpoint) for the peer (R4.1); the predictor asks the same */
	unsigned ver = e->ike_version ? e->ike_version : 1;
	bool inside = p && p != d && mi;
	tc_authcheck ac;
	if (!tc_ike_auth(&ac, d, e, mi ? mi->addr : 0, inside ? p : NULL, peer, ver))
		ok = false;
	if (ac.a_no_key)
		add(c, "TC109", d, e->file, e->line, ps, subj,
		    "%s has no pre-shared key for peer %s of crypto map %s %u", d->hostname,
		    peer_s(c, peer), e->map, e->seq);
	if (ac.a_no_trust)
		add(c, "TC109", d, e->file, e->line, ps, subj,
		    "%s authenticates peer %s of crypto map %s %u with certificates and has no trustpoint",
		    d->hostname, peer_s(c, peer), e->map, e->seq);
	if (!inside)
		return ok;
	if (ac.b_no_profile) { /* the responder selects its IKEv2 profile by our identity */
		char id[300];
		add(c, "TC109", d, e->file, e->line, ps, subj,
		    "peer %s has no IKEv2 profile matching identity %s, which %s presents",
		    p->hostname, tc_ikeid_str(id, sizeof id, &ac.a_id), d->hostname);
	}

	/* TC120: the peer answers us at all (R4.1, L22) */
	uint32_t me = mi->addr;
	const char *mes = ip_s(c, me);
	const tc_entry *first = NULL, *dyn = NULL;
	size_t nresp = 0;
	/* a tunnel end answers a peer it has no crypto map for (R1.11) */
	const tc_iface *tun = pif->cmap ? NULL : sim_tunnel_toward(p, me, peer);
	if (tun)
		ok &= tunnel_answers(c, d, e, p, tun, ps, subj);
	else if (!pif->cmap || !set_of(c, p, pif->cmap)) {
		tc_finding *f =
			add(c, "TC120", d, e->file, e->line, ps, subj,
			    "peer %s has no crypto map on %s, where %s lives: it cannot answer %s",
			    p->hostname, tc_iface_label(pif), ps, d->hostname);
		rel(c, f, p, pif->file, pif->line, NULL, "%s interface %s", p->hostname,
		    tc_iface_label(pif));
		return false;
	}
	if (!tun)
		nresp = answering(c, p, pif->cmap, me, &first, &dyn);
	if (!tun && nresp == 0 && !dyn && !sim_unresolved_peer(p, pif->cmap)) {
		tc_finding *f = add(c, "TC120", d, e->file, e->line, ps, subj,
				    "peer %s has no entry in crypto map %s that lists %s (%s)",
				    p->hostname, pif->cmap, mes, d->hostname);
		rel(c, f, p, pif->file, pif->line, NULL, "%s applies crypto map %s here",
		    p->hostname, pif->cmap);
		ok = false;
	}
	const tc_psk *k1 = ac.ka, *k2 = ac.kb;
	/* an entry of p listing us gets its own TC109; a dynamic one does not */
	if (ac.b_no_key && nresp == 0 && dyn) {
		tc_finding *f = add(c, "TC120", d, e->file, e->line, ps, subj,
				    "peer %s has no pre-shared key for %s (%s)", p->hostname, mes,
				    d->hostname);
		rel(c, f, p, dyn->file, dyn->line, NULL, "%s crypto map %s %u", p->hostname,
		    dyn->map, dyn->seq);
	}

	if (ac.method_mismatch)
		auth_mismatch(c, d, e, p, &ac, ver);
	/* TC111: the two keys (compared by digest) */
	if (ac.keys_differ) {
		if (first_pair(c, "TC111", d, p)) {
			tc_finding *f = add(
				c, "TC111", d, k1->file, k1->line, k1->peer.len == 32 ? ps : NULL,
				tc_arena_printf(c->a, "peer %s", p->hostname),
				"the pre-shared key %s holds for %s differs from the one %s holds for %s",
				d->hostname, ps, p->hostname, mes);
			rel(c, f, p, k2->file, k2->line, k2->peer.len == 32 ? mes : NULL,
			    "%s's key for %s", p->hostname, mes);
		}
	}

	/* TC112/TC113: phase 1 policies (R4.8) */
	const tc_ikepol *x = ac.xa, *y = ac.xb;
	if (ac.no_policy) {
		if (first_pair(c, "TC112", d, p)) {
			const tc_ikepol *fx = first_policy(d, ver), *fy = first_policy(p, ver);
			tc_finding *f = add(
				c, "TC112", d, fx ? fx->file : e->file, fx ? fx->line : e->line,
				NULL, tc_arena_printf(c->a, "peer %s", p->hostname),
				"%s and peer %s have no common IKEv%u %s policy (encryption, hash, DH group)",
				d->hostname, p->hostname, ver,
				ac.a_uses & TC_AUTH_CERTS ? "certificate" : "pre-share");
			if (fy)
				rel(c, f, p, fy->file, fy->line, NULL, "%s IKEv%u policy %u",
				    p->hostname, ver, fy->prio);
		}
	} else if (x && y) {
		unsigned lx = x->lifetime ? x->lifetime : 86400,
			 ly = y->lifetime ? y->lifetime : 86400;
		if (lx != ly && first_pair(c, "TC113", d, p)) {
			tc_finding *f = add(
				c, "TC113", d, x->file, x->line, NULL,
				tc_arena_printf(c->a, "peer %s", p->hostname),
				"IKE policy %u of %s has lifetime %u s, the matching policy %u of %s %u s",
				x->prio, d->hostname, lx, y->prio, p->hostname, ly);
			rel(c, f, p, y->file, y->line, NULL, "%s IKE policy %u", p->hostname,
			    y->prio);
		}
	}

	/* phase 2 against the entries that would answer: per permit line, the
	 * entry that accepts its mirror (answering_entry), or the first listing
	 * us when none does (TC116 or the prediction tells that story) */
	if (!first)
		return tun || !dyn ? ok : check_dynamic(c, d, e, p, pif->cmap, me, ps, subj) && ok;
	const map_index *pmi = sim_map_find(&c->sim, p, pif->cmap);
	bool checked = false;
	for (const tc_ace *a = e->acl ? e->acl->aces : NULL; a; a = a->next) {
		if (!a->permit)
			continue;
		const tc_entry *re =
			pmi ? sim_answering_entry(&c->sim, pmi, me, a->src, a->dst, ace_svc(a))
			    : NULL;
		if (!check_phase2(c, d, e, p, re ? re : first))
			ok = false;
		checked = true;
	}
	if (!checked && !check_phase2(c, d, e, p, first))
		ok = false;
	if (e->conn_type != TC_CONN_BIDIRECTIONAL && p->dialect == TC_DIALECT_IOS) {
		const char *rs = tc_arena_printf(c->a, "%s crypto map %s %u", p->hostname,
						 first->map, first->seq);
		tc_finding *f = add(
			c, "TC121", d, e->file, e->line, NULL,
			tc_arena_printf(c->a, "%s %u with %s %s %u", e->map, e->seq, p->hostname,
					first->map, first->seq),
			"crypto map %s %u is %s toward %s, an IOS router: the backup LAN-to-LAN feature works between ASA-class devices only",
			e->map, e->seq,
			e->conn_type == TC_CONN_ORIGINATE_ONLY ? "originate-only" : "answer-only",
			p->hostname);
		if (f)
			f->sev = TC_SEV_WARNING;
		rel(c, f, p, first->file, first->line, NULL, "%s", rs);
	}
	/* TC116: ACL mirroring, per permit line (R2.3) */
	if (e->acl)
		for (const tc_ace *a = e->acl->aces; a; a = a->next)
			if (a->permit)
				check_mirror(c, d, e, a, p, pif->cmap, me, first);
	return ok;
}

static void check_wildcard_psks(ctx *c, const tc_device *d)
{
	for (const tc_psk *k = d->psks; k; k = k->next)
		if (k->peer.len == 0)
			add(c, "TC110", d, k->file, k->line, "0.0.0.0", "psk 0.0.0.0/0",
			    "%s has a wildcard pre-shared key: every peer without its own key authenticates with it",
			    d->hostname);
}

/* ---- routing checks (TC124-TC131) ---------------------------------------------- */

/* Two devices' routing configs that cannot work together. The link rules read each pair of
 * interfaces on one shared subnet once (rt_link_peers: the model's links, and /31 ends);
 * which process covers an interface, whether it is passive there and the router id are the
 * routing pass's own predicates (routing_int.h), so lint and the pass agree. No rule fires
 * where a side does not run the protocol. */

static bool has_procs(const tc_device *d)
{
	return d->rt && d->rt->procs;
}

static bool runs(const tc_rproc *p, tc_rp_kind kind)
{
	return p->kind == kind && !p->shutdown;
}

/* "0" for area 0, "0.0.0.0"-style for ids past 65535 (written dotted in practice). */
static const char *area_s(ctx *c, uint32_t id)
{
	return id < 65536 ? tc_arena_printf(c->a, "%u", id) : ip_s(c, id);
}

static tc_area_type area_type(const tc_rproc *p, uint32_t id, const tc_area **out)
{
	*out = NULL;
	for (const tc_area *a = p->areas; a; a = a->next)
		if (a->id == id) {
			*out = a;
			return (tc_area_type)a->type;
		}
	return TC_AREA_NORMAL;
}

static const char *area_type_s(tc_area_type t)
{
	return t == TC_AREA_STUB ? "stub" : t == TC_AREA_NSSA ? "NSSA" : "normal";
}

static const char *nettype_s(int t)
{
	switch (t) {
	case TC_OSPF_NET_P2P:
		return "point-to-point";
	case TC_OSPF_NET_NBMA:
		return "non-broadcast";
	case TC_OSPF_NET_P2MP:
		return "point-to-multipoint";
	default:
		return "broadcast";
	}
}

/* Default hello interval of a network type: 10 s, 30 s on NBMA and point-to-multipoint. */
static unsigned hello_s(int t)
{
	return t == TC_OSPF_NET_NBMA || t == TC_OSPF_NET_P2MP ? 30 : 10;
}

/* One interface of a link and what runs on it. */
typedef struct link_end {
	const tc_device *d;
	const tc_iface *i;
	const tc_rproc *proc;
	bool passive;
} link_end;

static const char *end_s(ctx *c, const link_end *e)
{
	return tc_arena_printf(c->a, "%s %s", e->d->hostname, tc_iface_label(e->i));
}

/* "ospf 10.0.12.0/30 Gi0/1 with R2": one subject per pair and protocol. */
static const char *link_subject(ctx *c, const char *proto, const link_end *x, const link_end *y)
{
	return tc_arena_printf(c->a, "%s %s %s with %s", proto,
			       pfx_s(c, tc_prefix_make(x->i->addr, x->i->plen)), x->i->name,
			       y->d->hostname);
}

/* Both interfaces and both processes as related lines of f. */
static void rel_link(ctx *c, tc_finding *f, const link_end *x, const link_end *y)
{
	rel(c, f, y->d, y->i->file, y->i->line, NULL, "%s interface %s", y->d->hostname,
	    tc_iface_label(y->i));
	rel(c, f, x->d, x->proc->file, x->proc->line, NULL, "%s router %s %u", x->d->hostname,
	    tc_rp_kind_name(x->proc->kind), x->proc->id);
	rel(c, f, y->d, y->proc->file, y->proc->line, NULL, "%s router %s %u", y->d->hostname,
	    tc_rp_kind_name(y->proc->kind), y->proc->id);
}

/* TC131 when exactly one end is passive; true when an end is (no adjacency is wanted, so
 * nothing else about the link matters yet). */
static bool check_passive(ctx *c, const char *proto, const link_end *x, const link_end *y)
{
	if (!x->passive && !y->passive)
		return false;
	if (x->passive && y->passive)
		return true;
	const link_end *ps = x->passive ? x : y, *ac = x->passive ? y : x;
	/* once per passive interface and process, however many routers share the subnet */
	if (!first_pair(c, "TC131", ps->i, ps->proc))
		return true;
	const char *what = ps->proc->kind == TC_RP_OSPF ? "OSPF process" : "EIGRP AS";
	tc_finding *f = add(
		c, "TC131", ps->d, ps->proc->file, ps->proc->line, NULL,
		link_subject(c, proto, ps, ac),
		"%s is passive in %s %u, but %s runs %s %u on %s without passive: no adjacency forms on the link",
		end_s(c, ps), what, ps->proc->id, end_s(c, ac), what, ac->proc->id,
		pfx_s(c, tc_prefix_make(ps->i->addr, ps->i->plen)));
	rel(c, f, ac->d, ac->i->file, ac->i->line, NULL, "%s interface %s", ac->d->hostname,
	    tc_iface_label(ac->i));
	rel(c, f, ps->d, ps->i->file, ps->i->line, NULL, "%s interface %s", ps->d->hostname,
	    tc_iface_label(ps->i));
	return true;
}

/* TC126: the area's type on the two ends. */
static void check_stub(ctx *c, const link_end *x, const link_end *y, uint32_t area)
{
	const tc_area *ax, *ay;
	tc_area_type tx = area_type(x->proc, area, &ax), ty = area_type(y->proc, area, &ay);
	if (tx == ty)
		return;
	/* at the `area X stub|nssa` line, on x when it has one */
	const link_end *at = ax && tx != TC_AREA_NORMAL ? x : y;
	const tc_area *aa = at == x ? ax : ay;
	const link_end *other = at == x ? y : x;
	const tc_area *ao = at == x ? ay : ax;
	tc_finding *f = add(
		c, "TC126", at->d, aa->file, aa->line, NULL, link_subject(c, "ospf", at, other),
		"OSPF area %s is %s on %s but %s on %s: the Hellos' option bits differ, no adjacency",
		area_s(c, area), area_type_s(at == x ? tx : ty), end_s(c, at),
		area_type_s(at == x ? ty : tx), end_s(c, other));
	if (ao)
		rel(c, f, other->d, ao->file, ao->line, NULL, "%s area %s", other->d->hostname,
		    area_s(c, area));
	rel_link(c, f, at, other);
}

/* TC125: the network types of the two ends. */
static void check_nettype(ctx *c, const link_end *x, const link_end *y)
{
	int tx = rt_ospf_nettype(x->i), ty = rt_ospf_nettype(y->i);
	if (tx == ty || tx == TC_OSPF_NET_LOOPBACK || ty == TC_OSPF_NET_LOOPBACK)
		return;
	/* at the end whose type is configured, x when both or neither are */
	bool xset = x->i->rt && x->i->rt->ospf_nettype, yset = y->i->rt && y->i->rt->ospf_nettype;
	const link_end *at = !xset && yset ? y : x, *other = at == x ? y : x;
	int ta = at == x ? tx : ty, to = at == x ? ty : tx;
	tc_finding *f;
	if (hello_s(ta) != hello_s(to)) {
		f = add(c, "TC125", at->d, at->i->file, at->i->line, NULL,
			link_subject(c, "ospf", at, other),
			"%s is OSPF %s (hello %u s), %s is %s (hello %u s): the hellos disagree, no adjacency",
			end_s(c, at), nettype_s(ta), hello_s(ta), end_s(c, other), nettype_s(to),
			hello_s(to));
		if (f)
			f->sev = TC_SEV_ERROR;
	} else {
		f = add(c, "TC125", at->d, at->i->file, at->i->line, NULL,
			link_subject(c, "ospf", at, other),
			"%s is OSPF %s, %s is %s: the adjacency comes up but the SPF finds no link back, so no route crosses it",
			end_s(c, at), nettype_s(ta), end_s(c, other), nettype_s(to));
	}
	rel_link(c, f, at, other);
}

/* TC124-TC126 and TC131 for OSPF on one pair of interfaces of a link. */
static void check_ospf_link(ctx *c, link_end x, link_end y)
{
	uint32_t ax = 0, ay = 0;
	x.proc = rt_ospf_owner(x.d, x.i, &ax);
	y.proc = rt_ospf_owner(y.d, y.i, &ay);
	if (!x.proc || !y.proc)
		return;
	x.passive = rt_iface_passive(x.proc, x.i);
	y.passive = rt_iface_passive(y.proc, y.i);
	if (check_passive(c, "ospf", &x, &y))
		return;
	if (ax != ay) {
		tc_finding *f = add(
			c, "TC124", x.d, x.i->file, x.i->line, NULL,
			link_subject(c, "ospf", &x, &y),
			"%s is in OSPF area %s and %s in area %s on %s: they never become neighbours",
			end_s(c, &x), area_s(c, ax), end_s(c, &y), area_s(c, ay),
			pfx_s(c, tc_prefix_make(x.i->addr, x.i->plen)));
		rel_link(c, f, &x, &y);
		return;
	}
	check_stub(c, &x, &y, ax);
	check_nettype(c, &x, &y);
}

/* TC130 and TC131 for EIGRP on one pair of interfaces: an interface may run several EIGRP
 * processes, and the ends meet in any AS they share. */
static void check_eigrp_link(ctx *c, link_end x, link_end y)
{
	const tc_rproc *fx = NULL, *fy = NULL;
	for (const tc_rproc *p = x.d->rt->procs; p; p = p->next) {
		if (!runs(p, TC_RP_EIGRP) || !rt_iface_in_proc(x.d, x.i, p, NULL))
			continue;
		fx = fx ? fx : p;
		for (const tc_rproc *q = y.d->rt->procs; q; q = q->next) {
			if (!runs(q, TC_RP_EIGRP) || !rt_iface_in_proc(y.d, y.i, q, NULL))
				continue;
			fy = fy ? fy : q;
			if (p->id != q->id)
				continue;
			x.proc = p;
			y.proc = q;
			x.passive = rt_iface_passive(p, x.i);
			y.passive = rt_iface_passive(q, y.i);
			check_passive(c, "eigrp", &x, &y);
			return;
		}
	}
	if (!fx || !fy || (rt_iface_passive(fx, x.i) && rt_iface_passive(fy, y.i)))
		return;
	x.proc = fx;
	y.proc = fy;
	tc_finding *f =
		add(c, "TC130", x.d, x.i->file, x.i->line, NULL, link_subject(c, "eigrp", &x, &y),
		    "%s runs EIGRP AS %u and %s EIGRP AS %u on %s: they never become neighbours",
		    end_s(c, &x), fx->id, end_s(c, &y), fy->id,
		    pfx_s(c, tc_prefix_make(x.i->addr, x.i->plen)));
	rel_link(c, f, &x, &y);
}

typedef struct link_walk {
	ctx *c;
	const tc_device *d;
	const tc_iface *i;
} link_walk;

static void on_link_peer(size_t k, const tc_iface *j, void *payload)
{
	const link_walk *w = payload;
	const tc_device *p = w->c->m->devs[k];
	/* each pair once, from the device first by hostname (devs is sorted) */
	if (k <= w->d->index || !has_procs(p))
		return;
	link_end x = {w->d, w->i, NULL, false}, y = {p, j, NULL, false};
	check_ospf_link(w->c, x, y);
	check_eigrp_link(w->c, x, y);
}

static void check_links(ctx *c, const tc_device *d)
{
	/* rt_link_peers reads the pass's model and nothing else of it */
	const rt_pass rp = {.m = (tc_model *)c->m};
	link_walk w = {c, d, NULL};
	for (const tc_iface *i = d->ifaces; i; i = i->next) {
		w.i = i;
		rt_link_peers(&rp, d, i, on_link_peer, &w);
	}
}

/* d's BGP process for the table vrf, when it runs. */
static const tc_rproc *bgp_in(const tc_device *d, const char *vrf)
{
	const tc_rproc *p = rt_bgp_proc(d, vrf);
	return p && runs(p, TC_RP_BGP) ? p : NULL;
}

/* Does one of p's neighbour statements name an address of device d? */
static bool names_device(const tc_model *m, const tc_rproc *p, const tc_device *d)
{
	for (const tc_bgp_nbr *q = p->nbrs; q; q = q->next)
		if (tc_device_by_addr(m, q->addr, NULL) == d)
			return true;
	return false;
}

/* TC128/TC129: a consistency check of the configs' neighbour statements (each side names the
 * other, with the other's AS). Whether a session comes up (reachability, update-source...)
 * is the BGP pass's (model/routing/bgp.c). */
/* Does d use a feature the parser notes as not modelled (tc_rt_unmodelled's name)? */
static bool uses_unmodelled(const tc_device *d, const char *feature)
{
	for (const struct tc_rt_unmodelled *u = d->rt->unmodelled; u; u = u->next)
		if (strcmp(u->feature, feature) == 0)
			return true;
	return false;
}

/* Can the AS one side presents differ from its `router bgp` (local-as, confederations)?
 * Then a remote-as mismatch is not decided. */
static bool as_uncertain(const tc_device *d)
{
	return uses_unmodelled(d, "BGP local-as") || uses_unmodelled(d, "BGP confederations");
}

static void check_bgp(ctx *c, const tc_device *d)
{
	for (const tc_rproc *x = d->rt->procs; x; x = x->next) {
		if (!runs(x, TC_RP_BGP))
			continue;
		for (const tc_bgp_nbr *n = x->nbrs; n; n = n->next) {
			const tc_iface *pif = NULL;
			const tc_device *p =
				n->shutdown ? NULL : tc_device_by_addr(c->m, n->addr, &pif);
			const tc_rproc *y =
				p && p != d && has_procs(p) ? bgp_in(p, pif->vrf) : NULL;
			if (!y)
				continue;
			const char *ns = ip_s(c, n->addr);
			const char *subj = tc_arena_printf(c->a, "bgp %u neighbor %s", x->id, ns);
			if (n->remote_as && n->remote_as != y->id && !as_uncertain(d) &&
			    !as_uncertain(p)) {
				tc_finding *f = add(
					c, "TC129", d, n->file, n->line, ns, subj,
					"neighbor %s has remote-as %u, but %s runs BGP in AS %u: the session never establishes",
					peer_s(c, n->addr), n->remote_as, p->hostname, y->id);
				rel(c, f, p, y->file, y->line, NULL, "%s router bgp %u",
				    p->hostname, y->id);
			}
			/* dynamic neighbours (`bgp listen range`) accept unnamed peers */
			if (!names_device(c->m, y, d) &&
			    !uses_unmodelled(p, "BGP dynamic neighbours")) {
				tc_finding *f = add(
					c, "TC128", d, n->file, n->line, ns, subj,
					"neighbor %s runs BGP (AS %u) but has no neighbor statement for any address of %s: the session never comes up",
					peer_s(c, n->addr), y->id, d->hostname);
				rel(c, f, p, y->file, y->line, NULL, "%s router bgp %u",
				    p->hostname, y->id);
			}
		}
	}
}

/* One process's router id, for TC127. */
typedef struct rid_rec {
	uint32_t rid;
	uint8_t kind;
	unsigned seq; /* collection order: devices by hostname, processes in order */
	const char *vrf;
	const tc_device *d;
	const tc_rproc *proc;
} rid_rec;

static int cmp_rid(const void *pa, const void *pb)
{
	const rid_rec *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	int c = cmp_str_null(a->vrf, b->vrf);
	if (c)
		return c;
	if (a->rid != b->rid)
		return a->rid < b->rid ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Where a router id comes from: the process (router-id), or the interface holding it. */
static void rid_where(const rid_rec *r, const char **file, unsigned *line, bool *on_iface)
{
	*file = r->proc->file;
	*line = r->proc->line;
	*on_iface = false;
	if (r->proc->has_router_id)
		return;
	for (const tc_iface *i = r->d->ifaces; i; i = i->next)
		if (i->has_addr && !i->shutdown && i->addr == r->rid &&
		    rt_same_vrf(i->vrf, r->vrf)) {
			*file = i->file;
			*line = i->line;
			*on_iface = true;
			return;
		}
}

static void report_rid(ctx *c, const rid_rec *first, const rid_rec *r)
{
	const char *proto = r->kind == TC_RP_OSPF ? "OSPF" : "BGP";
	const char *rs = ip_s(c, r->rid);
	const char *file, *ffile;
	unsigned line, fline;
	bool on_iface, fon_iface;
	rid_where(r, &file, &line, &on_iface);
	rid_where(first, &ffile, &fline, &fon_iface);
	tc_finding *f =
		add(c, "TC127", r->d, file, line, on_iface ? rs : NULL,
		    tc_arena_printf(c->a, "%s router-id %s", proto, rs),
		    "%s and %s both use %s router id %s%s", r->d->hostname, first->d->hostname,
		    proto, rs, on_iface ? " (no router-id: the highest address)" : "");
	if (f && r->kind == TC_RP_BGP && r->proc->id != first->proc->id)
		f->sev = TC_SEV_WARNING; /* different ASes: allowed since RFC 6286 */
	rel(c, f, first->d, ffile, fline, fon_iface ? rs : NULL, "%s's %s router id",
	    first->d->hostname, proto);
}

/* TC127: per protocol and table, the processes of two devices with one router id. */
static void check_router_ids(ctx *c)
{
	rid_rec *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t k = 0; k < c->m->ndevs; k++) {
		const tc_device *d = c->m->devs[k];
		for (const tc_rproc *p = has_procs(d) ? d->rt->procs : NULL; p; p = p->next) {
			uint32_t rid =
				runs(p, TC_RP_OSPF) || runs(p, TC_RP_BGP) ? rt_router_id(d, p) : 0;
			if (!rid)
				continue;
			TC_GROW(v, n + 1, cap);
			v[n] = (rid_rec){rid, p->kind, (unsigned)n, p->vrf, d, p};
			n++;
		}
	}
	if (n)
		qsort(v, n, sizeof *v, cmp_rid);
	/* runs of one (protocol, table, id), a device's processes next to each other: each
	   other device of a run against the first */
	for (size_t j = 0; j < n;) {
		size_t e = j + 1;
		for (; e < n && v[e].kind == v[j].kind && v[e].rid == v[j].rid &&
		       cmp_str_null(v[e].vrf, v[j].vrf) == 0;
		     e++)
			if (v[e].d != v[j].d && v[e].d != v[e - 1].d)
				report_rid(c, &v[j], &v[e]);
		j = e;
	}
	free(v);
}

static void check_routing(ctx *c)
{
	bool any = false;
	for (size_t k = 0; k < c->m->ndevs && !any; k++)
		any = has_procs(c->m->devs[k]);
	if (!any)
		return;
	for (size_t k = 0; k < c->m->ndevs; k++) {
		const tc_device *d = c->m->devs[k];
		if (!has_procs(d))
			continue;
		check_links(c, d);
		check_bgp(c, d);
	}
	check_router_ids(c);
}

/* ---- predictor-based checks (TC201-TC204) -------------------------------------- */

/* Related lines: the routes that carry the domain's return traffic, from the
 * device holding the remote proxy toward the local one, until it reaches a
 * device listed as a peer (or the domain's own device). */
static void return_path_of(ctx *c, tc_finding *f, const tc_domain *dm, tc_prefix local,
			   tc_prefix remote)
{
	uint32_t src = tc_prefix_host(remote), dst = tc_prefix_host(local);
	const tc_device *d = sim_origin_of(&c->sim, src);
	char ip[TC_IP_STRLEN];
	for (int hop = 0; d && hop < 8; hop++) {
		if (d == dm->device)
			return;
		for (unsigned k = 0; k < dm->entry->npeers; k++)
			if (tc_device_by_addr(c->m, dm->entry->peers[k], NULL) == d)
				return;
		const tc_fib_entry *fe = sim_lookup(&c->sim, d, dst);
		if (!fe || !fe->iface)
			return;
		/* every equal-cost route shares the flows (L21); the walk goes on by the first */
		const tc_fib_entry *paths[TC_MAX_ECMP];
		size_t np = sim_ecmp_paths(&c->sim, paths, d, fe);
		const tc_device *first = NULL;
		for (size_t k = 0; k < np; k++) {
			fe = paths[k];
			uint32_t nh = tc_fib_has_nh(fe) ? tc_fib_nh(fe) : dst;
			const tc_device *next = tc_device_by_addr(c->m, nh, NULL);
			if (k == 0)
				first = next;
			/* a route narrower than the domain's side names the part it splits off */
			tc_prefix rt = {fe->addr, fe->len};
			bool splits = rt.len > dm->local.len && tc_prefix_contains(dm->local, rt);
			if (fe->route && fe->route->attr->file)
				rel(c, f, d, fe->route->attr->file, fe->route->line,
				    tc_ip_format(ip, sizeof ip, nh),
				    "%s returns traffic for %s toward %s%s%s%s", d->hostname,
				    pfx_s(c, splits ? rt : dm->local), ip_s(c, nh),
				    next ? ", " : "", next ? next->hostname : "",
				    np < 2 ? ""
					   : tc_arena_printf(c->a, " (equal-cost path %zu of %zu)",
							     k + 1, np));
		}
		d = first;
	}
}

/* The return path of each header-space part of a split domain (every route
 * that splits it), else of the whole proxy pair. */
static void return_path(ctx *c, tc_finding *f, const tc_domain *dm)
{
	if (dm->nparts < 2) {
		return_path_of(c, f, dm, dm->local, dm->remote);
		return;
	}
	for (size_t i = 0; i < dm->nparts; i++)
		return_path_of(c, f, dm, dm->parts[i].local, dm->parts[i].remote);
}

/* One root cause, one finding: an oscillating domain whose far end is an
 * oscillating domain listing more peers (the hub's side of the same SA pair)
 * is reported there, as a related line. Asking every domain of the
 * prediction for each one is quadratic (cubic with the related lines), so
 * the domains that can carry such a finding are sorted by (device, proxy
 * pair) once, and a domain's hub is one search per listed peer. */
typedef struct hub_rec {
	const tc_device *device;
	tc_prefix local, remote;
	size_t idx;	   /* in p->domains */
	unsigned maxpeers; /* the most peers listed by its run's records up to this one */
} hub_rec;

static int cmp_hub_key(const hub_rec *a, const tc_device *d, tc_prefix l, tc_prefix r)
{
	if (a->device != d)
		return a->device->index < d->index ? -1 : 1;
	int c = tc_prefix_cmp(a->local, l);
	return c ? c : tc_prefix_cmp(a->remote, r);
}

static int cmp_hub_rec(const void *x, const void *y)
{
	const hub_rec *a = x, *b = y;
	int c = cmp_hub_key(a, b->device, b->local, b->remote);
	return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

/* Can dm carry its far ends' TC202 finding? */
static bool hub_candidate(const tc_domain *dm)
{
	return dm->state == TC_STATE_OSCILLATING && dm->entry && dm->ace && !dm->tunnel;
}

/* The first record of v[0..n) on device d with the pair l -> r listing more than npeers
 * peers, or NULL. Within a run maxpeers only grows: one binary search. */
static const hub_rec *hub_find(const hub_rec *v, size_t n, const tc_device *d, tc_prefix l,
			       tc_prefix r, unsigned npeers)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_hub_key(&v[mid], d, l, r);
		if (c < 0 || (c == 0 && v[mid].maxpeers <= npeers))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && cmp_hub_key(&v[lo], d, l, r) == 0 ? &v[lo] : NULL;
}

/* The hub domain dm is reported at: the first oscillating domain (in p's order) on a device
 * dm's entry lists as a peer, with the mirrored proxy pair and more peers; none when dm is
 * not oscillating. Returns 1 + its index, or 0. */
static size_t hub_of(const tc_model *m, const hub_rec *v, size_t n, const tc_domain *dm)
{
	if (dm->state != TC_STATE_OSCILLATING || !dm->entry || dm->tunnel)
		return 0;
	size_t best = 0;
	for (unsigned k = 0; k < dm->entry->npeers; k++) {
		const tc_device *d = tc_device_by_addr(m, dm->entry->peers[k], NULL);
		const hub_rec *h =
			d ? hub_find(v, n, d, dm->remote, dm->local, dm->entry->npeers) : NULL;
		if (h && (!best || h->idx + 1 < best))
			best = h->idx + 1;
	}
	return best;
}

/* c->hub and c->next_end for the domains of p. */
static void index_hubs(ctx *c, const tc_prediction *p)
{
	size_t n = 0, nd = p->ndomains;
	hub_rec *v = tc_xmalloc((nd + 1) * sizeof *v);
	for (size_t i = 0; i < nd; i++) {
		const tc_domain *dm = &p->domains[i];
		if (hub_candidate(dm))
			v[n++] = (hub_rec){dm->device, dm->local, dm->remote, i, dm->entry->npeers};
	}
	qsort(v, n, sizeof *v, cmp_hub_rec);
	for (size_t i = 1; i < n; i++)
		if (cmp_hub_key(&v[i - 1], v[i].device, v[i].local, v[i].remote) == 0 &&
		    v[i - 1].maxpeers > v[i].maxpeers)
			v[i].maxpeers = v[i - 1].maxpeers;
	c->hub = tc_xcalloc(nd + 1, sizeof *c->hub);
	c->next_end = tc_xcalloc(nd + 1, sizeof *c->next_end);
	c->first_end = tc_xcalloc(nd + 1, sizeof *c->first_end);
	for (size_t i = nd; i-- > 0;) { /* each hub's list of far ends in domain order */
		size_t h = hub_of(c->m, v, n, &p->domains[i]);
		c->hub[i] = h;
		if (h && p->domains[i].ace) {
			c->next_end[i] = c->first_end[h - 1];
			c->first_end[h - 1] = i + 1;
		}
	}
	free(v);
}

/* The hub domain dm's TC202 finding is reported at, or NULL. */
static const tc_domain *reported_at(const ctx *c, const tc_prediction *p, const tc_domain *dm)
{
	size_t h = c->hub ? c->hub[dm - p->domains] : 0;
	return h ? &p->domains[h - 1] : NULL;
}

/* Related lines on f (hub's finding) for the far ends reported with it. */
static void far_ends(ctx *c, tc_finding *f, const tc_prediction *p, const tc_domain *hub)
{
	for (size_t i = f ? c->first_end[hub - p->domains] : 0; i; i = c->next_end[i - 1]) {
		const tc_domain *dm = &p->domains[i - 1];
		rel(c, f, dm->device, dm->ace->file, dm->ace->line, NULL,
		    "%s's end of the same SA pair (crypto map %s %u) oscillates with it",
		    dm->device->hostname, dm->entry->map, dm->entry->seq);
	}
}

/* " (rests on 5.100.9.9, outside the snapshot, answering as configured)" on
 * the finding of a domain whose owner is assumed. */
static void note_assumed(ctx *c, tc_finding *f, const tc_domain *dm)
{
	if (!f || !dm->assumed)
		return;
	char who[256];
	tc_domain_outside_owners(dm, c->m, who, sizeof who);
	f->msg = tc_arena_printf(c->a,
				 "%s (the prediction rests on %s answering as configured: a peer "
				 "outside the snapshot)",
				 f->msg, who);
}

/* Why a domain fails: the last negotiation its own device lost, else the
 * last any device lost, else the last drop; NULL when none. */
static const char *last_failure(const tc_domain *dm)
{
	const char *any_reject = NULL, *any_drop = NULL;
	for (int t = 0; t < 2; t++) {
		const tc_trace *tr = &dm->traces[t];
		for (size_t i = tr->nevents; i-- > 0;) {
			const tc_event evt = tc_trace_event(tr, i), *ev = &evt;
			if (ev->kind == TC_EV_REJECT && ev->device == dm->device)
				return ev->text;
			if (ev->kind == TC_EV_REJECT && !any_reject)
				any_reject = ev->text;
			if (ev->kind == TC_EV_DROP && !any_drop)
				any_drop = ev->text;
		}
	}
	return any_reject ? any_reject : any_drop;
}

static const char *owner_s(ctx *c, const tc_domain *dm)
{
	char buf[TC_IP_STRLEN];
	return tc_arena_strdup(c->a, tc_domain_owner_name(dm, buf, sizeof buf));
}

static tc_finding *check_state(ctx *c, const tc_prediction *p, const tc_domain *dm);

static void check_domain(ctx *c, const tc_prediction *p, const tc_domain *dm)
{
	tc_finding *f = check_state(c, p, dm);
	if (f)
		f->domain = dm;
	note_assumed(c, f, dm);
}

/* An owner dm had on the way other than own (its final one), or NULL. */
static const char *moved_away(const tc_domain *dm, const char *own)
{
	for (size_t i = 0; i < dm->nowners_seen; i++)
		if (strcmp(dm->owners_seen[i], own) != 0)
			return dm->owners_seen[i];
	return NULL;
}

/* The finding of dm's state, or NULL. */
static tc_finding *check_state(ctx *c, const tc_prediction *p, const tc_domain *dm)
{
	const tc_device *d = dm->device;
	const tc_entry *e = dm->entry;
	const tc_ace *a = dm->ace;
	if (!d || !e || !a)
		return NULL;
	const char *pr = pair_s(c, dm->local, dm->remote);
	const char *subj = tc_arena_printf(c->a, "%s %u %s", e->map, e->seq, pr);
	/* read the traces only for the states that print why: they are the
	 * prediction's largest part, and most domains are stable */
	const char *why = dm->state == TC_STATE_ONE_WAY || dm->state == TC_STATE_DOWN
				  ? last_failure(dm)
				  : NULL;
	tc_finding *f = NULL;
	switch (dm->state) {
	case TC_STATE_OSCILLATING: {
		if (reported_at(c, p, dm))
			return NULL;
		char seen[256] = "";
		for (size_t i = 0; i < dm->nowners_seen; i++) {
			size_t n = strlen(seen);
			snprintf(seen + n, sizeof seen - n, "%s%s", i ? ", " : "",
				 dm->owners_seen[i]);
		}
		f = add(c, "TC202", d, a->file, a->line, NULL, subj,
			"predicted oscillating: the SA for %s keeps being replaced (owners seen: %s)",
			pr, seen[0] ? seen : "none");
		return_path(c, f, dm);
		far_ends(c, f, p, dm);
		return f;
	}
	case TC_STATE_ONE_WAY:
		f = add(c, "TC203", d, a->file, a->line, NULL, subj, "predicted one-way: %s%s%s",
			dm->summary, why ? "; " : "", why ? why : "");
		if (f) /* TC201 may follow: this one is finished here */
			f->domain = dm;
		note_assumed(c, f, dm);
		return_path(c, f, dm);
		break;
	case TC_STATE_DOWN:
		f = add(c, "TC204", d, a->file, a->line, NULL, subj,
			"predicted down: no SA comes up for %s%s%s", pr, why ? "; " : "",
			why ? why : "");
		return f;
	case TC_STATE_STANDBY: /* no SA by design: the gateway that carries it is judged */
		return NULL;
	case TC_STATE_STABLE:
	default:
		break;
	}
	/* TC201: ownership moved away from the first usable peer (R4.1, R4.3) */
	if (e->npeers < 2)
		return NULL;
	unsigned mask = get_usable(c, e);
	unsigned start = e->default_peer > 0 && (unsigned)e->default_peer < e->npeers
				 ? (unsigned)e->default_peer
				 : 0;
	int first = -1;
	for (unsigned k = 0; k < e->npeers && first < 0; k++) {
		unsigned idx = (start + k) % e->npeers;
		if (mask & (1u << idx))
			first = (int)idx;
	}
	bool moved = dm->nowners_seen > 1;
	/* a peer outside the snapshot is assumed to answer: no routing story to tell */
	if (dm->owner && first >= 0 && dm->owner_addr != e->peers[first])
		moved = true;
	if (!moved)
		return NULL;
	const char *own = owner_s(c, dm);
	const char *pref = first >= 0 ? peer_s(c, e->peers[first]) : "the first peer";
	const char *away = moved_away(dm, own);
	if (own[0] && away && first >= 0 && dm->owner_addr == e->peers[first])
		f = add(c, "TC201", d, a->file, a->line, NULL, subj,
			"ownership of %s moves from %s to %s along the way, then back: the far "
			"side returns the traffic through %s, which takes the SA over again",
			pr, pref, away, own);
	else if (own[0])
		f = add(c, "TC201", d, a->file, a->line, NULL, subj,
			"ownership of %s moves from %s to %s: the far side returns the traffic through %s, which takes the SA over",
			pr, pref, own, own);
	else
		f = add(c, "TC201", d, a->file, a->line, NULL, subj,
			"ownership of %s moves away from %s: %zu peers own it along the way", pr,
			pref, dm->nowners_seen);
	if (first >= 0)
		rel(c, f, d, e->file, e->line, NULL, "crypto map %s %u lists %s as peer %d of %u",
		    e->map, e->seq, pref, first + 1, e->npeers);
	return_path(c, f, dm);
	return f;
}

/* ---- driver ------------------------------------------------------------------- */

static int cmp_finding(const void *pa, const void *pb)
{
	const tc_finding *x = pa, *y = pb;
	int c = cmp_str_null(x->loc.file, y->loc.file);
	if (c)
		return c;
	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	if ((c = strcmp(x->rule->id, y->rule->id)))
		return c;
	if ((c = strcmp(x->subject, y->subject)))
		return c;
	return strcmp(x->msg, y->msg);
}

static bool rule_named(const tc_lint_rule *r, const char *name)
{
	return name && (strcasecmp(r->id, name) == 0 || strcasecmp(r->name, name) == 0);
}

/* A related line of one of the findings merged into one (merge_same), at position seq of
 * their concatenation, which starts with the first finding's own lines. */
typedef struct rel_rec {
	const tc_lint_loc *l;
	size_t seq;
	bool own; /* the first finding's: kept even when repeated */
} rel_rec;

/* Related lines by line, file and label. */
static int cmp_rel_key(const tc_lint_loc *x, const tc_lint_loc *y)
{
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	int c = cmp_str_null(x->file, y->file);
	return c ? c : cmp_str_null(x->label, y->label);
}

static int cmp_rel_rec(const void *pa, const void *pb)
{
	const rel_rec *x = pa, *y = pb;
	int c = cmp_rel_key(x->l, y->l);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* fv[0] with the related lines of fv[1..n) added in order, each unless an equal one (file,
 * line, label) is already there. One sort, not a scan of the list per line added. */
static void merge_related(tc_arena *a, tc_finding **fv, size_t n)
{
	size_t total = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		total += fv[i]->nrelated;
	rel_rec *v = tc_xmalloc((total + 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < fv[i]->nrelated; j++, k++)
			v[k] = (rel_rec){&fv[i]->related[j], k, i == 0};
	qsort(v, total, sizeof *v, cmp_rel_rec);
	bool *keep = tc_xcalloc(total + 1, sizeof *keep);
	for (size_t i = 0; i < total; i++) /* the first of equal lines, and all the first's */
		keep[v[i].seq] = v[i].own || i == 0 || cmp_rel_key(v[i - 1].l, v[i].l) != 0;
	tc_lint_loc *rel = tc_arena_alloc(a, (total + 1) * sizeof *rel);
	size_t nrel = 0;
	k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < fv[i]->nrelated; j++)
			if (keep[k++])
				rel[nrel++] = fv[i]->related[j];
	fv[0]->related = rel;
	fv[0]->nrelated = nrel;
	free(keep);
	free(v);
}

static int cmp_msg_ptr(const void *pa, const void *pb)
{
	const tc_finding *x = *(tc_finding *const *)pa, *y = *(tc_finding *const *)pb;
	int c = strcmp(x->msg, y->msg);
	return c ? c : (x > y) - (x < y);
}

/* Merges the findings of v[0..n) (one rule, one line) that share a message into the first of
 * them; the others get rule NULL. */
static void merge_group(tc_arena *a, tc_finding *v, size_t n)
{
	tc_finding **fv = tc_xmalloc(n * sizeof *fv);
	for (size_t i = 0; i < n; i++)
		fv[i] = &v[i];
	qsort(fv, n, sizeof *fv, cmp_msg_ptr);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(fv[i]->msg, fv[j]->msg) == 0; j++)
			;
		if (j - i < 2)
			continue;
		merge_related(a, fv + i, j - i);
		for (size_t k = i + 1; k < j; k++)
			fv[k]->rule = NULL;
	}
	free(fv);
}

/* One root cause, one finding: findings of one rule on one line with the same message (two
 * crypto map entries sharing an ACL make two domains of one line, which fail for one reason)
 * become the first of them, with the others' related lines added. fs is sorted. */
static void merge_same(tc_findings *fs)
{
	for (size_t i = 0, j; i < fs->n; i = j) {
		const tc_finding *f = &fs->v[i];
		for (j = i + 1;
		     j < fs->n && fs->v[j].rule == f->rule && fs->v[j].loc.line == f->loc.line &&
		     cmp_str_null(fs->v[j].loc.file, f->loc.file) == 0;
		     j++)
			;
		if (j - i > 1)
			merge_group(fs->arena, fs->v + i, j - i);
	}
	size_t n = 0;
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].rule)
			fs->v[n++] = fs->v[i];
	fs->n = n;
}

/* Whether location l lies in ig's scope: the lines it covers in one config file. */
static bool in_scope(const tc_lint_ignore *ig, const tc_lint_loc *l)
{
	return l->file && l->line >= ig->first && l->line <= ig->last &&
	       strcmp(l->file, ig->scope_file) == 0;
}

/* Whether ig suppresses f: its rule, and its scope (any of f's locations) or its device. */
static bool ignores(const tc_lint_ignore *ig, const tc_finding *f)
{
	if (!rule_named(f->rule, ig->rule))
		return false;
	if (!ig->scope_file)
		return !ig->device || strcmp(ig->device, "*") == 0 ||
		       (f->device && strcmp(ig->device, f->device->hostname) == 0);
	if (in_scope(ig, &f->loc))
		return true;
	for (size_t k = 0; k < f->nrelated; k++)
		if (in_scope(ig, &f->related[k]))
			return true;
	return false;
}

static int cmp_dev_file(const void *pa, const void *pb)
{
	const tc_device *x = *(const tc_device *const *)pa, *y = *(const tc_device *const *)pb;
	int c = strcmp(x->file, y->file);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The first device (in m's order) of v[0..n) (sorted by cmp_dev_file) whose config is file,
 * or NULL (an ignore file). */
static const tc_device *device_of_file(const tc_device **v, size_t n, const char *file)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid]->file, file) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(v[lo]->file, file) == 0 ? v[lo] : NULL;
}

/* A TC301 finding in c for each suppression of o that is written somewhere and suppressed
 * nothing although its rule ran (a rule not run proves nothing). */
static void unused(ctx *c, const tc_lint_opts *o, const size_t *used)
{
	const tc_device **byfile = tc_xmalloc((c->m->ndevs + 1) * sizeof *byfile);
	size_t nf = 0;
	for (size_t k = 0; k < c->m->ndevs; k++)
		if (c->m->devs[k]->file)
			byfile[nf++] = c->m->devs[k];
	qsort(byfile, nf, sizeof *byfile, cmp_dev_file);
	for (size_t j = 0; j < o->nignore; j++) {
		const tc_lint_ignore *ig = &o->ignore[j];
		const tc_lint_rule *r = tc_lint_rule_find(ig->rule);
		if (used[j] || !ig->file || !ig->line || !r || !c->on[r - rules])
			continue;
		const tc_device *d = ig->scope_file ? device_of_file(byfile, nf, ig->file) : NULL;
		const char *what = ig->scope_file ? "inline" : ig->device ? ig->device : "*";
		char subj[256];
		snprintf(subj, sizeof subj, "%s %s %s", r->id, what, ig->file);
		const char *file = tc_arena_strdup(c->a, ig->file); /* o's strings go with o */
		tc_finding *f = add(c, "TC301", d, file, ig->line, ig->rule, subj,
				    ig->scope_file ? "suppression of %s (%s) matched no finding in "
						     "the block it covers"
						   : "suppression of %s (%s) matched no finding",
				    r->id, r->name);
		if (f)
			f->device = d; /* an ignore file is no device's: NULL */
	}
	free(byfile);
}

/* The suppressions of o indexed so that a finding reads only those that may match it, not
 * every one (inline comments grow with the snapshot): those on a device by rule, then device
 * ("" for every device); those written in a config by file, then first line. ignores() still
 * decides; the index only has to offer every suppression that can match. */
typedef struct ig_rec {
	size_t j;	 /* in o->ignore */
	unsigned rule;	 /* rule index; unused for a scoped one */
	const char *key; /* the device ("" every device), or the scope file */
	unsigned first;	 /* scoped: the first line covered */
	unsigned reach;	 /* scoped: the furthest last line of the file's records up to this one */
} ig_rec;

typedef struct ig_index {
	ig_rec *dev, *scope;
	size_t ndev, nscope;
	size_t *cand; /* the candidates of one finding, ascending (ig_candidates) */
	size_t ncand, capcand;
} ig_index;

static int cmp_ig_dev(const void *pa, const void *pb)
{
	const ig_rec *x = pa, *y = pb;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->j > y->j) - (x->j < y->j);
}

static int cmp_ig_scope(const void *pa, const void *pb)
{
	const ig_rec *x = pa, *y = pb;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return (x->j > y->j) - (x->j < y->j);
}

static void ig_index_build(ig_index *ix, const tc_lint_opts *o)
{
	memset(ix, 0, sizeof *ix);
	size_t n = o ? o->nignore : 0;
	ix->dev = tc_xmalloc((n + 1) * sizeof *ix->dev);
	ix->scope = tc_xmalloc((n + 1) * sizeof *ix->scope);
	for (size_t j = 0; j < n; j++) {
		const tc_lint_ignore *ig = &o->ignore[j];
		const tc_lint_rule *r = tc_lint_rule_find(ig->rule);
		if (!r) /* names no rule: matches nothing */
			continue;
		if (ig->scope_file)
			ix->scope[ix->nscope++] =
				(ig_rec){j, 0, ig->scope_file, ig->first, ig->last};
		else
			ix->dev[ix->ndev++] = (ig_rec){
				j, (unsigned)(r - rules),
				!ig->device || strcmp(ig->device, "*") == 0 ? "" : ig->device, 0,
				0};
	}
	qsort(ix->dev, ix->ndev, sizeof *ix->dev, cmp_ig_dev);
	qsort(ix->scope, ix->nscope, sizeof *ix->scope, cmp_ig_scope);
	for (size_t i = 1; i < ix->nscope; i++)
		if (strcmp(ix->scope[i - 1].key, ix->scope[i].key) == 0 &&
		    ix->scope[i - 1].reach > ix->scope[i].reach)
			ix->scope[i].reach = ix->scope[i - 1].reach;
}

static void ig_index_free(ig_index *ix)
{
	free(ix->dev);
	free(ix->scope);
	free(ix->cand);
}

static void ig_offer(ig_index *ix, size_t j)
{
	TC_GROW(ix->cand, ix->ncand + 1, ix->capcand);
	ix->cand[ix->ncand++] = j;
}

/* The device suppressions of rule r on device key. */
static void ig_offer_dev(ig_index *ix, unsigned r, const char *key)
{
	size_t lo = 0, hi = ix->ndev;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const ig_rec *x = &ix->dev[mid];
		if (x->rule < r || (x->rule == r && strcmp(x->key, key) < 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->ndev && ix->dev[lo].rule == r && strcmp(ix->dev[lo].key, key) == 0; lo++)
		ig_offer(ix, ix->dev[lo].j);
}

/* The scoped suppressions covering location l: those of its file starting at or before its
 * line, back to where none reaches it. */
static void ig_offer_scope(ig_index *ix, const tc_lint_ignore *ignore, const tc_lint_loc *l)
{
	if (!l->file)
		return;
	size_t lo = 0, hi = ix->nscope;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const ig_rec *x = &ix->scope[mid];
		int c = strcmp(x->key, l->file);
		if (c < 0 || (c == 0 && x->first <= l->line))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i-- > 0;) {
		const ig_rec *x = &ix->scope[i];
		if (strcmp(x->key, l->file) != 0 || x->reach < l->line)
			break;
		if (ignore[x->j].last >= l->line)
			ig_offer(ix, x->j);
	}
}

static int cmp_size(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	return (a > b) - (a < b);
}

/* ix->cand: the suppressions of o that may match f, ascending, each once. */
static void ig_candidates(ig_index *ix, const tc_lint_opts *o, const tc_finding *f)
{
	ix->ncand = 0;
	unsigned r = (unsigned)(f->rule - rules);
	ig_offer_dev(ix, r, "");
	if (f->device && f->device->hostname[0])
		ig_offer_dev(ix, r, f->device->hostname);
	if (ix->nscope) {
		ig_offer_scope(ix, o->ignore, &f->loc);
		for (size_t k = 0; k < f->nrelated; k++)
			ig_offer_scope(ix, o->ignore, &f->related[k]);
	}
	if (ix->ncand > 1)
		qsort(ix->cand, ix->ncand, sizeof *ix->cand, cmp_size);
	size_t n = 0;
	for (size_t i = 0; i < ix->ncand; i++)
		if (!n || ix->cand[n - 1] != ix->cand[i])
			ix->cand[n++] = ix->cand[i];
	ix->ncand = n;
}

/* The findings of c into fs, sorted, those o ignores marked suppressed and not counted,
 * with a TC301 finding for each suppression that matched nothing. */
static void collect(tc_findings *fs, ctx *c, const tc_lint_opts *o)
{
	size_t nig = o ? o->nignore : 0;
	size_t *used = tc_xcalloc(nig + 1, sizeof *used);
	size_t n0 = c->n;
	fs->v = tc_arena_alloc(fs->arena, (n0 + 1) * sizeof *fs->v);
	if (n0)
		memcpy(fs->v, c->v, n0 * sizeof *fs->v);
	fs->n = n0;
	qsort(fs->v, fs->n, sizeof *fs->v, cmp_finding);
	merge_same(fs);
	ig_index ix;
	ig_index_build(&ix, o);
	for (size_t i = 0; nig && i < fs->n; i++) {
		tc_finding *f = &fs->v[i];
		ig_candidates(&ix, o, f);
		for (size_t k = 0; k < ix.ncand;
		     k++) { /* every match counts as used, the first decides */
			size_t j = ix.cand[k];
			const tc_lint_ignore *ig = &o->ignore[j];
			if (!ignores(ig, f))
				continue;
			used[j]++;
			if (f->suppressed)
				continue;
			f->suppressed = true;
			f->in_source = ig->scope_file != NULL;
			f->reason = ig->reason ? tc_arena_strdup(fs->arena, ig->reason) : NULL;
		}
	}
	ig_index_free(&ix);
	if (nig)
		unused(c, o, used);
	free(used);
	if (c->n > n0) { /* the TC301 findings join the sorted list */
		tc_finding *v = tc_arena_alloc(fs->arena, (fs->n + c->n - n0) * sizeof *v);
		memcpy(v, fs->v, fs->n * sizeof *v);
		memcpy(v + fs->n, c->v + n0, (c->n - n0) * sizeof *v);
		fs->v = v;
		fs->n += c->n - n0;
		qsort(fs->v, fs->n, sizeof *fs->v, cmp_finding);
	}
	for (size_t i = 0; i < fs->n; i++) {
		tc_finding *f = &fs->v[i];
		int over = c->sev[f->rule - rules];
		if (over >= 0) /* after the per-finding grading: the user's word is final */
			f->sev = (tc_severity)over;
		if (f->suppressed)
			fs->nsuppressed++;
		else
			fs->nsev[f->sev]++;
	}
}

int tc_lint(tc_findings **out, const tc_model *m, const tc_prediction *p, const tc_lint_opts *o)
{
	*out = NULL;
	if (!m->finalized)
		return TC_ERROR;
	tc_findings *fs = tc_xcalloc(1, sizeof *fs);
	fs->arena = tc_arena_new();
	if (!fs->arena) {
		free(fs);
		return TC_ENOMEM;
	}
	ctx c = {0};
	c.m = m;
	c.a = fs->arena;
	static const tc_predict_opts no_failures = {0};
	sim_lookups_init(&c.sim, m, &no_failures, fs->arena);
	for (size_t r = 0; r < NRULES; r++) {
		c.on[r] = true;
		c.sev[r] = -1;
		for (size_t i = 0; o && i < o->ndisable; i++)
			if (rule_named(&rules[r], o->disable[i]))
				c.on[r] = false;
		for (size_t i = 0; o && i < o->nseverity; i++)
			if (rule_named(&rules[r], o->severity[i].rule))
				c.sev[r] = (int)o->severity[i].sev;
	}

	for (size_t k = 0; k < m->ndevs; k++) {
		const tc_device *d = m->devs[k];
		check_ifaces(&c, d);
		check_wildcard_psks(&c, d);
		const set_lines *sets = lines_of(&c, d);
		ovl_index ov;
		ovl_build(&ov, sets, d);
		size_t nent = 0;
		for (const tc_entry *e = d->entries; e; e = e->next)
			nent++;
		const tc_entry **later = tc_xmalloc((nent + 1) * sizeof *later);
		later_statics(&c, d, later, nent);
		const tc_entry *prev = NULL;
		uint32_t epos = 0;
		for (const tc_entry *e = d->entries; e; prev = e, e = e->next, epos++) {
			check_entry_shape(&c, d, e, prev, later[epos]);
			if (e->dynamic)
				continue;
			const tc_iface *mi = tc_map_iface(d, e->map);
			unsigned mask = 0;
			for (unsigned i = 0; i < e->npeers; i++)
				if (check_peer(&c, d, e, mi, i))
					mask |= 1u << i;
			set_usable(&c, e, mask);
			check_aces(&c, d, e, epos, mi, sets, &ov);
		}
		ovl_free(&ov);
		free(later);
	}
	check_routing(&c);
	if (c.nusable)
		qsort(c.usable, c.nusable, sizeof *c.usable, cmp_usable);
	if (p)
		index_hubs(&c, p);
	for (size_t i = 0; p && i < p->ndomains; i++)
		check_domain(&c, p, &p->domains[i]);

	bool *ran = tc_arena_alloc(fs->arena, NRULES * sizeof *ran);
	memcpy(ran, c.on, sizeof c.on);
	fs->ran = ran;
	collect(fs, &c, o);
	free(c.v);
	pair_tab_free(&c.pairs);
	free(c.usable);
	for (size_t k = 0; c.lines && k < m->ndevs; k++)
		set_lines_free(&c.lines[k]);
	free(c.lines);
	for (size_t k = 0; c.peers && k < m->ndevs; k++) {
		listed_tab_free(&c.peers[k].listed);
		set_names_free(&c.peers[k].names);
		free(c.peers[k].sets);
	}
	free(c.peers);
	free(c.hub);
	free(c.first_end);
	free(c.next_end);
	sim_free(&c.sim);
	*out = fs;
	return 0;
}

void tc_findings_free(tc_findings *f)
{
	if (!f)
		return;
	tc_arena_free(f->arena);
	free(f);
}
