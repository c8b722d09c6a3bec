/* cli_opt.h: declarative option tables, from which each command's parsing and --help come.
 *
 * In the spirit of libgit2's src/cli/opt.h: a command is described once, by
 * a table of its options (short and long name, value name, type, where the
 * value goes, help text) and the prose around them; tc_cli_opt_parse() reads
 * argv by the table and tc_cli_opt_help() writes the help from it.
 *
 * The grammar: `-X VALUE`, `-XVALUE`, `--name VALUE` or `--name=VALUE`
 * (short options are never bundled: `-qv` is an unknown option, said so);
 * a value is the next argument whatever it looks like; a switch given
 * `--name=VALUE` is a usage error; `-` is an operand, and after `--` every
 * argument is one; options and operands mix in any order, and each option
 * is checked where it stands, so the first fault on the line is the one
 * reported, an unknown long option with the nearest name of the table
 * (tc_cli_near). Every command takes -h and --help, shown last, which
 * print its help on standard output.
 *
 * An option whose values are a fixed set of words names them once, in its
 * choices: the parser refuses any other value with the nearest choice
 * (`unknown --format 'jsn' (did you mean json?)`) before set() runs, the
 * help lists them where its text says `{}` (`{*}`: the first marked
 * "(default)"), wrapping that line to the terminal's 80 columns, and
 * `tunnelcast __complete` offers them. */
#ifndef TC_CLI_OPT_H
#define TC_CLI_OPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum tc_cli_opt_type {
	TC_CLI_OPT_END = 0, /* ends a table */
	TC_CLI_OPT_SWITCH,  /* no value: --quiet */
	TC_CLI_OPT_VALUE,   /* one value: -o FILE; given again, the last one counts */
	TC_CLI_OPT_LIST,    /* a value that may be repeated, each kept: --fail X --fail Y */
} tc_cli_opt_type;

/* Store an option's value (NULL for a switch) at field, the place the
 * option's offset names in the command's argument struct. Returns -1, or
 * an exit code after a message naming cmd (tc_cli_usage_error()). */
typedef int (*tc_cli_opt_set)(void *field, const char *val, const char *cmd);

typedef struct tc_cli_opt {
	tc_cli_opt_type type;
	char alias;		    /* short name: 'f' for -f; 0 when there is none */
	const char *name;	    /* long name without the dashes */
	const char *value_name;	    /* shown after the name in the help: FILE, N... */
	size_t off;		    /* offset of the field set() writes, in the argument struct */
	tc_cli_opt_set set;	    /* stores the value */
	const char *help;	    /* help text, '\n' between its lines, {} or {*} where the
				   choices are listed; NULL: not shown */
	const char *const *choices; /* the values it takes, NULL-ended, or NULL: any (set()
				       checks it); when value_name holds '=' (RULE=SEV), the
				       choices are those of the part after the '=' */
} tc_cli_opt;

typedef struct tc_cli_cmd {
	const char *name;	   /* "predict" */
	const char *synopsis;	   /* help before the options: usage lines, prose, "Options:\n" */
	const tc_cli_opt *opts;	   /* the options, in help order, ended by TC_CLI_OPT_END */
	const tc_cli_opt *hidden;  /* also accepted, never shown (may be NULL) */
	unsigned col;		   /* column where option help text starts */
	void (*tables)(FILE *out); /* writes help generated from a table after the options
				      (predict: its states), or NULL */
	const char *epilogue;	   /* help after the options and tables (may be NULL) */
	size_t max_operands;	   /* arguments that are not options, at most */
} tc_cli_cmd;

/* Read argv[0..argc) by cmd's tables: each option's set() gets its field
 * in args, operands go to ops[0..cmd->max_operands) and their number to
 * *nops. Returns -1 to go on, else the exit code to return: 0 after --help,
 * 2 after a usage error on standard error. */
int tc_cli_opt_parse(const tc_cli_cmd *cmd, void *args, const char **ops, size_t *nops, int argc,
		     char **argv);
/* Write cmd's help: synopsis, the option lines the table shows and -h,
 * epilogue. */
void tc_cli_opt_help(FILE *out, const tc_cli_cmd *cmd);
/* words (NULL-ended) as prose into buf[0..n): "text, json or sarif", the first followed by
 * " (default)" when dflt; returns the length written. */
size_t tc_cli_choice_list(char *buf, size_t n, const char *const *words, bool dflt);
/* The part of val o's choices apply to: after the '=' when o->value_name holds one (NULL
 * when val has none: set() says what it wants), else val. */
const char *tc_cli_choice_part(const tc_cli_opt *o, const char *val);

#endif
