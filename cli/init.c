/*
** init.c — muling init DB [--sample NAME]
**
** Creates the schema (sql/schema.sql, compiled in) and, with --sample,
** runs the sample's files (every samples/NAME/…sql file) in lexical order, all in one
** transaction.  A file that is neither empty nor a muling database is
** refused untouched; on a muling database the schema is not created again,
** but a file of an older schema version (muling_meta) is upgraded with
** the steps of sql/upgrade.sql past its version, and one newer than this
** build is refused.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* 1 if main holds no schema objects and no application_id: a fresh file. */
static int db_is_empty(sqlite3 *db, int *empty) {
  sqlite3_stmt *stmt = 0;
  int rc = sqlite3_prepare_v2(db,
                              "SELECT (SELECT count(*) FROM main.sqlite_schema),"
                              " (SELECT application_id FROM pragma_application_id)",
                              -1, &stmt, 0);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    *empty = sqlite3_column_int64(stmt, 0) == 0 && sqlite3_column_int64(stmt, 1) == 0;
    rc = SQLITE_OK;
  }
  int rc2 = sqlite3_finalize(stmt);
  return rc == SQLITE_OK ? rc2 : rc;
}

/* Compare embedded files by name, for lexical order. */
static int by_name(const void *a, const void *b) {
  const struct muling_sql_file *const *x = a, *const *y = b;
  return strcmp((*x)->name, (*y)->name);
}

/* The sample's files, sorted; *n gets their number (0: no such sample). */
static const struct muling_sql_file **sample_files(const char *sample, int *n) {
  char *prefix = sqlite3_mprintf("samples/%s/", sample);
  if (!prefix) return 0;
  size_t len = strlen(prefix);
  int count = 0;
  for (const struct muling_sql_file *f = muling_sql_files; f->name; f++) count++;
  const struct muling_sql_file **list =
      sqlite3_malloc64(sizeof(*list) * (sqlite3_uint64)(count + 1));
  *n = 0;
  if (list) {
    for (const struct muling_sql_file *f = muling_sql_files; f->name; f++)
      if (strncmp(f->name, prefix, len) == 0 && !strchr(f->name + len, '/'))
        list[(*n)++] = f;
    qsort(list, (size_t)*n, sizeof(*list), by_name);
  }
  sqlite3_free(prefix);
  return list;
}

/* Names of the samples compiled in, for the error message. */
static char *sample_names(void) {
  sqlite3_str *s = sqlite3_str_new(0);
  const char *last = 0;
  size_t lastn = 0;
  for (const struct muling_sql_file *f = muling_sql_files; f->name; f++) {
    if (strncmp(f->name, "samples/", 8) != 0) continue;
    const char *name = f->name + 8, *slash = strchr(name, '/');
    if (!slash) continue;
    size_t n = (size_t)(slash - name);
    if (last && n == lastn && strncmp(last, name, n) == 0) continue;
    sqlite3_str_appendf(s, "%s%.*s", last ? ", " : "", (int)n, name);
    last = name;
    lastn = n;
  }
  if (!last) sqlite3_str_appendall(s, "none");
  return sqlite3_str_finish(s);
}

static int load_sample(sqlite3 *db, const char *sample) {
  int n = 0;
  const struct muling_sql_file **files = sample_files(sample, &n);
  if (!files) return cli_nomem();
  int rc = CLI_OK;
  if (n == 0) {
    char *names = sample_names();
    cli_error("no sample '%s' (compiled in: %s)", sample, names ? names : "?");
    sqlite3_free(names);
    rc = CLI_USAGE;
  }
  for (int i = 0; i < n && rc == CLI_OK; i++)
    rc = cli_exec_script(db, files[i]->name, files[i]->text);
  sqlite3_free(files);
  return rc;
}

/* Refuse a file that exists, is not empty and is not a muling database. */
static int check_target(sqlite3 *db, const char *path, int *is_muling) {
  int empty = 0;
  *is_muling = 0;
  int rc = db_is_empty(db, &empty);
  if (rc == SQLITE_NOTADB) {
    cli_error("%s is not a SQLite database: refusing to touch it", path);
    return CLI_DB;
  }
  if (rc != SQLITE_OK) return cli_db_error(db, path);
  if (empty) return CLI_OK;
  int is = cli_is_muling_db(db);
  if (is < 0) return cli_db_error(db, path);
  if (is) {
    *is_muling = 1;
    return CLI_OK;
  }
  cli_error("%s is a database but not a muling one: refusing to touch it", path);
  return CLI_DB;
}

/* sql/upgrade.sql from the step after VERSION to its end: each step
** starts with a line "-- to version N". */
static int run_upgrade(sqlite3 *db, const struct muling_sql_file *up, int version) {
  char mark[40];
  snprintf(mark, sizeof mark, "\n-- to version %d\n", version + 1);
  const char *from = strstr(up->text, mark);
  if (!from) {
    cli_error("%s has no step from schema version %d", up->name, version);
    return CLI_DB;
  }
  return cli_exec_script(db, up->name, from + 1);
}

static int run_init(sqlite3 *db, const char *path, const char *sample) {
  int is_muling = 0;
  int rc = check_target(db, path, &is_muling);
  if (rc != CLI_OK) return rc;
  int version = is_muling ? cli_schema_version(db) : 0;
  if (version < 0) return cli_db_error(db, path);
  if (version > CLI_SCHEMA_VERSION) {
    cli_error("%s has schema version %d, newer than this muling's %d: refusing to touch it", path,
              version, CLI_SCHEMA_VERSION);
    return CLI_DB;
  }
  int upgrade = is_muling && version >= 1 && version < CLI_SCHEMA_VERSION;
  if (is_muling && !sample && !upgrade) {
    printf("%s is already a muling database: nothing to do\n", path);
    return CLI_OK;
  }
  if (cli_exec(db, "BEGIN IMMEDIATE") != CLI_OK) return CLI_DB;
  if (upgrade) {
    const struct muling_sql_file *up = cli_sql_file("sql/upgrade.sql");
    if (!up) {
      cli_error("this build has no sql/upgrade.sql");
      rc = CLI_DB;
    } else {
      rc = run_upgrade(db, up, version);
    }
  }
  if (!is_muling) {
    const struct muling_sql_file *schema = cli_sql_file("sql/schema.sql");
    if (!schema) {
      cli_error("this build has no sql/schema.sql");
      rc = CLI_DB;
    } else {
      rc = cli_exec_script(db, schema->name, schema->text);
    }
  }
  if (rc == CLI_OK && sample) rc = load_sample(db, sample);
  if (rc == CLI_OK) rc = cli_exec(db, "COMMIT");
  if (rc != CLI_OK) {
    if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
    return rc;
  }
  if (upgrade)
    printf("%s: schema upgraded from version %d to %d%s%s\n", path, version, CLI_SCHEMA_VERSION,
           sample ? ", sample loaded: " : "", sample ? sample : "");
  else
    printf("%s: %s%s%s\n", path, is_muling ? "schema kept" : "schema created",
           sample ? ", sample loaded: " : "", sample ? sample : "");
  return CLI_OK;
}

int cmd_init(int argc, char **argv) {
  const char *path = 0, *sample = 0;
  for (int i = 2; i < argc; i++) {
    int m = cli_option("init", argc, argv, &i, "--sample", &sample);
    if (m < 0) return CLI_USAGE;
    if (m > 0) continue;
    if (cli_is_option(argv[i])) return cli_usage("init", "unknown option '%s'", argv[i]);
    if (path) return cli_usage("init", "unexpected argument '%s'", argv[i]);
    path = argv[i];
  }
  if (!path) return cli_usage("init", "missing DB");
  if (sample) {
    int n = 0;
    const struct muling_sql_file **files = sample_files(sample, &n);
    if (!files) return cli_nomem();
    sqlite3_free(files);
    if (n == 0) {
      char *names = sample_names();
      cli_usage("init", "no sample '%s' (compiled in: %s)", sample, names ? names : "?");
      sqlite3_free(names);
      return CLI_USAGE;
    }
  }
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    cli_error("%s is not a regular file", path);
    return CLI_DB;
  }
  sqlite3 *db = 0;
  int rc = cli_open(path, CLI_CREATE, &db);
  if (rc != CLI_OK) return rc;
  rc = run_init(db, path, sample);
  if (sqlite3_close(db) != SQLITE_OK && rc == CLI_OK) rc = CLI_DB;
  return rc;
}
