/*
** report.c — muling report DB NAME [--format table|csv|json|md|html]
**                                   [-o FILE] [--param key=value]… [--unmasked]
**
** Runs the embedded sql/reports/NAME.sql statement by statement on DB
** (opened read-only: a report may make temp tables, never change data),
** binding :key from --param and :unmasked (1 with --unmasked, else NULL),
** keeps every result table with its -- section: and -- chart: lines, and
** renders them in the chosen format.
*/
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct param {
  const char *key, *value; /* point into argv */
};

struct report_args {
  const char *path, *name, *format, *output;
  int unmasked, nparam;
  struct param *params;
};

/* ---- embedded reports --------------------------------------------------- */

static const struct muling_sql_file *find_report(const char *name) {
  char file[512]; /* no allocation: out of memory is not "no such report" */
  sqlite3_snprintf((int)sizeof file, file, "sql/reports/%s.sql", name);
  return cli_sql_file(file);
}

/* "a, b, c": the names of the reports compiled in. */
static char *report_names(void) {
  sqlite3_str *s = sqlite3_str_new(0);
  int n = 0;
  for (const struct muling_sql_file *f = muling_sql_files; f->name; f++) {
    if (strncmp(f->name, "sql/reports/", 12) != 0) continue;
    const char *base = f->name + 12;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".sql") == 0)
      sqlite3_str_appendf(s, "%s%.*s", n++ ? ", " : "", (int)(len - 4), base);
  }
  if (n == 0) sqlite3_str_appendall(s, "none");
  return sqlite3_str_finish(s);
}

/* ---- parameters --------------------------------------------------------- */

static int is_ident_char(unsigned char c) {
  return c == '_' || c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

/* 1 if the report text mentions :KEY (so --param KEY means something). */
static int report_uses(const char *text, const char *key) {
  size_t n = strlen(key);
  for (const char *p = strchr(text, ':'); p; p = strchr(p + 1, ':')) {
    if (strncmp(p + 1, key, n) == 0 && !is_ident_char((unsigned char)p[1 + n]) &&
        (p == text || !is_ident_char((unsigned char)p[-1])))
      return 1;
  }
  return 0;
}

/* The value bound for a parameter: integers and reals as numbers, the rest
** as text, so `--param year=2023` compares with an INTEGER column. */
static int bind_value(sqlite3_stmt *stmt, int i, const char *v) {
  char *end = 0;
  if (*v && strspn(v, "0123456789-+") == strlen(v)) {
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (!*end && errno == 0) return sqlite3_bind_int64(stmt, i, n);
  }
  return sqlite3_bind_text(stmt, i, v, -1, SQLITE_TRANSIENT);
}

static int bind_params(sqlite3_stmt *stmt, const struct report_args *a) {
  int n = sqlite3_bind_parameter_count(stmt);
  for (int i = 1; i <= n; i++) {
    const char *name = sqlite3_bind_parameter_name(stmt, i);
    if (!name) continue;
    name++; /* past ':', '@' or '$' */
    int rc = SQLITE_OK, bound = 0;
    for (int k = a->nparam - 1; k >= 0 && !bound; k--) {
      if (strcmp(a->params[k].key, name) == 0) {
        rc = bind_value(stmt, i, a->params[k].value);
        bound = 1;
      }
    }
    if (!bound && strcmp(name, "unmasked") == 0 && a->unmasked)
      rc = sqlite3_bind_int(stmt, i, 1);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

/* ---- collecting results ------------------------------------------------- */

static void free_section(struct report_section *s) {
  for (int i = 0; i < s->ncol; i++) sqlite3_free(s->cols[i]);
  sqlite3_free(s->cols);
  for (size_t i = 0; i < (size_t)s->nrow * (size_t)s->ncol; i++)
    sqlite3_free(s->cells[i].text);
  sqlite3_free(s->cells);
  sqlite3_free(s->title);
  sqlite3_free(s->chart);
}

static void free_report(struct report *r) {
  for (int i = 0; i < r->nsec; i++) free_section(&r->secs[i]);
  sqlite3_free(r->secs);
  sqlite3_free(r->title);
}

static char *copy_text(const unsigned char *z, int n) {
  char *c = sqlite3_malloc64((sqlite3_uint64)n + 1);
  if (c) {
    memcpy(c, z, (size_t)n);
    c[n] = 0;
  }
  return c;
}

/* Append the current row of stmt to s.  SQLITE_OK or SQLITE_NOMEM. */
static int add_row(struct report_section *s, sqlite3_stmt *stmt) {
  if (s->nrow == s->arow) {
    int na = s->arow ? s->arow * 2 : 16;
    struct report_cell *c = sqlite3_realloc64(
        s->cells, sizeof(*c) * (sqlite3_uint64)na * (sqlite3_uint64)s->ncol);
    if (!c) return SQLITE_NOMEM;
    s->cells = c;
    s->arow = na;
  }
  struct report_cell *row = REPORT_CELL(s, s->nrow, 0);
  memset(row, 0, sizeof(*row) * (size_t)s->ncol);
  s->nrow++;
  for (int i = 0; i < s->ncol; i++) {
    row[i].type = sqlite3_column_type(stmt, i);
    if (row[i].type == SQLITE_NULL) continue;
    const unsigned char *z = sqlite3_column_text(stmt, i);
    if (!z) return SQLITE_NOMEM;
    row[i].text = copy_text(z, sqlite3_column_bytes(stmt, i));
    if (!row[i].text) return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

static int new_section(struct report *r, sqlite3_stmt *stmt, char *title, char *chart) {
  struct report_section *secs =
      sqlite3_realloc64(r->secs, sizeof(*secs) * (sqlite3_uint64)(r->nsec + 1));
  if (!secs) {
    sqlite3_free(title);
    sqlite3_free(chart);
    return SQLITE_NOMEM;
  }
  r->secs = secs;
  struct report_section *s = &secs[r->nsec++];
  memset(s, 0, sizeof(*s));
  s->title = title;
  s->chart = chart;
  int n = sqlite3_column_count(stmt);
  s->cols = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)n);
  if (!s->cols) return SQLITE_NOMEM;
  for (int i = 0; i < n; i++) {
    s->cols[i] = sqlite3_mprintf("%s", CLI_STR(sqlite3_column_name(stmt, i)));
    if (!s->cols[i]) return SQLITE_NOMEM;
    s->ncol = i + 1;
  }
  return SQLITE_OK;
}

/* Run one prepared statement; a result table becomes a section. */
static int run_statement(struct report *r, sqlite3_stmt *stmt, const char *meta,
                         const char *meta_end) {
  int nomem = 0, rc = SQLITE_OK;
  if (sqlite3_column_count(stmt) > 0) {
    char *title = cli_find_comment(meta, meta_end, "section", &nomem);
    char *chart = cli_find_comment(meta, meta_end, "chart", &nomem);
    if (nomem) {
      sqlite3_free(title);
      sqlite3_free(chart);
      return SQLITE_NOMEM;
    }
    rc = new_section(r, stmt, title, chart);
  }
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
    rc = sqlite3_column_count(stmt) > 0 ? add_row(&r->secs[r->nsec - 1], stmt) : SQLITE_OK;
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int line_at(const char *text, const char *p) {
  int line = 1;
  for (; text < p; text++) line += *text == '\n';
  return line;
}

static int run_report(sqlite3 *db, const struct muling_sql_file *f,
                      const struct report_args *a, struct report *r) {
  int nomem = 0;
  r->title = cli_find_comment(f->text, f->text + f->size, "title", &nomem);
  if (nomem) return cli_nomem();
  const char *z = f->text;
  while (*z) {
    const char *start = cli_skip_blank(z), *tail = 0;
    sqlite3_stmt *stmt = 0;
    int rc = sqlite3_prepare_v2(db, z, -1, &stmt, &tail);
    if (rc == SQLITE_OK && !stmt) break;
    if (rc == SQLITE_OK) rc = bind_params(stmt, a);
    if (rc == SQLITE_OK) rc = run_statement(r, stmt, z, start);
    if (rc != SQLITE_OK) {
      cli_error("report %s, %s:%d: %s", a->name, f->name, line_at(f->text, start),
                rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(db));
      sqlite3_finalize(stmt);
      return CLI_DB;
    }
    if (sqlite3_finalize(stmt) != SQLITE_OK) return cli_db_error(db, f->name);
    z = tail;
  }
  return CLI_OK;
}

/* ---- output ------------------------------------------------------------- */

static int render(FILE *out, const char *format, const struct report *r) {
  if (strcmp(format, "table") == 0) return render_table(out, r);
  if (strcmp(format, "csv") == 0) return render_csv(out, r);
  if (strcmp(format, "json") == 0) return render_json(out, r);
  if (strcmp(format, "md") == 0) return render_md(out, r);
  return render_html(out, r);
}

static int write_output(const struct report_args *a, const struct report *r) {
  FILE *out = stdout;
  if (a->output && strcmp(a->output, "-") != 0) {
    out = fopen(a->output, "w");
    if (!out) {
      cli_error("cannot write %s: %s", a->output, strerror(errno));
      return CLI_DB;
    }
  }
  int bad = render(out, a->format, r);
  int nomem = bad && !ferror(out); /* render fails on a write error or out of memory */
  if (fflush(out) != 0) bad = 1;
  if (out != stdout && fclose(out) != 0) bad = 1;
  if (nomem) return cli_nomem();
  if (bad) {
    cli_error("cannot write %s: %s", a->output ? a->output : "standard output",
              errno ? strerror(errno) : "write error");
    return CLI_DB;
  }
  return CLI_OK;
}

/* ---- arguments ---------------------------------------------------------- */

static int add_param(struct report_args *a, const char *kv) {
  const char *eq = strchr(kv, '=');
  if (!eq || eq == kv) return cli_usage("report", "--param wants key=value, got '%s'", kv);
  if (eq - kv == 8 && strncmp(kv, "unmasked", 8) == 0)
    return cli_usage("report", "personal data is unmasked with --unmasked, which the output records, not --param");
  struct param *p =
      sqlite3_realloc64(a->params, sizeof(*p) * (sqlite3_uint64)(a->nparam + 1));
  if (!p) return cli_nomem();
  a->params = p;
  char *key = sqlite3_mprintf("%.*s", (int)(eq - kv), kv);
  if (!key) return cli_nomem();
  p[a->nparam].key = key;
  p[a->nparam].value = eq + 1;
  a->nparam++;
  return CLI_OK;
}

static void free_args(struct report_args *a) {
  for (int i = 0; i < a->nparam; i++) sqlite3_free((char *)a->params[i].key);
  sqlite3_free(a->params);
}

static int parse_args(int argc, char **argv, struct report_args *a) {
  for (int i = 2; i < argc; i++) {
    const char *v = 0;
    int m;
    if ((m = cli_option("report", argc, argv, &i, "--format", &v)) != 0) {
      if (m < 0) return CLI_USAGE;
      a->format = v;
    } else if ((m = cli_option("report", argc, argv, &i, "-o", &v)) != 0 ||
               (m = cli_option("report", argc, argv, &i, "--output", &v)) != 0) {
      if (m < 0) return CLI_USAGE;
      a->output = v;
    } else if ((m = cli_option("report", argc, argv, &i, "--param", &v)) != 0) {
      if (m < 0) return CLI_USAGE;
      int rc = add_param(a, v);
      if (rc != CLI_OK) return rc;
    } else if (strcmp(argv[i], "--unmasked") == 0) {
      a->unmasked = 1;
    } else if (cli_is_option(argv[i])) {
      return cli_usage("report", "unknown option '%s'", argv[i]);
    } else if (!a->path) {
      a->path = argv[i];
    } else if (!a->name) {
      a->name = argv[i];
    } else {
      return cli_usage("report", "unexpected argument '%s'", argv[i]);
    }
  }
  if (!a->path) return cli_usage("report", "missing DB");
  if (!a->name) return cli_usage("report", "missing NAME");
  if (!a->format) a->format = "table";
  static const char *const formats[] = {"table", "csv", "json", "md", "html"};
  for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
    if (strcmp(a->format, formats[i]) == 0) return CLI_OK;
  return cli_usage("report", "unknown format '%s' (table, csv, json, md or html)", a->format);
}

static int check_params(const struct report_args *a, const struct muling_sql_file *f) {
  for (int i = 0; i < a->nparam; i++)
    if (!report_uses(f->text, a->params[i].key))
      return cli_usage("report", "report %s has no parameter '%s'", a->name,
                       a->params[i].key);
  return CLI_OK;
}

/* A bad -- chart: line is the report's bug: say so before writing a page. */
static int check_charts(const struct report *r) {
  for (int i = 0; i < r->nsec; i++) {
    const struct report_section *s = &r->secs[i];
    struct chart_spec spec;
    char *err = 0;
    if (!s->chart || chart_parse(s, &spec, &err) == 0) continue;
    cli_error("report %s, section %s: %s", r->name, CLI_STR(s->title), err ? err : "out of memory");
    sqlite3_free(err);
    return CLI_DB;
  }
  return CLI_OK;
}

static int report_main(struct report_args *a) {
  const struct muling_sql_file *f = find_report(a->name);
  if (!f) {
    char *names = report_names();
    int rc = cli_usage("report", "no report '%s' (compiled in: %s)", a->name,
                       names ? names : "?");
    sqlite3_free(names);
    return rc;
  }
  int rc = check_params(a, f);
  if (rc != CLI_OK) return rc;
  sqlite3 *db = 0;
  rc = cli_open(a->path, CLI_READONLY, &db);
  if (rc != CLI_OK) return rc;
  rc = cli_require_schema(db, a->path);
  if (rc != CLI_OK) {
    sqlite3_close(db);
    return rc;
  }
  struct report r = {a->name, a->path, 0, a->unmasked, 0, 0};
  rc = run_report(db, f, a, &r);
  if (rc == CLI_OK && strcmp(a->format, "html") == 0) rc = check_charts(&r);
  if (rc == CLI_OK) rc = write_output(a, &r);
  free_report(&r);
  if (sqlite3_close(db) != SQLITE_OK && rc == CLI_OK) rc = CLI_DB;
  return rc;
}

int cmd_report(int argc, char **argv) {
  struct report_args a;
  memset(&a, 0, sizeof(a));
  int rc = parse_args(argc, argv, &a);
  if (rc == CLI_OK) rc = report_main(&a);
  free_args(&a);
  return rc;
}
