#!/bin/sh
# needs: shell
# rrule(), rrule_next() and roster() dates against python-dateutil on random
# rules (tests/rrule_diff.py says how).  A fixed seed and 2000 rules here;
# RRULE_DIFF_N=100000 RRULE_DIFF_SEED=… for a longer run.  Debian's python3
# loads the extension (pyenv builds cannot).
. tests/lib.sh
if ! /usr/bin/python3 -c 'import dateutil.rrule' 2>/dev/null; then
  fail rrule-diff "/usr/bin/python3 has no dateutil (apt-get install python3-dateutil)"
  exit 0
fi
out=$(/usr/bin/python3 tests/rrule_diff.py "$EXT" "${RRULE_DIFF_SEED:-20261206}" "${RRULE_DIFF_N:-2000}" 2>&1)
printf '%s\n' "$out" | grep '^FAIL' | head -n 50
last=$(printf '%s\n' "$out" | tail -n 1)
case $last in
  "rrule-diff: "*", 0 disagreements "*) ok "rrule-diff ($last)" ;;
  *) fail rrule-diff "$last" ;;
esac
