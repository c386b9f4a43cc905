-- address: building_key, the key muling import matches a 楼栋 by.
select 'address-key-hao-lou', building_key('1号楼') = '1';
select 'address-key-dong', building_key('1栋') = '1';
select 'address-key-zhuang', building_key('12幢') = '12';
select 'address-key-hao', building_key('3号') = '3';
select 'address-key-lou', building_key('A楼') = 'A';
select 'address-key-plain', building_key('1') = '1';
select 'address-key-one-suffix', building_key('1栋楼') = '1栋';
select 'address-key-hao-lou-first', building_key('2号楼') = '2';
select 'address-key-nothing-before', building_key('号楼') = '号';
select 'address-key-suffix-alone', building_key('栋') = '栋';
select 'address-key-compound', building_key('塔城路小区1号楼', '塔城路小区') = '1';
select 'address-key-compound-not-front', building_key('1号楼塔城路小区', '塔城路小区') = '1号楼塔城路小区';
select 'address-key-compound-whole', building_key('塔城路小区', '塔城路小区') = '塔城路小区';
select 'address-key-compound-null', building_key('塔城路小区1栋', null) = '塔城路小区1';
select 'address-key-compound-empty', building_key('1栋', '') = '1';
select 'address-key-empty', building_key('') = '';
select 'address-key-null', building_key(null) is null;
select 'address-key-null-compound', building_key(null, '塔城路小区') is null;
select 'address-key-integer', building_key(7) = '7';
select 'address-key-typeof', typeof(building_key(7)) = 'text';
select 'address-key-same-building', building_key('塔城路小区1号楼', '塔城路小区') = building_key('1栋', '塔城路小区');
select 'address-key-err-blob', test_error('select building_key(x''31'')') = 'building_key: building must be text, got a blob';
select 'address-key-err-compound-blob', test_error('select building_key(''1栋'', x''31'')') = 'building_key: compound must be text, got a blob';
select 'address-key-err-args', test_error('select building_key()') like '%wrong number of arguments%';
-- door_unit / door_room: a door number split as street_export writes 单元 and 门牌号.
select 'door-unit-room', door_unit('1-201') = '1' and door_room('1-201') = '201';
select 'door-three-parts', door_unit('3-2-401') = '2' and door_room('3-2-401') = '401';
select 'door-room-alone', door_unit('201') is null and door_room('201') = '201';
select 'door-four-parts', door_unit('a-b-c-d') = 'b' and door_room('a-b-c-d') = 'c-d';
select 'door-empty-unit', door_unit('1--2') = '' and door_room('1--2') = '2';
select 'door-dash-alone', door_unit('-') = '' and door_room('-') = '';
select 'door-dash-ends', door_unit('-201') = '' and door_room('201-') = '';
select 'door-empty', door_unit('') is null and door_room('') = '';
select 'door-null', door_unit(null) is null and door_room(null) is null;
select 'door-chinese', door_unit('东-3单元-401室') = '3单元' and door_room('东-3单元-401室') = '401室';
select 'door-integer', door_room(201) = '201' and typeof(door_room(201)) = 'text' and door_unit(201) is null;
select 'door-like-sql', (select count(*) from (select column1 as d from (values ('1-201'), ('3-2-401'), ('201'), ('a-b-c-d'), ('1--2'), ('-'), ('--'), ('---'), (''), ('东-3单元-401室'), ('é-ü'), ('x-'), ('-x-')))
  where door_unit(d) is not (CASE WHEN d GLOB '*-*-*' THEN substr(substr(d, instr(d, '-') + 1), 1, instr(substr(d, instr(d, '-') + 1), '-') - 1) WHEN d GLOB '*-*' THEN substr(d, 1, instr(d, '-') - 1) END)
     or door_room(d) is not (CASE WHEN d GLOB '*-*-*' THEN substr(substr(d, instr(d, '-') + 1), instr(substr(d, instr(d, '-') + 1), '-') + 1) WHEN d GLOB '*-*' THEN substr(d, instr(d, '-') + 1) ELSE d END)) = 0;
select 'door-err-unit-blob', test_error('select door_unit(x''31'')') = 'door_unit: door_no must be text, got a blob';
select 'door-err-room-blob', test_error('select door_room(x''31'')') = 'door_room: door_no must be text, got a blob';
select 'door-err-args', test_error('select door_room()') like '%wrong number of arguments%';
