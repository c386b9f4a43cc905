-- import_residents.sql — how `muling import DB residents FILE` reads a row.
--
-- The street office's export has Chinese headers; the map line below sends
-- each to a parameter of the statement (序号 is dropped).  English headers
-- named like the parameters work too, and --map overrides any of it.
-- map: 序号=-, 姓名=name, 性别=sex, 民族=ethnic, 身份证号码=id_number, 身份证号=id_number, 联系电话=phone, 电话=phone, 所属小区=compound, 小区=compound, 楼栋=building, 单元=unit, 门牌号=room, 户籍性质=registration, 是否低保=low_income, 备注=note, 出生日期=birth_date, ethnic_code=ethnic
--
-- The statement runs once per CSV row with the row's values bound (a
-- parameter with no column is NULL) and returns one row:
--   _reject      NULL, or why the row cannot load, starting with a stable
--                key: id_scientific, id_length, id_check, id_invalid,
--                ethnic_unknown, sex, registration, low_income, date
--   _normalised  what was normalised, comma-separated: phone_format,
--                ethnic_variant, id_fullwidth, id_15_to_18, date_format
--   the rest     the residents columns to insert
-- A constraint the table enforces becomes a 'constraint: …' reject in the
-- command.  Values are trimmed; an empty field is NULL.
--
-- Choices:
--   * an ID number a spreadsheet turned into 6.50106E+17 has lost its
--     digits: rejected, never guessed;
--   * a wrong check character is rejected with the character it should be
--     (idcard_check_char of the first 17);
--   * a 15-digit number is upgraded to 18 (idcard_normalize);
--   * 民族 goes through ethnic_code(): 汉, 漢族, Han, 哈族, Kazak … load as
--     their code; a spelling it does not know is rejected, spelling shown;
--   * a mobile number goes through phone_normalize(); anything else (a
--     landline) is kept as written;
--   * birth_date, when the file has none, comes from the ID number; a date
--     must be a real day: date(x, '+0 days') IS x (plain date(x) lets
--     '2023-02-30' through in SQLite 3.40);
--   * 所属小区 + 楼栋 find the building in areas (named '1号楼' or
--     '塔城路小区1号楼' under the compound); the address as written
--     (小区 楼栋 单元 门牌号) is kept in address_raw, matched or not, so
--     nothing of the row is lost.
WITH raw AS (
  SELECT nullif(trim(:name), '') AS name,
         nullif(trim(:sex), '') AS sex,
         nullif(trim(:ethnic), '') AS ethnic,
         nullif(trim(:id_number), '') AS id,
         nullif(trim(:phone), '') AS phone,
         nullif(trim(:compound), '') AS compound,
         nullif(trim(:building), '') AS building,
         nullif(trim(:unit), '') AS unit,
         nullif(trim(:room), '') AS room,
         nullif(trim(:registration), '') AS registration,
         nullif(trim(:low_income), '') AS low_income,
         nullif(trim(:note), '') AS note,
         nullif(trim(:birth_date), '') AS birth,
         nullif(trim(:area_id), '') AS area_id,
         nullif(trim(:household_id), '') AS household_id
), v AS (
  SELECT raw.*,
         idcard_normalize(id) AS id_n,
         length(replace(replace(id, ' ', ''), '　', '')) AS id_len,
         substr(replace(replace(id, ' ', ''), '　', ''), 1, 17) AS id_17,
         ethnic_code(ethnic) AS ethnic_n,
         phone_normalize(phone) AS phone_n,
         CASE WHEN sex IN ('男', '男性', 'M', 'm') THEN 'M'
              WHEN sex IN ('女', '女性', 'F', 'f') THEN 'F' END AS sex_n,
         CASE WHEN registration IS NULL THEN 'registered'
              WHEN registration IN ('户籍', '户籍人口', '常住', 'registered') THEN 'registered'
              WHEN registration IN ('流动', '流动人口', '暂住', 'floating') THEN 'floating' END AS registration_n,
         CASE WHEN low_income IS NULL THEN 0
              WHEN low_income IN ('是', '1', 'Y', 'y', 'yes') THEN 1
              WHEN low_income IN ('否', '0', 'N', 'n', 'no') THEN 0 END AS low_income_n,
         replace(replace(birth, '/', '-'), '.', '-') AS birth_n,
         coalesce(area_id,
                  (SELECT CASE WHEN count(*) = 1 THEN min(b.id) END
                   FROM areas AS c JOIN areas AS b ON b.parent_id = c.id
                   WHERE c.level = 'compound' AND c.name = raw.compound
                     AND b.level = 'building'
                     AND (b.name = raw.building OR b.name = raw.compound || raw.building))) AS area_n
  FROM raw
)
SELECT
  CASE
    WHEN id IS NOT NULL AND (id GLOB '*[Ee][+-]*' OR id GLOB '*[0-9].[0-9]*')
      THEN 'id_scientific: ' || id || ' is a number a spreadsheet rounded: the ID''s digits are lost (export the column as text)'
    WHEN id IS NOT NULL AND id_n IS NULL AND id_len NOT IN (15, 18)
      THEN 'id_length: ' || id || ' has ' || id_len || ' characters, an ID number has 18 (15 before 1999)'
    WHEN id IS NOT NULL AND id_n IS NULL AND id_len = 18
         AND idcard_normalize(id_17 || idcard_check_char(id_17)) IS NOT NULL
      THEN 'id_check: ' || id || ' has check character ' || substr(replace(replace(id, ' ', ''), '　', ''), 18)
           || ', the first 17 characters give ' || idcard_check_char(id_17)
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
    WHEN birth IS NOT NULL AND date(birth_n, '+0 days') IS NOT birth_n
      THEN 'date: birth date ' || birth || ' is not a date YYYY-MM-DD'
  END AS _reject,
  rtrim(CASE WHEN phone_n IS NOT NULL AND phone_n IS NOT phone THEN 'phone_format,' ELSE '' END
        || CASE WHEN ethnic_n IS NOT NULL AND ethnic IS NOT ethnic_name(ethnic_n) THEN 'ethnic_variant,' ELSE '' END
        || CASE WHEN id GLOB '*[０-９Ｘｘ]*' THEN 'id_fullwidth,' ELSE '' END
        || CASE WHEN id_n IS NOT NULL AND id_len = 15 THEN 'id_15_to_18,' ELSE '' END
        || CASE WHEN birth IS NOT NULL AND birth_n IS NOT birth AND date(birth_n, '+0 days') IS birth_n THEN 'date_format,' ELSE '' END,
        ',') AS _normalised,
  name,
  sex_n AS sex,
  coalesce(birth_n, idcard_birth(id_n)) AS birth_date,
  ethnic_n AS ethnic_code,
  id_n AS id_number,
  coalesce(phone_n, phone) AS phone,
  area_n AS area_id,
  household_id,
  registration_n AS registration,
  low_income_n AS low_income,
  note,
  nullif(trim(coalesce(compound, '') || ' ' || coalesce(building, '') || ' '
              || coalesce(unit, '') || ' ' || coalesce(room, '')), '') AS address_raw
FROM v;
