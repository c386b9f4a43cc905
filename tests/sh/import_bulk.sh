#!/bin/sh
# The bulk load of cli/import.c: into a residents table with no row, the
# plain indexes are dropped inside the import's transaction and made
# again from their own CREATE INDEX text before the commit, and a row a
# fingerprint says may match runs the match on its candidates only.  Each
# case is imported twice into the same starting database: as the command
# does it, and with MULING_IMPORT_NO_BULK=1 (every index written row by
# row, as before).  The exit status, the summary and the whole database
# (its .dump, the import's timestamps left out, lines sorted: the indexes
# made again come last in sqlite_schema) must be the same.  Cases: a
# street export with duplicates inside the file (the same ID number; the
# same name, birth date and building without one), a user's extra
# indexes (on columns: made again; partial, on an expression: kept), a
# user's UNIQUE index that rejects
# rows (a constraint failure after the schema changed), a table that
# already has rows, a trigger on residents, a statistics row for an
# index, and a failure mid-load (an index's expression fails on a row:
# the import stops, nothing is written, every index is back).
. tests/lib.sh

GEN=build/generate
[ -x "$GEN" ] || { fail build "$GEN is missing"; exit 0; }
# with the extension: an index below calls idcard_mask() (the plain build:
# the sqlite3 shell cannot load the ASan one, whose runtime must come first)
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch -cmd ".load build/muling" "$1" 2>&1; }

"$GEN" --residents 10000 -o "$TMP/city.db" 2> /dev/null || { fail generate "build/generate failed"; exit 0; }
$MULING report "$TMP/city.db" street_export --unmasked --format csv -o "$TMP/all.csv" || fail export "street_export failed"
# the export, then its first 40 rows again (duplicates of the file) and
# one person twice without an ID number (a duplicate by name, birth date
# and building)
{
  head -n 2001 "$TMP/all.csv"
  sed -n 2,41p "$TMP/all.csv"
  sed -n 2p "$TMP/all.csv" | awk -F , -v OFS=, '{ $5 = ""; print; print }'
} > "$TMP/dups.csv"
set -- $(sed -n 2p "$TMP/all.csv" | awk -F , '{ print $7, $8, $9, $10 }')
street=$1 community=$2 comp=$3 bld=$4
# two people with one phone number (a UNIQUE index on phone rejects the
# second), then rows after it
{
  echo '姓名,性别,民族,联系电话,所属街道,所属社区,所属小区,楼栋,单元,门牌号,备注'
  echo "张一,男,汉族,13912345678,$street,$community,$comp,$bld,1,101,"
  echo "张二,女,汉族,13912345678,$street,$community,$comp,$bld,1,102,"
  echo "张三,女,汉族,13912345679,$street,$community,$comp,$bld,1,103,"
  echo "张四,男,汉族,13912345678,$street,$community,$comp,$bld,1,104,"
  echo "张五,男,汉族,,$street,$community,$comp,$bld,1,105,"
} > "$TMP/phones.csv"
# a note an index's expression fails on (idcard_mask wants a number), in the middle
printf '姓名,所属小区,楼栋,备注\n李零,%s,%s,\n李一,%s,%s,x\n李二,%s,%s,\n' "$comp" "$bld" "$comp" "$bld" "$comp" "$bld" \
  > "$TMP/notes.csv"

empty() {
  rm -f "$1"
  $MULING init "$1" > /dev/null || fail init "muling init $1 failed"
  sql "$1" "attach '$TMP/city.db' as c; insert into areas select * from c.areas;" > /dev/null
}
# the database as text: timestamps out, lines sorted
dump() { "$SQLITE3" "$1" .dump | sed -E "s/'[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}'/'T'/g" | LC_ALL=C sort; }
indexes() { sql "$1" "select name, sql from sqlite_schema where type = 'index' and tbl_name = 'residents' order by name;"; }
# the largest rowid of sqlite_schema's residents indexes: above the
# schema's last row when the indexes were made again
last_index() { sql "$1" "select max(rowid) from sqlite_schema where type = 'index' and tbl_name = 'residents';"; }

# run NAME FILE SETUP_SQL WANT_BULK: import FILE into a database prepared
# by SETUP_SQL, with and without the bulk load; compare everything
run() {
  name=$1 file=$2 setup=$3 want_bulk=$4
  empty "$TMP/b.db"
  [ -n "$setup" ] && sql "$TMP/b.db" "$setup" > /dev/null
  cp "$TMP/b.db" "$TMP/n.db"
  cp "$TMP/b.db" "$TMP/before.db"
  top=$(sql "$TMP/b.db" "select max(rowid) from sqlite_schema;")
  $MULING import "$TMP/b.db" residents "$TMP/$file" > "$TMP/b.out" 2> "$TMP/b.err"; brc=$?
  MULING_IMPORT_NO_BULK=1 $MULING import "$TMP/n.db" residents "$TMP/$file" > "$TMP/n.out" 2> "$TMP/n.err"; nrc=$?
  check "$name-exit" "$brc" "$nrc"
  check_file "$name-summary" "$TMP/b.out" "$TMP/n.out"
  check_file "$name-stderr" "$TMP/b.err" "$TMP/n.err"
  dump "$TMP/b.db" > "$TMP/b.dump"
  dump "$TMP/n.db" > "$TMP/n.dump"
  check_file "$name-database" "$TMP/b.dump" "$TMP/n.dump"
  indexes "$TMP/b.db" > "$TMP/b.idx"
  indexes "$TMP/before.db" > "$TMP/before.idx"
  check_file "$name-indexes" "$TMP/b.idx" "$TMP/before.idx"
  check "$name-integrity" "$(sql "$TMP/b.db" "pragma integrity_check; pragma foreign_key_check;")" ok
  bulk=0
  [ "$(last_index "$TMP/b.db")" -gt "$top" ] && bulk=1
  check "$name-bulk" "$bulk" "$want_bulk"
}

run dups dups.csv "" 1
check dups-counts "$(sed -n 1,3p "$TMP/b.out" | tr '\n' '|')" \
  "$(sed -n 1,3p "$TMP/n.out" | tr '\n' '|')"
check dups-duplicates "$(sql "$TMP/b.db" "select count(*) >= 30 from import_rejects where reason like 'duplicate:%';")" 1
check dups-person "$(sql "$TMP/b.db" "select reason from import_rejects where line = 2043;")" \
  "duplicate: line 2042 of this export has this name, birth date and building too (resident $(sql "$TMP/b.db" "select max(id) from residents;"))"
# made again: a user's index on columns (descending, with a collation);
# kept as they are: an index on an expression and a partial one
run extra-indexes dups.csv "CREATE INDEX residents_phone ON residents(phone DESC, name COLLATE NOCASE);
CREATE INDEX residents_region ON residents(substr(id_number, 1, 6), name);
CREATE INDEX residents_noted ON residents(note) WHERE note IS NOT NULL;" 1
check extra-indexes-used "$(sql "$TMP/b.db" "select count(*) from residents indexed by residents_phone where phone > '1';")" \
  "$(sql "$TMP/b.db" "select count(*) from residents not indexed where phone > '1';")"
run unique phones.csv "CREATE UNIQUE INDEX residents_phone_once ON residents(phone);" 1
check unique-rejects "$(sql "$TMP/b.db" "select line, reason from import_rejects order by line;" | tr '\n' ' ')" \
  "3|constraint: UNIQUE constraint failed: residents.phone 5|constraint: UNIQUE constraint failed: residents.phone "
check unique-loaded "$(sql "$TMP/b.db" "select group_concat(name, ' ') from (select name from residents order by id);")" "张一 张三 张五"
# rows already stored: no bulk load, the match statement decides
empty "$TMP/stored.db"
head -n 1001 "$TMP/all.csv" > "$TMP/first.csv"
$MULING import "$TMP/stored.db" residents "$TMP/first.csv" > /dev/null
run stored dups.csv "attach '$TMP/stored.db' as s; insert into residents select * from s.residents;" 0
check stored-unchanged "$(sed -n 2p "$TMP/b.out")" "$(sed -n 2p "$TMP/n.out")"
run trigger dups.csv "CREATE TABLE seen_ids(id INTEGER);
CREATE TRIGGER residents_seen AFTER INSERT ON residents BEGIN INSERT INTO seen_ids VALUES (new.id); END;" 0
check trigger-fired "$(sql "$TMP/b.db" "select count(*) = (select count(*) from residents) from seen_ids;")" 1
run stat1 dups.csv "ANALYZE; INSERT INTO sqlite_stat1 VALUES ('residents', 'residents_id_number', '0 1');" 0
check stat1-kept "$(sql "$TMP/b.db" "select stat from sqlite_stat1 where idx = 'residents_id_number';")" "0 1"
# an index whose expression fails for a row in the middle: the import
# stops there, nothing is written, every index is where it was
run failure notes.csv "CREATE INDEX residents_mask ON residents(idcard_mask(name, note, 0));" 0
check failure-exit "$brc" 3
check failure-message "$(grep -c 'stopped at line 3 of .*idcard_mask.*nothing was written' "$TMP/b.err")" 1
dump "$TMP/before.db" > "$TMP/before.dump"
check_file failure-nothing-written "$TMP/b.dump" "$TMP/before.dump"
