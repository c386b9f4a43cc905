/*
** oom_cli.c — out of memory in the `muling` command, at every allocation.
**
**   oom_cli [--runs R [--dense D]] [--keep-going] DIR CSV REPORTDB
**
** The command's sources are compiled in with -Dmain=muling_main (see the
** Makefile's build/oom_cli rule), so this host calls the real command.
** Before any connection it installs an allocator (SQLITE_CONFIG_MALLOC, as
** tests/oom.c does) that fails the Nth allocation once.  Cases:
**
**   import   muling import DB residents CSV --encoding gb18030
**            (DB a fresh copy of an empty muling database made in DIR)
**   reimport the same, DB holding CSV's rows already (one changed) and
**            one resident more: matched, updated, listed as not in it
**   profile  muling report REPORTDB profile
**   points   muling report REPORTDB points --format json
**   check    muling check REPORTDB
**
** Each case first runs with no failure (the baseline: exit status, stdout
** and, for import, the database dump afterwards), then for N = 1, 2, … in
** a fork()ed child whose stdout and stderr go to files.  Every run must end
**   - as the baseline did (same status and stdout; for import the same
**     dump), or
**   - in a clean error: exit 3, a message saying "out of memory" on stderr,
**     and for import the database exactly as it was before (dump);
** never a signal, never a sanitizer report (in the ASan build each child
** runs LeakSanitizer at exit, so a leak on any error path fails the run).
** The loop ends at the first N whose run made fewer than N allocations; the
** number of allocation points (allocations of the baseline run) is printed.
** The default tries every point.  --runs R (for `make test`, which must stay
** quick) tries the first D points (default 100), where the command starts
** up, and then every Sth, S chosen so that about R runs cover the rest.
** --keep-going goes on after a failing run (to list them all; not after a
** crash).
** Prints `ok …` / `FAIL …` lines; exits 1 on any failure.
*/
/* The Makefile compiles everything with -Dmain=muling_main: this main stays. */
#undef main

#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int muling_main(int argc, char **argv);

/* ---- the failing allocator ------------------------------------------- */

static sqlite3_mem_methods g_orig;
static long g_countdown = -1; /* < 0: disarmed */
static int g_failed;
static long g_count; /* allocations in this process since the last reset */

static void *xMalloc(int n) {
  g_count++;
  if (g_countdown >= 0 && g_countdown-- == 0) {
    g_failed = 1;
    return 0;
  }
  return g_orig.xMalloc(n);
}
static void *xRealloc(void *p, int n) {
  g_count++;
  if (g_countdown >= 0 && g_countdown-- == 0) {
    g_failed = 1;
    return 0;
  }
  return g_orig.xRealloc(p, n);
}

/* ---- small helpers ------------------------------------------------------ */

typedef struct Buf {
  char *z;
  size_t n, cap;
} Buf;

static void buf_addn(Buf *b, const char *s, size_t k) {
  if (b->n + k + 1 > b->cap) {
    b->cap = (b->n + k + 1) * 2;
    b->z = realloc(b->z, b->cap);
    if (!b->z) abort();
  }
  memcpy(b->z + b->n, s, k);
  b->n += k;
  b->z[b->n] = 0;
}
static void buf_add(Buf *b, const char *s) { buf_addn(b, s, strlen(s)); }

static char *read_file(const char *path) {
  Buf b = {0};
  buf_add(&b, "");
  FILE *f = fopen(path, "rb");
  if (!f) return b.z;
  char chunk[8192];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) buf_addn(&b, chunk, k);
  fclose(f);
  return b.z;
}

static int copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
  int ok = in && out;
  char chunk[65536];
  size_t k;
  while (ok && (k = fread(chunk, 1, sizeof chunk, in)) > 0)
    ok = fwrite(chunk, 1, k, out) == k;
  if (in) fclose(in);
  if (out && fclose(out) != 0) ok = 0;
  return ok;
}

/* Every table's rows and the schema, as text; "" if the file cannot be read.
** Run in the parent with the allocator disarmed. */
static char *dump_db(const char *path) {
  Buf b = {0};
  buf_add(&b, "");
  sqlite3 *db = 0;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, 0) != SQLITE_OK) {
    buf_add(&b, "cannot open: ");
    buf_add(&b, sqlite3_errmsg(db));
    sqlite3_close(db);
    return b.z;
  }
  sqlite3_stmt *tabs = 0;
  if (sqlite3_prepare_v2(db,
          "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name", -1, &tabs, 0) != SQLITE_OK) {
    buf_add(&b, "cannot read the schema: ");
    buf_add(&b, sqlite3_errmsg(db));
  }
  while (tabs && sqlite3_step(tabs) == SQLITE_ROW) {
    const char *type = (const char *)sqlite3_column_text(tabs, 0);
    const char *name = (const char *)sqlite3_column_text(tabs, 1);
    const char *sql = (const char *)sqlite3_column_text(tabs, 2);
    buf_add(&b, type ? type : "");
    buf_add(&b, " ");
    buf_add(&b, name ? name : "");
    buf_add(&b, "\n");
    buf_add(&b, sql ? sql : "");
    buf_add(&b, "\n");
    if (!type || strcmp(type, "table") != 0 || !name || !strncmp(name, "sqlite_", 7)) continue;
    /* Columns that default to the clock (imported_at) are left out: two
    ** imports a second apart differ there and nowhere else. */
    sqlite3_stmt *cols = 0;
    char *list = 0;
    if (sqlite3_prepare_v2(db,
            "SELECT group_concat(CASE WHEN dflt_value LIKE '%''now''%' THEN '''(clock)'''"
            " ELSE '\"' || replace(name, '\"', '\"\"') || '\"' END, ', ')"
            " FROM pragma_table_info(?1)", -1, &cols, 0) == SQLITE_OK &&
        sqlite3_bind_text(cols, 1, name, -1, SQLITE_STATIC) == SQLITE_OK &&
        sqlite3_step(cols) == SQLITE_ROW)
      list = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(cols, 0));
    sqlite3_finalize(cols);
    const char *sel = list ? list : "*";
    char *q = sqlite3_mprintf("SELECT %s FROM \"%w\" ORDER BY rowid", sel, name);
    sqlite3_stmt *rows = 0;
    if (sqlite3_prepare_v2(db, q, -1, &rows, 0) != SQLITE_OK) {
      sqlite3_free(q); /* WITHOUT ROWID: in primary-key order anyway */
      q = sqlite3_mprintf("SELECT %s FROM \"%w\"", sel, name);
      if (sqlite3_prepare_v2(db, q, -1, &rows, 0) != SQLITE_OK) buf_add(&b, "cannot read\n");
    }
    sqlite3_free(q);
    sqlite3_free(list);
    while (rows && sqlite3_step(rows) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(rows); i++) {
        const char *v = (const char *)sqlite3_column_text(rows, i);
        buf_add(&b, v ? v : "NULL");
        buf_add(&b, "|");
      }
      buf_add(&b, "\n");
    }
    sqlite3_finalize(rows);
  }
  sqlite3_finalize(tabs);
  sqlite3_close(db);
  return b.z;
}

/* ---- one run of the command in a child ------------------------------- */

typedef struct Run {
  int status;     /* exit status, or -signal */
  int injected;   /* the Nth allocation was reached and failed */
  long count;     /* allocations the command made */
  char *out, *err;
} Run;

static const char *g_dir;

/* Run `muling ARGV…` in a child with the Nth allocation failing (n < 0:
** none).  The child exits with muling's status, after LeakSanitizer when
** built with it. */
static Run run_cli(char **argv, long n) {
  Run r = {0, 0, 0, 0, 0};
  char outp[4096], errp[4096];
  snprintf(outp, sizeof outp, "%s/stdout", g_dir);
  snprintf(errp, sizeof errp, "%s/stderr", g_dir);
  int pfd[2];
  if (pipe(pfd) != 0) {
    perror("oom_cli: pipe");
    exit(3);
  }
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    perror("oom_cli: fork");
    exit(3);
  }
  if (pid == 0) {
    close(pfd[0]);
    int fo = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fe = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fo < 0 || fe < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0) _exit(120);
    close(fo);
    close(fe);
    alarm(60); /* a hang is a failure (SIGALRM), not a stuck test */
    int argc = 0;
    while (argv[argc]) argc++;
    g_failed = 0;
    g_count = 0;
    g_countdown = n;
    int rc = muling_main(argc, argv);
    g_countdown = -1;
    char msg[64];
    int k = snprintf(msg, sizeof msg, "%d %ld\n", g_failed, g_count);
    if (write(pfd[1], msg, (size_t)k) != k) _exit(121);
    close(pfd[1]);
    exit(rc); /* flushes stdio; LeakSanitizer runs here */
  }
  close(pfd[1]);
  char msg[64] = "";
  size_t got = 0;
  for (;;) {
    ssize_t k = read(pfd[0], msg + got, sizeof msg - 1 - got);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    got += (size_t)k;
  }
  msg[got] = 0;
  close(pfd[0]);
  int ws = 0;
  while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : WIFSIGNALED(ws) ? -WTERMSIG(ws) : -999;
  r.injected = msg[0] == '1';
  r.count = got > 2 ? atol(msg + 2) : -1;
  r.out = read_file(outp);
  r.err = read_file(errp);
  return r;
}

static void run_free(Run *r) {
  free(r->out);
  free(r->err);
}

static int sanitizer_report(const char *err) {
  return strstr(err, "Sanitizer") || strstr(err, "runtime error:");
}

/* The first line of s, at most 160 bytes, for messages. */
static const char *first_line(const char *s, char *buf, size_t cap) {
  size_t k = 0;
  while (s[k] && s[k] != '\n' && k + 1 < cap && k < 160) k++;
  memcpy(buf, s, k);
  buf[k] = 0;
  return buf;
}

/* ---- a case -------------------------------------------------------------- */

static int g_pass, g_fail;
static long g_points, g_runs = 0; /* 0: every point */
static long g_dense = 100;        /* with g_runs: points tried one by one */
static int g_keep_going;          /* go on after a failure (not a crash) */

/* NAME: argv; fresh/db: for import, copy fresh to db before each run and
** compare dumps (NULL otherwise). */
static void test_case(const char *name, char **argv, const char *fresh, const char *db) {
  char line[256];
  char *dump_before = 0, *dump_base = 0;
  if (fresh) {
    if (!copy_file(fresh, db)) {
      printf("FAIL oom_cli %s: cannot copy %s\n", name, fresh);
      g_fail++;
      return;
    }
    dump_before = dump_db(db);
  }
  Run base = run_cli(argv, -1);
  if (base.status < 0 || base.status == 3 || sanitizer_report(base.err)) {
    printf("FAIL oom_cli %s: the baseline run failed (status %d): %s\n", name, base.status,
           first_line(base.err, line, sizeof line));
    g_fail++;
    free(dump_before);
    run_free(&base);
    return;
  }
  if (fresh) dump_base = dump_db(db);
  long stride = 1;
  if (g_runs > 0 && base.count > g_dense) stride = (base.count - g_dense) / g_runs + 1;
  long n, runs = 0, nomem = 0, recovered = 0;
  int ok = 1;
  for (n = 0;; n += n < g_dense ? 1 : stride) {
    if (fresh && !copy_file(fresh, db)) {
      printf("FAIL oom_cli %s N=%ld: cannot copy %s\n", name, n + 1, fresh);
      ok = 0;
      break;
    }
    Run r = run_cli(argv, n);
    runs++;
    const char *why = 0;
    char *dump = 0;
    if (r.status < 0) {
      why = r.status == -SIGALRM ? "hung (60 s)" : "killed by a signal";
    } else if (sanitizer_report(r.err)) {
      why = "sanitizer report";
    } else if (r.status == base.status && strcmp(r.out, base.out) == 0) {
      if (fresh) {
        dump = dump_db(db);
        if (strcmp(dump, dump_base) != 0) why = "the baseline's output but not its database";
      }
      if (!why) recovered += r.injected;
    } else if (r.status == 3 && strstr(r.err, "out of memory")) {
      if (fresh) {
        dump = dump_db(db);
        if (strcmp(dump, dump_before) != 0) why = "out of memory but the database changed";
      }
      nomem++;
    } else {
      why = r.status == 3 ? "exit 3 without saying out of memory" : "neither the baseline nor a clean error";
    }
    if (why && fresh) { /* keep the database for a look */
      char keep[4200];
      snprintf(keep, sizeof keep, "%s/%s-N%ld.db", g_dir, name, n + 1);
      if (copy_file(db, keep)) printf("oom_cli: kept %s\n", keep);
    }
    if (why) {
      printf("FAIL oom_cli %s N=%ld: %s (status %d, baseline %d): %s\n", name, n + 1, why,
             r.status, base.status, first_line(*r.err ? r.err : r.out, line, sizeof line));
      if (r.status < 0 || sanitizer_report(r.err)) fputs(r.err, stdout);
      ok = 0;
    }
    free(dump);
    int done = !r.injected, r_crashed = r.status < 0;
    run_free(&r);
    if (done || (why && (!g_keep_going || r_crashed))) break;
  }
  g_points += base.count;
  if (ok)
    printf("ok oom_cli %s: %ld allocation points, %ld runs (every %s; %ld out of memory, %ld recovered)\n",
           name, base.count, runs, stride == 1 ? "point" : "point at the start, then a sample",
           nomem, recovered);
  if (ok) g_pass++;
  else g_fail++;
  free(dump_before);
  free(dump_base);
  run_free(&base);
}

int main(int argc, char **argv) {
  int i = 1;
  for (;;) {
    if (i + 1 < argc && !strcmp(argv[i], "--runs")) {
      g_runs = atol(argv[i + 1]);
      i += 2;
    } else if (i + 1 < argc && !strcmp(argv[i], "--dense")) {
      g_dense = atol(argv[i + 1]);
      i += 2;
    } else if (i < argc && !strcmp(argv[i], "--keep-going")) {
      g_keep_going = 1;
      i++;
    } else {
      break;
    }
  }
  if (argc - i != 3 || g_runs < 0 || g_dense < 0) {
    fprintf(stderr, "usage: oom_cli [--runs R [--dense D]] [--keep-going] DIR CSV REPORTDB\n");
    return 2;
  }
  g_dir = argv[i];
  const char *csv = argv[i + 1], *reportdb = argv[i + 2];

  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &g_orig);
  sqlite3_mem_methods m = g_orig;
  m.xMalloc = xMalloc;
  m.xRealloc = xRealloc;
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK) {
    fprintf(stderr, "oom_cli: cannot install the allocator\n");
    return 3;
  }
  /* lookaside would hide small allocations from the failing allocator */
  sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);
  if (sqlite3_initialize() != SQLITE_OK) {
    fprintf(stderr, "oom_cli: sqlite3_initialize failed\n");
    return 3;
  }

  char fresh[4096], db[4096];
  snprintf(fresh, sizeof fresh, "%s/fresh.db", g_dir);
  snprintf(db, sizeof db, "%s/import.db", g_dir);
  unlink(fresh);
  char *init_argv[] = {"muling", "init", fresh, 0};
  Run r = run_cli(init_argv, -1);
  if (r.status != 0) {
    printf("FAIL oom_cli init: muling init %s exited %d: %s\n", fresh, r.status, r.err);
    return 1;
  }
  run_free(&r);

  char *import_argv[] = {"muling", "import", db, "residents", (char *)csv,
                         "--encoding", "gb18030", 0};
  test_case("import", import_argv, fresh, db);

  /* The same file again, into a database that has its rows already (one
  ** of them with its phone erased) and one resident more: the match, the
  ** update, the warnings and the list of residents not in the export. */
  char stored[4096], again[4096];
  snprintf(stored, sizeof stored, "%s/stored.db", g_dir);
  snprintf(again, sizeof again, "%s/reimport.db", g_dir);
  char *store_argv[] = {"muling", "import", stored, "residents", (char *)csv, "--encoding", "gb18030", 0};
  char *again_argv[] = {"muling", "import", again, "residents", (char *)csv, "--encoding", "gb18030", 0};
  sqlite3 *sdb = 0;
  int stored_ok = copy_file(fresh, stored);
  if (stored_ok) {
    r = run_cli(store_argv, -1);
    stored_ok = r.status == 0 || r.status == 1;
    run_free(&r);
  }
  stored_ok = stored_ok && sqlite3_open(stored, &sdb) == SQLITE_OK &&
              sqlite3_exec(sdb, "UPDATE residents SET phone = NULL WHERE id = (SELECT min(id) FROM residents);"
                                "INSERT INTO residents(name) VALUES ('不在此表');", 0, 0, 0) == SQLITE_OK;
  sqlite3_close(sdb);
  if (stored_ok) {
    test_case("reimport", again_argv, stored, again);
  } else {
    printf("FAIL oom_cli reimport: cannot make %s\n", stored);
    g_fail++;
  }
  char *profile_argv[] = {"muling", "report", (char *)reportdb, "profile", 0};
  test_case("report-profile", profile_argv, 0, 0);
  char *points_argv[] = {"muling", "report", (char *)reportdb, "points", "--format", "json", 0};
  test_case("report-points-json", points_argv, 0, 0);
  char *check_argv[] = {"muling", "check", (char *)reportdb, 0};
  test_case("check", check_argv, 0, 0);

  printf("oom_cli: %ld allocation points exercised\n", g_points);
  printf("oom_cli: %d passed, %d failed\n", g_pass, g_fail);
  return g_fail ? 1 : 0;
}
