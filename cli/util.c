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

const char *cli_base_name(const char *path) {
  const char *slash = strrchr(path, '/');
#ifdef _WIN32
  const char *back = strrchr(path, '\\');
  if (back && (!slash || back > slash)) slash = back;
#endif
  return slash && slash[1] ? slash + 1 : path;
}

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
  /* The file may be someone else's: its views and triggers may not call a
  ** function that reads files or the clock (docs/security.md). */
  if (rc == SQLITE_OK) rc = sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)0);
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
  if ((rc & 0xff) == SQLITE_NOMEM) {
    /* SQLite may word it otherwise ("unable to open a temporary database
    ** file ...", when the memory for the temp database ran out) */
    sqlite3_free(err);
    return cli_nomem();
  }
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

/* The guard of the connection the command works on (one at a time). */
static struct guard {
  sqlite3 *db;
  char **names; /* the virtual tables declared in main */
  int n;
  char *refused; /* the first name refused, for the message */
} guard;

static void guard_clear(void) {
  for (int i = 0; i < guard.n; i++) sqlite3_free(guard.names[i]);
  sqlite3_free(guard.names);
  sqlite3_free(guard.refused);
  memset(&guard, 0, sizeof(guard));
}

/* Refuse a read of a virtual table declared in the file: a hostile
** database could declare `households` as a csvfile over /etc/passwd, and
** the command would print it.  SQLite calls the authorizer with the table
** read (and an empty column for count(*)), through views as well, and for
** the statements the extension's own table-valued functions prepare. */
static int guard_authorize(void *ctx, int op, const char *a1, const char *a2,
                           const char *schema, const char *via) {
  (void)ctx, (void)a2, (void)via;
  if (op != SQLITE_READ || !a1 || (schema && strcmp(schema, "temp") == 0)) return SQLITE_OK;
  for (int i = 0; i < guard.n; i++) {
    if (sqlite3_stricmp(guard.names[i], a1) != 0) continue;
    if (!guard.refused) guard.refused = sqlite3_mprintf("%s", a1);
    return SQLITE_DENY;
  }
  return SQLITE_OK;
}

/* 1 if sql/schema.sql declares NAME as a table or view: a virtual table
** of that name is refused before anything runs, whatever its columns. */
static int schema_declares(const char *name) {
  const struct muling_sql_file *f = cli_sql_file("sql/schema.sql");
  size_t n = strlen(name);
  for (const char *z = f ? f->text : ""; (z = strstr(z, "CREATE ")) != 0; z += 7) {
    const char *w = z + 7;
    if (strncmp(w, "TABLE ", 6) == 0) w += 6;
    else if (strncmp(w, "VIEW ", 5) == 0) w += 5;
    else continue;
    if (sqlite3_strnicmp(w, name, (int)n) == 0 && (w[n] == '(' || w[n] == ' ')) return 1;
  }
  return 0;
}

/* Install the guard (cli_begin_read); an SQLite code, or CLI_SCRIPT_STOP
** (printed) when the file declares one of muling's tables virtual. */
static int cli_guard(sqlite3 *db) {
  guard_clear();
  sqlite3_stmt *stmt = 0;
  /* sqlite_schema, not pragma_table_list: listing a table whose module is
  ** unknown must not fail. */
  int rc = sqlite3_prepare_v2(db,
                              "SELECT name FROM main.sqlite_schema WHERE type = 'table' "
                              "AND sql LIKE 'CREATE VIRTUAL TABLE%'",
                              -1, &stmt, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(stmt, 0);
    char **names = sqlite3_realloc64(guard.names, sizeof(char *) * (sqlite3_uint64)(guard.n + 1));
    char *copy = name ? sqlite3_mprintf("%s", name) : 0;
    if (!names || !copy) {
      sqlite3_free(copy);
      if (names) guard.names = names;
      rc = SQLITE_NOMEM;
      break;
    }
    guard.names = names;
    guard.names[guard.n++] = copy;
    rc = SQLITE_OK;
    if (schema_declares(copy)) {
      cli_error("%s is a virtual table in the database; muling reads only ordinary "
                "tables and views there (a virtual table could read files)", copy);
      rc = CLI_SCRIPT_STOP;
      break;
    }
  }
  int rc2 = sqlite3_finalize(stmt);
  if (rc == SQLITE_DONE) rc = rc2;
  if (rc != SQLITE_OK) { /* (the message names copy: free after printing) */
    guard_clear();
    return rc;
  }
  guard.db = db;
  return sqlite3_set_authorizer(db, guard_authorize, 0);
}

void cli_guard_end(sqlite3 *db) {
  if (guard.db == db) {
    sqlite3_set_authorizer(db, 0, 0);
    guard_clear();
  }
}

/* The message for a failed statement: the guard's refusal when it caused
** the failure, else SQLite's. */
static void statement_error(sqlite3 *db, int rc, const struct cli_script *s, int line) {
  const char *label = s->label ? s->label : "";
  const char *sep = s->label ? ", " : "";
  if (guard.db == db && guard.refused)
    cli_error("%s%s%s:%d: %s is a virtual table in the database; muling reads only "
              "ordinary tables and views there (a virtual table could read files)",
              label, sep, s->name, line, guard.refused);
  else
    cli_error("%s%s%s:%d: %s", label, sep, s->name, line,
              rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(db));
}

int cli_run_script(sqlite3 *db, const struct cli_script *s) {
  const char *z = s->text;
  while (*z) {
    sqlite3_stmt *stmt = 0;
    const char *tail = 0;
    const char *start = cli_skip_blank(z);
    int rc = sqlite3_prepare_v2(db, z, -1, &stmt, &tail);
    if (rc == SQLITE_OK && !stmt) { /* only blanks and comments left, or ';' */
      if (!tail || tail == z) break;
      z = tail;
      continue;
    }
    if (rc == SQLITE_OK && !sqlite3_get_autocommit(db) && is_transaction_control(start)) {
      /* the caller's transaction holds the whole script */
    } else if (rc == SQLITE_OK) {
      if (s->bind) rc = s->bind(s->ctx, stmt);
      if (rc == SQLITE_OK && s->each) {
        rc = s->each(s->ctx, stmt, z, start);
      } else if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        }
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
      }
      if (rc == CLI_SCRIPT_STOP) { /* the caller has said why */
        sqlite3_finalize(stmt);
        return CLI_DB;
      }
    }
    if (rc != SQLITE_OK) {
      statement_error(db, rc, s, line_of(s->text, start));
      sqlite3_finalize(stmt);
      return CLI_DB;
    }
    rc = sqlite3_finalize(stmt);
    if (rc != SQLITE_OK) {
      statement_error(db, rc, s, line_of(s->text, start));
      return CLI_DB;
    }
    if (!tail || tail == z) break;
    z = tail;
  }
  return CLI_OK;
}

int cli_exec_script(sqlite3 *db, const char *name, const char *text) {
  struct cli_script s = {name, 0, text, 0, 0, 0};
  return cli_run_script(db, &s);
}

/* Each row of a preflight statement is a reason to refuse the database. */
static int preflight_row(void *ctx, sqlite3_stmt *stmt, const char *c, const char *e) {
  (void)c, (void)e;
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    const char *why = (const char *)sqlite3_column_text(stmt, 0);
    if (!why) return SQLITE_NOMEM;
    cli_error("%s: %s", (const char *)ctx, why);
    return CLI_SCRIPT_STOP;
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int cli_read_error(sqlite3 *db, const char *path) {
  int x = sqlite3_extended_errcode(db);
  if (x == SQLITE_READONLY_ROLLBACK || x == SQLITE_READONLY_RECOVERY)
    cli_error("%s: the database needs recovery (an interrupted write left a journal "
              "beside it): open it once with write access", path);
  else if (x == SQLITE_READONLY_CANTINIT || x == SQLITE_READONLY_DIRECTORY ||
           x == SQLITE_CANTOPEN || (x & 0xff) == SQLITE_CANTOPEN)
    cli_error("%s: cannot open the files beside the database (its -journal, -wal or "
              "-shm): is its directory read-only? (%s)", path, sqlite3_errmsg(db));
  else if (x == SQLITE_NOTADB)
    cli_error("%s is not a muling database (not an SQLite file)", path);
  else
    cli_error("%s: %s", path, sqlite3_errmsg(db));
  return CLI_DB;
}

int cli_begin_read(sqlite3 *db, const char *path, int preflight) {
  /* One read transaction for everything the command reads: every section
  ** and every count come from the same snapshot, while others write. */
  /* (inside the caller's write transaction, roster --commit, it joins it) */
  int rc = sqlite3_exec(db, sqlite3_get_autocommit(db) ? "BEGIN; SELECT count(*) FROM main.sqlite_schema"
                                                       : "SELECT count(*) FROM main.sqlite_schema",
                        0, 0, 0);
  if (rc == SQLITE_OK && (rc = cli_guard(db)) == SQLITE_NOMEM) return cli_nomem();
  if (rc == CLI_SCRIPT_STOP) return CLI_DB;
  if (rc != SQLITE_OK) return cli_read_error(db, path);
  int is = cli_is_muling_db(db);
  if (is < 0) return cli_read_error(db, path);
  if (!is) {
    cli_error("%s is not a muling database (run muling init first)", path);
    return CLI_DB;
  }
  int rc2 = cli_require_schema(db, path);
  if (rc2 != CLI_OK || !preflight) return rc2;
  const struct muling_sql_file *f = cli_sql_file("sql/preflight.sql");
  if (!f) {
    cli_error("this build has no sql/preflight.sql");
    return CLI_DB;
  }
  struct cli_script s = {f->name, 0, f->text, 0, preflight_row, (void *)path};
  return cli_run_script(db, &s);
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

/* The application_id that sql/schema.sql sets ('MULG'), read from the
** embedded schema so that the number lives in one place; 0 if the schema
** sets none (then no file is recognised by its id). */
static sqlite3_int64 schema_application_id(void) {
  static const char key[] = "PRAGMA application_id";
  const struct muling_sql_file *f = cli_sql_file("sql/schema.sql");
  const char *z = f ? strstr(f->text, key) : 0;
  if (z == 0) return 0;
  z += sizeof key - 1;
  while (*z == ' ' || *z == '\t') z++;
  if (*z++ != '=') return 0;
  while (*z == ' ' || *z == '\t') z++;
  sqlite3_int64 v = 0;
  for (; *z >= '0' && *z <= '9' && v < 0x80000000LL; z++) v = v * 10 + (*z - '0');
  return v;
}

int cli_is_muling_db(sqlite3 *db) {
  sqlite3_int64 app = 0, meta = 0, want = schema_application_id();
  if (query_int(db, "PRAGMA main.application_id", &app) != SQLITE_OK) return -1;
  if (want != 0 && app == want) return 1;
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

/* East Asian Width W and F (Unicode 15, the blocks that matter here), in
** ascending order. */
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
  for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
    if (c < ranges[i][0]) return 0; /* the ranges ascend: none further holds c */
    if (c <= ranges[i][1]) return 1;
  }
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
    if (*p >= 0x20 && *p < 0x7f) { /* printable ASCII, most of a table's bytes */
      w++, p++;
      continue;
    }
    int len;
    unsigned c = decode_utf8(p, &len);
    p += len;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || is_zero_width(c)) continue;
    w += is_wide(c) ? 2 : 1;
  }
  return w;
}

int cli_prepare_named(sqlite3 *db, const char *file, const char *name, sqlite3_stmt **stmt) {
  *stmt = 0;
  const struct muling_sql_file *f = cli_sql_file(file);
  if (!f) {
    cli_error("this build has no %s", file);
    return CLI_DB;
  }
  const char *z = f->text;
  while (*z) {
    const char *start = cli_skip_blank(z);
    if (!*start) break;
    int nomem = 0;
    char *n = cli_find_comment(z, start, "statement", &nomem);
    if (nomem) return cli_nomem();
    int found = n && strcmp(n, name) == 0;
    sqlite3_free(n);
    const char *tail = 0;
    if (!found) { /* step over it: its end is where a complete statement ends */
      const char *e = start;
      for (;;) {
        e = strchr(e, ';');
        if (!e) break;
        char *piece = sqlite3_mprintf("%.*s", (int)(e - start + 1), start);
        if (!piece) return cli_nomem();
        int complete = sqlite3_complete(piece);
        sqlite3_free(piece);
        e++;
        if (complete) break;
      }
      if (!e) break;
      z = e;
      continue;
    }
    int rc = sqlite3_prepare_v2(db, start, -1, stmt, &tail);
    if (rc != SQLITE_OK) {
      if (rc == SQLITE_NOMEM) return cli_nomem();
      cli_error("%s:%d: %s", file, line_of(f->text, start), sqlite3_errmsg(db));
      return CLI_DB;
    }
    return CLI_OK;
  }
  cli_error("%s has no statement '%s'", file, name);
  return CLI_DB;
}
