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

/* The key this side presents: IKEv2 keys may differ per direction (local/remote). */
static uint64_t presented(const tc_psk *k, unsigned version)
{
	return version == 2 && k->has_local_digest ? k->local_digest : k->digest;
}

/* The TC_AUTH_ bit of a policy's `authentication` method (rsa-encr and crack: 0, unmodelled). */
static unsigned auth_bit(const char *auth)
{
	return str_eq(auth, "pre-share")   ? TC_AUTH_PSK
	       : str_eq(auth, "rsa-sig")   ? TC_AUTH_RSA
	       : str_eq(auth, "ecdsa-sig") ? TC_AUTH_ECDSA
					   : 0;
}

const char *tc_auth_name(unsigned bits)
{
	if (bits == TC_AUTH_PSK)
		return "a pre-shared key";
	if (bits == TC_AUTH_RSA)
		return "certificates (rsa-sig)";
	if (bits == TC_AUTH_ECDSA)
		return "certificates (ecdsa-sig)";
	return bits & TC_AUTH_CERTS ? "certificates" : "nothing tunnelcast models";
}

bool tc_ike_match(const tc_device *a, const tc_device *b, unsigned version, unsigned methods,
		  const tc_ikepol **xa, const tc_ikepol **xb)
{
	for (const tc_ikepol *x = a->ikepols; x; x = x->next) {
		if (x->version != version || !(auth_bit(x->auth) & methods))
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

/* The IKE profile of version ver that serves peer on d: the one entry e names, else the
 * first whose `match identity` covers the peer (how an IOS responder picks it). */
static const tc_ikeprof *profile_for(const tc_device *d, const tc_entry *e, uint32_t peer,
				     unsigned ver)
{
	const char *name = e ? (ver == 2 ? e->ikev2_profile : e->isakmp_profile) : NULL;
	if (name)
		return tc_ikeprof_find(d, name, ver);
	for (const tc_ikeprof *p = d->ikeprofs; p; p = p->next)
		for (unsigned i = 0; p->version == ver && i < p->nmatch; i++)
			if (tc_prefix_has(p->match[i], peer))
				return p;
	/* matched otherwise (fqdn, certificate map): the profile of an entry listing the peer */
	for (const tc_entry *x = d->entries; x; x = x->next)
		if (tc_entry_lists_peer(x, peer) &&
		    (ver == 2 ? x->ikev2_profile : x->isakmp_profile))
			return profile_for(d, x, peer, ver);
	return NULL;
}

/* The ASA tunnel-group (with certificate settings) serving peer: the most specific. */
static const tc_tgroup *tgroup_for(const tc_device *d, uint32_t peer)
{
	const tc_tgroup *best = NULL;
	for (const tc_tgroup *g = d->tgroups; g; g = g->next)
		if (g->has_peer && tc_prefix_has(g->peer, peer) &&
		    (!best || g->peer.len > best->peer.len))
			best = g;
	return best;
}

/* One end of the check: how a device authenticates toward its peer. */
typedef struct auth_side {
	tc_ikeauth au;	  /* methods (defaults filled in) and trustpoint */
	bool trust;	  /* a trustpoint to sign and verify with */
	unsigned uses;	  /* the TC_AUTH_ bit(s) it presents */
	unsigned accepts; /* those it accepts from the peer */
} auth_side;

static auth_side side_of(const tc_device *d, const tc_entry *e, uint32_t peer, unsigned ver)
{
	auth_side s = {0};
	const tc_ikeprof *p = profile_for(d, e, peer, ver);
	const tc_tgroup *g = tgroup_for(d, peer);
	if (p)
		s.au = p->auth;
	if (g && ver == 2)
		s.au = g->v2;
	else if (g)
		s.au.trustpoint = g->v1_trustpoint;
	/* not said: pre-shared keys, what tunnelcast assumed before it read certificates */
	if (!s.au.local)
		s.au.local = TC_AUTH_PSK;
	if (!s.au.remote)
		s.au.remote = TC_AUTH_PSK;
	/* a named trustpoint, else any of the device (IOS IKEv1 tries every one) */
	s.trust = s.au.trustpoint || d->trustpoints;
	return s;
}

/* IKEv1: the methods of d's policies, as TC_AUTH_ bits. */
static unsigned v1_bits(const tc_device *d)
{
	unsigned bits = 0;
	for (const tc_ikepol *x = d->ikepols; x; x = x->next)
		if (x->version == 1)
			bits |= auth_bit(x->auth);
	return bits;
}

/* IKEv1: the method an end uses when no policy of the pair can be used: its key when it has
 * one; else certificates when it has a trustpoint, or no pre-share policy either (then it
 * lacks the trustpoint); else a key (that it lacks). */
static unsigned v1_guess(const tc_device *d, const tc_psk *k, bool trust)
{
	unsigned bits = v1_bits(d);
	if (!k && (bits & TC_AUTH_CERTS) && (trust || !(bits & TC_AUTH_PSK)))
		return bits & TC_AUTH_CERTS;
	return TC_AUTH_PSK;
}

/* IKEv1 carries the method in the policy: the first common policy (a's priority order) whose
 * method both ends can use (a key for each other, a trustpoint each), as an IOS initiator
 * offers only those; when there is none, what each end would use. */
static void v1_methods(tc_authcheck *out, auth_side *sa, auth_side *sb, const tc_device *a,
		       const tc_device *b)
{
	unsigned ua = (out->ka ? TC_AUTH_PSK : 0) | (sa->trust ? v1_bits(a) & TC_AUTH_CERTS : 0);
	unsigned ub =
		b ? (out->kb ? TC_AUTH_PSK : 0) | (sb->trust ? v1_bits(b) & TC_AUTH_CERTS : 0) : 0;
	if (b && tc_ike_match(a, b, 1, ua & ub, &out->xa, &out->xb)) {
		sa->uses = sb->uses = auth_bit(out->xa->auth);
	} else {
		sa->uses = v1_guess(a, out->ka, sa->trust);
		sb->uses = b ? v1_guess(b, out->kb, sb->trust) : 0;
	}
	sa->accepts = sa->uses;
	sb->accepts = sb->uses;
}

/* Does an end handling methods m lack what the method `what` needs: a key k (TC_AUTH_PSK),
 * a trustpoint (TC_AUTH_CERTS)? */
static bool lacks(unsigned m, const tc_psk *k, const auth_side *s, unsigned what)
{
	return (m & what) && (what == TC_AUTH_PSK ? !k : !s->trust);
}

bool tc_ike_auth(tc_authcheck *out, const tc_device *a, const tc_entry *ea, uint32_t a_addr,
		 const tc_device *b, uint32_t b_addr, unsigned ver)
{
	memset(out, 0, sizeof *out);
	auth_side sa = side_of(a, ea, b_addr, ver), sb = {0};
	if (b)
		sb = side_of(b, NULL, a_addr, ver);
	out->ka = tc_psk_for(a, b_addr, ver);
	out->kb = b ? tc_psk_for(b, a_addr, ver) : NULL;
	if (ver == 2) {
		sa.uses = sa.au.local, sa.accepts = sa.au.remote;
		sb.uses = sb.au.local, sb.accepts = sb.au.remote;
	} else {
		v1_methods(out, &sa, &sb, a, b);
	}
	out->a_uses = (uint8_t)sa.uses;
	out->b_uses = (uint8_t)sb.uses;
	/* what each end handles: what it presents and what it checks of the other's; a peer
	 * outside the snapshot presents what we accept */
	unsigned ma = sa.uses | (b ? sb.uses & sa.accepts : sa.accepts);
	unsigned mb = sb.uses | (sa.uses & sb.accepts);
	out->method_mismatch = b && (!(sa.uses & sb.accepts) || !(sb.uses & sa.accepts));
	out->a_no_trust = lacks(ma, NULL, &sa, TC_AUTH_CERTS);
	out->a_no_key = lacks(ma, out->ka, &sa, TC_AUTH_PSK);
	if (b) {
		out->b_no_trust = lacks(mb, NULL, &sb, TC_AUTH_CERTS);
		out->b_no_key = lacks(mb, out->kb, &sb, TC_AUTH_PSK);
	}
	if (out->ka && out->kb)
		out->keys_differ = ((sa.uses & sb.accepts & TC_AUTH_PSK) &&
				    presented(out->ka, ver) != out->kb->digest) ||
				   ((sb.uses & sa.accepts & TC_AUTH_PSK) &&
				    presented(out->kb, ver) != out->ka->digest);
	/* IKEv1 policies name the method: certificates were matched above; IKEv2 proposals
	 * carry none (the parser marks them pre-share) */
	if (b && !out->method_mismatch && !out->xa)
		out->no_policy = !tc_ike_match(a, b, ver, ver == 2 ? TC_AUTH_PSK : sa.uses,
					       &out->xa, &out->xb);
	return !out->method_mismatch && !out->a_no_key && !out->b_no_key && !out->a_no_trust &&
	       !out->b_no_trust && !out->keys_differ && !out->no_policy;
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
