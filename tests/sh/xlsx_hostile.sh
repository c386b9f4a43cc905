#!/bin/sh
# Hostile workbooks for xlsxfile, made here with Python's zipfile (they are
# no writer's output, on purpose): a zip bomb (declared and lying about its
# size), a truncated zip, a corrupt deflate stream, billion laughs in the XML,
# a sheet with all 1,048,576 rows and one past them, a cell past column XFD;
# and rich-text shared strings with a phonetic guide, under a prefix.
# Each must be a clean error or bounded work; in asan mode the checks run in
# the ASan host against the ASan extension.
. tests/lib.sh
HOST=build/host
[ "$MODE" = asan ] && HOST=build/asan/host
PY=/usr/bin/python3
$PY - "$TMP" "$ROOT/tests/data/xlsx_openpyxl.xlsx" <<'PY' || { fail make "python3 could not write the workbooks"; exit 0; }
import sys, zipfile, struct, zlib
tmp, good = sys.argv[1], sys.argv[2]
src = zipfile.ZipFile(good)
parts = {n: src.read(n) for n in src.namelist()}
SHEET = "xl/worksheets/sheet1.xml"
HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b'</sheetData></worksheet>'
def book(name, replace, level=6):
    with zipfile.ZipFile(f"{tmp}/{name}", "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for n, data in parts.items():
            z.writestr(n, replace.get(n, data))
# 1. a zip bomb: 16 MiB of blanks inside the sheet (packs ~1000:1)
bomb = HEAD + b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>' + b" " * (16 << 20) + TAIL
book("bomb.xlsx", {SHEET: bomb}, 9)
# 2. the same, its directory lying: the sheet claims as many bytes unpacked as packed
data = bytearray(open(f"{tmp}/bomb.xlsx", "rb").read())
zi = zipfile.ZipFile(f"{tmp}/bomb.xlsx").getinfo(SHEET)
struct.pack_into("<I", data, zi.header_offset + 22, zi.compress_size)
cd = data.rfind(b"PK\x01\x02" + data[data.find(b"PK\x01\x02") + 4:data.find(b"PK\x01\x02") + 4][:0])
pos = 0
while True:
    pos = data.find(b"PK\x01\x02", pos)
    if pos < 0: break
    nlen = struct.unpack_from("<H", data, pos + 28)[0]
    if data[pos + 46:pos + 46 + nlen] == SHEET.encode():
        struct.pack_into("<I", data, pos + 24, zi.compress_size)
    pos += 4
open(f"{tmp}/liar.xlsx", "wb").write(data)
# 3. truncated: the first half of a good workbook
g = open(good, "rb").read()
open(f"{tmp}/truncated.xlsx", "wb").write(g[: len(g) // 2])
# 4. a corrupt deflate stream: bytes in the middle of the sheet's data flipped
book("plain.xlsx", {})
data = bytearray(open(f"{tmp}/plain.xlsx", "rb").read())
zi = zipfile.ZipFile(f"{tmp}/plain.xlsx").getinfo(SHEET)
start = zi.header_offset + 30 + len(SHEET.encode())
for i in range(start + 40, start + 60):
    data[i] ^= 0x5A
open(f"{tmp}/corrupt.xlsx", "wb").write(data)
# 5. billion laughs, in the workbook part and in the sheet
lol = b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>\n'
book("lol_sheet.xlsx", {SHEET: lol + HEAD[HEAD.index(b"<worksheet"):] + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>' + TAIL})
wbx = parts["xl/workbook.xml"]
book("lol_workbook.xlsx", {"xl/workbook.xml": lol + wbx[wbx.index(b"<workbook"):]})
# an entity that is not declared at all
book("entity.xlsx", {SHEET: HEAD + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>' + TAIL})
# 6. every row of a sheet, A1..A1048576, and one row past them
rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i % 10) for i in range(1, 1048577))
book("million.xlsx", {SHEET: HEAD + b'<row r="1"><c r="A1" t="inlineStr"><is><t>n</t></is></c></row>' + rows[rows.index(b'<row r="2"'):] + TAIL}, 1)
book("past_rows.xlsx", {SHEET: HEAD + b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048577"><c r="A1048577"><v>1</v></c></row>' + TAIL})
book("past_cols.xlsx", {SHEET: HEAD + b'<row r="1"><c r="XFE1"><v>1</v></c></row>' + TAIL})
book("backwards.xlsx", {SHEET: HEAD + b'<row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>' + TAIL})
# not hostile, but hand-made on purpose: rich-text shared strings (runs
# joined) with a phonetic guide (rPh, left out), and a namespace prefix
sst = (b'<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
       b'<x:si><x:t>h</x:t></x:si><x:si><x:r><x:t>\xe5\xbc\xa0</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve"> \xe4\xb8\x89</x:t></x:r>'
       b'<x:rPh sb="0" eb="1"><x:t>zhang</x:t></x:rPh></x:si></x:sst>')
rich_sheet = (b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
              b'<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>')
parts2 = dict(parts)
parts2["xl/sharedStrings.xml"] = sst
with zipfile.ZipFile(f"{tmp}/rich.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for n, data in parts2.items():
        z.writestr(n, rich_sheet if n == SHEET else data)
book("bad_sst.xlsx", {SHEET: HEAD + b'<row r="1"><c r="A1" t="s"><v>7</v></c></row>' + TAIL})
PY
E="create virtual table temp.e using xlsxfile(filename="
cat > "$TMP/hostile.sql" <<SQL
select 'bomb', test_error('${E}''$TMP/bomb.xlsx'')') like 'xlsxfile: ''$TMP/bomb.xlsx'': xl/worksheets/sheet1.xml unpacks % bytes into %, more than 100 times (a zip bomb?)';
select 'bomb-lying-sizes', test_error('${E}''$TMP/liar.xlsx'')') like 'xlsxfile: ''$TMP/liar.xlsx'': xl/worksheets/sheet1.xml unpacks % bytes into %, more than 100 times (a zip bomb?)';
select 'truncated', test_error('${E}''$TMP/truncated.xlsx'')') = 'xlsxfile: ''$TMP/truncated.xlsx'' is not a readable zip archive (truncated or corrupt)';
select 'corrupt-deflate', test_error('${E}''$TMP/corrupt.xlsx'')') = 'xlsxfile: ''$TMP/corrupt.xlsx'': xl/worksheets/sheet1.xml: corrupt or truncated zip data';
select 'billion-laughs-sheet', test_error('${E}''$TMP/lol_sheet.xlsx'')') = 'xlsxfile: ''$TMP/lol_sheet.xlsx'': xl/worksheets/sheet1.xml: has a DTD, which a workbook never has (refused: it could expand entities)';
select 'billion-laughs-workbook', test_error('${E}''$TMP/lol_workbook.xlsx'')') = 'xlsxfile: ''$TMP/lol_workbook.xlsx'': xl/workbook.xml: has a DTD, which a workbook never has (refused: it could expand entities)';
select 'undeclared-entity', test_error('${E}''$TMP/entity.xlsx'')') = 'xlsxfile: ''$TMP/entity.xlsx'': xl/worksheets/sheet1.xml: line 2: undefined entity';
select 'past-last-row', test_error('${E}''$TMP/past_rows.xlsx'')') = 'xlsxfile: ''$TMP/past_rows.xlsx'': xl/worksheets/sheet1.xml: row number ''1048577'' is not 1 to 1048576';
select 'past-last-column', test_error('${E}''$TMP/past_cols.xlsx'')') = 'xlsxfile: ''$TMP/past_cols.xlsx'': xl/worksheets/sheet1.xml: cell reference ''XFE1'' is outside a sheet (A1 to XFD1048576)';
select 'rows-backwards', test_error('${E}''$TMP/backwards.xlsx'')') = 'xlsxfile: ''$TMP/backwards.xlsx'': xl/worksheets/sheet1.xml: row 3 comes after row 5';
select 'bad-shared-string', test_error('${E}''$TMP/bad_sst.xlsx'')') = 'xlsxfile: ''$TMP/bad_sst.xlsx'': xl/worksheets/sheet1.xml: row 1: shared string ''7'' does not exist (there are 0)';
create virtual table temp.rich using xlsxfile(filename='$TMP/rich.xlsx');
select 'rich-text-and-phonetic', (select h from rich) = '张 三';
create virtual table temp.million using xlsxfile(filename='$TMP/million.xlsx');
select 'million-rows', (select count(*) || ',' || max(_line) || ',' || sum(n) from million) = '1048575,1048576,4718585';
create virtual table temp.million_range using xlsxfile(filename='$TMP/million.xlsx', range='A1:A11');
select 'million-range-stops', (select count(*) || ',' || max(_line) from million_range) = '10,11';
SQL
out=$($HOST --ext "$EXT" "$TMP/hostile.sql" 2>&1)
printf '%s\n' "$out" | grep -aE '^(ok|FAIL) ' | sed "s|^ok $TMP/hostile.sql|ok $T|; s|^FAIL $TMP/hostile.sql|FAIL $T|"
printf '%s\n' "$out" | grep -aq '^ok ' || fail host "$(printf '%s\n' "$out" | tail -n 3 | tr '\n' ' ')"
