#!/bin/sh
# needs: shell
# The .so loads in the real sqlite3 shell (.load and load_extension with no
# entry point), survives .open through the persistent entry point, and
# loads in Debian's python3 (pyenv builds cannot load extensions).
. tests/lib.sh
SO=${EXT%.so}
check dot-load "$($SQLITE3 :memory: ".load $SO" "select muling_version();")" "0.1.0"
check load-extension "$($SQLITE3 :memory: "select load_extension('$EXT'); select muling_version();" | tail -n 1)" "0.1.0"
check persist-open "$($SQLITE3 :memory: -cmd ".load $SO sqlite3_muling_persist_init" ".open $TMP/a.db" "select muling_version();")" "0.1.0"
check shell-open-without "$($SQLITE3 :memory: ".load $SO" ".open $TMP/b.db" "select count(*) from pragma_function_list where name = 'muling_version';")" "0"
if [ -x /usr/bin/python3 ]; then
  got=$(/usr/bin/python3 - "$EXT" <<'PY'
import sqlite3, sys
con = sqlite3.connect(":memory:")
con.enable_load_extension(True)
con.load_extension(sys.argv[1])
print(con.execute("select muling_version()").fetchone()[0])
PY
)
  check python3-load "$got" "0.1.0"
else
  fail python3-load "/usr/bin/python3 is missing (apt-get install python3)"
fi
