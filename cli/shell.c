/*
** shell.c — muling shell [DB]
**
** Replaces itself with the system sqlite3 shell (or $MULING_SQLITE3):
**
**   sqlite3 -cmd '.load <libdir>/muling.so sqlite3_muling_persist_init' [OPTIONS] [DB [SQL …]]
**
** sqlite3's own options and a statement after DB pass through as written.
** A DB that does not exist is refused unless --create.
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

#ifdef _WIN32
#define EXT_NAME "muling.dll"
#else
#define EXT_NAME "muling.so"
#endif

/* The path of the running executable, sqlite3_malloc'd; NULL if unknown. */
static char *exe_path(void) {
#ifdef _WIN32
  return mu_win_exe_path();
#else
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
#endif
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
#ifdef _WIN32
  char *back = strrchr(exe, '\\');
  if (back && (!slash || back > slash)) slash = back;
#endif
  if (slash) *slash = 0;
  const char *dir = slash ? exe : ".";
  char *beside = sqlite3_mprintf("%s/" EXT_NAME, dir);
  char *installed = sqlite3_mprintf("%s/../lib/sqlite3/" EXT_NAME, dir);
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

#ifdef _WIN32
/* sqlite3.exe beside muling.exe, else the first on PATH; sqlite3_malloc'd,
** or NULL with the reason printed. */
static char *find_sqlite3_exe(void) {
  char *exe = exe_path();
  if (!exe) {
    cli_error("cannot find muling.exe's folder; set MULING_SQLITE3 to sqlite3.exe's path");
    return 0;
  }
  char *slash = strrchr(exe, '\\'), *fwd = strrchr(exe, '/');
  if (fwd && (!slash || fwd > slash)) slash = fwd;
  if (slash) *slash = 0;
  char *beside = sqlite3_mprintf("%s\\sqlite3.exe", slash ? exe : ".");
  if (!beside) {
    sqlite3_free(exe);
    cli_nomem();
    return 0;
  }
  if (is_file(beside)) {
    sqlite3_free(exe);
    return beside;
  }
  const char *path = getenv("PATH");
  for (const char *p = path ? path : ""; *p;) {
    const char *end = strchr(p, ';');
    int n = end ? (int)(end - p) : (int)strlen(p);
    if (n > 0) {
      char *cand = sqlite3_mprintf("%.*s\\sqlite3.exe", n, p);
      if (!cand) break;
      if (is_file(cand)) {
        sqlite3_free(exe);
        sqlite3_free(beside);
        return cand;
      }
      sqlite3_free(cand);
    }
    p += n + (end != 0);
  }
  cli_error("cannot find sqlite3.exe: not beside muling.exe (%s) nor on PATH "
            "(put the SQLite tools' sqlite3.exe there, or set MULING_SQLITE3)",
            beside);
  sqlite3_free(exe);
  sqlite3_free(beside);
  return 0;
}
#endif

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

/* The sqlite3 shell's options (3.40), so that `muling shell` passes them
** through and still refuses a misspelt one itself, with exit 2.  `args`
** is how many arguments follow the option. */
static const struct {
  const char *name;
  int args;
} sqlite3_options[] = {
    {"A", -1},        {"append", 0},   {"ascii", 0},    {"bail", 0},
    {"batch", 0},     {"box", 0},      {"column", 0},   {"cmd", 1},
    {"csv", 0},       {"deserialize", 0}, {"echo", 0},  {"init", 1},
    {"header", 0},    {"noheader", 0}, {"help", 0},     {"html", 0},
    {"interactive", 0}, {"json", 0},   {"line", 0},     {"list", 0},
    {"lookaside", 2}, {"markdown", 0}, {"maxsize", 1},  {"memtrace", 0},
    {"mmap", 1},      {"newline", 1},  {"nofollow", 0}, {"nonce", 1},
    {"nullvalue", 1}, {"pagecache", 2}, {"quote", 0},   {"readonly", 0},
    {"safe", 0},      {"separator", 1}, {"stats", 0},   {"table", 0},
    {"tabs", 0},      {"version", 0},  {"vfs", 1},      {"zip", 0},
};

/* How many arguments the sqlite3 option `arg` takes (-1: all the rest),
** or -2 if sqlite3 has no such option. */
static int sqlite3_option_args(const char *arg) {
  const char *name = arg + 1 + (arg[1] == '-');
  for (size_t i = 0; i < sizeof sqlite3_options / sizeof sqlite3_options[0]; i++)
    if (strcmp(name, sqlite3_options[i].name) == 0) return sqlite3_options[i].args;
  return -2;
}

int cmd_shell(int argc, char **argv) {
  /* muling shell [--create] [SQLITE3-OPTIONS] [DB [SQL …]]: everything but
  ** --create goes to sqlite3 as written, after the -cmd that loads muling. */
  const char *path = 0;
  int create = 0, nPass = 0;
  char **pass = sqlite3_malloc64(sizeof(char *) * ((sqlite3_uint64)argc + 4));
  if (!pass) return cli_nomem();
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (path == 0 && strcmp(a, "--create") == 0) {
      create = 1;
      continue;
    }
    if (path == 0 && a[0] == '-' && a[1]) {
      int n = sqlite3_option_args(a);
      if (n == -2) {
        sqlite3_free(pass);
        return cli_usage("shell", "unknown option '%s' (muling shell takes --create and the sqlite3 shell's options)", a);
      }
      if (n >= 0 && i + n >= argc) {
        sqlite3_free(pass);
        return cli_usage("shell", "option '%s' needs %d argument%s", a, n, n == 1 ? "" : "s");
      }
      if (n < 0) n = argc - 1 - i;
      for (int k = 0; k <= n; k++) pass[nPass++] = argv[i + k];
      i += n;
      continue;
    }
    if (path == 0) path = a;
    pass[nPass++] = argv[i];
  }
  /* sqlite3 makes an empty database out of a mistyped name; muling does so
  ** only when asked. */
  if (path && !create && *path && strcmp(path, ":memory:") != 0 &&
      strncmp(path, "file:", 5) != 0) {
    struct stat st;
    if (stat(path, &st) != 0) {
      int err = errno;
      sqlite3_free(pass);
      if (err == ENOENT) {
        cli_error("no database %s (muling shell --create %s makes a new one)", path, path);
        return CLI_USAGE;
      }
      cli_error("cannot open %s: %s", path, strerror(err));
      return CLI_DB;
    }
  }
  char *so = find_extension();
  if (!so) {
    sqlite3_free(pass);
    return CLI_DB;
  }
  char *load = load_command(so);
  sqlite3_free(so);
  if (!load) {
    sqlite3_free(pass);
    return cli_nomem();
  }
  const char *shell = getenv("MULING_SQLITE3");
#ifdef _WIN32
  char *found = 0;
  if (!shell || !*shell) {
    found = find_sqlite3_exe();
    if (!found) {
      sqlite3_free(pass);
      sqlite3_free(load);
      return CLI_DB;
    }
    shell = found;
  }
#endif
  if (!shell || !*shell) shell = "sqlite3";
  char **args = sqlite3_malloc64(sizeof(char *) * ((sqlite3_uint64)nPass + 4));
  if (!args) {
    sqlite3_free(pass);
    sqlite3_free(load);
    return cli_nomem();
  }
  args[0] = (char *)shell;
  args[1] = "-cmd";
  args[2] = load;
  for (int k = 0; k < nPass; k++) args[3 + k] = pass[k];
  args[3 + nPass] = 0;
  fflush(stdout);
#ifdef _WIN32
  /* no exec on Windows: run sqlite3.exe and pass its exit status on */
  int status = mu_win_spawn(shell, args);
  if (status >= 0) {
    sqlite3_free(found);
    sqlite3_free(args);
    sqlite3_free(pass);
    sqlite3_free(load);
    return status;
  }
#else
  execvp(shell, args);
#endif
  int err = errno;
  cli_error("cannot run %s: %s (install the sqlite3 package, or set MULING_SQLITE3)",
            shell, strerror(err));
#ifdef _WIN32
  sqlite3_free(found);
#endif
  sqlite3_free(args);
  sqlite3_free(pass);
  sqlite3_free(load);
  return CLI_DB;
}
