-- dates: every function that takes a date reads it through common.c's one
-- parser: 'YYYY-MM-DD', a real day of the Gregorian calendar (leap years
-- every 4 years, not every 100, again every 400), the two '-' where they
-- belong.  Each rule checked through a function of each module that reads
-- dates.
select 't', test_read('sql/schema.sql') is null;
insert into score_schemes(scheme_id, name) values (1, 'a scheme');
-- a century not divisible by 400 has no 29 February; 2000 has one
select 'date-2100-02-29-rrule', test_error('select * from rrule(''FREQ=DAILY'', ''2100-02-29'', ''2100-03-01'')')
  = 'rrule: start must be a date ''YYYY-MM-DD'', got ''2100-02-29''';
select 'date-1900-02-29-idcard-age', test_error('select idcard_age(''11010519491231002X'', ''1900-02-29'')')
  = 'idcard_age: as_of must be a date ''YYYY-MM-DD'', got ''1900-02-29''';
select 'date-2100-02-29-scoring', test_error('select * from credit_scores(1, ''2100-02-29'')')
  = 'credit_scores: period_start must be a date ''YYYY-MM-DD'', got ''2100-02-29''';
select 'date-2000-02-29-rrule', (select group_concat(value, ',') from rrule('FREQ=DAILY', '2000-02-28', '2000-03-01'))
  = '2000-02-28,2000-02-29,2000-03-01';
select 'date-2024-02-29-idcard-age', idcard_age('11010519491231002X', '2024-02-29') = 74;
-- both separators are checked
select 'date-second-separator-rrule', test_error('select * from rrule(''FREQ=DAILY'', ''2023-01/01'', ''2023-01-02'')')
  = 'rrule: start must be a date ''YYYY-MM-DD'', got ''2023-01/01''';
select 'date-first-separator-rrule', test_error('select * from rrule(''FREQ=DAILY'', ''2023/01-01'', ''2023-01-02'')')
  = 'rrule: start must be a date ''YYYY-MM-DD'', got ''2023/01-01''';
select 'date-second-separator-idcard-age', test_error('select idcard_age(''11010519491231002X'', ''2024-06.30'')')
  = 'idcard_age: as_of must be a date ''YYYY-MM-DD'', got ''2024-06.30''';
