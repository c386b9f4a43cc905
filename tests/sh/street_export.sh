#!/bin/sh
# needs: shell
# street_export's statements (sql/reports/street_export.sql: the scope's
# areas walked down once, the residents read in id order, without area=
# straight from residents, with it through a temp table of the scope's
# ids; 单元 and 门牌号 from door_unit()/door_room(); 序号 numbered by the
# command, -- ordinal:) give what the report's plain definition gives:
# each building's street, community, compound and building names climbed
# from the building (max() of each level), 序号 row_number() over the
# residents in id order, 单元 and 门牌号 split from the door number with
# substr()/instr(), the scope a recursive walk down from :area.  Both run
# in the sqlite3 shell on the sample made odd: a building under two
# streets, one under a parent that is not in areas, one under a building,
# a root building, residents on a compound, without a building, moved out
# or dead, doors '3-2-401', '401', '1--2', 'a-b-c-d', '-', NULL and none;
# for every scope (by id and, as the shell allows, by a name two areas
# share), masked and unmasked, every column but 序号 (the shell leaves it
# NULL: the command numbers the rows as it writes them); then the report
# itself, 序号 included, for every scope by id, unmasked and masked (a
# name two ids share then shows the id), streamed and held whole; and a
# cycle in parent_id, where the definition never ends and the report does.
. tests/lib.sh
[ -f "$EXT" ] || { fail extension "no $EXT"; exit 0; }
SO=${EXT%.so}
DB=$TMP/odd.db
$MULING init "$DB" --sample tachenglu > /dev/null 2> "$TMP/err" || { fail init "$(cat "$TMP/err")"; exit 0; }
$SQLITE3 "$DB" "
PRAGMA foreign_keys = OFF;
INSERT INTO areas(id, parent_id, level, name) VALUES
 (9001, 2, 'street', 'Z街道'), (9002, 9001, 'street', 'A街道'), (9003, 9002, 'building', '9栋'),
 (9004, 9001, 'building', '8栋'), (9005, 88888, 'community', '孤社区'), (9006, 9005, 'building', '孤1栋'),
 (9007, 9001, 'compound', 'Z小区'), (9008, 9007, 'building', '塔城路社区'), (9009, NULL, 'building', '根楼'),
 (9010, 9008, 'building', '子楼');
UPDATE residents SET area_id = 9003 WHERE id BETWEEN 1 AND 20;
UPDATE residents SET area_id = 9004 WHERE id BETWEEN 21 AND 30;
UPDATE residents SET area_id = 9006 WHERE id BETWEEN 31 AND 40;
UPDATE residents SET area_id = 9007 WHERE id BETWEEN 41 AND 45;
UPDATE residents SET area_id = NULL, address_raw = '某小区 3栋' WHERE id BETWEEN 46 AND 50;
UPDATE residents SET area_id = 9008 WHERE id BETWEEN 51 AND 55;
UPDATE residents SET area_id = 9009 WHERE id BETWEEN 56 AND 60;
UPDATE residents SET area_id = 9010 WHERE id BETWEEN 61 AND 65;
UPDATE residents SET area_id = 4 WHERE id BETWEEN 66 AND 70;
UPDATE residents SET moved_out = '2024-01-01' WHERE id IN (3, 33, 100) AND (moved_in IS NULL OR moved_in <= '2024-01-01');
UPDATE residents SET died_on = '2024-02-01' WHERE id IN (5, 300);
UPDATE residents SET household_id = NULL WHERE id IN (7, 400);
UPDATE households SET door_no = '3-2-401' WHERE id = (SELECT household_id FROM residents WHERE id = 8);
UPDATE households SET door_no = NULL WHERE id = (SELECT household_id FROM residents WHERE id = 9);
UPDATE households SET door_no = '401' WHERE id = (SELECT household_id FROM residents WHERE id = 500);
UPDATE households SET door_no = '1--2' WHERE id = (SELECT household_id FROM residents WHERE id = 11);
UPDATE households SET door_no = 'a-b-c-d' WHERE id = (SELECT household_id FROM residents WHERE id = 12);
UPDATE households SET door_no = '-' WHERE id = (SELECT household_id FROM residents WHERE id = 13);" 2> "$TMP/err" ||
  { fail setup "$(cat "$TMP/err")"; exit 0; }

# the plain definition (the report's statement before it was restructured)
cat > "$TMP/plain.sql" <<'SQL'
WITH RECURSIVE
  scope(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
                UNION SELECT a.id FROM areas a JOIN scope ON a.parent_id = scope.id),
  up(building, id, level, name) AS (
    SELECT b.id, b.id, b.level, b.name FROM areas b WHERE b.level = 'building'
    UNION ALL
    SELECT up.building, p.id, p.level, p.name
      FROM up JOIN areas c ON c.id = up.id JOIN areas p ON p.id = c.parent_id),
  place AS (
    SELECT building, max(CASE WHEN level = 'street' THEN name END) AS street,
           max(CASE WHEN level = 'community' THEN name END) AS community,
           max(CASE WHEN level = 'compound' THEN name END) AS compound,
           max(CASE WHEN level = 'building' THEN name END) AS bname
      FROM up GROUP BY building),
  door AS (
    SELECT id AS household_id,
           CASE WHEN door_no GLOB '*-*-*' THEN substr(rest, 1, instr(rest, '-') - 1)
                WHEN door_no GLOB '*-*' THEN substr(door_no, 1, instr(door_no, '-') - 1) END AS unit,
           CASE WHEN door_no GLOB '*-*-*' THEN substr(rest, instr(rest, '-') + 1)
                WHEN door_no GLOB '*-*' THEN rest ELSE door_no END AS room
      FROM (SELECT id, door_no, substr(door_no, instr(door_no, '-') + 1) AS rest FROM households))
SELECT row_number() OVER (ORDER BY r.id) AS 序号,
       CASE WHEN :unmasked = 1 THEN r.name ELSE name_mask(r.name) END AS 姓名, r.id AS _姓名,
       CASE r.sex WHEN 'M' THEN '男' WHEN 'F' THEN '女' END AS 性别,
       coalesce(ethnic_name(r.ethnic_code), r.ethnic_raw) AS 民族,
       CASE WHEN :unmasked = 1 THEN r.id_number ELSE idcard_mask(r.id_number) END AS 身份证号码,
       CASE WHEN :unmasked = 1 THEN r.phone ELSE phone_mask(r.phone) END AS 联系电话,
       p.street AS 所属街道, p.community AS 所属社区,
       coalesce(p.compound, CASE WHEN r.area_id IS NULL THEN r.address_raw END) AS 所属小区,
       p.bname AS 楼栋, d.unit AS 单元, d.room AS 门牌号,
       CASE r.registration WHEN 'floating' THEN '流动' ELSE '户籍' END AS 户籍性质,
       CASE r.low_income WHEN 1 THEN '是' ELSE '否' END AS 是否低保, r.note AS 备注
  FROM residents_current r
  LEFT JOIN place p ON p.building = r.area_id
  LEFT JOIN door d ON d.household_id = r.household_id
 WHERE :area IS NULL OR r.area_id IN (SELECT id FROM scope)
 ORDER BY r.id;
SQL
# shell FILE AREA UNMASKED: FILE's rows as the shell's CSV (AREA and
# UNMASKED as .parameter values, NULL for none)
shell() {
  $SQLITE3 -readonly -csv -header "$DB" ".load $SO" ".parameter set :area $2" \
    ".parameter set :unmasked $3" ".read $1" 2>&1
}
for area in NULL 1 3 4 9001 9002 9003 9005 9006 9007 9008 9009 9010 88888 "'塔城路社区'" "'孤社区'"; do
  for um in 1 NULL; do
    # every column but 序号, the first (the shell leaves it empty)
    shell "$TMP/plain.sql" "$area" "$um" | cut -d, -f2- > "$TMP/plain.csv"
    shell sql/reports/street_export.sql "$area" "$um" | cut -d, -f2- > "$TMP/report.csv"
    name=$(echo "$area" | tr -d "'")
    [ "$um" = 1 ] && name="$name-unmasked" || name="$name-masked"
    check_file "same-$name" "$TMP/report.csv" "$TMP/plain.csv"
  done
done
# the shapes the comparison above covers, seen in the rows: resident ID's
# 所属街道 … 门牌号 (the shell shows the key _姓名, the id, third)
shell sql/reports/street_export.sql NULL 1 | tr -d '"' > "$TMP/all.csv"
row() { awk -F, -v id="$1" '$3 == id { print $8 "," $9 "," $10 "," $11 "," $12 "," $13 }' "$TMP/all.csv"; }
check two-streets "$(row 1)" "Z街道,,,9栋,1,101"
check parent-not-in-areas "$(row 31)" ",孤社区,,孤1栋,3,401"
check on-compound "$(row 41)" ",,,,1,102"
check no-building "$(row 46)" ",,某小区 3栋,,1,401"
check building-in-building "$(row 61)" "Z街道,,Z小区,子楼,2,502"
check root-building "$(row 56)" ",,,根楼,2,301"
check door-3-2-401 "$(row 8)" "Z街道,,,9栋,2,401"
check door-null "$(row 9)" "Z街道,,,9栋,,"
check no-household "$(row 7)" "Z街道,,,9栋,,"
check moved-out-and-dead "$(row 3)$(row 5)$(row 100)$(row 300)" ""
check door-1--2 "$(row 11 | cut -d, -f5-)" ",2"
check door-a-b-c-d "$(row 12 | cut -d, -f5-)" "b,c-d"
check door-dash "$(row 13 | cut -d, -f5-)" ","
check shell-no-ordinal "$(awk -F, 'NR > 1 && $1 != ""' "$TMP/all.csv" | wc -l)" "0"

# the report itself: its CSV is the definition's, 序号 numbered from 1 in
# the rows it writes, without the key _姓名 (the report drops it); masked,
# a name two ids share shows the id, 冯**(#123), and the other columns are
# the definition's.  For every scope by id (the whole city, a district, a
# street, a community, buildings, a compound), streamed (kept: 1 row) and
# held whole (json: the same rows).
compare() { # compare NAME REPORT.csv PLAIN.csv UNMASKED
  check "$1" "$(/usr/bin/python3 -c '
import csv, re, sys
rep = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
sh = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
ok = len(rep) == len(sh) and rep[0] == sh[0][:2] + sh[0][3:]
for a, b in zip(rep[1:], sh[1:]):
    name = a[1] if sys.argv[3] == "1" else re.sub(r"\(#%s\)$" % re.escape(b[2]), "", a[1])
    ok = ok and [a[0], name] + a[2:] == b[:2] + b[3:]
print(len(rep), ok)' "$2" "$3" "$4")" "$(grep -ac . "$3") True"
}
for area in NULL 1 3 4 9001 9002 9003 9006 9007 9008 9009 9010; do
  for um in 1 NULL; do
    set -- --format csv
    [ "$area" = NULL ] || set -- "$@" --param "area=$area"
    [ "$um" = 1 ] && set -- "$@" --unmasked
    shell "$TMP/plain.sql" "$area" "$um" > "$TMP/plain.csv"
    [ "$um" = 1 ] && name="$area-unmasked" || name="$area-masked"
    MULING_REPORT_KEEP=1 $MULING report "$DB" street_export "$@" -o "$TMP/rep.csv" 2> "$TMP/err" ||
      fail "report-$name" "$(cat "$TMP/err")"
    compare "report-$name" "$TMP/rep.csv" "$TMP/plain.csv" "$um"
    MULING_REPORT_KEEP=all $MULING report "$DB" street_export "$@" -o "$TMP/whole.csv" 2> "$TMP/err" ||
      fail "report-whole-$name" "$(cat "$TMP/err")"
    check_file "report-whole-$name" "$TMP/whole.csv" "$TMP/rep.csv"
  done
done

# a cycle: 9001 -> 9002 -> 9001 (the command refuses such a tree; the
# shell runs the file).  From the roots, the areas on it are under none:
# their residents come without an address; from one of them, each is
# reached once.  The definition above never ends here.
$SQLITE3 "$DB" "PRAGMA foreign_keys = OFF; UPDATE areas SET parent_id = 9002 WHERE id = 9001;" || fail cycle-setup "update failed"
timeout 60 $SQLITE3 -readonly -csv "$DB" ".load $SO" ".parameter set :unmasked 1" ".read sql/reports/street_export.sql" 2>&1 | tr -d '"' > "$TMP/cycle.csv"
check cycle-city "$(grep -ac . "$TMP/cycle.csv") $(awk -F, '$3 == 1 { print $8 "," $9 "," $10 "," $11 }' "$TMP/cycle.csv")" "$(( $(grep -ac . "$TMP/all.csv") - 1 )) ,,,"
timeout 60 $SQLITE3 -readonly -csv "$DB" ".load $SO" ".parameter set :area 9001" ".parameter set :unmasked 1" ".read sql/reports/street_export.sql" 2>&1 | tr -d '"' > "$TMP/cycle.csv"
check cycle-street "$(grep -ac . "$TMP/cycle.csv") $(awk -F, '$3 == 1 { print $8 "," $9 "," $10 "," $11 }' "$TMP/cycle.csv")" "43 Z街道,,,9栋"
