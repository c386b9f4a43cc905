#!/bin/sh
# needs: shell
# docs/tour.md, an analyst's first hour: every ```sql block on the page is
# run on the sample community and must print exactly the block that follows.
. tests/lib.sh
PAGE=docs/tour.md
[ -f "$PAGE" ] || { fail page "no $PAGE"; exit 0; }
$MULING init "$TMP/c.db" --sample tachenglu > /dev/null 2>&1 || { fail init "muling init failed"; exit 0; }
# Split the page into q1.sql, a1.txt, q2.sql, … : an sql block and the plain
# block right after it.
awk -v dir="$TMP" '
  state == 0 && $0 == "```sql" { n++; state = 1; f = dir "/q" n ".sql"; printf "" > f; next }
  state == 1 && $0 == "```" { state = 2; next }
  state == 1 { print > f; next }
  state == 2 && $0 == "```" { state = 3; g = dir "/a" n ".txt"; printf "" > g; next }
  state == 2 && $0 != "" { state = 0; next }
  state == 3 && $0 == "```" { state = 0; next }
  state == 3 { print > g; next }
  END { print n > (dir "/count") }' "$PAGE"
n=$(cat "$TMP/count")
check ten-questions "$n" 10
i=1
while [ "$i" -le "$n" ]; do
  if [ ! -f "$TMP/a$i.txt" ]; then fail "question-$i" "no output block after the query"; i=$((i + 1)); continue; fi
  $SQLITE3 -batch -header "$TMP/c.db" -cmd ".load ${EXT%.so}" < "$TMP/q$i.sql" > "$TMP/got$i.txt" 2>&1
  check_file "question-$i" "$TMP/got$i.txt" "$TMP/a$i.txt"
  i=$((i + 1))
done
