/*
** cli.h — what the parts of the `muling` command share.
**
**   muling init DB [--sample NAME]
**   muling import DB TABLE FILE [--encoding E] [--map a=b,…] [--delimiter C] [--within AREA]
**                 [--existing update|skip|error]
**   muling report DB NAME [--format F] [-o FILE] [--param k=v]… [--unmasked]
**   muling check DB
**   muling roster DB POST FROM TO [--commit]
**   muling shell [DB]
**   muling help [COMMAND] · muling --version
**
** The command holds no domain logic: the SQL it runs is embedded from sql/
** (build/sqlfiles.c, written by cli/embed.sh) and the computation is the
** extension's, compiled in with -DSQLITE_CORE.
*/
#ifndef MULING_CLI_H
#define MULING_CLI_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#ifdef _WIN32
#define MULING_WIN32_POSIX
#include "win32.h" /* ext/win32.h: UTF-8 names, no fork, exec or ioctl */
#endif

/* Exit statuses, as the manual promises. */
#define CLI_OK 0
#define CLI_FOUND 1 /* findings, or rejected rows */
#define CLI_USAGE 2
#define CLI_DB 3 /* database or I/O error */

/* build/sqlfiles.c: every embedded .sql file, ending with a NULL name. */
struct muling_sql_file {
  const char *name;
  const char *text;
  unsigned long size;
};
extern const struct muling_sql_file muling_sql_files[];
/* The embedded file called NAME ("sql/schema.sql"), or NULL. */
const struct muling_sql_file *cli_sql_file(const char *name);

/* The extension's entry point, compiled into the command. */
int sqlite3_muling_init(sqlite3 *db, char **pzErrMsg,
                        const sqlite3_api_routines *pApi);

/* ---- messages (util.c) ---------------------------------------------- */
/* "muling: …" on stderr.  Formats are sqlite3 printf formats. */
void cli_error(const char *fmt, ...);
/* A usage error for COMMAND (NULL: the command itself): the message, then
** the command's synopsis; returns CLI_USAGE. */
int cli_usage(const char *command, const char *fmt, ...);
/* The function cli_usage prints a synopsis with: main.c's, which holds the
** usage text, set once before any command runs. */
void cli_set_usage_printer(void (*print)(FILE *f, const char *command));
/* Report the connection's last error as "muling: WHAT: message"; returns
** CLI_DB. */
int cli_db_error(sqlite3 *db, const char *what);
/* Out of memory: a message and CLI_DB. */
int cli_nomem(void);

/* ---- options (util.c) ------------------------------------------------ */
/* If argv[*i] is the option NAME, given as "NAME VALUE" or "NAME=VALUE",
** point *value at the value, step *i past it and return 1.  Returns 0 if
** argv[*i] is another argument and -1 (usage error printed) if the value
** is missing. */
int cli_option(const char *command, int argc, char **argv, int *i,
               const char *name, const char **value);
/* The file name of PATH without its directories: what a report that
** leaves the office says of the database (check.c, report.c). */
const char *cli_base_name(const char *path);
/* 1 if argv[*i] looks like an option ("-x", "--x"), other than "-". */
int cli_is_option(const char *arg);

/* ---- the database (util.c) ------------------------------------------- */
/* Open PATH with foreign keys on, trusted_schema off (a view or trigger
** in the file may not call a function that reads files or the clock) and
** a busy timeout.  Returns CLI_OK or an
** error status (printed).  An existing file is required unless CLI_CREATE. */
#define CLI_READWRITE 0
#define CLI_CREATE 1
#define CLI_READONLY 2
int cli_open(const char *path, int mode, sqlite3 **pdb);
/* A script: SQL statements, each after its comment lines.  The one
** statement runner of the command (init, import, report, check): BIND
** (may be NULL) binds each prepared statement, EACH (may be NULL: stepped
** to the end) runs it, given the comments before it in [comments, end).
** EACH returns an SQLite code, or CLI_SCRIPT_STOP after printing why the
** script must stop.  Errors name LABEL (may be NULL), NAME and the line of
** the failing statement.  Inside a transaction the script's own BEGIN,
** COMMIT and END are skipped, so it joins the caller's. */
#define CLI_SCRIPT_STOP (-1)
struct cli_script {
  const char *name;  /* "sql/checks.sql" */
  const char *label; /* "report profile", or NULL */
  const char *text;
  int (*bind)(void *ctx, sqlite3_stmt *stmt);
  int (*each)(void *ctx, sqlite3_stmt *stmt, const char *comments, const char *end);
  void *ctx;
};
/* CLI_OK or CLI_DB (printed). */
int cli_run_script(sqlite3 *db, const struct cli_script *s);
/* cli_run_script without BIND or EACH. */
int cli_exec_script(sqlite3 *db, const char *name, const char *text);
/* Start the one read transaction a report or check runs in, guard the
** reads (below), and refuse a database that is not muling's, cannot be
** read (a hot journal, a read-only directory: said plainly), is of an
** older schema, or (with PREFLIGHT: reports) fails sql/preflight.sql (a
** cycle in areas or party_orgs; check reports those as findings).  CLI_OK
** or CLI_DB (printed).
**
** The guard refuses, from then on, every read of a virtual table declared
** in the database (main): only ordinary tables and views are read there,
** as rollup(), roster() and credit_scores() refuse them too.  A refused
** read fails its statement and cli_run_script names the table.
** cli_guard_end removes it before DB is closed. */
int cli_begin_read(sqlite3 *db, const char *path, int preflight);
void cli_guard_end(sqlite3 *db);
/* Print why reading PATH failed, in the user's words; returns CLI_DB. */
int cli_read_error(sqlite3 *db, const char *path);
/* Prepare the statement that follows "-- statement: NAME" in the embedded
** FILE ("sql/rota.sql"): a command's SQL lives in sql/, not in C.  CLI_OK
** or CLI_DB (printed: no such statement, or SQLite's error). */
int cli_prepare_named(sqlite3 *db, const char *file, const char *name, sqlite3_stmt **stmt);
/* The first byte at or after z that is neither blank nor in a comment. */
const char *cli_skip_blank(const char *z);
/* The value of the last "-- KEY: value" comment line in [z, end), trimmed
** and sqlite3_malloc'd; NULL if there is none (or out of memory: *nomem). */
char *cli_find_comment(const char *z, const char *end, const char *key, int *nomem);
/* Run one statement without results; CLI_OK or CLI_DB (message printed). */
int cli_exec(sqlite3 *db, const char *sql);
/* 1 if DB holds a muling schema (muling_meta or the application_id), 0 if
** not, -1 if it could not be read (the error is on db: out of memory, a
** locked or corrupt file must not read as "not a muling database"). */
int cli_is_muling_db(sqlite3 *db);
/* 1 if the table exists in main. */
int cli_table_exists(sqlite3 *db, const char *table);
/* The schema version sql/schema.sql creates (muling_meta 'schema_version'). */
#define CLI_SCHEMA_VERSION 3
/* muling_meta's schema_version: 0 if the file has no muling_meta, -1 if it
** could not be read (the error is on db). */
int cli_schema_version(sqlite3 *db);
/* CLI_OK, or CLI_DB with a message saying to run `muling init` when DB's
** schema is older than CLI_SCHEMA_VERSION (a file without muling_meta passes). */
int cli_require_schema(sqlite3 *db, const char *path);
/* The display width of UTF-8 text on a terminal: East Asian Wide and
** Fullwidth characters count two columns, combining marks none. */
int cli_display_width(const char *z);
/* A string that may be NULL, for printing. */
#define CLI_STR(z) ((z) ? (z) : "")

/* ---- commands ---------------------------------------------------------- */
int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_roster(int argc, char **argv);
int cmd_points(int argc, char **argv);
int cmd_shell(int argc, char **argv);

#endif /* MULING_CLI_H */
