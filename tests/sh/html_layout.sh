#!/bin/sh
# On screen no key column hides behind a scrollbar; on paper every column
# prints.  The page's structure, read with python3: a table scrolls in its
# own box (.scroll) with its first column sticky; the wide tables put their
# key columns right after the first (points: unit_rank, member, score,
# grade, reward; hardship's ledger: resident, status, outcome), and keep
# every column the section has; the print style sheet lets the box grow and
# unsticks the column.  (Headless Chromium at 1280 and 800 pixels is how it
# was seen; a browser is not a test dependency.)
. tests/lib.sh
PY=/usr/bin/python3
DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || { fail init "muling init --sample failed"; exit 0; }
for r in points hardship; do
  $MULING report "$DB" $r --format html -o "$TMP/$r.html" || fail "$r-html" "exit $?"
  $MULING report "$DB" $r --format json -o "$TMP/$r.json" || fail "$r-json" "exit $?"
done
$PY - "$TMP" <<'PY'
import json, re, sys
tmp = sys.argv[1]
def say(name, ok, why=""):
    print(f"ok html_layout {name}" if ok else f"FAIL html_layout {name}: {why}")
want = {"points": ("年度排名", ["unit", "unit_rank", "member", "score", "grade", "reward"]),
        "hardship": ("台账", ["id", "resident", "status", "outcome"])}
for r, (title, first) in want.items():
    page = open(f"{tmp}/{r}.html", encoding="utf-8").read()
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    screen, _, paper = css.partition("@media print")
    say(f"{r}-scroll-box", ".scroll{overflow-x:auto" in screen, "no scrolling box for tables")
    say(f"{r}-sticky-first", re.search(r"th:first-child,td:first-child\{position:sticky;left:0", screen) is not None, "first column not sticky")
    say(f"{r}-print-unsticks", ".scroll{overflow:visible}" in paper and "position:static" in paper, "print keeps the scroll box")
    say(f"{r}-print-no-clip", "overflow-x" not in paper and "nowrap" not in paper, "print clips or keeps cells on one line")
    sec = next(s for s in json.load(open(f"{tmp}/{r}.json")) if s["section"].startswith(title))
    m = re.search(r"<h2>" + re.escape(sec["section"]) + r"</h2>.*?<thead><tr>(.*?)</tr>", page, re.S)
    heads = re.findall(r"<th[^>]*>(.*?)</th>", m.group(1))
    say(f"{r}-key-columns-first", heads[:len(first)] == first, f"columns {heads[:len(first)]}")
    say(f"{r}-every-column", sorted(heads) == sorted(sec["columns"]), f"{heads} vs {sec['columns']}")
    body = page[m.end():page.index("</tbody>", m.end())]
    row = re.findall(r"<td[^>]*>(.*?)</td>", body.split("</tr>")[0])
    j = dict(zip(sec["columns"], [("" if v is None else str(v)) for v in sec["rows"][0].values()]))
    say(f"{r}-cells-follow-headers", row == [j[h] for h in heads], f"{row} vs {[j[h] for h in heads]}")
PY
