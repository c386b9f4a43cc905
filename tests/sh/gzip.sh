#!/bin/sh
# needs: shell
# gunzip stops at the connection's SQLITE_LIMIT_LENGTH (set here with the
# shell's .limit): a small blob that inflates past it is an error, one that
# inflates to exactly the limit is not.  The gzip tool reads gzip()'s output.
. tests/lib.sh
SO=${EXT%.so}
q() { $SQLITE3 :memory: ".load $SO" ".limit length 100000" "$1" 2>&1 | grep -v '^ *length'; }
check limit-exact "$(q "select length(gunzip(gzip(zeroblob(100000))));")" "100000"
check limit-members-exact "$(q "select length(gunzip(gzip(zeroblob(50000)) || gzip(zeroblob(50000))));")" "100000"
check limit-over "$(q "select length(gunzip(gzip(zeroblob(50000)) || gzip(zeroblob(50001))));")" \
  "Error: stepping, gunzip: output longer than the length limit of 100000 bytes"
# two small members whose sum passes the limit: stops, allocating at most limit + 1
check limit-bomb "$(q "select length(gunzip(gzip(zeroblob(99999), 9) || gzip(zeroblob(99999), 9)));")" \
  "Error: stepping, gunzip: output longer than the length limit of 100000 bytes"
$SQLITE3 :memory: ".load $SO" "select writefile('$TMP/g.gz', gzip('睦邻 hello' || char(10), 9));" > /dev/null
check gzip-tool-reads "$(gzip -dc "$TMP/g.gz")" "睦邻 hello"
printf 'one\n' | gzip > "$TMP/a.gz"; printf 'two\n' | gzip -9 >> "$TMP/a.gz"
check gunzip-tool-members "$($SQLITE3 :memory: ".load $SO" "select cast(gunzip(readfile('$TMP/a.gz')) as text);")" "one
two"
