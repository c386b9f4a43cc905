#!/bin/sh
# muling report --format xlsx, read back with python3-openpyxl: for every
# report on the sample community, one sheet per section in order, each
# header bold on a frozen first row, every value equal to the report's JSON
# (numbers as numbers, dates as date cells), masked unless --unmasked; sheet
# names within Excel's 31 characters and unique.  --format csv --bom.  Usage.
. tests/lib.sh
DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || fail init "muling init --sample failed"
for name in $(ls sql/reports/*.sql | sed 's|.*/||; s|\.sql$||'); do
  $MULING report "$DB" "$name" --format json > "$TMP/$name.json" || fail "json-$name" "exit $?"
  $MULING report "$DB" "$name" --format xlsx -o "$TMP/$name.xlsx" || fail "xlsx-$name" "exit $?"
done
$MULING report "$DB" profile --format json --unmasked > "$TMP/profile_u.json"
$MULING report "$DB" profile --format xlsx --unmasked -o "$TMP/profile_u.xlsx"
/usr/bin/python3 - "$TMP" $(ls sql/reports/*.sql | sed 's|.*/||; s|\.sql$||') profile_u <<'PY'
import datetime, json, sys, openpyxl
tmp, names = sys.argv[1], sys.argv[2:]
def same(want, got):
    if want is None: return got is None
    if isinstance(got, datetime.datetime):
        s = got.strftime("%Y-%m-%d %H:%M:%S")
        return want in (s, s[:10]) and (len(want) == 19 or got.time() == datetime.time(0))
    if isinstance(want, bool): return got == want
    if isinstance(want, (int, float)): return isinstance(got, (int, float)) and abs(got - want) <= 1e-9 * max(1, abs(want))
    return got == want
for name in names:
    secs = json.load(open(f"{tmp}/{name}.json"))
    wb = openpyxl.load_workbook(f"{tmp}/{name}.xlsx")
    ok = len(wb.worksheets) == len(secs)
    why = f"{len(wb.worksheets)} sheets for {len(secs)} sections"
    titles = [ws.title for ws in wb.worksheets]
    if ok and (len(set(t.lower() for t in titles)) != len(titles) or max(len(t) for t in titles) > 31):
        ok, why = False, f"sheet names {titles}"
    dates = 0
    for sec, ws in zip(secs, wb.worksheets):
        if not ok: break
        want_title = (sec["section"] or "")
        if not (want_title.startswith(ws.title[:20]) or want_title.translate(str.maketrans("[]:*?/\\", "_______")).startswith(ws.title[:20])):
            ok, why = False, f"sheet {ws.title!r} for section {want_title!r}"; break
        rows = list(ws.iter_rows(values_only=True))
        cols = sec["columns"]
        if list(rows[0][:len(cols)]) != cols if rows else cols:
            ok, why = False, f"{ws.title}: header {rows[:1]} != {cols}"; break
        if ws.freeze_panes != "A2" or (cols and not ws["A1"].font.b):
            ok, why = False, f"{ws.title}: header not bold/frozen ({ws.freeze_panes})"; break
        if len(rows) - 1 != len(sec["rows"]):
            ok, why = False, f"{ws.title}: {len(rows) - 1} rows for {len(sec['rows'])}"; break
        for r, (want, got) in enumerate(zip(sec["rows"], rows[1:])):
            for c, col in enumerate(cols):
                g = got[c] if c < len(got) else None
                if isinstance(g, datetime.datetime): dates += 1
                if not same(want[col], g):
                    ok, why = False, f"{ws.title} row {r + 2} {col}: {want[col]!r} != {g!r}"; break
            if not ok: break
    print(("ok " if ok else "FAIL ") + f"cli_report_xlsx values-{name}" + ("" if ok else ": " + why))
    if name == "roster" or name == "activities":
        print(("ok " if dates else "FAIL ") + f"cli_report_xlsx date-cells-{name}" + ("" if dates else ": no date cell"))
    if name == "profile":
        ws = wb.worksheets[0]
        scope = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
        print(("ok " if scope.get("personal data") == "已脱敏 masked" else "FAIL ") + "cli_report_xlsx first-sheet-scope-masked")
    if name == "profile_u":
        scope = {r[0]: r[1] for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)}
        print(("ok " if scope.get("personal data") == "未脱敏 unmasked (--unmasked)" else "FAIL ") + "cli_report_xlsx first-sheet-scope-unmasked")
PY
# masked by default: the JSON is masked, the workbook equals it; unmasked differs
m=$(/usr/bin/python3 -c "import json,sys; print(sum('*' in str(v) for s in json.load(open(sys.argv[1])) for r in s['rows'] for v in r.values()))" "$TMP/hardship.json")
[ "${m:-0}" -gt 0 ] && ok masked-values-present || fail masked-values-present "no masked value in hardship"

# --format csv --bom: the mark, then exactly the csv
$MULING report "$DB" profile --format csv > "$TMP/p.csv"
$MULING report "$DB" profile --format csv --bom -o "$TMP/pb.csv"
check bom-bytes "$(head -c 3 "$TMP/pb.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
tail -c +4 "$TMP/pb.csv" > "$TMP/pb.rest"
check_file bom-rest-is-csv "$TMP/pb.rest" "$TMP/p.csv"

# usage
out=$($MULING report "$DB" profile --format xlsx 2>&1 | head -n 1); rc=$($MULING report "$DB" profile --format xlsx > /dev/null 2>&1; echo $?)
check xlsx-needs-output "$rc:$out" "2:muling: --format xlsx writes a workbook: give -o FILE.xlsx"
out=$($MULING report "$DB" profile --format json --bom 2>&1 | head -n 1)
check bom-csv-only "$out" "muling: --bom is for --format csv"
out=$($MULING report "$DB" profile --format xlsx -o "$TMP/no/such/dir.xlsx" 2>&1); rc=$?
case "$rc:$out" in 3:"muling: cannot write $TMP/no/such/dir.xlsx: "*) ok xlsx-unwritable ;; *) fail xlsx-unwritable "got [$rc:$out]" ;; esac
