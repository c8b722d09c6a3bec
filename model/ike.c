/* ike.c: what two crypto configurations must share to negotiate, used by the predictor and lint. */
#include "model.h"
#include "model_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* The VRF of d's interface holding addr (where IKE packets to addr arrive), NULL: global. */
static const char *vrf_of(const tc_device *d, uint32_t addr)
{
	for (const tc_iface *i = d->ifaces; i; i = i->next)
		if (i->has_addr && i->addr == addr)
			return i->vrf;
	return NULL;
}

/* Does IOS IKEv2 policy q match local address addr in VRF vrf? 2: by its `match address
 * local`, 1: as a policy of any address, 0: no. */
static int v2pol_matches(const tc_ikev2pol *q, uint32_t addr, const char *vrf)
{
	if (!q->fvrf_any && !str_eq(q->fvrf, vrf))
		return 0;
	for (unsigned i = 0; i < q->nlocals; i++)
		if (q->locals[i] == addr)
			return 2;
	return q->nlocals ? 0 : 1;
}

/* Does d offer (and accept) IKEv2 proposal x on local address addr (0: any)? The policies
 * that match the address most specifically (a `match address local` of it before those of
 * any address) and the VRF of its interface list the proposals used there; without any
 * policy, every proposal (tunnelcast's reading: IOS would then use its default proposal). */
static bool v2_offered(const tc_device *d, const tc_ikepol *x, uint32_t addr)
{
	if (!d->ikev2pols || !x->name || !addr)
		return true;
	const char *vrf = vrf_of(d, addr);
	int best = 0;
	for (const tc_ikev2pol *q = d->ikev2pols; q; q = q->next) {
		int m = v2pol_matches(q, addr, vrf);
		best = m > best ? m : best;
	}
	for (const tc_ikev2pol *q = d->ikev2pols; q; q = q->next)
		for (unsigned i = 0; best && v2pol_matches(q, addr, vrf) == best && i < q->nprops;
		     i++)
			if (strcmp(q->props[i], x->name) == 0)
				return true;
	return false;
}

/* One of the values v, more[] equals one of w, wmore[] (IKEv2 lists; IKEv1: more[] empty). */
static bool share(const char *v, const char *const *more, const char *w, const char *const *wmore)
{
	if (str_eq(v, w))
		return true;
	for (unsigned i = 0; i < TC_IKE_MORE && more[i]; i++) {
		if (str_eq(more[i], w))
			return true;
		for (unsigned j = 0; j < TC_IKE_MORE && wmore[j]; j++)
			if (str_eq(more[i], wmore[j]))
				return true;
	}
	for (unsigned j = 0; j < TC_IKE_MORE && wmore[j]; j++)
		if (str_eq(v, wmore[j]))
			return true;
	return false;
}

/* x and y agree on encryption, integrity and DH group: in IKEv2 the responder picks one
 * transform of each type among those offered (RFC 7296 §2.7, §3.3.6). */
static bool pol_agree(const tc_ikepol *x, const tc_ikepol *y)
{
	uint32_t gx = x->group_more | (x->group < 32 ? 1u << x->group : 0);
	uint32_t gy = y->group_more | (y->group < 32 ? 1u << y->group : 0);
	return (x->group == y->group || (gx & gy)) &&
	       share(x->enc, x->enc_more, y->enc, y->enc_more) &&
	       share(x->hash, x->hash_more, y->hash, y->hash_more);
}

bool tc_ike_match(const tc_device *a, uint32_t a_addr, const tc_device *b, uint32_t b_addr,
		  unsigned version, unsigned methods, const tc_ikepol **xa, const tc_ikepol **xb)
{
	for (const tc_ikepol *x = a->ikepols; x; x = x->next) {
		if (x->version != version || !(auth_bit(x->auth) & methods) ||
		    (version == 2 && !v2_offered(a, x, a_addr)))
			continue;
		for (const tc_ikepol *y = b->ikepols; y; y = y->next)
			if (y->version == version && pol_agree(x, y) && str_eq(x->auth, y->auth) &&
			    (version != 2 || v2_offered(b, y, b_addr))) {
				if (xa)
					*xa = x;
				if (xb)
					*xb = y;
				return true;
			}
	}
	return false;
}

/* ---- IKEv2 identities and profiles -------------------------------------------------------- */

/* name ends in the domain dom at a label boundary (`fqdn domain D`, `email domain D`). */
static bool in_domain(const char *name, const char *dom)
{
	size_t n = strlen(name), m = strlen(dom);
	return n >= m && strcasecmp(name + n - m, dom) == 0 &&
	       (n == m || name[n - m - 1] == '.' || name[n - m - 1] == '@');
}

bool tc_ikeid_match(const tc_ikeid *m, const tc_ikeid *id)
{
	if (m->kind != id->kind || m->kind == TC_ID_NONE)
		return false;
	if (m->kind == TC_ID_ADDRESS)
		return tc_prefix_has(m->addr, id->addr.addr);
	if (!m->name || !id->name)
		return false;
	/* FQDNs and e-mail addresses are DNS names: compared without case */
	return m->domain ? in_domain(id->name, m->name) : strcasecmp(m->name, id->name) == 0;
}

char *tc_ikeid_str(char *buf, size_t n, const tc_ikeid *id)
{
	static const char *const kinds[] = {"", "address", "fqdn", "email", "key-id"};
	char ip[16];
	if (id->kind == TC_ID_ADDRESS)
		snprintf(buf, n, "address %s", tc_ip_format(ip, sizeof ip, id->addr.addr));
	else if (id->kind != TC_ID_NONE)
		snprintf(buf, n, "%s %s", kinds[id->kind], id->name ? id->name : "?");
	else
		snprintf(buf, n, "(not modelled)");
	return buf;
}

tc_ikeid tc_ikev2_local_id(const tc_device *d, const tc_ikeprof *p, uint32_t addr, unsigned uses)
{
	if (p && p->local_id.kind)
		return p->local_id;
	if (d->ike_id.kind)
		return d->ike_id;
	/* not said: the address with a key, the certificate's DN (not read) with certificates */
	if (uses & TC_AUTH_CERTS)
		return (tc_ikeid){0};
	return (tc_ikeid){.kind = TC_ID_ADDRESS, .addr = tc_prefix_make(addr, 32)};
}

/* Does IKEv2 profile p answer an initiator presenting id, arriving in VRF vrf (NULL: global)? */
static bool v2_answers(const tc_ikeprof *p, const tc_ikeid *id, const char *vrf)
{
	if (!p->fvrf_any && !str_eq(p->vrf, vrf))
		return false;
	if (p->match_any)
		return true;
	for (unsigned i = 0; id->kind == TC_ID_ADDRESS && i < p->nmatch; i++)
		if (tc_prefix_has(p->match[i], id->addr.addr))
			return true;
	for (unsigned i = 0; i < p->nmatch_ids; i++)
		if (tc_ikeid_match(&p->match_ids[i], id))
			return true;
	return false;
}

const tc_ikeprof *tc_ikev2_profile_answering(const tc_device *d, const tc_ikeid *id,
					     const char *vrf)
{
	for (const tc_ikeprof *p = d->ikeprofs; p; p = p->next)
		if (p->version == 2 && v2_answers(p, id, vrf))
			return p;
	return NULL;
}

/* The IKE profile of version ver that serves peer on d: the one entry e names, else the
 * first whose `match identity` covers the peer's address (how an IOS responder picks it). */
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
	/* matched otherwise (fqdn, certificate map): the profile of an entry listing the peer,
	 * found through finalize's index (every tc_ike_auth asks, once per domain and peer) */
	bool done;
	const tc_entry *x = tc_index_entry_naming_profile(d, peer, ver, &done);
	if (done)
		return x ? profile_for(d, x, peer, ver) : NULL;
	for (x = d->entries; x; x = x->next)
		if (tc_entry_lists_peer(x, peer) &&
		    (ver == 2 ? x->ikev2_profile : x->isakmp_profile))
			return profile_for(d, x, peer, ver);
	return NULL;
}

/* Whether d reads its IKEv2 profiles by identity: it has some, and none matched by what
 * tunnelcast does not read (certificate maps). */
static bool v2_by_identity(const tc_device *d)
{
	bool any = false;
	for (const tc_ikeprof *p = d->ikeprofs; p; p = p->next)
		if (p->version == 2) {
			if (p->match_other)
				return false;
			any = true;
		}
	return any;
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

/* Does key k (IKEv2) serve the peer presenting identity id? An IOS keyring peer by its
 * `identity`; an ASA tunnel-group named as the identity (a group by name, keyring NULL). */
static bool key_serves_id(const tc_psk *k, const tc_ikeid *id)
{
	if (k->identity.kind)
		return tc_ikeid_match(&k->identity, id);
	return !k->keyring && k->peer_name && id->name && id->kind != TC_ID_ADDRESS &&
	       strcasecmp(k->peer_name, id->name) == 0;
}

/* d's key for its peer at addr under profile p (ver). A responder knows the identity id the
 * peer presents and looks it up first (IOS keyring `identity`, ASA tunnel-group by name);
 * then the address: IOS IKEv2 only in the profile's keyring, else the most specific key. */
static const tc_psk *key_for(const tc_device *d, const tc_ikeprof *p, uint32_t addr,
			     const tc_ikeid *id, unsigned ver)
{
	const char *ring = ver == 2 && p ? p->keyring : NULL;
	for (const tc_psk *k = d->psks; ver == 2 && id && id->kind && k; k = k->next)
		if (k->ike_version != 1 && (!ring || str_eq(k->keyring, ring)) &&
		    key_serves_id(k, id))
			return k;
	if (!ring)
		return tc_psk_for(d, addr, ver);
	const tc_psk *best = NULL;
	for (const tc_psk *k = d->psks; k; k = k->next)
		if (k->ike_version != 1 && str_eq(k->keyring, ring) &&
		    tc_prefix_has(k->peer, addr) && (!best || k->peer.len > best->peer.len))
			best = k;
	return best;
}

/* One end of the check: how a device authenticates toward its peer. */
typedef struct auth_side {
	tc_ikeauth au;	  /* methods (defaults filled in) and trustpoint */
	bool trust;	  /* a trustpoint to sign and verify with */
	unsigned uses;	  /* the TC_AUTH_ bit(s) it presents */
	unsigned accepts; /* those it accepts from the peer */
} auth_side;

static auth_side side_of(const tc_device *d, const tc_ikeprof *p, uint32_t peer, unsigned ver)
{
	auth_side s = {0};
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
	if (b && tc_ike_match(a, 0, b, 0, 1, ua & ub, &out->xa, &out->xb)) {
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

/* The profile of responder b answering initiator a (profile pa, address a_addr, presenting
 * *ida) at b_addr: IKEv2 by the identity a presents and the VRF it arrives in; NULL with
 * *none set when b reads its profiles by identity and none matches. */
static const tc_ikeprof *responder_profile(const tc_device *b, uint32_t b_addr, const tc_ikeid *ida,
					   uint32_t a_addr, unsigned ver, bool *none)
{
	*none = false;
	if (ver != 2 || !ida->kind || !v2_by_identity(b))
		return profile_for(b, NULL, a_addr, ver);
	const tc_ikeprof *p = tc_ikev2_profile_answering(b, ida, vrf_of(b, b_addr));
	*none = !p;
	return p;
}

/* What the two ends present, handle and hold: the checks after the profiles are known. */
static void auth_check(tc_authcheck *out, auth_side *sa, auth_side *sb, const tc_device *a,
		       uint32_t a_addr, const tc_device *b, uint32_t b_addr, unsigned ver)
{
	if (ver == 2) {
		sa->uses = sa->au.local, sa->accepts = sa->au.remote;
		sb->uses = sb->au.local, sb->accepts = sb->au.remote;
	} else {
		v1_methods(out, sa, sb, a, b);
	}
	out->a_uses = (uint8_t)sa->uses;
	out->b_uses = (uint8_t)sb->uses;
	/* what each end handles: what it presents and what it checks of the other's; a peer
	 * outside the snapshot presents what we accept */
	unsigned ma = sa->uses | (b ? sb->uses & sa->accepts : sa->accepts);
	unsigned mb = sb->uses | (sa->uses & sb->accepts);
	out->method_mismatch = b && (!(sa->uses & sb->accepts) || !(sb->uses & sa->accepts));
	out->a_no_trust = lacks(ma, NULL, sa, TC_AUTH_CERTS);
	out->a_no_key = lacks(ma, out->ka, sa, TC_AUTH_PSK);
	if (b) {
		out->b_no_trust = lacks(mb, NULL, sb, TC_AUTH_CERTS);
		out->b_no_key = lacks(mb, out->kb, sb, TC_AUTH_PSK);
	}
	if (out->ka && out->kb)
		out->keys_differ = ((sa->uses & sb->accepts & TC_AUTH_PSK) &&
				    presented(out->ka, ver) != out->kb->digest) ||
				   ((sb->uses & sa->accepts & TC_AUTH_PSK) &&
				    presented(out->kb, ver) != out->ka->digest);
	/* IKEv1 policies name the method: certificates were matched above; IKEv2 proposals
	 * carry none (the parser marks them pre-share) */
	if (b && !out->method_mismatch && !out->xa)
		out->no_policy =
			!tc_ike_match(a, a_addr, b, b_addr, ver, ver == 2 ? TC_AUTH_PSK : sa->uses,
				      &out->xa, &out->xb);
}

bool tc_ike_auth(tc_authcheck *out, const tc_device *a, const tc_entry *ea, uint32_t a_addr,
		 const tc_device *b, uint32_t b_addr, unsigned ver)
{
	memset(out, 0, sizeof *out);
	const tc_ikeprof *pa = profile_for(a, ea, b_addr, ver), *pb = NULL;
	auth_side sa = side_of(a, pa, b_addr, ver), sb = {0};
	out->a_id = tc_ikev2_local_id(a, pa, a_addr, sa.au.local);
	bool none = false;
	if (b) {
		pb = responder_profile(b, b_addr, &out->a_id, a_addr, ver, &none);
		sb = side_of(b, pb, a_addr, ver);
	}
	out->ka = key_for(a, pa, b_addr, NULL, ver);
	out->kb = b && !none ? key_for(b, pb, a_addr, &out->a_id, ver) : NULL;
	auth_check(out, &sa, &sb, a, a_addr, b, b_addr, ver);
	if (none) { /* b does not answer: nothing of its side is checked */
		out->b_no_profile = true;
		out->method_mismatch = out->b_no_key = out->b_no_trust = false;
		out->keys_differ = out->no_policy = false;
	}
	return !out->method_mismatch && !out->a_no_key && !out->b_no_key && !out->a_no_trust &&
	       !out->b_no_trust && !out->keys_differ && !out->no_policy && !out->b_no_profile;
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

/* The first of e's peers that is an address of interface i, or 0. */
static uint32_t lists_iface(const tc_entry *e, const tc_iface *i)
{
	for (unsigned k = 0; k < e->npeers; k++) {
		if (e->peers[k] == i->addr)
			return i->addr;
		for (unsigned j = 0; j < i->nsecondary; j++)
			if (e->peers[k] == i->secondary[j].addr)
				return e->peers[k];
	}
	return 0;
}

void tc_spoke_lines_foreach(const tc_model *m, const tc_device *hub, const char *map,
			    bool (*cb)(const tc_device *spoke, const tc_entry *e, const tc_ace *a,
				       uint32_t hub_addr, void *payload),
			    void *payload)
{
	const tc_iface *i = tc_map_iface(hub, map);
	for (size_t k = 0; i && k < m->ndevs; k++) {
		const tc_device *d = m->devs[k];
		if (d == hub)
			continue;
		for (const tc_entry *e = d->entries; e; e = e->next) {
			uint32_t addr = e->dynamic || !e->acl ? 0 : lists_iface(e, i);
			for (const tc_ace *a = addr ? e->acl->aces : NULL; a; a = a->next)
				if (a->permit && !cb(d, e, a, addr, payload))
					return;
		}
	}
}
