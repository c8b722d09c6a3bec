/* fuzz_config.c: libFuzzer target: one config file in the dialect chosen at build time.
 *
 * Built three times (tests/fuzz/CMakeLists.txt): TC_FUZZ_DIALECT is
 * TC_DIALECT_IOS, TC_DIALECT_ASA or TC_DIALECT_UNKNOWN (detected from the
 * text). The input is the file's bytes as they are, NUL bytes included (the
 * snapshot loader rejects those, tc_parse_config() must still survive them).
 * The device is then finalized alone, which runs the cross-reference checks
 * and builds its FIB. */
#include "fuzz.h"
#include "model.h"
#include "parser.h"

#include <stdlib.h>

#ifndef TC_FUZZ_DIALECT
#define TC_FUZZ_DIALECT TC_DIALECT_UNKNOWN
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tc_model *m = tc_model_new();
	if (!m)
		abort();
	tc_parse_opts opts = {.dialect = TC_FUZZ_DIALECT};
	tc_device *d = NULL;
	if (tc_parse_config(&d, m, "fuzz.cfg", (const char *)data, size, &opts) != 0 || !d)
		abort(); /* only out of memory or a broken pattern table may fail: both bugs here */
	if (tc_model_finalize(m) != 0)
		abort();
	tc_model_free(m);
	return 0;
}
