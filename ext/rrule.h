/*
** rrule.h — the recurrence engine of rrule.c, for roster.c: expanding a
** duty post's dates from its rule and dtstart.
**
** Modules meet in common.h; this header is the one other seam, and it runs
** one way: roster.c includes it, rrule.c knows nothing of rosters.  Dates
** are day numbers, as in common.h.
*/
#ifndef MULING_RRULE_H
#define MULING_RRULE_H

#include "common.h"

/* An expansion in progress: a parsed rule and where its dates are. */
typedef struct Recur Recur;

/* Read the rule in vRule (text, not NULL) and start expanding it at the day
** `start`.  fn names the caller in messages ("roster: bad rule …").
** Returns SQLITE_OK with *pp set, SQLITE_ERROR with *pzErr set, or
** SQLITE_NOMEM; on failure *pp is NULL. */
int rrule_open(Recur **pp, const char *fn, sqlite3_value *vRule, int start,
               char **pzErr);

/* The next date, as long as it is <= hi.  Returns SQLITE_ROW with *pDay
** set, SQLITE_DONE when the rule or the range is exhausted (also for a NULL
** r), SQLITE_ERROR with *pzErr set (too many dates, or libical's last year
** reached while the range asks for more; zTo names the range's end), or
** SQLITE_NOMEM. */
int rrule_step(Recur *r, const char *fn, int hi, const char *zTo, int *pDay,
               char **pzErr);

/* Free an expansion; NULL is a no-op. */
void rrule_close(Recur *r);

#endif /* MULING_RRULE_H */
