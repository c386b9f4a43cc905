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
