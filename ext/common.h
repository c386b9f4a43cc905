/*
** common.h — helpers shared by every muling module.
**
** Every ext/ module includes this header first.  It brings in the SQLite
** extension API (through sqlite3_api, so the .so never links -lsqlite3),
** declares each module's registration function, and offers the few helpers
** that more than one module needs: dates, key=value options and error text.
** Modules never include each other; they meet only here.  One exception,
** one way: roster.c includes rrule.h, the recurrence engine's three
** functions for expanding a post's dates (rrule.c includes nothing of
** roster).
*/
#ifndef MULING_COMMON_H
#define MULING_COMMON_H

#include <sqlite3ext.h>
#ifndef MULING_MAIN
SQLITE_EXTENSION_INIT3
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define MULING_VERSION "0.1.0"

/* Registration, one per module; muling.c calls them in turn. */
int muling_register_idcard(sqlite3 *db);
int muling_register_ethnic(sqlite3 *db);
int muling_register_phone(sqlite3 *db);
int muling_register_address(sqlite3 *db);
int muling_register_regexp(sqlite3 *db);
int muling_register_gzip(sqlite3 *db);
int muling_register_csvfile(sqlite3 *db);
int muling_register_xlsxfile(sqlite3 *db);
int muling_register_rollup(sqlite3 *db);
int muling_register_diversity(sqlite3 *db);
int muling_register_scoring(sqlite3 *db);
int muling_register_rrule(sqlite3 *db);
int muling_register_roster(sqlite3 *db);

/* Flags for functions whose answer depends only on their arguments. */
#define MU_PURE (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)
/* Flags for anything that reads files or the clock: a hostile schema
** (views, triggers, CHECKs) must not be able to call it. */
#define MU_DIRECT (SQLITE_UTF8 | SQLITE_DIRECTONLY)

/* ---- Dates: 'YYYY-MM-DD', proleptic Gregorian, as day numbers ----------
** A day number counts days since 1970-01-01 (negative before). */

/* Parse exactly 'YYYY-MM-DD' (n bytes, n == 10) into *days.  Returns 0 on
** success, 1 if the text is not of that form or names no real day
** (2023-02-30).  Years 0001..9999. */
int mu_date_parse(const char *z, int n, int *days);
/* Parse an sqlite3_value holding a date.  Returns 0 ok, 1 malformed,
** 2 NULL (then *days is untouched). */
int mu_date_value(sqlite3_value *v, int *days);
/* Write 'YYYY-MM-DD' and a NUL into out[11]. */
void mu_date_format(int days, char out[11]);
/* Civil date <-> day number. */
int mu_days_from_civil(int y, int m, int d);
void mu_civil_from_days(int days, int *y, int *m, int *d);
/* 1 if y/m/d is a real Gregorian day. */
int mu_date_is_real(int y, int m, int d);
/* Today in local time, as a day number.  Reads the clock: callers must be
** registered DIRECTONLY and not DETERMINISTIC. */
int mu_today(void);

/* Read a date argument of a table-valued function: 0 ok, 2 NULL; on a bad
** one set *pzErr (as `fn: what must be a date 'YYYY-MM-DD', got '…'`) and
** return 1, or 3 for out of memory. */
int mu_date_arg(const char *fn, const char *what, sqlite3_value *v, int *pDay,
                char **pzErr);

/* ---- Errors ------------------------------------------------------------
** Set an error message built with sqlite3 printf formatting; if building
** the message runs out of memory, report SQLITE_NOMEM instead. */
void mu_error(sqlite3_context *ctx, const char *fmt, ...);
/* Replace *pzErr (sqlite3_free'd first) with a formatted message, for
** xCreate/xConnect/xFilter.  Returns SQLITE_ERROR, or SQLITE_NOMEM when
** the message could not be built. */
int mu_vtab_error(char **pzErr, const char *fmt, ...);
/* What exists, for an error about a name that names nothing ("unknown
** scheme '红色岗位'; the schemes are 红色岗位积分, 塔城路社区党员积分").
** Runs zSql (no parameters; its first column is the names), orders the
** names by edit distance in characters to zTyped, ties by name, and sets
** *pzList to a sqlite3_malloc'd "a, b, c" of at most nMax of them, with
** ", … (N in all)" when there are more, or "" when there are none.
** Returns an SQLite result code; *pzList is NULL unless SQLITE_OK. */
int mu_nearest(sqlite3 *db, const char *zSql, const char *zTyped, int nMax,
               char **pzList);

/* ---- Internal aggregates ---------------------------------------------
** rollup_tally and credit_tally run a table function's scan as an
** aggregate whose first argument is its state, a pointer bound with
** sqlite3_bind_pointer under `type`.  Returns that state (looked up once per
** call and kept in the aggregate context), or NULL after setting the
** call's error: out of memory, or `usage` when the argument is not such a
** pointer (SQL cannot make one). */
void *mu_tally_state(sqlite3_context *ctx, sqlite3_value *arg, const char *type,
                     const char *usage);

/* ---- Tables a virtual table reads ------------------------------------
** A table-valued function that a view may call (INNOCUOUS, or the default
** risk level) and that reads other tables by name must not read a virtual
** table the database itself declares under that name: it could be a
** DIRECTONLY file reader, and the function would read the file for the
** view.  Sets *pVirtual to 1 when zName resolves (temp, then main, then
** attached) to a virtual table outside temp — temp objects are the user's
** own — and to 0 otherwise (also when nothing has that name).  Returns an
** SQLite result code. */
int mu_name_is_foreign_vtab(sqlite3 *db, const char *zName, int *pVirtual);

/* ---- Table-valued functions -----------------------------------------
** xBestIndex for a table-valued function whose nArg (at most 4) hidden
** arguments start at column firstHidden: every one must come as an
** equality constraint.  idxNum bit i says argument i is present; argvIndex
** puts them in order.  A present but unusable argument is
** SQLITE_CONSTRAINT (try another plan); a missing one is the error
** `fn: takes N arguments: zUsage`. */
int mu_tvf_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *info,
                      int firstHidden, int nArg, const char *fn,
                      const char *zUsage);
/* Keep copies of xFilter's n arguments in args[] for the hidden columns.
** Returns SQLITE_OK or SQLITE_NOMEM (copies made so far stay in args[]);
** *pAnyNull says whether one of them is NULL: such a call has no rows. */
int mu_tvf_args_keep(sqlite3_value **args, int n, sqlite3_value **argv,
                     int *pAnyNull);
/* Free the copies and clear args[0..n). */
void mu_tvf_args_free(sqlite3_value **args, int n);

/* ---- Text arguments ---------------------------------------------------
** Fetch a text argument of function fn, called arg in messages.  Returns 0
** with *pz, *pn set; 1 for NULL (the caller answers NULL); -1 after setting
** the error: a blob (`fn: arg must be text, got a blob`) or out of memory. */
int mu_text_arg(sqlite3_context *ctx, sqlite3_value *v, const char *fn,
                const char *arg, const unsigned char **pz, int *pn);
/* Decode one UTF-8 character of z[i..n): its code point, its length in
** *len; a byte that starts no complete character is U+FFFD with *len 1. */
unsigned mu_utf8_char(const unsigned char *z, int i, int n, int *len);
/* 1 for the blanks people type around and inside numbers: ASCII space,
** tab, CR, LF, no-break space (U+00A0), ideographic space (U+3000). */
int mu_is_blank_cp(unsigned cp);

/* ---- The functions' rules, for C callers -------------------------------
** What the SQL functions compute for a text argument z[0..n), without a
** sqlite3_value: `muling import` transforms the rows that need nothing
** else with them (cli/import_fast.c).  Each is the function's own code. */
/* idcard_normalize: 1 with the 18 characters in out (NUL-terminated), else 0 (NULL). */
int mu_idcard_normalize(const unsigned char *z, int n, char out[19]);
/* phone_normalize: 1 with the 11 digits in out, else 0 (NULL). */
int mu_phone_normalize(const unsigned char *z, int n, char out[12]);
/* ethnic_code: 1 with the code and its standard name (ethnic_name of the code), else 0 (NULL). */
int mu_ethnic_code(const unsigned char *z, int n, const char **code, const char **name);
/* building_key(z, c) (c NULL: a NULL compound): the key is z[*start .. *start + *len). */
void mu_building_key(const unsigned char *z, int n, const unsigned char *c, int nc, int *start, int *len);

/* ---- Hashing ------------------------------------------------------------
** A hash of n bytes for open-addressing tables (FNV-1a): rollup's category
** index and the diversity aggregates' tallies. */
unsigned mu_hash_bytes(const unsigned char *z, int n);

/* ---- File tables' options (csvfile, xlsxfile) --------------------------
** Read CREATE VIRTUAL TABLE arguments argv[3..argc), each `key=value`, into
** azVal[k] for the option named azName[k] (nName names, any case), each
** unquoted and sqlite3_malloc'd.  Errors name the module fn: `fn: argument
** 'x' is not key=value`, `fn: unknown option 'k'`, `fn: option 'k' given
** twice`.  Returns SQLITE_OK, SQLITE_ERROR with *pzErr set, or
** SQLITE_NOMEM; what was read stays in azVal for the caller to free. */
int mu_vtab_options(const char *fn, int argc, const char *const *argv,
                    const char *const *azName, int nName, char **azVal,
                    char **pzErr);
/* 1 for yes, true, on, 1; 0 for no, false, off, 0 (any case); -1 else. */
int mu_yes_no(const char *z);
/* Check a schema= value: one CREATE TABLE statement; *pParen is set to its
** first '('.  Returns SQLITE_OK, SQLITE_ERROR with *pzErr set (`fn: schema
** must be a CREATE TABLE statement, got '…'`, or `fn: schema must be one
** CREATE TABLE statement, got more after it: '…'`), or SQLITE_NOMEM. */
int mu_schema_option(const char *fn, const char *zSchema, const char **pParen,
                     char **pzErr);
/* Make the column name azName[i] unique, without case, among azName[0..i)
** and the NULL-terminated azReserved (hidden columns), adding _2, _3, …
** Returns SQLITE_OK or SQLITE_NOMEM. */
int mu_unique_name(char **azName, int i, const char *const *azReserved);

/* ---- key=value options -------------------------------------------------
** Split one virtual-table or option argument `key = value` into its parts.
** Surrounding blanks are dropped, and a value in '…' or "…" quotes is
** unquoted (doubled quotes inside stay doubled: use mu_unquote).  Returns
** 0 on success and 1 if there is no '='.  Pointers point into z. */
int mu_kv_split(const char *z, const char **pKey, int *nKey,
                const char **pVal, int *nVal);
/* A fresh sqlite3_malloc'd, NUL-terminated copy of z[0..n) with one level
** of '…' or "…" quoting removed (doubled quote characters undone).
** NULL on out of memory. */
char *mu_unquote(const char *z, int n);

/* ---- csvfile's encoding= and delimiter= -------------------------------
** The one place their values are read, for the csvfile table and for the
** `muling import` command alike, case-insensitively: utf-8 (or utf8),
** gb18030, gbk; a delimiter is one ASCII punctuation character, ' ', a
** tab, or the words '\t' and 'tab' (not '"', a letter or a digit).
** mu_csv_encoding answers MU_CSV_UTF8, MU_CSV_GB18030, MU_CSV_GBK or -1;
** mu_csv_delimiter answers the delimiter byte or -1. */
#define MU_CSV_UTF8 0
#define MU_CSV_GB18030 1
#define MU_CSV_GBK 2
#define MU_CSV_ENCODINGS "utf-8, gb18030 or gbk"
#define MU_CSV_DELIMITERS "one ASCII punctuation character, ' ' or '\\t' (not '\"')"
int mu_csv_encoding(const char *z);
int mu_csv_delimiter(const char *z);

#endif /* MULING_COMMON_H */
