-- bench/idcard.sql — idcard_valid over 1,000,000 synthetic residents,
-- against SQLite's own bare scan and against the full check in plain SQL.
-- Rows printed: what|ratio|target|met or missed.  Ratios only.

-- The residents: deterministic, with real check characters computed in
-- SQL; every 50th row (2 %) is spoiled in one of four ways: a wrong check
-- character, a digit missing, month 13, a spreadsheet's 6.50106E+17.
create table t(id integer primary key, name text, idno text);
with recursive
  n(i) as (select 1 union all select i + 1 from n where i < 1000000),
  body(i, b) as (
    select i,
      substr('110105310104320102370202440106510107530102610113650103650104650105650106654002',
             (i % 13) * 6 + 1, 6)
      || strftime('%Y%m%d', '1930-01-01', '+' || ((i * 7919) % 33000) || ' days')
      || printf('%03d', (i * 37) % 1000)
    from n),
  whole(i, id) as (
    select i, b || substr('10X98765432', (
        substr(b, 1, 1) * 7 + substr(b, 2, 1) * 9 + substr(b, 3, 1) * 10
      + substr(b, 4, 1) * 5 + substr(b, 5, 1) * 8 + substr(b, 6, 1) * 4
      + substr(b, 7, 1) * 2 + substr(b, 8, 1) * 1 + substr(b, 9, 1) * 6
      + substr(b, 10, 1) * 3 + substr(b, 11, 1) * 7 + substr(b, 12, 1) * 9
      + substr(b, 13, 1) * 10 + substr(b, 14, 1) * 5 + substr(b, 15, 1) * 8
      + substr(b, 16, 1) * 4 + substr(b, 17, 1) * 2) % 11 + 1, 1)
    from body)
insert into t(id, name, idno)
  select i,
    substr('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗', i % 20 + 1, 1)
      || substr('建国秀英志强丽娟海军玉兰明华伟芳文静阿依古丽米热努尔兰别克买提', (i * 7) % 40 + 1, 1)
      || case when i % 3 then substr('平安杰敏燕霞江红梅刚', i % 10 + 1, 1) else '' end,
    case when i % 50 <> 0 then id
         when (i / 50) % 4 = 0 then substr(id, 1, 17) || case substr(id, 18, 1) when '0' then '1' else '0' end
         when (i / 50) % 4 = 1 then substr(id, 1, 17)
         when (i / 50) % 4 = 2 then substr(id, 1, 10) || '13' || substr(id, 13)
         else '6.50106E+17' end
  from whole;

-- The plain-SQL full check: length, digits, a real date from 1800 on, and
-- the ISO 7064 MOD 11-2 check character with the weights.
create temp view plain_valid as
  select idno from t
  where length(idno) = 18
    and substr(idno, 1, 17) not glob '*[^0-9]*'
    and substr(idno, 7, 4) >= '1800'
    and date(substr(idno, 7, 4) || '-' || substr(idno, 11, 2) || '-' || substr(idno, 13, 2))
        = substr(idno, 7, 4) || '-' || substr(idno, 11, 2) || '-' || substr(idno, 13, 2)
    and upper(substr(idno, 18, 1)) = substr('10X98765432', (
        substr(idno, 1, 1) * 7 + substr(idno, 2, 1) * 9 + substr(idno, 3, 1) * 10
      + substr(idno, 4, 1) * 5 + substr(idno, 5, 1) * 8 + substr(idno, 6, 1) * 4
      + substr(idno, 7, 1) * 2 + substr(idno, 8, 1) * 1 + substr(idno, 9, 1) * 6
      + substr(idno, 10, 1) * 3 + substr(idno, 11, 1) * 7 + substr(idno, 12, 1) * 9
      + substr(idno, 13, 1) * 10 + substr(idno, 14, 1) * 5 + substr(idno, 15, 1) * 8
      + substr(idno, 16, 1) * 4 + substr(idno, 17, 1) * 2) % 11 + 1, 1);

-- The two checks must agree before their speeds mean anything.
select printf('%-44s|%s|%s|%s', 'rows / invalid (idcard_valid)',
  (select count(*) from t) || ' / ' || (select count(*) from t where not idcard_valid(idno)),
  '1000000 / 20000',
  case when (select count(*) from t where not idcard_valid(idno)) = 20000 then 'met' else 'missed' end);
select printf('%-44s|%s|%s|%s', 'plain SQL and idcard_valid agree',
  (select count(*) from plain_valid), (select count(*) from t where idcard_valid(idno)),
  case when (select count(*) from plain_valid) = (select count(*) from t where idcard_valid(idno))
       then 'met' else 'missed' end);

-- Timings are best-of, taken in three interleaved rounds so that a burst of
-- load from elsewhere on the machine cannot favour one side.
create temp table timing(what text, ms real);
insert into timing values ('bare', bench_ms('select count(*) from t where substr(idno,18,1) <> ''?''', 3));
insert into timing values ('valid', bench_ms('select count(*) from t where idcard_valid(idno)', 3));
insert into timing values ('scan', bench_ms('select count(*), sum(length(idno)) from t', 3));
insert into timing values ('plain', bench_ms('select count(*) from plain_valid', 1));
insert into timing values ('valid', bench_ms('select count(*) from t where idcard_valid(idno)', 3));
insert into timing values ('bare', bench_ms('select count(*) from t where substr(idno,18,1) <> ''?''', 3));
insert into timing values ('plain', bench_ms('select count(*) from plain_valid', 1));
insert into timing values ('scan', bench_ms('select count(*), sum(length(idno)) from t', 3));
insert into timing values ('bare', bench_ms('select count(*) from t where substr(idno,18,1) <> ''?''', 3));
insert into timing values ('valid', bench_ms('select count(*) from t where idcard_valid(idno)', 3));
insert into timing values ('scan', bench_ms('select count(*), sum(length(idno)) from t', 3));
insert into timing values ('plain', bench_ms('select count(*) from plain_valid', 1));
create temp view best as select what, min(ms) as ms from timing group by what;

select printf('%-44s|%.2fx|%s|%s', 'idcard_valid / bare substr scan',
  v.ms / b.ms, '<= 1.0x', case when v.ms <= b.ms then 'met' else 'missed' end)
  from best v, best b where v.what = 'valid' and b.what = 'bare';
select printf('%-44s|%.2fx|%s|%s', 'idcard_valid / count+sum(length) scan',
  v.ms / s.ms, '(info)', 'info')
  from best v, best s where v.what = 'valid' and s.what = 'scan';
select printf('%-44s|%.1fx|%s|%s', 'plain-SQL full check / idcard_valid',
  p.ms / v.ms, '>= 30x', case when p.ms >= 30 * v.ms then 'met' else 'missed' end)
  from best p, best v where p.what = 'plain' and v.what = 'valid';
