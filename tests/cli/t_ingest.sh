# t_ingest.sh — ingest, cleaning on the sample and the seeds, idempotence,
# bad input, export round trip, crash safety. Sourced by run.sh.

# Every line listed in tests/data/sample-junk.tsv is removed with its
# category; every line of sample-keep.tsv survives in the clean text.
test_sample_junk_and_keep() {
	"$VEILLE" ingest --db t.db "$SAMPLE" >out 2>err
	for id in $("$VEILLE" ls --db t.db | cut -f1); do
		"$VEILLE" show --db t.db --json --explain "$id" |
			jq -r '. as $a | ($a.origin | sub(".*/sample/"; "")) as $o |
			  (.removed[] | [$o, $a.id, (.text | sub("^\\s+"; "")), .reason] | @tsv),
			  (.text | split("\n")[] | select(length > 0) |
			   "KEEP\t" + $o + "\t" + $a.id + "\t" + .)'
	done >removed.tsv
	missing=0
	while IFS="$(printf '\t')" read -r file line cat; do
		if ! awk -F'\t' -v f="$file" -v l="$line" -v c="$cat" '
			($1 == f || $2 == f) && $3 ~ /./ && index($3, l) == 1 && $4 == c { ok = 1 }
			END { exit !ok }' removed.tsv; then
			echo "not removed as $cat: $file: $line" >&2
			missing=$((missing + 1))
		fi
	done <"$DATA/sample-junk.tsv"
	while IFS="$(printf '\t')" read -r file line cat; do
		if ! awk -F'\t' -v f="$file" -v l="$line" '
			$1 == "KEEP" && ($2 == f || $3 == f) && index($4, l) == 1 { ok = 1 }
			END { exit !ok }' removed.tsv; then
			echo "lost ($cat): $file: $line" >&2
			missing=$((missing + 1))
		fi
	done <"$DATA/sample-keep.tsv"
	[ "$missing" -eq 0 ] || fail "$missing sample lines misclassified"
}

test_seeds_stored_cleaned_and_idempotent() {
	[ -d "$SHARED/seeds" ] || { echo "skip: no ../shared/seeds"; return 0; }
	expect_rc 0 "$VEILLE" ingest --db t.db "$SHARED/seeds"
	[ "$(count_articles t.db)" = 5 ] || fail "expected 5 articles"
	"$VEILLE" ingest --db t.db --json "$SHARED/seeds" >again.json
	[ "$(jq .added again.json)" = 0 ] || fail "second run added articles"
	[ "$(jq .unchanged again.json)" = 5 ] || fail "second run: not 5 unchanged"
	for id in $("$VEILLE" ls --db t.db | cut -f1); do
		"$VEILLE" show --db t.db --json "$id"
	done >all.json
	# 000: the comment section; 002: WhatsApp block, credits, bylines,
	# captions; 004: section label, "Publié", image file, "À VOIR AUSSI".
	for want in "comment:Bienvenue dans" "comment:Lire notre charte" \
		"promo:Ignorer Promotion WhatsApp" "promo:Fin de Promotion WhatsApp" \
		"promo:Cliquez ici et abonnez-vous" "credit:Crédit photo, Getty Images" \
		"byline:Author, Bernd" "byline:Role, BBC News" \
		"caption:Légende image," "caption:Carte montrant" \
		"caption:Poutine est assis" "caption:Donald Trump à la Maison Blanche" \
		"section:International" "timestamp:Publié" "image:65802713c" \
		"see-also:À VOIR AUSSI"; do
		reason=${want%%:*}
		text=${want#*:}
		jq -r '.removed[] | .reason + ":" + .text' all.json |
			grep -qF -- "$reason:" || fail "no $reason removed"
		jq -r '.removed[] | .reason + ":" + .text' all.json |
			grep -F -- "$reason:" | grep -qF -- "$text" ||
			fail "not removed as $reason: $text"
	done
	# Body paragraphs and sub-headings stay.
	for keep in "Offensive vers Koursk" "«Toujours là»" \
		"Changement de ton dans la relation" "Sur Telegram, des observateurs"; do
		jq -r .text all.json | grep -qF -- "$keep" || fail "lost: $keep"
	done
	# The seeds' date markers are publication dates, not text.
	jq -r .published all.json | grep -qx 2025-02 || fail "no 2025-02"
	jq -r .text all.json | grep -q '^ *date 20' && fail "marker kept"
	return 0
}

test_invalid_utf8_among_valid_files() {
	mkdir in
	printf 'Premier article valide, sans rien de spécial.\n' >in/a.txt
	printf 'Deuxième article, lui aussi parfaitement valide.\n' >in/b.txt
	printf 'Un texte abim\351 par un encodage Latin-1.\n' >in/c.txt
	set +e
	"$VEILLE" ingest --db t.db in 2>err
	rc=$?
	set -e
	[ $rc -eq 1 ] || fail "exit $rc, expected 1"
	contains err "in/c.txt: byte 13: invalid UTF-8"
	[ "$(count_articles t.db)" = 2 ] || fail "valid files not stored"
	# --repair stores it with U+FFFD.
	expect_rc 0 "$VEILLE" ingest --db t.db --repair in
	[ "$(count_articles t.db)" = 3 ] || fail "repaired file not stored"
	"$VEILLE" export --db t.db | grep -q "abim�" || fail "no U+FFFD"
}

test_export_reads_back_identically() {
	"$VEILLE" ingest --db a.db "$SAMPLE"
	"$VEILLE" export --db a.db >a.jsonl
	"$VEILLE" ingest --db b.db a.jsonl
	"$VEILLE" export --db b.db >b.jsonl
	cmp a.jsonl b.jsonl || fail "export differs after a round trip"
	# Read back into the store it came from: nothing changes.
	"$VEILLE" ingest --db a.db --json a.jsonl >again.json
	[ "$(jq .unchanged again.json)" -eq "$(count_articles a.db)" ] ||
		fail "re-ingesting the export changed articles: $(cat again.json)"
	[ "$(wc -l <a.jsonl)" -eq "$(count_articles a.db)" ] || fail "count"
	for id in $("$VEILLE" ls --db a.db | cut -f1); do
		"$VEILLE" show --db a.db --json "$id" | jq -S 'del(.removed[].rule)' >x
		"$VEILLE" show --db b.db --json "$id" | jq -S 'del(.removed[].rule)' >y
		cmp x y || fail "article $id differs after a round trip"
	done
}

test_jsonl_fields_extra_and_update() {
	cat >in.jsonl <<'JSON'
{"id": "a1", "url": "https://exemple.test/a1", "source": "Agence Test", "title": "Titre un", "lead": "Chapeau.", "published": "2025-03-14T09:12:00+01:00", "lang": "fr", "text": "Le maire a parlé jeudi soir devant le conseil municipal.", "section": "Monde", "tags": ["a", "b"]}
{"url": "https://exemple.test/sans-id", "source": "Agence Test", "text": "Un article sans identifiant reçoit un identifiant stable."}
JSON
	"$VEILLE" ingest --db t.db in.jsonl
	"$VEILLE" show --db t.db --json a1 >a1.json
	[ "$(jq -r .published a1.json)" = "2025-03-14T09:12:00+01:00" ] || fail published
	[ "$(jq -r .extra.section a1.json)" = Monde ] || fail "extra field lost"
	[ "$(jq -r '.extra.tags[1]' a1.json)" = b ] || fail "extra array lost"
	id2=$("$VEILLE" ls --db t.db | sed -n 2p | cut -f1)
	[ ${#id2} -eq 16 ] || fail "no content-derived id: $id2"
	"$VEILLE" export --db t.db | grep -q '"section":"Monde"' || fail "export lost extra"
	# The same id with a changed text replaces the article.
	sed 's/jeudi soir/vendredi matin/' in.jsonl >changed.jsonl
	"$VEILLE" ingest --db t.db --json changed.jsonl >st.json
	[ "$(jq .updated st.json)" = 1 ] && [ "$(jq .unchanged st.json)" = 1 ] ||
		fail "expected 1 updated, 1 unchanged"
	"$VEILLE" show --db t.db a1 | grep -q "vendredi matin" || fail "not updated"
}

test_stdin_and_gzip() {
	printf ' date 2025-03-14 La ville de Soudja a été reprise, selon Moscou.\n\nLes combats continuent.\n' |
		"$VEILLE" ingest --db t.db --source pipe -
	"$VEILLE" ls --db t.db >ls.txt
	contains ls.txt "2025-03-14	pipe	fr"
	printf '{"id":"g1","text":"Un article compressé par gzip, lu tel quel."}\n' | gzip >g.jsonl.gz
	"$VEILLE" ingest --db t.db g.jsonl.gz
	"$VEILLE" show --db t.db g1 >g1.txt
	contains g1.txt "compressé par gzip"
	gzip -c "$SAMPLE/feeds/radio-continent.jsonl" | "$VEILLE" ingest --db t.db -
	[ "$(count_articles t.db)" -ge 8 ] || fail "gzip on stdin"
}

test_help_version_and_exit_codes() {
	for c in ingest ls show export stats; do
		"$VEILLE" "$c" --help >h.txt || fail "$c --help failed"
		contains h.txt "usage: veille $c"
		"$VEILLE" help "$c" >h2.txt
		cmp h.txt h2.txt || fail "help $c differs"
	done
	"$VEILLE" --help | grep -q "usage: veille" || fail "--help"
	"$VEILLE" --version | grep -q "^veille [0-9]" || fail "--version"
	expect_rc 2 "$VEILLE" frobnicate
	expect_rc 2 "$VEILLE" ingest --db t.db
	expect_rc 2 "$VEILLE" ls --bogus
	printf 'Un article.\n' >a.txt
	"$VEILLE" ingest --db t.db a.txt
	expect_rc 4 "$VEILLE" show --db t.db nope
	expect_rc 3 "$VEILLE" ls --db /nonexistent/dir/t.db
	# Quiet on success: nothing on stdout or stderr.
	"$VEILLE" ingest --db t.db "$SAMPLE" >o 2>e
	[ ! -s o ] && [ ! -s e ] || fail "ingest is not quiet on success"
}

test_show_json_and_stats() {
	"$VEILLE" ingest --db t.db "$SAMPLE"
	id=$("$VEILLE" ls --db t.db --source le-veilleur-du-matin | head -1 | cut -f1)
	"$VEILLE" show --db t.db --json "$id" >s.json
	for k in id source title published lang text removed; do
		jq -e "has(\"$k\")" s.json >/dev/null || fail "show --json lacks $k"
	done
	# Learned: the line this source repeats is removed from every one of
	# its articles, the first ones included.
	for id in $("$VEILLE" ls --db t.db --source le-veilleur-du-matin | cut -f1); do
		"$VEILLE" show --db t.db --json "$id" | jq -r '.removed[].reason' |
			grep -qx repeated || fail "$id keeps the repeated line"
	done
	"$VEILLE" stats --db t.db --json >st.json
	[ "$(jq .articles st.json)" -eq "$(count_articles t.db)" ] || fail stats
	[ "$(jq .by_lang.en st.json)" = 1 ] || fail "the English article"
	"$VEILLE" show --db t.db --sentences --explain "$id" >human.txt
	contains human.txt "removed lines:"
	contains human.txt "sentences:"
}

# kill -9 in the middle of an ingest: every committed batch is intact, the
# database is consistent, and a re-run completes the job exactly once.
test_kill_mid_ingest_keeps_committed_batches() {
	awk 'BEGIN { for (i = 0; i < 40000; i++)
		printf "{\"id\":\"k%d\",\"source\":\"s%d\",\"text\":\"Dépêche numéro %d : le conseil a voté jeudi soir, a indiqué le maire.\"}\n", i, i % 7, i }' >big.jsonl
	"$VEILLE" ingest --db t.db --batch 100 big.jsonl &
	pid=$!
	n=0
	while [ "$n" -lt 300 ] && kill -0 $pid 2>/dev/null; do
		n=$(sqlite3 t.db "SELECT count(*) FROM articles" 2>/dev/null || echo 0)
		sleep 0.05
	done
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	got=$(sqlite3 t.db "SELECT count(*) FROM articles")
	[ "$(sqlite3 t.db 'PRAGMA integrity_check')" = ok ] || fail "corrupt"
	[ $((got % 100)) -eq 0 ] || fail "a batch was half committed: $got"
	[ "$got" -lt 40000 ] || echo "note: ingest finished before the kill"
	"$VEILLE" ingest --db t.db --json big.jsonl >st.json
	[ "$(jq .added st.json)" -eq $((40000 - got)) ] || fail "re-run added $(jq .added st.json)"
	[ "$(sqlite3 t.db 'SELECT count(*) FROM articles')" = 40000 ] || fail total
}
