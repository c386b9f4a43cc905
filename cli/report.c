/*
** report.c — muling report DB NAME [--format table|csv|json|md|html|xlsx]
**                                   [-o FILE] [--param key=value]… [--unmasked] [--bom]
**
** Runs the embedded sql/reports/NAME.sql statement by statement on DB
** (opened read-only: a report may make temp tables, never change data),
** binding :key from --param and :unmasked (1 with --unmasked, else NULL);
** every result table is a section with its -- section: and -- chart:
** lines.  table, csv, json and md are written as the report runs, a long
** section streamed row by row ("streaming" below); html and xlsx keep every
** section whole and are written at the end.
**
** The report's "-- params:" line is the one list of its parameters:
**   -- params: area (area), from (date; default 2023-01-01), unmasked (flag)
** NAME (KIND[; default VALUE][; words]) each.  A --param the line does not
** name is a usage error; a value is checked against its KIND before the
** report runs (params.c, sql/params.sql); the first section, 范围 Scope,
** says what the report ran on.  Everything is read in one transaction
** (one snapshot), with the file's virtual tables refused (cli_begin_read).
** -o writes a temporary file beside the target and renames it, and never
** names the database or its journal.
*/
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "params.h"

/* ---- embedded reports --------------------------------------------------- */

static const struct muling_sql_file *find_report(const char *name) {
  char file[512]; /* no allocation: out of memory is not "no such report" */
  sqlite3_snprintf((int)sizeof file, file, "sql/reports/%s.sql", name);
  return cli_sql_file(file);
}

/* "a, b, c": the names of the reports compiled in. */
static char *report_names(void) {
  sqlite3_str *s = sqlite3_str_new(0);
  int n = 0;
  for (const struct muling_sql_file *f = muling_sql_files; f->name; f++) {
    if (strncmp(f->name, "sql/reports/", 12) != 0) continue;
    const char *base = f->name + 12;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".sql") == 0)
      sqlite3_str_appendf(s, "%s%.*s", n++ ? ", " : "", (int)(len - 4), base);
  }
  if (n == 0) sqlite3_str_appendall(s, "none");
  return sqlite3_str_finish(s);
}

/* ---- collecting results ------------------------------------------------- */

/* Let go of the rows of S (its texts, chunks and arena); S keeps its
** title and columns, with no rows. */
static void free_rows(struct report_section *s) {
  for (int r = 0; r < s->nrow; r++)
    for (int c = 0; c < s->ncol; c++)
      if (!REPORT_CELL(s, r, c)->arena) sqlite3_free(REPORT_CELL(s, r, c)->text);
  for (int i = 0; i < s->nchunk; i++) sqlite3_free(s->chunks[i]);
  sqlite3_free(s->chunks);
  sqlite3_free(s->cells);
  while (s->arena) {
    struct report_arena *next = s->arena->next;
    sqlite3_free(s->arena);
    s->arena = next;
  }
  s->chunks = 0;
  s->cells = 0;
  s->nchunk = s->achunk = s->nrow = s->arow = 0;
}

static void free_section(struct report_section *s) {
  free_rows(s);
  for (int i = 0; i < s->ncol; i++) sqlite3_free(s->cols[i]);
  sqlite3_free(s->cols);
  sqlite3_free(s->title);
  sqlite3_free(s->chart);
  sqlite3_free(s->keys);
}

static void free_report(struct report *r) {
  for (int i = 0; i < r->nsec; i++) free_section(&r->secs[i]);
  sqlite3_free(r->secs);
  sqlite3_free(r->title);
}

/* A copy of z[0..n) in the section's arena: blocks of 64 KiB (or one
** text's size) that the rows' texts fill one after another, freed with the
** rows (free_rows), so a row costs no allocation of its own. */
#define ARENA_BLOCK 65536
static char *copy_text(struct report_section *s, const unsigned char *z, int n) {
  struct report_arena *a = s->arena;
  size_t need = (size_t)n + 1;
  if (!a || a->size - a->used < need) {
    size_t size = need > ARENA_BLOCK - sizeof(*a) ? need : ARENA_BLOCK - sizeof(*a);
    a = sqlite3_malloc64(sizeof(*a) + size);
    if (!a) return 0;
    a->next = s->arena;
    a->used = 0;
    a->size = size;
    s->arena = a;
  }
  char *c = a->text + a->used;
  memcpy(c, z, (size_t)n);
  c[n] = 0;
  a->used += need;
  return c;
}

/* Room for row s->nrow: its chunk, made when the row is a chunk's first
** (each chunk holds REPORT_CHUNK_ROWS rows; the array of chunk pointers
** doubles).  SQLITE_OK or SQLITE_NOMEM. */
static int make_room(struct report_section *s) {
  if (s->nrow % REPORT_CHUNK_ROWS != 0) return SQLITE_OK;
  if (s->nchunk == s->achunk) {
    int na = s->achunk ? s->achunk * 2 : 8;
    struct report_cell **c =
        sqlite3_realloc64(s->chunks, sizeof(*c) * (sqlite3_uint64)na);
    if (!c) return SQLITE_NOMEM;
    s->chunks = c;
    s->achunk = na;
  }
  struct report_cell *chunk = sqlite3_malloc64(sizeof(*chunk) * REPORT_CHUNK_ROWS *
                                               (sqlite3_uint64)(s->ncol ? s->ncol : 1));
  if (!chunk) return SQLITE_NOMEM;
  s->chunks[s->nchunk++] = chunk;
  s->arow = s->nchunk * REPORT_CHUNK_ROWS;
  return SQLITE_OK;
}

/* The decimal text of N >= 0 into z (24 bytes): its length. */
static int ordinal_text(char *z, sqlite3_int64 n) {
  /* two digits a division, from the end, in place */
  static const char pairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  sqlite3_uint64 u = (sqlite3_uint64)n, p = 10;
  int len = 1;
  while (len < 20 && u >= p) len++, p *= 10;
  int k = len;
  z[k] = 0;
  while (u >= 100) {
    int d = (int)(u % 100) * 2;
    u /= 100;
    z[--k] = pairs[d + 1];
    z[--k] = pairs[d];
  }
  if (u >= 10) {
    z[--k] = pairs[u * 2 + 1];
    z[--k] = pairs[u * 2];
  } else {
    z[--k] = (char)('0' + u);
  }
  return len;
}

/* The decimal text of N into z (24 bytes), as SQLite writes an integer:
** its length. */
static int int64_text(char *z, sqlite3_int64 n) {
  if (n >= 0) return ordinal_text(z, n);
  sqlite3_uint64 u = (sqlite3_uint64)0 - (sqlite3_uint64)n; /* INT64_MIN too */
  char t[24];
  int k = 0, len = 0;
  do t[k++] = (char)('0' + u % 10), u /= 10;
  while (u);
  z[len++] = '-';
  while (k) z[len++] = t[--k];
  z[len] = 0;
  return len;
}

/* The ordinal N (> 0) into z (24 bytes), which holds the number *AT: its
** length.  The rows come one after another, so when z holds N - 1 it is
** counted up a digit at a time, not written anew. */
static int ordinal_next(char *z, sqlite3_int64 *at, sqlite3_int64 n) {
  int len = (int)strlen(z);
  sqlite3_int64 was = *at;
  *at = n;
  if (was != n - 1 || len == 0) return ordinal_text(z, n);
  int i = len - 1;
  while (i >= 0 && z[i] == '9') z[i--] = '0';
  if (i >= 0) {
    z[i]++;
    return len;
  }
  /* 99 -> 100 */
  return ordinal_text(z, n);
}

/* Append the current row of stmt to s.  SQLITE_OK or SQLITE_NOMEM. */
static int add_row(struct report_section *s, sqlite3_stmt *stmt) {
  if (make_room(s) != SQLITE_OK) return SQLITE_NOMEM;
  struct report_cell *row = REPORT_CELL(s, s->nrow, 0);
  memset(row, 0, sizeof(*row) * (size_t)s->ncol);
  s->nrow++;
  for (int i = 0; i < s->ncol; i++) {
    row[i].type = sqlite3_column_type(stmt, i);
    if (row[i].type == SQLITE_NULL) continue;
    const unsigned char *z = sqlite3_column_text(stmt, i);
    if (!z) return SQLITE_NOMEM;
    row[i].text = copy_text(s, z, sqlite3_column_bytes(stmt, i));
    if (!row[i].text) return SQLITE_NOMEM;
    row[i].arena = 1;
  }
  if (s->ordinal) {
    /* -- ordinal: the row's number, not what the statement gave */
    char n[24];
    int len = ordinal_text(n, s->nrow);
    struct report_cell *cell = &row[s->ordinal - 1];
    cell->type = SQLITE_INTEGER;
    cell->text = copy_text(s, (const unsigned char *)n, len);
    if (!cell->text) return SQLITE_NOMEM;
    cell->arena = 1;
  }
  return SQLITE_OK;
}

static int new_section(struct report *r, sqlite3_stmt *stmt, char *title, char *chart) {
  struct report_section *secs =
      sqlite3_realloc64(r->secs, sizeof(*secs) * (sqlite3_uint64)(r->nsec + 1));
  if (!secs) {
    sqlite3_free(title);
    sqlite3_free(chart);
    return SQLITE_NOMEM;
  }
  r->secs = secs;
  struct report_section *s = &secs[r->nsec++];
  memset(s, 0, sizeof(*s));
  s->title = title;
  s->chart = chart;
  int n = sqlite3_column_count(stmt);
  s->cols = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)n);
  if (!s->cols) return SQLITE_NOMEM;
  for (int i = 0; i < n; i++) {
    s->cols[i] = sqlite3_mprintf("%s", CLI_STR(sqlite3_column_name(stmt, i)));
    if (!s->cols[i]) return SQLITE_NOMEM;
    s->ncol = i + 1;
  }
  return SQLITE_OK;
}

void report_drop_column(struct report_section *s, int c) {
  /* move every row's cells left over column c, within its chunk (a chunk
  ** keeps its REPORT_CHUNK_ROWS rows: row r stays in chunk r / rows) */
  for (int r = 0; r < s->nrow; r++) {
    struct report_cell *src = REPORT_CELL(s, r, 0);
    size_t in = s->chunks ? (size_t)r % REPORT_CHUNK_ROWS : (size_t)r;
    struct report_cell *base = s->chunks ? s->chunks[(size_t)r / REPORT_CHUNK_ROWS] : s->cells;
    struct report_cell *dst = &base[in * (size_t)(s->ncol - 1)];
    if (!src[c].arena) sqlite3_free(src[c].text);
    for (int k = 0, j = 0; k < s->ncol; k++)
      if (k != c) dst[j++] = src[k];
  }
  sqlite3_free(s->cols[c]);
  memmove(&s->cols[c], &s->cols[c + 1], sizeof(char *) * (size_t)(s->ncol - c - 1));
  s->ncol--;
}

/* report_mask reads the cells however the sections hold them
** (REPORT_CELL).  CLI_OK, CLI_DB or CLI_NOMEM (printed). */
int report_mask_rows(sqlite3 *db, struct report *r) {
  return report_mask(db, r);
}

/* "-- drop-empty-columns: a b c": those columns are not shown when no row
** has a value there (a rota of four slots has no slot_5). */
static void drop_empty_columns(struct report_section *s, const char *names) {
  for (int c = s->ncol - 1; c >= 0; c--) {
    /* a person key `_slot_5` goes with its column slot_5 (report_person_keys) */
    const char *name = s->cols[c][0] == '_' ? s->cols[c] + 1 : s->cols[c];
    size_t n = strlen(name);
    int listed = 0;
    for (const char *p = names; (p = strstr(p, name)) != 0; p += n)
      if ((p == names || p[-1] == ' ') && (p[n] == 0 || p[n] == ' ')) listed = 1;
    int empty = 1;
    for (int r = 0; r < s->nrow && empty; r++) empty = REPORT_CELL(s, r, c)->type == SQLITE_NULL;
    if (listed && empty) report_drop_column(s, c);
  }
}

/* ---- writing where the report goes ---------------------------------------- */

/* Where the report goes: standard output, the file -o names in place (a
** device: /dev/null, a terminal, a FIFO), or a temporary file beside it
** that out_close renames over it. */
struct out {
  const char *path; /* NULL: standard output */
  char *tmp;        /* the temporary file, or NULL: written in place */
  FILE *f;
};

/* Open where PATH (NULL or "-": standard output) is written.  A PATH that
** is there and no regular file (/dev/null, a terminal, a FIFO) is written
** in place, as a temporary file renamed over it would put a file where the
** device was (as root, -o /dev/null made /dev/null a file); else a
** temporary file beside PATH is written and renamed over it (out_close):
** a reader never sees half a report, a failure leaves PATH as it was.
** CLI_OK, or CLI_DB (printed). */
static int out_open(struct out *o, const char *path) {
  memset(o, 0, sizeof(*o));
  if (!path || strcmp(path, "-") == 0) {
    o->f = stdout;
    return CLI_OK;
  }
  o->path = path;
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    o->f = fopen(path, "w");
    if (!o->f) {
      cli_error("cannot write %s: %s", path, strerror(errno));
      return CLI_DB;
    }
    return CLI_OK;
  }
  o->tmp = sqlite3_mprintf("%s.XXXXXX", path);
  if (!o->tmp) return cli_nomem();
  int fd = mkstemp(o->tmp);
  if (fd < 0) {
    cli_error("cannot write %s: %s", path, strerror(errno));
    sqlite3_free(o->tmp);
    o->tmp = 0;
    return CLI_DB;
  }
  mode_t mask = umask(0);
  umask(mask);
  o->f = fchmod(fd, 0666 & ~mask) == 0 ? fdopen(fd, "w") : 0;
  if (!o->f) {
    cli_error("cannot write %s: %s", path, strerror(errno));
    close(fd);
    unlink(o->tmp);
    sqlite3_free(o->tmp);
    o->tmp = 0;
    return CLI_DB;
  }
  return CLI_OK;
}

/* Finish the output.  FAILED: the report failed (said already): the
** temporary file goes, the target stays as it was (standard output and a
** device keep what was written).  Else BAD: writing failed (SAVED: its
** errno, or 0), NOMEM: rendering ran out of memory; or all is well and
** the temporary file, flushed and synced, is renamed into place.  CLI_OK,
** or CLI_DB (printed) when FAILED is 0. */
static int out_close(struct out *o, int failed, int bad, int nomem, int saved) {
  if (!o->f) return CLI_OK;
  FILE *f = o->f;
  o->f = 0;
  if (f == stdout) {
    if (fflush(stdout) != 0 && !bad) bad = 1, saved = errno;
    if (failed) return CLI_DB;
    if (nomem) return cli_nomem();
    if (bad) {
      cli_error("cannot write standard output: %s", saved ? strerror(saved) : "write error");
      return CLI_DB;
    }
    return CLI_OK;
  }
  if (!failed && (fflush(f) != 0 || (o->tmp && fsync(fileno(f)) != 0)) && !bad) bad = 1, saved = errno;
  if (fclose(f) != 0 && !failed && !bad) bad = 1, saved = errno;
  if (!failed && !bad && !nomem && o->tmp && rename(o->tmp, o->path) != 0) bad = 1, saved = errno;
  if (o->tmp && (failed || bad || nomem)) unlink(o->tmp);
  sqlite3_free(o->tmp);
  o->tmp = 0;
  if (failed) return CLI_DB;
  if (nomem) return cli_nomem();
  if (bad) {
    cli_error("cannot write %s: %s", o->path, saved ? strerror(saved) : "write error");
    return CLI_DB;
  }
  return CLI_OK;
}

/* ---- streaming: a big section written as its rows are stepped ----------- */

/* A report is written as it runs (table, csv, json, md): each section
** keeps its first `keep` rows (MULING_REPORT_KEEP, default
** REPORT_CHUNK_ROWS); a section that ends within them is finished in
** memory as before (masked, its person keys, its empty columns) and
** written when the next one begins.  A longer one is streamed: its rows
** are masked and written as the statement steps, none kept.  What must be
** known of the whole section before its first row is written is worked out
** by stepping the statement once more before (the same snapshot, the same
** rows): which listed columns are empty (-- drop-empty-columns), which
** masked names stand for two people (their ids are shown), and for table
** and md the columns' widths and which hold numbers.  Each of those passes
** keeps a few facts a column or a masked name, never the rows.  With
** "-- narrow-passes: yes" the first two step a copy of the statement that
** computes only the columns they read (plan_narrow). */
struct stream {
  struct report *r;
  int format; /* RENDER_* */
  int keep;   /* rows a section keeps before it streams */
  struct report_masker *masker; /* masked output */
  struct render_sink sink;
  struct out out;
  int done;      /* r->secs[0..done) are written (or, csv rows, let go) */
  int rc;        /* what an error already said returns (CLI_SCRIPT_STOP) */
  int wbad, werr; /* writing failed, and its errno */
  int nomem;     /* rendering ran out of memory */
  const struct report_params *p; /* what a narrowed copy is bound with */
};

static int stream_write_error(struct stream *st) {
  st->wbad = 1;
  st->werr = errno;
  st->rc = CLI_DB;
  return CLI_SCRIPT_STOP;
}

/* Write the finished sections before UPTO (r->secs[done..upto)) and let
** their rows go.  FINAL: no section follows (else one does).  As csv rows
** (street_export) only the last section is written, alone. */
static int stream_flush(struct stream *st, int upto, int final) {
  struct report *r = st->r;
  int rows_only = st->format == RENDER_CSV && r->csv_rows;
  for (int i = st->done; i < upto; i++) {
    struct report_section *s = &r->secs[i];
    if (!rows_only || (final && i == r->nsec - 1)) {
      if (st->sink.nsec == 0) st->sink.csv_titles = !rows_only && (!final || r->nsec > 1);
      if (render_section(&st->sink, s)) {
        st->nomem = 1;
        st->rc = CLI_DB;
        return CLI_SCRIPT_STOP;
      }
    }
    free_rows(s);
    st->done = i + 1;
    if (ferror(st->out.f)) return stream_write_error(st);
  }
  return SQLITE_OK;
}

/* A masked name's collision: the first id seen with it, and whether
** another id shares it (mask.c's mark_collisions, a name at a time). */
struct person {
  char *text; /* the masked name, without the leader mark; NULL = empty slot */
  size_t n;   /* its bytes */
  char *key;
  int shared;
};
struct people {
  struct person *slot;
  size_t size, count; /* size: a power of two */
};

static size_t text_hash(const char *z, size_t n) {
  size_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

/* Copy z[0..n) to o (not overlapping): a short text (a cell's usually is)
** in two loads and two stores, one up to 64 bytes (a street's name) a word
** of eight at a time, not in a call. */
static inline __attribute__((always_inline)) void put_bytes(char *o, const char *z, size_t n) {
  if (n >= 8 && n <= 16) {
    sqlite3_uint64 x, u;
    memcpy(&x, z, 8), memcpy(&u, z + n - 8, 8);
    memcpy(o, &x, 8), memcpy(o + n - 8, &u, 8);
  } else if (n >= 4 && n < 8) {
    unsigned x, u;
    memcpy(&x, z, 4), memcpy(&u, z + n - 4, 4);
    memcpy(o, &x, 4), memcpy(o + n - 4, &u, 4);
  } else if (n < 4) {
    for (size_t i = 0; i < n; i++) o[i] = z[i];
  } else if (n <= 64) {
    sqlite3_uint64 x;
    for (size_t i = 0; i + 8 < n; i += 8) memcpy(&x, z + i, 8), memcpy(o + i, &x, 8);
    memcpy(&x, z + n - 8, 8), memcpy(o + n - 8, &x, 8);
  } else {
    memcpy(o, z, n);
  }
}

/* 1 if a[0..n) and b[0..n) are the same bytes: a short text (a cell's
** usually is) compared in two loads of each, one up to 64 bytes a word of
** eight at a time, not in a call. */
static inline __attribute__((always_inline)) int same_bytes(const char *a, const char *b, size_t n) {
  if (n >= 8 && n <= 16) {
    sqlite3_uint64 x, y, u, v;
    memcpy(&x, a, 8), memcpy(&y, b, 8), memcpy(&u, a + n - 8, 8), memcpy(&v, b + n - 8, 8);
    return x == y && u == v;
  }
  if (n >= 4 && n < 8) {
    unsigned x, y, u, v;
    memcpy(&x, a, 4), memcpy(&y, b, 4), memcpy(&u, a + n - 4, 4), memcpy(&v, b + n - 4, 4);
    return x == y && u == v;
  }
  if (n < 4) {
    for (size_t i = 0; i < n; i++)
      if (a[i] != b[i]) return 0;
    return 1;
  }
  if (n <= 64) {
    sqlite3_uint64 x, y, d = 0;
    for (size_t i = 0; i + 8 < n; i += 8) memcpy(&x, a + i, 8), memcpy(&y, b + i, 8), d |= x ^ y;
    memcpy(&x, a + n - 8, 8), memcpy(&y, b + n - 8, 8);
    return (d | (x ^ y)) == 0;
  }
  return memcmp(a, b, n) == 0;
}

static struct person *people_find(struct people *t, const char *text, size_t n) {
  for (size_t i = text_hash(text, n) & (t->size - 1);; i = (i + 1) & (t->size - 1))
    if (!t->slot[i].text || (t->slot[i].n == n && same_bytes(t->slot[i].text, text, n)))
      return &t->slot[i];
}

/* TEXT (N bytes) named KEY.  SQLITE_OK or SQLITE_NOMEM. */
static int people_add(struct people *t, const char *text, size_t n, const char *key) {
  if (2 * (t->count + 1) > t->size) {
    struct people bigger = {0, t->size ? t->size * 2 : 256, t->count};
    bigger.slot = sqlite3_malloc64(sizeof(*bigger.slot) * bigger.size);
    if (!bigger.slot) return SQLITE_NOMEM;
    memset(bigger.slot, 0, sizeof(*bigger.slot) * bigger.size);
    for (size_t i = 0; i < t->size; i++)
      if (t->slot[i].text) *people_find(&bigger, t->slot[i].text, t->slot[i].n) = t->slot[i];
    sqlite3_free(t->slot);
    *t = bigger;
  }
  struct person *p = people_find(t, text, n);
  if (p->text) {
    if (!p->shared && strcmp(p->key, key) != 0) p->shared = 1;
    return SQLITE_OK;
  }
  p->text = sqlite3_mprintf("%.*s", (int)n, text);
  p->key = sqlite3_mprintf("%s", key);
  if (!p->text || !p->key) {
    sqlite3_free(p->text);
    sqlite3_free(p->key);
    p->text = p->key = 0;
    return SQLITE_NOMEM;
  }
  p->n = n;
  t->count++;
  return SQLITE_OK;
}

/* The bytes of z[0..n) before a NUL: what a C string of them holds. */
static size_t c_len(const char *z, size_t n) {
  const char *nul = memchr(z, 0, n);
  return nul ? (size_t)(nul - z) : n;
}

/* The name z[0..*n) as masked names are compared: the roster's leader
** mark (★) left off (report_person_text). */
static const char *person_text(const char *z, size_t *n) {
  if (*n >= 3 && memcmp(z, "\xE2\x98\x85", 3) == 0) return *n -= 3, z + 3;
  return z;
}

static void people_free(struct people *t) {
  for (size_t i = 0; i < t->size; i++) {
    sqlite3_free(t->slot[i].text);
    sqlite3_free(t->slot[i].key);
  }
  sqlite3_free(t->slot);
}

/* "-- drop-empty-columns: a b c" names column COL (a person key `_slot_5`
** goes with its column slot_5, report_person_keys). */
static int drop_listed(const char *col, const char *names) {
  const char *name = col[0] == '_' ? col + 1 : col;
  size_t n = strlen(name);
  for (const char *p = names; (p = strstr(p, name)) != 0; p += n)
    if ((p == names || p[-1] == ' ') && (p[n] == 0 || p[n] == ' ')) return 1;
  return 0;
}

/* The passes over a streamed section. */
#define PASS_EMPTY 1   /* which listed columns have no value */
#define PASS_PEOPLE 2  /* which masked names two ids share */
#define PASS_WIDTH 4   /* the columns' widths, which hold numbers */
#define PASS_WRITE 8

/* A row as a pass reads it: its cells, their texts' bytes, and the texts
** themselves copied into one buffer, each ending in a NUL (SQLite hands a
** text over without one when it is read as a blob; asked for with one, it
** makes a copy a cell). */
struct rowcopy {
  struct report_cell *cell; /* [n] */
  int *len;                 /* [n] bytes of each text (as given: a NUL inside counts) */
  char *text;
  size_t cap;
  char ordinal[24]; /* -- ordinal: the row's number */
  sqlite3_int64 at; /* the number ordinal holds (0: none) */
};

/* A column's masked texts, each masked once and kept with its masked
** form (a street, a community, 男 and 女, 汉族, a masked name 冯**: row
** after row the same few hundred in a city): raw, NUL, masked, NUL
** (mask_cell).  Open addressing by a hash of every byte; a column that
** fills MEMO_MAX / 2 slots (its buildings, free text) begins again empty,
** and a text longer than MEMO_TEXT is kept alone, so a column's memo
** stays under half a megabyte. */
struct last_mask {
  char *buf;
  size_t cap;
  int raw, masked; /* their bytes; raw < 0: an empty slot */
  unsigned hash;
  int shared;      /* a name: found shared by two ids (that stays so) */
  int plain;       /* the masked text has no NUL and nothing csv quotes */
};
struct mask_memo {
  struct last_mask *slot; /* [size], size a power of two (0: none yet) */
  unsigned size, count;
  struct last_mask long_text; /* the last text longer than MEMO_TEXT */
};
#define MEMO_FIRST 64
#define MEMO_MAX 4096 /* slots: a column keeps 2,048 texts at most */
#define MEMO_TEXT 128 /* bytes: a longer text (free text) is kept alone */

/* A streamed section: its columns as the statement gives them (n), and
** what the passes learn of them. */
struct plan {
  struct stream *st;
  struct report_section *s;
  const char *drop; /* -- drop-empty-columns, or NULL */
  int n;
  char *value;   /* [n] some row has a value there */
  char *present; /* [n] still there once the empty listed columns are dropped */
  int *key_of;   /* [n] the column this one keys (`_leader` keys leader), or -1 */
  char *shown;   /* [n] written: present, and no person key */
  int nshown;
  int *shown_at; /* [nshown] the columns written */
  char **names;  /* [nshown] their names */
  int *width, *numbers, *wide; /* [n] PASS_WIDTH's findings */
  int *shown_width, *shown_numeric; /* [nshown] */
  struct people people;
  struct rowcopy src;  /* the row a pass reads */
  struct report_cell *fin, *out; /* [n] [nshown] the row as written */
  int *flen, *olen;    /* [n] [nshown] their texts' bytes */
  char *needed;  /* [n] PASS_PEOPLE reads only the names and their keys */
  sqlite3_str *buf, *marks; /* the row's masked texts, its marked names */
  int *off, *moff;          /* [n] where a cell's text is in buf, marks, or -1 */
  struct mask_memo *memo;   /* [n] each column's texts, masked */
  struct last_mask **recent; /* [n] the slot each column's last text was in */
  sqlite3_stmt *narrow;     /* -- narrow-passes: the columns the passes before
                            ** the writing read, or NULL */
  int *narrow_at;           /* [n] narrow's column j is the section's column narrow_at[j] */
  /* stmt_cells' scratch: each column's value, before it is copied */
  const char **at;
  int *bytes;
  sqlite3_int64 *ival;
  /* The people pass, stepped as the writing needs it (people_known): the
  ** narrowed copy (lazy), its row, how many it gave, whether it is done,
  ** and what stepping it failed with (prc) */
  int lazy, pstarted, pdone, prc;
  sqlite3_int64 pcount;
  struct rowcopy prow;
  sqlite3_str *pbuf; /* its row's masked names */
  int *name_key;     /* [n] the person key of this name column, or -1 */
  char ktext[24];    /* csv: the last name key written (key_text), */
  int klen;          /* its bytes (0: none), */
  sqlite3_int64 kat; /* and the id it is */
  char *obuf;        /* csv: the rows written, before they go out */
  size_t on, ocap;
};

static void memo_free(struct mask_memo *m) {
  for (unsigned i = 0; i < m->size; i++) sqlite3_free(m->slot[i].buf);
  sqlite3_free(m->slot);
  sqlite3_free(m->long_text.buf);
  memset(m, 0, sizeof(*m));
}

/* M emptied into SIZE slots (a power of two), or grown to SIZE with its
** texts kept.  SQLITE_OK or SQLITE_NOMEM (M as it was). */
static int memo_resize(struct mask_memo *m, unsigned size, int keep) {
  struct last_mask *t = sqlite3_malloc64(sizeof(*t) * (sqlite3_uint64)size);
  if (!t) return SQLITE_NOMEM;
  memset(t, 0, sizeof(*t) * size);
  for (unsigned i = 0; i < size; i++) t[i].raw = -1;
  for (unsigned i = 0; i < m->size; i++) {
    struct last_mask *l = &m->slot[i];
    if (!keep || l->raw < 0) {
      sqlite3_free(l->buf);
      continue;
    }
    unsigned j = l->hash & (size - 1);
    while (t[j].raw >= 0) j = (j + 1) & (size - 1);
    t[j] = *l;
  }
  sqlite3_free(m->slot);
  m->slot = t;
  m->size = size;
  if (!keep) m->count = 0;
  return SQLITE_OK;
}

static void rowcopy_free(struct rowcopy *r) {
  sqlite3_free(r->cell);
  sqlite3_free(r->len);
  sqlite3_free(r->text);
}

static void plan_free(struct plan *pl) {
  sqlite3_free(pl->value);
  sqlite3_free(pl->present);
  sqlite3_free(pl->key_of);
  sqlite3_free(pl->shown);
  sqlite3_free(pl->shown_at);
  sqlite3_free(pl->names);
  sqlite3_free(pl->width);
  sqlite3_free(pl->numbers);
  sqlite3_free(pl->wide);
  sqlite3_free(pl->shown_width);
  sqlite3_free(pl->shown_numeric);
  people_free(&pl->people);
  rowcopy_free(&pl->src);
  rowcopy_free(&pl->prow);
  sqlite3_free(pl->fin);
  sqlite3_free(pl->out);
  sqlite3_free(pl->flen);
  sqlite3_free(pl->olen);
  sqlite3_free(sqlite3_str_finish(pl->buf));
  sqlite3_free(sqlite3_str_finish(pl->marks));
  sqlite3_free(sqlite3_str_finish(pl->pbuf));
  sqlite3_free(pl->off);
  sqlite3_free(pl->moff);
  for (int c = 0; pl->memo && c < pl->n; c++) memo_free(&pl->memo[c]);
  sqlite3_free(pl->memo);
  sqlite3_free(pl->recent);
  sqlite3_free(pl->needed);
  sqlite3_finalize(pl->narrow);
  sqlite3_free(pl->narrow_at);
  sqlite3_free(pl->at);
  sqlite3_free(pl->bytes);
  sqlite3_free(pl->ival);
  sqlite3_free(pl->name_key);
  sqlite3_free(pl->obuf);
}

static void *plan_alloc(size_t each, int n, int *nomem) {
  void *p = sqlite3_malloc64(each * (sqlite3_uint64)(n ? n : 1));
  if (!p) *nomem = 1;
  else memset(p, 0, each * (size_t)(n ? n : 1));
  return p;
}

static int plan_init(struct plan *pl, struct stream *st, struct report_section *s, const char *drop) {
  memset(pl, 0, sizeof(*pl));
  pl->st = st;
  pl->s = s;
  pl->drop = drop;
  int n = pl->n = s->ncol, nomem = 0;
  pl->value = plan_alloc(1, n, &nomem);
  pl->present = plan_alloc(1, n, &nomem);
  pl->key_of = plan_alloc(sizeof(int), n, &nomem);
  pl->shown = plan_alloc(1, n, &nomem);
  pl->shown_at = plan_alloc(sizeof(int), n, &nomem);
  pl->names = plan_alloc(sizeof(char *), n, &nomem);
  pl->width = plan_alloc(sizeof(int), n, &nomem);
  pl->numbers = plan_alloc(sizeof(int), n, &nomem);
  pl->wide = plan_alloc(sizeof(int), n, &nomem);
  pl->shown_width = plan_alloc(sizeof(int), n, &nomem);
  pl->shown_numeric = plan_alloc(sizeof(int), n, &nomem);
  pl->src.cell = plan_alloc(sizeof(struct report_cell), n, &nomem);
  pl->src.len = plan_alloc(sizeof(int), n, &nomem);
  pl->prow.cell = plan_alloc(sizeof(struct report_cell), n, &nomem);
  pl->prow.len = plan_alloc(sizeof(int), n, &nomem);
  pl->fin = plan_alloc(sizeof(struct report_cell), n, &nomem);
  pl->out = plan_alloc(sizeof(struct report_cell), n, &nomem);
  pl->flen = plan_alloc(sizeof(int), n, &nomem);
  pl->olen = plan_alloc(sizeof(int), n, &nomem);
  pl->off = plan_alloc(sizeof(int), n, &nomem);
  pl->moff = plan_alloc(sizeof(int), n, &nomem);
  pl->memo = plan_alloc(sizeof(struct mask_memo), n, &nomem);
  pl->recent = plan_alloc(sizeof(struct last_mask *), n, &nomem);
  pl->needed = plan_alloc(1, n, &nomem);
  pl->narrow_at = plan_alloc(sizeof(int), n, &nomem);
  pl->at = plan_alloc(sizeof(char *), n, &nomem);
  pl->bytes = plan_alloc(sizeof(int), n, &nomem);
  pl->ival = plan_alloc(sizeof(sqlite3_int64), n, &nomem);
  pl->name_key = plan_alloc(sizeof(int), n, &nomem);
  pl->buf = sqlite3_str_new(0);
  pl->marks = sqlite3_str_new(0);
  pl->pbuf = sqlite3_str_new(0);
  return nomem ? SQLITE_NOMEM : SQLITE_OK;
}

/* The columns once the empty listed ones are dropped, the person keys
** among them and the columns written: what drop_empty_columns and then
** report_person_keys do to a section held whole, done to its names. */
static int plan_columns(struct plan *pl) {
  struct report_section *s = pl->s;
  int n = pl->n, m = 0;
  int *at = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(n ? n : 1));
  char **cols = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)(n ? n : 1));
  if (!at || !cols) {
    sqlite3_free(at);
    sqlite3_free(cols);
    return SQLITE_NOMEM;
  }
  for (int c = 0; c < n; c++) {
    pl->present[c] = !(pl->drop && drop_listed(s->cols[c], pl->drop) && !pl->value[c]);
    pl->key_of[c] = -1;
    if (pl->present[c]) at[m] = c, cols[m++] = s->cols[c];
  }
  struct report_section v;
  memset(&v, 0, sizeof(v));
  v.ncol = m;
  v.cols = cols;
  for (int j = 0; j < m; j++) {
    int t = report_keyed_column(&v, j);
    pl->key_of[at[j]] = t >= 0 ? at[t] : -1;
  }
  /* report_person_keys: from the last column back, a person key goes */
  for (int j = m - 1; j >= 0; j--) {
    if (report_keyed_column(&v, j) < 0) continue;
    memmove(&cols[j], &cols[j + 1], sizeof(char *) * (size_t)(m - j - 1));
    memmove(&at[j], &at[j + 1], sizeof(int) * (size_t)(m - j - 1));
    v.ncol = --m;
  }
  for (int c = 0; c < n; c++) pl->name_key[c] = -1;
  for (int c = 0; c < n; c++)
    if (pl->key_of[c] >= 0) {
      pl->needed[c] = pl->needed[pl->key_of[c]] = 1;
      pl->name_key[pl->key_of[c]] = c;
    }
  pl->nshown = m;
  for (int j = 0; j < m; j++) {
    pl->shown[at[j]] = 1;
    pl->shown_at[j] = at[j];
    pl->names[j] = cols[j];
  }
  sqlite3_free(at);
  sqlite3_free(cols);
  return SQLITE_OK;
}

/* 1 if the section's columns are fit to stream: no two share a name (a
** person key would then key the first of them). */
static int plan_fit(const struct report_section *s) {
  for (int i = 0; i < s->ncol; i++)
    for (int j = i + 1; j < s->ncol; j++)
      if (strcmp(s->cols[i], s->cols[j]) == 0) return 0;
  return 1;
}

/* The masked form of column C's text Z (N bytes; a NUL after them or not)
** in *out, *outn: what report_masker_text makes of it, found without it
** when it can be.  A text with no byte a name can start with (mask.c looks
** for names at a byte past ASCII or a letter), no NUL (mask.c reads a text
** as far as one) and fewer than 11 digits (an ID number has 15 or more, a
** mobile number 11) is left as it is.  Else the column's text of the row
** before is tried, then the column's memo (struct mask_memo: every text
** the column had, masked once), and only a text new to it goes to the
** masker.  CLI_OK, or CLI_DB (printed). */
static int mask_slot(struct plan *pl, int c, const char *z, int n, const char **out, int *outn,
                     struct last_mask **slot, int *plain);

static inline __attribute__((always_inline)) int mask_cell(struct plan *pl, int c, const char *z, int n,
                                                           const char **out, int *outn,
                                                           struct last_mask **slot, int *plain) {
  const unsigned char *u = (const unsigned char *)z;
  int digits = 0, i = 0;
  *slot = 0;
  /* the column's text of the row before, again */
  struct last_mask *l = pl->recent[c];
  if (l && l->raw == n && same_bytes(l->buf, z, (size_t)n)) {
    *out = l->buf + n + 1;
    *outn = l->masked;
    *slot = l;
    if (plain) *plain = l->plain;
    return CLI_OK;
  }
  if (n == 0 || u[0] < 0x80) {
    /* ASCII up to a name's first byte (none, mostly): digits counted, and
    ** whether csv must quote it (plain) */
    sqlite3_uint64 special = 0;
#if REPORT_SWAR
    for (; i + 8 <= n; i += 8) {
      sqlite3_uint64 v = swar_load(z + i), dig = swar_between(v, '0' - 1, '9' + 1);
      if ((dig | swar_eq(v, '*')) == SWAR_HIGH) { /* digits and stars (a masked number) */
        digits += swar_count(dig);
        continue;
      }
      if ((v & SWAR_HIGH) || swar_zero(v) || swar_between(v | (SWAR_ONES * 0x20), 'a' - 1, 'z' + 1)) break;
      digits += swar_count(swar_between(v, '0' - 1, '9' + 1));
      special |= swar_eq(v, ',') | swar_eq(v, '"') | swar_eq(v, '\r') | swar_eq(v, '\n');
    }
#endif
    for (; i < n; i++) {
      unsigned char b = u[i];
      if (b >= 0x80 || b == 0 || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')) break;
      digits += b >= '0' && b <= '9';
      special |= b == ',' || b == '"' || b == '\r' || b == '\n';
    }
    if (i == n && digits < 11) {
      *out = z;
      *outn = n;
      if (plain) *plain = !special;
      return CLI_OK;
    }
  }
  return mask_slot(pl, c, z, n, out, outn, slot, plain);
}

/* A hash of z[0..n): every byte, a word of eight at a time. */
static unsigned memo_hash(const char *z, size_t n) {
  sqlite3_uint64 h = n * 0x9E3779B97F4A7C15ULL, w;
  if (n >= 8) {
    size_t i = 0;
    for (; i + 8 < n; i += 8) {
      memcpy(&w, z + i, 8);
      h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    }
    memcpy(&w, z + n - 8, 8); /* the last eight, some maybe again */
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
  } else if (n >= 4) {
    unsigned lo, hi; /* two loads of four, overlapping */
    memcpy(&lo, z, 4), memcpy(&hi, z + n - 4, 4);
    h = (h ^ ((sqlite3_uint64)hi << 32 | lo)) * 0xC4CEB9FE1A85EC53ULL;
  } else {
    w = 0;
    for (size_t i = 0; i < n; i++) w |= (sqlite3_uint64)(unsigned char)z[i] << (8 * i);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
  }
  return (unsigned)(h >> 32);
}

/* mask_cell's look-up in the column's memo, and on a miss the masker. */
static __attribute__((noinline)) int mask_slot(struct plan *pl, int c, const char *z, int n,
                                               const char **out, int *outn, struct last_mask **slot,
                                               int *plain) {
  struct mask_memo *m = &pl->memo[c];
  unsigned h = 0;
  struct last_mask *l = 0;
  if (n > MEMO_TEXT) {
    l = &m->long_text;
    if (l->buf && l->raw == n && memcmp(l->buf, z, (size_t)n) == 0) goto hit;
    goto fill;
  }
  h = memo_hash(z, (size_t)n);
  if (m->size) {
    for (unsigned i = h & (m->size - 1);; i = (i + 1) & (m->size - 1)) {
      l = &m->slot[i];
      if (l->raw < 0) break;
      if (l->hash == h && l->raw == n && same_bytes(l->buf, z, (size_t)n)) goto hit;
    }
  }
  /* a new text: room for it (a memo more than half full grows, or past
  ** MEMO_MAX begins again) */
  if (!m->size || 2 * (m->count + 1) > m->size) {
    pl->recent[c] = 0;
    int keep = m->size && m->size < MEMO_MAX;
    if (memo_resize(m, !m->size ? MEMO_FIRST : keep ? 2 * m->size : m->size, keep) != SQLITE_OK)
      return cli_nomem();
    unsigned i = h & (m->size - 1);
    while (m->slot[i].raw >= 0) i = (i + 1) & (m->size - 1);
    l = &m->slot[i];
  }
  m->count++;
fill:
  /* mask.c reads a C string: the text is copied into the slot first, and
  ** masked from there */
  l->raw = -1;
  size_t need = (size_t)n + 1;
  if (need > l->cap) {
    char *b = sqlite3_realloc64(l->buf, need);
    if (!b) return cli_nomem();
    l->buf = b;
    l->cap = need;
  }
  memcpy(l->buf, z, (size_t)n);
  l->buf[n] = 0;
  if (sqlite3_str_length(pl->buf) > 65536) sqlite3_str_reset(pl->buf);
  int start = sqlite3_str_length(pl->buf);
  int rc = report_masker_text(pl->st->masker, l->buf, pl->buf);
  if (rc != CLI_OK) return rc;
  if (sqlite3_str_errcode(pl->buf) != SQLITE_OK) return cli_nomem();
  int masked = sqlite3_str_length(pl->buf) - start;
  need = (size_t)n + (size_t)masked + 2;
  if (need > l->cap) {
    char *b = sqlite3_realloc64(l->buf, need);
    if (!b) return cli_nomem();
    l->buf = b;
    l->cap = need;
  }
  if (masked) memcpy(l->buf + n + 1, sqlite3_str_value(pl->buf) + start, (size_t)masked);
  l->buf[n + 1 + masked] = 0;
  l->raw = n;
  l->hash = h;
  l->masked = masked;
  l->shared = 0;
  l->plain = 1;
  for (int k = 0; k < masked; k++) {
    char b = l->buf[n + 1 + k];
    if (b == 0 || b == ',' || b == '"' || b == '\r' || b == '\n') l->plain = 0;
  }
hit:
  pl->recent[c] = l;
  *out = l->buf + n + 1;
  *outn = l->masked;
  *slot = l;
  if (plain) *plain = l->plain;
  return CLI_OK;
}

static int stmt_cells(struct plan *pl, int pass, sqlite3_stmt *stmt, struct rowcopy *rc, int n,
                      sqlite3_int64 index);
static int people_row(struct plan *pl, const struct report_cell *row);

/* One more row of the people pass, stepped as the writing needs it (the
** narrowed copy, from its start).  CLI_OK, or CLI_DB (printed, or
** pl->prc: the statement failed). */
static int people_step(struct plan *pl) {
  int rc = SQLITE_OK;
  if (!pl->pstarted) {
    pl->pstarted = 1;
    rc = sqlite3_reset(pl->narrow);
  }
  if (rc == SQLITE_OK) rc = sqlite3_step(pl->narrow);
  if (rc == SQLITE_DONE) {
    pl->pdone = 1;
    return CLI_OK;
  }
  if (rc == SQLITE_ROW && stmt_cells(pl, PASS_PEOPLE, pl->narrow, &pl->prow, pl->n, pl->pcount) != SQLITE_OK)
    rc = SQLITE_NOMEM;
  if (rc != SQLITE_ROW) {
    pl->prc = rc;
    return CLI_DB;
  }
  pl->pcount++;
  return people_row(pl, pl->prow.cell);
}

/* 1 if the masked name TEXT (N bytes) stands for two ids in the section,
** 0 if not, -1 on an error (people_step).  Lazy, the people pass steps on
** until TEXT has a second id or the rows end: a name found shared stays
** shared, and one not found so is known only at the end.  In a city,
** where nearly every masked name (冯**) is many people's, the writing
** seldom waits for long, and the pass stops where the last name the
** writing asks about is found shared. */
static int people_known(struct plan *pl, const char *text, size_t n) {
  for (;;) {
    if (pl->people.size) {
      struct person *p = people_find(&pl->people, text, n);
      if (p->text && p->shared) return 1;
    }
    if (!pl->lazy || pl->pdone) return 0;
    if (people_step(pl) != CLI_OK) return -1;
  }
}

/* The row ROW (n cells: the statement's, or one the section kept; LEN:
** their texts' bytes, or NULL: each ends in a NUL) as it is written: fin,
** its texts masked (MASK) and the names two ids share given their id
** (MARK), as report_mask and report_person_keys do to a section held
** whole.  ONLY: the columns to mask, or NULL for all.  A text of fin ends
** at flen bytes or at a NUL before, whichever comes first (so it is read
** as a C string is).  CLI_OK, or CLI_DB (printed). */
static int plan_row(struct plan *pl, const struct report_cell *row, const int *len, int mask,
                    int mark, const char *only) {
  int n = pl->n;
  /* marks follow one another in its buffer (a row's are where its own
  ** appends put them), emptied past 64 KiB: sqlite3_str_reset frees the
  ** buffer, so emptying it every row made every row grow it again */
  if (sqlite3_str_length(pl->marks) > 65536) sqlite3_str_reset(pl->marks);
  for (int c = 0; c < n; c++) {
    pl->fin[c].type = row[c].type;
    pl->fin[c].text = row[c].text;
    pl->fin[c].arena = 0;
    pl->flen[c] = !row[c].text ? 0 : len ? len[c] : (int)strlen(row[c].text);
    pl->moff[c] = -1;
    if (!mask || !pl->present[c] || row[c].type != SQLITE_TEXT || !row[c].text || pl->key_of[c] >= 0)
      continue;
    if (only && !only[c]) continue;
    const char *m = 0;
    struct last_mask *slot;
    int rc = mask_cell(pl, c, row[c].text, pl->flen[c], &m, &pl->flen[c], &slot, 0);
    if (rc != CLI_OK) return rc;
    pl->fin[c].text = (char *)m;
  }
  if (!mark) return CLI_OK;
  for (int k = 0; k < n; k++) {
    int c = pl->key_of[k];
    if (c < 0 || !pl->fin[c].text || !pl->fin[k].text) continue;
    size_t nn = c_len(pl->fin[c].text, (size_t)pl->flen[c]), pn = nn;
    const char *name = person_text(pl->fin[c].text, &pn);
    int shared = people_known(pl, name, pn);
    if (shared < 0) return CLI_DB;
    if (!shared) continue;
    /* NAME(#KEY), each as far as a NUL */
    pl->moff[c] = sqlite3_str_length(pl->marks);
    sqlite3_str_append(pl->marks, pl->fin[c].text, (int)nn);
    sqlite3_str_append(pl->marks, "(#", 2);
    sqlite3_str_append(pl->marks, pl->fin[k].text, (int)c_len(pl->fin[k].text, (size_t)pl->flen[k]));
    sqlite3_str_append(pl->marks, ")", 2); /* and its NUL */
  }
  if (sqlite3_str_errcode(pl->marks) != SQLITE_OK) return cli_nomem();
  char *base = sqlite3_str_value(pl->marks);
  for (int c = 0; c < n; c++) {
    if (pl->moff[c] < 0) continue;
    pl->fin[c].text = base + pl->moff[c];
    pl->fin[c].type = SQLITE_TEXT;
    pl->flen[c] = (int)strlen(pl->fin[c].text);
  }
  return CLI_OK;
}

/* What the people pass learns of ROW (its texts end in a NUL): each name,
** masked, with the id of its person (plan_row's masking, on its own
** buffer, as the writing's row is still being made when a lazy pass
** steps).  CLI_OK, or CLI_DB. */
static int people_row(struct plan *pl, const struct report_cell *row) {
  int n = pl->n;
  if (sqlite3_str_length(pl->pbuf) > 65536) sqlite3_str_reset(pl->pbuf);
  for (int k = 0; k < n; k++) {
    int c = pl->key_of[k];
    if (c < 0 || !row[c].text || !row[k].text) continue;
    const char *name = row[c].text;
    if (pl->st->masker && pl->present[c] && row[c].type == SQLITE_TEXT && pl->key_of[c] < 0) {
      int start = sqlite3_str_length(pl->pbuf);
      int rc = report_masker_text(pl->st->masker, name, pl->pbuf);
      if (rc != CLI_OK) return rc;
      sqlite3_str_appendchar(pl->pbuf, 1, 0);
      if (sqlite3_str_errcode(pl->pbuf) != SQLITE_OK) return cli_nomem();
      name = sqlite3_str_value(pl->pbuf) + start;
    }
    size_t pn = strlen(name);
    name = person_text(name, &pn);
    if (people_add(&pl->people, name, pn, row[k].text) != SQLITE_OK) return cli_nomem();
  }
  return CLI_OK;
}

/* One row of pass PASS (LEN: its texts' bytes, or NULL).  CLI_OK, CLI_DB
** (printed) or CLI_SCRIPT_STOP (writing failed). */
static int plan_pass_row(struct plan *pl, int pass, const struct report_cell *row, const int *len) {
  int n = pl->n;
  if (pass == PASS_EMPTY) {
    for (int c = 0; c < n; c++)
      if (row[c].type != SQLITE_NULL) pl->value[c] = 1;
    return CLI_OK;
  }
  if (pass == PASS_PEOPLE) return people_row(pl, row);
  int masked = pl->st->masker != 0;
  int rc = plan_row(pl, row, len, masked, masked, 0);
  if (rc != CLI_OK) return rc;
  if (pass == PASS_WIDTH) {
    for (int c = 0; c < n; c++) {
      const struct report_cell *cell = &pl->fin[c];
      int w = cli_display_width(cell->text);
      if (w > pl->width[c]) pl->width[c] = w;
      if (report_is_number(cell)) pl->numbers[c]++;
      else if (cell->type != SQLITE_NULL && w > 3) pl->wide[c] = 1;
    }
    return CLI_OK;
  }
  for (int j = 0; j < pl->nshown; j++) {
    pl->out[j] = pl->fin[pl->shown_at[j]];
    pl->olen[j] = pl->flen[pl->shown_at[j]];
  }
  render_row_len(&pl->st->sink, pl->out, pl->olen);
  if (ferror(pl->st->out.f)) return stream_write_error(pl->st);
  return CLI_OK;
}

/* The cells of STMT's current row into RC: for PASS what it reads
** (PASS_EMPTY: the types; PASS_PEOPLE: the names and their keys; else
** every cell).  STMT is the section's statement, or its narrowed copy
** (pl->narrow), whose columns are some of the section's (narrow_at): the
** others read as NULL, and the passes that step it read none of them.  A
** text is read as SQLite holds it (as a blob: no NUL added, no copy
** made in SQLite) and copied with the row's others into one buffer, each
** ending in a NUL; an integer is written there as sqlite3_column_text
** would.  SQLITE_OK or SQLITE_NOMEM. */
static int stmt_cells(struct plan *pl, int pass, sqlite3_stmt *stmt, struct rowcopy *rc, int n,
                      sqlite3_int64 index) {
  int narrowed = stmt == pl->narrow, m = narrowed ? sqlite3_column_count(stmt) : n;
  int ordinal = pl->s->ordinal - 1; /* -- ordinal: the writer numbers the rows */
  struct report_cell *row = rc->cell;
  for (int c = 0; narrowed && c < n; c++) row[c] = (struct report_cell){.type = SQLITE_NULL};
  size_t need = 0;
  for (int j = 0; j < m; j++) {
    int c = narrowed ? pl->narrow_at[j] : j;
    if (c == ordinal) continue;
    sqlite3_value *v = sqlite3_column_value(stmt, j);
    int t = sqlite3_value_type(v);
    row[c].type = t;
    row[c].text = 0;
    row[c].arena = 0;
    if (t == SQLITE_NULL || pass == PASS_EMPTY) continue;
    if (pass == PASS_PEOPLE && !pl->needed[c]) continue;
    if (t == SQLITE_INTEGER) {
      pl->ival[c] = sqlite3_value_int64(v);
      pl->bytes[c] = -1;
      need += 24;
      continue;
    }
    /* a text as it is; a real or a blob as text (SQLite's own spelling) */
    const char *z = t == SQLITE_TEXT ? sqlite3_value_blob(v) : (const char *)sqlite3_value_text(v);
    int nb = sqlite3_value_bytes(v);
    if (!z && (nb > 0 || t != SQLITE_TEXT)) return SQLITE_NOMEM;
    pl->at[c] = z ? z : "";
    pl->bytes[c] = nb;
    need += (size_t)nb + 1;
  }
  if (need > rc->cap) {
    size_t cap = need * 2 > 4096 ? need * 2 : 4096;
    char *t = sqlite3_realloc64(rc->text, cap);
    if (!t) return SQLITE_NOMEM;
    rc->text = t;
    rc->cap = cap;
  }
  char *p = rc->text;
  for (int j = 0; j < m; j++) {
    int c = narrowed ? pl->narrow_at[j] : j;
    if (c == ordinal || row[c].type == SQLITE_NULL || pass == PASS_EMPTY) continue;
    if (pass == PASS_PEOPLE && !pl->needed[c]) continue;
    if (pl->bytes[c] < 0) {
      row[c].text = p;
      rc->len[c] = int64_text(p, pl->ival[c]);
      p += rc->len[c] + 1;
    } else {
      row[c].text = p;
      memcpy(p, pl->at[c], (size_t)pl->bytes[c]);
      p[pl->bytes[c]] = 0;
      rc->len[c] = pl->bytes[c];
      p += rc->len[c] + 1;
    }
  }
  if (ordinal >= 0) {
    rc->len[ordinal] = ordinal_next(rc->ordinal, &rc->at, index + 1);
    row[ordinal] = (struct report_cell){.type = SQLITE_INTEGER, .text = rc->ordinal};
  }
  return SQLITE_OK;
}

/* ---- csv rows written straight from the statement ------------------------ */

/* Room for N more bytes in the writing's buffer.  0, or -1 out of memory. */
static int out_room(struct plan *pl, size_t n) {
  if (pl->on + n <= pl->ocap) return 0;
  size_t cap = pl->ocap ? pl->ocap : 65536;
  while (cap < pl->on + n) cap *= 2;
  char *b = sqlite3_realloc64(pl->obuf, cap);
  if (!b) return -1;
  pl->obuf = b;
  pl->ocap = cap;
  return 0;
}

/* Hand the writing's buffer to the output.  CLI_OK, or CLI_SCRIPT_STOP
** (writing failed). */
static int out_flush(struct plan *pl) {
  if (pl->on && fwrite(pl->obuf, 1, pl->on, pl->st->out.f) != pl->on) {
    pl->on = 0;
    return stream_write_error(pl->st);
  }
  pl->on = 0;
  return ferror(pl->st->out.f) ? stream_write_error(pl->st) : CLI_OK;
}

/* Append z[0..n) as a csv field: as csv_row writes it (render.c), a NUL
** among the bytes ends it, a comma, quote or line break quotes it.  0, or
** -1 out of memory. */
static int out_field(struct plan *pl, const char *z, size_t n) {
  size_t len, plain = csv_plain_run(z, n, &len);
  if (out_room(pl, 2 * len + 2)) return -1;
  char *o = pl->obuf + pl->on;
  if (plain == len) {
    put_bytes(o, z, len);
    pl->on += len;
    return 0;
  }
  size_t k = 0;
  o[k++] = '"';
  for (size_t i = 0; i < len; i++) {
    if (z[i] == '"') o[k++] = '"';
    o[k++] = z[i];
  }
  o[k++] = '"';
  pl->on += k;
  return 0;
}

/* The text of column C of STMT's row as the generic path reads it:
** *type, and the bytes (an integer written into TMP, 24 bytes). */
static inline int cell_text(sqlite3_stmt *stmt, int c, char *tmp, int *type, const char **z, int *n) {
  sqlite3_value *v = sqlite3_column_value(stmt, c);
  int t = *type = sqlite3_value_type(v);
  *z = 0;
  *n = 0;
  if (t == SQLITE_NULL) return SQLITE_OK;
  if (t == SQLITE_INTEGER) {
    *n = int64_text(tmp, sqlite3_value_int64(v));
    *z = tmp;
    return SQLITE_OK;
  }
  const char *p = t == SQLITE_TEXT ? sqlite3_value_blob(v) : (const char *)sqlite3_value_text(v);
  int nb = sqlite3_value_bytes(v);
  if (!p && (nb > 0 || t != SQLITE_TEXT)) return SQLITE_NOMEM;
  *z = p ? p : "";
  *n = nb;
  return SQLITE_OK;
}

/* cell_text of a name's key, column K: an id a little above the row
** before's (the ids of rows in id order) is counted up from its text in
** pl->ktext, not written anew. */
static inline int key_text(struct plan *pl, sqlite3_stmt *stmt, int k, char *tmp, int *type,
                           const char **z, int *n) {
  sqlite3_value *v = sqlite3_column_value(stmt, k);
  if ((*type = sqlite3_value_type(v)) != SQLITE_INTEGER) return cell_text(stmt, k, tmp, type, z, n);
  sqlite3_int64 id = sqlite3_value_int64(v), was = pl->kat;
  char *t = pl->ktext;
  *z = t;
  pl->kat = id;
  if (pl->klen > 0 && was >= 0 && id > was && id - was < 10) {
    int i = pl->klen - 1, d = (int)(id - was);
    for (;;) {
      d += t[i] - '0';
      t[i] = (char)('0' + d % 10);
      if (d < 10) return *n = pl->klen, SQLITE_OK;
      d = 1;
      if (--i < 0) break; /* 99 -> 100 */
    }
  }
  return *n = pl->klen = int64_text(t, id), SQLITE_OK;
}

/* The writing pass's row of a csv stream, straight from STMT (the
** section's statement, its row INDEX) to the writing's buffer: what
** stmt_cells, plan_row and csv_row make of it, with no row copied between
** them.  Only the columns written are read, and the person key of a name
** among them.  The buffer's end is kept in a local (o) as the row is
** written, made room for once a cell.  CLI_OK, CLI_DB (printed) or
** CLI_SCRIPT_STOP. */
static int csv_write_row(struct plan *pl, sqlite3_stmt *stmt, sqlite3_int64 index) {
  const int mask = pl->st->masker != 0, ordinal = pl->s->ordinal - 1, nshown = pl->nshown;
  const int *shown_at = pl->shown_at, *name_key = pl->name_key;
  char num[24], key[24];
  if (pl->on > 65536) {
    int rc = out_flush(pl);
    if (rc != CLI_OK) return rc;
  }
  if (out_room(pl, 2)) return cli_nomem();
  char *o = pl->obuf + pl->on, *end = pl->obuf + pl->ocap;
  for (int j = 0; j < nshown; j++) {
    int c = shown_at[j];
    int t, n, plain = 0;
    const char *z;
    if (c == ordinal) {
      t = SQLITE_INTEGER;
      n = ordinal_next(pl->src.ordinal, &pl->src.at, index + 1);
      z = pl->src.ordinal;
      plain = 1; /* digits */
    } else if (cell_text(stmt, c, num, &t, &z, &n) != SQLITE_OK) {
      return cli_nomem();
    }
    struct last_mask *slot = 0;
    if (z && mask && t == SQLITE_TEXT) {
      int rc = mask_cell(pl, c, z, n, &z, &n, &slot, &plain);
      if (rc != CLI_OK) return rc;
    }
    /* room for a comma, the field quoted, a name's mark and the row's end */
    size_t need = 2 * (size_t)n + 32;
    if ((size_t)(end - o) < need) {
      pl->on = (size_t)(o - pl->obuf);
      if (out_room(pl, need)) return cli_nomem();
      o = pl->obuf + pl->on;
      end = pl->obuf + pl->ocap;
    }
    if (j) *o++ = ',';
    if (!z) continue;
    int k = name_key[c];
    if (mask && k >= 0) {
      /* a name: NAME(#KEY) when two ids share it (plan_row's marks) */
      int kt, kn;
      const char *kz;
      if (k == ordinal) {
        kt = SQLITE_INTEGER;
        kn = ordinal_next(pl->src.ordinal, &pl->src.at, index + 1);
        kz = pl->src.ordinal;
      } else if (key_text(pl, stmt, k, key, &kt, &kz, &kn) != SQLITE_OK) {
        return cli_nomem();
      }
      if (kz) {
        /* (a text csv writes as it is has no NUL) */
        size_t nn = plain ? (size_t)n : c_len(z, (size_t)n), pn = nn;
        const char *name = person_text(z, &pn);
        /* a masked text found shared once is shared for good: its slot
        ** keeps that */
        int shared = slot && slot->shared ? 1 : people_known(pl, name, pn);
        if (shared < 0) return CLI_DB;
        if (slot) slot->shared = shared;
        if (shared && plain && kt == SQLITE_INTEGER) {
          /* a masked name csv writes as it is and a number (24 bytes at
          ** most): NAME(#KEY) needs no quotes either, and goes out as it
          ** is made */
          put_bytes(o, z, nn);
          o += nn;
          *o++ = '(';
          *o++ = '#';
          put_bytes(o, kz, (size_t)kn);
          o += kn;
          *o++ = ')';
          continue;
        }
        if (shared) {
          size_t kl = c_len(kz, (size_t)kn);
          if (sqlite3_str_length(pl->marks) > 65536) sqlite3_str_reset(pl->marks);
          int start = sqlite3_str_length(pl->marks);
          sqlite3_str_append(pl->marks, z, (int)nn);
          sqlite3_str_append(pl->marks, "(#", 2);
          sqlite3_str_append(pl->marks, kz, (int)kl);
          sqlite3_str_append(pl->marks, ")", 1);
          if (sqlite3_str_errcode(pl->marks) != SQLITE_OK) return cli_nomem();
          z = sqlite3_str_value(pl->marks) + start;
          n = sqlite3_str_length(pl->marks) - start;
          plain = 0;
        }
      }
    }
    if (plain) {
      /* masked, and nothing in it csv quotes: as it is */
      put_bytes(o, z, (size_t)n);
      o += n;
    } else {
      pl->on = (size_t)(o - pl->obuf);
      if (out_field(pl, z, (size_t)n)) return cli_nomem();
      o = pl->obuf + pl->on;
      end = pl->obuf + pl->ocap;
    }
  }
  if ((size_t)(end - o) < 2) {
    pl->on = (size_t)(o - pl->obuf);
    if (out_room(pl, 2)) return cli_nomem();
    o = pl->obuf + pl->on;
  }
  *o++ = '\r';
  *o++ = '\n';
  pl->on = (size_t)(o - pl->obuf);
  pl->st->sink.nrow++;
  return CLI_OK;
}

/* Turn a pass's return into what run_statement returns: an SQLite code, or
** CLI_SCRIPT_STOP with st->rc. */
static int pass_stop(struct stream *st, int rc) {
  if (rc == CLI_SCRIPT_STOP) return rc;
  st->rc = rc;
  return CLI_SCRIPT_STOP;
}

/* "-- narrow-passes: yes": the passes before the writing (which listed
** columns are empty, which masked names two people share) read a few
** columns, yet stepping the statement computes every column and its
** joins.  pl->narrow becomes a copy that selects only those columns,
** SELECT "姓名", "_姓名" FROM (statement), which SQLite flattens so that
** the rest is never computed.  The report's line says its rows do not
** depend on the plan SQLite picks for them (no LIMIT that cuts through
** ties, no aggregate that depends on the order), so the copy gives the
** same rows, in whatever order, which is all these passes need (plan_run
** checks that every pass counts as many).  A statement that cannot be
** wrapped so is stepped whole, as without the line.  SQLITE_OK or
** SQLITE_NOMEM. */
static int plan_narrow(struct plan *pl, sqlite3_stmt *stmt, int passes) {
  struct report_section *s = pl->s;
  const char *sql = sqlite3_sql(stmt);
  if (!sql || !(passes & (PASS_EMPTY | PASS_PEOPLE))) return SQLITE_OK;
  size_t len = strlen(sql);
  while (len > 0 && (strchr(" \t\r\n", sql[len - 1]) || sql[len - 1] == ';')) len--;
  sqlite3_str *q = sqlite3_str_new(0);
  int m = 0;
  for (int c = 0; c < pl->n; c++) {
    int want = (passes & PASS_EMPTY) && drop_listed(s->cols[c], pl->drop);
    for (int k = 0; (passes & PASS_PEOPLE) && k < pl->n && !want; k++) {
      int t = report_keyed_column(s, k);
      want = t >= 0 && (k == c || t == c); /* a person key, or the name it keys */
    }
    if (!want) continue;
    sqlite3_str_appendf(q, "%s\"%w\"", m ? ", " : "SELECT ", s->cols[c]);
    pl->narrow_at[m++] = c;
  }
  sqlite3_str_appendf(q, " FROM (\n%.*s\n)", (int)len, sql);
  char *text = sqlite3_str_finish(q);
  if (!text) return SQLITE_NOMEM;
  if (m == 0 || m == pl->n) { /* nothing read, or everything */
    sqlite3_free(text);
    return SQLITE_OK;
  }
  const char *tail = 0;
  int rc = sqlite3_prepare_v2(sqlite3_db_handle(stmt), text, -1, &pl->narrow, &tail);
  int whole = rc == SQLITE_OK && pl->narrow && *cli_skip_blank(tail) == 0 &&
              sqlite3_column_count(pl->narrow) == m && sqlite3_stmt_readonly(pl->narrow);
  sqlite3_free(text);
  if (whole) rc = params_bind(pl->st->p, pl->narrow);
  if (!whole || rc != SQLITE_OK) {
    sqlite3_finalize(pl->narrow);
    pl->narrow = 0;
  }
  return rc == SQLITE_NOMEM ? SQLITE_NOMEM : SQLITE_OK;
}

/* Stream section S: STMT has stepped past the rows S keeps (its current
** row is the next).  The passes PASSES need, then the writing pass; the
** first starts with the kept rows and goes on where the statement is, the
** others step it again from the start. */
static int plan_run(struct plan *pl, sqlite3_stmt *stmt, int passes) {
  struct stream *st = pl->st;
  struct report_section *s = pl->s;
  sqlite3_int64 rows = -1;
  int order[] = {PASS_EMPTY, PASS_PEOPLE, PASS_WIDTH, PASS_WRITE};
  int first = 1, columns = !(passes & PASS_EMPTY);
  if (columns && plan_columns(pl) != SQLITE_OK) return SQLITE_NOMEM;
  /* with a narrowed copy to step, the people pass goes as the writing
  ** asks (people_known), not ahead of it */
  pl->lazy = (passes & PASS_PEOPLE) && pl->narrow;
  for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
    int pass = order[i];
    if (!(passes & pass) && pass != PASS_WRITE) continue;
    if (pass == PASS_PEOPLE && pl->lazy) continue;
    if (pass == PASS_WRITE) {
      for (int j = 0; j < pl->nshown; j++) {
        int c = pl->shown_at[j];
        int w = cli_display_width(pl->names[j]);
        pl->shown_width[j] = pl->width[c] > w ? pl->width[c] : w;
        pl->shown_numeric[j] = pl->numbers[c] > 0 && !pl->wide[c];
      }
      if (st->sink.nsec == 0) st->sink.csv_titles = !(st->format == RENDER_CSV && st->r->csv_rows);
      render_section_start(&st->sink, s->title, s->chart, pl->nshown, pl->names,
                           pl->shown_width, pl->shown_numeric);
    }
    sqlite3_int64 count = 0;
    int rc = SQLITE_ROW;
    /* csv is written from the statement's row itself (csv_write_row) */
    int direct = pass == PASS_WRITE && st->format == RENDER_CSV;
    /* the passes before the writing step the narrowed copy when there is one */
    sqlite3_stmt *q = pl->narrow && (pass == PASS_EMPTY || pass == PASS_PEOPLE) ? pl->narrow : stmt;
    if (first && q == stmt) {
      for (int r = 0; r < s->nrow; r++, count++) {
        rc = plan_pass_row(pl, pass, REPORT_CELL(s, r, 0), 0);
        if (rc != CLI_OK) return pl->prc ? pl->prc : pass_stop(st, rc);
      }
      free_rows(s);
      rc = SQLITE_ROW; /* the statement's current row */
    } else {
      if (first) free_rows(s); /* the copy gives them again, from its start */
      rc = sqlite3_reset(q);
      if (rc != SQLITE_OK) return rc;
      rc = sqlite3_step(q);
    }
    for (; rc == SQLITE_ROW; rc = sqlite3_step(q), count++) {
      int prc;
      if (direct) {
        prc = csv_write_row(pl, q, count);
      } else {
        if (stmt_cells(pl, pass, q, &pl->src, pl->n, count) != SQLITE_OK) return SQLITE_NOMEM;
        prc = plan_pass_row(pl, pass, pl->src.cell, pl->src.len);
      }
      if (prc != CLI_OK) return pl->prc ? pl->prc : pass_stop(st, prc);
    }
    if (rc != SQLITE_DONE) return rc;
    if (direct && out_flush(pl) != CLI_OK) return pass_stop(st, CLI_SCRIPT_STOP);
    if (rows >= 0 && count != rows) {
      cli_error("report %s, section %s: the statement gave %lld rows, then %lld", st->r->name,
                CLI_STR(s->title), (long long)rows, (long long)count);
      return pass_stop(st, CLI_DB);
    }
    rows = count;
    first = 0;
    if (pass == PASS_EMPTY && plan_columns(pl) != SQLITE_OK) return SQLITE_NOMEM;
  }
  /* a lazy people pass that went to the end counts its rows too */
  if (pl->lazy && pl->pdone && pl->pcount != rows) {
    cli_error("report %s, section %s: the statement gave %lld rows, then %lld", st->r->name,
              CLI_STR(s->title), (long long)pl->pcount, (long long)rows);
    return pass_stop(st, CLI_DB);
  }
  render_section_end(&st->sink);
  st->done = (int)(s - st->r->secs) + 1;
  if (ferror(st->out.f)) return stream_write_error(st);
  return SQLITE_OK;
}

/* Section S has more rows than it keeps, STMT is on the next: stream it,
** or say 0 in *streamed when it must be kept whole after all (then it goes
** on as before).  LAST: no statement follows in the report. */
static int stream_section(struct stream *st, sqlite3_stmt *stmt, struct report_section *s,
                          const char *drop, int narrow, int last, int *streamed) {
  struct report *r = st->r;
  int index = (int)(s - r->secs);
  *streamed = 0;
  /* csv rows are the last section alone; several csv sections have titles */
  if (st->format == RENDER_CSV && r->csv_rows && !last) return SQLITE_OK;
  /* the report's first section: its database name is never masked
  ** (report_masker_section); and as csv, whether titles are written
  ** depends on whether another section follows */
  if (index == 0) return SQLITE_OK;
  if (!plan_fit(s)) return SQLITE_OK;
  int passes = 0;
  for (int c = 0; drop && c < s->ncol; c++)
    if (drop_listed(s->cols[c], drop)) passes |= PASS_EMPTY;
  for (int c = 0; st->masker && c < s->ncol; c++)
    if (report_keyed_column(s, c) >= 0) passes |= PASS_PEOPLE;
  if (st->format == RENDER_TABLE || st->format == RENDER_MD) passes |= PASS_WIDTH;
  /* stepped again, a statement that writes (RETURNING) would write twice */
  if (passes && !sqlite3_stmt_readonly(stmt)) return SQLITE_OK;
  *streamed = 1;
  int rc = stream_flush(st, index, 0);
  if (rc != SQLITE_OK) return rc;
  struct plan pl;
  rc = plan_init(&pl, st, s, drop);
  if (rc == SQLITE_OK && narrow) rc = plan_narrow(&pl, stmt, passes);
  if (rc == SQLITE_OK) rc = plan_run(&pl, stmt, passes);
  plan_free(&pl);
  return rc;
}

/* A section kept whole: finished as the report's end finished every
** section before (masked, its person keys), to be written when the next
** begins.  FIRST: the report's first section (Scope). */
static int stream_keep(struct stream *st, struct report_section *s, int first) {
  int rc = st->masker ? report_masker_section(st->masker, s, first) : CLI_OK;
  if (rc != CLI_OK) {
    st->rc = rc;
    return CLI_SCRIPT_STOP;
  }
  return report_section_person_keys(s, st->r->unmasked);
}

struct run_ctx {
  struct report *r;
  const struct report_params *p;
  struct stream *st; /* NULL: every section kept whole */
};

/* Run one prepared statement; a result table becomes a section.  REST:
** the report's text after the statement, or NULL if not known. */
static int run_statement(struct run_ctx *ctx, sqlite3_stmt *stmt, const char *meta,
                         const char *meta_end, const char *rest) {
  struct report *r = ctx->r;
  struct stream *st = ctx->st;
  int nomem = 0, rc = SQLITE_OK;
  if (sqlite3_column_count(stmt) == 0) {
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
  }
  char *title = cli_find_comment(meta, meta_end, "section", &nomem);
  if (title && !nomem) {
    char *t = params_expand(ctx->p, title);
    sqlite3_free(title);
    title = t;
    if (!t) nomem = 1;
  }
  char *chart = cli_find_comment(meta, meta_end, "chart", &nomem);
  if (nomem) {
    sqlite3_free(title);
    sqlite3_free(chart);
    return SQLITE_NOMEM;
  }
  rc = new_section(r, stmt, title, chart);
  if (rc == SQLITE_OK) {
    r->secs[r->nsec - 1].keys = cli_find_comment(meta, meta_end, "key-columns", &nomem);
    if (nomem) return SQLITE_NOMEM;
  }
  char *ordinal = rc == SQLITE_OK ? cli_find_comment(meta, meta_end, "ordinal", &nomem) : 0;
  if (ordinal && !nomem) {
    /* "-- ordinal: 序号": that column is the row's number (add_row, stmt_cells) */
    struct report_section *o = &r->secs[r->nsec - 1];
    for (int c = 0; c < o->ncol && !o->ordinal; c++)
      if (strcmp(o->cols[c], ordinal) == 0) o->ordinal = c + 1;
    if (!o->ordinal) {
      cli_error("report %s, section %s: -- ordinal: %s is no column of it", r->name,
                CLI_STR(o->title), ordinal);
      sqlite3_free(ordinal);
      return CLI_SCRIPT_STOP;
    }
  }
  sqlite3_free(ordinal);
  if (nomem) return SQLITE_NOMEM;
  char *drop = rc == SQLITE_OK ? cli_find_comment(meta, meta_end, "drop-empty-columns", &nomem) : 0;
  char *narrow = rc == SQLITE_OK && !nomem ? cli_find_comment(meta, meta_end, "narrow-passes", &nomem) : 0;
  int narrowed = narrow && strcmp(narrow, "yes") == 0;
  sqlite3_free(narrow);
  if (nomem) {
    sqlite3_free(drop);
    return SQLITE_NOMEM;
  }
  if (rc == SQLITE_OK && st) rc = stream_flush(st, r->nsec - 1, 0);
  struct report_section *s = &r->secs[r->nsec - 1];
  int streamed = 0;
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (st && !streamed && s->nrow == st->keep) {
      int last = rest && *cli_skip_blank(rest) == 0;
      rc = stream_section(st, stmt, s, drop, narrowed, last, &streamed);
      if (rc != SQLITE_OK || streamed) break;
      streamed = -1; /* kept whole after all */
    }
    rc = add_row(s, stmt);
  }
  if (streamed == 1 || rc != SQLITE_DONE) {
    sqlite3_free(drop);
    return streamed == 1 ? rc : rc == SQLITE_DONE ? SQLITE_OK : rc;
  }
  if (drop) drop_empty_columns(s, drop);
  sqlite3_free(drop);
  return st ? stream_keep(st, s, s == r->secs) : SQLITE_OK;
}

static int bind_each(void *ctx, sqlite3_stmt *stmt) {
  return params_bind(((struct run_ctx *)ctx)->p, stmt);
}

/* "-- when: NAME": the statement runs only when the parameter NAME has a
** value (the points explanation, with member= only). */
static int run_each(void *ctx, sqlite3_stmt *stmt, const char *comments, const char *end) {
  struct run_ctx *c = ctx;
  int nomem = 0;
  char *when = cli_find_comment(comments, end, "when", &nomem);
  if (nomem) return SQLITE_NOMEM;
  int skip = when && !params_has_value(c->p, when);
  sqlite3_free(when);
  if (skip) return SQLITE_OK;
  /* the text after the statement: SQLite keeps the statement's own text,
  ** from COMMENTS to its end */
  const char *sql = sqlite3_sql(stmt), *rest = 0;
  if (sql && strncmp(sql, comments, strlen(sql)) == 0) rest = comments + strlen(sql);
  return run_statement(c, stmt, comments, end, rest);
}

/* The report's title and its "-- csv: rows" (read before it runs). */
static int report_head(const struct muling_sql_file *f, struct report *r) {
  int nomem = 0;
  r->title = cli_find_comment(f->text, f->text + f->size, "title", &nomem);
  if (nomem) return cli_nomem();
  char *csv = cli_find_comment(f->text, cli_skip_blank(f->text), "csv", &nomem);
  if (nomem) return cli_nomem();
  r->csv_rows = csv && strcmp(csv, "rows") == 0;
  sqlite3_free(csv);
  return CLI_OK;
}

static int run_report(sqlite3 *db, const struct muling_sql_file *f, const char *name,
                      const struct report_params *p, struct report *r, struct stream *st) {
  char *label = sqlite3_mprintf("report %s", name);
  if (!label) return cli_nomem();
  struct run_ctx ctx = {r, p, st};
  if (st) st->p = p; /* a narrowed copy of a statement is bound as it is */
  struct cli_script s = {f->name, label, f->text, bind_each, run_each, &ctx};
  int rc = cli_run_script(db, &s);
  sqlite3_free(label);
  if (rc != CLI_OK && st && st->rc != CLI_OK) rc = st->rc;
  return rc;
}

/* ---- output ------------------------------------------------------------- */

static int render(FILE *out, const char *format, int bom, const struct report *r) {
  /* Excel reads a CSV without a byte-order mark as the local code page */
  if (bom && fputs("\xEF\xBB\xBF", out) == EOF) return 1;
  if (strcmp(format, "table") == 0) return render_table(out, r);
  if (strcmp(format, "csv") == 0 && r->csv_rows && r->nsec > 0) {
    /* the rows alone, no Scope and no titles: a file to import */
    struct report rows = *r;
    rows.secs = &r->secs[r->nsec - 1];
    rows.nsec = 1;
    return render_csv(out, &rows);
  }
  if (strcmp(format, "csv") == 0) return render_csv(out, r);
  if (strcmp(format, "json") == 0) return render_json(out, r);
  if (strcmp(format, "md") == 0) return render_md(out, r);
  return render_html(out, r);
}

/* 1 if A and B, both stat()ed, are one file: the same device and inode;
** on Windows, where st_ino is always 0, the same volume and file index. */
static int same_inode(const char *path, const char *other, const struct stat *a,
                      const struct stat *b) {
#ifdef _WIN32
  (void)a, (void)b;
  return mu_win_same_file(path, other); /* Windows' st_ino is always 0 */
#else
  (void)path, (void)other;
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
#endif
}

/* 1 if the file at PATH is the file at OTHER: the same file when both
** exist, else the same name in the same directory (a report written as
** demo.db-journal would be taken for a hot journal). */
static int same_file(const char *path, const char *other) {
  struct stat a, b;
  if (stat(path, &a) == 0 && stat(other, &b) == 0) return same_inode(path, other, &a, &b);
#ifdef _WIN32
  const char *na0 = cli_base_name(path), *nb0 = cli_base_name(other);
  const char *pa = na0 > path ? na0 - 1 : 0, *pb = nb0 > other ? nb0 - 1 : 0;
#else
  const char *pa = strrchr(path, '/'), *pb = strrchr(other, '/');
#endif
  const char *na = pa ? pa + 1 : path, *nb = pb ? pb + 1 : other;
#ifdef _WIN32
  if (!mu_win_same_name(na, nb)) return 0; /* Windows' names ignore case */
#else
  if (strcmp(na, nb) != 0) return 0;
#endif
  /* the directories, with their separator ("dir/", the root "/") */
  int la = pa ? (int)(pa - path) + 1 : 1, lb = pb ? (int)(pb - other) + 1 : 1;
#ifdef _WIN32
  /* Windows' stat refuses "dir\\" (ENOENT): the separator goes, but a
  ** root's ("\\", "C:\\") */
  if (pa && pa > path && pa[-1] != ':') la--;
  if (pb && pb > other && pb[-1] != ':') lb--;
#endif
  char *da = sqlite3_mprintf("%.*s", la, pa ? path : ".");
  char *db = sqlite3_mprintf("%.*s", lb, pb ? other : ".");
  int same = da && db && stat(da, &a) == 0 && stat(db, &b) == 0 && same_inode(da, db, &a, &b);
  sqlite3_free(da);
  sqlite3_free(db);
  return same;
}

/* CLI_USAGE (printed) if OUTPUT is the database or a file SQLite keeps
** beside it. */
static int refuse_database(const char *command, const char *output, const char *database) {
  static const char *const suffixes[] = {"", "-journal", "-wal", "-shm"};
  for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
    char *f = sqlite3_mprintf("%s%s", database, suffixes[i]);
    if (!f) return cli_nomem();
    int same = same_file(output, f);
    sqlite3_free(f);
    if (same)
      return cli_usage(command, "-o %s is the database%s%s; write the output to another file",
                       output, i ? "'s " : "", i ? suffixes[i] + 1 : " itself");
  }
  return CLI_OK;
}

/* Write R, held whole, where -o says (write_output: standard output, a
** device in place, else a temporary file renamed into place). */
static int write_output(const struct report_args *a, const struct report *r) {
  struct out o;
  int rc = out_open(&o, a->output);
  if (rc != CLI_OK) return rc;
  if (strcmp(a->format, "xlsx") == 0) {
    /* libxlsxwriter writes the file by name */
    fclose(o.f);
    char *err = 0;
    int bad = render_xlsx(o.tmp ? o.tmp : o.path, r, &err);
    int saved = 0;
    if (!bad && o.tmp && rename(o.tmp, o.path) != 0) bad = 1, saved = errno;
    if (bad && o.tmp) unlink(o.tmp);
    sqlite3_free(o.tmp);
    if (bad && !saved && !err) return cli_nomem();
    if (bad) cli_error("cannot write %s: %s", o.path, saved ? strerror(saved) : err);
    sqlite3_free(err);
    return bad ? CLI_DB : CLI_OK;
  }
  errno = 0;
  int bad = render(o.f, a->format, a->bom, r);
  int nomem = bad && !ferror(o.f);
  return out_close(&o, 0, bad && !nomem, nomem, bad ? errno : 0);
}

/* ---- arguments ---------------------------------------------------------- */

static int add_param(struct report_args *a, const char *kv) {
  const char *eq = strchr(kv, '=');
  if (!eq || eq == kv) return cli_usage("report", "--param wants key=value, got '%s'", kv);
  if (eq - kv == 8 && strncmp(kv, "unmasked", 8) == 0)
    return cli_usage("report", "personal data is unmasked with --unmasked, which the output records, not --param");
  struct param *p =
      sqlite3_realloc64(a->params, sizeof(*p) * (sqlite3_uint64)(a->nparam + 1));
  if (!p) return cli_nomem();
  a->params = p;
  char *key = sqlite3_mprintf("%.*s", (int)(eq - kv), kv);
  if (!key) return cli_nomem();
  p[a->nparam].key = key;
  p[a->nparam].value = eq + 1;
  a->nparam++;
  return CLI_OK;
}

static void free_args(struct report_args *a) {
  for (int i = 0; i < a->nparam; i++) sqlite3_free((char *)a->params[i].key);
  sqlite3_free(a->params);
}

static int parse_args(int argc, char **argv, struct report_args *a) {
  for (int i = 2; i < argc; i++) {
    const char *v = 0;
    int m;
    if ((m = cli_option("report", argc, argv, &i, "--format", &v)) != 0) {
      if (m < 0) return CLI_USAGE;
      a->format = v;
    } else if ((m = cli_option("report", argc, argv, &i, "-o", &v)) != 0 ||
               (m = cli_option("report", argc, argv, &i, "--output", &v)) != 0) {
      if (m < 0) return CLI_USAGE;
      a->output = v;
    } else if ((m = cli_option("report", argc, argv, &i, "--title", &v)) != 0) {
      if (m < 0) return CLI_USAGE;
      a->title = v;
    } else if ((m = cli_option("report", argc, argv, &i, "--param", &v)) != 0) {
      if (m < 0) return CLI_USAGE;
      int rc = add_param(a, v);
      if (rc != CLI_OK) return rc;
    } else if (strcmp(argv[i], "--unmasked") == 0) {
      a->unmasked = 1;
    } else if (strcmp(argv[i], "--bom") == 0) {
      a->bom = 1;
    } else if (cli_is_option(argv[i])) {
      return cli_usage("report", "unknown option '%s'", argv[i]);
    } else if (!a->path) {
      a->path = argv[i];
    } else if (!a->name) {
      a->name = argv[i];
    } else {
      return cli_usage("report", "unexpected argument '%s'", argv[i]);
    }
  }
  if (!a->path) return cli_usage("report", "missing DB");
  if (!a->name) return cli_usage("report", "missing NAME");
  if (!a->format) a->format = "table";
  if (a->bom && strcmp(a->format, "csv") != 0)
    return cli_usage("report", "--bom is for --format csv");
  if (strcmp(a->format, "xlsx") == 0 && (!a->output || strcmp(a->output, "-") == 0))
    return cli_usage("report", "--format xlsx writes a workbook: give -o FILE.xlsx");
  static const char *const formats[] = {"table", "csv", "json", "md", "html", "xlsx"};
  for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
    if (strcmp(a->format, formats[i]) == 0) return CLI_OK;
  return cli_usage("report", "unknown format '%s' (table, csv, json, md, html or xlsx)", a->format);
}

/* A bad -- chart: or -- key-columns: line is the report's bug: say so
** before writing a page. */
static int check_charts(const struct report *r) {
  for (int i = 0; i < r->nsec; i++) {
    const struct report_section *s = &r->secs[i];
    struct chart_spec spec;
    char *err = 0;
    int *order = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(s->ncol + 1));
    if (!order) return cli_nomem();
    int bad = html_column_order(s, order, &err);
    sqlite3_free(order);
    if (!bad && (!s->chart || chart_parse(s, &spec, &err) == 0)) continue;
    cli_error("report %s, section %s: %s", r->name, CLI_STR(s->title), err ? err : "out of memory");
    sqlite3_free(err);
    return CLI_DB;
  }
  return CLI_OK;
}


/* Rows a section keeps before it is streamed (*keep), or 0: every
** section kept whole and the report written at its end, as html and xlsx
** always are.  MULING_REPORT_KEEP=N or =all sets it (tests compare the
** two ways); else REPORT_CHUNK_ROWS.  CLI_OK or CLI_USAGE (printed). */
static int report_keep(const char *format, int *keep) {
  *keep = 0;
  if (render_format(format) < 0) return CLI_OK;
  const char *e = getenv("MULING_REPORT_KEEP");
  if (!e || !*e) {
    *keep = REPORT_CHUNK_ROWS;
    return CLI_OK;
  }
  if (strcmp(e, "all") == 0) return CLI_OK;
  char *end = 0;
  long n = strtol(e, &end, 10);
  if (*end || n < 1 || n > 1000000)
    return cli_usage("report", "MULING_REPORT_KEEP wants a count of rows (1 to 1000000) or 'all', got '%s'", e);
  *keep = (int)n;
  return CLI_OK;
}

/* Open the output, start the report there (its byte-order mark, what
** comes before the first section) and finish the sections made before it
** runs (Scope).  *opened: the output is open (out_close it). */
static int stream_begin(struct stream *st, sqlite3 *db, const struct report_args *a,
                        struct report *r, int keep, int *opened) {
  memset(st, 0, sizeof(*st));
  st->r = r;
  st->format = render_format(a->format);
  st->keep = keep;
  int rc = a->unmasked ? CLI_OK : report_masker_open(db, &st->masker);
  if (rc == CLI_OK) rc = out_open(&st->out, a->output);
  if (rc != CLI_OK) return rc;
  *opened = 1;
  /* a file (not a terminal, where rows show as they come) gets a buffer
  ** that a write call empties 256 KiB at a time, not stdio's 4 KiB: ten
  ** million rows are a hundred MB */
  if (!isatty(fileno(st->out.f))) setvbuf(st->out.f, 0, _IOFBF, 1 << 18);
  /* Excel reads a CSV without a byte-order mark as the local code page */
  if (a->bom) fputs("\xEF\xBB\xBF", st->out.f);
  render_start(&st->sink, st->out.f, st->format, r);
  for (int i = 0; i < r->nsec; i++) {
    rc = stream_keep(st, &r->secs[i], i == 0);
    if (rc == CLI_SCRIPT_STOP) return st->rc;
    if (rc != SQLITE_OK) return cli_nomem();
  }
  return CLI_OK;
}

static int report_main(struct report_args *a) {
  const struct muling_sql_file *f = find_report(a->name);
  if (!f) {
    char *names = report_names();
    int rc = cli_usage("report", "no report '%s' (compiled in: %s)", a->name,
                       names ? names : "?");
    sqlite3_free(names);
    return rc;
  }
  struct report_params p;
  int rc = params_declare(&p, a->name, f);
  if (rc == CLI_OK) rc = params_given(&p, a);
  if (rc == CLI_OK && a->output && strcmp(a->output, "-") != 0)
    rc = refuse_database("report", a->output, a->path);
  sqlite3 *db = 0;
  if (rc == CLI_OK) rc = cli_open(a->path, CLI_READONLY, &db);
  if (rc != CLI_OK) {
    params_free(&p);
    return rc;
  }
  struct report r = {a->name, cli_base_name(a->path), 0, a->unmasked, 0, 0, 0};
  int keep = 0;
  rc = report_keep(a->format, &keep);
  if (rc == CLI_OK) rc = cli_begin_read(db, a->path, 1);
  if (rc == CLI_OK) rc = params_resolve(&p, db);
  if (rc == CLI_OK) rc = params_scope(&p, &r);
  if (rc == CLI_OK) rc = report_head(f, &r);
  if (rc == CLI_OK && a->title) {
    /* --title: the heading the analyst wants on a page that goes out */
    sqlite3_free(r.title);
    r.title = sqlite3_mprintf("%s", a->title);
    if (!r.title) rc = cli_nomem();
  }
  if (keep) {
    /* written as it runs */
    struct stream st;
    memset(&st, 0, sizeof(st));
    int opened = 0;
    if (rc == CLI_OK) rc = stream_begin(&st, db, a, &r, keep, &opened);
    if (rc == CLI_OK) rc = run_report(db, f, a->name, &p, &r, &st);
    if (rc == CLI_OK && stream_flush(&st, r.nsec, 1) != SQLITE_OK) rc = st.rc;
    if (rc == CLI_OK && render_finish(&st.sink) && !st.wbad) st.wbad = 1, st.werr = errno;
    if (opened) {
      int said = rc != CLI_OK && !st.wbad && !st.nomem;
      int crc = out_close(&st.out, said, st.wbad, st.nomem, st.werr);
      if (!said) rc = crc;
    }
    report_masker_close(st.masker);
    if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
    cli_guard_end(db);
  } else {
    /* every section kept whole, then written */
    if (rc == CLI_OK) rc = run_report(db, f, a->name, &p, &r, 0);
    if (rc == CLI_OK && !a->unmasked) rc = report_mask_rows(db, &r);
    if (rc == CLI_OK) rc = report_person_keys(&r);
    if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
    cli_guard_end(db);
    if (rc == CLI_OK && strcmp(a->format, "html") == 0) rc = check_charts(&r);
    if (rc == CLI_OK) rc = write_output(a, &r);
  }
  free_report(&r);
  params_free(&p);
  if (sqlite3_close(db) != SQLITE_OK && rc == CLI_OK) rc = CLI_DB;
  return rc;
}

int cmd_report(int argc, char **argv) {
  struct report_args a;
  memset(&a, 0, sizeof(a));
  int rc = parse_args(argc, argv, &a);
  if (rc == CLI_OK) rc = report_main(&a);
  free_args(&a);
  return rc;
}

/* ---- for other commands that print as reports (check) -------------------- */

int report_new_section(struct report *r, sqlite3_stmt *stmt, char *title, char *chart) {
  return new_section(r, stmt, title, chart);
}

int report_add_row(struct report_section *s, sqlite3_stmt *stmt) {
  return add_row(s, stmt);
}

void report_free(struct report *r) {
  free_report(r);
}

int report_refuse_database(const char *command, const char *output, const char *database) {
  if (!output || strcmp(output, "-") == 0) return CLI_OK;
  return refuse_database(command, output, database);
}

int report_write(const char *output, const char *format, const struct report *r) {
  struct report_args a;
  memset(&a, 0, sizeof a);
  a.output = output;
  a.format = format;
  return write_output(&a, r);
}
