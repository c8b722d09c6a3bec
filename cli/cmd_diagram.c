/* cmd_diagram.c: `tunnelcast diagram`: topology and predicted tunnels through Graphviz. */
#include "cli.h"
#include "render.h"

#include <stdio.h>
#include <string.h>

const char tc_usage_diagram[] =
	"usage: tunnelcast diagram [OPTIONS] -o FILE SNAPSHOT\n"
	"\n"
	"Draw the devices, their shared subnets and the predicted tunnels: the owning\n"
	"peer's tunnel solid, other listed peers dashed.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE    file to write (required); the format follows the extension\n"
	"  -f, --format FMT     dot, svg, png or pdf (overrides the extension)\n"
	"  -d, --dialect D      auto (default), asa or ios\n"
	"  -q, --quiet          do not print diagnostics on standard error\n"
	"  -h, --help           show this help\n";

int tc_cmd_diagram(int argc, char **argv)
{
	struct tc_cli_args a = {0};
	int rc = tc_cli_parse_args("diagram", argc, argv, &a, tc_usage_diagram);
	if (rc >= 0)
		return rc;
	if (!a.output)
		return tc_cli_usage_error("diagram", "%s", "missing -o FILE");
	tc_model *m = NULL;
	tc_prediction *p = NULL;
	rc = tc_cli_analyse(&a, &m, &p);
	if (rc >= 0)
		return rc;
	char err[512] = {0};
	rc = EXIT_OK;
	if (tc_render_diagram(a.output, a.format, m, p, err, sizeof err) != 0) {
		fprintf(stderr, "tunnelcast: %s\n", err[0] ? err : "cannot write the diagram");
		rc = strstr(err, "format") ? EXIT_USAGE : EXIT_OUTPUT;
	}
	tc_prediction_free(p);
	tc_model_free(m);
	return rc;
}

