#!/bin/sh
# The random-pool properties of tests/sql/roster.sql (fairness bound, min
# gap, unavailability, activity, pool membership, unfilled slots justified,
# load, determinism, continuation) again under other LCG seeds.
. tests/lib.sh
case $MODE in asan) HOST=build/asan/host ;; *) HOST=build/host ;; esac
for seed in 7 1949 20231023 987654321; do
  sed "s/select 0, 20240601 union all/select 0, $seed union all/" tests/sql/roster.sql > "$TMP/roster_$seed.sql"
  grep -q "select 0, $seed union all" "$TMP/roster_$seed.sql" || { fail "seed-$seed" "seed not substituted"; continue; }
  out=$($HOST --ext "$EXT" "$TMP/roster_$seed.sql" 2>&1)
  last=$(printf '%s\n' "$out" | tail -n 1)
  case $last in
    "host: "*" passed, 0 failed") ok "seed-$seed" ;;
    *) fail "seed-$seed" "$(printf '%s\n' "$out" | grep FAIL | head -n 5 | tr '\n' ' ')" ;;
  esac
done
