-- title: 协商议事 Consultation council
-- params: area (area; default the whole database), from (date; default 2023-01-01), to (date; default 2023-12-31)
--
-- Issues raised from :from to :to (inclusive) through the four modes of
-- seed 002 (集中议事, 走访议事, 上门议事, 微信议事), by how far they got:
-- raised → reviewed by the two committees (两委审事) → deliberated by the
-- council → resolved (or withdrawn).  Days are counted from raised_on to
-- resolved_on (julianday difference).  An issue belongs to :area when its
-- council's area is that area or below it; without :area every issue
-- counts, those of no council too.

-- section: 按方式和状态 By mode and status
-- chart: bar label=mode value=issues
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
council_issues AS (SELECT * FROM main.council_issues
  WHERE :area IS NULL OR council_id IN (SELECT id FROM councils WHERE area_id IN (SELECT id FROM sub)))
SELECT CASE mode WHEN 'meeting' THEN '集中议事' WHEN 'walkround' THEN '走访议事'
                 WHEN 'home' THEN '上门议事' ELSE '微信议事' END AS mode,
       count(*) AS issues,
       sum(status = 'raised') AS raised,
       sum(status = 'reviewed') AS reviewed,
       sum(status = 'deliberated') AS deliberated,
       sum(status = 'resolved') AS resolved,
       sum(status = 'withdrawn') AS withdrawn
FROM council_issues
WHERE raised_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
GROUP BY mode
ORDER BY CASE mode WHEN 'meeting' THEN 1 WHEN 'walkround' THEN 2 WHEN 'home' THEN 3 ELSE 4 END;

-- section: 办结天数 Days from raised to resolved
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
council_issues AS (SELECT * FROM main.council_issues
  WHERE :area IS NULL OR council_id IN (SELECT id FROM councils WHERE area_id IN (SELECT id FROM sub)))
SELECT mode, resolved, avg_days, min_days, max_days, settled_at_review FROM (
  SELECT CASE mode WHEN 'meeting' THEN '集中议事' WHEN 'walkround' THEN '走访议事'
                   WHEN 'home' THEN '上门议事' ELSE '微信议事' END AS mode,
         CASE mode WHEN 'meeting' THEN 1 WHEN 'walkround' THEN 2 WHEN 'home' THEN 3 ELSE 4 END AS ord,
         count(*) AS resolved,
         round(avg(julianday(resolved_on) - julianday(raised_on)), 1) AS avg_days,
         min(julianday(resolved_on) - julianday(raised_on)) AS min_days,
         max(julianday(resolved_on) - julianday(raised_on)) AS max_days,
         sum(deliberated_on IS NULL) AS settled_at_review
  FROM council_issues
  WHERE status = 'resolved' AND raised_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
  GROUP BY mode
  UNION ALL
  SELECT '合计', 9, count(*), round(avg(julianday(resolved_on) - julianday(raised_on)), 1),
         min(julianday(resolved_on) - julianday(raised_on)), max(julianday(resolved_on) - julianday(raised_on)),
         sum(deliberated_on IS NULL)
  FROM council_issues
  WHERE status = 'resolved' AND raised_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31'))
ORDER BY ord;

-- section: 按类别 By category
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
council_issues AS (SELECT * FROM main.council_issues
  WHERE :area IS NULL OR council_id IN (SELECT id FROM councils WHERE area_id IN (SELECT id FROM sub)))
SELECT CASE category WHEN 'dispute' THEN '邻里纠纷' WHEN 'environment' THEN '环境卫生' WHEN 'repair' THEN '维修改造'
         WHEN 'noise' THEN '噪音扰民' WHEN 'parking' THEN '停车' WHEN 'pets' THEN '文明养犬' WHEN 'property' THEN '物业服务'
         ELSE coalesce(category, '未分类') END AS category, count(*) AS issues, sum(status = 'resolved') AS resolved,
       sum(status NOT IN ('resolved', 'withdrawn')) AS open
FROM council_issues
WHERE raised_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
GROUP BY category ORDER BY issues DESC, category;

-- section: 未办结 Open issues
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
council_issues AS (SELECT * FROM main.council_issues
  WHERE :area IS NULL OR council_id IN (SELECT id FROM councils WHERE area_id IN (SELECT id FROM sub)))
SELECT i.id, i.raised_on, i.title,
       CASE i.status WHEN 'raised' THEN '已提出' WHEN 'reviewed' THEN '两委已审' ELSE '已议事' END AS status,
       CAST(julianday(coalesce(:to, '2023-12-31')) - julianday(i.raised_on) AS INTEGER) AS days_open,
       c.name AS council
FROM council_issues i LEFT JOIN councils c ON c.id = i.council_id
WHERE i.status IN ('raised', 'reviewed', 'deliberated')
  AND i.raised_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
ORDER BY i.raised_on, i.id;

-- section: 议事路径 Each issue's path and days per stage
-- The path is council_issue_events in order (written by the triggers on
-- every status change; 转 marks a forward from the women's council); each
-- stage shows the days until the next event, the last one the days until
-- :to (or 0 once resolved or withdrawn).  Days per stage sum over every
-- visit to that stage (an issue sent back counts its stage twice).
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
i AS (SELECT * FROM main.council_issues
      WHERE (:area IS NULL OR council_id IN (SELECT id FROM councils WHERE area_id IN (SELECT id FROM sub)))
        AND raised_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')),
e AS (SELECT ev.*, lead(ev.happened_on) OVER (PARTITION BY ev.issue_id ORDER BY ev.id) AS next_on
      FROM council_issue_events ev WHERE ev.issue_id IN (SELECT id FROM i)),
d AS (SELECT e.*, CASE WHEN e.next_on IS NOT NULL THEN julianday(e.next_on) - julianday(e.happened_on)
                       WHEN e.to_stage IN ('resolved', 'withdrawn') THEN 0
                       ELSE max(0, julianday(coalesce(:to, '2023-12-31')) - julianday(e.happened_on)) END AS days
      FROM e),
-- Each issue with its events, summed in one window over the issue (the
-- events in order), not in five correlated subqueries a row: those built
-- five automatic indexes of d and sorted each issue's events (the whole
-- report, CPU s, on a busy machine: the 1e7 city 4.0 -> 3.2, a community
-- of it 1.2 -> 0.9; the 1e6 city 0.33 -> 0.27).  An issue with no events
-- has one row, with d's columns NULL: its piece of path is NULL (days is),
-- so it has no path, and 0 days.
per AS (
  SELECT i.id, i.title, i.raised_on,
         group_concat(CASE WHEN d.forwarded_from IS NOT NULL THEN '转' ELSE '' END
                      || CASE d.to_stage WHEN 'raised' THEN '提出' WHEN 'reviewed' THEN '两委审事'
                           WHEN 'deliberated' THEN '议事' WHEN 'resolved' THEN '办结' ELSE '撤回' END
                      || CASE WHEN d.to_stage IN ('resolved', 'withdrawn') THEN '' ELSE ' ' || CAST(d.days AS INTEGER) || '天' END,
                      ' → ') OVER w AS path,
         CAST(total(CASE WHEN d.to_stage = 'raised' THEN d.days END) OVER w AS INTEGER) AS raised_days,
         CAST(total(CASE WHEN d.to_stage = 'reviewed' THEN d.days END) OVER w AS INTEGER) AS reviewed_days,
         CAST(total(CASE WHEN d.to_stage = 'deliberated' THEN d.days END) OVER w AS INTEGER) AS deliberated_days,
         count(CASE WHEN d.from_stage IS NOT NULL
                     AND (CASE d.to_stage WHEN 'raised' THEN 1 WHEN 'reviewed' THEN 2 WHEN 'deliberated' THEN 3 WHEN 'resolved' THEN 4 ELSE 5 END)
                       < (CASE d.from_stage WHEN 'raised' THEN 1 WHEN 'reviewed' THEN 2 WHEN 'deliberated' THEN 3 WHEN 'resolved' THEN 4 ELSE 5 END)
                    THEN 1 END) OVER w AS moved_back,
         row_number() OVER (PARTITION BY i.id ORDER BY d.id) AS rn
    FROM i LEFT JOIN d ON d.issue_id = i.id
  WINDOW w AS (PARTITION BY i.id ORDER BY d.id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
SELECT id, title, path, raised_days, reviewed_days, deliberated_days, moved_back
FROM per WHERE rn = 1
ORDER BY raised_on, id;
