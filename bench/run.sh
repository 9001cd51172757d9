#!/bin/sh
# run.sh — `make bench`: per-stage throughput on OrangeSum when
# ../shared is present (it is not in a user's clone: then the bundled
# sample is measured instead, which is too small for stable figures).
# One core: the benchmark is pinned with taskset when available.
set -eu
build=${1:-build}
corpus=../shared/data/orangesum/articles.jsonl.gz
pin=
command -v taskset >/dev/null 2>&1 && pin="taskset -c 0"
if [ ! -r "$corpus" ]; then
	echo "bench: $corpus absent (no ../shared): measuring the bundled sample"
	corpus=$(mktemp -d)/sample.jsonl
	for i in $(seq 1 200); do cat data/sample/feeds/*.jsonl; done |
		awk '{ sub(/"id": *"/, "\"id\": \"" NR "-"); print }' > "$corpus"
fi
$pin "$build/bench_stages" "$corpus" "${BENCH_REPS:-5}"
