-- bench/regexp.sql — regexp_like over 1,000,000 synthetic residents' names.
--
-- Run by `make bench` (build/host --bench): prints `what|ratio|target|verdict`.
-- The comparison against the sqlite3 shell's built-in REGEXP is
-- bench/regexp.sh: the built-in lives only in the shell binary, so it is
-- timed there, on these same rows (it reads the generator below, between
-- the `names:` markers).  This file times what the host can see: the cost
-- of a pattern read from a column (the per-connection cache) against a
-- constant one (auxdata), and regexp_like against plain SQL.
-- names: begin
-- 1,000,000 synthetic residents' names, deterministic: ~88 % Han names of
-- 2–4 characters (some double surnames), ~10 % Uyghur and Kazakh names
-- written with the middle dot (买买提·艾力), ~2 % romanised (Wang Wei).
create table names(id integer primary key, name text not null);
insert into names(id, name)
with recursive
  n(i) as (select 1 union all select i + 1 from n where i < 1000000),
  h(i, a, b, c, d) as (
    select i, (i * 2654435761) % 4294967291, (i * 40503 + 7) % 65521,
           (i * 69069 + 1) % 2147483647, (i * 48271) % 2147483647 from n)
select i, case
  when a % 100 < 10 then
    json_extract('["买买提","艾力","阿不都","吐尔逊","热依拉","古丽娜","阿依古丽","努尔兰","叶尔肯","阿斯哈尔","哈力木","塔依尔","巴合提","玛丽亚","迪丽娜尔","艾尔肯","帕尔哈提","库尔班"]', '$[' || (b % 18) || ']')
    || '·' ||
    json_extract('["艾力","买买提","吐尔逊","阿不都热依木","托合提","叶尔兰","努尔别克","卡德尔","沙吾提","依明"]', '$[' || (c % 10) || ']')
  when a % 100 < 12 then
    json_extract('["Wang","Li","Zhang","Liu","Chen"]', '$[' || (b % 5) || ']') || ' ' ||
    json_extract('["Wei","Na","Min","Yang","Jing"]', '$[' || (c % 5) || ']')
  else
    (case when b % 50 = 0 then json_extract('["欧阳","司马","诸葛","上官","慕容"]', '$[' || (c % 5) || ']')
          else substr('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤', 1 + b % 100, 1) end)
    || substr('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉玉志红梅鹏飞斌波宇浩凯健俊帆帅旭宁龙林欣', 1 + c % 49, 1)
    || (case when d % 3 = 0 then substr('英华兰国明军平东海燕玲琳婷雪峰磊晨阳', 1 + d % 18, 1) else '' end)
  end
from h;
-- names: end
-- The pattern as a column (a default costs no storage, but it is read per
-- row like any column): not a constant to SQLite, so no auxdata; every row
-- finds its compiled pattern in the per-connection LRU.
alter table names add column p text default '^[\x{4e00}-\x{9fa5}]{2,4}$';
create temp table t_ms as select
  bench_ms('select count(*) from names where regexp_like(name, ''^[\x{4e00}-\x{9fa5}]{2,4}$'')', 5) as const_ms,
  bench_ms('select count(*) from names where regexp_like(name, p)', 5) as column_ms,
  -- 20,000 rows whose patterns cycle through 1,000 texts (more than the LRU
  -- holds: each row compiles), against one text built the same way per row
  bench_ms('select count(*) from names where id <= 20000 and regexp_like(name, ''^[\x{4e00}-\x{9fa5}]{2,'' || (4 + id % 1000) || ''}$'')', 3) as compile_ms,
  bench_ms('select count(*) from names where id <= 20000 and regexp_like(name, ''^[\x{4e00}-\x{9fa5}]{2,'' || (4 + id % 1) || ''}$'')', 3) as cached_ms,
  bench_ms('select count(*) from names where regexp_like(name, ''买买提'')', 5) as lit_ms,
  bench_ms('select count(*) from names where instr(name, ''买买提'') > 0', 5) as instr_ms,
  bench_ms('select count(*) from names where regexp_like(name, ''买买提|阿依古丽|努尔兰|王秀英|李建国'')', 5) as alt_ms,
  bench_ms('select count(*), sum(length(name)) from names', 5) as scan_ms;
select 'regexp class: pattern from a column / a constant', printf('%.2f', column_ms / const_ms), '<= 1.50',
       case when column_ms / const_ms <= 1.5 then 'met' else 'missed' end from t_ms;
select 'regexp: a new pattern each row / one pattern (the cache)', printf('%.1f', compile_ms / cached_ms), '>= 10',
       case when compile_ms / cached_ms >= 10 then 'met' else 'missed' end from t_ms;
select 'regexp literal: regexp_like / instr()', printf('%.2f', lit_ms / instr_ms), '<= 1.50',
       case when lit_ms / instr_ms <= 1.5 then 'met' else 'missed' end from t_ms;
select 'regexp alternation: regexp_like / bare scan', printf('%.2f', alt_ms / scan_ms), '<= 1.50',
       case when alt_ms / scan_ms <= 1.5 then 'met' else 'missed' end from t_ms;
select 'regexp literal: same rows as instr()', printf('%d', (select count(*) from names where regexp_like(name, '买买提')) = (select count(*) from names where instr(name, '买买提') > 0)), '1',
       case when (select count(*) from names where regexp_like(name, '买买提')) = (select count(*) from names where instr(name, '买买提') > 0) then 'met' else 'missed' end;
