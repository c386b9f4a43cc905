/*
** scoring.c — credit (points, 积分) scoring over the score_* tables.
**
**   SELECT * FROM credit_scores('红色岗位');           -- the period containing today
**   SELECT * FROM credit_scores(1, '2023-01-01', '2023-12-31');
**   SELECT * FROM credit_scores('红色岗位', '2023-06-01');  -- the period containing that day
**     member_id, period_start, period_end, base, added, deducted, capped_off,
**     score, grade, vetoed, rank, percentile, balance
**     (hidden, the arguments: scheme, range_start, range_end)
**
**   SELECT * FROM credit_explain('红色岗位', 1001, '2023-01-01', '2023-12-31');
**     member_id, period_start, period_end, category, rule_code, events,
**     reversed, units, raw_points, cap, counted_points, capped_off, value,
**     base, score
**     (hidden: scheme, member, range_start, range_end)
**
**   SELECT volunteer_stars(320);                       -- 2
**
** scheme is the integer scheme_id or the scheme's name (text of digits that
** names no scheme is tried as a scheme_id).  The range is inclusive; every
** calendar period (year, quarter or month, per score_schemes.period) that
** overlaps it gives one row per member assessed in it (score_members whose
** from_date..to_date overlaps the period; NULL is open).  Without a range:
** the period containing today; with only period_start: the period containing
** that day.  A NULL argument gives no rows.
**
** The rules, as docs/design.md "Decisions on details" fixes them:
**   units of an event      min(qty, max_units_per_event)
**   a rule in a period     raw = points × Σ units; counted = raw limited to
**                          ±cap_per_period
**   a category             clamp(initial + Σ counted of its rules, floor, cap)
**   base                   scheme base + carry_fraction × the previous
**                          period's score (none in a member's first period)
**   score                  clamp(base + Σ category values, score_min, score_max)
**   grade                  the best (lowest ordinal) whose min_score <= score;
**                          a counted event of a rule with veto_grade makes it
**                          the worse of the two; `vetoed` names the rule only
**                          when it lowered the grade
**   rank, percentile       rank() over score descending; 100 × percent_rank()
**                          over score ascending; per period
**   balance                Σ (score − base) over the member's periods up to
**                          period_end, minus redemptions up to period_end
** A reversed event and its reversing event both count for nothing, whenever
** the reversal was recorded.  A member without from_date is assessed from
** the scheme's first period: the one holding its earliest event or
** from_date; when the scheme has neither, nothing carries and each period
** stands alone (so a row never depends on the range asked).  Events in
** periods where the member is not assessed count for nothing.
**
** Errors name the function: an unknown scheme, a malformed date argument,
** period_end before period_start, a missing scheme or member_id argument;
** credit_explain for a member not in score_members of the scheme is an
** error (a typo should not look like "no points"); a member who is listed
** but not assessed in the range gives no rows.  Rows the schema should have
** refused (an event for an unknown member or rule, a malformed date, a
** non-number) are errors naming the row, never silently skipped.
**
** Exact arithmetic: every amount is an integer number of hundredths (points,
** qty, caps, base; carry_fraction in millionths); a rule's raw points and a
** carry are rounded half away from zero to 0.01.  Outputs are those
** hundredths as REAL, so no 0.1 + 0.2 artefacts and Σ counted_points + base
** = score holds exactly in decimal.
**
** How: each call loads the scheme, categories, rules, grades, members and
** redemptions once, then reads score_events of the scheme in ONE pass in
** storage order (not through score_events_member: on a ledger appended in
** date order, reading by member visits the table out of order and measured
** 16x the bare scan), accumulating per (member, period, rule) in memory —
** a dense array when every member's periods × rules fit in 4M cells, else
** a hash.  The pass is one statement `SELECT credit_tally(...) FROM
** score_events`: credit_tally, an internal DIRECTONLY aggregate whose state
** is a pointer bound with sqlite3_bind_pointer, takes each row's values
** inside one sqlite3_step, so the pass costs what reading its four columns
** costs SQLite.  Reversing and reversed events (few) are then found through
** the partial index score_events_reverses and taken back out.  No statement
** is prepared per row.
*/
#include "common.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef sqlite3_int64 i64;

enum { SC_YEAR, SC_QUARTER, SC_MONTH };
enum { SC_SCORES, SC_EXPLAIN };

/* A value in the score tables larger than this (in points or hours) is
** refused: the sums below stay far inside 64-bit hundredths. */
#define SC_LIMIT 1e13

/* ---- The scheme, loaded once per call ---------------------------------- */
typedef struct ScCat {
  char *name;
  i64 initial, floor, cap;
  int hasFloor, hasCap;
} ScCat;

typedef struct ScRule {
  char *code;
  int nCode;
  unsigned hash;
  int cat;      /* index into aCat */
  i64 points;   /* per unit, hundredths */
  i64 maxUnits; /* hundredths, if hasMax */
  i64 cap;      /* hundredths, if hasCap */
  int hasMax, hasCap;
  int veto;     /* index into aGrade, or -1 */
} ScRule;

typedef struct ScGrade {
  char *name;
  i64 minScore;
} ScGrade; /* in ordinal order: index 0 is the best grade */

typedef struct ScMember {
  i64 id;
  int firstP, lastP; /* period numbers; lastP INT_MAX when open */
  int hasFrom;
} ScMember;

typedef struct ScScheme {
  i64 id;
  char *name;
  int kind;
  i64 base, carryPpm, scoreMin, scoreMax;
  int hasMin, hasMax;
  ScCat *aCat;
  int nCat;
  ScRule *aRule; /* by rule_code */
  int nRule;
  int *aOrder;   /* rule indexes by (category, rule_code): explain order */
  int *aHash;    /* open addressing over aRule, -1 empty */
  unsigned mask;
  ScGrade *aGrade;
  int nGrade;
  ScMember *aMember; /* by member_id */
  int nMember;
  int unanchored; /* no event and no from_date: every period stands alone */
} ScScheme;

static void scSchemeFree(ScScheme *s) {
  if (s == 0) return;
  sqlite3_free(s->name);
  for (int i = 0; i < s->nCat; i++) sqlite3_free(s->aCat[i].name);
  for (int i = 0; i < s->nRule; i++) sqlite3_free(s->aRule[i].code);
  for (int i = 0; i < s->nGrade; i++) sqlite3_free(s->aGrade[i].name);
  sqlite3_free(s->aCat);
  sqlite3_free(s->aRule);
  sqlite3_free(s->aOrder);
  sqlite3_free(s->aHash);
  sqlite3_free(s->aGrade);
  sqlite3_free(s->aMember);
  sqlite3_free(s);
}

/* ---- Periods: numbered so that consecutive periods differ by one ------- */
static int scPeriodOfYm(int kind, int y, int m) {
  switch (kind) {
    case SC_YEAR: return y;
    case SC_QUARTER: return y * 4 + (m - 1) / 3;
    default: return y * 12 + (m - 1);
  }
}

static int scPeriodOf(int kind, int days) {
  int y, m, d;
  mu_civil_from_days(days, &y, &m, &d);
  return scPeriodOfYm(kind, y, m);
}

static int scPeriodStart(int kind, int p) {
  switch (kind) {
    case SC_YEAR: return mu_days_from_civil(p, 1, 1);
    case SC_QUARTER: return mu_days_from_civil(p / 4, (p % 4) * 3 + 1, 1);
    default: return mu_days_from_civil(p / 12, p % 12 + 1, 1);
  }
}

static int scPeriodEnd(int kind, int p) { return scPeriodStart(kind, p + 1) - 1; }

/* The period of an event date: 'YYYY-MM-DD' exactly and a real day.
** Returns 0 ok, 1 malformed. */
static int scDatePeriod(const char *z, int n, int kind, int *pP) {
  if (z == 0 || n != 10 || z[4] != '-' || z[7] != '-') return 1;
  int v[8], k = 0;
  for (int i = 0; i < 10; i++) {
    if (i == 4 || i == 7) continue;
    if (z[i] < '0' || z[i] > '9') return 1;
    v[k++] = z[i] - '0';
  }
  int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
  int m = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
  if (!mu_date_is_real(y, m, d)) return 1;
  *pP = scPeriodOfYm(kind, y, m);
  return 0;
}

/* ---- Exact amounts ------------------------------------------------------ */
/* x / d rounded half away from zero; 1 if it does not fit in 64 bits. */
static int scRoundDiv(__int128 x, i64 d, i64 *out) {
  __int128 q = x >= 0 ? (x + d / 2) / d : (x - d / 2) / d;
  if (q > (__int128)INT64_MAX || q < (__int128)INT64_MIN) return 1;
  *out = (i64)q;
  return 0;
}

static i64 scAbs(i64 x) { return x < 0 ? -x : x; }

/* x rounded half away from zero, as llround, for |x| < 2^53: the
** fraction x - trunc(x) is exact, so no 0.49999999999999994 + 0.5 = 1. */
static i64 scRound(double x) {
  i64 t = (i64)x;
  double f = x - (double)t;
  return t + (f >= 0.5) - (f <= -0.5);
}

/* ---- Loading ------------------------------------------------------------ */
typedef struct ScLoad {
  sqlite3 *db;
  const char *fn;    /* "credit_scores" or "credit_explain", for messages */
  char **pzErr;
} ScLoad;

/* An error from SQLite itself (prepare or step): NOMEM stays NOMEM. */
static int scDbError(ScLoad *L, int rc) {
  if (rc == SQLITE_NOMEM) return SQLITE_NOMEM;
  int r = mu_vtab_error(L->pzErr, "%s: %s", L->fn, sqlite3_errmsg(L->db));
  return r == SQLITE_NOMEM ? r : rc;
}

static int scPrepare(ScLoad *L, const char *sql, sqlite3_stmt **pSt) {
  int rc = sqlite3_prepare_v2(L->db, sql, -1, pSt, 0);
  return rc == SQLITE_OK ? rc : scDbError(L, rc);
}

/* End of a load loop: err (set by the loop body) wins, else a step that
** did not reach SQLITE_DONE is a database error. */
static int scFinish(ScLoad *L, sqlite3_stmt *st, int rc, int err) {
  if (err == 0 && rc != SQLITE_DONE) err = scDbError(L, rc);
  sqlite3_finalize(st);
  return err;
}

/* A copy of column i as text ("" for NULL); NULL only when out of memory. */
static char *scColumnDup(sqlite3_stmt *st, int i) {
  const char *z = (const char *)sqlite3_column_text(st, i);
  if (z == 0 && sqlite3_column_type(st, i) != SQLITE_NULL) return 0;
  return sqlite3_mprintf("%s", z ? z : "");
}

/* Value v times scale (hundredths: 100), rounded.  *pNull says NULL; a
** non-number or a value past SC_LIMIT is an error naming `what`. */
static int scValueNumber(ScLoad *L, sqlite3_value *v, double scale,
                         const char *what, i64 *out, int *pNull) {
  int t = sqlite3_value_type(v);
  if (pNull) *pNull = t == SQLITE_NULL;
  if (t == SQLITE_NULL) {
    *out = 0;
    return SQLITE_OK;
  }
  if (t != SQLITE_INTEGER && t != SQLITE_FLOAT) {
    const char *z = (const char *)sqlite3_value_text(v);
    if (z == 0) return SQLITE_NOMEM;
    return mu_vtab_error(L->pzErr, "%s: %s is not a number, got '%s'", L->fn,
                         what, z);
  }
  double x = sqlite3_value_double(v);
  if (!(fabs(x) <= SC_LIMIT))
    return mu_vtab_error(L->pzErr, "%s: %s is out of range, got %!.15g", L->fn,
                         what, x);
  *out = llround(x * scale);
  return SQLITE_OK;
}

/* Column i of st, as scValueNumber.  (Used inside xFilter, where the
** connection's mutex is held, so the column's value may be read.) */
static int scNumber(ScLoad *L, sqlite3_stmt *st, int i, double scale,
                    const char *what, i64 *out, int *pNull) {
  return scValueNumber(L, sqlite3_column_value(st, i), scale, what, out, pNull);
}

static unsigned scHash(const char *z, int n) {
  unsigned h = 2166136261u;
  for (int i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

static int scRuleFind(const ScScheme *s, const char *z, int n) {
  if (s->aHash == 0) return -1;
  unsigned h = scHash(z, n);
  for (unsigned k = h & s->mask;; k = (k + 1) & s->mask) {
    int r = s->aHash[k];
    if (r < 0) return -1;
    const ScRule *p = &s->aRule[r];
    if (p->hash == h && p->nCode == n && memcmp(p->code, z, (size_t)n) == 0)
      return r;
  }
}

static int scCatFind(const ScScheme *s, const char *z) {
  int lo = 0, hi = s->nCat - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2, c = strcmp(s->aCat[mid].name, z);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

/* Grow *pp (elements of sz bytes) to hold at least need; 0 ok, NOMEM. */
static int scGrow(void **pp, i64 *pAlloc, i64 need, size_t sz) {
  if (need <= *pAlloc) return SQLITE_OK;
  i64 n = *pAlloc ? *pAlloc * 2 : 16;
  while (n < need) n *= 2;
  void *p = sqlite3_realloc64(*pp, (sqlite3_uint64)n * sz);
  if (p == 0) return SQLITE_NOMEM;
  *pp = p;
  *pAlloc = n;
  return SQLITE_OK;
}

/* The tables read, and why they must be real ones: credit_scores is not
** DIRECTONLY, so with trusted_schema ON a view in someone else's database
** may call it; if that database declared score_events (say) as a virtual
** table that reads a file, our own statements would read it for the view —
** a way round the file reader's DIRECTONLY.  So every score_* name must
** resolve (temp, then main, then attached) to an ordinary table or a view
** (a view's own use of a DIRECTONLY table is refused by SQLite), or to a
** temp object, which is the user's own. */
static const char *const scTables[] = {
    "score_schemes", "score_categories", "score_rules", "score_grades",
    "score_members", "score_events",     "score_redemptions"};

static int scCheckTables(ScLoad *L) {
  for (int i = 0; i < 7; i++) {
    int isVirtual = 0;
    int rc = mu_name_is_foreign_vtab(L->db, scTables[i], &isVirtual);
    if (rc) return scDbError(L, rc);
    if (isVirtual)
      return mu_vtab_error(L->pzErr,
                           "%s: '%s' is a virtual table; %s() reads ordinary tables, views"
                           " and temp objects only",
                           L->fn, scTables[i], L->fn);
  }
  return SQLITE_OK;
}

/* The scheme row, by scheme_id or by name. */
static int scFindScheme(ScLoad *L, ScScheme *s, sqlite3_value *v) {
  static const char *const zSql[2] = {
      "SELECT scheme_id, name, base, period, carry_fraction, score_min, score_max"
      " FROM score_schemes WHERE scheme_id = ?1",
      "SELECT scheme_id, name, base, period, carry_fraction, score_min, score_max"
      " FROM score_schemes WHERE name = ?1"};
  int t = sqlite3_value_type(v);
  int tries[2], nTry = 0;
  if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
    tries[nTry++] = 0;
  } else {
    tries[nTry++] = 1;
    if (t == SQLITE_TEXT) {
      const char *z = (const char *)sqlite3_value_text(v);
      if (z == 0) return SQLITE_NOMEM;
      int digits = z[0] != 0;
      for (const char *c = z; *c; c++)
        if (*c < '0' || *c > '9') digits = 0;
      if (digits) tries[nTry++] = 0;
    }
  }
  for (int k = 0; k < nTry; k++) {
    sqlite3_stmt *st = 0;
    int rc = scPrepare(L, zSql[tries[k]], &st);
    if (rc) return rc;
    if (tries[k] == 0 && t == SQLITE_TEXT) {
      rc = sqlite3_bind_int64(st, 1, sqlite3_value_int64(v));
    } else if (tries[k] == 0 && t == SQLITE_FLOAT) {
      double d = sqlite3_value_double(v);
      /* 1.5 names no scheme: bind it as it is and find nothing. */
      rc = d == floor(d) && fabs(d) < 9e18 ? sqlite3_bind_int64(st, 1, (i64)d)
                                           : sqlite3_bind_double(st, 1, d);
    } else {
      rc = sqlite3_bind_value(st, 1, v);
    }
    if (rc) {
      sqlite3_finalize(st);
      return scDbError(L, rc);
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      s->id = sqlite3_column_int64(st, 0);
      s->name = scColumnDup(st, 1);
      const char *per = (const char *)sqlite3_column_text(st, 3);
      if (s->name == 0 || (per == 0 && sqlite3_column_type(st, 3) != SQLITE_NULL)) {
        sqlite3_finalize(st);
        return SQLITE_NOMEM;
      }
      if (per && strcmp(per, "year") == 0) s->kind = SC_YEAR;
      else if (per && strcmp(per, "quarter") == 0) s->kind = SC_QUARTER;
      else if (per && strcmp(per, "month") == 0) s->kind = SC_MONTH;
      else {
        rc = mu_vtab_error(L->pzErr,
                           "%s: scheme '%s' has period '%s', not year, quarter or month",
                           L->fn, s->name, per ? per : "");
        sqlite3_finalize(st);
        return rc;
      }
      i64 frac;
      rc = scNumber(L, st, 2, 100, "score_schemes.base", &s->base, 0);
      if (!rc) rc = scNumber(L, st, 4, 1e6, "score_schemes.carry_fraction", &frac, 0);
      int noMin = 1, noMax = 1;
      if (!rc) rc = scNumber(L, st, 5, 100, "score_schemes.score_min", &s->scoreMin, &noMin);
      if (!rc) rc = scNumber(L, st, 6, 100, "score_schemes.score_max", &s->scoreMax, &noMax);
      s->hasMin = !noMin;
      s->hasMax = !noMax;
      s->carryPpm = frac;
      sqlite3_finalize(st);
      return rc;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return scDbError(L, rc);
  }
  const char *z = (const char *)sqlite3_value_text(v);
  if (z == 0) return SQLITE_NOMEM;
  /* Say what exists, nearest first: a user who typed 红色岗位 sees 红色岗位积分. */
  char *known = 0;
  int rc = mu_nearest(L->db, "SELECT name FROM score_schemes", z, 10, &known);
  if (rc) return scDbError(L, rc);
  int num = t == SQLITE_INTEGER || t == SQLITE_FLOAT;
  rc = mu_vtab_error(L->pzErr, num ? "%s: unknown scheme %s; %s%s" : "%s: unknown scheme '%s'; %s%s",
                     L->fn, z, known[0] ? "the schemes are " : "there are no schemes", known);
  sqlite3_free(known);
  return rc;
}

static int scLoadCategories(ScLoad *L, ScScheme *s) {
  sqlite3_stmt *st = 0;
  int rc = scPrepare(L,
                     "SELECT category, initial, floor, cap FROM score_categories"
                     " WHERE scheme_id = ?1 ORDER BY category",
                     &st);
  if (rc) return rc;
  i64 nAlloc = 0;
  int err = 0;
  sqlite3_bind_int64(st, 1, s->id);
  while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    if ((err = scGrow((void **)&s->aCat, &nAlloc, s->nCat + 1, sizeof(ScCat)))) break;
    ScCat *c = &s->aCat[s->nCat];
    memset(c, 0, sizeof(*c));
    c->name = scColumnDup(st, 0);
    if (c->name == 0) {
      err = SQLITE_NOMEM;
      break;
    }
    s->nCat++;
    int noFloor = 1, noCap = 1;
    err = scNumber(L, st, 1, 100, "score_categories.initial", &c->initial, 0);
    if (!err) err = scNumber(L, st, 2, 100, "score_categories.floor", &c->floor, &noFloor);
    if (!err) err = scNumber(L, st, 3, 100, "score_categories.cap", &c->cap, &noCap);
    c->hasFloor = !noFloor;
    c->hasCap = !noCap;
  }
  return scFinish(L, st, rc, err);
}

static int scLoadGrades(ScLoad *L, ScScheme *s) {
  sqlite3_stmt *st = 0;
  int rc = scPrepare(L,
                     "SELECT grade, min_score FROM score_grades"
                     " WHERE scheme_id = ?1 ORDER BY ordinal",
                     &st);
  if (rc) return rc;
  i64 nAlloc = 0;
  int err = 0;
  sqlite3_bind_int64(st, 1, s->id);
  while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    if ((err = scGrow((void **)&s->aGrade, &nAlloc, s->nGrade + 1, sizeof(ScGrade)))) break;
    ScGrade *g = &s->aGrade[s->nGrade];
    g->name = scColumnDup(st, 0);
    if (g->name == 0) {
      err = SQLITE_NOMEM;
      break;
    }
    s->nGrade++;
    err = scNumber(L, st, 1, 100, "score_grades.min_score", &g->minScore, 0);
  }
  return scFinish(L, st, rc, err);
}

static const ScScheme *g_sortScheme; /* only for the qsort below */
static int scOrderCmp(const void *a, const void *b) {
  const ScRule *x = &g_sortScheme->aRule[*(const int *)a];
  const ScRule *y = &g_sortScheme->aRule[*(const int *)b];
  if (x->cat != y->cat) return x->cat < y->cat ? -1 : 1;
  return strcmp(x->code, y->code);
}

static int scLoadRules(ScLoad *L, ScScheme *s) {
  sqlite3_stmt *st = 0;
  int rc = scPrepare(L,
                     "SELECT rule_code, category, points, max_units_per_event,"
                     " cap_per_period, veto_grade FROM score_rules"
                     " WHERE scheme_id = ?1 ORDER BY rule_code",
                     &st);
  if (rc) return rc;
  i64 nAlloc = 0;
  int err = 0;
  sqlite3_bind_int64(st, 1, s->id);
  while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    if ((err = scGrow((void **)&s->aRule, &nAlloc, s->nRule + 1, sizeof(ScRule)))) break;
    ScRule *r = &s->aRule[s->nRule];
    memset(r, 0, sizeof(*r));
    r->code = scColumnDup(st, 0);
    if (r->code == 0) {
      err = SQLITE_NOMEM;
      break;
    }
    s->nRule++;
    const char *cat = (const char *)sqlite3_column_text(st, 1);
    const char *veto = (const char *)sqlite3_column_text(st, 5);
    if ((cat == 0 && sqlite3_column_type(st, 1) != SQLITE_NULL) ||
        (veto == 0 && sqlite3_column_type(st, 5) != SQLITE_NULL)) {
      err = SQLITE_NOMEM;
      break;
    }
    r->nCode = (int)strlen(r->code);
    r->hash = scHash(r->code, r->nCode);
    r->cat = scCatFind(s, cat ? cat : "");
    if (r->cat < 0) {
      err = mu_vtab_error(L->pzErr,
                          "%s: rule '%s' of scheme '%s' names category '%s', which is not in score_categories",
                          L->fn, r->code, s->name, cat ? cat : "");
      break;
    }
    int noMax = 1, noCap = 1;
    err = scNumber(L, st, 2, 100, "score_rules.points", &r->points, 0);
    if (!err) err = scNumber(L, st, 3, 100, "score_rules.max_units_per_event", &r->maxUnits, &noMax);
    if (!err) err = scNumber(L, st, 4, 100, "score_rules.cap_per_period", &r->cap, &noCap);
    if (err) break;
    r->hasMax = !noMax;
    r->hasCap = !noCap;
    if (r->cap < 0) r->cap = -r->cap; /* a cap is a magnitude */
    r->veto = -1;
    if (veto) {
      for (int g = 0; g < s->nGrade; g++)
        if (strcmp(s->aGrade[g].name, veto) == 0) r->veto = g;
      if (r->veto < 0) {
        err = mu_vtab_error(L->pzErr,
                            "%s: rule '%s' of scheme '%s' has veto_grade '%s', which is not in score_grades",
                            L->fn, r->code, s->name, veto);
        break;
      }
    }
  }
  if ((rc = scFinish(L, st, rc, err))) return rc;
  if (s->nRule == 0) return SQLITE_OK;
  unsigned size = 8;
  while (size < (unsigned)s->nRule * 2u) size *= 2;
  s->aHash = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)size);
  s->aOrder = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)s->nRule);
  if (s->aHash == 0 || s->aOrder == 0) return SQLITE_NOMEM;
  s->mask = size - 1;
  for (unsigned k = 0; k < size; k++) s->aHash[k] = -1;
  for (int i = 0; i < s->nRule; i++) {
    unsigned k = s->aRule[i].hash & s->mask;
    while (s->aHash[k] >= 0) k = (k + 1) & s->mask;
    s->aHash[k] = i;
    s->aOrder[i] = i;
  }
  g_sortScheme = s;
  qsort(s->aOrder, (size_t)s->nRule, sizeof(int), scOrderCmp);
  g_sortScheme = 0;
  return SQLITE_OK;
}

/* Members (all of the scheme, or the one of credit_explain), and the
** scheme's first period for members without from_date. */
static int scLoadMembers(ScLoad *L, ScScheme *s, int oneMember, i64 member,
                         int rangeP) {
  sqlite3_stmt *st = 0;
  int rc = scPrepare(L,
                     oneMember ? "SELECT member_id, from_date, to_date FROM score_members"
                                 " WHERE scheme_id = ?1 AND member_id = ?2"
                               : "SELECT member_id, from_date, to_date FROM score_members"
                                 " WHERE scheme_id = ?1 ORDER BY member_id",
                     &st);
  if (rc) return rc;
  i64 nAlloc = 0;
  int startP = INT_MAX;
  sqlite3_bind_int64(st, 1, s->id);
  if (oneMember) sqlite3_bind_int64(st, 2, member);
  int err = 0;
  while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    if ((err = scGrow((void **)&s->aMember, &nAlloc, s->nMember + 1, sizeof(ScMember)))) break;
    ScMember *m = &s->aMember[s->nMember++];
    m->id = sqlite3_column_int64(st, 0);
    m->hasFrom = 0;
    m->firstP = 0;
    m->lastP = INT_MAX;
    for (int c = 1; c <= 2 && !err; c++) {
      if (sqlite3_column_type(st, c) == SQLITE_NULL) continue;
      const char *z = (const char *)sqlite3_column_text(st, c);
      int p;
      if (z == 0) {
        err = SQLITE_NOMEM;
      } else if (scDatePeriod(z, sqlite3_column_bytes(st, c), s->kind, &p)) {
        err = mu_vtab_error(L->pzErr,
                            "%s: score_members.%s of member %lld is '%s', not a date 'YYYY-MM-DD'",
                            L->fn, c == 1 ? "from_date" : "to_date", m->id, z);
      } else if (c == 1) {
        m->firstP = p;
        m->hasFrom = 1;
      } else {
        m->lastP = p;
      }
    }
  }
  if ((rc = scFinish(L, st, rc, err))) return rc;

  /* The scheme's first period: its earliest event (one probe of
  ** score_events_scheme) or from_date — of the whole scheme, also when one
  ** member is read, so credit_explain starts where credit_scores does. */
  static const char *const zFirst[2] = {
      "SELECT occurred_on, event_id FROM score_events WHERE scheme_id = ?1"
      " ORDER BY occurred_on LIMIT 1",
      "SELECT from_date, member_id FROM score_members WHERE scheme_id = ?1"
      " AND from_date IS NOT NULL ORDER BY from_date LIMIT 1"};
  for (int k = 0; k < 2; k++) {
    rc = scPrepare(L, zFirst[k], &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, s->id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      const char *z = (const char *)sqlite3_column_text(st, 0);
      int p;
      rc = SQLITE_OK;
      if (z == 0 && sqlite3_column_type(st, 0) != SQLITE_NULL) rc = SQLITE_NOMEM;
      else if (scDatePeriod(z, sqlite3_column_bytes(st, 0), s->kind, &p))
        rc = mu_vtab_error(L->pzErr,
                           k == 0 ? "%s: score_events row %lld has occurred_on '%s', not a date 'YYYY-MM-DD'"
                                  : "%s: score_members.from_date of member %lld is '%s', not a date 'YYYY-MM-DD'",
                           L->fn, sqlite3_column_int64(st, 1), z ? z : "");
      else if (p < startP) startP = p;
    } else if (rc == SQLITE_DONE) {
      rc = SQLITE_OK;
    } else {
      rc = scDbError(L, rc);
    }
    sqlite3_finalize(st);
    if (rc) return rc;
  }
  /* Nothing recorded at all: no period is anyone's first, so none carries
  ** into the next — each period asked for stands alone, and a row never
  ** depends on the range it was asked with. */
  if (startP == INT_MAX) {
    startP = rangeP;
    s->unanchored = 1;
  }
  for (int i = 0; i < s->nMember; i++)
    if (!s->aMember[i].hasFrom) s->aMember[i].firstP = startP;
  return SQLITE_OK;
}

/* ---- Computing ---------------------------------------------------------- */
/* What one rule gathered in one period of one member. */
typedef struct ScCell {
  unsigned events;   /* counted events */
  unsigned reversed; /* reversed and reversing events */
  i64 units;         /* Σ credited units, hundredths */
} ScCell;

/* One (member, period, rule) of the accumulation hash. */
typedef struct ScSlot {
  int member; /* index into aMember; -1: empty */
  int p, rule;
  ScCell c;
} ScSlot;

typedef struct ScRow { /* one row of credit_scores */
  i64 member;
  int p;
  int grade, veto;   /* indexes, -1 none */
  i64 base, added, deducted, capped, score, balance;
  i64 rank;
  double pct;
} ScRow;

typedef struct ScXRow { /* one row of credit_explain */
  int p, cat, rule;   /* cat -1: the score row; rule -1: a category row */
  i64 events, reversed, units, raw, cap, counted, capped, value, base, score;
  int hasCap;
} ScXRow;

typedef struct ScRun {
  ScLoad *L;
  ScScheme *s;
  int Ps, Pe;       /* periods asked for */
  int explain;
  ScSlot *aSlot;    /* open addressing on (member, p, rule) */
  i64 nSlot, nUsed; /* nSlot a power of two */
  ScCell *aCell;    /* dense cells: all members', or one member's (hash) */
  i64 nCellAlloc;
  i64 *aBase;       /* dense: where member i's cells start */
  int *aIdMap;      /* member_id - idLo -> member index, when ids are dense */
  i64 idLo, nIdMap;
  i64 *aCatSum;
  i64 *aRedPts;     /* redemptions by member, then date */
  int *aRedDay;
  int *aRedMember;
  i64 nRed, nRedAlloc, nRedDayAlloc, nRedMemberAlloc;
  ScRow *aRow;
  i64 nRow, nRowAlloc;
  ScXRow *aX;
  i64 nX, nXAlloc;
} ScRun;

static void scRunFree(ScRun *r) {
  sqlite3_free(r->aSlot);
  sqlite3_free(r->aCell);
  sqlite3_free(r->aBase);
  sqlite3_free(r->aIdMap);
  sqlite3_free(r->aCatSum);
  sqlite3_free(r->aRedPts);
  sqlite3_free(r->aRedDay);
  sqlite3_free(r->aRedMember);
}

static int scOverflow(ScRun *r, const ScMember *m) {
  return mu_vtab_error(r->L->pzErr, "%s: points out of range for member %lld",
                       r->L->fn, m->id);
}

static i64 scClamp(i64 v, int hasLo, i64 lo, int hasHi, i64 hi, int *pBound,
                   i64 *pWhich) {
  *pBound = 0;
  if (hasLo && v < lo) {
    *pBound = 1;
    *pWhich = lo;
    return lo;
  }
  if (hasHi && v > hi) {
    *pBound = 1;
    *pWhich = hi;
    return hi;
  }
  return v;
}

static int scPushX(ScRun *r, ScXRow *x) {
  if (scGrow((void **)&r->aX, &r->nXAlloc, r->nX + 1, sizeof(ScXRow)))
    return SQLITE_NOMEM;
  r->aX[r->nX++] = *x;
  return SQLITE_OK;
}

/* Member m's cells are cells[(period - firstP) * nRule + rule] when dense,
** else its slots ap[0..nSlot) in period order (then r->aCell is a buffer of
** one period's row); its redemptions aRedDay/aRedPts[0..nRed) by date.
** Compute its periods from its first up to min(last, Pe) and keep the rows
** of the periods asked for. */
static int scMemberFinish(ScRun *r, const ScMember *m, const ScCell *cells,
                          ScSlot *const *ap, i64 nSlot, const int *aRedDay,
                          const i64 *aRedPts, i64 nRed) {
  const ScScheme *s = r->s;
  int first = m->firstP;
  int last = m->lastP < r->Pe ? m->lastP : r->Pe;
  if (last < first || last < r->Ps) return SQLITE_OK;
  i64 nP = (i64)last - first + 1;

  i64 prev = 0, earned = 0, spent = 0;
  i64 ri = 0, si = 0;
  for (i64 k = 0; k < nP; k++) {
    int p = first + (int)k, want = p >= r->Ps;
    i64 base = s->base, carry = 0;
    if (s->unanchored) earned = 0;
    if (k > 0 && !s->unanchored) {
      if (scRoundDiv((__int128)s->carryPpm * prev, 1000000, &carry)) return scOverflow(r, m);
      if (__builtin_add_overflow(base, carry, &base)) return scOverflow(r, m);
    }
    for (int c = 0; c < s->nCat; c++) r->aCatSum[c] = s->aCat[c].initial;
    i64 added = 0, deducted = 0, capped = 0;
    int vetoG = -1, vetoR = -1;
    const ScCell *row;
    if (cells) {
      row = &cells[k * s->nRule];
    } else {
      memset(r->aCell, 0, sizeof(ScCell) * (size_t)(s->nRule + 1));
      for (; si < nSlot && ap[si]->p == p; si++) r->aCell[ap[si]->rule] = ap[si]->c;
      row = r->aCell;
    }
    int ci = 0; /* next category row to emit, in explain order */
    for (int oi = 0; oi <= s->nRule; oi++) {
      int j = oi < s->nRule ? s->aOrder[oi] : -1;
      int cat = j >= 0 ? s->aRule[j].cat : s->nCat;
      /* Categories before this rule's are complete: their rows go first. */
      for (; ci < cat; ci++) {
        const ScCat *C = &s->aCat[ci];
        int bit;
        i64 which = 0, sum = r->aCatSum[ci];
        i64 v = scClamp(sum, C->hasFloor, C->floor, C->hasCap, C->cap, &bit, &which);
        i64 adj = v - sum;
        if (__builtin_add_overflow(capped, scAbs(adj), &capped)) return scOverflow(r, m);
        r->aCatSum[ci] = v;
        if (r->explain && want && (C->initial != 0 || adj != 0)) {
          ScXRow x = {p, ci, -1, 0, 0, 0, sum, which, C->initial + adj, scAbs(adj), v, 0, 0, bit};
          if (scPushX(r, &x)) return SQLITE_NOMEM;
        }
      }
      if (j < 0) break;
      const ScCell *c = &row[j];
      if (c->events == 0 && c->reversed == 0) continue;
      const ScRule *ru = &s->aRule[j];
      i64 raw, counted;
      if (scRoundDiv((__int128)ru->points * c->units, 100, &raw)) return scOverflow(r, m);
      counted = raw;
      if (ru->hasCap && counted > ru->cap) counted = ru->cap;
      if (ru->hasCap && counted < -ru->cap) counted = -ru->cap;
      i64 off = scAbs(raw) - scAbs(counted);
      if (__builtin_add_overflow(capped, off, &capped) ||
          __builtin_add_overflow(counted > 0 ? added : deducted, scAbs(counted),
                                 counted > 0 ? &added : &deducted) ||
          __builtin_add_overflow(r->aCatSum[ru->cat], counted, &r->aCatSum[ru->cat]))
        return scOverflow(r, m);
      if (ru->veto >= 0 && c->events > 0 &&
          (ru->veto > vetoG || (ru->veto == vetoG && j < vetoR))) {
        vetoG = ru->veto;
        vetoR = j;
      }
      if (r->explain && want) {
        ScXRow x = {p, ru->cat, j, c->events, c->reversed, c->units, raw,
                    ru->cap, counted, off, 0, 0, 0, ru->hasCap};
        if (scPushX(r, &x)) return SQLITE_NOMEM;
      }
    }
    i64 total = base;
    for (int c = 0; c < s->nCat; c++)
      if (__builtin_add_overflow(total, r->aCatSum[c], &total)) return scOverflow(r, m);
    int bit;
    i64 which = 0;
    i64 score = scClamp(total, s->hasMin, s->scoreMin, s->hasMax, s->scoreMax, &bit, &which);
    int grade = -1;
    for (int g = 0; g < s->nGrade && grade < 0; g++)
      if (s->aGrade[g].minScore <= score) grade = g;
    int veto = -1;
    if (vetoG >= 0 && grade >= 0 && vetoG > grade) {
      grade = vetoG;
      veto = vetoR;
    }
    if (__builtin_add_overflow(earned, score - base, &earned)) return scOverflow(r, m);
    int pend = scPeriodEnd(s->kind, p);
    while (ri < nRed && aRedDay[ri] <= pend) {
      if (__builtin_add_overflow(spent, aRedPts[ri], &spent)) return scOverflow(r, m);
      ri++;
    }
    if (want && r->explain && bit) {
      ScXRow x = {p, -1, -1, 0, 0, 0, total, which, score - total,
                  scAbs(score - total), score, 0, 0, 1};
      if (scPushX(r, &x)) return SQLITE_NOMEM;
    }
    if (want && r->explain) {
      /* base and score on every row of the period, for the identity */
      for (i64 i = r->nX - 1; i >= 0 && r->aX[i].p == p; i--) {
        r->aX[i].base = base;
        r->aX[i].score = score;
      }
    }
    if (want && !r->explain) {
      if (scGrow((void **)&r->aRow, &r->nRowAlloc, r->nRow + 1, sizeof(ScRow)))
        return SQLITE_NOMEM;
      ScRow *o = &r->aRow[r->nRow++];
      o->member = m->id;
      o->p = p;
      o->grade = grade;
      o->veto = veto;
      o->base = base;
      o->added = added;
      o->deducted = deducted;
      o->capped = capped;
      o->score = score;
      o->balance = earned - spent;
      o->rank = 0;
      o->pct = 0;
    }
    prev = score;
  }
  return SQLITE_OK;
}

static int scRowByScore(const void *a, const void *b) {
  const ScRow *x = a, *y = b;
  if (x->p != y->p) return x->p < y->p ? -1 : 1;
  if (x->score != y->score) return x->score > y->score ? -1 : 1;
  return x->member < y->member ? -1 : x->member > y->member;
}

static int scRowByMember(const void *a, const void *b) {
  const ScRow *x = a, *y = b;
  if (x->p != y->p) return x->p < y->p ? -1 : 1;
  return x->member < y->member ? -1 : x->member > y->member;
}

/* rank() over score descending and 100 × percent_rank() over score
** ascending, per period; then rows in (period, member) order. */
static void scRank(ScRun *r) {
  if (r->nRow == 0) return;
  qsort(r->aRow, (size_t)r->nRow, sizeof(ScRow), scRowByScore);
  for (i64 i = 0; i < r->nRow;) {
    i64 j = i;
    while (j < r->nRow && r->aRow[j].p == r->aRow[i].p) j++;
    i64 n = j - i;
    for (i64 a = i; a < j;) {
      i64 b = a;
      while (b < j && r->aRow[b].score == r->aRow[a].score) b++;
      i64 lower = j - b; /* members with a lower score */
      for (i64 k = a; k < b; k++) {
        r->aRow[k].rank = a - i + 1;
        r->aRow[k].pct = n > 1 ? 100 * ((double)lower / (double)(n - 1)) : 0.0;
      }
      a = b;
    }
    i = j;
  }
  qsort(r->aRow, (size_t)r->nRow, sizeof(ScRow), scRowByMember);
}

static int scMemberIndex(const ScScheme *s, i64 id) {
  int lo = 0, hi = s->nMember - 1;
  if (hi < 0 || id < s->aMember[0].id || id > s->aMember[hi].id) return -1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (s->aMember[mid].id == id) return mid;
    if (s->aMember[mid].id < id) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

static unsigned scSlotHash(int mi, int p, int rule) {
  unsigned h = (unsigned)mi * 0x9E3779B1u ^ (unsigned)p * 0x85EBCA77u ^
               (unsigned)rule * 0xC2B2AE3Du;
  h ^= h >> 15;
  h *= 0x2C1B3C6Du;
  h ^= h >> 12;
  return h;
}

/* The slot of (mi, p, rule), created empty if new; NULL when out of memory. */
static ScSlot *scSlot(ScRun *r, int mi, int p, int rule) {
  if (r->nUsed * 2 >= r->nSlot) { /* keep the load under one half */
    i64 n = r->nSlot ? r->nSlot * 2 : 1024;
    ScSlot *a = sqlite3_malloc64((sqlite3_uint64)n * sizeof(ScSlot));
    if (a == 0) return 0;
    for (i64 k = 0; k < n; k++) a[k].member = -1;
    for (i64 i = 0; i < r->nSlot; i++) {
      const ScSlot *o = &r->aSlot[i];
      if (o->member < 0) continue;
      i64 k = scSlotHash(o->member, o->p, o->rule) & (n - 1);
      while (a[k].member >= 0) k = (k + 1) & (n - 1);
      a[k] = *o;
    }
    sqlite3_free(r->aSlot);
    r->aSlot = a;
    r->nSlot = n;
  }
  i64 mask = r->nSlot - 1;
  for (i64 k = scSlotHash(mi, p, rule) & mask;; k = (k + 1) & mask) {
    ScSlot *o = &r->aSlot[k];
    if (o->member == mi && o->p == p && o->rule == rule) return o;
    if (o->member < 0) {
      o->member = mi;
      o->p = p;
      o->rule = rule;
      o->c.events = o->c.reversed = 0;
      o->c.units = 0;
      r->nUsed++;
      return o;
    }
  }
}

static int scSlotCmp(const void *a, const void *b) {
  const ScSlot *x = *(ScSlot *const *)a, *y = *(ScSlot *const *)b;
  return x->p < y->p ? -1 : x->p > y->p;
}

/* Redemptions, ordered by member (the order of aMember) and date. */
static int scLoadRedemptions(ScRun *r, int oneMember, i64 member) {
  ScLoad *L = r->L;
  const ScScheme *s = r->s;
  sqlite3_stmt *st = 0;
  int rc = scPrepare(L,
                     oneMember ? "SELECT member_id, redeemed_on, points FROM score_redemptions"
                                 " WHERE scheme_id = ?1 AND member_id = ?2"
                                 " ORDER BY member_id, redeemed_on"
                               : "SELECT member_id, redeemed_on, points FROM score_redemptions"
                                 " WHERE scheme_id = ?1 ORDER BY member_id, redeemed_on",
                     &st);
  if (rc) return rc;
  sqlite3_bind_int64(st, 1, s->id);
  if (oneMember) sqlite3_bind_int64(st, 2, member);
  int err = 0;
  while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    i64 id = sqlite3_column_int64(st, 0);
    int mi = scMemberIndex(s, id), day;
    const char *z = (const char *)sqlite3_column_text(st, 1);
    if (mi < 0) {
      err = mu_vtab_error(L->pzErr,
                          "%s: score_redemptions names member %lld, who is not in score_members for scheme '%s'",
                          L->fn, id, s->name);
    } else if (z == 0 && sqlite3_column_type(st, 1) != SQLITE_NULL) {
      err = SQLITE_NOMEM;
    } else if (z == 0 || mu_date_parse(z, sqlite3_column_bytes(st, 1), &day)) {
      err = mu_vtab_error(L->pzErr,
                          "%s: score_redemptions.redeemed_on of member %lld is '%s', not a date 'YYYY-MM-DD'",
                          L->fn, id, z ? z : "");
    } else if (scGrow((void **)&r->aRedPts, &r->nRedAlloc, r->nRed + 1, sizeof(i64)) ||
               scGrow((void **)&r->aRedDay, &r->nRedDayAlloc, r->nRed + 1, sizeof(int)) ||
               scGrow((void **)&r->aRedMember, &r->nRedMemberAlloc, r->nRed + 1, sizeof(int))) {
      err = SQLITE_NOMEM;
    } else if (!(err = scNumber(L, st, 2, 100, "score_redemptions.points",
                                &r->aRedPts[r->nRed], 0))) {
      r->aRedDay[r->nRed] = day;
      r->aRedMember[r->nRed] = mi;
      r->nRed++;
    }
  }
  return scFinish(L, st, rc, err);
}

/* The cell of (member mi, period p, rule): in the dense array or the hash;
** NULL when out of memory. */
static ScCell *scCellOf(ScRun *r, int dense, int mi, int p, int rule) {
  if (dense) {
    const ScScheme *s = r->s;
    return &r->aCell[r->aBase[mi] + (i64)(p - s->aMember[mi].firstP) * s->nRule + rule];
  }
  ScSlot *o = scSlot(r, mi, p, rule);
  return o ? &o->c : 0;
}

/* Add one event's credited units to its cell (sign 1), or take a
** reversed event back out of it (sign -1). */
static int scApply(ScRun *r, ScCell *c, int sign, i64 qty, int mi) {
  if (sign < 0) {
    c->events--;
    c->reversed++; /* (its reversal counts where it is read) */
    c->units -= qty;  /* exactly what was added */
    return SQLITE_OK;
  }
  c->events++;
  if (__builtin_add_overflow(c->units, qty, &c->units))
    return scOverflow(r, &r->s->aMember[mi]);
  return SQLITE_OK;
}

/* The state of one read of the ledger, handed to credit_tally. */
typedef struct ScTally {
  ScRun *r;
  int sign, dense;
  int rc;        /* the first error; its message is in *r->L->pzErr */
  int mi;        /* the member of the row before, or -1 */
  /* The cell update waits one row: its cache line is prefetched while
  ** SQLite steps to the next row. */
  ScCell *pend;
  i64 pendQty;
  int pendMi;
  char lastDay[10]; /* no date starts with a NUL */
  int lastP;
} ScTally;

/* One event: argv = member_id, rule_code, occurred_on, qty, event_id,
** reverses (NULL except in one member's read). */
static int scTallyRow(ScTally *T, sqlite3_value **argv) {
  ScRun *r = T->r;
  ScLoad *L = r->L;
  const ScScheme *s = r->s;
  i64 id = sqlite3_value_int64(argv[0]);
  int mi = T->mi;
  if (mi < 0 || s->aMember[mi].id != id) {
    if (r->aIdMap)
      mi = id >= r->idLo && id - r->idLo < r->nIdMap ? r->aIdMap[id - r->idLo] : -1;
    else
      mi = scMemberIndex(s, id);
    if (mi < 0)
      return mu_vtab_error(L->pzErr,
                           "%s: score_events row %lld names member %lld, who is not in score_members for scheme '%s'",
                           L->fn, sqlite3_value_int64(argv[4]), id, s->name);
    T->mi = mi;
  }
  /* Text values are NUL-terminated; a NUL inside a rule_code or a date
  ** would only make it unknown or malformed. */
  const char *code = (const char *)sqlite3_value_text(argv[1]);
  const char *day = (const char *)sqlite3_value_text(argv[2]);
  if ((code == 0 && sqlite3_value_type(argv[1]) != SQLITE_NULL) ||
      (day == 0 && sqlite3_value_type(argv[2]) != SQLITE_NULL))
    return SQLITE_NOMEM;
  int nCode = code ? (int)strlen(code) : 0, nDay = day ? (int)strlen(day) : 0;
  int rule = code ? scRuleFind(s, code, nCode) : -1;
  if (rule < 0)
    return mu_vtab_error(L->pzErr,
                         "%s: score_events row %lld names rule '%.*s', which is not a rule of scheme '%s'",
                         L->fn, sqlite3_value_int64(argv[4]), nCode, code ? code : "", s->name);
  /* A ledger in date order repeats each day many times: parse it once. */
  if (day == 0 || nDay != 10 || memcmp(day, T->lastDay, 10) != 0) {
    if (scDatePeriod(day, nDay, s->kind, &T->lastP))
      return mu_vtab_error(L->pzErr,
                           "%s: score_events row %lld has occurred_on '%.*s', not a date 'YYYY-MM-DD'",
                           L->fn, sqlite3_value_int64(argv[4]), nDay, day ? day : "");
    memcpy(T->lastDay, day, 10);
  }
  int p = T->lastP;
  const ScMember *m = &s->aMember[mi];
  if (p < m->firstP || p > m->lastP || p > r->Pe) return SQLITE_OK; /* not assessed then */
  ScCell *c = scCellOf(r, T->dense, mi, p, rule);
  if (c == 0) return SQLITE_NOMEM;
  /* A reversing event counts nothing (only one member's read has them). */
  if (sqlite3_value_type(argv[5]) != SQLITE_NULL) {
    c->reversed++;
    return SQLITE_OK;
  }
  /* qty: a REAL column; a non-number reads as 0.0, so only then ask. */
  double q = sqlite3_value_double(argv[3]);
  i64 qty = 0;
  int rc;
  if (q == 0.0 || !(fabs(q) <= SC_LIMIT)) {
    if ((rc = scValueNumber(L, argv[3], 100, "score_events.qty", &qty, 0))) return rc;
  } else {
    qty = scRound(q * 100);
  }
  const ScRule *ru = &s->aRule[rule];
  if (qty < 0) qty = 0;
  if (ru->hasMax && qty > ru->maxUnits) qty = ru->maxUnits;
  if (!T->dense) /* a hash slot may move when the hash grows: no waiting */
    return scApply(r, c, T->sign, qty, mi);
  __builtin_prefetch(c, 1);
  rc = T->pend ? scApply(r, T->pend, T->sign, T->pendQty, T->pendMi) : SQLITE_OK;
  T->pend = c;
  T->pendQty = qty;
  T->pendMi = mi;
  return rc;
}

/* credit_tally(state, member_id, rule_code, occurred_on, qty, event_id,
** reverses): the ledger's inner loop, run as an aggregate so that SQLite
** hands each row's values straight to it inside one sqlite3_step (the
** column API costs a mutex and a call per value and row).  `state` is a
** pointer bound by scReadEvents (sqlite3_bind_pointer): SQL cannot make
** one, so any other call is an error. */
#define SC_POINTER_TYPE "muling-credit-tally"
/* The select list of every read; the last argument, reverses, follows. */
#define SC_TALLY "SELECT credit_tally(?3, member_id, rule_code, occurred_on, qty, event_id, "

static void creditTallyStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  ScTally *T = mu_tally_state(ctx, argv[0], SC_POINTER_TYPE,
                              "credit_tally: internal to credit_scores and credit_explain;"
                              " use SELECT * FROM credit_scores(scheme [, period_start, period_end])");
  if (T == 0) return;
  if (T->rc != SQLITE_OK) return;
  int rc = scTallyRow(T, argv + 1);
  if (rc == SQLITE_OK) return;
  T->rc = rc;
  if (rc == SQLITE_NOMEM) sqlite3_result_error_nomem(ctx);
  else sqlite3_result_error(ctx, "credit_tally: stopped", -1); /* the message is T's */
}

static void creditTallyFinal(sqlite3_context *ctx) { (void)ctx; }

/* Read the events sql selects (through credit_tally, parameter ?3 its
** state; ?1 the scheme, ?2 the member) into the cells.  sign -1 reads the
** events that were reversed and takes them back out. */
static int scReadEvents(ScRun *r, const char *sql, int sign, int dense, i64 member) {
  ScLoad *L = r->L;
  sqlite3_stmt *st = 0;
  ScTally T;
  memset(&T, 0, sizeof T);
  T.r = r;
  T.sign = sign;
  T.dense = dense;
  T.mi = -1;
  int rc = scPrepare(L, sql, &st);
  if (rc) return rc;
  if ((rc = sqlite3_bind_int64(st, 1, r->s->id)) == SQLITE_OK &&
      (rc = sqlite3_bind_int64(st, 2, member)) == SQLITE_OK &&
      (rc = sqlite3_bind_pointer(st, 3, &T, SC_POINTER_TYPE, 0)) == SQLITE_OK) {
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
  }
  if (T.rc == SQLITE_OK && rc == SQLITE_DONE && T.pend)
    T.rc = scApply(r, T.pend, sign, T.pendQty, T.pendMi);
  return scFinish(L, st, rc, T.rc);
}

/* Read the ledger once, accumulating per (member, period, rule); then
** finish member by member. */
static int scRun(ScRun *r, int oneMember, i64 member) {
  ScLoad *L = r->L;
  ScScheme *s = r->s;
  int *aCount = 0;
  ScSlot **ap = 0;
  int rc;
  r->aCatSum = sqlite3_malloc64(sizeof(i64) * (sqlite3_uint64)(s->nCat + 1));
  if (r->aCatSum == 0) return SQLITE_NOMEM;
  if ((rc = scLoadRedemptions(r, oneMember, member))) return rc;
  /* Dense cells when every member's window fits in 4M cells (64 MB):
  ** one array, no hashing; else a hash of the (member, period, rule)
  ** that occur. */
  i64 nDense = 0;
  r->aBase = sqlite3_malloc64(sizeof(i64) * (sqlite3_uint64)(s->nMember + 1));
  if (r->aBase == 0) {
    rc = SQLITE_NOMEM;
    goto out;
  }
  for (int i = 0; i < s->nMember; i++) {
    const ScMember *m = &s->aMember[i];
    int last = m->lastP < r->Pe ? m->lastP : r->Pe;
    r->aBase[i] = nDense;
    if (last >= m->firstP && nDense <= ((i64)1 << 22))
      nDense += ((i64)last - m->firstP + 1) * s->nRule;
  }
  int dense = nDense <= ((i64)1 << 22);
  if (dense) {
    if (scGrow((void **)&r->aCell, &r->nCellAlloc, nDense + 1, sizeof(ScCell))) {
      rc = SQLITE_NOMEM;
      goto out;
    }
    memset(r->aCell, 0, sizeof(ScCell) * (size_t)(nDense + 1));
  }
  /* member_id → index by a table when the ids are dense enough. */
  if (s->nMember > 0) {
    i64 span = s->aMember[s->nMember - 1].id - s->aMember[0].id + 1;
    if (span > 0 && span <= 4 * (i64)s->nMember + 1024) {
      r->idLo = s->aMember[0].id;
      r->nIdMap = span;
      r->aIdMap = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)span);
      if (r->aIdMap == 0) {
        rc = SQLITE_NOMEM;
        goto out;
      }
      for (i64 k = 0; k < span; k++) r->aIdMap[k] = -1;
      for (int i = 0; i < s->nMember; i++) r->aIdMap[s->aMember[i].id - r->idLo] = i;
    }
  }

  /* The whole scheme is read in storage order ("+scheme_id" keeps SQLite
  ** off the indexes): reading it by member through score_events_member
  ** visits the table out of order and measured 16x slower on a ledger
  ** appended in date order.  When the ledger holds this scheme alone (two
  ** probes of an index) the filter is left out too, and so is one on
  ** reverses: every event is read, and the reversed and reversing ones
  ** (few, found through the partial index score_events_reverses and by
  ** rowid) are then taken back out — each column less read per row is
  ** measurable on a million rows.  One member is read through
  ** score_events_member, reversals and all. */
  int only = 0;
  if (!oneMember) {
    sqlite3_stmt *mm = 0;
    rc = scPrepare(L,
                   "SELECT (SELECT min(scheme_id) FROM score_events),"
                   " (SELECT max(scheme_id) FROM score_events)",
                   &mm);
    if (rc) goto out;
    rc = sqlite3_step(mm);
    if (rc == SQLITE_ROW) {
      only = sqlite3_column_type(mm, 0) == SQLITE_INTEGER &&
             sqlite3_column_type(mm, 1) == SQLITE_INTEGER &&
             sqlite3_column_int64(mm, 0) == s->id && sqlite3_column_int64(mm, 1) == s->id;
      rc = SQLITE_OK;
    }
    if ((rc = scFinish(L, mm, rc, 0))) goto out;
  }
  rc = scReadEvents(r,
                    oneMember ? SC_TALLY "reverses)"
                                " FROM score_events WHERE scheme_id = ?1 AND member_id = ?2"
                    : only    ? SC_TALLY "NULL)"
                                " FROM score_events"
                              : SC_TALLY "NULL)"
                                " FROM score_events WHERE +scheme_id = ?1",
                    1, dense, member);
  if (rc) goto out;
  /* Then the reversed events and (for the whole scheme) the reversing
  ** ones are taken back out, each exactly as it went in. */
  for (int k = oneMember ? 1 : 0; k < 2; k++) {
    rc = scReadEvents(r,
                      k == 0      ? SC_TALLY "NULL)"
                                    " FROM score_events WHERE reverses IS NOT NULL AND +scheme_id = ?1"
                      : oneMember ? SC_TALLY "NULL)"
                                    " FROM score_events"
                                    " WHERE scheme_id = ?1 AND member_id = ?2 AND reverses IS NULL"
                                    " AND event_id IN (SELECT reverses FROM score_events"
                                    " WHERE scheme_id = ?1 AND member_id = ?2 AND reverses IS NOT NULL)"
                                  : SC_TALLY "NULL)"
                                    " FROM score_events"
                                    " WHERE event_id IN (SELECT reverses FROM score_events WHERE reverses IS NOT NULL)"
                                    " AND +scheme_id = ?1 AND reverses IS NULL",
                      -1, dense, member);
    if (rc) goto out;
  }

  i64 ri = 0;
  if (dense) {
    for (int i = 0; i < s->nMember; i++) {
      i64 r0 = ri;
      while (ri < r->nRed && r->aRedMember[ri] == i) ri++;
      rc = scMemberFinish(r, &s->aMember[i], r->aCell + r->aBase[i], 0, 0,
                          r->nRed ? r->aRedDay + r0 : 0, r->nRed ? r->aRedPts + r0 : 0, ri - r0);
      if (rc) goto out;
    }
  } else {
    /* Group the slots by member (a counting sort), then finish each with
    ** its slots in period order. */
    aCount = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(s->nMember + 1));
    ap = sqlite3_malloc64(sizeof(ScSlot *) * (sqlite3_uint64)(r->nUsed + 1));
    if (aCount == 0 || ap == 0) {
      rc = SQLITE_NOMEM;
      goto out;
    }
    memset(aCount, 0, sizeof(int) * (size_t)(s->nMember + 1));
    for (i64 k = 0; k < r->nSlot; k++)
      if (r->aSlot[k].member >= 0) aCount[r->aSlot[k].member + 1]++;
    for (int i = 0; i < s->nMember; i++) aCount[i + 1] += aCount[i];
    for (i64 k = 0; k < r->nSlot; k++)
      if (r->aSlot[k].member >= 0) ap[aCount[r->aSlot[k].member]++] = &r->aSlot[k];
    /* aCount[i] is now the end of member i's slots. */
    for (int i = 0; i < s->nMember; i++) {
      const ScMember *m = &s->aMember[i];
      int from = i ? aCount[i - 1] : 0;
      int last = m->lastP < r->Pe ? m->lastP : r->Pe;
      i64 r0 = ri;
      while (ri < r->nRed && r->aRedMember[ri] == i) ri++;
      if (last < m->firstP || last < r->Ps) continue;
      if (scGrow((void **)&r->aCell, &r->nCellAlloc, s->nRule + 1, sizeof(ScCell))) {
        rc = SQLITE_NOMEM;
        goto out;
      }
      if (aCount[i] - from > 1)
        qsort(ap + from, (size_t)(aCount[i] - from), sizeof(ScSlot *), scSlotCmp);
      rc = scMemberFinish(r, m, 0, ap + from, aCount[i] - from,
                          r->nRed ? r->aRedDay + r0 : 0, r->nRed ? r->aRedPts + r0 : 0,
                          ri - r0);
      if (rc) goto out;
    }
  }
  if (!r->explain) scRank(r);
out:
  sqlite3_free(aCount);
  sqlite3_free(ap);
  return rc;
}

/* ---- The virtual tables ------------------------------------------------- */
/*
** Security: neither SQLITE_VTAB_INNOCUOUS nor SQLITE_VTAB_DIRECTONLY.
** The tables read only the score_* tables of the database they are used in
** (anything a view of that schema could SELECT itself) and no file; but
** called without a range they read the clock (the period containing today),
** and docs/design.md keeps clock readers out of untrusted schemas.  DIRECTONLY
** would also forbid an analyst's own views with explicit ranges
** (`CREATE VIEW points_2023 AS SELECT * FROM credit_scores(1, '2023-01-01',
** '2023-12-31')`), the main way these tables are meant to be kept.  So the
** default risk level: usable in views and triggers of a trusted schema, and
** refused there ("unsafe use of virtual table") under PRAGMA
** trusted_schema=OFF, where a hostile database's views could otherwise
** make results depend on the clock.
*/
typedef struct ScVtab {
  sqlite3_vtab base; /* Base class. Must be first */
  sqlite3 *db;
  int kind;          /* SC_SCORES or SC_EXPLAIN */
  int nVisible;      /* columns before the hidden arguments */
  int nArg;          /* hidden arguments */
} ScVtab;

typedef struct ScCursor {
  sqlite3_vtab_cursor base; /* Base class. Must be first */
  ScScheme *s;
  ScRow *aRow;
  ScXRow *aX;
  i64 n, i;
  i64 member;
  sqlite3_value *pScheme;
  int rangeStart, rangeEnd;
} ScCursor;

/* Column numbers. */
enum {
  SCS_MEMBER, SCS_PSTART, SCS_PEND, SCS_BASE, SCS_ADDED, SCS_DEDUCTED,
  SCS_CAPPED, SCS_SCORE, SCS_GRADE, SCS_VETOED, SCS_RANK, SCS_PCT,
  SCS_BALANCE, SCS_SCHEME, SCS_RSTART, SCS_REND
};
enum {
  SCX_MEMBER, SCX_PSTART, SCX_PEND, SCX_CATEGORY, SCX_RULE, SCX_EVENTS,
  SCX_REVERSED, SCX_UNITS, SCX_RAW, SCX_CAP, SCX_COUNTED, SCX_CAPPED,
  SCX_VALUE, SCX_BASE, SCX_SCORE, SCX_SCHEME, SCX_XMEMBER, SCX_RSTART, SCX_REND
};

static int scoringConnect(sqlite3 *db, void *pAux, int argc,
                          const char *const *argv, sqlite3_vtab **ppVtab,
                          char **pzErr) {
  int kind = pAux ? SC_EXPLAIN : SC_SCORES;
  int rc = sqlite3_declare_vtab(
      db, kind == SC_SCORES
              ? "CREATE TABLE x(member_id INTEGER, period_start TEXT, period_end TEXT,"
                " base REAL, added REAL, deducted REAL, capped_off REAL, score REAL,"
                " grade TEXT, vetoed TEXT, rank INTEGER, percentile REAL, balance REAL,"
                " scheme HIDDEN, range_start HIDDEN, range_end HIDDEN)"
              : "CREATE TABLE x(member_id INTEGER, period_start TEXT, period_end TEXT,"
                " category TEXT, rule_code TEXT, events INTEGER, reversed INTEGER,"
                " units REAL, raw_points REAL, cap REAL, counted_points REAL,"
                " capped_off REAL, value REAL, base REAL, score REAL,"
                " scheme HIDDEN, member HIDDEN, range_start HIDDEN, range_end HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  ScVtab *v = sqlite3_malloc64(sizeof(*v));
  if (v == 0) return SQLITE_NOMEM;
  memset(v, 0, sizeof(*v));
  v->db = db;
  v->kind = kind;
  v->nVisible = kind == SC_SCORES ? SCS_SCHEME : SCX_SCHEME;
  v->nArg = kind == SC_SCORES ? 3 : 4;
  *ppVtab = &v->base;
  return SQLITE_OK;
}

static int scoringDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/* idxNum bit a: hidden argument a has an equality constraint, passed in
** argv in argument order.  An argument whose constraint is unusable in
** this plan makes the plan unusable (SQLITE_CONSTRAINT), as in series.c. */
static int scoringBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *p) {
  ScVtab *v = (ScVtab *)pVtab;
  int aIdx[4] = {-1, -1, -1, -1}, unusable = 0;
  for (int i = 0; i < p->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &p->aConstraint[i];
    int a = c->iColumn - v->nVisible;
    if (a < 0 || a >= v->nArg || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!c->usable) {
      unusable |= 1 << a;
      continue;
    }
    if (aIdx[a] < 0) aIdx[a] = i;
  }
  int idxNum = 0, n = 0;
  for (int a = 0; a < v->nArg; a++) {
    if (aIdx[a] < 0) {
      if (unusable & (1 << a)) return SQLITE_CONSTRAINT;
      continue;
    }
    idxNum |= 1 << a;
    p->aConstraintUsage[aIdx[a]].argvIndex = ++n;
    p->aConstraintUsage[aIdx[a]].omit = 1;
  }
  p->idxNum = idxNum;
  p->estimatedCost = (idxNum & 1) ? 1000.0 / (n + 1) : 1e12;
  p->estimatedRows = v->kind == SC_SCORES ? 1000 : 20;
  return SQLITE_OK;
}

static int scoringOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  ScCursor *c = sqlite3_malloc64(sizeof(*c));
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *ppCursor = &c->base;
  return SQLITE_OK;
}

static void scCursorReset(ScCursor *c) {
  scSchemeFree(c->s);
  sqlite3_free(c->aRow);
  sqlite3_free(c->aX);
  sqlite3_value_free(c->pScheme);
  c->s = 0;
  c->aRow = 0;
  c->aX = 0;
  c->pScheme = 0;
  c->n = c->i = 0;
}

static int scoringClose(sqlite3_vtab_cursor *cur) {
  scCursorReset((ScCursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

/* A date argument; 0 ok, 2 NULL, else an error set. */
static int scDateArg(ScLoad *L, sqlite3_value *v, const char *name, int *pDay,
                     int *pRc) {
  int r = mu_date_value(v, pDay);
  if (r == 0 || r == 2) return r;
  const char *z = (const char *)sqlite3_value_text(v);
  if (z == 0 && sqlite3_value_type(v) != SQLITE_NULL) *pRc = SQLITE_NOMEM;
  else
    *pRc = mu_vtab_error(L->pzErr, "%s: %s must be a date 'YYYY-MM-DD', got '%s'",
                         L->fn, name, z ? z : "");
  return 1;
}

static int scoringFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                         int argc, sqlite3_value **argv) {
  ScCursor *c = (ScCursor *)cur;
  ScVtab *v = (ScVtab *)cur->pVtab;
  ScLoad L = {v->db, v->kind == SC_SCORES ? "credit_scores" : "credit_explain",
              &v->base.zErrMsg};
  sqlite3_value *aArg[4] = {0, 0, 0, 0};
  int j = 0, rc = SQLITE_OK;
  scCursorReset(c);
  for (int a = 0; a < v->nArg; a++)
    if (idxNum & (1 << a)) aArg[a] = argv[j++];
  sqlite3_value *pScheme = aArg[0];
  sqlite3_value *pMember = v->kind == SC_EXPLAIN ? aArg[1] : 0;
  sqlite3_value *pStart = aArg[v->nArg - 2], *pEnd = aArg[v->nArg - 1];
  if (pScheme == 0)
    return mu_vtab_error(L.pzErr, "%s: the scheme argument is required", L.fn);
  if (v->kind == SC_EXPLAIN && pMember == 0)
    return mu_vtab_error(L.pzErr, "%s: the member_id argument is required", L.fn);
  /* NULL in, nothing out. */
  if (sqlite3_value_type(pScheme) == SQLITE_NULL) return SQLITE_OK;
  if (pMember && sqlite3_value_type(pMember) == SQLITE_NULL) return SQLITE_OK;
  i64 member = 0;
  if (pMember) {
    int t = sqlite3_value_numeric_type(pMember);
    if (t != SQLITE_INTEGER) {
      const char *z = (const char *)sqlite3_value_text(pMember);
      if (z == 0) return SQLITE_NOMEM;
      return mu_vtab_error(L.pzErr, "%s: member_id must be an integer, got '%s'", L.fn, z);
    }
    member = sqlite3_value_int64(pMember);
  }
  int d0, d1;
  if (pStart == 0 && pEnd == 0) {
    d0 = d1 = mu_today(); /* the clock: see the security note above */
  } else {
    int r0 = 0, r1 = 0;
    if (pStart) {
      r0 = scDateArg(&L, pStart, "period_start", &d0, &rc);
      if (r0 == 1) return rc;
    }
    if (pEnd) {
      r1 = scDateArg(&L, pEnd, "period_end", &d1, &rc);
      if (r1 == 1) return rc;
    }
    if (r0 == 2 || r1 == 2) return SQLITE_OK;
    if (!pStart) d0 = d1;
    if (!pEnd) d1 = d0;
    if (d1 < d0) {
      char z0[11], z1[11];
      mu_date_format(d0, z0);
      mu_date_format(d1, z1);
      return mu_vtab_error(L.pzErr, "%s: period_end '%s' is before period_start '%s'",
                           L.fn, z1, z0);
    }
  }
  c->rangeStart = d0;
  c->rangeEnd = d1;
  c->pScheme = sqlite3_value_dup(pScheme);
  if (c->pScheme == 0) return SQLITE_NOMEM;
  c->member = member;

  ScScheme *s = sqlite3_malloc64(sizeof(*s));
  if (s == 0) return SQLITE_NOMEM;
  memset(s, 0, sizeof(*s));
  c->s = s;
  rc = scCheckTables(&L);
  if (!rc) rc = scFindScheme(&L, s, pScheme);
  if (!rc) rc = scLoadCategories(&L, s);
  if (!rc) rc = scLoadGrades(&L, s);
  if (!rc) rc = scLoadRules(&L, s);
  int Ps = scPeriodOf(s->kind, d0), Pe = scPeriodOf(s->kind, d1);
  if (!rc) rc = scLoadMembers(&L, s, v->kind == SC_EXPLAIN, member, Ps);
  if (!rc && v->kind == SC_EXPLAIN && s->nMember == 0)
    rc = mu_vtab_error(L.pzErr, "%s: member %lld is not in score_members for scheme '%s'",
                       L.fn, member, s->name);
  if (rc) return rc;
  ScRun run;
  memset(&run, 0, sizeof(run));
  run.L = &L;
  run.s = s;
  run.Ps = Ps;
  run.Pe = Pe;
  run.explain = v->kind == SC_EXPLAIN;
  rc = scRun(&run, v->kind == SC_EXPLAIN, member);
  scRunFree(&run);
  c->aRow = run.aRow;
  c->aX = run.aX;
  c->n = run.explain ? run.nX : run.nRow;
  if (rc) c->n = 0;
  return rc;
}

static int scoringNext(sqlite3_vtab_cursor *cur) {
  ((ScCursor *)cur)->i++;
  return SQLITE_OK;
}

static int scoringEof(sqlite3_vtab_cursor *cur) {
  ScCursor *c = (ScCursor *)cur;
  return c->i >= c->n;
}

static void scResultPoints(sqlite3_context *ctx, i64 v) {
  sqlite3_result_double(ctx, (double)v / 100.0);
}

static void scResultDate(sqlite3_context *ctx, int day) {
  char z[11];
  mu_date_format(day, z);
  sqlite3_result_text(ctx, z, 10, SQLITE_TRANSIENT);
}

static int scoringColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col) {
  ScCursor *c = (ScCursor *)cur;
  ScVtab *v = (ScVtab *)cur->pVtab;
  const ScScheme *s = c->s;
  if (v->kind == SC_SCORES) {
    const ScRow *o = &c->aRow[c->i];
    switch (col) {
      case SCS_MEMBER: sqlite3_result_int64(ctx, o->member); break;
      case SCS_PSTART: scResultDate(ctx, scPeriodStart(s->kind, o->p)); break;
      case SCS_PEND: scResultDate(ctx, scPeriodEnd(s->kind, o->p)); break;
      case SCS_BASE: scResultPoints(ctx, o->base); break;
      case SCS_ADDED: scResultPoints(ctx, o->added); break;
      case SCS_DEDUCTED: scResultPoints(ctx, o->deducted); break;
      case SCS_CAPPED: scResultPoints(ctx, o->capped); break;
      case SCS_SCORE: scResultPoints(ctx, o->score); break;
      case SCS_GRADE:
        if (o->grade >= 0)
          sqlite3_result_text(ctx, s->aGrade[o->grade].name, -1, SQLITE_TRANSIENT);
        break;
      case SCS_VETOED:
        if (o->veto >= 0)
          sqlite3_result_text(ctx, s->aRule[o->veto].code, -1, SQLITE_TRANSIENT);
        break;
      case SCS_RANK: sqlite3_result_int64(ctx, o->rank); break;
      case SCS_PCT: sqlite3_result_double(ctx, o->pct); break;
      case SCS_BALANCE: scResultPoints(ctx, o->balance); break;
      case SCS_SCHEME: sqlite3_result_value(ctx, c->pScheme); break;
      case SCS_RSTART: scResultDate(ctx, c->rangeStart); break;
      case SCS_REND: scResultDate(ctx, c->rangeEnd); break;
    }
    return SQLITE_OK;
  }
  const ScXRow *x = &c->aX[c->i];
  int isRule = x->rule >= 0;
  switch (col) {
    case SCX_MEMBER:
    case SCX_XMEMBER: sqlite3_result_int64(ctx, c->member); break;
    case SCX_PSTART: scResultDate(ctx, scPeriodStart(s->kind, x->p)); break;
    case SCX_PEND: scResultDate(ctx, scPeriodEnd(s->kind, x->p)); break;
    case SCX_CATEGORY:
      if (x->cat >= 0)
        sqlite3_result_text(ctx, s->aCat[x->cat].name, -1, SQLITE_TRANSIENT);
      break;
    case SCX_RULE:
      if (isRule) sqlite3_result_text(ctx, s->aRule[x->rule].code, -1, SQLITE_TRANSIENT);
      break;
    case SCX_EVENTS: if (isRule) sqlite3_result_int64(ctx, x->events); break;
    case SCX_REVERSED: if (isRule) sqlite3_result_int64(ctx, x->reversed); break;
    case SCX_UNITS: if (isRule) scResultPoints(ctx, x->units); break;
    case SCX_RAW: scResultPoints(ctx, x->raw); break;
    case SCX_CAP: if (x->hasCap) scResultPoints(ctx, x->cap); break;
    case SCX_COUNTED: scResultPoints(ctx, x->counted); break;
    case SCX_CAPPED: scResultPoints(ctx, x->capped); break;
    case SCX_VALUE: if (!isRule) scResultPoints(ctx, x->value); break;
    case SCX_BASE: scResultPoints(ctx, x->base); break;
    case SCX_SCORE: scResultPoints(ctx, x->score); break;
    case SCX_SCHEME: sqlite3_result_value(ctx, c->pScheme); break;
    case SCX_RSTART: scResultDate(ctx, c->rangeStart); break;
    case SCX_REND: scResultDate(ctx, c->rangeEnd); break;
  }
  return SQLITE_OK;
}

static int scoringRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((ScCursor *)cur)->i + 1;
  return SQLITE_OK;
}

static sqlite3_module scoringModule = {
    .iVersion = 0,
    .xCreate = 0, /* eponymous only: credit_scores(...) needs no CREATE */
    .xConnect = scoringConnect,
    .xBestIndex = scoringBestIndex,
    .xDisconnect = scoringDisconnect,
    .xDestroy = 0,
    .xOpen = scoringOpen,
    .xClose = scoringClose,
    .xFilter = scoringFilter,
    .xNext = scoringNext,
    .xEof = scoringEof,
    .xColumn = scoringColumn,
    .xRowid = scoringRowid,
};

/* ---- volunteer_stars(hours) --------------------------------------------- */
/* 民政部 2012 volunteer-record rules: one star at 100 cumulative hours, then
** 300, 600, 1000, 1500. */
static void volunteerStarsFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const double steps[5] = {100, 300, 600, 1000, 1500};
  int t = sqlite3_value_numeric_type(argv[0]);
  if (t == SQLITE_NULL) return;
  if (t != SQLITE_INTEGER && t != SQLITE_FLOAT) {
    const char *z = (const char *)sqlite3_value_text(argv[0]);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    mu_error(ctx, "volunteer_stars: hours must be a number, got '%s'", z);
    return;
  }
  double h = sqlite3_value_double(argv[0]);
  if (h < 0) {
    const char *z = (const char *)sqlite3_value_text(argv[0]);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    mu_error(ctx, "volunteer_stars: hours must not be negative, got %s", z);
    return;
  }
  int stars = 0;
  while (stars < 5 && h >= steps[stars]) stars++;
  sqlite3_result_int(ctx, stars);
}

int muling_register_scoring(sqlite3 *db) {
  /* Eponymous table-valued functions; pAux tells the two apart. */
  int rc = sqlite3_create_module_v2(db, "credit_scores", &scoringModule, 0, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_module_v2(db, "credit_explain", &scoringModule, (void *)1, 0);
  /* Pure: the stars depend on the hours alone. */
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "volunteer_stars", 1, MU_PURE, 0,
                                    volunteerStarsFunc, 0, 0, 0);
  /* Internal: its state is a pointer only scReadEvents can bind. */
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "credit_tally", 7, MU_DIRECT, 0, 0, creditTallyStep,
                                    creditTallyFinal, 0);
  return rc;
}
