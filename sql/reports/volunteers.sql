-- title: 志愿服务 Volunteers and service hours
-- params: area (area; default the whole database), from (date; default 2023-01-01), to (date; default 2023-12-31), unmasked (flag)
--
-- Hours are actual service time (travel excluded), one volunteer_hours row
-- per session.  Stars are volunteer_stars(cumulative hours up to :to): 1–5
-- stars at 100/300/600/1000/1500 h (民政部 2012 volunteer-record rules).
-- "In the period" means served_on from :from to :to, inclusive.  A team
-- belongs to :area when its area_id is that area or below it.

-- section: 星级 Stars
-- chart: bar label=stars value=volunteers
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
t AS (SELECT id FROM volunteer_teams WHERE :area IS NULL OR area_id IN (SELECT id FROM sub)),
v AS (SELECT DISTINCT resident_id FROM volunteers WHERE team_id IN (SELECT id FROM t)),
h AS (SELECT v.resident_id, coalesce(sum(x.hours), 0) AS hours
      FROM v LEFT JOIN volunteer_hours x ON x.resident_id = v.resident_id
        AND x.served_on <= coalesce(:to, '2023-12-31')
      GROUP BY v.resident_id)
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
       (SELECT round(coalesce(sum(hours), 0), 1) FROM volunteer_hours
          WHERE team_id IN (SELECT id FROM t)
            AND served_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')) AS hours_in_period;

-- section: 时长前十 Most hours
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
t AS (SELECT id FROM volunteer_teams WHERE :area IS NULL OR area_id IN (SELECT id FROM sub)),
h AS (SELECT resident_id, sum(hours) AS total,
             sum(hours) FILTER (WHERE served_on >= coalesce(:from, '2023-01-01')) AS in_period
      FROM volunteer_hours WHERE team_id IN (SELECT id FROM t) AND served_on <= coalesce(:to, '2023-12-31')
      GROUP BY resident_id)
SELECT CASE WHEN :unmasked = 1 THEN r.name ELSE name_mask(r.name) END AS volunteer, r.id AS _volunteer,
       round(h.total, 1) AS cumulative_hours, round(coalesce(h.in_period, 0), 1) AS hours_in_period,
       volunteer_stars(h.total) AS stars
FROM h JOIN residents r ON r.id = h.resident_id
ORDER BY h.total DESC, h.resident_id LIMIT 10;
