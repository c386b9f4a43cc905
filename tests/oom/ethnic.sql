select ethnic_code('哈薩克族'), ethnic_code(' Uyghur '), ethnic_code('1'), ethnic_code('火星族');
select ethnic_name('1'), ethnic_name(17), ethnic_name('x');
select count(*), group_concat(exonym) from ethnic_groups;
select name from ethnic_groups where code = '17';
select ethnic_code(x'3031');
