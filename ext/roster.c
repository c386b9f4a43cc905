/*
** roster.c — fair, continuing duty rotas for posts and activity points
** (红色岗位, 睦邻点 轮流值日).
**
**   SELECT * FROM roster(1, '2024-01-01', '2024-01-31');
**       -- post_id, duty_date, slot, role, person_id, load, note
**   INSERT INTO duty_assignments(post_id, duty_date, slot, role, person_id)
**     SELECT post_id, duty_date, slot, role, person_id
**       FROM roster(1, '2024-02-01', '2024-02-29') WHERE person_id IS NOT NULL;
**
** roster(post_id, start, end): the rota of duty_posts.post_id for the days
**   [start, end] drawn from duty_pool, skipping duty_unavailable and
**   continuing from duty_assignments.  The rule (docs/design.md, docs/roster.md):
**   - the post's dates are its rrule's occurrences from its dtstart;
**   - each date has `leaders` slots then `members` slots (slot 1, 2, …);
**   - eligible: active that day (active_from/active_to inclusive), not
**     unavailable, no other duty within min_gap_days (any post, any status
**     but 'cancelled'; one duty a day at most);
**   - chosen: the lowest level, level = offset + duties on this post ÷
**     weight; then the earliest last duty on this post (never first); then
**     the smallest person_id;
**   - a person with an active_from starts that day level with the
**     least-levelled member of the same role who was active the day before
**     and that day (their offset makes it so); everyone else's offset is 0;
**   - a slot nobody can fill is a row with person_id NULL, note 'unfilled'.
**   The post's own assignments dated within [start, end] are ignored: the
**   call is drawing those dates, and it stays safe to INSERT its rows while
**   reading it.
**
** The post's dates come from the recurrence engine in rrule.c, through
** rrule.h (rrule_open, rrule_step, rrule_close): the one header a module
** includes besides common.h, and an arrow that runs one way only.
*/
#include "common.h"
#include "rrule.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define RS_MAX_SLOTS 100000    /* slots a day */
#define NO_DAY (INT_MIN / 2)   /* "never" / "no bound" below every day */
#define ALL_DAYS (INT_MAX / 2) /* "no bound" above every day */

/* ======================================================================
** roster(post_id, start, end)
** ====================================================================== */

typedef struct Person {
  sqlite3_int64 id;
  sqlite3_int64 cnt; /* duties on this post so far (history + this call) */
  int lastPost;      /* last duty on this post, NO_DAY if none */
  int lastAny;       /* last duty on any post within the gap window */
  int window;        /* recorded duties in [day, day + gap - 1] */
  int unavTo;        /* unavailable through this day */
} Person;

typedef struct Entry {
  int person;    /* index into aPerson */
  int leader;    /* 1 leader pool, 0 member pool */
  int from, to;  /* active range, inclusive */
  double weight; /* > 0 */
  double offset; /* starting level of a late joiner, else 0 */
} Entry;

typedef struct RosterVtab {
  sqlite3_vtab base; /* Base class. Must be first */
  sqlite3 *db;
} RosterVtab;

typedef struct RosterCursor {
  sqlite3_vtab_cursor base; /* Base class. Must be first */
  sqlite3_int64 post;
  sqlite3_value *args[3];
  Recur *rec; /* the post's dates (rrule.h) */
  int start, end, gap;
  char zEnd[11];
  sqlite3_int64 nLeaders, nMembers;
  Person *aPerson;
  int nPerson;
  Entry *aEntry;
  int nEntry;
  int *aJoin; /* entries with an active_from, by active_from */
  int nJoin, iJoin;
  sqlite3_stmt *pLead, *pTrail, *pUnav; /* streams over the range */
  int leadDay, trailDay, unavDay;       /* next row's day, ALL_DAYS at end */
  /* the current row */
  int day;
  sqlite3_int64 slot; /* 1-based; 0 before the first date */
  int chosen;         /* entry index or -1 (unfilled) */
  sqlite3_int64 rowid;
  int eof;
} RosterCursor;

enum {
  RS_POST_ID, RS_DUTY_DATE, RS_SLOT, RS_ROLE, RS_PERSON_ID, RS_LOAD, RS_NOTE,
  RS_ARG_POST, RS_ARG_START, RS_ARG_END
};

static int rosterConnect(sqlite3 *db, void *pAux, int argc,
                         const char *const *argv, sqlite3_vtab **ppVtab,
                         char **pzErr) {
  int rc = sqlite3_declare_vtab(
      db, "CREATE TABLE x(post_id INTEGER, duty_date TEXT, slot INTEGER, "
          "role TEXT, person_id INTEGER, load INTEGER, note TEXT, "
          "post HIDDEN, start HIDDEN, \"end\" HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  /* roster() reads only the duty_* tables of the database it is called in,
  ** through ordinary SQL that obeys that database's own permissions, and
  ** writes nothing: a view in that database could read the same rows
  ** itself, so an untrusted schema gains nothing by calling it.  No files,
  ** no clock.  Hence INNOCUOUS, so views and reports may use it. */
  rc = sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  if (rc != SQLITE_OK) return rc;
  RosterVtab *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->db = db;
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int rosterDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

static int rosterOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCur) {
  RosterCursor *c = sqlite3_malloc64(sizeof(*c));
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  c->eof = 1;
  *ppCur = &c->base;
  return SQLITE_OK;
}

static void rosterReset(RosterCursor *c) {
  rrule_close(c->rec);
  c->rec = 0;
  mu_tvf_args_free(c->args, 3);
  sqlite3_finalize(c->pLead);
  sqlite3_finalize(c->pTrail);
  sqlite3_finalize(c->pUnav);
  c->pLead = c->pTrail = c->pUnav = 0;
  sqlite3_free(c->aPerson);
  sqlite3_free(c->aEntry);
  sqlite3_free(c->aJoin);
  c->aPerson = 0;
  c->aEntry = 0;
  c->aJoin = 0;
  c->nPerson = c->nEntry = c->nJoin = c->iJoin = 0;
  c->eof = 1;
  c->rowid = 0;
  c->slot = 0;
}

static int rosterClose(sqlite3_vtab_cursor *cur) {
  RosterCursor *c = (RosterCursor *)cur;
  rosterReset(c);
  sqlite3_free(c);
  return SQLITE_OK;
}

/* An SQL failure while reading a table: NOMEM stays NOMEM, anything else
** becomes `roster: cannot read TABLE: why`. */
static int sql_error(RosterCursor *c, int rc, const char *zTable) {
  if (rc == SQLITE_NOMEM) return SQLITE_NOMEM;
  sqlite3 *db = ((RosterVtab *)c->base.pVtab)->db;
  return mu_vtab_error(&c->base.pVtab->zErrMsg, "roster: cannot read %s: %s",
                       zTable, sqlite3_errmsg(db));
}

static int prepare(RosterCursor *c, const char *zSql, const char *zTable,
                   sqlite3_stmt **pp) {
  sqlite3 *db = ((RosterVtab *)c->base.pVtab)->db;
  int rc = sqlite3_prepare_v2(db, zSql, -1, pp, 0);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(*pp);
    *pp = 0;
    return sql_error(c, rc, zTable);
  }
  return SQLITE_OK;
}

/* A date column: NULL gives dflt; malformed is an error naming it. */
static int column_day(RosterCursor *c, sqlite3_stmt *st, int i, int dflt,
                      const char *zWhat, int *pDay) {
  int rc = mu_date_value(sqlite3_column_value(st, i), pDay);
  if (rc == 2) *pDay = dflt;
  if (rc != 1) return SQLITE_OK;
  const char *z = (const char *)sqlite3_column_text(st, i);
  if (z == 0) return SQLITE_NOMEM;
  return mu_vtab_error(&c->base.pVtab->zErrMsg,
                       "roster: %s must be a date 'YYYY-MM-DD', got '%s'",
                       zWhat, z);
}

static void bind_day(sqlite3_stmt *st, int i, int day) {
  char z[11];
  mu_date_format(day, z);
  sqlite3_bind_text(st, i, z, 10, SQLITE_TRANSIENT);
}

static int find_person(RosterCursor *c, sqlite3_int64 id) {
  int lo = 0, hi = c->nPerson - 1;
  while (lo <= hi) {
    int mid = lo + (hi - lo) / 2;
    if (c->aPerson[mid].id == id) return mid;
    if (c->aPerson[mid].id < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

static double level(const RosterCursor *c, const Entry *e) {
  return e->offset + (double)c->aPerson[e->person].cnt / e->weight;
}

/* Set the offset of every late joiner whose active_from is <= day, so that
** their level that day equals the lowest level among the same role's
** entries active both the day before their active_from and on it (offset
** 0 if there are none).  Joiners are
** taken in order of active_from, so an earlier joiner's offset is known
** when a later one looks at it.  The counts must be those before day: at
** each call they are, since duties only change on the days drawn. */
static void settle_joiners(RosterCursor *c, int day) {
  while (c->iJoin < c->nJoin && c->aEntry[c->aJoin[c->iJoin]].from <= day) {
    Entry *j = &c->aEntry[c->aJoin[c->iJoin++]];
    int d0 = j->from, found = 0;
    double best = 0;
    for (int k = 0; k < c->nEntry; k++) {
      const Entry *e = &c->aEntry[k];
      if (e == j || e->leader != j->leader) continue;
      if (e->from > d0 - 1 || e->to < d0) continue;
      double l = level(c, e);
      if (!found || l < best) best = l, found = 1;
    }
    /* Level with them: earlier duties of a person coming back count
    ** neither for nor against. */
    j->offset = found ? best - (double)c->aPerson[j->person].cnt / j->weight : 0;
  }
}

typedef struct JoinKey {
  int from, entry;
} JoinKey;

static int cmp_join(const void *a, const void *b) {
  const JoinKey *x = a, *y = b;
  if (x->from != y->from) return x->from < y->from ? -1 : 1;
  return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/* Step a stream whose column iCol is a date; *pDay is that date, or
** ALL_DAYS once the stream has ended. */
static int stream_step(RosterCursor *c, sqlite3_stmt *st, int iCol,
                       const char *zTable, const char *zWhat, int *pDay) {
  int rc = sqlite3_step(st);
  if (rc == SQLITE_DONE) {
    *pDay = ALL_DAYS;
    return SQLITE_OK;
  }
  if (rc != SQLITE_ROW) return sql_error(c, rc, zTable);
  return column_day(c, st, iCol, NO_DAY, zWhat, pDay);
}

/* Bring the streams up to `day`: recorded duties in the lead stream up to
** day + gap - 1 open a window, in the trail stream before day close it and
** become the person's last duty; unavailability starting by day applies. */
static int advance_streams(RosterCursor *c, int day) {
  int rc;
  while (c->leadDay <= day + (c->gap - 1)) {
    int p = find_person(c, sqlite3_column_int64(c->pLead, 0));
    if (p >= 0) c->aPerson[p].window++;
    rc = stream_step(c, c->pLead, 1, "duty_assignments",
                     "duty_assignments.duty_date", &c->leadDay);
    if (rc != SQLITE_OK) return rc;
  }
  while (c->trailDay < day) {
    int p = find_person(c, sqlite3_column_int64(c->pTrail, 0));
    if (p >= 0) {
      Person *q = &c->aPerson[p];
      q->window--;
      if (q->lastAny < c->trailDay) q->lastAny = c->trailDay;
    }
    rc = stream_step(c, c->pTrail, 1, "duty_assignments",
                     "duty_assignments.duty_date", &c->trailDay);
    if (rc != SQLITE_OK) return rc;
  }
  while (c->unavDay <= day) {
    int p = find_person(c, sqlite3_column_int64(c->pUnav, 0));
    int to;
    rc = column_day(c, c->pUnav, 2, NO_DAY, "duty_unavailable.to_date", &to);
    if (rc != SQLITE_OK) return rc;
    if (p >= 0 && c->aPerson[p].unavTo < to) c->aPerson[p].unavTo = to;
    rc = stream_step(c, c->pUnav, 1, "duty_unavailable",
                     "duty_unavailable.from_date", &c->unavDay);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

/* Fill the current slot: the eligible entry of the slot's role with the
** lowest level, then the earliest last duty here, then the lowest id. */
static void choose(RosterCursor *c) {
  int leader = c->slot <= c->nLeaders;
  int best = -1, day = c->day;
  double bestLevel = 0;
  for (int k = 0; k < c->nEntry; k++) {
    const Entry *e = &c->aEntry[k];
    if (e->leader != leader || e->from > day || e->to < day) continue;
    const Person *p = &c->aPerson[e->person];
    if (p->unavTo >= day || p->window > 0) continue;
    if (p->lastAny != NO_DAY && day - p->lastAny < c->gap) continue;
    double l = level(c, e);
    if (best >= 0) {
      const Person *b = &c->aPerson[c->aEntry[best].person];
      if (l > bestLevel) continue;
      if (l == bestLevel) {
        if (p->lastPost > b->lastPost) continue;
        if (p->lastPost == b->lastPost && p->id > b->id) continue;
      }
    }
    best = k;
    bestLevel = l;
  }
  c->chosen = best;
  if (best >= 0) {
    Person *p = &c->aPerson[c->aEntry[best].person];
    p->cnt++;
    p->lastPost = day;
    p->lastAny = day;
  }
}

static int rosterNext(sqlite3_vtab_cursor *cur) {
  RosterCursor *c = (RosterCursor *)cur;
  if (c->eof) return SQLITE_OK;
  if (c->slot == 0 || c->slot >= c->nLeaders + c->nMembers) {
    int rc;
    do {
      rc = rrule_step(c->rec, "roster", c->end, c->zEnd, &c->day,
                      &cur->pVtab->zErrMsg);
    } while (rc == SQLITE_ROW && c->day < c->start);
    if (rc != SQLITE_ROW) {
      c->eof = 1;
      return rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    rc = advance_streams(c, c->day);
    if (rc != SQLITE_OK) return rc;
    settle_joiners(c, c->day);
    c->slot = 1;
  } else {
    c->slot++;
  }
  choose(c);
  c->rowid++;
  return SQLITE_OK;
}

/* Prepare one of roster_load's statements, with ?1 bound to the post. */
static int prepare_post(RosterCursor *c, const char *zSql, const char *zTable,
                        sqlite3_stmt **pp) {
  int rc = prepare(c, zSql, zTable, pp);
  if (rc == SQLITE_OK) sqlite3_bind_int64(*pp, 1, c->post);
  return rc;
}

/* Step st: SQLITE_ROW, SQLITE_DONE, or the error as sql_error words it. */
static int step_row(RosterCursor *c, sqlite3_stmt *st, const char *zTable) {
  int rc = sqlite3_step(st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? rc : sql_error(c, rc, zTable);
}

/* The post: its dates (the rrule from dtstart), slots a day and
** min_gap_days, checked. */
static int roster_load_post(RosterCursor *c) {
  char **pzErr = &c->base.pVtab->zErrMsg;
  sqlite3_stmt *st = 0;
  int rc = prepare_post(c,
                        "SELECT rrule, dtstart, leaders, members, min_gap_days "
                        "FROM duty_posts WHERE post_id = ?1",
                        "duty_posts", &st);
  if (rc != SQLITE_OK) return rc;
  rc = step_row(c, st, "duty_posts");
  if (rc == SQLITE_DONE) {
    sqlite3_finalize(st);
    return mu_vtab_error(pzErr, "roster: no post %lld in duty_posts", c->post);
  }
  if (rc != SQLITE_ROW) {
    sqlite3_finalize(st);
    return rc;
  }
  int dtstart;
  rc = column_day(c, st, 1, NO_DAY, "duty_posts.dtstart", &dtstart);
  if (rc == SQLITE_OK && dtstart == NO_DAY)
    rc = mu_vtab_error(pzErr, "roster: post %lld has no dtstart", c->post);
  if (rc == SQLITE_OK && sqlite3_column_type(st, 0) == SQLITE_NULL)
    rc = mu_vtab_error(pzErr, "roster: post %lld has no rrule", c->post);
  if (rc == SQLITE_OK) {
    c->nLeaders = sqlite3_column_int64(st, 2);
    c->nMembers = sqlite3_column_int64(st, 3);
    sqlite3_int64 gap = sqlite3_column_int64(st, 4);
    if (c->nLeaders < 0 || c->nMembers < 0 ||
        c->nLeaders + c->nMembers > RS_MAX_SLOTS)
      rc = mu_vtab_error(pzErr,
                         "roster: post %lld must have 0 to %d leaders and "
                         "members a day",
                         c->post, RS_MAX_SLOTS);
    else if (gap < 1)
      rc = mu_vtab_error(pzErr, "roster: post %lld has min_gap_days below 1",
                         c->post);
    c->gap = gap > 4000000 ? 4000000 : (int)gap; /* beyond any date range */
  }
  if (rc == SQLITE_OK)
    rc = rrule_open(&c->rec, "roster", sqlite3_column_value(st, 0), dtstart,
                    pzErr);
  sqlite3_finalize(st);
  return rc;
}

/* The pool: one entry per (person, role); people sorted by id. */
static int roster_load_pool(RosterCursor *c) {
  char **pzErr = &c->base.pVtab->zErrMsg;
  sqlite3_stmt *st = 0;
  int rc = prepare_post(c,
                        "SELECT person_id, role, active_from, active_to, weight "
                        "FROM duty_pool WHERE post_id = ?1 ORDER BY person_id, role",
                        "duty_pool", &st);
  if (rc != SQLITE_OK) return rc;
  int nAlloc = 0;
  while ((rc = step_row(c, st, "duty_pool")) == SQLITE_ROW) {
    if (c->nEntry == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 64;
      Entry *aE = sqlite3_realloc64(c->aEntry, (sqlite3_uint64)nAlloc * sizeof(Entry));
      if (aE == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      c->aEntry = aE;
      Person *aP = sqlite3_realloc64(c->aPerson, (sqlite3_uint64)nAlloc * sizeof(Person));
      if (aP == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      c->aPerson = aP;
    }
    sqlite3_int64 id = sqlite3_column_int64(st, 0);
    const char *zRole = (const char *)sqlite3_column_text(st, 1);
    Entry *e = &c->aEntry[c->nEntry];
    memset(e, 0, sizeof(*e));
    if (zRole == 0 && sqlite3_column_type(st, 1) != SQLITE_NULL) {
      rc = SQLITE_NOMEM;
      break;
    }
    if (zRole && strcmp(zRole, "leader") == 0) e->leader = 1;
    else if (zRole == 0 || strcmp(zRole, "member") != 0) {
      rc = mu_vtab_error(pzErr,
                         "roster: duty_pool.role must be 'leader' or "
                         "'member', got '%s'",
                         zRole ? zRole : "NULL");
      break;
    }
    rc = column_day(c, st, 2, NO_DAY, "duty_pool.active_from", &e->from);
    if (rc == SQLITE_OK)
      rc = column_day(c, st, 3, ALL_DAYS, "duty_pool.active_to", &e->to);
    if (rc != SQLITE_OK) break;
    e->weight = sqlite3_column_double(st, 4);
    if (!(e->weight > 0)) {
      const char *zW = (const char *)sqlite3_column_text(st, 4);
      rc = mu_vtab_error(pzErr,
                         "roster: duty_pool.weight must be positive, got "
                         "'%s' for person %lld",
                         zW ? zW : "NULL", id);
      break;
    }
    if (c->nPerson == 0 || c->aPerson[c->nPerson - 1].id != id) {
      Person *p = &c->aPerson[c->nPerson++];
      memset(p, 0, sizeof(*p));
      p->id = id;
      p->lastPost = p->lastAny = p->unavTo = NO_DAY;
    }
    e->person = c->nPerson - 1;
    c->nEntry++;
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Late joiners: the entries with an active_from, by active_from. */
static int roster_order_joiners(RosterCursor *c) {
  for (int k = 0; k < c->nEntry; k++)
    if (c->aEntry[k].from != NO_DAY) c->nJoin++;
  if (c->nJoin) {
    JoinKey *aKey = sqlite3_malloc64((sqlite3_uint64)c->nJoin * sizeof(JoinKey));
    c->aJoin = sqlite3_malloc64((sqlite3_uint64)c->nJoin * sizeof(int));
    if (aKey == 0 || c->aJoin == 0) {
      sqlite3_free(aKey);
      return SQLITE_NOMEM;
    }
    int n = 0;
    for (int k = 0; k < c->nEntry; k++)
      if (c->aEntry[k].from != NO_DAY) {
        aKey[n].from = c->aEntry[k].from;
        aKey[n++].entry = k;
      }
    qsort(aKey, (size_t)n, sizeof(JoinKey), cmp_join);
    for (int k = 0; k < n; k++) c->aJoin[k] = aKey[k].entry;
    sqlite3_free(aKey);
  }
  return SQLITE_OK;
}

/* History of this post before start, in date order: counts, last duty,
** and the joiners' offsets as of their first day. */
static int roster_load_history(RosterCursor *c) {
  sqlite3_stmt *st = 0;
  int rc = prepare_post(c,
                        "SELECT person_id, duty_date FROM duty_assignments "
                        "WHERE post_id = ?1 AND status <> 'cancelled' AND duty_date < ?2 "
                        "ORDER BY duty_date",
                        "duty_assignments", &st);
  if (rc != SQLITE_OK) return rc;
  bind_day(st, 2, c->start);
  while ((rc = step_row(c, st, "duty_assignments")) == SQLITE_ROW) {
    int day;
    rc = column_day(c, st, 1, NO_DAY, "duty_assignments.duty_date", &day);
    if (rc != SQLITE_OK) break;
    settle_joiners(c, day);
    int p = find_person(c, sqlite3_column_int64(st, 0));
    if (p < 0) continue;
    c->aPerson[p].cnt++;
    if (c->aPerson[p].lastPost < day) c->aPerson[p].lastPost = day;
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return rc;
  settle_joiners(c, c->start);
  return SQLITE_OK;
}

/* Read the post, its pool, and the post's history before start. */
static int roster_load(RosterCursor *c) {
  int rc = roster_load_post(c);
  if (rc == SQLITE_OK) rc = roster_load_pool(c);
  if (rc == SQLITE_OK) rc = roster_order_joiners(c);
  if (rc == SQLITE_OK) rc = roster_load_history(c);
  return rc;
}

/* Open the three streams over [start - gap + 1, end + gap - 1]. */
static int roster_streams(RosterCursor *c) {
  static const char *zDuties =
      "SELECT a.person_id, a.duty_date FROM duty_assignments a "
      "WHERE a.status <> 'cancelled' AND a.duty_date BETWEEN ?2 AND ?3 "
      "AND NOT (a.post_id = ?1 AND a.duty_date BETWEEN ?4 AND ?5) "
      "AND a.person_id IN (SELECT person_id FROM duty_pool WHERE post_id = ?1) "
      "ORDER BY a.duty_date";
  int lo = c->start - (c->gap - 1), hi = c->end + (c->gap - 1);
  int first = mu_days_from_civil(1, 1, 1), last = mu_days_from_civil(9999, 12, 31);
  if (lo < first) lo = first;
  if (hi > last) hi = last;
  int rc = prepare(c, zDuties, "duty_assignments", &c->pLead);
  if (rc == SQLITE_OK) rc = prepare(c, zDuties, "duty_assignments", &c->pTrail);
  if (rc == SQLITE_OK)
    rc = prepare(c,
                 "SELECT person_id, from_date, to_date FROM duty_unavailable "
                 "WHERE to_date >= ?2 AND from_date <= ?3 "
                 "AND person_id IN (SELECT person_id FROM duty_pool "
                 "WHERE post_id = ?1) ORDER BY from_date",
                 "duty_unavailable", &c->pUnav);
  if (rc != SQLITE_OK) return rc;
  sqlite3_stmt *aSt[3] = {c->pLead, c->pTrail, c->pUnav};
  for (int i = 0; i < 3; i++) {
    sqlite3_bind_int64(aSt[i], 1, c->post);
    bind_day(aSt[i], 2, i == 2 ? c->start : lo);
    bind_day(aSt[i], 3, i == 2 ? c->end : hi);
    if (i < 2) {
      bind_day(aSt[i], 4, c->start);
      bind_day(aSt[i], 5, c->end);
    }
  }
  rc = stream_step(c, c->pLead, 1, "duty_assignments",
                   "duty_assignments.duty_date", &c->leadDay);
  if (rc == SQLITE_OK)
    rc = stream_step(c, c->pTrail, 1, "duty_assignments",
                     "duty_assignments.duty_date", &c->trailDay);
  if (rc == SQLITE_OK)
    rc = stream_step(c, c->pUnav, 1, "duty_unavailable",
                     "duty_unavailable.from_date", &c->unavDay);
  return rc;
}

static int rosterBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *info) {
  return mu_tvf_best_index(pVtab, info, RS_ARG_POST, 3, "roster",
                        "post_id, start, end");
}

static int rosterFilter(sqlite3_vtab_cursor *cur, int idxNum,
                        const char *idxStr, int argc, sqlite3_value **argv) {
  RosterCursor *c = (RosterCursor *)cur;
  char **pzErr = &cur->pVtab->zErrMsg;
  rosterReset(c);
  if (argc != 3) return SQLITE_ERROR;
  int anyNull;
  if (mu_tvf_args_keep(c->args, 3, argv, &anyNull)) return SQLITE_NOMEM;
  if (anyNull) return SQLITE_OK;
  if (sqlite3_value_numeric_type(argv[0]) != SQLITE_INTEGER) {
    const char *z = (const char *)sqlite3_value_text(argv[0]);
    if (z == 0) return SQLITE_NOMEM;
    return mu_vtab_error(pzErr, "roster: post_id must be an integer, got '%s'",
                         z);
  }
  c->post = sqlite3_value_int64(argv[0]);
  int rc = mu_date_arg("roster", "start", argv[1], &c->start, pzErr);
  if (rc == 0) rc = mu_date_arg("roster", "end", argv[2], &c->end, pzErr);
  if (rc == 1) return SQLITE_ERROR;
  if (rc == 3) return SQLITE_NOMEM;
  if (c->end < c->start) return SQLITE_OK;
  mu_date_format(c->end, c->zEnd);
  /* roster() is INNOCUOUS, so a view in someone else's database may call
  ** it; if that database declared duty_pool (say) as a virtual table over a
  ** file, our statements would read the file for the view.  Ordinary
  ** tables, views and temp objects only. */
  static const char *const azTables[] = {"duty_posts", "duty_pool",
                                         "duty_unavailable", "duty_assignments"};
  sqlite3 *db = ((RosterVtab *)cur->pVtab)->db;
  for (int i = 0; i < 4; i++) {
    int isVirtual = 0;
    rc = mu_name_is_foreign_vtab(db, azTables[i], &isVirtual);
    if (rc == SQLITE_NOMEM) return rc;
    if (rc != SQLITE_OK)
      return mu_vtab_error(pzErr, "roster: cannot read %s: %s", azTables[i],
                           sqlite3_errmsg(db));
    if (isVirtual)
      return mu_vtab_error(pzErr,
                           "roster: '%s' is a virtual table; roster() reads ordinary"
                           " tables, views and temp objects only",
                           azTables[i]);
  }
  rc = roster_load(c);
  if (rc == SQLITE_OK) rc = roster_streams(c);
  if (rc != SQLITE_OK) return rc;
  c->eof = 0;
  c->slot = 0;
  if (c->nLeaders + c->nMembers == 0) {
    c->eof = 1;
    return SQLITE_OK;
  }
  return rosterNext(cur);
}

static int rosterEof(sqlite3_vtab_cursor *cur) {
  return ((RosterCursor *)cur)->eof;
}

static int rosterColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx,
                        int i) {
  RosterCursor *c = (RosterCursor *)cur;
  const Entry *e = c->chosen >= 0 ? &c->aEntry[c->chosen] : 0;
  switch (i) {
  case RS_POST_ID:
    sqlite3_result_int64(ctx, c->post);
    break;
  case RS_DUTY_DATE: {
    char z[11];
    mu_date_format(c->day, z);
    sqlite3_result_text(ctx, z, 10, SQLITE_TRANSIENT);
    break;
  }
  case RS_SLOT:
    sqlite3_result_int64(ctx, c->slot);
    break;
  case RS_ROLE:
    sqlite3_result_text(ctx, c->slot <= c->nLeaders ? "leader" : "member", -1,
                        SQLITE_STATIC);
    break;
  case RS_PERSON_ID:
    if (e) sqlite3_result_int64(ctx, c->aPerson[e->person].id);
    break;
  case RS_LOAD:
    /* Duties on this post so far, this one included. */
    if (e) sqlite3_result_int64(ctx, c->aPerson[e->person].cnt);
    break;
  case RS_NOTE:
    if (!e) sqlite3_result_text(ctx, "unfilled", -1, SQLITE_STATIC);
    break;
  default:
    if (i >= RS_ARG_POST && i <= RS_ARG_END && c->args[i - RS_ARG_POST])
      sqlite3_result_value(ctx, c->args[i - RS_ARG_POST]);
  }
  return SQLITE_OK;
}

static int rosterRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((RosterCursor *)cur)->rowid;
  return SQLITE_OK;
}

static sqlite3_module rosterModule = {
    .iVersion = 0,
    .xConnect = rosterConnect,
    .xBestIndex = rosterBestIndex,
    .xDisconnect = rosterDisconnect,
    .xOpen = rosterOpen,
    .xClose = rosterClose,
    .xFilter = rosterFilter,
    .xNext = rosterNext,
    .xEof = rosterEof,
    .xColumn = rosterColumn,
    .xRowid = rosterRowid,
};

int muling_register_roster(sqlite3 *db) {
  return sqlite3_create_module_v2(db, "roster", &rosterModule, 0, 0);
}
