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
            # ordinals: 1..5 or -1..-5 in a month; up to 53 in a year
            top = 5 if freq == "MONTHLY" or r.random() < 0.7 else 53
            days = ["%d%s" % (r.choice([1, -1]) * r.randint(1, top), d) if r.random() < 0.7 else d
                    for d in days]
        parts.append("BYDAY=" + ",".join(days))
        has_by = True
    if freq != "WEEKLY" and r.random() < 0.35:
        mds = [r.choice([1, -1]) * r.randint(1, 31) for _ in range(r.randint(1, 3))]
        parts.append("BYMONTHDAY=" + ",".join(str(m) for m in dict.fromkeys(mds)))
        has_by = True
    if r.random() < 0.35:
        parts.append("BYMONTH=" + ",".join(str(m) for m in sample(r, list(range(1, 13)), 1, 4)))
        has_by = True
    if has_by and r.random() < 0.25:
        pos = [r.choice([1, -1]) * r.randint(1, 4) for _ in range(r.randint(1, 2))]
        parts.append("BYSETPOS=" + ",".join(str(p) for p in dict.fromkeys(pos)))
    if r.random() < 0.5:
        parts.append("WKST=" + r.choice(DAYS))
    start = rand_date(r)
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


def between(rr, a, b):
    return [iso(x) for x in rr.between(dt.datetime(a.year, a.month, a.day),
                                        dt.datetime(b.year, b.month, b.day), inc=True)]


def never_occurs(rr, start):
    return rr.between(dt.datetime(start.year, start.month, start.day),
                      dt.datetime(start.year + 400, 12, 31), inc=True) == []


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
    bad = 0
    for i in range(n):
        rule, start, end, after, lo, hi = make_rule(r)
        rr = expected(rule, start)
        answers = []
        try:
            got = [x for (x,) in con.execute("select value from rrule(?, ?, ?)", (rule, iso(start), iso(end)))]
            answers.append(("rrule(%r, %r, %r)" % (rule, iso(start), iso(end)), got, between(rr, start, end)))
            nxt = con.execute("select rrule_next(?, ?, ?)", (rule, iso(start), iso(after))).fetchone()[0]
            w = rr.after(dt.datetime(after.year, after.month, after.day), inc=False)
            answers.append(("rrule_next(%r, %r, %r)" % (rule, iso(start), iso(after)), nxt, w and iso(w)))
            con.execute("update duty_posts set rrule = ?, dtstart = ? where post_id = 1", (rule, iso(start)))
            got = [x for (x,) in con.execute("select duty_date from roster(1, ?, ?)", (iso(lo), iso(hi)))]
            answers.append(("roster of %r from %r, %r to %r" % (rule, iso(start), iso(lo), iso(hi)),
                            got, between(rr, lo, hi)))
        except sqlite3.Error as e:
            msg = str(e)
            if msg.endswith(")") and " never occurs (" in msg and never_occurs(rr, start):
                continue
            answers.append(("%r from %r" % (rule, iso(start)), "error: " + msg,
                            between(rr, start, end)))
        for what, got, want in answers:
            if got != want:
                bad += 1
                print("FAIL rrule-diff %s: muling %s, dateutil %s" % (what, got, want))
    print("rrule-diff: %d rules, %d disagreements (seed %d)" % (n, bad, seed))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
