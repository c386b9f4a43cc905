#!/bin/sh
# needs: shell
# The sqlite3 shell has its own regexp().  `.load` replaces it with PCRE2's
# (lookahead and \p{Han} are PCRE2-only); `SELECT load_extension(...)` cannot
# replace it while its own statement runs (SQLITE_BUSY), and must still load
# with regexp_like and the rest working.
. tests/lib.sh
SO=${EXT%.so}
check builtin-has-no-lookahead "$($SQLITE3 :memory: "select 'ab' regexp 'a(?=b)';" 2>&1 | grep -c 'without operand')" "1"
check dot-load-lookahead "$($SQLITE3 :memory: ".load $SO" "select 'ab' regexp 'a(?=b)';")" "1"
check dot-load-han "$($SQLITE3 :memory: ".load $SO" "select '买买提·艾力' regexp '^\p{Han}+·\p{Han}+$';")" "1"
check dot-load-error-names-regexp "$($SQLITE3 :memory: ".load $SO" "select 'a' regexp 'a(';" 2>&1)" \
  "Error: stepping, regexp: bad pattern at offset 2: missing closing parenthesis"
got=$($SQLITE3 :memory: "select load_extension('$EXT');" "select regexp_like('ab', 'a(?=b)'), regexp_count('a1b22', '\d+'), regexp_replace('a-b', '-', '·');" 2>&1 | tail -n 1)
check select-load-extension-regexp-like "$got" "1|2|a·b"
got=$($SQLITE3 :memory: "select load_extension('$EXT');" "select count(*) from regexp_matches('王五，李四', '\p{Han}+');" 2>&1 | tail -n 1)
check select-load-extension-regexp-matches "$got" "2"
# There REGEXP is still the shell's: documented in docs/regexp.md.
got=$($SQLITE3 :memory: "select load_extension('$EXT');" "select 'ab' regexp 'a(?=b)';" 2>&1 | grep -c "'?' without operand")
check select-load-extension-keeps-builtin-regexp "$got" "1"
# Hosts without a regexp of their own (Python here) get PCRE2's REGEXP.
if [ -x /usr/bin/python3 ]; then
  got=$(/usr/bin/python3 - "$EXT" <<'PY'
import sqlite3, sys
con = sqlite3.connect(":memory:")
con.enable_load_extension(True)
con.load_extension(sys.argv[1])
print(con.execute("select 'ab' regexp 'a(?=b)', regexp_count('买买提·艾力', '\\p{Han}')").fetchone())
PY
)
  check python3-regexp-is-pcre2 "$got" "(1, 5)"
fi
