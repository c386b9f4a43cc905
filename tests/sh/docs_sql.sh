#!/bin/sh
# needs: shell
# Docs that run: every ```sql block of docs/*.md and README.md runs against
# the 塔城路 sample in the sqlite3 shell with the extension loaded (each on a
# fresh copy, so an UPDATE in one does not change the next; from the repo
# root, as the README's `.load ./build/muling` expects), without an error.
# A block followed by an ```output block must print exactly that (the
# shell's default list mode: columns separated by '|').
#   ```sql empty   runs on an empty muling schema instead (an example that
#                  builds its own scheme)
#   ```sql files   reads files the reader has and the repo does not (a CSV,
#                  an .xlsx): not run, and counted apart
. tests/lib.sh
DB=$TMP/sample.db
cat sql/schema.sql samples/tachenglu/*.sql | $SQLITE3 -bail "$DB" || { fail build-sample "load failed"; exit 0; }
$SQLITE3 -bail "$TMP/empty.db" < sql/schema.sql || { fail build-empty "schema failed"; exit 0; }
SO=${EXT%.so}
mkdir -p "$TMP/blocks"
/usr/bin/python3 - "$TMP/blocks" docs/*.md README.md <<'PY'
import os, re, sys
out = sys.argv[1]
n = 0
for path in sys.argv[2:]:
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        info = lines[i].strip()
        if info in ('```sql', '```sql empty', '```sql files'):
            start = i + 1
            j = start
            while j < len(lines) and lines[j].strip() != '```':
                j += 1
            sql = '\n'.join(lines[start:j]) + '\n'
            k = j + 1
            while k < len(lines) and lines[k].strip() == '':
                k += 1
            expect = None
            if k < len(lines) and lines[k].strip() == '```output':
                e = k + 1
                while e < len(lines) and lines[e].strip() != '```':
                    e += 1
                expect = '\n'.join(lines[k + 1:e]) + '\n'
            kind = {'```sql': 'sample', '```sql empty': 'empty', '```sql files': 'files'}[info]
            name = '%s_%d.%s' % (path.replace('/', '_').replace('.md', ''), start, kind)
            open(os.path.join(out, name + '.sql'), 'w', encoding='utf-8').write(sql)
            if expect is not None:
                open(os.path.join(out, name + '.out'), 'w', encoding='utf-8').write(expect)
            n += 1
            i = j
        i += 1
pass
PY
count=0 files=0
for f in "$TMP"/blocks/*.sql; do
  [ -f "$f" ] || continue
  name=$(basename "$f" .sql)
  case $name in
    *.files) files=$((files + 1)); continue ;;
    *.empty) cp "$TMP/empty.db" "$TMP/run.db" ;;
    *) cp "$DB" "$TMP/run.db" ;;
  esac
  got=$($SQLITE3 -bail "$TMP/run.db" ".load $SO" ".read $f" 2>&1); rc=$?
  count=$((count + 1))
  if [ $rc -ne 0 ] || printf '%s' "$got" | grep -q '^\(Parse error\|Runtime error\|Error\)'; then
    fail "$name" "$(printf '%s' "$got" | grep -i error | head -n 2 | tr '\n' ' ')"
  elif [ -f "$TMP/blocks/$name.out" ]; then
    printf '%s\n' "$got" > "$TMP/got"
    check_file "$name-output" "$TMP/got" "$TMP/blocks/$name.out"
  else
    ok "$name"
  fi
done
[ $count -gt 20 ] || fail blocks "only $count sql blocks found in docs/"
echo "# docs_sql: $count blocks run, $files need files the repo does not have"
