/*
** shell.c — muling shell [DB]
**
** Replaces itself with the system sqlite3 shell (or $MULING_SQLITE3):
**
**   sqlite3 -cmd '.load <libdir>/muling.so sqlite3_muling_persist_init' [DB]
**
** The persistent entry point registers the extension for every later
** connection, so the functions survive `.open`.  The shared library is
** $MULING_EXTENSION, else found beside the executable (build/muling →
** build/muling.so) or in ../lib/sqlite3/ (an installed bin/muling →
** lib/sqlite3/muling.so).  A failed .load is not fatal in sqlite3, so the
** file is checked first.
*/
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The path of the running executable, sqlite3_malloc'd; NULL if unknown. */
static char *exe_path(void) {
  for (sqlite3_int64 size = 256; size <= 65536; size *= 2) {
    char *buf = sqlite3_malloc64((sqlite3_uint64)size);
    if (!buf) return 0;
    ssize_t n = readlink("/proc/self/exe", buf, (size_t)size);
    if (n < 0) {
      sqlite3_free(buf);
      return 0;
    }
    if (n < size) {
      buf[n] = 0;
      return buf;
    }
    sqlite3_free(buf);
  }
  return 0;
}

static int is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The extension to load, sqlite3_malloc'd, or NULL with the reason printed. */
static char *find_extension(void) {
  const char *env = getenv("MULING_EXTENSION");
  if (env && *env) {
    if (is_file(env)) return sqlite3_mprintf("%s", env);
    cli_error("MULING_EXTENSION names %s, which is not a file", env);
    return 0;
  }
  char *exe = exe_path();
  if (!exe) {
    cli_error("cannot find the muling executable's directory (/proc/self/exe); "
              "set MULING_EXTENSION to the path of muling.so");
    return 0;
  }
  char *slash = strrchr(exe, '/');
  if (slash) *slash = 0;
  const char *dir = slash ? exe : ".";
  char *beside = sqlite3_mprintf("%s/muling.so", dir);
  char *installed = sqlite3_mprintf("%s/../lib/sqlite3/muling.so", dir);
  char *found = 0;
  if (beside && installed) {
    if (is_file(beside)) found = beside, beside = 0;
    else if (is_file(installed)) found = installed, installed = 0;
    else
      cli_error("cannot find the extension: neither %s nor %s exists "
                "(run make, or set MULING_EXTENSION)",
                beside, installed);
  } else {
    cli_nomem();
  }
  sqlite3_free(beside);
  sqlite3_free(installed);
  sqlite3_free(exe);
  return found;
}

/* The .load command, the path quoted for the shell's argument parser. */
static char *load_command(const char *so) {
  sqlite3_str *s = sqlite3_str_new(0);
  sqlite3_str_appendall(s, ".load \"");
  for (const char *p = so; *p; p++) {
    if (*p == '"' || *p == '\\') sqlite3_str_appendchar(s, 1, '\\');
    sqlite3_str_appendchar(s, 1, *p);
  }
  sqlite3_str_appendall(s, "\" sqlite3_muling_persist_init");
  if (sqlite3_str_errcode(s) != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(s));
    return 0;
  }
  return sqlite3_str_finish(s);
}

int cmd_shell(int argc, char **argv) {
  const char *path = 0;
  for (int i = 2; i < argc; i++) {
    if (cli_is_option(argv[i])) return cli_usage("shell", "unknown option '%s'", argv[i]);
    if (path) return cli_usage("shell", "unexpected argument '%s'", argv[i]);
    path = argv[i];
  }
  char *so = find_extension();
  if (!so) return CLI_DB;
  char *load = load_command(so);
  sqlite3_free(so);
  if (!load) return cli_nomem();
  const char *shell = getenv("MULING_SQLITE3");
  if (!shell || !*shell) shell = "sqlite3";
  char *args[] = {(char *)shell, "-cmd", load, (char *)path, 0};
  fflush(stdout);
  execvp(shell, args);
  int err = errno;
  cli_error("cannot run %s: %s (install the sqlite3 package, or set MULING_SQLITE3)",
            shell, strerror(err));
  sqlite3_free(load);
  return CLI_DB;
}
