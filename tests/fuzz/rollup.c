/* Fuzz rollup on fuzzed trees (cycles, dangling parents, deep chains) and
** categories.  Byte 0: number of areas; then one parent byte per area;
** byte: options selector; the rest: (area, category) pairs of residents. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2 || size > 4096) return 0;
  fz_exec("drop table if exists areas; drop table if exists people;"
          "create table areas(id integer primary key, parent_id, level, name);"
          "create table people(area_id, cat);");
  size_t n = data[0] % 64 + 1, i = 1;
  sqlite3_stmt *ins = 0;
  sqlite3_prepare_v2(fz_open(), "insert into areas values(?1, ?2, 'a' || ?1, 'area ' || ?1)", -1, &ins, 0);
  for (size_t a = 1; a <= n && i < size; a++, i++) {
    sqlite3_bind_int(ins, 1, (int)a);
    unsigned p = data[i] % (n + 3); /* 0: root; > n: dangling */
    if (p == 0) sqlite3_bind_null(ins, 2); else sqlite3_bind_int(ins, 2, (int)p);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  unsigned sel = i < size ? data[i++] : 0;
  sqlite3_prepare_v2(fz_open(), "insert into people values(?1, ?2)", -1, &ins, 0);
  for (; i + 1 < size; i += 2) {
    sqlite3_bind_int(ins, 1, data[i] % (n + 2));
    if (data[i + 1] % 17 == 0) sqlite3_bind_null(ins, 2);
    else sqlite3_bind_int(ins, 2, data[i + 1] % 9);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  static const char *opts[] = {"", "min_cell=3", "min_cell=5;min_area=10",
                               "top=2", "top=1,min_cell=2", "min_area=1"};
  const char *o = opts[sel % (sizeof opts / sizeof opts[0])];
  fz_run("select * from rollup('people', 'cat', ?1)", o, -1, 0, 0, 0, 0, 0);
  fz_run("select fractionalization(cat), entropy(cat) from people group by area_id", 0, 0, 0, 0, 0, 0, 0);
  return 0;
}
