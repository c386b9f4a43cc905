create view roster_roster as select (select count(*) from roster(null, '2024-01-01', '2024-01-31')) as got, 0 as want;
