/*
** xlsxfile.c — read a sheet of an .xlsx (or .xls) workbook as a virtual table.
**
**   CREATE VIRTUAL TABLE temp.t USING xlsxfile(
**       filename = '导出.xlsx',      -- required; .xlsx (a zip) and .xls
**                                    -- (BIFF) are told apart by their first
**                                    -- bytes, not by the name
**       sheet    = 'Sheet1',         -- a sheet's name, or its number from 1
**                                    -- (default: the first sheet)
**       header   = yes,              -- yes|no: column names from the first row
**       range    = 'A1:M2001',       -- read only these cells (A1:M reads to
**                                    -- the end; the header is its first row)
**       schema   = 'CREATE TABLE x(a, b, c)',  -- declare the columns yourself
**       on_error = fail              -- fail | row
**   );
**   SELECT _line, _error, _raw, _offset, * FROM t;
**
** Every option is key=value, in any order; an unknown or repeated key is an
** error naming it.  Every value is TEXT, as a CSV export of the sheet would
** show it: strings as written (shared, inline, rich text without its
** phonetic runs), numbers with Excel's 15 significant digits
** (650106199001011234 kept as a number is 6.50106199001011E+17: its digits
** are gone, and `muling import` rejects it as id_scientific), dates —
** numbers whose cell style has a date format, in the 1900 or 1904 system —
** as YYYY-MM-DD (with HH:MM:SS when the format shows a time), booleans as
** TRUE/FALSE, error cells as #N/A etc.  An empty cell is ''.  Rows without
** any value are skipped.
**
** Hidden columns, as csvfile's:
**   _line    the sheet's row number (the header row's is usually 1)
**   _error   NULL, or why the row is bad (on_error=row only): a value right
**            of the header's last column
**   _raw     the row's values as one CSV line
**   _offset  .xlsx: the position in the file of the sheet's compressed
**            bytes read so far; .xls: the file's size × rows done / rows
**
** Reading: the zip directory through minizip, each entry's deflate stream
** through zlib (sqlite3_malloc'd), the XML through expat (sqlite3_malloc'd,
** streaming: the parser is suspended after each row, so a sheet of any size
** is read in constant memory; shared strings are held in memory).  An .xls
** goes through FreeXL, which reads the whole workbook at open.
**
** Limits (each a clean error naming the file and the entry):
**   an entry that unpacks to more than SQLITE_LIMIT_LENGTH bytes, or to more
**   than 100 bytes per packed byte past its first MiB (a zip bomb); an
**   encrypted entry or a method other than stored/deflate; a CRC mismatch;
**   a DTD in any XML part (no entity is ever expanded: billion laughs);
**   a cell reference past XFD1048576; a cell or row longer than the length
**   limit; anything that is not a regular file.
**
** Security: the table reads files, so it is DIRECTONLY: a view or trigger in
** a database someone else made cannot use it (see xlsxfileInit).
*/
#include "common.h"

#include <errno.h>
#include <expat.h>
#include <fcntl.h>
#include <freexl.h>
#include <math.h>
#include <minizip/unzip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#ifdef _WIN32
#include "win32.h"
#endif

#define XL_BUFSZ 65536          /* packed and unpacked chunk size */
#define XL_RATIO 100            /* unpacked bytes per packed byte, at most */
#define XL_RATIO_FLOOR 1048576  /* ... once this much has been unpacked */
#define XL_MAX_ROW 1048576      /* Excel's sheet: XFD1048576 */
#define XL_MAX_COL 16384

#define XL_COL_LINE 0
#define XL_COL_ERROR 1
#define XL_COL_RAW 2
#define XL_COL_OFFSET 3
#define XL_NHIDDEN 4

#define XL_FAIL (-2)

enum { XL_XLSX, XL_XLS };
/* What a cell style's number format makes of a number. */
enum { XF_NUMBER = 0, XF_DATE, XF_DATETIME, XF_TIME };
/* Which XML part a parser is reading. */
enum { M_WORKBOOK, M_RELS, M_STYLES, M_SST, M_SCAN, M_ROWS };

/* ------------------------------------------------------------------------
** Memory: zlib and expat allocate through SQLite.  minizip (its directory
** and handle) and FreeXL call malloc themselves and offer no hook.
*/
static voidpf xlZalloc(voidpf opaque, uInt items, uInt size) {
  (void)opaque;
  return sqlite3_malloc64((sqlite3_uint64)items * size);
}
static void xlZfree(voidpf opaque, voidpf p) {
  (void)opaque;
  sqlite3_free(p);
}
static void *xlMalloc(size_t n) { return sqlite3_malloc64(n); }
static void *xlRealloc(void *p, size_t n) { return sqlite3_realloc64(p, n); }
static void xlFree(void *p) { sqlite3_free(p); }
static const XML_Memory_Handling_Suite xlMem = {xlMalloc, xlRealloc, xlFree};

/* ------------------------------------------------------------------------
** A growable byte buffer
*/
typedef struct XlBuf {
  char *a;
  sqlite3_int64 n, nAlloc;
} XlBuf;

static int xlGrow(void **pa, sqlite3_int64 *pAlloc, sqlite3_int64 need,
                  size_t sz) {
  if (need <= *pAlloc) return SQLITE_OK;
  sqlite3_int64 n = *pAlloc ? *pAlloc * 2 : 64;
  while (n < need) n *= 2;
  void *a = sqlite3_realloc64(*pa, (sqlite3_uint64)n * sz);
  if (a == 0) return SQLITE_NOMEM;
  *pa = a;
  *pAlloc = n;
  return SQLITE_OK;
}

static int xlBufAdd(XlBuf *b, const char *z, sqlite3_int64 n) {
  if (xlGrow((void **)&b->a, &b->nAlloc, b->n + n + 1, 1)) return SQLITE_NOMEM;
  memcpy(b->a + b->n, z, (size_t)n);
  b->n += n;
  b->a[b->n] = 0;
  return SQLITE_OK;
}

/* ------------------------------------------------------------------------
** One row as read: its number and its non-empty cells.
*/
typedef struct XlCell {
  int col;                 /* 0-based */
  sqlite3_int64 off, n;    /* in XlRow.txt */
} XlCell;

typedef struct XlRow {
  int row;                 /* 1-based sheet row */
  XlCell *aCell;
  sqlite3_int64 nCell, nCellAlloc;
  XlBuf txt;
} XlRow;

/* A merged range: 1-based rows, 0-based columns, inclusive. */
typedef struct XlMerge {
  int r0, c0, r1, c1;
} XlMerge;

/* ------------------------------------------------------------------------
** The workbook: the open file and what every sheet shares.
*/
typedef struct XlBook {
  const char *zFile;       /* borrowed */
  sqlite3_int64 limit;     /* SQLITE_LIMIT_LENGTH */
  int kind;                /* XL_XLSX or XL_XLS */
  int fd;
  sqlite3_int64 fileSize;
  unzFile uz;
  const void *xls;         /* FreeXL handle */
  int date1904;
  int nSheet;
  char **azSheet;          /* names */
  char **azRel;            /* .xlsx: r:id of each sheet */
  char *zSheetPath;        /* .xlsx: the chosen sheet's entry */
  int iSheet;              /* the chosen sheet, 0-based */
  /* relationships of the workbook: id -> target */
  char **azRelId, **azRelTarget;
  sqlite3_int64 nRel, nRelAlloc;
  /* styles */
  unsigned char *aXf;      /* XF_* per cell style */
  sqlite3_int64 nXf, nXfAlloc;
  int *aFmtId;             /* custom number formats: id and kind */
  unsigned char *aFmtKind;
  sqlite3_int64 nFmt, nFmtAlloc, nFmtKindAlloc;
  /* shared strings */
  XlBuf sst;
  sqlite3_int64 *aSstOff;  /* string i is sst.a[aSstOff[i] .. aSstOff[i+1]) */
  sqlite3_int64 nSst, nSstAlloc;
  /* a fatal error */
  int rc;
  char *zErr;
} XlBook;

static int xlFatal(XlBook *b, int rc, const char *fmt, ...) {
  if (b->rc) return XL_FAIL; /* keep the first */
  b->rc = rc;
  if (rc == SQLITE_NOMEM || fmt == 0) return XL_FAIL;
  va_list ap;
  va_start(ap, fmt);
  b->zErr = sqlite3_vmprintf(fmt, ap);
  va_end(ap);
  if (b->zErr == 0) b->rc = SQLITE_NOMEM;
  return XL_FAIL;
}
#define xlNomem(b) xlFatal((b), SQLITE_NOMEM, 0)

/* minizip reads through these, over the descriptor the book opened (so the
** file checked to be a regular file is the file read). */
static voidpf xlIoOpen(voidpf opaque, const void *name, int mode) {
  (void)name, (void)mode;
  return opaque;
}
static uLong xlIoRead(voidpf opaque, voidpf stream, void *buf, uLong size) {
  XlBook *b = stream;
  (void)opaque;
  uLong done = 0;
  while (done < size) {
    ssize_t n = read(b->fd, (char *)buf + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += (uLong)n;
  }
  return done;
}
static uLong xlIoWrite(voidpf opaque, voidpf stream, const void *buf,
                       uLong size) {
  (void)opaque, (void)stream, (void)buf, (void)size;
  return 0;
}
static ZPOS64_T xlIoTell(voidpf opaque, voidpf stream) {
  (void)opaque;
  off_t o = lseek(((XlBook *)stream)->fd, 0, SEEK_CUR);
  return o < 0 ? (ZPOS64_T)-1 : (ZPOS64_T)o;
}
static long xlIoSeek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin) {
  (void)opaque;
  int w = origin == ZLIB_FILEFUNC_SEEK_CUR   ? SEEK_CUR
          : origin == ZLIB_FILEFUNC_SEEK_END ? SEEK_END
                                             : SEEK_SET;
  return lseek(((XlBook *)stream)->fd, (off_t)off, w) < 0 ? -1 : 0;
}
static int xlIoClose(voidpf opaque, voidpf stream) {
  (void)opaque, (void)stream;
  return 0; /* the book closes the descriptor */
}
static int xlIoError(voidpf opaque, voidpf stream) {
  (void)opaque, (void)stream;
  return 0;
}

static void xlBookInit(XlBook *b) {
  memset(b, 0, sizeof *b);
  b->fd = -1;
}

static void xlFreeList(char **az, sqlite3_int64 n) {
  if (az == 0) return;
  for (sqlite3_int64 i = 0; i < n; i++) sqlite3_free(az[i]);
  sqlite3_free(az);
}

static void xlBookClose(XlBook *b) {
  if (b->uz) unzClose(b->uz);
  if (b->xls) freexl_close(b->xls);
  if (b->fd >= 0) close(b->fd);
  xlFreeList(b->azSheet, b->nSheet);
  xlFreeList(b->azRel, b->nSheet);
  xlFreeList(b->azRelId, b->nRel);
  xlFreeList(b->azRelTarget, b->nRel);
  sqlite3_free(b->zSheetPath);
  sqlite3_free(b->aXf);
  sqlite3_free(b->aFmtId);
  sqlite3_free(b->aFmtKind);
  sqlite3_free(b->sst.a);
  sqlite3_free(b->aSstOff);
  sqlite3_free(b->zErr);
  xlBookInit(b);
}

/* ------------------------------------------------------------------------
** One zip entry, unpacked as a stream and fed to expat.
*/
typedef struct XlSax {
  XlBook *b;
  const char *zEntry;
  int mode;
  XML_Parser p;
  /* the packed stream */
  int open, stored, zInit, srcEof;
  z_stream zs;
  unsigned char *aIn;
  sqlite3_uint64 nPacked, nPackedRead, nDeclared, nOut;
  uLong crc, crcWant;
  int final, suspended, stopped;
  /* element state */
  int depth;
  int inSi, inRPh, inT, inV, inIs, inCellXfs, inNumFmts, inC, inRow;
  int collect;             /* collect character data into txt */
  XlBuf txt;
  /* M_SCAN / M_ROWS: the sheet */
  int rowNum, lastRow, cellCol, cellType, cellXf;
  int r0, r1, c0, c1;      /* rows and columns that matter (0-based) */
  XlRow *row;              /* where a finished row goes */
  int rowReady;
  /* M_SCAN: what the CREATE needs to know */
  XlRow *header;           /* the first row with a value in range */
  int maxCol;              /* the rightmost column with a value, -1 none */
  XlMerge *aMerge;
  sqlite3_int64 nMerge, nMergeAlloc;
} XlSax;

enum { T_NUM, T_SST, T_INLINE, T_STR, T_BOOL, T_ERR, T_DATE };

static const char *xlLocal(const char *z) {
  const char *c = strrchr(z, ':');
  return c ? c + 1 : z;
}

static const char *xlAttr(const char **atts, const char *name) {
  for (int i = 0; atts[i]; i += 2) {
    if (strcmp(xlLocal(atts[i]), name) == 0) return atts[i + 1];
  }
  return 0;
}

/* Fail from inside a handler: stop the parser for good. */
static void xlSaxFail(XlSax *x) { XML_StopParser(x->p, XML_FALSE); }

/* "B12" -> col 1, row 12 (1-based row).  Either part may be absent when
** pCol/pRow allow it.  Returns 0 ok, 1 malformed or outside a sheet. */
static int xlParseRef(const char *z, int *pCol, int *pRow) {
  int col = 0, row = 0, nc = 0, nr = 0;
  while ((*z >= 'A' && *z <= 'Z') || (*z >= 'a' && *z <= 'z')) {
    col = col * 26 + ((*z | 0x20) - 'a' + 1);
    if (col > XL_MAX_COL) return 1;
    z++, nc++;
  }
  if (*z == '$') z++;
  while (*z >= '0' && *z <= '9') {
    row = row * 10 + (*z - '0');
    if (row > XL_MAX_ROW) return 1;
    z++, nr++;
  }
  if (*z) return 1;
  if (pCol) {
    if (nc == 0) return 1;
    *pCol = col - 1;
  }
  if (pRow) {
    if (nr == 0 || row == 0) return 1;
    *pRow = row;
  }
  return 0;
}

static int xlParseInt(const char *z, sqlite3_int64 max, sqlite3_int64 *pv) {
  sqlite3_int64 v = 0;
  int n = 0;
  while (*z == ' ') z++;
  while (*z >= '0' && *z <= '9') {
    v = v * 10 + (*z++ - '0');
    if (v > max) return 1;
    n++;
  }
  while (*z == ' ') z++;
  if (n == 0 || *z) return 1;
  *pv = v;
  return 0;
}

/* ---- number formats ---------------------------------------------------- */

/* Excel's built-in formats that show dates or times (ids 27-36 and 50-58
** are the Chinese locale's 年月日 formats). */
static int xlBuiltinKind(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) ||
      (id >= 34 && id <= 36) || (id >= 50 && id <= 58)) {
    return XF_DATE;
  }
  if (id == 22) return XF_DATETIME;
  if ((id >= 18 && id <= 21) || id == 32 || id == 33 || (id >= 45 && id <= 47)) {
    return XF_TIME;
  }
  return XF_NUMBER;
}

/* A format code's kind: look at its first section for y/m/d/h/s outside
** quotes, escapes and [brackets]. */
static int xlFormatKind(const char *z) {
  int date = 0, time = 0, m = 0;
  if (sqlite3_stricmp(z, "General") == 0) return XF_NUMBER;
  for (; *z && *z != ';'; z++) {
    switch (*z) {
    case '"':
      z++;
      while (*z && *z != '"') z++;
      if (!*z) return XF_NUMBER;
      break;
    case '\\':
    case '_':
    case '*':
      if (z[1]) z++;
      break;
    case '[': {
      const char *e = strchr(z, ']');
      if (!e) return XF_NUMBER;
      /* [h] [mm] [ss]: elapsed time */
      if (z[1] == 'h' || z[1] == 'H' || z[1] == 's' || z[1] == 'S' ||
          ((z[1] == 'm' || z[1] == 'M') && (z[2] == 'm' || z[2] == 'M' || z[2] == ']'))) {
        time = 1;
      }
      z = e;
      break;
    }
    case 'y': case 'Y': case 'd': case 'D':
      date = 1;
      break;
    case 'h': case 'H': case 's': case 'S':
      time = 1;
      break;
    case 'm': case 'M':
      m = 1;
      break;
    }
  }
  if (m && !time) date = 1;
  if (date && time) return XF_DATETIME;
  if (date) return XF_DATE;
  if (time) return XF_TIME;
  return XF_NUMBER;
}

/* ---- values ------------------------------------------------------------ */

/* A number as Excel shows it in General format: 15 significant digits,
** upper-case exponent.  Writes into out[40]. */
static void xlFormatNumber(double v, char *out) {
  if (v == floor(v) && fabs(v) < 1e15) {
    snprintf(out, 40, "%lld", (long long)v);
    return;
  }
  if (!isfinite(v)) {
    snprintf(out, 40, "#NUM!");
    return;
  }
  snprintf(out, 40, "%.15g", v);
  for (char *p = out; *p; p++) {
    if (*p == 'e') *p = 'E';
  }
}

/* A date serial as text, or 0 when it names no day (then the number is
** shown instead): 1900 system (with Excel's day 60, 1900-02-29, which never
** was) or 1904 system. */
static int xlFormatDate(double v, int kind, int date1904, char *out) {
  if (!(v >= 0) || v > 2958465.0) return 0;
  sqlite3_int64 day = (sqlite3_int64)floor(v);
  sqlite3_int64 secs = (sqlite3_int64)floor((v - (double)day) * 86400.0 + 0.5);
  if (secs >= 86400) day++, secs -= 86400;
  int days;
  if (date1904) {
    days = mu_days_from_civil(1904, 1, 1) + (int)day;
  } else {
    if (day == 60 || (day == 0 && kind != XF_TIME)) return 0;
    days = mu_days_from_civil(1899, 12, day < 60 ? 31 : 30) + (int)day;
  }
  char d[11];
  mu_date_format(days, d);
  int hh = (int)(secs / 3600), mm = (int)(secs / 60 % 60), ss = (int)(secs % 60);
  switch (kind) {
  case XF_TIME:
    snprintf(out, 40, "%02d:%02d:%02d", hh, mm, ss);
    break;
  case XF_DATETIME:
    snprintf(out, 40, "%s %02d:%02d:%02d", d, hh, mm, ss);
    break;
  default:
    snprintf(out, 40, "%s", d);
  }
  return 1;
}

static int xlRowAddCell(XlBook *b, XlRow *r, int col, const char *z,
                        sqlite3_int64 n) {
  if (r->txt.n + n > b->limit) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s': row %d is longer than the length limit of "
                   "%lld bytes",
                   b->zFile, r->row, b->limit);
  }
  if (xlGrow((void **)&r->aCell, &r->nCellAlloc, r->nCell + 1, sizeof(XlCell))) {
    return xlNomem(b);
  }
  XlCell *c = &r->aCell[r->nCell++];
  c->col = col;
  c->off = r->txt.n;
  c->n = n;
  if (xlBufAdd(&r->txt, z, n)) return xlNomem(b);
  return 0;
}

/* The cell just closed: its value from txt and its type, into x->row. */
static int xlCellDone(XlSax *x) {
  XlBook *b = x->b;
  const char *z = x->txt.a ? x->txt.a : "";
  sqlite3_int64 n = x->txt.n;
  char num[40];
  switch (x->cellType) {
  case T_SST: {
    sqlite3_int64 i;
    if (n == 0) return 0;
    if (xlParseInt(z, b->nSst, &i) || i >= b->nSst) {
      return xlFatal(b, SQLITE_ERROR,
                     "xlsxfile: '%s': %s: row %d: shared string '%s' does not "
                     "exist (there are %lld)",
                     b->zFile, x->zEntry, x->rowNum, z, b->nSst);
    }
    z = b->sst.a + b->aSstOff[i];
    n = b->aSstOff[i + 1] - b->aSstOff[i];
    break;
  }
  case T_BOOL:
    if (n == 0) return 0;
    z = (n == 1 && z[0] == '0') ? "FALSE" : "TRUE";
    n = (sqlite3_int64)strlen(z);
    break;
  case T_DATE:
    /* ISO 8601 text: 2024-01-02T00:00:00 */
    if (n >= 19 && z[10] == 'T' && memcmp(z + 11, "00:00:00", 8) == 0) {
      n = 10;
    } else if (n > 10 && z[10] == 'T') {
      x->txt.a[10] = ' ';
      if (n > 19) n = 19;
    }
    break;
  case T_NUM: {
    if (n == 0) return 0;
    char *e;
    double v = strtod(z, &e);
    if (e == z || *e) break; /* not a number: keep the text */
    int kind = x->cellXf >= 0 && x->cellXf < b->nXf ? b->aXf[x->cellXf] : XF_NUMBER;
    if (kind == XF_NUMBER || !xlFormatDate(v, kind, b->date1904, num)) {
      xlFormatNumber(v, num);
    }
    z = num;
    n = (sqlite3_int64)strlen(num);
    break;
  }
  default: /* T_INLINE, T_STR, T_ERR: the text as it is */
    break;
  }
  if (n == 0) return 0;
  if (x->cellCol > x->maxCol && x->rowNum >= x->r0 + 1 && x->rowNum <= x->r1 + 1 &&
      x->cellCol >= x->c0 && x->cellCol <= x->c1) {
    x->maxCol = x->cellCol;
  }
  return xlRowAddCell(b, x->row, x->cellCol, z, n);
}

static int xlTxtAdd(XlSax *x, const char *z, int n) {
  XlBook *b = x->b;
  if (x->txt.n + n > b->limit) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s': %s: a value longer than the length limit "
                   "of %lld bytes",
                   b->zFile, x->zEntry, b->limit);
  }
  if (xlBufAdd(&x->txt, z, n)) return xlNomem(b);
  return 0;
}

static void XMLCALL xlText(void *ud, const XML_Char *z, int n) {
  XlSax *x = ud;
  if (x->collect && xlTxtAdd(x, z, n)) xlSaxFail(x);
}

/* Append the text collected as shared string number nSst. */
static int xlSstAdd(XlSax *x) {
  XlBook *b = x->b;
  if (b->sst.n + x->txt.n > b->limit) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s': %s: the shared strings are longer than the "
                   "length limit of %lld bytes",
                   b->zFile, x->zEntry, b->limit);
  }
  if (xlGrow((void **)&b->aSstOff, &b->nSstAlloc, b->nSst + 2, sizeof(sqlite3_int64))) {
    return xlNomem(b);
  }
  if (b->nSst == 0) b->aSstOff[0] = 0;
  if (x->txt.n && xlBufAdd(&b->sst, x->txt.a, x->txt.n)) return xlNomem(b);
  b->aSstOff[++b->nSst] = b->sst.n;
  return 0;
}

static int xlAddString(XlBook *b, char ***paz, sqlite3_int64 *pn,
                       sqlite3_int64 *pAlloc, const char *z) {
  if (xlGrow((void **)paz, pAlloc, *pn + 1, sizeof(char *))) return xlNomem(b);
  char *c = sqlite3_mprintf("%s", z ? z : "");
  if (c == 0) return xlNomem(b);
  (*paz)[(*pn)++] = c;
  return 0;
}

/* A refused DTD: entities are never declared, so never expanded. */
static void XMLCALL xlDoctype(void *ud, const XML_Char *name, const XML_Char *sys,
                              const XML_Char *pub, int internal) {
  XlSax *x = ud;
  (void)name, (void)sys, (void)pub, (void)internal;
  xlFatal(x->b, SQLITE_ERROR,
          "xlsxfile: '%s': %s: has a DTD, which a workbook never has "
          "(refused: it could expand entities)",
          x->b->zFile, x->zEntry);
  xlSaxFail(x);
}

static void XMLCALL xlEntityDecl(void *ud, const XML_Char *name, int pe,
                                 const XML_Char *v, int nv, const XML_Char *base,
                                 const XML_Char *sys, const XML_Char *pub,
                                 const XML_Char *notation) {
  (void)name, (void)pe, (void)v, (void)nv, (void)base, (void)sys, (void)pub,
      (void)notation;
  xlDoctype(ud, 0, 0, 0, 0);
}

static void XMLCALL xlStart(void *ud, const XML_Char *zName, const XML_Char **atts) {
  XlSax *x = ud;
  XlBook *b = x->b;
  const char *name = xlLocal(zName);
  x->depth++;
  switch (x->mode) {
  case M_WORKBOOK:
    if (strcmp(name, "workbookPr") == 0) {
      const char *v = xlAttr(atts, "date1904");
      b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(name, "sheet") == 0) {
      sqlite3_int64 n = b->nSheet, n2 = b->nSheet, a1 = n, a2 = n;
      /* both lists grow together: allocate exactly */
      if (xlAddString(b, &b->azSheet, &n, &a1, xlAttr(atts, "name")) ||
          xlAddString(b, &b->azRel, &n2, &a2, xlAttr(atts, "id"))) {
        if (n > n2) sqlite3_free(b->azSheet[--n]);
        xlSaxFail(x);
        return;
      }
      b->nSheet = (int)n;
    }
    break;
  case M_RELS:
    if (strcmp(name, "Relationship") == 0) {
      sqlite3_int64 n = b->nRel, a = b->nRelAlloc, n2 = b->nRel, a2 = b->nRelAlloc;
      if (xlAddString(b, &b->azRelId, &n, &a, xlAttr(atts, "Id")) ||
          xlAddString(b, &b->azRelTarget, &n2, &a2, xlAttr(atts, "Target"))) {
        if (n > n2) sqlite3_free(b->azRelId[--n]);
        xlSaxFail(x);
        return;
      }
      b->nRel = n;
      b->nRelAlloc = a < a2 ? a : a2;
    }
    break;
  case M_STYLES:
    if (strcmp(name, "numFmts") == 0) {
      x->inNumFmts = 1;
    } else if (strcmp(name, "cellXfs") == 0) {
      x->inCellXfs = 1;
    } else if (x->inNumFmts && strcmp(name, "numFmt") == 0) {
      const char *id = xlAttr(atts, "numFmtId"), *code = xlAttr(atts, "formatCode");
      sqlite3_int64 v;
      if (id && code && !xlParseInt(id, 100000, &v)) {
        sqlite3_int64 a = b->nFmtAlloc;
        if (xlGrow((void **)&b->aFmtId, &a, b->nFmt + 1, sizeof(int)) ||
            xlGrow((void **)&b->aFmtKind, &b->nFmtKindAlloc, b->nFmt + 1, 1)) {
          xlNomem(b);
          xlSaxFail(x);
          return;
        }
        b->nFmtAlloc = a;
        b->aFmtId[b->nFmt] = (int)v;
        b->aFmtKind[b->nFmt++] = (unsigned char)xlFormatKind(code);
      }
    } else if (x->inCellXfs && strcmp(name, "xf") == 0) {
      const char *id = xlAttr(atts, "numFmtId");
      sqlite3_int64 v = 0;
      int kind = XF_NUMBER;
      if (id && !xlParseInt(id, 100000, &v)) {
        kind = xlBuiltinKind((int)v);
        for (sqlite3_int64 i = 0; i < b->nFmt; i++) {
          if (b->aFmtId[i] == v) kind = b->aFmtKind[i];
        }
      }
      if (xlGrow((void **)&b->aXf, &b->nXfAlloc, b->nXf + 1, 1)) {
        xlNomem(b);
        xlSaxFail(x);
        return;
      }
      b->aXf[b->nXf++] = (unsigned char)kind;
    }
    break;
  case M_SST:
    if (strcmp(name, "si") == 0) {
      x->inSi = 1;
      x->txt.n = 0;
    } else if (strcmp(name, "rPh") == 0) {
      x->inRPh++;
    } else if (x->inSi && !x->inRPh && strcmp(name, "t") == 0) {
      x->collect = 1;
    }
    break;
  case M_SCAN:
  case M_ROWS:
    if (strcmp(name, "row") == 0) {
      const char *r = xlAttr(atts, "r");
      int row = x->lastRow + 1;
      if (r && xlParseRef(r, 0, &row)) {
        xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s': %s: row number '%s' is not 1 to %d",
                b->zFile, x->zEntry, r, XL_MAX_ROW);
        xlSaxFail(x);
        return;
      }
      if (row > XL_MAX_ROW) {
        xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s': %s: more than %d rows",
                b->zFile, x->zEntry, XL_MAX_ROW);
        xlSaxFail(x);
        return;
      }
      if (row <= x->lastRow) {
        xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s': %s: row %d comes after row %d",
                b->zFile, x->zEntry, row, x->lastRow);
        xlSaxFail(x);
        return;
      }
      if (row > x->r1 + 1) {
        /* past the range: nothing more is wanted (the scan still needs
        ** the merged cells at the end) */
        if (x->mode == M_ROWS) {
          x->stopped = 1;
          xlSaxFail(x);
          return;
        }
      }
      x->rowNum = x->lastRow = row;
      x->row->row = row;
      x->row->nCell = 0;
      x->row->txt.n = 0;
      x->cellCol = -1;
      x->inRow = 1;
    } else if (x->inRow && strcmp(name, "c") == 0) {
      const char *r = xlAttr(atts, "r"), *t = xlAttr(atts, "t"), *s = xlAttr(atts, "s");
      int col = x->cellCol + 1;
      if (r) {
        int rr = 0;
        if (xlParseRef(r, &col, &rr)) {
          xlFatal(b, SQLITE_ERROR,
                  "xlsxfile: '%s': %s: cell reference '%s' is outside a sheet "
                  "(A1 to XFD1048576)",
                  b->zFile, x->zEntry, r);
          xlSaxFail(x);
          return;
        }
      }
      if (col >= XL_MAX_COL) {
        xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s': %s: row %d has more than %d cells",
                b->zFile, x->zEntry, x->rowNum, XL_MAX_COL);
        xlSaxFail(x);
        return;
      }
      x->cellCol = col;
      x->cellType = T_NUM;
      if (t) {
        if (strcmp(t, "s") == 0) x->cellType = T_SST;
        else if (strcmp(t, "inlineStr") == 0) x->cellType = T_INLINE;
        else if (strcmp(t, "str") == 0) x->cellType = T_STR;
        else if (strcmp(t, "b") == 0) x->cellType = T_BOOL;
        else if (strcmp(t, "e") == 0) x->cellType = T_ERR;
        else if (strcmp(t, "d") == 0) x->cellType = T_DATE;
      }
      sqlite3_int64 xf = -1;
      if (s && xlParseInt(s, 1000000, &xf)) xf = -1;
      x->cellXf = (int)xf;
      x->inC = 1;
      x->txt.n = 0;
    } else if (x->inC && strcmp(name, "v") == 0) {
      x->inV = 1;
      x->collect = x->cellType != T_INLINE;
    } else if (x->inC && strcmp(name, "is") == 0) {
      x->inIs = 1;
    } else if (x->inIs && strcmp(name, "rPh") == 0) {
      x->inRPh++;
    } else if (x->inIs && !x->inRPh && strcmp(name, "t") == 0) {
      x->collect = 1;
    } else if (x->mode == M_SCAN && strcmp(name, "mergeCell") == 0) {
      const char *ref = xlAttr(atts, "ref");
      const char *colon = ref ? strchr(ref, ':') : 0;
      XlMerge m;
      char a[16];
      if (colon && colon - ref < (int)sizeof a) {
        memcpy(a, ref, (size_t)(colon - ref));
        a[colon - ref] = 0;
        if (!xlParseRef(a, &m.c0, &m.r0) && !xlParseRef(colon + 1, &m.c1, &m.r1) &&
            m.r0 <= m.r1 && m.c0 <= m.c1) {
          if (xlGrow((void **)&x->aMerge, &x->nMergeAlloc, x->nMerge + 1, sizeof m)) {
            xlNomem(b);
            xlSaxFail(x);
            return;
          }
          x->aMerge[x->nMerge++] = m;
        }
      }
    }
    break;
  }
}

static void XMLCALL xlEnd(void *ud, const XML_Char *zName) {
  XlSax *x = ud;
  const char *name = xlLocal(zName);
  x->depth--;
  switch (x->mode) {
  case M_STYLES:
    if (strcmp(name, "numFmts") == 0) x->inNumFmts = 0;
    else if (strcmp(name, "cellXfs") == 0) x->inCellXfs = 0;
    break;
  case M_SST:
    if (strcmp(name, "t") == 0) {
      x->collect = 0;
    } else if (strcmp(name, "rPh") == 0) {
      if (x->inRPh) x->inRPh--;
    } else if (strcmp(name, "si") == 0) {
      x->inSi = 0;
      if (xlSstAdd(x)) xlSaxFail(x);
    }
    break;
  case M_SCAN:
  case M_ROWS:
    if (strcmp(name, "v") == 0 || strcmp(name, "t") == 0) {
      x->collect = 0;
      x->inV = 0;
    } else if (strcmp(name, "rPh") == 0) {
      if (x->inRPh) x->inRPh--;
    } else if (strcmp(name, "is") == 0) {
      x->inIs = 0;
    } else if (x->inC && strcmp(name, "c") == 0) {
      x->inC = 0;
      x->collect = 0;
      if (xlCellDone(x)) xlSaxFail(x);
    } else if (x->inRow && strcmp(name, "row") == 0) {
      x->inRow = 0;
      XlRow *r = x->row;
      if (x->mode == M_SCAN) {
        /* the header: the first row in range with a value in range */
        if (x->header && x->header->row == 0 && r->row >= x->r0 + 1 &&
            r->row <= x->r1 + 1) {
          for (sqlite3_int64 i = 0; i < r->nCell; i++) {
            XlCell *c = &r->aCell[i];
            if (c->col < x->c0 || c->col > x->c1) continue;
            if (xlRowAddCell(x->b, x->header, c->col, r->txt.a + c->off, c->n)) {
              xlSaxFail(x);
              return;
            }
          }
          if (x->header->nCell) x->header->row = r->row;
        }
      } else {
        x->rowReady = 1;
        XML_StopParser(x->p, XML_TRUE); /* suspend: the row is ready */
      }
    } else if (strcmp(name, "sheetData") == 0 && x->mode == M_ROWS) {
      x->stopped = 1;
      xlSaxFail(x);
    }
    break;
  }
}

/* Position the book on entry zEntry and get ready to unpack it.  Returns
** SQLITE_OK, or XL_FAIL with the book's error set; *pMissing is set (and
** no error) when the entry does not exist and pMissing is given. */
static int xlSaxOpen(XlSax *x, XlBook *b, const char *zEntry, int mode,
                     int *pMissing) {
  memset(x, 0, sizeof *x);
  x->b = b;
  x->zEntry = zEntry;
  x->mode = mode;
  x->maxCol = -1;
  x->r1 = XL_MAX_ROW - 1;
  x->c1 = XL_MAX_COL - 1;
  if (pMissing) *pMissing = 0;
  if (unzLocateFile(b->uz, zEntry, 1) != UNZ_OK) {
    if (pMissing) {
      *pMissing = 1;
      return SQLITE_OK;
    }
    return xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s' has no %s", b->zFile, zEntry);
  }
  unz_file_info64 info;
  if (unzGetCurrentFileInfo64(b->uz, &info, 0, 0, 0, 0, 0, 0) != UNZ_OK) {
    return xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s': %s: corrupt zip directory",
                   b->zFile, zEntry);
  }
  if (info.flag & 1) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s': %s is encrypted (save the workbook without "
                   "a password)",
                   b->zFile, zEntry);
  }
  if (info.compression_method != 0 && info.compression_method != Z_DEFLATED) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s': %s uses compression method %lu (only stored "
                   "and deflate are read)",
                   b->zFile, zEntry, (unsigned long)info.compression_method);
  }
  x->nDeclared = info.uncompressed_size;
  x->nPacked = info.compressed_size;
  x->crcWant = info.crc;
  x->stored = info.compression_method == 0;
  if (x->nDeclared > (sqlite3_uint64)b->limit) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s': %s unpacks to %llu bytes, more than the "
                   "length limit of %lld bytes",
                   b->zFile, zEntry, (unsigned long long)x->nDeclared, b->limit);
  }
  if (x->nDeclared > XL_RATIO_FLOOR && x->nDeclared / XL_RATIO > x->nPacked) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s': %s unpacks %llu bytes into %llu, more than "
                   "%d times (a zip bomb?)",
                   b->zFile, zEntry, (unsigned long long)x->nPacked,
                   (unsigned long long)x->nDeclared, XL_RATIO);
  }
  int method = 0, level = 0;
  if (unzOpenCurrentFile2(b->uz, &method, &level, 1) != UNZ_OK) {
    return xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s': %s: corrupt zip entry",
                   b->zFile, zEntry);
  }
  x->open = 1;
  x->crc = crc32(0L, Z_NULL, 0);
  x->aIn = sqlite3_malloc64(XL_BUFSZ);
  if (x->aIn == 0) return xlNomem(b);
  if (!x->stored) {
    x->zs.zalloc = xlZalloc;
    x->zs.zfree = xlZfree;
    int zrc = inflateInit2(&x->zs, -MAX_WBITS);
    if (zrc == Z_MEM_ERROR) return xlNomem(b);
    if (zrc != Z_OK) return xlFatal(b, SQLITE_ERROR, "xlsxfile: cannot inflate");
    x->zInit = 1;
  }
  x->p = XML_ParserCreate_MM(0, &xlMem, 0);
  if (x->p == 0) return xlNomem(b);
  XML_SetUserData(x->p, x);
  XML_SetElementHandler(x->p, xlStart, xlEnd);
  XML_SetCharacterDataHandler(x->p, xlText);
  XML_SetStartDoctypeDeclHandler(x->p, xlDoctype);
  XML_SetEntityDeclHandler(x->p, xlEntityDecl);
  XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
  return SQLITE_OK;
}

static void xlSaxClose(XlSax *x) {
  if (x->p) XML_ParserFree(x->p);
  if (x->zInit) inflateEnd(&x->zs);
  if (x->open) unzCloseCurrentFile(x->b->uz);
  sqlite3_free(x->aIn);
  sqlite3_free(x->txt.a);
  sqlite3_free(x->aMerge);
  memset(x, 0, sizeof *x);
}

/* Unpack up to n bytes of the entry into out.  Returns the count, 0 at
** its end (after checking its size and CRC), XL_FAIL on error. */
static int xlSaxRead(XlSax *x, char *out, int n) {
  XlBook *b = x->b;
  int got = 0;
  if (x->stored) {
    got = unzReadCurrentFile(b->uz, out, (unsigned)n);
    if (got < 0) goto corrupt;
    x->nPackedRead += (sqlite3_uint64)got;
  } else {
    x->zs.next_out = (Bytef *)out;
    x->zs.avail_out = (uInt)n;
    while (x->zs.avail_out == (uInt)n) {
      if (x->zs.avail_in == 0 && !x->srcEof) {
        int r = unzReadCurrentFile(b->uz, x->aIn, XL_BUFSZ);
        if (r < 0) goto corrupt;
        if (r == 0) x->srcEof = 1;
        x->nPackedRead += (sqlite3_uint64)r;
        x->zs.next_in = x->aIn;
        x->zs.avail_in = (uInt)r;
      }
      int zrc = inflate(&x->zs, Z_NO_FLUSH);
      if (zrc == Z_STREAM_END) break;
      if (zrc == Z_MEM_ERROR) return xlNomem(b);
      if (zrc == Z_BUF_ERROR && x->srcEof && x->zs.avail_in == 0) goto corrupt;
      if (zrc != Z_OK && zrc != Z_BUF_ERROR) goto corrupt;
    }
    got = n - (int)x->zs.avail_out;
  }
  x->nOut += (sqlite3_uint64)got;
  if (got > 0) x->crc = crc32(x->crc, (const Bytef *)out, (uInt)got);
  if (x->nOut > (sqlite3_uint64)b->limit) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s': %s unpacks to more than the length limit of "
                   "%lld bytes",
                   b->zFile, x->zEntry, b->limit);
  }
  if (x->nOut > XL_RATIO_FLOOR && x->nOut / XL_RATIO > x->nPackedRead) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s': %s unpacks %llu bytes into %llu, more than "
                   "%d times (a zip bomb?)",
                   b->zFile, x->zEntry, (unsigned long long)x->nPackedRead,
                   (unsigned long long)x->nOut, XL_RATIO);
  }
  if (got == 0 && (x->nOut != x->nDeclared || x->crc != x->crcWant)) goto corrupt;
  return got;
corrupt:
  return xlFatal(b, SQLITE_ERROR,
                 "xlsxfile: '%s': %s: corrupt or truncated zip data", b->zFile,
                 x->zEntry);
}

static int xlSaxXmlError(XlSax *x) {
  if (x->b->rc) return XL_FAIL;
  return xlFatal(x->b, SQLITE_ERROR, "xlsxfile: '%s': %s: line %lu: %s",
                 x->b->zFile, x->zEntry,
                 (unsigned long)XML_GetCurrentLineNumber(x->p),
                 XML_ErrorString(XML_GetErrorCode(x->p)));
}

/* Parse on.  Returns 1 when a row is ready (M_ROWS), 0 at the end of the
** entry (or of the rows wanted), XL_FAIL on error. */
static int xlSaxStep(XlSax *x) {
  for (;;) {
    enum XML_Status st;
    if (x->suspended) {
      x->suspended = 0;
      x->rowReady = 0;
      st = XML_ResumeParser(x->p);
    } else {
      if (x->final) return 0;
      void *buf = XML_GetBuffer(x->p, XL_BUFSZ);
      if (buf == 0) return xlNomem(x->b);
      int n = xlSaxRead(x, buf, XL_BUFSZ);
      if (n < 0) return XL_FAIL;
      x->final = n == 0;
      st = XML_ParseBuffer(x->p, n, x->final);
    }
    if (st == XML_STATUS_SUSPENDED) {
      x->suspended = 1;
      if (x->rowReady) return 1;
      continue;
    }
    if (st == XML_STATUS_ERROR) {
      if (x->stopped && !x->b->rc) {
        x->final = 1;
        return 0;
      }
      if (XML_GetErrorCode(x->p) == XML_ERROR_NO_MEMORY) return xlNomem(x->b);
      return xlSaxXmlError(x);
    }
    if (x->final) return 0;
  }
}

/* Read a whole part (workbook, rels, styles, strings). */
static int xlReadPart(XlBook *b, const char *zEntry, int mode, int optional) {
  XlSax x;
  int missing = 0;
  int rc = xlSaxOpen(&x, b, zEntry, mode, optional ? &missing : 0);
  if (rc == SQLITE_OK && !missing) {
    while ((rc = xlSaxStep(&x)) == 1) {
    }
  }
  xlSaxClose(&x);
  return rc < 0 ? XL_FAIL : SQLITE_OK;
}

/* ------------------------------------------------------------------------
** Opening a workbook and choosing its sheet
*/
static int xlBookOpen(XlBook *b, const char *zFile, sqlite3_int64 limit) {
  b->zFile = zFile;
  b->limit = limit;
  /* O_NONBLOCK so a FIFO named here cannot block the open; only a regular
  ** file is read (see csvfile.c: SQLite connects a table a hostile schema
  ** declares before it refuses it as DIRECTONLY). */
#ifdef _WIN32
  b->fd = mu_win_open_read(zFile); /* a UTF-8 name, opened as UTF-16 */
  if (b->fd < 0 && errno == ENOMEM) return xlNomem(b);
  if (b->fd < 0 && errno == EISDIR)
    return xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s' is not a regular file", zFile);
#else
  b->fd = open(zFile, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
#endif
  if (b->fd < 0) {
    return xlFatal(b, SQLITE_ERROR, "xlsxfile: cannot open '%s': %s", zFile,
                   strerror(errno));
  }
  struct stat st;
  if (fstat(b->fd, &st) != 0) {
    return xlFatal(b, SQLITE_ERROR, "xlsxfile: cannot read '%s': %s", zFile,
                   strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s' is not a regular file", zFile);
  }
  b->fileSize = (sqlite3_int64)st.st_size;
  unsigned char magic[8] = {0};
  ssize_t n;
  do {
    n = read(b->fd, magic, sizeof magic);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    return xlFatal(b, SQLITE_ERROR, "xlsxfile: cannot read '%s': %s", zFile,
                   strerror(errno));
  }
  static const unsigned char ole2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  if (n == 8 && memcmp(magic, ole2, 8) == 0) {
    b->kind = XL_XLS;
    /* FreeXL reads the whole file into memory, by name. */
    if (b->fileSize > limit) {
      return xlFatal(b, SQLITE_ERROR,
                     "xlsxfile: '%s' is %lld bytes, more than the length limit "
                     "of %lld bytes",
                     zFile, b->fileSize, limit);
    }
    int frc = freexl_open(zFile, &b->xls);
    if (frc == FREEXL_INSUFFICIENT_MEMORY) return xlNomem(b);
    if (frc != FREEXL_OK) {
      b->xls = 0;
      return xlFatal(b, SQLITE_ERROR,
                     "xlsxfile: '%s' is not a readable .xls workbook (FreeXL "
                     "error %d)",
                     zFile, frc);
    }
    unsigned int v = 0;
    if (freexl_get_info(b->xls, FREEXL_BIFF_PASSWORD, &v) == FREEXL_OK &&
        v == FREEXL_BIFF_OBFUSCATED) {
      return xlFatal(b, SQLITE_ERROR,
                     "xlsxfile: '%s' is encrypted (save the workbook without a "
                     "password)",
                     zFile);
    }
    if (freexl_get_info(b->xls, FREEXL_BIFF_SHEET_COUNT, &v) != FREEXL_OK) v = 0;
    b->azSheet = sqlite3_malloc64(sizeof(char *) * (v + 1));
    if (b->azSheet == 0) return xlNomem(b);
    for (unsigned i = 0; i < v; i++) {
      const char *z = 0;
      if (freexl_get_worksheet_name(b->xls, (unsigned short)i, &z) != FREEXL_OK) z = "";
      b->azSheet[i] = sqlite3_mprintf("%s", z ? z : "");
      if (b->azSheet[i] == 0) return xlNomem(b);
      b->nSheet = (int)i + 1;
    }
    return SQLITE_OK;
  }
  if (n < 4 || memcmp(magic, "PK\003\004", 4) != 0) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s' is not an .xlsx or .xls workbook", zFile);
  }
  b->kind = XL_XLSX;
  zlib_filefunc64_def io = {xlIoOpen, xlIoRead, xlIoWrite, xlIoTell,
                            xlIoSeek, xlIoClose, xlIoError, b};
  b->uz = unzOpen2_64(zFile, &io);
  if (b->uz == 0) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s' is not a readable zip archive (truncated or "
                   "corrupt)",
                   zFile);
  }
  if (xlReadPart(b, "xl/workbook.xml", M_WORKBOOK, 0)) return XL_FAIL;
  if (xlReadPart(b, "xl/_rels/workbook.xml.rels", M_RELS, 0)) return XL_FAIL;
  if (xlReadPart(b, "xl/styles.xml", M_STYLES, 1)) return XL_FAIL;
  return SQLITE_OK;
}

/* Choose the sheet zSheet (a name, else a number from 1; NULL: the
** first); for .xlsx find its entry and read the shared strings. */
static int xlBookSheet(XlBook *b, const char *zSheet) {
  int k = -1;
  if (zSheet == 0) {
    k = 0;
  } else {
    for (int i = 0; i < b->nSheet && k < 0; i++) {
      if (strcmp(b->azSheet[i], zSheet) == 0) k = i;
    }
    for (int i = 0; i < b->nSheet && k < 0; i++) {
      if (sqlite3_stricmp(b->azSheet[i], zSheet) == 0) k = i;
    }
    sqlite3_int64 v;
    if (k < 0 && !xlParseInt(zSheet, 100000, &v) && v >= 1) {
      if (v > b->nSheet) {
        return xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s' has %d sheet%s, not %lld",
                       b->zFile, b->nSheet, b->nSheet == 1 ? "" : "s", v);
      }
      k = (int)v - 1;
    }
  }
  if (k < 0 || k >= b->nSheet) {
    sqlite3_str *s = sqlite3_str_new(0);
    for (int i = 0; i < b->nSheet; i++) {
      sqlite3_str_appendf(s, "%s'%s'", i ? ", " : "", b->azSheet[i]);
    }
    char *zList = sqlite3_str_finish(s);
    if (zList == 0 && b->nSheet) return xlNomem(b);
    int rc = zSheet ? xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s' has no sheet '%s' (its sheets: %s)",
                              b->zFile, zSheet, zList ? zList : "")
                    : xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s' has no sheets", b->zFile);
    sqlite3_free(zList);
    return rc;
  }
  b->iSheet = k;
  if (b->kind == XL_XLS) {
    if (freexl_select_active_worksheet(b->xls, (unsigned short)k) != FREEXL_OK) {
      return xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s': cannot read sheet %d",
                     b->zFile, k + 1);
    }
    return SQLITE_OK;
  }
  const char *zTarget = 0;
  for (sqlite3_int64 i = 0; i < b->nRel && !zTarget; i++) {
    if (strcmp(b->azRelId[i], b->azRel[k]) == 0) zTarget = b->azRelTarget[i];
  }
  if (zTarget == 0) {
    return xlFatal(b, SQLITE_ERROR,
                   "xlsxfile: '%s': sheet '%s' has no part in "
                   "xl/_rels/workbook.xml.rels",
                   b->zFile, b->azSheet[k]);
  }
  b->zSheetPath = zTarget[0] == '/' ? sqlite3_mprintf("%s", zTarget + 1)
                                    : sqlite3_mprintf("xl/%s", zTarget);
  if (b->zSheetPath == 0) return xlNomem(b);
  if (xlReadPart(b, "xl/sharedStrings.xml", M_SST, 1)) return XL_FAIL;
  return SQLITE_OK;
}

/* ------------------------------------------------------------------------
** Rows of .xls sheets, through FreeXL, in the same XlRow
*/
static int xlsCellText(XlBook *b, unsigned r, int c, char *num, const char **pz) {
  FreeXL_CellValue v;
  *pz = 0;
  if (freexl_get_cell_value(b->xls, r, (unsigned short)c, &v) != FREEXL_OK) {
    return xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s': cannot read cell %d,%d",
                   b->zFile, r + 1, c + 1);
  }
  switch (v.type) {
  case FREEXL_CELL_INT:
    xlFormatNumber((double)v.value.int_value, num);
    *pz = num;
    break;
  case FREEXL_CELL_DOUBLE:
    xlFormatNumber(v.value.double_value, num);
    *pz = num;
    break;
  case FREEXL_CELL_TEXT:
  case FREEXL_CELL_SST_TEXT:
  case FREEXL_CELL_DATE:
  case FREEXL_CELL_DATETIME:
  case FREEXL_CELL_TIME:
    *pz = v.value.text_value;
    break;
  default:
    break;
  }
  return 0;
}

/* Fill *row with sheet row r (0-based) of the .xls, columns c0..c1. */
static int xlsReadRow(XlBook *b, unsigned r, int c0, int c1, unsigned short nCols,
                      XlRow *row) {
  row->row = (int)r + 1;
  row->nCell = 0;
  row->txt.n = 0;
  for (int c = c0; c <= c1 && c < nCols; c++) {
    char num[40];
    const char *z;
    if (xlsCellText(b, r, c, num, &z)) return XL_FAIL;
    if (z && *z && xlRowAddCell(b, row, c, z, (sqlite3_int64)strlen(z))) return XL_FAIL;
  }
  return 0;
}

/* ------------------------------------------------------------------------
** The virtual table
*/
typedef struct XlTable {
  sqlite3_vtab base; /* Base class. Must be first */
  sqlite3 *db;
  char *zFile;
  char *zSheet;      /* NULL: the first */
  int headerRow;     /* the header's sheet row (1-based); 0: none */
  int r0, r1, c0;    /* rows and first column read (0-based) */
  int nCol;          /* data columns */
  int hasRange;      /* cells outside the columns are ignored, not errors */
  int onErrorRow;
} XlTable;

typedef struct XlCursor {
  sqlite3_vtab_cursor base; /* Base class. Must be first */
  XlBook b;
  XlSax x;
  int saxOpen;
  XlRow row;
  unsigned xlsRow, xlsRows;  /* .xls: next row, rows in the sheet */
  unsigned short xlsCols;
  int eof;
  sqlite3_int64 iRow;
  sqlite3_int64 *aFldOff;    /* per column: offset in row.txt, -1 empty */
  sqlite3_int64 *aFldLen;
  char *zRowErr;
} XlCursor;

enum { OPT_FILENAME, OPT_SHEET, OPT_HEADER, OPT_RANGE, OPT_SCHEMA, OPT_ON_ERROR, OPT_N };
static const char *const xlOptName[OPT_N] = {"filename", "sheet", "header",
                                             "range", "schema", "on_error"};

/* range='A1:M2001' or 'A2:M' (to the last row).  0-based into the out
** parameters; returns 1 if malformed. */
static int xlParseRange(const char *z, int *r0, int *c0, int *r1, int *c1) {
  const char *colon = strchr(z, ':');
  char a[16];
  if (colon == 0 || colon - z >= (int)sizeof a) return 1;
  memcpy(a, z, (size_t)(colon - z));
  a[colon - z] = 0;
  int rr0, rr1 = XL_MAX_ROW;
  if (xlParseRef(a, c0, &rr0)) return 1;
  const char *e = colon + 1;
  int hasRow = 0;
  for (const char *p = e; *p; p++) hasRow |= (*p >= '0' && *p <= '9');
  if (xlParseRef(e, c1, hasRow ? &rr1 : 0)) return 1;
  if (rr1 < rr0 || *c1 < *c0) return 1;
  *r0 = rr0 - 1;
  *r1 = rr1 - 1;
  return 0;
}

/* The hidden columns, which a data column's name must not take. */
static const char *const xlHidden[] = {"_line", "_error", "_raw", "_offset", 0};

static int xlBookError(XlBook *b, char **pzErr) {
  if (b->rc == SQLITE_NOMEM || b->zErr == 0) return SQLITE_NOMEM;
  return mu_vtab_error(pzErr, "%s", b->zErr);
}

/* The header and the width: one pass over the sheet. */
typedef struct XlShape {
  XlRow header;       /* header.row 0: no row with a value */
  int maxCol;         /* rightmost column with a value in range, -1 none */
  XlMerge *aMerge;
  sqlite3_int64 nMerge;
} XlShape;

static int xlScan(XlBook *b, int r0, int r1, int c0, int c1, XlShape *sh) {
  memset(sh, 0, sizeof *sh);
  sh->maxCol = -1;
  if (b->kind == XL_XLS) {
    unsigned rows = 0;
    unsigned short cols = 0;
    if (freexl_worksheet_dimensions(b->xls, &rows, &cols) != FREEXL_OK) {
      return xlFatal(b, SQLITE_ERROR, "xlsxfile: '%s': cannot read sheet %d",
                     b->zFile, b->iSheet + 1);
    }
    XlRow row;
    memset(&row, 0, sizeof row);
    int rc = 0;
    for (unsigned r = (unsigned)r0; r < rows && r <= (unsigned)r1 && rc == 0; r++) {
      rc = xlsReadRow(b, r, c0, c1, cols, &row);
      if (rc) break;
      for (sqlite3_int64 i = 0; i < row.nCell; i++) {
        if (row.aCell[i].col > sh->maxCol) sh->maxCol = row.aCell[i].col;
      }
      if (sh->header.row == 0 && row.nCell) {
        for (sqlite3_int64 i = 0; i < row.nCell && rc == 0; i++) {
          rc = xlRowAddCell(b, &sh->header, row.aCell[i].col,
                            row.txt.a + row.aCell[i].off, row.aCell[i].n);
        }
        sh->header.row = row.row;
      }
    }
    sqlite3_free(row.aCell);
    sqlite3_free(row.txt.a);
    return rc ? XL_FAIL : 0;
  }
  XlSax x;
  XlRow row;
  memset(&row, 0, sizeof row);
  int rc = xlSaxOpen(&x, b, b->zSheetPath, M_SCAN, 0);
  if (rc == SQLITE_OK) {
    x.r0 = r0, x.r1 = r1, x.c0 = c0, x.c1 = c1;
    x.row = &row;
    x.header = &sh->header;
    while ((rc = xlSaxStep(&x)) == 1) {
    }
    sh->maxCol = x.maxCol;
    sh->aMerge = x.aMerge;
    sh->nMerge = x.nMerge;
    x.aMerge = 0;
  }
  xlSaxClose(&x);
  sqlite3_free(row.aCell);
  sqlite3_free(row.txt.a);
  return rc < 0 ? XL_FAIL : 0;
}

static void xlShapeFree(XlShape *sh) {
  sqlite3_free(sh->header.aCell);
  sqlite3_free(sh->header.txt.a);
  sqlite3_free(sh->aMerge);
}

/* Column names from the header row: a cell covered by a merged range of
** the header row takes the merged cell's value. */
static int xlHeaderNames(XlShape *sh, int c0, int n, char **azName) {
  XlRow *h = &sh->header;
  for (int i = 0; i < n; i++) {
    int col = c0 + i;
    const char *z = "";
    sqlite3_int64 len = 0;
    int src = col;
    for (sqlite3_int64 m = 0; m < sh->nMerge; m++) {
      XlMerge *g = &sh->aMerge[m];
      if (g->r0 == h->row && col >= g->c0 && col <= g->c1) src = g->c0;
    }
    for (sqlite3_int64 k = 0; k < h->nCell; k++) {
      if (h->aCell[k].col == src) {
        z = h->txt.a + h->aCell[k].off;
        len = h->aCell[k].n;
      }
    }
    while (len > 0 && (*z == ' ' || *z == '\t' || *z == '\n' || *z == '\r')) z++, len--;
    while (len > 0 && (z[len - 1] == ' ' || z[len - 1] == '\t' ||
                       z[len - 1] == '\n' || z[len - 1] == '\r')) {
      len--;
    }
    azName[i] = len > 0 ? sqlite3_mprintf("%.*s", (int)len, z)
                        : sqlite3_mprintf("c%d", i + 1);
    if (azName[i] == 0) return SQLITE_NOMEM;
    if (mu_unique_name(azName, i, xlHidden)) return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

static int xlsxfileInit(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                        sqlite3_vtab **ppVtab, char **pzErr) {
  (void)pAux;
  char *azOpt[OPT_N] = {0};
  char **azName = 0;
  int nName = 0;
  XlTable *t = 0;
  XlBook b;
  XlShape sh;
  sqlite3_str *s = 0;
  int rc = SQLITE_OK;
  xlBookInit(&b);
  memset(&sh, 0, sizeof sh);
  *ppVtab = 0;

  /* An attacker who controls a database's schema could use this table in a
  ** view or trigger to read any file the victim can: DIRECTONLY. */
  rc = sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  if (rc != SQLITE_OK) return rc;

  rc = mu_vtab_options("xlsxfile", argc, argv, xlOptName, OPT_N, azOpt, pzErr);
  if (rc != SQLITE_OK) goto done;

  if (azOpt[OPT_FILENAME] == 0) {
    rc = mu_vtab_error(pzErr, "xlsxfile: missing option 'filename'");
    goto done;
  }
  int header = azOpt[OPT_HEADER] ? mu_yes_no(azOpt[OPT_HEADER]) : 1;
  if (header < 0) {
    rc = mu_vtab_error(pzErr, "xlsxfile: header must be yes or no, got '%s'",
                       azOpt[OPT_HEADER]);
    goto done;
  }
  int r0 = 0, r1 = XL_MAX_ROW - 1, c0 = 0, c1 = XL_MAX_COL - 1;
  if (azOpt[OPT_RANGE] && xlParseRange(azOpt[OPT_RANGE], &r0, &c0, &r1, &c1)) {
    rc = mu_vtab_error(pzErr,
                       "xlsxfile: range must be cells like A1:M2001 or A2:M, "
                       "got '%s'",
                       azOpt[OPT_RANGE]);
    goto done;
  }
  if (azOpt[OPT_SHEET] && azOpt[OPT_SHEET][0] == 0) {
    rc = mu_vtab_error(pzErr, "xlsxfile: sheet must be a sheet's name or number, got ''");
    goto done;
  }
  const char *zSchemaParen = 0;
  if (azOpt[OPT_SCHEMA]) {
    rc = mu_schema_option("xlsxfile", azOpt[OPT_SCHEMA], &zSchemaParen, pzErr);
    if (rc != SQLITE_OK) goto done;
  }
  int onErrorRow = 0;
  if (azOpt[OPT_ON_ERROR]) {
    if (!sqlite3_stricmp(azOpt[OPT_ON_ERROR], "row")) {
      onErrorRow = 1;
    } else if (sqlite3_stricmp(azOpt[OPT_ON_ERROR], "fail")) {
      rc = mu_vtab_error(pzErr, "xlsxfile: on_error must be fail or row, got '%s'",
                         azOpt[OPT_ON_ERROR]);
      goto done;
    }
  }

  /* Open the workbook now, so a bad name fails at CREATE time, and read the
  ** sheet once for its header, width and merged cells. */
  if (xlBookOpen(&b, azOpt[OPT_FILENAME], sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1)) ||
      xlBookSheet(&b, azOpt[OPT_SHEET]) || xlScan(&b, r0, r1, c0, c1, &sh)) {
    rc = xlBookError(&b, pzErr);
    goto done;
  }
  int maxCol = sqlite3_limit(db, SQLITE_LIMIT_COLUMN, -1) - XL_NHIDDEN;
  int nCol = 0;
  if (azOpt[OPT_RANGE]) {
    nCol = c1 - c0 + 1;
  } else if (header) {
    for (sqlite3_int64 i = 0; i < sh.header.nCell; i++) {
      int c = sh.header.aCell[i].col;
      for (sqlite3_int64 m = 0; m < sh.nMerge; m++) {
        XlMerge *g = &sh.aMerge[m];
        if (g->r0 == sh.header.row && g->c0 == c && g->c1 > c) c = g->c1;
      }
      if (c + 1 - c0 > nCol) nCol = c + 1 - c0;
    }
  } else {
    nCol = sh.maxCol + 1 - c0;
  }
  if (nCol < 0) nCol = 0;
  if (nCol > maxCol && zSchemaParen == 0) {
    rc = mu_vtab_error(pzErr,
                       "xlsxfile: '%s' has %d columns, more than the %d a table "
                       "may have (give range=)",
                       azOpt[OPT_FILENAME], nCol, maxCol);
    goto done;
  }
  if (nCol == 0 && zSchemaParen == 0) {
    rc = mu_vtab_error(pzErr,
                       header ? "xlsxfile: sheet '%s' of '%s' is empty: there is "
                                "no header row"
                              : "xlsxfile: sheet '%s' of '%s' is empty",
                       b.azSheet[b.iSheet], azOpt[OPT_FILENAME]);
    goto done;
  }

  static const char zHidden[] =
      "_line INTEGER HIDDEN, _error TEXT HIDDEN, _raw TEXT HIDDEN, "
      "_offset INTEGER HIDDEN";
  s = sqlite3_str_new(db);
  if (zSchemaParen) {
    const char *z = azOpt[OPT_SCHEMA];
    sqlite3_str_appendf(s, "%.*s%s, %s", (int)(zSchemaParen + 1 - z), z, zHidden,
                        zSchemaParen + 1);
  } else {
    azName = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)nCol);
    if (azName == 0) {
      rc = SQLITE_NOMEM;
      goto done;
    }
    memset(azName, 0, sizeof(char *) * (size_t)nCol);
    nName = nCol;
    if (header) {
      rc = xlHeaderNames(&sh, c0, nCol, azName);
    } else {
      for (int i = 0; i < nCol && rc == SQLITE_OK; i++) {
        azName[i] = sqlite3_mprintf("c%d", i + 1);
        if (azName[i] == 0) rc = SQLITE_NOMEM;
      }
    }
    if (rc) goto done;
    sqlite3_str_appendf(s, "CREATE TABLE x(%s", zHidden);
    for (int i = 0; i < nCol; i++) sqlite3_str_appendf(s, ", \"%w\" TEXT", azName[i]);
    sqlite3_str_appendall(s, ")");
  }
  char *zSql = sqlite3_str_finish(s);
  s = 0;
  if (zSql == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  rc = sqlite3_declare_vtab(db, zSql);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) {
    if (rc != SQLITE_NOMEM) {
      rc = mu_vtab_error(pzErr, "xlsxfile: schema: %s", sqlite3_errmsg(db));
    }
    goto done;
  }
  t = sqlite3_malloc64(sizeof *t);
  if (t == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  memset(t, 0, sizeof *t);
  t->db = db;
  t->zFile = azOpt[OPT_FILENAME];
  azOpt[OPT_FILENAME] = 0;
  t->zSheet = azOpt[OPT_SHEET];
  azOpt[OPT_SHEET] = 0;
  t->headerRow = header ? sh.header.row : 0;
  t->r0 = r0;
  t->r1 = r1;
  t->c0 = c0;
  t->nCol = nCol;
  t->hasRange = azOpt[OPT_RANGE] != 0 || zSchemaParen != 0;
  t->onErrorRow = onErrorRow;
  *ppVtab = &t->base;

done:
  xlShapeFree(&sh);
  xlBookClose(&b);
  if (s) sqlite3_free(sqlite3_str_finish(s));
  for (int i = 0; i < OPT_N; i++) sqlite3_free(azOpt[i]);
  for (int i = 0; i < nName; i++) sqlite3_free(azName[i]);
  sqlite3_free(azName);
  return rc;
}

/* Distinct xCreate and xConnect keep xlsxfile a regular module. */
static int xlsxfileCreate(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                          sqlite3_vtab **ppVtab, char **pzErr) {
  return xlsxfileInit(db, pAux, argc, argv, ppVtab, pzErr);
}

static int xlsxfileConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                           sqlite3_vtab **ppVtab, char **pzErr) {
  return xlsxfileInit(db, pAux, argc, argv, ppVtab, pzErr);
}

static int xlsxfileDisconnect(sqlite3_vtab *pVtab) {
  XlTable *t = (XlTable *)pVtab;
  sqlite3_free(t->zFile);
  sqlite3_free(t->zSheet);
  sqlite3_free(t);
  return SQLITE_OK;
}

static int xlsxfileBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  (void)pVtab;
  pInfo->estimatedCost = 1000000;
  pInfo->estimatedRows = 100000;
  return SQLITE_OK;
}

static int xlsxfileOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCur) {
  XlTable *t = (XlTable *)pVtab;
  XlCursor *c = sqlite3_malloc64(sizeof *c);
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof *c);
  xlBookInit(&c->b);
  c->aFldOff = sqlite3_malloc64(sizeof(sqlite3_int64) * 2 * (sqlite3_uint64)(t->nCol + 1));
  if (c->aFldOff == 0) {
    sqlite3_free(c);
    return SQLITE_NOMEM;
  }
  c->aFldLen = c->aFldOff + t->nCol + 1;
  c->eof = 1;
  *ppCur = &c->base;
  return SQLITE_OK;
}

static void xlCursorReset(XlCursor *c) {
  if (c->saxOpen) xlSaxClose(&c->x);
  c->saxOpen = 0;
  xlBookClose(&c->b);
  sqlite3_free(c->zRowErr);
  c->zRowErr = 0;
}

static int xlsxfileClose(sqlite3_vtab_cursor *cur) {
  XlCursor *c = (XlCursor *)cur;
  xlCursorReset(c);
  sqlite3_free(c->row.aCell);
  sqlite3_free(c->row.txt.a);
  sqlite3_free(c->aFldOff);
  sqlite3_free(c);
  return SQLITE_OK;
}

static int xlsxfileFail(XlCursor *c) {
  c->eof = 1;
  return xlBookError(&c->b, &c->base.pVtab->zErrMsg);
}

/* The next row with a value; 1 found, 0 end, XL_FAIL. */
static int xlNextRow(XlCursor *c, XlTable *t) {
  for (;;) {
    if (c->b.kind == XL_XLS) {
      if (c->xlsRow >= c->xlsRows || c->xlsRow > (unsigned)t->r1) return 0;
      if (xlsReadRow(&c->b, c->xlsRow++, t->c0, XL_MAX_COL - 1, c->xlsCols, &c->row)) {
        return XL_FAIL;
      }
    } else
    {
      int rc = xlSaxStep(&c->x);
      if (rc <= 0) return rc;
    }
    int r = c->row.row;
    if (r < t->r0 + 1 || r > t->r1 + 1 || r <= t->headerRow) continue;
    for (sqlite3_int64 i = 0; i < c->row.nCell; i++) {
      if (c->row.aCell[i].col >= t->c0) return 1;
    }
  }
}

static int xlsxfileNext(sqlite3_vtab_cursor *cur) {
  XlCursor *c = (XlCursor *)cur;
  XlTable *t = (XlTable *)cur->pVtab;
  sqlite3_free(c->zRowErr);
  c->zRowErr = 0;
  int rc = xlNextRow(c, t);
  if (rc == XL_FAIL) return xlsxfileFail(c);
  if (rc == 0) {
    c->eof = 1;
    return SQLITE_OK;
  }
  c->iRow++;
  for (int i = 0; i < t->nCol; i++) c->aFldOff[i] = -1;
  int width = 0, wideCol = -1;
  for (sqlite3_int64 i = 0; i < c->row.nCell; i++) {
    XlCell *cell = &c->row.aCell[i];
    int k = cell->col - t->c0;
    if (k < 0) continue;
    if (k >= t->nCol) {
      if (!t->hasRange && k + 1 > width) width = k + 1, wideCol = cell->col;
      continue;
    }
    c->aFldOff[k] = cell->off;
    c->aFldLen[k] = cell->n;
  }
  if (width) {
    char ref[8];
    int n = 0, v = wideCol + 1;
    char tmp[8];
    while (v > 0) {
      tmp[n++] = (char)('A' + (v - 1) % 26);
      v = (v - 1) / 26;
    }
    for (int i = 0; i < n; i++) ref[i] = tmp[n - 1 - i];
    ref[n] = 0;
    char *zWhy = sqlite3_mprintf("expected %d fields, got %d (cell %s%d has a value)",
                                 t->nCol, width, ref, c->row.row);
    if (zWhy == 0) return SQLITE_NOMEM;
    if (t->onErrorRow) {
      c->zRowErr = zWhy;
    } else {
      c->eof = 1;
      rc = mu_vtab_error(&cur->pVtab->zErrMsg, "xlsxfile: row %d: %s", c->row.row, zWhy);
      sqlite3_free(zWhy);
      return rc;
    }
  }
  return SQLITE_OK;
}

static int xlsxfileFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                          int argc, sqlite3_value **argv) {
  (void)idxNum, (void)idxStr, (void)argc, (void)argv;
  XlCursor *c = (XlCursor *)cur;
  XlTable *t = (XlTable *)cur->pVtab;
  xlCursorReset(c);
  c->iRow = 0;
  c->eof = 0;
  if (xlBookOpen(&c->b, t->zFile, sqlite3_limit(t->db, SQLITE_LIMIT_LENGTH, -1)) ||
      xlBookSheet(&c->b, t->zSheet)) {
    return xlsxfileFail(c);
  }
  if (c->b.kind == XL_XLS) {
    unsigned rows = 0;
    unsigned short cols = 0;
    if (freexl_worksheet_dimensions(c->b.xls, &rows, &cols) != FREEXL_OK) {
      xlFatal(&c->b, SQLITE_ERROR, "xlsxfile: '%s': cannot read sheet %d", t->zFile,
              c->b.iSheet + 1);
      return xlsxfileFail(c);
    }
    c->xlsRow = (unsigned)t->r0;
    c->xlsRows = rows;
    c->xlsCols = cols;
  } else
  {
    if (xlSaxOpen(&c->x, &c->b, c->b.zSheetPath, M_ROWS, 0)) {
      c->saxOpen = 1;
      return xlsxfileFail(c);
    }
    c->saxOpen = 1;
    c->x.r0 = t->r0;
    c->x.r1 = t->r1;
    c->x.c0 = t->c0;
    c->x.row = &c->row;
  }
  return xlsxfileNext(cur);
}

static int xlsxfileEof(sqlite3_vtab_cursor *cur) { return ((XlCursor *)cur)->eof; }

/* The row's values as one CSV line (RFC 4180 quoting). */
static int xlRawLine(XlCursor *c, XlTable *t, sqlite3_context *ctx) {
  sqlite3_str *s = sqlite3_str_new(0);
  for (int i = 0; i < t->nCol; i++) {
    if (i) sqlite3_str_appendchar(s, 1, ',');
    if (c->aFldOff[i] < 0) continue;
    const char *z = c->row.txt.a + c->aFldOff[i];
    sqlite3_int64 n = c->aFldLen[i];
    int quote = 0;
    for (sqlite3_int64 k = 0; k < n && !quote; k++) {
      quote = z[k] == ',' || z[k] == '"' || z[k] == '\n' || z[k] == '\r';
    }
    if (!quote) {
      sqlite3_str_append(s, z, (int)n);
      continue;
    }
    sqlite3_str_appendchar(s, 1, '"');
    for (sqlite3_int64 k = 0; k < n; k++) {
      if (z[k] == '"') sqlite3_str_appendchar(s, 1, '"');
      sqlite3_str_appendchar(s, 1, z[k]);
    }
    sqlite3_str_appendchar(s, 1, '"');
  }
  int rc = sqlite3_str_errcode(s);
  int n = sqlite3_str_length(s);
  char *z = sqlite3_str_finish(s);
  if (rc == SQLITE_NOMEM || (z == 0 && n > 0)) {
    sqlite3_free(z);
    return SQLITE_NOMEM;
  }
  if (rc == SQLITE_TOOBIG) {
    sqlite3_free(z);
    sqlite3_result_error_toobig(ctx);
    return SQLITE_OK;
  }
  sqlite3_result_text(ctx, z ? z : "", n, z ? sqlite3_free : SQLITE_STATIC);
  return SQLITE_OK;
}

static int xlsxfileColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  XlCursor *c = (XlCursor *)cur;
  XlTable *t = (XlTable *)cur->pVtab;
  switch (i) {
  case XL_COL_LINE:
    sqlite3_result_int(ctx, c->row.row);
    return SQLITE_OK;
  case XL_COL_ERROR:
    if (c->zRowErr) sqlite3_result_text(ctx, c->zRowErr, -1, SQLITE_TRANSIENT);
    return SQLITE_OK;
  case XL_COL_OFFSET:
    if (c->b.kind == XL_XLS) {
      sqlite3_result_int64(ctx, c->xlsRows ? c->b.fileSize * c->xlsRow / c->xlsRows : 0);
    } else
    {
      sqlite3_int64 pos = (sqlite3_int64)unzGetCurrentFileZStreamPos64(c->b.uz);
      sqlite3_result_int64(ctx, pos - (c->x.zInit ? (sqlite3_int64)c->x.zs.avail_in : 0));
    }
    return SQLITE_OK;
  case XL_COL_RAW:
    return xlRawLine(c, t, ctx);
  default: {
    int k = i - XL_NHIDDEN;
    if (k < 0 || k >= t->nCol) return SQLITE_OK;
    if (c->aFldOff[k] < 0) {
      sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
    } else {
      sqlite3_result_text64(ctx, c->row.txt.a + c->aFldOff[k],
                            (sqlite3_uint64)c->aFldLen[k], SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    return SQLITE_OK;
  }
  }
}

static int xlsxfileRowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *pRowid) {
  *pRowid = ((XlCursor *)cur)->iRow;
  return SQLITE_OK;
}

static sqlite3_module xlsxfileModule = {
    0,                  /* iVersion */
    xlsxfileCreate,     /* xCreate */
    xlsxfileConnect,    /* xConnect */
    xlsxfileBestIndex,  /* xBestIndex */
    xlsxfileDisconnect, /* xDisconnect */
    xlsxfileDisconnect, /* xDestroy */
    xlsxfileOpen,       /* xOpen */
    xlsxfileClose,      /* xClose */
    xlsxfileFilter,     /* xFilter */
    xlsxfileNext,       /* xNext */
    xlsxfileEof,        /* xEof */
    xlsxfileColumn,     /* xColumn */
    xlsxfileRowid,      /* xRowid */
    0,                  /* xUpdate */
    0,                  /* xBegin */
    0,                  /* xSync */
    0,                  /* xCommit */
    0,                  /* xRollback */
    0,                  /* xFindFunction */
    0,                  /* xRename */
    0,                  /* xSavepoint */
    0,                  /* xRelease */
    0,                  /* xRollbackTo */
    0,                  /* xShadowName */
};

int muling_register_xlsxfile(sqlite3 *db) {
  return sqlite3_create_module_v2(db, "xlsxfile", &xlsxfileModule, 0, 0);
}
