/*
** roster.c — placeholder until the module lands: registers nothing yet.
*/
#include "common.h"

int muling_register_roster(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
