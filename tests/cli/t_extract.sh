# t_extract.sh — dates, quotations, claims and the timeline through the
# CLI. Fixtures in tests/data/extract/ (two dispatches we wrote on the
# fall of Vougledar: the Russian ministry claims the town, a Ukrainian
# brigade denies it, Kiev does not confirm). With ../shared/seeds present
# the issue's seed checks run too. Sourced by run.sh (POSIX sh).

EXT=$DATA/extract

ingest_ext() {
	"$VEILLE" ingest --quiet --db x.db "$EXT" ||
		fail "ingest of the extraction fixtures failed"
}

# value_of ARTICLE TEXT : the ISO value of the date written TEXT.
value_of() {
	"$VEILLE" dates --db "${DB:-x.db}" --json "$1" |
		jq -r --arg t "$2" '[.dates[] | select(.text == $t)][0].value'
}

test_dates_resolve_against_the_publication_day() {
	ingest_ext
	[ "$(value_of vuh-1 vendredi)" = 2024-10-04 ] || fail "vendredi: $(value_of vuh-1 vendredi)"
	[ "$(value_of vuh-1 'jeudi soir')" = "2024-10-03 evening" ] ||
		fail "jeudi soir: $(value_of vuh-1 'jeudi soir')"
	[ "$(value_of vuh-1 '28 septembre')" = 2024-09-28 ] || fail "28 septembre"
	"$VEILLE" show --db x.db --json vuh-1 | jq -j .text >text
	"$VEILLE" dates --db x.db --json vuh-1 >d.json
	jq -r '.dates[] | "\(.start) \(.end) \(.text)"' d.json |
		while read -r s e t; do
			got=$(tail -c +$((s + 1)) text | head -c $((e - s)))
			[ "$got" = "$t" ] || fail "bytes $s-$e are '$got', not '$t'"
		done
	"$VEILLE" dates --db x.db vuh-1 >d.txt
	contains d.txt "published: 2024-10-04T10:00:00Z"
	contains d.txt "2024-10-03 evening"
	expect_rc 4 "$VEILLE" dates --db x.db no-such-article
}

test_an_undated_article_is_read_against_the_day_its_text_gives() {
	printf 'Publié le 3 mars 2025\n\nLe conseil municipal a voté hier le budget de la ville, après un débat tendu lundi.\n' >a.txt
	"$VEILLE" ingest --quiet --db u.db a.txt
	id=$("$VEILLE" ls --db u.db | cut -f1)
	"$VEILLE" dates --db u.db --json "$id" >d.json
	[ "$(jq -r .published_inferred d.json)" = 2025-03-03 ] ||
		fail "inferred: $(jq -c . d.json)"
	[ "$(jq -r .inferred_from d.json)" = text ] || fail "not from the text"
	DB=u.db
	[ "$(value_of "$id" hier)" = 2025-03-02 ] || fail "hier: $(value_of "$id" hier)"
	[ "$(value_of "$id" lundi)" = 2025-03-03 ] || fail "lundi: $(value_of "$id" lundi)"
}

test_quotes_have_their_speakers() {
	ingest_ext
	"$VEILLE" quotes --db x.db --speaker Vinnyk --json >q.json
	[ "$(jq length q.json)" -ge 3 ] || fail "Vinnyk's quotes: $(cat q.json)"
	jq -e 'all(.[]; .speaker == "Ivan Vinnyk")' q.json >/dev/null ||
		fail "another speaker under Vinnyk: $(cat q.json)"
	# "a-t-il ajouté": the speaker carried from the quotation before
	jq -e 'map(select(.text == "Nous tenons"))[0].carried' q.json >/dev/null ||
		fail "Nous tenons is not carried"
	"$VEILLE" show --db x.db --json vuh-2 | jq -j .text >text
	"$VEILLE" quotes --db x.db --article vuh-2 --json >q2.json
	jq -r '.[] | "\(.start) \(.end)"' q2.json | while read -r s e; do
		got=$(tail -c +$((s + 1)) text | head -c $((e - s)))
		want=$(jq -r --argjson s "$s" 'map(select(.start == $s))[0].text' q2.json)
		[ "$got" = "$want" ] || fail "bytes $s-$e are '$got', not '$want'"
	done
	"$VEILLE" quotes --db x.db --speaker Konachenkov >k.txt
	contains k.txt "Nos unités contrôlent entièrement la localité"
	"$VEILLE" quotes --db x.db --limit 2 --json >two.json
	[ "$(jq length two.json)" -eq 2 ] || fail "--limit 2"
	expect_rc 4 "$VEILLE" quotes --db x.db --article nope
}

test_claims_flag_the_disputed_capture() {
	ingest_ext
	story=$("$VEILLE" stories --db x.db --json | jq -s '.[0].id')
	[ "$("$VEILLE" stories --db x.db | wc -l)" -eq 1 ] ||
		fail "the two dispatches are not one story"
	"$VEILLE" claims --db x.db --json "$story" >c.json
	jq -e '.subjects[0] | .event == "control" and .subject == "Vougledar"
		and .disputed' c.json >/dev/null ||
		fail "first subject: $(jq -c '.subjects[0] | {event, subject, disputed}' c.json)"
	# Vinnyk denies what Konachenkov asserts; Kiev does not confirm
	jq -e '.subjects[0] as $g | $g.disputes | map(
		($g.claims[.by].source) + ">" + ($g.claims[.claim].source) + ":" + .why)
		| index("Ivan Vinnyk>Igor Konachenkov:denial") != null' c.json \
		>/dev/null || fail "no Vinnyk/Konachenkov dispute: $(jq -c '.subjects[0].disputes' c.json)"
	jq -e '.subjects[0].claims | map(select(.polarity == "doubts"))[0].source
		== "Les autorités ukrainiennes"' c.json >/dev/null ||
		fail "Kiev's doubt is missing"
	"$VEILLE" claims --db x.db "$story" >c.txt
	contains c.txt "control — Vougledar: DISPUTED"
	contains c.txt "Ivan Vinnyk denies what Igor Konachenkov asserts"
	expect_rc 4 "$VEILLE" claims --db x.db 999
	expect_rc 2 "$VEILLE" claims --db x.db abc
}

test_timeline_orders_the_dated_events() {
	ingest_ext
	story=$("$VEILLE" stories --db x.db --json | jq -s '.[0].id')
	"$VEILLE" timeline --db x.db --json "$story" >t.json
	[ "$(jq -r '[.days[].date] | join(",")' t.json)" = \
		"2024-09-28,2024-10-03,2024-10-04" ] ||
		fail "days: $(jq -c '[.days[].date]' t.json)"
	jq -e '.days[2].events | map(.claims | length) | add > 0' t.json >/dev/null ||
		fail "no claim on 4 October"
	"$VEILLE" timeline --db x.db "$story" >t.txt
	contains t.txt "2024-10-03"
	contains t.txt "«jeudi soir»"
}

test_extraction_commands_have_help() {
	for c in dates quotes claims timeline; do
		"$VEILLE" "$c" --help >h.txt || fail "$c --help failed"
		contains h.txt "usage: veille $c"
	done
	expect_rc 2 "$VEILLE" dates
	expect_rc 2 "$VEILLE" timeline
	expect_rc 2 "$VEILLE" quotes --limit 0
}

# The issue's checks on the seeds (skipped without ../shared).
test_seeds_dates_quotes_and_claims() {
	if [ ! -d "$SHARED/seeds" ]; then
		echo "skipped: $SHARED/seeds absent"
		return 0
	fi
	"$VEILLE" ingest --quiet --db s.db "$SHARED/seeds"
	DB=s.db
	id() { "$VEILLE" ls --db s.db | awk -v n="$1" 'NR == n + 1 { print $1 }'; }
	a2=$(id 2) a3=$(id 3) a4=$(id 4)
	[ "$(value_of "$a3" jeudi)" = 2025-03-13 ] || fail "003 jeudi: $(value_of "$a3" jeudi)"
	[ "$(value_of "$a3" mardi)" = 2025-03-11 ] || fail "003 mardi"
	[ "$(value_of "$a2" 'jeudi matin')" = "2025-03-13 morning" ] ||
		fail "002 jeudi matin: $(value_of "$a2" 'jeudi matin')"
	[ "$(value_of "$a2" '28 février')" = 2025-02-28 ] || fail "002 28 février"
	[ "$(value_of "$a4" 'jeudi 13 mars 2025')" = 2025-03-13 ] ||
		fail "004 jeudi 13 mars 2025: $(value_of "$a4" 'jeudi 13 mars 2025')"
	for sp in Peskov Rubio Trump Leavitt Poutine Zelensky Kots; do
		n=$("$VEILLE" quotes --db s.db --speaker "$sp" --json | jq length)
		[ "$n" -ge 1 ] || fail "no quotation of $sp"
	done
	"$VEILLE" claims --db s.db --json 1 >c1.json
	"$VEILLE" claims --db s.db --json 2 >c2.json
	jq -e '.subjects | map(select(.event == "control" and .subject == "Toretsk"))[0]
		| .disputed and (.claims | map(select(.polarity == "asserts") | .source)
			| map(test("ministère russe de la Défense")) | any)
		and (.claims | map(select(.polarity == "denies") | .source)
			| map(test("28")) | any)' c1.json >/dev/null ||
		fail "Toretsk: $(jq -c '.subjects[0] | {event, subject, disputed}' c1.json)"
	jq -e '.subjects | map(select(.event == "encirclement"))[0]
		| .disputed and (.claims | map(select(.polarity == "asserts") | .source)
			| index("Donald Trump") != null)
		and (.claims | map(select(.polarity == "denies") | .source)
			| map(test("état-major")) | any)' c2.json >/dev/null ||
		fail "encirclement: $(jq -c '.subjects | map(select(.event == "encirclement"))' c2.json)"
	"$VEILLE" timeline --db s.db --json 2 >t.json
	jq -e '[.days[].date] | index("2025-03-11") != null and index("2025-03-14") != null' \
		t.json >/dev/null || fail "timeline: $(jq -c '[.days[].date]' t.json)"
}
