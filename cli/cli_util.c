/* cli_util.c: what the subcommands share: usage errors, option setters, load-finalize-predict. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"
#include "routing.h"
#include "parser.h"
#include "render.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>
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

/* Edit distance of a and b (insertions, deletions, substitutions and swaps of two neighbours
 * each cost 1), for names shorter than 64 bytes; longer ones are never near. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la >= 64 || lb >= 64)
		return SIZE_MAX;
	size_t d[64][64];
	for (size_t i = 0; i <= la; i++)
		for (size_t j = 0; j <= lb; j++) {
			if (!i || !j) {
				d[i][j] = i + j;
				continue;
			}
			size_t c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	return d[la][lb];
}

void tc_cli_near_try(tc_cli_near *n, const char *cand)
{
	size_t len = strlen(n->word);
	/* a typo: one edit in a short word, two in a longer one; or the start of the name */
	size_t dist = edit_distance(n->word, cand);
	size_t limit = len < 5 ? 1 : 2;
	if (len >= 3 && strncmp(cand, n->word, len) == 0)
		dist = 0;
	if (dist <= limit && (!n->best || dist < n->dist)) {
		n->best = cand;
		n->dist = dist;
	}
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

const char *const tc_cli_text_json[] = {"text", "json", NULL};
const char *const tc_cli_dialects[] = {"auto", "asa", "ios", NULL};
const char *const tc_cli_assumptions[] = {"responder-moves-active", "ikev2-accepts-backup",
					  "no-replacement", "ecmp-one-path", NULL};
/* 'single' (each single device or link failure) is the one kind there is */
const char *const tc_cli_failure_kinds[] = {"single", NULL};
const char *const tc_cli_colors[] = {"auto", "always", "never", NULL};
const char *const tc_cli_fail_on[] = {"error", "warning", "note", "never", NULL};
const char *const tc_cli_severities[] = {"error", "warning", "note", "off", NULL};

int tc_cli_severity_of(const char *word)
{
	/* error, warning, note at the same places in both lists; never and off after them */
	static const int sev[] = {TC_SEV_ERROR, TC_SEV_WARNING, TC_SEV_NOTE};
	int k = tc_cli_word(word, tc_cli_severities);
	if (k == 3)
		return -1;
	if (k < 0 && (k = tc_cli_word(word, tc_cli_fail_on)) == 3)
		return TC_SEV_ERROR + 1;
	return k < 0 ? -2 : sev[k];
}

/* The setters below get a value the option table's choices have let through. */
int tc_cli_set_dialect(void *field, const char *val, const char *cmd)
{
	static const tc_dialect dialects[] = {TC_DIALECT_UNKNOWN, TC_DIALECT_ASA, TC_DIALECT_IOS};
	(void)cmd;
	*(tc_dialect *)field = dialects[tc_cli_word(val, tc_cli_dialects)];
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

bool tc_cli_number_or_all(const char *val, long lo, long hi, long *out)
{
	if (strcmp(val, "all") != 0)
		return tc_cli_number(val, lo, hi, out);
	*out = -1;
	return true;
}

int tc_cli_set_max_diags(void *field, const char *val, const char *cmd)
{
	long n;
	if (!tc_cli_number_or_all(val, 1, 1000000000, &n))
		return tc_cli_usage_error(
			cmd,
			"--max-diagnostics needs a number from 1 to 1000000000 or all, not '%s'",
			val);
	*(long *)field = n;
	return -1;
}

void tc_cli_set_diag_cap(tc_model *m, const struct tc_cli_args *a)
{
	if (a->max_diags)
		m->max_diags = a->max_diags < 0 ? 0 : (unsigned)a->max_diags;
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

int tc_cli_set_failures(void *field, const char *val, const char *cmd)
{
	(void)val;
	(void)cmd;
	*(bool *)field = true;
	return -1;
}

int tc_cli_set_assume(void *field, const char *val, const char *cmd)
{
	tc_predict_opts *o = field;
	bool *flag[] = {&o->responder_moves_active, &o->ikev2_accepts_backup, &o->no_replacement,
			&o->ecmp_one_path};
	(void)cmd;
	*flag[tc_cli_word(val, tc_cli_assumptions)] = true;
	return -1;
}

const tc_cli_opt tc_cli_common_opts[] = {
	TC_CLI_OPT_FORMAT(NULL, NULL), TC_CLI_OPT_OUTPUT(NULL),
	TC_CLI_OPT_DIALECT(NULL),      TC_CLI_OPT_VERBOSE(NULL),
	TC_CLI_OPT_QUIET(NULL),	       TC_CLI_OPT_JOBS(NULL),
	TC_CLI_OPT_EXIT_ZERO(NULL),    TC_CLI_OPT_ROUNDS(NULL),
	TC_CLI_OPT_FAIL(NULL),	       TC_CLI_OPT_FAILURES(NULL),
	TC_CLI_OPT_ASSUME(NULL),       TC_CLI_OPT_MAX_DIAGS(NULL),
	TC_CLI_OPT_MAX_FILE_SIZE,      {0},
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

/* The device named name: exactly, else the one whose hostname matches ignoring case. */
static const tc_device *fail_device(const tc_model *m, const char *name)
{
	const tc_device *d = tc_device_find(m, name), *found = NULL;
	if (d)
		return d;
	for (size_t k = 0; k < m->ndevs; k++)
		if (strcasecmp(m->devs[k]->hostname, name) == 0) {
			if (found)
				return NULL; /* r1 and R1 both: say neither */
			found = m->devs[k];
		}
	return found;
}

/* "tunnelcast: --fail: R2 has no interface 'Gi0/9'; its interfaces: ..." (the first 24). */
static int no_such_iface(const tc_device *d, const char *name, bool ambiguous)
{
	fprintf(stderr, "tunnelcast: --fail: %s has %s '%s'; its interfaces:", d->hostname,
		ambiguous ? "more than one interface named" : "no interface", name);
	unsigned n = 0;
	for (const tc_iface *i = d->ifaces; i; i = i->next, n++)
		if (n < 24)
			fprintf(stderr, "%s %s", n ? "," : "", i->name);
	if (n > 24)
		fprintf(stderr, " and %u more", n - 24);
	fputs(n ? "\n" : " none\n", stderr);
	return TC_EXIT_USAGE;
}

/* "R3" or "r4:gi0/2" into a failed device or interface: the hostname ignoring case, the
 * interface as IOS reads it (tc_iface_abbrev); returns -1, or TC_EXIT_USAGE when the snapshot
 * has no such thing. */
static int resolve_failure(const tc_model *m, const char *spec, const tc_device **devs,
			   size_t *ndevs, const tc_iface **ifs, size_t *nifs)
{
	char name[256];
	snprintf(name, sizeof name, "%s", spec);
	char *colon = strchr(name, ':');
	if (colon)
		*colon = '\0';
	const tc_device *d = fail_device(m, name);
	if (!d)
		return tc_cli_usage_error(NULL, "--fail: no device named '%s' in the snapshot",
					  name);
	if (!colon) {
		devs[(*ndevs)++] = d;
		return -1;
	}
	bool ambiguous;
	const tc_iface *i = tc_iface_abbrev(d, colon + 1, &ambiguous);
	if (!i)
		return no_such_iface(d, colon + 1, ambiguous);
	ifs[(*nifs)++] = i;
	return -1;
}

/* path ("-": standard input, named <stdin> in *name) read whole into *buf (free() it) and
 * *len; -1, or TC_EXIT_INPUT after a message saying why not. */
static int read_input(char **buf, size_t *len, const char **name, const char *path, size_t max)
{
	tc_text_refusal why;
	bool in = strcmp(path, "-") == 0;
	*name = in ? "<stdin>" : path;
	int r = in ? tc_text_read_stream(buf, len, stdin, max, &why)
		   : tc_text_read(buf, len, path, max, &why);
	if (r == 0)
		return -1;
	static const char *const refusal[] = {
		[TC_TEXT_BINARY] = "it holds NUL bytes",
		[TC_TEXT_TOO_LARGE] = "larger than --max-file-size",
		[TC_TEXT_BAD_UTF16] = "UTF-16 that does not convert to UTF-8",
	};
	fprintf(stderr, "tunnelcast: cannot read %s: %s\n", *name,
		r == TC_EPARSE ? refusal[why] : strerror(errno));
	return TC_EXIT_INPUT;
}

/* `-`: one config read from standard input into m, a one-device snapshot named <stdin>. 0,
 * or TC_EXIT_INPUT after a message. */
static int load_stdin(tc_model *m, const struct tc_cli_args *a, const tc_parse_opts *po)
{
	size_t len = 0;
	char *buf = NULL;
	const char *name;
	int r = read_input(&buf, &len, &name, "-", a->max_file_size);
	if (r >= 0)
		return r;
	if (len == 0) {
		free(buf);
		fputs("tunnelcast: standard input is empty: no config to read\n", stderr);
		return TC_EXIT_INPUT;
	}
	r = tc_parse_config(NULL, m, name, buf, len, po);
	free(buf);
	if (r == TC_ENOMEM)
		tc_oom();
	if (r != 0) { /* the patterns did not compile: our bug */
		fprintf(stderr, "tunnelcast: cannot parse %s\n", name);
		return TC_EXIT_INPUT;
	}
	return 0;
}

int tc_cli_load(const struct tc_cli_args *a, tc_model **mout)
{
	tc_model *m = tc_model_new();
	if (!m)
		tc_oom();
	tc_cli_set_diag_cap(m, a);
	tc_cli_progress pr;
	tc_cli_progress_start(&pr, a->quiet, "parsing", "files");
	tc_parse_opts po = {.dialect = a->dialect,
			    .jobs = a->jobs,
			    .max_file_size = a->max_file_size,
			    .progress = tc_cli_progress_cb,
			    .progress_ctx = &pr};
	char err[512] = {0};
	if (strcmp(a->snapshot, "-") == 0) {
		int rc = load_stdin(m, a, &po);
		if (rc) {
			tc_model_free(m);
			return rc;
		}
	} else if (tc_snapshot_load(m, a->snapshot, &po, err, sizeof err) != 0) {
		tc_cli_progress_end(&pr);
		fprintf(stderr, "tunnelcast: %s\n", err[0] ? err : "cannot load snapshot");
		tc_model_free(m);
		return TC_EXIT_INPUT;
	}
	tc_model_finalize_jobs(m, a->jobs);
	tc_cli_progress_end(&pr);
	if (!a->quiet)
		tc_render_diags(stderr, m);
	fflush(stderr);
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
	tc_cli_progress pr;
	tc_cli_progress_start(&pr, a->quiet, "predicting", "domains");
	opts.progress = tc_cli_progress_cb;
	opts.progress_ctx = &pr;
	rc = tc_predict(&p, m, &opts);
	opts.progress = NULL; /* single failures: each one predicts every domain again */
	if (!rc && a->failures_single)
		rc = tc_predict_failures(p, m, &opts);
	tc_cli_progress_end(&pr);
	if (rc != 0) {
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
	/* a meaning's lines are one row: joined by "; " in README.md and the man page */
	static const tc_cli_exit_info exits[] = {
		{TC_EXIT_OK,
		 "success: none of the below (predict: every domain is stable or standby)"},
		{TC_EXIT_FINDINGS,
		 "predict: a domain is oscillating, one-way or down (unless --exit-zero)\n"
		 "lint: a finding at or above --fail-on\n"
		 "diff: a domain changed owner or state, disappeared, or a new error finding\n"
		 "routes --compare: a prefix differs\n"
		 "drift: a captured domain does not match (unless --exit-zero)\n"
		 "explain, diagram, report, parse and routes (without --compare) never return 1"},
		{TC_EXIT_USAGE,
		 "usage error (an unknown option, a bad value, a broken ignore file)"},
		{TC_EXIT_INPUT, "a snapshot or capture cannot be read or holds no config"},
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
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "  %d", (int)v[i].code);
		for (const char *m = v[i].meaning; *m;) {
			size_t len = strcspn(m, "\n");
			fprintf(out, "%s%.*s\n", m == v[i].meaning ? "  " : "     ", (int)len, m);
			m += len + (m[len] == '\n');
		}
	}
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

int tc_cli_capture(tc_model **mout, tc_device **dout, const char *path, const struct tc_cli_args *a,
		   int (*parse)(tc_model *m, tc_device *d, const char *file, const char *buf,
				size_t len))
{
	size_t len = 0;
	char *buf = NULL;
	int r = read_input(&buf, &len, &path, path, a->max_file_size);
	if (r >= 0)
		return r;
	tc_model *m = tc_model_new();
	tc_device *d = m ? tc_device_add(m, path, TC_DIALECT_UNKNOWN) : NULL;
	if (!d)
		tc_oom();
	tc_cli_set_diag_cap(m, a);
	int rc = parse(m, d, path, buf, len);
	if (rc == TC_ENOMEM)
		tc_oom();
	free(buf);
	if (rc != 0) { /* the patterns did not compile: our bug */
		fprintf(stderr, "tunnelcast: cannot parse %s\n", path);
		tc_model_free(m);
		return TC_EXIT_INPUT;
	}
	tc_model_diag_finish(m);
	if (!a->quiet)
		tc_render_diags(stderr, m);
	fflush(stderr);
	*mout = m;
	*dout = d;
	return -1;
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
	if (path && strcmp(path, "-") == 0) /* -o -: standard output, as every tool reads it */
		path = NULL;
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
