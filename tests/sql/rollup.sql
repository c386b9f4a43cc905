-- rollup(): composition over an area tree; the suppression rules as small
-- tables a reviewer can check by eye; top=K; errors verbatim; aggregates.
-- (The randomized comparison with plain SQL is tests/sql/rollup_random.sql.)

------------------------------------------------------------------------------
-- 1. Counting and carrying up.
--
--   1 C (community)          01=75 05=15 17=12 02=3   total 105
--   ├── 2 B1 (building)      01=30 17=12 02=3          total 45
--   ├── 3 B2 (building)      01=20 05=15 (+1 NULL)     total 35
--   └── 4 B3 (building)      01=25                     total 25
--   5 X (a second root with nobody beneath it: no rows)
------------------------------------------------------------------------------
create table seq(i integer primary key);
insert into seq with recursive k(i) as (select 1 union all select i + 1 from k where i < 3000) select i from k;
create table areas(id integer primary key, parent_id int, level text, name text);
insert into areas values (1,null,'community','C'),(2,1,'building','B1'),
  (3,1,'building','B2'),(4,1,'building','B3'),(5,null,'community','X');
create table residents(id integer primary key, area_id int, ethnic_code text);
insert into residents(area_id, ethnic_code)
  select 2, '01' from seq where i <= 30 union all
  select 2, '17' from seq where i <= 12 union all
  select 2, '02' from seq where i <= 3  union all
  select 3, '01' from seq where i <= 20 union all
  select 3, '05' from seq where i <= 15 union all
  select 4, '01' from seq where i <= 25 union all
  select 3, null;
create view shown as select area_id, coalesce(category, '*') || '=' || coalesce(n, '?') as cell
  from rollup('residents', 'ethnic_code');

select 'rollup-order', (select group_concat(area_id || ':' || cell, ' ') from shown)
  = '1:*=105 1:01=75 1:05=15 1:17=12 1:02=3 2:*=45 2:01=30 2:17=12 2:02=3 3:*=35 3:01=20 3:05=15 4:*=25 4:01=25';
select 'rollup-no-empty-areas', (select count(*) from rollup('residents','ethnic_code') where area_id = 5) = 0;
select 'rollup-columns', (select area_id||'|'||level||'|'||name||'|'||parent_id||'|'||category||'|'||n||'|'||share||'|'||rank||'|'||total||'|'||suppressed
  from rollup('residents','ethnic_code') where area_id = 3 and category = '05') = '3|building|B2|1|05|15|0.428571428571429|2|35|0';
select 'rollup-total-row', (select printf('%s %d %.1f %s %d %d', quote(category), n, share, quote(rank), total, groups)
  from rollup('residents','ethnic_code') where area_id = 1 and category is null) = 'NULL 105 1.0 NULL 105 4';
select 'rollup-diversity-total-only', (select count(*) from rollup('residents','ethnic_code')
  where category is not null and (groups is not null or fractionalization is not null or entropy is not null)) = 0;
select 'rollup-fractionalization', (select abs(fractionalization - (1 - (30*30 + 12*12 + 3*3) / 2025.0)) < 1e-12
  from rollup('residents','ethnic_code') where area_id = 2 and category is null);
select 'rollup-entropy', (select abs(entropy + (30/45.0*ln(30/45.0) + 12/45.0*ln(12/45.0) + 3/45.0*ln(3/45.0))) < 1e-12
  from rollup('residents','ethnic_code') where area_id = 2 and category is null);
select 'rollup-one-group', (select fractionalization || ' ' || entropy
  from rollup('residents','ethnic_code') where area_id = 4 and category is null) = '0.0 0.0';
select 'rollup-null-skipped', (select total from rollup('residents','ethnic_code') where area_id = 3 and category is null) = 35;
select 'rollup-hidden-args', (select source || ',' || category_column || ',' || quote(options)
  from rollup('residents','ethnic_code') limit 1) = 'residents,ethnic_code,NULL';
select 'rollup-label-null-default', (select count(*) from rollup('residents','ethnic_code') where label is not null) = 0;
select 'rollup-named-args', (select count(*) from rollup where source = 'residents' and category_column = 'ethnic_code') = 14;
-- any text column is a category; values are compared as text
create table people(area_id int, sex text, age int);
insert into people values (2,'M',30),(2,'F',30),(3,'F',7),(4,'F',7),(4,'F',30);
select 'rollup-any-column', (select group_concat(category || '=' || n, ' ') from rollup('people','sex') where area_id = 1 and category is not null) = 'F=4 M=1';
select 'rollup-integer-category', (select group_concat(category || '=' || n || ':' || typeof(category), ' ') from rollup('people','age') where area_id = 1 and category is not null) = '30=3:text 7=2:text';
-- rows of every kind in one scan (a short text seen before takes the lean
-- step, any other the general one): 7 and '7' are one category, a long
-- text, a real, a NULL skipped
create table mixed(area_id int, c);
insert into mixed values (2, '7'), (2, 7), (3, 'a category longer than seven bytes'), (2, '7'), (3, null),
  (3, 'a category longer than seven bytes'), (4, 7.5), (2, 'x'), (4, '7.5'), (4, 'x');
select 'rollup-mixed-row-kinds', (select group_concat(category || '=' || n, ' ') from rollup('mixed','c') where area_id = 1 and category is not null)
  = '7=3 7.5=2 a category longer than seven bytes=2 x=2';

-- a row attached to a non-leaf area counts there and above
insert into residents(area_id, ethnic_code) values (1, '17');
select 'rollup-nonleaf-row', (select group_concat(area_id || ':' || cell, ' ') from shown where cell like '17=%') = '1:17=13 2:17=12';
delete from residents where area_id = 1;

-- ranks: ties broken by category ascending
create table tie(area_id int, c text);
insert into tie select 2, 'b' from seq where i <= 4 union all select 2, 'a' from seq where i <= 4
  union all select 2, 'c' from seq where i <= 9 union all select 2, 'd' from seq where i <= 1;
select 'rollup-rank-ties', (select group_concat(category || '#' || rank, ' ') from rollup('tie','c') where area_id = 2 and category is not null) = 'c#1 a#2 b#3 d#4';
-- the same with 70 categories (past the 63 a line's bins hold: the cells
-- are made in the hash and ranked by ruRank), inserted in descending
-- order: k50 twice, every other once, ties by category ascending
create table tie70(area_id int, c text);
insert into tie70 select 2, printf('k%02d', 71 - i) from seq where i <= 70 union all select 2, 'k50';
select 'rollup-rank-ties-hash', (select group_concat(category || '#' || rank, ' ') from rollup('tie70','c') where area_id = 2 and category is not null and rank <= 4) = 'k50#1 k01#2 k02#3 k03#4';
select 'rollup-rank-ties-hash-last', (select category || '#' || rank from rollup('tie70','c') where area_id = 2 and rank = 70) = 'k70#70';

-- quoting: identifiers that need quotes work; injection does nothing
create table "odd ""name"""(area_id int, "odd col" text);
insert into "odd ""name""" values (2, 'x'), (3, 'y');
select 'rollup-quoted-names', (select total from rollup('odd "name"', 'odd col') where area_id = 1 and category is null) = 2;
select 'rollup-injection', test_error('select * from rollup(''x"; DROP TABLE residents; --'', ''ethnic_code'')')
  = 'rollup: no such table: x"; DROP TABLE residents; --';
select 'rollup-injection-column', test_error('select * from rollup(''residents'', ''ethnic_code" FROM residents; DROP TABLE residents; --'')')
  = 'rollup: no column ''ethnic_code" FROM residents; DROP TABLE residents; --'' in ''residents''';
select 'rollup-injection-harmless', (select count(*) from residents) = 106;

-- a view is a source too; areas=NAME reads another tree
create view res_view as select area_id, ethnic_code as e from residents where ethnic_code <> '02';
create table tree2(id int, parent_id int, level text, name text);
insert into tree2 values (1, null, 'all', 'ALL'), (2, 1, 'half', 'H1'), (3, 1, 'half', 'H2'), (4, 3, 'quarter', 'Q');
select 'rollup-view-and-areas', (select group_concat(area_id || ':' || coalesce(category,'*') || '=' || n, ' ')
  from rollup('res_view', 'e', 'areas=tree2')) = '1:*=102 1:01=75 1:05=15 1:17=12 2:*=42 2:01=30 2:17=12 3:*=60 3:01=45 3:05=15 4:*=25 4:01=25';

------------------------------------------------------------------------------
-- 2. Suppression, one rule at a time (min_cell=10 unless said).
------------------------------------------------------------------------------
-- 2a. Primary and within-area complementary suppression, tree of section 1:
--   B1: 01=30 17=12 02=3 → 02 hidden (3 < 10); one hidden cell alone would
--       be 45-30-12, so the smallest shown cell, 17=12, is hidden too.
--   C:  01=75 05=15 17=12 02=3 → the same: 02 and then 17 hidden.
--   B2, B3: nothing below 10.
create view sup as select area_id, coalesce(category,'*') || '=' || coalesce(n,'?') || case suppressed when 1 then 's' else '' end as cell, fractionalization f
  from rollup('residents', 'ethnic_code', 'min_cell=10');
select 'rollup-min-cell', (select group_concat(area_id || ':' || cell, ' ') from sup)
  = '1:*=105 1:01=75 1:05=15 1:02=?s 1:17=?s 2:*=45 2:01=30 2:02=?s 2:17=?s 3:*=35 3:01=20 3:05=15 4:*=25 4:01=25';
-- hidden rows show neither n, share nor rank
select 'rollup-hidden-nulls', (select count(*) from rollup('residents','ethnic_code','min_cell=10')
  where suppressed = 1 and (n is not null or share is not null or rank is not null)) = 0;
-- diversity would let a reader solve for hidden cells (x+y and x²+y² fix
-- two of them): NULL wherever a cell of the area is hidden
select 'rollup-hidden-diversity', (select group_concat(area_id || ':' || quote(round(f, 6)), ' ') from sup where cell like '*=%')
  = '1:NULL 2:NULL 3:0.489796 4:0.0';
select 'rollup-min-cell-0', (select count(*) from rollup('residents','ethnic_code','min_cell=0') where suppressed = 1) = 0;
select 'rollup-min-cell-1', (select count(*) from rollup('residents','ethnic_code','min_cell=1') where suppressed = 1) = 0;

-- 2b. Two small cells protect each other; no complement needed:
--   A: 01=30 02=3 03=4 → 02, 03 hidden, 01 shown
create table t2b(area_id int, c text);
create table a2b(id int, parent_id int, level text, name text);
insert into a2b values (1, null, 'building', 'A');
insert into t2b select 1, '01' from seq where i <= 30 union all select 1, '02' from seq where i <= 3
  union all select 1, '03' from seq where i <= 4;
select 'rollup-two-small', (select group_concat(coalesce(category,'*') || '=' || coalesce(n,'?'), ' ')
  from rollup('t2b', 'c', 'min_cell=10; areas=a2b')) = '*=37 01=30 02=? 03=?';

-- 2c. An area whose only group is small: its one cell would equal the
--   total, so the area shows its total row only.   A: 01=7
delete from t2b; insert into t2b select 1, '01' from seq where i <= 7;
select 'rollup-only-group-small', (select group_concat(coalesce(category,'*') || '=' || coalesce(n,'?') || '/' || quote(groups), ' ')
  from rollup('t2b', 'c', 'min_cell=10; areas=a2b')) = '*=7/NULL';

-- 2d. Across levels: P's cell minus its shown children must not give a
--   hidden child cell.
--          01  02  03  05  total
--     A    20   5   6  15   46     02, 03 < 10: hidden (two: fine in A)
--     B    20  12  11   -   43
--     P    40  17  17  15   89
--   P:02 = 17 and B:02 = 12 shown would give A:02 = 5, so the smallest
--   shown child 02 cell, B:02, is hidden; likewise P:03 - B:03 would give
--   A:03 = 6: B:03 is hidden.  Each of P's columns now has two hidden
--   children, B two hidden cells.  Result: A 01 05 shown; B 01 shown; P
--   all shown.
create table a2d(id int, parent_id int, level text, name text);
insert into a2d values (1, null, 'p', 'P'), (2, 1, 'c', 'A'), (3, 1, 'c', 'B');
create table t2d(area_id int, c text);
insert into t2d select 2, '01' from seq where i <= 20 union all select 2, '02' from seq where i <= 5
  union all select 2, '03' from seq where i <= 6 union all select 2, '05' from seq where i <= 15
  union all select 3, '01' from seq where i <= 20 union all select 3, '02' from seq where i <= 12
  union all select 3, '03' from seq where i <= 11;
select 'rollup-across-levels', (select group_concat(area_id || ':' || coalesce(category,'*') || '=' || coalesce(n,'?'), ' ')
  from rollup('t2d', 'c', 'min_cell=10; areas=a2d'))
  = '1:*=89 1:01=40 1:02=17 1:03=17 1:05=15 2:*=46 2:01=20 2:05=15 2:02=? 2:03=? 3:*=43 3:01=20 3:02=? 3:03=?';

-- 2e. min_area: areas under N people show their total row only.
--   min_area=45, min_cell=0 (so only min_area and the across-levels rule act):
--          01  02  03  05  total
--     A    20   5   6  15   46
--     B    20  12  11   -   43  (43 < 45: withheld, cells unknown to a reader)
--     P    40  17  17  15   89
--   P:01 - A:01 would give B:01: A:01 hidden; so are A:02, A:03.  P:05 -
--   A:05 gives B:05 = 0, a zero, which may be shown: A:05 stays.  groups
--   is NULL on the withheld area's total row.
select 'rollup-min-area', (select group_concat(area_id || ':' || coalesce(category,'*') || '=' || coalesce(n,'?') || ':' || quote(groups), ' ')
  from rollup('t2d', 'c', 'min_area=45; areas=a2d'))
  = '1:*=89:4 1:01=40:NULL 1:02=17:NULL 1:03=17:NULL 1:05=15:NULL 2:*=46:4 2:05=15:NULL 2:01=?:NULL 2:02=?:NULL 2:03=?:NULL 3:*=43:NULL';

-- 2f. When no child shows the category, the parent's own cell goes.
--          01  17  05  total
--     A    15  15   -   30   (min_area=40: withheld)
--     B    50   -  20   70
--     P    65  15  20  100
--   P:01 - B:01 would give A:01: B:01 is hidden.  P:17 = 15 would be
--   A:17 (B has none to hide): P:17 itself is hidden.  Then P and B each
--   have one hidden cell: P:05 and B:05, their smallest shown, go too.
create table a2f(id int, parent_id int, level text, name text);
insert into a2f values (1, null, 'p', 'P'), (2, 1, 'c', 'A'), (3, 1, 'c', 'B');
create table t2f(area_id int, c text);
insert into t2f select 2, '01' from seq where i <= 15 union all select 2, '17' from seq where i <= 15
  union all select 3, '01' from seq where i <= 50 union all select 3, '05' from seq where i <= 20;
select 'rollup-parent-cell', (select group_concat(area_id || ':' || coalesce(category,'*') || '=' || coalesce(n,'?'), ' ')
  from rollup('t2f', 'c', 'min_cell=10; min_area=40; areas=a2f'))
  = '1:*=100 1:01=65 1:05=? 1:17=? 2:*=30 3:*=70 3:01=? 3:05=?';
-- total rows are never suppressed
select 'rollup-totals-never-hidden', (select count(*) from rollup('t2f', 'c', 'min_cell=10; min_area=40; areas=a2f')
  where category is null and (suppressed <> 0 or n is null)) = 0;

------------------------------------------------------------------------------
-- 3. top=K
------------------------------------------------------------------------------
-- 3a. ties at the boundary break as ranks do: a=4 b=4 c=9 d=1, top=2 →
--   c#1, a#2, 其他 = b+d = 5 with rank 3; diversity on all four groups.
select 'rollup-top-ties', (select group_concat(category || '=' || n || '#' || rank, ' ')
  from rollup('tie', 'c', 'top=2') where area_id = 2 and category is not null) = 'c=9#1 a=4#2 其他=5#3';
select 'rollup-top-diversity', (select groups || ' ' || round(fractionalization, 6)
  from rollup('tie', 'c', 'top=2') where area_id = 2 and category is null)
  = '4 ' || round(1 - (16 + 16 + 81 + 1) / 324.0, 6);
select 'rollup-top-not-needed', (select group_concat(category, ' ') from rollup('tie', 'c', 'top=4') where area_id = 2) = 'c a b d';
-- 3b. top with min_cell:  A: 01=50 17=30 05=20 02=3 03=2, min_cell=10, top=3
--   02, 03 hidden (two, fine); 其他 = 5 would be a small cell: hidden, and
--   then 05 (the smallest shown of the top 3) is hidden, since 其他 =
--   total − shown top cells.
delete from t2b;
insert into t2b select 1, '01' from seq where i <= 50 union all select 1, '17' from seq where i <= 30
  union all select 1, '05' from seq where i <= 20 union all select 1, '02' from seq where i <= 3
  union all select 1, '03' from seq where i <= 2;
select 'rollup-top-min-cell', (select group_concat(coalesce(category,'*') || '=' || coalesce(n,'?') || '#' || coalesce(rank,'-'), ' ')
  from rollup('t2b', 'c', 'min_cell=10, top=3, areas=a2b')) = '*=105#- 01=50#1 17=30#2 05=?#- 其他=?#4';
-- 3c. the folded sum is large enough and the top cells are shown: kept.
--   A: 01=50 17=30 05=20 02=3 03=2 04=11, top=3 → 其他 = 16
insert into t2b select 1, '04' from seq where i <= 11;
select 'rollup-top-other-shown', (select group_concat(coalesce(category,'*') || '=' || coalesce(n,'?'), ' ')
  from rollup('t2b', 'c', 'min_cell=10, top=3, areas=a2b')) = '*=116 01=50 17=30 05=20 其他=16';

------------------------------------------------------------------------------
-- 4. label=ethnic reads the ethnic_groups table (here a stand-in)
------------------------------------------------------------------------------
select 'rollup-label-missing', case when exists (select 1 from pragma_module_list where name = 'ethnic_groups') then 1
  else test_error('select * from rollup(''residents'', ''ethnic_code'', ''label=ethnic'')')
       = 'rollup: label=ethnic needs the ethnic_groups table: no such table: ethnic_groups' end;
create temp table ethnic_groups(code text, name text);
insert into ethnic_groups values ('01', '汉族'), ('05', '维吾尔族'), ('17', '哈萨克族'), ('02', '蒙古族');
select 'rollup-label', (select group_concat(coalesce(label, '-'), ' ') from rollup('residents', 'ethnic_code', 'label=ethnic; top=2') where area_id = 1)
  = '- 汉族 维吾尔族 其他';
drop table temp.ethnic_groups;

------------------------------------------------------------------------------
-- 5. Errors, verbatim
------------------------------------------------------------------------------
select 'rollup-err-table', test_error('select * from rollup(''nosuch'', ''ethnic_code'')') = 'rollup: no such table: nosuch';
select 'rollup-err-column', test_error('select * from rollup(''residents'', ''ethnic'')') = 'rollup: no column ''ethnic'' in ''residents''';
select 'rollup-err-area-id', test_error('select * from rollup(''tree2'', ''name'')') = 'rollup: no column ''area_id'' in ''tree2''';
select 'rollup-err-areas-table', test_error('select * from rollup(''residents'', ''ethnic_code'', ''areas=nosuch'')') = 'rollup: no such table: nosuch';
select 'rollup-err-areas-column', test_error('select * from rollup(''residents'', ''ethnic_code'', ''areas=people'')') = 'rollup: no column ''id'' in ''people''';
create table cyc(id int, parent_id int, level text, name text);
insert into cyc values (1, null, 'r', 'R'), (2, 1, 'x', 'X'), (5, 4, 'x', 'A'), (3, 5, 'x', 'B'), (4, 3, 'x', 'C'), (6, 5, 'x', 'below');
select 'rollup-err-cycle', test_error('select * from rollup(''residents'', ''ethnic_code'', ''areas=cyc'')') = 'rollup: area 3 is its own ancestor in ''cyc''';
update cyc set parent_id = 6 where id = 6;
update cyc set parent_id = 1 where id = 5;
select 'rollup-err-self-parent', test_error('select * from rollup(''residents'', ''ethnic_code'', ''areas=cyc'')') = 'rollup: area 6 is its own ancestor in ''cyc''';
create table dang(id int, parent_id int, level text, name text);
insert into dang values (1, null, 'r', 'R'), (2, 1, 'x', 'X'), (7, 99, 'x', 'Y');
select 'rollup-err-dangling', test_error('select * from rollup(''residents'', ''ethnic_code'', ''areas=dang'')') = 'rollup: area 7 has parent_id 99, which is not in ''dang''';
insert into dang values (2, 1, 'x', 'again');
select 'rollup-err-duplicate', test_error('select * from rollup(''residents'', ''ethnic_code'', ''areas=dang'')') = 'rollup: area id 2 appears twice in ''dang''';
create table badid(id, parent_id, level, name);
insert into badid values ('x1', null, 'r', 'R');
select 'rollup-err-bad-id', test_error('select * from rollup(''residents'', ''ethnic_code'', ''areas=badid'')') = 'rollup: area id ''x1'' in ''badid'' is not an integer';
create table lost(area_id, e);
insert into lost values (2, '01'), (999, '01');
select 'rollup-err-unknown-area', test_error('select * from rollup(''lost'', ''e'')') = 'rollup: a row of ''lost'' has area_id 999, which is not in ''areas''';
update lost set area_id = null where area_id = 999;
select 'rollup-err-null-area', test_error('select * from rollup(''lost'', ''e'')') = 'rollup: a row of ''lost'' has area_id NULL';
update lost set e = null where area_id is null;
select 'rollup-null-area-null-category-skipped', (select n from rollup('lost', 'e') where area_id = 2 and category is null) = 1;
update lost set area_id = 'B1', e = '01' where area_id is null;
select 'rollup-err-text-area', test_error('select * from rollup(''lost'', ''e'')') = 'rollup: a row of ''lost'' has area_id ''B1'', which is not in ''areas''';
select 'rollup-err-no-args', test_error('select * from rollup') = 'rollup: needs a source table and a category column: rollup(source, category [, options])';
select 'rollup-err-one-arg', test_error('select * from rollup(''residents'')') = 'rollup: needs a source table and a category column: rollup(source, category [, options])';
select 'rollup-err-null-source', test_error('select * from rollup(null, ''ethnic_code'')') = 'rollup: source must be a table name, got NULL';
select 'rollup-err-null-category', test_error('select * from rollup(''residents'', null)') = 'rollup: category must be a column name, got NULL';
select 'rollup-null-options', (select count(*) from rollup('residents', 'ethnic_code', null)) = 14;
select 'rollup-err-option-unknown', test_error('select * from rollup(''residents'', ''ethnic_code'', ''min_cell=10; color=red'')') = 'rollup: unknown option ''color''';
select 'rollup-err-option-twice', test_error('select * from rollup(''residents'', ''ethnic_code'', ''min_cell=10, MIN_CELL=5'')') = 'rollup: option ''min_cell'' given twice';
select 'rollup-err-option-value', test_error('select * from rollup(''residents'', ''ethnic_code'', ''min_cell=ten'')') = 'rollup: min_cell must be a non-negative integer, got ''ten''';
select 'rollup-err-option-negative', test_error('select * from rollup(''residents'', ''ethnic_code'', ''min_area=-1'')') = 'rollup: min_area must be a non-negative integer, got ''-1''';
select 'rollup-err-option-top', test_error('select * from rollup(''residents'', ''ethnic_code'', ''top=0'')') = 'rollup: top must be a positive integer, got ''0''';
select 'rollup-err-option-label', test_error('select * from rollup(''residents'', ''ethnic_code'', ''label=sex'')') = 'rollup: label must be ''ethnic'', got ''sex''';
select 'rollup-err-option-no-value', test_error('select * from rollup(''residents'', ''ethnic_code'', ''min_cell'')') = 'rollup: option ''min_cell'' must be key=value';
select 'rollup-err-option-empty-areas', test_error('select * from rollup(''residents'', ''ethnic_code'', ''areas='')') = 'rollup: areas must name a table, got ''''';
-- weight=: a source already counted rolls up without its rows
create table wcells as select area_id, ethnic_code, count(*) as n from residents group by 1, 2;
select 'rollup-weight-same', (select count(*) from (select rowid, * from rollup('residents', 'ethnic_code', 'min_cell=10; top=2')
  except select rowid, * from rollup('wcells', 'ethnic_code', 'weight=n; min_cell=10; top=2'))) = 0
  and (select count(*) from rollup('wcells', 'ethnic_code', 'weight=n; min_cell=10; top=2')) = (select count(*) from rollup('residents', 'ethnic_code', 'min_cell=10; top=2'));
create table wz(area_id, e, n);
insert into wz values (2, '01', 5), (3, '01', 0), (3, '17', null), (999, '01', 0), (4, null, 7);
select 'rollup-weight-zero-null-count-nothing', (select group_concat(area_id || ':' || coalesce(category, '*') || '=' || n, ' ') from rollup('wz', 'e', 'weight=n'))
  = '1:*=5 1:01=5 2:*=5 2:01=5';
create table wlarge(area_id, e, n);
insert into wlarge values (2, '01', 100000000), (2, '01', 3), (3, '17', 5000000000), (2, '17', 1);
select 'rollup-weight-large', (select group_concat(area_id || ':' || coalesce(category, '*') || '=' || n, ' ') from rollup('wlarge', 'e', 'weight=n'))
  = '1:*=5100000004 1:17=5000000001 1:01=100000003 2:*=100000004 2:01=100000003 2:17=1 3:*=5000000000 3:17=5000000000';
create table wbad(area_id, e, n);
insert into wbad values (2, '01', 3), (2, '17', -1);
select 'rollup-err-weight-negative', test_error('select * from rollup(''wbad'', ''e'', ''weight=n'')') = 'rollup: a row of ''wbad'' has weight -1 in ''n''; a weight is a whole number >= 0';
update wbad set n = 'x' where n = -1;
select 'rollup-err-weight-text', test_error('select * from rollup(''wbad'', ''e'', ''weight=n'')') = 'rollup: a row of ''wbad'' has weight ''x'' in ''n''; a weight is a whole number >= 0';
update wbad set n = 2.5 where n = 'x';
select 'rollup-err-weight-real', test_error('select * from rollup(''wbad'', ''e'', ''weight=n'')') = 'rollup: a row of ''wbad'' has weight 2.5 in ''n''; a weight is a whole number >= 0';
update wbad set n = 2, area_id = 999 where n = 2.5;
select 'rollup-err-weight-area', test_error('select * from rollup(''wbad'', ''e'', ''weight=n'')') = 'rollup: a row of ''wbad'' has area_id 999, which is not in ''areas''';
select 'rollup-err-weight-column', test_error('select * from rollup(''wcells'', ''ethnic_code'', ''weight=nosuch'')') = 'rollup: no column ''nosuch'' in ''wcells''';
select 'rollup-err-weight-empty', test_error('select * from rollup(''wcells'', ''ethnic_code'', ''weight='')') = 'rollup: weight must name a column, got ''''';
create table wbig(area_id, e, n);
insert into wbig values (2, '01', 9223372036854775807), (3, '01', 1);
select 'rollup-err-weight-sum', test_error('select * from rollup(''wbig'', ''e'', ''weight=n'')') = 'rollup: the weights in ''wbig'' add up to more than 9223372036854775807';
select 'rollup-options-spacing', (select count(*) from rollup('residents', 'ethnic_code', ' min_cell = 10 ; top = 2 ;')) = 13;
select 'rollup-options-quoted', (select count(*) from rollup('res_view', 'e', 'areas=''tree2''')) = 12;
select 'rollup-no-create', test_error('create virtual table r using rollup(residents, ethnic_code)') like '%rollup%';

------------------------------------------------------------------------------
-- 6. Aggregates
------------------------------------------------------------------------------
-- seed 000 as the seed prints it: 2590 / 1530 / 1134 / 605 → F 0.688, H 1.264
create table seed(cat text);
insert into seed select '汉' from seq where i <= 2590 union all select '哈萨克' from seq where i <= 1530
  union all select '维吾尔' from seq where i <= 1134 union all select '其他' from seq where i <= 605;
select 'frac-seed-000', (select round(fractionalization(cat), 3) from seed) = 0.688;
select 'entropy-seed-000', (select round(entropy(cat), 3) from seed) = 1.264;
select 'frac-null-ignored', (select fractionalization(x) from (select 'a' x union all select null union all select 'b')) = 0.5;
select 'frac-empty', (select fractionalization(x) is null and entropy(x) is null from (select null x)) = 1;
select 'frac-no-rows', (select fractionalization(cat) is null from seed where 0) = 1;
select 'entropy-two-equal', (select abs(entropy(x) - ln(2)) < 1e-15 from (select 'a' x union all select 'b')) = 1;
select 'frac-one-group', (select fractionalization(x) || ' ' || entropy(x) from (select 'a' x union all select 'a')) = '0.0 0.0';
-- values group as GROUP BY does: 1 and 1.0 together, '1' apart
select 'frac-types', (select fractionalization(x) from (select 1 x union all select 1.0 union all select '1' union all select x'31')) = 1 - (4 + 1 + 1) / 16.0;
select 'frac-group-by', (select group_concat(area_id || '=' || round(f, 6), ' ') from
  (select area_id, fractionalization(ethnic_code) f from residents group by area_id))
  = '2=' || round(1 - (900 + 144 + 9) / 2025.0, 6) || ' 3=' || round(1 - (400 + 225) / 1225.0, 6) || ' 4=0.0';
-- as window functions, with rows leaving the frame
create table w(i integer primary key, c text);
insert into w values (1,'a'),(2,'a'),(3,'b'),(4,'c'),(5,'c');
select 'frac-window', (select group_concat(round(f, 4), ' ') from
  (select fractionalization(c) over (order by i rows between 1 preceding and current row) f from w))
  = '0.0 0.0 0.5 0.5 0.0';
select 'entropy-window', (select group_concat(round(h, 4), ' ') from
  (select entropy(c) over (order by i rows between 2 preceding and current row) h from w))
  = '0.0 0.0 ' || round(-(2/3.0*ln(2/3.0) + 1/3.0*ln(1/3.0)), 4) || ' ' || round(ln(3), 4) || ' ' || round(-(2/3.0*ln(2/3.0) + 1/3.0*ln(1/3.0)), 4);
-- dissimilarity: ½ Σ |a_i/A − b_i/B|
select 'dissim-apart', (select dissimilarity(a, b) from (select 10 a, 0 b union all select 0, 10)) = 1.0;
select 'dissim-even', (select dissimilarity(a, b) from (select 5 a, 5 b union all select 5, 5)) = 0.0;
select 'dissim-quarter', (select dissimilarity(a, b) from (select 10 a, 20 b union all select 30, 20)) = 0.25;
select 'dissim-null-row-skipped', (select dissimilarity(a, b) from (select 10 a, 20 b union all select 30, 20 union all select null, 7)) = 0.25;
select 'dissim-one-group-empty', (select dissimilarity(a, b) is null from (select 10 a, 0 b union all select 3, 0)) = 1;
select 'dissim-no-rows', (select dissimilarity(a, b) is null from (select 1 a, 1 b) where 0) = 1;
select 'dissim-window', (select group_concat(d, ' ') from (select dissimilarity(a, b) over (order by i rows between 1 preceding and current row) d from
  (select 1 i, 10 a, 10 b union all select 2, 0, 10 union all select 3, 10, 0)))
  = '0.0 0.5 1.0';
select 'dissim-err-text', test_error('select dissimilarity(''many'', 1)') = 'dissimilarity: a must be a count (a number >= 0), got ''many''';
select 'dissim-err-negative', test_error('select dissimilarity(1, -2)') = 'dissimilarity: b must be a count (a number >= 0), got -2';
-- dissimilarity of 01 and 17 over the buildings, from rollup's rows
select 'dissim-over-rollup', (select round(dissimilarity(coalesce(h, 0), coalesce(k, 0)), 6) from
  (select area_id, sum(n) filter (where category = '01') h, sum(n) filter (where category = '17') k
     from rollup('residents', 'ethnic_code') where level = 'building' group by area_id))
  = round(0.5 * (abs(30/75.0 - 12/12.0) + abs(20/75.0 - 0) + abs(25/75.0 - 0)), 6);
-- the scan's internal aggregate cannot be driven from SQL
select 'rollup-tally-internal', test_error('select rollup_tally(1, 2, ''01'')') = 'rollup_tally: internal to rollup(); use SELECT * FROM rollup(source, category [, options])';
select 'rollup-tally-internal-weight', test_error('select rollup_tally(1, 2, ''01'', 3)') = 'rollup_tally: internal to rollup(); use SELECT * FROM rollup(source, category [, options])';
select 'rollup-tally-internal-tree', test_error('select rollup_tally(1, 2, 3, ''building'', ''B1'')') = 'rollup_tally: internal to rollup(); use SELECT * FROM rollup(source, category [, options])';

------------------------------------------------------------------------------
-- 7. The report runs on the real schema (small data of our own)
------------------------------------------------------------------------------
drop view shown; drop view sup; drop view res_view; drop table areas; drop table residents;
select 'rollup-schema', test_read('sql/schema.sql') is null;
insert into areas(id, parent_id, level, name) values (4, null, 'community', '社区'),
  (1001, 4, 'building', '1号楼'), (1002, 4, 'building', '2号楼');
insert into residents(id, name, ethnic_code, area_id)
  select i, '居民' || i, case when i % 10 < 5 then '01' when i % 10 < 8 then '17' when i % 10 < 9 then '05' else '02' end,
         1001 + i % 2 from seq where i <= 300;
insert into residents(id, name, ethnic_code, area_id, moved_out) values (301, '搬走', '01', 1001, '2023-01-01');
select 'rollup-report-runs', test_read('sql/reports/ethnic_composition.sql') is null;
select 'rollup-report-groups', (select group_concat(category || '=' || n, ' ') from rollup('ethnic_display', 'grp', 'weight=n') where area_id = 4 and category is not null)
  = '汉=150 哈萨克=90 其他民族=30 维吾尔=30';

------------------------------------------------------------------------------
-- 8. Virtual tables: rollup() is INNOCUOUS, so it must not read a virtual
-- table that a (possibly hostile) database declares; temp objects are fine.
------------------------------------------------------------------------------
create table vt_areas(id integer primary key, parent_id int, level text, name text);
insert into vt_areas values (1, null, 'x', 'X');
select 'rollup-eponymous-vtab-refused', test_error('select * from rollup(''ethnic_groups'', ''code'', ''areas=vt_areas'')')
  in ('rollup: ''ethnic_groups'' is a virtual table; rollup() reads tables, views and temp objects only (CREATE TEMP VIEW v AS SELECT * FROM "ethnic_groups")',
      'rollup: no such table: ethnic_groups');
create virtual table main.vt using fts4(area_id, e);
insert into vt values (1, 'a'), (1, 'b');
select 'rollup-main-vtab-refused', test_error('select * from rollup(''vt'', ''e'', ''areas=vt_areas'')')
  = 'rollup: ''vt'' is a virtual table; rollup() reads tables, views and temp objects only (CREATE TEMP VIEW v AS SELECT * FROM "vt")';
create table vt_src(area_id int, e text);
insert into vt_src values (1, 'a');
select 'rollup-main-vtab-areas-refused', test_error('select * from rollup(''vt_src'', ''e'', ''areas=vt'')')
  = 'rollup: ''vt'' is a virtual table; rollup() reads tables, views and temp objects only (CREATE TEMP VIEW v AS SELECT * FROM "vt")';
create temp view vt_view as select * from vt;
select 'rollup-temp-view-over-vtab', (select group_concat(coalesce(category, '*') || '=' || n, ' ') from rollup('vt_view', 'e', 'areas=vt_areas')) = '*=2 a=1 b=1';
create virtual table main.ethnic_groups using fts4(code, name);
select 'rollup-label-vtab-refused', test_error('select * from rollup(''vt_src'', ''e'', ''areas=vt_areas; label=ethnic'')')
  = 'rollup: label=ethnic will not read ''ethnic_groups'': it is a virtual table of the database';
drop table main.ethnic_groups;
select 'rollup-label-eponymous', case when exists (select 1 from pragma_module_list where name = 'ethnic_groups')
  then (select group_concat(coalesce(label, '-'), ' ') from rollup('residents', 'ethnic_code', 'label=ethnic') where area_id = 4) = '- 汉族 哈萨克族 蒙古族 维吾尔族' else 1 end;
create virtual table temp.vt2 using fts4(area_id, e);
insert into vt2 values (1, 'c');
select 'rollup-temp-vtab', (select group_concat(coalesce(category, '*') || '=' || n, ' ') from rollup('vt2', 'e', 'areas=vt_areas')) = '*=1 c=1';
-- a separator inside a quoted value belongs to the value
create table "tree;2"(id integer primary key, parent_id int, level text, name text);
insert into "tree;2" values (1, null, 'x', 'X');
create table src2(area_id int, e text);
insert into src2 values (1, 'a');
select 'rollup-options-quoted-separator', (select count(*) from rollup('src2', 'e', 'min_cell=0; areas="tree;2"')) = 2;
