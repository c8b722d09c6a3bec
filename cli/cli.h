/* cli.h: what the subcommands of the tunnelcast command line share. */
#ifndef TC_CLI_H
#define TC_CLI_H

#include "model.h"

#include <stdbool.h>

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
	const char *fail[TC_CLI_MAX_FAIL]; /* --fail DEVICE or DEVICE:INTERFACE */
	size_t nfail;
	bool failures_single;      /* --failures single */
	tc_predict_opts assume;    /* --assume switches (rule readings) */
	bool want_arg2;            /* the command takes a second operand (explain DOMAIN) */
	const char *arg2;
};

/* Print "tunnelcast: <fmt>" and a hint to stderr; returns EXIT_USAGE. */
int tc_cli_usage_error(const char *cmd, const char *fmt, const char *arg);
/* Parse the options shared by the subcommands into a; prints help when asked.
 * Returns -1 to go on, else the exit code to return. */
int tc_cli_parse_args(const char *cmd, int argc, char **argv, struct tc_cli_args *a, const char *help);
/* Load, finalize and predict a's snapshot, printing diagnostics unless quiet.
 * Returns -1 with *mout and *pout set (caller frees both), else an exit code. */
int tc_cli_analyse(const struct tc_cli_args *a, tc_model **mout, tc_prediction **pout);

int tc_cmd_predict(int argc, char **argv);
int tc_cmd_diagram(int argc, char **argv);
int tc_cmd_explain(int argc, char **argv);
extern const char tc_usage_explain[];
extern const char tc_usage_predict[];
extern const char tc_usage_diagram[];

#endif
