/*
 * fuzz_jsonl.c — libFuzzer target for the JSON Lines reader: the input
 * is a JSON Lines file (one record a line, many lines), ingested into an
 * in-memory store; the records stored are read back, rendered as JSON in
 * every form and exported through a second store. The invariants checked
 * are listed in common.h (per line: refusals point at the right line and
 * byte, NUL and bad UTF-8 are refused before JSON is parsed).
 *
 * Build with libFuzzer: `make fuzz`; replay a corpus with the plain
 * driver: build/fuzz_jsonl fuzz/corpus/jsonl.
 */
#define FZ_INGEST
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_ingest(data, size, FZ_JSONL);
	return 0;
}
