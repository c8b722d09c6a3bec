/* cmd_parse.c: `tunnelcast parse`: what the parser read from a snapshot, and how much of it it modelled. */
#include "cli.h"
#include "parser.h"
#include "render.h"

#include <stdio.h>
#include <string.h>

static const char synopsis[] =
	"usage: tunnelcast parse [OPTIONS] SNAPSHOT\n"
	"\n"
	"Read a snapshot (or a single config file) and print what tunnelcast read of\n"
	"each device: interfaces, routes, names, ACLs, transform sets, IKE policies and\n"
	"profiles (with their authentication methods), pre-shared keys (shown as\n"
	"<secret>), crypto and dynamic maps, tunnel interfaces, IPsec profiles,\n"
	"trustpoint names and NAT rules. Each file's lines are counted as modelled (read\n"
	"into the model), recognised but not modelled, unknown or malformed, overall and\n"
	"for the crypto, routing, ACL, NAT and interface lines alone. Unknown lines, and\n"
	"one not-modelled note per device and ignored feature, are diagnostics on\n"
	"standard error.\n"
	"\n"
	"Options:\n";

static const char epilogue[] =
	"\n"
	"Exit status: 0 read; 2 usage error; 3 snapshot unreadable or without configs;\n"
	"4 output not written.\n";

static const tc_cli_opt options[] = {
	TC_CLI_OPT_FORMAT(tc_cli_text_json, "{*}"),
	TC_CLI_OPT_OUTPUT("write to FILE instead of standard output"),
	TC_CLI_OPT_DIALECT("{*}: force the config dialect"),
	TC_CLI_OPT_JOBS("read and resolve the snapshot on N threads (default 1)"),
	TC_CLI_OPT_QUIET("no diagnostics or progress line on standard error"),
	TC_CLI_OPT_MAX_DIAGS(TC_CLI_MAX_DIAGS_HELP),
	TC_CLI_OPT_MAX_FILE_SIZE,
	{0},
};

const tc_cli_cmd tc_cli_cmd_parse = {
	.name = "parse",
	.synopsis = synopsis,
	.opts = options,
	.hidden = tc_cli_common_opts,
	.col = 23,
	.epilogue = epilogue,
	.max_operands = 1,
};

static int write_text(FILE *out, const void *m)
{
	return tc_render_model_text(out, m);
}

static int write_json(FILE *out, const void *m)
{
	return tc_render_model_json(out, m);
}

int tc_cmd_parse(int argc, char **argv)
{
	struct tc_cli_args a = {0};
	int rc = tc_cli_parse_args(&tc_cli_cmd_parse, argc, argv, &a);
	if (rc >= 0)
		return rc;
	const char *fmt = a.format ? a.format : "text";
	bool json = strcmp(fmt, "json") == 0;
	tc_model *m = NULL;
	rc = tc_cli_load(&a, &m);
	if (rc >= 0)
		return rc;
	rc = tc_cli_write(a.output, json ? write_json : write_text, m);
	tc_model_free(m);
	return rc;
}
