-- title: 民族构成 Ethnic composition
-- params: min_cell (default 10), min_area (default 40), community (area id; default the first community)
--
-- The community's composition as seed 000 writes it — 汉, 哈萨克, 维吾尔,
-- then 其他民族 — for every area from the city down to each building, with
-- diversity and the dissimilarity of the two largest groups across
-- buildings.  Small-area protection: a count of 1..min_cell-1 is shown as
-- '*', with complementary suppression so that no hidden count can be
-- worked out from the others (CMS practice, min_cell=10); an area of fewer
-- than min_area people shows its total only (Statistics Canada, 40).
-- Current residents only (the view resident_ethnicity).
--
--   .parameter set :min_cell 10
--   .parameter set :min_area 40
--   .read sql/reports/ethnic_composition.sql
--
-- Reads rollup() (docs/rollup.md); the four display groups are a temp view,
-- so the protection applies to exactly the cells printed.

CREATE TEMP VIEW IF NOT EXISTS ethnic_display AS
  SELECT area_id,
         CASE ethnic_code WHEN '01' THEN '汉' WHEN '17' THEN '哈萨克' WHEN '05' THEN '维吾尔'
              ELSE '其他民族' END AS grp
    FROM resident_ethnicity WHERE ethnic_code IS NOT NULL;

-- section: 各级民族构成 Composition at every level (汉 / 哈萨克 / 维吾尔 / 其他民族; * = suppressed)
WITH r AS (
  SELECT rowid AS rid, * FROM rollup('ethnic_display', 'grp',
    printf('min_cell=%d; min_area=%d', coalesce(:min_cell, 10), coalesce(:min_area, 40))))
SELECT t.level AS level,
       t.name AS area,
       t.total AS residents,
       (SELECT CASE WHEN c.suppressed THEN '*' ELSE c.n END FROM r c WHERE c.area_id = t.area_id AND c.category = '汉') AS 汉,
       (SELECT CASE WHEN c.suppressed THEN '*' ELSE c.n END FROM r c WHERE c.area_id = t.area_id AND c.category = '哈萨克') AS 哈萨克,
       (SELECT CASE WHEN c.suppressed THEN '*' ELSE c.n END FROM r c WHERE c.area_id = t.area_id AND c.category = '维吾尔') AS 维吾尔,
       (SELECT CASE WHEN c.suppressed THEN '*' ELSE c.n END FROM r c WHERE c.area_id = t.area_id AND c.category = '其他民族') AS 其他民族,
       round(t.fractionalization, 3) AS fractionalization,
       round(t.entropy, 3) AS entropy
  FROM r t WHERE t.category IS NULL ORDER BY t.rid;

-- section: 社区民族构成 The community as the seed writes it
-- chart: pie label=group value=residents
WITH c AS (SELECT coalesce(:community, (SELECT min(id) FROM areas WHERE level = 'community')) AS id)
SELECT r.category AS "group",
       r.n AS residents,
       printf('%.1f%%', 100.0 * r.share) AS share
  FROM rollup('ethnic_display', 'grp',
         printf('min_cell=%d; min_area=%d', coalesce(:min_cell, 10), coalesce(:min_area, 40))) r, c
 WHERE r.area_id = c.id AND r.category IS NOT NULL AND NOT r.suppressed
 ORDER BY CASE r.category WHEN '汉' THEN 1 WHEN '哈萨克' THEN 2 WHEN '维吾尔' THEN 3 ELSE 4 END;

-- section: 多样性 Diversity over all groups (NULL where a count is suppressed)
SELECT level, name AS area, total AS residents, groups,
       round(fractionalization, 3) AS fractionalization,
       round(entropy, 3) AS entropy
  FROM rollup('resident_ethnicity', 'ethnic_code',
         printf('min_cell=%d; min_area=%d', coalesce(:min_cell, 10), coalesce(:min_area, 40)))
 WHERE category IS NULL AND level IN ('city', 'district', 'street', 'community', 'grid');

-- section: 居住分异 Dissimilarity of the two largest groups across buildings
WITH c AS (SELECT coalesce(:community, (SELECT min(id) FROM areas WHERE level = 'community')) AS id),
full AS (SELECT * FROM rollup('resident_ethnicity', 'ethnic_code')),
top2 AS (SELECT max(category) FILTER (WHERE rank = 1) AS g1, max(category) FILTER (WHERE rank = 2) AS g2
           FROM full, c WHERE full.area_id = c.id),
bld AS (SELECT a.id, coalesce(sum(f.n) FILTER (WHERE f.category = top2.g1), 0) AS a,
               coalesce(sum(f.n) FILTER (WHERE f.category = top2.g2), 0) AS b
          FROM areas a JOIN full f ON f.area_id = a.id AND f.category IS NOT NULL, top2
         WHERE a.level = 'building'
           AND a.id IN (WITH RECURSIVE sub(id) AS (SELECT id FROM c UNION ALL
                          SELECT x.id FROM areas x JOIN sub ON x.parent_id = sub.id) SELECT id FROM sub)
         GROUP BY a.id)
SELECT ethnic_name(top2.g1) AS group_a,
       ethnic_name(top2.g2) AS group_b,
       count(*) AS buildings,
       round(dissimilarity(bld.a, bld.b), 3) AS dissimilarity
  FROM bld, top2;
