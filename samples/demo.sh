#!/bin/sh
# samples/demo.sh — run by `make demo`: the main job on the sample community.
# Creates build/demo.db with `muling init --sample tachenglu`, then prints,
# computed from the records, seed 000's profile, the ethnic composition
# rolled up over the area tree with small-cell protection, the year's points
# ranking, a data-quality check and next month's patrol rota; and writes the
# profile as one self-contained HTML page.
set -eu
cd "$(dirname "$0")/.."
M=build/muling
DB=build/demo.db
rm -f "$DB" "$DB-journal"
$M init "$DB" --sample tachenglu
echo
$M report "$DB" profile
echo
$M report "$DB" ethnic_composition
echo
$M report "$DB" points
echo
# check exits 1 when it finds something: a finding is news, not a failure
$M check "$DB" || [ $? -eq 1 ]
echo
$M roster "$DB" 1 2024-02-01 2024-02-07
$M report "$DB" profile --format html -o build/demo-profile.html
$M report "$DB" ethnic_composition --format html -o build/demo-ethnic.html
echo
echo "HTML: build/demo-profile.html, build/demo-ethnic.html"
echo "Explore: build/muling shell $DB"
