/*
** rollup.c — composition of a population over an area tree, in one pass.
**
**   SELECT * FROM rollup('residents', 'ethnic_code');
**   SELECT * FROM rollup('residents', 'ethnic_code',
**                        'min_cell=10; min_area=40; top=3; label=ethnic');
**
**   rollup(source, category [, options])   eponymous table-valued function
**     source    a table or view with an `area_id` column and the category
**               column; names are quoted as identifiers, never spliced
**     category  the column to count (ethnic_code, sex, an age band, ...);
**               values are compared as text; NULL values are skipped
**     options   `key=value` separated by ';' or ',':
**                 min_cell=N  counts 1..N-1 shown as NULL, suppressed = 1,
**                             plus complementary suppression in the area and
**                             across levels (see docs/rollup.md)
**                 min_area=N  areas with fewer than N people: total row only
**                 top=K       keep the K largest categories of each area and
**                             fold the rest into one row '其他' (rank K+1)
**                 areas=NAME  the tree table (default areas), with columns
**                             id, parent_id, level, name
**                 label=ethnic  fill `label` with the group's name from the
**                             ethnic_groups table
**                 root=AREA   only the rows of AREA (an id, or a name that
**                             names one area) and the areas below it:
**                             the same rows as the whole rollup filtered to
**                             that subtree, suppression included
**                 weight=COL  each row counts as COL people (an integer
**                             >= 0): a source already counted by (area,
**                             category) gives what its people would
**
**   Columns: area_id, level, name, parent_id, category, n, share, rank,
**   total, groups, fractionalization, entropy, suppressed, label; hidden
**   parameters source, category_column, options.  One total row (category
**   NULL) per area with at least one counted row beneath it, then its
**   category rows: shown ones by rank, suppressed ones by category, '其他'.
**   Areas come in tree order (pre-order, children by id).  A counted row
**   whose area_id is NULL or not in the tree is an error, never dropped.
**   Sources and trees are tables, views or temp objects (a virtual table
**   of the main or an attached schema is refused: see rollupConnect).
**
**   The same diversity measures for any GROUP BY (fractionalization,
**   entropy, dissimilarity) are aggregates of their own, in diversity.c.
**
** How it runs: the tree is read (through rollup_tally's 5-argument form),
** checked (duplicates, dangling parents, cycles) and numbered in pre-order,
** so a subtree is a range and every pass walks memory in order.  Then one
** scan of the source through the internal aggregate rollup_tally
** (DIRECTONLY; its state is a bound pointer), each row's area found in a
** short pipeline that fetches ahead, counts into each area's
** 32-byte line of 8-bit counts for the categories present (32-bit ones
** in a pool when a line cannot hold them) — or
** an open-addressing (area, category) hash when the categories are too
** many.  No allocation per row.  Children before parents, each area then
** sums its bins and its children's cells into its own cells, made once
** and ranked; the cursor lists the rows an area at a time.
** Memory is O(areas x categories present), never O(rows).
*/
#include "common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#define RU_OTHER "其他"

/* How far ahead a walk in one order fetches what lies in another. */
#define RU_AHEAD 16

/* ======================================================================
** Small open-addressing hash tables
** ==================================================================== */

/* Map from a 64-bit key to a non-negative int, key and value side by side
** so that a probe touches one cache line.  Slot value -1 = empty. */
typedef struct RuSlot {
  sqlite3_uint64 key;
  int val;
} RuSlot;

typedef struct RuMap {
  RuSlot *slot;
  unsigned mask; /* capacity - 1, capacity a power of two */
  int shift;     /* 64 - log2(capacity) */
  int used;
} RuMap;

/* SQLite gives no single allocation of 0x7fffff00 bytes or more (about
** 2 GB; sqlite3Malloc), however much memory there is.  A block of cells
** or an index of them that would need one is refused as SQLITE_TOOBIG,
** which rollup() reports as too many cells (ruCompute), not as out of
** memory. */
#define RU_ALLOC_MAX 0x7fffff00ULL

static void ruMapFree(RuMap *m) {
  sqlite3_free(m->slot);
  memset(m, 0, sizeof *m);
}

static int ruMapInit(RuMap *m, int want) {
  unsigned cap = 16;
  int bits = 4;
  while (cap < (unsigned)want * 2u) {
    cap <<= 1;
    bits++;
  }
  if (sizeof(RuSlot) * (sqlite3_uint64)cap >= RU_ALLOC_MAX) {
    memset(m, 0, sizeof *m); /* (m may be a new map, not yet set) */
    return SQLITE_TOOBIG;
  }
  m->slot = sqlite3_malloc64(sizeof(RuSlot) * cap);
  if (!m->slot) {
    ruMapFree(m);
    return SQLITE_NOMEM;
  }
  for (unsigned i = 0; i < cap; i++) m->slot[i].val = -1;
  m->mask = cap - 1;
  m->shift = 64 - bits;
  m->used = 0;
  return SQLITE_OK;
}

/* Fibonacci hashing: the top bits of key times 2^64/phi. */
static unsigned ruMapHome(const RuMap *m, sqlite3_uint64 key) {
  return (unsigned)((key * 0x9E3779B97F4A7C15ULL) >> m->shift);
}

/* The value for key, or -1. */
static int ruMapGet(const RuMap *m, sqlite3_uint64 key) {
  unsigned i = ruMapHome(m, key);
  while (m->slot[i].val >= 0) {
    if (m->slot[i].key == key) return m->slot[i].val;
    i = (i + 1) & m->mask;
  }
  return -1;
}

/* The slot holding key, for updating its value; key must be present. */
static RuSlot *ruMapSlot(RuMap *m, sqlite3_uint64 key) {
  unsigned i = ruMapHome(m, key);
  while (m->slot[i].key != key || m->slot[i].val < 0) i = (i + 1) & m->mask;
  return &m->slot[i];
}

static int ruMapGrow(RuMap *m) {
  RuMap n;
  int rc = ruMapInit(&n, (int)(m->mask + 1));
  if (rc) return rc;
  for (unsigned i = 0; i <= m->mask; i++) {
    if (m->slot[i].val < 0) continue;
    unsigned j = ruMapHome(&n, m->slot[i].key);
    while (n.slot[j].val >= 0) j = (j + 1) & n.mask;
    n.slot[j] = m->slot[i];
  }
  n.used = m->used;
  ruMapFree(m);
  *m = n;
  return SQLITE_OK;
}

/* Insert key -> val (key must be absent).  SQLITE_NOMEM, or SQLITE_TOOBIG
** for a table past RU_ALLOC_MAX. */
static int ruMapPut(RuMap *m, sqlite3_uint64 key, int val) {
  if ((unsigned)(m->used + 1) * 2u > m->mask + 1) {
    int rc = ruMapGrow(m);
    if (rc) return rc;
  }
  unsigned i = ruMapHome(m, key);
  while (m->slot[i].val >= 0) i = (i + 1) & m->mask;
  m->slot[i].key = key;
  m->slot[i].val = val;
  m->used++;
  return SQLITE_OK;
}

/* ======================================================================
** The computation
** ==================================================================== */

typedef struct RuCat {
  char *z; /* owned, NUL-terminated */
  int n;
  int ord;     /* position in byte order among all categories */
  char *label; /* owned; label=ethnic only */
} RuCat;

/* A cell: 16 bytes (half a million areas hold ~2.5 million).  Its area
** is the one whose range (off, ncell) holds it; cells made in the hash
** are chained per area through RuCalc.cellNext until they are ranked. */
typedef struct RuCell {
  sqlite3_int64 n;
  int cat;
  unsigned rank : 31; /* 1 = largest in its area */
  unsigned hidden : 1; /* suppressed by min_cell rules */
} RuCell;
_Static_assert(sizeof(RuCell) == 16, "a cell is 16 bytes");

typedef struct RuArea { /* 64 bytes */
  sqlite3_int64 id, parent_id;
  sqlite3_int64 total;
  int level, name;   /* offsets into RuCalc.text, -1 NULL */
  int parent;        /* index, -1 for a root */
  int first_child, next_sibling, last_child;
  int head;          /* first cell, -1 none */
  int ncell;
  int off;           /* its cells, by rank, at ruOrd(off .. off+ncell-1) */
  unsigned char has_parent;
  unsigned char withheld; /* composition not shown (min_area, or one hidden cell) */
  unsigned char state;    /* cycle check: 0 new, 1 on the path, 2 done */
} RuArea;

typedef struct RuRow {
  int area;
  int cell;          /* -1 total row, -2 the '其他' row */
  sqlite3_int64 n;   /* '其他' row only */
  int hidden;        /* shown as suppressed */
} RuRow;

typedef struct RuOpts {
  sqlite3_int64 min_cell, min_area, top;
  char *areas;       /* owned */
  char *root;        /* owned: root=, as given */
  char *weight;      /* owned: weight=, the column of counts */
  int label;
  int seen;          /* bit per key */
} RuOpts;

/* The bins the scan counts in (see "the scan" below). */
#define RU_BIN_MAX 64
/* A bin in the pool is a 32-bit count; which category it counts is given
** by the line's mask (below). */
#define RU_BIN_NMAX 0xffffffffu
/* A line's own bins are 8-bit counts, 11 of them. */
#define RU_LINE_BINS 11
#define RU_LINE_NMAX 0xffu

/* An area's line: 32 bytes, aligned, so counting a row touches one cache
** line after the fingerprint probe, and half a million areas' lines are
** 20 MB.  `mask` has bit c set for each category c (< RU_BIN_MAX)
** present; the bins are in category order, so category c's count is
** bin[number of mask bits below c]: found without a search.  The line
** holds up to 11 counts of up to 255 (a building's few groups); a 12th
** category, or a count that would pass 255, moves its counts to the pool
** as 32-bit bins (`pooled`; bin[0..4) is then their offset there and
** bin[4..8) their room), exactly. */
typedef struct RuLine {
  sqlite3_int64 id;    /* the area's id */
  sqlite3_uint64 mask; /* the categories counted here */
  int area;            /* its index (a slot whose control byte is 0 holds none) */
  unsigned char bin[RU_LINE_BINS]; /* 8-bit counts; or where they are in the pool */
  unsigned char pooled;            /* 1: the counts are in the pool */
} RuLine;
_Static_assert(sizeof(RuLine) == 32, "a line is 32 bytes");

/* A pooled line's bins: pool[off .. off+room). */
static inline unsigned ruLineOff(const RuLine *L) {
  unsigned v;
  memcpy(&v, L->bin, 4);
  return v;
}
static inline unsigned ruLineRoom(const RuLine *L) {
  unsigned v;
  memcpy(&v, L->bin + 4, 4);
  return v;
}

/* The number of bits set in x (plain C: no popcount instruction is
** assumed of the target). */
static int ruBits(sqlite3_uint64 x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return (int)((x * 0x0101010101010101ULL) >> 56);
}

typedef struct RuBins {
  RuLine *line;        /* 64-byte aligned (two lines a cache line) */
  void *lineMem;       /* line's allocation */
  unsigned nline;
  int *lineOf;         /* area index -> its line; 0: the same index */
  int sparse;          /* the bins were flushed: counting goes on in cells */
  int popcnt;          /* the CPU counts bits in one instruction */
  unsigned *pool;      /* bins of areas with more than RU_LINE_BINS categories */
  sqlite3_uint64 used, cap;
} RuBins;

typedef struct RuCalc {
  sqlite3 *db;
  RuOpts o;
  const char *source, *column;
  RuArea *areas;
  int narea;
  char *text;      /* the areas' levels and names, NUL-terminated, one buffer */
  sqlite3_int64 ntext, captext;
  sqlite3_int64 poptext; /* text[0..poptext) faulted in (ruPopulateAhead) */
  int *direct;      /* area id - lo -> index, when ids are dense; else */
  sqlite3_int64 lo, hi;
  unsigned char *ctrl; /* the control bytes of the id table, whose slots are
                    ** the scan's lines (bins, below) */
  unsigned cap;    /* its slots */
  RuBins b;        /* the lines: with sparse ids made with the tree */
  RuCat *cats;
  int ncat, capcat;
  RuMap catIndex;  /* hash of bytes -> chain head in catNext */
  int *catNext;
  RuCell *cells;
  int ncell, capcell;
  int *cellNext;   /* cells made in the hash: the next of the same area, -1 ends */
  RuMap cellIndex; /* (area << 32 | cat) -> cell; built only when needed */
  int carried;     /* the scan carried the counts up already */
  sqlite3_int64 tooMany; /* the cells made when a block of them, or their
                   ** index, would have passed RU_ALLOC_MAX (0: never) */
  int *pre;        /* areas in pre-order */
  int npre;
  void *spare;     /* the areas' block before the renumbering: its pages,
                   ** already touched, become the cells (ruBinsFinish) */
  int *par;        /* each area's parent (index, -1 a root), narrow: the
                   ** finish walks it instead of the 64-byte areas */
  int *order;      /* cells by rank, per area; 0: the cells are in that order */
  int plain;         /* no top=, no suppression: rows are not made (rows 0) */
  RuRow *rows;       /* the rows of the area the cursor lists */
  int nrow, caprow;
  int nhidden;       /* its hidden cells */
  unsigned char *inRoot; /* root=: 1 for the root and the areas below it */
} RuCalc;

/* The k-th cell in rank order (each area's cells by rank, from its off). */
static int ruOrd(const RuCalc *c, int k) { return c->order ? c->order[k] : k; }

static void ruCalcFree(RuCalc *c) {
  sqlite3_free(c->areas);
  sqlite3_free(c->text);
  for (int i = 0; i < c->ncat; i++) {
    sqlite3_free(c->cats[i].z);
    sqlite3_free(c->cats[i].label);
  }
  sqlite3_free(c->cats);
  sqlite3_free(c->catNext);
  sqlite3_free(c->direct);
  sqlite3_free(c->ctrl);
  sqlite3_free(c->b.lineMem);
  sqlite3_free(c->b.lineOf);
  sqlite3_free(c->b.pool);
  ruMapFree(&c->catIndex);
  ruMapFree(&c->cellIndex);
  sqlite3_free(c->cells);
  sqlite3_free(c->cellNext);
  sqlite3_free(c->pre);
  sqlite3_free(c->par);
  sqlite3_free(c->spare);
  sqlite3_free(c->order);
  sqlite3_free(c->rows);
  sqlite3_free(c->o.areas);
  sqlite3_free(c->o.root);
  sqlite3_free(c->o.weight);
  sqlite3_free(c->inRoot);
  memset(c, 0, sizeof *c);
}

static int ruIsNomem(int rc) { return (rc & 0xff) == SQLITE_NOMEM; }

/* An error from a nested statement: NOMEM stays NOMEM, anything else is
** reported with SQLite's own message. */
static int ruSqlError(RuCalc *c, int rc, char **pzErr) {
  if (ruIsNomem(rc)) return SQLITE_NOMEM;
  return mu_vtab_error(pzErr, "rollup: %s", sqlite3_errmsg(c->db));
}

/* ---- options --------------------------------------------------------- */

static int ruParseInt(const char *z, int n, sqlite3_int64 *out) {
  if (n <= 0 || n > 12) return 1;
  sqlite3_int64 v = 0;
  for (int i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return 1;
    v = v * 10 + (z[i] - '0');
  }
  *out = v;
  return 0;
}

static int ruParseOptions(RuOpts *o, const char *z, char **pzErr) {
  static const char *const keys[] = {"min_cell", "min_area", "top", "areas",
                                     "label", "root", "weight"};
  int rc = SQLITE_OK;
  while (z && *z && rc == SQLITE_OK) {
    /* a separator inside '…' or "…" belongs to the value */
    const char *end = z;
    char q = 0;
    for (; *end && (q || (*end != ';' && *end != ',')); end++) {
      if (q && *end == q) q = 0;
      else if (!q && (*end == '\'' || *end == '"')) q = *end;
    }
    int len = (int)(end - z);
    char *seg = sqlite3_mprintf("%.*s", len, z);
    if (seg == 0) return SQLITE_NOMEM;
    const char *k, *v;
    int nk, nv;
    const char *p = seg;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    if (*p == 0) {
      /* empty segment: 'min_cell=10;' */
    } else if (mu_kv_split(seg, &k, &nk, &v, &nv)) {
      rc = mu_vtab_error(pzErr, "rollup: option '%s' must be key=value", p);
    } else {
      int which = -1;
      for (int i = 0; i < 7; i++)
        if ((int)strlen(keys[i]) == nk && sqlite3_strnicmp(k, keys[i], nk) == 0)
          which = i;
      char *val = mu_unquote(v, nv);
      if (val == 0) {
        rc = SQLITE_NOMEM;
      } else if (which < 0) {
        rc = mu_vtab_error(pzErr, "rollup: unknown option '%.*s'", nk, k);
      } else if (o->seen & (1 << which)) {
        rc = mu_vtab_error(pzErr, "rollup: option '%s' given twice", keys[which]);
      } else {
        o->seen |= 1 << which;
        int bad = 0;
        sqlite3_int64 num = 0;
        switch (which) {
          case 0:
          case 1:
            bad = ruParseInt(val, (int)strlen(val), &num);
            if (bad) {
              rc = mu_vtab_error(pzErr,
                                 "rollup: %s must be a non-negative integer, got '%s'",
                                 keys[which], val);
            } else if (which == 0) {
              o->min_cell = num;
            } else {
              o->min_area = num;
            }
            break;
          case 2:
            bad = ruParseInt(val, (int)strlen(val), &num) || num < 1;
            if (bad)
              rc = mu_vtab_error(pzErr,
                                 "rollup: top must be a positive integer, got '%s'", val);
            else
              o->top = num;
            break;
          case 3:
            if (val[0] == 0) {
              rc = mu_vtab_error(pzErr, "rollup: areas must name a table, got ''");
            } else {
              o->areas = val;
              val = 0;
            }
            break;
          case 4:
            if (sqlite3_stricmp(val, "ethnic") != 0)
              rc = mu_vtab_error(pzErr, "rollup: label must be 'ethnic', got '%s'", val);
            else
              o->label = 1;
            break;
          case 5:
            if (val[0] == 0) {
              rc = mu_vtab_error(pzErr, "rollup: root must name an area, got ''");
            } else {
              o->root = val;
              val = 0;
            }
            break;
          case 6:
            if (val[0] == 0) {
              rc = mu_vtab_error(pzErr, "rollup: weight must name a column, got ''");
            } else {
              o->weight = val;
              val = 0;
            }
            break;
        }
      }
      sqlite3_free(val);
    }
    sqlite3_free(seg);
    z = *end ? end + 1 : end;
  }
  return rc;
}

/* ---- reading tables -------------------------------------------------- */

/* What a name resolves to, in SQLite's order (temp, main, attached): 0 an
** ordinary table or view, or anything in temp; 1 a virtual table of the
** main or an attached schema; 2 nothing listed (an eponymous virtual
** table, or no such table).  Not common.c's mu_name_is_foreign_vtab: that
** one lets eponymous tables through, and rollup refuses them as sources
** too (test rollup-eponymous-vtab-refused). */
static int ruTableKind(RuCalc *c, const char *table, int *kind) {
  sqlite3_stmt *st = 0;
  int rc = sqlite3_prepare_v2(c->db,
      "SELECT schema = 'temp', schema = 'main', type = 'virtual' FROM pragma_table_list(?1)",
      -1, &st, 0);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
  int best = -1; /* 0 temp, 1 main, 2 attached */
  *kind = 2;
  while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    rc = SQLITE_OK;
    int rank = sqlite3_column_int(st, 0) ? 0 : sqlite3_column_int(st, 1) ? 1 : 2;
    if (best < 0 || rank < best) {
      best = rank;
      *kind = (rank == 0 || !sqlite3_column_int(st, 2)) ? 0 : 1;
    }
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(st);
  return rc;
}

/* Check that `table` exists and has every column of cols[]. */
static int ruCheckColumns(RuCalc *c, const char *table, const char **cols,
                          int ncol, char **pzErr) {
  sqlite3_stmt *st = 0;
  int rc = sqlite3_prepare_v2(c->db, "SELECT name FROM pragma_table_xinfo(?1)",
                              -1, &st, 0);
  if (rc != SQLITE_OK) return ruSqlError(c, rc, pzErr);
  rc = sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
  unsigned found = 0;
  int any = 0;
  while (rc == SQLITE_OK) {
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) break;
    rc = SQLITE_OK;
    const char *name = (const char *)sqlite3_column_text(st, 0);
    any = 1;
    if (name == 0) {
      if (sqlite3_column_type(st, 0) != SQLITE_NULL) rc = SQLITE_NOMEM;
      continue;
    }
    for (int i = 0; i < ncol; i++)
      if (sqlite3_stricmp(name, cols[i]) == 0) found |= 1u << i;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  int kind = 0;
  if (rc == SQLITE_OK && any) rc = ruTableKind(c, table, &kind);
  if (rc != SQLITE_OK) {
    rc = ruSqlError(c, rc, pzErr);
  } else if (!any) {
    rc = mu_vtab_error(pzErr, "rollup: no such table: %s", table);
  } else if (kind != 0) {
    /* rollup() is INNOCUOUS, so a view in a hostile database may call it;
    ** it must not become a way round a DIRECTONLY virtual table (one that
    ** reads files, say) that such a database declares.  Temp objects are
    ** the user's own. */
    rc = mu_vtab_error(pzErr,
        "rollup: '%s' is a virtual table; rollup() reads tables, views and temp objects only "
        "(CREATE TEMP VIEW v AS SELECT * FROM \"%w\")", table, table);
  } else {
    for (int i = 0; i < ncol; i++) {
      if (!(found & (1u << i))) {
        rc = mu_vtab_error(pzErr, "rollup: no column '%s' in '%s'", cols[i], table);
        break;
      }
    }
  }
  sqlite3_finalize(st);
  return rc;
}

/* Ask for transparent huge pages over the whole 2 MB pages inside
** [p, p+sz) when it is a few MB or more, before it is first touched.
** Advice only: if refused, nothing changes but the speed.  (Asked for the
** lines only: on the areas, names and cells it was measured to change
** nothing but the kernel's zeroing of whole 2 MB pages.) */
static void ruAdviseHuge(void *p, size_t sz) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (p && sz >= ((size_t)4 << 20)) {
    size_t lo = ((size_t)p + ((size_t)2 << 20) - 1) & ~(((size_t)2 << 20) - 1);
    size_t hi = ((size_t)p + sz) & ~(((size_t)2 << 20) - 1);
    if (hi > lo) (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
  }
#else
  (void)p;
  (void)sz;
#endif
}

/* Fault in the pages of [p, p+sz) in one call, before they are first
** written, when it is a megabyte or more: a fresh block of tens of MB
** otherwise costs a page fault every 4 KB as it is filled.  Advice only. */
static void ruPopulate(void *p, size_t sz) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  if (p && sz >= ((size_t)1 << 20)) {
    size_t lo = ((size_t)p + 4095) & ~(size_t)4095;
    size_t hi = ((size_t)p + sz) & ~(size_t)4095;
    if (hi > lo) (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
  }
#else
  (void)p;
  (void)sz;
#endif
}

/* A block of CAP bytes at BASE filled from the start: when the bytes
** about to be written (up to NEED) pass *DONE, the next megabyte at once
** (ruPopulate), not a page fault every 4 KB. */
static void ruPopulateAhead(char *base, sqlite3_int64 *done, sqlite3_int64 need, sqlite3_int64 cap) {
  if (need > *done && *done < cap) {
    sqlite3_int64 upto = *done + ((sqlite3_int64)1 << 20);
    if (upto > cap) upto = cap;
    ruPopulate(base + *done, (size_t)(upto - *done));
    *done = upto;
  }
}

static char *ruDup(const unsigned char *z) {
  return z ? sqlite3_mprintf("%s", (const char *)z) : 0;
}

typedef struct RuIdSort {
  sqlite3_int64 id;
  int idx;
} RuIdSort;

static int ruCmpId(const void *a, const void *b) {
  sqlite3_int64 x = ((const RuIdSort *)a)->id, y = ((const RuIdSort *)b)->id;
  return x < y ? -1 : x > y;
}

/* Keep z[0..n) and a NUL in c->text, after its length as text (up to a
** first NUL, as the result shows it) in 4 bytes; its offset, or -1 on out
** of memory.  One buffer for every name: a tree of half a million
** buildings costs no allocation per area, and listing a name no strlen. */
static int ruText(RuCalc *c, const unsigned char *z, int n) {
  /* offsets are ints: 2 GB of names is more than any tree holds */
  if (c->ntext + n + 5 > 0x7fffffff) return -1;
  if (c->ntext + n + 5 > c->captext) {
    sqlite3_int64 ncap = c->captext ? c->captext * 2 : 4096;
    while (ncap < c->ntext + n + 5) ncap *= 2;
    char *t = sqlite3_realloc64(c->text, (sqlite3_uint64)ncap);
    if (t == 0) return -1;
    c->text = t;
    c->captext = ncap;
  }
  ruPopulateAhead(c->text, &c->poptext, c->ntext + n + 5, c->captext);
  const unsigned char *nul = n ? memchr(z, 0, (size_t)n) : 0;
  int len = nul ? (int)(nul - z) : n;
  memcpy(c->text + c->ntext, &len, 4);
  int off = (int)c->ntext + 4;
  if (n) memcpy(c->text + off, z, (size_t)n);
  c->text[off + n] = 0;
  c->ntext += n + 5;
  return off;
}

/* The length of the text kept at off. */
static int ruTextLen(const RuCalc *c, sqlite3_int64 off) {
  int len;
  memcpy(&len, c->text + off - 4, 4);
  return len;
}

/* Number the areas in pre-order: a subtree is then a range of indexes,
** children come after their parent, and every pass that goes up or down
** the tree (carrying counts, ranking, suppressing, listing rows) walks the
** arrays in memory order instead of jumping about them. */
static int ruRenumber(RuCalc *c) {
  int *at = sqlite3_malloc64(sizeof(int) * ((sqlite3_uint64)c->narea + 1));
  if (!at) return SQLITE_NOMEM;
  ruPopulate(at, sizeof(int) * (size_t)c->narea);
  for (int k = 0; k < c->npre; k++) at[c->pre[k]] = k;
  if (c->direct) {
    for (sqlite3_int64 i = 0; i <= c->hi - c->lo; i++)
      if (c->direct[i] >= 0) c->direct[i] = at[c->direct[i]];
  }
  /* with sparse ids the lines are the id table's slots: which is whose,
  ** noted as their areas are renumbered */
  if (c->ctrl) {
    c->b.lineOf = sqlite3_malloc64(sizeof(int) * ((sqlite3_uint64)c->narea + 1));
    if (!c->b.lineOf) {
      sqlite3_free(at);
      return SQLITE_NOMEM;
    }
    ruPopulate(c->b.lineOf, sizeof(int) * (size_t)c->narea);
  }
  for (unsigned j = 0; c->ctrl && j < c->b.nline; j++)
    if (c->ctrl[j]) {
      int a = at[c->b.line[j].area];
      c->b.line[j].area = a;
      c->b.lineOf[a] = (int)j;
    }
  /* the areas gathered into a new array in pre-order: reads that do not
  ** wait on each other (fetched ahead), writes in order; their links
  ** renumbered on the way (one pass over them, not two) */
  RuArea *old = sqlite3_realloc64(c->areas, sizeof(RuArea) * ((sqlite3_uint64)c->narea + 1));
  if (old) c->areas = old; /* a smaller block: only gives memory back */
  RuArea *na = sqlite3_malloc64(sizeof(RuArea) * ((sqlite3_uint64)c->narea + 1));
  if (!na) {
    sqlite3_free(at);
    return SQLITE_NOMEM;
  }
  ruPopulate(na, sizeof(RuArea) * (size_t)c->narea);
  /* pre[k], once read, is done with: it takes the k-th area's parent, and
  ** the array becomes the narrow parent array (c->par); `at` becomes the
  ** pre-order, now the identity */
#define RU_AT(i) ((i) >= 0 ? at[i] : -1)
  int *pre = c->pre;
  for (int k = 0; k < c->npre; k++) {
    if (k + RU_AHEAD < c->npre) __builtin_prefetch(&c->areas[pre[k + RU_AHEAD]]);
    RuArea *A = &na[k];
    *A = c->areas[pre[k]];
    A->parent = RU_AT(A->parent);
    A->first_child = RU_AT(A->first_child);
    A->next_sibling = RU_AT(A->next_sibling);
    A->last_child = RU_AT(A->last_child);
    pre[k] = A->parent;
  }
#undef RU_AT
  /* the old block is kept: a block as large, taken fresh, would cost the
  ** kernel a page fault and a zeroed page every 4 KB */
  sqlite3_free(c->spare);
  c->spare = c->areas;
  c->areas = na;
  sqlite3_free(c->par);
  c->par = pre;
  c->pre = at;
  for (int k = 0; k < c->npre; k++) c->pre[k] = k;
  return SQLITE_OK;
}

/* Read the tree: ids, parents, levels, names; index, link and order it. */
/* The tree is read, like the source, through rollup_tally (its 5-argument
** form, with a pointer of its own type): SQLite hands each area's values
** straight to ruAreaRow inside one sqlite3_step, instead of a step and
** eight column calls an area. */
#define RU_AREAS_POINTER_TYPE "muling-rollup-areas"

typedef struct RuAreaRead {
  RuCalc *c;
  const char *tab;
  int cap;
  sqlite3_int64 popped;    /* the areas' first bytes faulted in (ruPopulateAhead) */
  int lastLevel;           /* the last level's text, stored once */
  int lastLevelN;
  int unsorted;            /* an id came after a greater or equal one */
  int rc;                  /* the first error, with ... */
  char *zErr;              /* ... its message */
} RuAreaRead;

/* One area: id, parent_id, level, name. */
static int ruAreaRow(RuAreaRead *R, sqlite3_value **v) {
  RuCalc *c = R->c;
  if (c->narea == R->cap) {
    int ncap = R->cap ? R->cap * 2 : 64;
    RuArea *a = sqlite3_realloc64(c->areas, sizeof(RuArea) * (sqlite3_uint64)ncap);
    if (a == 0) return SQLITE_NOMEM;
    c->areas = a;
    R->cap = ncap;
  }
  ruPopulateAhead((char *)c->areas, &R->popped, (sqlite3_int64)sizeof(RuArea) * (c->narea + 1),
                  (sqlite3_int64)sizeof(RuArea) * R->cap);
  RuArea *a = &c->areas[c->narea];
  memset(a, 0, sizeof *a);
  a->parent = a->first_child = a->next_sibling = a->last_child = a->head = -1;
  if (sqlite3_value_type(v[0]) != SQLITE_INTEGER) {
    const unsigned char *t = sqlite3_value_text(v[0]);
    if (t == 0 && sqlite3_value_type(v[0]) != SQLITE_NULL) return SQLITE_NOMEM;
    return mu_vtab_error(&R->zErr, "rollup: area id %s%s%s in '%s' is not an integer",
                         t ? "'" : "", t ? (const char *)t : "NULL", t ? "'" : "", R->tab);
  }
  a->id = sqlite3_value_int64(v[0]);
  /* the least and greatest ids, and whether they came in order, kept as
  ** they come: no pass over the areas for them */
  if (c->narea == 0 || a->id < c->lo) c->lo = a->id;
  if (c->narea == 0 || a->id > c->hi) c->hi = a->id;
  if (c->narea > 0 && c->areas[c->narea - 1].id >= a->id) R->unsorted = 1;
  int pt = sqlite3_value_type(v[1]);
  if (pt == SQLITE_INTEGER) {
    a->has_parent = 1;
    a->parent_id = sqlite3_value_int64(v[1]);
  } else if (pt != SQLITE_NULL) {
    const unsigned char *t = sqlite3_value_text(v[1]);
    if (t == 0) return SQLITE_NOMEM;
    return mu_vtab_error(&R->zErr, "rollup: area %lld has parent_id '%s', which is not in '%s'",
                         a->id, (const char *)t, R->tab);
  }
  a->level = a->name = -1;
  for (int k = 2; k <= 3; k++) {
    const unsigned char *t = sqlite3_value_text(v[k]);
    if (t == 0) {
      if (sqlite3_value_type(v[k]) == SQLITE_NULL) continue;
      return SQLITE_NOMEM;
    }
    int n = sqlite3_value_bytes(v[k]);
    int off;
    if (k == 2 && R->lastLevel >= 0 && n == R->lastLevelN && memcmp(c->text + R->lastLevel, t, (size_t)n) == 0) {
      off = R->lastLevel; /* the few levels are stored once */
    } else {
      off = ruText(c, t, n);
      if (off < 0) return SQLITE_NOMEM;
      if (k == 2) R->lastLevel = off, R->lastLevelN = n;
    }
    if (k == 2) a->level = off; else a->name = off;
  }
  c->narea++;
  return SQLITE_OK;
}

static void rollupTallyAreasStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RuAreaRead *R = mu_tally_state(ctx, argv[0], RU_AREAS_POINTER_TYPE,
                                 "rollup_tally: internal to rollup(); use SELECT * FROM rollup(source, category [, options])");
  if (R == 0 || R->rc != SQLITE_OK) return;
  int rc = ruAreaRow(R, argv + 1);
  if (rc == SQLITE_OK) return;
  R->rc = rc;
  if (rc == SQLITE_NOMEM) sqlite3_result_error_nomem(ctx);
  else sqlite3_result_error(ctx, R->zErr ? R->zErr : "rollup: reading the tree failed", -1);
}

static void ruBinsFree(RuBins *b) {
  sqlite3_free(b->lineMem);
  sqlite3_free(b->lineOf);
  sqlite3_free(b->pool);
  memset(b, 0, sizeof *b);
}

static int ruBinsInit(RuBins *b, unsigned nline) {
  memset(b, 0, sizeof *b);
  b->lineMem = sqlite3_malloc64(sizeof(RuLine) * ((sqlite3_uint64)nline + 1) + 64);
  if (!b->lineMem) return SQLITE_NOMEM;
  b->line = (RuLine *)(((sqlite3_uint64)(size_t)b->lineMem + 63) & ~(sqlite3_uint64)63);
  b->nline = nline;
  /* The scan touches one line a row at random: on lines of tens of MB
  ** (half a million areas) 4 KB pages would cost a page walk a row. */
  ruAdviseHuge(b->line, sizeof(RuLine) * (size_t)nline);
  ruPopulate(b->line, sizeof(RuLine) * (size_t)nline);
  /* not cleared: a line is set when its area is placed in it (ruLineSet),
  ** and a slot the control bytes mark empty is never read */
  return SQLITE_OK;
}

/* Place area i (id) in line l, with no category counted yet. */
static void ruLineSet(RuBins *b, unsigned l, sqlite3_int64 id, int i) {
  RuLine *L = &b->line[l];
  L->id = id;
  L->mask = 0;
  L->area = i;
  L->pooled = 0;
}

static sqlite3_uint64 ruIdHash(sqlite3_int64 id) {
  /* Fibonacci hashing alone spaces ids in arithmetic runs evenly but
  ** leaves long clusters on a tree's codes (parent * 100 + k): its high
  ** bits are folded down and multiplied again */
  sqlite3_uint64 h = (sqlite3_uint64)id * 0x9E3779B97F4A7C15ULL;
  return (h ^ (h >> 29)) * 0x9E3779B97F4A7C15ULL;
}

/* A slot's control byte: 0 empty, else 8 bits of the hash (0 taken as 1),
** bits that the home slot (the top 32) does not use. */
static unsigned char ruIdPrint(sqlite3_uint64 h) {
  unsigned char fp = (unsigned char)(h >> 24);
  return fp ? fp : 1;
}

/* The home slot of a hash, in a table of cap slots (any cap). */
static unsigned ruIdHome(sqlite3_uint64 h, unsigned cap) {
  return (unsigned)(((h >> 32) * (sqlite3_uint64)cap) >> 32);
}

/* The id table: a direct table when the ids are dense (the usual INTEGER
** PRIMARY KEY), else open addressing over about 1.25 slots an area, a
** control byte each (0 empty, else 7 bits of the hash), the slots being
** the scan's lines, which hold the id and the area's index.  Built once
** the tree is read; it links parents, and the scan finds each row's area
** in it.  An id seen twice: *dup is the smallest such id. */
static int ruIdTable(RuCalc *c, int *hasDup, sqlite3_int64 *dup) {
  *hasDup = 0;
  /* c->lo and c->hi, the least and greatest id, were kept as the tree was
  ** read (ruAreaRow) */
  if (c->narea == 0) {
    c->lo = 0;
    c->hi = -1;
    return SQLITE_OK;
  }
  sqlite3_int64 span = c->hi - c->lo + 1;
  if (span > 0 && span <= (sqlite3_int64)c->narea * 4 + 1024) {
    c->direct = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)span);
    if (c->direct == 0) return SQLITE_NOMEM;
    for (sqlite3_int64 i = 0; i < span; i++) c->direct[i] = -1;
    for (int i = 0; i < c->narea; i++) {
      sqlite3_int64 id = c->areas[i].id;
      if (c->direct[id - c->lo] >= 0) {
        if (!*hasDup || id < *dup) *dup = id;
        *hasDup = 1;
        continue;
      }
      c->direct[id - c->lo] = i;
    }
    return SQLITE_OK;
  }
  unsigned cap = (unsigned)c->narea + (unsigned)c->narea / 4 + 8;
  c->cap = cap;
  /* the first 8 control bytes are repeated after the last, so that 8 bytes
  ** read at any slot are the next 8 slots, wrapping */
  c->ctrl = sqlite3_malloc64((sqlite3_uint64)cap + 8);
  if (c->ctrl == 0) return SQLITE_NOMEM;
  memset(c->ctrl, 0, (size_t)cap + 8);
  int rc = ruBinsInit(&c->b, cap);
  if (rc) return rc;
  for (int i = 0; i < c->narea; i++) {
    /* the areas come in id order, their slots at random: fetch ahead the
    ** control bytes and the line an area a little further on will be
    ** placed in */
    if (i + RU_AHEAD < c->narea) {
      unsigned ahead = ruIdHome(ruIdHash(c->areas[i + RU_AHEAD].id), cap);
      __builtin_prefetch(&c->ctrl[ahead], 1);
      __builtin_prefetch(&c->b.line[ahead], 1);
    }
    sqlite3_int64 id = c->areas[i].id;
    sqlite3_uint64 h = ruIdHash(id);
    unsigned char fp = ruIdPrint(h);
    unsigned j = ruIdHome(h, cap);
    int twice = 0;
    while (c->ctrl[j]) {
      if (c->ctrl[j] == fp && c->b.line[j].id == id) {
        twice = 1;
        break;
      }
      j = j + 1 == cap ? 0 : j + 1;
    }
    if (twice) {
      if (!*hasDup || id < *dup) *dup = id;
      *hasDup = 1;
      continue;
    }
    c->ctrl[j] = fp;
    if (j < 8) c->ctrl[cap + j] = fp;
    ruLineSet(&c->b, j, id, i);
  }
  return SQLITE_OK;
}

/* The index of the area with this id, or -1. */
static int ruFindArea(const RuCalc *c, sqlite3_int64 id) {
  if (c->direct) return id >= c->lo && id <= c->hi ? c->direct[id - c->lo] : -1;
  if (c->ctrl == 0) return -1;
  sqlite3_uint64 h = ruIdHash(id);
  unsigned char k, fp = ruIdPrint(h);
  unsigned j = ruIdHome(h, c->cap);
  while ((k = c->ctrl[j]) != 0) {
    if (k == fp && c->b.line[j].id == id) return c->b.line[j].area;
    j = j + 1 == c->cap ? 0 : j + 1;
  }
  return -1;
}

/* Read the tree: ids, parents, levels, names; index, link and order it. */
static int ruReadAreas(RuCalc *c, char **pzErr) {
  const char *tab = c->o.areas ? c->o.areas : "areas";
  static const char *cols[] = {"id", "parent_id", "level", "name"};
  int rc = ruCheckColumns(c, tab, cols, 4, pzErr);
  if (rc) return rc;
  char *sql = sqlite3_mprintf(
      "SELECT rollup_tally(?1, \"id\", \"parent_id\", \"level\", \"name\") FROM \"%w\"", tab);
  if (sql == 0) return SQLITE_NOMEM;
  sqlite3_stmt *st = 0;
  rc = sqlite3_prepare_v2(c->db, sql, -1, &st, 0);
  sqlite3_free(sql);
  if (rc != SQLITE_OK) return ruSqlError(c, rc, pzErr);
  RuAreaRead R;
  memset(&R, 0, sizeof R);
  R.c = c;
  R.tab = tab;
  R.lastLevel = -1;
  rc = sqlite3_bind_pointer(st, 1, &R, RU_AREAS_POINTER_TYPE, 0);
  if (rc == SQLITE_OK) {
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  if (rc != SQLITE_OK && R.rc != SQLITE_OK) {
    /* ruAreaRow's own error, with its own message */
    rc = R.rc;
    if (rc != SQLITE_NOMEM) {
      sqlite3_free(*pzErr);
      *pzErr = R.zErr;
      R.zErr = 0;
    }
  } else if (rc != SQLITE_OK) {
    rc = ruSqlError(c, rc, pzErr);
  }
  sqlite3_free(R.zErr);
  sqlite3_finalize(st);
  if (rc) return rc;

  /* The id table; then the areas in id order (a rowid table comes so: no
  ** sort needed), so children lists come out sorted by id. */
  int hasDup = 0;
  sqlite3_int64 dup = 0;
  rc = ruIdTable(c, &hasDup, &dup);
  if (rc) return rc;
  if (hasDup) return mu_vtab_error(pzErr, "rollup: area id %lld appears twice in '%s'", dup, tab);
  int sorted = !R.unsorted;
  RuIdSort *s = 0;
  if (!sorted) {
    s = sqlite3_malloc64(sizeof(RuIdSort) * (sqlite3_uint64)(c->narea + 1));
    if (s == 0) return SQLITE_NOMEM;
    for (int i = 0; i < c->narea; i++) {
      s[i].id = c->areas[i].id;
      s[i].idx = i;
    }
    qsort(s, (size_t)c->narea, sizeof *s, ruCmpId);
  }
#define RU_SIDX(i) (s ? s[i].idx : (i))
  /* When the ids came in order and every parent's id is less than its
  ** children's (a tree of statistical codes; a rowid table numbered top
  ** down), pre-order is counted out rather than walked: `up` is each
  ** area's parent, narrow, noted as they are linked. */
  int *up = 0;
  if (sorted) {
    up = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(c->narea + 1));
    if (up == 0) return SQLITE_NOMEM;
  }
  /* Link parents; a root list chained through next_sibling of a virtual
  ** head kept in `roots`. */
  int rootFirst = -1, rootLast = -1;
  int lastParent = -1, lastParentOk = 0;
  sqlite3_int64 lastParentId = 0;
  for (int i = 0; rc == SQLITE_OK && i < c->narea; i++) {
    int ai = RU_SIDX(i);
    RuArea *a = &c->areas[ai];
    if (!a->has_parent) {
      if (up) up[ai] = -1;
      if (rootLast < 0) rootFirst = ai;
      else c->areas[rootLast].next_sibling = ai;
      rootLast = ai;
      continue;
    }
    /* siblings come together in id order: their parent is looked up once */
    if (!lastParentOk || a->parent_id != lastParentId) {
      lastParent = ruFindArea(c, a->parent_id);
      lastParentId = a->parent_id;
      lastParentOk = 1;
    }
    int p = lastParent;
    if (p < 0) {
      rc = mu_vtab_error(pzErr, "rollup: area %lld has parent_id %lld, which is not in '%s'",
                         a->id, a->parent_id, tab);
      break;
    }
    a->parent = p;
    if (up) {
      up[ai] = p;
      if (p >= ai) { /* a parent after its child: walked below */
        sqlite3_free(up);
        up = 0;
      }
    }
    RuArea *pa = &c->areas[p];
    if (pa->last_child < 0) pa->first_child = ai;
    else c->areas[pa->last_child].next_sibling = ai;
    pa->last_child = ai;
  }
  if (rc == SQLITE_OK) {
    /* Cycles: an area that no root reaches lies on or below a cycle.  Walk
    ** up from the smallest such id until an area repeats, and name the
    ** smallest id on that cycle. */
    c->pre = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(c->narea + 1));
    if (!c->pre) {
      rc = SQLITE_NOMEM;
    } else {
      ruPopulate(c->pre, sizeof(int) * (size_t)c->narea);
      if (up) {
        /* Parents before children, all in id order (no cycle can be):
        ** subtree sizes summed children first, then each area placed
        ** after its parent and its elder siblings' subtrees — the
        ** pre-order of the walk below, in two passes over a narrow
        ** array.  sz[a] is a's subtree size until a is placed, then
        ** the place of a's next child. */
        int *sz = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(c->narea + 1));
        if (sz == 0) {
          rc = SQLITE_NOMEM;
        } else {
          int n = c->narea, rootNext = 0;
          for (int i = 0; i < n; i++) sz[i] = 1;
          for (int i = n - 1; i > 0; i--)
            if (up[i] >= 0) sz[up[i]] += sz[i];
          for (int i = 0; i < n; i++) {
            int p = up[i], at = p >= 0 ? sz[p] : rootNext;
            if (p >= 0) sz[p] = at + sz[i];
            else rootNext = at + sz[i];
            c->pre[at] = i;
            sz[i] = at + 1;
          }
          c->npre = n;
          sqlite3_free(sz);
        }
      }
      /* pre-order, children by id, walked down the child lists and back
      ** up the parents: no stack, each area read about twice */
      for (int r = up ? -1 : rootFirst; r >= 0; r = c->areas[r].next_sibling) {
        int x = r;
        for (;;) {
          c->areas[x].state = 2;
          c->pre[c->npre++] = x;
          if (c->areas[x].first_child >= 0) {
            x = c->areas[x].first_child;
            continue;
          }
          while (x != r && c->areas[x].next_sibling < 0) x = c->areas[x].parent;
          if (x == r) break;
          x = c->areas[x].next_sibling;
        }
      }
      if (rc == SQLITE_OK && c->npre < c->narea) {
        int start = -1;
        for (int i = 0; i < c->narea && start < 0; i++)
          if (c->areas[RU_SIDX(i)].state == 0) start = RU_SIDX(i);
        int x = start;
        while (c->areas[x].state != 1) {
          c->areas[x].state = 1;
          x = c->areas[x].parent;
        }
        /* x is on the cycle */
        sqlite3_int64 least = c->areas[x].id;
        for (int y = c->areas[x].parent; y != x; y = c->areas[y].parent)
          if (c->areas[y].id < least) least = c->areas[y].id;
        rc = mu_vtab_error(pzErr, "rollup: area %lld is its own ancestor in '%s'", least, tab);
      }
    }
  }
#undef RU_SIDX
  sqlite3_free(s);
  sqlite3_free(up);
  if (rc == SQLITE_OK && c->ntext < c->captext) {
    char *t = sqlite3_realloc64(c->text, (sqlite3_uint64)c->ntext + 1);
    if (t) { /* a smaller block: only gives memory back */
      c->text = t;
      c->captext = c->ntext + 1;
    }
  }
  if (rc == SQLITE_OK) rc = ruRenumber(c);
  return rc;
}

/* ---- categories ------------------------------------------------------ */

/* The index of category z[0..n), added if new; -1 on out of memory. */
static int ruIntern(RuCalc *c, const unsigned char *z, int n) {
  unsigned h = mu_hash_bytes(z, n);
  int i = ruMapGet(&c->catIndex, h);
  for (; i >= 0; i = c->catNext[i])
    if (c->cats[i].n == n && memcmp(c->cats[i].z, z, (size_t)n) == 0) return i;
  if (c->ncat == c->capcat) {
    int ncap = c->capcat ? c->capcat * 2 : 32;
    RuCat *a = sqlite3_realloc64(c->cats, sizeof(RuCat) * (sqlite3_uint64)ncap);
    if (a == 0) return -1;
    c->cats = a;
    int *nx = sqlite3_realloc64(c->catNext, sizeof(int) * (sqlite3_uint64)ncap);
    if (nx == 0) return -1;
    c->catNext = nx;
    c->capcat = ncap;
  }
  char *copy = sqlite3_malloc64((sqlite3_uint64)n + 1);
  if (copy == 0) return -1;
  if (n) memcpy(copy, z, (size_t)n);
  copy[n] = 0;
  int head = ruMapGet(&c->catIndex, h);
  int id = c->ncat;
  if (head < 0) {
    if (ruMapPut(&c->catIndex, h, id) != SQLITE_OK) {
      sqlite3_free(copy);
      return -1;
    }
  } else {
    /* put the new one at the chain head */
    ruMapSlot(&c->catIndex, h)->val = id;
  }
  c->catNext[id] = head;
  c->cats[id].z = copy;
  c->cats[id].n = n;
  c->cats[id].ord = 0;
  c->cats[id].label = 0;
  c->ncat++;
  return id;
}

/* Find category text z (NUL-terminated) without adding it. */
static int ruFindCat(RuCalc *c, const unsigned char *z, int n) {
  int i = ruMapGet(&c->catIndex, mu_hash_bytes(z, n));
  for (; i >= 0; i = c->catNext[i])
    if (c->cats[i].n == n && memcmp(c->cats[i].z, z, (size_t)n) == 0) return i;
  return -1;
}

/* ---- cells ------------------------------------------------------------ */

/* A new cell (area, cat), entered in cellIndex when `indexed`; -1 when
** out of memory, or past RU_ALLOC_MAX (c->tooMany set). */
static int ruAddCell(RuCalc *c, int area, int cat, int indexed) {
  if (c->ncell == c->capcell || c->cellNext == 0) {
    sqlite3_uint64 ncap = c->capcell ? (sqlite3_uint64)c->capcell * 2 : 256;
    if (ncap * sizeof(RuCell) >= RU_ALLOC_MAX) ncap = RU_ALLOC_MAX / sizeof(RuCell) - 1;
    if (ncap <= (sqlite3_uint64)c->capcell) {
      c->tooMany = c->ncell;
      return -1;
    }
    RuCell *a = sqlite3_realloc64(c->cells, sizeof(RuCell) * (sqlite3_uint64)ncap);
    if (a == 0) return -1;
    c->cells = a;
    int *nx = sqlite3_realloc64(c->cellNext, sizeof(int) * (sqlite3_uint64)ncap);
    if (nx == 0) return -1;
    c->cellNext = nx;
    c->capcell = (int)ncap;
  }
  if (indexed) {
    int rc = c->cellIndex.slot ? SQLITE_OK : ruMapInit(&c->cellIndex, c->narea * 2 + 64);
    if (rc == SQLITE_OK)
      rc = ruMapPut(&c->cellIndex, ((sqlite3_uint64)(unsigned)area << 32) | (unsigned)cat, c->ncell);
    if (rc) {
      if (rc == SQLITE_TOOBIG) c->tooMany = c->ncell;
      return -1;
    }
  }
  RuCell *x = &c->cells[c->ncell];
  x->cat = cat;
  x->n = 0;
  x->rank = 0;
  x->hidden = 0;
  c->cellNext[c->ncell] = c->areas[area].head;
  c->areas[area].head = c->ncell;
  c->areas[area].ncell++;
  return c->ncell++;
}

static sqlite3_uint64 ruKey(int area, int cat) {
  return ((sqlite3_uint64)(unsigned)area << 32) | (unsigned)cat;
}

static int ruNewCell(RuCalc *c, int area, int cat, sqlite3_uint64 key) {
  (void)key;
  return ruAddCell(c, area, cat, 1);
}

static int ruCellOf(RuCalc *c, int area, int cat) {
  if (c->cellIndex.slot == 0) return -1;
  return ruMapGet(&c->cellIndex, ruKey(area, cat));
}

/* Enter every cell in cellIndex, for the suppression rules that look cells
** up by (area, category); a plain rollup never needs it. */
static int ruIndexCells(RuCalc *c) {
  if (c->cellIndex.slot) return SQLITE_OK;
  int rc = ruMapInit(&c->cellIndex, c->ncell + 64);
  for (int k = 0; rc == SQLITE_OK && k < c->npre; k++) {
    const RuArea *A = &c->areas[c->pre[k]];
    for (int i = 0; rc == SQLITE_OK && i < A->ncell; i++) {
      int x = ruOrd(c, A->off + i);
      rc = ruMapPut(&c->cellIndex, ruKey(c->pre[k], c->cells[x].cat), x);
    }
  }
  if (rc == SQLITE_TOOBIG) c->tooMany = c->ncell;
  if (rc) return SQLITE_NOMEM;
  return SQLITE_OK;
}

/* ---- ranking order ---------------------------------------------------- */

typedef struct RuRankSort {
  sqlite3_int64 n;
  int ord, cell;
} RuRankSort;

static int ruCmpRank(const void *a, const void *b) {
  const RuRankSort *x = a, *y = b;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return x->ord - y->ord;
}

static int ruCatOrder(RuCalc *c);
static void ruSortRank(RuRankSort *rs, int m);

/* ---- the scan ----------------------------------------------------------
** Counting runs in one of two modes.  Bins: each area keeps (category,
** count) bins for the categories present in it: up to 11 counts of up to
** 255 in its own 32-byte line, else all of its counts as 32-bit bins in a
** pool (room for 16, 32, 64).  With sparse ids the lines are the
** slots of the id table itself (the line holds its area's id), so a row
** is one byte probe in a small table of fingerprints and one cache line:
** the id check and the counting touch the same line.  Memory is O(areas x
** categories present), whatever the tree's ids: a building of 20 people
** holds its 3-5 groups, not a row of every category.  Cells are then made
** from the bins children first (ruBinsFinish), without hashing.  Sparse:
** the (area, category) hash, for a column of more than RU_BIN_MAX values
** (or a bin's counter full): the bins become cells and counting goes on
** in the hash.  Either way memory is never O(rows). */

static RuLine *ruLineOf(RuBins *b, int a) {
  return &b->line[b->lineOf ? b->lineOf[a] : a];
}

/* Line L's j-th count. */
static inline sqlite3_uint64 ruBinAt(const RuBins *b, const RuLine *L, int j) {
  return L->pooled ? b->pool[ruLineOff(L) + (unsigned)j] : L->bin[j];
}

/* Room for one more bin of any count in line L: its counts moved to the
** pool's end as 32-bit bins, 16 of them at first, then twice as many. */
static int ruBinsGrow(RuBins *b, RuLine *L) {
  unsigned room = L->pooled ? 2u * ruLineRoom(L) : 16u;
  if (b->used == 0) b->used = 1; /* (offset 0 is never given out) */
  if (b->used + room > b->cap) {
    sqlite3_uint64 ncap = b->cap ? b->cap * 2 : 1024;
    while (ncap < b->used + room) ncap *= 2;
    if (ncap > 0xffffffffu) return SQLITE_NOMEM; /* offsets are 32-bit */
    unsigned *p = sqlite3_realloc64(b->pool, sizeof(unsigned) * ncap);
    if (p == 0) return SQLITE_NOMEM;
    b->pool = p;
    b->cap = ncap;
  }
  int m = ruBits(L->mask);
  unsigned *x = b->pool + b->used;
  for (int j = 0; j < m; j++) x[j] = (unsigned)ruBinAt(b, L, j);
  unsigned off = (unsigned)b->used;
  memcpy(L->bin, &off, 4);
  memcpy(L->bin + 4, &room, 4);
  L->pooled = 1;
  b->used += room;
  return SQLITE_OK;
}

/* Count w rows of category cat in line L; 1 when its counter would pass
** RU_BIN_NMAX (nothing added).  A count the line's own 8-bit bins cannot
** take (a 12th category, or past 255) moves them to the pool first. */
static int ruBinsAdd(RuBins *b, RuLine *L, int cat, sqlite3_uint64 w, int *rc) {
  sqlite3_uint64 bit = (sqlite3_uint64)1 << cat;
  int j = ruBits(L->mask & (bit - 1));
  int m = ruBits(L->mask);
  if (w > RU_BIN_NMAX) return 1;
  if (!L->pooled) {
    if (L->mask & bit) {
      if (w <= RU_LINE_NMAX - L->bin[j]) {
        L->bin[j] += (unsigned char)w;
        return 0;
      }
    } else if (m < RU_LINE_BINS && w <= RU_LINE_NMAX) {
      if (m > j) memmove(L->bin + j + 1, L->bin + j, (size_t)(m - j));
      L->bin[j] = (unsigned char)w;
      L->mask |= bit;
      return 0;
    }
    *rc = ruBinsGrow(b, L);
    if (*rc) return 0;
  }
  unsigned *x = b->pool + ruLineOff(L);
  if (L->mask & bit) {
    if (w > RU_BIN_NMAX - x[j]) return 1;
    x[j] += (unsigned)w;
    return 0;
  }
  if ((unsigned)m == ruLineRoom(L)) {
    *rc = ruBinsGrow(b, L);
    if (*rc) return 0;
    x = b->pool + ruLineOff(L);
  }
  if (m > j) memmove(x + j + 1, x + j, sizeof(unsigned) * (size_t)(m - j));
  x[j] = (unsigned)w;
  L->mask |= bit;
  return 0;
}

/* Move the bins' counts into indexed cells and leave bins mode (the lines
** stay: they still find the areas of the rows to come). */
static int ruBinsFlush(RuCalc *c, RuBins *b) {
  if (b->line == 0 || b->sparse) return SQLITE_OK;
  b->sparse = 1;
  /* the cells will grow in the hash: the areas' old block is not wanted */
  sqlite3_free(c->spare);
  c->spare = 0;
  int rc = SQLITE_OK;
  for (unsigned l = 0; rc == SQLITE_OK && l < b->nline; l++) {
    if (c->ctrl && !c->ctrl[l]) continue; /* an empty slot */
    RuLine *L = &b->line[l];
    int a = L->area;
    int j = 0;
    for (sqlite3_uint64 bits = L->mask; bits; bits &= bits - 1, j++) {
      int cat = __builtin_ctzll(bits);
      int y = ruCellOf(c, a, cat);
      if (y < 0) y = ruNewCell(c, a, cat, ruKey(a, cat));
      if (y < 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      c->cells[y].n += (sqlite3_int64)ruBinAt(b, L, j);
    }
    L->mask = 0;
  }
  sqlite3_free(b->pool);
  b->pool = 0;
  b->used = b->cap = 0;
  return rc;
}

/* The end of a scan in bins mode, in one pass: children before parents
** (reverse pre-order), each area sums its own bins and its children's
** finished cells into a 64-slot scratch (bins mode has fewer than 64
** categories) and makes its cells there, contiguous and sorted by rank,
** after those of the areas before it in that order: no hashing, no
** linked-list walks, no ranking pass afterwards, and each area's line
** read once.  The cells go into the areas' old block, grown as needed.
** The caller has checked that no total can pass 2^32 - 1. */
static int ruBinsFinish(RuCalc *c, RuBins *b) {
  int rc = ruCatOrder(c);
  if (rc) return rc;
  /* An area's cells are ranked by one 64-bit key each: its count (a
  ** total below 2^32, checked by the caller) above 6 bits that put the
  ** lesser category byte order first on a tie (fewer than 64 categories
  ** here), sorted descending in place: the order of ruCmpRank, without a
  ** comparison call. */
  sqlite3_uint64 key[64];
  unsigned char rankBits[64], catOfBits[64];
  for (int cat = 0; cat < c->ncat && cat < 64; cat++) {
    rankBits[cat] = (unsigned char)(63 - c->cats[cat].ord);
    catOfBits[63 - c->cats[cat].ord] = (unsigned char)cat;
  }
  /* every cell is written below: the areas' old block serves, grown when
  ** full (on failure it stays in c->spare or c->cells, freed with the
  ** rest) */
  sqlite3_uint64 cap = c->spare ? sizeof(RuArea) * ((sqlite3_uint64)c->narea + 1) / sizeof(RuCell) : 0;
  c->cells = c->spare;
  c->spare = 0;
  sqlite3_uint64 ncell = 0;
  sqlite3_uint64 acc[64];
  memset(acc, 0, sizeof acc);
  for (int k = c->npre - 1; rc == SQLITE_OK && k >= 0; k--) {
    int a = c->pre[k];
    RuArea *A = &c->areas[a];
    /* with sparse ids the lines are in hash order: fetch ahead */
    if (b->lineOf && k >= RU_AHEAD) __builtin_prefetch(ruLineOf(b, c->pre[k - RU_AHEAD]));
    RuLine *L = ruLineOf(b, a);
    sqlite3_uint64 mask = L->mask;
    int j = 0;
    if (L->pooled) {
      const unsigned *x = b->pool + ruLineOff(L);
      for (sqlite3_uint64 bits = mask; bits; bits &= bits - 1) acc[__builtin_ctzll(bits)] += x[j++];
    } else {
      for (sqlite3_uint64 bits = mask; bits; bits &= bits - 1) acc[__builtin_ctzll(bits)] += L->bin[j++];
    }
    for (int ch = A->first_child; ch >= 0; ch = c->areas[ch].next_sibling) {
      const RuArea *C = &c->areas[ch];
      for (int i = 0; i < C->ncell; i++) {
        const RuCell *y = &c->cells[C->off + i];
        acc[y->cat] += (sqlite3_uint64)y->n;
        mask |= (sqlite3_uint64)1 << y->cat;
      }
    }
    int m = 0;
    sqlite3_int64 sum = 0;
    for (sqlite3_uint64 bits = mask; bits; bits &= bits - 1) {
      int cat = __builtin_ctzll(bits);
      sqlite3_uint64 kk = acc[cat] << 6 | rankBits[cat];
      int i = m++;
      for (; i > 0 && key[i - 1] < kk; i--) key[i] = key[i - 1];
      key[i] = kk;
      sum += (sqlite3_int64)acc[cat];
      acc[cat] = 0;
    }
    if (ncell + (sqlite3_uint64)m > cap) {
      /* small steps: a block this large grows in place (mremap) */
      sqlite3_uint64 ncap = cap + cap / 16 + 1024;
      if (ncap * sizeof(RuCell) >= RU_ALLOC_MAX) ncap = RU_ALLOC_MAX / sizeof(RuCell) - 1;
      if (ncell + (sqlite3_uint64)m > ncap) {
        c->tooMany = (sqlite3_int64)ncell;
        rc = SQLITE_NOMEM;
        break;
      }
      RuCell *nc = sqlite3_realloc64(c->cells, sizeof(RuCell) * ncap);
      if (nc == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      c->cells = nc;
      cap = ncap;
    }
    int off = (int)ncell;
    ncell += (sqlite3_uint64)m;
    A->off = off;
    for (int i = 0; i < m; i++) {
      RuCell *y = &c->cells[off + i];
      y->cat = catOfBits[key[i] & 63];
      y->n = (sqlite3_int64)(key[i] >> 6);
      y->rank = i + 1;
      y->hidden = 0;
    }
    A->head = m ? off : -1;
    A->ncell = m;
    A->total = sum;
  }
  c->capcell = (int)cap;
  if (rc == SQLITE_OK && ncell + 1 < cap) {
    RuCell *nc = sqlite3_realloc64(c->cells, sizeof(RuCell) * (ncell + 1));
    if (nc) { /* a smaller block: only gives memory back */
      c->cells = nc;
      c->capcell = (int)ncell + 1;
    }
  }
  if (rc == SQLITE_OK) c->ncell = (int)ncell;
  if (rc == SQLITE_OK) c->carried = 1;
  return rc;
}

/* The scan counts its rows in batches: a row is only noted when it comes
** (its area id, category and weight), and every RU_BATCH rows the batch is
** counted in three tight passes, each fetching ahead what the next one
** reads, so that the cache misses of finding RU_BATCH rows' areas and of
** counting them overlap one another instead of each stalling in turn, and
** the per-row work is a few instructions in simple loops.  With sparse
** ids: the first pass hashes each id and fetches its control bytes; the
** second probes them, 8 at a time, and fetches the matching slot's line;
** the third checks the id in that line and counts the row there.  With
** dense ids the direct table gives the line in the first pass.  A row
** whose area id is the previous row's in the batch (a source stored in
** area order) takes that row's line without a lookup.  Rows are counted
** in the order they came: the bad row reported is the first.  The batch
** is counted at the end of the scan, before a bad row is reported and
** before the bins are left for the hash.  Its memory is fixed. */
#define RU_BATCH 128

/* A row noted, not yet counted. */
typedef struct RuFlight {
  sqlite3_int64 id;       /* its area id */
  sqlite3_uint64 w;       /* its weight */
  int cat;                /* its category */
  int line;               /* the home slot, then the line (-1: no such id) */
  unsigned char fp;       /* the id's control byte */
  unsigned char how;      /* RU_EXACT, RU_HASHED or RU_SAME */
} RuFlight;

typedef struct RuScanState {
  RuCalc *c;
  int utf8;               /* text can be read as bytes */
  const unsigned char *lastZ;
  int lastN, lastCat;
  struct {                /* short categories (<= 7 bytes, the usual codes) */
    sqlite3_uint64 key;   /* length | bytes << 8 */
    int cat;              /* -1: empty */
  } small[64];
  int rc;                 /* the first error of rollup_tally, with ... */
  char *zErr;             /* ... its message */
  int npend;              /* rows noted in f[], not yet counted */
  sqlite3_uint64 total;   /* the weights entered (rows, without weight=) */
  RuFlight f[RU_BATCH];
  struct RuTallyHook *hook;   /* where rollup_tally keeps this scan (below) */
} RuScanState;

/* rollup_tally's own data (one per registration and connection): the
** scan it last found through its bound pointer, and the argument that
** held that pointer.  Each later row whose argument is that same value
** (the same register of the same running statement) goes straight to
** the scan; any other call checks its pointer in full.  ruScan forgets
** both when its statement ends, before that memory can be reused. */
typedef struct RuTallyHook {
  RuScanState *S;
  sqlite3_value *arg;
} RuTallyHook;

/* How a row noted finds its line: */
#define RU_EXACT 0  /* line is its line (dense ids: the direct table) */
#define RU_HASHED 1 /* line is its home slot, then the probe's slot, to check */
#define RU_SAME 2   /* the previous row's area id: its line, once that is probed */

/* Probe the control bytes of row F from its home slot: the first slot
** whose byte matches, unless an empty slot comes before it (8 bytes at a
** time; the lowest set bit of each test of a byte for zero is exact);
** fetch that slot's line. */
static inline void ruScanProbe(const RuCalc *c, RuFlight *F) {
  const unsigned char *ctrl = c->ctrl;
  unsigned cap = c->cap;
  unsigned j = (unsigned)F->line;
  sqlite3_uint64 want = 0x0101010101010101ULL * F->fp;
  for (;;) {
    sqlite3_uint64 v, x;
    memcpy(&v, ctrl + j, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v); /* slot j in the low byte */
#endif
    x = v ^ want;
    sqlite3_uint64 match = (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
    sqlite3_uint64 empty = (v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL;
    if (match && (!empty || (match & -match) < (empty & -empty))) {
      j += (unsigned)__builtin_ctzll(match) >> 3;
      if (j >= cap) j -= cap;
      F->line = (int)j;
      __builtin_prefetch(&c->b.line[j], 1, 2);
      return;
    }
    if (empty) {
      F->line = -1;
      return;
    }
    j += 8;
    if (j >= cap) j -= cap;
  }
}

/* What is rare in counting a row: a control byte that matched another id,
** an id not in the tree, a full counter, the (area, category) hash. */
static int ruScanCountSlow(RuScanState *S, const RuFlight *F) {
  RuCalc *c = S->c;
  RuBins *b = &c->b;
  int at = F->line;
  if (at >= 0 && F->how == RU_HASHED && b->line[at].id != F->id) {
    /* the byte matched another id: probe on */
    unsigned j = (unsigned)at;
    unsigned char q;
    do {
      j = j + 1 == c->cap ? 0 : j + 1;
      q = c->ctrl[j];
    } while (q != 0 && (q != F->fp || b->line[j].id != F->id));
    at = q ? (int)j : -1;
  }
  if (at < 0)
    return mu_vtab_error(&S->zErr, "rollup: a row of '%s' has area_id %lld, which is not in '%s'",
                         c->source, F->id, c->o.areas ? c->o.areas : "areas");
  if (!b->sparse) {
    int rc = SQLITE_OK;
    if (ruBinsAdd(b, &b->line[at], F->cat, F->w, &rc) == 0) return rc;
    /* a counter would pass its 32 bits: count on in cells */
    if (ruBinsFlush(c, b)) return SQLITE_NOMEM;
  }
  int a = b->line[at].area;
  int x = ruCellOf(c, a, F->cat);
  if (x < 0) {
    x = ruNewCell(c, a, F->cat, ruKey(a, F->cat));
    if (x < 0) return SQLITE_NOMEM;
  }
  c->cells[x].n += (sqlite3_int64)F->w;
  return SQLITE_OK;
}

/* Count the rows noted: find their lines (passes fetching ahead), then
** count them in order.  The usual row: its line is its area's, its
** category has a bin there (or room for one), and the count fits; the
** rest go to ruScanCountSlow.  `hw`: the CPU counts bits in one
** instruction (a constant in each of the two versions below). */
static inline __attribute__((always_inline)) int ruScanFlushBody(RuScanState *S, int hw) {
  int n = S->npend;
  if (n == 0) return SQLITE_OK;
  S->npend = 0;
  RuCalc *c = S->c;
  RuBins *b = &c->b;
  RuFlight *f = S->f;
  if (c->direct) {
    for (int i = 0; i < n; i++) {
      sqlite3_int64 id = f[i].id;
      int at = (id >= c->lo && id <= c->hi) ? c->direct[id - c->lo] : -1;
      f[i].line = at;
      f[i].how = RU_EXACT;
      if (at >= 0) __builtin_prefetch(&b->line[at]);
    }
  } else if (c->ctrl) {
    for (int i = 0; i < n; i++) {
      if (i > 0 && f[i].id == f[i - 1].id) {
        f[i].how = RU_SAME;
        continue;
      }
      sqlite3_uint64 h = ruIdHash(f[i].id);
      unsigned home = ruIdHome(h, c->cap);
      f[i].line = (int)home;
      f[i].fp = ruIdPrint(h);
      f[i].how = RU_HASHED;
      __builtin_prefetch(&c->ctrl[home]);
    }
    for (int i = 0; i < n; i++) {
      if (f[i].how == RU_SAME) {
        /* the previous row, probed already: the same line, checked the same way */
        f[i].line = f[i - 1].line;
        f[i].fp = f[i - 1].fp;
        f[i].how = f[i - 1].how;
      } else {
        ruScanProbe(c, &f[i]);
      }
    }
  } else {
    for (int i = 0; i < n; i++) {
      f[i].line = -1; /* an empty tree */
      f[i].how = RU_EXACT;
    }
  }
#define RU_POP(x) (hw ? __builtin_popcountll(x) : ruBits(x))
  for (int i = 0; i < n; i++) {
    const RuFlight *F = &f[i];
    if (F->line >= 0 && !b->sparse && F->w <= RU_BIN_NMAX) {
      RuLine *L = &b->line[F->line];
      if (F->how != RU_HASHED || L->id == F->id) {
        sqlite3_uint64 bit = (sqlite3_uint64)1 << F->cat, mask = L->mask;
        unsigned w = (unsigned)F->w;
        int j = RU_POP(mask & (bit - 1));
        if (!L->pooled) {
          /* the line's own 8-bit bins */
          unsigned char *x = L->bin;
          if (mask & bit) {
            if (w <= RU_LINE_NMAX - x[j]) {
              x[j] = (unsigned char)(x[j] + w);
              continue;
            }
          } else {
            int m = RU_POP(mask);
            if (m < RU_LINE_BINS && w <= RU_LINE_NMAX) {
              /* a new bin, in category order */
              for (int k = m; k > j; k--) x[k] = x[k - 1];
              x[j] = (unsigned char)w;
              L->mask = mask | bit;
              continue;
            }
          }
        } else {
          unsigned *x = b->pool + ruLineOff(L);
          if (mask & bit) {
            if (x[j] <= RU_BIN_NMAX - w) {
              x[j] += w;
              continue;
            }
          } else {
            int m = RU_POP(mask);
            if ((unsigned)m < ruLineRoom(L)) {
              for (int k = m; k > j; k--) x[k] = x[k - 1];
              x[j] = w;
              L->mask = mask | bit;
              continue;
            }
          }
        }
      }
    }
    int rc = ruScanCountSlow(S, F);
    if (rc) return rc;
  }
#undef RU_POP
  return SQLITE_OK;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define RU_HAVE_POPCNT_VERSION 1
/* With the popcnt instruction, for CPUs that have it (checked once, at
** the start of the scan: b->popcnt). */
static int __attribute__((noinline, target("popcnt"))) ruScanFlushPopcnt(RuScanState *S) {
  return ruScanFlushBody(S, 1);
}
#endif

static int __attribute__((noinline)) ruScanFlushPlain(RuScanState *S) {
  return ruScanFlushBody(S, 0);
}

static int ruScanFlush(RuScanState *S) {
#ifdef RU_HAVE_POPCNT_VERSION
  if (S->c->b.popcnt) return ruScanFlushPopcnt(S);
#endif
  return ruScanFlushPlain(S);
}

/* Note row (id, cat, w); count the batch once it is full. */
static inline int ruScanEnter(RuScanState *S, sqlite3_int64 id, int cat, sqlite3_uint64 w) {
  RuFlight *F = &S->f[S->npend++];
  F->id = id;
  F->cat = cat;
  F->w = w;
  if (S->npend == RU_BATCH) return ruScanFlush(S);
  return SQLITE_OK;
}

/* The n <= 7 bytes z[0..n) as a number, z[0] in the low byte. */
static inline sqlite3_uint64 ruSmallBytes(const unsigned char *z, int n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  /* two loads that overlap (or meet) cover the bytes; no byte past z[n-1]
  ** is read */
  if (n >= 4) {
    unsigned lo, hi;
    memcpy(&lo, z, 4);
    memcpy(&hi, z + n - 4, 4);
    return (sqlite3_uint64)lo | (sqlite3_uint64)hi << (8 * (n - 4));
  }
  if (n >= 2) {
    unsigned short lo;
    memcpy(&lo, z, 2);
    return (sqlite3_uint64)lo | (sqlite3_uint64)z[n - 1] << (8 * (n - 1));
  }
  return n ? z[0] : 0;
#else
  sqlite3_uint64 v = 0;
  for (int i = 0; i < n; i++) v |= (sqlite3_uint64)z[i] << (8 * i);
  return v;
#endif
}

/* One row of the source: intern its category, read its weight, enter it. */
static int ruScanRow(RuScanState *S, sqlite3_value *va, sqlite3_value *vc, sqlite3_value *vw) {
  RuCalc *c = S->c;
  int ct = sqlite3_value_type(vc);
  if (ct == SQLITE_NULL) return SQLITE_OK; /* skipped, as aggregates skip NULL */
  sqlite3_uint64 w = 1;
  if (vw) {
    int wt = sqlite3_value_type(vw);
    if (wt == SQLITE_NULL) return SQLITE_OK; /* counts nothing */
    sqlite3_int64 v = wt == SQLITE_INTEGER ? sqlite3_value_int64(vw) : -1;
    if (v < 0) {
      const unsigned char *t = sqlite3_value_text(vw);
      if (t == 0) return SQLITE_NOMEM;
      return mu_vtab_error(&S->zErr, "rollup: a row of '%s' has weight %s%s%s in '%s'; a weight is a whole number >= 0",
                           c->source, wt == SQLITE_INTEGER || wt == SQLITE_FLOAT ? "" : "'",
                           (const char *)t, wt == SQLITE_INTEGER || wt == SQLITE_FLOAT ? "" : "'",
                           c->o.weight);
    }
    if (v == 0) return SQLITE_OK; /* counts nothing */
    w = (sqlite3_uint64)v;
    if (S->total + w > (sqlite3_uint64)0x7fffffffffffffffLL)
      return mu_vtab_error(&S->zErr, "rollup: the weights in '%s' add up to more than 9223372036854775807",
                           c->source);
  }
  const unsigned char *z;
  if ((ct == SQLITE_TEXT && S->utf8) || ct == SQLITE_BLOB) {
    z = sqlite3_value_blob(vc);
  } else {
    z = sqlite3_value_text(vc);
    if (z == 0) return SQLITE_NOMEM;
  }
  int n = sqlite3_value_bytes(vc);
  if (z == 0) z = (const unsigned char *)"";
  int cat, slot = -1;
  sqlite3_uint64 key = 0;
  if (n <= 7) {
    /* a short category is its own key: no hashing of bytes, no compare */
    key = (sqlite3_uint64)n | ruSmallBytes(z, n) << 8;
    slot = (int)((key * 0x9E3779B97F4A7C15ULL) >> 58);
    cat = S->small[slot].key == key ? S->small[slot].cat : -1;
  } else {
    int same = n == S->lastN;
    for (int i = 0; same && i < n; i++) same = z[i] == S->lastZ[i];
    cat = same ? S->lastCat : -1;
  }
  if (cat < 0) {
    cat = ruIntern(c, z, n);
    if (cat < 0) return SQLITE_NOMEM;
    if (cat >= RU_BIN_MAX && c->b.line && !c->b.sparse) {
      /* too many categories for bins: count the rows in flight, go sparse */
      int rc = ruScanFlush(S);
      if (rc == SQLITE_OK) rc = ruBinsFlush(c, &c->b);
      if (rc != SQLITE_OK) return rc;
    }
    if (slot >= 0) {
      S->small[slot].key = key;
      S->small[slot].cat = cat;
    } else {
      S->lastZ = (const unsigned char *)c->cats[cat].z;
      S->lastN = n;
      S->lastCat = cat;
    }
  }
  int at = sqlite3_value_type(va);
  if (at != SQLITE_INTEGER) {
    /* the rows before it first: the first bad row is the one reported */
    int rc = ruScanFlush(S);
    if (rc) return rc;
    const char *tab = c->o.areas ? c->o.areas : "areas";
    if (at == SQLITE_NULL)
      return mu_vtab_error(&S->zErr, "rollup: a row of '%s' has area_id NULL", c->source);
    const unsigned char *t = sqlite3_value_text(va);
    if (t == 0) return SQLITE_NOMEM;
    return mu_vtab_error(&S->zErr, "rollup: a row of '%s' has area_id '%s', which is not in '%s'",
                         c->source, (const char *)t, tab);
  }
  S->total += w;
  return ruScanEnter(S, sqlite3_value_int64(va), cat, w);
}

/* rollup_tally(state, area_id, category [, weight]): the scan's inner
** loop, run as an aggregate so that SQLite hands each row's values
** straight to it inside one sqlite3_step — a scan then costs what SQLite's
** own count(*) costs.  `state` is a pointer bound by ruScan
** (sqlite3_bind_pointer): from SQL there is no way to make one, so any
** other call is an error. */
#define RU_POINTER_TYPE "muling-rollup-scan"

/* The scan stops at its first error: kept in S, reported to SQLite. */
static void ruTallyFail(sqlite3_context *ctx, RuScanState *S, int rc) {
  S->rc = rc;
  if (rc == SQLITE_NOMEM) sqlite3_result_error_nomem(ctx);
  else sqlite3_result_error(ctx, S->zErr ? S->zErr : "rollup: scan failed", -1);
}

static void rollupTallyStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RuTallyHook *h = sqlite3_user_data(ctx);
  RuScanState *S = h->S;
  if (S == 0 || argv[0] != h->arg) {
    S = mu_tally_state(ctx, argv[0], RU_POINTER_TYPE,
                       "rollup_tally: internal to rollup(); use SELECT * FROM rollup(source, category [, options])");
    if (S == 0) return;
    /* a nested rollup() may have taken the hook: the outer scan takes it
    ** back on its next row */
    h->S = S;
    h->arg = argv[0];
    S->hook = h;
  }
  if (S->rc != SQLITE_OK) return;
  int rc = ruScanRow(S, argv[1], argv[2], argc > 3 ? argv[3] : 0);
  if (rc != SQLITE_OK) ruTallyFail(ctx, S, rc);
}

/* rollup_tally(state, area_id, category): the usual row first -- the
** scan's own state, an integer area id, a short text category seen before
** -- in as few calls as its values allow (no weight, no interning, no
** checks that cannot fail); any other row goes to rollupTallyStep. */
static void rollupTallyStep3(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RuTallyHook *h = sqlite3_user_data(ctx);
  RuScanState *S = h->S;
  if (S && argv[0] == h->arg && S->rc == SQLITE_OK && S->utf8 &&
      sqlite3_value_type(argv[2]) == SQLITE_TEXT && sqlite3_value_type(argv[1]) == SQLITE_INTEGER) {
    const unsigned char *z = sqlite3_value_blob(argv[2]);
    int n = sqlite3_value_bytes(argv[2]);
    if (n <= 7) {
      sqlite3_uint64 key = (sqlite3_uint64)n | ruSmallBytes(z, n) << 8;
      int slot = (int)((key * 0x9E3779B97F4A7C15ULL) >> 58);
      if (S->small[slot].key == key && S->small[slot].cat >= 0) {
        S->total += 1;
        int rc = ruScanEnter(S, sqlite3_value_int64(argv[1]), S->small[slot].cat, 1);
        if (rc != SQLITE_OK) ruTallyFail(ctx, S, rc);
        return;
      }
    }
  }
  rollupTallyStep(ctx, argc, argv);
}

static void rollupTallyFinal(sqlite3_context *ctx) { (void)ctx; }

static int ruScan(RuCalc *c, char **pzErr) {
  const char *cols[3] = {"area_id", c->column, c->o.weight};
  int rc = ruCheckColumns(c, c->source, cols, c->o.weight ? 3 : 2, pzErr);
  if (rc) return rc;
  RuScanState *S = sqlite3_malloc64(sizeof *S);
  if (S == 0) return SQLITE_NOMEM;
  memset(S, 0, sizeof *S);
  S->c = c;
  S->lastN = -1;
  for (int i = 0; i < 64; i++) S->small[i].cat = -1;
  /* Text categories are read as bytes (no terminator, no copy); that is the
  ** text itself only in a UTF-8 database. */
  {
    sqlite3_stmt *st = 0;
    rc = sqlite3_prepare_v2(c->db, "PRAGMA encoding", -1, &st, 0);
    if (rc == SQLITE_OK) {
      rc = sqlite3_step(st);
      if (rc == SQLITE_ROW) {
        const unsigned char *e = sqlite3_column_text(st, 0);
        if (e == 0) rc = SQLITE_NOMEM;
        else S->utf8 = sqlite3_stricmp((const char *)e, "UTF-8") == 0;
      }
      if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
      sqlite3_free(S);
      return ruSqlError(c, rc, pzErr);
    }
  }
  /* The lines: with sparse ids made with the id table; with dense ids one
  ** an area, in the areas' order. */
  if (c->direct) {
    rc = ruBinsInit(&c->b, (unsigned)c->narea);
    for (int i = 0; rc == SQLITE_OK && i < c->narea; i++) ruLineSet(&c->b, (unsigned)i, c->areas[i].id, i);
  }
#if defined(__x86_64__) && defined(__GNUC__)
  c->b.popcnt = __builtin_cpu_supports("popcnt") != 0;
#endif
  sqlite3_stmt *st = 0;
  if (rc == SQLITE_OK) {
    char *sql = c->o.weight
        ? sqlite3_mprintf("SELECT rollup_tally(?1, \"area_id\", \"%w\", \"%w\") FROM \"%w\"",
                          c->column, c->o.weight, c->source)
        : sqlite3_mprintf("SELECT rollup_tally(?1, \"area_id\", \"%w\") FROM \"%w\"",
                          c->column, c->source);
    if (sql == 0) rc = SQLITE_NOMEM;
    else rc = sqlite3_prepare_v2(c->db, sql, -1, &st, 0);
    sqlite3_free(sql);
    if (rc == SQLITE_OK) rc = sqlite3_bind_pointer(st, 1, S, RU_POINTER_TYPE, 0);
    if (rc == SQLITE_OK) {
      while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK && S->rc != SQLITE_OK) {
      /* rollup_tally's own error, with its own message */
      rc = S->rc;
      if (rc != SQLITE_NOMEM) {
        sqlite3_free(*pzErr);
        *pzErr = S->zErr;
        S->zErr = 0;
      }
    } else if (rc != SQLITE_OK) {
      rc = ruSqlError(c, rc, pzErr);
    }
  }
  if (S->hook) {
    /* the statement ends: its registers' addresses mean nothing now */
    S->hook->S = 0;
    S->hook->arg = 0;
  }
  if (rc == SQLITE_OK) rc = ruScanFlush(S);
  /* bins carry up when no total can pass a bin's 32 bits, else cells do */
  if (rc == SQLITE_OK && c->b.line && !c->b.sparse && S->total <= 0xffffffffu)
    rc = ruBinsFinish(c, &c->b);
  if (rc == SQLITE_OK && !c->carried) rc = ruBinsFlush(c, &c->b);
  if (rc == SQLITE_ERROR && S->zErr) {
    sqlite3_free(*pzErr);
    *pzErr = S->zErr;
    S->zErr = 0;
  }
  sqlite3_finalize(st);
  sqlite3_free(S->zErr);
  /* the id table, the lines and the areas' old block are done with */
  ruBinsFree(&c->b);
  sqlite3_free(c->spare);
  c->spare = 0;
  sqlite3_free(c->direct);
  sqlite3_free(c->ctrl);
  c->direct = 0;
  c->ctrl = 0;
  sqlite3_free(S);
  return rc;
}

/* ---- carrying up, ranking -------------------------------------------- */

static int ruCarryUp(RuCalc *c) {
  if (c->carried) return SQLITE_OK; /* ruBinsFinish made the totals too */
  /* Reverse pre-order visits every area after all of its descendants. */
  for (int k = c->npre - 1; k >= 0; k--) {
    int a = c->pre[k];
    RuArea *A = &c->areas[a];
    A->total = 0;
    for (int x = A->head; x >= 0; x = c->cellNext[x]) A->total += c->cells[x].n;
    int p = A->parent;
    if (p < 0) continue;
    for (int x = c->areas[a].head; x >= 0; x = c->cellNext[x]) {
      int cat = c->cells[x].cat;
      sqlite3_int64 n = c->cells[x].n;
      int y = ruCellOf(c, p, cat);
      if (y < 0) {
        y = ruNewCell(c, p, cat, ruKey(p, cat));
        if (y < 0) return SQLITE_NOMEM;
      }
      c->cells[y].n += n;
    }
  }
  return SQLITE_OK;
}

/* Category byte order (RuCat.ord), for rank ties and for listing
** suppressed rows. */
static int ruCatOrder(RuCalc *c) {
  int *co = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(c->ncat + 1));
  if (co == 0) return SQLITE_NOMEM;
  for (int i = 0; i < c->ncat; i++) co[i] = i;
  /* qsort has no context argument, so a small merge sort on indices. */
  {
    int *tmp = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(c->ncat + 1));
    if (tmp == 0) {
      sqlite3_free(co);
      return SQLITE_NOMEM;
    }
    for (int w = 1; w < c->ncat; w *= 2) {
      for (int lo = 0; lo < c->ncat; lo += 2 * w) {
        int mid = lo + w < c->ncat ? lo + w : c->ncat;
        int hi = lo + 2 * w < c->ncat ? lo + 2 * w : c->ncat;
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) {
          const RuCat *x = &c->cats[co[i]], *y = &c->cats[co[j]];
          int m = x->n < y->n ? x->n : y->n;
          int r = memcmp(x->z, y->z, (size_t)m);
          if (r == 0) r = x->n - y->n;
          tmp[k++] = r <= 0 ? co[i++] : co[j++];
        }
        while (i < mid) tmp[k++] = co[i++];
        while (j < hi) tmp[k++] = co[j++];
      }
      memcpy(co, tmp, sizeof(int) * (size_t)c->ncat);
    }
    sqlite3_free(tmp);
  }
  for (int i = 0; i < c->ncat; i++) c->cats[co[i]].ord = i;
  sqlite3_free(co);
  return SQLITE_OK;
}

/* Sort an area's cells rs[0..m) by rank: n descending, ties by category. */
static void ruSortRank(RuRankSort *rs, int m) {
  if (m <= 16) { /* most areas hold a few groups: no qsort call */
    for (int i = 1; i < m; i++) {
      RuRankSort t = rs[i];
      int j = i;
      while (j > 0 && ruCmpRank(&rs[j - 1], &t) > 0) {
        rs[j] = rs[j - 1];
        j--;
      }
      rs[j] = t;
    }
  } else {
    qsort(rs, (size_t)m, sizeof *rs, ruCmpRank);
  }
}

/* Rank each area's cells (the cells made by ruBinsFinish come ranked). */
static int ruRank(RuCalc *c) {
  if (c->carried) return SQLITE_OK;
  int rc = ruCatOrder(c);
  if (rc) return rc;
  c->order = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(c->ncell + 1));
  RuRankSort *rs = sqlite3_malloc64(sizeof(RuRankSort) * (sqlite3_uint64)(c->ncat + 1));
  if (!c->order || !rs) {
    sqlite3_free(rs);
    return SQLITE_NOMEM;
  }
  int off = 0;
  for (int k = 0; k < c->npre; k++) {
    RuArea *A = &c->areas[c->pre[k]];
    int m = 0;
    for (int x = A->head; x >= 0; x = c->cellNext[x]) {
      rs[m].n = c->cells[x].n;
      rs[m].ord = c->cats[c->cells[x].cat].ord;
      rs[m].cell = x;
      m++;
    }
    ruSortRank(rs, m);
    A->off = off;
    for (int i = 0; i < m; i++) {
      c->order[off + i] = rs[i].cell;
      c->cells[rs[i].cell].rank = i + 1;
    }
    off += m;
  }
  sqlite3_free(rs);
  return SQLITE_OK;
}

/* ---- suppression -------------------------------------------------------
** Primary: a cell with 1 <= n < min_cell is hidden; an area with total <
** min_area is withheld (no category rows).  Then, until nothing changes,
** in tree order:
**  (a) in an area with exactly one hidden cell, hide its smallest shown
**      cell (the last by rank); an area whose only cell is hidden is
**      withheld instead, since that cell equals the total;
**  (b) for each shown cell (P, c) of a shown area P, the children of P
**      whose c is unknown to a reader (a hidden cell, or any cell of a
**      withheld child) are counted; if exactly one, holding n > 0, the
**      smallest shown (child, c) cell is hidden too (ties: the first child
**      in tree order), or (P, c) itself when no child shows c. */
static int ruSuppress(RuCalc *c) {
  sqlite3_int64 minCell = c->o.min_cell, minArea = c->o.min_area;
  /* without the options every cell is shown as made (hidden = 0) */
  if (minCell <= 1 && minArea <= 0) return SQLITE_OK;
  for (int k = 0; k < c->npre; k++) {
    RuArea *A = &c->areas[c->pre[k]];
    if (A->total == 0) continue;
    A->withheld = A->total < minArea;
    for (int i = 0; i < A->ncell; i++) {
      RuCell *x = &c->cells[ruOrd(c, A->off + i)];
      x->hidden = !A->withheld && x->n < minCell;
    }
  }
  if (minCell <= 1 && minArea <= 0) return SQLITE_OK;
  if (ruIndexCells(c)) return SQLITE_NOMEM;
  int changed = 1;
  while (changed) {
    changed = 0;
    for (int k = 0; k < c->npre; k++) {
      RuArea *A = &c->areas[c->pre[k]];
      if (A->total == 0 || A->withheld) continue;
      int h = 0, lastShown = -1;
      for (int i = 0; i < A->ncell; i++) {
        int x = ruOrd(c, A->off + i);
        if (c->cells[x].hidden) h++;
        else lastShown = x;
      }
      if (h == 1) {
        if (lastShown >= 0) c->cells[lastShown].hidden = 1;
        else A->withheld = 1;
        changed = 1;
      }
    }
    for (int k = 0; k < c->npre; k++) {
      int p = c->pre[k];
      RuArea *P = &c->areas[p];
      if (P->total == 0 || P->withheld || P->first_child < 0) continue;
      for (int i = 0; i < P->ncell; i++) {
        int px = ruOrd(c, P->off + i);
        if (c->cells[px].hidden) continue;
        int cat = c->cells[px].cat;
        int unknown = 0, unknownPos = 0, best = -1;
        for (int ch = P->first_child; ch >= 0 && unknown < 2; ch = c->areas[ch].next_sibling) {
          RuArea *C = &c->areas[ch];
          if (C->total == 0) continue;
          int x = ruCellOf(c, ch, cat);
          if (C->withheld) {
            unknown++;
            unknownPos = x >= 0;
          } else if (x >= 0) {
            if (c->cells[x].hidden) {
              unknown++;
              unknownPos = 1;
            } else if (best < 0 || c->cells[x].n < c->cells[best].n) {
              best = x;
            }
          }
        }
        if (unknown == 1 && unknownPos) {
          c->cells[best >= 0 ? best : px].hidden = 1;
          changed = 1;
        }
      }
    }
  }
  return SQLITE_OK;
}

/* ---- output rows ------------------------------------------------------- */

static int ruAddRow(RuCalc *c, int area, int cell, sqlite3_int64 n, int hidden) {
  if (c->nrow == c->caprow) {
    int ncap = c->caprow ? c->caprow * 2 : 64;
    RuRow *r = sqlite3_realloc64(c->rows, sizeof(RuRow) * (sqlite3_uint64)ncap);
    if (r == 0) return SQLITE_NOMEM;
    c->rows = r;
    c->caprow = ncap;
  }
  RuRow *r = &c->rows[c->nrow++];
  r->area = area;
  r->cell = cell;
  r->n = n;
  r->hidden = hidden;
  return SQLITE_OK;
}

/* Room for the rows of any one area: the cursor lists them an area at a
** time (ruAreaRows), so the rows of the whole tree are never held. */
static int ruBuildRows(RuCalc *c) {
  /* without top= and suppression an area's rows are its total and its
  ** cells as they lie, by rank: listed straight from the cells */
  c->plain = c->o.top <= 0 && c->o.min_cell <= 1 && c->o.min_area <= 0;
  if (c->plain) return SQLITE_OK;
  int most = 0;
  for (int a = 0; a < c->narea; a++)
    if (c->areas[a].ncell > most) most = c->areas[a].ncell;
  c->rows = sqlite3_malloc64(sizeof(RuRow) * ((sqlite3_uint64)most + 2));
  if (c->rows == 0) return SQLITE_NOMEM;
  c->caprow = most + 2;
  c->nrow = 0;
  return SQLITE_OK;
}

/* The rows of the k-th area in tree order into c->rows[0..nrow): none for
** an area with nobody beneath it or outside root=; else its total row,
** then (unless withheld) its shown cells by rank, its hidden ones by
** category and the '其他' row. */
static int ruAreaRows(RuCalc *c, int k) {
  sqlite3_int64 K = c->o.top;
  int rc = SQLITE_OK;
  c->nrow = 0;
  {
    int a = c->pre[k];
    RuArea *A = &c->areas[a];
    if (A->total == 0 || (c->inRoot && !c->inRoot[a])) return SQLITE_OK;
    if (c->plain) {
      c->nrow = 1 + A->ncell;
      c->nhidden = 0;
      return SQLITE_OK;
    }
    rc = ruAddRow(c, a, -1, A->total, 0);
    c->nhidden = 0;
    for (int i = 0; i < A->ncell; i++) c->nhidden += c->cells[ruOrd(c, A->off + i)].hidden;
    if (rc || A->withheld) return rc;
    int shown = A->ncell;
    int otherRow = 0, otherHidden = 0, extraHide = -1;
    sqlite3_int64 other = 0;
    if (K > 0 && A->ncell > K) {
      shown = (int)K;
      otherRow = 1;
      int topHidden = 0, foldHidden = 0, lastShownTop = -1;
      for (int i = 0; i < A->ncell; i++) {
        RuCell *x = &c->cells[ruOrd(c, A->off + i)];
        if (i < shown) {
          if (x->hidden) topHidden++;
          else lastShownTop = ruOrd(c, A->off + i);
        } else {
          other += x->n;
          foldHidden += x->hidden;
        }
      }
      /* '其他' may be shown when it says nothing new: when it is total minus
      ** shown top cells, or a sum of shown cells; and never as a small cell. */
      otherHidden = topHidden > 0 && foldHidden > 0;
      if (!otherHidden && c->o.min_cell > 1 && other < c->o.min_cell) {
        otherHidden = 1;
        if (topHidden == 0) extraHide = lastShownTop;
      }
    }
    /* shown cells by rank, then hidden ones by category, then '其他' */
    for (int pass = 0; rc == SQLITE_OK && pass < 2; pass++) {
      if (pass == 0) {
        for (int i = 0; rc == SQLITE_OK && i < shown; i++) {
          int x = ruOrd(c, A->off + i);
          if (!c->cells[x].hidden && x != extraHide) rc = ruAddRow(c, a, x, 0, 0);
        }
      } else {
        int first = c->nrow;
        for (int i = 0; rc == SQLITE_OK && i < shown; i++) {
          int x = ruOrd(c, A->off + i);
          if (c->cells[x].hidden || x == extraHide) rc = ruAddRow(c, a, x, 0, 1);
        }
        /* few rows: insertion sort by category order */
        for (int i = first + 1; rc == SQLITE_OK && i < c->nrow; i++) {
          RuRow t = c->rows[i];
          int j = i;
          while (j > first && c->cats[c->cells[c->rows[j - 1].cell].cat].ord >
                                  c->cats[c->cells[t.cell].cat].ord) {
            c->rows[j] = c->rows[j - 1];
            j--;
          }
          c->rows[j] = t;
        }
      }
    }
    if (rc == SQLITE_OK && otherRow) rc = ruAddRow(c, a, -2, other, otherHidden);
  }
  return rc;
}

static int ruReadLabels(RuCalc *c, char **pzErr) {
  /* the eponymous ethnic_groups of the ethnic module, or a table or view;
  ** not a virtual table a database declares under that name (see
  ** ruCheckColumns) */
  int kind = 0;
  int rc = ruTableKind(c, "ethnic_groups", &kind);
  if (rc != SQLITE_OK) return ruSqlError(c, rc, pzErr);
  if (kind == 1)
    return mu_vtab_error(pzErr, "rollup: label=ethnic will not read 'ethnic_groups': it is a virtual table of the database");
  sqlite3_stmt *st = 0;
  rc = sqlite3_prepare_v2(c->db, "SELECT code, name FROM ethnic_groups", -1, &st, 0);
  if (rc != SQLITE_OK) {
    if (ruIsNomem(rc)) return SQLITE_NOMEM;
    return mu_vtab_error(pzErr,
                         "rollup: label=ethnic needs the ethnic_groups table: %s",
                         sqlite3_errmsg(c->db));
  }
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const unsigned char *code = sqlite3_column_text(st, 0);
    if (code == 0) {
      if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
        rc = SQLITE_NOMEM;
        break;
      }
      continue;
    }
    int cat = ruFindCat(c, code, sqlite3_column_bytes(st, 0));
    if (cat < 0 || c->cats[cat].label) continue;
    const unsigned char *name = sqlite3_column_text(st, 1);
    if (name == 0) {
      if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
        rc = SQLITE_NOMEM;
        break;
      }
      continue;
    }
    c->cats[cat].label = ruDup(name);
    if (c->cats[cat].label == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  else if (rc != SQLITE_NOMEM) rc = ruSqlError(c, rc, pzErr);
  sqlite3_finalize(st);
  return rc;
}

/* root=: find the area (an id, else a name naming exactly one area) and
** mark it and everything below it. */
static int ruResolveRoot(RuCalc *c, const char *tree, char **pzErr) {
  const char *z = c->o.root;
  int root = -1, nsame = 0;
  sqlite3_int64 id = 0;
  /* an id of up to 18 digits (a building's code has 16) */
  int nz = (int)strlen(z), digits = nz > 0 && nz <= 18;
  for (int i = 0; digits && i < nz; i++) digits = z[i] >= '0' && z[i] <= '9';
  for (int i = 0; digits && i < nz; i++) id = id * 10 + (z[i] - '0');
  if (digits) root = ruFindArea(c, id);
  if (root < 0) {
    for (int i = 0; i < c->narea; i++) {
      sqlite3_int64 nm = c->areas[i].name;
      if (nm >= 0 && strcmp(c->text + nm, z) == 0) {
        if (nsame++ == 0) root = i;
      }
    }
  }
  if (nsame > 1)
    return mu_vtab_error(pzErr, "rollup: root '%s' names %d areas; give the area's id", z, nsame);
  if (root < 0) {
    char *sql = sqlite3_mprintf("SELECT DISTINCT name FROM \"%w\"", tree);
    char *known = 0;
    int rc = sql ? mu_nearest(c->db, sql, z, 10, &known) : SQLITE_NOMEM;
    sqlite3_free(sql);
    if (rc) return ruSqlError(c, rc, pzErr);
    rc = mu_vtab_error(pzErr, "rollup: root '%s' names no area of %s; %s%s", z, tree,
                       known[0] ? "nearest: " : "the tree is empty", known);
    sqlite3_free(known);
    return rc;
  }
  c->inRoot = sqlite3_malloc64((sqlite3_uint64)c->narea + 1);
  if (c->inRoot == 0) return SQLITE_NOMEM;
  memset(c->inRoot, 0, (size_t)c->narea + 1);
  c->inRoot[root] = 1;
  /* walk the subtree by first_child / next_sibling / parent, never past root */
  int a = c->areas[root].first_child;
  while (a >= 0) {
    c->inRoot[a] = 1;
    if (c->areas[a].first_child >= 0) {
      a = c->areas[a].first_child;
      continue;
    }
    while (a != root && c->areas[a].next_sibling < 0) a = c->areas[a].parent;
    if (a == root) break;
    a = c->areas[a].next_sibling;
  }
  return SQLITE_OK;
}

static int ruCompute(RuCalc *c, char **pzErr) {
  int rc = ruReadAreas(c, pzErr);
  if (rc == SQLITE_OK && c->o.root) rc = ruResolveRoot(c, c->o.areas ? c->o.areas : "areas", pzErr);
  if (rc == SQLITE_OK) rc = ruMapInit(&c->catIndex, 64);
  if (rc == SQLITE_OK) rc = ruScan(c, pzErr);
  if (rc == SQLITE_OK) rc = ruCarryUp(c);
  if (rc == SQLITE_OK) rc = ruRank(c);
  if (rc == SQLITE_OK) rc = ruSuppress(c);
  if (rc == SQLITE_OK) rc = ruBuildRows(c);
  if (rc == SQLITE_OK && c->o.label) rc = ruReadLabels(c, pzErr);
  if (rc == SQLITE_NOMEM && c->tooMany > 0)
    rc = mu_vtab_error(pzErr,
        "rollup: too many (area, category) cells: '%s' of '%s' over the tree '%s' needs more than "
        "%lld of them, past the 2 GB that SQLite allocates at most at once; roll up a coarser "
        "column (an age band, not a birth date) or a smaller tree (root= still counts the whole tree)",
        c->column, c->source, c->o.areas ? c->o.areas : "areas", c->tooMany);
  return rc;
}

/* ======================================================================
** The virtual table
** ==================================================================== */

enum {
  RU_AREA_ID, RU_LEVEL, RU_NAME, RU_PARENT_ID, RU_CATEGORY, RU_N, RU_SHARE,
  RU_RANK, RU_TOTAL, RU_GROUPS, RU_FRAC, RU_ENTROPY, RU_SUPPRESSED, RU_LABEL,
  RU_SOURCE, RU_COLUMN, RU_OPTIONS
};

typedef struct RollupVtab {
  sqlite3_vtab base; /* Base class. Must be first */
  sqlite3 *db;
} RollupVtab;

typedef struct RollupCursor {
  sqlite3_vtab_cursor base; /* Base class. Must be first */
  RuCalc calc;
  int divArea;            /* the area whose diversity is in frac, entropy */
  double frac, entropy;
  int k;                  /* the area listed: its index in tree order */
  int i;                  /* its row in calc.rows */
  sqlite3_int64 rowid;
  char *args[3];
} RollupCursor;

static int rollupConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                         sqlite3_vtab **ppVtab, char **pzErr) {
  int rc = sqlite3_declare_vtab(db,
      "CREATE TABLE x(area_id INTEGER, level TEXT, name TEXT, parent_id INTEGER,"
      " category TEXT, n INTEGER, share REAL, rank INTEGER, total INTEGER,"
      " groups INTEGER, fractionalization REAL, entropy REAL, suppressed INTEGER,"
      " label TEXT, source HIDDEN, category_column HIDDEN, options HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  /* INNOCUOUS: rollup() only reads tables of this same database connection
  ** (names quoted as identifiers, nothing spliced), writes nothing, touches
  ** no file and no clock, and its work is bounded by the tables it reads;
  ** a view or trigger using it can learn nothing it could not SELECT.  It
  ** refuses virtual tables outside temp (ruCheckColumns), so it cannot
  ** reach a DIRECTONLY virtual table that a hostile schema declares. */
  rc = sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  if (rc != SQLITE_OK) return rc;
  RollupVtab *v = sqlite3_malloc64(sizeof *v);
  if (v == 0) return SQLITE_NOMEM;
  memset(v, 0, sizeof *v);
  v->db = db;
  *ppVtab = &v->base;
  return SQLITE_OK;
}

static int rollupDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/* idxNum bits: 1 source, 2 category column, 4 options; arguments come in
** that order. */
static int rollupBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *info) {
  int where[3] = {-1, -1, -1};
  int unusable = 0;
  for (int i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *k = &info->aConstraint[i];
    if (k->iColumn < RU_SOURCE) continue;
    if (k->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!k->usable) {
      unusable = 1;
      continue;
    }
    where[k->iColumn - RU_SOURCE] = i;
  }
  /* A missing argument is reported by xFilter, not here: the planner also
  ** asks with partial constraint sets (OR terms), and must get a plan. */
  if ((where[0] < 0 || where[1] < 0) && unusable) return SQLITE_CONSTRAINT;
  int arg = 1, idx = 0;
  for (int j = 0; j < 3; j++) {
    if (where[j] < 0) continue;
    info->aConstraintUsage[where[j]].argvIndex = arg++;
    info->aConstraintUsage[where[j]].omit = 1;
    idx |= 1 << j;
  }
  info->idxNum = idx;
  info->estimatedCost = (idx & 3) == 3 ? 1e6 : 1e99;
  info->estimatedRows = 1000;
  return SQLITE_OK;
}

static int rollupOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  RollupCursor *cur = sqlite3_malloc64(sizeof *cur);
  if (cur == 0) return SQLITE_NOMEM;
  memset(cur, 0, sizeof *cur);
  cur->divArea = -1;
  *ppCursor = &cur->base;
  return SQLITE_OK;
}

static void rollupReset(RollupCursor *cur) {
  ruCalcFree(&cur->calc);
  cur->divArea = -1;
  for (int j = 0; j < 3; j++) {
    sqlite3_free(cur->args[j]);
    cur->args[j] = 0;
  }
  cur->k = cur->i = 0;
  cur->rowid = 0;
}

/* On to the next area with rows (cur->k = npre at the end). */
static int ruNextArea(RollupCursor *cur) {
  RuCalc *c = &cur->calc;
  int rc = SQLITE_OK;
  cur->i = 0;
  while (rc == SQLITE_OK && ++cur->k < c->npre) {
    rc = ruAreaRows(c, cur->k);
    if (c->nrow > 0) break;
  }
  return rc;
}

static int rollupClose(sqlite3_vtab_cursor *pCur) {
  RollupCursor *cur = (RollupCursor *)pCur;
  rollupReset(cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int rollupFilter(sqlite3_vtab_cursor *pCur, int idxNum, const char *idxStr,
                        int argc, sqlite3_value **argv) {
  RollupCursor *cur = (RollupCursor *)pCur;
  sqlite3_vtab *vt = pCur->pVtab;
  RuCalc *c = &cur->calc;
  static const char *const what[3] = {"source", "category", "options"};
  rollupReset(cur);
  c->db = ((RollupVtab *)vt)->db;
  if ((idxNum & 3) != 3)
    return mu_vtab_error(&vt->zErrMsg, "rollup: needs a source table and a category column: "
                                       "rollup(source, category [, options])");
  int k = 0;
  for (int j = 0; j < 3; j++) {
    if (!(idxNum & (1 << j))) continue;
    sqlite3_value *v = argv[k++];
    if (sqlite3_value_type(v) == SQLITE_NULL) {
      if (j == 2) continue; /* options NULL = none */
      return mu_vtab_error(&vt->zErrMsg, "rollup: %s must be a %s name, got NULL", what[j],
                           j == 0 ? "table" : "column");
    }
    const unsigned char *t = sqlite3_value_text(v);
    if (t == 0) return SQLITE_NOMEM;
    cur->args[j] = ruDup(t);
    if (cur->args[j] == 0) return SQLITE_NOMEM;
  }
  c->source = cur->args[0];
  c->column = cur->args[1];
  int rc = ruParseOptions(&c->o, cur->args[2], &vt->zErrMsg);
  if (rc == SQLITE_OK) rc = ruCompute(c, &vt->zErrMsg);
  if (rc == SQLITE_OK) {
    cur->k = -1;
    cur->rowid = 1;
    rc = ruNextArea(cur);
  }
  if (rc != SQLITE_OK) rollupReset(cur);
  return rc;
}

static int rollupNext(sqlite3_vtab_cursor *pCur) {
  RollupCursor *cur = (RollupCursor *)pCur;
  cur->rowid++;
  if (++cur->i < cur->calc.nrow) return SQLITE_OK;
  return ruNextArea(cur);
}

static int rollupEof(sqlite3_vtab_cursor *pCur) {
  RollupCursor *cur = (RollupCursor *)pCur;
  return cur->k >= cur->calc.npre;
}

/* An area's fractionalization and entropy, computed when a row asks for
** them (a query that does not read them pays nothing), over all its cells
** in rank order, so the sums do not depend on how cells were made. */
static void ruDiversity(RollupCursor *cur, int a) {
  if (cur->divArea == a) return;
  const RuCalc *c = &cur->calc;
  const RuArea *A = &c->areas[a];
  double f = 0, h = 0;
  for (int i = 0; i < A->ncell; i++) {
    int x = ruOrd(c, A->off + i);
    double p = (double)c->cells[x].n / (double)A->total;
    f += p * p;
    h -= p * log(p);
  }
  cur->frac = 1.0 - f;
  cur->entropy = h == 0 ? 0.0 : h; /* no -0.0 */
  cur->divArea = a;
}

static int rollupColumn(sqlite3_vtab_cursor *pCur, sqlite3_context *ctx, int col) {
  RollupCursor *cur = (RollupCursor *)pCur;
  RuCalc *c = &cur->calc;
  RuRow plainRow;
  const RuRow *r = &plainRow;
  if (c->plain) {
    /* row 0 the total, row i the cell of rank i */
    plainRow.area = c->pre[cur->k];
    plainRow.cell = cur->i ? ruOrd(c, c->areas[plainRow.area].off + cur->i - 1) : -1;
    plainRow.n = c->areas[plainRow.area].total; /* read on the total row only */
    plainRow.hidden = 0;
  } else {
    r = &c->rows[cur->i];
  }
  const RuArea *A = &c->areas[r->area];
  const RuCell *x = r->cell >= 0 ? &c->cells[r->cell] : 0;
  int isTotal = r->cell == -1;
  sqlite3_int64 n = x ? x->n : r->n;
  /* diversity only where every cell of the area is shown */
  int diverse = isTotal && !A->withheld && c->nhidden == 0;
  switch (col) {
    case RU_AREA_ID: sqlite3_result_int64(ctx, A->id); break;
    case RU_LEVEL:
      if (A->level >= 0) sqlite3_result_text(ctx, c->text + A->level, ruTextLen(c, A->level), SQLITE_TRANSIENT);
      break;
    case RU_NAME:
      if (A->name >= 0) sqlite3_result_text(ctx, c->text + A->name, ruTextLen(c, A->name), SQLITE_TRANSIENT);
      break;
    case RU_PARENT_ID:
      if (A->has_parent) sqlite3_result_int64(ctx, A->parent_id);
      break;
    case RU_CATEGORY:
      if (x) sqlite3_result_text(ctx, c->cats[x->cat].z, c->cats[x->cat].n, SQLITE_TRANSIENT);
      else if (!isTotal) sqlite3_result_text(ctx, RU_OTHER, -1, SQLITE_STATIC);
      break;
    case RU_N:
      if (!r->hidden) sqlite3_result_int64(ctx, n);
      break;
    case RU_SHARE:
      if (!r->hidden) sqlite3_result_double(ctx, (double)n / (double)A->total);
      break;
    case RU_RANK:
      if (r->cell == -2) sqlite3_result_int64(ctx, c->o.top + 1);
      else if (x && !r->hidden) sqlite3_result_int(ctx, x->rank);
      break;
    case RU_TOTAL: sqlite3_result_int64(ctx, A->total); break;
    case RU_GROUPS:
      if (isTotal && !A->withheld) sqlite3_result_int(ctx, A->ncell);
      break;
    case RU_FRAC:
      if (diverse) {
        ruDiversity(cur, r->area);
        sqlite3_result_double(ctx, cur->frac);
      }
      break;
    case RU_ENTROPY:
      if (diverse) {
        ruDiversity(cur, r->area);
        sqlite3_result_double(ctx, cur->entropy);
      }
      break;
    case RU_SUPPRESSED: sqlite3_result_int(ctx, r->hidden); break;
    case RU_LABEL:
      if (!c->o.label) break;
      if (x && c->cats[x->cat].label)
        sqlite3_result_text(ctx, c->cats[x->cat].label, -1, SQLITE_TRANSIENT);
      else if (r->cell == -2)
        sqlite3_result_text(ctx, RU_OTHER, -1, SQLITE_STATIC);
      break;
    case RU_SOURCE:
    case RU_COLUMN:
    case RU_OPTIONS:
      if (cur->args[col - RU_SOURCE])
        sqlite3_result_text(ctx, cur->args[col - RU_SOURCE], -1, SQLITE_TRANSIENT);
      break;
  }
  return SQLITE_OK;
}

static int rollupRowid(sqlite3_vtab_cursor *pCur, sqlite_int64 *pRowid) {
  *pRowid = ((RollupCursor *)pCur)->rowid;
  return SQLITE_OK;
}

static sqlite3_module rollupModule = {
    0,                /* iVersion */
    0,                /* xCreate: eponymous only */
    rollupConnect,    /* xConnect */
    rollupBestIndex,  /* xBestIndex */
    rollupDisconnect, /* xDisconnect */
    0,                /* xDestroy */
    rollupOpen,       /* xOpen */
    rollupClose,      /* xClose */
    rollupFilter,     /* xFilter */
    rollupNext,       /* xNext */
    rollupEof,        /* xEof */
    rollupColumn,     /* xColumn */
    rollupRowid,      /* xRowid */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

int muling_register_rollup(sqlite3 *db) {
  int rc = sqlite3_create_module_v2(db, "rollup", &rollupModule, 0, 0);
  /* DIRECTONLY and not deterministic: it writes into rollup()'s state;
  ** only ruScan calls it, with a pointer no SQL can forge.  The second
  ** form is the same with weight=: rollup_tally(state, area_id, category,
  ** weight).  Each has its hook, freed with the registration. */
  for (int nArg = 3; rc == SQLITE_OK && nArg <= 4; nArg++) {
    RuTallyHook *h = sqlite3_malloc64(sizeof *h);
    if (h == 0) return SQLITE_NOMEM;
    memset(h, 0, sizeof *h);
    /* on failure SQLite calls sqlite3_free(h) itself */
    rc = sqlite3_create_function_v2(db, "rollup_tally", nArg, MU_DIRECT, h, 0,
                                    nArg == 3 ? rollupTallyStep3 : rollupTallyStep,
                                    rollupTallyFinal, sqlite3_free);
  }
  /* the same, reading the tree: rollup_tally(state, id, parent_id, level, name) */
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "rollup_tally", 5, MU_DIRECT, 0, 0, rollupTallyAreasStep,
                                    rollupTallyFinal, 0);
  return rc;
}
