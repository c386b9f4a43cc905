#!/bin/sh
# The README's first command installs exactly .ci/packages (what CI
# installs), and its second command is the one CI runs.
. tests/lib.sh
first=$(grep -m1 'apt-get install' README.md)
want=$(grep -v '^#' .ci/packages | sort | tr '\n' ' ')
got=$(printf '%s\n' "$first" | sed -e 's/.*apt-get install -y//' -e 's/&&.*//' | tr ' ' '\n' | grep -v '^$' | sort | tr '\n' ' ')
check packages-match-ci "$got" "$want"
case "$first" in *"make demo"*) ok first-command-runs-demo ;; *) fail first-command-runs-demo "$first" ;; esac
if grep -q '^make test$' README.md && grep -q '^make test$' .ci/run; then ok test-command; else fail test-command "README and .ci/run must both run 'make test'"; fi
