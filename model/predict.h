/* predict.h: the public interface of the predictor (tc_predict), lint (tc_lint) and the diff
 * of two snapshots (tc_diff_compute): what they read from a finished model (model.h) and
 * what they give back. Their code lives in model/predict/ (docs/internals.md).
 *
 * Memory: a tc_prediction owns its own arena and borrows pointers into the model, so free
 * the prediction before the model; findings and diffs borrow from the prediction.
 */
#ifndef TC_PREDICT_H
#define TC_PREDICT_H

#include "model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- prediction --------------------------------------------------------- */

typedef enum tc_state {
	TC_STATE_STABLE = 0,  /* one owner, traffic flows both ways */
	TC_STATE_STANDBY,     /* no SA in steady state: other gateways carry the traffic */
	TC_STATE_OSCILLATING, /* ownership keeps moving between peers */
	TC_STATE_ONE_WAY,     /* an SA is up; one direction is delivered, the other lost */
	TC_STATE_DOWN,	      /* no SA can be built */
	TC_STATE_COUNT	      /* how many states there are (arrays, loops) */
} tc_state;
const char *tc_state_name(tc_state s); /* "stable", "standby", "oscillating", "one-way", "down" */
/* What a state means, in the words README's and the man page's state tables and `predict
 * --help` use (tests/states_doc.sh checks they agree: all three come from this table). */
typedef struct tc_state_info {
	const char *name;    /* tc_state_name() */
	const char *meaning; /* one line, no trailing period */
	bool ok;	     /* the domain works: predict exits 0 when every domain's state is ok */
} tc_state_info;
/* The state's row, or NULL out of range. */
const tc_state_info *tc_state_info_get(tc_state s);
/* A state an engineer need not act on: its row is ok (stable, standby; exit status 0). */
bool tc_state_healthy(tc_state s);

typedef enum tc_event_kind {
	TC_EV_SEND = 0, /* a host sends a packet of the domain */
	TC_EV_FORWARD,	/* routed in clear to the next device */
	TC_EV_MATCH,	/* matched a crypto map entry */
	TC_EV_ENCRYPT,	/* sent into an existing SA */
	TC_EV_INITIATE, /* IKE negotiation started toward a peer */
	TC_EV_REJECT,	/* a negotiation failed (reason: tc_event.reason) */
	TC_EV_SA_UP,	/* phase-2 SA installed on both ends */
	TC_EV_SA_DROP,	/* an older SA for the same proxy pair deleted */
	TC_EV_DECRYPT,	/* received and decrypted by a peer */
	TC_EV_DELIVER,	/* reached the destination network */
	TC_EV_DROP,	/* the packet died (reason: tc_event.reason) */
	TC_EV_CLEAR,	/* left a crypto boundary unencrypted */
	TC_EV_INFO,	/* narrative: round summaries, convergence */
} tc_event_kind;
const char *tc_event_kind_name(tc_event_kind k); /* "send", "forward", ... */

/* Why an event happened, as a stable kebab-case code ("no-route", "psk-mismatch"): the
 * fact a script tests, where tc_event.text is its rendering for humans. The codes, each with
 * one line of meaning, are tc_reason_info_get()'s table (eventlog.c), listed the same in
 * docs/predictor.md and docs/tunnelcast.schema.json (tests/reasons_doc.sh). Codes are never
 * renamed; new ones are added at the end. */
typedef enum tc_reason {
	TC_REASON_NONE = 0,		 /* no code: the event explains nothing beyond its kind */
	TC_REASON_DELIVERED,		 /* delivered */
	TC_REASON_EXITED,		 /* exited */
	TC_REASON_NO_ROUTE,		 /* no-route */
	TC_REASON_NULL_ROUTE,		 /* null-route */
	TC_REASON_NEXT_HOP_DOWN,	 /* next-hop-down */
	TC_REASON_ROUTING_LOOP,		 /* routing-loop */
	TC_REASON_INBOUND_CLEAR_DROPPED, /* inbound-clear-dropped */
	TC_REASON_CLEAR_NO_ACL_LINE,	 /* clear-no-acl-line */
	TC_REASON_NAT_BEFORE_CRYPTO,	 /* nat-before-crypto */
	TC_REASON_NAT_TRANSLATED,	 /* nat-translated */
	TC_REASON_NAT_EXEMPT,		 /* nat-exempt */
	TC_REASON_NAT_ROUTE_MAP_SKIPPED, /* nat-route-map-skipped */
	TC_REASON_REVERSE_ROUTE,	 /* reverse-route */
	TC_REASON_REVERSE_ROUTE_REDISTRIBUTED, /* reverse-route-redistributed */
	TC_REASON_COMPUTED_ROUTE,	       /* computed-route */
	TC_REASON_EXISTING_SA,		       /* existing-sa */
	TC_REASON_ANSWER_ONLY,		       /* answer-only */
	TC_REASON_OUTSIDE_NARROWED_SA,	       /* outside-narrowed-sa */
	TC_REASON_NARROWED,		       /* narrowed */
	TC_REASON_OUTSIDE_SNAPSHOT,	       /* outside-snapshot */
	TC_REASON_ROUTER_ORIGINATED,	       /* router-originated */
	TC_REASON_PEER_UNRESOLVED,	       /* peer-unresolved */
	TC_REASON_NO_PEER,		       /* no-peer */
	TC_REASON_NO_PEER_ACCEPTS,	       /* no-peer-accepts */
	TC_REASON_PEER_OUTSIDE_SNAPSHOT,       /* peer-outside-snapshot */
	TC_REASON_NO_ROUTE_TO_PEER,	       /* no-route-to-peer */
	TC_REASON_PEER_ROUTE_ELSEWHERE,	       /* peer-route-elsewhere */
	TC_REASON_PEER_DOWN,		       /* peer-down */
	TC_REASON_IKE_UNREACHABLE,	       /* ike-unreachable */
	TC_REASON_NO_CRYPTO_MAP,	       /* no-crypto-map */
	TC_REASON_IKE_NOT_ENABLED,	       /* ike-not-enabled */
	TC_REASON_PEER_NOT_LISTED,	       /* peer-not-listed */
	TC_REASON_ACL_NOT_MIRRORED,	       /* acl-not-mirrored */
	TC_REASON_ORIGINATE_ONLY,	       /* originate-only */
	TC_REASON_IKEV2_NOT_ACTIVE_PEER,       /* ikev2-not-active-peer */
	TC_REASON_NO_TRANSFORM_SET,	       /* no-transform-set */
	TC_REASON_PFS_MISMATCH,		       /* pfs-mismatch */
	TC_REASON_NO_IKEV2_PROFILE,	       /* no-ikev2-profile */
	TC_REASON_AUTH_METHOD_MISMATCH,	       /* auth-method-mismatch */
	TC_REASON_NO_TRUSTPOINT,	       /* no-trustpoint */
	TC_REASON_NO_PSK,		       /* no-psk */
	TC_REASON_PSK_MISMATCH,		       /* psk-mismatch */
	TC_REASON_NO_IKE_POLICY,	       /* no-ike-policy */
	TC_REASON_IKE_VERSION_MISMATCH,	       /* ike-version-mismatch */
	TC_REASON_SA_REPLACED,		       /* sa-replaced */
	TC_REASON_IKE_DELETE,		       /* ike-delete */
	TC_REASON_TUNNEL_NOT_MODELLED,	       /* tunnel-not-modelled */
	TC_REASON_TUNNEL_ENCRYPTED,	       /* tunnel-encrypted */
	TC_REASON_TUNNEL_CLEAR,		       /* tunnel-clear */
	TC_REASON_TUNNEL_NO_ADDRESS,	       /* tunnel-no-address */
	TC_REASON_TUNNEL_SOURCE_DOWN,	       /* tunnel-source-down */
	TC_REASON_TUNNEL_NO_ROUTE,	       /* tunnel-no-route */
	TC_REASON_TUNNEL_RECURSIVE,	       /* tunnel-recursive */
	TC_REASON_TUNNEL_UNREACHABLE,	       /* tunnel-unreachable */
	TC_REASON_TUNNEL_END_DOWN,	       /* tunnel-end-down */
	TC_REASON_NO_TUNNEL_END,	       /* no-tunnel-end */
	TC_REASON_TUNNEL_MODE_MISMATCH,	       /* tunnel-mode-mismatch */
	TC_REASON_NO_IPSEC_PROFILE,	       /* no-ipsec-profile */
	TC_REASON_TUNNEL_SELECTORS,	       /* tunnel-selectors */
	TC_REASON_NO_COMMON_SELECTORS,	       /* no-common-selectors */
	TC_REASON_DYNAMIC_MAP_EMPTY,	       /* dynamic-map-empty */
	TC_REASON_DYNAMIC_NO_SA,	       /* dynamic-no-sa */
	TC_REASON_DYNAMIC_SA,		       /* dynamic-sa */
	TC_REASON_ECMP_PATHS,		       /* ecmp-paths */
	TC_REASON_ECMP_BRANCH,		       /* ecmp-branch */
	TC_REASON_ECMP_ONE_PATH,	       /* ecmp-one-path */
	TC_REASON_ECMP_CUT,		       /* ecmp-cut */
	TC_REASON_COUNT			       /* how many codes there are, NONE included */
} tc_reason;
typedef struct tc_reason_info {
	const char *code;    /* "no-route" */
	const char *meaning; /* one line, no trailing period */
} tc_reason_info;
/* The code r names, or NULL for TC_REASON_NONE and out-of-range values. */
const tc_reason_info *tc_reason_info_get(tc_reason r);

/* A behaviour rule the predictor applies (peer-backup-behavior.md). */
typedef struct tc_rule_info {
	const char *id;		/* "R4.3" */
	const char *confidence; /* "documented", "documented-2nd", "observed" or "inferred" */
	const char *summary;	/* one line */
} tc_rule_info;
/* The rule with this id, or NULL. */
const tc_rule_info *tc_rule_info_find(const char *id);

typedef struct tc_event {
	unsigned step;		 /* 1-based within its trace */
	uint8_t kind;		 /* a tc_event_kind (one byte: a trace's events are 80 bytes) */
	uint8_t reason;		 /* a tc_reason: why (TC_REASON_NONE when the kind says all) */
	bool has_peer_addr;	 /* peer_addr is set */
	bool has_proxy;		 /* local and remote are set */
	const tc_device *device; /* where it happened, or NULL */
	const char *rule;	 /* behaviour rule applied ("R4.3"), or NULL */
	const char *confidence;	 /* the spec's confidence in that rule here: "documented",
	                             "documented-2nd", "observed", "inferred"; NULL without rule */
	const char *text;	 /* one sentence for humans */
	/* Structured detail: the facts text states, for renderers that draw the SA table after
	 * each event (diagram --steps) and for JSON. Zero when not set. */
	const tc_device *peer; /* the other device: INITIATE/REJECT the peer tried, SA_UP the
	                             responder, SA_DROP the other end of the dropped SA, ENCRYPT the
	                             SA's peer, DECRYPT the encrypting device, INFO "narrowed" the
	                             initiator; NULL when unset or
	                             outside the snapshot */
	uint32_t
		peer_addr; /* that peer's address (as the entry lists it); valid when has_peer_addr */
	tc_prefix local, remote; /* SA_UP/SA_DROP/ENCRYPT: the SA's proxy pair as device sees it;
	                             INITIATE/REJECT: the pair proposed; INFO "narrowed": the
	                             narrowed SA as the responder sees it; valid when has_proxy */
	uint32_t nhops;
	const tc_device *const
		*hops; /* FORWARD: the devices crossed, in order, sender first (nhops) */
} tc_event;

/* A prediction's log of events, which its traces point into (opaque; predict.c). */
typedef struct tc_trace_log tc_trace_log;

typedef struct tc_trace {
	const char *first_sender; /* "local" or "remote": which side sent first */
	tc_event *events;	  /* a hand-built trace's events (tests), or NULL: the traces of
	                             tc_predict() hold references into its log instead (the
	                             next three). Read events only with tc_trace_event(). */
	size_t nevents;
	const tc_trace_log *log; /* with events NULL: the log (private to predict.c) */
	const uint32_t *refs;	 /* ... events 0..nevents - 2: log records or "round N" lines */
	const char *last;	 /* ... the text of the last event (an INFO line) */
	const tc_device *owner;	 /* owner at the end of this ordering, or NULL */
	uint32_t owner_addr;	 /* its peer address, valid when has_owner */
	bool has_owner;
	tc_state state;	 /* outcome of this ordering */
	unsigned rounds; /* rounds simulated */
} tc_trace;

/* Event i (0-based, i < t->nevents) of trace t, by value: its step is i + 1
 * (or events[i].step in a hand-built trace); pointers in it are owned by the
 * prediction and the model. */
tc_event tc_trace_event(const tc_trace *t, size_t i);

/* One header-space part of a domain: a sub-range pair that routing or an
 * ACL treats differently from the rest of the proxy pair. */
typedef struct tc_part {
	tc_prefix local, remote; /* sub-ranges of the domain's proxy pair */
	const tc_device *via; /* where the remote side's traffic for it enters a tunnel, or NULL */
	const tc_device *rev_peer; /* ... and where that tunnel ends */
	const tc_device
		*fwd_via; /* where the local side's traffic for it enters a tunnel, or NULL */
	const tc_device *fwd_peer; /* ... and where that tunnel ends */
	bool fwd_ok, rev_ok;	   /* delivered (or left the snapshot) in the final round */
	const char *service;	   /* protocol/port class ("tcp/22", "other protocols") when the
	                             pair splits by service too, else NULL */
} tc_part;

typedef struct tc_domain {
	const tc_device *device; /* holds the crypto map entry */
	const tc_entry *entry;
	const tc_ace *ace;	 /* the permit line */
	unsigned ace_index;	 /* 1-based position among the ACL's lines */
	tc_prefix local, remote; /* the proxy pair */
	const tc_device *owner;	 /* steady owner; NULL when none or outside the snapshot */
	uint32_t owner_addr;	 /* steady owner's peer address; valid when has_owner_addr */
	bool has_owner_addr;
	tc_state state; /* combined over both orderings */
	const char *
		*owners_seen; /* peer hostnames (or addresses when not in the snapshot), sorted */
	size_t nowners_seen;
	const char *summary; /* one sentence explaining the state */
	tc_trace traces[2];  /* [0]: local side sends first, [1]: remote side first */
	tc_part *parts;	     /* header-space parts, when the pair was split (nparts >= 2) */
	size_t nparts;
	bool order_dependent;	   /* the two sending orders end differently */
	const tc_iface *tunnel;	   /* a protected tunnel end's domain (static VTI: any/any; GRE with
	                           tunnel protection: its endpoints as /32s), else NULL: entry is
	                           then the tunnel's own (map the interface name, seq 0, shown as
	                           null or "-"), ace NULL, ace_index 0, one event per trace */
	const tc_entry *dyn_entry; /* a dynamic domain (R2.7): the dynamic map entry answering
	                              its spokes (`crypto dynamic-map D 10`), else NULL; entry
	                              is then the crypto map's dynamic entry (M 65535), ace
	                              NULL, ace_index 0, the pair a spoke's line mirrored */
	const tc_ace *mirror;	   /* a dynamic domain: the first spoke's permit line (the pair,
	                              protocol and ports included, is its mirror), else NULL */
	const tc_device *const *spokes; /* a dynamic domain: the devices proposing the pair, in
	                                   model order (the possible owners; R4.3 between them) */
	size_t nspokes;
	const char *const *owners; /* who owns it, as names (owners_seen's spelling): stable
	                              with an owner: that one; oscillating: the peers it
	                              alternates between, sorted; else none */
	size_t nowners;
	bool assumed; /* an owner is a peer outside the snapshot: the prediction assumes it
	                 answers as configured */
	bool hashed;  /* a single flow (IOS, /32 <-> /32) meets equal-cost paths to different
	                 ends: which one it takes is the hash's, not predicted; the owner is the
	                 first path's */
	const char *const *takeover; /* standby, after tc_predict_failures(): the failures
	                                (tc_failure.what) that give it an owner and traffic
	                                both ways, in failure order; else NULL */
	size_t ntakeover;
	const char *const *takeover_one_way; /* ... that give it an owner, one way only */
	size_t ntakeover_one_way;
} tc_domain;

typedef struct tc_predict_opts {
	unsigned max_rounds;		      /* 0 = default (16) */
	const tc_device *const *fail_devices; /* taken down before the walk */
	size_t nfail_devices;
	const tc_iface *const *fail_ifaces; /* links taken down before the walk */
	size_t nfail_ifaces;
	bool responder_moves_active; /* R3.9 open question: accepting an SA as responder
	                                moves the entry's active peer (default: no) */
	bool ikev2_accepts_backup; /* R4.2 switched off: IKEv2 responders accept any listed peer */
	bool no_replacement;	   /* R4.3 switched off: a new SA does not replace an older one */
	bool ecmp_one_path; /* every flow of a proxy pair hashes to one of a device's equal-cost
			       paths (the first is walked); default: per-flow load sharing
			       spreads them over all (CEF's default, per-destination) */
	unsigned jobs;	    /* threads (0 or 1: this one): the two sending orders, the
	                                domains and tc_predict_failures() run on up to this many;
	                                the prediction is the same with any number */
	void (*progress)(void *ctx, size_t done, size_t total); /* or NULL: called with the
				 domains judged so far, every 256th, on the thread that called
				 tc_predict() only (a progress line) */
	void *progress_ctx;					/* progress's ctx */
	bool walk_every_part; /* walk every part pair of a conversation, none taking the walk of
				 its class (docs/predictor.md): the prediction is the same; the
				 pipeline fuzzer compares the two */
} tc_predict_opts;
#define TC_PREDICT_OPTS_JOBS 1 /* tc_predict_opts has jobs */

/* What one failure changes: a domain whose owner or state differs from the
 * prediction without the failure. */
typedef struct tc_failure_change {
	size_t domain;		/* index into tc_prediction.domains */
	const tc_device *owner; /* owner with the failure, or NULL */
	uint32_t owner_addr;
	bool has_owner_addr;
	tc_state state;	    /* state with the failure (meaningless when no_traffic) */
	bool no_traffic;    /* the failed device is an endpoint of the domain (holds its local
	                        or remote network, no crypto map of the domain): nothing sends */
	const char *reason; /* no_traffic: "R5 holds 10.26.241.0/24, the domain's local side" */
} tc_failure_change;

typedef struct tc_failure {
	const char *what; /* "R3" (device) or "link 5.100.34.0/24" */
	tc_failure_change *changes;
	size_t nchanges;
} tc_failure;

typedef struct tc_prediction {
	tc_arena *arena;
	tc_domain *domains; /* sorted by device, map, seq, ACL line */
	size_t ndomains;
	size_t nstate[TC_STATE_COUNT]; /* domains per tc_state */
	bool failures_run;	       /* tc_predict_failures() filled the next two */
	tc_failure *failures;	       /* every single device and link failure, in that order */
	size_t nfailures;
} tc_prediction;

/* Predict SA ownership for every domain of a finalized model. *out is
 * freed with tc_prediction_free(). 0, or TC_ENOMEM / TC_ERROR. */
int tc_predict(tc_prediction **out, const tc_model *m, const tc_predict_opts *opts);
void tc_prediction_free(tc_prediction *p);
/* Run every single-device failure, then every single-link failure (all ends
 * of a shared subnet down), on top of opts, and record in p what each one
 * changes. p must be the prediction of m with the same opts. */
int tc_predict_failures(tc_prediction *p, const tc_model *m, const tc_predict_opts *opts);

/* ---- lint (lint.c) ---------------------------------------------------------
 *
 * Checks over a finalized model and its prediction: the behaviour spec's §7
 * checks that the model can decide. Each rule has a stable id ("TC101") and
 * name; its findings point at the config line at fault and at the related
 * lines on the other devices. Nothing here knows an output format. */

typedef struct tc_lint_rule {
	const char *id;	   /* stable: "TC101" */
	const char *name;  /* stable kebab-case: "crypto-map-not-applied" */
	tc_severity sev;   /* default severity of its findings */
	const char *check; /* the spec's §7 check(s) it implements: "L1" */
	const char *basis; /* the behaviour rules it rests on: "R1.4" */
	const char *title; /* one line, no trailing period */
	const char *help;  /* what goes wrong and the fix: plain text, paragraphs
	                        separated by one blank line, no trailing newline */
} tc_lint_rule;

/* The rule catalogue, sorted by id, in static storage; *n gets its length. */
const tc_lint_rule *tc_lint_rules(size_t *n);
/* The rule with this id or name (case-insensitive), or NULL. */
const tc_lint_rule *tc_lint_rule_find(const char *id_or_name);

/* A config line a finding points at. */
typedef struct tc_lint_loc {
	const tc_device *device; /* whose config, or NULL */
	const char *file;	 /* NULL when not tied to a file */
	unsigned line;		 /* 1-based; 0 when unknown */
	unsigned col;		 /* 1-based; tc_lint() leaves 0: a caller that reads the
	                            file places it (see token) */
	const char *token;	 /* the word on the line the finding is about (an address,
	                            a name), to place col; never a secret; or NULL */
	const char *label;	 /* related locations: what the line is, one phrase */
	const char *text;	 /* the source line with secrets masked, when a caller
	                            attached it; NULL from tc_lint() */
} tc_lint_loc;

typedef struct tc_finding {
	const tc_lint_rule *rule;
	tc_severity sev;	 /* rule->sev, or graded per finding (documented per rule) */
	const tc_device *device; /* the device at fault (loc.device) */
	const char *msg;	 /* one sentence without trailing period; never a secret */
	const char *subject;	 /* identity within (rule, device) free of line numbers, to
	                             match findings across two snapshots */
	tc_lint_loc loc;	 /* the line at fault */
	tc_lint_loc *related;	 /* lines elsewhere (usually the other device) */
	size_t nrelated;
	const tc_domain *domain; /* predictor-based findings: the domain; else NULL */
	bool suppressed;	 /* matched a tc_lint_ignore */
	bool in_source;		 /* ... one written in the config itself (scope set) */
	const char *reason;	 /* the matching ignore's reason, or NULL */
} tc_finding;

typedef struct tc_findings {
	tc_arena *arena; /* owns everything the findings point to except the
	                             model, the prediction and the rule catalogue */
	tc_finding *v;	 /* sorted by file, line, rule id, subject */
	size_t n;
	size_t nsev[3]; /* unsuppressed findings per tc_severity */
	size_t nsuppressed;
	const bool *ran; /* per rule, in tc_lint_rules() order: it was run */
} tc_findings;

/* A suppression: the findings of one rule on one device (or all devices), or, when
 * scope_file is set, those with a location (the line at fault or a related line) in
 * lines first..last of that file: a suppression written in a config. */
typedef struct tc_lint_ignore {
	const char *rule;	/* rule id or name */
	const char *device;	/* hostname, or NULL for every device; unused with scope_file */
	const char *reason;	/* why, or NULL */
	const char *file;	/* where the suppression is written, or NULL: when set, one
	                           that suppresses nothing is a TC301 finding there */
	unsigned line;		/* its line in file */
	const char *scope_file; /* the config file it covers, or NULL (match on device) */
	unsigned first, last;	/* the lines of scope_file it covers (whole file: 1, UINT_MAX) */
} tc_lint_ignore;

/* A rule's severity overridden (--severity RULE=SEV). */
typedef struct tc_lint_sev {
	const char *rule; /* rule id or name */
	tc_severity sev;
} tc_lint_sev;

typedef struct tc_lint_opts {
	const char *const *disable; /* ids or names of rules not to run */
	size_t ndisable;
	const tc_lint_ignore *ignore; /* findings to keep but mark suppressed */
	size_t nignore;
	const tc_lint_sev *severity; /* every finding of these rules gets this severity */
	size_t nseverity;
} tc_lint_opts;

/* Run every enabled rule over finalized m and its prediction p (p may be
 * NULL: the predictor-based rules are then skipped). o may be NULL. *out is
 * freed with tc_findings_free(), before the model and the prediction. Unknown
 * rule names in o are ignored (the caller validates them with
 * tc_lint_rule_find()). 0, TC_ENOMEM (no arena) or TC_ERROR (model not
 * finalized); out of memory otherwise aborts (model/kit.h). */
int tc_lint(tc_findings **out, const tc_model *m, const tc_prediction *p, const tc_lint_opts *o);
void tc_findings_free(tc_findings *f);

/* ---- diff of two snapshots (diff.c) -------------------------------------- */

/* One encryption domain compared across two snapshots. A domain is the same
 * when its device hostname, crypto map, sequence and proxy pair are. */
typedef struct tc_domain_change {
	const tc_domain *before; /* NULL when the domain was added */
	const tc_domain *after;	 /* NULL when it was removed */
	bool owner_changed;	 /* both present, owners differ */
	bool state_changed;	 /* both present, states differ (stable <-> standby is an owner
	                            change only: the SA moved to or from another gateway) */
	/* with tc_diff.drift (tc_drift_attach(), drift.h): the domain's drift verdict on each
	 * side, NULL when it is absent there, and whether the two verdicts differ */
	const struct tc_drift_item *drift_before, *drift_after;
	bool drift_changed;
} tc_domain_change;

typedef struct tc_diff {
	tc_domain_change *domains; /* every domain of both sides, in render order
	                              (device, map, seq, local, remote) */
	size_t ndomains;
	const tc_finding **introduced; /* unsuppressed findings only in after */
	size_t nintroduced;
	const tc_finding **fixed; /* unsuppressed findings only in before */
	size_t nfixed;
	size_t nadded, nremoved, nowner_changed, nstate_changed;
	size_t nnew_errors; /* introduced findings of severity error */
	bool drift;	    /* both snapshots carry state: tc_drift_attach() set the drift fields */
	size_t ndrift_changed; /* domains whose drift verdict differs */
} tc_diff;

/* Compare two predictions and their findings (either findings may be NULL:
 * no finding). Findings match on rule, device hostname and subject. *out
 * borrows from all four inputs: free it first with tc_diff_free(). 0 or
 * TC_ENOMEM. */
int tc_diff_compute(tc_diff **out, const tc_prediction *before, const tc_findings *fbefore,
		    const tc_prediction *after, const tc_findings *fafter);
void tc_diff_free(tc_diff *d);
/* The owner of a domain as a name: its hostname, else its peer address in
 * buf, else "" (no steady owner). buf of at least TC_IP_STRLEN. */
const char *tc_domain_owner_name(const tc_domain *d, char *buf, size_t n);
/* The owners of d that no device of m holds (d->assumed), "5.100.9.9" or
 * "5.100.9.9 and 5.100.9.10", in buf; "" when none. buf of at least
 * TC_IP_STRLEN; names that do not fit are left out. */
const char *tc_domain_outside_owners(const tc_domain *d, const tc_model *m, char *buf, size_t n);

#endif
