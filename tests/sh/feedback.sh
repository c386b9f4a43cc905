#!/bin/sh
# The feedback report (seed 004's 反馈单, seed 003's 回执卡) per employer and
# quarter, and the council report's path and days per stage, on the
# hand-made cases of tests/data/due_cases.sql with the expected lines.
. tests/lib.sh
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch "$1" 2>&1; }
DB=$TMP/f.db
$MULING init "$DB" > /dev/null || fail init "muling init failed"
"$SQLITE3" -batch "$DB" < tests/data/due_cases.sql
sql "$DB" "update party_members set work_unit = '市气象局'; update party_members set receipt_card = 1 where resident_id = 6;
insert into member_feedback(resident_id, period, direction, rating, sent_on) values
  (6, '2023-10-01', 'to_employer', 'excellent', '2024-01-05'), (6, '2023-10-01', 'to_community', 'good', '2024-01-20'),
  (7, '2024-01-01', 'to_employer', 'good', null);" > /dev/null
# section ROWS-OF-CSV: the rows of one section after its header line
section() { tr -d '\r' | sed -n "/^$1/,/^\$/p" | sed '1d;/^$/d'; }

# Q4 2023: both reported (10-01), 孙六 served 10-28, 周七 10-28 and 11-25;
# one sheet sent (优) and returned.  Q1 2024: 周七's duty of 02-24 (the
# attendance of 01-27 is not a duty); 周七's sheet is written but not sent.
$MULING report "$DB" feedback --param from=2023-10-01 --param to=2024-03-31 --format csv > "$TMP/f.csv"
section 'employer,quarter,reported' < "$TMP/f.csv" > "$TMP/got"
cat > "$TMP/want" <<'W'
市气象局,2023-10-01,2,1,3,2,1,1,1,0,0,0,1
市气象局,2024-01-01,2,1,1,1,0,0,0,0,0,0,2
W
check_file per-employer-quarter "$TMP/got" "$TMP/want"
section 'employer,quarter,resident_id' < "$TMP/f.csv" > "$TMP/got"
cat > "$TMP/want" <<'W'
市气象局,2023-10-01,7,周*,2023-10-01,否
市气象局,2024-01-01,6,孙*,2023-10-01,是
市气象局,2024-01-01,7,周*,2023-10-01,否
W
check_file no-sheet "$TMP/got" "$TMP/want"
check from-mid-quarter "$($MULING report "$DB" feedback --param from=2023-11-15 --param to=2023-12-31 --format csv | section 'employer,quarter,reported' | cut -d , -f 2)" "2023-10-01"
check area-elsewhere "$($MULING report "$DB" feedback --param area=别的社区 --param from=2023-10-01 --param to=2024-03-31 --format csv | section 'employer,quarter,reported' | wc -l)" 0

# Council: issue 2 was raised 01-02, reviewed 01-05, sent back to raised on
# 02-10 (36 days in review), and waits there 19 days to 02-29.
$MULING report "$DB" council --param from=2024-01-01 --param to=2024-02-29 --format csv | section 'id,title,path' > "$TMP/got"
cat > "$TMP/want" <<'W'
2,停车难,提出 3天 → 两委审事 36天 → 提出 19天,22,36,0,1
1,楼道堆物,提出 28天,28,0,0,0
W
check_file council-path "$TMP/got" "$TMP/want"
sql "$DB" "update council_issues set status = 'reviewed', reviewed_on = '2024-02-12' where id = 2;
update council_issues set status = 'resolved', resolved_on = '2024-02-20', outcome = '划线' where id = 2;" > /dev/null
check council-path-resolved "$($MULING report "$DB" council --param from=2024-01-01 --param to=2024-02-29 --format csv | section 'id,title,path' | head -n 1)" \
  "2,停车难,提出 3天 → 两委审事 36天 → 提出 2天 → 两委审事 8天 → 办结,5,44,0,1"
# An issue whose events are gone (a file someone else made: the triggers
# that keep them dropped): one row still, with no path and 0 days, as
# with the correlated sums it had before (sql/reports/council.sql, per)
cp "$DB" "$TMP/noev.db"
sql "$TMP/noev.db" "drop trigger council_issue_events_no_delete; delete from council_issue_events where issue_id = 1;" > /dev/null
check council-path-no-events "$($MULING report "$TMP/noev.db" council --param from=2024-01-01 --param to=2024-02-29 --format csv | section 'id,title,path')" \
  "2,停车难,提出 3天 → 两委审事 36天 → 提出 2天 → 两委审事 8天 → 办结,5,44,0,1
1,楼道堆物,,0,0,0,0"
