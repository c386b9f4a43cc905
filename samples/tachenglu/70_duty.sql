-- 塔城路社区 sample, part 7: building heads, red posts and their rotas.
-- Seed 000: a 轮流值日表 of party members and 楼栋长 at the points.
-- Seed 002: three 红色岗位 — a daily security patrol of 1 party-member team
-- leader + N residents (here 3), a culture post and a publicity post.
-- Seed 003: in-service members who reported (双报到) serve on the last
-- Saturday of every month.  January 2023 of the patrol and the first three
-- 双报到 Saturdays are already drawn and served, so roster() continues them.
BEGIN;
-- 楼栋长: one per building, the longest-resident registered head there.
INSERT INTO area_heads(area_id, resident_id, role, from_date)
SELECT b.id, (SELECT r.id FROM residents_current r WHERE r.area_id = b.id AND r.relation = 'head'
                AND r.registration = 'registered' AND r.birth_date <= '1975-12-31' AND r.key_person = 0
              ORDER BY r.moved_in, r.id LIMIT 1), 'building_head', '2021-01-01'
FROM areas b WHERE b.level = 'building' ORDER BY b.id;

INSERT INTO duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days, kind, point_id, area_id) VALUES
  (1, '治安巡逻岗',           'FREQ=DAILY',                 '2023-01-01', 1, 3, 3,  'patrol',      NULL, 4),
  (2, '老年歌舞睦邻点值日',   'FREQ=WEEKLY;BYDAY=MO,WE,FR', '2023-01-02', 1, 1, 7,  'point_rota',  1,    4),
  (3, '手工技能课堂值日',     'FREQ=WEEKLY;BYDAY=TU,TH,SA', '2023-01-03', 0, 1, 7,  'point_rota',  2,    4),
  (4, '在职党员双报到服务日', 'FREQ=MONTHLY;BYDAY=-1SA',    '2023-01-28', 1, 5, 28, 'dual_report', NULL, 4),
  (5, '文化传播岗',           'FREQ=WEEKLY;BYDAY=SA',       '2023-01-07', 1, 2, 14, 'culture',     NULL, 4),
  (6, '党建宣传岗',           'FREQ=MONTHLY;BYMONTHDAY=15', '2023-01-15', 1, 2, 28, 'publicity',   NULL, 4);

-- Patrol: 8 retired party members lead, the 30 patrol volunteers walk.
INSERT INTO duty_pool(post_id, person_id, role, active_from)
SELECT 1, resident_id, 'leader', '2023-01-01' FROM (
  SELECT m.resident_id FROM party_members m JOIN residents r ON r.id = m.resident_id
  WHERE m.status = 'retired' AND m.left_on IS NULL AND r.birth_date >= '1950-01-01'
  ORDER BY m.resident_id LIMIT 8);
INSERT INTO duty_pool(post_id, person_id, role, active_from, active_to)
SELECT 1, resident_id, 'member', max(joined_on, '2023-01-01'), left_on
FROM volunteers WHERE team_id = 1 AND left_on IS NULL;
UPDATE duty_pool SET weight = 2 WHERE post_id = 1 AND role = 'member'
  AND person_id = (SELECT leader_id FROM volunteer_teams WHERE id = 1);

-- Point rotas: other retired members lead, building heads serve.
INSERT INTO duty_pool(post_id, person_id, role)
SELECT 2, m.resident_id, 'leader' FROM party_members m
WHERE m.status = 'retired' AND m.left_on IS NULL
  AND m.resident_id NOT IN (SELECT person_id FROM duty_pool WHERE post_id = 1)
ORDER BY m.resident_id LIMIT 10;
INSERT INTO duty_pool(post_id, person_id, role)
SELECT 2, resident_id, 'member' FROM area_heads WHERE role = 'building_head' AND area_id % 2 = 1
  AND resident_id NOT IN (SELECT person_id FROM duty_pool);
INSERT INTO duty_pool(post_id, person_id, role)
SELECT 3, resident_id, 'member' FROM area_heads WHERE role = 'building_head' AND area_id % 2 = 0
  AND resident_id NOT IN (SELECT person_id FROM duty_pool);

-- 双报到: the 20 reported in-service members; the secretary of the
-- in-service branch and three more lead.
INSERT INTO duty_pool(post_id, person_id, role, active_from)
SELECT 4, resident_id, CASE WHEN row_number() OVER (ORDER BY reported_on, resident_id) <= 4
                            THEN 'leader' ELSE 'member' END, reported_on
FROM party_members WHERE status = 'in_service' AND reported_on IS NOT NULL AND left_on IS NULL;

-- Culture and publicity posts: the points' volunteers and the remaining members.
INSERT INTO duty_pool(post_id, person_id, role)
SELECT 5, resident_id, CASE WHEN resident_id IN (SELECT leader_id FROM activity_points) THEN 'leader' ELSE 'member' END
FROM volunteers WHERE team_id = 6;
INSERT INTO duty_pool(post_id, person_id, role)
SELECT 6, m.resident_id, CASE WHEN m.org_id IN (12, 13) THEN 'leader' ELSE 'member' END
FROM party_members m WHERE m.status = 'retired' AND m.left_on IS NULL
  AND m.resident_id NOT IN (SELECT person_id FROM duty_pool WHERE post_id IN (1, 2));

-- Leave and illness.
INSERT INTO duty_unavailable(person_id, from_date, to_date, reason)
SELECT person_id, u.column2, u.column3, u.column4
FROM (SELECT person_id, row_number() OVER (ORDER BY person_id) AS k FROM duty_pool WHERE post_id = 1) p
JOIN (VALUES (1, '2023-02-01', '2023-02-20', '探亲'), (2, '2023-03-10', '2023-03-31', '住院'),
             (3, '2023-05-01', '2023-05-07', '外出旅游'), (4, '2023-07-15', '2023-08-15', '照顾孙辈'),
             (5, '2023-10-01', '2023-10-10', '探亲'), (9, '2023-02-06', '2023-02-12', '感冒'),
             (14, '2023-06-01', '2023-06-30', '手术康复')) u ON u.column1 = p.k;

-- January's patrol, served: leaders in turn, members three at a time.
INSERT INTO duty_assignments(post_id, duty_date, slot, role, person_id, status)
WITH RECURSIVE d(i, day) AS (SELECT 0, '2023-01-01' UNION ALL
                             SELECT i + 1, date(day, '+1 day') FROM d WHERE i < 30),
l AS (SELECT person_id, row_number() OVER (ORDER BY person_id) - 1 AS j FROM duty_pool WHERE post_id = 1 AND role = 'leader'),
m AS (SELECT person_id, row_number() OVER (ORDER BY person_id) - 1 AS j FROM duty_pool WHERE post_id = 1 AND role = 'member'),
nl AS (SELECT count(*) AS n FROM l), nm AS (SELECT count(*) AS n FROM m)
SELECT 1, d.day, 1, 'leader', l.person_id, 'served' FROM d, nl JOIN l ON l.j = d.i % nl.n
UNION ALL
SELECT 1, d.day, 2 + s.k, 'member', m.person_id,
       CASE WHEN (d.i + s.k) % 17 = 5 THEN 'absent' ELSE 'served' END
FROM d, nm, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2) s
JOIN m ON m.j = (3 * d.i + s.k) % nm.n
ORDER BY 2, 3;

-- The first three 双报到 Saturdays of 2023.
INSERT INTO duty_assignments(post_id, duty_date, slot, role, person_id, status)
WITH d(i, day) AS (VALUES (0, '2023-01-28'), (1, '2023-02-25'), (2, '2023-03-25')),
l AS (SELECT person_id, row_number() OVER (ORDER BY person_id) - 1 AS j FROM duty_pool WHERE post_id = 4 AND role = 'leader'),
m AS (SELECT person_id, row_number() OVER (ORDER BY person_id) - 1 AS j FROM duty_pool WHERE post_id = 4 AND role = 'member'),
nm AS (SELECT count(*) AS n FROM m)
SELECT 4, d.day, 1, 'leader', l.person_id, 'served' FROM d JOIN l ON l.j = d.i
UNION ALL
SELECT 4, d.day, 2 + s.k, 'member', m.person_id, 'served'
FROM d, nm, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) s
JOIN m ON m.j = (5 * d.i + s.k) % nm.n
ORDER BY 2, 3;
COMMIT;
