/*
** xlsx.c — muling report … --format xlsx -o FILE.xlsx, through libxlsxwriter.
**
** One worksheet per section, in order (the first is 范围 Scope: the
** report, the database and every parameter of the run), named after the
** section's title: Excel's forbidden []:*?/\ become _, the name is cut to
** Excel's 31 characters, and a name already taken gets " (2)", " (3)" …
** Each sheet: the column names in bold on a frozen first row; INTEGER and
** REAL cells as numbers (an integer past 15 digits as text, which Excel
** would round); text 'YYYY-MM-DD' as a date cell and 'YYYY-MM-DD HH:MM:SS'
** as a date-time cell (formatted so); other text as text; NULL empty.
** Column widths fit the widest value, CJK characters counting two (as the
** table format does), between 6 and 60.  The cells are the report's, so
** masking is as in every other format.  The workbook's title property is
** the report's title.
**
** libxlsxwriter allocates with malloc (no hook) and writes to a file by
** name; report.c hands it the temporary file it renames into place.
*/
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "report.h"

#define XLSX_NAME_MAX 31 /* characters in a sheet name */

/* Byte length of the first n UTF-8 characters of z. */
static size_t utf8_prefix(const char *z, int n) {
  const unsigned char *p = (const unsigned char *)z;
  while (*p && n > 0) {
    p++;
    while ((*p & 0xC0) == 0x80) p++;
    n--;
  }
  return (size_t)((const char *)p - z);
}

/* The sheet name for section i: sqlite3_malloc'd, NULL on OOM. */
static char *sheet_name(lxw_workbook *wb, const struct report_section *s, int i) {
  const char *title = s->title && *s->title ? s->title : 0;
  char *base = title ? sqlite3_mprintf("%s", title) : sqlite3_mprintf("Section %d", i + 1);
  if (!base) return 0;
  for (char *p = base; *p; p++)
    if (strchr("[]:*?/\\", *p)) *p = '_';
  /* Excel refuses a name that starts or ends with an apostrophe */
  if (base[0] == '\'') base[0] = '_';
  for (int k = 1;; k++) {
    char suffix[16] = "";
    if (k > 1) snprintf(suffix, sizeof suffix, " (%d)", k);
    int room = XLSX_NAME_MAX - (int)strlen(suffix);
    char *cand = sqlite3_mprintf("%.*s%s", (int)utf8_prefix(base, room), base, suffix);
    if (!cand) {
      sqlite3_free(base);
      return 0;
    }
    size_t n = strlen(cand);
    if (n && cand[n - 1] == '\'') cand[n - 1] = '_';
    if (workbook_validate_sheet_name(wb, cand) == LXW_NO_ERROR) {
      sqlite3_free(base);
      return cand;
    }
    sqlite3_free(cand);
    if (k > 1000) {
      sqlite3_free(base);
      return sqlite3_mprintf("Section %d", i + 1);
    }
  }
}

/* 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' naming a real moment: 1 date,
** 2 date-time, 0 neither. */
static int parse_moment(const char *z, lxw_datetime *dt) {
  int y, mo, d, h = 0, mi = 0, s = 0, n = 0;
  size_t len = strlen(z);
  if (len == 10) {
    if (sscanf(z, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) return 0;
  } else if (len == 19) {
    if (sscanf(z, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 || n != 19)
      return 0;
    if (h > 23 || mi > 59 || s > 59) return 0;
  } else {
    return 0;
  }
  for (int i = 0; i < (int)len; i++) {
    int digit = z[i] >= '0' && z[i] <= '9';
    int sep = i == 4 || i == 7 || i == 10 || i == 13 || i == 16;
    if (digit == sep) return 0;
  }
  /* Excel's dates start in 1900; a real calendar day only */
  if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1) return 0;
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[mo - 1] + (mo == 2 && leap)) return 0;
  /* Excel's 1900 system has a 1900-02-29 that never was: its serials
  ** before 1900-03-01 are off by one, so those dates stay text. */
  if (y == 1900 && mo < 3) return 0;
  dt->year = y, dt->month = mo, dt->day = d, dt->hour = h, dt->min = mi, dt->sec = s;
  return len == 10 ? 1 : 2;
}

/* Write one cell; LXW_NO_ERROR or the library's error. */
static lxw_error put_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                          const struct report_cell *c, lxw_format *date, lxw_format *datetime) {
  if (c->type == SQLITE_NULL || !c->text) return LXW_NO_ERROR;
  if (c->type == SQLITE_FLOAT) return worksheet_write_number(ws, row, col, strtod(c->text, 0), 0);
  if (c->type == SQLITE_INTEGER) {
    /* 15 digits are what Excel keeps; longer integers stay exact as text */
    const char *d = c->text + (c->text[0] == '-');
    if (strlen(d) <= 15) return worksheet_write_number(ws, row, col, strtod(c->text, 0), 0);
    return worksheet_write_string(ws, row, col, c->text, 0);
  }
  lxw_datetime dt;
  int kind = c->type == SQLITE_TEXT ? parse_moment(c->text, &dt) : 0;
  if (kind) return worksheet_write_datetime(ws, row, col, &dt, kind == 1 ? date : datetime);
  return worksheet_write_string(ws, row, col, c->text, 0);
}

/* Column c's width in Excel's character units: the widest value, CJK
** counting two, plus a margin; dates are 10 wide. */
static double column_width(const struct report_section *s, int c) {
  int w = cli_display_width(s->cols[c]);
  for (int r = 0; r < s->nrow; r++) {
    const struct report_cell *cell = REPORT_CELL(s, r, c);
    if (!cell->text) continue;
    int cw = cli_display_width(cell->text);
    if (cw > w) w = cw;
  }
  w += 2;
  if (w < 6) w = 6;
  if (w > 60) w = 60;
  return (double)w;
}

/* Write the report as a workbook at PATH.  0 on success; else -1, with
** *err (sqlite3_malloc'd, NULL on OOM) saying why. */
int render_xlsx(const char *path, const struct report *r, char **err) {
  *err = 0;
  lxw_workbook *wb = workbook_new(path);
  if (!wb) {
    *err = sqlite3_mprintf("libxlsxwriter could not start a workbook");
    return -1;
  }
  lxw_doc_properties props;
  memset(&props, 0, sizeof props);
  props.title = r->title ? r->title : (char *)r->name;
  props.subject = (char *)r->name;
  props.comments = "muling report";
  lxw_error e = workbook_set_properties(wb, &props);
  lxw_format *bold = workbook_add_format(wb);
  lxw_format *date = workbook_add_format(wb);
  lxw_format *datetime = workbook_add_format(wb);
  if (!bold || !date || !datetime) e = LXW_ERROR_MEMORY_MALLOC_FAILED;
  if (e == LXW_NO_ERROR) {
    format_set_bold(bold);
    format_set_num_format(date, "yyyy-mm-dd");
    format_set_num_format(datetime, "yyyy-mm-dd hh:mm:ss");
  }
  int nomem = 0;
  for (int i = 0; i < r->nsec && e == LXW_NO_ERROR && !nomem; i++) {
    const struct report_section *s = &r->secs[i];
    char *name = sheet_name(wb, s, i);
    if (!name) {
      nomem = 1;
      break;
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    sqlite3_free(name);
    if (!ws) {
      e = LXW_ERROR_MEMORY_MALLOC_FAILED;
      break;
    }
    if (s->nrow + 1 > LXW_ROW_MAX || s->ncol > LXW_COL_MAX) {
      *err = sqlite3_mprintf("section %s has %d rows and %d columns, more than a sheet holds "
                             "(1,048,576 rows, 16,384 columns)",
                             CLI_STR(s->title), s->nrow, s->ncol);
      workbook_close(wb);
      return -1;
    }
    for (int c = 0; c < s->ncol && e == LXW_NO_ERROR; c++) {
      e = worksheet_write_string(ws, 0, (lxw_col_t)c, s->cols[c], bold);
      if (e == LXW_NO_ERROR) e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, column_width(s, c), 0);
    }
    for (int row = 0; row < s->nrow && e == LXW_NO_ERROR; row++)
      for (int c = 0; c < s->ncol && e == LXW_NO_ERROR; c++)
        e = put_cell(ws, (lxw_row_t)(row + 1), (lxw_col_t)c, REPORT_CELL(s, row, c), date, datetime);
    worksheet_freeze_panes(ws, 1, 0);
  }
  lxw_error ce = workbook_close(wb); /* frees it, also after an error */
  if (nomem) return -1;
  if (e == LXW_NO_ERROR) e = ce;
  if (e == LXW_NO_ERROR) return 0;
  *err = sqlite3_mprintf("libxlsxwriter: %s", lxw_strerror(e));
  return -1;
}
