#!/bin/sh
# run.sh — end-to-end tests of the veille binary. Runs every
# tests/cli/t_*.sh (or those named as arguments); each test file defines
# functions named test_* which run in a fresh temporary directory.
# Environment: VEILLE (the binary), FUZZ_BIN (the build folder holding
# the fuzz replay drivers), SANITIZED=1 under ASan+UBSan (slower: time
# limits are relaxed).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
VEILLE=$(cd "$(dirname "${VEILLE:?set VEILLE to the veille binary}")" && pwd)/$(basename "$VEILLE")
FUZZ_BIN=${FUZZ_BIN:-$root/build}
case $FUZZ_BIN in /*) ;; *) FUZZ_BIN=$root/$FUZZ_BIN ;; esac
SANITIZED=${SANITIZED:-0}
export VEILLE FUZZ_BIN SANITIZED
export ROOT="$root" DATA="$root/tests/data" SAMPLE="$root/data/sample"
export SHARED="$root/../shared"
unset VEILLE_DB

passed=0
failed=0
failures=
files=${*:-$(ls "$here"/t_*.sh)}
for f in $files; do
	case $f in /*) ;; *) f=$here/$(basename "$f") ;; esac
	for t in $(grep -o '^test_[a-z0-9_]*' "$f"); do
		dir=$(mktemp -d)
		out=$(cd "$dir" && sh -c ". '$here/lib.sh'; . '$f'; set -e; $t" 2>&1)
		rc=$?
		if [ $rc -eq 0 ]; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			failures="$failures $(basename "$f" .sh):$t"
			printf 'not ok %s %s\n%s\n' "$(basename "$f" .sh)" "$t" \
				"$(printf '%s\n' "$out" | tail -n 20 | sed 's/^/    /')"
		fi
		rm -rf "$dir"
	done
done
echo "cli: $passed passed, $failed failed"
[ $failed -eq 0 ]
