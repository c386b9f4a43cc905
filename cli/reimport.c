/*
** reimport.c — re-imports that update instead of duplicating.
**
**   muling import DB residents FILE [--existing update|skip|error]
**
**   read 600, loaded 570, rejected 30
**   new 3, updated 12, unchanged 555, not in this export 2
**   not in this export (kept, not removed): 17 李*, 230 王**
**   warned: 2 (birth_date 1, sex 1)
**
** The rules are SQL (sql/match_residents.sql, docs/cli.md "Re-imports"):
** a row is the stored resident with its normalised ID number, else the
** one with its name, birth date and building.  This file runs them for
** import.c: one match a row, then the row is new (inserted by import.c),
** matched (updated here with what the export carries, or left as stored
** with --existing skip) or a reject (a second row of the export meeting
** the same resident, several residents it could be, --existing error).
** Every statement is prepared once, before the transaction.
**
** Into an empty table (the first import of a city), a row can only match
** a row this run inserted: a fingerprint set of their ID numbers and of
** their names and birth dates then tells the rows that cannot match, and
** only the others run the match statement (the fast path, decided per run
** in reimport_set_run; the statement still decides every row it runs
** for).  Each fingerprint keeps the row it was inserted as: in a bulk
** load (import.c, no indexes until the last row) the statement runs on
** those rows only.  The warn statement runs only for a row whose sex or birth date
** is not what its ID number says.
*/
#include <string.h>

#include "cli.h"
#include "reimport.h"

/* A statement parameter's source (struct reimport's src[]): a transform
** column (>= 0), or one of these. */
#define SRC_RESIDENT (-2)
#define SRC_LINE (-3)
#define SRC_WITHIN (-4)

/* Indexes into m->src, in the order of the statements in struct reimport. */
enum { S_MATCH, S_UPDATE, S_WARN, S_SEEN_LINE, S_SEEN_ADD, S_MISSING, S_COUNT };

static const char *const statement_names[S_COUNT] = {"match", "update", "warn",
                                                     "seen_line", "seen_add", "missing"};

const char *reimport_file(const char *table, int *nomem) {
  char *name = sqlite3_mprintf("sql/match_%s.sql", table);
  if (!name) {
    *nomem = 1;
    return 0;
  }
  for (char *p = name; *p; p++)
    if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
  const struct muling_sql_file *f = cli_sql_file(name);
  sqlite3_free(name);
  return f ? f->name : 0;
}

static sqlite3_stmt **statement(struct reimport *m, int i) {
  sqlite3_stmt **all[S_COUNT] = {&m->match, &m->update, &m->warn,
                                 &m->seen_line, &m->seen_add, &m->missing};
  return all[i];
}

/* The transform's result column called NAME, or -1. */
static int xform_column(sqlite3_stmt *xform, const char *name) {
  for (int i = 0; i < sqlite3_column_count(xform); i++) {
    const char *c = sqlite3_column_name(xform, i);
    if (c && strcmp(c, name) == 0) return i;
  }
  return -1;
}

/* Where each parameter of statement I comes from. */
static int map_parameters(struct reimport *m, int i, const char *file) {
  sqlite3_stmt *stmt = *statement(m, i);
  int n = sqlite3_bind_parameter_count(stmt);
  m->src[i] = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(n + 1));
  if (!m->src[i]) return cli_nomem();
  for (int k = 1; k <= n; k++) {
    const char *p = sqlite3_bind_parameter_name(stmt, k);
    int s = -1;
    if (p && strcmp(p, ":resident_id") == 0) s = SRC_RESIDENT;
    else if (p && strcmp(p, ":line") == 0) s = SRC_LINE;
    else if (p && strcmp(p, ":within") == 0) s = SRC_WITHIN;
    else if (p && p[0] == ':') s = xform_column(m->xform, p + 1);
    if (s == -1) {
      cli_error("%s: parameter %s of statement %s is no column of the transform", file,
                p ? p : "?", statement_names[i]);
      return CLI_DB;
    }
    m->src[i][k - 1] = s;
  }
  return CLI_OK;
}

/* Is the word [w, w+n) a parameter with a column of the file? */
static int word_has_source(const char *w, int n, int (*has_source)(void *, const char *), void *ctx,
                           int *nomem) {
  char *p = sqlite3_mprintf("%.*s", n, w);
  if (!p) {
    *nomem = 1;
    return 0;
  }
  int yes = has_source(ctx, p);
  sqlite3_free(p);
  return yes;
}

/* From the "-- carries: column=param param, …" line: which transform
** columns the file carries (a column not listed is not carried). */
static int find_carried(struct reimport *m, const char *file, const char *text,
                        int (*has_source)(void *, const char *), void *ctx) {
  int ncol = sqlite3_column_count(m->xform), nomem = 0;
  m->carried = sqlite3_malloc64((sqlite3_uint64)ncol + 1);
  if (!m->carried) return cli_nomem();
  memset(m->carried, 0, (size_t)ncol + 1);
  char *list = cli_find_comment(text, cli_skip_blank(text), "carries", &nomem);
  if (nomem) return cli_nomem();
  if (!list) {
    cli_error("%s has no carries: line", file);
    return CLI_DB;
  }
  const char *p = list;
  int rc = CLI_OK;
  while (*p && rc == CLI_OK) {
    while (*p == ' ' || *p == ',') p++;
    if (!*p) break;
    size_t n = strcspn(p, ",");
    const char *eq = memchr(p, '=', n);
    if (!eq) {
      cli_error("%s: carries: wants column=parameter, got '%.*s'", file, (int)n, p);
      rc = CLI_DB;
      break;
    }
    char *col = sqlite3_mprintf("%.*s", (int)(eq - p), p);
    if (!col) {
      rc = cli_nomem();
      break;
    }
    int c = xform_column(m->xform, col);
    sqlite3_free(col);
    for (const char *w = eq + 1, *end = p + n; w < end && c >= 0 && !m->carried[c];) {
      while (w < end && *w == ' ') w++;
      int len = 0;
      while (w + len < end && w[len] != ' ') len++;
      if (len > 0) m->carried[c] = (unsigned char)word_has_source(w, len, has_source, ctx, &nomem);
      if (nomem) break;
      w += len;
    }
    if (nomem) rc = cli_nomem();
    p += n;
  }
  sqlite3_free(list);
  return rc;
}

/* Count the occurrences of NEEDLE in Z. */
static int occurrences(const char *z, const char *needle) {
  int n = 0;
  for (const char *p = strstr(z, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

/* The bulk load's statements (struct reimport): the match statement with
** each `FROM main.residents` read as the candidates' rows only.  When the
** statement names the table in any other way, or the limited statement
** does not have the same parameters, there is none (and no bulk load). */
static int prepare_candidates(struct reimport *m, const char *file) {
  static const char from[] = "FROM main.residents",
                    cand[] = "FROM (SELECT * FROM main.residents WHERE id IN "
                             "(SELECT id FROM temp.import_candidates)) AS residents";
  if (strcmp(file, "sql/match_residents.sql") != 0) return CLI_OK;
  const char *sql = sqlite3_sql(m->match);
  if (!sql) return CLI_OK;
  int n = occurrences(sql, from);
  if (n == 0 || n != occurrences(sql, "residents")) return CLI_OK;
  if (sqlite3_exec(m->db, "CREATE TEMP TABLE IF NOT EXISTS import_candidates(id INTEGER PRIMARY KEY)", 0, 0,
                   0) != SQLITE_OK)
    return cli_db_error(m->db, file);
  sqlite3_str *s = sqlite3_str_new(m->db);
  for (const char *p = sql, *q; *p; p = q + sizeof from - 1) {
    q = strstr(p, from);
    if (!q) {
      sqlite3_str_appendall(s, p);
      break;
    }
    sqlite3_str_appendf(s, "%.*s%s", (int)(q - p), p, cand);
  }
  char *limited = sqlite3_str_finish(s);
  if (!limited) return cli_nomem();
  int rc = sqlite3_prepare_v2(m->db, limited, -1, &m->match_cand, 0);
  sqlite3_free(limited);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2(m->db, "DELETE FROM temp.import_candidates", -1, &m->cand_clear, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2(m->db, "INSERT OR IGNORE INTO temp.import_candidates(id) VALUES (?1)", -1,
                            &m->cand_add, 0);
  if (rc != SQLITE_OK) return cli_db_error(m->db, file);
  int k = sqlite3_bind_parameter_count(m->match);
  int same = k == sqlite3_bind_parameter_count(m->match_cand);
  for (int i = 1; i <= k && same; i++) {
    const char *a = sqlite3_bind_parameter_name(m->match, i), *b = sqlite3_bind_parameter_name(m->match_cand, i);
    same = a && b && strcmp(a, b) == 0;
  }
  if (!same) {
    sqlite3_finalize(m->match_cand);
    m->match_cand = 0;
  }
  return CLI_OK;
}

int reimport_can_bulk(const struct reimport *m) { return m->fast && m->match_cand && m->cand_clear && m->cand_add; }

int reimport_open(struct reimport *m, sqlite3 *db, const char *file, sqlite3_stmt *xform,
                  const struct import_row *row, int (*has_source)(void *ctx, const char *param), void *ctx,
                  int existing, sqlite3_int64 within) {
  m->db = db;
  m->xform = xform;
  m->row = row;
  m->existing = existing;
  m->within = within;
  m->col_id = xform_column(xform, "id_number");
  m->col_name = xform_column(xform, "name");
  m->col_birth = xform_column(xform, "birth_date");
  m->col_sex = xform_column(xform, "sex");
  const struct muling_sql_file *f = cli_sql_file(file);
  if (!f) {
    cli_error("this build has no %s", file);
    return CLI_DB;
  }
  /* the temp table of the residents met, before the statements that read it */
  sqlite3_stmt *seen = 0;
  int rc = cli_prepare_named(db, file, "seen", &seen);
  if (rc != CLI_OK) return rc;
  int src = sqlite3_step(seen);
  sqlite3_finalize(seen);
  if (src == SQLITE_NOMEM) return cli_nomem();
  if (src != SQLITE_DONE) return cli_db_error(db, file);
  for (int i = 0; i < S_COUNT && rc == CLI_OK; i++) {
    rc = cli_prepare_named(db, file, statement_names[i], statement(m, i));
    if (rc == CLI_OK) rc = map_parameters(m, i, file);
  }
  if (rc == CLI_OK) rc = find_carried(m, file, f->text, has_source, ctx);
  if (rc == CLI_OK) rc = prepare_candidates(m, file);

  if (rc == CLI_OK &&
      sqlite3_prepare_v2(db,
                         "INSERT INTO main.import_warnings(run_id, line, resident_id, kind, detail) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)",
                         -1, &m->add_warning, 0) != SQLITE_OK)
    rc = cli_db_error(db, "import_warnings");
  return rc;
}

/* The fast path (struct reimport) is exact only while every row of the
** table is a row this run inserted, as the transform gave it: so the
** table is empty when the run begins (inside its transaction: no other
** connection writes until the commit), and no trigger can add, change or
** remove a row behind the import's back (one on the table, or on a table
** the import writes). */
static int decide_fast(struct reimport *m) {
  sqlite3_stmt *stmt = 0;
  int rc = sqlite3_prepare_v2(m->db,
                              "SELECT NOT EXISTS (SELECT 1 FROM main.residents) AND NOT EXISTS ("
                              "SELECT 1 FROM (SELECT tbl_name FROM main.sqlite_schema WHERE type = 'trigger' "
                              "UNION ALL SELECT tbl_name FROM temp.sqlite_schema WHERE type = 'trigger') "
                              "WHERE lower(tbl_name) IN ('residents', 'import_rejects', 'import_warnings', "
                              "'import_runs', 'import_seen'))",
                              -1, &stmt, 0);
  if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    m->fast = sqlite3_column_int(stmt, 0);
    rc = SQLITE_OK;
  }
  int rc2 = sqlite3_finalize(stmt);
  return rc == SQLITE_OK ? rc2 : rc;
}

int reimport_set_run(struct reimport *m, sqlite3_int64 run_id) {
  m->run_id = run_id;
  m->fast = 0;
  if (m->col_id < 0 || m->col_name < 0 || m->col_birth < 0) return SQLITE_OK;
  return decide_fast(m);
}

/* ---- the fast path's fingerprints ---------------------------------------- */

/* The bytes of the transform's column COL as the table compares them: a
** text or blob as it is, a NULL as no bytes with *null.  Returns 0 for a
** number (stored as text by the column's affinity: the fast path stops). */
static int key_bytes(struct reimport *m, int col, const unsigned char **z, int *n, int *null) {
  int type = import_row_type(m->row, col);
  *null = type == SQLITE_NULL;
  *z = 0;
  *n = 0;
  if (*null) return 1;
  if (type != SQLITE_TEXT && type != SQLITE_BLOB) return 0;
  *z = import_row_blob(m->row, col);
  *n = import_row_bytes(m->row, col);
  return 1;
}

/* FNV-1a over the bytes, continuing from h. */
static sqlite3_uint64 fnv(sqlite3_uint64 h, const unsigned char *z, int n) {
  for (int i = 0; i < n; i++) h = (h ^ z[i]) * 0x100000001b3ULL;
  return h;
}

/* The row's two fingerprints: its ID number (0 when it has none) and its
** name and birth date.  Returns 0 when a value is a number. */
static int row_keys(struct reimport *m, unsigned *id, unsigned *person) {
  const unsigned char *z;
  int n, null;
  sqlite3_uint64 h = 0xcbf29ce484222325ULL;
  if (!key_bytes(m, m->col_id, &z, &n, &null)) return 0;
  *id = 0;
  if (!null) {
    sqlite3_uint64 k = fnv(fnv(h, (const unsigned char *)"i", 1), z, n);
    *id = (unsigned)(k ^ (k >> 32));
    if (!*id) *id = 1;
  }
  if (!key_bytes(m, m->col_name, &z, &n, &null)) return 0;
  h = fnv(fnv(h, (const unsigned char *)(null ? "n" : "p"), 1), z, n);
  if (!key_bytes(m, m->col_birth, &z, &n, &null)) return 0;
  /* 0xFF never occurs in UTF-8: the name's end cannot slide into the date */
  h = fnv(fnv(h, (const unsigned char *)(null ? "\xff\xfe" : "\xff"), null ? 2 : 1), z, n);
  *person = (unsigned)(h ^ (h >> 32));
  if (!*person) *person = 1;
  return 1;
}

/* row_keys of the row at LINE, worked out once a row (the match, the
** bulk load's candidates and the new row's fingerprints all ask). */
static int line_keys(struct reimport *m, sqlite3_int64 line, unsigned *id, unsigned *person) {
  if (line <= 0 || line != m->keys_line) {
    m->keys_ok = row_keys(m, &m->key_id, &m->key_person);
    m->keys_line = line;
#if defined(__GNUC__)
    /* The slots a new row's fingerprints go to, a random place of a table
    ** of megabytes: asked for now, they are in the CPU's cache when the
    ** row has been inserted (keys_loaded) instead of missing it then. */
    if (m->keys_ok && m->capacity) {
      sqlite3_uint64 mask = (sqlite3_uint64)m->capacity - 1;
      if (m->key_id) __builtin_prefetch(&m->keys[m->key_id & mask], 1);
      __builtin_prefetch(&m->keys[m->key_person & mask], 1);
    }
#endif
  }
  *id = m->key_id;
  *person = m->key_person;
  return m->keys_ok;
}

/* The filter's two bits of fingerprint K (struct reimport: bloom). */
static sqlite3_uint64 bloom_bit1(const struct reimport *m, unsigned k) {
  return k & ((sqlite3_uint64)m->capacity * 8 - 1);
}
static sqlite3_uint64 bloom_bit2(const struct reimport *m, unsigned k) {
  unsigned h = k * 0x9E3779B1u;
  return (h ^ (h >> 15)) & ((sqlite3_uint64)m->capacity * 8 - 1);
}

static void bloom_set(struct reimport *m, unsigned k) {
  sqlite3_uint64 a = bloom_bit1(m, k), b = bloom_bit2(m, k);
  m->bloom[a >> 3] |= (unsigned char)(1u << (a & 7));
  m->bloom[b >> 3] |= (unsigned char)(1u << (b & 7));
}

static int key_present(const struct reimport *m, unsigned k) {
  if (!m->capacity) return 0;
  sqlite3_uint64 a = bloom_bit1(m, k), b = bloom_bit2(m, k);
  if (!(m->bloom[a >> 3] & (1u << (a & 7))) || !(m->bloom[b >> 3] & (1u << (b & 7)))) return 0;
  sqlite3_uint64 mask = (sqlite3_uint64)m->capacity - 1;
  for (sqlite3_uint64 i = k & mask; m->keys[i].key; i = (i + 1) & mask)
    if (m->keys[i].key == k) return 1;
  return 0;
}

static void key_put(struct reimport_key *keys, sqlite3_int64 capacity, struct reimport_key k) {
  sqlite3_uint64 mask = (sqlite3_uint64)capacity - 1, i = k.key & mask;
  while (keys[i].key) i = (i + 1) & mask;
  keys[i] = k;
}

/* Add a fingerprint with the row it was inserted as (a fingerprint of
** several rows is there once for each), growing the table to keep it at
** most 4/5 full (8 to 10 bytes a fingerprint, two a row, and 1 to 1.25
** bytes of filter). */
static int key_add(struct reimport *m, unsigned k, unsigned rowid) {
  if ((m->nkeys + 1) * 5 > m->capacity * 4) {
    sqlite3_int64 cap = m->capacity ? m->capacity * 2 : 4096;
    struct reimport_key *keys = sqlite3_malloc64(sizeof(*keys) * (sqlite3_uint64)cap);
    unsigned char *bloom = sqlite3_malloc64((sqlite3_uint64)cap);
    if (!keys || !bloom) {
      sqlite3_free(keys);
      sqlite3_free(bloom);
      return SQLITE_NOMEM;
    }
    memset(keys, 0, sizeof(*keys) * (size_t)cap);
    memset(bloom, 0, (size_t)cap);
    struct reimport_key *old = m->keys;
    sqlite3_int64 oldcap = m->capacity;
    sqlite3_free(m->bloom);
    m->keys = keys;
    m->bloom = bloom;
    m->capacity = cap;
    for (sqlite3_int64 i = 0; i < oldcap; i++)
      if (old[i].key) {
        key_put(keys, cap, old[i]);
        bloom_set(m, old[i].key);
      }
    sqlite3_free(old);
  }
  key_put(m->keys, m->capacity, (struct reimport_key){k, rowid});
  bloom_set(m, k);
  m->nkeys++;
  return SQLITE_OK;
}

int reimport_fingerprinted(struct reimport *m, sqlite3_int64 line) {
  unsigned id, person;
  return line_keys(m, line, &id, &person);
}

/* On the fast path: 0 when no row of the table can match the row (no row
** inserted by this run has its ID number, nor its name and birth date). */
static int may_match(struct reimport *m, sqlite3_int64 line) {
  unsigned id, person;
  if (!line_keys(m, line, &id, &person)) return 1;
  return (id && key_present(m, id)) || key_present(m, person);
}

/* On the fast path, after a new row is inserted as ROWID: its
** fingerprints. */
static int keys_loaded(struct reimport *m, sqlite3_int64 line, sqlite3_int64 rowid) {
  unsigned id, person;
  if (!line_keys(m, line, &id, &person) || rowid <= 0 || rowid > 0xFFFFFFFFLL) {
    m->fast = 0; /* a number (the table holds it as text), or a rowid past 32 bits: the statement decides from now on */
    return SQLITE_OK;
  }
  int rc = id ? key_add(m, id, (unsigned)rowid) : SQLITE_OK;
  if (rc == SQLITE_OK) rc = key_add(m, person, (unsigned)rowid);
  return rc;
}

/* The bulk load's candidates for the row: every row inserted with its ID
** number's or its name and birth date's fingerprint, into
** temp.import_candidates (a superset of the rows the match statement can
** return: every row of the table is one this run inserted, as inserted). */
static int fill_candidates(struct reimport *m, sqlite3_int64 line) {
  unsigned k[2];
  int rc = line_keys(m, line, &k[0], &k[1]) ? SQLITE_OK : SQLITE_MISUSE; /* may_match said it has keys */
  if (rc == SQLITE_OK) rc = sqlite3_step(m->cand_clear);
  int rc2 = sqlite3_reset(m->cand_clear);
  if (rc == SQLITE_DONE) rc = rc2;
  sqlite3_uint64 mask = (sqlite3_uint64)m->capacity - 1;
  for (int j = 0; j < 2 && rc == SQLITE_OK && m->capacity; j++) {
    if (!k[j]) continue;
    for (sqlite3_uint64 i = k[j] & mask; m->keys[i].key && rc == SQLITE_OK; i = (i + 1) & mask) {
      if (m->keys[i].key != k[j]) continue;
      rc = sqlite3_bind_int64(m->cand_add, 1, m->keys[i].rowid);
      if (rc == SQLITE_OK) rc = sqlite3_step(m->cand_add);
      rc2 = sqlite3_reset(m->cand_add);
      if (rc == SQLITE_DONE) rc = rc2;
    }
  }
  return rc;
}

/* 0 when the warn statement cannot return a row: the row has no ID
** number, or its sex and birth date (when it has them) are the ones the
** 18 characters say (idcard_sex, idcard_birth of a valid number; of an
** invalid one they are NULL, and no comparison with NULL is true). */
static int may_warn(struct reimport *m) {
  if (m->col_id < 0 || m->col_sex < 0 || m->col_birth < 0) return 1;
  const struct import_row *x = m->row;
  int type = import_row_type(x, m->col_id);
  if (type == SQLITE_NULL) return 0;
  if (type != SQLITE_TEXT || import_row_bytes(x, m->col_id) != 18) return 1;
  const unsigned char *z = import_row_blob(x, m->col_id);
  if (!z || z[16] < '0' || z[16] > '9') return 1;
  type = import_row_type(x, m->col_sex);
  if (type != SQLITE_NULL) {
    const unsigned char *s = import_row_blob(x, m->col_sex);
    if (type != SQLITE_TEXT || import_row_bytes(x, m->col_sex) != 1 || !s ||
        s[0] != ((z[16] - '0') % 2 ? 'M' : 'F'))
      return 1;
  }
  type = import_row_type(x, m->col_birth);
  if (type != SQLITE_NULL) {
    const unsigned char *b = import_row_blob(x, m->col_birth);
    const unsigned char want[10] = {z[6], z[7], z[8], z[9], '-', z[10], z[11], '-', z[12], z[13]};
    if (type != SQLITE_TEXT || import_row_bytes(x, m->col_birth) != 10 || !b || memcmp(b, want, 10))
      return 1;
  }
  return 0;
}

/* Bind STMT, statement I or one with its parameters, from the
** transform's row; CARRIED_ONLY: a column the file does not carry is
** NULL. */
static int bind_to(struct reimport *m, sqlite3_stmt *stmt, int i, int carried_only,
                   sqlite3_int64 resident_id, sqlite3_int64 line) {
  int n = sqlite3_bind_parameter_count(stmt), rc = SQLITE_OK;
  for (int k = 1; k <= n && rc == SQLITE_OK; k++) {
    int s = m->src[i][k - 1];
    if (s == SRC_RESIDENT) rc = sqlite3_bind_int64(stmt, k, resident_id);
    else if (s == SRC_LINE) rc = sqlite3_bind_int64(stmt, k, line);
    else if (s == SRC_WITHIN) rc = m->within ? sqlite3_bind_int64(stmt, k, m->within) : sqlite3_bind_null(stmt, k);
    else if (carried_only && !m->carried[s]) rc = sqlite3_bind_null(stmt, k);
    else rc = import_row_bind(m->row, s, stmt, k, 0);
  }
  return rc;
}

static int bind(struct reimport *m, int i, int carried_only, sqlite3_int64 resident_id,
                sqlite3_int64 line) {
  return bind_to(m, *statement(m, i), i, carried_only, resident_id, line);
}

/* Step a statement that returns no row, then reset it. */
static int run(sqlite3_stmt *stmt) {
  int rc = sqlite3_step(stmt);
  int rc2 = sqlite3_reset(stmt);
  return rc == SQLITE_DONE ? rc2 : rc;
}

/* ---- the residents met (import_seen) ---------------------------------------
** On the fast path every row of the table is one this run inserted, in
** rowid order: the line that met each is kept in memory (4 bytes a row,
** seen_lines[rowid - seen_base]) instead of a row of temp.import_seen a
** row, and no stored resident can be "not in this export".  When the fast
** path ends, they are written to import_seen and the statements take
** over. */

/* Note resident ID met at LINE. */
static int seen_put(struct reimport *m, sqlite3_int64 id, sqlite3_int64 line) {
  if (m->fast && m->nseen == 0) m->seen_base = id;
  sqlite3_int64 k = id - m->seen_base;
  if (m->fast && (k < 0 || k >= 0x7FFFFFFF || line <= 0 || line > 0xFFFFFFFFLL)) m->fast = 0;
  if (!m->fast) {
    int rc = bind(m, S_SEEN_ADD, 0, id, line);
    return rc == SQLITE_OK ? run(m->seen_add) : rc;
  }
  if (k >= m->seen_alloc) {
    sqlite3_int64 n = m->seen_alloc ? m->seen_alloc * 2 : 4096;
    while (n <= k) n *= 2;
    unsigned *a = sqlite3_realloc64(m->seen_lines, sizeof(unsigned) * (sqlite3_uint64)n);
    if (!a) return SQLITE_NOMEM;
    memset(a + m->seen_alloc, 0, sizeof(unsigned) * (size_t)(n - m->seen_alloc));
    m->seen_lines = a;
    m->seen_alloc = n;
  }
  m->seen_lines[k] = (unsigned)line;
  if (k >= m->nseen) m->nseen = k + 1;
  return SQLITE_OK;
}

/* The line that met resident ID, 0 for none. */
static int seen_get(struct reimport *m, sqlite3_int64 id, sqlite3_int64 line, sqlite3_int64 *first) {
  *first = 0;
  if (m->fast) {
    sqlite3_int64 k = id - m->seen_base;
    if (k >= 0 && k < m->nseen) *first = m->seen_lines[k];
    return SQLITE_OK;
  }
  int rc = bind(m, S_SEEN_LINE, 0, id, line);
  if (rc == SQLITE_OK && (rc = sqlite3_step(m->seen_line)) == SQLITE_ROW) {
    *first = sqlite3_column_int64(m->seen_line, 0);
    rc = SQLITE_DONE;
  }
  int rc2 = sqlite3_reset(m->seen_line);
  return rc == SQLITE_DONE ? rc2 : rc;
}

/* The fast path ended: what it kept in memory into import_seen. */
static int seen_flush(struct reimport *m) {
  int rc = SQLITE_OK;
  for (sqlite3_int64 k = 0; k < m->nseen && rc == SQLITE_OK; k++) {
    if (!m->seen_lines[k]) continue;
    rc = bind(m, S_SEEN_ADD, 0, m->seen_base + k, m->seen_lines[k]);
    if (rc == SQLITE_OK) rc = run(m->seen_add);
  }
  sqlite3_free(m->seen_lines);
  m->seen_lines = 0;
  m->nseen = m->seen_alloc = 0;
  return rc;
}

int reimport_match(struct reimport *m, sqlite3_int64 line, int *action, char **reason) {
  sqlite3_int64 cur[8], person[8];
  int ncur = 0, nperson = 0, rc;
  *action = REIMPORT_NEW;
  *reason = 0;
  m->resident_id = 0;
  m->former_id = 0;
  sqlite3_free(m->former_left);
  m->former_left = 0;
  if (m->fast && !may_match(m, line)) return SQLITE_OK;
  /* in a bulk load, the same statement on the rows it can return */
  sqlite3_stmt *match = m->bulk ? m->match_cand : m->match;
  rc = m->bulk ? fill_candidates(m, line) : SQLITE_OK;
  if (rc == SQLITE_OK) rc = bind_to(m, match, S_MATCH, 0, 0, line);
  while (rc == SQLITE_OK && (rc = sqlite3_step(match)) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(match, 0);
    const char *how = (const char *)sqlite3_column_text(match, 1);
    rc = SQLITE_OK;
    if (!how) {
      rc = SQLITE_NOMEM; /* the column is never NULL: only out of memory reads it so */
    } else if (strcmp(how, "id_number") == 0) {
      if (ncur < 8) cur[ncur++] = id;
    } else if (strcmp(how, "former") == 0) {
      if (!m->former_id) {
        m->former_id = id;
        const char *left = (const char *)sqlite3_column_text(match, 2); /* never NULL for 'former' */
        m->former_left = left ? sqlite3_mprintf("%s", left) : 0;
        if (!m->former_left) rc = SQLITE_NOMEM;
      }
    } else if (nperson < 8) {
      person[nperson++] = id;
    }
  }
  int rc2 = sqlite3_reset(match);
  if (rc == SQLITE_DONE) rc = rc2;
  if (rc != SQLITE_OK) return rc;
  const sqlite3_int64 *c = ncur ? cur : person;
  int n = ncur ? ncur : nperson;
  const char *what = ncur ? "this ID number" : "this name, birth date and building";
  if (n == 0) return SQLITE_OK;
  if (n > 1) {
    sqlite3_str *s = sqlite3_str_new(m->db);
    sqlite3_str_appendall(s, "match: residents ");
    for (int i = 0; i < n && i < 5; i++) sqlite3_str_appendf(s, "%s%lld", i ? ", " : "", (long long)c[i]);
    sqlite3_str_appendf(s, "%s all have %s: the row cannot tell which (give the row an ID number, "
                           "or each of them its own)", n > 5 ? ", …" : "", what);
    *reason = sqlite3_str_finish(s);
    *action = REIMPORT_REJECT;
    return *reason ? SQLITE_OK : SQLITE_NOMEM;
  }
  sqlite3_int64 id = c[0];
  sqlite3_int64 first = 0;
  rc = seen_get(m, id, line, &first);
  if (rc != SQLITE_OK) return rc;
  if (first) {
    *reason = sqlite3_mprintf("duplicate: line %lld of this export has %s too (resident %lld)",
                              (long long)first, what, (long long)id);
    *action = REIMPORT_REJECT;
    return *reason ? SQLITE_OK : SQLITE_NOMEM;
  }
  rc = seen_put(m, id, line);
  if (rc == SQLITE_OK && !m->fast && m->seen_lines) rc = seen_flush(m);
  if (rc != SQLITE_OK) return rc;
  if (m->existing == REIMPORT_ERROR) {
    *reason = sqlite3_mprintf("existing: resident %lld has %s (--existing error)", (long long)id, what);
    *action = REIMPORT_REJECT;
    return *reason ? SQLITE_OK : SQLITE_NOMEM;
  }
  *action = REIMPORT_MATCHED;
  m->resident_id = id;
  if (m->existing == REIMPORT_SKIP) m->skipped++;
  return SQLITE_OK;
}

int reimport_update(struct reimport *m) {
  int rc = bind(m, S_UPDATE, 1, m->resident_id, 0);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_step(m->update);
  if (rc != SQLITE_DONE) return rc; /* the caller reads the error, then resets */
  if (sqlite3_changes(m->db) > 0) m->updated++;
  else m->unchanged++;
  return sqlite3_reset(m->update);
}

static int count_kind(struct reimport *m, const char *kind) {
  for (int i = 0; i < m->nkinds; i++)
    if (strcmp(m->kinds[i].kind, kind) == 0) {
      m->kinds[i].count++;
      return SQLITE_OK;
    }
  if (m->nkinds == REIMPORT_KINDS) return SQLITE_OK; /* the total still counts it */
  m->kinds[m->nkinds].kind = sqlite3_mprintf("%s", kind);
  if (!m->kinds[m->nkinds].kind) return SQLITE_NOMEM;
  m->kinds[m->nkinds++].count = 1;
  return SQLITE_OK;
}

static int add_warning(struct reimport *m, sqlite3_int64 line, sqlite3_int64 resident_id,
                       const char *kind, const char *detail) {
  int rc = sqlite3_bind_int64(m->add_warning, 1, m->run_id);
  if (rc == SQLITE_OK) rc = sqlite3_bind_int64(m->add_warning, 2, line);
  if (rc == SQLITE_OK) rc = sqlite3_bind_int64(m->add_warning, 3, resident_id);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(m->add_warning, 4, kind, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(m->add_warning, 5, detail, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = run(m->add_warning);
  if (rc == SQLITE_OK) {
    m->warned++;
    rc = count_kind(m, kind);
  }
  return rc;
}

int reimport_loaded(struct reimport *m, sqlite3_int64 line, sqlite3_int64 resident_id, int is_new) {
  int rc = SQLITE_OK;
  if (is_new) {
    m->new_++;
    rc = seen_put(m, resident_id, line);
    if (rc == SQLITE_OK && m->fast) rc = keys_loaded(m, line, resident_id);
    if (rc == SQLITE_OK && !m->fast && m->seen_lines) rc = seen_flush(m);
  }
  if (rc == SQLITE_OK && may_warn(m)) {
    rc = bind(m, S_WARN, 0, resident_id, line);
    while (rc == SQLITE_OK && (rc = sqlite3_step(m->warn)) == SQLITE_ROW) {
      const char *kind = (const char *)sqlite3_column_text(m->warn, 0);
      const char *detail = (const char *)sqlite3_column_text(m->warn, 1);
      rc = kind && detail ? add_warning(m, line, resident_id, kind, detail) : SQLITE_NOMEM;
    }
    int rc2 = sqlite3_reset(m->warn);
    if (rc == SQLITE_DONE) rc = rc2;
  }
  if (rc == SQLITE_OK && is_new && m->former_id) {
    char *detail = sqlite3_mprintf("resident %lld had this ID number and %s: loaded as a new resident",
                                   (long long)m->former_id, m->former_left ? m->former_left : "left");
    rc = detail ? add_warning(m, line, resident_id, "former_resident", detail) : SQLITE_NOMEM;
    sqlite3_free(detail);
  }
  return rc;
}

int reimport_finish(struct reimport *m) {
  /* the fast path to the end: every resident is one this run met */
  if (m->fast) return SQLITE_OK;
  int rc = bind(m, S_MISSING, 0, 0, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(m->missing)) == SQLITE_ROW) {
    m->not_in_export = sqlite3_column_int64(m->missing, 2);
    rc = SQLITE_OK;
    if (m->nexamples < REIMPORT_EXAMPLES) {
      const char *name = (const char *)sqlite3_column_text(m->missing, 1); /* name is NOT NULL */
      char *ex = name ? sqlite3_mprintf("%lld %s", (long long)sqlite3_column_int64(m->missing, 0), name) : 0;
      if (!ex) rc = SQLITE_NOMEM;
      else m->examples[m->nexamples++] = ex;
    }
  }
  int rc2 = sqlite3_reset(m->missing);
  if (rc == SQLITE_DONE) rc = rc2;
  return rc;
}

void reimport_print(const struct reimport *m) {
  if (m->existing == REIMPORT_SKIP)
    printf("new %lld, skipped %lld, not in this export %lld\n", (long long)m->new_,
           (long long)m->skipped, (long long)m->not_in_export);
  else
    printf("new %lld, updated %lld, unchanged %lld, not in this export %lld\n", (long long)m->new_,
           (long long)m->updated, (long long)m->unchanged, (long long)m->not_in_export);
  if (m->nexamples > 0) {
    printf("not in this export (kept, not removed):");
    for (int i = 0; i < m->nexamples; i++) printf("%s %s", i ? "," : "", m->examples[i]);
    if (m->not_in_export > m->nexamples)
      printf("; and %lld more", (long long)(m->not_in_export - m->nexamples));
    printf("\n");
  }
}

void reimport_print_warned(const struct reimport *m) {
  if (m->warned > 0) {
    /* by kind, sorted for stable output (at most REIMPORT_KINDS) */
    int order[REIMPORT_KINDS];
    for (int i = 0; i < m->nkinds; i++) order[i] = i;
    for (int i = 1; i < m->nkinds; i++)
      for (int j = i; j > 0 && strcmp(m->kinds[order[j - 1]].kind, m->kinds[order[j]].kind) > 0; j--) {
        int t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
    printf("warned: %lld (", (long long)m->warned);
    for (int i = 0; i < m->nkinds; i++)
      printf("%s%s %lld", i ? ", " : "", m->kinds[order[i]].kind, (long long)m->kinds[order[i]].count);
    printf(")\n");
  }
}

void reimport_finalize(struct reimport *m) {
  for (int i = 0; i < S_COUNT; i++) {
    sqlite3_finalize(*statement(m, i));
    *statement(m, i) = 0;
  }
  sqlite3_finalize(m->add_warning);
  m->add_warning = 0;
  sqlite3_finalize(m->match_cand);
  sqlite3_finalize(m->cand_clear);
  sqlite3_finalize(m->cand_add);
  m->match_cand = m->cand_clear = m->cand_add = 0;
  m->bulk = 0;
}

void reimport_close(struct reimport *m) {
  reimport_finalize(m);
  for (int i = 0; i < S_COUNT; i++) {
    sqlite3_free(m->src[i]);
    m->src[i] = 0;
  }
  sqlite3_free(m->carried);
  m->carried = 0;
  sqlite3_free(m->keys);
  m->keys = 0;
  sqlite3_free(m->bloom);
  m->bloom = 0;
  sqlite3_free(m->seen_lines);
  m->seen_lines = 0;
  m->nseen = m->seen_alloc = 0;
  m->nkeys = m->capacity = 0;
  m->fast = 0;
  for (int i = 0; i < m->nkinds; i++) sqlite3_free(m->kinds[i].kind);
  m->nkinds = 0;
  for (int i = 0; i < m->nexamples; i++) sqlite3_free(m->examples[i]);
  m->nexamples = 0;
  sqlite3_free(m->former_left);
  m->former_left = 0;
  m->former_id = 0;
}
