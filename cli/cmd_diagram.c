/* cmd_diagram.c: `tunnelcast diagram`: topology and predicted tunnels through Graphviz. */
#include "cli.h"
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char tc_usage_diagram[] =
	"usage: tunnelcast diagram [OPTIONS] -o FILE SNAPSHOT\n"
	"\n"
	"Draw the devices grouped by site, their shared subnets and the predicted\n"
	"tunnels, coloured by state: the owning peer's tunnel solid and bold, the other\n"
	"listed peers dashed with their place in the peer list (1st, 2nd...).\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE    file to write (required); the format follows the extension\n"
	"  -f, --format FMT     dot, svg, png or pdf (overrides the extension)\n"
	"      --domain ID      draw one domain: its row number in `tunnelcast predict` or\n"
	"                       its id DEVICE:MAP:SEQ:LOCAL>REMOTE (add #LINE when two ACL\n"
	"                       lines share the proxy pair)\n"
	"      --steps          with --domain: one picture per event of the domain's trace,\n"
	"                       the SA state after it, written to FILE-1.EXT, FILE-2.EXT...\n"
	"      --collapse N     draw up to N spoke sites one by one, group the rest with\n"
	"                       counts (default 12)\n"
	"  -d, --dialect D      auto (default), asa or ios\n"
	"  -j, --jobs N         read, resolve and predict on N threads (default 1)\n"
	"  -q, --quiet          do not print diagnostics on standard error\n"
	"  -h, --help           show this help\n";

/* Options only `diagram` has; the rest go to tc_cli_parse_args(). */
struct diagram_args {
	const char *domain;
	bool steps;
	unsigned collapse;
};

/* Move the diagram-only options out of argv into d; returns the new argc,
 * or -1 - exit code on a usage error. */
static int take_diagram_args(int argc, char **argv, struct diagram_args *d)
{
	int out = 0;
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (strcmp(s, "--steps") == 0) {
			d->steps = true;
			continue;
		}
		const char *names[] = {"--domain", "--collapse"};
		const char *val = NULL;
		int which = -1;
		for (int k = 0; k < 2 && which < 0; k++) {
			size_t n = strlen(names[k]);
			if (strncmp(s, names[k], n) == 0 && s[n] == '=') {
				which = k;
				val = s + n + 1;
			} else if (strcmp(s, names[k]) == 0) {
				which = k;
				if (i + 1 >= argc)
					return -1 - tc_cli_usage_error("diagram",
								       "option %s needs a value", s);
				val = argv[++i];
			}
		}
		if (which == 0) {
			d->domain = val;
		} else if (which == 1) {
			char *end = NULL;
			errno = 0;
			long n = strtol(val, &end, 10);
			if (errno || !end || *end || n < 1 || n > 100000)
				return -1 - tc_cli_usage_error(
						    "diagram", "--collapse needs a number from 1 to 100000, not '%s'",
						    val);
			d->collapse = (unsigned)n;
		} else {
			argv[out++] = argv[i];
		}
	}
	return out;
}

/* "out.svg" and 3 -> "out-3.svg"; "out" -> "out-3". malloc'd. */
static char *step_path(const char *path, size_t step)
{
	const char *base = strrchr(path, '/');
	const char *dot = strrchr(base ? base + 1 : path, '.');
	size_t stem = dot ? (size_t)(dot - path) : strlen(path);
	size_t n = strlen(path) + 24;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%.*s-%zu%s", (int)stem, path, step, dot ? dot : "");
	return s;
}

static int write_diagram(const char *path, const tc_model *m, const tc_prediction *p,
			 const tc_diagram_opts *o)
{
	char err[512] = {0};
	if (tc_render_diagram(path, m, p, o, err, sizeof err) == 0)
		return EXIT_OK;
	fprintf(stderr, "tunnelcast: %s\n", err[0] ? err : "cannot write the diagram");
	return strstr(err, "format") ? EXIT_USAGE : EXIT_OUTPUT;
}

int tc_cmd_diagram(int argc, char **argv)
{
	struct tc_cli_args a = {0};
	struct diagram_args d = {0};
	argc = take_diagram_args(argc, argv, &d);
	if (argc < 0)
		return -1 - argc;
	int rc = tc_cli_parse_args("diagram", argc, argv, &a, tc_usage_diagram);
	if (rc >= 0)
		return rc;
	if (!a.output)
		return tc_cli_usage_error("diagram", "%s", "missing -o FILE");
	if (d.steps && !d.domain)
		return tc_cli_usage_error("diagram", "%s", "--steps needs --domain ID");
	tc_model *m = NULL;
	tc_prediction *p = NULL;
	rc = tc_cli_analyse(&a, &m, &p);
	if (rc >= 0)
		return rc;

	tc_diagram_opts o = {.format = a.format, .collapse = d.collapse};
	if (d.domain) {
		char err[512] = {0};
		if (tc_render_domain_find(&o.domain, p, d.domain, err, sizeof err) != 0) {
			rc = tc_cli_usage_error("diagram", "%s", err[0] ? err : "no such domain");
			goto out;
		}
	}
	if (!d.steps) {
		rc = write_diagram(a.output, m, p, &o);
		goto out;
	}
	rc = EXIT_OK;
	for (size_t k = 1; k <= tc_render_nsteps(o.domain) && rc == EXIT_OK; k++) {
		char *path = step_path(a.output, k);
		if (!path) {
			fputs("tunnelcast: out of memory\n", stderr);
			rc = EXIT_OUTPUT;
			break;
		}
		o.step = k;
		rc = write_diagram(path, m, p, &o);
		free(path);
	}
out:
	tc_prediction_free(p);
	tc_model_free(m);
	return rc;
}
