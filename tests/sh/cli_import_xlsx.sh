#!/bin/sh
# muling import from workbooks: the same 2,000 rows written as a CSV (by
# Python's csv module) and as an .xlsx (by python3-openpyxl, numbers as
# numbers, dates as date cells, 6.50106E+17 IDs as numbers) import to
# identical residents and identical rejects (line = sheet row = CSV line);
# the LibreOffice .xls fixture imports like its .xlsx; --sheet; usage errors.
. tests/lib.sh
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch "$1" 2>&1; }
/usr/bin/python3 - "$TMP" <<'PY' || { fail make "python3-openpyxl could not write the files"; exit 0; }
import csv, datetime, sys, openpyxl
tmp = sys.argv[1]
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
eth = ["汉族", "哈萨克族", "维吾尔族", "回族", "汉", "哈族", "Han", "蒙古族", "锡伯族", "火星族"]
names = ["张伟", "王芳", "努尔兰·别克", "古丽米热", "李强", "阿依古丽", "马军", "赵敏"]
head = ["序号", "姓名", "性别", "民族", "身份证号码", "联系电话", "所属小区", "楼栋", "单元", "门牌号", "户籍性质", "是否低保", "出生日期", "备注"]
rows = []
for i in range(1, 2001):
    y, m, d = 1930 + i % 90, 1 + i % 12, 1 + i % 28
    body = "650103%04d%02d%02d%03d" % (y, m, d, (i * 7) % 1000)
    ck = C[sum(int(c) * w for c, w in zip(body, W)) % 11]
    idn = body + ck
    sex = "男" if ((i * 7) % 1000) % 2 else "女"
    birth = datetime.date(y, m, d)
    if i % 97 == 0:
        idn = body + C[(C.index(ck) + 1) % 11]     # id_check
    if i % 89 == 0:
        idn = 6.50106e17                            # id_scientific: a number
    if i % 83 == 0:
        sex = "未知"                                 # sex
    note = "" if i % 5 else "备注, \"引号\" 第%d行" % i
    rows.append([i, names[i % 8], sex, eth[i % 10], idn, 13900000000 + i,
                 "红旗小区", "%d号楼" % (1 + i % 9), "%d单元" % (1 + i % 3), 100 + i % 50,
                 "户籍" if i % 13 else "流动", "否" if i % 17 else "是", birth, note])
def text(v):
    if isinstance(v, float): return "6.50106E+17"
    if isinstance(v, datetime.date): return v.isoformat()
    return str(v)
with open(f"{tmp}/r.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(head)
    for r in rows: w.writerow([text(v) for v in r])
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "居民"
ws.append(head)
for r in rows: ws.append([v if v != "" else None for v in r])
for r in range(2, ws.max_row + 1): ws.cell(r, 13).number_format = "yyyy-mm-dd"
other = wb.create_sheet("说明", 0)   # the data is not the first sheet
other.append(["本表由街道导出"])
wb.save(f"{tmp}/r.xlsx")
PY
for f in csv xlsx; do
  $MULING init "$TMP/$f.db" > /dev/null || fail "init-$f" "muling init failed"
done
$MULING import "$TMP/csv.db" residents "$TMP/r.csv" > "$TMP/csv.out"; rc1=$?
$MULING import "$TMP/xlsx.db" residents "$TMP/r.xlsx" --sheet 居民 > "$TMP/xlsx.out"; rc2=$?
check exit-codes "$rc1 $rc2" "1 1"
check summary-same "$(head -n 3 "$TMP/xlsx.out")" "$(head -n 3 "$TMP/csv.out")"
check summary "$(head -n 1 "$TMP/xlsx.out")" "read 2000, loaded 1742, rejected 258"
check reject-kinds "$(grep '^rejected:' "$TMP/xlsx.out")" "rejected: ethnic_unknown 195, id_check 20, id_scientific 22, sex 21"
R="select group_concat(id_number || '|' || name || '|' || sex || '|' || birth_date || '|' || coalesce(ethnic_code, '') || '|' || coalesce(phone, '') || '|' || coalesce(address_raw, '') || '|' || coalesce(note, ''), char(10)) from (select * from residents order by id);"
sql "$TMP/csv.db" "$R" > "$TMP/csv.res"
sql "$TMP/xlsx.db" "$R" > "$TMP/xlsx.res"
check_file residents-identical "$TMP/xlsx.res" "$TMP/csv.res"
check residents-count "$(sql "$TMP/xlsx.db" "select count(*) from residents;")" 1742
J="select group_concat(line || '|' || reason || '|' || raw, char(10)) from (select * from import_rejects order by line);"
sql "$TMP/csv.db" "$J" > "$TMP/csv.rej"
sql "$TMP/xlsx.db" "$J" > "$TMP/xlsx.rej"
check_file rejects-identical "$TMP/xlsx.rej" "$TMP/csv.rej"
check reject-id-scientific "$(sql "$TMP/xlsx.db" "select line || ' ' || reason from import_rejects where line = 90;")" \
  "90 id_scientific: 6.50106E+17 is a number a spreadsheet rounded: the ID's digits are lost (export the column as text)"
check rejects-source "$(sql "$TMP/xlsx.db" "select distinct source from import_rejects;")" "$TMP/r.xlsx"
check read-is-loaded-plus-rejected "$(sql "$TMP/xlsx.db" "select (select count(*) from residents) + (select count(*) from import_rejects);")" 2000

# the first sheet is the default: here the notes sheet, which has no residents columns
out=$($MULING import "$TMP/xlsx.db" residents "$TMP/r.xlsx" 2>&1 | head -n 1); rc=$($MULING import "$TMP/xlsx.db" residents "$TMP/r.xlsx" > /dev/null 2>&1; echo $?)
check default-first-sheet "$rc:$out" "2:muling: column '本表由街道导出' of $TMP/r.xlsx has nowhere to go in residents (--map '本表由街道导出=COLUMN' sends it to a column, --map '本表由街道导出=-' drops it)"

# LibreOffice's .xls and .xlsx of the same workbook import alike
for f in xlsx_lo.xlsx xlsx_lo.xls; do
  $MULING init "$TMP/$f.db" > /dev/null
  $MULING import "$TMP/$f.db" residents "tests/data/$f" --sheet 1 > "$TMP/$f.out"
  check "fixture-$f" "$(head -n 3 "$TMP/$f.out")" "read 6, loaded 4, rejected 2
new 4, updated 0, unchanged 0, not in this export 0
rejected: id_scientific 2"
  sql "$TMP/$f.db" "select line, reason from import_rejects; select name, birth_date, phone from residents order by id;" > "$TMP/$f.rows"
done
check_file xls-same-as-xlsx "$TMP/xlsx_lo.xls.rows" "$TMP/xlsx_lo.xlsx.rows"

# usage
out=$($MULING import "$TMP/xlsx.db" residents "$TMP/r.xlsx" --encoding gb18030 2>&1 | head -n 1)
check usage-encoding "$out" "muling: $TMP/r.xlsx is a workbook: --encoding and --delimiter are for CSV files"
out=$($MULING import "$TMP/csv.db" residents "$TMP/r.csv" --sheet 2 2>&1 | head -n 1)
check usage-sheet-csv "$out" "muling: --sheet is for .xlsx and .xls workbooks, $TMP/r.csv is not one"
out=$($MULING import "$TMP/xlsx.db" residents "$TMP/r.xlsx" --sheet 居 2>&1)
check no-such-sheet "$out" "muling: cannot read $TMP/r.xlsx: xlsxfile: '$TMP/r.xlsx' has no sheet '居' (its sheets: '说明', '居民')"
