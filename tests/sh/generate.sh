#!/bin/sh
# needs: shell
# samples/generate: deterministic (two runs, same seed → same .dump bytes;
# another seed → different), the city shape of seed 004, clean foreign keys
# and integrity, and about 2 % dirty rows that the CHECKs admit.
. tests/lib.sh
GEN=build/generate
if [ ! -x "$GEN" ]; then fail build "no $GEN"; exit 0; fi
$GEN --residents 10000 --seed 7 -o "$TMP/a.db" 2>"$TMP/a.err" || fail run-a "$(cat "$TMP/a.err")"
$GEN --residents 10000 --seed 7 -o "$TMP/b.db" 2>/dev/null || fail run-b "exit $?"
$GEN --residents 10000 --seed 8 -o "$TMP/c.db" 2>/dev/null || fail run-c "exit $?"
$SQLITE3 "$TMP/a.db" .dump > "$TMP/a.sql"
$SQLITE3 "$TMP/b.db" .dump > "$TMP/b.sql"
$SQLITE3 "$TMP/c.db" .dump > "$TMP/c.sql"
check_file same-seed-same-dump "$TMP/b.sql" "$TMP/a.sql"
if cmp -s "$TMP/a.sql" "$TMP/c.sql"; then fail other-seed-differs "seeds 7 and 8 gave the same dump"; else ok other-seed-differs; fi
check summary-line "$(grep -c '10000 residents' "$TMP/a.err")" "1"

q() { $SQLITE3 "$TMP/a.db" "$1"; }
check foreign-key-check "$(q 'PRAGMA foreign_key_check' | head -n 3)" ""
check integrity-check "$(q 'PRAGMA integrity_check')" "ok"
check residents "$(q 'select count(*) from residents_current')" "10000"
check communities "$(q "select count(*) from areas where level = 'community'")" "183"
check levels "$(q "select group_concat(level) from (select distinct level from areas order by case level when 'city' then 0 when 'district' then 1 when 'street' then 2 when 'community' then 3 when 'grid' then 4 when 'compound' then 5 else 6 end)")" \
  "city,district,street,community,grid,compound,building"
check tree-depth "$(q "with recursive t(id, d) as (select id, 0 from areas where parent_id is null union all select a.id, d + 1 from areas a join t on a.parent_id = t.id) select max(d) from t")" "6"
check residents-in-buildings "$(q "select count(*) from residents r join areas a on a.id = r.area_id where a.level <> 'building'")" "0"
check party-tree "$(q "select group_concat(kind || '=' || n) from (select kind, count(*) n from party_orgs group by kind order by kind)")" \
  "branch=245,committee=14,general_branch=13,group=1512"
check committees-are-largest "$(q "with pop as (select c.id, count(r.id) n from areas c join areas g on g.parent_id = c.id join areas k on k.parent_id = g.id join areas b on b.parent_id = k.id left join residents_current r on r.area_id = b.id where c.level = 'community' group by c.id), top as (select o.kind, pop.n from party_orgs o join pop on pop.id = o.area_id where o.parent_id is null) select (select min(n) from top where kind = 'committee') >= (select max(n) from top where kind = 'general_branch') and (select min(n) from top where kind = 'general_branch') >= (select max(n) from top where kind = 'branch')")" "1"
check every-community-has-top-org "$(q "select count(distinct area_id) from party_orgs where parent_id is null")" "183"
check zones-per-group "$(q "select count(*) from responsibility_zones")" "1512"
# Scaled by N / 1e6: 450 members (305 reported), 170 volunteers (118 members).
check members "$(q "select count(*), sum(reported_on is not null and receipt_card = 1) from party_members")" "450|305"
check volunteers "$(q "select count(distinct resident_id), count(distinct v.resident_id) filter (where m.resident_id is not null) from volunteers v left join party_members m using (resident_id)")" "170|118"
# Dirty rows: present, around 2 %, and each kind shows up.
dirty=$(q "select count(*) from residents where ethnic_code is null and ethnic_raw is not null")
check dirty-ethnic-raw "$([ "$dirty" -gt 10 ] && [ "$dirty" -lt 100 ] && echo yes)" "yes"
check dirty-traditional "$(q "select count(*) > 0 from residents where name glob '*[張劉陳楊黃趙吳孫羅鄭謝許韓馮鄧蕭萬龍湯聶鍾鄒藍馬國軍偉華強東傑濤鵬飛剛輝榮麗紅蘭靜潔鳳艷穎]*'")" "1"
check dirty-phone "$(q "select count(*) > 0 from residents where phone like '% %'")" "1"
check dirty-duplicate-id "$(q "select count(*) > 0 from (select id_number from residents group by id_number having count(*) > 1)")" "1"
if [ -f "$EXT" ]; then
  SO=${EXT%.so}
  bad=$($SQLITE3 "$TMP/a.db" ".load $SO" "select count(*) from residents where not idcard_valid(id_number)")
  check dirty-bad-check-digit "$([ "$bad" -gt 20 ] && [ "$bad" -lt 120 ] && echo yes)" "yes"
  check ids-jiangxi "$($SQLITE3 "$TMP/a.db" ".load $SO" "select count(*) = sum(idcard_region(id_number) like '3608%') from residents where registration = 'registered' and idcard_valid(id_number) and id_number in (select id_number from residents group by id_number having count(*) = 1)")" "1"
fi
# Arguments.
$GEN --residents 10 -o "$TMP/x.db" 2>"$TMP/x.err"; check too-few-rc "$?" "2"
check too-few-msg "$(cat "$TMP/x.err")" "generate: --residents must be from 10000 to 10000000, got '10'"
$GEN --residents 10000 -o "$TMP/a.db" 2>"$TMP/x.err"; check exists-rc "$?" "2"
check exists-msg "$(cat "$TMP/x.err")" "generate: $TMP/a.db exists; remove it or give --force"
$GEN --residents 1e4 --seed 7 -o "$TMP/e.db" 2>/dev/null; check exponent-form-rc "$?" "0"
$SQLITE3 "$TMP/e.db" .dump > "$TMP/e.sql"
check_file exponent-form-same "$TMP/e.sql" "$TMP/a.sql"
$GEN --seed -3 -o "$TMP/y.db" 2>"$TMP/y.err"; check bad-seed-rc "$?" "2"
check bad-seed-msg "$(cat "$TMP/y.err")" "generate: --seed must be an unsigned integer, got '-3'"
$GEN --schema "$TMP/nope.sql" -o "$TMP/z.db" 2>"$TMP/z.err"; check no-schema-rc "$?" "2"
check no-schema-msg "$(cat "$TMP/z.err")" "generate: cannot read the schema $TMP/nope.sql (give --schema FILE)"
$GEN --colour 2>"$TMP/u.err"; check unknown-arg-rc "$?" "2"
check unknown-arg-msg "$(head -n 1 "$TMP/u.err")" "generate: unknown argument '--colour'"
