/* cmd_report.c: `tunnelcast report`: the prediction as one self-contained HTML page. */
#include "cli.h"
#include "render.h"

#include <stdio.h>
#include <string.h>

/* Domains drawn step by step by default, the ones neither stable nor standby first: a
 * picture is ~3 ms and ~11 kB of SVG on a 1 000-device snapshot and a domain
 * has ~17, so every domain of a 10 000-domain estate would be 9 minutes and
 * 2 GB of HTML; 100 domains add ~5 s and ~20 MB. */
#define TC_REPORT_PICTURES 100

/* --pictures N or all: how many domains get step pictures (long, -1: all). */
static int set_pictures(void *field, const char *val, const char *cmd)
{
	long n = -1;
	if (strcmp(val, "all") != 0 && !tc_cli_number(val, 0, 1000000, &n))
		return tc_cli_usage_error(
			cmd,
			"--pictures needs a number of domains from 0 to 1000000 or 'all', not '%s'",
			val);
	*(long *)field = n;
	return -1;
}

static const char *const formats[] = {"html", NULL};

static const char synopsis[] =
	"usage: tunnelcast report [OPTIONS] -o FILE SNAPSHOT\n"
	"\n"
	"Write an HTML report to paste into a change ticket or open offline: the counts,\n"
	"the network diagram, a sortable table of encryption domains, and each domain's\n"
	"event timeline with pictures of the SA state as it changes. One file, nothing\n"
	"loaded from the network; no pre-shared key or password ever appears.\n"
	"\n"
	"Options:\n";

static const tc_cli_opt options[] = {
	TC_CLI_OPT_OUTPUT("file to write (required); - for standard output"),
	{TC_CLI_OPT_VALUE, 0, "pictures", "N", TC_CLI_ARG(pictures), set_pictures,
	 "draw step pictures for N domains, those neither stable\n"
	 "nor standby first (default 100; all: every domain,\n"
	 "~3 ms and ~11 kB a picture, ~17 a domain); the other\n"
	 "timelines are text only",
	 NULL},
	TC_CLI_OPT_DIALECT("{*}"),
	TC_CLI_OPT_JOBS("read, resolve and predict on N threads (default 1)"),
	TC_CLI_OPT_QUIET("no diagnostics or progress line on standard error"),
	TC_CLI_OPT_MAX_DIAGS(TC_CLI_MAX_DIAGS_HELP),
	TC_CLI_OPT_MAX_FILE_SIZE,
	TC_CLI_OPT_ROUNDS("stop simulating after N rounds (default 16)"),
	TC_CLI_OPT_FORMAT(formats, NULL), /* not shown: the report is html */
	{0},
};

const tc_cli_cmd tc_cli_cmd_report = {
	.name = "report",
	.synopsis = synopsis,
	.opts = options,
	.hidden = tc_cli_common_opts,
	.col = 23,
	.max_operands = 1,
};

int tc_cmd_report(int argc, char **argv)
{
	struct tc_cli_args a = {.pictures = TC_REPORT_PICTURES};
	int rc = tc_cli_parse_args(&tc_cli_cmd_report, argc, argv, &a);
	if (rc >= 0)
		return rc;
	if (!a.output)
		return tc_cli_usage_error("report", "%s", "missing -o FILE");
	tc_model *m = NULL;
	tc_prediction *p = NULL;
	rc = tc_cli_analyse(&a, &m, &p);
	if (rc >= 0)
		return rc;
	tc_cli_out o;
	if ((rc = tc_cli_out_open(&o, a.output)) == TC_EXIT_OK) {
		tc_render_opts ro = {.pictures = a.pictures};
		rc = tc_cli_out_close(&o, tc_render_html(o.f, m, p, &ro) == 0);
	}
	tc_prediction_free(p);
	tc_model_free(m);
	return rc;
}
