#!/bin/sh
# muling check: the sample is clean (exit 0); one dirty row of each kind
# planted in a copy is found under its finding (exit 1); the generator's
# dirty rows are found, and the counts that plain SQL can recount agree.
# Rows are planted and recounted with the plain sqlite3 shell (no
# extension loaded), so this runs in asan mode too.
. tests/lib.sh

DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || fail init "muling init --sample failed"
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch "$1" 2>&1; }
# count OUTPUT KEY: the number check printed for finding KEY
count() { grep -E "^(ok|FOUND) +$2 " "$1" | sed 's/.*: //'; }

$MULING check "$DB" > "$TMP/clean.txt"; rc=$?
check sample-clean-exit "$rc" 0
check sample-clean-summary "$(tail -n 1 "$TMP/clean.txt" | sed 's/ of [0-9]* checks/ of N checks/')" \
  "0 of N checks found something (0 rows)"

# One row of each kind, on residents of households with three or more
# members (so no household empties by accident).
cp "$DB" "$TMP/dirty.db"
sql "$TMP/dirty.db" "
create temp table pick as
  select id, row_number() over (order by id) as k from residents_current
  where household_id in (select household_id from residents_current group by 1 having count(*) >= 3)
    and id not in (select resident_id from party_members)
  order by id limit 9;
update residents set id_number = substr(id_number, 1, 17) || (case substr(id_number, 18) when '1' then '2' else '1' end)
  where id = (select id from pick where k = 1);
update residents set birth_date = date(birth_date, '-1 day') where id = (select id from pick where k = 2);
update residents set sex = case sex when 'M' then 'F' else 'M' end where id = (select id from pick where k = 3);
update residents set id_number = '650103209912310013', birth_date = null, sex = null where id = (select id from pick where k = 4);
update residents set id_number = (select id_number from residents where id = (select id from pick where k = 6)), birth_date = null, sex = null
  where id = (select id from pick where k = 5);
update residents set ethnic_code = null, ethnic_raw = '火星族' where id = (select id from pick where k = 7);
update residents set phone = '138 0013 8000' where id = (select id from pick where k = 8);
update residents set area_id = null, household_id = null where id = (select id from pick where k = 9);
insert into households(area_id, door_no) select max(id), '9-9-999' from areas where level = 'building';
update party_members set org_id = 99999 where resident_id = (select min(resident_id) from party_members);
update score_members set to_date = '2023-06-30'
  where (scheme_id, member_id) = (select scheme_id, member_id from score_events
                                  where occurred_on > '2023-06-30' and reverses is null order by event_id limit 1);
" > "$TMP/plant.txt"
check plant "$(cat "$TMP/plant.txt")" ""
after=$(sql "$TMP/dirty.db" "select count(*) from score_events e join score_members m using (scheme_id, member_id)
  where m.to_date is not null and e.occurred_on > m.to_date and e.reverses is null;")

$MULING check "$TMP/dirty.db" > "$TMP/dirty.txt"; rc=$?
check dirty-exit "$rc" 1
for key in invalid_id_number id_birth_mismatch id_sex_mismatch id_birth_future duplicate_id_number \
           unknown_ethnic_code phone_not_normalised household_without_members resident_without_building \
           party_member_without_org; do
  check "dirty-$key" "$(count "$TMP/dirty.txt" $key)" 1
done
check dirty-score_event_after_leaving "$(count "$TMP/dirty.txt" score_event_after_leaving)" "$after"
check dirty-summary "$(tail -n 1 "$TMP/dirty.txt" | sed 's/ of [0-9]* checks/ of N checks/')" \
  "11 of N checks found something ($((10 + after)) rows)"
check dirty-example "$(grep -A 1 'unknown_ethnic_code' "$TMP/dirty.txt" | tail -n 1 | sed 's/.*ethnic_code=/ethnic_code=/')" \
  "ethnic_code=NULL ethnic_raw=火星族 maps_to=NULL"
check dirty-masked "$(grep -c '650103209912310013' "$TMP/dirty.txt")" 0
# The birth date digits that idcard_mask hides appear nowhere: the mismatch
# shows the gap, the future birth how far ahead it is.
check dirty-birth-gap "$(grep -A 1 '^FOUND id_birth_mismatch' "$TMP/dirty.txt" | tail -n 1 | sed 's/.*differs_by=/differs_by=/')" "differs_by=-1 days"
born=$(sql "$TMP/dirty.db" "select idcard_birth(id_number) from residents where id = (select id from residents where birth_date is not null and idcard_valid(id_number) and idcard_birth(id_number) <> birth_date)")
compact=$(echo "$born" | tr -d -)
check dirty-birth-digits-absent "$(grep -c -e "$born" -e "$compact" "$TMP/dirty.txt")" 0
check dirty-future-digits-absent "$(grep -c -e '2099-12-31' -e '20991231' "$TMP/dirty.txt")" 0
case $(grep -A 1 '^FOUND id_birth_future' "$TMP/dirty.txt" | tail -n 1) in
  *"ahead_by="*" days") ok dirty-future-ahead-by ;;
  *) fail dirty-future-ahead-by "$(grep -A 1 '^FOUND id_birth_future' "$TMP/dirty.txt")" ;;
esac

# The generator's city: each kind of dirty row it makes is found.
if [ -x build/generate ]; then
  build/generate --residents 20000 --seed 7 -o "$TMP/city.db" 2> "$TMP/gen.txt"
  $MULING check "$TMP/city.db" > "$TMP/city.txt"; rc=$?
  check city-exit "$rc" 1
  for key in invalid_id_number id_birth_mismatch id_sex_mismatch duplicate_id_number unknown_ethnic_code \
             phone_not_normalised; do
    n=$(count "$TMP/city.txt" $key)
    check "city-$key-found" "$([ "${n:-0}" -gt 0 ] && echo yes)" yes
  done
  check city-unknown-ethnic "$(count "$TMP/city.txt" unknown_ethnic_code)" \
    "$(sql "$TMP/city.db" "select count(*) from residents where ethnic_code is null and ethnic_raw is not null;")"
  check city-duplicates "$(count "$TMP/city.txt" duplicate_id_number)" \
    "$(sql "$TMP/city.db" "select count(*) from (select id_number from residents where id_number is not null group by 1 having count(*) > 1);")"
  check city-phones "$(count "$TMP/city.txt" phone_not_normalised)" \
    "$(sql "$TMP/city.db" "select count(*) from residents where phone is not null and phone not glob '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]';")"
  check city-empty-households "$(count "$TMP/city.txt" household_without_members)" \
    "$(sed -n 's/.*(\([0-9]*\) empty).*/\1/p' "$TMP/gen.txt")"
  check city-five-examples "$(grep -A 6 '^FOUND invalid_id_number' "$TMP/city.txt" | grep -c '^    resident_id=')" 5
else
  fail city "build/generate is missing (make)"
fi

# Usage and database errors.
$MULING check > /dev/null 2>&1
check missing-db-arg "$?" 2
$MULING check "$DB" extra > /dev/null 2>&1
check extra-arg "$?" 2
sql "$TMP/plain.db" "create table t(x);" > /dev/null
$MULING check "$TMP/plain.db" > /dev/null 2> "$TMP/err"; rc=$?
check not-muling "$rc $(cat "$TMP/err")" "3 muling: $TMP/plain.db is not a muling database (run muling init first)"
$MULING check "$TMP/nonexistent.db" > /dev/null 2>&1
check nonexistent "$?" 3
# A file whose schema cannot be read says why, not "not a muling database"
# (the same for init, which must not call it "a database but not a muling one").
sql "$TMP/broken.db" "create table t(x); pragma writable_schema=on; insert into sqlite_schema values('table', 'zz', 'zz', 0, 'CREATE TABL zz(');" > /dev/null 2>&1
$MULING check "$TMP/broken.db" > /dev/null 2> "$TMP/err"; rc=$?
check unreadable-schema "$rc $(cat "$TMP/err")" "3 muling: $TMP/broken.db: malformed database schema (zz) - near \"TABL\": syntax error"
$MULING init "$TMP/broken.db" > /dev/null 2> "$TMP/err"; rc=$?
check init-unreadable-schema "$rc $(cat "$TMP/err")" "3 muling: $TMP/broken.db: malformed database schema (zz) - near \"TABL\": syntax error"
