-- csvfile virtual table: ext/csvfile.c.  Data in tests/data (see make-csvfile.sh).

-- The street-office export: GB18030, CRLF, Chinese headers, 600 data rows,
-- 7 of them with 10 fields instead of 13 (street_export_gb18030.json).
create virtual table temp.street using csvfile(filename='tests/data/street_export_gb18030.csv', encoding=gb18030, on_error=row);
select 'csv-street-rows', (select count(*) from street) = 600;
select 'csv-street-columns', (select group_concat(name, ',') from pragma_table_info('street')) = '序号,姓名,性别,民族,身份证号码,联系电话,所属小区,楼栋,单元,门牌号,户籍性质,是否低保,备注';
select 'csv-street-first', (select 姓名 || '|' || 民族 || '|' || 身份证号码 from street where 序号 = '1') = '努尔兰·别克|哈萨克族|650103198709286002';
select 'csv-street-field-count-rejects', (select count(*) from street where _error is not null) = 7;
select 'csv-street-reject-reason', (select group_concat(distinct _error) from street where _error is not null) = 'field_count: expected 13 fields, got 10';
-- row 58 starts on physical line 63 (the header is line 1; quoted line breaks count)
select 'csv-street-reject-lines', (select group_concat(_line, ',') from street where _error is not null) = '63,160,285,304,423,553,575';
select 'csv-street-short-null', (select count(*) from street where _error is not null and 户籍性质 is null and 备注 is null and 门牌号 is not null) = 7;
select 'csv-street-raw', (select _raw from street where _line = 63) = '58,努尔兰叶尔兰,女,哈萨克族,650102194808068524,17476125049,红旗小区,6号楼,3单元,501';
select 'csv-street-embedded-newline', (select 备注 from street where 序号 = '4') = '住址变更,原住红旗小区' || char(10) || '待核实';
select 'csv-street-embedded-lines', (select _line from street where 序号 = '5') = 7;
select 'csv-street-doubled-quotes', (select 备注 from street where 序号 = '6') = '他说"马上搬走"';
select 'csv-street-raw-quotes', (select _raw from street where 序号 = '6') like '%,"他说""马上搬走"""';
select 'csv-street-last-line', (select max(_line) from street) = 639;
select 'csv-street-offset-end', (select max(_offset) from street) = 56068;
select 'csv-street-offset-grows', (select count(*) from (select _offset - lag(_offset) over (order by rowid) as d from street) where d <= 0) = 0;
select 'csv-street-rowid', (select min(rowid) || '-' || max(rowid) from street) = '1-600';
select 'csv-street-no-error-when-good', (select count(*) from street where _error is null and 备注 is not null) = 593;
-- without on_error=row the first short row stops the query, naming its line
create virtual table temp.street_strict using csvfile(filename='tests/data/street_export_gb18030.csv', encoding=gb18030);
select 'csv-street-strict-error', test_error('select count(*) from street_strict') = 'csvfile: line 63: expected 13 fields, got 10';
select 'csv-street-strict-before', (select count(*) from (select 序号 from street_strict limit 57)) = 57;

-- the .csv.gz made by the gzip tool gives the same rows: a checksum over every field
create virtual table temp.street_gz using csvfile(filename='tests/data/street_export_gb18030.csv.gz', encoding=gb18030, on_error=row);
create temp view street_sum as select 'plain' as src, count(*) as n, sum(crc32(concat_ws)) as crc from (select 序号||'|'||姓名||'|'||性别||'|'||民族||'|'||身份证号码||'|'||联系电话||'|'||所属小区||'|'||楼栋||'|'||单元||'|'||门牌号||'|'||coalesce(户籍性质||'|'||是否低保||'|'||备注, '') || '|' || _line || '|' || coalesce(_error, '') || '|' || _raw as concat_ws from street);
create temp view street_gz_sum as select 'gz' as src, count(*) as n, sum(crc32(concat_ws)) as crc from (select 序号||'|'||姓名||'|'||性别||'|'||民族||'|'||身份证号码||'|'||联系电话||'|'||所属小区||'|'||楼栋||'|'||单元||'|'||门牌号||'|'||coalesce(户籍性质||'|'||是否低保||'|'||备注, '') || '|' || _line || '|' || coalesce(_error, '') || '|' || _raw as concat_ws from street_gz);
select 'csv-gz-same-rows', (select n from street_gz_sum) = 600;
select 'csv-gz-same-checksum', (select crc from street_gz_sum) = (select crc from street_sum);
-- the same sum computed by Python's csv module over the file (fields only)
select 'csv-street-python-checksum', (select sum(crc32(序号||'|'||姓名||'|'||性别||'|'||民族||'|'||身份证号码||'|'||联系电话||'|'||所属小区||'|'||楼栋||'|'||单元||'|'||门牌号||'|'||coalesce(户籍性质||'|'||是否低保||'|'||备注, ''))) from street) = 1278616456639;
select 'csv-gz-offset-compressed', (select max(_offset) from street_gz) = 16366;

-- small UTF-8 file: quoting, embedded delimiter and line break, doubled quotes
create virtual table temp.small using csvfile(filename='tests/data/csv_small.csv');
select 'csv-small-rows', (select count(*) from small) = 3;
select 'csv-small-names', (select group_concat(name, ',') from pragma_table_info('small')) = 'id,name,note';
select 'csv-small-delim-in-quotes', (select name from small where id = '2') = '王, 芳';
select 'csv-small-newline-in-quotes', (select note from small where id = '2') = 'line one' || char(10) || 'line two';
select 'csv-small-doubled-quote', (select name from small where id = '3') = 'say "hi"';
select 'csv-small-empty-field', (select note from small where id = '3') = '';
select 'csv-small-empty-is-text', (select typeof(note) from small where id = '3') = 'text';
select 'csv-small-lines', (select group_concat(_line, ',') from small) = '2,3,5';
select 'csv-small-raw', (select _raw from small where id = '2') = '2,"王, 芳","line one' || char(10) || 'line two"';
select 'csv-small-offsets', (select group_concat(_offset, ',') from small) = '28,61,77';
select 'csv-small-error-null', (select count(*) from small where _error is null) = 3;
select 'csv-small-hidden', (select group_concat(name, ',') from pragma_table_xinfo('small') where hidden) = '_line,_error,_raw,_offset';
select 'csv-small-self-join', (select count(*) from small a join small b on a.id <> b.id) = 6;
select 'csv-small-rescan', (select count(*) from small) + (select count(*) from small) = 6;

-- BOM skipped, CRLF line ends (also inside quotes), last line without a line end
create virtual table temp.bom using csvfile(filename='tests/data/csv_bom_crlf.csv', header=yes);
select 'csv-bom-name', (select group_concat(name, ',') from pragma_table_info('bom')) = 'id,name';
select 'csv-bom-rows', (select group_concat(id || '=' || name, ';') from bom) = '1=张三;2=李' || char(13, 10) || '四;3=王五';
select 'csv-bom-lines', (select group_concat(_line, ',') from bom) = '2,3,5';
select 'csv-bom-raw-no-crlf', (select _raw from bom where id = '1') = '1,张三';
select 'csv-bom-offset-end', (select max(_offset) from bom) = 44;

create virtual table temp.bomgb using csvfile(filename='tests/data/csv_bom_gb18030.csv', encoding=gb18030);
select 'csv-bom-gb18030', (select group_concat(name, ',') from pragma_table_info('bomgb')) || ':' || (select 名称 || 值 from bomgb) = '名称,值:甲1';
-- a UTF-8 BOM under encoding=gb18030 would give mojibake: an error instead
select 'csv-err-utf8-bom-as-gb', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_bom_crlf.csv'', encoding=gb18030)') = 'csvfile: ''tests/data/csv_bom_crlf.csv'' starts with a UTF-8 byte-order mark: use encoding=utf-8';

-- header=no: columns c1..cN from the first row; empty lines skipped
create virtual table temp.semi using csvfile(filename='tests/data/csv_semicolon.csv', header=no, delimiter=';');
select 'csv-noheader-names', (select group_concat(name, ',') from pragma_table_info('semi')) = 'c1,c2,c3';
select 'csv-noheader-rows', (select group_concat(c1 || c2 || c3, ',') from semi) = 'abc,123,456';
select 'csv-empty-lines-skipped', (select group_concat(_line, ',') from semi) = '1,3,5';
-- with a header: each row's _line counts the empty lines before it, LF or CRLF
create virtual table temp.gaps using csvfile(filename='tests/data/csv_empty_lines.csv', on_error=row);
select 'csv-line-after-empty-lines', (select group_concat(_line || ':' || id || iif(_error is null, '', '!'), ',') from gaps) = '3:1,6:2,8:3!,9:4';
select 'csv-error-line-after-empty-line', test_error('create virtual table temp.gaps2 using csvfile(filename=''tests/data/csv_empty_lines.csv''); select count(*) from gaps2')
  like 'csvfile: line 8: %';
-- a delimiter that is not in the file: one field per line
create virtual table temp.semi_comma using csvfile(filename='tests/data/csv_semicolon.csv', header=off);
select 'csv-other-delim', (select group_concat(c1, ',') from semi_comma) = 'a;b;c,1;2;3,4;5;6';
-- tab as '\t'
create virtual table temp.tab using csvfile(filename='tests/data/csv_tab.tsv', delimiter='\t');
select 'csv-tab', (select x || '+' || y from tab) = '1+2';
create virtual table temp.tab2 using csvfile(filename='tests/data/csv_tab.tsv', delimiter=tab);
select 'csv-tab-word', (select x || '+' || y from tab2) = '1+2';

-- columns=N forces the count: here 2, so every 3-field row is a wrong count
create virtual table temp.cols using csvfile(filename='tests/data/csv_semicolon.csv', header=no, delimiter=';', columns=2, on_error=row);
select 'csv-columns-names', (select group_concat(name, ',') from pragma_table_info('cols')) = 'c1,c2';
select 'csv-columns-errors', (select group_concat(_error, ';') from cols) = 'field_count: expected 2 fields, got 3;field_count: expected 2 fields, got 3;field_count: expected 2 fields, got 3';
select 'csv-columns-values', (select group_concat(c1 || c2, ',') from cols) = 'ab,12,45';
create virtual table temp.cols4 using csvfile(filename='tests/data/csv_small.csv', columns=4, on_error=row);
select 'csv-columns-more-than-header', (select group_concat(name, ',') from pragma_table_info('cols4')) = 'id,name,note,c4';
select 'csv-columns-missing-null', (select count(*) from cols4 where c4 is null and _error = 'field_count: expected 4 fields, got 3') = 3;

-- schema= declares the table; fields map to its columns in order
create virtual table temp.sch using csvfile(filename='tests/data/csv_small.csv', schema='CREATE TABLE x(编号 INTEGER, 姓名, 备注 TEXT)');
select 'csv-schema-names', (select group_concat(name, ',') from pragma_table_info('sch')) = '编号,姓名,备注';
select 'csv-schema-values', (select 姓名 from sch where 编号 = '2') = '王, 芳';
select 'csv-schema-hidden', (select group_concat(_line, ',') from sch) = '2,3,5';
create virtual table temp.sch2 using csvfile(filename='tests/data/csv_small.csv', schema='create table x(a, b)');
select 'csv-schema-fewer-columns', (select group_concat(a || b, ',') from sch2) = '1李明,2王, 芳,3say "hi"';
create virtual table temp.sch4 using csvfile(filename='tests/data/csv_small.csv', schema='create table x(a, b, c, d)');
select 'csv-schema-more-columns', (select count(*) from sch4 where d is null) = 3;
create virtual table temp.sch_empty using csvfile(filename='tests/data/csv_empty.csv', header=no, schema='create table x(a, b)');
select 'csv-schema-empty-file', (select count(*) from sch_empty) = 0;
-- one statement: a trailing ';' is fine, a second statement is refused, a ';' inside a name is a name
create virtual table temp.sch_semi using csvfile(filename='tests/data/csv_small.csv', schema='create table x(a, "b;c"); ;');
select 'csv-schema-semicolons', (select group_concat(name, ',') from pragma_table_info('sch_semi')) = 'a,b;c';
select 'csv-schema-second-statement', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', schema=''create table x(a); drop table sch'')')
  = 'csvfile: schema must be one CREATE TABLE statement, got more after it: ''drop table sch''';
create virtual table temp.empty_cols using csvfile(filename='tests/data/csv_empty.csv', columns=2);
select 'csv-columns-empty-file', (select count(*) from empty_cols) = 0;

-- header names: trimmed, blank → cN, duplicates and hidden names get _2, _3 (case-insensitive)
create virtual table temp.names using csvfile(filename='tests/data/csv_names.csv');
select 'csv-header-unique', (select group_concat(name, ',') from pragma_table_info('names')) = '姓名,c2,姓名_2,_line_2,C2_2,c2_3';
select 'csv-header-values', (select 姓名 || 姓名_2 || _line_2 || _line from names) = '1342';

-- wrong field counts: too many and too few
create virtual table temp.counts using csvfile(filename='tests/data/csv_counts.csv', on_error=row);
select 'csv-counts-errors', (select group_concat(_line || ':' || coalesce(_error, 'ok'), ';') from counts) = '2:ok;3:field_count: expected 3 fields, got 4;4:field_count: expected 3 fields, got 2;5:ok';
select 'csv-counts-fields', (select group_concat(coalesce(c, 'NULL'), ',') from counts) = '3,6,NULL,12';
create virtual table temp.counts_fail using csvfile(filename='tests/data/csv_counts.csv', on_error=fail);
select 'csv-err-count', test_error('select * from counts_fail') = 'csvfile: line 3: expected 3 fields, got 4';

-- invalid UTF-8 in utf-8 mode is an error too
create virtual table temp.bad8 using csvfile(filename='tests/data/csv_bad_utf8.csv');
select 'csv-err-utf8', test_error('select * from bad8') = 'csvfile: line 3: field 2: invalid UTF-8 bytes';
create virtual table temp.bad8r using csvfile(filename='tests/data/csv_bad_utf8.csv', on_error=row);
select 'csv-utf8-row', (select group_concat(_line || ':' || coalesce(_error, 'ok'), ';') from bad8r) = '2:ok;3:encoding: field 2: invalid UTF-8 bytes;4:encoding: field 2: invalid UTF-8 bytes';
select 'csv-utf8-replaced', (select b from bad8r where a = '2') = 'bad' || char(65533) || 'x';
select 'csv-utf8-overlong', (select b from bad8r where a = '3') = char(65533, 65533) || 'z';
select 'csv-utf8-raw-replaced', (select _raw from bad8r where a = '2') = '2,bad' || char(65533) || 'x';

-- GB18030: a 4-byte character, and bytes that are no character
create virtual table temp.badgb using csvfile(filename='tests/data/csv_bad_gb18030.csv', encoding=gb18030);
select 'csv-err-gb18030', test_error('select * from badgb') = 'csvfile: line 3: field 2: invalid GB18030 bytes';
create virtual table temp.badgbr using csvfile(filename='tests/data/csv_bad_gb18030.csv', encoding=GB18030, on_error=row);
select 'csv-gb18030-4byte', (select 值 from badgbr where 名称 = '1') = '𠀀';
select 'csv-gb18030-row', (select group_concat(_line || ':' || coalesce(_error, 'ok'), ';') from badgbr) = '2:ok;3:encoding: field 2: invalid GB18030 bytes;4:ok';
select 'csv-gb18030-raw', (select _raw from badgbr where _line = 3) = '2,' || char(65533) || ' ';
-- the same file read as GBK: the 4-byte character is no GBK character
create virtual table temp.badgbk using csvfile(filename='tests/data/csv_bad_gb18030.csv', encoding=gbk);
select 'csv-err-gbk', test_error('select * from badgbk') = 'csvfile: line 2: field 2: invalid GBK bytes';
-- GBK with '|': 東 (96 7C) and 瑋 (AC 7C) end in the '|' byte and stay whole
create virtual table temp.pipe using csvfile(filename='tests/data/csv_gbk_pipe.csv', encoding=gbk, delimiter='|');
select 'csv-gbk-pipe-names', (select group_concat(name, ',') from pragma_table_info('pipe')) = '城市,姓名';
select 'csv-gbk-pipe-values', (select group_concat(城市 || '/' || 姓名, ';') from pipe) = '東城/陳瑋;億/x';
create virtual table temp.pipe18030 using csvfile(filename='tests/data/csv_gbk_pipe.csv', encoding=gb18030, delimiter='|');
select 'csv-gb18030-pipe-values', (select group_concat(城市 || '/' || 姓名, ';') from pipe18030) = '東城/陳瑋;億/x';
-- a GB18030 file larger than the 32 KiB buffers: a 4-byte character straddles byte 32768
create virtual table temp.boundary using csvfile(filename='tests/data/csv_boundary_gb18030.csv', encoding=gb18030);
select 'csv-boundary-rows', (select count(*) from boundary) = 1200;
select 'csv-boundary-chars', (select sum(length(textxxxxxxx)) from boundary) = 19188;
select 'csv-boundary-values', (select count(*) from boundary where textxxxxxxx = replace(printf('%.*c', 1 + n % 7, '.'), '.', '睦邻𠀀À')) = 1200;
select 'csv-boundary-offset', (select max(_offset) from boundary) = 64872;
create virtual table temp.boundary_gz using csvfile(filename='tests/data/csv_boundary_gb18030.csv.gz', encoding=gb18030);
select 'csv-boundary-gz', (select count(*) from boundary_gz where textxxxxxxx = replace(printf('%.*c', 1 + n % 7, '.'), '.', '睦邻𠀀À')) = 1200;

-- quoting errors
create virtual table temp.unclosed using csvfile(filename='tests/data/csv_unclosed.csv');
select 'csv-err-unclosed', test_error('select * from unclosed') = 'csvfile: line 3: field 2: quoted field not closed at end of file';
create virtual table temp.unclosed_row using csvfile(filename='tests/data/csv_unclosed.csv', on_error=row);
select 'csv-unclosed-row', (select b from unclosed_row where _error is not null) = 'never closed' || char(10) || '4,5' || char(10);
select 'csv-unclosed-count', (select count(*) from unclosed_row) = 2;
create virtual table temp.afterq using csvfile(filename='tests/data/csv_after_quote.csv');
select 'csv-err-after-quote', test_error('select * from afterq') = 'csvfile: line 2: field 2: unexpected character after closing quote';
create virtual table temp.afterq_row using csvfile(filename='tests/data/csv_after_quote.csv', on_error=row);
select 'csv-after-quote-row', (select group_concat(b || ':' || coalesce(_error, 'ok'), ';') from afterq_row) = 'xy:quoting: field 2: unexpected character after closing quote;z:ok';

create virtual table temp.qin using csvfile(filename='tests/data/csv_quote_inside.csv');
select 'csv-quote-inside-unquoted', (select a from qin) = '5"3';
select 'csv-lone-cr-is-data', (select b from qin) = 'x' || char(13) || 'y';

-- gzip is found by its magic bytes, not by the name; members follow one another
create virtual table temp.members using csvfile(filename='tests/data/csv_members.csv.gz');
select 'csv-gz-members', (select group_concat(a || b, ',') from members) = '12,34';
create virtual table temp.gznamed using csvfile(filename='tests/data/csv_gzip_named.csv');
select 'csv-gz-by-magic', (select a || b from gznamed) = '12';
create virtual table temp.plainnamed using csvfile(filename='tests/data/csv_plain_named.csv.gz');
select 'csv-plain-named-gz', (select a || b from plainnamed) = '12';
select 'csv-err-gz-truncated', test_error('create virtual table temp.trunc using csvfile(filename=''tests/data/csv_truncated.csv.gz'', encoding=gb18030)') = 'csvfile: truncated gzip data in ''tests/data/csv_truncated.csv.gz''';
select 'csv-err-gz-corrupt', test_error('create virtual table temp.corrupt using csvfile(filename=''tests/data/csv_corrupt.csv.gz'')') = 'csvfile: corrupt gzip data in ''tests/data/csv_corrupt.csv.gz'' (incorrect data check)';

-- option errors, verbatim
select 'csv-err-unknown', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', encodng=gb18030)') = 'csvfile: unknown option ''encodng''';
select 'csv-err-twice', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', header=yes, header=no)') = 'csvfile: option ''header'' given twice';
select 'csv-err-twice-case', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', FILENAME=''x'')') = 'csvfile: option ''filename'' given twice';
select 'csv-err-not-kv', test_error('create virtual table temp.e using csvfile(''tests/data/csv_small.csv'')') = 'csvfile: argument ''tests/data/csv_small.csv'' is not key=value';
select 'csv-err-not-kv-bare', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', yes)') = 'csvfile: argument ''yes'' is not key=value';
select 'csv-err-no-filename', test_error('create virtual table temp.e using csvfile(header=yes)') = 'csvfile: missing option ''filename''';
select 'csv-err-no-args', test_error('create virtual table temp.e using csvfile') = 'csvfile: missing option ''filename''';
select 'csv-err-device', test_error('create virtual table temp.e using csvfile(filename=''/dev/zero'')') = 'csvfile: ''/dev/zero'' is not a regular file';
select 'csv-err-no-file', test_error('create virtual table temp.e using csvfile(filename=''tests/data/no_such.csv'')') = 'csvfile: cannot open ''tests/data/no_such.csv'': No such file or directory';
select 'csv-err-directory', test_error('create virtual table temp.e using csvfile(filename=''tests/data'')') = 'csvfile: ''tests/data'' is not a regular file';
select 'csv-err-header', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', header=maybe)') = 'csvfile: header must be yes or no, got ''maybe''';
select 'csv-err-encoding', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', encoding=latin1)') = 'csvfile: encoding must be utf-8, gb18030 or gbk, got ''latin1''';
select 'csv-err-delimiter-long', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', delimiter='';;'')') = 'csvfile: delimiter must be one ASCII punctuation character, '' '' or ''\t'' (not ''"''), got '';;''';
select 'csv-err-delimiter-quote', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', delimiter=''"'')') = 'csvfile: delimiter must be one ASCII punctuation character, '' '' or ''\t'' (not ''"''), got ''"''';
select 'csv-err-delimiter-letter', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', delimiter=x)') = 'csvfile: delimiter must be one ASCII punctuation character, '' '' or ''\t'' (not ''"''), got ''x''';
select 'csv-err-delimiter-empty', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', delimiter=)') = 'csvfile: delimiter must be one ASCII punctuation character, '' '' or ''\t'' (not ''"''), got ''''';
select 'csv-err-columns', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', columns=0)') = 'csvfile: columns must be an integer from 1 to 1996, got ''0''';
select 'csv-err-columns-text', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', columns=three)') = 'csvfile: columns must be an integer from 1 to 1996, got ''three''';
select 'csv-err-columns-big', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', columns=99999999999999999999)') = 'csvfile: columns must be an integer from 1 to 1996, got ''99999999999999999999''';
select 'csv-err-on-error', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', on_error=skip)') = 'csvfile: on_error must be fail or row, got ''skip''';
select 'csv-err-schema', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', schema=''a, b'')') = 'csvfile: schema must be a CREATE TABLE statement, got ''a, b''';
select 'csv-err-schema-syntax', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', schema=''create table x(a,, b)'')') = 'csvfile: schema: near ",": syntax error';
select 'csv-err-schema-hidden-clash', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_small.csv'', schema=''create table x(_line, b)'')') = 'csvfile: schema: duplicate column name: _line';
select 'csv-err-empty-header', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_empty.csv'')') = 'csvfile: ''tests/data/csv_empty.csv'' is empty: there is no header row';
select 'csv-err-empty-noheader', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_empty.csv'', header=no)') = 'csvfile: ''tests/data/csv_empty.csv'' is empty: give columns=N to declare the columns';
select 'csv-err-header-line', test_error('create virtual table temp.e using csvfile(filename=''tests/data/csv_gbk_pipe.csv'')') = 'csvfile: line 1: field 1: invalid UTF-8 bytes';
select 'csv-err-none-created', (select count(*) from sqlite_temp_master where name = 'e') = 0;

-- options: case-insensitive keys and words, quoted or bare values, blanks around '='
create virtual table temp.opts using csvfile( FileName = "tests/data/csv_small.csv" , Header = TRUE , Encoding = 'UTF8' , On_Error = ROW );
select 'csv-options-loose', (select count(*) from opts) = 3;

-- DIRECTONLY: a view or trigger in the schema cannot read a csvfile table,
-- even with trusted_schema=ON; direct use still works
pragma trusted_schema = on;
create virtual table main.direct using csvfile(filename='tests/data/csv_small.csv');
create view main.direct_view as select * from direct;
create table main.direct_log (x);
create trigger main.direct_trigger after insert on direct_log when new.x = 1 begin insert into direct_log select id + 10 from direct; end;
select 'csv-direct-ok', (select count(*) from direct) = 3;
select 'csv-directonly-view', test_error('select * from direct_view') = 'unsafe use of virtual table "direct"';
select 'csv-directonly-trigger', test_error('insert into direct_log values (1)') = 'unsafe use of virtual table "direct"';
select 'csv-not-eponymous', test_error('select * from csvfile') = 'no such table: csvfile';
select 'csv-module-listed', (select count(*) from pragma_module_list where name = 'csvfile') = 1;
