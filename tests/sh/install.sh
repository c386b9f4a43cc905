#!/bin/sh
# make install honours PREFIX and DESTDIR; make uninstall reverses it.
. tests/lib.sh
D=$TMP/stage
make -s install DESTDIR="$D" PREFIX=/opt/mu >/dev/null 2>&1 || fail install "make install failed"
[ -f "$D/opt/mu/lib/sqlite3/muling.so" ] && ok so-installed || fail so-installed "no $D/opt/mu/lib/sqlite3/muling.so"
[ -f "$D/opt/mu/share/doc/muling/README.md" ] && ok docs-installed || fail docs-installed "no README in docdir"
if [ -f build/muling ]; then
  [ -x "$D/opt/mu/bin/muling" ] && ok command-installed || fail command-installed "no bin/muling"
fi
make -s uninstall DESTDIR="$D" PREFIX=/opt/mu >/dev/null 2>&1
left=$(find "$D" -type f | wc -l)
check uninstall-removes-files "$left" "0"
