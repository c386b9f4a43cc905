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
**
**   SELECT door_unit('1-201'), door_room('1-201');       -- '1', '201'
**   SELECT door_unit('3-2-401'), door_room('3-2-401');   -- '2', '401'
**   SELECT door_unit('201'), door_room('201');           -- NULL, '201'
**
** A household's door number (门牌号) as the street office's export splits
** it into 单元 and 门牌号: with two hyphens or more, building-unit-room
** (the unit between the first two, the room everything after the
** second); with one, unit-room; with none, the room alone and no unit.
** The export asks it of every resident, where the nested substr()/instr()
** expression it replaces cost more than the rest of the row's columns.
** NULL gives NULL; a number is read as its text; a blob is an error.
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

/* The byte offsets of the first two hyphens of z[0..n), or -1. */
static void door_dashes(const unsigned char *z, int n, int *d1, int *d2) {
  int i = 0; /* a door number is a few bytes: looked at in a loop, not a call */
  while (i < n && z[i] != '-') i++;
  *d1 = i < n ? i++ : -1;
  while (i < n && z[i] != '-') i++;
  *d2 = *d1 >= 0 && i < n ? i : -1;
}

/* door_unit(door_no): the unit, or NULL; door_room(door_no): the room. */
static void doorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int room = sqlite3_user_data(ctx) != 0;
  const unsigned char *z = 0;
  int n = 0;
  if (mu_text_arg(ctx, argv[0], room ? "door_room" : "door_unit", "door_no", &z, &n) != 0) return;
  int d1, d2;
  door_dashes(z, n, &d1, &d2);
  int start = 0, end = n;
  if (d2 >= 0) {
    if (room) start = d2 + 1;
    else start = d1 + 1, end = d2;
  } else if (d1 >= 0) {
    if (room) start = d1 + 1;
    else end = d1;
  } else if (!room) {
    return; /* no unit: NULL */
  }
  sqlite3_result_text(ctx, (const char *)z + start, end - start, SQLITE_TRANSIENT);
}

int muling_register_address(sqlite3 *db) {
  /* Pure: the key depends on the arguments alone. */
  int rc = sqlite3_create_function_v2(db, "building_key", 1, MU_PURE, 0, buildingKeyFunc, 0, 0, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "building_key", 2, MU_PURE, 0, buildingKeyFunc, 0, 0, 0);
  /* Pure too: the parts depend on the door number alone. */
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "door_unit", 1, MU_PURE, 0, doorFunc, 0, 0, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "door_room", 1, MU_PURE, (void *)1, doorFunc, 0, 0, 0);
  return rc;
}
