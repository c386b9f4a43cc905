/*
** win32.c — Windows shims (see win32.h); an empty file elsewhere.
*/
#ifdef _WIN32
#include "common.h"
#include "win32.h"

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <string.h>
#include <windows.h>

#include "gbtable.h" /* build/win64/gbtable.h, from win/gbtable.c */

wchar_t *mu_win_wide(const char *zUtf8) {
  int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, zUtf8, -1, 0, 0);
  if (n <= 0) {
    errno = EILSEQ;
    return 0;
  }
  wchar_t *w = sqlite3_malloc64((sqlite3_uint64)n * sizeof(wchar_t));
  if (w == 0) {
    errno = ENOMEM;
    return 0;
  }
  if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, zUtf8, -1, w, n) != n) {
    sqlite3_free(w);
    errno = EILSEQ;
    return 0;
  }
  return w;
}

int mu_win_open_read(const char *zUtf8) {
  wchar_t *w = mu_win_wide(zUtf8);
  if (w == 0) return -1;
  int fd = _wopen(w, _O_RDONLY | _O_BINARY | _O_NOINHERIT);
  int e = errno;
  DWORD attr = fd < 0 ? GetFileAttributesW(w) : INVALID_FILE_ATTRIBUTES;
  if (attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)) e = EISDIR;
  sqlite3_free(w);
  errno = e;
  return fd;
}

FILE *mu_win_fopen(const char *zUtf8, const char *zMode) {
  wchar_t *w = mu_win_wide(zUtf8);
  if (w == 0) return 0;
  wchar_t m[8];
  size_t i = 0;
  for (; zMode[i] && i < 7; i++) m[i] = (wchar_t)(unsigned char)zMode[i];
  m[i] = 0;
  FILE *f = _wfopen(w, m);
  int e = errno;
  sqlite3_free(w);
  errno = e;
  return f;
}

#ifdef SQLITE_CORE
/* ------------------------------------------------------------------------
** For the command (muling.exe, built with SQLITE_CORE): the POSIX calls it
** makes, on UTF-8 names (win32.h renames them when MULING_WIN32_POSIX).
*/
#include <process.h>
#include <shellapi.h>
#include <sys/stat.h>

/* a UTF-8 copy of a UTF-16 string, from sqlite3_malloc64; 0 on failure */
static char *muNarrow(const wchar_t *w) {
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, 0, 0, 0, 0);
  if (n <= 0) return 0;
  char *z = sqlite3_malloc64((sqlite3_uint64)n);
  if (z && WideCharToMultiByte(CP_UTF8, 0, w, -1, z, n, 0, 0) != n) {
    sqlite3_free(z);
    z = 0;
  }
  return z;
}

int mu_win_stat(const char *zUtf8, struct stat *st) {
  wchar_t *w = mu_win_wide(zUtf8);
  if (w == 0) return -1;
  struct _stat64 s;
  int rc = _wstat64(w, &s);
  int e = errno;
  sqlite3_free(w);
  errno = e;
  if (rc != 0) return rc;
  memset(st, 0, sizeof *st);
  st->st_dev = s.st_dev;
  st->st_ino = s.st_ino;
  st->st_mode = s.st_mode;
  st->st_nlink = s.st_nlink;
  st->st_size = (_off_t)s.st_size;
  st->st_mtime = (time_t)s.st_mtime;
  return 0;
}

int mu_win_access(const char *zUtf8, int mode) {
  wchar_t *w = mu_win_wide(zUtf8);
  if (w == 0) return -1;
  int rc = _waccess(w, mode & 06); /* Windows knows no X_OK */
  int e = errno;
  sqlite3_free(w);
  errno = e;
  return rc;
}

int mu_win_unlink(const char *zUtf8) {
  wchar_t *w = mu_win_wide(zUtf8);
  if (w == 0) return -1;
  int rc = _wunlink(w);
  int e = errno;
  sqlite3_free(w);
  errno = e;
  return rc;
}

int mu_win_rename(const char *zFrom, const char *zTo) {
  wchar_t *a = mu_win_wide(zFrom), *b = a ? mu_win_wide(zTo) : 0;
  int rc = -1;
  if (a && b) {
    /* rename() on Windows refuses an existing target; POSIX replaces it */
    if (MoveFileExW(a, b, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) rc = 0;
    else errno = GetLastError() == ERROR_ACCESS_DENIED ? EACCES : EIO;
  }
  int e = errno;
  sqlite3_free(a);
  sqlite3_free(b);
  errno = e;
  return rc;
}

int mu_win_mkstemp(char *zTemplate) {
  size_t n = strlen(zTemplate);
  if (n < 6 || strcmp(zTemplate + n - 6, "XXXXXX") != 0) {
    errno = EINVAL;
    return -1;
  }
  static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned int seed = (unsigned int)GetTickCount() ^ (unsigned int)GetCurrentProcessId() << 16;
  for (int attempt = 0; attempt < 100; attempt++) {
    unsigned int x = seed + (unsigned int)attempt * 2654435761u;
    for (int i = 0; i < 6; i++, x /= 36) zTemplate[n - 6 + i] = digits[x % 36];
    wchar_t *w = mu_win_wide(zTemplate);
    if (w == 0) return -1;
    int fd = _wopen(w, _O_CREAT | _O_EXCL | _O_RDWR | _O_BINARY | _O_NOINHERIT,
                    _S_IREAD | _S_IWRITE);
    int e = errno;
    sqlite3_free(w);
    errno = e;
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

static int muFileId(const char *zUtf8, BY_HANDLE_FILE_INFORMATION *info) {
  wchar_t *w = mu_win_wide(zUtf8);
  if (w == 0) return 0;
  HANDLE h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         0, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, 0);
  sqlite3_free(w);
  if (h == INVALID_HANDLE_VALUE) return 0;
  int ok = GetFileInformationByHandle(h, info) != 0;
  CloseHandle(h);
  return ok;
}

int mu_win_same_file(const char *zA, const char *zB) {
  BY_HANDLE_FILE_INFORMATION a, b;
  return muFileId(zA, &a) && muFileId(zB, &b) &&
         a.dwVolumeSerialNumber == b.dwVolumeSerialNumber &&
         a.nFileIndexHigh == b.nFileIndexHigh && a.nFileIndexLow == b.nFileIndexLow;
}

int mu_win_same_name(const char *zA, const char *zB) {
  wchar_t *a = mu_win_wide(zA), *b = a ? mu_win_wide(zB) : 0;
  int same = a && b && CompareStringOrdinal(a, -1, b, -1, TRUE) == CSTR_EQUAL;
  sqlite3_free(a);
  sqlite3_free(b);
  return same;
}

int mu_win_main(int *pArgc, char ***pArgv) {
  int n = 0;
  wchar_t **wv = CommandLineToArgvW(GetCommandLineW(), &n);
  if (wv == 0) return SQLITE_NOMEM;
  /* never freed: argv lives as long as the process */
  char **argv = sqlite3_malloc64(sizeof(char *) * ((sqlite3_uint64)n + 1));
  if (argv == 0) {
    LocalFree(wv);
    return SQLITE_NOMEM;
  }
  for (int i = 0; i < n; i++) {
    argv[i] = muNarrow(wv[i]);
    if (argv[i] == 0) {
      LocalFree(wv);
      return SQLITE_NOMEM;
    }
  }
  argv[n] = 0;
  LocalFree(wv);
  *pArgc = n;
  *pArgv = argv;
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
  SetConsoleOutputCP(CP_UTF8);
  return SQLITE_OK;
}

int mu_win_console_columns(void) {
  CONSOLE_SCREEN_BUFFER_INFO info;
  HANDLE h = GetStdHandle(STD_ERROR_HANDLE);
  if (h == INVALID_HANDLE_VALUE || !GetConsoleScreenBufferInfo(h, &info)) return 0;
  return info.srWindow.Right - info.srWindow.Left + 1;
}

char *mu_win_exe_path(void) {
  for (DWORD size = 256; size <= 65536; size *= 2) {
    wchar_t *w = sqlite3_malloc64(size * sizeof(wchar_t));
    if (w == 0) return 0;
    DWORD n = GetModuleFileNameW(0, w, size);
    if (n > 0 && n < size) {
      char *z = muNarrow(w);
      sqlite3_free(w);
      return z;
    }
    sqlite3_free(w);
    if (n == 0) return 0;
  }
  return 0;
}

/* One argument quoted as the C runtime splits a command line: in quotes
** when it has a blank or a quote (or is empty), a quote escaped, and the
** backslashes before a quote (or before the closing one) doubled. */
static void muQuote(sqlite3_str *s, const char *z) {
  if (*z && !strpbrk(z, " \t\n\v\"")) {
    sqlite3_str_appendall(s, z);
    return;
  }
  sqlite3_str_appendchar(s, 1, '"');
  for (const char *p = z;; p++) {
    int slashes = 0;
    while (*p == '\\') p++, slashes++;
    if (*p == 0) {
      sqlite3_str_appendchar(s, slashes * 2, '\\');
      break;
    }
    if (*p == '"') sqlite3_str_appendchar(s, slashes * 2 + 1, '\\');
    else sqlite3_str_appendchar(s, slashes, '\\');
    sqlite3_str_appendchar(s, 1, *p);
  }
  sqlite3_str_appendchar(s, 1, '"');
}

int mu_win_spawn(const char *zProgram, char *const *azArgv) {
  sqlite3_str *s = sqlite3_str_new(0);
  for (int i = 0; azArgv[i]; i++) {
    if (i) sqlite3_str_appendchar(s, 1, ' ');
    muQuote(s, azArgv[i]);
  }
  char *line = sqlite3_str_finish(s);
  wchar_t *wProg = line ? mu_win_wide(zProgram) : 0;
  wchar_t *wLine = wProg ? mu_win_wide(line) : 0;
  sqlite3_free(line);
  if (wLine == 0) {
    sqlite3_free(wProg);
    errno = ENOMEM;
    return -1;
  }
  STARTUPINFOW si;
  PROCESS_INFORMATION pi;
  memset(&si, 0, sizeof si);
  si.cb = sizeof si;
  fflush(stdout);
  fflush(stderr);
  BOOL ok = CreateProcessW(wProg, wLine, 0, 0, TRUE, 0, 0, 0, &si, &pi);
  sqlite3_free(wProg);
  sqlite3_free(wLine);
  if (!ok) {
    errno = ENOENT;
    return -1;
  }
  DWORD code = 1;
  WaitForSingleObject(pi.hProcess, INFINITE);
  GetExitCodeProcess(pi.hProcess, &code);
  CloseHandle(pi.hProcess);
  CloseHandle(pi.hThread);
  return (int)code;
}
#endif /* SQLITE_CORE */

/* ------------------------------------------------------------------------
** GB18030 and GBK to UTF-8, as glibc's iconv does it: the caller (csvfile)
** converts one field at a time and, on EILSEQ or EINVAL, writes U+FFFD for
** the byte at *in and goes on after it.
*/
struct MuIconv {
  const unsigned int *one, *two;
  const unsigned int (*four)[3];
  int nfour;
  const char *name; /* a Windows code page's converter (FreeXL's): */
  unsigned int cp;  /* its name as iconv knows it and its number */
};
static const struct MuIconv muGb18030 = {gb18030_one, gb18030_two, gb18030_four, 0, 0, 0};
static const struct MuIconv muGbk = {gbk_one, gbk_two, gbk_four, 0, 0, 0};

/* The charsets FreeXL opens for a workbook's BIFF code page (and UTF-16LE
** for its Unicode strings), converted by the Win32 API: Windows' own
** tables for its own code pages.  1200 is UTF-16LE, 20127 US-ASCII,
** 10000 Mac Roman. */
#define MU_CP(n, c) {0, 0, 0, 0, n, c}
static const struct MuIconv muCodePages[] = {
    MU_CP("UTF-16LE", 1200), MU_CP("ASCII", 20127), MU_CP("MacRoman", 10000),
    MU_CP("CP437", 437),     MU_CP("CP720", 720),   MU_CP("CP737", 737),
    MU_CP("CP775", 775),     MU_CP("CP850", 850),   MU_CP("CP852", 852),
    MU_CP("CP855", 855),     MU_CP("CP857", 857),   MU_CP("CP858", 858),
    MU_CP("CP860", 860),     MU_CP("CP861", 861),   MU_CP("CP862", 862),
    MU_CP("CP863", 863),     MU_CP("CP864", 864),   MU_CP("CP865", 865),
    MU_CP("CP866", 866),     MU_CP("CP869", 869),   MU_CP("CP874", 874),
    MU_CP("CP932", 932),     MU_CP("CP936", 936),   MU_CP("CP949", 949),
    MU_CP("CP950", 950),     MU_CP("CP1250", 1250), MU_CP("CP1251", 1251),
    MU_CP("CP1252", 1252),   MU_CP("CP1253", 1253), MU_CP("CP1254", 1254),
    MU_CP("CP1255", 1255),   MU_CP("CP1256", 1256), MU_CP("CP1257", 1257),
    MU_CP("CP1258", 1258),   MU_CP("CP1361", 1361),
};

mu_iconv_t mu_iconv_open(const char *zTo, const char *zFrom) {
  if (strcmp(zTo, "UTF-8") == 0 && strcmp(zFrom, "GB18030") == 0) return &muGb18030;
  if (strcmp(zTo, "UTF-8") == 0 && strcmp(zFrom, "GBK") == 0) return &muGbk;
  for (size_t i = 0; strcmp(zTo, "UTF-8") == 0 && i < sizeof muCodePages / sizeof *muCodePages; i++)
    if (strcmp(zFrom, muCodePages[i].name) == 0 &&
        (muCodePages[i].cp == 1200 || IsValidCodePage(muCodePages[i].cp))) /* 1200: ours */
      return &muCodePages[i];
  errno = EINVAL;
  return (mu_iconv_t)-1;
}

/* A code page's iconv: the whole input at once (FreeXL converts one
** string a call, into room for four bytes a byte), through UTF-16.  -1
** with errno EILSEQ (a byte the code page does not map, a bad surrogate),
** EINVAL (half a UTF-16 unit) or E2BIG (no room: nothing is consumed). */
static size_t muIconvWin(mu_iconv_t cd, char **in, size_t *inLeft, char **out,
                         size_t *outLeft) {
  size_t n = *inLeft;
  if (n == 0) return 0;
  if (n > 0x3FFFFFFF) {
    errno = E2BIG;
    return (size_t)-1;
  }
  int nw = cd->cp == 1200 ? (int)(n / 2) : MultiByteToWideChar(cd->cp, MB_ERR_INVALID_CHARS, *in, (int)n, 0, 0);
  if (cd->cp == 1200 && n % 2) {
    errno = EINVAL;
    return (size_t)-1;
  }
  if (nw <= 0) {
    errno = EILSEQ;
    return (size_t)-1;
  }
  wchar_t *w = sqlite3_malloc64((sqlite3_uint64)nw * sizeof(wchar_t));
  if (w == 0) {
    errno = ENOMEM;
    return (size_t)-1;
  }
  if (cd->cp == 1200) memcpy(w, *in, n); /* *in need not be aligned */
  else if (MultiByteToWideChar(cd->cp, MB_ERR_INVALID_CHARS, *in, (int)n, w, nw) != nw) nw = 0;
  int m = nw ? WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, nw, 0, 0, 0, 0) : 0;
  size_t rc = (size_t)-1;
  if (m <= 0) errno = EILSEQ;
  else if ((size_t)m > *outLeft) errno = E2BIG;
  else if (WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, nw, *out, m, 0, 0) != m) errno = EILSEQ;
  else {
    *in += n;
    *inLeft = 0;
    *out += m;
    *outLeft -= (size_t)m;
    rc = 0;
  }
  int e = errno;
  sqlite3_free(w);
  errno = e;
  return rc;
}

int mu_iconv_close(mu_iconv_t cd) {
  (void)cd;
  return 0;
}

/* the code point of a four-byte sequence's linear index, 0 if none */
static unsigned int muFour(mu_iconv_t cd, unsigned int lin) {
  int lo = 0, hi = (cd == &muGb18030 ? gb18030_nfour : gbk_nfour) - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    const unsigned int *run = cd->four[mid];
    if (lin < run[0]) hi = mid - 1;
    else if (lin >= run[0] + run[2]) lo = mid + 1;
    else return run[1] + (lin - run[0]);
  }
  return 0;
}

size_t mu_iconv(mu_iconv_t cd, char **in, size_t *inLeft, char **out,
                size_t *outLeft) {
  if (in == 0 || *in == 0) return 0; /* reset: no state is kept */
  if (cd->cp) return muIconvWin(cd, in, inLeft, out, outLeft);
  const unsigned char *p = (const unsigned char *)*in;
  size_t n = *inLeft;
  while (n > 0) {
    unsigned int cp;
    size_t k;
    if (p[0] < 0x80) {
      cp = p[0], k = 1;
    } else if (p[0] >= 0x81 && p[0] <= 0xFE && n >= 2 && p[1] >= 0x30 && p[1] <= 0x39) {
      if (cd != &muGb18030) goto bad;
      if (n < 4) goto cut;
      if (p[2] < 0x81 || p[2] > 0xFE || p[3] < 0x30 || p[3] > 0x39) goto bad;
      unsigned int lin = (p[0] - 0x81u) * 12600 + (p[1] - 0x30u) * 1260 +
                         (p[2] - 0x81u) * 10 + (p[3] - 0x30u);
      cp = muFour(cd, lin), k = 4;
    } else if (p[0] >= 0x81 && p[0] <= 0xFE && n >= 2) {
      if (p[1] < 0x40 || p[1] == 0x7F || p[1] == 0xFF) goto bad;
      cp = cd->two[(p[0] - 0x81) * 190 + (p[1] - 0x40) - (p[1] > 0x7F)], k = 2;
    } else if (p[0] >= 0x81 && p[0] <= 0xFE && cd->one[p[0] - 0x80] == 0) {
      goto cut;
    } else {
      cp = cd->one[p[0] - 0x80], k = 1;
    }
    if (cp == 0 && p[0] != 0) goto bad;
    unsigned char u[4];
    size_t m;
    if (cp < 0x80) u[0] = (unsigned char)cp, m = 1;
    else if (cp < 0x800) u[0] = 0xC0 | cp >> 6, u[1] = 0x80 | (cp & 0x3F), m = 2;
    else if (cp < 0x10000)
      u[0] = 0xE0 | cp >> 12, u[1] = 0x80 | (cp >> 6 & 0x3F), u[2] = 0x80 | (cp & 0x3F), m = 3;
    else
      u[0] = 0xF0 | cp >> 18, u[1] = 0x80 | (cp >> 12 & 0x3F),
      u[2] = 0x80 | (cp >> 6 & 0x3F), u[3] = 0x80 | (cp & 0x3F), m = 4;
    if (m > *outLeft) {
      errno = E2BIG;
      goto stop;
    }
    memcpy(*out, u, m);
    *out += m;
    *outLeft -= m;
    p += k;
    n -= k;
  }
  *in = (char *)p;
  *inLeft = 0;
  return 0;
bad:
  errno = EILSEQ;
  goto stop;
cut:
  errno = EINVAL;
stop:
  *in = (char *)p;
  *inLeft = n;
  return (size_t)-1;
}

#endif
