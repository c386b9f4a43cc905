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

# Where residents are placed, and what an area counts of them and of its
# 睦邻点 (the figures come from temp tables the sections share): a resident
# without a building counts where the household's building is; one whose
# area is a compound, whose household is in a compound, or who has neither
# building nor household is on the line 未落楼栋 (the last only for the whole
# database); a group whose only member moved out is no group; a point's
# sessions are its song-and-dance, handicraft and training activities (not
# its patrols), person-times their attendance, trainees distinct.
DB=$TMP/place.db
{ cat sql/schema.sql; cat <<'SQL'
insert into areas(id, parent_id, level, name) values (1, null, 'community', '甲社区'), (2, 1, 'compound', '甲小区'),
  (3, 2, 'building', '1号楼'), (4, null, 'community', '乙社区'), (5, 4, 'building', '乙1号楼');
insert into households(id, area_id) values (1, 3), (2, 2), (3, 5);
update households set dissolved_on = '2023-05-01' where id = 3;
insert into residents(id, name, household_id, area_id, ethnic_code, moved_out) values
  (1, '甲', 1, 3, '01', null), (2, '乙', 1, null, '17', null), (3, '丙', 2, null, '05', null),
  (4, '丁', null, 2, '05', null), (5, '戊', null, null, null, null), (6, '己', 3, 5, '44', '2023-01-01'),
  (7, '庚', 3, 5, '01', null);
insert into activity_points(id, area_id, name) values (1, 1, '甲点'), (2, 4, '乙点');
insert into activities(id, kind, held_on, point_id) values (1, 'song_dance', '2023-01-01', 1), (2, 'training', '2023-01-02', 1),
  (3, 'training', '2023-01-03', 1), (4, 'patrol', '2023-01-04', 1), (5, 'handicraft', '2023-01-05', 2);
insert into attendance(activity_id, resident_id) values (1, 1), (1, 2), (2, 1), (3, 1), (3, 2), (4, 3), (5, 7);
SQL
} | $SQLITE3 -bail "$DB" || { fail build-place "could not build the database"; exit 0; }
run() { $SQLITE3 "$DB" ".load $SO" ".mode list" ${1:+".parameter set :area $1"} ".read sql/reports/profile.sql" 2>&1; }
line() { printf '%s\n' "$1" | grep -x "$2|.*" | tr '\n' ' '; }
all=$(run); com=$(run 1); bld=$(run 3)
check unplaced-all "$(line "$all" 31)" "31|未落楼栋 residents not in a building|3|人 "
check unplaced-community "$(line "$com" 31)" "31|未落楼栋 residents not in a building|2|人 "
check unplaced-building "$(line "$bld" 31)" "31|未落楼栋 residents not in a building|0|人 "
check population-all-community-building "$(line "$all" 3)$(line "$com" 3)$(line "$bld" 3)" "3|总人口|6|人 3|总人口|4|人 3|总人口|2|人 "
check households-not-dissolved "$(line "$all" 2)$(line "$com" 2)" "2|居民户数|2|户 2|居民户数|2|户 "
check groups-current-only "$(line "$all" 4)$(line "$bld" 4)" "4|民族数|3|个 4|民族数|2|个 "
check point-row "$(printf '%s\n' "$com" | grep -c '^甲点|||||||||3|5$')" 1
check point-figures "$(line "$com" 25)$(line "$com" 26)$(line "$com" 27)$(line "$com" 28)" "25|歌舞活动、手工培训|3|次 26|活动人数|5|人次 27|手工制作培训|2|次 28|培训人数|2|人 "
check point-figures-all "$(line "$all" 23)$(line "$all" 25)$(line "$all" 26)" "23|睦邻点|2|个 25|歌舞活动、手工培训|4|次 26|活动人数|6|人次 "
