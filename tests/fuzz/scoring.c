/* Fuzz credit_scores and credit_explain on fuzzed schemes and ledgers.
** The bytes choose the scheme's base, period, carry and clamps, the
** categories' initial/floor/cap, the rules' points, units and caps, and the
** events.  Whatever they are, every explained score adds up. */
#include "fuzz.h"

static const uint8_t *d;
static size_t left;
static int take(int mod) {
  if (!left) return 0;
  left--;
  return *d++ % mod;
}

static void ins(const char *sql) { fz_exec(sql); }

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
  fz_exec("delete from score_redemptions; drop trigger score_events_no_delete;"
          "delete from score_events; delete from score_members; delete from score_grades;"
          "delete from score_rules; delete from score_categories; delete from score_schemes;"
          "create trigger score_events_no_delete before delete on score_events begin"
          " select raise(abort, 'score_events is append-only: record a reversing event instead'); end;");
  static const char *periods[] = {"year", "quarter", "month"};
  char *s = sqlite3_mprintf(
      "insert into score_schemes values(1, 's', %d, '%s', %d / 10.0, %s, %s, null)",
      take(101), periods[take(3)], take(11), take(2) ? "0" : "null",
      take(2) ? "100" : "null");
  ins(s);
  sqlite3_free(s);
  int ncat = take(3) + 1;
  for (int c = 0; c < ncat; c++) {
    int fl = take(3), cp = take(3);
    s = sqlite3_mprintf("insert into score_categories values(1, 'c%d', %d, %s, %s)", c,
                        take(21), fl == 0 ? "null" : fl == 1 ? "0" : "-5",
                        cp == 0 ? "null" : cp == 1 ? "20" : "12");
    ins(s);
    sqlite3_free(s);
  }
  int nrule = take(5) + 1;
  for (int r = 0; r < nrule; r++) {
    int unit = take(2), mx = take(3), cap = take(3), veto = take(4) == 0;
    s = sqlite3_mprintf(
        "insert into score_rules values(1, 'r%d', 'c%d', %d, '%s', %s, %s, %s, null)", r,
        take(ncat), take(11) - 5, unit ? "hour" : "event", mx == 0 ? "null" : mx == 1 ? "2" : "0.5",
        cap == 0 ? "null" : cap == 1 ? "12" : "3", veto ? "'基本合格'" : "null");
    ins(s);
    sqlite3_free(s);
  }
  ins("insert into score_grades values(1,'优秀',90,1),(1,'合格',70,2),(1,'基本合格',60,3),(1,'不合格',-1e9,4)");
  int nmem = take(4) + 1;
  for (int m = 1; m <= nmem; m++) {
    s = sqlite3_mprintf("insert into score_members values(1, %d, %s, null)", m,
                        take(2) ? "'2023-03-01'" : "null");
    ins(s);
    sqlite3_free(s);
  }
  int ev = 0;
  while (left >= 4 && ev < 200) {
    ev++;
    int rev = take(8) == 0 && ev > 1;
    s = sqlite3_mprintf(
        "insert into score_events(scheme_id, member_id, rule_code, occurred_on, qty, reverses)"
        " select 1, %d, 'r%d', date('2022-01-01', '+%d days'), %d / 2.0, %s",
        take(nmem) + 1, take(nrule), take(255) * 4, take(9),
        rev ? "(select max(event_id) from score_events where reverses is null)" : "null");
    char *err = 0;
    sqlite3_exec(fz_open(), s, 0, 0, &err); /* a refused reversal is fine */
    sqlite3_free(err);
    sqlite3_free(s);
  }
  if (getenv("FUZZ_DUMP")) { /* FUZZ_DUMP=file.db keeps the ledger to reduce a finding */
    remove(getenv("FUZZ_DUMP"));
    char *v = sqlite3_mprintf("vacuum into %Q", getenv("FUZZ_DUMP"));
    fz_exec(v);
    sqlite3_free(v);
  }
  fz_run("select * from credit_scores(1, '2022-01-01', '2024-12-31')", 0, 0, 0, 0, 0, 0, 0);
  /* Every row adds up against one credit_explain per member over the whole
  ** range, and against credit_explain asked for that period alone for
  ** three periods the input picks (a row must not depend on the range). */
  fz_require(fz_int("with e as (select e.member_id, e.period_start, total(e.counted_points) x"
                    " from score_members m, credit_explain(1, m.member_id, '2022-01-01', '2024-12-31') e"
                    " group by 1, 2)"
                    " select count(*) from credit_scores(1, '2022-01-01', '2024-12-31') s"
                    " left join e using (member_id, period_start)"
                    " where abs(s.score - s.base - coalesce(e.x, 0)) > 1e-6",
                    0, 0, 0) == 0);
  char *q = sqlite3_mprintf(
      "select count(*) from credit_scores(1, '2022-01-01', '2024-12-31') s"
      " where (s.period_start in (date('2022-01-01', '+%d months'), date('2022-01-01', '+%d months'),"
      " date('2022-01-01', '+%d months')) or s.period_start like '%%-01-01')"
      " and abs(s.score - s.base - (select total(counted_points) from"
      " credit_explain(1, s.member_id, s.period_start, s.period_end))) > 1e-6",
      take(36), take(36), take(36));
  fz_require(fz_int(q, 0, 0, 0) == 0);
  sqlite3_free(q);
  return 0;
}
