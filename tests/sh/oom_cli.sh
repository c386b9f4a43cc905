#!/bin/sh
# The `muling` command out of memory: build/oom_cli (tests/oom_cli.c; built
# by `make all`, and as build/asan/oom_cli by `make asan`) fails the Nth
# allocation of `muling import` (a GB18030 .csv.gz with three good rows and
# a bad one, into a fresh muling database, and again into one that holds
# those rows, one of them changed, and a resident more) and of `muling report` (profile,
# and points as JSON, on the sample community), each run in a forked child.
# Every run ends as the baseline did or in a clean "out of memory" (exit 3,
# the database as it was); in asan mode every child also runs LeakSanitizer.
#
# make test samples the allocation points (the first 100, then about
# OOM_CLI_RUNS spread over the rest, per case; fewer under ASan) to stay quick;
# OOM_CLI_RUNS=0 sh tests/sh/oom_cli.sh tries every one (several minutes).
. tests/lib.sh
# Under ASan each child also runs LeakSanitizer at exit (about a second a
# run on a loaded machine), so asan mode samples fewer points.
if [ "$MODE" = asan ]; then
  OOMCLI=build/asan/oom_cli RUNS=${OOM_CLI_RUNS:-40} DENSE=20
else
  OOMCLI=build/oom_cli RUNS=${OOM_CLI_RUNS:-300} DENSE=100
fi
if [ ! -x "$OOMCLI" ]; then
  fail build "$OOMCLI is missing (make all builds build/oom_cli, make asan build/asan/oom_cli)"
  exit 0
fi

# The street office's fixture is GB18030 already: its header and first three
# rows (none spans lines), then a row with two fields.
{
  gzip -dc tests/data/street_export_gb18030.csv.gz | head -n 4
  printf '99,bad row\r\n'
} | gzip -c > "$TMP/residents.csv.gz"
$MULING init "$TMP/sample.db" --sample tachenglu > /dev/null || fail sample "muling init --sample failed"

out=$("$OOMCLI" --runs "$RUNS" --dense "$DENSE" "$TMP" "$TMP/residents.csv.gz" "$TMP/sample.db" 2>&1); rc=$?
printf '%s\n' "$out" | grep -aE '^(ok|FAIL) '
printf '%s\n' "$out" | grep -a '^oom_cli: .* allocation points' | sed 's/^/# /'
n=$(printf '%s\n' "$out" | grep -ac '^ok oom_cli ')
if [ "$rc" -eq 0 ] && [ "$n" -eq 5 ]; then ok all-cases
else fail all-cases "exit $rc, $n of 5 cases passed: $(printf '%s\n' "$out" | grep -av '^ok' | tail -n 5 | tr '\n' ' ')"; fi
