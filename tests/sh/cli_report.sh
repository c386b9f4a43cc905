#!/bin/sh
# muling report: every report in sql/reports in every format on the sample
# database (exit 0, output of the format's shape, -o FILE equals stdout),
# parameters, masking, and the usage errors.  cli_html.sh parses the
# output with python3.
. tests/lib.sh

DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || fail init "muling init --sample failed"
n=0
for f in sql/reports/*.sql; do
  [ -f "$f" ] || continue
  name=$(basename "$f" .sql)
  for fmt in table csv json md html; do
    $MULING report "$DB" "$name" --format "$fmt" > "$TMP/$name.$fmt" 2> "$TMP/err"; rc=$?
    check "$name-$fmt-exit" "$rc $(head -c 200 "$TMP/err")" "0 "
    case $fmt in
      table) check "$name-table-title" "$(head -n 1 "$TMP/$name.$fmt")" \
               "$(sed -n 's/^-- title: *//p' "$f" | head -n 1)" ;;
      csv) check "$name-csv-crlf" "$(grep -c "$(printf '\r')\$" "$TMP/$name.$fmt" | sed 's/^[1-9][0-9]*$/some/')" some ;;
      json) check "$name-json-shape" "$(head -c 1 "$TMP/$name.$fmt")$(tail -n 1 "$TMP/$name.$fmt")" "[]" ;;
      md) check "$name-md-heading" "$(head -n 1 "$TMP/$name.$fmt" | cut -c 1-2)" "# " ;;
      html) check "$name-html-end" "$(tail -n 1 "$TMP/$name.$fmt")" "</html>" ;;
    esac
  done
  $MULING report "$DB" "$name" --format md -o "$TMP/$name.o.md" > /dev/null
  check_file "$name-output-file" "$TMP/$name.o.md" "$TMP/$name.md"
  n=$((n + 1))
done
[ $n -gt 0 ] || fail reports "no report in sql/reports"

# The profile's figures are the sample's (seed 000).
if [ -f sql/reports/profile.sql ]; then
  check profile-population "$(grep -c '总人口  *5859  人' "$TMP/profile.table")" 1
  check profile-csv-han "$(grep -c '汉族,2590' "$TMP/profile.csv")" 1
  check profile-json-han "$(grep -c '"name": "汉族", "n": 2590' "$TMP/profile.json")" 1
  check profile-md-han "$(grep -c '| 汉族 | 2590 |' "$TMP/profile.md")" 1
  check profile-masked "$(grep -c '个人信息已脱敏' "$TMP/profile.html")" 1
  $MULING report "$DB" profile --format html --unmasked > "$TMP/unmasked.html"
  check profile-unmasked-footer "$(grep -c 'class="unmasked".*--unmasked' "$TMP/unmasked.html")" 1
  check profile-param "$($MULING report "$DB" profile --param area=塔城路社区 --format csv | grep -c '总人口,5859')" 1
  check profile-param-id "$($MULING report "$DB" profile --param area=4 --format csv | grep -c '总人口,5859')" 1
fi

# Usage errors: exit 2 and a message naming the problem.
name=$(ls sql/reports/*.sql 2> /dev/null | head -n 1 | xargs -n 1 basename 2> /dev/null | sed 's/\.sql$//')
$MULING report "$DB" nosuch > /dev/null 2> "$TMP/err"; rc=$?
check unknown-report "$rc $(head -n 1 "$TMP/err" | cut -c 1-36)" "2 muling: no report 'nosuch' (compiled"
$MULING report "$DB" "$name" --format xml > /dev/null 2>&1
check unknown-format "$?" 2
$MULING report "$DB" "$name" --param nosuch=1 > /dev/null 2> "$TMP/err"; rc=$?
check unknown-param "$rc $(head -n 1 "$TMP/err" | sed 's/ (its parameters.*//')" "2 muling: report $name has no parameter 'nosuch'"
$MULING report "$DB" "$name" --param unmasked=1 > /dev/null 2>&1
check param-unmasked-refused "$?" 2
$MULING report "$DB" "$name" --param novalue > /dev/null 2>&1
check param-form "$?" 2
$MULING report "$DB" "$name" --bogus > /dev/null 2>&1
check unknown-option "$?" 2
$MULING report "$DB" > /dev/null 2>&1
check missing-name "$?" 2
$MULING report "$TMP/none.db" "$name" > /dev/null 2>&1
check missing-db "$?" 3
# Not muling's, or in need of recovery: said plainly, not as a report line.
"$SQLITE3" "$TMP/plain.db" "create table t(x)"
$MULING report "$TMP/plain.db" "$name" > /dev/null 2> "$TMP/err"; rc=$?
check not-muling "$rc $(cat "$TMP/err")" "3 muling: $TMP/plain.db is not a muling database (run muling init first)"
cp "$DB" "$TMP/hot.db"
/usr/bin/python3 -c "
import os, sqlite3
c = sqlite3.connect('$TMP/hot.db', isolation_level=None)
c.execute('pragma cache_size=10'); c.execute('begin')
c.execute('update residents set note = hex(randomblob(200))')
os._exit(0)"
$MULING report "$TMP/hot.db" "$name" > /dev/null 2> "$TMP/err"; rc=$?
check hot-journal "$rc $(cat "$TMP/err")" "3 muling: $TMP/hot.db: the database needs recovery (an interrupted write left a journal beside it): open it once with write access"
# Parameters: a value is checked before the report runs and names the parameter.
perr() { $MULING report "$DB" "$@" > /dev/null 2> "$TMP/err"; echo "$? $(head -n 1 "$TMP/err")"; }
check param-area-near "$(perr profile --param area=塔城路)" "2 muling: report profile: no area '塔城路'; did you mean 塔城路社区, 塔城路东区, 塔城路西区?"
check param-scheme-near "$(perr points --param scheme=红色岗位)" "2 muling: report points: no scheme '红色岗位'; did you mean 红色岗位积分?"
check param-post "$(perr roster --param post=nosuch)" "2 muling: report roster: no post 'nosuch' (give its id or its exact name)"
check param-month "$(perr roster --param month=2024-13)" "2 muling: report roster: month must be a month YYYY-MM, got '2024-13'"
check param-month-short "$(perr roster --param month=2024-2)" "2 muling: report roster: month must be a month YYYY-MM, got '2024-2'"
check param-date-form "$(perr activities --param from=2023/07/01)" "2 muling: report activities: from must be a date YYYY-MM-DD, got '2023/07/01'"
check param-date-day "$(perr activities --param from=2023-13-45)" "2 muling: report activities: from must be a date YYYY-MM-DD, got '2023-13-45'"
check param-from-after-to "$(perr council --param from=2023-06-01 --param to=2023-05-01)" "2 muling: report council: from (2023-06-01) is after to (2023-05-01)"
check param-member "$(perr points --param member=99999999)" "2 muling: report points: no member '99999999' (give its id or its exact name)"
check param-count "$(perr ethnic_composition --param min_cell=-1)" "2 muling: report ethnic_composition: min_cell must be a whole number, got '-1'"
check param-list "$(perr council --param post=1)" "2 muling: report council has no parameter 'post' (its parameters: area, from, to)"
check param-by-id "$($MULING report "$DB" points --param scheme=2 --format csv | grep -c '^scheme,红色岗位积分 (scheme 2)')" 1
check param-by-name "$($MULING report "$DB" roster --param post=治安巡逻岗 --format csv | grep -c '^post,治安巡逻岗 (post ')" 1
# Every report, every format: the first lines say the database (its name, not
# its directory), the area and the period or scheme.
for f in sql/reports/*.sql; do
  r=$(basename "$f" .sql)
  for fmt in table csv json md html; do
    if [ $fmt = csv ] && grep -q '^-- csv: rows' "$f"; then
      # a file for another program (street_export: muling import): its rows alone
      check "csv-rows-$r" "$(head -n 1 "$TMP/$r.csv" | grep -c '范围')" 0
      continue
    fi
    # (a page's first 3000 bytes after its style sheet)
    if [ $fmt = html ]; then sed '1,/<\/style>/d' "$TMP/$r.$fmt"; else cat "$TMP/$r.$fmt"; fi | head -c 3000 > "$TMP/head"
    check "scope-$r-$fmt" "$(grep -c 's\.db' "$TMP/head" | sed 's/[1-9][0-9]*/yes/') $(grep -c "$TMP" "$TMP/head") $(grep -c 'area' "$TMP/head" | sed 's/[1-9][0-9]*/yes/')" "yes 0 yes"
  done
done
check scope-points-scheme "$(head -n 12 "$TMP/points.table" | grep -c '^scheme  *塔城路社区党员积分 (scheme 1) (default)')" 1
check scope-activities-period "$(head -n 12 "$TMP/activities.table" | grep -c '^from  *2023-01-01 (default)')" 1
# The points explanation: only with member=, titled with the member, adding up to the score.
check points-no-explanation "$($MULING report "$DB" points --format csv | grep -c '积分明细')" 0
$MULING report "$DB" points --param member=3882 --format csv > "$TMP/m.csv"
check points-explanation-title "$(grep -c '^积分明细 Explanation for 杨\*\* (resident 3882)' "$TMP/m.csv")" 1
$MULING report "$DB" points --param member=3882 --format json > "$TMP/m.json"
check points-explanation-adds-up "$(/usr/bin/python3 -c "
import json, sys
secs = json.load(open('$TMP/m.json'))
rows = [s for s in secs if s['section'].startswith('积分明细')][0]['rows']
total = sum(r['counted_points'] or 0 for r in rows) + rows[0]['base']
print('yes' if rows and abs(total - rows[0]['score']) < 1e-9 else '%s vs %s' % (total, rows[0]['score']))")" yes
$MULING report "$DB" "$name" -o "$TMP/no/such/dir.html" > /dev/null 2>&1
check unwritable-output "$?" 3
# Values that would act on a terminal or break JSON: the table format drops
# control characters (ESC, BEL, C1), JSON escapes them and stays valid over
# bytes that are not UTF-8 (U+FFFD), md drops them.
cp "$DB" "$TMP/ctl.db"
"$SQLITE3" "$TMP/ctl.db" "update council_issues set title = 'CTL' || char(27) || '[2J' || char(7) || char(128) || 'X' || cast(x'ff41' as text) where id = (select min(id) from council_issues where status <> 'resolved')"
$MULING report "$TMP/ctl.db" council > "$TMP/ctl.table"
# (the open issue is listed twice: 未办结 and 议事路径)
check table-no-controls "$(grep -a 'CTL' "$TMP/ctl.table" | grep -ac "$(printf '\033')\|$(printf '\007')\|$(printf '\302\200')") $(grep -ac 'CTL\[2JX' "$TMP/ctl.table")" "0 2"
$MULING report "$TMP/ctl.db" council --format md > "$TMP/ctl.md"
check md-no-controls "$(grep -ac "$(printf '\033')" "$TMP/ctl.md")" 0
$MULING report "$TMP/ctl.db" council --format json > "$TMP/ctl.json"
check json-valid-bytes "$(/usr/bin/python3 -c "
import json
d = json.load(open('$TMP/ctl.json', encoding='utf-8'))
print(ascii([r['title'] for s in d for r in s['rows'] if str(r.get('title', '')).startswith('CTL')]))")" "['CTL\\x1b[2J\\x07\\x80X\\ufffdA', 'CTL\\x1b[2J\\x07\\x80X\\ufffdA']"
# The rota: no empty slot columns (the sample's posts have at most four
# slots), the draft explained, full names on the calendar.
$MULING report "$DB" roster --format csv --unmasked > "$TMP/rota.csv"
check roster-no-empty-slots "$(grep -c 'slot_5\|slot_6\|,more,' "$TMP/rota.csv") $(grep -c '^date,slot_1,slot_2,slot_3,slot_4,state' "$TMP/rota.csv")" "0 1"
check roster-draft-explained "$(grep -c '草稿 draft = drawn by roster()' "$TMP/rota.csv") $(grep -c ',草稿 draft' "$TMP/rota.csv" | sed 's/^[1-9][0-9]*$/some/')" "1 some"
$MULING report "$DB" roster --format html --unmasked > "$TMP/rota.html"
long=$(grep '^2024-01' "$TMP/rota.csv" | cut -d, -f2-5 | tr ',' '\n' | sed 's/^★//' | awk 'length($0) >= 7' | head -n 1)
check roster-calendar-full-name "$(grep -c "<text class=\"e\"[^>]*>★*$long</text>" "$TMP/rota.html" | sed 's/^[1-9][0-9]*$/some/') [$long]" "some [$long]"

# a table's widths count a character's columns (cli_display_width): ASCII
# one, the East Asian wide blocks two (Hangul, CJK, the extension B plane,
# emoji), combining marks and zero-width spaces none, other scripts one.
# The longest 备注 of a building sets its column's rule: the rule's dashes
# are that note's width, worked out here from the same blocks.
W=$TMP/width.db
cp "$DB" "$W"
note='ab 1-2 ·é́​ 한글 𠀀😀🤔 〇ｆ ｰ x'
bid=$($SQLITE3 "$W" "select area_id from residents where area_id is not null and moved_out is null and died_on is null order by id limit 1")
$SQLITE3 "$W" "update residents set note = '$note' where id = (select min(id) from residents where area_id = $bid and moved_out is null and died_on is null)"
$MULING report "$W" street_export --format table --unmasked --param "area=$bid" > "$TMP/width.txt" 2> "$TMP/err" || fail width-report "$(cat "$TMP/err")"
want=$(/usr/bin/python3 -c '
import sys
wide = [(0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x2E80, 0x303E), (0x3041, 0x33FF),
        (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xA960, 0xA97F), (0xAC00, 0xD7A3),
        (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE6F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6),
        (0x1F300, 0x1F64F), (0x1F900, 0x1F9FF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)]
zero = lambda c: 0x300 <= c <= 0x36F or 0x200B <= c <= 0x200F or 0xFE00 <= c <= 0xFE0F or c == 0xFEFF
w = 0
for ch in sys.argv[1]:
    c = ord(ch)
    if c < 0x20 or 0x7F <= c <= 0x9F or zero(c): continue
    w += 2 if any(a <= c <= b for a, b in wide) else 1
print(w)' "$note")
got=$(awk '/^序号/ { getline; n = split($0, f, "  "); print length(f[n]) }' "$TMP/width.txt")
check table-display-width "$got" "$want"

# A CSV row is gathered in a 4 KiB buffer (cli/render.c, csv_row): an
# address of quotes (each doubled when written) that ends a hair before the
# buffer's end, followed by empty columns (楼栋, 单元, 门牌号: no building, no
# household), must still come out whole (under ASan: no write past the
# buffer).  80 residents, 1,980 to 2,019 quotes, with and without an 'a',
# cover every place the row can end.
Q=$TMP/quotes.db
cp "$DB" "$Q"
$SQLITE3 "$Q" "with r(id, k) as (select id, row_number() over (order by id) - 1 from residents_current limit 80)
  update residents set area_id = null, household_id = null,
    address_raw = replace(hex(zeroblob(1980 + (select k from r where r.id = residents.id) / 2)), '00', '\"')
                  || case (select k from r where r.id = residents.id) % 2 when 1 then 'a' else '' end
  where id in (select id from r)" || fail quotes-setup "update failed"
$MULING report "$Q" street_export --unmasked --format csv -o "$TMP/quotes.csv" 2> "$TMP/err" || fail quotes-report "$(cat "$TMP/err")"
check csv-long-quoted-then-empty "$(/usr/bin/python3 -c '
import csv, sqlite3, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
h = rows[0]
got = {r[h.index("序号")]: r for r in rows[1:]}
want = dict(sqlite3.connect(sys.argv[2]).execute(
    "select id, address_raw from residents where moved_out is null and died_on is null and area_id is null and address_raw like char(34) || char(34) || char(34) || char(37)"))
bad = [i for i, r in enumerate(rows[1:]) if len(r) != len(h)]
quoted = [r for r in rows[1:] if r[h.index("所属小区")] in set(want.values())]
print(len(want), len(quoted), len(bad), all(r[h.index("楼栋")] == r[h.index("单元")] == r[h.index("门牌号")] == "" for r in quoted))
' "$TMP/quotes.csv" "$Q")" "80 80 0 True"
