#!/bin/sh
# muling import into a database it cannot write: a read-only open
# (file:…?mode=ro), a file the user may not write, a directory where the
# journal cannot be made.  Each says so in one line naming the database,
# exits 3, and leaves the database byte for byte as it was (its resident
# and its earlier reject still there).  Tests run as root, whom file modes
# do not stop: the last two run the command as nobody (setpriv).
. tests/lib.sh
DB=$TMP/ro.db
$MULING init "$DB" > /dev/null || { fail init "muling init failed"; exit 0; }
printf '姓名,性别,民族,身份证号码\n王芳,女,汉族,11010519491231002X\n' > "$TMP/first.csv"
printf '姓名,性别,民族,身份证号码\n张三,男,汉族,110105198001010016\n李四,男,火星族,\n' > "$TMP/r.csv"
$MULING import "$DB" residents "$TMP/first.csv" > /dev/null || { fail setup "first import failed"; exit 0; }
$SQLITE3 "$DB" "insert into import_rejects(table_name, source, line, reason) values ('residents', 'old.csv', 2, 'sex: x')"
cp "$DB" "$TMP/before.db"
state() { $SQLITE3 "$1" "select (select group_concat(name) from (select name from residents order by id)) || '|' || (select count(*) from import_rejects)"; }
check state-before "$(state "$DB")" "王芳|1"

# unchanged NAME DBFILE: the file is as it was, and nothing beside it is left
unchanged() {
  if cmp -s "$2" "$TMP/before.db"; then ok "$1-unchanged"; else fail "$1-unchanged" "the database changed"; fi
  check "$1-rows" "$(state "$2")" "王芳|1"
  check "$1-no-journal" "$(ls "$2"-journal 2> /dev/null)" ""
}

# 1. A read-only open (any user).
out=$($MULING import "file:$DB?mode=ro" residents "$TMP/r.csv" 2> "$TMP/err"); rc=$?
check uri-exit "$rc" 3
check uri-message "$(cat "$TMP/err")" "muling: file:$DB?mode=ro is read-only: nothing was written"
check uri-stdout "$out" ""
unchanged uri "$DB"

# 2 and 3 as nobody: root writes any file whatever its mode.
if [ "$(id -u)" = 0 ]; then
  AS="setpriv --reuid=nobody --regid=nogroup --clear-groups"
  $AS true 2> "$TMP/err" || { fail setpriv "cannot run as nobody: $(cat "$TMP/err")"; exit 0; }
else
  AS=""
fi
chmod 755 "$TMP"
chmod 644 "$TMP/r.csv"
MU=$MULING
case $MU in /*) ;; *) MU=$ROOT/$MU ;; esac

# 2. A file the user may not write, in a directory the user may write.
mkdir "$TMP/open" && cp "$TMP/before.db" "$TMP/open/f.db" && chmod 444 "$TMP/open/f.db" && chmod 777 "$TMP/open"
out=$($AS "$MU" import "$TMP/open/f.db" residents "$TMP/r.csv" 2> "$TMP/err"); rc=$?
check file-exit "$rc" 3
check file-message "$(cat "$TMP/err")" "muling: $TMP/open/f.db is read-only: nothing was written"
unchanged file "$TMP/open/f.db"

# 3. A file the user may write in a directory the user may not: the journal
# cannot be made beside it.
mkdir "$TMP/closed" && cp "$TMP/before.db" "$TMP/closed/d.db" && chmod 666 "$TMP/closed/d.db" && chmod 555 "$TMP/closed"
out=$($AS "$MU" import "$TMP/closed/d.db" residents "$TMP/r.csv" 2> "$TMP/err"); rc=$?
check dir-exit "$rc" 3
check dir-message "$(cat "$TMP/err")" \
  "muling: $TMP/closed/d.db cannot be written: its directory is read-only (a journal is made beside the database): nothing was written"
unchanged dir "$TMP/closed/d.db"
chmod 755 "$TMP/closed"

# The same import, once writable, loads: the refusals were about the files.
cp "$TMP/before.db" "$TMP/w.db"
$MULING import "$TMP/w.db" residents "$TMP/r.csv" > /dev/null; rc=$?
check writable-exit "$rc" 1
check writable-rows "$(state "$TMP/w.db")" "王芳,张三|2"
