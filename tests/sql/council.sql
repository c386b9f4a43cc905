-- council_issues and council_issue_events: the triggers record every status
-- change and refuse the moves seed 002's flow does not allow.
select 't', test_read('sql/schema.sql') is null;
insert into areas(id, level, name) values (1, 'community', '美湖社区');
insert into residents(id, name) values (1, '王书记'), (2, '李委员');
insert into councils(id, area_id, name, kind, reports_to) values
  (1, 1, '协商议事会', 'consultation', null), (2, 1, '妇女议事会', 'women', 1), (3, 1, '另一议事会', 'consultation', null);

-- an issue inserted with its history gets one event per dated stage
insert into council_issues(id, council_id, title, mode, status, raised_on, reviewed_on, deliberated_on, resolved_on)
  values (1, 1, '楼道堆物', 'meeting', 'resolved', '2023-01-02', '2023-01-05', '2023-01-10', '2023-01-20');
select 'history-insert', (select group_concat(coalesce(from_stage, '-') || '>' || to_stage || '@' || happened_on, ' ')
  from council_issue_events where issue_id = 1 order by id)
  = '->raised@2023-01-02 raised>reviewed@2023-01-05 reviewed>deliberated@2023-01-10 deliberated>resolved@2023-01-20';
-- settled at the review: no deliberation event
insert into council_issues(id, council_id, title, mode, status, raised_on, reviewed_on, resolved_on)
  values (2, 1, '路灯不亮', 'wechat', 'resolved', '2023-02-01', '2023-02-02', '2023-02-03');
select 'history-settled-at-review', (select group_concat(to_stage, ',') from council_issue_events where issue_id = 2 order by id)
  = 'raised,reviewed,resolved';
-- resolved without review is refused on insert (the CHECK alone allowed it)
select 'insert-resolved-unreviewed', test_error('insert into council_issues(council_id, title, mode, status, raised_on, resolved_on) values (1, ''x'', ''home'', ''resolved'', ''2023-01-01'', ''2023-01-03'')')
  = 'council_issues: an issue is reviewed by the two committees (两委审事) before it is deliberated or resolved';

-- moving forward step by step: each step is an event on the stage's date
insert into council_issues(id, council_id, title, mode, raised_on, status_by) values (3, 1, '停车难', 'home', '2023-03-01', 2);
select 'raise-event', (select from_stage is null and to_stage = 'raised' and by_id = 2 from council_issue_events where issue_id = 3);
select 'raised-to-resolved', test_error('update council_issues set status = ''resolved'', reviewed_on = ''2023-03-02'', resolved_on = ''2023-03-05'' where id = 3')
  = 'council_issues: an issue is reviewed by the two committees (两委审事) before it is deliberated or resolved';
select 'raised-to-deliberated', test_error('update council_issues set status = ''deliberated'', reviewed_on = ''2023-03-02'', deliberated_on = ''2023-03-05'' where id = 3')
  = 'council_issues: an issue is reviewed by the two committees (两委审事) before it is deliberated or resolved';
select 'refused-left-no-event', (select count(*) from council_issue_events where issue_id = 3) = 1;
update council_issues set status = 'reviewed', reviewed_on = '2023-03-04', status_by = 1 where id = 3;
update council_issues set status = 'deliberated', deliberated_on = '2023-03-09' where id = 3;
update council_issues set status = 'resolved', resolved_on = '2023-03-20', outcome = '划线停车' where id = 3;
select 'forward-events', (select group_concat(from_stage || '>' || to_stage || '@' || happened_on, ' ') from council_issue_events
  where issue_id = 3 and from_stage is not null order by id)
  = 'raised>reviewed@2023-03-04 reviewed>deliberated@2023-03-09 deliberated>resolved@2023-03-20';
update council_issues set outcome = '划线停车,已办结' where id = 3;
select 'other-column-no-event', (select count(*) from council_issue_events where issue_id = 3) = 4;

-- moving back needs a new note
select 'back-without-note', test_error('update council_issues set status = ''raised'', reviewed_on = null, deliberated_on = null, resolved_on = null where id = 3')
  = 'council_issues: moving an issue back a stage needs a new status_note saying why';
update council_issues set status_note = '居民再次反映' where id = 3;
select 'back-with-old-note', test_error('update council_issues set status = ''deliberated'', resolved_on = null where id = 3')
  = 'council_issues: moving an issue back a stage needs a new status_note saying why';
update council_issues set status = 'deliberated', resolved_on = null, status_note = '划线后仍有占道', status_on = '2023-04-02', status_by = 1 where id = 3;
select 'back-event', (select from_stage || '>' || to_stage || '@' || happened_on || ' ' || note || ' ' || by_id from council_issue_events where issue_id = 3 order by id desc limit 1)
  = 'resolved>deliberated@2023-04-02 划线后仍有占道 1';
-- withdrawn is allowed from any stage; leaving it is a move back
update council_issues set status = 'withdrawn', status_on = '2023-04-10' where id = 3;
select 'withdrawn-event', (select from_stage || '>' || to_stage || '@' || happened_on from council_issue_events where issue_id = 3 order by id desc limit 1)
  = 'deliberated>withdrawn@2023-04-10';
select 'reopen-without-note', test_error('update council_issues set status = ''raised'', reviewed_on = null, deliberated_on = null where id = 3')
  = 'council_issues: moving an issue back a stage needs a new status_note saying why';
select 'withdrawn-to-resolved', test_error('update council_issues set status = ''resolved'', resolved_on = ''2023-04-11'', status_note = ''x'' where id = 3')
  = 'council_issues: an issue is reviewed by the two committees (两委审事) before it is deliberated or resolved';

-- the women's council forwards to the council it reports to, and only there
insert into council_issues(id, council_id, title, mode, raised_on) values (4, 2, '妇女儿童活动场地', 'meeting', '2023-05-01');
select 'forward-elsewhere', test_error('update council_issues set council_id = 3 where id = 4')
  = 'council_issues: an issue moves only to the council its council reports to (councils.reports_to)';
select 'forward-from-top', test_error('update council_issues set council_id = 2 where id = 1')
  = 'council_issues: an issue moves only to the council its council reports to (councils.reports_to)';
update council_issues set council_id = 1, status_on = '2023-05-08', status_note = '妇女议事会提交' where id = 4;
select 'forward-event', (select forwarded_from || '>' || council_id || ' ' || from_stage || '>' || to_stage || '@' || happened_on || ' ' || note
  from council_issue_events where issue_id = 4 order by id desc limit 1) = '2>1 raised>raised@2023-05-08 妇女议事会提交';

-- the history is append-only
select 'events-no-update', test_error('update council_issue_events set note = ''x'' where id = 1')
  = 'council_issue_events is append-only: change the issue and its triggers record it';
select 'events-no-delete', test_error('delete from council_issue_events where id = 1')
  = 'council_issue_events is append-only: change the issue and its triggers record it';
select 'events-no-hand-stage', test_error('insert into council_issue_events(issue_id, to_stage, happened_on) values (1, ''done'', ''2023-01-01'')') like 'CHECK constraint failed%';
