/*
 * fuzz_txt.c — libFuzzer target for the plain-text article reader: the
 * whole input is one .txt article, ingested into an in-memory store,
 * read back, rendered as JSON in every form and exported through a second
 * store. The invariants checked are listed in common.h.
 *
 * Build with libFuzzer: `make fuzz`; replay a corpus with the plain
 * driver: build/fuzz_txt fuzz/corpus/txt.
 */
#define FZ_INGEST
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_ingest(data, size, FZ_TXT);
	return 0;
}
