/* cmd_routes.c: `tunnelcast routes`: the routing tables of a snapshot's devices, computed from
 * their configs (or one capture file, parsed). */
#include "cli.h"
#include "parser.h"
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char synopsis[] =
	"usage: tunnelcast routes [OPTIONS] SNAPSHOT\n"
	"       tunnelcast routes [-f FMT] [-o FILE] [-q] FILE\n"
	"\n"
	"With a SNAPSHOT directory: print the routing table of every device (or of one)\n"
	"as IOS 15 `show ip route` prints it after its legend (ASA devices: `show route`),\n"
	"so that it can be diffed against the real devices: the routes computed from the\n"
	"configs (connected, local, static, OSPF, EIGRP, BGP, RIP), per prefix those of\n"
	"the lowest administrative distance, or the device's capture when\n"
	"routes/<hostname>.txt replaces them. The global table, then each VRF's\n"
	"(`Routing Table: V`). There is no age column: configs have no ages.\n"
	"\n"
	"With a FILE: parse that one routing-table capture, IOS/IOS-XE `show ip route`\n"
	"or ASA `show route` (either shape is recognised), and print its routes: VRF,\n"
	"prefix, route code, distance and metric, and every equal-cost next hop with\n"
	"its interface. Routes of `Routing Table: NAME` sections carry their VRF; an\n"
	"ASA network written as a name stays a name (there is no config to resolve it).\n"
	"Lines not understood are diagnostics on standard error.\n"
	"\n"
	"Options:\n";

static const char epilogue[] =
	"\n"
	"Exit status: 0 read (--compare: no prefix differs); 1 --compare found prefixes\n"
	"that differ; 2 usage error (an unknown --device or --vrf included); 3 file or\n"
	"snapshot unreadable; 4 output not written.\n";

struct routes_args {
	struct tc_cli_args a; /* first: the shared options' offsets are into it */
	const char *device;   /* --device NAME */
	const char *vrf;      /* --vrf V */
	bool compare;	      /* --compare */
};

#define RT_ARG(field) offsetof(struct routes_args, field)

static const tc_cli_opt options[] = {
	TC_CLI_OPT_FORMAT(tc_cli_text_json,
			  "{*}: a snapshot gives {..., devices:\n"
			  "[{device, source: configs|capture, routes: [...]}]}, a FILE\n"
			  "{..., routes: [...]}; a route is {vrf, prefix, name, code,\n"
			  "distance, metric, nexthops: [{ip, interface, vrf}]},\n"
			  "null where the line prints nothing"),
	TC_CLI_OPT_OUTPUT("write to FILE instead of standard output"),
	{TC_CLI_OPT_VALUE, 0, "device", "NAME", RT_ARG(device), tc_cli_set_string,
	 "only the device of this hostname", NULL},
	{TC_CLI_OPT_VALUE, 0, "vrf", "V", RT_ARG(vrf), tc_cli_set_string,
	 "only the routing table of VRF V", NULL},
	{TC_CLI_OPT_SWITCH, 0, "compare", NULL, RT_ARG(compare), tc_cli_set_true,
	 "for each device with a capture, the prefixes where the\n"
	 "table its configs give and the capture differ (missing on\n"
	 "one side, another code, next hop, AD/metric), one line\n"
	 "each; exit 1 when any differs",
	 NULL},
	TC_CLI_OPT_EXIT_ZERO("--compare: exit 0 even when prefixes differ"),
	TC_CLI_OPT_DIALECT("{*}: force the config dialect"),
	TC_CLI_OPT_JOBS("read the snapshot on N threads (default 1)"),
	TC_CLI_OPT_QUIET("no diagnostics or progress line on standard error"),
	TC_CLI_OPT_MAX_DIAGS(TC_CLI_MAX_DIAGS_HELP),
	TC_CLI_OPT_MAX_FILE_SIZE,
	{0},
};

const tc_cli_cmd tc_cli_cmd_routes = {
	.name = "routes",
	.synopsis = synopsis,
	.opts = options,
	.hidden = tc_cli_common_opts,
	.col = 23,
	.epilogue = epilogue,
	.max_operands = 1,
};

static int write_text(FILE *out, const void *d)
{
	return tc_render_routes_text(out, d);
}

static int write_json(FILE *out, const void *d)
{
	return tc_render_routes_json(out, d);
}

/* `routes FILE`: one capture, parsed. */
static int routes_file(const struct tc_cli_args *a, bool json)
{
	tc_model *m;
	tc_device *d;
	int rc = tc_cli_capture(&m, &d, a->snapshot, a, tc_parse_routes);
	if (rc >= 0)
		return rc;
	rc = tc_cli_write(a->output, json ? write_json : write_text, d);
	tc_model_free(m);
	return rc;
}

/* What one `routes SNAPSHOT` run writes. */
struct rib_job {
	const tc_device **devs;	 /* the devices shown */
	const tc_device **views; /* --compare: each one's view from its configs, or NULL */
	size_t n;
	const char *vrf;
	bool json, compare;
	size_t *ndiff; /* --compare: prefixes that differ */
};

static int write_rib(FILE *out, const void *arg)
{
	const struct rib_job *j = arg;
	if (j->compare)
		return j->json ? tc_render_rib_compare_json(out, j->devs, j->views, j->n, j->vrf,
							    j->ndiff)
			       : tc_render_rib_compare_text(out, j->devs, j->views, j->n, j->vrf,
							    j->ndiff);
	return j->json ? tc_render_rib_json(out, j->devs, j->n, j->vrf)
		       : tc_render_rib_text(out, j->devs, j->n, j->vrf);
}

/* The devices ra asks for into j->devs: one (--device), or all; with --vrf, those that have
 * that table. -1, or TC_EXIT_USAGE. */
static int pick_devices(struct rib_job *j, const tc_model *m, const struct routes_args *ra)
{
	j->devs = tc_xcalloc(m->ndevs + 1, sizeof *j->devs);
	if (ra->device) {
		const tc_device *d = tc_device_find(m, ra->device);
		if (!d)
			return tc_cli_usage_error("routes", "--device: no device named '%s' in %s",
						  ra->device, ra->a.snapshot);
		j->devs[j->n++] = d;
	} else
		for (size_t k = 0; k < m->ndevs; k++)
			j->devs[j->n++] = m->devs[k];
	if (!ra->vrf)
		return -1;
	size_t o = 0;
	for (size_t k = 0; k < j->n; k++)
		if (tc_render_rib_has_vrf(j->devs[k], ra->vrf))
			j->devs[o++] = j->devs[k];
	j->n = o;
	if (!o)
		return tc_cli_usage_error("routes", "--vrf: no VRF named '%s' on %s", ra->vrf,
					  ra->device ? ra->device : "any device of the snapshot");
	return -1;
}

/* `routes SNAPSHOT`: the routing tables, or their differences from the captures. */
static int routes_snapshot(const struct routes_args *ra, bool json)
{
	tc_model *m = NULL;
	int rc = tc_cli_load(&ra->a, &m);
	if (rc >= 0)
		return rc;
	if (m->ndevs == 0) { /* every file was skipped (binary, empty, unreadable) */
		fprintf(stderr, "tunnelcast: no usable config in %s: every file was skipped%s\n",
			ra->a.snapshot, ra->a.quiet ? " (run without -q to see why)" : "");
		tc_model_free(m);
		return TC_EXIT_INPUT;
	}
	size_t ndiff = 0;
	struct rib_job j = {.vrf = ra->vrf, .json = json, .compare = ra->compare, .ndiff = &ndiff};
	rc = pick_devices(&j, m, ra);
	if (rc < 0 && ra->compare) {
		j.views = tc_xcalloc(j.n + 1, sizeof *j.views);
		for (size_t k = 0; k < j.n; k++)
			if (j.devs[k]->has_capture)
				j.views[k] = tc_device_configs_view(m, j.devs[k]);
	}
	if (rc < 0)
		rc = tc_cli_write(ra->a.output, write_rib, &j);
	if (rc == TC_EXIT_OK && ndiff && !ra->a.exit_zero)
		rc = TC_EXIT_FINDINGS;
	free(j.devs);
	free(j.views);
	tc_model_free(m);
	return rc;
}

int tc_cmd_routes(int argc, char **argv)
{
	struct routes_args ra = {0};
	int rc = tc_cli_parse_args(&tc_cli_cmd_routes, argc, argv, &ra.a);
	if (rc >= 0)
		return rc;
	const char *fmt = ra.a.format ? ra.a.format : "text";
	bool json = strcmp(fmt, "json") == 0;
	struct stat st;
	if (stat(ra.a.snapshot, &st) == 0 && S_ISDIR(st.st_mode))
		return routes_snapshot(&ra, json);
	if (ra.device || ra.vrf || ra.compare)
		return tc_cli_usage_error("routes",
					  "--%s needs a SNAPSHOT directory; %s is not one",
					  ra.device ? "device"
					  : ra.vrf  ? "vrf"
						    : "compare",
					  ra.a.snapshot);
	return routes_file(&ra.a, json);
}
