-- xlsxfile virtual table: ext/xlsxfile.c.  Workbooks in tests/data written by
-- python3-openpyxl and saved again by LibreOffice as .xlsx and .xls (see
-- make-xlsxfile.sh): three writers, one set of values.

-- openpyxl: inline strings, numbers, date styles, an empty row (7)
create virtual table temp.op using xlsxfile(filename='tests/data/xlsx_openpyxl.xlsx');
select 'xlsx-op-names', (select group_concat(name, ',') from pragma_table_info('op')) = '序号,姓名,性别,民族,身份证号码,联系电话,所属小区,楼栋,单元,门牌号,户籍性质,是否低保,出生日期,备注';
select 'xlsx-op-hidden', (select group_concat(name, ',') from pragma_table_xinfo('op') where hidden) = '_line,_error,_raw,_offset';
select 'xlsx-op-rows', (select count(*) from op) = 6;
select 'xlsx-op-lines-skip-empty-row', (select group_concat(_line, ',') from op) = '2,3,4,5,6,8';
select 'xlsx-op-rowid', (select group_concat(rowid, ',') from op) = '1,2,3,4,5,6';
select 'xlsx-op-text-id', (select 身份证号码 from op where 序号 = '1') = '650103198709286002';
-- an ID a spreadsheet holds as a number: its digits are gone, shown as Excel shows them
select 'xlsx-op-id-scientific', (select 身份证号码 from op where 序号 = '2') = '6.50106E+17';
select 'xlsx-op-id-15-digits', (select 身份证号码 from op where 序号 = '3') = '6.50106199001011E+17';
select 'xlsx-op-phone-number', (select 联系电话 from op where 序号 = '1') = '13912345678';
select 'xlsx-op-number-is-text', (select typeof(门牌号) from op where 序号 = '1') = 'text';
select 'xlsx-op-date', (select group_concat(出生日期, ',') from op) = '1987-09-28,1990-01-01,1990-01-01,1949-12-31,1948-08-06,2000-02-29';
select 'xlsx-op-empty-cell', (select 联系电话 from op where 序号 = '4') = '';
select 'xlsx-op-empty-last-cell', (select 备注 || '|' || typeof(备注) from op where 序号 = '1') = '|text';
select 'xlsx-op-newline-quotes', (select 备注 from op where 序号 = '4') = '他说"马上搬走", 待核实' || char(10) || '第二行';
select 'xlsx-op-blanks-kept', (select 备注 from op where 序号 = '6') = '  前后有空格  ';
select 'xlsx-op-raw', (select _raw from op where 序号 = '4') = '4,李秀英,女,汉,11010519491231002X,,建设小区,1号楼,2单元,202,户籍,否,1949-12-31,"他说""马上搬走"", 待核实' || char(10) || '第二行"';
select 'xlsx-op-error-null', (select count(*) from op where _error is null) = 6;
select 'xlsx-op-offset', (select min(_offset) > 0 and max(_offset) <= 7468 from op) = 1;
select 'xlsx-op-rescan', (select count(*) from op a join op b on a.序号 = b.序号) = 6;

-- LibreOffice's .xlsx (shared strings) and .xls (BIFF8, through FreeXL): the same rows
create virtual table temp.lo using xlsxfile(filename='tests/data/xlsx_lo.xlsx', sheet='居民');
create virtual table temp.xls using xlsxfile(filename='tests/data/xlsx_lo.xls', sheet=1);
create temp view op_all as select group_concat(_line || ':' || _raw, '|') as v from op;
select 'xlsx-lo-same-as-openpyxl', (select group_concat(_line || ':' || _raw, '|') from lo) = (select v from op_all);
select 'xlsx-xls-same-as-openpyxl', (select group_concat(_line || ':' || _raw, '|') from xls) = (select v from op_all);
select 'xlsx-xls-names', (select group_concat(name, ',') from pragma_table_info('xls')) = (select group_concat(name, ',') from pragma_table_info('op'));
select 'xlsx-xls-offset-end', (select max(_offset) from xls) = 10240;

-- the second sheet, by name: a merged title row, a merged header cell
create virtual table temp.m1 using xlsxfile(filename='tests/data/xlsx_openpyxl.xlsx', sheet='表头合并');
select 'xlsx-merged-title-names', (select group_concat(name, ',') from pragma_table_info('m1')) = '塔城路社区2024年走访登记,塔城路社区2024年走访登记_2,塔城路社区2024年走访登记_3,塔城路社区2024年走访登记_4,塔城路社区2024年走访登记_5';
create virtual table temp.m2 using xlsxfile(filename='tests/data/xlsx_openpyxl.xlsx', sheet=2, range='A2:E100');
select 'xlsx-merged-header-names', (select group_concat(name, ',') from pragma_table_info('m2')) = '姓名,住址,住址_2,住址_3,电话';
select 'xlsx-merged-rows', (select group_concat(_line || ':' || _raw, '|') from m2) = '3:张三,红旗小区,6号楼,3单元,13912345678|4:李四,建设小区,1号楼,,';
create virtual table temp.m3 using xlsxfile(filename='tests/data/xlsx_lo.xlsx', sheet=2, range='A2:E100');
select 'xlsx-lo-merged-header', (select group_concat(name, ',') from pragma_table_info('m3')) = '姓名,住址,住址_2,住址_3,电话';
-- FreeXL does not report merged cells: the covered header cells are unnamed
create virtual table temp.m4 using xlsxfile(filename='tests/data/xlsx_lo.xls', sheet=2, range='A2:E100');
select 'xlsx-xls-merged-header', (select group_concat(name, ',') from pragma_table_info('m4')) = '姓名,住址,c3,c4,电话';
select 'xlsx-xls-merged-rows', (select group_concat(_raw, '|') from m4) = (select group_concat(_raw, '|') from m2);
-- without range= the .xls header is one cell wide: the data right of it is an error
select 'xlsx-xls-wide-row', test_error('create virtual table temp.m5 using xlsxfile(filename=''tests/data/xlsx_lo.xls'', sheet=2); select count(*) from m5') = 'xlsxfile: row 2: expected 1 fields, got 5 (cell E2 has a value)';
create virtual table temp.m6 using xlsxfile(filename='tests/data/xlsx_lo.xls', sheet=2, on_error=row);
select 'xlsx-xls-wide-row-error', (select group_concat(_line || ':' || _error, '|') from m6 where _error is not null) = '2:expected 1 fields, got 5 (cell E2 has a value)|3:expected 1 fields, got 5 (cell E3 has a value)|4:expected 1 fields, got 3 (cell C4 has a value)';

-- the third sheet: kinds of cells
create virtual table temp.k using xlsxfile(filename='tests/data/xlsx_openpyxl.xlsx', sheet=3);
select 'xlsx-kinds-1', (select _raw from k where _line = 2) = '甲,42,3.25,2024-02-29,2024-03-01 08:30:15,17:45:00,2023-10-23,TRUE,1.23456789012346E+18';
select 'xlsx-kinds-2', (select _raw from k where _line = 3) = '乙,-7,0.1,1900-03-01,1999-12-31 23:59:59,00:00:01,2024-10-11,FALSE,1E-07';
create virtual table temp.klo using xlsxfile(filename='tests/data/xlsx_lo.xlsx', sheet='类型');
select 'xlsx-lo-kinds', (select group_concat(_raw, '|') from klo) = (select group_concat(_raw, '|') from k);
-- FreeXL reads no booleans: .xls TRUE/FALSE cells come out empty (docs/xlsxfile.md)
create virtual table temp.kxls using xlsxfile(filename='tests/data/xlsx_lo.xls', sheet=3);
select 'xlsx-xls-kinds', (select group_concat(_raw, '|') from kxls) = '甲,42,3.25,2024-02-29,2024-03-01 08:30:15,17:45:00,2023-10-23,,1.23456789012346E+18|乙,-7,0.1,1900-03-01,1999-12-31 23:59:59,00:00:01,2024-10-11,,1E-07';

-- the 1904 date system (Excel for Mac's), from both writers
create virtual table temp.d1 using xlsxfile(filename='tests/data/xlsx_1904.xlsx');
select 'xlsx-1904', (select group_concat(日期, ',') from d1) = '2024-02-29,1904-01-02';
create virtual table temp.d2 using xlsxfile(filename='tests/data/xlsx_lo_1904.xlsx');
select 'xlsx-lo-1904', (select group_concat(日期, ',') from d2) = '2024-02-29,1904-01-02';

-- header=no, range=
create virtual table temp.nh using xlsxfile(filename='tests/data/xlsx_openpyxl.xlsx', header=no);
select 'xlsx-noheader-names', (select count(*) from pragma_table_info('nh')) = 14;
select 'xlsx-noheader-first', (select c1 || c2 from nh where _line = 1) = '序号姓名';
select 'xlsx-noheader-rows', (select count(*) from nh) = 7;
create virtual table temp.rg using xlsxfile(filename='tests/data/xlsx_lo.xlsx', range='B1:C4');
select 'xlsx-range-names', (select group_concat(name, ',') from pragma_table_info('rg')) = '姓名,性别';
select 'xlsx-range-rows', (select group_concat(姓名 || 性别, ',') from rg) = '努尔兰·别克男,古丽娜尔女,王建国男';
create virtual table temp.rg2 using xlsxfile(filename='tests/data/xlsx_lo.xlsx', range='E3:E', header=no);
select 'xlsx-range-open-end', (select group_concat(c1, ',') from rg2) = '6.50106E+17,6.50106199001011E+17,11010519491231002X,650102194808068524,650104200002291226';
create virtual table temp.sc using xlsxfile(filename='tests/data/xlsx_openpyxl.xlsx', schema='create table x(no, name)');
select 'xlsx-schema', (select group_concat(no || name, ',') from sc where no < '3') = '1努尔兰·别克,2古丽娜尔';

-- errors, verbatim
select 'xlsx-err-missing-filename', test_error('create virtual table temp.e using xlsxfile(sheet=1)') = 'xlsxfile: missing option ''filename''';
select 'xlsx-err-unknown-option', test_error('create virtual table temp.e using xlsxfile(filename=''x.xlsx'', shete=1)') = 'xlsxfile: unknown option ''shete''';
select 'xlsx-err-twice', test_error('create virtual table temp.e using xlsxfile(filename=''x.xlsx'', sheet=1, sheet=2)') = 'xlsxfile: option ''sheet'' given twice';
select 'xlsx-err-not-kv', test_error('create virtual table temp.e using xlsxfile(''x.xlsx'')') = 'xlsxfile: argument ''x.xlsx'' is not key=value';
select 'xlsx-err-header', test_error('create virtual table temp.e using xlsxfile(filename=''x.xlsx'', header=maybe)') = 'xlsxfile: header must be yes or no, got ''maybe''';
select 'xlsx-err-range', test_error('create virtual table temp.e using xlsxfile(filename=''x.xlsx'', range=''M1:A9'')') = 'xlsxfile: range must be cells like A1:M2001 or A2:M, got ''M1:A9''';
select 'xlsx-err-range-past-sheet', test_error('create virtual table temp.e using xlsxfile(filename=''x.xlsx'', range=''A1:XFE2'')') = 'xlsxfile: range must be cells like A1:M2001 or A2:M, got ''A1:XFE2''';
select 'xlsx-err-on-error', test_error('create virtual table temp.e using xlsxfile(filename=''x.xlsx'', on_error=skip)') = 'xlsxfile: on_error must be fail or row, got ''skip''';
select 'xlsx-err-no-file', test_error('create virtual table temp.e using xlsxfile(filename=''tests/data/no_such.xlsx'')') = 'xlsxfile: cannot open ''tests/data/no_such.xlsx'': No such file or directory';
select 'xlsx-err-directory', test_error('create virtual table temp.e using xlsxfile(filename=''tests/data'')') = 'xlsxfile: ''tests/data'' is not a regular file';
select 'xlsx-err-dev-zero', test_error('create virtual table temp.e using xlsxfile(filename=''/dev/zero'')') = 'xlsxfile: ''/dev/zero'' is not a regular file';
select 'xlsx-err-csv', test_error('create virtual table temp.e using xlsxfile(filename=''tests/data/csv_small.csv'')') = 'xlsxfile: ''tests/data/csv_small.csv'' is not an .xlsx or .xls workbook';
select 'xlsx-err-gzip-not-zip', test_error('create virtual table temp.e using xlsxfile(filename=''tests/data/csv_members.csv.gz'')') = 'xlsxfile: ''tests/data/csv_members.csv.gz'' is not an .xlsx or .xls workbook';
select 'xlsx-err-no-sheet', test_error('create virtual table temp.e using xlsxfile(filename=''tests/data/xlsx_openpyxl.xlsx'', sheet=''Sheet1'')') = 'xlsxfile: ''tests/data/xlsx_openpyxl.xlsx'' has no sheet ''Sheet1'' (its sheets: ''居民'', ''表头合并'', ''类型'')';
select 'xlsx-err-sheet-number', test_error('create virtual table temp.e using xlsxfile(filename=''tests/data/xlsx_lo.xls'', sheet=4)') = 'xlsxfile: ''tests/data/xlsx_lo.xls'' has 3 sheets, not 4';
select 'xlsx-err-schema', test_error('create virtual table temp.e using xlsxfile(filename=''tests/data/xlsx_lo.xlsx'', schema=''a, b'')') = 'xlsxfile: schema must be a CREATE TABLE statement, got ''a, b''';
-- a file in a database's schema is refused in views and triggers (DIRECTONLY): see tests/sh/xlsxfile.sh
select 'xlsx-not-eponymous', test_error('select * from xlsxfile') = 'no such table: xlsxfile';
