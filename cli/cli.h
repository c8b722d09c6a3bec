/* cli.h: what the subcommands of the tunnelcast command line share. */
#ifndef TC_CLI_H
#define TC_CLI_H

#include "cli_opt.h"
#include "kit.h"
#include "predict.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes, stable for CI use (documented in --help and the man page). */
enum tc_exit {
	TC_EXIT_OK = 0,	      /* every domain stable; nothing that matters found */
	TC_EXIT_FINDINGS = 1, /* some domain oscillating, one-way or down; lint findings */
	TC_EXIT_USAGE = 2,    /* bad command line (lint and diff: also input, output) */
	TC_EXIT_INPUT = 3,    /* snapshot missing or without any config */
	TC_EXIT_OUTPUT = 4,   /* output could not be written */
};

/* The exit codes with their meanings, in the words README's and the man page's exit status
 * tables use (tests/states_doc.sh): the rows of `tunnelcast --help`. *n gets the count. */
typedef struct tc_cli_exit_info {
	enum tc_exit code;
	const char *meaning; /* one line, no trailing period */
} tc_cli_exit_info;
const tc_cli_exit_info *tc_cli_exits(size_t *n);
/* "Exit status:" and a line per code (tunnelcast --help). */
void tc_cli_put_exits(FILE *out);
/* "States ...:" and a line per tc_state: name, predict's exit status, meaning (predict --help). */
void tc_cli_put_states(FILE *out);

#define TC_CLI_MAX_FAIL 32

/* What the analysing commands read from their command line. Every
 * command's argument struct begins with one, so that the shared option
 * entries below (offsets into it) serve every table. */
struct tc_cli_args {
	const char *snapshot;
	const char *format;
	const char *output;
	tc_dialect dialect;
	bool verbose, quiet, exit_zero;
	unsigned max_rounds;
	unsigned jobs;	      /* -j N: threads reading the snapshot; 0: one */
	size_t max_file_size; /* --max-file-size: bytes a snapshot file may have; 0: default */
	struct tc_cli_fail {
		const char *v[TC_CLI_MAX_FAIL]; /* --fail DEVICE or DEVICE:INTERFACE */
		size_t n;			/* entries of v */
	} fail;
	bool failures_single;	/* --failures single */
	tc_predict_opts assume; /* --assume switches (rule readings) */
	long pictures;		/* report --pictures N, -1 for all; the command sets the default */
	long max_diags;		/* --max-diagnostics N per file and kind, -1 all; 0: the default */
	const char *arg2;	/* explain's DOMAIN */
	bool summary;		/* predict --summary */
	const char *domain;	/* predict --domain ID */
};

/* The name nearest to a mistyped word: set word, give every candidate name to
 * tc_cli_near_try() in the order they are listed; best is then the nearest within what a typo
 * makes (one edit in a word under 5 bytes, two in longer ones; a name the word begins, from 3
 * bytes), the first of equals, or NULL. */
typedef struct tc_cli_near {
	const char *word;
	const char *best;
	size_t dist;
} tc_cli_near;
void tc_cli_near_try(tc_cli_near *n, const char *cand);

/* m keeps the diagnostics a's --max-diagnostics asks for (before loading into it). */
void tc_cli_set_diag_cap(tc_model *m, const struct tc_cli_args *a);

/* Print "tunnelcast: <fmt>" and a hint to stderr; returns TC_EXIT_USAGE. */
int tc_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Whether val is a whole decimal number from lo to hi, into *out. */
bool tc_cli_number(const char *val, long lo, long hi, long *out);
/* Whether val is `all` (*out -1) or a whole decimal number from lo to hi, into *out. */
bool tc_cli_number_or_all(const char *val, long lo, long hi, long *out);
/* The index of val among words (NULL-terminated), else -1. */
int tc_cli_word(const char *val, const char *const *words);
/* Setters for option tables (tc_cli_opt_set, cli_util.c): the field's type
 * is in the name; each checks its value and says what it wants. */
int tc_cli_set_string(void *field, const char *val, const char *cmd);	 /* const char * */
int tc_cli_set_true(void *field, const char *val, const char *cmd);	 /* bool, a switch */
int tc_cli_set_dialect(void *field, const char *val, const char *cmd);	 /* tc_dialect */
int tc_cli_set_jobs(void *field, const char *val, const char *cmd);	 /* unsigned, 1-256 */
int tc_cli_set_rounds(void *field, const char *val, const char *cmd);	 /* unsigned, 1-1000 */
int tc_cli_set_max_diags(void *field, const char *val, const char *cmd); /* long, N or all */
int tc_cli_set_size(void *field, const char *val, const char *cmd);	 /* size_t, N[KMG] */

/* The words options take (NULL-ended), each list the one copy that their option tables'
 * choices, their setters and .tunnelcast.toml read. */
extern const char *const tc_cli_text_json[];	 /* --format of predict, parse, routes, state */
extern const char *const tc_cli_dialects[];	 /* --dialect: auto, asa, ios (tc_dialect) */
extern const char *const tc_cli_assumptions[];	 /* --assume (tc_predict_opts switches) */
extern const char *const tc_cli_failure_kinds[]; /* --failures */
extern const char *const tc_cli_colors[];	 /* --color: auto, always, never */
extern const char *const tc_cli_fail_on[];	 /* lint --fail-on: error, warning, note, never */
extern const char *const tc_cli_severities[];	 /* lint --severity's SEV: error ... off */
/* The tc_severity of a tc_cli_fail_on or tc_cli_severities word; TC_SEV_ERROR + 1 for never,
 * -1 for off, -2 for a word of neither. */
int tc_cli_severity_of(const char *word);

#define TC_CLI_ARG(field) offsetof(struct tc_cli_args, field)
/* The options the analysing commands share, each with the command's own help. */
#define TC_CLI_OPT_FORMAT(choices, help)                                                           \
	{                                                                                          \
		TC_CLI_OPT_VALUE, 'f', "format", "FMT", TC_CLI_ARG(format), tc_cli_set_string,     \
			help, choices                                                              \
	}
#define TC_CLI_OPT_OUTPUT(help)                                                                    \
	{                                                                                          \
		TC_CLI_OPT_VALUE, 'o', "output", "FILE", TC_CLI_ARG(output), tc_cli_set_string,    \
			help, NULL                                                                 \
	}
#define TC_CLI_OPT_DIALECT(help)                                                                   \
	{                                                                                          \
		TC_CLI_OPT_VALUE, 'd', "dialect", "D", TC_CLI_ARG(dialect), tc_cli_set_dialect,    \
			help, tc_cli_dialects                                                      \
	}
#define TC_CLI_OPT_JOBS(help)                                                                      \
	{                                                                                          \
		TC_CLI_OPT_VALUE, 'j', "jobs", "N", TC_CLI_ARG(jobs), tc_cli_set_jobs, help, NULL  \
	}
#define TC_CLI_OPT_QUIET(help)                                                                     \
	{                                                                                          \
		TC_CLI_OPT_SWITCH, 'q', "quiet", NULL, TC_CLI_ARG(quiet), tc_cli_set_true, help,   \
			NULL                                                                       \
	}
#define TC_CLI_OPT_MAX_DIAGS(help)                                                                 \
	{                                                                                          \
		TC_CLI_OPT_VALUE, 0, "max-diagnostics", "N", TC_CLI_ARG(max_diags),                \
			tc_cli_set_max_diags, help, NULL                                           \
	}
/* The help of --max-diagnostics, the same for every command. */
#define TC_CLI_MAX_DIAGS_HELP                                                                      \
	"show at most N diagnostics of a kind per file\n"                                          \
	"(default 20, or all); counts the rest"
/* Every command that reads a snapshot shows this one with the same words. */
#define TC_CLI_OPT_MAX_FILE_SIZE                                                                   \
	{                                                                                          \
		TC_CLI_OPT_VALUE, 0, "max-file-size", "SIZE", TC_CLI_ARG(max_file_size),           \
			tc_cli_set_size,                                                           \
			"skip a file larger than SIZE bytes (K, M, G: KiB, MiB,\n"                 \
			"GiB; default 256M) with an error",                                        \
			NULL                                                                       \
	}
#define TC_CLI_OPT_ROUNDS(help)                                                                    \
	{                                                                                          \
		TC_CLI_OPT_VALUE, 0, "max-rounds", "N", TC_CLI_ARG(max_rounds), tc_cli_set_rounds, \
			help, NULL                                                                 \
	}
#define TC_CLI_OPT_FAIL(help)                                                                      \
	{                                                                                          \
		TC_CLI_OPT_LIST, 0, "fail", "X", TC_CLI_ARG(fail), tc_cli_set_fail, help, NULL     \
	}
#define TC_CLI_OPT_ASSUME(help)                                                                    \
	{                                                                                          \
		TC_CLI_OPT_LIST, 0, "assume", "NAME", TC_CLI_ARG(assume), tc_cli_set_assume, help, \
			tc_cli_assumptions                                                         \
	}
#define TC_CLI_OPT_VERBOSE(help)                                                                   \
	{                                                                                          \
		TC_CLI_OPT_SWITCH, 'v', "verbose", NULL, TC_CLI_ARG(verbose), tc_cli_set_true,     \
			help, NULL                                                                 \
	}
#define TC_CLI_OPT_EXIT_ZERO(help)                                                                 \
	{                                                                                          \
		TC_CLI_OPT_SWITCH, 0, "exit-zero", NULL, TC_CLI_ARG(exit_zero), tc_cli_set_true,   \
			help, NULL                                                                 \
	}
#define TC_CLI_OPT_FAILURES(help)                                                                  \
	{                                                                                          \
		TC_CLI_OPT_VALUE, 0, "failures", "single", TC_CLI_ARG(failures_single),            \
			tc_cli_set_failures, help, tc_cli_failure_kinds                            \
	}
int tc_cli_set_fail(void *field, const char *val, const char *cmd);	/* struct tc_cli_fail */
int tc_cli_set_failures(void *field, const char *val, const char *cmd); /* bool, "single" */
int tc_cli_set_assume(void *field, const char *val, const char *cmd);	/* tc_predict_opts */
/* Every option the analysing commands share, shown in none of their helps:
 * each of them has always accepted them all (tc_cli_cmd.hidden). */
extern const tc_cli_opt tc_cli_common_opts[];

/* Parse an analysing command's line into a (snapshot, then arg2 when
 * cmd->max_operands is 2); prints help when asked. Returns -1 to go on,
 * else the exit code to return. */
int tc_cli_parse_args(const tc_cli_cmd *cmd, int argc, char **argv, struct tc_cli_args *a);
/* Load, finalize and predict a's snapshot, printing diagnostics unless quiet.
 * Returns -1 with *mout and *pout set (caller frees both), else an exit code. */
int tc_cli_analyse(const struct tc_cli_args *a, tc_model **mout, tc_prediction **pout);
/* The first half of tc_cli_analyse(): load and finalize a->snapshot and
 * print its diagnostics (unless -q); -1 with *mout set (free it with
 * tc_model_free()), else an exit code. */
int tc_cli_load(const struct tc_cli_args *a, tc_model **mout);

/* The progress line (progress.c): "parsing 3/12 files", "predicting 41 200/100 000 domains"
 * on standard error while a phase runs, only when standard error is a terminal, not quiet, and
 * the run has passed a second (TC_PROGRESS_AFTER_MS: another threshold, for tests). */
typedef struct tc_cli_progress {
	const char *what; /* "parsing" */
	const char *unit; /* "files" */
	bool on;	  /* a terminal, not quiet */
	long after_ms;	  /* shown from this many milliseconds into the run */
	long last_ms;	  /* when it was last written, -1: never */
	int width;	  /* the length of the line on the terminal, 0: none */
} tc_cli_progress;
void tc_cli_progress_start(tc_cli_progress *pr, bool quiet, const char *what, const char *unit);
/* The callback tc_parse_opts and tc_predict_opts take; ctx is the tc_cli_progress. */
void tc_cli_progress_cb(void *ctx, size_t done, size_t total);
/* Erase the line (before anything else goes to standard error, and at the phase's end). */
void tc_cli_progress_end(tc_cli_progress *pr);

int tc_cmd_predict(int argc, char **argv);
int tc_cmd_diagram(int argc, char **argv);
int tc_cmd_report(int argc, char **argv);
int tc_cmd_explain(int argc, char **argv);
extern const tc_cli_cmd tc_cli_cmd_explain, tc_cli_cmd_predict, tc_cli_cmd_diagram,
	tc_cli_cmd_report;
int tc_cmd_drift(int argc, char **argv); /* cmd_drift.c: the prediction against the captures */
extern const tc_cli_cmd tc_cli_cmd_drift;
int tc_cmd_parse(int argc, char **argv);  /* cmd_parse.c: what the parser read */
int tc_cmd_routes(int argc, char **argv); /* cmd_routes.c: one routing-table capture */
int tc_cmd_state(int argc, char **argv);  /* cmd_state.c: one state capture */
extern const tc_cli_cmd tc_cli_cmd_parse, tc_cli_cmd_routes, tc_cli_cmd_state;
/* Read the capture file at path ("-": standard input, named <stdin>) into a new model's one
 * device with parse (tc_parse_routes,
 * tc_parse_state), its diagnostics (as many as a's --max-diagnostics keeps) on standard error
 * unless a->quiet. -1 with *mout (free it with tc_model_free()) and *dout set, else
 * TC_EXIT_INPUT after a message (cli_util.c). */
int tc_cli_capture(tc_model **mout, tc_device **dout, const char *path, const struct tc_cli_args *a,
		   int (*parse)(tc_model *m, tc_device *d, const char *file, const char *buf,
				size_t len));
/* An output being written. A regular file (or a new one) is written to a
 * temporary file in the same directory, renamed over the target when every
 * byte is out: a failed write leaves the old file as it was and nothing
 * else behind. A symbolic link is followed (the file it names is replaced,
 * the link kept). Standard output, a path under /dev or /proc and anything
 * that is not a regular file (a device, a FIFO, a dangling link) are written
 * in place. Nothing the command did not create is ever removed. */
typedef struct tc_cli_out {
	FILE *f;	  /* where to write */
	const char *path; /* the path as given (messages); NULL: standard output */
	char *dest;	  /* with tmp: the file tmp replaces (malloc'd) */
	char *tmp;	  /* the temporary file (malloc'd), or NULL when writing in place */
} tc_cli_out;
/* Open path (NULL or "-": standard output) for writing into *out. TC_EXIT_OK, or
 * TC_EXIT_OUTPUT after a message naming the path and why. */
int tc_cli_out_open(tc_cli_out *out, const char *path);
/* Flush and close o; when ok (the renderer succeeded) put the file in place,
 * else remove the temporary file. TC_EXIT_OK, or TC_EXIT_OUTPUT after a
 * message naming the path (and the system's reason when there is one). */
int tc_cli_out_close(tc_cli_out *o, bool ok);
/* Close o after a failure the caller has reported, removing its temporary file. */
void tc_cli_out_discard(tc_cli_out *o);
/* Call write(out, arg) on path (standard output when NULL) through
 * tc_cli_out_open/_close; TC_EXIT_OK, or TC_EXIT_OUTPUT after a message. */
int tc_cli_write(const char *path, int (*write)(FILE *out, const void *arg), const void *arg);

/* ---- lint and diff (cmd_lint.c, cmd_diff.c) ---------------------------------- */

#define TC_CLI_MAX_DISABLE 64

/* Options lint and diff share; the command's own struct begins with it. */
struct tc_cli_lint_args {
	struct tc_cli_args a; /* format, output, dialect, quiet, max_rounds, jobs */
	struct tc_cli_disable {
		const char *v[TC_CLI_MAX_DISABLE]; /* rule ids (validated) */
		size_t n;			   /* entries of v */
	} disable;
	const char *ignore_file; /* --ignore FILE, else SNAPSHOT/.tunnelcast-ignore */
	int color;		 /* -1 auto (a terminal and no NO_COLOR), 0 never, 1 always */
	struct tc_cli_severity {
		struct tc_cli_sev {
			const char *rule; /* rule id (validated) */
			int sev;	  /* a tc_severity, or -1: off */
		} v[TC_CLI_MAX_DISABLE];
		size_t n; /* entries of v; a later one wins */
	} severity;	  /* lint --severity RULE=SEV (and .tunnelcast.toml's) */
};

int tc_cli_set_disable(void *field, const char *val, const char *cmd); /* the disable list */
int tc_cli_set_color(void *field, const char *val, const char *cmd);   /* int, -1/0/1 */
#define TC_CLI_LINT_ARG(field) offsetof(struct tc_cli_lint_args, field)
#define TC_CLI_OPT_DISABLE(help)                                                                   \
	{                                                                                          \
		TC_CLI_OPT_LIST, 0, "disable", "RULE", TC_CLI_LINT_ARG(disable),                   \
			tc_cli_set_disable, help, NULL                                             \
	}
#define TC_CLI_OPT_IGNORE(help)                                                                    \
	{                                                                                          \
		TC_CLI_OPT_VALUE, 0, "ignore", "FILE", TC_CLI_LINT_ARG(ignore_file),               \
			tc_cli_set_string, help, NULL                                              \
	}
#define TC_CLI_OPT_COLOR(help)                                                                     \
	{                                                                                          \
		TC_CLI_OPT_VALUE, 0, "color", "WHEN", TC_CLI_LINT_ARG(color), tc_cli_set_color,    \
			help, tc_cli_colors                                                        \
	}

/* Suppressions read from an ignore file; strings malloc'd. */
struct tc_cli_ignores {
	tc_lint_ignore *v;
	size_t n;
};
/* Limits of an ignore file (README "Suppressions"): its size and a line's. */
#define TC_CLI_IGNORE_MAX (1024 * 1024)
#define TC_CLI_IGNORE_MAX_TEXT "1 MiB"
#define TC_CLI_IGNORE_LINE 1023
/* Read `RULE DEVICE [REASON...]` lines; a missing file is no suppression
 * unless must_exist. Only a regular file of at most TC_CLI_IGNORE_MAX bytes
 * is read; a line over TC_CLI_IGNORE_LINE bytes is an error. TC_EXIT_OK, or
 * TC_EXIT_USAGE with file:line errors on stderr. */
int tc_cli_ignores_load(struct tc_cli_ignores *out, const char *path, bool must_exist);
void tc_cli_ignores_free(struct tc_cli_ignores *ig);
/* ---- lint's repository config and inline suppressions (lint_conf.c) ---- */

int tc_cli_set_severity(void *field, const char *val, const char *cmd); /* RULE=SEV */
/* Find .tunnelcast.toml in snapshot's directory or a parent up to the git root (a directory
 * holding .git) and merge it under la's command-line options: its disable list (rules a
 * command-line --severity names are left on) and severities before the command line's, its
 * ignore file (relative to it) when la has none, its fail-on into *fail_on when that is NULL.
 * Strings it adds live until the next call. TC_EXIT_OK, or TC_EXIT_USAGE after
 * file:line errors on stderr. */
int tc_cli_lint_config(struct tc_cli_lint_args *la, const char **fail_on, const char *snapshot);
/* Append to ig the suppressions written in m's config files (tc_parse_suppressions()),
 * one per rule, scoped to their lines; unknown rules are warned about on stderr unless quiet. */
void tc_cli_inline_load(struct tc_cli_ignores *ig, const tc_model *m, bool quiet);
/* la's disable and severity lists as tc_lint_opts (off severities join the disable list);
 * o points into *la and into scratch. */
void tc_cli_lint_opts(tc_lint_opts *o, const struct tc_cli_lint_args *la,
		      const char *scratch[2 * TC_CLI_MAX_DISABLE],
		      tc_lint_sev sev[TC_CLI_MAX_DISABLE]);
/* Read each finding's config lines back: place col on the token, attach
 * the line with secrets masked. */
void tc_cli_lint_locate(tc_findings *f);
/* Load, predict and lint snapshot with la's options and its ignore file.
 * -1 with the three outputs set (caller frees findings, prediction, model),
 * else TC_EXIT_USAGE after a message on stderr. */
int tc_cli_lint_snapshot(const struct tc_cli_lint_args *la, const char *snapshot, tc_model **mout,
			 tc_prediction **pout, tc_findings **fout);
/* Whether text written to out gets colour (la->color, NO_COLOR, isatty). */
bool tc_cli_lint_color(const struct tc_cli_lint_args *la, FILE *out);

int tc_cmd_lint(int argc, char **argv);
/* cmd_complete.c: `__complete CWORD WORDS...`, the shell completions' candidates, one per
 * line, for the commands cmds[0..ncmds) */
int tc_cmd_complete(int argc, char **argv, const tc_cli_cmd *const *cmds, size_t ncmds);
int tc_cmd_diff(int argc, char **argv);
extern const tc_cli_cmd tc_cli_cmd_lint, tc_cli_cmd_diff;

#endif
