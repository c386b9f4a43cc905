-- The diversity aggregates under failing allocations, as aggregates and windows.
setup create table res(area_id int, e text); insert into res values (2,'01'),(2,'01'),(2,'17'),(3,'01'),(3,'05'),(4,'05'),(4,'02'),(2,null),(1,'01');
setup create table w(i integer primary key, c text); insert into w values (1,'a'),(2,'a'),(3,'b'),(4,'c'),(5,'c');
select fractionalization(e), entropy(e) from res;
select area_id, fractionalization(e), entropy(e) from res group by area_id;
select fractionalization(c) over (order by i rows between 1 preceding and current row) from w;
select dissimilarity(i, length(c) * 3) from w;
select dissimilarity(i, 6 - i) over (order by i rows between 2 preceding and current row) from w;
