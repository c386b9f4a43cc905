-- title: 社区概况 Community profile
-- params: area (area; default the whole database), unmasked (flag)
--
-- The profile of :area (an id or a name at any level: a community, a
-- street sums its communities, the city sums them all; unset: the whole
-- database).  Regenerates a community's profile paragraph (seed 000: 塔城路社区辖区总面积
-- 1.4平方公里,现有居民1982户,总人口5859人 …) from the records: every figure
-- is a count over rows, none is typed.  Definitions:
--   households    households not dissolved that have a current member
--   residents     residents_current (not moved out, not dead), registered
--                 and floating alike; 流动人口 = registration 'floating'.
--                 A resident without a building (area_id NULL) is placed
--                 by the household's building; one placed nowhere counts
--                 only for the whole database; both are on the line
--                 未落楼栋 (residents not in a building)
--   area          the area's own area_km2, else the sum of its communities'
--   低保          current residents with low_income = 1, and their households
--   organisations, staff, party members, outlets, rented rooms: rows whose
--                 end date (left_on, to_date, closed_on, let_to) is NULL
--   activities    the points' song-and-dance, handicraft and training
--                 sessions; person-times are attendance rows at them
-- Needs the extension for ethnic_name() and name_mask().
--
--   .load ./build/muling
--   .parameter set :area 4
--   .read sql/reports/profile.sql
--
-- Everything the sections show is worked out once, before them, into temp
-- tables (the figures and the paragraph print the same numbers; neither
-- counts anything itself):
--   profile_area     the area and every area below it (every area when
--                    :area is unset), walked once, keyed by id
--   profile_cells    the area's current residents by building and group:
--                    one pass over the residents, in the order of the
--                    residents_area index, so no sort; the groups and the
--                    未落楼栋 line come from it
--   profile_groups   the groups (summed from the cells)
--   profile_people   the counts over the residents: the second pass, a plain
--                    scan, for the households (distinct, not a sum of cells)
--                    and the per-resident figures
--   profile_point_counts  each 睦邻点 with its activities counted
--   profile_points   the 睦邻点 figures (sums of those, and the trainees)
--   profile_records  the counts of the other records (sites, rooms,
--                    organisations, areas, lanes, outlets, staff, members)
-- For an area the residents are its buildings' (by the residents_area index)
-- and those without a building whose household is in one of its buildings
-- (px below), so a community reads its own people only; for the whole
-- database they are read as they are.  Each statement's first half of its
-- UNION ALL is the whole database's, the second the area's (each half is
-- skipped at once when its :area test is false).
DROP TABLE IF EXISTS temp.profile_area;

CREATE TEMP TABLE profile_area(id INTEGER PRIMARY KEY);

INSERT INTO temp.profile_area
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id)
SELECT id FROM sub;

DROP TABLE IF EXISTS temp.profile_cells;

-- One row a building (area_id; NULL: residents without one) and group (code
-- NULL: none recorded): n residents, of whom unplaced are in no building
-- (their area is not a building, or they have none and their household is
-- in none).
CREATE TEMP TABLE profile_cells AS
WITH
px AS (
  SELECT x.household_id, x.ethnic_code, x.low_income, x.registration, x.key_person, x.area_id,
         h.id AS h_id, h.dissolved_on AS h_dissolved_on, h.area_id AS h_area_id
    FROM residents_current x LEFT JOIN households h ON h.id = x.household_id
   WHERE :area IS NOT NULL AND x.area_id IN (SELECT id FROM temp.profile_area)
  UNION ALL
  SELECT x.household_id, x.ethnic_code, x.low_income, x.registration, x.key_person, x.area_id,
         h.id, h.dissolved_on, h.area_id
    FROM households h JOIN residents_current x ON x.household_id = h.id
   WHERE :area IS NOT NULL AND x.area_id IS NULL AND h.area_id IN (SELECT id FROM temp.profile_area))
SELECT x.area_id, x.ethnic_code AS code, count(*) AS n,
       CASE WHEN x.area_id IS NULL
            THEN count(*) FILTER (WHERE x.area_id IS NULL AND NOT EXISTS (
                   SELECT 1 FROM households h
                    WHERE h.id = x.household_id
                      AND h.area_id IN (SELECT id FROM areas WHERE level = 'building')))
            WHEN x.area_id IN (SELECT id FROM areas WHERE level = 'building') THEN 0
            ELSE count(*) END AS unplaced
  FROM residents_current x WHERE :area IS NULL GROUP BY x.area_id, x.ethnic_code
UNION ALL
SELECT x.area_id, x.ethnic_code, count(*),
       CASE WHEN x.area_id IS NULL
            THEN count(*) FILTER (WHERE x.area_id IS NULL AND (x.h_area_id IS NULL
                   OR x.h_area_id NOT IN (SELECT id FROM areas WHERE level = 'building')))
            WHEN x.area_id IN (SELECT id FROM areas WHERE level = 'building') THEN 0
            ELSE count(*) END
  FROM px AS x WHERE :area IS NOT NULL GROUP BY x.area_id, x.ethnic_code;

DROP TABLE IF EXISTS temp.profile_groups;

CREATE TEMP TABLE profile_groups AS
SELECT code, sum(n) AS n FROM temp.profile_cells GROUP BY code;

DROP TABLE IF EXISTS temp.profile_people;

CREATE TEMP TABLE profile_people AS
WITH
px AS (
  SELECT x.household_id, x.ethnic_code, x.low_income, x.registration, x.key_person, x.area_id,
         h.id AS h_id, h.dissolved_on AS h_dissolved_on, h.area_id AS h_area_id
    FROM residents_current x LEFT JOIN households h ON h.id = x.household_id
   WHERE :area IS NOT NULL AND x.area_id IN (SELECT id FROM temp.profile_area)
  UNION ALL
  SELECT x.household_id, x.ethnic_code, x.low_income, x.registration, x.key_person, x.area_id,
         h.id, h.dissolved_on, h.area_id
    FROM households h JOIN residents_current x ON x.household_id = h.id
   WHERE :area IS NOT NULL AND x.area_id IS NULL AND h.area_id IN (SELECT id FROM temp.profile_area))
SELECT * FROM (
  SELECT count(*) AS pop,
         count(DISTINCT x.household_id) FILTER (WHERE h.id IS NOT NULL AND h.dissolved_on IS NULL) AS hh,
         (SELECT count(code) FROM temp.profile_groups) AS groups,
         count(DISTINCT x.household_id) FILTER (WHERE x.low_income = 1) AS low_hh,
         count(*) FILTER (WHERE x.low_income = 1) AS low_n,
         count(*) FILTER (WHERE x.registration = 'floating') AS floating,
         count(*) FILTER (WHERE x.key_person = 1) AS key_n,
         count(*) FILTER (WHERE x.ethnic_code IS NULL) AS no_code,
         (SELECT coalesce(sum(unplaced), 0) FROM temp.profile_cells) AS unplaced
    FROM residents_current x LEFT JOIN households h ON h.id = x.household_id
   WHERE :area IS NULL)
WHERE :area IS NULL
UNION ALL
SELECT * FROM (
  SELECT count(*) AS pop,
         count(DISTINCT x.household_id) FILTER (WHERE x.h_id IS NOT NULL AND x.h_dissolved_on IS NULL) AS hh,
         (SELECT count(code) FROM temp.profile_groups) AS groups,
         count(DISTINCT x.household_id) FILTER (WHERE x.low_income = 1) AS low_hh,
         count(*) FILTER (WHERE x.low_income = 1) AS low_n,
         count(*) FILTER (WHERE x.registration = 'floating') AS floating,
         count(*) FILTER (WHERE x.key_person = 1) AS key_n,
         count(*) FILTER (WHERE x.ethnic_code IS NULL) AS no_code,
         (SELECT coalesce(sum(unplaced), 0) FROM temp.profile_cells) AS unplaced
    FROM px AS x WHERE :area IS NOT NULL)
WHERE :area IS NOT NULL;

DROP TABLE IF EXISTS temp.profile_point_counts;

-- The area's 睦邻点, each with its song-and-dance, handicraft and training
-- sessions and their attendance, its trainings and its publicity events,
-- counted once for the points table and the figures.
CREATE TEMP TABLE profile_point_counts AS
SELECT p.id,
       count(a.id) FILTER (WHERE a.kind IN ('song_dance','handicraft','training')) AS sessions,
       coalesce(sum((SELECT count(*) FROM attendance t WHERE t.activity_id = a.id))
                FILTER (WHERE a.kind IN ('song_dance','handicraft','training')), 0) AS person_times,
       count(a.id) FILTER (WHERE a.kind = 'training') AS trainings,
       count(a.id) FILTER (WHERE a.kind = 'publicity') AS publicity
  FROM activity_points p LEFT JOIN activities a ON a.point_id = p.id
 WHERE p.area_id IN (SELECT id FROM temp.profile_area)
 GROUP BY p.id;

DROP TABLE IF EXISTS temp.profile_points;

-- The 睦邻点 figures, for the figures and the points paragraph.
CREATE TEMP TABLE profile_points AS
WITH pc AS (SELECT * FROM temp.profile_point_counts)
SELECT (SELECT count(*) FROM pc) AS points,
       (SELECT CAST(sum(equipment_yuan) AS INTEGER) FROM activity_points WHERE id IN (SELECT id FROM pc)) AS equipment_yuan,
       (SELECT coalesce(sum(sessions), 0) FROM pc) AS sessions,
       (SELECT coalesce(sum(person_times), 0) FROM pc) AS person_times,
       (SELECT coalesce(sum(trainings), 0) FROM pc) AS trainings,
       (SELECT count(DISTINCT resident_id) FROM attendance
         WHERE activity_id IN (SELECT id FROM activities WHERE kind = 'training'
                                AND point_id IN (SELECT id FROM pc))) AS trainees,
       (SELECT coalesce(sum(publicity), 0) FROM pc) AS publicity,
       (SELECT count(*) FROM info_items WHERE point_id IN (SELECT id FROM pc)) AS infos;

DROP TABLE IF EXISTS temp.profile_records;

-- The counts of the area's other records, for the figures and the paragraph.
-- The whole database's half reads each table through (a full scan, the
-- area found by its id), the area's seeks the area's rows by the area_id
-- indexes: for the city, 117,000 seeks and a random read a row cost more
-- than reading the table.
CREATE TEMP TABLE profile_records AS
WITH
st_all AS (SELECT category, count(*) AS n FROM staff x JOIN temp.profile_area s ON s.id = x.area_id
            WHERE x.to_date IS NULL GROUP BY category),
st AS (SELECT category, count(*) AS n FROM staff WHERE to_date IS NULL AND area_id IN (SELECT id FROM temp.profile_area) GROUP BY category)
SELECT * FROM (SELECT
  (SELECT count(*) FROM religious_sites x JOIN temp.profile_area s ON s.id = x.area_id) AS sites,
  (SELECT count(*) FROM rented_rooms x JOIN temp.profile_area s ON s.id = x.area_id WHERE x.let_to IS NULL) AS rooms,
  (SELECT count(*) FROM organisations x JOIN temp.profile_area s ON s.id = x.area_id WHERE x.left_on IS NULL) AS orgs,
  (SELECT count(*) FROM organisations x JOIN temp.profile_area s ON s.id = x.area_id
    WHERE x.left_on IS NULL AND x.co_building = 1) AS cobuild,
  (SELECT count(*) FROM areas WHERE level = 'compound' AND id IN (SELECT id FROM temp.profile_area)) AS compounds,
  (SELECT count(*) FROM areas WHERE level = 'building' AND id IN (SELECT id FROM temp.profile_area)) AS buildings,
  (SELECT count(*) FROM lanes x JOIN temp.profile_area s ON s.id = x.community_id) AS lanes,
  (SELECT count(*) FROM service_outlets x JOIN temp.profile_area s ON s.id = x.area_id
    WHERE x.kind = 'food_aid' AND x.closed_on IS NULL) AS shops,
  (SELECT coalesce(sum(n), 0) FROM st_all) AS staff_n,
  (SELECT coalesce(sum(n), 0) FROM st_all WHERE category = 'fiscal_salary') AS s1,
  (SELECT coalesce(sum(n), 0) FROM st_all WHERE category = 'fiscal_subsidy') AS s2,
  (SELECT coalesce(sum(n), 0) FROM st_all WHERE category = 'public_welfare') AS s3,
  (SELECT coalesce(sum(n), 0) FROM st_all WHERE category = 'graduate_trainee') AS s4,
  (SELECT count(*) FROM party_members m JOIN party_orgs o ON o.id = m.org_id JOIN temp.profile_area s ON s.id = o.area_id
   WHERE m.left_on IS NULL) AS members)
WHERE :area IS NULL
UNION ALL
SELECT * FROM (SELECT
  (SELECT count(*) FROM religious_sites WHERE area_id IN (SELECT id FROM temp.profile_area)) AS sites,
  (SELECT count(*) FROM rented_rooms WHERE let_to IS NULL AND area_id IN (SELECT id FROM temp.profile_area)) AS rooms,
  (SELECT count(*) FROM organisations WHERE left_on IS NULL AND area_id IN (SELECT id FROM temp.profile_area)) AS orgs,
  (SELECT count(*) FROM organisations WHERE left_on IS NULL AND co_building = 1 AND area_id IN (SELECT id FROM temp.profile_area)) AS cobuild,
  (SELECT count(*) FROM areas WHERE level = 'compound' AND id IN (SELECT id FROM temp.profile_area)) AS compounds,
  (SELECT count(*) FROM areas WHERE level = 'building' AND id IN (SELECT id FROM temp.profile_area)) AS buildings,
  (SELECT count(*) FROM lanes WHERE community_id IN (SELECT id FROM temp.profile_area)) AS lanes,
  (SELECT count(*) FROM service_outlets WHERE kind = 'food_aid' AND closed_on IS NULL AND area_id IN (SELECT id FROM temp.profile_area)) AS shops,
  (SELECT coalesce(sum(n), 0) FROM st) AS staff_n,
  (SELECT coalesce(sum(n), 0) FROM st WHERE category = 'fiscal_salary') AS s1,
  (SELECT coalesce(sum(n), 0) FROM st WHERE category = 'fiscal_subsidy') AS s2,
  (SELECT coalesce(sum(n), 0) FROM st WHERE category = 'public_welfare') AS s3,
  (SELECT coalesce(sum(n), 0) FROM st WHERE category = 'graduate_trainee') AS s4,
  (SELECT count(*) FROM party_members m JOIN party_orgs o ON o.id = m.org_id
   WHERE m.left_on IS NULL AND o.area_id IN (SELECT id FROM temp.profile_area)) AS members)
WHERE :area IS NOT NULL;

-- section: 概况 Profile figures
WITH
c AS (SELECT coalesce((SELECT name FROM areas WHERE id = :area OR name = :area),
                      (SELECT CASE WHEN count(*) = 1 THEN max(name) END FROM areas WHERE parent_id IS NULL), '全部') AS name,
             coalesce((SELECT area_km2 FROM areas WHERE id = :area OR name = :area),
                      CASE WHEN :area IS NULL THEN (SELECT CASE WHEN count(*) = 1 THEN max(area_km2) END FROM areas WHERE parent_id IS NULL) END,
                      (SELECT sum(area_km2) FROM areas WHERE level = 'community' AND id IN (SELECT id FROM temp.profile_area))) AS area_km2),
pp AS (SELECT * FROM temp.profile_people),
pt AS (SELECT * FROM temp.profile_points),
rc AS (SELECT * FROM temp.profile_records)
SELECT 1 AS no, '辖区面积' AS item, (SELECT area_km2 FROM c) AS value, '平方公里' AS unit
UNION ALL SELECT 2, '居民户数', (SELECT hh FROM pp), '户'
UNION ALL SELECT 3, '总人口', (SELECT pop FROM pp), '人'
UNION ALL SELECT 4, '民族数', (SELECT groups FROM pp), '个'
UNION ALL SELECT 5, '低保户', (SELECT low_hh FROM pp), '户'
UNION ALL SELECT 6, '低保人员', (SELECT low_n FROM pp), '人'
UNION ALL SELECT 7, '流动人口', (SELECT floating FROM pp), '人'
UNION ALL SELECT 8, '重点人口', (SELECT key_n FROM pp), '人'
UNION ALL SELECT 9, '宗教场所', (SELECT sites FROM rc), '处'
UNION ALL SELECT 10, '租赁房屋', (SELECT rooms FROM rc), '间'
UNION ALL SELECT 11, '机关企事业单位', (SELECT orgs FROM rc), '个'
UNION ALL SELECT 12, '共驻共建单位', (SELECT cobuild FROM rc), '个'
UNION ALL SELECT 13, '小区', (SELECT compounds FROM rc), '个'
UNION ALL SELECT 14, '栋楼', (SELECT buildings FROM rc), '栋'
UNION ALL SELECT 15, '巷道', (SELECT lanes FROM rc), '条'
UNION ALL SELECT 16, '低保爱心粮油超市', (SELECT shops FROM rc), '处'
UNION ALL SELECT 17, '工作人员', (SELECT staff_n FROM rc), '人'
UNION ALL SELECT 18, '其中财政工资人员', (SELECT s1 FROM rc), '人'
UNION ALL SELECT 19, '其中财政补贴人员', (SELECT s2 FROM rc), '人'
UNION ALL SELECT 20, '其中公益性岗位', (SELECT s3 FROM rc), '人'
UNION ALL SELECT 21, '其中见习大学生', (SELECT s4 FROM rc), '人'
UNION ALL SELECT 22, '党员', (SELECT members FROM rc), '人'
UNION ALL SELECT 23, '睦邻点', (SELECT points FROM pt), '个'
UNION ALL SELECT 24, '睦邻点器材投入', (SELECT equipment_yuan FROM pt), '元'
UNION ALL SELECT 25, '歌舞活动、手工培训', (SELECT sessions FROM pt), '次'
UNION ALL SELECT 26, '活动人数', (SELECT person_times FROM pt), '人次'
UNION ALL SELECT 27, '手工制作培训', (SELECT trainings FROM pt), '次'
UNION ALL SELECT 28, '培训人数', (SELECT trainees FROM pt), '人'
UNION ALL SELECT 29, '宣传教育活动', (SELECT publicity FROM pt), '次'
UNION ALL SELECT 30, '获取各类信息', (SELECT infos FROM pt), '条'
UNION ALL SELECT 31, '未落楼栋 residents not in a building', (SELECT unplaced FROM pp), '人';

-- section: 民族构成 Ethnic composition
-- chart: pie label=name value=n
WITH g AS (SELECT * FROM temp.profile_groups)
SELECT code, coalesce(ethnic_name(code), '未填') AS name, n,
       round(100.0 * n / (SELECT sum(n) FROM g), 1) AS pct
FROM g ORDER BY n DESC, code;

-- section: 睦邻点 Neighbourhood points
SELECT p.name, p.place, p.floor_m2,
       CASE WHEN :unmasked = 1 THEN l.name ELSE name_mask(l.name) END AS leader, l.id AS _leader,
       CASE WHEN :unmasked = 1 THEN s.name ELSE name_mask(s.name) END AS contact,
       coalesce(s.resident_id, 'staff ' || s.id) AS _contact,
       p.equipment_yuan, p.opened_on, pc.sessions, pc.person_times
FROM temp.profile_point_counts pc JOIN activity_points p ON p.id = pc.id
LEFT JOIN residents l ON l.id = p.leader_id LEFT JOIN staff s ON s.id = p.contact_id
ORDER BY p.id;

-- section: 概况段落 The paragraph
WITH
c AS (SELECT coalesce((SELECT name FROM areas WHERE id = :area OR name = :area),
                      (SELECT CASE WHEN count(*) = 1 THEN max(name) END FROM areas WHERE parent_id IS NULL), '全部') AS name,
             coalesce((SELECT area_km2 FROM areas WHERE id = :area OR name = :area),
                      CASE WHEN :area IS NULL THEN (SELECT CASE WHEN count(*) = 1 THEN max(area_km2) END FROM areas WHERE parent_id IS NULL) END,
                      (SELECT sum(area_km2) FROM areas WHERE level = 'community' AND id IN (SELECT id FROM temp.profile_area))) AS area_km2),
pp AS (SELECT * FROM temp.profile_people),
g AS (SELECT * FROM temp.profile_groups),
rc AS (SELECT * FROM temp.profile_records),
-- The colloquial one-character forms the seeds use (汉、哈、维、蒙、回 …).
eg AS (SELECT code, n,
              row_number() OVER (ORDER BY n DESC, code) AS k,
              CASE code WHEN '01' THEN '汉' WHEN '02' THEN '蒙' WHEN '03' THEN '回'
                WHEN '04' THEN '藏' WHEN '05' THEN '维' WHEN '10' THEN '朝' WHEN '11' THEN '满'
                WHEN '17' THEN '哈' WHEN '29' THEN '柯' WHEN '38' THEN '锡' WHEN '43' THEN '乌'
                WHEN '44' THEN '俄' WHEN '50' THEN '塔塔尔' WHEN '41' THEN '塔吉克' WHEN '31' THEN '达'
                ELSE replace(coalesce(ethnic_name(code), '未填'), '族', '') END AS short
       FROM g WHERE code IS NOT NULL),
cn(n, t) AS (VALUES (1, '一'), (2, '两'), (3, '三'), (4, '四'), (5, '五'), (6, '六'), (7, '七'), (8, '八'), (9, '九'), (10, '十')),
v AS (SELECT
  (SELECT name FROM c) AS community,
  (SELECT CASE WHEN area_km2 IS NOT NULL THEN printf('%g', area_km2) END FROM c) AS km2,
  (SELECT hh FROM pp) AS hh,
  (SELECT pop FROM pp) AS pop,
  (SELECT count(*) FROM eg) AS groups,
  (SELECT group_concat(short, '、') FROM (SELECT short FROM eg WHERE k <= 5 ORDER BY k)) AS named,
  (SELECT group_concat(short || '族' || n || '人', ',') FROM (SELECT short, n FROM eg WHERE k <= 3 ORDER BY k)) AS top3,
  (SELECT coalesce(sum(n), 0) FROM eg WHERE k > 3) + (SELECT no_code FROM pp) AS others,
  (SELECT low_hh FROM pp) AS low_hh,
  (SELECT low_n FROM pp) AS low_n,
  (SELECT floating FROM pp) AS floating,
  (SELECT key_n FROM pp) AS key_n,
  (SELECT sites FROM rc) AS sites,
  (SELECT rooms FROM rc) AS rooms,
  (SELECT orgs FROM rc) AS orgs,
  (SELECT cobuild FROM rc) AS cobuild,
  (SELECT compounds FROM rc) AS compounds,
  (SELECT buildings FROM rc) AS buildings,
  (SELECT lanes FROM rc) AS lanes,
  (SELECT shops FROM rc) AS shops,
  (SELECT staff_n FROM rc) AS staff_n,
  (SELECT s1 FROM rc) AS s1,
  (SELECT s2 FROM rc) AS s2,
  (SELECT s3 FROM rc) AS s3,
  (SELECT s4 FROM rc) AS s4,
  (SELECT members FROM rc) AS members)
SELECT community || CASE WHEN km2 IS NULL THEN '' ELSE '辖区总面积' || km2 || '平方公里,' END || '现有居民' || hh || '户,总人口' || pop || '人,有'
    || coalesce(named, '') || '等' || groups || '个民族组成,其中' || coalesce(top3, '')
    || CASE WHEN others > 0 OR groups > 3 THEN ',其他民族' || others || '人。' ELSE '。' END
    || '低保人员' || low_hh || '户,共' || low_n || '人。流动人口' || floating || '人,重点人口' || key_n
    || '人,宗教场所' || sites || '处,租赁房屋' || rooms || '间,辖区内有机关企事业单位' || orgs
    || '个、其中共驻共建单位' || cobuild || '个,小区' || compounds || '个,共有' || buildings
    || '栋楼,大小巷道' || lanes || '条。'
    || CASE WHEN shops > 0 THEN '低保爱心粮油超市' || coalesce((SELECT t FROM cn WHERE cn.n = shops), shops) || '处。' ELSE '' END
    || ' 社区现配置工作人员' || staff_n || '人,其中财政工资人员' || s1 || '名,财政补贴人员' || s2
    || '名,公益性岗位' || s3 || '人,见习大学生' || s4 || '人,党员' || members || '人。' AS text
FROM v;

-- section: 睦邻点段落 The points paragraph
WITH
pts AS (SELECT p.* FROM temp.profile_point_counts pc JOIN activity_points p ON p.id = pc.id),
pt AS (SELECT * FROM temp.profile_points),
cn(n, t) AS (VALUES (1, '一'), (2, '两'), (3, '三'), (4, '四'), (5, '五'), (6, '六'), (7, '七'), (8, '八'), (9, '九'), (10, '十'))
SELECT '共有' || coalesce((SELECT t FROM cn WHERE n = (SELECT points FROM pt)), (SELECT points FROM pt))
    || '个"睦邻点",分别为' || (SELECT group_concat('"' || name || '"', '、') FROM (SELECT name FROM pts ORDER BY id))
    || ';共投入' || (SELECT equipment_yuan FROM pt) || '元配备器材。'
    || '组织歌舞活动、手工培训' || (SELECT sessions FROM pt)
    || '次,活动人数达' || (SELECT person_times FROM pt)
    || '人(次),开展手工制作培训' || (SELECT trainings FROM pt)
    || '次,培训人数' || (SELECT trainees FROM pt)
    || '人。通过睦邻点开展各类宣传教育活动' || (SELECT publicity FROM pt)
    || '次,获取各类信息' || (SELECT infos FROM pt) || '条。' AS text;
