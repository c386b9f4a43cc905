/* Fuzz `muling import`: the real command (its sources compiled in with
** -Dmain=muling_main, as tests/oom_cli.c does) loads a fuzzed CSV into a
** copy of the sample community's database.
**
** The first byte picks the encoding (utf-8, gb18030, gbk), plain or .gz,
** the table (residents, with its transform and checks, or households,
** column by column) and the delimiter; the rest is the file.  Whatever the
** bytes, the command must end in one of its statuses, and:
**   - on success (0, or 1 with rejects) it printed `read N, loaded L,
**     rejected R` with N = L + R, import_rejects grew by exactly R, and
**     the table by exactly L rows (households) or by the `new` of
**     `new W, updated U, unchanged K, …` with W + U + K = L (residents:
**     a row may be a resident the sample already has);
**   - on an error (2: a header column with nowhere to go, which --map
**     would fix; 3: anything else) the database is as it was (row counts);
**   - the table passes integrity_check and foreign_key_check. */
#include "fuzz.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

int muling_main(int argc, char **argv);

static char dir[64], tpl[96], work[96], csv[96], gz[96], out[96];
static unsigned char *tplBytes;
static size_t tplSize;

static void write_file(const char *path, const void *p, size_t n) {
  FILE *f = fopen(path, "wb");
  if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0) abort();
}

/* Run the command with stdout captured into `out`; its status. */
static int run(int argc, char **argv) {
  fflush(stdout);
  int saved = dup(1);
  int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (saved < 0 || fd < 0 || dup2(fd, 1) < 0) abort();
  close(fd);
  int rc = muling_main(argc, argv);
  fflush(stdout);
  if (dup2(saved, 1) < 0) abort();
  close(saved);
  return rc;
}

static void setup(void) {
  snprintf(dir, sizeof dir, "/tmp/muling-fuzz-import-%d", (int)getpid());
  snprintf(tpl, sizeof tpl, "%s/tpl.db", dir);
  snprintf(work, sizeof work, "%s/work.db", dir);
  snprintf(csv, sizeof csv, "%s/in.csv", dir);
  snprintf(gz, sizeof gz, "%s/in.csv.gz", dir);
  snprintf(out, sizeof out, "%s/out.txt", dir);
  mkdir(dir, 0700);
  unlink(tpl);
  char *argv[] = {"muling", "init", tpl, "--sample", "tachenglu", 0};
  if (run(5, argv) != 0) {
    fprintf(stderr, "fuzz: muling init failed (run from the repo root)\n");
    abort();
  }
  FILE *f = fopen(tpl, "rb");
  if (!f) abort();
  fseek(f, 0, SEEK_END);
  tplSize = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  tplBytes = malloc(tplSize);
  if (!tplBytes || fread(tplBytes, 1, tplSize, f) != tplSize) abort();
  fclose(f);
}

/* Row counts of table and import_rejects in the work database; the table
** must pass integrity_check (its indexes agree with it) and
** foreign_key_check. */
static void counts(const char *table, long long *pRows, long long *pRejects) {
  sqlite3 *db = 0;
  sqlite3_stmt *st = 0;
  char *sql = sqlite3_mprintf("SELECT (SELECT count(*) FROM \"%w\"), (SELECT count(*) FROM import_rejects),"
                              " (SELECT group_concat(integrity_check) FROM pragma_integrity_check(%Q)),"
                              " (SELECT count(*) FROM pragma_foreign_key_check(%Q))", table, table, table);
  if (!sql || sqlite3_open_v2(work, &db, SQLITE_OPEN_READONLY, 0) != SQLITE_OK ||
      sqlite3_prepare_v2(db, sql, -1, &st, 0) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
    fprintf(stderr, "fuzz: cannot read %s: %s\n", work, db ? sqlite3_errmsg(db) : "?");
    abort();
  }
  *pRows = sqlite3_column_int64(st, 0);
  *pRejects = sqlite3_column_int64(st, 1);
  const char *ok = (const char *)sqlite3_column_text(st, 2);
  fz_require(ok && strcmp(ok, "ok") == 0);
  fz_require(sqlite3_column_int64(st, 3) == 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  sqlite3_free(sql);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!tplBytes) setup();
  if (size < 1) return 0;
  static const char *const enc[] = {"utf-8", "gb18030", "gbk", "utf-8"};
  static const char *const delim[] = {",", ";", "tab", "|"};
  const char *encoding = enc[data[0] & 3];
  int gzipped = data[0] >> 2 & 1;
  const char *table = data[0] >> 3 & 1 ? "households" : "residents";
  const char *delimiter = delim[data[0] >> 4 & 3];
  data++, size--;
  if (gzipped) {
    gzFile g = gzopen(gz, "wb");
    if (!g || (size && gzwrite(g, data, (unsigned)size) != (int)size) || gzclose(g) != Z_OK) abort();
  } else {
    write_file(csv, data, size);
  }
  /* the template's counts, once per table */
  static long long before[2][2] = {{-1, -1}, {-1, -1}};
  long long *b = before[table[0] == 'h'];
  write_file(work, tplBytes, tplSize);
  if (b[0] < 0) counts(table, &b[0], &b[1]);
  long long rows0 = b[0], rej0 = b[1], rows1, rej1;
  unlink(out);
  char *argv[] = {"muling", "import", work, (char *)table, gzipped ? gz : csv,
                  "--encoding", (char *)encoding, "--delimiter", (char *)delimiter, 0};
  int rc = run(9, argv);
  counts(table, &rows1, &rej1);
  fz_require(rc >= 0 && rc <= 3);
  if (rc >= 2) {
    fz_require(rows1 == rows0 && rej1 == rej0);
    return 0;
  }
  FILE *f = fopen(out, "rb");
  char line[256] = "", line2[256] = "";
  if (!f) abort();
  if (!fgets(line, sizeof line, f)) line[0] = 0;
  if (!fgets(line2, sizeof line2, f)) line2[0] = 0;
  fclose(f);
  long long n = -1, l = -1, r = -1;
  fz_require(sscanf(line, "read %lld, loaded %lld, rejected %lld", &n, &l, &r) == 3);
  fz_require(n == l + r && rej1 - rej0 == r);
  if (table[0] == 'r') {
    /* residents are matched against the sample's: the table grows by the
    ** new rows, and the loaded rows are new, updated or unchanged */
    long long nw = -1, up = -1, un = -1, miss = -1;
    fz_require(sscanf(line2, "new %lld, updated %lld, unchanged %lld, not in this export %lld",
                      &nw, &up, &un, &miss) == 4);
    fz_require(rows1 - rows0 == nw && nw + up + un == l && miss >= 0);
  } else {
    fz_require(rows1 - rows0 == l);
  }
  fz_require((rc == 1) == (r > 0));
  return 0;
}
