/*
** import_fast.h — the rows of `muling import DB residents` that need
** nothing but the common case of sql/import_residents.sql, transformed in
** C (cli/import_fast.c).
*/
#ifndef MULING_IMPORT_FAST_H
#define MULING_IMPORT_FAST_H

#include <sqlite3.h>

#include "import_row.h"

struct import_fast;

/* Set *pf when XFORM is the residents transform this file knows (its
** parameters and result columns; XFORM_SRC gives each parameter's column
** of the source statement, -1 none), else leave it NULL: every row then
** goes through XFORM.  Reads temp.import_buildings (built by the
** transform's first statements).  Returns a CLI code (cli.h). */
int import_fast_open(struct import_fast **pf, sqlite3 *db, sqlite3_stmt *xform, const int *xform_src);

/* Transform the SOURCE statement's current row when it needs nothing
** else: *row is then one cell a column of XFORM (import_row.h), holding
** what XFORM would give, valid until SOURCE steps or the next call.  *row
** is NULL when the row must go through XFORM.  Returns an SQLite code. */
int import_fast_row(struct import_fast *f, sqlite3_stmt *source, const struct import_cell **row);

void import_fast_close(struct import_fast *f);

#endif
