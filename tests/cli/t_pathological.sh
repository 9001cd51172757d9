# t_pathological.sh — hostile and extreme inputs through `veille ingest`,
# each under a time limit (cmark's pathological tests, STYLE.md rule 23):
# 50 MB lines, a token repeated 10^6 times, empty, blank and binary
# files, invalid UTF-8 at a known byte, truncated gzip and JSON, a
# thousand identical documents, standard input, and a replay of the fuzz
# corpora. Big inputs are generated here, never committed. Sourced by
# run.sh (POSIX sh), which runs each test_* in a fresh directory.

# ingest SECONDS RC ARGS... : run `veille ingest ARGS` with stdout in ./out
# and stderr in ./err; it must end within SECONDS with exit code RC.
ingest() {
	secs=$1
	want_rc=$2
	shift 2
	got_rc=0
	within "$secs" "$VEILLE" ingest "$@" >out 2>err || got_rc=$?
	[ "$got_rc" -eq "$want_rc" ] ||
		fail "veille ingest $* exited $got_rc, expected $want_rc; stderr: $(head -c 2000 err)"
}

# big_line BYTES : one line of text (no newline), BYTES long, with
# sentences, elisions, numbers and percentages; ASCII only, so that any
# cut is on a character boundary, and nothing JSON must escape.
big_line() {
	yes "Le conseil municipal a vote le budget, a-t-il indique, avec 30 000 euros de plus. Selon le maire, l'effort atteint 86 % en 2025." |
		tr '\n' ' ' | head -c "$1"
}

# has_count FILE KEY N : FILE holds the JSON member "KEY": N (any spacing).
has_count() {
	grep -Eq "\"$2\":[[:space:]]*$3([^0-9.]|\$)" "$1" ||
		fail "$1 does not hold \"$2\": $3: $(head -c 1000 "$1")"
}

# articles DB : number of stored articles.
articles() {
	count_articles "$1"
}

# ----------------------------------------------------------- 50 MB lines

test_big_txt_rejected_others_stored() {
	mkdir d
	big_line 50000000 >d/big.txt
	printf 'La préfecture a levé l’alerte orages en fin de journée.\n' >d/a.txt
	printf 'Les trains reprennent progressivement, selon la SNCF.\n' >d/c.txt
	ingest 20 1 --db t.db d
	contains err "d/big.txt: article of more than 8388608 bytes is over the limit of 8388608 bytes"
	contains err "1 of 3 articles rejected; 2 stored"
	[ "$(articles t.db)" -eq 2 ] || fail "expected the 2 small files stored"
}

test_big_txt_stored_with_higher_limit() {
	big_line 50000000 >big.txt
	ingest 30 0 --db t.db --max-article-bytes 64M big.txt
	[ "$(articles t.db)" -eq 1 ] || fail "50 MB article not stored"
	"$VEILLE" stats --db t.db >stats
	contains stats "50000000 original"
}

test_big_jsonl_line() {
	{
		printf '{"id":"avant","text":"Le Sénat examine le texte mardi."}\n'
		printf '{"id":"enorme","text":"'
		big_line 50000000
		printf '"}\n'
		printf '{"id":"apres","text":"Le vote solennel aura lieu jeudi."}\n'
	} >big.jsonl
	# Over the article limit (8M by default): refused, the rest stored.
	ingest 20 1 --db t.db big.jsonl
	contains err "big.jsonl:2: article of 50000000 bytes is over the limit of"
	[ "$(articles t.db)" -eq 2 ] || fail "the two short lines should be stored"
	"$VEILLE" show --db t.db apres >/dev/null
	# Over the line limit: refused without being held in memory.
	ingest 20 1 --db l.db --max-line-bytes 1M big.jsonl
	contains err "big.jsonl:2: line of 50000025 bytes is over the limit of"
	[ "$(articles l.db)" -eq 2 ] || fail "the two short lines should be stored"
	# With a higher limit it is stored.
	ingest 30 0 --db t.db --max-article-bytes 64M big.jsonl
	[ "$(articles t.db)" -eq 3 ] || fail "50 MB record not stored"
	"$VEILLE" show --db t.db enorme >/dev/null
}

# ------------------------------------------------------ repeated tokens

test_token_repeated_a_million_times() {
	# 10^6 times the same word on one line (7 MB, under the 8M limit).
	yes guerre | head -n 1000000 | tr '\n' ' ' >mot.txt
	ingest 10 0 --db t.db mot.txt
	[ "$(articles t.db)" -eq 1 ] || fail "article not stored"
	"$VEILLE" ls --db t.db --json >ls
	has_count ls sentences 1
}

test_token_per_line_a_million_lines() {
	# The same word on 10^6 lines: a million lines and sentences.
	yes paix | head -n 1000000 >lignes.txt
	ingest 30 0 --db t.db lignes.txt
	[ "$(articles t.db)" -eq 1 ] || fail "article not stored"
}

# --------------------------------------------------- empty, blank, binary

test_empty_and_blank_files_rejected() {
	mkdir d
	: >d/vide.txt
	printf '  \t\r\n\r\n   \n\t' >d/blanc.txt
	printf 'Un article bien réel, pour comparaison.\n' >d/vrai.txt
	ingest 10 1 --db t.db d
	contains err "d/vide.txt: no text"
	contains err "d/blanc.txt: no text"
	lacks err "vrai.txt"
	[ "$(articles t.db)" -eq 1 ] || fail "the real article should be stored"
}

test_binary_file_rejected() {
	mkdir d
	printf 'Texte au début\000\001\002\377 puis du binaire\n' >d/image.txt
	printf 'Une dépêche lisible.\n' >d/texte.txt
	ingest 10 1 --db t.db d
	contains err "d/image.txt: byte 15: binary"
	[ "$(articles t.db)" -eq 1 ] || fail "the readable file should be stored"
	# --repair does not turn binary data into text.
	ingest 10 1 --db r.db --repair d
	contains err "binary"
}

# ------------------------------------------------------------ bad UTF-8

test_invalid_utf8_among_valid_files() {
	mkdir d
	printf 'Le ministre a confirmé la visite à Kiev.\n' >d/a.txt
	# byte 46 is 0xFF, never valid in UTF-8
	printf 'Le maire a parlé longuement.\nPuis il a dit : \377 fin.\n' >d/b.txt
	printf 'La réunion est reportée à la semaine prochaine.\n' >d/c.txt
	# last byte cut in the middle of "é" (0xC3 0xA9): byte 15
	printf 'Un texte coupé\303' >d/d.txt
	ingest 10 1 --db t.db d
	contains err "d/b.txt: byte 46: invalid UTF-8"
	contains err "d/d.txt: byte 15: invalid UTF-8"
	lacks err "a.txt"
	lacks err "c.txt"
	[ "$(articles t.db)" -eq 2 ] || fail "the two valid files should be stored"
	# With --repair every file is stored, the bad bytes as U+FFFD.
	ingest 10 0 --db r.db --repair --json d
	has_count out repaired 2
	[ "$(articles r.db)" -eq 4 ] || fail "all four files should be stored"
	"$VEILLE" export --db r.db >export
	contains export "Puis il a dit : � fin."
}

test_invalid_utf8_in_jsonl_line() {
	{
		printf '{"id":"j1","text":"Première dépêche, valide."}\n'
		printf '{"id":"j2","text":"Deuxième dépêche, valide."}\n'
		# Latin-1 "é" (0xE9) at byte 23 of line 3
		printf '{"id":"j3","text":"Le d\351put\351 a parl\351."}\n'
		printf '{"id":"j4","text":"Quatrième dépêche, valide."}\n'
	} >f.jsonl
	ingest 10 1 --db t.db f.jsonl
	contains err "f.jsonl:3: byte 23: invalid UTF-8"
	[ "$(articles t.db)" -eq 3 ] || fail "the three valid lines should be stored"
	ingest 10 0 --db r.db --repair f.jsonl
	[ "$(articles r.db)" -eq 4 ] || fail "repaired line should be stored"
}

# ------------------------------------------------- truncated gzip, JSON

test_truncated_gzip_jsonl() {
	awk 'BEGIN { srand(7); for (i = 1; i <= 3000; i++)
		printf "{\"id\":\"g%d\",\"source\":\"gz\",\"text\":\"Dépêche %d : le comité %d a voté %d fois, selon %x.\"}\n",
			i, i, int(rand() * 100000), int(rand() * 1000), int(rand() * 2147483647) }' |
		gzip -c >all.jsonl.gz
	n=$(wc -c <all.jsonl.gz)
	head -c $((n / 2)) all.jsonl.gz >cut.jsonl.gz
	# The complete lines that can be decompressed from the cut file.
	complete=$(gzip -dc cut.jsonl.gz 2>/dev/null | wc -l | tr -d ' ')
	[ "$complete" -gt 100 ] || fail "test setup: only $complete lines before the cut"
	ingest 10 1 --db t.db cut.jsonl.gz
	contains err "cut.jsonl.gz"
	[ "$(articles t.db)" -eq "$complete" ] ||
		fail "expected the $complete complete lines stored, got $(articles t.db)"
}

test_truncated_json_line() {
	{
		printf '{"id":"k1","text":"Le texte du premier article."}\n'
		printf '{"id":"k2","text":"Deuxième ligne, coupée à la fin \342\206\222 '
		printf '\n{"id":"k3","text":"Le troisième article est intact."}\n'
		printf '{"id":"k4","text":"Le dernier article est coupé'
	} >t.jsonl
	ingest 10 1 --db t.db t.jsonl
	contains err "t.jsonl:2: byte"
	contains err "malformed JSON"
	contains err "t.jsonl:4: byte"
	contains err "2 of 4 articles rejected; 2 stored"
	"$VEILLE" show --db t.db k3 >/dev/null
}

test_json_wrong_types_and_nesting() {
	{
		printf '{"id":1.5,"text":"Identifiant flottant."}\n'
		printf '{"id":"w2","text":["pas","une","chaîne"]}\n'
		printf '{"id":"w3","text":"Champs inconnus conservés.","auteur":{"nom":"Claire"},"note":-0.0}\n'
		printf '{"id":"w4","text":"Imbrication","x":'
		yes '[' | head -n 5000 | tr -d '\n'
		yes ']' | head -n 5000 | tr -d '\n'
		printf '}\n'
		printf '{"id":"w5","text":"surrogate seul \\ud800."}\n'
		printf '[1,2,3]\n'
		printf '{"id":"w7","text":"Nombre trop grand.","note":1e400}\n'
	} >w.jsonl
	ingest 10 1 --db t.db --json w.jsonl
	contains err 'w.jsonl:1: field "id" has the wrong type'
	contains err 'w.jsonl:2: field "text" has the wrong type'
	contains err "w.jsonl:4:"
	contains err "w.jsonl:5:"
	contains err "w.jsonl:6: byte 0: a JSON Lines record must be an object"
	lacks err "w.jsonl:3:"
	# 1e400 overflows a double: refused or kept, as the JSON parser
	# decides, but the count adds up.
	has_count out read 7
	n=$(articles t.db)
	[ "$n" -ge 1 ] && [ "$n" -le 2 ] || fail "expected 1 or 2 articles, got $n"
	# Unknown fields are kept.
	"$VEILLE" show --db t.db --json w3 >w3
	contains w3 '"auteur"'
}

# ------------------------------------------- every document identical

test_thousand_identical_documents() {
	awk 'BEGIN { for (i = 1; i <= 1000; i++)
		printf "{\"id\":\"copie-%d\",\"source\":\"agence\",\"text\":\"Le Conseil de sécurité se réunit lundi à New York.\\n\\nLes membres doivent examiner une résolution sur le cessez-le-feu.\\n\\nLa séance est publique, a précisé le porte-parole.\"}\n", i }' >same.jsonl
	ingest 15 0 --db t.db same.jsonl
	[ "$(articles t.db)" -eq 1000 ] || fail "all 1000 copies should be stored"
	# A second run finds every article unchanged.
	ingest 15 0 --db t.db --json same.jsonl
	has_count out unchanged 1000
	has_count out added 0
}

# --------------------------------------------------------- standard input

test_stdin_text_and_jsonl() {
	printf ' date 2025-03-14 Grève nationale jeudi\n\nLes syndicats appellent à manifester, a-t-on appris.\n' >a.txt
	# line 2 is cut short (the record ends at the newline)
	printf '{"id":"s1","text":"Premier."}\n{"id":"s2","text":"Deuxième.\n' >b.jsonl
	printf '{"id":"s3","text":"Troisième."}\n' >>b.jsonl
	within 10 sh -c 'cat a.txt | "$VEILLE" ingest --db t.db -' 2>err ||
		fail "text on stdin: $(cat err)"
	[ "$(articles t.db)" -eq 1 ] || fail "text on stdin not stored"
	"$VEILLE" ls --db t.db >ls
	contains ls "2025-03-14"
	rc=0
	within 10 sh -c 'cat b.jsonl | "$VEILLE" ingest --db t.db -' 2>err || rc=$?
	[ "$rc" -eq 1 ] || fail "JSON Lines on stdin exited $rc, expected 1"
	contains err "veille: -:2:"
	[ "$(articles t.db)" -eq 3 ] || fail "JSON Lines on stdin: 2 records expected"
	# An empty standard input is refused, not a crash.
	rc=0
	within 10 sh -c '"$VEILLE" ingest --db t.db - </dev/null' 2>err || rc=$?
	[ "$rc" -eq 1 ] || fail "empty stdin exited $rc, expected 1"
	contains err "no text"
}

# ----------------------------------------------------- fuzz corpora

test_fuzz_corpora_replay() {
	for t in txt jsonl tokenize; do
		[ -x "$FUZZ_BIN/fuzz_$t" ] || fail "no replay driver $FUZZ_BIN/fuzz_$t"
		within 60 "$FUZZ_BIN/fuzz_$t" "$ROOT/fuzz/corpus/$t" >out 2>err ||
			fail "fuzz_$t failed on its corpus: $(tail -n 20 err)"
		n=$(sed -n 's/^replayed \([0-9]*\) inputs$/\1/p' out)
		[ -n "$n" ] && [ "$n" -ge 10 ] ||
			fail "fuzz_$t replayed too few inputs: $(cat out)"
	done
}

# gzread() returns 0, not -1, at the end of a truncated gzip file; only
# gzerror() tells. A .txt.gz cut anywhere must be refused, not stored as a
# shorter article, and a .jsonl.gz missing its trailer keeps its whole
# lines but is reported.
test_truncated_gzip_reported() {
	yes 'Le conseil a voté le budget de la ville pour 2025, avec 30 000 euros de plus.' |
		head -n 3000 | awk '{ print NR ": " $0 }' | gzip -c >long.txt.gz
	n=$(wc -c <long.txt.gz)
	head -c $((n / 2)) long.txt.gz >cut.txt.gz
	ingest 10 1 --db t.db cut.txt.gz
	contains err "cut.txt.gz"
	[ "$(articles t.db)" -eq 0 ] || fail "a truncated article was stored"
	# Only the gzip trailer (CRC and size) is missing: every line is whole.
	awk 'BEGIN { for (i = 1; i <= 100; i++)
		printf "{\"id\":\"t%d\",\"text\":\"Dépêche numéro %d.\"}\n", i, i }' |
		gzip -c >whole.jsonl.gz
	n=$(wc -c <whole.jsonl.gz)
	head -c $((n - 8)) whole.jsonl.gz >notrailer.jsonl.gz
	ingest 10 1 --db u.db notrailer.jsonl.gz
	contains err "notrailer.jsonl.gz"
	[ "$(articles u.db)" -eq 100 ] || fail "the 100 whole lines should be stored"
}
