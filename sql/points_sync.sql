-- points_sync.sql — `muling points sync DB [--scheme S] [--through DATE]`:
-- the score_events that the records earn, written from their sources.
--
-- A rule with a row in score_rule_sources earns points from records:
--   duty_served          a served duty_assignments row of post `filter` (any post if NULL)
--   dual_report_service  a served duty of a post of kind 'dual_report' (双报到)
--   volunteer_hours      a volunteer_hours row of team `filter`; qty = its hours
--   meeting_attendance   attendance at an activity of meeting `filter` (any meeting)
--   activity_attendance  attendance at an activity of kind `filter` (any kind)
-- qty is the source's own quantity (hours; an attended activity's hours for
-- an 'hour' rule), else score_rule_sources.qty, else 1.  Each source row
-- gives one event of the member (if they are in score_members of the scheme
-- on that day) dated the day of the source, carrying source_table and
-- source_id (for attendance, the activity id) so that the event can be
-- traced back.  The ledger stays append-only:
--   - a source row with no live event (one not reversed) gets one: added;
--   - a live synced event whose source row is gone, changed (date, member,
--     qty, status) or no longer matches its rule's source is answered by a
--     reversing event: reversed — and a changed row then gets a new event;
--   - running it again adds nothing.
-- Only events dated on or before :through (default today) are touched, and
-- only the schemes of :scheme (an id or a name; default every scheme).
-- In the shell (the command runs it in one transaction):
--   .parameter set :through "'2023-12-31'"
--   BEGIN; .read sql/points_sync.sql
--   COMMIT;

DROP TABLE IF EXISTS temp.sync_params;
CREATE TEMP TABLE sync_params(
  scheme_id ANY CONSTRAINT "points sync: no scheme with that id or name" CHECK (scheme_id IS NOT NULL OR given IS NULL),
  given     ANY,
  through   TEXT NOT NULL CONSTRAINT "points sync: through must be a date 'YYYY-MM-DD'" CHECK (date(through, '+0 days') IS through)
);
INSERT INTO temp.sync_params
SELECT (SELECT scheme_id FROM score_schemes WHERE scheme_id = :scheme OR name = :scheme ORDER BY scheme_id = :scheme DESC LIMIT 1),
       :scheme, coalesce(:through, date('now', 'localtime'));

DROP TABLE IF EXISTS temp.sync_want;
CREATE TEMP TABLE sync_want AS
WITH
p AS (SELECT * FROM temp.sync_params),
src AS (SELECT s.scheme_id, s.rule_code, s.source, s.filter, s.qty, r.unit
        FROM score_rule_sources s JOIN score_rules r ON r.scheme_id = s.scheme_id AND r.rule_code = s.rule_code, p
        WHERE p.scheme_id IS NULL OR s.scheme_id = p.scheme_id),
rows AS (
  SELECT src.scheme_id, src.rule_code, a.person_id AS member_id, a.duty_date AS occurred_on,
         coalesce(src.qty, 1) AS qty, 'duty_assignments' AS source_table, a.id AS source_id
  FROM src JOIN duty_assignments a ON a.status = 'served' AND (src.filter IS NULL OR CAST(a.post_id AS TEXT) = src.filter)
  WHERE src.source = 'duty_served'
  UNION ALL
  SELECT src.scheme_id, src.rule_code, a.person_id, a.duty_date, coalesce(src.qty, 1), 'duty_assignments', a.id
  FROM src JOIN duty_assignments a ON a.status = 'served'
  JOIN duty_posts d ON d.post_id = a.post_id AND d.kind = 'dual_report'
  WHERE src.source = 'dual_report_service'
  UNION ALL
  SELECT src.scheme_id, src.rule_code, h.resident_id, h.served_on, h.hours, 'volunteer_hours', h.id
  FROM src JOIN volunteer_hours h ON src.filter IS NULL OR CAST(h.team_id AS TEXT) = src.filter
  WHERE src.source = 'volunteer_hours'
  UNION ALL
  SELECT src.scheme_id, src.rule_code, t.resident_id, a.held_on,
         CASE WHEN src.unit = 'hour' THEN coalesce(a.hours, src.qty, 1) ELSE coalesce(src.qty, 1) END,
         'attendance', a.id
  FROM src JOIN activities a ON (src.source = 'meeting_attendance' AND a.meeting_id IS NOT NULL
                                  AND (src.filter IS NULL OR CAST(a.meeting_id AS TEXT) = src.filter))
                             OR (src.source = 'activity_attendance' AND (src.filter IS NULL OR a.kind = src.filter))
  JOIN attendance t ON t.activity_id = a.id)
SELECT rows.* FROM rows, p
JOIN score_members m ON m.scheme_id = rows.scheme_id AND m.member_id = rows.member_id
WHERE rows.occurred_on <= p.through
  AND (m.from_date IS NULL OR rows.occurred_on >= m.from_date)
  AND (m.to_date IS NULL OR rows.occurred_on <= m.to_date);
CREATE INDEX temp.sync_want_source ON sync_want(source_table, source_id);

-- The live synced events: not reversals, not reversed, in scope.  When two
-- live events stand for one source row, only the first (k = 1) can stay.
DROP TABLE IF EXISTS temp.sync_live;
CREATE TEMP TABLE sync_live AS
SELECT e.event_id, e.scheme_id, e.member_id, e.rule_code, e.occurred_on, e.qty, e.source_table, e.source_id,
       row_number() OVER (PARTITION BY e.scheme_id, e.rule_code, e.member_id, e.source_table, e.source_id,
                                       e.occurred_on, e.qty ORDER BY e.event_id) AS k
FROM score_events e, temp.sync_params p
WHERE e.source_table IS NOT NULL AND e.reverses IS NULL
  AND (p.scheme_id IS NULL OR e.scheme_id = p.scheme_id)
  AND e.occurred_on <= p.through
  AND NOT EXISTS (SELECT 1 FROM score_events x WHERE x.reverses = e.event_id);
CREATE INDEX temp.sync_live_source ON sync_live(source_table, source_id);

DROP TABLE IF EXISTS temp.sync_reverse;
CREATE TEMP TABLE sync_reverse AS
SELECT l.* FROM temp.sync_live l
WHERE l.k > 1
   OR NOT EXISTS (SELECT 1 FROM temp.sync_want w
                  WHERE w.source_table = l.source_table AND w.source_id = l.source_id
                    AND w.scheme_id = l.scheme_id AND w.rule_code = l.rule_code AND w.member_id = l.member_id
                    AND w.occurred_on = l.occurred_on AND w.qty = l.qty);

DROP TABLE IF EXISTS temp.sync_add;
CREATE TEMP TABLE sync_add AS
SELECT w.* FROM temp.sync_want w
WHERE NOT EXISTS (SELECT 1 FROM temp.sync_live l
                  WHERE l.k = 1 AND l.source_table = w.source_table AND l.source_id = w.source_id
                    AND l.scheme_id = w.scheme_id AND l.rule_code = w.rule_code AND l.member_id = w.member_id
                    AND l.occurred_on = w.occurred_on AND l.qty = w.qty);

INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, reverses, note, recorded_by,
                         source_table, source_id)
SELECT scheme_id, member_id, rule_code, occurred_on, qty, event_id,
       'points sync: the source record changed or is gone', 'points sync', source_table, source_id
FROM temp.sync_reverse ORDER BY event_id;

INSERT INTO score_events(scheme_id, member_id, rule_code, occurred_on, qty, note, recorded_by,
                         source_table, source_id)
SELECT scheme_id, member_id, rule_code, occurred_on, qty, 'points sync', 'points sync', source_table, source_id
FROM temp.sync_add ORDER BY occurred_on, scheme_id, rule_code, member_id, source_table, source_id;

-- section: points sync
SELECT (SELECT count(*) FROM temp.sync_add) AS added,
       (SELECT count(*) FROM temp.sync_reverse) AS reversed,
       (SELECT through FROM temp.sync_params) AS through;
