/*
** html.c — a report as one self-contained HTML page: no network, no
** JavaScript, inline CSS, and an inline SVG chart for each section with a
** `-- chart:` line (bar, pie, line, calendar).  Every piece of text from
** the database is HTML-escaped.  The footer says whether personal data was
** shown unmasked.  The `-- chart:` specs are parsed here too (chart_parse),
** as only the page draws them; report.c checks them before it renders.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h" /* MULING_VERSION, mu_date_parse, mu_civil_from_days */
#include "report.h"

#define FONTS \
  "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", " \
  "\"Microsoft YaHei\", \"PingFang SC\", sans-serif"

/* ---- chart specs -------------------------------------------------------- */

static int find_column(const struct report_section *s, const char *name, int n) {
  for (int c = 0; c < s->ncol; c++)
    if ((int)strlen(s->cols[c]) == n && sqlite3_strnicmp(s->cols[c], name, n) == 0)
      return c;
  return -1;
}

/* The first column after `after` whose cells are numbers. */
static int first_numeric(const struct report_section *s, int after) {
  for (int c = after + 1; c < s->ncol; c++) {
    int numeric = s->nrow > 0;
    for (int r = 0; r < s->nrow && numeric; r++) {
      const struct report_cell *cell = REPORT_CELL(s, r, c);
      numeric = report_is_number(cell) || cell->type == SQLITE_NULL;
    }
    if (numeric) return c;
  }
  return -1;
}

/* The first column whose name says date, or whose first value is one. */
static int first_date(const struct report_section *s) {
  for (int c = 0; c < s->ncol; c++)
    if (strstr(s->cols[c], "date") || strcmp(s->cols[c], "day") == 0) return c;
  for (int c = 0; c < s->ncol && s->nrow > 0; c++) {
    const char *z = REPORT_CELL(s, 0, c)->text;
    if (z && strlen(z) == 10 && z[4] == '-' && z[7] == '-') return c;
  }
  return -1;
}

static int parse_option(const struct report_section *s, struct chart_spec *spec,
                        const char *tok, int n, char **err) {
  const char *eq = memchr(tok, '=', (size_t)n);
  if (!eq) {
    *err = sqlite3_mprintf("chart option '%.*s' is not key=value", n, tok);
    return 1;
  }
  int klen = (int)(eq - tok), col = find_column(s, eq + 1, n - klen - 1);
  int *slot = klen == 5 && strncmp(tok, "label", 5) == 0   ? &spec->label
              : klen == 5 && strncmp(tok, "value", 5) == 0 ? &spec->value
              : klen == 4 && strncmp(tok, "date", 4) == 0  ? &spec->date
                                                           : 0;
  if (!slot) {
    *err = sqlite3_mprintf("unknown chart option '%.*s'", klen, tok);
    return 1;
  }
  if (col < 0) {
    *err = sqlite3_mprintf("chart: no column '%.*s' in the section", n - klen - 1, eq + 1);
    return 1;
  }
  *slot = col;
  return 0;
}

int chart_parse(const struct report_section *s, struct chart_spec *spec, char **err) {
  memset(spec, 0, sizeof(*spec));
  spec->label = spec->value = spec->date = -1;
  const char *p = s->chart;
  int first = 1;
  while (*p) {
    while (*p == ' ' || *p == '\t') p++;
    if (!*p) break;
    int n = (int)strcspn(p, " \t");
    if (first) {
      if (n >= (int)sizeof(spec->type) ||
          !((n == 3 && strncmp(p, "bar", 3) == 0) || (n == 3 && strncmp(p, "pie", 3) == 0) ||
            (n == 4 && strncmp(p, "line", 4) == 0) || (n == 8 && strncmp(p, "calendar", 8) == 0))) {
        *err = sqlite3_mprintf("unknown chart type '%.*s' (bar, pie, line or calendar)", n, p);
        return 1;
      }
      memcpy(spec->type, p, (size_t)n);
      spec->type[n] = 0;
      first = 0;
    } else if (parse_option(s, spec, p, n, err)) {
      return 1;
    }
    p += n;
  }
  if (first) {
    *err = sqlite3_mprintf("chart: no type given");
    return 1;
  }
  if (strcmp(spec->type, "calendar") == 0) {
    if (spec->date < 0) spec->date = first_date(s);
    if (spec->date < 0) {
      *err = sqlite3_mprintf("calendar chart: no date column");
      return 1;
    }
    return 0;
  }
  if (spec->label < 0) spec->label = 0;
  if (spec->value < 0) spec->value = first_numeric(s, spec->label);
  if (spec->value < 0 && s->nrow > 0) {
    *err = sqlite3_mprintf("%s chart: no numeric column for the values", spec->type);
    return 1;
  }
  return 0;
}

/* Thirteen colours far apart in hue and lightness: the 13 groups of a
** community's composition (seed 000) each get their own. */
static const char *const palette[] = {
    "#c0392b", "#2e86c1", "#d4ac0d", "#28b463", "#8e44ad", "#e67e22", "#17a589",
    "#7f8c8d", "#f1948a", "#1b2631", "#85c1e9", "#784212", "#82e0aa",
};
#define N_PALETTE (sizeof(palette) / sizeof(palette[0]))

/* ---- escaping ----------------------------------------------------------- */

static void esc(FILE *out, const char *z) {
  for (; z && *z; z++) {
    switch (*z) {
      case '&': fputs("&amp;", out); break;
      case '<': fputs("&lt;", out); break;
      case '>': fputs("&gt;", out); break;
      case '"': fputs("&quot;", out); break;
      case '\'': fputs("&#39;", out); break;
      default: fputc(*z, out);
    }
  }
}

/* Escape at most `width` display columns of z, with an ellipsis if cut. */
static void esc_cut(FILE *out, const char *z, int width) {
  if (!z) return;
  if (cli_display_width(z) <= width) {
    esc(out, z);
    return;
  }
  int w = 0;
  const char *p = z;
  while (*p) {
    int len = 1;
    while ((p[len] & 0xC0) == 0x80) len++;
    char ch[8] = {0};
    memcpy(ch, p, (size_t)(len < 7 ? len : 7));
    int cw = cli_display_width(ch);
    if (w + cw > width - 1) break;
    w += cw;
    for (int i = 0; i < len; i++) {
      char one[2] = {p[i], 0};
      esc(out, one);
    }
    p += len;
  }
  fputs("…", out);
}

static double cell_number(const struct report_cell *c) {
  return c->text && c->type != SQLITE_NULL ? strtod(c->text, 0) : 0.0;
}

/* A number for an SVG attribute (always with a '.' decimal point). */
static void num(FILE *out, double v) {
  char buf[64];
  sqlite3_snprintf(sizeof buf, buf, "%.1f", v);
  fputs(buf, out);
}

/* ---- bar chart ---------------------------------------------------------- */

static int label_width(const struct report_section *s, int col) {
  int w = 0;
  for (int r = 0; r < s->nrow; r++) {
    int cw = cli_display_width(REPORT_CELL(s, r, col)->text);
    if (cw > w) w = cw;
  }
  w = w * 7 + 12;
  return w < 60 ? 60 : w > 240 ? 240 : w;
}

static void svg_open(FILE *out, int width, int height, const char *title) {
  fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" "
          "height=\"%d\" viewBox=\"0 0 %d %d\"><title>", width, height, width, height);
  esc(out, title);
  fputs("</title>\n", out);
}

static void bar_chart(FILE *out, const struct report_section *s, const struct chart_spec *c) {
  int lw = label_width(s, c->label), width = 760, row = 26;
  int barw = width - lw - 90, height = 16 + s->nrow * row;
  double max = 0;
  for (int r = 0; r < s->nrow; r++) {
    double v = cell_number(REPORT_CELL(s, r, c->value));
    if (v > max) max = v;
  }
  svg_open(out, width, height, s->title);
  for (int r = 0; r < s->nrow; r++) {
    const struct report_cell *label = REPORT_CELL(s, r, c->label);
    const struct report_cell *value = REPORT_CELL(s, r, c->value);
    double v = cell_number(value), bw = max > 0 && v > 0 ? v / max * barw : 0;
    int y = 8 + r * row;
    fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", lw - 8, y + 14);
    esc_cut(out, label->text, (lw - 12) / 7);
    fprintf(out, "</text><rect x=\"%d\" y=\"%d\" width=\"", lw, y);
    num(out, bw);
    fprintf(out, "\" height=\"18\" rx=\"2\" fill=\"%s\"/>", palette[r % N_PALETTE]);
    fputs("<text class=\"v\" x=\"", out);
    num(out, lw + bw + 6);
    fprintf(out, "\" y=\"%d\">", y + 14);
    esc(out, value->text);
    fputs("</text>\n", out);
  }
  fputs("</svg>\n", out);
}

/* ---- pie chart ---------------------------------------------------------- */

static void pie_slice(FILE *out, double a0, double a1, const char *color) {
  const double cx = 150, cy = 150, rad = 120;
  fputs("<path d=\"M150,150 L", out);
  num(out, cx + rad * cos(a0));
  fputc(',', out);
  num(out, cy + rad * sin(a0));
  fprintf(out, " A120,120 0 %d 1 ", a1 - a0 > M_PI ? 1 : 0);
  num(out, cx + rad * cos(a1));
  fputc(',', out);
  num(out, cy + rad * sin(a1));
  fprintf(out, " Z\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1\"/>\n", color);
}

static void pie_chart(FILE *out, const struct report_section *s, const struct chart_spec *c) {
  double total = 0;
  int slices = 0;
  for (int r = 0; r < s->nrow; r++) {
    double v = cell_number(REPORT_CELL(s, r, c->value));
    if (v > 0) total += v, slices++;
  }
  int height = 30 + s->nrow * 22;
  if (height < 310) height = 310;
  svg_open(out, 760, height, s->title);
  double a = -M_PI / 2;
  for (int r = 0; r < s->nrow && total > 0; r++) {
    double v = cell_number(REPORT_CELL(s, r, c->value));
    if (v <= 0) continue;
    const char *color = palette[r % N_PALETTE];
    if (slices == 1)
      fprintf(out, "<circle cx=\"150\" cy=\"150\" r=\"120\" fill=\"%s\"/>\n", color);
    else
      pie_slice(out, a, a + v / total * 2 * M_PI, color);
    a += v / total * 2 * M_PI;
  }
  for (int r = 0; r < s->nrow; r++) {
    const struct report_cell *value = REPORT_CELL(s, r, c->value);
    double v = cell_number(value);
    int y = 20 + r * 22;
    fprintf(out, "<rect x=\"310\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>", y,
            palette[r % N_PALETTE]);
    fprintf(out, "<text x=\"332\" y=\"%d\">", y + 12);
    esc_cut(out, REPORT_CELL(s, r, c->label)->text, 28);
    fprintf(out, "</text><text class=\"v\" x=\"600\" y=\"%d\" text-anchor=\"end\">", y + 12);
    esc(out, value->text);
    fprintf(out, "</text><text class=\"p\" x=\"670\" y=\"%d\" text-anchor=\"end\">", y + 12);
    if (total > 0 && v > 0) {
      char pct[32];
      sqlite3_snprintf(sizeof pct, pct, "%.1f%%", v / total * 100);
      fputs(pct, out);
    }
    fputs("</text>\n", out);
  }
  fputs("</svg>\n", out);
}

/* ---- line chart --------------------------------------------------------- */

/* A round step (1, 2 or 5 times a power of ten) for about four gridlines
** over span. */
static double nice_step(double span) {
  double raw = span / 4, mag = pow(10, floor(log10(raw))), f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* A label's box as the browser will draw it, estimated: 0.6 em a display
** column (a CJK character, two columns, gets 1.2 em: more than it takes),
** from 0.8 em above the baseline to 0.2 em below.  anchor: -1 end,
** 0 middle, 1 start.  Labels are placed so that no two boxes meet. */
struct box {
  double x0, y0, x1, y1;
};

static struct box text_box(int cols, double x, double y, double size, int anchor) {
  double w = 0.6 * size * cols;
  double x0 = anchor < 0 ? x - w : anchor == 0 ? x - w / 2 : x;
  return (struct box){x0, y - 0.8 * size, x0 + w, y + 0.2 * size};
}

static int box_free(const struct box *b, const struct box *placed, int n, double width) {
  if (b->x0 < 0 || b->x1 > width) return 0;
  for (int i = 0; i < n; i++)
    if (b->x0 < placed[i].x1 && placed[i].x0 < b->x1 && b->y0 < placed[i].y1 && placed[i].y0 < b->y1)
      return 0;
  return 1;
}

/* An axis label of COLS columns at x, moved in so that it stays on the chart. */
static double keep_inside(int cols, double x, double width) {
  double half = 0.6 * 12 * cols / 2;
  return x - half < 0 ? half : x + half > width ? width - half : x;
}

/* Returns 0, or 1 when out of memory. */
static int line_chart(FILE *out, const struct report_section *s, const struct chart_spec *c) {
  const int width = 760, height = 300, left = 56, right = 24, top = 24, bottom = 56;
  double max = 0, min = 0;
  for (int r = 0; r < s->nrow; r++) {
    double v = cell_number(REPORT_CELL(s, r, c->value));
    if (v > max) max = v;
    if (v < min) min = v;
  }
  if (max == min) max = min + 1;
  double step = nice_step(max - min);
  min = floor(min / step) * step;
  max = ceil(max / step) * step;
  double plotw = width - left - right, ploth = height - top - bottom;
  /* every label placed so far: gridlines, the axis, the values */
  int nplaced = 0, cap = 2 * s->nrow + 16;
  struct box *placed = sqlite3_malloc64(sizeof(*placed) * (sqlite3_uint64)cap);
  if (!placed) return 1;
  svg_open(out, width, height, s->title);
  for (double gv = min; gv <= max + step / 2 && nplaced < cap - 2 * s->nrow; gv += step) {
    double y = top + ploth - (gv - min) / (max - min) * ploth;
    char lab[64];
    sqlite3_snprintf(sizeof lab, lab, "%.6g", fabs(gv) < step / 1e6 ? 0.0 : gv);
    placed[nplaced++] = text_box(cli_display_width(lab), left - 6, y + 4, 12, -1);
    fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"", left, width - right);
    num(out, y);
    fputs("\" y2=\"", out);
    num(out, y);
    fprintf(out, "\" stroke=\"#e4e7eb\"/><text class=\"axis\" x=\"%d\" y=\"", left - 6);
    num(out, y + 4);
    fprintf(out, "\" text-anchor=\"end\">%s</text>\n", lab);
  }
  /* axis labels (cut to 12 columns) every `every` points, so far apart
  ** that the widest fits between two */
  double dx = s->nrow > 1 ? plotw / (s->nrow - 1) : plotw, widest = 0;
  for (int r = 0; r < s->nrow; r++) {
    int w = cli_display_width(REPORT_CELL(s, r, c->label)->text);
    if ((w > 12 ? 12 : w) * 0.6 * 12 > widest) widest = (w > 12 ? 12 : w) * 0.6 * 12;
  }
  int every = 1;
  while (every < s->nrow && every * dx < widest + 8) every++;
  fputs("<polyline fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" points=\"", out);
  for (int r = 0; r < s->nrow; r++) {
    double x = s->nrow > 1 ? left + plotw * r / (s->nrow - 1) : left + plotw / 2;
    double y = top + ploth - (cell_number(REPORT_CELL(s, r, c->value)) - min) / (max - min) * ploth;
    num(out, x);
    fputc(',', out);
    num(out, y);
    fputc(' ', out);
  }
  fputs("\"/>\n", out);
  for (int r = 0; r < s->nrow; r += every) {
    const char *label = REPORT_CELL(s, r, c->label)->text;
    double x = s->nrow > 1 ? left + plotw * r / (s->nrow - 1) : left + plotw / 2;
    int cols = cli_display_width(label) > 12 ? 12 : cli_display_width(label); /* esc_cut's */
    x = keep_inside(cols, x, width);
    placed[nplaced++] = text_box(cols, x, height - bottom + 20, 12, 0);
    fputs("<text class=\"axis\" text-anchor=\"middle\" x=\"", out);
    num(out, x);
    fprintf(out, "\" y=\"%d\">", height - bottom + 20);
    esc_cut(out, label, 12);
    fputs("</text>\n", out);
  }
  /* the values: above the point, else below it, else only in the point's
  ** tooltip and the table (a crowded line keeps the labels that fit) */
  for (int r = 0; r < s->nrow; r++) {
    const struct report_cell *value = REPORT_CELL(s, r, c->value);
    double x = s->nrow > 1 ? left + plotw * r / (s->nrow - 1) : left + plotw / 2;
    double y = top + ploth - (cell_number(value) - min) / (max - min) * ploth;
    fputs("<circle r=\"3.5\" fill=\"#c0392b\" cx=\"", out);
    num(out, x);
    fputs("\" cy=\"", out);
    num(out, y);
    fputs("\"><title>", out);
    esc(out, REPORT_CELL(s, r, c->label)->text);
    fputs(": ", out);
    esc(out, value->text);
    fputs("</title></circle>", out);
    int cols = cli_display_width(value->text);
    struct box above = text_box(cols, x, y - 8, 12, 0), below = text_box(cols, x, y + 18, 12, 0);
    const struct box *b = box_free(&above, placed, nplaced, width)   ? &above
                          : box_free(&below, placed, nplaced, width) ? &below
                                                                     : 0;
    if (b) {
      placed[nplaced++] = *b;
      fputs("<text class=\"v\" text-anchor=\"middle\" x=\"", out);
      num(out, x);
      fputs("\" y=\"", out);
      num(out, b == &above ? y - 8 : y + 18);
      fputs("\">", out);
      esc(out, value->text);
      fputs("</text>", out);
    }
    fputc('\n', out);
  }
  sqlite3_free(placed);
  fputs("</svg>\n", out);
  return 0;
}

/* ---- calendar ----------------------------------------------------------- */

/* Day number of the cell's date, or INT32_MIN if it is not one. */
static int cell_day(const struct report_cell *c) {
  int d;
  if (!c->text || mu_date_parse(c->text, (int)strlen(c->text), &d)) return INT32_MIN;
  return d;
}

static int weekday(int day) { /* 0 = Monday; day 0 (1970-01-01) was a Thursday */
  return ((day + 3) % 7 + 7) % 7;
}

/* What a calendar day shows: for each of its rows, the label column, or
** else every non-empty column but the date, one line each (a rota row of
** slot columns becomes the people on duty, one per line).  The cell text
** of item k of row r, or NULL. */
static const char *row_item(const struct report_section *s, const struct chart_spec *c, int r,
                            int k) {
  if (c->label >= 0) return k == 0 ? REPORT_CELL(s, r, c->label)->text : 0;
  for (int col = 0; col < s->ncol; col++) {
    const char *z = REPORT_CELL(s, r, col)->text;
    if (col == c->date || !z || !*z) continue;
    if (k-- == 0) return z;
  }
  return 0;
}

static int day_items(const struct report_section *s, const struct chart_spec *c, int day) {
  int n = 0;
  for (int r = 0; r < s->nrow; r++) {
    if (cell_day(REPORT_CELL(s, r, c->date)) != day) continue;
    for (int k = 0; row_item(s, c, r, k); k++) n++;
  }
  return n;
}

/* Lines per cell: the busiest day's items in [first, last], at most 8. */
static int busiest(const struct report_section *s, const struct chart_spec *c, int first, int last) {
  int most = 1;
  for (int d = first; d <= last; d++) {
    int n = day_items(s, c, d);
    if (n > most) most = n;
  }
  return most > 8 ? 8 : most;
}

static void day_cell(FILE *out, const struct report_section *s, const struct chart_spec *c,
                     int day, int x, int y, int lines) {
  int n = day_items(s, c, day), shown = 0;
  for (int r = 0; r < s->nrow && shown < n; r++) {
    if (cell_day(REPORT_CELL(s, r, c->date)) != day) continue;
    for (int k = 0; row_item(s, c, r, k); k++) {
      int ty = y + 28 + shown * 14;
      if (shown == lines - 1 && n > lines) {
        fprintf(out, "<text class=\"e\" x=\"%d\" y=\"%d\">+%d</text>", x + 4, ty, n - shown);
        return;
      }
      /* the full name, squeezed into the cell when it is long (a name
      ** cut short is a different person on a printed rota) */
      const char *item = row_item(s, c, r, k);
      if (cli_display_width(item) > 15)
        fprintf(out, "<text class=\"e\" x=\"%d\" y=\"%d\" textLength=\"94\" lengthAdjust=\"spacingAndGlyphs\">",
                x + 4, ty);
      else
        fprintf(out, "<text class=\"e\" x=\"%d\" y=\"%d\">", x + 4, ty);
      esc(out, item);
      fputs("</text>", out);
      shown++;
    }
  }
}

/* One month's grid at vertical offset y0; returns its height. */
static int calendar_month(FILE *out, const struct report_section *s, const struct chart_spec *c,
                          int year, int month, int y0, int measure) {
  static const char *const wd[] = {"一", "二", "三", "四", "五", "六", "日"};
  const int cellw = 104;
  int first = mu_days_from_civil(year, month, 1);
  int next = month == 12 ? mu_days_from_civil(year + 1, 1, 1) : mu_days_from_civil(year, month + 1, 1);
  int lines = busiest(s, c, first, next - 1), cellh = 22 + lines * 14;
  int weeks = (weekday(first) + (next - first) + 6) / 7;
  int height = 44 + weeks * cellh + 12;
  if (measure) return height;
  fprintf(out, "<text class=\"month\" x=\"0\" y=\"%d\">%d年%d月</text>\n", y0 + 16, year, month);
  for (int i = 0; i < 7; i++)
    fprintf(out, "<text class=\"axis\" x=\"%d\" y=\"%d\">%s</text>", i * cellw + 4, y0 + 38, wd[i]);
  fputc('\n', out);
  for (int d = first; d < next; d++) {
    int idx = weekday(first) + (d - first), x = (idx % 7) * cellw, y = y0 + 44 + (idx / 7) * cellh;
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#d9e2ec\"/>",
            x, y, cellw - 2, cellh - 2, day_items(s, c, d) ? "#fdf2e9" : "#ffffff");
    fprintf(out, "<text class=\"day\" x=\"%d\" y=\"%d\">%d</text>", x + 4, y + 13, d - first + 1);
    day_cell(out, s, c, d, x, y, lines);
    fputc('\n', out);
  }
  return height;
}

static void calendar_chart(FILE *out, const struct report_section *s, const struct chart_spec *c) {
  int lo = INT32_MAX, hi = INT32_MIN;
  for (int r = 0; r < s->nrow; r++) {
    int d = cell_day(REPORT_CELL(s, r, c->date));
    if (d == INT32_MIN) continue;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (lo > hi) {
    svg_open(out, 728, 30, s->title);
    fputs("<text x=\"0\" y=\"20\">(no dates)</text></svg>\n", out);
    return;
  }
  int y1, m1, d1, y2, m2, d2;
  mu_civil_from_days(lo, &y1, &m1, &d1);
  mu_civil_from_days(hi, &y2, &m2, &d2);
  int height = 0;
  for (int y = y1, m = m1; y < y2 || (y == y2 && m <= m2); m == 12 ? (y++, m = 1) : m++)
    height += calendar_month(out, s, c, y, m, 0, 1);
  svg_open(out, 728, height, s->title);
  int y0 = 0;
  for (int y = y1, m = m1; y < y2 || (y == y2 && m <= m2); m == 12 ? (y++, m = 1) : m++)
    y0 += calendar_month(out, s, c, y, m, y0, 0);
  fputs("</svg>\n", out);
}

/* ---- the page ----------------------------------------------------------- */

static const char css[] =
    ":root{color-scheme:light}\n"
    "body{margin:0;background:#f4f5f7;color:#1f2933;font-family:" FONTS ";line-height:1.5}\n"
    "header{background:#a61b1b;color:#fff;padding:28px 40px 22px}\n"
    "header h1{margin:0;font-size:26px;font-weight:600}\n"
    "header p{margin:6px 0 0;opacity:.85;font-size:14px}\n"
    "main{max-width:1320px;margin:0 auto;padding:24px 20px}\n"
    "section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);"
    "padding:18px 24px;margin:0 0 22px}\n"
    /* a wide table scrolls in its own box; its first column stays put */
    ".scroll{overflow-x:auto;max-width:100%}\n"
    "th:first-child,td:first-child{position:sticky;left:0;z-index:1;background:#fff;"
    "box-shadow:inset -1px 0 0 #d9dde3}\n"
    "th:first-child{background:#f0f2f5}\n"
    /* a narrow window: less padding, so the key columns fit beside the first */
    "@media (max-width:900px){main{padding:12px 8px}section{padding:12px 12px}"
    "th,td{padding:4px 6px}header{padding:18px 20px 14px}}\n"
    "h2{margin:0 0 12px;font-size:19px;font-weight:600;border-left:4px solid #a61b1b;padding-left:10px}\n"
    "table{border-collapse:collapse;font-size:14px;min-width:50%}\n"
    "th{background:#f0f2f5;text-align:left;padding:6px 12px;border-bottom:2px solid #d9dde3;white-space:nowrap}\n"
    "td{padding:4px 12px;border-bottom:1px solid #eceff3;vertical-align:top;white-space:nowrap}\n"
    "td.long{white-space:normal;min-width:18em}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.null{color:#9aa5b1}\n"
    "tbody tr:nth-child(even) td{background:#fafbfc}\n"
    "figure{margin:0 0 14px}\n"
    "svg{max-width:100%;height:auto}\n"
    "svg text{font-family:" FONTS ";font-size:12px;fill:#1f2933}\n"
    "svg text.v{font-weight:600}svg text.p,svg text.axis{fill:#52606d}\n"
    "svg text.month{font-size:15px;font-weight:600}svg text.day{fill:#52606d;font-size:11px}\n"
    "svg text.e{font-size:10.5px}\n"
    "details summary{cursor:pointer;color:#52606d;font-size:14px;margin:4px 0}\n"
    "p.empty{color:#52606d}\n"
    "footer{text-align:center;color:#616e7c;font-size:12.5px;padding:8px 20px 28px}\n"
    "footer .unmasked{color:#a61b1b;font-weight:700}\n"
    /* Paper: every column on the page (landscape, text wraps, smaller
    ** type), the header row repeated on each page, no scrollbar to hide a
    ** column behind. */
    "@page{size:A4 landscape;margin:12mm}\n"
    "@media print{body{background:#fff;font-size:11px}main{max-width:none;padding:0}"
    "section{box-shadow:none;overflow:visible;padding:6px 0;break-inside:auto}"
    ".scroll{overflow:visible}th:first-child,td:first-child{position:static;box-shadow:none}"
    "table{width:100%;font-size:10.5px;min-width:0}th,td{white-space:normal;padding:2px 4px}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    "header{background:#fff;color:#000;border-bottom:3px solid #a61b1b;padding:0 0 8px}}\n";

static void html_cell(FILE *out, const struct report_cell *cell, int numeric_column) {
  int right = report_is_number(cell) || (cell->type != SQLITE_NULL && numeric_column);
  /* short text stays on one line (a squeezed column would break CJK text
  ** after every character); long text wraps */
  int long_text = cell->text && cli_display_width(cell->text) > 24;
  fputs(right                         ? "<td class=\"n\">"
        : cell->type == SQLITE_NULL ? "<td class=\"null\">"
        : long_text                 ? "<td class=\"long\">"
                                    : "<td>",
        out);
  esc(out, cell->text);
  fputs("</td>", out);
}

int html_column_order(const struct report_section *s, int *order, char **err) {
  int n = 0;
  if (s->ncol > 0) order[n++] = 0;
  for (const char *p = s->keys; p && *p;) {
    while (*p == ' ' || *p == '\t') p++;
    int len = (int)strcspn(p, " \t");
    if (len == 0) break;
    int c = find_column(s, p, len);
    if (c < 0) {
      *err = sqlite3_mprintf("key-columns: no column '%.*s' in the section", len, p);
      return 1;
    }
    int seen = 0;
    for (int i = 0; i < n; i++) seen |= order[i] == c;
    if (!seen) order[n++] = c;
    p += len;
  }
  for (int c = 1; c < s->ncol; c++) {
    int seen = 0;
    for (int i = 0; i < n; i++) seen |= order[i] == c;
    if (!seen) order[n++] = c;
  }
  return 0;
}

/* A table in its own scrolling box, so a wide one scrolls there and the
** page does not; its first column stays in view (sticky) and the
** section's key columns follow it (html_column_order), so the columns a
** reader looks for are never behind the scrollbar.  Returns 0, or 1 when
** out of memory (or a bad -- key-columns:, which report.c checked). */
static int html_table(FILE *out, const struct report_section *s) {
  if (s->nrow == 0) {
    fputs("<p class=\"empty\">无数据 No rows</p>\n", out);
    return 0;
  }
  int *numeric = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)s->ncol * 2);
  if (!numeric) return 1;
  int *order = numeric + s->ncol;
  char *err = 0;
  if (html_column_order(s, order, &err)) {
    sqlite3_free(err);
    sqlite3_free(numeric);
    return 1;
  }
  fputs("<div class=\"scroll\"><table>\n<thead><tr>", out);
  for (int i = 0; i < s->ncol; i++) {
    int c = order[i];
    numeric[c] = report_numeric_column(s, c);
    fputs(numeric[c] ? "<th class=\"n\">" : "<th>", out);
    esc(out, s->cols[c]);
    fputs("</th>", out);
  }
  fputs("</tr></thead>\n<tbody>\n", out);
  for (int r = 0; r < s->nrow; r++) {
    fputs("<tr>", out);
    for (int i = 0; i < s->ncol; i++) html_cell(out, REPORT_CELL(s, r, order[i]), numeric[order[i]]);
    fputs("</tr>\n", out);
  }
  fputs("</tbody></table></div>\n", out);
  sqlite3_free(numeric);
  return 0;
}

static int html_chart(FILE *out, const struct report *r, const struct report_section *s) {
  struct chart_spec spec;
  char *err = 0;
  if (chart_parse(s, &spec, &err)) {
    cli_error("report %s, section %s: %s", r->name, CLI_STR(s->title),
              err ? err : "out of memory");
    sqlite3_free(err);
    return 1;
  }
  fputs("<figure>\n", out);
  if (s->nrow == 0) fputs("<p class=\"empty\">无数据 No data to chart</p>\n", out);
  else if (strcmp(spec.type, "bar") == 0) bar_chart(out, s, &spec);
  else if (strcmp(spec.type, "pie") == 0) pie_chart(out, s, &spec);
  else if (strcmp(spec.type, "line") == 0) {
    if (line_chart(out, s, &spec)) {
      cli_error("out of memory");
      return 1;
    }
  }
  else calendar_chart(out, s, &spec);
  fputs("</figure>\n", out);
  return 0;
}

static int html_section(FILE *out, const struct report *r, const struct report_section *s) {
  fputs("<section>\n", out);
  if (s->title) {
    fputs("<h2>", out);
    esc(out, s->title);
    fputs("</h2>\n", out);
  }
  if (s->chart && html_chart(out, r, s)) return 1;
  int fold = s->chart && s->nrow > 12;
  if (fold) fprintf(out, "<details><summary>表格 Table (%d rows)</summary>\n", s->nrow);
  if (html_table(out, s)) {
    cli_error("out of memory");
    return 1;
  }
  if (fold) fputs("</details>\n", out);
  fputs("</section>\n", out);
  return 0;
}

static void html_footer(FILE *out, const struct report *r) {
  char when[64] = "";
  time_t now = time(0);
  struct tm tm;
  if (localtime_r(&now, &tm)) strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
  fputs("<footer>muling " MULING_VERSION " · report ", out);
  esc(out, r->name);
  fputs(" · ", out);
  esc(out, r->database);
  fprintf(out, " · %s<br>\n", when);
  if (r->unmasked)
    fputs("<span class=\"unmasked\">未脱敏:本报告含完整个人信息 (--unmasked) — "
          "personal data shown unmasked</span>\n", out);
  else
    fputs("个人信息已脱敏 Personal data masked\n", out);
  fputs("</footer>\n", out);
}

int render_html(FILE *out, const struct report *r) {
  const char *title = r->title ? r->title : r->name;
  fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>", out);
  esc(out, title);
  fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header><h1>", css);
  esc(out, title);
  fputs("</h1><p>", out);
  esc(out, r->database);
  fputs("</p></header>\n<main>\n", out);
  for (int i = 0; i < r->nsec; i++)
    if (html_section(out, r, &r->secs[i])) return 1;
  fputs("</main>\n", out);
  html_footer(out, r);
  fputs("</body>\n</html>\n", out);
  return ferror(out);
}
