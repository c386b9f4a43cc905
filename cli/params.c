/*
** params.c — a report's parameters, from its "-- params:" line (params.h).
** The lookups are SQL, in sql/params.sql; this file parses, checks dates
** and numbers, and binds.
*/
#include "params.h"

#include <stdlib.h>
#include <string.h>

#include "common.h" /* mu_date_parse, mu_today, mu_date_format */

static const char *const value_kinds[] = {"date", "month", "year", "count", "flag"};

static int is_value_kind(const char *kind) {
  for (size_t i = 0; i < sizeof(value_kinds) / sizeof(value_kinds[0]); i++)
    if (strcmp(kind, value_kinds[i]) == 0) return 1;
  return 0;
}

void params_free(struct report_params *p) {
  for (int i = 0; i < p->n; i++) {
    sqlite3_free(p->p[i].name);
    sqlite3_free(p->p[i].kind);
    sqlite3_free(p->p[i].deflt);
    sqlite3_free(p->p[i].text);
    sqlite3_free(p->p[i].label);
  }
  sqlite3_free(p->p);
  memset(p, 0, sizeof(*p));
}

/* ---- the -- params: line ------------------------------------------------- */

static const char *skip_space(const char *z) {
  while (*z == ' ' || *z == '\t') z++;
  return z;
}

/* A trimmed copy of [a, b). */
static char *trimmed(const char *a, const char *b) {
  while (a < b && (*a == ' ' || *a == '\t')) a++;
  while (b > a && (b[-1] == ' ' || b[-1] == '\t')) b--;
  return sqlite3_mprintf("%.*s", (int)(b - a), a);
}

static int declare_error(const char *report, const char *why, const char *near) {
  cli_error("report %s: its -- params: line is malformed (%s at '%.20s')", report, why, near);
  return CLI_DB;
}

int params_declare(struct report_params *p, const char *report,
                   const struct muling_sql_file *f) {
  memset(p, 0, sizeof(*p));
  p->report = report;
  int nomem = 0;
  char *line = cli_find_comment(f->text, f->text + f->size, "params", &nomem);
  if (nomem) return cli_nomem();
  if (!line) return CLI_OK;
  const char *z = line;
  int rc = CLI_OK;
  while (rc == CLI_OK && *(z = skip_space(z))) {
    const char *name = z;
    while (*z && *z != ' ' && *z != '(' && *z != ',') z++;
    const char *name_end = z;
    z = skip_space(z);
    if (name_end == name || *z != '(') {
      rc = declare_error(report, "want NAME (KIND…)", name);
      break;
    }
    const char *close = strchr(z, ')');
    if (!close) {
      rc = declare_error(report, "no ')'", name);
      break;
    }
    struct param_spec *ps = sqlite3_realloc64(p->p, sizeof(*ps) * (sqlite3_uint64)(p->n + 1));
    if (!ps) {
      rc = cli_nomem();
      break;
    }
    p->p = ps;
    struct param_spec *s = &ps[p->n++];
    memset(s, 0, sizeof(*s));
    s->name = sqlite3_mprintf("%.*s", (int)(name_end - name), name);
    /* clauses separated by ';': the kind first, then "default V" */
    const char *c = z + 1;
    for (int k = 0; c < close; k++) {
      const char *e = c;
      while (e < close && *e != ';') e++;
      char *clause = trimmed(c, e);
      if (!clause) {
        rc = cli_nomem();
        break;
      }
      if (k == 0) s->kind = clause, clause = 0;
      else if (strncmp(clause, "default ", 8) == 0 && !s->deflt) {
        s->deflt = trimmed(clause + 8, clause + strlen(clause));
        if (!s->deflt) rc = cli_nomem();
        else if (strcmp(s->deflt, "today") == 0) {
          /* "default today": the day the command runs, shown in Scope as
          ** the date it is, so a page printed today says which day */
          char day[11];
          mu_date_format(mu_today(), day);
          sqlite3_free(s->deflt);
          s->deflt = sqlite3_mprintf("%s", day);
          if (!s->deflt) rc = cli_nomem();
        }
      }
      sqlite3_free(clause);
      if (rc != CLI_OK) break;
      c = e + 1;
    }
    if (rc == CLI_OK && (!s->name || !s->kind)) rc = cli_nomem();
    z = skip_space(close + 1);
    if (rc == CLI_OK && *z && *z != ',') rc = declare_error(report, "want ',' between parameters", z);
    if (*z == ',') z++;
  }
  sqlite3_free(line);
  return rc;
}

/* ---- values that need no database ---------------------------------------- */

static struct param_spec *find_spec(const struct report_params *p, const char *name) {
  for (int i = 0; i < p->n; i++)
    if (strcmp(p->p[i].name, name) == 0) return &p->p[i];
  return 0;
}

static char *param_list(const struct report_params *p) {
  sqlite3_str *s = sqlite3_str_new(0);
  int k = 0;
  for (int i = 0; i < p->n; i++)
    if (strcmp(p->p[i].kind, "flag") != 0)
      sqlite3_str_appendf(s, "%s%s", k++ ? ", " : "", p->p[i].name);
  if (k == 0) sqlite3_str_appendall(s, "none");
  return sqlite3_str_finish(s);
}

static int all_digits(const char *z, int n) {
  for (int i = 0; i < n; i++)
    if (z[i] < '0' || z[i] > '9') return 0;
  return 1;
}

/* Check V for the value kind of S; on success set what is bound. */
static int check_value(const struct report_params *p, struct param_spec *s, const char *v,
                       int is_default) {
  const char *kind = s->kind;
  int n = (int)strlen(v), days;
  const char *want = 0;
  if (strcmp(kind, "date") == 0) {
    if (mu_date_parse(v, n, &days) != 0) want = "a date YYYY-MM-DD";
  } else if (strcmp(kind, "month") == 0) {
    if (n != 7 || !all_digits(v, 4) || v[4] != '-' || !all_digits(v + 5, 2) ||
        atoi(v + 5) < 1 || atoi(v + 5) > 12)
      want = "a month YYYY-MM";
  } else if (strcmp(kind, "year") == 0) {
    if (n != 4 || !all_digits(v, 4) || atoi(v) < 1800) want = "a year YYYY";
  } else if (strcmp(kind, "count") == 0) {
    if (n < 1 || n > 9 || !all_digits(v, n)) want = "a whole number";
  }
  if (want) {
    if (is_default) {
      cli_error("report %s: the default of %s, '%s', is not %s", p->report, s->name, v, want);
      return CLI_DB;
    }
    cli_error("report %s: %s must be %s, got '%s'", p->report, s->name, want, v);
    return CLI_USAGE;
  }
  if (strcmp(kind, "year") == 0 || strcmp(kind, "count") == 0) {
    s->type = SQLITE_INTEGER;
    s->i = atoll(v);
  } else {
    s->type = SQLITE_TEXT;
    s->text = sqlite3_mprintf("%s", v);
    if (!s->text) return cli_nomem();
  }
  s->label = sqlite3_mprintf("%s%s", v, is_default ? " (default)" : "");
  return s->label ? CLI_OK : cli_nomem();
}

int params_given(struct report_params *p, const struct report_args *a) {
  p->unmasked = a->unmasked;
  for (int i = 0; i < a->nparam; i++) {
    struct param_spec *s = find_spec(p, a->params[i].key);
    if (!s || strcmp(s->kind, "flag") == 0) {
      char *list = param_list(p);
      if (!list) return cli_nomem();
      cli_usage("report", "report %s has no parameter '%s' (its parameters: %s)", p->report,
                a->params[i].key, list);
      sqlite3_free(list);
      return CLI_USAGE;
    }
    if (s->given) return cli_usage("report", "parameter '%s' given twice", s->name);
    s->given = a->params[i].value;
  }
  for (int i = 0; i < p->n; i++) {
    struct param_spec *s = &p->p[i];
    if (strcmp(s->kind, "flag") == 0) {
      s->type = p->unmasked ? SQLITE_INTEGER : SQLITE_NULL;
      s->i = 1;
      continue;
    }
    if (!is_value_kind(s->kind)) continue; /* looked up in the database */
    const char *v = s->given ? s->given : s->deflt;
    if (!v) continue;
    int rc = check_value(p, s, v, !s->given);
    if (rc != CLI_OK) return rc;
  }
  const struct param_spec *from = find_spec(p, "from"), *to = find_spec(p, "to");
  if (from && to && from->type == SQLITE_TEXT && to->type == SQLITE_TEXT &&
      strcmp(from->text, to->text) > 0) {
    cli_error("report %s: from (%s) is after to (%s)", p->report, from->text, to->text);
    return CLI_USAGE;
  }
  return CLI_OK;
}

/* ---- values looked up in the database ------------------------------------ */

/* What a lookup's message begins with: "report NAME", or the command's
** own words (check --area). */
#define WHO(p) ((p)->command ? "" : "report "), ((p)->command ? (p)->command : (p)->report)

/* The statement of sql/params.sql after "-- KEY: KIND", prepared with
** :value and :unmasked bound; *stmt NULL if there is none. */
static int bind_spec(sqlite3_stmt *stmt, int i, const struct param_spec *s);

static int prepare_lookup(sqlite3 *db, const struct report_params *p, const char *key,
                          const char *kind, const char *value, sqlite3_stmt **stmt) {
  int unmasked = p->unmasked;
  *stmt = 0;
  const struct muling_sql_file *f = cli_sql_file("sql/params.sql");
  if (!f) {
    cli_error("this build has no sql/params.sql");
    return CLI_DB;
  }
  char *want = sqlite3_mprintf("%s %s", key, kind);
  if (!want) return cli_nomem();
  const char *z = f->text;
  int rc = CLI_OK;
  while (*z) {
    const char *start = cli_skip_blank(z);
    if (!*start) break;
    /* the statement's text ends at its ';' (no ';' inside these lookups) */
    const char *end = strchr(start, ';');
    if (!end) break;
    int nomem = 0;
    char *k = cli_find_comment(z, start, "lookup", &nomem);
    char *k2 = k ? 0 : cli_find_comment(z, start, "near", &nomem);
    char *k3 = k || k2 ? 0 : cli_find_comment(z, start, "first", &nomem);
    if (nomem) {
      sqlite3_free(k), sqlite3_free(k2), sqlite3_free(k3);
      rc = cli_nomem();
      break;
    }
    char *got = k ? sqlite3_mprintf("lookup %s", k)
              : k2 ? sqlite3_mprintf("near %s", k2)
              : k3 ? sqlite3_mprintf("first %s", k3) : 0;
    int found = got && strcmp(got, want) == 0;
    int oom = (k || k2 || k3) && !got;
    sqlite3_free(k), sqlite3_free(k2), sqlite3_free(k3), sqlite3_free(got);
    if (oom) {
      rc = cli_nomem();
      break;
    }
    if (found) {
      if (sqlite3_prepare_v2(db, start, (int)(end - start + 1), stmt, 0) != SQLITE_OK) {
        rc = cli_db_error(db, f->name);
        break;
      }
      int n = sqlite3_bind_parameter_count(*stmt), brc = SQLITE_OK;
      for (int i = 1; i <= n && brc == SQLITE_OK; i++) {
        const char *pn = sqlite3_bind_parameter_name(*stmt, i);
        if (pn && strcmp(pn + 1, "value") == 0) brc = sqlite3_bind_text(*stmt, i, value, -1, SQLITE_STATIC);
        else if (pn && strcmp(pn + 1, "unmasked") == 0) brc = unmasked ? sqlite3_bind_int(*stmt, i, 1) : SQLITE_OK;
        else if (pn && find_spec(p, pn + 1)) brc = bind_spec(*stmt, i, find_spec(p, pn + 1));
      }
      if (brc != SQLITE_OK) rc = cli_db_error(db, f->name);
      break;
    }
    z = end + 1;
  }
  sqlite3_free(want);
  if (rc != CLI_OK) {
    sqlite3_finalize(*stmt);
    *stmt = 0;
  }
  return rc;
}

static int not_found(sqlite3 *db, const struct report_params *p, const struct param_spec *s) {
  sqlite3_stmt *stmt = 0;
  int rc = prepare_lookup(db, p, "near", s->kind, s->given, &stmt);
  if (rc != CLI_OK) return rc;
  sqlite3_str *near = sqlite3_str_new(0);
  int n = 0, src = SQLITE_DONE;
  while (stmt && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char *t = (const char *)sqlite3_column_text(stmt, 0);
    if (t) sqlite3_str_appendf(near, "%s%s", n++ ? ", " : "", t);
  }
  sqlite3_finalize(stmt);
  char *list = sqlite3_str_finish(near);
  if (src != SQLITE_DONE || (n && !list)) {
    sqlite3_free(list);
    return src == SQLITE_NOMEM || src == SQLITE_DONE ? cli_nomem() : cli_db_error(db, "sql/params.sql");
  }
  if (n)
    cli_error("%s%s: no %s '%s'; did you mean %s?", WHO(p), s->kind, s->given, list);
  else
    cli_error("%s%s: no %s '%s' (give its id or its exact name)", WHO(p), s->kind, s->given);
  sqlite3_free(list);
  return CLI_USAGE;
}

/* Resolve S: the rows of "-- lookup:" (given) or "-- first:" (default) are
** (id, label, exact): an exact id match wins, else one row must match. */
static int resolve(sqlite3 *db, const struct report_params *p, struct param_spec *s) {
  sqlite3_stmt *stmt = 0;
  int rc = prepare_lookup(db, p, s->given ? "lookup" : "first", s->kind, CLI_STR(s->given), &stmt);
  if (rc != CLI_OK) return rc;
  if (!stmt) {
    if (s->given) {
      cli_error("report %s: parameter %s has the kind '%s', which sql/params.sql does not know",
                p->report, s->name, s->kind);
      return CLI_DB;
    }
    s->type = SQLITE_NULL;
    s->label = sqlite3_mprintf("%s", strcmp(s->kind, "area") == 0 ? "全部 the whole database" : "(none)");
    return s->label ? CLI_OK : cli_nomem();
  }
  int nrow = 0, src;
  sqlite3_str *others = sqlite3_str_new(0);
  while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char *label = (const char *)sqlite3_column_text(stmt, 1);
    if (!label) {
      src = SQLITE_NOMEM;
      break;
    }
    if (nrow == 0) {
      s->type = SQLITE_INTEGER;
      s->i = sqlite3_column_int64(stmt, 0);
      s->label = sqlite3_mprintf("%s%s", label, s->given ? "" : " (default)");
      if (!s->label) {
        src = SQLITE_NOMEM;
        break;
      }
      if (sqlite3_column_int(stmt, 2)) { /* the id itself */
        src = SQLITE_DONE;
        nrow = 1;
        break;
      }
    }
    sqlite3_str_appendf(others, "%s%s", nrow ? "; " : "", label);
    nrow++;
  }
  sqlite3_finalize(stmt);
  char *list = sqlite3_str_finish(others);
  if (src == SQLITE_NOMEM || (src == SQLITE_DONE && nrow > 1 && !list)) {
    sqlite3_free(list);
    return cli_nomem();
  }
  if (src != SQLITE_DONE) {
    sqlite3_free(list);
    return cli_db_error(db, "sql/params.sql");
  }
  if (nrow > 1) {
    cli_error("%s%s: %s '%s' names several: %s; give the id", WHO(p), s->name,
              CLI_STR(s->given), list);
    sqlite3_free(list);
    return CLI_USAGE;
  }
  sqlite3_free(list);
  if (nrow == 0 && s->given) return not_found(db, p, s);
  if (nrow == 0) {
    s->type = SQLITE_NULL;
    s->label = sqlite3_mprintf("(none)");
    return s->label ? CLI_OK : cli_nomem();
  }
  return CLI_OK;
}

int params_resolve(struct report_params *p, sqlite3 *db) {
  for (int i = 0; i < p->n; i++) {
    struct param_spec *s = &p->p[i];
    if (is_value_kind(s->kind)) continue;
    int rc = resolve(db, p, s);
    if (rc != CLI_OK) return rc;
  }
  return CLI_OK;
}

/* ---- the Scope section --------------------------------------------------- */

int params_scope(const struct report_params *p, struct report *r) {
  struct report_section *secs = sqlite3_realloc64(r->secs, sizeof(*secs) * (sqlite3_uint64)(r->nsec + 1));
  if (!secs) return cli_nomem();
  r->secs = secs;
  struct report_section *s = &secs[r->nsec++];
  memset(s, 0, sizeof(*s));
  s->title = sqlite3_mprintf("范围 Scope");
  s->cols = sqlite3_malloc64(sizeof(char *) * 2);
  if (!s->title || !s->cols) return cli_nomem();
  s->cols[0] = s->cols[1] = 0;
  s->ncol = 2;
  s->cols[0] = sqlite3_mprintf("item");
  s->cols[1] = sqlite3_mprintf("value");
  int rows = p->n + 2;
  s->cells = sqlite3_malloc64(sizeof(struct report_cell) * 2 * (sqlite3_uint64)rows);
  if (!s->cols[0] || !s->cols[1] || !s->cells) return cli_nomem();
  memset(s->cells, 0, sizeof(struct report_cell) * 2 * (size_t)rows);
  s->arow = rows;
  const char *keys[2] = {"database", "personal data"};
  const char *vals[2] = {r->database, p->unmasked ? "未脱敏 unmasked (--unmasked)" : "已脱敏 masked"};
  for (int i = -1; i < p->n + 1; i++) {
    const char *k, *v;
    if (i < 0) k = keys[0], v = vals[0];
    else if (i == p->n) k = keys[1], v = vals[1];
    else if (strcmp(p->p[i].kind, "flag") == 0) continue;
    else k = p->p[i].name, v = p->p[i].label ? p->p[i].label : "(none)";
    struct report_cell *row = REPORT_CELL(s, s->nrow, 0);
    s->nrow++;
    row[0].type = row[1].type = SQLITE_TEXT;
    row[0].text = sqlite3_mprintf("%s", k);
    row[1].text = sqlite3_mprintf("%s", v);
    if (!row[0].text || !row[1].text) return cli_nomem();
  }
  return CLI_OK;
}

/* ---- binding ------------------------------------------------------------- */

static int bind_spec(sqlite3_stmt *stmt, int i, const struct param_spec *s) {
  if (s->type == SQLITE_INTEGER) return sqlite3_bind_int64(stmt, i, s->i);
  if (s->type == SQLITE_TEXT) return sqlite3_bind_text(stmt, i, s->text, -1, SQLITE_STATIC);
  return SQLITE_OK;
}

int params_bind(const struct report_params *p, sqlite3_stmt *stmt) {
  int n = sqlite3_bind_parameter_count(stmt);
  for (int i = 1; i <= n; i++) {
    const char *name = sqlite3_bind_parameter_name(stmt, i);
    if (!name) continue;
    const struct param_spec *s = find_spec(p, name + 1); /* past ':', '@' or '$' */
    if (!s) {
      cli_error("report %s uses %s, which its -- params: line does not declare", p->report, name);
      return CLI_SCRIPT_STOP;
    }
    int rc = bind_spec(stmt, i, s);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

int params_has_value(const struct report_params *p, const char *name) {
  const struct param_spec *s = find_spec(p, name);
  return s && s->type != SQLITE_NULL;
}

char *params_expand(const struct report_params *p, const char *text) {
  sqlite3_str *out = sqlite3_str_new(0);
  for (const char *z = text; *z;) {
    const char *close = *z == '{' ? strchr(z, '}') : 0;
    const struct param_spec *s = 0;
    if (close) {
      char *name = sqlite3_mprintf("%.*s", (int)(close - z - 1), z + 1);
      if (!name) {
        sqlite3_free(sqlite3_str_finish(out));
        return 0;
      }
      s = find_spec(p, name);
      sqlite3_free(name);
    }
    if (s) {
      sqlite3_str_appendall(out, s->label ? s->label : "(none)");
      z = close + 1;
    } else {
      sqlite3_str_appendchar(out, 1, *z++);
    }
  }
  if (sqlite3_str_errcode(out) != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(out));
    return 0;
  }
  char *r = sqlite3_str_finish(out);
  return r ? r : sqlite3_mprintf("");
}
