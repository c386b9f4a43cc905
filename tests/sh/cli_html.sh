#!/bin/sh
# needs: shell
# muling report --format html, read with Debian's python3 html.parser: every
# report on the sample parses with balanced tags, is self-contained (no
# script, no external resource), has one <svg> per `-- chart:` section,
# and each chart holds the numbers of its section (taken from the json
# format of the same report).  Also: table format aligns CJK text (East
# Asian Wide counted double), and json parses.
. tests/lib.sh

PY=/usr/bin/python3
[ -x $PY ] || { fail python3 "/usr/bin/python3 is missing"; exit 0; }
DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || fail init "muling init --sample failed"
for f in sql/reports/*.sql; do
  [ -f "$f" ] || continue
  name=$(basename "$f" .sql)
  $MULING report "$DB" "$name" --format html -o "$TMP/$name.html"
  $MULING report "$DB" "$name" --format json -o "$TMP/$name.json"
  $MULING report "$DB" "$name" --format table -o "$TMP/$name.txt"
  $PY - "$TMP/$name.html" "$TMP/$name.json" "$TMP/$name.txt" "$name" <<'PY'
import json, sys, unicodedata
from html.parser import HTMLParser

html_file, json_file, table_file, name = sys.argv[1:5]
def report(check, ok, why=""):
    print(("ok cli_html %s-%s" % (name, check)) if ok else ("FAIL cli_html %s-%s: %s" % (name, check, why)))

VOID = {"meta", "br", "hr", "img", "input", "link", "rect", "circle", "path", "line", "polyline"}
class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.svgs, self.scripts, self.external = [], [], [], 0, []
        self.in_svg = None
    def handle_starttag(self, tag, attrs):
        if tag == "script": self.scripts += 1
        for k, v in attrs:
            if k in ("src", "href") and v and ("//" in v or v.startswith("http")): self.external.append(v)
        if tag == "svg": self.in_svg = []
        if tag not in VOID: self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        pass
    def handle_endtag(self, tag):
        if tag in VOID: return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            return
        self.stack.pop()
        if tag == "svg": self.svgs.append(self.in_svg); self.in_svg = None
    def handle_data(self, data):
        if self.in_svg is not None: self.in_svg.append(data)

page = Page()
page.feed(open(html_file, encoding="utf-8").read())
page.close()
report("html-balanced", not page.errors and page.stack == [], "; ".join(page.errors[:3]) + " open: %r" % page.stack)
report("html-self-contained", page.scripts == 0 and not page.external, "scripts %d, external %r" % (page.scripts, page.external[:3]))

try:
    sections = json.load(open(json_file, encoding="utf-8"))
    report("json-parses", isinstance(sections, list))
except ValueError as e:
    report("json-parses", False, str(e)); sys.exit(0)

charts = [s for s in sections if s["chart"]]
report("one-svg-per-chart", len(page.svgs) == len(charts), "%d svg, %d charts" % (len(page.svgs), len(charts)))
for i, (s, texts) in enumerate(zip(charts, page.svgs)):
    spec = dict(kv.split("=", 1) for kv in s["chart"].split()[1:])
    kind = s["chart"].split()[0]
    text = " ".join(texts)
    if kind == "calendar":
        dcol = spec.get("date") or next(c for c in s["columns"] if "date" in c or c == "day")
        want = [str(int(r[dcol][8:])) for r in s["rows"]]
        want += [v for r in s["rows"] for k, v in r.items() if k != dcol and isinstance(v, str) and len(v) <= 6]
    else:
        value = spec.get("value") or next(c for c in s["columns"][1:] if all(isinstance(r[c], (int, float)) for r in s["rows"]))
        label = spec.get("label", s["columns"][0])
        want = [str(r[value]) for r in s["rows"]] + [str(r[label]) for r in s["rows"] if len(str(r[label])) <= 10]
    missing = [w for w in want if w not in text]
    report("chart%d-numbers" % (i + 1), not missing, "missing %r" % missing[:5])

# table format: in each section the rows (not the header) of a table whose
# last column is numeric end at the same display column.
def width(s):
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
lines = open(table_file, encoding="utf-8").read().split("\n")
for s in sections:
    if not s["rows"] or not all(isinstance(r[s["columns"][-1]], (int, float)) for r in s["rows"]): continue
    try:
        at = lines.index(s["section"]) + 3 if s["section"] else None
    except ValueError:
        at = None
    if at is None: continue
    widths = {width(l) for l in lines[at:at + len(s["rows"])]}
    report("table-aligned-%s" % s["section"].split()[0], len(widths) == 1, "widths %r" % sorted(widths))
PY
done

# The profile's ethnic pie carries the sample's figures.
if [ -f sql/reports/profile.sql ]; then
  for v in 2590 1530 1134 44.2%; do
    check "profile-pie-$v" "$(sed -n '/<svg/,/<\/svg>/p' "$TMP/profile.html" | grep -c ">$v<")" 1
  done
  check profile-fonts "$(grep -c 'Noto Sans CJK SC.*Source Han Sans SC.*WenQuanYi Micro Hei.*Microsoft YaHei' "$TMP/profile.html")" 2
fi

# Text from the database is escaped: a community renamed with markup in it
# comes out as text, the page still balanced and script-free.
if [ -f sql/reports/profile.sql ]; then
  cp "$DB" "$TMP/evil.db"
  "$SQLITE3" "$TMP/evil.db" "update areas set name = '塔城路<script>alert(1)</script>&\"社区' where id = 4;"
  $MULING report "$TMP/evil.db" profile --param area=4 --format html > "$TMP/evil.html"
  check escaped-script "$(grep -c '<script' "$TMP/evil.html")" 0
  # (in the Scope section and in the paragraph)
  check escaped-text "$(grep -c '塔城路&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;社区' "$TMP/evil.html")" 2
fi

# Paper: a print style sheet that keeps every column (landscape, wrapping,
# the header row on every page); a pie of 13 groups (the sample's 13
# ethnic groups) gives each its own colour.
if [ -f sql/reports/profile.sql ]; then
  $MULING report "$DB" profile --format html > "$TMP/p13.html"
  check print-landscape "$(grep -c '@page{size:A4 landscape' "$TMP/p13.html")" 1
  check print-header-rows "$(grep -c 'thead{display:table-header-group}' "$TMP/p13.html")" 1
  check print-wrap "$(grep -c '@media print{.*th,td{white-space:normal' "$TMP/p13.html")" 1
  check pie-13-colours "$(sed -n '/<svg/,/<\/svg>/p' "$TMP/p13.html" | grep -o '<rect x="310" y="[0-9]*" width="14" height="14" fill="#[0-9a-f]*"' | sed 's/.*fill=//' | head -n 13 | sort -u | wc -l)" 13
fi
