#!/bin/sh
# The volunteers report's sums, read in one pass over volunteer_hours (a
# volunteer's team sums carried to the team when all their hours with the
# area's teams were with one team, read again team by team when not; the
# ten with most hours read through an index on the hours), against the
# same figures summed the plain way, row by row, on the 塔城路 sample with
# volunteers who served several teams, hours with no team or with another
# community's team, and a volunteer no resident row matches: at the city,
# at each community, and for a period other than the default.
. tests/lib.sh
DB=$TMP/v.db
$MULING init "$DB" --sample tachenglu > /dev/null || { fail init "muling init failed"; exit 0; }
"$SQLITE3" -batch "$DB" <<'SQL' || fail setup "sqlite3 failed"
INSERT INTO areas(id, parent_id, level, name) VALUES (9001, 3, 'community', '新社区');
INSERT INTO volunteer_teams(id, area_id, name) VALUES (7, 9001, '新社区服务队'), (8, NULL, '无地区服务队');
-- resident 2 (already of two teams) and 180 also serve the other
-- community's team, with no team, and with the team with no area
INSERT INTO volunteer_hours(resident_id, team_id, served_on, hours) VALUES
  (2, 7, '2023-03-01', 3.5), (2, 7, '2022-03-01', 1.5), (2, NULL, '2023-05-01', 2),
  (180, 8, '2023-07-01', 4), (180, 7, '2023-08-01', 2.5), (180, 1, '2023-08-02', 1.25),
-- a new volunteer of the other community only, one of team 8 only
  (6001, 7, '2023-02-02', 2), (6001, 7, '2023-09-09', 2.25), (6002, 8, '2023-04-04', 3),
-- the most hours of all, by an id no resident has (left out of the ten)
  (99999, 1, '2023-06-01', 24), (99999, 1, '2023-06-02', 24);
INSERT INTO volunteer_hours(resident_id, team_id, served_on, hours)
  SELECT 99999, 1, date('2020-01-01', '+' || value || ' days'), 24 FROM generate_series(1, 80);
INSERT INTO volunteers(resident_id, team_id, joined_on) VALUES (6001, 7, '2023-01-01'), (6002, 8, '2023-01-01');
SQL
[ "$("$SQLITE3" "$DB" "select count(*) from (select resident_id from volunteer_hours where team_id in (select id from volunteer_teams where area_id = 4) group by 1 having count(distinct team_id) > 1)")" -ge 5 ] \
  || fail setup "the sample has no volunteer of several of its teams"

# section NAME FILE: the rows of the csv section NAME (without its header)
section() { tr -d '\r' < "$2" | sed -n "/^$1\$/,/^\$/p" | sed '1,2d; /^$/d'; }

for case in "city||2023-01-01|2023-12-31" "塔城路|4|2023-01-01|2023-12-31" "新社区|9001|2023-01-01|2023-12-31" \
            "city-period||2023-06-01|2023-08-15" "塔城路-period|4|2022-01-01|2023-07-31" "street|3|2023-08-01|2023-08-01"; do
  IFS='|' read -r name area from to <<EOF
$case
EOF
  set -- --format csv --unmasked --param from=$from --param to=$to
  [ -n "$area" ] && set -- "$@" --param area=$area
  $MULING report "$DB" volunteers "$@" > "$TMP/out.csv" 2> "$TMP/err" || { fail "$name-runs" "$(head -c 200 "$TMP/err")"; continue; }
  teams="SELECT id, name, area_id FROM volunteer_teams WHERE '$area' = '' OR area_id IN
           (WITH RECURSIVE s(id) AS (SELECT nullif('$area', '') UNION SELECT a.id FROM areas a JOIN s ON a.parent_id = s.id) SELECT id FROM s)"
  want=$("$SQLITE3" -list -separator , "$DB" "
    SELECT t.name, (SELECT count(*) FROM volunteer_hours x WHERE x.team_id = t.id AND x.served_on BETWEEN '$from' AND '$to'),
           printf('%.1f', (SELECT round(coalesce(sum(hours), 0), 1) FROM volunteer_hours x WHERE x.team_id = t.id AND x.served_on BETWEEN '$from' AND '$to')) AS h
    FROM ($teams) t ORDER BY (SELECT round(coalesce(sum(hours), 0), 1) FROM volunteer_hours x WHERE x.team_id = t.id AND x.served_on BETWEEN '$from' AND '$to') DESC, t.id")
  check "$name-teams" "$(section '服务队 Teams' "$TMP/out.csv" | cut -d , -f 1,4,5)" "$want"
  # the ten with most hours with the area's teams (cumulative up to :to)
  want=$("$SQLITE3" -list -separator , "$DB" "
    SELECT r.name, printf('%.1f', round(sum(x.hours), 1)), printf('%.1f', round(coalesce(sum(x.hours) FILTER (WHERE x.served_on >= '$from'), 0), 1))
    FROM volunteer_hours x JOIN residents r ON r.id = x.resident_id
    WHERE x.served_on <= '$to' AND x.team_id IN (SELECT id FROM ($teams))
    GROUP BY x.resident_id ORDER BY sum(x.hours) DESC, x.resident_id LIMIT 10")
  check "$name-most-hours" "$(section '时长前十 Most hours' "$TMP/out.csv" | cut -d , -f 1-3)" "$want"
  want=$("$SQLITE3" "$DB" "SELECT printf('%.1f', round(coalesce(sum(hours), 0), 1)) FROM volunteer_hours
    WHERE served_on BETWEEN '$from' AND '$to' AND team_id IN (SELECT id FROM ($teams))")
  check "$name-hours-in-period" "$(section '总量 Totals' "$TMP/out.csv" | cut -d , -f 4)" "$want"
done
# the volunteer no resident matches has the most hours, and is not shown
check ghost-not-listed "$(section '时长前十 Most hours' "$TMP/out.csv" | grep -c '1968')" "0"
