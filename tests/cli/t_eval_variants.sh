# t_eval_variants.sh — `veille eval variants` through the CLI, on
# tests/data/variants/cities.txt: a small GeoNames-format file we wrote
# (made-up ids) whose figures were worked out by hand with the name key
# alone (--no-gazetteer):
#   Kyiv: Kyiv Kiev Kyjiw Kijów (IEV, "ji fu" and Київ are not written
#         names): keys kiv kev kiv kiov, 1 of 6 pairs
#   Kharkiv: Kharkiv Kharkov Charkiw Khar'kov: carkiv carkov carkiv
#         carkov, 2 of 6
#   Sudzha (RU): Sudzha Soudja Sudscha: all sudca, 3 of 3
#   Mykolaiv: Mykolaiv Mykolaïv Nikolaev Mikolajiw: 3 of 6
#   Mykolaivka: Mykolaivka Nikolaevka: 0 of 1
#   Pervomaisk (UA): Pervomaisk Pervomaïsk: 1 of 1
#   Pervomaisk (RU): Pervomaisk Pervomajsk: 1 of 1
#   Tinytown: one written name: left out; Paris: in FR, left out.
# So 7 cities, 21 variants, 11 of 24 pairs; the two Pervomaisks share
# one key: RU's "Pervomaisk" is a homonym of UA's, its "Pervomajsk" a
# false merge (1 of 21). The alias file's fuzz corpus is replayed here
# too. Runs on ../shared only check that figures are printed.

VAR=$DATA/variants/cities.txt

test_eval_variants_key_alone_figures() {
	within 30 "$VEILLE" eval variants --json --no-gazetteer "$VAR" >e.json 2>err ||
		fail "eval variants failed: $(cat err)"
	[ "$(jq -c '[.cities, .variants, .pairs, .merged_pairs,
		.false_merged_variants, .homonym_variants, .gazetteer]' e.json)" = \
		'[7,21,24,11,1,1,false]' ] || fail "figures: $(cat e.json)"
	[ "$(jq '.pair_recall * 1000 | round' e.json)" -eq 458 ] ||
		fail "pair recall: $(cat e.json)"
	[ "$(jq '.false_merge_rate * 10000 | round' e.json)" -eq 476 ] ||
		fail "false-merge rate: $(cat e.json)"
}

test_eval_variants_text_and_countries() {
	within 30 "$VEILLE" eval variants --no-gazetteer --countries FR "$VAR" >out 2>err ||
		fail "eval variants failed: $(cat err)"
	contains out "cities 1, variants 3, same-city pairs 3"
	contains out "pair recall       0.000"
}

# With the gazetteer, Kyiv's and Kharkiv's variants are all known.
test_eval_variants_gazetteer_merges_more() {
	within 30 "$VEILLE" eval variants --json "$VAR" >e.json 2>err ||
		fail "eval variants failed: $(cat err)"
	[ "$(jq '.gazetteer' e.json)" = true ] || fail "$(cat e.json)"
	[ "$(jq '.merged_pairs' e.json)" -ge 17 ] ||
		fail "the gazetteer should merge Kyiv and Kharkiv: $(cat e.json)"
	[ "$(jq '.pairs' e.json)" -eq 24 ] || fail "$(cat e.json)"
}

test_eval_variants_missing_file_skipped() {
	within 10 "$VEILLE" eval variants no-such-file.txt >out 2>err ||
		fail "a missing file should be skipped, not fail"
	contains err "skipped"
	expect_rc 2 "$VEILLE" eval variants --bogus
}

test_eval_variants_shared_data() {
	f=$SHARED/data/lexicons/geonames-cities15000.txt
	if [ ! -r "$f" ]; then
		echo "skipped: $f absent"
		return 0
	fi
	within 60 "$VEILLE" eval variants --json "$f" >e.json 2>err ||
		fail "eval variants failed: $(cat err)"
	[ "$(jq '.pair_recall >= 0 and .pair_recall <= 1 and .cities > 100' \
		e.json)" = true ] || fail "$(cat e.json)"
	within 60 "$VEILLE" eval variants --no-gazetteer "$f" >out 2>err ||
		fail "eval variants --no-gazetteer failed: $(cat err)"
	contains out "pair recall"
}

test_fuzz_aliases_corpus_replay() {
	[ -x "$FUZZ_BIN/fuzz_aliases" ] || fail "no replay driver $FUZZ_BIN/fuzz_aliases"
	within 60 "$FUZZ_BIN/fuzz_aliases" "$ROOT/fuzz/corpus/aliases" >out 2>err ||
		fail "fuzz_aliases failed on its corpus: $(tail -n 20 err)"
	n=$(sed -n 's/^replayed \([0-9]*\) inputs$/\1/p' out)
	[ -n "$n" ] && [ "$n" -ge 10 ] || fail "too few inputs: $(cat out)"
}
