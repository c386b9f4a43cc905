/* Fuzz xlsxfile: the input, split at the first two NUL bytes, is a sheet's
** XML, the shared strings' XML and the styles' XML; the target packs them
** with minizip's writer into a workbook (stored and deflated) and reads it
** with and without a header, a range and on_error=row.  The input as it
** stands is also read as a file, for the zip directory — unless it starts
** like an .xls: FreeXL 1.0.6 (Debian 12) has a stack overflow reading a
** crafted .xls in freexl_open (found by this target; docs/xlsxfile.md), so
** this target fuzzes muling's own reader, not that library. */
#include "fuzz.h"
#include <minizip/zip.h>
#include <unistd.h>

static char path[64], rawpath[64];

static const char wbXml[] =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
    "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships\"><workbookPr date1904=\"0\"/><sheets>"
    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char relsXml[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
    "package/2006/relationships\"><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>"
    "</Relationships>";

static void add(zipFile z, const char *name, const void *data, size_t n, int level) {
  zip_fileinfo zi;
  memset(&zi, 0, sizeof zi);
  if (zipOpenNewFileInZip(z, name, &zi, 0, 0, 0, 0, 0, level ? Z_DEFLATED : 0, level) != ZIP_OK) abort();
  if (n && zipWriteInFileInZip(z, data, (unsigned)n) != ZIP_OK) abort();
  if (zipCloseFileInZip(z) != ZIP_OK) abort();
}

static void read_all(const char *file, const char *opts) {
  char *sql = sqlite3_mprintf(
      "create virtual table temp.f using xlsxfile(filename='%q'%s)", file, opts);
  if (!sql) abort();
  char *err = 0;
  if (sqlite3_exec(fz_open(), sql, 0, 0, &err) == SQLITE_OK) {
    fz_run("select *, _line, _error, _raw, _offset from temp.f", 0, 0, 0, 0, 0, 0, 0);
    fz_exec("drop table temp.f");
  }
  sqlite3_free(err);
  sqlite3_free(sql);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 16384) return 0;
  if (!path[0]) {
    snprintf(path, sizeof path, "/tmp/muling-fuzz-%d.xlsx", (int)getpid());
    snprintf(rawpath, sizeof rawpath, "/tmp/muling-fuzz-%d.raw", (int)getpid());
  }
  const uint8_t *part[3] = {data, 0, 0};
  size_t len[3] = {size, 0, 0};
  for (int k = 0; k < 2 && part[k]; k++) {
    const uint8_t *nul = memchr(part[k], 0, len[k]);
    if (!nul) break;
    part[k + 1] = nul + 1;
    len[k + 1] = len[k] - (size_t)(nul + 1 - part[k]);
    len[k] = (size_t)(nul - part[k]);
  }
  zipFile z = zipOpen(path, APPEND_STATUS_CREATE);
  if (!z) abort();
  int level = size % 2 ? 6 : 0;
  add(z, "xl/workbook.xml", wbXml, sizeof wbXml - 1, level);
  add(z, "xl/_rels/workbook.xml.rels", relsXml, sizeof relsXml - 1, level);
  add(z, "xl/worksheets/sheet1.xml", part[0], len[0], level);
  if (part[1]) add(z, "xl/sharedStrings.xml", part[1], len[1], level);
  if (part[2]) add(z, "xl/styles.xml", part[2], len[2], level);
  if (zipClose(z, 0) != ZIP_OK) abort();
  read_all(path, "");
  read_all(path, ", header=no, on_error=row");
  read_all(path, ", range='B2:D9', on_error=row");
  static const uint8_t ole2[4] = {0xD0, 0xCF, 0x11, 0xE0};
  if (size >= 4 && memcmp(data, ole2, 4) == 0) return 0;
  FILE *f = fopen(rawpath, "wb");
  if (!f || fwrite(data, 1, size, f) != size) abort();
  fclose(f);
  read_all(rawpath, ", on_error=row");
  return 0;
}
