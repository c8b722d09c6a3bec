/* ike.c: what two crypto configurations must share to negotiate, used by the predictor and lint. */
#include "model.h"
#include "model_int.h"

#include <string.h>

static bool str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

const char *tc_iface_label(const tc_iface *i)
{
	return i->nameif ? i->nameif : i->name;
}

const tc_iface *tc_map_iface(const tc_device *d, const char *map)
{
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		if (i->cmap && strcmp(i->cmap, map) == 0 && i->has_addr && !i->shutdown)
			return i;
	return NULL;
}

const tc_psk *tc_psk_for(const tc_device *d, uint32_t peer, unsigned version)
{
	bool done;
	const tc_psk *found = tc_index_psk_for(d, peer, version, &done);
	if (done)
		return found;
	const tc_psk *best = NULL;
	for (const tc_psk *k = d->psks; k; k = k->next)
		if (tc_prefix_has(k->peer, peer) &&
		    (!k->ike_version || !version || k->ike_version == version) &&
		    (!best || k->peer.len > best->peer.len))
			best = k;
	return best;
}

bool tc_psks_agree(const tc_psk *a, const tc_psk *b, unsigned version)
{
	if (version != 2)
		return a->digest == b->digest;
	/* IKEv2: each side presents its local key and checks the other's against its remote key */
	uint64_t a_presents = a->has_local_digest ? a->local_digest : a->digest;
	uint64_t b_presents = b->has_local_digest ? b->local_digest : b->digest;
	return a_presents == b->digest && b_presents == a->digest;
}

bool tc_ike_match(const tc_device *a, const tc_device *b, unsigned version, const tc_ikepol **xa,
		  const tc_ikepol **xb)
{
	for (const tc_ikepol *x = a->ikepols; x; x = x->next) {
		if (x->version != version || !x->auth || strcmp(x->auth, "pre-share") != 0)
			continue;
		for (const tc_ikepol *y = b->ikepols; y; y = y->next)
			if (y->version == version && x->group == y->group &&
			    str_eq(x->enc, y->enc) && str_eq(x->hash, y->hash) &&
			    str_eq(x->auth, y->auth)) {
				if (xa)
					*xa = x;
				if (xb)
					*xb = y;
				return true;
			}
	}
	return false;
}

bool tc_tset_match(const tc_entry *a, const tc_entry *b)
{
	for (unsigned i = 0; i < a->ntsets; i++)
		for (unsigned j = 0; j < b->ntsets; j++) {
			const tc_tset *x = a->tsets[i], *y = b->tsets[j];
			if (x && y && x->transport == y->transport && str_eq(x->enc, y->enc) &&
			    str_eq(x->auth, y->auth))
				return true;
		}
	return false;
}

bool tc_entry_lists_peer(const tc_entry *e, uint32_t addr)
{
	for (unsigned i = 0; i < e->npeers; i++)
		if (e->peers[i] == addr)
			return true;
	return false;
}
