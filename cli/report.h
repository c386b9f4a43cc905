/*
** report.h — a report's results held in memory, and the renderers that
** write them out (render.c: table, csv, json, md; html.c: html with SVG).
**
** A report file (sql/reports/NAME.sql) is SQL statements; comment lines
** before a statement describe it:
**   -- title: 塔城路社区概况 Community profile      (once, the report's title)
**   -- section: 人口 Population                      (the next statement's table)
**   -- chart: pie label=name value=n                (bar, pie, line, calendar)
** Statements that return no columns run silently (temp tables, setup).
*/
#ifndef MULING_REPORT_H
#define MULING_REPORT_H

#include <stdio.h>

#include "cli.h"

struct report_cell {
  int type;   /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL */
  char *text; /* UTF-8, NULL for SQL NULL */
};

struct report_section {
  char *title; /* from -- section:, or NULL */
  char *chart; /* the text after -- chart:, or NULL */
  char *keys;  /* the text after -- key-columns:, or NULL: the columns the
               ** page shows right after the first (html.c) */
  int ncol;
  char **cols;
  int nrow, arow;
  /* The cells, row-major, in one of two layouts: chunks (what report.c's
  ** rows make): chunk i holds rows i*REPORT_CHUNK_ROWS.. in one array of
  ** REPORT_CHUNK_ROWS * ncol cells, so no allocation grows with the rows
  ** (ten million rows in one array would pass SQLite's 2 GB allocation
  ** ceiling); or, when chunks is NULL, all nrow * ncol in cells (a section
  ** built whole, as Scope (params.c), or one chunk seen as a section).
  ** Either way every cell's text is its own sqlite3_malloc'd string:
  ** masking frees and replaces it (mask.c). */
  struct report_cell *cells;
  struct report_cell **chunks;
  int nchunk, achunk;
};

struct report {
  const char *name;     /* the report's name */
  const char *database; /* the database file */
  char *title;          /* from -- title:, or NULL */
  int unmasked;         /* --unmasked given */
  int nsec;
  struct report_section *secs;
  int csv_rows; /* "-- csv: rows": as CSV, the last result table alone, a file
                ** another program reads (street_export: `muling import`) */
};

#define REPORT_CHUNK_ROWS 1024
#define REPORT_CELL(s, r, c)                                                               \
  ((s)->chunks ? &(s)->chunks[(size_t)(r) / REPORT_CHUNK_ROWS]                             \
                             [(size_t)(r) % REPORT_CHUNK_ROWS * (size_t)(s)->ncol + (size_t)(c)] \
               : &(s)->cells[(size_t)(r) * (size_t)(s)->ncol + (size_t)(c)])

/* 1 if the cell holds a number. */
int report_is_number(const struct report_cell *c);
/* 1 if column c holds numbers (and at most short marks such as '*'). */
int report_numeric_column(const struct report_section *s, int c);

/* Masked output (the default): mask the people in every text cell of R
** (mask.c): ID and mobile numbers anywhere, and the names of the
** database's residents and staff.  Runs in the report's snapshot.  CLI_OK,
** or CLI_DB (printed). */
int report_mask(sqlite3 *db, struct report *r);
/* report_mask for R however its sections hold their cells (report.c):
** what a command calls. */
int report_mask_rows(sqlite3 *db, struct report *r);

/* A column named `_X` beside a column X holds the id of the person X names
** (profile: `l.id AS _leader`).  It is never shown: report_person_keys
** drops it, and before that, in masked output, gives every masked name
** that two different ids share within the section its id, `冯**(#123)`, so
** the reader can tell them apart (mask.c).  CLI_OK or CLI_NOMEM (printed). */
int report_person_keys(struct report *r);
/* Remove column C of S (its cells freed). */
void report_drop_column(struct report_section *s, int c);

/* Renderers: 0 on success, else an I/O error happened (errno set). */
int render_table(FILE *out, const struct report *r);
int render_csv(FILE *out, const struct report *r);
int render_json(FILE *out, const struct report *r);
int render_md(FILE *out, const struct report *r);
int render_html(FILE *out, const struct report *r);
/* xlsx.c: a workbook written to PATH by name (libxlsxwriter).  0 on
** success; else -1 and *err (sqlite3_malloc'd; NULL when out of memory). */
int render_xlsx(const char *path, const struct report *r, char **err);

/* Building and writing a report from another command (check.c); report.c.
** report_new_section takes TITLE and CHART (sqlite3_malloc'd) in any case
** and names the columns after STMT's; report_add_row copies STMT's current
** row.  Both return an SQLite code.  report_refuse_database is CLI_USAGE
** (printed) when OUTPUT is DATABASE or its journal; report_write writes R in
** FORMAT to OUTPUT (NULL or "-": standard output) through a temporary file
** renamed into place.  Both return CLI_* codes. */
int report_new_section(struct report *r, sqlite3_stmt *stmt, char *title, char *chart);
int report_add_row(struct report_section *s, sqlite3_stmt *stmt);
void report_free(struct report *r);
int report_refuse_database(const char *command, const char *output, const char *database);
int report_write(const char *output, const char *format, const struct report *r);

/* A chart request parsed from "-- chart: TYPE key=value …" (html.c). */
struct chart_spec {
  char type[16];  /* bar, pie, line, calendar */
  int label, value, date; /* column indexes, -1 when absent */
};
/* Parse SPEC against the section's columns.  Returns 0 ok, else writes a
** message into *err (sqlite3_malloc'd). */
int chart_parse(const struct report_section *s, struct chart_spec *spec, char **err);
/* The order the page shows S's columns in: the first column, then those
** named by `-- key-columns:` in their order, then the rest.  ORDER gets
** s->ncol indexes.  Returns 0 ok, else *err as chart_parse. */
int html_column_order(const struct report_section *s, int *order, char **err);

#endif /* MULING_REPORT_H */
