create view rrule_next_date as select rrule_next('FREQ=MONTHLY;BYDAY=-1SA', '2023-01-01', '2023-01-28') as got, '2023-02-25' as want;
create view rrule_dates as select (select group_concat(value, ',') from rrule('FREQ=MONTHLY;BYDAY=-1SA', '2023-01-01', '2023-03-31')) as got, '2023-01-28,2023-02-25,2023-03-25' as want;
