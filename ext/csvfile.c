/*
** csvfile.c — read a .csv or .csv.gz file as a virtual table.
**
**   CREATE VIRTUAL TABLE temp.t USING csvfile(
**       filename = 'export.csv.gz',  -- required; gzip is detected by its
**                                    -- magic bytes 1F 8B, not by the name
**       header   = yes,              -- yes|no: column names from line 1
**       encoding = gb18030,          -- utf-8 (default) | gb18030 | gbk
**       delimiter = ',',             -- one ASCII punctuation char, ' ' or '\t'
**       columns  = 13,               -- force the number of fields per row
**       schema   = 'CREATE TABLE x(a, b, c)',  -- declare the columns yourself
**       on_error = fail              -- fail | row
**   );
**   SELECT _line, _error, _raw, _offset, * FROM t;
**
** Every option is key=value, in any order; an unknown or repeated key is an
** error naming it.  Values are text (NULL never occurs); missing fields of a
** short row (on_error=row) are NULL.
**
** Hidden columns:
**   _line    the physical line where the row starts (the header is line 1)
**   _error   NULL, or why the row is bad (on_error=row only), a stable
**            key first: 'field_count: expected 13 fields, got 9',
**            'quoting: field 3: …', 'encoding: field 3: invalid GB18030
**            bytes' (or '… a NUL byte (0x00) in the text')
**   _raw     the row as it stands in the file, quotes and line breaks
**            included, decoded to UTF-8 (undecodable bytes become U+FFFD)
**   _offset  bytes of the file consumed so far (compressed bytes for .gz),
**            for a progress bar
**
** Reading: RFC 4180 quoting ("a,b", embedded line breaks, "" for a quote),
** CRLF or LF line ends, a UTF-8 BOM (or the GB18030 one) skipped, empty lines
** skipped; a UTF-16 file (its BOM) is refused.  The parser walks the file's own bytes; in gb18030/gbk mode it
** keeps each multi-byte character whole (its trail bytes may look like '|'
** or '@'), so a delimiter can never split one, whatever buffer boundary it
** falls on.  Each finished field is then converted to UTF-8 as glibc's
** iconv converts it (a row of unquoted fields at once, then split at the
** delimiter: the same text, since the fields were cut between whole
** characters and the delimiter is ASCII): a two-byte character from a
** table the connection made by asking iconv about each two-byte code, the
** first time it read the encoding; anything else through iconv itself.  A row with the wrong number of fields, bytes that are not valid in
** the declared encoding, or a quote left open at the end of the file stops
** the query with `csvfile: line 7: expected 13 fields, got 9` — unless
** on_error=row, which yields the row (fields as far as they go) with _error
** set to the reason.
**
** Security: the table reads files, so it is DIRECTONLY: a view or trigger in
** a database someone else made cannot use it (see csvfileInit).
*/
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#ifdef _WIN32
#include "win32.h"
#else
#include <iconv.h>
#endif
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define CSV_BUFSZ 32768 /* file read and inflate buffer */

/* Hidden columns come first, so the user's columns (generated or from
** schema=) start at CSV_NHIDDEN whatever their number. */
#define CSV_COL_LINE 0
#define CSV_COL_ERROR 1
#define CSV_COL_RAW 2
#define CSV_COL_OFFSET 3
#define CSV_NHIDDEN 4

/* the values of mu_csv_encoding() (common.h), which reads encoding= */
enum { CSV_UTF8 = MU_CSV_UTF8, CSV_GB18030 = MU_CSV_GB18030, CSV_GBK = MU_CSV_GBK };
static const char *const csvEncName[] = {"UTF-8", "GB18030", "GBK"};

/* Row-level problems: on_error=row yields the row with the reason. */
enum {
  CSV_OK,
  CSV_ERR_QUOTE_EOF,
  CSV_ERR_QUOTE_CHAR,
  CSV_ERR_DECODE,
  CSV_ERR_NUL,
  CSV_ERR_COUNT
};

#define CSV_FAIL (-2) /* csvGet: an I/O, gzip or memory error; see r->rc */
#define CSV_EOF (-1)

static voidpf csvZalloc(voidpf opaque, uInt items, uInt size) {
  (void)opaque;
  return sqlite3_malloc64((sqlite3_uint64)items * size);
}
static void csvZfree(voidpf opaque, voidpf p) {
  (void)opaque;
  sqlite3_free(p);
}

typedef struct CsvField {
  sqlite3_int64 off, n; /* in aFld, or in aDec when dec */
  int dec;
} CsvField;

/* One pass over the file: bytes in, rows out. */
typedef struct CsvReader {
  int fd;
  int enc;
  char delim;
  sqlite3_int64 limit; /* SQLITE_LIMIT_LENGTH: the longest row kept */
  const char *zFile;   /* borrowed from the table */
  /* bytes */
  unsigned char *aRaw; /* read(2) buffer */
  unsigned char *aOut; /* inflate output (gzip files only) */
  unsigned char *p, *end; /* bytes not yet taken by the parser */
  int isGz, zInit, zMemberEnd, rawEof;
  z_stream zs;
  sqlite3_int64 nRead; /* bytes read from the file */
  iconv_t cd;          /* (iconv_t)-1 in utf-8 mode */
  const unsigned char *aGb; /* GB18030/GBK: the two-byte table (csvGbTable) */
  sqlite3_int64 line;  /* current physical line, from 1 */
  /* the current row */
  unsigned char *aRow; /* its bytes as read, for _raw */
  sqlite3_int64 nRow, nRowAlloc;
  unsigned char *aFld; /* field contents, quotes undone */
  sqlite3_int64 nFld, nFldAlloc;
  unsigned char *aDec; /* fields converted to UTF-8 */
  sqlite3_int64 nDec, nDecAlloc;
  CsvField *aField;
  int nField, nFieldAlloc;
  sqlite3_int64 rowLine; /* line where the row starts */
  sqlite3_int64 rowOffset;
  int rowErr, rowErrField; /* CSV_ERR_*, 1-based field */
  int rowDecoded;          /* a field of the row was not valid UTF-8 as read */
  int rowWhole;            /* GB18030/GBK: aDec[0..nRowDec) is the row decoded at once */
  sqlite3_int64 nRowDec;
  int rowNul;              /* a field of the row has a NUL byte */
  /* a fatal error: rc and message */
  int rc;
  char *zErr;
} CsvReader;

static void csvReaderInit(CsvReader *r) {
  memset(r, 0, sizeof *r);
  r->fd = -1;
  r->cd = (iconv_t)-1;
}

static void csvReaderClose(CsvReader *r) {
  if (r->fd >= 0) close(r->fd);
  if (r->zInit) inflateEnd(&r->zs);
  if (r->cd != (iconv_t)-1) iconv_close(r->cd);
  sqlite3_free(r->aRaw);
  sqlite3_free(r->aOut);
  sqlite3_free(r->aRow);
  sqlite3_free(r->aFld);
  sqlite3_free(r->aDec);
  sqlite3_free(r->aField);
  sqlite3_free(r->zErr);
  csvReaderInit(r);
}

/* Record a fatal error.  Returns CSV_FAIL. */
static int csvFatal(CsvReader *r, int rc, const char *fmt, ...) {
  if (r->rc) return CSV_FAIL; /* keep the first */
  r->rc = rc;
  if (rc == SQLITE_NOMEM || fmt == 0) return CSV_FAIL;
  va_list ap;
  va_start(ap, fmt);
  r->zErr = sqlite3_vmprintf(fmt, ap);
  va_end(ap);
  if (r->zErr == 0) r->rc = SQLITE_NOMEM;
  return CSV_FAIL;
}

/* Grow *pa (element size sz) to hold at least need elements. */
static int csvGrow(void **pa, sqlite3_int64 *pAlloc, sqlite3_int64 need,
                   size_t sz) {
  if (need <= *pAlloc) return SQLITE_OK;
  sqlite3_int64 n = *pAlloc ? *pAlloc * 2 : 256;
  while (n < need) n *= 2;
  void *a = sqlite3_realloc64(*pa, (sqlite3_uint64)n * sz);
  if (a == 0) return SQLITE_NOMEM;
  *pa = a;
  *pAlloc = n;
  return SQLITE_OK;
}

/* Read more of the file, keeping the bytes not yet taken at the front of
** the buffer.  Returns 1 when bytes were added, 0 at the end of the file,
** CSV_FAIL on error. */
static int csvFill(CsvReader *r) {
  unsigned char *buf = r->isGz ? r->aOut : r->aRaw;
  size_t keep = (size_t)(r->end - r->p);
  if (keep) memmove(buf, r->p, keep);
  r->p = buf;
  r->end = buf + keep;
  if (!r->isGz) {
    ssize_t n;
    do {
      n = read(r->fd, buf + keep, CSV_BUFSZ - keep);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      return csvFatal(r, SQLITE_ERROR, "csvfile: cannot read '%s': %s",
                      r->zFile, strerror(errno));
    }
    r->nRead += n;
    r->end += n;
    return n > 0;
  }
  for (;;) {
    if (r->zs.avail_in == 0 && !r->rawEof) {
      ssize_t n;
      do {
        n = read(r->fd, r->aRaw, CSV_BUFSZ);
      } while (n < 0 && errno == EINTR);
      if (n < 0) {
        return csvFatal(r, SQLITE_ERROR, "csvfile: cannot read '%s': %s",
                        r->zFile, strerror(errno));
      }
      if (n == 0) r->rawEof = 1;
      r->nRead += n;
      r->zs.next_in = r->aRaw;
      r->zs.avail_in = (uInt)n;
    }
    if (r->zMemberEnd) {
      /* Another gzip member may follow, as after `cat a.gz b.gz`. */
      if (r->zs.avail_in == 0 && r->rawEof) return 0;
      if (r->zs.avail_in == 0) continue;
      if (inflateReset(&r->zs) != Z_OK) {
        return csvFatal(r, SQLITE_ERROR, "csvfile: cannot inflate '%s'",
                        r->zFile);
      }
      r->zMemberEnd = 0;
    }
    r->zs.next_out = r->end;
    r->zs.avail_out = (uInt)(CSV_BUFSZ - keep);
    int rc = inflate(&r->zs, Z_NO_FLUSH);
    size_t got = (size_t)(r->zs.next_out - r->end);
    r->end += got;
    if (rc == Z_STREAM_END) {
      r->zMemberEnd = 1;
    } else if (rc == Z_MEM_ERROR) {
      return csvFatal(r, SQLITE_NOMEM, 0);
    } else if (rc == Z_BUF_ERROR || (rc == Z_OK && got == 0)) {
      if (r->zs.avail_in == 0 && r->rawEof) {
        return csvFatal(r, SQLITE_ERROR, "csvfile: truncated gzip data in '%s'",
                        r->zFile);
      }
    } else if (rc != Z_OK) {
      return csvFatal(r, SQLITE_ERROR, "csvfile: corrupt gzip data in '%s' (%s)",
                      r->zFile, r->zs.msg ? r->zs.msg : zError(rc));
    }
    if (got > 0) return 1;
  }
}

/* The file bytes consumed so far: exact for plain files, what inflate has
** eaten for gzip files. */
static sqlite3_int64 csvConsumed(CsvReader *r) {
  if (r->isGz) return r->nRead - r->zs.avail_in;
  return r->nRead - (r->end - r->p);
}

/* Append one byte to the row text kept for _raw. */
static int csvRowByte(CsvReader *r, int c) {
  if (r->nRow >= r->nRowAlloc) {
    if (r->nRow >= r->limit) {
      return csvFatal(r, SQLITE_ERROR,
                      "csvfile: line %lld: row longer than the length limit "
                      "of %lld bytes",
                      r->rowLine, r->limit);
    }
    if (csvGrow((void **)&r->aRow, &r->nRowAlloc, r->nRow + 1, 1)) {
      return csvFatal(r, SQLITE_NOMEM, 0);
    }
    /* come back here at the limit, however much was allocated */
    if (r->nRowAlloc > r->limit) r->nRowAlloc = r->limit;
  }
  r->aRow[r->nRow++] = (unsigned char)c;
  return 0;
}

/* The next byte of the file, kept in the row text; CSV_EOF or CSV_FAIL. */
static inline int csvGet(CsvReader *r) {
  if (r->p == r->end) {
    int rc = csvFill(r);
    if (rc == 0) return CSV_EOF;
    if (rc < 0) return CSV_FAIL;
  }
  int c = *r->p++;
  if (r->nRow < r->nRowAlloc) {
    r->aRow[r->nRow++] = (unsigned char)c;
  } else if (csvRowByte(r, c)) {
    return CSV_FAIL;
  }
  if (c == '\n') r->line++;
  return c;
}

static inline int csvFldByte(CsvReader *r, int c) {
  if (r->nFld >= r->nFldAlloc &&
      csvGrow((void **)&r->aFld, &r->nFldAlloc, r->nFld + 1, 1)) {
    return csvFatal(r, SQLITE_NOMEM, 0);
  }
  r->aFld[r->nFld++] = (unsigned char)c;
  return 0;
}

/* Close the field that started at aFld offset `start`. */
static int csvEndField(CsvReader *r, sqlite3_int64 start) {
  if (r->nField >= r->nFieldAlloc) {
    sqlite3_int64 n = r->nFieldAlloc;
    if (csvGrow((void **)&r->aField, &n, r->nField + 1, sizeof(CsvField))) {
      return csvFatal(r, SQLITE_NOMEM, 0);
    }
    r->nFieldAlloc = (int)n;
  }
  CsvField *f = &r->aField[r->nField++];
  f->off = start;
  f->n = r->nFld - start;
  f->dec = 0;
  /* Every field is followed by a NUL, so a field without one inside goes
  ** to SQLite as C text (csvfileColumn): its value then says it has its
  ** terminator, and length(), substr() or a CHECK on it need not copy
  ** it to add one. */
  return csvFldByte(r, 0);
}

static void csvRowError(CsvReader *r, int kind, int field) {
  if (r->rowErr == CSV_OK) {
    r->rowErr = kind;
    r->rowErrField = field;
  }
}

/* ------------------------------------------------------------------------
** GB18030/GBK two-byte characters by table.  iconv costs a call and a
** conversion step per character; nearly every character of a Chinese
** export is one of the two-byte codes (lead 0x81-0xFE, trail 0x40-0xFE
** but 0x7F).  A table holds iconv's own answer for each of them: it is
** made by asking iconv, code by code, the first time a table of the
** connection reads the encoding (nothing in it is typed by hand, and
** GBK's and GB18030's differ as their converters do).  csvDecode then
** copies ASCII, takes a two-byte character from the table, and hands
** anything else -- a four-byte character, a code iconv refused, a lead
** byte at the end of a field, 0x80, 0xFF -- to iconv as before, with the
** same errors and the same U+FFFD.
*/
#define CSV_GB_TRAILS 191 /* trail bytes 0x40..0xFE; 0x7F's entries stay empty */
#define CSV_GB_SIZE (126 * CSV_GB_TRAILS * 4)

/* The entry of lead byte a and trail byte b: the length of its UTF-8
** (0: ask iconv), then up to 3 bytes of it. */
#define CSV_GB_ENTRY(tab, a, b) ((tab) + (((a)-0x81) * CSV_GB_TRAILS + ((b)-0x40)) * 4)

/* A connection's tables (the module's client data), by encoding; each
** NULL until a table reads that encoding, freed with the connection. */
typedef struct CsvShared {
  unsigned char *aGb[3];
} CsvShared;

static void csvSharedFree(void *p) {
  CsvShared *sh = p;
  if (sh == 0) return;
  for (int i = 0; i < 3; i++) sqlite3_free(sh->aGb[i]);
  sqlite3_free(sh);
}

/* Make the two-byte table of the encoding cd converts from.  A lead byte
** that iconv takes as a character by itself gets no entries (iconv would
** not read it with the byte after it), nor does a code iconv refuses or
** does not read whole.  Returns SQLITE_OK or SQLITE_NOMEM. */
static int csvGbBuild(iconv_t cd, unsigned char **pTab) {
  unsigned char *tab = sqlite3_malloc64(CSV_GB_SIZE);
  if (tab == 0) return SQLITE_NOMEM;
  memset(tab, 0, CSV_GB_SIZE);
  for (int a = 0x81; a <= 0xfe; a++) {
    char in[2] = {(char)a, 0}, out[8];
    char *pi = in, *po = out;
    size_t ni = 1, no = sizeof out;
    size_t rc = iconv(cd, &pi, &ni, &po, &no);
    iconv(cd, 0, 0, 0, 0); /* back to the initial state after an error */
    if (rc != (size_t)-1 || ni != 1) continue;
    for (int b = 0x40; b <= 0xfe; b++) {
      in[1] = (char)b;
      pi = in, po = out, ni = 2, no = sizeof out;
      rc = iconv(cd, &pi, &ni, &po, &no);
      if (rc == (size_t)-1) iconv(cd, 0, 0, 0, 0);
      size_t len = sizeof out - no;
      if (rc == (size_t)-1 || ni != 0 || len < 1 || len > 3) continue;
      unsigned char *e = CSV_GB_ENTRY(tab, a, b);
      e[0] = (unsigned char)len;
      memcpy(e + 1, out, len);
    }
  }
  *pTab = tab;
  return SQLITE_OK;
}

/* Open the file and get ready to parse from its first byte. */
static int csvReaderOpen(CsvReader *r, CsvShared *sh, const char *zFile, int enc, char delim,
                         sqlite3_int64 limit) {
  r->zFile = zFile;
  r->enc = enc;
  r->delim = delim;
  r->limit = limit;
  r->line = 1;
  /* O_NONBLOCK so a FIFO named here cannot block the open (SQLite connects
  ** a table a hostile schema declares before it refuses it as DIRECTONLY);
  ** only a regular file is read: not a FIFO, a device such as /dev/zero,
  ** or a directory. */
#ifdef _WIN32
  r->fd = mu_win_open_read(zFile);
  if (r->fd < 0 && errno == ENOMEM) return csvFatal(r, SQLITE_NOMEM, 0);
  if (r->fd < 0 && errno == EISDIR)
    return csvFatal(r, SQLITE_ERROR, "csvfile: '%s' is not a regular file", zFile);
#else
  r->fd = open(zFile, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
#endif
  if (r->fd < 0) {
    return csvFatal(r, SQLITE_ERROR, "csvfile: cannot open '%s': %s", zFile,
                    strerror(errno));
  }
  struct stat sb;
  if (fstat(r->fd, &sb) != 0) {
    return csvFatal(r, SQLITE_ERROR, "csvfile: cannot open '%s': %s", zFile,
                    strerror(errno));
  }
  if (!S_ISREG(sb.st_mode)) {
    return csvFatal(r, SQLITE_ERROR, "csvfile: '%s' is not a regular file", zFile);
  }
#ifndef _WIN32
  int fl = fcntl(r->fd, F_GETFL);
  if (fl < 0 || fcntl(r->fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
    return csvFatal(r, SQLITE_ERROR, "csvfile: cannot open '%s': %s", zFile,
                    strerror(errno));
  }
#endif
  r->aRaw = sqlite3_malloc64(CSV_BUFSZ);
  if (r->aRaw == 0) return csvFatal(r, SQLITE_NOMEM, 0);
  r->p = r->end = r->aRaw;
  /* gzip or not: by the magic bytes, whatever the name says */
  while (r->end - r->p < 2) {
    int rc = csvFill(r);
    if (rc < 0) return CSV_FAIL;
    if (rc == 0) break;
  }
  if (r->end - r->p >= 2 && r->p[0] == 0x1f && r->p[1] == 0x8b) {
    r->aOut = sqlite3_malloc64(CSV_BUFSZ);
    if (r->aOut == 0) return csvFatal(r, SQLITE_NOMEM, 0);
    r->zs.zalloc = csvZalloc;
    r->zs.zfree = csvZfree;
    r->zs.next_in = r->p;
    r->zs.avail_in = (uInt)(r->end - r->p);
    int rc = inflateInit2(&r->zs, 31);
    if (rc != Z_OK) {
      return csvFatal(r, rc == Z_MEM_ERROR ? SQLITE_NOMEM : SQLITE_ERROR,
                      "csvfile: cannot inflate '%s'", zFile);
    }
    r->zInit = 1;
    r->isGz = 1;
    r->p = r->end = r->aOut;
  }
  if (enc != CSV_UTF8) {
    r->cd = iconv_open("UTF-8", csvEncName[enc]);
    if (r->cd == (iconv_t)-1) {
      if (errno == ENOMEM) return csvFatal(r, SQLITE_NOMEM, 0);
      return csvFatal(r, SQLITE_ERROR, "csvfile: iconv cannot convert %s: %s",
                      csvEncName[enc], strerror(errno));
    }
    if (sh) {
      if (sh->aGb[enc] == 0 && csvGbBuild(r->cd, &sh->aGb[enc])) return csvFatal(r, SQLITE_NOMEM, 0);
      r->aGb = sh->aGb[enc];
    }
  }
  /* A byte-order mark is not data: UTF-8's EF BB BF, GB18030's 84 31 95 33. */
  while (r->end - r->p < 4) {
    int rc = csvFill(r);
    if (rc < 0) return CSV_FAIL;
    if (rc == 0) break;
  }
  sqlite3_int64 have = r->end - r->p;
  int utf8Bom = have >= 3 && !memcmp(r->p, "\xEF\xBB\xBF", 3);
  if (have >= 2 && (!memcmp(r->p, "\xFF\xFE", 2) || !memcmp(r->p, "\xFE\xFF", 2))) {
    /* no byte of FF FE or FE FF starts a UTF-8 or GB18030 text */
    return csvFatal(r, SQLITE_ERROR,
                    "csvfile: '%s' starts with a UTF-16 byte-order mark: "
                    "UTF-16 files are not supported: save as UTF-8 or GB18030",
                    zFile);
  }
  if (enc == CSV_UTF8 && utf8Bom) {
    r->p += 3;
  } else if (utf8Bom) {
    /* In GB18030 these bytes are the characters 锘, then half of another:
    ** a UTF-8 file would come out as mojibake instead of an error. */
    return csvFatal(r, SQLITE_ERROR,
                    "csvfile: '%s' starts with a UTF-8 byte-order mark: "
                    "use encoding=utf-8",
                    zFile);
  } else if (enc == CSV_GB18030 && have >= 4 &&
             !memcmp(r->p, "\x84\x31\x95\x33", 4)) {
    r->p += 4;
  }
  return SQLITE_OK;
}

/* GB18030/GBK: does byte c continue a character after `state` bytes?
** Returns the next state (0 when the character is complete) or -1. */
static int csvGbNext(int enc, int state, int c) {
  if (state == 1) {
    if (enc == CSV_GB18030 && c >= 0x30 && c <= 0x39) return 2;
    if (c >= 0x40 && c <= 0xfe && c != 0x7f) return 0;
    return -1;
  }
  if (state == 2) return c >= 0x81 && c <= 0xfe ? 3 : -1;
  return c >= 0x30 && c <= 0x39 ? 0 : -1; /* state 3: the 4th byte */
}

/* Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
** Returns the length of the valid sequence at z (n bytes left), or 0. */
static inline int csvUtf8Len(const unsigned char *z, sqlite3_int64 n) {
  unsigned c = z[0];
  if (c < 0x80) return 1;
  int len;
  unsigned lo = 0x80, hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) {
    len = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    len = 3;
    if (c == 0xe0) lo = 0xa0;
    if (c == 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (n < len) return 0;
  if (z[1] < lo || z[1] > hi) return 0;
  for (int i = 2; i < len; i++) {
    if (z[i] < 0x80 || z[i] > 0xbf) return 0;
  }
  return len;
}

/* Append z[0..n) to aDec as UTF-8, undecodable bytes as U+FFFD.  Returns
** SQLITE_OK or SQLITE_NOMEM; *pBad is set when something was replaced. */
static int csvDecode(CsvReader *r, const unsigned char *z, sqlite3_int64 n,
                     int *pBad) {
  /* 3 output bytes per input byte covers every case: GB 2-byte → 3,
  ** GB 4-byte → 4, one bad byte → U+FFFD (3). */
  if (csvGrow((void **)&r->aDec, &r->nDecAlloc, r->nDec + 3 * n + 4, 1)) {
    return SQLITE_NOMEM;
  }
  unsigned char *out = r->aDec + r->nDec;
  if (r->enc == CSV_UTF8) {
    /* the valid start (all of it, as a rule) is copied at once */
    sqlite3_int64 i = 0;
    while (i < n) {
      if (z[i] < 0x80) {
        i++;
        continue;
      }
      int k = csvUtf8Len(z + i, n - i);
      if (k == 0) break;
      i += k;
    }
    if (i > 0) memcpy(out, z, (size_t)i);
    out += i;
    while (i < n) {
      int k = csvUtf8Len(z + i, n - i);
      if (k == 0) {
        *pBad = 1;
        memcpy(out, "\xEF\xBF\xBD", 3);
        out += 3;
        i++;
      } else {
        memcpy(out, z + i, (size_t)k);
        out += k;
        i += k;
      }
    }
  } else {
    /* ASCII as it is, a two-byte character from the table, anything else
    ** through iconv: at most one character a call (4 bytes: iconv reads
    ** no further to convert or refuse the one at z + i), so iconv's
    ** answer for it is what it gives converting the whole text */
    const unsigned char *tab = r->aGb;
    sqlite3_int64 i = 0;
    while (i < n) {
      unsigned c = z[i];
      if (c < 0x80) {
        *out++ = (unsigned char)c;
        i++;
        continue;
      }
      if (tab && c >= 0x81 && c <= 0xfe && i + 1 < n && z[i + 1] >= 0x40 && z[i + 1] <= 0xfe) {
        const unsigned char *e = CSV_GB_ENTRY(tab, c, z[i + 1]);
        if (e[0]) {
          /* 3 bytes copied, e[0] kept: the room is 3 a byte of z */
          memcpy(out, e + 1, 3);
          out += e[0];
          i += 2;
          continue;
        }
      }
      char *in = (char *)z + i;
      size_t inLeft = (size_t)(n - i < 4 ? n - i : 4);
      char *o = (char *)out;
      size_t outLeft = (size_t)(r->nDecAlloc - (out - r->aDec));
      size_t rc = iconv(r->cd, &in, &inLeft, &o, &outLeft);
      sqlite3_int64 took = in - ((char *)z + i);
      if (rc == (size_t)-1 && took == 0) {
        if (errno == E2BIG || outLeft < 3) {
          /* not expected with the room reserved above, but never truncate */
          sqlite3_int64 at = out - r->aDec;
          if (csvGrow((void **)&r->aDec, &r->nDecAlloc, r->nDecAlloc + 3 * (n - i) + 4, 1)) {
            return SQLITE_NOMEM;
          }
          out = r->aDec + at;
          continue;
        }
        /* EILSEQ (no character) or EINVAL (cut short by the field's end):
        ** one U+FFFD for the first byte, then go on after it */
        *pBad = 1;
        memcpy(o, "\xEF\xBF\xBD", 3);
        o += 3;
        took = 1;
      }
      out = (unsigned char *)o;
      i += took;
    }
  }
  r->nDec = out - r->aDec;
  return SQLITE_OK;
}

/* The bytes of field f.  A buffer is still NULL while every field read so
** far was empty, and NULL + 0 is undefined behaviour: answer "" then. */
static const char *csvFieldText(const CsvReader *r, const CsvField *f) {
  const unsigned char *base = f->dec ? r->aDec : r->aFld;
  return base ? (const char *)base + f->off : "";
}

/* GB18030/GBK: a row of unquoted fields -- the field bytes and one
** delimiter between each two are the whole row (a quoted field would add
** its quotes) -- is decoded with one iconv call instead of one a field
** (iconv's cost is mostly its calls), then split at the delimiter, which
** is ASCII, so itself in every encoding and never a byte of a decoded
** character.  The parser cut the fields between whole characters, so
** decoding the row is decoding each field, and aDec then also holds _raw.
** Returns 0 when the row was not decoded so (not plain, bad bytes, a NUL:
** field by field then finds the field to name), 1 when it was, or
** CSV_FAIL. */
static int csvDecodeRow(CsvReader *r) {
  /* aFld holds each field and its NUL */
  if (r->enc == CSV_UTF8 || r->nField == 0 || (unsigned char)r->delim >= 0x80 || r->nFld - 1 != r->nRow)
    return 0;
  int bad = 0;
  if (csvDecode(r, r->aRow, r->nRow, &bad)) return csvFatal(r, SQLITE_NOMEM, 0);
  int delims = -1; /* -1: bad bytes or a NUL */
  const unsigned char *d = r->aDec, *end = r->aDec + r->nDec;
  if (!bad && (d == end || !memchr(d, 0, (size_t)(end - d)))) {
    delims = 0;
    for (const unsigned char *p = d; p < end && (p = memchr(p, r->delim, (size_t)(end - p))) != 0; p++)
      delims++;
  }
  if (delims != r->nField - 1) {
    r->nDec = 0;
    return 0;
  }
  /* the fields: a copy of the row after it, each delimiter a NUL */
  sqlite3_int64 len = r->nDec;
  if (csvGrow((void **)&r->aDec, &r->nDecAlloc, 2 * len + 1, 1)) return csvFatal(r, SQLITE_NOMEM, 0);
  d = r->aDec;
  memcpy(r->aDec + len, d, (size_t)len);
  r->aDec[2 * len] = 0;
  sqlite3_int64 start = 0;
  for (int i = 0; i < r->nField; i++) {
    const unsigned char *p = i < r->nField - 1 ? memchr(d + start, r->delim, (size_t)(len - start)) : d + len;
    CsvField *f = &r->aField[i];
    f->dec = 1;
    f->off = len + start;
    f->n = (p - d) - start;
    r->aDec[len + (p - d)] = 0;
    start = (p - d) + 1;
  }
  r->nRowDec = len;
  r->nDec = 2 * len + 1;
  r->rowDecoded = r->rowWhole = 1;
  return 1;
}

/* Convert or check every field of the row, setting CSV_ERR_DECODE on the
** first field with bytes that are not valid in the encoding. */
static int csvDecodeFields(CsvReader *r) {
  r->nDec = 0;
  r->rowDecoded = r->rowWhole = r->rowNul = 0;
  int whole = csvDecodeRow(r);
  if (whole) return whole < 0 ? CSV_FAIL : SQLITE_OK;
  for (int i = 0; i < r->nField; i++) {
    CsvField *f = &r->aField[i];
    const unsigned char *z = (const unsigned char *)csvFieldText(r, f);
    sqlite3_int64 j = 0;
    if (r->enc == CSV_UTF8) {
      /* valid UTF-8 is used where it lies */
      while (j < f->n) {
        if (z[j] < 0x80) {
          j++;
          continue;
        }
        int k = csvUtf8Len(z + j, f->n - j);
        if (k == 0) break;
        j += k;
      }
    } else {
      while (j < f->n && z[j] < 0x80) j++;
    }
    if (j == f->n) {
      /* a NUL would cut the text short in C and not in SQL */
      if (memchr(z, 0, (size_t)f->n)) {
        r->rowNul = 1;
        csvRowError(r, CSV_ERR_NUL, i + 1);
      }
      continue;
    }
    int bad = 0;
    sqlite3_int64 off = r->nDec;
    r->rowDecoded = 1;
    if (csvDecode(r, z, f->n, &bad)) return csvFatal(r, SQLITE_NOMEM, 0);
    f->dec = 1;
    f->off = off;
    f->n = r->nDec - off;
    if (csvGrow((void **)&r->aDec, &r->nDecAlloc, r->nDec + 1, 1)) return csvFatal(r, SQLITE_NOMEM, 0);
    r->aDec[r->nDec++] = 0; /* as in aFld (csvEndField) */
    int nul = memchr(csvFieldText(r, f), 0, (size_t)f->n) != 0;
    if (nul) r->rowNul = 1;
    if (bad) csvRowError(r, CSV_ERR_DECODE, i + 1);
    else if (nul) csvRowError(r, CSV_ERR_NUL, i + 1);
  }
  return SQLITE_OK;
}

/* Parser states */
enum {
  S_START,    /* at the start of a field */
  S_UNQ,      /* in an unquoted field */
  S_CR,       /* after a CR outside quotes */
  S_QUOTED,   /* in a quoted field */
  S_QQ,       /* after a quote inside a quoted field */
  S_CR_AFTER_Q /* after a CR that followed a closing quote */
};

/* GB18030/GBK: the length of the whole, well-formed character at p (a
** lead byte, then what csvGbNext() lets follow it), all of it before e;
** 0 when it is not there or not well-formed. */
static inline int csvGbLen(int enc, const unsigned char *p, const unsigned char *e) {
  if (p[0] < 0x81 || p[0] > 0xfe || e - p < 2) return 0;
  if (p[1] >= 0x40 && p[1] <= 0xfe && p[1] != 0x7f) return 2;
  if (enc == CSV_GB18030 && p[1] >= 0x30 && p[1] <= 0x39 && e - p >= 4 && p[2] >= 0x81 &&
      p[2] <= 0xfe && p[3] >= 0x30 && p[3] <= 0x39)
    return 4;
  return 0;
}

/* In an unquoted field: the bytes after it in the buffer up to the next
** delimiter, CR or LF -- each would be taken as data, one at a time, by
** the S_UNQ state -- taken at once into the field and the row text (not
** past the row text's room: csvGet grows it, or stops at the length
** limit).  In GB18030/GBK the run goes on over whole, well-formed
** characters (their trail bytes may look like a delimiter: they are
** data, as the mb state takes them) and stops before any other byte past
** ASCII.  LEAD: the byte just taken was a lead byte, its trail bytes are
** next.  Returns 0; 1 when that character is not whole in the buffer (the
** mb state takes it, byte by byte); CSV_FAIL when out of memory. */
static int csvPlainRun(CsvReader *r, int lead) {
  const unsigned char *p = r->p, *e = r->end;
  if (e - p > r->nRowAlloc - r->nRow) e = p + (r->nRowAlloc - r->nRow);
  if (r->enc == CSV_UTF8) {
    while (p < e && *p != '\n' && *p != '\r' && (int)*p != r->delim) p++;
  } else {
    if (lead) p--; /* the lead byte, taken already */
    while (p < e) {
      if (*p < 0x80) {
        if (*p == '\n' || *p == '\r' || (int)*p == r->delim) break;
        p++;
        continue;
      }
      int k = csvGbLen(r->enc, p, e);
      if (k == 0) break;
      p += k;
    }
    if (p < r->p) return 1;
  }
  sqlite3_int64 n = p - r->p;
  if (n == 0) return 0;
  if (r->nFld + n > r->nFldAlloc &&
      csvGrow((void **)&r->aFld, &r->nFldAlloc, r->nFld + n, 1)) {
    return csvFatal(r, SQLITE_NOMEM, 0);
  }
  memcpy(r->aRow + r->nRow, r->p, (size_t)n);
  memcpy(r->aFld + r->nFld, r->p, (size_t)n);
  r->nRow += n;
  r->nFld += n;
  r->p += n;
  return 0;
}

/* Read the next row.  Returns 1 for a row, 0 at the end of the file,
** CSV_FAIL on a fatal error (r->rc, r->zErr). */
static int csvReadRow(CsvReader *r) {
  int state = S_START, mb = 0, begun = 0, reuse = 0, c = 0, run = 0;
  sqlite3_int64 fldStart = 0;
  r->nRow = 0;
  r->nFld = 0;
  r->nField = 0;
  r->rowErr = CSV_OK;
  r->rowErrField = 0;
  r->rowLine = r->line;
  for (;;) {
    if (!reuse) c = csvGet(r);
    reuse = 0;
    if (c == CSV_FAIL) return CSV_FAIL;
    if (mb) {
      /* inside a GB18030/GBK character: its trail bytes are data */
      int next = c >= 0 ? csvGbNext(r->enc, mb, c) : -1;
      if (next >= 0) {
        if (csvFldByte(r, c)) return CSV_FAIL;
        mb = next;
        continue;
      }
      mb = 0; /* broken character: iconv reports it; c is read as usual */
    }
    switch (state) {
    case S_START:
      if (!begun) {
        /* skip empty lines; the row starts at the next one */
        if (c == '\n') {
          r->nRow = 0;
          r->rowLine = r->line;
          continue;
        }
        if (c == CSV_EOF) return 0;
        if (c != '\r') begun = 1;
      }
      fldStart = r->nFld;
      if (c == '"') {
        begun = 1;
        state = S_QUOTED;
        continue;
      }
      state = S_UNQ;
      reuse = 1;
      continue;
    case S_UNQ:
      if (c == r->delim) {
        if (csvEndField(r, fldStart)) return CSV_FAIL;
        state = S_START;
        continue;
      }
      if (c == '\n' || c == CSV_EOF) {
        if (c == '\n') r->nRow--;
        if (csvEndField(r, fldStart)) return CSV_FAIL;
        goto row_done;
      }
      if (c == '\r') {
        state = S_CR;
        continue;
      }
      begun = 1;
      if (csvFldByte(r, c)) return CSV_FAIL;
      run = csvPlainRun(r, r->enc != CSV_UTF8 && c >= 0x81 && c <= 0xfe);
      if (run == CSV_FAIL) return CSV_FAIL;
      if (run == 1) mb = 1;
      continue;
    case S_CR:
      if (c == '\n') {
        r->nRow -= 2;
        if (!begun) {
          r->nRow = 0;
          r->nFld = 0;
          r->rowLine = r->line;
          state = S_START;
          continue;
        }
        if (csvEndField(r, fldStart)) return CSV_FAIL;
        goto row_done;
      }
      /* a CR not followed by LF is data */
      begun = 1;
      if (csvFldByte(r, '\r')) return CSV_FAIL;
      state = S_UNQ;
      reuse = 1;
      continue;
    case S_QUOTED:
      if (c == '"') {
        state = S_QQ;
        continue;
      }
      if (c == CSV_EOF) {
        csvRowError(r, CSV_ERR_QUOTE_EOF, r->nField + 1);
        if (csvEndField(r, fldStart)) return CSV_FAIL;
        goto row_done;
      }
      if (csvFldByte(r, c)) return CSV_FAIL;
      if (r->enc != CSV_UTF8 && c >= 0x81 && c <= 0xfe) mb = 1;
      continue;
    case S_QQ:
      if (c == '"') {
        if (csvFldByte(r, '"')) return CSV_FAIL;
        state = S_QUOTED;
        continue;
      }
      if (c == r->delim) {
        if (csvEndField(r, fldStart)) return CSV_FAIL;
        state = S_START;
        continue;
      }
      if (c == '\n' || c == CSV_EOF) {
        if (c == '\n') r->nRow--;
        if (csvEndField(r, fldStart)) return CSV_FAIL;
        goto row_done;
      }
      if (c == '\r') {
        state = S_CR_AFTER_Q;
        continue;
      }
      /* "abc"x: text after the closing quote; keep it as data */
      csvRowError(r, CSV_ERR_QUOTE_CHAR, r->nField + 1);
      state = S_UNQ;
      reuse = 1;
      continue;
    case S_CR_AFTER_Q:
      if (c == '\n') {
        r->nRow -= 2;
        if (csvEndField(r, fldStart)) return CSV_FAIL;
        goto row_done;
      }
      csvRowError(r, CSV_ERR_QUOTE_CHAR, r->nField + 1);
      if (csvFldByte(r, '\r')) return CSV_FAIL;
      state = S_UNQ;
      reuse = 1;
      continue;
    }
  }
row_done:
  r->rowOffset = csvConsumed(r);
  if (csvDecodeFields(r)) return CSV_FAIL;
  return 1;
}

/* The reason a row is bad, without the "csvfile: line N: " prefix.
** NULL on out of memory. */
static char *csvReason(CsvReader *r, int nExpected) {
  switch (r->rowErr) {
  case CSV_ERR_QUOTE_EOF:
    return sqlite3_mprintf("field %d: quoted field not closed at end of file",
                           r->rowErrField);
  case CSV_ERR_QUOTE_CHAR:
    return sqlite3_mprintf("field %d: unexpected character after closing quote",
                           r->rowErrField);
  case CSV_ERR_DECODE:
    return sqlite3_mprintf("field %d: invalid %s bytes", r->rowErrField,
                           csvEncName[r->enc]);
  case CSV_ERR_NUL:
    return sqlite3_mprintf("field %d: a NUL byte (0x00) in the text", r->rowErrField);
  case CSV_ERR_COUNT:
  default:
    return sqlite3_mprintf("expected %d fields, got %d", nExpected,
                           r->nField);
  }
}

/* The stable key _error starts with, so a program reading it never has
** to parse the prose after it. */
static const char *csvReasonKey(const CsvReader *r) {
  switch (r->rowErr) {
  case CSV_ERR_QUOTE_EOF:
  case CSV_ERR_QUOTE_CHAR:
    return "quoting";
  case CSV_ERR_DECODE:
  case CSV_ERR_NUL:
    return "encoding";
  default:
    return "field_count";
  }
}

/* ------------------------------------------------------------------------
** The virtual table
*/
typedef struct CsvTable {
  sqlite3_vtab base; /* Base class. Must be first */
  sqlite3 *db;
  CsvShared *shared; /* the connection's tables (the module's client data) */
  char *zFile;
  int enc;
  char delim;
  int header;    /* the first row is names, not data */
  int nExpected; /* fields per row; 0: no check (empty file with schema=) */
  int onErrorRow;
} CsvTable;

typedef struct CsvCursor {
  sqlite3_vtab_cursor base; /* Base class. Must be first */
  CsvReader r;
  int eof;
  sqlite3_int64 iRow;
  char *zRowErr; /* _error of the current row */
} CsvCursor;

/* Options */
enum {
  OPT_FILENAME,
  OPT_HEADER,
  OPT_ENCODING,
  OPT_DELIMITER,
  OPT_COLUMNS,
  OPT_SCHEMA,
  OPT_ON_ERROR,
  OPT_N
};
static const char *const csvOptName[OPT_N] = {
    "filename", "header", "encoding", "delimiter", "columns", "schema",
    "on_error"};

/* The hidden columns, which a data column's name must not take. */
static const char *const csvHidden[] = {"_line", "_error", "_raw", "_offset", 0};

/* Column names from the header row now in r (or c1..cN past its end). */
static int csvHeaderNames(CsvReader *r, int n, char **azName) {
  for (int i = 0; i < n; i++) {
    const char *z = "";
    sqlite3_int64 len = 0;
    if (i < r->nField) {
      CsvField *f = &r->aField[i];
      z = csvFieldText(r, f);
      len = f->n;
      while (len > 0 && (*z == ' ' || *z == '\t')) z++, len--;
      while (len > 0 && (z[len - 1] == ' ' || z[len - 1] == '\t')) len--;
    }
    azName[i] = len > 0 ? sqlite3_mprintf("%.*s", (int)len, z)
                        : sqlite3_mprintf("c%d", i + 1);
    if (azName[i] == 0) return SQLITE_NOMEM;
    if (mu_unique_name(azName, i, csvHidden)) return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

/* The message for a fatal reader error (rc from r). */
static int csvReaderError(CsvReader *r, char **pzErr) {
  if (r->rc == SQLITE_NOMEM || r->zErr == 0) return SQLITE_NOMEM;
  return mu_vtab_error(pzErr, "%s", r->zErr);
}

/* The options of one csvfile table, parsed and checked. */
typedef struct CsvOpts {
  char *azOpt[OPT_N];       /* each value as given, unquoted, or NULL */
  int header;               /* header= (default yes) */
  int enc;                  /* encoding=, CSV_UTF8 by default */
  char delim;               /* delimiter=, ',' by default */
  int maxCol;               /* data columns a table may have */
  int nColumns;             /* columns=, 0 when not given */
  const char *zSchemaParen; /* the '(' of schema= inside azOpt, or NULL */
  int onErrorRow;           /* on_error=row */
} CsvOpts;

static void csvOptsFree(CsvOpts *o) {
  for (int i = 0; i < OPT_N; i++) sqlite3_free(o->azOpt[i]);
  memset(o->azOpt, 0, sizeof(o->azOpt));
}

/* Parse the key=value arguments argv[3..argc) into o and check each value,
** before anything is opened.  Returns SQLITE_OK, SQLITE_ERROR with *pzErr
** set, or SQLITE_NOMEM; the caller frees o with csvOptsFree either way. */
static int csvParseOptions(CsvOpts *o, sqlite3 *db, int argc,
                           const char *const *argv, char **pzErr) {
  memset(o, 0, sizeof(*o));
  o->header = 1;
  o->enc = CSV_UTF8;
  o->delim = ',';
  o->maxCol = sqlite3_limit(db, SQLITE_LIMIT_COLUMN, -1) - CSV_NHIDDEN;
  int rc = mu_vtab_options("csvfile", argc, argv, csvOptName, OPT_N,
                           o->azOpt, pzErr);
  if (rc != SQLITE_OK) return rc;

  if (o->azOpt[OPT_FILENAME] == 0) {
    return mu_vtab_error(pzErr, "csvfile: missing option 'filename'");
  }
  if (o->azOpt[OPT_HEADER]) {
    o->header = mu_yes_no(o->azOpt[OPT_HEADER]);
    if (o->header < 0)
      return mu_vtab_error(pzErr, "csvfile: header must be yes or no, got '%s'",
                           o->azOpt[OPT_HEADER]);
  }
  if (o->azOpt[OPT_ENCODING]) {
    o->enc = mu_csv_encoding(o->azOpt[OPT_ENCODING]);
    if (o->enc < 0) {
      return mu_vtab_error(pzErr, "csvfile: encoding must be " MU_CSV_ENCODINGS ", got '%s'",
                           o->azOpt[OPT_ENCODING]);
    }
  }
  if (o->azOpt[OPT_DELIMITER]) {
    int d = mu_csv_delimiter(o->azOpt[OPT_DELIMITER]);
    if (d < 0) {
      return mu_vtab_error(pzErr, "csvfile: delimiter must be " MU_CSV_DELIMITERS ", got '%s'",
                           o->azOpt[OPT_DELIMITER]);
    }
    o->delim = (char)d;
  }
  int maxCol = o->maxCol;
  if (o->azOpt[OPT_COLUMNS]) {
    const char *z = o->azOpt[OPT_COLUMNS];
    sqlite3_int64 v = 0;
    int j = 0;
    while (z[j] >= '0' && z[j] <= '9' && v <= maxCol) v = v * 10 + (z[j++] - '0');
    if (j == 0 || z[j] || v < 1 || v > maxCol) {
      return mu_vtab_error(pzErr,
                           "csvfile: columns must be an integer from 1 to %d, "
                           "got '%s'",
                           maxCol, z);
    }
    o->nColumns = (int)v;
  }
  if (o->azOpt[OPT_SCHEMA]) {
    rc = mu_schema_option("csvfile", o->azOpt[OPT_SCHEMA], &o->zSchemaParen,
                          pzErr);
    if (rc != SQLITE_OK) return rc;
  }
  if (o->azOpt[OPT_ON_ERROR]) {
    if (!sqlite3_stricmp(o->azOpt[OPT_ON_ERROR], "row")) {
      o->onErrorRow = 1;
    } else if (sqlite3_stricmp(o->azOpt[OPT_ON_ERROR], "fail")) {
      return mu_vtab_error(pzErr, "csvfile: on_error must be fail or row, got '%s'",
                           o->azOpt[OPT_ON_ERROR]);
    }
  }
  return SQLITE_OK;
}

/* Declare the table: the hidden columns, then the data columns — those of
** schema=, or nExpected TEXT columns named by the header row in r (when
** haveRow) or c1..cN.  Returns SQLITE_OK, SQLITE_ERROR with *pzErr set, or
** SQLITE_NOMEM. */
static int csvDeclare(sqlite3 *db, const CsvOpts *o, CsvReader *r, int haveRow,
                      int nExpected, char **pzErr) {
  char **azName = 0;
  int nName = 0;
  sqlite3_str *s = 0;
  int rc = SQLITE_OK;
  static const char zHidden[] =
      "_line INTEGER HIDDEN, _error TEXT HIDDEN, _raw TEXT HIDDEN, "
      "_offset INTEGER HIDDEN";
  s = sqlite3_str_new(db);
  if (o->zSchemaParen) {
    const char *z = o->azOpt[OPT_SCHEMA];
    sqlite3_str_appendf(s, "%.*s%s, %s", (int)(o->zSchemaParen + 1 - z), z,
                        zHidden, o->zSchemaParen + 1);
  } else {
    azName = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)nExpected);
    if (azName == 0) {
      rc = SQLITE_NOMEM;
      goto done;
    }
    memset(azName, 0, sizeof(char *) * (size_t)nExpected);
    nName = nExpected;
    if (o->header && haveRow) {
      rc = csvHeaderNames(r, nExpected, azName);
    } else {
      for (int i = 0; i < nExpected && rc == SQLITE_OK; i++) {
        azName[i] = sqlite3_mprintf("c%d", i + 1);
        if (azName[i] == 0) rc = SQLITE_NOMEM;
      }
    }
    if (rc) goto done;
    sqlite3_str_appendf(s, "CREATE TABLE x(%s", zHidden);
    for (int i = 0; i < nExpected; i++) {
      sqlite3_str_appendf(s, ", \"%w\" TEXT", azName[i]);
    }
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
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM) {
    rc = mu_vtab_error(pzErr, "csvfile: schema: %s", sqlite3_errmsg(db));
  }

done:
  if (s) sqlite3_free(sqlite3_str_finish(s));
  for (int i = 0; i < nName; i++) sqlite3_free(azName[i]);
  sqlite3_free(azName);
  return rc;
}

/* xCreate and xConnect: parse the options, open the file and read the row
** that names or counts the columns, declare the table. */
static int csvfileInit(sqlite3 *db, void *pAux, int argc,
                       const char *const *argv, sqlite3_vtab **ppVtab,
                       char **pzErr) {
  CsvOpts o = {0};
  CsvTable *t = 0;
  CsvReader r;
  int rc = SQLITE_OK;
  csvReaderInit(&r);
  *ppVtab = 0;

  /* An attacker who controls a database's schema could use this table in a
  ** view or trigger to read any file the victim can: DIRECTONLY. */
  rc = sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  if (rc != SQLITE_OK) return rc;

  rc = csvParseOptions(&o, db, argc, argv, pzErr);
  if (rc != SQLITE_OK) goto done;

  /* Open the file now, so a bad name fails at CREATE time, and read the
  ** first row when it gives the names or the number of fields. */
  if (csvReaderOpen(&r, pAux, o.azOpt[OPT_FILENAME], o.enc, o.delim,
                    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1)) != SQLITE_OK) {
    rc = csvReaderError(&r, pzErr);
    goto done;
  }
  int nExpected = o.nColumns;
  int haveRow = 0;
  if (o.header || o.nColumns == 0) {
    haveRow = csvReadRow(&r);
    if (haveRow == CSV_FAIL) {
      rc = csvReaderError(&r, pzErr);
      goto done;
    }
  }
  if (o.header && haveRow && r.rowErr != CSV_OK) {
    char *zWhy = csvReason(&r, 0);
    rc = zWhy ? mu_vtab_error(pzErr, "csvfile: line %lld: %s", r.rowLine, zWhy)
              : SQLITE_NOMEM;
    sqlite3_free(zWhy);
    goto done;
  }
  if (nExpected == 0 && haveRow) nExpected = r.nField;
  if (nExpected > o.maxCol && o.zSchemaParen == 0) {
    rc = mu_vtab_error(pzErr,
                       "csvfile: line %lld has %d fields, more than the %d "
                       "columns a table may have",
                       r.rowLine, nExpected, o.maxCol);
    goto done;
  }
  if (nExpected == 0 && o.zSchemaParen == 0) {
    rc = mu_vtab_error(pzErr,
                       o.header ? "csvfile: '%s' is empty: there is no header row"
                              : "csvfile: '%s' is empty: give columns=N to "
                                "declare the columns",
                       o.azOpt[OPT_FILENAME]);
    goto done;
  }

  rc = csvDeclare(db, &o, &r, haveRow, nExpected, pzErr);
  if (rc != SQLITE_OK) goto done;

  t = sqlite3_malloc64(sizeof *t);
  if (t == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  memset(t, 0, sizeof *t);
  t->db = db;
  t->shared = pAux;
  t->zFile = o.azOpt[OPT_FILENAME];
  o.azOpt[OPT_FILENAME] = 0;
  t->enc = o.enc;
  t->delim = o.delim;
  t->header = o.header;
  t->nExpected = nExpected;
  t->onErrorRow = o.onErrorRow;
  *ppVtab = &t->base;

done:
  csvReaderClose(&r);
  csvOptsFree(&o);
  return rc;
}

/* Distinct xCreate and xConnect keep csvfile a regular module (the same
** function in both would also make it eponymous). */
static int csvfileCreate(sqlite3 *db, void *pAux, int argc,
                         const char *const *argv, sqlite3_vtab **ppVtab,
                         char **pzErr) {
  return csvfileInit(db, pAux, argc, argv, ppVtab, pzErr);
}

static int csvfileConnect(sqlite3 *db, void *pAux, int argc,
                          const char *const *argv, sqlite3_vtab **ppVtab,
                          char **pzErr) {
  return csvfileInit(db, pAux, argc, argv, ppVtab, pzErr);
}

static int csvfileDisconnect(sqlite3_vtab *pVtab) {
  CsvTable *t = (CsvTable *)pVtab;
  sqlite3_free(t->zFile);
  sqlite3_free(t);
  return SQLITE_OK;
}

static int csvfileBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  (void)pVtab;
  /* Only full scans: every row must be parsed to find the next one. */
  pInfo->estimatedCost = 1000000;
  pInfo->estimatedRows = 100000;
  return SQLITE_OK;
}

static int csvfileOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCur) {
  (void)pVtab;
  CsvCursor *c = sqlite3_malloc64(sizeof *c);
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof *c);
  csvReaderInit(&c->r);
  c->eof = 1;
  *ppCur = &c->base;
  return SQLITE_OK;
}

static int csvfileClose(sqlite3_vtab_cursor *cur) {
  CsvCursor *c = (CsvCursor *)cur;
  csvReaderClose(&c->r);
  sqlite3_free(c->zRowErr);
  sqlite3_free(c);
  return SQLITE_OK;
}

/* Report a fatal reader error through the table. */
static int csvfileFail(CsvCursor *c) {
  c->eof = 1;
  return csvReaderError(&c->r, &c->base.pVtab->zErrMsg);
}

static int csvfileNext(sqlite3_vtab_cursor *cur) {
  CsvCursor *c = (CsvCursor *)cur;
  CsvTable *t = (CsvTable *)cur->pVtab;
  sqlite3_free(c->zRowErr);
  c->zRowErr = 0;
  int rc = csvReadRow(&c->r);
  if (rc == CSV_FAIL) return csvfileFail(c);
  if (rc == 0) {
    c->eof = 1;
    return SQLITE_OK;
  }
  c->iRow++;
  CsvReader *r = &c->r;
  if (r->rowErr == CSV_OK && t->nExpected > 0 && r->nField != t->nExpected) {
    r->rowErr = CSV_ERR_COUNT;
  }
  if (r->rowErr != CSV_OK) {
    char *zWhy = csvReason(r, t->nExpected);
    if (zWhy == 0) return SQLITE_NOMEM;
    if (t->onErrorRow) {
      c->zRowErr = sqlite3_mprintf("%s: %s", csvReasonKey(r), zWhy);
      sqlite3_free(zWhy);
      if (c->zRowErr == 0) return SQLITE_NOMEM;
    } else {
      c->eof = 1;
      rc = mu_vtab_error(&cur->pVtab->zErrMsg, "csvfile: line %lld: %s",
                         r->rowLine, zWhy);
      sqlite3_free(zWhy);
      return rc;
    }
  }
  return SQLITE_OK;
}

static int csvfileFilter(sqlite3_vtab_cursor *cur, int idxNum,
                         const char *idxStr, int argc, sqlite3_value **argv) {
  (void)idxNum, (void)idxStr, (void)argc, (void)argv;
  CsvCursor *c = (CsvCursor *)cur;
  CsvTable *t = (CsvTable *)cur->pVtab;
  csvReaderClose(&c->r);
  sqlite3_free(c->zRowErr);
  c->zRowErr = 0;
  c->iRow = 0;
  c->eof = 0;
  if (csvReaderOpen(&c->r, t->shared, t->zFile, t->enc, t->delim,
                    sqlite3_limit(t->db, SQLITE_LIMIT_LENGTH, -1)) != SQLITE_OK) {
    return csvfileFail(c);
  }
  if (t->header) {
    int rc = csvReadRow(&c->r);
    if (rc == CSV_FAIL) return csvfileFail(c);
    if (rc == 0) {
      c->eof = 1;
      return SQLITE_OK;
    }
  }
  return csvfileNext(cur);
}

static int csvfileEof(sqlite3_vtab_cursor *cur) {
  return ((CsvCursor *)cur)->eof;
}

static int csvfileColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx,
                         int i) {
  CsvCursor *c = (CsvCursor *)cur;
  CsvReader *r = &c->r;
  switch (i) {
  case CSV_COL_LINE:
    sqlite3_result_int64(ctx, r->rowLine);
    return SQLITE_OK;
  case CSV_COL_ERROR:
    if (c->zRowErr) sqlite3_result_text(ctx, c->zRowErr, -1, SQLITE_TRANSIENT);
    return SQLITE_OK;
  case CSV_COL_OFFSET:
    sqlite3_result_int64(ctx, r->rowOffset);
    return SQLITE_OK;
  case CSV_COL_RAW: {
    if (r->enc == CSV_UTF8 && !r->rowDecoded && (unsigned char)r->delim < 0x80) {
      /* every field valid UTF-8, the rest ASCII (delimiters, quotes, line
      ** ends): decoding would copy the text as it is */
      sqlite3_result_text64(ctx, r->nRow ? (const char *)r->aRow : "", (sqlite3_uint64)r->nRow,
                            SQLITE_TRANSIENT, SQLITE_UTF8);
      return SQLITE_OK;
    }
    /* Decode the row text after the fields, whose aDec offsets stay put. */
    sqlite3_int64 mark = r->nDec;
    if (r->rowWhole) {
      /* decoded as a whole already (csvDecodeRow) */
      sqlite3_result_text64(ctx, (const char *)r->aDec, (sqlite3_uint64)r->nRowDec, SQLITE_TRANSIENT,
                            SQLITE_UTF8);
      return SQLITE_OK;
    }
    int bad = 0;
    if (csvDecode(r, r->aRow, r->nRow, &bad)) {
      r->nDec = mark;
      return SQLITE_NOMEM;
    }
    sqlite3_result_text64(ctx, (const char *)r->aDec + mark,
                          (sqlite3_uint64)(r->nDec - mark), SQLITE_TRANSIENT,
                          SQLITE_UTF8);
    r->nDec = mark;
    return SQLITE_OK;
  }
  default: {
    int k = i - CSV_NHIDDEN;
    if (k < 0 || k >= r->nField) return SQLITE_OK; /* missing: NULL */
    CsvField *f = &r->aField[k];
    if (!r->rowNul && f->n < 0x7fffffff)
      /* NUL-terminated, none inside: SQLite knows it has its terminator */
      sqlite3_result_text(ctx, csvFieldText(r, f), -1, SQLITE_TRANSIENT);
    else
      sqlite3_result_text64(ctx, csvFieldText(r, f), (sqlite3_uint64)f->n, SQLITE_TRANSIENT,
                            SQLITE_UTF8);
    return SQLITE_OK;
  }
  }
}

static int csvfileRowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *pRowid) {
  *pRowid = ((CsvCursor *)cur)->iRow;
  return SQLITE_OK;
}

static sqlite3_module csvfileModule = {
    0,                 /* iVersion */
    csvfileCreate,     /* xCreate */
    csvfileConnect,    /* xConnect */
    csvfileBestIndex,  /* xBestIndex */
    csvfileDisconnect, /* xDisconnect */
    csvfileDisconnect, /* xDestroy */
    csvfileOpen,       /* xOpen */
    csvfileClose,      /* xClose */
    csvfileFilter,     /* xFilter */
    csvfileNext,       /* xNext */
    csvfileEof,        /* xEof */
    csvfileColumn,     /* xColumn */
    csvfileRowid,      /* xRowid */
    0,                 /* xUpdate */
    0,                 /* xBegin */
    0,                 /* xSync */
    0,                 /* xCommit */
    0,                 /* xRollback */
    0,                 /* xFindFunction */
    0,                 /* xRename */
    0,                 /* xSavepoint */
    0,                 /* xRelease */
    0,                 /* xRollbackTo */
    0,                 /* xShadowName */
};

int muling_register_csvfile(sqlite3 *db) {
  CsvShared *sh = sqlite3_malloc64(sizeof *sh);
  if (sh == 0) return SQLITE_NOMEM;
  memset(sh, 0, sizeof *sh);
  /* sqlite3_create_module_v2 calls csvSharedFree when it fails too */
  return sqlite3_create_module_v2(db, "csvfile", &csvfileModule, sh, csvSharedFree);
}
