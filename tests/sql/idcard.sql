-- idcard: GB 11643-1999 ID numbers, residence permits, foreign PR cards.
-- The standard's own example.
select 'idcard-std-valid', idcard_valid('11010519491231002X') = 1;
select 'idcard-std-kind', idcard_kind('11010519491231002X') = 'resident';
select 'idcard-std-birth', idcard_birth('11010519491231002X') = '1949-12-31';
select 'idcard-std-sex', idcard_sex('11010519491231002X') = 'F';
select 'idcard-std-region', idcard_region('11010519491231002X') = '110105';
select 'idcard-std-province', idcard_province('11010519491231002X') = '北京';
select 'idcard-std-mask', idcard_mask('11010519491231002X') = '1***************2X';
select 'idcard-std-normalize', idcard_normalize('11010519491231002X') = '11010519491231002X';

-- idcard_valid: strict on the 18 characters; lower-case x is the same number.
select 'idcard-valid-lower-x', idcard_valid('11010519491231002x') = 1;
select 'idcard-valid-male', idcard_valid('650103198709286002') = 1;
select 'idcard-valid-bad-check', idcard_valid('110105194912310021') = 0;
select 'idcard-valid-bad-check2', idcard_valid('650103198709286003') = 0;
select 'idcard-valid-17', idcard_valid('11010519491231002') = 0;
select 'idcard-valid-19', idcard_valid('11010519491231002X1') = 0;
select 'idcard-valid-15', idcard_valid('110105491231002') = 0;
select 'idcard-valid-empty', idcard_valid('') = 0;
select 'idcard-valid-spaces', idcard_valid(' 11010519491231002X') = 0;
select 'idcard-valid-fullwidth', idcard_valid('１１０１０５１９４９１２３１００２Ｘ') = 0;
select 'idcard-valid-letter', idcard_valid('1101051949123100AX') = 0;
select 'idcard-valid-x-inside', idcard_valid('1101051949123100X2') = 0;
select 'idcard-valid-sci', idcard_valid('6.50106E+17') = 0;
select 'idcard-valid-real', idcard_valid(6.50106e17) = 0;
select 'idcard-valid-integer', idcard_valid(650103198709286002) = 1;
select 'idcard-valid-integer-bad', idcard_valid(650103198709286003) = 0;
select 'idcard-valid-null', idcard_valid(null) is null;
-- province prefix: 66 is no province; 84 no permit kind
select 'idcard-valid-prefix-66', idcard_valid('660103198709286004') = 0;
select 'idcard-valid-prefix-84', idcard_valid('840000199001010014') = 0;
-- dates: real calendar days from 1800 on
select 'idcard-valid-feb29-leap', idcard_valid('650103200002291238') = 1;
select 'idcard-valid-feb29-1900', idcard_valid('650103190002291231') = 0;
select 'idcard-valid-1800', idcard_valid('110105180001010010') = 1;
select 'idcard-valid-1799', idcard_valid('110105179912310016') = 0;
select 'idcard-valid-future', idcard_valid('650103202403010029') = 1;

-- kinds
select 'idcard-kind-hk', idcard_kind('810000199001010019') = 'hmt_permit';
select 'idcard-kind-mo', idcard_kind('820000200002290021') = 'hmt_permit';
select 'idcard-kind-tw', idcard_kind('830000198511110035') = 'hmt_permit';
select 'idcard-kind-81-not-0000', idcard_kind('810100199001010014') is null;
select 'idcard-kind-taiwan-resident', idcard_kind('710000197001010024') = 'resident';
select 'idcard-kind-foreign', idcard_kind('91131219800505001X') = 'foreign_pr';
select 'idcard-kind-foreign-xj', idcard_kind('965110198005050019') = 'foreign_pr';
select 'idcard-kind-foreign-bad-office', idcard_kind('971100198005050014') is null;
select 'idcard-kind-invalid', idcard_kind('110105194912310021') is null;
select 'idcard-kind-null', idcard_kind(null) is null;

-- fields of the non-resident kinds
select 'idcard-hk-birth', idcard_birth('810000199001010019') = '1990-01-01';
select 'idcard-hk-sex', idcard_sex('810000199001010019') = 'M';
select 'idcard-hk-region', idcard_region('810000199001010019') = '810000';
select 'idcard-hk-province', idcard_province('810000199001010019') = '香港';
select 'idcard-mo-province', idcard_province('820000200002290021') = '澳门';
select 'idcard-tw-permit-province', idcard_province('830000198511110035') = '台湾';
select 'idcard-tw-resident-province', idcard_province('710000197001010024') = '台湾';
select 'idcard-foreign-birth', idcard_birth('91131219800505001X') = '1980-05-05';
select 'idcard-foreign-sex', idcard_sex('91131219800505001X') = 'M';
select 'idcard-foreign-age', idcard_age('91131219800505001X', '2024-05-05') = 44;
select 'idcard-foreign-region', idcard_region('91131219800505001X') is null;
select 'idcard-foreign-province', idcard_province('91131219800505001X') is null;

-- field functions accept what idcard_valid accepts, and nothing else
select 'idcard-birth-lower-x', idcard_birth('11010519491231002x') = '1949-12-31';
select 'idcard-birth-invalid', idcard_birth('110105194912310021') is null;
select 'idcard-birth-untrimmed', idcard_birth(' 11010519491231002X') is null;
select 'idcard-birth-15', idcard_birth('110105491231002') is null;
select 'idcard-birth-normalized', idcard_birth(idcard_normalize('110105491231002')) = '1949-12-31';
select 'idcard-birth-integer', idcard_birth(650103198709286002) = '1987-09-28';
select 'idcard-sex-female', idcard_sex('650103198709286002') = 'F';
select 'idcard-sex-male', idcard_sex('110105194912310011') = 'M';
select 'idcard-sex-null', idcard_sex(null) is null;
select 'idcard-sex-invalid', idcard_sex('650103198709286003') is null;
select 'idcard-region-invalid', idcard_region('x') is null;
select 'idcard-province-xj', idcard_province('650103198709286002') = '新疆';
select 'idcard-province-null', idcard_province(null) is null;

-- all 34 province-level names
create temp table provs(code, name);
insert into provs values ('11','北京'),('12','天津'),('13','河北'),('14','山西'),
  ('15','内蒙古'),('21','辽宁'),('22','吉林'),('23','黑龙江'),('31','上海'),
  ('32','江苏'),('33','浙江'),('34','安徽'),('35','福建'),('36','江西'),
  ('37','山东'),('41','河南'),('42','湖北'),('43','湖南'),('44','广东'),
  ('45','广西'),('46','海南'),('50','重庆'),('51','四川'),('52','贵州'),
  ('53','云南'),('54','西藏'),('61','陕西'),('62','甘肃'),('63','青海'),
  ('64','宁夏'),('65','新疆'),('71','台湾'),('81','香港'),('82','澳门');
-- the 17 digits for each province (a HK/Macao number needs 0000 after it);
-- the check character is found by trying all eleven: exactly one is valid
create temp view prov_ids as
  select p.code, p.name, p.code || '0000' || '19800101001' || c.ch as id
  from provs p, (select '0' ch union all select '1' union all select '2'
    union all select '3' union all select '4' union all select '5'
    union all select '6' union all select '7' union all select '8'
    union all select '9' union all select 'X') c;
select 'idcard-province-count', (select count(*) from provs) = 34;
select 'idcard-province-one-check-each',
  (select count(*) from prov_ids where idcard_valid(id)) = 34;
select 'idcard-province-all-names',
  (select count(*) from prov_ids where idcard_valid(id)
     and idcard_province(id) = name) = 34;
select 'idcard-province-distinct',
  (select count(distinct idcard_province(id)) from prov_ids where idcard_valid(id)) = 34;

-- idcard_normalize
select 'idcard-norm-trim', idcard_normalize('  11010519491231002X  ') = '11010519491231002X';
select 'idcard-norm-lower-x', idcard_normalize('11010519491231002x') = '11010519491231002X';
select 'idcard-norm-fullwidth', idcard_normalize('１１０１０５１９４９１２３１００２Ｘ') = '11010519491231002X';
select 'idcard-norm-fullwidth-x', idcard_normalize('１１０１０５１９４９１２３１００２ｘ') = '11010519491231002X';
select 'idcard-norm-inner-spaces', idcard_normalize('110105 19491231 002X') = '11010519491231002X';
select 'idcard-norm-ideographic-space', idcard_normalize('　11010519491231002X　') = '11010519491231002X';
select 'idcard-norm-tabs', idcard_normalize(char(9) || '11010519491231002X' || char(13, 10)) = '11010519491231002X';
select 'idcard-norm-15', idcard_normalize('110105491231002') = '11010519491231002X';
select 'idcard-norm-15-male', idcard_normalize('650103870928600') = '650103198709286002';
select 'idcard-norm-15-fullwidth', idcard_normalize('６５０１０３８７０９２８６００') = '650103198709286002';
select 'idcard-norm-15-bad-date', idcard_normalize('650103870231600') is null;
select 'idcard-norm-15-x', idcard_normalize('65010387092860X') is null;
select 'idcard-norm-bad-check', idcard_normalize('110105194912310021') is null;
select 'idcard-norm-sci', idcard_normalize('6.50106E+17') is null;
select 'idcard-norm-hyphen', idcard_normalize('110105-19491231-002X') is null;
select 'idcard-norm-16', idcard_normalize('1101051949123100') is null;
select 'idcard-norm-empty', idcard_normalize('') is null;
select 'idcard-norm-integer', idcard_normalize(650103198709286002) = '650103198709286002';
select 'idcard-norm-integer-15', idcard_normalize(650103870928600) = '650103198709286002';
select 'idcard-norm-null', idcard_normalize(null) is null;
select 'idcard-norm-invalid-utf8', idcard_normalize(cast(x'3131ff' as text)) is null;

-- idcard_check_char: one definition of the check character (ext/idcard_check.h)
select 'idcard-checkchar-x', idcard_check_char('11010519491231002') = 'X';
select 'idcard-checkchar-digit', idcard_check_char('65010319870928600') = '2';
select 'idcard-checkchar-fullwidth', idcard_check_char('１１０１０５１９４９１２３１００２') = 'X';
select 'idcard-checkchar-blanks', idcard_check_char(' 110105 19491231 002' || char(12288)) = 'X';
select 'idcard-checkchar-integer', idcard_check_char(65010319870928600) = '2';
select 'idcard-checkchar-16', idcard_check_char('1101051949123100') is null;
select 'idcard-checkchar-18', idcard_check_char('11010519491231002X') is null;
select 'idcard-checkchar-x-inside', idcard_check_char('1101051949123100X') is null;
select 'idcard-checkchar-hyphen', idcard_check_char('110105-1949123100') is null;
select 'idcard-checkchar-null', idcard_check_char(null) is null;
select 'idcard-checkchar-blob', test_error('select idcard_check_char(x''3131'')') = 'idcard_check_char: first17 must be text, got a blob';
select 'idcard-checkchar-agrees', (select count(*) from prov_ids where idcard_valid(id) and idcard_check_char(substr(id, 1, 17)) is not upper(substr(id, 18))) = 0;

-- idcard_age
select 'idcard-age-asof', idcard_age('11010519491231002X', '2024-06-30') = 74;
select 'idcard-age-birthday', idcard_age('11010519491231002X', '2024-12-31') = 75;
select 'idcard-age-day-before', idcard_age('11010519491231002X', '2024-12-30') = 74;
select 'idcard-age-born-that-day', idcard_age('11010519491231002X', '1949-12-31') = 0;
select 'idcard-age-before-birth', idcard_age('11010519491231002X', '1949-12-30') is null;
select 'idcard-age-feb29-feb28', idcard_age('650103200002291238', '2001-02-28') = 0;
select 'idcard-age-feb29-mar1', idcard_age('650103200002291238', '2001-03-01') = 1;
select 'idcard-age-feb29-leap', idcard_age('650103200002291238', '2004-02-29') = 4;
select 'idcard-age-invalid-id', idcard_age('110105194912310021', '2024-01-01') is null;
select 'idcard-age-null-id', idcard_age(null, '2024-01-01') is null;
select 'idcard-age-null-asof', idcard_age('11010519491231002X', null) is null;
select 'idcard-age-today', idcard_age('11010519491231002X') =
  cast(strftime('%Y', 'now', 'localtime') as int) - 1949
  - (strftime('%m-%d', 'now', 'localtime') < '12-31');
select 'idcard-age-today-null', idcard_age(null) is null;

-- idcard_mask
select 'idcard-mask-default', idcard_mask('650103198709286002') = '6***************02';
select 'idcard-mask-head-tail', idcard_mask('11010519491231002X', 6, 4) = '110105********002X';
select 'idcard-mask-zero', idcard_mask('11010519491231002X', 0, 0) = '******************';
select 'idcard-mask-3-4', idcard_mask('11010519491231002X', 3, 4) = '110***********002X';
select 'idcard-mask-normalizes', idcard_mask(' １１０１０５１９４９１２３１００２ｘ ') = '1***************2X';
select 'idcard-mask-15', idcard_mask('110105491231002') = '1***************2X';
select 'idcard-mask-bad-check', idcard_mask('110105194912310021') = '1***************21';
select 'idcard-mask-plain-bad-check-head-tail', idcard_mask('110105194912310021', 6, 4) = '110105********0021';
select 'idcard-mask-plain-bad-date', idcard_mask('110105194913310021', 0, 4) = '**************0021';
select 'idcard-mask-plain-x', idcard_mask('11010519491231002X', 1, 0) = '1*****************';
select 'idcard-mask-lower-x', idcard_mask('11010519491231002x') = '1***************2X';
select 'idcard-mask-lower-x-bad', idcard_mask('11010519491231003x') = '1***************3x';
select 'idcard-mask-x-inside', idcard_mask('1101051949123100X2') = '1***************X2';
select 'idcard-mask-sci', idcard_mask('6.50106E+17') = '6********17';
select 'idcard-mask-short', idcard_mask('12345') = '*****';
select 'idcard-mask-short-wide', idcard_mask('12345678901', 3, 1) = '***********';
select 'idcard-mask-utf8', idcard_mask('身份证号码不详请补录核实') = '身*********核实';
-- the short way of 18 plain bytes looks at 16 of them eight at a time: a
-- byte just outside 0-9 ('/' and ':') or a two-byte character in either
-- eight, or at the 17th, leaves it (16 or 17 characters, masked as a text)
select 'idcard-mask-slash-first-eight', idcard_mask('1101/5194912310021', 0, 0) = '******************';
select 'idcard-mask-colon-second-eight', idcard_mask('11010519491:310021', 6, 4) = '110105********0021';
select 'idcard-mask-wide-first-eight', idcard_mask('11é0519491231002X') = '1**************2X';
select 'idcard-mask-wide-second-eight', idcard_mask('110105194912é002X') = '1**************2X';
select 'idcard-mask-wide-at-17', idcard_mask('1101051949123100é') = '1**************0é';
select 'idcard-mask-trimmed', idcard_mask('  1234567890123  ') = '1**********23';
select 'idcard-mask-empty', idcard_mask('') = '';
select 'idcard-mask-null', idcard_mask(null) is null;
select 'idcard-mask-null-head', idcard_mask('11010519491231002X', null, 2) is null;
select 'idcard-mask-never-birth', (select count(*) from prov_ids
  where idcard_valid(id) and instr(idcard_mask(id, 6, 4), '19800101') = 0) = 34;

-- errors: the message is part of the interface
select 'idcard-err-asof-month', test_error('select idcard_age(''11010519491231002X'', ''2024-13-01'')')
  = 'idcard_age: as_of must be a date ''YYYY-MM-DD'', got ''2024-13-01''';
select 'idcard-err-asof-feb30', test_error('select idcard_age(''11010519491231002X'', ''2023-02-30'')')
  = 'idcard_age: as_of must be a date ''YYYY-MM-DD'', got ''2023-02-30''';
select 'idcard-err-asof-datetime', test_error('select idcard_age(''11010519491231002X'', ''2024-01-01 10:00:00'')')
  = 'idcard_age: as_of must be a date ''YYYY-MM-DD'', got ''2024-01-01 10:00:00''';
select 'idcard-err-asof-integer', test_error('select idcard_age(''11010519491231002X'', 20240101)')
  = 'idcard_age: as_of must be a date ''YYYY-MM-DD'', got ''20240101''';
select 'idcard-err-asof-blob', test_error('select idcard_age(''11010519491231002X'', x''00'')')
  = 'idcard_age: as_of must be a date ''YYYY-MM-DD'', got a blob';
select 'idcard-err-asof-invalid-id', test_error('select idcard_age(''1'', ''2024-13-01'')')
  = 'idcard_age: as_of must be a date ''YYYY-MM-DD'', got ''2024-13-01''';
select 'idcard-err-valid-blob', test_error('select idcard_valid(x''3131'')') = 'idcard_valid: id must be text, got a blob';
select 'idcard-err-kind-blob', test_error('select idcard_kind(x''31'')') = 'idcard_kind: id must be text, got a blob';
select 'idcard-err-normalize-blob', test_error('select idcard_normalize(x''31'')') = 'idcard_normalize: id must be text, got a blob';
select 'idcard-err-birth-blob', test_error('select idcard_birth(x''31'')') = 'idcard_birth: id must be text, got a blob';
select 'idcard-err-sex-blob', test_error('select idcard_sex(x''31'')') = 'idcard_sex: id must be text, got a blob';
select 'idcard-err-age-blob', test_error('select idcard_age(x''31'')') = 'idcard_age: id must be text, got a blob';
select 'idcard-err-age2-blob', test_error('select idcard_age(x''31'', ''2024-01-01'')') = 'idcard_age: id must be text, got a blob';
select 'idcard-err-region-blob', test_error('select idcard_region(x''31'')') = 'idcard_region: id must be text, got a blob';
select 'idcard-err-province-blob', test_error('select idcard_province(x''31'')') = 'idcard_province: id must be text, got a blob';
select 'idcard-err-mask-blob', test_error('select idcard_mask(x''31'')') = 'idcard_mask: id must be text, got a blob';
select 'idcard-err-mask-head', test_error('select idcard_mask(''11010519491231002X'', 7, 2)')
  = 'idcard_mask: head must be an integer from 0 to 6, got 7';
select 'idcard-err-mask-tail', test_error('select idcard_mask(''11010519491231002X'', 1, 5)')
  = 'idcard_mask: tail must be an integer from 0 to 4, got 5';
select 'idcard-err-mask-negative', test_error('select idcard_mask(''11010519491231002X'', -1, 2)')
  = 'idcard_mask: head must be an integer from 0 to 6, got -1';
select 'idcard-err-mask-text', test_error('select idcard_mask(''11010519491231002X'', ''3'', 2)')
  = 'idcard_mask: head must be an integer from 0 to 6, got ''3''';
select 'idcard-err-mask-real', test_error('select idcard_mask(''11010519491231002X'', 1, 2.5)')
  = 'idcard_mask: tail must be an integer from 0 to 4, got 2.5';
select 'idcard-err-mask-blob-head', test_error('select idcard_mask(''11010519491231002X'', x''01'', 2)')
  = 'idcard_mask: head must be an integer from 0 to 6, got a blob';

-- flags: the clock-reading form is DIRECTONLY and not deterministic
select 'idcard-flags-age1', (select flags & 0x280800 from pragma_function_list
  where name = 'idcard_age' and narg = 1) = 0x80000;
select 'idcard-flags-age2', (select flags & 0x280800 from pragma_function_list
  where name = 'idcard_age' and narg = 2) = 0x200800;
select 'idcard-age1-not-in-view', test_error('create view v_age as select idcard_age(''11010519491231002X'') a; select * from v_age')
  = 'unsafe use of idcard_age()';

-- idcard_problems: NULL, 'invalid', or what disagrees (birth, sex, future)
select 'idcard-problems-none', idcard_problems('11010519491231002X', '1949-12-31', 'F') is null;
select 'idcard-problems-none-asof', idcard_problems('11010519491231002X', '1949-12-31', 'F', '1949-12-31') is null;
select 'idcard-problems-lower-x', idcard_problems('11010519491231002x', '1949-12-31', 'F') is null;
select 'idcard-problems-integer', idcard_problems(650103198709286002, '1987-09-28', 'F') is null;
select 'idcard-problems-nulls', idcard_problems('11010519491231002X', null, null) is null;
select 'idcard-problems-null-id', idcard_problems(null, '1949-12-31', 'F') is null;
select 'idcard-problems-null-asof', idcard_problems('110105194912310021', '1949-12-31', 'F', null) is null;
select 'idcard-problems-invalid', idcard_problems('110105194912310021', '1949-12-31', 'F') = 'invalid';
select 'idcard-problems-invalid-asof', idcard_problems('110105194912310021', null, null, '2024-01-01') = 'invalid';
select 'idcard-problems-blank', idcard_problems(' 11010519491231002X', '1949-12-31', 'F') = 'invalid';
select 'idcard-problems-15', idcard_problems('110105491231002', '1949-12-31', 'F') = 'invalid';
select 'idcard-problems-17', idcard_problems('11010519491231002', null, null) = 'invalid';
select 'idcard-problems-fullwidth', idcard_problems('１１０１０５１９４９１２３１００２Ｘ', null, null) = 'invalid';
select 'idcard-problems-empty', idcard_problems('', null, null) = 'invalid';
select 'idcard-problems-real', idcard_problems(6.50106e17, null, null) = 'invalid';
select 'idcard-problems-birth', idcard_problems('11010519491231002X', '1949-12-30', 'F') = 'birth';
select 'idcard-problems-birth-spelling', idcard_problems('11010519491231002X', '1949/12/31', null) = 'birth';
select 'idcard-problems-birth-compact', idcard_problems('11010519491231002X', '19491231', null) = 'birth';
select 'idcard-problems-birth-integer', idcard_problems('11010519491231002X', 19491231, null) = 'birth';
select 'idcard-problems-birth-blob', idcard_problems('11010519491231002X', cast('1949-12-31' as blob), null) = 'birth';
select 'idcard-problems-birth-long', idcard_problems('11010519491231002X', '1949-12-31 ', null) = 'birth';
select 'idcard-problems-sex', idcard_problems('11010519491231002X', null, 'M') = 'sex';
select 'idcard-problems-sex-lower', idcard_problems('11010519491231002X', null, 'f') = 'sex';
select 'idcard-problems-sex-chinese', idcard_problems('11010519491231002X', null, '女') = 'sex';
select 'idcard-problems-sex-long', idcard_problems('11010519491231002X', null, 'FF') = 'sex';
select 'idcard-problems-sex-empty', idcard_problems('11010519491231002X', null, '') = 'sex';
select 'idcard-problems-future', idcard_problems('11010519491231002X', null, null, '1949-12-30') = 'future';
select 'idcard-problems-birthday', idcard_problems('11010519491231002X', null, null, '1949-12-31') is null;
select 'idcard-problems-all', idcard_problems('11010519491231002x', '1949-12-30', 'M', '1949-12-30') = 'birth,sex,future';
select 'idcard-problems-birth-future', idcard_problems('11010519491231002X', '1949-12-30', 'F', '1900-01-01') = 'birth,future';
select 'idcard-problems-sex-future', idcard_problems('11010519491231002X', null, 'M', '1900-01-01') = 'sex,future';
select 'idcard-problems-as-findings', (select count(*) from (select '11010519491231002X' i, '1949-12-30' b, 'M' s union all select '650103198709286002', '1987-09-28', 'F')
  where (idcard_problems(i, b, s) is not null) = (not idcard_valid(i) or idcard_birth(i) is not b or idcard_sex(i) is not s)) = 2;
select 'idcard-problems-err-blob', test_error('select idcard_problems(x''3131'', null, null)') = 'idcard_problems: id must be text, got a blob';
select 'idcard-problems-err-asof', test_error('select idcard_problems(''11010519491231002X'', null, null, ''2024-13-01'')')
  = 'idcard_problems: as_of must be a date ''YYYY-MM-DD'', got ''2024-13-01''';
select 'idcard-problems-err-asof-blob', test_error('select idcard_problems(''1'', null, null, x''00'')')
  = 'idcard_problems: as_of must be a date ''YYYY-MM-DD'', got a blob';
select 'idcard-problems-err-asof-null-id', test_error('select idcard_problems(null, null, null, ''2024-1-1'')')
  = 'idcard_problems: as_of must be a date ''YYYY-MM-DD'', got ''2024-1-1''';
select 'idcard-problems-asof-column', (select group_concat(coalesce(idcard_problems('11010519491231002X', null, null, d), '-'), ' ')
  from (select '1949-12-30' d union all select '1949-12-31' union all select '1949-12-30')) = 'future - future';
