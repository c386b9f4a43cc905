#!/bin/sh
# muling report: every report in sql/reports in every format on the sample
# database (exit 0, output of the format's shape, -o FILE equals stdout),
# parameters, masking, and the usage errors.  cli_html.sh parses the
# output with python3.
. tests/lib.sh

DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || fail init "muling init --sample failed"
n=0
for f in sql/reports/*.sql; do
  [ -f "$f" ] || continue
  name=$(basename "$f" .sql)
  for fmt in table csv json md html; do
    $MULING report "$DB" "$name" --format "$fmt" > "$TMP/$name.$fmt" 2> "$TMP/err"; rc=$?
    check "$name-$fmt-exit" "$rc $(head -c 200 "$TMP/err")" "0 "
    case $fmt in
      table) check "$name-table-title" "$(head -n 1 "$TMP/$name.$fmt")" \
               "$(sed -n 's/^-- title: *//p' "$f" | head -n 1)" ;;
      csv) check "$name-csv-crlf" "$(grep -c "$(printf '\r')\$" "$TMP/$name.$fmt" | sed 's/^[1-9][0-9]*$/some/')" some ;;
      json) check "$name-json-shape" "$(head -c 1 "$TMP/$name.$fmt")$(tail -n 1 "$TMP/$name.$fmt")" "[]" ;;
      md) check "$name-md-heading" "$(head -n 1 "$TMP/$name.$fmt" | cut -c 1-2)" "# " ;;
      html) check "$name-html-end" "$(tail -n 1 "$TMP/$name.$fmt")" "</html>" ;;
    esac
  done
  $MULING report "$DB" "$name" --format md -o "$TMP/$name.o.md" > /dev/null
  check_file "$name-output-file" "$TMP/$name.o.md" "$TMP/$name.md"
  n=$((n + 1))
done
[ $n -gt 0 ] || fail reports "no report in sql/reports"

# The profile's figures are the sample's (seed 000).
if [ -f sql/reports/profile.sql ]; then
  check profile-population "$(grep -c '总人口  *5859  人' "$TMP/profile.table")" 1
  check profile-csv-han "$(grep -c '汉族,2590' "$TMP/profile.csv")" 1
  check profile-json-han "$(grep -c '"name": "汉族", "n": 2590' "$TMP/profile.json")" 1
  check profile-md-han "$(grep -c '| 汉族 | 2590 |' "$TMP/profile.md")" 1
  check profile-masked "$(grep -c '个人信息已脱敏' "$TMP/profile.html")" 1
  $MULING report "$DB" profile --format html --unmasked > "$TMP/unmasked.html"
  check profile-unmasked-footer "$(grep -c 'class="unmasked".*--unmasked' "$TMP/unmasked.html")" 1
  check profile-param "$($MULING report "$DB" profile --param area=塔城路社区 --format csv | grep -c '总人口,5859')" 1
  check profile-param-id "$($MULING report "$DB" profile --param area=4 --format csv | grep -c '总人口,5859')" 1
fi

# Usage errors: exit 2 and a message naming the problem.
name=$(ls sql/reports/*.sql 2> /dev/null | head -n 1 | xargs -n 1 basename 2> /dev/null | sed 's/\.sql$//')
$MULING report "$DB" nosuch > /dev/null 2> "$TMP/err"; rc=$?
check unknown-report "$rc $(head -n 1 "$TMP/err" | cut -c 1-36)" "2 muling: no report 'nosuch' (compiled"
$MULING report "$DB" "$name" --format xml > /dev/null 2>&1
check unknown-format "$?" 2
$MULING report "$DB" "$name" --param nosuch=1 > /dev/null 2> "$TMP/err"; rc=$?
check unknown-param "$rc $(head -n 1 "$TMP/err" | sed 's/ (its parameters.*//')" "2 muling: report $name has no parameter 'nosuch'"
$MULING report "$DB" "$name" --param unmasked=1 > /dev/null 2>&1
check param-unmasked-refused "$?" 2
$MULING report "$DB" "$name" --param novalue > /dev/null 2>&1
check param-form "$?" 2
$MULING report "$DB" "$name" --bogus > /dev/null 2>&1
check unknown-option "$?" 2
$MULING report "$DB" > /dev/null 2>&1
check missing-name "$?" 2
$MULING report "$TMP/none.db" "$name" > /dev/null 2>&1
check missing-db "$?" 3
$MULING report "$DB" "$name" -o "$TMP/no/such/dir.html" > /dev/null 2>&1
check unwritable-output "$?" 3
