/* test_predict.c: predictor behaviour on founding-lab models built with the model builders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <string.h>

#include "model.h"
#include "parser.h"
#include "predict.h"

static tc_prefix P(const char *s)
{
	tc_prefix p;
	assert_int_equal(tc_prefix_parse(&p, s, strlen(s)), 0);
	return p;
}

static uint32_t IP(const char *s)
{
	uint32_t ip;
	assert_int_equal(tc_ip_parse(&ip, s, strlen(s)), 0);
	return ip;
}

static tc_device *dev(tc_model *m, const char *name, tc_dialect d)
{
	tc_device *x = tc_device_add(m, name, d);
	x->hostname = tc_arena_strdup(m->arena, name);
	return x;
}

static tc_iface *ifc(tc_model *m, tc_device *d, const char *name, const char *cidr,
		     const char *cmap)
{
	tc_iface *i = tc_iface_add(m, d, name);
	tc_prefix p = P(cidr);
	const char *slash = strchr(cidr, '/');
	assert_int_equal(tc_ip_parse(&i->addr, cidr, (size_t)(slash - cidr)), 0);
	i->plen = p.len;
	i->has_addr = true;
	i->ike = true;
	i->cmap = cmap ? tc_arena_strdup(m->arena, cmap) : NULL;
	return i;
}

static void route(tc_model *m, tc_device *d, const char *dst, const char *nh)
{
	tc_route *r = tc_route_add(m, d, TC_RT_STATIC);
	r->dst = P(dst);
	r->nh = IP(nh);
	r->has_nh = true;
}

/* IKE policy, transform set and a wildcard PSK all devices share. */
static void ike(tc_model *m, tc_device *d, const char *key)
{
	tc_ikepol *p = tc_ikepol_add(m, d, 10, 1);
	p->enc = "aes-256";
	p->hash = "sha1";
	p->auth = "pre-share";
	p->group = 14;
	tc_tset *t = tc_tset_add(m, d, "TS");
	t->enc = "aes-256";
	t->auth = "sha1";
	tc_psk *k = tc_psk_add(m, d);
	k->peer = P("0.0.0.0/0");
	k->digest = tc_secret_digest(key, strlen(key));
}

static tc_entry *entry(tc_model *m, tc_device *d, const char *acl, const char *p1, const char *p2)
{
	tc_entry *e = tc_entry_get(m, d, "CMAP", 10);
	e->acl_name = tc_arena_strdup(m->arena, acl);
	e->peers[e->npeers++] = IP(p1);
	if (p2)
		e->peers[e->npeers++] = IP(p2);
	e->tset_names[e->ntsets++] = "TS";
	return e;
}

static void ace(tc_model *m, tc_device *d, const char *acl, const char *src, const char *dst)
{
	tc_ace *a = tc_ace_add(m, tc_acl_get(m, d, acl));
	a->permit = true;
	a->src = P(src);
	a->dst = P(dst);
}

/* Optional extra configuration applied to the hub before finalize. */
static void (*lab_extra)(tc_model *m, tc_device *hub);

/* The founding lab; two_domains adds 10.26.242.0/24 returned via R3 (scenario B). */
static tc_model *lab(bool two_domains, const char *r2_key, bool r3_cut)
{
	tc_model *m = tc_model_new();
	tc_device *hub = dev(m, "ASA", TC_DIALECT_ASA), *r2 = dev(m, "R2", TC_DIALECT_IOS),
		  *r3 = dev(m, "R3", TC_DIALECT_IOS), *r4 = dev(m, "R4", TC_DIALECT_IOS),
		  *r5 = dev(m, "R5", TC_DIALECT_IOS), *r6 = dev(m, "R6", TC_DIALECT_IOS);
	ifc(m, hub, "outside", "5.100.14.1/24", "CMAP");
	ifc(m, hub, "inside", "10.26.15.1/24", NULL);
	route(m, hub, "0.0.0.0/0", "5.100.14.4");
	route(m, hub, "10.26.241.0/24", "10.26.15.5");
	ifc(m, r2, "Gi0/0", "5.100.26.2/24", NULL);
	ifc(m, r2, "Gi0/1", "5.100.42.2/24", "CMAP");
	route(m, r2, "0.0.0.0/0", "5.100.42.4");
	route(m, r2, "195.160.0.0/26", "5.100.26.6");
	ifc(m, r3, "Gi0/0", "5.100.36.3/24", NULL);
	ifc(m, r3, "Gi0/1", "5.100.34.3/24", "CMAP");
	route(m, r3, "0.0.0.0/0", "5.100.34.4");
	route(m, r3, "195.160.0.0/26", "5.100.36.6");
	ifc(m, r4, "Gi0/0", "5.100.14.4/24", NULL);
	ifc(m, r4, "Gi0/1", "5.100.42.4/24", NULL);
	if (!r3_cut)
		ifc(m, r4, "Gi0/2", "5.100.34.4/24", NULL);
	ifc(m, r5, "Gi0/0", "10.26.15.5/24", NULL);
	ifc(m, r5, "Lo0", "10.26.241.1/24", NULL);
	route(m, r5, "0.0.0.0/0", "10.26.15.1");
	ifc(m, r6, "Gi0/0", "5.100.26.6/24", NULL);
	ifc(m, r6, "Gi0/1", "5.100.36.6/24", NULL);
	ifc(m, r6, "Lo0", "195.160.0.1/26", NULL);
	route(m, r6, "10.26.241.0/24", "5.100.26.2");

	ike(m, hub, "k");
	ike(m, r2, r2_key);
	ike(m, r3, "k");
	entry(m, hub, "VPN", "5.100.34.3", "5.100.42.2");
	entry(m, r2, "VPN", "5.100.14.1", NULL);
	entry(m, r3, "VPN", "5.100.14.1", NULL);
	ace(m, hub, "VPN", "10.26.241.0/24", "195.160.0.0/26");
	ace(m, r2, "VPN", "195.160.0.0/26", "10.26.241.0/24");
	ace(m, r3, "VPN", "195.160.0.0/26", "10.26.241.0/24");
	if (two_domains) {
		ifc(m, r5, "Lo1", "10.26.242.1/24", NULL);
		route(m, hub, "10.26.242.0/24", "10.26.15.5");
		route(m, r6, "10.26.242.0/24", "5.100.36.3");
		ace(m, hub, "VPN", "10.26.242.0/24", "195.160.0.0/26");
		ace(m, r2, "VPN", "195.160.0.0/26", "10.26.242.0/24");
		ace(m, r3, "VPN", "195.160.0.0/26", "10.26.242.0/24");
	}
	if (lab_extra)
		lab_extra(m, hub);
	assert_int_equal(tc_model_finalize(m), 0);
	return m;
}

static const tc_domain *domain(const tc_prediction *p, const char *devname, const char *local)
{
	for (size_t i = 0; i < p->ndomains; i++)
		if (strcmp(p->domains[i].device->hostname, devname) == 0 &&
		    tc_prefix_cmp(p->domains[i].local, P(local)) == 0)
			return &p->domains[i];
	fail_msg("no domain %s %s", devname, local);
	return NULL;
}

/* The index of the first event of t of this kind whose text has needle, or -1. */
static long event_at(const tc_trace *t, tc_event_kind kind, const char *needle)
{
	for (size_t i = 0; i < t->nevents; i++)
		if (tc_trace_event(t, i).kind == kind && strstr(tc_trace_event(t, i).text, needle))
			return (long)i;
	return -1;
}

static bool trace_has(const tc_trace *t, tc_event_kind kind, const char *needle)
{
	return event_at(t, kind, needle) >= 0;
}

/* The lab with extra configuration on top, and its prediction with opts. */
static tc_model *lab_with(void (*extra)(tc_model *m, tc_device *hub), const tc_predict_opts *opts,
			  tc_prediction **p)
{
	lab_extra = extra;
	tc_model *m = lab(false, "k", false);
	lab_extra = NULL;
	assert_int_equal(tc_predict(p, m, opts), 0);
	return m;
}

/* The first event of trace t of this kind and reason; fails the test when there is none. */
static tc_event event_for(const tc_trace *t, tc_event_kind kind, tc_reason reason)
{
	for (size_t i = 0; i < t->nevents; i++) {
		tc_event e = tc_trace_event(t, i);
		if (e.kind == kind && e.reason == reason)
			return e;
	}
	fail_msg("no %s event with reason %s", tc_event_kind_name(kind),
		 tc_reason_info_get(reason) ? tc_reason_info_get(reason)->code : "none");
	return (tc_event){0};
}

/* The event's facts as fields: where, the other end, its address, the proposed pair. */
static void assert_negotiation(const tc_event *e, const char *dev, const char *peer,
			       const char *peer_addr, const char *local, const char *remote)
{
	assert_string_equal(e->device->hostname, dev);
	assert_non_null(e->peer);
	assert_string_equal(e->peer->hostname, peer);
	assert_true(e->has_peer_addr);
	assert_int_equal(e->peer_addr, IP(peer_addr));
	assert_true(e->has_proxy);
	assert_int_equal(tc_prefix_cmp(e->local, P(local)), 0);
	assert_int_equal(tc_prefix_cmp(e->remote, P(remote)), 0);
}

static void reason_codes_are_kebab_case_and_distinct(void **state)
{
	(void)state;
	assert_null(tc_reason_info_get(TC_REASON_NONE));
	assert_null(tc_reason_info_get(TC_REASON_COUNT));
	for (int r = 1; r < TC_REASON_COUNT; r++) {
		const tc_reason_info *ri = tc_reason_info_get((tc_reason)r);
		assert_non_null(ri);
		assert_non_null(ri->meaning);
		assert_true(ri->code[0] >= 'a' && ri->code[0] <= 'z');
		assert_int_equal(strspn(ri->code, "abcdefghijklmnopqrstuvwxyz0123456789-"),
				 strlen(ri->code));
		for (int q = 1; q < r; q++)
			assert_string_not_equal(tc_reason_info_get((tc_reason)q)->code, ri->code);
	}
	assert_string_equal(tc_reason_info_get(TC_REASON_PSK_MISMATCH)->code, "psk-mismatch");
}

static void all_ikev2(tc_model *m, tc_device *hub);

static void failed_negotiations_carry_their_reason_and_proposal(void **state)
{
	(void)state;
	/* R2's key differs (R4.1): its initiation toward the ASA for R6's replies fails, and with
	 * no other peer listed the packet is dropped (R3.3) */
	tc_model *m = lab(false, "other", false);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_trace *t = &domain(p, "ASA", "10.26.241.0/24")->traces[0];
	tc_event e = event_for(t, TC_EV_REJECT, TC_REASON_PSK_MISMATCH);
	assert_string_equal(e.rule, "R4.1");
	assert_negotiation(&e, "R2", "ASA", "5.100.14.1", "195.160.0.0/26", "10.26.241.0/24");
	e = event_for(t, TC_EV_DROP, TC_REASON_NO_PEER_ACCEPTS);
	assert_string_equal(e.device->hostname, "R2");
	tc_prediction_free(p);
	tc_model_free(m);
	/* R4 has no route toward R3: the ASA's IKE packets to its first peer die (R1.5) */
	m = lab(false, "k", true);
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	t = &domain(p, "ASA", "10.26.241.0/24")->traces[0];
	e = event_for(t, TC_EV_REJECT, TC_REASON_IKE_UNREACHABLE);
	assert_string_equal(e.rule, "R1.5");
	assert_negotiation(&e, "ASA", "R3", "5.100.34.3", "10.26.241.0/24", "195.160.0.0/26");
	tc_prediction_free(p);
	tc_model_free(m);
	/* IKEv2: the ASA answers only its active peer R3, so R2 is refused (R4.2) */
	lab_extra = all_ikev2;
	m = lab(false, "k", false);
	lab_extra = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	t = &domain(p, "ASA", "10.26.241.0/24")->traces[0];
	e = event_for(t, TC_EV_REJECT, TC_REASON_IKEV2_NOT_ACTIVE_PEER);
	assert_string_equal(e.rule, "R4.2");
	assert_negotiation(&e, "R2", "ASA", "5.100.14.1", "195.160.0.0/26", "10.26.241.0/24");
	tc_prediction_free(p);
	tc_model_free(m);
}

/* The rule of t's first event of this kind ("" when none has one). */
static const char *event_rule(const tc_trace *t, tc_event_kind kind)
{
	for (size_t i = 0; i < t->nevents; i++)
		if (tc_trace_event(t, i).kind == kind)
			return tc_trace_event(t, i).rule ? tc_trace_event(t, i).rule : "";
	return "";
}

static void scenario_a_return_via_r2_moves_ownership_to_r2(void **state)
{
	(void)state;
	tc_model *m = lab(false, "k", false);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_string_equal(tc_state_name(d->state), "stable");
	assert_non_null(d->owner);
	assert_string_equal(d->owner->hostname, "R2");
	assert_int_equal(d->owner_addr, IP("5.100.42.2"));
	assert_int_equal(d->nowners_seen, 2); /* R3 first, then R2 */
	assert_string_equal(d->owners_seen[0], "R2");
	assert_string_equal(d->owners_seen[1], "R3");
	/* the hub first initiates to R3, then R2's initiation replaces R3's SA */
	assert_true(trace_has(&d->traces[0], TC_EV_INITIATE, "to 5.100.34.3 (R3)"));
	assert_true(trace_has(&d->traces[0], TC_EV_SA_DROP, "with 5.100.34.3 (R3)"));
	/* when R6 sends first, R2 initiates and nothing is ever replaced */
	assert_false(trace_has(&d->traces[1], TC_EV_SA_DROP, ""));
	assert_string_equal(d->traces[1].owner->hostname, "R2");
	tc_prediction_free(p);
	tc_model_free(m);
}

static void scenario_b_hub_drops_only_the_241_sa(void **state)
{
	(void)state;
	tc_model *m = lab(true, "k", false);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d241 = domain(p, "ASA", "10.26.241.0/24");
	const tc_domain *d242 = domain(p, "ASA", "10.26.242.0/24");
	assert_string_equal(d241->owner->hostname, "R2");
	assert_string_equal(d242->owner->hostname, "R3");
	assert_int_equal(d241->state, TC_STATE_STABLE);
	assert_int_equal(d242->state, TC_STATE_STABLE);
	assert_true(
		trace_has(&d241->traces[0], TC_EV_SA_DROP, "10.26.241.0/24 <-> 195.160.0.0/26"));
	assert_false(trace_has(&d242->traces[0], TC_EV_SA_DROP, ""));
	/* R3 lost its 241 SA to the IKE delete (R4.3) and R6 returns 241 through R2:
	 * R3's 241 line holds no SA while the traffic flows through R2, standby;
	 * likewise R2's 242 line, 242 returning through R3 */
	const tc_domain *r3_241 = domain(p, "R3", "195.160.0.0/26");
	assert_int_equal(tc_prefix_cmp(r3_241->remote, P("10.26.241.0/24")), 0);
	assert_null(r3_241->owner);
	assert_int_equal(r3_241->state, TC_STATE_STANDBY);
	assert_int_equal(r3_241->nowners, 0);
	assert_non_null(strstr(r3_241->summary, "standby"));
	const tc_domain *r2_242 =
		&p->domains[(size_t)(domain(p, "R2", "195.160.0.0/26") - p->domains) + 1];
	assert_string_equal(r2_242->device->hostname, "R2");
	assert_int_equal(tc_prefix_cmp(r2_242->remote, P("10.26.242.0/24")), 0);
	assert_int_equal(r2_242->state, TC_STATE_STANDBY);
	assert_int_equal(p->nstate[TC_STATE_STABLE], 4);
	assert_int_equal(p->nstate[TC_STATE_STANDBY], 2);
	/* the owners: one each where an SA is held */
	assert_int_equal(d241->nowners, 1);
	assert_string_equal(d241->owners[0], "R2");
	assert_false(d241->assumed);
	tc_prediction_free(p);
	tc_model_free(m);
}

static void psk_mismatch_on_backup_makes_return_traffic_one_way(void **state)
{
	(void)state;
	/* R2 cannot negotiate: R6's replies for 241 reach R2 and die there. */
	tc_model *m = lab(false, "other", false);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_string_equal(d->owner->hostname, "R3");
	assert_int_equal(d->state, TC_STATE_ONE_WAY);
	assert_true(trace_has(&d->traces[0], TC_EV_REJECT, "pre-shared keys of R2 and ASA differ"));
	tc_prediction_free(p);
	tc_model_free(m);
}

static void unreachable_first_peer_falls_through_to_second(void **state)
{
	(void)state;
	/* R4 loses its link to R3: IKE toward R3 dies at R4, the hub moves on (R3.3) */
	tc_model *m = lab(false, "k", true);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_true(trace_has(&d->traces[0], TC_EV_REJECT, "5.100.34.3 (R3) fails"));
	assert_string_equal(d->owner->hostname, "R2");
	assert_int_equal(d->state, TC_STATE_STABLE);
	tc_prediction_free(p);
	tc_model_free(m);
}

/* Entry 5 denies 241 first, then permits the whole 10.26.0.0/16 toward R2. */
static void deny_first_entry(tc_model *m, tc_device *hub)
{
	tc_entry *e = tc_entry_get(m, hub, "CMAP", 5);
	e->acl_name = "EARLY";
	e->peers[e->npeers++] = IP("5.100.42.2");
	e->tset_names[e->ntsets++] = "TS";
	tc_ace *a = tc_ace_add(m, tc_acl_get(m, hub, "EARLY"));
	a->permit = false;
	a->src = P("10.26.241.0/24");
	a->dst = P("195.160.0.0/26");
	ace(m, hub, "EARLY", "10.26.0.0/16", "195.160.0.0/26");
}

static void deny_line_cascades_to_the_next_entry(void **state)
{
	(void)state;
	lab_extra = deny_first_entry;
	tc_model *m = lab(false, "k", false);
	lab_extra = NULL;
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_int_equal(d->entry->seq, 10);
	/* entry 5's deny sends 241 on to entry 10, whose first peer is R3 (R2.1) */
	assert_true(trace_has(&d->traces[0], TC_EV_MATCH, "matches crypto map CMAP 10"));
	assert_true(trace_has(&d->traces[0], TC_EV_INITIATE, "to 5.100.34.3 (R3), peer 1 of 2"));
	/* entry 5's own domain is refused by R2: its ACL has no line containing 10.26.0.0/16 */
	const tc_domain *wide = domain(p, "ASA", "10.26.0.0/16");
	assert_int_equal(wide->entry->seq, 5);
	assert_int_equal(wide->state, TC_STATE_DOWN);
	assert_true(trace_has(&wide->traces[0], TC_EV_REJECT, "no ACL line contains"));
	tc_prediction_free(p);
	tc_model_free(m);
}

/* R6 returns 10.26.241.0/25 via R2 and 10.26.241.128/25 via R3. */
static void split_return_routes(tc_model *m, tc_device *hub)
{
	(void)hub;
	tc_device *r6 = (tc_device *)tc_device_find(m, "R6");
	route(m, r6, "10.26.241.128/25", "5.100.36.3");
	route(m, r6, "10.26.241.0/25", "5.100.26.2");
}

static void split_return_routing_oscillates_and_names_the_sub_ranges(void **state)
{
	(void)state;
	lab_extra = split_return_routes;
	tc_model *m = lab(false, "k", false);
	lab_extra = NULL;
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_int_equal(d->state, TC_STATE_OSCILLATING);
	assert_null(d->owner);
	assert_int_equal(d->nowners_seen, 2);
	assert_int_equal(d->nparts, 2);
	assert_int_equal(tc_prefix_cmp(d->parts[0].local, P("10.26.241.0/25")), 0);
	assert_string_equal(d->parts[0].via->hostname, "R2");
	assert_int_equal(tc_prefix_cmp(d->parts[1].local, P("10.26.241.128/25")), 0);
	assert_string_equal(d->parts[1].via->hostname, "R3");
	assert_non_null(strstr(d->summary, "10.26.241.0/25 via R2, 10.26.241.128/25 via R3"));
	/* the hub's SA alternates between R2 and R3 (R4.3 each time the other initiates) */
	assert_int_equal(d->nowners, 2);
	assert_string_equal(d->owners[0], "R2");
	assert_string_equal(d->owners[1], "R3");
	assert_false(d->assumed);
	/* R2's side has one peer: its SA with the ASA comes and goes */
	const tc_domain *r2 = domain(p, "R2", "195.160.0.0/26");
	assert_int_equal(r2->state, TC_STATE_OSCILLATING);
	assert_int_equal(r2->nowners, 1);
	assert_string_equal(r2->owners[0], "ASA");
	tc_prediction_free(p);
	tc_model_free(m);
}

/* R6 returns 10.26.241.0/24 over two equal-cost static routes: via R2 (the lab's) and R3. */
static void ecmp_return_routes(tc_model *m, tc_device *hub)
{
	(void)hub;
	route(m, (tc_device *)tc_device_find(m, "R6"), "10.26.241.0/24", "5.100.36.3");
}

static void ecmp_return_walks_both_paths_and_oscillates(void **state)
{
	(void)state;
	tc_prediction *p = NULL;
	tc_model *m = lab_with(ecmp_return_routes, NULL, &p);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	/* per-flow load sharing (CEF's default) sends some flows via R2, some via R3: each
	 * gateway initiates and replaces the other's SA (R4.1, R4.3; spec L21) */
	assert_int_equal(d->state, TC_STATE_OSCILLATING);
	assert_null(d->owner);
	assert_int_equal(d->nowners_seen, 2);
	assert_string_equal(d->owners_seen[0], "R2");
	assert_string_equal(d->owners_seen[1], "R3");
	const tc_trace *t = &d->traces[0];
	long said = event_at(t, TC_EV_INFO,
			     "flows of 10.26.241.0/24 reach R2 and R3 by ECMP at R6 (per-flow "
			     "load sharing, CEF default): 2 equal-cost paths, each walked");
	long b1 = event_at(t, TC_EV_INFO, "flow 1 of 2 via 5.100.26.2");
	long drop3 = event_at(t, TC_EV_SA_DROP, "with 5.100.34.3 (R3): R2 brought up");
	long b2 = event_at(t, TC_EV_INFO, "flow 2 of 2 via 5.100.36.3");
	long drop2 = event_at(t, TC_EV_SA_DROP, "with 5.100.42.2 (R2): R3 brought up");
	/* one line per ECMP point, then the branches in FIB order, within the round */
	assert_true(said >= 0 && said < b1 && b1 < drop3 && drop3 < b2 && b2 < drop2);
	/* R2's mirror line comes and goes with it */
	assert_int_equal(domain(p, "R2", "195.160.0.0/26")->state, TC_STATE_OSCILLATING);
	tc_prediction_free(p);
	/* all flows of the pair on one path (the first: via R2): lab-a's outcome */
	tc_predict_opts o = {.ecmp_one_path = true};
	assert_int_equal(tc_predict(&p, m, &o), 0);
	d = domain(p, "ASA", "10.26.241.0/24");
	assert_int_equal(d->state, TC_STATE_STABLE);
	assert_string_equal(d->owner->hostname, "R2");
	assert_true(trace_has(&d->traces[0], TC_EV_INFO,
			      "hashes to the same one (--assume ecmp-one-path): walking the "
			      "first, via 5.100.26.2"));
	assert_false(trace_has(&d->traces[0], TC_EV_INFO, "flow 2 of 2"));
	tc_prediction_free(p);
	tc_model_free(m);
}

/* The summary of a domain that oscillates because R6 splits its return flows by ECMP says so,
 * in the ECMP line's words (per-flow CEF load sharing: each gateway re-initiates and replaces
 * the other's SA, R4.3, L21); R2's mirror domain, whose trace walks the same split, too. */
static void ecmp_oscillation_summary_names_the_split(void **state)
{
	(void)state;
	tc_prediction *p = NULL;
	tc_model *m = lab_with(ecmp_return_routes, NULL, &p);
	static const char want[] = "ownership keeps moving: the flows of 10.26.241.0/24 reach R2 "
				   "and R3 by ECMP at R6; each gateway re-initiates and replaces "
				   "the other's SA";
	assert_string_equal(domain(p, "ASA", "10.26.241.0/24")->summary, want);
	assert_string_equal(domain(p, "R2", "195.160.0.0/26")->summary, want);
	tc_prediction_free(p);
	tc_model_free(m);
}

/* The proxy pair is one host pair: 10.26.241.1 <-> 195.160.0.1. */
static void ecmp_host_pair(tc_model *m, tc_device *hub)
{
	ecmp_return_routes(m, hub);
	for (tc_device *x = m->devices; x; x = x->next)
		for (tc_acl *a = x->acls; a; a = a->next)
			for (tc_ace *l = a->aces; l; l = l->next) {
				bool local = tc_prefix_has(l->src, IP("10.26.241.1"));
				l->src = P(local ? "10.26.241.1/32" : "195.160.0.1/32");
				l->dst = P(local ? "195.160.0.1/32" : "10.26.241.1/32");
			}
}

static void ecmp_host_pair_is_one_flow_on_one_path(void **state)
{
	(void)state;
	tc_prediction *p = NULL;
	tc_model *m = lab_with(ecmp_host_pair, NULL, &p);
	const tc_domain *d = domain(p, "ASA", "10.26.241.1/32");
	/* CEF hashes source and destination: one host pair is one flow, on one path; which
	 * one is not predicted: the first is walked, and the trace says so */
	assert_int_equal(d->state, TC_STATE_STABLE);
	assert_string_equal(d->owner->hostname, "R2");
	assert_true(trace_has(&d->traces[0], TC_EV_INFO,
			      "195.160.0.1 -> 10.26.241.1 is a single flow"));
	assert_false(trace_has(&d->traces[0], TC_EV_INFO, "flow 2 of 2"));
	/* R2 is the first path's owner, not a firm one: the row is marked and says why */
	assert_true(d->hashed);
	assert_non_null(strstr(d->summary, "this single flow takes one of several equal-cost "
					   "paths, the hash's choice (not predicted)"));
	tc_prediction_free(p);
	/* ip load-sharing per-packet on R6's egress: even one flow alternates */
	tc_device *r6 = (tc_device *)tc_device_find(m, "R6");
	for (tc_iface *i = r6->ifaces; i; i = i->next)
		i->per_packet = true;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	d = domain(p, "ASA", "10.26.241.1/32");
	assert_int_equal(d->state, TC_STATE_OSCILLATING);
	assert_true(trace_has(&d->traces[0], TC_EV_INFO,
			      "reach R2 and R3 by ECMP at R6 (per-packet load sharing"));
	assert_false(d->hashed); /* every path is walked */
	tc_prediction_free(p);
	tc_model_free(m);
}

/* R6 has nine equal-cost routes back to 10.26.241.0/24: the lab's via R2, eight more to next
 * hops on R2's subnet that no device of the snapshot holds. */
static void nine_equal_routes(tc_model *m, tc_device *hub)
{
	(void)hub;
	char nh[32];
	for (unsigned k = 0; k < 8; k++) {
		snprintf(nh, sizeof nh, "5.100.26.%u", 10 + k);
		route(m, (tc_device *)tc_device_find(m, "R6"), "10.26.241.0/24", nh);
	}
}

/* The lab with extra on top: the trace of local's ASA domain, local side first, says said
 * in an INFO line and nowhere unsaid. */
static void asa_trace_says(void (*extra)(tc_model *m, tc_device *hub), const char *local,
			   const char *said, const char *unsaid)
{
	tc_prediction *p = NULL;
	tc_model *m = lab_with(extra, NULL, &p);
	const tc_trace *t = &domain(p, "ASA", local)->traces[0];
	assert_true(trace_has(t, TC_EV_INFO, said));
	assert_false(trace_has(t, TC_EV_INFO, unsaid));
	tc_prediction_free(p);
	tc_model_free(m);
}

static void ecmp_branches_are_bounded_per_walk(void **state)
{
	(void)state;
	/* 8 ends per walk: the ninth path is not walked, and the trace says so */
	asa_trace_says(nine_equal_routes, "10.26.241.0/24",
		       "flows of 10.26.241.0/24 reach R2, 5.100.26.10, 5.100.26.11, 5.100.26.12, "
		       "5.100.26.13, 5.100.26.14, 5.100.26.15 and 5.100.26.16 by ECMP at R6 "
		       "(per-flow load sharing, CEF default): 8 of its 9 equal-cost paths "
		       "walked, the limit of 8 branches per walk",
		       "via 5.100.26.17");
}

/* ecmp-return with R6's LAN moved to R7 behind eight parallel links R7 =8= R6: R7 has eight
 * equal-cost routes to 10.26.241.0/24, all to R6 through alike interfaces. */
static void lan_behind_bundle(tc_model *m, tc_device *hub)
{
	ecmp_return_routes(m, hub);
	tc_device *r6 = (tc_device *)tc_device_find(m, "R6"), *r7 = dev(m, "R7", TC_DIALECT_IOS);
	for (tc_iface *i = r6->ifaces; i; i = i->next)
		i->shutdown |= strcmp(i->name, "Lo0") == 0;
	ifc(m, r7, "Lo0", "195.160.0.1/26", NULL);
	char name[16], a6[32], a7[32];
	for (unsigned k = 0; k < 8; k++) {
		snprintf(name, sizeof name, "Gi1/%u", k);
		snprintf(a6, sizeof a6, "172.30.%u.6/24", k);
		snprintf(a7, sizeof a7, "172.30.%u.7/24", k);
		ifc(m, r6, name, a6, NULL);
		ifc(m, r7, name, a7, NULL);
		snprintf(a6, sizeof a6, "172.30.%u.6", k);
		route(m, r7, "10.26.241.0/24", a6);
	}
	route(m, r6, "195.160.0.0/26", "172.30.0.7");
}

static void converging_paths_are_one_branch(void **state)
{
	(void)state;
	tc_prediction *p = NULL;
	tc_model *m = lab_with(lan_behind_bundle, NULL, &p);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	/* R7's eight paths all end at R6 the same way: one branch, so R6's split still hashes
	 * flows to R2 and R3, which replace each other's SA (L21, R4.1, R4.3) */
	assert_int_equal(d->state, TC_STATE_OSCILLATING);
	assert_int_equal(d->nowners, 2);
	assert_string_equal(d->owners[0], "R2");
	assert_string_equal(d->owners[1], "R3");
	assert_null(strstr(d->summary, "partial"));
	const tc_trace *t = &d->traces[0];
	assert_true(trace_has(t, TC_EV_INFO,
			      "R7 has 8 equal-cost paths to 10.26.241.1, all to R6 the same way"));
	assert_true(trace_has(t, TC_EV_INFO, "2 equal-cost paths, each walked"));
	assert_false(trace_has(t, TC_EV_INFO, "(the limit)"));
	assert_false(trace_has(t, TC_EV_INFO, "flow 1 of 8"));
	tc_prediction_free(p);
	/* R6 down: R7's flows die there, and so do the ASA's after R3 decrypts them: an SA is
	 * up, but nothing is delivered either way: down, not one-way */
	const tc_device *r6 = tc_device_find(m, "R6");
	tc_predict_opts o = {.fail_devices = &r6, .nfail_devices = 1};
	assert_int_equal(tc_predict(&p, m, &o), 0);
	d = domain(p, "ASA", "10.26.241.0/24");
	assert_int_equal(d->state, TC_STATE_DOWN);
	assert_true(d->has_owner_addr);
	assert_string_equal(d->summary,
			    "an SA is up with R3 but traffic in both directions is lost");
	tc_prediction_free(p);
	tc_model_free(m);
}

static void ecmp_cut_makes_the_summary_partial(void **state)
{
	(void)state;
	tc_prediction *p = NULL;
	tc_model *m = lab_with(nine_equal_routes, NULL, &p);
	/* nine distinct next hops at R6: the ninth is not walked, and the domain says so */
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_non_null(strstr(d->summary, "; partial: equal-cost paths beyond the limit of 8 "
					   "branches per walk were not walked"));
	tc_prediction_free(p);
	tc_model_free(m);
}

/* The ASA has CMAP on a second uplink, outside2 (5.100.4.1), and two equal routes to R3's
 * subnet, the first out of outside2; map_on_2 names the set applied there. */
static void peer_route_over_two_uplinks(tc_model *m, tc_device *hub, const char *map_on_2)
{
	ifc(m, hub, "outside2", "5.100.4.1/24", map_on_2);
	ifc(m, (tc_device *)tc_device_find(m, "R4"), "Gi0/3", "5.100.4.4/24", NULL);
	route(m, hub, "5.100.34.0/24", "5.100.4.4");
	route(m, hub, "5.100.34.0/24", "5.100.14.4");
}

static void same_map_on_second_uplink(tc_model *m, tc_device *hub)
{
	peer_route_over_two_uplinks(m, hub, "CMAP");
}

static void other_map_on_second_uplink(tc_model *m, tc_device *hub)
{
	peer_route_over_two_uplinks(m, hub, "OTHER");
}

static void peer_route_accepts_any_equal_path_with_the_map(void **state)
{
	(void)state;
	tc_prediction *p = NULL;
	tc_model *m = lab_with(same_map_on_second_uplink, NULL, &p);
	/* an equal-cost path to R3 leaves outside, where CMAP is applied (R1.5): the ASA
	 * initiates to R3, its first peer (R3.1), and the SA comes up */
	const tc_trace *t = &domain(p, "ASA", "10.26.241.0/24")->traces[0];
	assert_true(trace_has(t, TC_EV_SA_UP, "between ASA and R3"));
	assert_false(trace_has(t, TC_EV_REJECT, "where crypto map"));
	tc_prediction_free(p);
	tc_model_free(m);
	/* the control: outside2 carries another set, so IKE to R3 leaves where CMAP is not */
	m = lab_with(other_map_on_second_uplink, NULL, &p);
	t = &domain(p, "ASA", "10.26.241.0/24")->traces[0];
	assert_false(trace_has(t, TC_EV_SA_UP, "between ASA and R3"));
	assert_true(trace_has(t, TC_EV_REJECT,
			      "leaves outside2, not outside where crypto map CMAP is applied"));
	tc_prediction_free(p);
	tc_model_free(m);
}

/* R2's line is 195.160.0.0/26 <-> 10.26.0.0/16, and the ASA has a second line for that wider
 * pair after its 241 line. */
static void r2_proposes_the_wide_pair(tc_model *m, tc_device *hub)
{
	tc_device *r2 = (tc_device *)tc_device_find(m, "R2");
	r2->acls->aces->dst = P("10.26.0.0/16");
	ace(m, hub, "VPN", "10.26.0.0/16", "195.160.0.0/26");
}

static void stable_in_one_order_standby_in_the_other_keeps_its_owner(void **state)
{
	(void)state;
	tc_prediction *p = NULL;
	tc_model *m = lab_with(r2_proposes_the_wide_pair, NULL, &p);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	/* the ASA sends first: it initiates its 241 pair to R3, its first peer (R3.1); R2's wide
	 * pair comes up beside it (another pair: nothing replaced, R4.3) and the ASA's 241
	 * traffic keeps R3's SA (R4.4). R6 sends first: R2's wide SA comes up first and carries
	 * the ASA's 241 traffic (R4.4): no SA of the 241 pair, both ways delivered (standby). */
	assert_int_equal(d->traces[0].state, TC_STATE_STABLE);
	assert_int_equal(d->traces[1].state, TC_STATE_STANDBY);
	assert_int_equal(d->state, TC_STATE_STABLE);
	assert_true(d->order_dependent);
	assert_non_null(d->owner);
	assert_string_equal(d->owner->hostname, "R3");
	assert_int_equal(d->owner_addr, IP("5.100.34.3"));
	assert_int_equal(d->nowners, 1);
	assert_string_equal(d->owners[0], "R3");
	assert_non_null(strstr(d->summary, "the owner depends on which side sends first: when "
					   "the local side sends first, R3 owns the SA; when the "
					   "remote side does, other gateways carry the traffic"));
	tc_prediction_free(p);
	tc_model_free(m);
}

/* The host pair, and the ASA with two equal routes to 195.160.0.0/26 out of outside. */
static void asa_ecmp_host_pair(tc_model *m, tc_device *hub)
{
	ecmp_host_pair(m, hub);
	route(m, hub, "195.160.0.0/26", "5.100.14.4");
	route(m, hub, "195.160.0.0/26", "5.100.14.9");
}

static void asa_hashes_ports_so_a_host_pair_spreads(void **state)
{
	(void)state;
	/* the ASA's ECMP hash takes ports and protocol: one host pair is many flows; both
	 * paths leave by outside, into the SA with R3 (ASA configuration guide, ECMP) */
	asa_trace_says(asa_ecmp_host_pair, "10.26.241.1/32",
		       "flows of 195.160.0.1/32 reach R3 by ECMP at ASA (per-flow load sharing by "
		       "the ASA's hash): 2 equal-cost paths, each walked",
		       "10.26.241.1 -> 195.160.0.1 is a single flow"); /* R6's (IOS) is */
}

/* Every entry negotiates IKEv2 with a matching IKEv2 policy. */
static void all_ikev2(tc_model *m, tc_device *hub)
{
	(void)hub;
	for (tc_device *d = m->devices; d; d = d->next) {
		for (tc_entry *e = d->entries; e; e = e->next)
			e->ike_version = 2;
		if (d->entries) {
			tc_ikepol *p = tc_ikepol_add(m, d, 10, 2);
			p->enc = "aes-256";
			p->hash = "sha256";
			p->auth = "pre-share";
			p->group = 14;
		}
	}
}

static void ikev2_hub_refuses_the_backup_and_the_return_is_lost(void **state)
{
	(void)state;
	lab_extra = all_ikev2;
	tc_model *m = lab(false, "k", false);
	lab_extra = NULL;
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	/* R2's initiation is refused (R4.2): R3 keeps the SA, R6's replies die at R2 */
	assert_true(trace_has(&d->traces[0], TC_EV_REJECT,
			      "accepts only its current active peer 5.100.34.3 (R3)"));
	assert_string_equal(d->owner->hostname, "R3");
	assert_int_equal(d->state, TC_STATE_ONE_WAY);
	/* the refusal is R4.2's active-peer check; R3's entry has one peer, so its acceptance
	 * of the ASA cites the IKEv2 column of §6, never IKEv1's R4.1 */
	assert_string_equal(event_rule(&d->traces[0], TC_EV_REJECT), "R4.2");
	assert_string_equal(event_rule(&d->traces[0], TC_EV_SA_UP), "§6");
	tc_prediction_free(p);
	/* the switch restores the IKEv1-like reading, and its rule */
	tc_predict_opts o = {.ikev2_accepts_backup = true};
	assert_int_equal(tc_predict(&p, m, &o), 0);
	d = domain(p, "ASA", "10.26.241.0/24");
	assert_string_equal(d->owner->hostname, "R2");
	assert_int_equal(d->state, TC_STATE_STABLE);
	assert_string_equal(event_rule(&d->traces[0], TC_EV_SA_UP), "R4.1");
	tc_prediction_free(p);
	tc_model_free(m);
}

/* R4.2: R6 routes 242's replies to R3, the ASA entry's active peer, whose IKEv2 initiation the
 * ASA's two-peer entry accepts: that SA cites the active-peer check it passed. */
static void ikev2_multi_peer_acceptance_cites_the_active_peer_rule(void **state)
{
	(void)state;
	lab_extra = all_ikev2;
	tc_model *m = lab(true, "k", false);
	lab_extra = NULL;
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.242.0/24");
	long found = -1;
	for (int t = 0; t < 2 && found < 0; t++) {
		found = event_at(&d->traces[t], TC_EV_SA_UP,
				 "between R3 and ASA (ASA accepts as responder with crypto map");
		if (found >= 0)
			assert_string_equal(tc_trace_event(&d->traces[t], (size_t)found).rule,
					    "R4.2");
	}
	assert_true(found >= 0);
	tc_prediction_free(p);
	tc_model_free(m);
}

/* R3 protects only 10.26.241.0/25 toward the ASA. */
static void r3_narrow_acl(tc_model *m, tc_device *hub)
{
	(void)hub;
	tc_device *r3 = (tc_device *)tc_device_find(m, "R3");
	tc_acl_find(r3, "VPN")->aces->dst = P("10.26.241.0/25");
}

static void r3_narrow_acl_ikev2(tc_model *m, tc_device *hub)
{
	all_ikev2(m, hub);
	r3_narrow_acl(m, hub);
}

static void ikev2_responder_narrows_where_ikev1_refuses(void **state)
{
	(void)state;
	/* IKEv1: the ASA's /24 proposal fits no line of R3: refused, R2 takes it (R2.3) */
	lab_extra = r3_narrow_acl;
	tc_model *m = lab(false, "k", false);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_true(trace_has(&d->traces[0], TC_EV_REJECT,
			      "no ACL line contains 195.160.0.0/26 <-> 10.26.241.0/24"));
	tc_prediction_free(p);
	tc_model_free(m);
	/* IKEv2: R3 narrows the SA to the /25 it protects */
	lab_extra = r3_narrow_acl_ikev2;
	m = lab(false, "k", false);
	lab_extra = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	d = domain(p, "ASA", "10.26.241.0/24");
	assert_true(trace_has(&d->traces[0], TC_EV_INFO,
			      "narrows the SA to 195.160.0.0/26 <-> 10.26.241.0/25"));
	assert_true(trace_has(&d->traces[0], TC_EV_SA_UP,
			      "10.26.241.0/25 <-> 195.160.0.0/26 between ASA and R3"));
	tc_prediction_free(p);
	tc_model_free(m);
}

/* A NAT rule appended to d's rules (the parser keeps them in rule order). */
static tc_nat *nat(tc_model *m, tc_device *d)
{
	tc_nat *n = tc_arena_alloc(m->arena, sizeof *n);
	if (d->nats_tail)
		d->nats_tail->next = n;
	else
		d->nats = n;
	d->nats_tail = n;
	return n;
}

/* The ASA hides 10.26.0.0/16 behind its outside address (dynamic PAT). */
static void asa_pat_without_exemption(tc_model *m, tc_device *hub)
{
	tc_nat *n = nat(m, hub);
	n->section = 2;
	n->order = 1;
	n->real_if = "inside";
	n->mapped_if = "outside";
	n->pat = true;
	n->real_src.v = tc_arena_alloc(m->arena, sizeof(tc_prefix));
	n->real_src.v[0] = P("10.26.0.0/16");
	n->real_src.n = 1;
	n->mapped_src_if = "outside";
	n->line = 99;
}

/* ... with an identity (exemption) rule for the VPN traffic before it. */
static void asa_pat_with_exemption(tc_model *m, tc_device *hub)
{
	tc_nat *x = nat(m, hub);
	x->section = 1;
	x->order = 1;
	x->real_if = "inside";
	x->mapped_if = "outside";
	x->is_static = x->identity = true;
	x->real_src.v = tc_arena_alloc(m->arena, sizeof(tc_prefix));
	x->real_src.v[0] = P("10.26.241.0/24");
	x->real_src.n = 1;
	x->mapped_src = x->real_src;
	x->real_dst.v = tc_arena_alloc(m->arena, sizeof(tc_prefix));
	x->real_dst.v[0] = P("195.160.0.0/26");
	x->real_dst.n = 1;
	x->mapped_dst = x->real_dst;
	x->line = 98;
	asa_pat_without_exemption(m, hub);
}

static void nat_without_exemption_sends_the_domain_in_clear(void **state)
{
	(void)state;
	lab_extra = asa_pat_without_exemption;
	tc_model *m = lab(false, "k", false);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_true(trace_has(&d->traces[0], TC_EV_CLEAR,
			      "in clear: the crypto ACL is written for the real address"));
	assert_true(d->state == TC_STATE_ONE_WAY || d->state == TC_STATE_DOWN);
	tc_prediction_free(p);
	tc_model_free(m);

	lab_extra = asa_pat_with_exemption;
	m = lab(false, "k", false);
	lab_extra = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	d = domain(p, "ASA", "10.26.241.0/24");
	assert_true(trace_has(&d->traces[0], TC_EV_INFO, "identity (exemption) rule"));
	assert_int_equal(d->state, TC_STATE_STABLE);
	assert_string_equal(d->owner->hostname, "R2");
	tc_prediction_free(p);
	tc_model_free(m);
}

/* R2 has no default route: only the ASA's outside subnet via R4. */
static void r2_without_default(tc_model *m, tc_device *hub)
{
	(void)hub;
	tc_device *r2 = (tc_device *)tc_device_find(m, "R2");
	for (tc_route *r = r2->routes; r; r = tc_route_next(r))
		if (r->dst.len == 0)
			r->dst = P("5.100.14.0/24");
}

static void r2_static_rri(tc_model *m, tc_device *hub)
{
	r2_without_default(m, hub);
	tc_device *r2 = (tc_device *)tc_device_find(m, "R2");
	r2->entries->rri = TC_RRI_STATIC;
}

static void static_reverse_route_repairs_a_missing_return_route(void **state)
{
	(void)state;
	/* without RRI, R6's replies to 241 die at R2: no route */
	lab_extra = r2_without_default;
	tc_model *m = lab(false, "k", false);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_true(trace_has(&d->traces[0], TC_EV_DROP, "R2 has no route to 10.26.241.1"));
	assert_string_equal(d->owner->hostname, "R3");
	assert_int_equal(d->state, TC_STATE_ONE_WAY);
	tc_prediction_free(p);
	tc_model_free(m);
	/* reverse-route static on R2: a permanent route to 241 via the ASA (R5.1) */
	lab_extra = r2_static_rri;
	m = lab(false, "k", false);
	lab_extra = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	d = domain(p, "ASA", "10.26.241.0/24");
	assert_true(trace_has(&d->traces[0], TC_EV_INFO,
			      "R2 routes 10.26.241.1 by its reverse route 10.26.241.0/24"));
	assert_string_equal(d->owner->hostname, "R2");
	assert_int_equal(d->state, TC_STATE_STABLE);
	tc_prediction_free(p);
	tc_model_free(m);
}

/* IOS `set peer 5.100.42.2 default` on the hub's second peer... placed first. */
static void hub_default_peer_r2(tc_model *m, tc_device *hub)
{
	(void)m;
	tc_entry *e = hub->entries;
	uint32_t r3 = e->peers[0];
	e->peers[0] = e->peers[1];
	e->peers[1] = r3;
	e->default_peer = 0;
}

static void default_peer_is_tried_first(void **state)
{
	(void)state;
	lab_extra = hub_default_peer_r2;
	tc_model *m = lab(false, "k", false);
	lab_extra = NULL;
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_true(trace_has(&d->traces[0], TC_EV_INITIATE, "to 5.100.42.2 (R2), peer 1 of 2"));
	assert_false(trace_has(&d->traces[0], TC_EV_SA_DROP, ""));
	assert_string_equal(d->owner->hostname, "R2");
	assert_int_equal(d->state, TC_STATE_STABLE);
	tc_prediction_free(p);
	tc_model_free(m);
}

/* The hub only answers: its entry is dynamic (no ACL, no peers of its own), DYN 10 offers the
 * transform set. */
static void hub_dynamic_only(tc_model *m, tc_device *hub)
{
	tc_entry *e = hub->entries;
	e->dynamic = true;
	e->dynmap = "DYN";
	e->acl_name = NULL;
	e->npeers = 0;
	tc_entry *x = tc_dynentry_get(m, hub, "DYN", 10);
	x->tset_names[x->ntsets++] = "TS";
}

static void dynamic_entry_answers_but_never_initiates(void **state)
{
	(void)state;
	lab_extra = hub_dynamic_only;
	tc_model *m = lab(false, "k", false);
	lab_extra = NULL;
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	/* the hub's only domain is the spokes' pair, mirrored (R2.7): R2 and R3 both propose
	 * it; R6 routes 241 to R2, so R2 brings the SA up and owns it */
	const tc_domain *h = domain(p, "ASA", "10.26.241.0/24");
	assert_null(h->ace);
	assert_int_equal(h->dyn_entry->seq, 10);
	assert_int_equal(h->nspokes, 2);
	assert_string_equal(h->spokes[0]->hostname, "R2");
	assert_string_equal(h->spokes[1]->hostname, "R3");
	assert_string_equal(h->owner->hostname, "R2");
	const tc_domain *d = domain(p, "R2", "195.160.0.0/26");
	assert_true(trace_has(&d->traces[0], TC_EV_SA_UP,
			      "ASA accepts as responder with crypto map CMAP 10"));
	assert_string_equal(d->owner->hostname, "ASA");
	tc_prediction_free(p);
	tc_model_free(m);
}

/* The hub's crypto ACL keeps SSH out of the tunnel: deny tcp ... eq 22 first. */
static void hub_denies_ssh(tc_model *m, tc_device *hub)
{
	tc_acl *acl = tc_acl_get(m, hub, "VPN");
	tc_ace *deny = tc_arena_alloc(m->arena, sizeof *deny);
	deny->permit = false;
	deny->proto = TC_PROTO_TCP;
	deny->src = P("10.26.241.0/24");
	deny->dst = P("195.160.0.0/26");
	deny->sport_hi = 65535;
	deny->dport_lo = deny->dport_hi = 22;
	deny->next = acl->aces;
	acl->aces = deny;
	acl->naces++;
}

static void deny_of_one_port_splits_the_domain_by_service(void **state)
{
	(void)state;
	lab_extra = hub_denies_ssh;
	tc_model *m = lab(false, "k", false);
	lab_extra = NULL;
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_int_equal(d->ace_index, 2);
	assert_int_equal(d->nparts, 2);
	assert_string_equal(d->parts[0].service, "other protocols");
	assert_string_equal(d->parts[1].service, "tcp/22");
	/* SSH cascades past the only entry and leaves in clear; the rest is encrypted */
	assert_true(d->parts[0].fwd_ok);
	assert_null(d->parts[1].fwd_via);
	assert_true(trace_has(&d->traces[0], TC_EV_CLEAR,
			      "in clear: no line of crypto map CMAP permits it"));
	assert_true(trace_has(&d->traces[0], TC_EV_SEND, "10.26.241.1 -> 195.160.0.1 tcp/22"));
	tc_prediction_free(p);
	tc_model_free(m);
}

/* IKEv2 on every device; R3 presents a local key that the ASA does not expect. */
static void r3_ikev2_wrong_local_key(tc_model *m, tc_device *hub)
{
	all_ikev2(m, hub);
	tc_device *r3 = (tc_device *)tc_device_find(m, "R3");
	r3->psks->has_local_digest = true;
	r3->psks->local_digest = tc_secret_digest("other", 5);
}

static void ikev2_keys_are_checked_per_direction(void **state)
{
	(void)state;
	lab_extra = r3_ikev2_wrong_local_key;
	tc_model *m = lab(false, "k", false);
	lab_extra = NULL;
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	assert_true(trace_has(&d->traces[0], TC_EV_REJECT, "pre-shared keys of ASA and R3 differ"));
	assert_string_equal(d->owner->hostname, "R2");
	tc_prediction_free(p);
	tc_model_free(m);
}

/* Two routers on one /30 (R1 .1, R2 .2), each with a loopback; crypto map CMAP on the link.
 * acl1/acl2 are each router's one permit line. */
static tc_model *router_pair(const char *l1, const char *r1, const char *l2, const char *r2)
{
	tc_model *m = tc_model_new();
	tc_device *a = dev(m, "R1", TC_DIALECT_IOS), *b = dev(m, "R2", TC_DIALECT_IOS);
	ifc(m, a, "Gi0/0", "203.0.113.1/30", "CMAP");
	ifc(m, b, "Gi0/0", "203.0.113.2/30", "CMAP");
	ifc(m, a, "Loopback0", "10.255.1.9/32", NULL);
	ifc(m, b, "Loopback0", "10.255.2.9/32", NULL);
	route(m, a, "10.255.2.0/24", "203.0.113.2");
	route(m, b, "10.255.1.0/24", "203.0.113.1");
	ike(m, a, "k");
	ike(m, b, "k");
	entry(m, a, "VPN", "203.0.113.2", NULL);
	entry(m, b, "VPN", "203.0.113.1", NULL);
	ace(m, a, "VPN", l1, r1);
	ace(m, b, "VPN", l2, r2);
	assert_int_equal(tc_model_finalize(m), 0);
	return m;
}

static void originated_domain_starts_at_the_owner(void **state)
{
	(void)state;
	/* GRE between the loopbacks: R1 and R2 send it themselves, no LAN behind (R1.10) */
	tc_model *m =
		router_pair("10.255.1.9/32", "10.255.2.9/32", "10.255.2.9/32", "10.255.1.9/32");
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "R1", "10.255.1.9/32");
	assert_int_equal(d->state, TC_STATE_STABLE);
	assert_true(trace_has(&d->traces[0], TC_EV_SEND, "R1 sends 10.255.1.9 -> 10.255.2.9"));
	assert_true(trace_has(&d->traces[0], TC_EV_DELIVER, "R2 delivers 10.255.2.9"));
	assert_true(trace_has(&d->traces[0], TC_EV_SEND, "R2 sends 10.255.2.9 -> 10.255.1.9"));
	assert_true(trace_has(&d->traces[0], TC_EV_DELIVER, "R1 delivers 10.255.1.9"));
	tc_prediction_free(p);
	tc_model_free(m);
}

static void same_prefix_domain_walked_between_the_two_routers(void **state)
{
	(void)state;
	/* both proxies are the link's /30: R1 .1 <-> R2 .2, never .1 to itself (R1.10) */
	tc_model *m =
		router_pair("203.0.113.0/30", "203.0.113.0/30", "203.0.113.0/30", "203.0.113.0/30");
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	assert_int_equal(p->ndomains, 2);
	for (size_t i = 0; i < 2; i++) {
		const tc_domain *d = &p->domains[i];
		assert_int_equal(d->state, TC_STATE_STABLE);
		assert_true(trace_has(&d->traces[0], TC_EV_SEND,
				      "R1 sends 203.0.113.1 -> 203.0.113.2"));
		assert_true(trace_has(&d->traces[0], TC_EV_SEND,
				      "R2 sends 203.0.113.2 -> 203.0.113.1"));
		assert_true(trace_has(&d->traces[0], TC_EV_DECRYPT, "R2 decrypts it"));
		assert_false(trace_has(&d->traces[0], TC_EV_SEND,
				       "R1 sends 203.0.113.1 -> 203.0.113.1"));
	}
	tc_prediction_free(p);
	tc_model_free(m);
}

/* Two routers on one /30 with LANs 10.1.0.0/16 (R1) and 10.2.0.0/16 (R2), routes to each other's
 * LAN, and CMAP 10 protecting 10.1.0.0/16 <-> 10.2.0.0/16, mirrored; extra(m, r1, r2) adds lines
 * and routes before finalize. */
static tc_model *lan_pair(void (*extra)(tc_model *m, tc_device *r1, tc_device *r2))
{
	tc_model *m = tc_model_new();
	tc_device *a = dev(m, "R1", TC_DIALECT_IOS), *b = dev(m, "R2", TC_DIALECT_IOS);
	ifc(m, a, "Gi0/0", "203.0.113.1/30", "CMAP");
	ifc(m, b, "Gi0/0", "203.0.113.2/30", "CMAP");
	ifc(m, a, "Gi0/1", "10.1.0.1/16", NULL);
	ifc(m, b, "Gi0/1", "10.2.0.1/16", NULL);
	route(m, a, "10.2.0.0/16", "203.0.113.2");
	route(m, b, "10.1.0.0/16", "203.0.113.1");
	ike(m, a, "k");
	ike(m, b, "k");
	entry(m, a, "VPN", "203.0.113.2", NULL);
	entry(m, b, "VPN", "203.0.113.1", NULL);
	ace(m, a, "VPN", "10.1.0.0/16", "10.2.0.0/16");
	ace(m, b, "VPN", "10.2.0.0/16", "10.1.0.0/16");
	if (extra)
		extra(m, a, b);
	assert_int_equal(tc_model_finalize(m), 0);
	return m;
}

/* How many events of t of this kind have needle in their text. */
static unsigned events_with(const tc_trace *t, tc_event_kind kind, const char *needle)
{
	unsigned n = 0;
	for (size_t i = 0; i < t->nevents; i++) {
		tc_event e = tc_trace_event(t, i);
		n += e.kind == kind && strstr(e.text, needle) != NULL;
	}
	return n;
}

/* A second line whose source lies inside R1's LAN but whose destination is elsewhere
 * (172.16.0.0/24, reached through R2 as well). */
static void line_meeting_one_side(tc_model *m, tc_device *r1, tc_device *r2)
{
	ace(m, r1, "VPN", "10.1.5.0/24", "172.16.0.0/24");
	ace(m, r2, "VPN", "172.16.0.0/24", "10.1.5.0/24");
	route(m, r1, "172.16.0.0/24", "203.0.113.2");
}

static void line_meeting_one_side_does_not_split_the_pair(void **state)
{
	(void)state;
	/* no packet of 10.1.0.0/16 <-> 10.2.0.0/16 can match 10.1.5.0/24 -> 172.16.0.0/24, in
	 * either direction: every packet of the pair matches line 1 first on both routers (R1.1),
	 * so the pair is one piece, walked once each way per round */
	tc_model *m = lan_pair(line_meeting_one_side);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "R1", "10.1.0.0/16");
	assert_int_equal(d->state, TC_STATE_STABLE);
	assert_string_equal(d->owner->hostname, "R2");
	assert_int_equal(d->nparts, 0);
	const tc_trace *t = &d->traces[0];
	assert_int_equal(events_with(t, TC_EV_SEND, "R1 sends 10.1.0.1 -> 10.2.0.1"), 1);
	assert_int_equal(events_with(t, TC_EV_SEND, "R2 sends 10.2.0.1 -> 10.1.0.1"), 1);
	assert_int_equal(events_with(t, TC_EV_SEND, "R1 sends"), 1);
	assert_int_equal(events_with(t, TC_EV_INFO, "pieces"), 0);
	tc_prediction_free(p);
	tc_model_free(m);
}

/* R2 routes 10.1.0.0/18 to R1 as well: a route inside the pair's side splits it. */
static void route_inside_the_pair(tc_model *m, tc_device *r1, tc_device *r2)
{
	(void)r1;
	route(m, r2, "10.1.0.0/18", "203.0.113.1");
}

static void equal_pieces_are_merged_and_listed_once(void **state)
{
	(void)state;
	/* the /18 route splits 10.1.0.0/16 into 10.1.0.0/18, 10.1.64.0/18 and 10.1.128.0/17; all
	 * three reach R2 through the one SA both ways: one outcome, so no parts are shown, and
	 * the flows of the last two pieces (existing SA, R4.4) are the same: listed once */
	tc_model *m = lan_pair(route_inside_the_pair);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "R1", "10.1.0.0/16");
	assert_int_equal(d->state, TC_STATE_STABLE);
	assert_int_equal(d->nparts, 0);
	const tc_trace *t = &d->traces[0];
	assert_int_equal(events_with(t, TC_EV_SEND, "R1 sends 10.1.0.1 -> 10.2.0.1"), 1);
	assert_int_equal(events_with(t, TC_EV_SEND, "R1 sends 10.1.64.1 -> 10.2.0.1"), 1);
	assert_int_equal(events_with(t, TC_EV_SEND, "R1 sends 10.1.128.1"), 0);
	assert_int_equal(
		events_with(t, TC_EV_INFO,
			    "the pair's other pieces whose flows take the same way are not listed"),
		2); /* once after each direction's flow */
	tc_prediction_free(p);
	tc_model_free(m);
}

/* A router of the tests below: its crypto map interface toward the others (wan), its LAN,
 * one static route (dst via nh) and the shared IKE settings. */
static tc_device *site(tc_model *m, const char *name, const char *wan, const char *lan,
		       const char *dst, const char *nh)
{
	tc_device *d = dev(m, name, TC_DIALECT_IOS);
	ifc(m, d, "Gi0/0", wan, "CMAP");
	ifc(m, d, "Gi0/1", lan, NULL);
	route(m, d, dst, nh);
	ike(m, d, "k");
	return d;
}

/* Two routers whose LAN addresses sit at the top of their /16s (so no interface address lies
 * in the first pieces), and a second line nested in the pair on both sides:
 * 10.1.5.0/24 -> 10.2.7.0/24 (matched after line 1, so it changes no packet's fate; it only
 * cuts the pair into pieces). */
static tc_model *nested_line_pair(void)
{
	tc_model *m = tc_model_new();
	tc_device *a = site(m, "R1", "203.0.113.1/30", "10.1.255.1/16", "10.2.0.0/16",
			    "203.0.113.2"),
		  *b = site(m, "R2", "203.0.113.2/30", "10.2.255.1/16", "10.1.0.0/16",
			    "203.0.113.1");
	entry(m, a, "VPN", "203.0.113.2", NULL);
	entry(m, b, "VPN", "203.0.113.1", NULL);
	ace(m, a, "VPN", "10.1.0.0/16", "10.2.0.0/16");
	ace(m, b, "VPN", "10.2.0.0/16", "10.1.0.0/16");
	ace(m, a, "VPN", "10.1.5.0/24", "10.2.7.0/24");
	ace(m, b, "VPN", "10.2.7.0/24", "10.1.5.0/24");
	assert_int_equal(tc_model_finalize(m), 0);
	return m;
}

static void a_piece_after_a_change_is_walked_again(void **state)
{
	(void)state;
	/* the nested line cuts each side into 9 pieces (81 pairs), all matching line 1 first on
	 * both routers (R2.1): one SA, one outcome. The first piece's walk brings the SA up (R3.1,
	 * R4.1) and returns through it (R4.4); the second piece, of the same routes and lines,
	 * meets another state and is walked: into the existing SA (R4.4), its return the same
	 * way as the first's; the other 79 take these ways and are not listed. Repeating the
	 * first walk for the second would show no second flow. The nested line's own pair
	 * (another conversation) crosses this one: its flows are listed, through line 1's SA. */
	tc_model *m = nested_line_pair();
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "R1", "10.1.0.0/16");
	assert_int_equal(d->state, TC_STATE_STABLE);
	assert_string_equal(d->owner->hostname, "R2");
	assert_int_equal(d->nparts, 0);
	const tc_trace *t = &d->traces[0];
	assert_int_equal(events_with(t, TC_EV_SEND, "R1 sends 10.1.0.1 -> 10.2.0.1"), 1);
	assert_int_equal(events_with(t, TC_EV_INITIATE, "R1 initiates"), 1);
	assert_int_equal(events_with(t, TC_EV_SEND, "R1 sends 10.1.0.1 -> 10.2.4.1"), 1);
	assert_int_equal(events_with(t, TC_EV_SEND, "R1 sends 10.1.5.1 -> 10.2.7.1"), 1);
	assert_int_equal(events_with(t, TC_EV_SEND, "R1 sends"), 3);
	assert_int_equal(events_with(t, TC_EV_SEND, "R2 sends 10.2.0.1 -> 10.1.0.1"), 1);
	assert_int_equal(events_with(t, TC_EV_SEND, "R2 sends"), 2);
	assert_int_equal(events_with(t, TC_EV_ENCRYPT, "existing SA"), 4);
	assert_int_equal(
		events_with(t, TC_EV_INFO,
			    "the pair's other pieces whose flows take the same way are not listed"),
		2);
	/* the nested line's own domain: its one piece walked and listed (line 1 carries it) */
	const tc_domain *n = domain(p, "R1", "10.1.5.0/24");
	assert_int_equal(n->state, TC_STATE_STANDBY);
	tc_prediction_free(p);
	tc_model_free(m);
}

/* A hub whose entry 5 (10.1.7.0/24 -> 10.2.5.0/24, peer R3) injects reverse routes, before
 * entry 10 (10.1.0.0/16 -> 10.2.0.0/16, peer R2); both spokes hold 10.2.0.0/16 on their LAN,
 * so no route of the configs splits the pair at 10.2.5.0/24: only entry 5's SA does, by the
 * reverse route it installs. */
static tc_model *rri_inside_pair(void)
{
	tc_model *m = tc_model_new();
	tc_device *hub = site(m, "HUB", "5.0.0.1/24", "10.1.255.1/16", "10.2.0.0/16", "5.0.0.2"),
		  *r2 = site(m, "R2", "5.0.0.2/24", "10.2.255.1/16", "10.1.0.0/16", "5.0.0.1"),
		  *r3 = site(m, "R3", "5.0.0.3/24", "10.2.255.3/16", "10.1.0.0/16", "5.0.0.1");
	tc_entry *e5 = tc_entry_get(m, hub, "CMAP", 5);
	e5->acl_name = "A";
	e5->peers[e5->npeers++] = IP("5.0.0.3");
	e5->tset_names[e5->ntsets++] = "TS";
	e5->rri = TC_RRI_DYNAMIC;
	ace(m, hub, "A", "10.1.7.0/24", "10.2.5.0/24");
	entry(m, hub, "B", "5.0.0.2", NULL);
	ace(m, hub, "B", "10.1.0.0/16", "10.2.0.0/16");
	entry(m, r2, "B", "5.0.0.1", NULL);
	ace(m, r2, "B", "10.2.0.0/16", "10.1.0.0/16");
	entry(m, r3, "A", "5.0.0.1", NULL);
	ace(m, r3, "A", "10.2.5.0/24", "10.1.7.0/24");
	assert_int_equal(tc_model_finalize(m), 0);
	return m;
}

static void a_reverse_route_tells_pieces_apart(void **state)
{
	(void)state;
	/* entry 5's SA with R3 installs a reverse route to 10.2.5.0/24 (R5.1); the hub's
	 * 10.1.0.1 -> 10.2.5.1 is routed by it, yet matches entry 10 only (R2.1: its source is
	 * outside 10.1.7.0/24) and goes into R2's SA (R4.4). That piece lies in no line but the
	 * pair's, as 10.1.0.1 -> 10.2.4.1 does, whose flow takes the way of 10.1.0.1 ->
	 * 10.2.0.1 and is not listed; but one side of entry 5's line routes it another way: its
	 * flow is walked and listed. */
	tc_model *m = rri_inside_pair();
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "HUB", "10.1.0.0/16");
	assert_string_equal(d->owner->hostname, "R2");
	const tc_trace *t = &d->traces[0];
	assert_int_equal(events_with(t, TC_EV_SEND, "HUB sends 10.1.0.1 -> 10.2.0.1"), 1);
	assert_int_equal(events_with(t, TC_EV_SEND, "HUB sends 10.1.0.1 -> 10.2.4.1"), 0);
	assert_int_equal(events_with(t, TC_EV_SEND, "HUB sends 10.1.0.1 -> 10.2.5.1"), 1);
	assert_int_equal(
		events_with(t, TC_EV_INFO, "HUB routes 10.2.5.1 by its reverse route 10.2.5.0/24"),
		2); /* the piece's flow, and entry 5's own pair crossing this one */
	tc_prediction_free(p);
	tc_model_free(m);
}

/* R2 routes 10.1.0.0/18 to R1 too, and 10.1.128.0/17 into its own LAN (10.2.0.99). */
static void upper_half_returns_by_the_lan(tc_model *m, tc_device *r1, tc_device *r2)
{
	route_inside_the_pair(m, r1, r2);
	route(m, r2, "10.1.128.0/17", "10.2.0.99");
}

static void unequal_parts_stay_apart_equal_ones_merge(void **state)
{
	(void)state;
	/* R2's return to 10.1.128.0/17 leaves by the LAN, which carries no crypto map: it is
	 * never encrypted (R1.1: only traffic out of a crypto map interface is); the other two
	 * pieces (10.1.0.0/18, 10.1.64.0/18) return through the SA alike: merged into the /17 */
	tc_model *m = lan_pair(upper_half_returns_by_the_lan);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "R1", "10.1.0.0/16");
	assert_int_equal(d->nparts, 2);
	assert_int_equal(tc_prefix_cmp(d->parts[0].local, P("10.1.0.0/17")), 0);
	assert_int_equal(tc_prefix_cmp(d->parts[0].remote, P("10.2.0.0/16")), 0);
	assert_string_equal(d->parts[0].via->hostname, "R2");
	assert_int_equal(tc_prefix_cmp(d->parts[1].local, P("10.1.128.0/17")), 0);
	assert_null(d->parts[1].via);
	assert_string_equal(d->parts[0].rev_peer->hostname, "R1");
	assert_null(d->parts[1].rev_peer);
	/* both parts' forward traffic rides R1's one SA to R2 */
	assert_string_equal(d->parts[1].fwd_peer->hostname, "R2");
	tc_prediction_free(p);
	tc_model_free(m);
}

/* 40 more lines, 10.1.N.0/24 <-> 10.2.N.0/24 (N = 1..40), after line 1 on both routers. */
static void forty_inner_lines(tc_model *m, tc_device *r1, tc_device *r2)
{
	for (int i = 1; i <= 40; i++) {
		char l[32], r[32];
		snprintf(l, sizeof l, "10.1.%d.0/24", i);
		snprintf(r, sizeof r, "10.2.%d.0/24", i);
		ace(m, r1, "VPN", l, r);
		ace(m, r2, "VPN", r, l);
	}
}

static void caps_on_pieces_and_listed_flows_say_partial(void **state)
{
	(void)state;
	/* line 1's pair meets all 40 lines: its sides would split past 32 parts each, so it is
	 * walked coarser; its traces would list the 40 pairs' 80 flows in round 1 (one each way;
	 * the packets match line 1 first, R1.1, and ride its SA), 32 are listed in each of the
	 * two traces */
	tc_model *m = lan_pair(forty_inner_lines);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "R1", "10.1.0.0/16");
	assert_int_equal(d->state, TC_STATE_STABLE);
	assert_non_null(strstr(d->summary, "partial: its traces leave out 96 flows of overlapping "
					   "pairs (they list at most 32 a round)"));
	assert_non_null(strstr(d->summary, "partial: the pair splits into more pieces than the "
					   "limit of 32 per side and 256 per pair"));
	assert_int_equal(
		events_with(&d->traces[0], TC_EV_INFO,
			    "more flows of overlapping pairs cross this pair in this round"),
		1);
	/* a domain of one of the 40 lines overlaps only line 1's pair: nothing is cut */
	const tc_domain *e = domain(p, "R1", "10.1.7.0/24");
	assert_null(strstr(e->summary, "partial"));
	tc_prediction_free(p);
	tc_model_free(m);
}

/* An IOS router whose crypto map names its peer R2-GW; `ip host` (when given) comes after the
 * map, as in a `show running-config`. */
static tc_model *named_peer(const char *peer, const char *ip_host)
{
	char cfg[1024];
	snprintf(cfg, sizeof cfg,
		 "hostname R1\n"
		 "crypto map CMAP 10 ipsec-isakmp\n"
		 " set peer %s\n"
		 " set transform-set TS\n"
		 " match address VPN\n"
		 "crypto map CMAP 20 ipsec-isakmp\n"
		 " set peer %s\n"
		 " set transform-set TS\n"
		 " match address VPN\n"
		 "interface GigabitEthernet0/0\n"
		 " ip address 203.0.113.1 255.255.255.252\n"
		 " crypto map CMAP\n"
		 "%s"
		 "ip access-list extended VPN\n"
		 " permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255\n",
		 peer, peer, ip_host);
	tc_model *m = tc_model_new();
	assert_int_equal(tc_parse_config(NULL, m, "r1.cfg", cfg, strlen(cfg), NULL), 0);
	assert_int_equal(tc_model_finalize(m), 0);
	return m;
}

static const tc_diag *diag_with(const tc_model *m, const char *code)
{
	for (const tc_diag *g = m->diags; g; g = g->next)
		if (strcmp(g->code, code) == 0)
			return g;
	return NULL;
}

static void host_name_peer_resolved_through_ip_host(void **state)
{
	(void)state;
	tc_model *m = named_peer("r2-gw", "ip host R2-GW 198.51.100.2\n");
	const tc_entry *e = m->devs[0]->entries;
	assert_int_equal(e->npeers, 1);
	assert_int_equal(e->peers[0], IP("198.51.100.2"));
	assert_null(diag_with(m, "unresolved-peer"));
	assert_null(diag_with(m, "missing-peer"));
	tc_model_free(m);
}

static void unresolved_host_name_peer_is_reported_not_missing(void **state)
{
	(void)state;
	tc_model *m = named_peer("R2-GW", "");
	const tc_entry *e = m->devs[0]->entries;
	assert_int_equal(e->npeers, 0);
	assert_int_equal(e->npeer_names, 1);
	const tc_diag *g = diag_with(m, "unresolved-peer");
	assert_non_null(g);
	assert_int_equal(g->line, 3); /* the `set peer` line, at the name */
	assert_int_equal(g->col, 11);
	assert_non_null(strstr(g->msg, "peer named R2-GW, address unknown"));
	assert_null(diag_with(m, "missing-peer"));
	tc_model_free(m);
}

static size_t diags_with(const tc_model *m, const char *code)
{
	size_t n = 0;
	for (const tc_diag *g = m->diags; g; g = g->next)
		n += strcmp(g->code, code) == 0;
	return n;
}

static void dynamic_peer_is_resolved_by_ip_host_or_reported(void **state)
{
	(void)state;
	tc_model *m = named_peer("R2-GW dynamic", "");
	assert_int_equal(m->devs[0]->entries->npeers, 0);
	assert_int_equal(diags_with(m, "dynamic-peer"), 2); /* one per entry */
	assert_null(diag_with(m, "unknown-option"));	    /* `dynamic` is a flag */
	assert_null(diag_with(m, "missing-peer"));
	tc_model_free(m);
	/* the IOS resolver reads the host table before DNS */
	m = named_peer("R2-GW dynamic", "ip host R2-GW 198.51.100.2\n");
	assert_int_equal(m->devs[0]->entries->peers[0], IP("198.51.100.2"));
	assert_null(diag_with(m, "dynamic-peer"));
	tc_model_free(m);
}

static void template_placeholder_peer_is_reported_once(void **state)
{
	(void)state;
	static const char *const placeholders[] = {"<peer-ip>", "x.x.x.x", "A.B.C.D"};
	for (size_t k = 0; k < 3; k++) {
		tc_model *m = named_peer(placeholders[k], "");
		assert_int_equal(diags_with(m, "placeholder-peer"), 1); /* two entries, once */
		assert_null(diag_with(m, "unresolved-peer"));
		tc_model_free(m);
	}
	/* a documentation address is an address; a dotted host name is a host name */
	tc_model *m = named_peer("1.1.1.1", "");
	assert_int_equal(m->devs[0]->entries->peers[0], IP("1.1.1.1"));
	assert_null(diag_with(m, "placeholder-peer"));
	tc_model_free(m);
	m = named_peer("vpn.example.com", "");
	assert_int_equal(diags_with(m, "unresolved-peer"), 2);
	assert_null(diag_with(m, "placeholder-peer"));
	tc_model_free(m);
}

/* The hub's only peer is 5.100.9.9, which no device of the snapshot holds. */
static void outside_peer_only(tc_model *m, tc_device *hub)
{
	(void)m;
	hub->entries->peers[0] = IP("5.100.9.9");
	hub->entries->npeers = 1;
}

static void owner_outside_the_snapshot_is_assumed(void **state)
{
	(void)state;
	lab_extra = outside_peer_only;
	tc_model *m = lab(false, "k", false);
	lab_extra = NULL;
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	const tc_domain *d = domain(p, "ASA", "10.26.241.0/24");
	/* the ASA initiates to its only peer (R3.1), which is assumed to answer */
	assert_true(trace_has(&d->traces[0], TC_EV_SA_UP, "5.100.9.9"));
	assert_true(d->has_owner_addr);
	assert_int_equal(d->owner_addr, IP("5.100.9.9"));
	assert_null(d->owner);
	assert_true(d->assumed);
	/* R6 returns the traffic through R2, which the ASA does not list: refused
	 * (R4.1), the return is lost, one-way; the owner list is a stable domain's */
	assert_int_equal(d->state, TC_STATE_ONE_WAY);
	assert_int_equal(d->nowners, 0);
	char who[64];
	assert_string_equal(tc_domain_outside_owners(d, m, who, sizeof who), "5.100.9.9");
	/* R2's SA would be with the ASA, a device of the snapshot: nothing assumed */
	const tc_domain *r2 = domain(p, "R2", "195.160.0.0/26");
	assert_false(r2->assumed);
	assert_string_equal(tc_domain_outside_owners(r2, m, who, sizeof who), "");
	tc_prediction_free(p);
	tc_model_free(m);
}

static const tc_failure *failure(const tc_prediction *p, const char *what)
{
	for (size_t i = 0; i < p->nfailures; i++)
		if (strcmp(p->failures[i].what, what) == 0)
			return &p->failures[i];
	fail_msg("no failure %s", what);
	return NULL;
}

static const tc_failure_change *change_of(const tc_failure *f, const tc_prediction *p,
					  const tc_domain *d)
{
	for (size_t k = 0; k < f->nchanges; k++)
		if (&p->domains[f->changes[k].domain] == d)
			return &f->changes[k];
	return NULL;
}

static void endpoint_failure_means_no_traffic_and_standby_takes_over(void **state)
{
	(void)state;
	tc_model *m = lab(true, "k", false);
	tc_prediction *p = NULL;
	assert_int_equal(tc_predict(&p, m, NULL), 0);
	assert_int_equal(tc_predict_failures(p, m, NULL), 0);
	const tc_domain *hub241 = domain(p, "ASA", "10.26.241.0/24");
	/* R5 only sends and receives 10.26.241.0/24: with it down nothing flows */
	const tc_failure_change *c = change_of(failure(p, "R5"), p, hub241);
	assert_non_null(c);
	assert_true(c->no_traffic);
	assert_string_equal(c->reason, "R5 holds 10.26.241.0/24, the domain's local side");
	/* R6 holds the far side: the same, as the remote side */
	c = change_of(failure(p, "R6"), p, hub241);
	assert_non_null(c);
	assert_true(c->no_traffic);
	assert_string_equal(c->reason, "R6 holds 195.160.0.0/26, the domain's remote side");
	/* R2 carries 241: its failure is a real change, not "no traffic" */
	c = change_of(failure(p, "R2"), p, hub241);
	assert_non_null(c);
	assert_false(c->no_traffic);
	assert_null(c->reason);
	/* with R2 down the ASA fails over to R3 (R3.3): R3's standby 241 line gets
	 * the SA, so the failures list R2 among those it takes over for */
	const tc_domain *r3_241 = domain(p, "R3", "195.160.0.0/26");
	assert_int_equal(r3_241->state, TC_STATE_STANDBY);
	assert_non_null(r3_241->takeover);
	bool r2_listed = false;
	for (size_t i = 0; i < r3_241->ntakeover; i++)
		r2_listed |= strcmp(r3_241->takeover[i], "R2") == 0;
	for (size_t i = 0; i < r3_241->ntakeover_one_way; i++)
		r2_listed |= strcmp(r3_241->takeover_one_way[i], "R2") == 0;
	assert_true(r2_listed);
	/* an endpoint's failure never counts as a takeover */
	for (size_t i = 0; i < r3_241->ntakeover_one_way; i++)
		assert_string_not_equal(r3_241->takeover_one_way[i], "R6");
	/* a stable domain has no takeover list */
	assert_null(hub241->takeover);
	tc_prediction_free(p);
	tc_model_free(m);
}

static void prediction_is_deterministic(void **state)
{
	(void)state;
	tc_model *m = lab(true, "k", false);
	tc_prediction *p1 = NULL, *p2 = NULL;
	assert_int_equal(tc_predict(&p1, m, NULL), 0);
	assert_int_equal(tc_predict(&p2, m, NULL), 0);
	assert_int_equal(p1->ndomains, p2->ndomains);
	for (size_t i = 0; i < p1->ndomains; i++) {
		const tc_trace *a = &p1->domains[i].traces[0], *b = &p2->domains[i].traces[0];
		assert_int_equal(a->nevents, b->nevents);
		for (size_t k = 0; k < a->nevents; k++)
			assert_string_equal(tc_trace_event(a, k).text, tc_trace_event(b, k).text);
	}
	tc_prediction_free(p1);
	tc_prediction_free(p2);
	tc_model_free(m);
}

/* Many hub lines toward the spokes' LAN, none mirrored on the spokes. */
static void many_hub_lines(tc_model *m, tc_device *hub)
{
	char src[32];
	for (int k = 0; k < 150; k++) {
		snprintf(src, sizeof src, "10.30.%d.0/24", k);
		ace(m, hub, "VPN", src, k % 3 ? "195.160.0.0/26" : "195.160.0.0/27");
	}
}

static void same_domain(const tc_domain *a, const tc_domain *b)
{
	assert_int_equal(a->state, b->state);
	assert_int_equal(a->has_owner_addr, b->has_owner_addr);
	assert_int_equal(a->owner_addr, b->owner_addr);
	assert_ptr_equal(a->owner, b->owner);
	assert_string_equal(a->summary, b->summary);
	assert_int_equal(a->nowners_seen, b->nowners_seen);
	for (size_t k = 0; k < a->nowners_seen; k++)
		assert_string_equal(a->owners_seen[k], b->owners_seen[k]);
	assert_int_equal(a->nparts, b->nparts);
	for (unsigned t = 0; t < 2; t++) {
		const tc_trace *x = &a->traces[t], *y = &b->traces[t];
		assert_int_equal(x->state, y->state);
		assert_int_equal(x->nevents, y->nevents);
		for (size_t k = 0; k < x->nevents; k++) {
			tc_event ex = tc_trace_event(x, k), ey = tc_trace_event(y, k);
			assert_int_equal(ex.kind, ey.kind);
			assert_string_equal(ex.text, ey.text);
			assert_int_equal(ex.nhops, ey.nhops);
		}
	}
}

static void threads_give_the_same_prediction(void **state)
{
	(void)state;
	lab_extra = many_hub_lines;
	tc_model *m = lab(true, "k", false);
	lab_extra = NULL;
	tc_prediction *p1 = NULL, *p3 = NULL;
	tc_predict_opts o1 = {.jobs = 1}, o3 = {.jobs = 3};
	assert_int_equal(tc_predict(&p1, m, &o1), 0);
	assert_int_equal(tc_predict(&p3, m, &o3), 0);
	assert_true(p1->ndomains > 150);
	assert_int_equal(p1->ndomains, p3->ndomains);
	for (int s = 0; s < 4; s++)
		assert_int_equal(p1->nstate[s], p3->nstate[s]);
	for (size_t i = 0; i < p1->ndomains; i++)
		same_domain(&p1->domains[i], &p3->domains[i]);
	assert_int_equal(tc_predict_failures(p1, m, &o1), 0);
	assert_int_equal(tc_predict_failures(p3, m, &o3), 0);
	assert_int_equal(p1->nfailures, m->ndevs + m->nlinks);
	assert_int_equal(p1->nfailures, p3->nfailures);
	for (size_t f = 0; f < p1->nfailures; f++) {
		const tc_failure *a = &p1->failures[f], *b = &p3->failures[f];
		assert_string_equal(a->what, b->what);
		assert_int_equal(a->nchanges, b->nchanges);
		for (size_t k = 0; k < a->nchanges; k++) {
			assert_int_equal(a->changes[k].domain, b->changes[k].domain);
			assert_int_equal(a->changes[k].state, b->changes[k].state);
			assert_int_equal(a->changes[k].owner_addr, b->changes[k].owner_addr);
		}
	}
	tc_prediction_free(p1);
	tc_prediction_free(p3);
	tc_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scenario_a_return_via_r2_moves_ownership_to_r2),
		cmocka_unit_test(scenario_b_hub_drops_only_the_241_sa),
		cmocka_unit_test(psk_mismatch_on_backup_makes_return_traffic_one_way),
		cmocka_unit_test(unreachable_first_peer_falls_through_to_second),
		cmocka_unit_test(deny_line_cascades_to_the_next_entry),
		cmocka_unit_test(split_return_routing_oscillates_and_names_the_sub_ranges),
		cmocka_unit_test(line_meeting_one_side_does_not_split_the_pair),
		cmocka_unit_test(equal_pieces_are_merged_and_listed_once),
		cmocka_unit_test(a_piece_after_a_change_is_walked_again),
		cmocka_unit_test(a_reverse_route_tells_pieces_apart),
		cmocka_unit_test(unequal_parts_stay_apart_equal_ones_merge),
		cmocka_unit_test(caps_on_pieces_and_listed_flows_say_partial),
		cmocka_unit_test(ecmp_return_walks_both_paths_and_oscillates),
		cmocka_unit_test(ecmp_oscillation_summary_names_the_split),
		cmocka_unit_test(ecmp_host_pair_is_one_flow_on_one_path),
		cmocka_unit_test(ecmp_branches_are_bounded_per_walk),
		cmocka_unit_test(converging_paths_are_one_branch),
		cmocka_unit_test(ecmp_cut_makes_the_summary_partial),
		cmocka_unit_test(peer_route_accepts_any_equal_path_with_the_map),
		cmocka_unit_test(stable_in_one_order_standby_in_the_other_keeps_its_owner),
		cmocka_unit_test(asa_hashes_ports_so_a_host_pair_spreads),
		cmocka_unit_test(ikev2_hub_refuses_the_backup_and_the_return_is_lost),
		cmocka_unit_test(ikev2_multi_peer_acceptance_cites_the_active_peer_rule),
		cmocka_unit_test(reason_codes_are_kebab_case_and_distinct),
		cmocka_unit_test(failed_negotiations_carry_their_reason_and_proposal),
		cmocka_unit_test(ikev2_responder_narrows_where_ikev1_refuses),
		cmocka_unit_test(nat_without_exemption_sends_the_domain_in_clear),
		cmocka_unit_test(static_reverse_route_repairs_a_missing_return_route),
		cmocka_unit_test(default_peer_is_tried_first),
		cmocka_unit_test(dynamic_entry_answers_but_never_initiates),
		cmocka_unit_test(deny_of_one_port_splits_the_domain_by_service),
		cmocka_unit_test(originated_domain_starts_at_the_owner),
		cmocka_unit_test(same_prefix_domain_walked_between_the_two_routers),
		cmocka_unit_test(host_name_peer_resolved_through_ip_host),
		cmocka_unit_test(unresolved_host_name_peer_is_reported_not_missing),
		cmocka_unit_test(dynamic_peer_is_resolved_by_ip_host_or_reported),
		cmocka_unit_test(template_placeholder_peer_is_reported_once),
		cmocka_unit_test(ikev2_keys_are_checked_per_direction),
		cmocka_unit_test(owner_outside_the_snapshot_is_assumed),
		cmocka_unit_test(endpoint_failure_means_no_traffic_and_standby_takes_over),
		cmocka_unit_test(prediction_is_deterministic),
		cmocka_unit_test(threads_give_the_same_prediction),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
