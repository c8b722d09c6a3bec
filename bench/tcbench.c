/* tcbench.c: timing driver for tunnelcast's benchmarks (bench/run); measures, never asserts.
 *
 *   tcbench parse [-n RUNS] [-d ios|asa] FILE     tc_parse_config() on one config held in memory
 *   tcbench routes [-n RUNS] FILE                 tc_parse_routes() on one capture held in memory
 *   tcbench predict [-n RUNS] [-j N] [-p N] SNAPSHOT
 *                                                 load (on -j threads), finalize and predict (on
 *                                                 -p threads where tc_predict has them)
 *   tcbench json [-n RUNS] [-j N] SNAPSHOT        tc_render_json() of one prediction to
 *                                                 /dev/null on N threads; its bytes, and whether
 *                                                 they are those of one thread
 *   tcbench lint [-n RUNS] SNAPSHOT               load, finalize and predict, then tc_lint()
 *                                                 timed apart: what the rules cost on top
 *   tcbench time [-n RUNS] -- COMMAND [ARGS...]   wall time, CPU time and peak RSS of a command
 *
 * Each prints `key=value` pairs on one line (median over the runs, seconds),
 * which bench/run turns into the report. Input is read before the clock
 * starts: parse and routes time the parser alone, from memory.
 */
#include "kit.h"
#include "model.h"
#include "predict.h"
#include "parser.h"
#include "render.h"

/* Under callgrind --instr-atstart=no, only tc_lint is instrumented: the
 * prediction before it runs at valgrind's uninstrumented speed (about 4x, not
 * 50x), so big hubs can be counted. Without the header these are no-ops. */
#if defined(__has_include) && __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU seconds of the whole process (all threads): robust to a busy machine. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, unsigned n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static long peak_rss_kb(int who)
{
	struct rusage ru = {0};
	getrusage(who, &ru);
	return ru.ru_maxrss;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "tcbench: cannot read %s: %s\n", path, strerror(errno));
		exit(1);
	}
	size_t cap = 1 << 20, n = 0;
	char *buf = tc_xmalloc(cap);
	for (;;) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		cap *= 2;
		buf = tc_xrealloc(buf, cap);
	}
	fclose(f);
	*len = n;
	return buf;
}

static unsigned long count_lines(const char *buf, size_t len)
{
	unsigned long n = 0;
	for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + len - p))); p++)
		n++;
	return n;
}

static int cmd_parse(unsigned runs, tc_dialect dialect, const char *path)
{
	size_t len;
	char *buf = slurp(path, &len);
	unsigned long lines = count_lines(buf, len);
	double *t = tc_xcalloc(runs, sizeof *t), *c = tc_xcalloc(runs, sizeof *c);
	unsigned unknown = 0;
	size_t ndiag = 0;
	tc_parse_opts opts = {.dialect = dialect};
	for (unsigned r = 0; r < runs; r++) {
		tc_model *m = tc_model_new();
		double t0 = now(), c0 = cpu_now();
		if (tc_parse_config(NULL, m, path, buf, len, &opts) != 0) {
			fputs("tcbench: tc_parse_config failed\n", stderr);
			return 1;
		}
		t[r] = now() - t0;
		c[r] = cpu_now() - c0;
		unknown = m->unknown_lines;
		ndiag = m->ndiags[0] + m->ndiags[1] + m->ndiags[2];
		tc_model_free(m);
	}
	double med = median(t, runs), cmed = median(c, runs);
	printf("bytes=%zu lines=%lu runs=%u median_s=%.6f min_s=%.6f median_cpu_s=%.6f mb_per_s=%.1f lines_per_s=%.0f unknown=%u diags=%zu peak_rss_kb=%ld\n",
	       len, lines, runs, med, t[0], cmed, (double)len / 1e6 / med, (double)lines / med,
	       unknown, ndiag, peak_rss_kb(RUSAGE_SELF));
	free(t);
	free(c);
	free(buf);
	return 0;
}

static int cmd_routes(unsigned runs, const char *path)
{
	size_t len;
	char *buf = slurp(path, &len);
	unsigned long lines = count_lines(buf, len);
	double *t = tc_xcalloc(runs, sizeof *t), *c = tc_xcalloc(runs, sizeof *c);
	unsigned long nroutes = 0, nprefixes = 0;
	unsigned unknown = 0;
	for (unsigned r = 0; r < runs; r++) {
		tc_model *m = tc_model_new();
		tc_device *d = tc_device_add(m, "bench", TC_DIALECT_IOS);
		double t0 = now(), c0 = cpu_now();
		if (tc_parse_routes(m, d, path, buf, len) != 0) {
			fputs("tcbench: tc_parse_routes failed\n", stderr);
			return 1;
		}
		t[r] = now() - t0;
		c[r] = cpu_now() - c0;
		nroutes = nprefixes = 0;
		const tc_route *prev = NULL;
		for (const tc_route *x = d->captured; x; x = tc_route_next(x)) {
			nroutes++;
			if (!prev || tc_prefix_cmp(prev->dst, x->dst) != 0)
				nprefixes++;
			prev = x;
		}
		for (const tc_route *x = d->held; x; x = tc_route_next(x))
			nroutes++, nprefixes++;
		unknown = m->unknown_lines;
		tc_model_free(m);
	}
	double med = median(t, runs), cmed = median(c, runs);
	printf("bytes=%zu lines=%lu routes=%lu prefixes=%lu runs=%u median_s=%.6f min_s=%.6f median_cpu_s=%.6f routes_per_s=%.0f prefixes_per_s=%.0f mb_per_s=%.1f unknown=%u peak_rss_kb=%ld\n",
	       len, lines, nroutes, nprefixes, runs, med, t[0], cmed, (double)nroutes / med,
	       (double)nprefixes / med, (double)len / 1e6 / med, unknown, peak_rss_kb(RUSAGE_SELF));
	free(t);
	free(c);
	free(buf);
	return 0;
}

/* Bytes of the regular files under path (configs/ and routes/). */
static unsigned long long tree_bytes(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return 0;
	if (!S_ISDIR(sb.st_mode))
		return S_ISREG(sb.st_mode) ? (unsigned long long)sb.st_size : 0;
	DIR *dir = opendir(path);
	if (!dir)
		return 0;
	unsigned long long n = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		char sub[4096];
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		n += tree_bytes(sub);
	}
	closedir(dir);
	return n;
}

/* Threads for tc_predict() (tc_predict_opts.jobs); whether the predictor
 * runs on them: model.h defines TC_PREDICT_OPTS_JOBS when it does. */
static bool predict_jobs(tc_predict_opts *o, unsigned jobs)
{
	o->jobs = jobs;
#ifdef TC_PREDICT_OPTS_JOBS
	return true;
#else
	return false;
#endif
}

static int cmd_predict(unsigned runs, unsigned jobs, unsigned pjobs, const char *path)
{
	tc_parse_opts opts = {.jobs = jobs};
	double *tl = tc_xcalloc(runs, sizeof *tl), *tf = tc_xcalloc(runs, sizeof *tf),
	       *tp = tc_xcalloc(runs, sizeof *tp);
	double *cp = tc_xcalloc(runs, sizeof *cp), *cl = tc_xcalloc(runs, sizeof *cl),
	       *cf = tc_xcalloc(runs, sizeof *cf);
	size_t ndom = 0, ndev = 0, nst[TC_STATE_COUNT] = {0};
	unsigned unknown = 0;
	long rss_load = 0, rss_final = 0; /* peak RSS after loading, after finalizing (first run) */
	for (unsigned r = 0; r < runs; r++) {
		tc_model *m = tc_model_new();
		char err[512] = {0};
		double t0 = now(), c0 = cpu_now();
		if (tc_snapshot_load(m, path, &opts, err, sizeof err) != 0) {
			fprintf(stderr, "tcbench: %s\n", err);
			return 1;
		}
		double t1 = now(), c1 = cpu_now();
		if (r == 0)
			rss_load = peak_rss_kb(RUSAGE_SELF);
		tc_model_finalize(m);
		if (r == 0)
			rss_final = peak_rss_kb(RUSAGE_SELF);
		double t2 = now(), c2 = cpu_now();
		cl[r] = c1 - c0;
		cf[r] = c2 - c1;
		tc_prediction *p = NULL;
		tc_predict_opts popts = {0};
		predict_jobs(&popts, pjobs);
		if (tc_predict(&p, m, &popts) != 0) {
			fputs("tcbench: tc_predict failed\n", stderr);
			return 1;
		}
		double t3 = now();
		cp[r] = cpu_now() - c2;
		tl[r] = t1 - t0;
		tf[r] = t2 - t1;
		tp[r] = t3 - t2;
		ndom = p->ndomains;
		ndev = m->ndevs;
		memcpy(nst, p->nstate, sizeof nst);
		unknown = m->unknown_lines;
		tc_prediction_free(p);
		tc_model_free(m);
	}
	unsigned long long bytes = tree_bytes(path);
	long rss = peak_rss_kb(RUSAGE_SELF);
	double ml = median(tl, runs), mf = median(tf, runs), mp = median(tp, runs),
	       mc = median(cp, runs);
	double mcl = median(cl, runs), mcf = median(cf, runs);
	tc_predict_opts probe = {0};
	printf("jobs=%u predict_jobs=%u predict_jobs_supported=%d devices=%zu domains=%zu stable=%zu standby=%zu oscillating=%zu one_way=%zu down=%zu unknown=%u runs=%u load_s=%.6f load_cpu_s=%.6f finalize_s=%.6f finalize_cpu_s=%.6f predict_s=%.6f predict_cpu_s=%.6f total_s=%.6f predict_s_per_1k_domains=%.6f snapshot_bytes=%llu rss_loaded_kb=%ld rss_finalized_kb=%ld peak_rss_kb=%ld rss_per_input_byte=%.2f\n",
	       jobs, pjobs, predict_jobs(&probe, pjobs), ndev, ndom, nst[TC_STATE_STABLE],
	       nst[TC_STATE_STANDBY], nst[TC_STATE_OSCILLATING], nst[TC_STATE_ONE_WAY],
	       nst[TC_STATE_DOWN], unknown, runs, ml, mcl, mf, mcf, mp, mc, ml + mf + mp,
	       ndom ? mp / ((double)ndom / 1000) : 0, bytes, rss_load, rss_final, rss,
	       bytes ? (double)rss * 1024 / (double)bytes : 0);
	free(tl);
	free(tf);
	free(tp);
	free(cp);
	free(cl);
	free(cf);
	return 0;
}

/* f's bytes from its start, or -1: the two files of cmd_json are compared and counted. */
static long long file_bytes(FILE *f)
{
	return fflush(f) == 0 && fseeko(f, 0, SEEK_END) == 0 ? (long long)ftello(f) : -1;
}

/* Do a and b hold the same bytes? */
static bool same_bytes(FILE *a, FILE *b)
{
	char x[1 << 16], y[1 << 16];
	rewind(a);
	rewind(b);
	for (;;) {
		size_t n = fread(x, 1, sizeof x, a), k = fread(y, 1, sizeof y, b);
		if (n != k || memcmp(x, y, n) != 0)
			return false;
		if (n < sizeof x)
			return true;
	}
}

/* The JSON writer alone: the snapshot is predicted once (not timed), then written runs times
 * to /dev/null with jobs threads; first once with one thread and once with jobs into temporary
 * files, which must be the same bytes. */
static int cmd_json(unsigned runs, unsigned jobs, const char *path)
{
	tc_model *m = tc_model_new();
	tc_prediction *p = NULL;
	char err[512] = {0};
	if (tc_snapshot_load(m, path, &(tc_parse_opts){0}, err, sizeof err) != 0) {
		fprintf(stderr, "tcbench: %s\n", err);
		return 1;
	}
	tc_model_finalize(m);
	if (tc_predict(&p, m, &(tc_predict_opts){0}) != 0) {
		fputs("tcbench: tc_predict failed\n", stderr);
		return 1;
	}
	size_t events = 0;
	for (size_t i = 0; i < p->ndomains; i++)
		events += p->domains[i].traces[0].nevents + p->domains[i].traces[1].nevents;
	long rss_predicted = peak_rss_kb(RUSAGE_SELF);
	FILE *one = tmpfile(), *many = tmpfile(), *nul = fopen("/dev/null", "w");
	if (!one || !many || !nul) {
		perror("tcbench: json");
		return 1;
	}
	tc_render_json(one, m, p, &(tc_render_opts){.jobs = 1});
	tc_render_json(many, m, p, &(tc_render_opts){.jobs = jobs});
	long long bytes = file_bytes(one);
	bool same = bytes == file_bytes(many) && same_bytes(one, many);
	fclose(one);
	fclose(many);
	double *t = tc_xcalloc(runs, sizeof *t), *c = tc_xcalloc(runs, sizeof *c);
	for (unsigned r = 0; r < runs; r++) {
		double t0 = now(), c0 = cpu_now();
		tc_render_json(nul, m, p, &(tc_render_opts){.jobs = jobs});
		fflush(nul);
		t[r] = now() - t0;
		c[r] = cpu_now() - c0;
	}
	double mt = median(t, runs), mc = median(c, runs);
	printf("jobs=%u runs=%u domains=%zu events=%zu bytes=%lld bytes_per_domain=%.0f "
	       "bytes_per_event=%.1f median_s=%.6f median_cpu_s=%.6f mb_per_s=%.1f mb_per_cpu_s=%.1f "
	       "same_as_one_thread=%d rss_predicted_kb=%ld peak_rss_kb=%ld\n",
	       jobs, runs, p->ndomains, events, bytes,
	       p->ndomains ? (double)bytes / (double)p->ndomains : 0,
	       events ? (double)bytes / (double)events : 0, mt, mc,
	       mt > 0 ? (double)bytes / 1048576 / mt : 0, mc > 0 ? (double)bytes / 1048576 / mc : 0,
	       same, rss_predicted, peak_rss_kb(RUSAGE_SELF));
	fclose(nul);
	free(t);
	free(c);
	tc_prediction_free(p);
	tc_model_free(m);
	return 0;
}

/* tc_lint() alone, `runs` times on one predicted snapshot (it reads the model and the
 * prediction and changes neither): its time and CPU time (medians), the prediction's once,
 * the findings, and the peak RSS before and after the first lint. */
static int cmd_lint(unsigned runs, const char *path)
{
	double *tl = tc_xcalloc(runs, sizeof *tl), *cl = tc_xcalloc(runs, sizeof *cl);
	tc_model *m = tc_model_new();
	char err[512] = {0};
	tc_parse_opts opts = {0};
	if (tc_snapshot_load(m, path, &opts, err, sizeof err) != 0) {
		fprintf(stderr, "tcbench: %s\n", err);
		return 1;
	}
	tc_model_finalize(m);
	tc_prediction *p = NULL;
	double t0 = now(), c0 = cpu_now();
	if (tc_predict(&p, m, NULL) != 0) {
		fputs("tcbench: tc_predict failed\n", stderr);
		return 1;
	}
	double tp = now() - t0, cp = cpu_now() - c0;
	long rss_pred = peak_rss_kb(RUSAGE_SELF), rss_lint = 0;
	size_t nfind = 0;
	for (unsigned r = 0; r < runs; r++) {
		tc_findings *f = NULL;
		double t1 = now(), c1 = cpu_now();
		CALLGRIND_START_INSTRUMENTATION;
		int rc = tc_lint(&f, m, p, NULL);
		CALLGRIND_STOP_INSTRUMENTATION;
		if (rc != 0) {
			fputs("tcbench: tc_lint failed\n", stderr);
			return 1;
		}
		tl[r] = now() - t1;
		cl[r] = cpu_now() - c1;
		if (r == 0)
			rss_lint = peak_rss_kb(RUSAGE_SELF);
		nfind = f->n;
		tc_findings_free(f);
	}
	unsigned long long bytes = tree_bytes(path);
	double ml = median(tl, runs);
	size_t ndom = p->ndomains;
	printf("domains=%zu findings=%zu runs=%u predict_s=%.6f predict_cpu_s=%.6f lint_s=%.6f lint_cpu_s=%.6f lint_s_per_1k_domains=%.6f snapshot_bytes=%llu rss_predicted_kb=%ld rss_linted_kb=%ld\n",
	       ndom, nfind, runs, tp, cp, ml, median(cl, runs),
	       ndom ? ml / ((double)ndom / 1000) : 0, bytes, rss_pred, rss_lint);
	tc_prediction_free(p);
	tc_model_free(m);
	free(tl);
	free(cl);
	return 0;
}

/* User + system CPU seconds of the waited-for children so far. */
static double children_cpu(void)
{
	struct rusage ru = {0};
	getrusage(RUSAGE_CHILDREN, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

/* Run argv `runs` times with stdout to /dev/null; wall time, CPU time and
 * peak RSS of the children (the largest run). */
static int cmd_time(unsigned runs, char **argv)
{
	double *t = tc_xcalloc(runs, sizeof *t), *c = tc_xcalloc(runs, sizeof *c);
	long rss = 0;
	int status = 0;
	for (unsigned r = 0; r < runs; r++) {
		double t0 = now(), c0 = children_cpu();
		pid_t pid = fork();
		if (pid < 0) {
			perror("tcbench: fork");
			return 1;
		}
		if (pid == 0) {
			FILE *nul = freopen("/dev/null", "w", stdout);
			(void)nul;
			execvp(argv[0], argv);
			fprintf(stderr, "tcbench: cannot run %s: %s\n", argv[0], strerror(errno));
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0) {
			perror("tcbench: waitpid");
			return 1;
		}
		t[r] = now() - t0;
		c[r] = children_cpu() - c0;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			return 1;
	}
	rss = peak_rss_kb(RUSAGE_CHILDREN); /* the largest child */
	double med = median(t, runs), cmed = median(c, runs);
	printf("runs=%u median_s=%.6f min_s=%.6f max_s=%.6f median_cpu_s=%.6f peak_rss_kb=%ld exit=%d\n",
	       runs, med, t[0], t[runs - 1], cmed, rss,
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	free(t);
	free(c);
	return 0;
}

static const char usage[] = "usage: tcbench parse [-n RUNS] [-d ios|asa] FILE\n"
			    "       tcbench routes [-n RUNS] FILE\n"
			    "       tcbench predict [-n RUNS] [-j THREADS] [-p THREADS] SNAPSHOT\n"
			    "       tcbench json [-n RUNS] [-j THREADS] SNAPSHOT\n"
			    "       tcbench lint [-n RUNS] SNAPSHOT\n"
			    "       tcbench time [-n RUNS] -- COMMAND [ARGS...]\n";

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	unsigned runs = 5, jobs = 1, pjobs = 1;
	tc_dialect dialect = TC_DIALECT_UNKNOWN;
	int i = 2;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (i + 1 >= argc) {
			fputs(usage, stderr);
			return 2;
		}
		if (strcmp(argv[i], "-n") == 0) {
			runs = (unsigned)strtoul(argv[++i], NULL, 10);
			if (runs < 1)
				runs = 1;
		} else if (strcmp(argv[i], "-j") == 0) {
			jobs = (unsigned)strtoul(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "-p") == 0) {
			pjobs = (unsigned)strtoul(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "-d") == 0) {
			const char *d = argv[++i];
			dialect = strcmp(d, "asa") == 0 ? TC_DIALECT_ASA : TC_DIALECT_IOS;
		} else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (i >= argc) {
		fputs(usage, stderr);
		return 2;
	}
	if (strcmp(cmd, "parse") == 0)
		return cmd_parse(runs, dialect, argv[i]);
	if (strcmp(cmd, "routes") == 0)
		return cmd_routes(runs, argv[i]);
	if (strcmp(cmd, "predict") == 0)
		return cmd_predict(runs, jobs, pjobs, argv[i]);
	if (strcmp(cmd, "json") == 0)
		return cmd_json(runs, jobs, argv[i]);
	if (strcmp(cmd, "lint") == 0)
		return cmd_lint(runs, argv[i]);
	if (strcmp(cmd, "time") == 0)
		return cmd_time(runs, argv + i);
	fputs(usage, stderr);
	return 2;
}
