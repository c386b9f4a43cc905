-- rrule(rule, start, end) and rrule_next(rule, start, after) through libical.
-- Each expansion is checked against dates computed independently here, with
-- plain SQL date arithmetic over a recursive calendar, never against libical.
create table cal(d text primary key);
with recursive c(d) as (select '1896-01-01' union all select date(d, '+1 day') from c where d < '2104-12-31')
insert into cal select d from c;
-- expanded rule as one string, and the same from the calendar
create view wk as select d, cast(strftime('%w', d) as int) as dow, substr(d, 1, 7) as ym from cal;

-- 双报到: the last Saturday of every month of 2023
select 'rrule-last-saturday', (select group_concat(value, ',') from rrule('FREQ=MONTHLY;BYDAY=-1SA', '2023-01-01', '2023-12-31'))
  = (select group_concat(d, ',') from (select d from wk where d between '2023-01-01' and '2023-12-31' and dow = 6
       and substr(date(d, '+7 days'), 1, 7) <> ym order by d));
select 'rrule-last-saturday-ends', (select min(value) || ' ' || max(value) || ' ' || count(*) from rrule('FREQ=MONTHLY;BYDAY=-1SA', '2023-01-01', '2023-12-31'))
  = '2023-01-28 2023-12-30 12';
-- the same with an ordinal in a YEARLY rule over a leap year
select 'rrule-last-saturday-2024', (select group_concat(value, ',') from rrule('FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=-1SA', '2024-01-01', '2024-12-31'))
  = (select group_concat(d, ',') from (select d from wk where d like '2024-%' and dow = 6
       and substr(date(d, '+7 days'), 1, 7) <> ym order by d));
-- the second Tuesday, and the first Monday
select 'rrule-2tu', (select group_concat(value, ',') from rrule('FREQ=MONTHLY;BYDAY=2TU', '2023-01-01', '2024-12-31'))
  = (select group_concat(d, ',') from (select d from wk where d between '2023-01-01' and '2024-12-31' and dow = 2
       and cast(substr(d, 9, 2) as int) between 8 and 14 order by d));

-- the last weekday of the month, via BYSETPOS
select 'rrule-last-weekday', (select group_concat(value, ',') from rrule('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2023-01-01', '2024-12-31'))
  = (select group_concat(d, ',') from (select max(d) as d from wk where d between '2023-01-01' and '2024-12-31'
       and dow between 1 and 5 group by ym order by d));
-- the first weekday of the month
select 'rrule-first-weekday', (select group_concat(value, ',') from rrule('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1', '2023-01-01', '2024-12-31'))
  = (select group_concat(d, ',') from (select min(d) as d from wk where d between '2023-01-01' and '2024-12-31'
       and dow between 1 and 5 group by ym order by d));

-- BYMONTHDAY=31: only the seven 31-day months
select 'rrule-monthday-31', (select group_concat(value, ',') from rrule('FREQ=MONTHLY;BYMONTHDAY=31', '2023-01-01', '2023-12-31'))
  = (select group_concat(d, ',') from (select d from cal where d like '2023-%-31' order by d));
select 'rrule-monthday-31-count', (select count(*) from rrule('FREQ=MONTHLY;BYMONTHDAY=31', '2023-01-01', '2023-12-31')) = 7;
-- BYMONTHDAY=-1: the last day of every month, leap Februaries included
select 'rrule-monthday-minus-1', (select group_concat(value, ',') from rrule('FREQ=MONTHLY;BYMONTHDAY=-1', '2023-01-01', '2024-12-31'))
  = (select group_concat(d, ',') from (select d from cal where d between '2023-01-01' and '2024-12-31'
       and d = date(d, 'start of month', '+1 month', '-1 day') order by d));
select 'rrule-monthday-minus-3', (select group_concat(value, ',') from rrule('FREQ=MONTHLY;BYMONTHDAY=-3', '2024-01-01', '2024-06-30'))
  = (select group_concat(d, ',') from (select d from cal where d between '2024-01-01' and '2024-06-30'
       and d = date(d, 'start of month', '+1 month', '-3 days') order by d));
-- BYMONTH with BYMONTHDAY: the 15th of March and September
select 'rrule-bymonth', (select group_concat(value, ',') from rrule('FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=15', '2023-01-01', '2026-12-31'))
  = (select group_concat(d, ',') from (select d from cal where d between '2023-01-01' and '2026-12-31'
       and substr(d, 6) in ('03-15', '09-15') order by d));

-- leap years: 29 February, 1900 and 2100 are not leap years, 2000 is
select 'rrule-leap', (select group_concat(value, ',') from rrule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '1896-01-01', '2104-12-31'))
  = (select group_concat(d, ',') from (select d from cal where substr(d, 6) = '02-29' order by d));
select 'rrule-leap-no-1900', (select count(*) from rrule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '1896-01-01', '2104-12-31')
  where value in ('1900-02-29', '2100-02-29')) = 0;
select 'rrule-leap-2000', (select count(*) from rrule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '1999-01-01', '2001-12-31')
  where value = '2000-02-29') = 1;

-- COUNT and UNTIL
select 'rrule-count', (select group_concat(value, ',') from rrule('FREQ=WEEKLY;COUNT=10', '2023-03-01', '2023-12-31'))
  = (with recursive w(n, d) as (select 1, '2023-03-01' union all select n + 1, date(d, '+7 days') from w where n < 10)
     select group_concat(d, ',') from w);
select 'rrule-count-cut-by-end', (select count(*) from rrule('FREQ=WEEKLY;COUNT=10', '2023-03-01', '2023-03-31')) = 5;
select 'rrule-until', (select group_concat(value, ',') from rrule('FREQ=DAILY;UNTIL=20230310', '2023-03-01', '2023-12-31'))
  = (select group_concat(d, ',') from (select d from cal where d between '2023-03-01' and '2023-03-10' order by d));
select 'rrule-until-datetime', (select count(*) from rrule('FREQ=DAILY;UNTIL=20230310T235959Z', '2023-03-01', '2023-12-31')) = 10;
select 'rrule-until-before-start', (select count(*) from rrule('FREQ=DAILY;UNTIL=20230101', '2023-03-01', '2023-12-31')) = 0;

-- INTERVAL=2 weekly on two days: every other week (weeks start Monday), Tuesday and Thursday
select 'rrule-interval-2-weekly', (select group_concat(value, ',') from rrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH', '2023-01-03', '2023-06-30'))
  = (select group_concat(d, ',') from (select d from wk where d between '2023-01-03' and '2023-06-30' and dow in (2, 4)
       and (cast(julianday(d) - julianday('2023-01-02') as int) / 7) % 2 = 0 order by d));
-- WKST changes which days share a week (RFC 5545 §3.8.5.3's own example)
select 'rrule-wkst-mo', (select group_concat(value, ',') from rrule('FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO', '1997-08-05', '1997-12-31'))
  = '1997-08-05,1997-08-10,1997-08-19,1997-08-24';
select 'rrule-wkst-su', (select group_concat(value, ',') from rrule('FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU', '1997-08-05', '1997-12-31'))
  = '1997-08-05,1997-08-17,1997-08-19,1997-08-31';
-- plain frequencies start at start (DTSTART)
select 'rrule-daily', (select group_concat(value, ',') from rrule('FREQ=DAILY', '2024-02-26', '2024-03-02'))
  = (select group_concat(d, ',') from (select d from cal where d between '2024-02-26' and '2024-03-02' order by d));
select 'rrule-weekly-from-start', (select group_concat(distinct strftime('%w', value)) from rrule('FREQ=WEEKLY', '2024-01-03', '2024-12-31')) = '3';
select 'rrule-quarterly', (select group_concat(value, ',') from rrule('FREQ=MONTHLY;INTERVAL=3', '2024-01-15', '2024-12-31'))
  = '2024-01-15,2024-04-15,2024-07-15,2024-10-15';
select 'rrule-yearly-feb-29-start', (select group_concat(value, ',') from rrule('FREQ=YEARLY', '2024-02-29', '2032-12-31'))
  = '2024-02-29,2028-02-29,2032-02-29';
select 'rrule-in-order', (select count(*) from (select value, lag(value) over () as prev from rrule('FREQ=WEEKLY;BYDAY=MO,WE,FR', '2024-01-01', '2024-12-31')) where prev >= value) = 0;

-- RFC 7529 Chinese calendar (libical with ICU): 重阳节 (9th of the 9th month) and 春节
select 'rrule-rscale-supported', (select count(*) from rrule('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1', '2023-01-01', '2023-12-31')) = 1;
select 'rrule-chongyang', (select group_concat(value, ',') from rrule('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=9', '2023-01-01', '2025-12-31'))
  = '2023-10-23,2024-10-11,2025-10-29';
select 'rrule-chunjie', (select group_concat(value, ',') from rrule('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1', '2023-01-01', '2025-12-31'))
  = '2023-01-22,2024-02-10,2025-01-29';

-- hidden columns, NULLs, empty ranges, use in joins
select 'rrule-hidden-cols', (select count(*) from rrule where rule = 'FREQ=DAILY' and start = '2024-01-01' and "end" = '2024-01-31') = 31;
select 'rrule-hidden-values', (select rule || '|' || start || '|' || "end" from rrule('FREQ=DAILY', '2024-01-01', '2024-01-01')) = 'FREQ=DAILY|2024-01-01|2024-01-01';
select 'rrule-null-rule', (select count(*) from rrule(null, '2024-01-01', '2024-01-31')) = 0;
select 'rrule-null-end', (select count(*) from rrule('FREQ=DAILY', '2024-01-01', null)) = 0;
select 'rrule-end-before-start', (select count(*) from rrule('FREQ=DAILY', '2024-01-31', '2024-01-01')) = 0;
select 'rrule-impossible-never', test_error('select count(*) from rrule(''FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31'', ''2024-01-01'', ''2030-12-31'')')
  = 'rrule: FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31 never occurs (April has no 31st)';
create table rules(name text, rule text);
insert into rules values ('monthly', 'FREQ=MONTHLY'), ('weekly', 'FREQ=WEEKLY');
select 'rrule-join', (select group_concat(name || '=' || n, ',') from (select name, count(*) as n from rules, rrule(rules.rule, '2024-01-01', '2024-12-31') group by name order by name))
  = 'monthly=12,weekly=53';
select 'rrule-flags', (select flags & 0x200800 from pragma_function_list where name = 'rrule_next') = 0x200800;

-- rrule_next: strictly after
select 'rrule-next', rrule_next('FREQ=WEEKLY;BYDAY=MO', '2024-01-01', '2024-03-04') = '2024-03-11';
select 'rrule-next-between', rrule_next('FREQ=WEEKLY;BYDAY=MO', '2024-01-01', '2024-03-06') = '2024-03-11';
select 'rrule-next-before-start', rrule_next('FREQ=MONTHLY;BYDAY=-1SA', '2023-01-01', '2020-05-05') = '2023-01-28';
select 'rrule-next-chongyang', rrule_next('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=9', '2023-01-01', '2024-01-01') = '2024-10-11';
select 'rrule-next-count-done', rrule_next('FREQ=DAILY;COUNT=3', '2024-01-01', '2024-01-03') is null;
select 'rrule-next-until-done', rrule_next('FREQ=DAILY;UNTIL=20240105', '2024-01-01', '2024-01-05') is null;
select 'rrule-next-null', rrule_next(null, '2024-01-01', '2024-01-05') is null and rrule_next('FREQ=DAILY', '2024-01-01', null) is null;

-- errors, verbatim
select 'rrule-err-start', test_error('select * from rrule(''FREQ=DAILY'', ''2023-02-30'', ''2023-12-31'')')
  = 'rrule: start must be a date ''YYYY-MM-DD'', got ''2023-02-30''';
select 'rrule-err-end', test_error('select * from rrule(''FREQ=DAILY'', ''2023-01-01'', ''31/12/2023'')')
  = 'rrule: end must be a date ''YYYY-MM-DD'', got ''31/12/2023''';
select 'rrule-err-freq', test_error('select * from rrule(''FREQ=SOMETIMES'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=SOMETIMES'': cannot read ''FREQ=SOMETIMES''';
select 'rrule-err-part', test_error('select * from rrule(''FREQ=MONTHLY;BYDAY=XX'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=MONTHLY;BYDAY=XX'': cannot read ''BYDAY=XX''';
select 'rrule-err-no-freq', test_error('select * from rrule(''COUNT=3'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''COUNT=3'': FREQ is missing';
select 'rrule-err-count-until', test_error('select * from rrule(''FREQ=DAILY;COUNT=3;UNTIL=20230105'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=DAILY;COUNT=3;UNTIL=20230105'': COUNT and UNTIL cannot both be given';
select 'rrule-err-empty-part', test_error('select * from rrule(''FREQ=DAILY;;COUNT=3'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=DAILY;;COUNT=3'': empty part';
-- COUNT of up to 9 digits is read; 10 are refused (libical would truncate them)
select 'rrule-count-9-digits', (select group_concat(value, ',') from rrule('FREQ=DAILY;COUNT=123456789', '2023-01-01', '2023-01-03'))
  = '2023-01-01,2023-01-02,2023-01-03';
select 'rrule-err-count-10-digits', test_error('select * from rrule(''FREQ=DAILY;COUNT=1234567890'', ''2023-01-01'', ''2023-01-03'')')
  = 'rrule: bad rule ''FREQ=DAILY;COUNT=1234567890'': cannot read ''COUNT=1234567890''';
-- INTERVAL of up to 4 digits
select 'rrule-interval-4-digits', (select group_concat(value, ',') from rrule('FREQ=DAILY;INTERVAL=1000', '2023-01-01', '2025-12-31'))
  = '2023-01-01,2025-09-27';
select 'rrule-err-big-count', test_error('select * from rrule(''FREQ=DAILY;COUNT=99999999999'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=DAILY;COUNT=99999999999'': cannot read ''COUNT=99999999999''';
select 'rrule-err-hourly', test_error('select * from rrule(''FREQ=HOURLY'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=HOURLY'': FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY';
select 'rrule-err-byhour', test_error('select * from rrule(''FREQ=DAILY;BYHOUR=9'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=DAILY;BYHOUR=9'': BYHOUR, BYMINUTE and BYSECOND have no meaning for dates';
select 'rrule-err-weekly-ordinal', test_error('select * from rrule(''FREQ=WEEKLY;BYDAY=1MO'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=WEEKLY;BYDAY=1MO'': BYDAY with a position (like 1MO or -1SA) needs FREQ=MONTHLY or YEARLY';
select 'rrule-weekly-plain-byday', (select count(*) from rrule('FREQ=WEEKLY;BYDAY=MO', '2024-01-01', '2024-12-31')) = 53;
select 'rrule-err-until', test_error('select * from rrule(''FREQ=DAILY;UNTIL=20231301'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=DAILY;UNTIL=20231301'': UNTIL is not a real date';
select 'rrule-err-impossible', test_error('select * from rrule(''FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31 never occurs (February has no 31st)';
select 'rrule-err-impossible-30', test_error('select * from rrule(''FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30 never occurs (February has no 30th)';
select 'rrule-err-impossible-months', test_error('select * from rrule(''FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31 never occurs (none of its months has a 31st)';
-- never is never, however short the range asked, and rrule_next says so too
select 'rrule-err-never-setpos', test_error('select * from rrule(''FREQ=DAILY;BYSETPOS=2'', ''2023-01-01'', ''2023-01-01'')')
  = 'rrule: FREQ=DAILY;BYSETPOS=2 never occurs (a day has one date, and BYSETPOS never picks it)';
select 'rrule-next-err-never', test_error('select rrule_next(''FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR;BYMONTH=2;BYSETPOS=2'', ''2023-01-01'', ''2023-01-01'')')
  = 'rrule_next: FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR;BYMONTH=2;BYSETPOS=2 never occurs (no date in 400 years fits all its parts)';
-- a rare rule is not a rule that never occurs: Friday 29 February
select 'rrule-rare', (select group_concat(value, ',') from rrule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=FR', '2000-01-01', '2100-12-31'))
  = '2008-02-29,2036-02-29,2064-02-29,2092-02-29';
select 'rrule-err-rscale', test_error('select * from rrule(''RSCALE=KLINGON;FREQ=YEARLY'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''RSCALE=KLINGON;FREQ=YEARLY'': RSCALE=klingon is not a calendar libical knows';
select 'rrule-err-nul', test_error('select * from rrule(''FREQ=DAILY'' || char(0) || ''x'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=DAILY'': contains a NUL byte';
select 'rrule-err-long', test_error('select * from rrule(''FREQ=DAILY;'' || replace(hex(zeroblob(600)), ''00'', ''X;''), ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: rule is longer than 1000 bytes';
select 'rrule-err-cap', test_error('select count(*) from rrule(''FREQ=DAILY'', ''0001-01-01'', ''9999-12-31'')')
  = 'rrule: more than 100000 dates from ''0001-01-01'' to ''9999-12-31''; ask for a shorter range';
select 'rrule-err-cap-rscale', test_error('select count(*) from rrule(''RSCALE=CHINESE;FREQ=MONTHLY;BYMONTHDAY=1,15'', ''2023-01-01'', ''2199-12-31'')')
  = 'rrule: more than 2000 dates from ''2023-01-01'' to ''2199-12-31''; ask for a shorter range';
select 'rrule-err-rscale-daily', test_error('select count(*) from rrule(''RSCALE=CHINESE;FREQ=DAILY;BYMONTH=5L;BYMONTHDAY=30'', ''2023-01-01'', ''2024-12-31'')')
  = 'rrule: bad rule ''RSCALE=CHINESE;FREQ=DAILY;BYMONTH=5L;BYMONTHDAY=30'': RSCALE needs FREQ=MONTHLY or YEARLY';
select 'rrule-rscale-bysetpos-refused', test_error('select * from rrule(''RSCALE=CHINESE;FREQ=YEARLY;BYSETPOS=30;BYMONTH=1;BYMONTHDAY=1'', ''2023-01-01'', ''2025-12-31'')')
  = 'rrule: bad rule ''RSCALE=CHINESE;FREQ=YEARLY;BYSETPOS=30;BYMONTH=1;BYMONTHDAY=1'': BYSETPOS cannot be used with RSCALE';
select 'rrule-rscale-bysetpos-refused-fuzz', test_error('select * from rrule(''RSCALE=CHINESE;FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-200'', ''2023-01-01'', ''2025-12-31'')')
  = 'rrule: bad rule ''RSCALE=CHINESE;FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-200'': BYSETPOS cannot be used with RSCALE';
-- 初一十五: the 1st and 15th of every lunar month; 2024-02-10 is 春节 (month 1, day 1), 2024-02-24 元宵节 (day 15)
select 'rrule-chuyi-shiwu', (select group_concat(value, ',') from rrule('RSCALE=CHINESE;FREQ=MONTHLY;BYMONTHDAY=1,15', '2024-02-01', '2024-02-29'))
  = '2024-02-10,2024-02-24';
-- Gregorian rules run to 9999-12-31; lunar ones stop where libical does
select 'rrule-to-9999', (select count(*) || ' ' || max(value) from rrule('FREQ=YEARLY', '2023-01-01', '9999-12-31')) = '7977 9999-01-01';
select 'rrule-late-start', (select group_concat(value, ',') from rrule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1', '2600-01-01', '2601-12-31')) = '2600-02-28,2601-02-28';
select 'rrule-next-9999', rrule_next('FREQ=YEARLY', '2023-01-01', '9999-01-01') is null;
select 'rrule-err-horizon', test_error('select count(*) from rrule(''RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1'', ''2500-01-01'', ''9999-12-31'')')
  = 'rrule: libical stops at 2582-12-31 and cannot expand the rule up to ''9999-12-31''';
select 'rrule-horizon-count-ok', (select count(*) from rrule('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;COUNT=5', '2023-01-01', '9999-12-31')) = 5;
select 'rrule-err-late-start', test_error('select count(*) from rrule(''RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1'', ''2600-01-01'', ''2700-12-31'')')
  = 'rrule: start must be on or before 2582-12-31, where libical stops, got ''2600-01-01''';
select 'rrule-err-args', test_error('select * from rrule(''FREQ=DAILY'')') = 'rrule: takes 3 arguments: rule, start, end';
select 'rrule-next-err-after', test_error('select rrule_next(''FREQ=DAILY'', ''2024-01-01'', ''2024-02-30'')')
  = 'rrule_next: after must be a date ''YYYY-MM-DD'', got ''2024-02-30''';
select 'rrule-next-err-rule', test_error('select rrule_next(''FREQ=SOMETIMES'', ''2024-01-01'', ''2024-02-01'')')
  = 'rrule_next: bad rule ''FREQ=SOMETIMES'': cannot read ''FREQ=SOMETIMES''';
select 'rrule-next-err-horizon', test_error('select rrule_next(''RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1'', ''2023-01-01'', ''2582-06-01'')')
  = 'rrule_next: libical stops at 2582-12-31 without a date after ''2582-06-01''';
select 'rrule-next-err-cap', test_error('select rrule_next(''FREQ=DAILY'', ''1000-01-01'', ''2024-01-01'')')
  = 'rrule_next: more than 100000 dates from ''1000-01-01'' to ''2024-01-01''; ask for a shorter range';
-- hostile strings never crash: many parts, odd bytes, huge numbers
select 'rrule-hostile', (select count(*) from (select test_error('select * from rrule(' || quote(r) || ', ''2023-01-01'', ''2023-12-31'')') as e from (
  select 'FREQ=MONTHLY;BYDAY=' || replace(hex(zeroblob(150)), '00', '-53MO,') || 'SU' as r union all
  select 'FREQ=MONTHLY;BYMONTHDAY=' || replace(hex(zeroblob(100)), '00', '-32,') || '1' union all
  select 'FREQ=YEARLY;BYSETPOS=-400;BYDAY=MO' union all select 'FREQ=YEARLY;BYYEARDAY=-367' union all
  select 'FREQ=YEARLY;BYWEEKNO=54' union all select 'FREQ=YEARLY;INTERVAL=99999' union all
  select '=;=;=' union all select ';;;' union all select 'FREQ=' union all select 'RSCALE=;FREQ=YEARLY' union all
  select 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=13L' union all select 'FREQ=DAILY;UNTIL=99991231T999999Z' union all
  select 'FREQ=MONTHLY;BYMONTHDAY=' || replace(hex(zeroblob(300)), '00', '1,') || '2' union all
  select 'FREQ=YEARLY;BYMONTH=' || replace(hex(zeroblob(300)), '00', '1,') || '2' union all
  select 'FREQ=YEARLY;BYSETPOS=' || replace(hex(zeroblob(300)), '00', '1,') || '2;BYDAY=MO' union all
  select char(0xFEFF) || 'FREQ=DAILY' union all select 'FREQ=DAILY;X-' || hex(randomblob(40)) || '=1'))
  where e is null or e like 'rrule: %') = 17;

-- Issue 20: WEEKLY with INTERVAL > 1 counts its weeks from the week (from
-- WKST) that holds start, wherever BYDAY falls in it.  2022-04-02 is a
-- Saturday; with WKST=FR its week is Fri 04-01 .. Thu 04-07.
select 'rrule-weekly-wkst-fr', (select group_concat(value, ',') from rrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;WKST=FR', '2022-04-02', '2022-05-31'))
  = '2022-04-06,2022-04-20,2022-05-04,2022-05-18';
-- 2022-03-10 is a Thursday; its week (WKST=MO by default) ends Sunday 03-13
select 'rrule-weekly-sunday', (select group_concat(value, ',') from rrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=SU', '2022-03-10', '2022-04-30'))
  = '2022-03-13,2022-03-27,2022-04-10,2022-04-24';
select 'rrule-weekly-sunday-3', (select group_concat(value, ',') from rrule('FREQ=WEEKLY;INTERVAL=3;BYDAY=SU;COUNT=3', '2022-03-10', '2022-12-31'))
  = '2022-03-13,2022-04-03,2022-04-24';
select 'rrule-weekly-sunday-short', (select group_concat(value, ',') from rrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=SU', '2023-01-07', '2023-01-14')) = '2023-01-08';
select 'rrule-next-weekly-sunday', rrule_next('FREQ=WEEKLY;INTERVAL=2;BYDAY=SU', '2022-03-10', '2022-03-10') = '2022-03-13';
-- the same weeks against the calendar: every other week from Mon 2022-03-07
select 'rrule-weekly-sunday-calendar', (select group_concat(value, ',') from rrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,WE', '2022-03-10', '2023-03-10'))
  = (select group_concat(d, ',') from (select d from wk where d between '2022-03-10' and '2023-03-10' and dow in (0, 3)
       and (cast(julianday(d) - julianday('2022-03-07') as int) / 7) % 2 = 0 order by d));
-- BYSETPOS picks within the period in DAILY and WEEKLY rules too
select 'rrule-weekly-setpos', (select group_concat(value, ',') from rrule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,3;COUNT=3', '2024-10-23', '2024-12-31'))
  = '2024-10-23,2024-10-28,2024-10-30';
select 'rrule-daily-setpos', (select count(*) from rrule('FREQ=DAILY;BYSETPOS=-1', '2024-01-01', '2024-01-31')) = 31;
-- DAILY with BYMONTHDAY from the end, and BYDAY given twice
select 'rrule-daily-negative-monthday', (select group_concat(value, ',') from rrule('FREQ=DAILY;BYMONTHDAY=-1,-2;COUNT=5', '2024-10-30', '2024-12-31'))
  = '2024-10-30,2024-10-31,2024-11-29,2024-11-30,2024-12-30';
select 'rrule-repeated-byday', (select group_concat(value, ',') from rrule('FREQ=WEEKLY;COUNT=3;BYDAY=SU,TH,TH', '2011-11-20', '2011-12-31'))
  = '2011-11-20,2011-11-24,2011-11-27';
-- an ordinal BYDAY and a plain one together: the fourth Wednesday and every Saturday
select 'rrule-byday-mixed', (select group_concat(value, ',') from rrule('FREQ=MONTHLY;BYDAY=4WE,SA', '2024-01-01', '2024-01-31'))
  = '2024-01-06,2024-01-13,2024-01-20,2024-01-24,2024-01-27';
select 'rrule-err-byweekno', test_error('select * from rrule(''FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO'': BYWEEKNO is not supported; name the days with BYMONTH, BYMONTHDAY or BYYEARDAY';
select 'rrule-err-leap-month', test_error('select * from rrule(''FREQ=YEARLY;BYMONTH=5L'', ''2023-01-01'', ''2023-12-31'')')
  = 'rrule: bad rule ''FREQ=YEARLY;BYMONTH=5L'': a leap month (like 5L) needs RSCALE';
