/* cmd_state.c: `tunnelcast state FILE`: one capture of a device's live crypto state, parsed. */
#include "cli.h"
#include "parser.h"
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"usage: tunnelcast state [-f FMT] [-o FILE] [-q] FILE\n"
	"\n"
	"Parse one capture of a device's live crypto state and print what it holds: the\n"
	"output of any of these commands, one after the other, with or without the\n"
	"command line and its prompt (R1#show crypto ipsec sa):\n"
	"  IOS/IOS-XE  show crypto ipsec sa [detail], show crypto isakmp sa [detail],\n"
	"              show crypto ikev2 sa [detailed], show crypto session [detail],\n"
	"              show crypto map\n"
	"  ASA         show crypto ipsec sa [detail], show crypto ikev1 sa, show crypto\n"
	"              ikev2 sa, show vpn-sessiondb l2l [detail], show crypto map\n"
	"Each phase-2 SA: interface, crypto map and seq, local and remote idents with\n"
	"protocol and ports, peer, local address, encaps/decaps packet counters, SPIs,\n"
	"seconds left on the outbound SA (\"no SA\": a flow listed with none up); each IKE\n"
	"SA: peer, local address, IKE version, state. IPv6 SAs are skipped with a note.\n"
	"In a snapshot the same captures are read from state/<hostname>.txt.\n"
	"Lines not understood are diagnostics on standard error.\n"
	"\n"
	"Options:\n";

static const char epilogue[] = "\n"
			       "Exit status: 0 read; 2 usage error; 3 file unreadable; 4 output "
			       "not written.\n";

static const tc_cli_opt options[] = {
	TC_CLI_OPT_FORMAT(tc_cli_text_json,
			  "{*}: {..., sas: [{interface,\n"
			  "crypto_map, seq, local, remote, protocol, local_port,\n"
			  "remote_port, peer, peer_name, local_address, encaps,\n"
			  "decaps, spi_in, spi_out, lifetime, established, line}],\n"
			  "ike_sas: [{peer, peer_name, local_address, version,\n"
			  "state, up, line}], lines: {...}}, null where the\n"
			  "capture shows nothing"),
	TC_CLI_OPT_OUTPUT("write to FILE instead of standard output"),
	TC_CLI_OPT_QUIET("do not print diagnostics on standard error"),
	TC_CLI_OPT_MAX_DIAGS(TC_CLI_MAX_DIAGS_HELP),
	{0},
};

const tc_cli_cmd tc_cli_cmd_state = {
	.name = "state",
	.synopsis = synopsis,
	.opts = options,
	.hidden = tc_cli_common_opts,
	.col = 23,
	.epilogue = epilogue,
	.max_operands = 1,
};

static int write_text(FILE *out, const void *d)
{
	return tc_render_state_text(out, d);
}

static int write_json(FILE *out, const void *d)
{
	return tc_render_state_json(out, d);
}

int tc_cmd_state(int argc, char **argv)
{
	struct tc_cli_args a = {0};
	const char *ops[1] = {NULL};
	size_t nops = 0;
	int rc = tc_cli_opt_parse(&tc_cli_cmd_state, &a, ops, &nops, argc, argv);
	if (rc >= 0)
		return rc;
	if (!nops)
		return tc_cli_usage_error("state", "%s", "missing capture FILE");
	const char *fmt = a.format ? a.format : "text";
	bool json = strcmp(fmt, "json") == 0;
	tc_model *m;
	tc_device *d;
	rc = tc_cli_capture(&m, &d, ops[0], &a, tc_parse_state);
	if (rc >= 0)
		return rc;
	rc = tc_cli_write(a.output, json ? write_json : write_text, d);
	tc_model_free(m);
	return rc;
}
