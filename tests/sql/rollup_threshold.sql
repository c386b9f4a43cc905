-- rollup(): the suppression thresholds at their edges.  min_cell=N hides
-- counts 1..N-1 and shows N; min_area=N withholds areas under N people and
-- shows an area of exactly N.  tests/sql/rollup.sql checks that nothing
-- small is shown; this file checks that nothing safe is hidden.
create table seq(i integer primary key);
insert into seq with recursive k(i) as (select 1 union all select i + 1 from k where i < 200) select i from k;

------------------------------------------------------------------------------
-- One small tree at the threshold, min_cell=10; min_area=30, every row:
--
--          01  02  05  total
--   P      45  19   9   73    05 = 9 hidden; one hidden cell alone is
--                             total − the rest, so 02, its smallest shown
--                             cell, is hidden too
--   ├ A    20  10   -   30    exactly min_area, 02 exactly min_cell: shown
--   └ B    25   9   9   43    02, 05 hidden (two protect each other)
--   Z      29   -   -   29    one under min_area: total row only
--   Y      20  10   -   30    a lone area of exactly min_area: shown
-- P:01 = A:01 + B:01, all shown: nothing to derive.
------------------------------------------------------------------------------
create table tree(id integer primary key, parent_id int, level text, name text);
insert into tree values (1, null, 'community', 'P'), (2, 1, 'building', 'A'), (3, 1, 'building', 'B'),
  (4, null, 'community', 'Z'), (5, null, 'community', 'Y');
create table people(area_id int, c text);
insert into people
  select 2, '01' from seq where i <= 20 union all select 2, '02' from seq where i <= 10 union all
  select 3, '01' from seq where i <= 25 union all select 3, '02' from seq where i <= 9 union all
  select 3, '05' from seq where i <= 9 union all
  select 4, '01' from seq where i <= 29 union all
  select 5, '01' from seq where i <= 20 union all select 5, '02' from seq where i <= 10;
create view at_threshold as
  select area_id, category, n, suppressed,
         area_id || ':' || coalesce(category, '*') || '=' || coalesce(n, '?') || case suppressed when 1 then 's' else '' end as cell
  from rollup('people', 'c', 'min_cell=10; min_area=30; areas=tree');
select 'rollup-threshold-table', (select group_concat(cell, ' ') from at_threshold)
  = '1:*=73 1:01=45 1:02=?s 1:05=?s 2:*=30 2:01=20 2:02=10 3:*=43 3:01=25 3:02=?s 3:05=?s 4:*=29 5:*=30 5:01=20 5:02=10';
select 'rollup-threshold-min-cell-shown', (select group_concat(area_id, ',') from at_threshold where category = '02' and n = 10) = '2,5';
select 'rollup-threshold-min-area-shown', (select group_concat(distinct area_id) from at_threshold where category is not null and suppressed = 0 and area_id in (2, 5)) = '2,5';
select 'rollup-threshold-below-min-area', (select group_concat(cell, ' ') from at_threshold where area_id = 4) = '4:*=29';
select 'rollup-threshold-below-min-cell', (select count(*) from at_threshold where area_id = 3 and category in ('02', '05') and suppressed = 1 and n is null) = 2;
-- diversity stays on an area whose smallest cell is exactly min_cell
select 'rollup-threshold-diversity-kept', (select round(fractionalization, 6) from rollup('people', 'c', 'min_cell=10; min_area=30; areas=tree')
  where area_id = 2 and category is null) = round(1 - (400 + 100) / 900.0, 6);

------------------------------------------------------------------------------
-- Each option alone, at its edge.
------------------------------------------------------------------------------
-- min_cell=10 alone: Z's 29 and A's 10 are shown; B's 9s are hidden
select 'rollup-min-cell-exact-alone', (select group_concat(area_id || ':' || category || '=' || n, ' ')
  from rollup('people', 'c', 'min_cell=10; areas=tree') where n = 10) = '2:02=10 5:02=10';
select 'rollup-min-cell-9-hidden-alone', (select count(*) from rollup('people', 'c', 'min_cell=10; areas=tree')
  where area_id = 3 and suppressed = 1) = 2;
-- min_area=30 alone: A and Y (30) keep their category rows, Z (29) does not
select 'rollup-min-area-exact-alone', (select group_concat(area_id || ':' || k, ' ') from
  (select area_id, count(*) as k from rollup('people', 'c', 'min_area=30; areas=tree') where category is not null
   and suppressed = 0 and area_id in (2, 4, 5) group by area_id order by area_id)) = '2:2 5:2';
select 'rollup-min-area-below-alone', (select count(*) from rollup('people', 'c', 'min_area=30; areas=tree') where area_id = 4) = 1;
-- min_area=31: now A and Y are one short
select 'rollup-min-area-one-more', (select count(*) from rollup('people', 'c', 'min_area=31; areas=tree')
  where area_id in (2, 5) and category is not null) = 0;

------------------------------------------------------------------------------
-- top=K: a '其他' row of exactly min_cell is shown.
--   A: 01=30 02=6 03=4, min_cell=10, top=1 → 02 and 03 hidden, folded into
--   其他 = 10, which is no small cell and the sum of hidden cells only.
------------------------------------------------------------------------------
create table one(id int, parent_id int, level text, name text);
insert into one values (1, null, 'building', 'A');
create table t(area_id int, c text);
insert into t select 1, '01' from seq where i <= 30 union all select 1, '02' from seq where i <= 6
  union all select 1, '03' from seq where i <= 4;
select 'rollup-top-other-exact-min-cell', (select group_concat(coalesce(category, '*') || '=' || coalesce(n, '?'), ' ')
  from rollup('t', 'c', 'min_cell=10; top=1; areas=one')) = '*=40 01=30 其他=10';
delete from t where c = '03' and rowid in (select rowid from t where c = '03' limit 1);
select 'rollup-top-other-below-min-cell', (select group_concat(coalesce(category, '*') || '=' || coalesce(n, '?'), ' ')
  from rollup('t', 'c', 'min_cell=10; top=1; areas=one')) = '*=39 01=? 其他=?';

------------------------------------------------------------------------------
-- Across levels, a tie for the smallest child cell: the first child in tree
-- order is hidden (docs/rollup.md, rule 3).  min_area=30 only:
--          01  05  17  total
--   P      70  15  15  100
--   ├ A    20   -   -   20   withheld: P:01 − B:01 − C:01 would give A:01,
--   ├ B    25  15   -   40   so B:01 (25, tied with C:01, first) is hidden,
--   └ C    25   -  15   40   then B:05, B's smallest shown cell
------------------------------------------------------------------------------
create table tie_tree(id integer primary key, parent_id int, level text, name text);
insert into tie_tree values (1, null, 'community', 'P'), (2, 1, 'building', 'A'), (3, 1, 'building', 'B'), (4, 1, 'building', 'C');
create table tie_people(area_id int, c text);
insert into tie_people
  select 2, '01' from seq where i <= 20 union all
  select 3, '01' from seq where i <= 25 union all select 3, '05' from seq where i <= 15 union all
  select 4, '01' from seq where i <= 25 union all select 4, '17' from seq where i <= 15;
select 'rollup-complement-tie-first-child', (select group_concat(area_id || ':' || coalesce(category, '*') || '=' || coalesce(n, '?'), ' ')
  from rollup('tie_people', 'c', 'min_area=30; areas=tie_tree'))
  = '1:*=100 1:01=70 1:05=15 1:17=15 2:*=20 3:*=40 3:01=? 3:05=? 4:*=40 4:01=25 4:17=15';
