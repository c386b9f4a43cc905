-- roster(post_id, start, end): properties on pseudo-random pools generated
-- here in SQL (a fixed LCG, so a failure can be replayed), the seed-002
-- patrol, continuation, determinism, small exact cases and errors.
select 'roster-schema', test_read('sql/schema.sql') is null;

------------------------------------------------------------------------------
-- 1. The seed-002 patrol: every day 1 party-member leader + 3 residents,
--    from 6 party members and 20 residents, for a year.
------------------------------------------------------------------------------
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days)
  values (1, '治安巡逻 security patrol', 'FREQ=DAILY', '2024-01-01', 1, 3, 1);
with recursive n(k) as (select 1 union all select k + 1 from n where k < 20)
insert into duty_pool(post_id, person_id, role) select 1, k, 'leader' from n where k <= 6;
with recursive n(k) as (select 1 union all select k + 1 from n where k < 20)
insert into duty_pool(post_id, person_id, role) select 1, 100 + k, 'member' from n;
create table patrol as select * from roster(1, '2024-01-01', '2024-12-31');
select 'patrol-rows', (select count(*) from patrol) = 366 * 4;
select 'patrol-filled', (select count(*) from patrol where person_id is null or note is not null) = 0;
select 'patrol-leader-slot', (select count(*) from patrol where (slot = 1) <> (role = 'leader')) = 0;
select 'patrol-leaders-61', (select min(n) = 61 and max(n) = 61 and count(*) = 6 from (select count(*) n from patrol where role = 'leader' group by person_id));
select 'patrol-members-fair', (select max(n) - min(n) <= 1 and count(*) = 20 and sum(n) = 1098 from (select count(*) n from patrol where role = 'member' group by person_id));
select 'patrol-one-a-day', (select count(*) from (select duty_date, person_id from patrol group by 1, 2 having count(*) > 1)) = 0;
select 'patrol-roles-from-pool', (select count(*) from patrol r where not exists (select 1 from duty_pool p where p.post_id = 1 and p.person_id = r.person_id and p.role = r.role)) = 0;
select 'patrol-first-day', (select group_concat(person_id, ',') from (select person_id from patrol where duty_date = '2024-01-01' order by slot)) = '1,101,102,103';
select 'patrol-rotates', (select group_concat(person_id, ',') from (select person_id from patrol where role = 'leader' and duty_date <= '2024-01-07' order by duty_date)) = '1,2,3,4,5,6,1';
select 'patrol-load', (select count(*) from (select load, row_number() over (partition by person_id order by duty_date, slot) as k from patrol) where load <> k) = 0;
select 'patrol-deterministic', (select count(*) from (select * from patrol except select * from roster(1, '2024-01-01', '2024-12-31'))) = 0;
-- continuation: draw January, commit it as `muling roster --commit` does, then draw the rest
insert into duty_assignments(post_id, duty_date, slot, role, person_id)
  select post_id, duty_date, slot, role, person_id from roster(1, '2024-01-01', '2024-01-31') where person_id is not null;
select 'patrol-committed', (select count(*) from duty_assignments where post_id = 1) = 31 * 4;
select 'patrol-continuation', (select count(*) from (
    select * from patrol where duty_date >= '2024-02-01' except select * from roster(1, '2024-02-01', '2024-12-31'))) = 0
  and (select count(*) from roster(1, '2024-02-01', '2024-12-31')) = 335 * 4;
-- the committed month drawn again is the same: a post's own rows inside the range are ignored
select 'patrol-redraw-same', (select count(*) from (
    select post_id, duty_date, slot, role, person_id from duty_assignments where post_id = 1
    except select post_id, duty_date, slot, role, person_id from roster(1, '2024-01-01', '2024-01-31'))) = 0;
-- a cancelled duty does not count: cancel one of person 1's January duties
update duty_assignments set status = 'cancelled' where id = (select min(id) from duty_assignments where person_id = 1);
select 'patrol-cancelled-not-counted', (select load from roster(1, '2024-02-01', '2024-02-29') where person_id = 1 order by duty_date limit 1)
  = (select count(*) from duty_assignments where person_id = 1 and status <> 'cancelled') + 1;
-- the report runs (parameters unset: the first post, 2024-01)
select 'report-runs', test_read('sql/reports/roster.sql') is null;
delete from duty_assignments;

------------------------------------------------------------------------------
-- 2. Small exact cases.
------------------------------------------------------------------------------
-- weights: A (weight 2) serves about twice as often as B and C
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days) values (2, 'weights', 'FREQ=DAILY', '2024-01-01', 0, 1, 1);
insert into duty_pool(post_id, person_id, role, weight) values (2, 201, 'member', 2), (2, 202, 'member', 1), (2, 203, 'member', 1);
select 'weight-2', (select count(*) from roster(2, '2024-01-01', '2024-12-31') where person_id = 201) between 182 and 184;
select 'weight-1-equal', (select abs(sum(person_id = 202) - sum(person_id = 203)) <= 1 from roster(2, '2024-01-01', '2024-12-31'));
-- a late joiner starts level with the least-loaded member: no burst of duties
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days) values (3, 'joiner', 'FREQ=DAILY', '2024-01-01', 0, 1, 1);
insert into duty_pool(post_id, person_id, role) values (3, 301, 'member'), (3, 302, 'member'), (3, 303, 'member'), (3, 304, 'member');
insert into duty_pool(post_id, person_id, role, active_from) values (3, 305, 'member', '2024-03-01');
create table joiner as select * from roster(3, '2024-01-01', '2024-12-31');
select 'joiner-not-before', (select count(*) from joiner where person_id = 305 and duty_date < '2024-03-01') = 0;
select 'joiner-no-burst', (select count(*) from joiner where person_id = 305 and duty_date between '2024-03-01' and '2024-03-31') between 6 and 7;
select 'joiner-fair-after', (select max(n) - min(n) <= 1 from (select count(*) n from joiner where duty_date >= '2024-03-01' group by person_id));
select 'joiner-first-duty', (select min(duty_date) from joiner where person_id = 305) = '2024-03-01';
-- the joiner's level is the same when March is drawn on its own after January–February is committed
insert into duty_assignments(post_id, duty_date, slot, role, person_id) select post_id, duty_date, slot, role, person_id from joiner where duty_date < '2024-03-01';
select 'joiner-continuation', (select count(*) from (select * from joiner where duty_date >= '2024-03-01' except select * from roster(3, '2024-03-01', '2024-12-31'))) = 0;
delete from duty_assignments;
-- someone coming back after a break also starts level, whatever they did before
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days) values (23, 'rejoiner', 'FREQ=DAILY', '2023-01-01', 0, 1, 1);
insert into duty_pool(post_id, person_id, role) values (23, 2301, 'member'), (23, 2302, 'member'), (23, 2303, 'member');
insert into duty_pool(post_id, person_id, role, active_from) values (23, 2304, 'member', '2024-03-01'), (23, 2305, 'member', '2024-03-01');
with recursive d(k) as (select 0 union all select k + 1 from d where k < 99)
insert into duty_assignments(post_id, duty_date, slot, role, person_id) select 23, date('2023-01-01', '+' || k || ' days'), 1, 'member', 2304 from d;
create table rejoin as select * from roster(23, '2024-01-01', '2024-04-30');
select 'rejoiner-level', (select count(*) from rejoin where person_id = 2304 and duty_date between '2024-03-01' and '2024-04-30')
  between 12 and 13 and (select max(n) - min(n) <= 1 from (select count(*) n from rejoin where duty_date >= '2024-03-01' group by person_id));
select 'rejoiner-load-counts-history', (select min(load) from rejoin where person_id = 2304) = 101;
delete from duty_assignments;
-- an unfillable slot is a row with person_id NULL and note 'unfilled'
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days) values (4, 'short', 'FREQ=DAILY', '2024-01-01', 1, 2, 2);
insert into duty_pool(post_id, person_id, role) values (4, 401, 'leader'), (4, 402, 'member'), (4, 403, 'member'), (4, 404, 'member');
create table short as select * from roster(4, '2024-01-01', '2024-01-10');
select 'unfilled-rows', (select count(*) from short) = 30;
select 'unfilled-leader-every-other-day', (select group_concat(coalesce(person_id, 'x'), ',') from (select person_id from short where slot = 1 order by duty_date))
  = '401,x,401,x,401,x,401,x,401,x';
select 'unfilled-note', (select count(*) from short where (person_id is null) <> (note is 'unfilled') or (person_id is null) <> (load is null)) = 0;
select 'unfilled-members', (select count(*) from short where role = 'member' and person_id is null) = 5;
-- min_gap_days counts other posts' duties, and one duty a day across posts
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days) values (5, 'cross', 'FREQ=WEEKLY;BYDAY=MO', '2024-01-01', 0, 1, 3);
insert into duty_pool(post_id, person_id, role) values (5, 501, 'member'), (5, 502, 'member');
insert into duty_assignments(post_id, duty_date, slot, role, person_id) values (4, '2024-01-13', 1, 'member', 501);
insert into duty_assignments(post_id, duty_date, slot, role, person_id, status) values (4, '2024-01-08', 1, 'member', 502, 'served');
select 'cross-post', (select group_concat(coalesce(person_id, 'x'), ',') from (select person_id from roster(5, '2024-01-01', '2024-01-22') order by duty_date))
  = '501,501,502,502';   -- 502 is busy on the 8th elsewhere; 501's duty on the 13th is 2 < 3 days from the 15th
update duty_assignments set status = 'cancelled' where duty_date = '2024-01-08';
select 'cross-post-cancelled', (select group_concat(coalesce(person_id, 'x'), ',') from (select person_id from roster(5, '2024-01-01', '2024-01-22') order by duty_date))
  = '501,502,502,501';
delete from duty_assignments;
-- history before start counts, and the longest-idle goes first among equals
insert into duty_assignments(post_id, duty_date, slot, role, person_id) values
  (5, '2023-12-04', 1, 'member', 501), (5, '2023-12-11', 1, 'member', 502), (5, '2023-12-18', 1, 'member', 502);
select 'history-counts', (select group_concat(person_id || ':' || load, ',') from (select person_id, load from roster(5, '2024-01-01', '2024-01-29') order by duty_date))
  = '501:2,502:3,501:3,502:4,501:4';
delete from duty_assignments;
-- unavailability is inclusive at both ends
insert into duty_unavailable(person_id, from_date, to_date) values (501, '2024-01-08', '2024-01-15');
select 'unavailable', (select group_concat(person_id, ',') from (select person_id from roster(5, '2024-01-01', '2024-01-22') order by duty_date))
  = '501,502,502,501';
delete from duty_unavailable;
-- a person in both pools serves once a day at most; leaders come first
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days) values (6, 'both', 'FREQ=DAILY', '2024-01-01', 1, 1, 1);
insert into duty_pool(post_id, person_id, role) values (6, 601, 'leader'), (6, 601, 'member'), (6, 602, 'member');
select 'both-roles', (select group_concat(person_id, ',') from (select person_id from roster(6, '2024-01-01', '2024-01-02') order by duty_date, slot)) = '601,602,601,602';
-- a post with no slots, a rule with few dates, a range before dtstart
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days) values (7, 'monthly', 'FREQ=MONTHLY;BYDAY=-1SA', '2024-01-01', 0, 1, 1);
insert into duty_pool(post_id, person_id, role) values (7, 701, 'member'), (7, 702, 'member');
select 'monthly-dates', (select group_concat(duty_date, ',') from roster(7, '2024-01-01', '2024-03-31')) = '2024-01-27,2024-02-24,2024-03-30';
select 'before-dtstart', (select count(*) from roster(7, '2023-01-01', '2023-12-31')) = 0;
select 'null-args', (select count(*) from roster(null, '2024-01-01', '2024-01-31')) + (select count(*) from roster(1, '2024-01-01', null)) = 0;
select 'end-before-start', (select count(*) from roster(1, '2024-02-01', '2024-01-01')) = 0;
select 'hidden-cols', (select count(*) from roster where post = 7 and start = '2024-01-01' and "end" = '2024-12-31') = 12;
select 'post-id-text', (select count(*) from roster('7', '2024-01-01', '2024-12-31')) = 12;

-- errors, verbatim
select 'err-no-post', test_error('select * from roster(42, ''2024-01-01'', ''2024-01-31'')') = 'roster: no post 42 in duty_posts';
select 'err-start', test_error('select * from roster(1, ''2024-02-30'', ''2024-03-31'')') = 'roster: start must be a date ''YYYY-MM-DD'', got ''2024-02-30''';
select 'err-end', test_error('select * from roster(1, ''2024-01-01'', ''soon'')') = 'roster: end must be a date ''YYYY-MM-DD'', got ''soon''';
select 'err-post-id', test_error('select * from roster(''patrol'', ''2024-01-01'', ''2024-01-31'')') = 'roster: post_id must be an integer, got ''patrol''';
select 'err-args', test_error('select * from roster(1, ''2024-01-01'')') = 'roster: takes 3 arguments: post_id, start, end';
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days) values (8, 'bad rule', 'FREQ=FORTNIGHTLY', '2024-01-01', 0, 1, 1);
select 'err-rule', test_error('select * from roster(8, ''2024-01-01'', ''2024-01-31'')') = 'roster: bad rule ''FREQ=FORTNIGHTLY'': cannot read ''FREQ=FORTNIGHTLY''';
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days) values (9, 'every day since 1900', 'FREQ=DAILY', '1700-01-01', 0, 1, 1);
select 'err-cap', test_error('select * from roster(9, ''2024-01-01'', ''2024-01-31'')') = 'roster: more than 100000 dates from ''1700-01-01'' to ''2024-01-31''; ask for a shorter range';
select 'err-no-table', test_error('drop table duty_unavailable; select * from roster(1, ''2024-01-01'', ''2024-01-31'')') = 'roster: cannot read duty_unavailable: no such table: duty_unavailable';
create table duty_unavailable(id integer primary key, person_id integer not null, from_date text not null, to_date text not null, reason text);
select 'flags', (select count(*) from pragma_module_list where name in ('roster', 'rrule')) = 2;

------------------------------------------------------------------------------
-- 3. Random pools: twelve posts, each with its own rule, slots, gap, pool,
--    weights, joiners, leavers, absences, history and duties elsewhere.
------------------------------------------------------------------------------
create table rnd(n integer primary key, v integer);
with recursive g(n, x) as (select 0, 20240601 union all select n + 1, (x * 1103515245 + 12345) % 2147483648 from g where n < 60000)
insert into rnd select n, x / 65536 from g;   -- v in [0, 32768)
create table scen as
with recursive p(post_id) as (select 10 union all select post_id + 1 from p where post_id < 21)
select post_id,
  ((select v from rnd where n = 50000 + post_id * 10 + 1) + post_id) % 5 as kind,
  (select v from rnd where n = 50000 + post_id * 10 + 2) % 3 as leaders,
  1 + (select v from rnd where n = 50000 + post_id * 10 + 3) % 4 as members,
  1 + (select v from rnd where n = 50000 + post_id * 10 + 4) % 3 as gap,
  (select v from rnd where n = 50000 + post_id * 10 + 5) % 7 as nl_extra,
  (select v from rnd where n = 50000 + post_id * 10 + 6) % 14 as nm_extra,
  date('2024-01-01', '+' || (20 + (select v from rnd where n = 50000 + post_id * 10 + 7) % 300) || ' days') as split
from p;
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days)
  select post_id, 'random ' || post_id,
    case kind when 0 then 'FREQ=DAILY' when 1 then 'FREQ=WEEKLY;BYDAY=MO,WE,FR' when 2 then 'FREQ=DAILY;INTERVAL=2'
              when 3 then 'FREQ=WEEKLY;BYDAY=SA,SU' else 'FREQ=MONTHLY;BYDAY=1SA,-1SA' end,
    '2023-06-01', leaders, members, gap from scen;
-- people: k-th of post p is person p*100 + k; leaders first, sometimes too few
create table people as
with recursive k(k) as (select 1 union all select k + 1 from k where k < 40),
pk as (select s.*, k.k, s.post_id * 100 + k.k as person_id,
         case when k.k <= s.leaders * s.gap + s.nl_extra - 2 then 'leader' else 'member' end as role
       from scen s, k where k.k <= (s.leaders * s.gap + s.nl_extra - 2) + (s.members * s.gap + s.nm_extra - 3)),
r as (select pk.*, (select v from rnd where n = post_id * 400 + k * 8 + 0) % 100 as r0, (select v from rnd where n = post_id * 400 + k * 8 + 1) % 100 as r1,
         (select v from rnd where n = post_id * 400 + k * 8 + 2) % 100 as r2, (select v from rnd where n = post_id * 400 + k * 8 + 3) % 100 as r3,
         (select v from rnd where n = post_id * 400 + k * 8 + 4) % 300 as r4, (select v from rnd where n = post_id * 400 + k * 8 + 5) % 30 as r5,
         (select v from rnd where n = post_id * 400 + k * 8 + 6) % 100 as r6, (select v from rnd where n = post_id * 400 + k * 8 + 7) % 100 as r7
       from pk)
select post_id, person_id, role,
  case when r0 < 15 then 2.0 when r0 < 20 then 0.5 else 1.0 end as weight,
  case when r1 < 15 then date('2024-01-01', '+' || r4 || ' days') end as active_from,
  case when r1 >= 90 then date('2024-02-01', '+' || r4 || ' days') end as active_to,
  case when r2 < 20 then date('2024-01-01', '+' || r4 || ' days') end as unav_from, r5 as unav_len,
  r3 < 10 and role = 'leader' as both_roles, r6 < 10 as has_history, r7 < 10 as busy_elsewhere
from r;
insert into duty_pool(post_id, person_id, role, active_from, active_to, weight)
  select post_id, person_id, role, active_from, active_to, weight from people;
insert into duty_pool(post_id, person_id, role, weight) select post_id, person_id, 'member', 1 from people where both_roles;
insert into duty_unavailable(person_id, from_date, to_date, reason)
  select person_id, unav_from, date(unav_from, '+' || unav_len || ' days'), 'leave' from people where unav_from is not null;
-- history in 2023 for some, and duties on an undrawn post 99 (another point) in 2024 for others
insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days) values (99, 'elsewhere', 'FREQ=DAILY', '2023-01-01', 0, 1, 1);
insert into duty_assignments(post_id, duty_date, slot, role, person_id)
  select post_id, date('2023-06-01', '+' || ((person_id % 7) * 20) || ' days'), 50 + person_id % 50, role, person_id from people where has_history;
insert into duty_assignments(post_id, duty_date, slot, role, person_id, status)
  select 99, date('2024-01-01', '+' || ((person_id * 37) % 360) || ' days'), person_id, 'member', person_id,
         case when person_id % 5 = 0 then 'cancelled' else 'planned' end from people where busy_elsewhere;
create table existing as select * from duty_assignments;

-- the full year for every post at once
create table full as select r.* from scen s, roster(s.post_id, '2024-01-01', '2024-12-31') r;
create view duties as   -- every duty that counts: drawn now, or recorded and not cancelled
  select post_id, duty_date, person_id, 'drawn' as src from full where person_id is not null
  union all select post_id, duty_date, person_id, 'recorded' from existing where status <> 'cancelled';
select 'random-nonempty', (select count(distinct post_id) from full) = 12 and (select count(*) from full) > 2000;
select 'random-has-unfilled', (select count(*) from full where note = 'unfilled') > 0;
select 'random-slots-complete', (select count(*) from scen s where (select count(*) from full f where f.post_id = s.post_id)
  <> (s.leaders + s.members) * (select count(*) from duty_posts d, rrule(d.rrule, d.dtstart, '2024-12-31') where d.post_id = s.post_id and value >= '2024-01-01')) = 0;
select 'random-slot-numbers', (select count(*) from full f join scen s using (post_id)
  where f.slot < 1 or f.slot > s.leaders + s.members or (f.slot <= s.leaders) <> (f.role = 'leader')) = 0
  and (select count(*) from (select 1 from full group by post_id, duty_date, slot having count(*) > 1)) = 0;
select 'random-in-pool', (select count(*) from full f where person_id is not null and not exists
  (select 1 from duty_pool p where p.post_id = f.post_id and p.person_id = f.person_id and p.role = f.role)) = 0;
select 'random-active', (select count(*) from full f join duty_pool p using (post_id, person_id, role)
  where f.duty_date < coalesce(p.active_from, '0000') or f.duty_date > coalesce(p.active_to, '9999')) = 0;
select 'random-unavailable', (select count(*) from full f join duty_unavailable u using (person_id)
  where f.duty_date between u.from_date and u.to_date) = 0;
select 'random-one-a-day', (select count(*) from (select 1 from duties group by duty_date, person_id having count(*) > 1)) = 0;
select 'random-min-gap', (select count(*) from full a join duties b on b.person_id = a.person_id
  and not (b.post_id = a.post_id and b.duty_date = a.duty_date and b.src = 'drawn')
  join duty_posts p on p.post_id = a.post_id
  where abs(julianday(b.duty_date) - julianday(a.duty_date)) < p.min_gap_days) = 0;
select 'random-load', (select count(*) from (select f.load, row_number() over (partition by f.post_id, f.person_id order by f.duty_date, f.slot)
    + (select count(*) from existing e where e.post_id = f.post_id and e.person_id = f.person_id and e.status <> 'cancelled' and e.duty_date < '2024-01-01') as want
  from full f where person_id is not null) where load <> want) = 0;
-- a slot is unfilled only when nobody of its role could have taken it
select 'random-unfilled-justified', (select count(*) from full f join duty_posts d using (post_id) join duty_pool p on p.post_id = f.post_id and p.role = f.role
  where f.person_id is null
    and f.duty_date between coalesce(p.active_from, '0000') and coalesce(p.active_to, '9999')
    and not exists (select 1 from duty_unavailable u where u.person_id = p.person_id and f.duty_date between u.from_date and u.to_date)
    and not exists (select 1 from duties b where b.person_id = p.person_id and abs(julianday(b.duty_date) - julianday(f.duty_date)) < d.min_gap_days)) = 0;
-- fairness: among people of one post and role with weight 1, one role, always
-- active, never absent, no history and no other duties, counts differ by <= 1
create view equal as select post_id, person_id, role from people
  where weight = 1 and active_from is null and active_to is null and unav_from is null and not both_roles and not has_history and not busy_elsewhere;
select 'random-fair', (select count(*) from (select e.post_id, e.role, max(n) - min(n) as spread, count(*) as people from equal e
  left join (select post_id, person_id, count(*) as n from full group by 1, 2) c using (post_id, person_id)
  group by e.post_id, e.role) where spread > 1) = 0;
select 'random-fair-groups', (select count(*) from (select 1 from equal group by post_id, role having count(*) >= 3)) >= 5;
select 'random-deterministic', (select count(*) from (select * from full except select r.* from scen s, roster(s.post_id, '2024-01-01', '2024-12-31') r)) = 0;
-- continuation: commit each post up to its own split date, then draw the rest
insert into duty_assignments(post_id, duty_date, slot, role, person_id)
  select f.post_id, f.duty_date, f.slot, f.role, f.person_id from full f join scen s using (post_id) where f.duty_date < s.split and f.person_id is not null;
select 'random-continuation', (select count(*) from (
    select f.* from full f join scen s using (post_id) where f.duty_date >= s.split
    except select r.* from scen s, roster(s.post_id, s.split, '2024-12-31') r)) = 0
  and (select count(*) from scen s, roster(s.post_id, s.split, '2024-12-31')) = (select count(*) from full f join scen s using (post_id) where f.duty_date >= s.split);
select 'random-redraw-same', (select count(*) from (
    select f.* from full f join scen s using (post_id) where f.duty_date < s.split
    except select r.* from scen s, roster(s.post_id, '2024-01-01', date(s.split, '-1 day')) r)) = 0;
