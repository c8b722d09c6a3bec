/* compare.c: compare two predictions and their lint findings (tunnelcast diff).
 *
 * Domains are matched by what an engineer would call the same domain: the
 * device's hostname, the crypto map, the sequence and the proxy pair. ACL
 * line numbers are left out so that inserting a line above does not turn a
 * domain into a removal plus an addition. Findings are matched by rule,
 * device hostname and subject (the finding's line-free identity), as
 * multisets: two identical findings before and one after is one fixed.
 */
#include "predict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tc_domain_owner_name(const tc_domain *d, char *buf, size_t n)
{
	if (d->owner)
		return d->owner->hostname;
	if (d->has_owner_addr && n >= TC_IP_STRLEN)
		return tc_ip_format(buf, n, d->owner_addr);
	return "";
}

const char *tc_domain_outside_owners(const tc_domain *d, const tc_model *m, char *buf, size_t n)
{
	size_t used = 0, k = 0;
	buf[0] = '\0';
	if (d->nowners == 0 && d->has_owner_addr && !d->owner) {
		tc_ip_format(buf, n, d->owner_addr);
		return buf;
	}
	for (size_t i = 0; i < d->nowners; i++)
		for (unsigned j = 0; d->entry && j < d->entry->npeers; j++) {
			char ip[TC_IP_STRLEN];
			if (strcmp(tc_ip_format(ip, sizeof ip, d->entry->peers[j]), d->owners[i]) !=
				    0 ||
			    tc_device_by_addr(m, d->entry->peers[j], NULL))
				continue;
			int w = snprintf(buf + used, n - used, "%s%s", k++ ? " and " : "", ip);
			used = w > 0 && (size_t)w < n - used ? used + (size_t)w : used;
			break;
		}
	return buf;
}

static int cmp_domain_key(const tc_domain *x, const tc_domain *y)
{
	int c = strcmp(x->device->hostname, y->device->hostname);
	if (c)
		return c;
	if ((c = strcmp(x->entry->map, y->entry->map)))
		return c;
	if (x->entry->seq != y->entry->seq)
		return x->entry->seq < y->entry->seq ? -1 : 1;
	if ((c = tc_prefix_cmp(x->local, y->local)))
		return c;
	return tc_prefix_cmp(x->remote, y->remote);
}

static int cmp_domain_ptr(const void *a, const void *b)
{
	const tc_domain *x = *(const tc_domain *const *)a, *y = *(const tc_domain *const *)b;
	int c = cmp_domain_key(x, y);
	return c ? c : (x > y) - (x < y);
}

static int cmp_finding_key(const tc_finding *x, const tc_finding *y)
{
	int c = strcmp(x->rule->id, y->rule->id);
	if (c)
		return c;
	const char *dx = x->device ? x->device->hostname : "",
		   *dy = y->device ? y->device->hostname : "";
	if ((c = strcmp(dx, dy)))
		return c;
	return strcmp(x->subject, y->subject);
}

static int cmp_finding_ptr(const void *a, const void *b)
{
	const tc_finding *x = *(const tc_finding *const *)a, *y = *(const tc_finding *const *)b;
	int c = cmp_finding_key(x, y);
	return c ? c : strcmp(x->msg, y->msg);
}

/* Usable domains of p (device and entry known), sorted by key; malloc'd. */
static const tc_domain **sorted_domains(const tc_prediction *p, size_t *n)
{
	*n = 0;
	size_t cnt = p ? p->ndomains : 0;
	const tc_domain **v = malloc((cnt + 1) * sizeof *v);
	if (!v)
		return NULL;
	for (size_t i = 0; i < cnt; i++)
		if (p->domains[i].device && p->domains[i].entry)
			v[(*n)++] = &p->domains[i];
	qsort(v, *n, sizeof *v, cmp_domain_ptr);
	return v;
}

static const tc_finding **sorted_findings(const tc_findings *f, size_t *n)
{
	*n = 0;
	size_t cnt = f ? f->n : 0;
	const tc_finding **v = malloc((cnt + 1) * sizeof *v);
	if (!v)
		return NULL;
	for (size_t i = 0; i < cnt; i++)
		if (!f->v[i].suppressed)
			v[(*n)++] = &f->v[i];
	qsort(v, *n, sizeof *v, cmp_finding_ptr);
	return v;
}

static bool same_owner(const tc_domain *a, const tc_domain *b)
{
	char x[TC_IP_STRLEN], y[TC_IP_STRLEN];
	/* the owners (stable: its owner; oscillating: the peers it alternates between) */
	if (a->nowners != b->nowners)
		return false;
	for (size_t i = 0; i < a->nowners; i++)
		if (strcmp(a->owners[i], b->owners[i]) != 0)
			return false;
	if (a->nowners) /* the same peers: "R2 stable" to "R2 oscillating" is a state change */
		return true;
	return strcmp(tc_domain_owner_name(a, x, sizeof x), tc_domain_owner_name(b, y, sizeof y)) ==
	       0;
}

/* Stable and standby are one state to a diff: a domain moving between them
 * changed owner (its SA went to or came from another gateway), nothing broke. */
static bool same_state(tc_state a, tc_state b)
{
	return a == b || (tc_state_healthy(a) && tc_state_healthy(b));
}

int tc_diff_compute(tc_diff **out, const tc_prediction *before, const tc_findings *fbefore,
		    const tc_prediction *after, const tc_findings *fafter)
{
	*out = NULL;
	int rc = TC_ENOMEM;
	size_t na = 0, nb = 0, nfa = 0, nfb = 0;
	const tc_domain **a = sorted_domains(before, &na), **b = sorted_domains(after, &nb);
	const tc_finding **fa = sorted_findings(fbefore, &nfa),
			 **fb = sorted_findings(fafter, &nfb);
	tc_diff *d = calloc(1, sizeof *d);
	if (!a || !b || !fa || !fb || !d)
		goto out;
	d->domains = calloc(na + nb + 1, sizeof *d->domains);
	d->introduced = calloc(nfb + 1, sizeof *d->introduced);
	d->fixed = calloc(nfa + 1, sizeof *d->fixed);
	if (!d->domains || !d->introduced || !d->fixed)
		goto out;

	/* merge the two sorted domain lists */
	size_t i = 0, j = 0;
	while (i < na || j < nb) {
		int c = i == na ? 1 : j == nb ? -1 : cmp_domain_key(a[i], b[j]);
		tc_domain_change *ch = &d->domains[d->ndomains++];
		if (c < 0) {
			ch->before = a[i++];
			d->nremoved++;
		} else if (c > 0) {
			ch->after = b[j++];
			d->nadded++;
		} else {
			ch->before = a[i++];
			ch->after = b[j++];
			ch->owner_changed = !same_owner(ch->before, ch->after);
			ch->state_changed = !same_state(ch->before->state, ch->after->state);
			d->nowner_changed += ch->owner_changed;
			d->nstate_changed += ch->state_changed;
		}
	}

	/* findings as multisets */
	i = j = 0;
	while (i < nfa || j < nfb) {
		int c = i == nfa ? 1 : j == nfb ? -1 : cmp_finding_key(fa[i], fb[j]);
		if (c < 0) {
			d->fixed[d->nfixed++] = fa[i++];
		} else if (c > 0) {
			d->introduced[d->nintroduced++] = fb[j];
			d->nnew_errors += fb[j]->sev == TC_SEV_ERROR;
			j++;
		} else {
			i++;
			j++;
		}
	}
	*out = d;
	d = NULL;
	rc = 0;
out:
	free(a);
	free(b);
	free(fa);
	free(fb);
	tc_diff_free(d);
	return rc;
}

void tc_diff_free(tc_diff *d)
{
	if (!d)
		return;
	free(d->domains);
	free(d->introduced);
	free(d->fixed);
	free(d);
}
