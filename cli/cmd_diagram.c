/* cmd_diagram.c: `tunnelcast diagram`: topology and predicted tunnels through Graphviz. */
#include "cli.h"
#include "render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What `diagram` reads from its command line. */
struct diagram_args {
	struct tc_cli_args a; /* the options it shares (first: the shared entries' offsets) */
	const char *domain;   /* --domain ID */
	bool steps;	      /* --steps */
	unsigned collapse;    /* --collapse N, 0: the renderer's default */
	long max_steps;	      /* --max-steps N, -1 all; 0: DEFAULT_MAX_STEPS */
	long max_nodes;	      /* --max-nodes N, -1 all; 0: the renderer's default */
};

/* Step pictures --steps draws by default: a domain of 200 overlapping ACL lines had 32 000
 * events, and a file each filled the disk for minutes. */
#define DEFAULT_MAX_STEPS 200
#define DIAGRAM_ARG(field) offsetof(struct diagram_args, field)

static int set_collapse(void *field, const char *val, const char *cmd)
{
	long n;
	if (!tc_cli_number(val, 1, 100000, &n))
		return tc_cli_usage_error(
			cmd, "--collapse needs a number from 1 to 100000, not '%s'", val);
	*(unsigned *)field = (unsigned)n;
	return -1;
}

/* --max-steps and --max-nodes: a count, or all (-1). */
static int set_count(void *field, const char *val, const char *cmd, const char *opt)
{
	long n;
	if (!tc_cli_number_or_all(val, 1, 1000000000, &n))
		return tc_cli_usage_error(
			cmd, "%s needs a number from 1 to 1000000000 or all, not '%s'", opt, val);
	*(long *)field = n;
	return -1;
}

static int set_max_steps(void *field, const char *val, const char *cmd)
{
	return set_count(field, val, cmd, "--max-steps");
}

static int set_max_nodes(void *field, const char *val, const char *cmd)
{
	return set_count(field, val, cmd, "--max-nodes");
}

static const char synopsis[] =
	"usage: tunnelcast diagram [OPTIONS] -o FILE SNAPSHOT\n"
	"\n"
	"Draw the devices grouped by site, their shared subnets and the predicted\n"
	"tunnels, coloured by state: the owning peer's tunnel solid and bold, the other\n"
	"listed peers dashed with their place in the peer list (1st, 2nd...).\n"
	"\n"
	"Options:\n";

/* the formats tc_render_diagram_format() knows, for -f (it checks the extension itself) */
static const char *const formats[] = {"dot", "svg", "png", "pdf", NULL};

static const tc_cli_opt options[] = {
	TC_CLI_OPT_OUTPUT("file to write (required); the format follows the extension"),
	TC_CLI_OPT_FORMAT(formats, "{} (overrides the extension)"),
	{TC_CLI_OPT_VALUE, 0, "domain", "ID", DIAGRAM_ARG(domain), tc_cli_set_string,
	 "draw one domain: its row number in `tunnelcast predict` or\n"
	 "its id DEVICE:MAP:SEQ:LOCAL>REMOTE (add #LINE when two ACL\n"
	 "lines share the proxy pair)",
	 NULL},
	{TC_CLI_OPT_SWITCH, 0, "steps", NULL, DIAGRAM_ARG(steps), tc_cli_set_true,
	 "with --domain: one picture per event of the domain's trace,\n"
	 "the SA state after it, written to FILE-1.EXT, FILE-2.EXT...",
	 NULL},
	{TC_CLI_OPT_VALUE, 0, "max-steps", "N", DIAGRAM_ARG(max_steps), set_max_steps,
	 "with --steps: draw at most N pictures (default 200, or all)", NULL},
	{TC_CLI_OPT_VALUE, 0, "collapse", "N", DIAGRAM_ARG(collapse), set_collapse,
	 "draw up to N spoke sites one by one, group the rest with\n"
	 "counts (default 12)",
	 NULL},
	{TC_CLI_OPT_VALUE, 0, "max-nodes", "N", DIAGRAM_ARG(max_nodes), set_max_nodes,
	 "beyond N nodes (default 100, or all), fold the picture: a\n"
	 "node per site, per group of sites, for the transit routers",
	 NULL},
	TC_CLI_OPT_DIALECT("{*}"),
	TC_CLI_OPT_JOBS("read, resolve and predict on N threads (default 1)"),
	TC_CLI_OPT_QUIET("no diagnostics or progress line on standard error"),
	TC_CLI_OPT_MAX_DIAGS(TC_CLI_MAX_DIAGS_HELP),
	TC_CLI_OPT_MAX_FILE_SIZE,
	{0},
};

const tc_cli_cmd tc_cli_cmd_diagram = {
	.name = "diagram",
	.synopsis = synopsis,
	.opts = options,
	.hidden = tc_cli_common_opts,
	.col = 23,
	.max_operands = 1,
};

/* "out.svg" and 3 -> "out-3.svg"; "out" -> "out-3". malloc'd. */
static char *step_path(const char *path, size_t step)
{
	const char *base = strrchr(path, '/');
	const char *dot = strrchr(base ? base + 1 : path, '.');
	size_t stem = dot ? (size_t)(dot - path) : strlen(path);
	size_t n = strlen(path) + 24;
	char *s = tc_xmalloc(n);
	snprintf(s, n, "%.*s-%zu%s", (int)stem, path, step, dot ? dot : "");
	return s;
}

/* One picture into path (o->format set); a Graphviz failure is named with the path, a
 * note (the picture was folded or scaled down) said unless quiet. */
static int write_diagram(const char *path, const tc_model *m, const tc_prediction *p,
			 const tc_diagram_opts *o, bool quiet)
{
	tc_cli_out out;
	int rc = tc_cli_out_open(&out, path);
	if (rc)
		return rc;
	char err[512] = {0};
	if (tc_render_graph(out.f, m, p, o, err, sizeof err) == 0 || ferror(out.f)) {
		if (err[0] && !quiet && !ferror(out.f))
			fprintf(stderr, "tunnelcast: note: %s: %s\n", path, err);
		return tc_cli_out_close(&out, !ferror(out.f)); /* a write error: errno's text */
	}
	fprintf(stderr, "tunnelcast: %s: %s\n", path, err[0] ? err : "cannot draw the diagram");
	tc_cli_out_discard(&out);
	return TC_EXIT_OUTPUT;
}

int tc_cmd_diagram(int argc, char **argv)
{
	struct diagram_args d = {0};
	struct tc_cli_args *a = &d.a;
	int rc = tc_cli_parse_args(&tc_cli_cmd_diagram, argc, argv, a);
	if (rc >= 0)
		return rc;
	if (!a->output)
		return tc_cli_usage_error("diagram", "%s", "missing -o FILE");
	if (d.steps && !d.domain)
		return tc_cli_usage_error("diagram", "%s", "--steps needs --domain ID");
	tc_model *m = NULL;
	tc_prediction *p = NULL;
	rc = tc_cli_analyse(a, &m, &p);
	if (rc >= 0)
		return rc;

	char ext[8], err[512] = {0};
	tc_diagram_opts o = {.collapse = d.collapse,
			     .max_nodes = d.max_nodes < 0 ? SIZE_MAX : (size_t)d.max_nodes};
	o.format = tc_render_diagram_format(ext, sizeof ext, a->output, a->format, err, sizeof err);
	if (!o.format) {
		fprintf(stderr, "tunnelcast: %s\n", err);
		rc = TC_EXIT_USAGE;
		goto out;
	}
	if (d.domain) {
		if (tc_render_domain_find(&o.domain, p, d.domain, err, sizeof err) != 0) {
			rc = tc_cli_usage_error("diagram", "%s", err[0] ? err : "no such domain");
			goto out;
		}
	}
	if (!d.steps) {
		rc = write_diagram(a->output, m, p, &o, a->quiet);
		goto out;
	}
	rc = TC_EXIT_OK;
	size_t nsteps = tc_render_nsteps(o.domain), max = nsteps;
	if (d.max_steps >= 0 && max > (size_t)(d.max_steps ? d.max_steps : DEFAULT_MAX_STEPS))
		max = (size_t)(d.max_steps ? d.max_steps : DEFAULT_MAX_STEPS);
	if (max < nsteps) /* said whatever -q: files the user expects are missing */
		fprintf(stderr,
			"tunnelcast: the domain's trace has %zu steps: drew the first %zu "
			"(--max-steps N or all draws more)\n",
			nsteps, max);
	for (size_t k = 1; k <= max && rc == TC_EXIT_OK; k++) {
		char *path = step_path(a->output, k);
		o.step = k;
		rc = write_diagram(path, m, p, &o, a->quiet);
		free(path);
	}
out:
	tc_prediction_free(p);
	tc_model_free(m);
	return rc;
}
