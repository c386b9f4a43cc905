-- upgrade.sql — brings a muling database of an older schema version to the
-- version sql/schema.sql creates, one step at a time.  Each step begins
-- with a line `-- to version N` and ends by writing N to muling_meta and
-- user_version; `muling init DB` runs, in one transaction, every step past
-- the file's schema_version (muling_meta).  In the shell, run the steps
-- past your file's version, e.g. from version 2:
--   sed -n '/^-- to version 3$/,$p' sql/upgrade.sql | sqlite3 old.db
-- tests/sh/upgrade.sh checks that an upgraded file (from version 1 and
-- from version 2) has the tables, columns, indexes and triggers of a new one.

-- to version 2
ALTER TABLE residents ADD COLUMN hospitalised_on TEXT CHECK (hospitalised_on IS NULL OR date(hospitalised_on, '+0 days') IS hospitalised_on);
ALTER TABLE residents ADD COLUMN lost_work_on TEXT CHECK (lost_work_on IS NULL OR date(lost_work_on, '+0 days') IS lost_work_on);
ALTER TABLE residents ADD COLUMN low_income_from TEXT CHECK (low_income_from IS NULL OR date(low_income_from, '+0 days') IS low_income_from);
ALTER TABLE council_issues ADD COLUMN status_by INTEGER REFERENCES residents(id);
ALTER TABLE council_issues ADD COLUMN status_on TEXT CHECK (status_on IS NULL OR date(status_on, '+0 days') IS status_on);
ALTER TABLE council_issues ADD COLUMN status_note TEXT;
ALTER TABLE score_events ADD COLUMN source_table TEXT CHECK (source_table IS NULL OR source_table IN ('duty_assignments','volunteer_hours','attendance'));
ALTER TABLE score_events ADD COLUMN source_id INTEGER;
CREATE INDEX score_events_source ON score_events(source_table, source_id) WHERE source_table IS NOT NULL;

-- The path of each issue: one row per status change, written by the
-- triggers below (never by hand), and the women's council's proposals
-- forwarded to the council it reports to (councils.reports_to).  An issue
-- inserted with its history (status 'resolved' and its dates) gets one row
-- per dated stage.  Append-only, like score_events.
CREATE TABLE council_issue_events(
  id             INTEGER PRIMARY KEY,
  issue_id       INTEGER NOT NULL REFERENCES council_issues(id),
  from_stage     TEXT,          -- NULL on the first row (the issue raised)
  to_stage       TEXT NOT NULL CHECK (to_stage IN ('raised','reviewed','deliberated','resolved','withdrawn')),
  council_id     INTEGER REFERENCES councils(id),       -- the council holding the issue after the event
  forwarded_from INTEGER REFERENCES councils(id),       -- set when the issue moved up from this council
  happened_on    TEXT NOT NULL CHECK (date(happened_on, '+0 days') IS happened_on),
  by_id          INTEGER REFERENCES residents(id),
  note           TEXT
);
CREATE INDEX council_issue_events_issue ON council_issue_events(issue_id, id);

CREATE TRIGGER council_issue_events_no_update BEFORE UPDATE ON council_issue_events
BEGIN
  SELECT RAISE(ABORT, 'council_issue_events is append-only: change the issue and its triggers record it');
END;
CREATE TRIGGER council_issue_events_no_delete BEFORE DELETE ON council_issue_events
BEGIN
  SELECT RAISE(ABORT, 'council_issue_events is append-only: change the issue and its triggers record it');
END;

-- Seed 002's flow: raised → reviewed by the two committees → deliberated →
-- resolved.  Nothing is deliberated or resolved without the review.
CREATE TRIGGER council_issues_review_first BEFORE INSERT ON council_issues
WHEN NEW.status IN ('deliberated','resolved') AND NEW.reviewed_on IS NULL
BEGIN
  SELECT RAISE(ABORT, 'council_issues: an issue is reviewed by the two committees (两委审事) before it is deliberated or resolved');
END;

CREATE TRIGGER council_issues_history AFTER INSERT ON council_issues
BEGIN
  INSERT INTO council_issue_events(issue_id, from_stage, to_stage, council_id, happened_on, by_id, note)
  SELECT NEW.id, lag(stage) OVER (ORDER BY ord), stage, NEW.council_id, d,
         CASE WHEN stage = NEW.status THEN NEW.status_by END,
         CASE WHEN stage = NEW.status THEN NEW.status_note END
  FROM (SELECT 1 AS ord, 'raised' AS stage, NEW.raised_on AS d
        UNION ALL SELECT 2, 'reviewed', NEW.reviewed_on WHERE NEW.reviewed_on IS NOT NULL
        UNION ALL SELECT 3, 'deliberated', NEW.deliberated_on WHERE NEW.deliberated_on IS NOT NULL
        UNION ALL SELECT 4, 'resolved', NEW.resolved_on WHERE NEW.resolved_on IS NOT NULL
        UNION ALL SELECT 5, 'withdrawn', coalesce(NEW.status_on, NEW.raised_on) WHERE NEW.status = 'withdrawn')
  ORDER BY ord;
END;

-- Stage order: raised 1, reviewed 2, deliberated 3, resolved 4, withdrawn 5.
-- A move to a lower number is a move back (reopening a withdrawn issue too).
CREATE TRIGGER council_issues_status_rules BEFORE UPDATE OF status ON council_issues
WHEN OLD.status IS NOT NEW.status
BEGIN
  SELECT RAISE(ABORT, 'council_issues: an issue is reviewed by the two committees (两委审事) before it is deliberated or resolved')
  WHERE NEW.status IN ('deliberated','resolved') AND OLD.status NOT IN ('reviewed','deliberated','resolved');
  SELECT RAISE(ABORT, 'council_issues: moving an issue back a stage needs a new status_note saying why')
  WHERE (CASE NEW.status WHEN 'raised' THEN 1 WHEN 'reviewed' THEN 2 WHEN 'deliberated' THEN 3
                         WHEN 'resolved' THEN 4 ELSE 5 END)
      < (CASE OLD.status WHEN 'raised' THEN 1 WHEN 'reviewed' THEN 2 WHEN 'deliberated' THEN 3
                         WHEN 'resolved' THEN 4 ELSE 5 END)
    AND (NEW.status_note IS NULL OR NEW.status_note IS OLD.status_note);
END;

-- The day of a move: the stage's own date when it moves forward to a
-- dated stage; otherwise status_on if the update set a new one, else today.
CREATE TRIGGER council_issues_status_event AFTER UPDATE OF status ON council_issues
WHEN OLD.status IS NOT NEW.status
BEGIN
  INSERT INTO council_issue_events(issue_id, from_stage, to_stage, council_id, happened_on, by_id, note)
  VALUES (NEW.id, OLD.status, NEW.status, NEW.council_id,
          CASE WHEN NEW.status = 'reviewed' AND OLD.status = 'raised' THEN NEW.reviewed_on
               WHEN NEW.status = 'deliberated' AND OLD.status = 'reviewed' THEN NEW.deliberated_on
               WHEN NEW.status = 'resolved' AND OLD.status IN ('reviewed','deliberated') THEN NEW.resolved_on
               WHEN NEW.status_on IS NOT OLD.status_on THEN NEW.status_on
               ELSE date('now') END,
          NEW.status_by,
          CASE WHEN NEW.status_note IS NOT OLD.status_note THEN NEW.status_note END);
END;

-- The women's council (妇女议事会) forwards a proposal to the council it
-- reports to; an issue moves to no other council.
CREATE TRIGGER council_issues_forward_rule BEFORE UPDATE OF council_id ON council_issues
WHEN OLD.council_id IS NOT NULL AND OLD.council_id IS NOT NEW.council_id
BEGIN
  SELECT RAISE(ABORT, 'council_issues: an issue moves only to the council its council reports to (councils.reports_to)')
  WHERE NEW.council_id IS NOT (SELECT reports_to FROM councils WHERE id = OLD.council_id);
END;

CREATE TRIGGER council_issues_forward_event AFTER UPDATE OF council_id ON council_issues
WHEN OLD.council_id IS NOT NULL AND OLD.council_id IS NOT NEW.council_id
BEGIN
  INSERT INTO council_issue_events(issue_id, from_stage, to_stage, council_id, forwarded_from,
                                   happened_on, by_id, note)
  VALUES (NEW.id, NEW.status, NEW.status, NEW.council_id, OLD.council_id,
          CASE WHEN NEW.status_on IS NOT OLD.status_on THEN NEW.status_on ELSE date('now') END,
          NEW.status_by,
          CASE WHEN NEW.status_note IS NOT OLD.status_note THEN NEW.status_note END);
END;

-- The path so far of the issues already recorded, from their dates (as the
-- insert trigger writes it for a new issue).
INSERT INTO council_issue_events(issue_id, from_stage, to_stage, council_id, happened_on)
SELECT id, lag(stage) OVER (PARTITION BY id ORDER BY ord), stage, council_id, d
FROM (SELECT id, council_id, 1 AS ord, 'raised' AS stage, raised_on AS d FROM council_issues
      UNION ALL SELECT id, council_id, 2, 'reviewed', reviewed_on FROM council_issues WHERE reviewed_on IS NOT NULL
      UNION ALL SELECT id, council_id, 3, 'deliberated', deliberated_on FROM council_issues WHERE deliberated_on IS NOT NULL
      UNION ALL SELECT id, council_id, 4, 'resolved', resolved_on FROM council_issues WHERE resolved_on IS NOT NULL
      UNION ALL SELECT id, council_id, 5, 'withdrawn', raised_on FROM council_issues WHERE status = 'withdrawn')
ORDER BY id, ord;

-- Where a rule's points come from, for `muling points sync` (sql/points_sync.sql):
--   duty_served          served duty_assignments of post `filter` (any post if NULL), 1 per duty
--   volunteer_hours      volunteer_hours of team `filter` (any team if NULL), qty = hours
--   meeting_attendance   attendance at activities of meeting `filter` (any meeting if NULL), 1 each
--   dual_report_service  served duty_assignments of posts of kind 'dual_report', 1 per Saturday
--   activity_attendance  attendance at activities of kind `filter` (any kind if NULL),
--                        qty = the activity's hours for an 'hour' rule, else qty below
-- (sql/points_sync.sql says exactly what it writes.)
-- A rule with no row here is typed in by hand, as before.
CREATE TABLE score_rule_sources(
  scheme_id INTEGER NOT NULL,
  rule_code TEXT NOT NULL,
  source    TEXT NOT NULL CHECK (source IN ('duty_served','volunteer_hours','meeting_attendance',
              'dual_report_service','activity_attendance')),
  filter    TEXT,              -- post id, team id, meeting id or activity kind; NULL = all
  qty       REAL CHECK (qty IS NULL OR qty > 0), -- units a source row without its own counts for (a 3-hour patrol duty); NULL = 1
  PRIMARY KEY (scheme_id, rule_code),
  FOREIGN KEY (scheme_id, rule_code) REFERENCES score_rules(scheme_id, rule_code)
) WITHOUT ROWID;

-- Reward tiers (一等/二等/三等奖励) per scheme, read by the points report: a
-- member gets the first tier (by ordinal) whose grade and percentile they
-- reach.  A scheme with no rows gives no rewards.
CREATE TABLE score_reward_tiers(
  scheme_id      INTEGER NOT NULL REFERENCES score_schemes(scheme_id),
  tier           TEXT NOT NULL,          -- 一等奖励
  ordinal        INTEGER NOT NULL,       -- 1 is the best tier
  max_grade      INTEGER NOT NULL,       -- the grade's ordinal must be <= this (1 = the best grade)
  min_percentile REAL NOT NULL DEFAULT 0 CHECK (min_percentile BETWEEN 0 AND 100),
  PRIMARY KEY (scheme_id, tier),
  UNIQUE (scheme_id, ordinal)
) WITHOUT ROWID;

-- Version 1's points report gave these tiers to every scheme.
INSERT INTO score_reward_tiers(scheme_id, tier, ordinal, max_grade, min_percentile)
SELECT scheme_id, t.tier, t.ordinal, t.max_grade, t.min_percentile
FROM score_schemes,
     (SELECT '一等奖励' AS tier, 1 AS ordinal, 1 AS max_grade, 90 AS min_percentile
      UNION ALL SELECT '二等奖励', 2, 2, 60 UNION ALL SELECT '三等奖励', 3, 2, 0) t;

------------------------------------------------------------------------------
-- What is due (sql/reports/due.sql, `muling check`): the intervals behind
-- each line, one row per rule and scope, with the practice the seeds
-- describe as defaults.  Change a row to change the office's practice; a
-- missing row means the rule is off.  docs/reports.md explains each rule.
------------------------------------------------------------------------------
CREATE TABLE due_rules(
  rule        TEXT NOT NULL CHECK (rule IN ('home_visit','low_income_visit','hardship_unpaired',
                'hardship_visit','wish_claim','wish_fulfil','council_stage','dual_report',
                'duty_record','lookback')),
  scope       TEXT NOT NULL DEFAULT '',   -- a visit kind, a hardship class, a stage; '' = the rule as a whole
  value       INTEGER NOT NULL CHECK (value >= 0),
  unit        TEXT NOT NULL CHECK (unit IN ('days','months','occurrences')),
  description TEXT,
  PRIMARY KEY (rule, scope)
) WITHOUT ROWID;
INSERT INTO due_rules(rule, scope, value, unit, description) VALUES
  ('home_visit', 'new_resident', 30, 'days', '新迁居民走访: within 30 days of residents.moved_in (seed 001)'),
  ('home_visit', 'funeral',      30, 'days', '办理丧事慰问: within 30 days of residents.died_on'),
  ('home_visit', 'hospital',     30, 'days', '有病住院看望: within 30 days of residents.hospitalised_on'),
  ('home_visit', 'unemployment', 30, 'days', '下岗失业安置: within 30 days of residents.lost_work_on'),
  ('home_visit', 'benefit',      30, 'days', '生活保障发放: within 30 days of residents.low_income_from'),
  ('low_income_visit', '',        3, 'months', '低保 households: a visit of any kind in the last 3 months (each quarter)'),
  ('hardship_unpaired', 'pairing', 30, 'days', '没条件没能力 cases: paired (1+1结对) within 30 days of assessment (seed 004)'),
  ('hardship_visit', 'placement', 90, 'days', '就业创业 cases: a visit at least every 90 days'),
  ('hardship_visit', 'training',  90, 'days', '技能培训 cases: a visit at least every 90 days'),
  ('hardship_visit', 'pairing',   30, 'days', '1+1结对 cases: a visit at least every 30 days'),
  ('wish_claim', '',   0, 'days', '微心愿: every open wish not yet claimed is listed with its age (seed 002)'),
  ('wish_fulfil', '', 30, 'days', '微心愿: fulfilled within 30 days of being claimed'),
  ('council_stage', 'raised',      15, 'days', '议事: reviewed by the two committees within 15 days of being raised'),
  ('council_stage', 'reviewed',    30, 'days', '议事: deliberated or settled within 30 days of the review'),
  ('council_stage', 'deliberated', 30, 'days', '议事: resolved within 30 days of the deliberation'),
  ('dual_report', 'missed', 2, 'occurrences', '双报到: a member who missed 2 ...'),
  ('dual_report', 'window', 3, 'occurrences', '... of the last 3 service days of the post (seed 003)'),
  ('duty_record', '', 1, 'days', '红色岗位: a duty is marked served or absent by the day after it'),
  ('lookback', '', 365, 'days', 'meetings and 八到家: lines whose obligation began more than 365 days before as_of are not listed');

UPDATE muling_meta SET value = '2' WHERE key = 'schema_version';
PRAGMA user_version = 2;

-- to version 3
-- Re-imports that recognise the residents a database already has
-- (sql/match_residents.sql): each run of `muling import`, its rejects and
-- its warnings.
CREATE TABLE import_runs(      -- one row per `muling import` that committed: what it read and did
  id            INTEGER PRIMARY KEY,
  table_name    TEXT NOT NULL,
  source        TEXT NOT NULL,  -- the file
  existing      TEXT CHECK (existing IS NULL OR existing IN ('update','skip','error')),
                                -- --existing (residents); NULL for a table without matching
  started_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
  read          INTEGER,        -- rows read = loaded + rejected
  loaded        INTEGER,        -- new + updated + unchanged + skipped
  rejected      INTEGER,
  new           INTEGER,        -- residents: rows that became a new resident
  updated       INTEGER,        -- ... that changed a stored resident
  unchanged     INTEGER,        -- ... that matched one and changed nothing
  skipped       INTEGER,        -- ... that matched one left as stored (--existing skip)
  not_in_export INTEGER,        -- current residents in scope the file did not mention
  warned        INTEGER         -- rows of import_warnings
);
ALTER TABLE import_rejects ADD COLUMN run_id INTEGER REFERENCES import_runs(id);
CREATE INDEX import_rejects_run ON import_rejects(run_id);
CREATE TABLE import_warnings(
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES import_runs(id),
  line        INTEGER,          -- physical line where the row starts (header = 1)
  resident_id INTEGER REFERENCES residents(id),    -- the resident the row loaded as
  kind        TEXT NOT NULL CHECK (kind IN ('sex','birth_date','former_resident')),
  detail      TEXT NOT NULL
);
CREATE INDEX import_warnings_run ON import_warnings(run_id, line);
CREATE INDEX residents_name_birth ON residents(name, birth_date);

-- The area tree at hand (docs/schema.md).
CREATE VIEW IF NOT EXISTS area_ancestors(area_id, ancestor_id, level, depth) AS
  WITH RECURSIVE up(area_id, ancestor_id, level, parent_id, depth) AS (
    SELECT id, id, level, parent_id, 0 FROM areas
    UNION ALL
    SELECT up.area_id, p.id, p.level, p.parent_id, up.depth + 1
    FROM up JOIN areas p ON p.id = up.parent_id
    WHERE up.depth < 32
  )
  SELECT area_id, ancestor_id, level, depth FROM up;

UPDATE muling_meta SET value = '3' WHERE key = 'schema_version';
PRAGMA user_version = 3;
