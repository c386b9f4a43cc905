#!/bin/sh
# needs: shell
# rollup() on a generated city (building → compound → grid → community →
# street → district → city) against a plain recursive-CTE rollup: every
# cell, total, rank, share, diversity and the row order.  The same city
# again with sparse statistical-code ids (the hash lookup, not the direct
# table) must give the same rows, and so must the suppressed rollup.
. tests/lib.sh
GEN=build/generate
[ -x "$GEN" ] || { fail build "no $GEN"; exit 0; }
$GEN --residents 10000 --seed 5 -o "$TMP/city.db" 2>/dev/null || { fail generate "exit $?"; exit 0; }
E() { $SQLITE3 "$TMP/city.db" -cmd ".load ${EXT%.so}" "$1" 2>&1; }
# The reference: each resident's area and its ancestors by a recursive CTE,
# one GROUP BY over them; ranks, shares and diversity by window functions;
# pre-order as a path of zero-padded ids from the root.
REF="
create temp table up as with recursive u(area_id, anc) as (
  select id, id from areas
  union all select u.area_id, a.parent_id from u join areas a on a.id = u.anc where a.parent_id is not null)
  select * from u;
create temp table cells as select u.anc as area_id, r.ethnic_code as category, count(*) as n
  from resident_ethnicity r join up u on u.area_id = r.area_id where r.ethnic_code is not null group by 1, 2;
create temp table tot as select area_id, sum(n) as total, count(*) as groups,
  1 - sum(n * n * 1.0) / (sum(n) * sum(n)) as f from cells group by 1;
create temp table ent as select area_id, -sum(c.n * 1.0 / t.total * ln(c.n * 1.0 / t.total)) as h
  from cells c join tot t using (area_id) group by 1;
create temp table path as with recursive p(id, path) as (
  select id, printf('%020d', id) from areas where parent_id is null
  union all select a.id, p.path || '/' || printf('%020d', a.id) from p join areas a on a.parent_id = p.id)
  select * from p;
create temp table ref as
  select a.id as area_id, a.level, a.name, a.parent_id, null as category, t.total as n, 1.0 as share, null as rank,
         t.total, t.groups, t.f as fractionalization, p.path, 0 as k
    from tot t join areas a on a.id = t.area_id join path p on p.id = a.id
  union all
  select a.id, a.level, a.name, a.parent_id, c.category, c.n, c.n * 1.0 / t.total,
         row_number() over (partition by c.area_id order by c.n desc, c.category), t.total, null, null, p.path,
         row_number() over (partition by c.area_id order by c.n desc, c.category)
    from cells c join tot t using (area_id) join areas a on a.id = c.area_id join path p on p.id = a.id;
create temp table got as select rowid as o, * from rollup('resident_ethnicity', 'ethnic_code');"
COLS="area_id, level, name, parent_id, category, n, round(share, 12), rank, total, groups, round(fractionalization, 12)"
check city-shape "$(E "select count(distinct level), (select count(*) from areas where level = 'building') > 1000 from areas")" "7|1"
got=$(E "$REF
  select (select count(*) from got) > 10000,
         (select count(*) from (select $COLS from got except select $COLS from ref)),
         (select count(*) from (select $COLS from ref except select $COLS from got));
  select (select group_concat(area_id || ':' || coalesce(category, ''), ' ') from (select * from got order by o))
       = (select group_concat(area_id || ':' || coalesce(category, ''), ' ') from (select * from ref order by path, k));
  select count(*) > 1000 and max(abs(g.entropy - e.h)) < 1e-12 from got g join ent e using (area_id) where g.category is null")
check rollup-equals-recursive-cte "$(printf '%s\n' "$got" | sed -n 1p)" "1|0|0"
check rollup-order-is-pre-order "$(printf '%s\n' "$got" | sed -n 2p)" "1"
check rollup-entropy "$(printf '%s\n' "$got" | sed -n 3p)" "1"
# Sparse ids, as statistical codes are: 650000000000 + 7919 id keeps the
# siblings' order, so the rows map one to one, in the same order.
SPARSE="
create temp table areas_s as select 650000000000 + 7919 * id as id,
  650000000000 + 7919 * parent_id as parent_id, level, name from areas;
create temp view res_s as select 650000000000 + 7919 * area_id as area_id, ethnic_code from resident_ethnicity;"
for opts in "" "min_cell=10; min_area=40" "min_cell=5; top=3"; do
  check "rollup-sparse-ids-same-rows-[$opts]" "$(E "$SPARSE
    create temp table d as select rowid as o, * from rollup('resident_ethnicity', 'ethnic_code', '$opts');
    create temp table s as select rowid as o, * from rollup('res_s', 'ethnic_code', 'areas=areas_s; $opts');
    update s set area_id = (area_id - 650000000000) / 7919, parent_id = (parent_id - 650000000000) / 7919;
    select (select count(*) from d) > 3000, (select count(*) from d) = (select count(*) from s),
      (select count(*) from (select * from d except select * from s)),
      (select sum(suppressed) from d) > 0 or '$opts' = ''")" "1|1|0|1"
done
