-- title: 志愿服务 Volunteers and service hours
-- params: area (area; default the whole database), from (date; default 2023-01-01), to (date; default 2023-12-31), unmasked (flag)
--
-- Hours are actual service time (travel excluded), one volunteer_hours row
-- per session.  Stars are volunteer_stars(cumulative hours up to :to): 1–5
-- stars at 100/300/600/1000/1500 h (民政部 2012 volunteer-record rules).
-- "In the period" means served_on from :from to :to, inclusive.  A team
-- belongs to :area when its area_id is that area or below it.

--
-- How it runs: each volunteer's hours are summed once, in one pass over
-- volunteer_hours in resident order (its index), into temp.volunteers_h,
-- which the stars, the teams, the totals and the ten with most hours read.
-- The teams' sessions and hours of the period come from the same pass: a
-- volunteer whose hours with the area's teams were all with one team (most
-- are) adds their sums to it; only one who served several of them has
-- their hours of the period read again, team by team.  (Reading each
-- team's hours through the team index instead read the rows in a random
-- order, slower than the data grew.)  For an area, only the residents of
-- its teams are summed (index lookups), so a community costs its own
-- volunteers, not the city's.

DROP TABLE IF EXISTS temp.volunteers_h;
CREATE TEMP TABLE volunteers_h(
  resident_id INTEGER PRIMARY KEY,
  total       REAL,   -- every hour up to :to, any team
  total_t     REAL,   -- of them, the hours with the area's teams
  in_period_t REAL,   -- of those, from :from
  sessions_t  INT,    -- the sessions of in_period_t
  team_lo     INT,    -- the lowest and highest id of the area's teams
  team_hi     INT     -- they served with up to :to (one team: equal)
);
INSERT INTO temp.volunteers_h
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
t AS (SELECT id FROM volunteer_teams WHERE :area IS NULL OR area_id IN (SELECT id FROM sub)),
-- for an area: the residents in its teams, or with hours for them
who(rid) AS (SELECT resident_id FROM volunteers WHERE :area IS NOT NULL AND team_id IN (SELECT id FROM t)
             UNION SELECT resident_id FROM volunteer_hours WHERE :area IS NOT NULL AND team_id IN (SELECT id FROM t))
-- (k.id: the row's team when it is one of the area's, else NULL; one
-- lookup a row by the team's id, which every sum below reads)
SELECT x.resident_id, sum(x.hours),
       sum(x.hours) FILTER (WHERE k.id IS NOT NULL),
       sum(x.hours) FILTER (WHERE k.id IS NOT NULL AND x.served_on >= coalesce(:from, '2023-01-01')),
       count(k.id) FILTER (WHERE x.served_on >= coalesce(:from, '2023-01-01')),
       min(k.id), max(k.id)
FROM volunteer_hours x
     LEFT JOIN volunteer_teams k ON k.id = x.team_id AND (:area IS NULL OR k.area_id IN (SELECT id FROM sub))
WHERE :area IS NULL AND x.served_on <= coalesce(:to, '2023-12-31')
GROUP BY x.resident_id
UNION ALL
SELECT x.resident_id, sum(x.hours),
       sum(x.hours) FILTER (WHERE k.id IS NOT NULL),
       sum(x.hours) FILTER (WHERE k.id IS NOT NULL AND x.served_on >= coalesce(:from, '2023-01-01')),
       count(k.id) FILTER (WHERE x.served_on >= coalesce(:from, '2023-01-01')),
       min(k.id), max(k.id)
FROM who JOIN volunteer_hours x ON x.resident_id = who.rid AND x.served_on <= coalesce(:to, '2023-12-31')
     LEFT JOIN volunteer_teams k ON k.id = x.team_id AND (:area IS NULL OR k.area_id IN (SELECT id FROM sub))
WHERE :area IS NOT NULL
GROUP BY x.resident_id;

-- section: 星级 Stars
-- chart: bar label=stars value=volunteers
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
t AS (SELECT id FROM volunteer_teams WHERE :area IS NULL OR area_id IN (SELECT id FROM sub)),
-- (the city's volunteers read straight through and sorted, so that their
-- hours are then looked up in order: the team index would read the
-- volunteers in a random order)
v AS (SELECT resident_id FROM volunteers NOT INDEXED WHERE :area IS NULL AND team_id IN (SELECT id FROM t) GROUP BY resident_id
      UNION ALL
      SELECT DISTINCT resident_id FROM volunteers WHERE :area IS NOT NULL AND team_id IN (SELECT id FROM t)),
h AS (SELECT v.resident_id, coalesce(x.total, 0) AS hours
      FROM v LEFT JOIN temp.volunteers_h x ON x.resident_id = v.resident_id)
SELECT CASE volunteer_stars(hours) WHEN 0 THEN '未评星' ELSE volunteer_stars(hours) || '星' END AS stars,
       count(*) AS volunteers, round(sum(hours), 1) AS hours
FROM h GROUP BY volunteer_stars(hours) ORDER BY volunteer_stars(hours);

-- section: 服务队 Teams
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
-- each team's sessions and hours in the period: a volunteer of one team
-- adds their sums; one of several has their hours read again
th(team_id, sessions, hours) AS (
  SELECT team_lo, sessions_t, in_period_t FROM temp.volunteers_h WHERE team_lo = team_hi
  UNION ALL
  SELECT x.team_id, count(*), sum(x.hours)
  FROM temp.volunteers_h h CROSS JOIN volunteer_hours x ON x.resident_id = h.resident_id
   AND x.served_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
  WHERE h.team_lo < h.team_hi
  GROUP BY x.team_id),
ts AS (SELECT team_id, sum(sessions) AS sessions, sum(hours) AS hours FROM th GROUP BY team_id),
-- the 50 busiest teams, whose members are then counted (not every team's)
busiest AS (
  SELECT t.id, t.name, t.area_id, coalesce(ts.sessions, 0) AS sessions, round(coalesce(ts.hours, 0), 1) AS hours
  FROM volunteer_teams t LEFT JOIN ts ON ts.team_id = t.id
  WHERE :area IS NULL OR t.area_id IN (SELECT id FROM sub)
  ORDER BY hours DESC, t.id
  LIMIT 50)
SELECT t.name AS team, (SELECT name FROM areas WHERE id = t.area_id) AS area,
       (SELECT count(*) FROM volunteers v WHERE v.team_id = t.id
          AND (v.joined_on IS NULL OR v.joined_on <= coalesce(:to, '2023-12-31'))
          AND (v.left_on IS NULL OR v.left_on >= coalesce(:from, '2023-01-01'))) AS members,
       t.sessions, t.hours,
       (SELECT count(DISTINCT m.resident_id) FROM volunteers v JOIN party_members m ON m.resident_id = v.resident_id
          WHERE v.team_id = t.id AND v.left_on IS NULL AND m.left_on IS NULL) AS party_members
FROM busiest t
ORDER BY t.hours DESC, t.id;

-- section: 总量 Totals
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
t AS (SELECT id FROM volunteer_teams WHERE :area IS NULL OR area_id IN (SELECT id FROM sub)),
-- (as in the stars: the city's read straight through and sorted, then
-- their membership looked up in order)
v AS (SELECT resident_id FROM volunteers NOT INDEXED WHERE :area IS NULL AND team_id IN (SELECT id FROM t) AND left_on IS NULL
      GROUP BY resident_id
      UNION ALL
      SELECT DISTINCT resident_id FROM volunteers WHERE :area IS NOT NULL AND team_id IN (SELECT id FROM t) AND left_on IS NULL)
SELECT (SELECT count(*) FROM t) AS teams,
       (SELECT count(*) FROM v) AS volunteers,
       (SELECT count(*) FROM v CROSS JOIN party_members m ON m.resident_id = v.resident_id AND m.left_on IS NULL) AS party_members,
       (SELECT round(coalesce(sum(in_period_t), 0), 1) FROM temp.volunteers_h) AS hours_in_period;

-- (the ten with most hours read in the order of an index on the hours,
-- so only the rows shown look their resident up)
CREATE INDEX temp.volunteers_h_total_t ON volunteers_h(total_t DESC, resident_id);

-- section: 时长前十 Most hours
SELECT CASE WHEN :unmasked = 1 THEN r.name ELSE name_mask(r.name) END AS volunteer, r.id AS _volunteer,
       round(h.total_t, 1) AS cumulative_hours, round(coalesce(h.in_period_t, 0), 1) AS hours_in_period,
       volunteer_stars(h.total_t) AS stars
FROM temp.volunteers_h h JOIN residents r ON r.id = h.resident_id
WHERE h.total_t IS NOT NULL
ORDER BY h.total_t DESC, h.resident_id LIMIT 10;
