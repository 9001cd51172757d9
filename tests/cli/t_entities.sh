# t_entities.sh — the entity commands through the CLI: entities, entity,
# mentions, ingest --aliases. Fixtures in tests/data/entities/ (articles
# we wrote about air raids on Zaporijia and Kharkiv, and about Bakhmout
# a year after its fall) write names several ways: Zaporijia and
# Zaporizhzhia, Kharkiv and Kharkov, 47e and 47ème brigade, M. Sybiha,
# "le président ukrainien", Artemivsk "pour désigner" Bakhmout. With
# ../shared/seeds present, the issue's list of names that must meet is
# checked on the seeds. Sourced by run.sh (POSIX sh).

ENT=$DATA/entities

ingest_fixtures() {
	"$VEILLE" ingest --quiet --db e.db "$ENT" "$@" ||
		fail "ingest of the entity fixtures failed"
}

# entity_id NAME : the id of the one entity NAME leads to.
entity_id() {
	"$VEILLE" entity --db e.db --json "$1" >ent.json ||
		fail "veille entity $1 failed"
	[ "$(jq length ent.json)" -eq 1 ] ||
		fail "$1 leads to $(jq length ent.json) entities"
	jq '.[0].id' ent.json
}

# same NAME NAME... : every name leads to one entity, the same one.
same() {
	first=$(entity_id "$1")
	for n in "$@"; do
		[ "$(entity_id "$n")" = "$first" ] ||
			fail "$1 and $n are two entities"
	done
}

test_entities_merges_the_ways_a_name_is_written() {
	ingest_fixtures
	same Zaporijia Zaporizhzhia
	same Kharkiv Kharkov
	same "47e brigade" "47ème brigade"
	same "Andriï Sybiha" "M. Sybiha" Sybiha
	same "Volodymyr Zelensky" "M. Zelensky"
	same "Olena Kovalenko" "Mme Kovalenko"
	# the text says Artemivsk is Bakhmout's Soviet name
	same Bakhmout Artemivsk
	[ "$(entity_id Kharkiv)" != "$(entity_id Zaporijia)" ] ||
		fail "two cities merged"
	[ "$(entity_id Sybiha)" != "$(entity_id Zelensky)" ] ||
		fail "two persons merged"
}

test_entity_shows_variants_articles_and_stories() {
	ingest_fixtures
	"$VEILLE" entity --db e.db --json Kharkov >k.json
	[ "$(jq -r '.[0].type' k.json)" = LOC ] || fail "Kharkiv is not a place"
	jq -e '.[0].variants | index("Kharkiv") and index("Kharkov")' k.json \
		>/dev/null || fail "variants: $(jq -c '.[0].variants' k.json)"
	[ "$(jq '.[0].article_ids | length' k.json)" -eq 2 ] ||
		fail "Kharkiv should be in two articles"
	[ "$(jq '.[0].stories | length' k.json)" -ge 1 ] || fail "no story"
	"$VEILLE" entity --db e.db Kharkov >k.txt
	contains k.txt "variants:"
	contains k.txt "Kharkov (1)"
	expect_rc 4 "$VEILLE" entity --db e.db "Nulle Part Ailleurs"
}

test_entities_lists_by_type_and_by_story() {
	ingest_fixtures
	"$VEILLE" entities --db e.db --type PER --json >per.jsonl
	[ -s per.jsonl ] || fail "no person"
	jq -e -s 'all(.[]; .type == "PER" and (.id | type) == "number"
		and (.name | length) > 0 and (.variants | type) == "array")' \
		per.jsonl >/dev/null || fail "bad entity objects"
	contains per.jsonl '"name":"Andriï Sybiha"'
	lacks per.jsonl '"name":"Kharkiv"'
	expect_rc 2 "$VEILLE" entities --db e.db --type CITY
	story=$("$VEILLE" stories --db e.db --json | jq -s \
		'map(select(.label | startswith("Défense")))[0].id')
	"$VEILLE" entities --db e.db --story "$story" --json >s.jsonl
	contains s.jsonl '"name":"Zaporijia"'
	# counted and written as in the story's article only
	jq -e -s 'map(select(.name == "Zaporijia"))[0] |
		.variants == ["Zaporizhzhia"] and .mentions == 1' \
		s.jsonl >/dev/null || fail "story variants: $(cat s.jsonl)"
	lacks s.jsonl Bakhmout
	"$VEILLE" entities --db e.db --limit 3 >three.txt
	[ "$(wc -l <three.txt)" -eq 3 ] || fail "--limit 3 gave $(wc -l <three.txt)"
}

test_mentions_point_at_their_text() {
	ingest_fixtures
	id=$("$VEILLE" ls --db e.db --json | jq -r 'select(.title |
		startswith("Zaporijia")) | .id')
	"$VEILLE" show --db e.db --json "$id" | jq -j .text >text
	"$VEILLE" mentions --db e.db --json "$id" >m.json
	[ "$(jq length m.json)" -ge 8 ] || fail "few mentions: $(cat m.json)"
	jq -r '.[] | "\(.start) \(.end) \(.text)"' m.json |
		while read -r s e t; do
			got=$(tail -c +$((s + 1)) text | head -c $((e - s)))
			[ "$got" = "$t" ] || fail "bytes $s-$e are '$got', not '$t'"
		done
	# the role stands for the person the article introduced with it
	jq -e 'map(select(.how == "reference"))[0].name == "Volodymyr Zelensky"' \
		m.json >/dev/null ||
		jq -e 'map(select(.text == "M. Sybiha")) | length == 0' m.json \
			>/dev/null || fail "a title inside a name"
	"$VEILLE" mentions --db e.db "$id" >m.txt
	contains m.txt "Sybiha	→ Andriï Sybiha"
	expect_rc 4 "$VEILLE" mentions --db e.db no-such-article
}

test_entities_are_the_same_after_a_re_run_and_a_changed_text() {
	ingest_fixtures
	"$VEILLE" entities --db e.db >before.txt
	ingest_fixtures
	"$VEILLE" entities --db e.db >again.txt
	cmp -s before.txt again.txt || fail "a re-run changed the entities"
	# the same article (same id) with one name fewer
	printf '{"id":"x1","title":"Frappes","text":"Mark Rutte a reçu Andriï Sybiha à Bruxelles. M. Rutte a parlé."}\n' >a.jsonl
	"$VEILLE" ingest --quiet --db e.db a.jsonl
	before=$("$VEILLE" entity --db e.db --json Rutte | jq '.[0].mentions')
	printf '{"id":"x1","title":"Frappes","text":"Andriï Sybiha est à Bruxelles."}\n' >a.jsonl
	"$VEILLE" ingest --quiet --db e.db a.jsonl
	after=$("$VEILLE" entity --db e.db --json Rutte | jq '.[0].mentions')
	[ "$after" -eq $((before - 2)) ] ||
		fail "Rutte had $before mentions, now $after (expected $((before - 2)))"
}

test_ingest_takes_a_user_alias_file() {
	printf '# ours\nLOC: Zaporijia | Zapo\n' >aliases.txt
	printf '{"id":"z1","title":"Alerte","text":"Des sirènes ont retenti à Zapo dans la nuit, selon la mairie de Zapo."}\n' >z.jsonl
	ingest_fixtures --aliases aliases.txt
	"$VEILLE" ingest --quiet --db e.db --aliases aliases.txt z.jsonl
	same Zaporijia Zapo
	printf 'LOC: Kherson\n' >bad.txt
	"$VEILLE" ingest --quiet --db e.db --aliases bad.txt z.jsonl 2>err &&
		fail "a bad alias file was taken"
	contains err "bad.txt: line 1"
}

# Two known persons share a surname: an article that names only the
# surname joins neither.
test_a_surname_alone_never_merges_two_namesakes() {
	printf '%s\n' \
		'{"id":"n1","title":"Visite","text":"Pierre Valmont a visité le port. M. Valmont a salué les dockers."}' \
		'{"id":"n2","title":"Concert","text":"Claire Valmont chantera samedi au théâtre de la ville."}' \
		'{"id":"n3","title":"Débat","text":"Valmont a refusé de commenter, selon son entourage."}' >v.jsonl
	"$VEILLE" ingest --quiet --db e.db v.jsonl
	pierre=$(entity_id "Pierre Valmont")
	claire=$(entity_id "Claire Valmont")
	[ "$pierre" != "$claire" ] || fail "two Valmonts merged"
	"$VEILLE" mentions --db e.db --json n3 >m.json
	alone=$(jq '.[] | select(.text == "Valmont") | .entity' m.json)
	[ -n "$alone" ] || fail "the surname was not found: $(cat m.json)"
	[ "$alone" != "$pierre" ] && [ "$alone" != "$claire" ] ||
		fail "a surname alone joined one of two namesakes"
	# in n1, before Claire was known, "M. Valmont" is Pierre
	"$VEILLE" mentions --db e.db --json n1 >m1.json
	[ "$(jq '[.[] | select(.text == "Valmont")][0].entity' m1.json)" = "$pierre" ] ||
		fail "M. Valmont is not Pierre Valmont in his own article"
}

test_story_page_lists_its_entities() {
	ingest_fixtures
	story=$("$VEILLE" stories --db e.db --json | jq -s \
		'map(select(.label | startswith("Bakhmout")))[0].id')
	"$VEILLE" story --db e.db "$story" >page.txt
	contains page.txt "entities:"
	contains page.txt "Olena Kovalenko (2)"
}

test_entity_commands_have_help() {
	for c in entities entity mentions; do
		"$VEILLE" "$c" --help >h.txt || fail "$c --help failed"
		contains h.txt "usage: veille $c"
	done
	expect_rc 2 "$VEILLE" entity
	expect_rc 2 "$VEILLE" entities --story
}

test_seed_names_meet_in_one_entity_each() {
	if [ ! -d "$SHARED/seeds" ]; then
		echo "skipped: $SHARED/seeds absent"
		return 0
	fi
	"$VEILLE" ingest --quiet --db e.db "$SHARED/seeds"
	ids=
	for group in "Toretsk|Dzerjinsk" "Sudzha|Soudja" "Djedda|Djeddah" \
		"Kiev|Kyiv" "28e brigade|28ème brigade" "Otan|OTAN" \
		"Maison Blanche|Maison-Blanche" "Donald Trump|M. Trump|Trump" \
		"Volodymyr Zelensky|M. Zelensky" "Vladimir Poutine|M. Poutine" \
		"Dmitri Peskov|M. Peskov" "Steve Witkoff|M. Witkoff" \
		"Marco Rubio" "Karoline Leavitt|M. Leavitt"; do
		old_ifs=$IFS
		IFS='|'
		# shellcheck disable=SC2086
		set -- $group
		IFS=$old_ifs
		same "$@"
		id=$(entity_id "$1")
		case " $ids " in
		*" $id "*) fail "$1 shares entity $id with another name" ;;
		esac
		ids="$ids $id"
	done
}
