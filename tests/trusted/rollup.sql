create view rollup_fractionalization as select round(fractionalization(c), 6) as got, round(1 - (4 + 1 + 1) / 16.0, 6) as want from (select 'a' c union all select 'a' union all select 'b' union all select 'c');
create view rollup_entropy as select round(entropy(c), 12) as got, round(ln(2), 12) as want from (select 'a' c union all select 'b');
create view rollup_dissimilarity as select dissimilarity(a, b) as got, 0.25 as want from (select 10 a, 20 b union all select 30, 20);
create table rollup_areas(id integer primary key, parent_id int, level text, name text);
create table rollup_people(area_id int, c text);
insert into rollup_areas values (1, null, 'community', 'C'), (2, 1, 'building', 'B1'), (3, 1, 'building', 'B2');
insert into rollup_people values (2, 'a'), (2, 'b'), (3, 'a');
create view rollup_vtab as select group_concat(area_id || ':' || coalesce(category, '*') || '=' || n, ' ') as got, '1:*=3 1:a=2 1:b=1 2:*=2 2:a=1 2:b=1 3:*=1 3:a=1' as want from rollup('rollup_people', 'c', 'areas=rollup_areas');
