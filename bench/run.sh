#!/bin/sh
# run.sh — `make bench`: per-stage throughput on OrangeSum when
# ../shared is present (it is not in a user's clone: then the bundled
# sample is measured instead, which is too small for stable figures),
# then the reuse stage (bench_reuse: fingerprints, their accuracy, and
# the candidate index on the corpus and on 1,000,000 synthetic
# documents; OrangeSum only), then the story stage (bench_stories:
# features, clustering in publication order by blocks of 5,000 articles,
# and the whole ingest with stories; OrangeSum only, skipped without
# it), then the extraction stages (bench_extract: entities and the
# tagger alone, dates, quotations, claims; articles/s and tokens/s; on the
# sample without OrangeSum). One core: the benchmarks are pinned with taskset when available.
# Environment: BENCH_REPS (runs per stage, 5), BENCH_SYNTH_DOCS
# (synthetic documents of bench_reuse, 1000000), BENCH_STORIES_INGEST
# (0: bench_stories leaves out the two whole ingests, about 25 s).
set -eu
build=${1:-build}
corpus=../shared/data/orangesum/articles.jsonl.gz
pin=
command -v taskset >/dev/null 2>&1 && pin="taskset -c 0"
orangesum=$corpus
if [ ! -r "$corpus" ]; then
	echo "bench: $corpus absent (no ../shared): measuring the bundled sample"
	corpus=$(mktemp -d)/sample.jsonl
	for i in $(seq 1 200); do cat data/sample/feeds/*.jsonl; done |
		awk '{ sub(/"id": *"/, "\"id\": \"" NR "-"); print }' > "$corpus"
fi
$pin "$build/bench_stages" "$corpus" "${BENCH_REPS:-5}"

echo
if [ -r "$orangesum" ]; then
	$pin "$build/bench_reuse" "$orangesum" "${BENCH_REPS:-5}" \
		"${BENCH_SYNTH_DOCS:-1000000}"
else
	# 6 distinct articles repeated: the fingerprint figures only; a
	# synthetic flow drawn from them would be one bucket.
	$pin "$build/bench_reuse" "$corpus" "${BENCH_REPS:-5}" 0
fi

echo
# Dates are needed: without OrangeSum it says so and skips (exit 0).
$pin "$build/bench_stories" "$orangesum" "${BENCH_REPS:-5}" \
	"${BENCH_STORIES_INGEST:-1}"

echo
$pin "$build/bench_extract" "$corpus" "${BENCH_REPS:-5}"
