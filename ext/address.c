/*
** address.c — a building's name as the key `muling import` matches it by.
**
**   SELECT building_key('1号楼');                   -- '1'
**   SELECT building_key('塔城路小区1号楼', '塔城路小区'); -- '1'
**   SELECT building_key('1栋'), building_key('1幢'), building_key('1号');
**                                                   -- '1', '1', '1'
**   SELECT building_key('号楼');                    -- '号楼' (nothing before it)
**
**   building_key(building [, compound])
**
** A street office writes one building as 1栋, 1号楼 or 塔城路小区1号楼.  The
** key is the name with the compound's name cut off its front (when the
** name is longer and starts with it, byte for byte), then a last 号楼, or
** else a last 栋, 幢, 号 or 楼, cut off its end when something is left
** before it.  sql/import_residents.sql keys both the buildings of the area
** tree and each row's 楼栋 with it, so the two always agree; it is
** the one place the rule lives.  As one C call it costs a row a fraction
** of the nested substr()/GLOB expression it replaces.
**
** A NULL building gives NULL; a NULL compound cuts nothing off the front.
** A number is read as its text; a blob is an error naming the function
** and the argument.
*/
#include "common.h"

#include <string.h>

/* 1 if z[0..n) ends with the UTF-8 text s and has something before it. */
static int ends_with(const unsigned char *z, int n, const char *s) {
  int k = (int)strlen(s);
  return n > k && memcmp(z + n - k, s, (size_t)k) == 0;
}

void mu_building_key(const unsigned char *z, int n, const unsigned char *c, int nc, int *start, int *len) {
  *start = c && n > nc && memcmp(z, c, (size_t)nc) == 0 ? nc : 0;
  *len = n - *start;
  static const char *const last[] = {"号楼", "栋", "幢", "号", "楼"};
  for (size_t i = 0; i < sizeof(last) / sizeof(last[0]); i++)
    if (ends_with(z + *start, *len, last[i])) {
      *len -= (int)strlen(last[i]);
      return;
    }
}

static void buildingKeyFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *z = 0, *c = 0;
  int n = 0, nc = 0;
  int rc = mu_text_arg(ctx, argv[0], "building_key", "building", &z, &n);
  if (rc != 0) return; /* NULL: NULL; or the error is set */
  if (argc > 1) {
    rc = mu_text_arg(ctx, argv[1], "building_key", "compound", &c, &nc);
    if (rc < 0) return;
    /* the text of argv[0] stays valid: a second argument is a second value */
    if (rc != 0) c = 0;
  }
  int start, len;
  mu_building_key(z, n, c, nc, &start, &len);
  sqlite3_result_text(ctx, (const char *)z + start, len, SQLITE_TRANSIENT);
}

int muling_register_address(sqlite3 *db) {
  /* Pure: the key depends on the arguments alone. */
  int rc = sqlite3_create_function_v2(db, "building_key", 1, MU_PURE, 0, buildingKeyFunc, 0, 0, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "building_key", 2, MU_PURE, 0, buildingKeyFunc, 0, 0, 0);
  return rc;
}
