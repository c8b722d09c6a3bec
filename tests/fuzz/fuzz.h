/* fuzz.h: what the fuzz targets share: the libFuzzer entry point and the /dev/null sink. */
#ifndef TC_FUZZ_H
#define TC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* libFuzzer calls this once per input; replay.c calls it once per file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A stream that discards what the renderers write (opened once, never closed:
 * the renderers run on every input). */
static inline FILE *tc_fuzz_sink(void)
{
	static FILE *sink;
	if (!sink)
		sink = fopen("/dev/null", "w");
	return sink;
}

#endif
