create view regexp_op as select ('买买提·艾力' regexp '^\p{Han}+·') as got, 1 as want;
create view regexp_like as select regexp_like('张三', '^[\x{4e00}-\x{9fa5}]{2,4}$') as got, 1 as want;
create view regexp_substr as select regexp_substr('电话 180-1234-5678', '(\d{3})-(\d{4})', 2) as got, '1234' as want;
create view regexp_substr_2 as select regexp_substr('a1b22', '\d+') as got, '1' as want;
create view regexp_replace as select regexp_replace('2023/10/23', '(\d+)/(\d+)/(\d+)', '$1-$2-$3') as got, '2023-10-23' as want;
create view regexp_count as select regexp_count('a1b22c333', '\d+') as got, 3 as want;
create view regexp_matches_rows as select group_concat(start || ':' || text, ',') as got, '1:王五,4:李四' as want from regexp_matches('王五，李四', '\p{Han}+');
