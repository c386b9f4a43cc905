-- title: 民族构成 Ethnic composition
-- params: area (area; default the whole database), min_cell (count; default 10), min_area (count; default 40)
--
-- The composition as seed 000 writes it — 汉, 哈萨克, 维吾尔, then 其他民族 —
-- for :area and every area below it down to each building (unset: the
-- whole database), with diversity and the dissimilarity of the two largest
-- groups across buildings.  Small-area protection: a count of
-- 1..min_cell-1 is shown as '*', with complementary suppression so that no
-- hidden count can be worked out from the others (CMS practice,
-- min_cell=10); an area of fewer than min_area people shows its total only
-- (Statistics Canada, 40).  Current residents only.  A resident without a
-- building (area_id NULL) is placed by the household's building; one
-- placed nowhere is on the line 未落楼栋 and in no area's count.
--
-- Two fractionalizations (1 − Σp²) are shown and labelled: over the four
-- display groups (frac_4_groups) and over all 56 groups (frac_all_groups);
-- the second is the one to compare between areas.
--
--   .parameter set :min_cell 10
--   .parameter set :min_area 40
--   .read sql/reports/ethnic_composition.sql
--
-- Reads rollup() (docs/rollup.md), whose protection applies to exactly the
-- cells printed.  The residents are read once: rollup() counts the whole
-- tree, every group, nothing suppressed (temp.ethnic_full, which the
-- dissimilarity reads); the people attached to each area itself are its
-- counts less its children's (temp.ethnic_own, a few rows an area); the
-- protected rollups count those with weight=n, which gives the same cells,
-- and so the same suppression, as counting the residents one by one.  An
-- area's page is the whole city's filtered to the area (complementary
-- suppression looks at the parent and siblings too), so every scope reads
-- every resident once.

CREATE TEMP VIEW IF NOT EXISTS ethnic_all AS
  SELECT area_id, ethnic_code FROM (
    SELECT coalesce(r.area_id, (SELECT h.area_id FROM households h WHERE h.id = r.household_id)) AS area_id,
           r.ethnic_code
      FROM residents_current r)
   WHERE area_id IS NOT NULL;

DROP TABLE IF EXISTS temp.ethnic_full;

CREATE TEMP TABLE ethnic_full AS
  SELECT area_id, level, parent_id, category, n FROM rollup('ethnic_all', 'ethnic_code');

DROP TABLE IF EXISTS temp.ethnic_own;

CREATE TEMP TABLE ethnic_own AS
  SELECT area_id, ethnic_code, sum(n) AS n FROM (
    SELECT area_id, category AS ethnic_code, n FROM temp.ethnic_full WHERE category IS NOT NULL
    UNION ALL
    SELECT parent_id, category, -n FROM temp.ethnic_full WHERE category IS NOT NULL AND parent_id IS NOT NULL)
  GROUP BY area_id, ethnic_code HAVING sum(n) > 0;

CREATE TEMP VIEW IF NOT EXISTS ethnic_display AS
  SELECT area_id,
         CASE ethnic_code WHEN '01' THEN '汉' WHEN '17' THEN '哈萨克' WHEN '05' THEN '维吾尔'
              ELSE '其他民族' END AS grp,
         n
    FROM temp.ethnic_own;

-- The display groups rolled up once, for the two sections that show them.
DROP TABLE IF EXISTS temp.ethnic_display_rollup;

CREATE TEMP TABLE ethnic_display_rollup AS
  SELECT * FROM rollup('ethnic_display', 'grp',
    printf('weight=n; min_cell=%d; min_area=%d', coalesce(:min_cell, 10), coalesce(:min_area, 40)));

-- section: 各级民族构成 Composition at every level (汉 / 哈萨克 / 维吾尔 / 其他民族; * = suppressed)
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
r AS (SELECT * FROM temp.ethnic_display_rollup)
SELECT t.level AS level,
       substr('　　　　　　　', 1, CASE t.level WHEN 'city' THEN 0 WHEN 'district' THEN 1 WHEN 'street' THEN 2
         WHEN 'community' THEN 3 WHEN 'grid' THEN 4 WHEN 'compound' THEN 5 ELSE 6 END) || t.name AS area,
       t.total AS residents,
       (SELECT CASE WHEN c.suppressed THEN '*' ELSE c.n END FROM r c WHERE c.area_id = t.area_id AND c.category = '汉') AS 汉,
       (SELECT CASE WHEN c.suppressed THEN '*' ELSE c.n END FROM r c WHERE c.area_id = t.area_id AND c.category = '哈萨克') AS 哈萨克,
       (SELECT CASE WHEN c.suppressed THEN '*' ELSE c.n END FROM r c WHERE c.area_id = t.area_id AND c.category = '维吾尔') AS 维吾尔,
       (SELECT CASE WHEN c.suppressed THEN '*' ELSE c.n END FROM r c WHERE c.area_id = t.area_id AND c.category = '其他民族') AS 其他民族,
       round(t.fractionalization, 3) AS frac_4_groups,
       round(t.entropy, 3) AS entropy_4_groups
  FROM r t WHERE t.category IS NULL AND t.area_id IN (SELECT id FROM sub)
UNION ALL
SELECT '—', '未落楼栋 not in any area', count(*), NULL, NULL, NULL, NULL, NULL, NULL
  FROM residents_current r
 WHERE :area IS NULL AND r.area_id IS NULL
   AND (SELECT h.area_id FROM households h WHERE h.id = r.household_id) IS NULL
HAVING count(*) > 0;

-- section: 民族构成 The area as the seed writes it
-- chart: pie label=group value=residents
WITH top AS (SELECT id FROM areas WHERE id = :area OR name = :area
             UNION ALL SELECT id FROM areas WHERE :area IS NULL AND parent_id IS NULL)
SELECT (SELECT name FROM areas WHERE id = r.area_id) AS area,
       r.category AS "group",
       r.n AS residents,
       printf('%.1f%%', 100.0 * r.share) AS share
  FROM temp.ethnic_display_rollup r
 WHERE r.area_id IN (SELECT id FROM top) AND r.category IS NOT NULL AND NOT r.suppressed
 ORDER BY r.area_id, CASE r.category WHEN '汉' THEN 1 WHEN '哈萨克' THEN 2 WHEN '维吾尔' THEN 3 ELSE 4 END;

-- section: 多样性 Diversity over all groups (NULL where a count is suppressed)
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id)
SELECT level,
       substr('　　　　　　　', 1, CASE level WHEN 'city' THEN 0 WHEN 'district' THEN 1 WHEN 'street' THEN 2
         WHEN 'community' THEN 3 WHEN 'grid' THEN 4 WHEN 'compound' THEN 5 ELSE 6 END) || name AS area,
       total AS residents, groups,
       round(fractionalization, 3) AS frac_all_groups,
       round(entropy, 3) AS entropy_all_groups
  FROM rollup('ethnic_own', 'ethnic_code',
         printf('weight=n; min_cell=%d; min_area=%d', coalesce(:min_cell, 10), coalesce(:min_area, 40)))
 WHERE category IS NULL AND level IN ('city', 'district', 'street', 'community', 'grid')
   AND area_id IN (SELECT id FROM sub);

-- section: 居住分异 Dissimilarity of the two largest groups across buildings
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
full AS (SELECT * FROM temp.ethnic_full),
tot AS (SELECT category, sum(n) AS n FROM full
         WHERE category IS NOT NULL AND area_id IN (SELECT id FROM sub) AND level = 'building'
         GROUP BY category),
top2 AS (SELECT (SELECT category FROM tot ORDER BY n DESC, category LIMIT 1) AS g1,
                (SELECT category FROM tot ORDER BY n DESC, category LIMIT 1 OFFSET 1) AS g2),
bld AS (SELECT f.area_id AS id, coalesce(sum(f.n) FILTER (WHERE f.category = top2.g1), 0) AS a,
               coalesce(sum(f.n) FILTER (WHERE f.category = top2.g2), 0) AS b
          FROM full f, top2
         WHERE f.level = 'building' AND f.category IS NOT NULL AND f.area_id IN (SELECT id FROM sub)
         GROUP BY f.area_id)
SELECT ethnic_name(top2.g1) AS group_a,
       ethnic_name(top2.g2) AS group_b,
       count(bld.id) AS buildings,
       round(dissimilarity(bld.a, bld.b), 3) AS dissimilarity
  FROM top2 LEFT JOIN bld;
