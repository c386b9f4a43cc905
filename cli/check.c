/*
** check.c — muling check DB [--as-of DATE] [--area AREA] [--only KEY[,KEY…]]
**                          [--all] [--format table|csv|json|md|html|xlsx] [-o FILE]
**
** Runs the embedded sql/checks.sql on DB (read-only, in one read
** transaction, virtual tables of the file refused: cli_begin_read).  Each statement
** there follows a line
**   -- finding: KEY description
** and returns one row per offending record; the command prints the KEY,
** the description, the number of rows and up to five of them:
**
**   invalid_id_number  身份证号码无效 Invalid ID numbers: 3
**     resident_id=17 id_number=6***************97
**
** Exit status 1 when any check finds something, 0 when none does.
**
** Statements without columns set up temp tables the findings read (one
** pass over the residents, sql/checks.sql); with --only, one after a
** "-- for: KEY KEY…" line runs only when a KEY there is asked for.
**
** --only runs the named findings alone, --all shows every row instead of
** five, and --format prints the findings as a report (report.h: one section
** per finding, masked as reports are), so a worker can hand the list of
** invalid ID numbers to the street office as CSV or a page.
**
** The findings whose KEY starts with due_ are the lines of the due report
** (sql/reports/due.sql): with --as-of, the report's statements that return
** nothing (they build temp.due_lines for :as_of and :area) run first and
** the due_ findings are shown; without it they are skipped, so a plain
** check stays about the data's quality.
**
** --area AREA (an id or an exact name, looked up as a report's area
** parameter is: sql/params.sql) narrows every finding to the records
** placed in that area or below it.  Its id is bound to :area in every
** statement; one after a "-- scope: area" line runs only with --area, one
** after "-- scope: whole" only without it, so each finding is the file's
** statement for the area or for the whole database.
*/
#include <string.h>

#include "cli.h"
#include "params.h"
#include "report.h"

#define EXAMPLES 5
/* Text --all keeps at most this many bytes of examples while counting;
** past it they are printed by running the statement again. */
#define KEEP_BYTES (64 << 20)

/* One example line, as the text output shows it, appended to S. */
static void append_example(sqlite3_str *s, sqlite3_stmt *stmt) {
  int n = sqlite3_column_count(stmt);
  sqlite3_str_appendall(s, "   ");
  for (int i = 0; i < n; i++) {
    const char *v = (const char *)sqlite3_column_text(stmt, i);
    sqlite3_str_appendf(s, " %s=%s", CLI_STR(sqlite3_column_name(stmt, i)), v ? v : "NULL");
  }
  sqlite3_str_appendchar(s, 1, '\n');
}

struct checks {
  sqlite3 *db;
  int due;               /* 1: --as-of given, run the due_ findings */
  int has_area;          /* 1: --area given; area is its id */
  sqlite3_int64 area;
  int all;               /* --all: every row, not five */
  char **only;           /* --only KEYs, NULL-terminated; NULL: every finding */
  struct report *r;      /* --format: the findings as report sections; NULL: text */
  int nchecks, nfound;
  sqlite3_int64 total;
};

/* Run one check; *found gets its number of rows.  The heading, which
** needs the count, comes before the examples, so the rows shown are kept
** while the rows are counted (in the section, or as text), and the
** statement runs once.  Only text --all past KEEP_BYTES of examples runs
** it again to print them (or five rows longer than that). */
static int run_check(struct checks *c, sqlite3_stmt *stmt, const char *finding,
                     sqlite3_int64 *found) {
  int rc;
  sqlite3_int64 n = 0, keep = c->all ? -1 : EXAMPLES; /* -1: every row */
  struct report_section *sec = 0;
  sqlite3_str *text = 0;
  if (c->r) {
    rc = report_new_section(c->r, stmt, 0, 0);
    if (rc != SQLITE_OK) return rc;
    sec = &c->r->secs[c->r->nsec - 1];
  } else {
    text = sqlite3_str_new(c->db);
  }
  int again = 0; /* text --all outgrew KEEP_BYTES: print on a second run */
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (keep < 0 || n < keep) {
      if (sec) {
        rc = report_add_row(sec, stmt);
        if (rc != SQLITE_OK) break;
      } else if (!again) {
        append_example(text, stmt);
        if (sqlite3_str_errcode(text) != SQLITE_OK) {
          rc = sqlite3_str_errcode(text);
          break;
        }
        if (sqlite3_str_length(text) > KEEP_BYTES) {
          again = 1;
          sqlite3_str_reset(text);
        }
      }
    }
    n++;
  }
  if (rc != SQLITE_DONE) {
    sqlite3_free(sqlite3_str_finish(text));
    return rc;
  }
  *found = n;
  if (sec) {
    sec->title = sqlite3_mprintf("%s: %lld", finding, (long long)n);
    return sec->title ? SQLITE_OK : SQLITE_NOMEM;
  }
  char *examples = sqlite3_str_finish(text);
  if (n == 0) {
    sqlite3_free(examples);
    printf("ok    %s: 0\n", finding);
    return SQLITE_OK;
  }
  if (!examples && !again) return SQLITE_NOMEM;
  printf("FOUND %s: %lld\n", finding, (long long)n);
  if (examples) fputs(examples, stdout);
  sqlite3_free(examples);
  rc = SQLITE_OK;
  if (again) {
    sqlite3_str *line = sqlite3_str_new(c->db);
    rc = sqlite3_reset(stmt);
    for (sqlite3_int64 i = 0; rc == SQLITE_OK && (keep < 0 || i < keep) &&
                              (rc = sqlite3_step(stmt)) == SQLITE_ROW; i++) {
      append_example(line, stmt);
      rc = sqlite3_str_errcode(line);
      if (rc == SQLITE_OK) fputs(sqlite3_str_value(line), stdout);
      sqlite3_str_reset(line);
    }
    sqlite3_free(sqlite3_str_finish(line));
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  if (rc == SQLITE_OK && keep >= 0 && n > keep)
    printf("    … and %lld more (--all shows them)\n", (long long)(n - keep));
  return rc;
}

/* The KEY of "KEY description". */
static int key_is(const char *finding, const char *key) {
  size_t n = strcspn(finding, " ");
  return strlen(key) == n && strncmp(finding, key, n) == 0;
}

static int selected(const struct checks *c, const char *finding) {
  if (!c->only) return 1;
  for (char **k = c->only; *k; k++)
    if (key_is(finding, *k)) return 1;
  return 0;
}

/* 1 if a setup statement after "-- for: KEY KEY…" is needed: no --only,
** or --only names one of its KEYs (it fills a temp table only they read). */
static int setup_needed(const struct checks *c, const char *comments, const char *end,
                        int *nomem) {
  if (!c->only) return 1;
  char *keys = cli_find_comment(comments, end, "for", nomem);
  if (!keys) return 1;
  int need = 0;
  for (char *k = keys; *k && !need;) {
    size_t n = strcspn(k, " ");
    char was = k[n];
    k[n] = 0;
    need = *k && selected(c, k);
    k[n] = was;
    k += n + (was != 0);
  }
  sqlite3_free(keys);
  return need;
}

/* 1 if the statement's "-- scope:" line (if any) lets it run: "area" only
** with --area, "whole" only without. */
static int in_scope(const struct checks *c, const char *comments, const char *end, int *nomem) {
  char *scope = cli_find_comment(comments, end, "scope", nomem);
  int run = !scope || (strcmp(scope, "area") == 0 ? c->has_area
                       : strcmp(scope, "whole") == 0 ? !c->has_area : 1);
  sqlite3_free(scope);
  return run;
}

/* The runner's BIND: :area is the area's id, or NULL. */
static int bind_check(void *ctx, sqlite3_stmt *stmt) {
  const struct checks *c = ctx;
  int i = sqlite3_bind_parameter_index(stmt, ":area");
  return i > 0 && c->has_area ? sqlite3_bind_int64(stmt, i, c->area) : SQLITE_OK;
}

/* "-- fast: duplicate_numbers": the ID numbers held more than once, into
** temp.check_duplicates, as its statement would put them there (GROUP BY
** id_number HAVING count(*) > 1), from one read of the residents_id_number
** index in order, each number compared with the one before: the GROUP BY
** spends most of its time opening and closing ten million groups of one.
** Equal numbers are neighbours in that order, and equal under GROUP BY
** exactly when they are of one type and byte for byte the same -- when
** the column's collation is BINARY, the file UTF-8 (the text is compared
** as stored) and every number is text or a blob (a number stored as an
** integer or a real, which a file of another schema could hold, compares
** by value).  Otherwise *done stays 0, the table is left empty, and the
** statement runs. */
static int fast_duplicates(sqlite3 *db, int *done) {
  *done = 0;
  const char *coll = 0;
  if (sqlite3_table_column_metadata(db, "main", "residents", "id_number", 0, &coll, 0, 0, 0) != SQLITE_OK ||
      !coll || sqlite3_stricmp(coll, "BINARY") != 0)
    return SQLITE_OK;
  sqlite3_stmt *enc = 0, *scan = 0, *ins = 0;
  int rc = sqlite3_prepare_v2(db, "PRAGMA main.encoding", -1, &enc, 0);
  if (rc == SQLITE_OK && (rc = sqlite3_step(enc)) == SQLITE_ROW) {
    const char *e = (const char *)sqlite3_column_text(enc, 0);
    rc = !e ? SQLITE_NOMEM : strcmp(e, "UTF-8") == 0 ? SQLITE_OK : SQLITE_DONE;
  }
  sqlite3_finalize(enc);
  if (rc == SQLITE_DONE) return SQLITE_OK; /* UTF-16: the statement */
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2(db, "SELECT id_number FROM main.residents WHERE id_number IS NOT NULL "
                                "ORDER BY id_number", -1, &scan, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2(db, "INSERT INTO temp.check_duplicates(id_number) VALUES (?1)", -1, &ins, 0);
  unsigned char *prev = 0;
  sqlite3_uint64 cap = 0;
  int prev_n = 0, prev_type = 0, listed = 0, other = 0;
  while (rc == SQLITE_OK && (rc = sqlite3_step(scan)) == SQLITE_ROW) {
    rc = SQLITE_OK;
    int type = sqlite3_column_type(scan, 0);
    if (type != SQLITE_TEXT && type != SQLITE_BLOB) {
      other = 1;
      break;
    }
    const void *v = type == SQLITE_TEXT ? (const void *)sqlite3_column_text(scan, 0)
                                        : sqlite3_column_blob(scan, 0);
    int n = sqlite3_column_bytes(scan, 0);
    if (!v && (n > 0 || sqlite3_errcode(db) == SQLITE_NOMEM)) { /* (an empty blob is NULL) */
      rc = SQLITE_NOMEM;
      break;
    }
    if (type == prev_type && n == prev_n && (n == 0 || memcmp(v, prev, (size_t)n) == 0)) {
      if (!listed) { /* the second holder: the number is listed once */
        rc = type == SQLITE_TEXT ? sqlite3_bind_text(ins, 1, (const char *)v, n, SQLITE_TRANSIENT)
                                 : sqlite3_bind_blob(ins, 1, v, n, SQLITE_TRANSIENT);
        if (rc == SQLITE_OK && (rc = sqlite3_step(ins)) == SQLITE_DONE) rc = sqlite3_reset(ins);
        listed = 1;
      }
      continue;
    }
    if ((sqlite3_uint64)n > cap) {
      unsigned char *grown = sqlite3_realloc64(prev, (sqlite3_uint64)n * 2 + 32);
      if (!grown) {
        rc = SQLITE_NOMEM;
        break;
      }
      prev = grown;
      cap = (sqlite3_uint64)n * 2 + 32;
    }
    if (n > 0) memcpy(prev, v, (size_t)n);
    prev_n = n;
    prev_type = type;
    listed = 0;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM) { /* said now: finalizing would clear it */
    cli_db_error(db, "sql/checks.sql: duplicate_id_number");
    rc = CLI_SCRIPT_STOP;
  }
  sqlite3_free(prev);
  sqlite3_finalize(scan);
  sqlite3_finalize(ins);
  if (rc == SQLITE_OK && other) /* a number that compares by value: the statement */
    rc = sqlite3_exec(db, "DELETE FROM temp.check_duplicates", 0, 0, 0);
  else if (rc == SQLITE_OK)
    *done = 1;
  return rc;
}

/* The runner's EACH: a statement with columns is a check, after its
** "-- finding:" line; the others (setup) just run, unless --only leaves
** out every finding their "-- for:" line names.  A statement of the other
** scope ("-- scope:") is not run. */
static int each_check(void *ctx, sqlite3_stmt *stmt, const char *comments, const char *end) {
  struct checks *c = ctx;
  int nomem0 = 0;
  if (!in_scope(c, comments, end, &nomem0)) return nomem0 ? SQLITE_NOMEM : SQLITE_OK;
  if (nomem0) return SQLITE_NOMEM;
  if (sqlite3_column_count(stmt) == 0) {
    int nomem = 0;
    if (!setup_needed(c, comments, end, &nomem)) return nomem ? SQLITE_NOMEM : SQLITE_OK;
    char *fast = cli_find_comment(comments, end, "fast", &nomem);
    if (nomem) return SQLITE_NOMEM;
    int rc = SQLITE_OK, done = 0;
    if (fast && strcmp(fast, "duplicate_numbers") == 0) rc = fast_duplicates(c->db, &done);
    sqlite3_free(fast);
    if (rc != SQLITE_OK || done) return rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
  }
  int nomem = 0;
  char *finding = cli_find_comment(comments, end, "finding", &nomem);
  if (nomem) return SQLITE_NOMEM;
  if (!c->due && finding && strncmp(finding, "due_", 4) == 0) {
    sqlite3_free(finding); /* a due_ finding without --as-of: not run */
    return SQLITE_OK;
  }
  if (!selected(c, finding ? finding : "")) {
    sqlite3_free(finding);
    return SQLITE_OK;
  }
  sqlite3_int64 n = 0;
  int rc = run_check(c, stmt, finding ? finding : "(unnamed check)", &n);
  sqlite3_free(finding);
  c->total += n;
  c->nfound += n > 0;
  c->nchecks++;
  return rc;
}

/* The KEYs of the file's "-- finding: KEY …" lines, ", "-joined, each
** once (a finding has a line for the whole database and one for an area). */
static char *finding_keys(const struct muling_sql_file *f) {
  sqlite3_str *s = sqlite3_str_new(0);
  int n = 0;
  for (const char *z = f->text; (z = strstr(z, "\n-- finding: ")) != 0; z += 13) {
    const char *k = z + 13;
    int len = (int)strcspn(k, " \n");
    char *want = sqlite3_mprintf("\n-- finding: %.*s ", len, k);
    if (!want) {
      sqlite3_str_reset(s);
      sqlite3_free(sqlite3_str_finish(s));
      return 0;
    }
    const char *first = strstr(f->text, want);
    sqlite3_free(want);
    if (first == z) sqlite3_str_appendf(s, "%s%.*s", n++ ? ", " : "", len, k);
  }
  return sqlite3_str_finish(s);
}

/* Split --only's KEY,KEY into *pOnly (NULL-terminated; one allocation) and
** refuse a KEY that names no finding. */
static int parse_only(const char *arg, const struct muling_sql_file *f, int due, char ***pOnly) {
  size_t len = strlen(arg), nkey = 1;
  for (const char *p = arg; *p; p++) nkey += *p == ',';
  char **only = sqlite3_malloc64(sizeof(char *) * (nkey + 1) + len + 1);
  if (!only) return cli_nomem();
  char *buf = (char *)(only + nkey + 1);
  memcpy(buf, arg, len + 1);
  size_t k = 0;
  for (char *tok = buf;; ) {
    char *comma = strchr(tok, ',');
    if (comma) *comma = 0;
    only[k++] = tok;
    if (!comma) break;
    tok = comma + 1;
  }
  only[k] = 0;
  for (size_t i = 0; i < k; i++) {
    char *want = sqlite3_mprintf("\n-- finding: %s ", only[i]);
    int known = want && *only[i] && strstr(f->text, want) != 0;
    sqlite3_free(want);
    if (!known) {
      char *keys = finding_keys(f);
      int rc = cli_usage("check", "--only: no finding '%s'; the findings are %s", only[i],
                         keys ? keys : "?");
      sqlite3_free(keys);
      sqlite3_free(only);
      return rc;
    }
    if (!due && strncmp(only[i], "due_", 4) == 0) {
      int rc = cli_usage("check", "--only %s: the due_ findings need --as-of DATE", only[i]);
      sqlite3_free(only);
      return rc;
    }
  }
  *pOnly = only;
  return CLI_OK;
}

/* The due report's parameters, for build_due: the area is its id, as
** `muling report due --param area=` binds it. */
struct due_args {
  const char *as_of;
  const struct checks *c;
};

static int bind_due(void *ctx, sqlite3_stmt *stmt) {
  const struct due_args *a = ctx;
  int rc = SQLITE_OK, i = sqlite3_bind_parameter_index(stmt, ":as_of");
  if (i > 0 && a->as_of) rc = sqlite3_bind_text(stmt, i, a->as_of, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = bind_check((void *)a->c, stmt);
  return rc;
}

/* Only the statements that return nothing: the sections are not wanted. */
static int each_due(void *ctx, sqlite3_stmt *stmt, const char *comments, const char *end) {
  if (sqlite3_column_count(stmt) > 0) return SQLITE_OK;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Build temp.due_lines as the due report does for :as_of and :area. */
static int build_due(sqlite3 *db, const char *as_of, const struct checks *c) {
  const struct muling_sql_file *f = cli_sql_file("sql/reports/due.sql");
  if (!f) {
    cli_error("this build has no sql/reports/due.sql");
    return CLI_DB;
  }
  struct due_args a = {as_of, c};
  struct cli_script s = {f->name, 0, f->text, bind_due, each_due, &a};
  return cli_run_script(db, &s);
}

static int run_checks(sqlite3 *db, const struct muling_sql_file *f, struct checks *c,
                      const char *area_label) {
  c->db = db;
  struct cli_script s = {f->name, 0, f->text, bind_check, each_check, c};
  int rc = cli_run_script(db, &s);
  if (rc != CLI_OK || c->r) return rc;
  printf("\n%d of %d checks found something (%lld rows)%s%s\n", c->nfound, c->nchecks,
         (long long)c->total, area_label ? " in " : "", area_label ? area_label : "");
  return CLI_OK;
}

/* Look AREA up as a report's area parameter is (an id, or an exact name
** that names one area; a miss names the nearest): *id and *label (the
** area as the reports' Scope shows it, sqlite3_malloc'd).  CLI_OK, or
** CLI_USAGE / CLI_DB (printed). */
static int find_area(sqlite3 *db, const char *area, sqlite3_int64 *id, char **label) {
  struct report_params p;
  memset(&p, 0, sizeof p);
  p.report = "check";
  p.command = "check --area";
  p.p = sqlite3_malloc64(sizeof(*p.p));
  if (!p.p) return cli_nomem();
  memset(p.p, 0, sizeof(*p.p));
  p.n = 1;
  p.p[0].name = sqlite3_mprintf("area");
  p.p[0].kind = sqlite3_mprintf("area");
  p.p[0].given = area;
  int rc = p.p[0].name && p.p[0].kind ? params_resolve(&p, db) : cli_nomem();
  if (rc == CLI_OK && p.p[0].type != SQLITE_INTEGER) {
    cli_error("check --area: no area '%s' (give its id or its exact name)", area);
    rc = CLI_USAGE;
  }
  if (rc == CLI_OK) {
    *id = p.p[0].i;
    *label = p.p[0].label;
    p.p[0].label = 0;
  }
  params_free(&p);
  return rc;
}


int cmd_check(int argc, char **argv) {
  const char *path = 0, *as_of = 0, *area = 0, *only = 0, *format = 0, *output = 0;
  int all = 0;
  for (int i = 2; i < argc; i++) {
    int m = cli_option("check", argc, argv, &i, "--as-of", &as_of);
    if (m == 0) m = cli_option("check", argc, argv, &i, "--area", &area);
    if (m == 0) m = cli_option("check", argc, argv, &i, "--only", &only);
    if (m == 0) m = cli_option("check", argc, argv, &i, "--format", &format);
    if (m == 0) m = cli_option("check", argc, argv, &i, "-o", &output);
    if (m < 0) return CLI_USAGE;
    if (m > 0) continue;
    if (strcmp(argv[i], "--all") == 0) {
      all = 1;
      continue;
    }
    if (cli_is_option(argv[i])) return cli_usage("check", "unknown option '%s'", argv[i]);
    if (path) return cli_usage("check", "unexpected argument '%s'", argv[i]);
    path = argv[i];
  }
  if (!path) return cli_usage("check", "missing DB");
  if (format && strcmp(format, "table") && strcmp(format, "csv") && strcmp(format, "json") &&
      strcmp(format, "md") && strcmp(format, "html") && strcmp(format, "xlsx"))
    return cli_usage("check", "--format must be table, csv, json, md, html or xlsx, got '%s'", format);
  if (format && strcmp(format, "xlsx") == 0 && (!output || strcmp(output, "-") == 0))
    return cli_usage("check", "--format xlsx writes a workbook: give -o FILE.xlsx");
  if (output && !format) format = "table";
  const struct muling_sql_file *f = cli_sql_file("sql/checks.sql");
  if (!f) {
    cli_error("this build has no sql/checks.sql");
    return CLI_DB;
  }
  struct checks c;
  memset(&c, 0, sizeof c);
  c.due = as_of != 0;
  c.all = all;
  int rc = only ? parse_only(only, f, c.due, &c.only) : CLI_OK;
  if (rc == CLI_OK) rc = report_refuse_database("check", output, path);
  if (rc != CLI_OK) {
    sqlite3_free(c.only);
    return rc;
  }
  struct report r = {"check", cli_base_name(path), 0, 0, 0, 0, 0};
  if (format) c.r = &r;
  sqlite3 *db = 0;
  rc = cli_open(path, CLI_READONLY, &db);
  if (rc != CLI_OK) {
    sqlite3_free(c.only);
    return rc;
  }
  /* one snapshot, no virtual table of the file read, no cycle walked */
  rc = cli_begin_read(db, path, 0);
  char *area_label = 0;
  if (rc == CLI_OK && area) {
    rc = find_area(db, area, &c.area, &area_label);
    c.has_area = rc == CLI_OK;
  }
  if (rc == CLI_OK && format) {
    r.title = sqlite3_mprintf("数据质量检查 Data-quality check%s%s%s%s", area_label ? ", " : "",
                              area_label ? area_label : "", as_of ? ", as of " : "", as_of ? as_of : "");
    if (!r.title) rc = cli_nomem();
  }
  /* Without --as-of the due_ findings are skipped, but they still prepare:
  ** an empty temp.due_lines of the same columns stands in. */
  if (rc == CLI_OK)
    rc = as_of ? build_due(db, as_of, &c)
               : cli_exec(db, "CREATE TEMP TABLE due_lines(kind, what, who, ref, since, due_on, overdue_days, ord)");
  if (rc == CLI_OK) rc = run_checks(db, f, &c, area_label);
  sqlite3_free(area_label);
  /* free text masked as reports mask it (the checks' own columns are) */
  if (rc == CLI_OK && format) rc = report_mask_rows(db, &r);
  if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  cli_guard_end(db);
  if (rc == CLI_OK && format) rc = report_write(output, format, &r);
  report_free(&r);
  sqlite3_free(c.only);
  if (sqlite3_close(db) != SQLITE_OK && rc == CLI_OK) rc = CLI_DB;
  return rc == CLI_OK && c.nfound > 0 ? CLI_FOUND : rc;
}
