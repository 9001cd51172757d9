# t_eval_ner.sh — `veille eval ner` through the CLI. Fixtures in
# tests/data/ner/ (sentences we wrote, in the three formats). The gold
# counts are worked out by hand and hold whatever the tagger finds; the
# figures must be consistent (correct <= found, gold). The run on
# ../shared/data/ner only checks that figures print, and that the command
# says "skipped" when the data is absent. Sourced by run.sh (POSIX sh),
# which runs each test_* in a fresh directory.

NER=$DATA/ner

ner_json() {
	within 60 "$VEILLE" eval ner --json "$@" >e.json 2>err ||
		fail "veille eval ner $* failed: $(head -c 2000 err)"
}

# gold N TYPE : file N's gold count of TYPE in ./e.json
gold() {
	jq ".files[$1].types.$2.gold" e.json
}

test_eval_ner_gold_counts_whole_files() {
	ner_json "$NER/mini.conllu" "$NER/mini.tsv" "$NER/mini.bio"
	# mini.conllu: Gironde, Aquitaine, Cholet, Lorient; Claire Fontaine;
	# Michelin, Stade rennais; Jazz à Vienne
	[ "$(gold 0 ALL) $(gold 0 LOC) $(gold 0 PER) $(gold 0 ORG) $(gold 0 MISC)" = \
		"8 4 1 2 1" ] || fail "conllu gold: $(cat e.json)"
	# mini.tsv: M. Henri Lacoste, Pau, Petit Journal (prod: MISC)
	[ "$(gold 1 ALL) $(gold 1 PER) $(gold 1 LOC) $(gold 1 MISC)" = "3 1 1 1" ] ||
		fail "hipe gold: $(cat e.json)"
	# mini.bio: IO tags; Var, Luc Bernard, CGT
	[ "$(gold 2 ALL) $(gold 2 LOC) $(gold 2 PER) $(gold 2 ORG)" = "3 1 1 1" ] ||
		fail "bio gold: $(cat e.json)"
	[ "$(jq -r '[.files[].format] | join(" ")' e.json)" = "conllu hipe bio" ] ||
		fail "formats: $(cat e.json)"
	ok=$(jq '[.files[].types[] | .correct <= .found and .correct <= .gold and
		.precision >= 0 and .precision <= 1 and .f1 <= 1] | all' e.json)
	[ "$ok" = true ] || fail "inconsistent figures: $(cat e.json)"
	[ "$(jq '.files[0].tokens' e.json)" -eq 39 ] || fail "tokens: $(cat e.json)"
}

test_eval_ner_held_back_parts() {
	ner_json --held-back "$NER/mini.conllu" "$NER/mini.tsv"
	# the 5th sentence (Stade rennais, Lorient); the 2nd document
	[ "$(gold 0 ALL) $(gold 0 ORG) $(gold 0 LOC)" = "2 1 1" ] ||
		fail "conllu held-back: $(cat e.json)"
	[ "$(gold 1 ALL) $(gold 1 MISC)" = "1 1" ] ||
		fail "hipe held-back: $(cat e.json)"
	[ "$(jq -r '.files[0].part' e.json)" = held-back ] || fail "$(cat e.json)"
}

test_eval_ner_text_output() {
	within 60 "$VEILLE" eval ner "$NER/mini.conllu" >out 2>err ||
		fail "eval ner failed: $(cat err)"
	contains out "mini.conllu (conllu, whole file): 5 sentences, 39 tokens"
	grep -q '^  ALL  *8 ' out || fail "no ALL line: $(cat out)"
}

test_eval_ner_malformed_file() {
	expect_rc 1 "$VEILLE" eval ner "$NER/bad.conllu" "$NER/mini.bio" >out 2>err
	contains err "bad.conllu:2:"
	contains out "mini.bio"
}

test_eval_ner_usage() {
	expect_rc 0 "$VEILLE" eval ner --help >out 2>&1
	contains out "usage: veille eval ner"
	expect_rc 2 "$VEILLE" eval ner --bogus >out 2>&1
}

test_eval_ner_default_data() {
	# in the test's own directory, ../shared is absent
	expect_rc 0 "$VEILLE" eval ner >out 2>err
	contains err "skipped"
	if [ -d "$SHARED/data/ner" ]; then
		(cd "$ROOT" && within 300 "$VEILLE" eval ner) >out 2>err ||
			fail "eval ner on ../shared failed: $(cat err)"
		[ "$(grep -c '^  ALL ' out)" -eq 3 ] || fail "$(cat out)"
	fi
}

test_fuzz_conll_replay() {
	[ -x "$FUZZ_BIN/fuzz_conll" ] || fail "no replay driver $FUZZ_BIN/fuzz_conll"
	within 60 "$FUZZ_BIN/fuzz_conll" "$ROOT/fuzz/corpus/conll" >out 2>err ||
		fail "fuzz_conll failed on its corpus: $(tail -n 20 err)"
	contains out "replayed 11 inputs"
}

test_eval_ner_model_option() {
	# the compiled-in model, read from its file, scores the same
	ner_json --model "$ROOT/data/entities/ner-fr.model" "$NER/mini.conllu"
	mv e.json own.json
	ner_json "$NER/mini.conllu"
	[ "$(jq -c '.files[0].types' own.json)" = "$(jq -c '.files[0].types' e.json)" ] ||
		fail "--model differs: $(cat own.json)"
	printf 'not a model\n' >bad.model
	expect_rc 3 "$VEILLE" eval ner --model bad.model "$NER/mini.conllu" 2>err
	contains err "not a tagger model"
	expect_rc 3 "$VEILLE" eval ner --model missing.model "$NER/mini.conllu" 2>err
}
