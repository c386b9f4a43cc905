-- import_residents.sql — how `muling import DB residents FILE` reads a row.
--
-- The street office's export has Chinese headers; the map line below sends
-- each to a parameter of the statement (序号 is dropped).  English headers
-- named like the parameters work too, and --map overrides any of it.
-- map: 序号=-, 姓名=name, 性别=sex, 民族=ethnic, 身份证号码=id_number, 身份证号=id_number, 联系电话=phone, 电话=phone, 所属街道=street, 街道=street, 所属社区=community, 社区=community, 所属小区=compound, 小区=compound, 楼栋=building, 单元=unit, 门牌号=room, 户籍性质=registration, 是否低保=low_income, 备注=note, 出生日期=birth_date, ethnic_code=ethnic
--
-- cli/import_fast.c transforms the rows that need only the common case
-- below (a valid ID number as written, a code or standard 民族, no
-- 出生日期, a building found …) in C, with the same functions' code, and
-- sends every other row here: a change to a rule here is a change there
-- too (tests/sh/import_fast.sh compares the two on every row).
--
-- The file holds several statements.  All but the last run once, before
-- the first row: they build temp.import_buildings, the map of buildings
-- the rows are looked up in (one row a building: its compound, its name
-- as a key, its community and street), limited to the subtree of the area
-- :within when it is not NULL (`muling import --within AREA`).  The last
-- statement runs once per CSV row with the row's values bound (a
-- parameter with no column is NULL) and returns one row:
--   _reject      NULL, or why the row cannot load, starting with a stable
--                key: id_scientific, id_length, id_check, id_invalid,
--                ethnic_unknown, sex, registration, low_income, date
--   _normalised  what was normalised, comma-separated: phone_format,
--                ethnic_variant, id_fullwidth, id_15_to_18, date_format
--   _building    how the building was found: 'given' (an area_id
--                column), 'matched', 'none' (no address in the row),
--                'ambiguous: 文山1号小区 1栋 in 3 communities' or
--                'not_found: 文山路社区 文山9号小区 1栋'
--   the rest     the residents columns to insert
-- A constraint the table enforces becomes a 'constraint: …' reject in the
-- command.  The command binds each value trimmed of spaces, an empty
-- field as NULL (in C, without copying: trim() and nullif() here would
-- copy every field twice).  In the sqlite3 shell: `.parameter set :within
-- NULL`, run the first statements once, then the last with the row's
-- values set, trimmed, NULL for empty.
--
-- Choices:
--   * an ID number a spreadsheet turned into 6.50106E+17 has lost its
--     digits: rejected, never guessed;
--   * a wrong check character is rejected with the character it should be
--     (idcard_check_char of the first 17);
--   * a 15-digit number is upgraded to 18 (idcard_normalize);
--   * 民族 goes through ethnic_code(): 汉, 漢族, Han, 哈族, Kazak … load as
--     their code; a spelling it does not know is rejected, spelling shown;
--     a code ('01') or the standard name (汉族) is no variant;
--   * a mobile number goes through phone_normalize(); anything else (a
--     landline) is kept as written;
--   * birth_date: the file's 出生日期 when it has one, even when the ID
--     number says otherwise (the register's date is the one a person
--     corrected; `muling check` lists the disagreement); else the ID
--     number's.  A date must be a real day: date(x, '+0 days') IS x
--     (plain date(x) lets '2023-02-30' through in SQLite 3.40);
--   * the building: 所属小区 + 楼栋 (and 所属社区, 所属街道 when the file
--     has them) must name exactly one building of the map.  楼栋 is
--     compared as a key (building_key(), docs/address.md): the
--     compound's name in front and a last 栋, 幢, 号楼, 号 or 楼 are left
--     out, so 1栋, 1号楼 and 塔城路小区1号楼 are the same building.  Several buildings or none leave area_id NULL;
--     the address as written (小区 楼栋 单元 门牌号) is kept in
--     address_raw, matched or not, so nothing of the row is lost.
DROP TABLE IF EXISTS temp.import_buildings;

CREATE TABLE temp.import_buildings(
  id        INTEGER PRIMARY KEY,   -- areas.id of the building
  compound  TEXT,                  -- its compound's name
  building  TEXT,                  -- its name as a key (see above)
  community TEXT,
  street    TEXT
);

-- Down the tree from its roots (areas_parent), each area carrying the
-- names of its compound, community and street above it; at most 12
-- levels (a cycle in parent_id never reaches a root anyway).
INSERT INTO temp.import_buildings(id, compound, building, community, street)
WITH RECURSIVE down(id, level, name, compound, community, street, inside, depth) AS (
  SELECT id, level, name,
         CASE WHEN level = 'compound' THEN name END,
         CASE WHEN level = 'community' THEN name END,
         CASE WHEN level = 'street' THEN name END,
         :within IS NULL OR id = :within, 0
    FROM main.areas WHERE parent_id IS NULL
  UNION ALL
  SELECT a.id, a.level, a.name,
         CASE WHEN a.level = 'compound' THEN a.name ELSE d.compound END,
         CASE WHEN a.level = 'community' THEN a.name ELSE d.community END,
         CASE WHEN a.level = 'street' THEN a.name ELSE d.street END,
         d.inside OR a.id = :within, d.depth + 1
    FROM down AS d JOIN main.areas AS a ON a.parent_id = d.id
   WHERE d.depth < 12
)
SELECT id, compound, building_key(name, compound), community, street
  FROM down WHERE level = 'building' AND inside;

-- community and street in the index too: a row's lookup reads the index
-- alone, never the table (a quarter of the lookup's cost)
CREATE INDEX temp.import_buildings_key ON import_buildings(compound, building, community, street);

-- One row and no FROM: SQLite never flattens such a subquery into the
-- SELECT that reads it, so each value below is computed once a row,
-- however often the SELECT at the end reads it (a CTE with a FROM would
-- be flattened and every use would compute its expression again).
WITH v AS (
  SELECT :name AS name,
         :sex AS sex,
         :ethnic AS ethnic,
         :id_number AS id,
         :phone AS phone,
         :street AS street,
         :community AS community,
         :compound AS compound,
         :building AS building,
         :unit AS unit,
         :room AS room,
         :registration AS registration,
         :low_income AS low_income,
         :note AS note,
         :birth_date AS birth,
         :area_id AS area_id,
         :household_id AS household_id,
         idcard_normalize(:id_number) AS id_n,
         replace(replace(:id_number, ' ', ''), '　', '') AS id_c,
         ethnic_code(:ethnic) AS ethnic_n,
         phone_normalize(:phone) AS phone_n,
         -- CASE x WHEN, not x IN (…): an IN list builds a table at each run
         CASE :sex WHEN '男' THEN 'M' WHEN '男性' THEN 'M' WHEN 'M' THEN 'M' WHEN 'm' THEN 'M'
                   WHEN '女' THEN 'F' WHEN '女性' THEN 'F' WHEN 'F' THEN 'F' WHEN 'f' THEN 'F' END AS sex_n,
         CASE WHEN :registration IS NULL THEN 'registered'
              ELSE CASE :registration WHEN '户籍' THEN 'registered' WHEN '户籍人口' THEN 'registered'
                     WHEN '常住' THEN 'registered' WHEN 'registered' THEN 'registered'
                     WHEN '流动' THEN 'floating' WHEN '流动人口' THEN 'floating'
                     WHEN '暂住' THEN 'floating' WHEN 'floating' THEN 'floating' END END AS registration_n,
         CASE WHEN :low_income IS NULL THEN 0
              ELSE CASE :low_income WHEN '是' THEN 1 WHEN '1' THEN 1 WHEN 'Y' THEN 1 WHEN 'y' THEN 1 WHEN 'yes' THEN 1
                     WHEN '否' THEN 0 WHEN '0' THEN 0 WHEN 'N' THEN 0 WHEN 'n' THEN 0 WHEN 'no' THEN 0 END END AS low_income_n,
         replace(replace(:birth_date, '/', '-'), '.', '-') AS birth_n,
         date(replace(replace(:birth_date, '/', '-'), '.', '-'), '+0 days') AS birth_d,
         -- 楼栋 as a key, the way temp.import_buildings holds it
         building_key(:building, :compound) AS building_k,
         -- the one building of the map the row's address names, or NULL
         -- (none, or several: _building below tells which)
         (SELECT CASE WHEN count(*) = 1 THEN min(ib.id) END FROM temp.import_buildings AS ib
           WHERE ib.compound = :compound AND ib.building = building_key(:building, :compound)
             AND (:community IS NULL OR ib.community = :community)
             AND (:street IS NULL OR ib.street = :street)) AS b_id
)
SELECT
  CASE
    -- a valid number (id_n) has digits and X alone: the GLOBs only for the rest
    WHEN id IS NOT NULL AND id_n IS NULL AND (id GLOB '*[Ee][+-]*' OR id GLOB '*[0-9].[0-9]*')
      THEN 'id_scientific: ' || id || ' is a number a spreadsheet rounded: the ID''s digits are lost (export the column as text)'
    WHEN id IS NOT NULL AND id_n IS NULL AND length(id_c) <> 15 AND length(id_c) <> 18
      THEN 'id_length: ' || id || ' has ' || length(id_c) || ' characters, an ID number has 18 (15 before 1999)'
    WHEN id IS NOT NULL AND id_n IS NULL AND length(id_c) = 18
         AND idcard_normalize(substr(id_c, 1, 17) || idcard_check_char(substr(id_c, 1, 17))) IS NOT NULL
      THEN 'id_check: ' || id || ' has check character ' || substr(id_c, 18)
           || ', the first 17 characters give ' || idcard_check_char(substr(id_c, 1, 17))
    WHEN id IS NOT NULL AND id_n IS NULL
      THEN 'id_invalid: ' || id || ' has no valid region code or birth date'
    WHEN ethnic IS NOT NULL AND ethnic_n IS NULL
      THEN 'ethnic_unknown: ' || ethnic || ' is no ethnic group of GB/T 3304'
    WHEN sex IS NOT NULL AND sex_n IS NULL
      THEN 'sex: ' || sex || ' is neither 男 nor 女'
    WHEN registration_n IS NULL
      THEN 'registration: ' || registration || ' is neither 户籍 nor 流动'
    WHEN low_income_n IS NULL
      THEN 'low_income: ' || low_income || ' is neither 是 nor 否'
    WHEN birth IS NOT NULL AND birth_d IS NOT birth_n
      THEN 'date: birth date ' || birth || ' is not a date YYYY-MM-DD'
  END AS _reject,
  -- the list is built only for the few rows that have something in it
  CASE WHEN (phone_n IS NOT NULL AND phone_n IS NOT phone)
            OR (ethnic_n IS NOT NULL AND ethnic IS NOT ethnic_n AND ethnic IS NOT ethnic_name(ethnic_n))
            OR length(CAST(id AS BLOB)) > length(id)
            OR (id_n IS NOT NULL AND length(id_c) = 15)
            OR (birth IS NOT NULL AND birth_n IS NOT birth)
  THEN rtrim(CASE WHEN phone_n IS NOT NULL AND phone_n IS NOT phone THEN 'phone_format,' ELSE '' END
        || CASE WHEN ethnic_n IS NOT NULL AND ethnic IS NOT ethnic_n AND ethnic IS NOT ethnic_name(ethnic_n) THEN 'ethnic_variant,' ELSE '' END
        -- only a text with a byte past ASCII can hold a full-width digit
        || CASE WHEN length(CAST(id AS BLOB)) > length(id) AND id GLOB '*[０-９Ｘｘ]*' THEN 'id_fullwidth,' ELSE '' END
        || CASE WHEN id_n IS NOT NULL AND length(id_c) = 15 THEN 'id_15_to_18,' ELSE '' END
        || CASE WHEN birth IS NOT NULL AND birth_n IS NOT birth AND birth_d IS birth_n THEN 'date_format,' ELSE '' END,
        ',') END AS _normalised,
  CASE WHEN area_id IS NOT NULL THEN 'given'
       WHEN compound IS NULL AND building IS NULL THEN 'none'
       WHEN b_id IS NOT NULL THEN 'matched'
       -- the rare rows: how many buildings, in how many places
       ELSE (SELECT CASE WHEN count(*) = 0
                         THEN 'not_found: ' || trim(coalesce(v.street, '') || ' ' || coalesce(v.community, '') || ' '
                                                    || coalesce(v.compound, '') || ' ' || coalesce(v.building, ''))
                         ELSE 'ambiguous: ' || trim(coalesce(v.compound, '') || ' ' || coalesce(v.building, ''))
                              || CASE WHEN count(DISTINCT coalesce(ib.street, '') || '/' || coalesce(ib.community, '')) > 1
                                      THEN ' in ' || count(DISTINCT coalesce(ib.street, '') || '/' || coalesce(ib.community, ''))
                                           || ' communities'
                                      ELSE ' (' || count(*) || ' buildings)' END END
               FROM temp.import_buildings AS ib
              WHERE ib.compound = v.compound AND ib.building = v.building_k
                AND (v.community IS NULL OR ib.community = v.community)
                AND (v.street IS NULL OR ib.street = v.street))
  END AS _building,
  name,
  sex_n AS sex,
  coalesce(birth_n, idcard_birth(id_n)) AS birth_date,
  ethnic_n AS ethnic_code,
  id_n AS id_number,
  coalesce(phone_n, phone) AS phone,
  coalesce(area_id, b_id) AS area_id,
  household_id,
  registration_n AS registration,
  low_income_n AS low_income,
  note,
  -- printf's %s reads NULL as ''
  nullif(trim(printf('%s %s %s %s', compound, building, unit, room)), '') AS address_raw
FROM v;
