# t_golden.sh — golden tests: each tests/golden/NAME.{txt,jsonl} is
# ingested alone, and the output of `veille ls` then
# `veille show --json --explain --sentences` for each article must equal
# tests/golden/NAME.expected. UPDATE_GOLDEN=1 rewrites the expected files
# (review the diff before committing).

golden_output() {
	"$VEILLE" ingest --db g.db "$1" >/dev/null
	"$VEILLE" ls --db g.db
	for id in $("$VEILLE" ls --db g.db | cut -f1); do
		"$VEILLE" show --db g.db --json --explain --sentences "$id" |
			jq 'del(.origin)'
	done
}

test_golden_files() {
	for input in "$ROOT"/tests/golden/*.txt "$ROOT"/tests/golden/*.jsonl; do
		[ -e "$input" ] || continue
		rm -f g.db g.db-wal g.db-shm
		expected=${input%.*}.expected
		golden_output "$input" >got
		if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
			cp got "$expected"
			continue
		fi
		diff -u "$expected" got || fail "golden output differs: $input"
	done
}
