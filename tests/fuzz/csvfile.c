/* Fuzz csvfile: the input is a file's contents, read in each encoding,
** plain and gzipped, failing and with on_error=row. */
#include "fuzz.h"
#include <unistd.h>
#include <zlib.h>

static char path[64], gzpath[64];

static void write_files(const uint8_t *data, size_t size) {
  if (!path[0]) {
    snprintf(path, sizeof path, "/tmp/muling-fuzz-%d.csv", (int)getpid());
    snprintf(gzpath, sizeof gzpath, "/tmp/muling-fuzz-%d.csv.gz", (int)getpid());
  }
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, size, f) != size) abort();
  fclose(f);
  gzFile g = gzopen(gzpath, "wb");
  if (!g) abort();
  if (size && gzwrite(g, data, (unsigned)size) != (int)size) abort();
  gzclose(g);
}

static void read_all(const char *file, const char *opts) {
  char *sql = sqlite3_mprintf(
      "create virtual table temp.f using csvfile(filename='%q', %s)", file, opts);
  if (!sql) abort();
  char *err = 0;
  if (sqlite3_exec(fz_open(), sql, 0, 0, &err) == SQLITE_OK) {
    fz_run("select *, _line, _error, _raw, _offset from temp.f", 0, 0, 0, 0, 0, 0, 0);
    fz_exec("drop table temp.f");
  }
  sqlite3_free(err);
  sqlite3_free(sql);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 8192) return 0;
  write_files(data, size);
  static const char *opts[] = {
      "header=yes, on_error=row",
      "header=no, encoding=gb18030, on_error=row",
      "header=yes, encoding=gbk",
      "header=no, delimiter=';', columns=3, on_error=row",
      "header=yes",
  };
  for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) read_all(path, opts[i]);
  read_all(gzpath, "header=yes, encoding=gb18030, on_error=row");
  return 0;
}
