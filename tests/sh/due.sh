#!/bin/sh
# The due report and `muling check --as-of`: every rule on the hand-made
# cases of tests/data/due_cases.sql, with the expected lines written out;
# the boundaries: due exactly on as_of (overdue 0) and not the day before,
# the leap day, a quarter's last day; area=; due_rules changes; a late
# visit clears a line; a bad as_of is an error.
. tests/lib.sh
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch "$1" 2>&1; }
DB=$TMP/due.db
$MULING init "$DB" > /dev/null || fail init "muling init failed"
"$SQLITE3" -batch "$DB" < tests/data/due_cases.sql
# lines AS_OF [more report args]: the detail section as CSV, without its header
lines() {
  d=$1; shift
  $MULING report "$DB" due --param as_of="$d" --format csv "$@" | tr -d '\r' | sed -n '/^kind,what/,$p' | tail -n +2
}

cat > "$TMP/want" <<'W'
home_visit,八到家 新迁居民走访 (new_resident),王* (户 1-101),households#1,2024-01-01,2024-01-31,29
home_visit,八到家 办理丧事慰问 (funeral),张* (户 9-101),households#3,2024-01-15,2024-02-14,15
low_income_visit,低保户走访: never visited,钱* (户 1-202),households#5,,2024-02-29,0
hardship_unpaired,困难群体 1+1结对: not paired,钱*,hardship_cases#1,2024-01-01,2024-01-31,29
hardship_visit,困难群体 1+1结对: not visited since assessment,钱*,hardship_cases#1,2024-01-01,2024-01-31,29
wish,"微心愿 一件冬衣: not claimed, age 28 days",钱*,micro_wishes#1,2024-02-01,2024-02-01,28
wish,"微心愿 一副老花镜: claimed 2024-01-30, not fulfilled, age 40 days",赵*,micro_wishes#2,2024-01-30,2024-02-29,0
council_stage,议事 楼道堆物: awaiting the 两委 review,美湖社区协商议事会,council_issues#1,2024-02-01,2024-02-16,13
council_stage,议事 停车难: awaiting the 两委 review,美湖社区协商议事会,council_issues#2,2024-02-10,2024-02-25,4
dual_report,双报到 双报到服务日: missed 3 of the last 3 service days,孙*,party_members#6,2023-12-30,2024-02-24,5
duty_record,值班 治安巡逻岗 2024-02-28 slot 1: still planned,王*,duty_assignments#6,2024-02-28,2024-02-29,0
W
lines 2024-02-29 > "$TMP/got"
check_file leap-day "$TMP/got" "$TMP/want"

# The day before: the wish claimed 30 days before the leap day and the duty
# of 02-28 are not due yet; the others are a day less late.
lines 2024-02-28 | sed 's/"[^"]*"/what/' | cut -d , -f 1,4,7 | tr '\n' ' ' > "$TMP/got"
check day-before "$(cat "$TMP/got")" "home_visit,households#1,28 home_visit,households#3,14 low_income_visit,households#5,0 hardship_unpaired,hardship_cases#1,28 hardship_visit,hardship_cases#1,28 wish,micro_wishes#1,27 council_stage,council_issues#1,12 council_stage,council_issues#2,3 dual_report,party_members#6,4 "

# A quarter's last day: the quarterly meeting held nothing in Q1 and is due
# that day (overdue 0); the weekly one missed every week since 02-26.  The
# funeral in 别的社区 is outside area=美湖社区.  On 03-30 the quarter is not over.
lines 2024-03-31 --param area=美湖社区 | grep '^meeting' > "$TMP/got"
cat > "$TMP/want" <<'W'
meeting,"每周例会: 1 expected 2024-02-26..2024-03-03, 0 held",美湖社区党委,meetings#2,2024-02-26,2024-03-03,28
meeting,"每周例会: 1 expected 2024-03-04..2024-03-10, 0 held",美湖社区党委,meetings#2,2024-03-04,2024-03-10,21
meeting,"每周例会: 1 expected 2024-03-11..2024-03-17, 0 held",美湖社区党委,meetings#2,2024-03-11,2024-03-17,14
meeting,"每周例会: 1 expected 2024-03-18..2024-03-24, 0 held",美湖社区党委,meetings#2,2024-03-18,2024-03-24,7
meeting,"睦邻点例会: 1 expected 2024-01-01..2024-03-31, 0 held",美湖社区党委,meetings#1,2024-01-01,2024-03-31,0
meeting,"每周例会: 1 expected 2024-03-25..2024-03-31, 0 held",美湖社区党委,meetings#2,2024-03-25,2024-03-31,0
W
check_file quarter-last-day "$TMP/got" "$TMP/want"
check quarter-not-over "$(lines 2024-03-30 | grep -c 'meetings#1')" 0
check area-other "$(lines 2024-03-31 --param area=美湖社区 | grep -c 'households#3')" 0
check area-by-id "$(lines 2024-02-29 --param area=3 | cut -d , -f 4 | tr '\n' ' ')" "households#3 "
# 90 days after the visit of 2023-12-05 is 2024-03-04 (across the leap day)
check hardship-class-interval "$(lines 2024-03-04 | grep 'hardship_cases#2' | cut -d , -f 5-7)" "2023-12-05,2024-03-04,0"
check hardship-day-before "$(lines 2024-03-03 | grep -c 'hardship_cases#2')" 0
# 低保 visit each quarter: three months after 2023-12-05
check low-income-quarter "$(lines 2024-03-05 | grep 'low_income_visit' | cut -d , -f 4-7 | tr '\n' ' ')" \
  "households#4,2023-12-05,2024-03-05,0 households#5,,2024-03-05,0 "

# muling check --as-of gives the same lines as findings; without it none.
$MULING check "$DB" --as-of 2024-02-29 > "$TMP/check"; rc=$?
check check-exit "$rc" 1
for k in home_visit:2 low_income_visit:1 hardship_unpaired:1 hardship_visit:1 wish:2 council_stage:2 dual_report:1 duty_record:1 meeting:0; do
  key=${k%:*}; n=${k#*:}
  check "check-due_$key" "$(grep -E "^(ok|FOUND) +due_$key " "$TMP/check" | sed 's/.*: //')" "$n"
done
check check-area "$($MULING check "$DB" --as-of 2024-02-29 --area 别的社区 | grep -E '^FOUND due_' | cut -d ' ' -f 2 | tr '\n' ' ')" "due_home_visit "
$MULING check "$DB" > "$TMP/plain"
check check-without-as-of "$(grep -c 'due_' "$TMP/plain")" "0"
# --area without --as-of narrows the other findings and shows no due_ one
$MULING check "$DB" --area 1 > "$TMP/area-alone" 2>&1; rc=$?
check check-area-alone "$rc $(grep -c 'due_' "$TMP/area-alone")" "$([ "$(grep -c '^FOUND' "$TMP/area-alone")" -gt 0 ] && echo 1 || echo 0) 0"

# The intervals are data: a longer fulfil time, a rule turned off.
sql "$DB" "update due_rules set value = 31 where rule = 'wish_fulfil'; delete from due_rules where rule = 'duty_record';" > /dev/null
check rule-changed "$(lines 2024-02-29 | grep -c -e 'micro_wishes#2' -e 'duty_record')" 0
# A late visit clears the line (done late, it drops off).
sql "$DB" "insert into home_visits(kind, household_id, visited_on) values ('new_resident', 1, '2024-02-20');" > /dev/null
check late-visit "$(lines 2024-02-29 | grep -c 'households#1')" 0
check visit-after-as-of "$(lines 2024-02-19 | grep -c 'households#1')" 1

# A bad as_of is an error, not an empty report.
$MULING report "$DB" due --param as_of=2023-02-29 > /dev/null 2> "$TMP/err"; rc=$?
check bad-as-of "$rc $(cat "$TMP/err")" "2 muling: report due: as_of must be a date YYYY-MM-DD, got '2023-02-29'"

# The sample: every kind of line on 2024-01-15.
$MULING init "$TMP/s.db" --sample tachenglu > /dev/null
$MULING report "$TMP/s.db" due --param as_of=2024-01-15 --format csv | tr -d '\r' | sed -n '/^kind,label/,/^$/p' | sed '1d;/^$/d' | cut -d , -f 1 > "$TMP/kinds"
$MULING report "$TMP/s.db" due --param as_of=2024-01-15 --format csv | tr -d '\r' | sed -n '/^kind,label/,/^$/p' | sed '1d;/^$/d' | awk -F , '$3 == 0 {print $1}' > "$TMP/empty"
check sample-kinds "$(wc -l < "$TMP/kinds") $(cat "$TMP/empty")" "9 "
# On today's date the sample shows every kind of line (one 八到家 stay is
# dated 40 days before the sample is loaded), and Scope names the day.
$MULING init "$TMP/today.db" --sample tachenglu > /dev/null 2>&1
$MULING report "$TMP/today.db" due --format csv > "$TMP/today.csv" 2>&1
for kind in meeting home_visit low_income_visit hardship_unpaired hardship_visit wish council_stage dual_report duty_record; do
  n=$(grep -c "^$kind," "$TMP/today.csv")
  if [ "$n" -gt 0 ]; then ok "today-$kind"; else fail "today-$kind" "no $kind line on today's date"; fi
done
today=$($SQLITE3 :memory: "select date('now', 'localtime')")
check today-scope "$(grep -c "^as_of,$today (default)" "$TMP/today.csv")" 1
