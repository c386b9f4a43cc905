#!/bin/sh
# muling import, field by field: an empty field is NULL (not '') in a plain
# import of every table with nullable columns, and in the residents
# transform a birth date in the file (出生日期) wins over the ID's.
. tests/lib.sh

sql() { printf '%s\n' "$1" | "$SQLITE3" -batch "$2" 2>&1; }

# ---- empty fields become NULL: every table with a nullable column -----------
# For each table (residents has its own transform, tested below), the
# sample's row with the most NULLs is written out as CSV with every nullable
# column empty, deleted, and imported back: it must load, with those columns
# NULL, not ''.  In the tables whose CHECKs tie nullable columns together
# (TIED: e.g. a household or a resident must be named) only the columns NULL
# in that row are emptied.  A row that cannot be deleted (the append-only
# score_events) comes back under a new integer key instead.  Tables the
# sample leaves empty are not tried.  Results are read with the plain
# sqlite3 shell, so the script also runs in asan mode.
TIED=' council_issues hardship_cases home_visits honours '
SAMPLE=$TMP/sample.db
$MULING init "$SAMPLE" --sample tachenglu > /dev/null || { fail init "muling init --sample failed"; exit 0; }
tables=$(sql "select name from sqlite_schema where type = 'table' and name not like 'sqlite_%'
              and name not in ('residents', 'import_rejects') order by name;" "$SAMPLE")
ntables=0
for t in $tables; do
  nnull=$(sql "select group_concat('(\"' || name || '\" is null)', ' + ') from pragma_table_xinfo('$t')
               where \"notnull\" = 0 and pk = 0 and hidden = 0;" "$SAMPLE")
  [ -n "$nnull" ] || continue
  # a table the sample leaves empty has no row to send back (counted below)
  [ "$(sql "select count(*) > 0 from \"$t\";" "$SAMPLE")" = 1 ] || continue
  ntables=$((ntables + 1))
  W=$TMP/w.db
  cp "$SAMPLE" "$W"
  pk=$(sql "select coalesce(group_concat('\"' || name || '\"', ', '), 'rowid') from
            (select name from pragma_table_xinfo('$t') where pk > 0 order by pk);" "$W")
  ipk=$(sql "select name from pragma_table_xinfo('$t') where pk = 1 and upper(type) = 'INTEGER'
             and (select count(*) from pragma_table_xinfo('$t') where pk > 0) = 1;" "$W")
  row="($pk) in (select $pk from \"$t\" order by $nnull desc, $pk limit 1)"
  # the columns to empty: every nullable one, or in a TIED table those NULL in the row
  allnull=
  for c in $(sql "select name from pragma_table_xinfo('$t') where \"notnull\" = 0 and pk = 0 and hidden = 0;" "$W"); do
    case $TIED in
      *" $t "*) [ "$(sql "select \"$c\" is null from \"$t\" where $row;" "$W")" = 1 ] || continue ;;
    esac
    allnull="$allnull and \"$c\" is null"
  done
  if [ -z "$allnull" ]; then fail "empty-null-$t" "no row of the sample has a NULL to import"; continue; fi
  before=$(sql "select count(*) from \"$t\";" "$W")
  newkey=
  if sql "delete from \"$t\" where $row;" "$W" | grep -q .; then
    [ -n "$ipk" ] || { fail "empty-null-$t" "cannot delete the row and no integer key to renumber"; continue; }
    newkey=$(sql "select max(\"$ipk\") + 1 from \"$t\";" "$W")
  fi
  empty=$(printf '%s' "$allnull" | sed 's/ and "\([^"]*\)" is null/,\1/g')
  cols=$(sql "select group_concat(case when instr('$empty,', ',' || name || ',') then ''''''
                                       when name = '$ipk' and '$newkey' <> '' then '$newkey'
                                       else '\"' || name || '\"' end || ' as \"' || name || '\"', ', ')
              from pragma_table_xinfo('$t') where hidden = 0;" "$W")
  printf '.headers on\n.mode csv\nselect %s from "%s" where %s;\n' "$cols" "$t" "$row" \
    | "$SQLITE3" -batch "$SAMPLE" > "$TMP/$t.csv"
  nulls=$(sql "select count(*) from \"$t\" where 1 $allnull;" "$W")
  out=$($MULING import "$W" "$t" "$TMP/$t.csv" 2>&1)
  check "empty-null-$t-loaded" "$(printf '%s\n' "$out" | head -n 1)" "read 1, loaded 1, rejected 0"
  check "empty-null-$t" "$(sql "select (count(*) - $nulls) || ' ' || (select count(*) from \"$t\") from \"$t\" where 1 $allnull;" "$W")" \
    "1 $((before + ${newkey:+1}+0))"
done
# over thirty tables of the sample have rows and nullable columns: a broken
# query above would find none
check empty-null-tables "$([ "$ntables" -ge 30 ] && echo many || echo "$ntables")" many

# ---- residents: the file's birth date wins over the ID's --------------------
# sql/import_residents.sql: birth_date = coalesce(出生日期, idcard_birth(ID)).
# The ID gives 1990-01-01; the file says 1990-02-03 (and 1990/02/04, which
# is normalised): the file wins, with a warning.  With 出生日期 empty, the
# ID's date.
DB=$TMP/r.db
$MULING init "$DB" > /dev/null || fail init "muling init failed"
printf '姓名,性别,身份证号码,出生日期\n甲,男,650103199001010013,1990-02-03\n乙,男,65010319900101003X,1990/02/04\n丙,男,650103199001010056,\n丁,女,650102198512310025,1985-12-31\n' > "$TMP/birth.csv"
out=$($MULING import "$DB" residents "$TMP/birth.csv" 2>&1)
check birth-file-loaded "$(printf '%s\n' "$out" | head -n 1)" "read 4, loaded 4, rejected 0"
# loaded, with a warning each, the days not the digits
check birth-warned "$(printf '%s\n' "$out" | grep '^warned:')" "warned: 2 (birth_date 2)"
check birth-warning-rows "$(sql "select group_concat(line || ' ' || kind || ' ' || detail, '|') from import_warnings;" "$DB")" \
  "2 birth_date birth date differs by 33 days from the ID number|3 birth_date birth date differs by 34 days from the ID number"
check birth-file-wins "$(sql "select birth_date from residents where name = '甲';" "$DB")" "1990-02-03"
check birth-file-wins-normalised "$(sql "select birth_date from residents where name = '乙';" "$DB")" "1990-02-04"
check birth-from-id-when-empty "$(sql "select birth_date from residents where name = '丙';" "$DB")" "1990-01-01"
check birth-agreeing "$(sql "select birth_date from residents where name = '丁';" "$DB")" "1985-12-31"
# the disagreement is kept, not hidden: muling check lists both rows
check birth-mismatch-checked "$($MULING check "$DB" | grep -c '^FOUND id_birth_mismatch .*: 2$')" 1
