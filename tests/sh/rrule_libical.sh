#!/bin/sh
# libical's upstream recurrence tests at the level of whole days
# (tests/data/libical_recur.txt says where they come from and how they
# were turned into dates): each case gives exactly upstream's dates through
# rrule(), and rrule_next() from the day before its START-AT, or is refused
# with the error the data names.
. tests/lib.sh
HOST=build/host
[ "$MODE" = asan ] && HOST=build/asan/host
awk -F'|' '
  /^#/ || NF == 0 { next }
  {
    n++
    name = sprintf("libical-%03d %s", n, $1); gsub(/'\''/, "", name)
    rule = $2; start = $3; at = $4; want = $5
    if (want ~ /^refused: /) {
      why = substr(want, 10); gsub(/'\''/, "'\'''\''", why)
      msg = (why ~ / never occurs/) ? "rrule: " rule " " why : "rrule: bad rule '\'''\''" rule "'\'''\'': " why
      printf "select '\''%s'\'', test_error('\''select * from rrule('\'''\''%s'\'''\'', '\'''\''%s'\'''\'', '\'''\''9999-12-31'\'''\'')'\'') = '\''%s'\'';\n", name, rule, start, msg
    } else {
      printf "select '\''%s'\'', (select group_concat(value, '\'','\'') from rrule('\''%s'\'', '\''%s'\'', '\''9999-12-31'\'')) = '\''%s'\'';\n", name, rule, start, want
      if (at != "-") {
        split(want, d, ","); first = ""
        for (i = 1; i in d; i++) if (d[i] >= at) { first = d[i]; break }
        printf "select '\''%s (from START-AT)'\'', rrule_next('\''%s'\'', '\''%s'\'', date('\''%s'\'', '\''-1 day'\'')) = '\''%s'\'';\n", name, rule, start, at, first
      }
    }
  }' tests/data/libical_recur.txt > "$TMP/libical.sql"
out=$($HOST --ext "$EXT" "$TMP/libical.sql" 2>&1)
printf '%s\n' "$out" | grep '^FAIL' | sed 's/^FAIL [^ ]* /FAIL rrule_libical /'
n=$(printf '%s\n' "$out" | grep -c '^ok ')
bad=$(printf '%s\n' "$out" | grep -c '^FAIL')
if [ "$bad" -eq 0 ] && [ "$n" -gt 100 ]; then ok "upstream-cases ($n checks)"; else fail upstream-cases "$n passed, $bad failed"; fi
