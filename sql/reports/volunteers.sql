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
-- which the stars, the totals and the ten with most hours read.  For an
-- area, only the residents of its teams are summed (index lookups), so a
-- community costs its own volunteers, not the city's.

DROP TABLE IF EXISTS temp.volunteers_h;
CREATE TEMP TABLE volunteers_h(
  resident_id INTEGER PRIMARY KEY,
  total       REAL,   -- every hour up to :to, any team
  total_t     REAL,   -- of them, the hours with the area's teams
  in_period_t REAL    -- of those, from :from
);
INSERT INTO temp.volunteers_h
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
t AS (SELECT id FROM volunteer_teams WHERE :area IS NULL OR area_id IN (SELECT id FROM sub)),
-- for an area: the residents in its teams, or with hours for them
who(rid) AS (SELECT resident_id FROM volunteers WHERE :area IS NOT NULL AND team_id IN (SELECT id FROM t)
             UNION SELECT resident_id FROM volunteer_hours WHERE :area IS NOT NULL AND team_id IN (SELECT id FROM t))
SELECT resident_id, sum(hours),
       sum(hours) FILTER (WHERE team_id IN (SELECT id FROM t)),
       sum(hours) FILTER (WHERE team_id IN (SELECT id FROM t) AND served_on >= coalesce(:from, '2023-01-01'))
FROM volunteer_hours
WHERE :area IS NULL AND served_on <= coalesce(:to, '2023-12-31')
GROUP BY resident_id
UNION ALL
SELECT x.resident_id, sum(x.hours),
       sum(x.hours) FILTER (WHERE x.team_id IN (SELECT id FROM t)),
       sum(x.hours) FILTER (WHERE x.team_id IN (SELECT id FROM t) AND x.served_on >= coalesce(:from, '2023-01-01'))
FROM who JOIN volunteer_hours x ON x.resident_id = who.rid AND x.served_on <= coalesce(:to, '2023-12-31')
WHERE :area IS NOT NULL
GROUP BY x.resident_id;

-- section: 星级 Stars
-- chart: bar label=stars value=volunteers
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
t AS (SELECT id FROM volunteer_teams WHERE :area IS NULL OR area_id IN (SELECT id FROM sub)),
v AS (SELECT DISTINCT resident_id FROM volunteers WHERE team_id IN (SELECT id FROM t)),
h AS (SELECT v.resident_id, coalesce(x.total, 0) AS hours
      FROM v LEFT JOIN temp.volunteers_h x ON x.resident_id = v.resident_id)
SELECT CASE volunteer_stars(hours) WHEN 0 THEN '未评星' ELSE volunteer_stars(hours) || '星' END AS stars,
       count(*) AS volunteers, round(sum(hours), 1) AS hours
FROM h GROUP BY volunteer_stars(hours) ORDER BY volunteer_stars(hours);

-- section: 服务队 Teams
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id)
SELECT t.name AS team, (SELECT name FROM areas WHERE id = t.area_id) AS area,
       (SELECT count(*) FROM volunteers v WHERE v.team_id = t.id
          AND (v.joined_on IS NULL OR v.joined_on <= coalesce(:to, '2023-12-31'))
          AND (v.left_on IS NULL OR v.left_on >= coalesce(:from, '2023-01-01'))) AS members,
       (SELECT count(*) FROM volunteer_hours x WHERE x.team_id = t.id
          AND x.served_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')) AS sessions,
       (SELECT round(coalesce(sum(hours), 0), 1) FROM volunteer_hours x WHERE x.team_id = t.id
          AND x.served_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')) AS hours,
       (SELECT count(DISTINCT m.resident_id) FROM volunteers v JOIN party_members m ON m.resident_id = v.resident_id
          WHERE v.team_id = t.id AND v.left_on IS NULL AND m.left_on IS NULL) AS party_members
FROM volunteer_teams t
WHERE :area IS NULL OR t.area_id IN (SELECT id FROM sub)
ORDER BY hours DESC, t.id
LIMIT 50;

-- section: 总量 Totals
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
t AS (SELECT id FROM volunteer_teams WHERE :area IS NULL OR area_id IN (SELECT id FROM sub)),
v AS (SELECT DISTINCT resident_id FROM volunteers WHERE team_id IN (SELECT id FROM t) AND left_on IS NULL)
SELECT (SELECT count(*) FROM t) AS teams,
       (SELECT count(*) FROM v) AS volunteers,
       (SELECT count(*) FROM v JOIN party_members m ON m.resident_id = v.resident_id AND m.left_on IS NULL) AS party_members,
       (SELECT round(coalesce(sum(in_period_t), 0), 1) FROM temp.volunteers_h) AS hours_in_period;

-- section: 时长前十 Most hours
SELECT CASE WHEN :unmasked = 1 THEN r.name ELSE name_mask(r.name) END AS volunteer, r.id AS _volunteer,
       round(h.total_t, 1) AS cumulative_hours, round(coalesce(h.in_period_t, 0), 1) AS hours_in_period,
       volunteer_stars(h.total_t) AS stars
FROM temp.volunteers_h h JOIN residents r ON r.id = h.resident_id
WHERE h.total_t IS NOT NULL
ORDER BY h.total_t DESC, h.resident_id LIMIT 10;
