-- checks_reference.sql — the findings of sql/checks.sql written plainly:
-- each over the whole residents table, households and areas, as they
-- read before the residents were judged in one pass (sql/checks.sql at
-- 2e53d01).  tests/sh/check_prefilter.sh runs both on planted edge rows
-- and compares every finding's rows: a prefilter of checks.sql that
-- skipped a row one of these lists would show there.

-- finding: invalid_id_number 身份证号码无效 ID numbers that fail GB 11643 (region, date or check character)
SELECT id AS resident_id, name_mask(name) AS name, idcard_mask(id_number, 6, 2) AS id_number
FROM residents
WHERE id_number IS NOT NULL AND NOT idcard_valid(id_number)
ORDER BY id;

-- finding: id_birth_mismatch 出生日期与身份证号不符 birth_date disagrees with the ID number
-- The dates themselves are not shown: the ID's is digits 7–14, which the
-- masked ID hides; the gap says how far apart they are.
SELECT id AS resident_id, name_mask(name) AS name,
       printf('%+d days', julianday(birth_date) - julianday(idcard_birth(id_number))) AS differs_by
FROM residents
WHERE birth_date IS NOT NULL AND idcard_valid(id_number)
  AND idcard_birth(id_number) IS NOT birth_date
ORDER BY id;

-- finding: id_sex_mismatch 性别与身份证号不符 sex disagrees with the ID number
SELECT id AS resident_id, name_mask(name) AS name, sex, idcard_sex(id_number) AS id_sex
FROM residents
WHERE sex IS NOT NULL AND idcard_valid(id_number)
  AND idcard_sex(id_number) IS NOT sex
ORDER BY id;

-- finding: id_birth_future 身份证出生日期在未来 an ID number born after today
SELECT id AS resident_id, name_mask(name) AS name,
       printf('%d days', julianday(idcard_birth(id_number)) - julianday(date('now', 'localtime'))) AS ahead_by
FROM residents
WHERE idcard_valid(id_number) AND idcard_birth(id_number) > date('now', 'localtime')
ORDER BY id;

-- finding: duplicate_id_number 身份证号重复 one ID number on several residents
-- The numbers held twice are found first by counting (in the order of the
-- residents_id_number index, no sort of every number); only their
-- residents are then sorted, so a city of ten million sorts thousands.
SELECT idcard_mask(id_number) AS id_number, count(*) AS residents,
       group_concat(id, ',') AS resident_ids
FROM (SELECT id, id_number FROM residents
       WHERE id_number IN (SELECT id_number FROM residents WHERE id_number IS NOT NULL
                            GROUP BY id_number HAVING count(*) > 1)
       ORDER BY id)
GROUP BY id_number
ORDER BY min(id);

-- finding: unknown_ethnic_code 民族代码未知 ethnic_code is no GB/T 3304 group, or an unmapped spelling (maps_to: what ethnic_code() makes of it today)
-- The codes in use are walked in the residents_ethnic index, one seek per
-- code (a city has a few dozen), and only the residents of the codes
-- ethnic_name() does not know, or of none, are read.
WITH RECURSIVE
codes(code) AS (SELECT min(ethnic_code) FROM residents
                UNION ALL
                SELECT (SELECT min(ethnic_code) FROM residents WHERE ethnic_code > codes.code)
                  FROM codes WHERE codes.code IS NOT NULL)
SELECT id AS resident_id, name_mask(name) AS name, ethnic_code, ethnic_raw,
       ethnic_code(trim(ethnic_raw)) AS maps_to
FROM residents
WHERE ethnic_code IN (SELECT code FROM codes WHERE code IS NOT NULL AND ethnic_name(code) IS NULL)
   OR (ethnic_code IS NULL AND ethnic_raw IS NOT NULL)
ORDER BY id;

-- finding: phone_not_normalised 电话号码格式 a phone not stored as 11 digits (normalised: what phone_normalize() makes of it, NULL if no mobile number)
SELECT id AS resident_id, name_mask(name) AS name,
       regexp_replace(phone, '\d', '9') AS format,
       phone_mask(phone_normalize(phone)) AS normalised
FROM residents
WHERE phone IS NOT NULL AND phone_normalize(phone) IS NOT phone
ORDER BY id;

-- finding: household_without_members 空户 a current household with no current resident
SELECT h.id AS household_id, h.area_id, h.door_no
FROM households AS h
WHERE h.dissolved_on IS NULL
  AND NOT EXISTS (SELECT 1 FROM residents_current AS r WHERE r.household_id = h.id)
ORDER BY h.id;

-- finding: resident_without_building 未落楼栋 a current resident in no building (neither directly nor through the household)
-- Only residents without an area or in an area that is no building can be
-- such: those areas are found from the residents_area index (each area
-- once, not each resident), and only their residents are read.
SELECT r.id AS resident_id, name_mask(r.name) AS name, r.area_id, r.household_id
FROM residents_current AS r
LEFT JOIN households AS h ON h.id = r.household_id
LEFT JOIN areas AS a ON a.id = coalesce(r.area_id, h.area_id)
WHERE (r.area_id IS NULL
       OR r.area_id IN (SELECT d.area_id FROM (SELECT DISTINCT area_id FROM residents) AS d
                         WHERE NOT EXISTS (SELECT 1 FROM areas AS b
                                            WHERE b.id = d.area_id AND b.level = 'building')))
  AND (a.id IS NULL OR a.level IS NOT 'building')
ORDER BY r.id;

-- finding: area_cycle 区域层级成环 an area that is its own ancestor: parent_id loops back (reports refuse such a tree)
SELECT a.id AS area_id, a.level, a.name, a.parent_id
FROM areas AS a
WHERE a.id IN (SELECT area_id FROM area_ancestors WHERE depth > 0 AND ancestor_id = area_id)
ORDER BY a.id;

-- finding: party_member_without_org 党员无所属组织 a member whose org is missing or dissolved before they left
SELECT m.resident_id, name_mask(r.name) AS name, m.org_id, o.dissolved_on
FROM party_members AS m
LEFT JOIN residents AS r ON r.id = m.resident_id
LEFT JOIN party_orgs AS o ON o.id = m.org_id
WHERE o.id IS NULL
   OR (o.dissolved_on IS NOT NULL AND (m.left_on IS NULL OR m.left_on > o.dissolved_on))
ORDER BY m.resident_id;

-- finding: score_event_after_leaving 离开后仍有积分 a score event after the member left the scheme, the party or the community
-- The day each (scheme, member) of the ledger left is worked out once, from
-- the score_events_member index (not once per event: a city has millions of
-- events and thousands of members); only the events of those who left are
-- then read, from the same index.  A member who never left has
-- '9999-12-31', after every date an event can have.
WITH p AS (SELECT scheme_id, member_id FROM score_events GROUP BY scheme_id, member_id),
lv AS (SELECT p.scheme_id, p.member_id,
              min(coalesce(sm.to_date, '9999-12-31'), coalesce(pm.left_on, '9999-12-31'),
                  coalesce(r.moved_out, '9999-12-31'), coalesce(r.died_on, '9999-12-31')) AS left_on
         FROM p
         LEFT JOIN score_members AS sm ON sm.scheme_id = p.scheme_id AND sm.member_id = p.member_id
         LEFT JOIN party_members AS pm ON pm.resident_id = p.member_id
         LEFT JOIN residents AS r ON r.id = p.member_id)
SELECT e.event_id, e.scheme_id, e.member_id, e.occurred_on, lv.left_on
FROM lv JOIN score_events AS e
  ON e.scheme_id = lv.scheme_id AND e.member_id = lv.member_id AND e.occurred_on > lv.left_on
WHERE lv.left_on < '9999-12-31' AND e.reverses IS NULL
ORDER BY e.event_id;
