/* cmd_predict.c: `tunnelcast predict`: the prediction as text or JSON. */
#include "cli.h"
#include "render.h"

#include <stdio.h>
#include <string.h>

static const char synopsis[] =
	"usage: tunnelcast predict [OPTIONS] SNAPSHOT\n"
	"\n"
	"Walk the traffic of every crypto ACL permit line (an encryption domain) through\n"
	"routing and crypto maps from both ends, and report which backup peer owns each\n"
	"domain's SA in steady state, with the numbered event trace that leads there.\n"
	"\n"
	"Options:\n";

static const char epilogue[] =
	"\n"
	"OWNER shows R2\u21c4R3 for a domain whose ownership alternates, and \"5.100.9.9\n"
	"(assumed)\" for a peer outside the snapshot, assumed to answer as configured;\n"
	"\"R2 (hashed)\" when one flow meets equal-cost paths to different ends: the\n"
	"first path's owner, the hash picks the real one (not predicted).\n"
	"Diagnostics (file:line: severity: message) go to standard error.\n";

static const tc_cli_opt options[] = {
	TC_CLI_OPT_FORMAT(tc_cli_text_json, "{*}"),
	TC_CLI_OPT_OUTPUT("write the prediction to FILE instead of standard output"),
	TC_CLI_OPT_DIALECT("{*}: force the config dialect"),
	TC_CLI_OPT_JOBS("read, resolve, predict, write JSON on N threads (default 1)"),
	TC_CLI_OPT_VERBOSE("text: print the trace of both sending orders"),
	{TC_CLI_OPT_SWITCH, 0, "summary", NULL, TC_CLI_ARG(summary), tc_cli_set_true,
	 "text: the counts and the table only, no domain sections", NULL},
	{TC_CLI_OPT_VALUE, 0, "domain", "ID", TC_CLI_ARG(domain), tc_cli_set_string,
	 "only the domain of that row number or id (as explain\n"
	 "takes it); the exit status is its state's, the counts\n"
	 "stay the snapshot's",
	 NULL},
	TC_CLI_OPT_QUIET("no diagnostics or progress line on standard error"),
	TC_CLI_OPT_MAX_DIAGS(TC_CLI_MAX_DIAGS_HELP),
	TC_CLI_OPT_MAX_FILE_SIZE,
	TC_CLI_OPT_ROUNDS("stop simulating after N rounds (default 16)"),
	TC_CLI_OPT_EXIT_ZERO("exit 0 even when a domain is neither stable nor standby"),
	TC_CLI_OPT_FAIL("take device X, or interface X:IF, down first (repeatable)"),
	TC_CLI_OPT_FAILURES("also run every single device and link failure and list\n"
			    "the domains each one changes"),
	TC_CLI_OPT_ASSUME("switch a rule whose sources are thin (repeatable):\n"
			  "{}"),
	{0},
};

const tc_cli_cmd tc_cli_cmd_predict = {
	.name = "predict",
	.synopsis = synopsis,
	.opts = options,
	.hidden = tc_cli_common_opts,
	.col = 23,
	.tables = tc_cli_put_states,
	.epilogue = epilogue,
	.max_operands = 1,
};

int tc_cmd_predict(int argc, char **argv)
{
	struct tc_cli_args a = {0};
	int rc = tc_cli_parse_args(&tc_cli_cmd_predict, argc, argv, &a);
	if (rc >= 0)
		return rc;
	const char *fmt = a.format ? a.format : "text";
	tc_model *m = NULL;
	tc_prediction *p = NULL;
	rc = tc_cli_analyse(&a, &m, &p);
	if (rc >= 0)
		return rc;
	const tc_domain *only = NULL;
	char err[512];
	if (a.domain && tc_render_domain_find(&only, p, a.domain, err, sizeof err) != 0) {
		fprintf(stderr, "tunnelcast: %s\n", err);
		rc = TC_EXIT_USAGE;
		goto out;
	}
	tc_cli_out o;
	if ((rc = tc_cli_out_open(&o, a.output)) != TC_EXIT_OK)
		goto out;
	tc_render_opts ro = {.verbose = a.verbose,
			     .color = false,
			     .jobs = a.jobs,
			     .summary = a.summary,
			     .only = only};
	int r = strcmp(fmt, "json") == 0 ? tc_render_json(o.f, m, p, &ro)
					 : tc_render_text(o.f, m, p, &ro);
	if (r == 0 && strcmp(fmt, "text") == 0)
		r = tc_render_failures_text(o.f, m, p);
	if ((rc = tc_cli_out_close(&o, r == 0)) != TC_EXIT_OK)
		goto out;
	for (int s = 0; s < TC_STATE_COUNT && !a.exit_zero && !only; s++)
		if (p->nstate[s] && !tc_state_info_get((tc_state)s)->ok)
			rc = TC_EXIT_FINDINGS;
	if (only && !a.exit_zero && !tc_state_info_get(only->state)->ok)
		rc = TC_EXIT_FINDINGS; /* --domain: that domain's state alone */
out:
	tc_prediction_free(p);
	tc_model_free(m);
	return rc;
}
