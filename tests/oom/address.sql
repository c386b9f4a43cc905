select building_key('塔城路小区1号楼', '塔城路小区'), building_key('1栋'), building_key(null);
select building_key(x'31');
