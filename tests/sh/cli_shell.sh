#!/bin/sh
# needs: shell
# muling shell: the system sqlite3 with the extension loaded through the
# persistent entry point (so it survives .open), found beside the command;
# clear errors when sqlite3 or the .so cannot be found.
. tests/lib.sh

check shell-idcard "$(echo "select idcard_valid('11010519491231002X');" | $MULING shell)" 1
check shell-after-open "$(printf '.open %s\nselect idcard_valid(%s), ethnic_code(%s);\n' "$TMP/a.db" "'11010519491231002X'" "'哈族'" | $MULING shell)" "1|17"
$MULING init "$TMP/m.db" > /dev/null
check shell-db "$(echo "select count(*) from muling_meta where key = 'schema_version';" | $MULING shell "$TMP/m.db")" 1
check shell-csvfile "$(printf 'a,b\n1,2\n' > "$TMP/t.csv"; echo "create virtual table temp.t using csvfile(filename='$TMP/t.csv'); select a + b from t;" | $MULING shell)" 3

# MULING_EXTENSION names the .so; a missing one is an error before sqlite3 runs.
check shell-env-extension "$(echo "select muling_version();" | MULING_EXTENSION=$PWD/build/muling.so $MULING shell)" "0.1.0"
out=$(echo "select 1;" | MULING_EXTENSION=$TMP/none.so $MULING shell 2>&1); rc=$?
check shell-env-missing "$rc $out" "3 muling: MULING_EXTENSION names $TMP/none.so, which is not a file"
out=$(echo "select 1;" | MULING_SQLITE3=$TMP/no-sqlite3 $MULING shell 2>&1); rc=$?
check shell-no-sqlite3 "$rc $(echo "$out" | cut -d : -f 1-2)" "3 muling: cannot run $TMP/no-sqlite3"
# A copy of the command with no muling.so beside it (nor ../lib/sqlite3).
mkdir -p "$TMP/bin"
cp "$MULING" "$TMP/bin/muling"
out=$(echo "select 1;" | "$TMP/bin/muling" shell 2>&1); rc=$?
check shell-no-so "$rc $(echo "$out" | cut -d '(' -f 1)" "3 muling: cannot find the extension: neither $TMP/bin/muling.so nor $TMP/bin/../lib/sqlite3/muling.so exists "
# The installed layout: bin/muling finds lib/sqlite3/muling.so.
mkdir -p "$TMP/inst/bin" "$TMP/inst/lib/sqlite3"
cp "$MULING" "$TMP/inst/bin/muling"
cp build/muling.so "$TMP/inst/lib/sqlite3/muling.so"
check shell-installed "$(echo "select phone_valid('+86 180-1234-1999');" | "$TMP/inst/bin/muling" shell)" 1
out=$($MULING shell --frob 2>&1); rc=$?
check shell-option "$rc $(echo "$out" | head -n 1)" "2 muling: unknown option '--frob' (muling shell takes --create and the sqlite3 shell's options)"
# As sqlite3 does: a statement after the database runs, and the shell exits;
# its options pass through.
check shell-db-sql "$($MULING shell "$TMP/m.db" "select idcard_valid('11010519491231002X'), count(*) from muling_meta where key = 'schema_version'")" "1|1"
check shell-db-two-sql "$($MULING shell "$TMP/m.db" "select 1" "select ethnic_code('哈族')")" "1
17"
check shell-options-pass "$($MULING shell -csv -header "$TMP/m.db" "select ethnic_name('01') as n, 2 as m")" "n,m
\"汉族\",2"
check shell-cmd-pass "$($MULING shell -cmd ".mode json" "$TMP/m.db" "select ethnic_code('Uyghur') as c")" '[{"c":"05"}]'
check shell-memory-sql "$($MULING shell :memory: "select phone_mask('18012341999')")" "180****1999"
out=$($MULING shell -separator 2>&1); rc=$?
check shell-option-needs-arg "$rc $(echo "$out" | head -n 1)" "2 muling: option '-separator' needs 1 argument"
# A mistyped database name is not made into a new empty file unless asked.
out=$($MULING shell "$TMP/missing.db" "select 1" 2>&1); rc=$?
check shell-missing-db "$rc $out" "2 muling: no database $TMP/missing.db (muling shell --create $TMP/missing.db makes a new one)"
check shell-missing-not-created "$([ -e "$TMP/missing.db" ] && echo made || echo absent)" absent
check shell-create "$($MULING shell --create "$TMP/new.db" "select 1")" 1
check shell-created "$([ -f "$TMP/new.db" ] && echo made || echo absent)" made
