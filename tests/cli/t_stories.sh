# t_stories.sh — the story commands through the CLI: `veille stories`,
# `story`, `why` and `recluster`, and ingest's story options. On the
# bundled sample (five events told by five outlets, data/sample/README.md):
# articles that tell one event share a story, articles on different events
# do not, every stored article is in exactly one story; the story stage is
# deterministic (recluster twice, or the sample ingested in two runs,
# gives the same grouping); on ../shared/seeds when it is there, the two
# stories its five articles tell. Sourced by run.sh (POSIX sh), which
# runs each test_* in a fresh directory.

# ingest_into DB PATH... : `veille ingest` must succeed, quietly.
ingest_into() {
	db=$1
	shift
	within 30 "$VEILLE" ingest --db "$db" "$@" >out 2>err ||
		fail "veille ingest $* failed: $(head -c 2000 err)"
	[ ! -s out ] && [ ! -s err ] ||
		fail "veille ingest $* is not quiet: $(head -c 500 out err)"
}

# map_origins DB : ./map gets "id <TAB> origin" for every stored article:
# the file, or the feed, it was read from (`show --json --explain` says
# it too; one query instead of one process an article keeps the tests
# fast under the sanitizers).
map_origins() {
	sqlite3 -separator '	' "$1" 'SELECT id, origin FROM articles' >map
	[ -s map ] || fail "nothing stored in $1"
	! awk -F'\t' '$2 == ""' map | grep -q . ||
		fail "articles without an origin: $(awk -F'\t' '$2 == ""' map)"
}

# id_of NAME : the id of the article read from the file whose path ends
# in /NAME (./map); a feed's articles keep their given ids.
id_of() {
	case $1 in rc-*)
		echo "$1"
		return
		;;
	esac
	awk -F'\t' -v f="/$1" '
		length($2) >= length(f) &&
		substr($2, length($2) - length(f) + 1) == f { print $1 }' map
}

# stories_json DB : `veille stories --json` into ./stories.json, and
# ./listed: "article <TAB> story" for each article listed.
stories_json() {
	within 10 "$VEILLE" stories --db "$1" --json >stories.json 2>err ||
		fail "veille stories --json failed: $(head -c 2000 err)"
	jq -r '.id as $s | .articles[] | "\(.)\t\($s)"' stories.json >listed
}

# story_of ID : the story listing article ID (./listed).
story_of() {
	awk -F'\t' -v a="$1" '$1 == a { print $2 }' listed
}

# partition DB : the grouping of DB's articles, one story a line (its
# article ids, sorted), the lines sorted: story ids left out.
partition() {
	stories_json "$1"
	jq -r '.articles | sort | join(" ")' stories.json | sort
}

# default_threshold : the story stage's default threshold, as
# `veille recluster --help` gives it (from veille.h).
default_threshold() {
	"$VEILLE" recluster --help | sed -n 's/.*default \([0-9.]*\)).*/\1/p'
}

# sample_db : the sample ingested into t.db, its stories listed;
# sample_map : the same, and ./map.
sample_db() {
	ingest_into t.db "$SAMPLE"
	"$VEILLE" ls --db t.db | cut -f1 >ids
	stories_json t.db
}
sample_map() {
	sample_db
	map_origins t.db
}

# same_story A B : the sample articles A and B (file names) share a story.
same_story() {
	ia=$(id_of "$1")
	ib=$(id_of "$2")
	[ -n "$ia" ] && [ -n "$ib" ] || fail "no id for $1 or $2"
	sa=$(story_of "$ia")
	sb=$(story_of "$ib")
	[ -n "$sa" ] && [ "$sa" = "$sb" ] ||
		fail "$1 (story '$sa') and $2 (story '$sb') tell one event" \
			"but are not in one story; $1: $("$VEILLE" why \
			--db t.db "$ia"); $2: $("$VEILLE" why --db t.db "$ib")"
}

# ------------------------------------------------------ the bundled sample

test_stories_sample_one_event_one_story() {
	sample_map
	# each pair is one event told twice: a wire dispatch and a reprint
	# or rewrite of it, or two accounts of the same scene
	same_story agence-ouest-presse/2025-03-11-greve-controleurs-aeriens.txt \
		nord-info/2025-03-11-greve-controle-aerien.txt
	same_story agence-ouest-presse/2025-03-11-greve-controleurs-aeriens.txt \
		le-veilleur-du-matin/2025-03-11-greve-controleurs-breve.txt
	same_story agence-ouest-presse/2025-03-12-tchassiv-iar-revendication.txt \
		le-veilleur-du-matin/2025-03-12-tchassiv-yar.txt
	same_story agence-ouest-presse/2025-03-14-peskov-messages-witkoff.txt \
		le-veilleur-du-matin/2025-03-14-kremlin-messages-trump.txt
	same_story agence-ouest-presse/2025-03-14-peskov-messages-witkoff.txt \
		nord-info/2025-03-14-kremlin-signaux-trump.txt
	same_story agence-ouest-presse/2025-03-13-crues-pas-de-calais.txt \
		le-veilleur-du-matin/2025-03-13-crues-aa-pas-de-calais.txt
	same_story agence-ouest-presse/2025-03-15-avalanche-valais.txt \
		la-gazette-des-alpes/2025-03-15-avalanche-grimentz.txt
	same_story la-gazette-des-alpes/2025-03-15-avalanche-grimentz.txt \
		le-veilleur-du-matin/2025-03-16-avalanche-grimentz.txt
	same_story le-veilleur-du-matin/2025-03-16-avalanche-grimentz.txt \
		rc-20250315-avalanche-grimentz
}

# The Gazette des Alpes reprints the wire's Djeddah dispatch (a
# near-duplicate: `veille dups` pairs them) but reaches the store after
# Radio Continent's feed, whose dispatches run four days later.
test_stories_sample_late_reprint_joins_its_wire() {
	sample_map
	same_story agence-ouest-presse/2025-03-11-djeddah-treve-30-jours.txt \
		la-gazette-des-alpes/2025-03-12-djedda-cessez-le-feu.txt
}

# apart NAME... : the sample articles NAME (file names, feed ids) are in
# as many stories as there are names.
apart() {
	for n in "$@"; do
		i=$(id_of "$n")
		[ -n "$i" ] || fail "no id for $n"
		st=$(story_of "$i")
		[ -n "$st" ] || fail "$n ($i) is in no listed story"
		echo "$st $n"
	done >where
	[ "$(cut -d' ' -f1 where | sort -u | wc -l)" -eq $# ] ||
		fail "different events share a story: $(sort where | tr '\n' ' ')"
}

test_stories_sample_different_events_apart() {
	sample_map
	[ "$(wc -l <stories.json)" -ge 5 ] ||
		fail "five events, $(wc -l <stories.json) stories"
	# the wire's dispatch on each of the five events
	apart agence-ouest-presse/2025-03-12-tchassiv-iar-revendication.txt \
		agence-ouest-presse/2025-03-14-peskov-messages-witkoff.txt \
		agence-ouest-presse/2025-03-13-crues-pas-de-calais.txt \
		agence-ouest-presse/2025-03-11-greve-controleurs-aeriens.txt \
		agence-ouest-presse/2025-03-15-avalanche-valais.txt
	# one outlet's five, and the radio's: same voice, other events
	apart le-veilleur-du-matin/2025-03-12-tchassiv-yar.txt \
		le-veilleur-du-matin/2025-03-14-kremlin-messages-trump.txt \
		le-veilleur-du-matin/2025-03-13-crues-aa-pas-de-calais.txt \
		le-veilleur-du-matin/2025-03-13-orly-greve-jour-j.txt \
		le-veilleur-du-matin/2025-03-16-avalanche-grimentz.txt
	apart rc-20250312-tchassiv-iar rc-20250311-djedda-treve \
		rc-20250315-crues-decrue rc-20250312-greve-controle-aerien \
		rc-20250315-avalanche-grimentz
}

test_stories_json_holds_every_article_once() {
	sample_db
	jq -s -e 'length > 0 and all(.[]; type == "object" and
		(.id | type == "number") and (.articles | type == "array" and
		 length > 0 and all(type == "string")) and
		.n_articles == (.articles | length))' stories.json >/dev/null ||
		fail "a story without id or articles: $(head -c 2000 stories.json)"
	cut -f1 listed | sort >in_stories
	sort ids >stored
	[ -z "$(uniq -d in_stories)" ] ||
		fail "articles in two stories: $(uniq -d in_stories | tr '\n' ' ')"
	cmp -s in_stories stored ||
		fail "stored articles in no listed story:" \
			"$(comm -13 in_stories stored | tr '\n' ' ')" \
			"listed but not stored:" \
			"$(comm -23 in_stories stored | tr '\n' ' ')"
}

test_stories_text_list() {
	sample_db
	"$VEILLE" stories --db t.db >list 2>err || fail "$(cat err)"
	[ ! -s err ] || fail "stories is not quiet: $(cat err)"
	[ "$(wc -l <list)" -eq "$(wc -l <stories.json)" ] ||
		fail "text and JSON lists differ in length"
	# id, articles, sources, first..last (or -), label: tab-separated,
	# in the order of the JSON list (most recently active first)
	awk -F'\t' 'NF != 5 || $1 !~ /^[0-9]+$/ || $2 !~ /^[0-9]+$/ ||
		$3 !~ /^[0-9]+$/ || ($4 != "-" && $4 !~ /^[0-9-]+T.*\.\./) ||
		$5 == "" { print; bad = 1 } END { exit bad }' list ||
		fail "malformed lines in: $(cat list)"
	[ "$(cut -f1 list)" = "$(jq -r .id stories.json)" ] ||
		fail "not the JSON list's order"
	jq -r '.last_published // empty' stories.json >last
	sort -r last | cmp -s - last || fail "not most recent first: $(cat last)"
}

test_stories_filters() {
	sample_db
	n=$(wc -l <stories.json)
	"$VEILLE" stories --db t.db --limit 2 >l || fail "--limit"
	[ "$(wc -l <l)" -eq 2 ] || fail "--limit 2: $(cat l)"
	"$VEILLE" stories --db t.db --json --min-articles 3 >m || fail "--min"
	[ "$(jq -s 'map(select(.n_articles < 3)) | length' m)" -eq 0 ] &&
		[ -s m ] || fail "--min-articles 3: $(cat m)"
	"$VEILLE" stories --db t.db --json --since 2025-03-15 >s || fail "--since"
	# (a story without publication times has no date to compare)
	jq -s -e 'all(.[] | .last_published // empty; . >= "2025-03-15")' s \
		>/dev/null ||
		fail "--since 2025-03-15: $(cat s)"
	[ "$(wc -l <s)" -lt "$n" ] && [ -s s ] ||
		fail "--since 2025-03-15 kept $(wc -l <s) of $n stories"
	expect_rc 2 "$VEILLE" stories --db t.db --since yesterday
	expect_rc 2 "$VEILLE" stories --db t.db --limit many
	expect_rc 2 "$VEILLE" stories --db t.db --threshold 0.5
	expect_rc 2 "$VEILLE" stories --db t.db extra
}

test_story_page_json_and_unknown_id() {
	sample_db
	id=$(jq -s -r 'max_by(.n_articles) | .id' stories.json)
	"$VEILLE" story --db t.db "$id" >page 2>err || fail "$(cat err)"
	[ ! -s err ] || fail "story is not quiet: $(cat err)"
	contains page "story $id: "
	for k in "published:" "sources:" "keywords:" "representative:" \
		"in publication order:"; do
		contains page "$k"
	done
	# its articles, in the order the story gives them
	jq -r --argjson id "$id" 'select(.id == $id) | .articles[]' \
		stories.json >arts
	grep '^  ' page | cut -f1 | sed 's/^  //' >on_page
	cmp -s arts on_page ||
		fail "the page lists $(cat on_page), not $(cat arts)"
	expect_rc 4 "$VEILLE" story --db t.db 999999 >out 2>err
	contains err "999999: no such story"
	[ ! -s out ] || fail "output for a missing story: $(cat out)"
	expect_rc 4 "$VEILLE" story --db t.db not-a-number 2>err
	expect_rc 2 "$VEILLE" story --db t.db 2>err
	expect_rc 2 "$VEILLE" story --db t.db 1 2 2>err
	"$VEILLE" story --db t.db --json "$id" >one.json || fail "story --json"
	[ "$(jq -c . one.json)" = "$(jq -c --argjson id "$id" \
		'select(.id == $id)' stories.json)" ] ||
		fail "story --json differs from the list's object"
}

test_why_text_and_json() {
	sample_map
	a=$(id_of le-veilleur-du-matin/2025-03-14-kremlin-messages-trump.txt)
	th=$(default_threshold)
	[ -n "$th" ] || fail "no default threshold in recluster --help"
	"$VEILLE" why --db t.db --json "$a" >w.json 2>err || fail "$(cat err)"
	jq -e --arg a "$a" --argjson th "$th" '.article == $a and
		(.story | type == "number") and
		(.decided | IN("similar", "reuse", "new story")) and
		(.score | type == "number") and .threshold == $th and
		(.candidates | type == "number") and
		(.matched | type == "array" and length > 0 and
		 all(.text != "" and (.kind | IN("term", "entity")) and
		     .part > 0)) and
		(.runner_up == null or (.runner_up | .story > 0 and
		 (.score | type == "number") and has("label"))) and
		(.reuse_stories | type == "array") and has("label")' w.json \
		>/dev/null || fail "why --json fields: $(cat w.json)"
	"$VEILLE" why --db t.db "$a" >w 2>err || fail "$(cat err)"
	[ ! -s err ] || fail "why is not quiet: $(cat err)"
	# the story named is the one the article is in now: `story` shows
	# it, with the label why gives, and the list has the article in it
	s=$(sed -n 's/^story:     story \([0-9][0-9]*\).*/\1/p' w)
	[ -n "$s" ] || fail "no story in: $(cat w)"
	"$VEILLE" story --db t.db --json "$s" >s.json 2>err ||
		fail "why names story $s, which story cannot show: $(cat err)"
	jq -e --arg a "$a" 'any(.articles[]; . == $a)' s.json >/dev/null ||
		fail "story $s does not hold $a: $(cat s.json)"
	[ "$(jq .label s.json)" = "$(jq .label w.json)" ] ||
		fail "labels differ: story $(jq .label s.json), why $(jq .label w.json)"
	[ "$(story_of "$a")" = "$s" ] ||
		fail "$a is listed in story '$(story_of "$a")', why says $s"
	contains w "decided:   $(jq -r .decided w.json)"
	contains w "threshold $(printf '%.3f' "$th")"
	contains w "$(jq -r '.matched[0].text' w.json)"
	grep -Eq '^ +[0-9.]+ %  (term|entity) ' w || fail "no share: $(cat w)"
	if [ "$(jq .runner_up w.json)" = null ]; then
		contains w "runner-up: none"
	else
		contains w "runner-up: story $(jq .runner_up.story w.json)"
	fi
}

test_why_first_article_and_unknown_article() {
	sample_db
	first=$(head -n 1 ids)
	"$VEILLE" why --db t.db --json "$first" >w.json || fail "why"
	jq -e '.decided == "new story" and .runner_up == null and
		.candidates == 0' w.json >/dev/null ||
		fail "the first article had nothing to join: $(cat w.json)"
	"$VEILLE" why --db t.db "$first" >w || fail "why"
	contains w "new story"
	contains w "runner-up: none"
	expect_rc 4 "$VEILLE" why --db t.db no-such-article >out 2>err
	contains err "no-such-article: no such article"
	[ ! -s out ] || fail "output for a missing article: $(cat out)"
	expect_rc 4 "$VEILLE" why --db t.db --json no-such-article 2>err
	expect_rc 2 "$VEILLE" why --db t.db 2>err
}

test_stories_help() {
	for c in stories story why recluster; do
		"$VEILLE" $c --help >h || fail "$c --help"
		contains h "usage: veille $c"
		"$VEILLE" help $c >h2 || fail "help $c"
		cmp -s h h2 || fail "help $c differs from $c --help"
	done
	"$VEILLE" --help >h
	for c in stories story why recluster; do
		grep -q "^  $c " h || fail "$c missing from veille --help"
	done
}

# ------------------------------------------------------------ determinism

test_recluster_twice_same_grouping() {
	ingest_into t.db "$SAMPLE"
	within 20 "$VEILLE" recluster --db t.db >out 2>err ||
		fail "recluster failed: $(cat err)"
	[ ! -s out ] && [ ! -s err ] ||
		fail "recluster is not quiet off a terminal: $(cat out err)"
	partition t.db >p1
	within 20 "$VEILLE" recluster --db t.db || fail "second recluster"
	partition t.db >p2
	cmp -s p1 p2 || fail "recluster twice differs: $(diff p1 p2)"
	[ "$(wc -l <p1)" -ge 5 ] || fail "five events, $(wc -l <p1) stories"
}

# The sample in two ingest runs (a restart between them) and in one run,
# the paths in the same order: the same stories.
test_ingest_in_two_halves_same_grouping() {
	a=$SAMPLE/agence-ouest-presse
	b=$SAMPLE/feeds
	c=$SAMPLE/la-gazette-des-alpes
	d=$SAMPLE/le-veilleur-du-matin
	e=$SAMPLE/nord-info
	ingest_into one.db "$a" "$b" "$c" "$d" "$e"
	ingest_into two.db "$a" "$b"
	ingest_into two.db "$c" "$d" "$e"
	[ "$(count_articles one.db)" -eq "$(count_articles two.db)" ] ||
		fail "one run stored $(count_articles one.db) articles," \
			"two runs $(count_articles two.db)"
	partition one.db >p1
	partition two.db >p2
	cmp -s p1 p2 || fail "two runs group otherwise than one: $(diff p1 p2)"
}

# ------------------------------------------------------- story options

test_story_options_reach_the_stage() {
	ingest_into t.db --story-threshold 0.5 --story-window-hours 240 "$SAMPLE"
	first=$("$VEILLE" ls --db t.db --limit 1 | cut -f1)
	[ "$("$VEILLE" why --db t.db --json "$first" | jq .threshold)" = 0.5 ] ||
		fail "ingest --story-threshold 0.5 not used"
	within 20 "$VEILLE" recluster --db t.db --threshold 0.4 ||
		fail "recluster --threshold"
	[ "$("$VEILLE" why --db t.db --json "$first" | jq .threshold)" = 0.4 ] ||
		fail "recluster --threshold 0.4 not used"
	within 20 "$VEILLE" recluster --db t.db || fail "recluster"
	[ "$("$VEILLE" why --db t.db --json "$first" | jq .threshold)" = \
		"$(default_threshold)" ] ||
		fail "recluster without options: not the default threshold"
}

test_story_options_rejected() {
	for v in 0 -1 1.5 x; do
		expect_rc 2 "$VEILLE" ingest --db t.db --story-threshold "$v" \
			"$SAMPLE" 2>err
		contains err "$v: not a number"
		expect_rc 2 "$VEILLE" recluster --db t.db --threshold "$v" 2>err
	done
	for v in 0 -3 x inf; do
		expect_rc 2 "$VEILLE" ingest --db t.db \
			--story-window-hours "$v" "$SAMPLE" 2>err
		expect_rc 2 "$VEILLE" recluster --db t.db --window-hours "$v" \
			2>err
	done
	[ ! -e t.db ] || fail "a rejected option still opened the store"
	expect_rc 2 "$VEILLE" recluster --db t.db --json 2>err
	expect_rc 2 "$VEILLE" recluster --db t.db extra 2>err
}

# ------------------------------------------------------------- the seeds

# ids_line ID... : the ids sorted, on one line, as partition gives them.
ids_line() {
	printf '%s\n' "$(printf '%s\n' "$@" | sort | tr '\n' ' ' | sed 's/ $//')"
}

# The five seed articles (by file name prefix) tell two stories: Toretsk
# taken and the talk of a meeting (000, 001); the American team in
# Moscow, Putin on Kursk, the Kremlin's messages (002, 003, 004).
test_seeds_two_stories() {
	if [ ! -d "$SHARED/seeds" ]; then
		echo "skip: $SHARED/seeds absent: the seed stories not checked" >&2
		return 0
	fi
	ingest_into s.db "$SHARED/seeds"
	[ "$(count_articles s.db)" -eq 5 ] ||
		fail "$(count_articles s.db) seed articles stored, not 5"
	map_origins s.db
	for p in 000 001 002 003 004; do
		i=$(awk -F'\t' -v p="/${p}_" 'index($2, p) { print $1 }' map)
		[ -n "$i" ] || fail "no article from seed $p: $(cat map)"
		eval "id_$p=$i"
	done
	want=$({
		ids_line "$id_000" "$id_001"
		ids_line "$id_002" "$id_003" "$id_004"
	} | sort)
	got=$(partition s.db)
	[ "$got" = "$want" ] ||
		fail "expected the stories {000 001} {002 003 004}:" \
			"$(echo "$want" | tr '\n' '|'), got $(echo "$got" | tr '\n' '|')"
	"$VEILLE" why --db s.db --json "$id_001" >w.json || fail "why 001"
	jq -e '.matched | length > 0 and
		any(.kind == "entity" or .kind == "term")' w.json >/dev/null ||
		fail "why 001 cites nothing matched: $(cat w.json)"
	"$VEILLE" why --db s.db "$id_001" >w || fail "why 001"
	contains w "$(jq -r '.matched[0].text' w.json)"
}

# Killed mid-ingest, the store keeps whole batches with their stories:
# every stored article is in a story, every story's count is its number
# of articles, and a re-run completes them.
test_kill_mid_ingest_keeps_stories_whole() {
	awk 'BEGIN {
		srand(7)
		split("Brest Lorient Quimper Vannes Rennes Nantes Angers Laval", town, " ")
		split("incendie inondation grève élection festival chantier", what, " ")
		n = split("pompiers habitants maire conseil route pont quartier école " \
			  "usine port marché gare digue rivière budget vote accord " \
			  "enquête témoin plainte syndicat salariés direction élus " \
			  "préfet secours nuit matin soir samedi dimanche hangar toit", w, " ")
		for (i = 0; i < 4000; i++) {
			t = town[1 + int(i / 6) % 8]
			printf "{\"id\":\"b%d\",\"source\":\"s%d\",\"published\":\"2025-03-%02dT%02d:00\",\"title\":\"%s à %s\",\"text\":\"À %s,", \
				i, i % 5, 1 + int(i / 400), i % 24, what[1 + i % 6], t, t
			for (k = 0; k < 14; k++)
				printf " %s", w[1 + int(rand() * n)]
			printf ".\"}\n"
		}
	}' >b.jsonl
	"$VEILLE" ingest --db t.db --batch 50 b.jsonl &
	pid=$!
	n=0
	while [ "$n" -lt 200 ] && kill -0 $pid 2>/dev/null; do
		n=$(sqlite3 t.db "SELECT count(*) FROM articles" 2>/dev/null ||
			echo 0)
		sleep 0.05
	done
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	consistent() {
		[ "$(sqlite3 t.db 'SELECT count(*) FROM articles
			WHERE story IS NULL')" = 0 ] ||
			fail "$1: articles without a story"
		[ "$(sqlite3 t.db 'SELECT count(*) FROM stories s
			WHERE n_articles != (SELECT count(*) FROM articles a
			WHERE a.story = s.id)')" = 0 ] ||
			fail "$1: a story's count is not its articles"
		[ "$(sqlite3 t.db 'SELECT count(*) FROM stories s WHERE
			NOT EXISTS (SELECT 1 FROM articles a
			WHERE a.story = s.id)')" = 0 ] ||
			fail "$1: an empty story"
	}
	consistent "after the kill"
	within 120 "$VEILLE" ingest --db t.db b.jsonl >/dev/null 2>err ||
		fail "re-run failed: $(head -c 500 err)"
	[ "$(sqlite3 t.db 'SELECT count(*) FROM articles')" = 4000 ] ||
		fail "re-run did not complete the store"
	consistent "after the re-run"
}
