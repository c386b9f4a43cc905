/*
** muling.c — the extension's entry points.
**
**   .load ./muling                          -- sqlite3 shell
**   SELECT load_extension('./muling.so');   -- any host; entry point found by name
**   .load ./muling sqlite3_muling_persist_init
**                                           -- also for every later connection
**   SELECT muling_version();                -- '0.1.0'
**   SELECT muling_debug();                  -- how this build was made
**
** sqlite3_muling_init calls each module's registration function in turn and
** nothing else.  sqlite3_muling_persist_init also registers the extension
** with sqlite3_auto_extension and returns SQLITE_OK_LOAD_PERMANENTLY, so the
** functions survive `.open` in the shell.
*/
#define MULING_MAIN
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#include "common.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <expat.h>
#include <freexl.h>
#include <libical/ical.h>
#include <pcre2.h>
#include <zlib.h>

#ifdef _WIN32
#define MULING_EXPORT __declspec(dllexport)
#else
#define MULING_EXPORT __attribute__((visibility("default")))
#endif

/* The workbook libraries' line. */
#define XLSX_FMT "expat %s, minizip (zlib's contrib), freexl %s"
#define XLSX_ARGS XML_ExpatVersion(), freexl_version()

static void versionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, MULING_VERSION, -1, SQLITE_STATIC);
}

/* muling_debug(): one line a fact, for bug reports. */
static void debugFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  char pcre[64] = "?";
  uint32_t jit = 0;
  if (pcre2_config(PCRE2_CONFIG_VERSION, pcre) < 0) pcre[0] = '?', pcre[1] = 0;
  if (pcre2_config(PCRE2_CONFIG_JIT, &jit) < 0) jit = 0;
  char *z = sqlite3_mprintf(
      "muling %s\n"
      "sqlite %s (built against %s)\n"
      "pcre2 %s, jit %s\n"
      "zlib %s\n"
      "libical %s, rscale %s\n"
      XLSX_FMT "\n"
      "compiler %s",
      MULING_VERSION, sqlite3_libversion(), SQLITE_VERSION, pcre,
      jit ? "available" : "not available", zlibVersion(), ICAL_VERSION,
      icalrecurrencetype_rscale_is_supported() ? "supported" : "not supported",
      XLSX_ARGS, __VERSION__);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, z, -1, sqlite3_free);
}

static int register_core(sqlite3 *db) {
  int rc = sqlite3_create_function_v2(db, "muling_version", 0, MU_PURE, 0,
                                      versionFunc, 0, 0, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "muling_debug", 0, MU_PURE, 0,
                                    debugFunc, 0, 0, 0);
  return rc;
}

static int (*const modules[])(sqlite3 *) = {
    register_core,           muling_register_idcard, muling_register_ethnic,
    muling_register_phone,   muling_register_regexp, muling_register_gzip,
    muling_register_csvfile, muling_register_rollup, muling_register_diversity,
    muling_register_scoring, muling_register_rrule,   muling_register_roster,
    muling_register_xlsxfile, muling_register_address,
};

MULING_EXPORT int sqlite3_muling_init(sqlite3 *db, char **pzErrMsg,
                                      const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  for (size_t i = 0; i < sizeof(modules) / sizeof(modules[0]); i++) {
    int rc = modules[i](db);
    if (rc != SQLITE_OK) {
      if (pzErrMsg)
        *pzErrMsg = sqlite3_mprintf("muling: registration failed: %s",
                                    sqlite3_errstr(rc));
      return rc;
    }
  }
  return SQLITE_OK;
}

MULING_EXPORT int sqlite3_muling_persist_init(sqlite3 *db, char **pzErrMsg,
                                              const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  int rc = sqlite3_muling_init(db, pzErrMsg, pApi);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_auto_extension((void (*)(void))sqlite3_muling_init);
  if (rc != SQLITE_OK) return rc;
  return SQLITE_OK_LOAD_PERMANENTLY;
}
