-- 塔城路社区 sample, part 5: the two 睦邻点 and what happened there in 2023.
-- Seed 000: "老年歌舞" in the 200 m² ground-floor hall led by 侯玉华, "手工技能
-- 课堂" in 巴汗台's home led by her; one community worker as contact (staff
-- 10); 7,000+ yuan of equipment; 400+ song-and-dance sessions and handicraft
-- classes with 1,300 person-times; 6 handicraft trainings with 46 trainees;
-- 17 publicity events; 75 pieces of information; a quarterly 例会.
-- Person-times are attendance rows: exactly 1,300 at the points' sessions
-- and trainings (46 of them the trainees).  A 邻里节 (seeds 002/003) with its
-- five sections, and the meeting cadence of seed 001, are here too.
BEGIN;
INSERT INTO activity_points(id, area_id, name, place, floor_m2, leader_id, contact_id, equipment_yuan, opened_on)
SELECT 1, 4, '老年歌舞睦邻点', '社区一楼活动大厅', 200, (SELECT id FROM residents WHERE name = '侯玉华'),
       10, 4800, '2023-01-02'
UNION ALL
SELECT 2, r.area_id, '手工技能课堂睦邻点', '居民巴汗台家里(' || h.door_no || ')', 60, r.id,
       10, 2350, '2023-01-02'
FROM residents r JOIN households h ON h.id = r.household_id WHERE r.name = '巴汗台';

INSERT INTO meetings(id, kind, name, org_id, area_id, rrule, dtstart) VALUES
  (1, 'point_review',     '睦邻点例会(每季度)',       1, 4, 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10', '2023-01-10'),
  (2, 'weekly',           '社区工作例会(每周)',       1, 4, 'FREQ=WEEKLY;BYDAY=MO',                  '2023-01-02'),
  (3, 'committee',        '党委会(每月)',             1, 4, 'FREQ=MONTHLY;BYDAY=1TU',                '2023-01-03'),
  (4, 'democratic_life',  '民主生活会(每半年)',       1, 4, 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=20', '2023-01-20'),
  (5, 'members_assembly', '党员大会(每年)',           1, 4, 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=25',   '2023-02-25'),
  (6, 'joint',            '共驻共建联席会议(每半年)', 1, 4, 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=15', '2023-03-15'),
  (7, 'council',          '协商议事会(每月)',         1, 4, 'FREQ=MONTHLY;BYDAY=2WE',                '2023-01-11');

-- The days of 2023, without the Spring Festival and National Day breaks.
CREATE TEMP TABLE days(d TEXT PRIMARY KEY, dow INTEGER);
INSERT INTO temp.days
WITH RECURSIVE y(d) AS (SELECT '2023-01-02' UNION ALL SELECT date(d, '+1 day') FROM y WHERE d < '2023-12-29')
SELECT d, CAST(strftime('%w', d) AS INTEGER) FROM y
WHERE d NOT BETWEEN '2023-01-20' AND '2023-01-28' AND d NOT BETWEEN '2023-09-29' AND '2023-10-06';

-- Song and dance every weekday; handicraft on Tuesdays, Thursdays and Saturdays.
INSERT INTO activities(kind, title, held_on, hours, area_id, point_id, organiser_id)
SELECT kind, title, d, hours, 4, point_id, 10 FROM (
  SELECT 'song_dance' AS kind, '老年歌舞排练' AS title, d, 2.0 AS hours, 1 AS point_id
  FROM temp.days WHERE dow BETWEEN 1 AND 5
  UNION ALL
  SELECT 'handicraft', '手工制作(织毛衣、刺绣)', d, 2.5, 2 FROM temp.days WHERE dow IN (2, 4, 6))
ORDER BY d, point_id;

-- 6 handicraft trainings (手工制作培训).
INSERT INTO activities(kind, title, held_on, hours, area_id, point_id, organiser_id) VALUES
  ('training', '手工制作培训:哈萨克毡绣',   '2023-03-11', 3, 4, 2, 10),
  ('training', '手工制作培训:十字绣',       '2023-04-15', 3, 4, 2, 10),
  ('training', '手工制作培训:毛线编织',     '2023-05-20', 3, 4, 2, 10),
  ('training', '手工制作培训:串珠工艺',     '2023-06-17', 3, 4, 2, 10),
  ('training', '手工制作培训:布艺花卉',     '2023-09-16', 3, 4, 2, 10),
  ('training', '手工制作培训:民族服饰刺绣', '2023-11-18', 3, 4, 2, 10);

-- 17 publicity and education events held through the points.
INSERT INTO activities(kind, title, held_on, hours, area_id, point_id, organiser_id)
SELECT 'publicity', column1, column2, 1.5, 4, column3, column4 FROM (VALUES
  ('医保政策宣传', '2023-02-16', 1, 6), ('计划生育政策宣传', '2023-03-08', 2, 7),
  ('防范电信诈骗宣传', '2023-03-23', 1, 5), ('养老保险政策宣讲', '2023-04-13', 1, 6),
  ('民族团结一家亲宣讲', '2023-04-27', 2, 9), ('消防安全知识宣传', '2023-05-11', 1, 16),
  ('低保政策解读', '2023-05-25', 2, 6), ('建党节主题宣讲', '2023-06-29', 1, 9),
  ('禁毒宣传', '2023-06-26', 2, 5), ('垃圾分类宣传', '2023-07-13', 1, 14),
  ('老年人防跌倒健康讲座', '2023-08-10', 2, 6), ('国家安全知识宣传', '2023-08-24', 1, 5),
  ('国庆节"歌唱祖国"宣讲', '2023-09-21', 1, 9), ('冬季取暖安全宣传', '2023-10-19', 2, 16),
  ('法律援助进睦邻点', '2023-11-09', 1, 5), ('医保缴费提醒宣传', '2023-11-23', 2, 6),
  ('宪法宣传日活动', '2023-12-04', 1, 9));

-- Quarterly 例会 on the points (meeting 1).
INSERT INTO activities(kind, title, held_on, hours, area_id, meeting_id, organiser_id) VALUES
  ('meeting', '睦邻点第一季度例会', '2023-01-10', 1.5, 4, 1, 1),
  ('meeting', '睦邻点第二季度例会', '2023-04-10', 1.5, 4, 1, 1),
  ('meeting', '睦邻点第三季度例会', '2023-07-10', 1.5, 4, 1, 1),
  ('meeting', '睦邻点第四季度例会', '2023-10-10', 1.5, 4, 1, 1);

-- Regulars: 60 older residents dance; 35 women near 巴汗台 do handicraft.
CREATE TEMP TABLE reg(point_id INTEGER, i INTEGER, resident_id INTEGER, PRIMARY KEY (point_id, i));
INSERT INTO temp.reg
SELECT 1, 0, id FROM residents WHERE name = '侯玉华';
INSERT INTO temp.reg
SELECT 1, row_number() OVER (ORDER BY (id * 374761393 % 4294967296), id), id
FROM residents_current WHERE birth_date <= '1968-12-31' AND name <> '侯玉华'
  AND (sex = 'F' OR id % 4 = 0)
ORDER BY (id * 374761393 % 4294967296), id LIMIT 59;
INSERT INTO temp.reg
SELECT 2, 0, id FROM residents WHERE name = '巴汗台';
INSERT INTO temp.reg
SELECT 2, row_number() OVER (ORDER BY (r.id * 2246822519 % 4294967296), r.id), r.id
FROM residents_current r JOIN areas b ON b.id = r.area_id
WHERE r.sex = 'F' AND r.birth_date BETWEEN '1945-01-01' AND '1975-12-31' AND r.name <> '巴汗台'
  AND b.parent_id IN (SELECT c.id FROM areas c WHERE c.parent_id =
        (SELECT c2.parent_id FROM areas c2 JOIN areas b2 ON b2.parent_id = c2.id
           JOIN residents x ON x.area_id = b2.id WHERE x.name = '巴汗台'))
ORDER BY (r.id * 2246822519 % 4294967296), r.id LIMIT 34;

-- Candidates: six per session, regulars (base + 11k) mod R; the first two
-- always come, and the extras ranked by hash fill up to 1,300 − 46.
CREATE TEMP TABLE cand(activity_id INTEGER, k INTEGER, resident_id INTEGER, h INTEGER);
INSERT INTO temp.cand
WITH RECURSIVE k(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM k WHERE k < 5),
rn AS (SELECT point_id, count(*) AS n FROM temp.reg GROUP BY point_id)
SELECT a.id, k.k, g.resident_id, (a.id * 31 + k.k) * 2654435761 % 4294967296
FROM activities a JOIN rn ON rn.point_id = a.point_id CROSS JOIN k
JOIN temp.reg g ON g.point_id = a.point_id
 AND g.i = ((a.id * 2246822519 % 4294967296) / 65536 + 11 * k.k) % rn.n
WHERE a.kind IN ('song_dance', 'handicraft');
INSERT INTO attendance(activity_id, resident_id, role)
SELECT activity_id, resident_id, 'participant' FROM temp.cand WHERE k < 2;
INSERT INTO attendance(activity_id, resident_id, role)
SELECT activity_id, resident_id, 'participant' FROM temp.cand WHERE k >= 2
ORDER BY h, activity_id, k
LIMIT 1300 - 46 - (SELECT count(*) FROM attendance);

-- 46 trainees, each at one training: 8, 8, 8, 8, 7, 7.
INSERT INTO attendance(activity_id, resident_id, role)
WITH t AS (SELECT id, row_number() OVER (ORDER BY held_on) - 1 AS j FROM activities WHERE kind = 'training'),
w AS (SELECT id AS resident_id, row_number() OVER (ORDER BY (id * 3266489917 % 4294967296), id) - 1 AS j
      FROM residents_current WHERE sex = 'F' AND birth_date BETWEEN '1955-01-01' AND '2003-12-31'
      ORDER BY (id * 3266489917 % 4294967296), id LIMIT 46)
SELECT t.id, w.resident_id, 'trainee' FROM w JOIN t
  ON t.j = CASE WHEN w.j < 32 THEN w.j / 8 ELSE 4 + (w.j - 32) / 7 END;

-- Publicity audiences: 12 to 30 adults each.
INSERT INTO attendance(activity_id, resident_id, role)
WITH a AS (SELECT id, 12 + (id * 7) % 19 AS n FROM activities WHERE kind = 'publicity'),
c AS (SELECT id AS resident_id, row_number() OVER (ORDER BY id) - 1 AS j FROM residents_current
      WHERE birth_date <= '2005-12-31')
SELECT a.id, c.resident_id, 'participant' FROM a JOIN c
  ON (c.j * 2654435761 + a.id * 40503) % 4294967296 < a.n * 4294967296 / (SELECT count(*) FROM c);

-- The quarterly 例会: the branch secretaries and the two point leaders.
INSERT INTO attendance(activity_id, resident_id, role)
SELECT a.id, x.resident_id, 'participant'
FROM activities a, (SELECT secretary_id AS resident_id FROM party_orgs WHERE kind = 'branch'
                    UNION SELECT leader_id FROM activity_points) x
WHERE a.kind = 'meeting' AND a.meeting_id = 1;

-- 75 pieces of information gathered at the points (获取各类信息75条).
INSERT INTO info_items(point_id, resident_id, gathered_on, topic, summary, handled_on)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 75),
rn AS (SELECT point_id, count(*) AS c FROM temp.reg GROUP BY point_id)
SELECT 1 + n.i % 2, g.resident_id, date('2023-01-09', '+' || (n.i * 4 + n.i % 3) || ' days'),
       CASE n.i % 6 WHEN 0 THEN 'welfare' WHEN 1 THEN 'safety' WHEN 2 THEN 'environment'
                    WHEN 3 THEN 'dispute' WHEN 4 THEN 'policy' ELSE 'other' END,
       CASE n.i % 6 WHEN 0 THEN '独居老人需要上门照料' WHEN 1 THEN '楼道堆放杂物存在消防隐患'
                    WHEN 2 THEN '小区垃圾清运不及时' WHEN 3 THEN '邻里之间因漏水发生纠纷'
                    WHEN 4 THEN '咨询医保报销政策' ELSE '建议增加健身器材' END,
       CASE WHEN n.i % 9 = 0 THEN NULL
            ELSE date('2023-01-09', '+' || (n.i * 4 + n.i % 3 + 2 + n.i % 5) || ' days') END
FROM n JOIN rn ON rn.point_id = 1 + n.i % 2
JOIN temp.reg g ON g.point_id = rn.point_id AND g.i = (n.i * 13) % rn.c;

-- 邻里节: two editions, five sections each, every section an activity.
INSERT INTO festivals(id, area_id, name, edition, held_on, theme) VALUES
  (1, 4, '塔城路社区第一届邻里节', 1, '2022-09-17', '睦邻友好 和谐家园'),
  (2, 4, '塔城路社区第二届邻里节', 2, '2023-09-16', '民族团结一家亲 睦邻守望邻里情');
INSERT INTO festival_sections(id, festival_id, kind, name)
SELECT (f.id - 1) * 5 + s.column1, f.id, s.column2, s.column3
FROM festivals f, (VALUES (1, 'show', '文艺演出'), (2, 'volunteering', '志愿服务'),
                          (3, 'publicity', '公益宣传'), (4, 'games', '游艺互动'),
                          (5, 'flea_market', '跳蚤市场')) s;
INSERT INTO activities(kind, title, held_on, hours, area_id, section_id, organiser_id)
SELECT 'festival_section', f.name || '·' || s.name, f.held_on, 3, 4, s.id, 9
FROM festival_sections s JOIN festivals f ON f.id = s.festival_id ORDER BY s.id;
INSERT INTO attendance(activity_id, resident_id, role)
WITH a AS (SELECT id, 25 + (id * 13) % 40 AS n FROM activities WHERE kind = 'festival_section'),
c AS (SELECT id AS resident_id, row_number() OVER (ORDER BY id) - 1 AS j FROM residents_current)
SELECT a.id, c.resident_id,
       CASE WHEN a.id % 5 = 0 THEN 'performer' ELSE 'participant' END
FROM a JOIN c ON (c.j * 2246822519 + a.id * 69069) % 4294967296 < a.n * 4294967296 / (SELECT count(*) FROM c);

-- 邻里之星: five each festival.
INSERT INTO honours(title, level, resident_id, festival_id, awarded_on)
SELECT '邻里之星', 'community', resident_id, f.id, f.held_on
FROM festivals f JOIN (SELECT resident_id, i FROM temp.reg WHERE point_id = 1) g
  ON g.i BETWEEN (f.id - 1) * 5 AND (f.id - 1) * 5 + 4
ORDER BY f.id, g.i;

DROP TABLE temp.days; DROP TABLE temp.reg; DROP TABLE temp.cand;
COMMIT;
