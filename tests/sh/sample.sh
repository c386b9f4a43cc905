#!/bin/sh
# needs: shell
# The 塔城路 sample rebuilt from scratch with the plain sqlite3 shell and NO
# extension: the schema and every sample file load, foreign keys and
# integrity are clean, and every figure of seed 000's profile paragraph comes
# back — through plain queries and through the profile report (extension).
. tests/lib.sh
DB=$TMP/sample.db
q() { $SQLITE3 "$DB" "$1"; }
if cat sql/schema.sql samples/tachenglu/*.sql | $SQLITE3 -bail "$DB" >"$TMP/load.out" 2>&1; then
  ok load-without-extension
else
  fail load-without-extension "$(head -c 300 "$TMP/load.out")"
fi
check foreign-key-check "$(q 'PRAGMA foreign_key_check' | head -n 3)" ""
cat sql/schema.sql samples/tachenglu/*.sql | $SQLITE3 -bail "$TMP/again.db" >/dev/null 2>&1
$SQLITE3 "$DB" .dump > "$TMP/one.sql"; $SQLITE3 "$TMP/again.db" .dump > "$TMP/two.sql"
check_file deterministic "$TMP/two.sql" "$TMP/one.sql"
check integrity-check "$(q 'PRAGMA integrity_check')" "ok"
check application-id "$(q 'PRAGMA application_id')" "1297435719"

# Seed 000, plain SQL.
check area-km2 "$(q "select area_km2 from areas where level = 'community'")" "1.4"
check households "$(q "select count(distinct household_id) from residents_current")" "1982"
check households-table "$(q "select count(*) from households where dissolved_on is null")" "1982"
check residents "$(q "select count(*) from residents_current")" "5859"
check ethnic-groups "$(q "select count(distinct ethnic_code) from residents_current")" "13"
check han "$(q "select count(*) from residents_current where ethnic_code = '01'")" "2590"
check kazakh "$(q "select count(*) from residents_current where ethnic_code = '17'")" "1530"
check uyghur "$(q "select count(*) from residents_current where ethnic_code = '05'")" "1134"
check other-ten "$(q "select count(*) from residents_current where ethnic_code not in ('01','17','05')")" "605"
check mongol-hui-named "$(q "select count(*) from residents_current where ethnic_code in ('02','03')")" "330"
check low-income-hh "$(q "select count(distinct household_id) from residents_current where low_income = 1")" "234"
check low-income-people "$(q "select count(*) from residents_current where low_income = 1")" "511"
check floating "$(q "select count(*) from residents_current where registration = 'floating'")" "68"
check key-persons "$(q "select count(*) from residents_current where key_person = 1")" "2"
check religious-sites "$(q "select count(*) from religious_sites")" "1"
check rented-rooms "$(q "select count(*) from rented_rooms where let_to is null")" "225"
check organisations "$(q "select count(*), sum(co_building) from organisations where left_on is null")" "28|21"
check compounds "$(q "select count(*) from areas where level = 'compound'")" "25"
check buildings "$(q "select count(*) from areas where level = 'building'")" "52"
check lanes "$(q "select count(*) from lanes")" "17"
check food-aid-shop "$(q "select count(*) from service_outlets where kind = 'food_aid'")" "1"
check staff "$(q "select group_concat(n, '/') from (select category, count(*) n from staff where to_date is null group by category order by case category when 'fiscal_salary' then 1 when 'fiscal_subsidy' then 2 when 'public_welfare' then 3 else 4 end)")" "9/3/7/9"
check party-members "$(q "select count(*) from party_members where left_on is null")" "72"
check points "$(q "select group_concat(p.name || ':' || r.name, ',') from activity_points p join residents r on r.id = p.leader_id")" "老年歌舞睦邻点:侯玉华,手工技能课堂睦邻点:巴汗台"
check point-contact "$(q "select count(distinct contact_id) from activity_points")" "1"
check equipment-7000-plus "$(q "select sum(equipment_yuan) between 7000 and 7999 from activity_points")" "1"
check activities-400-plus "$(q "select count(*) between 401 and 499 from activities where kind in ('song_dance','handicraft','training') and point_id is not null")" "1"
check person-times "$(q "select count(*) from attendance t join activities a on a.id = t.activity_id where a.kind in ('song_dance','handicraft','training')")" "1300"
check trainings "$(q "select count(*) from activities where kind = 'training'")" "6"
check trainees "$(q "select count(distinct resident_id) from attendance t join activities a on a.id = t.activity_id where a.kind = 'training'")" "46"
check publicity "$(q "select count(*) from activities where kind = 'publicity' and point_id is not null")" "17"
check info-items "$(q "select count(*) from info_items")" "75"
check leader-party-member "$(q "select count(*) from party_members m join residents r on r.id = m.resident_id where r.name = '侯玉华'")" "1"

# What the other seeds add, so every engine has data.
check patrol-post "$(q "select rrule, leaders, members from duty_posts where kind = 'patrol'")" "FREQ=DAILY|1|3"
check dual-report-post "$(q "select rrule from duty_posts where kind = 'dual_report'")" "FREQ=MONTHLY;BYDAY=-1SA"
check patrol-leaders-are-members "$(q "select count(*) from duty_pool p left join party_members m on m.resident_id = p.person_id where p.post_id = 1 and p.role = 'leader' and m.resident_id is null")" "0"
check base-category "$(q "select initial, floor, cap from score_categories where category = '基础分'")" "20.0|0.0|20.0"
check study-cap "$(q "select points, cap_per_period from score_rules where rule_code = 'T01' and scheme_id = 1")" "2.0|12.0"
check hour-rule "$(q "select count(*) from score_rules where unit = 'hour' and max_units_per_event = 2")" "3"
check veto-rule "$(q "select veto_grade from score_rules where veto_grade is not null")" "基本合格"
check grades "$(q "select group_concat(grade, '/') from (select grade from score_grades where scheme_id = 1 order by ordinal)")" "优秀/合格/基本合格/不合格"
check a-reversal "$(q "select count(*) from score_events where reverses is not null")" "1"
check council-modes "$(q "select group_concat(mode) from (select distinct mode from council_issues order by mode)")" "home,meeting,walkround,wechat"
check council-statuses "$(q "select count(distinct status) from council_issues")" "5"
check council-50-resolved "$(q "select count(*) >= 50 from council_issues where status = 'resolved'")" "1"
check hardship-classes "$(q "select group_concat(class) from (select distinct class from hardship_cases order by class)")" "pairing,placement,training"
check home-visit-kinds "$(q "select count(distinct kind) from home_visits")" "8"
check ids-unique "$(q "select count(*) = count(distinct id_number) from residents")" "1"
check append-only "$($SQLITE3 "$DB" "delete from score_events where event_id = 1" 2>&1 | grep -c 'score_events is append-only: record a reversing event instead')" "1"

# With the extension: every ID valid and consistent; the profile report.
if [ -f "$EXT" ]; then
  SO=${EXT%.so}
  x() { $SQLITE3 "$DB" ".load $SO" "$1"; }
  check ids-valid "$(x "select count(*) from residents where idcard_valid(id_number) = 1 and idcard_birth(id_number) = birth_date and idcard_sex(id_number) = sex")" \
    "$(q "select count(*) from residents")"
  check ids-urumqi "$(x "select count(*) from residents where registration = 'registered' and idcard_region(id_number) not like '6501%'")" "0"
  $SQLITE3 "$DB" ".load $SO" ".mode list" ".parameter set :area 4" ".read sql/reports/profile.sql" > "$TMP/profile.out" 2>&1
  want='塔城路社区辖区总面积1.4平方公里,现有居民1982户,总人口5859人,有汉、哈、维、蒙、回等13个民族组成,其中汉族2590人,哈族1530人,维族1134人,其他民族605人。低保人员234户,共511人。流动人口68人,重点人口2人,宗教场所1处,租赁房屋225间,辖区内有机关企事业单位28个、其中共驻共建单位21个,小区25个,共有52栋楼,大小巷道17条。低保爱心粮油超市一处。 社区现配置工作人员28人,其中财政工资人员9名,财政补贴人员3名,公益性岗位7人,见习大学生9人,党员72人。'
  check profile-sentence "$(grep '^塔城路社区辖区' "$TMP/profile.out")" "$want"
  check profile-points "$(grep '^共有两个' "$TMP/profile.out" | grep -c '组织歌舞活动、手工培训402次,活动人数达1300人(次),开展手工制作培训6次,培训人数46人。通过睦邻点开展各类宣传教育活动17次,获取各类信息75条。')" "1"
  for row in '1|辖区面积|1.4|平方公里' '2|居民户数|1982|户' '3|总人口|5859|人' '4|民族数|13|个' \
             '5|低保户|234|户' '6|低保人员|511|人' '7|流动人口|68|人' '8|重点人口|2|人' '9|宗教场所|1|处' \
             '10|租赁房屋|225|间' '11|机关企事业单位|28|个' '12|共驻共建单位|21|个' '13|小区|25|个' \
             '14|栋楼|52|栋' '15|巷道|17|条' '16|低保爱心粮油超市|1|处' '17|工作人员|28|人' \
             '18|其中财政工资人员|9|人' '19|其中财政补贴人员|3|人' '20|其中公益性岗位|7|人' \
             '21|其中见习大学生|9|人' '22|党员|72|人' '23|睦邻点|2|个' '26|活动人数|1300|人次' \
             '27|手工制作培训|6|次' '28|培训人数|46|人' '29|宣传教育活动|17|次' '30|获取各类信息|75|条'; do
    check "profile-row-${row%%|*}" "$(grep -cxF "$row" "$TMP/profile.out")" "1"
  done
  check profile-masked "$(grep -c '侯玉华' "$TMP/profile.out")" "0"
  check profile-unmasked "$($SQLITE3 "$DB" ".load $SO" ".parameter set :unmasked 1" ".read sql/reports/profile.sql" | grep -c '|侯玉华|')" "1"
  check profile-by-name "$($SQLITE3 "$DB" ".load $SO" ".parameter set :area \"'塔城路社区'\"" ".read sql/reports/profile.sql" | grep -c '^3|总人口|5859|人$')" "1"
check profile-street-sums "$($SQLITE3 "$DB" ".load $SO" ".parameter set :area 3" ".read sql/reports/profile.sql" | grep -c '^3|总人口|5859|人$')" "1"
else
  fail extension "no $EXT"
fi
