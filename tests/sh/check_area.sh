#!/bin/sh
# needs: shell
# muling check --area A: every finding lists exactly the rows the whole
# database's lists whose record is placed in A or below it (a resident in
# their building, else their household's; a household in its building; an
# area in itself; a duplicate ID number when one of its residents is; a
# party member where they live or where their organisation serves; a
# score event where its member lives).  On a generated city with planted
# edge rows (residents placed only through their household, in a
# community, nowhere, or in an area that is not there; a duplicate across
# a border; a household whose member lives elsewhere; an organisation
# serving one community whose member lives in another; a score event of a
# pair with no score_members row; a cycle of areas), for several areas:
# each finding's CSV rows (--only KEY --all --format csv) with --area are
# those of the whole check filtered here, in SQL written plainly, byte for
# byte and in the same order.  Also: --area without --as-of, a name that
# names no area or several, what the output says of the area, the shell's
# :area, and the due_ findings of an area against the due report's.
. tests/lib.sh
GEN=build/generate
[ -x "$GEN" ] || { fail build "no $GEN"; exit 0; }
$GEN --residents 20000 --seed 5 -o "$TMP/city.db" 2> /dev/null || { fail generate "exit $?"; exit 0; }
DB=$TMP/city.db
sql() { printf '%s\n' "$1" | "$SQLITE3" -batch -cmd ".load ${EXT%.so}" "$DB" 2>&1; }

# The places: a street S, its first community C and C's first building B;
# a community C2 of another street and its first building B2.
set -- $(sql "
create table temp.pl as
with s as (select min(id) as id from areas where level = 'street'),
     c as (select min(id) as id from areas where level = 'community' and parent_id = (select id from s)),
     c2 as (select min(id) as id from areas where level = 'community' and parent_id <> (select id from s)),
     sub(top, id) as (select id, id from c union all select id, id from c2
                      union all select sub.top, a.id from areas a join sub on a.parent_id = sub.id)
select (select id from s) as s, (select id from c) as c,
       (select min(sub.id) from sub join areas a on a.id = sub.id where sub.top = (select id from c) and a.level = 'building') as b,
       (select id from c2) as c2,
       (select min(sub.id) from sub join areas a on a.id = sub.id where sub.top = (select id from c2) and a.level = 'building') as b2;
select s, c, b, c2, b2 from temp.pl;" | tr '|' ' ')
S=$1 C=$2 B=$3 C2=$4 B2=$5
check places "$(printf '%s' "$S $C $B $C2 $B2" | wc -w | tr -d ' ')" 5

# The planted rows (ids 990001…; valid ID numbers made with idcard_check_char).
planted=$(sql "
pragma ignore_check_constraints = on;
insert into households(id, area_id, door_no) values
  (990101, $B, 'P-1'), (990102, $C, 'P-2'), (990103, $B, 'P-3'), (990104, $B, 'P-4');
insert into areas(id, parent_id, level, name) values
  (880001, 880002, 'community', '环甲社区'), (880002, 880001, 'street', '环乙街道'),
  (880003, 880001, 'building', '环下楼');
insert into residents(id, name, id_number, area_id, household_id, ethnic_code, ethnic_raw, moved_out, died_on) values
  (990001, '无区一', '110105194912310021', null, 990101, '01', null, null, null),
  (990002, '社区二', null, $C, null, '01', null, null, null),
  (990003, '户区三', null, null, 990102, null, '火星族', null, null),
  (990004, '重号四', '11010519800101001' || idcard_check_char('11010519800101001'), $B, null, '01', null, null, null),
  (990005, '重号五', '11010519800101001' || idcard_check_char('11010519800101001'), $B2, null, '01', null, null, null),
  (990006, '迁六', null, $B, 990103, '01', null, '2023-03-01', null),
  (990007, '故七', null, $B, 990103, '01', null, null, '2023-04-01'),
  (990008, '外八', null, $B2, 990104, '01', null, null, null),
  (990010, '党十', null, $B2, null, '01', null, null, null),
  (990011, '党十一', null, $B, null, '01', null, null, null),
  (990012, '分十二', null, $B, null, '01', null, '2023-03-01', null),
  (990013, '分十三', null, null, 990101, '01', null, null, '2023-02-01'),
  (990014, '环十四', '110105194912310022', 880003, null, '01', null, null, null),
  (990015, '悬十五', '110105194912310023', 777777, null, '01', null, null, null),
  (990016, '无处十六', '110105194912310024', null, null, '01', null, null, null),
  (990017, '码十七', null, $B, null, '99', null, null, null);
insert into party_orgs(id, kind, name, area_id, founded_on, dissolved_on) values
  (90001, 'branch', '撤销支部', $C, '2010-01-01', '2020-01-01');
insert into party_members(resident_id, org_id, status, joined_on) values
  (990010, 90001, 'retired', '2012-01-01'), (990011, 99999, 'retired', '2012-01-01'),
  (990099, 99999, 'retired', '2012-01-01');
insert into score_members(scheme_id, member_id) select min(scheme_id), 990012 from score_rules;
insert into score_events(scheme_id, member_id, rule_code, occurred_on)
  select scheme_id, 990012, min(rule_code), '2023-05-01' from score_rules
   where scheme_id = (select min(scheme_id) from score_rules)
  union all
  select scheme_id, 990012, min(rule_code), '2023-01-01' from score_rules
   where scheme_id = (select min(scheme_id) from score_rules)
  union all
  select scheme_id, 990013, min(rule_code), '2023-04-01' from score_rules
   where scheme_id = (select max(scheme_id) from score_rules);
select (select count(*) from residents where id > 990000) || ' ' || (select count(*) from score_events where member_id > 990000);")
check plant "$planted" "16 3"

keys="invalid_id_number id_birth_mismatch id_sex_mismatch id_birth_future duplicate_id_number unknown_ethnic_code phone_not_normalised household_without_members resident_without_building area_cycle party_member_without_org score_event_after_leaving"
check keys-are-the-findings "$($MULING check "$DB" --only nosuch 2>&1 | sed -n 's/.*the findings are //p' | tr -d ',' | sed 's/ due_.*//')" "$keys"

# What places each finding's row, in plain SQL over the CSV's columns:
# temp.sub is the area and everything below it, temp.inarea the residents
# placed there.
where() {
  case $1 in
    duplicate_id_number)
      echo "exists (select 1 from json_each('[' || resident_ids || ']') j where j.value in (select id from temp.inarea))" ;;
    household_without_members)
      echo "(select area_id from households where id = cast(household_id as integer)) in (select id from temp.sub)" ;;
    area_cycle)
      echo "cast(area_id as integer) in (select id from temp.sub)" ;;
    party_member_without_org)
      echo "cast(resident_id as integer) in (select id from temp.inarea)
            or (select area_id from party_orgs where id = cast(org_id as integer)) in (select id from temp.sub)" ;;
    score_event_after_leaving)
      echo "cast(member_id as integer) in (select id from temp.inarea)" ;;
    *)
      echo "cast(resident_id as integer) in (select id from temp.inarea)" ;;
  esac
}

for k in $keys; do
  $MULING check "$DB" --only "$k" --all --format csv -o "$TMP/whole-$k.csv"
done
total=0
for a in 1 "$S" "$C" "$B" "$C2" "$B2" 880001 880003; do
  for k in $keys; do
    $MULING check "$DB" --area "$a" --only "$k" --all --format csv -o "$TMP/area.csv"; rc=$?
    got=$(sql "
create virtual table temp.w using csvfile(filename='$TMP/whole-$k.csv');
create virtual table temp.a using csvfile(filename='$TMP/area.csv');
create table temp.sub as
  with recursive d(id) as (select $a union select x.id from areas x join d on x.parent_id = d.id)
  select id from d;
create table temp.inarea as
  select r.id from residents r left join households h on h.id = r.household_id
   where coalesce(r.area_id, h.area_id) in (select id from temp.sub);
select (select count(*) from temp.a) || '|' ||
       coalesce((select group_concat(_raw, char(10)) from (select _raw from temp.a order by _line)), '') ||
       '|' || coalesce((select group_concat(_raw, char(10)) from (select _raw from temp.w where $(where "$k") order by _line)), '');")
    n=${got%%|*} rest=${got#*|}
    case $n in *[!0-9]*|'') fail "area-$a-$k" "$got"; continue ;; esac
    if [ "${rest%%|*}" = "${rest#*|}" ] && [ "$rc" = "$([ "$n" -gt 0 ] && echo 1 || echo 0)" ]; then
      total=$((total + n))
    else
      fail "area-$a-$k" "exit $rc; area rows [${rest%%|*}], whole rows there [${rest#*|}]"
    fi
  done
done
ok "area-rows-are-whole-rows-there ($total rows)"
[ "$total" -gt 100 ] && ok "area-rows-compared" || fail "area-rows-compared" "only $total rows"

# The planted rows are where they belong (so the comparison is not of nothing).
has() { $MULING check "$DB" --area "$1" --only "$2" --all | grep -c "$3"; }
check null-area-in-building "$(has "$B" invalid_id_number 'resident_id=990001 ')" 1
check community-resident "$(has "$C" resident_without_building 'resident_id=990002 ')" 1
check household-placed "$(has "$C" unknown_ethnic_code 'resident_id=990003 ')" 1
check household-placed-no-building "$(has "$C" resident_without_building 'resident_id=990003 ')" 1
check code-in-index "$(has "$B" unknown_ethnic_code 'resident_id=990017 ')" 1
check dup-across-border "$(has "$B" duplicate_id_number 'resident_ids=990004,990005') $(has "$B2" duplicate_id_number 'resident_ids=990004,990005') $(has "$S" duplicate_id_number 'resident_ids=990004,990005')" "1 1 1"
check household-gone "$(has "$B" household_without_members 'household_id=990103 ') $(has "$B" household_without_members 'household_id=990104 ')" "1 0"
check party-by-org "$(has "$C" party_member_without_org 'resident_id=990010 ') $(has "$C2" party_member_without_org 'resident_id=990010 ')" "1 1"
check party-missing-org "$(has "$B" party_member_without_org 'resident_id=990011 ')" 1
check score-after-moving "$(has "$B" score_event_after_leaving 'member_id=990012 ') $(has "$B" score_event_after_leaving 'member_id=990013 ')" "1 1"
check cycle "$(has 880001 area_cycle 'area_id=88000[12] ') $(has 880003 area_cycle 'area_id=') $(has 880001 invalid_id_number 'resident_id=990014 ')" "2 0 1"
check placed-nowhere "$($MULING check "$DB" --only invalid_id_number --all | grep -c 'resident_id=99001[56] ') $(has 1 invalid_id_number 'resident_id=99001[56] ')" "2 0"
check outside-not-shown "$(has "$C2" invalid_id_number 'resident_id=990001 ') $(has "$C2" unknown_ethnic_code 'resident_id=99001[37] ')" "0 0"

# --area alone (no --as-of): no due_ finding; the summary and the page name the area.
out=$($MULING check "$DB" --area "$C"); rc=$?
check area-alone "$rc $(printf '%s\n' "$out" | grep -c ' due_')" "1 0"
check area-summary "$(printf '%s\n' "$out" | tail -n 1 | grep -c "checks found something (.* rows) in .* (community, id $C)\$")" 1
check area-title "$($MULING check "$DB" --area "$C" --format md | head -n 1 | grep -c "(community, id $C)")" 1
check area-by-name "$($MULING check "$DB" --area "$($SQLITE3 "$DB" "select name from areas where id = $C")" | tail -n 1)" \
  "$(printf '%s\n' "$out" | tail -n 1)"
check area-due "$($MULING check "$DB" --area "$C" --as-of 2024-01-15 | grep -c '^\(ok\|FOUND\) *due_')" 9

# A name that names no area, or several: exit 2, saying so.
err=$($MULING check "$DB" --area 没有这个地方 2>&1); rc=$?
check no-area "$rc $(printf '%s\n' "$err" | grep -c "^muling: check --area: no area '没有这个地方'")" "2 1"
err=$($MULING check "$DB" --area 99999999 2>&1); rc=$?
check no-area-id "$rc $(printf '%s\n' "$err" | grep -c "no area '99999999'")" "2 1"
sql "insert into areas(id, parent_id, level, name) values (880010, $C, 'grid', '同名网格'), (880011, $C2, 'grid', '同名网格');" > /dev/null
err=$($MULING check "$DB" --area 同名网格 2>&1); rc=$?
check several-areas "$rc $(printf '%s\n' "$err" | grep -c "check --area: area '同名网格' names several: .*880010.*880011.*; give the id")" "2 1"

# In the shell, :area narrows the file as --area does (the whole
# database's statements return nothing then): as many rows.
rows=$(printf '%s\n' "CREATE TEMP TABLE due_lines(kind, what, who, ref, since, due_on, overdue_days, ord);" \
  ".parameter set :area $C" ".mode list" ".headers off" ".read sql/checks.sql" |
  "$SQLITE3" -batch -cmd ".load ${EXT%.so}" "$DB" 2>&1 | wc -l | tr -d ' ')
check shell-area "$rows" "$(printf '%s\n' "$out" | tail -n 1 | sed 's/.*(\([0-9]*\) rows).*/\1/')"

# The due_ findings of an area are the due report's lines for that area
# (sql/reports/due.sql places them): the same count of each kind.  (The
# report refuses the cycle: compared on a copy without it.)
cp "$DB" "$TMP/nocycle.db"
"$SQLITE3" "$TMP/nocycle.db" "delete from areas where id between 880001 and 880099;"
for a in "$S" "$C"; do
  want=$($MULING report "$TMP/nocycle.db" due --param as_of=2024-01-15 --param area="$a" --format csv |
    awk -F, '/^汇总/ { on = 2; next } on == 2 { on = 1; next } on && NF < 2 { exit } on { printf "%s:%s ", $1, $3 }')
  got=$($MULING check "$TMP/nocycle.db" --as-of 2024-01-15 --area "$a" | sed -n 's/^\(ok\|FOUND\) *due_\([a-z_]*\) .*: \([0-9]*\)$/\2:\3/p' | tr '\n' ' ')
  check "due-lines-$a" "$got" "$want"
done
