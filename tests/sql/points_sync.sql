-- sql/points_sync.sql (muling points sync): score_events written from their
-- sources with a reference to the source row; a second run adds nothing; a
-- changed or deleted source is answered by a reversing event; the explain
-- identity holds after the syncs.  :scheme and :through are unbound here:
-- every scheme, through today (all the data below is older).
select 't', test_read('sql/schema.sql') is null;
insert into residents(id, name) values (1, '甲'), (2, '乙'), (3, '丙');
insert into score_schemes(scheme_id, name) values (1, '岗位积分');
insert into score_categories(scheme_id, category) values (1, '任务分');
insert into score_rules(scheme_id, rule_code, category, points, unit, max_units_per_event) values
  (1, 'duty', '任务分', 2, 'event', null), (1, 'vol', '任务分', 1, 'hour', 2), (1, 'meet', '任务分', 1, 'event', null),
  (1, 'dual', '任务分', 3, 'event', null), (1, 'train', '任务分', 1, 'hour', null), (1, 'hand', '任务分', 5, 'event', null);
insert into score_rule_sources(scheme_id, rule_code, source, filter) values
  (1, 'duty', 'duty_served', '1'), (1, 'vol', 'volunteer_hours', null), (1, 'meet', 'meeting_attendance', null),
  (1, 'dual', 'dual_report_service', null), (1, 'train', 'activity_attendance', 'training');
insert into score_members(scheme_id, member_id, from_date, to_date) values (1, 1, '2023-01-01', null), (1, 2, null, '2023-06-30');
insert into duty_posts(post_id, name, rrule, dtstart, kind) values
  (1, '巡逻', 'FREQ=DAILY', '2023-01-01', 'patrol'), (2, '双报到', 'FREQ=MONTHLY;BYDAY=-1SA', '2023-01-28', 'dual_report');
insert into duty_assignments(id, post_id, duty_date, slot, role, person_id, status) values
  (1, 1, '2023-03-01', 1, 'member', 1, 'served'), (2, 1, '2023-03-02', 1, 'member', 2, 'served'),
  (3, 1, '2023-03-03', 1, 'member', 1, 'absent'), (4, 1, '2023-07-01', 1, 'member', 2, 'served'),
  (5, 2, '2023-03-25', 1, 'member', 1, 'served'), (6, 1, '2023-03-04', 1, 'member', 3, 'served');
insert into volunteer_hours(id, resident_id, served_on, hours) values (1, 1, '2023-04-01', 3), (2, 2, '2023-04-02', 1.5);
insert into meetings(id, kind, name) values (1, 'weekly', '例会');
insert into activities(id, kind, held_on, hours, meeting_id) values
  (1, 'meeting', '2023-05-01', null, 1), (2, 'training', '2023-05-02', 2.5, null), (3, 'song_dance', '2023-05-03', 1, null);
insert into attendance(activity_id, resident_id) values (1, 1), (1, 2), (2, 1), (3, 1);
insert into score_events(scheme_id, member_id, rule_code, occurred_on) values (1, 1, 'hand', '2023-06-01');

-- First run: one event per source row of a member in the scheme that day
-- (not the absent duty, not the duty after member 2 left, not 丙, not the
-- song-and-dance session); hand-typed events untouched.
select 's1', test_read('sql/points_sync.sql') is null;
select 'added', (select count(*) from temp.sync_add) = 8 and (select count(*) from temp.sync_reverse) = 0;
select 'events', (select group_concat(rule_code || ':' || member_id || ':' || occurred_on || ':' || qty || ':' || source_table || '#' || source_id, ' ')
  from (select * from score_events where source_table is not null order by event_id))
  = 'duty:1:2023-03-01:1.0:duty_assignments#1 duty:2:2023-03-02:1.0:duty_assignments#2 dual:1:2023-03-25:1.0:duty_assignments#5 vol:1:2023-04-01:3.0:volunteer_hours#1 vol:2:2023-04-02:1.5:volunteer_hours#2 meet:1:2023-05-01:1.0:attendance#1 meet:2:2023-05-01:1.0:attendance#1 train:1:2023-05-02:2.5:attendance#2';
select 'recorded-by', (select count(*) from score_events where recorded_by = 'points sync') = 8;

-- Idempotent: a second run adds nothing.
select 's2', test_read('sql/points_sync.sql') is null;
select 'idempotent', (select count(*) from temp.sync_add) + (select count(*) from temp.sync_reverse) = 0
  and (select count(*) from score_events) = 9;

-- A changed source: the old event is reversed (never updated) and a new one added.
update volunteer_hours set hours = 2 where id = 1;
select 's3', test_read('sql/points_sync.sql') is null;
select 'changed-counts', (select count(*) from temp.sync_add) = 1 and (select count(*) from temp.sync_reverse) = 1;
select 'changed-reversal', (select r.qty = 3 and r.source_id = 1 and o.rule_code = 'vol' and o.qty = 3
  from score_events r join score_events o on o.event_id = r.reverses where r.source_table = 'volunteer_hours');
select 'changed-new', (select qty from score_events where source_table = 'volunteer_hours' and source_id = 1
  and reverses is null and event_id not in (select reverses from score_events where reverses is not null)) = 2;
-- A deleted source, a duty no longer served, a rule no longer sourced: reversed.
delete from attendance where activity_id = 1 and resident_id = 2;
update duty_assignments set status = 'absent' where id = 1;
delete from score_rule_sources where rule_code = 'meet';
select 's4', test_read('sql/points_sync.sql') is null;
select 'gone-counts', (select count(*) from temp.sync_add) = 0 and (select count(*) from temp.sync_reverse) = 3;
select 'gone-which', (select group_concat(rule_code || ':' || member_id, ' ') from (select * from temp.sync_reverse order by event_id))
  = 'duty:1 meet:1 meet:2';
-- Served again: a new event (the reversed one stays reversed).
update duty_assignments set status = 'served' where id = 1;
select 's5', test_read('sql/points_sync.sql') is null;
select 'served-again', (select count(*) from temp.sync_add) = 1 and (select count(*) from temp.sync_reverse) = 0;
select 'ledger-append-only', (select count(*) from score_events) = 9 + 1 + 1 + 3 + 1;
select 'hand-untouched', (select count(*) from score_events where rule_code = 'hand' and reverses is null) = 1
  and not exists (select 1 from score_events where reverses = (select event_id from score_events where rule_code = 'hand'));

-- Scores: member 1 = duty 2 + dual 3 + vol 2 h (of 2) + train 2.5 + hand 5; member 2 = duty 2 + vol 1.5
select 'scores', (select group_concat(member_id || ':' || score, ' ') from (select * from credit_scores(1, '2023-01-01', '2023-12-31') order by member_id))
  = '1:14.5 2:3.5';
-- Σ counted_points + base = score for every member after the syncs
select 'explain-identity', (select count(*) from credit_scores(1, '2023-01-01', '2023-12-31') s
  where round(s.base + (select total(counted_points) from credit_explain(1, s.member_id, s.period_start, s.period_end)), 2) <> s.score) = 0;
select 'explain-reversed', (select events || '/' || reversed from credit_explain(1, 1, '2023-01-01', '2023-12-31') where rule_code = 'duty') = '1/2';
