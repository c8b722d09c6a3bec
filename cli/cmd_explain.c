/* cmd_explain.c: `tunnelcast explain`: the numbered story of one encryption domain. */
#include "cli.h"
#include "render.h"

#include <stdio.h>
#include <string.h>

static const char synopsis[] =
	"usage: tunnelcast explain [OPTIONS] SNAPSHOT DOMAIN\n"
	"\n"
	"Tell the whole story of one encryption domain: its configuration, the predicted\n"
	"owner and state, every packet walk, IKE attempt (and why it failed or succeeded),\n"
	"SA installed or dropped, in both sending orders, and the behaviour rules applied\n"
	"with the behaviour spec's confidence in each.\n"
	"\n"
	"DOMAIN is the row number shown by `predict` (e.g. 2) or the domain's id\n"
	"(DEVICE:MAP:SEQ:LOCAL>REMOTE, e.g. ASA:OUTSIDE_MAP:10:10.26.241.0/24>195.160.0.0/26).\n"
	"\n"
	"Options:\n";

static const tc_cli_opt options[] = {
	TC_CLI_OPT_DIALECT("{*}"),
	TC_CLI_OPT_JOBS("read, resolve and predict on N threads (default 1)"),
	TC_CLI_OPT_FAIL("take device X or interface X:IF down first (repeatable)"),
	TC_CLI_OPT_ASSUME("switch a thin rule: {}"),
	TC_CLI_OPT_QUIET("no diagnostics or progress line on standard error"),
	TC_CLI_OPT_MAX_DIAGS(TC_CLI_MAX_DIAGS_HELP),
	TC_CLI_OPT_MAX_FILE_SIZE,
	{0},
};

const tc_cli_cmd tc_cli_cmd_explain = {
	.name = "explain",
	.synopsis = synopsis,
	.opts = options,
	.hidden = tc_cli_common_opts,
	.col = 23,
	.max_operands = 2,
};

int tc_cmd_explain(int argc, char **argv)
{
	struct tc_cli_args a = {0};
	int rc = tc_cli_parse_args(&tc_cli_cmd_explain, argc, argv, &a);
	if (rc >= 0)
		return rc;
	if (!a.arg2)
		return tc_cli_usage_error("explain", "%s",
					  "missing DOMAIN (a row number or an id)");
	tc_model *m = NULL;
	tc_prediction *p = NULL;
	rc = tc_cli_analyse(&a, &m, &p);
	if (rc >= 0)
		return rc;
	const tc_domain *d = NULL;
	char err[512] = {0};
	if (tc_render_domain_find(&d, p, a.arg2, err, sizeof err) != 0) {
		fprintf(stderr, "tunnelcast: %s\n", err[0] ? err : "no such domain");
		rc = TC_EXIT_USAGE;
	} else {
		tc_cli_out o; /* -o, accepted as by every analysing command, was ignored */
		if ((rc = tc_cli_out_open(&o, a.output)) == TC_EXIT_OK)
			rc = tc_cli_out_close(&o, tc_render_explain(o.f, m, p, d) == 0);
	}
	tc_prediction_free(p);
	tc_model_free(m);
	return rc;
}
