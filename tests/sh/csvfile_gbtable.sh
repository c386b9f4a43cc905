#!/bin/sh
# needs: shell
# csvfile reads a GB18030/GBK two-byte character from a table it made by
# asking iconv about every two-byte code (ext/csvfile.c, csvGbBuild), and
# hands everything else to iconv.  This compares what it reads with glibc's
# iconv itself, called from Debian's python3 (ctypes) the way csvfile
# called it for every character before the table: the text converted
# until iconv stops, U+FFFD for the byte it stopped at (EILSEQ, or EINVAL
# at the end of the text), then on after it.  Every value, _raw and _error
# must be the same, byte for byte:
#   - every two-byte code (lead 0x81-0xFE, trail 0x40-0xFE, 0x7F included),
#     alone in a field and between ASCII, unquoted and quoted, in GB18030
#     and in GBK (their tables differ: A1A4, A1AA, the user-defined areas);
#   - random files in both encodings with delimiters , | and tab: two-byte
#     codes, the user-defined areas (AAA1-AFFE, F8A1-FEFE, A140-A7A0),
#     four-byte characters (BMP and beyond, valid or past the table's end),
#     0x80 (the euro in some GBK tables, nothing in GB18030), 0xFF, a lead
#     byte before ASCII or at the end, a lead and a digit cut short, quoted
#     fields with quotes, delimiters and line breaks, CRLF line ends.
. tests/lib.sh
SO=${EXT%.so}
PY=/usr/bin/python3
[ -x "$PY" ] || { fail python3 "no $PY"; exit 0; }

cat > "$TMP/gen.py" << 'EOF'
import ctypes, random, sys
tmp = sys.argv[1]
libc = ctypes.CDLL("libc.so.6", use_errno=True)
libc.iconv_open.restype = ctypes.c_void_p
libc.iconv_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
P = ctypes.POINTER(ctypes.c_void_p)
S = ctypes.POINTER(ctypes.c_size_t)
libc.iconv.restype = ctypes.c_size_t
libc.iconv.argtypes = [ctypes.c_void_p, P, S, P, S]
FAIL = ctypes.c_size_t(-1).value
E2BIG = 7

def opener(name):
    cd = libc.iconv_open(b"UTF-8", name.encode())
    if cd is None or cd == ctypes.c_void_p(-1).value:
        sys.exit("iconv_open %s failed" % name)
    return cd

def decode(cd, data):
    """UTF-8 of data and whether a byte was replaced, as csvfile's loop
    around iconv did it before the table."""
    if not data:
        return b"", False
    inbuf = ctypes.create_string_buffer(data, len(data))
    size = 4 * len(data) + 8
    outbuf = ctypes.create_string_buffer(size)
    ip = ctypes.c_void_p(ctypes.addressof(inbuf)); il = ctypes.c_size_t(len(data))
    op = ctypes.c_void_p(ctypes.addressof(outbuf)); ol = ctypes.c_size_t(size)
    bad = False
    while il.value > 0:
        if libc.iconv(cd, ctypes.byref(ip), ctypes.byref(il), ctypes.byref(op), ctypes.byref(ol)) != FAIL:
            break
        if ctypes.get_errno() == E2BIG:
            sys.exit("E2BIG")
        bad = True
        ctypes.memmove(op.value, b"\xef\xbf\xbd", 3)
        op.value += 3; ol.value -= 3
        ip.value += 1; il.value -= 1
    return outbuf.raw[:op.value - ctypes.addressof(outbuf)], bad

def gbnext(enc, state, c):
    # ext/csvfile.c csvGbNext: does byte c continue a character?
    if state == 1:
        if enc == "GB18030" and 0x30 <= c <= 0x39: return 2
        if 0x40 <= c <= 0xfe and c != 0x7f: return 0
        return -1
    if state == 2:
        return 3 if 0x81 <= c <= 0xfe else -1
    return 0 if 0x30 <= c <= 0x39 else -1

def unquoted(enc, delim, data):
    """data made safe as an unquoted field: a byte the parser would read
    as syntax (the delimiter, a quote, CR, LF) or a NUL becomes q, and a
    character left open at the end is closed by z."""
    out, state = bytearray(), 0
    for c in data:
        if state:
            n = gbnext(enc, state, c)
            if n >= 0:
                state = n; out.append(c); continue
            state = 0
        if c in (delim, 0x22, 0x0d, 0x0a, 0):
            c = 0x71
        elif 0x81 <= c <= 0xfe:
            state = 1
        out.append(c)
    if state:
        out.append(0x7a)
    return bytes(out)

def four(lin):
    b4 = lin % 10; lin //= 10
    b3 = lin % 126; lin //= 126
    b2 = lin % 10; b1 = lin // 10
    return bytes([0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4])

def token(rnd):
    k = rnd.randrange(16)
    if k < 4:
        return bytes([rnd.randrange(0x20, 0x7f)])
    if k < 7:  # GB2312's hanzi
        return bytes([rnd.randrange(0xb0, 0xf8), rnd.randrange(0xa1, 0xff)])
    if k == 7:  # any two bytes a lead may have after it
        return bytes([rnd.randrange(0x81, 0xff), rnd.randrange(0x40, 0x100)])
    if k == 8:  # user-defined areas
        a = rnd.choice([(0xaa, 0xaf, 0xa1, 0xfe), (0xf8, 0xfe, 0xa1, 0xfe), (0xa1, 0xa7, 0x40, 0xa0)])
        return bytes([rnd.randint(a[0], a[1]), rnd.randint(a[2], a[3])])
    if k == 9:  # four bytes in the BMP part (39420 codes), or past it
        return four(rnd.randrange(0, 39420 + 200))
    if k == 10:  # four bytes beyond the BMP (0x90308130 on), or past U+10FFFF
        return four(189000 + rnd.randrange(0, 1048576 + 200))
    if k == 11:  # any lead, digit, lead, digit
        return bytes([rnd.randrange(0x81, 0xff), rnd.randrange(0x30, 0x3a), rnd.randrange(0x81, 0xff), rnd.randrange(0x30, 0x3a)])
    if k == 12:
        return rnd.choice([b"\x80", b"\xff", b"\xa2\xe3", b"\x80\x80", b"\xfe\xfe", b"\x81\x7f"])
    if k == 13:  # a lead before ASCII below 0x40, or a lead and a digit cut short
        return rnd.choice([bytes([rnd.randrange(0x81, 0xff), rnd.randrange(0x21, 0x40)]),
                           bytes([rnd.randrange(0x81, 0xff), rnd.randrange(0x30, 0x3a)]),
                           bytes([rnd.randrange(0x81, 0xff), rnd.randrange(0x30, 0x3a), rnd.randrange(0x81, 0xff)])])
    if k == 14:
        return rnd.choice([b'"', b",", b"|", b"\t", b"\r\n", b"\n", b"\r"])
    return bytes([rnd.randrange(0x81, 0xff)])

def row_out(enc, cd, line, fields, raw):
    err, vals = "", []
    for i, f in enumerate(fields):
        v, bad = decode(cd, f)
        if bad and not err:
            err = "encoding: field %d: invalid %s bytes" % (i + 1, enc)
        vals.append(v.hex().upper())
    return "%d|%s|%s|%s\n" % (line, err, decode(cd, raw)[0].hex().upper(), "|".join(vals)), err != ""

def write(name, enc, header, rows):
    """rows: (raw bytes, line end, fields' bytes)"""
    cd = opener(enc)
    text, want, bad = bytearray(header), [], 0
    line = 1 + header.count(b"\n")
    for raw, end, fields in rows:
        s, b = row_out(enc, cd, line, fields, raw)
        want.append(s); bad += b
        text += raw + end
        line += (raw + end).count(b"\n")
    open("%s/%s.csv" % (tmp, name), "wb").write(text)
    open("%s/%s.want" % (tmp, name), "w").write("".join(want))
    return len(rows), bad

summary = []
for enc in ("GB18030", "GBK"):
    rows = []
    for a in range(0x81, 0xff):
        for b in range(0x40, 0xff):
            c = bytes([a, b])
            if (a + b) % 2:
                rows.append((c + b",x" + c + b"y", b"\n", [c, b"x" + c + b"y"]))
            else:
                rows.append((c + b',"x' + c + b'y"', b"\n", [c, b"x" + c + b"y"]))
    n, bad = write("every_" + enc, enc, b"a,b\n", rows)
    summary.append("every_%s %d rows %d bad" % (enc, n, bad))
    for dname, d in (("comma", 0x2c), ("bar", 0x7c), ("tab", 0x09)):
        rnd = random.Random("%s-%s" % (enc, dname))
        rows = []
        for _ in range(400):
            fields, parts = [], []
            for _ in range(3):
                data = b"".join(token(rnd) for _ in range(rnd.randrange(0, 12))).replace(b"\0", b"")
                if rnd.random() < 0.3:
                    parts.append(b'"' + data.replace(b'"', b'""') + b'"'); fields.append(data)
                else:
                    data = unquoted(enc, d, data)
                    parts.append(data); fields.append(data)
            raw = bytes([d]).join(parts)
            rows.append((raw, rnd.choice([b"\n", b"\r\n"]), fields))
        n, bad = write("random_%s_%s" % (enc, dname), enc, bytes([0x61, d, 0x62, d, 0x63, 0x0a]), rows)
        summary.append("random_%s_%s %d rows" % (enc, dname, n) + (" some bad" if 0 < bad < n else " bad %d" % bad))
print("\n".join(summary))
EOF
summary=$("$PY" "$TMP/gen.py" "$TMP") || { fail generate "gen.py failed"; exit 0; }
# every file has rows, some of them with bad bytes and some without
check summary "$summary" "every_GB18030 24066 rows $(printf '%s\n' "$summary" | sed -n 's/^every_GB18030 24066 rows \([1-9][0-9]*\) bad$/\1/p') bad
random_GB18030_comma 400 rows some bad
random_GB18030_bar 400 rows some bad
random_GB18030_tab 400 rows some bad
every_GBK 24066 rows $(printf '%s\n' "$summary" | sed -n 's/^every_GBK 24066 rows \([1-9][0-9]*\) bad$/\1/p') bad
random_GBK_comma 400 rows some bad
random_GBK_bar 400 rows some bad
random_GBK_tab 400 rows some bad"

for f in "$TMP"/*.csv; do
  name=$(basename "$f" .csv)
  enc=${name#*_}; enc=${enc%%_*}
  case $name in
    *_bar) d='|' ;;
    *_tab) d='\t' ;;
    *) d=',' ;;
  esac
  cols="hex(a), hex(b)"
  case $name in random_*) cols="hex(a), hex(b), hex(c)" ;; esac
  $SQLITE3 :memory: ".load $SO" \
    "create virtual table temp.s using csvfile(filename='$f', encoding=$enc, delimiter='$d', on_error=row);" \
    "select _line, coalesce(_error, ''), hex(_raw), $cols from s;" > "$TMP/$name.got" 2>&1
  check_file "same-as-iconv-$name" "$TMP/$name.got" "$TMP/$name.want"
done

# GBK and GB18030 read some two-byte codes differently (their tables are
# iconv's for each): the files of every code must not give the same text
if cmp -s "$TMP/every_GB18030.want" "$TMP/every_GBK.want"; then
  fail gbk-differs "GBK and GB18030 gave the same text for every two-byte code"
else
  ok gbk-differs
fi

# one connection keeps a table for each encoding: reading GB18030 then
# GBK, or GBK then GB18030, gives each its own
for order in "GB18030 GBK" "GBK GB18030"; do
  set -- $order
  $SQLITE3 :memory: ".load $SO" \
    "create virtual table temp.s using csvfile(filename='$TMP/every_$1.csv', encoding=$1, on_error=row);" \
    "create virtual table temp.t using csvfile(filename='$TMP/every_$2.csv', encoding=$2, on_error=row);" \
    "select _line, coalesce(_error, ''), hex(_raw), hex(a), hex(b) from s;" \
    "select _line, coalesce(_error, ''), hex(_raw), hex(a), hex(b) from t;" > "$TMP/both.got" 2>&1
  cat "$TMP/every_$1.want" "$TMP/every_$2.want" > "$TMP/both.want"
  check_file "one-connection-$1-then-$2" "$TMP/both.got" "$TMP/both.want"
done
