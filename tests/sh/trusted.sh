#!/bin/sh
# needs: shell
# Views in a database file that use every INNOCUOUS function answer under
# PRAGMA trusted_schema=OFF (tests/trusted/*.sql: one view per line, with
# columns got and want), and every INNOCUOUS function of the registry is used
# by at least one of them.
. tests/lib.sh
DB=$TMP/trusted.db
cat tests/trusted/*.sql > "$TMP/views.sql"
$SQLITE3 "$DB" ".load ${EXT%.so}" ".read $TMP/views.sql" || fail create-views "could not create the views"
for v in $($SQLITE3 "$DB" "select name from sqlite_schema where type = 'view' order by name"); do
  got=$($SQLITE3 "$DB" ".load ${EXT%.so}" "pragma trusted_schema=off;" "select count(*), sum(got is want) from $v;" 2>&1)
  n=${got%|*}; good=${got#*|}
  if [ "$n" -gt 0 ] 2>/dev/null && [ "$n" = "$good" ]; then ok "$v"; else fail "$v" "$got"; fi
done
for f in $(grep '0x200800$' tests/registry/*.txt | cut -d: -f2 | cut -d'|' -f1 | sort -u); do
  if grep -qiE "(^|[^a-z_])$f\(" "$TMP/views.sql"; then ok "covers-$f"; else fail "covers-$f" "no view in tests/trusted uses $f"; fi
done
