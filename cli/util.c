/*
** util.c — messages, option parsing and database helpers shared by the
** commands of `muling`.
*/
#include "cli.h"

#include <string.h>

const struct muling_sql_file *cli_sql_file(const char *name) {
  for (const struct muling_sql_file *f = muling_sql_files; f->name; f++)
    if (strcmp(f->name, name) == 0) return f;
  return 0;
}

/* ---- messages ----------------------------------------------------------- */

static void vmessage(const char *fmt, va_list ap) {
  char *z = sqlite3_vmprintf(fmt, ap);
  fprintf(stderr, "muling: %s\n", z ? z : "out of memory");
  sqlite3_free(z);
}

void cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage(fmt, ap);
  va_end(ap);
}

/* The synopses are main.c's, with the commands they describe; main hands
** their printer over before it runs a command, so util.c calls nothing
** above it. */
static void (*usage_printer)(FILE *f, const char *command);

void cli_set_usage_printer(void (*print)(FILE *f, const char *command)) {
  usage_printer = print;
}

int cli_usage(const char *command, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage(fmt, ap);
  va_end(ap);
  if (usage_printer) usage_printer(stderr, command);
  return CLI_USAGE;
}

int cli_db_error(sqlite3 *db, const char *what) {
  cli_error("%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
  return CLI_DB;
}

int cli_nomem(void) {
  cli_error("out of memory");
  return CLI_DB;
}

/* ---- options ------------------------------------------------------------ */

int cli_is_option(const char *arg) {
  return arg[0] == '-' && arg[1] != 0;
}

int cli_option(const char *command, int argc, char **argv, int *i,
               const char *name, const char **value) {
  const char *arg = argv[*i];
  size_t n = strlen(name);
  if (strncmp(arg, name, n) != 0) return 0;
  if (arg[n] == '=') {
    *value = arg + n + 1;
    return 1;
  }
  if (arg[n] != 0) return 0;
  if (*i + 1 >= argc) {
    cli_usage(command, "option %s needs a value", name);
    return -1;
  }
  *i += 1;
  *value = argv[*i];
  return 1;
}

/* ---- the database ------------------------------------------------------- */

int cli_open(const char *path, int mode, sqlite3 **pdb) {
  int flags = mode == CLI_READONLY ? SQLITE_OPEN_READONLY
            : mode == CLI_CREATE   ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                   : SQLITE_OPEN_READWRITE;
  sqlite3 *db = 0;
  int rc = sqlite3_open_v2(path, &db, flags, 0);
  if (rc != SQLITE_OK) {
    cli_error("cannot open %s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return CLI_DB;
  }
  sqlite3_extended_result_codes(db, 1);
  rc = sqlite3_busy_timeout(db, 5000);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, "PRAGMA foreign_keys = ON", 0, 0, 0);
  if (rc != SQLITE_OK) {
    cli_error("%s: %s", path, sqlite3_errmsg(db));
    sqlite3_close(db);
    return CLI_DB;
  }
  *pdb = db;
  return CLI_OK;
}

int cli_exec(sqlite3 *db, const char *sql) {
  char *err = 0;
  int rc = sqlite3_exec(db, sql, 0, 0, &err);
  if (rc == SQLITE_OK) return CLI_OK;
  cli_error("%s", err ? err : sqlite3_errstr(rc));
  sqlite3_free(err);
  return CLI_DB;
}

/* The 1-based line of position p in text. */
static int line_of(const char *text, const char *p) {
  int line = 1;
  for (const char *q = text; q < p; q++)
    if (*q == '\n') line++;
  return line;
}

/* The first byte of the statement that starts at or after z: blanks and
** comments skipped, so a message names the statement's own line. */
const char *cli_skip_blank(const char *z) {
  for (;;) {
    while (*z == ' ' || *z == '\t' || *z == '\n' || *z == '\r') z++;
    if (z[0] == '-' && z[1] == '-') {
      while (*z && *z != '\n') z++;
    } else if (z[0] == '/' && z[1] == '*') {
      const char *e = strstr(z + 2, "*/");
      z = e ? e + 2 : z + strlen(z);
    } else {
      return z;
    }
  }
}

/* 1 if the statement at z begins or ends a transaction (BEGIN, COMMIT,
** END): a script run inside the caller's transaction skips those. */
static int is_transaction_control(const char *z) {
  static const char *const words[] = {"BEGIN", "COMMIT", "END"};
  for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
    int n = (int)strlen(words[i]);
    if (sqlite3_strnicmp(z, words[i], n) == 0 &&
        !(z[n] == '_' || (z[n] >= 'a' && z[n] <= 'z') || (z[n] >= 'A' && z[n] <= 'Z')))
      return 1;
  }
  return 0;
}

int cli_exec_script(sqlite3 *db, const char *name, const char *text) {
  const char *z = text;
  while (*z) {
    sqlite3_stmt *stmt = 0;
    const char *tail = 0;
    const char *start = cli_skip_blank(z);
    int rc = sqlite3_prepare_v2(db, z, -1, &stmt, &tail);
    if (rc == SQLITE_OK && stmt && !sqlite3_get_autocommit(db) && is_transaction_control(start)) {
      /* the caller's transaction holds the whole script */
    } else if (rc == SQLITE_OK && stmt) {
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) {
      cli_error("%s:%d: %s", name, line_of(text, start), sqlite3_errmsg(db));
      sqlite3_finalize(stmt);
      return CLI_DB;
    }
    rc = sqlite3_finalize(stmt);
    if (rc != SQLITE_OK) return cli_db_error(db, name);
    if (!tail || tail == z) break;
    z = tail;
  }
  return CLI_OK;
}

/* One integer from a query with no parameters; *out unchanged on no row. */
static int query_int(sqlite3 *db, const char *sql, sqlite3_int64 *out) {
  sqlite3_stmt *stmt = 0;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, 0);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) *out = sqlite3_column_int64(stmt, 0);
  int rc2 = sqlite3_finalize(stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? rc2 : rc;
}

int cli_is_muling_db(sqlite3 *db) {
  sqlite3_int64 app = 0, meta = 0;
  if (query_int(db, "PRAGMA main.application_id", &app) != SQLITE_OK) return -1;
  if (app == 1297435719) return 1; /* 'MULG' */
  if (query_int(db,
                "SELECT count(*) FROM main.sqlite_schema "
                "WHERE type = 'table' AND name = 'muling_meta'",
                &meta) != SQLITE_OK)
    return -1;
  return meta > 0;
}

int cli_schema_version(sqlite3 *db) {
  sqlite3_int64 meta = 0, v = 0;
  if (query_int(db,
                "SELECT count(*) FROM main.sqlite_schema "
                "WHERE type = 'table' AND name = 'muling_meta'",
                &meta) != SQLITE_OK)
    return -1;
  if (!meta) return 0;
  if (query_int(db,
                "SELECT CAST(value AS INTEGER) FROM main.muling_meta"
                " WHERE key = 'schema_version'",
                &v) != SQLITE_OK)
    return -1;
  return (int)v;
}

int cli_require_schema(sqlite3 *db, const char *path) {
  int v = cli_schema_version(db);
  if (v < 0) return cli_db_error(db, path);
  if (v > 0 && v < CLI_SCHEMA_VERSION) {
    cli_error("%s has schema version %d, older than this muling's %d: run `muling init %s` to upgrade it",
              path, v, CLI_SCHEMA_VERSION, path);
    return CLI_DB;
  }
  return CLI_OK;
}

int cli_table_exists(sqlite3 *db, const char *table) {
  sqlite3_stmt *stmt = 0;
  int rc = sqlite3_prepare_v2(db,
                              "SELECT 1 FROM main.sqlite_schema WHERE type IN "
                              "('table','view') AND name = ?1 COLLATE NOCASE",
                              -1, &stmt, 0);
  if (rc != SQLITE_OK) return 0;
  int found = 0;
  if (sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC) == SQLITE_OK)
    found = sqlite3_step(stmt) == SQLITE_ROW;
  sqlite3_finalize(stmt);
  return found;
}

/* ---- comment lines ------------------------------------------------------ */

/* If the line at p is "-- KEY: value", a sqlite3_malloc'd copy of the
** value (trimmed); else NULL.  *nomem is set on allocation failure. */
static char *comment_value(const char *p, const char *end, const char *key, int *nomem) {
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  if (end - p < 2 || p[0] != '-' || p[1] != '-') return 0;
  p += 2;
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  size_t n = strlen(key);
  if ((size_t)(end - p) <= n || strncmp(p, key, n) != 0 || p[n] != ':') return 0;
  p += n + 1;
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  const char *e = end;
  while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
  char *v = sqlite3_mprintf("%.*s", (int)(e - p), p);
  if (!v) *nomem = 1;
  return v;
}

/* The value of the last "-- KEY:" line in [z, end), or NULL. */
char *cli_find_comment(const char *z, const char *end, const char *key, int *nomem) {
  char *found = 0;
  while (z < end) {
    const char *nl = memchr(z, '\n', (size_t)(end - z));
    const char *eol = nl ? nl : end;
    char *v = comment_value(z, eol, key, nomem);
    if (v) {
      sqlite3_free(found);
      found = v;
    }
    z = nl ? nl + 1 : end;
  }
  return found;
}

/* ---- display width ------------------------------------------------------ */

/* Decode one UTF-8 character at z (n > 0 bytes left); *len gets its
** length.  Malformed bytes decode as themselves, one byte each. */
static unsigned decode_utf8(const unsigned char *z, int *len) {
  unsigned c = z[0];
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  for (int i = 1; i < n; i++) {
    if ((z[i] & 0xC0) != 0x80) {
      *len = 1;
      return c;
    }
  }
  *len = n;
  if (n == 1) return c;
  unsigned v = c & (0x7F >> n);
  for (int i = 1; i < n; i++) v = (v << 6) | (z[i] & 0x3F);
  return v;
}

/* East Asian Width W and F (Unicode 15, the blocks that matter here). */
static int is_wide(unsigned c) {
  static const unsigned ranges[][2] = {
      {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},
      {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
      {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},
      {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
      {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
      {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD},
      {0x30000, 0x3FFFD},
  };
  for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
    if (c >= ranges[i][0] && c <= ranges[i][1]) return 1;
  return 0;
}

static int is_zero_width(unsigned c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
}

int cli_display_width(const char *z) {
  int w = 0;
  const unsigned char *p = (const unsigned char *)z;
  while (p && *p) {
    int len;
    unsigned c = decode_utf8(p, &len);
    p += len;
    if (c < 0x20 || is_zero_width(c)) continue;
    w += is_wide(c) ? 2 : 1;
  }
  return w;
}
