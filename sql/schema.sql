-- muling schema: the records of an urban residents' community (社区) and
-- its party organisation, in one SQLite file.
--
-- Plain SQL: this file opens in any SQLite 3.35+ without the extension.
-- Dates are TEXT 'YYYY-MM-DD'; every date range is inclusive at both ends.
-- The community tables check dates with date(x, '+0 days') IS x, which also
-- refuses days that do not exist ('2023-02-30'); plain date(x) lets them by.
-- History is kept, nothing is deleted: people move out, die, leave posts;
-- rows get an end date instead.
--
--   sqlite3 community.db < sql/schema.sql      (or: muling init community.db)

PRAGMA application_id = 1297435719;  -- 'MULG'; muling reads the number from here
PRAGMA user_version = 3;
PRAGMA foreign_keys = ON;

CREATE TABLE muling_meta(      -- marks a muling database and its schema version
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO muling_meta VALUES ('schema_version', '3');
-- Version 2 added what the due report and `muling points sync` read: due_rules,
-- the residents' trigger dates (hospitalised_on, lost_work_on, low_income_from),
-- council_issue_events and its triggers, score_reward_tiers, score_rules.source*
-- and score_events.source_*.  `muling init` upgrades a version 1 file with
-- sql/upgrade.sql.  Version 3 added import_runs, import_rejects.run_id,
-- import_warnings and the index residents_name_birth, for re-imports that
-- recognise the residents a database already has.

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
CREATE INDEX areas_level ON areas(level, parent_id);
CREATE INDEX areas_code ON areas(code);

-- Every area with each area above it, itself included at depth 0: the tree
-- at hand for "per street" or "per community" questions without writing a
-- recursive CTE.  Residents per street:
--   SELECT s.name, count(*) FROM residents_current r
--   JOIN area_ancestors x ON x.area_id = r.area_id AND x.level = 'street'
--   JOIN areas s ON s.id = x.ancestor_id GROUP BY s.id;
-- level is the ancestor's level.  The walk stops 32 levels up, so a cycle
-- in parent_id (which `muling check` reports as area_cycle) cannot loop.
CREATE VIEW area_ancestors(area_id, ancestor_id, level, depth) AS
  WITH RECURSIVE up(area_id, ancestor_id, level, parent_id, depth) AS (
    SELECT id, id, level, parent_id, 0 FROM areas
    UNION ALL
    SELECT up.area_id, p.id, p.level, p.parent_id, up.depth + 1
    FROM up JOIN areas p ON p.id = up.parent_id
    WHERE up.depth < 32
  )
  SELECT area_id, ancestor_id, level, depth FROM up;

CREATE TABLE lanes(            -- 巷道: the lanes and alleys of a community (seed 000: 17)
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES areas(id),
  name         TEXT NOT NULL,
  length_m     REAL CHECK (length_m IS NULL OR length_m > 0),
  UNIQUE (community_id, name)
);

------------------------------------------------------------------------------
-- People: households (户) and residents (居民), the 户籍/流动 population.
-- A resident is never deleted: moving out or dying sets a date.  The
-- current population is residents_current (below).
------------------------------------------------------------------------------
CREATE TABLE households(       -- 户: a dwelling unit in a building, registered or rented
  id             INTEGER PRIMARY KEY,
  area_id        INTEGER NOT NULL REFERENCES areas(id),   -- the building (栋楼)
  door_no        TEXT,                                    -- 门牌号: '3-2-401'
  established_on TEXT CHECK (established_on IS NULL OR date(established_on, '+0 days') IS established_on),
  dissolved_on   TEXT CHECK (dissolved_on IS NULL OR date(dissolved_on, '+0 days') IS dissolved_on),
  note           TEXT,
  CHECK (dissolved_on IS NULL OR established_on IS NULL OR dissolved_on >= established_on)
);
CREATE INDEX households_area ON households(area_id);

-- 居民: one row per person who lives or lived here.
-- Dirty data (see docs/schema.md): an ethnic group the importer could not
-- map keeps its spelling in ethnic_raw with ethnic_code NULL; an ID number of
-- the right shape but a wrong check digit is stored as read, and
-- `muling check` reports it.  The CHECKs below test shape, not checksums,
-- so the file opens without the extension.
CREATE TABLE residents(
  id           INTEGER PRIMARY KEY,
  -- 身份证号 (GB 11643): 17 digits, then a digit or X.  One GLOB of 18
  -- single-character sets says it at a third of the cost of the older
  -- `length(id_number) = 18 AND substr(id_number, 1, 17) NOT GLOB
  -- '*[^0-9]*' AND substr(id_number, 18) GLOB '[0-9X]'` (a '*' then a set
  -- is tried at every character), which files made before it keep: the
  -- same rule (tests/sh/schema_id_number.sh).
  id_number    TEXT CHECK (id_number IS NULL OR id_number GLOB
                 '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9X]'),
  name         TEXT NOT NULL CHECK (length(name) >= 1),
  sex          TEXT CHECK (sex IS NULL OR sex IN ('M','F')),
  birth_date   TEXT CHECK (birth_date IS NULL OR date(birth_date, '+0 days') IS birth_date),
  ethnic_code  TEXT CHECK (ethnic_code IS NULL OR (ethnic_code GLOB '[0-9][0-9]'
                 AND (ethnic_code BETWEEN '01' AND '58' OR ethnic_code IN ('97','98')))),
                 -- 民族, GB/T 3304 two digits (57/58 and 97/98 are local extensions)
  ethnic_raw   TEXT,            -- the 民族 as written at import when it did not map to a code
  phone        TEXT,            -- 联系电话, normalised to 11 digits where possible
  household_id INTEGER REFERENCES households(id),
  relation     TEXT CHECK (relation IS NULL OR relation IN
                 ('head','spouse','child','parent','grandchild','sibling','other')), -- 与户主关系
  area_id      INTEGER REFERENCES areas(id),   -- the building (栋楼) lived in
  address_raw  TEXT,            -- the address as written at import (小区 楼栋 单元 门牌号)
  registration TEXT NOT NULL DEFAULT 'registered'
                 CHECK (registration IN ('registered','floating')),   -- 户籍 / 流动人口
  low_income   INTEGER NOT NULL DEFAULT 0 CHECK (low_income IN (0,1)), -- 低保 recipient
  key_person   INTEGER NOT NULL DEFAULT 0 CHECK (key_person IN (0,1)), -- 重点人口
  moved_in     TEXT CHECK (moved_in IS NULL OR date(moved_in, '+0 days') IS moved_in),
  moved_out    TEXT CHECK (moved_out IS NULL OR date(moved_out, '+0 days') IS moved_out),
  died_on      TEXT CHECK (died_on IS NULL OR date(died_on, '+0 days') IS died_on),
  note         TEXT,
  -- The events after which a 八到家 visit is owed (seed 001), besides
  -- moved_in and died_on: the latest hospital stay, the latest job loss, and
  -- the day the household began to receive 低保 (low_income = 1).
  hospitalised_on TEXT CHECK (hospitalised_on IS NULL OR date(hospitalised_on, '+0 days') IS hospitalised_on),
  lost_work_on    TEXT CHECK (lost_work_on IS NULL OR date(lost_work_on, '+0 days') IS lost_work_on),
  low_income_from TEXT CHECK (low_income_from IS NULL OR date(low_income_from, '+0 days') IS low_income_from),
  CHECK (moved_out IS NULL OR moved_in IS NULL OR moved_out >= moved_in),
  CHECK (died_on IS NULL OR birth_date IS NULL OR died_on >= birth_date),
  CHECK (moved_in IS NULL OR birth_date IS NULL OR moved_in >= birth_date)
);
CREATE INDEX residents_household ON residents(household_id);
CREATE INDEX residents_area ON residents(area_id, ethnic_code);
CREATE INDEX residents_id_number ON residents(id_number);
-- A re-import recognises a row without an ID number by name, birth date
-- and building (sql/match_residents.sql).
CREATE INDEX residents_name_birth ON residents(name, birth_date);
CREATE INDEX residents_ethnic ON residents(ethnic_code);

-- The people living here today: neither moved out nor dead.
CREATE VIEW residents_current AS
  SELECT * FROM residents WHERE moved_out IS NULL AND died_on IS NULL;

-- Input for rollup(): current residents by building and 民族.
CREATE VIEW resident_ethnicity AS
  SELECT id AS resident_id, area_id, ethnic_code FROM residents_current;

CREATE TABLE area_heads(       -- 楼栋长 / 小区长 / 网格长: residents who look after an area
  area_id     INTEGER NOT NULL REFERENCES areas(id),
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  role        TEXT NOT NULL CHECK (role IN ('building_head','compound_head','grid_head')),
  from_date   TEXT CHECK (from_date IS NULL OR date(from_date, '+0 days') IS from_date),
  to_date     TEXT CHECK (to_date IS NULL OR date(to_date, '+0 days') IS to_date),
  PRIMARY KEY (area_id, resident_id, role),
  CHECK (to_date IS NULL OR from_date IS NULL OR to_date >= from_date)
) WITHOUT ROWID;
CREATE INDEX area_heads_resident ON area_heads(resident_id);

CREATE TABLE rented_rooms(     -- 租赁房屋: rooms let to tenants, with the letting period
  id          INTEGER PRIMARY KEY,
  area_id     INTEGER NOT NULL REFERENCES areas(id),      -- the building
  household_id INTEGER REFERENCES households(id),         -- the tenant household, if registered
  landlord_id INTEGER REFERENCES residents(id),
  room_no     TEXT,
  tenants     INTEGER CHECK (tenants IS NULL OR tenants >= 0),
  let_from    TEXT CHECK (let_from IS NULL OR date(let_from, '+0 days') IS let_from),
  let_to      TEXT CHECK (let_to IS NULL OR date(let_to, '+0 days') IS let_to),
  CHECK (let_to IS NULL OR let_from IS NULL OR let_to >= let_from)
);
CREATE INDEX rented_rooms_area ON rented_rooms(area_id);

CREATE TABLE religious_sites(  -- 宗教场所: registered places of worship in the area
  id            INTEGER PRIMARY KEY,
  area_id       INTEGER NOT NULL REFERENCES areas(id),
  name          TEXT NOT NULL,
  religion      TEXT,
  registered_on TEXT CHECK (registered_on IS NULL OR date(registered_on, '+0 days') IS registered_on)
);

CREATE TABLE organisations(    -- 机关企事业单位 in the area; co_building = 共驻共建单位
  id          INTEGER PRIMARY KEY,
  area_id     INTEGER NOT NULL REFERENCES areas(id),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN
                ('government','institution','enterprise','social','other')), -- 机关/事业/企业/社会组织
  co_building INTEGER NOT NULL DEFAULT 0 CHECK (co_building IN (0,1)),
  joined_on   TEXT CHECK (joined_on IS NULL OR date(joined_on, '+0 days') IS joined_on), -- signed the 共建 agreement
  left_on     TEXT CHECK (left_on IS NULL OR date(left_on, '+0 days') IS left_on)
);
CREATE INDEX organisations_area ON organisations(area_id);

CREATE TABLE service_outlets(  -- 便民服务网点 and the like: shops, stations, placement bases
  id        INTEGER PRIMARY KEY,
  area_id   INTEGER NOT NULL REFERENCES areas(id),
  name      TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN
              ('convenience','food_aid','health','legal','placement_base','other')),
              -- 便民网点 / 低保爱心粮油超市 / 卫生站 / 法律咨询 / 再就业安置基地
  opened_on TEXT CHECK (opened_on IS NULL OR date(opened_on, '+0 days') IS opened_on),
  closed_on TEXT CHECK (closed_on IS NULL OR date(closed_on, '+0 days') IS closed_on)
);
CREATE INDEX service_outlets_area ON service_outlets(area_id);

CREATE TABLE staff(            -- 社区工作人员, by how the post is paid (seed 000's four kinds)
  id          INTEGER PRIMARY KEY,
  area_id     INTEGER NOT NULL REFERENCES areas(id),     -- the community employing them
  resident_id INTEGER REFERENCES residents(id),          -- if they also live here
  name        TEXT NOT NULL,
  category    TEXT NOT NULL CHECK (category IN
                ('fiscal_salary','fiscal_subsidy','public_welfare','graduate_trainee')),
                -- 财政工资人员 / 财政补贴人员 / 公益性岗位 / 见习大学生
  role        TEXT,              -- 书记, 主任, 网格员 …
  from_date   TEXT CHECK (from_date IS NULL OR date(from_date, '+0 days') IS from_date),
  to_date     TEXT CHECK (to_date IS NULL OR date(to_date, '+0 days') IS to_date),
  CHECK (to_date IS NULL OR from_date IS NULL OR to_date >= from_date)
);
CREATE INDEX staff_area ON staff(area_id);

------------------------------------------------------------------------------
-- The party organisation (党组织): committee (党委) → general branch (党总支)
-- → branch (党支部) → group (党小组); responsibility zones (责任区); members,
-- 双报到 registration and the two-way feedback form.
------------------------------------------------------------------------------
CREATE TABLE party_orgs(
  id           INTEGER PRIMARY KEY,
  parent_id    INTEGER REFERENCES party_orgs(id),
  kind         TEXT NOT NULL CHECK (kind IN ('committee','general_branch','branch','group')),
  name         TEXT NOT NULL,
  area_id      INTEGER REFERENCES areas(id),   -- the community (or street) it serves
  secretary_id INTEGER REFERENCES residents(id),
  founded_on   TEXT CHECK (founded_on IS NULL OR date(founded_on, '+0 days') IS founded_on),
  dissolved_on TEXT CHECK (dissolved_on IS NULL OR date(dissolved_on, '+0 days') IS dissolved_on),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX party_orgs_parent ON party_orgs(parent_id);
CREATE INDEX party_orgs_area ON party_orgs(area_id, kind);

CREATE TABLE responsibility_zones( -- 责任区: the buildings a party group or member looks after
  id        INTEGER PRIMARY KEY,
  org_id    INTEGER NOT NULL REFERENCES party_orgs(id),
  name      TEXT NOT NULL,
  area_id   INTEGER REFERENCES areas(id),      -- a compound or building
  leader_id INTEGER REFERENCES residents(id)
);
CREATE INDEX responsibility_zones_org ON responsibility_zones(org_id);

CREATE TABLE party_members(    -- 党员: a resident's membership in a community party org
  resident_id  INTEGER PRIMARY KEY REFERENCES residents(id),
  org_id       INTEGER NOT NULL REFERENCES party_orgs(id),
  status       TEXT NOT NULL CHECK (status IN ('retired','in_service','other')), -- 离退休 / 在职
  membership   TEXT NOT NULL DEFAULT 'full' CHECK (membership IN ('full','probationary')), -- 正式 / 预备
  joined_on    TEXT CHECK (joined_on IS NULL OR date(joined_on, '+0 days') IS joined_on),
  work_unit    TEXT,             -- 工作单位 of an in-service member
  reported_on  TEXT CHECK (reported_on IS NULL OR date(reported_on, '+0 days') IS reported_on), -- 双报到 to the community
  receipt_card INTEGER NOT NULL DEFAULT 0 CHECK (receipt_card IN (0,1)),           -- 报到回执卡 issued
  left_on      TEXT CHECK (left_on IS NULL OR date(left_on, '+0 days') IS left_on)            -- transferred out, died
);
CREATE INDEX party_members_org ON party_members(org_id);

CREATE TABLE member_feedback(  -- 社区表现情况反馈单: two-way evaluation community ⇄ employer
  id          INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES party_members(resident_id),
  period      TEXT NOT NULL CHECK (date(period, '+0 days') IS period),   -- first day of the quarter
  direction   TEXT NOT NULL CHECK (direction IN ('to_employer','to_community')),
  rating      TEXT CHECK (rating IS NULL OR rating IN ('excellent','good','fair','poor')), -- 优/良/中/差
  comment     TEXT,
  sent_on     TEXT CHECK (sent_on IS NULL OR date(sent_on, '+0 days') IS sent_on),
  UNIQUE (resident_id, period, direction)
);

------------------------------------------------------------------------------
-- Volunteers (志愿者/义工): teams, memberships with dates, and actual service
-- hours (travel excluded; 谁组织谁记录,谁记录谁证明).
------------------------------------------------------------------------------
CREATE TABLE volunteer_teams(  -- 志愿服务队: patrol, 邻里守望, 书香楼门, 文明养犬 …
  id         INTEGER PRIMARY KEY,
  area_id    INTEGER REFERENCES areas(id),      -- the community
  name       TEXT NOT NULL,
  kind       TEXT,              -- patrol, culture, aid, environment, party …
  leader_id  INTEGER REFERENCES residents(id),
  founded_on TEXT CHECK (founded_on IS NULL OR date(founded_on, '+0 days') IS founded_on)
);

CREATE TABLE volunteers(       -- a registered volunteer's membership of a team
  id          INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  team_id     INTEGER REFERENCES volunteer_teams(id),
  joined_on   TEXT CHECK (joined_on IS NULL OR date(joined_on, '+0 days') IS joined_on),
  left_on     TEXT CHECK (left_on IS NULL OR date(left_on, '+0 days') IS left_on),
  CHECK (left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX volunteers_resident ON volunteers(resident_id);
CREATE INDEX volunteers_team ON volunteers(team_id);

CREATE TABLE volunteer_hours(  -- 志愿服务时长: actual service, in hours, certified by the organiser
  id           INTEGER PRIMARY KEY,
  resident_id  INTEGER NOT NULL REFERENCES residents(id),
  team_id      INTEGER REFERENCES volunteer_teams(id),
  activity_id  INTEGER REFERENCES activities(id),
  served_on    TEXT NOT NULL CHECK (date(served_on, '+0 days') IS served_on),
  hours        REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
  certified_by TEXT              -- who recorded and certifies it
);
CREATE INDEX volunteer_hours_resident ON volunteer_hours(resident_id, served_on);
CREATE INDEX volunteer_hours_team ON volunteer_hours(team_id, served_on);

------------------------------------------------------------------------------
-- Activities: 睦邻点 (neighbourhood points), what happens there and who came.
-- Person-times (人次) are counted from attendance rows, never typed.
------------------------------------------------------------------------------
CREATE TABLE activity_points(  -- 睦邻点: a standing activity group in a hall or a home
  id             INTEGER PRIMARY KEY,
  area_id        INTEGER NOT NULL REFERENCES areas(id),  -- the community (or building)
  name           TEXT NOT NULL,
  place          TEXT,             -- 社区一楼活动大厅, 居民巴汗台家里
  floor_m2       REAL CHECK (floor_m2 IS NULL OR floor_m2 > 0),
  leader_id      INTEGER REFERENCES residents(id),       -- 负责人, a volunteer
  contact_id     INTEGER REFERENCES staff(id),           -- 联系人, a community worker
  equipment_yuan REAL CHECK (equipment_yuan IS NULL OR equipment_yuan >= 0), -- 配备器材
  opened_on      TEXT CHECK (opened_on IS NULL OR date(opened_on, '+0 days') IS opened_on),
  closed_on      TEXT CHECK (closed_on IS NULL OR date(closed_on, '+0 days') IS closed_on)
);

CREATE TABLE meetings(         -- standing meetings and their cadence: 例会, 党委会, 民主生活会 …
  id       INTEGER PRIMARY KEY,
  kind     TEXT NOT NULL CHECK (kind IN ('point_review','weekly','committee','democratic_life',
             'members_assembly','joint','council','women_council','other')),
             -- 睦邻点例会 / 每周例会 / 党委会 / 民主生活会 / 党员大会 / 联席会议 / 议事会 / 妇女议事会
  name     TEXT NOT NULL,
  org_id   INTEGER REFERENCES party_orgs(id),
  area_id  INTEGER REFERENCES areas(id),
  rrule    TEXT,                 -- RFC 5545 cadence: 'FREQ=MONTHLY;INTERVAL=3' (quarterly)
  dtstart  TEXT CHECK (dtstart IS NULL OR date(dtstart, '+0 days') IS dtstart)
);

CREATE TABLE festivals(        -- 邻里节: a neighbourhood festival edition
  id       INTEGER PRIMARY KEY,
  area_id  INTEGER REFERENCES areas(id),
  name     TEXT NOT NULL,
  edition  INTEGER CHECK (edition IS NULL OR edition >= 1),  -- 第十四届 = 14
  held_on  TEXT CHECK (held_on IS NULL OR date(held_on, '+0 days') IS held_on),
  theme    TEXT
);

CREATE TABLE festival_sections( -- 版块: show, volunteering, publicity, games, flea market
  id          INTEGER PRIMARY KEY,
  festival_id INTEGER NOT NULL REFERENCES festivals(id),
  kind        TEXT NOT NULL CHECK (kind IN ('show','volunteering','publicity','games','flea_market','other')),
              -- 文艺演出 / 志愿服务 / 公益宣传 / 游艺互动 / 跳蚤市场
  name        TEXT NOT NULL
);
CREATE INDEX festival_sections_festival ON festival_sections(festival_id);

CREATE TABLE activities(       -- 活动: one held activity (a session, a training, a patrol, a meeting)
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('song_dance','handicraft','training','publicity',
               'info_gathering','festival_section','patrol','volunteer_service','party_day',
               'meeting','job_training','lecture','other')),
               -- 歌舞 / 手工 / 培训 / 宣传教育 / 信息收集 / 邻里节版块 / 巡逻 / 志愿服务 / 主题党日
               -- / 会议 / 再就业培训 / 讲座
  title      TEXT,
  held_on    TEXT NOT NULL CHECK (date(held_on, '+0 days') IS held_on),
  hours      REAL CHECK (hours IS NULL OR hours > 0),
  area_id    INTEGER REFERENCES areas(id),
  point_id   INTEGER REFERENCES activity_points(id),
  post_id    INTEGER REFERENCES duty_posts(post_id),
  meeting_id INTEGER REFERENCES meetings(id),
  section_id INTEGER REFERENCES festival_sections(id),
  organiser_id INTEGER REFERENCES staff(id)
);
CREATE INDEX activities_held ON activities(held_on, kind);
CREATE INDEX activities_point ON activities(point_id, held_on);
CREATE INDEX activities_section ON activities(section_id);

CREATE TABLE attendance(       -- who took part: one row is one 人次
  activity_id INTEGER NOT NULL REFERENCES activities(id),
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  role        TEXT NOT NULL DEFAULT 'participant'
                CHECK (role IN ('participant','trainee','leader','volunteer','performer')),
  PRIMARY KEY (activity_id, resident_id)
) WITHOUT ROWID;
CREATE INDEX attendance_resident ON attendance(resident_id);

CREATE TABLE info_items(       -- 获取信息/民情信息: what residents told the point, and what was done
  id          INTEGER PRIMARY KEY,
  point_id    INTEGER REFERENCES activity_points(id),
  resident_id INTEGER REFERENCES residents(id),   -- who told us
  gathered_on TEXT NOT NULL CHECK (date(gathered_on, '+0 days') IS gathered_on),
  topic       TEXT NOT NULL CHECK (topic IN ('welfare','safety','environment','dispute','policy','other')),
  summary     TEXT,
  handled_on  TEXT CHECK (handled_on IS NULL OR date(handled_on, '+0 days') IS handled_on)
);

CREATE TABLE honours(          -- 邻里之星, 文明家庭, 学习型家庭, 先进人物 …
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  level        TEXT CHECK (level IS NULL OR level IN ('community','street','district','city','province','national')),
  resident_id  INTEGER REFERENCES residents(id),
  household_id INTEGER REFERENCES households(id),
  festival_id  INTEGER REFERENCES festivals(id),
  awarded_on   TEXT CHECK (awarded_on IS NULL OR date(awarded_on, '+0 days') IS awarded_on),
  CHECK (resident_id IS NOT NULL OR household_id IS NOT NULL)
);

------------------------------------------------------------------------------
-- Governance: the consultation council (协商议事会) and its issues, micro
-- wishes (微心愿), the hardship ledger (困难群体台账), home visits (八到家).
------------------------------------------------------------------------------
CREATE TABLE councils(         -- 协商议事会 / 妇女议事会
  id       INTEGER PRIMARY KEY,
  area_id  INTEGER REFERENCES areas(id),
  name     TEXT NOT NULL,
  kind     TEXT NOT NULL DEFAULT 'consultation' CHECK (kind IN ('consultation','women')),
  chair_id INTEGER REFERENCES residents(id),
  reports_to INTEGER REFERENCES councils(id)   -- the women's council reports to the main one
);

CREATE TABLE council_members(  -- 议事会成员: who sits on a council, as chair or member
  council_id  INTEGER NOT NULL REFERENCES councils(id),
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  role        TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('chair','member')),
  from_date   TEXT CHECK (from_date IS NULL OR date(from_date, '+0 days') IS from_date),
  to_date     TEXT CHECK (to_date IS NULL OR date(to_date, '+0 days') IS to_date),
  PRIMARY KEY (council_id, resident_id)
) WITHOUT ROWID;

-- 议事: raised by a resident → reviewed by the two committees (两委审事) →
-- deliberated by the council → resolved.  Each step has its date; the status
-- says how far it got, and the CHECKs keep the dates in step with it.
CREATE TABLE council_issues(
  id             INTEGER PRIMARY KEY,
  council_id     INTEGER REFERENCES councils(id),
  raised_by      INTEGER REFERENCES residents(id),
  title          TEXT NOT NULL,
  category       TEXT,          -- dispute, environment, parking, repair …
  mode           TEXT NOT NULL CHECK (mode IN ('meeting','walkround','home','wechat')),
                 -- 集中议事 / 走访议事 / 上门议事 / 微信议事
  status         TEXT NOT NULL DEFAULT 'raised'
                   CHECK (status IN ('raised','reviewed','deliberated','resolved','withdrawn')),
  raised_on      TEXT NOT NULL CHECK (date(raised_on, '+0 days') IS raised_on),
  reviewed_on    TEXT CHECK (reviewed_on IS NULL OR date(reviewed_on, '+0 days') IS reviewed_on),
  deliberated_on TEXT CHECK (deliberated_on IS NULL OR date(deliberated_on, '+0 days') IS deliberated_on),
  resolved_on    TEXT CHECK (resolved_on IS NULL OR date(resolved_on, '+0 days') IS resolved_on),
  outcome        TEXT,
  -- Who moved the status last, when (for a move with no date column of its
  -- own: withdrawn, or back a stage) and why; the triggers below copy them
  -- into council_issue_events.  A move back needs a new status_note.
  status_by      INTEGER REFERENCES residents(id),
  status_on      TEXT CHECK (status_on IS NULL OR date(status_on, '+0 days') IS status_on),
  status_note    TEXT,
  CHECK (reviewed_on IS NULL OR reviewed_on >= raised_on),
  CHECK (deliberated_on IS NULL OR (reviewed_on IS NOT NULL AND deliberated_on >= reviewed_on)),
  CHECK (resolved_on IS NULL OR resolved_on >= raised_on),
  CHECK (CASE status
           WHEN 'raised'      THEN reviewed_on IS NULL AND deliberated_on IS NULL AND resolved_on IS NULL
           WHEN 'reviewed'    THEN reviewed_on IS NOT NULL AND deliberated_on IS NULL AND resolved_on IS NULL
           WHEN 'deliberated' THEN deliberated_on IS NOT NULL AND resolved_on IS NULL
           WHEN 'resolved'    THEN resolved_on IS NOT NULL
           ELSE resolved_on IS NULL END)
);
CREATE INDEX council_issues_raised ON council_issues(raised_on, mode, status);

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

CREATE TABLE micro_wishes(     -- 微心愿: a small wish of a resident in need, claimed and fulfilled
  id           INTEGER PRIMARY KEY,
  resident_id  INTEGER NOT NULL REFERENCES residents(id),
  wish         TEXT NOT NULL,
  raised_on    TEXT NOT NULL CHECK (date(raised_on, '+0 days') IS raised_on),
  claimed_by   INTEGER REFERENCES residents(id),
  claimed_on   TEXT CHECK (claimed_on IS NULL OR date(claimed_on, '+0 days') IS claimed_on),
  fulfilled_on TEXT CHECK (fulfilled_on IS NULL OR date(fulfilled_on, '+0 days') IS fulfilled_on),
  festival_id  INTEGER REFERENCES festivals(id),
  CHECK (claimed_on IS NULL OR (claimed_by IS NOT NULL AND claimed_on >= raised_on)),
  CHECK (fulfilled_on IS NULL OR (claimed_on IS NOT NULL AND fulfilled_on >= claimed_on))
);

-- 困难群体台账 (seed 004): able and willing → placement (就业创业);
-- able but unskilled → training (培训); neither → pairing (1+1结对, living support).
CREATE TABLE hardship_cases(
  id           INTEGER PRIMARY KEY,
  household_id INTEGER REFERENCES households(id),
  resident_id  INTEGER REFERENCES residents(id),
  class        TEXT NOT NULL CHECK (class IN ('placement','training','pairing')),
  reason       TEXT,           -- 下岗失业, 疾病, 残疾, 孤寡 …
  assessed_on  TEXT NOT NULL CHECK (date(assessed_on, '+0 days') IS assessed_on),
  paired_cadre TEXT,           -- the cadre or member paired with it (结对干部)
  paired_with  INTEGER REFERENCES residents(id),  -- if that cadre lives here
  paired_on    TEXT CHECK (paired_on IS NULL OR date(paired_on, '+0 days') IS paired_on),
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','resolved','closed')),
  resolved_on  TEXT CHECK (resolved_on IS NULL OR date(resolved_on, '+0 days') IS resolved_on),
  outcome      TEXT,
  CHECK (household_id IS NOT NULL OR resident_id IS NOT NULL),
  CHECK (paired_on IS NULL OR paired_on >= assessed_on),
  CHECK (resolved_on IS NULL OR resolved_on >= assessed_on),
  CHECK ((status IN ('resolved','closed')) = (resolved_on IS NOT NULL))
);
CREATE INDEX hardship_cases_class ON hardship_cases(class, status);

CREATE TABLE home_visits(      -- 八到家: the eight occasions a worker visits a home
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('wedding','funeral','mediation','hospital',
                 'new_resident','rehabilitation','benefit','unemployment')),
                 -- 新婚喜事祝贺 / 办理丧事慰问 / 家庭纠纷调解 / 有病住院看望 / 新迁居民走访
                 -- / 两劳人员帮教 / 生活保障发放 / 下岗失业安置
  household_id INTEGER REFERENCES households(id),
  resident_id  INTEGER REFERENCES residents(id),
  visited_on   TEXT NOT NULL CHECK (date(visited_on, '+0 days') IS visited_on),
  staff_id     INTEGER REFERENCES staff(id),
  note         TEXT,
  CHECK (household_id IS NOT NULL OR resident_id IS NOT NULL)
);
CREATE INDEX home_visits_kind ON home_visits(kind, visited_on);

------------------------------------------------------------------------------
-- Red posts (红色岗位), activity points (睦邻点) and their duty rotas (轮流值日).
-- The roster engine reads these four tables.
------------------------------------------------------------------------------
CREATE TABLE duty_posts(       -- a post with a recurring duty: patrol, a point's day on duty
  post_id      INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  rrule        TEXT NOT NULL,   -- RFC 5545 RRULE: 'FREQ=DAILY', 'FREQ=MONTHLY;BYDAY=-1SA'
  dtstart      TEXT NOT NULL CHECK (date(dtstart, '+0 days') IS dtstart),
  leaders      INTEGER NOT NULL DEFAULT 0 CHECK (leaders >= 0),   -- slots filled from role 'leader'
  members      INTEGER NOT NULL DEFAULT 1 CHECK (members >= 0),   -- slots filled from role 'member'
  min_gap_days INTEGER NOT NULL DEFAULT 1 CHECK (min_gap_days >= 1), -- d2 - d1 >= this
  -- What the post is, for reports (NULL: not said).  The three 红色岗位 of
  -- seed 002 are patrol/culture/publicity; point_rota is a 睦邻点's 轮流值日;
  -- dual_report is the 双报到 service day of in-service party members.
  kind         TEXT CHECK (kind IS NULL OR kind IN
                 ('patrol','culture','publicity','point_rota','dual_report','other')),
  point_id     INTEGER REFERENCES activity_points(id),  -- the 睦邻点 it staffs, if any
  area_id      INTEGER REFERENCES areas(id)              -- the community (or grid) it serves
);

CREATE TABLE duty_pool(        -- who can serve on a post, in which role, from when
  post_id     INTEGER NOT NULL REFERENCES duty_posts(post_id),
  person_id   INTEGER NOT NULL,          -- residents.id
  role        TEXT NOT NULL CHECK (role IN ('leader','member')),
  active_from TEXT CHECK (active_from IS NULL OR date(active_from, '+0 days') IS active_from),
  active_to   TEXT CHECK (active_to IS NULL OR date(active_to, '+0 days') IS active_to),
  weight      REAL NOT NULL DEFAULT 1 CHECK (weight > 0), -- 2 = serves twice as often
  PRIMARY KEY (post_id, person_id, role),
  CHECK (active_to IS NULL OR active_from IS NULL OR active_to >= active_from)
) WITHOUT ROWID;

CREATE TABLE duty_unavailable( -- leave, illness, travel: no duty on these days
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL,
  from_date TEXT NOT NULL CHECK (date(from_date, '+0 days') IS from_date),
  to_date   TEXT NOT NULL CHECK (date(to_date, '+0 days') IS to_date),
  reason    TEXT,
  CHECK (to_date >= from_date)
);
CREATE INDEX duty_unavailable_person ON duty_unavailable(person_id, from_date);

CREATE TABLE duty_assignments( -- the rota as drawn and served; roster() continues from it
  id        INTEGER PRIMARY KEY,
  post_id   INTEGER NOT NULL REFERENCES duty_posts(post_id),
  duty_date TEXT NOT NULL CHECK (date(duty_date, '+0 days') IS duty_date),
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
  from_date TEXT CHECK (from_date IS NULL OR date(from_date, '+0 days') IS from_date),
  to_date   TEXT CHECK (to_date IS NULL OR date(to_date, '+0 days') IS to_date),
  PRIMARY KEY (scheme_id, member_id)
) WITHOUT ROWID;

CREATE TABLE score_events(     -- the ledger: append-only, a correction is a reversing event
  event_id    INTEGER PRIMARY KEY,
  scheme_id   INTEGER NOT NULL,
  member_id   INTEGER NOT NULL,
  rule_code   TEXT NOT NULL,
  occurred_on TEXT NOT NULL CHECK (date(occurred_on, '+0 days') IS occurred_on),
  qty         REAL NOT NULL DEFAULT 1 CHECK (qty >= 0),   -- events or hours
  reverses    INTEGER REFERENCES score_events(event_id),  -- cancels that event
  note        TEXT,
  recorded_by TEXT,
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
  -- The record an event was computed from by `muling points sync`: a
  -- duty_assignments or volunteer_hours id, or for attendance the activity
  -- id (with member_id, the attendance row).  NULL: typed in by hand.
  source_table TEXT CHECK (source_table IS NULL OR source_table IN ('duty_assignments','volunteer_hours','attendance')),
  source_id    INTEGER,
  FOREIGN KEY (scheme_id, member_id) REFERENCES score_members(scheme_id, member_id),
  FOREIGN KEY (scheme_id, rule_code) REFERENCES score_rules(scheme_id, rule_code)
);
CREATE INDEX score_events_scheme ON score_events(scheme_id, occurred_on);
CREATE INDEX score_events_member ON score_events(scheme_id, member_id, occurred_on);
CREATE UNIQUE INDEX score_events_reverses ON score_events(reverses) WHERE reverses IS NOT NULL;
CREATE INDEX score_events_source ON score_events(source_table, source_id) WHERE source_table IS NOT NULL;

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

CREATE TABLE score_redemptions( -- 积分超市: spends the balance, never the evaluation score
  id          INTEGER PRIMARY KEY,
  scheme_id   INTEGER NOT NULL,
  member_id   INTEGER NOT NULL,
  points      REAL NOT NULL CHECK (points > 0),
  redeemed_on TEXT NOT NULL CHECK (date(redeemed_on, '+0 days') IS redeemed_on),
  item        TEXT,
  FOREIGN KEY (scheme_id, member_id) REFERENCES score_members(scheme_id, member_id)
);

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

------------------------------------------------------------------------------
-- Imports: each run of `muling import`, every row it could not load (with
-- why), and every row it loaded with a warning.
------------------------------------------------------------------------------
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

CREATE TABLE import_rejects(
  id          INTEGER PRIMARY KEY,
  table_name  TEXT NOT NULL,
  source      TEXT NOT NULL,    -- the file
  line        INTEGER,          -- physical line where the row starts (header = 1)
  reason      TEXT NOT NULL,
  raw         TEXT,             -- the row as read (decoded to UTF-8 where possible)
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
  run_id      INTEGER REFERENCES import_runs(id)   -- NULL: before schema version 3
);
CREATE INDEX import_rejects_run ON import_rejects(run_id);

-- A row that loaded but disagrees with itself: the sex or the birth date
-- the file gives is not the one its ID number says, or the ID number is a
-- former resident's.  The detail never shows the birth digits idcard_mask
-- hides ('birth date differs by 31 days from the ID number').
CREATE TABLE import_warnings(
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES import_runs(id),
  line        INTEGER,          -- physical line where the row starts (header = 1)
  resident_id INTEGER REFERENCES residents(id),    -- the resident the row loaded as
  kind        TEXT NOT NULL CHECK (kind IN ('sex','birth_date','former_resident')),
  detail      TEXT NOT NULL
);
CREATE INDEX import_warnings_run ON import_warnings(run_id, line);
