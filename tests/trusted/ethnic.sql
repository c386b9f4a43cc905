create view ethnic_code_v as select ethnic_code('哈族') as got, '17' as want;
create view ethnic_name_v as select ethnic_name('5') as got, '维吾尔族' as want;
create view ethnic_groups_v as select (select name from ethnic_groups where code = '46') as got, '德昂族' as want;
