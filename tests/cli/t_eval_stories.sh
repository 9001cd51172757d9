# t_eval_stories.sh — `veille eval stories` and `veille eval similarity`
# through the CLI. Fixtures in tests/data/eval/ (articles we wrote: a
# forest fire in the Maures, job cuts at a Thionville steelworks, a
# cycling race, a weather brief nobody labelled; two English events told
# by three outlets; headline clusters; similarity pairs) in the three
# data set formats. B-cubed is checked against figures worked out by
# hand, and against figures that hold whatever veille clusters (one gold
# story: precision 1; a gold story per article: recall 1). The runs on
# ../shared/data only check that figures are printed, and are skipped
# when it is absent. Sourced by run.sh (POSIX sh), which runs each test_*
# in a fresh directory.

EVAL=$DATA/eval

# stories_json ARGS... : `veille eval stories --json ARGS` into ./e.json.
stories_json() {
	within 120 "$VEILLE" eval stories --json "$@" >e.json 2>err ||
		fail "veille eval stories $* failed: $(head -c 2000 err)"
}

# milli N KEY : data set N's KEY in ./e.json times 1000, rounded.
milli() {
	jq ".datasets[$1].$2 * 1000 | round" e.json
}

# relabel LABELS... : ./rel/ holds the stories-fr fixture's articles with
# labels.tsv lines "id<TAB>story" given as "id=story" arguments.
relabel() {
	mkdir -p rel
	cp "$EVAL/stories-fr/articles.jsonl" rel/
	printf 'article_id\tstory_id\tstory_label\n' >rel/labels.tsv
	for l in "$@"; do
		printf '%s\t%s\tlabel\n' "${l%%=*}" "${l#*=}" >>rel/labels.tsv
	done
}

# ------------------------------------------------------------- fixtures

test_eval_stories_prints_one_line_per_data_set() {
	within 120 "$VEILLE" eval stories "$EVAL/stories-fr" "$EVAL/gnews.tsv" \
		"$EVAL/basil.jsonl" >out 2>err ||
		fail "eval stories failed: $(head -c 2000 err)"
	[ "$(wc -l <out)" -eq 4 ] || fail "expected a header and 3 lines: $(cat out)"
	for f in stories-fr gnews basil; do
		grep -q "^$f " out || fail "no line for $f: $(cat out)"
	done
	# P, R and F1 are the 5th to 7th columns, each in [0, 1]
	awk 'NR > 1 { for (i = 5; i <= 7; i++)
		if ($i !~ /^[01]\.[0-9][0-9][0-9]$/ || $i > 1) exit 1 }' out ||
		fail "a figure out of range: $(cat out)"
}

test_eval_stories_json_fields() {
	stories_json "$EVAL/stories-fr" "$EVAL/gnews.tsv" "$EVAL/basil.jsonl"
	[ "$(jq '.datasets | length' e.json)" -eq 3 ] || fail "$(cat e.json)"
	ok=$(jq '[.datasets[] | (.precision, .recall, .f1) |
		type == "number" and . >= 0 and . <= 1] | all' e.json)
	[ "$ok" = true ] || fail "figures missing or out of range: $(cat e.json)"
	[ "$(jq -c '[.datasets[] | [.name, .articles, .gold_stories,
		.rejected, .skipped]]' e.json)" = \
		'[["stories-fr",7,3,0,0],["gnews",10,4,0,0],["basil",6,2,0,0]]' ] ||
		fail "names and counts: $(cat e.json)"
	[ "$(jq '[.datasets[].veille_stories | type == "number" and . >= 1] |
		all' e.json)" = true ] || fail "veille_stories: $(cat e.json)"
	[ "$(jq -c '[.threshold, .window_hours]' e.json)" = '[null,null]' ] ||
		fail "options: $(cat e.json)"
}

# Two stories that share no word of note, a lone article: veille must
# find them.
test_eval_stories_clear_stories_score_one() {
	stories_json "$EVAL/stories-fr" "$EVAL/basil.jsonl"
	for i in 0 1; do
		[ "$(milli $i f1)" -eq 1000 ] ||
			fail "data set $i: F1 below 1: $(cat e.json)"
	done
	[ "$(jq -c '[.datasets[].veille_stories]' e.json)" = '[3,2]' ] ||
		fail "veille stories: $(cat e.json)"
}

# Whatever veille clusters, one gold story gives precision 1 and a gold
# story per article gives recall 1.
test_eval_stories_bcubed_bounds() {
	ids="eval-incendie-1 eval-incendie-2 eval-incendie-3 eval-usine-1
		eval-usine-2 eval-usine-3 eval-cyclisme-1"
	# shellcheck disable=SC2046
	relabel $(for i in $ids; do echo "$i=one"; done)
	stories_json rel
	[ "$(milli 0 precision)" -eq 1000 ] || fail "one gold story: $(cat e.json)"
	[ "$(jq '.datasets[0].gold_stories' e.json)" -eq 1 ] || fail "$(cat e.json)"
	# shellcheck disable=SC2046
	relabel $(for i in $ids; do echo "$i=$i"; done)
	stories_json rel
	[ "$(milli 0 recall)" -eq 1000 ] || fail "one story each: $(cat e.json)"
	[ "$(jq '.datasets[0].gold_stories' e.json)" -eq 7 ] || fail "$(cat e.json)"
}

# veille finds {incendie 1-3} {usine 1-3} {cyclisme} (the test above);
# scored against the gold X = {incendie 1, 2}, Y = {incendie 3, usine
# 1-3}, Z = {cyclisme}, per article (precision, recall): incendie 1 and 2
# (2/3, 1), incendie 3 (1/3, 1/4), each usine (1, 3/4), cyclisme (1, 1).
# P = 17/21 = 0.810, R = 5.5/7 = 0.786, F1 = 0.797.
test_eval_stories_bcubed_by_hand() {
	relabel eval-incendie-1=x eval-incendie-2=x eval-incendie-3=y \
		eval-usine-1=y eval-usine-2=y eval-usine-3=y eval-cyclisme-1=z
	stories_json rel
	got=$(jq -c '.datasets[0] | [.articles, .gold_stories, .veille_stories,
		(.precision, .recall, .f1 | . * 1000 | round)]' e.json)
	[ "$got" = '[7,3,3,810,786,797]' ] ||
		fail "expected [7,3,3,810,786,797], got $got: $(cat e.json)"
	within 120 "$VEILLE" eval stories --verbose rel >out 2>err ||
		fail "eval stories --verbose failed: $(head -c 2000 err)"
	contains err "split: gold y (4 articles) over 2 stories"
	contains err "merged: veille "
	contains err "(3 articles) over 2 stories"
	contains out "0.810  0.786  0.797"
}

test_eval_stories_options() {
	stories_json --threshold 0.9 --window-hours 24 --format stories-fr \
		"$EVAL/stories-fr/articles.jsonl"
	[ "$(jq -c '[.threshold, .window_hours, .datasets[0].name]' e.json)" = \
		'[0.9,24,"stories-fr"]' ] || fail "$(cat e.json)"
	stories_json --format gnews "$EVAL/gnews.tsv"
	[ "$(jq -r '.datasets[0].name' e.json)" = gnews ] || fail "$(cat e.json)"
}

# The gnews file is shuffled before ingest, with a fixed seed.
test_eval_stories_gnews_order_is_fixed() {
	stories_json "$EVAL/gnews.tsv"
	mv e.json first.json
	stories_json "$EVAL/gnews.tsv"
	cmp -s first.json e.json ||
		fail "two runs differ: $(cat first.json) / $(cat e.json)"
}

test_eval_stories_errors() {
	expect_rc 3 "$VEILLE" eval stories no-such-file.tsv 2>err
	contains err "no-such-file.tsv"
	expect_rc 2 "$VEILLE" eval stories --threshold abc "$EVAL/gnews.tsv" 2>err
	expect_rc 2 "$VEILLE" eval stories --window-hours -3 "$EVAL/gnews.tsv" 2>err
	expect_rc 2 "$VEILLE" eval stories --format nope "$EVAL/gnews.tsv" 2>err
	expect_rc 2 "$VEILLE" eval stories --format gnews "$EVAL/stories-fr" 2>err
	echo "neither JSON nor three tab-separated fields" >odd.txt
	expect_rc 2 "$VEILLE" eval stories odd.txt 2>err
	contains err "--format"
	mkdir nolabels
	cp "$EVAL/stories-fr/articles.jsonl" nolabels/
	expect_rc 3 "$VEILLE" eval stories nolabels 2>err
	contains err "labels.tsv"
	# a malformed line is skipped, the rest scored: exit 1
	{ cat "$EVAL/gnews.tsv"; echo "only one field"; } >g.tsv
	expect_rc 1 "$VEILLE" eval stories g.tsv >out 2>err
	contains err "g.tsv:11:"
	contains out "gnews"
}

test_eval_help() {
	for c in stories similarity; do
		"$VEILLE" eval $c --help >out
		contains out "usage: veille eval $c"
	done
	"$VEILLE" eval --help >out
	contains out "reuse|stories|similarity"
	expect_rc 2 "$VEILLE" eval nonsense 2>err
	contains err "usage: veille eval"
}

# No FILE and no ../shared/data: each default is skipped, exit 0.
test_eval_stories_defaults_absent() {
	mkdir -p a/b
	cd a/b
	"$VEILLE" eval stories >out 2>err || fail "exit $?: $(cat err)"
	contains err "stories-fr not found: skipping"
	contains err "headlines-dev.tsv not found: skipping"
	contains err "basil/articles.jsonl not found: skipping"
	contains err "nothing to score"
	[ ! -s out ] || fail "printed: $(cat out)"
	"$VEILLE" eval stories --json >out 2>err || fail "exit $?: $(cat err)"
	[ "$(jq '.datasets | length' out)" -eq 0 ] || fail "$(cat out)"
	"$VEILLE" eval similarity >out 2>err || fail "exit $?: $(cat err)"
	contains err "pairs-dev.jsonl not found: skipping"
}

# ----------------------------------------------------------- similarity

# Identical texts rated 1 (the same story), unrelated ones rated 4.
test_eval_similarity_fixture() {
	within 60 "$VEILLE" eval similarity "$EVAL/pairs.jsonl" >out 2>err ||
		fail "eval similarity failed: $(head -c 2000 err)"
	contains out "7 pairs (0 missing)"
	grep -q '^all  *7 ' out || fail "no overall line: $(cat out)"
	grep -q '^en-en  *3 ' out || fail "no en-en line: $(cat out)"
	grep -q '^fr-fr  *4 ' out || fail "no fr-fr line: $(cat out)"
	within 60 "$VEILLE" eval similarity --json "$EVAL/pairs.jsonl" \
		>s.json 2>err || fail "eval similarity --json failed: $(cat err)"
	[ "$(jq -c '[.pairs, .missing, [.by_langs[] | [.langs, .pairs]]]' \
		s.json)" = '[7,0,[["en-en",3],["fr-fr",4]]]' ] ||
		fail "counts: $(cat s.json)"
	[ "$(jq '.pearson > 0.9' s.json)" = true ] ||
		fail "identical vs unrelated texts: r not above 0.9: $(cat s.json)"
}

test_eval_similarity_errors() {
	expect_rc 3 "$VEILLE" eval similarity no-such-pairs.jsonl 2>err
	contains err "no-such-pairs.jsonl"
	expect_rc 2 "$VEILLE" eval similarity a.jsonl b.jsonl 2>err
	{ cat "$EVAL/pairs.jsonl"; echo '{"pair_id": "p-x", "text1": "Un texte."}'; } >p.jsonl
	expect_rc 1 "$VEILLE" eval similarity p.jsonl >out 2>err
	contains err "p.jsonl:8:"
	contains out "7 pairs"
}

# -------------------------------------------- ../shared/data, when there

test_eval_stories_shared() {
	if [ ! -d "$SHARED/data" ]; then
		echo "skip: $SHARED/data absent: eval stories on it not run" >&2
		return 0
	fi
	(cd "$ROOT" && within 600 "$VEILLE" eval stories --json) >e.json 2>err ||
		[ $? -eq 1 ] || fail "eval stories failed: $(head -c 2000 err)"
	for n in stories-fr gnews basil; do
		case $n in
		stories-fr) p=$SHARED/data/stories-fr ;;
		gnews) p=$SHARED/data/gnews-clusters/headlines-dev.tsv ;;
		basil) p=$SHARED/data/basil/articles.jsonl ;;
		esac
		if [ ! -e "$p" ]; then
			contains err "not found: skipping"
			continue
		fi
		f1=$(jq --arg n "$n" '.datasets[] | select(.name == $n) |
			.f1 | type == "number" and . >= 0 and . <= 1' e.json)
		[ "$f1" = true ] || fail "$n: no F1: $(cat e.json)"
		echo "$n: F1 $(jq --arg n "$n" '.datasets[] |
			select(.name == $n) | .f1' e.json)" >&2
	done
}

test_eval_similarity_shared() {
	pairs=$SHARED/data/semeval2022-t8/pairs-dev.jsonl
	if [ ! -r "$pairs" ]; then
		echo "skip: $pairs absent: eval similarity on it not run" >&2
		return 0
	fi
	within 600 "$VEILLE" eval similarity --json "$pairs" >s.json 2>err ||
		[ $? -eq 1 ] || fail "eval similarity failed: $(head -c 2000 err)"
	[ "$(jq '.pairs > 0 and (.pearson | type == "number")' s.json)" = true ] ||
		fail "no correlation printed: $(cat s.json)"
	[ "$(jq '.by_langs | length' s.json)" -ge 2 ] || fail "$(cat s.json)"
}
