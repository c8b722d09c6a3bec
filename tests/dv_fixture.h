/* dv_fixture.h: small builders and route checks shared by test_eigrp.c and test_rip.c, which
 * build their models with the builders of model.h and routing.h (no parser). */
#ifndef TC_DV_FIXTURE_H
#define TC_DV_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model.h"
#include "routing.h"

static inline uint32_t IP(const char *s)
{
	uint32_t ip = 0;
	assert_int_equal(tc_ip_parse(&ip, s, strlen(s)), 0);
	return ip;
}

static inline tc_prefix PFX(const char *s)
{
	tc_prefix p;
	assert_int_equal(tc_prefix_parse(&p, s, strlen(s)), 0);
	return p;
}

static inline tc_device *fx_device(tc_model *m, const char *name)
{
	tc_device *d = tc_device_add(m, name, TC_DIALECT_IOS);
	d->hostname = tc_arena_strdup(m->arena, name);
	return d;
}

/* Interface name with address "a.b.c.d/len". */
static inline tc_iface *fx_iface(tc_model *m, tc_device *d, const char *name, const char *addr)
{
	tc_iface *i = tc_iface_add(m, d, name);
	tc_prefix p = PFX(addr);
	const char *slash = strchr(addr, '/');
	assert_int_equal(tc_ip_parse(&i->addr, addr, (size_t)(slash - addr)), 0);
	i->plen = p.len;
	i->has_addr = true;
	return i;
}

/* Several interfaces of d: name, address, name, address..., NULL. */
static inline void fx_ifaces(tc_model *m, tc_device *d, ...)
{
	va_list ap;
	va_start(ap, d);
	for (const char *name; (name = va_arg(ap, const char *));)
		fx_iface(m, d, name, va_arg(ap, const char *));
	va_end(ap);
}

/* A process with `network` statements, given as prefixes ("10.0.0.0/8"...), NULL-ended. */
static inline tc_rproc *fx_proc(tc_model *m, tc_device *d, tc_rp_kind kind, unsigned id, ...)
{
	tc_rproc *p = tc_rproc_get(m, d, kind, id, NULL, NULL);
	va_list ap;
	va_start(ap, id);
	for (const char *s; (s = va_arg(ap, const char *));)
		tc_rnet_add(m, p)->net = PFX(s);
	va_end(ap);
	return p;
}

/* `ip route P NH` (distance 1). */
static inline tc_route *fx_static(tc_model *m, tc_device *d, const char *dst, const char *nh)
{
	tc_route *r = tc_route_add(m, d, TC_RT_STATIC);
	r->dst = PFX(dst);
	r->nh = IP(nh);
	r->has_nh = true;
	return r;
}

/* The computed route of d for dst via nh (nh NULL: the first for dst); NULL when none. */
static inline const tc_route *fx_route(const tc_device *d, const char *dst, const char *nh)
{
	tc_prefix p = PFX(dst);
	for (const tc_route *r = d->computed; r; r = tc_route_next(r))
		if (r->dst.addr == p.addr && r->dst.len == p.len && (!nh || r->nh == IP(nh)))
			return r;
	return NULL;
}

/* How many computed paths d has for dst. */
static inline unsigned fx_paths(const tc_device *d, const char *dst)
{
	tc_prefix p = PFX(dst);
	unsigned n = 0;
	for (const tc_route *r = d->computed; r; r = tc_route_next(r))
		n += r->dst.addr == p.addr && r->dst.len == p.len;
	return n;
}

/* d's computed route for dst via nh exists with this code, distance, metric and interface. */
static inline void fx_expect(const tc_device *d, const char *dst, const char *nh, const char *code,
			     unsigned ad, unsigned metric, const char *ifname)
{
	const tc_route *r = fx_route(d, dst, nh);
	if (!r)
		fail_msg("%s: no computed route %s via %s", d->hostname, dst, nh ? nh : "-");
	assert_string_equal(r->attr->code, code);
	assert_int_equal(r->distance, ad);
	assert_int_equal(r->metric, metric);
	assert_string_equal(r->attr->ifname, ifname);
}

/* Where d's FIB sends ip: the next hop (0: connected or none). */
static inline uint32_t fx_fib_nh(const tc_device *d, const char *ip)
{
	const tc_fib_entry *fe = tc_fib_lookup(d, IP(ip));
	return fe ? tc_fib_nh(fe) : 0;
}

#endif
