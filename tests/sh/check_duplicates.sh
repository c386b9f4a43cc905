#!/bin/sh
# needs: shell
# duplicate_id_number: `muling check` finds the numbers held twice in C
# (cli/check.c, one read of the residents_id_number index comparing
# neighbours) where sql/checks.sql's statement counts them with GROUP BY;
# the rows must be the same as the plain definition's
# (tests/data/checks_reference.sql) on numbers that differ only in a
# lower-case x, a blank, their type (text and a blob of the same bytes),
# are empty, held three times or not at all (NULL), the last text and the
# first blob in the index being the same bytes -- and on files where
# the C read would not agree with GROUP BY (the column's collation NOCASE,
# numbers stored as integers), where the statement runs instead.
. tests/lib.sh

DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || { fail init "muling init --sample failed"; exit 0; }
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch -cmd ".load ${EXT%.so}" "$1" 2>&1; }

check plant "$(sql "$DB" "
pragma ignore_check_constraints = on;
create temp table p(n integer primary key, id_number);
insert into temp.p(id_number) values
  ('11010519491231002X'), ('11010519491231002X'), ('11010519491231002x'),
  ('11010519491231002X '), ('110105194912310021'), ('110105194912310021'), ('110105194912310021'),
  ('65010319870928600' || idcard_check_char('65010319870928600')), (''), (''),
  ('~~'), (x'7e7e'), ('11010519491231003X'), ('11010519491231003x'),
  (null), (null), ('110105194912310099');
insert into residents(id, id_number, name, area_id)
  select 990000 + n, id_number, '测试' || n, (select min(id) from areas where level = 'building') from temp.p;
insert into residents(id, id_number, name, area_id)
  select 990100, id_number, '测试百', area_id from residents where id = (select min(id) from residents where id < 990000);
select count(*) from residents where id > 990000;")" 18

# The plain definition's rows, and the command's, as text lines.
want() {
  sql "$1" "$(awk 'index($0, "-- finding: duplicate_id_number ") == 1 { on = 1; next }
    on && /^--/ { next } on { print } on && /;[ \t]*$/ { exit }' tests/data/checks_reference.sql)" | tr -d '\r'
}
got() {
  $MULING check "$1" --only duplicate_id_number --all --format csv -o "$TMP/dup.csv"
  sql "$1" "create virtual table temp.t using csvfile(filename='$TMP/dup.csv');
select id_number || '|' || residents || '|' || resident_ids from temp.t order by _line;" | tr -d '\r'
}
w=$(want "$DB")
check same-as-plain "$(got "$DB")" "$w"
check found "$(printf '%s\n' "$w" | wc -l | tr -d ' ') $(printf '%s\n' "$w" | grep -c '|3|')" "4 1"
check text-and-blob-apart "$(printf '%s\n' "$w" | grep -c '99001[12]')" 0

# A blob held twice: the mask refuses it, as the statement's rows would.
cp "$DB" "$TMP/blob.db"
sql "$TMP/blob.db" "pragma ignore_check_constraints = on; insert into residents(id, id_number, name) values (990201, x'3131', '测'), (990202, x'3131', '测');" > /dev/null
out=$($MULING check "$TMP/blob.db" --only duplicate_id_number 2>&1); rc=$?
check blob-twice "$rc $(printf '%s\n' "$out" | grep -c 'idcard_mask: id must be text, got a blob')" "3 1"

# Files on which neighbours byte for byte are not GROUP BY's groups: the
# column's collation NOCASE (…X and …x are one number), and a column that
# keeps numbers as integers (11 and 11.0 are one).  The schema is edited
# as a file of another tool could be.
cp "$DB" "$TMP/nocase.db"
sql "$TMP/nocase.db" "pragma writable_schema = on;
update sqlite_schema set sql = replace(sql, 'id_number    TEXT CHECK', 'id_number    TEXT COLLATE NOCASE CHECK') where name = 'residents';" > /dev/null
sql "$TMP/nocase.db" "reindex residents; pragma integrity_check;" > /dev/null
w=$(want "$TMP/nocase.db")
check nocase-same-as-plain "$(got "$TMP/nocase.db")" "$w"
check nocase-one-number "$(printf '%s\n' "$w" | grep -c -e '|3|.*990001,990002,990003' -e '|2|990013,990014$')" 2

cp "$DB" "$TMP/num.db"
sql "$TMP/num.db" "pragma writable_schema = on;
update sqlite_schema set sql = replace(sql, 'id_number    TEXT CHECK', 'id_number    NUMERIC CHECK') where name = 'residents';" > /dev/null
sql "$TMP/num.db" "pragma ignore_check_constraints = on;
insert into residents(id, id_number, name) values (990301, 11, '数一'), (990302, 11.0, '数二'), (990303, '11', '数三');
reindex residents;" > /dev/null
w=$(want "$TMP/num.db")
check numbers-same-as-plain "$(got "$TMP/num.db")" "$w"
check numbers-one "$(printf '%s\n' "$w" | grep -c '|3|990301,990302,990303')" 1
