-- rollup() against plain SQL on generated data: a forest of 12 random
-- trees (depths 1 to 6, uneven, leaves at different depths) and 6000
-- residents attached to areas at every depth, with skewed categories, some
-- NULL and one empty.  Every count of rollup() must equal the plain-SQL
-- GROUP BY over a closure table, and the suppression rules must hold as
-- properties on the same data.
--
-- h(x): a deterministic pseudo-random number 0..65535 (the top 16 bits of
-- x times an odd 32-bit constant, mod 2^32).

create table areas(id integer primary key, parent_id int, level text, name text);
-- Root r (1..12) may grow to depth 1 + (r - 1) % 6.  Child k (0..3) of area
-- i has id 8i + k (unique: roots are < 8) and exists with probability
-- 45..75 %, varying by tree.
insert into areas
with recursive t(id, parent_id, depth, maxd, p) as (
  select value, null, 1, 1 + (value - 1) % 6, 45 + value * 5 % 31
    from (with recursive r(value) as (select 1 union all select value + 1 from r where value < 12) select value from r)
  union all
  select t.id * 8 + k.k, t.id, t.depth + 1, t.maxd, t.p
    from t, (select 0 k union all select 1 union all select 2 union all select 3) k
   where t.depth < t.maxd
     and ((t.id * 8 + k.k) * 2654435761 % 4294967296) / 65536 % 100 < t.p
)
select id, parent_id, 'd' || depth, 'area ' || id from t;

create table seq(i integer primary key);
insert into seq with recursive k(i) as (select 1 union all select i + 1 from k where i < 6000) select i from k;
create table alist as select row_number() over (order by id) - 1 as k, id from areas;
create table res(id integer primary key, area_id int, e text);
insert into res
select i,
       (select id from alist where k = ((i * 3 + 1) * 2246822519 % 4294967296) / 65536 % (select count(*) from alist)),
       case when v < 40 then '01' when v < 58 then '17' when v < 72 then '05' when v < 80 then '02'
            when v < 86 then '03' when v < 90 then '04' when v < 93 then '06' when v < 95 then '07'
            when v < 97 then '08' when v < 99 then null else '' end
  from (select i, ((i * 5 + 2) * 3266489917 % 4294967296) / 65536 % 100 as v from seq);

-- the shape is what the test claims
select 'random-depths', (select group_concat(distinct level) from (select level from areas order by level)) = 'd1,d2,d3,d4,d5,d6';
select 'random-leaves-at-many-depths', (select count(distinct level) from areas a
  where not exists (select 1 from areas c where c.parent_id = a.id)) >= 5;
select 'random-rows-at-inner-areas', (select count(*) from res r where exists (select 1 from areas c where c.parent_id = r.area_id)) > 500;
select 'random-size', (select count(*) from areas) between 100 and 2000;

-- plain SQL: the closure (descendant, ancestor) and one GROUP BY over it
create table clos as
with recursive anc(d, a) as (
  select id, id from areas
  union all
  select anc.d, p.parent_id from anc join areas p on p.id = anc.a where p.parent_id is not null)
select d, a from anc;
create table expect as
  select c.a as area_id, r.e as category, count(*) as n
    from res r join clos c on c.d = r.area_id where r.e is not null group by 1, 2;
create table expect_total as select area_id, sum(n) as total, count(*) as groups from expect group by 1;
create table got as select rowid as rid, * from rollup('res', 'e');

select 'random-cells-match', (select count(*) from (
  select area_id, category, n from got where category is not null
  except select area_id, category, n from expect)) = 0
  and (select count(*) from (select area_id, category, n from expect
  except select area_id, category, n from got where category is not null)) = 0;
select 'random-cell-count', (select count(*) from got where category is not null) = (select count(*) from expect);
select 'random-empty-category-counted', (select count(*) from got where category = '') > 0;
select 'random-totals-match', (select count(*) from (
  select area_id, n, total, groups from got where category is null
  except select area_id, total, total, groups from expect_total)) = 0
  and (select count(*) from got where category is null) = (select count(*) from expect_total);
select 'random-total-is-sum', (select count(*) from got t where category is null
  and n <> (select sum(n) from got c where c.area_id = t.area_id and c.category is not null)) = 0;
-- a parent's total is its children's totals plus the rows attached to it
select 'random-totals-nest', (select count(*) from got t where category is null
  and n <> coalesce((select sum(c.n) from got c where c.parent_id = t.area_id and c.category is null), 0)
         + (select count(*) from res r where r.area_id = t.area_id and r.e is not null)) = 0;
select 'random-roots-sum', (select sum(n) from got where category is null and parent_id is null)
  = (select count(*) from res where e is not null);
select 'random-ranks', (select count(*) from (
  select area_id, category, rank from got where category is not null
  except select area_id, category, row_number() over (partition by area_id order by n desc, category) from expect)) = 0;
select 'random-shares', (select max(abs(share - n * 1.0 / total)) from got) < 1e-12;
select 'random-diversity', (select max(abs(g.fractionalization - x.f) + abs(g.entropy - x.h)) from got g join
  (select area_id, 1 - sum(p * p) f, -sum(p * ln(p)) h from
     (select e.area_id, e.n * 1.0 / t.total p from expect e join expect_total t using (area_id)) group by area_id) x
  using (area_id) where g.category is null) < 1e-9;
select 'random-tree-columns', (select count(*) from got g join areas a on a.id = g.area_id
  where g.level is not a.level or g.name is not a.name or g.parent_id is not a.parent_id) = 0;
-- order: tree pre-order, each area's total row first, then ranks 1, 2, …
select 'random-order-parent-first', (select count(*) from got c join got p on p.area_id = c.parent_id
  and p.category is null and c.category is null where p.rid >= c.rid) = 0;
select 'random-order-total-first', (select count(*) from got c join got t on t.area_id = c.area_id
  and t.category is null where c.category is not null and (c.rid <= t.rid or c.rid - t.rid <> c.rank)) = 0;

-- top=3: the three largest kept, the rest summed into 其他 with rank 4
create table got_top as select * from rollup('res', 'e', 'top=3');
select 'random-top-kept', (select count(*) from (
  select area_id, category, n, rank from got_top where category is not null and category <> '其他'
  except select area_id, category, n, rank from got where rank <= 3)) = 0
  and (select count(*) from got_top where category is not null and category <> '其他') = (select count(*) from got where rank <= 3);
select 'random-top-other', (select count(*) from got_top o where category = '其他'
  and (rank <> 4 or n <> (select sum(n) from got g where g.area_id = o.area_id and g.rank > 3))) = 0
  and (select count(*) from got_top where category = '其他') = (select count(*) from got where rank = 4);
select 'random-top-diversity-full', (select count(*) from got_top t join got g using (area_id)
  where t.category is null and g.category is null and (t.groups <> g.groups or t.fractionalization <> g.fractionalization)) = 0;

-- Suppression as properties (min_cell=5, min_area=12)
create table sup as select rowid as rid, * from rollup('res', 'e', 'min_cell=5; min_area=12');
create table sup_areas as select t.area_id, t.parent_id, t.n as total,
  exists (select 1 from sup c where c.area_id = t.area_id and c.category is not null) as composed,
  (select count(*) from sup c where c.area_id = t.area_id and c.suppressed = 1) as hidden
  from sup t where t.category is null;
select 'sup-has-work', (select count(*) from sup where suppressed = 1) > 20
  and (select count(*) from sup_areas where not composed) > 5;
select 'sup-shown-exact', (select count(*) from sup s join expect e using (area_id, category) where s.n is not e.n and s.suppressed = 0) = 0
  and (select count(*) from sup s left join expect e using (area_id, category) where s.category is not null and e.n is null) = 0;
select 'sup-totals-exact', (select count(*) from (select area_id, n from sup where category is null
  except select area_id, total from expect_total)) = 0 and (select count(*) from sup where category is null and suppressed <> 0) = 0;
select 'sup-no-small-cell', (select count(*) from sup where category is not null and n between 1 and 4) = 0;
select 'sup-hidden-are-null', (select count(*) from sup where suppressed = 1 and (n is not null or share is not null or rank is not null)) = 0;
select 'sup-small-hidden', (select count(*) from sup s join expect e using (area_id, category) where e.n < 5 and s.suppressed = 0) = 0;
select 'sup-small-areas-withheld', (select count(*) from sup_areas where total < 12 and composed) = 0;
select 'sup-all-cells-listed', (select count(*) from sup_areas a where composed and
  (select count(*) from sup c where c.area_id = a.area_id and c.category is not null) <> (select groups from expect_total t where t.area_id = a.area_id)) = 0;
select 'sup-never-one-hidden', (select count(*) from sup_areas where composed and hidden = 1) = 0;
-- across levels: no shown parent cell with exactly one child whose cell is
-- unknown (hidden, or the child's composition withheld) and non-zero
select 'sup-across-levels', (select count(*) from sup p
  join sup_areas pa on pa.area_id = p.area_id and pa.composed
  where p.category is not null and p.suppressed = 0
    and (select count(*) from sup_areas c where c.parent_id = p.area_id and
          (not c.composed or exists (select 1 from sup x where x.area_id = c.area_id and x.category = p.category and x.suppressed = 1))) = 1
    and (select sum(coalesce(e.n, 0)) from sup_areas c left join expect e on e.area_id = c.area_id and e.category = p.category
          where c.parent_id = p.area_id and
          (not c.composed or exists (select 1 from sup x where x.area_id = c.area_id and x.category = p.category and x.suppressed = 1))) > 0) = 0;
select 'sup-diversity-only-when-all-shown', (select count(*) from sup s join sup_areas a using (area_id)
  where s.category is null and ((s.fractionalization is not null) <> (a.composed and a.hidden = 0))) = 0;
select 'sup-groups-withheld', (select count(*) from sup s join sup_areas a using (area_id)
  where s.category is null and ((s.groups is null) <> (not a.composed))) = 0;
-- with top=3 as well: the displayed table keeps the same guarantees
create table supt as select * from rollup('res', 'e', 'min_cell=5; min_area=12; top=3');
select 'supt-no-small-cell', (select count(*) from supt where category is not null and n between 1 and 4) = 0;
select 'supt-never-one-hidden', (select count(*) from (select area_id, sum(suppressed) h, count(category) k from supt group by area_id) where k > 0 and h = 1) = 0;
select 'supt-shown-exact', (select count(*) from supt s join expect e using (area_id, category) where s.suppressed = 0 and s.n <> e.n) = 0;
select 'supt-other-is-rest', (select count(*) from supt o where category = '其他' and suppressed = 0
  and n <> (select sum(e.n) from expect e join got g using (area_id, category) where e.area_id = o.area_id and g.rank > 3)) = 0;

-- the aggregates against plain SQL
select 'random-frac-aggregate', (select max(abs(f - (1 - q))) from
  (select area_id, fractionalization(e) f from res group by area_id) a join
  (select area_id, sum(p * p) q from (select area_id, count(*) * 1.0 / sum(count(*)) over (partition by area_id) p
     from res where e is not null group by area_id, e) group by area_id) b using (area_id)) < 1e-12;
select 'random-entropy-aggregate', (select max(abs(h - q)) from
  (select area_id, entropy(e) h from res group by area_id) a join
  (select area_id, -sum(p * ln(p)) q from (select area_id, count(*) * 1.0 / sum(count(*)) over (partition by area_id) p
     from res where e is not null group by area_id, e) group by area_id) b using (area_id)) < 1e-12;
select 'random-dissimilarity', (select abs(d - q) from
  (select dissimilarity(a, b) d from (select area_id, count(*) filter (where e = '01') a, count(*) filter (where e = '17') b from res group by area_id)),
  (select 0.5 * sum(abs(a * 1.0 / sa - b * 1.0 / sb)) q from
     (select a, b, sum(a) over () sa, sum(b) over () sb from
        (select area_id, count(*) filter (where e = '01') a, count(*) filter (where e = '17') b from res group by area_id)))) < 1e-12;

-- other category shapes: long text (no short-key path), 50 values (the
-- counter block widens), 6000 values (the block would pass its cap: the
-- count goes on in the hash), integers (compared as text)
create table res2 as select id, area_id, 'category number ' || (id % 13) as longc, id % 50 as c50, 'p' || id as cid from res;
create view plain2 as
  select 'longc' as col, c.a as area_id, r.longc as category, count(*) as n from res2 r join clos c on c.d = r.area_id group by 2, 3
  union all select 'c50', c.a, cast(r.c50 as text), count(*) from res2 r join clos c on c.d = r.area_id group by 2, 3
  union all select 'cid', c.a, r.cid, count(*) from res2 r join clos c on c.d = r.area_id group by 2, 3;
create table got2 as
  select 'longc' as col, area_id, category, n from rollup('res2', 'longc') where category is not null
  union all select 'c50', area_id, category, n from rollup('res2', 'c50') where category is not null
  union all select 'cid', area_id, category, n from rollup('res2', 'cid') where category is not null;
select 'random-shapes-match', (select count(*) from (select * from got2 except select * from plain2)) = 0
  and (select count(*) from (select * from plain2 except select * from got2)) = 0
  and (select count(*) from got2 where col = 'cid') > 6000;
select 'random-shapes-totals', (select count(*) from rollup('res2', 'cid') t join expect_total e using (area_id)
  where t.category is null and t.n <> (select count(*) from res2 r join clos c on c.d = r.area_id where c.a = t.area_id)) = 0;

-- weight=: the rows counted first by (area, category) and rolled up with
-- their counts as weights give every row, every column, in the same order,
-- as the rows themselves -- also suppressed and folded; the counts split
-- in two rows each and with zero-weight and NULL-weight rows added change
-- nothing
create table res_w as select area_id, e, count(*) as n from res group by 1, 2;
create table res_w2 as select area_id, e, n / 2 as n from res_w union all select area_id, e, n - n / 2 from res_w
  union all select area_id, e, 0 from res_w union all select area_id, e, null from res_w;
create view rw_all as select rowid as rid, * from rollup('res', 'e', 'min_cell=5; min_area=12; top=3');
create view rw_w as select rowid as rid, * from rollup('res_w', 'e', 'weight=n; min_cell=5; min_area=12; top=3');
create view rw_w2 as select rowid as rid, * from rollup('res_w2', 'e', 'weight=n; min_cell=5; min_area=12; top=3');
select 'weight-rows-fewer', (select count(*) from res_w) < (select count(*) from res);
select 'weight-same-as-rows', (select count(*) from (select * from rw_all except select * from rw_w)) = 0
  and (select count(*) from (select * from rw_w except select * from rw_all)) = 0
  and (select count(*) from rw_w) = (select count(*) from rw_all);
select 'weight-split-same', (select count(*) from (select * from rw_all except select * from rw_w2)) = 0
  and (select count(*) from rw_w2) = (select count(*) from rw_all);
select 'weight-plain-same', (select count(*) from (select * from got except select rowid, * from rollup('res_w', 'e', 'weight=n'))) = 0;
