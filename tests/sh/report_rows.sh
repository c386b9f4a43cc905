#!/bin/sh
# needs: shell
# How a report holds and writes its rows.  It keeps them in chunks of
# 1,024 (cli/report.h): street_export over a generated city of 10,000
# residents crosses nine chunk boundaries.  Its CSV is the sqlite3 shell's
# CSV of the same statement, row for row, unmasked and masked (the shell
# quotes every non-ASCII field, so the two are compared as parsed records;
# the shell shows the hidden key _姓名, which the report drops after the
# rows are in, moving each row's cells within its chunk, and masked, gives
# a name two residents share their ids, 李**(#1), across chunks), 序号
# each row's place, which the command numbers and the shell leaves empty.
. tests/lib.sh
[ -x build/generate ] || { fail generate "no build/generate"; exit 0; }
[ -f "$EXT" ] || { fail extension "no $EXT"; exit 0; }
SO=${EXT%.so}
DB=$TMP/city.db
build/generate --residents 10000 --seed 2 -o "$DB" 2> "$TMP/gen.err" || { fail generate "$(tail -n 1 "$TMP/gen.err")"; exit 0; }
n=$($SQLITE3 "$DB" "select count(*) from residents_current")
check many-chunks "$([ "$n" -gt 4096 ] && echo yes)" yes
# same NAME FLAG: the report's CSV (FLAG: --unmasked or nothing) against the
# shell's with :unmasked set to 1 or left NULL.
same() {
  name=$1 flag=$2 set=
  [ -n "$flag" ] && set='.param set :unmasked 1'
  if ! $MULING report "$DB" street_export $flag --format csv -o "$TMP/$name.csv" 2> "$TMP/err"; then
    fail "$name" "report failed: $(cat "$TMP/err")"; return
  fi
  $SQLITE3 -csv -header "$DB" ".load $SO" "$set" ".read sql/reports/street_export.sql" > "$TMP/$name.shell.csv" 2> "$TMP/err" ||
    { fail "$name" "shell failed: $(cat "$TMP/err")"; return; }
  check "$name" "$(/usr/bin/python3 -c '
import csv, sys
rep = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
sh = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
k = sh[0].index("_姓名")
# 序号 is numbered by the command as it writes (-- ordinal:); the shell
# leaves it empty: it must be the place of each row
o = sh[0].index("序号")
assert all(r[o] == "" for r in sh[1:])
for i, r in enumerate(sh[1:], 1):
    r[o] = str(i)
# masked, a name two residents share shows the id (report_person_keys)
ids = {}
for r in sh[1:]:
    ids.setdefault(r[k - 1], set()).add(r[k])
masked = sys.argv[3] == "masked"
sh = [r[:k - 1] + [r[k - 1] + "(#" + r[k] + ")" if i and masked and len(ids[r[k - 1]]) > 1 else r[k - 1]] + r[k + 1:]
      for i, r in enumerate(sh)]
bad = [i for i in range(min(len(rep), len(sh))) if rep[i] != sh[i]]
print(len(rep) - 1, len(sh) - 1, bad[:3])
' "$TMP/$name.csv" "$TMP/$name.shell.csv" "${flag:-masked}" 2>&1)" "$n $n []"
}
same unmasked-rows --unmasked
same masked-rows ""

# -o a FIFO (as /dev/null, a device): written in place, still a FIFO after;
# a temporary file renamed over it would have put a file in its place.
mkfifo "$TMP/fifo" || { fail fifo "mkfifo failed"; exit 0; }
cat "$TMP/fifo" > "$TMP/fifo.out" &
reader=$!
$MULING report "$DB" street_export --unmasked --format csv -o "$TMP/fifo" 2> "$TMP/err"
check fifo-exit "$?" 0
check fifo-kept "$([ -p "$TMP/fifo" ] && echo fifo)" fifo
[ -p "$TMP/fifo" ] || kill "$reader" 2> /dev/null
wait "$reader"
check_file fifo-rows "$TMP/fifo.out" "$TMP/unmasked-rows.csv"
