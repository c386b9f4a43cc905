#!/bin/sh
# needs: shell
# Very long inputs end in an answer or a clean error within a bound — never a
# hang, a crash or a stack overflow.  The bound is `timeout` (a hang is a
# failure; nothing here asserts a time).  Inputs:
#   - a 100 MB text through every text function that takes free text
#     (ASCII digits, and CJK text for the functions that read characters);
#   - gzip/gunzip/crc32 on 100 MB;
#   - an area chain 1e6 levels deep (parent_id = id - 1) through rollup;
#   - a regex of 1e5 alternatives, and one nested 1e5 deep.
. tests/lib.sh
BOUND=${LONG_INPUT_BOUND:-60}
LOAD=".load ${EXT%.so}"

# run NAME WANT SQL...: the last line of the output must be WANT, or, when
# WANT is "error:PATTERN", the shell must fail with a message matching PATTERN.
run() {
  name=$1 want=$2; shift 2
  out=$(timeout "$BOUND" $SQLITE3 -batch -bail :memory: "$LOAD" "$@" 2>&1); rc=$?
  last=$(printf '%s\n' "$out" | tail -n 1)
  case $rc in
    124) fail "$name" "no answer within ${BOUND}s (a hang)"; return ;;
    0) ;;
    1) ;;
    *) fail "$name" "exit $rc (crash?): $(printf '%s' "$out" | tail -c 300)"; return ;;
  esac
  case $want in
    error:*)
      if [ $rc -ne 0 ] && printf '%s' "$out" | grep -q -- "${want#error:}"; then ok "$name"
      else fail "$name" "want an error like '${want#error:}', got [$(printf '%s' "$out" | tail -c 300)]"; fi ;;
    *)
      if [ $rc -eq 0 ] && [ "$last" = "$want" ]; then ok "$name"
      else fail "$name" "got [$(printf '%s' "$out" | tail -c 300)], want [$want]"; fi ;;
  esac
}

# 100 MB of ASCII '0' and 99 MB of '汉' (3 bytes each).
DIG="(select hex(zeroblob(50000000)) as x)"
CJK="(select replace(hex(zeroblob(16500000)), '0', '汉') as x)"
run idcard-valid-100mb 0 "select idcard_valid(x) from $DIG;"
run idcard-normalize-100mb 1 "select idcard_normalize(x) is null from $DIG;"
run idcard-normalize-cjk-100mb 1 "select idcard_normalize(x) is null from $CJK;"
run ethnic-code-100mb 1 "select ethnic_code(x) is null from $DIG;"
run ethnic-code-cjk-100mb 1 "select ethnic_code(x) is null from $CJK;"
run phone-valid-100mb 0 "select phone_valid(x) from $DIG;"
run name-mask-cjk-100mb 1 "select name_mask(x) = '汉' || replace(substr(x, 2), '汉', '*') from $CJK;"
run regexp-like-100mb 1 "select regexp_like(x, '0+\$') from $DIG;"
run regexp-like-miss-100mb 0 "select regexp_like(x, '1') from $DIG;"
run regexp-count-cjk-100mb 1 "select regexp_count(x, '汉汉汉') = 11000000 from $CJK;"
# Catastrophic backtracking on a long subject: the match limit stops it.
run regexp-backtrack-100mb 'error:regexp' "select regexp_like(x || '1', '(0+)+\$') from $DIG;"
run gzip-roundtrip-100mb 1 "select cast(gunzip(gzip(x)) as text) = x from $DIG;"
run gzip-level9-cjk-100mb 1 "select length(gunzip(gzip(x, 9))) = 99000000 from $CJK;"
crc=$(python3 -c "import zlib; print(zlib.crc32(b'0' * 100000000))" 2>/dev/null)
if [ -n "$crc" ]; then run crc32-100mb "$crc" "select crc32(x) from $DIG;"; fi
# gunzip past the length limit: an error, not a truncated answer.
gz=$(python3 -c "import gzip; print(gzip.compress(b'0' * 2000000).hex())" 2>/dev/null)
if [ -n "$gz" ]; then
  run gunzip-over-limit 'error:gunzip' ".limit length 1000000" "select length(gunzip(x'$gz'));"
fi

# A chain of 1e6 areas, each the parent of the next, with one person at the
# bottom: every level gets a total row and a category row.
run rollup-chain-1e6 '1000000|1000000|1|1' \
  "create table areas(id integer primary key, parent_id integer, level text, name text);" \
  "with recursive c(i) as (select 1 union all select i + 1 from c where i < 1000000)
   insert into areas select i, nullif(i - 1, 0), 'l' || i, 'a' || i from c;" \
  "create table people(area_id integer, cat text);" \
  "insert into people values (1000000, 'x');" \
  "select count(*) filter (where category is null), count(*) filter (where category = 'x'),
          min(n), max(n) from rollup('people', 'cat');"
# The same chain closed into a cycle (the root's parent is the bottom).
run rollup-cycle-1e6 'error:rollup' \
  "create table areas(id integer primary key, parent_id integer, level text, name text);" \
  "with recursive c(i) as (select 1 union all select i + 1 from c where i < 1000000)
   insert into areas select i, case when i = 1 then 1000000 else i - 1 end, 'l', 'a' from c;" \
  "create table people(area_id integer, cat text);" \
  "insert into people values (1000000, 'x');" \
  "select count(*) from rollup('people', 'cat');"

# A regex of 1e5 alternatives: PCRE2 compiles it or says why not.
ALT="(with recursive c(i) as (select 1 union all select i + 1 from c where i < 100000)
      select group_concat('w' || i, '|') as p from c)"
out=$(timeout "$BOUND" $SQLITE3 -batch :memory: "$LOAD" "select regexp_like('w99999', p), regexp_like('w100001', '^(?:' || p || ')\$') from $ALT;" 2>&1); rc=$?
if [ $rc -eq 0 ] && [ "$out" = "1|0" ]; then ok regexp-1e5-alternatives
elif [ $rc -eq 1 ] && printf '%s' "$out" | grep -q 'regexp'; then ok regexp-1e5-alternatives-error
else fail regexp-1e5-alternatives "exit $rc: $(printf '%s' "$out" | tail -c 300)"; fi
run regexp-nested-1e5 'error:regexp' \
  "select regexp_like('a', replace(hex(zeroblob(50000)), '00', '(') || 'a' || replace(hex(zeroblob(50000)), '00', ')'));"
run regexp-replace-1e5-alternatives-count 1 \
  "select regexp_count(group_concat('w' || i, ' '), 'w[0-9]+') = 100000 from (with recursive c(i) as (select 1 union all select i + 1 from c where i < 100000) select i from c);"
