-- title: 困难群体台账 Hardship ledger
-- params: area (area; default the whole database), from (date; default 2023-01-01), to (date; default 2023-12-31), unmasked (flag)
--
-- Seed 004's ledger: able and willing → placement (就业创业); able but
-- unskilled → training (培训); neither → 1+1 pairing (结对帮扶).  Cases
-- assessed from :from to :to (inclusive).  A case is paired when it names
-- a cadre (paired_cadre) or a resident (paired_with); only pairing cases
-- are paired, so the other classes show NULL there.  Personal data is
-- sensitive (PIPL art. 28): names are masked unless :unmasked = 1.  A case
-- or a visit belongs to :area when its resident's building (else the
-- household's) is that area or below it.

-- The period's cases of the area (for an area: through the resident's
-- building, else the household's), worked out once into a temp table for
-- the three sections that count and list them.
DROP TABLE IF EXISTS temp.hardship_scope;
CREATE TEMP TABLE hardship_scope AS
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
-- (for an area, the cases in resident order, so the residents are read in
-- the order they are stored, not at random)
hc0 AS MATERIALIZED (SELECT * FROM main.hardship_cases
  WHERE :area IS NOT NULL AND assessed_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31') ORDER BY resident_id)
SELECT c.* FROM main.hardship_cases c WHERE :area IS NULL AND c.assessed_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
UNION ALL
SELECT c.* FROM hc0 c
WHERE coalesce((SELECT r.area_id FROM residents r WHERE r.id = c.resident_id),
               (SELECT h.area_id FROM households h
                 WHERE h.id = coalesce(c.household_id, (SELECT r.household_id FROM residents r WHERE r.id = c.resident_id))))
      IN (SELECT id FROM sub);

-- section: 按类别 By class
-- chart: bar label=class value=cases
SELECT CASE class WHEN 'placement' THEN '有条件有能力:就业创业' WHEN 'training' THEN '有条件没能力:技能培训'
                  ELSE '没条件没能力:1+1结对' END AS class,
       count(*) AS cases,
       sum(status = 'open') AS open,
       sum(status = 'in_progress') AS in_progress,
       sum(status IN ('resolved', 'closed')) AS resolved,
       CASE WHEN class = 'pairing' THEN sum(paired_cadre IS NOT NULL OR paired_with IS NOT NULL) END AS paired,
       CASE WHEN class = 'pairing' THEN sum(paired_cadre IS NULL AND paired_with IS NULL) END AS unpaired
FROM temp.hardship_scope
GROUP BY class
ORDER BY CASE class WHEN 'placement' THEN 1 WHEN 'training' THEN 2 ELSE 3 END;

-- section: 结对情况 Pairing
SELECT CASE WHEN paired_cadre IS NOT NULL THEN '机关干部结对'
            WHEN paired_with IS NOT NULL THEN '社区党员结对' ELSE '尚未结对' END AS pairing,
       count(*) AS cases,
       round(avg(julianday(paired_on) - julianday(assessed_on)), 1) AS avg_days_to_pair
FROM temp.hardship_scope
WHERE class = 'pairing'
GROUP BY pairing ORDER BY pairing;

-- section: 台账 The ledger
-- key-columns: resident status outcome
SELECT h.id, h.assessed_on,
       CASE h.class WHEN 'placement' THEN '就业创业' WHEN 'training' THEN '技能培训' ELSE '1+1结对' END AS class,
       CASE WHEN :unmasked = 1 THEN r.name ELSE name_mask(r.name) END AS resident, r.id AS _resident,
       h.reason,
       coalesce(h.paired_cadre, CASE WHEN :unmasked = 1 THEN p.name ELSE name_mask(p.name) END) AS paired_with,
       CASE WHEN h.paired_cadre IS NULL THEN p.id END AS _paired_with,
       CASE h.status WHEN 'open' THEN '待帮扶' WHEN 'in_progress' THEN '帮扶中' WHEN 'resolved' THEN '已解决' ELSE '已关闭' END AS status,
       h.resolved_on, h.outcome
FROM temp.hardship_scope h LEFT JOIN residents r ON r.id = h.resident_id LEFT JOIN residents p ON p.id = h.paired_with
ORDER BY h.class, h.assessed_on, h.id;

-- section: 八到家 Home visits
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
-- (for an area, the period's visits in resident order, so the residents are
-- read in the order they are stored: a third of the time of reading them
-- in the order of the visits at 1e7)
hv0 AS MATERIALIZED (SELECT * FROM main.home_visits
  WHERE :area IS NOT NULL AND visited_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
  ORDER BY resident_id),
home_visits AS (SELECT v.* FROM main.home_visits v
  WHERE :area IS NULL AND v.visited_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
  UNION ALL
  SELECT v.* FROM hv0 v
  WHERE coalesce((SELECT r.area_id FROM residents r WHERE r.id = v.resident_id),
                 (SELECT h.area_id FROM households h
                   WHERE h.id = coalesce(v.household_id, (SELECT r.household_id FROM residents r WHERE r.id = v.resident_id))))
        IN (SELECT id FROM sub))
SELECT CASE kind WHEN 'wedding' THEN '新婚喜事祝贺到家' WHEN 'funeral' THEN '办理丧事慰问到家'
                 WHEN 'mediation' THEN '家庭纠纷调解到家' WHEN 'hospital' THEN '有病住院看望到家'
                 WHEN 'new_resident' THEN '新迁居民走访到家' WHEN 'rehabilitation' THEN '两劳人员帮教到家'
                 WHEN 'benefit' THEN '生活保障发放到家' ELSE '下岗失业安置到家' END AS kind,
       count(*) AS visits, count(DISTINCT coalesce(household_id, -resident_id)) AS homes
FROM home_visits
WHERE visited_on BETWEEN coalesce(:from, '2023-01-01') AND coalesce(:to, '2023-12-31')
GROUP BY home_visits.kind
ORDER BY CASE home_visits.kind WHEN 'wedding' THEN 1 WHEN 'funeral' THEN 2 WHEN 'mediation' THEN 3 WHEN 'hospital' THEN 4
         WHEN 'new_resident' THEN 5 WHEN 'rehabilitation' THEN 6 WHEN 'benefit' THEN 7 ELSE 8 END;
