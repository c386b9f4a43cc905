-- Regression tests for what fuzzing found (tests/fuzz/).  Each runs under
-- ASan+UBSan in `make asan`, where the original fault was caught.

-- ethnic_code compared keys with strncmp, which stops at NUL bytes: a text
-- with an embedded NUL read past the end of a shorter key.
select 'regress-ethnic-nul', ethnic_code(cast(x'61630000001430323130393834363132feffff35' as text)) is null;

-- csvfile: a header of empty fields left the field buffer unallocated
-- (NULL + 0 offset, undefined behaviour).
create virtual table temp.r1 using csvfile(filename='tests/data/regress/csv-empty-header.csv', on_error=row);
select 'regress-csv-empty-header-rows', (select count(*) from temp.r1) >= 1;
drop table temp.r1;

-- csvfile: naming columns from a header of empty fields read NULL + 0.
create virtual table temp.r2 using csvfile(filename='tests/data/regress/csv-empty-header-name.csv', on_error=row);
select 'regress-csv-empty-header-names', (select group_concat(name) from pragma_table_info('r2')) = 'c1,c2';
drop table temp.r2;

-- roster() (INNOCUOUS) read duty_* tables by name: a virtual table the
-- database declares under such a name (a csvfile) was read for a view.
create table duty_posts(post_id integer primary key, name, rrule, dtstart, leaders, members, min_gap_days);
insert into duty_posts values (1, 'patrol', 'FREQ=DAILY', '2024-01-01', 1, 0, 1);
create table duty_unavailable(person_id, from_date, to_date, reason);
create table duty_assignments(post_id, duty_date, slot, role, person_id, status);
create virtual table main.duty_pool using csvfile(filename='tests/data/regress/csv-empty-header.csv');
select 'regress-roster-refuses-main-vtab', test_error('select * from roster(1, ''2024-01-01'', ''2024-01-02'')')
  = 'roster: ''duty_pool'' is a virtual table; roster() reads ordinary tables, views and temp objects only';
