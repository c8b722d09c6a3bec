/* drift.c: hold a prediction against the SAs the devices showed (tunnelcast drift).
 *
 * Design. A captured SA belongs to the first domain of its device (prediction order: map,
 * sequence, ACL line) whose proxy pair, protocol and ports contain its idents, within the
 * crypto map entry the capture names: the device encrypts a packet by the first permit line
 * it matches (R2.1), and an SA narrowed by the responder (R4.5) lies inside its line. SAs
 * that land in no domain are `unexplained SA`. Each domain is then read from its own
 * device's capture; a device without one is read from its peers' captures, mirrored (an SA
 * between the two ends is on both: the peer's outbound is its inbound). What the capture
 * shows is set against the predicted owner and state:
 *   - nothing up: standby and down match; otherwise `missing SA`, idle when an IKE SA with
 *     a listed peer is up (the phase-2 SA expired without traffic), down when none is;
 *   - SAs up on a standby or down domain, or with a peer that is not the owner: `owner
 *     differs`; an oscillating domain matches with any one of the peers it alternates
 *     between, at capture time;
 *   - the owner's SA with packets one way and none the other: `one-way observed` (the live
 *     sign of one-way), unless one-way is predicted.
 */
#include "drift.h"

#include "kit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const verdict_names[TC_DRIFT_COUNT] = {
	"matches",	    "owner differs",  "missing SA",
	"one-way observed", "unexplained SA", "not captured",
};
static const char *const verdict_codes[TC_DRIFT_COUNT] = {
	"matches",	    "owner-differs",  "missing-sa",
	"one-way-observed", "unexplained-sa", "not-captured",
};

const char *tc_drift_verdict_name(tc_drift_verdict v)
{
	return (unsigned)v < TC_DRIFT_COUNT ? verdict_names[v] : NULL;
}

const char *tc_drift_verdict_code(tc_drift_verdict v)
{
	return (unsigned)v < TC_DRIFT_COUNT ? verdict_codes[v] : NULL;
}

bool tc_drift_verdict_ok(tc_drift_verdict v)
{
	return v == TC_DRIFT_MATCHES || v == TC_DRIFT_NOT_CAPTURED;
}

/* What one computation shares. */
struct ctx {
	const tc_model *m;
	const tc_prediction *p;
	tc_drift *dr;
	size_t *owner_of; /* per device, per SA in capture order (flattened): the domain index
			     + 1 it belongs to, 0: none */
	size_t *sa_base;  /* per device index: where its SAs start in owner_of */
};

/* A port of an SA's ident inside an ACE's range: an unrestricted range takes any, a
 * restricted one only a port the SA names. */
static bool port_in(uint16_t port, uint16_t lo, uint16_t hi)
{
	return (lo == 0 && hi == 65535) || (port != 0 && port >= lo && port <= hi);
}

/* Whether sa's idents (swapped when mirrored: the other end's view) lie in domain d. */
static bool sa_in_domain(const tc_obs_sa *sa, const tc_domain *d, bool mirrored)
{
	tc_prefix l = mirrored ? sa->remote : sa->local, r = mirrored ? sa->local : sa->remote;
	if (!tc_prefix_contains(d->local, l) || !tc_prefix_contains(d->remote, r))
		return false;
	const tc_ace *a = d->ace; /* dynamic and tunnel domains have none: the pair says all */
	if (!a)
		return true;
	if (a->proto && sa->proto != a->proto)
		return false;
	uint16_t lp = mirrored ? sa->rport : sa->lport, rp = mirrored ? sa->lport : sa->rport;
	return port_in(lp, a->sport_lo, a->sport_hi) && port_in(rp, a->dport_lo, a->dport_hi);
}

/* Whether the capture's crypto map and sequence (when it shows them) are d's entry. A
 * dynamic domain's SA shows the dynamic map's, a tunnel's a map of its own: no test. */
static bool sa_in_entry(const tc_obs_sa *sa, const tc_domain *d)
{
	if (d->tunnel || d->dyn_entry || !d->entry)
		return true;
	if (sa->cmap && strcmp(sa->cmap, d->entry->map) != 0)
		return false;
	return !sa->has_seq || sa->seq == d->entry->seq;
}

/* The first domain of sa's device that explains it, as an index + 1, or 0. */
static size_t first_domain(const struct ctx *c, const tc_device *dev, const tc_obs_sa *sa)
{
	for (size_t i = 0; i < c->p->ndomains; i++) {
		const tc_domain *d = &c->p->domains[i];
		if (d->device == dev && sa_in_entry(sa, d) && sa_in_domain(sa, d, false))
			return i + 1;
	}
	return 0;
}

/* A peer as a name: the device holding its address, else the address; an ASA `name` no
 * config resolved (peer 0) as printed. */
static const char *peer_name(const struct ctx *c, uint32_t ip, const char *printed)
{
	const tc_device *dev = ip ? tc_device_by_addr(c->m, ip, NULL) : NULL;
	if (!ip && printed)
		return printed;
	return dev ? dev->hostname : tc_arena_ip(c->dr->arena, ip);
}

/* "5.100.42.2 (R2)" or "5.100.9.9": an address with its device. */
static const char *peer_label(const struct ctx *c, uint32_t ip, const char *printed)
{
	char buf[TC_IP_STRLEN];
	const tc_device *dev = ip ? tc_device_by_addr(c->m, ip, NULL) : NULL;
	if (!ip && printed)
		return printed;
	tc_ip_format(buf, sizeof buf, ip);
	return dev ? tc_arena_printf(c->dr->arena, "%s (%s)", buf, dev->hostname)
		   : tc_arena_strdup(c->dr->arena, buf);
}

/* The SAs a domain's verdict reads, with the peer each names and its counters as the
 * domain's device counts them. */
#define MAX_SEEN 16
struct seen {
	const tc_device *cap; /* whose capture */
	bool far;	      /* cap is the other end */
	const tc_obs_sa *sa[MAX_SEEN];
	const char *who[MAX_SEEN]; /* the peer holding it, as the domain's device sees it */
	size_t n;		   /* SAs kept (at most MAX_SEEN) */
	size_t total;		   /* SAs found */
};

static void seen_add(struct seen *s, const tc_obs_sa *sa, const char *who)
{
	if (s->n < MAX_SEEN) {
		s->sa[s->n] = sa;
		s->who[s->n++] = who;
	}
	s->total++;
}

/* The SAs of d in its own device's capture. */
static void seen_near(const struct ctx *c, size_t di, struct seen *s)
{
	const tc_device *dev = c->p->domains[di].device;
	s->cap = dev;
	size_t k = c->sa_base[dev->index];
	for (const tc_obs_sa *sa = dev->obs->sas; sa; sa = sa->next, k++)
		if (c->owner_of[k] == di + 1)
			seen_add(s, sa, peer_name(c, sa->peer, sa->peer_name));
}

/* The devices that may hold d's SA at the other end: its entry's peers, a dynamic domain's
 * spokes. Returns how many, at most max. */
static size_t far_ends(const struct ctx *c, const tc_domain *d, const tc_device **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nspokes && n < max; i++)
		out[n++] = d->spokes[i];
	for (unsigned j = 0; !d->tunnel && d->entry && j < d->entry->npeers && n < max; j++) {
		const tc_device *p = tc_device_by_addr(c->m, d->entry->peers[j], NULL);
		bool dup = !p;
		for (size_t k = 0; k < n && !dup; k++)
			dup = out[k] == p;
		if (!dup)
			out[n++] = p;
	}
	return n;
}

/* The SAs of d in its peers' captures: mirrored pairs whose peer is d's device. False when
 * no peer was captured either. */
static bool seen_far(const struct ctx *c, const tc_domain *d, struct seen *s)
{
	const tc_device *ends[TC_MAX_PEERS + 32];
	size_t n = far_ends(c, d, ends, sizeof ends / sizeof ends[0]);
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (!ends[i]->obs)
			continue;
		if (!any)
			s->cap = ends[i];
		any = true;
		s->far = true;
		for (const tc_obs_sa *sa = ends[i]->obs->sas; sa; sa = sa->next)
			if (!sa->no_sa && tc_device_by_addr(c->m, sa->peer, NULL) == d->device &&
			    sa_in_domain(sa, d, true)) {
				if (s->total == 0)
					s->cap = ends[i];
				seen_add(s, sa, ends[i]->hostname);
			}
	}
	return any;
}

/* An established IKE SA in cap's capture with a peer of the domain (near: one of the
 * addresses the entry lists or of its owner; far: an address of the domain's device). */
static const tc_obs_ike *ike_up(const struct ctx *c, const tc_domain *d, const struct seen *s)
{
	for (const tc_obs_ike *k = s->cap->obs->ikes; k; k = k->next) {
		if (!k->up)
			continue;
		const tc_device *pd = tc_device_by_addr(c->m, k->peer, NULL);
		if (s->far ? pd == d->device : (pd && pd == d->owner))
			return k;
		for (unsigned j = 0; !s->far && d->entry && j < d->entry->npeers; j++)
			if (d->entry->peers[j] == k->peer)
				return k;
	}
	return NULL;
}

/* Whether name is one of d's predicted owners. */
static bool is_owner(const tc_domain *d, const char *name)
{
	for (size_t i = 0; i < d->nowners; i++)
		if (strcmp(d->owners[i], name) == 0)
			return true;
	char buf[TC_IP_STRLEN];
	const char *o = tc_domain_owner_name(d, buf, sizeof buf);
	return o[0] && strcmp(o, name) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct holders of s, sorted, "R2, R3". */
static const char *holders(const struct ctx *c, const struct seen *s)
{
	const char *v[MAX_SEEN];
	memcpy(v, s->who, s->n * sizeof v[0]);
	qsort(v, s->n, sizeof v[0], cmp_str);
	char buf[512] = "";
	size_t used = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (i && strcmp(v[i], v[i - 1]) == 0)
			continue;
		int w = snprintf(buf + used, sizeof buf - used, "%s%s", used ? ", " : "", v[i]);
		if (w < 0 || (size_t)w >= sizeof buf - used)
			break;
		used += (size_t)w;
	}
	return tc_arena_strdup(c->dr->arena, buf);
}

/* Packets out and in as the domain's device counts them (the far end counts them swapped). */
static void counters(const struct seen *s, size_t i, uint64_t *out, uint64_t *in)
{
	*out = s->far ? s->sa[i]->decaps : s->sa[i]->encaps;
	*in = s->far ? s->sa[i]->encaps : s->sa[i]->decaps;
}

/* "ASA holds the SA for 10.26.241.0/24 <-> 195.160.0.0/26 with 5.100.42.2 (R2)" */
static const char *holds(const struct ctx *c, const struct seen *s, size_t i)
{
	const tc_obs_sa *sa = s->sa[i];
	char l[TC_PREFIX_STRLEN], r[TC_PREFIX_STRLEN];
	tc_prefix_format(l, sizeof l, sa->local);
	tc_prefix_format(r, sizeof r, sa->remote);
	const char *with = peer_label(c, sa->peer, sa->peer_name);
	if (!sa->has_counters)
		return tc_arena_printf(c->dr->arena, "%s holds the SA for %s <-> %s with %s",
				       s->cap->hostname, l, r, with);
	return tc_arena_printf(c->dr->arena,
			       "%s holds the SA for %s <-> %s with %s (%llu packets out, %llu in)",
			       s->cap->hostname, l, r, with, (unsigned long long)sa->encaps,
			       (unsigned long long)sa->decaps);
}

/* Which of s's SAs runs one way: index, or s->n when none (or no counters). */
static size_t one_way_sa(const struct seen *s)
{
	for (size_t i = 0; i < s->n; i++) {
		uint64_t out, in;
		counters(s, i, &out, &in);
		if (s->sa[i]->has_counters && (out == 0) != (in == 0))
			return i;
	}
	return s->n;
}

static void set(tc_drift_item *it, tc_drift_verdict v, const char *label, const char *detail)
{
	it->verdict = v;
	it->label = label ? label : tc_drift_verdict_name(v);
	it->detail = detail;
}

/* No SA up for d in s's capture. */
static void judge_none(const struct ctx *c, tc_drift_item *it, const tc_domain *d,
		       const struct seen *s)
{
	tc_arena *a = c->dr->arena;
	const char *dev = d->device->hostname;
	it->observed = "-";
	if (d->state == TC_STATE_STANDBY || d->state == TC_STATE_DOWN) {
		set(it, TC_DRIFT_MATCHES, NULL,
		    tc_arena_printf(a, "no SA up in %s's capture, as predicted (%s)",
				    s->cap->hostname, tc_state_name(d->state)));
		return;
	}
	/* the single-peer end of an oscillating domain holds the SA only while its peer's
	 * ownership is with it: nothing up is one moment of the flapping */
	if (d->state == TC_STATE_OSCILLATING && d->nowners <= 1) {
		set(it, TC_DRIFT_MATCHES, "matches (oscillating: no SA at capture time)",
		    tc_arena_printf(a,
				    "no SA up in %s's capture; ownership alternates, the SA is "
				    "elsewhere at capture time",
				    s->cap->hostname));
		return;
	}
	it->ike = ike_up(c, d, s);
	if (it->ike) {
		set(it, TC_DRIFT_MISSING_SA, "missing SA (idle)",
		    tc_arena_printf(a,
				    "%s predicted, no SA up in %s's capture; the IKE SA with %s is "
				    "%s: idle, the phase-2 SA expired or was never triggered",
				    tc_state_name(d->state), s->cap->hostname,
				    peer_label(c, it->ike->peer, it->ike->peer_name),
				    it->ike->state ? it->ike->state : "up"));
		return;
	}
	set(it, TC_DRIFT_MISSING_SA, "missing SA (down)",
	    tc_arena_printf(a, "%s predicted, no SA up in %s's capture and no IKE SA with %s: down",
			    tc_state_name(d->state), s->cap->hostname,
			    s->far ? dev : "a listed peer"));
}

/* SAs up for d in s's capture. */
static void judge_seen(const struct ctx *c, tc_drift_item *it, const tc_domain *d,
		       const struct seen *s)
{
	tc_arena *a = c->dr->arena;
	it->sa = s->sa[0];
	it->observed = holders(c, s);
	char buf[TC_IP_STRLEN];
	const char *owner = tc_domain_owner_name(d, buf, sizeof buf);
	size_t bad = s->n;
	for (size_t i = 0; i < s->n && bad == s->n; i++)
		if (!is_owner(d, s->who[i]))
			bad = i;
	if (d->state == TC_STATE_STANDBY || d->state == TC_STATE_DOWN || bad < s->n) {
		size_t i = bad < s->n ? bad : 0;
		it->sa = s->sa[i];
		const char *want =
			d->nowners > 1 ? tc_arena_printf(a, "%s or %s", d->owners[0], d->owners[1])
			: owner[0]     ? owner
				       : tc_state_name(d->state);
		set(it, TC_DRIFT_OWNER_DIFFERS, NULL,
		    tc_arena_printf(a, "predicted %s, observed %s: %s", want, it->observed,
				    holds(c, s, i)));
		return;
	}
	size_t ow = one_way_sa(s);
	if (ow < s->n && d->state != TC_STATE_ONE_WAY) {
		it->sa = s->sa[ow];
		set(it, TC_DRIFT_ONE_WAY, NULL,
		    tc_arena_printf(a, "%s predicted, but %s: one direction only",
				    tc_state_name(d->state), holds(c, s, ow)));
		return;
	}
	if (d->state == TC_STATE_OSCILLATING) {
		set(it, TC_DRIFT_MATCHES,
		    tc_arena_printf(a, "matches (oscillating: observed %s at capture time)",
				    it->observed),
		    tc_arena_printf(a, "%s; ownership alternates, any one owner matches",
				    holds(c, s, 0)));
		return;
	}
	set(it, TC_DRIFT_MATCHES, NULL, tc_arena_printf(a, "%s, as predicted", holds(c, s, 0)));
}

static void judge_domain(const struct ctx *c, size_t di, tc_drift_item *it)
{
	const tc_domain *d = &c->p->domains[di];
	struct seen s = {0};
	it->domain = d;
	if (d->device->obs)
		seen_near(c, di, &s);
	else if (!seen_far(c, d, &s)) {
		set(it, TC_DRIFT_NOT_CAPTURED, NULL,
		    tc_arena_printf(c->dr->arena, "no capture of %s (state/%s.txt) nor of a peer",
				    d->device->hostname, d->device->hostname));
		return;
	}
	it->device = s.cap;
	it->far_end = s.far;
	it->nsas = s.total;
	if (s.n == 0)
		judge_none(c, it, d, &s);
	else
		judge_seen(c, it, d, &s);
}

static void judge_unexplained(const struct ctx *c, const tc_device *dev, const tc_obs_sa *sa,
			      tc_drift_item *it)
{
	char l[TC_PREFIX_STRLEN], r[TC_PREFIX_STRLEN];
	it->device = dev;
	it->sa = sa;
	it->nsas = 1;
	it->observed = peer_name(c, sa->peer, sa->peer_name);
	set(it, TC_DRIFT_UNEXPLAINED_SA, NULL,
	    tc_arena_printf(c->dr->arena,
			    "%s holds an SA for %s <-> %s with %s that no crypto ACL line of "
			    "its configuration explains",
			    dev->hostname, tc_prefix_format(l, sizeof l, sa->local),
			    tc_prefix_format(r, sizeof r, sa->remote),
			    peer_label(c, sa->peer, sa->peer_name)));
}

/* Assign every captured SA to its domain; count the SAs no domain explains. */
static size_t assign(struct ctx *c)
{
	size_t total = 0, unexplained = 0;
	c->sa_base = tc_xcalloc(c->m->ndevs + 1, sizeof c->sa_base[0]);
	for (size_t i = 0; i < c->m->ndevs; i++) {
		c->sa_base[i] = total;
		total += c->m->devs[i]->obs ? c->m->devs[i]->obs->nsas : 0;
	}
	c->owner_of = tc_xcalloc(total + 1, sizeof c->owner_of[0]);
	for (size_t i = 0; i < c->m->ndevs; i++) {
		const tc_device *dev = c->m->devs[i];
		c->dr->ncaptured += dev->obs != NULL;
		size_t k = c->sa_base[i];
		for (const tc_obs_sa *sa = dev->obs ? dev->obs->sas : NULL; sa;
		     sa = sa->next, k++) {
			if (sa->no_sa)
				continue;
			c->owner_of[k] = first_domain(c, dev, sa);
			unexplained += c->owner_of[k] == 0;
		}
	}
	return unexplained;
}

int tc_drift_compute(tc_drift **out, const tc_model *m, const tc_prediction *p)
{
	*out = NULL;
	tc_drift *dr = tc_xcalloc(1, sizeof *dr);
	if (!(dr->arena = tc_arena_new())) {
		free(dr);
		return TC_ENOMEM;
	}
	struct ctx c = {.m = m, .p = p, .dr = dr};
	size_t nun = assign(&c);
	dr->ndomains = p->ndomains;
	dr->nitems = p->ndomains + nun;
	dr->items = tc_arena_alloc(dr->arena, (dr->nitems + 1) * sizeof dr->items[0]);
	for (size_t i = 0; i < p->ndomains; i++)
		judge_domain(&c, i, &dr->items[i]);
	size_t n = p->ndomains;
	for (size_t i = 0; i < m->ndevs; i++) {
		const tc_device *dev = m->devs[i];
		size_t k = c.sa_base[i];
		for (const tc_obs_sa *sa = dev->obs ? dev->obs->sas : NULL; sa; sa = sa->next, k++)
			if (!sa->no_sa && c.owner_of[k] == 0)
				judge_unexplained(&c, dev, sa, &dr->items[n++]);
	}
	for (size_t i = 0; i < dr->nitems; i++)
		dr->nverdict[dr->items[i].verdict]++;
	free(c.owner_of);
	free(c.sa_base);
	*out = dr;
	return TC_OK;
}

void tc_drift_free(tc_drift *dr)
{
	if (!dr)
		return;
	tc_arena_free(dr->arena);
	free(dr);
}

const tc_drift_item *tc_drift_of(const tc_drift *dr, const tc_prediction *p, const tc_domain *d)
{
	if (!dr || !p || d < p->domains || d >= p->domains + dr->ndomains)
		return NULL;
	return &dr->items[d - p->domains];
}

bool tc_drift_found(const tc_drift *dr)
{
	for (int v = 0; dr && v < TC_DRIFT_COUNT; v++)
		if (dr->nverdict[v] && !tc_drift_verdict_ok((tc_drift_verdict)v))
			return true;
	return false;
}

void tc_drift_attach(tc_diff *d, const tc_prediction *pb, const tc_drift *db,
		     const tc_prediction *pa, const tc_drift *da)
{
	if (!db || !da)
		return;
	d->drift = true;
	d->ndrift_changed = 0;
	for (size_t i = 0; i < d->ndomains; i++) {
		tc_domain_change *c = &d->domains[i];
		c->drift_before = c->before ? tc_drift_of(db, pb, c->before) : NULL;
		c->drift_after = c->after ? tc_drift_of(da, pa, c->after) : NULL;
		c->drift_changed = c->drift_before && c->drift_after &&
				   strcmp(c->drift_before->label, c->drift_after->label) != 0;
		d->ndrift_changed += c->drift_changed;
	}
}
