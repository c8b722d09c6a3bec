/* fuzz_state.c: libFuzzer target: a state capture (show crypto ..., show vpn-sessiondb).
 *
 * The input is read as the state capture of an ASA whose config defines a
 * `name` (so that names resolve) and of an IOS router with an interface
 * address (so that isakmp rows find their local end), then both devices'
 * observed state is rendered as text and JSON. */
#include "fuzz.h"
#include "model.h"
#include "parser.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

static const char ios_cfg[] = "hostname R1\n"
			      "interface GigabitEthernet0/1\n"
			      " ip address 5.100.34.3 255.255.255.0\n";
static const char asa_cfg[] = "ASA Version 9.8(4)\n"
			      "hostname FW\n"
			      "names\n"
			      "name 203.0.113.7 PEER-B\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tc_model *m = tc_model_new();
	if (!m)
		abort();
	tc_device *ios = NULL, *asa = NULL;
	if (tc_parse_config(&ios, m, "r1.cfg", ios_cfg, strlen(ios_cfg), NULL) != 0 ||
	    tc_parse_config(&asa, m, "fw.cfg", asa_cfg, strlen(asa_cfg), NULL) != 0)
		abort();
	if (tc_parse_state(m, ios, "state/R1.txt", (const char *)data, size) != 0 ||
	    tc_parse_state(m, asa, "state/FW.txt", (const char *)data, size) != 0)
		abort();
	FILE *sink = tc_fuzz_sink();
	(void)tc_render_state_text(sink, ios);
	(void)tc_render_state_json(sink, asa);
	tc_model_free(m);
	return 0;
}
