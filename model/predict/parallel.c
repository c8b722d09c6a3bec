/* parallel.c: the predictor on several threads (sim forks, side steps, the domain queue) and the
 * single-failure predictions. */
#include "kit.h"
#include "predict_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- threads ------------------------------------------------------------------ *
 * With opts->jobs > 1 the two runs go on two threads, each with simulation
 * state of its own (SA table, active peers, log, history), and the domains
 * are judged on the threads in chunks taken from one queue. Everything the
 * threads share is read only; each writes its texts into an arena of its
 * own, which the prediction adopts afterwards. The log and history of run 1
 * are appended to run 0's, as one thread running them in turn leaves them,
 * so the output does not depend on the number of threads. The steps between
 * (set-up, the indexes after the runs) go two by two where they do not
 * depend on each other (side_start). */

/* Another sim for a thread: the shared, read-only parts of s, its own
 * arenas, text table and scratch, and with fresh, its own simulation state
 * (SA table, active peers, log, history) too. */
static void sim_fork(sim *c, const sim *s, bool fresh)
{
	*c = *s;
	textpool_fork(&c->tx);
	cmap_index_fork(&c->cm);
	tracebuf_fork(&c->tb);
	if (!fresh)
		return;
	sa_table_fork(&c->sat, c->m);
	eventlog_fork(&c->ev);
	c->w.changes = NULL;
}

/* Free what sim_fork(c, .., fresh) gave c of its own, but its out arena. */
static void sim_unfork(sim *c, bool fresh)
{
	textpool_free(&c->tx);
	cmap_index_unfork(&c->cm);
	tracebuf_free(&c->tb);
	if (!fresh)
		return;
	sa_table_unfork(&c->sat, c->m);
	eventlog_unfork(&c->ev);
}

void sim_side_start(side *t, bool threads, void *(*fn)(void *), void *arg)
{
	t->fn = fn;
	t->arg = arg;
	t->threaded = threads && pthread_create(&t->t, NULL, fn, arg) == 0;
}

void sim_side_join(side *t)
{
	if (t->threaded)
		pthread_join(t->t, NULL);
	else
		t->fn(t->arg);
}

/* The history's index; then the SA table and crypto map indexes,
 * which served the runs only, are freed before the traces are built, which
 * is when the prediction peaks. */
void *sim_bounds_thread(void *arg)
{
	sim_collect_bounds(arg);
	return NULL;
}

void *sim_hist_thread(void *arg)
{
	sim *s = arg;
	sim_hist_index(s);
	sa_table_drop_run(&s->sat, s->m);
	cmap_index_free(&s->cm, s->m);
	return NULL;
}

/* The two runs, as workers of tc_par_run(): run w on sims[w]. */
typedef struct run_job {
	sim *sims[2]; /* the caller's, and a fresh fork for run 1 */
	unsigned max_rounds;
	run_result *rr;
} run_job;

static void run_worker(void *payload, unsigned w)
{
	run_job *j = payload;
	sim_run(j->sims[w], w, j->max_rounds, &j->rr[w]);
}

/* Both runs: run 0 on this thread and run 1 on another when jobs > 1. */
void sim_run_both(sim *s, tc_prediction *p, unsigned max_rounds, run_result rr[2], unsigned jobs)
{
	if (jobs < 2) {
		for (unsigned w = 0; w < 2; w++)
			sim_run(s, w, max_rounds, &rr[w]);
		return;
	}
	sim fork;
	sim_fork(&fork, s, true);
	run_job j = {.sims = {s, &fork}, .max_rounds = max_rounds, .rr = rr};
	tc_par_run(2, run_worker, &j);
	/* run 1's log (its chunks, not copied) and history after run 0's */
	sim_log_append(s, &fork);
	sa_table_append_hist(&s->sat, &fork.sat);
	tc_arena_adopt(p->arena, fork.tx.out);
	sim_unfork(&fork, true);
}

/* The domains, handed out DOMAIN_CHUNK at a time to whichever worker asks
 * first (tc_par_for): their cost varies (a trace can be a few events or
 * hundreds), so fixed shares leave one thread waiting for the other. Which
 * worker judges a domain does not change its output. */
#define DOMAIN_CHUNK 16

typedef struct domain_job {
	sim **sims; /* per worker: the caller's (0), or one sim_fork() made */
	tc_prediction *p;
	const run_result *rr;
	const unsigned *dconv;
} domain_job;

static void domain_item(void *payload, unsigned w, size_t i)
{
	domain_job *j = payload;
	const tc_predict_opts *o = j->sims[0]->opts;
	if (w == 0 && o->progress && i % 256 == 0) /* worker 0 is the caller's thread */
		o->progress(o->progress_ctx, i, j->p->ndomains);
	sim_predict_domain(j->sims[w], j->p, j->rr, j->dconv, i);
}

/* Every domain: on jobs workers (this thread among them). */
void sim_predict_domains(sim *s, tc_prediction *p, const run_result rr[2], const unsigned *dconv,
			 unsigned jobs)
{
	size_t n = p->ndomains;
	if (jobs > n / 64 + 1)
		jobs = (unsigned)(n / 64 + 1); /* not worth a thread for fewer */
	sim *forks = tc_xrealloc(NULL, jobs * sizeof *forks);
	sim **sims = tc_xrealloc(NULL, jobs * sizeof *sims);
	sims[0] = s;
	for (unsigned k = 1; k < jobs; k++) {
		sim_fork(&forks[k], s, false);
		sims[k] = &forks[k];
	}
	domain_job j = {.sims = sims, .p = p, .rr = rr, .dconv = dconv};
	tc_par_for(jobs, n, DOMAIN_CHUNK, domain_item, &j);
	for (unsigned k = 1; k < jobs; k++) {
		tc_arena_adopt(p->arena, forks[k].tx.out);
		sim_unfork(&forks[k], false);
	}
	free(sims);
	free(forks);
}

/* ---- single failures --------------------------------------------------------- */

/* Does dev hold an address inside x (an interface of its own, up)? */
static bool holds(const tc_device *dev, tc_prefix x)
{
	for (const tc_iface *i = dev->ifaces; i; i = i->next)
		if (i->has_addr && !i->shutdown && tc_prefix_contains(x, (tc_prefix){i->addr, 32}))
			return true;
	return false;
}

/* Does dev only send or receive the traffic of trace t: never a crypto
 * device, never a hop in between? */
static bool only_endpoint(const tc_trace *t, const tc_device *dev)
{
	const tc_device *sender = NULL;
	for (size_t i = 0; i < t->nevents; i++) {
		tc_event ev = tc_trace_event(t, i);
		if (ev.kind == TC_EV_SEND) {
			sender = ev.device;
		} else if (ev.kind == TC_EV_FORWARD) {
			for (uint32_t h = 0; h + 1 < ev.nhops; h++)
				if (ev.hops[h] == dev && (h > 0 || sender != dev))
					return false;
		} else if (ev.kind != TC_EV_DELIVER && ev.kind != TC_EV_INFO && ev.device == dev) {
			return false;
		}
	}
	return true;
}

/* When dev going down leaves domain d without traffic (dev is only one of
 * its ends: holds its local or remote network, carries none of it), why;
 * else NULL. */
static const char *endpoint_reason(tc_arena *a, const tc_model *m, const tc_device *dev,
				   const tc_domain *d)
{
	if (!dev || dev == d->device || d->tunnel)
		return NULL;
	bool local = holds(dev, d->local);
	if (!local && !holds(dev, d->remote))
		return NULL;
	for (unsigned i = 0; d->entry && i < d->entry->npeers; i++)
		if (tc_device_by_addr(m, d->entry->peers[i], NULL) == dev)
			return NULL;
	if (!only_endpoint(&d->traces[0], dev) || !only_endpoint(&d->traces[1], dev))
		return NULL;
	char buf[TC_PREFIX_STRLEN];
	return tc_arena_printf(a, "%s holds %s, the domain's %s side", dev->hostname,
			       tc_prefix_format(buf, sizeof buf, local ? d->local : d->remote),
			       local ? "local" : "remote");
}

/* Predict m with one more failure on top of base and record in f (its
 * texts and lists in arena) the domains whose owner or state differ from p. */
static int one_failure(const tc_prediction *p, tc_arena *arena, const tc_model *m,
		       const tc_predict_opts *base, const tc_device *dev, const tc_link *link,
		       tc_failure *f)
{
	tc_predict_opts o = *base;
	const tc_device **devs = tc_xrealloc(NULL, (base->nfail_devices + 1) * sizeof *devs);
	const tc_iface **ifs = tc_xrealloc(
		NULL, (base->nfail_ifaces + (link ? link->nends : 0) + 1) * sizeof *ifs);
	for (size_t k = 0; k < base->nfail_devices; k++)
		devs[k] = base->fail_devices[k];
	for (size_t k = 0; k < base->nfail_ifaces; k++)
		ifs[k] = base->fail_ifaces[k];
	o.fail_devices = devs;
	o.fail_ifaces = ifs;
	if (dev)
		devs[o.nfail_devices++] = dev;
	for (size_t k = 0; link && k < link->nends; k++)
		ifs[o.nfail_ifaces++] = link->ends[k].iface;
	tc_prediction *q = NULL;
	int rc = sim_predict(&q, m, &o, true); /* only states and owners are compared */
	free(devs);
	free(ifs);
	if (rc != 0)
		return rc;
	char buf[TC_PREFIX_STRLEN];
	f->what = dev ? tc_arena_strdup(arena, dev->hostname)
		      : tc_arena_printf(arena, "link %s",
					tc_prefix_format(buf, sizeof buf, link->subnet));
	f->changes = tc_arena_alloc(arena, (p->ndomains + 1) * sizeof *f->changes);
	for (size_t i = 0; i < p->ndomains && i < q->ndomains; i++) {
		const tc_domain *a = &p->domains[i], *b = &q->domains[i];
		if (a->state == b->state && a->has_owner_addr == b->has_owner_addr &&
		    a->owner_addr == b->owner_addr)
			continue;
		tc_failure_change *c = &f->changes[f->nchanges++];
		c->domain = i;
		c->owner = b->owner;
		c->owner_addr = b->owner_addr;
		c->has_owner_addr = b->has_owner_addr;
		c->state = b->state;
		c->reason = endpoint_reason(arena, m, dev, a);
		c->no_traffic = c->reason != NULL;
	}
	tc_prediction_free(q);
	return 0;
}

typedef struct failure_job {
	const tc_prediction *p;
	const tc_model *m;
	const tc_predict_opts *base;
	tc_arena **arenas; /* per worker: its texts and lists */
	int *rc;	   /* per failure */
} failure_job;

/* Failure i: device i, or link i - ndevs. */
static void failure_item(void *payload, unsigned w, size_t i)
{
	failure_job *j = payload;
	const tc_model *m = j->m;
	j->rc[i] = one_failure(j->p, j->arenas[w], m, j->base, i < m->ndevs ? m->devs[i] : NULL,
			       i < m->ndevs ? NULL : &m->links[i - m->ndevs], &j->p->failures[i]);
}

/* Standby domain i of p: the failures after which it owns an SA and carries
 * the traffic, both ways or one way only. */
static void find_takeover(tc_prediction *p, size_t i)
{
	tc_domain *d = &p->domains[i];
	const char **both = tc_arena_alloc(p->arena, (p->nfailures + 1) * sizeof *both);
	const char **one = tc_arena_alloc(p->arena, (p->nfailures + 1) * sizeof *one);
	size_t nboth = 0, none = 0;
	for (size_t k = 0; k < p->nfailures; k++) {
		const tc_failure *f = &p->failures[k];
		for (size_t q = 0; q < f->nchanges; q++) {
			const tc_failure_change *c = &f->changes[q];
			if (c->domain != i || c->no_traffic || !c->has_owner_addr)
				continue;
			if (c->state == TC_STATE_STABLE)
				both[nboth++] = f->what;
			else if (c->state == TC_STATE_ONE_WAY)
				one[none++] = f->what;
		}
	}
	d->takeover = both;
	d->ntakeover = nboth;
	d->takeover_one_way = one;
	d->ntakeover_one_way = none;
}

int tc_predict_failures(tc_prediction *p, const tc_model *m, const tc_predict_opts *opts)
{
	static const tc_predict_opts no_opts = {0};
	tc_predict_opts base = opts ? *opts : no_opts;
	size_t n = m->ndevs + m->nlinks;
	unsigned jobs = base.jobs > 1 ? base.jobs : 1;
	if (jobs > n)
		jobs = n ? (unsigned)n : 1;
	if (jobs > 1)
		base.jobs = 1; /* one thread per failure prediction */
	p->failures = tc_arena_alloc(p->arena, (n + 1) * sizeof *p->failures);
	p->nfailures = 0;
	int *rc = tc_xzalloc(n + 1, sizeof *rc);
	tc_arena **arenas = tc_xrealloc(NULL, jobs * sizeof *arenas);
	for (unsigned k = 0; k < jobs; k++)
		if (!(arenas[k] = k ? tc_arena_new() : p->arena))
			abort();
	failure_job j = {p, m, &base, arenas, rc};
	tc_par_for(jobs, n, 1, failure_item, &j);
	for (unsigned k = 1; k < jobs; k++)
		tc_arena_adopt(p->arena, arenas[k]);
	int err = 0;
	while (p->nfailures < n && !(err = rc[p->nfailures]))
		p->nfailures++;
	free(arenas);
	free(rc);
	if (err)
		return err;
	p->failures_run = true;
	for (size_t i = 0; i < p->ndomains; i++)
		if (p->domains[i].state == TC_STATE_STANDBY)
			find_takeover(p, i);
	return 0;
}
