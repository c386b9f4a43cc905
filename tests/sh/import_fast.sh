#!/bin/sh
# cli/import_fast.c transforms the common rows of a residents import in C;
# sql/import_residents.sql decides every other one.  Each file below is
# imported twice into an empty copy of a generated city: as the command
# does it, and with MULING_IMPORT_SQL_ONLY=1 (every row through the SQL).
# The summaries, the rows, the rejects and the warnings must be the same:
# a generated city's street export as it is (its dirty rows too), the same
# without 所属街道/所属社区 (ambiguous buildings), and a file of every
# spelling the transform knows or refuses, with blanks and empty fields.
. tests/lib.sh

GEN=build/generate
[ -x "$GEN" ] || { fail build "$GEN is missing"; exit 0; }
sql() { printf '%s\n' "$2" | "$SQLITE3" -batch "$1" 2>&1; }

"$GEN" --residents 10000 -o "$TMP/city.db" 2> /dev/null || { fail generate "build/generate failed"; exit 0; }
$MULING report "$TMP/city.db" street_export --unmasked --format csv -o "$TMP/all.csv" || fail export "street_export failed"
head -n 3001 "$TMP/all.csv" > "$TMP/export.csv"
cut -d , -f 1-6,9- "$TMP/export.csv" > "$TMP/nocommunity.csv"
# one building of the city, then a person in every spelling
set -- $(sql "$TMP/city.db" "select s.name, m.name, c.name, b.name, r.id_number from residents r
  join areas b on b.id = r.area_id join areas c on c.id = b.parent_id
  join area_ancestors xm on xm.area_id = r.area_id and xm.level = 'community' join areas m on m.id = xm.ancestor_id
  join area_ancestors xs on xs.area_id = r.area_id and xs.level = 'street' join areas s on s.id = xs.ancestor_id
  where length(r.id_number) = 18 and substr(r.id_number, 18) <> 'X'
  order by (select count(*) from areas a where a.name = c.name), r.id limit 1;" | tr '|' ' ')
street=$1 community=$2 comp=$3 bld=$4 id=$5
# an ID number with the check character X, written with x
idx=$(sql "$TMP/city.db" "select lower(id_number) from residents where id_number glob '*X' order by id limit 1;")
{
  echo '姓名,性别,民族,身份证号码,联系电话,所属小区,楼栋,单元,门牌号,户籍性质,是否低保,出生日期,备注,所属街道,所属社区'
  for sex in 男 女 男性 女性 M F m f 未知 ''; do echo "甲$sex,$sex,汉族,,13912345678,$comp,$bld,1,101,,,,,$street,$community"; done
  for e in 汉族 汉 漢族 Han han 01 1 ' 汉族 ' 回族 回 哈族 Kazak 97 98 99 火星族 ''; do echo "乙$e,男,$e,,,$comp,$bld,1,102,,,,,$street,$community"; done
  for p in 13912345678 '139 1234 5678' +8613912345678 008613912345678 139-1234-5678 0991-1234567 12345 '１３９１２３４５６７８' ''; do
    echo "丙,女,汉族,,$p,$comp,$bld,2,201,,,,,$street,$community"; done
  for i in "$id" "$idx" "$(printf %s "$id" | cut -c 1-17)x" " $id " "6.50106E+17" 65010319900101001 650103900101001 650103199001010010 '６５０１０３１９９００１０１００１３'; do
    echo "丁,男,汉族,$i,,$comp,$bld,3,301,,,,,$street,$community"; done
  for r in 户籍 户籍人口 常住 registered 流动 流动人口 暂住 floating 外地 ''; do echo "戊$r,女,汉族,,,$comp,$bld,4,401,$r,,,,$street,$community"; done
  for l in 是 1 Y y yes 否 0 N n no 也许 ''; do echo "己$l,女,汉族,,,$comp,$bld,5,501,,$l,,,$street,$community"; done
  for b in 1990-01-01 1990/1/1 1990.01.01 2023-02-30 19900101 ''; do echo "庚$b,男,汉族,,,$comp,$bld,6,601,,,$b,,$street,$community"; done
  echo "辛,男,汉族,,,$comp,,,,,,,,$street,$community"
  echo "辛二,男,汉族,,,,$bld,,,,,,,$street,$community"
  echo "辛三,男,汉族,,,没有这个小区,$bld,,,,,,,$street,$community"
  echo "辛四,男,汉族,,,,,,,,,,只有备注,,"
  echo "辛六,男,汉族,,,$comp,$bld,1,1,,,,,,$community"
  echo "辛七,男,汉族,,,$comp,$bld,1,1,,,,,别的街道,"
  echo "辛八,男,汉族,,,$comp,$bld,1,1,,,,,别的街道,$community"
  echo "辛九,男,汉族,,,$comp,$bld,1,1,,,,,$street,别的社区"
  echo "辛十,男,汉族,,,$comp,$bld,1,1,,,,,,别的社区"
  echo "壬二  ,男,汉族,,,$comp,$bld,8,802,,,,注  ,$street,$community"
  echo "辛五,男,汉族,,,,,7,,,,,,$street,$community"
  echo "  壬  ,  男  ,  汉族  ,,  13912345678  ,  $comp  ,  $bld  ,  8  ,  801  ,  户籍  ,  否  ,,  注  ,$street,$community"
  echo ",男,汉族,,,$comp,$bld,9,901,,,,,$street,$community"
  echo "癸,男,汉族,,,$comp,$bld,9,901,,,,,$street,$community"
  echo "癸,男,汉族,,,$comp,$bld,9,901,,,,,$street,$community"
} > "$TMP/spellings.csv"
# a building given by its id (and one that is no area: a foreign key reject)
b=$(sql "$TMP/city.db" "select id from areas where level = 'building' order by id limit 1;")
printf '姓名,area_id,household_id,所属小区,楼栋,单元\n子,%s,,%s,%s,1\n丑,%s,,,,\n寅,999999999,,,,\n卯, %s ,,没有,没有,\n' \
  "$b" "$comp" "$bld" "$b" "$b" > "$TMP/given.csv"

empty() {
  rm -f "$1"
  $MULING init "$1" > /dev/null || fail init "muling init $1 failed"
  sql "$1" "attach '$TMP/city.db' as c; insert into areas select * from c.areas;" > /dev/null
}
for f in export nocommunity spellings given; do
  empty "$TMP/c.db"
  empty "$TMP/s.db"
  $MULING import "$TMP/c.db" residents "$TMP/$f.csv" > "$TMP/c.out" 2>&1; crc=$?
  MULING_IMPORT_SQL_ONLY=1 $MULING import "$TMP/s.db" residents "$TMP/$f.csv" > "$TMP/s.out" 2>&1; src=$?
  check "$f-exit" "$crc" "$src"
  check_file "$f-summary" "$TMP/c.out" "$TMP/s.out"
  for db in c s; do
    sql "$TMP/$db.db" "select id, quote(name), quote(sex), quote(birth_date), quote(ethnic_code), quote(id_number), quote(phone),
      quote(area_id), quote(household_id), quote(registration), quote(low_income), quote(note), quote(address_raw)
      from residents order by id;" > "$TMP/$db.rows"
    sql "$TMP/$db.db" "select line, reason, raw from import_rejects order by line;" > "$TMP/$db.rej"
    sql "$TMP/$db.db" "select line, resident_id, kind, detail from import_warnings order by line, kind;" > "$TMP/$db.warn"
  done
  check_file "$f-rows" "$TMP/c.rows" "$TMP/s.rows"
  check_file "$f-rejects" "$TMP/c.rej" "$TMP/s.rej"
  check_file "$f-warnings" "$TMP/c.warn" "$TMP/s.warn"
  check "$f-some-rows" "$(sql "$TMP/c.db" "select count(*) > 2 from residents;")" 1
done
