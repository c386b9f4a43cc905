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

-- section: 按单位和季度 Per employer and quarter
-- chart: bar label=employer value=reported
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
q(q0) AS (SELECT date(coalesce(:from, '2023-01-01'), 'start of month',
                      '-' || ((CAST(strftime('%m', coalesce(:from, '2023-01-01')) AS INTEGER) - 1) % 3) || ' months')
          UNION ALL SELECT date(q0, '+3 months') FROM q WHERE date(q0, '+3 months') <= coalesce(:to, '2023-12-31')),
qs AS (SELECT q0, date(q0, '+3 months', '-1 day') AS q1 FROM q),
m AS (SELECT pm.resident_id, coalesce(pm.work_unit, '(未填单位)') AS employer, pm.reported_on, pm.left_on, pm.receipt_card
      FROM party_members pm JOIN residents r ON r.id = pm.resident_id LEFT JOIN households h ON h.id = r.household_id
      WHERE pm.status = 'in_service' AND pm.reported_on IS NOT NULL
        AND (:area IS NULL OR coalesce(r.area_id, h.area_id) IN (SELECT id FROM sub))),
mq AS (SELECT m.*, qs.q0, qs.q1 FROM m JOIN qs ON m.reported_on <= qs.q1 AND (m.left_on IS NULL OR m.left_on >= qs.q0)),
-- (materialised: each lookup below runs once a member and quarter, not once
-- for every sum that reads it)
x AS MATERIALIZED (SELECT mq.employer, mq.q0, mq.resident_id, mq.receipt_card,
             (SELECT count(*) FROM duty_assignments a JOIN duty_posts d ON d.post_id = a.post_id AND d.kind = 'dual_report'
              WHERE a.person_id = mq.resident_id AND a.status = 'served' AND a.duty_date BETWEEN mq.q0 AND mq.q1) AS services,
             (SELECT f.rating FROM member_feedback f WHERE f.resident_id = mq.resident_id AND f.period = mq.q0
                AND f.direction = 'to_employer' AND f.sent_on IS NOT NULL) AS rating,
             EXISTS (SELECT 1 FROM member_feedback f WHERE f.resident_id = mq.resident_id AND f.period = mq.q0
                       AND f.direction = 'to_employer' AND f.sent_on IS NOT NULL) AS sent,
             EXISTS (SELECT 1 FROM member_feedback f WHERE f.resident_id = mq.resident_id AND f.period = mq.q0
                       AND f.direction = 'to_community') AS returned
      FROM mq)
SELECT employer, q0 AS quarter, count(*) AS reported, sum(receipt_card) AS cards,
       sum(services) AS services, sum(services > 0) AS served_members,
       sum(sent) AS sent, sum(returned) AS returned,
       sum(coalesce(rating = 'excellent', 0)) AS 优, sum(coalesce(rating = 'good', 0)) AS 良,
       sum(coalesce(rating = 'fair', 0)) AS 中, sum(coalesce(rating = 'poor', 0)) AS 差,
       sum(NOT sent) AS no_sheet
FROM x
GROUP BY employer, q0
ORDER BY employer, q0;

-- section: 未发反馈单 Reported members with no sheet sent
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
q(q0) AS (SELECT date(coalesce(:from, '2023-01-01'), 'start of month',
                      '-' || ((CAST(strftime('%m', coalesce(:from, '2023-01-01')) AS INTEGER) - 1) % 3) || ' months')
          UNION ALL SELECT date(q0, '+3 months') FROM q WHERE date(q0, '+3 months') <= coalesce(:to, '2023-12-31')),
qs AS (SELECT q0, date(q0, '+3 months', '-1 day') AS q1 FROM q)
SELECT coalesce(pm.work_unit, '(未填单位)') AS employer, qs.q0 AS quarter, pm.resident_id,
       CASE WHEN :unmasked = 1 THEN r.name ELSE name_mask(r.name) END AS member, r.id AS _member,
       pm.reported_on,
       CASE WHEN pm.receipt_card = 1 THEN '是' ELSE '否' END AS receipt_card
FROM party_members pm JOIN residents r ON r.id = pm.resident_id LEFT JOIN households h ON h.id = r.household_id
JOIN qs ON pm.reported_on <= qs.q1 AND (pm.left_on IS NULL OR pm.left_on >= qs.q0)
WHERE pm.status = 'in_service' AND pm.reported_on IS NOT NULL
  AND (:area IS NULL OR coalesce(r.area_id, h.area_id) IN (SELECT id FROM sub))
  AND NOT EXISTS (SELECT 1 FROM member_feedback f WHERE f.resident_id = pm.resident_id AND f.period = qs.q0
                    AND f.direction = 'to_employer' AND f.sent_on IS NOT NULL)
ORDER BY employer, quarter, pm.resident_id;
