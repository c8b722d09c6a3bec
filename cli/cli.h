/* cli.h: what the subcommands of the tunnelcast command line share. */
#ifndef TC_CLI_H
#define TC_CLI_H

#include "predict.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit codes, stable for CI use (documented in --help and the man page). */
enum tc_exit {
	EXIT_OK = 0,       /* every domain stable */
	EXIT_FINDINGS = 1, /* some domain oscillating, one-way or down */
	EXIT_USAGE = 2,    /* bad command line */
	EXIT_INPUT = 3,    /* snapshot missing or without any config */
	EXIT_OUTPUT = 4,   /* output could not be written */
};

#define TC_CLI_MAX_FAIL 32

struct tc_cli_args {
	const char *snapshot;
	const char *format;
	const char *output;
	tc_dialect dialect;
	bool verbose, quiet, exit_zero;
	unsigned max_rounds;
	unsigned jobs;             /* -j N: threads reading the snapshot; 0: one */
	const char *fail[TC_CLI_MAX_FAIL]; /* --fail DEVICE or DEVICE:INTERFACE */
	size_t nfail;
	bool failures_single;      /* --failures single */
	tc_predict_opts assume;    /* --assume switches (rule readings) */
	bool want_arg2;            /* the command takes a second operand (explain DOMAIN) */
	bool want_pictures;        /* the command takes --pictures (report) */
	long pictures;             /* --pictures N, -1 for all; the command sets the default */
	const char *arg2;
};

/* Print "tunnelcast: <fmt>" and a hint to stderr; returns EXIT_USAGE. */
int tc_cli_usage_error(const char *cmd, const char *fmt, const char *arg);
/* "-j N": threads from 1 to 256 into *out; -1, else EXIT_USAGE after a message. */
int tc_cli_jobs(const char *cmd, const char *val, unsigned *out);
/* Parse the options shared by the subcommands into a; prints help when asked.
 * Returns -1 to go on, else the exit code to return. */
int tc_cli_parse_args(const char *cmd, int argc, char **argv, struct tc_cli_args *a, const char *help);
/* Load, finalize and predict a's snapshot, printing diagnostics unless quiet.
 * Returns -1 with *mout and *pout set (caller frees both), else an exit code. */
int tc_cli_analyse(const struct tc_cli_args *a, tc_model **mout, tc_prediction **pout);

int tc_cmd_predict(int argc, char **argv);
int tc_cmd_diagram(int argc, char **argv);
int tc_cmd_report(int argc, char **argv);
int tc_cmd_explain(int argc, char **argv);
extern const char tc_usage_explain[];
extern const char tc_usage_predict[];
extern const char tc_usage_diagram[];
extern const char tc_usage_report[];
int tc_cmd_parse(int argc, char **argv);   /* cmd_parse.c: what the parser read */
int tc_cmd_routes(int argc, char **argv);  /* cmd_routes.c: one routing-table capture */
extern const char tc_usage_parse[];
extern const char tc_usage_routes[];
/* Call write(out, arg) on path (standard output when NULL), then flush and
 * close; EXIT_OK, or EXIT_OUTPUT after a message on stderr (cmd_parse.c). */
int tc_cli_write(const char *path, int (*write)(FILE *out, const void *arg), const void *arg);

/* ---- lint and diff (cmd_lint.c, cmd_diff.c) ---------------------------------- */

#define TC_CLI_MAX_DISABLE 64

/* Options lint and diff share. */
struct tc_cli_lint_args {
	const char *disable[TC_CLI_MAX_DISABLE]; /* rule ids (validated) */
	size_t ndisable;
	const char *ignore_file;  /* --ignore FILE, else SNAPSHOT/.tunnelcast-ignore */
	tc_dialect dialect;
	bool quiet;
	unsigned max_rounds;
	unsigned jobs;            /* -j N: threads reading the snapshot; 0: one */
	int color;                /* -1 auto (a terminal and no NO_COLOR), 0 never, 1 always */
};

/* Suppressions read from an ignore file; strings malloc'd. */
struct tc_cli_ignores {
	tc_lint_ignore *v;
	size_t n;
};
/* Read `RULE DEVICE [REASON...]` lines; a missing file is no suppression
 * unless must_exist. 0, or EXIT_USAGE with file:line errors on stderr. */
int tc_cli_ignores_load(struct tc_cli_ignores *out, const char *path, bool must_exist);
void tc_cli_ignores_free(struct tc_cli_ignores *ig);
/* Read each finding's config lines back: place col on the token, attach
 * the line with secrets masked. */
void tc_cli_lint_locate(tc_findings *f);
/* Load, predict and lint snapshot with la's options and its ignore file.
 * -1 with the three outputs set (caller frees findings, prediction, model),
 * else EXIT_USAGE after a message on stderr. */
int tc_cli_lint_snapshot(const struct tc_cli_lint_args *la, const char *snapshot, tc_model **mout,
			 tc_prediction **pout, tc_findings **fout);
/* Apply one shared option with its value; -1 when taken, else an exit code. */
int tc_cli_lint_option(const char *cmd, struct tc_cli_lint_args *la, const char *opt, const char *val);
/* Options of lint and diff that take a value. */
bool tc_cli_lint_takes_value(const char *opt);
/* Whether text written to out gets colour (la->color, NO_COLOR, isatty). */
bool tc_cli_lint_color(const struct tc_cli_lint_args *la, FILE *out);

int tc_cmd_lint(int argc, char **argv);
int tc_cmd_diff(int argc, char **argv);
extern const char tc_usage_lint[];
extern const char tc_usage_diff[];

#endif
