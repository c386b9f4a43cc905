#!/bin/sh
# bench/excel.sh — Excel in and out.
#  1. `muling import DB residents` of the same 200,000 rows from an .xlsx
#     (written by python3-openpyxl: numbers as numbers, dates as date cells)
#     and from a UTF-8 .csv; ratio = xlsx time / csv time, target <= 2.
#  2. `muling report … --format xlsx -o` against `--format csv -o` of the
#     largest report on the sample community (the one with the most rows);
#     ratio = xlsx time / csv time (no target: what a workbook costs).
# Times are CPU time (user + sys) of the command, best of $REPS, runs
# interleaved (the machine is shared: wall time counts the others' work).
# The input files are made once in build/bench/ (about a minute).
# Prints `what|ratio|target|verdict`.  BENCH_ROWS changes the 200,000.
set -u
cd "$(dirname "$0")/.." || exit 3
MULING=${MULING:-build/muling}
ROWS=${BENCH_ROWS:-200000}
REPS=${REPS:-3}
PY=/usr/bin/python3
[ -x "$MULING" ] || { echo "bench/excel.sh: $MULING is missing (make)" >&2; exit 3; }
$PY -c 'import openpyxl' 2>/dev/null || { echo "excel bench|-|-|skipped (no python3-openpyxl)"; exit 0; }
D=build/bench
mkdir -p "$D"
if [ ! -f "$D/residents_$ROWS.xlsx" ] || [ ! -f "$D/residents_$ROWS.csv" ]; then
  $PY - "$D/residents_$ROWS" "$ROWS" <<'PY'
import csv, datetime, sys, openpyxl
base, n = sys.argv[1], int(sys.argv[2])
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
eth = ["汉族", "哈萨克族", "维吾尔族", "回族", "汉", "哈族", "蒙古族", "锡伯族"]
names = ["张伟", "王芳", "努尔兰·别克", "古丽米热", "李强", "阿依古丽", "马军", "赵敏"]
head = ["序号", "姓名", "性别", "民族", "身份证号码", "联系电话", "所属小区", "楼栋", "单元", "门牌号", "户籍性质", "是否低保", "出生日期", "备注"]
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("居民")
ws.append(head)
f = open(base + ".csv", "w", newline="", encoding="utf-8")
w = csv.writer(f, lineterminator="\n")
w.writerow(head)
for i in range(1, n + 1):
    y, m, d = 1930 + i % 90, 1 + i % 12, 1 + i % 28
    body = "6501%02d%04d%02d%02d%03d" % ((i // 1000) % 100, y, m, d, i % 1000)
    idn = body + C[sum(int(c) * k for c, k in zip(body, W)) % 11]
    row = [i, names[i % 8], "男" if i % 2 else "女", eth[i % 8], idn, 13900000000 + i,
           "红旗小区", "%d号楼" % (1 + i % 9), "%d单元" % (1 + i % 3), 100 + i % 50,
           "户籍" if i % 13 else "流动", "否" if i % 17 else "是", datetime.date(y, m, d),
           "" if i % 5 else "备注 %d" % i]
    ws.append(row)
    w.writerow([v.isoformat() if isinstance(v, datetime.date) else v for v in row])
f.close()
wb.save(base + ".xlsx")
PY
fi
# cpu SECONDS of one command (its output discarded)
cpu() {
  $PY -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f" % (r.ru_utime + r.ru_stime))' "$@"
}
best() { sort -n | head -n 1; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (t == "" || r <= t) ? "met" : "missed" }'; }
: > "$D/csv.t"; : > "$D/xlsx.t"
i=0
while [ "$i" -lt "$REPS" ]; do
  for k in csv xlsx; do
    rm -f "$D/import_$k.db"
    $MULING init "$D/import_$k.db" > /dev/null
    cpu "$MULING" import "$D/import_$k.db" residents "$D/residents_$ROWS.$k" >> "$D/$k.t"
  done
  i=$((i + 1))
done
c=$(best < "$D/csv.t"); x=$(best < "$D/xlsx.t")
same=$(for k in csv xlsx; do sqlite3 "$D/import_$k.db" "select count(*), sum(length(id_number)) from residents;"; done | uniq | wc -l)
[ "$same" -eq 1 ] || echo "bench/excel.sh: the csv and xlsx imports loaded different rows" >&2
r=$(awk -v a="$x" -v b="$c" 'BEGIN { printf "%.2f", a / b }')
echo "import $ROWS residents: .xlsx vs .csv (${x}s / ${c}s cpu)|$r|<= 2|$(verdict "$r" 2)"

# the report with the most rows on the sample community
rm -f "$D/sample.db"
$MULING init "$D/sample.db" --sample tachenglu > /dev/null
big=$(for f in sql/reports/*.sql; do n=${f##*/}; n=${n%.sql}; echo "$($MULING report "$D/sample.db" "$n" --format csv 2>/dev/null | wc -l) $n"; done | sort -n | tail -n 1 | cut -d' ' -f2)
: > "$D/rcsv.t"; : > "$D/rxlsx.t"
i=0
while [ "$i" -lt $((REPS + 2)) ]; do
  cpu "$MULING" report "$D/sample.db" "$big" --format csv -o "$D/report.csv" >> "$D/rcsv.t"
  cpu "$MULING" report "$D/sample.db" "$big" --format xlsx -o "$D/report.xlsx" >> "$D/rxlsx.t"
  i=$((i + 1))
done
c=$(best < "$D/rcsv.t"); x=$(best < "$D/rxlsx.t")
r=$(awk -v a="$x" -v b="$c" 'BEGIN { printf "%.2f", a / b }')
echo "report $big (largest): --format xlsx vs csv (${x}s / ${c}s cpu)|$r|-|$(verdict "$r" "")"
