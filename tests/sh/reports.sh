#!/bin/sh
# needs: shell
# The reports of sql/reports/ on the 塔城路 sample (built with the plain
# sqlite3 shell) and on a small generated city: each runs in the sqlite3
# shell with the extension loaded and gives the figures the records hold.
. tests/lib.sh
DB=$TMP/sample.db
cat sql/schema.sql samples/tachenglu/*.sql | $SQLITE3 -bail "$DB" || { fail build-sample "load failed"; exit 0; }
[ -f "$EXT" ] || { fail extension "no $EXT"; exit 0; }
SO=${EXT%.so}
# rep REPORT [shell commands…]: the report's rows, '|'-separated
rep() { r=$1; shift; $SQLITE3 "$DB" ".load $SO" "$@" ".read sql/reports/$r.sql" 2>&1; }

for r in profile org_structure activities council hardship volunteers; do
  out=$(rep $r)
  case $out in *rror*) fail "$r-runs" "$(printf '%s' "$out" | grep -i error | head -n 2)" ;; *) ok "$r-runs" ;; esac
  check "$r-has-title" "$(grep -c '^-- title: ' sql/reports/$r.sql)" "1"
  sections=$(grep -c '^-- section: ' sql/reports/$r.sql)
  # statements that return no columns (a temp table built first) are no section
  statements=$(( $(grep -c ';$' sql/reports/$r.sql) - $(grep -cE '^(DROP|CREATE|INSERT) ' sql/reports/$r.sql) ))
  check "$r-one-statement-per-section" "$sections" "$statements"
done

# org_structure on the sample: 1 committee, 3 branches, 7 groups, 25 zones, 72 members.
out=$(rep org_structure)
for row in '党委|1' '党总支|0' '党支部|3' '党小组|7' '责任区|25' '党员|72' '离退休|48|0|0|0' '在职|24|2|20|20' \
           '塔城路社区|党委|3|7|25|72|20'; do
  check "org-$row" "$(printf '%s\n' "$out" | grep -cxF "$row")" "1"
done
check org-area-param "$(rep org_structure ".parameter set :area 999999" | grep -cxF '党员|0')" "1"

# activities over 2023: the points' 402 sessions and trainings, 1,300 person-times.
out=$(rep activities)
check act-point-1 "$(printf '%s\n' "$out" | grep -c '^老年歌舞睦邻点|248|0|10|786|0|')" "1"
check act-point-2 "$(printf '%s\n' "$out" | grep -c '^手工技能课堂睦邻点|148|6|7|514|46|')" "1"
check act-training-kind "$(printf '%s\n' "$out" | grep -c '^培训|6|46|46|')" "1"
check act-months "$(printf '%s\n' "$out" | grep -c '^2023-[01][0-9]|')" "12"
check act-trainings "$(printf '%s\n' "$out" | grep -c '^2023-..-..|手工制作培训')" "6"
check act-festival "$(printf '%s\n' "$out" | grep -c '^塔城路社区第二届邻里节|2|2023-09-16|5|文艺演出、志愿服务、公益宣传、游艺互动、跳蚤市场|')" "1"
# (the shell strips one level of quotes: a text value needs two)
out=$(rep activities ".parameter set :from \"'2023-03-01'\"" ".parameter set :to \"'2023-03-31'\"")
check act-period "$(printf '%s\n' "$out" | grep -c '^2023-[01][0-9]|')" "1"
check act-period-training "$(printf '%s\n' "$out" | grep -c '^2023-03-11|手工制作培训:哈萨克毡绣|手工技能课堂睦邻点|8$')" "1"

# council: four modes, every issue in one status, totals agree with the table.
out=$(rep council)
check council-modes "$(printf '%s\n' "$out" | grep -cE '^(集中|走访|上门|微信)议事\|[0-9]+\|[0-9]+\|[0-9]+\|[0-9]+\|[0-9]+\|[0-9]+$')" "4"
check council-total "$(printf '%s\n' "$out" | grep -E '^(集中|走访|上门|微信)议事\|[0-9]+\|[0-9]+\|[0-9]+\|[0-9]+\|[0-9]+\|[0-9]+$' | awk -F'|' '{s += $2} END {print s}')" \
  "$($SQLITE3 "$DB" "select count(*) from council_issues where raised_on between '2023-01-01' and '2023-12-31'")"
check council-resolved "$(printf '%s\n' "$out" | grep '^合计|' | cut -d'|' -f2)" \
  "$($SQLITE3 "$DB" "select count(*) from council_issues where status = 'resolved'")"
check council-avg-days "$(printf '%s\n' "$out" | grep '^合计|' | cut -d'|' -f3)" \
  "$($SQLITE3 "$DB" "select round(avg(julianday(resolved_on) - julianday(raised_on)), 1) from council_issues where status = 'resolved'")"
check council-open "$(printf '%s\n' "$out" | grep -cE '^[0-9]+\|2023-..-..\|.*\|(已提出|两委已审|已议事)\|')" \
  "$($SQLITE3 "$DB" "select count(*) from council_issues where status in ('raised','reviewed','deliberated')")"

# hardship: the three classes, pairing only for 1+1, names masked.
out=$(rep hardship)
check hardship-classes "$(printf '%s\n' "$out" | grep -cE '^(有条件有能力:就业创业|有条件没能力:技能培训|没条件没能力:1\+1结对)\|')" "3"
check hardship-pairing-row "$(printf '%s\n' "$out" | grep -c '^没条件没能力:1+1结对|14|9|3|2|10|4$')" "1"
check hardship-placement-no-pairing "$(printf '%s\n' "$out" | grep -c '^有条件有能力:就业创业|12|6|3|3||$')" "1"
check hardship-visits "$(printf '%s\n' "$out" | grep -c '到家|')" "8"
check hardship-masked "$(printf '%s\n' "$out" | grep -c '侯玉华')" "0"
check hardship-unmasked "$(rep hardship ".parameter set :unmasked 1" | grep -c '|侯玉华|')" "1"

# volunteers: stars through volunteer_stars(), every volunteer counted once.
out=$(rep volunteers)
check vol-stars-total "$(printf '%s\n' "$out" | grep -E '^(未评星|[1-5]星)\|' | awk -F'|' '{s += $2} END {print s}')" \
  "$($SQLITE3 "$DB" "select count(distinct resident_id) from volunteers")"
check vol-five-star "$(printf '%s\n' "$out" | grep -c '^5星|')" "1"
check vol-teams "$(printf '%s\n' "$out" | grep -c '队|塔城路社区|')" "6"
check vol-totals "$(printf '%s\n' "$out" | grep -cE '^6\|[0-9]+\|[0-9]+\|[0-9.]+$')" "1"
check vol-top-ten "$(printf '%s\n' "$out" | grep -cE '^[^|]*\*[^|]*\|[0-9]+\|[0-9.]+\|[0-9.]+\|[0-5]$')" "10"  # name, its hidden key _volunteer (the shell shows it), hours, stars

# org_structure at city scale on generated data: seed 004's tree.
if [ -x build/generate ]; then
  build/generate --residents 10000 --seed 3 -o "$TMP/city.db" 2>/dev/null
  out=$($SQLITE3 "$TMP/city.db" ".load $SO" ".read sql/reports/org_structure.sql" 2>&1)
  # The tree follows each community's own members, so at 10,000 residents
  # every community has a 党支部; the counts are the tables'.
  for k in committee:党委 general_branch:党总支 branch:党支部 group:党小组; do
    n=$($SQLITE3 "$TMP/city.db" "select count(*) from party_orgs where kind = '${k%%:*}'")
    check "city-${k#*:}" "$(printf '%s\n' "$out" | grep -cxF "${k#*:}|$n")" "1"
  done
  n=$($SQLITE3 "$TMP/city.db" "select count(*) from party_members where left_on is null")
  check "city-党员" "$(printf '%s\n' "$out" | grep -cxF "党员|$n")" "1"
  check city-communities "$(printf '%s\n' "$out" | grep -cE '^[^|]*社区\|(党委|党总支|党支部)\|')" "183"
  first=$($SQLITE3 "$TMP/city.db" "select name from areas where level = 'community' order by id limit 1")
  pop=$($SQLITE3 "$TMP/city.db" "select count(*) from residents_current r join areas b on b.id = r.area_id join areas k on k.id = b.parent_id join areas g on g.id = k.parent_id join areas c on c.id = g.parent_id where c.name = '$first'")
  out=$($SQLITE3 "$TMP/city.db" ".load $SO" ".parameter set :area \"'$first'\"" ".read sql/reports/profile.sql" 2>&1)
  check city-profile-sentence "$(printf '%s\n' "$out" | grep -c "^${first}辖区总面积[0-9.]*平方公里,现有居民[0-9]*户,总人口${pop}人,")" "1"
  out=$($SQLITE3 "$TMP/city.db" ".load $SO" ".read sql/reports/volunteers.sql" 2>&1)
  check city-volunteers "$(printf '%s\n' "$out" | grep -E '^(未评星|[1-5]星)\|' | awk -F'|' '{s += $2} END {print s}')" "170"
fi

# The same reports through the command, when it is built.
if [ -x "$MULING" ]; then
  for r in profile org_structure activities council hardship volunteers; do
    if $MULING report "$DB" $r --format csv --param area=塔城路社区 > "$TMP/$r.csv" 2>"$TMP/$r.err"; then ok "command-$r"
    else fail "command-$r" "$(head -c 200 "$TMP/$r.err")"; fi
  done
  check command-profile-sentence "$(grep -c '塔城路社区辖区总面积1.4平方公里,现有居民1982户,总人口5859人' "$TMP/profile.csv")" "1"
fi
