/*
** render.c — a report as text: table (aligned for a terminal, CJK counted
** double width), csv (RFC 4180), json (an array of sections, rows as
** objects) and md (pipe tables).  html.c does the web page.
*/
#include <string.h>

#include "report.h"

int report_is_number(const struct report_cell *c) {
  return c->type == SQLITE_INTEGER || c->type == SQLITE_FLOAT;
}

/* A column of numbers, where a suppressed or missing count may be a short
** mark ('*', '-', '<5'): such marks align with the numbers. */
int report_numeric_column(const struct report_section *s, int c) {
  int numbers = 0;
  for (int r = 0; r < s->nrow; r++) {
    const struct report_cell *cell = REPORT_CELL(s, r, c);
    if (report_is_number(cell)) numbers++;
    else if (cell->type != SQLITE_NULL && cli_display_width(cell->text) > 3) return 0;
  }
  return numbers > 0;
}

/* ---- table -------------------------------------------------------------- */

/* 1 if the byte at z starts a control character other than a line break
** or a tab: C0, DEL, or C1 (U+0080..U+009F, bytes C2 80..C2 9F).  *len gets
** its length.  A terminal would act on them (ESC starts a sequence that
** can move the cursor, retitle the window, clear the screen). */
static int is_control(const unsigned char *z, int *len) {
  *len = 1;
  if (*z == 0x7f || (*z < 0x20 && *z != '\n' && *z != '\r' && *z != '\t')) return 1;
  if (z[0] == 0xc2 && z[1] >= 0x80 && z[1] <= 0x9f) return *len = 2, 1;
  return 0;
}

/* The cell as one line: line breaks and tabs become spaces, other control
** characters are dropped. */
static void put_flat(FILE *out, const char *z) {
  const unsigned char *p = (const unsigned char *)z;
  while (p && *p) {
    /* a run of plain bytes goes out in one call, not a byte at a time */
    const unsigned char *q = p;
    while (*q >= 0x20 && *q != 0x7f && *q != 0xc2) q++;
    if (q > p) fwrite(p, 1, (size_t)(q - p), out);
    p = q;
    if (!*p) break;
    int len;
    if (is_control(p, &len)) p += len;
    else fputc(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p, out), p++;
  }
}

/* N spaces. */
static void put_spaces(FILE *out, int n) {
  static const char spaces[] = "                                                                ";
  for (; n > 0; n -= (int)sizeof(spaces) - 1)
    fwrite(spaces, 1, n < (int)sizeof(spaces) - 1 ? (size_t)n : sizeof(spaces) - 1, out);
}

static void put_padded(FILE *out, const char *z, int width, int right) {
  int pad = width - cli_display_width(z);
  if (pad < 0) pad = 0;
  if (right) put_spaces(out, pad);
  put_flat(out, z);
  if (!right) put_spaces(out, pad);
}

/* Column widths of a section; sqlite3_malloc'd array, NULL on OOM. */
static int *column_widths(const struct report_section *s) {
  int *w = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(s->ncol ? s->ncol : 1));
  if (!w) return 0;
  for (int c = 0; c < s->ncol; c++) {
    w[c] = cli_display_width(s->cols[c]);
    for (int r = 0; r < s->nrow; r++) {
      int cw = cli_display_width(REPORT_CELL(s, r, c)->text);
      if (cw > w[c]) w[c] = cw;
    }
  }
  return w;
}

/* ---- csv ---------------------------------------------------------------- */

static void csv_field(FILE *out, const char *z) {
  if (!z) return;
  if (!strpbrk(z, ",\"\r\n")) {
    fputs(z, out);
    return;
  }
  fputc('"', out);
  for (; *z; z++) {
    if (*z == '"') fputc('"', out);
    fputc(*z, out);
  }
  fputc('"', out);
}

/* csv_field of z[0..len) (no NUL among them; maybe none after): PLAIN,
** it needs no quotes. */
static void csv_field_n(FILE *out, const char *z, size_t len, int plain) {
  if (plain) {
    fwrite(z, 1, len, out);
    return;
  }
  fputc('"', out);
  for (size_t i = 0; i < len; i++) {
    if (z[i] == '"') fputc('"', out);
    fputc(z[i], out);
  }
  fputc('"', out);
}

/* A row: its fields, commas and CRLF gathered in a buffer and written in
** one call (ten million rows of fifteen fields: a stdio call a field, and
** the lock each takes, cost more than the bytes); a field that would not
** fit goes out by itself, as csv_field writes it. */
static void csv_row(FILE *out, const struct report_cell *row, const int *lens, int ncol) {
  char buf[4096];
  size_t n = 0;
  for (int c = 0; c < ncol; c++) {
    if (n + 3 > sizeof(buf)) { /* keep room for a comma and the CRLF */
      fwrite(buf, 1, n, out);
      n = 0;
    }
    if (c) buf[n++] = ',';
    const char *z = row[c].text;
    if (!z) continue;
    size_t plain, len;
    if (lens) {
      /* its bytes known (and maybe no NUL after them): looked through
      ** once, with no call a field; a NUL among them ends it */
      plain = csv_plain_run(z, (size_t)lens[c], &len);
    } else {
      plain = strcspn(z, ",\"\r\n");
      len = plain + strlen(z + plain);
    }
    if (n + 2 * len + 5 > sizeof(buf)) { /* quoted, every byte may double */
      fwrite(buf, 1, n, out);
      n = 0;
      csv_field_n(out, z, len, plain == len);
      continue;
    }
    if (plain == len) {
      memcpy(buf + n, z, len);
      n += len;
      continue;
    }
    buf[n++] = '"';
    for (size_t i = 0; i < len; i++) {
      if (z[i] == '"') buf[n++] = '"';
      buf[n++] = z[i];
    }
    buf[n++] = '"';
  }
  buf[n++] = '\r';
  buf[n++] = '\n';
  fwrite(buf, 1, n, out);
}

/* ---- json --------------------------------------------------------------- */

/* The length of the valid UTF-8 character at p, or 0 (a stray byte, a
** truncated or overlong sequence, a surrogate). */
static int utf8_valid(const unsigned char *p) {
  int n = p[0] < 0x80 ? 1 : p[0] >= 0xc2 && p[0] <= 0xdf ? 2 : (p[0] & 0xf0) == 0xe0 ? 3
        : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : 0;
  for (int i = 1; i < n; i++)
    if ((p[i] & 0xc0) != 0x80) return 0;
  if (n == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0))) return 0;
  if (n == 4 && ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90))) return 0;
  return n;
}

/* A JSON string: valid whatever the bytes — a byte that is not UTF-8 (a
** GB18030 value stored as it came) becomes U+FFFD. */
static void json_string(FILE *out, const char *z) {
  if (!z) {
    fputs("null", out);
    return;
  }
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)z; *p; p++) {
    int n = utf8_valid(p);
    if (n == 0) {
      fputs("\\ufffd", out);
      continue;
    }
    if (n > 1) {
      fwrite(p, 1, (size_t)n, out);
      p += n - 1;
      continue;
    }
    switch (*p) {
      case '"': fputs("\\\"", out); break;
      case '\\': fputs("\\\\", out); break;
      case '\n': fputs("\\n", out); break;
      case '\r': fputs("\\r", out); break;
      case '\t': fputs("\\t", out); break;
      default:
        if (*p < 0x20 || *p == 0x7f) fprintf(out, "\\u%04x", *p);
        else fputc(*p, out);
    }
  }
  fputc('"', out);
}

/* A number as JSON: SQLite prints reals like 1.5 or 1.0e+20 and may say
** Inf or NaN, which JSON has no words for. */
static void json_value(FILE *out, const struct report_cell *c) {
  if (c->type == SQLITE_NULL) fputs("null", out);
  else if (c->type == SQLITE_INTEGER) fputs(c->text, out);
  else if (c->type == SQLITE_FLOAT)
    strpbrk(c->text, "IN") ? fputs("null", out) : fputs(c->text, out);
  else json_string(out, c->text);
}

/* ---- markdown ----------------------------------------------------------- */

static void md_cell(FILE *out, const char *z) {
  for (const unsigned char *p = (const unsigned char *)z; p && *p;) {
    int len;
    if (*p == '|' || *p == '\\') fputc('\\', out);
    if (*p == '\n') fputs("<br>", out), p++;
    else if (*p == '\t') fputc(' ', out), p++;
    else if (*p == '\r') p++;
    else if (is_control(p, &len)) p += len;
    else fputc(*p, out), p++;
  }
}


/* ---- a report written section by section, row by row --------------------- */

int render_format(const char *format) {
  if (strcmp(format, "table") == 0) return RENDER_TABLE;
  if (strcmp(format, "csv") == 0) return RENDER_CSV;
  if (strcmp(format, "json") == 0) return RENDER_JSON;
  if (strcmp(format, "md") == 0) return RENDER_MD;
  return -1;
}

void render_start(struct render_sink *k, FILE *out, int format, const struct report *r) {
  memset(k, 0, sizeof(*k));
  k->out = out;
  k->format = format;
  k->r = r;
  if (format == RENDER_TABLE) {
    fprintf(out, "%s\n", r->title ? r->title : r->name);
  } else if (format == RENDER_JSON) {
    fputs("[", out);
  } else if (format == RENDER_MD) {
    fputs("# ", out);
    md_cell(out, r->title ? r->title : r->name);
    fputc('\n', out);
  }
}

void render_section_start(struct render_sink *k, const char *title, const char *chart, int ncol,
                          char *const *cols, const int *width, const int *numeric) {
  FILE *out = k->out;
  k->ncol = ncol;
  k->cols = cols;
  k->width = width;
  k->numeric = numeric;
  k->nrow = 0;
  switch (k->format) {
    case RENDER_TABLE:
      fputc('\n', out);
      if (title) fprintf(out, "%s\n", title);
      for (int c = 0; c < ncol; c++) {
        if (c) fputs("  ", out);
        put_padded(out, cols[c], c == ncol - 1 ? 0 : width[c], 0);
      }
      fputc('\n', out);
      for (int c = 0; c < ncol; c++) {
        /* a long last column (a paragraph) gets a rule no wider than 60 */
        int rule = width[c];
        if (c == ncol - 1 && rule > 60) rule = cli_display_width(cols[c]) > 60 ? cli_display_width(cols[c]) : 60;
        if (c) fputs("  ", out);
        for (int i = 0; i < rule; i++) fputc('-', out);
      }
      fputc('\n', out);
      break;
    case RENDER_CSV:
      /* Each section is a header record and its rows, CRLF line ends;
      ** sections are separated by an empty line, and when there are
      ** several, a record holding the section's title comes first. */
      if (k->nsec) fputs("\r\n", out);
      if (k->csv_titles) {
        csv_field(out, title ? title : "");
        fputs("\r\n", out);
      }
      for (int c = 0; c < ncol; c++) {
        if (c) fputc(',', out);
        csv_field(out, cols[c]);
      }
      fputs("\r\n", out);
      break;
    case RENDER_JSON:
      fputs(k->nsec ? ",\n" : "\n", out);
      fputs("  {\"report\": ", out);
      json_string(out, k->r->name);
      fputs(", \"title\": ", out);
      json_string(out, k->r->title);
      fprintf(out, ", \"unmasked\": %s", k->r->unmasked ? "true" : "false");
      fputs(", \"section\": ", out);
      json_string(out, title);
      fputs(", \"chart\": ", out);
      json_string(out, chart);
      fputs(",\n   \"columns\": [", out);
      for (int c = 0; c < ncol; c++) {
        if (c) fputs(", ", out);
        json_string(out, cols[c]);
      }
      fputs("],\n   \"rows\": [", out);
      break;
    case RENDER_MD:
      fputc('\n', out);
      if (title) {
        fputs("## ", out);
        md_cell(out, title);
        fputs("\n\n", out);
      }
      fputc('|', out);
      for (int c = 0; c < ncol; c++) {
        fputc(' ', out);
        md_cell(out, cols[c]);
        fputs(" |", out);
      }
      fputs("\n|", out);
      for (int c = 0; c < ncol; c++) fputs(numeric[c] ? " ---: |" : " --- |", out);
      fputc('\n', out);
      break;
  }
}

void render_row(struct render_sink *k, const struct report_cell *row) { render_row_len(k, row, 0); }

void render_row_len(struct render_sink *k, const struct report_cell *row, const int *lens) {
  FILE *out = k->out;
  int ncol = k->ncol;
  switch (k->format) {
    case RENDER_TABLE:
      for (int c = 0; c < ncol; c++) {
        const struct report_cell *cell = &row[c];
        int right = report_is_number(cell) || (k->numeric[c] && cell->type != SQLITE_NULL);
        if (c) fputs("  ", out);
        put_padded(out, cell->text, c == ncol - 1 && !right ? 0 : k->width[c], right);
      }
      fputc('\n', out);
      break;
    case RENDER_CSV:
      csv_row(out, row, lens, ncol);
      break;
    case RENDER_JSON:
      fputs(k->nrow ? ",\n    {" : "\n    {", out);
      for (int c = 0; c < ncol; c++) {
        if (c) fputs(", ", out);
        json_string(out, k->cols[c]);
        fputs(": ", out);
        json_value(out, &row[c]);
      }
      fputc('}', out);
      break;
    case RENDER_MD:
      fputc('|', out);
      for (int c = 0; c < ncol; c++) {
        fputc(' ', out);
        md_cell(out, row[c].text);
        fputs(" |", out);
      }
      fputc('\n', out);
      break;
  }
  k->nrow++;
}

void render_section_end(struct render_sink *k) {
  if (k->format == RENDER_TABLE && k->nrow == 0) fputs("(no rows)\n", k->out);
  if (k->format == RENDER_JSON) fputs("]}", k->out);
  k->nsec++;
}

int render_finish(struct render_sink *k) {
  if (k->format == RENDER_TABLE && k->r->unmasked) fputs("\n(personal data unmasked: --unmasked)\n", k->out);
  if (k->format == RENDER_JSON) fputs("\n]\n", k->out);
  if (k->format == RENDER_MD && k->r->unmasked) fputs("\n*Personal data unmasked (--unmasked).*\n", k->out);
  return ferror(k->out);
}

int render_section(struct render_sink *k, const struct report_section *s) {
  int *w = 0, *numeric = 0;
  if (k->format == RENDER_TABLE || k->format == RENDER_MD) {
    w = column_widths(s);
    numeric = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(s->ncol ? s->ncol : 1));
    if (!w || !numeric) {
      sqlite3_free(w);
      sqlite3_free(numeric);
      return 1;
    }
    for (int c = 0; c < s->ncol; c++) numeric[c] = report_numeric_column(s, c);
  }
  render_section_start(k, s->title, s->chart, s->ncol, s->cols, w, numeric);
  for (int r = 0; r < s->nrow; r++) render_row(k, REPORT_CELL(s, r, 0));
  render_section_end(k);
  sqlite3_free(w);
  sqlite3_free(numeric);
  return 0;
}

/* The whole report R in FORMAT. */
static int render_whole(FILE *out, int format, const struct report *r) {
  struct render_sink k;
  render_start(&k, out, format, r);
  k.csv_titles = r->nsec > 1;
  for (int i = 0; i < r->nsec; i++)
    if (render_section(&k, &r->secs[i])) return 1;
  return render_finish(&k);
}

int render_table(FILE *out, const struct report *r) { return render_whole(out, RENDER_TABLE, r); }
int render_csv(FILE *out, const struct report *r) { return render_whole(out, RENDER_CSV, r); }
int render_json(FILE *out, const struct report *r) { return render_whole(out, RENDER_JSON, r); }
int render_md(FILE *out, const struct report *r) { return render_whole(out, RENDER_MD, r); }
