#!/bin/sh
# win/test.sh — make test-windows: the Windows build under Wine, headless.
#
#   1. build/win64/host.exe (tests/host.c with SQLite built in) loads
#      muling.dll and runs every tests/sql/*.sql; a failure must be one
#      win/known.txt lists (and every line there must still fail);
#   2. win/windows.sql: what only Windows does (UTF-16 file names,
#      backslashes, the refusals of what the build leaves out);
#   3. GB18030 and GBK decoding: every two-byte sequence and a sweep of
#      four-byte ones read by csvfile on Linux and on Windows, byte for byte;
#   4. muling.exe: win/test-cli.sh.
# Prints `ok NAME` / `FAIL NAME: why` and ends `windows: N passed, N failed`.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 3
W=build/win64
WINE=${WINE:-$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)}
WINEPREFIX=$ROOT/$W/wineprefix
WINEDEBUG=-all
export WINEPREFIX WINEDEBUG WINE
unset DISPLAY WAYLAND_DISPLAY
T=$W/test
rm -rf "$T" && mkdir -p "$T" || exit 3
LOG=$T/test.log
: > "$LOG"
say() { printf '%s\n' "$*" | tee -a "$LOG"; }
win() { "$WINE" "$@"; }

# A first start makes the prefix (~15 s); later runs reuse it.
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  win cmd /c exit >/dev/null 2>&1
fi

# 1. every SQL test file, through muling.dll
win $W/host.exe --ext $W/muling.dll tests/sql/*.sql > $T/sql.out 2>&1
tr -d '\r' < $T/sql.out | grep -a '^ok ' | sed 's/^ok /ok sql /' >> "$LOG"
grep -v '^#' win/known.txt | grep -v '^$' > $T/known
: > $T/seen
tr -d '\r' < $T/sql.out | grep -a '^FAIL ' | while IFS= read -r line; do
  rest=${line#FAIL }
  file=${rest%% *}
  case $file in
    *.sql:*:) key="${file%%:*}: ${rest#*: }" ;;                     # FILE:N: MSG
    *) name=${rest#* }; key="$file ${name%% (line*}" ;;           # FILE NAME (line N)
  esac
  if grep -qxF "$key" $T/known; then echo "$key" >> $T/seen
  elif grep -qxF "${file%%:*} *" $T/known; then echo "${file%%:*} *" >> $T/seen
  else say "FAIL sql: $line"; fi
done
while IFS= read -r k; do
  if grep -qxF "$k" $T/seen; then echo "known $k" >> "$LOG"
  else say "FAIL known: '$k' no longer fails on Windows: take it out of win/known.txt"; fi
done < $T/known
if ! tr -d '\r' < $T/sql.out | grep -aq '^host: [0-9]* passed'; then
  say "FAIL sql: host.exe did not finish: $(tail -n 3 $T/sql.out | tr '\n' ' ')"
fi

# 2. Windows only
cp tests/data/csv_small.csv "$T/居民名单.csv"
cp tests/data/xlsx_lo.xlsx "$T/工作簿.xlsx"
cp tests/data/xlsx_lo.xls "$T/旧工作簿.xls"
win $W/host.exe --ext $W/muling.dll win/windows.sql > $T/windows.out 2>&1
tr -d '\r' < $T/windows.out | grep -aE '^(ok|FAIL) ' | sed 's/^\(ok\|FAIL\) /\1 windows: /' | tee -a "$LOG" | grep -a '^FAIL'
tr -d '\r' < $T/windows.out | grep -aq '^host: [0-9]* passed' || say "FAIL windows: host.exe did not finish"

# 3. decoding, Linux against Windows
/usr/bin/python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
two = [bytes([a, b]) for a in range(0x81, 0xFF) for b in range(0x40, 0xFF) if b != 0x7F]
four = [bytes([a, b, c, d]) for a in list(range(0x81, 0x86)) + [0x8F, 0x90, 0x95, 0xE3, 0xE4, 0xFD, 0xFE]
        for b in range(0x30, 0x3A) for c in range(0x81, 0xFF) for d in range(0x30, 0x3A)]
odd = [bytes([a]) for a in range(0x80, 0x100)] + [b'\x81\x30', b'\x81\x30\x81', b'\x81\x20', b'\x81\x7f', b'\xa1\xff', b'\x84\x31\xa4\x39']
with open(t + '/gb.csv', 'wb') as f:
    f.write(b'v\n')
    for s in two + four + odd:
        f.write(b'a' + s + b'z\n')
PY
cat > $T/gb.sql <<'SQL'
create virtual table temp.g using csvfile(filename='build/win64/test/gb.csv', encoding=gb18030, on_error=row);
select _line, hex(v), _error from g;
create virtual table temp.k using csvfile(filename='build/win64/test/gb.csv', encoding=gbk, on_error=row);
select _line, hex(v), _error from k;
SQL
build/host --ext build/muling.so --bench $T/gb.sql > $T/gb.linux 2>&1
win $W/host.exe --ext $W/muling.dll --bench $T/gb.sql 2>&1 | tr -d '\r' > $T/gb.windows
n=$(wc -l < $T/gb.linux)
if [ "$n" -gt 200000 ] && cmp -s $T/gb.linux $T/gb.windows; then
  say "ok decode: GB18030 and GBK, $n rows alike on Linux and Windows"
else
  say "FAIL decode: Linux and Windows differ ($n rows): $(diff $T/gb.linux $T/gb.windows | head -n 4 | tr '\n' ' ')"
fi

# 4. the command
if [ -f win/test-cli.sh ]; then . win/test-cli.sh; fi

# stop this prefix's wineserver (it would linger a few seconds)
WINEPREFIX=$WINEPREFIX "${WINESERVER:-$(command -v wineserver || echo /usr/lib/wine/wineserver64)}" -k 2>/dev/null || true
passed=$(grep -ac '^ok ' "$LOG")
failed=$(grep -ac '^FAIL' "$LOG")
known=$(grep -ac '^known ' "$LOG")
echo "windows: $passed passed, $failed failed ($known known differences: win/known.txt)"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
