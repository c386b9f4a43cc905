#!/bin/sh
# The README's first command installs exactly .ci/packages (what CI
# installs), and its second command is the one CI runs; its Windows
# section's command installs exactly .ci/packages-windows.
. tests/lib.sh
first=$(grep -m1 'apt-get install' README.md)
want=$(grep -v '^#' .ci/packages | sort | tr '\n' ' ')
got=$(printf '%s\n' "$first" | sed -e 's/.*apt-get install -y//' -e 's/&&.*//' | tr ' ' '\n' | grep -v '^$' | sort | tr '\n' ' ')
check packages-match-ci "$got" "$want"
case "$first" in *"make demo"*) ok first-command-runs-demo ;; *) fail first-command-runs-demo "$first" ;; esac
# the Windows section's install command installs exactly .ci/packages-windows
win=$(grep -m1 'apt-get install.*make windows' README.md)
want=$(grep -v '^#' .ci/packages-windows | sort | tr '\n' ' ')
got=$(printf '%s\n' "$win" | sed -e 's/.*apt-get install -y//' -e 's/&&.*//' | tr ' ' '\n' | grep -v '^$' | sort | tr '\n' ' ')
check windows-packages-match-ci "$got" "$want"
if grep -q '^make test$' README.md && grep -q '^make test$' .ci/run; then ok test-command; else fail test-command "README and .ci/run must both run 'make test'"; fi
