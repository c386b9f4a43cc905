#!/bin/sh
# muling check at its date edges (every range in muling is inclusive): a
# party member who left on the day the org was dissolved did not outlive
# it, and a score event on the member's last day is not after leaving;
# the day after, each is a finding.  Planted with the plain sqlite3 shell.
. tests/lib.sh

DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || { fail init "muling init --sample failed"; exit 0; }
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch "$1" 2>&1; }
count() { $MULING check "$DB" | grep -E "^(ok|FOUND) +$1 " | sed 's/.*: //'; }

# a current resident in no party org and no points scheme joins a branch
# that is dissolved on 2023-06-30, and leaves that day
check plant-member "$(sql "$DB" "
insert into party_orgs(id, kind, name, founded_on, dissolved_on) values (90001, 'branch', '撤销支部', '2020-01-01', '2023-06-30');
insert into party_members(resident_id, org_id, status, joined_on, left_on)
  select min(id), 90001, 'retired', '2020-01-01', '2023-06-30' from residents_current
  where id not in (select resident_id from party_members) and id not in (select member_id from score_members);")" ""
check member-left-on-dissolution "$(count party_member_without_org)" 0
sql "$DB" "update party_members set left_on = '2023-07-01' where org_id = 90001;" > /dev/null
check member-left-after-dissolution "$(count party_member_without_org)" 1
sql "$DB" "delete from party_members where org_id = 90001; delete from party_orgs where id = 90001;" > /dev/null

# a scheme member's assessment ends on the day of their last event
sql "$DB" "create table edge as
  select e.scheme_id, e.member_id, max(e.occurred_on) as last from score_events e
  join score_members m using (scheme_id, member_id)
  where e.reverses is null and m.to_date is null group by 1, 2 order by 1, 2 limit 1;
update score_members set to_date = (select last from edge)
  where (scheme_id, member_id) = (select scheme_id, member_id from edge);" > /dev/null
check event-on-last-day "$(count score_event_after_leaving)" 0
sql "$DB" "update score_members set to_date = date((select last from edge), '-1 day')
  where (scheme_id, member_id) = (select scheme_id, member_id from edge);" > /dev/null
check event-after-last-day "$(count score_event_after_leaving)" \
  "$(sql "$DB" "select count(*) from score_events e join edge using (scheme_id, member_id) where e.occurred_on = edge.last and e.reverses is null;")"
check event-after-last-day-some "$(sql "$DB" "select count(*) > 0 from score_events e join edge using (scheme_id, member_id) where e.occurred_on = edge.last;")" 1
