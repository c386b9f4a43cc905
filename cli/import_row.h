/*
** import_row.h — the transform's row of `muling import`, wherever it is.
**
** A row the transform accepted is read by import.c (its insert, its
** _reject, _normalised and _building) and by reimport.c (its fingerprints,
** the match, update and warn statements).  It is either the transform
** statement's current row (sql/import_TABLE.sql, stepped) or, for the
** common rows of residents, the cells import_fast.c filled in C: then no
** statement holds the row, and its values go straight to the insert
** instead of through a `SELECT ?1 AS …` that the insert would read again.
** Column numbers are the transform's, from 0, either way.
*/
#ifndef MULING_IMPORT_ROW_H
#define MULING_IMPORT_ROW_H

#include <sqlite3.h>

/* One value of import_fast.c's row.  Text lies where the source row or
** import_fast.c keeps it, valid until the source statement steps; with
** term, z[n] is a NUL, and it is bound with length -1 so SQLite knows:
** then the CHECKs' functions (length, substr, date) read it without
** copying it to add one. */
struct import_cell {
  const char *z;   /* SQLITE_TEXT */
  sqlite3_int64 i; /* SQLITE_INTEGER */
  int n;
  unsigned char type; /* SQLITE_NULL, SQLITE_INTEGER or SQLITE_TEXT */
  unsigned char term;
};

struct import_row {
  sqlite3_stmt *stmt;            /* the transform's current row, or NULL */
  const struct import_cell *cell; /* else import_fast.c's, one a column */
};

static inline int import_row_type(const struct import_row *r, int col) {
  return r->cell ? r->cell[col].type : sqlite3_column_type(r->stmt, col);
}

/* The bytes of a text or blob (as a blob: sqlite3_column_text() would
** copy a text to add a terminator). */
static inline const void *import_row_blob(const struct import_row *r, int col) {
  return r->cell ? (r->cell[col].type == SQLITE_TEXT ? r->cell[col].z : 0)
                 : sqlite3_column_blob(r->stmt, col);
}

static inline int import_row_bytes(const struct import_row *r, int col) {
  return r->cell ? (r->cell[col].type == SQLITE_TEXT ? r->cell[col].n : 0)
                 : sqlite3_column_bytes(r->stmt, col);
}

/* A column as C text, NULL for NULL.  Only for the columns import_fast.c
** always gives as NULL or a terminated text: _reject, _normalised,
** _building. */
static inline const char *import_row_text(const struct import_row *r, int col) {
  if (!r->cell) return (const char *)sqlite3_column_text(r->stmt, col);
  return r->cell[col].type == SQLITE_TEXT && r->cell[col].term ? r->cell[col].z : 0;
}

/* Bind column COL to parameter I of TO.  STATIC: the value must not
** outlive the row (TO runs before the source steps); else it is copied. */
static inline int import_row_bind(const struct import_row *r, int col, sqlite3_stmt *to, int i, int is_static) {
  if (!r->cell) return sqlite3_bind_value(to, i, sqlite3_column_value(r->stmt, col));
  const struct import_cell *c = &r->cell[col];
  switch (c->type) {
  case SQLITE_INTEGER:
    return sqlite3_bind_int64(to, i, c->i);
  case SQLITE_TEXT:
    return sqlite3_bind_text(to, i, c->z, c->term ? -1 : c->n, is_static ? SQLITE_STATIC : SQLITE_TRANSIENT);
  default:
    return sqlite3_bind_null(to, i);
  }
}

#endif
