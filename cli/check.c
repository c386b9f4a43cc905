/*
** check.c — muling check DB [--as-of DATE] [--area AREA]
**
** Runs the embedded sql/checks.sql on DB (read-only, in one read
** transaction, virtual tables of the file refused: cli_begin_read).  Each statement
** there follows a line
**   -- finding: KEY description
** and returns one row per offending record; the command prints the KEY,
** the description, the number of rows and up to five of them:
**
**   invalid_id_number  身份证号码无效 Invalid ID numbers: 3
**     resident_id=17 id_number=6***************97
**
** Exit status 1 when any check finds something, 0 when none does.
**
** The findings whose KEY starts with due_ are the lines of the due report
** (sql/reports/due.sql): with --as-of, the report's statements that return
** nothing (they build temp.due_lines for :as_of and :area) run first and
** the due_ findings are shown; without it they are skipped, so a plain
** check stays about the data's quality.
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

struct checks {
  sqlite3 *db;
  int due; /* 1: --as-of given, run the due_ findings */
  int nchecks, nfound;
  sqlite3_int64 total;
};

/* The runner's EACH: a statement with columns is a check, after its
** "-- finding:" line; the others (setup) just run. */
static int each_check(void *ctx, sqlite3_stmt *stmt, const char *comments, const char *end) {
  struct checks *c = ctx;
  if (sqlite3_column_count(stmt) == 0) {
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
  }
  int nomem = 0;
  char *finding = cli_find_comment(comments, end, "finding", &nomem);
  if (nomem) return SQLITE_NOMEM;
  if (!c->due && finding && strncmp(finding, "due_", 4) == 0) {
    sqlite3_free(finding); /* a due_ finding without --as-of: not run */
    return SQLITE_OK;
  }
  sqlite3_int64 n = 0;
  int rc = run_check(c->db, stmt, finding ? finding : "(unnamed check)", &n);
  sqlite3_free(finding);
  c->total += n;
  c->nfound += n > 0;
  c->nchecks++;
  return rc;
}

/* The due report's parameters, for build_due. */
struct due_args {
  const char *as_of, *area;
};

static int bind_due(void *ctx, sqlite3_stmt *stmt) {
  const struct due_args *a = ctx;
  int rc = SQLITE_OK, i = sqlite3_bind_parameter_index(stmt, ":as_of");
  if (i > 0 && a->as_of) rc = sqlite3_bind_text(stmt, i, a->as_of, -1, SQLITE_STATIC);
  i = sqlite3_bind_parameter_index(stmt, ":area");
  if (rc == SQLITE_OK && i > 0 && a->area) rc = sqlite3_bind_text(stmt, i, a->area, -1, SQLITE_STATIC);
  return rc;
}

/* Only the statements that return nothing: the sections are not wanted. */
static int each_due(void *ctx, sqlite3_stmt *stmt, const char *comments, const char *end) {
  if (sqlite3_column_count(stmt) > 0) return SQLITE_OK;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Build temp.due_lines as the due report does for :as_of and :area. */
static int build_due(sqlite3 *db, const char *as_of, const char *area) {
  const struct muling_sql_file *f = cli_sql_file("sql/reports/due.sql");
  if (!f) {
    cli_error("this build has no sql/reports/due.sql");
    return CLI_DB;
  }
  struct due_args a = {as_of, area};
  struct cli_script s = {f->name, 0, f->text, bind_due, each_due, &a};
  return cli_run_script(db, &s);
}

static int run_checks(sqlite3 *db, const struct muling_sql_file *f, int due, int *nfound) {
  struct checks c = {db, due, 0, 0, 0};
  struct cli_script s = {f->name, 0, f->text, 0, each_check, &c};
  int rc = cli_run_script(db, &s);
  *nfound = c.nfound;
  if (rc != CLI_OK) return rc;
  printf("\n%d of %d checks found something (%lld rows)\n", c.nfound, c.nchecks,
         (long long)c.total);
  return CLI_OK;
}

int cmd_check(int argc, char **argv) {
  const char *path = 0, *as_of = 0, *area = 0;
  for (int i = 2; i < argc; i++) {
    int m = cli_option("check", argc, argv, &i, "--as-of", &as_of);
    if (m == 0) m = cli_option("check", argc, argv, &i, "--area", &area);
    if (m < 0) return CLI_USAGE;
    if (m > 0) continue;
    if (cli_is_option(argv[i])) return cli_usage("check", "unknown option '%s'", argv[i]);
    if (path) return cli_usage("check", "unexpected argument '%s'", argv[i]);
    path = argv[i];
  }
  if (!path) return cli_usage("check", "missing DB");
  if (area && !as_of) return cli_usage("check", "--area goes with --as-of (it narrows the due_ findings)");
  const struct muling_sql_file *f = cli_sql_file("sql/checks.sql");
  if (!f) {
    cli_error("this build has no sql/checks.sql");
    return CLI_DB;
  }
  sqlite3 *db = 0;
  int rc = cli_open(path, CLI_READONLY, &db);
  if (rc != CLI_OK) return rc;
  /* one snapshot, no virtual table of the file read, no cycle walked */
  rc = cli_begin_read(db, path, 0);
  /* Without --as-of the due_ findings are skipped, but they still prepare:
  ** an empty temp.due_lines of the same columns stands in. */
  if (rc == CLI_OK)
    rc = as_of ? build_due(db, as_of, area)
               : cli_exec(db, "CREATE TEMP TABLE due_lines(kind, what, who, ref, since, due_on, overdue_days, ord)");
  int nfound = 0;
  if (rc == CLI_OK) rc = run_checks(db, f, as_of != 0, &nfound);
  if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  cli_guard_end(db);
  if (sqlite3_close(db) != SQLITE_OK && rc == CLI_OK) rc = CLI_DB;
  return rc == CLI_OK && nfound > 0 ? CLI_FOUND : rc;
}
