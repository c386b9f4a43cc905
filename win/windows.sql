-- win/windows.sql — checks of the Windows build only (win/test.sh runs it
-- with build/win64/host.exe under Wine; WINDATA is build/win64/test).

-- UTF-8 file names reach the file system as UTF-16 (_wopen), backslashes
-- and drive letters are paths (win/test.sh copied csv_small.csv to 居民名单.csv).
create virtual table temp.a using csvfile(filename='tests/data/csv_small.csv');
create virtual table temp.b using csvfile(filename='build/win64/test/居民名单.csv');
select 'win-utf8-name-rows', (select count(*) from b) = (select count(*) from a) and (select count(*) from a) > 0;
select 'win-utf8-name-same', (select group_concat(name, '|') from b) = (select group_concat(name, '|') from a);
create virtual table temp.c using csvfile(filename='tests\data\csv_small.csv');
select 'win-backslash-path', (select group_concat(name, '|') from c) = (select group_concat(name, '|') from a);
select 'win-drive-letter', test_error('create virtual table temp.d using csvfile(filename=''Z:\no\such\dir\x.csv'')') like 'csvfile: cannot open ''Z:\no\such\dir\x.csv'': %';
select 'win-missing-utf8-name', test_error('create virtual table temp.e using csvfile(filename=''build/win64/test/没有.csv'')') = 'csvfile: cannot open ''build/win64/test/没有.csv'': No such file or directory';
select 'win-directory', test_error('create virtual table temp.f using csvfile(filename=''tests\data'')') = 'csvfile: ''tests\data'' is not a regular file';

-- What the Windows build leaves out says so.
select 'win-rscale-needs-icu', test_error('select * from rrule(''RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=9'', ''2023-01-01'', ''2025-12-31'')') = 'rrule: RSCALE needs a build with ICU; this Windows build has none';
select 'win-rscale-next-needs-icu', test_error('select rrule_next(''RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1'', ''2023-01-01'', ''2023-06-01'')') = 'rrule_next: RSCALE needs a build with ICU; this Windows build has none';
select 'win-gregorian-rules', (select group_concat(value, ',') from rrule('FREQ=MONTHLY;BYDAY=-1SA;COUNT=3', '2024-01-01', '2024-12-31')) = '2024-01-27,2024-02-24,2024-03-30';
select 'win-debug-says-freexl', muling_debug() like '%expat expat_2.%minizip%freexl 1.0.6%';
-- .xls through FreeXL by a UTF-8 name (win/test.sh copied xlsx_lo.xls to
-- 旧工作簿.xls): the same cells as LibreOffice's .xlsx of the same sheet
create virtual table temp.xla using xlsxfile(filename='tests/data/xlsx_lo.xls');
create virtual table temp.xlb using xlsxfile(filename='build\win64\test\旧工作簿.xls');
create virtual table temp.xlx using xlsxfile(filename='tests/data/xlsx_lo.xlsx');
select 'win-xls-utf8-name', (select count(*) from xlb) = (select count(*) from xla) and (select count(*) from xla) > 0;
select 'win-xls-as-xlsx', (select count(*) from (select * from xla except select * from xlx)) = 0 and (select count(*) from xla) = (select count(*) from xlx);
-- .xlsx by a UTF-8 name (win/test.sh copied xlsx_lo.xlsx to 工作簿.xlsx)
create virtual table temp.xa using xlsxfile(filename='tests/data/xlsx_lo.xlsx');
create virtual table temp.xb using xlsxfile(filename='build\win64\test\工作簿.xlsx');
select 'win-xlsx-utf8-name', (select count(*) from xb) = (select count(*) from xa) and (select count(*) from xa) > 0;
select 'win-xlsx-directory', test_error('create virtual table temp.xd using xlsxfile(filename=''tests'')') = 'xlsxfile: ''tests'' is not a regular file';
-- gzip() writes the same bytes as on Linux (the header's OS byte is 3)
select 'win-gzip-same-bytes', hex(gzip('abc', 0)) = '1F8B0800000000000403' || '010300FCFF' || '616263' || 'C241243503000000';
