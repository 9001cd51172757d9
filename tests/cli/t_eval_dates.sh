# t_eval_dates.sh — `veille eval dates` through the CLI. Fixtures in
# tests/data/dates/ (cases we wrote, in the format of chrono's test
# files; the figures are worked out by hand in the comments of
# news-fr.test.ts). chrono-node is left out (--no-chrono) except in the
# last test, which runs only where node and tools/chrono are installed.
# The run on ../shared/data/temporal only checks that figures print, and
# that the command says "skipped" when the data is absent. Sourced by
# run.sh (POSIX sh), which runs each test_* in a fresh directory.

DATES=$DATA/dates

dates_json() {
	within 60 "$VEILLE" eval dates --json --no-chrono "$@" >e.json 2>err ||
		fail "veille eval dates $* failed: $(head -c 2000 err)"
}

test_eval_dates_hand_counted_figures() {
	dates_json "$DATES/news-fr.test.ts"
	# 10 cases: 7 right, 2 differ by design (la semaine prochaine, a
	# day without a year), 1 wrong (la Saint-Jean)
	[ "$(jq -c '[.all.cases, .all.right, .all.differ_by_design,
		.all.wrong]' e.json)" = "[10,7,2,1]" ] ||
		fail "counts: $(cat e.json)"
	[ "$(jq '.all.accuracy * 1000 | round' e.json)" -eq 875 ] ||
		fail "accuracy: $(cat e.json)"
	[ "$(jq -r '.wrong[0].text' e.json)" = "Rendez-vous à la Saint-Jean." ] ||
		fail "wrong case: $(cat e.json)"
	[ "$(jq -r '[.differ_by_design[].line] | join(" ")' e.json)" = "48 52" ] ||
		fail "cases that differ: $(cat e.json)"
	[ "$(jq -r '.differ_by_design[1].veille' e.json)" = 2012-02-08 ] ||
		fail "news reading: $(cat e.json)"
	[ "$(jq -r '.chrono.available' e.json)" = false ] || fail "$(cat e.json)"
}

test_eval_dates_text_and_verbose() {
	within 60 "$VEILLE" eval dates --no-chrono --verbose \
		"$DATES/news-fr.test.ts" >out 2>err ||
		fail "eval dates failed: $(cat err)"
	grep -q '^news-fr.test.ts  *10  *7  *2  *1  *87.5%$' out ||
		fail "no file line: $(cat out)"
	contains out "veille: 7 of 10 cases right (70.0%); 2 differ by design"
	contains out "chrono-node: not run (--no-chrono)"
	contains out "differ by design:"
	contains out "a whole calendar unit (chrono: the reference moved by one unit)"
	contains out '"Rendez-vous à la Saint-Jean.": veille none, expected 2025-06-24'
}

test_eval_dates_folder_and_skipped_call() {
	expect_rc 1 "$VEILLE" eval dates --no-chrono "$DATES" >out 2>err
	contains err "broken.test.ts:5: 1 call(s) skipped"
	contains err "expected a string literal"
	grep -q '^broken.test.ts  *1  *1  *0  *0 ' out || fail "$(cat out)"
	grep -q '^all  *11  *8  *2  *1 ' out || fail "$(cat out)"
}

test_eval_dates_missing_file() {
	expect_rc 1 "$VEILLE" eval dates --no-chrono nowhere.test.ts \
		"$DATES/news-fr.test.ts" >out 2>err
	contains err "cannot read nowhere.test.ts"
	contains out "news-fr.test.ts"
}

test_eval_dates_usage() {
	expect_rc 0 "$VEILLE" eval dates --help >out 2>&1
	contains out "usage: veille eval dates"
	expect_rc 2 "$VEILLE" eval dates --bogus >out 2>&1
}

test_eval_dates_chrono_required_but_absent() {
	VEILLE_CHRONO_DIR=$PWD/none expect_rc 3 "$VEILLE" eval dates --chrono \
		"$DATES/news-fr.test.ts" >out 2>err
	contains err "chrono-node is not installed"
}

test_eval_dates_default_data() {
	# in the test's own directory, ../shared is absent
	expect_rc 0 "$VEILLE" eval dates >out 2>err
	contains err "skipped"
	if [ -d "$SHARED/data/temporal/chrono-fr" ]; then
		(cd "$ROOT" && within 120 "$VEILLE" eval dates --no-chrono --json) \
			>e.json 2>err || fail "eval dates on ../shared failed: $(cat err)"
		ok=$(jq '.all.cases > 100 and .all.accuracy >= 0.95 and
			.all.skipped == 0' e.json)
		[ "$ok" = true ] || fail "$(jq -c .all e.json)"
	fi
}

test_eval_dates_against_chrono_node() {
	# only where `make chrono` has installed the peer
	command -v node >/dev/null 2>&1 || return 0
	[ -d "$ROOT/tools/chrono/node_modules/chrono-node" ] || return 0
	(cd "$ROOT" && within 120 "$VEILLE" eval dates --json --chrono \
		"$DATES/news-fr.test.ts") >e.json 2>err ||
		fail "eval dates --chrono failed: $(cat err)"
	# veille 7 of 8 scored cases; chrono-node misses the future weekday
	# and the June day as well as the feast
	ok=$(jq '.chrono.available and
		.all.accuracy >= .all.chrono_accuracy' e.json)
	[ "$ok" = true ] || fail "$(cat e.json)"
}

test_fuzz_chrono_cases_replay() {
	[ -x "$FUZZ_BIN/fuzz_chrono_cases" ] ||
		fail "no replay driver $FUZZ_BIN/fuzz_chrono_cases"
	within 60 "$FUZZ_BIN/fuzz_chrono_cases" "$ROOT/fuzz/corpus/chrono_cases" \
		>out 2>err || fail "fuzz_chrono_cases failed on its corpus: $(tail -n 20 err)"
	contains out "replayed 10 inputs"
}
