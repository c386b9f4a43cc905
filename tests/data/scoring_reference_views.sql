-- A plain-SQL reference implementation of credit_scores, for tests and the
-- benchmark only (tests/sql/scoring_reference.sql, bench/scoring.sql).
-- Caps, floors, clamps, carry chains, grades, vetoes, ranks, percentiles
-- and balances with window functions and recursive CTEs, in the same exact
-- hundredths as ext/scoring.c (every *_c column is an integer count of
-- 0.01 points; carry_fraction in millionths), so rows compare exactly.
--
-- Input: one row in temp.ref_args(scheme_id, range_start, range_end).
-- Output: temp.ref_scores, the columns of credit_scores.
create temp table if not exists ref_args(scheme_id integer, range_start text, range_end text);

-- The scheme, its period length in months, and the periods asked for.
-- A period's number p: year y → y; quarter → 4y + (m-1)/3; month → 12y + m-1,
-- i.e. y × (12 / len) + (m - 1) / len with len = 12, 3 or 1 months.
create temp view ref_scheme as
with s as (
  select s.scheme_id, a.range_start, a.range_end,
         case s.period when 'year' then 12 when 'quarter' then 3 else 1 end as len,
         cast(round(s.base * 100) as integer) as base_c,
         cast(round(s.carry_fraction * 1000000) as integer) as ppm,
         cast(round(s.score_min * 100) as integer) as min_c,
         cast(round(s.score_max * 100) as integer) as max_c,
         -- not correlated, so computed once per statement
         (select min(occurred_on) from score_events where scheme_id = (select scheme_id from ref_args)) as first_event,
         (select min(from_date) from score_members where scheme_id = (select scheme_id from ref_args)) as first_from
  from score_schemes s join ref_args a on a.scheme_id = s.scheme_id),
s2 as (select *, min(coalesce(first_event, first_from), coalesce(first_from, first_event)) as first_day from s)
select scheme_id, len, base_c, ppm, min_c, max_c,
       cast(substr(range_start, 1, 4) as integer) * (12 / len) + (cast(substr(range_start, 6, 2) as integer) - 1) / len as ps,
       cast(substr(range_end, 1, 4) as integer) * (12 / len) + (cast(substr(range_end, 6, 2) as integer) - 1) / len as pe,
       coalesce(cast(substr(first_day, 1, 4) as integer) * (12 / len) + (cast(substr(first_day, 6, 2) as integer) - 1) / len,
                cast(substr(range_start, 1, 4) as integer) * (12 / len) + (cast(substr(range_start, 6, 2) as integer) - 1) / len) as startp
from s2;

-- Counted events: neither reversed nor reversing.
create temp view ref_events as
select e.member_id, e.rule_code,
       cast(substr(e.occurred_on, 1, 4) as integer) * (12 / sc.len) + (cast(substr(e.occurred_on, 6, 2) as integer) - 1) / sc.len as p,
       cast(round(e.qty * 100) as integer) as qty_c
from ref_scheme sc join score_events e on e.scheme_id = sc.scheme_id
where e.reverses is null
  and not exists (select 1 from score_events r where r.reverses = e.event_id);

-- Each rule in each period: units, raw points, counted points after the cap.
create temp view ref_rules as
with u as (
  select ev.member_id, ev.p, r.rule_code, r.category, r.veto_grade, count(*) as events,
         sum(min(ev.qty_c, coalesce(cast(round(r.max_units_per_event * 100) as integer), ev.qty_c))) as units_c,
         cast(round(r.points * 100) as integer) as points_c,
         cast(round(r.cap_per_period * 100) as integer) as cap_c
  from ref_events ev
  join score_rules r on r.scheme_id = (select scheme_id from ref_scheme) and r.rule_code = ev.rule_code
  group by ev.member_id, ev.p, r.rule_code),
raw as (
  select *, (points_c * units_c + case when points_c * units_c >= 0 then 50 else -50 end) / 100 as raw_c from u)
select *, case when cap_c is null then raw_c else max(-cap_c, min(cap_c, raw_c)) end as counted_c from raw;

-- The periods each member is assessed in, from the first (from_date, or the
-- scheme's first) to min(to_date, the last asked for).
create temp view ref_member_periods as
with recursive
m as (
  select m.member_id,
         coalesce(cast(substr(m.from_date, 1, 4) as integer) * (12 / sc.len) + (cast(substr(m.from_date, 6, 2) as integer) - 1) / sc.len,
                  sc.startp) as firstp,
         min(sc.pe, coalesce(cast(substr(m.to_date, 1, 4) as integer) * (12 / sc.len) + (cast(substr(m.to_date, 6, 2) as integer) - 1) / sc.len,
                             sc.pe)) as lastp
  from score_members m join ref_scheme sc on m.scheme_id = sc.scheme_id),
mp(member_id, p, firstp, lastp) as (
  select member_id, firstp, firstp, lastp from m where firstp <= lastp
  union all
  select member_id, p + 1, firstp, lastp from mp where p < lastp)
select * from mp;

-- The rows of credit_scores, in one statement: each step is a MATERIALIZED
-- common table expression, computed once and read by the later steps.
create temp view ref_scores as
with recursive
rules as materialized (select * from ref_rules),
mp as materialized (select * from ref_member_periods),
-- Category values: clamp(initial + Σ counted, floor, cap), for every
-- category in every assessed period (a member with no events too).
categories as materialized (
  with sums as (select member_id, p, category, sum(counted_c) as s from rules group by member_id, p, category),
  cats as (
    select category, cast(round(initial * 100) as integer) as init_c,
           cast(round(floor * 100) as integer) as floor_c, cast(round(cap * 100) as integer) as cap_c
    from score_categories where scheme_id = (select scheme_id from ref_scheme)),
  v as (
    select mp.member_id, mp.p, c.category, c.init_c + coalesce(s.s, 0) as sum_c, c.floor_c, c.cap_c
    from mp cross join cats c
    left join sums s on s.member_id = mp.member_id and s.p = mp.p and s.category = c.category)
  select member_id, p, category, sum_c,
         case when floor_c is not null and sum_c < floor_c then floor_c
              when cap_c is not null and sum_c > cap_c then cap_c else sum_c end as value_c
  from v)
,
-- Per member and period: the sum of category values, what caps removed,
-- added and deducted, and the worst veto (ties: the first rule_code).
periods as materialized (
  with c as (select member_id, p, sum(value_c) as cats_c, sum(abs(value_c - sum_c)) as cat_off_c
             from categories group by member_id, p),
  r as (select member_id, p, sum(max(counted_c, 0)) as added_c, sum(max(-counted_c, 0)) as deducted_c,
               sum(abs(raw_c) - abs(counted_c)) as rule_off_c
        from rules group by member_id, p),
  v as (select member_id, p, rule_code, ordinal from (
          select r.member_id, r.p, r.rule_code, g.ordinal,
                 row_number() over (partition by r.member_id, r.p order by g.ordinal desc, r.rule_code) as rn
          from rules r join score_grades g
            on g.scheme_id = (select scheme_id from ref_scheme) and g.grade = r.veto_grade)
        where rn = 1)
  select mp.member_id, mp.p, mp.firstp, coalesce(c.cats_c, 0) as cats_c,
         coalesce(r.added_c, 0) as added_c, coalesce(r.deducted_c, 0) as deducted_c,
         coalesce(r.rule_off_c, 0) + coalesce(c.cat_off_c, 0) as capped_c,
         v.rule_code as veto_rule, v.ordinal as veto_ordinal
  from mp
  left join c on c.member_id = mp.member_id and c.p = mp.p
  left join r on r.member_id = mp.member_id and r.p = mp.p
  left join v on v.member_id = mp.member_id and v.p = mp.p)
,
-- The carry chain: base = scheme base + carry × the previous score.  Each
-- member's category sums travel along the recursion as one JSON object
-- keyed by period, so a step is a lookup, not a join.
chain as materialized (
  with recursive
  per as (select member_id, min(p) as p0, max(p) as p1, json_group_object(p, cats_c) as sums
          from periods group by member_id),
  ch(member_id, p, p1, sums, base_c, score_c) as (
    select member_id, p0, p1, sums, sc.base_c,
           case when sc.min_c is not null and sc.base_c + json_extract(sums, '$."' || p0 || '"') < sc.min_c then sc.min_c
                when sc.max_c is not null and sc.base_c + json_extract(sums, '$."' || p0 || '"') > sc.max_c then sc.max_c
                else sc.base_c + json_extract(sums, '$."' || p0 || '"') end
    from per, ref_scheme sc
    union all
    select ch.member_id, ch.p + 1, ch.p1, ch.sums, sc.base_c + (sc.ppm * ch.score_c + case when ch.score_c >= 0 then 500000 else -500000 end) / 1000000,
           case when sc.min_c is not null and sc.base_c + (sc.ppm * ch.score_c + case when ch.score_c >= 0 then 500000 else -500000 end) / 1000000
                  + json_extract(ch.sums, '$."' || (ch.p + 1) || '"') < sc.min_c then sc.min_c
                when sc.max_c is not null and sc.base_c + (sc.ppm * ch.score_c + case when ch.score_c >= 0 then 500000 else -500000 end) / 1000000
                  + json_extract(ch.sums, '$."' || (ch.p + 1) || '"') > sc.max_c then sc.max_c
                else sc.base_c + (sc.ppm * ch.score_c + case when ch.score_c >= 0 then 500000 else -500000 end) / 1000000
                  + json_extract(ch.sums, '$."' || (ch.p + 1) || '"') end
    from ch, ref_scheme sc where ch.p < ch.p1)
  select member_id, p, base_c, score_c from ch)
,
g as (
  select grade, ordinal, cast(round(min_score * 100) as integer) as min_c
  from score_grades where scheme_id = (select scheme_id from ref_scheme)),
red as (
  select member_id, redeemed_on, cast(round(points * 100) as integer) as pts_c
  from score_redemptions where scheme_id = (select scheme_id from ref_scheme)),
x as (
  select ch.member_id, ch.p, ch.base_c, ch.score_c, t.added_c, t.deducted_c, t.capped_c,
         t.veto_rule, t.veto_ordinal,
         sum(ch.score_c - ch.base_c) over (partition by ch.member_id order by ch.p) as earned_c,
         (select min(ordinal) from g where g.min_c <= ch.score_c) as grade_ordinal,
         printf('%04d-%02d-01', ch.p / (12 / sc.len), (ch.p % (12 / sc.len)) * sc.len + 1) as period_start,
         sc.ps, sc.pe, sc.len
  from chain ch join periods t on t.member_id = ch.member_id and t.p = ch.p, ref_scheme sc),
y as (
  select x.*, date(period_start, '+' || len || ' months', '-1 day') as period_end,
         case when veto_ordinal > grade_ordinal then veto_ordinal else grade_ordinal end as final_ordinal,
         case when veto_ordinal > grade_ordinal then veto_rule end as vetoed
  from x where p between ps and pe)
select member_id, period_start, period_end,
       base_c / 100.0 as base, added_c / 100.0 as added, deducted_c / 100.0 as deducted,
       capped_c / 100.0 as capped_off, score_c / 100.0 as score,
       (select grade from g where g.ordinal = final_ordinal) as grade, vetoed,
       rank() over (partition by p order by score_c desc) as rank,
       100 * percent_rank() over (partition by p order by score_c) as percentile,
       (earned_c - coalesce((select sum(pts_c) from red where red.member_id = y.member_id
                                                         and red.redeemed_on <= y.period_end), 0)) / 100.0 as balance
from y;
