#!/bin/sh
# muling help/--version/usage errors, init (fresh, sample, refusing foreign
# files, one transaction) and roster (calendar, --commit, errors).
# Databases are inspected with the plain sqlite3 shell (no extension).
. tests/lib.sh
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch "$1" 2>&1; }

# ---- help, version, usage ----------------------------------------------------
check version "$($MULING --version | cut -d ' ' -f 1-2)" "muling 0.1.0"
$MULING help > "$TMP/help"; rc=$?
check help-exit "$rc" 0
for c in init import report check roster shell help; do
  check "help-lists-$c" "$(grep -c "^  muling $c" "$TMP/help")" 1
  $MULING help $c > "$TMP/h.$c"; rc=$?
  check "help-$c" "$rc $(head -n 1 "$TMP/h.$c" | cut -d ' ' -f 1-3)" "0 usage: muling $c"
done
check help-flag "$($MULING import --help | head -n 1 | cut -d ' ' -f 1-3)" "usage: muling import"
$MULING > /dev/null 2> "$TMP/err"; rc=$?
check no-command "$rc $(head -n 1 "$TMP/err")" "2 muling: no command given"
$MULING frobnicate > /dev/null 2> "$TMP/err"; rc=$?
check unknown-command "$rc $(head -n 1 "$TMP/err")" "2 muling: unknown command 'frobnicate'"
check unknown-command-usage "$(grep -c '^  muling report' "$TMP/err")" 1
$MULING --frobnicate > /dev/null 2> "$TMP/err"; rc=$?
check unknown-option "$rc $(head -n 1 "$TMP/err")" "2 muling: unknown option '--frobnicate'"
$MULING help frobnicate > /dev/null 2>&1
check help-unknown "$?" 2
$MULING init > /dev/null 2> "$TMP/err"; rc=$?
check init-missing "$rc $(head -n 2 "$TMP/err" | tr '\n' '|')" "2 muling: missing DB|usage: muling init DB [--sample NAME]|"
$MULING init "$TMP/x.db" --sample > /dev/null 2>&1
check init-sample-novalue "$?" 2
$MULING init "$TMP/x.db" --frob > /dev/null 2>&1
check init-unknown-option "$?" 2

# ---- init ---------------------------------------------------------------------
DB=$TMP/new.db
out=$($MULING init "$DB"); rc=$?
check init-fresh "$rc $out" "0 $DB: schema created"
check init-application-id "$(sql "$DB" "pragma application_id;")" 1297435719
check init-meta "$(sql "$DB" "select count(*) > 0 from muling_meta;")" 1
check init-tables "$(sql "$DB" "select count(*) from sqlite_schema where name in ('residents','areas','import_rejects','duty_posts');")" 4
out=$($MULING init "$DB"); rc=$?
check init-again "$rc $out" "0 $DB is already a muling database: nothing to do"
: > "$TMP/empty.db"
check init-empty-file "$($MULING init "$TMP/empty.db" > /dev/null; echo $?)" 0

sql "$TMP/foreign.db" "create table notes(x); insert into notes values ('mine');" > /dev/null
sum=$(cksum < "$TMP/foreign.db")
$MULING init "$TMP/foreign.db" > /dev/null 2> "$TMP/err"; rc=$?
check refuse-foreign "$rc $(cat "$TMP/err")" "3 muling: $TMP/foreign.db is a database but not a muling one: refusing to touch it"
check refuse-foreign-untouched "$(cksum < "$TMP/foreign.db")" "$sum"
printf 'name,phone\n' > "$TMP/list.csv"
$MULING init "$TMP/list.csv" > /dev/null 2> "$TMP/err"; rc=$?
check refuse-text "$rc $(cat "$TMP/err")" "3 muling: $TMP/list.csv is not a SQLite database: refusing to touch it"
check refuse-text-untouched "$(cat "$TMP/list.csv")" "name,phone"
$MULING init "$TMP" > /dev/null 2>&1
check refuse-directory "$?" 3
$MULING init "$TMP/nosample.db" --sample atlantis > /dev/null 2> "$TMP/err"; rc=$?
check unknown-sample "$rc $(head -n 1 "$TMP/err" | cut -d '(' -f 1)" "2 muling: no sample 'atlantis' "
check unknown-sample-no-file "$([ -e "$TMP/nosample.db" ] && echo created)" ""

S=$TMP/sample.db
out=$($MULING init "$S" --sample tachenglu); rc=$?
check init-sample "$rc $out" "0 $S: schema created, sample loaded: tachenglu"
check init-sample-residents "$(sql "$S" "select count(*) from residents_current;")" 5859
# Loading the sample a second time fails on its keys: one transaction, so
# nothing of it stays.
before=$(sql "$S" "select count(*) from residents; select count(*) from areas;" | tr '\n' ' ')
$MULING init "$S" --sample tachenglu > /dev/null 2>&1
check init-sample-twice "$?" 3
check init-sample-rolled-back "$(sql "$S" "select count(*) from residents; select count(*) from areas;" | tr '\n' ' ')" "$before"

# ---- roster -------------------------------------------------------------------
post=$(sql "$S" "select post_id || '|' || name || '|' || (leaders + members) from duty_posts where rrule = 'FREQ=DAILY' order by post_id limit 1;")
pid=${post%%|*}; rest=${post#*|}; pname=${rest%|*}; per_day=${rest#*|}
$MULING roster "$S" "$pid" 2024-02-01 2024-02-07 > "$TMP/rota"; rc=$?
check roster-exit "$rc" 0
check roster-month "$(grep -c '^2024年2月$' "$TMP/rota")" 1
check roster-days "$(grep -c '^2024-02-0[1-7] ' "$TMP/rota")" 7
check roster-marked "$(grep -c ' 1\*  2\*  3\*  4\*' "$TMP/rota")" 1
check roster-preview-writes-nothing "$(sql "$S" "select count(*) from duty_assignments where duty_date >= '2024-02-01';")" 0
$MULING roster "$S" "$pname" 2024-02-01 2024-02-07 > "$TMP/rota2"
check_file roster-by-name "$TMP/rota2" "$TMP/rota"
$MULING roster "$S" "$pid" 2024-02-01 2024-02-07 --commit > "$TMP/rota3"; rc=$?
check roster-commit "$rc $(tail -n 1 "$TMP/rota3")" "0 committed $((per_day * 7)) assignments to duty_assignments"
check roster-committed "$(sql "$S" "select count(*) from duty_assignments where post_id = $pid and duty_date between '2024-02-01' and '2024-02-07';")" $((per_day * 7))
$MULING roster "$S" "$pid" 2024-02-01 2024-02-07 --commit > /dev/null 2>&1
check roster-commit-twice "$?" 3
check roster-commit-twice-unchanged "$(sql "$S" "select count(*) from duty_assignments where post_id = $pid and duty_date between '2024-02-01' and '2024-02-07';")" $((per_day * 7))
out=$($MULING roster "$S" nosuchpost 2024-02-01 2024-02-07 2>&1); rc=$?
check roster-unknown-post "$rc" 2
# The error lists every post there is, as "id name", nearest first.
want=$(sql "$S" "select count(*) from duty_posts;")
got=$(printf '%s\n' "$out" | sed -n 's/.*; the posts are //p' | tr ',' '\n' | wc -l)
check roster-unknown-post-lists "$got" "$want"
case $out in *"the posts are $pid $pname"*|*", $pid $pname"*) ok roster-unknown-post-names-it ;; *) fail roster-unknown-post-names-it "$out" ;; esac
# A name missing its last character: that post comes first.
short=$(sql "$S" "select substr(name, 1, length(name) - 1) from duty_posts where post_id = $pid;")
out=$($MULING roster "$S" "$short" 2024-02-01 2024-02-07 2>&1)
case $out in *"the posts are $pid $pname"*) ok roster-unknown-post-nearest-first ;; *) fail roster-unknown-post-nearest-first "$out" ;; esac
$MULING roster "$S" "$pid" 2024-02-30 2024-03-07 > /dev/null 2>&1
check roster-bad-date "$?" 2
$MULING roster "$S" "$pid" 2024-03-07 2024-03-01 > /dev/null 2>&1
check roster-backwards "$?" 2
$MULING roster "$S" "$pid" 2024-03-01 > /dev/null 2>&1
check roster-missing "$?" 2
