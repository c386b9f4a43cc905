/*
** import.c — muling import DB TABLE FILE [--encoding utf-8|gb18030|gbk]
**                                         [--map csv_col=table_col,…] [--delimiter C]
**                                         [--sheet NAME|N]
**
** FILE may also be an .xlsx or .xls workbook (told by its first bytes): its
** sheet (--sheet, default the first) is read through a temp xlsxfile table
** instead, whose _line is the sheet's row; everything below is the same.
**
** Loads a .csv or .csv.gz (first line a header) into TABLE through a temp
** csvfile table (on_error=row), in one transaction:
**
**   read N, loaded L, rejected R          N = L + R, always; exit 1 if R > 0
**
** Each CSV column goes to the table column of the same name, or where
** --map sends it (csv_col=- drops it).  When sql/import_TABLE.sql exists
** (compiled in), the table has a transform: its `-- map:` line gives the
** default mapping (the street office's Chinese headers for residents), its
** :parameters receive the mapped CSV values, and its result row is either
** a reject (column _reject: 'key: reason') or the values to insert (every
** column not starting with '_'), with _normalised naming what was
** normalised ('phone_format,ethnic_variant').
**
** Each row is inserted inside a SAVEPOINT: a constraint failure becomes a
** reject ('constraint: …') and the row is rolled back.  Every reject goes
** to import_rejects(table_name, source, line, reason, raw).  SIGINT
** interrupts and rolls the whole import back.  On a terminal, stderr shows
** a progress bar (rows, rows/s, percent of the file's bytes).
*/
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* ---- counters by key ---------------------------------------------------- */

struct tally {
  int n, alloc;
  struct {
    char *key;
    sqlite3_int64 count;
  } *items;
};

static int tally_add(struct tally *t, const char *key, int len) {
  for (int i = 0; i < t->n; i++)
    if ((int)strlen(t->items[i].key) == len && strncmp(t->items[i].key, key, (size_t)len) == 0) {
      t->items[i].count++;
      return SQLITE_OK;
    }
  if (t->n == t->alloc) {
    int na = t->alloc ? t->alloc * 2 : 8;
    void *p = sqlite3_realloc64(t->items, sizeof(*t->items) * (sqlite3_uint64)na);
    if (!p) return SQLITE_NOMEM;
    t->items = p;
    t->alloc = na;
  }
  char *k = sqlite3_mprintf("%.*s", len, key);
  if (!k) return SQLITE_NOMEM;
  t->items[t->n].key = k;
  t->items[t->n].count = 1;
  t->n++;
  return SQLITE_OK;
}

static void tally_free(struct tally *t) {
  for (int i = 0; i < t->n; i++) sqlite3_free(t->items[i].key);
  sqlite3_free(t->items);
}

static void tally_print(const struct tally *t, const char *what) {
  if (t->n == 0) return;
  /* sorted by key, for stable output */
  for (int i = 1; i < t->n; i++)
    for (int j = i; j > 0 && strcmp(t->items[j - 1].key, t->items[j].key) > 0; j--) {
      char *k = t->items[j].key;
      sqlite3_int64 c = t->items[j].count;
      t->items[j].key = t->items[j - 1].key, t->items[j].count = t->items[j - 1].count;
      t->items[j - 1].key = k, t->items[j - 1].count = c;
    }
  printf("%s:", what);
  for (int i = 0; i < t->n; i++)
    printf("%s %s %lld", i ? "," : "", t->items[i].key, (long long)t->items[i].count);
  printf("\n");
}

/* ---- the import's state ------------------------------------------------- */

struct mapping {
  char *source; /* CSV column */
  char *target; /* table column or transform parameter; NULL: dropped */
};

struct import {
  sqlite3 *db;
  const char *path, *table, *file, *encoding, *map, *delimiter;
  const char *sheet; /* --sheet: a workbook's sheet, name or number */
  int workbook;      /* FILE is an .xlsx or .xls: read through xlsxfile */
  const struct muling_sql_file *transform; /* sql/import_TABLE.sql or NULL */
  int nmap;
  struct mapping *maps; /* one per CSV column, in CSV order */
  sqlite3_stmt *source, *xform, *insert, *reject;
  sqlite3_stmt *savepoint, *release, *rollback_to;
  int ninsert;     /* columns of the insert */
  int *insert_src; /* per insert column: the xform column (or CSV column) */
  int *xform_src;  /* per xform parameter: the source statement column, -1 none */
  sqlite3_int64 read, loaded, rejected, file_size;
  struct tally reasons, normalised;
  double started, shown;
  int progress;
};

static volatile sig_atomic_t interrupted;
static sqlite3 *interrupt_db;

static void on_sigint(int sig) {
  (void)sig;
  interrupted = 1;
  if (interrupt_db) sqlite3_interrupt(interrupt_db);
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the mapping -------------------------------------------------------- */

/* In a "a=b, c=d" list, find the target for SOURCE.  Returns 1 and sets
** *tgt and *tlen when found. */
static int map_lookup(const char *list, const char *source, const char **tgt, int *tlen) {
  size_t slen = strlen(source);
  const char *p = list;
  while (p && *p) {
    while (*p == ' ' || *p == ',') p++;
    size_t n = strcspn(p, ",");
    const char *eq = memchr(p, '=', n);
    if (eq) {
      const char *k = p, *ke = eq;
      while (ke > k && ke[-1] == ' ') ke--;
      if ((size_t)(ke - k) == slen && strncmp(k, source, slen) == 0) {
        const char *v = eq + 1, *ve = p + n;
        while (v < ve && *v == ' ') v++;
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\r')) ve--;
        *tgt = v;
        *tlen = (int)(ve - v);
        return 1;
      }
    }
    p += n;
  }
  return 0;
}

/* Every --map entry must name a CSV column and have the form a=b. */
static int check_map_option(struct import *im) {
  const char *p = im->map;
  while (p && *p) {
    while (*p == ' ' || *p == ',') p++;
    if (!*p) break;
    int n = (int)strcspn(p, ",");
    const char *eq = memchr(p, '=', (size_t)n);
    if (!eq || eq == p || eq == p + n - 1)
      return cli_usage("import", "--map wants csv_col=table_col, got '%.*s'", n, p);
    int found = 0;
    for (int i = 0; i < im->nmap && !found; i++) {
      const char *ke = eq;
      while (ke > p && ke[-1] == ' ') ke--;
      found = (int)strlen(im->maps[i].source) == (int)(ke - p) &&
              strncmp(im->maps[i].source, p, (size_t)(ke - p)) == 0;
    }
    if (!found)
      return cli_usage("import", "--map: %s has no column '%.*s'", im->file, (int)(eq - p), p);
    p += n;
  }
  return CLI_OK;
}

/* The CSV's columns, in order. */
static int load_source_columns(struct import *im) {
  sqlite3_stmt *stmt = 0;
  int rc = sqlite3_prepare_v2(im->db,
                              "SELECT name FROM pragma_table_info('muling_import', 'temp') ORDER BY cid",
                              -1, &stmt, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    struct mapping *m =
        sqlite3_realloc64(im->maps, sizeof(*m) * (sqlite3_uint64)(im->nmap + 1));
    if (!m) {
      rc = SQLITE_NOMEM;
      break;
    }
    im->maps = m;
    m[im->nmap].target = 0;
    m[im->nmap].source = sqlite3_mprintf("%s", CLI_STR((const char *)sqlite3_column_text(stmt, 0)));
    if (!m[im->nmap].source) rc = SQLITE_NOMEM;
    else im->nmap++, rc = SQLITE_OK;
  }
  sqlite3_finalize(stmt);
  if (rc == SQLITE_NOMEM) return cli_nomem();
  if (rc != SQLITE_DONE) return cli_db_error(im->db, im->file);
  return CLI_OK;
}

/* 1 if NAME is a target: a transform parameter or, without a transform,
** a column of the table. */
static int is_target(struct import *im, const char *name, int len) {
  if (im->xform) {
    char p[512]; /* no allocation: out of memory is not "nowhere to go" */
    sqlite3_snprintf((int)sizeof p, p, ":%.*s", len, name);
    return sqlite3_bind_parameter_index(im->xform, p) > 0;
  }
  sqlite3_stmt *stmt = 0;
  int found = 0;
  if (sqlite3_prepare_v2(im->db,
                         "SELECT 1 FROM pragma_table_info(?1, 'main') WHERE name = ?2 COLLATE NOCASE",
                         -1, &stmt, 0) == SQLITE_OK &&
      sqlite3_bind_text(stmt, 1, im->table, -1, SQLITE_STATIC) == SQLITE_OK &&
      sqlite3_bind_text(stmt, 2, name, len, SQLITE_STATIC) == SQLITE_OK)
    found = sqlite3_step(stmt) == SQLITE_ROW;
  sqlite3_finalize(stmt);
  return found;
}

/* Decide each CSV column's target: --map, else the transform's -- map:
** line, else the column's own name. */
static int resolve_mapping(struct import *im) {
  char *defaults = 0;
  int nomem = 0;
  if (im->transform)
    defaults = cli_find_comment(im->transform->text, cli_skip_blank(im->transform->text),
                                "map", &nomem);
  if (nomem) return cli_nomem();
  int rc = CLI_OK;
  for (int i = 0; i < im->nmap && rc == CLI_OK; i++) {
    const char *src = im->maps[i].source, *t = src;
    int tlen = (int)strlen(src);
    if (!map_lookup(im->map, src, &t, &tlen) && defaults) map_lookup(defaults, src, &t, &tlen);
    if (tlen == 1 && t[0] == '-') continue;
    if (!is_target(im, t, tlen)) {
      if (sqlite3_errcode(im->db) == SQLITE_NOMEM) { rc = cli_nomem(); break; }
      rc = cli_usage("import",
                     "column '%s' of %s has nowhere to go in %s "
                     "(--map '%s=COLUMN' sends it to a column, --map '%s=-' drops it)",
                     src, im->file, im->table, src, src);
      break;
    }
    im->maps[i].target = sqlite3_mprintf("%.*s", tlen, t);
    if (!im->maps[i].target) rc = cli_nomem();
  }
  sqlite3_free(defaults);
  return rc;
}

/* ---- statements --------------------------------------------------------- */

/* SELECT _line, _error, _raw, _offset, <mapped columns> FROM the CSV. */
static int prepare_source(struct import *im) {
  sqlite3_str *s = sqlite3_str_new(im->db);
  sqlite3_str_appendall(s, "SELECT _line, _error, _raw, _offset");
  for (int i = 0; i < im->nmap; i++)
    if (im->maps[i].target) sqlite3_str_appendf(s, ", \"%w\"", im->maps[i].source);
  sqlite3_str_appendall(s, " FROM temp.muling_import");
  char *sql = sqlite3_str_finish(s);
  if (!sql) return cli_nomem();
  int rc = sqlite3_prepare_v2(im->db, sql, -1, &im->source, 0);
  sqlite3_free(sql);
  return rc == SQLITE_OK ? CLI_OK : cli_db_error(im->db, im->file);
}

/* The source statement's column holding target NAME, or -1. */
static int source_column(struct import *im, const char *name) {
  int col = 4;
  for (int i = 0; i < im->nmap; i++) {
    if (!im->maps[i].target) continue;
    if (sqlite3_stricmp(im->maps[i].target, name) == 0) return col;
    col++;
  }
  return -1;
}

static int prepare_insert_sql(struct import *im, char **cols, int n) {
  sqlite3_str *s = sqlite3_str_new(im->db);
  sqlite3_str_appendf(s, "INSERT INTO main.\"%w\"(", im->table);
  for (int i = 0; i < n; i++) sqlite3_str_appendf(s, "%s\"%w\"", i ? ", " : "", cols[i]);
  sqlite3_str_appendall(s, ") VALUES (");
  for (int i = 0; i < n; i++) sqlite3_str_appendf(s, "%s?%d", i ? ", " : "", i + 1);
  sqlite3_str_appendall(s, ")");
  char *sql = sqlite3_str_finish(s);
  if (!sql) return cli_nomem();
  int rc = sqlite3_prepare_v2(im->db, sql, -1, &im->insert, 0);
  sqlite3_free(sql);
  return rc == SQLITE_OK ? CLI_OK : cli_db_error(im->db, im->table);
}

/* The insert's columns: the transform's result columns not starting with
** '_', or the mapped CSV columns. */
static int prepare_insert(struct import *im) {
  int n = im->xform ? sqlite3_column_count(im->xform) : im->nmap;
  char **cols = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)(n + 1));
  im->insert_src = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(n + 1));
  if (!cols || !im->insert_src) {
    sqlite3_free(cols);
    return cli_nomem();
  }
  int k = 0, col = 4;
  for (int i = 0; i < n; i++) {
    if (im->xform) {
      const char *name = sqlite3_column_name(im->xform, i);
      if (!name) {
        sqlite3_free(cols);
        return cli_nomem();
      }
      if (name[0] == '_') continue;
      cols[k] = (char *)name;
      im->insert_src[k++] = i;
    } else if (im->maps[i].target) {
      cols[k] = im->maps[i].target;
      im->insert_src[k++] = col++;
    }
  }
  im->ninsert = k;
  int rc = k > 0 ? prepare_insert_sql(im, cols, k)
                 : cli_usage("import", "no column of %s goes to %s", im->file, im->table);
  sqlite3_free(cols);
  return rc;
}

static int prepare_xform(struct import *im) {
  int rc = sqlite3_prepare_v2(im->db, im->transform->text, -1, &im->xform, 0);
  if (rc != SQLITE_OK) return cli_db_error(im->db, im->transform->name);
  return CLI_OK;
}

static int bind_xform_sources(struct import *im) {
  int n = sqlite3_bind_parameter_count(im->xform);
  im->xform_src = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(n + 1));
  if (!im->xform_src) return cli_nomem();
  for (int i = 1; i <= n; i++) {
    const char *name = sqlite3_bind_parameter_name(im->xform, i);
    im->xform_src[i - 1] = name ? source_column(im, name + 1) : -1;
  }
  return CLI_OK;
}

static int prepare_all(struct import *im) {
  int rc = prepare_source(im);
  if (rc == CLI_OK && im->xform) rc = bind_xform_sources(im);
  if (rc == CLI_OK) rc = prepare_insert(im);
  if (rc != CLI_OK) return rc;
  struct {
    sqlite3_stmt **stmt;
    const char *sql;
  } fixed[] = {
      {&im->reject, "INSERT INTO main.import_rejects(table_name, source, line, reason, raw) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&im->savepoint, "SAVEPOINT muling_row"},
      {&im->release, "RELEASE muling_row"},
      {&im->rollback_to, "ROLLBACK TO muling_row"},
  };
  for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
    if (sqlite3_prepare_v2(im->db, fixed[i].sql, -1, fixed[i].stmt, 0) != SQLITE_OK)
      return cli_db_error(im->db, "import");
  return CLI_OK;
}

/* ---- one row ------------------------------------------------------------ */

/* Run a statement that returns no rows, then reset it. */
static int run(sqlite3_stmt *stmt) {
  int rc = sqlite3_step(stmt);
  int rc2 = sqlite3_reset(stmt);
  return rc == SQLITE_DONE ? rc2 : rc;
}

/* The reason for a row csvfile could not split, a stable key first.  Its
** messages: "expected 13 fields, got 9", "field 3: unexpected character
** after closing quote", "field 3: quoted field not closed at end of file",
** "field 3: invalid gb18030 bytes". */
static char *csv_reason(const char *error) {
  if (strstr(error, "quote")) return sqlite3_mprintf("quoting: %s", error);
  if (strstr(error, "bytes")) return sqlite3_mprintf("encoding: %s", error);
  if (strstr(error, "fields")) return sqlite3_mprintf("field_count: %s", error);
  return sqlite3_mprintf("csv: %s", error);
}

static int add_reject(struct import *im, const char *reason) {
  int rc = sqlite3_bind_text(im->reject, 1, im->table, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(im->reject, 2, im->file, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_value(im->reject, 3, sqlite3_column_value(im->source, 0));
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(im->reject, 4, reason, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_value(im->reject, 5, sqlite3_column_value(im->source, 2));
  if (rc == SQLITE_OK) rc = run(im->reject);
  if (rc != SQLITE_OK) return rc;
  im->rejected++;
  const char *colon = strchr(reason, ':');
  return tally_add(&im->reasons, reason, colon ? (int)(colon - reason) : (int)strlen(reason));
}

static int count_normalised(struct import *im, const char *list) {
  while (list && *list) {
    int n = (int)strcspn(list, ",");
    if (n > 0) {
      int rc = tally_add(&im->normalised, list, n);
      if (rc != SQLITE_OK) return rc;
    }
    list += n + (list[n] == ',');
  }
  return SQLITE_OK;
}

/* Insert the row inside a savepoint; a constraint failure becomes a reject. */
static int insert_row(struct import *im, sqlite3_stmt *from, int from_empty_null) {
  int rc = SQLITE_OK;
  for (int i = 0; i < im->ninsert && rc == SQLITE_OK; i++) {
    sqlite3_value *v = sqlite3_column_value(from, im->insert_src[i]);
    if (from_empty_null && sqlite3_value_type(v) == SQLITE_TEXT && sqlite3_value_bytes(v) == 0)
      rc = sqlite3_bind_null(im->insert, i + 1);
    else
      rc = sqlite3_bind_value(im->insert, i + 1, v);
  }
  if (rc == SQLITE_OK) rc = run(im->savepoint);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_step(im->insert);
  if (rc == SQLITE_DONE) {
    sqlite3_reset(im->insert);
    im->loaded++;
    return run(im->release);
  }
  sqlite3_reset(im->insert);
  if ((rc & 0xff) != SQLITE_CONSTRAINT && (rc & 0xff) != SQLITE_MISMATCH &&
      (rc & 0xff) != SQLITE_TOOBIG)
    return rc;
  char *reason = sqlite3_mprintf("constraint: %s", sqlite3_errmsg(im->db));
  if (!reason) return SQLITE_NOMEM;
  rc = run(im->rollback_to);
  if (rc == SQLITE_OK) rc = run(im->release);
  if (rc == SQLITE_OK) rc = add_reject(im, reason);
  sqlite3_free(reason);
  return rc;
}

static int transform_row(struct import *im) {
  int n = sqlite3_bind_parameter_count(im->xform), rc = SQLITE_OK;
  for (int i = 1; i <= n && rc == SQLITE_OK; i++)
    rc = im->xform_src[i - 1] < 0 ? sqlite3_bind_null(im->xform, i)
                                  : sqlite3_bind_value(im->xform, i,
                                                       sqlite3_column_value(im->source, im->xform_src[i - 1]));
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_step(im->xform);
  if (rc != SQLITE_ROW) {
    sqlite3_reset(im->xform);
    return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  }
  return SQLITE_OK;
}

/* The transform's column called NAME, or -1. */
static int xform_column(struct import *im, const char *name) {
  for (int i = 0; i < sqlite3_column_count(im->xform); i++)
    if (strcmp(CLI_STR(sqlite3_column_name(im->xform, i)), name) == 0) return i;
  return -1;
}

static int import_row(struct import *im) {
  im->read++;
  const char *error = (const char *)sqlite3_column_text(im->source, 1);
  int rc = SQLITE_OK;
  const char *reject = 0;
  int xformed = 0;
  if (im->xform) {
    /* Even a row csvfile could not split runs through the transform, so
    ** the normalisations it shows are counted for every row read. */
    rc = transform_row(im);
    if (rc != SQLITE_OK) return rc;
    xformed = 1;
    int cr = xform_column(im, "_reject"), cn = xform_column(im, "_normalised");
    if (cn >= 0) rc = count_normalised(im, (const char *)sqlite3_column_text(im->xform, cn));
    if (cr >= 0) reject = (const char *)sqlite3_column_text(im->xform, cr);
  }
  if (rc == SQLITE_OK && error) {
    char *reason = csv_reason(error);
    rc = reason ? add_reject(im, reason) : SQLITE_NOMEM;
    sqlite3_free(reason);
  } else if (rc == SQLITE_OK && reject) {
    rc = add_reject(im, reject);
  } else if (rc == SQLITE_OK) {
    rc = insert_row(im, im->xform ? im->xform : im->source, !im->xform);
  }
  if (xformed) {
    int rc2 = sqlite3_reset(im->xform);
    if (rc == SQLITE_OK) rc = rc2;
  }
  return rc;
}

/* ---- progress ----------------------------------------------------------- */

static void show_progress(struct import *im, int last) {
  double t = now_seconds();
  if (!last && t - im->shown < 0.1) return;
  im->shown = t;
  double rate = t > im->started ? (double)im->read / (t - im->started) : 0;
  /* after the last row the statement has no current row to ask */
  sqlite3_int64 offset = last ? im->file_size : sqlite3_column_int64(im->source, 3);
  int pct = im->file_size > 0 ? (int)(offset * 100 / im->file_size) : 100;
  if (pct > 100) pct = 100;
  char bar[21];
  for (int i = 0; i < 20; i++) bar[i] = i < pct / 5 ? '#' : '.';
  bar[20] = 0;
  fprintf(stderr, "\r[%s] %3d%%  %lld rows  %.0f rows/s  %lld rejected ", bar, pct,
          (long long)im->read, rate, (long long)im->rejected);
  if (last) fputc('\n', stderr);
  fflush(stderr);
}

/* ---- the whole import --------------------------------------------------- */

/* The one switch between a CSV and a workbook: the source table is csvfile
** or xlsxfile, with the same hidden columns, so the rest reads either. */
static int create_source(struct import *im) {
  char *sheet = im->sheet ? sqlite3_mprintf(", sheet=%Q", im->sheet) : 0;
  if (im->sheet && !sheet) return cli_nomem();
  char *sql = im->workbook
      ? sqlite3_mprintf(
            "CREATE VIRTUAL TABLE temp.muling_import USING xlsxfile(filename=%Q, header=yes, "
            "on_error=row%s)",
            im->file, sheet ? sheet : "")
      : sqlite3_mprintf(
            "CREATE VIRTUAL TABLE temp.muling_import USING csvfile(filename=%Q, header=yes, "
            "encoding=%Q, delimiter=%Q, on_error=row)",
            im->file, im->encoding, im->delimiter);
  sqlite3_free(sheet);
  if (!sql) return cli_nomem();
  int rc = sqlite3_exec(im->db, sql, 0, 0, 0);
  sqlite3_free(sql);
  if (rc == SQLITE_NOMEM) return cli_nomem(); /* SQLite may word it otherwise */
  if (rc != SQLITE_OK) {
    cli_error("cannot read %s: %s", im->file, sqlite3_errmsg(im->db));
    return CLI_DB;
  }
  return CLI_OK;
}

static int load_rows(struct import *im) {
  int rc = SQLITE_DONE;
  im->started = now_seconds();
  while (!interrupted && (rc = sqlite3_step(im->source)) == SQLITE_ROW) {
    rc = import_row(im);
    if (rc != SQLITE_OK) break;
    if (im->progress) show_progress(im, 0);
  }
  if (interrupted) {
    cli_error("interrupted: the import is rolled back, %s is as it was", im->path);
    return CLI_DB;
  }
  if (rc == SQLITE_NOMEM) return cli_nomem();
  if (rc != SQLITE_DONE) {
    cli_error("import stopped at row %lld of %s: %s", (long long)im->read + 1, im->file,
              sqlite3_errmsg(im->db));
    return CLI_DB;
  }
  if (im->progress) show_progress(im, 1);
  return CLI_OK;
}

static void finalize_all(struct import *im) {
  sqlite3_stmt *all[] = {im->source, im->xform, im->insert, im->reject,
                         im->savepoint, im->release, im->rollback_to};
  for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) sqlite3_finalize(all[i]);
  im->source = im->xform = im->insert = im->reject = 0;
  im->savepoint = im->release = im->rollback_to = 0;
}

static int find_transform(struct import *im) {
  char *name = sqlite3_mprintf("sql/import_%s.sql", im->table);
  if (!name) return cli_nomem();
  for (char *p = name; *p; p++)
    if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
  im->transform = cli_sql_file(name);
  sqlite3_free(name);
  return CLI_OK;
}

/* Everything before the first row, outside the transaction: creating the
** temp csvfile table changes the schema, and a schema change inside the
** transaction would make each ROLLBACK TO of a rejected row reset the
** schema and re-prepare every statement (slow, and a reprepare of the
** running scan). */
static int prepare_import(struct import *im) {
  int rc = create_source(im);
  if (rc == CLI_OK) rc = load_source_columns(im);
  if (rc == CLI_OK) rc = check_map_option(im);
  if (rc == CLI_OK && im->transform) rc = prepare_xform(im);
  if (rc == CLI_OK) rc = resolve_mapping(im);
  if (rc == CLI_OK) rc = prepare_all(im);
  return rc;
}

static int import_main(struct import *im) {
  int rc = find_transform(im);
  if (rc != CLI_OK) return rc;
  int is = cli_is_muling_db(im->db);
  if (is < 0) return cli_db_error(im->db, im->path);
  if (!is) {
    cli_error("%s is not a muling database (run muling init first)", im->path);
    return CLI_DB;
  }
  if (!cli_table_exists(im->db, im->table)) {
    if (sqlite3_errcode(im->db) == SQLITE_NOMEM) return cli_nomem();
    cli_error("%s has no table '%s'", im->path, im->table);
    return CLI_USAGE;
  }
  struct stat st;
  im->file_size = stat(im->file, &st) == 0 ? (sqlite3_int64)st.st_size : 0;
  im->progress = isatty(2);
  /* A bigger page cache keeps a large import's indexes from spilling to
  ** the file before the commit; temp_store=memory keeps the per-row
  ** savepoints' sub-journal in memory (on disk it costs ~10 writes a row). */
  rc = cli_exec(im->db, "PRAGMA cache_size = -65536; PRAGMA temp_store = memory");
  if (rc == CLI_OK) rc = prepare_import(im);
  if (rc != CLI_OK) return rc;
  interrupt_db = im->db;
  struct sigaction sa, old;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old);
  rc = cli_exec(im->db, "BEGIN IMMEDIATE");
  if (rc == CLI_OK) rc = load_rows(im);
  finalize_all(im);
  if (rc == CLI_OK && !interrupted) rc = cli_exec(im->db, "COMMIT");
  if ((rc != CLI_OK || interrupted) && !sqlite3_get_autocommit(im->db)) {
    sqlite3_exec(im->db, "ROLLBACK", 0, 0, 0);
    if (rc == CLI_OK) rc = CLI_DB;
  }
  sigaction(SIGINT, &old, 0);
  interrupt_db = 0;
  /* The rows are committed: a failure to drop the temp table (it goes with
  ** the connection anyway) must not report the import as failed. */
  if (rc == CLI_OK) sqlite3_exec(im->db, "DROP TABLE temp.muling_import", 0, 0, 0);
  if (rc != CLI_OK) return rc;
  printf("read %lld, loaded %lld, rejected %lld\n", (long long)im->read,
         (long long)im->loaded, (long long)im->rejected);
  tally_print(&im->reasons, "rejected");
  tally_print(&im->normalised, "normalised");
  if (im->rejected) printf("see: SELECT line, reason FROM import_rejects WHERE source = '%s';\n", im->file);
  return im->rejected > 0 ? CLI_FOUND : CLI_OK;
}

static void free_import(struct import *im) {
  finalize_all(im);
  for (int i = 0; i < im->nmap; i++) {
    sqlite3_free(im->maps[i].source);
    sqlite3_free(im->maps[i].target);
  }
  sqlite3_free(im->maps);
  sqlite3_free(im->insert_src);
  sqlite3_free(im->xform_src);
  tally_free(&im->reasons);
  tally_free(&im->normalised);
}

/* "\t" and "tab" mean a tab; otherwise one character. */
static const char *delimiter_value(const char *d) {
  if (strcmp(d, "\\t") == 0 || strcmp(d, "tab") == 0) return "\t";
  return d;
}

/* 1 when the file starts as an .xlsx (a zip) or an .xls (OLE2) does. */
static int is_workbook(const char *file) {
  static const unsigned char zip[4] = {'P', 'K', 3, 4}, ole2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  unsigned char head[8];
  FILE *f = fopen(file, "rb");
  if (!f) return 0; /* the open that follows says why */
  size_t n = fread(head, 1, sizeof head, f);
  fclose(f);
  return (n >= 4 && memcmp(head, zip, 4) == 0) || (n == 8 && memcmp(head, ole2, 8) == 0);
}

static int parse_args(int argc, char **argv, struct import *im) {
  const char *pos[3] = {0, 0, 0};
  int npos = 0;
  for (int i = 2; i < argc; i++) {
    const char *v = 0;
    int m;
    if ((m = cli_option("import", argc, argv, &i, "--encoding", &v)) != 0) im->encoding = v;
    else if ((m = cli_option("import", argc, argv, &i, "--map", &v)) != 0) im->map = v;
    else if ((m = cli_option("import", argc, argv, &i, "--delimiter", &v)) != 0) im->delimiter = delimiter_value(v);
    else if ((m = cli_option("import", argc, argv, &i, "--sheet", &v)) != 0) im->sheet = v;
    else if (cli_is_option(argv[i])) return cli_usage("import", "unknown option '%s'", argv[i]);
    else if (npos == 3) return cli_usage("import", "unexpected argument '%s'", argv[i]);
    else pos[npos++] = argv[i];
    if (m < 0) return CLI_USAGE;
  }
  if (npos < 3) return cli_usage("import", "missing %s", (const char *[]){"DB", "TABLE", "FILE"}[npos]);
  im->path = pos[0], im->table = pos[1], im->file = pos[2];
  im->workbook = is_workbook(im->file);
  if (im->workbook && (im->encoding || im->delimiter))
    return cli_usage("import", "%s is a workbook: --encoding and --delimiter are for CSV files",
                     im->file);
  if (!im->workbook && im->sheet)
    return cli_usage("import", "--sheet is for .xlsx and .xls workbooks, %s is not one", im->file);
  if (!im->encoding) im->encoding = "utf-8";
  if (!im->delimiter) im->delimiter = ",";
  if (strcmp(im->encoding, "utf-8") && strcmp(im->encoding, "utf8") &&
      strcmp(im->encoding, "gb18030") && strcmp(im->encoding, "gbk"))
    return cli_usage("import", "unknown encoding '%s' (utf-8, gb18030 or gbk)", im->encoding);
  if (strlen(im->delimiter) != 1)
    return cli_usage("import", "--delimiter wants one character, got '%s'", im->delimiter);
  if (strcmp(im->table, "import_rejects") == 0)
    return cli_usage("import", "cannot import into import_rejects");
  return CLI_OK;
}

int cmd_import(int argc, char **argv) {
  struct import im;
  memset(&im, 0, sizeof(im));
  int rc = parse_args(argc, argv, &im);
  if (rc != CLI_OK) return rc;
  if (access(im.file, R_OK) != 0) {
    cli_error("cannot read %s: %s", im.file, strerror(errno));
    return CLI_DB;
  }
  rc = cli_open(im.path, CLI_READWRITE, &im.db);
  if (rc != CLI_OK) return rc;
  rc = import_main(&im);
  free_import(&im);
  if (sqlite3_close(im.db) != SQLITE_OK && rc == CLI_OK) rc = CLI_DB;
  return rc;
}
