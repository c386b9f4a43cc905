-- 塔城路社区 sample, part 3: places and people who serve the area.
-- Seed 000: 1 religious site, 225 rented rooms, 28 organisations (机关企事业
-- 单位) of which 21 co-building (共驻共建), one 低保爱心粮油超市; 28 staff:
-- 9 on fiscal salary, 3 fiscally subsidised, 7 public-welfare posts, 9
-- graduate trainees.
BEGIN;

-- 租赁房屋: the 48 floating households each rent a room from a registered
-- head in the same building; 177 more rooms are let to tenants registered
-- elsewhere; 15 lettings ended in 2022 (history, not counted).
INSERT INTO rented_rooms(area_id, household_id, landlord_id, room_no, tenants, let_from, let_to)
SELECT h.area_id, h.id,
       (SELECT r.id FROM residents r WHERE r.area_id = h.area_id AND r.relation = 'head'
          AND r.registration = 'registered' AND r.moved_out IS NULL AND r.died_on IS NULL
        ORDER BY (r.id * 2246822519 % 4294967296) LIMIT 1),
       h.door_no, (SELECT count(*) FROM residents_current r WHERE r.household_id = h.id),
       date('2021-03-01', '+' || (h.id * 7 % 900) || ' days'), NULL
FROM households h
WHERE h.id IN (SELECT household_id FROM residents_current WHERE registration = 'floating')
ORDER BY h.id;

INSERT INTO rented_rooms(area_id, household_id, landlord_id, room_no, tenants, let_from, let_to)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 192),
c AS (SELECT x.id, x.area_id, x.household_id,
             row_number() OVER (ORDER BY (x.id * 3266489917 % 4294967296), x.id) AS rn
      FROM residents_current x
      WHERE x.relation = 'head' AND x.registration = 'registered' AND x.low_income = 0),
l AS (SELECT i, c.id AS landlord, c.area_id, h.door_no
      FROM n JOIN c ON c.rn = n.i * 3 JOIN households h ON h.id = c.household_id)
SELECT area_id, NULL, landlord, door_no || '-' || (1 + i % 3), 1 + (i * 7) % 4,
       date('2018-01-01', '+' || (i * 37 % 1400) || ' days'),
       CASE WHEN i > 177 THEN date('2022-01-01', '+' || (i * 53 % 360) || ' days') END
FROM l;

INSERT INTO religious_sites(area_id, name, religion, registered_on) VALUES
  (4, '塔城路清真寺', '伊斯兰教', '1994-05-20');

-- 28 机关企事业单位, 21 of them 共驻共建 units (co_building = 1).
INSERT INTO organisations(id, area_id, name, kind, co_building, joined_on)
SELECT column1, column2, column3, column4, column5, column6 FROM (VALUES
  (1, 4,   '炉院街街道办事处',           'government',  1, '2012-03-01'),
  (2, 4,   '塔城路派出所',               'government',  1, '2012-03-01'),
  (3, 101, '乌鲁木齐市第十三中学',       'institution', 1, '2013-09-01'),
  (4, 102, '塔城路小学',                 'institution', 1, '2013-09-01'),
  (5, 103, '沙依巴克区第二幼儿园',       'institution', 1, '2014-03-15'),
  (6, 104, '塔城路社区卫生服务站',       'institution', 1, '2012-06-01'),
  (7, 105, '乌鲁木齐铁路局货运段',       'enterprise',  1, '2015-05-10'),
  (8, 106, '国网乌鲁木齐供电公司西山所', 'enterprise',  1, '2015-05-10'),
  (9, 107, '中石油新疆销售公司加油站',   'enterprise',  1, '2016-04-01'),
  (10, 108, '新疆气象局家属区管理处',    'institution', 1, '2014-07-01'),
  (11, 109, '中国银行塔城路支行',        'enterprise',  1, '2016-08-18'),
  (12, 110, '中国邮政塔城路营业所',      'enterprise',  1, '2016-08-18'),
  (13, 111, '沙依巴克区图书馆分馆',      'institution', 1, '2017-03-01'),
  (14, 112, '塔城路物业服务中心',        'enterprise',  1, '2017-03-01'),
  (15, 113, '新疆医科大学家属区居委会',  'institution', 1, '2018-01-10'),
  (16, 114, '红山农贸市场',              'enterprise',  1, '2018-06-01'),
  (17, 115, '天山燃气公司营业厅',        'enterprise',  1, '2019-04-01'),
  (18, 116, '沙依巴克区税务所',          'government',  1, '2019-04-01'),
  (19, 117, '乌鲁木齐市消防救援站',      'government',  1, '2020-05-12'),
  (20, 118, '新疆广播电视大学分校',      'institution', 1, '2021-03-01'),
  (21, 119, '塔城路老年大学',            'social',      1, '2021-09-01'),
  (22, 120, '雅山超市',                  'enterprise',  0, NULL),
  (23, 121, '新医路药店',                'enterprise',  0, NULL),
  (24, 122, '北京路汽修厂',              'enterprise',  0, NULL),
  (25, 123, '长江路宾馆',                'enterprise',  0, NULL),
  (26, 124, '塔城路建材市场',            'enterprise',  0, NULL),
  (27, 125, '西部律师事务所',            'enterprise',  0, NULL),
  (28, 110, '沙依巴克区残疾人联合会',    'social',      0, NULL));

INSERT INTO service_outlets(area_id, name, kind, opened_on) VALUES
  (4,   '低保爱心粮油超市',   'food_aid',    '2019-10-01'),
  (4,   '社区卫生服务站',     'health',      '2012-06-01'),
  (4,   '法律咨询站',         'legal',       '2015-03-01'),
  (103, '便民理发店',         'convenience', '2016-05-01'),
  (107, '便民修车铺',         'convenience', '2017-04-01'),
  (112, '便民缝纫店',         'convenience', '2018-07-01');

-- 28 staff.  The first two are the party secretary and the director; staff 10
-- (公益性岗位) is the contact worker of both 睦邻点.
INSERT INTO staff(id, area_id, name, category, role, from_date)
SELECT column1, 4, column2, column3, column4, column5 FROM (VALUES
  (1,  '李建华',   'fiscal_salary',    '党委书记',     '2015-03-01'),
  (2,  '艾尔肯·吐尔逊', 'fiscal_salary', '居委会主任', '2016-06-01'),
  (3,  '王秀兰',   'fiscal_salary',    '党委副书记',   '2017-01-01'),
  (4,  '哈丽旦·加尔肯', 'fiscal_salary', '居委会副主任', '2018-03-01'),
  (5,  '张永平',   'fiscal_salary',    '综治专干',     '2018-03-01'),
  (6,  '刘丽',     'fiscal_salary',    '民政专干',     '2019-07-01'),
  (7,  '阿依努尔·买买提', 'fiscal_salary', '计生专干', '2019-07-01'),
  (8,  '马国强',   'fiscal_salary',    '网格长',       '2020-04-01'),
  (9,  '陈静',     'fiscal_salary',    '党建专干',     '2020-04-01'),
  (10, '赵春梅',   'public_welfare',   '睦邻点联系人', '2021-05-01'),
  (11, '孙立军',   'fiscal_subsidy',   '网格员',       '2017-09-01'),
  (12, '古丽娜尔·别克', 'fiscal_subsidy', '网格员',    '2018-09-01'),
  (13, '周海燕',   'fiscal_subsidy',   '网格员',       '2019-09-01'),
  (14, '努尔兰·哈力木', 'public_welfare', '保洁监督员', '2020-03-01'),
  (15, '杨桂英',   'public_welfare',   '楼院协管员',   '2020-03-01'),
  (16, '丁晓东',   'public_welfare',   '治安协管员',   '2020-06-01'),
  (17, '帕提古丽·艾力', 'public_welfare', '就业协管员', '2021-03-01'),
  (18, '吴志刚',   'public_welfare',   '残疾人专干',   '2021-03-01'),
  (19, '巴特尔',   'public_welfare',   '综合协管员',   '2022-03-01'),
  (20, '黄佳琳',   'graduate_trainee', '见习',         '2023-01-01'),
  (21, '叶尔兰·努尔兰', 'graduate_trainee', '见习',    '2023-01-01'),
  (22, '徐梦婷',   'graduate_trainee', '见习',         '2023-01-01'),
  (23, '迪丽努尔·亚森', 'graduate_trainee', '见习',    '2023-01-01'),
  (24, '郭子豪',   'graduate_trainee', '见习',         '2023-01-01'),
  (25, '关思雨',   'graduate_trainee', '见习',         '2023-01-01'),
  (26, '海嘉欣',   'graduate_trainee', '见习',         '2023-01-01'),
  (27, '阿斯哈尔·胡安', 'graduate_trainee', '见习',    '2023-01-01'),
  (28, '林诗琪',   'graduate_trainee', '见习',         '2023-01-01'));
-- The secretary lives in the community (and chairs its council).
UPDATE residents SET name = '李建华' WHERE id = (
  SELECT id FROM residents_current WHERE ethnic_code = '01' AND sex = 'M' AND registration = 'registered'
    AND low_income = 0 AND key_person = 0 AND birth_date BETWEEN '1972-01-01' AND '1979-12-31'
  ORDER BY id LIMIT 1);
UPDATE staff SET resident_id = (SELECT id FROM residents WHERE name = '李建华') WHERE id = 1;
-- Two who left in 2022 (history, not counted).
INSERT INTO staff(id, area_id, name, category, role, from_date, to_date) VALUES
  (29, 4, '曹文斌', 'graduate_trainee', '见习', '2022-01-01', '2022-12-31'),
  (30, 4, '热娜·依明', 'public_welfare', '网格员', '2019-03-01', '2022-06-30');
COMMIT;
