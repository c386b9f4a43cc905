/*
** import_fast.c — the common rows of `muling import DB residents FILE`,
** transformed in C.
**
** sql/import_residents.sql is the transform: what a row becomes, every
** reject and normalisation.  Run once a row, it is most of an import's
** cost (its 40 function calls, CASE chains and copies of bound values
** cost a row as much as all the rest together).  Most rows of a street
** export need none of its work but the common case: an 18-character ID
** number as written and valid, a 民族 written as its code or standard
** name, a mobile number as written (or no mobile number), 性别, 户籍性质
** and 是否低保 spelled as the transform lists them, no 出生日期, and a
** building that is given, absent, or names exactly one building of the
** map.  Such a row is transformed here, with the functions' own C code
** (ext/common.h: idcard_normalize, ethnic_code, phone_normalize,
** building_key), into cells (cli/import_row.h) in the transform's
** columns, which import.c binds straight to its insert and reimport.c
** reads as it reads the transform's row.  Every other row -- anything to reject, normalise or explain
** (ambiguous, not found), any value that is not text -- goes through the
** SQL, so what each row becomes is what the transform says; the test
** import_fast.sh compares the two on every row of an export
** (MULING_IMPORT_SQL_ONLY=1 sends every row through the SQL).
**
** Nothing is allocated a row: the cells point where the values lie (the
** source's current row, or this struct's buffers), and the map of
** buildings is read once from temp.import_buildings.
*/
#include <string.h>

#include "cli.h"
#include "common.h"
#include "import_fast.h"
#include "import_row.h"

/* The transform's parameters this file reads (all it has). */
enum { P_NAME, P_SEX, P_ETHNIC, P_ID, P_PHONE, P_STREET, P_COMMUNITY, P_COMPOUND, P_BUILDING, P_UNIT,
       P_ROOM, P_REGISTRATION, P_LOW_INCOME, P_NOTE, P_BIRTH, P_AREA, P_HOUSEHOLD, P_COUNT };
static const char *const param_names[P_COUNT] = {
    ":name",     ":sex",  ":ethnic", ":id_number",    ":phone",      ":street", ":community",  ":compound", ":building",
    ":unit",     ":room", ":registration", ":low_income", ":note", ":birth_date", ":area_id", ":household_id"};

/* The transform's result columns (all it has). */
enum { O_REJECT, O_NORMALISED, O_BUILDING, O_NAME, O_SEX, O_BIRTH, O_ETHNIC, O_ID, O_PHONE, O_AREA,
       O_HOUSEHOLD, O_REGISTRATION, O_LOW_INCOME, O_NOTE, O_ADDRESS, O_COUNT };
static const char *const out_names[O_COUNT] = {
    "_reject", "_normalised", "_building", "name",         "sex",        "birth_date", "ethnic_code", "id_number",
    "phone",   "area_id",     "household_id", "registration", "low_income", "note",      "address_raw"};

/* One building of the map: its id and its names, as offsets into text
** (-1: NULL). */
struct building {
  sqlite3_int64 id;
  int compound, building, community, street; /* offsets */
  int ncompound, nbuilding, ncommunity, nstreet;
  int next; /* the next in the bucket, -1 none */
};

struct import_fast {
  struct import_cell *cell; /* the row, one a transform column */
  int src[P_COUNT];      /* per parameter: its source column, -1 none */
  int out[O_COUNT];      /* per result column: its transform column, from 0 */
  struct building *b;
  int nb;
  int *bucket, nbucket;  /* nbucket: a power of 2 */
  char *text;            /* the buildings' names */
  char id[19], birth[11], phone[12]; /* birth: NUL-terminated */
  char *addr;            /* address_raw of the row */
  sqlite3_int64 naddr;
  /* The last 民族 as written and what it gave (a street export writes
  ** one spelling for nearly every row): asked again only when it changes. */
  unsigned char ethnic_as[32];
  int ethnic_n;              /* -1: none yet */
  const char *ethnic_code;   /* NULL: not the code or standard name of a group */
};

static unsigned hash_pair(const unsigned char *a, int na, const unsigned char *b, int nb) {
  unsigned h = 2166136261u;
  for (int i = 0; i < na; i++) h = (h ^ a[i]) * 16777619u;
  h = (h ^ 0xFF) * 16777619u; /* never a byte of UTF-8: "ab"+"c" is not "a"+"bc" */
  for (int i = 0; i < nb; i++) h = (h ^ b[i]) * 16777619u;
  return h;
}

static int same(const char *text, int off, int n, const unsigned char *z, int nz) {
  return off >= 0 && n == nz && memcmp(text + off, z, (size_t)n) == 0;
}

/* Read temp.import_buildings into the map.  Returns an SQLite code; a
** name that is not text (or NULL) leaves *usable 0. */
static int load_buildings(struct import_fast *f, sqlite3 *db, int *usable) {
  sqlite3_stmt *stmt = 0;
  sqlite3_str *text = sqlite3_str_new(db);
  int rc = sqlite3_prepare_v2(db, "SELECT id, compound, building, community, street FROM temp.import_buildings",
                              -1, &stmt, 0);
  int alloc = 0;
  *usable = 1;
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    rc = SQLITE_OK;
    if (f->nb == alloc) {
      alloc = alloc ? alloc * 2 : 256;
      void *p = sqlite3_realloc64(f->b, sizeof(*f->b) * (sqlite3_uint64)alloc);
      if (!p) {
        rc = SQLITE_NOMEM;
        break;
      }
      f->b = p;
    }
    struct building *b = &f->b[f->nb];
    b->id = sqlite3_column_int64(stmt, 0);
    int *off[4] = {&b->compound, &b->building, &b->community, &b->street};
    int *len[4] = {&b->ncompound, &b->nbuilding, &b->ncommunity, &b->nstreet};
    for (int k = 0; k < 4; k++) {
      int type = sqlite3_column_type(stmt, k + 1);
      *off[k] = -1;
      *len[k] = 0;
      if (type == SQLITE_NULL) continue;
      if (type != SQLITE_TEXT) *usable = 0;
      const char *z = (const char *)sqlite3_column_blob(stmt, k + 1);
      int n = sqlite3_column_bytes(stmt, k + 1);
      *off[k] = sqlite3_str_length(text);
      *len[k] = n;
      if (n > 0) sqlite3_str_append(text, z, n);
    }
    if (sqlite3_str_errcode(text) != SQLITE_OK) rc = sqlite3_str_errcode(text);
    f->nb++;
  }
  sqlite3_finalize(stmt);
  int empty = sqlite3_str_length(text) == 0;
  f->text = sqlite3_str_finish(text);
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  if (rc == SQLITE_OK && !f->text && !empty) rc = SQLITE_NOMEM;
  if (rc != SQLITE_OK) return rc;
  f->nbucket = 64;
  while (f->nbucket < f->nb * 2) f->nbucket *= 2;
  f->bucket = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)f->nbucket);
  if (!f->bucket) return SQLITE_NOMEM;
  for (int i = 0; i < f->nbucket; i++) f->bucket[i] = -1;
  for (int i = 0; i < f->nb; i++) {
    struct building *b = &f->b[i];
    if (b->compound < 0 || b->building < 0) {
      b->next = -1; /* compound = :compound is never true of NULL */
      continue;
    }
    unsigned h = hash_pair((const unsigned char *)f->text + b->compound, b->ncompound,
                           (const unsigned char *)f->text + b->building, b->nbuilding) &
                 (unsigned)(f->nbucket - 1);
    b->next = f->bucket[h];
    f->bucket[h] = i;
  }
  return SQLITE_OK;
}

int import_fast_open(struct import_fast **pf, sqlite3 *db, sqlite3_stmt *xform, const int *xform_src) {
  *pf = 0;
  int nparam = sqlite3_bind_parameter_count(xform), ncol = sqlite3_column_count(xform);
  if (ncol != O_COUNT) return CLI_OK;
  struct import_fast *f = sqlite3_malloc64(sizeof(*f));
  if (!f) return cli_nomem();
  memset(f, 0, sizeof(*f));
  f->ethnic_n = -1;
  for (int p = 0; p < P_COUNT; p++) f->src[p] = -1;
  int known = 1;
  for (int i = 1; i <= nparam && known; i++) {
    const char *name = sqlite3_bind_parameter_name(xform, i);
    int p = 0;
    while (p < P_COUNT && !(name && strcmp(name, param_names[p]) == 0)) p++;
    if (p == P_COUNT) known = 0;
    else f->src[p] = xform_src[i - 1];
  }
  for (int o = 0; o < O_COUNT; o++) f->out[o] = -1;
  for (int i = 0; i < ncol && known; i++) {
    const char *name = sqlite3_column_name(xform, i);
    int o = 0;
    while (o < O_COUNT && !(name && strcmp(name, out_names[o]) == 0)) o++;
    if (o == O_COUNT || f->out[o] >= 0) known = 0;
    else f->out[o] = i;
  }
  if (!known) {
    import_fast_close(f);
    return CLI_OK;
  }
  f->cell = sqlite3_malloc64(sizeof(*f->cell) * O_COUNT);
  if (!f->cell) {
    import_fast_close(f);
    return cli_nomem();
  }
  memset(f->cell, 0, sizeof(*f->cell) * O_COUNT);
  int usable = 0;
  int rc = load_buildings(f, db, &usable);
  if (rc != SQLITE_OK) {
    import_fast_close(f);
    return rc == SQLITE_NOMEM ? cli_nomem() : cli_db_error(db, "import");
  }
  if (!usable) {
    import_fast_close(f);
    return CLI_OK;
  }
  *pf = f;
  return CLI_OK;
}

void import_fast_close(struct import_fast *f) {
  if (!f) return;
  sqlite3_free(f->cell);
  sqlite3_free(f->b);
  sqlite3_free(f->bucket);
  sqlite3_free(f->text);
  sqlite3_free(f->addr);
  sqlite3_free(f);
}

/* A parameter's value as the command binds it: trimmed of spaces, an
** empty text NULL (z NULL).  Returns 0 when it is not text or NULL. */
struct val {
  const unsigned char *z;
  int n;
  int term; /* z[n] is a NUL and z[0..n) has none */
};

/* The name and the ID number are read as C text: the table's CHECKs take
** their length() and substr(), which copy a text to add its terminator
** unless its value says it has one -- as csvfile's values do, so asking
** for the text costs nothing then.  The others are read as blobs, as they
** lie.  The column is asked for its value once: each sqlite3_column_*()
** call takes the connection's mutex and checks for a malloc failure
** (about 56 instructions; three a field were 4 % of a street export's
** import), sqlite3_value_*() on the value do neither -- the value is
** "unprotected", which only matters to a connection used by several
** threads at once, and the command has one thread.  Returns 1, 0 when the
** value is not text or NULL, -1 when out of memory. */
static int param(const struct import_fast *f, sqlite3_stmt *source, int p, struct val *v) {
  v->z = 0;
  v->n = 0;
  v->term = 0;
  if (f->src[p] < 0) return 1;
  sqlite3_value *value = sqlite3_column_value(source, f->src[p]);
  int type = sqlite3_value_type(value);
  if (type == SQLITE_NULL) return 1;
  if (type != SQLITE_TEXT) return 0;
  int as_text = p == P_NAME || p == P_ID;
  const unsigned char *z = as_text ? sqlite3_value_text(value) : sqlite3_value_blob(value);
  int n = sqlite3_value_bytes(value);
  if (!z) return as_text ? -1 : 1; /* a text is NULL only out of memory; an empty blob is */
  const unsigned char *end = z + n;
  while (n > 0 && z[0] == ' ') z++, n--;
  while (n > 0 && z[n - 1] == ' ') n--;
  if (n > 0) {
    v->z = z, v->n = n;
    v->term = as_text && z + n == end && !memchr(z, 0, (size_t)n);
  }
  return 1;
}

static int is(const struct val *v, const char *s) {
  return v->z && (size_t)v->n == strlen(s) && memcmp(v->z, s, (size_t)v->n) == 0;
}

/* The value a CASE of the transform gives V: the first of PAIRS (spelling,
** value) that V is, or NULL. */
static const char *lookup(const struct val *v, const char *const *pairs) {
  for (int i = 0; pairs[i]; i += 2)
    if (is(v, pairs[i])) return pairs[i + 1];
  return 0;
}

static const char *const sexes[] = {"男", "M", "男性", "M", "M", "M", "m", "M",
                                    "女", "F", "女性", "F", "F", "F", "f", "F", 0};
static const char *const registrations[] = {"户籍", "registered", "户籍人口", "registered", "常住", "registered",
                                            "registered", "registered", "流动", "floating", "流动人口", "floating",
                                            "暂住", "floating", "floating", "floating", 0};
static const char *const low_incomes[] = {"是", "1", "1", "1", "Y", "1", "y", "1", "yes", "1",
                                          "否", "0", "0", "0", "N", "0", "n", "0", "no", "0", 0};

/* The one building of the map the row names, or 0 (none or several: the
** transform explains which). */
static sqlite3_int64 find_building(const struct import_fast *f, const struct val *compound, const struct val *building,
                                   const struct val *community, const struct val *street) {
  int start, len;
  mu_building_key(building->z, building->n, compound->z, compound->n, &start, &len);
  const unsigned char *k = building->z + start;
  unsigned h = hash_pair(compound->z, compound->n, k, len) & (unsigned)(f->nbucket - 1);
  sqlite3_int64 found = 0;
  int count = 0;
  for (int i = f->bucket[h]; i >= 0; i = f->b[i].next) {
    const struct building *b = &f->b[i];
    if (!same(f->text, b->compound, b->ncompound, compound->z, compound->n) ||
        !same(f->text, b->building, b->nbuilding, k, len))
      continue;
    if (community->z && !same(f->text, b->community, b->ncommunity, community->z, community->n)) continue;
    if (street->z && !same(f->text, b->street, b->nstreet, street->z, street->n)) continue;
    if (++count > 1) return 0;
    found = b->id;
  }
  return found;
}

/* A cell: the text z[0..n) (NULL when z is), NUL-terminated at n with term. */
static void cell_text(struct import_cell *c, const char *z, int n, int term) {
  c->type = z ? SQLITE_TEXT : SQLITE_NULL;
  c->z = z;
  c->n = z ? n : 0;
  c->term = (unsigned char)(z && term);
}

static void cell_val(struct import_cell *c, const struct val *v) {
  cell_text(c, (const char *)v->z, v->n, v->term);
}

static void cell_int(struct import_cell *c, sqlite3_int64 i) {
  c->type = SQLITE_INTEGER;
  c->i = i;
  c->term = 0;
}

/* address_raw: nullif(trim(printf('%s %s %s %s', compound, building, unit,
** room)), ''), into f->addr, NUL-terminated.  Returns the length (0:
** NULL), -1 out of memory. */
static int address(struct import_fast *f, const struct val *parts) {
  sqlite3_int64 need = 5;
  for (int i = 0; i < 4; i++) need += parts[i].n;
  if (need > f->naddr) {
    char *p = sqlite3_realloc64(f->addr, (sqlite3_uint64)need * 2);
    if (!p) return -1;
    f->addr = p;
    f->naddr = need * 2;
  }
  int k = 0;
  for (int i = 0; i < 4; i++) {
    if (i) f->addr[k++] = ' ';
    if (parts[i].z) memcpy(f->addr + k, parts[i].z, (size_t)parts[i].n), k += parts[i].n;
  }
  int s = 0;
  while (s < k && f->addr[s] == ' ') s++;
  while (k > s && f->addr[k - 1] == ' ') k--;
  if (s > 0) memmove(f->addr, f->addr + s, (size_t)(k - s));
  f->addr[k - s] = 0;
  return k - s;
}

int import_fast_row(struct import_fast *f, sqlite3_stmt *source, const struct import_cell **row) {
  struct val v[P_COUNT];
  *row = 0;
  for (int p = 0; p < P_COUNT; p++) {
    int ok = param(f, source, p, &v[p]);
    if (ok < 0) return SQLITE_NOMEM;
    if (!ok) return SQLITE_OK;
  }
  if (v[P_BIRTH].z) return SQLITE_OK; /* date checks and date_format: the transform's */
  /* an ID number as written: valid, 18 characters, nothing to normalise */
  if (v[P_ID].z && (v[P_ID].n != 18 || !mu_idcard_normalize(v[P_ID].z, v[P_ID].n, f->id) ||
                    memcmp(f->id, v[P_ID].z, 18) != 0))
    return SQLITE_OK;
  const char *ethnic = 0;
  if (v[P_ETHNIC].z) {
    const struct val *e = &v[P_ETHNIC];
    if (!(e->n == f->ethnic_n && memcmp(e->z, f->ethnic_as, (size_t)e->n) == 0)) {
      const char *code = 0, *name = 0;
      f->ethnic_code = mu_ethnic_code(e->z, e->n, &code, &name) && (is(e, code) || is(e, name)) ? code : 0;
      f->ethnic_n = e->n <= (int)sizeof f->ethnic_as ? e->n : -1;
      if (f->ethnic_n > 0) memcpy(f->ethnic_as, e->z, (size_t)e->n);
    }
    ethnic = f->ethnic_code;
    if (!ethnic) return SQLITE_OK; /* unknown (a reject), or a variant spelling (ethnic_variant) */
  }
  const char *sex = 0;
  if (v[P_SEX].z && !(sex = lookup(&v[P_SEX], sexes))) return SQLITE_OK;
  const char *registration = v[P_REGISTRATION].z ? lookup(&v[P_REGISTRATION], registrations) : "registered";
  const char *low_income = v[P_LOW_INCOME].z ? lookup(&v[P_LOW_INCOME], low_incomes) : "0";
  if (!registration || !low_income) return SQLITE_OK;
  /* a mobile number not as written: phone_format */
  if (v[P_PHONE].z && mu_phone_normalize(v[P_PHONE].z, v[P_PHONE].n, f->phone) &&
      !(v[P_PHONE].n == 11 && memcmp(f->phone, v[P_PHONE].z, 11) == 0))
    return SQLITE_OK;
  const char *how;
  sqlite3_int64 building = 0;
  if (v[P_AREA].z) {
    how = "given";
  } else if (!v[P_COMPOUND].z && !v[P_BUILDING].z) {
    how = "none";
  } else {
    if (!v[P_COMPOUND].z || !v[P_BUILDING].z) return SQLITE_OK; /* not found */
    building = find_building(f, &v[P_COMPOUND], &v[P_BUILDING], &v[P_COMMUNITY], &v[P_STREET]);
    if (!building) return SQLITE_OK; /* ambiguous or not found */
    how = "matched";
  }
  struct val parts[4] = {v[P_COMPOUND], v[P_BUILDING], v[P_UNIT], v[P_ROOM]};
  for (int i = 0; i < 4; i++)
    if (parts[i].z && memchr(parts[i].z, 0, (size_t)parts[i].n)) return SQLITE_OK; /* printf stops at a NUL */
  int naddr = address(f, parts);
  if (naddr < 0) return SQLITE_NOMEM;
  if (v[P_ID].z) {
    const char *z = (const char *)v[P_ID].z;
    memcpy(f->birth, z + 6, 4);
    f->birth[4] = '-';
    memcpy(f->birth + 5, z + 10, 2);
    f->birth[7] = '-';
    memcpy(f->birth + 8, z + 12, 2);
  }
  f->birth[10] = 0;
  struct import_cell *c = f->cell;
  const int *o = f->out;
  cell_text(&c[o[O_REJECT]], 0, 0, 0);
  cell_text(&c[o[O_NORMALISED]], 0, 0, 0);
  cell_text(&c[o[O_BUILDING]], how, (int)strlen(how), 1);
  cell_val(&c[o[O_NAME]], &v[P_NAME]);
  cell_text(&c[o[O_SEX]], sex, 1, 1);
  cell_text(&c[o[O_BIRTH]], v[P_ID].z ? f->birth : 0, 10, 1);
  cell_text(&c[o[O_ETHNIC]], ethnic, 2, 1);
  cell_val(&c[o[O_ID]], &v[P_ID]);
  cell_val(&c[o[O_PHONE]], &v[P_PHONE]);
  if (v[P_AREA].z) cell_val(&c[o[O_AREA]], &v[P_AREA]);
  else if (building) cell_int(&c[o[O_AREA]], building);
  else cell_text(&c[o[O_AREA]], 0, 0, 0);
  cell_val(&c[o[O_HOUSEHOLD]], &v[P_HOUSEHOLD]);
  cell_text(&c[o[O_REGISTRATION]], registration, (int)strlen(registration), 1);
  cell_int(&c[o[O_LOW_INCOME]], low_income[0] - '0');
  cell_val(&c[o[O_NOTE]], &v[P_NOTE]);
  cell_text(&c[o[O_ADDRESS]], naddr ? f->addr : 0, naddr, 1);
  *row = c;
  return SQLITE_OK;
}
