/*
** params.h — a report's parameters: declared by its "-- params:" line,
** given with --param key=value, checked before the report runs.
**
**   -- params: area (area), from (date; default 2023-01-01), unmasked (flag)
**
** Each parameter is NAME (KIND[; default VALUE][; words for the reader]).
** KIND is how a value is checked and what is bound for :NAME:
**   date    YYYY-MM-DD, a real day        bound as text
**   month   YYYY-MM                       bound as text
**   year    YYYY                          bound as an integer
**   count   a whole number >= 0           bound as an integer
**   flag    only --unmasked sets it       bound as 1, else NULL
**   area, post, scheme, member            an id or an exact name, looked up
**           with the "-- lookup: KIND" statement of sql/params.sql; bound
**           as the id.  A name that matches nothing is an error naming the
**           nearest ("-- near: KIND"); a name that matches several lists
**           them.  Without a value, "-- first: KIND" (if there is one)
**           gives the default, else the parameter is NULL (area: the
**           whole database).
** A value that does not check out is exit 2 naming the parameter.
*/
#ifndef MULING_PARAMS_H
#define MULING_PARAMS_H

#include "report.h"

struct param {
  const char *key, *value; /* key sqlite3_malloc'd; value points into argv */
};

struct report_args {
  const char *path, *name, *format, *output;
  const char *title; /* --title: the heading instead of the report's own */
  int unmasked, nparam;
  int bom; /* --bom: a UTF-8 byte-order mark before csv, for Excel */
  struct param *params;
};

struct param_spec {
  char *name, *kind, *deflt; /* from the -- params: line */
  const char *given;         /* the --param value, or NULL */
  int type;                  /* what is bound: SQLITE_NULL, _INTEGER or _TEXT */
  sqlite3_int64 i;
  char *text;
  char *label; /* what the Scope section says */
};

struct report_params {
  const char *report;
  const char *command; /* NULL, or what a lookup's message begins with
                       ** instead of "report NAME" ("check --area") */
  int unmasked;
  int n;
  struct param_spec *p;
};

/* Read the -- params: line of the report file F.  CLI_OK, or CLI_DB when
** the line is malformed (the report's bug) or out of memory. */
int params_declare(struct report_params *p, const char *report,
                   const struct muling_sql_file *f);
/* Match the --param values to the declared parameters and check those
** that need no database (dates, months, years, counts).  CLI_OK or
** CLI_USAGE (printed). */
int params_given(struct report_params *p, const struct report_args *a);
/* Look up the parameters that name records (area, post, scheme, member).
** CLI_OK, CLI_USAGE or CLI_DB (printed). */
int params_resolve(struct report_params *p, sqlite3 *db);
/* Add the first section, 范围 Scope: the database and every parameter's
** value as the report uses it.  CLI_OK or CLI_DB (out of memory). */
int params_scope(const struct report_params *p, struct report *r);
/* Bind :NAME of STMT.  A parameter the report does not declare is the
** report's bug: printed, CLI_SCRIPT_STOP.  Else an SQLite code. */
int params_bind(const struct report_params *p, sqlite3_stmt *stmt);
/* 1 if the parameter NAME has a value (given, defaulted or looked up). */
int params_has_value(const struct report_params *p, const char *name);
/* TEXT with each {NAME} replaced by that parameter's label (a section
** title: 积分明细 Explanation for {member}); sqlite3_malloc'd, NULL if out
** of memory. */
char *params_expand(const struct report_params *p, const char *text);
void params_free(struct report_params *p);

#endif /* MULING_PARAMS_H */
