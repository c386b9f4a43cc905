#!/bin/sh
# tests/mutate.sh — `make mutate`: do the tests fail when the code is wrong?
#
# Each tests/mutants/*.patch is one small, plausible bug (an off-by-one, a
# flipped comparison, a dropped line) as a unified diff, after a header:
#
#   mutant: what the bug is and what it changes, in one line
#   tests: tests/sql/regexp.sql tests/sql/regexp_shortcut.sql
#
#   --- a/ext/regexp.c
#   +++ b/ext/regexp.c
#   @@ …
#
# Every mutant is applied to a scratch copy of the tree (build/mutate/jobN,
# made from the files git tracks or would track), built, and run through the test files
# its `tests:` lines name — the quick mode: only the tests of the patched
# module, the first failing file ends the run, each file under a time
# limit.  Then the patch is reverted.  It prints one line a mutant:
#
#   killed    NAME  (by FILE: the first failing check)
#   survived  NAME  (no test failed: a test is missing, or the bug is not one)
#   stale     NAME  (the patch no longer applies: the code moved; regenerate it)
#   broken    NAME  (the mutant does not build; a mutant must compile)
#
# and ends with `N killed, N survived` (plus stale and broken when any).
# Exit status 0 only when every mutant was killed.  Before the mutants, the
# test files they name run once on the unpatched copy: a file that fails
# there would "kill" every mutant, so the run stops (exit 2).
#
# Environment:
#   MUTANTS='GLOB …'    only tests/mutants/GLOB.patch for each GLOB (default *)
#   MUTATE_JOBS=N       scratch copies run in parallel (default 1: the
#                       machine is shared; 2 is plenty)
#   MUTATE_TIMEOUT=S    seconds a test file may run (default 120); a
#                       mutant that makes a test hang is killed by it
#   MUTATE_OPT=FLAGS    optimisation of the mutant builds (default -O1:
#                       quicker to compile than -O2, same behaviour)
#   MUTATE_BASELINE=0   skip the unpatched run
#
# Not part of `make test`: ~40 builds take minutes.  See docs/design.md,
# "Mutants", for how to add one.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 3
JOBS=${MUTATE_JOBS:-1}
TIMEOUT=${MUTATE_TIMEOUT:-120}
OPTFLAGS=${MUTATE_OPT:--O1}
SCRATCH=$ROOT/build/mutate

case $JOBS in ''|*[!0-9]*|0) echo "mutate: MUTATE_JOBS must be a positive number, got '$JOBS'"; exit 2 ;; esac
# MUTANTS split into words without expanding them here; each expands below
set -f
# shellcheck disable=SC2086
set -- ${MUTANTS:-*}
set +f
list=
for g in "$@"; do
  for p in tests/mutants/$g.patch; do
    [ -f "$p" ] || { echo "mutate: no mutant matches tests/mutants/$g.patch"; exit 2; }
    list="$list $p"
  done
done
# shellcheck disable=SC2086
set -- $list

# header FILE KEY: the values of the header's KEY: lines, space-separated
header() {
  awk -v key="$2:" '/^(--- |diff |@@ )/ { exit } $1 == key { $1 = ""; printf "%s ", $0 }' "$1" \
    | tr -s ' ' | sed 's/^ //; s/ $//'
}

# run_tests DIR FILES...: 0 when every file passes in DIR; else 1 with the
# first failure in $DIR/why
run_tests() {
  dir=$1; shift
  for f in "$@"; do
    [ -f "$dir/$f" ] || { echo "$f: no such test file" > "$dir/why"; return 1; }
    case $f in
      tests/sql/*) cmd="build/host --ext build/muling.so $f" ;;
      tests/oom/*) cmd="build/oom --ext build/muling.so $f" ;;
      tests/sh/*)  cmd="sh $f" ;;
      *) echo "$f: not a test file (tests/sql, tests/oom or tests/sh)" > "$dir/why"; return 1 ;;
    esac
    out=$(cd "$dir" && ROOT=$dir EXT=build/muling.so MULING=build/muling MODE=normal \
          timeout -k 5 "$TIMEOUT" $cmd 2>&1 < /dev/null); rc=$?
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
      echo "$f: timed out after ${TIMEOUT}s" > "$dir/why"; return 1
    fi
    first=$(printf '%s\n' "$out" | grep -a -m 1 '^FAIL')
    if [ -n "$first" ] || [ $rc -ne 0 ]; then
      echo "$f: ${first:-exited $rc}" | cut -c 1-200 > "$dir/why"; return 1
    fi
  done
  return 0
}

# targets FILES...: what the test files need built
targets() {
  t="build/muling.so build/host"
  case " $* " in *" tests/oom/"*) t="$t build/oom" ;; esac
  case " $* " in *" tests/sh/"*) t="$t build/muling build/generate" ;; esac
  case " $* " in *" tests/sh/oom_cli.sh "*) t="$t build/oom_cli" ;; esac
  echo "$t"
}

build() { # build DIR TARGETS...
  dir=$1; shift
  make -C "$dir" -s OPT="$OPTFLAGS -g" "$@" > "$dir/build.log" 2>&1
}

# A scratch copy of the files git tracks or would track (new tests not yet
# committed too), as they stand in the working tree.
setup() { # setup DIR
  rm -rf "$1" && mkdir -p "$1" || return 1
  git ls-files -z --cached --others --exclude-standard \
    | tar --null -T - --ignore-failed-read -cf - 2> /dev/null | tar -xf - -C "$1" || return 1
  build "$1" build/muling.so build/host build/oom build/muling build/generate
}

# worker K: mutants K, K+JOBS, K+2*JOBS … of the list, in scratch copy K
worker() {
  k=$1; shift
  dir=$SCRATCH/job$k
  i=0
  for p in "$@"; do
    i=$((i + 1))
    [ $(( (i - 1) % JOBS + 1 )) -eq "$k" ] || continue
    name=$(basename "$p" .patch)
    tests=$(header "$p" tests)
    if [ -z "$tests" ]; then result broken "$name" "no tests: line in the header"; continue; fi
    if ! (cd "$dir" && git apply --check "$ROOT/$p" > /dev/null 2>&1); then
      result stale "$name" "the patch no longer applies"; continue
    fi
    (cd "$dir" && git apply "$ROOT/$p") || { result stale "$name" "git apply failed"; continue; }
    # shellcheck disable=SC2046
    if ! build "$dir" $(targets $tests); then
      result broken "$name" "$(grep -m 1 -i 'error' "$dir/build.log" | cut -c 1-160)"
    elif run_tests "$dir" $tests; then
      result survived "$name" "$tests"
    else
      result killed "$name" "$(cat "$dir/why")"
    fi
    (cd "$dir" && git apply -R "$ROOT/$p") || { echo "mutate: cannot revert $name in $dir"; exit 3; }
  done
}

result() { # result KIND NAME WHY
  printf '%-9s %s  (%s)\n' "$1" "$2" "$3"
  echo "$1" >> "$SCRATCH/results"
}

# git apply looks for a repository above the copy (this one) and would
# resolve paths against it: stop it at build/mutate.
GIT_CEILING_DIRECTORIES=$SCRATCH
export GIT_CEILING_DIRECTORIES
mkdir -p "$SCRATCH" || exit 3
: > "$SCRATCH/results"
echo "mutate: $# mutants, $JOBS job(s), scratch copies in build/mutate"
k=1
while [ $k -le "$JOBS" ]; do
  setup "$SCRATCH/job$k" || { echo "mutate: cannot build the unpatched copy (build/mutate/job$k/build.log)"; exit 3; }
  k=$((k + 1))
done
if [ "${MUTATE_BASELINE:-1}" != 0 ]; then
  all=$(for p in "$@"; do header "$p" tests; echo; done | tr ' ' '\n' | sort -u | grep .)
  # shellcheck disable=SC2046
  build "$SCRATCH/job1" $(targets $all) || { echo "mutate: cannot build the unpatched copy"; exit 3; }
  # shellcheck disable=SC2086
  if ! run_tests "$SCRATCH/job1" $all; then
    echo "mutate: without any mutant, $(cat "$SCRATCH/job1/why")"
    echo "mutate: fix that first (every mutant would look killed)"
    exit 2
  fi
  echo "mutate: the unpatched tree passes the $(echo "$all" | wc -l | tr -d ' ') test files the mutants name"
fi
k=1
while [ $k -le "$JOBS" ]; do
  worker $k "$@" &
  k=$((k + 1))
done
wait
killed=$(grep -c '^killed$' "$SCRATCH/results")
survived=$(grep -c '^survived$' "$SCRATCH/results")
stale=$(grep -c '^stale$' "$SCRATCH/results")
broken=$(grep -c '^broken$' "$SCRATCH/results")
extra=
[ "$stale" -eq 0 ] || extra="$extra, $stale stale"
[ "$broken" -eq 0 ] || extra="$extra, $broken broken"
echo "$killed killed, $survived survived$extra"
[ "$survived" -eq 0 ] && [ "$stale" -eq 0 ] && [ "$broken" -eq 0 ] && [ "$killed" -eq $# ]
