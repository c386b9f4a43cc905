create view address_building_key as select building_key('塔城路小区1号楼', '塔城路小区') as got, '1' as want;
