/* drift.h: the prediction held against the live state the devices showed (tc_device.obs):
 * per domain, whether the peer that holds its phase-2 SA is the predicted owner (issue 22).
 *
 * Memory: a tc_drift owns its own arena and borrows pointers into the model and the
 * prediction: free it first (tc_drift_free()).
 */
#ifndef TC_DRIFT_H
#define TC_DRIFT_H

#include "predict.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum tc_drift_verdict {
	TC_DRIFT_MATCHES = 0,	 /* the capture shows what the prediction says */
	TC_DRIFT_OWNER_DIFFERS,	 /* another peer holds the SA (or one holds it where none should) */
	TC_DRIFT_MISSING_SA,	 /* predicted up (stable, one-way, oscillating), nothing up */
	TC_DRIFT_ONE_WAY,	 /* the SA counts packets one way only, predicted stable */
	TC_DRIFT_UNEXPLAINED_SA, /* an observed SA no domain of its device explains */
	TC_DRIFT_NOT_CAPTURED,	 /* neither the domain's device nor a peer of it was captured */
	TC_DRIFT_COUNT		 /* how many verdicts there are */
} tc_drift_verdict;

/* "matches", "owner differs", "missing SA", "one-way observed", "unexplained SA",
 * "not captured"; NULL out of range. */
const char *tc_drift_verdict_name(tc_drift_verdict v);
/* The same in kebab case, for JSON and SARIF: "owner-differs"... */
const char *tc_drift_verdict_code(tc_drift_verdict v);
/* Nothing to act on: matches, or not captured. */
bool tc_drift_verdict_ok(tc_drift_verdict v);

/* One verdict: about a domain, or about an observed SA no domain explains. */
typedef struct tc_drift_item {
	tc_drift_verdict verdict;
	const tc_domain *domain; /* NULL: an unexplained SA */
	const tc_device *device; /* whose capture the verdict reads (the domain's device, or with
				    far_end a peer of it); NULL: not captured */
	bool far_end;		 /* read from the other end's capture (the device has none):
				    the SA's proxies are the domain's mirrored */
	const tc_obs_sa *sa;	 /* the observed SA it rests on (the first when several), or NULL */
	const tc_obs_ike *ike;	 /* missing SA: an established IKE SA with the peer (idle), or
				    NULL (down) */
	size_t nsas;		 /* observed SAs of the domain */
	const char *observed;	 /* who holds the SA as observed ("R2", "R2, R3", "5.100.9.9"),
				    "-" for none; NULL when not captured */
	const char *label;	 /* the verdict as shown: its name, or "matches (oscillating:
				    observed R2 at capture time)", "missing SA (idle)" */
	const char *detail;	 /* one sentence, no trailing period; never a secret */
} tc_drift_item;

typedef struct tc_drift {
	tc_arena *arena;
	tc_drift_item *items; /* items[i] is p->domains[i]'s (ndomains of them), then the
				 unexplained SAs in device then capture order */
	size_t nitems;
	size_t ndomains;
	size_t nverdict[TC_DRIFT_COUNT]; /* items per verdict */
	size_t ncaptured;		 /* devices with a capture */
} tc_drift;

/* Hold prediction p of finalized model m against the captures of m's devices. *out is
 * freed with tc_drift_free(), before p and m. 0, or TC_ENOMEM. */
int tc_drift_compute(tc_drift **out, const tc_model *m, const tc_prediction *p);
void tc_drift_free(tc_drift *dr);
/* The verdict of domain d of the prediction dr was computed from, or NULL (dr NULL). */
const tc_drift_item *tc_drift_of(const tc_drift *dr, const tc_prediction *p, const tc_domain *d);
/* Any verdict that is neither matches nor not captured. */
bool tc_drift_found(const tc_drift *dr);
/* Give diff d (of predictions pb and pa) each domain's drift verdicts, from db and da (each
 * computed from its prediction): sets d->drift, each change's drift_before/after/changed and
 * d->ndrift_changed. Nothing when db or da is NULL (a snapshot without state). */
void tc_drift_attach(tc_diff *d, const tc_prediction *pb, const tc_drift *db,
		     const tc_prediction *pa, const tc_drift *da);

#endif
