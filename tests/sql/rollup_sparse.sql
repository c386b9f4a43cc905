-- rollup() on a city-shaped tree whose ids are sparse statistical codes
-- (650102 a district, 650102003 a street, 650102003001 a community, then
-- two digits a level: grid, building), so the areas are found through the
-- id table's hash, not a direct table; checked against the plain-SQL
-- cascade (one GROUP BY a level, each level from the one below plus the
-- rows attached to it), and against the same tree renumbered densely.
-- Rows come in random area order and in area order (a row whose area is
-- the previous row's), one building holds 20 groups (more than an area's
-- line holds: its bins move to the pool, twice), a column of 80 values
-- moves the count to the (area, category) hash mid-scan, and a weight
-- fills a 32-bit counter.

create table seq(i integer primary key);
insert into seq with recursive k(i) as (select 1 union all select i + 1 from k where i < 6000) select i from k;
create table areas(id integer primary key, parent_id int, level text, name text);
-- 2 districts, 3 streets each, 3 communities each, 2 grids each, 5 buildings each
insert into areas
with recursive t(id, parent_id, depth) as (
  select 650101 + i, null, 1 from seq where i <= 2
  union all
  select t.id * (case when t.depth < 3 then 1000 else 100 end) + s.i, t.id, t.depth + 1
    from t join seq s on s.i <= case t.depth when 1 then 3 when 2 then 3 when 3 then 2 else 5 end
   where t.depth < 5)
select id, parent_id, case depth when 1 then 'district' when 2 then 'street' when 3 then 'community'
                                 when 4 then 'grid' else 'building' end, 'area ' || id from t;
create table depth as
with recursive d(id, depth) as (select id, 1 from areas where parent_id is null
  union all select a.id, d.depth + 1 from areas a join d on a.parent_id = d.id)
select * from d;
create table alist as select row_number() over (order by id) - 1 as k, id from areas;
create table blist as select row_number() over (order by id) - 1 as k, id from areas where level = 'building';
-- 6000 people in scattered order: 9 in 10 in buildings, the rest at inner areas
create table res(id integer primary key, area_id int, e text);
insert into res
select i,
       case when i % 10 = 0
            then (select id from alist where k = (i * 2654435761 % 4294967296) / 65536 % (select count(*) from alist))
            else (select id from blist where k = (i * 2246822519 % 4294967296) / 65536 % (select count(*) from blist)) end,
       case when v < 30 then '01' when v < 45 then '17' when v < 57 then '05' when v < 66 then '03'
            when v < 73 then '02' when v < 79 then '29' when v < 84 then '38' when v < 88 then '11'
            when v < 91 then '12' when v < 94 then '04' when v < 96 then '06' when v < 98 then '07'
            when v < 99 then null else '' end
  from (select i, ((i * 7 + 3) * 3266489917 % 4294967296) / 65536 % 100 as v from seq);
-- one building with 20 groups
insert into res(area_id, e) select (select min(id) from areas where level = 'building'), 'g' || (i % 20) from seq where i <= 60;

-- the shape is what the test claims
select 'sparse-size', (select count(*) from areas) = 242 and (select count(*) from res) = 6060;
select 'sparse-ids', (select max(id) - min(id) from areas) > 4 * (select count(*) from areas) + 1024
  and (select max(length(id)) from areas) = 16;
select 'sparse-rows-scattered', (select count(*) from res a join res b on b.id = a.id + 1 where a.area_id = b.area_id) < 300;

-- plain SQL: the cascade, level by level from the buildings up
create table own as select area_id, e as c, count(*) as n from res where e is not null group by 1, 2;
create table expect as
with
  c5 as (select o.* from own o join depth d on d.id = o.area_id and d.depth = 5),
  c4 as (select area_id, c, sum(n) as n from (
           select o.* from own o join depth d on d.id = o.area_id and d.depth = 4
           union all select a.parent_id, c5.c, c5.n from c5 join areas a on a.id = c5.area_id) group by 1, 2),
  c3 as (select area_id, c, sum(n) as n from (
           select o.* from own o join depth d on d.id = o.area_id and d.depth = 3
           union all select a.parent_id, c4.c, c4.n from c4 join areas a on a.id = c4.area_id) group by 1, 2),
  c2 as (select area_id, c, sum(n) as n from (
           select o.* from own o join depth d on d.id = o.area_id and d.depth = 2
           union all select a.parent_id, c3.c, c3.n from c3 join areas a on a.id = c3.area_id) group by 1, 2),
  c1 as (select area_id, c, sum(n) as n from (
           select o.* from own o join depth d on d.id = o.area_id and d.depth = 1
           union all select a.parent_id, c2.c, c2.n from c2 join areas a on a.id = c2.area_id) group by 1, 2),
  cells as (select * from c1 union all select * from c2 union all select * from c3
            union all select * from c4 union all select * from c5)
select area_id, c as category, n, sum(n) over a as total, count(*) over a as groups,
       row_number() over (partition by area_id order by n desc, c) as rank,
       1 - sum(n * n) over a * 1.0 / (sum(n) over a * sum(n) over a) as f,
       ln(sum(n) over a) - sum(n * ln(n)) over a / sum(n) over a as h
  from cells window a as (partition by area_id);

create table got as select rowid as rid, * from rollup('res', 'e');
select 'sparse-cells-match', (select count(*) from (
  select area_id, category, n, rank, total from got where category is not null
  except select area_id, category, n, rank, total from expect)) = 0
  and (select count(*) from got where category is not null) = (select count(*) from expect);
select 'sparse-totals-match', (select count(*) from (
  select area_id, n, groups from got where category is null
  except select distinct area_id, total, groups from expect)) = 0
  and (select count(*) from got where category is null) = (select count(distinct area_id) from expect);
select 'sparse-diversity', (select max(abs(g.fractionalization - e.f) + abs(g.entropy - e.h)) from got g
  join (select distinct area_id, f, h from expect) e using (area_id) where g.category is null) < 1e-9;
select 'sparse-many-groups', (select groups from got where category is null and area_id = (select min(id) from areas where level = 'building'))
  = (select count(distinct e) from res where e is not null and area_id = (select min(id) from areas where level = 'building'))
  and (select groups from got where category is null and area_id = (select min(id) from areas where level = 'building')) > 20;
select 'sparse-tree-columns', (select count(*) from got g join areas a on a.id = g.area_id
  where g.level is not a.level or g.name is not a.name or g.parent_id is not a.parent_id) = 0;
select 'sparse-order-pre', (select count(*) from got c join got p on p.area_id = c.parent_id
  and p.category is null and c.category is null where p.rid >= c.rid) = 0;

-- the same rows stored in area order: each row after the first of its area
-- takes the previous row's line
create table res_sorted(id integer primary key, area_id int, e text);
insert into res_sorted(area_id, e) select area_id, e from res order by area_id, id;
select 'sparse-sorted-same', (select count(*) from (select rowid, * from rollup('res', 'e', 'min_cell=5; min_area=12; top=3')
  except select rowid, * from rollup('res_sorted', 'e', 'min_cell=5; min_area=12; top=3'))) = 0
  and (select count(*) from rollup('res_sorted', 'e', 'min_cell=5; min_area=12; top=3'))
    = (select count(*) from rollup('res', 'e', 'min_cell=5; min_area=12; top=3'));

-- the same tree with dense ids (1, 2, 3, ... in id order): a direct table
-- finds the areas; every row the same but the ids
create table dense_map as select id as old, row_number() over (order by id) as id from areas;
create table dense_areas(id integer primary key, parent_id int, level text, name text);
insert into dense_areas select m.id, p.id, a.level, a.name from areas a join dense_map m on m.old = a.id
  left join dense_map p on p.old = a.parent_id;
create table dense_res as select m.id as area_id, r.e from res r join dense_map m on m.old = r.area_id order by r.id;
select 'sparse-dense-same', (select count(*) from (
  select g.rid, m.id, g.level, g.name, p.id, g.category, g.n, g.share, g.rank, g.total, g.groups,
         g.fractionalization, g.entropy, g.suppressed
    from (select rowid as rid, * from rollup('res', 'e', 'min_cell=4; top=5')) g
    join dense_map m on m.old = g.area_id left join dense_map p on p.old = g.parent_id
  except select rowid, area_id, level, name, parent_id, category, n, share, rank, total, groups,
         fractionalization, entropy, suppressed
    from rollup('dense_res', 'e', 'areas=dense_areas; min_cell=4; top=5'))) = 0;

-- the same tree with its ids reversed (999999999999 - id: every child's id
-- below its parent's) read from a view in descending id order: the areas
-- come unsorted, pre-order is far from the order read (siblings come in
-- reverse), and the finish finds parents and lines through the
-- renumbered narrow arrays: the same rows, as a set
create view rev_areas as select 999999999999 - id as id, 999999999999 - parent_id as parent_id, level, name
  from areas order by areas.id;
create table rev_res as select 999999999999 - area_id as area_id, e from res order by id;
select 'sparse-reversed-same', (select count(*) from (
  select 999999999999 - g.area_id, g.level, g.name, 999999999999 - g.parent_id, g.category, g.n, g.rank, g.total,
         g.groups, g.suppressed
    from rollup('res', 'e', '') g
  except select area_id, level, name, parent_id, category, n, rank, total, groups, suppressed
    from rollup('rev_res', 'e', 'areas=rev_areas'))) = 0
  and (select count(*) from rollup('rev_res', 'e', 'areas=rev_areas'))
    = (select count(*) from rollup('res', 'e'));

-- pre-order is counted out when the ids come in order and every parent's
-- id is less than its children's (this tree), else walked: the same rows
-- in the same order either way -- the tree read in descending id order
-- (walked from the start), and a tree in id order whose last area is the
-- parent of a district (counting given up mid-way, walked)
create view areas_desc as select * from areas order by areas.id desc;
select 'sparse-preorder-counted-as-walked', (select count(*) from (
  select rowid, * from rollup('res', 'e', 'min_cell=4; top=3')
  except select rowid, * from rollup('res', 'e', 'areas=areas_desc; min_cell=4; top=3'))) = 0
  and (select count(*) from rollup('res', 'e', 'areas=areas_desc; min_cell=4; top=3'))
    = (select count(*) from rollup('res', 'e', 'min_cell=4; top=3'));
create table mixed_areas as select * from areas order by id;
insert into mixed_areas values (9999999999999999, null, 'city', 'city');
update mixed_areas set parent_id = 9999999999999999 where id = 650102;
create view mixed_desc as select * from mixed_areas order by mixed_areas.id desc;
select 'sparse-preorder-parent-after-child', (select count(*) from (
  select rowid, * from rollup('res', 'e', 'areas=mixed_areas; min_cell=4; top=3')
  except select rowid, * from rollup('res', 'e', 'areas=mixed_desc; min_cell=4; top=3'))) = 0
  and (select count(*) from rollup('res', 'e', 'areas=mixed_areas; min_cell=4; top=3'))
    = (select count(*) from rollup('res', 'e', 'areas=mixed_desc; min_cell=4; top=3'))
  and (select group_concat(area_id, ' ') from (select area_id from rollup('res', 'e', 'areas=mixed_areas')
       where category is null and level in ('city', 'district') order by rowid))
    = '650103 9999999999999999 650102'
  and (select total from rollup('res', 'e', 'areas=mixed_areas') where area_id = 9999999999999999)
    = (select total from rollup('res', 'e') where area_id = 650102);

-- 80 values: past 64 the count goes on in the (area, category) hash
create table res_many as select id, area_id, 'k' || (id * 7 % 80) as e from res;
create table expect_many as
  with recursive anc(d, a) as (select id, id from areas
    union all select anc.d, p.parent_id from anc join areas p on p.id = anc.a where p.parent_id is not null)
  select anc.a as area_id, r.e as category, count(*) as n from res_many r join anc on anc.d = r.area_id group by 1, 2;
select 'sparse-many-values', (select count(*) from (
  select area_id, category, n from rollup('res_many', 'e') where category is not null
  except select area_id, category, n from expect_many)) = 0
  and (select count(*) from rollup('res_many', 'e') where category is not null) = (select count(*) from expect_many)
  and (select count(distinct e) from res_many) = 80;

-- a building's counter filled to 2^32 - 1, then one more: counted on exactly
create table wfull(area_id, e, n);
insert into wfull select min(id), '01', 4294967295 from areas where level = 'building';
insert into wfull select min(id), '01', 1 from areas where level = 'building';
insert into wfull select min(id), '17', 2 from areas where level = 'building';
select 'sparse-weight-counter-full', (select group_concat(coalesce(category, '*') || '=' || n, ' ')
  from rollup('wfull', 'e', 'weight=n') where level = 'building') = '*=4294967298 01=4294967296 17=2';

-- batches: rows are noted and counted 128 at a time (RU_BATCH), the last
-- partial batch when the scan ends.  Sources of 127, 128, 129 and 257 rows
-- (a batch short, one full, one over, two and one over) give exactly what
-- GROUP BY over each area's ancestors gives
create table anc as with recursive anc(d, a) as (select id, id from areas
  union all select anc.d, p.parent_id from anc join areas p on p.id = anc.a where p.parent_id is not null) select * from anc;
create view b127 as select area_id, e from res where id <= 127;
create view b128 as select area_id, e from res where id <= 128;
create view b129 as select area_id, e from res where id <= 129;
create view b257 as select area_id, e from res where id <= 257;
create view bwant as select m.m, anc.a as area_id, r.e as category, count(*) as n
  from (select 127 as m union all select 128 union all select 129 union all select 257) m
  join res r on r.id <= m.m and r.e is not null join anc on anc.d = r.area_id group by 1, 2, 3;
select 'sparse-batch-127', (select count(*) from (select area_id, category, n from rollup('b127', 'e') where category is not null
  except select area_id, category, n from bwant where m = 127)) = 0
  and (select count(*) from rollup('b127', 'e') where category is not null) = (select count(*) from bwant where m = 127);
select 'sparse-batch-128', (select count(*) from (select area_id, category, n from rollup('b128', 'e') where category is not null
  except select area_id, category, n from bwant where m = 128)) = 0
  and (select count(*) from rollup('b128', 'e') where category is not null) = (select count(*) from bwant where m = 128);
select 'sparse-batch-129', (select count(*) from (select area_id, category, n from rollup('b129', 'e') where category is not null
  except select area_id, category, n from bwant where m = 129)) = 0
  and (select count(*) from rollup('b129', 'e') where category is not null) = (select count(*) from bwant where m = 129);
select 'sparse-batch-257', (select count(*) from (select area_id, category, n from rollup('b257', 'e') where category is not null
  except select area_id, category, n from bwant where m = 257)) = 0
  and (select count(*) from rollup('b257', 'e') where category is not null) = (select count(*) from bwant where m = 257);
select 'sparse-batch-totals', (select group_concat(n, ' ') from (select n from rollup('b127', 'e') where parent_id is null and category is null
  union all select n from rollup('b129', 'e') where parent_id is null and category is null
  union all select n from rollup('b257', 'e') where parent_id is null and category is null))
  = (select group_concat(n, ' ') from (select sum(n) as n from bwant w join areas a on a.id = w.area_id and a.parent_id is null where m = 127 group by area_id
  union all select sum(n) from bwant w join areas a on a.id = w.area_id and a.parent_id is null where m = 129 group by area_id
  union all select sum(n) from bwant w join areas a on a.id = w.area_id and a.parent_id is null where m = 257 group by area_id));
-- one area's rows in many batches: a building seen again after others
select 'sparse-batch-area-again', (select n from rollup('res', 'e') where area_id = (select area_id from res where id = 1) and category is null)
  = (select count(e) from res where area_id = (select area_id from res where id = 1))
  and (select min(id) from res where id > 200 and area_id = (select area_id from res where id = 1)) is not null;
-- the first bad row is the one reported, whichever batch it lies in and
-- whatever comes after it in its batch
create table bad1(id integer primary key, area_id, e);
insert into bad1 select id, area_id, coalesce(e, '01') from res where id <= 300;
update bad1 set area_id = 6501020030019902 where id = 135;
update bad1 set area_id = null where id = 140;
select 'sparse-batch-bad-then-null', test_error('select count(*) from rollup(''bad1'', ''e'')')
  = 'rollup: a row of ''bad1'' has area_id 6501020030019902, which is not in ''areas''';
update bad1 set area_id = (select area_id from res where id = 135) where id = 135;
update bad1 set area_id = 6501020030019902 where id = 150;
select 'sparse-batch-null-then-bad', test_error('select count(*) from rollup(''bad1'', ''e'')')
  = 'rollup: a row of ''bad1'' has area_id NULL';
-- a bad row last in a full batch (counted as the batch fills), and last
-- of all (counted when the scan ends)
create table bad2(id integer primary key, area_id, e);
insert into bad2 select id, area_id, coalesce(e, '01') from res where id <= 129;
update bad2 set area_id = 6501020030019903 where id = 128;
select 'sparse-batch-bad-at-128', test_error('select count(*) from rollup(''bad2'', ''e'')')
  = 'rollup: a row of ''bad2'' has area_id 6501020030019903, which is not in ''areas''';
update bad2 set area_id = (select area_id from res where id = 128) where id = 128;
update bad2 set area_id = 6501020030019904 where id = 129;
select 'sparse-batch-bad-last', test_error('select count(*) from rollup(''bad2'', ''e'')')
  = 'rollup: a row of ''bad2'' has area_id 6501020030019904, which is not in ''areas''';
-- a 32-bit counter filled mid-batch, rows of the same building before and
-- after it in the batch
create table wbatch(id integer primary key, area_id, e, n);
insert into wbatch select id, area_id, e, 1 from res where id <= 200;
insert into wbatch(area_id, e, n) select min(id), '01', 4294967295 from areas where level = 'building';
insert into wbatch(area_id, e, n) select min(id), '01', 1 from areas where level = 'building';
insert into wbatch(area_id, e, n) select area_id, e, 1 from res where id > 200 and id <= 260;
select 'sparse-batch-counter-full', (select n from rollup('wbatch', 'e', 'weight=n') where area_id = (select min(id) from areas where level = 'building') and category = '01')
  = (select sum(w.n) from wbatch w where w.area_id = (select min(id) from areas where level = 'building') and w.e = '01')
  and (select group_concat(n, ' ') from rollup('wbatch', 'e', 'weight=n') where parent_id is null and category is null)
  = (select group_concat(n, ' ') from (select sum(w.n) as n from wbatch w join anc on anc.d = w.area_id join areas a on a.id = anc.a and a.parent_id is null
     where w.e is not null group by anc.a order by anc.a));

-- narrow counters: a line's own counts are 8 bits, 11 of them; a count
-- that would pass 255, or a 12th group, moves the line's counts to the
-- pool as 32-bit counts, exactly.  One source: 200 scattered rows; then
-- building 1 gets 70,000 rows of '01' (two rows in three, the third a row
-- of another building): its count passes 255 mid-batch (its 256th row is
-- row 584, the 72nd of its batch) and 65,535 later; building 2 gets 14
-- groups (the 12th moves it to the pool), building 3 exactly 11 (they
-- stay in its line); building 4 gets 255 rows of '05' and the last row of
-- all is its 256th (counted when the scan ends)
create table bk(k integer primary key, id int);
insert into bk select k, id from blist;
create table nseq(i integer primary key);
insert into nseq with recursive k(i) as (select 1 union all select i + 1 from k where i < 105000) select i from k;
create table narrow(id integer primary key, area_id int, e text);
insert into narrow(area_id, e) select area_id, e from res where id <= 200;
insert into narrow(area_id, e) select case when i % 3 = 0 then (select id from bk where k = 5 + i % 40) else (select id from bk where k = 1) end,
  case when i % 3 = 0 then '17' else '01' end from nseq where i <= 105000;
insert into narrow(area_id, e) select (select id from bk where k = 2), 'g' || (1 + i % 14) from nseq where i <= 14 * 30;
insert into narrow(area_id, e) select (select id from bk where k = 3), 'g' || (1 + i % 11) from nseq where i <= 11 * 5;
insert into narrow(area_id, e) select (select id from bk where k = 4), '05' from nseq where i <= 256;
create table nwant as select anc.a as area_id, r.e as category, count(*) as n
  from narrow r join anc on anc.d = r.area_id where r.e is not null group by 1, 2;
create table ngot as select * from rollup('narrow', 'e');
select 'sparse-narrow-cells', (select count(*) from (select area_id, category, n from ngot where category is not null
  except select area_id, category, n from nwant)) = 0
  and (select count(*) from ngot where category is not null) = (select count(*) from nwant)
  and (select count(*) from (select area_id, n from ngot where category is null
  except select area_id, sum(n) from nwant group by 1)) = 0;
select 'sparse-narrow-70000', (select n from ngot where area_id = (select id from bk where k = 1) and category = '01')
  = 70000 + (select count(*) from res where id <= 200 and e = '01' and area_id = (select id from bk where k = 1))
  and (select id from narrow where area_id = (select id from bk where k = 1) and e = '01' and id > 200 limit 1 offset 255) % 128 not in (0, 1, 127);
select 'sparse-narrow-many-groups', (select group_concat(category || '=' || n, ' ') from ngot
  where area_id = (select id from bk where k = 2) and category like 'g%')
  = 'g1=30 g10=30 g11=30 g12=30 g13=30 g14=30 g2=30 g3=30 g4=30 g5=30 g6=30 g7=30 g8=30 g9=30'
  and (select group_concat(category || '=' || n, ' ') from ngot where area_id = (select id from bk where k = 3) and category like 'g%')
  = 'g1=5 g10=5 g11=5 g2=5 g3=5 g4=5 g5=5 g6=5 g7=5 g8=5 g9=5';
select 'sparse-narrow-last-row', (select n from ngot where area_id = (select id from bk where k = 4) and category = '05')
  = 256 + (select count(*) from res where id <= 200 and e = '05' and area_id = (select id from bk where k = 4))
  and (select area_id from narrow order by id desc limit 1) = (select id from bk where k = 4);
-- the same with dense ids: one line an area, the same narrow counts
create table narrow_dense as select m.id as area_id, r.e from narrow r join dense_map m on m.old = r.area_id order by r.id;
select 'sparse-narrow-dense', (select count(*) from (select m.id, g.category, g.n, g.rank from ngot g join dense_map m on m.old = g.area_id
  except select area_id, category, n, rank from rollup('narrow_dense', 'e', 'areas=dense_areas'))) = 0
  and (select count(*) from rollup('narrow_dense', 'e', 'areas=dense_areas')) = (select count(*) from ngot);
-- weights: 100 then 200 of one group (past 255 in its bin), 300 of a new
-- group (too big for a new 8-bit bin), 255 then 1 more
create table nweight(id integer primary key, area_id int, e text, n int);
insert into nweight(area_id, e, n) select (select id from bk where k = 6), e, n from
  (select '01' as e, 100 as n union all select '17', 1 union all select '01', 200 union all select '05', 300
   union all select '02', 255 union all select '03', 7 union all select '02', 1);
select 'sparse-narrow-weights', (select group_concat(coalesce(category, '*') || '=' || n, ' ') from rollup('nweight', 'e', 'weight=n')
  where area_id = (select id from bk where k = 6)) = '*=864 01=300 05=300 02=256 03=7 17=1';

-- root= takes an id of any length (these are 16 digits)
select 'sparse-root-long-id', (select count(*) from (
  select * from rollup('res', 'e', 'root=' || (select min(id) from areas where level = 'grid'))
  except select * from rollup('res', 'e') where area_id in (select id from areas where id = (select min(id) from areas where level = 'grid')
                                                        or parent_id = (select min(id) from areas where level = 'grid')))) = 0
  and (select count(*) from rollup('res', 'e', 'root=' || (select min(id) from areas where level = 'grid'))) > 10;

-- a row outside the tree, named with its id
insert into res(area_id, e) values (6501020030019901, '01');
select 'sparse-err-area', test_error('select count(*) from rollup(''res'', ''e'')')
  = 'rollup: a row of ''res'' has area_id 6501020030019901, which is not in ''areas''';
