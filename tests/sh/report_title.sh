#!/bin/sh
# A report that goes out names the database by its file name, never the
# analyst's directories, and carries the heading --title gives.
. tests/lib.sh
$MULING init "$TMP/塔城路.db" --sample tachenglu > /dev/null 2>&1 || { fail init "muling init failed"; exit 0; }
DB=$TMP/塔城路.db
$MULING report "$DB" profile --format html --title "塔城路社区 2024 年概况" -o "$TMP/p.html"
check html-title "$(grep -c '<title>塔城路社区 2024 年概况</title>' "$TMP/p.html")" 1
check html-heading "$(grep -c '<h1>塔城路社区 2024 年概况</h1>' "$TMP/p.html")" 1
check html-base-name "$(grep -c '塔城路\.db' "$TMP/p.html" | awk '{print ($1 > 0)}')" 1
for fmt in table csv json md html; do
  $MULING report "$DB" profile --format $fmt > "$TMP/p.$fmt" 2>&1
  check "$fmt-no-directory" "$(grep -c "$TMP" "$TMP/p.$fmt")" 0
done
check table-title "$($MULING report "$DB" profile --title '概况 for the street office' | head -n 1)" "概况 for the street office"
check json-title "$($MULING report "$DB" profile --format json --title '概况' | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["title"])')" "概况"
check default-title "$($MULING report "$DB" profile | head -n 1)" "$(sed -n 's/^-- title: //p' sql/reports/profile.sql)"
$MULING report "$DB" profile --title > /dev/null 2>&1
check title-needs-text "$?" 2
