/* common.c: option parsing and the load-finalize-predict pipeline shared by subcommands. */
#include "cli.h"
#include "parser.h"
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tc_cli_usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "tunnelcast: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'tunnelcast %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
	return EXIT_USAGE;
}

int tc_cli_jobs(const char *cmd, const char *val, unsigned *out)
{
	char *end = NULL;
	errno = 0;
	long n = strtol(val, &end, 10);
	if (errno || !end || *end || n < 1 || n > 256)
		return tc_cli_usage_error(cmd, "-j needs a number of threads from 1 to 256, not '%s'", val);
	*out = (unsigned)n;
	return -1;
}

/* Parse options shared by the subcommands; returns -1 on success, else an exit code. */
int tc_cli_parse_args(const char *cmd, int argc, char **argv, struct tc_cli_args *a, const char *help)
{
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		const char *val = NULL;
		const char *eq = strchr(s, '=');
		char name[32] = {0};
		if (s[0] == '-' && s[1] == '-' && eq && (size_t)(eq - s) < sizeof name) {
			memcpy(name, s, (size_t)(eq - s));
			s = name;
			val = eq + 1;
		}
#define TAKES(shortopt, longopt) (strcmp(s, shortopt) == 0 || strcmp(s, longopt) == 0)
#define VALUE()                                                                                    \
	do {                                                                                       \
		if (!val) {                                                                        \
			if (i + 1 >= argc)                                                         \
				return tc_cli_usage_error(cmd, "option %s needs a value", s);            \
			val = argv[++i];                                                           \
		}                                                                                  \
	} while (0)
		if (TAKES("-h", "--help")) {
			fputs(help, stdout);
			return EXIT_OK;
		} else if (TAKES("-f", "--format")) {
			VALUE();
			a->format = val;
		} else if (TAKES("-o", "--output")) {
			VALUE();
			a->output = val;
		} else if (TAKES("-d", "--dialect")) {
			VALUE();
			if (strcmp(val, "asa") == 0)
				a->dialect = TC_DIALECT_ASA;
			else if (strcmp(val, "ios") == 0)
				a->dialect = TC_DIALECT_IOS;
			else if (strcmp(val, "auto") == 0)
				a->dialect = TC_DIALECT_UNKNOWN;
			else
				return tc_cli_usage_error(cmd, "unknown dialect '%s' (use auto, asa or ios)", val);
		} else if (TAKES("-v", "--verbose")) {
			a->verbose = true;
		} else if (TAKES("-q", "--quiet")) {
			a->quiet = true;
		} else if (TAKES("-j", "--jobs")) {
			VALUE();
			int rc = tc_cli_jobs(cmd, val, &a->jobs);
			if (rc >= 0)
				return rc;
		} else if (strcmp(s, "--exit-zero") == 0) {
			a->exit_zero = true;
		} else if (strcmp(s, "--max-rounds") == 0) {
			VALUE();
			char *end = NULL;
			errno = 0;
			long n = strtol(val, &end, 10);
			if (errno || !end || *end || n < 1 || n > 1000)
				return tc_cli_usage_error(cmd, "--max-rounds needs a number from 1 to 1000, not '%s'", val);
			a->max_rounds = (unsigned)n;
		} else if (strcmp(s, "--fail") == 0) {
			VALUE();
			if (a->nfail == TC_CLI_MAX_FAIL)
				return tc_cli_usage_error(cmd, "too many --fail options (at most 32): '%s'", val);
			a->fail[a->nfail++] = val;
		} else if (strcmp(s, "--failures") == 0) {
			VALUE();
			if (strcmp(val, "single") != 0)
				return tc_cli_usage_error(cmd, "--failures takes 'single', not '%s'", val);
			a->failures_single = true;
		} else if (strcmp(s, "--assume") == 0) {
			VALUE();
			if (strcmp(val, "responder-moves-active") == 0)
				a->assume.responder_moves_active = true;
			else if (strcmp(val, "ikev2-accepts-backup") == 0)
				a->assume.ikev2_accepts_backup = true;
			else if (strcmp(val, "no-replacement") == 0)
				a->assume.no_replacement = true;
			else
				return tc_cli_usage_error(cmd, "unknown --assume '%s' (responder-moves-active, ikev2-accepts-backup, no-replacement)", val);
		} else if (a->want_pictures && strcmp(s, "--pictures") == 0) {
			VALUE();
			char *end = NULL;
			errno = 0;
			long n = strtol(val, &end, 10);
			if (strcmp(val, "all") == 0)
				a->pictures = -1;
			else if (errno || !end || *end || end == val || n < 0 || n > 1000000)
				return tc_cli_usage_error(cmd, "--pictures needs a number of domains from 0 to 1000000 or 'all', not '%s'", val);
			else
				a->pictures = n;
		} else if (s[0] == '-' && s[1] != '\0') {
			return tc_cli_usage_error(cmd, "unknown option '%s'", s);
		} else if (!a->snapshot) {
			a->snapshot = s;
		} else if (a->want_arg2 && !a->arg2) {
			a->arg2 = s;
		} else {
			return tc_cli_usage_error(cmd, "unexpected argument '%s'", s);
		}
#undef TAKES
#undef VALUE
	}
	if (!a->snapshot)
		return tc_cli_usage_error(cmd, "%s", "missing SNAPSHOT directory");
	return -1;
}

/* "R3" or "R4:GigabitEthernet0/2" into a failed device or interface;
 * returns -1, or EXIT_USAGE when the snapshot has no such thing. */
static int resolve_failure(const tc_model *m, const char *spec, const tc_device **devs, size_t *ndevs,
			   const tc_iface **ifs, size_t *nifs)
{
	char name[256];
	snprintf(name, sizeof name, "%s", spec);
	char *colon = strchr(name, ':');
	if (colon)
		*colon = '\0';
	const tc_device *d = tc_device_find(m, name);
	if (!d)
		return tc_cli_usage_error(NULL, "--fail: no device named '%s' in the snapshot", name);
	if (!colon) {
		devs[(*ndevs)++] = d;
		return -1;
	}
	const tc_iface *i = tc_iface_find(d, colon + 1);
	if (!i) {
		fprintf(stderr, "tunnelcast: --fail: %s has no interface '%s'\n", d->hostname, colon + 1);
		return EXIT_USAGE;
	}
	ifs[(*nifs)++] = i;
	return -1;
}

/* Load, finalize and predict; returns -1 on success, else an exit code. */
int tc_cli_analyse(const struct tc_cli_args *a, tc_model **mout, tc_prediction **pout)
{
	tc_model *m = tc_model_new();
	if (!m) {
		fputs("tunnelcast: out of memory\n", stderr);
		return EXIT_INPUT;
	}
	tc_parse_opts po = {.dialect = a->dialect, .jobs = a->jobs};
	char err[512] = {0};
	if (tc_snapshot_load(m, a->snapshot, &po, err, sizeof err) != 0) {
		fprintf(stderr, "tunnelcast: %s\n", err[0] ? err : "cannot load snapshot");
		tc_model_free(m);
		return EXIT_INPUT;
	}
	tc_model_finalize_jobs(m, a->jobs);
	if (!a->quiet)
		tc_render_diags(stderr, m);
	if (m->ndevs == 0) { /* every file was skipped (binary, empty, unreadable) */
		fprintf(stderr, "tunnelcast: no usable config in %s: every file was skipped%s\n",
			a->snapshot, a->quiet ? " (run without -q to see why)" : "");
		tc_model_free(m);
		return EXIT_INPUT;
	}
	tc_predict_opts opts = a->assume;
	opts.max_rounds = a->max_rounds;
	opts.jobs = a->jobs;
	const tc_device *fdev[TC_CLI_MAX_FAIL];
	const tc_iface *fif[TC_CLI_MAX_FAIL];
	opts.fail_devices = fdev;
	opts.fail_ifaces = fif;
	for (size_t k = 0; k < a->nfail; k++) {
		int rc = resolve_failure(m, a->fail[k], fdev, &opts.nfail_devices, fif, &opts.nfail_ifaces);
		if (rc >= 0) {
			tc_model_free(m);
			return rc;
		}
	}
	tc_prediction *p = NULL;
	if (tc_predict(&p, m, &opts) != 0 ||
	    (a->failures_single && tc_predict_failures(p, m, &opts) != 0)) {
		fputs("tunnelcast: prediction failed\n", stderr);
		tc_prediction_free(p);
		tc_model_free(m);
		return EXIT_INPUT;
	}
	*mout = m;
	*pout = p;
	return -1;
}

