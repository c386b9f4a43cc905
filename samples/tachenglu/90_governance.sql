-- 塔城路社区 sample, part 9: governance.
-- Seed 002: a 协商议事会 chaired by the party secretary with 10 members,
-- issues raised by residents → reviewed by the two committees → deliberated
-- → resolved, through four modes (集中/走访/上门/微信), 50+ disputes resolved
-- in a year; a women's council reporting to it; 微心愿 fulfilled.
-- Seed 004: the hardship ledger (台账) in three classes.  Seed 001: the eight
-- 八到家 home visits; 文明家庭 and 学习型家庭.
BEGIN;
INSERT INTO councils(id, area_id, name, kind, chair_id, reports_to)
SELECT 1, 4, '塔城路社区协商议事会', 'consultation', id, NULL FROM residents WHERE name = '李建华';
INSERT INTO councils(id, area_id, name, kind, chair_id, reports_to)
SELECT 2, 4, '塔城路社区妇女议事会', 'women', id, 1 FROM residents WHERE name = '巴汗台';

-- The chair and nine members chosen from the "多方": party members, the
-- point leaders, building heads.
INSERT INTO council_members(council_id, resident_id, role, from_date)
SELECT 1, chair_id, 'chair', '2021-03-01' FROM councils WHERE id = 1;
INSERT INTO council_members(council_id, resident_id, role, from_date)
SELECT 1, resident_id, 'member', '2021-03-01' FROM (
  SELECT leader_id AS resident_id, 0 AS o FROM activity_points
  UNION SELECT secretary_id, 1 FROM party_orgs WHERE kind = 'branch'
  UNION SELECT resident_id, 2 FROM (SELECT resident_id FROM area_heads ORDER BY area_id LIMIT 4))
WHERE resident_id <> (SELECT chair_id FROM councils WHERE id = 1)
ORDER BY o, resident_id LIMIT 9;
INSERT INTO council_members(council_id, resident_id, role, from_date)
SELECT 2, chair_id, 'chair', '2022-03-08' FROM councils WHERE id = 2;
INSERT INTO council_members(council_id, resident_id, role, from_date)
SELECT 2, id, 'member', '2022-03-08' FROM (
  SELECT id FROM residents_current WHERE sex = 'F' AND birth_date BETWEEN '1955-01-01' AND '1990-12-31'
    AND name <> '巴汗台' ORDER BY (id * 3266489917 % 4294967296), id LIMIT 6);

-- 62 issues of 2023: 54 resolved, 3 deliberated, 2 reviewed, 2 just raised, 1 withdrawn.
INSERT INTO council_issues(council_id, raised_by, title, category, mode, status,
                           raised_on, reviewed_on, deliberated_on, resolved_on, outcome)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 62),
t(k, title, category) AS (VALUES
  (0, '楼上漏水殃及楼下住户', 'dispute'), (1, '小区停车位分配争议', 'parking'),
  (2, '广场舞噪音扰民', 'noise'), (3, '楼道堆放杂物', 'environment'),
  (4, '宠物犬未拴绳', 'pets'), (5, '老旧楼加装电梯意见不一', 'repair'),
  (6, '物业费收缴争议', 'property'), (7, '邻里之间违章搭建纠纷', 'dispute'),
  (8, '垃圾点位设置', 'environment'), (9, '冬季供暖不热', 'repair')),
x AS (SELECT n.i, date('2023-01-03', '+' || (n.i * 5 + n.i % 4) || ' days') AS raised,
             CASE WHEN n.i <= 54 THEN 'resolved' WHEN n.i <= 57 THEN 'deliberated'
                  WHEN n.i <= 59 THEN 'reviewed' WHEN n.i <= 61 THEN 'raised' ELSE 'withdrawn' END AS status
      FROM n),
r AS (SELECT id, row_number() OVER (ORDER BY (id * 668265263 % 4294967296), id) AS j FROM residents_current
      WHERE birth_date <= '2000-12-31')
SELECT CASE WHEN x.i % 9 = 4 THEN 2 ELSE 1 END, r.id, t.title, t.category,
       CASE x.i % 7 WHEN 0 THEN 'meeting' WHEN 1 THEN 'walkround' WHEN 2 THEN 'walkround'
                    WHEN 3 THEN 'home' WHEN 4 THEN 'wechat' WHEN 5 THEN 'wechat' ELSE 'home' END,
       x.status, x.raised,
       CASE WHEN x.status IN ('reviewed', 'deliberated', 'resolved') THEN date(x.raised, '+' || (2 + x.i % 5) || ' days') END,
       CASE WHEN x.status IN ('deliberated', 'resolved') AND x.i % 6 <> 0
            THEN date(x.raised, '+' || (2 + x.i % 5 + 3 + x.i % 8) || ' days') END,
       CASE WHEN x.status = 'resolved' THEN date(x.raised, '+' || (2 + x.i % 5 + 3 + x.i % 8 + 1 + (x.i * 7) % 25) || ' days') END,
       CASE WHEN x.status = 'resolved' THEN '经协商达成一致,已化解'
            WHEN x.status = 'withdrawn' THEN '当事人自行协商解决,撤回' END
FROM x JOIN t ON t.k = x.i % 10 JOIN r ON r.j = x.i * 37;
-- Issues resolved by the two committees without going to the council keep
-- deliberated_on NULL; the CHECK allows that only with status 'resolved'.
UPDATE council_issues SET status = 'deliberated', deliberated_on = date(reviewed_on, '+4 days')
WHERE status = 'deliberated' AND deliberated_on IS NULL;

-- 微心愿: 20 wishes at the 2023 邻里节, claimed by party members, 17 fulfilled.
INSERT INTO micro_wishes(resident_id, wish, raised_on, claimed_by, claimed_on, fulfilled_on, festival_id)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20),
w AS (SELECT id, row_number() OVER (ORDER BY (id * 2246822519 % 4294967296), id) AS j FROM residents_current
      WHERE low_income = 1 AND (birth_date <= '1960-12-31' OR birth_date >= '2008-01-01')),
c AS (SELECT resident_id, row_number() OVER (ORDER BY resident_id) AS j FROM party_members WHERE left_on IS NULL)
SELECT w.id,
       CASE n.i % 8 WHEN 0 THEN '一台电暖器' WHEN 1 THEN '一套学习用品' WHEN 2 THEN '一副老花镜'
                    WHEN 3 THEN '一件冬衣' WHEN 4 THEN '一辆助行器' WHEN 5 THEN '一次上门理发'
                    WHEN 6 THEN '一个书包' ELSE '一袋大米和一桶油' END,
       '2023-09-16', c.resident_id,
       CASE WHEN n.i <= 19 THEN date('2023-09-16', '+' || (1 + n.i % 6) || ' days') END,
       CASE WHEN n.i <= 17 THEN date('2023-09-16', '+' || (8 + n.i % 20) || ' days') END,
       2
FROM n JOIN w ON w.j = n.i * 5 JOIN c ON c.j = 1 + (n.i * 7) % 70;
UPDATE micro_wishes SET claimed_by = NULL WHERE claimed_on IS NULL;

-- 困难群体台账: able and willing → placement; able but unskilled → training;
-- neither → 1+1 pairing with a cadre of a co-building unit or a member.
INSERT INTO hardship_cases(household_id, resident_id, class, reason, assessed_on,
                           paired_cadre, paired_with, paired_on, status, resolved_on, outcome)
WITH c AS (
  SELECT r.id, r.household_id, r.birth_date,
         row_number() OVER (PARTITION BY CASE WHEN r.birth_date >= '1968-01-01' THEN 1 ELSE 0 END
                            ORDER BY (r.id * 374761393 % 4294967296), r.id) AS j,
         CASE WHEN r.birth_date >= '1968-01-01' THEN 1 ELSE 0 END AS working_age
  FROM residents_current r WHERE r.low_income = 1 AND r.birth_date <= '2003-12-31'),
pm AS (SELECT resident_id, row_number() OVER (ORDER BY resident_id) AS j FROM party_members
       WHERE left_on IS NULL AND status = 'retired')
SELECT c.household_id, c.id,
       CASE WHEN c.working_age = 1 AND c.j <= 12 THEN 'placement' WHEN c.working_age = 1 THEN 'training' ELSE 'pairing' END,
       CASE WHEN c.working_age = 1 AND c.j <= 12 THEN '下岗失业' WHEN c.working_age = 1 THEN '缺乏技能'
            WHEN c.j % 3 = 0 THEN '孤寡老人' WHEN c.j % 3 = 1 THEN '重病' ELSE '残疾' END,
       date('2023-01-05', '+' || (c.j * 9) || ' days'),
       CASE WHEN c.working_age = 0 AND c.j <= 10 THEN
         CASE WHEN c.j % 2 = 0 THEN (SELECT name FROM organisations WHERE id = 1 + c.j % 21) || '干部'
              ELSE NULL END END,
       CASE WHEN c.working_age = 0 AND c.j <= 10 AND c.j % 2 = 1 THEN (SELECT resident_id FROM pm WHERE pm.j = c.j) END,
       CASE WHEN c.working_age = 0 AND c.j <= 10 THEN date('2023-01-05', '+' || (c.j * 9 + 6) || ' days') END,
       CASE WHEN c.working_age = 0 AND c.j > 10 THEN 'open'
            WHEN c.j % 4 = 0 THEN 'resolved' WHEN c.j % 4 = 1 THEN 'in_progress' ELSE 'open' END,
       CASE WHEN c.j % 4 = 0 AND NOT (c.working_age = 0 AND c.j > 10) THEN date('2023-01-05', '+' || (c.j * 9 + 40) || ' days') END,
       CASE WHEN c.j % 4 = 0 AND NOT (c.working_age = 0 AND c.j > 10) THEN CASE WHEN c.working_age = 1 AND c.j <= 12 THEN '安置到共建单位就业'
                                       WHEN c.working_age = 1 THEN '参加技能培训后就业'
                                       ELSE '结对帮扶,生活有保障' END END
FROM c WHERE (c.working_age = 1 AND c.j <= 22) OR (c.working_age = 0 AND c.j <= 14)
ORDER BY 5, 2;
-- Only pairings have a cadre; four pairings still wait for one.
UPDATE hardship_cases SET paired_cadre = NULL, paired_with = NULL WHERE class <> 'pairing';
UPDATE hardship_cases SET paired_on = NULL WHERE paired_cadre IS NULL AND paired_with IS NULL;

-- 八到家: weddings, funerals, mediation, hospital, new residents,
-- released-prisoner support (帮教, the key persons), benefits, unemployment.
INSERT INTO home_visits(kind, household_id, resident_id, visited_on, staff_id, note)
SELECT 'new_resident', household_id, id, date(moved_in, '+5 days'), 11 + id % 3, '新迁居民走访'
FROM residents_current WHERE relation = 'head' AND moved_in >= '2023-01-01' AND moved_in <= '2023-12-20'
UNION ALL
SELECT 'funeral', household_id, id, date(died_on, '+2 days'), 6, '办理丧事慰问'
FROM residents WHERE died_on >= '2022-01-01'
UNION ALL
SELECT 'rehabilitation', household_id, id, date('2023-01-15', '+' || (q.i * 91) || ' days'), 5, '帮教谈心'
FROM residents_current, (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) q WHERE key_person = 1
UNION ALL
SELECT 'benefit', h.id, NULL, date('2023-01-10', '+' || (q.i * 3) || ' months', '+' || (h.id % 5) || ' days'), 6, '低保金、慰问品送到家'
FROM households h, (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) q
WHERE h.id IN (SELECT household_id FROM residents_current WHERE low_income = 1)
  AND h.id % 12 = 0
UNION ALL
SELECT 'unemployment', household_id, resident_id, date(assessed_on, '+3 days'), 17, '下岗失业安置走访'
FROM hardship_cases WHERE class = 'placement'
UNION ALL
SELECT 'wedding', household_id, id, date('2023-04-01', '+' || (id % 240) || ' days'), 3, '新婚喜事祝贺'
FROM (SELECT * FROM residents_current WHERE relation = 'spouse' AND birth_date >= '1993-01-01'
      ORDER BY (id * 668265263 % 4294967296) LIMIT 12)
UNION ALL
SELECT 'hospital', household_id, id, date('2023-01-20', '+' || (id % 330) || ' days'), 6, '住院看望'
FROM (SELECT * FROM residents_current WHERE birth_date <= '1945-12-31' ORDER BY (id * 2654435761 % 4294967296) LIMIT 14)
UNION ALL
SELECT 'mediation', r.household_id, r.id, i.raised_on, 5, '家庭纠纷调解:' || i.title
FROM council_issues i JOIN residents r ON r.id = i.raised_by WHERE i.category = 'dispute' AND i.mode = 'home'
ORDER BY 4, 1;

-- 文明家庭 and 学习型家庭 of 2023.
INSERT INTO honours(title, level, household_id, awarded_on)
SELECT CASE WHEN id % 5 = 0 THEN '学习型家庭' ELSE '文明家庭' END, 'community', id, '2023-12-20'
FROM households WHERE dissolved_on IS NULL AND (id * 2654435761 % 4294967296) < 4294967296 / 40
ORDER BY id;
COMMIT;
