-- title: 值班表 Duty rota
-- params: area (area; chooses the default post: the first post serving it), post (post; default the first post), month (month; default 2024-01), unmasked (flag)
--
-- One month of a duty post's rota (轮流值日表), dates down and slots across:
-- slot 1 is the first leader (marked ★), leaders come first, then members.
-- Days already in duty_assignments (any status but 'cancelled') show what
-- was drawn and served; the days after the last of them are the draft that
-- roster() draws, continuing the rotation from everything recorded.  Names
-- come from residents, masked with name_mask() unless :unmasked is 1; a
-- person missing from residents shows as #id; a slot nobody could fill
-- shows as 空缺 (unfilled).  Slots beyond the sixth are listed under more.
--
--   .parameter set :post 1
--   .parameter set :month '2024-01'
--   .read sql/reports/roster.sql

-- section: 岗位 Post
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
p AS (
  SELECT d.*, coalesce(:month, '2024-01') || '-01' AS first
  FROM duty_posts d
  WHERE d.post_id = coalesce((SELECT post_id FROM duty_posts WHERE post_id = :post OR name = :post),
                             (SELECT min(post_id) FROM duty_posts WHERE :post IS NULL
                               AND (:area IS NULL OR area_id IN (SELECT id FROM sub)))))
SELECT post_id, name, rrule, dtstart, leaders, members, min_gap_days,
       substr(first, 1, 7) AS month,
       (SELECT count(*) FROM duty_pool l WHERE l.post_id = p.post_id AND l.role = 'leader') AS leader_pool,
       (SELECT count(*) FROM duty_pool l WHERE l.post_id = p.post_id AND l.role = 'member') AS member_pool
FROM p;

-- section: 值班表 Rota (★ leader; state: 已排 planned / 已值 served = in duty_assignments; 草稿 draft = drawn by roster() for the days after them, not yet committed: muling roster … --commit)
-- chart: calendar
-- drop-empty-columns: slot_1 slot_2 slot_3 slot_4 slot_5 slot_6 more
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
p AS (
  SELECT d.post_id, coalesce(:month, '2024-01') || '-01' AS first,
         date(coalesce(:month, '2024-01') || '-01', '+1 month', '-1 day') AS last
  FROM duty_posts d
  WHERE d.post_id = coalesce((SELECT post_id FROM duty_posts WHERE post_id = :post OR name = :post),
                             (SELECT min(post_id) FROM duty_posts WHERE :post IS NULL
                               AND (:area IS NULL OR area_id IN (SELECT id FROM sub))))),
recorded AS (
  SELECT a.duty_date, a.slot, a.role, a.person_id, a.status AS state
  FROM duty_assignments a JOIN p ON a.post_id = p.post_id
  WHERE a.duty_date BETWEEN p.first AND p.last AND a.status <> 'cancelled'),
draft AS (
  SELECT r.duty_date, r.slot, r.role, r.person_id, 'draft' AS state
  FROM p, roster(p.post_id,
                 coalesce((SELECT date(max(duty_date), '+1 day') FROM recorded), p.first),
                 p.last) AS r),
slots AS (
  SELECT s.duty_date, s.slot, s.state, s.person_id,
         CASE WHEN s.role = 'leader' THEN '★' ELSE '' END ||
         CASE WHEN s.person_id IS NULL THEN '空缺'
              WHEN res.name IS NULL THEN '#' || s.person_id
              WHEN coalesce(:unmasked, 0) = 1 THEN res.name
              ELSE name_mask(res.name) END AS who
  FROM (SELECT * FROM recorded UNION ALL SELECT * FROM draft) AS s
  LEFT JOIN residents res ON res.id = s.person_id)
SELECT duty_date AS date,
       max(CASE WHEN slot = 1 THEN who END) AS slot_1, max(CASE WHEN slot = 1 THEN person_id END) AS _slot_1,
       max(CASE WHEN slot = 2 THEN who END) AS slot_2, max(CASE WHEN slot = 2 THEN person_id END) AS _slot_2,
       max(CASE WHEN slot = 3 THEN who END) AS slot_3, max(CASE WHEN slot = 3 THEN person_id END) AS _slot_3,
       max(CASE WHEN slot = 4 THEN who END) AS slot_4, max(CASE WHEN slot = 4 THEN person_id END) AS _slot_4,
       max(CASE WHEN slot = 5 THEN who END) AS slot_5, max(CASE WHEN slot = 5 THEN person_id END) AS _slot_5,
       max(CASE WHEN slot = 6 THEN who END) AS slot_6, max(CASE WHEN slot = 6 THEN person_id END) AS _slot_6,
       group_concat(CASE WHEN slot > 6 THEN who END, ' ') AS more,
       group_concat(DISTINCT CASE state WHEN 'draft' THEN '草稿 draft' WHEN 'planned' THEN '已排 planned'
                                        WHEN 'served' THEN '已值 served' WHEN 'absent' THEN '缺勤 absent'
                                        WHEN 'swapped' THEN '已换班 swapped' ELSE state END) AS state
FROM slots
GROUP BY duty_date
ORDER BY duty_date;

-- section: 本月人次 Duties this month
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
p AS (
  SELECT d.post_id, coalesce(:month, '2024-01') || '-01' AS first,
         date(coalesce(:month, '2024-01') || '-01', '+1 month', '-1 day') AS last
  FROM duty_posts d
  WHERE d.post_id = coalesce((SELECT post_id FROM duty_posts WHERE post_id = :post OR name = :post),
                             (SELECT min(post_id) FROM duty_posts WHERE :post IS NULL
                               AND (:area IS NULL OR area_id IN (SELECT id FROM sub))))),
recorded AS (
  SELECT a.duty_date, a.role, a.person_id
  FROM duty_assignments a JOIN p ON a.post_id = p.post_id
  WHERE a.duty_date BETWEEN p.first AND p.last AND a.status <> 'cancelled'),
draft AS (
  SELECT r.duty_date, r.role, r.person_id
  FROM p, roster(p.post_id,
                 coalesce((SELECT date(max(duty_date), '+1 day') FROM recorded), p.first),
                 p.last) AS r)
SELECT CASE WHEN s.person_id IS NULL THEN '空缺'
            WHEN res.name IS NULL THEN '#' || s.person_id
            WHEN coalesce(:unmasked, 0) = 1 THEN res.name
            ELSE name_mask(res.name) END AS person, s.person_id AS _person,
       s.role, count(*) AS duties, min(s.duty_date) AS first_duty, max(s.duty_date) AS last_duty
FROM (SELECT * FROM recorded UNION ALL SELECT * FROM draft) AS s
LEFT JOIN residents res ON res.id = s.person_id
GROUP BY s.person_id, s.role
ORDER BY s.role, duties DESC, person;
