-- sql/schema.sql: it opens, its CHECK constraints refuse bad codes and
-- dates, foreign keys hold, and the points ledger is append-only.
select 'schema-opens', test_read('sql/schema.sql') is null;
select 'schema-fk-on', (select foreign_keys from pragma_foreign_keys) = 1;
select 'schema-app-id', (select application_id from pragma_application_id) = 1297435719;
select 'schema-tables', (select count(*) from sqlite_schema where type = 'table' and name in
  ('areas','lanes','households','residents','rented_rooms','religious_sites','organisations',
   'service_outlets','staff','party_orgs','responsibility_zones','party_members','member_feedback',
   'volunteer_teams','volunteers','volunteer_hours','activity_points','activities','attendance',
   'meetings','council_issues','micro_wishes','hardship_cases','home_visits','festivals',
   'festival_sections','duty_posts','duty_pool','duty_unavailable','duty_assignments',
   'score_schemes','score_categories','score_rules','score_grades','score_members','score_events',
   'score_redemptions','import_rejects','info_items','honours','councils','council_members',
   'area_heads','muling_meta','council_issue_events','due_rules','score_rule_sources',
   'score_reward_tiers')) = 48;
select 'schema-every-table-commented', (select count(*) from sqlite_schema
  where type = 'table' and name not like 'sqlite_%' and sql not like '%--%') = 0;

insert into areas(id, parent_id, level, code, name, area_km2) values
  (1, null, 'community', '650103004011', '塔城路社区', 1.4),
  (2, 1, 'grid', null, '第一网格', null), (3, 2, 'compound', null, '1号院', null),
  (4, 3, 'building', null, '1号楼', null);
insert into households(id, area_id, door_no) values (1, 4, '1-101');

-- areas
select 'areas-level', test_error('insert into areas(parent_id, level, name) values (1, ''village'', ''x'')')
  = 'CHECK constraint failed: level IN
              (''city'',''district'',''street'',''community'',''grid'',''compound'',''building'')';
select 'areas-negative-km2', test_error('insert into areas(level, name, area_km2) values (''city'', ''x'', -1)') like 'CHECK constraint failed: area_km2%';
select 'areas-own-parent', test_error('insert into areas(id, parent_id, level, name) values (9, 9, ''city'', ''x'')') like 'CHECK constraint failed%';
select 'areas-fk-parent', test_error('insert into areas(parent_id, level, name) values (999, ''grid'', ''x'')') = 'FOREIGN KEY constraint failed';

-- residents: a good row, then one bad column at a time
select 'residents-good', test_error('insert into residents(id, id_number, name, sex, birth_date, ethnic_code, household_id, area_id)
  values (1, ''65010319500316800X'', ''侯玉华'', ''F'', ''1950-03-16'', ''01'', 1, 4)') is null;
select 'residents-defaults', (select registration || low_income || key_person from residents where id = 1) = 'registered00';
select 'residents-id-short', test_error('insert into residents(id_number, name) values (''6501031950031680'', ''x'')') like 'CHECK constraint failed: id_number%';
select 'residents-id-letter', test_error('insert into residents(id_number, name) values (''65010319500316800x'', ''x'')') like 'CHECK constraint failed: id_number%';
select 'residents-id-inner-x', test_error('insert into residents(id_number, name) values (''650103195X0316800X'', ''x'')') like 'CHECK constraint failed: id_number%';
select 'residents-id-bad-check-kept', test_error('insert into residents(id_number, name) values (''650103195003168001'', ''x'')') is null;
select 'residents-name-empty', test_error('insert into residents(name) values ('''')') like 'CHECK constraint failed: length(name)%';
select 'residents-name-null', test_error('insert into residents(name) values (null)') = 'NOT NULL constraint failed: residents.name';
select 'residents-sex', test_error('insert into residents(name, sex) values (''x'', ''男'')') like 'CHECK constraint failed: sex%';
select 'residents-birth', test_error('insert into residents(name, birth_date) values (''x'', ''1950-02-30'')') like 'CHECK constraint failed: birth_date%';
select 'residents-birth-format', test_error('insert into residents(name, birth_date) values (''x'', ''1950/03/16'')') like 'CHECK constraint failed: birth_date%';
select 'residents-ethnic-name', test_error('insert into residents(name, ethnic_code) values (''x'', ''汉族'')') like 'CHECK constraint failed: ethnic_code%';
select 'residents-ethnic-one-digit', test_error('insert into residents(name, ethnic_code) values (''x'', ''1'')') like 'CHECK constraint failed: ethnic_code%';
select 'residents-ethnic-99', test_error('insert into residents(name, ethnic_code) values (''x'', ''99'')') like 'CHECK constraint failed: ethnic_code%';
select 'residents-ethnic-97', test_error('insert into residents(name, ethnic_code) values (''x'', ''97'')') is null;
select 'residents-ethnic-raw', test_error('insert into residents(name, ethnic_code, ethnic_raw) values (''x'', null, ''穿青人'')') is null;
select 'residents-registration', test_error('insert into residents(name, registration) values (''x'', ''temporary'')') like 'CHECK constraint failed: registration%';
select 'residents-low-income', test_error('insert into residents(name, low_income) values (''x'', 2)') like 'CHECK constraint failed: low_income%';
select 'residents-key-person', test_error('insert into residents(name, key_person) values (''x'', ''yes'')') like 'CHECK constraint failed: key_person%';
select 'residents-moved-out-before-in', test_error('insert into residents(name, moved_in, moved_out) values (''x'', ''2020-01-01'', ''2019-01-01'')') like 'CHECK constraint failed%';
select 'residents-died-before-born', test_error('insert into residents(name, birth_date, died_on) values (''x'', ''1950-01-01'', ''1949-01-01'')') like 'CHECK constraint failed%';
select 'residents-fk-household', test_error('insert into residents(name, household_id) values (''x'', 99)') = 'FOREIGN KEY constraint failed';
select 'residents-fk-area', test_error('insert into residents(name, area_id) values (''x'', 99)') = 'FOREIGN KEY constraint failed';
select 'residents-relation', test_error('insert into residents(name, relation) values (''x'', ''cousin'')') like 'CHECK constraint failed: relation%';
select 'residents-current-view', test_rows('select * from residents_current') = test_rows('select * from residents where moved_out is null and died_on is null');

-- party, volunteers, activities
insert into party_orgs(id, parent_id, kind, name, area_id) values (1, null, 'committee', '社区党委', 1), (2, 1, 'branch', '第一支部', 1);
select 'party-orgs-kind', test_error('insert into party_orgs(kind, name) values (''cell'', ''x'')') like 'CHECK constraint failed: kind%';
select 'party-members-good', test_error('insert into party_members(resident_id, org_id, status, reported_on, receipt_card) values (1, 2, ''in_service'', ''2022-03-12'', 1)') is null;
select 'party-members-status', test_error('insert into party_members(resident_id, org_id, status) values (1, 2, ''active'')') like 'CHECK constraint failed: status%';
select 'party-members-card', test_error('update party_members set receipt_card = 2') like 'CHECK constraint failed: receipt_card%';
select 'party-members-fk', test_error('insert into party_members(resident_id, org_id, status) values (77, 2, ''retired'')') = 'FOREIGN KEY constraint failed';
select 'feedback-direction', test_error('insert into member_feedback(resident_id, period, direction) values (1, ''2023-01-01'', ''both'')') like 'CHECK constraint failed: direction%';
select 'staff-category', test_error('insert into staff(area_id, name, category) values (1, ''x'', ''volunteer'')') like 'CHECK constraint failed: category%';
select 'organisations-co-building', test_error('insert into organisations(area_id, name, kind, co_building) values (1, ''x'', ''enterprise'', 3)') like 'CHECK constraint failed: co_building%';
select 'hours-positive', test_error('insert into volunteer_hours(resident_id, served_on, hours) values (1, ''2023-01-01'', 0)') like 'CHECK constraint failed: hours%';
select 'hours-day', test_error('insert into volunteer_hours(resident_id, served_on, hours) values (1, ''2023-01-01'', 25)') like 'CHECK constraint failed: hours%';
select 'activities-kind', test_error('insert into activities(kind, held_on) values (''party'', ''2023-01-01'')') like 'CHECK constraint failed: kind%';
select 'activities-date', test_error('insert into activities(kind, held_on) values (''publicity'', ''2023-13-01'')') like 'CHECK constraint failed: date(held_on%';
insert into activities(id, kind, held_on) values (1, 'song_dance', '2023-01-02');
select 'attendance-once', test_error('insert into attendance(activity_id, resident_id) values (1, 1), (1, 1)') = 'UNIQUE constraint failed: attendance.activity_id, attendance.resident_id';
select 'attendance-fk', test_error('insert into attendance(activity_id, resident_id) values (2, 1)') = 'FOREIGN KEY constraint failed';
select 'home-visit-kind', test_error('insert into home_visits(kind, resident_id, visited_on) values (''birthday'', 1, ''2023-01-01'')') like 'CHECK constraint failed: kind%';
select 'home-visit-eight', (select count(*) from (select 'wedding' k union all select 'funeral' union all select 'mediation' union all select 'hospital'
  union all select 'new_resident' union all select 'rehabilitation' union all select 'benefit' union all select 'unemployment') k
  where test_error('insert into home_visits(kind, resident_id, visited_on) values (''' || k || ''', 1, ''2023-01-01'')') is null) = 8;
select 'hardship-class', test_error('insert into hardship_cases(resident_id, class, assessed_on) values (1, ''loan'', ''2023-01-01'')') like 'CHECK constraint failed: class%';
select 'hardship-resolved-needs-date', test_error('insert into hardship_cases(resident_id, class, assessed_on, status) values (1, ''pairing'', ''2023-01-01'', ''resolved'')') like 'CHECK constraint failed%';
select 'hardship-who', test_error('insert into hardship_cases(class, assessed_on) values (''pairing'', ''2023-01-01'')') like 'CHECK constraint failed%';
select 'wish-fulfilled-unclaimed', test_error('insert into micro_wishes(resident_id, wish, raised_on, fulfilled_on) values (1, ''x'', ''2023-01-01'', ''2023-02-01'')') like 'CHECK constraint failed%';

-- council issues: statuses keep their dates in step
select 'council-mode', test_error('insert into council_issues(title, mode, raised_on) values (''x'', ''phone'', ''2023-01-01'')') like 'CHECK constraint failed: mode%';
select 'council-raised', test_error('insert into council_issues(title, mode, raised_on) values (''x'', ''wechat'', ''2023-01-01'')') is null;
select 'council-resolved-without-date', test_error('insert into council_issues(title, mode, status, raised_on, reviewed_on) values (''x'', ''home'', ''resolved'', ''2023-01-01'', ''2023-01-02'')') like 'CHECK constraint failed%';
select 'council-deliberated-before-review', test_error('insert into council_issues(title, mode, status, raised_on, deliberated_on) values (''x'', ''home'', ''deliberated'', ''2023-01-01'', ''2023-01-05'')') = 'council_issues: an issue is reviewed by the two committees (两委审事) before it is deliberated or resolved';
select 'council-review-before-raise', test_error('insert into council_issues(title, mode, status, raised_on, reviewed_on) values (''x'', ''home'', ''reviewed'', ''2023-01-05'', ''2023-01-01'')') like 'CHECK constraint failed%';
select 'council-resolved-ok', test_error('insert into council_issues(title, mode, status, raised_on, reviewed_on, deliberated_on, resolved_on) values (''x'', ''meeting'', ''resolved'', ''2023-01-01'', ''2023-01-02'', ''2023-01-09'', ''2023-01-20'')') is null;
select 'council-raised-with-date', test_error('insert into council_issues(title, mode, status, raised_on, resolved_on) values (''x'', ''meeting'', ''raised'', ''2023-01-01'', ''2023-01-20'')') like 'CHECK constraint failed%';

-- duty posts: the new columns
select 'duty-kind', test_error('insert into duty_posts(name, rrule, dtstart, kind) values (''x'', ''FREQ=DAILY'', ''2023-01-01'', ''guard'')') like 'CHECK constraint failed: kind%';
select 'duty-point-fk', test_error('insert into duty_posts(name, rrule, dtstart, point_id) values (''x'', ''FREQ=DAILY'', ''2023-01-01'', 5)') = 'FOREIGN KEY constraint failed';
select 'duty-default-kind', test_error('insert into duty_posts(post_id, name, rrule, dtstart) values (1, ''巡逻'', ''FREQ=DAILY'', ''2023-01-01'')') is null
  and (select kind is null and point_id is null from duty_posts where post_id = 1);

-- the points ledger is append-only; a reversal must match its event
insert into score_schemes(scheme_id, name) values (1, '党员积分');
insert into score_categories(scheme_id, category) values (1, '任务分');
insert into score_rules(scheme_id, rule_code, category, points) values (1, 'T01', '任务分', 2), (1, 'T02', '任务分', 2);
insert into score_members(scheme_id, member_id) values (1, 1), (1, 2);
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on, recorded_at) values (1, 1, 1, 'T01', '2023-01-10', '2023-01-10 18:00:00');
select 'ledger-no-update', test_error('update score_events set qty = 2 where event_id = 1') = 'score_events is append-only: record a reversing event instead';
select 'ledger-no-delete', test_error('delete from score_events where event_id = 1') = 'score_events is append-only: record a reversing event instead';
select 'ledger-reversal-other-member', test_error('insert into score_events(scheme_id, member_id, rule_code, occurred_on, reverses) values (1, 2, ''T01'', ''2023-01-10'', 1)')
  = 'score_events: a reversal must name an earlier event of the same scheme, member and rule';
select 'ledger-reversal-other-rule', test_error('insert into score_events(scheme_id, member_id, rule_code, occurred_on, reverses) values (1, 1, ''T02'', ''2023-01-10'', 1)')
  = 'score_events: a reversal must name an earlier event of the same scheme, member and rule';
select 'ledger-reversal-ok', test_error('insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on, reverses) values (2, 1, 1, ''T01'', ''2023-01-10'', 1)') is null;
select 'ledger-reversal-once', test_error('insert into score_events(scheme_id, member_id, rule_code, occurred_on, reverses) values (1, 1, ''T01'', ''2023-01-10'', 1)') = 'UNIQUE constraint failed: score_events.reverses';
select 'ledger-no-reversing-a-reversal', test_error('insert into score_events(scheme_id, member_id, rule_code, occurred_on, reverses) values (1, 1, ''T01'', ''2023-01-10'', 2)')
  = 'score_events: a reversal must name an earlier event of the same scheme, member and rule';
select 'ledger-unknown-rule', test_error('insert into score_events(scheme_id, member_id, rule_code, occurred_on) values (1, 1, ''T09'', ''2023-01-10'')') = 'FOREIGN KEY constraint failed';
select 'redemption-positive', test_error('insert into score_redemptions(scheme_id, member_id, points, redeemed_on) values (1, 1, 0, ''2023-12-01'')') like 'CHECK constraint failed: points%';
select 'fk-check-clean', test_rows('pragma foreign_key_check') = 0;
