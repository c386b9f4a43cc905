-- scoring: credit_scores and credit_explain against a plain-SQL reference
-- (tests/data/scoring_reference_views.sql) on generated ledgers: six
-- schemes (two each of year, quarter, month) with random bases, carries,
-- clamps, categories with initials/floors/caps, rules with per-event and
-- per-period caps and vetoes, members joining and leaving, events, some
-- reversed, and redemptions.  Every row and every column must agree.
-- The generator is a fixed LCG, so a failure reproduces.
select 't', test_read('sql/schema.sql') is null;
select 't-ref', test_read('tests/data/scoring_reference_views.sql') is null;

create temp table rnd(i integer primary key, r integer);
insert into rnd
  with recursive g(i, x) as (select 0, 20240229 union all
                             select i + 1, (x * 1103515245 + 12345) % 2147483648 from g where i < 60000)
  select i, x / 65536 from g;
create temp view n6(s) as with recursive n(s) as (select 1 union all select s + 1 from n where s < 6) select s from n;

insert into score_schemes(scheme_id, name, base, period, carry_fraction, score_min, score_max)
  select s, 'rand' || s,
         (select r from rnd where i = s * 10) % 5 * 20,
         case s % 3 when 1 then 'year' when 2 then 'quarter' else 'month' end,
         (select r from rnd where i = s * 10 + 1) % 5 * 0.15,
         case when (select r from rnd where i = s * 10 + 2) % 2 = 0 then 0 end,
         case (select r from rnd where i = s * 10 + 3) % 3 when 0 then 100 when 1 then 150 end
  from n6;
insert into score_categories(scheme_id, category, initial, floor, cap)
  select s, char(64 + c),
         (select r from rnd where i = 100 + s * 30 + c * 5) % 3 * 10,
         case (select r from rnd where i = 101 + s * 30 + c * 5) % 3 when 1 then 0 when 2 then -10 end,
         case (select r from rnd where i = 102 + s * 30 + c * 5) % 3 when 1 then 15 when 2 then 40 end
  from n6, (select 1 as c union all select 2 union all select 3);
insert into score_grades(scheme_id, grade, min_score, ordinal)
  select s, 'g' || o, case o when 1 then 90 when 2 then 70 when 3 then 50 else 20 end, o
  from n6, (select 1 as o union all select 2 union all select 3 union all select 4);
insert into score_rules(scheme_id, rule_code, category, points, unit, max_units_per_event, cap_per_period, veto_grade)
  select s, 'r' || k, char(65 + (select r from rnd where i = 1000 + s * 100 + k * 8) % 3),
         case (select r from rnd where i = 1001 + s * 100 + k * 8) % 7
           when 0 then -5 when 1 then -2.5 when 2 then -1 when 3 then 0.5 when 4 then 1 when 5 then 2 else 3.25 end,
         case (select r from rnd where i = 1002 + s * 100 + k * 8) % 2 when 0 then 'event' else 'hour' end,
         case (select r from rnd where i = 1003 + s * 100 + k * 8) % 3 when 1 then 2 when 2 then 1.5 end,
         case (select r from rnd where i = 1004 + s * 100 + k * 8) % 3 when 1 then 6 when 2 then 10 end,
         case when (select r from rnd where i = 1005 + s * 100 + k * 8) % 5 = 0
              then 'g' || (2 + (select r from rnd where i = 1006 + s * 100 + k * 8) % 3) end
  from n6, (with recursive n(k) as (select 1 union all select k + 1 from n where k < 6) select k from n);
insert into score_members(scheme_id, member_id, from_date, to_date)
  select s, s * 1000 + k, f,
         case when (select r from rnd where i = 2002 + s * 1000 + k * 4) % 4 = 0
              then date(coalesce(f, '2022-06-01'), '+' || ((select r from rnd where i = 2003 + s * 1000 + k * 4) % 800) || ' days') end
  from (select s, k, case when (select r from rnd where i = 2000 + s * 1000 + k * 4) % 3 > 0
                          then date('2021-01-01', '+' || ((select r from rnd where i = 2001 + s * 1000 + k * 4) % 1000) || ' days') end as f
        from n6, (with recursive n(k) as (select 1 union all select k + 1 from n where k < 25) select k from n));
insert into score_events(scheme_id, member_id, rule_code, occurred_on, qty)
  select s, s * 1000 + 1 + (select r from rnd where i = 10000 + (s * 1000 + k) * 4) % 25,
         'r' || (1 + (select r from rnd where i = 10001 + (s * 1000 + k) * 4) % 6),
         date('2021-01-01', '+' || ((select r from rnd where i = 10002 + (s * 1000 + k) * 4) % 1460) || ' days'),
         case (select r from rnd where i = 10003 + (s * 1000 + k) * 4) % 6
           when 0 then 1 when 1 then 0.5 when 2 then 2 when 3 then 3 when 4 then 1.25 else 0 end
  from n6, (with recursive n(k) as (select 1 union all select k + 1 from n where k < 700) select k from n)
  order by 3 desc;
-- about one event in 13 reversed, some of them in a later period
insert into score_events(scheme_id, member_id, rule_code, occurred_on, qty, reverses)
  select scheme_id, member_id, rule_code, date(occurred_on, '+' || (event_id % 100) || ' days'), qty, event_id
  from score_events where reverses is null and event_id % 13 = 5;
insert into score_redemptions(scheme_id, member_id, points, redeemed_on)
  select s, s * 1000 + 1 + (select r from rnd where i = 50000 + s * 300 + k * 3) % 25,
         1 + (select r from rnd where i = 50001 + s * 300 + k * 3) % 20 * 0.5,
         date('2021-01-01', '+' || ((select r from rnd where i = 50002 + s * 300 + k * 3) % 1460) || ' days')
  from n6, (with recursive n(k) as (select 1 union all select k + 1 from n where k < 40) select k from n);

select 'gen-events', (select count(*) from score_events) > 4200;
select 'gen-reversals', (select count(*) from score_events where reverses is not null) > 300;

-- rows: credit_scores rows; diff: rows in one and not the other;
-- xdiff: explained rules that differ from the reference's; ident: periods
-- where Σ counted_points + base ≠ score.
create temp view ref_check as
with got as (select c.* from ref_args a, credit_scores(a.scheme_id, a.range_start, a.range_end) c),
xgot as (select m.member_id, x.period_start, x.rule_code, x.events, x.units, x.raw_points, x.counted_points
         from ref_args a join score_members m on m.scheme_id = a.scheme_id,
              credit_explain(a.scheme_id, m.member_id, a.range_start, a.range_end) x
         where x.rule_code is not null and x.events > 0),
xwant as (select r.member_id, printf('%04d-%02d-01', r.p / (12 / sc.len), (r.p % (12 / sc.len)) * sc.len + 1),
                 r.rule_code, r.events, r.units_c / 100.0, r.raw_c / 100.0, r.counted_c / 100.0
          from ref_rules r join ref_member_periods mp on mp.member_id = r.member_id and mp.p = r.p, ref_scheme sc
          where r.p between sc.ps and sc.pe)
select (select count(*) from got) as rows,
       (select count(*) from (select * from got except select * from ref_scores))
       + (select count(*) from (select * from ref_scores except select * from got)) as diff,
       (select count(*) from (select * from xgot except select * from xwant))
       + (select count(*) from (select * from xwant except select * from xgot)) as xdiff,
       (select count(*) from got s, ref_args a
        where round(s.base + (select total(counted_points) from credit_explain(a.scheme_id, s.member_id, s.period_start, s.period_end)), 2)
              <> s.score) as ident;

insert into ref_args values (1, '2021-01-01', '2024-12-31');
select 'ref-year-all', (select rows > 50 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);
update ref_args set range_start = '2022-05-17', range_end = '2023-02-03';
select 'ref-year-part', (select rows > 20 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);
update ref_args set scheme_id = 2, range_start = '2021-01-01', range_end = '2024-12-31';
select 'ref-quarter-all', (select rows > 200 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);
update ref_args set range_start = '2022-05-17', range_end = '2023-02-03';
select 'ref-quarter-part', (select rows > 50 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);
update ref_args set scheme_id = 3, range_start = '2021-01-01', range_end = '2024-12-31';
select 'ref-month-all', (select rows > 600 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);
update ref_args set range_start = '2023-11-30', range_end = '2024-02-01';
select 'ref-month-part', (select rows > 30 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);
update ref_args set scheme_id = 4, range_start = '2021-01-01', range_end = '2024-12-31';
select 'ref-year2-all', (select rows > 50 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);
update ref_args set range_start = '2024-03-01', range_end = '2024-03-01';
select 'ref-year2-part', (select rows > 10 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);
update ref_args set scheme_id = 5, range_start = '2021-01-01', range_end = '2024-12-31';
select 'ref-quarter2-all', (select rows > 200 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);
update ref_args set range_start = '2024-12-31', range_end = '2025-06-30';
select 'ref-quarter2-after', (select rows > 20 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);
update ref_args set scheme_id = 6, range_start = '2021-01-01', range_end = '2024-12-31';
select 'ref-month2-all', (select rows > 600 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);
update ref_args set range_start = '2022-02-28', range_end = '2022-04-01';
select 'ref-month2-part', (select rows > 20 and diff = 0 and xdiff = 0 and ident = 0 from ref_check);

-- The generated data exercises what it should (else the comparison proves little).
update ref_args set scheme_id = 1, range_start = '2021-01-01', range_end = '2024-12-31';
select 'covers-rule-caps', (select count(*) from ref_rules where abs(raw_c) > abs(counted_c)) > 10;
select 'covers-category-clamps', (select count(*) from score_members m, credit_explain(1, m.member_id, '2021-01-01', '2024-12-31') x where m.scheme_id = 1 and x.rule_code is null and x.category is not null and x.capped_off > 0) > 10;
select 'covers-ties', (select count(*) from (select period_start, rank from ref_scores group by 1, 2 having count(*) > 1)) > 0;
select 'covers-balance-spent', (select count(*) from score_redemptions where scheme_id = 1) > 0;
