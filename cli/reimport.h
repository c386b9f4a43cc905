/*
** reimport.h — how `muling import` recognises the rows a table already has
** (cli/reimport.c, the rules in sql/match_TABLE.sql: residents).
**
**   muling import DB residents FILE [--existing update|skip|error]
**
** import.c owns the rows, the transaction and import_rejects; this part
** decides, for each row the transform accepted, whether it is new, a
** stored row to update or keep, or a reject (a duplicate of the export,
** an ambiguous match, --existing error), writes the update and the
** row's warnings (import_warnings), and lists the stored rows the export
** did not mention.  Every statement is prepared once.
*/
#ifndef MULING_REIMPORT_H
#define MULING_REIMPORT_H

#include <sqlite3.h>

#include "import_row.h"

/* --existing */
#define REIMPORT_UPDATE 0
#define REIMPORT_SKIP 1
#define REIMPORT_ERROR 2

/* What to do with a row (reimport_match's *action). */
#define REIMPORT_NEW 0     /* insert it, then reimport_loaded(…, 1) */
#define REIMPORT_MATCHED 1 /* update it (--existing update: reimport_update), or keep it (skip) */
#define REIMPORT_REJECT 2  /* a reject: the reason is in *reason */

#define REIMPORT_EXAMPLES 10
#define REIMPORT_KINDS 8

struct reimport {
  sqlite3 *db;
  sqlite3_stmt *xform; /* the transform (its columns' names) */
  const struct import_row *row; /* the row: the transform's, or import_fast.c's cells */
  sqlite3_stmt *match, *update, *warn, *seen_line, *seen_add, *missing, *add_warning;
  int *src[6];        /* per statement above (not add_warning), per parameter: see reimport.c */
  unsigned char *carried; /* per transform column: the file has a column for it */
  int existing;
  sqlite3_int64 run_id, within; /* within: 0 = none */
  sqlite3_int64 resident_id;    /* the row's match, for reimport_update */
  sqlite3_int64 former_id;      /* a former resident with a new row's ID number */
  char *former_left;            /* when they left: "moved out on 2023-05-01" */
  sqlite3_int64 new_, updated, unchanged, skipped, warned, not_in_export;
  int nkinds;
  struct {
    char *kind;
    sqlite3_int64 count;
  } kinds[REIMPORT_KINDS];
  int nexamples;
  char *examples[REIMPORT_EXAMPLES]; /* "12 张*" */
  /* The fast path (reimport_set_run): the table had no row when the run
  ** began and only this run's inserts can add one, so a row can only
  ** match a row of this run, and `keys` -- a fingerprint of the ID number
  ** and of the name and birth date of each row inserted -- says which rows
  ** cannot match at all: for them the match statement is not run. */
  int fast;
  struct reimport_key {
    unsigned key;   /* 0 = empty */
    unsigned rowid; /* the row inserted with it (a key may have several) */
  } *keys;                       /* open addressing */
  sqlite3_int64 nkeys, capacity; /* capacity: a power of 2, or 0 */
  /* A filter in front of keys (capacity bytes, two bits a fingerprint):
  ** most rows are new, and asking the filter whether theirs may be there
  ** reads a few hundred KiB that stay in the CPU's cache, where probing
  ** keys (8 bytes a slot) missed it at every row. */
  unsigned char *bloom;
  /* The bulk load (import.c: the table's plain indexes are dropped until
  ** the last row, then made again): a row a fingerprint says may match
  ** runs match_cand, the match statement on the rows inserted with its
  ** fingerprints only (temp.import_candidates), since without the indexes
  ** the match statement would read the whole table.  NULL when the match
  ** statement could not be so limited: then no bulk load. */
  int bulk;
  sqlite3_stmt *match_cand, *cand_clear, *cand_add;
  /* on the fast path, the line that met each resident (reimport.c) */
  unsigned *seen_lines;
  sqlite3_int64 seen_base, nseen, seen_alloc;
  /* the current row's fingerprints (reimport.c: line_keys) */
  sqlite3_int64 keys_line;
  unsigned key_id, key_person;
  int keys_ok;
  int col_id, col_name, col_birth, col_sex; /* transform columns, -1 none */
};

/* The file of rules for TABLE ("sql/match_residents.sql"), or NULL: the
** table has no matching and every row is new. */
const char *reimport_file(const char *table, int *nomem);
/* Prepare everything, outside the transaction (it creates a temp table).
** XFORM is the prepared transform; ROW is where import.c keeps the current
** row (kept, read at each call); HAS_SOURCE(ctx, param) says whether a
** transform parameter has a column of the file.  CLI_OK or an error status
** (printed). */
int reimport_open(struct reimport *m, sqlite3 *db, const char *file, sqlite3_stmt *xform,
                  const struct import_row *row, int (*has_source)(void *ctx, const char *param), void *ctx,
                  int existing, sqlite3_int64 within);
/* Inside the transaction, once the run's row is written: also decides
** the fast path (struct reimport).  SQLite code. */
int reimport_set_run(struct reimport *m, sqlite3_int64 run_id);
/* Decide for the transform's current row (at LINE).  SQLite code; on
** REIMPORT_REJECT *reason is sqlite3_malloc'd ('duplicate: …', 'match: …',
** 'existing: …'). */
int reimport_match(struct reimport *m, sqlite3_int64 line, int *action, char **reason);
/* Write the matched row's carried columns.  The SQLite code of the UPDATE
** (the caller turns a constraint failure into a reject); counts updated or
** unchanged when it succeeds. */
int reimport_update(struct reimport *m);
/* The row is in the table as RESIDENT_ID (IS_NEW: just inserted): note it
** met, write its warnings.  SQLite code. */
int reimport_loaded(struct reimport *m, sqlite3_int64 line, sqlite3_int64 resident_id, int is_new);
/* On the fast path: may the table's plain indexes be dropped for the
** run (the match can then be run on the candidates only)? */
int reimport_can_bulk(const struct reimport *m);
/* 1 when the transform's current row (at LINE) has its fingerprints (its ID
** number, name and birth date are text, a blob or NULL). */
int reimport_fingerprinted(struct reimport *m, sqlite3_int64 line);
/* Before the commit: the stored rows no row met (count and examples). */
int reimport_finish(struct reimport *m);
/* The summary lines (no allocation: the rows are committed): the counts
** and the rows not in the export; the warnings by kind. */
void reimport_print(const struct reimport *m);
void reimport_print_warned(const struct reimport *m);
/* Finalize the statements (the counts and examples stay, for printing). */
void reimport_finalize(struct reimport *m);
/* Free everything. */
void reimport_close(struct reimport *m);

#endif
