#!/bin/sh
# Masked names that collide carry the person's id: two members renamed
# 鞠建国 and 鞠丽华 both mask to 鞠**, so in the points ranking each shows
# its id (鞠**(#34)); a 睦邻点 leader (a resident) and a contact (staff)
# both 侯** show theirs, the staff member's as #staff N; a name nobody
# shares (亓***, 巴**) shows none.  In every format (table, csv, json, md,
# html, xlsx); never with --unmasked; the hidden key columns (_member,
# _leader, _contact) appear in no output.
. tests/lib.sh
DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || { fail init "muling init --sample failed"; exit 0; }
# (plain SQL, no extension in the shell: under asan the extension is not loadable there)
set -- $($SQLITE3 "$DB" "SELECT DISTINCT member_id FROM score_events WHERE scheme_id = 1
  AND occurred_on BETWEEN '2023-01-01' AND '2023-12-31' AND member_id <> 2 ORDER BY member_id LIMIT 3" | tr '\n' ' ')
A=$1 B=$2 C=$3
LEADER=$($SQLITE3 "$DB" "SELECT leader_id FROM activity_points WHERE id = 1")
STAFF=$($SQLITE3 "$DB" "SELECT contact_id FROM activity_points WHERE id = 1")
$SQLITE3 "$DB" "UPDATE residents SET name = '鞠建国' WHERE id = $A;
UPDATE residents SET name = '鞠丽华' WHERE id = $B;
UPDATE residents SET name = '亓官小明' WHERE id = $C;
UPDATE residents SET name = '侯玉华' WHERE id = $LEADER;
UPDATE staff SET name = '侯春梅', resident_id = NULL WHERE id = $STAFF;" || { fail plant "update failed"; exit 0; }
# has PATTERN FILE: yes when a line matches
has() { if grep -q "$1" "$2"; then echo yes; else echo no; fi; }
check planted "$($SQLITE3 "$DB" "SELECT count(*) FROM residents WHERE name LIKE '鞠%' OR name LIKE '亓%'")" 3
for fmt in table csv json md html xlsx; do
  for r in points profile; do
    if [ $fmt = xlsx ]; then
      $MULING report "$DB" $r --format xlsx -o "$TMP/$r.xlsx"; rc=$?
      /usr/bin/python3 -c '
import sys, openpyxl
for ws in openpyxl.load_workbook(sys.argv[1]).worksheets:
    for row in ws.iter_rows(values_only=True):
        print("\t".join("" if v is None else str(v) for v in row))' "$TMP/$r.xlsx" > "$TMP/$r.out"
    else
      $MULING report "$DB" $r --format $fmt > "$TMP/$r.out"; rc=$?
    fi
    $MULING report "$DB" $r --format $fmt --unmasked -o "$TMP/$r.u.$fmt"
    check "$r-$fmt-exit" $rc 0
    check "$r-$fmt-unmasked-no-ids" "$(grep -c '(#' "$TMP/$r.u.$fmt")" 0
    check "$r-$fmt-no-key-columns" "$(grep -c '_member\|_leader\|_contact' "$TMP/$r.out")" 0
  done
  check "points-$fmt-ids" "$(has "鞠\*\*(#$A)" "$TMP/points.out") $(has "鞠\*\*(#$B)" "$TMP/points.out")" "yes yes"
  check "points-$fmt-bare" "$(has '鞠\*\*[^(]' "$TMP/points.out") $(has '亓\*\*\*' "$TMP/points.out") $(has '亓\*\*\*(' "$TMP/points.out")" "no yes no"
  check "profile-$fmt-ids" "$(has "侯\*\*(#$LEADER)" "$TMP/profile.out") $(has "侯\*\*(#staff $STAFF)" "$TMP/profile.out")" "yes yes"
  check "profile-$fmt-bare" "$(has '侯\*\*[^(]' "$TMP/profile.out") $(has '巴\*\*' "$TMP/profile.out") $(has '巴\*\*(' "$TMP/profile.out")" "no yes no"
done
# One person twice is no collision: the staff member is both points' contact;
# once the leader is 侯** no more, the contact's cells carry no id.
$SQLITE3 "$DB" "UPDATE residents SET name = '郝玉华' WHERE id = $LEADER"
$MULING report "$DB" profile --format csv > "$TMP/p.csv"
check same-person-twice "$(grep -c '侯\*\*(' "$TMP/p.csv") $(grep -c '侯\*\*,' "$TMP/p.csv")" "0 2"
# The rota: a leader (★) and a member whose names mask alike, on the
# calendar rows and in the month's count; the leader mark is no part of the name.
# (the first leader and member of post 1's pool: both are on January's rota)
set -- $($SQLITE3 "$DB" "SELECT (SELECT min(person_id) FROM duty_pool WHERE post_id = 1 AND role = 'leader'),
  (SELECT min(person_id) FROM duty_pool WHERE post_id = 1 AND role = 'member')" | tr '|' ' ')
$SQLITE3 "$DB" "UPDATE residents SET name = '濮建国' WHERE id = $1; UPDATE residents SET name = '濮丽华' WHERE id = $2;"
for fmt in csv html; do
  $MULING report "$DB" roster --format $fmt > "$TMP/r.$fmt"
  check "roster-$fmt-ids" "$(has "★濮\*\*(#$1)" "$TMP/r.$fmt") $(has "濮\*\*(#$2)" "$TMP/r.$fmt") $(has '濮\*\*[^(]' "$TMP/r.$fmt")" "yes yes no"
  check "roster-$fmt-no-key-columns" "$(grep -c '_slot\|_person' "$TMP/r.$fmt")" 0
done
