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
** The residents' names are asked of the database as the text needs them:
** for each place a name could start, the residents_name_birth index says
** whether the text so far is a name and whether a longer name begins so
** (one seek; answers kept, so each piece of text is asked once).  A city of
** ten million names is not read for a report of a few hundred cells; when
** the text would need more seeks than reading every name costs (about one
** for every 16 residents), or the index is missing, every name is read
** instead, as sql/mask.sql says.  Either way the same names are masked.
** Staff (a small table) are read whole.
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

static int names_init(struct names *t) {
  t->size = 64;
  t->slot = sqlite3_malloc64(sizeof(char *) * t->size);
  if (!t->slot) return SQLITE_NOMEM;
  memset(t->slot, 0, sizeof(char *) * t->size);
  return SQLITE_OK;
}

/* Add the first column of every row of SQL to T.  SQLITE_OK or an error
** code (the message is the database's). */
static int names_read(sqlite3 *db, const char *sql, struct names *t) {
  sqlite3_stmt *stmt = 0;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(stmt, 0);
    rc = z ? names_add(t, z, (size_t)sqlite3_column_bytes(stmt, 0)) : SQLITE_NOMEM;
  }
  sqlite3_finalize(stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* ---- the dictionary, asked as the text needs it -------------------------- */

static int utf8_len(unsigned char c) {
  return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
}

#define IS_NAME 1 /* a resident's name of two characters or more */
#define LONGER 2  /* some resident's name is longer and begins so */

struct probe {
  char *s;
  size_t n;
  int flags;
};

struct dict {
  sqlite3 *db;
  struct names staff; /* every staff name, read at once */
  struct names all;   /* every name (sql/mask.sql), once `whole` */
  int whole;          /* 1: `all` is the dictionary, no more seeks */
  sqlite3_stmt *ge, *gt; /* the first resident name >= ?1, > ?1 */
  struct probe *seen;    /* the answers so far; open addressing */
  size_t nseen, size;
  sqlite3_int64 limit;   /* seeks before reading every name is cheaper */
};

static void dict_free(struct dict *d) {
  sqlite3_finalize(d->ge);
  sqlite3_finalize(d->gt);
  for (size_t i = 0; i < d->size; i++) sqlite3_free(d->seen[i].s);
  sqlite3_free(d->seen);
  if (d->staff.slot) names_free(&d->staff);
  if (d->all.slot) names_free(&d->all);
}

/* Read every name: from now on the dictionary is `all`. */
static int dict_read_all(struct dict *d) {
  const struct muling_sql_file *f = cli_sql_file("sql/mask.sql");
  if (!f) {
    cli_error("this build has no sql/mask.sql");
    return CLI_DB;
  }
  int rc = names_init(&d->all);
  if (rc == SQLITE_OK) rc = names_read(d->db, f->text, &d->all);
  if (rc == SQLITE_NOMEM) return cli_nomem();
  if (rc != SQLITE_OK) return cli_db_error(d->db, f->name);
  d->whole = 1;
  return CLI_OK;
}

static int dict_open(sqlite3 *db, struct dict *d) {
  memset(d, 0, sizeof(*d));
  d->db = db;
  int rc = names_init(&d->staff);
  if (rc == SQLITE_OK)
    rc = names_read(db, "SELECT name FROM staff WHERE length(name) >= 2", &d->staff);
  if (rc == SQLITE_NOMEM) return cli_nomem();
  if (rc != SQLITE_OK) return cli_db_error(db, "mask: staff names");
  /* an index that begins with residents.name, and how many residents */
  sqlite3_stmt *q = 0;
  rc = sqlite3_prepare_v2(db,
                          "SELECT (SELECT count(*) FROM pragma_index_list('residents') AS l,"
                          " pragma_index_info(l.name) AS i WHERE i.seqno = 0 AND i.name = 'name'),"
                          " (SELECT max(rowid) FROM residents)",
                          -1, &q, 0);
  int indexed = 0;
  if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
    indexed = sqlite3_column_int(q, 0) > 0;
    d->limit = sqlite3_column_int64(q, 1) / 16;
    rc = SQLITE_OK;
  }
  sqlite3_finalize(q);
  if (rc == SQLITE_OK && indexed)
    rc = sqlite3_prepare_v2(db, "SELECT name, length(name) FROM residents WHERE name >= ?1 ORDER BY name LIMIT 1",
                            -1, &d->ge, 0);
  if (rc == SQLITE_OK && indexed)
    rc = sqlite3_prepare_v2(db, "SELECT name FROM residents WHERE name > ?1 ORDER BY name LIMIT 1", -1, &d->gt, 0);
  if (rc == SQLITE_NOMEM) return cli_nomem();
  if (rc != SQLITE_OK) return cli_db_error(db, "mask: residents names");
  if (!indexed) return dict_read_all(d);
  d->size = 64;
  d->seen = sqlite3_malloc64(sizeof(*d->seen) * d->size);
  if (!d->seen) return cli_nomem();
  memset(d->seen, 0, sizeof(*d->seen) * d->size);
  return CLI_OK;
}

/* The first resident name after ?1 (>= or >, by STMT) begins with z[0..n)?
** *eq: it is z exactly; *len its length() in characters.  SQLite codes. */
static int dict_seek(sqlite3_stmt *stmt, const char *z, size_t n, int *begins, int *eq, int *len) {
  *begins = *eq = 0;
  int rc = sqlite3_bind_text(stmt, 1, z, (int)n, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    const char *r = (const char *)sqlite3_column_text(stmt, 0);
    size_t rn = (size_t)sqlite3_column_bytes(stmt, 0);
    if (!r) {
      rc = SQLITE_NOMEM;
    } else {
      *begins = rn >= n && memcmp(r, z, n) == 0;
      *eq = *begins && rn == n;
      if (len) *len = sqlite3_column_int(stmt, 1);
      rc = SQLITE_DONE;
    }
  }
  int rc2 = sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return rc == SQLITE_DONE ? rc2 : rc;
}

/* *flags gets IS_NAME and LONGER for the residents' names and z[0..n). */
static int dict_probe(struct dict *d, const char *z, size_t n, int *flags) {
  size_t i = hash(z, n) & (d->size - 1);
  for (; d->seen[i].s; i = (i + 1) & (d->size - 1)) {
    if (d->seen[i].n == n && memcmp(d->seen[i].s, z, n) == 0) {
      *flags = d->seen[i].flags;
      return SQLITE_OK;
    }
  }
  int begins, eq, len = 0, f = 0;
  int rc = dict_seek(d->ge, z, n, &begins, &eq, &len);
  if (rc == SQLITE_OK && eq) {
    f = len >= 2 ? IS_NAME : 0;
    rc = dict_seek(d->gt, z, n, &begins, &eq, 0);
  }
  if (rc != SQLITE_OK) return rc;
  if (begins) f |= LONGER;
  /* keep the answer; the table doubles at half full */
  if (2 * (d->nseen + 1) > d->size) {
    size_t size = d->size * 2;
    struct probe *bigger = sqlite3_malloc64(sizeof(*bigger) * size);
    if (!bigger) return SQLITE_NOMEM;
    memset(bigger, 0, sizeof(*bigger) * size);
    for (size_t k = 0; k < d->size; k++) {
      if (!d->seen[k].s) continue;
      size_t j = hash(d->seen[k].s, d->seen[k].n) & (size - 1);
      while (bigger[j].s) j = (j + 1) & (size - 1);
      bigger[j] = d->seen[k];
    }
    sqlite3_free(d->seen);
    d->seen = bigger;
    d->size = size;
    i = hash(z, n) & (d->size - 1);
    while (d->seen[i].s) i = (i + 1) & (d->size - 1);
  }
  char *copy = sqlite3_malloc64(n ? n : 1);
  if (!copy) return SQLITE_NOMEM;
  memcpy(copy, z, n);
  d->seen[i] = (struct probe){copy, n, f};
  d->nseen++;
  *flags = f;
  return SQLITE_OK;
}

/* The length in bytes of the longest name that starts at z[0..n), or 0;
** lengths step by whole characters, as far as a name could reach.  */
static int dict_longest(struct dict *d, const char *z, size_t n, size_t *best) {
  *best = 0;
  int longer = !d->whole; /* a resident's name may still start here */
  for (size_t len = utf8_len((unsigned char)z[0]); len <= n; len += utf8_len((unsigned char)z[len])) {
    if (d->whole) {
      if (len > (size_t)d->all.maxlen) break;
      if (names_has(&d->all, z, len)) *best = len;
      continue;
    }
    if (!longer && len > (size_t)d->staff.maxlen) break;
    if (len <= (size_t)d->staff.maxlen && names_has(&d->staff, z, len)) *best = len;
    if (longer) {
      int flags;
      int rc = dict_probe(d, z, len, &flags);
      if (rc != SQLITE_OK) return rc;
      if (flags & IS_NAME) *best = len;
      longer = (flags & LONGER) != 0;
    }
  }
  return SQLITE_OK;
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

/* Append the masked Z to OUT.  SQLITE_OK, SQLITE_NOMEM or the error of a
** seek in the dictionary (OUT then holds part of it). */
static int mask_into(sqlite3_stmt *name_mask, struct dict *dict, const char *z, sqlite3_str *out) {
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
      int rc = dict_longest(dict, z + i, n - i, &best);
      if (rc != SQLITE_OK) return rc;
    }
    if (best) {
      int rc = sqlite3_bind_text(name_mask, 1, z + i, (int)best, SQLITE_STATIC);
      if (rc == SQLITE_OK) rc = sqlite3_step(name_mask);
      const char *masked = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(name_mask, 0) : 0;
      if (!masked) {
        sqlite3_reset(name_mask);
        return SQLITE_NOMEM;
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
  return sqlite3_str_errcode(out) == SQLITE_OK ? SQLITE_OK : SQLITE_NOMEM;
}

/* The masked form of a short text, kept: a report's columns repeat their
** texts (a street, a community, an ethnic group) row after row, and a text
** masks the same way every time.  One slot a hash, the last text there. */
#define MEMO_SLOTS 4096
#define MEMO_TEXT 256 /* longer texts are masked every time */
struct memo {
  char *text; /* the text, NUL, its masked form; NULL = empty slot */
  size_t n, masked, cap; /* the text's bytes, the masked form's, the room */
};

struct report_masker {
  sqlite3 *db;
  struct dict dict;
  sqlite3_stmt *name_mask;
  sqlite3_str *buf; /* report_masker_section's scratch */
  struct memo *memo; /* [MEMO_SLOTS] */
};

int report_masker_open(sqlite3 *db, struct report_masker **pm) {
  *pm = 0;
  struct report_masker *m = sqlite3_malloc64(sizeof(*m));
  if (!m) return cli_nomem();
  memset(m, 0, sizeof(*m));
  m->db = db;
  int rc = dict_open(db, &m->dict);
  if (rc == CLI_OK && sqlite3_prepare_v2(db, "SELECT name_mask(?1)", -1, &m->name_mask, 0) != SQLITE_OK)
    rc = cli_db_error(db, "name_mask");
  if (rc == CLI_OK && !(m->buf = sqlite3_str_new(0))) rc = cli_nomem();
  if (rc == CLI_OK && !(m->memo = sqlite3_malloc64(sizeof(*m->memo) * MEMO_SLOTS))) rc = cli_nomem();
  if (m->memo) memset(m->memo, 0, sizeof(*m->memo) * MEMO_SLOTS);
  if (rc != CLI_OK) {
    report_masker_close(m);
    return rc;
  }
  *pm = m;
  return CLI_OK;
}

void report_masker_close(struct report_masker *m) {
  if (!m) return;
  sqlite3_finalize(m->name_mask);
  dict_free(&m->dict);
  sqlite3_free(sqlite3_str_finish(m->buf));
  for (int i = 0; m->memo && i < MEMO_SLOTS; i++) sqlite3_free(m->memo[i].text);
  sqlite3_free(m->memo);
  sqlite3_free(m);
}

int report_masker_text(struct report_masker *m, const char *z, sqlite3_str *out) {
  size_t n = strlen(z);
  struct memo *e = n <= MEMO_TEXT ? &m->memo[hash(z, n) & (MEMO_SLOTS - 1)] : 0;
  if (e && e->text && e->n == n && memcmp(e->text, z, n) == 0) {
    sqlite3_str_append(out, e->text + n + 1, (int)e->masked);
    return sqlite3_str_errcode(out) == SQLITE_OK ? CLI_OK : cli_nomem();
  }
  /* past the seeks that reading every name costs, read every name */
  if (!m->dict.whole && (sqlite3_int64)m->dict.nseen > m->dict.limit) {
    int rc = dict_read_all(&m->dict);
    if (rc != CLI_OK) return rc;
  }
  int start = sqlite3_str_length(out);
  int mrc = mask_into(m->name_mask, &m->dict, z, out);
  if (mrc == SQLITE_NOMEM) return cli_nomem();
  if (mrc != SQLITE_OK) return cli_db_error(m->db, "mask: residents names");
  if (!e) return CLI_OK;
  /* keep it (when there is no room for it, it is not kept: no error) */
  size_t masked = (size_t)(sqlite3_str_length(out) - start);
  size_t need = n + masked + 2;
  if (need > e->cap) {
    char *t = sqlite3_realloc64(e->text, need);
    if (!t) return CLI_OK;
    e->text = t;
    e->cap = need;
  }
  memcpy(e->text, z, n);
  e->text[n] = 0;
  if (masked) memcpy(e->text + n + 1, sqlite3_str_value(out) + start, masked);
  e->text[n + 1 + masked] = 0;
  e->n = n;
  e->masked = masked;
  return CLI_OK;
}

void report_cell_set(struct report_cell *cell, char *text) {
  if (!cell->arena) sqlite3_free(cell->text);
  cell->arena = 0;
  cell->text = text;
}

int report_masker_section(struct report_masker *m, struct report_section *sec, int first) {
  int rc = CLI_OK;
  for (int r = 0; rc == CLI_OK && r < sec->nrow; r++) {
    for (int c = 0; rc == CLI_OK && c < sec->ncol; c++) {
      struct report_cell *cell = REPORT_CELL(sec, r, c);
      if (cell->type != SQLITE_TEXT || !cell->text) continue;
      if (first && (size_t)r * (size_t)sec->ncol + (size_t)c == 1) continue; /* Scope: the database's file name */
      if (report_keyed_column(sec, c) >= 0) continue; /* an id, not text */
      sqlite3_str_reset(m->buf);
      rc = report_masker_text(m, cell->text, m->buf);
      if (rc != CLI_OK) break;
      /* masked, a text is no longer than it was (a name 巴**, numbers
      ** with stars): written over itself, no allocation; an empty text
      ** stays one, "" is no NULL */
      const char *v = sqlite3_str_value(m->buf);
      size_t len = (size_t)sqlite3_str_length(m->buf);
      if (len <= strlen(cell->text)) {
        if (len) memcpy(cell->text, v, len);
        cell->text[len] = 0;
        continue;
      }
      char *t = sqlite3_mprintf("%s", v ? v : "");
      if (!t) return cli_nomem();
      report_cell_set(cell, t);
    }
  }
  return rc;
}

int report_mask(sqlite3 *db, struct report *r) {
  struct report_masker *m = 0;
  int rc = report_masker_open(db, &m);
  for (int s = 0; rc == CLI_OK && s < r->nsec; s++) rc = report_masker_section(m, &r->secs[s], s == 0);
  report_masker_close(m);
  return rc;
}

/* ---- colliding masked names ---------------------------------------------- */

/* The column that column K keys (`_leader` keys `leader`), or -1. */
int report_keyed_column(const struct report_section *s, int k) {
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
    int c = report_keyed_column(s, k);
    for (int r = 0; c >= 0 && r < s->nrow; r++)
      n += REPORT_CELL(s, r, c)->text && REPORT_CELL(s, r, k)->text;
  }
  if (n < 2) return SQLITE_OK;
  struct named *v = sqlite3_malloc64(sizeof(*v) * n);
  if (!v) return SQLITE_NOMEM;
  n = 0;
  for (int k = 0; k < s->ncol; k++) {
    int c = report_keyed_column(s, k);
    for (int r = 0; c >= 0 && r < s->nrow; r++) {
      struct report_cell *name = REPORT_CELL(s, r, c), *key = REPORT_CELL(s, r, k);
      /* the roster's leader mark is no part of the name: ★冯** and 冯** collide */
      const char *text = report_person_text(name->text);
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
    report_cell_set(v[i].cell, t);
    v[i].cell->type = SQLITE_TEXT;
  }
  sqlite3_free(mark);
  sqlite3_free(v);
  return rc;
}

const char *report_person_text(const char *text) {
  return text && strncmp(text, "\xE2\x98\x85", 3) /* ★ */ == 0 ? text + 3 : text;
}

int report_section_person_keys(struct report_section *s, int unmasked) {
  if (!unmasked && mark_collisions(s) != SQLITE_OK) return SQLITE_NOMEM;
  for (int k = s->ncol - 1; k >= 0; k--)
    if (report_keyed_column(s, k) >= 0) report_drop_column(s, k);
  return SQLITE_OK;
}

int report_person_keys(struct report *r) {
  for (int i = 0; i < r->nsec; i++)
    if (report_section_person_keys(&r->secs[i], r->unmasked) != SQLITE_OK) return cli_nomem();
  return CLI_OK;
}
