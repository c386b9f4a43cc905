#!/bin/sh
# needs: shell
# residents.id_number's CHECK is one GLOB of 18 single-character sets
# (sql/schema.sql); files made before it have `length(id_number) = 18 AND
# substr(id_number, 1, 17) NOT GLOB '*[^0-9]*' AND substr(id_number, 18)
# GLOB '[0-9X]'`.  The two must take and refuse the same values, as the
# table stores them (TEXT affinity first): a table with the old CHECK and
# the residents of a new file are offered the same 6,000 values (valid
# numbers; one character changed, dropped or added -- a letter, x, a
# space, a full-width digit, 中, a NUL; integers, reals, blobs, NULL), and
# must keep the same ones.
. tests/lib.sh
PY=/usr/bin/python3
[ -x "$PY" ] || { fail python3 "no $PY"; exit 0; }
$MULING init "$TMP/c.db" > /dev/null || { fail init "muling init failed"; exit 0; }
"$PY" - "$TMP/values.sql" << 'EOF'
import random, sys
rnd = random.Random(11643)
other = ["X", "x", "a", " ", "中", "１", "\0", "-", "+", ".", "e", "٣"]
vals = ["NULL", "''", "110105194912310021", "'11010519491231002X'", "'110105194912310021'", "-11010519491231002",
        "1.10105194912310021e17", "x'313130313035313934393132333130303231'",
        "x'3131303130353139343931323331303032'", "x'31313031303531393439313233313030325800'"]
def lit(s):
    if "\0" in s:
        return "cast(x'%s' as text)" % s.encode().hex()
    return "'" + s.replace("'", "''") + "'"
while len(vals) < 6000:
    s = [rnd.choice("0123456789") for _ in range(17)] + [rnd.choice("0123456789X")]
    k = rnd.randrange(6)
    if k == 1:
        s[rnd.randrange(18)] = rnd.choice(other)
    elif k == 2:
        del s[rnd.randrange(18)]
    elif k == 3:
        s.insert(rnd.randrange(19), rnd.choice(other + list("0123456789")))
    elif k == 4:
        s = s[:rnd.randrange(1, 22)] if rnd.random() < 0.5 else s + [rnd.choice("0123456789X")] * rnd.randrange(1, 3)
    v = "".join(s)
    if k == 5 and rnd.random() < 0.3 and v.isdigit():
        vals.append(v)  # an integer
    else:
        vals.append(lit(v))
with open(sys.argv[1], "w") as f:
    f.write("create temp table vals(k INTEGER PRIMARY KEY, v);\n")
    for i, v in enumerate(vals):
        f.write("insert into vals values (%d, %s);\n" % (i + 1, v))
EOF
got=$("$SQLITE3" -batch "$TMP/c.db" << EOF
.read $TMP/values.sql
create temp table old(k INTEGER PRIMARY KEY, v TEXT CHECK (v IS NULL OR (length(v) = 18
  AND substr(v, 1, 17) NOT GLOB '*[^0-9]*' AND substr(v, 18) GLOB '[0-9X]')));
insert or ignore into temp.old select k, v from vals;
insert or ignore into main.residents(id, name, id_number) select k, 'x', v from vals;
select count(*) from vals;
select count(*) from temp.old;
select count(*) from (select k from temp.old except select id from main.residents);
select count(*) from (select id from main.residents except select k from temp.old);
EOF
)
n=$(printf '%s\n' "$got" | sed -n 2p)
check same-values "$(printf '%s\n' "$got" | sed -n '1p;3p;4p' | tr '\n' ' ')" "6000 0 0 "
case $n in
  ''|*[!0-9]*) fail some-taken "got [$got]" ;;
  *) if [ "$n" -gt 500 ] && [ "$n" -lt 5500 ]; then ok some-taken; else fail some-taken "$n of 6000 taken"; fi ;;
esac
