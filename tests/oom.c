/*
** oom.c — out-of-memory test: fail the Nth allocation, for N = 1, 2, …
**
**   oom [--ext build/muling.so] FILE.sql ...
**
** Each line of a file is one SQL statement under test; a line starting
** with `setup ` is SQL run before each statement of that file, with no
** failures injected.  For every statement the host first runs it with no
** failure and keeps its result (every row's text), then for N = 1, 2, …
** opens a fresh connection, loads the extension, runs the setup, arms an
** allocator (installed with SQLITE_CONFIG_MALLOC) that fails the Nth
** allocation once, and runs the statement.  Each run must end either in
** SQLITE_NOMEM or in success with exactly the baseline result: a function
** that swallows an allocation failure and answers something else fails the
** test.  The loop ends at the first N whose run made fewer than N
** allocations.  Built with ASan, leaks show at exit.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3_mem_methods g_orig;
static long g_countdown = -1; /* < 0: disarmed */
static int g_failed;

static void *xMalloc(int n) {
  if (g_countdown >= 0 && g_countdown-- == 0) {
    g_failed = 1;
    return 0;
  }
  return g_orig.xMalloc(n);
}
static void *xRealloc(void *p, int n) {
  if (g_countdown >= 0 && g_countdown-- == 0) {
    g_failed = 1;
    return 0;
  }
  return g_orig.xRealloc(p, n);
}

typedef struct Buf {
  char *z;
  size_t n, cap;
} Buf;

static void buf_add(Buf *b, const char *s) {
  size_t k = strlen(s);
  if (b->n + k + 1 > b->cap) {
    b->cap = (b->n + k + 1) * 2;
    b->z = realloc(b->z, b->cap);
    if (!b->z) abort();
  }
  memcpy(b->z + b->n, s, k + 1);
  b->n += k;
}

/* Run sql; append rows to out. Returns the sqlite3 result code and, on
** error, the message in *err (malloc'd). */
static int run(sqlite3 *db, const char *sql, Buf *out, char **err) {
  const char *tail = sql;
  while (tail && *tail) {
    sqlite3_stmt *st = 0;
    int rc = sqlite3_prepare_v2(db, tail, -1, &st, &tail);
    if (rc != SQLITE_OK) {
      *err = strdup(sqlite3_errmsg(db));
      return sqlite3_extended_errcode(db) & 0xff;
    }
    if (!st) continue;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(st); i++) {
        const unsigned char *v = sqlite3_column_text(st, i);
        if (v == 0 && sqlite3_errcode(db) == SQLITE_NOMEM) {
          sqlite3_finalize(st);
          *err = strdup("out of memory (column)");
          return SQLITE_NOMEM;
        }
        if (out) {
          buf_add(out, v ? (const char *)v : "NULL");
          buf_add(out, "|");
        }
      }
      if (out) buf_add(out, "\n");
    }
    if (rc != SQLITE_DONE) {
      *err = strdup(sqlite3_errmsg(db));
      sqlite3_finalize(st);
      return rc & 0xff;
    }
    sqlite3_finalize(st);
  }
  return SQLITE_OK;
}

static sqlite3 *open_db(const char *ext, const char *setup) {
  sqlite3 *db = 0;
  char *e = 0;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    fprintf(stderr, "oom: cannot open\n");
    exit(3);
  }
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, ext, 0, &e) != SQLITE_OK) {
    fprintf(stderr, "oom: load %s: %s\n", ext, e ? e : "?");
    exit(3);
  }
  char *err = 0;
  if (setup[0] && run(db, setup, 0, &err) != SQLITE_OK) {
    fprintf(stderr, "oom: setup failed: %s\n", err ? err : "?");
    exit(3);
  }
  return db;
}

/* At most max bytes of s, cut at a UTF-8 character boundary, for labels. */
static int label_len(const char *s, int max) {
  int n = (int)strlen(s);
  if (n <= max) return n;
  n = max;
  while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  return n;
}

static int g_pass, g_fail;
static long g_points;

static void test_stmt(const char *file, const char *ext, const char *setup,
                      const char *sql) {
  Buf base = {0}, got = {0};
  char *err = 0;
  sqlite3 *db = open_db(ext, setup);
  int brc = run(db, sql, &base, &err);
  sqlite3_close(db);
  if (!base.z) buf_add(&base, "");
  long n;
  int ok = 1;
  for (n = 0; n < 200000; n++) {
    db = open_db(ext, setup);
    got.n = 0;
    if (got.z) got.z[0] = 0;
    free(err);
    err = 0;
    g_failed = 0;
    g_countdown = n;
    int rc = run(db, sql, &got, &err);
    g_countdown = -1;
    sqlite3_close(db);
    if (!got.z) buf_add(&got, "");
    if (!g_failed) {
      /* fewer than n+1 allocations: the statement completed untouched */
      if (rc != brc || strcmp(got.z, base.z) != 0) {
        printf("FAIL %s oom-final [%s]: differs from baseline\n", file, sql);
        ok = 0;
      }
      break;
    }
    if (rc == SQLITE_NOMEM) continue;
    if (rc == brc && strcmp(got.z, base.z) == 0) continue; /* recovered */
    printf("FAIL %s oom N=%ld [%.*s]: rc=%d %s\n", file, n, label_len(sql, 80), sql, rc,
           err ? err : "(answered without error)");
    ok = 0;
    break;
  }
  g_points += n;
  if (ok) {
    printf("ok %s oom %ld allocations [%.*s]\n", file, n, label_len(sql, 60), sql);
    g_pass++;
  } else {
    g_fail++;
  }
  free(err);
  free(base.z);
  free(got.z);
}

int main(int argc, char **argv) {
  const char *ext = "build/muling.so";
  int i = 1;
  if (i + 1 < argc && !strcmp(argv[i], "--ext")) {
    ext = argv[i + 1];
    i += 2;
  }
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &g_orig);
  sqlite3_mem_methods m = g_orig;
  m.xMalloc = xMalloc;
  m.xRealloc = xRealloc;
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK) {
    fprintf(stderr, "oom: cannot install allocator\n");
    return 3;
  }
  /* lookaside would hide small allocations from the failing allocator */
  sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);
  for (; i < argc; i++) {
    FILE *f = fopen(argv[i], "r");
    if (!f) {
      printf("FAIL %s: cannot read\n", argv[i]);
      g_fail++;
      continue;
    }
    Buf setup = {0};
    buf_add(&setup, "");
    char line[65536];
    while (fgets(line, sizeof line, f)) {
      size_t k = strlen(line);
      while (k && (line[k - 1] == '\n' || line[k - 1] == '\r')) line[--k] = 0;
      if (k == 0 || !strncmp(line, "--", 2)) continue;
      if (!strncmp(line, "setup ", 6)) {
        buf_add(&setup, line + 6);
        buf_add(&setup, "\n");
        continue;
      }
      test_stmt(argv[i], ext, setup.z, line);
    }
    free(setup.z);
    fclose(f);
  }
  printf("oom: %ld allocation points exercised\n", g_points);
  printf("oom: %d passed, %d failed\n", g_pass, g_fail);
  return g_fail ? 1 : 0;
}
