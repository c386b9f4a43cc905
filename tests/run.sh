#!/bin/sh
# tests/run.sh [normal|asan|valgrind] — run every test; the last line is
# `N passed, N failed`, and the exit status is non-zero on any failure.
#
#   tests/sql/*.sql   checks in SQL, one per line, through build/host
#   tests/oom/*.sql   statements run under a failing allocator (build/oom)
#   tests/sh/*.sh     end-to-end tests: the sqlite3 shell, python3, the
#                     command; each prints `ok NAME` / `FAIL NAME: why`
#
# In asan mode the extension, the hosts and the command are the ASan+UBSan
# builds; the sqlite3 shell and python3 are not instrumented, so the shell
# tests that need them run in normal mode only (they declare `# needs: shell`).
set -u
MODE=${1:-normal}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 3
LOG=build/test-$MODE.log
: > "$LOG"

case $MODE in
  normal)
    EXT=build/muling.so HOST=build/host OOM=build/oom MULING=build/muling ;;
  asan)
    EXT=build/asan/muling.so HOST=build/asan/host OOM=build/asan/oom MULING=build/asan/muling
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:suppressions=$ROOT/tests/asan.supp
    LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS ;;
  valgrind)
    EXT=build/muling.so HOST="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 --suppressions=$ROOT/tests/valgrind.supp build/host"
    OOM=build/oom MULING=build/muling ;;
  *) echo "usage: tests/run.sh [normal|asan|valgrind]"; exit 2 ;;
esac
export ROOT MODE EXT MULING

status=0
note() { printf '%s\n' "$*" >> "$LOG"; }

# 1. SQL checks.
for f in tests/sql/*.sql; do
  [ -f "$f" ] || continue
  out=$($HOST --ext "$EXT" "$f" 2>&1); rc=$?
  printf '%s\n' "$out" | grep -av '^host: ' >> "$LOG"
  if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -aq '^FAIL'; then
    note "FAIL $f: host exited $rc"
    printf '%s\n' "$out" | tail -n 20 | sed 's/^/    /' >> "$LOG"
  fi
done

# 2. Out of memory (skipped under valgrind: too slow to be useful there).
if [ "$MODE" != valgrind ]; then
  for f in tests/oom/*.sql; do
    [ -f "$f" ] || continue
    out=$($OOM --ext "$EXT" "$f" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -av '^oom: [0-9]* passed' >> "$LOG"
    if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -aq '^FAIL'; then
      note "FAIL $f: oom host exited $rc"
      printf '%s\n' "$out" | tail -n 20 | sed 's/^/    /' >> "$LOG"
    fi
  done
fi

# 3. End-to-end scripts.
if [ "$MODE" != valgrind ]; then
  for f in tests/sh/*.sh; do
    [ -f "$f" ] || continue
    if [ "$MODE" = asan ] && grep -aq '^# needs: shell' "$f"; then continue; fi
    out=$(sh "$f" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -aE '^(ok|FAIL) ' >> "$LOG"
    if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -aq '^FAIL'; then
      note "FAIL $f: exited $rc"
      printf '%s\n' "$out" | tail -n 20 | sed 's/^/    /' >> "$LOG"
    fi
  done
fi

grep -aE '^oom: [0-9]+ allocation points' "$LOG" | awk '{s+=$2} END {if (NR) print "oom: " s " allocation points exercised"}'
grep -aE '^(FAIL|    )' "$LOG"
passed=$(grep -ac '^ok ' "$LOG")
failed=$(grep -ac '^FAIL' "$LOG")
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || status=1
echo "$MODE: $passed passed, $failed failed"
exit $status
