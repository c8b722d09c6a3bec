/* progress.c: the progress line on standard error (`parsing 3/12 files`), for terminals only.
 *
 * A long run on a terminal says how far it is; a pipe, a file or a CI log never gets the line
 * (isatty), nor does --quiet. It appears once the run has passed a second (TC_PROGRESS_AFTER_MS
 * sets another threshold, for tests), is rewritten in place with \r at most every 100 ms, and
 * is erased (blanks, then \r) before anything else is written to standard error. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "cli.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* Milliseconds since the first call: the run's start, as the first phase starts at once. */
static long elapsed_ms(void)
{
	static struct timespec t0;
	static bool started;
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	if (!started) {
		t0 = t;
		started = true;
	}
	return (long)(t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
}

/* The threshold: one second, or TC_PROGRESS_AFTER_MS's (tests). */
static long after_ms(void)
{
	const char *env = getenv("TC_PROGRESS_AFTER_MS");
	long ms;
	return env && tc_cli_number(env, 0, 86400000, &ms) ? ms : 1000;
}

void tc_cli_progress_start(tc_cli_progress *pr, bool quiet, const char *what, const char *unit)
{
	*pr = (tc_cli_progress){.what = what, .unit = unit, .last_ms = -1};
	pr->on = !quiet && isatty(fileno(stderr)) == 1;
	pr->after_ms = after_ms();
	(void)elapsed_ms(); /* the clock starts with the first phase */
}

/* v with its thousands set apart by spaces, as the issue writes them: "41 200". */
static void spaced(char *buf, size_t n, size_t v)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%zu", v);
	size_t o = 0;
	for (int i = 0; i < len && o + 2 < n; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ' ';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

void tc_cli_progress_cb(void *ctx, size_t done, size_t total)
{
	tc_cli_progress *pr = ctx;
	if (!pr->on)
		return;
	long now = elapsed_ms();
	if (now < pr->after_ms || (pr->last_ms >= 0 && now - pr->last_ms < 100))
		return;
	pr->last_ms = now;
	char d[32], t[32];
	spaced(d, sizeof d, done);
	spaced(t, sizeof t, total);
	int w = fprintf(stderr, "\r%s %s/%s %s", pr->what, d, t, pr->unit) - 1;
	if (w < pr->width) /* a shorter line: blank out the rest of the old one */
		fprintf(stderr, "%*s", pr->width - w, "");
	else
		pr->width = w;
	fflush(stderr);
}

void tc_cli_progress_end(tc_cli_progress *pr)
{
	if (!pr->width)
		return;
	fprintf(stderr, "\r%*s\r", pr->width, "");
	fflush(stderr);
	pr->width = 0;
}
