#!/bin/sh
# bench/regexp.sh — regexp_like against the sqlite3 shell's built-in REGEXP
# (SQLite's ext/misc/regexp.c, compiled into Debian's shell) on the same
# 1,000,000 names, in one shell session: the rows come from the generator
# in bench/regexp.sql (between its `names:` markers), in memory, so the
# times are the functions' and not page reads.
#
# The extension is loaded with SELECT load_extension(), which leaves REGEXP
# the shell's (docs/regexp.md): the built-in and regexp_like then run side
# by side, interleaved, each pattern best of $REPS in CPU time (user + sys
# from .timer: the machine is shared, and wall time counts the others' work
# too).  Prints
# `what|ratio|target|verdict`; ratio = built-in time / regexp_like time
# (above 1: regexp_like is faster).  Targets: >= 3 on the alternation, and
# no slower than 1.2x (ratio >= 0.83) on the literal and the class.  Both
# sides must count the same rows.  The built-in has no \x{...}: its class
# is written with the characters themselves (一 U+4E00, 龥 U+9FA5).
set -u
cd "$(dirname "$0")/.." || exit 3
SQLITE3=${SQLITE3:-sqlite3}
EXT=${EXT:-build/muling.so}
REPS=${REPS:-5}
command -v "$SQLITE3" >/dev/null || { echo "regexp vs shell REGEXP|-|-|skipped (no sqlite3 shell)"; exit 0; }
[ -f "$EXT" ] || { echo "bench/regexp.sh: $EXT is missing (make)" >&2; exit 3; }


{
  sed -n '/^-- names: begin/,/^-- names: end/p' bench/regexp.sql
  echo "select load_extension('$EXT');"
  # the check that REGEXP is still the built-in: it has no lookahead
  echo "select 'builtin-check', count(*) from (select 1) where 'ab' regexp 'a(?=b)';"
  echo ".timer on"
  i=0
  while [ "$i" -lt "$REPS" ]; do
    echo "select 'literal|builtin', count(*) from names where name regexp '买买提';"
    echo "select 'literal|muling', count(*) from names where regexp_like(name, '买买提');"
    echo "select 'class|builtin', count(*) from names where name regexp '^[一-龥]{2,4}\$';"
    echo "select 'class|muling', count(*) from names where regexp_like(name, '^[\\x{4e00}-\\x{9fa5}]{2,4}\$');"
    echo "select 'alternation|builtin', count(*) from names where name regexp '买买提|阿依古丽|努尔兰|王秀英|李建国';"
    echo "select 'alternation|muling', count(*) from names where regexp_like(name, '买买提|阿依古丽|努尔兰|王秀英|李建国');"
    i=$((i + 1))
  done
} | "$SQLITE3" :memory: 2>&1 | awk -F'|' '
  /^Run Time:/ { split($0, w, " "); t = (w[6] + w[8]) * 1000; if (!(key in best) || t < best[key]) best[key] = t; next }
  /without operand/ { builtin = 1; next }
  NF == 3 { key = $1 "|" $2; n[key] = $3; next }
  { other = other $0 " " }
  END {
    split("literal class alternation", names, " ")
    label["literal"] = "regexp_like vs shell REGEXP: literal"
    label["class"] = "regexp_like vs shell REGEXP: class {2,4}"
    label["alternation"] = "regexp_like vs shell REGEXP: 5-name alternation"
    target["literal"] = 0.83; target["class"] = 0.83; target["alternation"] = 3
    if (!builtin) { print "regexp vs shell REGEXP|-|-|missed (REGEXP was not the built-in: " other ")"; exit 1 }
    bad = 0
    for (i = 1; i <= 3; i++) {
      c = names[i]; b = best[c "|builtin"]; m = best[c "|muling"]
      if (b == "" || m == "" || m <= 0) { printf "%s|-|>= %.2f|missed (no timing: %s)\n", label[c], target[c], other; bad = 1; continue }
      r = b / m
      v = (r >= target[c]) ? "met" : "missed"
      if (n[c "|builtin"] != n[c "|muling"]) { v = "missed (rows " n[c "|builtin"] " vs " n[c "|muling"] ")"; bad = 1 }
      printf "%s|%.2f|>= %.2f|%s\n", label[c], r, target[c], v
    }
    exit bad
  }'
