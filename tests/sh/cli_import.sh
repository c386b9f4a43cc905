#!/bin/sh
# muling import: the street-office fixture (counts as its .json says), a
# generated 10,000-row GB18030 .csv.gz with 137 bad rows of five kinds
# (each reject at its line with its key), --map and generic tables, usage
# errors, and SIGINT / SIGKILL during a large import leaving the database
# as it was.
. tests/lib.sh

DB=$TMP/i.db
$MULING init "$DB" > /dev/null || fail init "muling init failed"
# Results are read with the plain sqlite3 shell, which never loads the
# extension here, so this also runs in asan mode (the command under test is
# then the ASan build).
sql() { printf '%s\n' "$1" | "$SQLITE3" -batch "$DB" 2>&1; }

# ---- the fixture -----------------------------------------------------------
FX=tests/data/street_export_gb18030.csv
JSON=tests/data/street_export_gb18030.json
if [ -f "$FX" ] && [ -f "$JSON" ]; then
  out=$($MULING import "$DB" residents "$FX" --encoding gb18030); rc=$?
  check fixture-exit "$rc" 1
  want() { grep -o "\"$1\": *[0-9]*" "$JSON" | head -n 1 | sed 's/.*: *//'; }
  rows=$(want rows); valid=$(want valid)
  check fixture-summary "$(echo "$out" | head -n 1)" "read $rows, loaded $valid, rejected $((rows - valid))"
  for key in id_check field_count ethnic_unknown id_scientific id_length; do
    got=$(echo "$out" | grep '^rejected:' | grep -o " $key [0-9]*" | sed 's/.* //')
    check "fixture-reject-$key" "${got:-0}" "$(want $key)"
  done
  for key in phone_format ethnic_variant id_fullwidth id_15_to_18; do
    got=$(echo "$out" | grep '^normalised:' | grep -o " $key [0-9]*" | sed 's/.* //')
    check "fixture-normalised-$key" "${got:-0}" "$(want $key)"
  done
else
  fail fixture "missing $FX or $JSON"
fi

# ---- a generated 10,000-row .csv.gz in GB18030 ------------------------------
# Every 73rd row (from row 1) is bad, 137 in all, the kinds in turn:
# id_check (28), ethnic_unknown (28), field_count (27), quoting (27),
# date (27).  Some good rows have a note with a line break, so physical
# lines and rows differ; the generator writes the line and key of each bad
# row to want.txt.  Good rows carry normalisable spellings.
awk -v want="$TMP/want.txt" 'BEGIN {
  split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
  split("1 0 X 9 8 7 6 5 4 3 2", cc, " ")
  split("汉族 哈萨克族 维吾尔族 回族 汉 哈族 Han 維吾爾族 蒙古族 锡伯族", eth, " ")
  split("张伟 王芳 努尔兰·别克 古丽米热 李强 阿依古丽 马军 赵敏", nm, " ")
  printf "序号,姓名,性别,民族,身份证号码,联系电话,所属小区,楼栋,单元,门牌号,户籍性质,是否低保,备注,出生日期\r\n"
  line = 2; bad = 0
  for (i = 1; i <= 10000; i++) {
    y = 1930 + i % 90; m = 1 + i % 12; d = 1 + i % 28
    birth = sprintf("%04d-%02d-%02d", y, m, d)
    body = sprintf("650103%04d%02d%02d%03d", y, m, d, (i * 7) % 1000)
    s = 0
    for (k = 1; k <= 17; k++) s += substr(body, k, 1) * w[k]
    ck = cc[s % 11 + 1]
    id = body ck
    sex = ((i * 7) % 1000) % 2 ? "男" : "女"
    e = eth[i % 10 + 1]
    phone = (i % 11 == 0) ? sprintf("+86 139-%04d-%04d", i % 10000, (i * 3) % 10000) : sprintf("139%08d", i)
    note = ""; lines = 1
    if (i % 97 == 0) { note = "\"住址变更,原住红旗小区\r\n待核实\""; lines = 2 }
    kind = -1
    if (i % 73 == 1) { kind = bad % 5; bad++ }
    if (kind == 0) { ck2 = cc[(s + 1) % 11 + 1]; id = body ck2; key = "id_check" }
    if (kind == 1) { e = "火星族"; key = "ethnic_unknown" }
    if (kind == 3) { note = "\"备注\"x"; lines = 1; key = "quoting" }
    if (kind == 4) { birth = sprintf("%04d-02-30", y); key = "date" }
    row = sprintf("%d,%s,%s,%s,%s,%s,团结小区,%d号楼,%d单元,%d,%s,%s,%s", i, nm[i % 8 + 1], sex, e, id, phone,
                  1 + i % 12, 1 + i % 4, 101 + i % 6, (i % 5 ? "户籍" : "流动"), (i % 9 ? "否" : "是"), note)
    if (kind == 2) { key = "field_count" } else { row = row "," birth }
    printf "%s\r\n", row
    if (kind >= 0) printf "%d|%s\n", line, key > want
    line += lines
  }
}' > "$TMP/gen.csv"
iconv -f utf-8 -t gb18030 "$TMP/gen.csv" | gzip -c > "$TMP/gen.csv.gz"
check gen-bad-rows "$(wc -l < "$TMP/want.txt" | tr -d ' ')" 137

before=$(sql "select count(*) from residents;")
base=$(sql "select coalesce(max(id), 0) from residents;")
out=$($MULING import "$DB" residents "$TMP/gen.csv.gz" --encoding gb18030); rc=$?
check gen-exit "$rc" 1
check gen-summary "$(echo "$out" | head -n 1)" "read 10000, loaded 9863, rejected 137"
check gen-reasons "$(echo "$out" | grep '^rejected:')" \
  "rejected: date 27, ethnic_unknown 28, field_count 27, id_check 28, quoting 27"
# One generated ID number is also one of the fixture's residents: that row
# updates the fixture's resident (a re-import recognises it), the rest are new.
check gen-new-updated "$(echo "$out" | sed -n 2p)" "new 9862, updated 1, unchanged 0, not in this export 569"
check gen-loaded "$(sql "select count(*) - $before from residents;")" 9862
sql "select line || '|' || substr(reason, 1, instr(reason, ':') - 1) from import_rejects
     where source = '$TMP/gen.csv.gz' order by line;" > "$TMP/got.txt"
check_file gen-reject-lines "$TMP/got.txt" "$TMP/want.txt"
check gen-raw-kept "$(sql "select count(*) from import_rejects where source = '$TMP/gen.csv.gz' and raw like '%团结小区%';")" 137
check gen-ethnic-reason "$(sql "select reason from import_rejects where source = '$TMP/gen.csv.gz' and reason like 'ethnic%' limit 1;")" \
  "ethnic_unknown: 火星族 is no ethnic group of GB/T 3304"
check gen-multiline-note "$(sql "select count(*) from residents where id > $base and note like '%原住红旗小区%待核实%';")" \
  "$(awk 'BEGIN { n = 0; for (i = 1; i <= 10000; i++) if (i % 97 == 0 && i % 73 != 1) n++; print n }')"
check gen-phone "$(sql "select count(*) from residents where id > $base and phone = '13900110033';")" 1
check gen-ethnic-code "$(sql "select count(*) from residents where id > $base and ethnic_code is null;")" 0
check gen-first-row "$(sql "select name || ' ' || sex || ' ' || birth_date || ' ' || ethnic_code from residents where id > $base order by id limit 1;")" \
  "努尔兰·别克 F 1932-03-03 05"

# ---- generic tables and --map ------------------------------------------------
printf 'pid,person,role\n1,5,leader\n1,6,member\n1,7,boss\n' > "$TMP/pool.csv"
sql "insert into duty_posts(post_id, name, rrule, dtstart) values (1, 'p', 'FREQ=DAILY', '2024-01-01');" > /dev/null
out=$($MULING import "$DB" duty_pool "$TMP/pool.csv" --map pid=post_id,person=person_id); rc=$?
check map-exit "$rc" 1
check map-summary "$(echo "$out" | head -n 1)" "read 3, loaded 2, rejected 1"
check map-constraint "$(sql "select line, reason from import_rejects where table_name = 'duty_pool';")" \
  "4|constraint: CHECK constraint failed: role IN ('leader','member')"
printf 'pid;person;role;x\n1;8;member;?\n' > "$TMP/semi.csv"
$MULING import "$DB" duty_pool "$TMP/semi.csv" --delimiter ';' --map 'pid=post_id, person=person_id, x=-' > /dev/null
check map-delimiter "$?" 0
$MULING import "$DB" duty_pool "$TMP/pool.csv" > /dev/null 2> "$TMP/err"; rc=$?
check unmapped-exit "$rc" 2
check unmapped-message "$(head -n 1 "$TMP/err")" \
  "muling: column 'pid' of $TMP/pool.csv has nowhere to go in duty_pool (--map 'pid=COLUMN' sends it to a column, --map 'pid=-' drops it)"
$MULING import "$DB" duty_pool "$TMP/pool.csv" --map nosuch=post_id > /dev/null 2>&1
check map-unknown-column "$?" 2
$MULING import "$DB" nosuch "$TMP/pool.csv" > /dev/null 2>&1
check no-table "$?" 2
$MULING import "$DB" residents "$TMP/pool.csv" --encoding latin1 > /dev/null 2>&1
check bad-encoding "$?" 2
$MULING import "$DB" residents "$TMP/missing.csv" > /dev/null 2>&1
check missing-file "$?" 3
$MULING import "$DB" residents > /dev/null 2>&1
check missing-args "$?" 2

# ---- SIGINT and SIGKILL leave the database as it was -----------------------
awk 'BEGIN { print "name,sex,id_number,phone"
  for (i = 1; i <= 200000; i++) printf "人%d,M,,139%08d\n", i, i }' > "$TMP/big.csv"
before=$(sql "select (select count(*) from residents) || '/' || (select count(*) from import_rejects);")
for sig in INT KILL; do
  $MULING import "$DB" residents "$TMP/big.csv" > "$TMP/out.$sig" 2> "$TMP/err.$sig" &
  pid=$!
  n=0
  while [ ! -f "$DB-journal" ] && [ $n -lt 400 ] && kill -0 $pid 2> /dev/null; do sleep 0.05; n=$((n + 1)); done
  sleep 0.2
  kill -s $sig $pid
  wait $pid 2> /dev/null; rc=$?
  if [ $sig = INT ]; then
    check sigint-exit "$rc" 3
    check sigint-message "$(grep -c interrupted "$TMP/err.INT")" 1
  else
    check sigkill-exit "$rc" 137
  fi
  check "sig$sig-unchanged" "$(sql "select (select count(*) from residents) || '/' || (select count(*) from import_rejects);")" "$before"
  check "sig$sig-integrity" "$(sql "pragma integrity_check;")" ok
done

# ---- the progress bar, on a terminal (script(1) gives it one) ---------------
$MULING init "$TMP/p.db" > /dev/null
if command -v script > /dev/null 2>&1; then
  script -qc "$MULING import $TMP/p.db residents $TMP/gen.csv.gz --encoding gb18030" /dev/null < /dev/null \
    | tr '\r' '\n' > "$TMP/tty.txt"
  check progress-bar "$(grep -c '^\[####################\] 100%  10000 rows  [0-9]* rows/s  137 rejected' "$TMP/tty.txt")" 1
  check progress-summary "$(grep -c '^read 10000, loaded 9863, rejected 137' "$TMP/tty.txt")" 1
fi
# Not on a terminal: nothing but the summary on stderr's side.
$MULING import "$TMP/p.db" residents "$TMP/gen.csv.gz" --encoding gb18030 > /dev/null 2> "$TMP/quiet.txt"
check quiet-stderr "$(wc -c < "$TMP/quiet.txt" | tr -d ' ')" 0

# ---- conservation: what the tables hold, not what the command believes ------
TDB=$TMP/trig.db
$MULING init "$TDB" > /dev/null
tsql() { printf '%s\n' "$1" | "$SQLITE3" -batch "$TDB" 2>&1; }
tsql "create trigger skip_row before insert on residents when new.name = '跳过' begin select raise(ignore); end;"
printf '姓名,性别\n张三,男\n跳过,女\n' > "$TMP/skip.csv"
out=$($MULING import "$TDB" residents "$TMP/skip.csv"); rc=$?
check ignored-exit "$rc" 1
check ignored-summary "$(echo "$out" | head -n 1)" "read 2, loaded 1, rejected 1"
check ignored-reason "$(tsql "select line || '|' || reason from import_rejects;")" \
  "3|ignored: a trigger on residents skipped the row"
check ignored-tables "$(tsql "select (select count(*) from residents) || '/' || (select count(*) from import_rejects);")" "1/1"
tsql "create trigger skip_reject before insert on import_rejects begin select raise(ignore); end;"
$MULING import "$TDB" residents "$TMP/skip.csv" > /dev/null 2> "$TMP/err"; rc=$?
check rejects-ignored-exit "$rc" 3
check rejects-ignored-message "$(cat "$TMP/err")" \
  "muling: import stopped at line 3 of $TMP/skip.csv (row 2): a trigger on import_rejects skipped the reject of this row: nothing can be recorded; nothing was written"
check rejects-ignored-unchanged "$(tsql "select (select count(*) from residents) || '/' || (select count(*) from import_rejects);")" "1/1"
tsql "drop trigger skip_reject; drop trigger skip_row;"
# SQLite's own message and the physical line, not "not an error".
tsql "create trigger overflow before insert on residents when new.name = '坏' begin select abs(-9223372036854775808); end;"
printf '姓名,备注\n好,"两行\n备注"\n坏,x\n' > "$TMP/ne.csv"
$MULING import "$TDB" residents "$TMP/ne.csv" > /dev/null 2> "$TMP/err"; rc=$?
check stopped-exit "$rc" 3
check stopped-message "$(cat "$TMP/err")" \
  "muling: import stopped at line 4 of $TMP/ne.csv (row 2): integer overflow; nothing was written"
tsql "drop trigger overflow;"

# ---- mapping ------------------------------------------------------------------
printf '姓名,民族,身份证号\n王五,哈萨克族,650103198709286002\n' > "$TMP/m.csv"
out=$($MULING import "$TDB" residents "$TMP/m.csv" --map '民族=ethnic_code, 身份证号=id_number'); rc=$?
check map-table-column-exit "$rc" 0
check map-table-column "$(tsql "select ethnic_code || '|' || id_number from residents where name = '王五';")" "17|650103198709286002"
printf '姓名,电话,联系电话\n赵六,13900000000,13900000001\n' > "$TMP/two.csv"
$MULING import "$TDB" residents "$TMP/two.csv" > /dev/null 2> "$TMP/err"; rc=$?
check two-sources-exit "$rc" 2
check two-sources-message "$(head -n 1 "$TMP/err")" \
  "muling: columns '电话' and '联系电话' of $TMP/two.csv both go to 'phone' (--map one of them elsewhere, or to - to drop it)"
$MULING import "$DB" duty_pool "$TMP/pool.csv" --map pid=post_id,person=post_id > /dev/null 2> "$TMP/err"; rc=$?
check two-sources-map-exit "$rc" 2
check two-sources-map-names "$(head -n 1 "$TMP/err" | grep -c "columns 'pid' and 'person' of .* both go to 'post_id'")" 1
$MULING import "$TDB" Import_Rejects "$TMP/skip.csv" > /dev/null 2>&1
check import-rejects-any-case "$?" 2

# ---- encodings, refused before anything is written ---------------------------
before=$(tsql "select count(*) from residents;")
printf '姓名,性别\n尹良,男\n' > "$TMP/u8.csv"
for enc in gb18030 gbk; do
  $MULING import "$TDB" residents "$TMP/u8.csv" --encoding $enc > /dev/null 2> "$TMP/err"; rc=$?
  check "utf8-as-$enc-exit" "$rc" 2
  check "utf8-as-$enc-message" "$(cat "$TMP/err")" \
    "muling: $TMP/u8.csv reads as UTF-8: leave out --encoding ($enc would turn its text into mojibake; nothing was written)"
done
$MULING import "$TDB" residents tests/data/street_export_gb18030.csv > /dev/null 2> "$TMP/err"; rc=$?
check gb18030-as-utf8-exit "$rc" 2
check gb18030-as-utf8-message "$(cat "$TMP/err")" \
  "muling: tests/data/street_export_gb18030.csv is not UTF-8 (line 1): try --encoding gb18030 (nothing was written)"
printf '\377\376n\000a\000m\000e\000\n\000' > "$TMP/u16.csv"
$MULING import "$TDB" residents "$TMP/u16.csv" > /dev/null 2> "$TMP/err"; rc=$?
check utf16-exit "$rc" 3
check utf16-message "$(grep -c 'UTF-16 files are not supported: save as UTF-8 or GB18030' "$TMP/err")" 1
check encodings-unchanged "$(tsql "select count(*) from residents;")" "$before"
printf '姓名,性别\n张\000三,男\n李四,男\n' > "$TMP/nul.csv"
out=$($MULING import "$TDB" residents "$TMP/nul.csv"); rc=$?
check nul-summary "$(echo "$out" | head -n 1)" "read 2, loaded 1, rejected 1"
check nul-reason "$(tsql "select reason from import_rejects where source = '$TMP/nul.csv';")" \
  "encoding: field 1: a NUL byte (0x00) in the text"
# the names csvfile accepts, in any case
out=$($MULING import "$TDB" residents "$FX" --encoding GB18030 | head -n 1)
check encoding-upper-case "$out" "read 600, loaded 570, rejected 30"
printf 'name\tsex\n孙七\tM\n' > "$TMP/tab.tsv"
$MULING import "$TDB" residents "$TMP/tab.tsv" --delimiter TAB > /dev/null
check delimiter-TAB "$?" 0
$MULING import "$TDB" residents "$TMP/tab.tsv" --delimiter a > /dev/null 2>&1
check delimiter-letter "$?" 2

# ---- messages -------------------------------------------------------------------
long=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "列" }')
printf '%s\n1\n' "$long" > "$TMP/long.csv"
$MULING import "$TDB" residents "$TMP/long.csv" > /dev/null 2> "$TMP/err"; rc=$?
check long-name-exit "$rc" 2
check long-name-cut "$(head -n 1 "$TMP/err" | wc -c | awk '{ print ($1 < 4000) }')" 1
check long-name-mark "$(head -n 1 "$TMP/err" | grep -c "^muling: column '列*…' of ")" 1
cp "$TMP/skip.csv" "$TMP/O'Brien.csv"
printf '姓名,性别\n钱八,X\n' > "$TMP/O'Brien.csv"
out=$($MULING import "$TDB" residents "$TMP/O'Brien.csv")
run=$(tsql "select max(id) from import_runs;")
check see-this-run "$(echo "$out" | grep '^see:')" \
  "see: SELECT line, reason FROM import_rejects WHERE run_id = $run;"
check see-run-source "$(tsql "select source || '|' || read || '|' || rejected from import_runs where id = $run;
  select count(*) from import_rejects where run_id = $run;")" "$TMP/O'Brien.csv|1|1
1"
printf '民族,姓名\n01,甲\n汉族,乙\n汉,丙\n' > "$TMP/eth.csv"
check ethnic-variant-real "$($MULING import "$TDB" residents "$TMP/eth.csv" | grep '^normalised:')" "normalised: ethnic_variant 1"
# Locked by another connection: named, nothing written (waits the 5 s busy timeout).
(printf 'begin immediate;\ninsert into import_rejects(table_name, source, line, reason) values (%s);\n' "'x', 'lock', 1, 'x'"; sleep 8) \
  | "$SQLITE3" "$TDB" > /dev/null 2>&1 &
lockpid=$!
sleep 1
$MULING import "$TDB" residents "$TMP/eth.csv" > /dev/null 2> "$TMP/err"; rc=$?
check locked-exit "$rc" 3
check locked-message "$(cat "$TMP/err")" "muling: $TDB is locked by another program (waited 5 s): nothing was written"
kill "$lockpid" 2> /dev/null; wait "$lockpid" 2> /dev/null

# ---- the progress bar fits 50 and 120 columns; Ctrl-C's message on its own line
if command -v script > /dev/null 2>&1; then
  for cols in 50 120; do
    $MULING init "$TMP/w$cols.db" > /dev/null
    script -qc "stty cols $cols rows 24; $MULING import $TMP/w$cols.db residents $TMP/gen.csv.gz --encoding gb18030" /dev/null < /dev/null \
      | tr '\r' '\n' | sed 's/\x1b\[K//g' > "$TMP/tty$cols.txt"
    check "progress-$cols-fits" "$(grep '^\[\|%' "$TMP/tty$cols.txt" | awk -v c=$cols 'length($0) >= c' | wc -l | tr -d ' ')" 0
  done
  # the last bar drawn is the whole file's (on a slow run a timed redraw
  # can draw the same 100% bar once before the final one: it overwrites
  # itself on a terminal, but counts twice here)
  check progress-120-last "$(grep '^\[' "$TMP/tty120.txt" | tail -n 1 | grep -c '^\[####################\] 100%  10000 rows  [0-9]* rows/s  137 rejected$')" 1
  check progress-50-last "$(grep '^\[' "$TMP/tty50.txt" | tail -n 1 | grep -c '^\[##########*\] 100%  10000 rows  137 rejected$')" 1
  # Interrupted while the bar is drawn: a file long enough (1,000,000 rows)
  # that the import is still reading it when the first bar appears, however
  # fast the import gets; the signal goes as soon as the bar shows.
  awk 'BEGIN { print "name,sex,id_number,phone"
    for (i = 1; i <= 1000000; i++) printf "人%d,M,,139%08d\n", i, i }' > "$TMP/huge.csv"
  $MULING init "$TMP/ctrlc.db" > /dev/null
  script -qc "sh -c 'echo \$\$ > $TMP/pid; exec $MULING import $TMP/ctrlc.db residents $TMP/huge.csv'" /dev/null < /dev/null \
    > "$TMP/ctrlc.txt" 2>&1 &
  spid=$!
  n=0
  while ! grep -q 'rows' "$TMP/ctrlc.txt" 2> /dev/null && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
  kill -s INT "$(cat "$TMP/pid")" 2> /dev/null || echo "FAIL cli_import ctrlc-running: the import ended before it could be interrupted"
  wait $spid
  check ctrlc-own-line "$(tr '\r' '\n' < "$TMP/ctrlc.txt" | grep -c '^muling: interrupted: the import is rolled back')" 1
fi
