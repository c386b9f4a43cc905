-- match_residents.sql — how `muling import DB residents FILE` recognises the
-- residents the database already has, so that a street office's fresh
-- export (every month) updates them instead of adding them twice.
--
-- carries: name=name, sex=sex, birth_date=birth_date, ethnic_code=ethnic, id_number=id_number, phone=phone, area_id=area_id compound building, household_id=household_id, registration=registration, low_income=low_income, note=note, address_raw=compound building unit room
--
-- The statements below are found by their statement comment and prepared
-- once; their :parameters named like a result column of
-- sql/import_residents.sql receive that row's value (the row as it would
-- be inserted), :resident_id the matched resident, :line the row's line,
-- :within the area of --within (NULL without).  The `carries:` line above
-- says which parameters of the transform feed each column: for `update`,
-- a column is bound only when the file has a column for one of them (else
-- NULL), so a column the export does not carry -- or a value the
-- transform only derived or defaulted, like the birth date read from the
-- ID number or registration 'registered' -- never replaces a stored one.
--
-- Rules (docs/cli.md, "Re-imports"):
--   * a row with an ID number is the current resident (neither moved out
--     nor dead) with that number (after the transform's normalisation:
--     15 → 18 digits, full-width digits, x → X); two current residents
--     with it are a reject ('match: …'), never a guess;
--   * a row without one -- or with one no current resident has -- is the
--     one current resident with its name, its birth date and its building
--     (area_id; when the building was not found in either, the address as
--     written), when exactly one has them; a stored resident with another
--     ID number is never this row.  Name alone never matches: a row with
--     neither birth date nor address is always new;
--   * a row whose ID number only former residents have (moved out, died)
--     is a new resident -- a new stay, the old row keeps its dates -- with
--     a warning 'former_resident';
--   * nothing is deleted, and moved_in, moved_out and died_on are never
--     touched: a building change updates area_id in place (the schema
--     keeps no history of buildings; the move's date is not in an export).

-- statement: seen
-- The residents this import has met, with the line that met them: a
-- second row meeting one is a duplicate of the export, and the current
-- residents not met are "not in this export".  Into an empty table
-- (cli/reimport.c's fast path) the command keeps them in memory instead,
-- and writes them here if the fast path ends.
CREATE TEMP TABLE IF NOT EXISTS import_seen(
  resident_id INTEGER PRIMARY KEY,
  line        INTEGER NOT NULL
);

-- statement: match
-- Candidates: how 'id_number' (a current resident with the row's ID
-- number), 'former' (a former one, with when it left) or 'person' (name,
-- birth date and building).  The command takes the id_number rows when
-- there are any, else the person rows; one is a match, none is new,
-- several a reject.
SELECT id AS resident_id,
       CASE WHEN moved_out IS NULL AND died_on IS NULL THEN 'id_number' ELSE 'former' END AS how,
       CASE WHEN died_on IS NOT NULL THEN 'died on ' || died_on
            WHEN moved_out IS NOT NULL THEN 'moved out on ' || moved_out END AS left_on
  FROM main.residents
 WHERE id_number = :id_number
UNION ALL
SELECT id, 'person', NULL
  FROM main.residents
 WHERE name = :name AND birth_date IS :birth_date
   AND coalesce(:birth_date, :area_id, :address_raw) IS NOT NULL
   AND (area_id = :area_id OR (:area_id IS NULL AND area_id IS NULL AND address_raw = :address_raw))
   AND (:id_number IS NULL OR id_number IS NULL)
   AND moved_out IS NULL AND died_on IS NULL
LIMIT 8;

-- statement: update
-- What the export carries replaces what is stored; a NULL keeps it.  Only
-- a row that differs is written (sqlite3_changes() 1: updated, 0:
-- unchanged).  The address as written counts only for a resident with no
-- building: where the building is found and is the one stored, another
-- spelling of it (or one the database never had, as for residents entered
-- by hand and exported with street_export) changes nothing.
UPDATE main.residents SET
  name = coalesce(:name, name),
  sex = coalesce(:sex, sex),
  birth_date = coalesce(:birth_date, birth_date),
  ethnic_code = coalesce(:ethnic_code, ethnic_code),
  id_number = coalesce(:id_number, id_number),
  phone = coalesce(:phone, phone),
  area_id = coalesce(:area_id, area_id),
  household_id = coalesce(:household_id, household_id),
  registration = coalesce(:registration, registration),
  low_income = coalesce(:low_income, low_income),
  note = coalesce(:note, note),
  address_raw = coalesce(:address_raw, address_raw)
WHERE id = :resident_id
  AND (name, sex, birth_date, ethnic_code, id_number, phone, area_id, household_id,
       registration, low_income, note,
       CASE WHEN coalesce(:area_id, area_id) IS NULL THEN address_raw END)
      IS NOT (coalesce(:name, name), coalesce(:sex, sex), coalesce(:birth_date, birth_date),
              coalesce(:ethnic_code, ethnic_code), coalesce(:id_number, id_number),
              coalesce(:phone, phone), coalesce(:area_id, area_id),
              coalesce(:household_id, household_id), coalesce(:registration, registration),
              coalesce(:low_income, low_income), coalesce(:note, note),
              CASE WHEN coalesce(:area_id, area_id) IS NULL THEN coalesce(:address_raw, address_raw) END);

-- statement: warn
-- A row that loads although its sex or birth date is not the one its ID
-- number says (the file's value is the one stored: the register's is the
-- one a person corrected).  The detail never shows the birth digits.
SELECT 'sex' AS kind, 'sex differs from the ID number' AS detail
 WHERE :sex IS NOT NULL AND idcard_sex(:id_number) <> :sex
UNION ALL
SELECT 'birth_date', 'birth date differs by ' || n || CASE n WHEN 1 THEN ' day' ELSE ' days' END
                     || ' from the ID number'
  FROM (SELECT CAST(abs(julianday(:birth_date) - julianday(idcard_birth(:id_number))) AS INTEGER) AS n)
 WHERE :birth_date IS NOT NULL AND idcard_birth(:id_number) <> :birth_date;

-- statement: seen_line
SELECT line FROM temp.import_seen WHERE resident_id = :resident_id;

-- statement: seen_add
INSERT INTO temp.import_seen(resident_id, line) VALUES (:resident_id, :line);

-- statement: missing
-- The current residents in the import's scope (the buildings under
-- --within, else the whole database) that no row met: listed, never
-- removed.  The first ten by id, names masked, and how many in all.
SELECT r.id AS resident_id, name_mask(r.name) AS name, count(*) OVER () AS n
  FROM main.residents AS r
 WHERE r.moved_out IS NULL AND r.died_on IS NULL
   AND r.id NOT IN (SELECT resident_id FROM temp.import_seen)
   AND (:within IS NULL
        OR r.area_id IN (WITH RECURSIVE sub(id, depth) AS (
                           SELECT :within, 0
                           UNION SELECT a.id, sub.depth + 1 FROM main.areas AS a JOIN sub ON a.parent_id = sub.id
                            WHERE sub.depth < 12)
                         SELECT id FROM sub))
 ORDER BY r.id
 LIMIT 10;
