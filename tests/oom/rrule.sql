select group_concat(value) from rrule('FREQ=MONTHLY;BYDAY=-1SA', '2023-01-01', '2023-06-30');
select group_concat(value) from rrule('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=9', '2023-01-01', '2024-12-31');
select * from rrule('FREQ=SOMETIMES', '2023-01-01', '2023-12-31');
select * from rrule('FREQ=DAILY', '2023-02-30', '2023-12-31');
select rrule_next('FREQ=WEEKLY;BYDAY=MO', '2024-01-01', '2024-03-04'), rrule_next('FREQ=DAILY;COUNT=2', '2024-01-01', '2024-03-04');
select rrule_next('FREQ=DAILY;FOO=1', '2024-01-01', '2024-03-04');
