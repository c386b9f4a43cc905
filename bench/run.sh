#!/bin/sh
# bench/run.sh — `make bench`: run every bench/*.sql through the host and
# print its table.  Each file prints rows `what|ratio|target|met/missed`;
# speed is always a ratio measured in the same run, never an absolute time.
# BENCH_BIG=1 asks the files that support it for their larger sizes.
set -u
cd "$(dirname "$0")/.." || exit 3
status=0
printf '%-58s %10s  %-14s %s\n' "benchmark" "ratio" "target" "verdict"
for f in bench/*.sql; do
  [ -f "$f" ] || continue
  build/host --bench --ext build/muling.so "$f" | awk -F'|' '
    NF >= 4 { printf "%-58s %10s  %-14s %s\n", $1, $2, $3, $4; next }
    { print }'
  [ $? -eq 0 ] || status=1
done
# Benchmarks that need the real sqlite3 shell (e.g. its built-in REGEXP).
for f in bench/*.sh; do
  [ "$f" = bench/run.sh ] && continue
  sh "$f" | awk -F'|' '
    NF >= 4 { printf "%-58s %10s  %-14s %s\n", $1, $2, $3, $4; next }
    { print }'
  [ $? -eq 0 ] || status=1
done
exit $status
