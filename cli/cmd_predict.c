/* cmd_predict.c: `tunnelcast predict`: the prediction as text or JSON. */
#include "cli.h"
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const char tc_usage_predict[] =
	"usage: tunnelcast predict [OPTIONS] SNAPSHOT\n"
	"\n"
	"Walk the traffic of every crypto ACL permit line (an encryption domain) through\n"
	"routing and crypto maps from both ends, and report which backup peer owns each\n"
	"domain's SA in steady state, with the numbered event trace that leads there.\n"
	"\n"
	"Options:\n"
	"  -f, --format FMT     text (default) or json\n"
	"  -o, --output FILE    write the prediction to FILE instead of standard output\n"
	"  -d, --dialect D      auto (default), asa or ios: force the config dialect\n"
	"  -j, --jobs N         read, resolve, predict, write JSON on N threads (default 1)\n"
	"  -v, --verbose        text: print the trace of both sending orders\n"
	"  -q, --quiet          do not print diagnostics on standard error\n"
	"      --max-rounds N   stop simulating after N rounds (default 16)\n"
	"      --exit-zero      exit 0 even when a domain is not stable\n"
	"      --fail X         take device X, or interface X:IF, down first (repeatable)\n"
	"      --failures single  also run every single device and link failure and list\n"
	"                       the domains each one changes\n"
	"      --assume NAME    switch a rule whose sources are thin (repeatable):\n"
	"                       responder-moves-active, ikev2-accepts-backup, no-replacement\n"
	"  -h, --help           show this help\n"
	"\n"
	"States: stable (one owner, both directions flow), oscillating (ownership keeps\n"
	"moving), one-way (an SA is up but one direction is lost), down (no SA comes up).\n"
	"Diagnostics (file:line: severity: message) go to standard error.\n";

int tc_cmd_predict(int argc, char **argv)
{
	struct tc_cli_args a = {0};
	int rc = tc_cli_parse_args("predict", argc, argv, &a, tc_usage_predict);
	if (rc >= 0)
		return rc;
	const char *fmt = a.format ? a.format : "text";
	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
		return tc_cli_usage_error("predict", "unknown format '%s' (use text or json)", fmt);
	tc_model *m = NULL;
	tc_prediction *p = NULL;
	rc = tc_cli_analyse(&a, &m, &p);
	if (rc >= 0)
		return rc;
	FILE *out = stdout;
	if (a.output && !(out = fopen(a.output, "w"))) {
		fprintf(stderr, "tunnelcast: cannot write %s: %s\n", a.output, strerror(errno));
		rc = EXIT_OUTPUT;
		goto out;
	}
	tc_render_opts ro = {.verbose = a.verbose, .color = false, .jobs = a.jobs};
	int r = strcmp(fmt, "json") == 0 ? tc_render_json(out, m, p, &ro) : tc_render_text(out, m, p, &ro);
	if (r == 0 && strcmp(fmt, "text") == 0)
		r = tc_render_failures_text(out, m, p);
	if (fflush(out) != 0 || ferror(out))
		r = TC_ERROR;
	if (out != stdout && fclose(out) != 0)
		r = TC_ERROR;
	if (r != 0) {
		fprintf(stderr, "tunnelcast: error writing the prediction\n");
		rc = EXIT_OUTPUT;
		goto out;
	}
	rc = EXIT_OK;
	if (!a.exit_zero && p->nstate[TC_STATE_STABLE] != p->ndomains)
		rc = EXIT_FINDINGS;
out:
	tc_prediction_free(p);
	tc_model_free(m);
	return rc;
}

