#!/bin/sh
# muling points sync: on the sample (whose patrol events already name their
# duties) it adds nothing; a duty marked absent is reversed once; --through
# leaves later days alone; --scheme picks one scheme; bad options are
# usage errors.  The rules themselves: tests/sql/points_sync.sql.
. tests/lib.sh
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch "$1" 2>&1; }
DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || fail init "muling init --sample failed"
n0=$(sql "$DB" "select count(*) from score_events;")
check sample-noop "$($MULING points sync "$DB" --through 2023-12-31)" "points sync: added 0, reversed 0 (through 2023-12-31)"
check sample-ledger-same "$(sql "$DB" "select count(*) from score_events;")" "$n0"
sql "$DB" "update duty_assignments set status = 'absent' where id in (select id from duty_assignments where post_id = 1 and status = 'served' order by id limit 2);" > /dev/null
check through-before "$($MULING points sync "$DB" --through 2022-12-31)" "points sync: added 0, reversed 0 (through 2022-12-31)"
check absent-reversed "$($MULING points sync "$DB" --scheme 红色岗位积分 --through 2023-12-31)" "points sync: added 0, reversed 2 (through 2023-12-31)"
check again "$($MULING points sync "$DB" --scheme 2 --through 2023-12-31)" "points sync: added 0, reversed 0 (through 2023-12-31)"
check reversal-refs "$(sql "$DB" "select count(*) from score_events r join score_events o on o.event_id = r.reverses
  join duty_assignments a on a.id = o.source_id where r.recorded_by = 'points sync' and o.source_table = 'duty_assignments' and a.status = 'absent';")" 2
$MULING points sync "$DB" --scheme 不存在 > /dev/null 2> "$TMP/err"; rc=$?
check unknown-scheme "$rc $(sed 's/.*: CHECK/CHECK/' "$TMP/err")" "3 CHECK constraint failed: points sync: no scheme with that id or name"
$MULING points sync "$DB" --through 2023-02-30 > /dev/null 2> "$TMP/err"; rc=$?
check bad-through "$rc $(head -n 1 "$TMP/err")" "2 muling: --through must be a date YYYY-MM-DD, got '2023-02-30'"
$MULING points > /dev/null 2>&1
check no-subcommand "$?" 2
$MULING points tally "$DB" > /dev/null 2>&1
check unknown-subcommand "$?" 2
$MULING points sync > /dev/null 2>&1
check missing-db "$?" 2
sql "$TMP/plain.db" "create table t(x);" > /dev/null
$MULING points sync "$TMP/plain.db" > /dev/null 2> "$TMP/err"; rc=$?
check not-muling "$rc $(cat "$TMP/err")" "3 muling: $TMP/plain.db is not a muling database (run muling init first)"
