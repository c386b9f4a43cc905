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

-- section: 居民 Residents
WITH RECURSIVE
  scope(id) AS (
    SELECT id FROM areas
     WHERE :area IS NULL OR id = :area OR name = :area
    UNION
    SELECT a.id FROM areas a JOIN scope ON a.parent_id = scope.id
  ),
  up(building, id, level, name) AS (
    SELECT b.id, b.id, b.level, b.name FROM areas b WHERE b.level = 'building'
    UNION ALL
    SELECT up.building, p.id, p.level, p.name
      FROM up JOIN areas c ON c.id = up.id JOIN areas p ON p.id = c.parent_id
  ),
  place AS (
    SELECT building,
           max(CASE WHEN level = 'street' THEN name END) AS street,
           max(CASE WHEN level = 'community' THEN name END) AS community,
           max(CASE WHEN level = 'compound' THEN name END) AS compound,
           max(CASE WHEN level = 'building' THEN name END) AS bname
      FROM up GROUP BY building
  ),
  door AS (
    SELECT id AS household_id,
           CASE WHEN door_no GLOB '*-*-*' THEN substr(rest, 1, instr(rest, '-') - 1)
                WHEN door_no GLOB '*-*' THEN substr(door_no, 1, instr(door_no, '-') - 1) END AS unit,
           CASE WHEN door_no GLOB '*-*-*' THEN substr(rest, instr(rest, '-') + 1)
                WHEN door_no GLOB '*-*' THEN rest ELSE door_no END AS room
      FROM (SELECT id, door_no, substr(door_no, instr(door_no, '-') + 1) AS rest FROM households)
  )
SELECT row_number() OVER (ORDER BY r.id) AS 序号,
       CASE WHEN :unmasked = 1 THEN r.name ELSE name_mask(r.name) END AS 姓名, r.id AS _姓名,
       CASE r.sex WHEN 'M' THEN '男' WHEN 'F' THEN '女' END AS 性别,
       coalesce(ethnic_name(r.ethnic_code), r.ethnic_raw) AS 民族,
       CASE WHEN :unmasked = 1 THEN r.id_number ELSE idcard_mask(r.id_number) END AS 身份证号码,
       CASE WHEN :unmasked = 1 THEN r.phone ELSE phone_mask(r.phone) END AS 联系电话,
       p.street AS 所属街道,
       p.community AS 所属社区,
       coalesce(p.compound, CASE WHEN r.area_id IS NULL THEN r.address_raw END) AS 所属小区,
       p.bname AS 楼栋,
       d.unit AS 单元,
       d.room AS 门牌号,
       CASE r.registration WHEN 'floating' THEN '流动' ELSE '户籍' END AS 户籍性质,
       CASE r.low_income WHEN 1 THEN '是' ELSE '否' END AS 是否低保,
       r.note AS 备注
  FROM residents_current r
  LEFT JOIN place p ON p.building = r.area_id
  LEFT JOIN door d ON d.household_id = r.household_id
 WHERE :area IS NULL OR r.area_id IN (SELECT id FROM scope)
 ORDER BY r.id;
