-- checks.sql — the data-quality findings of `muling check DB`.
--
-- Each statement follows a `-- finding: KEY description` line and returns
-- one row per offending record (the command counts them and shows five).
-- Examples name the record by its id and mask personal data: whoever fixes
-- the record looks it up by id.  Needs the muling extension (idcard_*,
-- ethnic_name, name_mask); runs read-only.
--
-- An area (`muling check DB --area AREA`; in the shell `.parameter set
-- :area 4` or a name) narrows every finding to the records placed in it
-- or below it: a statement after a "-- scope: area" line checks the area,
-- one after "-- scope: whole" the whole database (and returns nothing when
-- :area is set), so each finding has one of each, or one for both.  A
-- resident is placed in their building, else their household's (as in the
-- reports); see each finding's area statement for what places its rows.
-- The area's rows are those the whole database's have in the area: read
-- from the area's records only, so the cost follows the area's size.

-- The residents are read once for the findings about their own fields
-- (ID number, birth date, sex, phone) and for household_without_members:
-- the rows any of them could list go into temp.check_residents, and the
-- findings read only those, each with its own condition (so they list what
-- they would list over every resident).  A row is kept when
-- idcard_problems() finds anything in its ID number, birth date and sex
-- (one call a resident, where the findings would call idcard_valid,
-- idcard_birth and idcard_sex several times), when its phone is not
-- already 11 digits 1[3-9]… (the only text phone_normalize() gives back
-- unchanged: 11 characters whose leading integer has 11 digits from 13…
-- to 19…, and text, not a blob, which sorts after any text), or when the
-- resident moved out or died.  (`muling check --only` runs a statement
-- after a "-- for:" line only when it names a finding asked for: the
-- others find the table empty and are not run.)
DROP TABLE IF EXISTS temp.check_residents;
CREATE TEMP TABLE check_residents(id INTEGER PRIMARY KEY, name, id_number, birth_date, sex,
                                  phone, household_id, moved_out, died_on);
-- scope: whole
-- for: invalid_id_number id_birth_mismatch id_sex_mismatch id_birth_future phone_not_normalised household_without_members score_event_after_leaving
INSERT INTO temp.check_residents
SELECT id, name, id_number, birth_date, sex, phone, household_id, moved_out, died_on
FROM residents
WHERE :area IS NULL AND (
      idcard_problems(id_number, birth_date, sex, date('now', 'localtime')) IS NOT NULL
   OR (phone IS NOT NULL
       AND NOT (length(phone) = 11 AND CAST(phone AS INTEGER) BETWEEN 13000000000 AND 19999999999
                AND phone < x''))
   OR moved_out IS NOT NULL OR died_on IS NOT NULL);

-- The area and every area below it (UNION: a cycle ends), and the
-- residents placed there: those whose area_id is one of them (the
-- residents_area index, no row read), and those without an area_id whose
-- household's building is (the residents_area index's NULL entries).
-- Without an area both stay empty.
DROP TABLE IF EXISTS temp.check_area;
CREATE TEMP TABLE check_area(id INTEGER PRIMARY KEY);
-- scope: area
INSERT INTO temp.check_area
WITH RECURSIVE sub(id) AS (SELECT id FROM areas WHERE id = :area OR name = :area
                           UNION SELECT a.id FROM areas AS a JOIN sub ON a.parent_id = sub.id)
SELECT id FROM sub;

DROP TABLE IF EXISTS temp.check_people;
CREATE TEMP TABLE check_people(id INTEGER PRIMARY KEY);
-- scope: area
-- for: invalid_id_number id_birth_mismatch id_sex_mismatch id_birth_future duplicate_id_number phone_not_normalised party_member_without_org score_event_after_leaving
INSERT INTO temp.check_people
SELECT r.id FROM temp.check_area AS a CROSS JOIN residents AS r INDEXED BY residents_area ON r.area_id = a.id
UNION ALL
SELECT r.id FROM residents AS r INDEXED BY residents_area CROSS JOIN households AS h ON h.id = r.household_id
 WHERE r.area_id IS NULL AND h.area_id IN (SELECT id FROM temp.check_area);

-- The same pass over the area's residents (in id order).
-- scope: area
-- for: invalid_id_number id_birth_mismatch id_sex_mismatch id_birth_future phone_not_normalised score_event_after_leaving
INSERT INTO temp.check_residents
SELECT r.id, r.name, r.id_number, r.birth_date, r.sex, r.phone, r.household_id, r.moved_out, r.died_on
FROM temp.check_people AS p CROSS JOIN residents AS r ON r.id = p.id
WHERE idcard_problems(r.id_number, r.birth_date, r.sex, date('now', 'localtime')) IS NOT NULL
   OR (r.phone IS NOT NULL
       AND NOT (length(r.phone) = 11 AND CAST(r.phone AS INTEGER) BETWEEN 13000000000 AND 19999999999
                AND r.phone < x''))
   OR r.moved_out IS NOT NULL OR r.died_on IS NOT NULL;

-- finding: invalid_id_number 身份证号码无效 ID numbers that fail GB 11643 (region, date or check character)
SELECT id AS resident_id, name_mask(name) AS name, idcard_mask(id_number, 6, 2) AS id_number
FROM temp.check_residents
WHERE id_number IS NOT NULL AND NOT idcard_valid(id_number)
ORDER BY id;

-- finding: id_birth_mismatch 出生日期与身份证号不符 birth_date disagrees with the ID number
-- The dates themselves are not shown: the ID's is digits 7–14, which the
-- masked ID hides; the gap says how far apart they are.
SELECT id AS resident_id, name_mask(name) AS name,
       printf('%+d days', julianday(birth_date) - julianday(idcard_birth(id_number))) AS differs_by
FROM temp.check_residents
WHERE birth_date IS NOT NULL AND idcard_valid(id_number)
  AND idcard_birth(id_number) IS NOT birth_date
ORDER BY id;

-- finding: id_sex_mismatch 性别与身份证号不符 sex disagrees with the ID number
SELECT id AS resident_id, name_mask(name) AS name, sex, idcard_sex(id_number) AS id_sex
FROM temp.check_residents
WHERE sex IS NOT NULL AND idcard_valid(id_number)
  AND idcard_sex(id_number) IS NOT sex
ORDER BY id;

-- finding: id_birth_future 身份证出生日期在未来 an ID number born after today
SELECT id AS resident_id, name_mask(name) AS name,
       printf('%d days', julianday(idcard_birth(id_number)) - julianday(date('now', 'localtime'))) AS ahead_by
FROM temp.check_residents
WHERE idcard_valid(id_number) AND idcard_birth(id_number) > date('now', 'localtime')
ORDER BY id;

-- The numbers held twice are found first by counting (in the order of the
-- residents_id_number index, no sort of every number).  `muling check`
-- finds the same numbers in C (-- fast:, cli/check.c): one read of the
-- index in order, each number compared with the one before it, where
-- SQLite's GROUP BY spends most of its time on the ten million groups of
-- one (1e7 city: 2.1 -> 1.1 s CPU).  It does so only where the two agree
-- by construction: the column's collation BINARY, the file UTF-8, every
-- number text or a blob; otherwise this statement runs.
DROP TABLE IF EXISTS temp.check_duplicates;
CREATE TEMP TABLE check_duplicates(id_number);
-- scope: whole
-- for: duplicate_id_number
-- fast: duplicate_numbers
INSERT INTO temp.check_duplicates
SELECT id_number FROM residents WHERE id_number IS NOT NULL AND :area IS NULL
GROUP BY id_number HAVING count(*) > 1;

-- finding: duplicate_id_number 身份证号重复 one ID number on several residents
-- Only the residents of the numbers held twice are sorted, so a city of
-- ten million sorts thousands.
-- scope: whole
SELECT idcard_mask(id_number) AS id_number, count(*) AS residents,
       group_concat(id, ',') AS resident_ids
FROM (SELECT id, id_number FROM residents
       WHERE id_number IN (SELECT id_number FROM temp.check_duplicates)
         AND :area IS NULL
       ORDER BY id)
GROUP BY id_number
ORDER BY min(id);

-- finding: duplicate_id_number 身份证号重复 one ID number on several residents
-- scope: area
-- A number is listed, with every resident who holds it, when one of them
-- lives in the area (so a duplicate across its border is shown).  The
-- area's numbers are sorted first (kept sorted: MATERIALIZED), so that the
-- residents_id_number index is sought for each in its own order: a
-- street of 680,000 residents in 0.9 s, not 2.4 s sought at random.
WITH n AS MATERIALIZED (SELECT r.id, r.id_number
                          FROM temp.check_people AS p CROSS JOIN residents AS r ON r.id = p.id
                         WHERE r.id_number IS NOT NULL ORDER BY r.id_number)
SELECT idcard_mask(id_number) AS id_number, count(*) AS residents,
       group_concat(id, ',') AS resident_ids
FROM (SELECT id, id_number FROM residents
       WHERE id_number IN (SELECT n.id_number FROM n
                            WHERE EXISTS (SELECT 1 FROM residents AS d
                                           WHERE d.id_number = n.id_number AND d.id <> n.id))
       ORDER BY id)
GROUP BY id_number
ORDER BY min(id);

-- finding: unknown_ethnic_code 民族代码未知 ethnic_code is no GB/T 3304 group, or an unmapped spelling (maps_to: what ethnic_code() makes of it today)
-- The codes in use are walked in the residents_ethnic index, one seek per
-- code (a city has a few dozen), and only the residents of the codes
-- ethnic_name() does not know, or of none, are read.
-- scope: whole
WITH RECURSIVE
codes(code) AS (SELECT min(ethnic_code) FROM residents
                UNION ALL
                SELECT (SELECT min(ethnic_code) FROM residents WHERE ethnic_code > codes.code)
                  FROM codes WHERE codes.code IS NOT NULL)
SELECT id AS resident_id, name_mask(name) AS name, ethnic_code, ethnic_raw,
       ethnic_code(trim(ethnic_raw)) AS maps_to
FROM residents
WHERE (ethnic_code IN (SELECT code FROM codes WHERE code IS NOT NULL AND ethnic_name(code) IS NULL)
       OR (ethnic_code IS NULL AND ethnic_raw IS NOT NULL))
  AND :area IS NULL
ORDER BY id;

-- finding: unknown_ethnic_code 民族代码未知 ethnic_code is no GB/T 3304 group, or an unmapped spelling (maps_to: what ethnic_code() makes of it today)
-- scope: area
-- The area's residents, the code tested in the residents_area index (a
-- row is read only for a code found unknown, or none); those without an
-- area_id of their own, by their household's building.
WITH RECURSIVE
codes(code) AS (SELECT min(ethnic_code) FROM residents
                UNION ALL
                SELECT (SELECT min(ethnic_code) FROM residents WHERE ethnic_code > codes.code)
                  FROM codes WHERE codes.code IS NOT NULL),
bad(code) AS (SELECT code FROM codes WHERE code IS NOT NULL AND ethnic_name(code) IS NULL)
SELECT r.id AS resident_id, name_mask(r.name) AS name, r.ethnic_code, r.ethnic_raw,
       ethnic_code(trim(r.ethnic_raw)) AS maps_to
FROM temp.check_area AS a CROSS JOIN residents AS r INDEXED BY residents_area ON r.area_id = a.id
WHERE r.ethnic_code IN (SELECT code FROM bad) OR (r.ethnic_code IS NULL AND r.ethnic_raw IS NOT NULL)
UNION ALL
SELECT r.id, name_mask(r.name), r.ethnic_code, r.ethnic_raw, ethnic_code(trim(r.ethnic_raw))
FROM residents AS r INDEXED BY residents_area CROSS JOIN households AS h ON h.id = r.household_id
WHERE r.area_id IS NULL AND h.area_id IN (SELECT id FROM temp.check_area)
  AND (r.ethnic_code IN (SELECT code FROM bad) OR (r.ethnic_code IS NULL AND r.ethnic_raw IS NOT NULL))
ORDER BY 1;

-- finding: phone_not_normalised 电话号码格式 a phone not stored as 11 digits (normalised: what phone_normalize() makes of it, NULL if no mobile number)
SELECT id AS resident_id, name_mask(name) AS name,
       regexp_replace(phone, '\d', '9') AS format,
       phone_mask(phone_normalize(phone)) AS normalised
FROM temp.check_residents
WHERE phone IS NOT NULL AND phone_normalize(phone) IS NOT phone
ORDER BY id;

-- The households no resident names: the households' ids and the
-- residents_household index read side by side, in order (no resident read).
DROP TABLE IF EXISTS temp.check_empty_households;
CREATE TEMP TABLE check_empty_households(id INTEGER PRIMARY KEY);
-- scope: whole
-- for: household_without_members
INSERT INTO temp.check_empty_households
SELECT id FROM households WHERE :area IS NULL EXCEPT SELECT household_id FROM residents ORDER BY 1;

-- finding: household_without_members 空户 a current household with no current resident
-- Such a household has no resident at all (temp.check_empty_households) or
-- only residents who moved out or died: temp.check_residents has every one
-- of those, so a household of theirs has no current resident when it has
-- as many residents (counted in the residents_household index, none read)
-- as it has there.
-- scope: whole
SELECT h.id AS household_id, h.area_id, h.door_no
FROM temp.check_empty_households AS e CROSS JOIN households AS h ON h.id = e.id
WHERE h.dissolved_on IS NULL
UNION ALL
SELECT h.id, h.area_id, h.door_no
FROM (SELECT household_id, count(*) AS gone FROM temp.check_residents
       WHERE moved_out IS NOT NULL OR died_on IS NOT NULL
       GROUP BY household_id) AS g
JOIN households AS h ON h.id = g.household_id
WHERE h.dissolved_on IS NULL
  AND (SELECT count(*) FROM residents AS r WHERE r.household_id = h.id) = g.gone
  AND :area IS NULL
ORDER BY 1;

-- finding: household_without_members 空户 a current household with no current resident
-- scope: area
-- The households whose building is in the area (households_area), each
-- with its residents read until a current one is found.
SELECT h.id AS household_id, h.area_id, h.door_no
FROM temp.check_area AS a CROSS JOIN households AS h ON h.area_id = a.id
WHERE h.dissolved_on IS NULL
  AND NOT EXISTS (SELECT 1 FROM residents AS r
                   WHERE r.household_id = h.id AND r.moved_out IS NULL AND r.died_on IS NULL)
ORDER BY 1;

-- finding: resident_without_building 未落楼栋 a current resident in no building (neither directly nor through the household)
-- Only residents without an area or in an area that is no building can be
-- such: those areas are found from the residents_area index (each area
-- once, not each resident), and only their residents are read.
-- scope: whole
SELECT r.id AS resident_id, name_mask(r.name) AS name, r.area_id, r.household_id
FROM residents_current AS r
LEFT JOIN households AS h ON h.id = r.household_id
LEFT JOIN areas AS a ON a.id = coalesce(r.area_id, h.area_id)
WHERE (r.area_id IS NULL
       OR r.area_id IN (SELECT d.area_id FROM (SELECT DISTINCT area_id FROM residents) AS d
                         WHERE NOT EXISTS (SELECT 1 FROM areas AS b
                                            WHERE b.id = d.area_id AND b.level = 'building')))
  AND (a.id IS NULL OR a.level IS NOT 'building')
  AND :area IS NULL
ORDER BY r.id;

-- finding: resident_without_building 未落楼栋 a current resident in no building (neither directly nor through the household)
-- scope: area
-- A resident placed in the area is in one of its areas, so such a one is
-- in an area of it that is no building: its own (residents_area, for each
-- such area of the area) or, without one, its household's.  (One placed
-- nowhere is found only in the whole database.)
SELECT r.id AS resident_id, name_mask(r.name) AS name, r.area_id, r.household_id
FROM temp.check_area AS x CROSS JOIN areas AS b ON b.id = x.id
CROSS JOIN residents AS r INDEXED BY residents_area ON r.area_id = b.id
WHERE b.level IS NOT 'building' AND r.moved_out IS NULL AND r.died_on IS NULL
UNION ALL
SELECT r.id, name_mask(r.name), r.area_id, r.household_id
FROM residents AS r INDEXED BY residents_area CROSS JOIN households AS h ON h.id = r.household_id
CROSS JOIN areas AS b ON b.id = h.area_id
WHERE r.area_id IS NULL AND b.level IS NOT 'building' AND r.moved_out IS NULL AND r.died_on IS NULL
  AND b.id IN (SELECT id FROM temp.check_area)
ORDER BY 1;

-- finding: area_cycle 区域层级成环 an area that is its own ancestor: parent_id loops back (reports refuse such a tree)
-- An area on a cycle is never reached going down from the roots (through
-- the areas_parent index, each area once), so only the areas not reached
-- walk up, as the area_ancestors view walks (at most 32 steps).
-- scope: whole
WITH RECURSIVE
rooted(id) AS (SELECT id FROM areas WHERE parent_id IS NULL
               UNION ALL
               SELECT a.id FROM rooted JOIN areas AS a ON a.parent_id = rooted.id),
up(area_id, ancestor_id, parent_id, depth) AS (
  SELECT id, id, parent_id, 0 FROM areas WHERE id NOT IN (SELECT id FROM rooted)
  UNION ALL
  SELECT up.area_id, p.id, p.parent_id, up.depth + 1
  FROM up JOIN areas AS p ON p.id = up.parent_id
  WHERE up.depth < 32)
SELECT a.id AS area_id, a.level, a.name, a.parent_id
FROM areas AS a
WHERE a.id IN (SELECT area_id FROM up WHERE depth > 0 AND ancestor_id = area_id)
  AND :area IS NULL
ORDER BY a.id;

-- finding: area_cycle 区域层级成环 an area that is its own ancestor: parent_id loops back (reports refuse such a tree)
-- scope: area
-- The areas of the area that are on a cycle: only one with an area below
-- it can be (the next on the cycle is), so only those walk up.
WITH RECURSIVE
up(area_id, ancestor_id, parent_id, depth) AS (
  SELECT a.id, a.id, a.parent_id, 0
  FROM temp.check_area AS x CROSS JOIN areas AS a ON a.id = x.id
  WHERE EXISTS (SELECT 1 FROM areas AS c WHERE c.parent_id = a.id)
  UNION ALL
  SELECT up.area_id, p.id, p.parent_id, up.depth + 1
  FROM up JOIN areas AS p ON p.id = up.parent_id
  WHERE up.depth < 32)
SELECT a.id AS area_id, a.level, a.name, a.parent_id
FROM areas AS a
WHERE a.id IN (SELECT area_id FROM up WHERE depth > 0 AND ancestor_id = area_id)
ORDER BY a.id;

-- finding: party_member_without_org 党员无所属组织 a member whose org is missing or dissolved before they left
-- (the org is joined first, so that only the members found are looked up
-- in residents for their name)
-- scope: whole
SELECT m.resident_id, name_mask(r.name) AS name, m.org_id, o.dissolved_on
FROM party_members AS m
LEFT JOIN party_orgs AS o ON o.id = m.org_id
LEFT JOIN residents AS r ON r.id = m.resident_id
WHERE :area IS NULL AND (o.id IS NULL
   OR (o.dissolved_on IS NOT NULL AND (m.left_on IS NULL OR m.left_on > o.dissolved_on)))
ORDER BY m.resident_id;

-- finding: party_member_without_org 党员无所属组织 a member whose org is missing or dissolved before they left
-- scope: area
-- A member who lives in the area, or whose (dissolved) organisation
-- serves it (party_orgs.area_id).
SELECT m.resident_id, name_mask(r.name) AS name, m.org_id, o.dissolved_on
FROM party_members AS m
LEFT JOIN party_orgs AS o ON o.id = m.org_id
LEFT JOIN residents AS r ON r.id = m.resident_id
WHERE (o.id IS NULL
       OR (o.dissolved_on IS NOT NULL AND (m.left_on IS NULL OR m.left_on > o.dissolved_on)))
  AND (m.resident_id IN (SELECT id FROM temp.check_people)
       OR o.area_id IN (SELECT id FROM temp.check_area))
ORDER BY m.resident_id;

-- finding: score_event_after_leaving 离开后仍有积分 a score event after the member left the scheme, the party or the community
-- The day each (scheme, member) of the ledger left is worked out once, from
-- the score_events_member index (not once per event: a city has millions of
-- events and thousands of members); only the events of those who left are
-- then read, from the same index.  A member who never left has
-- '9999-12-31', after every date an event can have.  A resident's
-- moved_out and died_on are read from temp.check_residents, which has
-- every resident who moved out or died, not from residents at random.
-- scope: whole
WITH p AS (SELECT DISTINCT scheme_id, member_id FROM score_events),
lv AS (SELECT p.scheme_id, p.member_id,
              min(coalesce(sm.to_date, '9999-12-31'), coalesce(pm.left_on, '9999-12-31'),
                  coalesce(r.moved_out, '9999-12-31'), coalesce(r.died_on, '9999-12-31')) AS left_on
         FROM p
         LEFT JOIN score_members AS sm ON sm.scheme_id = p.scheme_id AND sm.member_id = p.member_id
         LEFT JOIN party_members AS pm ON pm.resident_id = p.member_id
         LEFT JOIN temp.check_residents AS r ON r.id = p.member_id)
SELECT e.event_id, e.scheme_id, e.member_id, e.occurred_on, lv.left_on
FROM lv JOIN score_events AS e
  ON e.scheme_id = lv.scheme_id AND e.member_id = lv.member_id AND e.occurred_on > lv.left_on
WHERE lv.left_on < '9999-12-31' AND e.reverses IS NULL
  AND :area IS NULL
ORDER BY e.event_id;

-- finding: score_event_after_leaving 离开后仍有积分 a score event after the member left the scheme, the party or the community
-- scope: area
-- The events of members who live in the area.  The ledger has no index by
-- member alone, so its (scheme, member) pairs are still read from the
-- score_events_member index; only the area's members are looked up.
WITH p AS (SELECT DISTINCT scheme_id, member_id FROM score_events),
lv AS (SELECT p.scheme_id, p.member_id,
              min(coalesce(sm.to_date, '9999-12-31'), coalesce(pm.left_on, '9999-12-31'),
                  coalesce(r.moved_out, '9999-12-31'), coalesce(r.died_on, '9999-12-31')) AS left_on
         FROM p
         CROSS JOIN temp.check_people AS c ON c.id = p.member_id
         LEFT JOIN score_members AS sm ON sm.scheme_id = p.scheme_id AND sm.member_id = p.member_id
         LEFT JOIN party_members AS pm ON pm.resident_id = p.member_id
         LEFT JOIN temp.check_residents AS r ON r.id = p.member_id)
SELECT e.event_id, e.scheme_id, e.member_id, e.occurred_on, lv.left_on
FROM lv JOIN score_events AS e
  ON e.scheme_id = lv.scheme_id AND e.member_id = lv.member_id AND e.occurred_on > lv.left_on
WHERE lv.left_on < '9999-12-31' AND e.reverses IS NULL
ORDER BY e.event_id;

-- What is due (`muling check DB --as-of DATE [--area AREA]`): the lines of
-- the due report (sql/reports/due.sql, which builds temp.due_lines for
-- :as_of and :area), one finding per kind.  Without --as-of the command
-- skips them; in the shell, `.read sql/reports/due.sql` before this file.

-- finding: due_meeting 会议未按期召开 a standing meeting's period ended with fewer meetings held than its RRULE expected
SELECT ref, what, since, due_on, overdue_days FROM temp.due_lines WHERE kind = 'meeting' ORDER BY overdue_days DESC, ref;

-- finding: due_home_visit 八到家未走访 a move-in, death, hospital stay, job loss or new 低保 with no visit of its kind in time
SELECT ref, who, what, since, due_on, overdue_days FROM temp.due_lines WHERE kind = 'home_visit' ORDER BY overdue_days DESC, ref;

-- finding: due_low_income_visit 低保户季度未走访 a 低保 household with no visit in the last quarter
SELECT ref, who, what, since, due_on, overdue_days FROM temp.due_lines WHERE kind = 'low_income_visit' ORDER BY overdue_days DESC, ref;

-- finding: due_hardship_unpaired 困难群体未结对 a 1+1 pairing case nobody is paired with
SELECT ref, who, since, due_on, overdue_days FROM temp.due_lines WHERE kind = 'hardship_unpaired' ORDER BY overdue_days DESC, ref;

-- finding: due_hardship_visit 困难群体走访超期 an open hardship case not visited for longer than its class allows
SELECT ref, who, what, since, due_on, overdue_days FROM temp.due_lines WHERE kind = 'hardship_visit' ORDER BY overdue_days DESC, ref;

-- finding: due_wish 微心愿未实现 a wish not claimed, or claimed and not fulfilled in time
SELECT ref, who, what, since, due_on, overdue_days FROM temp.due_lines WHERE kind = 'wish' ORDER BY overdue_days DESC, ref;

-- finding: due_council_stage 议事超期 a council issue in one stage longer than the stage allows
SELECT ref, what, since, due_on, overdue_days FROM temp.due_lines WHERE kind = 'council_stage' ORDER BY overdue_days DESC, ref;

-- finding: due_dual_report 双报到缺勤 a reported in-service member who missed n of the last m service days
SELECT ref, who, what, since, due_on, overdue_days FROM temp.due_lines WHERE kind = 'dual_report' ORDER BY overdue_days DESC, ref;

-- finding: due_duty_record 值班未登记 a duty whose day has passed, neither served nor absent
SELECT ref, who, what, since, due_on, overdue_days FROM temp.due_lines WHERE kind = 'duty_record' ORDER BY overdue_days DESC, ref;
