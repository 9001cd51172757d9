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
story=$("$veille" stories --db "$db" --limit 1 | cut -f1)
echo
echo "The store is $db; try: $veille show --db $db --json $first"
echo "or: $veille story --db $db $story; $veille why --db $db $first"
