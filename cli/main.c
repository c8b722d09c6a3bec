/* main.c: the tunnelcast command line; wires parser -> model -> predictor -> render. */
#include "model.h"
#include "parser.h"
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Exit codes, stable for CI use (documented in --help and the man page). */
enum {
	EXIT_OK = 0,       /* every domain stable */
	EXIT_FINDINGS = 1, /* some domain oscillating, one-way or down */
	EXIT_USAGE = 2,    /* bad command line */
	EXIT_INPUT = 3,    /* snapshot missing or without any config */
	EXIT_OUTPUT = 4,   /* output could not be written */
};

static const char usage_main[] =
	"usage: tunnelcast [--version] [--help] COMMAND [ARGS]\n"
	"\n"
	"Predict what Cisco ASA and IOS IPsec crypto maps with backup peers really do:\n"
	"which peer ends up owning each encryption domain, and whether it flaps.\n"
	"\n"
	"Commands:\n"
	"  predict SNAPSHOT   print the predicted owner and state of every encryption domain\n"
	"  diagram SNAPSHOT   draw the topology and the predicted tunnels (DOT, SVG, PNG, PDF)\n"
	"  help [COMMAND]     show help for a command\n"
	"\n"
	"A SNAPSHOT is a directory with configs/ (one running-config per device) and\n"
	"optionally routes/<hostname>.txt (show ip route / show route captures). Without\n"
	"configs/, the directory's own files are the configs.\n"
	"\n"
	"Exit status: 0 all domains stable; 1 a domain is oscillating, one-way or down;\n"
	"2 usage error; 3 snapshot unreadable or without configs; 4 output not written.\n"
	"See tunnelcast(1) for details.\n";

static const char usage_predict[] =
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
	"  -v, --verbose        text: print the trace of both sending orders\n"
	"  -q, --quiet          do not print diagnostics on standard error\n"
	"      --max-rounds N   stop simulating after N rounds (default 16)\n"
	"      --exit-zero      exit 0 even when a domain is not stable\n"
	"  -h, --help           show this help\n"
	"\n"
	"States: stable (one owner, both directions flow), oscillating (ownership keeps\n"
	"moving), one-way (an SA is up but one direction is lost), down (no SA comes up).\n"
	"Diagnostics (file:line: severity: message) go to standard error.\n";

static const char usage_diagram[] =
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

struct args {
	const char *snapshot;
	const char *format;
	const char *output;
	tc_dialect dialect;
	bool verbose, quiet, exit_zero;
	unsigned max_rounds;
};

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "tunnelcast: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'tunnelcast %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
	return EXIT_USAGE;
}

/* Parse options shared by the subcommands; returns -1 on success, else an exit code. */
static int parse_args(const char *cmd, int argc, char **argv, struct args *a, const char *help)
{
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		const char *val = NULL;
		const char *eq = strchr(s, '=');
		char name[32] = {0};
		if (s[0] == '-' && s[1] == '-' && eq && (size_t)(eq - s) < sizeof name) {
			memcpy(name, s, (size_t)(eq - s));
			s = name;
			val = eq + 1;
		}
#define TAKES(shortopt, longopt) (strcmp(s, shortopt) == 0 || strcmp(s, longopt) == 0)
#define VALUE()                                                                                    \
	do {                                                                                       \
		if (!val) {                                                                        \
			if (i + 1 >= argc)                                                         \
				return usage_error(cmd, "option %s needs a value", s);            \
			val = argv[++i];                                                           \
		}                                                                                  \
	} while (0)
		if (TAKES("-h", "--help")) {
			fputs(help, stdout);
			return EXIT_OK;
		} else if (TAKES("-f", "--format")) {
			VALUE();
			a->format = val;
		} else if (TAKES("-o", "--output")) {
			VALUE();
			a->output = val;
		} else if (TAKES("-d", "--dialect")) {
			VALUE();
			if (strcmp(val, "asa") == 0)
				a->dialect = TC_DIALECT_ASA;
			else if (strcmp(val, "ios") == 0)
				a->dialect = TC_DIALECT_IOS;
			else if (strcmp(val, "auto") == 0)
				a->dialect = TC_DIALECT_UNKNOWN;
			else
				return usage_error(cmd, "unknown dialect '%s' (use auto, asa or ios)", val);
		} else if (TAKES("-v", "--verbose")) {
			a->verbose = true;
		} else if (TAKES("-q", "--quiet")) {
			a->quiet = true;
		} else if (strcmp(s, "--exit-zero") == 0) {
			a->exit_zero = true;
		} else if (strcmp(s, "--max-rounds") == 0) {
			VALUE();
			char *end = NULL;
			errno = 0;
			long n = strtol(val, &end, 10);
			if (errno || !end || *end || n < 1 || n > 1000)
				return usage_error(cmd, "--max-rounds needs a number from 1 to 1000, not '%s'", val);
			a->max_rounds = (unsigned)n;
		} else if (s[0] == '-' && s[1] != '\0') {
			return usage_error(cmd, "unknown option '%s'", s);
		} else if (!a->snapshot) {
			a->snapshot = s;
		} else {
			return usage_error(cmd, "unexpected argument '%s'", s);
		}
#undef TAKES
#undef VALUE
	}
	if (!a->snapshot)
		return usage_error(cmd, "%s", "missing SNAPSHOT directory");
	return -1;
}

/* Load, finalize and predict; returns -1 on success, else an exit code. */
static int analyse(const struct args *a, tc_model **mout, tc_prediction **pout)
{
	tc_model *m = tc_model_new();
	if (!m) {
		fputs("tunnelcast: out of memory\n", stderr);
		return EXIT_INPUT;
	}
	tc_parse_opts po = {.dialect = a->dialect};
	char err[512] = {0};
	if (tc_snapshot_load(m, a->snapshot, &po, err, sizeof err) != 0) {
		fprintf(stderr, "tunnelcast: %s\n", err[0] ? err : "cannot load snapshot");
		tc_model_free(m);
		return EXIT_INPUT;
	}
	tc_model_finalize(m);
	if (!a->quiet)
		tc_render_diags(stderr, m);
	tc_predict_opts opts = {.max_rounds = a->max_rounds};
	tc_prediction *p = NULL;
	if (tc_predict(&p, m, &opts) != 0) {
		fputs("tunnelcast: prediction failed\n", stderr);
		tc_model_free(m);
		return EXIT_INPUT;
	}
	*mout = m;
	*pout = p;
	return -1;
}

static int cmd_predict(int argc, char **argv)
{
	struct args a = {0};
	int rc = parse_args("predict", argc, argv, &a, usage_predict);
	if (rc >= 0)
		return rc;
	const char *fmt = a.format ? a.format : "text";
	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
		return usage_error("predict", "unknown format '%s' (use text or json)", fmt);
	tc_model *m = NULL;
	tc_prediction *p = NULL;
	rc = analyse(&a, &m, &p);
	if (rc >= 0)
		return rc;
	FILE *out = stdout;
	if (a.output && !(out = fopen(a.output, "w"))) {
		fprintf(stderr, "tunnelcast: cannot write %s: %s\n", a.output, strerror(errno));
		rc = EXIT_OUTPUT;
		goto out;
	}
	tc_render_opts ro = {.verbose = a.verbose, .color = false};
	int r = strcmp(fmt, "json") == 0 ? tc_render_json(out, m, p, &ro) : tc_render_text(out, m, p, &ro);
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

static int cmd_diagram(int argc, char **argv)
{
	struct args a = {0};
	int rc = parse_args("diagram", argc, argv, &a, usage_diagram);
	if (rc >= 0)
		return rc;
	if (!a.output)
		return usage_error("diagram", "%s", "missing -o FILE");
	tc_model *m = NULL;
	tc_prediction *p = NULL;
	rc = analyse(&a, &m, &p);
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

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_main, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("tunnelcast %s\n", TC_VERSION);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage_main, stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "help") == 0) {
		const char *what = argc > 2 ? argv[2] : NULL;
		if (!what)
			fputs(usage_main, stdout);
		else if (strcmp(what, "predict") == 0)
			fputs(usage_predict, stdout);
		else if (strcmp(what, "diagram") == 0)
			fputs(usage_diagram, stdout);
		else
			return usage_error(NULL, "no help for unknown command '%s'", what);
		return EXIT_OK;
	}
	if (strcmp(cmd, "predict") == 0)
		return cmd_predict(argc - 2, argv + 2);
	if (strcmp(cmd, "diagram") == 0)
		return cmd_diagram(argc - 2, argv + 2);
	return usage_error(NULL, "unknown command '%s'", cmd);
}
