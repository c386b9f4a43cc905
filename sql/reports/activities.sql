-- title: 活动统计 Activities and person-times
-- params: area (area; default the whole database), from (date; default 2023-01-01), to (date; default 2023-12-31)
--
-- Activities held from :from to :to (inclusive), per 睦邻点, per kind and per
-- month; person-times (人次) are attendance rows, people are distinct
-- residents.  Trainees are the distinct residents attending 'training'
-- activities.  An activity belongs to :area when its area_id, or its
-- point's area_id, is that area or below it.
--
--   .parameter set :from '2023-01-01'
--   .parameter set :to '2023-12-31'
--   .read sql/reports/activities.sql

-- section: 按睦邻点 By neighbourhood point
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
a AS (SELECT * FROM activities WHERE held_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')),
-- information items counted in one pass, not a scan of info_items per point
ii AS (SELECT point_id, count(*) AS n FROM info_items
        WHERE gathered_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
        GROUP BY point_id)
SELECT p.name AS point,
       count(DISTINCT a.id) FILTER (WHERE a.kind IN ('song_dance', 'handicraft')) AS sessions,
       count(DISTINCT a.id) FILTER (WHERE a.kind = 'training') AS trainings,
       count(DISTINCT a.id) FILTER (WHERE a.kind = 'publicity') AS publicity,
       count(t.resident_id) FILTER (WHERE a.kind IN ('song_dance', 'handicraft', 'training')) AS person_times,
       count(DISTINCT t.resident_id) FILTER (WHERE a.kind = 'training') AS trainees,
       count(DISTINCT t.resident_id) AS people,
       coalesce(ii.n, 0) AS info_items
FROM activity_points p
LEFT JOIN ii ON ii.point_id = p.id
LEFT JOIN a ON a.point_id = p.id
LEFT JOIN attendance t ON t.activity_id = a.id
WHERE :area IS NULL OR p.area_id IN (SELECT id FROM sub)
GROUP BY p.id ORDER BY p.id;

-- section: 按类型 By kind
-- chart: bar label=kind value=person_times
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
-- each activity with its attendance count (n: a count on attendance's key),
-- so the sums below go over activities, not over every attendance row
a AS MATERIALIZED (
      SELECT x.id, x.kind, x.hours, (SELECT count(*) FROM attendance t WHERE t.activity_id = x.id) AS n
      FROM activities x LEFT JOIN activity_points p ON p.id = x.point_id
      -- +held_on: read activities in their order (a year is most of them),
      -- not through the date index, which fetches each row out of order
      WHERE +x.held_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
        AND (:area IS NULL OR coalesce(x.area_id, p.area_id) IN (SELECT id FROM sub))),
people AS MATERIALIZED (
           SELECT a.kind, count(DISTINCT t.resident_id) AS n FROM a JOIN attendance t ON t.activity_id = a.id
           GROUP BY a.kind)
SELECT CASE a.kind WHEN 'song_dance' THEN '歌舞' WHEN 'handicraft' THEN '手工' WHEN 'training' THEN '培训'
         WHEN 'publicity' THEN '宣传教育' WHEN 'info_gathering' THEN '信息收集' WHEN 'festival_section' THEN '邻里节版块'
         WHEN 'patrol' THEN '巡逻' WHEN 'volunteer_service' THEN '志愿服务' WHEN 'party_day' THEN '主题党日'
         WHEN 'meeting' THEN '会议' WHEN 'job_training' THEN '再就业培训' WHEN 'lecture' THEN '讲座'
         ELSE '其他' END AS kind,
       count(*) AS activities,
       sum(a.n) AS person_times,
       coalesce((SELECT n FROM people WHERE people.kind = a.kind), 0) AS people,
       round(sum(a.hours * a.n) FILTER (WHERE a.n > 0), 1) AS person_hours
FROM a
GROUP BY a.kind ORDER BY person_times DESC, a.kind;

-- section: 按月 By month
-- chart: line label=month value=person_times
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
a AS (SELECT x.held_on, (SELECT count(*) FROM attendance t WHERE t.activity_id = x.id) AS n
      FROM activities x LEFT JOIN activity_points p ON p.id = x.point_id
      WHERE +x.held_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
        AND (:area IS NULL OR coalesce(x.area_id, p.area_id) IN (SELECT id FROM sub)))
SELECT substr(a.held_on, 1, 7) AS month, count(*) AS activities,
       sum(a.n) AS person_times
FROM a
GROUP BY month ORDER BY month;

-- section: 培训 Trainings
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id)
SELECT a.held_on, a.title, p.name AS point, count(t.resident_id) AS trainees
FROM activities a LEFT JOIN activity_points p ON p.id = a.point_id
LEFT JOIN attendance t ON t.activity_id = a.id
WHERE a.kind IN ('training', 'job_training')
  AND a.held_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
  AND (:area IS NULL OR coalesce(a.area_id, p.area_id) IN (SELECT id FROM sub))
GROUP BY a.id ORDER BY a.held_on, a.id;

-- section: 邻里节 Neighbourhood festivals
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
-- wishes and stars counted in one pass each, not a scan per festival
fw AS (SELECT festival_id, count(*) AS n FROM micro_wishes WHERE fulfilled_on IS NOT NULL GROUP BY festival_id),
fh AS (SELECT festival_id, count(*) AS n FROM honours GROUP BY festival_id)
SELECT f.name AS festival, f.edition, f.held_on,
       (SELECT count(*) FROM festival_sections s WHERE s.festival_id = f.id) AS sections,
       (SELECT group_concat(name, '、') FROM (SELECT name FROM festival_sections s WHERE s.festival_id = f.id ORDER BY s.id)) AS section_names,
       (SELECT count(*) FROM attendance t JOIN activities a ON a.id = t.activity_id
          JOIN festival_sections s ON s.id = a.section_id WHERE s.festival_id = f.id) AS person_times,
       coalesce(fw.n, 0) AS wishes_fulfilled,
       coalesce(fh.n, 0) AS stars
FROM festivals f LEFT JOIN fw ON fw.festival_id = f.id LEFT JOIN fh ON fh.festival_id = f.id
WHERE f.held_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
  AND (:area IS NULL OR f.area_id IN (SELECT id FROM sub))
ORDER BY f.held_on;
