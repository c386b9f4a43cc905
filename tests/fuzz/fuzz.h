/*
** fuzz.h — shared by the libFuzzer targets in tests/fuzz/.
**
** Each target is built with clang -fsanitize=fuzzer,address,undefined
** together with the extension's sources compiled -DSQLITE_CORE (so its code
** carries coverage instrumentation) and linked to the system libsqlite3.
** A target opens one in-memory connection on first use and runs SQL with
** the fuzzer's bytes bound as parameters.  An SQL error is a fine outcome;
** a crash, a sanitizer report, a leak or a wrong identity (checked with
** fz_require) is a finding.
*/
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sqlite3_muling_init(sqlite3 *, char **, const sqlite3_api_routines *);

static sqlite3 *fz_db;

static sqlite3 *fz_open(void) {
  if (fz_db) return fz_db;
  if (sqlite3_open(":memory:", &fz_db) != SQLITE_OK) abort();
  char *err = 0;
  if (sqlite3_muling_init(fz_db, &err, 0) != SQLITE_OK) {
    fprintf(stderr, "fuzz: init failed: %s\n", err ? err : "?");
    abort();
  }
  /* bound the work one input can ask for */
  sqlite3_limit(fz_db, SQLITE_LIMIT_LENGTH, 1 << 22);
  return fz_db;
}

static void fz_exec(const char *sql) {
  char *err = 0;
  if (sqlite3_exec(fz_open(), sql, 0, 0, &err) != SQLITE_OK) {
    fprintf(stderr, "fuzz: setup failed: %s\n%s\n", err ? err : "?", sql);
    abort();
  }
}

/* Run sql (one statement) with up to three text/blob parameters; step all
** rows.  Returns the final result code (SQLITE_DONE on success). */
static int fz_run(const char *sql, const void *a, int na, int a_blob,
                  const void *b, int nb, const void *c, int nc) {
  sqlite3_stmt *st = 0;
  if (sqlite3_prepare_v2(fz_open(), sql, -1, &st, 0) != SQLITE_OK) {
    fprintf(stderr, "fuzz: prepare failed: %s\n%s\n", sqlite3_errmsg(fz_db), sql);
    abort();
  }
  int np = sqlite3_bind_parameter_count(st);
  if (np >= 1) {
    if (a_blob) sqlite3_bind_blob(st, 1, a, na, SQLITE_TRANSIENT);
    else sqlite3_bind_text(st, 1, (const char *)a, na, SQLITE_TRANSIENT);
  }
  if (np >= 2) sqlite3_bind_text(st, 2, (const char *)b, nb, SQLITE_TRANSIENT);
  if (np >= 3) sqlite3_bind_text(st, 3, (const char *)c, nc, SQLITE_TRANSIENT);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); i++) (void)sqlite3_column_text(st, i);
  }
  sqlite3_finalize(st);
  return rc;
}

/* The first column of the first row as a malloc'd string (NULL when NULL,
** no row, or an error). */
static char *fz_text(const char *sql, const void *a, int na) {
  sqlite3_stmt *st = 0;
  char *out = 0;
  if (sqlite3_prepare_v2(fz_open(), sql, -1, &st, 0) != SQLITE_OK) abort();
  sqlite3_bind_text(st, 1, (const char *)a, na, SQLITE_TRANSIENT);
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
    out = strdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}

/* The integer answer of sql with parameter 1 bound (as a blob when blob),
** or -1 for NULL, no row or an error. */
static long long fz_int(const char *sql, const void *a, int na, int blob) {
  sqlite3_stmt *st = 0;
  long long out = -1;
  if (sqlite3_prepare_v2(fz_open(), sql, -1, &st, 0) != SQLITE_OK) abort();
  if (blob) sqlite3_bind_blob(st, 1, a, na, SQLITE_TRANSIENT);
  else sqlite3_bind_text(st, 1, (const char *)a, na, SQLITE_TRANSIENT);
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
    out = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return out;
}

/* Run a file of SQL (e.g. the schema) once, from the repo root. */
static void fz_exec_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) { fprintf(stderr, "fuzz: cannot read %s (run from the repo root)\n", path); abort(); }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) abort();
  buf[n] = 0;
  fclose(f);
  fz_exec(buf);
  free(buf);
}

#define fz_require(cond)                                                    \
  do {                                                                      \
    if (!(cond)) {                                                          \
      fprintf(stderr, "fuzz: identity failed: %s (%s:%d)\n", #cond,        \
              __FILE__, __LINE__);                                          \
      abort();                                                              \
    }                                                                       \
  } while (0)

/* Split data at the first byte `sep` into two parts. */
static void fz_split(const uint8_t *data, size_t size, uint8_t sep,
                     const uint8_t **a, int *na, const uint8_t **b, int *nb) {
  const uint8_t *p = memchr(data, sep, size);
  if (!p) {
    *a = data; *na = (int)size; *b = data + size; *nb = 0;
    return;
  }
  *a = data; *na = (int)(p - data);
  *b = p + 1; *nb = (int)(size - (size_t)(p - data) - 1);
}
