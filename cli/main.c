/* main.c: the tunnelcast command line: dispatch to the subcommands. */
#include "cli.h"

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
	"  lint SNAPSHOT      check the configs and the prediction against the rule catalogue\n"
	"  diff OLD NEW       compare two snapshots: owners, states, findings (--git REV)\n"
	"  explain SNAPSHOT DOMAIN  the whole story of one domain, rule by rule\n"
	"  help [COMMAND]     show help for a command\n"
	"\n"
	"A SNAPSHOT is a directory with configs/ (one running-config per device) and\n"
	"optionally routes/<hostname>.txt (show ip route / show route captures). Without\n"
	"configs/, the directory's own files are the configs.\n"
	"\n";

/* The main help: the text above, the exit codes from their table, where to read more. */
static void usage(FILE *out)
{
	fputs(usage_main, out);
	tc_cli_put_exits(out);
	fputs("lint and diff use 0, 1 and 2 only. See tunnelcast(1) for details.\n"
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
	{"lint", tc_cmd_lint, &tc_cli_cmd_lint},
	{"diff", tc_cmd_diff, &tc_cli_cmd_diff},
	{"explain", tc_cmd_explain, &tc_cli_cmd_explain},
};

static const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return TC_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("tunnelcast %s\n", TC_VERSION);
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
		const struct command *c = command_find(argv[2]);
		if (!c)
			return tc_cli_usage_error(NULL, "no help for unknown command '%s'",
						  argv[2]);
		tc_cli_opt_help(stdout, c->spec);
		return TC_EXIT_OK;
	}
	const struct command *c = command_find(cmd);
	if (!c)
		return tc_cli_usage_error(NULL, "unknown command '%s'", cmd);
	return c->run(argc - 2, argv + 2);
}
