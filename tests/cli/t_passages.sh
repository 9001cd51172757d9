# t_passages.sh — sentence-level reuse: `veille reuse` and `veille compare`.

# The id of the sample article whose title contains $1 in source $2.
sample_id() {
	"$VEILLE" ls --db t.db --source "$2" | grep -F -- "$1" | head -1 | cut -f1
}

test_reuse_marks_a_reprint() {
	"$VEILLE" ingest --db t.db "$SAMPLE"
	wire=$(sample_id "Tchassiv Iar" agence-ouest-presse)
	copy=$(sample_id "Tchassiv Yar" le-veilleur-du-matin)
	[ -n "$wire" ] && [ -n "$copy" ] || fail "sample articles not found"
	"$VEILLE" reuse --db t.db "$copy" >r.txt
	# The reprint's own opening is its own; the wire copy is shared, with
	# the wire dispatch as its origin.
	grep -q "^+ C’est une colline de briques" r.txt || fail "opening not own"
	grep -A1 "^= Dans un communiqué diffusé" r.txt | grep -q "origin $wire" ||
		fail "wire sentence not shared with origin $wire"
	"$VEILLE" reuse --db t.db --json "$copy" >r.json
	share=$(jq .share r.json)
	awk -v s="$share" 'BEGIN { exit !(s >= 0.5 && s < 1) }' ||
		fail "reuse share $share"
	for k in index start end orig_start orig_end text shared origin others; do
		jq -e ".sentences[0] | has(\"$k\")" r.json >/dev/null ||
			fail "reuse --json lacks $k"
	done
	# The wire dispatch is the origin of its own sentences: share 0.
	"$VEILLE" reuse --db t.db --json "$wire" | jq -e '.share == 0' >/dev/null ||
		fail "the original has a reuse share"
}

# Offsets in `compare --json` point at the passage's bytes in the clean
# text of each article.
test_compare_offsets_and_kinds() {
	"$VEILLE" ingest --db t.db "$SAMPLE"
	wire=$(sample_id "Tchassiv Iar" agence-ouest-presse)
	copy=$(sample_id "Tchassiv Yar" le-veilleur-du-matin)
	"$VEILLE" compare --db t.db --json "$wire" "$copy" >c.json
	for k in shared a-only b-only; do
		jq -e "[.passages[] | select(.kind == \"$k\")] | length > 0" c.json \
			>/dev/null || fail "no $k passage"
	done
	"$VEILLE" show --db t.db --json "$copy" | jq -j .text >b.txt
	jq -r '.passages[] | select(.b != null) | "\(.b.start) \(.b.end)"' c.json |
		head -5 >spans
	i=0
	while read -r s e; do
		i=$((i + 1))
		want=$(jq -r "[.passages[] | select(.b != null)][$((i - 1))].b.text" c.json)
		got=$(tail -c +$((s + 1)) b.txt | head -c $((e - s)))
		[ "$got" = "$want" ] || fail "offsets $s-$e: '$got' != '$want'"
	done <spans
	"$VEILLE" compare --db t.db --width 100 "$wire" "$copy" >side.txt
	grep -q "^= " side.txt && grep -q "^< \|^> " side.txt ||
		fail "side by side lacks shared or own passages"
	awk 'length($0) > 400 { exit 1 }' side.txt || fail "lines not wrapped"
}

test_seeds_wire_copy_shared() {
	[ -d "$SHARED/seeds" ] || { echo "skip: no ../shared/seeds"; return 0; }
	"$VEILLE" ingest --db t.db "$SHARED/seeds"
	id=$("$VEILLE" ls --db t.db | awk -F'\t' '$2 == "2025-02" { print $1 }')
	"$VEILLE" reuse --db t.db "$id" >r.txt
	for shared in "libérer la ville de Dzerjinsk" "la 28e brigade" \
		"Nous sommes toujours là" "Konstantinivka" "Ria Novosti" \
		"Tchassiv Iar et Pokrovsk sont" "soldats nord-coréens" \
		"Les appels à de tels pourparlers"; do
		grep "^= " r.txt | grep -qF -- "$shared" || fail "not shared: $shared"
	done
	grep "^+ " r.txt | grep -qF "La Russie a revendiqué vendredi la capture" ||
		fail "the opening is not its own"
	# The three tellings of the ceasefire story share no wire copy.
	"$VEILLE" dups --db t.db --json >d.json
	[ ! -s d.json ] || fail "seeds reported as duplicates: $(cat d.json)"
}

test_reuse_and_compare_errors() {
	printf 'Un article.\n' >a.txt
	"$VEILLE" ingest --db t.db a.txt
	expect_rc 4 "$VEILLE" reuse --db t.db nope
	expect_rc 4 "$VEILLE" compare --db t.db nope nope2
	expect_rc 2 "$VEILLE" compare --db t.db onlyone
	"$VEILLE" reuse --help | grep -q "usage: veille reuse" || fail help
	"$VEILLE" compare --help | grep -q "usage: veille compare" || fail help
	"$VEILLE" dups --help | grep -q "usage: veille dups" || fail help
}
