#!/bin/sh
# Re-imports (issue 22): `muling import DB residents FILE` recognises the
# residents the database has -- by normalised ID number, else by name +
# birth date + building -- and updates them instead of adding them twice;
# --existing skip and error; a second row of one export for one resident is
# a reject; the current residents the export does not mention are listed
# (masked) and kept; rows whose sex or birth date disagree with the ID
# number load with a row in import_warnings; every count is checked
# against the tables.  On the sample community (5859 current residents).
. tests/lib.sh

DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || { fail init "muling init --sample failed"; exit 0; }
sql() { printf '%s\n' "$1" | "$SQLITE3" -batch "${2:-$DB}" 2>&1; }
# every column but the ones named, of every resident, for "nothing else changed"
snapshot() {
  sql "select id, name, sex, birth_date, ethnic_code, id_number, phone, area_id, household_id, registration,
              low_income, note, address_raw, moved_in, moved_out, died_on from residents order by id;" > "$1"
}
total=$(sql "select count(*) from residents;")
current=$(sql "select count(*) from residents_current;")
check sample-size "$total $current" "6009 5859"

# ---- the same file twice: recognised, then unchanged --------------------------
$MULING report "$DB" street_export --unmasked --format csv -o "$TMP/export.csv" || fail export "street_export failed"
head -n 6 "$TMP/export.csv" > "$TMP/five.csv"
out=$($MULING import "$DB" residents "$TMP/five.csv"); rc=$?
check first-exit "$rc" 0
# the sample keeps no address as written, and the export's adds none worth
# an update: each building found is the one stored
check first-counts "$(echo "$out" | sed -n 2p)" "new 0, updated 0, unchanged 5, not in this export $((current - 5))"
check first-address-kept "$(sql "select count(address_raw) from residents where id <= 5;")" 0
snapshot "$TMP/before.txt"
out=$($MULING import "$DB" residents "$TMP/five.csv"); rc=$?
check same-exit "$rc" 0
check same-summary "$(echo "$out" | head -n 2)" "read 5, loaded 5, rejected 0
new 0, updated 0, unchanged 5, not in this export $((current - 5))"
check same-count "$(sql "select count(*) from residents;")" "$total"
snapshot "$TMP/after.txt"
check_file same-nothing-changed "$TMP/after.txt" "$TMP/before.txt"

# ---- residents not in the export: the first ten listed, masked; none removed --
want=$(sql "select group_concat(id, ' ') from (select id from residents_current where id > 5 order by id limit 10);")
got=$(echo "$out" | grep '^not in this export (kept, not removed):' | sed 's/^[^:]*: //; s/; and [0-9]* more$//' \
  | tr ',' '\n' | sed 's/^ //' | cut -d ' ' -f 1 | tr '\n' ' ' | sed 's/ $//')
check missing-ids "$got" "$want"
check missing-rest "$(echo "$out" | grep -o '; and [0-9]* more$')" "; and $((current - 15)) more"
name6=$(sql "select name from residents where id = 6;")
check missing-masked "$(echo "$out" | grep -c "$name6")" 0
check missing-kept "$(sql "select count(*) from residents_current;")" "$current"
# --within: only the residents of that part of the tree are missed
compound=$(sql "select p.id from residents r join areas b on b.id = r.area_id join areas p on p.id = b.parent_id where r.id = 1;")
in_compound=$(sql "with recursive sub(id) as (select $compound union select a.id from areas a join sub on a.parent_id = sub.id)
  select count(*) from residents_current where area_id in (select id from sub);")
out=$($MULING import "$DB" residents "$TMP/five.csv" --within "$compound")
check within-missing "$(echo "$out" | sed -n 2p)" "new 0, updated 0, unchanged 5, not in this export $((in_compound - 5))"

# ---- a changed export: what it carries replaces, the rest stays -----------------
# Resident 1 gets a new phone and moves to building 1002 (area_id changes in
# place: the schema keeps no history of buildings, and moved_in/moved_out
# are not touched); resident 2's row is as stored; resident 3 is not in this
# file.  The file has no 民族, 是否低保 or 备注 columns: those stay.
id1=$(sql "select id_number from residents where id = 1;")
id2=$(sql "select id_number from residents where id = 2;")
b2=$(sql "select name from areas where id = 1002;")
printf '姓名,身份证号码,联系电话,所属小区,楼栋,单元,门牌号\n热孜宛古丽·热合曼,%s,13900000001,塔城路1号院,%s,1,101\n侯玉华,%s,15579297453,塔城路1号院,塔城路1号院1号楼,1,102\n' \
  "$id1" "$b2" "$id2" > "$TMP/changed.csv"
snapshot "$TMP/before.txt"
out=$($MULING import "$DB" residents "$TMP/changed.csv"); rc=$?
check changed-exit "$rc" 0
check changed-counts "$(echo "$out" | sed -n 2p)" "new 0, updated 1, unchanged 1, not in this export $((current - 2))"
check changed-stored "$(sql "select phone || ' ' || area_id || ' ' || address_raw from residents where id = 1;")" \
  "13900000001 1002 塔城路1号院 $b2 1 101"
check changed-kept "$(sql "select ethnic_code || ' ' || low_income || ' ' || sex || ' ' || birth_date || ' ' || coalesce(moved_in, '-') from residents where id = 1;")" \
  "$(grep '^1|' "$TMP/before.txt" | awk -F'|' '{ print $5 " " $11 " " $3 " " $4 " " ($14 == "" ? "-" : $14) }')"
snapshot "$TMP/after.txt"
grep -v '^1|' "$TMP/before.txt" > "$TMP/before.rest"
grep -v '^1|' "$TMP/after.txt" > "$TMP/after.rest"
check_file changed-nothing-else "$TMP/after.rest" "$TMP/before.rest"
check changed-count "$(sql "select count(*) from residents;")" "$total"

# ---- --existing skip and error --------------------------------------------------
printf '姓名,身份证号码,联系电话\n侯玉华,%s,13900000002\n' "$id2" > "$TMP/phone2.csv"
out=$($MULING import "$DB" residents "$TMP/phone2.csv" --existing skip); rc=$?
check skip-summary "$rc $(echo "$out" | sed -n 2p)" "0 new 0, skipped 1, not in this export $((current - 1))"
check skip-kept "$(sql "select phone from residents where id = 2;")" 15579297453
out=$($MULING import "$DB" residents "$TMP/phone2.csv" --existing error); rc=$?
check error-summary "$rc $(echo "$out" | head -n 2 | tr '\n' '|')" "1 read 1, loaded 0, rejected 1|new 0, updated 0, unchanged 0, not in this export $((current - 1))|"
run=$(sql "select max(id) from import_runs;")
check error-reject "$(sql "select line || ' ' || reason from import_rejects where run_id = $run;")" \
  "2 existing: resident 2 has this ID number (--existing error)"
check error-see "$(echo "$out" | grep '^see:')" "see: SELECT line, reason FROM import_rejects WHERE run_id = $run;"
check error-kept "$(sql "select phone from residents where id = 2;")" 15579297453
$MULING import "$DB" residents "$TMP/phone2.csv" --existing replace > /dev/null 2> "$TMP/err"; rc=$?
check existing-bad-value "$rc $(head -n 1 "$TMP/err")" "2 muling: --existing wants update, skip or error, got 'replace'"
printf 'post_id,person_id,role\n' > "$TMP/pool.csv"
$MULING import "$DB" duty_pool "$TMP/pool.csv" --existing skip > /dev/null 2> "$TMP/err"; rc=$?
check existing-other-table "$rc $(head -n 1 "$TMP/err")" "2 muling: --existing is for a table a re-import recognises (residents), not duty_pool"

# ---- one resident twice in one export: the second row is a reject ---------------
# 650103199001010013 is nobody's yet: the first row is new, the second a
# duplicate; resident 2's ID twice: updated once, then a duplicate.
printf '姓名,身份证号码,联系电话\n新人,650103199001010013,13900000003\n新人,650103199001010013,13900000004\n侯玉华,%s,13900000005\n侯玉华,%s,13900000006\n' \
  "$id2" "$id2" > "$TMP/dup.csv"
out=$($MULING import "$DB" residents "$TMP/dup.csv"); rc=$?
check dup-summary "$rc $(echo "$out" | grep '^read\|^new\|^rejected' | tr '\n' '|')" \
  "1 read 4, loaded 2, rejected 2|new 1, updated 1, unchanged 0, not in this export $((current - 1))|rejected: duplicate 2|"
run=$(sql "select max(id) from import_runs;")
new=$(sql "select id from residents where id_number = '650103199001010013';")
check dup-rejects "$(sql "select group_concat(line || ' ' || reason, '|') from (select * from import_rejects where run_id = $run order by line);")" \
  "3 duplicate: line 2 of this export has this ID number too (resident $new)|5 duplicate: line 4 of this export has this ID number too (resident 2)"
check dup-first-wins "$(sql "select count(*) || ' ' || min(phone) from residents where id_number = '650103199001010013';") $(sql "select phone from residents where id = 2;")" \
  "1 13900000003 13900000005"
total=$((total + 1)); current=$((current + 1))

# ---- no ID number: name + birth date + building -----------------------------------
# resident 3 without her ID number, a new phone: recognised.  Two stored
# residents with one name, birth date and building: a reject, never a guess.
printf '姓名,出生日期,所属小区,楼栋,联系电话\n再努尔·米吉提,1949-03-30,塔城路1号院,1号楼,13900000007\n' > "$TMP/noid.csv"
out=$($MULING import "$DB" residents "$TMP/noid.csv"); rc=$?
check noid-counts "$rc $(echo "$out" | sed -n 2p)" "0 new 0, updated 1, unchanged 0, not in this export $((current - 1))"
check noid-stored "$(sql "select phone || ' ' || id_number from residents where id = 3;")" "13900000007 $(sql "select id_number from residents where id = 3;")"
# resident 4's name, birth date and building, but another ID number: a new
# resident (with the birth-date warning), never resident 4 updated.
set -- $(sql "select r.name, r.birth_date, c.name, b.name from residents r join areas b on b.id = r.area_id
  join areas c on c.id = b.parent_id where r.id = 4;" | tr '|' ' ')
printf '姓名,出生日期,身份证号码,所属小区,楼栋\n%s,%s,650103199001010056,%s,%s\n' "$1" "$2" "$3" "$4" > "$TMP/otherid.csv"
out=$($MULING import "$DB" residents "$TMP/otherid.csv"); rc=$?
check other-id-is-new "$rc $(echo "$out" | sed -n 2p) $(sql "select count(*) from residents where name = '$1' and birth_date = '$2';")" \
  "0 new 1, updated 0, unchanged 0, not in this export $current 2"
total=$((total + 1)); current=$((current + 1))
sql "insert into residents(name, birth_date, area_id) values ('双生', '2000-01-01', 1003), ('双生', '2000-01-01', 1003);" > /dev/null
printf '姓名,出生日期,所属小区,楼栋\n双生,2000-01-01,塔城路1号院,3号楼\n' > "$TMP/twins.csv"
out=$($MULING import "$DB" residents "$TMP/twins.csv"); rc=$?
run=$(sql "select max(id) from import_runs;")
check noid-ambiguous "$rc $(sql "select reason from import_rejects where run_id = $run;")" \
  "1 match: residents $((total + 1)), $((total + 2)) all have this name, birth date and building: the row cannot tell which (give the row an ID number, or each of them its own)"
total=$((total + 2)); current=$((current + 2))
check noid-count "$(sql "select count(*) from residents;")" "$total"

# ---- warnings: sex or birth date against the ID number; a former resident ---------
# 650103198001010027 is a woman's number born 1980-01-01; the file says 男
# and 1980-03-01 (60 days).  Resident 5860 moved out; their ID number again
# is a new stay, with a warning.
former=$(sql "select id || ' ' || id_number || ' ' || moved_out from residents where moved_out is not null and died_on is null order by id limit 1;")
set -- $former
printf '姓名,性别,身份证号码,出生日期\n错位,男,650103198001010027,1980-03-01\n回来,,%s,\n' "$2" > "$TMP/warn.csv"
out=$($MULING import "$DB" residents "$TMP/warn.csv"); rc=$?
check warn-exit "$rc" 0
check warn-counts "$(echo "$out" | sed -n 2p)" "new 2, updated 0, unchanged 0, not in this export $current"
check warn-line "$(echo "$out" | grep '^warned:')" "warned: 3 (birth_date 1, former_resident 1, sex 1)"
run=$(sql "select max(id) from import_runs;")
check warn-see "$(echo "$out" | grep '^see:')" "see: SELECT line, kind, detail FROM import_warnings WHERE run_id = $run;"
check warn-rows "$(sql "select group_concat(w.line || ' ' || r.name || ' ' || w.kind || ': ' || w.detail, '|') from
  (select * from import_warnings where run_id = $run order by line, kind) w join residents r on r.id = w.resident_id;")" \
  "2 错位 birth_date: birth date differs by 60 days from the ID number|2 错位 sex: sex differs from the ID number|3 回来 former_resident: resident $1 had this ID number and moved out on $3: loaded as a new resident"
check warn-stored-as-filed "$(sql "select sex || ' ' || birth_date from residents where name = '错位';")" "M 1980-03-01"
check warn-no-birth-digits "$(echo "$out" | grep -c '19800101\|1980-01-01')" 0
check warn-old-stay-kept "$(sql "select moved_out from residents where id = $1;")" "$3"
total=$((total + 2)); current=$((current + 2))

# ---- every run: read = loaded + rejected, loaded = new + updated + unchanged + skipped
check runs-conserve "$(sql "select count(*) from import_runs where read <> loaded + rejected
  or loaded <> new + updated + unchanged + skipped;")" 0
check runs-rejects "$(sql "select count(*) from import_runs r where rejected <> (select count(*) from import_rejects j where j.run_id = r.id)
  or warned <> (select count(*) from import_warnings w where w.run_id = r.id);")" 0
check final-count "$(sql "select count(*) from residents;")" "$total"
check integrity "$(sql "pragma integrity_check; pragma foreign_key_check;")" ok

# ---- the GB18030 fixture twice: unchanged the second time ---------------------------
FX=tests/data/street_export_gb18030.csv
$MULING init "$TMP/fx.db" > /dev/null
$MULING import "$TMP/fx.db" residents "$FX" --encoding gb18030 > "$TMP/fx1.out"
$MULING import "$TMP/fx.db" residents "$FX" --encoding gb18030 > "$TMP/fx2.out"; rc=$?
check fixture-first "$(sed -n 2p "$TMP/fx1.out")" "new 570, updated 0, unchanged 0, not in this export 0"
check fixture-again "$rc $(head -n 2 "$TMP/fx2.out" | tr '\n' '|')" "1 read 600, loaded 570, rejected 30|new 0, updated 0, unchanged 570, not in this export 0|"
check fixture-count "$(sql "select count(*) from residents;" "$TMP/fx.db")" 570
check fixture-see-this-run "$(grep '^see:' "$TMP/fx2.out")" "see: SELECT line, reason FROM import_rejects WHERE run_id = 2;"
check fixture-rejects-per-run "$(sql "select group_concat(n, ' ') from (select count(*) n from import_rejects group by run_id order by run_id);" "$TMP/fx.db")" "30 30"
