/*
** check.c — muling check DB
**
** Runs the embedded sql/checks.sql on DB (read-only).  Each statement
** there follows a line
**   -- finding: KEY description
** and returns one row per offending record; the command prints the KEY,
** the description, the number of rows and up to five of them:
**
**   invalid_id_number  身份证号码无效 Invalid ID numbers: 3
**     resident_id=17 id_number=6***************97
**
** Exit status 1 when any check finds something, 0 when none does.
*/
#include <string.h>

#include "cli.h"

#define EXAMPLES 5

static void print_example(sqlite3_stmt *stmt) {
  int n = sqlite3_column_count(stmt);
  printf("   ");
  for (int i = 0; i < n; i++) {
    const char *v = (const char *)sqlite3_column_text(stmt, i);
    printf(" %s=%s", CLI_STR(sqlite3_column_name(stmt, i)), v ? v : "NULL");
  }
  printf("\n");
}

/* Run one check; *found gets its number of rows. */
static int run_check(sqlite3 *db, sqlite3_stmt *stmt, const char *finding,
                     sqlite3_int64 *found) {
  int rc;
  sqlite3_int64 n = 0;
  /* Examples come after the heading, which needs the count: the rows are
  ** stepped twice (reset in between), once to count and once to show. */
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) n++;
  if (rc != SQLITE_DONE) return rc;
  *found = n;
  if (n == 0) {
    printf("ok    %s: 0\n", finding);
    return SQLITE_OK;
  }
  printf("FOUND %s: %lld\n", finding, (long long)n);
  rc = sqlite3_reset(stmt);
  for (int i = 0; rc == SQLITE_OK && i < EXAMPLES; i++) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) print_example(stmt), rc = SQLITE_OK;
    else if (rc == SQLITE_DONE) break;
  }
  if (rc == SQLITE_OK && n > EXAMPLES) printf("    … and %lld more\n", (long long)(n - EXAMPLES));
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int line_at(const char *text, const char *p) {
  int line = 1;
  for (; text < p; text++) line += *text == '\n';
  return line;
}

static int run_checks(sqlite3 *db, const struct muling_sql_file *f, int *nfound) {
  const char *z = f->text;
  sqlite3_int64 total = 0;
  int nchecks = 0;
  while (*z) {
    const char *start = cli_skip_blank(z), *tail = 0;
    sqlite3_stmt *stmt = 0;
    int nomem = 0;
    int rc = sqlite3_prepare_v2(db, z, -1, &stmt, &tail);
    if (rc == SQLITE_OK && !stmt) break;
    char *finding = rc == SQLITE_OK ? cli_find_comment(z, start, "finding", &nomem) : 0;
    if (nomem) rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK && sqlite3_column_count(stmt) > 0) {
      sqlite3_int64 n = 0;
      rc = run_check(db, stmt, finding ? finding : "(unnamed check)", &n);
      total += n;
      *nfound += n > 0;
      nchecks++;
    } else if (rc == SQLITE_OK) {
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    sqlite3_free(finding);
    if (rc != SQLITE_OK) {
      cli_error("%s:%d: %s", f->name, line_at(f->text, start),
                rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(db));
      sqlite3_finalize(stmt);
      return CLI_DB;
    }
    if (sqlite3_finalize(stmt) != SQLITE_OK) return cli_db_error(db, f->name);
    z = tail;
  }
  printf("\n%d of %d checks found something (%lld rows)\n", *nfound, nchecks,
         (long long)total);
  return CLI_OK;
}

int cmd_check(int argc, char **argv) {
  const char *path = 0;
  for (int i = 2; i < argc; i++) {
    if (cli_is_option(argv[i])) return cli_usage("check", "unknown option '%s'", argv[i]);
    if (path) return cli_usage("check", "unexpected argument '%s'", argv[i]);
    path = argv[i];
  }
  if (!path) return cli_usage("check", "missing DB");
  const struct muling_sql_file *f = cli_sql_file("sql/checks.sql");
  if (!f) {
    cli_error("this build has no sql/checks.sql");
    return CLI_DB;
  }
  sqlite3 *db = 0;
  int rc = cli_open(path, CLI_READONLY, &db);
  if (rc != CLI_OK) return rc;
  int is = cli_is_muling_db(db);
  if (is < 0) {
    rc = cli_db_error(db, path);
  } else if (!is) {
    cli_error("%s is not a muling database (run muling init first)", path);
    rc = CLI_DB;
  }
  if (rc == CLI_OK) rc = cli_require_schema(db, path);
  int nfound = 0;
  if (rc == CLI_OK) rc = run_checks(db, f, &nfound);
  if (sqlite3_close(db) != SQLITE_OK && rc == CLI_OK) rc = CLI_DB;
  return rc == CLI_OK && nfound > 0 ? CLI_FOUND : rc;
}
