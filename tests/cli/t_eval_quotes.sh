# t_eval_quotes.sh — `veille eval quotes` through the CLI, and the replay
# of the quotation stage's fuzz corpus. Fixtures in tests/data/quotes/:
# mini.jsonl (two short articles we wrote, made from mini.txt by
# tools/quotes_gold.c; their figures are worked out by hand),
# bad-offsets.jsonl (a gold quotation whose offsets do not hold its
# words) and the gold set itself, gold-fr.jsonl, whose figures must stay
# above the stage's done-when (F1 and speaker accuracy >= 0.85). Sourced
# by run.sh (POSIX sh), which runs each test_* in a fresh directory.

Q=$DATA/quotes

quotes_json() {
	within 60 "$VEILLE" eval quotes --json "$@" >e.json 2>err ||
		fail "veille eval quotes $* failed: $(head -c 2000 err)"
}

test_eval_quotes_mini_figures() {
	quotes_json "$Q/mini.jsonl"
	# mini-1: a direct quotation and "selon lui", both Paul Durand;
	# mini-2 (test part): a film title (no quotation) and an unnamed
	# spectator
	[ "$(jq '.all.kinds.all | [.gold, .found, .matched_gold] | join(" ")' \
		e.json)" = '"3 3 3"' ] || fail "counts: $(cat e.json)"
	[ "$(jq '.all.kinds.all.speaker_n, .all.kinds.all.speaker_right' e.json |
		tr '\n' ' ')" = "2 2 " ] || fail "speakers: $(cat e.json)"
	[ "$(jq '.dev.articles, .test.articles, .all.no_speaker_agreed' e.json |
		tr '\n' ' ')" = "1 1 1 " ] || fail "parts: $(cat e.json)"
	[ "$(jq '.all.kinds.reported.gold' e.json)" -eq 1 ] || fail "$(cat e.json)"
}

test_eval_quotes_text_output() {
	within 60 "$VEILLE" eval quotes "$Q/mini.jsonl" >out 2>err ||
		fail "eval quotes failed: $(cat err)"
	contains out "overlaps >= 0.5 of the union"
	grep -q '^  all  *3  *3  *3 ' out || fail "no 'all' line: $(cat out)"
	contains out "dev: 1 articles"
	contains out "test: 1 articles"
}

test_eval_quotes_gold_set_done_when() {
	(cd "$ROOT" && within 60 "$VEILLE" eval quotes --json) >e.json 2>err ||
		fail "eval quotes on the gold set failed: $(cat err)"
	ok=$(jq '.all.kinds.all as $a | $a.gold >= 80 and $a.f1 >= 0.85 and
		$a.speaker_accuracy >= 0.85 and .rejected_articles == 0' e.json)
	[ "$ok" = true ] || fail "gold set below the done-when: $(cat e.json)"
	[ "$(jq '.dev.articles + .test.articles' e.json)" -ge 12 ] ||
		fail "$(cat e.json)"
}

test_eval_quotes_bad_offsets() {
	expect_rc 1 "$VEILLE" eval quotes "$Q/bad-offsets.jsonl" "$Q/mini.jsonl" \
		>out 2>err
	contains err "bad-offsets.jsonl:1: quote 0: offsets"
	contains out "rejected articles: 1"
}

test_eval_quotes_usage() {
	expect_rc 0 "$VEILLE" eval quotes --help >out 2>&1
	contains out "usage: veille eval quotes"
	expect_rc 2 "$VEILLE" eval quotes --bogus >out 2>&1
	expect_rc 3 "$VEILLE" eval quotes no-such-file.jsonl >out 2>&1
}

test_fuzz_quotes_replay() {
	[ -x "$FUZZ_BIN/fuzz_quotes" ] || fail "no replay driver $FUZZ_BIN/fuzz_quotes"
	within 60 "$FUZZ_BIN/fuzz_quotes" "$ROOT/fuzz/corpus/quotes" >out 2>err ||
		fail "fuzz_quotes failed on its corpus: $(tail -n 20 err)"
	contains out "replayed 10 inputs"
}
