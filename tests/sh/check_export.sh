#!/bin/sh
# needs: shell
# muling check as a list to hand on: --only, --all, --format csv|json|md|html
# and -o; the CSV of one finding reads back through csvfile row for row.
. tests/lib.sh
GEN=build/generate
[ -x "$GEN" ] || { fail build "no $GEN"; exit 0; }
$GEN --residents 10000 --seed 7 -o "$TMP/city.db" 2>/dev/null || { fail generate "exit $?"; exit 0; }
DB=$TMP/city.db
q() { $SQLITE3 "$DB" -cmd ".load ${EXT%.so}" "$1"; }
want=$(q "select count(*) from residents where id_number is not null and not idcard_valid(id_number)")
[ "$want" -gt 5 ] || fail planted "only $want invalid IDs in the city"

$MULING check "$DB" --only invalid_id_number --all --format csv -o "$TMP/bad.csv"; rc=$?
check csv-exit "$rc" 1
check csv-rows "$(q "create virtual table temp.t using csvfile(filename='$TMP/bad.csv'); select count(*) from t")" "$want"
check csv-round-trip "$(q "create virtual table temp.t using csvfile(filename='$TMP/bad.csv');
  select (select count(*) from (select cast(resident_id as integer) from t except select id from residents where id_number is not null and not idcard_valid(id_number)))
       + (select count(*) from (select id from residents where id_number is not null and not idcard_valid(id_number) except select cast(resident_id as integer) from t))")" 0
check csv-header "$(head -n 1 "$TMP/bad.csv" | tr -d '\r')" "resident_id,name,id_number"
check csv-masked "$(q "create virtual table temp.t using csvfile(filename='$TMP/bad.csv'); select count(*) from t join residents r on r.id = t.resident_id where t.id_number = r.id_number or t.name = r.name")" 0

# Text: five examples and the rest counted; --all shows every row.
$MULING check "$DB" --only invalid_id_number > "$TMP/five.txt"
check text-five "$(grep -c '^    resident_id=' "$TMP/five.txt")" 5
check text-more "$(grep -c "… and $((want - 5)) more (--all shows them)" "$TMP/five.txt")" 1
check text-only "$(grep -c '^\(ok\|FOUND\) ' "$TMP/five.txt")" 1
$MULING check "$DB" --only invalid_id_number,id_sex_mismatch --all > "$TMP/all.txt"
check text-all "$(grep -c '^    resident_id=.*id_number=' "$TMP/all.txt")" "$want"
check text-two "$(grep -c '^\(ok\|FOUND\) ' "$TMP/all.txt")" 2

# Several findings as JSON and HTML; the page names the file, not its path.
$MULING check "$DB" --format json --all > "$TMP/all.json"
check json-valid "$(/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d) > 5 and all('rows' in s for s in d))" "$TMP/all.json" 2>&1)" True
check json-all-rows "$(/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(len(s['rows']) for s in d if s['section'].startswith('invalid_id_number')))" "$TMP/all.json")" "$want"
$MULING check "$DB" --format html -o "$TMP/check.html"
check html-written "$(grep -c 'invalid_id_number' "$TMP/check.html" | awk '{print ($1 > 0)}')" 1
check html-base-name "$(grep -c "$TMP" "$TMP/check.html")" 0
$MULING check "$DB" --format md --only duplicate_id_number > "$TMP/dup.md"
check md-table "$(grep -c '^| id_number' "$TMP/dup.md")" 1

# Mistakes are usage errors that say what there is.
out=$($MULING check "$DB" --only invalid_id 2>&1); rc=$?
check only-unknown "$rc $(echo "$out" | head -n 1 | sed 's/, id_birth_mismatch.*//')" "2 muling: --only: no finding 'invalid_id'; the findings are invalid_id_number"
out=$($MULING check "$DB" --only due_wish 2>&1); rc=$?
check only-due-needs-as-of "$rc $(echo "$out" | head -n 1)" "2 muling: --only due_wish: the due_ findings need --as-of DATE"
out=$($MULING check "$DB" --format xml 2>&1); rc=$?
check format-unknown "$rc $(echo "$out" | head -n 1)" "2 muling: --format must be table, csv, json, md, html or xlsx, got 'xml'"
# A workbook, read back by an independent reader: one sheet a finding, every row.
$MULING check "$DB" --only invalid_id_number,id_sex_mismatch --all --format xlsx -o "$TMP/check.xlsx"
check xlsx-rows "$(/usr/bin/python3 -c "
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(max(ws.max_row for ws in wb.worksheets if 'invalid' in ws.title or any('invalid_id_number' in str(c.value) for r in ws.iter_rows(max_row=2) for c in r)))" "$TMP/check.xlsx" 2>&1)" "$((want + 1))"
out=$($MULING check "$DB" --format xlsx 2>&1); rc=$?
check xlsx-needs-file "$rc $(echo "$out" | head -n 1)" "2 muling: --format xlsx writes a workbook: give -o FILE.xlsx"
out=$($MULING check "$DB" --format csv -o "$DB" 2>&1); rc=$?
check output-is-database "$rc $(echo "$out" | head -n 1)" "2 muling: -o $DB is the database itself; write the output to another file"
check database-untouched "$($SQLITE3 "$DB" "pragma integrity_check")" ok
