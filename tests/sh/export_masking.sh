#!/bin/sh
# street_export streamed, masked (cli/report.c): the rows are read as
# SQLite holds them (no copy a cell, lengths, not NULs), a text that can
# hold no name and fewer than 11 digits skips the masker, a column's texts
# are masked once and kept by a hash of every byte (a column of more than
# 2,048 texts begins again; a text over 128 bytes is kept alone), eight
# bytes are looked at a time, and the names two ids share are found by a
# people pass that
# steps only as far as the writing asks.  Every one of those must give the
# bytes the report kept whole gives (MULING_REPORT_KEEP=all: mask.c over
# every cell, then the collisions sorted), on the sample made odd:
#   - 备注 texts that fall in one look-up slot yet mask differently (ID
#     numbers that differ in their first digit, next to each other), phone
#     numbers with dashes, an ID number with x, a resident's name among
#     other words, digit runs of 1 to 20, letters in each of eight places,
#     a comma, a quote, a line break, a NUL inside the text, 5,000 bytes;
#     3,000 texts each once (a memo filled past 2,048 texts), two texts of
#     over 128 bytes with a phone number in turn, and one again;
#   - a masked name only the first and the last resident share (the
#     people pass must go to the end), one no one else has, one whose other
#     holder moved out;
# as csv, table, md and json, masked and not, streamed from the first row
# and at the default, for the whole database and a street.
. tests/lib.sh

DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || { fail init "muling init --sample failed"; exit 0; }
first=$($SQLITE3 "$DB" "SELECT min(id) FROM residents WHERE moved_out IS NULL AND died_on IS NULL")
last=$($SQLITE3 "$DB" "SELECT max(id) FROM residents WHERE moved_out IS NULL AND died_on IS NULL")
mid=$(( (first + last) / 2 ))
$SQLITE3 "$DB" "
UPDATE residents SET name = 'Tom Lee' WHERE id = $mid + 40;
UPDATE residents SET name = '龘龘龘龘龘' WHERE id IN ($first, $last);
UPDATE residents SET name = '鱻鱻鱻鱻鱻鱻' WHERE id = $mid;
UPDATE residents SET name = '麤麤麤麤麤麤麤', moved_out = NULL, died_on = NULL WHERE id = $mid + 1;
UPDATE residents SET name = '麤麤麤麤麤麤麤', moved_out = '2024-01-01', moved_in = NULL WHERE id = $mid + 2;
UPDATE residents SET note = '110105194912310021' WHERE id = $first + 1;
UPDATE residents SET note = '310105194912310021' WHERE id = $first + 2;
UPDATE residents SET note = '410105194912310021' WHERE id = $first + 3;
UPDATE residents SET note = '11010519491231002x' WHERE id = $first + 4;
UPDATE residents SET note = '电话 139-1234-5678，' || (SELECT name FROM residents WHERE id = $first + 30) || '家' WHERE id = $first + 5;
UPDATE residents SET note = 'a,b' WHERE id = $first + 6;
UPDATE residents SET note = '他说\"好\"' WHERE id = $first + 7;
UPDATE residents SET note = '第一行' || char(10) || '第二行' WHERE id = $first + 8;
UPDATE residents SET note = cast(x'e5a4a7e997a8003133393132333435363738' AS text) WHERE id = $first + 9;
UPDATE residents SET note = replace(hex(zeroblob(2500)), '00', '\"x') WHERE id = $first + 10;
UPDATE residents SET note = replace(hex(zeroblob(2500)), '00', 'ab') WHERE id = $first + 11;
UPDATE residents SET note = substr('13912345678901234567', 1, id - $first - 11) WHERE id BETWEEN $first + 12 AND $first + 31;
UPDATE residents SET note = substr('000000000', 1, id - $first - 32) || 'call Tom Lee' WHERE id BETWEEN $first + 32 AND $first + 40;
UPDATE residents SET note = substr('0000000000000000', 1, id - $first - 41) || ',' WHERE id BETWEEN $first + 41 AND $first + 57;
UPDATE residents SET note = '备注' || id || (CASE id % 7 WHEN 0 THEN ' 13912345678' ELSE '' END) WHERE id BETWEEN $first + 60 AND $first + 3059;
UPDATE residents SET note = replace(hex(zeroblob(45)), '00', '长') || (CASE id % 3 WHEN 0 THEN ' 13912345678' WHEN 1 THEN ' 13812345678' ELSE ' 13812345678' END) WHERE id BETWEEN $first + 3060 AND $first + 3200;
" 2> "$TMP/err" || { fail setup "$(cat "$TMP/err")"; exit 0; }
street=$($SQLITE3 "$DB" "SELECT min(id) FROM areas WHERE level = 'street'")

# same NAME KEEP ARGS...: streamed with MULING_REPORT_KEEP=KEEP and kept
# whole, the same bytes
same() {
  name=$1 keep=$2
  shift 2
  MULING_REPORT_KEEP=$keep $MULING report "$DB" street_export "$@" > "$TMP/stream.out" 2> "$TMP/stream.err"
  rs=$?
  MULING_REPORT_KEEP=all $MULING report "$DB" street_export "$@" > "$TMP/whole.out" 2> "$TMP/whole.err"
  rw=$?
  if [ "$rs $rw" != "0 0" ]; then
    fail "$name" "exit $rs (streamed) $rw (whole): $(head -c 200 "$TMP/stream.err")"
  elif cmp -s "$TMP/stream.out" "$TMP/whole.out"; then
    ok "$name"
  else
    fail "$name" "$(diff "$TMP/whole.out" "$TMP/stream.out" | head -n 6 | tr '\n' ' ')"
  fi
}
for f in csv table md json; do
  for um in "" --unmasked; do
    for keep in 1 default; do
      k=$keep
      [ "$keep" = default ] && k=
      same "city-$f${um:+-unmasked}-keep-$keep" "$k" --format "$f" $um
    done
    same "street-$f${um:+-unmasked}" 1 --format "$f" --param "area=$street" $um
  done
done

# what the masked csv holds, row by row (序号 is the row's place: the
# first current resident's row is 1)
MULING_REPORT_KEEP=1 $MULING report "$DB" street_export --format csv -o "$TMP/m.csv" 2> "$TMP/err" || fail masked-csv "$(cat "$TMP/err")"
cell() { # cell ID COLUMN: the masked csv's cell of resident ID
  /usr/bin/python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
ids = [int(x) for x in sys.argv[4].split()]
r = rows[1 + ids.index(int(sys.argv[2]))]
print(r[rows[0].index(sys.argv[3])])' "$TMP/m.csv" "$1" "$2" "$ids"
}
ids=$($SQLITE3 "$DB" "SELECT group_concat(id, ' ') FROM (SELECT id FROM residents WHERE moved_out IS NULL AND died_on IS NULL ORDER BY id)")
check first-and-last-shared "$(cell "$first" 姓名) $(cell "$last" 姓名)" "龘****(#$first) 龘****(#$last)"
check unique-not-shared "$(cell "$mid" 姓名)" "鱻*****"
check other-holder-moved-out "$(cell $((mid + 1)) 姓名)" "麤******"
check id-slot-1 "$(cell $((first + 1)) 备注)" "1***************21"
check id-slot-3 "$(cell $((first + 2)) 备注)" "3***************21"
check id-slot-4 "$(cell $((first + 3)) 备注)" "4***************21"
check id-lower-x "$(cell $((first + 4)) 备注)" "1***************2x"
note=$(cell $((first + 5)) 备注)
check phone-dashes "${note%%，*}" "电话 139-****-5678"
check name-in-text "${note#*，}" "$($SQLITE3 "$DB" "SELECT substr(name, 1, 1) || substr('*****', 1, length(name) - 1) FROM residents WHERE id = $first + 30")家"
check nul-ends-text "$(cell $((first + 9)) 备注)" "大门"
check digits-11 "$(cell $((first + 22)) 备注)" "139****5678"
check digits-10 "$(cell $((first + 21)) 备注)" "1391234567"
check letters-name "$(cell $((first + 36)) 备注)" "0000call T** ***"
