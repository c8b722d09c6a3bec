/* dv.c: distance-vector propagation to a fixed point, shared by EIGRP and RIP (dv.h). */
#include "dv.h"

#include <stdlib.h>
#include <string.h>

/* Recomputations of one prefix's nodes before giving up on a fixed point (positive link
 * costs converge far sooner; this only bounds a pathological case). */
#define DV_WORK_PER_NODE 64

uint32_t dv_add_node(dv *g, size_t dev, const tc_rproc *proc)
{
	dv_node n = {.dev = dev,
		     .proc = proc,
		     .advertise = DV_ORIG_ALL,
		     .transit = true,
		     .max_paths = 4};
	TC_VEC_PUSH(g->nodes, n);
	return (uint32_t)(g->nodes.n - 1);
}

void dv_add_adj(dv *g, uint32_t node, uint32_t from, const tc_iface *iface,
		const tc_iface *from_iface)
{
	dv_adj a = {.node = node,
		    .from = from,
		    .iface = iface,
		    .from_iface = from_iface,
		    .nh = from_iface->addr,
		    .bw = rt_iface_bw(iface),
		    .delay = rt_iface_delay(iface)};
	TC_VEC_PUSH(g->in, a);
}

void dv_add_iface(dv *g, uint32_t node, const tc_iface *iface)
{
	dv_if f = {node, iface};
	TC_VEC_PUSH(g->ifs, f);
}

void dv_add_origin(dv *g, uint32_t node, tc_prefix p, const dv_val *v)
{
	dv_origin o = {.p = p, .node = node, .v = *v};
	TC_VEC_PUSH(g->orig, o);
}

tc_prefix dv_classful(tc_prefix p)
{
	uint32_t first = p.addr >> 24;
	uint8_t len = first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : p.len;
	return len < p.len ? tc_prefix_make(p.addr, len) : p;
}

dv_shape dv_auto_summary(const tc_iface *out, tc_prefix p, tc_prefix *sum)
{
	tc_prefix major = dv_classful(p);
	if (major.len == p.len || tc_prefix_has(major, out->addr))
		return DV_SEND;
	*sum = major;
	return DV_SUMMARY;
}

/* ---- grouping -------------------------------------------------------------------------- */

/* The start of each node's run when the adjacencies are ordered by receiver (by_from false)
 * or by sender: start[n] .. start[n + 1], nodes + 1 of them (the caller frees). */
static uint32_t *adj_ranges(const dv *g, bool by_from)
{
	size_t nn = g->nodes.n;
	uint32_t *start = tc_xcalloc(nn + 2, sizeof *start);
	for (size_t k = 0; k < g->in.n; k++)
		start[(by_from ? g->in.v[k].from : g->in.v[k].node) + 1]++;
	for (size_t k = 0; k < nn; k++)
		start[k + 1] += start[k];
	return start;
}

/* Stable counting sort of the adjacencies by receiving node, and per sender the adjacencies
 * it sends over (in receiving order); the nodes' ranges set. */
static void group_in(dv *g)
{
	size_t nn = g->nodes.n, na = g->in.n;
	uint32_t *in = adj_ranges(g, false);
	dv_adj *sorted = tc_xmalloc((na + 1) * sizeof *sorted);
	for (size_t k = 0; k < nn; k++) {
		g->nodes.v[k].in0 = in[k];
		g->nodes.v[k].nin = in[k + 1] - in[k];
	}
	for (size_t k = 0; k < na; k++)
		sorted[in[g->in.v[k].node]++] = g->in.v[k];
	free(g->in.v);
	g->in.v = sorted;
	g->in.cap = na + 1;
	uint32_t *out = adj_ranges(g, true);
	for (size_t k = 0; k < nn; k++) {
		g->nodes.v[k].out0 = out[k];
		g->nodes.v[k].nout = out[k + 1] - out[k];
	}
	TC_VEC_RESERVE(g->outv, na);
	for (size_t k = 0; k < na; k++)
		g->outv.v[out[g->in.v[k].from]++] = (uint32_t)k;
	g->outv.n = na;
	free(in);
	free(out);
}

static int if_cmp(const void *pa, const void *pb)
{
	const dv_if *a = pa, *b = pb;
	return (a->node > b->node) - (a->node < b->node);
}

static void group_ifs(dv *g)
{
	/* added in node order already when the protocol walks its nodes in order; sort to be
	   sure, ties keep no meaning (one node's interfaces are distinct) */
	if (g->ifs.n)
		qsort(g->ifs.v, g->ifs.n, sizeof *g->ifs.v, if_cmp);
	for (size_t k = 0, j = 0; k < g->nodes.n; k++) {
		g->nodes.v[k].if0 = (uint32_t)j;
		while (j < g->ifs.n && g->ifs.v[j].node == k)
			j++;
		g->nodes.v[k].nif = (uint32_t)j - g->nodes.v[k].if0;
	}
}

/* ---- comparing -------------------------------------------------------------------------- */

/* Equal cost: the same class and metric (the paths tie: ECMP). */
static int cost_cmp(const dv_val *a, uint32_t ma, const dv_val *b, uint32_t mb)
{
	if (a->ext != b->ext)
		return a->ext ? 1 : -1;
	return (ma > mb) - (ma < mb);
}

/* A total order, so that what a node keeps does not depend on the order it heard things. */
static int val_cmp(const dv_val *a, uint32_t ma, const dv_val *b, uint32_t mb)
{
	int c = cost_cmp(a, ma, b, mb);
	if (c)
		return c;
	if (a->delay != b->delay)
		return a->delay < b->delay ? -1 : 1;
	if (a->bw != b->bw)
		return a->bw > b->bw ? -1 : 1;
	return (a->hops > b->hops) - (a->hops < b->hops);
}

static int origin_cmp(const void *pa, const void *pb)
{
	const dv_origin *a = pa, *b = pb;
	if (a->p.addr != b->p.addr)
		return a->p.addr < b->p.addr ? -1 : 1;
	if (a->node != b->node)
		return a->node < b->node ? -1 : 1;
	return 0;
}

/* ---- settling one prefix ---------------------------------------------------------------- */

typedef TC_VEC(dv_origin) dv_origins;

typedef struct dv_run_ctx {
	dv *g;
	const dv_adj *adjs;
	dv_state *st;
	uint32_t *stamp;  /* st[n] is of this prefix when stamp[n] == cur */
	uint32_t *queued; /* n is in the queue when queued[n] == cur */
	bool *valid;	  /* st[n] holds a route (a stamped node may have lost it) */
	uint32_t cur;
	TC_VEC(uint32_t) touched, queue;
	tc_prefix p;
	const dv_origin *origins; /* the prefix's, sorted by node */
	dv_origins buckets[33];	  /* origins by prefix length */
} dv_run_ctx;

static bool has_state(const dv_run_ctx *c, uint32_t n)
{
	return c->stamp[n] == c->cur && c->valid[n];
}

/* Does node m send the prefix out of interface out? */
static bool sends(const dv_run_ctx *c, uint32_t m, const tc_iface *out)
{
	const dv_node *node = &c->g->nodes.v[m];
	const dv_state *s = &c->st[m];
	if (s->o0 < s->o1) {
		if (!(node->advertise & s->v.orig))
			return false;
		bool anywhere = false;
		for (uint32_t k = s->o0; k < s->o1 && !anywhere; k++)
			anywhere = !c->origins[k].only || c->origins[k].only == out;
		if (!anywhere)
			return false;
	} else {
		if (!node->transit)
			return false;
		for (uint32_t k = 0; k < s->nsucc; k++)
			if (c->adjs[s->succ[k]].iface == out)
				return false; /* split horizon */
	}
	tc_prefix sum;
	return !node->reshapes || c->g->ops->reshape(node, out, c->p, &sum) == DV_SEND;
}

static void enqueue(dv_run_ctx *c, uint32_t n)
{
	if (c->queued[n] == c->cur)
		return;
	c->queued[n] = c->cur;
	TC_VEC_PUSH(c->queue, n);
}

static void touch(dv_run_ctx *c, uint32_t n)
{
	if (c->stamp[n] == c->cur)
		return;
	c->stamp[n] = c->cur;
	c->valid[n] = false;
	c->st[n].o0 = c->st[n].o1 = 0;
	c->st[n].nsucc = 0;
	TC_VEC_PUSH(c->touched, n);
}

static void enqueue_listeners(dv_run_ctx *c, uint32_t n)
{
	const dv_node *node = &c->g->nodes.v[n];
	for (uint32_t k = 0; k < node->nout; k++)
		enqueue(c, c->adjs[c->g->outv.v[node->out0 + k]].node);
}

/* Node n's best paths from what its neighbours send; true when they changed. */
static bool recompute(dv_run_ctx *c, uint32_t n)
{
	const dv_node *node = &c->g->nodes.v[n];
	const dv_ops *ops = c->g->ops;
	dv_state best = {0};
	bool found = false;
	for (uint32_t k = 0; k < node->nin; k++) {
		uint32_t ai = node->in0 + k;
		const dv_adj *a = &c->adjs[ai];
		if (!has_state(c, a->from) || !sends(c, a->from, a->from_iface))
			continue;
		dv_val v = c->st[a->from].v;
		v.orig = 0;
		if (!ops->extend(a, &v))
			continue;
		uint32_t m = ops->metric(node, &v);
		int cc = found ? cost_cmp(&v, m, &best.v, best.metric) : -1;
		if (cc < 0) {
			best.v = v;
			best.metric = m;
			best.nsucc = 0;
			found = true;
		} else if (cc == 0 && val_cmp(&v, m, &best.v, best.metric) < 0) {
			best.v = v;
		}
		if (cc <= 0 && best.nsucc < node->max_paths)
			best.succ[best.nsucc++] = ai;
	}
	touch(c, n);
	dv_state *s = &c->st[n];
	if (!found) {
		bool was = c->valid[n];
		c->valid[n] = false;
		return was;
	}
	bool same = c->valid[n] && memcmp(&s->v, &best.v, sizeof best.v) == 0 &&
		    s->nsucc == best.nsucc &&
		    memcmp(s->succ, best.succ, best.nsucc * sizeof *best.succ) == 0;
	s->v = best.v;
	s->metric = best.metric;
	s->nsucc = best.nsucc;
	memcpy(s->succ, best.succ, best.nsucc * sizeof *best.succ);
	c->valid[n] = true;
	return !same;
}

/* The prefix's originators (origins[0..n), sorted by node) settle first. */
static void seed(dv_run_ctx *c, const dv_origin *origins, size_t n)
{
	const dv_ops *ops = c->g->ops;
	for (size_t k = 0; k < n; k++) {
		uint32_t nd = origins[k].node;
		dv_state *s = &c->st[nd];
		uint32_t m = ops->metric(&c->g->nodes.v[nd], &origins[k].v);
		if (c->stamp[nd] != c->cur) {
			touch(c, nd);
			s->o0 = (uint32_t)k;
			s->v = origins[k].v;
			s->metric = m;
			c->valid[nd] = true;
		} else {
			uint8_t orig = s->v.orig | origins[k].v.orig;
			if (val_cmp(&origins[k].v, m, &s->v, s->metric) < 0) {
				s->v = origins[k].v;
				s->metric = m;
			}
			s->v.orig = orig;
		}
		s->o1 = (uint32_t)k + 1;
	}
	for (size_t k = 0; k < n; k++)
		enqueue_listeners(c, origins[k].node);
}

static void propagate(dv_run_ctx *c)
{
	size_t limit = DV_WORK_PER_NODE * (c->g->nodes.n + 16), work = 0;
	for (size_t q = 0; q < c->queue.n && work < limit; q++, work++) {
		uint32_t n = c->queue.v[q];
		c->queued[n] = 0;
		if (c->stamp[n] == c->cur && c->st[n].o0 < c->st[n].o1)
			continue; /* an originator keeps its own route */
		if (recompute(c, n))
			enqueue_listeners(c, n);
	}
}

/* Node n holds the prefix: the summaries its interfaces turn it into get n as an originator
 * (restricted to that interface), with the best metric of their components. */
static void summarise(dv_run_ctx *c, uint32_t n)
{
	const dv_node *node = &c->g->nodes.v[n];
	for (uint32_t k = 0; k < node->nif; k++) {
		const tc_iface *out = c->g->ifs.v[node->if0 + k].iface;
		tc_prefix sum;
		if (c->g->ops->reshape(node, out, c->p, &sum) != DV_SUMMARY || sum.len >= c->p.len)
			continue;
		dv_val v = c->st[n].v;
		v.orig = DV_ORIG_SUMMARY;
		v.ext = false;
		dv_origins *b = &c->buckets[sum.len];
		dv_origin *last = b->n ? &b->v[b->n - 1] : NULL;
		if (last && last->node == n && last->only == out && last->p.addr == sum.addr) {
			const dv_ops *ops = c->g->ops;
			if (val_cmp(&v, ops->metric(node, &v), &last->v,
				    ops->metric(node, &last->v)) < 0)
				last->v = v;
			continue;
		}
		dv_origin o = {.p = sum, .node = n, .v = v, .only = out};
		TC_VEC_PUSH(*b, o);
	}
}

static void settle(dv_run_ctx *c, const dv_origin *origins, size_t n)
{
	if (++c->cur == 0) {
		/* the stamps wrapped: start them over */
		memset(c->stamp, 0, c->g->nodes.n * sizeof *c->stamp);
		memset(c->queued, 0, c->g->nodes.n * sizeof *c->queued);
		c->cur = 1;
	}
	c->p = origins[0].p;
	c->origins = origins;
	c->touched.n = c->queue.n = 0;
	seed(c, origins, n);
	propagate(c);
	for (size_t k = 0; k < c->touched.n; k++) {
		uint32_t nd = c->touched.v[k];
		if (!c->valid[nd])
			continue;
		c->g->ops->emit(c->g, &c->g->nodes.v[nd], c->p, &c->st[nd]);
		if (c->g->nodes.v[nd].reshapes)
			summarise(c, nd);
	}
}

void dv_run(dv *g)
{
	size_t nn = g->nodes.n;
	if (nn) {
		group_in(g);
		group_ifs(g);
		dv_run_ctx c = {.g = g, .adjs = g->in.v};
		c.st = tc_xmalloc(nn * sizeof *c.st);
		c.stamp = tc_xcalloc(nn, sizeof *c.stamp);
		c.queued = tc_xcalloc(nn, sizeof *c.queued);
		c.valid = tc_xcalloc(nn, sizeof *c.valid);
		for (size_t k = 0; k < g->orig.n; k++)
			TC_VEC_PUSH(c.buckets[g->orig.v[k].p.len], g->orig.v[k]);
		for (int len = 32; len >= 0; len--) {
			dv_origins *b = &c.buckets[len];
			/* summaries of this length are all in: only longer prefixes make them */
			if (b->n)
				qsort(b->v, b->n, sizeof *b->v, origin_cmp);
			for (size_t i = 0, e; i < b->n; i = e) {
				for (e = i + 1; e < b->n && b->v[e].p.addr == b->v[i].p.addr; e++)
					;
				settle(&c, b->v + i, e - i);
			}
			TC_VEC_FREE(*b);
		}
		free(c.st);
		free(c.stamp);
		free(c.queued);
		free(c.valid);
		TC_VEC_FREE(c.touched);
		TC_VEC_FREE(c.queue);
	}
	TC_VEC_FREE(g->nodes);
	TC_VEC_FREE(g->in);
	TC_VEC_FREE(g->outv);
	TC_VEC_FREE(g->ifs);
	TC_VEC_FREE(g->orig);
}

/* ---- building the graph ------------------------------------------------------------------ */

typedef struct dv_build_ctx {
	dv *g;
	const dv_proto *pr;
	const uint32_t *first; /* device k's nodes: first[k] .. first[k+1] */
	uint32_t node;
	const tc_iface *iface;
	const tc_redist *rd;
	tc_prefix *own; /* the node's subnets, sorted */
	size_t nown;
} dv_build_ctx;

static bool iface_enabled(const tc_device *d, const tc_iface *i, const tc_rproc *p)
{
	return i->has_addr && !i->shutdown && rt_iface_in_proc(d, i, p, NULL);
}

static void peer_found(size_t k, const tc_iface *peer, void *payload)
{
	dv_build_ctx *c = payload;
	dv *g = c->g;
	const tc_device *pd = g->rp->devs[k].d;
	const tc_rproc *p = g->nodes.v[c->node].proc;
	for (uint32_t m = c->first[k]; m < c->first[k + 1]; m++) {
		const tc_rproc *q = g->nodes.v[m].proc;
		if (iface_enabled(pd, peer, q) && c->pr->hears(p, c->iface, q, peer))
			dv_add_adj(g, c->node, m, c->iface, peer);
	}
}

static bool net_covers(const tc_rproc *p, uint32_t addr)
{
	for (const tc_rnet *n = p->nets; n; n = n->next)
		if (tc_prefix_has(n->net, addr))
			return true;
	return false;
}

static int prefix_order(const void *pa, const void *pb)
{
	return tc_prefix_cmp(*(const tc_prefix *)pa, *(const tc_prefix *)pb);
}

static uint8_t redist_class(uint8_t from)
{
	switch (from) {
	case TC_RP_CONNECTED:
		return DV_ORIG_CONNECTED | DV_ORIG_REDIST;
	case TC_RP_STATIC:
		return DV_ORIG_STATIC | DV_ORIG_REDIST;
	default:
		return DV_ORIG_REDIST;
	}
}

static void redist_found(const rt_route *r, const rt_setattr *set, void *payload)
{
	dv_build_ctx *c = payload;
	if (bsearch(&r->dst, c->own, c->nown, sizeof *c->own, prefix_order))
		return; /* the node's own subnet: internal already */
	dv_val v = {0};
	if (!c->pr->seed(c->g->rp, &c->g->nodes.v[c->node], c->rd, r, set, &v))
		return;
	v.orig = redist_class(c->rd->from);
	dv_add_origin(c->g, c->node, r->dst, &v);
}

static void add_connected(dv_build_ctx *c, const tc_iface *i)
{
	const tc_rproc *p = c->g->nodes.v[c->node].proc;
	dv_val v = {0};
	c->pr->connected(i, &v);
	v.orig = DV_ORIG_CONNECTED;
	dv_add_origin(c->g, c->node, tc_prefix_make(i->addr, i->plen), &v);
	for (unsigned s = 0; s < i->nsecondary; s++)
		if (net_covers(p, i->secondary[s].addr))
			dv_add_origin(c->g, c->node,
				      tc_prefix_make(i->secondary[s].addr, i->secondary[s].plen),
				      &v);
}

/* Node c->node: its interfaces (subnets, adjacencies), then what it redistributes. */
static void build_node(dv_build_ctx *c)
{
	dv *g = c->g;
	const dv_node *n = &g->nodes.v[c->node];
	const tc_rproc *p = n->proc;
	rt_dev *dev = &g->rp->devs[n->dev];
	size_t o0 = g->orig.n;
	for (const tc_iface *i = dev->d->ifaces; i; i = i->next) {
		if (!iface_enabled(dev->d, i, p))
			continue;
		add_connected(c, i);
		if (!rt_iface_passive(p, i))
			dv_add_iface(g, c->node, i);
		c->iface = i;
		rt_link_peers(g->rp, dev->d, i, peer_found, c);
	}
	c->nown = g->orig.n - o0;
	c->own = tc_xmalloc((c->nown + 1) * sizeof *c->own);
	for (size_t k = 0; k < c->nown; k++)
		c->own[k] = g->orig.v[o0 + k].p;
	qsort(c->own, c->nown, sizeof *c->own, prefix_order);
	for (const tc_redist *rd = p->redist; rd; rd = rd->next) {
		c->rd = rd;
		rt_redist_foreach(g->rp, dev, p, rd, redist_found, c);
	}
	free(c->own);
}

void dv_build(dv *g, const dv_proto *pr)
{
	rt_pass *rp = g->rp;
	size_t nd = rp->m->ndevs;
	uint32_t *first = tc_xcalloc(nd + 1, sizeof *first);
	for (size_t k = 0; k < nd; k++) {
		first[k] = (uint32_t)g->nodes.n;
		const tc_device *d = rp->devs[k].d;
		for (const tc_rproc *p = d->rt ? d->rt->procs : NULL; p; p = p->next)
			if (p->kind == pr->kind && !p->shutdown) {
				uint32_t n = dv_add_node(g, k, p);
				pr->setup(d, &g->nodes.v[n]);
			}
	}
	first[nd] = (uint32_t)g->nodes.n;
	dv_build_ctx c = {.g = g, .pr = pr, .first = first};
	for (c.node = 0; c.node < g->nodes.n; c.node++)
		build_node(&c);
	free(first);
}
