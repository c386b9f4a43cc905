#!/bin/sh
# Chart labels never collide.  Every chart of every report on the sample,
# and charts made crowded on purpose — profile's pie with 21 ethnic groups
# of one or two residents each, activities' line over 108 months, feedback's
# bars with employers' names 60 characters long — are read from the page
# with python3 (xml.etree): each <text>'s box is estimated from its
# characters (a CJK character 1 em, others 0.6 em; textLength when given)
# and its anchor, and no two boxes of a chart may meet, nor leave the chart.
# The first 13 groups of a pie each have their own colour; a line point
# whose value label did not fit keeps the value in its tooltip.
. tests/lib.sh
PY=/usr/bin/python3
DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || { fail init "muling init --sample failed"; exit 0; }
for f in sql/reports/*.sql; do
  r=$(basename "$f" .sql)
  $MULING report "$DB" "$r" --format html -o "$TMP/$r.html" || fail "$r-html" "exit $?"
done
cp "$DB" "$TMP/c.db"
$SQLITE3 "$TMP/c.db" "
WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 20)
UPDATE residents SET ethnic_code = printf('%02d', 20 + (id % 21))
 WHERE id IN (SELECT id FROM residents ORDER BY id LIMIT 30);
WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 107)
INSERT INTO activities(kind, title, held_on, area_id)
SELECT 'lecture', 'planted', date('2014-01-01', '+' || i || ' months'), 4 FROM m;
INSERT INTO attendance(activity_id, resident_id)
SELECT a.id, r.id FROM activities a JOIN residents r
 ON r.id <= 1 + (a.id * 37) % 90 + CASE WHEN a.id % 2 THEN 900 ELSE 0 END
 WHERE a.title = 'planted';
UPDATE party_members SET work_unit = '乌鲁木齐市某某区某某街道办事处下属某某某某某某某某社区服务中心第' || (resident_id % 7) || '分中心'
 WHERE work_unit IS NOT NULL;" || { fail plant "update failed"; exit 0; }
check planted-groups "$($SQLITE3 "$TMP/c.db" "SELECT count(DISTINCT ethnic_code) > 20 FROM residents")" 1
$MULING report "$TMP/c.db" profile --format html -o "$TMP/c-profile.html"
$MULING report "$TMP/c.db" activities --param from=2014-01-01 --param to=2022-12-31 --format html -o "$TMP/c-activities.html"
$MULING report "$TMP/c.db" feedback --format html -o "$TMP/c-feedback.html"
$PY - "$TMP"/*.html <<'PY'
import re, sys, unicodedata
import xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
SIZE = {"month": 15.0, "day": 11.0, "e": 10.5}  # the page's CSS; the rest 12px
def say(name, ok, why=""):
    print(f"ok html_charts {name}" if ok else f"FAIL html_charts {name}: {why}")
def box(t):
    text = "".join(t.itertext())
    fs = SIZE.get(t.get("class"), 12.0)
    w = float(t.get("textLength") or 0) or sum(fs if unicodedata.east_asian_width(c) in "WF" else 0.6 * fs for c in text)
    x, y, a = float(t.get("x")), float(t.get("y")), t.get("text-anchor", "start")
    x0 = x - w if a == "end" else x - w / 2 if a == "middle" else x
    return (x0, y - 0.8 * fs, x0 + w, y + 0.2 * fs, text)
charts = 0
for f in sys.argv[1:]:
    page = open(f, encoding="utf-8").read()
    name = f.rsplit("/", 1)[1][:-5]
    for n, m in enumerate(re.finditer(r"<svg .*?</svg>", page, re.S)):
        charts += 1
        svg = ET.fromstring(m.group(0))
        b = [box(t) for t in svg.iter(NS + "text") if "".join(t.itertext())]
        bad = [(p[4], q[4]) for i, p in enumerate(b) for q in b[i + 1:]
               if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]]
        say(f"{name}-{n}-no-overlap", not bad, f"{len(bad)} pairs meet, e.g. {bad[:3]}")
        W, H = float(svg.get("width")), float(svg.get("height"))
        out = [p[4] for p in b if p[0] < -0.5 or p[2] > W + 0.5 or p[1] < -0.5 or p[3] > H + 0.5]
        say(f"{name}-{n}-inside", not out, f"outside the chart: {out[:3]}")
        circles = list(svg.iter(NS + "circle"))
        if len(circles) > 1:
            say(f"{name}-{n}-tooltips", all(c.find(NS + "title") is not None for c in circles), "a point without its value")
    if name == "c-profile":
        svg = ET.fromstring(re.search(r"<svg .*?</svg>", page, re.S).group(0))
        legend = [r.get("fill") for r in svg.iter(NS + "rect")]
        say("pie-21-groups-listed", len(legend) >= 21, f"{len(legend)} legend rows")
        say("pie-13-colours", len(set(legend[:13])) == 13, f"colours {legend[:13]}")
    if name == "c-activities":
        svg = ET.fromstring(list(re.finditer(r"<svg .*?</svg>", page, re.S))[1].group(0))
        shown = [t for t in svg.iter(NS + "text") if t.get("class") == "v"]
        say("line-108-points", len(list(svg.iter(NS + "circle"))) >= 108, "points missing")
        say("line-some-values-labelled", 10 <= len(shown) < 108, f"{len(shown)} value labels")
say("charts-read", charts >= 16, f"{charts} charts")
PY
