-- preflight.sql — run by `muling report` and `muling check` first, in the
-- read transaction they run in.  Each statement returns no row when the
-- database can be reported on, else one row: the reason, which the command
-- prints before refusing (exit 3).  Reports walk the areas and party_orgs
-- trees; a cycle there would make a walk endless or a count wrong, so it
-- is an error naming a member of the cycle, never a hang.
--
-- Each walk goes up from every node and stops at a root, back at its
-- start (a cycle through it) or after 64 steps (a cycle above it, or a
-- chain no real hierarchy has: city to building is seven levels), so it
-- ends on any file, in at most 64 steps per node.
--
-- The areas (170,000 in a city of ten million, each walked up its six or
-- seven levels: 0.5 s) are first walked down once from their roots (no
-- parent, or one not in areas), which reaches every area at a depth under
-- 64 exactly when the walk up finds nothing (an area on a cycle, or under
-- one, is under no root; a chain of 64 has a depth of 64): the walk up
-- runs only when the walk down says it will find something (0.09 s).

-- refuse: areas_cycle
WITH RECURSIVE
  -- each area under a root, with the steps a walk up from it takes (a
  -- root whose parent is not in areas: one more); each once, as an area
  -- has one parent
  down(id, d) AS (
    SELECT id, parent_id IS NOT NULL FROM areas a
     WHERE parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM areas p WHERE p.id = a.parent_id)
    UNION ALL
    SELECT c.id, down.d + 1 FROM down JOIN areas c ON c.parent_id = down.id WHERE down.d < 64),
  up(start, id, n) AS (
  SELECT id, parent_id, 1 FROM areas
   WHERE parent_id IS NOT NULL
     AND (SELECT count(*) <> (SELECT count(*) FROM areas) OR max(d) >= 64 FROM down)
  UNION ALL
  SELECT up.start, a.parent_id, up.n + 1 FROM up JOIN areas a ON a.id = up.id
   WHERE up.id <> up.start AND a.parent_id IS NOT NULL AND up.n < 64)
SELECT CASE WHEN up.id = up.start
         THEN printf('areas: area %d (%s) is its own ancestor: parent_id goes round in a cycle; fix parent_id there', a.id, a.name)
         ELSE printf('areas: area %d (%s) has more than 64 ancestors: parent_id goes round in a cycle above it', a.id, a.name) END
  FROM up JOIN areas a ON a.id = up.start
 WHERE up.id = up.start OR up.n >= 64
 ORDER BY up.id <> up.start, up.start LIMIT 1;

-- refuse: party_orgs_cycle
WITH RECURSIVE up(start, id, n) AS (
  SELECT id, parent_id, 1 FROM party_orgs WHERE parent_id IS NOT NULL
  UNION ALL
  SELECT up.start, o.parent_id, up.n + 1 FROM up JOIN party_orgs o ON o.id = up.id
   WHERE up.id <> up.start AND o.parent_id IS NOT NULL AND up.n < 64)
SELECT CASE WHEN up.id = up.start
         THEN printf('party_orgs: organisation %d (%s, area %s) is its own ancestor: parent_id goes round in a cycle; fix parent_id there', o.id, o.name, coalesce(o.area_id, 'none'))
         ELSE printf('party_orgs: organisation %d (%s, area %s) has more than 64 ancestors: parent_id goes round in a cycle above it', o.id, o.name, coalesce(o.area_id, 'none')) END
  FROM up JOIN party_orgs o ON o.id = up.start
 WHERE up.id = up.start OR up.n >= 64
 ORDER BY up.id <> up.start, up.start LIMIT 1;
