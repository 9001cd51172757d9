#!/bin/sh
# deps.sh — make sure the Debian packages veille builds and tests with are
# installed. As root it installs what is missing with apt-get; otherwise it
# names the missing packages and the command to run, and fails.
#   scripts/deps.sh build   libraries and compiler (make, make run)
#   scripts/deps.sh test    + what the test suite needs (clang for libFuzzer)
#   scripts/deps.sh lint    + clang-format, clang-tidy, cppcheck
set -eu
what=${1:-build}
pkgs="gcc make pkg-config libc6-dev libsqlite3-dev libutf8proc-dev libstemmer-dev
      libexttextcat-dev libexttextcat-data libcjson-dev libxxhash-dev zlib1g-dev"
case $what in
build) ;;
test) pkgs="$pkgs clang libclang-rt-14-dev gzip coreutils procps jq sqlite3" ;;
lint) pkgs="$pkgs clang-format clang-tidy cppcheck" ;;
*) echo "deps.sh: unknown set '$what' (build, test, lint)" >&2; exit 2 ;;
esac
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "veille needs these Debian packages:$missing" >&2
	echo "install them with: sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
