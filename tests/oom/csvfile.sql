-- csvfile under a failing allocator: creation, scans, hidden columns, errors
create virtual table temp.t using csvfile(filename='tests/data/csv_small.csv'); select id, name, note, _line, _offset, _raw from t;
create virtual table temp.t using csvfile(filename='tests/data/csv_names.csv'); select * from t;
create virtual table temp.t using csvfile(filename='tests/data/csv_bad_gb18030.csv', encoding=gb18030, on_error=row); select _line, _error, _raw, * from t;
create virtual table temp.t using csvfile(filename='tests/data/csv_members.csv.gz', schema='create table x(a, b)'); select a, b, _offset from t;
create virtual table temp.t using csvfile(filename='tests/data/csv_counts.csv'); select * from t;
create virtual table temp.t using csvfile(filename='tests/data/csv_bad_utf8.csv', on_error=row); select _error, _raw, b from t;
create virtual table temp.t using csvfile(filename='tests/data/no_such.csv');
create virtual table temp.t using csvfile(filename='tests/data/csv_truncated.csv.gz');
setup create virtual table temp.s using csvfile(filename='tests/data/csv_small.csv', on_error=row);
select count(*), group_concat(_raw) from s;
