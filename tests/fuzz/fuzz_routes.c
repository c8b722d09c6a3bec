/* fuzz_routes.c: libFuzzer target: a `show ip route` / `show route` capture.
 *
 * The input is read as the routing-table capture of two small devices, one
 * IOS and one ASA (their configs are fixed below, so that interface names
 * and connected subnets resolve), the model is finalized (the FIBs are
 * built from the capture) and a few addresses are looked up. */
#include "fuzz.h"
#include "model.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

static const char ios_cfg[] = "hostname R1\n"
			      "interface GigabitEthernet0/0\n"
			      " ip address 10.0.12.1 255.255.255.0\n"
			      "interface GigabitEthernet0/1\n"
			      " ip address 192.0.2.1 255.255.255.252\n"
			      "ip route 0.0.0.0 0.0.0.0 192.0.2.2\n";
static const char asa_cfg[] = "ASA Version 9.8(4)\n"
			      "hostname FW\n"
			      "interface GigabitEthernet0/0\n"
			      " nameif outside\n"
			      " security-level 0\n"
			      " ip address 198.51.100.1 255.255.255.0\n"
			      "interface GigabitEthernet0/1\n"
			      " nameif inside\n"
			      " security-level 100\n"
			      " ip address 10.0.12.2 255.255.255.0\n"
			      "route outside 0.0.0.0 0.0.0.0 198.51.100.254 1\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t probes[] = {0x0A000C05, 0xC0000201, 0x08080808, 0xC6336401, 0};
	tc_model *m = tc_model_new();
	if (!m)
		abort();
	tc_device *ios = NULL, *asa = NULL;
	if (tc_parse_config(&ios, m, "r1.cfg", ios_cfg, strlen(ios_cfg), NULL) != 0 ||
	    tc_parse_config(&asa, m, "fw.cfg", asa_cfg, strlen(asa_cfg), NULL) != 0)
		abort();
	if (tc_parse_routes(m, ios, "routes/R1.txt", (const char *)data, size) != 0 ||
	    tc_parse_routes(m, asa, "routes/FW.txt", (const char *)data, size) != 0)
		abort();
	if (tc_model_finalize(m) != 0)
		abort();
	for (size_t k = 0; k < m->ndevs; k++)
		for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++)
			(void)tc_fib_lookup(m->devs[k], probes[i]);
	tc_model_free(m);
	return 0;
}
