# t_reuse.sh — document-level reuse through the CLI: `veille dups` on
# the bundled sample (the identical strike dispatch, the Tchassiv Iar wire
# and its reprints, no group mixing two stories), pathological inputs
# under a time limit (one sentence repeated 5,000 times, 10,000 identical
# articles, 3,000 articles built to collide in the candidate index
# without being near-duplicates), and `veille eval reuse` on OrangeSum
# when ../shared holds it. Inputs are generated here; every sentence is
# ours. Sourced by run.sh (POSIX sh), which runs each test_* in a fresh
# directory.

# dups_json DB : `veille dups --json DB` into ./dups.json, time-limited.
dups_json() {
	within 60 "$VEILLE" dups --db "$1" --json >dups.json 2>dups.err ||
		fail "veille dups --db $1 failed: $(head -c 2000 dups.err)"
}

# ingest_ok SECONDS ARGS... : `veille ingest ARGS` must succeed in time.
ingest_ok() {
	secs=$1
	shift
	within "$secs" "$VEILLE" ingest "$@" >out 2>err ||
		fail "veille ingest $* failed: $(head -c 2000 err)"
}

# below_threshold : the near-duplicate pairs of ./dups.json with an exact
# Jaccard under 0.5 and the contained pairs with both containments
# under 0.8, one JSON object a line (nothing when all is well).
below_threshold() {
	jq -c '.pairs[] |
		select((.kind == "near-duplicate" and .jaccard < 0.5) or
		       (.kind == "contained" and .contain_a < 0.8 and
			.contain_b < 0.8))' dups.json
}

# --------------------------------------------------- the bundled sample

# story ORIGIN ID : the sample story an article tells, read from its file
# name (from its id for the articles of the JSON Lines feed). The sample
# README names five stories; the Djeddah talks and the Kremlin's
# messages are one.
story() {
	name=$(basename "$1")
	case $name in *.jsonl) name=$2 ;; esac
	case $name in
	*tchassiv*) echo tchassiv ;;
	*djedd* | *peskov* | *kremlin* | *treve*) echo pourparlers ;;
	*crue*) echo crues ;;
	*greve* | *orly* | *controle*) echo greve ;;
	*avalanche*) echo avalanche ;;
	*) echo "inconnue:$name" ;;
	esac
}

# sample_db : the sample ingested into t.db; ./map holds
# "id <TAB> origin <TAB> story" for every article, ./dups.json the groups.
sample_db() {
	ingest_ok 60 --db t.db "$SAMPLE"
	"$VEILLE" ls --db t.db | cut -f1 >ids
	[ -s ids ] || fail "nothing stored from $SAMPLE"
	: >map
	while read -r id; do
		o=$("$VEILLE" show --db t.db --json --explain "$id" | jq -r .origin)
		[ -n "$o" ] && [ "$o" != null ] || fail "article $id has no origin"
		printf '%s\t%s\t%s\n' "$id" "$o" "$(story "$o" "$id")" >>map
	done <ids
	dups_json t.db
}

# id_of FILE : the id of the sample article read from FILE (relative to
# $SAMPLE).
id_of() {
	awk -F'\t' -v f="/$1" '
		length($2) >= length(f) &&
		substr($2, length($2) - length(f) + 1) == f { print $1 }' map
}

# pair_kind A B : the kinds of the pairs of ./dups.json between A and B, as a
# JSON array, for the group holding both (empty when no group does).
pair_kind() {
	jq -c --arg a "$1" --arg b "$2" '
		select(any(.articles[]; . == $a) and any(.articles[]; . == $b)) |
		[.pairs[] | select((.a == $a and .b == $b) or
				   (.a == $b and .b == $a)) | .kind]' dups.json
}

test_dups_sample_identical_copies() {
	a=nord-info/2025-03-11-greve-controle-aerien.txt
	b=agence-ouest-presse/2025-03-11-greve-controleurs-aeriens.txt
	cmp -s "$SAMPLE/$a" "$SAMPLE/$b" || fail "test setup: $a and $b differ"
	sample_db
	ia=$(id_of $a)
	ib=$(id_of $b)
	[ -n "$ia" ] && [ -n "$ib" ] || fail "no id for $a or $b: $(cat map)"
	[ "$(pair_kind "$ia" "$ib")" = '["identical"]' ] ||
		fail "$a and $b: expected one group with an identical pair, got" \
			"'$(pair_kind "$ia" "$ib")'; dups: $(head -c 2000 dups.json)"
}

test_dups_sample_wire_and_reprints() {
	sample_db
	w=$(id_of agence-ouest-presse/2025-03-12-tchassiv-iar-revendication.txt)
	[ -n "$w" ] || fail "no id for the Tchassiv Iar wire dispatch"
	for r in la-gazette-des-alpes/2025-03-12-tchassiv-iar-kyiv.txt \
		le-veilleur-du-matin/2025-03-12-tchassiv-yar.txt \
		nord-info/2025-03-12-tchassiv-iar.txt; do
		ir=$(id_of "$r")
		[ -n "$ir" ] || fail "no id for $r"
		[ "$(pair_kind "$w" "$ir")" = '["near-duplicate"]' ] ||
			fail "wire ~ $r: expected a near-duplicate pair in one" \
				"group, got '$(pair_kind "$w" "$ir")'"
	done
	# the group is one: the wire and its three reprints at least
	n=$(jq --arg w "$w" 'select(any(.articles[]; . == $w)) |
		.articles | length' dups.json)
	[ "$n" -ge 4 ] || fail "the wire's group has $n articles"
	[ -z "$(below_threshold)" ] || fail "pairs below threshold: $(below_threshold)"
}

test_dups_sample_no_group_mixes_stories() {
	sample_db
	jq -r '.articles | join(" ")' dups.json >groups
	[ "$(wc -l <groups)" -ge 3 ] ||
		fail "expected several groups in the sample, got: $(cat groups)"
	while read -r ids; do
		for i in $ids; do
			awk -F'\t' -v i="$i" '$1 == i { print $3 }' map
		done | sort -u >stories
		[ "$(wc -l <stories)" -eq 1 ] ||
			fail "a group mixes stories: $ids: $(tr '\n' ' ' <stories);" \
				"origins: $(for i in $ids; do grep "^$i" map | cut -f2; done)"
	done <groups
}

# ------------------------------------------------ pathological inputs

test_sentence_repeated_5000_times() {
	{
		printf '{"id":"repete","source":"echo","text":"'
		awk 'BEGIN { for (i = 0; i < 5000; i++)
			printf "Le conseil municipal de Quimper a adopté le budget primitif après trois heures de débat. " }'
		printf '"}\n'
		printf '{"id":"voisin","source":"ouest","text":"À Quimper, les élus de l’opposition ont quitté la salle avant la fin de la séance.\\n\\nIls reprochent au maire une hausse de la taxe foncière votée sans concertation avec les habitants des quartiers nord.\\n\\nLa majorité répond que les investissements dans les écoles ne pouvaient plus attendre."}\n'
		printf '{"id":"marine","source":"ouest","text":"Un chalutier de Concarneau a été remorqué jeudi soir jusqu’au port après une avarie de moteur au large des Glénan.\\n\\nLes six marins sont sains et saufs, selon le centre de surveillance d’Étel.\\n\\nLa vedette de la SNSM est intervenue par une mer agitée, avec des creux de trois mètres."}\n'
		printf '{"id":"festival","source":"culture","text":"Le festival de Cornouaille annonce une programmation tournée vers les musiques du monde pour sa prochaine édition.\\n\\nLes organisateurs attendent plus de deux cent mille visiteurs en juillet dans le centre historique.\\n\\nLa billetterie ouvrira au printemps, avec des tarifs réduits pour les étudiants et les familles."}\n'
	} >rep.jsonl
	ingest_ok 10 --db t.db rep.jsonl
	[ "$(count_articles t.db)" -eq 4 ] || fail "expected 4 articles stored"
	"$VEILLE" show --db t.db --json repete >show.json || fail "repete not stored"
	[ "$(jq '.text | length' show.json)" -gt 400000 ] || fail "repete stored cut short"
	dups_json t.db
	paired=$(jq -c '.pairs[] | select(.a == "repete" or .b == "repete")' dups.json)
	[ -z "$paired" ] || fail "the repeated sentence is paired: $paired"
	[ -z "$(below_threshold)" ] || fail "pairs below threshold: $(below_threshold)"
}

# One source, so each line of the copies is also counted as a candidate
# source-level repetition (source_lines) 10,000 times over.
test_ten_thousand_identical_articles() {
	awk 'BEGIN { for (i = 1; i <= 10000; i++)
		printf "{\"id\":\"copie-%05d\",\"source\":\"agence\",\"text\":\"La préfecture du Morbihan a levé vendredi matin l’alerte aux crues sur le Blavet, après trois jours de pluies continues.\\n\\nÀ Hennebont, les commerçants des quais ont commencé à nettoyer les boutiques envahies par une eau boueuse.\\n\\nLa circulation reste interdite sur la route départementale entre Lochrist et Inzinzac, selon les services de l’État.\"}\n", i }' >same.jsonl
	ingest_ok 20 --db t.db same.jsonl
	[ "$(count_articles t.db)" -eq 10000 ] ||
		fail "expected 10000 articles, got $(count_articles t.db)"
	dups_json t.db
	[ "$(jq -s length dups.json)" -eq 1 ] ||
		fail "expected one group, got $(jq -s length dups.json)"
	[ "$(jq '.articles | length' dups.json)" -eq 10000 ] ||
		fail "the group holds $(jq '.articles | length' dups.json) articles"
	[ "$(jq -c '[.pairs[].kind] | unique' dups.json)" = '["identical"]' ] ||
		fail "pairs not all identical: $(jq -c '[.pairs[].kind] | unique' dups.json)"
	[ "$(jq '.pairs | length' dups.json)" -ge 9999 ] ||
		fail "too few pairs to link 10000 copies: $(jq '.pairs | length' dups.json)"
}

# 3,000 articles that all open with one long paragraph (about 150 words,
# 6 sentences: sentence prints and LSH bands that every article shares)
# followed by a body of 120 words of its own (French words drawn at
# random, so no two bodies share a 5-word shingle). Any two articles
# share about 150 shingles of 390: Jaccard about 0.38, containment
# about 0.56, so they collide in many LSH bands and in every shared
# sentence print but are neither near-duplicates nor contained.
test_lsh_collisions_not_duplicates() {
	awk 'BEGIN {
		srand(2025)
		p = "Le conseil départemental du Finistère a présenté mardi à Quimper un plan de rénovation des collèges publics, qui prévoit la reconstruction de six établissements d’ici à la fin de la décennie. " \
		    "Le président de l’assemblée a expliqué devant les élus que les travaux commenceraient dès l’automne dans les communes où les bâtiments sont les plus anciens. " \
		    "Les syndicats d’enseignants ont salué un effort attendu depuis longtemps, tout en regrettant que les cantines ne figurent pas dans la première tranche du programme. " \
		    "Selon les services du département, le coût total dépasse quatre-vingts millions d’euros, financés en partie par un emprunt remboursé sur vingt ans. " \
		    "Une réunion publique est prévue le mois prochain à Brest pour présenter le calendrier aux familles et aux associations de parents d’élèves. " \
		    "Les maires des petites communes rurales demandent de leur côté que les transports scolaires soient adaptés pendant toute la durée du chantier."
		n = split("maire port marché école gare pont rivière forêt village usine hôpital stade musée église mairie quai phare colline vallée plage " \
			  "tracteur bateau filet récolte verger moulin chantier atelier boulangerie librairie théâtre bibliothèque piscine collège lycée " \
			  "route chemin sentier canal écluse digue falaise dune lande prairie ferme grange étable pommier chêne hêtre " \
			  "pluie vent tempête brume soleil neige orage marée houle courant " \
			  "vote budget projet réunion enquête rapport décision accord plainte procès " \
			  "ancien nouveau grand petit vieux jeune rapide lent calme bruyant humide sec froid chaud lourd léger " \
			  "rouge vert bleu gris blanc noir doré sombre clair étroit large profond haut bas " \
			  "ouvre ferme construit répare vend achète visite traverse surveille annonce prépare attend accueille refuse propose " \
			  "demain hier souvent parfois jamais toujours ensuite enfin pourtant ainsi " \
			  "avec sans pour contre sous vers entre chez depuis pendant", w, " ")
		for (i = 1; i <= 3000; i++) {
			printf "{\"id\":\"college-%04d\",\"source\":\"journal-%04d\",\"text\":\"%s\\n\\n", i, i, p
			for (s = 0; s < 10; s++) {
				for (k = 0; k < 12; k++) {
					x = w[1 + int(rand() * n)]
					if (k == 0)
						x = toupper(substr(x, 1, 1)) substr(x, 2)
					printf "%s%s", x, k < 11 ? " " : ". "
				}
			}
			printf "\"}\n"
		}
	}' >coll.jsonl
	# 17 s here: the passages of 3,000 texts sharing one paragraph
	ingest_ok 40 --db t.db coll.jsonl
	[ "$(count_articles t.db)" -eq 3000 ] ||
		fail "expected 3000 articles, got $(count_articles t.db)"
	dups_json t.db
	[ -z "$(below_threshold)" ] ||
		fail "pairs reported below their threshold: $(below_threshold | head -n 5)"
	# By construction no pair reaches a threshold: none may be reported.
	reported=$(jq -c '.pairs[] | select(.kind == "identical" or
		.kind == "near-duplicate" or .kind == "contained")' dups.json | wc -l)
	[ "$reported" -eq 0 ] ||
		fail "$reported pairs reported among articles that only share an opening: $(head -c 1000 dups.json)"
}

# ------------------------------------------- OrangeSum (../shared only)

test_eval_reuse_orangesum() {
	groups=$SHARED/data/orangesum/duplicate-groups.txt
	articles=$SHARED/data/orangesum/articles.jsonl.gz
	if [ ! -r "$groups" ] || [ ! -r "$articles" ]; then
		echo "skip: $SHARED/data/orangesum absent: eval reuse not run" >&2
		return 0
	fi
	if [ "$SANITIZED" = 1 ]; then
		echo "skip: eval reuse on 36k articles not run under sanitizers" >&2
		return 0
	fi
	within 600 "$VEILLE" eval reuse --db e.db --articles "$articles" \
		--json "$groups" >eval.json 2>err ||
		fail "veille eval reuse failed: $(head -c 2000 err)"
	ident=$(jq '.classes[] | select(.class == "identical texts") |
		.pairs > 0 and .rate == 1' eval.json)
	[ "$ident" = true ] ||
		fail "identical texts: recall below 1 (or no pairs): $(cat eval.json)"
	diff=$(jq '.classes[] | select(.class | startswith("J < 0.5, C < 0.5")) |
		.rate <= 0.01' eval.json)
	[ "$diff" = true ] ||
		fail "not-duplicates reported above 1 %: $(cat eval.json)"
}
