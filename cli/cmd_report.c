/* cmd_report.c: `tunnelcast report`: the prediction as one self-contained HTML page. */
#include "cli.h"
#include "render.h"

#include <stdio.h>
#include <string.h>

/* Without --pictures, domains are drawn step by step, the ones neither stable nor standby
 * first, until their pictures would pass TC_HTML_PICTURE_BUDGET bytes (render.h: less in a
 * big report): a picture is ~3-6 ms and ~6-11 kB of SVG and a domain has ~17, so every
 * domain of a 10 000-domain estate would be 9 minutes and 2 GB of HTML; 1 MiB holds every
 * sample whole. */
#define TC_REPORT_BUDGET (-2)

/* --pictures N or all: how many domains get step pictures (long, -1: all), whatever
 * their size. */
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
	"Size budget: the step pictures stop at 1 MiB of SVG, the domains neither stable\n"
	"nor standby first; `tunnelcast diagram --domain ID --steps` draws the others on\n"
	"demand and --pictures all draws every one. Past 100 domains the page holds 5 KiB\n"
	"a domain: the pictures (at most a fifth of it and 256 KiB) and the events of\n"
	"timelines of more than 24 events are stored inert and appear when their domain\n"
	"is opened (in a browser with JavaScript); once the page passes its budget, such\n"
	"a timeline keeps its first 24 events and names `tunnelcast explain` for the\n"
	"rest.\n"
	"\n"
	"Options:\n";

static const tc_cli_opt options[] = {
	TC_CLI_OPT_OUTPUT("file to write (required); - for standard output"),
	{TC_CLI_OPT_VALUE, 0, "pictures", "N", TC_CLI_ARG(pictures), set_pictures,
	 "draw step pictures for N domains, those neither stable\n"
	 "nor standby first, whatever their size (default: the\n"
	 "size budget above; all: every domain, ~3 ms and ~11 kB\n"
	 "a picture, ~17 a domain); the other timelines are text\n"
	 "only",
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
	struct tc_cli_args a = {.pictures = TC_REPORT_BUDGET};
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
		if (a.pictures == TC_REPORT_BUDGET)
			ro = (tc_render_opts){.pictures = -1,
					      .picture_budget = TC_HTML_PICTURE_BUDGET};
		rc = tc_cli_out_close(&o, tc_render_html(o.f, m, p, &ro) == 0);
	}
	tc_prediction_free(p);
	tc_model_free(m);
	return rc;
}
