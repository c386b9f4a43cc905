#!/bin/sh
# needs: shell
# The exact set of functions (name|nargs|flags) and modules the extension
# registers, against tests/registry/*.txt: nothing appears or disappears
# unnoticed, and no function loses its DETERMINISTIC/INNOCUOUS/DIRECTONLY
# flags.  flags: 0x800 DETERMINISTIC, 0x80000 DIRECTONLY, 0x200000 INNOCUOUS.
. tests/lib.sh
Q="select name||'|'||narg||'|'||printf('0x%x', flags) from pragma_function_list;
   select 'module|'||name from pragma_module_list;"
$SQLITE3 :memory: "$Q" | sort -u > "$TMP/base"
$SQLITE3 :memory: ".load ${EXT%.so}" "$Q" | sort -u > "$TMP/with"
comm -13 "$TMP/base" "$TMP/with" > "$TMP/got"
cat tests/registry/*.txt | grep -v '^#' | grep -v '^$' | sort -u > "$TMP/want"
check_file functions-and-modules "$TMP/got" "$TMP/want"
