#!/bin/sh
# The due report's lookups that replaced a scan per line (so a city runs
# in linear time): a 双报到 member is held to the dual_report posts whose
# pool they are in, and to a post without a pool only where they live (not
# to every post of the city); a post without an area or pool holds every
# member; a visit to one resident of a household clears the
# household's 八到家 and 低保 lines; a hardship case counts only the visits
# on or after its assessment, to its household, to one of its residents or
# to its own resident.
. tests/lib.sh
DB=$TMP/d.db
$MULING init "$DB" > /dev/null || fail init "muling init failed"
"$SQLITE3" -batch "$DB" <<'SQL'
INSERT INTO areas(id, parent_id, level, name) VALUES
  (1, NULL, 'community', '东社区'), (2, 1, 'building', '东1栋'),
  (3, NULL, 'community', '西社区'), (4, 3, 'building', '西1栋');
INSERT INTO households(id, area_id, door_no) VALUES (1, 2, '1-101'), (2, 4, '1-101'), (3, 2, '1-102');
INSERT INTO residents(id, name, household_id, area_id, moved_in, low_income, low_income_from) VALUES
  (1, '东一', 1, 2, NULL, 0, NULL), (2, '西二', 2, 4, NULL, 0, NULL),
  (3, '东三', 3, 2, '2024-01-02', 1, '2023-12-01'), (4, '东四', 3, 2, NULL, 0, NULL);
INSERT INTO party_orgs(id, kind, name, area_id) VALUES (1, 'committee', '东社区党委', 1);
INSERT INTO party_members(resident_id, org_id, status, reported_on) VALUES
  (1, 1, 'in_service', '2023-10-01'), (2, 1, 'in_service', '2023-10-01');
INSERT INTO duty_posts(post_id, name, rrule, dtstart, kind, area_id) VALUES
  (1, '东服务日', 'FREQ=MONTHLY;BYDAY=-1SA', '2023-10-28', 'dual_report', 1),
  (2, '西服务日', 'FREQ=MONTHLY;BYDAY=-1SA', '2023-10-28', 'dual_report', 3);
-- a visit to 东四 (household 3), not to the household itself
INSERT INTO home_visits(kind, household_id, resident_id, visited_on) VALUES ('new_resident', NULL, 4, '2024-01-10');
-- cases: visited before the assessment only; visited after it through a resident
INSERT INTO hardship_cases(id, household_id, resident_id, class, assessed_on, paired_cadre) VALUES
  (1, 1, 1, 'training', '2023-06-01', NULL), (2, 3, NULL, 'training', '2024-01-05', NULL);
INSERT INTO home_visits(kind, household_id, resident_id, visited_on) VALUES
  ('mediation', 1, NULL, '2023-05-20'), ('mediation', NULL, 3, '2024-01-06');
SQL
lines() {
  $MULING report "$DB" due --param as_of="$1" --format csv | tr -d '\r' | sed -n '/^kind,what/,$p' | tail -n +2
}
lines 2024-04-30 > "$TMP/got"
check own-post-only "$(grep '^dual_report' "$TMP/got" | cut -d , -f 2,4 | tr '\n' ' ')" \
  "双报到 东服务日: missed 3 of the last 3 service days,party_members#1 双报到 西服务日: missed 3 of the last 3 service days,party_members#2 "
check resident-visit-clears-household "$(grep '^home_visit' "$TMP/got" | grep 'households#3' | cut -d , -f 2 | tr '\n' ' ')" "八到家 生活保障发放 (benefit) "
check low-income-seen-through-resident "$(grep '^low_income_visit' "$TMP/got" | cut -d , -f 2,4)" "低保户走访: last visit 2024-01-10,households#3"
check visit-before-assessment "$(grep '^hardship_visit' "$TMP/got" | grep 'hardship_cases#1' | cut -d , -f 2,5)" "困难群体 技能培训: not visited since assessment,2023-06-01"
check visit-after-assessment "$(grep '^hardship_visit' "$TMP/got" | grep 'hardship_cases#2' | cut -d , -f 2,5)" "困难群体 技能培训: last visit 2024-01-10,2024-01-10"
"$SQLITE3" -batch "$DB" "UPDATE duty_posts SET area_id = NULL WHERE post_id = 2;"
check post-without-area "$(lines 2024-04-30 | grep '^dual_report' | cut -d , -f 2,4 | tr '\n' ' ')" \
  "双报到 东服务日: missed 3 of the last 3 service days,party_members#1 双报到 西服务日: missed 3 of the last 3 service days,party_members#1 双报到 西服务日: missed 3 of the last 3 service days,party_members#2 "
# A post with a pool holds its pool (wherever they live), and nobody else.
"$SQLITE3" -batch "$DB" "UPDATE duty_posts SET area_id = 3 WHERE post_id = 2; INSERT INTO duty_pool(post_id, person_id, role) VALUES (1, 2, 'member');"
check pool-holds "$(lines 2024-04-30 | grep '^dual_report' | cut -d , -f 2,4 | tr '\n' ' ')" \
  "双报到 东服务日: missed 3 of the last 3 service days,party_members#2 双报到 西服务日: missed 3 of the last 3 service days,party_members#2 "
# Ties: a household's two 八到家 lines due the same day (a stay 10 days
# before it, moved in 30 days before it) share kind, overdue_days and ref;
# they keep the order of their kinds' names then days, as the lines have
# always come (hospital before new_resident), though each kind's events
# are grouped by household to look up its visits in order.
"$SQLITE3" -batch "$DB" <<'SQL'
UPDATE due_rules SET value = 10 WHERE rule = 'home_visit' AND scope = 'hospital';
INSERT INTO households(id, area_id, door_no) VALUES (4, 2, '2-101');
INSERT INTO residents(id, name, household_id, area_id, moved_in, hospitalised_on) VALUES
  (5, '东五', 4, 2, '2024-03-01', NULL), (6, '东六', 4, 2, NULL, '2024-03-21');
SQL
check tie-order "$(lines 2024-04-30 | grep 'households#4' | cut -d , -f 2,3,6,7 | tr '\n' ' ')" \
  "八到家 有病住院看望 (hospital),东* (户 2-101),2024-03-31,30 八到家 新迁居民走访 (new_resident),东* (户 2-101),2024-03-31,30 "
# Served is per post and day: a served duty at another post, or attendance
# at another post's activity, the same day does not serve this post; an
# absent duty is a day missed.  (Member 2 is held to 东服务日 by its pool
# and to 西服务日 where they live; both run the last Saturday of a month.)
"$SQLITE3" -batch "$DB" <<'SQL'
INSERT INTO duty_assignments(post_id, duty_date, slot, role, person_id, status) VALUES
  (2, '2024-04-27', 1, 'member', 2, 'served'), (1, '2024-02-24', 1, 'member', 2, 'absent');
INSERT INTO activities(id, kind, held_on, post_id) VALUES (20, 'volunteer_service', '2024-03-30', 2);
INSERT INTO attendance(activity_id, resident_id) VALUES (20, 2);
SQL
check served-per-post "$(lines 2024-04-30 | grep '^dual_report' | cut -d , -f 2,4 | tr '\n' ' ')" \
  "双报到 东服务日: missed 3 of the last 3 service days,party_members#2 "
