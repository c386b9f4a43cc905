/*
** common.c — the helpers declared in common.h: dates, errors, options,
** table-valued function arguments.
*/
#include "common.h"

#include <string.h>
#include <time.h>

/* Days from civil, after H. Hinnant's public-domain algorithm. */
int mu_days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2u) / 5u + (unsigned)d - 1u;
  const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
  return era * 146097 + (int)doe - 719468;
}

void mu_civil_from_days(int z, int *py, int *pm, int *pd) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = (unsigned)(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
  const int y = (int)yoe + era * 400;
  const unsigned doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
  const unsigned mp = (5u * doy + 2u) / 153u;
  const unsigned d = doy - (153u * mp + 2u) / 5u + 1u;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  *py = y + (m <= 2);
  *pm = (int)m;
  *pd = (int)d;
}

int mu_date_is_real(int y, int m, int d) {
  static const unsigned char mdays[12] = {31, 28, 31, 30, 31, 30,
                                          31, 31, 30, 31, 30, 31};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return 0;
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int last = mdays[m - 1] + (m == 2 && leap);
  return d <= last;
}

static int digits(const char *z, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return -1;
    v = v * 10 + (z[i] - '0');
  }
  return v;
}

int mu_date_parse(const char *z, int n, int *days) {
  if (z == 0 || n != 10 || z[4] != '-' || z[7] != '-') return 1;
  int y = digits(z, 4), m = digits(z + 5, 2), d = digits(z + 8, 2);
  if (y < 0 || m < 0 || d < 0 || !mu_date_is_real(y, m, d)) return 1;
  *days = mu_days_from_civil(y, m, d);
  return 0;
}

int mu_date_value(sqlite3_value *v, int *days) {
  if (sqlite3_value_type(v) == SQLITE_NULL) return 2;
  if (sqlite3_value_type(v) != SQLITE_TEXT) return 1;
  const char *z = (const char *)sqlite3_value_text(v);
  return mu_date_parse(z, sqlite3_value_bytes(v), days);
}

void mu_date_format(int days, char out[11]) {
  int y, m, d;
  mu_civil_from_days(days, &y, &m, &d);
  sqlite3_snprintf(11, out, "%04d-%02d-%02d", y, m, d);
}

int mu_today(void) {
  time_t now = time(0);
  struct tm tm;
  if (localtime_r(&now, &tm) == 0) return mu_days_from_civil(1970, 1, 1);
  return mu_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void mu_error(sqlite3_context *ctx, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *z = sqlite3_vmprintf(fmt, ap);
  va_end(ap);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_error(ctx, z, -1);
  sqlite3_free(z);
}

int mu_vtab_error(char **pzErr, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *z = sqlite3_vmprintf(fmt, ap);
  va_end(ap);
  sqlite3_free(*pzErr);
  *pzErr = z;
  return z ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* Characters of a UTF-8 text, at most MU_NEAR_MAX of them: names longer
** than that are ordered by their first MU_NEAR_MAX characters.  Bytes that
** are not UTF-8 count as one character each. */
#define MU_NEAR_MAX 64
static int mu_chars(const char *z, unsigned *out) {
  const unsigned char *p = (const unsigned char *)z;
  int n = 0;
  while (*p && n < MU_NEAR_MAX) {
    unsigned c = *p++;
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    while (extra-- > 0 && (*p & 0xC0) == 0x80) c = (c << 6) | (*p++ & 0x3F);
    out[n++] = c;
  }
  return n;
}

static int mu_edit_distance(const unsigned *a, int na, const unsigned *b, int nb) {
  int row[MU_NEAR_MAX + 1];
  for (int j = 0; j <= nb; j++) row[j] = j;
  for (int i = 1; i <= na; i++) {
    int diag = row[0];
    row[0] = i;
    for (int j = 1; j <= nb; j++) {
      int up = row[j];
      int best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[nb];
}

typedef struct MuNear {
  int dist;
  char *name;
} MuNear;

/* 1 if the candidate (dist, name) goes before x in the list. */
static int mu_near_before(int dist, const char *name, const MuNear *x) {
  return dist < x->dist || (dist == x->dist && strcmp(name, x->name) < 0);
}

int mu_nearest(sqlite3 *db, const char *zSql, const char *zTyped, int nMax,
               char **pzList) {
  *pzList = 0;
  if (nMax < 1) nMax = 1;
  MuNear *best = sqlite3_malloc64(sizeof(MuNear) * (sqlite3_uint64)nMax);
  if (best == 0) return SQLITE_NOMEM;
  int nBest = 0;
  sqlite3_int64 nAll = 0;
  unsigned typed[MU_NEAR_MAX], cand[MU_NEAR_MAX];
  int nTyped = mu_chars(zTyped ? zTyped : "", typed);
  sqlite3_stmt *st = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &st, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    rc = SQLITE_OK;
    const char *name = (const char *)sqlite3_column_text(st, 0);
    if (name == 0) {
      if (sqlite3_column_type(st, 0) != SQLITE_NULL) rc = SQLITE_NOMEM;
      continue;
    }
    nAll++;
    int dist = mu_edit_distance(typed, nTyped, cand, mu_chars(name, cand));
    if (nBest == nMax && !mu_near_before(dist, name, &best[nBest - 1])) continue;
    char *copy = sqlite3_mprintf("%s", name);
    if (copy == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    if (nBest == nMax) sqlite3_free(best[--nBest].name);
    int pos = nBest;
    while (pos > 0 && mu_near_before(dist, name, &best[pos - 1])) {
      best[pos] = best[pos - 1];
      pos--;
    }
    best[pos].dist = dist;
    best[pos].name = copy;
    nBest++;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  int rc2 = sqlite3_finalize(st);
  if (rc == SQLITE_OK) rc = rc2;
  if (rc == SQLITE_OK) {
    sqlite3_str *out = sqlite3_str_new(db);
    for (int i = 0; i < nBest; i++)
      sqlite3_str_appendf(out, "%s%s", i ? ", " : "", best[i].name);
    if (nAll > nBest) sqlite3_str_appendf(out, ", … (%lld in all)", nAll);
    rc = sqlite3_str_errcode(out);
    char *z = sqlite3_str_finish(out);
    if (rc == SQLITE_OK && z == 0) z = sqlite3_mprintf("");
    if (rc == SQLITE_OK && z == 0) rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK) *pzList = z;
    else sqlite3_free(z);
  }
  for (int i = 0; i < nBest; i++) sqlite3_free(best[i].name);
  sqlite3_free(best);
  return rc;
}

void *mu_tally_state(sqlite3_context *ctx, sqlite3_value *arg, const char *type,
                     const char *usage) {
  void **pp = sqlite3_aggregate_context(ctx, sizeof(void *));
  if (pp == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  if (*pp == 0) *pp = sqlite3_value_pointer(arg, type);
  if (*pp == 0) sqlite3_result_error(ctx, usage, -1);
  return *pp;
}

static int is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int mu_kv_split(const char *z, const char **pKey, int *nKey, const char **pVal,
                int *nVal) {
  const char *eq = strchr(z, '=');
  if (eq == 0) return 1;
  const char *k = z, *ke = eq;
  while (k < ke && is_blank(*k)) k++;
  while (ke > k && is_blank(ke[-1])) ke--;
  const char *v = eq + 1, *ve = z + strlen(z);
  while (v < ve && is_blank(*v)) v++;
  while (ve > v && is_blank(ve[-1])) ve--;
  *pKey = k;
  *nKey = (int)(ke - k);
  *pVal = v;
  *nVal = (int)(ve - v);
  return 0;
}

char *mu_unquote(const char *z, int n) {
  char *out = sqlite3_malloc64((sqlite3_uint64)n + 1);
  if (out == 0) return 0;
  if (n >= 2 && (z[0] == '\'' || z[0] == '"') && z[n - 1] == z[0]) {
    char q = z[0];
    int j = 0;
    for (int i = 1; i < n - 1; i++) {
      out[j++] = z[i];
      if (z[i] == q && i + 1 < n - 1 && z[i + 1] == q) i++;
    }
    out[j] = 0;
  } else {
    memcpy(out, z, (size_t)n);
    out[n] = 0;
  }
  return out;
}

int mu_name_is_foreign_vtab(sqlite3 *db, const char *zName, int *pVirtual) {
  sqlite3_stmt *st = 0;
  *pVirtual = 0;
  int rc = sqlite3_prepare_v2(
      db,
      "SELECT CASE schema WHEN 'temp' THEN 0 WHEN 'main' THEN 1 ELSE 2 END,"
      " type = 'virtual' FROM pragma_table_list(?1)",
      -1, &st, 0);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(st);
    return rc;
  }
  rc = sqlite3_bind_text(st, 1, zName, -1, SQLITE_STATIC);
  int best = 3;
  while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int rank = sqlite3_column_int(st, 0);
    if (rank < best) { /* the first attached schema listed wins among 2s */
      best = rank;
      *pVirtual = rank != 0 && sqlite3_column_int(st, 1);
    }
    rc = SQLITE_OK;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  int rc2 = sqlite3_finalize(st);
  return rc != SQLITE_OK ? rc : rc2;
}
int mu_date_arg(const char *fn, const char *what, sqlite3_value *v,
                int *pDay, char **pzErr) {
  int rc = mu_date_value(v, pDay);
  if (rc != 1) return rc;
  const char *z = (const char *)sqlite3_value_text(v);
  if (z == 0) return 3;
  return mu_vtab_error(pzErr, "%s: %s must be a date 'YYYY-MM-DD', got '%s'",
                       fn, what, z) == SQLITE_NOMEM
             ? 3
             : 1;
}

int mu_tvf_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *info,
                      int firstHidden, int nArg, const char *fn,
                      const char *zUsage) {
  int idx[4] = {-1, -1, -1, -1};
  int unusable = 0;
  for (int i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *k = &info->aConstraint[i];
    int a = k->iColumn - firstHidden;
    if (a < 0 || a >= nArg || k->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!k->usable) {
      unusable |= 1 << a;
      continue;
    }
    idx[a] = i;
  }
  int mask = 0;
  for (int a = 0; a < nArg; a++) {
    if (idx[a] >= 0) {
      mask |= 1 << a;
      info->aConstraintUsage[idx[a]].argvIndex = a + 1;
      info->aConstraintUsage[idx[a]].omit = 1;
    }
  }
  if (mask != (1 << nArg) - 1) {
    if (unusable & ~mask) return SQLITE_CONSTRAINT;
    sqlite3_free(pVtab->zErrMsg);
    pVtab->zErrMsg = sqlite3_mprintf("%s: takes %d arguments: %s", fn, nArg,
                                     zUsage);
    return pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  info->idxNum = mask;
  info->estimatedCost = 1000;
  info->estimatedRows = 1000;
  return SQLITE_OK;
}

int mu_tvf_args_keep(sqlite3_value **args, int n, sqlite3_value **argv,
                     int *pAnyNull) {
  *pAnyNull = 0;
  for (int i = 0; i < n; i++) {
    args[i] = sqlite3_value_dup(argv[i]);
    if (args[i] == 0) return SQLITE_NOMEM;
  }
  for (int i = 0; i < n; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) *pAnyNull = 1;
  return SQLITE_OK;
}

void mu_tvf_args_free(sqlite3_value **args, int n) {
  for (int i = 0; i < n; i++) {
    sqlite3_value_free(args[i]);
    args[i] = 0;
  }
}

/* FNV-1a, 32 bits. */
unsigned mu_hash_bytes(const unsigned char *z, int n) {
  unsigned h = 2166136261u;
  for (int i = 0; i < n; i++) h = (h ^ z[i]) * 16777619u;
  return h;
}

unsigned mu_utf8_char(const unsigned char *z, int i, int n, int *len) {
  unsigned c = z[i];
  int k = c < 0x80 ? 0 : c >= 0xF8 ? -1 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2
        : c >= 0xC0 ? 1 : -1;
  *len = 1;
  if (k == 0) return c;
  if (k < 0 || i + k >= n) return 0xFFFD;
  unsigned cp = c & (0x3Fu >> k);
  for (int j = 1; j <= k; j++) {
    unsigned b = z[i + j];
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b & 0x3F);
  }
  *len = k + 1;
  return cp;
}

int mu_is_blank_cp(unsigned cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
         cp == 0xA0 || cp == 0x3000;
}

int mu_text_arg(sqlite3_context *ctx, sqlite3_value *v, const char *fn,
                const char *arg, const unsigned char **pz, int *pn) {
  int t = sqlite3_value_type(v);
  if (t == SQLITE_NULL) return 1;
  if (t == SQLITE_BLOB) {
    mu_error(ctx, "%s: %s must be text, got a blob", fn, arg);
    return -1;
  }
  const unsigned char *z = sqlite3_value_text(v);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return -1;
  }
  *pz = z;
  *pn = sqlite3_value_bytes(v);
  return 0;
}

int mu_vtab_options(const char *fn, int argc, const char *const *argv,
                    const char *const *azName, int nName, char **azVal,
                    char **pzErr) {
  for (int i = 3; i < argc; i++) {
    const char *zKey, *zVal;
    int nKey, nVal;
    if (mu_kv_split(argv[i], &zKey, &nKey, &zVal, &nVal)) {
      /* shown once quoted: 'data.csv' stays 'data.csv', data.csv gets quotes */
      int q = argv[i][0] == '\'' || argv[i][0] == '"';
      return mu_vtab_error(pzErr, q ? "%s: argument %s is not key=value"
                                    : "%s: argument '%s' is not key=value",
                           fn, argv[i]);
    }
    int k = 0;
    while (k < nName && !(sqlite3_strnicmp(zKey, azName[k], nKey) == 0 &&
                          azName[k][nKey] == 0)) {
      k++;
    }
    if (k == nName)
      return mu_vtab_error(pzErr, "%s: unknown option '%.*s'", fn, nKey, zKey);
    if (azVal[k])
      return mu_vtab_error(pzErr, "%s: option '%s' given twice", fn, azName[k]);
    azVal[k] = mu_unquote(zVal, nVal);
    if (azVal[k] == 0) return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

static int is_word(const char *z, const char *const *azWord) {
  for (int i = 0; azWord[i]; i++) {
    if (sqlite3_stricmp(z, azWord[i]) == 0) return 1;
  }
  return 0;
}

int mu_yes_no(const char *z) {
  static const char *const azYes[] = {"yes", "true", "on", "1", 0};
  static const char *const azNo[] = {"no", "false", "off", "0", 0};
  return is_word(z, azYes) ? 1 : is_word(z, azNo) ? 0 : -1;
}

int mu_schema_option(const char *fn, const char *zSchema, const char **pParen,
                     char **pzErr) {
  const char *z = zSchema;
  while (*z == ' ' || *z == '\t' || *z == '\n' || *z == '\r') z++;
  const char *zp = strchr(z, '(');
  if (sqlite3_strnicmp(z, "create", 6) != 0 || zp == 0)
    return mu_vtab_error(pzErr,
                         "%s: schema must be a CREATE TABLE statement, got '%s'",
                         fn, zSchema);
  *pParen = zp;
  /* One statement: sqlite3_declare_vtab would read the first and ignore
  ** the rest silently, so a second one is refused here. */
  for (const char *q = strchr(zp, ';'); q; q = strchr(q + 1, ';')) {
    char *zHead = sqlite3_mprintf("%.*s", (int)(q - z + 1), z);
    if (zHead == 0) return SQLITE_NOMEM;
    int complete = sqlite3_complete(zHead);
    sqlite3_free(zHead);
    if (!complete) continue;
    const char *t = q + 1;
    while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r' || *t == ';') t++;
    if (*t)
      return mu_vtab_error(pzErr,
                           "%s: schema must be one CREATE TABLE statement, "
                           "got more after it: '%s'",
                           fn, t);
    break;
  }
  return SQLITE_OK;
}

int mu_unique_name(char **azName, int i, const char *const *azReserved) {
  char *base = azName[i];
  for (int k = 1;; k++) {
    char *cand = k == 1 ? base : sqlite3_mprintf("%s_%d", base, k);
    if (cand == 0) return SQLITE_NOMEM;
    int clash = is_word(cand, azReserved);
    for (int j = 0; j < i && !clash; j++) {
      clash = sqlite3_stricmp(cand, azName[j]) == 0;
    }
    if (!clash) {
      if (cand != base) {
        sqlite3_free(base);
        azName[i] = cand;
      }
      return SQLITE_OK;
    }
    if (cand != base) sqlite3_free(cand);
  }
}

/* ---- csvfile's encoding= and delimiter= ---------------------------------- */

int mu_csv_encoding(const char *z) {
  if (!sqlite3_stricmp(z, "utf-8") || !sqlite3_stricmp(z, "utf8")) return MU_CSV_UTF8;
  if (!sqlite3_stricmp(z, "gb18030")) return MU_CSV_GB18030;
  if (!sqlite3_stricmp(z, "gbk")) return MU_CSV_GBK;
  return -1;
}

int mu_csv_delimiter(const char *z) {
  if (!strcmp(z, "\\t") || !sqlite3_stricmp(z, "tab")) return '\t';
  unsigned char c = (unsigned char)z[0];
  if (c == 0 || z[1] != 0) return -1;
  if (c == '\t' || c == ' ') return c;
  if (c <= ' ' || c >= 0x7f || c == '"') return -1;
  if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return -1;
  return c;
}
