# lib.sh — helpers for the CLI tests (sourced; POSIX sh).

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_rc CODE CMD... : run CMD, check its exit code.
expect_rc() {
	want=$1
	shift
	set +e
	"$@"
	got=$?
	set -e
	[ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want"
}

# contains FILE TEXT / lacks FILE TEXT
contains() {
	grep -qF -- "$2" "$1" || fail "$1 does not contain: $2"
}
lacks() {
	! grep -qF -- "$2" "$1" || fail "$1 contains: $2"
}

# count_articles DB
count_articles() {
	"$VEILLE" ls --db "$1" | wc -l | tr -d ' '
}

# within SECONDS CMD... : CMD must finish in time (doubled under sanitizers).
within() {
	limit=$1
	shift
	[ "$SANITIZED" = 1 ] && limit=$((limit * 4))
	set +e
	timeout "$limit" "$@"
	got=$?
	set -e
	[ "$got" -ne 124 ] || fail "'$*' took more than ${limit}s"
	return "$got"
}
