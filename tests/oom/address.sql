select building_key('塔城路小区1号楼', '塔城路小区'), building_key('1栋'), building_key(null);
select building_key(x'31');
select door_unit('3-2-401'), door_room('3-2-401'), door_room('201'), door_unit(null);
select door_room(x'31');
