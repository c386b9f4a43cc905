#!/bin/sh
# Rebuilds the workbook fixtures of tests/sql/xlsxfile.sql in tests/data (run
# from the repo root; the outputs are checked in, so `make test` needs no
# LibreOffice).  Two independent writers, neither of them muling:
#   xlsx_openpyxl.xlsx  written by Debian's python3-openpyxl 3.0.9: inline
#                       strings, numbers, date styles, an empty row, merged
#                       header cells, three sheets
#   xlsx_1904.xlsx      the same writer with the 1904 date system
#   xlsx_lo.xlsx        xlsx_openpyxl.xlsx opened and saved by LibreOffice
#                       (soffice --headless --convert-to xlsx): shared
#                       strings, LibreOffice's styles and number formats
#   xlsx_lo.xls         the same saved as Excel 97-2003 (BIFF8)
#   xlsx_lo_1904.xlsx   xlsx_1904.xlsx saved by LibreOffice
# Needs: apt-get install python3-openpyxl libreoffice-calc-nogui
set -eu
cd tests/data
/usr/bin/python3 - <<'PY'
import datetime, openpyxl
from openpyxl.styles import Font
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "居民"
ws.append(["序号", "姓名", "性别", "民族", "身份证号码", "联系电话", "所属小区",
           "楼栋", "单元", "门牌号", "户籍性质", "是否低保", "出生日期", "备注"])
D = datetime.date
rows = [
    [1, "努尔兰·别克", "男", "哈萨克族", "650103198709286002", 13912345678, "红旗小区", "6号楼", "3单元", 501, "户籍", "否", D(1987, 9, 28), None],
    [2, "古丽娜尔", "女", "维吾尔族", 6.50106e17, "17476125049", "红旗小区", "6号楼", "3单元", "502", "户籍", "是", D(1990, 1, 1), "身份证号码是数字"],
    [3, "王建国", "男", "汉族", 650106199001011234, 18099112233, "建设小区", "1号楼", "1单元", 101, "流动", "否", D(1990, 1, 1), None],
    [4, "李秀英", "女", "汉", "11010519491231002X", None, "建设小区", "1号楼", "2单元", 202, "户籍", "否", D(1949, 12, 31), '他说"马上搬走", 待核实\n第二行'],
    [5, "马哈木提", "男", "回族", "650102194808068524", 13800138000, "红旗小区", "2号楼", "1单元", 301, "户籍", "否", D(1948, 8, 6), None],
]
for r in rows:
    ws.append(r)
ws.append([])  # row 7: empty
ws.append([6, "阿依古丽", "女", "哈族", "650104200002291226", 13999990000, "红旗小区", "2号楼", "2单元", 302, "户籍", "否", D(2000, 2, 29), "  前后有空格  "])
for r in range(2, ws.max_row + 1):
    ws.cell(r, 13).number_format = "yyyy-mm-dd"
ws["A1"].font = Font(bold=True)

m = wb.create_sheet("表头合并")
m.merge_cells("A1:E1")
m["A1"] = "塔城路社区2024年走访登记"
m.append(["姓名", "住址", None, None, "电话"])
m.merge_cells("B2:D2")
m.append(["张三", "红旗小区", "6号楼", "3单元", 13912345678])
m.append(["李四", "建设小区", "1号楼", None, None])

k = wb.create_sheet("类型")
k.append(["文本", "整数", "小数", "日期", "日期时间", "时间", "中文日期", "布尔", "大数"])
k.append(["甲", 42, 3.25, D(2024, 2, 29), datetime.datetime(2024, 3, 1, 8, 30, 15),
          datetime.time(17, 45), D(2023, 10, 23), True, 1234567890123456789])
k.append(["乙", -7, 0.1, D(1900, 3, 1), datetime.datetime(1999, 12, 31, 23, 59, 59),
          datetime.time(0, 0, 1), D(2024, 10, 11), False, 1e-7])
for r in (2, 3):
    k.cell(r, 4).number_format = "yyyy-mm-dd"
    k.cell(r, 5).number_format = "yyyy-mm-dd hh:mm:ss"
    k.cell(r, 6).number_format = "hh:mm:ss"
    k.cell(r, 7).number_format = 'yyyy"年"m"月"d"日"'
wb.save("xlsx_openpyxl.xlsx")

b = openpyxl.Workbook()
b.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
s = b.active
s.title = "1904"
s.append(["名称", "日期"])
s.append(["闰日", D(2024, 2, 29)])
s.append(["纪元次日", D(1904, 1, 2)])
for r in (2, 3):
    s.cell(r, 2).number_format = "yyyy-mm-dd"
b.save("xlsx_1904.xlsx")
PY
out=$(mktemp -d)
HOME=$out soffice --headless --convert-to xlsx --outdir "$out" xlsx_openpyxl.xlsx >/dev/null
HOME=$out soffice --headless --convert-to xls --outdir "$out" xlsx_openpyxl.xlsx >/dev/null
HOME=$out soffice --headless --convert-to xlsx --outdir "$out" xlsx_1904.xlsx >/dev/null
mv "$out/xlsx_openpyxl.xlsx" xlsx_lo.xlsx
mv "$out/xlsx_openpyxl.xls" xlsx_lo.xls
mv "$out/xlsx_1904.xlsx" xlsx_lo_1904.xlsx
rm -rf "$out"
