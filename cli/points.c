/*
** points.c — muling points sync DB [--scheme S] [--through DATE]
**
** Runs the embedded sql/points_sync.sql on DB in one transaction: the
** score_events that the records earn (served duties, volunteer hours,
** meeting and activity attendance, 双报到 service: score_rule_sources),
** each with a reference to its source row.  Append-only: a source row that
** changed or disappeared is answered by a reversing event; a second run
** adds nothing.  Prints
**   points sync: added A, reversed R (through DATE)
** --scheme names one scheme (id or name; default every scheme), --through
** the last day synced (default today).
*/
#include <string.h>

#include "cli.h"
#include "common.h" /* mu_date_parse */

struct sync {
  const char *scheme, *through;
  sqlite3_int64 added, reversed;
  char through_used[11];
};

static int bind_sync(void *ctx, sqlite3_stmt *stmt) {
  const struct sync *s = ctx;
  int rc = SQLITE_OK, i = sqlite3_bind_parameter_index(stmt, ":scheme");
  if (i > 0 && s->scheme) rc = sqlite3_bind_text(stmt, i, s->scheme, -1, SQLITE_STATIC);
  i = sqlite3_bind_parameter_index(stmt, ":through");
  if (rc == SQLITE_OK && i > 0 && s->through) rc = sqlite3_bind_text(stmt, i, s->through, -1, SQLITE_STATIC);
  return rc;
}

/* The last statement's row says what was done. */
static int each_sync(void *ctx, sqlite3_stmt *stmt, const char *comments, const char *end) {
  struct sync *s = ctx;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (sqlite3_column_count(stmt) < 3) continue;
    s->added = sqlite3_column_int64(stmt, 0);
    s->reversed = sqlite3_column_int64(stmt, 1);
    const char *t = (const char *)sqlite3_column_text(stmt, 2);
    if (!t && sqlite3_column_type(stmt, 2) != SQLITE_NULL) return SQLITE_NOMEM;
    sqlite3_snprintf((int)sizeof s->through_used, s->through_used, "%s", CLI_STR(t));
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int sync_main(sqlite3 *db, const char *path, struct sync *s) {
  int is = cli_is_muling_db(db);
  if (is < 0) return cli_db_error(db, path);
  if (!is) {
    cli_error("%s is not a muling database (run muling init first)", path);
    return CLI_DB;
  }
  int rc = cli_require_schema(db, path);
  if (rc != CLI_OK) return rc;
  const struct muling_sql_file *f = cli_sql_file("sql/points_sync.sql");
  if (!f) {
    cli_error("this build has no sql/points_sync.sql");
    return CLI_DB;
  }
  rc = cli_exec(db, "BEGIN IMMEDIATE");
  struct cli_script script = {f->name, "points sync", f->text, bind_sync, each_sync, s};
  if (rc == CLI_OK) rc = cli_run_script(db, &script);
  if (rc == CLI_OK) rc = cli_exec(db, "COMMIT");
  if (rc != CLI_OK && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  if (rc == CLI_OK)
    printf("points sync: added %lld, reversed %lld (through %s)\n", (long long)s->added,
           (long long)s->reversed, s->through_used);
  return rc;
}

int cmd_points(int argc, char **argv) {
  if (argc < 3) return cli_usage("points", "missing the subcommand (sync)");
  if (strcmp(argv[2], "sync") != 0) return cli_usage("points", "unknown subcommand '%s' (sync)", argv[2]);
  struct sync s;
  memset(&s, 0, sizeof(s));
  const char *path = 0;
  for (int i = 3; i < argc; i++) {
    int m = cli_option("points", argc, argv, &i, "--scheme", &s.scheme);
    if (m == 0) m = cli_option("points", argc, argv, &i, "--through", &s.through);
    if (m < 0) return CLI_USAGE;
    if (m > 0) continue;
    if (cli_is_option(argv[i])) return cli_usage("points", "unknown option '%s'", argv[i]);
    if (path) return cli_usage("points", "unexpected argument '%s'", argv[i]);
    path = argv[i];
  }
  if (!path) return cli_usage("points", "missing DB");
  int days;
  if (s.through && mu_date_parse(s.through, (int)strlen(s.through), &days))
    return cli_usage("points", "--through must be a date YYYY-MM-DD, got '%s'", s.through);
  sqlite3 *db = 0;
  int rc = cli_open(path, CLI_READWRITE, &db);
  if (rc != CLI_OK) return rc;
  rc = sync_main(db, path, &s);
  if (sqlite3_close(db) != SQLITE_OK && rc == CLI_OK) rc = CLI_DB;
  return rc;
}
