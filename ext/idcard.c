/*
** idcard.c — Chinese ID numbers (GB 11643-1999 公民身份号码) and the
** residence permits and foreign permanent-resident cards built like them.
**
**   SELECT idcard_valid('11010519491231002X');        -- 1
**   SELECT idcard_kind('11010519491231002X');         -- 'resident'
**   SELECT idcard_normalize(' １１０１０５１９４９１２３１００２ｘ ');
**                                                     -- '11010519491231002X'
**   SELECT idcard_normalize('110105491231002');       -- '110105194912310021'
**   SELECT idcard_check_char('11010519491231002');    -- 'X'
**   SELECT idcard_birth(id), idcard_sex(id), idcard_age(id),
**          idcard_age(id, '2024-06-30'), idcard_region(id),
**          idcard_province(id) FROM residents;
**   SELECT idcard_problems(id, birth_date, sex, '2024-06-30') FROM residents;
**                                                     -- NULL, 'invalid', 'birth,sex', …
**   SELECT idcard_mask('11010519491231002X');         -- '1***************2X'
**   SELECT idcard_mask('11010519491231002X', 6, 4);   -- '110105********002X'
**
** The number: 6-digit address code (GB/T 2260), 8-digit birth date, 3-digit
** sequence (odd for men, even for women), ISO 7064 MOD 11-2 check character
** (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; sum mod 11 = 0..10 gives
** 1 0 X 9 8 7 6 5 4 3 2).  Kinds:
**   resident    居民身份证: province 11–65 (the 31 of GB/T 2260) or 71
**   hmt_permit  港澳台居民居住证: address code exactly 810000, 820000, 830000
**   foreign_pr  外国人永久居留身份证 (2023): first digit 9, digits 2–3 the
**               province of the accepting office, 4–6 the nationality
**
** What each function accepts:
**   idcard_valid and every function that reads a field (kind, birth, sex,
**   age, region, province) accept exactly the canonical 18 characters — 17
**   ASCII digits and a check character, with 'x' taken for 'X' — so
**   `idcard_birth(id) IS NOT NULL` exactly when `idcard_valid(id)`.  Messy
**   input (blanks, full-width characters, 15-digit numbers) goes through
**   idcard_normalize first.  idcard_mask masks anything (see below).
**   Integers are read as their decimal digits (a column with numeric
**   affinity turns an ID without X into an integer); reals are never a
**   valid ID.  A blob is an error naming the function and argument.
**   NULL in any argument gives NULL.
**   idcard_check_char(first17) reads its argument as idcard_normalize does
**   (blanks dropped, full-width digits read as ASCII) and answers the
**   check character ('0'..'9' or 'X') if exactly 17 digits remain, else
**   NULL; it does not judge the region or the date.
**
** idcard_age(id) reads today's date (local time), so it is registered
** DIRECTONLY and not DETERMINISTIC; idcard_age(id, as_of) is pure.  Age is
** in completed years (周岁); someone born on 29 February turns a year older
** on 1 March in common years; an as_of before the birth date gives NULL.
**
** idcard_mask(id [, head, tail]) keeps the first `head` (default 1, at most
** 6) and last `tail` (default 2, at most 4) characters of the normalised
** number and writes '*' for the rest, so the birth date (digits 7–14) never
** shows; head or tail outside those ranges is an error, not clamped.  Input
** that does not normalise is masked character by character the same way,
** but only if at least 8 characters stay hidden; otherwise every character
** becomes '*'.
*/
#include "common.h"
#include "idcard_check.h" /* the check character, shared with samples/generate.c */

#include <stdint.h>
#include <string.h>

enum { KIND_NONE = 0, KIND_RESIDENT, KIND_HMT, KIND_FOREIGN };

static const char *const kind_names[] = {0, "resident", "hmt_permit",
                                         "foreign_pr"};

/* Province-level names by the first two digits (DOMAIN.md); 83 is the
** address code Taiwan residents' permits use (830000). */
static const char *const province_names[100] = {
    [11] = "北京", [12] = "天津",   [13] = "河北",   [14] = "山西",
    [15] = "内蒙古", [21] = "辽宁", [22] = "吉林",   [23] = "黑龙江",
    [31] = "上海", [32] = "江苏",   [33] = "浙江",   [34] = "安徽",
    [35] = "福建", [36] = "江西",   [37] = "山东",   [41] = "河南",
    [42] = "湖北", [43] = "湖南",   [44] = "广东",   [45] = "广西",
    [46] = "海南", [50] = "重庆",   [51] = "四川",   [52] = "贵州",
    [53] = "云南", [54] = "西藏",   [61] = "陕西",   [62] = "甘肃",
    [63] = "青海", [64] = "宁夏",   [65] = "新疆",   [71] = "台湾",
    [81] = "香港", [82] = "澳门",   [83] = "台湾",
};

/* What a two-digit prefix can start: 1 a resident's card (the 31 mainland
** provinces and Taiwan), 2 only a residence permit (81/82/83 + 0000). */
static const unsigned char prefix_kind[100] = {
    [11] = 1, [12] = 1, [13] = 1, [14] = 1, [15] = 1, [21] = 1, [22] = 1,
    [23] = 1, [31] = 1, [32] = 1, [33] = 1, [34] = 1, [35] = 1, [36] = 1,
    [37] = 1, [41] = 1, [42] = 1, [43] = 1, [44] = 1, [45] = 1, [46] = 1,
    [50] = 1, [51] = 1, [52] = 1, [53] = 1, [54] = 1, [61] = 1, [62] = 1,
    [63] = 1, [64] = 1, [65] = 1, [71] = 1, [81] = 2, [82] = 2, [83] = 2,
};

/* Days in each month of a common year, 1-based. */
static const unsigned char month_days[13] = {0,  31, 28, 31, 30, 31, 30,
                                             31, 31, 30, 31, 30, 31};

/* The kind of the 18 bytes at z, or KIND_NONE if they are no valid number.
** 'x' counts as 'X'.  This is the hot path of idcard_valid: no allocation,
** one pass over the digits, table lookups for the rest. */
static int id_kind18(const unsigned char *z) {
  unsigned sum = 0;
  for (int i = 0; i < 17; i++) {
    unsigned d = (unsigned)z[i] - '0';
    if (d > 9) return KIND_NONE;
    sum += d * idcard_weights[i];
  }
  unsigned c = z[17];
  if (c == 'x') c = 'X';
  if (c != (unsigned char)idcard_check_chars[sum % 11]) return KIND_NONE;

  unsigned y = (z[6] - '0') * 1000u + (z[7] - '0') * 100u +
               (z[8] - '0') * 10u + (z[9] - '0');
  unsigned m = (z[10] - '0') * 10u + (z[11] - '0');
  unsigned d = (z[12] - '0') * 10u + (z[13] - '0');
  if (y < 1800 || m < 1 || m > 12 || d < 1) return KIND_NONE;
  if (d > month_days[m]) {
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (!(m == 2 && d == 29 && leap)) return KIND_NONE;
  }

  unsigned p = (z[0] - '0') * 10u + (z[1] - '0');
  if (z[0] == '9') {
    /* Digits 2–3 name the accepting office's province. */
    unsigned q = (z[1] - '0') * 10u + (z[2] - '0');
    return prefix_kind[q] == 1 && q != 71 ? KIND_FOREIGN : KIND_NONE;
  }
  switch (prefix_kind[p]) {
    case 1:
      return KIND_RESIDENT;
    case 2:
      return memcmp(z + 2, "0000", 4) == 0 ? KIND_HMT : KIND_NONE;
    default:
      return KIND_NONE;
  }
}

/* Fetch the ID argument's bytes, as mu_text_arg does: 0 with *pz, *pn
** set; 1 for NULL (the caller answers NULL); -1 after reporting an error. */
static int id_arg(sqlite3_context *ctx, sqlite3_value *v, const char *fn,
                  const unsigned char **pz, int *pn) {
  return mu_text_arg(ctx, v, fn, "id", pz, pn);
}

/* Fetch a strictly valid ID: returns its kind (> 0), KIND_NONE when the
** caller should answer NULL (NULL or not a valid number), -1 on error. */
static int id_valid_arg(sqlite3_context *ctx, sqlite3_value *v, const char *fn,
                        const unsigned char **pz) {
  int n = 0;
  int rc = id_arg(ctx, v, fn, pz, &n);
  if (rc != 0) return rc < 0 ? -1 : KIND_NONE;
  if (n != 18) return KIND_NONE;
  return id_kind18(*pz);
}

/* Read z[0..n) as an ID is typed or exported: blanks anywhere (ASCII,
** no-break and ideographic spaces) are dropped, full-width digits and
** Ｘ/ｘ become ASCII, x becomes X.  Writes the characters to out and
** returns how many, or -1 on any other character or on more than max. */
static int id_chars(const unsigned char *z, int n, char *out, int max) {
  int k = 0;
  for (int i = 0; i < n;) {
    char c;
    if (z[i] >= '0' && z[i] <= '9') {
      /* nearly every character: an ASCII digit, not blank, taken as it is */
      if (k == max) return -1;
      out[k++] = (char)z[i++];
      continue;
    }
    int len;
    unsigned cp = mu_utf8_char(z, i, n, &len);
    i += len;
    if (mu_is_blank_cp(cp)) continue;
    if (cp >= 0xFF10 && cp <= 0xFF19) {
      c = (char)('0' + (cp - 0xFF10));
    } else if (cp == 'X' || cp == 'x' || cp == 0xFF38 || cp == 0xFF58) {
      c = 'X';
    } else {
      return -1;
    }
    if (k == max) return -1;
    out[k++] = c;
  }
  return k;
}

/* Clean z[0..n) into the canonical 18 characters in out[] (NUL-terminated):
** read as id_chars reads it, and a 15-digit number gets '19' before its
** year and a computed check character.
** Returns the kind (> 0), or KIND_NONE if the result is no valid number. */
static int id_clean(const unsigned char *z, int n, char out[19]) {
  int k = id_chars(z, n, out, 18);
  if (k < 0) return KIND_NONE;
  if (k == 15) {
    for (int i = 0; i < 15; i++)
      if (out[i] == 'X') return KIND_NONE;
    memmove(out + 8, out + 6, 9);
    out[6] = '1';
    out[7] = '9';
    out[17] = idcard_check_of(out);
    k = 18;
  }
  out[k] = 0;
  if (k != 18) return KIND_NONE;
  return id_kind18((const unsigned char *)out);
}

int mu_idcard_normalize(const unsigned char *z, int n, char out[19]) {
  return id_clean(z, n, out) != KIND_NONE;
}

/* ---- the SQL functions ------------------------------------------------ */

static void validFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int n;
  int rc = id_arg(ctx, argv[0], "idcard_valid", &z, &n);
  if (rc == 0) sqlite3_result_int(ctx, n == 18 && id_kind18(z) != KIND_NONE);
}

static void kindFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int kind = id_valid_arg(ctx, argv[0], "idcard_kind", &z);
  if (kind > 0) sqlite3_result_text(ctx, kind_names[kind], -1, SQLITE_STATIC);
}

static void normalizeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int n;
  if (id_arg(ctx, argv[0], "idcard_normalize", &z, &n) != 0) return;
  char out[19];
  if (id_clean(z, n, out) != KIND_NONE)
    sqlite3_result_text(ctx, out, 18, SQLITE_TRANSIENT);
}

/* idcard_check_char(first17): the check character the first 17 digits
** call for, so a check character can be named (import's id_check reject)
** without trying all eleven. */
static void checkCharFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int n;
  if (mu_text_arg(ctx, argv[0], "idcard_check_char", "first17", &z, &n) != 0)
    return;
  /* Read as idcard_normalize reads an ID; only 17 digits have an answer. */
  char d[17];
  if (id_chars(z, n, d, 17) != 17 || memchr(d, 'X', 17)) return;
  char c = idcard_check_of(d);
  sqlite3_result_text(ctx, &c, 1, SQLITE_TRANSIENT);
}

static void birthFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  if (id_valid_arg(ctx, argv[0], "idcard_birth", &z) <= 0) return;
  char out[10] = {(char)z[6], (char)z[7], (char)z[8],  (char)z[9], '-',
                  (char)z[10], (char)z[11], '-', (char)z[12], (char)z[13]};
  sqlite3_result_text(ctx, out, 10, SQLITE_TRANSIENT);
}

static void sexFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  if (id_valid_arg(ctx, argv[0], "idcard_sex", &z) <= 0) return;
  sqlite3_result_text(ctx, (z[16] - '0') % 2 ? "M" : "F", 1, SQLITE_STATIC);
}

/* The as_of argument v of function fn as days (mu_date_value): 0 when it
** is a date; 2 when it is NULL (the caller answers NULL); 1 when it is no
** date, with the error naming fn already set. */
static int as_of_arg(sqlite3_context *ctx, sqlite3_value *v, const char *fn, int *asof) {
  int rc = mu_date_value(v, asof);
  if (rc != 1) return rc;
  if (sqlite3_value_type(v) == SQLITE_BLOB) {
    mu_error(ctx, "%s: as_of must be a date 'YYYY-MM-DD', got a blob", fn);
    return 1;
  }
  const char *t = (const char *)sqlite3_value_text(v);
  if (t == 0) {
    sqlite3_result_error_nomem(ctx);
    return 1;
  }
  mu_error(ctx, "%s: as_of must be a date 'YYYY-MM-DD', got '%s'", fn, t);
  return 1;
}

static void ageFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int kind = id_valid_arg(ctx, argv[0], "idcard_age", &z);
  if (kind < 0) return;
  int asof;
  if (argc > 1) {
    if (as_of_arg(ctx, argv[1], "idcard_age", &asof) != 0) return;
  } else {
    asof = mu_today();
  }
  if (kind == KIND_NONE) return;
  int by = (z[6] - '0') * 1000 + (z[7] - '0') * 100 + (z[8] - '0') * 10 +
           (z[9] - '0');
  int bmd = ((z[10] - '0') * 10 + (z[11] - '0')) * 100 + (z[12] - '0') * 10 +
            (z[13] - '0');
  int y, m, d;
  mu_civil_from_days(asof, &y, &m, &d);
  int age = y - by - (m * 100 + d < bmd);
  if (age < 0) return; /* as_of before the birth date */
  sqlite3_result_int(ctx, age);
}

/* idcard_problems(id, birth_date, sex [, as_of]): what is wrong with a
** record's ID number and the fields it determines, in one call (muling
** check judges every resident with it in one pass).  NULL when id is NULL
** or valid and agreeing; 'invalid' when id is no valid number; else the
** disagreements, ','-joined in this order: birth (birth_date is not the
** ID's 'YYYY-MM-DD'), sex (not the ID's 'M'/'F'), future (the ID's birth
** date after as_of).  birth_date and sex NULL are not compared; a value
** that is not that exact text (another spelling, a number, a blob)
** disagrees.  as_of as idcard_age's: NULL gives NULL, a non-date is an
** error. */
static void problemsFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int asof = 0; /* YYYYMMDD */
  /* as_of is parsed once per statement when it is a constant (muling
  ** check's date('now', 'localtime')): kept as the statement's aux data. */
  const int *kept = argc > 3 ? sqlite3_get_auxdata(ctx, 3) : 0;
  if (kept) {
    asof = *kept;
  } else if (argc > 3) {
    if (as_of_arg(ctx, argv[3], "idcard_problems", &asof) != 0) return;
    int *keep = sqlite3_malloc(sizeof *keep);
    if (!keep) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    int y, m, d;
    mu_civil_from_days(asof, &y, &m, &d);
    asof = *keep = y * 10000 + m * 100 + d; /* compared as YYYYMMDD */
    sqlite3_set_auxdata(ctx, 3, keep, sqlite3_free);
  }
  const unsigned char *z;
  int n;
  if (id_arg(ctx, argv[0], "idcard_problems", &z, &n) != 0) return;
  if (n != 18 || id_kind18(z) == KIND_NONE) {
    sqlite3_result_text(ctx, "invalid", -1, SQLITE_STATIC);
    return;
  }
  char out[sizeof "birth,sex,future"];
  int k = 0;
  if (sqlite3_value_type(argv[1]) != SQLITE_NULL) {
    const char birth[10] = {(char)z[6], (char)z[7], (char)z[8],  (char)z[9], '-',
                            (char)z[10], (char)z[11], '-', (char)z[12], (char)z[13]};
    const unsigned char *b = 0;
    if (sqlite3_value_type(argv[1]) == SQLITE_TEXT) {
      b = sqlite3_value_text(argv[1]);
      if (b == 0) {
        sqlite3_result_error_nomem(ctx);
        return;
      }
    }
    if (!b || sqlite3_value_bytes(argv[1]) != 10 || memcmp(b, birth, 10) != 0) {
      memcpy(out + k, "birth", 5);
      k += 5;
    }
  }
  if (sqlite3_value_type(argv[2]) != SQLITE_NULL) {
    const unsigned char *s = 0;
    if (sqlite3_value_type(argv[2]) == SQLITE_TEXT) {
      s = sqlite3_value_text(argv[2]);
      if (s == 0) {
        sqlite3_result_error_nomem(ctx);
        return;
      }
    }
    if (!s || sqlite3_value_bytes(argv[2]) != 1 || s[0] != ((z[16] - '0') % 2 ? 'M' : 'F')) {
      if (k) out[k++] = ',';
      memcpy(out + k, "sex", 3);
      k += 3;
    }
  }
  if (argc > 3) {
    int y = (z[6] - '0') * 1000 + (z[7] - '0') * 100 + (z[8] - '0') * 10 + (z[9] - '0');
    int m = (z[10] - '0') * 10 + (z[11] - '0'), d = (z[12] - '0') * 10 + (z[13] - '0');
    if (y * 10000 + m * 100 + d > asof) {
      if (k) out[k++] = ',';
      memcpy(out + k, "future", 6);
      k += 6;
    }
  }
  if (k) sqlite3_result_text(ctx, out, k, SQLITE_TRANSIENT);
}

static void regionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int kind = id_valid_arg(ctx, argv[0], "idcard_region", &z);
  /* A foreign permanent resident's number carries no address code. */
  if (kind == KIND_RESIDENT || kind == KIND_HMT)
    sqlite3_result_text(ctx, (const char *)z, 6, SQLITE_TRANSIENT);
}

static void provinceFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int kind = id_valid_arg(ctx, argv[0], "idcard_province", &z);
  if (kind == KIND_RESIDENT || kind == KIND_HMT)
    sqlite3_result_text(ctx, province_names[(z[0] - '0') * 10 + (z[1] - '0')],
                        -1, SQLITE_STATIC);
}

/* Read head or tail of idcard_mask: returns 0 ok, 1 NULL, -1 error. */
static int mask_count(sqlite3_context *ctx, sqlite3_value *v, const char *what,
                      int max, int *out) {
  int t = sqlite3_value_type(v);
  if (t == SQLITE_NULL) return 1;
  if (t == SQLITE_INTEGER) {
    sqlite3_int64 k = sqlite3_value_int64(v);
    if (k >= 0 && k <= max) {
      *out = (int)k;
      return 0;
    }
    mu_error(ctx, "idcard_mask: %s must be an integer from 0 to %d, got %lld",
             what, max, k);
    return -1;
  }
  if (t == SQLITE_BLOB) {
    mu_error(ctx, "idcard_mask: %s must be an integer from 0 to %d, got a blob",
             what, max);
    return -1;
  }
  const char *s = (const char *)sqlite3_value_text(v);
  if (s == 0) {
    sqlite3_result_error_nomem(ctx);
    return -1;
  }
  mu_error(ctx, t == SQLITE_TEXT
                    ? "idcard_mask: %s must be an integer from 0 to %d, got '%s'"
                    : "idcard_mask: %s must be an integer from 0 to %d, got %s",
           what, max, s);
  return -1;
}

/* 1 if z[0..16) are all ASCII digits: eight bytes at a time (a byte b
** below 0x80 is a digit when b + 0x50 reaches 0x80 and b + 0x46 does not;
** neither sum carries into the next byte). */
static int digits16(const unsigned char *z) {
  const uint64_t h = 0x8080808080808080u, o = 0x0101010101010101u;
  for (int i = 0; i < 16; i += 8) {
    uint64_t v;
    memcpy(&v, z + i, 8);
    if (((v + o * 0x50) & ~(v + o * 0x46) & ~v & h) != h) return 0;
  }
  return 1;
}

static void maskFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int head = 1, tail = 2;
  if (argc == 3) {
    int rh = mask_count(ctx, argv[1], "head", 6, &head);
    if (rh < 0) return;
    int rt = mask_count(ctx, argv[2], "tail", 4, &tail);
    if (rt < 0 || rh || rt) return;
  }
  const unsigned char *z;
  int n;
  if (id_arg(ctx, argv[0], "idcard_mask", &z, &n) != 0) return;
  /* 18 ASCII digits, or 17 and X: masked the same whether the number is
  ** valid (its clean form is these bytes) or not (18 characters show
  ** head and tail, head + tail being at most 10), so not checked */
  if (n == 18 && digits16(z) && z[16] >= '0' && z[16] <= '9' &&
      ((z[17] >= '0' && z[17] <= '9') || z[17] == 'X')) {
    /* head at most 6, tail at most 4: they never meet */
    char out[18];
    memset(out, '*', sizeof(out));
    memcpy(out, z, (size_t)head);
    memcpy(out + 18 - tail, z + 18 - tail, (size_t)tail);
    sqlite3_result_text(ctx, out, 18, SQLITE_TRANSIENT);
    return;
  }

  char clean[19];
  if (id_clean(z, n, clean) != KIND_NONE) {
    char out[18];
    for (int i = 0; i < 18; i++)
      out[i] = (i < head || i >= 18 - tail) ? clean[i] : '*';
    sqlite3_result_text(ctx, out, 18, SQLITE_TRANSIENT);
    return;
  }

  /* Not an ID: mask it character by character, blanks at the ends off. */
  int b = 0, e = n, len;
  while (b < e && mu_is_blank_cp(mu_utf8_char(z, b, n, &len))) b += len;
  for (;;) {
    int p = e - 1;
    while (p > b && (z[p] & 0xC0) == 0x80) p--;
    if (p < b || !mu_is_blank_cp(mu_utf8_char(z, p, e, &len)) || p + len != e) break;
    e = p;
  }
  int chars = 0;
  for (int i = b; i < e; i += len) {
    mu_utf8_char(z, i, e, &len);
    chars++;
  }
  int show = chars >= head + tail + 8;
  sqlite3_str *s = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  int idx = 0;
  for (int i = b; i < e; i += len, idx++) {
    mu_utf8_char(z, i, e, &len);
    if (show && (idx < head || idx >= chars - tail))
      sqlite3_str_append(s, (const char *)z + i, len);
    else
      sqlite3_str_appendchar(s, 1, '*');
  }
  int rc = sqlite3_str_errcode(s);
  int olen = sqlite3_str_length(s);
  char *out = sqlite3_str_finish(s);
  if (rc != SQLITE_OK) {
    sqlite3_free(out);
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (out == 0) {
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
    return;
  }
  sqlite3_result_text(ctx, out, olen, sqlite3_free);
}

int muling_register_idcard(sqlite3 *db) {
  static const struct {
    const char *name;
    int nargs;
    int flags;
    void (*fn)(sqlite3_context *, int, sqlite3_value **);
  } fns[] = {
      /* Pure: the answer depends on the arguments alone (MU_PURE). */
      {"idcard_valid", 1, MU_PURE, validFunc},
      {"idcard_kind", 1, MU_PURE, kindFunc},
      {"idcard_normalize", 1, MU_PURE, normalizeFunc},
      {"idcard_check_char", 1, MU_PURE, checkCharFunc},
      {"idcard_birth", 1, MU_PURE, birthFunc},
      {"idcard_sex", 1, MU_PURE, sexFunc},
      {"idcard_age", 2, MU_PURE, ageFunc},
      {"idcard_problems", 3, MU_PURE, problemsFunc},
      {"idcard_problems", 4, MU_PURE, problemsFunc},
      {"idcard_region", 1, MU_PURE, regionFunc},
      {"idcard_province", 1, MU_PURE, provinceFunc},
      {"idcard_mask", 1, MU_PURE, maskFunc},
      {"idcard_mask", 3, MU_PURE, maskFunc},
      /* Reads the clock: not deterministic, and DIRECTONLY so a view or
      ** index cannot freeze today's answer (MU_DIRECT). */
      {"idcard_age", 1, MU_DIRECT, ageFunc},
  };
  for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
    int rc = sqlite3_create_function_v2(db, fns[i].name, fns[i].nargs,
                                        fns[i].flags, 0, fns[i].fn, 0, 0, 0);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}
