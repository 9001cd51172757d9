#!/bin/sh
# run-sample.sh — `make run`: ingest the bundled sample flow into a fresh
# store and show what veille found.
set -eu
veille=${1:-build/veille}
db=build/sample.db
rm -f "$db" "$db-wal" "$db-shm"
echo "== veille ingest --db $db data/sample"
"$veille" ingest --db "$db" --json data/sample
echo
echo "== veille stats"
"$veille" stats --db "$db"
echo
echo "== veille ls (id, published, source, language, title)"
"$veille" ls --db "$db"
first=$("$veille" ls --db "$db" --source le-veilleur-du-matin --limit 1 | cut -f1)
echo
echo "== veille show --explain $first"
"$veille" show --db "$db" --explain "$first"
echo
echo "== veille stories --min-articles 2 (id, articles, sources, dates, label)"
"$veille" stories --db "$db" --min-articles 2
story=$("$veille" stories --db "$db" --min-articles 2 --limit 1 | cut -f1)
echo
echo "== veille story $story"
"$veille" story --db "$db" "$story"
echo
echo "== veille entities --limit 15 (id, type, mentions, articles, name, variants)"
"$veille" entities --db "$db" --limit 15
echo
echo "== veille dates $first"
"$veille" dates --db "$db" "$first"
echo
echo "== veille quotes --story $story"
"$veille" quotes --db "$db" --story "$story"
echo
echo "== veille claims $story"
"$veille" claims --db "$db" "$story"
echo
echo "== veille timeline $story"
"$veille" timeline --db "$db" "$story"
echo
echo "The store is $db; try: $veille show --db $db --json $first"
echo "or: $veille why --db $db $first; $veille mentions --db $db $first"
