/*
** mask.c — nothing personal in the free text of a masked report.
**
** The report's SQL masks the columns that hold a person (name_mask,
** idcard_mask, phone_mask).  Free text can hold people too: a 睦邻点's
** place 居民巴汗台家里(3-302), a council issue titled with a neighbour's
** name and phone, a hardship case's outcome.  When the output is masked,
** every text cell of every section is scanned, and
**   - an ID number (a run of 15 to 18 digits, the last may be X) keeps its
**     first digit and its last two, as idcard_mask does;
**   - a mobile number (11 digits from 1[3-9], '-' or ' ' between groups,
**     an optional +86/0086 before) keeps its first three and last four, as
**     phone_mask does;
**   - a name of a resident or a staff member of this database (sql/mask.sql),
**     the longest found at each place, becomes name_mask of it: 巴**.
** Limits (docs/security.md): names not in the database (a cadre from
** elsewhere), one-character names, other spellings (pinyin, a nickname)
** and other numbers (a bank card shorter than 15 digits, a landline) pass.
**
** Masked names collide: 冯建国 and 冯丽 are both 冯**.  A report names the
** person behind a name column X in a hidden column `_X` (`l.id AS
** _leader`); when, within one section, the same masked text stands for
** two different ids (in one column or in two: a leader and a member), each
** such cell gets the id, `冯**(#123)`.  The `_X` columns are dropped from
** every output, masked or not (report_person_keys).
*/
#include <stdlib.h>
#include <string.h>

#include "report.h"

static int keyed_column(const struct report_section *s, int k);

struct names {
  char **slot; /* open addressing; NULL = empty */
  size_t size; /* a power of two */
  int maxlen;  /* the longest name, in bytes */
  size_t count;
};

static size_t hash(const char *z, size_t n) {
  size_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

/* 1 if [z, z+n) is a name. */
static int names_has(const struct names *t, const char *z, size_t n) {
  for (size_t i = hash(z, n) & (t->size - 1);; i = (i + 1) & (t->size - 1)) {
    const char *s = t->slot[i];
    if (!s) return 0;
    if (strlen(s) == n && memcmp(s, z, n) == 0) return 1;
  }
}

static void names_free(struct names *t) {
  for (size_t i = 0; i < t->size; i++) sqlite3_free(t->slot[i]);
  sqlite3_free(t->slot);
}

/* Add Z (n bytes) unless it is there; doubles the table at half full.
** SQLITE_OK or SQLITE_NOMEM. */
static int names_add(struct names *t, const char *z, size_t n) {
  if (names_has(t, z, n)) return SQLITE_OK;
  if (2 * (t->count + 1) > t->size) {
    struct names bigger = {0, t->size * 2, t->maxlen, 0};
    bigger.slot = sqlite3_malloc64(sizeof(char *) * bigger.size);
    if (!bigger.slot) return SQLITE_NOMEM;
    memset(bigger.slot, 0, sizeof(char *) * bigger.size);
    for (size_t i = 0; i < t->size; i++) {
      if (!t->slot[i]) continue;
      size_t j = hash(t->slot[i], strlen(t->slot[i])) & (bigger.size - 1);
      while (bigger.slot[j]) j = (j + 1) & (bigger.size - 1);
      bigger.slot[j] = t->slot[i];
    }
    bigger.count = t->count;
    sqlite3_free(t->slot);
    *t = bigger;
  }
  size_t i = hash(z, n) & (t->size - 1);
  while (t->slot[i]) i = (i + 1) & (t->size - 1);
  t->slot[i] = sqlite3_mprintf("%.*s", (int)n, z);
  if (!t->slot[i]) return SQLITE_NOMEM;
  t->count++;
  if ((int)n > t->maxlen) t->maxlen = (int)n;
  return SQLITE_OK;
}

static int names_load(sqlite3 *db, struct names *t) {
  const struct muling_sql_file *f = cli_sql_file("sql/mask.sql");
  if (!f) {
    cli_error("this build has no sql/mask.sql");
    return CLI_DB;
  }
  t->size = 64;
  t->slot = sqlite3_malloc64(sizeof(char *) * t->size);
  if (!t->slot) return cli_nomem();
  memset(t->slot, 0, sizeof(char *) * t->size);
  sqlite3_stmt *stmt = 0;
  int rc = sqlite3_prepare_v2(db, f->text, -1, &stmt, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(stmt, 0);
    rc = z ? names_add(t, z, (size_t)sqlite3_column_bytes(stmt, 0)) : SQLITE_NOMEM;
  }
  sqlite3_finalize(stmt);
  if (rc == SQLITE_DONE) return CLI_OK;
  return rc == SQLITE_NOMEM ? cli_nomem() : cli_db_error(db, f->name);
}

/* ---- numbers ------------------------------------------------------------- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* At z: the number of bytes of a mobile number (digits with single '-' or
** ' ' between them, 11 digits from 1[3-9]), or 0.  d gets the positions of
** its digits. */
static int mobile_at(const char *z, int d[11]) {
  int n = 0, i = 0;
  while (n < 11) {
    if (is_digit(z[i])) {
      d[n++] = i++;
    } else if ((z[i] == '-' || z[i] == ' ') && n > 0 && is_digit(z[i + 1])) {
      i++;
    } else {
      break;
    }
  }
  if (n != 11 || is_digit(z[i]) || z[d[0]] != '1' || z[d[1]] < '3') return 0;
  return i;
}

/* ---- one cell ------------------------------------------------------------ */

static int utf8_len(unsigned char c) {
  return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
}

/* The masked copy of Z (sqlite3_malloc'd), or NULL when out of memory. */
static char *mask_text(sqlite3_stmt *name_mask, const struct names *t, const char *z, int *nomem) {
  sqlite3_str *out = sqlite3_str_new(0);
  size_t n = strlen(z);
  for (size_t i = 0; i < n;) {
    /* a number: digits starting here, not in the middle of a run */
    if (is_digit(z[i]) && (i == 0 || !is_digit(z[i - 1]))) {
      size_t e = i;
      while (e < n && is_digit(z[e])) e++;
      size_t len = e - i + (e < n && (z[e] == 'X' || z[e] == 'x') && e - i == 17);
      if (len >= 15 && len <= 18) {
        sqlite3_str_appendchar(out, 1, z[i]);
        sqlite3_str_appendchar(out, (int)len - 3, '*');
        sqlite3_str_append(out, z + i + len - 2, 2);
        i += len;
        continue;
      }
      int d[11];
      int m = mobile_at(z + i, d);
      if (m) {
        for (int k = 0; k < m; k++) {
          int digit = -1;
          for (int j = 0; j < 11; j++)
            if (d[j] == k) digit = j;
          sqlite3_str_appendchar(out, 1, digit >= 3 && digit <= 6 ? '*' : z[i + (size_t)k]);
        }
        i += (size_t)m;
        continue;
      }
      sqlite3_str_append(out, z + i, (int)(e - i));
      i = e;
      continue;
    }
    /* a name: the longest in the dictionary starting here */
    size_t best = 0;
    if ((unsigned char)z[i] >= 0x80 || (z[i] >= 'A' && z[i] <= 'Z') || (z[i] >= 'a' && z[i] <= 'z')) {
      for (size_t len = utf8_len((unsigned char)z[i]); i + len <= n && len <= (size_t)t->maxlen;
           len += utf8_len((unsigned char)z[i + len])) {
        if (names_has(t, z + i, len)) best = len;
      }
    }
    if (best) {
      int rc = sqlite3_bind_text(name_mask, 1, z + i, (int)best, SQLITE_STATIC);
      if (rc == SQLITE_OK) rc = sqlite3_step(name_mask);
      const char *masked = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(name_mask, 0) : 0;
      if (!masked) {
        sqlite3_reset(name_mask);
        *nomem = 1;
        sqlite3_free(sqlite3_str_finish(out));
        return 0;
      }
      sqlite3_str_appendall(out, masked);
      sqlite3_reset(name_mask);
      i += best;
      continue;
    }
    int len = utf8_len((unsigned char)z[i]);
    if (i + (size_t)len > n) len = (int)(n - i);
    sqlite3_str_append(out, z + i, len);
    i += (size_t)len;
  }
  if (sqlite3_str_errcode(out) != SQLITE_OK) {
    *nomem = 1;
    sqlite3_free(sqlite3_str_finish(out));
    return 0;
  }
  char *r = sqlite3_str_finish(out);
  if (!r) r = sqlite3_mprintf("");
  if (!r) *nomem = 1;
  return r;
}

int report_mask(sqlite3 *db, struct report *r) {
  struct names t;
  memset(&t, 0, sizeof(t));
  int rc = names_load(db, &t);
  sqlite3_stmt *name_mask = 0;
  if (rc == CLI_OK && sqlite3_prepare_v2(db, "SELECT name_mask(?1)", -1, &name_mask, 0) != SQLITE_OK)
    rc = cli_db_error(db, "name_mask");
  for (int s = 0; rc == CLI_OK && s < r->nsec; s++) {
    struct report_section *sec = &r->secs[s];
    for (size_t c = 0; rc == CLI_OK && c < (size_t)sec->nrow * (size_t)sec->ncol; c++) {
      struct report_cell *cell = &sec->cells[c];
      if (cell->type != SQLITE_TEXT || !cell->text) continue;
      if (s == 0 && c % 2 == 1 && c / 2 == 0) continue; /* Scope: the database's file name */
      if (keyed_column(sec, (int)(c % (size_t)sec->ncol)) >= 0) continue; /* an id, not text */
      int nomem = 0;
      char *m = mask_text(name_mask, &t, cell->text, &nomem);
      if (!m) {
        rc = cli_nomem();
        break;
      }
      sqlite3_free(cell->text);
      cell->text = m;
    }
  }
  sqlite3_finalize(name_mask);
  names_free(&t);
  return rc;
}

/* ---- colliding masked names ---------------------------------------------- */

/* The column that column K keys (`_leader` keys `leader`), or -1. */
static int keyed_column(const struct report_section *s, int k) {
  const char *n = s->cols[k];
  if (n[0] != '_' || !n[1]) return -1;
  for (int c = 0; c < s->ncol; c++)
    if (c != k && strcmp(s->cols[c], n + 1) == 0) return c;
  return -1;
}

struct named {
  const char *text, *key; /* the name as shown (without a leading ★), the person's id */
  struct report_cell *cell;
};

static int named_cmp(const void *a, const void *b) {
  const struct named *x = a, *y = b;
  int c = strcmp(x->text, y->text);
  return c ? c : strcmp(x->key, y->key);
}

/* Give the id to every name of S that two ids share.  SQLITE_OK or
** SQLITE_NOMEM. */
static int mark_collisions(struct report_section *s) {
  size_t n = 0;
  for (int k = 0; k < s->ncol; k++) {
    int c = keyed_column(s, k);
    for (int r = 0; c >= 0 && r < s->nrow; r++)
      n += REPORT_CELL(s, r, c)->text && REPORT_CELL(s, r, k)->text;
  }
  if (n < 2) return SQLITE_OK;
  struct named *v = sqlite3_malloc64(sizeof(*v) * n);
  if (!v) return SQLITE_NOMEM;
  n = 0;
  for (int k = 0; k < s->ncol; k++) {
    int c = keyed_column(s, k);
    for (int r = 0; c >= 0 && r < s->nrow; r++) {
      struct report_cell *name = REPORT_CELL(s, r, c), *key = REPORT_CELL(s, r, k);
      /* the roster's leader mark is no part of the name: ★冯** and 冯** collide */
      const char *text = name->text && strncmp(name->text, "\xE2\x98\x85", 3) /* ★ */ == 0 ? name->text + 3 : name->text;
      if (text && key->text) v[n++] = (struct named){text, key->text, name};
    }
  }
  qsort(v, n, sizeof(*v), named_cmp);
  /* a run of one text: when its first and last keys differ (sorted), every
  ** cell of the run shows its key; marks first, rewrites after, as the
  ** rewrite frees the text the comparison reads */
  char *mark = sqlite3_malloc64(n ? n : 1);
  if (!mark) {
    sqlite3_free(v);
    return SQLITE_NOMEM;
  }
  for (size_t i = 0, j; i < n; i = j) {
    for (j = i + 1; j < n && strcmp(v[j].text, v[i].text) == 0;) j++;
    memset(mark + i, strcmp(v[i].key, v[j - 1].key) != 0, j - i);
  }
  int rc = SQLITE_OK;
  for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
    if (!mark[i]) continue;
    char *t = sqlite3_mprintf("%s(#%s)", v[i].cell->text, v[i].key);
    if (!t) {
      rc = SQLITE_NOMEM;
      break;
    }
    sqlite3_free(v[i].cell->text);
    v[i].cell->text = t;
    v[i].cell->type = SQLITE_TEXT;
  }
  sqlite3_free(mark);
  sqlite3_free(v);
  return rc;
}

int report_person_keys(struct report *r) {
  for (int i = 0; i < r->nsec; i++) {
    struct report_section *s = &r->secs[i];
    if (!r->unmasked && mark_collisions(s) != SQLITE_OK) return cli_nomem();
    for (int k = s->ncol - 1; k >= 0; k--)
      if (keyed_column(s, k) >= 0) report_drop_column(s, k);
  }
  return CLI_OK;
}
