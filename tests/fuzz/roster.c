/* Fuzz roster on fuzzed pools, rules and unavailability.  Whatever the
** bytes, no person serves twice a day, nobody outside the pool is chosen,
** and every slot is a row. */
#include "fuzz.h"

static const uint8_t *d;
static size_t left;
static int take(int mod) {
  if (!left) return 0;
  left--;
  return *d++ % mod;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int ready;
  if (!ready) {
    fz_exec_file("sql/schema.sql");
    fz_exec("pragma foreign_keys = off");
    ready = 1;
  }
  if (size > 2048) return 0;
  d = data;
  left = size;
  fz_exec("delete from duty_assignments; delete from duty_unavailable;"
          "delete from duty_pool; delete from duty_posts;");
  static const char *rules[] = {"FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,TH",
                                "FREQ=MONTHLY;BYDAY=-1SA", "FREQ=DAILY;INTERVAL=3",
                                "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU"};
  int nposts = take(3) + 1;
  for (int p = 1; p <= nposts; p++) {
    char *s = sqlite3_mprintf("insert into duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days) values(%d, 'p', '%s', '2024-01-0%d', %d, %d, %d)",
                              p, rules[take(5)], take(9) + 1, take(3), take(5), take(5) + 1);
    fz_exec(s);
    sqlite3_free(s);
  }
  int npeople = take(30) + 1;
  for (int i = 1; i <= npeople; i++) {
    int from = take(4), to = take(4);
    char f[16] = "null", t[16] = "null";
    if (from) snprintf(f, sizeof f, "'2024-0%d-01'", from);
    if (to) snprintf(t, sizeof t, "'2024-0%d-28'", to + from);
    int post = take(nposts) + 1;
    const char *role = take(3) ? "member" : "leader";
    char *s = sqlite3_mprintf(
        "insert or ignore into duty_pool values(%d, %d, '%s', %s, %s, %d)", post, i,
        role, f, t, take(3) + 1);
    fz_exec(s);
    sqlite3_free(s);
  }
  while (left >= 3) {
    char *s = sqlite3_mprintf(
        "insert into duty_unavailable(person_id, from_date, to_date) values(%d,"
        " date('2024-01-01', '+%d days'), date('2024-01-01', '+%d days'))",
        take(npeople) + 1, take(90), 90 + take(30));
    fz_exec(s);
    sqlite3_free(s);
  }
  for (int p = 1; p <= nposts; p++) {
    char *s = sqlite3_mprintf("%d", p);
    fz_run("select * from roster(?1, '2024-01-01', '2024-03-31')", s, -1, 0, 0, 0, 0, 0);
    fz_require(fz_int("select count(*) from (select duty_date, person_id from roster(?1, '2024-01-01', '2024-03-31')"
                      " where person_id is not null group by 1, 2 having count(*) > 1)", s, -1, 0) <= 0);
    fz_require(fz_int("select count(*) from roster(?1, '2024-01-01', '2024-03-31') r"
                      " where person_id is not null and not exists (select 1 from duty_pool p"
                      " where p.post_id = r.post_id and p.person_id = r.person_id and p.role = r.role)",
                      s, -1, 0) <= 0);
    sqlite3_free(s);
  }
  return 0;
}
