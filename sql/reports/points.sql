-- title: 积分排名 Points: ranking, grades and rewards
-- params: scheme (scheme; default the first scheme), year (year; default 2023), area (area; default the whole database), member (member; explains that member's points), unmasked (flag)
--
-- The year's credit_scores of one points scheme (one row per member and
-- period: a quarterly or monthly scheme shows each of the year's periods),
-- ranked within each red post (红色岗位, from duty_pool) or party branch
-- (party_members.org_id), with grades and the reward tier.  A member on two
-- posts appears under both; one on none is under 未分组.
--
-- Reward tiers come from score_reward_tiers (one row per scheme and tier):
-- a member gets the first tier, by ordinal, whose grade (max_grade: the
-- grade's ordinal at most this) and percentile (min_percentile) they reach.
-- The sample's schemes, and every scheme of a version 1 file, have
--   一等奖励  the best grade and percentile >= 90 (top tenth)
--   二等奖励  one of the two best grades and percentile >= 60
--   三等奖励  one of the two best grades
--   (none)    otherwise — a veto that lowered the grade also removes the tier
-- Names are masked (李**) unless :unmasked = 1.  With :area, only the
-- members living in that area (or below) are listed; ranks and
-- percentiles stay those of the whole scheme.  The explanation section
-- appears only with :member; its counted_points and the base add up to
-- the score.
--
--   .parameter set :scheme '红色岗位积分'
--   .parameter set :year 2023
--   .parameter set :member 1042
--   .read sql/reports/points.sql

-- section: 年度排名 Ranking per post or branch
-- key-columns: unit_rank member score grade reward vetoed
WITH RECURSIVE sc AS (
  SELECT coalesce((SELECT scheme_id FROM score_schemes WHERE name = :scheme),
                  (SELECT scheme_id FROM score_schemes WHERE scheme_id = :scheme),
                  (SELECT min(scheme_id) FROM score_schemes)) AS id,
         printf('%04d-01-01', coalesce(:year, 2023)) AS y0,
         printf('%04d-12-31', coalesce(:year, 2023)) AS y1),
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
s AS (SELECT c.* FROM sc, credit_scores(sc.id, sc.y0, sc.y1) c
       WHERE :area IS NULL
          OR (SELECT coalesce(x.area_id, (SELECT h.area_id FROM households h WHERE h.id = x.household_id))
              FROM residents x WHERE x.id = c.member_id) IN (SELECT id FROM sub)),
g AS (SELECT grade, ordinal FROM score_grades WHERE scheme_id = (SELECT id FROM sc)),
-- (the units of the members scored, not of everyone)
units AS (
  SELECT DISTINCT p.person_id AS member_id, '岗位 ' || d.name AS unit
  FROM duty_pool p JOIN duty_posts d ON d.post_id = p.post_id
  WHERE p.person_id IN (SELECT member_id FROM s)
  UNION
  SELECT m.resident_id, '支部 ' || o.name
  FROM party_members m JOIN party_orgs o ON o.id = m.org_id
  WHERE m.resident_id IN (SELECT member_id FROM s)),
u AS (
  SELECT s.*, coalesce(units.unit, '未分组') AS unit
  FROM s LEFT JOIN units ON units.member_id = s.member_id)
SELECT u.unit,
       u.period_start AS period,
       rank() OVER (PARTITION BY u.unit, u.period_start ORDER BY u.score DESC) AS unit_rank,
       u.rank AS overall_rank,
       CASE WHEN :unmasked = 1 THEN r.name ELSE name_mask(r.name) END AS member, r.id AS _member,
       u.member_id,
       u.base, u.added, u.deducted, u.capped_off, u.score,
       u.grade, u.vetoed,
       round(u.percentile, 1) AS percentile,
       (SELECT t.tier FROM score_reward_tiers t
        WHERE t.scheme_id = (SELECT id FROM sc) AND g.ordinal <= t.max_grade
          AND coalesce(u.percentile, 0) >= t.min_percentile
        ORDER BY t.ordinal LIMIT 1) AS reward,
       u.balance
FROM u
LEFT JOIN residents r ON r.id = u.member_id
LEFT JOIN g ON g.grade = u.grade
ORDER BY u.unit, u.period_start, unit_rank, u.member_id;

-- section: 等级分布 Grades
-- chart: pie label=grade value=members
WITH RECURSIVE sc AS (
  SELECT coalesce((SELECT scheme_id FROM score_schemes WHERE name = :scheme),
                  (SELECT scheme_id FROM score_schemes WHERE scheme_id = :scheme),
                  (SELECT min(scheme_id) FROM score_schemes)) AS id,
         printf('%04d-01-01', coalesce(:year, 2023)) AS y0,
         printf('%04d-12-31', coalesce(:year, 2023)) AS y1),
s AS (SELECT c.* FROM sc, credit_scores(sc.id, sc.y0, sc.y1) c)
SELECT coalesce(s.grade, '(无等级)') AS grade, count(*) AS members,
       sum(s.vetoed IS NOT NULL) AS lowered_by_veto,
       round(avg(s.score), 2) AS mean_score, min(s.score) AS min_score, max(s.score) AS max_score
FROM s LEFT JOIN score_grades g ON g.scheme_id = (SELECT id FROM sc) AND g.grade = s.grade
GROUP BY s.grade ORDER BY coalesce(g.ordinal, 1e9);

-- section: 奖励档次 Reward tiers
-- chart: bar label=reward value=members
WITH RECURSIVE sc AS (
  SELECT coalesce((SELECT scheme_id FROM score_schemes WHERE name = :scheme),
                  (SELECT scheme_id FROM score_schemes WHERE scheme_id = :scheme),
                  (SELECT min(scheme_id) FROM score_schemes)) AS id,
         printf('%04d-01-01', coalesce(:year, 2023)) AS y0,
         printf('%04d-12-31', coalesce(:year, 2023)) AS y1),
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
s AS (SELECT c.* FROM sc, credit_scores(sc.id, sc.y0, sc.y1) c
       WHERE :area IS NULL
          OR (SELECT coalesce(x.area_id, (SELECT h.area_id FROM households h WHERE h.id = x.household_id))
              FROM residents x WHERE x.id = c.member_id) IN (SELECT id FROM sub)),
t AS (
  SELECT (SELECT t.tier || char(31) || t.ordinal FROM score_reward_tiers t
          WHERE t.scheme_id = (SELECT id FROM sc) AND g.ordinal <= t.max_grade
            AND coalesce(s.percentile, 0) >= t.min_percentile
          ORDER BY t.ordinal LIMIT 1) AS tier
  FROM s LEFT JOIN score_grades g ON g.scheme_id = (SELECT id FROM sc) AND g.grade = s.grade)
SELECT coalesce(substr(tier, 1, instr(tier, char(31)) - 1), '无') AS reward, count(*) AS members FROM t
GROUP BY tier
ORDER BY tier IS NULL, CAST(substr(tier, instr(tier, char(31)) + 1) AS INTEGER);

-- section: 积分明细 Explanation for {member} (every point accounted for)
-- when: member
WITH RECURSIVE sc AS (
  SELECT coalesce((SELECT scheme_id FROM score_schemes WHERE name = :scheme),
                  (SELECT scheme_id FROM score_schemes WHERE scheme_id = :scheme),
                  (SELECT min(scheme_id) FROM score_schemes)) AS id,
         printf('%04d-01-01', coalesce(:year, 2023)) AS y0,
         printf('%04d-12-31', coalesce(:year, 2023)) AS y1),
m AS (SELECT member_id FROM score_members
      WHERE scheme_id = (SELECT id FROM sc) AND member_id = :member)
SELECT x.period_start AS period,
       coalesce(x.category, '总分封顶 score clamp') AS category,
       coalesce(x.rule_code, '') AS rule_code,
       CASE WHEN x.rule_code IS NOT NULL THEN ru.description
            WHEN x.category IS NOT NULL THEN '类别初始分与封顶/保底 initial and clamp'
            ELSE '总分上下限 score limits' END AS what,
       x.events, x.reversed, x.units, x.raw_points, x.cap, x.counted_points, x.capped_off,
       x.base, x.score
FROM sc, m, credit_explain(sc.id, m.member_id, sc.y0, sc.y1) x
LEFT JOIN score_rules ru ON ru.scheme_id = sc.id AND ru.rule_code = x.rule_code;
