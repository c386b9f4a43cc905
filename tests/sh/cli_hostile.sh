#!/bin/sh
# `muling report` and `muling check` on a file made by someone else, and on
# data a street office really has: a virtual table in place of a table the
# reports read (the csvfile trick: /etc/passwd through a report), a view
# that calls a clock-reading function, a cycle in areas or party_orgs,
# residents without a building, -o naming the database, a read during a
# write.  The files are made with the plain sqlite3 shell (no extension).
. tests/lib.sh
DB=$TMP/s.db
$MULING init "$DB" --sample tachenglu > /dev/null || { fail init "muling init --sample failed"; exit 0; }
REPORTS=$(ls sql/reports/*.sql | xargs -n 1 basename | sed 's/\.sql$//')
SECRET=$TMP/secret.csv
printf 'id,name\n1,SECRET_MARK_5521\n' > "$SECRET"
# a hang is a failure, not a wait: every run is bounded
run() { out=$(timeout 60 "$@" 2>&1); rc=$?; }

# ---- a virtual table in main -------------------------------------------------
# vtab COPY TABLE: COPY is the sample with TABLE declared as a csvfile over
# the secret (written into sqlite_schema: the shell has no csvfile module).
vtab() {
  cp "$DB" "$1"
  $SQLITE3 "$1" "PRAGMA foreign_keys=OFF; DROP TABLE $2; PRAGMA writable_schema=ON;
    INSERT INTO sqlite_schema VALUES('table', '$2', '$2', 0,
      'CREATE VIRTUAL TABLE $2 USING csvfile(filename=''$SECRET'', header=yes)');"
}
vtab "$TMP/vt_households.db" households
run $MULING check "$TMP/vt_households.db"
check vtab-check "$rc $(printf '%s' "$out" | grep -c SECRET_MARK) $(printf '%s' "$out" | grep -c 'households is a virtual table in the database')" "3 0 1"
vtab "$TMP/vt_orgs.db" party_orgs
run $MULING report "$TMP/vt_orgs.db" org_structure
check vtab-org-structure "$rc $(printf '%s' "$out" | grep -c SECRET_MARK) $(printf '%s' "$out" | grep -c 'party_orgs is a virtual table in the database')" "3 0 1"
vtab "$TMP/vt_areas.db" areas
for r in $REPORTS; do
  run $MULING report "$TMP/vt_areas.db" "$r" --format csv
  check "vtab-areas-$r" "$rc $(printf '%s' "$out" | grep -c SECRET_MARK) $(printf '%s' "$out" | grep -c 'areas is a virtual table')" "3 0 1"
done
vtab "$TMP/vt_residents.db" residents
for r in profile hardship points roster volunteers ethnic_composition; do
  run $MULING report "$TMP/vt_residents.db" "$r" --format json
  check "vtab-residents-$r" "$rc $(printf '%s' "$out" | grep -c SECRET_MARK) $(printf '%s' "$out" | grep -c 'residents is a virtual table')" "3 0 1"
done
run $MULING roster "$TMP/vt_residents.db" 1 2024-01-01 2024-01-31
check vtab-residents-roster-command "$rc $(printf '%s' "$out" | grep -c SECRET_MARK) $(printf '%s' "$out" | grep -c 'residents is a virtual table')" "3 0 1"
cp "$DB" "$TMP/rcycle.db"
$SQLITE3 "$TMP/rcycle.db" "UPDATE areas SET parent_id = 1001 WHERE id = 4"
run $MULING roster "$TMP/rcycle.db" 1 2024-01-01 2024-01-31 --commit
check areas-cycle-roster-command "$rc $(printf '%s' "$out" | grep -c 'is its own ancestor') $($SQLITE3 "$TMP/rcycle.db" "select count(*) from duty_assignments where duty_date >= '2024-01-01'")" "3 1 0"

# ---- trusted_schema=OFF: a view may not call a clock-reading function ---------
cp "$DB" "$TMP/view.db"
$SQLITE3 "$TMP/view.db" "DROP VIEW residents_current; CREATE VIEW residents_current AS
  SELECT r.* FROM residents r, credit_scores(1) c WHERE c.member_id = r.id AND r.moved_out IS NULL;"
run $MULING report "$TMP/view.db" profile
check untrusted-view "$rc $(printf '%s' "$out" | grep -c 'unsafe use of')" "3 1"

# ---- cycles ------------------------------------------------------------------
cp "$DB" "$TMP/cycle.db"
$SQLITE3 "$TMP/cycle.db" "UPDATE areas SET parent_id = 1001 WHERE id = 4"
for r in $REPORTS; do
  run $MULING report "$TMP/cycle.db" "$r"
  check "areas-cycle-$r" "$rc $(printf '%s' "$out" | grep -c 'areas: area [0-9]* (.*) is its own ancestor')" "3 1"
done
run $MULING check "$TMP/cycle.db"
check areas-cycle-check "$rc $(printf '%s' "$out" | grep -c '^FOUND area_cycle')" "1 1"
# a chain of areas under a root (walked down first, sql/preflight.sql): its
# last area with 63 areas above it is in a tree, with 64 it is refused, and
# so it is with 63 under a root whose parent is not in areas (the walk up
# takes one step more)
for c in "63 NULL 0" "64 NULL 1" "63 88888 1" "62 88888 0"; do
  set -- $c
  cp "$DB" "$TMP/deep.db"
  $SQLITE3 "$TMP/deep.db" "PRAGMA foreign_keys = OFF;
    WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < $1)
    INSERT INTO areas(id, parent_id, level, name) SELECT 70000 + i, CASE WHEN i = 0 THEN $2 ELSE 70000 + i - 1 END, 'grid', '深' || i FROM k;"
  run $MULING report "$TMP/deep.db" profile
  if [ "$3" = 1 ]; then want="3 1"; else want="0 0"; fi
  check "areas-chain-$1-under-$2" "$rc $(printf '%s' "$out" | grep -c 'areas: area 7[0-9]* (深[0-9]*) has more than 64 ancestors')" "$want"
done
cp "$DB" "$TMP/orgcycle.db"
$SQLITE3 "$TMP/orgcycle.db" "UPDATE party_orgs SET parent_id = 11 WHERE id = 1"
run $MULING report "$TMP/orgcycle.db" org_structure
check party-orgs-cycle "$rc $(printf '%s' "$out" | grep -c 'party_orgs: organisation [0-9]* (.*) is its own ancestor')" "3 1"

# ---- residents without a building ---------------------------------------------
# ten placed by their household, one by nothing: every report runs, the
# population stays, the unplaced one is on its own line.
cp "$DB" "$TMP/unplaced.db"
$SQLITE3 "$TMP/unplaced.db" "UPDATE residents SET area_id = NULL WHERE id IN (SELECT id FROM residents_current ORDER BY id LIMIT 11);
  UPDATE residents SET household_id = NULL WHERE id = (SELECT id FROM residents_current WHERE area_id IS NULL ORDER BY id LIMIT 1);"
for r in $REPORTS; do
  run $MULING report "$TMP/unplaced.db" "$r" --format csv
  check "unplaced-$r-runs" "$rc" 0
done
run $MULING report "$TMP/unplaced.db" profile --format csv
check unplaced-profile-total "$(printf '%s\n' "$out" | grep -c '^3,总人口,5859,')" 1
check unplaced-profile-line "$(printf '%s\n' "$out" | grep -c '^31,未落楼栋 residents not in a building,1,')" 1
run $MULING report "$TMP/unplaced.db" profile --format csv --param area=塔城路社区
check unplaced-profile-community "$(printf '%s\n' "$out" | grep -c '^3,总人口,5858,')" 1
run $MULING report "$TMP/unplaced.db" ethnic_composition --format csv
check unplaced-ethnic-line "$(printf '%s\n' "$out" | grep -c '^—,未落楼栋 not in any area,1,')" 1
# (the composition and the diversity sections)
check unplaced-ethnic-city "$(printf '%s\n' "$out" | grep -c '^city,乌鲁木齐市,5858,')" 2

# ---- -o never names the database -------------------------------------------------
cp "$DB" "$TMP/keep.db"
for target in "$DB" "$DB-journal" "$DB-wal" "$TMP/./s.db"; do
  run $MULING report "$DB" profile -o "$target"
  check "output-refuses-$(basename "$target")" "$rc $(printf '%s' "$out" | grep -c 'is the database')" "2 1"
done
ln "$DB" "$TMP/hardlink.html"
run $MULING report "$DB" profile --format html -o "$TMP/hardlink.html"
check output-refuses-hard-link "$rc" 2
check output-database-intact "$(cmp -s "$DB" "$TMP/keep.db" && echo same) $(ls "$TMP" | grep -c 's.db-')" "same 0"
mkdir "$TMP/out"
printf 'old report\n' > "$TMP/out/r.html"
run $MULING report "$DB" profile --format html -o "$TMP/out/r.html"
check output-written "$rc $(tail -n 1 "$TMP/out/r.html") $(ls "$TMP/out" | tr '\n' ' ')" "0 </html> r.html "
if [ "$(id -u)" != 0 ]; then
  printf 'old report\n' > "$TMP/out/r.html"
  chmod a-w "$TMP/out"
  run $MULING report "$DB" profile -o "$TMP/out/r.html"
  check output-unwritable-dir "$rc $(cat "$TMP/out/r.html") $(ls "$TMP/out" | tr '\n' ' ')" "3 old report r.html "
  chmod u+w "$TMP/out"
fi

# ---- one snapshot: every section agrees while another process writes ------------
# A writer adds residents to one building in small transactions, as an
# import does; each report's sections must count the same population.
cp "$DB" "$TMP/busy.db"
$SQLITE3 "$TMP/busy.db" "PRAGMA journal_mode=WAL" > /dev/null
( i=0; while [ $i -lt 400 ] && [ ! -f "$TMP/stop" ]; do
    $SQLITE3 "$TMP/busy.db" ".timeout 5000" "INSERT INTO residents(name, ethnic_code, area_id) SELECT 'W', '01', 1001 FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3);" 2>/dev/null
    i=$((i + 1)); done ) &
writer=$!
agree=0 runs=0
while [ $runs -lt 8 ]; do
  run $MULING report "$TMP/busy.db" ethnic_composition --format csv
  runs=$((runs + 1))
  # the city's residents in the first section, the city's total in the diversity section
  a=$(printf '%s\n' "$out" | grep '^city,' | head -n 1 | cut -d, -f3)
  b=$(printf '%s\n' "$out" | grep '^city,' | sed -n 2p | cut -d, -f3)
  [ "$rc" = 0 ] && [ -n "$a" ] && [ "$a" = "$b" ] && agree=$((agree + 1))
done
touch "$TMP/stop"
wait $writer
check snapshot-sections-agree "$agree/$runs" "$runs/$runs"
run $MULING check "$TMP/busy.db"
check snapshot-check-runs "$(printf '%s' "$out" | grep -c 'checks found something')" 1
