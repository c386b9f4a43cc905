-- params.sql — how `muling report` looks up the parameters that name
-- records (cli/params.h).  For each KIND:
--   -- lookup: KIND   the records :value names, as (id, label, exact):
--                     exact = 1 when :value is the record's id (it wins);
--                     otherwise the value must match exactly one name
--   -- near: KIND     up to three names near a :value that matched nothing
--   -- first: KIND    the default when no value is given (none: NULL)
-- Labels say what the report ran on (its first section, 范围 Scope).
-- Residents' names are masked unless :unmasked = 1, as in the reports.
-- Any other :name is the report's parameter of that name as resolved so
-- far (parameters are resolved in the order the report declares them).

-- lookup: area
SELECT id, name || ' (' || level || ', id ' || id || ')', CAST(id AS TEXT) = :value
  FROM areas WHERE CAST(id AS TEXT) = :value OR name = :value
 ORDER BY CAST(id AS TEXT) = :value DESC, id LIMIT 10;

-- near: area
SELECT name FROM areas
 WHERE instr(name, :value) > 0 OR instr(:value, name) > 0
    OR (length(:value) >= 2 AND substr(name, 1, 2) = substr(:value, 1, 2))
 GROUP BY name
 ORDER BY instr(name, :value) = 0, abs(length(name) - length(:value)), min(id) LIMIT 3;

-- lookup: post
SELECT post_id, name || ' (post ' || post_id || ')', CAST(post_id AS TEXT) = :value
  FROM duty_posts WHERE CAST(post_id AS TEXT) = :value OR name = :value
 ORDER BY CAST(post_id AS TEXT) = :value DESC, post_id LIMIT 10;

-- near: post
SELECT name FROM duty_posts
 WHERE instr(name, :value) > 0 OR instr(:value, name) > 0
    OR (length(:value) >= 2 AND substr(name, 1, 2) = substr(:value, 1, 2))
 ORDER BY instr(name, :value) = 0, abs(length(name) - length(:value)), post_id LIMIT 3;

-- first: post
WITH RECURSIVE sub(id) AS (SELECT id FROM areas WHERE :area IS NULL OR id = :area
                           UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id)
SELECT post_id, name || ' (post ' || post_id || ')', 1 FROM duty_posts
 WHERE :area IS NULL OR area_id IN (SELECT id FROM sub) ORDER BY post_id LIMIT 1;

-- lookup: scheme
SELECT scheme_id, name || ' (scheme ' || scheme_id || ')', CAST(scheme_id AS TEXT) = :value
  FROM score_schemes WHERE CAST(scheme_id AS TEXT) = :value OR name = :value
 ORDER BY CAST(scheme_id AS TEXT) = :value DESC, scheme_id LIMIT 10;

-- near: scheme
SELECT name FROM score_schemes
 WHERE instr(name, :value) > 0 OR instr(:value, name) > 0
    OR (length(:value) >= 2 AND substr(name, 1, 2) = substr(:value, 1, 2))
 ORDER BY instr(name, :value) = 0, abs(length(name) - length(:value)), scheme_id LIMIT 3;

-- first: scheme
SELECT scheme_id, name || ' (scheme ' || scheme_id || ')', 1 FROM score_schemes ORDER BY scheme_id LIMIT 1;

-- lookup: member
SELECT id, CASE WHEN :unmasked = 1 THEN name ELSE name_mask(name) END || ' (resident ' || id || ')',
       CAST(id AS TEXT) = :value
  FROM residents WHERE CAST(id AS TEXT) = :value OR name = :value
 ORDER BY CAST(id AS TEXT) = :value DESC, id LIMIT 10;

-- near: member
SELECT CASE WHEN :unmasked = 1 THEN name ELSE name_mask(name) END || ' (resident ' || id || ')'
  FROM residents
 WHERE length(:value) >= 2 AND (instr(name, :value) > 0 OR instr(:value, name) > 0)
 ORDER BY abs(length(name) - length(:value)), id LIMIT 3;
