#!/bin/sh
# needs: shell
# The due report for an area builds its last-visit tables
# (temp.due_seen_resident, temp.due_seen_household) only for the area's
# people: its households, the households of the residents of its
# buildings and of its open hardship cases, every resident of those, and
# its cases' residents.  On an odd tree -- residents living in another
# building than their household's, residents with no building, a case
# whose household is in one community and its resident in another, a case
# whose resident is of another household, a resident who moved out,
# visits on the as_of day and the day after --
# every area's lines must be those it gets with the tables built for
# everyone (the city-wide tables), and the visits must still clear the
# lines they clear in the city.
. tests/lib.sh
DB=$TMP/d.db
$MULING init "$DB" > /dev/null || fail init "muling init failed"
"$SQLITE3" -batch "$DB" <<'SQL'
INSERT INTO areas(id, parent_id, level, name) VALUES
  (1, NULL, 'city', '市'), (2, 1, 'street', '甲街道'),
  (3, 2, 'community', '甲社区'), (4, 3, 'building', '甲1栋'),
  (5, 2, 'community', '乙社区'), (6, 5, 'building', '乙1栋'),
  (7, 1, 'street', '丙街道'), (8, 7, 'building', '丙1栋');
INSERT INTO households(id, area_id, door_no) VALUES
  (1, 4, '1-101'), (2, 8, '2-201'), (3, 6, '3-301'), (4, 8, '4-401'), (5, 4, '1-102'), (6, 6, '6-601');
INSERT INTO residents(id, name, household_id, area_id, moved_in, moved_out, died_on, hospitalised_on, lost_work_on, low_income, low_income_from) VALUES
  (1, '甲一', 1, 4, '2024-01-01', NULL, NULL, NULL, NULL, 0, NULL),            -- new; visited through 乙二
  (2, '乙二', 1, 6, NULL, NULL, NULL, NULL, NULL, 0, NULL),                    -- household 1, lives in 乙1栋
  (3, '甲三', 2, 4, NULL, NULL, NULL, '2024-01-05', NULL, 0, NULL),            -- household in 丙1栋
  (4, '无四', 2, NULL, NULL, NULL, '2024-01-03', NULL, NULL, 0, NULL),         -- no building: household's
  (5, '甲五', NULL, 4, NULL, NULL, NULL, NULL, '2024-01-02', 0, NULL),         -- no household, visited
  (6, '甲六', NULL, 4, NULL, NULL, NULL, NULL, '2024-01-02', 0, NULL),         -- no household, never visited
  (7, '无七', 3, NULL, '2023-12-01', NULL, NULL, NULL, NULL, 0, NULL),         -- no building, household in 乙1栋
  (8, '丙八', 3, 8, NULL, NULL, NULL, NULL, NULL, 0, NULL),                    -- household 3, lives in 丙1栋
  (9, '甲九', 5, 4, NULL, NULL, NULL, NULL, NULL, 1, '2022-06-01'),            -- 低保
  (10, '丙十', 5, 8, '2020-01-01', '2024-01-31', NULL, NULL, NULL, 0, NULL),   -- moved out of household 5
  (11, '丙十一', 4, 8, NULL, NULL, NULL, NULL, NULL, 1, '2023-01-01'),          -- 低保, never visited
  (12, '甲十二', 6, 4, NULL, NULL, NULL, NULL, NULL, 0, NULL),                -- household in 乙1栋
  (13, '无十三', 6, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL);
INSERT INTO home_visits(kind, household_id, resident_id, visited_on) VALUES
  ('new_resident', NULL, 2, '2024-01-10'),     -- clears household 1's 甲一
  ('hospital', 2, NULL, '2024-02-15'),         -- on the as_of day: clears 甲三
  ('funeral', 2, NULL, '2024-02-16'),          -- the day after: clears nothing
  ('unemployment', NULL, 5, '2024-01-20'),     -- clears 甲五
  ('new_resident', NULL, 8, '2023-12-10'),     -- clears household 3's 无七
  ('wedding', NULL, 10, '2024-01-30'),         -- household 5's 低保 visit, to one who then moved out
  ('benefit', NULL, 13, '2024-01-05'),         -- case 1's household, through 无十三
  ('mediation', NULL, 2, '2024-02-01');        -- case 2's resident, of another household
INSERT INTO hardship_cases(id, household_id, resident_id, class, assessed_on, paired_cadre) VALUES
  (1, 6, 12, 'training', '2023-10-01', 1),
  (2, 4, 2, 'placement', '2023-10-01', 1);
SQL

# run AS_OF AREA [city]: the lines the report builds, through the sqlite3
# shell; with "city", the scope's tables are filled with everyone before
# the last-visit tables are built (so they are the city-wide ones)
run() {
  {
    echo ".load $EXT"
    echo ".parameter set :as_of \"'$1'\""
    [ -n "$2" ] && echo ".parameter set :area \"$2\""
    if [ "${3:-}" = city ]; then
      sed '/^DROP TABLE IF EXISTS temp.due_seen_household;$/i\
INSERT OR IGNORE INTO temp.due_scope_households SELECT id FROM households;\
INSERT OR IGNORE INTO temp.due_scope_residents SELECT id FROM residents;' sql/reports/due.sql
    else
      cat sql/reports/due.sql
    fi
    echo ".output stdout"
    echo "SELECT '--', count(*) FROM temp.due_seen_resident;"
    echo "SELECT kind, who, ref, since, due_on, overdue_days FROM temp.due_lines ORDER BY rowid;"
  } > "$TMP/run.sql"
  "$SQLITE3" -batch "$DB" ".output /dev/null" ".read $TMP/run.sql" 2>&1 | sed -n '/^--|/,$p' | sed 1d
}
# the marker the city-wide run is made with must be there
check marker "$(grep -c '^DROP TABLE IF EXISTS temp.due_seen_household;$' sql/reports/due.sql)" 1

same=0 differ=
for d in 2024-02-15 2024-05-01; do
  for a in 1 2 3 4 5 6 7 8 "'甲社区'"; do
    run "$d" "$a" > "$TMP/scoped"
    run "$d" "$a" city > "$TMP/wide"
    if cmp -s "$TMP/scoped" "$TMP/wide"; then same=$((same + 1)); else differ="$differ $d/$a"; fi
  done
done
check scoped-equals-city-wide "$same${differ:+ differ:$differ}" 18

# what the visits clear, by area, on the as_of day of the visit to 甲三's
# household (the funeral visit to it is the day after)
refs() { run "$1" "$2" | cut -d '|' -f 1,3 | tr '\n' ' '; }
check community-jia "$(refs 2024-02-15 3)" "home_visit|residents#6 "
check building-yi "$(refs 2024-02-15 6)" ""
check street-bing "$(refs 2024-02-15 7)" "home_visit|households#2 low_income_visit|households#4 "
check city "$(refs 2024-02-15 '')" "home_visit|residents#6 home_visit|households#2 low_income_visit|households#4 "
# later: household 5's 低保 is due three months after the visit to the one
# who since moved out; case 1 (household in 乙1栋) counts the visit to a
# resident of its household with no building, case 2 its resident's visit
# to another household
check later-jia "$(run 2024-05-01 4 | cut -d '|' -f 3,4 | tr '\n' ' ')" "residents#6|2024-01-02 households#5|2024-01-30 "
check later-yi "$(run 2024-05-01 5 | cut -d '|' -f 3,4 | tr '\n' ' ')" "hardship_cases#1|2024-01-05 "
check later-bing "$(run 2024-05-01 8 | cut -d '|' -f 3,4 | tr '\n' ' ')" "households#4|2023-01-01 hardship_cases#2|2024-02-01 "
# the scope's tables hold only its people: 甲1栋's and their households',
# not 丙1栋's 丙八 nor 乙1栋's 无七
check scope-people "$("$SQLITE3" -batch "$DB" ".load $EXT" ".parameter set :as_of \"'2024-02-15'\"" ".parameter set :area 4" \
  ".output /dev/null" ".read sql/reports/due.sql" ".output stdout" \
  "SELECT group_concat(id, ' ') FROM (SELECT id FROM temp.due_scope_residents ORDER BY id)")" "1 2 3 4 5 6 9 10 12 13"
