-- title: 居民信息导出 Street office export
-- params: area (area; default the whole database), unmasked (flag)
-- csv: rows
--
-- The current residents in the layout the street office (街道办) sends and
-- takes back: 序号, 姓名, 性别, 民族, 身份证号码, 联系电话, 所属街道,
-- 所属社区, 所属小区, 楼栋, 单元, 门牌号, 户籍性质, 是否低保, 备注.  It is
-- what `muling import DB residents FILE` reads: with --unmasked and
-- --format csv the file imports back into an empty copy of the database
-- with every building found (所属街道 + 所属社区 + 所属小区 + 楼栋 name one
-- building).  Without --unmasked, names, ID numbers and phones are masked
-- (PIPL art. 28) and the file is for reading, not for importing.  As CSV
-- the report is the residents table alone (`-- csv: rows`: no 范围 Scope
-- section, no titles), so the file imports; the other formats keep Scope.
--
--   muling report city.db street_export --unmasked --format csv -o export.csv
--   muling report city.db street_export --param area=文山路社区 --format csv
--
-- 单元 and 门牌号 come from the household's door number ('1-201' is unit 1,
-- room 201; '3-2-401' is building 3, unit 2, room 401); a resident with no
-- household gets them empty.  民族 is the standard name, or the spelling
-- kept in ethnic_raw when it never mapped to a code.  A resident with no
-- building has the address as written (address_raw) in 所属小区 and the
-- other address columns empty: imported back, it is again not found and
-- keeps the same address_raw.
--
-- The cost follows the rows written.  A streamed export steps its last
-- statement more than once (cli/report.c: masked, once to find the masked
-- names two people share, then to write), so what does not change between
-- passes is worked out once first, in a temp table: export_areas, the
-- areas in scope (the whole tree without area=) with each building's
-- street, community, compound and building names, found walking down the
-- tree once (not climbing it from every building).  Without area= the
-- last statement reads residents itself, in id order, with no copy of
-- them; with it, the ids of the scope's residents are found through the
-- index residents_area and kept in id order in export_scope, which it
-- reads instead.  序号 is numbered by the command as it writes the rows
-- (-- ordinal: below; run in the sqlite3 shell, the column is empty), so
-- nothing numbers, sorts or buffers them; 单元 and 门牌号 are door_unit()
-- and door_room() of the household's door number (docs/address.md), one
-- C call each where the substr()/instr() expression cost more than the
-- rest of the row.  Masked, the pass that finds the names two people
-- share reads residents alone (-- narrow-passes: the joins to households
-- and export_areas are left out of it), and the command steps it only as
-- far as the writing asks (a name found shared stays so: in a city,
-- where every masked name is many people's, it stops after 30 % of the
-- rows at 1e6 and 3 % at 1e7).  Measured on the generated city, CPU s
-- (the build before these changes in the same run): 1e6, masked as CSV
-- 1.5 (2.9), unmasked 1.06 (1.4-1.7); 1e7 to /dev/null, masked 12-14
-- (26.7), unmasked 9.8 (13.3).  Then idcard_mask and phone_mask of plain
-- digits made cheaper and the command's masking pre-check inlined: 1e6
-- masked as CSV 1.28-1.32 (1.34-1.40), 1e7 11.8-12.7 (12.5-12.7), same run.
-- Then the command's masking keeps each column's texts masked in a table
-- by every byte (it kept 64 by five bytes: at 1e7 half the masked names
-- and every ID ending in X went back to the masker each row), counts a
-- name's key up from the row before's and passes a masked number's words
-- of digits and stars in one test: 1e6 masked CSV 1.24-1.31 (1.31-1.55),
-- 1e7 10.5-10.7 (11.6-11.7), unmasked 9.1 (9.2), same runs at a load of
-- 2.  Still not 10 s at 1e7 masked: SQLite's stepping (the six function
-- calls, the CASEs, the two seeks) and reading 16 cells through its API
-- are about 8.5 s of it; a temp table of the ethnic names joined by
-- number and an '01' CASE before ethnic_name cost more or gained 1 %.

DROP TABLE IF EXISTS temp.export_areas;
DROP TABLE IF EXISTS temp.export_scope;
-- Each area in scope, and for a building its street, community, compound
-- and own name: of two areas of one level above it (never on a clean
-- tree), the greater name.  Walked down from the areas :area names (its
-- id, or its name in the shell), or without it from the roots (no parent,
-- or a parent that is not in areas); what lies above a starting area
-- comes from climbing from it.  UNION, not UNION ALL: a cycle in
-- parent_id (`muling check`: area_cycle) ends the walk instead of looping,
-- and the areas on it get no names.
CREATE TEMP TABLE export_areas(
  id INTEGER PRIMARY KEY, street TEXT, community TEXT, compound TEXT, building TEXT);
INSERT OR IGNORE INTO temp.export_areas
WITH RECURSIVE
  climb(start, id, parent_id, level, name) AS (
    SELECT id, id, parent_id, level, name FROM areas a
     WHERE CASE WHEN :area IS NULL
                THEN parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM areas p WHERE p.id = a.parent_id)
                ELSE id = :area OR name = :area END
    UNION
    SELECT climb.start, p.id, p.parent_id, p.level, p.name
      FROM climb JOIN areas p ON p.id = climb.parent_id
  ),
  down(id, level, street, community, compound, building) AS (
    SELECT start, (SELECT level FROM areas WHERE id = start),
           max(CASE WHEN level = 'street' THEN name END),
           max(CASE WHEN level = 'community' THEN name END),
           max(CASE WHEN level = 'compound' THEN name END),
           max(CASE WHEN level = 'building' THEN name END)
      FROM climb GROUP BY start
    UNION
    SELECT c.id, c.level,
           CASE WHEN c.level = 'street' AND (d.street IS NULL OR c.name > d.street) THEN c.name ELSE d.street END,
           CASE WHEN c.level = 'community' AND (d.community IS NULL OR c.name > d.community) THEN c.name ELSE d.community END,
           CASE WHEN c.level = 'compound' AND (d.compound IS NULL OR c.name > d.compound) THEN c.name ELSE d.compound END,
           CASE WHEN c.level = 'building' AND (d.building IS NULL OR c.name > d.building) THEN c.name ELSE d.building END
      FROM down d JOIN areas c ON c.parent_id = d.id
  )
SELECT id, CASE WHEN level = 'building' THEN street END, CASE WHEN level = 'building' THEN community END,
       CASE WHEN level = 'building' THEN compound END, CASE WHEN level = 'building' THEN building END
  FROM down;

-- Without area= the last statement reads residents in id order; with it,
-- the ids of the scope's current residents, found through the index
-- residents_area, are kept here in id order (its rowid) for it to read
-- instead.
DROP TABLE IF EXISTS temp.export_scope;
CREATE TEMP TABLE export_scope(id INTEGER PRIMARY KEY);
INSERT INTO temp.export_scope(id)
SELECT r.id
  FROM temp.export_areas s
  CROSS JOIN residents r ON r.area_id = s.id
 WHERE :area IS NOT NULL AND r.moved_out IS NULL AND r.died_on IS NULL;

-- section: 居民 Residents
-- narrow-passes: yes
-- ordinal: 序号
-- (its rows are the same whatever plan SQLite picks: masked, the pass that
-- finds the names two people share steps only 姓名 and its key, reading
-- residents alone.  The rows come in id order, and 序号 numbers them so,
-- without an ORDER BY: each half reads its first table in rowid order
-- (SCAN r, SCAN k: residents has no index that holds the columns read,
-- and the CROSS JOIN keeps export_scope outside), and UNION ALL gives the
-- first half's rows, then the second's (only one has rows).  An ORDER BY
-- on the compound would sort the scope's rows and keep the pass above
-- from leaving the joins out; tests/sh/street_export.sh checks the order
-- and 序号 against row_number() over the ids, for every scope.)
SELECT NULL AS 序号,
       CASE WHEN :unmasked = 1 THEN r.name ELSE name_mask(r.name) END AS 姓名, r.id AS _姓名,
       CASE r.sex WHEN 'M' THEN '男' WHEN 'F' THEN '女' END AS 性别,
       coalesce(ethnic_name(r.ethnic_code), r.ethnic_raw) AS 民族,
       CASE WHEN :unmasked = 1 THEN r.id_number ELSE idcard_mask(r.id_number) END AS 身份证号码,
       CASE WHEN :unmasked = 1 THEN r.phone ELSE phone_mask(r.phone) END AS 联系电话,
       p.street AS 所属街道,
       p.community AS 所属社区,
       coalesce(p.compound, CASE WHEN r.area_id IS NULL THEN r.address_raw END) AS 所属小区,
       p.building AS 楼栋,
       door_unit(h.door_no) AS 单元,
       door_room(h.door_no) AS 门牌号,
       CASE r.registration WHEN 'floating' THEN '流动' ELSE '户籍' END AS 户籍性质,
       CASE r.low_income WHEN 1 THEN '是' ELSE '否' END AS 是否低保,
       r.note AS 备注
  FROM residents r
  LEFT JOIN households h ON h.id = r.household_id
  LEFT JOIN temp.export_areas p ON p.id = r.area_id
 WHERE :area IS NULL AND r.moved_out IS NULL AND r.died_on IS NULL
UNION ALL
SELECT NULL,
       CASE WHEN :unmasked = 1 THEN r.name ELSE name_mask(r.name) END, r.id,
       CASE r.sex WHEN 'M' THEN '男' WHEN 'F' THEN '女' END,
       coalesce(ethnic_name(r.ethnic_code), r.ethnic_raw),
       CASE WHEN :unmasked = 1 THEN r.id_number ELSE idcard_mask(r.id_number) END,
       CASE WHEN :unmasked = 1 THEN r.phone ELSE phone_mask(r.phone) END,
       p.street, p.community,
       coalesce(p.compound, CASE WHEN r.area_id IS NULL THEN r.address_raw END),
       p.building, door_unit(h.door_no), door_room(h.door_no),
       CASE r.registration WHEN 'floating' THEN '流动' ELSE '户籍' END,
       CASE r.low_income WHEN 1 THEN '是' ELSE '否' END,
       r.note
  FROM temp.export_scope k
  CROSS JOIN residents r ON r.id = k.id
  LEFT JOIN households h ON h.id = r.household_id
  LEFT JOIN temp.export_areas p ON p.id = r.area_id;
