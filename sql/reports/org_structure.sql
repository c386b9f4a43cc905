-- title: 党组织体系 Party organisation structure
-- params: area (area; a community, a street, the city; default the whole database)
--
-- The party tree (党委 → 党总支 → 党支部 → 党小组) with counts per level, as
-- seed 001 gives them (5个党支部, 16个党小组, 55个责任区) and seed 004 at city
-- scale (14个党委、13个党总支、245个党支部、1500多个党小组).  An organisation
-- belongs to the area of its area_id; :area takes that area and everything
-- under it.  Members are current (left_on NULL) and counted where they are
-- registered: a group's members count for its branch and committee too.
--
--   .parameter set :area '塔城路社区'
--   .read sql/reports/org_structure.sql

-- section: 各级组织 Organisations per level
-- chart: bar label=level value=n
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
o AS (SELECT * FROM party_orgs WHERE dissolved_on IS NULL
        AND (:area IS NULL OR area_id IN (SELECT id FROM sub)))
SELECT k.label AS level, (SELECT count(*) FROM o WHERE o.kind = k.kind) AS n
FROM (SELECT 1 AS ord, 'committee' AS kind, '党委' AS label UNION ALL SELECT 2, 'general_branch', '党总支'
      UNION ALL SELECT 3, 'branch', '党支部' UNION ALL SELECT 4, 'group', '党小组') k
UNION ALL
SELECT '责任区', count(*) FROM responsibility_zones WHERE org_id IN (SELECT id FROM o)
UNION ALL
SELECT '党员', count(*) FROM party_members WHERE left_on IS NULL AND org_id IN (SELECT id FROM o);

-- section: 党员构成 Members by status
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
m AS (SELECT m.* FROM party_members m JOIN party_orgs o ON o.id = m.org_id
      WHERE m.left_on IS NULL AND (:area IS NULL OR o.area_id IN (SELECT id FROM sub)))
SELECT CASE status WHEN 'retired' THEN '离退休' WHEN 'in_service' THEN '在职' ELSE '其他' END AS status,
       count(*) AS members,
       sum(membership = 'probationary') AS probationary,
       sum(reported_on IS NOT NULL) AS reported,
       sum(receipt_card) AS receipt_cards
FROM m GROUP BY m.status ORDER BY m.status DESC;

-- section: 组织树 The tree (without the groups)
-- Each committee, general branch and branch with what hangs below it.
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
o AS (SELECT * FROM party_orgs WHERE dissolved_on IS NULL
        AND (:area IS NULL OR area_id IN (SELECT id FROM sub))),
tree(id, depth, path) AS (
  SELECT id, 0, printf('%08d', id) FROM o WHERE parent_id IS NULL OR parent_id NOT IN (SELECT id FROM o)
  UNION ALL
  SELECT o.id, tree.depth + 1, tree.path || printf('/%08d', o.id) FROM o JOIN tree ON o.parent_id = tree.id),
below(top, id) AS (SELECT id, id FROM o UNION ALL SELECT below.top, o.id FROM o JOIN below ON o.parent_id = below.id)
SELECT substr('                ', 1, 2 * t.depth) || o.name AS organisation,
       (SELECT name FROM areas WHERE id = o.area_id) AS area,
       CASE o.kind WHEN 'committee' THEN '党委' WHEN 'general_branch' THEN '党总支'
                   WHEN 'branch' THEN '党支部' ELSE '党小组' END AS kind,
       (SELECT count(*) FROM below b JOIN o x ON x.id = b.id WHERE b.top = o.id AND x.kind = 'branch' AND x.id <> o.id) AS branches,
       (SELECT count(*) FROM below b JOIN o x ON x.id = b.id WHERE b.top = o.id AND x.kind = 'group') AS groups,
       (SELECT count(*) FROM below b JOIN responsibility_zones z ON z.org_id = b.id WHERE b.top = o.id) AS zones,
       (SELECT count(*) FROM below b JOIN party_members m ON m.org_id = b.id WHERE b.top = o.id AND m.left_on IS NULL) AS members
FROM tree t JOIN o ON o.id = t.id
WHERE o.kind <> 'group'
ORDER BY t.path;

-- section: 各社区 Per community
-- A community with enough full members gets a committee (seed 004).
WITH RECURSIVE
sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area OR name = :area
            UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id),
c AS (SELECT id, name FROM areas WHERE level = 'community' AND id IN (SELECT id FROM sub)),
o AS (SELECT * FROM party_orgs WHERE dissolved_on IS NULL AND area_id IN (SELECT id FROM c))
SELECT c.name AS community,
       (SELECT CASE kind WHEN 'committee' THEN '党委' WHEN 'general_branch' THEN '党总支' ELSE '党支部' END
        FROM o WHERE o.area_id = c.id AND o.parent_id IS NULL ORDER BY o.id LIMIT 1) AS top,
       (SELECT count(*) FROM o WHERE o.area_id = c.id AND o.kind = 'branch') AS branches,
       (SELECT count(*) FROM o WHERE o.area_id = c.id AND o.kind = 'group') AS groups,
       (SELECT count(*) FROM responsibility_zones z JOIN o ON o.id = z.org_id WHERE o.area_id = c.id) AS zones,
       (SELECT count(*) FROM party_members m JOIN o ON o.id = m.org_id WHERE o.area_id = c.id AND m.left_on IS NULL) AS members,
       (SELECT count(*) FROM party_members m JOIN o ON o.id = m.org_id WHERE o.area_id = c.id AND m.left_on IS NULL
          AND m.status = 'in_service' AND m.reported_on IS NOT NULL) AS reported
FROM c ORDER BY members DESC, c.id;
