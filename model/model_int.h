/* model_int.h: helpers shared by the model's own files; no other module includes it. */
#ifndef TC_MODEL_INT_H
#define TC_MODEL_INT_H

#include "kit.h"
#include "model.h"

/* Build d->fib from its interfaces and static routes, or from its captured
 * routes when it has a capture. Adds diagnostics for unresolvable routes. */
void tc_fib_build(tc_model *m, tc_device *d);

/* ike.c: what two crypto configurations must share, for the predictor and lint. */
/* The ASA nameif, else the interface name: how engineers name an interface. */
const char *tc_iface_label(const tc_iface *i);
/* The up, addressed interface carrying crypto map set `map`, or NULL. */
const tc_iface *tc_map_iface(const tc_device *d, const char *map);
/* d's pre-shared key for peer and IKE version (0: any): the most specific
 * one covering it, or NULL. */
const tc_psk *tc_psk_for(const tc_device *d, uint32_t peer, unsigned version);
/* Do two ends' keys let them authenticate each other? IKEv2 keys may differ
 * per direction (local/remote); IKEv1 uses one shared key. */
bool tc_psks_agree(const tc_psk *a, const tc_psk *b, unsigned version);
/* A pre-share IKE policy of a (ascending priority) that b has too, for this
 * IKE version; the pair goes to *xa, *xb (either may be NULL). */
bool tc_ike_match(const tc_device *a, const tc_device *b, unsigned version, const tc_ikepol **xa,
		  const tc_ikepol **xb);
/* The two entries share a transform set (same cipher, integrity and mode). */
bool tc_tset_match(const tc_entry *a, const tc_entry *b);
bool tc_entry_lists_peer(const tc_entry *e, uint32_t addr);

/* tunnel.c: tunnel interfaces and IPsec profiles. */
/* Resolve d's profiles' transform sets and its tunnels' source interfaces and profiles. */
void tc_tunnels_resolve(tc_model *m, tc_device *d);
/* Packets routed into the tunnel are encrypted (SVTI, or `tunnel protection`). */
bool tc_tunnel_protected(const tc_tunnel *t);

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
/* Index every addressed interface of m->devices, in list order, into m->addrs. */
void tc_index_addrs_build(tc_model *m);
/* Index d's pre-shared keys (finalize, after the parser is done with them). */
void tc_index_psks_build(tc_model *m, tc_device *d);
/* tc_psk_for() through the index: *done false when d's keys are not indexed
 * (the caller then reads the list). */
const tc_psk *tc_index_psk_for(const tc_device *d, uint32_t peer, unsigned version, bool *done);
/* tc_device_by_addr() through m->addrs. */
const tc_device *tc_index_device_by_addr(const tc_model *m, uint32_t ip,
					 const tc_iface **iface_out);

#endif
