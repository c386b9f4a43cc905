#!/bin/sh
# needs: shell
# csvfile in the real sqlite3 shell: a csvfile table stored in a database file
# can be read directly, but a view or trigger of that file cannot reach it
# (DIRECTONLY), whatever trusted_schema says.  And a .csv.gz made here by the
# gzip tool, also as two concatenated members, reads like the plain file.
. tests/lib.sh
SO=${EXT%.so}
DB=$TMP/hostile.db
DATA=$ROOT/tests/data/csv_small.csv
$SQLITE3 "$DB" ".load $SO" \
  "create virtual table t using csvfile(filename='$DATA');" \
  "create view v as select * from t;" \
  "create table log(x);" \
  "create trigger tr after insert on log when new.x = 1 begin insert into log select id from t; end;" \
  || fail setup "could not create the database"
check direct "$($SQLITE3 "$DB" ".load $SO" "select count(*) from t;" 2>&1)" "3"
for trust in on off; do
  got=$($SQLITE3 "$DB" ".load $SO" "pragma trusted_schema=$trust;" "select count(*) from v;" 2>&1)
  case $got in
    *'unsafe use of virtual table "t"'*) ok "view-blocked-trusted-$trust" ;;
    *) fail "view-blocked-trusted-$trust" "got [$got]" ;;
  esac
  got=$($SQLITE3 "$DB" ".load $SO" "pragma trusted_schema=$trust;" "insert into log values (1);" "select count(*) from log;" 2>&1)
  case $got in
    *'unsafe use of virtual table "t"'*) ok "trigger-blocked-trusted-$trust" ;;
    *) fail "trigger-blocked-trusted-$trust" "got [$got]" ;;
  esac
done

FX=tests/data/street_export_gb18030.csv
gzip -c "$FX" > "$TMP/street.csv.gz"
head -n 300 "$FX" | gzip -1 > "$TMP/street2.csv.gz"
tail -n +301 "$FX" | gzip -9 >> "$TMP/street2.csv.gz"
SUM="select count(*), count(_error), sum(crc32(_raw)), max(_line) from s;"
want=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$FX', encoding=gb18030, on_error=row);" "$SUM")
check plain-sum "$want" "600|7|$(printf '%s' "$want" | cut -d'|' -f3)|639"
for f in street.csv.gz street2.csv.gz; do
  got=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$TMP/$f', encoding=gb18030, on_error=row);" "$SUM")
  check "gzip-tool-$f" "$got" "$want"
done

# a row longer than SQLITE_LIMIT_LENGTH (an unclosed quote would make one)
# stops with the line: it is not buffered without end
{ printf 'a,b\n1,2\n3,"'; i=0; while [ $i -lt 30 ]; do printf 'ten bytes\n'; i=$((i+1)); done; } > "$TMP/long.csv"
got=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$TMP/long.csv');" \
  ".limit length 200" "select count(*) from s;" 2>&1 | grep -v '^ *length')
check row-length-limit "$got" "Error: stepping, csvfile: line 3: row longer than the length limit of 200 bytes"

# _raw of a GB18030 row is the row decoded: for a row of unquoted fields it
# is put together from the decoded fields (no second decode of the row),
# for any other row the row is decoded again.  Both give what reading the
# same row from its UTF-8 copy gives, quotes, "" and a CR inside a field
# included, at any delimiter (東 is 96 7C in GB18030: its second byte is |).
for d in , '|'; do
  u=$TMP/raw_utf8.csv; g=$TMP/raw_gb.csv
  printf '姓名%s民族%s备注\n张三%s汉族%s住在“东”楼\n"李%s四"%s"回""族"%s东\r西\n王 五%s%s\n"赵六"%s藏族%s"多\n行"\n東%s%s丨\n' \
    "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$d" "$d" > "$u"
  iconv -f utf-8 -t gb18030 "$u" > "$g"
  Q="select _line, _raw from s where _error is null order by _line;"
  want=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$u', delimiter='$d', on_error=row);" "$Q")
  got=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$g', encoding=gb18030, delimiter='$d', on_error=row);" "$Q")
  n=$(printf '%s\n' "$want" | grep -c '^[0-9]')
  check "raw-gb18030-as-utf8-delim$d" "$got|rows $n" "$want|rows 5"
done

# a GB18030 row decoded at once still names the field of a NUL or of bad
# bytes, as field by field does, with one field or several
# (中 is D6 D0 and 文 CE C4 in GB18030)
printf 'a\n\326\320\000\n' > "$TMP/nul1.csv"
printf 'a,b,c\n\326\320,\316\304\000,x\n\326\320,\201\060,x\n' > "$TMP/nul3.csv"
got=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$TMP/nul1.csv', encoding=gb18030, on_error=row);" \
  "select _line, _error from s;")
check gb18030-nul-one-field "$got" "2|encoding: field 1: a NUL byte (0x00) in the text"
got=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$TMP/nul3.csv', encoding=gb18030, on_error=row);" \
  "select _line, _error from s;")
check gb18030-nul-bad-field "$got" "2|encoding: field 2: a NUL byte (0x00) in the text
3|encoding: field 2: invalid GB18030 bytes"

# an unquoted GB18030/GBK field is taken in runs over whole characters: a
# lead byte before a delimiter or a byte no character has there still ends
# the character, and the delimiter still splits (81 then , is no
# character; 東 is 96 7C, whose | is data with delimiter |; 81 30 81 30 is
# one 4-byte character in GB18030, a bad pair and a digit twice in GBK)
printf 'a,b,c\n\201,x,\226\174\n\201\060\201\060,\201\060,y\n' > "$TMP/gbrun.csv"
printf 'a|b\n\226\174\226\174|\226\174\n' > "$TMP/gbrun2.csv"
for e in gb18030 gbk; do
  got=$($SQLITE3 :memory: ".load $SO" "create virtual table temp.s using csvfile(filename='$TMP/gbrun.csv', encoding=$e, on_error=row);" \
    "select _line, coalesce(_error, 'ok'), hex(a), hex(b), hex(c) from s;" \
    "create virtual table temp.t using csvfile(filename='$TMP/gbrun2.csv', encoding=$e, delimiter='|', on_error=row);" \
    "select _line, coalesce(_error, 'ok'), a, b from t;")
  case $e in
    gb18030) want="2|encoding: field 1: invalid GB18030 bytes|EFBFBD|78|E69DB1
3|encoding: field 2: invalid GB18030 bytes|C280|EFBFBD30|79
2|ok|東東|東" ;;
    gbk) want="2|encoding: field 1: invalid GBK bytes|EFBFBD|78|E69DB1
3|encoding: field 1: invalid GBK bytes|EFBFBD30EFBFBD30|EFBFBD30|79
2|ok|東東|東" ;;
  esac
  check "gb-run-$e" "$got" "$want"
done
