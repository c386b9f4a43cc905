#!/bin/sh
# A file of schema version 1 (tests/data/schema_v1.sql, the schema before
# the due report): report and check refuse it with a clear message, `muling
# init` upgrades it with sql/upgrade.sql to the very tables, columns,
# indexes and triggers of a new file, keeps its rows, writes the council
# history from the issues' dates and the old reward tiers for each scheme.
. tests/lib.sh
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch "$1" 2>&1; }
SHAPE="select m.type, m.name, coalesce((select group_concat(p.name || ':' || p.type || ':' || p.\"notnull\" || ':' || coalesce(p.dflt_value, '') || ':' || p.pk, ',') from pragma_table_info(m.name) p), '') from sqlite_schema m where m.name not like 'sqlite_%' order by 1, 2;"

"$SQLITE3" -batch "$TMP/old.db" < tests/data/schema_v1.sql
sql "$TMP/old.db" "insert into areas(id, level, name) values (1, 'community', 'x');
insert into council_issues(id, council_id, title, mode, status, raised_on, reviewed_on, resolved_on)
  values (1, null, 't', 'home', 'resolved', '2023-01-01', '2023-01-03', '2023-01-09');
insert into score_schemes(scheme_id, name) values (7, 's');" > /dev/null
$MULING report "$TMP/old.db" council > /dev/null 2> "$TMP/err"; rc=$?
check report-refuses "$rc $(cat "$TMP/err")" "3 muling: $TMP/old.db has schema version 1, older than this muling's 2: run \`muling init $TMP/old.db\` to upgrade it"
$MULING check "$TMP/old.db" > /dev/null 2> "$TMP/err"; rc=$?
check check-refuses "$rc $(cut -d ' ' -f 3-6 "$TMP/err")" "3 has schema version 1,"
out=$($MULING init "$TMP/old.db"); rc=$?
check init-upgrades "$rc $out" "0 $TMP/old.db: schema upgraded from version 1 to 2"
"$SQLITE3" -batch "$TMP/new.db" < sql/schema.sql
sql "$TMP/old.db" "$SHAPE" > "$TMP/old.shape"
sql "$TMP/new.db" "$SHAPE" > "$TMP/new.shape"
check_file same-shape "$TMP/old.shape" "$TMP/new.shape"
check versions "$(sql "$TMP/old.db" "select value from muling_meta where key = 'schema_version'; pragma user_version;" | tr '\n' ' ')" "2 2 "
check rows-kept "$(sql "$TMP/old.db" "select count(*) from council_issues;")" 1
check history-backfilled "$(sql "$TMP/old.db" "select group_concat(to_stage || '@' || happened_on, ' ') from (select * from council_issue_events order by id);")" "raised@2023-01-01 reviewed@2023-01-03 resolved@2023-01-09"
check tiers-backfilled "$(sql "$TMP/old.db" "select group_concat(tier || max_grade || '/' || min_percentile, ' ') from (select * from score_reward_tiers where scheme_id = 7 order by ordinal);")" "一等奖励1/90.0 二等奖励2/60.0 三等奖励2/0.0"
out=$($MULING init "$TMP/old.db"); rc=$?
check init-again "$rc $out" "0 $TMP/old.db is already a muling database: nothing to do"
sql "$TMP/old.db" "update muling_meta set value = '3' where key = 'schema_version';" > /dev/null
$MULING init "$TMP/old.db" > /dev/null 2> "$TMP/err"; rc=$?
check init-refuses-newer "$rc $(cat "$TMP/err")" "3 muling: $TMP/old.db has schema version 3, newer than this muling's 2: refusing to touch it"
