/*
** import.c — muling import DB TABLE FILE [--encoding utf-8|gb18030|gbk]
**                                         [--map csv_col=table_col,…] [--delimiter C]
**                                         [--within AREA] [--sheet NAME|N]
**                                         [--existing update|skip|error]
**
** FILE may also be an .xlsx or .xls workbook (told by its first bytes): its
** sheet (--sheet, default the first) is read through a temp xlsxfile table
** instead, whose _line is the sheet's row; everything below is the same
** (but the encoding check, which is for CSV files).
**
** Loads a .csv or .csv.gz (first line a header) into TABLE through a temp
** csvfile table (on_error=row), in one transaction:
**
**   read N, loaded L, rejected R          N = L + R, always; exit 1 if R > 0
**
** Each CSV column goes to the table column of the same name, or where
** --map sends it (csv_col=- drops it); two columns sent to one place are a
** usage error.  When sql/import_TABLE.sql exists (compiled in), the table
** has a transform: its `-- map:` line gives the default mapping (the
** street office's Chinese headers for residents, and a --map target that
** is a table column the transform fills, like ethnic_code), its
** statements but the last run once before the first row with :within
** bound (they build the map of buildings), and its last statement runs
** once a row: its :parameters receive the mapped CSV values, and its
** result row is either a reject (column _reject: 'key: reason') or the
** values to insert (every column not starting with '_'), with _normalised
** naming what was normalised ('phone_format,ethnic_variant') and
** _building how the building was found, counted in the summary line
**
**   buildings: matched 198,734 of 202,823; ambiguous 3,120 (…); not found 969 (…)
**
** Before anything is written, the first 1,000 rows are read as UTF-8 and
** as GB18030: a file declared gb18030/gbk that reads as UTF-8, or a file
** read as UTF-8 that only GB18030 reads, is refused with the option to
** use.  Every statement is prepared once.  A table without triggers needs
** no savepoint a row: a failing INSERT undoes itself (the statement
** journal); with triggers, each row is inserted inside a SAVEPOINT, since
** a trigger's RAISE(FAIL) keeps what the trigger did before.  A constraint
** failure becomes a reject ('constraint: …'); an INSERT that changed no
** row (sqlite3_changes() = 0: a trigger's RAISE(IGNORE)) is a reject
** ('ignored: …'), so the counts are what the tables hold.  Every reject
** goes to import_rejects(table_name, source, line, reason, raw, run_id); a
** reject the table does not keep stops the import and rolls it back.  The
** run is a row of import_runs (its id marks its rejects and warnings, so
** the summary's see: line selects this run's only).  When
** sql/match_TABLE.sql exists (residents), each row the transform accepts
** is first matched against the stored rows (reimport.c): new (inserted),
** a stored row (updated with what the file carries, or kept with
** --existing skip) or a reject (duplicate, match, existing).  Into an
** empty residents table the plain indexes are dropped for the load and
** made again before the commit (the bulk load, below).  SIGINT
** interrupts and rolls the whole import back.  On a terminal, stderr
** shows a progress bar (rows, rows/s, percent of the file's bytes) that
** fits the terminal's width.
*/
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <sys/ioctl.h>
#endif
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"
#include "import_fast.h"
#include "import_row.h"
#include "reimport.h"

/* A name echoed in a message (a column, a --map entry, a table) is shown
** up to its first 200 characters: a 50 MB header is not printed whole.
** Use with "%.*s%s". */
static int shown_len(const char *z) {
  const unsigned char *p = (const unsigned char *)z;
  for (int chars = 0; *p && chars < 200; chars++) {
    p++;
    while ((*p & 0xC0) == 0x80) p++;
  }
  return (int)(p - (const unsigned char *)z);
}
#define SHOWN(z) shown_len(z), (z), ((z)[shown_len(z)] ? "…" : "")

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

/* How the rows' buildings were found (the transform's _building column),
** counted over the rows loaded. */
#define BUILDING_EXAMPLES 3
struct building_count {
  sqlite3_int64 matched, ambiguous, not_found, none;
  int namb, nnf;
  char *amb[BUILDING_EXAMPLES], *nf[BUILDING_EXAMPLES]; /* distinct examples */
};

struct import {
  sqlite3 *db;
  const char *path, *table, *file, *encoding, *map, *delimiter, *within;
  const char *sheet; /* --sheet: a workbook's sheet, name or number */
  int workbook;      /* FILE is an .xlsx or .xls: read through xlsxfile */
  sqlite3_int64 within_id;
  const struct muling_sql_file *transform; /* sql/import_TABLE.sql or NULL */
  int nmap;
  struct mapping *maps; /* one per CSV column, in CSV order */
  sqlite3_stmt *source, *xform, *insert, *reject;
  struct import_fast *fast; /* the common rows of residents, in C (import_fast.c), or NULL */
  struct import_row row;    /* the current row's transform: xform's row, or fast's cells */
  sqlite3_stmt *run_insert, *run_update; /* the run's row in import_runs */
  sqlite3_int64 run_id;
  const char *existing_opt; /* --existing as given */
  const char *match_file;   /* sql/match_TABLE.sql, or NULL: every row is new */
  struct reimport rm;       /* with match_file: the rows the table already has */
  sqlite3_stmt *savepoint, *release, *rollback_to; /* only for a table with triggers */
  int ninsert;     /* columns of the insert */
  int *insert_src; /* per insert column: the xform column (or CSV column) */
  int *xform_src;  /* per xform parameter: the source statement column, -1 none */
  int col_reject, col_normalised, col_building; /* xform columns, -1 none */
  int triggers;    /* the table has triggers */
  int bulk;        /* bulk load: the table's plain indexes are dropped (bulk_begin) */
  int nbulk;
  char **bulk_sql; /* their CREATE INDEX statements, in sqlite_schema's order */
  sqlite3_int64 read, loaded, rejected, file_size;
  sqlite3_int64 line; /* physical line of the current row */
  struct tally reasons, normalised;
  struct building_count buildings;
  char *failure; /* SQLite's message for the error that stopped the import */
  double started, shown;
  int progress, progress_shown, cols;
  int said_interrupted; /* the Ctrl-C message is out */
};

/* The import's page cache (import_main). */
#define IMPORT_CACHE_SIZE "-16384"

static volatile sig_atomic_t interrupted, resized;
static sqlite3 *interrupt_db;

static void on_sigint(int sig) {
  (void)sig;
  interrupted = 1;
  if (interrupt_db) sqlite3_interrupt(interrupt_db);
}

#ifndef _WIN32
static void on_sigwinch(int sig) {
  (void)sig;
  resized = 1;
}
#endif

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Keep SQLite's message for rc (the first one only): a later
** sqlite3_reset() of another statement would replace it by "not an
** error".  Returns rc. */
static int keep_error(struct import *im, int rc) {
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && !im->failure) {
    const char *m = sqlite3_errcode(im->db) != SQLITE_OK ? sqlite3_errmsg(im->db) : sqlite3_errstr(rc);
    im->failure = sqlite3_mprintf("%s", m);
  }
  return rc;
}

/* ---- the mapping -------------------------------------------------------- */

/* In a "a=b, c=d" list, find the target for SOURCE.  Returns 1 and sets
** *tgt and *tlen when found. */
static int map_lookup(const char *list, const char *source, int slen, const char **tgt, int *tlen) {
  const char *p = list;
  while (p && *p) {
    while (*p == ' ' || *p == ',') p++;
    size_t n = strcspn(p, ",");
    const char *eq = memchr(p, '=', n);
    if (eq) {
      const char *k = p, *ke = eq;
      while (ke > k && ke[-1] == ' ') ke--;
      if (ke - k == slen && strncmp(k, source, (size_t)slen) == 0) {
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
      return cli_usage("import", "--map wants csv_col=table_col, got '%.*s%s'",
                       n < shown_len(p) ? n : shown_len(p), p, n > shown_len(p) ? "…" : "");
    const char *ke = eq;
    while (ke > p && ke[-1] == ' ') ke--;
    int found = 0;
    for (int i = 0; i < im->nmap && !found; i++)
      found = (int)strlen(im->maps[i].source) == (int)(ke - p) &&
              strncmp(im->maps[i].source, p, (size_t)(ke - p)) == 0;
    if (!found) {
      int k = (int)(ke - p), sl = shown_len(p);
      return cli_usage("import", "--map: %.*s%s has no column '%.*s%s'", SHOWN(im->file),
                       k < sl ? k : sl, p, k > sl ? "…" : "");
    }
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
    if (len > (int)sizeof p - 2) return 0;
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

/* Two CSV columns sent to one target: a usage error naming both. */
static int check_one_source_a_target(struct import *im) {
  for (int i = 0; i < im->nmap; i++) {
    if (!im->maps[i].target) continue;
    for (int j = 0; j < i; j++) {
      if (!im->maps[j].target || sqlite3_stricmp(im->maps[i].target, im->maps[j].target)) continue;
      return cli_usage("import",
                       "columns '%.*s%s' and '%.*s%s' of %.*s%s both go to '%.*s%s' "
                       "(--map one of them elsewhere, or to - to drop it)",
                       SHOWN(im->maps[j].source), SHOWN(im->maps[i].source), SHOWN(im->file),
                       SHOWN(im->maps[i].target));
    }
  }
  return CLI_OK;
}

/* Decide each CSV column's target: --map, else the transform's -- map:
** line, else the column's own name.  A target that is no parameter of the
** transform goes through the -- map: line once more, so a table column
** the transform fills (--map 民族=ethnic_code) reaches its parameter. */
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
    if (!map_lookup(im->map, src, tlen, &t, &tlen) && defaults)
      map_lookup(defaults, src, tlen, &t, &tlen);
    if (tlen == 1 && t[0] == '-') continue;
    if (!is_target(im, t, tlen) && defaults) map_lookup(defaults, t, tlen, &t, &tlen);
    if (!is_target(im, t, tlen)) {
      if (sqlite3_errcode(im->db) == SQLITE_NOMEM) { rc = cli_nomem(); break; }
      rc = cli_usage("import",
                     "column '%.*s%s' of %.*s%s has nowhere to go in %.*s%s "
                     "(--map '%.*s%s=COLUMN' sends it to a column, --map '%.*s%s=-' drops it)",
                     SHOWN(src), SHOWN(im->file), SHOWN(im->table), SHOWN(src), SHOWN(src));
      break;
    }
    im->maps[i].target = sqlite3_mprintf("%.*s", tlen, t);
    if (!im->maps[i].target) rc = cli_nomem();
  }
  sqlite3_free(defaults);
  if (rc == CLI_OK) rc = check_one_source_a_target(im);
  return rc;
}

/* ---- statements --------------------------------------------------------- */

/* SELECT _line, _error, _raw, _offset, <mapped columns> FROM the CSV.  The
** values go to the transform trimmed, an empty one NULL: bind_column()
** does that in place, since trim() and nullif() in this SELECT would
** copy every field twice (a third of the import's time). */
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
                 : cli_usage("import", "no column of %.*s%s goes to %.*s%s", SHOWN(im->file),
                             SHOWN(im->table));
  sqlite3_free(cols);
  return rc;
}

/* The transform's column called NAME, or -1. */
static int xform_column(struct import *im, const char *name) {
  for (int i = 0; i < sqlite3_column_count(im->xform); i++)
    if (strcmp(CLI_STR(sqlite3_column_name(im->xform, i)), name) == 0) return i;
  return -1;
}

/* The transform file: every statement but the last runs now, once (with
** :within bound); the last is the statement run for each row. */
static int prepare_xform(struct import *im) {
  const char *z = im->transform->text;
  for (;;) {
    sqlite3_stmt *stmt = 0;
    const char *tail = 0;
    int rc = sqlite3_prepare_v2(im->db, z, -1, &stmt, &tail);
    if (rc != SQLITE_OK) return cli_db_error(im->db, im->transform->name);
    if (!stmt) break; /* only blanks and comments were left */
    if (!*cli_skip_blank(tail)) {
      im->xform = stmt;
      break;
    }
    int i = sqlite3_bind_parameter_index(stmt, ":within");
    if (i > 0) rc = im->within ? sqlite3_bind_int64(stmt, i, im->within_id) : sqlite3_bind_null(stmt, i);
    while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
    if (rc != SQLITE_OK) {
      cli_db_error(im->db, im->transform->name);
      sqlite3_finalize(stmt);
      return CLI_DB;
    }
    if (sqlite3_finalize(stmt) != SQLITE_OK) return cli_db_error(im->db, im->transform->name);
    z = tail;
  }
  if (!im->xform) {
    cli_error("%s has no statement", im->transform->name);
    return CLI_DB;
  }
  im->col_reject = xform_column(im, "_reject");
  im->col_normalised = xform_column(im, "_normalised");
  im->col_building = xform_column(im, "_building");
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

/* 1 if a trigger (of main or temp) fires on inserts into the table. */
static int table_has_triggers(struct import *im, int *has) {
  sqlite3_stmt *stmt = 0;
  int rc = sqlite3_prepare_v2(im->db,
                              "SELECT count(*) FROM (SELECT tbl_name FROM main.sqlite_schema WHERE type = 'trigger' "
                              "UNION ALL SELECT tbl_name FROM temp.sqlite_schema WHERE type = 'trigger') "
                              "WHERE tbl_name = ?1 COLLATE NOCASE",
                              -1, &stmt, 0);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(stmt, 1, im->table, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    *has = sqlite3_column_int(stmt, 0) > 0;
    rc = SQLITE_OK;
  }
  int rc2 = sqlite3_finalize(stmt);
  return rc == SQLITE_OK ? rc2 : rc;
}

static int prepare_all(struct import *im) {
  int rc = prepare_source(im);
  if (rc == CLI_OK && im->xform) rc = bind_xform_sources(im);
  if (rc == CLI_OK) rc = prepare_insert(im);
  if (rc != CLI_OK) return rc;
  if (table_has_triggers(im, &im->triggers) != SQLITE_OK) return cli_db_error(im->db, im->table);
  struct {
    sqlite3_stmt **stmt;
    const char *sql;
    int needed;
  } fixed[] = {
      {&im->reject, "INSERT INTO main.import_rejects(table_name, source, line, reason, raw, run_id) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", 1},
      {&im->run_insert, "INSERT INTO main.import_runs(table_name, source, existing) VALUES (?1, ?2, ?3)", 1},
      {&im->run_update, "UPDATE main.import_runs SET read = ?2, loaded = ?3, rejected = ?4, new = ?5, "
                        "updated = ?6, unchanged = ?7, skipped = ?8, not_in_export = ?9, warned = ?10 "
                        "WHERE id = ?1", 1},
      {&im->savepoint, "SAVEPOINT muling_row", im->triggers},
      {&im->release, "RELEASE muling_row", im->triggers},
      {&im->rollback_to, "ROLLBACK TO muling_row", im->triggers},
  };
  for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
    if (fixed[i].needed && sqlite3_prepare_v2(im->db, fixed[i].sql, -1, fixed[i].stmt, 0) != SQLITE_OK)
      return cli_db_error(im->db, "import");
  return CLI_OK;
}

/* ---- one row ------------------------------------------------------------ */

static int bulk_end(struct import *im);

/* Run a statement that returns no rows, then reset it. */
static int run(struct import *im, sqlite3_stmt *stmt) {
  int rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) keep_error(im, rc);
  int rc2 = sqlite3_reset(stmt);
  return rc == SQLITE_DONE ? rc2 : rc;
}

/* The reject reason for a row csvfile could not split: its _error already
** starts with a stable key (quoting:, encoding:, field_count:). */
static int add_reject(struct import *im, const char *reason) {
  int rc = sqlite3_bind_text(im->reject, 1, im->table, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(im->reject, 2, im->file, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_int64(im->reject, 3, im->line);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(im->reject, 4, reason, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_value(im->reject, 5, sqlite3_column_value(im->source, 2));
  if (rc == SQLITE_OK) rc = sqlite3_bind_int64(im->reject, 6, im->run_id);
  if (rc == SQLITE_OK) rc = run(im, im->reject);
  if (rc != SQLITE_OK) return rc;
  if (sqlite3_changes(im->db) != 1) {
    /* nothing can be recorded: read = loaded + rejected would be a lie */
    if (!im->failure)
      im->failure = sqlite3_mprintf("a trigger on import_rejects skipped the reject of this row: "
                                    "nothing can be recorded");
    return SQLITE_ABORT;
  }
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

/* Add WHAT to the examples if it is new and there is room. */
static int add_example(char **ex, int *n, const char *what) {
  if (*n == BUILDING_EXAMPLES) return SQLITE_OK;
  for (int i = 0; i < *n; i++)
    if (strcmp(ex[i], what) == 0) return SQLITE_OK;
  ex[*n] = sqlite3_mprintf("%s", what);
  if (!ex[*n]) return SQLITE_NOMEM;
  (*n)++;
  return SQLITE_OK;
}

/* Count how the building of a loaded row was found ('matched', 'given',
** 'none', 'ambiguous: …', 'not_found: …'). */
static int count_building(struct import *im, const char *how) {
  struct building_count *b = &im->buildings;
  if (!how) return SQLITE_OK;
  if (strcmp(how, "matched") == 0 || strcmp(how, "given") == 0) {
    b->matched++;
  } else if (strcmp(how, "none") == 0) {
    b->none++;
  } else if (strncmp(how, "ambiguous: ", 11) == 0) {
    b->ambiguous++;
    return add_example(b->amb, &b->namb, how + 11);
  } else if (strncmp(how, "not_found: ", 11) == 0) {
    b->not_found++;
    return add_example(b->nf, &b->nnf, how + 11);
  }
  return SQLITE_OK;
}

/* Bind column COL of FROM to parameter I of TO without copying it: the
** text stays FROM's until FROM steps or is reset, and TO runs before
** that.  With TRIM, blanks (spaces, as trim() removes) are cut off both
** ends and an empty text is NULL, as the transform wants its values.
** With EMPTY_NULL, an empty text is NULL (a table without transform). */
static int bind_column(sqlite3_stmt *to, int i, sqlite3_stmt *from, int col, int trim, int empty_null) {
  switch (sqlite3_column_type(from, col)) {
  case SQLITE_NULL:
    return sqlite3_bind_null(to, i);
  case SQLITE_INTEGER:
    return sqlite3_bind_int64(to, i, sqlite3_column_int64(from, col));
  case SQLITE_FLOAT:
    return sqlite3_bind_double(to, i, sqlite3_column_double(from, col));
  case SQLITE_BLOB: {
    const void *b = sqlite3_column_blob(from, col);
    int n = sqlite3_column_bytes(from, col);
    if (!b && n > 0) return SQLITE_NOMEM;
    return sqlite3_bind_blob(to, i, b ? b : "", n, SQLITE_STATIC);
  }
  default: {
    /* as a blob: the text as it is, where sqlite3_column_text() would
    ** first copy it to add a terminator */
    const char *z = (const char *)sqlite3_column_blob(from, col);
    int n = sqlite3_column_bytes(from, col);
    if (!z) z = "", n = 0;
    if (trim) {
      while (n > 0 && z[0] == ' ') z++, n--;
      while (n > 0 && z[n - 1] == ' ') n--;
    }
    if (n == 0 && (trim || empty_null)) return sqlite3_bind_null(to, i);
    return sqlite3_bind_text(to, i, z, n, SQLITE_STATIC);
  }
  }
}

/* An insert or a matched row's update (stmt) failed with rc: a constraint
** (or a value too big) is a reject, and the row's savepoint is undone when
** triggers may have written; anything else stops the import. */
static int write_failed(struct import *im, sqlite3_stmt *stmt, int rc) {
  keep_error(im, rc);
  sqlite3_reset(stmt);
  if (sqlite3_get_autocommit(im->db)) {
    /* ON CONFLICT ROLLBACK or RAISE(ROLLBACK): the transaction is gone */
    return rc == SQLITE_OK ? SQLITE_ERROR : rc;
  }
  if ((rc & 0xff) != SQLITE_CONSTRAINT && (rc & 0xff) != SQLITE_MISMATCH &&
      (rc & 0xff) != SQLITE_TOOBIG)
    return rc;
  char *reason = sqlite3_mprintf("constraint: %s", im->failure ? im->failure : sqlite3_errstr(rc));
  sqlite3_free(im->failure); /* a reject, not a failure */
  im->failure = 0;
  if (!reason) return SQLITE_NOMEM;
  rc = SQLITE_OK;
  if (im->triggers) {
    rc = run(im, im->rollback_to);
    if (rc == SQLITE_OK) rc = run(im, im->release);
  }
  if (rc == SQLITE_OK) rc = add_reject(im, reason);
  sqlite3_free(reason);
  return rc;
}

/* Insert the row (the transform's, or without one the source's); a
** constraint failure, or an insert that changed no row, becomes a reject.
** Returns 1 in *loaded when the row is in the table. */
static int insert_row(struct import *im, const struct import_row *from, int from_empty_null, int *loaded) {
  int rc = SQLITE_OK;
  *loaded = 0;
  for (int i = 0; i < im->ninsert && rc == SQLITE_OK; i++)
    rc = from->cell ? import_row_bind(from, im->insert_src[i], im->insert, i + 1, 1)
                    : bind_column(im->insert, i + 1, from->stmt, im->insert_src[i], 0, from_empty_null);
  if (rc == SQLITE_OK && im->triggers) rc = run(im, im->savepoint);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_step(im->insert);
  if (rc == SQLITE_DONE) {
    sqlite3_reset(im->insert);
    int changed = sqlite3_changes(im->db);
    if (im->triggers) rc = run(im, im->release);
    else rc = SQLITE_OK;
    if (rc != SQLITE_OK) return rc;
    if (changed == 1) {
      im->loaded++;
      *loaded = 1;
      return SQLITE_OK;
    }
    char *reason = sqlite3_mprintf(im->triggers ? "ignored: a trigger on %s skipped the row"
                                                : "ignored: a constraint of %s skipped the row",
                                   im->table);
    if (!reason) return SQLITE_NOMEM;
    rc = add_reject(im, reason);
    sqlite3_free(reason);
    return rc;
  }
  return write_failed(im, im->insert, rc);
}

/* A row of a table a re-import matches (sql/match_TABLE.sql): reimport.c
** says whether it is new (inserted), a stored row (updated with what the
** export carries, or left as stored with --existing skip) or a reject.
** *loaded when the row is in the table. */
static int load_matched(struct import *im, int *loaded) {
  int action = REIMPORT_NEW;
  char *reason = 0;
  *loaded = 0;
  int rc = SQLITE_OK;
  if (im->bulk && !reimport_fingerprinted(&im->rm, im->line)) {
    /* a value the fingerprints cannot take: the match statement decides
    ** from now on, on the whole table, which wants its indexes first */
    im->rm.fast = 0;
    rc = keep_error(im, bulk_end(im));
  }
  if (rc == SQLITE_OK) rc = reimport_match(&im->rm, im->line, &action, &reason);
  if (rc != SQLITE_OK) return keep_error(im, rc);
  if (action == REIMPORT_REJECT) {
    rc = add_reject(im, reason);
    sqlite3_free(reason);
    return rc;
  }
  if (action == REIMPORT_NEW) {
    rc = insert_row(im, &im->row, 0, loaded);
    if (rc == SQLITE_OK && *loaded)
      rc = keep_error(im, reimport_loaded(&im->rm, im->line, sqlite3_last_insert_rowid(im->db), 1));
    return rc;
  }
  if (im->rm.existing != REIMPORT_SKIP) {
    if (im->triggers) rc = run(im, im->savepoint);
    if (rc != SQLITE_OK) return rc;
    rc = reimport_update(&im->rm);
    if (rc != SQLITE_OK) return write_failed(im, im->rm.update, rc);
    if (im->triggers) rc = run(im, im->release);
    if (rc != SQLITE_OK) return rc;
    rc = keep_error(im, reimport_loaded(&im->rm, im->line, im->rm.resident_id, 0));
  }
  if (rc == SQLITE_OK) {
    im->loaded++;
    *loaded = 1;
  }
  return rc;
}

static int transform_row(struct import *im, int csv_error) {
  im->row.stmt = 0;
  im->row.cell = 0;
  if (im->fast && !csv_error) {
    int rc = import_fast_row(im->fast, im->source, &im->row.cell);
    if (rc != SQLITE_OK) return keep_error(im, rc);
    if (im->row.cell) return SQLITE_OK;
  }
  im->row.stmt = im->xform;
  int n = sqlite3_bind_parameter_count(im->xform), rc = SQLITE_OK;
  for (int i = 1; i <= n && rc == SQLITE_OK; i++)
    rc = im->xform_src[i - 1] < 0 ? sqlite3_bind_null(im->xform, i)
                                  : bind_column(im->xform, i, im->source, im->xform_src[i - 1], 1, 0);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_step(im->xform);
  if (rc != SQLITE_ROW) {
    keep_error(im, rc == SQLITE_DONE ? SQLITE_ERROR : rc);
    sqlite3_reset(im->xform);
    return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  }
  return SQLITE_OK;
}

static int import_row(struct import *im) {
  im->read++;
  im->line = sqlite3_column_int64(im->source, 0);
  const char *error = (const char *)sqlite3_column_text(im->source, 1);
  int rc = SQLITE_OK, loaded = 0;
  const char *reject = 0;
  int xformed = 0;
  if (im->xform) {
    /* Even a row csvfile could not split runs through the transform, so
    ** the normalisations it shows are counted for every row read. */
    rc = transform_row(im, error != 0);
    if (rc != SQLITE_OK) return rc;
    xformed = 1;
    if (im->col_normalised >= 0)
      rc = count_normalised(im, import_row_text(&im->row, im->col_normalised));
    if (im->col_reject >= 0) reject = import_row_text(&im->row, im->col_reject);
  }
  if (rc == SQLITE_OK && error) {
    rc = add_reject(im, error);
  } else if (rc == SQLITE_OK && reject) {
    rc = add_reject(im, reject);
  } else if (rc == SQLITE_OK) {
    struct import_row plain = {im->source, 0};
    rc = im->match_file ? load_matched(im, &loaded)
                        : insert_row(im, im->xform ? &im->row : &plain, !im->xform, &loaded);
    if (rc == SQLITE_OK && loaded && im->col_building >= 0)
      rc = count_building(im, import_row_text(&im->row, im->col_building));
  }
  if (xformed && im->row.stmt) {
    int rc2 = sqlite3_reset(im->row.stmt);
    if (rc == SQLITE_OK) rc = keep_error(im, rc2);
  }
  return rc;
}

/* ---- progress ----------------------------------------------------------- */

/* The terminal's width in columns (80 when it does not say). */
static int terminal_columns(void) {
#ifdef _WIN32
  int cols = mu_win_console_columns(); /* no ioctl: the console API */
  if (cols > 0) return cols;
#else
  struct winsize ws;
  if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
#endif
  return 80;
}

/* One line that fits the terminal: "[####....] 42%  1000 rows  …"; on a
** narrow one the rate, then the rejects leave the text, then the bar
** shrinks (down to none), then the text is cut, so the cursor never
** reaches the last column and the line never wraps. */
static void show_progress(struct import *im, int last) {
  double t = now_seconds();
  if (!last && t - im->shown < 0.1) return;
  im->shown = t;
#ifdef _WIN32
  resized = 1; /* no SIGWINCH: the console is asked at each redraw */
#endif
  if (resized || !im->cols) {
    resized = 0;
    im->cols = terminal_columns();
  }
  double rate = t > im->started ? (double)im->read / (t - im->started) : 0;
  /* after the last row the statement has no current row to ask */
  sqlite3_int64 offset = last ? im->file_size : sqlite3_column_int64(im->source, 3);
  int pct = im->file_size > 0 ? (int)(offset * 100 / im->file_size) : 100;
  if (pct > 100) pct = 100;
  char text[160], line[200];
  int room = im->cols - 1; /* the last column would wrap on some terminals */
  if (room > (int)sizeof line - 1) room = (int)sizeof line - 1;
  /* the longest text that leaves a bar of 10, else the shortest */
  int n = 0;
  for (int v = 0; v < 3; v++) {
    if (v == 0)
      n = snprintf(text, sizeof text, "%3d%%  %lld rows  %.0f rows/s  %lld rejected", pct,
                   (long long)im->read, rate, (long long)im->rejected);
    else if (v == 1)
      n = snprintf(text, sizeof text, "%3d%%  %lld rows  %lld rejected", pct, (long long)im->read,
                   (long long)im->rejected);
    else
      n = snprintf(text, sizeof text, "%3d%% %lld", pct, (long long)im->read);
    if (n < 0) return;
    if (n >= (int)sizeof text) n = (int)sizeof text - 1;
    if (room - n - 3 >= 10) break;
  }
  int bar = room - n - 3; /* "[", "] " */
  if (bar > 20) bar = 20;
  int k = 0;
  if (bar >= 5) {
    line[k++] = '[';
    for (int i = 0; i < bar; i++) line[k++] = i < pct * bar / 100 ? '#' : '.';
    line[k++] = ']';
    line[k++] = ' ';
  }
  for (int i = 0; i < n && k < room; i++) line[k++] = text[i];
  line[k] = 0;
  /* \r, the line, then erase the rest of the old one */
  fprintf(stderr, "\r%s\033[K", line);
  if (last) fputc('\n', stderr);
  fflush(stderr);
  im->progress_shown = !last;
}

/* ---- the whole import --------------------------------------------------- */

static int create_table(struct import *im, const char *name, const char *options) {
  char *sql = im->workbook
      ? sqlite3_mprintf("CREATE VIRTUAL TABLE temp.%s USING xlsxfile(filename=%Q, on_error=row, %s)",
                        name, im->file, options)
      : sqlite3_mprintf(
            "CREATE VIRTUAL TABLE temp.%s USING csvfile(filename=%Q, delimiter=%Q, on_error=row, %s)",
            name, im->file, im->delimiter, options);
  if (!sql) return cli_nomem();
  int rc = sqlite3_exec(im->db, sql, 0, 0, 0);
  sqlite3_free(sql);
  if (rc == SQLITE_NOMEM) return cli_nomem(); /* SQLite may word it otherwise */
  if (rc != SQLITE_OK) {
    cli_error("cannot read %.*s%s: %s", SHOWN(im->file), sqlite3_errmsg(im->db));
    return CLI_DB;
  }
  return CLI_OK;
}

/* The one switch between a CSV and a workbook: the source table is csvfile
** or xlsxfile, with the same hidden columns, so the rest reads either. */
static int create_source(struct import *im) {
  char *opt = im->workbook
      ? (im->sheet ? sqlite3_mprintf("header=yes, sheet=%Q", im->sheet) : sqlite3_mprintf("header=yes"))
      : sqlite3_mprintf("header=yes, encoding=%Q", im->encoding);
  if (!opt) return cli_nomem();
  int rc = create_table(im, "muling_import", opt);
  sqlite3_free(opt);
  return rc;
}

/* How the file's first 1,000 rows read in ENCODING: *bad rows with an
** encoding error, *wide rows with a byte past ASCII, *first_bad the line
** of the first bad one. */
static int sniff(struct import *im, const char *encoding, sqlite3_int64 *bad, sqlite3_int64 *wide,
                 sqlite3_int64 *first_bad, int *skipped) {
  char *sql = sqlite3_mprintf(
      "CREATE VIRTUAL TABLE temp.muling_sniff USING csvfile(filename=%Q, delimiter=%Q, "
      "on_error=row, header=no, encoding=%Q)",
      im->file, im->delimiter, encoding);
  if (!sql) return cli_nomem();
  int src = sqlite3_exec(im->db, sql, 0, 0, 0);
  sqlite3_free(sql);
  if (src == SQLITE_NOMEM) return cli_nomem();
  if (src != SQLITE_OK) {
    /* an empty or unreadable file: reading it for real says why */
    *skipped = 1;
    return CLI_OK;
  }
  sqlite3_stmt *stmt = 0;
  int rc = CLI_OK;
  src = sqlite3_prepare_v2(
      im->db,
      "SELECT count(*) FILTER (WHERE _error LIKE 'encoding:%'),"
      "       count(*) FILTER (WHERE length(CAST(_raw AS BLOB)) > length(_raw)),"
      "       min(CASE WHEN _error LIKE 'encoding:%' THEN _line END)"
      "  FROM (SELECT _error, _raw, _line FROM temp.muling_sniff LIMIT 1000)",
      -1, &stmt, 0);
  if (src == SQLITE_OK && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
    *bad = sqlite3_column_int64(stmt, 0);
    *wide = sqlite3_column_int64(stmt, 1);
    *first_bad = sqlite3_column_int64(stmt, 2);
    src = SQLITE_OK;
  }
  if (src != SQLITE_OK) rc = src == SQLITE_NOMEM ? cli_nomem() : cli_db_error(im->db, im->file);
  sqlite3_finalize(stmt);
  if (sqlite3_exec(im->db, "DROP TABLE temp.muling_sniff", 0, 0, 0) != SQLITE_OK && rc == CLI_OK)
    rc = cli_db_error(im->db, im->file);
  return rc;
}

/* Refuse, before anything is written, a file whose bytes say the
** encoding is the other one. */
static int check_encoding(struct import *im) {
  sqlite3_int64 bad = 0, wide = 0, line = 0, gbad = 0, gwide = 0, gline = 0;
  int skipped = 0;
  int rc = sniff(im, "utf-8", &bad, &wide, &line, &skipped);
  if (rc != CLI_OK || skipped) return rc;
  int declared = mu_csv_encoding(im->encoding);
  if (declared != MU_CSV_UTF8) {
    if (bad == 0 && wide > 0) {
      cli_error("%.*s%s reads as UTF-8: leave out --encoding (%s would turn its text into "
                "mojibake; nothing was written)",
                SHOWN(im->file), im->encoding);
      return CLI_USAGE;
    }
    return CLI_OK;
  }
  if (bad == 0) return CLI_OK;
  rc = sniff(im, "gb18030", &gbad, &gwide, &gline, &skipped);
  if (rc != CLI_OK || skipped) return rc;
  if (gbad == 0) {
    cli_error("%.*s%s is not UTF-8 (line %lld): try --encoding gb18030 (nothing was written)",
              SHOWN(im->file), (long long)line);
    return CLI_USAGE;
  }
  return CLI_OK;
}

/* Ctrl-C: the message (once) starts its own line, not after the bar. */
static void say_interrupted(struct import *im) {
  if (im->said_interrupted) return;
  im->said_interrupted = 1;
  if (im->progress_shown) fputc('\n', stderr);
  im->progress_shown = 0;
  cli_error("interrupted: the import is rolled back, %.*s%s is as it was", SHOWN(im->path));
}

/* The message for an error that stopped the import; says nothing was
** written, since the transaction is rolled back. */
static int report_failure(struct import *im, int rc) {
  int base = rc & 0xff;
  if (interrupted) { /* the error is Ctrl-C's sqlite3_interrupt() */
    say_interrupted(im);
    return CLI_DB;
  }
  if (base == SQLITE_BUSY || base == SQLITE_LOCKED) {
    cli_error("%.*s%s is locked by another program (waited 5 s): nothing was written", SHOWN(im->path));
  } else if (rc == SQLITE_READONLY_DIRECTORY) {
    /* the file may be written, but its -journal cannot be made beside it */
    cli_error("%.*s%s cannot be written: its directory is read-only (a journal is made beside the "
              "database): nothing was written",
              SHOWN(im->path));
  } else if (base == SQLITE_READONLY) {
    cli_error("%.*s%s is read-only: nothing was written", SHOWN(im->path));
  } else if (im->read > 0) {
    cli_error("import stopped at line %lld of %.*s%s (row %lld): %s; nothing was written",
              (long long)im->line, SHOWN(im->file), (long long)im->read,
              im->failure ? im->failure : sqlite3_errstr(rc));
  } else {
    cli_error("%.*s%s: %s; nothing was written", SHOWN(im->path),
              im->failure ? im->failure : sqlite3_errstr(rc));
  }
  return CLI_DB;
}

/* ---- the bulk load --------------------------------------------------------
** Into a table with no row when the run begins (reimport.c's fast path:
** then every row a run of the match statement may meet is one this run
** inserted, and no trigger writes it), the plain indexes of the table
** (BULK_INDEXES) are dropped inside the import's
** transaction and made again from their own CREATE INDEX text after the
** last row, before the commit: SQLite then sorts each index once instead
** of inserting every row's key at a random place of it (bench/import.sh).
** A UNIQUE index stays, so a duplicate is rejected as it always is, and
** an index on an expression or with a WHERE clause stays; the
** match runs on the candidates a fingerprint gives (reimport.c), not on
** the whole table.  A failure anywhere rolls the transaction back, the
** indexes with it.  No bulk load when sqlite_stat1 has a row for one of
** the indexes (DROP INDEX would delete it), or when the fast path ends
** mid-run (the indexes are then made at once, and the rows go on as
** before).  MULING_IMPORT_NO_BULK=1 turns it off (tests/sh/import_bulk.sh
** compares the two). */

/* The plain indexes of table ?1: made by CREATE INDEX, not UNIQUE, not
** partial, on columns only -- so making one again cannot fail on a
** row's value (an expression or a WHERE clause could, where the row by
** row insert would have rejected the row or stopped: those stay). */
#define BULK_INDEXES                                                                              \
  "FROM main.sqlite_schema AS s JOIN pragma_index_list(?1, 'main') AS l ON l.name = s.name "    \
  "WHERE s.type = 'index' AND s.sql IS NOT NULL AND l.\"unique\" = 0 AND l.origin = 'c' "        \
  "AND l.partial = 0 AND NOT EXISTS (SELECT 1 FROM pragma_index_xinfo(s.name, 'main') AS x "    \
  "WHERE x.key AND x.cid < 0) ORDER BY s.rowid"

/* The plain indexes to drop, into im->bulk_sql; *stats when sqlite_stat1
** has a row for one of them. */
static int bulk_indexes(struct import *im, int *stats) {
  sqlite3_stmt *stmt = 0;
  *stats = 0;
  int rc = sqlite3_prepare_v2(im->db,
                              "SELECT s.sql, EXISTS (SELECT 1 FROM main.sqlite_schema WHERE type = 'table' "
                              "AND name = 'sqlite_stat1') " BULK_INDEXES,
                              -1, &stmt, 0);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(stmt, 1, im->table, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char *sql = (const char *)sqlite3_column_text(stmt, 0);
    if (sqlite3_column_int(stmt, 1)) *stats = 1;
    char **more = sqlite3_realloc64(im->bulk_sql, sizeof(char *) * (sqlite3_uint64)(im->nbulk + 1));
    if (!more || !sql) {
      rc = SQLITE_NOMEM;
      break;
    }
    im->bulk_sql = more;
    im->bulk_sql[im->nbulk] = sqlite3_mprintf("%s", sql);
    if (!im->bulk_sql[im->nbulk]) {
      rc = SQLITE_NOMEM;
      break;
    }
    im->nbulk++;
    rc = SQLITE_OK;
  }
  int rc2 = sqlite3_finalize(stmt);
  if (rc == SQLITE_DONE) rc = rc2;
  if (rc == SQLITE_OK && *stats && im->nbulk > 0) {
    /* a statistics row of one of them? */
    char *sql = sqlite3_mprintf("SELECT count(*) FROM main.sqlite_stat1 WHERE idx IN "
                                "(SELECT name FROM pragma_index_list(%Q, 'main'))", im->table);
    if (!sql) return SQLITE_NOMEM;
    rc = sqlite3_prepare_v2(im->db, sql, -1, &stmt, 0);
    sqlite3_free(sql);
    if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      *stats = sqlite3_column_int64(stmt, 0) > 0;
      rc = SQLITE_OK;
    }
    rc2 = sqlite3_finalize(stmt);
    if (rc == SQLITE_OK) rc = rc2;
  }
  return rc;
}

static void bulk_free(struct import *im) {
  for (int i = 0; i < im->nbulk; i++) sqlite3_free(im->bulk_sql[i]);
  sqlite3_free(im->bulk_sql);
  im->bulk_sql = 0;
  im->nbulk = 0;
}

/* Inside the transaction, before the first row: drop the plain indexes
** when the run may (above). */
static int bulk_begin(struct import *im) {
  if (!im->match_file || im->triggers || !reimport_can_bulk(&im->rm) || getenv("MULING_IMPORT_NO_BULK"))
    return SQLITE_OK;
  int stats = 0;
  int rc = bulk_indexes(im, &stats);
  if (rc != SQLITE_OK || stats || im->nbulk == 0) {
    bulk_free(im);
    return rc;
  }
  sqlite3_stmt *stmt = 0;
  rc = sqlite3_prepare_v2(im->db, "SELECT s.name " BULK_INDEXES, -1, &stmt, 0);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(stmt, 1, im->table, -1, SQLITE_STATIC);
  /* the names first (DROP INDEX while the query runs is refused) */
  sqlite3_str *drops = sqlite3_str_new(im->db);
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(stmt, 0);
    rc = name ? SQLITE_OK : SQLITE_NOMEM;
    if (name) sqlite3_str_appendf(drops, "DROP INDEX main.\"%w\";", name);
  }
  int rc2 = sqlite3_finalize(stmt);
  if (rc == SQLITE_DONE) rc = rc2;
  char *sql = sqlite3_str_finish(drops);
  if (rc == SQLITE_OK && !sql) rc = SQLITE_NOMEM;
  if (rc == SQLITE_OK) rc = sqlite3_exec(im->db, sql, 0, 0, 0);
  sqlite3_free(sql);
  if (rc == SQLITE_OK) im->bulk = im->rm.bulk = 1;
  else bulk_free(im);
  return rc;
}

/* Make the dropped indexes again, each from its own text. */
static int bulk_end(struct import *im) {
  int rc = SQLITE_OK;
  if (!im->bulk) return rc;
  im->bulk = im->rm.bulk = 0;
  /* CREATE INDEX sorts in up to the page cache's size of memory, on top
  ** of the cache: a small cache while the indexes are made keeps the
  ** import's peak where the rows left it (bench/import.sh: 200,000 rows
  ** peaked 9 MiB higher with the 16 MiB cache than with 2 MiB, in the
  ** same CPU time).  Past 2 MiB the sort spills to a temporary file,
  ** which costs next to nothing: the five indexes of 200,000 rows took
  ** 0.39 s of CPU with 2 MiB, 0.39 s with 16 MiB, 0.42 s with 64 MiB. */
  rc = sqlite3_exec(im->db, "PRAGMA cache_size = -2048", 0, 0, 0);
  for (int i = 0; i < im->nbulk && rc == SQLITE_OK; i++) {
    rc = sqlite3_exec(im->db, im->bulk_sql[i], 0, 0, 0);
    if (rc != SQLITE_OK && rc != SQLITE_NOMEM && !im->failure)
      /* a value of some row the index cannot hold: say which index */
      im->failure = sqlite3_mprintf("making the index again (%.*s%s): %s", SHOWN(im->bulk_sql[i]),
                                    sqlite3_errmsg(im->db));
  }
  if (rc == SQLITE_OK) rc = sqlite3_exec(im->db, "PRAGMA cache_size = " IMPORT_CACHE_SIZE, 0, 0, 0);
  bulk_free(im);
  return rc;
}

static int load_rows(struct import *im) {
  int rc = SQLITE_DONE;
  im->started = now_seconds();
  while (!interrupted && (rc = sqlite3_step(im->source)) == SQLITE_ROW) {
    rc = import_row(im);
    /* the fast path ended (a value it cannot fingerprint): the indexes now */
    if (rc == SQLITE_OK && im->bulk && !im->rm.fast) rc = keep_error(im, bulk_end(im));
    if (rc != SQLITE_OK) break;
    if (im->progress) show_progress(im, 0);
  }
  if (rc == SQLITE_DONE && !interrupted) {
    int brc = bulk_end(im); /* Ctrl-C while the indexes are made: interrupted below */
    if (brc != SQLITE_OK) rc = brc;
  }
  if (interrupted) {
    say_interrupted(im);
    return CLI_DB;
  }
  if (rc != SQLITE_DONE && im->progress_shown) {
    fputc('\n', stderr); /* the message starts its own line */
    im->progress_shown = 0;
  }
  if (rc == SQLITE_NOMEM) return cli_nomem();
  if (rc != SQLITE_DONE) {
    if (rc == SQLITE_ROW || rc == SQLITE_OK) rc = SQLITE_ERROR;
    keep_error(im, rc);
    return report_failure(im, rc);
  }
  if (im->progress) show_progress(im, 1);
  return CLI_OK;
}

static void finalize_all(struct import *im) {
  sqlite3_stmt *all[] = {im->source, im->xform, im->insert, im->reject,
                         im->savepoint, im->release, im->rollback_to,
                         im->run_insert, im->run_update};
  for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) sqlite3_finalize(all[i]);
  im->source = im->xform = im->insert = im->reject = 0;
  im->savepoint = im->release = im->rollback_to = 0;
  im->run_insert = im->run_update = 0;
  import_fast_close(im->fast);
  im->fast = 0;
  im->row.stmt = 0;
  im->row.cell = 0;
  reimport_finalize(&im->rm);
}

/* The run's row in import_runs, first thing in the transaction: its id
** marks this run's rejects and warnings. */
static int start_run(struct import *im) {
  int rc = sqlite3_bind_text(im->run_insert, 1, im->table, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(im->run_insert, 2, im->file, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = im->match_file ? sqlite3_bind_text(im->run_insert, 3,
                                            (const char *[]){"update", "skip", "error"}[im->rm.existing],
                                            -1, SQLITE_STATIC)
                        : sqlite3_bind_null(im->run_insert, 3);
  if (rc == SQLITE_OK) rc = run(im, im->run_insert);
  if (rc == SQLITE_OK) im->run_id = sqlite3_last_insert_rowid(im->db);
  if (rc == SQLITE_OK && im->match_file) rc = keep_error(im, reimport_set_run(&im->rm, im->run_id));
  return rc;
}

/* Last thing before the commit: the stored rows the export did not
** mention (reimport.c), and the run's counts. */
static int finish_run(struct import *im) {
  int rc = im->match_file ? keep_error(im, reimport_finish(&im->rm)) : SQLITE_OK;
  const struct reimport *m = &im->rm;
  sqlite3_int64 v[] = {im->run_id, im->read, im->loaded, im->rejected, m->new_, m->updated,
                       m->unchanged, m->skipped, m->not_in_export, m->warned};
  for (int i = 0; i < (int)(sizeof v / sizeof v[0]) && rc == SQLITE_OK; i++)
    rc = i >= 4 && !im->match_file ? sqlite3_bind_null(im->run_update, i + 1)
                                   : sqlite3_bind_int64(im->run_update, i + 1, v[i]);
  if (rc == SQLITE_OK) rc = run(im, im->run_update);
  if (rc == SQLITE_NOMEM) return cli_nomem();
  return rc == SQLITE_OK ? CLI_OK : report_failure(im, rc);
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

/* --within AREA: an area id, or the exact name of one area. */
static int resolve_within(struct import *im) {
  sqlite3_stmt *stmt = 0;
  int rc = sqlite3_prepare_v2(im->db,
                              "SELECT id, level FROM main.areas WHERE id = CAST(?1 AS INTEGER) "
                              "AND CAST(id AS TEXT) = ?1 UNION ALL "
                              "SELECT id, level FROM main.areas WHERE name = ?1 ORDER BY id LIMIT 4",
                              -1, &stmt, 0);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(stmt, 1, im->within, -1, SQLITE_STATIC);
  int n = 0;
  sqlite3_str *ids = sqlite3_str_new(im->db);
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (n == 0) im->within_id = sqlite3_column_int64(stmt, 0);
    sqlite3_str_appendf(ids, "%s%s %lld", n ? ", " : "", CLI_STR((const char *)sqlite3_column_text(stmt, 1)),
                        sqlite3_column_int64(stmt, 0));
    n++;
    rc = SQLITE_OK;
  }
  sqlite3_finalize(stmt);
  char *list = sqlite3_str_finish(ids);
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  if (rc == SQLITE_OK && !list && n > 0) rc = SQLITE_NOMEM;
  if (rc != SQLITE_OK) {
    sqlite3_free(list);
    return rc == SQLITE_NOMEM ? cli_nomem() : cli_db_error(im->db, im->path);
  }
  int status = CLI_OK;
  if (n == 0)
    status = cli_usage("import", "--within: %.*s%s has no area '%.*s%s' (give an area id or its exact name)",
                       SHOWN(im->path), SHOWN(im->within));
  else if (n > 1)
    status = cli_usage("import", "--within: '%.*s%s' names %s areas (%s%s): give the id",
                       SHOWN(im->within), n > 3 ? "more than 3" : n == 2 ? "2" : "3", list,
                       n > 3 ? ", …" : "");
  sqlite3_free(list);
  return status;
}

/* reimport.c's question: has the transform parameter PARAM a column of
** the file? */
static int has_source(void *ctx, const char *param) {
  return source_column((struct import *)ctx, param) >= 0;
}

/* Everything before the first row, outside the transaction: creating the
** temp tables changes the schema, and a schema change inside the
** transaction would make each ROLLBACK TO of a rejected row reset the
** schema and re-prepare every statement (slow, and a reprepare of the
** running scan). */
static int prepare_import(struct import *im) {
  int rc = im->workbook ? CLI_OK : check_encoding(im);
  if (rc == CLI_OK) rc = create_source(im);
  if (rc == CLI_OK) rc = load_source_columns(im);
  if (rc == CLI_OK) rc = check_map_option(im);
  if (rc == CLI_OK && im->within) rc = resolve_within(im);
  if (rc == CLI_OK && im->transform) rc = prepare_xform(im);
  if (rc == CLI_OK) rc = resolve_mapping(im);
  if (rc == CLI_OK) rc = prepare_all(im);
  /* MULING_IMPORT_SQL_ONLY=1: every row through the SQL (tests/sh/import_fast.sh) */
  if (rc == CLI_OK && im->xform && strcmp(im->transform->name, "sql/import_residents.sql") == 0 &&
      !getenv("MULING_IMPORT_SQL_ONLY"))
    rc = import_fast_open(&im->fast, im->db, im->xform, im->xform_src);
  if (rc == CLI_OK && im->match_file)
    rc = reimport_open(&im->rm, im->db, im->match_file, im->xform, &im->row, has_source, im,
                       im->rm.existing, im->within ? im->within_id : 0);
  return rc;
}

/* 1234567 as "1,234,567" into buf (32 bytes). */
static const char *with_commas(char *buf, sqlite3_int64 v) {
  char digits[24];
  int n = snprintf(digits, sizeof digits, "%lld", (long long)(v < 0 ? -v : v));
  int k = 0;
  if (v < 0) buf[k++] = '-';
  for (int i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0) buf[k++] = ',';
    buf[k++] = digits[i];
  }
  buf[k] = 0;
  return buf;
}

static void print_examples(char **ex, int n, sqlite3_int64 count) {
  printf(" (");
  for (int i = 0; i < n; i++) printf("%s%.*s%s", i ? ", " : "", SHOWN(ex[i]));
  if (count > n) printf(", …");
  printf(")");
}

/* buildings: matched 198,734 of 202,823; ambiguous 3,120 (…); not found 969 (…); … */
static void print_buildings(const struct import *im) {
  const struct building_count *b = &im->buildings;
  char a[32], c[32];
  if (im->col_building < 0 || im->loaded == 0) return;
  printf("buildings: matched %s of %s", with_commas(a, b->matched), with_commas(c, im->loaded));
  if (b->ambiguous) {
    printf("; ambiguous %s", with_commas(a, b->ambiguous));
    print_examples((char **)b->amb, b->namb, b->ambiguous);
  }
  if (b->not_found) {
    printf("; not found %s", with_commas(a, b->not_found));
    print_examples((char **)b->nf, b->nnf, b->not_found);
  }
  if (b->none) printf("; no address %s", with_commas(a, b->none));
  if (b->ambiguous) printf("; use --within or a 所属社区 column");
  printf("\n");
}

static int import_main(struct import *im) {
  int rc = find_transform(im);
  if (rc != CLI_OK) return rc;
  int nomem = 0;
  im->match_file = im->transform ? reimport_file(im->table, &nomem) : 0;
  if (nomem) return cli_nomem();
  if (im->existing_opt && !im->match_file)
    return cli_usage("import", "--existing is for a table a re-import recognises (residents), not %.*s%s",
                     SHOWN(im->table));
  int is = cli_is_muling_db(im->db);
  if (is < 0) return cli_db_error(im->db, im->path);
  if (!is) {
    cli_error("%.*s%s is not a muling database (run muling init first)", SHOWN(im->path));
    return CLI_DB;
  }
  rc = cli_require_schema(im->db, im->path);
  if (rc != CLI_OK) return rc;
  if (!cli_table_exists(im->db, im->table)) {
    if (sqlite3_errcode(im->db) == SQLITE_NOMEM) return cli_nomem();
    cli_error("%.*s%s has no table '%.*s%s'", SHOWN(im->path), SHOWN(im->table));
    return CLI_USAGE;
  }
  if (sqlite3_db_readonly(im->db, "main") == 1) {
    cli_error("%.*s%s is read-only: nothing was written", SHOWN(im->path));
    return CLI_DB;
  }
  struct stat st;
  im->file_size = stat(im->file, &st) == 0 ? (sqlite3_int64)st.st_size : 0;
  im->progress = isatty(2);
  /* A page cache of 16 MiB (SQLite's default is 2 MiB) holds the pages a
  ** large import keeps changing (the tops of the indexes) without
  ** writing them out before the commit, and bounds the import's memory:
  ** it is where nearly all of it goes, so a larger cache made the peak grow
  ** with the file (bench/import.sh: 64 MiB gave 54 MiB at 200,000 rows
  ** and 83 MiB at 1,000,000; 16 MiB gives 29 MiB at both, in the same
  ** CPU time).  temp_store=memory keeps the temp tables and any per-row
  ** savepoints' sub-journal in memory. */
  rc = cli_exec(im->db, "PRAGMA cache_size = " IMPORT_CACHE_SIZE "; PRAGMA temp_store = memory");
  if (rc == CLI_OK) rc = prepare_import(im);
  if (rc != CLI_OK) return rc;
  interrupt_db = im->db;
  interrupted = resized = 0;
#ifdef _WIN32
  /* no sigaction and no SIGWINCH: show_progress asks the width each time */
  void (*old)(int) = signal(SIGINT, on_sigint);
#else
  struct sigaction sa, old, wa, oldw;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old);
  memset(&wa, 0, sizeof(wa));
  wa.sa_handler = on_sigwinch;
  wa.sa_flags = SA_RESTART;
  sigemptyset(&wa.sa_mask);
  sigaction(SIGWINCH, &wa, &oldw);
#endif
  int src = sqlite3_exec(im->db, "BEGIN IMMEDIATE", 0, 0, 0);
  if (src == SQLITE_OK) src = start_run(im);
  if (src == SQLITE_OK) src = keep_error(im, bulk_begin(im));
  rc = src == SQLITE_OK ? load_rows(im) : (keep_error(im, src), report_failure(im, src));
  if (rc == CLI_OK && !interrupted) rc = finish_run(im);
  finalize_all(im);
  if (rc == CLI_OK && !interrupted) {
    src = sqlite3_exec(im->db, "COMMIT", 0, 0, 0);
    if (src != SQLITE_OK) rc = (keep_error(im, src), report_failure(im, src));
  }
  if ((rc != CLI_OK || interrupted) && !sqlite3_get_autocommit(im->db)) {
    sqlite3_exec(im->db, "ROLLBACK", 0, 0, 0);
    /* Ctrl-C after the last row (the run's counts, the commit) */
    if (interrupted) say_interrupted(im);
    if (rc == CLI_OK) rc = CLI_DB;
  }
#ifdef _WIN32
  signal(SIGINT, old);
#else
  sigaction(SIGINT, &old, 0);
  sigaction(SIGWINCH, &oldw, 0);
#endif
  interrupt_db = 0;
  /* The rows are committed: a failure to drop the temp tables (they go
  ** with the connection anyway) must not report the import as failed. */
  if (rc == CLI_OK) {
    sqlite3_exec(im->db, "DROP TABLE temp.muling_import", 0, 0, 0);
    sqlite3_exec(im->db, "DROP TABLE IF EXISTS temp.import_buildings", 0, 0, 0);
    sqlite3_exec(im->db, "DROP TABLE IF EXISTS temp.import_seen", 0, 0, 0);
    sqlite3_exec(im->db, "DROP TABLE IF EXISTS temp.import_candidates", 0, 0, 0);
  }
  if (rc != CLI_OK) return rc;
  printf("read %lld, loaded %lld, rejected %lld\n", (long long)im->read,
         (long long)im->loaded, (long long)im->rejected);
  if (im->match_file) reimport_print(&im->rm);
  tally_print(&im->reasons, "rejected");
  tally_print(&im->normalised, "normalised");
  print_buildings(im);
  if (im->match_file) reimport_print_warned(&im->rm);
  /* this run's rows only (import_runs); no allocation: the rows are
  ** committed, out of memory here must not say they are not */
  if (im->rejected)
    printf("see: SELECT line, reason FROM import_rejects WHERE run_id = %lld;\n", (long long)im->run_id);
  if (im->rm.warned)
    printf("see: SELECT line, kind, detail FROM import_warnings WHERE run_id = %lld;\n",
           (long long)im->run_id);
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
  sqlite3_free(im->failure);
  for (int i = 0; i < im->buildings.namb; i++) sqlite3_free(im->buildings.amb[i]);
  for (int i = 0; i < im->buildings.nnf; i++) sqlite3_free(im->buildings.nf[i]);
  tally_free(&im->reasons);
  tally_free(&im->normalised);
  bulk_free(im);
  reimport_close(&im->rm);
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
    else if ((m = cli_option("import", argc, argv, &i, "--delimiter", &v)) != 0) im->delimiter = v;
    else if ((m = cli_option("import", argc, argv, &i, "--within", &v)) != 0) im->within = v;
    else if ((m = cli_option("import", argc, argv, &i, "--sheet", &v)) != 0) im->sheet = v;
    else if ((m = cli_option("import", argc, argv, &i, "--existing", &v)) != 0) im->existing_opt = v;
    else if (cli_is_option(argv[i])) return cli_usage("import", "unknown option '%.*s%s'", SHOWN(argv[i]));
    else if (npos == 3) return cli_usage("import", "unexpected argument '%.*s%s'", SHOWN(argv[i]));
    else pos[npos++] = argv[i];
    if (m < 0) return CLI_USAGE;
  }
  if (npos < 3) return cli_usage("import", "missing %s", (const char *[]){"DB", "TABLE", "FILE"}[npos]);
  im->path = pos[0], im->table = pos[1], im->file = pos[2];
  im->workbook = is_workbook(im->file);
  if (im->workbook && (im->encoding || im->delimiter))
    return cli_usage("import", "%.*s%s is a workbook: --encoding and --delimiter are for CSV files",
                     SHOWN(im->file));
  if (!im->workbook && im->sheet)
    return cli_usage("import", "--sheet is for .xlsx and .xls workbooks, %.*s%s is not one", SHOWN(im->file));
  if (!im->encoding) im->encoding = "utf-8";
  if (!im->delimiter) im->delimiter = ",";
  /* the names csvfile accepts, read where csvfile reads them */
  if (mu_csv_encoding(im->encoding) < 0)
    return cli_usage("import", "unknown encoding '%.*s%s' (" MU_CSV_ENCODINGS ")", SHOWN(im->encoding));
  if (mu_csv_delimiter(im->delimiter) < 0)
    return cli_usage("import", "--delimiter wants " MU_CSV_DELIMITERS ", got '%.*s%s'",
                     SHOWN(im->delimiter));
  if (sqlite3_stricmp(im->table, "import_rejects") == 0)
    return cli_usage("import", "cannot import into import_rejects");
  if (im->within && !*im->within) return cli_usage("import", "--within wants an area id or name");
  if (im->existing_opt) {
    const char *modes[] = {"update", "skip", "error"};
    int k = 0;
    while (k < 3 && strcmp(im->existing_opt, modes[k]) != 0) k++;
    if (k == 3)
      return cli_usage("import", "--existing wants update, skip or error, got '%.*s%s'", SHOWN(im->existing_opt));
    im->rm.existing = k;
  }
  return CLI_OK;
}

int cmd_import(int argc, char **argv) {
  struct import im;
  memset(&im, 0, sizeof(im));
  im.col_reject = im.col_normalised = im.col_building = -1;
  int rc = parse_args(argc, argv, &im);
  if (rc != CLI_OK) return rc;
  if (access(im.file, R_OK) != 0) {
    cli_error("cannot read %.*s%s: %s", SHOWN(im.file), strerror(errno));
    return CLI_DB;
  }
  rc = cli_open(im.path, CLI_READWRITE, &im.db);
  if (rc != CLI_OK) return rc;
  rc = import_main(&im);
  free_import(&im);
  if (sqlite3_close(im.db) != SQLITE_OK && rc == CLI_OK) rc = CLI_DB;
  return rc;
}
