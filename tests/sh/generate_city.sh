#!/bin/sh
# needs: shell
# samples/generate fills every table of the schema in proportion to the
# residents (docs/samples.md has each rate and its seed): every table is
# non-empty at 10,000; the directly scaled counts come out at 10,000 and
# 100,000 (100,000 takes ~3 s of CPU); the community-level structures are
# there at both sizes; the only ID faults `muling check` finds are the
# planted ones; keys and integrity hold; every report runs on the city.
. tests/lib.sh
GEN=build/generate
if [ ! -x "$GEN" ]; then fail build "no $GEN"; exit 0; fi
for n in 10000 100000; do
  if ! $GEN --residents $n --seed 11 -o "$TMP/c$n.db" 2> "$TMP/c$n.err"; then
    fail "run-$n" "$(cat "$TMP/c$n.err")"
    continue
  fi
  q() { $SQLITE3 "$TMP/c$n.db" "$1"; }
  check "fk-$n" "$(q 'PRAGMA foreign_key_check' | head -n 3)" ""
  check "integrity-$n" "$(q 'PRAGMA integrity_check')" "ok"
  # Every table has rows (import_rejects: the rows the register's import refused).
  empty=$(for t in $(q "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"); do
    [ "$(q "select count(*) > 0 from \"$t\"")" = 1 ] || printf '%s ' "$t"; done)
  check "every-table-filled-$n" "$empty" ""
  # Counts drawn as rate x N (rounded at random): seed 000's 17 lanes, 225
  # rented rooms, 28 organisations, 2 睦邻点, 75 information items for
  # 5,859 residents; 62 council issues (seed 000 sample); 6 trainings.
  for spec in lanes:17 rented_rooms:225 organisations:28 service_outlets:28 activity_points:2 info_items:75 \
              council_issues:62; do
    t=${spec%%:*} r=${spec#*:}
    check "rate-$t-$n" "$(q "select abs(count(*) - $r * $n / 5859.0) <= 1 from $t")" "1"
  done
  check "rate-trainings-$n" "$(q "select abs(count(*) - 6 * $n / 5859.0) <= 1 from activities where kind = 'training'")" "1"
  # Per community: a festival with five sections, two councils, two schemes.
  check "per-community-$n" "$(q "select (select count(*) from festivals) || ',' || (select count(*) from festival_sections) || ',' || (select count(*) from councils) || ',' || (select count(*) from score_schemes)")" "183,915,366,366"
  # Scaled from seed 004 at 1e6: 30,500 reported with feedback sheets, 17,000 volunteers.
  check "reported-$n" "$(q "select count(*) from party_members where reported_on is not null")" "$((30500 * n / 1000000))"
  check "feedback-every-reported-$n" "$(q "select count(*) from party_members m where reported_on is not null and reported_on <= '2023-10-01' and not exists (select 1 from member_feedback f where f.resident_id = m.resident_id and f.direction = 'to_employer')")" "0"
  check "volunteers-$n" "$(q "select count(*) from volunteers")" "$((17000 * n / 1000000))"
  # Hardship: the three classes, pairings, visits; issues in every stage;
  # wishes open, claimed and fulfilled; committed duties served and absent;
  # reversed score events.
  check "hardship-classes-$n" "$(q "select group_concat(class) from (select distinct class from hardship_cases order by class)")" "pairing,placement,training"
  check "hardship-paired-visited-$n" "$(q "select count(*) > 0 from hardship_cases h where paired_on is not null and exists (select 1 from home_visits v where v.resident_id = h.resident_id and v.visited_on > h.paired_on)")" "1"
  check "issue-stages-$n" "$(q "select count(distinct status) from council_issues")" "5"
  check "wish-stages-$n" "$(q "select sum(claimed_on is null) > 0 and sum(claimed_on is not null and fulfilled_on is null) > 0 and sum(fulfilled_on is not null) > 0 from micro_wishes")" "1"
  check "duty-served-absent-$n" "$(q "select group_concat(status) from (select distinct status from duty_assignments order by 1)")" "absent,served"
  check "events-reversed-$n" "$(q "select count(*) > 0 from score_events where reverses is not null")" "1"
  check "visit-kinds-$n" "$(q "select count(distinct kind) from home_visits")" "8"
  # Meetings follow their cadence, a few missed: each weekly meeting is held
  # 45-52 times in 2023.
  check "weekly-cadence-$n" "$(q "select min(n) >= 45 and max(n) <= 52 from (select count(a.id) n from meetings m left join activities a on a.meeting_id = m.id where m.kind = 'weekly' group by m.id)")" "1"
  # The roster engine continues each post's committed year fairly.
  check "rota-fair-$n" "$(q "select max(d) - min(d) <= 1 from (select count(*) d from duty_assignments a join duty_pool p using (post_id, person_id) where a.post_id = 1 and p.role = 'member' group by person_id)")" "1"
  # The only ID faults are the planted ones (summary line 2).
  planted=$(sed -n 's/^generate: planted: \([0-9]*\) wrong check characters, \([0-9]*\) birth dates and \([0-9]*\) sexes .*, \([0-9]*\) duplicated.*/\1 \2 \3 \4/p' "$TMP/c$n.err")
  if [ -x "$MULING" ]; then
    $MULING check "$TMP/c$n.db" > "$TMP/check$n.txt"
    found=$(for k in invalid_id_number id_birth_mismatch id_sex_mismatch; do
      sed -n "s/^FOUND $k .*: \([0-9]*\)\$/\1/p" "$TMP/check$n.txt"; done | tr '\n' ' ')
    dups=$(q "select sum(n - 1) from (select count(*) n from residents where id_number is not null group by id_number having n > 1)")
    check "only-planted-faults-$n" "$found$dups" "$planted"
  fi
done
# Every report runs on a generated city (exit 0).
if [ -x "$MULING" ]; then
  for f in sql/reports/*.sql; do
    r=$(basename "$f" .sql)
    if $MULING report "$TMP/c10000.db" "$r" --format csv > "$TMP/$r.csv" 2> "$TMP/$r.err"; then ok "report-$r"
    else fail "report-$r" "exit $?: $(head -c 200 "$TMP/$r.err")"; fi
  done
fi
