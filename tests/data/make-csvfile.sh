#!/bin/sh
# Rebuilds the csvfile test data in tests/data (run from the repo root; the
# outputs are checked in, so tests never need python3 or gzip).
#   street_export_gb18030.csv/.json  copied from the shared fixtures
#   street_export_gb18030.csv.gz     the same file through the gzip tool
#   csv_*.csv                        small hand-made files, exact bytes below
set -eu
cd tests/data
gzip -9 -n -c street_export_gb18030.csv > street_export_gb18030.csv.gz
python3 - <<'PY'
def w(name, data):
    open(name, "wb").write(data)
# UTF-8, LF, header, quoting: embedded delimiter, line break, doubled quotes
w("csv_small.csv", 'id,name,note\n1,李明,plain\n2,"王, 芳","line one\nline two"\n3,"say ""hi""",\n'.encode())
# BOM + CRLF, last line without a line end
w("csv_bom_crlf.csv", b"\xef\xbb\xbf" + "id,name\r\n1,张三\r\n2,\"李\r\n四\"\r\n3,王五".encode())
# GB18030's own byte-order mark (84 31 95 33)
w("csv_bom_gb18030.csv", b"\x84\x31\x95\x33" + "名称,值\r\n甲,1\r\n".encode("gb18030"))
# no header, semicolons, an empty line and a blank CRLF line to skip
w("csv_semicolon.csv", "a;b;c\n\n1;2;3\r\n\r\n4;5;6\n".encode())
# a header, then rows after empty LF and CRLF lines, one of them bad (line 8)
w("csv_empty_lines.csv", "id,v\n\n1,a\n\n\n2,b\r\n\r\n3,c,extra\n4,d\n".encode())
# tab-separated
w("csv_tab.tsv", "x\ty\n1\t2\n".encode())
# blank, duplicate and reserved header names
w("csv_names.csv", " 姓名 ,,姓名,_line,C2,c2\n1,2,3,4,5,6\n".encode())
# a row with too many and one with too few fields
w("csv_counts.csv", "a,b,c\n1,2,3\n4,5,6,7\n8,9\n10,11,12\n".encode())
# invalid UTF-8 on line 3 (field 2): a lone continuation byte and an overlong
w("csv_bad_utf8.csv", b"a,b\n1,ok\n2,bad\x80x\n3,\xc0\xafz\n")
# GB18030 with an invalid byte pair on line 3 (field 2) and a 4-byte character
w("csv_bad_gb18030.csv", "名称,值\n1,𠀀\n".encode("gb18030") + b"2,\x81\x20\n" + "3,好\n".encode("gb18030"))
# a quote left open until the end of the file (line 3)
w("csv_unclosed.csv", 'a,b\n1,2\n3,"never closed\n4,5\n'.encode())
# text after a closing quote (line 2, field 2)
w("csv_after_quote.csv", 'a,b\n1,"x"y\n2,z\n'.encode())
# a quote inside an unquoted field is data; a lone CR inside a field too
w("csv_quote_inside.csv", b'a,b\n5"3,x\ry\n')
# empty file
w("csv_empty.csv", b"")
# GBK with '|' as the delimiter: 東 is 96 7C, 瑋 is AC 7C (trail byte = '|')
w("csv_gbk_pipe.csv", "城市|姓名\n東城|陳瑋\n億|x\n".encode("gbk"))
# GB18030 bigger than the 32 KiB read buffer, rows of 2- and 4-byte
# characters; the header is padded until byte 32768 (the first buffer
# boundary) falls inside a 4-byte character
for pad in range(8):
    rows = ["n,text" + "x" * pad]
    for i in range(1, 1201):
        rows.append("%d,%s" % (i, ("睦邻𠀀À" * (1 + i % 7))))
    data = ("\r\n".join(rows) + "\r\n").encode("gb18030")
    cut = data[:32768].decode("gb18030", "replace")
    if cut.endswith("\ufffd") and data[32766:32768] == "𠀀".encode("gb18030")[:2]:
        break
w("csv_boundary_gb18030.csv", data)
PY
gzip -9 -n -c csv_boundary_gb18030.csv > csv_boundary_gb18030.csv.gz
# two gzip members (cat a.gz b.gz) and a gzip file whose name says .csv
printf 'a,b\n1,2\n' | gzip -n > csv_members.csv.gz
printf '3,4\n' | gzip -n -1 >> csv_members.csv.gz
printf 'a,b\n1,2\n' | gzip -n > csv_gzip_named.csv
# a plain file whose name says .gz
printf 'a,b\n1,2\n' > csv_plain_named.csv.gz
# truncated and corrupted gzip
head -c 40 street_export_gb18030.csv.gz > csv_truncated.csv.gz
python3 -c "
d = bytearray(open('csv_members.csv.gz','rb').read()); d[12] ^= 0xff
open('csv_corrupt.csv.gz','wb').write(d)"
