/* model_int.h: helpers shared by the model's own files; no other module includes it. */
#ifndef TC_MODEL_INT_H
#define TC_MODEL_INT_H

#include "kit.h"
#include "model.h"

/* Build d->fib from its interfaces and static routes, or from its captured
 * routes when it has a capture. Adds diagnostics for unresolvable routes. */
void tc_fib_build(tc_model *m, tc_device *d);
/* The same again, without the diagnostics (the routes changed: tc_routing_fail). */
void tc_fib_rebuild(tc_model *m, tc_device *d);

/* ike.c: what two crypto configurations must share, for the predictor and lint. */
/* The ASA nameif, else the interface name: how engineers name an interface. */
const char *tc_iface_label(const tc_iface *i);
/* The up, addressed interface carrying crypto map set `map`, or NULL. */
const tc_iface *tc_map_iface(const tc_device *d, const char *map);
/* d's pre-shared key for peer and IKE version (0: any): the most specific
 * one covering it, or NULL. */
const tc_psk *tc_psk_for(const tc_device *d, uint32_t peer, unsigned version);
/* The first IKE policy of a (ascending priority) that b has too (encryption, hash, DH group
 * and method), for this IKE version, among those whose method is one of the TC_AUTH_ bits
 * methods (IKEv2 proposals count as pre-share) and, IKEv2, that the IOS `crypto ikev2
 * policy` matching each end's local address (a_addr, b_addr; 0: any) lists; the pair goes
 * to *xa, *xb (either may be NULL). */
bool tc_ike_match(const tc_device *a, uint32_t a_addr, const tc_device *b, uint32_t b_addr,
		  unsigned version, unsigned methods, const tc_ikepol **xa, const tc_ikepol **xb);
/* What stands between two ends and mutual authentication: every obstacle, for lint; the
 * predictor reports the first (in the order of the fields). */
typedef struct tc_authcheck {
	uint8_t a_uses, b_uses;	     /* the TC_AUTH_ bits each end presents (b: 0 when absent) */
	bool method_mismatch;	     /* one end presents what the other does not accept */
	bool a_no_trust, b_no_trust; /* the end uses certificates and has no trustpoint */
	bool a_no_key, b_no_key;     /* the end uses pre-shared keys and has none for the other */
	bool keys_differ;	     /* a key presented is not the one the other expects */
	bool no_policy;		     /* no common IKE policy (IKEv1: for the method in use) */
	const tc_psk *ka, *kb;	     /* each end's key for the other, or NULL */
	const tc_ikepol *xa, *xb;    /* the common policies, when found */
	bool b_no_profile;	     /* IKEv2: no profile of b answers the identity a presents */
	tc_ikeid a_id;		     /* IKEv2: the identity a presents (tc_ikev2_local_id) */
} tc_authcheck;
/* Can a (crypto map entry ea, which may be NULL; local address a_addr) and b (address
 * b_addr) authenticate each other with IKE version ver (1 or 2)? Methods come from IKEv1
 * policies, IOS IKE profiles (`authentication local|remote`) and ASA tunnel-groups; a method
 * not said is a pre-shared key. b NULL: the peer is outside the snapshot and only a's side is
 * checked. Fills *out; true when nothing stands in the way. The one copy of the rule, for the
 * predictor and lint. */
bool tc_ike_auth(tc_authcheck *out, const tc_device *a, const tc_entry *ea, uint32_t a_addr,
		 const tc_device *b, uint32_t b_addr, unsigned ver);
/* Does the identity id (presented) satisfy m (a `match identity remote`, a keyring peer's
 * `identity`)? Addresses by range, names without case, `domain` ones by their suffix. */
bool tc_ikeid_match(const tc_ikeid *m, const tc_ikeid *id);
/* "fqdn r1.example.com", "address 192.0.2.1": id for messages, written into buf. */
char *tc_ikeid_str(char *buf, size_t n, const tc_ikeid *id);
/* The IKEv2 identity d presents from local address addr under profile p (may be NULL),
 * presenting the TC_AUTH_ method uses: `identity local`, else the device's `crypto isakmp
 * identity`, else its address (pre-shared keys; kind TC_ID_NONE with certificates: the DN). */
tc_ikeid tc_ikev2_local_id(const tc_device *d, const tc_ikeprof *p, uint32_t addr, unsigned uses);
/* The first IKEv2 profile of responder d (config order) whose `match fvrf` takes VRF vrf
 * (NULL: global) and whose `match identity remote` takes id; NULL when none does. */
const tc_ikeprof *tc_ikev2_profile_answering(const tc_device *d, const tc_ikeid *id,
					     const char *vrf);
/* "a pre-shared key", "certificates (rsa-sig)"...: a method of tc_authcheck for messages. */
const char *tc_auth_name(unsigned bits);
/* The two entries share a transform set (same cipher, integrity and mode). */
bool tc_tset_match(const tc_entry *a, const tc_entry *b);
bool tc_entry_lists_peer(const tc_entry *e, uint32_t addr);
/* What the spokes of the snapshot propose to hub's crypto map set `map` (the interface
 * carrying it, tc_map_iface()): every permit line of a static entry of another device that
 * lists an address of that interface (primary or secondary; `set peer NAME` once resolved),
 * in device, entry and line order. cb gets the spoke, its entry, the line and the hub
 * address listed; it returns false to stop. */
void tc_spoke_lines_foreach(const tc_model *m, const tc_device *hub, const char *map,
			    bool (*cb)(const tc_device *spoke, const tc_entry *e, const tc_ace *a,
				       uint32_t hub_addr, void *payload),
			    void *payload);

/* tunnel.c: tunnel interfaces and IPsec profiles. */
/* Resolve d's profiles' transform sets and its tunnels' source interfaces and profiles. */
void tc_tunnels_resolve(tc_model *m, tc_device *d);
/* Packets routed into the tunnel are encrypted (SVTI, or `tunnel protection`). */
bool tc_tunnel_protected(const tc_tunnel *t);

/* diagcap.c: the cap on stored diagnostics. */
/* Should m keep a diagnostic of file and code? Counts it either way. */
bool tc_diag_admit(tc_model *m, const char *file, const char *code, tc_severity sev);
/* Add part's counts to m's (tc_model_adopt). */
void tc_diag_adopt(tc_model *m, const tc_model *part);

/* index.c: hash indexes behind the lookups of model.c. */
typedef struct tc_dev_index tc_dev_index;
typedef struct tc_addr_index tc_addr_index;
/* d's interface named exactly name (the latest added), or NULL. */
tc_iface *tc_index_iface_find(const tc_device *d, const char *name);
void tc_index_iface_add(tc_model *m, tc_device *d, tc_iface *i);
/* d's ACL `name` / entry (map, seq) of d->entries or, dynamic, d->dynentries; NULL when absent. */
tc_acl *tc_index_acl_find(const tc_device *d, const char *name);
tc_entry *tc_index_entry_find(const tc_device *d, const char *map, unsigned seq, bool dynamic);
/* Record a new ACL / entry (call once, when it is appended). */
void tc_index_acl_add(tc_model *m, tc_device *d, tc_acl *a);
void tc_index_entry_add(tc_model *m, tc_device *d, tc_entry *e, bool dynamic);
/* d's interface named name by its name or nameif, without case, the first in list order
 * (tc_iface_find): a hash probe. */
tc_iface *tc_index_iface_named(const tc_device *d, const char *name);
/* Set i's nameif (NULL: none) and index it (tc_iface_set_nameif). */
void tc_index_iface_nameif(tc_model *m, tc_device *d, tc_iface *i, const char *nameif);
/* Index d's interfaces by name and nameif again, from the list (finalize: a nameif set
 * directly, not through tc_iface_set_nameif, is found from then on). */
void tc_index_ifnames_build(tc_model *m, tc_device *d);
/* d's transform set `name` (the first added), or NULL; record a new one. */
tc_tset *tc_index_tset_find(const tc_device *d, const char *name);
void tc_index_tset_add(tc_model *m, tc_device *d, tc_tset *t);
/* d's alias spelled s[0..n) exactly / the first added spelled name in any case, or NULL;
 * record a new one (names are unique: tc_name_add finds first). */
tc_name *tc_index_name_find(const tc_device *d, const char *s, size_t n);
tc_name *tc_index_name_find_nocase(const tc_device *d, const char *name);
void tc_index_name_add(tc_model *m, tc_device *d, tc_name *a);
/* Index every addressed interface of m->devices, in list order, into m->addrs. */
void tc_index_addrs_build(tc_model *m);
/* Index d's pre-shared keys (finalize, after the parser is done with them). */
void tc_index_psks_build(tc_model *m, tc_device *d);
/* tc_psk_for() through the index: *done false when d's keys are not indexed
 * (the caller then reads the list). */
const tc_psk *tc_index_psk_for(const tc_device *d, uint32_t peer, unsigned version, bool *done);
/* Index the peers of d's entries that name an IKE profile (finalize, after the peers
 * are resolved). */
void tc_index_peer_entries_build(tc_model *m, tc_device *d);
/* The first entry of d->entries that lists peer and names a profile of version (1, 2),
 * or NULL; *done false when d's entries are not indexed (the caller then scans them). */
const tc_entry *tc_index_entry_naming_profile(const tc_device *d, uint32_t peer, unsigned version,
					      bool *done);
/* tc_device_by_addr() through m->addrs. */
const tc_device *tc_index_device_by_addr(const tc_model *m, uint32_t ip,
					 const tc_iface **iface_out);

#endif
