-- Hand-made cases for tests/sh/due.sh: one or two records per rule of the
-- due report, dated around the leap day 2024-02-29 and the quarter's last
-- day 2024-03-31.  Read after sql/schema.sql (the default due_rules).
PRAGMA foreign_keys = ON;
INSERT INTO areas(id, parent_id, level, name) VALUES
  (1, NULL, 'community', '美湖社区'), (2, 1, 'building', '1号楼'),
  (3, NULL, 'community', '别的社区'), (4, 3, 'building', '9号楼');
INSERT INTO households(id, area_id, door_no) VALUES
  (1, 2, '1-101'), (2, 2, '1-102'), (3, 4, '9-101'), (4, 2, '1-201'), (5, 2, '1-202');
INSERT INTO residents(id, name, household_id, area_id, moved_in, died_on, hospitalised_on, low_income, low_income_from) VALUES
  (1, '王一', 1, 2, '2024-01-01', NULL, NULL, 0, NULL),          -- new resident, never visited
  (2, '李二', 2, 2, NULL, NULL, '2024-02-10', 0, NULL),          -- hospitalised, visited 02-20
  (3, '张三', 3, 4, NULL, '2024-01-15', NULL, 0, NULL),          -- died, in the other community
  (4, '赵四', 4, 2, NULL, NULL, NULL, 1, '2023-11-30'),          -- 低保, benefit visit 2023-12-05
  (5, '钱五', 5, 2, NULL, NULL, NULL, 1, NULL),                  -- 低保 since an unknown day, never visited
  (6, '孙六', NULL, 2, NULL, NULL, NULL, 0, NULL),
  (7, '周七', NULL, 2, NULL, NULL, NULL, 0, NULL);
INSERT INTO home_visits(kind, household_id, resident_id, visited_on) VALUES
  ('hospital', 2, 2, '2024-02-20'), ('benefit', 4, NULL, '2023-12-05');

-- meetings: quarterly on the 10th from 2023-10-10 (held 2023-12-29: Q4 kept);
-- weekly on Mondays from 2024-02-19 (held Wednesday 02-21: that week kept)
INSERT INTO party_orgs(id, kind, name, area_id) VALUES (1, 'committee', '美湖社区党委', 1);
INSERT INTO meetings(id, kind, name, org_id, area_id, rrule, dtstart) VALUES
  (1, 'point_review', '睦邻点例会', 1, 1, 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10', '2023-10-10'),
  (2, 'weekly', '每周例会', 1, 1, 'FREQ=WEEKLY;BYDAY=MO', '2024-02-19');
INSERT INTO activities(kind, held_on, meeting_id) VALUES ('meeting', '2023-12-29', 1), ('meeting', '2024-02-21', 2);

-- hardship: a pairing case nobody paired and nobody visited; a training case
-- whose household was visited on 2023-12-05 (due again 90 days later: 2024-03-04)
INSERT INTO hardship_cases(id, household_id, resident_id, class, assessed_on) VALUES
  (1, 5, 5, 'pairing', '2024-01-01'), (2, 4, 4, 'training', '2023-12-01');

-- 微心愿: unclaimed; claimed 01-30 (due 30 days later: the leap day); fulfilled
INSERT INTO micro_wishes(id, resident_id, wish, raised_on, claimed_by, claimed_on, fulfilled_on) VALUES
  (1, 5, '一件冬衣', '2024-02-01', NULL, NULL, NULL),
  (2, 4, '一副老花镜', '2024-01-20', 6, '2024-01-30', NULL),
  (3, 4, '一袋大米', '2024-01-20', 6, '2024-01-21', '2024-01-25');

-- council: one issue waiting for the review since 02-01; one reviewed on
-- 01-05 and sent back to raised on 02-10 (its stage starts again then)
INSERT INTO councils(id, area_id, name) VALUES (1, 1, '美湖社区协商议事会');
INSERT INTO council_issues(id, council_id, title, mode, raised_on) VALUES
  (1, 1, '楼道堆物', 'home', '2024-02-01'), (2, 1, '停车难', 'wechat', '2024-01-02');
UPDATE council_issues SET status = 'reviewed', reviewed_on = '2024-01-05' WHERE id = 2;
UPDATE council_issues SET status = 'raised', reviewed_on = NULL, status_on = '2024-02-10', status_note = '材料不全,退回' WHERE id = 2;

-- 双报到 on the last Saturday (2023-10-28, 11-25, 12-30, 2024-01-27, 02-24, 03-30):
-- 孙六 served only the first; 周七 missed only 12-30 (01-27 by attendance)
INSERT INTO party_members(resident_id, org_id, status, reported_on) VALUES
  (6, 1, 'in_service', '2023-10-01'), (7, 1, 'in_service', '2023-10-01');
INSERT INTO duty_posts(post_id, name, rrule, dtstart, kind, area_id) VALUES
  (1, '双报到服务日', 'FREQ=MONTHLY;BYDAY=-1SA', '2023-10-28', 'dual_report', 1),
  (2, '治安巡逻岗', 'FREQ=DAILY', '2024-02-01', 'patrol', 1);
INSERT INTO duty_assignments(post_id, duty_date, slot, role, person_id, status) VALUES
  (1, '2023-10-28', 1, 'member', 6, 'served'), (1, '2023-10-28', 2, 'member', 7, 'served'),
  (1, '2023-11-25', 2, 'member', 7, 'served'), (1, '2024-02-24', 2, 'member', 7, 'served'),
  (2, '2024-02-27', 1, 'member', 1, 'absent'), (2, '2024-02-28', 1, 'member', 1, 'planned');
INSERT INTO activities(id, kind, held_on, post_id) VALUES (10, 'volunteer_service', '2024-01-27', 1);
INSERT INTO attendance(activity_id, resident_id) VALUES (10, 7);
