create view address_building_key as select building_key('塔城路小区1号楼', '塔城路小区') as got, '1' as want;
create view address_door_unit as select door_unit('3-2-401') as got, '2' as want;
create view address_door_room as select door_room('1-201') as got, '201' as want;
