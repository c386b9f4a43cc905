/*
** roster.c — muling roster DB POST FROM TO [--commit]
**
** Draws the rota of a duty post with the extension's roster(post_id, start,
** end) and prints it as a calendar: a month grid marking the duty days,
** then one line per duty day with who serves in which slot.  --commit
** inserts the drawn rota into duty_assignments in one transaction (status
** 'planned'), so the next roster continues from it.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h" /* mu_date_parse, mu_civil_from_days, mu_days_from_civil, mu_nearest */

/* The SQL this command runs, by statement name. */
#define ROTA_SQL "sql/rota.sql"

struct duty {
  int day; /* day number of duty_date */
  char *date, *role, *name;
  sqlite3_int64 slot, person;
};

struct rota {
  sqlite3_int64 post_id;
  char *post_name;
  int n, alloc;
  struct duty *duties;
};

static void free_rota(struct rota *r) {
  for (int i = 0; i < r->n; i++) {
    sqlite3_free(r->duties[i].date);
    sqlite3_free(r->duties[i].role);
    sqlite3_free(r->duties[i].name);
  }
  sqlite3_free(r->duties);
  sqlite3_free(r->post_name);
}

static char *column_copy(sqlite3_stmt *stmt, int i, int *nomem) {
  const unsigned char *z = sqlite3_column_text(stmt, i);
  if (!z) {
    if (sqlite3_errcode(sqlite3_db_handle(stmt)) == SQLITE_NOMEM) *nomem = 1;
    return 0;
  }
  char *c = sqlite3_mprintf("%s", z);
  if (!c) *nomem = 1;
  return c;
}

/* Find the post by id or by name. */
static int find_post(sqlite3 *db, const char *post, struct rota *r) {
  sqlite3_stmt *stmt = 0;
  if (cli_prepare_named(db, ROTA_SQL, "find_post", &stmt) != CLI_OK) return CLI_DB;
  int rc = sqlite3_bind_text(stmt, 1, post, -1, SQLITE_STATIC);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return cli_db_error(db, "roster");
  }
  rc = sqlite3_step(stmt);
  int status = CLI_OK, nomem = 0;
  if (rc == SQLITE_ROW) {
    r->post_id = sqlite3_column_int64(stmt, 0);
    r->post_name = column_copy(stmt, 1, &nomem);
    if (nomem) status = cli_nomem();
  } else if (rc == SQLITE_DONE) {
    /* Say what exists, nearest first: 红色岗位 finds nothing, but the
    ** posts are named 治安巡逻岗, 文化传播岗 … */
    char *known = 0;
    sqlite3_stmt *posts = 0;
    if (cli_prepare_named(db, ROTA_SQL, "posts", &posts) != CLI_OK) {
      sqlite3_finalize(stmt);
      return CLI_DB;
    }
    char *posts_sql = sqlite3_mprintf("%s", sqlite3_sql(posts));
    sqlite3_finalize(posts);
    int nrc = posts_sql ? mu_nearest(db, posts_sql, post, 10, &known) : SQLITE_NOMEM;
    sqlite3_free(posts_sql);
    if (nrc == SQLITE_NOMEM) status = cli_nomem();
    else if (nrc != SQLITE_OK) status = cli_db_error(db, "roster");
    else {
      cli_error("no duty post '%s' (give a duty_posts post_id or name); %s%s", post,
                known[0] ? "the posts are " : "there are no duty posts", known);
      status = CLI_USAGE;
    }
    sqlite3_free(known);
  } else {
    status = cli_db_error(db, "roster");
  }
  sqlite3_finalize(stmt);
  return status;
}

static int add_duty(struct rota *r, sqlite3_stmt *stmt) {
  if (r->n == r->alloc) {
    int na = r->alloc ? r->alloc * 2 : 32;
    struct duty *d = sqlite3_realloc64(r->duties, sizeof(*d) * (sqlite3_uint64)na);
    if (!d) return SQLITE_NOMEM;
    r->duties = d;
    r->alloc = na;
  }
  struct duty *d = &r->duties[r->n];
  memset(d, 0, sizeof(*d));
  int nomem = 0;
  d->date = column_copy(stmt, 0, &nomem);
  d->slot = sqlite3_column_int64(stmt, 1);
  d->role = column_copy(stmt, 2, &nomem);
  d->person = sqlite3_column_int64(stmt, 3);
  d->name = column_copy(stmt, 4, &nomem);
  r->n++;
  if (nomem) return SQLITE_NOMEM;
  if (!d->date || mu_date_parse(d->date, (int)strlen(d->date), &d->day)) d->day = 0;
  return SQLITE_OK;
}

static int draw(sqlite3 *db, struct rota *r, const char *from, const char *to) {
  sqlite3_stmt *stmt = 0;
  if (cli_prepare_named(db, ROTA_SQL, "draw", &stmt) != CLI_OK) return CLI_DB;
  int rc = sqlite3_bind_int64(stmt, 1, r->post_id);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(stmt, 2, from, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(stmt, 3, to, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) rc = add_duty(r, stmt);
  if (rc == SQLITE_NOMEM) {
    sqlite3_finalize(stmt);
    return cli_nomem();
  }
  if (rc != SQLITE_DONE) {
    cli_error("roster: %s", sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    return CLI_DB;
  }
  return sqlite3_finalize(stmt) == SQLITE_OK ? CLI_OK : cli_db_error(db, "roster");
}

/* ---- the calendar ------------------------------------------------------- */

static int weekday(int day) { /* 0 = Monday; 1970-01-01 was a Thursday */
  return ((day + 3) % 7 + 7) % 7;
}

static int has_duty(const struct rota *r, int day) {
  for (int i = 0; i < r->n; i++)
    if (r->duties[i].day == day) return 1;
  return 0;
}

static void print_month(const struct rota *r, int year, int month) {
  int first = mu_days_from_civil(year, month, 1);
  int next = month == 12 ? mu_days_from_civil(year + 1, 1, 1) : mu_days_from_civil(year, month + 1, 1);
  printf("\n%d年%d月\n 一  二  三  四  五  六  日\n", year, month);
  int col = weekday(first);
  printf("%*s", col * 4, "");
  for (int d = first; d < next; d++) {
    printf("%2d%c ", d - first + 1, has_duty(r, d) ? '*' : ' ');
    if (++col == 7 && d + 1 < next) {
      printf("\n");
      col = 0;
    }
  }
  printf("\n");
}

static void print_agenda(const struct rota *r) {
  static const char *const wd[] = {"一", "二", "三", "四", "五", "六", "日"};
  for (int i = 0; i < r->n;) {
    const struct duty *d = &r->duties[i];
    printf("%s %s ", CLI_STR(d->date), wd[weekday(d->day)]);
    for (; i < r->n && strcmp(CLI_STR(r->duties[i].date), CLI_STR(d->date)) == 0; i++) {
      const struct duty *e = &r->duties[i];
      printf(" %lld.%s %s(%lld)", (long long)e->slot, e->role && strcmp(e->role, "leader") == 0 ? "组长" : "组员",
             e->name ? e->name : "?", (long long)e->person);
    }
    printf("\n");
  }
}

static void print_rota(const struct rota *r, int from, int to) {
  int y1, m1, d1, y2, m2, d2;
  mu_civil_from_days(from, &y1, &m1, &d1);
  mu_civil_from_days(to, &y2, &m2, &d2);
  printf("%s (post %lld): %d duties, * marks a duty day\n", CLI_STR(r->post_name),
         (long long)r->post_id, r->n);
  for (int y = y1, m = m1; y < y2 || (y == y2 && m <= m2); m == 12 ? (y++, m = 1) : m++)
    print_month(r, y, m);
  printf("\n");
  print_agenda(r);
}

/* ---- --commit ----------------------------------------------------------- */

static int commit_rota(sqlite3 *db, const struct rota *r) {
  sqlite3_stmt *stmt = 0;
  if (cli_prepare_named(db, ROTA_SQL, "commit", &stmt) != CLI_OK) return CLI_DB;
  int rc = SQLITE_OK;
  for (int i = 0; rc == SQLITE_OK && i < r->n; i++) {
    const struct duty *d = &r->duties[i];
    rc = sqlite3_bind_int64(stmt, 1, r->post_id);
    if (rc == SQLITE_OK) rc = sqlite3_bind_text(stmt, 2, d->date, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(stmt, 3, d->slot);
    if (rc == SQLITE_OK) rc = sqlite3_bind_text(stmt, 4, d->role, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(stmt, 5, d->person);
    if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) rc = sqlite3_reset(stmt);
  }
  if (rc != SQLITE_OK) {
    cli_error("roster --commit: %s; nothing committed", sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    return CLI_DB;
  }
  return sqlite3_finalize(stmt) == SQLITE_OK ? CLI_OK : cli_db_error(db, "roster --commit");
}

static int roster_main(sqlite3 *db, const char *path, const char *post, const char *from,
                       const char *to, int commit) {
  struct rota r;
  memset(&r, 0, sizeof(r));
  /* one transaction (a write one with --commit), virtual tables of the
  ** file refused, no cycle in the trees */
  int rc = commit ? cli_exec(db, "BEGIN IMMEDIATE") : CLI_OK;
  if (rc == CLI_OK) rc = cli_begin_read(db, path, 1);
  if (rc == CLI_OK) rc = find_post(db, post, &r);
  if (rc == CLI_OK) rc = draw(db, &r, from, to);
  if (rc == CLI_OK && commit) rc = commit_rota(db, &r);
  if (rc == CLI_OK && commit) rc = cli_exec(db, "COMMIT");
  if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  cli_guard_end(db);
  if (rc == CLI_OK) {
    int a, b;
    mu_date_parse(from, (int)strlen(from), &a);
    mu_date_parse(to, (int)strlen(to), &b);
    print_rota(&r, a, b);
    if (commit) printf("\ncommitted %d assignments to duty_assignments\n", r.n);
  }
  free_rota(&r);
  return rc;
}

int cmd_roster(int argc, char **argv) {
  const char *pos[4] = {0, 0, 0, 0};
  int npos = 0, commit = 0;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--commit") == 0) commit = 1;
    else if (cli_is_option(argv[i])) return cli_usage("roster", "unknown option '%s'", argv[i]);
    else if (npos == 4) return cli_usage("roster", "unexpected argument '%s'", argv[i]);
    else pos[npos++] = argv[i];
  }
  if (npos < 4) return cli_usage("roster", "missing %s", (const char *[]){"DB", "POST", "FROM", "TO"}[npos]);
  int from, to;
  if (mu_date_parse(pos[2], (int)strlen(pos[2]), &from))
    return cli_usage("roster", "FROM must be a date YYYY-MM-DD, got '%s'", pos[2]);
  if (mu_date_parse(pos[3], (int)strlen(pos[3]), &to))
    return cli_usage("roster", "TO must be a date YYYY-MM-DD, got '%s'", pos[3]);
  if (to < from) return cli_usage("roster", "TO (%s) is before FROM (%s)", pos[3], pos[2]);
  sqlite3 *db = 0;
  int rc = cli_open(pos[0], CLI_READWRITE, &db);
  if (rc != CLI_OK) return rc;
  rc = roster_main(db, pos[0], pos[1], pos[2], pos[3], commit);
  if (sqlite3_close(db) != SQLITE_OK && rc == CLI_OK) rc = CLI_DB;
  return rc;
}
