/* cmd_routes.c: `tunnelcast routes`: one `show ip route` / `show route` capture, parsed. */
#include "cli.h"
#include "parser.h"
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"usage: tunnelcast routes [OPTIONS] FILE\n"
	"\n"
	"Parse one routing-table capture, IOS/IOS-XE `show ip route` or ASA `show route`\n"
	"(either shape is recognised), and print its routes: VRF, prefix, route code,\n"
	"distance and metric, and every equal-cost next hop with its interface. Routes\n"
	"of `Routing Table: NAME` sections carry their VRF; an ASA network written as a\n"
	"name stays a name (there is no config to resolve it). Lines not understood are\n"
	"diagnostics on standard error.\n"
	"\n"
	"Options:\n";

static const char epilogue[] =
	"\n"
	"Exit status: 0 read; 2 usage error; 3 file unreadable; 4 output not written.\n";

static const tc_cli_opt options[] = {
	TC_CLI_OPT_FORMAT("text (default) or json: an array of {vrf, prefix, name,\n"
			  "code, distance, metric, nexthops: [{ip, interface, vrf}]},\n"
			  "null where the capture gives nothing"),
	TC_CLI_OPT_OUTPUT("write to FILE instead of standard output"),
	TC_CLI_OPT_QUIET("do not print diagnostics on standard error"),
	{0},
};

const tc_cli_cmd tc_cli_cmd_routes = {
	.name = "routes",
	.synopsis = synopsis,
	.opts = options,
	.hidden = tc_cli_common_opts,
	.col = 23,
	.epilogue = epilogue,
	.max_operands = 1,
};

static int write_text(FILE *out, const void *d)
{
	return tc_render_routes_text(out, d);
}

static int write_json(FILE *out, const void *d)
{
	return tc_render_routes_json(out, d);
}

int tc_cmd_routes(int argc, char **argv)
{
	struct tc_cli_args a = {0};
	int rc = tc_cli_parse_args(&tc_cli_cmd_routes, argc, argv, &a);
	if (rc >= 0)
		return rc;
	const char *fmt = a.format ? a.format : "text";
	bool json = strcmp(fmt, "json") == 0;
	if (!json && strcmp(fmt, "text") != 0)
		return tc_cli_usage_error("routes", "unknown format '%s' (use text or json)", fmt);
	size_t len = 0;
	char *buf = NULL;
	if (tc_file_read(&buf, &len, a.snapshot) != 0) {
		fprintf(stderr, "tunnelcast: cannot read %s: %s\n", a.snapshot, strerror(errno));
		return TC_EXIT_INPUT;
	}
	tc_model *m = tc_model_new();
	tc_device *d = m ? tc_device_add(m, a.snapshot, TC_DIALECT_UNKNOWN) : NULL;
	if (!d)
		tc_oom();
	rc = tc_parse_routes(m, d, a.snapshot, buf, len);
	if (rc == TC_ENOMEM)
		tc_oom();
	if (rc != 0) { /* the patterns did not compile: our bug */
		fprintf(stderr, "tunnelcast: cannot parse %s\n", a.snapshot);
		free(buf);
		tc_model_free(m);
		return TC_EXIT_INPUT;
	}
	free(buf);
	if (!a.quiet)
		tc_render_diags(stderr, m);
	rc = tc_cli_write(a.output, json ? write_json : write_text, d);
	tc_model_free(m);
	return rc;
}
