/*
** phone.c — mainland mobile numbers, and masking of phones and names.
**
**   SELECT phone_valid('+86 180-1234-1999');       -- 1
**   SELECT phone_normalize('0086 180 1234 1999');  -- '18012341999'
**   SELECT phone_mask('180-1234-1999');            -- '180****1999'
**   SELECT name_mask('李小明');                     -- '李**'
**   SELECT name_mask('努尔兰·别克');                -- '努**·**'
**
** A mainland mobile number is 11 digits, 1[3-9] and 9 more.  The text may
** carry blanks (ASCII, no-break, ideographic) and hyphens anywhere, a
** +86 or 0086 country prefix, and full-width digits; nothing else.
** Integers are read as their decimal digits.
**
**   phone_normalize(text)  the 11 digits, or NULL if not a mobile number
**   phone_valid(text)      1 or 0
**   phone_mask(text)       first 3 + '****' + last 4 of the normalised
**                          number; text that is not a mobile number (a
**                          landline, a foreign number, a note) comes back
**                          trimmed with every digit, ASCII or full-width,
**                          replaced by '*', so it never leaks more than a
**                          valid number would
**   name_mask(text)        the first character, then one '*' per further
**                          character; the separators of transcribed names
**                          (· • ・ ． . and blanks) are kept, so
**                          '努尔兰·别克' gives '努**·**'.  A one-character
**                          name gives '*' (keeping it would show it all).
**                          Blanks at the ends are trimmed; characters are
**                          UTF-8 characters (a stray byte counts as one).
**
** NULL gives NULL; a blob is an error naming the function and argument.
*/
#include "common.h"

#include <string.h>

/* Trim blanks off both ends of z[0..*pn): returns the new start. */
static const unsigned char *trim(const unsigned char *z, int *pn) {
  int n = *pn, len;
  while (n > 0 && mu_is_blank_cp(mu_utf8_char(z, 0, n, &len))) z += len, n -= len;
  for (;;) {
    int p = n - 1;
    while (p > 0 && (z[p] & 0xC0) == 0x80) p--;
    if (p < 0 || !mu_is_blank_cp(mu_utf8_char(z, p, n, &len)) || p + len != n) break;
    n = p;
  }
  *pn = n;
  return z;
}

/* The 11 digits of a mainland mobile number in z[0..n) into out[12]:
** returns 1 if it is one, else 0. */
static int phone_digits(const unsigned char *z, int n, char out[12]) {
  char d[16];
  int k = 0, plus = 0;
  for (int i = 0; i < n;) {
    if (z[i] >= '0' && z[i] <= '9' && k < (int)sizeof(d)) {
      /* nearly every character: an ASCII digit, taken as it is */
      d[k++] = (char)z[i++];
      continue;
    }
    int len;
    unsigned cp = mu_utf8_char(z, i, n, &len);
    i += len;
    if (mu_is_blank_cp(cp) || cp == '-' || cp == 0xFF0D) continue;
    if (cp == '+' || cp == 0xFF0B) {
      if (k != 0 || plus) return 0; /* '+' only in front */
      plus = 1;
      continue;
    }
    if (cp >= 0xFF10 && cp <= 0xFF19) cp = '0' + (cp - 0xFF10);
    if (cp < '0' || cp > '9' || k == (int)sizeof(d)) return 0;
    d[k++] = (char)cp;
  }
  const char *p = d;
  if (plus) {
    if (k != 13 || d[0] != '8' || d[1] != '6') return 0;
    p += 2, k -= 2;
  } else if (k == 15 && memcmp(d, "0086", 4) == 0) {
    p += 4, k -= 4;
  }
  if (k != 11 || p[0] != '1' || p[1] < '3') return 0;
  memcpy(out, p, 11);
  out[11] = 0;
  return 1;
}

int mu_phone_normalize(const unsigned char *z, int n, char out[12]) { return phone_digits(z, n, out); }

static void validFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int n;
  if (mu_text_arg(ctx, argv[0], "phone_valid", "phone", &z, &n) != 0) return;
  char d[12];
  sqlite3_result_int(ctx, phone_digits(z, n, d));
}

static void normalizeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int n;
  if (mu_text_arg(ctx, argv[0], "phone_normalize", "phone", &z, &n) != 0) return;
  char d[12];
  if (phone_digits(z, n, d)) sqlite3_result_text(ctx, d, 11, SQLITE_TRANSIENT);
}

/* Hand a finished sqlite3_str to the result, or report NOMEM. */
static void result_str(sqlite3_context *ctx, sqlite3_str *s) {
  int rc = sqlite3_str_errcode(s);
  int n = sqlite3_str_length(s);
  char *z = sqlite3_str_finish(s);
  if (rc != SQLITE_OK) {
    sqlite3_free(z);
    sqlite3_result_error_nomem(ctx);
  } else if (z == 0) {
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  } else {
    sqlite3_result_text(ctx, z, n, sqlite3_free);
  }
}

static void phoneMaskFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int n;
  if (mu_text_arg(ctx, argv[0], "phone_mask", "phone", &z, &n) != 0) return;
  char d[12];
  if (n == 11 && z[0] == '1' && z[1] >= '3') {
    /* the usual phone: a mobile number of 11 ASCII digits alone, the
    ** bytes phone_digits would give */
    int i = 1;
    while (i < 11 && z[i] >= '0' && z[i] <= '9') i++;
    if (i == 11) {
      memcpy(d, z, 3);
      memcpy(d + 3, "****", 4);
      memcpy(d + 7, z + 7, 4);
      sqlite3_result_text(ctx, d, 11, SQLITE_TRANSIENT);
      return;
    }
  }
  if (phone_digits(z, n, d)) {
    memcpy(d + 3, "****", 4);
    sqlite3_result_text(ctx, d, 11, SQLITE_TRANSIENT);
    return;
  }
  z = trim(z, &n);
  sqlite3_str *s = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  for (int i = 0; i < n;) {
    int len;
    unsigned cp = mu_utf8_char(z, i, n, &len);
    if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
      sqlite3_str_appendchar(s, 1, '*');
    else
      sqlite3_str_append(s, (const char *)z + i, len);
    i += len;
  }
  result_str(ctx, s);
}

/* Separators inside transcribed names, kept by name_mask. */
static int is_name_sep(unsigned cp) {
  return cp == 0xB7 || cp == 0x2022 || cp == 0x30FB || cp == 0xFF0E ||
         cp == '.' || cp == 0x2027 || mu_is_blank_cp(cp);
}

static void nameMaskFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z;
  int n;
  if (mu_text_arg(ctx, argv[0], "name_mask", "name", &z, &n) != 0) return;
  /* the usual name: Chinese characters of U+4000..U+9FFF alone, three
  ** bytes each (no blank or separator among them), read without decoding */
  int cjk = n >= 3 && n <= 240 && n % 3 == 0;
  for (int i = 0; cjk && i < n; i += 3)
    cjk = z[i] >= 0xE4 && z[i] <= 0xE9 && (z[i + 1] & 0xC0) == 0x80 && (z[i + 2] & 0xC0) == 0x80;
  if (cjk) {
    char fast[240];
    int m = 0;
    if (n > 3) memcpy(fast, z, 3), m = 3;
    while (m < (n > 3 ? 3 + n / 3 - 1 : 1)) fast[m++] = '*';
    sqlite3_result_text(ctx, fast, m, SQLITE_TRANSIENT);
    return;
  }
  z = trim(z, &n);
  int total = 0, len;
  for (int i = 0; i < n; i += len)
    if (!is_name_sep(mu_utf8_char(z, i, n, &len))) total++;
  /* The first character stays only when something else is hidden: a
  ** one-character name is all '*'. */
  int kept = total < 2;
  /* a character is kept or becomes one '*': the result is no longer than
  ** the name, so it is built in place (on the stack for a usual name),
  ** not grown in a sqlite3_str (a city's export masks ten million) */
  unsigned char small[256], *out = n <= (int)sizeof(small) ? small : sqlite3_malloc64((sqlite3_uint64)n);
  if (!out) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  int m = 0;
  for (int i = 0; i < n; i += len) {
    unsigned cp = mu_utf8_char(z, i, n, &len);
    if (is_name_sep(cp) || !kept++)
      memcpy(out + m, z + i, (size_t)len), m += len;
    else
      out[m++] = '*';
  }
  sqlite3_result_text(ctx, (const char *)out, m, SQLITE_TRANSIENT);
  if (out != small) sqlite3_free(out);
}

int muling_register_phone(sqlite3 *db) {
  static const struct {
    const char *name;
    void (*fn)(sqlite3_context *, int, sqlite3_value **);
  } fns[] = {
      {"phone_valid", validFunc},
      {"phone_normalize", normalizeFunc},
      {"phone_mask", phoneMaskFunc},
      {"name_mask", nameMaskFunc},
  };
  for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
    /* Pure text functions: the answer depends on the argument alone. */
    int rc = sqlite3_create_function_v2(db, fns[i].name, 1, MU_PURE, 0,
                                        fns[i].fn, 0, 0, 0);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}
