/*
** win32.h — the few things Windows lacks or does differently, for the
** Windows build (make windows; see docs/design.md, "Windows").  Nothing
** here is compiled on Linux.
**
**   mu_win_open_read(path)   open(path, O_RDONLY) for a UTF-8 file name
**                            (through _wopen: the C library's narrow
**                            open() reads names in the ANSI code page)
**   mu_win_fopen(path, mode) fopen() likewise
**   iconv_open/iconv/iconv_close   the subset csvfile uses, GB18030 and
**                            GBK to UTF-8 only, with glibc's own tables
**                            (win/gbtable.c), so both builds decode alike;
**                            and FreeXL's: a workbook's Windows code page
**                            or UTF-16LE to UTF-8, through the Win32 API
*/
#ifndef MULING_WIN32_H
#define MULING_WIN32_H
#ifdef _WIN32
#include <stddef.h>
#include <stdio.h>

int mu_win_open_read(const char *zUtf8); /* -1, errno EISDIR: a directory */
FILE *mu_win_fopen(const char *zUtf8, const char *zMode);
/* the UTF-16 form of a UTF-8 string, from sqlite3_malloc64 (sqlite3_free
** it); 0 with errno ENOMEM or EILSEQ */
wchar_t *mu_win_wide(const char *zUtf8);

typedef const struct MuIconv *mu_iconv_t;
mu_iconv_t mu_iconv_open(const char *zTo, const char *zFrom);
size_t mu_iconv(mu_iconv_t cd, char **in, size_t *inLeft, char **out,
                size_t *outLeft);
int mu_iconv_close(mu_iconv_t cd);
#define iconv_t mu_iconv_t
#define iconv_open mu_iconv_open
#define iconv mu_iconv
#define iconv_close mu_iconv_close

/* For the command (cli.h defines MULING_WIN32_POSIX): the POSIX calls it
** makes, on UTF-8 names.  The system headers come first, so the macros
** below rename only the command's calls. */
#ifdef MULING_WIN32_POSIX
#include <fcntl.h>
#include <io.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
int mu_win_stat(const char *zUtf8, struct stat *st);
int mu_win_access(const char *zUtf8, int mode);
int mu_win_unlink(const char *zUtf8);
int mu_win_rename(const char *zFrom, const char *zTo); /* replaces zTo */
int mu_win_mkstemp(char *zTemplate);                   /* a binary fd */
/* 1 when both name one existing file (volume serial and file index, as
** st_dev and st_ino do on POSIX), else 0 */
int mu_win_same_file(const char *zA, const char *zB);
/* 1 when the two UTF-8 names are one name to Windows: equal but for case
** (CompareStringOrdinal, ignoring case as the file system does), else 0 */
int mu_win_same_name(const char *zA, const char *zB);
/* argv as UTF-8 (from GetCommandLineW); stdout and stderr in binary mode
** (the output is byte for byte Linux's), the console in UTF-8 */
int mu_win_main(int *pArgc, char ***pArgv);
/* the console's width in columns, 0 if stderr is not a console */
int mu_win_console_columns(void);
/* the running executable's path, from sqlite3_malloc64; 0 if unknown */
char *mu_win_exe_path(void);
/* run PROGRAM with ARGV (UTF-8) and wait: its exit status, or -1 (errno) */
int mu_win_spawn(const char *zProgram, char *const *azArgv);
#define stat(p, s) mu_win_stat(p, s)
#define access(p, m) mu_win_access(p, m)
#define unlink(p) mu_win_unlink(p)
#define rename(a, b) mu_win_rename(a, b)
#define mkstemp(t) mu_win_mkstemp(t)
#define fopen(p, m) mu_win_fopen(p, m)
#define fsync(fd) _commit(fd)
#define fchmod(fd, mode) ((void)(fd), (void)(mode), 0)
#endif
#endif
#endif
