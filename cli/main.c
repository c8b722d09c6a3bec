/* main.c: the tunnelcast command line: dispatch to the subcommands. */
#include "cli.h"
#include "tc_gitrev.h"

#include <stdio.h>
#include <string.h>

static const char usage_main[] =
	"usage: tunnelcast [--version] [--help] COMMAND [ARGS]\n"
	"\n"
	"Predict what Cisco ASA and IOS IPsec crypto maps with backup peers really do:\n"
	"which peer ends up owning each encryption domain, and whether it flaps.\n"
	"\n"
	"Commands:\n"
	"  predict SNAPSHOT   print the predicted owner and state of every encryption domain\n"
	"  diagram SNAPSHOT   draw the topology and the predicted tunnels (DOT, SVG, PNG, PDF)\n"
	"  report SNAPSHOT    one HTML page: summary, diagram, domain table, timelines\n"
	"  parse SNAPSHOT     show what was read from the configs, and how many lines were understood\n"
	"  routes SNAPSHOT    each device's routing table as show ip route prints it (--compare)\n"
	"  routes FILE        parse one show ip route / show route capture\n"
	"  state FILE         parse one show crypto ipsec|isakmp|ikev2 sa / session capture\n"
	"  lint SNAPSHOT      check the configs and the prediction against the rule catalogue\n"
	"  diff OLD NEW       compare two snapshots: owners, states, findings (--git REV)\n"
	"  explain SNAPSHOT DOMAIN  the whole story of one domain, rule by rule\n"
	"  drift SNAPSHOT     hold the prediction against the SAs captured in state/\n"
	"  help [COMMAND]     show help for a command\n"
	"\n"
	"A SNAPSHOT is a directory with configs/ (one running-config per device) and\n"
	"optionally routes/<hostname>.txt (show ip route / show route captures) and\n"
	"state/<hostname>.txt (show crypto ... captures). Without configs/, the\n"
	"directory's own files are the configs. A SNAPSHOT of - is one config read\n"
	"from standard input (named <stdin>): cat r1.cfg | tunnelcast predict -\n"
	"\n";

static const char usage_help[] =
	"usage: tunnelcast help [COMMAND]\n"
	"\n"
	"Show the help of COMMAND (the same as tunnelcast COMMAND --help), or without\n"
	"one the list of commands and the exit codes.\n";

/* The main help: the text above, the exit codes from their table, where to read more. */
static void usage(FILE *out)
{
	fputs(usage_main, out);
	tc_cli_put_exits(out);
	fputs("See tunnelcast(1) for details.\n"
	      "\n"
	      "-o FILE is written to a temporary file beside FILE, renamed over it when\n"
	      "complete: a failed write leaves FILE as it was. Devices, FIFOs and /dev/stdout\n"
	      "are written in place.\n",
	      out);
}

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const tc_cli_cmd *spec; /* its options and help */
} commands[] = {
	{"predict", tc_cmd_predict, &tc_cli_cmd_predict},
	{"diagram", tc_cmd_diagram, &tc_cli_cmd_diagram},
	{"report", tc_cmd_report, &tc_cli_cmd_report},
	{"parse", tc_cmd_parse, &tc_cli_cmd_parse},
	{"routes", tc_cmd_routes, &tc_cli_cmd_routes},
	{"state", tc_cmd_state, &tc_cli_cmd_state},
	{"lint", tc_cmd_lint, &tc_cli_cmd_lint},
	{"diff", tc_cmd_diff, &tc_cli_cmd_diff},
	{"explain", tc_cmd_explain, &tc_cli_cmd_explain},
	{"drift", tc_cmd_drift, &tc_cli_cmd_drift},
};

static const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* "unknown command 'predcit' (did you mean predict?)" */
static int unknown_command(const char *cmd)
{
	tc_cli_near near = {.word = cmd};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		tc_cli_near_try(&near, commands[i].name);
	tc_cli_near_try(&near, "help");
	if (near.best)
		return tc_cli_usage_error(NULL, "unknown command '%s' (did you mean %s?)", cmd,
					  near.best);
	return tc_cli_usage_error(NULL, "unknown command '%s'", cmd);
}

int main(int argc, char **argv)
{
	/* Fully buffered: a snapshot of junk makes a diagnostic per line, and unbuffered each
	 * was several write() calls (300 k lines: 14.8 s against 0.43 s). exit() and returning
	 * from main flush it; the commands flush it after each block of diagnostics, so that
	 * they still come before the output on a shared terminal. */
	setvbuf(stderr, NULL, _IOFBF, 1 << 16);
	if (argc < 2) {
		usage(stderr);
		return TC_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "__complete") == 0) {
		const tc_cli_cmd *specs[sizeof commands / sizeof commands[0]];
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			specs[i] = commands[i].spec;
		return tc_cmd_complete(argc - 1, argv + 1, specs, sizeof specs / sizeof specs[0]);
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("tunnelcast %s (git %s)\n", TC_VERSION, TC_GIT_REV);
		return TC_EXIT_OK;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		usage(stdout);
		return TC_EXIT_OK;
	}
	if (strcmp(cmd, "help") == 0) {
		if (argc < 3) {
			usage(stdout);
			return TC_EXIT_OK;
		}
		if (strcmp(argv[2], "help") == 0) {
			fputs(usage_help, stdout);
			return TC_EXIT_OK;
		}
		const struct command *c = command_find(argv[2]);
		if (!c)
			return unknown_command(argv[2]);
		tc_cli_opt_help(stdout, c->spec);
		return TC_EXIT_OK;
	}
	const struct command *c = command_find(cmd);
	if (!c)
		return unknown_command(cmd);
	return c->run(argc - 2, argv + 2);
}
