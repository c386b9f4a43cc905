-- 塔城路社区 sample, part 6: volunteer teams, members and service hours.
-- Six teams as seed 001 has, named as seeds 002/003 name theirs: a patrol
-- team, a 邻里守望 aid team, three teams of in-service party members (书香
-- 楼门, 文明养犬, 清理小广告) and the points' own volunteers.  Hours are
-- actual service time (travel excluded), one row per session, from the day
-- a volunteer joined to the end of 2023 — enough years for every star
-- level (100/300/600/1000/1500 h) to occur.
BEGIN;
INSERT INTO volunteer_teams(id, area_id, name, kind, founded_on) VALUES
  (1, 4, '塔城路志愿巡逻队',       'patrol',      '2014-05-01'),
  (2, 4, '邻里守望帮扶队',         'aid',         '2015-03-05'),
  (3, 4, '书香楼门志愿服务队',     'environment', '2019-04-01'),
  (4, 4, '文明养犬志愿服务队',     'environment', '2019-04-01'),
  (5, 4, '清理小广告志愿服务队',   'environment', '2019-04-01'),
  (6, 4, '睦邻点志愿服务队',       'culture',     '2023-01-02');

-- Memberships: 30 patrol volunteers, 24 aid volunteers, the reported
-- in-service members spread over teams 3–5, the points' leaders and 20
-- regulars in team 6; a few left again.
CREATE TEMP TABLE vm(resident_id INTEGER, team_id INTEGER, joined_on TEXT, left_on TEXT);
INSERT INTO temp.vm
SELECT id, 1, date('2014-05-01', '+' || ((id * 7) % 2900) || ' days'), NULL FROM (
  SELECT id FROM residents_current WHERE sex = 'M' AND birth_date BETWEEN '1950-01-01' AND '1990-12-31'
    AND key_person = 0 AND id NOT IN (SELECT resident_id FROM party_members)
  ORDER BY (id * 2654435761 % 4294967296), id LIMIT 30);
INSERT INTO temp.vm
SELECT id, 2, date('2015-03-05', '+' || ((id * 11) % 2800) || ' days'), NULL FROM (
  SELECT id FROM residents_current WHERE birth_date BETWEEN '1945-01-01' AND '1985-12-31'
    AND key_person = 0 AND id NOT IN (SELECT resident_id FROM temp.vm)
  ORDER BY (id * 668265263 % 4294967296), id LIMIT 24);
INSERT INTO temp.vm
SELECT resident_id, 3 + resident_id % 3, max(reported_on, '2019-04-01'), NULL
FROM party_members WHERE reported_on IS NOT NULL AND left_on IS NULL;
INSERT INTO temp.vm
SELECT leader_id, 6, '2023-01-02', NULL FROM activity_points;
INSERT INTO temp.vm
SELECT a.resident_id, 6, min(x.held_on), NULL
FROM attendance a JOIN activities x ON x.id = a.activity_id
WHERE x.kind IN ('song_dance', 'handicraft')
  AND a.resident_id NOT IN (SELECT leader_id FROM activity_points)
GROUP BY a.resident_id ORDER BY count(*) DESC, a.resident_id LIMIT 20;
-- Retired party members volunteer too (邻里守望).
INSERT INTO temp.vm
SELECT resident_id, 2, date(joined_on, '+30 years'), NULL FROM party_members
WHERE status = 'retired' AND left_on IS NULL AND resident_id % 2 = 0
  AND resident_id NOT IN (SELECT resident_id FROM temp.vm WHERE team_id = 2);
UPDATE temp.vm SET joined_on = max(joined_on, '2015-03-05') WHERE team_id = 2;
UPDATE temp.vm SET left_on = '2022-12-31'
WHERE team_id IN (1, 2) AND (resident_id * 2246822519 % 4294967296) / 65536 % 10 = 0
  AND joined_on < '2021-01-01';

INSERT INTO volunteers(resident_id, team_id, joined_on, left_on)
SELECT resident_id, team_id, joined_on, left_on FROM temp.vm ORDER BY team_id, resident_id;

-- Sessions: a volunteer's tier (by hash) sets the total; sessions are
-- spread evenly over the membership; 1.5–4 h each.
CREATE TEMP TABLE vt(vid INTEGER PRIMARY KEY, resident_id INTEGER, team_id INTEGER,
                     d0 TEXT, span INTEGER, sessions INTEGER);
INSERT INTO temp.vt
SELECT v.id, v.resident_id, v.team_id, v.joined_on,
       max(1, julianday(coalesce(v.left_on, '2023-12-31')) - julianday(v.joined_on)),
       CASE ((v.id * 3266489917 % 4294967296) / 65536) % 20
         WHEN 0 THEN 560 WHEN 1 THEN 420 WHEN 2 THEN 250 WHEN 3 THEN 250
         WHEN 4 THEN 135 WHEN 5 THEN 135 WHEN 6 THEN 135
         WHEN 7 THEN 50 WHEN 8 THEN 50 WHEN 9 THEN 50 WHEN 10 THEN 50
         ELSE 4 + ((v.id * 374761393 % 4294967296) / 65536) % 30 END
FROM volunteers v;
-- Short memberships cannot hold hundreds of sessions: at most one every 3 days.
UPDATE temp.vt SET sessions = max(1, min(sessions, span / 3));

INSERT INTO volunteer_hours(resident_id, team_id, served_on, hours, certified_by)
WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 559)
SELECT vt.resident_id, vt.team_id,
       date(vt.d0, '+' || (s.i * vt.span / vt.sessions) || ' days'),
       1.5 + 0.5 * (((vt.vid * 31 + s.i) * 2654435761 % 4294967296) / 65536 % 6),
       (SELECT name FROM volunteer_teams WHERE id = vt.team_id) || '队长'
FROM temp.vt JOIN s ON s.i < vt.sessions
ORDER BY vt.vid, s.i;

-- Team leaders: the member with the most hours.
UPDATE volunteer_teams SET leader_id = (
  SELECT resident_id FROM volunteer_hours h WHERE h.team_id = volunteer_teams.id
  GROUP BY resident_id ORDER BY sum(hours) DESC, resident_id LIMIT 1);
UPDATE volunteer_teams SET leader_id = (SELECT id FROM residents WHERE name = '侯玉华') WHERE id = 6;

DROP TABLE temp.vm; DROP TABLE temp.vt;
COMMIT;
