-- rollup() under failing allocations: small data only.
setup create table areas(id integer primary key, parent_id int, level text, name text); insert into areas values (1,null,'community','C'),(2,1,'building','B1'),(3,1,'building','B2'),(4,3,'room','R');
setup create table res(area_id int, e text); insert into res values (2,'01'),(2,'01'),(2,'17'),(3,'01'),(3,'05'),(4,'05'),(4,'02'),(2,null),(1,'01');
setup create table ethnic_groups(code text, name text); insert into ethnic_groups values ('01','汉族'),('05','维吾尔族');
setup create table many(area_id int, c text); insert into many with recursive k(i) as (select 1 union all select i + 1 from k where i < 40) select 2 + i % 2, 'category ' || i from k;
select * from rollup('res', 'e');
select * from rollup('res', 'e', 'min_cell=2; min_area=2; top=1');
select area_id, category, n from rollup('res', 'e', 'top=2, min_cell=2') where area_id = 2;
select * from rollup('nosuch', 'e');
select * from rollup('res', 'nosuch');
select * from rollup('res', 'e', 'min_cell=x');
select area_id, category, label from rollup('res', 'e', 'label=ethnic');
select count(*), sum(n) from rollup('many', 'c', 'areas="areas", top=5');
select * from rollup('res', 'e', 'min_cell=2; root=3');
select * from rollup('res', 'e', 'root=B2');
select * from rollup('res', 'e', 'root=B9');
setup create table sareas(id integer primary key, parent_id int, level text, name text); insert into sareas values (650102,null,'district','D'),(650102003,650102,'street','S'),(650102003001,650102003,'community','C'),(650102003002,650102003,'community','C2');
setup create table sres(area_id int, e text); insert into sres values (650102003001,'01'),(650102003,'17'),(650102003001,'01'),(650102003002,'05');
select * from rollup('sres', 'e', 'areas=sareas; root=650102003');
