# tests/lib.sh — sourced by tests/sh/*.sh.  ROOT, EXT, MULING and MODE come
# from tests/run.sh; defaults let a script run alone from the repo root.
: "${ROOT:=$(pwd)}" "${EXT:=build/muling.so}" "${MULING:=build/muling}" "${MODE:=normal}"
cd "$ROOT" || exit 3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/muling-test.XXXXXX") || exit 3
trap 'rm -rf "$TMP"' EXIT
SQLITE3=${SQLITE3:-sqlite3}
# ok NAME / fail NAME WHY
ok() { echo "ok $T $1"; }
fail() { echo "FAIL $T $1: $2"; }
# check NAME GOT WANT: pass when the two strings are equal
check() {
  if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "got [$2], want [$3]"; fi
}
# check_file NAME GOTFILE WANTFILE
check_file() {
  if cmp -s "$2" "$3"; then ok "$1"; else fail "$1" "$(diff "$3" "$2" | head -n 20 | tr '\n' ' ')"; fi
}
T=$(basename "$0" .sh)
