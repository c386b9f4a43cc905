#!/bin/sh
# needs: shell
# csvfile in the real sqlite3 shell: a csvfile table stored in a database file
# can be read directly, but a view or trigger of that file cannot reach it
# (DIRECTONLY), whatever trusted_schema says.  And a .csv.gz made here by the
# gzip tool, also as two concatenated members, reads like the plain file.
. tests/lib.sh
SO=${EXT%.so}
DB=$TMP/hostile.db
DATA=$ROOT/tests/data/csv_small.csv
$SQLITE3 "$DB" ".load $SO" \
  "create virtual table t using csvfile(filename='$DATA');" \
  "create view v as select * from t;" \
  "create table log(x);" \
  "create trigger tr after insert on log when new.x = 1 begin insert into log select id from t; end;" \
  || fail setup "could not create the database"
check direct "$($SQLITE3 "$DB" ".load $SO" "select count(*) from t;" 2>&1)" "3"
for trust in on off; do
  got=$($SQLITE3 "$DB" ".load $SO" "pragma trusted_schema=$trust;" "select count(*) from v;" 2>&1)
  case $got in
    *'unsafe use of virtual table "t"'*) ok "view-blocked-trusted-$trust" ;;
    *) fail "view-blocked-trusted-$trust" "got [$got]" ;;
  esac
  got=$($SQLITE3 "$DB" ".load $SO" "pragma trusted_schema=$trust;" "insert into log values (1);" "select count(*) from log;" 2>&1)
  case $got in
    *'unsafe use of virtual table "t"'*) ok "trigger-blocked-trusted-$trust" ;;
    *) fail "trigger-blocked-trusted-$trust" "got [$got]" ;;
  esac
done

FX=tests/data/street_export_gb18030.csv
gzip -c "$FX" > "$TMP/street.csv.gz"
head -n 300 "$FX" | gzip -1 > "$TMP/street2.csv.gz"
tail -n +301 "$FX" | gzip -9 >> "$TMP/street2.csv.gz"
SUM="select count(*), count(_error), sum(crc32(_raw)), max(_line) from s;"
want=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$FX', encoding=gb18030, on_error=row);" "$SUM")
check plain-sum "$want" "600|7|$(printf '%s' "$want" | cut -d'|' -f3)|639"
for f in street.csv.gz street2.csv.gz; do
  got=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$TMP/$f', encoding=gb18030, on_error=row);" "$SUM")
  check "gzip-tool-$f" "$got" "$want"
done

# a row longer than SQLITE_LIMIT_LENGTH (an unclosed quote would make one)
# stops with the line: it is not buffered without end
{ printf 'a,b\n1,2\n3,"'; i=0; while [ $i -lt 30 ]; do printf 'ten bytes\n'; i=$((i+1)); done; } > "$TMP/long.csv"
got=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$TMP/long.csv');" \
  ".limit length 200" "select count(*) from s;" 2>&1 | grep -v '^ *length')
check row-length-limit "$got" "Error: stepping, csvfile: line 3: row longer than the length limit of 200 bytes"
