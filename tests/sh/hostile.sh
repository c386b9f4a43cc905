#!/bin/sh
# needs: shell
# A hostile database: a file made by someone else whose views, triggers and
# DEFAULT clauses try to reach the file system or the clock through the
# extension.  Opened in the sqlite3 shell with the extension loaded, with
# PRAGMA trusted_schema ON and OFF, every one of them must fail (SQLite's
# "unsafe use of …", or the extension's own refusal) and no row of a secret
# file may reach the output.  Under strace the secret files must not even be
# opened — except by a csvfile table declared in the file itself, which SQLite
# connects (and csvfile opens to read its header) before it refuses the view;
# that open never blocks and reads only regular files (no FIFO, no device).
#
# Then SQL injection through every virtual-table argument that names a table,
# a column or a file: each attempt is an error and the database dumps to the
# same text before and after.
. tests/lib.sh
SQ="$SQLITE3 -batch"
LOAD=".load ${EXT%.so}"
SECRETS=$TMP/secrets
mkdir -p "$SECRETS"
STRACE=
if command -v strace >/dev/null 2>&1 && strace -f -qq -e trace=openat -o "$TMP/probe" true 2>/dev/null; then
  STRACE=strace
fi

# q DB TRUSTED SQL...: the shell on DB with the extension and the pragma set;
# $out is stdout+stderr, $rc the exit status, $opened the number of opens of a
# file under $SECRETS (0 when strace is unavailable).
q() {
  db=$1 tr=$2; shift 2
  if [ -n "$STRACE" ]; then
    out=$(timeout 30 strace -f -qq -e trace=open,openat -o "$TMP/trace" \
            $SQ -bail "$db" "$LOAD" "pragma trusted_schema=$tr;" "$@" 2>&1); rc=$?
    opened=$(grep -c "$SECRETS" "$TMP/trace")
  else
    out=$(timeout 30 $SQ -bail "$db" "$LOAD" "pragma trusted_schema=$tr;" "$@" 2>&1); rc=$?
    opened=0
  fi
}
# refused NAME MARK [PATTERN]: the last q failed, printed no MARK (a value only
# the secret files hold), opened no secret file, and said PATTERN if given.
refused() {
  if [ "$rc" -eq 0 ]; then fail "$1" "succeeded: $(printf '%s' "$out" | head -c 200)"
  elif [ "$rc" -ge 124 ]; then fail "$1" "timed out or crashed (exit $rc)"
  elif printf '%s' "$out" | grep -q "$2"; then fail "$1" "the secret reached the output: $(printf '%s' "$out" | head -c 200)"
  elif [ "$opened" -ne 0 ]; then fail "$1" "a secret file was opened: $(printf '%s' "$out" | head -c 200)"
  elif [ -n "${3-}" ] && ! printf '%s' "$out" | grep -q "$3"; then fail "$1" "wrong error: $(printf '%s' "$out" | head -c 200)"
  else ok "$1"; fi
}

# ---- the secrets --------------------------------------------------------
printf 'k,v\nSECRET_MARK_7731,42\n' > "$SECRETS/secret.csv"
gzip -c "$SECRETS/secret.csv" > "$SECRETS/secret.csv.gz"

# ---- 1. DIRECTONLY functions, from the registry -------------------------
# Every `name|nargs|0x80000` line of tests/registry/*.txt, so a new DIRECTONLY
# function is covered the day it is registered.  Each gets a view, a
# trigger (on a table of its own) and a DEFAULT clause that call it (arguments: a valid ID number,
# then 1s).  Not a CHECK constraint: SQLite 3.40 does not apply DIRECTONLY to
# CHECK constraints (docs/security.md), so no DIRECTONLY function of muling may
# read files — the only file reader is the csvfile virtual table.
DB=$TMP/hostile.db
grep -h '|0x80000$' tests/registry/*.txt | cut -d'|' -f1,2 | sort -u > "$TMP/direct.txt"
n=$(wc -l < "$TMP/direct.txt")
if [ "$n" -gt 0 ]; then ok "registry-lists-directonly-$n"; else fail registry-lists-directonly "no 0x80000 line"; fi
{
  echo "create table sink(v);"
  i=0
  while IFS='|' read -r name nargs; do
    i=$((i + 1))
    [ "$nargs" -lt 1 ] && nargs=1   # varargs: one argument
    args="'11010519491231002X'"; j=1
    while [ $j -lt "$nargs" ]; do args="$args, 1"; j=$((j + 1)); done
    echo "create view fn_view_$i as select $name($args) as v;"
    echo "create table fn_default_$i(k, v default ($name($args)));"
    echo "create table bait_$i(k integer);"
    echo "create trigger fn_trigger_$i after insert on bait_$i begin insert into sink select $name($args); end;"
  done < "$TMP/direct.txt"
} > "$TMP/direct.sql"
# One statement at a time: SQLite refuses some at once (an aggregate in a
# DEFAULT), which is fine — they cannot be in the file then.
while IFS= read -r stmt; do
  $SQ "$DB" "$LOAD" "$stmt" 2>/dev/null
done < "$TMP/direct.sql"

# ---- 2. csvfile tables declared in the file -----------------------------
# A view and a trigger over a csvfile table in main, one over a .csv.gz.
$SQ "$DB" "$LOAD" \
  "create virtual table main.leak using csvfile(filename='$SECRETS/secret.csv');" \
  "create virtual table main.leak_gz using csvfile(filename='$SECRETS/secret.csv.gz', header=no);" \
  "create view leak_view as select * from leak;" \
  "create view leak_gz_view as select * from leak_gz;" \
  "create view leak_count as select count(*) from leak;" \
  "create table bait(k integer);" \
  "create trigger leak_trigger after insert on bait begin insert into sink select v from leak; end;" \
  || fail csv-create "could not create the csvfile tables"
# A trigger cannot hold CREATE; one written straight into sqlite_schema makes
# the schema unreadable, so the file cannot be used at all.
cp "$DB" "$TMP/creating.db"
$SQ "$TMP/creating.db" "pragma writable_schema=on;" \
  "insert into sqlite_schema values('trigger', 'creator', 'bait', 0, 'CREATE TRIGGER creator AFTER INSERT ON bait BEGIN CREATE VIRTUAL TABLE temp.c USING csvfile(filename=''$SECRETS/secret.csv''); END');" \
  2>/dev/null

for tr in on off; do
  i=0
  while IFS='|' read -r name nargs; do
    i=$((i + 1))
    q "$DB" $tr "select * from fn_view_$i;"
    refused "$tr-view-$name-$nargs" SECRET_MARK "unsafe use of $name()"
    q "$DB" $tr "insert into bait_$i values ($i);"
    refused "$tr-trigger-$name-$nargs" SECRET_MARK "unsafe use of $name()"
    if $SQ "$DB" "select 1 from sqlite_schema where name = 'fn_default_$i'" | grep -q 1; then
      q "$DB" $tr "insert into fn_default_$i(k) values (1);"
      refused "$tr-default-$name-$nargs" SECRET_MARK "unsafe use of $name()\\|unknown function: $name()" # an aggregate is no scalar
    fi
  done < "$TMP/direct.txt"
  # csvfile: the table is connected (and its file opened for the header)
  # before SQLite refuses it, so only the output is checked here.
  for v in leak_view leak_gz_view leak_count; do
    q "$DB" $tr "select * from $v;"; opened=0
    refused "$tr-csvfile-$v" SECRET_MARK 'unsafe use of virtual table "leak'
  done
  q "$DB" $tr "insert into bait values (1);"; opened=0
  refused "$tr-csvfile-trigger" SECRET_MARK 'unsafe use of virtual table "leak"'
  q "$TMP/creating.db" $tr "select count(*) from bait;"
  refused "$tr-trigger-creating-csvfile" SECRET_MARK "malformed database schema"
done
# Nothing was written by the refused triggers; direct use still works.
check sink-empty "$($SQ "$DB" "select count(*) from sink")" 0
q "$DB" off "select v from leak;"
check csvfile-direct-use-works "$out" 42

# A csvfile table the file declares over a FIFO or a device: connecting it
# (which SQLite does before refusing it) must neither block on the FIFO nor
# read /dev/zero to the length limit; it is refused as not a regular file.
mkfifo "$SECRETS/fifo"
cp "$DB" "$TMP/special.db"
$SQ "$TMP/special.db" "pragma writable_schema=on;" \
  "insert into sqlite_schema values('table', 'fifo', 'fifo', 0, 'CREATE VIRTUAL TABLE fifo USING csvfile(filename=''$SECRETS/fifo'')');" \
  "insert into sqlite_schema values('table', 'zero', 'zero', 0, 'CREATE VIRTUAL TABLE zero USING csvfile(filename=''/dev/zero'')');" \
  "insert into sqlite_schema values('view', 'fifo_view', 'fifo_view', 0, 'CREATE VIEW fifo_view AS SELECT * FROM fifo');" \
  "insert into sqlite_schema values('view', 'zero_view', 'zero_view', 0, 'CREATE VIEW zero_view AS SELECT * FROM zero');" \
  2>/dev/null
for tr in on off; do
  q "$TMP/special.db" $tr "select * from fifo_view;"; opened=0
  refused "$tr-csvfile-fifo" SECRET_MARK "'$SECRETS/fifo' is not a regular file"
  q "$TMP/special.db" $tr "select * from zero_view;"; opened=0
  refused "$tr-csvfile-dev-zero" SECRET_MARK "'/dev/zero' is not a regular file"
done

# ---- 3. a DIRECTONLY table behind an INNOCUOUS (or unmarked) one ---------
# rollup, roster and credit_scores read tables by name with statements of
# their own; if that table is a csvfile table the file declares, a view
# calling them would read the file.  They must refuse it.  (Checking the
# kind of a table may connect it, which opens the file for its header, so
# only the output is checked.)
BASE=$TMP/base.db
$MULING init "$BASE" --sample tachenglu > /dev/null || fail sample "muling init failed"
IND=$TMP/indirect.db
cp "$BASE" "$IND"
printf 'post_id,person_id,role,active_from,active_to,weight\n1,4242424242,member,2000-01-01,2099-12-31,1\n' > "$SECRETS/pool.csv"
printf 'area_id,cat\n1,SECRET_MARK_A\n' > "$SECRETS/people.csv"
printf 'id,parent_id,level,name\n1,,city,SECRET_MARK_T\n' > "$SECRETS/tree.csv"
printf 'code,name\n01,SECRET_MARK_G\n' > "$SECRETS/groups.csv"
$SQ "$IND" ".headers on" ".mode csv" "select event_id, scheme_id, member_id, rule_code, occurred_on, qty, '' as reverses from score_events where scheme_id = 1 and reverses is null limit 5" \
  > "$SECRETS/events.csv"
$SQ "$IND" "$LOAD" \
  "create virtual table main.people using csvfile(filename='$SECRETS/people.csv');" \
  "create virtual table main.tree using csvfile(filename='$SECRETS/tree.csv');" \
  "create view via_rollup as select * from rollup('people', 'cat');" \
  "create view via_rollup_areas as select * from rollup('residents', 'sex', 'areas=tree');" \
  "create virtual table main.ethnic_groups using csvfile(filename='$SECRETS/groups.csv');" \
  "create view via_rollup_label as select * from rollup('residents', 'ethnic_code', 'label=ethnic');" \
  "drop table duty_pool;" \
  "create virtual table main.duty_pool using csvfile(filename='$SECRETS/pool.csv');" \
  "create view via_roster as select * from roster((select min(post_id) from duty_posts), '2024-01-01', '2024-01-07');" \
  "drop table score_events;" \
  "create virtual table main.score_events using csvfile(filename='$SECRETS/events.csv');" \
  "create view via_scores as select * from credit_scores(1, '2023-01-01', '2023-12-31');" \
  "create view via_explain as select * from credit_explain(1, (select member_id from score_members where scheme_id = 1 limit 1), '2023-01-01', '2023-12-31');" \
  || fail indirect-create "could not create the schema"
for tr in on off; do
  for v in via_rollup via_rollup_areas via_rollup_label via_roster via_scores via_explain; do
    q "$IND" $tr "select * from $v;"; opened=0
    refused "$tr-$v" 'SECRET_MARK\|4242424242'
  done
done

# ---- 4. SQL injection through names -------------------------------------
INJ=$TMP/inject.db
cp "$BASE" "$INJ"
$SQ "$INJ" ".dump" > "$TMP/before.sql"
D='x"; DROP TABLE residents; --'
S="x'; DROP TABLE residents; --"
B='x]; DROP TABLE residents; --'
E='x` ; DROP TABLE residents; --'
inject() { # NAME SQL: must fail
  q "$INJ" on "$2"
  if [ "$rc" -eq 0 ]; then fail "inject-$1" "succeeded: $(printf '%s' "$out" | head -c 200)"
  elif [ "$rc" -ge 124 ]; then fail "inject-$1" "timed out or crashed (exit $rc)"
  else ok "inject-$1"; fi
}
sqlq() { printf '%s' "$1" | sed "s/'/''/g"; } # as an SQL string literal body
k=0
for evil in "$D" "$S" "$B" "$E"; do
  k=$((k + 1)); e=$(sqlq "$evil")
  inject rollup-source-$k "select * from rollup('$e', 'ethnic_code');"
  inject rollup-category-$k "select * from rollup('residents', '$e');"
  inject rollup-areas-$k "select * from rollup('residents', 'ethnic_code', 'areas=\"$(sqlq "$(printf '%s' "$evil" | sed 's/"/""/g')")\"');"
  inject rollup-areas-bare-$k "select * from rollup('residents', 'ethnic_code', 'areas=$e');"
  inject credit-scores-scheme-$k "select * from credit_scores('$e', '2023-01-01', '2023-12-31');"
  inject credit-explain-scheme-$k "select * from credit_explain('$e', 1, '2023-01-01', '2023-12-31');"
  inject roster-post-$k "select * from roster('$e', '2024-01-01', '2024-01-07');"
  inject csvfile-filename-$k "create virtual table temp.c using csvfile(filename='$e');"
done
inject csvfile-schema-ddl "create virtual table temp.c using csvfile(filename='tests/data/csv_small.csv', schema='drop table residents');"
inject csvfile-schema-attach "create virtual table temp.c using csvfile(filename='tests/data/csv_small.csv', schema='attach ''$TMP/x.db'' as x');"
# schema= must be one CREATE TABLE: a second statement after it is refused
# (sqlite3_declare_vtab would read the first and ignore the rest).
inject csvfile-schema-trailing "create virtual table temp.c using csvfile(filename='tests/data/csv_small.csv', schema='create table x(a, b, c); drop table residents');"
# A header line is column names, quoted: the odd name is a column.
printf '%s\n' 'a"); DROP TABLE residents; --,b' '1,2' > "$TMP/evil_header.csv"
q "$INJ" on "create virtual table temp.c using csvfile(filename='$TMP/evil_header.csv');" \
  "select name from pragma_table_info('c') where name like 'a%';"
check csvfile-header-is-a-name "$out" 'a"); DROP TABLE residents; --'
$SQ "$INJ" ".dump" > "$TMP/after.sql"
check_file inject-changes-nothing "$TMP/after.sql" "$TMP/before.sql"
check residents-still-there "$($SQ "$INJ" "select count(*) > 0 from residents")" 1

# A table whose name really is the injection text is read as that table
# (the name is quoted as an identifier, not refused for its characters).
W=$TMP/weird.db
cp "$BASE" "$W"
wq=$(printf '%s' "$D" | sed 's/"/""/g')
$SQ "$W" "create table \"$wq\" (area_id integer, \"$wq col\" text);" \
  "insert into \"$wq\" select area_id, sex from residents where area_id is not null limit 50;"
got=$($SQ "$W" "$LOAD" "select sum(n) from rollup('$(sqlq "$D")', '$(sqlq "$D") col') where category is not null and level = 'city';" 2>&1)
check rollup-weird-name-read "$got" 50
check rollup-weird-name-residents "$($SQ "$W" "select count(*) > 0 from residents")" 1
