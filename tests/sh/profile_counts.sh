#!/bin/sh
# needs: shell
# The profile report's counts of people on six hand-made residents, in the
# sqlite3 shell with the extension loaded: 低保户 counts the households of
# current low-income residents, 低保人员 the residents, 流动人口 the current
# floating residents; someone who moved out counts for none of them.  (The
# sample's figures are in sample.sh.)
. tests/lib.sh
DB=$TMP/low.db
SO=${EXT%.so}
{ cat sql/schema.sql; cat <<'SQL'
insert into areas(id, parent_id, level, name) values (1, null, 'community', '小社区'), (2, 1, 'compound', '小区'), (3, 2, 'building', '1号楼');
insert into households(id, area_id) values (1, 3), (2, 3), (3, 3);
insert into residents(id, name, household_id, area_id, ethnic_code, low_income, registration, moved_out) values
  (1, '甲', 1, 3, '01', 1, 'registered', null), (2, '乙', 1, 3, '01', 1, 'registered', null),
  (3, '丙', 2, 3, '01', 1, 'registered', null), (4, '丁', 2, 3, '01', 0, 'floating', null),
  (5, '戊', 3, 3, '01', 1, 'floating', '2023-01-01'), (6, '己', 3, 3, '01', 0, 'registered', null);
SQL
} | $SQLITE3 -bail "$DB" || { fail build "could not build the database"; exit 0; }
out=$($SQLITE3 "$DB" ".load $SO" ".mode list" ".read sql/reports/profile.sql" 2>&1)
check low-income-households "$(printf '%s\n' "$out" | grep -cxF '5|低保户|2|户')" 1
check low-income-residents "$(printf '%s\n' "$out" | grep -cxF '6|低保人员|3|人')" 1
check low-income-paragraph "$(printf '%s\n' "$out" | grep -c '低保人员2户,共3人。')" 1
check floating-residents "$(printf '%s\n' "$out" | grep -cxF '7|流动人口|1|人')" 1
check floating-paragraph "$(printf '%s\n' "$out" | grep -c '流动人口1人,')" 1
check population "$(printf '%s\n' "$out" | grep -cxF '3|总人口|5|人')" 1
