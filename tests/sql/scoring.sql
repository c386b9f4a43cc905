-- scoring: credit_scores, credit_explain, volunteer_stars — hand-worked cases.
-- Every expected number below can be checked with pencil and paper from the
-- data inserted here.
select 't', test_read('sql/schema.sql') is null;

-- Scheme 1, a seed-002-style red-post scheme, one year per period:
--   base 60, 20 % carried to the next year, score kept in [0, 100]
--   基础分 starts at 20 and only deducts, floor 0 (扣完为止), cap 20
--   任务分 capped at 70 a year; 奖励分 capped at 10 a year
insert into score_schemes values (1, '红色岗位', 60, 'year', 0.2, 0, 100, 'seed 002 posts');
insert into score_categories values
  (1, '基础分', 20, 0, 20), (1, '任务分', 0, null, 70), (1, '奖励分', 0, null, 10);
insert into score_rules values
  (1, 'study',    '任务分', 2,  'event', null, 12,   null,     '集中学习每次2分,全年累计不超过12分'),
  (1, 'patrol',   '任务分', 1,  'hour',  2,    null, null,     '治安巡逻每小时1分,每次最多计2小时'),
  (1, 'absent',   '基础分', -5, 'event', null, null, null,     '无故缺席扣5分'),
  (1, 'noreport', '基础分', 0,  'event', null, null, '基本合格', '未双报到:最高基本合格'),
  (1, 'honour',   '奖励分', 4,  'event', null, null, null,     '区级以上表彰');
insert into score_grades values
  (1, '优秀', 90, 1), (1, '合格', 70, 2), (1, '基本合格', 60, 3), (1, '不合格', 0, 4);
insert into score_members values
  (1, 101, '2023-01-01', null), (1, 102, '2023-01-01', null), (1, 103, '2023-01-01', null),
  (1, 104, '2023-01-01', null), (1, 105, '2023-01-01', null), (1, 106, '2023-01-01', null),
  (1, 107, '2023-01-01', null), (1, 108, '2022-01-01', null), (1, 109, '2023-01-01', '2023-06-30');

-- 101: seven study sessions, the cap of 12 is reached in June; July's 2 points are capped off.
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on) values
  (1, 1, 101, 'study', '2023-01-10'), (2, 1, 101, 'study', '2023-02-10'),
  (3, 1, 101, 'study', '2023-03-10'), (4, 1, 101, 'study', '2023-04-10'),
  (5, 1, 101, 'study', '2023-05-10'), (6, 1, 101, 'study', '2023-06-10'),
  (7, 1, 101, 'study', '2023-07-10');
-- 102: absent five times: 20 − 25 = −5, the category stops at 0 (5 capped off).
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on) values
  (11, 1, 102, 'absent', '2023-03-01'), (12, 1, 102, 'absent', '2023-04-01'),
  (13, 1, 102, 'absent', '2023-05-01'), (14, 1, 102, 'absent', '2023-06-01'),
  (15, 1, 102, 'absent', '2023-07-01');
-- 103: seven study sessions, and the seventh was recorded in error: its
-- reversal leaves six, 12 points, nothing capped off.
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on) values
  (21, 1, 103, 'study', '2023-01-10'), (22, 1, 103, 'study', '2023-02-10'),
  (23, 1, 103, 'study', '2023-03-10'), (24, 1, 103, 'study', '2023-04-10'),
  (25, 1, 103, 'study', '2023-05-10'), (26, 1, 103, 'study', '2023-06-10'),
  (27, 1, 103, 'study', '2023-07-10');
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on, reverses, note)
  values (28, 1, 103, 'study', '2023-08-01', 27, 'recorded twice');
-- 104: ten patrols of 3 h (2 h credited each: 20), six study sessions (12),
-- an honour (4): 60 + 20 + 36 = 116, clamped to 100; 优秀 by points but
-- did not report for 双报到: 基本合格, vetoed by noreport.
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on, qty)
  select 30 + value, 1, 104, 'patrol', printf('2023-%02d-15', value), 3
  from (with recursive n(value) as (select 1 union all select value + 1 from n where value < 10)
        select value from n);
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on) values
  (41, 1, 104, 'study', '2023-01-10'), (42, 1, 104, 'study', '2023-02-10'),
  (43, 1, 104, 'study', '2023-03-10'), (44, 1, 104, 'study', '2023-04-10'),
  (45, 1, 104, 'study', '2023-05-10'), (46, 1, 104, 'study', '2023-06-10'),
  (47, 1, 104, 'honour', '2023-09-01'), (48, 1, 104, 'noreport', '2023-12-31');
-- 105: six study sessions (92, 优秀); a noreport event, reversed: no veto.
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on) values
  (51, 1, 105, 'study', '2023-01-10'), (52, 1, 105, 'study', '2023-02-10'),
  (53, 1, 105, 'study', '2023-03-10'), (54, 1, 105, 'study', '2023-04-10'),
  (55, 1, 105, 'study', '2023-05-10'), (56, 1, 105, 'study', '2023-06-10'),
  (57, 1, 105, 'noreport', '2023-06-30');
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on, reverses)
  values (58, 1, 105, 'noreport', '2023-07-02', 57);
-- 106: absent four times (基础分 0, score 60, 基本合格) and noreport: the veto
-- grade is no worse, so the grade stands and vetoed stays NULL.
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on) values
  (61, 1, 106, 'absent', '2023-02-01'), (62, 1, 106, 'absent', '2023-03-01'),
  (63, 1, 106, 'absent', '2023-04-01'), (64, 1, 106, 'absent', '2023-05-01'),
  (65, 1, 106, 'noreport', '2023-06-01');
-- 107: no events at all: base 60 + 基础分 20 = 80, 合格; spends 15 at the
-- 积分超市 in November: the balance drops, the score does not.
insert into score_redemptions(scheme_id, member_id, points, redeemed_on, item)
  values (1, 107, 15, '2023-11-11', '洗衣液');
-- 108: the carry-over chain over three years.
--   2022: 60 + 20 + 12 (six study) = 92
--   2023: base 60 + 0.2 × 92 = 78.4, no events: 78.4 + 20 = 98.4
--   2024: base 60 + 0.2 × 98.4 = 79.68: 99.68
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on) values
  (81, 1, 108, 'study', '2022-01-10'), (82, 1, 108, 'study', '2022-02-10'),
  (83, 1, 108, 'study', '2022-03-10'), (84, 1, 108, 'study', '2022-04-10'),
  (85, 1, 108, 'study', '2022-05-10'), (86, 1, 108, 'study', '2022-06-10');
-- 109: assessed until 2023-06-30: in 2023 (80, like 107), not in 2024.

create temp table y23 as select * from credit_scores('红色岗位', '2023-01-01', '2023-12-31');
create temp view r23(member_id, base, added, deducted, capped_off, score, grade, vetoed, rank, percentile, balance) as
  select member_id, base, added, deducted, capped_off, score, grade, vetoed, rank, percentile, balance from y23;
select 'rows-2023', (select count(*) from y23) = 9;
select 'period-2023', (select count(*) from y23 where period_start = '2023-01-01' and period_end = '2023-12-31') = 9;
-- a cap reached mid-year
select 'cap-midyear', (select count(*) from r23 where member_id = 101 and base = 60 and added = 12
  and deducted = 0 and capped_off = 2 and score = 92 and grade = '优秀' and vetoed is null) = 1;
select 'cap-explain', (select count(*) from credit_explain(1, 101, '2023-01-01', '2023-12-31')
  where rule_code = 'study' and events = 7 and reversed = 0 and units = 7 and raw_points = 14
  and cap = 12 and counted_points = 12 and capped_off = 2) = 1;
-- 扣完为止
select 'floor', (select count(*) from r23 where member_id = 102 and added = 0 and deducted = 25
  and capped_off = 5 and score = 60 and grade = '基本合格') = 1;
select 'floor-explain-rule', (select count(*) from credit_explain(1, 102, '2023-01-01', '2023-12-31')
  where rule_code = 'absent' and events = 5 and raw_points = -25 and counted_points = -25 and cap is null) = 1;
select 'floor-explain-category', (select count(*) from credit_explain(1, 102, '2023-01-01', '2023-12-31')
  where rule_code is null and category = '基础分' and raw_points = -5 and cap = 0
  and counted_points = 25 and capped_off = 5 and value = 0 and events is null) = 1;
select 'floor-explain-rows', test_rows('select * from credit_explain(1, 102, ''2023-01-01'', ''2023-12-31'')') = 2;
-- the reversal of a capped event
select 'reversal-capped', (select count(*) from r23 where member_id = 103 and added = 12
  and capped_off = 0 and score = 92) = 1;
select 'reversal-explain', (select count(*) from credit_explain(1, 103, '2023-01-01', '2023-12-31')
  where rule_code = 'study' and events = 6 and reversed = 2 and raw_points = 12 and capped_off = 0) = 1;
-- a veto, and the score clamp
select 'veto', (select count(*) from r23 where member_id = 104 and added = 36 and score = 100
  and grade = '基本合格' and vetoed = 'noreport') = 1;
select 'veto-score-clamp-row', (select count(*) from credit_explain(1, 104, '2023-01-01', '2023-12-31')
  where category is null and rule_code is null and raw_points = 116 and cap = 100
  and counted_points = -16 and capped_off = 16 and value = 100) = 1;
select 'patrol-units', (select count(*) from credit_explain(1, 104, '2023-01-01', '2023-12-31')
  where rule_code = 'patrol' and events = 10 and units = 20 and raw_points = 20 and cap is null) = 1;
select 'reversed-veto', (select count(*) from r23 where member_id = 105 and score = 92
  and grade = '优秀' and vetoed is null) = 1;
select 'reversed-veto-explain', (select count(*) from credit_explain(1, 105, '2023-01-01', '2023-12-31')
  where rule_code = 'noreport' and events = 0 and reversed = 2 and counted_points = 0) = 1;
select 'veto-not-lower', (select count(*) from r23 where member_id = 106 and score = 60
  and grade = '基本合格' and vetoed is null) = 1;
-- no events: base and grade all the same
select 'no-events', (select count(*) from r23 where member_id = 107 and base = 60 and added = 0
  and deducted = 0 and capped_off = 0 and score = 80 and grade = '合格') = 1;
select 'no-events-explain', (select count(*) from credit_explain(1, 107, '2023-01-01', '2023-12-31')
  where category = '基础分' and rule_code is null and counted_points = 20 and cap is null) = 1;
-- redemptions lower the balance, never the score
select 'redemption', (select count(*) from r23 where member_id = 107 and score = 80 and balance = 5) = 1;
select 'redemption-later', (select balance from credit_scores(1, '2024-06-01') where member_id = 107) = 25;
select 'redemption-before', (select balance from credit_scores(1, '2023-01-01', '2023-01-01') where member_id = 107) = 5;
-- the carry-over chain, asked year by year and all at once
select 'carry-2022', (select count(*) from credit_scores(1, '2022-01-01', '2022-12-31')
  where member_id = 108 and base = 60 and score = 92) = 1;
select 'carry-2023', (select count(*) from r23 where member_id = 108 and base = 78.4 and score = 98.4) = 1;
select 'carry-2024', (select count(*) from credit_scores(1, '2024-01-01', '2024-12-31')
  where member_id = 108 and base = 79.68 and score = 99.68) = 1;
select 'carry-all', (select group_concat(base || '/' || score, ' ') from credit_scores(1, '2022-01-01', '2024-12-31')
  where member_id = 108) = '60.0/92.0 78.4/98.4 79.68/99.68';
select 'carry-balance', (select balance from credit_scores(1, '2024-03-01') where member_id = 108) = 72;
select 'only-2022', (select group_concat(member_id) from credit_scores(1, '2022-01-01', '2022-12-31')) = '108';
-- membership ended: in 2023, not in 2024
select 'ended-2023', (select score from r23 where member_id = 109) = 80;
select 'ended-2024', (select count(*) from credit_scores(1, '2024-01-01', '2024-12-31') where member_id = 109) = 0;
-- ranks share and skip; percentile = 100 × percent_rank over score ascending
select 'rank', (select group_concat(member_id || ':' || rank, ' ') from (select * from r23 order by rank, member_id))
  = '104:1 108:2 101:3 103:3 105:3 107:6 109:6 102:8 106:8';
select 'percentile', (select group_concat(member_id || ':' || percentile, ' ') from (select * from r23 order by rank, member_id))
  = '104:100.0 108:87.5 101:50.0 103:50.0 105:50.0 107:25.0 109:25.0 102:0.0 106:0.0';
select 'rank-window', (select count(*) from r23 a join (select member_id,
  rank() over (order by score desc) as rk, 100 * percent_rank() over (order by score) as pc from r23) b
  using (member_id) where a.rank = b.rk and a.percentile = b.pc) = 9;
-- Σ counted_points + base = score, for every member and period
select 'identity', (select count(*) from credit_scores(1, '2022-01-01', '2024-12-31') s
  where round(s.base + (select total(counted_points) from credit_explain(1, s.member_id, s.period_start, s.period_end)), 2)
        <> s.score) = 0;
select 'identity-rows', (select count(*) from credit_scores(1, '2022-01-01', '2024-12-31')) = 18;
select 'capped-off-sum', (select count(*) from credit_scores(1, '2022-01-01', '2024-12-31') s
  where s.capped_off <> round((select total(capped_off) from credit_explain(1, s.member_id, s.period_start, s.period_end)
                               where category is not null), 2)) = 0;
-- explain columns carry base and score; hidden arguments
select 'explain-base-score', (select count(*) from credit_explain(1, 108, '2024-01-01', '2024-12-31')
  where base = 79.68 and score = 99.68) = 1;
select 'hidden-args', (select count(*) from credit_scores where scheme = 1 and range_start = '2023-05-01'
  and range_end = '2023-05-01') = 9;
select 'hidden-scheme-value', (select scheme from credit_scores('红色岗位', '2023-01-01') limit 1) = '红色岗位';
select 'scheme-by-digits', (select count(*) from credit_scores('1', '2023-01-01')) = 9;
select 'one-day-range', (select count(*) from credit_scores(1, '2023-07-04')) = 9;
select 'today', test_rows('select * from credit_scores(1)') = (case when date('now', 'localtime') >= '2024-01-01' then 8 else 9 end);
select 'explain-today', test_error('select * from credit_explain(1, 101)') is null;
-- NULL in, nothing out
select 'null-scheme', test_rows('select * from credit_scores(null, ''2023-01-01'', ''2023-12-31'')') = 0;
select 'null-start', test_rows('select * from credit_scores(1, null, ''2023-12-31'')') = 0;
select 'null-member', test_rows('select * from credit_explain(1, null)') = 0;
-- a member assessed, but not in the range: no rows, no error
select 'explain-outside', test_rows('select * from credit_explain(1, 101, ''2021-01-01'', ''2021-12-31'')') = 0;
-- joined per member (the table-valued function re-runs for each)
select 'lateral', (select count(*) from score_members m, credit_explain(1, m.member_id, '2023-01-01', '2023-12-31') x
  where m.scheme_id = 1) = (select count(*) from credit_explain(1, 101, '2023-01-01', '2023-12-31'))
  + (select count(*) from credit_explain(1, 102, '2023-01-01', '2023-12-31'))
  + (select count(*) from credit_explain(1, 103, '2023-01-01', '2023-12-31'))
  + (select count(*) from credit_explain(1, 104, '2023-01-01', '2023-12-31'))
  + (select count(*) from credit_explain(1, 105, '2023-01-01', '2023-12-31'))
  + (select count(*) from credit_explain(1, 106, '2023-01-01', '2023-12-31'))
  + (select count(*) from credit_explain(1, 107, '2023-01-01', '2023-12-31'))
  + (select count(*) from credit_explain(1, 108, '2023-01-01', '2023-12-31'))
  + (select count(*) from credit_explain(1, 109, '2023-01-01', '2023-12-31'));

-- Scheme 2: quarters, no base, no carry, no clamps.
insert into score_schemes(scheme_id, name, period) values (2, '季度', 'quarter');
insert into score_categories(scheme_id, category) values (2, 'c');
insert into score_rules(scheme_id, rule_code, category, points) values (2, 'r', 'c', 1.5);
insert into score_members(scheme_id, member_id) values (2, 201), (2, 202);
insert into score_events(scheme_id, member_id, rule_code, occurred_on) values
  (2, 201, 'r', '2023-01-31'), (2, 201, 'r', '2023-04-01'), (2, 201, 'r', '2023-06-30'), (2, 201, 'r', '2023-12-31');
select 'quarter-rows', (select group_concat(member_id || ' ' || period_start || ' ' || period_end || ' ' || score, ', ')
  from credit_scores(2, '2023-02-15', '2023-05-01'))
  = '201 2023-01-01 2023-03-31 1.5, 202 2023-01-01 2023-03-31 0.0, 201 2023-04-01 2023-06-30 3.0, 202 2023-04-01 2023-06-30 0.0';
select 'quarter-balance', (select balance from credit_scores(2, '2023-12-01') where member_id = 201) = 6;
select 'quarter-no-grade', (select count(*) from credit_scores(2, '2023-12-01') where grade is null and vetoed is null) = 2;

-- Scheme 3: months, carry half, fractional points and hours.
insert into score_schemes(scheme_id, name, base, period, carry_fraction) values (3, '月度', 10, 'month', 0.5);
insert into score_categories(scheme_id, category) values (3, 'c');
insert into score_rules(scheme_id, rule_code, category, points, unit, max_units_per_event) values
  (3, 'h', 'c', 0.1, 'hour', 2.5), (3, 'k', 'c', 0.2, 'event', null);
insert into score_members(scheme_id, member_id, from_date) values (3, 301, '2024-01-15');
insert into score_events(scheme_id, member_id, rule_code, occurred_on, qty) values
  (3, 301, 'h', '2024-02-29', 1), (3, 301, 'k', '2024-02-29', 1), (3, 301, 'h', '2024-03-01', 4);
-- Jan 10; Feb base 10 + 5 = 15, + 0.1 + 0.2 = 15.3 (not 15.299999…); Mar base 10 + 7.65 = 17.65, + 0.25 = 17.9
select 'month-rows', (select group_concat(period_start || '..' || period_end || ' ' || base || ' ' || score, ', ')
  from credit_scores(3, '2024-01-01', '2024-03-31'))
  = '2024-01-01..2024-01-31 10.0 10.0, 2024-02-01..2024-02-29 15.0 15.3, 2024-03-01..2024-03-31 17.65 17.9';
select 'month-exact', (select added from credit_scores(3, '2024-02-10') where member_id = 301) = 0.3;
select 'month-explain', (select group_concat(rule_code || ' ' || units || ' ' || raw_points, ', ')
  from credit_explain(3, 301, '2024-03-01', '2024-03-31')) = 'h 2.5 0.25';

-- Long histories take the sparse (hash) path: scheme 4's members are
-- assessed monthly since the year 1 (over 4M member-month-rule cells),
-- scheme 5's since 2022, with the same rules and events, no carry and no
-- initial points: 2022–2023 must read the same.
insert into score_schemes(scheme_id, name, base, period, carry_fraction, score_min, score_max)
  values (4, 'long', 5, 'month', 0, -50, 50), (5, 'short', 5, 'month', 0, -50, 50);
insert into score_categories(scheme_id, category, floor, cap) values (4, 'c', -3, 3), (5, 'c', -3, 3);
insert into score_rules(scheme_id, rule_code, category, points, unit, max_units_per_event, cap_per_period)
  with recursive n(k) as (select 1 union all select k + 1 from n where k < 20)
  select sc, 'q' || k, 'c', (k % 5) - 2, 'hour', case when k % 2 = 0 then 1.5 end, case when k % 3 = 0 then 4 end
  from n, (select 4 as sc union all select 5);
insert into score_members(scheme_id, member_id, from_date)
  with recursive n(k) as (select 1 union all select k + 1 from n where k < 11)
  select 4, 400 + k, '0001-01-01' from n union all select 5, 400 + k, '2022-01-01' from n;
insert into score_events(scheme_id, member_id, rule_code, occurred_on, qty)
  with recursive n(k) as (select 1 union all select k + 1 from n where k < 600)
  select sc, 401 + (k * 7) % 11, 'q' || (1 + (k * 13) % 20), date('2022-01-01', '+' || ((k * 37) % 730) || ' days'), (k % 4) * 0.75
  from n, (select 4 as sc union all select 5);
select 'sparse-same-rows', (select count(*) from credit_scores(4, '2022-01-01', '2023-12-31')) = 264
  and not exists (select * from credit_scores(4, '2022-01-01', '2023-12-31') except select * from credit_scores(5, '2022-01-01', '2023-12-31'))
  and not exists (select * from credit_scores(5, '2022-01-01', '2023-12-31') except select * from credit_scores(4, '2022-01-01', '2023-12-31'));
select 'sparse-explain', not exists (select * from credit_explain(4, 405, '2022-01-01', '2023-12-31') except select * from credit_explain(5, 405, '2022-01-01', '2023-12-31'));
select 'sparse-clamps-bite', (select count(*) from credit_explain(5, 405, '2022-01-01', '2023-12-31') where rule_code is null) > 0;

-- A member without from_date starts at the scheme's first period, which
-- another member's from_date may set: credit_explain agrees with
-- credit_scores (found by the fuzzer).
insert into score_schemes(scheme_id, name, base, period, carry_fraction) values (6, 'starts', 10, 'month', 0.5);
insert into score_categories(scheme_id, category, initial) values (6, 'c', 5);
insert into score_rules(scheme_id, rule_code, category, points) values (6, 'r', 'c', 1);
insert into score_members(scheme_id, member_id, from_date) values (6, 601, null), (6, 602, '2023-01-01');
insert into score_events(scheme_id, member_id, rule_code, occurred_on) values (6, 601, 'r', '2023-03-05');
select 'first-period-scores', (select group_concat(base || '/' || score, ' ') from credit_scores(6, '2023-01-01', '2023-03-31')
  where member_id = 601) = '10.0/15.0 17.5/22.5 21.25/27.25';
select 'first-period-explain', (select count(*) from credit_scores(6, '2023-01-01', '2023-03-31') s
  where round(s.base + (select total(counted_points) from credit_explain(6, s.member_id, s.period_start, s.period_end)), 2) <> s.score) = 0;

-- A scheme with nothing recorded yet (no event, no from_date) has no first
-- period: each period stands alone, so asking for March alone or for
-- January–April gives the same March row and explanation (found by the
-- fuzzer: the carry chain used to start at whatever range was asked).
insert into score_schemes(scheme_id, name, base, period, carry_fraction, score_max) values (7, 'empty', 27, 'month', 0.8, 100);
insert into score_categories(scheme_id, category, initial) values (7, 'c0', 10), (7, 'c1', 10);
insert into score_rules(scheme_id, rule_code, category, points) values (7, 'r', 'c0', 1);
insert into score_members(scheme_id, member_id) values (7, 701);
select 'unanchored-rows', (select group_concat(base || '/' || score || '/' || balance, ' ') from credit_scores(7, '2022-01-01', '2022-04-30'))
  = '27.0/47.0/20.0 27.0/47.0/20.0 27.0/47.0/20.0 27.0/47.0/20.0';
select 'unanchored-same-alone', (select base || '/' || score || '/' || balance from credit_scores(7, '2022-03-01', '2022-03-31'))
  = (select base || '/' || score || '/' || balance from credit_scores(7, '2022-01-01', '2022-04-30') where period_start = '2022-03-01');
select 'unanchored-explain', (select count(*) from credit_scores(7, '2022-01-01', '2022-04-30') s
  where round(s.base + (select total(counted_points) from credit_explain(7, s.member_id, s.period_start, s.period_end)), 2) <> s.score) = 0;

-- Errors, word for word.
select 'err-unknown-scheme', test_error('select * from credit_scores(''nope'', ''2023-01-01'')')
  = 'credit_scores: unknown scheme ''nope''; the schemes are long, empty, short, 季度, 月度, 红色岗位, starts';
select 'err-unknown-scheme-id', test_error('select * from credit_scores(99, ''2023-01-01'')')
  = 'credit_scores: unknown scheme 99; the schemes are 季度, 月度, long, 红色岗位, empty, short, starts';
select 'err-bad-date', test_error('select * from credit_scores(1, ''2023-02-30'', ''2023-12-31'')')
  = 'credit_scores: period_start must be a date ''YYYY-MM-DD'', got ''2023-02-30''';
select 'err-bad-end', test_error('select * from credit_scores(1, ''2023-01-01'', ''2023/12/31'')')
  = 'credit_scores: period_end must be a date ''YYYY-MM-DD'', got ''2023/12/31''';
select 'err-bad-date-int', test_error('select * from credit_scores(1, 2023)')
  = 'credit_scores: period_start must be a date ''YYYY-MM-DD'', got ''2023''';
select 'err-end-before-start', test_error('select * from credit_scores(1, ''2023-12-31'', ''2023-01-01'')')
  = 'credit_scores: period_end ''2023-01-01'' is before period_start ''2023-12-31''';
select 'err-no-scheme', test_error('select * from credit_scores')
  = 'credit_scores: the scheme argument is required';
select 'err-explain-no-member', test_error('select * from credit_explain where scheme = 1')
  = 'credit_explain: the member_id argument is required';
select 'err-explain-unknown-member', test_error('select * from credit_explain(1, 999, ''2023-01-01'', ''2023-12-31'')')
  = 'credit_explain: member 999 is not in score_members for scheme ''红色岗位''';
select 'err-explain-member-type', test_error('select * from credit_explain(1, ''abc'')')
  = 'credit_explain: member_id must be an integer, got ''abc''';
select 'err-explain-bad-date', test_error('select * from credit_explain(1, 101, ''2023-1-1'')')
  = 'credit_explain: period_start must be a date ''YYYY-MM-DD'', got ''2023-1-1''';
select 'err-explain-unknown-scheme', test_error('select * from credit_explain(''x'', 101)')
  = 'credit_explain: unknown scheme ''x''; the schemes are 季度, 月度, long, 红色岗位, empty, short, starts';

-- Scheme 8: a deduction rule under a per-period cap, and dates on a
-- period's last day.  Quarters, base 50, no carry, no clamps.
--   late: −3 an event, at most 7 deducted a quarter (the cap is a magnitude:
--   ±7); help: +2 an event.
--   801, Q1: late on 01-05, 02-05 and 03-31 (the quarter's last day, so in
--   Q1): raw −9, counted −7, 2 capped off; help twice: +4.  Score 50 − 7 + 4
--   = 47.  Q2: one late on 04-01 (the next quarter's first day): 47 − 3.
--   802, Q1: help five times, +10: score 60.  Spends 3 on 03-31, Q1's last
--   day (in Q1's balance: 7) and 2 on 04-01 (not in Q1's, in Q2's: 5).
insert into score_schemes(scheme_id, name, base, period) values (8, '扣分上限', 50, 'quarter');
insert into score_categories(scheme_id, category) values (8, 'c');
insert into score_rules(scheme_id, rule_code, category, points, cap_per_period) values
  (8, 'late', 'c', -3, 7), (8, 'help', 'c', 2, null);
insert into score_members(scheme_id, member_id, from_date) values (8, 801, '2023-01-01'), (8, 802, '2023-01-01');
insert into score_events(scheme_id, member_id, rule_code, occurred_on) values
  (8, 801, 'late', '2023-01-05'), (8, 801, 'late', '2023-02-05'), (8, 801, 'late', '2023-03-31'),
  (8, 801, 'help', '2023-01-20'), (8, 801, 'help', '2023-02-20'), (8, 801, 'late', '2023-04-01'),
  (8, 802, 'help', '2023-01-02'), (8, 802, 'help', '2023-01-03'), (8, 802, 'help', '2023-01-04'),
  (8, 802, 'help', '2023-01-05'), (8, 802, 'help', '2023-01-06');
insert into score_redemptions(scheme_id, member_id, points, redeemed_on, item) values
  (8, 802, 3, '2023-03-31', '毛巾'), (8, 802, 2, '2023-04-01', '肥皂');
select 'deduction-cap-scores', (select count(*) from credit_scores(8, '2023-01-01', '2023-03-31') where member_id = 801
  and base = 50 and added = 4 and deducted = 7 and capped_off = 2 and score = 47) = 1;
select 'deduction-cap-explain', (select count(*) from credit_explain(8, 801, '2023-01-01', '2023-03-31')
  where rule_code = 'late' and events = 3 and units = 3 and raw_points = -9 and cap = 7
  and counted_points = -7 and capped_off = 2) = 1;
select 'deduction-cap-identity', (select base + total(counted_points) from credit_explain(8, 801, '2023-01-01', '2023-03-31')) = 47;
select 'deduction-under-cap', (select count(*) from credit_explain(8, 801, '2023-04-01', '2023-06-30')
  where rule_code = 'late' and events = 1 and raw_points = -3 and counted_points = -3 and capped_off = 0) = 1;
select 'event-on-period-last-day', (select group_concat(period_start || ' ' || deducted, ', ') from credit_scores(8, '2023-01-01', '2023-06-30')
  where member_id = 801) = '2023-01-01 7.0, 2023-04-01 3.0';
select 'redemption-on-period-last-day', (select count(*) from credit_scores(8, '2023-01-01', '2023-03-31') where member_id = 802
  and score = 60 and balance = 7) = 1;
select 'redemption-next-period-first-day', (select balance from credit_scores(8, '2023-04-01', '2023-06-30') where member_id = 802) = 5;
select 'redemption-range-ends-on-it', (select balance from credit_scores(8, '2023-03-31', '2023-03-31') where member_id = 802) = 7;
-- A negative cap_per_period, which the schema's CHECK refuses but a tool
-- writing without it may store, is read as its magnitude (docs/scoring.md).
pragma ignore_check_constraints = on;
insert into score_schemes(scheme_id, name, base, period) values (17, '负上限', 50, 'quarter');
insert into score_categories(scheme_id, category) values (17, 'c');
insert into score_rules(scheme_id, rule_code, category, points, cap_per_period) values
  (17, 'late', 'c', -3, -7), (17, 'help', 'c', 2, -3);
pragma ignore_check_constraints = off;
insert into score_members(scheme_id, member_id, from_date) values (17, 1701, '2023-01-01');
insert into score_events(scheme_id, member_id, rule_code, occurred_on) values
  (17, 1701, 'late', '2023-01-05'), (17, 1701, 'late', '2023-02-05'), (17, 1701, 'late', '2023-03-31'),
  (17, 1701, 'help', '2023-01-20'), (17, 1701, 'help', '2023-02-20');
select 'negative-cap-is-magnitude', (select group_concat(rule_code || ' ' || raw_points || ' ' || cap || ' ' || counted_points, ', ')
  from credit_explain(17, 1701, '2023-01-01', '2023-03-31')) = 'help 4.0 3.0 3.0, late -9.0 7.0 -7.0';
select 'negative-cap-score', (select score || ' ' || added || ' ' || deducted || ' ' || capped_off
  from credit_scores(17, '2023-01-01', '2023-03-31')) = '46.0 3.0 7.0 3.0';

-- The schema refuses what would corrupt the ledger.
select 'refuse-update', test_error('update score_events set qty = 2 where event_id = 1')
  = 'score_events is append-only: record a reversing event instead';
select 'refuse-delete', test_error('delete from score_events where event_id = 1')
  = 'score_events is append-only: record a reversing event instead';
pragma foreign_keys = on;
select 'refuse-unknown-member', test_error('insert into score_events(scheme_id, member_id, rule_code, occurred_on) values (1, 999, ''study'', ''2023-01-01'')')
  = 'FOREIGN KEY constraint failed';
select 'refuse-unknown-rule', test_error('insert into score_events(scheme_id, member_id, rule_code, occurred_on) values (1, 101, ''nope'', ''2023-01-01'')')
  = 'FOREIGN KEY constraint failed';
select 'refuse-double-reversal', test_error('insert into score_events(scheme_id, member_id, rule_code, occurred_on, reverses) values (1, 103, ''study'', ''2023-09-01'', 27)')
  = 'UNIQUE constraint failed: score_events.reverses';
select 'refuse-reverse-other-member', test_error('insert into score_events(scheme_id, member_id, rule_code, occurred_on, reverses) values (1, 101, ''study'', ''2023-09-01'', 21)')
  = 'score_events: a reversal must name an earlier event of the same scheme, member and rule';
select 'refuse-bad-month', test_error('insert into score_events(scheme_id, member_id, rule_code, occurred_on) values (1, 101, ''study'', ''2023-13-01'')')
  = 'CHECK constraint failed: date(occurred_on, ''+0 days'') IS occurred_on';

-- Data the schema would refuse, written with the checks off, is an error
-- naming the row rather than a silently different score.
pragma foreign_keys = off;
insert into score_schemes(scheme_id, name) values (9, 'broken');
insert into score_categories(scheme_id, category) values (9, 'c');
insert into score_rules(scheme_id, rule_code, category, points) values (9, 'r', 'c', 1);
insert into score_members(scheme_id, member_id) values (9, 1);
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on) values (90001, 9, 1, 'zz', '2023-01-01');
select 'err-event-unknown-rule', test_error('select * from credit_scores(9, ''2023-01-01'')')
  = 'credit_scores: score_events row 90001 names rule ''zz'', which is not a rule of scheme ''broken''';
insert into score_schemes(scheme_id, name) values (10, 'broken2');
insert into score_categories(scheme_id, category) values (10, 'c');
insert into score_rules(scheme_id, rule_code, category, points) values (10, 'r', 'c', 1);
insert into score_members(scheme_id, member_id) values (10, 5);
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on) values (100001, 10, 4, 'r', '2023-01-01');
select 'err-event-unknown-member', test_error('select * from credit_scores(10, ''2023-01-01'')')
  = 'credit_scores: score_events row 100001 names member 4, who is not in score_members for scheme ''broken2''';
insert into score_schemes(scheme_id, name) values (11, 'broken3');
insert into score_rules(scheme_id, rule_code, category, points) values (11, 'r', 'nocat', 1);
select 'err-rule-unknown-category', test_error('select * from credit_scores(11, ''2023-01-01'')')
  = 'credit_scores: rule ''r'' of scheme ''broken3'' names category ''nocat'', which is not in score_categories';
insert into score_schemes(scheme_id, name) values (12, 'broken4');
insert into score_categories(scheme_id, category) values (12, 'c');
insert into score_rules(scheme_id, rule_code, category, points, veto_grade) values (12, 'r', 'c', 1, '差');
select 'err-rule-unknown-veto', test_error('select * from credit_explain(12, 1, ''2023-01-01'')')
  = 'credit_explain: rule ''r'' of scheme ''broken4'' has veto_grade ''差'', which is not in score_grades';
insert into score_schemes(scheme_id, name) values (13, 'broken5');
insert into score_categories(scheme_id, category, initial) values (13, 'c', 'lots');
select 'err-not-a-number', test_error('select * from credit_scores(13, ''2023-01-01'')')
  = 'credit_scores: score_categories.initial is not a number, got ''lots''';
insert into score_schemes(scheme_id, name, base) values (14, 'broken6', 1e300);
select 'err-out-of-range', test_error('select * from credit_scores(14, ''2023-01-01'')')
  = 'credit_scores: score_schemes.base is out of range, got 1.0e+300';

-- A database written without the schema's CHECKs (here: switched off) can
-- hold '2023-02-30': the engine names the row instead of guessing.
pragma ignore_check_constraints = on;
insert into score_schemes(scheme_id, name) values (15, 'broken7');
insert into score_categories(scheme_id, category) values (15, 'c');
insert into score_rules(scheme_id, rule_code, category, points) values (15, 'r', 'c', 1);
insert into score_members(scheme_id, member_id) values (15, 1);
insert into score_events(event_id, scheme_id, member_id, rule_code, occurred_on) values
  (150001, 15, 1, 'r', '2023-01-01'), (150002, 15, 1, 'r', '2023-02-30');
select 'err-event-bad-date', test_error('select * from credit_scores(15, ''2023-01-01'')')
  = 'credit_scores: score_events row 150002 has occurred_on ''2023-02-30'', not a date ''YYYY-MM-DD''';
insert into score_schemes(scheme_id, name) values (16, 'broken8');
insert into score_members(scheme_id, member_id, from_date) values (16, 1, '2023-02-30');
pragma ignore_check_constraints = off;
select 'err-member-bad-date', test_error('select * from credit_scores(16, ''2023-01-01'')')
  = 'credit_scores: score_members.from_date of member 1 is ''2023-02-30'', not a date ''YYYY-MM-DD''';

-- A view over credit_scores works in a trusted schema and is refused under
-- trusted_schema=OFF (the table reads the clock when called without a range).
create view points_2023 as select member_id, score from credit_scores(1, '2023-01-01', '2023-12-31');
select 'view-trusted', test_rows('select * from points_2023') = 9;
pragma trusted_schema = off;
select 'view-untrusted', test_error('select * from points_2023') = 'unsafe use of virtual table "credit_scores"';
pragma trusted_schema = on;

-- volunteer_stars: 0–5 at cumulative 100/300/600/1000/1500 h.
select 'stars-0', volunteer_stars(0) = 0;
select 'stars-99', volunteer_stars(99.9) = 0;
select 'stars-100', volunteer_stars(100) = 1;
select 'stars-299', volunteer_stars(299) = 1;
select 'stars-300', volunteer_stars(300) = 2;
select 'stars-600', volunteer_stars(600) = 3;
select 'stars-1000', volunteer_stars(1000) = 4;
select 'stars-1499', volunteer_stars(1499.5) = 4;
select 'stars-1500', volunteer_stars(1500) = 5;
select 'stars-9999', volunteer_stars(9999) = 5;
select 'stars-text', volunteer_stars('320') = 2;
select 'stars-null', volunteer_stars(null) is null;
select 'stars-negative', test_error('select volunteer_stars(-5)') = 'volunteer_stars: hours must not be negative, got -5';
select 'tally-internal', test_error('select credit_tally(1, 101, ''r'', ''2023-01-01'', 1, 1, null)')
  = 'credit_tally: internal to credit_scores and credit_explain; use SELECT * FROM credit_scores(scheme [, period_start, period_end])';
select 'tally-internal-null', test_error('select credit_tally(null, null, null, null, null, null, null)')
  = 'credit_tally: internal to credit_scores and credit_explain; use SELECT * FROM credit_scores(scheme [, period_start, period_end])';
select 'tally-internal-blob', test_error('select credit_tally(x''00'', 101, ''r'', ''2023-01-01'', ''many'', 1, null)')
  = 'credit_tally: internal to credit_scores and credit_explain; use SELECT * FROM credit_scores(scheme [, period_start, period_end])';
select 'tally-internal-from-table', test_error('select credit_tally(member_id, member_id, rule_code, occurred_on, qty, event_id, reverses) from score_events')
  = 'credit_tally: internal to credit_scores and credit_explain; use SELECT * FROM credit_scores(scheme [, period_start, period_end])';
select 'stars-not-number', test_error('select volunteer_stars(''many'')') = 'volunteer_stars: hours must be a number, got ''many''';

-- A database that declares a score_* table as a virtual table outside temp
-- (a csvfile one would read a file for a hostile view) is refused; a temp
-- object of that name, the user's own, is read instead.
drop table score_redemptions;
create virtual table main.score_redemptions using csvfile(filename='tests/data/csv_small.csv');
select 'refuse-virtual-table', test_error('select * from credit_scores(1, ''2023-01-01'')')
  = 'credit_scores: ''score_redemptions'' is a virtual table; credit_scores() reads ordinary tables, views and temp objects only';
select 'refuse-virtual-table-explain', test_error('select * from credit_explain(1, 101, ''2023-01-01'')')
  = 'credit_explain: ''score_redemptions'' is a virtual table; credit_explain() reads ordinary tables, views and temp objects only';
create temp table score_redemptions(id integer primary key, scheme_id, member_id, points, redeemed_on, item);
select 'temp-shadow-ok', (select balance from credit_scores(1, '2023-12-31') where member_id = 107) = 20;
