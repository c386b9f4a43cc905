#!/bin/sh
# tests/fuzz/run.sh — `make fuzz`: build each libFuzzer target with clang
# (ASan + UBSan + libFuzzer, from Debian's clang and libclang-rt-14-dev)
# and run it for FUZZ_SECONDS (default 60) from its seed corpus.  The
# corpus grows in build/fuzz/corpus/, never in the repository.  A crash
# leaves its input in build/fuzz/ and fails the run: turn it into a
# regression test in tests/.
set -u
cd "$(dirname "$0")/../.." || exit 3
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-"idcard regexp gzip csvfile xlsxfile rrule rollup scoring roster import"}
CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null || { echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)"; exit 3; }
PKG_CFLAGS=$(pkg-config --cflags libpcre2-8 zlib libical expat minizip freexl)
PKG_LIBS=$(pkg-config --libs libpcre2-8 zlib libical expat minizip freexl)
mkdir -p build/fuzz
status=0
for t in $TARGETS; do
  bin=build/fuzz/$t
  # import fuzzes the command itself: its sources (and the SQL they embed,
  # build/sqlfiles.c from `make all`) go in with main renamed.
  extra= extra_libs=
  if [ "$t" = import ]; then
    extra="-Dmain=muling_main -Icli $(pkg-config --cflags xlsxwriter) cli/*.c build/sqlfiles.c"
    extra_libs=$(pkg-config --libs xlsxwriter)
  fi
  if [ ! -x "$bin" ] || [ -n "$(find ext cli tests/fuzz build/sqlfiles.c -newer "$bin" -name '*.[ch]' | head -n 1)" ]; then
    $CC -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
      -DSQLITE_CORE -Iext $PKG_CFLAGS -o "$bin" "tests/fuzz/$t.c" ext/*.c $extra \
      -lsqlite3 $extra_libs $PKG_LIBS -lm || { echo "FAIL fuzz-$t: build"; status=1; continue; }
  fi
  corpus=build/fuzz/corpus/$t
  mkdir -p "$corpus"
  dict=; [ -f "tests/fuzz/$t.dict" ] && dict=-dict=tests/fuzz/$t.dict
  log=build/fuzz/$t.log
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix=build/fuzz/$t- $dict "$corpus" "tests/fuzz/corpus/$t" > "$log" 2>&1
  rc=$?
  execs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$')
  [ -n "$execs" ] || execs=$(grep -aEo '#[0-9]+' "$log" | tail -n 1 | tr -d '#')
  if [ $rc -eq 0 ]; then
    echo "ok fuzz-$t ${SECONDS_EACH}s ${execs:-?} execs"
  else
    echo "FAIL fuzz-$t: exit $rc (see $log)"
    grep -aE 'ERROR|SUMMARY|identity|runtime error' "$log" | head -n 5 | sed 's/^/    /'
    status=1
  fi
done
exit $status
