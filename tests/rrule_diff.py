"""Differential test: muling's rrule(), rrule_next() and roster() dates
against python-dateutil, an independent RFC 5545 implementation.

    /usr/bin/python3 tests/rrule_diff.py EXT [SEED [N]]

Random rules over FREQ DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL 1-4, BYDAY
with and without ordinals, BYMONTHDAY (negative too), BYMONTH, BYSETPOS,
COUNT, UNTIL and WKST (all seven), from a random DTSTART over a random
window.  For each rule the three answers must equal dateutil's:

  rrule(rule, dtstart, end)          the dates in [dtstart, end]
  rrule_next(rule, dtstart, after)   the first date strictly after `after`
  roster(post, from, to)             the post's duty dates in [from, to]

A rule that never occurs may instead be refused with `never occurs`, and
then dateutil must find no date in 400 years (a whole Gregorian cycle of
weekdays and leap days).  Every disagreement is printed with the rule and
both answers.  The last line is `rrule-diff: N rules, M disagreements`.
Exit status 0 when M is 0.
"""
import datetime as dt
import random
import sqlite3
import sys
import warnings

from dateutil import rrule as du

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
FREQS = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]


def rand_date(r, lo=1990, hi=2040):
    a = dt.date(lo, 1, 1).toordinal()
    b = dt.date(hi, 12, 31).toordinal()
    return dt.date.fromordinal(r.randint(a, b))


def sample(r, pool, lo, hi):
    return r.sample(pool, r.randint(lo, hi))


def make_rule(r):
    """One random rule and the dates around it: (rule, dtstart, end, after)."""
    freq = r.choice(FREQS)
    parts = ["FREQ=" + freq]
    if r.random() < 0.6:
        parts.append("INTERVAL=%d" % r.randint(1, 4))
    has_by = False
    if r.random() < 0.6:
        days = sample(r, DAYS, 1, 4)
        if freq in ("MONTHLY", "YEARLY") and r.random() < 0.5:
            # Ordinals: -5..5 in a month, -53..53 in a year.  All or none:
            # dateutil 2.8 intersects BYDAY=4WE,SA where RFC 5545 (and
            # muling) give the union, so mixed lists are left out.
            top = 5 if freq == "MONTHLY" or r.random() < 0.7 else 53
            days = ["%d%s" % (r.choice([1, -1]) * r.randint(1, top), d) for d in days]
            year_ordinal = top > 5
        else:
            year_ordinal = False
        parts.append("BYDAY=" + ",".join(days))
        has_by = True
    else:
        year_ordinal = False
    if freq != "WEEKLY" and not (freq == "YEARLY" and year_ordinal) and r.random() < (0.15 if has_by else 0.45):
        mds = [r.choice([1, -1]) * r.randint(1, 31) for _ in range(r.randint(1, 3))]
        parts.append("BYMONTHDAY=" + ",".join(str(m) for m in dict.fromkeys(mds)))
        has_by = True
    if not year_ordinal and (r.random() < 0.35 or (freq == "YEARLY" and "BYMONTHDAY=" in parts[-1])):
        # (YEARLY;BYMONTHDAY needs BYMONTH in muling: dateutil and libical
        # read it differently)
        # (a year's 20th Monday cannot sit in a month: dateutil crashes)
        parts.append("BYMONTH=" + ",".join(str(m) for m in sample(r, list(range(1, 13)), 1, 4)))
        has_by = True
    if has_by and r.random() < 0.25:
        # Positions the period's set mostly has (a day has one date, a
        # week up to seven): rules that never occur are rare here, as
        # dateutil takes seconds to find that they do not.
        top = {"DAILY": 1, "WEEKLY": 2}.get(freq, 3)
        if freq == "DAILY" and r.random() < 0.03:
            top = 2
        pos = [r.choice([1, -1]) * r.randint(1, top) for _ in range(r.randint(1, 2))]
        parts.append("BYSETPOS=" + ",".join(str(p) for p in dict.fromkeys(pos)))
    wkst = 0
    if r.random() < 0.5:
        wkst = r.randrange(7)
        parts.append("WKST=" + DAYS[wkst])
    start = rand_date(r)
    if freq == "WEEKLY" and any(p.startswith("BYSETPOS=") for p in parts):
        # dateutil 2.8 applies BYSETPOS to DTSTART's week from DTSTART on;
        # RFC 5545 (and libical's own tests) to the whole week, from WKST.
        # Starting on WKST, the two readings agree.
        start -= dt.timedelta(days=(start.weekday() - wkst) % 7)
    u = r.random()
    if u < 0.3:
        parts.append("COUNT=%d" % r.randint(1, 30))
    elif u < 0.55:
        until = start + dt.timedelta(days=r.randint(-20, 900))
        parts.append("UNTIL=" + until.strftime("%Y%m%d"))
    head, tail = parts[0], parts[1:]
    r.shuffle(tail)
    end = start + dt.timedelta(days=r.randint(0, 1100))
    after = start + dt.timedelta(days=r.randint(-40, 1100))
    lo = start + dt.timedelta(days=r.randint(-60, 700))
    hi = lo + dt.timedelta(days=r.randint(0, 500))
    return ";".join([head] + tail), start, end, after, lo, hi


def iso(d):
    return d.strftime("%Y-%m-%d")


def expected(rule, start):
    return du.rrulestr(rule, dtstart=dt.datetime(start.year, start.month, start.day))


def bounded(rr, last):
    """rr, stopping after the datetime `last`: dateutil searches to year
    9999 for a rule with no more dates, so every question gets a bound."""
    until = rr._until if rr._until and rr._until < last else last
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # COUNT with UNTIL
        return rr.replace(until=until)


def days(d):
    return dt.datetime(d.year, d.month, d.day)


def between(rr, a, b):
    return [iso(x) for x in bounded(rr, days(b)).between(days(a), days(b), inc=True)]


def first_after(rr, a):
    """The first date after `a`, searched for 400 years (the calendar's cycle)."""
    x = bounded(rr, days(a).replace(year=a.year + 400)).after(days(a), inc=False)
    return x and iso(x)


def never_occurs(rr, start):
    """No date in a whole 400-year cycle of the calendar (146097 days,
    20871 weeks, 4800 months), asked near year 9999 with COUNT and UNTIL
    taken off: dateutil searches to 9999 before it says there is none."""
    q = (9599 - start.year) // 400
    s = days(start).replace(year=start.year + 400 * q)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        free = rr.replace(dtstart=s, count=None, until=None)
    return free.between(s, dt.datetime(9999, 12, 31), inc=True) == []


def main():
    ext = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261206
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
    r = random.Random(seed)
    con = sqlite3.connect(":memory:")
    con.enable_load_extension(True)
    con.load_extension(ext)
    con.executescript("""
      create table duty_posts(post_id integer primary key, name text, rrule text, dtstart text,
        leaders integer default 0, members integer default 1, min_gap_days integer default 1);
      create table duty_pool(post_id, person_id, role, active_from, active_to, weight default 1);
      create table duty_unavailable(id integer primary key, person_id, from_date, to_date);
      create table duty_assignments(id integer primary key, post_id, duty_date, slot, role,
        person_id, status default 'planned');
      insert into duty_posts(post_id, name, rrule, dtstart) values (1, 'diff', 'FREQ=DAILY', '2000-01-01');
      insert into duty_pool(post_id, person_id, role) values (1, 1, 'member');
    """)
    bad = nevers = 0
    for i in range(n):
        rule, start, end, after, lo, hi = make_rule(r)
        rr = expected(rule, start)
        answers = []
        try:
            got = [x for (x,) in con.execute("select value from rrule(?, ?, ?)", (rule, iso(start), iso(end)))]
            answers.append(("rrule(%r, %r, %r)" % (rule, iso(start), iso(end)), got, between(rr, start, end)))
            nxt = con.execute("select rrule_next(?, ?, ?)", (rule, iso(start), iso(after))).fetchone()[0]
            answers.append(("rrule_next(%r, %r, %r)" % (rule, iso(start), iso(after)), nxt, first_after(rr, after)))
            con.execute("update duty_posts set rrule = ?, dtstart = ? where post_id = 1", (rule, iso(start)))
            got = [x for (x,) in con.execute("select duty_date from roster(1, ?, ?)", (iso(lo), iso(hi)))]
            answers.append(("roster of %r from %r, %r to %r" % (rule, iso(start), iso(lo), iso(hi)),
                            got, between(rr, lo, hi)))
        except sqlite3.Error as e:
            msg = str(e)
            if msg.endswith(")") and " never occurs (" in msg:
                nevers += 1
                if never_occurs(rr, start):
                    continue
            answers.append(("%r from %r" % (rule, iso(start)), "error: " + msg,
                            between(rr, start, end)))
        for what, got, want in answers:
            if got != want:
                bad += 1
                print("FAIL rrule-diff %s: muling %s, dateutil %s" % (what, got, want))
    print("rrule-diff: %d rules (%d never occur), %d disagreements (seed %d)" % (n, nevers, bad, seed))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
