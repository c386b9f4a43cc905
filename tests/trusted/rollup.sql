create table rollup_areas(id integer primary key, parent_id int, level text, name text);
create table rollup_people(area_id int, c text);
insert into rollup_areas values (1, null, 'community', 'C'), (2, 1, 'building', 'B1'), (3, 1, 'building', 'B2');
insert into rollup_people values (2, 'a'), (2, 'b'), (3, 'a');
create view rollup_vtab as select group_concat(area_id || ':' || coalesce(category, '*') || '=' || n, ' ') as got, '1:*=3 1:a=2 1:b=1 2:*=2 2:a=1 2:b=1 3:*=1 3:a=1' as want from rollup('rollup_people', 'c', 'areas=rollup_areas');
