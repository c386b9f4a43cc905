#!/bin/sh
# needs: shell
# The findings of sql/checks.sql read only the rows that could fail (one
# pass over the residents into temp.check_residents with idcard_problems()
# and a phone test in CASTs, households through the index, areas not
# reached from a root): on a sample with planted edge rows, every finding
# lists exactly the rows of its plain definition over every row
# (tests/data/checks_reference.sql).  The planted rows are the ones a
# prefilter could wrongly skip: an ID with a lower-case x, blanks, 15 or
# 17 digits, full-width digits, an integer; a birth date or sex in another
# spelling; phones of every near-miss shape; households emptied by moving
# out and dying; cycles of areas, short, long and self.
. tests/lib.sh

DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || { fail init "muling init --sample failed"; exit 0; }
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch -cmd ".load ${EXT%.so}" "$1" 2>&1; }

# Residents 990001…: a building to live in, and valid numbers made with
# idcard_check_char (v(p) is p and its check character).
planted=$(sql "$DB" "
pragma ignore_check_constraints = on;
create temp table p(n integer primary key, id_number, birth_date, sex, phone);
insert into temp.p(id_number, birth_date, sex, phone) values
  ('11010519491231002x', '1949-12-31', 'F', '13912345678'),
  ('11010519491231002x', '1949-12-30', 'M', null),
  (' 11010519491231002X', '1949-12-31', 'F', null),
  ('11010519491231002X ', null, null, null),
  ('110105491231002', '1949-12-31', 'F', null),
  ('11010519491231002', null, null, null),
  ('110105194912310021', '1949-12-31', 'F', null),
  ('１１０１０５１９４９１２３１００２Ｘ', null, null, null),
  ('', null, null, null),
  (null, '2000-01-01', 'M', '13912345678'),
  (11010519491231002, null, null, null),
  (650103198709286002, '1987-09-28', 'F', null),
  ('11010519491231002X', '1949/12/31', 'F', null),
  ('11010519491231002X', '1949-12-31', 'f', null),
  ('11010519491231002X', '1949-12-31', '女', null),
  ('11010519491231002X', '19491231', null, null),
  ('11010520990101001' || idcard_check_char('11010520990101001'), null, null, null),
  ('11010520990101002' || idcard_check_char('11010520990101002'), '2099-01-01', 'F', null),
  ('11010520990101003' || idcard_check_char('11010520990101003'), '2099-01-02', 'F', null),
  ('11010519491231002X', null, null, '19999999999'),
  ('11010519491231002X', null, null, '13000000000'),
  ('11010519491231002X', null, null, '12912345678'),
  ('11010519491231002X', null, null, '1391234567'),
  ('11010519491231002X', null, null, '139123456789'),
  ('11010519491231002X', null, null, ' 13912345678'),
  ('11010519491231002X', null, null, '13912345678 '),
  ('11010519491231002X', null, null, '+8613912345678'),
  ('11010519491231002X', null, null, '008613912345678'),
  ('11010519491231002X', null, null, '139-1234-5678'),
  ('11010519491231002X', null, null, '１３９１２３４５６７８'),
  ('11010519491231002X', null, null, '013912345678'),
  ('11010519491231002X', null, null, '1.3912345678e10'),
  ('11010519491231002X', null, null, '23912345678'),
  ('11010519491231002X', null, null, '-1391234567'),
  ('11010519491231002X', null, null, '13912345678.0'),
  ('11010519491231002X', null, null, '1391234567８'),
  ('11010519491231002X', null, null, ''),
  ('11010519491231002X', null, null, 'none'),
  ('11010519491231002X', null, null, 13912345678),
  ('11010519491231002X', null, null, 12345678901);
insert into residents(id, id_number, name, birth_date, sex, phone, area_id)
  select 990000 + n, id_number, '测试' || n, birth_date, sex, phone,
         (select min(id) from areas where level = 'building') from temp.p;
select count(*) from residents where id > 990000;")
check plant-residents "$planted" 40

# Households: all moved out or died (found), one left (not), none at all
# (found), none but dissolved (not), a resident whose household is gone,
# the one resident died (found).
check plant-households "$(sql "$DB" "
pragma ignore_check_constraints = on;
insert into households(id, area_id, door_no, dissolved_on) values
  (990101, (select min(id) from areas where level = 'building'), 'T-1', null),
  (990102, (select min(id) from areas where level = 'building'), 'T-2', null),
  (990103, (select min(id) from areas where level = 'building'), 'T-3', null),
  (990104, (select min(id) from areas where level = 'building'), 'T-4', '2023-01-01'),
  (990105, (select min(id) from areas where level = 'building'), 'T-5', null),
  (990106, (select min(id) from areas where level = 'building'), 'T-6', null);
insert into residents(id, name, household_id, moved_out, died_on) values
  (990201, '迁一', 990101, '2023-03-01', null),
  (990202, '故二', 990101, null, '2023-04-01'),
  (990203, '迁三', 990102, '2023-03-01', null),
  (990204, '在四', 990102, null, null),
  (990205, '迁五', 990104, '2023-03-01', null),
  (990206, '无户', 999999, '2023-03-01', null),
  (990207, '故七', 990106, null, '2023-05-01');
select count(*) from households where id > 990100;")" 6

# Areas: a cycle of two with an area below it, a self-loop, a parent that
# is not there, and a cycle of 40 (longer than area_ancestors walks).
check plant-areas "$(sql "$DB" "
pragma ignore_check_constraints = on;
insert into areas(id, parent_id, level, name) values
  (880001, 880002, 'street', '环甲'), (880002, 880001, 'community', '环乙'),
  (880003, 880001, 'building', '环下'), (880004, 880004, 'grid', '自环'),
  (880005, 989898, 'building', '悬空');
with recursive n(i) as (select 0 union all select i + 1 from n where i < 39)
insert into areas(id, parent_id, level, name) select 880100 + i, 880100 + (i + 1) % 40, 'grid', '长环' || i from n;
select count(*) from areas where id > 880000;")" 45

# A scheme member who moved out, and one who died, before some of their
# events.
check plant-score "$(sql "$DB" "
update residents set moved_out = (select min(occurred_on) from score_events e where e.member_id = residents.id)
 where id = (select min(member_id) from score_events);
update residents set died_on = (select min(occurred_on) from score_events e where e.member_id = residents.id)
 where id = (select max(member_id) from score_events);
select count(*) from residents where moved_out is not null and id = (select min(member_id) from score_events)
   or died_on is not null and id = (select max(member_id) from score_events);")" 2

# Every finding (but the due_ ones, which read temp.due_lines) both ways.
# The new file runs whole first (its setup builds temp.check_residents),
# then each finding's statement alone, as the reference's.
stmt() { awk -v k="-- finding: $2 " 'index($0, k) == 1 { on = 1; next }
  on && /^--/ { next } on { print } on && /;[ \t]*$/ { exit }' "$1"; }
keys=$(sed -n 's/^-- finding: \([a-z_]*\) .*/\1/p' tests/data/checks_reference.sql)
check reference-keys "$(printf '%s\n' "$keys" | wc -l | tr -d ' ')" 12
pre="CREATE TEMP TABLE due_lines(kind, what, who, ref, since, due_on, overdue_days, ord);"
for k in $keys; do
  ref=$(sql "$DB" "$pre
.mode csv
$(stmt tests/data/checks_reference.sql "$k")")
  new=$(sql "$DB" "$pre
.output /dev/null
.read sql/checks.sql
.output stdout
.mode csv
$(stmt sql/checks.sql "$k")")
  check "same-$k" "$new" "$ref"
done

# The planted rows are found (so the comparison above is not of nothing).
n() { $MULING check "$DB" | grep -E "^(ok|FOUND) +$1 " | sed 's/.*: //'; }
check found-invalid "$(n invalid_id_number)" 8
check found-birth "$(n id_birth_mismatch)" 4
check found-sex "$(n id_sex_mismatch)" 4
check found-future "$(n id_birth_future)" 3
check found-phone "$(n phone_not_normalised)" 18
check found-households "$(n household_without_members)" 4
check found-cycles "$(n area_cycle)" 3
check found-score "$(n score_event_after_leaving)" \
  "$(sql "$DB" "select count(*) from score_events e join residents r on r.id = e.member_id
                 where e.occurred_on > coalesce(r.moved_out, r.died_on) and e.reverses is null")"

# --only skips the passes ("-- for:") the findings asked for do not read:
# each finding alone lists what it lists among all the others.
$MULING check "$DB" --all > "$TMP/all.txt"
for k in $keys; do
  awk -v k="$k" '/^(ok|FOUND) / { on = ($2 == k) } /^$/ { on = 0 } on' "$TMP/all.txt" > "$TMP/want.txt"
  $MULING check "$DB" --only "$k" --all | sed '/^$/,$d' > "$TMP/got.txt"
  check_file "only-$k" "$TMP/got.txt" "$TMP/want.txt"
done
check only-two "$($MULING check "$DB" --only duplicate_id_number,household_without_members | grep -c '^FOUND')" 2

# A blob is an error naming the function, in the pass as in the finding.
cp "$DB" "$TMP/blob.db"
sql "$TMP/blob.db" "update residents set phone = x'3133393132333435363738' where id = 990020;" > /dev/null
out=$($MULING check "$TMP/blob.db" 2>&1); rc=$?
check blob-phone "$rc $(printf '%s\n' "$out" | grep -c 'phone_normalize: phone must be text, got a blob')" "3 1"
sql "$TMP/blob.db" "update residents set phone = null where id = 990020;
pragma ignore_check_constraints = on; update residents set id_number = x'3131' where id = 990020;" > /dev/null
out=$($MULING check "$TMP/blob.db" 2>&1); rc=$?
check blob-id "$rc $(printf '%s\n' "$out" | grep -c 'idcard_problems: id must be text, got a blob')" "3 1"
