-- 塔城路社区 sample, part 1: the area tree and the lanes.
-- Seed 000: 1.4 km², 25 compounds (小区), 52 buildings (栋楼), 17 lanes (巷道).
-- The city, district and street above the community are placeholders in
-- Urumqi's real codes; grids (网格) are the five the community is cut into.
-- Ids: 1 city, 2 district, 3 street, 4 community, 11–15 grids,
-- 101–125 compounds, 1001–1052 buildings.
BEGIN;
INSERT INTO areas(id, parent_id, level, code, name, area_km2) VALUES
  (1, NULL, 'city',      '650100000000', '乌鲁木齐市',   NULL),
  (2, 1,    'district',  '650103000000', '沙依巴克区',   NULL),
  (3, 2,    'street',    '650103004000', '炉院街街道',   NULL),
  (4, 3,    'community', '650103004011', '塔城路社区',   1.4);

INSERT INTO areas(id, parent_id, level, code, name)
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 5)
SELECT 10 + n, 4, 'grid', '650103004011' || printf('-%02d', n), '第' || substr('一二三四五', n, 1) || '网格'
FROM g;

-- 25 compounds, five to a grid.
INSERT INTO areas(id, parent_id, level, code, name)
SELECT 100 + c.n, 11 + (c.n - 1) / 5, 'compound',
       '650103004011' || printf('-%02d-%02d', 1 + (c.n - 1) / 5, c.n), c.name
FROM (SELECT column1 AS n, column2 AS name FROM (VALUES
  (1,'塔城路1号院'),(2,'塔城路3号院'),(3,'西虹东路小区'),(4,'友好北路家属院'),(5,'铁路局家属院'),
  (6,'电力小区'),(7,'石油小区'),(8,'气象局小区'),(9,'和平小区'),(10,'幸福花园'),
  (11,'金桥小区'),(12,'阳光小区'),(13,'明园小区'),(14,'红山小区'),(15,'天山小区'),
  (16,'昆仑小区'),(17,'银川路小区'),(18,'南昌路小区'),(19,'西北路小区'),(20,'雅山小区'),
  (21,'新医路小区'),(22,'北京路家属院'),(23,'长江路小区'),(24,'塔城路东区'),(25,'塔城路西区'))) AS c;

-- 52 buildings: compounds 1 and 2 have three each, the other 23 two each.
INSERT INTO areas(id, parent_id, level, code, name)
WITH RECURSIVE b(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM b WHERE n < 52),
bc AS (SELECT n, CASE WHEN n <= 6 THEN (n + 2) / 3 ELSE 3 + (n - 7) / 2 END AS c FROM b),
bk AS (SELECT n, c, row_number() OVER (PARTITION BY c ORDER BY n) AS k FROM bc)
SELECT 1000 + n, 100 + c, 'building',
       (SELECT code FROM areas WHERE id = 100 + c) || printf('-%02d', k),
       (SELECT name FROM areas WHERE id = 100 + c) || k || '号楼'
FROM bk;

-- 17 lanes: twelve numbered lanes of 塔城路 and five named ones.
INSERT INTO lanes(id, community_id, name, length_m)
WITH RECURSIVE l(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM l WHERE n < 12)
SELECT n, 4, '塔城路' || CASE n WHEN 10 THEN '十' WHEN 11 THEN '十一' WHEN 12 THEN '十二'
                               ELSE substr('一二三四五六七八九', n, 1) END || '巷',
       80 + (n * 37) % 140
FROM l;
INSERT INTO lanes(id, community_id, name, length_m) VALUES
  (13, 4, '红山巷', 210), (14, 4, '雅山巷', 160), (15, 4, '友好巷', 95),
  (16, 4, '团结巷', 120), (17, 4, '和平巷', 75);
COMMIT;
