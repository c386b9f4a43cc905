/*
** host.c — the SQL test and benchmark host.
**
**   host [--ext build/muling.so] [--bench] [--db FILE] FILE.sql ...
**
** Each FILE.sql runs in a fresh connection (in memory, or FILE with --db)
** with the extension loaded by load_extension() with no entry point given,
** as DB Browser for SQLite does.  Statements run in order.  A row of two
** columns whose first is text is a check, sqlean style:
**
**   select 'idcard-07', idcard_valid('11010519491231002X') = 1;
**
** and passes when its second column is the integer 1.  The host prints
** `ok FILE name` or `FAIL FILE name …` for each, and `FAIL FILE:LINE …` for a
** statement that errors.  Test-only SQL functions:
**
**   test_error(sql)     run every statement of sql; the error message, or
**                       NULL when all succeeded (errors are part of the
**                       interface, so tests compare them verbatim)
**   test_rows(sql)      the number of rows sql returns
**   test_read(path)     run every statement of the file at path (relative
**                       to the repo root), e.g. test_read('sql/schema.sql');
**                       NULL on success, else the error message
**   bench_ms(sql [,n])  best wall-clock ms of n runs (default 3) of sql,
**                       stepping every row: for the benchmark files only
**   bench_cpu_ms(sql [,n])  the same in process CPU time (user + system)
**   bench_env(name)     an environment variable, NULL if unset (BENCH_BIG)
**   bench_heap_kb(sql)  the most sqlite3_malloc memory sql held, in KB
**
** With --bench every row of every statement is printed, '|'-separated.
** This host is built with the same sanitizers as the extension under test,
** so `make asan` checks the extension with ASan and UBSan.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int g_pass, g_fail, g_bench;

static int run_all(sqlite3 *db, const char *sql, sqlite3_int64 *rows,
                   char **err) {
  const char *tail = sql;
  *rows = 0;
  while (tail && *tail) {
    sqlite3_stmt *st = 0;
    int rc = sqlite3_prepare_v2(db, tail, -1, &st, &tail);
    if (rc != SQLITE_OK) {
      *err = sqlite3_mprintf("%s", sqlite3_errmsg(db));
      return rc;
    }
    if (st == 0) continue;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) (*rows)++;
    if (rc != SQLITE_DONE) {
      *err = sqlite3_mprintf("%s", sqlite3_errmsg(db));
      sqlite3_finalize(st);
      return rc;
    }
    sqlite3_finalize(st);
  }
  return SQLITE_OK;
}

static void test_error(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *sql = (const char *)sqlite3_value_text(argv[0]);
  if (sql == 0) return;
  char *err = 0;
  sqlite3_int64 rows;
  if (run_all(sqlite3_context_db_handle(ctx), sql, &rows, &err) != SQLITE_OK)
    sqlite3_result_text(ctx, err ? err : "(no message)", -1, SQLITE_TRANSIENT);
  sqlite3_free(err);
}

static void test_rows(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *sql = (const char *)sqlite3_value_text(argv[0]);
  if (sql == 0) return;
  char *err = 0;
  sqlite3_int64 rows;
  if (run_all(sqlite3_context_db_handle(ctx), sql, &rows, &err) != SQLITE_OK) {
    sqlite3_result_error(ctx, err ? err : "test_rows failed", -1);
  } else {
    sqlite3_result_int64(ctx, rows);
  }
  sqlite3_free(err);
}

static char *slurp(const char *path);

static void test_read(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *path = (const char *)sqlite3_value_text(argv[0]);
  if (path == 0) return;
  char *text = slurp(path);
  if (text == 0) {
    char *m = sqlite3_mprintf("test_read: cannot read %s", path);
    sqlite3_result_text(ctx, m, -1, sqlite3_free);
    return;
  }
  char *err = 0;
  sqlite3_int64 rows;
  if (run_all(sqlite3_context_db_handle(ctx), text, &rows, &err) != SQLITE_OK)
    sqlite3_result_text(ctx, err ? err : "(no message)", -1, SQLITE_TRANSIENT);
  sqlite3_free(err);
  free(text);
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* bench_ms and bench_cpu_ms: the best of n runs of sql, by the wall clock
** or by the process's CPU time (user + system), which a machine shared
** with other jobs disturbs less. */
static void bench_run(sqlite3_context *ctx, int argc, sqlite3_value **argv, double (*clock)(void)) {
  const char *sql = (const char *)sqlite3_value_text(argv[0]);
  int n = argc > 1 ? sqlite3_value_int(argv[1]) : 3;
  if (sql == 0) return;
  double best = -1;
  for (int i = 0; i < (n < 1 ? 1 : n); i++) {
    char *err = 0;
    sqlite3_int64 rows;
    double t0 = clock();
    if (run_all(sqlite3_context_db_handle(ctx), sql, &rows, &err) !=
        SQLITE_OK) {
      sqlite3_result_error(ctx, err ? err : "bench_ms failed", -1);
      sqlite3_free(err);
      return;
    }
    double t = clock() - t0;
    if (best < 0 || t < best) best = t;
  }
  sqlite3_result_double(ctx, best);
}
static void bench_ms(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  bench_run(ctx, argc, argv, now_ms);
}
static void bench_cpu_ms(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  bench_run(ctx, argc, argv, cpu_ms);
}

/* bench_env(name): an environment variable (BENCH_BIG), NULL if unset. */
static void bench_env(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *name = (const char *)sqlite3_value_text(argv[0]);
  const char *v = name ? getenv(name) : 0;
  if (v) sqlite3_result_text(ctx, v, -1, SQLITE_TRANSIENT);
}

/* bench_heap_kb(sql): the most heap (sqlite3_malloc) sql held above what
** was in use before it, in KB: the memory a statement itself needs. */
static void bench_heap_kb(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *sql = (const char *)sqlite3_value_text(argv[0]);
  if (sql == 0) return;
  sqlite3_int64 cur = 0, hi = 0;
  sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &cur, &hi, 1);
  char *err = 0;
  sqlite3_int64 rows;
  if (run_all(sqlite3_context_db_handle(ctx), sql, &rows, &err) != SQLITE_OK) {
    sqlite3_result_error(ctx, err ? err : "bench_heap_kb failed", -1);
    sqlite3_free(err);
    return;
  }
  sqlite3_int64 now = 0, peak = 0;
  sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &now, &peak, 0);
  sqlite3_result_int64(ctx, (peak - cur) / 1024);
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = 0;
  }
  if (buf) buf[n] = 0;
  fclose(f);
  return buf;
}

static int line_of(const char *start, const char *p) {
  int line = 1;
  for (const char *q = start; q < p; q++)
    if (*q == '\n') line++;
  return line;
}

static const char *skip_space(const char *p) {
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    if (p[0] == '-' && p[1] == '-') {
      while (*p && *p != '\n') p++;
    } else {
      return p;
    }
  }
}

static void run_file(const char *path, const char *ext, const char *dbfile) {
  char *text = slurp(path);
  if (!text) {
    printf("FAIL %s: cannot read\n", path);
    g_fail++;
    return;
  }
  sqlite3 *db = 0;
  if (sqlite3_open(dbfile ? dbfile : ":memory:", &db) != SQLITE_OK) {
    printf("FAIL %s: cannot open database\n", path);
    g_fail++;
    free(text);
    sqlite3_close(db);
    return;
  }
  char *err = 0;
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, ext, 0, &err) != SQLITE_OK) {
    printf("FAIL %s: load %s: %s\n", path, ext, err ? err : "?");
    g_fail++;
    sqlite3_free(err);
    sqlite3_close(db);
    free(text);
    return;
  }
  sqlite3_create_function(db, "test_error", 1, SQLITE_UTF8, 0, test_error, 0, 0);
  sqlite3_create_function(db, "test_rows", 1, SQLITE_UTF8, 0, test_rows, 0, 0);
  sqlite3_create_function(db, "test_read", 1, SQLITE_UTF8, 0, test_read, 0, 0);
  sqlite3_create_function(db, "bench_ms", 1, SQLITE_UTF8, 0, bench_ms, 0, 0);
  sqlite3_create_function(db, "bench_ms", 2, SQLITE_UTF8, 0, bench_ms, 0, 0);
  sqlite3_create_function(db, "bench_cpu_ms", 1, SQLITE_UTF8, 0, bench_cpu_ms, 0, 0);
  sqlite3_create_function(db, "bench_cpu_ms", 2, SQLITE_UTF8, 0, bench_cpu_ms, 0, 0);
  sqlite3_create_function(db, "bench_env", 1, SQLITE_UTF8, 0, bench_env, 0, 0);
  sqlite3_create_function(db, "bench_heap_kb", 1, SQLITE_UTF8, 0, bench_heap_kb, 0, 0);

  const char *tail = text;
  for (;;) {
    tail = skip_space(tail);
    if (!*tail) break;
    const char *start = tail;
    sqlite3_stmt *st = 0;
    int rc = sqlite3_prepare_v2(db, start, -1, &st, &tail);
    if (rc != SQLITE_OK) {
      printf("FAIL %s:%d: %s\n", path, line_of(text, start), sqlite3_errmsg(db));
      g_fail++;
      /* skip to the next ';' so one bad statement does not end the file */
      const char *semi = strchr(start, ';');
      if (!semi) break;
      tail = semi + 1;
      continue;
    }
    if (!st) continue;
    int ncol = sqlite3_column_count(st);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      if (g_bench) {
        for (int i = 0; i < ncol; i++) {
          const char *v = (const char *)sqlite3_column_text(st, i);
          printf("%s%s", i ? "|" : "", v ? v : "");
        }
        printf("\n");
        fflush(stdout);
      } else if (ncol == 2 && sqlite3_column_type(st, 0) == SQLITE_TEXT) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (sqlite3_column_type(st, 1) == SQLITE_INTEGER &&
            sqlite3_column_int64(st, 1) == 1) {
          printf("ok %s %s\n", path, name);
          g_pass++;
        } else {
          const char *got = (const char *)sqlite3_column_text(st, 1);
          printf("FAIL %s %s (line %d): got %s\n", path, name,
                 line_of(text, start), got ? got : "NULL");
          g_fail++;
        }
      }
    }
    if (rc != SQLITE_DONE) {
      printf("FAIL %s:%d: %s\n", path, line_of(text, start), sqlite3_errmsg(db));
      g_fail++;
    }
    sqlite3_finalize(st);
  }
  if (sqlite3_close(db) != SQLITE_OK) {
    printf("FAIL %s: close: %s\n", path, sqlite3_errmsg(db));
    g_fail++;
    sqlite3_close_v2(db);
  }
  free(text);
}

int main(int argc, char **argv) {
  const char *ext = "build/muling.so";
  const char *dbfile = 0;
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
    if (!strcmp(argv[i], "--ext") && i + 1 < argc) {
      ext = argv[++i];
    } else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
      dbfile = argv[++i];
    } else if (!strcmp(argv[i], "--bench")) {
      g_bench = 1;
    } else {
      fprintf(stderr, "usage: host [--ext SO] [--db FILE] [--bench] FILE.sql...\n");
      return 2;
    }
  }
  for (; i < argc; i++) run_file(argv[i], ext, dbfile);
  if (!g_bench) printf("host: %d passed, %d failed\n", g_pass, g_fail);
  return g_fail ? 1 : 0;
}
