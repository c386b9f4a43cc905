-- muling schema: the records of an urban residents' community (社区) and
-- its party organisation, in one SQLite file.
--
-- Plain SQL: this file opens in any SQLite 3.35+ without the extension.
-- Dates are TEXT 'YYYY-MM-DD'; every date range is inclusive at both ends.
-- History is kept, nothing is deleted: people move out, die, leave posts;
-- rows get an end date instead.
--
--   sqlite3 community.db < sql/schema.sql      (or: muling init community.db)

PRAGMA application_id = 1297435719;  -- 'MULG'
PRAGMA user_version = 1;
PRAGMA foreign_keys = ON;

CREATE TABLE muling_meta(      -- marks a muling database and its schema version
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO muling_meta VALUES ('schema_version', '1');

------------------------------------------------------------------------------
-- Areas: one tree, city → district (区) → street (街道) → community (社区)
-- → grid (网格) → compound (小区) → building (栋楼).  The rollup engine
-- carries counts up parent_id.
------------------------------------------------------------------------------
CREATE TABLE areas(
  id        INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES areas(id),
  level     TEXT NOT NULL CHECK (level IN
              ('city','district','street','community','grid','compound','building')),
  code      TEXT,               -- 12-digit statistical code, or a local code below community
  name      TEXT NOT NULL,
  area_km2  REAL CHECK (area_km2 IS NULL OR area_km2 >= 0),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX areas_parent ON areas(parent_id);

------------------------------------------------------------------------------
-- Red posts (红色岗位), activity points (睦邻点) and their duty rotas (轮流值日).
-- The roster engine reads these four tables.
------------------------------------------------------------------------------
CREATE TABLE duty_posts(       -- a post with a recurring duty: patrol, a point's day on duty
  post_id      INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  rrule        TEXT NOT NULL,   -- RFC 5545 RRULE: 'FREQ=DAILY', 'FREQ=MONTHLY;BYDAY=-1SA'
  dtstart      TEXT NOT NULL CHECK (date(dtstart) IS dtstart),
  leaders      INTEGER NOT NULL DEFAULT 0 CHECK (leaders >= 0),   -- slots filled from role 'leader'
  members      INTEGER NOT NULL DEFAULT 1 CHECK (members >= 0),   -- slots filled from role 'member'
  min_gap_days INTEGER NOT NULL DEFAULT 1 CHECK (min_gap_days >= 1) -- d2 - d1 >= this
);

CREATE TABLE duty_pool(        -- who can serve on a post, in which role, from when
  post_id     INTEGER NOT NULL REFERENCES duty_posts(post_id),
  person_id   INTEGER NOT NULL,          -- residents.id
  role        TEXT NOT NULL CHECK (role IN ('leader','member')),
  active_from TEXT CHECK (active_from IS NULL OR date(active_from) IS active_from),
  active_to   TEXT CHECK (active_to IS NULL OR date(active_to) IS active_to),
  weight      REAL NOT NULL DEFAULT 1 CHECK (weight > 0), -- 2 = serves twice as often
  PRIMARY KEY (post_id, person_id, role),
  CHECK (active_to IS NULL OR active_from IS NULL OR active_to >= active_from)
) WITHOUT ROWID;

CREATE TABLE duty_unavailable( -- leave, illness, travel: no duty on these days
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  from_date TEXT NOT NULL CHECK (date(from_date) IS from_date),
  to_date   TEXT NOT NULL CHECK (date(to_date) IS to_date),
  reason    TEXT,
  CHECK (to_date >= from_date)
);
CREATE INDEX duty_unavailable_person ON duty_unavailable(person_id, from_date);

CREATE TABLE duty_assignments( -- the rota as drawn and served; roster() continues from it
  id        INTEGER PRIMARY KEY,
  post_id   INTEGER NOT NULL REFERENCES duty_posts(post_id),
  duty_date TEXT NOT NULL CHECK (date(duty_date) IS duty_date),
  slot      INTEGER NOT NULL CHECK (slot >= 1),   -- leaders first
  role      TEXT NOT NULL CHECK (role IN ('leader','member')),
  person_id INTEGER NOT NULL,
  status    TEXT NOT NULL DEFAULT 'planned'
              CHECK (status IN ('planned','served','absent','swapped','cancelled')),
  UNIQUE (post_id, duty_date, slot)
);
CREATE INDEX duty_assignments_person ON duty_assignments(person_id, duty_date);

------------------------------------------------------------------------------
-- Points (积分): schemes, categories, rules, grades, who is assessed, and an
-- append-only ledger of events.  The scoring engine reads these tables.
------------------------------------------------------------------------------
CREATE TABLE score_schemes(
  scheme_id      INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  base           REAL NOT NULL DEFAULT 0,          -- every period starts here
  period         TEXT NOT NULL DEFAULT 'year' CHECK (period IN ('year','quarter','month')),
  carry_fraction REAL NOT NULL DEFAULT 0 CHECK (carry_fraction BETWEEN 0 AND 1),
  score_min      REAL,                             -- NULL: no floor
  score_max      REAL,                             -- NULL: no ceiling
  description    TEXT,
  CHECK (score_min IS NULL OR score_max IS NULL OR score_min <= score_max)
);

CREATE TABLE score_categories( -- 基础分 / 任务分 / 奖励分 …: clamped to [floor, cap] per period
  scheme_id INTEGER NOT NULL REFERENCES score_schemes(scheme_id),
  category  TEXT NOT NULL,
  initial   REAL NOT NULL DEFAULT 0,  -- e.g. 基础分 starts at 20 and only deducts (扣完为止)
  floor     REAL,                     -- NULL: none
  cap       REAL,                     -- NULL: none
  PRIMARY KEY (scheme_id, category),
  CHECK (floor IS NULL OR cap IS NULL OR floor <= cap)
) WITHOUT ROWID;

CREATE TABLE score_rules(
  scheme_id           INTEGER NOT NULL,
  rule_code           TEXT NOT NULL,
  category            TEXT NOT NULL,
  points              REAL NOT NULL,         -- per unit; negative for deductions
  unit                TEXT NOT NULL DEFAULT 'event' CHECK (unit IN ('event','hour')),
  max_units_per_event REAL CHECK (max_units_per_event IS NULL OR max_units_per_event > 0),
  cap_per_period      REAL CHECK (cap_per_period IS NULL OR cap_per_period >= 0), -- |total| ≤ this
  veto_grade          TEXT,                  -- an event caps the grade at this one
  description         TEXT,
  PRIMARY KEY (scheme_id, rule_code),
  FOREIGN KEY (scheme_id, category) REFERENCES score_categories(scheme_id, category)
) WITHOUT ROWID;

CREATE TABLE score_grades(     -- 优秀 / 合格 / 基本合格 / 不合格
  scheme_id INTEGER NOT NULL REFERENCES score_schemes(scheme_id),
  grade     TEXT NOT NULL,
  min_score REAL NOT NULL,     -- the grade is the best whose min_score <= score
  ordinal   INTEGER NOT NULL,  -- 1 is the best grade
  PRIMARY KEY (scheme_id, grade),
  UNIQUE (scheme_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE score_members(    -- who is assessed under a scheme, from when to when
  scheme_id INTEGER NOT NULL REFERENCES score_schemes(scheme_id),
  member_id INTEGER NOT NULL,  -- residents.id
  from_date TEXT CHECK (from_date IS NULL OR date(from_date) IS from_date),
  to_date   TEXT CHECK (to_date IS NULL OR date(to_date) IS to_date),
  PRIMARY KEY (scheme_id, member_id)
) WITHOUT ROWID;

CREATE TABLE score_events(     -- the ledger: append-only, a correction is a reversing event
  event_id    INTEGER PRIMARY KEY,
  scheme_id   INTEGER NOT NULL,
  member_id   INTEGER NOT NULL,
  rule_code   TEXT NOT NULL,
  occurred_on TEXT NOT NULL CHECK (date(occurred_on) IS occurred_on),
  qty         REAL NOT NULL DEFAULT 1 CHECK (qty >= 0),   -- events or hours
  reverses    INTEGER REFERENCES score_events(event_id),  -- cancels that event
  note        TEXT,
  recorded_by TEXT,
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
  FOREIGN KEY (scheme_id, member_id) REFERENCES score_members(scheme_id, member_id),
  FOREIGN KEY (scheme_id, rule_code) REFERENCES score_rules(scheme_id, rule_code)
);
CREATE INDEX score_events_scheme ON score_events(scheme_id, occurred_on);
CREATE INDEX score_events_member ON score_events(scheme_id, member_id, occurred_on);
CREATE UNIQUE INDEX score_events_reverses ON score_events(reverses) WHERE reverses IS NOT NULL;

CREATE TRIGGER score_events_no_update BEFORE UPDATE ON score_events
BEGIN
  SELECT RAISE(ABORT, 'score_events is append-only: record a reversing event instead');
END;
CREATE TRIGGER score_events_no_delete BEFORE DELETE ON score_events
BEGIN
  SELECT RAISE(ABORT, 'score_events is append-only: record a reversing event instead');
END;
CREATE TRIGGER score_events_reversal BEFORE INSERT ON score_events
WHEN NEW.reverses IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'score_events: a reversal must name an earlier event of the same scheme, member and rule')
  WHERE NOT EXISTS (SELECT 1 FROM score_events e
                    WHERE e.event_id = NEW.reverses AND e.scheme_id = NEW.scheme_id
                      AND e.member_id = NEW.member_id AND e.rule_code = NEW.rule_code
                      AND e.reverses IS NULL);
END;

CREATE TABLE score_redemptions( -- 积分超市: spends the balance, never the evaluation score
  id          INTEGER PRIMARY KEY,
  scheme_id   INTEGER NOT NULL,
  member_id   INTEGER NOT NULL,
  points      REAL NOT NULL CHECK (points > 0),
  redeemed_on TEXT NOT NULL CHECK (date(redeemed_on) IS redeemed_on),
  item        TEXT,
  FOREIGN KEY (scheme_id, member_id) REFERENCES score_members(scheme_id, member_id)
);

------------------------------------------------------------------------------
-- Imports: every row `muling import` could not load, with why.
------------------------------------------------------------------------------
CREATE TABLE import_rejects(
  id          INTEGER PRIMARY KEY,
  table_name  TEXT NOT NULL,
  source      TEXT NOT NULL,    -- the file
  line        INTEGER,          -- physical line where the row starts (header = 1)
  reason      TEXT NOT NULL,
  raw         TEXT,             -- the row as read (decoded to UTF-8 where possible)
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now'))
);
