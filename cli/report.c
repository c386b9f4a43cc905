/*
** report.c — muling report DB NAME [--format table|csv|json|md|html|xlsx]
**                                   [-o FILE] [--param key=value]… [--unmasked] [--bom]
**
** Runs the embedded sql/reports/NAME.sql statement by statement on DB
** (opened read-only: a report may make temp tables, never change data),
** binding :key from --param and :unmasked (1 with --unmasked, else NULL),
** keeps every result table with its -- section: and -- chart: lines, and
** renders them in the chosen format.
**
** The report's "-- params:" line is the one list of its parameters:
**   -- params: area (area), from (date; default 2023-01-01), unmasked (flag)
** NAME (KIND[; default VALUE][; words]) each.  A --param the line does not
** name is a usage error; a value is checked against its KIND before the
** report runs (params.c, sql/params.sql); the first section, 范围 Scope,
** says what the report ran on.  Everything is read in one transaction
** (one snapshot), with the file's virtual tables refused (cli_begin_read).
** -o writes a temporary file beside the target and renames it, and never
** names the database or its journal.
*/
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "params.h"

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

/* ---- collecting results ------------------------------------------------- */

static void free_texts(struct report_section *s) {
  for (int r = 0; r < s->nrow; r++)
    for (int c = 0; c < s->ncol; c++) sqlite3_free(REPORT_CELL(s, r, c)->text);
}

static void free_section(struct report_section *s) {
  free_texts(s);
  for (int i = 0; i < s->ncol; i++) sqlite3_free(s->cols[i]);
  sqlite3_free(s->cols);
  for (int i = 0; i < s->nchunk; i++) sqlite3_free(s->chunks[i]);
  sqlite3_free(s->chunks);
  sqlite3_free(s->cells);
  sqlite3_free(s->title);
  sqlite3_free(s->chart);
  sqlite3_free(s->keys);
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

/* Room for row s->nrow: its chunk, made when the row is a chunk's first
** (each chunk holds REPORT_CHUNK_ROWS rows; the array of chunk pointers
** doubles).  SQLITE_OK or SQLITE_NOMEM. */
static int make_room(struct report_section *s) {
  if (s->nrow % REPORT_CHUNK_ROWS != 0) return SQLITE_OK;
  if (s->nchunk == s->achunk) {
    int na = s->achunk ? s->achunk * 2 : 8;
    struct report_cell **c =
        sqlite3_realloc64(s->chunks, sizeof(*c) * (sqlite3_uint64)na);
    if (!c) return SQLITE_NOMEM;
    s->chunks = c;
    s->achunk = na;
  }
  struct report_cell *chunk = sqlite3_malloc64(sizeof(*chunk) * REPORT_CHUNK_ROWS *
                                               (sqlite3_uint64)(s->ncol ? s->ncol : 1));
  if (!chunk) return SQLITE_NOMEM;
  s->chunks[s->nchunk++] = chunk;
  s->arow = s->nchunk * REPORT_CHUNK_ROWS;
  return SQLITE_OK;
}

/* Append the current row of stmt to s.  SQLITE_OK or SQLITE_NOMEM. */
static int add_row(struct report_section *s, sqlite3_stmt *stmt) {
  if (make_room(s) != SQLITE_OK) return SQLITE_NOMEM;
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

void report_drop_column(struct report_section *s, int c) {
  /* move every row's cells left over column c, within its chunk (a chunk
  ** keeps its REPORT_CHUNK_ROWS rows: row r stays in chunk r / rows) */
  for (int r = 0; r < s->nrow; r++) {
    struct report_cell *src = REPORT_CELL(s, r, 0);
    size_t in = s->chunks ? (size_t)r % REPORT_CHUNK_ROWS : (size_t)r;
    struct report_cell *base = s->chunks ? s->chunks[(size_t)r / REPORT_CHUNK_ROWS] : s->cells;
    struct report_cell *dst = &base[in * (size_t)(s->ncol - 1)];
    sqlite3_free(src[c].text);
    for (int k = 0, j = 0; k < s->ncol; k++)
      if (k != c) dst[j++] = src[k];
  }
  sqlite3_free(s->cols[c]);
  memmove(&s->cols[c], &s->cols[c + 1], sizeof(char *) * (size_t)(s->ncol - c - 1));
  s->ncol--;
}

/* report_mask (mask.c) reads a section's cells as one array: it is given
** every chunk as a section of its own, with the section's columns, in the
** sections' order (the first is still the first section's first rows: its
** row 0 is what mask.c keeps unmasked in Scope).  It frees and replaces
** the cells' texts in place.  CLI_OK, CLI_DB or CLI_NOMEM (printed). */
int report_mask_rows(sqlite3 *db, struct report *r) {
  sqlite3_uint64 n = 0;
  for (int i = 0; i < r->nsec; i++) n += r->secs[i].chunks ? (sqlite3_uint64)r->secs[i].nchunk : 1;
  struct report_section *v = sqlite3_malloc64(sizeof(*v) * (n ? n : 1));
  if (!v) return cli_nomem();
  int k = 0;
  for (int i = 0; i < r->nsec; i++) {
    const struct report_section *s = &r->secs[i];
    if (!s->chunks) {
      v[k++] = *s;
      continue;
    }
    for (int j = 0; j < s->nchunk; j++) {
      struct report_section *w = &v[k++];
      *w = *s;
      w->chunks = 0;
      w->nchunk = w->achunk = 0;
      w->cells = s->chunks[j];
      w->nrow = s->nrow - j * REPORT_CHUNK_ROWS;
      if (w->nrow > REPORT_CHUNK_ROWS) w->nrow = REPORT_CHUNK_ROWS;
      w->arow = w->nrow;
    }
  }
  struct report view = *r;
  view.secs = v;
  view.nsec = k;
  int rc = report_mask(db, &view);
  sqlite3_free(v);
  return rc;
}

/* "-- drop-empty-columns: a b c": those columns are not shown when no row
** has a value there (a rota of four slots has no slot_5). */
static void drop_empty_columns(struct report_section *s, const char *names) {
  for (int c = s->ncol - 1; c >= 0; c--) {
    /* a person key `_slot_5` goes with its column slot_5 (report_person_keys) */
    const char *name = s->cols[c][0] == '_' ? s->cols[c] + 1 : s->cols[c];
    size_t n = strlen(name);
    int listed = 0;
    for (const char *p = names; (p = strstr(p, name)) != 0; p += n)
      if ((p == names || p[-1] == ' ') && (p[n] == 0 || p[n] == ' ')) listed = 1;
    int empty = 1;
    for (int r = 0; r < s->nrow && empty; r++) empty = REPORT_CELL(s, r, c)->type == SQLITE_NULL;
    if (listed && empty) report_drop_column(s, c);
  }
}

struct run_ctx {
  struct report *r;
  const struct report_params *p;
};

/* Run one prepared statement; a result table becomes a section. */
static int run_statement(struct report *r, const struct report_params *p, sqlite3_stmt *stmt,
                         const char *meta, const char *meta_end) {
  int nomem = 0, rc = SQLITE_OK;
  if (sqlite3_column_count(stmt) > 0) {
    char *title = cli_find_comment(meta, meta_end, "section", &nomem);
    if (title && !nomem) {
      char *t = params_expand(p, title);
      sqlite3_free(title);
      title = t;
      if (!t) nomem = 1;
    }
    char *chart = cli_find_comment(meta, meta_end, "chart", &nomem);
    if (nomem) {
      sqlite3_free(title);
      sqlite3_free(chart);
      return SQLITE_NOMEM;
    }
    rc = new_section(r, stmt, title, chart);
    if (rc == SQLITE_OK) {
      r->secs[r->nsec - 1].keys = cli_find_comment(meta, meta_end, "key-columns", &nomem);
      if (nomem) return SQLITE_NOMEM;
    }
  }
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
    rc = sqlite3_column_count(stmt) > 0 ? add_row(&r->secs[r->nsec - 1], stmt) : SQLITE_OK;
  if (rc == SQLITE_DONE && sqlite3_column_count(stmt) > 0) {
    char *drop = cli_find_comment(meta, meta_end, "drop-empty-columns", &nomem);
    if (nomem) return SQLITE_NOMEM;
    if (drop) drop_empty_columns(&r->secs[r->nsec - 1], drop);
    sqlite3_free(drop);
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}


static int bind_each(void *ctx, sqlite3_stmt *stmt) {
  return params_bind(((struct run_ctx *)ctx)->p, stmt);
}

/* "-- when: NAME": the statement runs only when the parameter NAME has a
** value (the points explanation, with member= only). */
static int run_each(void *ctx, sqlite3_stmt *stmt, const char *comments, const char *end) {
  struct run_ctx *c = ctx;
  int nomem = 0;
  char *when = cli_find_comment(comments, end, "when", &nomem);
  if (nomem) return SQLITE_NOMEM;
  int skip = when && !params_has_value(c->p, when);
  sqlite3_free(when);
  if (skip) return SQLITE_OK;
  return run_statement(c->r, c->p, stmt, comments, end);
}

static int run_report(sqlite3 *db, const struct muling_sql_file *f, const char *name,
                      const struct report_params *p, struct report *r) {
  int nomem = 0;
  r->title = cli_find_comment(f->text, f->text + f->size, "title", &nomem);
  if (nomem) return cli_nomem();
  char *csv = cli_find_comment(f->text, cli_skip_blank(f->text), "csv", &nomem);
  if (nomem) return cli_nomem();
  r->csv_rows = csv && strcmp(csv, "rows") == 0;
  sqlite3_free(csv);
  char *label = sqlite3_mprintf("report %s", name);
  if (!label) return cli_nomem();
  struct run_ctx ctx = {r, p};
  struct cli_script s = {f->name, label, f->text, bind_each, run_each, &ctx};
  int rc = cli_run_script(db, &s);
  sqlite3_free(label);
  return rc;
}

/* ---- output ------------------------------------------------------------- */

static int render(FILE *out, const char *format, int bom, const struct report *r) {
  /* Excel reads a CSV without a byte-order mark as the local code page */
  if (bom && fputs("\xEF\xBB\xBF", out) == EOF) return 1;
  if (strcmp(format, "table") == 0) return render_table(out, r);
  if (strcmp(format, "csv") == 0 && r->csv_rows && r->nsec > 0) {
    /* the rows alone, no Scope and no titles: a file to import */
    struct report rows = *r;
    rows.secs = &r->secs[r->nsec - 1];
    rows.nsec = 1;
    return render_csv(out, &rows);
  }
  if (strcmp(format, "csv") == 0) return render_csv(out, r);
  if (strcmp(format, "json") == 0) return render_json(out, r);
  if (strcmp(format, "md") == 0) return render_md(out, r);
  return render_html(out, r);
}

/* 1 if A and B, both stat()ed, are one file: the same device and inode;
** on Windows, where st_ino is always 0, the same volume and file index. */
static int same_inode(const char *path, const char *other, const struct stat *a,
                      const struct stat *b) {
#ifdef _WIN32
  (void)a, (void)b;
  return mu_win_same_file(path, other); /* Windows' st_ino is always 0 */
#else
  (void)path, (void)other;
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
#endif
}

/* 1 if the file at PATH is the file at OTHER: the same file when both
** exist, else the same name in the same directory (a report written as
** demo.db-journal would be taken for a hot journal). */
static int same_file(const char *path, const char *other) {
  struct stat a, b;
  if (stat(path, &a) == 0 && stat(other, &b) == 0) return same_inode(path, other, &a, &b);
#ifdef _WIN32
  const char *na0 = cli_base_name(path), *nb0 = cli_base_name(other);
  const char *pa = na0 > path ? na0 - 1 : 0, *pb = nb0 > other ? nb0 - 1 : 0;
#else
  const char *pa = strrchr(path, '/'), *pb = strrchr(other, '/');
#endif
  const char *na = pa ? pa + 1 : path, *nb = pb ? pb + 1 : other;
#ifdef _WIN32
  if (!mu_win_same_name(na, nb)) return 0; /* Windows' names ignore case */
#else
  if (strcmp(na, nb) != 0) return 0;
#endif
  /* the directories, with their separator ("dir/", the root "/") */
  int la = pa ? (int)(pa - path) + 1 : 1, lb = pb ? (int)(pb - other) + 1 : 1;
#ifdef _WIN32
  /* Windows' stat refuses "dir\\" (ENOENT): the separator goes, but a
  ** root's ("\\", "C:\\") */
  if (pa && pa > path && pa[-1] != ':') la--;
  if (pb && pb > other && pb[-1] != ':') lb--;
#endif
  char *da = sqlite3_mprintf("%.*s", la, pa ? path : ".");
  char *db = sqlite3_mprintf("%.*s", lb, pb ? other : ".");
  int same = da && db && stat(da, &a) == 0 && stat(db, &b) == 0 && same_inode(da, db, &a, &b);
  sqlite3_free(da);
  sqlite3_free(db);
  return same;
}

/* CLI_USAGE (printed) if OUTPUT is the database or a file SQLite keeps
** beside it. */
static int refuse_database(const char *command, const char *output, const char *database) {
  static const char *const suffixes[] = {"", "-journal", "-wal", "-shm"};
  for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
    char *f = sqlite3_mprintf("%s%s", database, suffixes[i]);
    if (!f) return cli_nomem();
    int same = same_file(output, f);
    sqlite3_free(f);
    if (same)
      return cli_usage(command, "-o %s is the database%s%s; write the output to another file",
                       output, i ? "'s " : "", i ? suffixes[i] + 1 : " itself");
  }
  return CLI_OK;
}

/* The xlsx branch of write_file: libxlsxwriter writes the temporary file
** TMP (already created, OUT open on it) by name; then it is renamed. */
static int write_xlsx(const char *output, char *tmp, FILE *out, const struct report *r) {
  fclose(out);
  char *err = 0;
  int bad = render_xlsx(tmp, r, &err);
  int saved = 0;
  if (!bad && rename(tmp, output) != 0) bad = 1, saved = errno;
  if (bad) unlink(tmp);
  sqlite3_free(tmp);
  if (bad && !saved && !err) return cli_nomem();
  if (bad) cli_error("cannot write %s: %s", output, saved ? strerror(saved) : err);
  sqlite3_free(err);
  return bad ? CLI_DB : CLI_OK;
}

/* OUTPUT is there and no regular file (/dev/null, a terminal, a FIFO): it
** is written in place, as a temporary file renamed over it would put a
** file where the device was (as root, -o /dev/null made /dev/null a
** file). */
static int write_special(const char *output, const struct report_args *a,
                         const struct report *r) {
  if (strcmp(a->format, "xlsx") == 0) {
    char *err = 0;
    if (render_xlsx(output, r, &err) == 0) return CLI_OK;
    if (!err) return cli_nomem();
    cli_error("cannot write %s: %s", output, err);
    sqlite3_free(err);
    return CLI_DB;
  }
  FILE *out = fopen(output, "w");
  if (!out) {
    cli_error("cannot write %s: %s", output, strerror(errno));
    return CLI_DB;
  }
  errno = 0;
  int bad = render(out, a->format, a->bom, r);
  int nomem = bad && !ferror(out);
  if (fflush(out) != 0) bad = 1;
  int saved = errno;
  if (fclose(out) != 0) bad = 1, saved = errno;
  if (nomem) return cli_nomem();
  if (bad) {
    cli_error("cannot write %s: %s", output, saved ? strerror(saved) : "write error");
    return CLI_DB;
  }
  return CLI_OK;
}

/* Write the report to a temporary file beside OUTPUT and rename it over
** OUTPUT: a reader never sees half a report, a failure leaves OUTPUT as it
** was. */
static int write_file(const char *output, const struct report_args *a, const struct report *r) {
  struct stat st;
  if (stat(output, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
    return write_special(output, a, r);
  char *tmp = sqlite3_mprintf("%s.XXXXXX", output);
  if (!tmp) return cli_nomem();
  int fd = mkstemp(tmp);
  if (fd < 0) {
    cli_error("cannot write %s: %s", output, strerror(errno));
    sqlite3_free(tmp);
    return CLI_DB;
  }
  mode_t mask = umask(0);
  umask(mask);
  FILE *out = fchmod(fd, 0666 & ~mask) == 0 ? fdopen(fd, "w") : 0;
  if (!out) {
    cli_error("cannot write %s: %s", output, strerror(errno));
    close(fd);
    unlink(tmp);
    sqlite3_free(tmp);
    return CLI_DB;
  }
  errno = 0;
  if (strcmp(a->format, "xlsx") == 0) return write_xlsx(output, tmp, out, r);
  int bad = render(out, a->format, a->bom, r);
  int nomem = bad && !ferror(out);
  if (fflush(out) != 0 || fsync(fileno(out)) != 0) bad = 1;
  int saved = errno;
  if (fclose(out) != 0) bad = 1, saved = errno;
  if (!bad && rename(tmp, output) != 0) bad = 1, saved = errno;
  if (bad) unlink(tmp);
  sqlite3_free(tmp);
  if (nomem) return cli_nomem();
  if (bad) {
    cli_error("cannot write %s: %s", output, saved ? strerror(saved) : "write error");
    return CLI_DB;
  }
  return CLI_OK;
}

static int write_output(const struct report_args *a, const struct report *r) {
  if (a->output && strcmp(a->output, "-") != 0) return write_file(a->output, a, r);
  errno = 0;
  int bad = render(stdout, a->format, a->bom, r);
  int nomem = bad && !ferror(stdout);
  if (fflush(stdout) != 0) bad = 1;
  if (nomem) return cli_nomem();
  if (bad) {
    cli_error("cannot write standard output: %s", errno ? strerror(errno) : "write error");
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
    } else if ((m = cli_option("report", argc, argv, &i, "--title", &v)) != 0) {
      if (m < 0) return CLI_USAGE;
      a->title = v;
    } else if ((m = cli_option("report", argc, argv, &i, "--param", &v)) != 0) {
      if (m < 0) return CLI_USAGE;
      int rc = add_param(a, v);
      if (rc != CLI_OK) return rc;
    } else if (strcmp(argv[i], "--unmasked") == 0) {
      a->unmasked = 1;
    } else if (strcmp(argv[i], "--bom") == 0) {
      a->bom = 1;
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
  if (a->bom && strcmp(a->format, "csv") != 0)
    return cli_usage("report", "--bom is for --format csv");
  if (strcmp(a->format, "xlsx") == 0 && (!a->output || strcmp(a->output, "-") == 0))
    return cli_usage("report", "--format xlsx writes a workbook: give -o FILE.xlsx");
  static const char *const formats[] = {"table", "csv", "json", "md", "html", "xlsx"};
  for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
    if (strcmp(a->format, formats[i]) == 0) return CLI_OK;
  return cli_usage("report", "unknown format '%s' (table, csv, json, md, html or xlsx)", a->format);
}

/* A bad -- chart: or -- key-columns: line is the report's bug: say so
** before writing a page. */
static int check_charts(const struct report *r) {
  for (int i = 0; i < r->nsec; i++) {
    const struct report_section *s = &r->secs[i];
    struct chart_spec spec;
    char *err = 0;
    int *order = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(s->ncol + 1));
    if (!order) return cli_nomem();
    int bad = html_column_order(s, order, &err);
    sqlite3_free(order);
    if (!bad && (!s->chart || chart_parse(s, &spec, &err) == 0)) continue;
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
  struct report_params p;
  int rc = params_declare(&p, a->name, f);
  if (rc == CLI_OK) rc = params_given(&p, a);
  if (rc == CLI_OK && a->output && strcmp(a->output, "-") != 0)
    rc = refuse_database("report", a->output, a->path);
  sqlite3 *db = 0;
  if (rc == CLI_OK) rc = cli_open(a->path, CLI_READONLY, &db);
  if (rc != CLI_OK) {
    params_free(&p);
    return rc;
  }
  struct report r = {a->name, cli_base_name(a->path), 0, a->unmasked, 0, 0, 0};
  rc = cli_begin_read(db, a->path, 1);
  if (rc == CLI_OK) rc = params_resolve(&p, db);
  if (rc == CLI_OK) rc = params_scope(&p, &r);
  if (rc == CLI_OK) rc = run_report(db, f, a->name, &p, &r);
  if (rc == CLI_OK && !a->unmasked) rc = report_mask_rows(db, &r);
  if (rc == CLI_OK) rc = report_person_keys(&r);
  if (rc == CLI_OK && a->title) {
    /* --title: the heading the analyst wants on a page that goes out */
    sqlite3_free(r.title);
    r.title = sqlite3_mprintf("%s", a->title);
    if (!r.title) rc = cli_nomem();
  }
  if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  cli_guard_end(db);
  if (rc == CLI_OK && strcmp(a->format, "html") == 0) rc = check_charts(&r);
  if (rc == CLI_OK) rc = write_output(a, &r);
  free_report(&r);
  params_free(&p);
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

/* ---- for other commands that print as reports (check) -------------------- */

int report_new_section(struct report *r, sqlite3_stmt *stmt, char *title, char *chart) {
  return new_section(r, stmt, title, chart);
}

int report_add_row(struct report_section *s, sqlite3_stmt *stmt) {
  return add_row(s, stmt);
}

void report_free(struct report *r) {
  free_report(r);
}

int report_refuse_database(const char *command, const char *output, const char *database) {
  if (!output || strcmp(output, "-") == 0) return CLI_OK;
  return refuse_database(command, output, database);
}

int report_write(const char *output, const char *format, const struct report *r) {
  struct report_args a;
  memset(&a, 0, sizeof a);
  a.output = output;
  a.format = format;
  return write_output(&a, r);
}
