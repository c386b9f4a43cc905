/*
** report.h — a report's results held in memory, and the renderers that
** write them out (render.c: table, csv, json, md, whole or as a sink that
** takes a section's rows as they come; html.c: html with SVG).
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
  int arena;  /* 1: text lives in its section's arena (report.c's rows), freed
              ** with it; 0: text is its own sqlite3_malloc'd string */
  char *text; /* UTF-8, NULL for SQL NULL */
};

/* Blocks of text that a section's rows point into (report.c), freed
** together: one allocation for many cells, not one a cell. */
struct report_arena {
  struct report_arena *next;
  size_t used, size;
  char text[];
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
  ** A cell's text is in the section's arena (report.c's rows: cell.arena
  ** 1) or its own sqlite3_malloc'd string (Scope's, and what masking puts
  ** in place of a text, mask.c). */
  struct report_cell *cells;
  struct report_cell **chunks;
  int nchunk, achunk;
  struct report_arena *arena;
  int ordinal; /* "-- ordinal: <column>": 1 + that column, which holds the
               ** row's number in the section (1, 2, ...), counted as the
               ** rows come, whatever the statement gives there; 0: none */
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

/* Replace CELL's text by TEXT (sqlite3_malloc'd, taken): the old one is
** freed unless it is in the arena. */
void report_cell_set(struct report_cell *cell, char *text);

/* Masked output (the default): mask the people in every text cell of R
** (mask.c): ID and mobile numbers anywhere, and the names of the
** database's residents and staff.  Runs in the report's snapshot.  CLI_OK,
** or CLI_DB (printed). */
int report_mask(sqlite3 *db, struct report *r);
/* report_mask for R however its sections hold their cells (report.c):
** what a command calls. */
int report_mask_rows(sqlite3 *db, struct report *r);

/* Masking a report as it is written (report.c streams its big sections):
** report_masker_open reads the staff's names and prepares the seeks
** (CLI_OK, or CLI_DB printed); report_masker_text appends the masked Z to
** OUT (CLI_OK, or CLI_DB printed: out of memory, a failed seek);
** report_masker_section masks every text cell of S as report_mask does
** (FIRST: S is the report's first section, Scope, whose database name
** stays).  report_mask is these three over every section. */
struct report_masker;
int report_masker_open(sqlite3 *db, struct report_masker **pm);
int report_masker_text(struct report_masker *m, const char *z, sqlite3_str *out);
int report_masker_section(struct report_masker *m, struct report_section *s, int first);
void report_masker_close(struct report_masker *m);

/* A column named `_X` beside a column X holds the id of the person X names
** (profile: `l.id AS _leader`).  It is never shown: report_person_keys
** drops it, and before that, in masked output, gives every masked name
** that two different ids share within the section its id, `冯**(#123)`, so
** the reader can tell them apart (mask.c).  CLI_OK or CLI_NOMEM (printed). */
int report_person_keys(struct report *r);
/* report_person_keys for one section: UNMASKED as r->unmasked.  SQLITE_OK
** or SQLITE_NOMEM. */
int report_section_person_keys(struct report_section *s, int unmasked);
/* The column that column K of S keys (`_leader` keys `leader`), or -1. */
int report_keyed_column(const struct report_section *s, int k);
/* The cell's text with the roster's leader mark (★) left off, as the
** collision of masked names compares it (mask.c). */
const char *report_person_text(const char *text);
/* Remove column C of S (its cells freed). */
void report_drop_column(struct report_section *s, int c);

/* A report written as it is made (render.c): render_start writes what
** comes before the first section, render_section_start a section's
** heading with its columns COLS (WIDTH: each column's display width, for
** table; NUMERIC: 1 for a column of numbers, for table and md; else NULL),
** render_row one row of NCOL cells, render_section_end what closes the
** section, render_finish what ends the report (0, or an I/O error
** happened).  render_section writes a whole section held in memory (1 when
** out of memory).  csv_titles: a csv record with each section's title
** (there are several). */
enum { RENDER_TABLE, RENDER_CSV, RENDER_JSON, RENDER_MD };
struct render_sink {
  FILE *out;
  int format; /* RENDER_* */
  const struct report *r;
  int csv_titles;
  int nsec;              /* sections written */
  sqlite3_int64 nrow;    /* rows of the section being written */
  int ncol;
  char *const *cols;
  const int *width, *numeric;
};
/* RENDER_* for a format's name, or -1 (html, xlsx: written whole). */
int render_format(const char *format);
void render_start(struct render_sink *k, FILE *out, int format, const struct report *r);
void render_section_start(struct render_sink *k, const char *title, const char *chart, int ncol,
                          char *const *cols, const int *width, const int *numeric);
void render_row(struct render_sink *k, const struct report_cell *row);
/* render_row, LENS (or NULL) giving each text's bytes: as csv, no strlen
** a field (a NUL among them ends the text, as it does for render_row). */
void render_row_len(struct render_sink *k, const struct report_cell *row, const int *lens);
void render_section_end(struct render_sink *k);
int render_finish(struct render_sink *k);
int render_section(struct render_sink *k, const struct report_section *s);

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

/* ---- a cell's bytes, eight at a time (report.c, render.c) ----------------
** A word of eight bytes, loaded in memory order (little-endian: byte i is
** bits 8i..8i+7), and per-byte tests that hold for each byte on its own
** (no carry or borrow crosses into the next): the high bit of a byte's
** lane is set where the test holds. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
#define REPORT_SWAR 1
#include <string.h>
#define SWAR_ONES 0x0101010101010101ULL
#define SWAR_HIGH 0x8080808080808080ULL
static inline sqlite3_uint64 swar_load(const char *z) {
  sqlite3_uint64 v;
  memcpy(&v, z, 8);
  return v;
}
/* lanes that are 0 (exact in its lowest lane; above one, others may be
** flagged too, so only the lowest flag is a byte's index) */
static inline sqlite3_uint64 swar_zero(sqlite3_uint64 v) { return (v - SWAR_ONES) & ~v & SWAR_HIGH; }
/* lanes that are the byte B */
static inline sqlite3_uint64 swar_eq(sqlite3_uint64 v, unsigned char b) { return swar_zero(v ^ (SWAR_ONES * b)); }
/* lanes whose byte is in (M, N), each lane exactly (0 <= M <= 127, N <= 128) */
static inline sqlite3_uint64 swar_between(sqlite3_uint64 v, unsigned m, unsigned n) {
  sqlite3_uint64 low = v & (SWAR_ONES * 127);
  return (SWAR_ONES * (127 + n) - low) & ~v & (low + SWAR_ONES * (127 - m)) & SWAR_HIGH;
}
/* the index of the lowest flagged lane of a nonzero mask */
static inline int swar_first(sqlite3_uint64 mask) { return __builtin_ctzll(mask) >> 3; }
static inline int swar_count(sqlite3_uint64 mask) {
  /* one bit a lane at most: the lanes' sum, in the top byte */
  return (int)(((mask >> 7) * SWAR_ONES) >> 56);
}
#else
#define REPORT_SWAR 0
#endif

/* A csv field's bytes z[0..n) (maybe no NUL after them): how many come
** before the first that ends a plain field (a NUL, a comma, a quote, a
** line break), and in *len how many it has (a NUL among them ends it).
** The field needs quotes unless the first equals *len.  Shared by
** render.c's csv_row and report.c's stream writer. */
#include <string.h>
static inline size_t csv_plain_run(const char *z, size_t n, size_t *len) {
  static const unsigned char stop[256] = {[0] = 1, [','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1};
  const unsigned char *u = (const unsigned char *)z;
  size_t plain = 0;
#if REPORT_SWAR
  for (; plain + 8 <= n; plain += 8) {
    sqlite3_uint64 v = swar_load(z + plain);
    sqlite3_uint64 m = swar_zero(v) | swar_eq(v, ',') | swar_eq(v, '"') | swar_eq(v, '\r') | swar_eq(v, '\n');
    if (m) {
      plain += (size_t)swar_first(m);
      break;
    }
  }
  if (plain + 8 > n)
#endif
    for (; plain < n && !stop[u[plain]]; plain++) {
    }
  *len = n;
  if (plain < n) {
    const char *nul = memchr(z + plain, 0, n - plain);
    if (nul) *len = (size_t)(nul - z);
  }
  return plain;
}

#endif /* MULING_REPORT_H */
