-- 塔城路社区 sample, part 9½: what the due report finds on 2024-01-15.
-- Changes no figure the profile and the other reports reproduce: it dates
-- events already recorded (the hospital stays, job losses and 低保 grants
-- behind the 八到家 visits of part 9), and adds what was promised and not
-- kept — a quarterly meeting never held, two hospital stays and a job loss
-- nobody visited, a new 低保 household, two 党建宣传岗 duties nobody marked.
-- The rest the records already show: 低保 households unvisited for a
-- quarter, unpaired hardship cases, three open 微心愿, council issues stuck
-- in a stage, 双报到 members with no service after March 2023.
--   muling report c.db due --param as_of=2024-01-15
BEGIN;
-- 有病住院看望 and 下岗失业安置 follow a stay or a job loss a few days earlier.
UPDATE residents SET hospitalised_on = (SELECT date(max(v.visited_on), '-3 days') FROM home_visits v
                                        WHERE v.kind = 'hospital' AND v.resident_id = residents.id)
WHERE id IN (SELECT resident_id FROM home_visits WHERE kind = 'hospital');
UPDATE residents SET lost_work_on = (SELECT date(max(v.visited_on), '-7 days') FROM home_visits v
                                     WHERE v.kind = 'unemployment' AND v.resident_id = residents.id)
WHERE id IN (SELECT resident_id FROM home_visits WHERE kind = 'unemployment');
-- 低保 began ten days before the household's first 生活保障发放 visit of 2023.
UPDATE residents SET low_income_from = (SELECT date(min(v.visited_on), '-10 days') FROM home_visits v
                                        WHERE v.kind = 'benefit' AND v.household_id = residents.household_id)
WHERE low_income = 1 AND household_id IN (SELECT household_id FROM home_visits WHERE kind = 'benefit');

-- Promised and not kept.
UPDATE residents SET hospitalised_on = '2023-12-08'
WHERE id IN (SELECT id FROM residents_current WHERE hospitalised_on IS NULL AND birth_date <= '1950-12-31'
             ORDER BY (id * 2654435761 % 4294967296), id LIMIT 2);
UPDATE residents SET lost_work_on = '2023-11-20'
WHERE id = (SELECT id FROM residents_current WHERE lost_work_on IS NULL AND low_income = 0
              AND birth_date BETWEEN '1975-01-01' AND '1990-12-31'
            ORDER BY (id * 2246822519 % 4294967296), id LIMIT 1);
UPDATE residents SET low_income_from = '2023-12-01'
WHERE low_income = 1 AND low_income_from IS NULL
  AND household_id = (SELECT household_id FROM residents_current WHERE low_income = 1 AND low_income_from IS NULL
                      ORDER BY household_id LIMIT 1);
-- And one stay dated from the day the sample is loaded, 40 days before it,
-- so that `muling report c.db due` on today's date shows a 八到家 line too
-- (the 2023 ones above are past the report's lookback by now).  It lies
-- after every date the tests ask about, so they see no difference.
UPDATE residents SET hospitalised_on = date('now', 'localtime', '-40 days')
WHERE id = (SELECT id FROM residents_current WHERE hospitalised_on IS NULL AND birth_date <= '1945-12-31'
            ORDER BY (id * 2654435761 % 4294967296) DESC, id LIMIT 1);
INSERT INTO meetings(id, kind, name, org_id, area_id, rrule, dtstart) VALUES
  (8, 'other', '网格员工作季度例会', 1, 4, 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=5', '2023-10-05');
INSERT INTO duty_assignments(post_id, duty_date, slot, role, person_id, status)
SELECT 6, '2023-12-15', 1, 'leader', min(person_id), 'planned' FROM duty_pool WHERE post_id = 6 AND role = 'leader'
UNION ALL
SELECT 6, '2023-12-15', 2, 'member', min(person_id), 'planned' FROM duty_pool WHERE post_id = 6 AND role = 'member';
COMMIT;
