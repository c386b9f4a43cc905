/*
** rrule.c — recurrence rules through libical: the dates of an RFC 5545
** RRULE, for rotas, visits and meetings.
**
**   SELECT value FROM rrule('FREQ=MONTHLY;BYDAY=-1SA', '2023-01-01', '2023-12-31');
**       -- the last Saturday of every month of 2023, 'YYYY-MM-DD', in order
**   SELECT value FROM rrule('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=9',
**                           '2023-01-01', '2025-12-31');      -- 重阳节
**   SELECT rrule_next('FREQ=WEEKLY;BYDAY=MO', '2024-01-01', '2024-03-04');
**       -- '2024-03-11': the first date strictly after the third argument
**
** rrule(rule, start, end)
**   rule   an RFC 5545 RRULE value (FREQ DAILY/WEEKLY/MONTHLY/YEARLY,
**          INTERVAL, COUNT, UNTIL, BYDAY with ordinals, BYMONTHDAY,
**          BYMONTH, BYYEARDAY, BYSETPOS, WKST) or an RFC 7529 one
**          (RSCALE=CHINESE …); libical parses it and expands the lunar
**          ones, muling the Gregorian ones (see "Gregorian rules" below);
**          BYWEEKNO is refused, and so is a rule that never occurs
**   start  'YYYY-MM-DD', the DTSTART of the recurrence and the first day asked
**   end    'YYYY-MM-DD', the last day asked (inclusive)
**   Any argument NULL: no rows.
**
** rrule_next(rule, start, after): the first date of the recurrence that
**   starts at `start` strictly after `after`, or NULL if there is none.
**
** The same engine expands a duty post's dates for roster.c, through the
** three functions rrule.h declares (rrule_open, rrule_step, rrule_close);
** that header is the only one a module includes besides common.h, and this
** file knows nothing of rosters.
**
** Limits: Gregorian rules run to 9999-12-31, lunar ones stop where libical
** does, at 2582-12-31; a call expands at
** most 100000 dates (2000 with RSCALE, which goes through ICU and is slow),
** so FREQ=DAILY from 0001 to 9999 is an error, not a hang.  libical
** allocates with malloc, which cannot be routed to sqlite3_malloc.
*/
#define _GNU_SOURCE 1 /* dladdr(), to pin libical; see pin_libical() */
#include "common.h"
#include "rrule.h"

#ifndef _WIN32
#include <dlfcn.h>
#endif
#include <libical/ical.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define RR_MAX_RULE 1000       /* bytes of rule text */
#define RR_CAP 100000          /* dates expanded in one call */
#define RR_CAP_RSCALE 2000     /* the same through ICU (~250 µs a date) */
#define RR_LAST_YEAR 2582      /* libical's iterators stop after this year */
#define ALL_DAYS (INT_MAX / 2) /* "no bound" above every day */

/* ======================================================================
** Recurrences
** ====================================================================== */

typedef struct Greg Greg;

struct Recur {
  struct icalrecurrencetype rule; /* rule.rscale is libical's (malloc) */
  icalrecur_iterator *it;         /* an RSCALE rule's, through libical */
  Greg *greg;                     /* a Gregorian rule's, muling's own */
  int seen;  /* occurrences taken from the iterator so far */
  int cap;   /* RR_CAP or RR_CAP_RSCALE */
  int start; /* DTSTART as a day number */
};

static void recur_close(Recur *r) {
  if (r->it) icalrecur_iterator_free(r->it);
  sqlite3_free(r->greg);
  /* libical strdup()s RSCALE and never frees it: it is ours to free(). */
  free(r->rule.rscale);
  memset(r, 0, sizeof(*r));
}

static int is_nomem_errno(void) {
  return icalerrno == ICAL_NEWFAILED_ERROR ||
         icalerrno == ICAL_ALLOCATION_ERROR;
}

static int has_prefix(const char *z, int n, const char *p) {
  int m = (int)strlen(p);
  return n >= m && sqlite3_strnicmp(z, p, m) == 0;
}

/* Parse one `KEY=VALUE` part on its own, as libical would inside a rule.
** Returns 1 if libical accepts it, 0 if not, -1 out of memory. */
static int part_ok(const char *z, int n) {
  char *zTry = has_prefix(z, n, "FREQ=")
                   ? sqlite3_mprintf("%.*s", n, z)
                   : sqlite3_mprintf("FREQ=DAILY;%.*s", n, z);
  if (zTry == 0) return -1;
  icalerror_clear_errno();
  struct icalrecurrencetype t = icalrecurrencetype_from_string(zTry);
  sqlite3_free(zTry);
  int ok = t.freq != ICAL_NO_RECURRENCE;
  if (!ok && is_nomem_errno()) return -1;
  free(t.rscale);
  return ok;
}

/* Check the parts a rule is made of, before and after libical reads it.
** libical truncates COUNT and INTERVAL silently and stops reading at an
** empty part, so those are caught here.  Returns SQLITE_OK, SQLITE_ERROR
** with *pzErr set, or SQLITE_NOMEM. */
static int rule_parts(const char *fn, const char *zRule, int libicalFailed,
                      char **pzErr) {
  int nCount = 0, nUntil = 0, nFreq = 0;
  const char *z = zRule;
  while (*z) {
    const char *e = strchr(z, ';');
    int n = e ? (int)(e - z) : (int)strlen(z);
    if (n == 0 && e && e[1] != 0)
      return mu_vtab_error(pzErr, "%s: bad rule '%s': empty part", fn, zRule);
    if (n > 0) {
      int bad = 0;
      if (has_prefix(z, n, "COUNT=") || has_prefix(z, n, "INTERVAL=")) {
        const char *v = memchr(z, '=', (size_t)n) + 1;
        int nv = n - (int)(v - z);
        bad = nv < 1 || nv > (has_prefix(z, n, "COUNT=") ? 9 : 4);
        for (int i = 0; i < nv; i++)
          if (v[i] < '0' || v[i] > '9') bad = 1;
      }
      if (!bad && libicalFailed) {
        int ok = part_ok(z, n);
        if (ok < 0) return SQLITE_NOMEM;
        bad = !ok;
      }
      if (bad)
        return mu_vtab_error(pzErr, "%s: bad rule '%s': cannot read '%.*s'", fn,
                             zRule, n, z);
      nCount += has_prefix(z, n, "COUNT=");
      nUntil += has_prefix(z, n, "UNTIL=");
      nFreq += has_prefix(z, n, "FREQ=");
    }
    z += n + (e != 0);
  }
  if (!libicalFailed) return SQLITE_OK;
  if (nFreq == 0)
    return mu_vtab_error(pzErr, "%s: bad rule '%s': FREQ is missing", fn,
                         zRule);
  if (nCount && nUntil)
    return mu_vtab_error(pzErr,
                         "%s: bad rule '%s': COUNT and UNTIL cannot both be "
                         "given",
                         fn, zRule);
  return mu_vtab_error(pzErr, "%s: bad rule '%s': libical rejects it (%s)", fn,
                       zRule, icalerror_strerror(ICAL_MALFORMEDDATA_ERROR));
}

/* ======================================================================
** Gregorian rules: muling's own expansion
**
** libical 3.0.16 (Debian 12) parses every rule, but its iterator answers
** wrong dates for Gregorian rules that RFC 5545 defines clearly: WEEKLY
** with INTERVAL > 1 starts in the wrong week whenever BYDAY holds a day
** before WKST in DTSTART's week; BYSETPOS is ignored in DAILY and WEEKLY
** rules; DAILY with a negative BYMONTHDAY gives nothing; some MONTHLY and
** YEARLY rules with BYSETPOS and a negative BYMONTHDAY are refused as
** malformed (docs/design.md, docs/roster.md).  So a Gregorian rule is
** expanded here, from libical's parse, the way RFC 5545 §3.3.10 reads for
** whole days: the rule's periods (a day, a week from WKST, a month, a
** year) step by INTERVAL from DTSTART's; in each period the days that
** pass every BYxxx part are the set, BYSETPOS picks from it, and the
** dates before DTSTART, after UNTIL or past COUNT are dropped.  RSCALE
** rules still go through libical's iterator (and ICU).
**
** Every BYxxx part keeps or drops a day, so "expand" and "limit" in the
** RFC's table come out alike: BYDAY=4WE,SA is the fourth Wednesday and
** every Saturday; an ordinal counts within the month (MONTHLY, or YEARLY
** with BYMONTH) or the year.  A rule with no BYDAY, BYMONTHDAY or
** BYYEARDAY takes its day from DTSTART (its weekday for WEEKLY, its day
** of the month for MONTHLY, and its month too for YEARLY without BYMONTH).
**
** The calendar repeats every 400 years (146097 days, 20871 weeks), so a
** rule with no date in one such cycle of its periods has none ever: it is
** refused as "never occurs" instead of searched for forever.
** ====================================================================== */

#define RR_CYCLE_DAYS 146097 /* 400 Gregorian years */

struct Greg {
  int freq;     /* ICAL_DAILY_RECURRENCE … ICAL_YEARLY_RECURRENCE */
  int interval; /* >= 1 */
  int count;    /* 0: no COUNT */
  int until;    /* the last day UNTIL allows; ALL_DAYS if none */
  int wkst;     /* 0 Monday … 6 Sunday */
  int start;    /* DTSTART */
  int last;     /* 9999-12-31: no date after it can be written */
  int base;     /* the first period: its first day (DAILY, WEEKLY), its
                ** month as y*12+m-1 (MONTHLY), its year (YEARLY) */
  int cycle;    /* periods after which the pattern repeats */
  unsigned months;          /* bit m: month m is in BYMONTH; 0: any */
  unsigned mdayPos, mdayNeg; /* bit k: day k / the k-th day from the end */
  unsigned ydayPos[12], ydayNeg[12]; /* the same for BYYEARDAY, 1..366 */
  unsigned wdays;            /* bit w: weekday w without a position */
  int hasDay, hasMday, hasYday;
  int nNth; /* BYDAY with a position: weekday, position */
  struct { signed char wday; short n; } aNth[ICAL_BY_DAY_SIZE];
  int nSetpos;
  short aSetpos[ICAL_BY_SETPOS_SIZE];
  /* Where the expansion is. */
  int k;                 /* the period in aDay, counted from base */
  int aDay[366], nDay, iDay; /* its dates, after BYSETPOS */
  int emitted;           /* dates given, for COUNT */
};

static int greg_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int greg_month_len(int y, int m) {
  static const unsigned char aLen[] = {31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
  return m == 2 ? 28 + greg_leap(y) : aLen[m - 1];
}

/* Monday 0 … Sunday 6; day 0 (1970-01-01) was a Thursday. */
static int greg_weekday(int day) { return ((day % 7) + 7 + 3) % 7; }

static int bit_test(const unsigned *a, int i) {
  return (a[i / 32] >> (i % 32)) & 1;
}

/* Does the day (year y, month m, day md of a month of mlen days, day yd of
** a year of ylen days, weekday wd) pass every BYxxx part? */
static int greg_keeps(const Greg *g, int y, int m, int md, int mlen, int yd,
                      int ylen, int wd) {
  (void)y;
  if (g->months && !((g->months >> m) & 1)) return 0;
  if (g->hasYday && !bit_test(g->ydayPos, yd) &&
      !bit_test(g->ydayNeg, ylen - yd + 1))
    return 0;
  if (g->hasMday && !((g->mdayPos >> md) & 1) &&
      !((g->mdayNeg >> (mlen - md + 1)) & 1))
    return 0;
  if (g->hasDay) {
    if ((g->wdays >> wd) & 1) return 1;
    int inMonth = g->freq == ICAL_MONTHLY_RECURRENCE || g->months;
    int fwd = inMonth ? (md - 1) / 7 + 1 : (yd - 1) / 7 + 1;
    int back = inMonth ? -((mlen - md) / 7 + 1) : -((ylen - yd) / 7 + 1);
    for (int i = 0; i < g->nNth; i++)
      if (g->aNth[i].wday == wd && (g->aNth[i].n == fwd || g->aNth[i].n == back))
        return 1;
    return 0;
  }
  return 1;
}

/* The first day of period k, as a day number (for the UNTIL check). */
static int greg_period_first(const Greg *g, int k) {
  long long v = g->base + (long long)k * g->interval;
  switch (g->freq) {
  case ICAL_DAILY_RECURRENCE: return (int)v;
  case ICAL_WEEKLY_RECURRENCE:
    return (int)(g->base + 7LL * k * g->interval);
  case ICAL_MONTHLY_RECURRENCE:
    return mu_days_from_civil((int)(v / 12), (int)(v % 12) + 1, 1);
  default: return mu_days_from_civil((int)v, 1, 1);
  }
}

/* Fill g->aDay with the dates of period k, in order, after BYSETPOS. */
static void greg_period(Greg *g, int k) {
  int n = 0;
  int first = greg_period_first(g, k);
  int len;
  switch (g->freq) {
  case ICAL_DAILY_RECURRENCE: len = 1; break;
  case ICAL_WEEKLY_RECURRENCE: len = 7; break;
  case ICAL_MONTHLY_RECURRENCE: {
    long long v = g->base + (long long)k * g->interval;
    len = greg_month_len((int)(v / 12), (int)(v % 12) + 1);
    break;
  }
  default:
    len = 365 + greg_leap(g->base + k * g->interval);
  }
  int y, m, md;
  mu_civil_from_days(first, &y, &m, &md);
  int yd = mu_days_from_civil(y, m, md) - mu_days_from_civil(y, 1, 1) + 1;
  int mlen = greg_month_len(y, m), ylen = 365 + greg_leap(y);
  int wd = greg_weekday(first);
  for (int i = 0; i < len; i++) {
    if (greg_keeps(g, y, m, md, mlen, yd, ylen, wd)) g->aDay[n++] = first + i;
    /* the next day */
    wd = (wd + 1) % 7;
    if (++md > mlen) {
      md = 1;
      if (++m > 12) {
        m = 1;
        y++;
        yd = 0;
        ylen = 365 + greg_leap(y);
      }
      mlen = greg_month_len(y, m);
    }
    yd++;
  }
  if (g->nSetpos) {
    unsigned char keep[366];
    memset(keep, 0, sizeof(keep));
    for (int i = 0; i < g->nSetpos; i++) {
      int p = g->aSetpos[i];
      int at = p > 0 ? p - 1 : n + p;
      if (p != 0 && at >= 0 && at < n) keep[at] = 1;
    }
    int j = 0;
    for (int i = 0; i < n; i++)
      if (keep[i]) g->aDay[j++] = g->aDay[i];
    n = j;
  }
  g->k = k;
  g->nDay = n;
  g->iDay = 0;
}

static int gcd(int a, int b) {
  while (b) {
    int t = a % b;
    a = b;
    b = t;
  }
  return a;
}

static const char *const azMonth[] = {
    "", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"};

/* "1st", "22nd", "13th" … */
static void ordinal(int n, char z[16]) {
  const char *s = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) s = "st";
    else if (n % 10 == 2) s = "nd";
    else if (n % 10 == 3) s = "rd";
  }
  sqlite3_snprintf(16, z, "%d%s", n, s);
}

/* Why a rule that never occurs never does, as well as can be said. */
static char *never_reason(const Greg *g, const struct icalrecurrencetype *rt) {
  if (g->hasMday && !g->hasYday) {
    /* Do the BYMONTHDAY values fit no month the rule allows? */
    int fits = 0, nVal = 0, val = 0, nMonth = 0, month = 0;
    for (int i = 0; i < ICAL_BY_MONTHDAY_SIZE &&
                    rt->by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX;
         i++) {
      int v = rt->by_month_day[i];
      nVal++;
      val = v;
      for (int m = 1; m <= 12; m++) {
        if (g->months && !((g->months >> m) & 1)) continue;
        int len = m == 2 ? 29 : greg_month_len(2001, m);
        if (v != 0 && (v > 0 ? v : -v) <= len) fits = 1;
      }
    }
    for (int m = 1; m <= 12; m++)
      if ((g->months >> m) & 1) {
        nMonth++;
        month = m;
      }
    if (!fits && nVal == 1) {
      char z[16];
      ordinal(val > 0 ? val : -val, z);
      const char *zEnd = val > 0 ? "" : "-to-last day";
      if (nMonth == 1)
        return sqlite3_mprintf("%s has no %s%s", azMonth[month], z, zEnd);
      if (nMonth == 0) return sqlite3_mprintf("no month has a %s%s", z, zEnd);
      return sqlite3_mprintf("none of its months has a %s%s", z, zEnd);
    }
    if (!fits) return sqlite3_mprintf("none of its months has those days");
  }
  if (g->freq == ICAL_DAILY_RECURRENCE && g->nSetpos)
    return sqlite3_mprintf("a day has one date, and BYSETPOS never picks it");
  return sqlite3_mprintf("no date in 400 years fits all its parts");
}

/* Set up g from libical's parse of a Gregorian rule starting at `start`.
** Returns SQLITE_OK, SQLITE_ERROR with *pzErr set, or SQLITE_NOMEM. */
static int greg_open(Greg *g, const struct icalrecurrencetype *rt, int start,
                     const char *fn, const char *zRule, char **pzErr) {
  memset(g, 0, sizeof(*g));
  g->freq = rt->freq;
  g->interval = rt->interval > 0 ? rt->interval : 1;
  g->count = rt->count > 0 ? rt->count : 0;
  g->until = icaltime_is_null_time(rt->until)
                 ? ALL_DAYS
                 : mu_days_from_civil(rt->until.year, rt->until.month,
                                      rt->until.day);
  g->wkst = ((int)rt->week_start + 5) % 7; /* libical: Sunday 1 … */
  if (rt->week_start < ICAL_SUNDAY_WEEKDAY) g->wkst = 0;
  if (rt->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX)
    return mu_vtab_error(pzErr,
                         "%s: bad rule '%s': BYWEEKNO is not supported; name "
                         "the days with BYMONTH, BYMONTHDAY or BYYEARDAY",
                         fn, zRule);
  for (int i = 0; i < ICAL_BY_MONTH_SIZE &&
                  rt->by_month[i] != ICAL_RECURRENCE_ARRAY_MAX;
       i++) {
    int m = icalrecurrencetype_month_month(rt->by_month[i]);
    if (icalrecurrencetype_month_is_leap(rt->by_month[i]))
      return mu_vtab_error(pzErr,
                           "%s: bad rule '%s': a leap month (like 5L) needs "
                           "RSCALE",
                           fn, zRule);
    if (m >= 1 && m <= 12) g->months |= 1u << m;
    else
      return mu_vtab_error(pzErr, "%s: bad rule '%s': BYMONTH must be 1 to 12",
                           fn, zRule);
  }
  for (int i = 0; i < ICAL_BY_MONTHDAY_SIZE &&
                  rt->by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX;
       i++) {
    int v = rt->by_month_day[i];
    g->hasMday = 1;
    if (v >= 1 && v <= 31) g->mdayPos |= 1u << v;
    if (v <= -1 && v >= -31) g->mdayNeg |= 1u << -v;
  }
  for (int i = 0; i < ICAL_BY_YEARDAY_SIZE &&
                  rt->by_year_day[i] != ICAL_RECURRENCE_ARRAY_MAX;
       i++) {
    int v = rt->by_year_day[i];
    g->hasYday = 1;
    if (v >= 1 && v <= 366) g->ydayPos[v / 32] |= 1u << (v % 32);
    if (v <= -1 && v >= -366) g->ydayNeg[-v / 32] |= 1u << (-v % 32);
  }
  for (int i = 0; i < ICAL_BY_DAY_SIZE &&
                  rt->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX;
       i++) {
    int wd = ((int)icalrecurrencetype_day_day_of_week(rt->by_day[i]) + 5) % 7;
    int pos = icalrecurrencetype_day_position(rt->by_day[i]);
    g->hasDay = 1;
    if (pos == 0) g->wdays |= 1u << wd;
    else {
      g->aNth[g->nNth].wday = (signed char)wd;
      g->aNth[g->nNth++].n = (short)pos;
    }
  }
  for (int i = 0; i < ICAL_BY_SETPOS_SIZE &&
                  rt->by_set_pos[i] != ICAL_RECURRENCE_ARRAY_MAX;
       i++)
    g->aSetpos[g->nSetpos++] = rt->by_set_pos[i];
  /* RFC 5545 leaves the months of YEARLY;BYMONTHDAY=29 unsaid, and the
  ** implementations part: dateutil gives the 29th of every month, libical
  ** only DTSTART's month's.  Either reading would surprise half the users. */
  if (g->freq == ICAL_YEARLY_RECURRENCE && g->hasMday && !g->months)
    return mu_vtab_error(pzErr,
                         "%s: bad rule '%s': FREQ=YEARLY with BYMONTHDAY needs "
                         "BYMONTH, or FREQ=MONTHLY",
                         fn, zRule);

  g->start = start;
  g->last = mu_days_from_civil(9999, 12, 31);
  int y, m, d;
  mu_civil_from_days(start, &y, &m, &d);
  if (!g->hasDay && !g->hasMday && !g->hasYday) {
    if (g->freq == ICAL_WEEKLY_RECURRENCE) {
      g->wdays = 1u << greg_weekday(start);
      g->hasDay = 1;
    } else if (g->freq >= ICAL_MONTHLY_RECURRENCE) {
      g->mdayPos = 1u << d;
      g->hasMday = 1;
      if (g->freq == ICAL_YEARLY_RECURRENCE && !g->months) g->months = 1u << m;
    }
  }
  int cycle;
  switch (g->freq) {
  case ICAL_DAILY_RECURRENCE:
    g->base = start;
    cycle = RR_CYCLE_DAYS;
    break;
  case ICAL_WEEKLY_RECURRENCE:
    g->base = start - (greg_weekday(start) - g->wkst + 7) % 7;
    cycle = RR_CYCLE_DAYS / 7;
    break;
  case ICAL_MONTHLY_RECURRENCE:
    g->base = y * 12 + m - 1;
    cycle = 4800;
    break;
  default:
    g->base = y;
    cycle = 400;
  }
  g->cycle = cycle / gcd(g->interval, cycle);
  /* The first period with a date; none in a whole cycle: none ever. */
  for (int k = 0; k < g->cycle; k++) {
    greg_period(g, k);
    if (g->nDay) return SQLITE_OK;
  }
  char *zWhy = never_reason(g, rt);
  if (zWhy == 0) return SQLITE_NOMEM;
  int rc = mu_vtab_error(pzErr, "%s: %s never occurs (%s)", fn, zRule, zWhy);
  sqlite3_free(zWhy);
  return rc;
}

/* The next date of a Gregorian rule, as recur_step() describes. */
static int greg_step(Greg *g, int hi, int *pDay) {
  for (;;) {
    while (g->iDay < g->nDay) {
      int day = g->aDay[g->iDay];
      if (day < g->start) {
        g->iDay++; /* before DTSTART, in its period */
        continue;
      }
      if (day > g->until || day > g->last) return SQLITE_DONE;
      if (g->count && g->emitted >= g->count) return SQLITE_DONE;
      if (day > hi) return SQLITE_DONE;
      g->iDay++;
      g->emitted++;
      *pDay = day;
      return SQLITE_ROW;
    }
    int first = greg_period_first(g, g->k + 1);
    if (first > g->until || first > g->last) return SQLITE_DONE;
    greg_period(g, g->k + 1);
  }
}

/* Read a rule and start iterating it at the date `start`.  Returns
** SQLITE_OK, SQLITE_ERROR with *pzErr set, or SQLITE_NOMEM. */
static int recur_open(Recur *r, const char *fn, sqlite3_value *vRule,
                      int start, char **pzErr) {
  memset(r, 0, sizeof(*r));
  const char *zRule = (const char *)sqlite3_value_text(vRule);
  if (zRule == 0) return SQLITE_NOMEM; /* NULL was handled by the caller */
  int nRule = sqlite3_value_bytes(vRule);
  if (nRule > RR_MAX_RULE)
    return mu_vtab_error(pzErr, "%s: rule is longer than %d bytes", fn,
                         RR_MAX_RULE);
  if ((int)strlen(zRule) != nRule)
    return mu_vtab_error(pzErr, "%s: bad rule '%s': contains a NUL byte", fn,
                         zRule);
  int rc = rule_parts(fn, zRule, 0, pzErr);
  if (rc != SQLITE_OK) return rc;

  icalerror_clear_errno();
  r->rule = icalrecurrencetype_from_string(zRule);
  if (r->rule.freq == ICAL_NO_RECURRENCE) {
    int nomem = is_nomem_errno();
    free(r->rule.rscale);
    r->rule.rscale = 0;
    if (nomem) return SQLITE_NOMEM;
    return rule_parts(fn, zRule, 1, pzErr);
  }
  if (r->rule.freq < ICAL_DAILY_RECURRENCE) {
    rc = mu_vtab_error(pzErr,
                       "%s: bad rule '%s': FREQ must be DAILY, WEEKLY, "
                       "MONTHLY or YEARLY",
                       fn, zRule);
    recur_close(r);
    return rc;
  }
  if (r->rule.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX ||
      r->rule.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX ||
      r->rule.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX) {
    rc = mu_vtab_error(pzErr,
                       "%s: bad rule '%s': BYHOUR, BYMINUTE and BYSECOND have "
                       "no meaning for dates",
                       fn, zRule);
    recur_close(r);
    return rc;
  }
  /* Through ICU a DAILY or WEEKLY rule that filters on lunar months may
  ** search day by day, inside one libical call, up to libical's horizon
  ** (20 s and more); every lunar rule an office needs (初一十五, 重阳节,
  ** 春节) is MONTHLY or YEARLY anyway. */
  if (r->rule.rscale && r->rule.freq < ICAL_MONTHLY_RECURRENCE) {
    rc = mu_vtab_error(pzErr,
                       "%s: bad rule '%s': RSCALE needs FREQ=MONTHLY or YEARLY",
                       fn, zRule);
    recur_close(r);
    return rc;
  }
  /* A BYSETPOS the lunar period's set never reaches (BYSETPOS=30 of a
  ** one-day set) makes libical search, inside one call, through every
  ** period up to its horizon, each through ICU: minutes.  No office rule
  ** needs the two together, so they are refused. */
  if (r->rule.rscale && r->rule.by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX) {
    rc = mu_vtab_error(pzErr,
                       "%s: bad rule '%s': BYSETPOS cannot be used with RSCALE",
                       fn, zRule);
    recur_close(r);
    return rc;
  }
  /* RFC 5545 allows 1MO, -1SA … only with MONTHLY and YEARLY; libical
  ** accepts them with WEEKLY and answers wrong days (a Tuesday for 1MO). */
  if (r->rule.freq < ICAL_MONTHLY_RECURRENCE) {
    for (int i = 0; i < ICAL_BY_DAY_SIZE &&
                    r->rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX;
         i++) {
      if (icalrecurrencetype_day_position(r->rule.by_day[i]) != 0) {
        rc = mu_vtab_error(pzErr,
                           "%s: bad rule '%s': BYDAY with a position (like "
                           "1MO or -1SA) needs FREQ=MONTHLY or YEARLY",
                           fn, zRule);
        recur_close(r);
        return rc;
      }
    }
  }
  if (!icaltime_is_null_time(r->rule.until) &&
      !mu_date_is_real(r->rule.until.year, r->rule.until.month,
                       r->rule.until.day)) {
    rc = mu_vtab_error(pzErr, "%s: bad rule '%s': UNTIL is not a real date",
                       fn, zRule);
    recur_close(r);
    return rc;
  }
  if (!r->rule.rscale) {
    r->greg = sqlite3_malloc64(sizeof(Greg));
    if (r->greg == 0) rc = SQLITE_NOMEM;
    else rc = greg_open(r->greg, &r->rule, start, fn, zRule, pzErr);
    if (rc != SQLITE_OK) {
      recur_close(r);
      return rc;
    }
    r->cap = RR_CAP;
    r->start = start;
    return SQLITE_OK;
  }
  int sy, sm, sd;
  mu_civil_from_days(start, &sy, &sm, &sd);
  if (sy > RR_LAST_YEAR) {
    char z[11];
    mu_date_format(start, z);
    rc = mu_vtab_error(pzErr,
                       "%s: start must be on or before %d-12-31, where "
                       "libical stops, got '%s'",
                       fn, RR_LAST_YEAR, z);
    recur_close(r);
    return rc;
  }
#ifdef _WIN32
  /* libical without ICU knows only RSCALE=GREGORIAN */
  if (r->rule.rscale && sqlite3_stricmp(r->rule.rscale, "GREGORIAN") != 0) {
    rc = mu_vtab_error(pzErr,
                       "%s: RSCALE needs a build with ICU; this Windows "
                       "build has none",
                       fn);
    recur_close(r);
    return rc;
  }
#else
  if (r->rule.rscale && !icalrecurrencetype_rscale_is_supported()) {
    rc = mu_vtab_error(pzErr,
                       "%s: bad rule '%s': this libical is built without "
                       "RSCALE support",
                       fn, zRule);
    recur_close(r);
    return rc;
  }
#endif

  /* Not icaltime_null_date(): it sets the hour to -1, and the iterator
  ** then repeats DTSTART forever. */
  struct icaltimetype t;
  memset(&t, 0, sizeof(t));
  t.is_date = 1;
  t.year = sy;
  t.month = sm;
  t.day = sd;
  icalerror_clear_errno();
  r->it = icalrecur_iterator_new(r->rule, t);
  if (r->it == 0) {
    int err = icalerrno;
    if (is_nomem_errno()) {
      recur_close(r);
      return SQLITE_NOMEM;
    }
    if (r->rule.rscale && err == ICAL_UNIMPLEMENTED_ERROR)
      rc = mu_vtab_error(pzErr,
                         "%s: bad rule '%s': RSCALE=%s is not a calendar "
                         "libical knows",
                         fn, zRule, r->rule.rscale);
    else
      rc = mu_vtab_error(pzErr, "%s: bad rule '%s': libical cannot expand it (%s)",
                         fn, zRule, icalerror_strerror((icalerrorenum)err));
    recur_close(r);
    return rc;
  }
  r->cap = r->rule.rscale ? RR_CAP_RSCALE : RR_CAP;
  r->start = start;
  return SQLITE_OK;
}

/* Count a date against the cap and hand it out. */
static int recur_take(Recur *r, const char *fn, int day, const char *zTo,
                      int *pDay, char **pzErr) {
  if (++r->seen > r->cap) {
    char z[11];
    mu_date_format(r->start, z);
    return mu_vtab_error(pzErr,
                         "%s: more than %d dates from '%s' to '%s'; ask for a "
                         "shorter range",
                         fn, r->cap, z, zTo);
  }
  *pDay = day;
  return SQLITE_ROW;
}

/* The next occurrence, as long as it is <= hi.  Returns SQLITE_ROW with
** *pDay set, SQLITE_DONE when the rule or the range is exhausted, or
** SQLITE_ERROR with *pzErr set: more than r->cap dates, or libical stopped
** at its last year while the rule would go on and the range asks for more.
** zTo names the end of the range in messages. */
static int recur_step(Recur *r, const char *fn, int hi, const char *zTo,
                      int *pDay, char **pzErr) {
  if (r->greg) {
    int day, rc = greg_step(r->greg, hi, &day);
    if (rc != SQLITE_ROW) return rc;
    return recur_take(r, fn, day, zTo, pDay, pzErr);
  }
  if (r->it == 0) return SQLITE_DONE;
  icalerror_clear_errno();
  struct icaltimetype t = icalrecur_iterator_next(r->it);
  if (icaltime_is_null_time(t)) {
    if (is_nomem_errno()) return SQLITE_NOMEM;
    icalrecur_iterator_free(r->it);
    r->it = 0;
    int finished =
        (r->rule.count > 0 && r->seen >= r->rule.count) ||
        (!icaltime_is_null_time(r->rule.until) &&
         r->rule.until.year <= RR_LAST_YEAR);
    if (!finished && hi == ALL_DAYS)
      return mu_vtab_error(pzErr,
                           "%s: libical stops at %d-12-31 without a date "
                           "after '%s'",
                           fn, RR_LAST_YEAR, zTo);
    if (!finished && hi > mu_days_from_civil(RR_LAST_YEAR, 12, 31))
      return mu_vtab_error(pzErr,
                           "%s: libical stops at %d-12-31 and cannot expand "
                           "the rule up to '%s'",
                           fn, RR_LAST_YEAR, zTo);
    return SQLITE_DONE;
  }
  int day = mu_days_from_civil(t.year, t.month, t.day);
  if (day > hi) return SQLITE_DONE;
  return recur_take(r, fn, day, zTo, pDay, pzErr);
}

/* ---- rrule(rule, start, end) ----------------------------------------- */

typedef struct RruleVtab {
  sqlite3_vtab base; /* Base class. Must be first */
} RruleVtab;

typedef struct RruleCursor {
  sqlite3_vtab_cursor base; /* Base class. Must be first */
  Recur rec;
  sqlite3_value *args[3]; /* copies of rule, start, end for the hidden cols */
  int end;
  char zEnd[11];
  int day; /* the current date */
  sqlite3_int64 rowid;
  int eof;
} RruleCursor;

enum { RR_VALUE, RR_RULE, RR_START, RR_END };

static int rruleConnect(sqlite3 *db, void *pAux, int argc,
                        const char *const *argv, sqlite3_vtab **ppVtab,
                        char **pzErr) {
  int rc = sqlite3_declare_vtab(
      db, "CREATE TABLE x(value TEXT, rule HIDDEN, start HIDDEN, \"end\" HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  /* rrule() computes dates from its arguments alone: no files, no clock,
  ** no other tables, so a view or trigger of an untrusted schema may use
  ** it. */
  rc = sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  if (rc != SQLITE_OK) return rc;
  RruleVtab *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int rruleDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

static int rruleOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCur) {
  RruleCursor *c = sqlite3_malloc64(sizeof(*c));
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  c->eof = 1;
  *ppCur = &c->base;
  return SQLITE_OK;
}

static void rruleReset(RruleCursor *c) {
  recur_close(&c->rec);
  mu_tvf_args_free(c->args, 3);
  c->eof = 1;
  c->rowid = 0;
}

static int rruleClose(sqlite3_vtab_cursor *cur) {
  RruleCursor *c = (RruleCursor *)cur;
  rruleReset(c);
  sqlite3_free(c);
  return SQLITE_OK;
}

static int rruleNext(sqlite3_vtab_cursor *cur) {
  RruleCursor *c = (RruleCursor *)cur;
  int rc = recur_step(&c->rec, "rrule", c->end, c->zEnd, &c->day,
                      &cur->pVtab->zErrMsg);
  if (rc == SQLITE_ROW) {
    c->rowid++;
    return SQLITE_OK;
  }
  c->eof = 1;
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int rruleBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *info) {
  int rc = mu_tvf_best_index(pVtab, info, RR_RULE, 3, "rrule", "rule, start, end");
  if (rc == SQLITE_OK && info->nOrderBy == 1 &&
      info->aOrderBy[0].iColumn == RR_VALUE && !info->aOrderBy[0].desc)
    info->orderByConsumed = 1; /* dates come in ascending order */
  return rc;
}

static int rruleFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                       int argc, sqlite3_value **argv) {
  RruleCursor *c = (RruleCursor *)cur;
  char **pzErr = &cur->pVtab->zErrMsg;
  rruleReset(c);
  if (argc != 3) return SQLITE_ERROR;
  int anyNull;
  if (mu_tvf_args_keep(c->args, 3, argv, &anyNull)) return SQLITE_NOMEM;
  if (anyNull) return SQLITE_OK;
  int start, rc;
  rc = mu_date_arg("rrule", "start", argv[1], &start, pzErr);
  if (rc == 1) return SQLITE_ERROR;
  if (rc == 3) return SQLITE_NOMEM;
  rc = mu_date_arg("rrule", "end", argv[2], &c->end, pzErr);
  if (rc == 1) return SQLITE_ERROR;
  if (rc == 3) return SQLITE_NOMEM;
  mu_date_format(c->end, c->zEnd);
  rc = recur_open(&c->rec, "rrule", argv[0], start, pzErr);
  if (rc != SQLITE_OK) return rc;
  if (c->end < start) return SQLITE_OK;
  c->eof = 0;
  c->rowid = 0;
  return rruleNext(cur);
}

static int rruleEof(sqlite3_vtab_cursor *cur) {
  return ((RruleCursor *)cur)->eof;
}

static int rruleColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  RruleCursor *c = (RruleCursor *)cur;
  if (i == RR_VALUE) {
    char z[11];
    mu_date_format(c->day, z);
    sqlite3_result_text(ctx, z, 10, SQLITE_TRANSIENT);
  } else if (i >= RR_RULE && i <= RR_END && c->args[i - RR_RULE]) {
    sqlite3_result_value(ctx, c->args[i - RR_RULE]);
  }
  return SQLITE_OK;
}

static int rruleRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((RruleCursor *)cur)->rowid;
  return SQLITE_OK;
}

static sqlite3_module rruleModule = {
    .iVersion = 0,
    .xConnect = rruleConnect,
    .xBestIndex = rruleBestIndex,
    .xDisconnect = rruleDisconnect,
    .xOpen = rruleOpen,
    .xClose = rruleClose,
    .xFilter = rruleFilter,
    .xNext = rruleNext,
    .xEof = rruleEof,
    .xColumn = rruleColumn,
    .xRowid = rruleRowid,
};

/* ---- rrule_next(rule, start, after) ---------------------------------- */

static void rruleNextFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  for (int i = 0; i < 3; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return;
  char *zErr = 0;
  int start, after, rc;
  Recur rec;
  memset(&rec, 0, sizeof(rec));
  rc = mu_date_arg("rrule_next", "start", argv[1], &start, &zErr);
  if (rc == 0) rc = mu_date_arg("rrule_next", "after", argv[2], &after, &zErr);
  if (rc == 3) rc = SQLITE_NOMEM;
  else if (rc == 1) rc = SQLITE_ERROR;
  if (rc == SQLITE_OK) rc = recur_open(&rec, "rrule_next", argv[0], start, &zErr);
  int day = 0;
  if (rc == SQLITE_OK) {
    char zAfter[11];
    mu_date_format(after, zAfter);
    while ((rc = recur_step(&rec, "rrule_next", ALL_DAYS, zAfter, &day,
                            &zErr)) == SQLITE_ROW &&
           day <= after) {
    }
  }
  recur_close(&rec);
  if (rc == SQLITE_ROW) {
    char z[11];
    mu_date_format(day, z);
    sqlite3_result_text(ctx, z, 10, SQLITE_TRANSIENT);
  } else if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else if (rc != SQLITE_DONE) {
    sqlite3_result_error(ctx, zErr, -1);
  }
  sqlite3_free(zErr);
}

/* ---- What roster.c uses (rrule.h) ------------------------------------ */

int rrule_open(Recur **pp, const char *fn, sqlite3_value *vRule, int start,
               char **pzErr) {
  *pp = 0;
  Recur *r = sqlite3_malloc64(sizeof(*r));
  if (r == 0) return SQLITE_NOMEM;
  int rc = recur_open(r, fn, vRule, start, pzErr);
  if (rc != SQLITE_OK) {
    rrule_close(r);
    return rc;
  }
  *pp = r;
  return SQLITE_OK;
}

int rrule_step(Recur *r, const char *fn, int hi, const char *zTo, int *pDay,
               char **pzErr) {
  if (r == 0) return SQLITE_DONE;
  return recur_step(r, fn, hi, zTo, pDay, pzErr);
}

void rrule_close(Recur *r) {
  if (r == 0) return;
  recur_close(r);
  sqlite3_free(r);
}

/* Keep libical, and the ICU it expands calendars with, loaded for the life
** of the process.  ICU caches calendar data in its globals; when
** sqlite3_close() unloads the extension and its libraries with it, those
** caches are orphaned (a leak on every load/unload cycle, and what
** LeakSanitizer reports).  Pinning is harmless if it fails: only the
** orphaned caches come back. */
static void pin_libical(void) {
#ifdef _WIN32
  /* the Windows build links libical statically, without ICU */
#else
  Dl_info info;
  if (dladdr((void *)icalrecur_iterator_new, &info) == 0 || info.dli_fname == 0)
    return;
  void *h = dlopen(info.dli_fname, RTLD_NOW | RTLD_NODELETE);
  (void)h; /* deliberately never closed */
#endif
}

int muling_register_rrule(sqlite3 *db) {
  pin_libical();
  /* libical aborts on an error when built with errors fatal; a hostile
  ** rule must become an SQL error instead.  (Debian's build already has
  ** them non-fatal; the setting is process-wide, so only ever lower it.) */
  if (icalerror_get_errors_are_fatal()) icalerror_set_errors_are_fatal(0);
  /* rrule_next computes from its arguments alone: pure. */
  int rc = sqlite3_create_function_v2(db, "rrule_next", 3, MU_PURE, 0,
                                      rruleNextFunc, 0, 0, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_module_v2(db, "rrule", &rruleModule, 0, 0);
  return rc;
}
