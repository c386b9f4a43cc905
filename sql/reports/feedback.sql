-- title: 双向评价 Two-way evaluation with employers
-- params: area (area; default the whole database), from (date; default 2023-01-01), to (date; default 2023-12-31), unmasked (flag)
--
-- Seed 004's 社区表现情况反馈单 and seed 003's 报到回执卡: in-service party
-- members report (双报到) to the community they live in; each quarter the
-- community sends a feedback sheet on each member to the member's employer
-- (member_feedback direction 'to_employer', with the community's rating),
-- and the employer's answer comes back ('to_community').  Per employer
-- (party_members.work_unit) and quarter from :from to :to:
--   reported   in-service members who had reported by the quarter's end and
--              had not left before it began
--   cards      of them, those with the receipt card (报到回执卡) issued
--   services   served duties on 双报到 posts (duty_posts.kind 'dual_report')
--              in the quarter, and the members who served at least once
--   sent       sheets to the employer for the quarter (sent_on set)
--   returned   answers from the employer for the quarter
--   优/良/中/差 the community's ratings on the sheets sent
--   no_sheet   reported members with no sheet sent for the quarter
-- A quarter is member_feedback.period, its first day.  A member belongs to
-- :area when their building (else their household's) is that area or below.
-- Names are masked unless :unmasked = 1.
--
-- How it runs: the members in scope and their quarters are worked out once,
-- into temp.feedback_mq, which both sections read.  The members come from
-- party_members at city scope; for an area, from the area's buildings
-- through the residents_area index (and, for a resident with no building,
-- their household's), so a community costs its own residents, not the
-- city's.  The lookups go member by member (resident_id order), each
-- member's quarters together, so the pages one member needs are read once.

DROP TABLE IF EXISTS temp.feedback_mq;
CREATE TEMP TABLE feedback_mq AS
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
q(q0) AS (SELECT date(coalesce(:from, '2023-01-01'), 'start of month',
                      '-' || ((CAST(strftime('%m', coalesce(:from, '2023-01-01')) AS INTEGER) - 1) % 3) || ' months')
          UNION ALL SELECT date(q0, '+3 months') FROM q WHERE date(q0, '+3 months') <= coalesce(:to, '2023-12-31')),
qs AS MATERIALIZED (SELECT q0, date(q0, '+3 months', '-1 day') AS q1 FROM q),
-- the whole city (:area NULL), or the area's residents by their building,
-- or, with none, by their household's
pr(rid, name) AS (
  SELECT r.id, r.name FROM residents r
   WHERE :area IS NULL
  UNION ALL
  SELECT r.id, r.name FROM residents r
   WHERE :area IS NOT NULL AND r.area_id IN (SELECT id FROM sub)
  UNION ALL
  SELECT r.id, r.name FROM residents r JOIN households h ON h.id = r.household_id
   WHERE :area IS NOT NULL AND r.area_id IS NULL AND h.area_id IN (SELECT id FROM sub)),
m AS MATERIALIZED (
  SELECT pm.resident_id, coalesce(pm.work_unit, '(未填单位)') AS employer, pm.reported_on, pm.left_on,
         pm.receipt_card, r.name
    FROM party_members pm JOIN residents r ON r.id = pm.resident_id
   WHERE :area IS NULL AND pm.status = 'in_service' AND pm.reported_on IS NOT NULL
  UNION ALL
  SELECT pm.resident_id, coalesce(pm.work_unit, '(未填单位)'), pm.reported_on, pm.left_on,
         pm.receipt_card, pr.name
    FROM pr JOIN party_members pm ON pm.resident_id = pr.rid
   WHERE :area IS NOT NULL AND pm.status = 'in_service' AND pm.reported_on IS NOT NULL
   ORDER BY 1)
SELECT m.employer, qs.q0, m.resident_id, m.name, m.reported_on, m.receipt_card,
       (SELECT count(*) FROM duty_assignments a JOIN duty_posts d ON d.post_id = a.post_id AND d.kind = 'dual_report'
         WHERE a.person_id = m.resident_id AND a.status = 'served' AND a.duty_date BETWEEN qs.q0 AND qs.q1) AS services,
       fe.rating, fe.id IS NOT NULL AS sent, fc.id IS NOT NULL AS returned
FROM m CROSS JOIN qs
LEFT JOIN member_feedback fe ON fe.resident_id = m.resident_id AND fe.period = qs.q0
                            AND fe.direction = 'to_employer' AND fe.sent_on IS NOT NULL
LEFT JOIN member_feedback fc ON fc.resident_id = m.resident_id AND fc.period = qs.q0 AND fc.direction = 'to_community'
WHERE m.reported_on <= qs.q1 AND (m.left_on IS NULL OR m.left_on >= qs.q0);

-- section: 按单位和季度 Per employer and quarter
-- chart: bar label=employer value=reported
SELECT employer, q0 AS quarter, count(*) AS reported, sum(receipt_card) AS cards,
       sum(services) AS services, sum(services > 0) AS served_members,
       sum(sent) AS sent, sum(returned) AS returned,
       sum(coalesce(rating = 'excellent', 0)) AS 优, sum(coalesce(rating = 'good', 0)) AS 良,
       sum(coalesce(rating = 'fair', 0)) AS 中, sum(coalesce(rating = 'poor', 0)) AS 差,
       sum(NOT sent) AS no_sheet
FROM temp.feedback_mq
GROUP BY employer, q0
ORDER BY employer, q0;

-- section: 未发反馈单 Reported members with no sheet sent
SELECT employer, q0 AS quarter, resident_id,
       CASE WHEN :unmasked = 1 THEN name ELSE name_mask(name) END AS member, resident_id AS _member,
       reported_on,
       CASE WHEN receipt_card = 1 THEN '是' ELSE '否' END AS receipt_card
FROM temp.feedback_mq
WHERE NOT sent
ORDER BY employer, quarter, resident_id;
