/* cmd_drift.c: `tunnelcast drift`: the prediction against the SAs captured on the devices. */
#include "cli.h"
#include "render.h"

#include <string.h>

static const char synopsis[] =
	"usage: tunnelcast drift [OPTIONS] SNAPSHOT\n"
	"\n"
	"Hold the prediction against the live state captured from the devices in\n"
	"SNAPSHOT/state/<hostname>.txt (show crypto ipsec sa, show crypto isakmp/ikev1/ikev2\n"
	"sa, show crypto session, show vpn-sessiondb l2l): per encryption domain, which\n"
	"peer holds its phase-2 SA in the capture against the predicted owner and state,\n"
	"then every captured SA that no crypto ACL line explains. A device without a\n"
	"capture is read from its peers' captures, mirrored.\n"
	"\n"
	"Options:\n";

static const char epilogue[] =
	"\n"
	"Verdicts:\n"
	"  matches           the capture shows the predicted owner (oscillating: any one of\n"
	"                    its owners at capture time; standby and down: no SA)\n"
	"  owner differs     another peer holds the SA, or one holds it where none should\n"
	"  missing SA        an SA is predicted, none is up: idle when the IKE SA is up,\n"
	"                    down when not\n"
	"  one-way observed  the SA counts packets one way only\n"
	"  unexplained SA    an SA is up for a pair no crypto ACL line permits\n"
	"  not captured      neither the device nor a peer of it was captured\n"
	"Exit status 0 when every captured domain matches, 1 on any drift.\n";

static const char *const formats[] = {"text", "json", "markdown", "sarif", NULL};

static const tc_cli_opt options[] = {
	TC_CLI_OPT_FORMAT(formats, "{*}"),
	TC_CLI_OPT_OUTPUT("write the report to FILE instead of standard output"),
	TC_CLI_OPT_DIALECT("{*}: force the config dialect"),
	TC_CLI_OPT_JOBS("read, resolve and predict on N threads (default 1)"),
	TC_CLI_OPT_QUIET("no diagnostics or progress line on standard error"),
	TC_CLI_OPT_MAX_DIAGS(TC_CLI_MAX_DIAGS_HELP),
	TC_CLI_OPT_ROUNDS("stop simulating after N rounds (default 16)"),
	TC_CLI_OPT_EXIT_ZERO("exit 0 even when the capture drifts from the prediction"),
	TC_CLI_OPT_ASSUME("switch a rule whose sources are thin (repeatable), as\n"
			  "for predict"),
	{0},
};

const tc_cli_cmd tc_cli_cmd_drift = {
	.name = "drift",
	.synopsis = synopsis,
	.opts = options,
	.hidden = tc_cli_common_opts,
	.col = 23,
	.epilogue = epilogue,
	.max_operands = 1,
};

/* What the writer gets through tc_cli_write(). */
struct drift_out {
	int format; /* index into formats */
	const tc_model *m;
	const tc_prediction *p;
	const tc_drift *dr;
};

static int write_drift(FILE *out, const void *arg)
{
	const struct drift_out *o = arg;
	switch (o->format) {
	case 1:
		return tc_render_drift_json(out, o->m, o->p, o->dr);
	case 2:
		return tc_render_drift_markdown(out, o->m, o->p, o->dr);
	case 3:
		return tc_render_drift_sarif(out, o->p, o->dr);
	default:
		return tc_render_drift_text(out, o->m, o->p, o->dr);
	}
}

int tc_cmd_drift(int argc, char **argv)
{
	struct tc_cli_args a = {0};
	int rc = tc_cli_parse_args(&tc_cli_cmd_drift, argc, argv, &a);
	if (rc >= 0)
		return rc;
	int fmt = tc_cli_word(a.format ? a.format : "text", formats); /* checked by the table */
	tc_model *m = NULL;
	tc_prediction *p = NULL;
	rc = tc_cli_analyse(&a, &m, &p);
	if (rc >= 0)
		return rc;
	tc_drift *dr = NULL;
	if (tc_drift_compute(&dr, m, p) != 0) {
		fputs("tunnelcast: drift failed\n", stderr);
		rc = TC_EXIT_INPUT;
		goto out;
	}
	struct drift_out o = {.format = fmt, .m = m, .p = p, .dr = dr};
	rc = tc_cli_write(a.output, write_drift, &o);
	if (rc == TC_EXIT_OK && !a.exit_zero && tc_drift_found(dr))
		rc = TC_EXIT_FINDINGS;
out:
	tc_drift_free(dr);
	tc_prediction_free(p);
	tc_model_free(m);
	return rc;
}
