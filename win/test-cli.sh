# win/test-cli.sh — sourced by win/test.sh: muling.exe under Wine against
# build/muling on Linux.  Every output is compared byte for byte (the
# command writes the same bytes on both: CSV's CRLF on both, LF elsewhere).
# Uses W, T, say, win from win/test.sh.
L=build/muling
wm() { win $W/muling.exe "$@"; }
# same NAME FILE_LINUX FILE_WINDOWS
same() {
  if cmp -s "$2" "$3"; then say "ok cli: $1"
  else say "FAIL cli: $1: $(diff "$2" "$3" | head -n 6 | tr '\n' ' ')"; fi
}
# is NAME GOT WANT
is() {
  if [ "$2" = "$3" ]; then say "ok cli: $1"; else say "FAIL cli: $1: got [$2], want [$3]"; fi
}

# init with the sample, on a UTF-8 path
wm init "$T/社区.db" --sample tachenglu > $T/init.w 2>&1; rc=$?
mkdir -p $T/lin
$L init "$T/lin/社区.db" --sample tachenglu > $T/init.l 2>&1
is init-exit "$rc" 0
is init-says "$(sed "s|$T/社区.db|DB|" $T/init.w)" "$(sed "s|$T/lin/社区.db|DB|" $T/init.l)"
WDB=$T/社区.db

# the street office's GB18030 .csv.gz, from a file with a Chinese name
cp tests/data/street_export_gb18030.csv.gz "$T/街道导出.csv.gz"
wm init $T/iw.db > /dev/null 2>&1; $L init $T/il.db > /dev/null 2>&1
wm import $T/iw.db residents "$T/街道导出.csv.gz" --encoding gb18030 > $T/imp.w 2> $T/imp.we; rc=$?
$L import $T/il.db residents "$T/街道导出.csv.gz" --encoding gb18030 > $T/imp.l 2> $T/imp.le
is import-exit "$rc" 1
is import-counts "$(head -n 1 $T/imp.w)" "read 600, loaded 570, rejected 30"
same import-summary $T/imp.l $T/imp.w
# what the Windows command wrote, read by Linux's sqlite3
for q in "select * from residents order by id" "select table_name, line, reason, raw from import_rejects order by line"; do
  sqlite3 $T/il.db "$q" > $T/q.l; sqlite3 $T/iw.db "$q" > $T/q.w
  same "import-rows: $q" $T/q.l $T/q.w
done
# a backslashed path
wm init $T/iw2.db > /dev/null 2>&1
wm import $T/iw2.db residents 'tests\data\street_export_gb18030.csv' --encoding gb18030 > $T/imp2.w 2>&1
is import-backslash-path "$(head -n 1 $T/imp2.w)" "read 600, loaded 570, rejected 30"

# the same records as an .xlsx workbook (python3-openpyxl), Chinese name
/usr/bin/python3 - "$T" <<'PY'
import csv, sys, openpyxl
rows = list(csv.reader(open('tests/data/street_export_gb18030.csv', encoding='gb18030', newline='')))
wb = openpyxl.Workbook()
for r in rows:
    wb.active.append(r)
wb.save(sys.argv[1] + '/街道导出.xlsx')
PY
wm init $T/xw.db > /dev/null 2>&1; $L init $T/xl.db > /dev/null 2>&1
wm import $T/xw.db residents "$T/街道导出.xlsx" > $T/x.w 2>&1; rcw=$?
$L import $T/xl.db residents "$T/街道导出.xlsx" > $T/x.l 2>&1; rcl=$?
is import-xlsx-exit "$rcw" "$rcl"
is import-xlsx-read "$(head -n 1 $T/x.w | cut -d, -f1)" "read 600"
same import-xlsx-summary $T/x.l $T/x.w
q="select * from residents order by id"
sqlite3 $T/xl.db "$q" > $T/q.l; sqlite3 $T/xw.db "$q" > $T/q.w
same import-xlsx-rows $T/q.l $T/q.w

# LibreOffice's .xls (FreeXL) by a Chinese name, as on Linux
cp tests/data/xlsx_lo.xls "$T/旧表.xls"
wm init $T/xlsw.db > /dev/null 2>&1; $L init $T/xlsl.db > /dev/null 2>&1
wm import $T/xlsw.db residents "$T/旧表.xls" --sheet 1 > $T/x.w 2>&1; rcw=$?
$L import $T/xlsl.db residents "$T/旧表.xls" --sheet 1 > $T/x.l 2>&1; rcl=$?
is import-xls-exit "$rcw" "$rcl"
is import-xls-read "$(head -n 1 $T/x.w)" "read 6, loaded 4, rejected 2"
same import-xls-summary $T/x.l $T/x.w
q="select * from residents order by id; select line, reason, raw from import_rejects order by line"
sqlite3 $T/xlsl.db "$q" > $T/q.l; sqlite3 $T/xlsw.db "$q" > $T/q.w
same import-xls-rows $T/q.l $T/q.w

# every report in every format but xlsx (below), to stdout and to a file
for f in sql/reports/*.sql; do
  r=$(basename $f .sql)
  for fmt in table csv json md html; do
    wm report "$WDB" $r --format $fmt > $T/r.w 2> $T/r.we; rcw=$?
    $L report "$T/lin/社区.db" $r --format $fmt > $T/r.l 2> $T/r.le; rcl=$?
    if [ $rcw -eq $rcl ] && cmp -s $T/r.l $T/r.w && cmp -s $T/r.le $T/r.we; then
      echo "ok cli: report $r $fmt" >> "$LOG"
    else
      say "FAIL cli: report $r --format $fmt: exit $rcw (Linux $rcl): $(diff $T/r.l $T/r.w | head -n 4 | tr '\n' ' ')$(head -c 200 $T/r.we)"
    fi
  done
done
wm report "$WDB" profile --format csv -o "$T/概况.csv" > /dev/null 2>&1
$L report "$T/lin/社区.db" profile --format csv -o $T/profile.l.csv
same report-to-utf8-file $T/profile.l.csv "$T/概况.csv"
wm report "$WDB" profile --format csv -o "$T/概况.csv" > /dev/null 2> $T/err; rc=$?
is report-replaces-file "$rc:$(cat $T/err)" "0:"
wm report "$WDB" profile --format csv -o "$WDB" > /dev/null 2> $T/err; rc=$?
is report-refuses-database "$rc:$(grep -c 'is the database itself' $T/err)" "2:1"
# Windows' names ignore case: the database and its journal in other cases
# (each in a directory: stat() of "dir/" fails on Windows, so the journal's
# directory is compared without its separator)
wm report "$WDB" profile --format csv -o "$T/社区.db-journal" > /dev/null 2> $T/err; rc=$?
is report-refuses-journal "$rc:$(grep -c "is the database's journal" $T/err):$(ls $T | grep -ci journal)" "2:1:0"
wm report "$WDB" profile --format csv -o "$T/社区.DB" > /dev/null 2> $T/err; rc=$?
is report-refuses-database-other-case "$rc:$(grep -c 'is the database itself' $T/err)" "2:1"
wm report "$WDB" profile --format csv -o "$T/社区.DB-Journal" > /dev/null 2> $T/err; rc=$?
is report-refuses-journal-other-case "$rc:$(grep -c "is the database's journal" $T/err):$(ls $T | grep -ci journal)" "2:1:0"

# every report as an .xlsx workbook, and check's: each into a directory and
# a file with Chinese names (libxlsxwriter's zip opens the UTF-8 name
# through mu_win_fopen), its scratch files in %TMP% (tmpfileplus); then
# part for part the same as Linux's (win/xlsx-same.py)
mkdir -p "$T/工作簿" $T/lin/x
for f in sql/reports/*.sql; do
  r=$(basename $f .sql)
  wm report "$WDB" $r --format xlsx -o "$T/工作簿/$r报表.xlsx" > $T/r.w 2>&1; rcw=$?
  $L report "$T/lin/社区.db" $r --format xlsx -o "$T/lin/x/$r报表.xlsx" > $T/r.l 2>&1; rcl=$?
  is "report $r xlsx exit" "$rcw:$(cat $T/r.w)" "$rcl:$(cat $T/r.l)"
done
wm check "$WDB" --format xlsx -o "$T/工作簿/check检查.xlsx" > $T/r.w 2>&1; rcw=$?
$L check "$T/lin/社区.db" --format xlsx -o "$T/lin/x/check检查.xlsx" > $T/r.l 2>&1; rcl=$?
is "check xlsx exit" "$rcw:$(cat $T/r.w)" "$rcl:$(cat $T/r.l)"
/usr/bin/python3 win/xlsx-same.py "$T/lin/x" "$T/工作簿" >> "$LOG"
grep -a '^FAIL xlsx' "$LOG"
is xlsx-workbooks-compared "$(grep -ac '^ok xlsx: .* same as Linux' "$LOG")" \
  "$(($(ls sql/reports/*.sql | wc -l) + 1))"
# with %TMP% and %TEMP% naming no directory (set through cmd: Wine sets
# them from its registry), tmpfileplus falls back to the working directory
rm -f $T/tmpless.xlsx
bs() { printf '%s' "$1" | tr / '\\'; }
win cmd /c "set TMP=C:\\no\\such&& set TEMP=C:\\no\\such&& $(bs $W/muling.exe) report $(bs $T/iw.db) due --format xlsx -o $(bs $T/tmpless.xlsx)" > $T/err 2>&1; rc=$?
is report-xlsx-no-tmp "$rc:$(cat $T/err):$(/usr/bin/python3 -c 'import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).testzip())' $T/tmpless.xlsx 2>&1)" "0::None"

# check and roster
wm check "$WDB" > $T/chk.w 2>&1; rcw=$?
$L check "$T/lin/社区.db" > $T/chk.l 2>&1; rcl=$?
is check-exit "$rcw" "$rcl"
same check-output $T/chk.l $T/chk.w
pid=$(sqlite3 "$T/lin/社区.db" "select post_id from duty_posts order by post_id limit 1")
wm roster "$WDB" "$pid" 2024-02-01 2024-02-29 > $T/ros.w 2>&1; rcw=$?
$L roster "$T/lin/社区.db" "$pid" 2024-02-01 2024-02-29 > $T/ros.l 2>&1; rcl=$?
is roster-exit "$rcw" "$rcl"
same roster-preview $T/ros.l $T/ros.w
wm roster "$WDB" "$pid" 2024-02-01 2024-02-29 --commit > /dev/null 2>&1
$L roster "$T/lin/社区.db" "$pid" 2024-02-01 2024-02-29 --commit > /dev/null 2>&1
q="select * from duty_assignments order by 1"
sqlite3 "$T/lin/社区.db" "$q" > $T/q.l; sqlite3 "$WDB" "$q" > $T/q.w
same roster-commit $T/q.l $T/q.w

# muling shell: sqlite3.exe beside muling.exe loads muling.dll beside it
out=$(wm shell "$WDB" "select muling_version(), (select count(*) from residents where idcard_valid(id_number));" 2>&1 | tr -d '\r')
want=$(sqlite3 "$T/lin/社区.db" ".load build/muling" "select muling_version(), (select count(*) from residents where idcard_valid(id_number));" 2>&1)
is shell-loads-extension "$out" "$want"
mkdir -p $T/alone && cp $W/muling.exe $T/alone/
out=$(PATH=/usr/bin:/bin MULING_EXTENSION=$W/muling.dll win $T/alone/muling.exe shell "$WDB" "select 1;" 2>&1 | tr -d '\r'); rc=$?
is shell-without-sqlite3 "$(printf '%s' "$out" | grep -c 'cannot find sqlite3.exe: not beside muling.exe')" 1
