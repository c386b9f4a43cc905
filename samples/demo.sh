#!/bin/sh
# samples/demo.sh — run by `make demo`: build build/demo.db from the schema
# and the 塔城路 sample with the plain sqlite3 shell, then print the profile
# paragraph of seed 000 and a few headline tables, computed from the records.
set -eu
cd "$(dirname "$0")/.."
SQLITE3=${SQLITE3:-sqlite3}
DB=build/demo.db
EXT=./build/muling
mkdir -p build
rm -f "$DB" "$DB-journal"
cat sql/schema.sql samples/tachenglu/*.sql | "$SQLITE3" -bail "$DB"
echo "built $DB: $("$SQLITE3" "$DB" "select count(*) from residents_current") residents, \
$("$SQLITE3" "$DB" "select count(*) from score_events") points events, \
$("$SQLITE3" "$DB" "select count(*) from attendance") attendance rows"

# One section of a report: the statements after its `-- section:` line.
section() { # REPORT TITLE-PREFIX
  awk -v want="$2" '
    /^-- section:/ { on = index($0, want) > 0; next }
    on { print }' "sql/reports/$1.sql"
}
run() { # REPORT SECTION
  { printf '.load %s\n.headers on\n.mode column\n' "$EXT"; section "$1" "$2"; } | "$SQLITE3" "$DB"
}

echo
echo "== 概况段落 (sql/reports/profile.sql) =="
{ printf '.load %s\n.headers off\n.mode list\n' "$EXT"; section profile '概况段落'; section profile '睦邻点段落'; } \
  | "$SQLITE3" "$DB"
echo
echo "== 民族构成 =="
run profile '民族构成'
echo
echo "== 睦邻点 =="
run profile '睦邻点 Neighbourhood'
for r in activities council hardship volunteers org_structure; do
  [ -f "sql/reports/$r.sql" ] || continue
  t=$(sed -n 's/^-- section: //p' "sql/reports/$r.sql" | head -n 1)
  echo
  echo "== $t (sql/reports/$r.sql) =="
  run "$r" "$t"
done
