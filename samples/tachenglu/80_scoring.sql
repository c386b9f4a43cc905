-- 塔城路社区 sample, part 8: points (积分).
-- Scheme 1, 党员积分 (party members, 2023): categories that add up to 100 —
-- 基础分 starts at 20 and only deducts, stopping at 0 (扣完为止); 任务分 up to
-- 70; 奖励分 up to 10.  Per-item caps as practised: 集中学习每次2分,全年累计
-- 不超过12分; patrol and volunteer hours credit at most 2 h per event; an
-- in-service member who has not reported to the community (双报到) cannot
-- be rated 合格 or above.  One event recorded in error is reversed.
-- Scheme 2, 红色岗位积分 (seed 002): patrol volunteers and leaders earn points
-- per duty hour, 20 % of last year's total carries into the next year, and
-- points are spent at the 积分超市 (which never lowers the score).
BEGIN;
INSERT INTO score_schemes(scheme_id, name, base, period, carry_fraction, score_min, score_max, description) VALUES
  (1, '塔城路社区党员积分', 0, 'year', 0,   0, 100, '党员积分管理:基础分20+任务分70+奖励分10,年度评议'),
  (2, '红色岗位积分',       0, 'year', 0.2, 0, NULL, '红色岗位成员按服务时长积分,上年积分的20%结转为下年基础分,可在积分超市兑换');

INSERT INTO score_categories(scheme_id, category, initial, floor, cap) VALUES
  (1, '基础分', 20, 0, 20),
  (1, '任务分', 0,  0, 70),
  (1, '奖励分', 0,  0, 10),
  (2, '岗位服务', 0, 0, NULL),
  (2, '奖励', 0, 0, 20);

INSERT INTO score_rules(scheme_id, rule_code, category, points, unit, max_units_per_event, cap_per_period, veto_grade, description) VALUES
  (1, 'B01', '基础分', -2,  'event', NULL, NULL, NULL,       '无故缺席组织生活,每次扣2分'),
  (1, 'B02', '基础分', -5,  'event', NULL, NULL, NULL,       '未按时足额交纳党费,每次扣5分'),
  (1, 'B03', '基础分', -10, 'event', NULL, NULL, '基本合格', '在职党员未到居住地社区报到(双报到),评议最高为基本合格'),
  (1, 'T01', '任务分', 2,   'event', NULL, 12,   NULL,       '集中学习每次2分,全年累计不超过12分'),
  (1, 'T02', '任务分', 2,   'event', NULL, 24,   NULL,       '参加主题党日每次2分,全年不超过24分'),
  (1, 'T03', '任务分', 1,   'hour',  2,    30,   NULL,       '治安巡逻每小时1分,每次最多计2小时,全年不超过30分'),
  (1, 'T04', '任务分', 2,   'event', NULL, 20,   NULL,       '睦邻点值日每次2分,全年不超过20分'),
  (1, 'T05', '任务分', 3,   'event', NULL, 30,   NULL,       '双报到志愿服务每次3分,全年不超过30分'),
  (1, 'T06', '任务分', 1,   'hour',  2,    20,   NULL,       '志愿服务每小时1分,每次最多计2小时,全年不超过20分'),
  (1, 'R01', '奖励分', 5,   'event', NULL, NULL, NULL,       '获街道级表彰加5分'),
  (1, 'R02', '奖励分', 10,  'event', NULL, NULL, NULL,       '获区级及以上表彰加10分'),
  (2, 'P01', '岗位服务', 1, 'hour',  2,    NULL, NULL,       '红色岗位服务每小时1分,每次最多计2小时'),
  (2, 'P02', '奖励',     5, 'event', NULL, NULL, NULL,       '评为邻里之星加5分');

INSERT INTO score_grades(scheme_id, grade, min_score, ordinal) VALUES
  (1, '优秀', 85, 1), (1, '合格', 65, 2), (1, '基本合格', 50, 3), (1, '不合格', 0, 4),
  (2, '优秀', 80, 1), (2, '合格', 30, 2), (2, '不合格', 0, 3);

INSERT INTO score_members(scheme_id, member_id, from_date, to_date)
SELECT 1, resident_id, max(coalesce(joined_on, '2023-01-01'), '2023-01-01'), left_on
FROM party_members WHERE left_on IS NULL OR left_on >= '2023-01-01' ORDER BY resident_id;
INSERT INTO score_members(scheme_id, member_id, from_date)
SELECT DISTINCT 2, person_id, '2022-01-01' FROM duty_pool WHERE post_id = 1 ORDER BY person_id;

-- Scheme 1 events, 2023.  Members' "diligence" d (0..9) from a hash.
CREATE TEMP TABLE m1(id INTEGER PRIMARY KEY, d INTEGER, status TEXT, reported INTEGER);
INSERT INTO temp.m1
SELECT m.member_id, ((m.member_id * 2246822519 % 4294967296) / 65536) % 10, p.status, p.reported_on IS NOT NULL
FROM score_members m JOIN party_members p ON p.resident_id = m.member_id WHERE m.scheme_id = 1;
CREATE TEMP TABLE months(i INTEGER PRIMARY KEY, first TEXT);
INSERT INTO temp.months
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
SELECT i, date('2023-01-01', '+' || (i - 1) || ' months') FROM n;

-- T01 集中学习 on the 10th of each month, T02 主题党日 on the 1st Friday-ish
-- (the 6th): the diligent come more often.
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
WITH r(code, off, note) AS (VALUES ('T01', '+9 days', '集中学习'), ('T02', '+5 days', '主题党日'))
SELECT 1, m.id, r.code, date(mo.first, r.off), 1, r.note, '陈静', date(mo.first, r.off) || ' 18:00:00'
FROM temp.m1 m, temp.months mo, r
WHERE (m.id * 7 + mo.i * 3 + length(r.code)) % 10 < 3 + m.d
ORDER BY mo.i, r.code, m.id;
-- T03 patrol hours of the leaders: every duty they led in the served January rota.
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 1, a.person_id, 'T03', a.duty_date, 3, '治安巡逻', '张永平', a.duty_date || ' 21:00:00'
FROM duty_assignments a WHERE a.post_id = 1 AND a.role = 'leader' AND a.status = 'served'
  AND a.person_id IN (SELECT id FROM temp.m1)
ORDER BY a.duty_date, a.person_id;
-- T04 point duty: pool leaders of post 2, 4–13 times each.
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 1, p.person_id, 'T04', date('2023-02-01', '+' || (n.i * 29 + p.person_id % 7) || ' days'), 1,
       '睦邻点值日', '赵春梅', date('2023-02-01', '+' || (n.i * 29 + p.person_id % 7) || ' days') || ' 12:00:00'
FROM duty_pool p JOIN temp.m1 m ON m.id = p.person_id
JOIN (WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT i FROM n) n
  ON n.i < 4 + m.d
WHERE p.post_id = 2 AND p.role = 'leader'
ORDER BY 4, 2;
-- T05 双报到 service on the last Saturday of each month the member came.
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 1, m.id, 'T05', s.day, 1, '双报到志愿服务', '陈静', s.day || ' 17:00:00'
FROM temp.m1 m JOIN temp.months mo
JOIN (SELECT mo2.i, date(mo2.first, '+1 month', '-1 day',
                         '-' || ((CAST(strftime('%w', date(mo2.first, '+1 month', '-1 day')) AS INTEGER) + 1) % 7) || ' days') AS day
      FROM temp.months mo2) s ON s.i = mo.i
WHERE m.status = 'in_service' AND m.reported AND (m.id + mo.i) % 10 < 4 + m.d
ORDER BY s.day, m.id;
-- T06 volunteer hours (retired members in the aid team), capped per event at 2 h.
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 1, h.resident_id, 'T06', h.served_on, h.hours, '邻里守望志愿服务', '邻里守望帮扶队', h.served_on || ' 20:00:00'
FROM volunteer_hours h JOIN temp.m1 m ON m.id = h.resident_id
WHERE h.served_on BETWEEN '2023-01-01' AND '2023-12-31'
ORDER BY h.served_on, h.id;
-- Deductions: absences for the least diligent, late dues for two, and
-- B03 (the veto) for in-service members who have not reported.
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 1, m.id, 'B01', date(mo.first, '+9 days'), 1, '无故缺席集中学习', '陈静', date(mo.first, '+9 days') || ' 18:30:00'
FROM temp.m1 m, temp.months mo WHERE m.d <= 1 AND mo.i % (2 + m.d) = 0
ORDER BY mo.i, m.id;
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 1, id, 'B02', '2023-07-05', 1, '二季度党费未按时交纳', '陈静', '2023-07-05 10:00:00'
FROM temp.m1 WHERE d = 0 ORDER BY id LIMIT 2;
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 1, id, 'B03', '2023-06-30', 1, '至半年未到社区报到', '陈静', '2023-06-30 16:00:00'
FROM temp.m1 WHERE status = 'in_service' AND NOT reported
  AND id <> (SELECT id FROM residents WHERE name = '李建华') ORDER BY id;
-- One unreported member is active where he works and in his own time: his
-- points reach 合格, and the veto lowers his grade to 基本合格.
CREATE TEMP TABLE vetoed(id INTEGER PRIMARY KEY);
INSERT INTO temp.vetoed SELECT id FROM temp.m1 WHERE status = 'in_service' AND NOT reported
  AND id <> (SELECT id FROM residents WHERE name = '李建华') ORDER BY id LIMIT 1;
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
WITH r(code, off, qty, note) AS (VALUES ('T01', '+9 days', 1, '集中学习'), ('T02', '+5 days', 1, '主题党日'),
                                        ('T06', '+20 days', 3, '志愿服务(周末)'))
SELECT 1, v.id, r.code, date(mo.first, r.off), r.qty, r.note, '陈静', date(mo.first, r.off) || ' 19:00:00'
FROM temp.vetoed v, temp.months mo, r
WHERE NOT EXISTS (SELECT 1 FROM score_events e WHERE e.member_id = v.id AND e.scheme_id = 1
                    AND e.rule_code = r.code AND e.occurred_on = date(mo.first, r.off))
ORDER BY 4, 3;
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 1, id, 'R02', '2023-05-04', 1, '单位评为区级优秀青年党员', '陈静', '2023-05-04 10:00:00' FROM temp.vetoed;
DROP TABLE temp.vetoed;
-- Honours: 侯玉华 at district level, three members at street level.
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 1, id, 'R02', '2023-07-01', 1, '区级优秀共产党员', '李建华', '2023-07-01 09:00:00'
FROM residents WHERE name = '侯玉华';
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 1, id, 'R01', '2023-07-01', 1, '街道优秀党员志愿者', '李建华', '2023-07-01 09:05:00'
FROM temp.m1 WHERE d = 9 ORDER BY id LIMIT 3;
-- A study event recorded against the wrong member, then reversed.
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 1, id, 'T01', '2023-11-10', 1, '集中学习(误录)', '黄佳琳', '2023-11-10 18:10:00'
FROM temp.m1 WHERE d = 0 ORDER BY id LIMIT 1;
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, reverses, note, recorded_by, recorded_at)
SELECT scheme_id, member_id, rule_code, occurred_on, qty, event_id, '冲销:误录,本人未参加', '陈静', '2023-11-13 09:00:00'
FROM score_events WHERE note = '集中学习(误录)';

-- Scheme 2: each patrol shift is 3 h (2 h credited); 2022 from a simple
-- rotation, 2023 from the January rota and a rotation after it.  The
-- January events name the duty they were earned on (source_table,
-- source_id), as `muling points sync` writes them: P01's source is the
-- patrol post's served duties, 3 h each (score_rule_sources below), so a
-- sync of the sample adds nothing until a duty changes.
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at,
                         source_table, source_id)
WITH RECURSIVE d(i, day) AS (SELECT 0, '2022-01-01' UNION ALL SELECT i + 1, date(day, '+1 day') FROM d WHERE day < '2023-12-31'),
p AS (SELECT m.member_id, row_number() OVER (ORDER BY m.member_id) - 1 AS j FROM score_members m WHERE m.scheme_id = 2),
np AS (SELECT count(*) AS n FROM p)
SELECT 2, p.member_id, 'P01', d.day, 3, '治安巡逻', '张永平', d.day || ' 21:30:00', NULL, NULL
FROM d, np JOIN p ON p.j IN ((4 * d.i) % np.n, (4 * d.i + 1) % np.n, (4 * d.i + 2) % np.n, (4 * d.i + 3) % np.n)
WHERE (d.day < '2023-01-01' OR d.day > '2023-01-31')
  AND (p.member_id * 3 + d.i) % 5 <> 0
UNION ALL
SELECT 2, a.person_id, 'P01', a.duty_date, 3, '治安巡逻', '张永平', a.duty_date || ' 21:30:00',
       'duty_assignments', a.id
FROM duty_assignments a WHERE a.post_id = 1 AND a.status = 'served'
ORDER BY 4, 2;
INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by, recorded_at)
SELECT 2, h.resident_id, 'P02', h.awarded_on, 1, '邻里之星', '李建华', h.awarded_on || ' 12:00:00'
FROM honours h JOIN score_members m ON m.scheme_id = 2 AND m.member_id = h.resident_id
WHERE h.title = '邻里之星' ORDER BY h.awarded_on, h.resident_id;

-- 积分超市: what patrol volunteers took home in December 2023.
INSERT INTO score_redemptions(scheme_id, member_id, points, redeemed_on, item)
SELECT 2, member_id, CASE member_id % 3 WHEN 0 THEN 30 WHEN 1 THEN 20 ELSE 10 END,
       date('2023-12-01', '+' || (member_id % 20) || ' days'),
       CASE member_id % 3 WHEN 0 THEN '食用油一桶' WHEN 1 THEN '大米一袋' ELSE '洗衣液一瓶' END
FROM score_members WHERE scheme_id = 2 AND member_id % 2 = 0 ORDER BY member_id;

INSERT INTO score_rule_sources(scheme_id, rule_code, source, filter, qty) VALUES (2, 'P01', 'duty_served', '1', 3);

-- Reward tiers of both schemes (the points report reads them).
INSERT INTO score_reward_tiers(scheme_id, tier, ordinal, max_grade, min_percentile)
SELECT s.scheme_id, t.tier, t.ordinal, t.max_grade, t.min_percentile
FROM score_schemes s,
     (SELECT '一等奖励' AS tier, 1 AS ordinal, 1 AS max_grade, 90 AS min_percentile
      UNION ALL SELECT '二等奖励', 2, 2, 60 UNION ALL SELECT '三等奖励', 3, 2, 0) t
ORDER BY s.scheme_id, t.ordinal;

DROP TABLE temp.m1; DROP TABLE temp.months;
COMMIT;
