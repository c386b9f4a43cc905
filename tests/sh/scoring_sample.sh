#!/bin/sh
# needs: shell
# The 塔城路 sample's two points schemes: for every member and period,
# Σ counted_points + base = score, and credit_scores agrees row for row
# with the plain-SQL reference of tests/data/scoring_reference_views.sql.
. tests/lib.sh
DB=$TMP/sample.db
[ -d samples/tachenglu ] || { ok skipped-no-sample; exit 0; }
cat sql/schema.sql samples/tachenglu/*.sql | $SQLITE3 "$DB" > "$TMP/load.out" 2>&1 \
  || { fail load "$(head -c 300 "$TMP/load.out")"; exit 0; }
for s in 1 2; do
  got=$($SQLITE3 "$DB" ".load ${EXT%.so}" ".read tests/data/scoring_reference_views.sql" \
    "insert into ref_args values ($s, '2022-01-01', '2024-12-31');" \
    "select count(*) from credit_scores($s, '2022-01-01', '2024-12-31');" \
    "select count(*) from credit_scores($s, '2022-01-01', '2024-12-31') c
       where round(c.base + (select total(counted_points)
                             from credit_explain($s, c.member_id, c.period_start, c.period_end)), 2) <> c.score;" \
    "select (select count(*) from (select c.* from credit_scores($s, '2022-01-01', '2024-12-31') c except select * from ref_scores))
          + (select count(*) from (select * from ref_scores except select c.* from credit_scores($s, '2022-01-01', '2024-12-31') c));" 2>&1 | tr '\n' ' ')
  set -- $got
  if [ "${1:-0}" -gt 0 ] 2>/dev/null; then ok "scheme-$s-rows"; else fail "scheme-$s-rows" "$got"; fi
  check "scheme-$s-identity" "${2:-?}" 0
  check "scheme-$s-reference" "${3:-?}" 0
done
# The points report runs on the sample, and its explanation section adds up.
out=$($SQLITE3 "$DB" ".load ${EXT%.so}" ".mode list" ".parameter set :member 3882" \
  ".read sql/reports/points.sql" 2>&1)
case $out in *rror*) fail report-runs "$(printf '%s' "$out" | grep -i error | head -n 2)" ;; *) ok report-runs ;; esac
sum=$(printf '%s\n' "$out" | awk -F'|' 'NF == 13 && $1 ~ /^20[0-9][0-9]-/ { s += $10; b = $12; sc = $13 } END { printf "%.2f %.2f", s + b, sc }')
set -- $sum
if [ "$1" = "$2" ] && [ "$1" != "0.00" ]; then ok report-explanation-adds-up; else fail report-explanation-adds-up "got [$sum]"; fi
# A scheme that names nothing lists the sample's schemes, nearest first.
got=$($SQLITE3 "$DB" ".load ${EXT%.so}" "select * from credit_scores('红色岗位', '2023-01-01', '2023-12-31');" 2>&1)
check unknown-scheme-lists-nearest "$got" \
  "Error: stepping, credit_scores: unknown scheme '红色岗位'; the schemes are 红色岗位积分, 塔城路社区党员积分"
got=$($SQLITE3 :memory: ".read sql/schema.sql" ".load ${EXT%.so}" "select * from credit_scores('x');" 2>&1)
check unknown-scheme-none-exist "$got" "Error: stepping, credit_scores: unknown scheme 'x'; there are no schemes"
