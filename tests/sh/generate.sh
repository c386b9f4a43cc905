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
# The party tree follows each community's own full members (seed 004:
# 党委 >= 100, 党总支 50-99, 党支部 below; in-service members under 双报到
# do not count); 6 groups a branch, 7 in the first 42; a zone a group.
check org-type-follows-members "$(q "with own as (select o.id, o.kind, (select count(*) from party_members m join party_orgs x on x.id = m.org_id where x.area_id = o.area_id and m.status <> 'in_service' and m.membership = 'full' and m.left_on is null) n from party_orgs o where o.parent_id is null) select count(*) from own where kind <> case when n >= 100 then 'committee' when n >= 50 then 'general_branch' else 'branch' end")" "0"
check every-community-has-top-org "$(q "select count(distinct area_id) from party_orgs where parent_id is null")" "183"
check groups-per-branch "$(q "select min(n) >= 6 and max(n) <= 7 from (select count(*) n from party_orgs where kind = 'group' group by parent_id)")" "1"
check zones-per-group "$(q "select count(*) = (select count(*) from party_orgs where kind = 'group') from responsibility_zones")" "1"
# Scaled by N / 1e6: 305 reported in-service members and 35 not reported;
# 170 volunteers (118 members).
check members "$(q "select sum(reported_on is not null and receipt_card = 1), sum(status = 'in_service' and reported_on is null) from party_members")" "305|35"
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
  # Birthplaces: registered residents mostly from the city's own counties
  # (3608xx, and 3624xx issued before 2000), nearly all from Jiangxi (36).
  check ids-mostly-the-city "$($SQLITE3 "$TMP/a.db" ".load $SO" "select avg(idcard_region(id_number) like '3608%' or idcard_region(id_number) like '3624%') between 0.80 and 0.90 from residents where registration = 'registered' and idcard_valid(id_number)")" "1"
  check ids-mostly-jiangxi "$($SQLITE3 "$TMP/a.db" ".load $SO" "select avg(idcard_province(id_number) = '江西') between 0.92 and 0.98 from residents where registration = 'registered' and idcard_valid(id_number)")" "1"
  check ids-many-regions "$($SQLITE3 "$TMP/a.db" ".load $SO" "select count(distinct idcard_region(id_number)) >= 80 from residents where idcard_valid(id_number)")" "1"
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
