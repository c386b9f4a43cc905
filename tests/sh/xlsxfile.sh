#!/bin/sh
# needs: shell
# xlsxfile in the real sqlite3 shell: a table stored in a database file is
# read directly but refused in that file's views and triggers (DIRECTONLY);
# the length limit (.limit length) bounds a sheet; and the street export
# (600 rows, GB18030 CSV) written by python3-openpyxl as a workbook reads
# back with the values csvfile reads from the CSV.
. tests/lib.sh
SO=${EXT%.so}
DB=$TMP/hostile.db
DATA=$ROOT/tests/data/xlsx_openpyxl.xlsx
$SQLITE3 "$DB" ".load $SO" \
  "create virtual table t using xlsxfile(filename='$DATA');" \
  "create view v as select * from t;" \
  "create table log(x);" \
  "create trigger tr after insert on log when new.x = 1 begin insert into log select 序号 from t; end;" \
  || fail setup "could not create the database"
check direct "$($SQLITE3 "$DB" ".load $SO" "select count(*) from t;" 2>&1)" "6"
for trust in on off; do
  got=$($SQLITE3 "$DB" ".load $SO" "pragma trusted_schema=$trust;" "select count(*) from v;" 2>&1)
  case $got in
    *'unsafe use of virtual table "t"'*) ok "view-blocked-trusted-$trust" ;;
    *) fail "view-blocked-trusted-$trust" "got [$got]" ;;
  esac
  got=$($SQLITE3 "$DB" ".load $SO" "pragma trusted_schema=$trust;" "insert into log values (1);" "select count(*) from log;" 2>&1)
  case $got in
    *'unsafe use of virtual table "t"'*) ok "trigger-blocked-trusted-$trust" ;;
    *) fail "trigger-blocked-trusted-$trust" "got [$got]" ;;
  esac
done

# the length limit: a part longer than it is refused before it is read
got=$($SQLITE3 :memory: ".load $SO" ".limit length 5000" "create virtual table temp.t using xlsxfile(filename='$DATA');" 2>&1)
case $got in
  *"xlsxfile: '$DATA': xl/worksheets/sheet1.xml unpacks to "*" bytes, more than the length limit of 5000 bytes"*) ok length-limit ;;
  *) fail length-limit "got [$got]" ;;
esac

# the street export, every value a string, through openpyxl
/usr/bin/python3 - "$ROOT/tests/data/street_export_gb18030.csv" "$TMP/street.xlsx" <<'PY' || fail openpyxl "could not write the workbook"
import csv, sys, openpyxl
rows = list(csv.reader(open(sys.argv[1], encoding="gb18030", newline="")))
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "街道导出"
for r in rows:
    if len(r) == len(rows[0]):  # the 7 short rows are csvfile's errors
        ws.append(r)
wb.save(sys.argv[2])
PY
SUM="select count(*), sum(crc32(序号||'|'||姓名||'|'||性别||'|'||民族||'|'||身份证号码||'|'||联系电话||'|'||所属小区||'|'||楼栋||'|'||单元||'|'||门牌号||'|'||coalesce(户籍性质,'')||'|'||coalesce(是否低保,'')||'|'||coalesce(备注, ''))) from s where _error is null;"
want=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$ROOT/tests/data/street_export_gb18030.csv', encoding=gb18030, on_error=row);" "$SUM")
got=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using xlsxfile(filename='$TMP/street.xlsx', sheet='街道导出');" "$SUM")
check street-same-values "$got" "$want"
check street-rows "$(echo "$got" | cut -d'|' -f1)" 593
