-- xlsxfile under a failing allocator: creation, scans, hidden columns, errors
create virtual table temp.t using xlsxfile(filename='tests/data/xlsx_openpyxl.xlsx'); select _line, _raw, _offset, * from t;
create virtual table temp.t using xlsxfile(filename='tests/data/xlsx_lo.xlsx', sheet='表头合并', range='A2:E100'); select _raw, * from t;
create virtual table temp.t using xlsxfile(filename='tests/data/xlsx_lo.xls', sheet=2, on_error=row); select _error, _raw, _offset from t;
create virtual table temp.t using xlsxfile(filename='tests/data/xlsx_lo_1904.xlsx', schema='create table x(a, b)'); select a, b from t;
create virtual table temp.t using xlsxfile(filename='tests/data/xlsx_openpyxl.xlsx', sheet='none');
create virtual table temp.t using xlsxfile(filename='tests/data/no_such.xlsx');
setup create virtual table temp.s using xlsxfile(filename='tests/data/xlsx_lo.xlsx', header=no);
select count(*), group_concat(_raw) from s;
