#!/bin/sh
# A file of schema version 1 (tests/data/schema_v1.sql, the schema before
# the due report): report and check refuse it with a clear message, `muling
# init` upgrades it with sql/upgrade.sql to the very tables, columns,
# indexes and triggers of a new file, keeps its rows, writes the council
# history from the issues' dates and the old reward tiers for each scheme.
# A file of schema version 2 (version 1 brought there by upgrade.sql's
# first step in the plain shell, as version 2 files were made) is upgraded
# to the same shape, keeps its residents and rejects, and imports again.
. tests/lib.sh
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch "$1" 2>&1; }
SHAPE="select m.type, m.name, coalesce((select group_concat(p.name || ':' || p.type || ':' || p.\"notnull\" || ':' || coalesce(p.dflt_value, '') || ':' || p.pk, ',') from pragma_table_info(m.name) p), '') from sqlite_schema m where m.name not like 'sqlite_%' order by 1, 2;"

"$SQLITE3" -batch "$TMP/old.db" < tests/data/schema_v1.sql
sql "$TMP/old.db" "insert into areas(id, level, name) values (1, 'community', 'x');
insert into council_issues(id, council_id, title, mode, status, raised_on, reviewed_on, resolved_on)
  values (1, null, 't', 'home', 'resolved', '2023-01-01', '2023-01-03', '2023-01-09');
insert into score_schemes(scheme_id, name) values (7, 's');" > /dev/null
$MULING report "$TMP/old.db" council > /dev/null 2> "$TMP/err"; rc=$?
check report-refuses "$rc $(cat "$TMP/err")" "3 muling: $TMP/old.db has schema version 1, older than this muling's 3: run \`muling init $TMP/old.db\` to upgrade it"
$MULING check "$TMP/old.db" > /dev/null 2> "$TMP/err"; rc=$?
check check-refuses "$rc $(cut -d ' ' -f 3-6 "$TMP/err")" "3 has schema version 1,"
out=$($MULING init "$TMP/old.db"); rc=$?
check init-upgrades "$rc $out" "0 $TMP/old.db: schema upgraded from version 1 to 3"
"$SQLITE3" -batch "$TMP/new.db" < sql/schema.sql
sql "$TMP/old.db" "$SHAPE" > "$TMP/old.shape"
sql "$TMP/new.db" "$SHAPE" > "$TMP/new.shape"
check_file same-shape "$TMP/old.shape" "$TMP/new.shape"
check versions "$(sql "$TMP/old.db" "select value from muling_meta where key = 'schema_version'; pragma user_version;" | tr '\n' ' ')" "3 3 "
check rows-kept "$(sql "$TMP/old.db" "select count(*) from council_issues;")" 1
check history-backfilled "$(sql "$TMP/old.db" "select group_concat(to_stage || '@' || happened_on, ' ') from (select * from council_issue_events order by id);")" "raised@2023-01-01 reviewed@2023-01-03 resolved@2023-01-09"
check tiers-backfilled "$(sql "$TMP/old.db" "select group_concat(tier || max_grade || '/' || min_percentile, ' ') from (select * from score_reward_tiers where scheme_id = 7 order by ordinal);")" "一等奖励1/90.0 二等奖励2/60.0 三等奖励2/0.0"
out=$($MULING init "$TMP/old.db"); rc=$?
check init-again "$rc $out" "0 $TMP/old.db is already a muling database: nothing to do"
sql "$TMP/old.db" "update muling_meta set value = '4' where key = 'schema_version';" > /dev/null
$MULING init "$TMP/old.db" > /dev/null 2> "$TMP/err"; rc=$?
check init-refuses-newer "$rc $(cat "$TMP/err")" "3 muling: $TMP/old.db has schema version 4, newer than this muling's 3: refusing to touch it"

# ---- version 2 → 3 -----------------------------------------------------------
"$SQLITE3" -batch "$TMP/v2.db" < tests/data/schema_v1.sql
sed -n '/^-- to version 2$/,/^-- to version 3$/p' sql/upgrade.sql | "$SQLITE3" -batch "$TMP/v2.db"
sql "$TMP/v2.db" "insert into areas(id, level, name) values (1, 'building', 'x');
insert into residents(id, name, id_number, area_id) values (1, '甲', '650103198709286002', 1);
insert into import_rejects(table_name, source, line, reason) values ('residents', 'old.csv', 2, 'sex: X');" > /dev/null
check v2-made "$(sql "$TMP/v2.db" "select value from muling_meta where key = 'schema_version';")" 2
$MULING import "$TMP/v2.db" residents /dev/null > /dev/null 2> "$TMP/err"; rc=$?
check v2-import-refuses "$rc $(cut -d ' ' -f 3-6 "$TMP/err")" "3 has schema version 2,"
out=$($MULING init "$TMP/v2.db"); rc=$?
check v2-init-upgrades "$rc $out" "0 $TMP/v2.db: schema upgraded from version 2 to 3"
sql "$TMP/v2.db" "$SHAPE" > "$TMP/v2.shape"
check_file v2-same-shape "$TMP/v2.shape" "$TMP/new.shape"
check v2-rows-kept "$(sql "$TMP/v2.db" "select count(*) || '/' || (select count(*) || ':' || coalesce(run_id, 'null') from import_rejects) from residents;")" "1/1:null"
printf '姓名,身份证号码\n甲,650103198709286002\n' > "$TMP/v2.csv"
out=$($MULING import "$TMP/v2.db" residents "$TMP/v2.csv" | sed -n 2p)
check v2-reimport "$out" "new 0, updated 0, unchanged 1, not in this export 0"
