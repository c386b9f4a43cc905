-- title: 待办事项 What is due
-- params: as_of (date; default today), area (area), unmasked (flag)
--
-- What the records say is due on :as_of, the question a community secretary
-- asks every Monday.  Each line names the kind, what is due, for whom (ref:
-- the record to open), since when, the last day it could be done (due_on)
-- and how many days late it is on :as_of (overdue_days; 0 = due today).  A
-- line is listed when due_on <= :as_of; done late, it drops off.  The
-- intervals are rows of due_rules (docs/reports.md lists the defaults,
-- taken from the seeds' practice); deleting a row turns its rule off.
--   meeting           a standing meeting's RRULE expected k meetings in a
--                     period (the rule's own: a quarterly meeting any day of
--                     its quarter, a weekly one Monday to Sunday) and fewer
--                     were held (activities.meeting_id); due_on = the
--                     period's last day (seeds 000, 001, 004)
--   home_visit        八到家: moved in, died, hospitalised, lost work, began
--                     低保, and no visit of the matching kind to the
--                     household (or the resident) since (seed 001)
--   low_income_visit  a 低保 household with no visit of any kind in the last
--                     3 months (due 3 months after the last visit, or after
--                     低保 began; never visited and start unknown: due now)
--   hardship_unpaired a pairing case (没条件没能力) with nobody paired (seed 004)
--   hardship_visit    an open case not visited for longer than its class allows
--   wish              微心愿 not yet claimed (with its age), or claimed and not
--                     fulfilled in time (seed 002)
--   council_stage     an issue in one stage longer than that stage allows
--                     (since: the latest event into the stage, seed 002)
--   dual_report       an in-service member who reported (双报到) and missed n
--                     of the last m service days of a dual_report post
--                     whose pool they are in (a post with no pool: one
--                     serving the place they live, 到居住地社区报到)
--                     (served: a served duty or attendance at the post's
--                     activity that day; seed 003)
--   duty_record       a duty whose day has passed, still 'planned': neither
--                     served nor absent (seed 002's red posts)
-- Meetings and 八到家 lines whose obligation began more than the lookback
-- (365 days) before :as_of are left out.  Places: meetings by their area (or
-- their organisation's), households and residents by their building,
-- councils and posts by their area_id.  Names are masked unless :unmasked = 1.
-- `muling check --as-of D` reports the same lines as findings (due_*).
-- Cost: an area reads its own people and records, except home_visits
-- (no index by person: read straight through once, only its people's
-- visits kept) and a few small tables (meetings, cases, wishes, issues);
-- the whole city reads every resident once (figures in docs/reports.md).
--
--   .parameter set :as_of '2024-01-15'
--   .read sql/reports/due.sql

DROP TABLE IF EXISTS temp.due_lines;
DROP TABLE IF EXISTS temp.due_raw;
DROP TABLE IF EXISTS temp.due_names;
DROP TABLE IF EXISTS temp.due_params;
CREATE TEMP TABLE due_params(
  as_of    TEXT NOT NULL CONSTRAINT "due: as_of must be a date 'YYYY-MM-DD'" CHECK (date(as_of, '+0 days') IS as_of),
  area     ANY,
  unmasked ANY
);
INSERT INTO temp.due_params VALUES (coalesce(:as_of, date('now', 'localtime')), :area, :unmasked);

-- The places of :area: the area and every area below it (empty for the
-- whole city, where every use of it below is behind a test of :area).
DROP TABLE IF EXISTS temp.due_sub;
CREATE TEMP TABLE due_sub(id INTEGER PRIMARY KEY);
INSERT INTO temp.due_sub
WITH RECURSIVE sub(id) AS (
  SELECT a.id FROM temp.due_params p CROSS JOIN areas a
   WHERE p.area IS NOT NULL AND (a.id = p.area OR a.name = p.area)
  UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id)
SELECT id FROM sub;

-- For an area, the open hardship cases it has: by the case's household's
-- building, or else by where the case's resident (or the household's
-- first resident) lives.  (The whole city has them all.)
DROP TABLE IF EXISTS temp.due_cases;
CREATE TEMP TABLE due_cases(id INTEGER PRIMARY KEY);
INSERT INTO temp.due_cases
SELECT c.id FROM temp.due_params p CROSS JOIN hardship_cases c
 WHERE p.area IS NOT NULL AND c.status IN ('open','in_progress') AND c.assessed_on <= p.as_of
   AND coalesce((SELECT h.area_id FROM households h WHERE h.id = c.household_id),
                (SELECT coalesce(r.area_id, (SELECT h.area_id FROM households h WHERE h.id = r.household_id))
                 FROM residents r
                 WHERE r.id = coalesce(c.resident_id, (SELECT min(id) FROM residents WHERE household_id = c.household_id))))
       IN (SELECT id FROM temp.due_sub);

-- For an area, the people whose visits can matter (the scope's people):
-- its households (by building); the households of the residents living in
-- its buildings, and of its open cases; every resident of those
-- households, every resident of its buildings, and its cases' residents.
-- Every "visited since?" below asks about one of them.  (The whole city:
-- everyone, and these stay empty.)
DROP TABLE IF EXISTS temp.due_scope_households;
DROP TABLE IF EXISTS temp.due_scope_residents;
CREATE TEMP TABLE due_scope_households(id INTEGER PRIMARY KEY);
CREATE TEMP TABLE due_scope_residents(id INTEGER PRIMARY KEY);
INSERT OR IGNORE INTO temp.due_scope_households
SELECT h.id FROM temp.due_sub s CROSS JOIN households h ON h.area_id = s.id
UNION ALL
SELECT r.household_id FROM temp.due_sub s CROSS JOIN residents r ON r.area_id = s.id WHERE r.household_id IS NOT NULL
UNION ALL
SELECT c.household_id FROM temp.due_cases x CROSS JOIN hardship_cases c ON c.id = x.id WHERE c.household_id IS NOT NULL;
INSERT OR IGNORE INTO temp.due_scope_residents
SELECT r.id FROM temp.due_scope_households h CROSS JOIN residents r ON r.household_id = h.id
UNION ALL
SELECT r.id FROM temp.due_sub s CROSS JOIN residents r ON r.area_id = s.id
UNION ALL
SELECT c.resident_id FROM temp.due_cases x CROSS JOIN hardship_cases c ON c.id = x.id WHERE c.resident_id IS NOT NULL;

-- The last visit on or before as_of, of each kind, to each resident and to
-- each household itself (for an area: to the scope's people only): every
-- "visited since?" below is a primary-key lookup here, never a scan of
-- home_visits for each line.  A visit to a resident counts for their
-- household too: a household's last visit is its own row here and its
-- residents' rows (residents_household gives their ids, so no resident's
-- row is read to find their household), looked up only for the
-- households a line asks about.
DROP TABLE IF EXISTS temp.due_seen_household;
DROP TABLE IF EXISTS temp.due_seen_resident;
CREATE TEMP TABLE due_seen_household(hh INTEGER, kind TEXT, last TEXT, PRIMARY KEY (hh, kind)) WITHOUT ROWID;
CREATE TEMP TABLE due_seen_resident(rid INTEGER, kind TEXT, last TEXT, PRIMARY KEY (rid, kind)) WITHOUT ROWID;
INSERT INTO temp.due_seen_resident
SELECT v.resident_id, v.kind, max(v.visited_on) FROM temp.due_params p CROSS JOIN home_visits v
 WHERE v.resident_id IS NOT NULL AND v.visited_on <= p.as_of
   AND (p.area IS NULL OR v.resident_id IN temp.due_scope_residents)
 GROUP BY v.resident_id, v.kind;
INSERT INTO temp.due_seen_household
SELECT v.household_id, v.kind, max(v.visited_on) FROM temp.due_params p CROSS JOIN home_visits v
 WHERE v.household_id IS NOT NULL AND v.visited_on <= p.as_of
   AND (p.area IS NULL OR v.household_id IN temp.due_scope_households)
 GROUP BY v.household_id, v.kind;

-- The lines, in three steps.  temp.due_raw gets every line with the
-- resident whose name it shows (wid): first the meeting, hardship, wish,
-- council, 双报到 and duty lines, then the 八到家 and 低保 lines, which share
-- the one pass over residents (a 八到家 line takes its name from that pass
-- and its door number as it is made, in household order).  The names are
-- then read once each, in id order (temp.due_names), and temp.due_lines
-- puts them in, in the detail section's order (ord, overdue_days DESC,
-- ref), lines that order leaves tied in due_raw's order.  That order
-- matters only among such lines (same kind, overdue_days and ref): a
-- household's 八到家 lines due the same day, by kind then day, and a
-- member's 双报到 lines of two posts, by post: sorted stably, they come as
-- the report has always listed them (and as `muling check` lists them).
CREATE TEMP TABLE due_raw(kind, what, who, wid, ref, since, due_on, overdue_days INT, ord);
INSERT INTO temp.due_raw
WITH RECURSIVE
prm AS (SELECT as_of, area, unmasked FROM temp.due_params),
sub AS (SELECT id FROM temp.due_sub),
cfg AS (SELECT rule, scope, value, unit FROM due_rules),
lookback AS (SELECT date(prm.as_of, '-' || coalesce((SELECT value FROM cfg WHERE rule = 'lookback' AND scope = ''), 365000) || ' days') AS d FROM prm),
-- where a resident lives (for an area's wishes), each
-- time looked up by id: NOT MATERIALIZED, so a line costs a primary-key
-- lookup, not a copy of every resident made first
who AS NOT MATERIALIZED (
        SELECT r.id, coalesce(r.area_id, h.area_id) AS area_id
        FROM residents r LEFT JOIN households h ON h.id = r.household_id),
-- meetings: one row per period of the rule that expected a meeting
mt AS (SELECT m.*, ';' || upper(replace(m.rrule, ' ', '')) || ';' AS r
       FROM meetings m LEFT JOIN party_orgs o ON o.id = m.org_id
       WHERE m.rrule IS NOT NULL AND m.dtstart IS NOT NULL
         AND ((SELECT area IS NULL FROM prm) OR coalesce(m.area_id, o.area_id) IN (SELECT id FROM sub))),
-- (materialized: the rule's text is taken apart once a meeting, not once
-- an occurrence)
mf AS MATERIALIZED (SELECT mt.*,
              substr(r, instr(r, ';FREQ=') + 6, instr(substr(r, instr(r, ';FREQ=') + 6), ';') - 1) AS freq,
              CASE WHEN instr(r, ';INTERVAL=') > 0 THEN max(1, CAST(substr(r, instr(r, ';INTERVAL=') + 10) AS INTEGER)) ELSE 1 END AS step
       FROM mt),
occ AS (SELECT mf.id, mf.name, mf.org_id, mf.area_id, o.value AS d,
               CASE mf.freq WHEN 'DAILY' THEN o.value
                            WHEN 'WEEKLY' THEN date(o.value, '-6 days', 'weekday 1')
                            WHEN 'MONTHLY' THEN date(o.value, 'start of month')
                            ELSE date(o.value, 'start of year') END AS w0, mf.freq, mf.step
        FROM mf, prm, rrule(mf.rrule, mf.dtstart, prm.as_of) o),
win AS (SELECT id, name, org_id, area_id, w0,
               CASE freq WHEN 'DAILY' THEN date(w0, '+' || (step - 1) || ' days')
                         WHEN 'WEEKLY' THEN date(w0, '+' || (7 * step - 1) || ' days')
                         WHEN 'MONTHLY' THEN date(w0, '+' || step || ' months', '-1 day')
                         ELSE date(w0, '+' || step || ' years', '-1 day') END AS w1,
               count(*) AS expected
        FROM occ GROUP BY id, w0),
-- the meetings held: one pass over activities, then a lookup per period
held AS MATERIALIZED (SELECT meeting_id, held_on FROM activities WHERE meeting_id IS NOT NULL),
winh AS (SELECT win.*, (SELECT count(*) FROM held a WHERE a.meeting_id = win.id AND a.held_on BETWEEN win.w0 AND win.w1) AS n_held
         FROM win),
meeting_lines AS (
  SELECT 'meeting' AS kind, win.name || ': ' || win.expected || ' expected ' || win.w0 || '..' || win.w1
           || ', ' || win.n_held || ' held' AS what,
         coalesce((SELECT name FROM party_orgs WHERE id = win.org_id), (SELECT name FROM areas WHERE id = win.area_id)) AS who,
         NULL AS wid, 'meetings#' || win.id AS ref, win.w0 AS since, win.w1 AS due_on
  FROM winh win, prm, lookback
  WHERE win.w1 <= prm.as_of AND win.w1 >= lookback.d
    AND win.n_held < win.expected),
-- 困难群体台账: open cases (an area's: temp.due_cases, read by id)
hcx AS (SELECT c.* FROM prm CROSS JOIN hardship_cases c
        WHERE prm.area IS NULL AND c.status IN ('open','in_progress') AND c.assessed_on <= prm.as_of
        UNION ALL
        SELECT c.* FROM prm CROSS JOIN temp.due_cases x CROSS JOIN hardship_cases c ON c.id = x.id
        WHERE prm.area IS NOT NULL),
-- (the last visit to the household, one of its residents or the case's
-- resident up to as_of counts when it is on or after the assessment)
hc0 AS (SELECT c.*, coalesce(c.resident_id, (SELECT min(id) FROM residents WHERE household_id = c.household_id)) AS person,
              (SELECT max(last) FROM (SELECT last FROM temp.due_seen_household WHERE hh = c.household_id
                                      UNION ALL SELECT s.last FROM residents r CROSS JOIN temp.due_seen_resident s ON s.rid = r.id
                                                 WHERE r.household_id = c.household_id
                                      UNION ALL SELECT last FROM temp.due_seen_resident WHERE rid = c.resident_id)) AS seen,
              CASE c.class WHEN 'placement' THEN '就业创业' WHEN 'training' THEN '技能培训' ELSE '1+1结对' END AS label
       FROM hcx c),
hc_in AS (SELECT hc0.*, CASE WHEN seen >= assessed_on THEN seen END AS last_visit FROM hc0),
hardship_lines AS (
  SELECT 'hardship_unpaired' AS kind, '困难群体 ' || hc_in.label || ': not paired' AS what,
         NULL AS who, hc_in.person AS wid, 'hardship_cases#' || hc_in.id AS ref,
         hc_in.assessed_on AS since, date(hc_in.assessed_on, '+' || c.value || ' days') AS due_on
  FROM hc_in JOIN cfg c ON c.rule = 'hardship_unpaired' AND c.scope = hc_in.class
  WHERE hc_in.paired_cadre IS NULL AND hc_in.paired_with IS NULL
  UNION ALL
  SELECT 'hardship_visit', '困难群体 ' || hc_in.label || ': ' || CASE WHEN hc_in.last_visit IS NULL THEN 'not visited since assessment' ELSE 'last visit ' || hc_in.last_visit END,
         NULL, hc_in.person, 'hardship_cases#' || hc_in.id,
         coalesce(hc_in.last_visit, hc_in.assessed_on),
         date(coalesce(hc_in.last_visit, hc_in.assessed_on), '+' || c.value || ' days')
  FROM hc_in JOIN cfg c ON c.rule = 'hardship_visit' AND c.scope = hc_in.class),
-- 微心愿
wish_lines AS (
  SELECT 'wish' AS kind,
         '微心愿 ' || w.wish || ': ' || CASE WHEN w.claimed_on IS NULL THEN 'not claimed' ELSE 'claimed ' || w.claimed_on || ', not fulfilled' END
           || ', age ' || CAST(julianday(prm.as_of) - julianday(w.raised_on) AS INTEGER) || ' days' AS what,
         NULL AS who, w.resident_id AS wid, 'micro_wishes#' || w.id AS ref,
         coalesce(w.claimed_on, w.raised_on) AS since,
         date(coalesce(w.claimed_on, w.raised_on), '+' || c.value || ' days') AS due_on
  FROM micro_wishes w, prm
  JOIN cfg c ON c.rule = CASE WHEN w.claimed_on IS NULL THEN 'wish_claim' ELSE 'wish_fulfil' END AND c.scope = ''
  WHERE w.fulfilled_on IS NULL AND w.raised_on <= prm.as_of
    AND (prm.area IS NULL OR (SELECT area_id FROM who WHERE id = w.resident_id) IN (SELECT id FROM sub))),
-- 议事: the stage an open issue is in, since it last entered it
ci AS (SELECT i.*, coalesce((SELECT max(e.happened_on) FROM council_issue_events e WHERE e.issue_id = i.id AND e.to_stage = i.status),
                            CASE i.status WHEN 'raised' THEN i.raised_on WHEN 'reviewed' THEN i.reviewed_on ELSE i.deliberated_on END) AS stage_since
       FROM council_issues i LEFT JOIN councils k ON k.id = i.council_id
       WHERE i.status IN ('raised','reviewed','deliberated')
         AND ((SELECT area IS NULL FROM prm) OR k.area_id IN (SELECT id FROM sub))),
council_lines AS (
  SELECT 'council_stage' AS kind,
         '议事 ' || ci.title || ': ' || CASE ci.status WHEN 'raised' THEN 'awaiting the 两委 review'
                                          WHEN 'reviewed' THEN 'reviewed, awaiting deliberation'
                                          ELSE 'deliberated, not resolved' END AS what,
         (SELECT name FROM councils WHERE id = ci.council_id) AS who, NULL AS wid, 'council_issues#' || ci.id AS ref,
         ci.stage_since AS since, date(ci.stage_since, '+' || c.value || ' days') AS due_on
  FROM ci JOIN cfg c ON c.rule = 'council_stage' AND c.scope = ci.status),
-- 双报到: the last m service days of each dual_report post
-- A member is held to the dual_report posts whose pool (duty_pool) they
-- are in; a post with no pool holds the members who live where it serves
-- (its area or below; a post without an area: every member), as members
-- report to the community they live in (在职党员到居住地社区报到).  So the
-- lines grow with the rota, not with members times posts.  Only the post's last `window` service days
-- matter, and a member's last k days on or after reporting are the post's
-- last k that are, so the days are numbered once per post.
dp AS (SELECT d.* FROM duty_posts d, prm WHERE d.kind = 'dual_report' AND d.dtstart <= prm.as_of
         AND (prm.area IS NULL OR d.area_id IN (SELECT id FROM sub))),
dpo AS (SELECT post_id, name, d, k FROM (
          SELECT dp.post_id, dp.name, o.value AS d,
                 row_number() OVER (PARTITION BY dp.post_id ORDER BY o.value DESC) AS k
          FROM dp, prm, rrule(dp.rrule, dp.dtstart, prm.as_of) o)
        WHERE k <= (SELECT value FROM cfg WHERE rule = 'dual_report' AND scope = 'window')),
dpool AS (SELECT DISTINCT post_id, person_id FROM duty_pool WHERE post_id IN (SELECT post_id FROM dp)),
-- the places a post without a pool serves: its area and every area below
-- (a post with a pool needs none, so its subtree is never walked)
dp_area(post_id, area_id) AS (SELECT post_id, area_id FROM dp WHERE area_id IS NOT NULL
                                AND post_id NOT IN (SELECT post_id FROM dpool)
         UNION SELECT dp_area.post_id, a.id FROM areas a JOIN dp_area ON a.parent_id = dp_area.area_id),
-- the members held to the posts: in-service, reported by as_of, not left
-- (each part reads party_members only when it has posts to hold them to:
-- the pools' members by their id; the members' places, or every member,
-- only when a post without a pool needs them)
dmp AS (SELECT m.resident_id, m.reported_on, pl.post_id
        FROM dpool pl CROSS JOIN prm CROSS JOIN party_members m ON m.resident_id = pl.person_id
        WHERE m.status = 'in_service' AND m.reported_on IS NOT NULL AND m.reported_on <= prm.as_of
          AND (m.left_on IS NULL OR m.left_on > prm.as_of)
        UNION ALL
        -- where a member lives (the household read only for a member
        -- without a building)
        SELECT m.resident_id, m.reported_on, pa.post_id
        FROM prm CROSS JOIN party_members m
             CROSS JOIN dp_area pa ON pa.area_id = (SELECT coalesce(r.area_id, (SELECT h.area_id FROM households h WHERE h.id = r.household_id))
                                                    FROM residents r WHERE r.id = m.resident_id)
        WHERE EXISTS (SELECT 1 FROM dp_area)
          AND m.status = 'in_service' AND m.reported_on IS NOT NULL AND m.reported_on <= prm.as_of
          AND (m.left_on IS NULL OR m.left_on > prm.as_of)
          AND pa.post_id NOT IN (SELECT post_id FROM dpool)
        UNION ALL
        SELECT m.resident_id, m.reported_on, dp.post_id
        FROM prm CROSS JOIN party_members m CROSS JOIN dp
        WHERE EXISTS (SELECT 1 FROM dp WHERE dp.area_id IS NULL AND dp.post_id NOT IN (SELECT post_id FROM dpool))
          AND m.status = 'in_service' AND m.reported_on IS NOT NULL AND m.reported_on <= prm.as_of
          AND (m.left_on IS NULL OR m.left_on > prm.as_of)
          AND dp.area_id IS NULL AND dp.post_id NOT IN (SELECT post_id FROM dpool)),
-- who served each of those days: a served duty of the post that day, or
-- attendance at the post's activity that day; read once for the days
-- (the duties by post and day, the activities by day), not looked up
-- member by member through everything each member ever attended
dserved AS MATERIALIZED (
  SELECT a.post_id, a.duty_date AS d, a.person_id AS rid
  FROM dpo CROSS JOIN duty_assignments a ON a.post_id = dpo.post_id AND a.duty_date = dpo.d
  WHERE a.status = 'served'
  UNION ALL
  SELECT a.post_id, a.held_on, t.resident_id
  FROM activities a CROSS JOIN attendance t ON t.activity_id = a.id
  WHERE a.held_on IN (SELECT d FROM dpo) AND (a.post_id, a.held_on) IN (SELECT post_id, d FROM dpo)),
dm AS MATERIALIZED (SELECT x.resident_id, x.reported_on, dpo.post_id, dpo.name, dpo.d, dpo.k,
              EXISTS (SELECT 1 FROM dserved s WHERE s.post_id = dpo.post_id AND s.d = dpo.d AND s.rid = x.resident_id) AS served
       FROM dmp x JOIN dpo ON dpo.post_id = x.post_id AND dpo.d >= x.reported_on),
dual_lines AS (
  SELECT 'dual_report' AS kind,
         '双报到 ' || dm.name || ': missed ' || sum(NOT dm.served) || ' of the last ' || count(*) || ' service days' AS what,
         NULL AS who, dm.resident_id AS wid, 'party_members#' || dm.resident_id AS ref,
         min(CASE WHEN NOT dm.served THEN dm.d END) AS since, max(CASE WHEN NOT dm.served THEN dm.d END) AS due_on
  FROM dm
  WHERE dm.k <= (SELECT value FROM cfg WHERE rule = 'dual_report' AND scope = 'window')
  GROUP BY dm.resident_id, dm.post_id
  HAVING sum(NOT dm.served) >= (SELECT value FROM cfg WHERE rule = 'dual_report' AND scope = 'missed')
     AND (SELECT value FROM cfg WHERE rule = 'dual_report' AND scope = 'missed') > 0),
-- duties neither served nor absent
duty_lines AS (
  SELECT 'duty_record' AS kind, '值班 ' || a.name || ' ' || a.duty_date || ' slot ' || a.slot || ': still planned' AS what,
         '#' || a.person_id AS who, a.person_id AS wid, 'duty_assignments#' || a.id AS ref,
         a.duty_date AS since, date(a.duty_date, '+' || c.value || ' days') AS due_on
  -- (an area's through its posts, not a scan of the city's duties)
  FROM (SELECT a.id, a.duty_date, a.slot, a.person_id, p.name
        FROM prm CROSS JOIN duty_assignments a JOIN duty_posts p ON p.post_id = a.post_id
        WHERE prm.area IS NULL AND a.status = 'planned'
        UNION ALL
        SELECT a.id, a.duty_date, a.slot, a.person_id, p.name
        FROM prm CROSS JOIN duty_posts p CROSS JOIN duty_assignments a ON a.post_id = p.post_id
        WHERE prm.area IS NOT NULL AND p.area_id IN (SELECT id FROM sub) AND a.status = 'planned') a,
       prm JOIN cfg c ON c.rule = 'duty_record' AND c.scope = ''),
lines AS (
  SELECT * FROM meeting_lines UNION ALL SELECT * FROM hardship_lines UNION ALL SELECT * FROM wish_lines
  UNION ALL SELECT * FROM council_lines UNION ALL SELECT * FROM dual_lines UNION ALL SELECT * FROM duty_lines)
SELECT l.kind, l.what, l.who, l.wid, l.ref, l.since, l.due_on,
       CAST(julianday(prm.as_of) - julianday(l.due_on) AS INTEGER) AS overdue_days,
       CASE l.kind WHEN 'meeting' THEN 1 WHEN 'home_visit' THEN 2 WHEN 'low_income_visit' THEN 3
                   WHEN 'hardship_unpaired' THEN 4 WHEN 'hardship_visit' THEN 5 WHEN 'wish' THEN 6
                   WHEN 'council_stage' THEN 7 WHEN 'dual_report' THEN 8 ELSE 9 END AS ord
FROM lines l, prm
WHERE l.due_on <= prm.as_of;

-- the 八到家 and 低保 lines
INSERT INTO temp.due_raw
WITH RECURSIVE
prm AS (SELECT as_of, area, unmasked FROM temp.due_params),
sub AS (SELECT id FROM temp.due_sub),
cfg AS (SELECT rule, scope, value, unit FROM due_rules),
lookback AS (SELECT date(prm.as_of, '-' || coalesce((SELECT value FROM cfg WHERE rule = 'lookback' AND scope = ''), 365000) || ' days') AS d FROM prm),
-- 八到家: the trigger events, one per household (or resident without one), kind and day
-- One pass over residents keeps, narrow, each resident's name and events in
-- the lookback (a date per kind, NULL when none) and, for the city, whether
-- they are a current 低保 resident (for li below); for an area, its
-- residents by their building, and those with none by their household's
-- building (area_id: only an area's lines are filtered by it).
ev AS MATERIALIZED (
  SELECT r.id, r.household_id, NULL AS area_id, r.name,
         CASE WHEN r.moved_in BETWEEN lookback.d AND prm.as_of THEN r.moved_in END AS d_new_resident,
         CASE WHEN r.died_on BETWEEN lookback.d AND prm.as_of THEN r.died_on END AS d_funeral,
         CASE WHEN r.hospitalised_on BETWEEN lookback.d AND prm.as_of THEN r.hospitalised_on END AS d_hospital,
         CASE WHEN r.lost_work_on BETWEEN lookback.d AND prm.as_of THEN r.lost_work_on END AS d_unemployment,
         CASE WHEN r.low_income = 1 AND r.low_income_from BETWEEN lookback.d AND prm.as_of THEN r.low_income_from END AS d_benefit,
         (r.low_income = 1 AND r.moved_out IS NULL AND r.died_on IS NULL) AS li,
         r.low_income_from AS li_from
  FROM prm CROSS JOIN lookback CROSS JOIN residents r
  -- (the test every resident of the city passes through, written so that
  -- one with no event and no 低保, the most, costs the fewest steps)
  WHERE prm.area IS NULL
    AND (r.moved_in BETWEEN lookback.d AND prm.as_of
         OR (coalesce(r.died_on, r.hospitalised_on, r.lost_work_on) IS NOT NULL
             AND (r.died_on BETWEEN lookback.d AND prm.as_of OR r.hospitalised_on BETWEEN lookback.d AND prm.as_of
                  OR r.lost_work_on BETWEEN lookback.d AND prm.as_of))
         OR (r.low_income = 1 AND (r.low_income_from BETWEEN lookback.d AND prm.as_of
                                   OR (r.moved_out IS NULL AND r.died_on IS NULL))))
  UNION ALL
  SELECT r.id, r.household_id, r.area_id, r.name,
         CASE WHEN r.moved_in BETWEEN lookback.d AND prm.as_of THEN r.moved_in END AS d_new_resident,
         CASE WHEN r.died_on BETWEEN lookback.d AND prm.as_of THEN r.died_on END AS d_funeral,
         CASE WHEN r.hospitalised_on BETWEEN lookback.d AND prm.as_of THEN r.hospitalised_on END AS d_hospital,
         CASE WHEN r.lost_work_on BETWEEN lookback.d AND prm.as_of THEN r.lost_work_on END AS d_unemployment,
         CASE WHEN r.low_income = 1 AND r.low_income_from BETWEEN lookback.d AND prm.as_of THEN r.low_income_from END AS d_benefit, 0, NULL
  FROM prm CROSS JOIN lookback CROSS JOIN residents r
  WHERE prm.area IS NOT NULL AND r.area_id IN (SELECT id FROM sub) AND (r.moved_in BETWEEN lookback.d AND prm.as_of OR r.died_on BETWEEN lookback.d AND prm.as_of
          OR r.hospitalised_on BETWEEN lookback.d AND prm.as_of OR r.lost_work_on BETWEEN lookback.d AND prm.as_of
          OR (r.low_income = 1 AND r.low_income_from BETWEEN lookback.d AND prm.as_of))
  UNION ALL
  SELECT r.id, r.household_id, (SELECT h.area_id FROM households h WHERE h.id = r.household_id), r.name,
         CASE WHEN r.moved_in BETWEEN lookback.d AND prm.as_of THEN r.moved_in END AS d_new_resident,
         CASE WHEN r.died_on BETWEEN lookback.d AND prm.as_of THEN r.died_on END AS d_funeral,
         CASE WHEN r.hospitalised_on BETWEEN lookback.d AND prm.as_of THEN r.hospitalised_on END AS d_hospital,
         CASE WHEN r.lost_work_on BETWEEN lookback.d AND prm.as_of THEN r.lost_work_on END AS d_unemployment,
         CASE WHEN r.low_income = 1 AND r.low_income_from BETWEEN lookback.d AND prm.as_of THEN r.low_income_from END AS d_benefit, 0, NULL
  FROM prm CROSS JOIN lookback CROSS JOIN residents r
  WHERE prm.area IS NOT NULL AND r.area_id IS NULL AND (r.moved_in BETWEEN lookback.d AND prm.as_of OR r.died_on BETWEEN lookback.d AND prm.as_of
          OR r.hospitalised_on BETWEEN lookback.d AND prm.as_of OR r.lost_work_on BETWEEN lookback.d AND prm.as_of
          OR (r.low_income = 1 AND r.low_income_from BETWEEN lookback.d AND prm.as_of))),
-- one group per kind, household (or resident without one) and day, kind by
-- kind: each kind's events are sorted alone, and no copy of them all is
-- made first (t.name: the first resident's, from the row min(t.id) took,
-- as SQLite gives a bare column beside a single min()).  ev's days are in
-- the lookback and up to as_of already; :area is read once, not joined
-- to every event.
owed AS (
  SELECT 'benefit' AS vk, '生活保障发放' AS label, t.d_benefit AS d, t.household_id, CASE WHEN t.household_id IS NULL THEN t.id END AS resident_id,
         min(t.id) AS first_resident, t.name, count(*) AS people, date(t.d_benefit, '+' || c.value || ' days') AS due_on
  FROM ev t JOIN cfg c ON c.rule = 'home_visit' AND c.scope = 'benefit'
  WHERE t.d_benefit IS NOT NULL
    AND ((SELECT area FROM prm) IS NULL OR t.area_id IN (SELECT id FROM sub))
  GROUP BY t.household_id, t.d_benefit, CASE WHEN t.household_id IS NULL THEN t.id END
  UNION ALL
  SELECT 'funeral', '办理丧事慰问', t.d_funeral, t.household_id, CASE WHEN t.household_id IS NULL THEN t.id END,
         min(t.id), t.name, count(*), date(t.d_funeral, '+' || c.value || ' days')
  FROM ev t JOIN cfg c ON c.rule = 'home_visit' AND c.scope = 'funeral'
  WHERE t.d_funeral IS NOT NULL
    AND ((SELECT area FROM prm) IS NULL OR t.area_id IN (SELECT id FROM sub))
  GROUP BY t.household_id, t.d_funeral, CASE WHEN t.household_id IS NULL THEN t.id END
  UNION ALL
  SELECT 'hospital', '有病住院看望', t.d_hospital, t.household_id, CASE WHEN t.household_id IS NULL THEN t.id END,
         min(t.id), t.name, count(*), date(t.d_hospital, '+' || c.value || ' days')
  FROM ev t JOIN cfg c ON c.rule = 'home_visit' AND c.scope = 'hospital'
  WHERE t.d_hospital IS NOT NULL
    AND ((SELECT area FROM prm) IS NULL OR t.area_id IN (SELECT id FROM sub))
  GROUP BY t.household_id, t.d_hospital, CASE WHEN t.household_id IS NULL THEN t.id END
  UNION ALL
  SELECT 'new_resident', '新迁居民走访', t.d_new_resident, t.household_id, CASE WHEN t.household_id IS NULL THEN t.id END,
         min(t.id), t.name, count(*), date(t.d_new_resident, '+' || c.value || ' days')
  FROM ev t JOIN cfg c ON c.rule = 'home_visit' AND c.scope = 'new_resident'
  WHERE t.d_new_resident IS NOT NULL
    AND ((SELECT area FROM prm) IS NULL OR t.area_id IN (SELECT id FROM sub))
  GROUP BY t.household_id, t.d_new_resident, CASE WHEN t.household_id IS NULL THEN t.id END
  UNION ALL
  SELECT 'unemployment', '下岗失业安置', t.d_unemployment, t.household_id, CASE WHEN t.household_id IS NULL THEN t.id END,
         min(t.id), t.name, count(*), date(t.d_unemployment, '+' || c.value || ' days')
  FROM ev t JOIN cfg c ON c.rule = 'home_visit' AND c.scope = 'unemployment'
  WHERE t.d_unemployment IS NOT NULL
    AND ((SELECT area FROM prm) IS NULL OR t.area_id IN (SELECT id FROM sub))
  GROUP BY t.household_id, t.d_unemployment, CASE WHEN t.household_id IS NULL THEN t.id END),
visit_lines AS (
  SELECT 'home_visit' AS kind, '八到家 ' || o.label || ' (' || o.vk || ')' || CASE WHEN o.people > 1 THEN ', ' || o.people || ' residents' ELSE '' END AS what,
         CASE WHEN prm.unmasked = 1 THEN o.name ELSE name_mask(o.name) END
           || CASE WHEN o.household_id IS NOT NULL THEN ' (户 ' || coalesce((SELECT door_no FROM households WHERE id = o.household_id), o.household_id) || ')' ELSE '' END AS who,
         NULL AS wid,
         CASE WHEN o.household_id IS NOT NULL THEN 'households#' || o.household_id ELSE 'residents#' || o.resident_id END AS ref,
         o.d AS since, o.due_on, o.vk, o.d, o.household_id AS hh, o.resident_id AS rid
  FROM owed o, prm
  WHERE o.due_on <= prm.as_of
    -- no visit of the kind from o.d to as_of: to the household, to one of
    -- its residents, or to the resident (cheapest first: the household's
    -- own visits, then its first resident's, which settle most; only then
    -- are the household's other residents looked up)
    AND coalesce((SELECT last FROM temp.due_seen_household s WHERE s.hh = o.household_id AND s.kind = o.vk), '') < o.d
    AND coalesce((SELECT last FROM temp.due_seen_resident s WHERE s.rid = o.first_resident AND s.kind = o.vk), '') < o.d
    AND (o.household_id IS NULL
         OR NOT EXISTS (SELECT 1 FROM residents r CROSS JOIN temp.due_seen_resident s ON s.rid = r.id AND s.kind = o.vk
                        WHERE r.household_id = o.household_id AND s.last >= o.d))),
-- 低保 households: a visit of any kind each quarter
-- (the city's from the one pass above; an area's through its households)
-- (the city's grouped by household first, then each household read once:
-- a join the planner may turn round would read every household)
li AS (SELECT h.id, h.door_no, r.first_resident, r.li_from,
              (SELECT max(last) FROM (SELECT s.last FROM temp.due_seen_household s WHERE s.hh = h.id
                                      UNION ALL SELECT s.last FROM residents x CROSS JOIN temp.due_seen_resident s ON s.rid = x.id
                                                 WHERE x.household_id = h.id)) AS last_visit
       FROM (SELECT r.household_id, min(r.id) AS first_resident, min(r.li_from) AS li_from
             FROM prm CROSS JOIN ev r WHERE prm.area IS NULL AND r.li GROUP BY r.household_id) r
            CROSS JOIN households h ON h.id = r.household_id
       WHERE h.dissolved_on IS NULL
       UNION ALL
       SELECT h.id, h.door_no, min(r.id) AS first_resident, min(r.low_income_from) AS li_from,
              (SELECT max(last) FROM (SELECT s.last FROM temp.due_seen_household s WHERE s.hh = h.id
                                      UNION ALL SELECT s.last FROM residents x CROSS JOIN temp.due_seen_resident s ON s.rid = x.id
                                                 WHERE x.household_id = h.id)) AS last_visit
       -- (a household's residents through residents_household: the
       -- planner would otherwise index every resident of the city first)
       FROM prm CROSS JOIN households h CROSS JOIN residents r INDEXED BY residents_household ON r.household_id = h.id
       WHERE prm.area IS NOT NULL AND h.dissolved_on IS NULL AND h.area_id IN (SELECT id FROM sub)
         AND r.low_income = 1 AND r.moved_out IS NULL AND r.died_on IS NULL
       GROUP BY h.id),
li_lines AS (
  SELECT 'low_income_visit' AS kind,
         '低保户走访: ' || CASE WHEN li.last_visit IS NULL THEN 'never visited' ELSE 'last visit ' || li.last_visit END AS what,
         ' (户 ' || coalesce(li.door_no, li.id) || ')' AS who, li.first_resident AS wid,
         'households#' || li.id AS ref, coalesce(li.last_visit, li.li_from) AS since,
         coalesce(date(coalesce(li.last_visit, li.li_from), '+' || c.value || ' months'), prm.as_of) AS due_on
  FROM li, prm JOIN cfg c ON c.rule = 'low_income_visit' AND c.scope = '')
SELECT l.kind, l.what, l.who, l.wid, l.ref, l.since, l.due_on,
       CAST(julianday(prm.as_of) - julianday(l.due_on) AS INTEGER) AS overdue_days,
       CASE l.kind WHEN 'meeting' THEN 1 WHEN 'home_visit' THEN 2 WHEN 'low_income_visit' THEN 3
                   WHEN 'hardship_unpaired' THEN 4 WHEN 'hardship_visit' THEN 5 WHEN 'wish' THEN 6
                   WHEN 'council_stage' THEN 7 WHEN 'dual_report' THEN 8 ELSE 9 END AS ord
FROM (SELECT kind, what, who, wid, ref, since, due_on, vk, d, hh, rid FROM visit_lines
      UNION ALL
      SELECT kind, what, who, wid, ref, since, due_on, NULL, NULL, NULL, NULL FROM li_lines) l, prm
WHERE l.due_on <= prm.as_of
-- (a kind's events are grouped by household, so its visits are looked up
-- in household order; the 八到家 lines are then put back in the order of
-- kind, day and household they have always had)
ORDER BY l.kind, l.vk, l.d, l.hh, l.rid;

-- Each resident the other lines name, read once, in id order: not once a
-- line in the lines' order, which at city scale was a random page read a
-- line.
CREATE TEMP TABLE due_names(id INTEGER PRIMARY KEY, name);
INSERT OR IGNORE INTO temp.due_names
SELECT r.id, CASE WHEN p.unmasked = 1 THEN r.name ELSE name_mask(r.name) END
FROM (SELECT DISTINCT wid FROM temp.due_raw WHERE wid IS NOT NULL ORDER BY wid) x
     CROSS JOIN residents r ON r.id = x.wid CROSS JOIN temp.due_params p;
CREATE TEMP TABLE due_lines AS
SELECT d.kind, d.what,
       CASE d.kind WHEN 'meeting' THEN d.who WHEN 'council_stage' THEN d.who WHEN 'home_visit' THEN d.who
                   WHEN 'low_income_visit' THEN n.name || d.who
                   WHEN 'duty_record' THEN coalesce(n.name, d.who)
                   ELSE n.name END AS who,
       d.ref, d.since, d.due_on, d.overdue_days, d.ord
FROM temp.due_raw d LEFT JOIN temp.due_names n ON n.id = d.wid
ORDER BY d.ord, d.overdue_days DESC, d.ref, d.rowid;

-- section: 汇总 Due by kind
-- chart: bar label=kind value=lines
SELECT k.kind, k.label, coalesce(l.lines, 0) AS lines, l.most_overdue_days
FROM (SELECT 1 AS ord, 'meeting' AS kind, '会议未按期召开' AS label
      UNION ALL SELECT 2, 'home_visit', '八到家走访' UNION ALL SELECT 3, 'low_income_visit', '低保户季度走访'
      UNION ALL SELECT 4, 'hardship_unpaired', '困难群体未结对' UNION ALL SELECT 5, 'hardship_visit', '困难群体走访'
      UNION ALL SELECT 6, 'wish', '微心愿未实现' UNION ALL SELECT 7, 'council_stage', '议事超期'
      UNION ALL SELECT 8, 'dual_report', '双报到缺勤' UNION ALL SELECT 9, 'duty_record', '值班未登记') k
-- (the lines read once, not once a kind)
LEFT JOIN (SELECT kind, count(*) AS lines, max(overdue_days) AS most_overdue_days FROM temp.due_lines GROUP BY kind) l
       ON l.kind = k.kind
ORDER BY k.ord;

-- section: 待办明细 Every line
-- (ordered by ord, overdue_days DESC, ref, ties as due_raw has them: the
-- order temp.due_lines was made in, so the lines are not sorted again each
-- time the section is read -- streamed as a table or md, it is read twice)
SELECT kind, what, who, ref, since, due_on, overdue_days
FROM temp.due_lines
ORDER BY rowid;
