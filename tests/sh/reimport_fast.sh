#!/bin/sh
# Import into an empty residents table: the fast path of cli/reimport.c
# (fingerprints of this run's rows decide which rows cannot match, the
# match statement runs only for the others) must decide every row as the
# statement alone does.  The same file goes into two empty databases, the
# second with a trigger on residents (which turns the fast path off): the
# summaries, the rejects, the warnings and the rows must be the same.  The
# file has each kind of second row the statement finds: the same ID number
# (as written, in full-width digits, 15 digits upgraded), the same name,
# birth date and building without an ID number, the same name and birth
# date in another building (new), and rows whose sex or birth date differ
# from the ID number (warnings).
. tests/lib.sh

sql() { printf '%s\n' "$1" | "$SQLITE3" -batch "$2" 2>&1; }
cat > "$TMP/rows.csv" << 'CSV'
姓名,性别,出生日期,身份证号码,所属小区,楼栋,单元,门牌号
甲,男,1990-01-01,650103199001010013,一号院,1栋,1,101
甲,男,1990-01-01,650103199001010013,一号院,1栋,1,101
乙,女,,６５０１０３１９９００１０１００２１,一号院,1栋,1,102
乙二,女,,650103199001010021,一号院,2栋,1,102
丙,男,1980-05-05,,一号院,3栋,2,201
丙,男,1980-05-05,,一号院,3栋,2,201
丙,男,1980-05-05,,一号院,4栋,2,201
丁,女,1985-02-03,650103850203002,二号院,1栋,1,1
丁,女,1985-02-03,650103198502030026,二号院,1栋,1,1
戊,女,1990-01-01,650103199001010013,二号院,2栋,1,1
己,男,1970-07-07,650103197007070018,二号院,3栋,1,1
己,男,1970-07-07,,二号院,3栋,1,1
庚,女,1960-01-02,65010319600101001X,三号院,1栋,1,1
辛,,,,三号院,1栋,1,1
辛,,,,三号院,1栋,1,1
CSV
for db in fast slow; do
  $MULING init "$TMP/$db.db" > /dev/null || { fail "init-$db" "muling init failed"; exit 0; }
done
sql "CREATE TRIGGER residents_noop AFTER INSERT ON residents BEGIN SELECT 1; END;" "$TMP/slow.db"
$MULING import "$TMP/fast.db" residents "$TMP/rows.csv" > "$TMP/fast.out" 2>&1; frc=$?
$MULING import "$TMP/slow.db" residents "$TMP/rows.csv" > "$TMP/slow.out" 2>&1; src=$?
check exit "$frc" "$src"
check_file summary "$TMP/fast.out" "$TMP/slow.out"
check counts "$(sed -n 1,3p "$TMP/fast.out" | tr '\n' '|')" \
  "read 15, loaded 8, rejected 7|new 8, updated 0, unchanged 0, not in this export 0|rejected: duplicate 7|"
for db in fast slow; do
  sql "select line, reason from import_rejects order by line;" "$TMP/$db.db" > "$TMP/$db.rej"
  sql "select line, resident_id, kind, detail from import_warnings order by line, kind;" "$TMP/$db.db" > "$TMP/$db.warn"
  sql "select id, name, sex, birth_date, id_number, area_id, address_raw from residents order by id;" "$TMP/$db.db" > "$TMP/$db.rows"
done
check_file rejects "$TMP/fast.rej" "$TMP/slow.rej"
check_file warnings "$TMP/fast.warn" "$TMP/slow.warn"
check_file rows "$TMP/fast.rows" "$TMP/slow.rows"
check reject-lines "$(cut -d '|' -f 1 "$TMP/fast.rej" | tr '\n' ' ')" "3 5 7 10 11 13 16 "
check warned "$(cut -d '|' -f 1,3 "$TMP/fast.warn" | tr '\n' ' ')" "14|birth_date 14|sex "
# the same file again into the fast database: stored rows now, the statement decides
$MULING import "$TMP/fast.db" residents "$TMP/rows.csv" > "$TMP/again.out" 2>&1
check again "$(sed -n 2p "$TMP/again.out")" "new 0, updated 0, unchanged 8, not in this export 0"
