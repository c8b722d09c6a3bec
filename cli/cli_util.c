/* cli_util.c: what the subcommands share: usage errors, option setters, load-finalize-predict. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"
#include "routing.h"
#include "parser.h"
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tc_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "tunnelcast: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'tunnelcast %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
	return TC_EXIT_USAGE;
}

int tc_cli_set_string(void *field, const char *val, const char *cmd)
{
	(void)cmd;
	*(const char **)field = val;
	return -1;
}

int tc_cli_set_true(void *field, const char *val, const char *cmd)
{
	(void)val;
	(void)cmd;
	*(bool *)field = true;
	return -1;
}

int tc_cli_word(const char *val, const char *const *words)
{
	for (int k = 0; words[k]; k++)
		if (strcmp(val, words[k]) == 0)
			return k;
	return -1;
}

int tc_cli_set_dialect(void *field, const char *val, const char *cmd)
{
	static const char *const words[] = {"auto", "asa", "ios", NULL};
	static const tc_dialect dialects[] = {TC_DIALECT_UNKNOWN, TC_DIALECT_ASA, TC_DIALECT_IOS};
	int k = tc_cli_word(val, words);
	if (k < 0)
		return tc_cli_usage_error(cmd, "unknown dialect '%s' (use auto, asa or ios)", val);
	*(tc_dialect *)field = dialects[k];
	return -1;
}

bool tc_cli_number(const char *val, long lo, long hi, long *out)
{
	char *end = NULL;
	errno = 0;
	*out = strtol(val, &end, 10);
	return !errno && end && end != val && !*end && *out >= lo && *out <= hi;
}

int tc_cli_set_jobs(void *field, const char *val, const char *cmd)
{
	long n;
	if (!tc_cli_number(val, 1, 256, &n))
		return tc_cli_usage_error(
			cmd, "-j needs a number of threads from 1 to 256, not '%s'", val);
	*(unsigned *)field = (unsigned)n;
	return -1;
}

int tc_cli_set_rounds(void *field, const char *val, const char *cmd)
{
	long n;
	if (!tc_cli_number(val, 1, 1000, &n))
		return tc_cli_usage_error(
			cmd, "--max-rounds needs a number from 1 to 1000, not '%s'", val);
	*(unsigned *)field = (unsigned)n;
	return -1;
}

int tc_cli_set_size(void *field, const char *val, const char *cmd)
{
	char *end = NULL;
	errno = 0;
	unsigned long long n = strtoull(val, &end, 10);
	unsigned shift = 0;
	if (end && *end && strchr("KkMmGg", *end) && (!end[1] || strcmp(end + 1, "iB") == 0))
		shift = strchr("Kk", *end) ? 10 : strchr("Mm", *end) ? 20 : 30;
	else if (end && *end)
		end = NULL;
	/* at most 1 TiB: more than any config, and no overflow in size_t */
	if (errno || !end || end == val || val[0] == '-' || n == 0 || n > (1ULL << 40) >> shift)
		return tc_cli_usage_error(
			cmd,
			"--max-file-size needs a size from 1 byte to 1T, as 4096, 512K or 64M, not '%s'",
			val);
	*(size_t *)field = (size_t)(n << shift);
	return -1;
}

int tc_cli_set_fail(void *field, const char *val, const char *cmd)
{
	struct tc_cli_fail *f = field;
	if (f->n == TC_CLI_MAX_FAIL)
		return tc_cli_usage_error(cmd, "too many --fail options (at most 32): '%s'", val);
	f->v[f->n++] = val;
	return -1;
}

/* --failures: 'single' (each single device or link failure) is the one kind there is. */
int tc_cli_set_failures(void *field, const char *val, const char *cmd)
{
	if (strcmp(val, "single") != 0)
		return tc_cli_usage_error(cmd, "--failures takes 'single', not '%s'", val);
	*(bool *)field = true;
	return -1;
}

int tc_cli_set_assume(void *field, const char *val, const char *cmd)
{
	static const char *const words[] = {"responder-moves-active", "ikev2-accepts-backup",
					    "no-replacement", "ecmp-one-path", NULL};
	tc_predict_opts *o = field;
	int k = tc_cli_word(val, words);
	if (k < 0)
		return tc_cli_usage_error(
			cmd,
			"unknown --assume '%s' (responder-moves-active, ikev2-accepts-backup, no-replacement, ecmp-one-path)",
			val);
	bool *flag[] = {&o->responder_moves_active, &o->ikev2_accepts_backup, &o->no_replacement,
			&o->ecmp_one_path};
	*flag[k] = true;
	return -1;
}

const tc_cli_opt tc_cli_common_opts[] = {
	TC_CLI_OPT_FORMAT(NULL),
	TC_CLI_OPT_OUTPUT(NULL),
	TC_CLI_OPT_DIALECT(NULL),
	TC_CLI_OPT_VERBOSE(NULL),
	TC_CLI_OPT_QUIET(NULL),
	TC_CLI_OPT_JOBS(NULL),
	TC_CLI_OPT_EXIT_ZERO(NULL),
	TC_CLI_OPT_ROUNDS(NULL),
	TC_CLI_OPT_FAIL(NULL),
	TC_CLI_OPT_FAILURES(NULL),
	TC_CLI_OPT_ASSUME(NULL),
	TC_CLI_OPT_MAX_FILE_SIZE,
	{0},
};

int tc_cli_parse_args(const tc_cli_cmd *cmd, int argc, char **argv, struct tc_cli_args *a)
{
	const char *ops[2] = {NULL, NULL};
	size_t nops = 0;
	int rc = tc_cli_opt_parse(cmd, a, ops, &nops, argc, argv);
	if (rc >= 0)
		return rc;
	if (!nops)
		return tc_cli_usage_error(cmd->name, "%s", "missing SNAPSHOT directory");
	a->snapshot = ops[0];
	a->arg2 = ops[1];
	return -1;
}

/* "R3" or "R4:GigabitEthernet0/2" into a failed device or interface;
 * returns -1, or TC_EXIT_USAGE when the snapshot has no such thing. */
static int resolve_failure(const tc_model *m, const char *spec, const tc_device **devs,
			   size_t *ndevs, const tc_iface **ifs, size_t *nifs)
{
	char name[256];
	snprintf(name, sizeof name, "%s", spec);
	char *colon = strchr(name, ':');
	if (colon)
		*colon = '\0';
	const tc_device *d = tc_device_find(m, name);
	if (!d)
		return tc_cli_usage_error(NULL, "--fail: no device named '%s' in the snapshot",
					  name);
	if (!colon) {
		devs[(*ndevs)++] = d;
		return -1;
	}
	const tc_iface *i = tc_iface_find(d, colon + 1);
	if (!i) {
		fprintf(stderr, "tunnelcast: --fail: %s has no interface '%s'\n", d->hostname,
			colon + 1);
		return TC_EXIT_USAGE;
	}
	ifs[(*nifs)++] = i;
	return -1;
}

int tc_cli_load(const struct tc_cli_args *a, tc_model **mout)
{
	tc_model *m = tc_model_new();
	if (!m)
		tc_oom();
	tc_parse_opts po = {
		.dialect = a->dialect, .jobs = a->jobs, .max_file_size = a->max_file_size};
	char err[512] = {0};
	if (tc_snapshot_load(m, a->snapshot, &po, err, sizeof err) != 0) {
		fprintf(stderr, "tunnelcast: %s\n", err[0] ? err : "cannot load snapshot");
		tc_model_free(m);
		return TC_EXIT_INPUT;
	}
	tc_model_finalize_jobs(m, a->jobs);
	if (!a->quiet)
		tc_render_diags(stderr, m);
	*mout = m;
	return -1;
}

/* Load, finalize and predict; returns -1 on success, else an exit code. */
int tc_cli_analyse(const struct tc_cli_args *a, tc_model **mout, tc_prediction **pout)
{
	tc_model *m = NULL;
	int rc = tc_cli_load(a, &m);
	if (rc >= 0)
		return rc;
	if (m->ndevs == 0) { /* every file was skipped (binary, empty, unreadable) */
		fprintf(stderr, "tunnelcast: no usable config in %s: every file was skipped%s\n",
			a->snapshot, a->quiet ? " (run without -q to see why)" : "");
		tc_model_free(m);
		return TC_EXIT_INPUT;
	}
	tc_predict_opts opts = a->assume;
	opts.max_rounds = a->max_rounds;
	opts.jobs = a->jobs;
	const tc_device *fdev[TC_CLI_MAX_FAIL];
	const tc_iface *fif[TC_CLI_MAX_FAIL];
	opts.fail_devices = fdev;
	opts.fail_ifaces = fif;
	for (size_t k = 0; k < a->fail.n; k++) {
		rc = resolve_failure(m, a->fail.v[k], fdev, &opts.nfail_devices, fif,
				     &opts.nfail_ifaces);
		if (rc >= 0) {
			tc_model_free(m);
			return rc;
		}
	}
	/* the routing protocols reconverge around what failed (routing.h) */
	tc_routing_fail(m, fdev, opts.nfail_devices, fif, opts.nfail_ifaces);
	tc_prediction *p = NULL;
	if (tc_predict(&p, m, &opts) != 0 ||
	    (a->failures_single && tc_predict_failures(p, m, &opts) != 0)) {
		fputs("tunnelcast: prediction failed\n", stderr);
		tc_prediction_free(p);
		tc_model_free(m);
		return TC_EXIT_INPUT;
	}
	*mout = m;
	*pout = p;
	return -1;
}

const tc_cli_exit_info *tc_cli_exits(size_t *n)
{
	static const tc_cli_exit_info exits[] = {
		{TC_EXIT_OK, "every domain is stable or standby (or --exit-zero)"},
		{TC_EXIT_FINDINGS,
		 "some domain is oscillating, one-way or down; routes --compare: a prefix differs"},
		{TC_EXIT_USAGE, "usage error"},
		{TC_EXIT_INPUT, "the snapshot cannot be read or holds no config"},
		{TC_EXIT_OUTPUT, "the output could not be written"},
	};
	*n = sizeof exits / sizeof exits[0];
	return exits;
}

void tc_cli_put_exits(FILE *out)
{
	size_t n;
	const tc_cli_exit_info *v = tc_cli_exits(&n);
	fputs("Exit status:\n", out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %d  %s\n", (int)v[i].code, v[i].meaning);
}

void tc_cli_put_states(FILE *out)
{
	fputs("\nStates (EXIT: predict's exit status when a domain ends in it):\n"
	      "  STATE        EXIT  MEANING\n",
	      out);
	for (int s = 0; s < TC_STATE_COUNT; s++) {
		const tc_state_info *si = tc_state_info_get((tc_state)s);
		fprintf(out, "  %-12s %-5d %s\n", si->name, si->ok ? TC_EXIT_OK : TC_EXIT_FINDINGS,
			si->meaning);
	}
}

/* ---- output files ------------------------------------------------------------- */

/* Whether path is written in place: a device, a FIFO, /dev/stdout (a link
 * into /proc, which a rename would replace, losing the caller's redirection),
 * a dangling link. st: stat() of path, or NULL when it does not exist. */
static bool write_in_place(const char *path, const struct stat *st, bool is_link)
{
	if (strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0)
		return true;
	return st ? !S_ISREG(st->st_mode) : is_link;
}

/* A new temporary file next to o->dest, with the mode the target has (or
 * a new file would get); 0, or -1 with errno set. */
static int open_temp(tc_cli_out *o, const struct stat *st)
{
	const char *slash = strrchr(o->dest, '/');
	int dirlen = slash ? (int)(slash - o->dest + 1) : 0;
	/* a name of at most 200 bytes keeps ".NAME.XXXXXX" under NAME_MAX */
	size_t n = strlen(o->dest) + 16;
	o->tmp = tc_xmalloc(n);
	snprintf(o->tmp, n, "%.*s.%.200s.XXXXXX", dirlen, o->dest, o->dest + dirlen);
	int fd = mkstemp(o->tmp);
	if (fd < 0)
		return -1;
	mode_t mode;
	if (st) {
		mode = st->st_mode & 0777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (fchmod(fd, mode) != 0 || !(o->f = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		unlink(o->tmp); /* ours: mkstemp made it */
		errno = e;
		return -1;
	}
	return 0;
}

static void out_clear(tc_cli_out *o)
{
	free(o->dest);
	free(o->tmp);
	memset(o, 0, sizeof *o);
}

int tc_cli_out_open(tc_cli_out *out, const char *path)
{
	memset(out, 0, sizeof *out);
	out->path = path;
	if (!path) {
		out->f = stdout;
		return TC_EXIT_OK;
	}
	struct stat lst, st;
	bool is_link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
	bool exists = stat(path, &st) == 0;
	if (write_in_place(path, exists ? &st : NULL, is_link)) {
		if ((out->f = fopen(path, "w")))
			return TC_EXIT_OK;
	} else {
		out->dest = is_link && exists ? realpath(path, NULL) : tc_xstrdup(path);
		if (out->dest && open_temp(out, exists ? &st : NULL) == 0)
			return TC_EXIT_OK;
	}
	fprintf(stderr, "tunnelcast: cannot write %s: %s\n", path, strerror(errno));
	out_clear(out);
	return TC_EXIT_OUTPUT;
}

int tc_cli_out_close(tc_cli_out *o, bool ok)
{
	int err = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		err = errno ? errno : EIO;
	if (o->f != stdout && fclose(o->f) != 0 && !err)
		err = errno;
	if (ok && !err && o->tmp && rename(o->tmp, o->dest) != 0)
		err = errno;
	if (o->tmp && (!ok || err))
		unlink(o->tmp); /* ours: the target is untouched */
	int rc = TC_EXIT_OK;
	const char *what = o->path ? o->path : "standard output";
	if (err) {
		fprintf(stderr, "tunnelcast: cannot write %s: %s\n", what, strerror(err));
		rc = TC_EXIT_OUTPUT;
	} else if (!ok) {
		fprintf(stderr, "tunnelcast: error writing %s\n", what);
		rc = TC_EXIT_OUTPUT;
	}
	out_clear(o);
	return rc;
}

void tc_cli_out_discard(tc_cli_out *o)
{
	if (o->f != stdout)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp); /* ours */
	out_clear(o);
}

int tc_cli_write(const char *path, int (*write)(FILE *out, const void *arg), const void *arg)
{
	tc_cli_out o;
	int rc = tc_cli_out_open(&o, path);
	if (rc)
		return rc;
	errno = 0;
	return tc_cli_out_close(&o, write(o.f, arg) == 0);
}
