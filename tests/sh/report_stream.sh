#!/bin/sh
# muling report written as it runs (cli/report.c): a section longer than
# the rows it keeps is streamed, its rows masked and written as they are
# stepped.  The bytes must be those of the report kept whole
# (MULING_REPORT_KEEP=all, the way html and xlsx are always written):
#   - on the sample, every report in table, csv, json and md, masked and
#     not, with every section of two rows or more streamed
#     (MULING_REPORT_KEEP=1): masked names two people share (hardship,
#     points, roster), the roster's empty slot columns dropped;
#   - on a generated city of 10,000 residents, street_export (10,000 rows
#     streamed at the default) and volunteers, whole city and one street;
#   - an early-closed pipe, -o over a file, a device and the database, a
#     write that fails half way (the target untouched, no temporary left).
. tests/lib.sh

DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || fail init "muling init --sample failed"

# same NAME ARGS...: the report streamed (MULING_REPORT_KEEP as set by the
# caller) and kept whole give the same bytes and the same exit code
same() {
  name=$1
  shift
  MULING_REPORT_KEEP=$KEEP $MULING report "$@" > "$TMP/stream.out" 2> "$TMP/stream.err"
  rs=$?
  MULING_REPORT_KEEP=all $MULING report "$@" > "$TMP/whole.out" 2> "$TMP/whole.err"
  rw=$?
  if [ "$rs $rw" != "0 0" ]; then
    fail "$name" "exit $rs (streamed) $rw (whole): $(head -c 200 "$TMP/stream.err")"
  elif cmp -s "$TMP/stream.out" "$TMP/whole.out"; then
    ok "$name"
  else
    fail "$name" "$(diff "$TMP/whole.out" "$TMP/stream.out" | head -n 6 | tr '\n' ' ')"
  fi
}

KEEP=1
for f in sql/reports/*.sql; do
  r=$(basename "$f" .sql)
  set --
  [ "$r" = due ] && set -- --param as_of=2024-01-15
  for fmt in table csv json md; do
    same "sample-$r-$fmt-masked" "$DB" "$r" --format "$fmt" "$@"
    same "sample-$r-$fmt-unmasked" "$DB" "$r" --format "$fmt" --unmasked "$@"
  done
done

# the cases the passes before the writing are for, seen in the output
MULING_REPORT_KEEP=1 $MULING report "$DB" roster --format csv > "$TMP/roster.csv"
check roster-empty-slot-dropped "$(grep -c 'slot_6' "$TMP/roster.csv")" 0
check roster-slot-kept "$(grep -c 'slot_1' "$TMP/roster.csv" | sed 's/^[1-9][0-9]*$/some/')" some
MULING_REPORT_KEEP=1 $MULING report "$DB" hardship --format csv > "$TMP/vol.csv"
check collisions-marked "$(grep -c '(#[0-9]*)' "$TMP/vol.csv" | sed 's/^[1-9][0-9]*$/some/')" some
MULING_REPORT_KEEP=1 $MULING report "$DB" hardship --format csv --unmasked > "$TMP/volu.csv"
check collisions-unmasked-none "$(grep -c '(#[0-9]*)' "$TMP/volu.csv")" 0

# a generated city: street_export streams at the default (10,000 rows)
CITY=$TMP/city.db
if build/generate --residents 10000 --seed 1 -o "$CITY" > /dev/null 2> "$TMP/gen.err"; then
  street=$($SQLITE3 -readonly "$CITY" "select min(id) from areas where level = 'street'")
  KEEP=
  for fmt in table csv json md; do
    same "city-street_export-$fmt-masked" "$CITY" street_export --format "$fmt"
    same "city-street_export-$fmt-unmasked" "$CITY" street_export --format "$fmt" --unmasked
  done
  same city-street_export-street "$CITY" street_export --format csv --param "area=$street"
  same city-volunteers-table "$CITY" volunteers --format table
  $MULING report "$CITY" street_export --format csv > "$TMP/export.csv"
  check city-rows "$(wc -l < "$TMP/export.csv")" 10001
  # masked names: most stand for several people (their ids shown), a rare
  # one for one (no id)
  check city-collisions "$(grep -c '(#' "$TMP/export.csv" | sed 's/^[1-9][0-9]*$/some/')" some
  check city-stdout-is-file "$($MULING report "$CITY" street_export --format csv -o "$TMP/o.csv"; cmp "$TMP/o.csv" "$TMP/export.csv" && echo same)" same

  # a pipe closed after three lines: those lines are the export's first
  # three, and the command ends there (SIGPIPE, or its write error)
  (
    $MULING report "$CITY" street_export --format csv 2> "$TMP/pipe.err"
    echo $? > "$TMP/pipe.rc"
  ) | head -n 3 > "$TMP/head.csv"
  check pipe-head "$(cmp "$TMP/head.csv" "$TMP/export.csv" 2>&1 | sed 's/.*EOF on.*/prefix/')" prefix
  case $(cat "$TMP/pipe.rc") in
    141 | 3) ok pipe-ends ;;
    *) fail pipe-ends "exit $(cat "$TMP/pipe.rc"): $(head -c 200 "$TMP/pipe.err")" ;;
  esac

  # a write that fails half way (a file size limit, its signal ignored):
  # the error named, the old file as it was, no temporary file left
  echo old > "$TMP/limited.csv"
  (
    trap '' XFSZ
    ulimit -f 64
    $MULING report "$CITY" street_export --format csv -o "$TMP/limited.csv" 2> "$TMP/limit.err"
    echo $? > "$TMP/limit.rc"
  )
  check limit-exit "$(cat "$TMP/limit.rc") $(sed 's/: .*//' "$TMP/limit.err")" "3 muling"
  check limit-message "$(grep -c "cannot write $TMP/limited.csv: File too large" "$TMP/limit.err")" 1
  check limit-old-file "$(cat "$TMP/limited.csv")" old
  check limit-no-temporary "$(ls "$TMP" | grep -c '^limited\.csv\.')" 0

  # never over the database; a device written in place, never replaced
  $MULING report "$CITY" street_export --format csv -o "$CITY" > /dev/null 2>&1
  check refuse-database "$?" 2
  $MULING report "$CITY" street_export --format csv -o /dev/null
  check dev-null-exit "$?" 0
  check dev-null-device "$([ -c /dev/null ] && echo char)" char
  $MULING report "$CITY" street_export --format csv -o /dev/full 2> "$TMP/full.err"
  check dev-full "$? $(cat "$TMP/full.err")" "3 muling: cannot write /dev/full: No space left on device"
else
  fail generate "$(head -c 200 "$TMP/gen.err")"
fi
