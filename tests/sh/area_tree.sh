#!/bin/sh
# needs: shell
# The area tree at hand: the area_ancestors view against an independent
# top-down recursive CTE on a generated city, the per-street question it
# answers, and a cycle in areas stopping the walk and showing in check.
. tests/lib.sh
GEN=build/generate
[ -x "$GEN" ] || { fail build "no $GEN"; exit 0; }
$GEN --residents 10000 --seed 3 -o "$TMP/city.db" 2>/dev/null || { fail generate "exit $?"; exit 0; }
q() { $SQLITE3 "$TMP/city.db" "$1" 2>&1; }
# Top down from the roots: each area's ancestors are its parent's plus itself.
REF="with recursive down(area_id, ancestor_id, level, depth) as (
  select id, id, level, 0 from areas
  union all
  select c.id, d.ancestor_id, d.level, d.depth + 1
  from down d join areas c on c.parent_id = d.area_id)"
check ancestors-match-top-down "$(q "$REF select (select count(*) from (select * from area_ancestors except select * from down))
  + (select count(*) from (select * from down except select * from area_ancestors))")" "0"
check ancestors-rows "$(q "$REF select (select count(*) from area_ancestors) = (select count(*) from down) and count(*) > 0 from areas")" "1"
check every-area-has-itself "$(q "select count(*) from areas a where not exists (select 1 from area_ancestors x where x.area_id = a.id and x.ancestor_id = a.id and x.depth = 0)")" "0"
check every-building-one-street "$(q "select count(*) from areas b where b.level = 'building' and (select count(*) from area_ancestors x where x.area_id = b.id and x.level = 'street') <> 1")" "0"
# Residents per street through the view = through a hand-written walk.
check residents-per-street "$(q "select group_concat(n, ',') from (select x.ancestor_id, count(*) n from residents_current r join area_ancestors x on x.area_id = r.area_id and x.level = 'street' group by 1 order by 1)")" \
  "$(q "with recursive up(b, a) as (select id, id from areas where level = 'building' union all select up.b, p.parent_id from up join areas p on p.id = up.a where p.parent_id is not null)
        select group_concat(n, ',') from (select s.id, count(*) n from residents_current r join up on up.b = r.area_id join areas s on s.id = up.a and s.level = 'street' group by 1 order by 1)")"
# A cycle: the view stops 32 levels up, check names the areas on the loop.
cp "$TMP/city.db" "$TMP/cycle.db"
first=$($SQLITE3 "$TMP/cycle.db" "select min(id) from areas where level = 'street'")
$SQLITE3 "$TMP/cycle.db" "pragma foreign_keys=off; update areas set parent_id = (select min(id) from areas where level = 'community' and parent_id = $first) where id = $first"
check cycle-walk-stops "$($SQLITE3 "$TMP/cycle.db" "select max(depth) from area_ancestors")" "32"
out=$($MULING check "$TMP/cycle.db" 2>&1)
case $out in
  *"FOUND area_cycle"*": 2"*) ok check-finds-cycle ;;
  *) fail check-finds-cycle "$(printf '%s\n' "$out" | grep area_cycle)" ;;
esac
out=$($MULING check "$TMP/city.db" 2>&1)
case $out in
  *"ok    area_cycle"*": 0"*) ok check-no-cycle ;;
  *) fail check-no-cycle "$(printf '%s\n' "$out" | grep area_cycle)" ;;
esac
# rollup(… 'root=AREA'): the rows of one subtree, equal to the whole
# rollup filtered to it (suppression and top included), by id or by name.
E() { $SQLITE3 "$TMP/city.db" -cmd ".load ${EXT%.so}" "$1" 2>&1; }
street=$(q "select min(id) from areas where level = 'street'")
comm=$(q "select name from areas where level = 'community' and id in (select area_id from area_ancestors where ancestor_id = $street) order by id limit 1")
for opts in "" "min_cell=10;min_area=40" "min_cell=5;top=3"; do
  for root in "$street" "$comm"; do
    check "rollup-root-equals-filtered-[$opts][$root]" "$(E "
      create temp table full as select rowid as o, * from rollup('resident_ethnicity', 'ethnic_code', '$opts');
      create temp table part as select rowid as o, * from rollup('resident_ethnicity', 'ethnic_code', '$opts;root=$root');
      create temp table sub as select area_id from area_ancestors where ancestor_id = (select id from areas where id = '$root' or name = '$root');
      select (select count(*) from part) > 0,
             (select count(*) from (select area_id, level, name, parent_id, category, n, share, rank, total, groups, fractionalization, entropy, suppressed from full where area_id in sub
                                    except select area_id, level, name, parent_id, category, n, share, rank, total, groups, fractionalization, entropy, suppressed from part))
           + (select count(*) from (select area_id, level, name, parent_id, category, n, share, rank, total, groups, fractionalization, entropy, suppressed from part
                                    except select area_id, level, name, parent_id, category, n, share, rank, total, groups, fractionalization, entropy, suppressed from full where area_id in sub)),
             (select group_concat(area_id || ':' || coalesce(category, '')) from (select * from full where area_id in sub order by o))
           = (select group_concat(area_id || ':' || coalesce(category, '')) from (select * from part order by o))")" "1|0|1"
  done
done
check rollup-root-unknown "$(E "select count(*) from rollup('resident_ethnicity', 'ethnic_code', 'root=$comm-X')" | sed 's/; nearest: .*//')" \
  "Error: stepping, rollup: root '$comm-X' names no area of areas"
case $(E "select count(*) from rollup('resident_ethnicity', 'ethnic_code', 'root=$comm-X')") in
  *"nearest: $comm,"*|*"nearest: $comm") ok rollup-root-unknown-nearest ;;
  *) fail rollup-root-unknown-nearest "$(E "select count(*) from rollup('resident_ethnicity', 'ethnic_code', 'root=$comm-X')")" ;;
esac
dup=$(q "select name from areas group by name having count(*) > 1 order by name limit 1")
n=$(q "select count(*) from areas where name = '$dup'")
check rollup-root-ambiguous "$(E "select count(*) from rollup('resident_ethnicity', 'ethnic_code', 'root=$dup')")" \
  "Error: stepping, rollup: root '$dup' names $n areas; give the area's id"
