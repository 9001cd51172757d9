#!/bin/sh
# run.sh — `make bench`: per-stage throughput on OrangeSum when
# ../shared is present (it is not in a user's clone: then the bundled
# sample is measured instead, which is too small for stable figures),
# then the reuse stage (bench_reuse: fingerprints, their accuracy, and
# the candidate index on the corpus and on 1,000,000 synthetic
# documents; OrangeSum only). One core: the benchmarks are pinned with
# taskset when available.
# Environment: BENCH_REPS (runs per stage, 5), BENCH_SYNTH_DOCS
# (synthetic documents of bench_reuse, 1000000), CC, CFLAGS.
set -eu
build=${1:-build}
corpus=../shared/data/orangesum/articles.jsonl.gz
pin=
command -v taskset >/dev/null 2>&1 && pin="taskset -c 0"
reuse_corpus=$corpus
if [ ! -r "$corpus" ]; then
	echo "bench: $corpus absent (no ../shared): measuring the bundled sample"
	corpus=$(mktemp -d)/sample.jsonl
	for i in $(seq 1 200); do cat data/sample/feeds/*.jsonl; done |
		awk '{ sub(/"id": *"/, "\"id\": \"" NR "-"); print }' > "$corpus"
fi
$pin "$build/bench_stages" "$corpus" "${BENCH_REPS:-5}"

# bench_reuse is not a Makefile target: built here with the Makefile's
# compiler line for bench_stages (ALL_CFLAGS, PKG_LIBS).
pkgs="sqlite3 libutf8proc libexttextcat libcjson libxxhash zlib"
warn="-Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes -Wshadow -Werror"
# shellcheck disable=SC2046,SC2086
${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $warn \
	-Iinclude -Isrc $(pkg-config --cflags $pkgs) ${CFLAGS:--O2 -g} \
	-o "$build/bench_reuse" bench/bench_reuse.c "$build/libveille.a" \
	$(pkg-config --libs $pkgs) -lstemmer -lpthread -lm
echo
if [ -r "$reuse_corpus" ]; then
	$pin "$build/bench_reuse" "$reuse_corpus" "${BENCH_REPS:-5}" \
		"${BENCH_SYNTH_DOCS:-1000000}"
else
	# 6 distinct articles repeated: the fingerprint figures only; a
	# synthetic flow drawn from them would be one bucket.
	$pin "$build/bench_reuse" "$corpus" "${BENCH_REPS:-5}" 0
fi
