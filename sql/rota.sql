-- rota.sql — the statements of `muling roster DB POST FROM TO [--commit]`
-- (cli/roster.c runs them by name; the command holds no SQL of its own).

-- statement: find_post
-- The post by id or by name (an id wins over a name that reads like one).
SELECT post_id, name FROM duty_posts
 WHERE post_id = ?1 OR name = ?1 ORDER BY post_id = ?1 DESC;

-- statement: posts
-- Every post, for mu_nearest's "the posts are …" when POST matches none.
SELECT post_id || ' ' || name FROM duty_posts ORDER BY post_id;

-- statement: draw
-- The rota roster() draws from ?2 to ?3 for post ?1, with full names.
SELECT r.duty_date, r.slot, r.role, r.person_id,
       (SELECT name FROM residents WHERE id = r.person_id)
  FROM roster(?1, ?2, ?3) AS r ORDER BY r.duty_date, r.slot;

-- statement: commit
-- One drawn duty into duty_assignments (status 'planned'), in the
-- command's transaction, so the next roster continues from it.
INSERT INTO duty_assignments(post_id, duty_date, slot, role, person_id)
VALUES (?1, ?2, ?3, ?4, ?5);
