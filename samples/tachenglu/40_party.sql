-- 塔城路社区 sample, part 4: the party organisation.
-- Seed 000: 72 party members under the community party committee (社区党委).
-- Here: 1 committee, 3 branches (two of retired members, one of in-service
-- members who report under 双报到), 7 groups, 25 responsibility zones (one
-- per compound).  Of the 24 in-service members 20 have reported to the
-- community (报到回执卡 issued), 3 have not, and the secretary works here — the veto rule of the points
-- scheme bites on those.  Two former members (one died, one moved) are kept.
BEGIN;
INSERT INTO party_orgs(id, parent_id, kind, name, area_id, founded_on) VALUES
  (1,  NULL, 'committee', '塔城路社区党委',         4, '2008-07-01'),
  (10, 1,    'branch',    '第一党支部(离退休)',     4, '2008-07-01'),
  (20, 1,    'branch',    '第二党支部(离退休)',     4, '2012-05-01'),
  (30, 1,    'branch',    '第三党支部(在职党员)',   4, '2017-03-01'),
  (11, 10,   'group',     '第一党小组',             4, '2008-07-01'),
  (12, 10,   'group',     '第二党小组',             4, '2008-07-01'),
  (13, 10,   'group',     '第三党小组',             4, '2015-04-01'),
  (21, 20,   'group',     '第四党小组',             4, '2012-05-01'),
  (22, 20,   'group',     '第五党小组',             4, '2012-05-01'),
  (31, 30,   'group',     '在职党员第一小组',       4, '2017-03-01'),
  (32, 30,   'group',     '在职党员第二小组',       4, '2017-03-01');

CREATE TEMP TABLE pm(resident_id INTEGER PRIMARY KEY, status TEXT, k INTEGER);
-- 侯玉华 and the secretary 李建华 first, then 47 retired and 23 in-service
-- members chosen by hash.
INSERT INTO temp.pm SELECT id, 'retired', 0 FROM residents WHERE name = '侯玉华';
INSERT INTO temp.pm SELECT id, 'in_service', 0 FROM residents WHERE name = '李建华';
INSERT INTO temp.pm
SELECT id, 'retired', row_number() OVER (ORDER BY (id * 668265263 % 4294967296), id)
FROM residents_current
WHERE registration = 'registered' AND birth_date <= '1962-12-31' AND name <> '侯玉华'
  AND name NOT IN ('巴汗台', '李建华') AND key_person = 0
ORDER BY (id * 668265263 % 4294967296), id LIMIT 47;
INSERT INTO temp.pm
SELECT id, 'in_service', row_number() OVER (ORDER BY (id * 668265263 % 4294967296), id)
FROM residents_current
WHERE registration = 'registered' AND birth_date BETWEEN '1975-01-01' AND '1998-12-31'
  AND key_person = 0 AND low_income = 0 AND name <> '李建华'
ORDER BY (id * 668265263 % 4294967296), id LIMIT 23;

INSERT INTO party_members(resident_id, org_id, status, membership, joined_on, work_unit,
                          reported_on, receipt_card)
SELECT pm.resident_id,
       CASE WHEN pm.status = 'retired' THEN substr('1112132122', 1 + 2 * (pm.k % 5), 2) + 0
            ELSE 31 + pm.k % 2 END,
       pm.status,
       CASE WHEN pm.status = 'in_service' AND pm.k IN (22, 23) THEN 'probationary' ELSE 'full' END,
       CASE WHEN pm.status = 'in_service' AND pm.k IN (22, 23) THEN '2023-03-15'
            ELSE min(max(date(r.birth_date, '+' || (19 + (r.id % 15)) || ' years'), '1970-07-01'),
                     date('2022-07-01', '-' || (r.id % 300) || ' days')) END,
       CASE WHEN pm.k = 0 AND pm.status = 'in_service' THEN '塔城路社区'
            WHEN pm.status = 'in_service' THEN CASE pm.k % 6
         WHEN 0 THEN '沙依巴克区教育局' WHEN 1 THEN '乌鲁木齐铁路局' WHEN 2 THEN '新疆医科大学附属医院'
         WHEN 3 THEN '国网乌鲁木齐供电公司' WHEN 4 THEN '中国银行新疆分行' ELSE '自治区气象局' END END,
       CASE WHEN pm.status = 'in_service' AND pm.k BETWEEN 1 AND 20
            THEN date('2022-03-01', '+' || (pm.k * 11) || ' days') END,
       CASE WHEN pm.status = 'in_service' AND pm.k BETWEEN 1 AND 20 THEN 1 ELSE 0 END
FROM temp.pm JOIN residents r ON r.id = pm.resident_id;

-- Former members: kept with the date they left.
INSERT INTO party_members(resident_id, org_id, status, joined_on, left_on)
SELECT id, 11, 'retired', '1975-07-01', coalesce(died_on, moved_out)
FROM residents WHERE died_on IS NOT NULL ORDER BY id LIMIT 1;
INSERT INTO party_members(resident_id, org_id, status, joined_on, left_on)
SELECT id, 21, 'retired', '1982-07-01', moved_out
FROM residents WHERE moved_out IS NOT NULL AND birth_date < '1960-01-01' ORDER BY id LIMIT 1;

-- Secretaries: the longest-standing member of each branch.
UPDATE party_orgs SET secretary_id = (
  SELECT m.resident_id FROM party_members m JOIN party_orgs g ON g.id = m.org_id
  WHERE g.parent_id = party_orgs.id AND m.left_on IS NULL ORDER BY m.joined_on, m.resident_id LIMIT 1)
WHERE kind = 'branch';
UPDATE party_orgs SET secretary_id = (SELECT id FROM residents WHERE name = '侯玉华') WHERE id = 11;
UPDATE party_orgs SET secretary_id = (SELECT id FROM residents WHERE name = '李建华') WHERE id = 1;

-- 25 责任区, one per compound, each led by a member living there if any.
INSERT INTO responsibility_zones(id, org_id, name, area_id, leader_id)
SELECT a.id - 100, substr('11121321221112132122111213212231323132', 1 + 2 * ((a.id - 101) % 19), 2) + 0,
       a.name || '责任区', a.id,
       (SELECT m.resident_id FROM party_members m JOIN residents r ON r.id = m.resident_id
          JOIN areas b ON b.id = r.area_id
        WHERE b.parent_id = a.id AND m.left_on IS NULL ORDER BY m.resident_id LIMIT 1)
FROM areas a WHERE a.level = 'compound' ORDER BY a.id;

-- 社区表现情况反馈单: each quarter of 2023, the community rates every reported
-- in-service member to the employer, and the employer answers.
INSERT INTO member_feedback(resident_id, period, direction, rating, sent_on)
WITH q(period) AS (VALUES ('2023-01-01'), ('2023-04-01'), ('2023-07-01'), ('2023-10-01')),
d(direction) AS (VALUES ('to_employer'), ('to_community'))
SELECT m.resident_id, q.period, d.direction,
       CASE (m.resident_id + length(q.period || d.direction) + CAST(substr(q.period, 6, 2) AS INTEGER)) % 7
         WHEN 0 THEN 'fair' WHEN 1 THEN 'good' WHEN 2 THEN 'good' ELSE 'excellent' END,
       date(q.period, '+3 months', CASE d.direction WHEN 'to_employer' THEN '+4 days' ELSE '+18 days' END)
FROM party_members m, q, d
WHERE m.status = 'in_service' AND m.reported_on IS NOT NULL AND m.left_on IS NULL
ORDER BY m.resident_id, q.period, d.direction;
DROP TABLE temp.pm;
COMMIT;
