/*
** diversity.c — how mixed a group is, as aggregates for any GROUP BY and
** as window functions.
**
**   SELECT area_id, fractionalization(ethnic_code), entropy(ethnic_code)
**     FROM residents GROUP BY area_id;
**   SELECT dissimilarity(han, other) FROM (
**     SELECT area_id, sum(ethnic_code = '01') AS han,
**            sum(ethnic_code <> '01') AS other
**       FROM residents GROUP BY area_id);
**
**   fractionalization(cat)  aggregate/window: 1 - sum(p_i^2), the chance
**                           that two people drawn at random differ
**   entropy(cat)            aggregate/window: -sum(p_i ln p_i)
**   dissimilarity(a, b)     aggregate/window: 1/2 sum |a_i/A - b_i/B| over
**                           the rows (child areas), a and b counts >= 0
**
**   Values of cat are told apart as GROUP BY tells them: integers and
**   integral reals alike, other reals, text and blobs apart; NULL is
**   skipped; an empty group is NULL.  dissimilarity is NULL unless both
**   A and B are positive, and a count that is not a number >= 0 is the
**   error `dissimilarity: a must be a count (a number >= 0), got '…'`.
**   rollup() reports fractionalization and entropy for its total rows
**   itself (rollup.c); docs/rollup.md documents both.
*/
#include "common.h"

#include <math.h>
#include <string.h>

/* A tally of distinct values.  Values are keyed as GROUP BY compares them:
** integers and integral reals alike, other reals, text, blobs apart. */
typedef struct DvTallySlot {
  unsigned char *key; /* owned; tag byte + payload */
  int nkey;
  unsigned h;
  sqlite3_int64 n;
} DvTallySlot;

typedef struct DvTally {
  DvTallySlot *slot;
  unsigned mask;
  int used;
  sqlite3_int64 total;
} DvTally;

static void dvTallyFree(DvTally *t) {
  if (t == 0) return;
  for (unsigned i = 0; t->slot && i <= t->mask; i++) sqlite3_free(t->slot[i].key);
  sqlite3_free(t->slot);
  sqlite3_free(t);
}

/* Fill buf (>= 9 bytes) or point *pz at the key of v; returns its length. */
static int dvValueKey(sqlite3_value *v, unsigned char *buf, const unsigned char **pz,
                      int *nomem) {
  int t = sqlite3_value_type(v);
  *nomem = 0;
  if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
    sqlite3_int64 i;
    double d = sqlite3_value_double(v);
    if (t == SQLITE_INTEGER) {
      i = sqlite3_value_int64(v);
    } else if (d >= -9.2e18 && d <= 9.2e18 && (double)(sqlite3_int64)d == d) {
      i = (sqlite3_int64)d;
      t = SQLITE_INTEGER;
    } else {
      buf[0] = 'r';
      memcpy(buf + 1, &d, 8);
      *pz = buf;
      return 9;
    }
    buf[0] = 'i';
    memcpy(buf + 1, &i, 8);
    *pz = buf;
    return 9;
  }
  const unsigned char *z = t == SQLITE_BLOB ? sqlite3_value_blob(v) : sqlite3_value_text(v);
  int n = sqlite3_value_bytes(v);
  if (z == 0 && n > 0) {
    *nomem = 1;
    return 0;
  }
  *pz = z;
  buf[0] = t == SQLITE_BLOB ? 'b' : 't';
  return n;
}

/* Add delta to the count of v.  SQLITE_NOMEM on failure. */
static int dvTallyAdd(DvTally *t, sqlite3_value *v, int delta) {
  unsigned char buf[16];
  const unsigned char *z = 0;
  int nomem;
  int n = dvValueKey(v, buf, &z, &nomem);
  if (nomem) return SQLITE_NOMEM;
  unsigned char tag = buf[0];
  int numeric = (z == buf);
  if (z == 0) z = (const unsigned char *)""; /* empty text or blob */
  /* key = tag + payload; for numbers buf already holds it */
  const unsigned char *pay = numeric ? buf + 1 : z;
  int npay = numeric ? n - 1 : n;
  unsigned h = mu_hash_bytes(pay, npay) ^ (unsigned)tag * 0x9E3779B1u;
  if (t->slot == 0 || (unsigned)(t->used + 1) * 2u > t->mask + 1) {
    unsigned cap = t->slot ? (t->mask + 1) * 2 : 16;
    DvTallySlot *ns = sqlite3_malloc64(sizeof(DvTallySlot) * cap);
    if (ns == 0) return SQLITE_NOMEM;
    memset(ns, 0, sizeof(DvTallySlot) * cap);
    for (unsigned i = 0; t->slot && i <= t->mask; i++) {
      if (!t->slot[i].key) continue;
      unsigned j = t->slot[i].h & (cap - 1);
      while (ns[j].key) j = (j + 1) & (cap - 1);
      ns[j] = t->slot[i];
    }
    sqlite3_free(t->slot);
    t->slot = ns;
    t->mask = cap - 1;
  }
  unsigned i = h & t->mask;
  while (t->slot[i].key) {
    DvTallySlot *s = &t->slot[i];
    if (s->h == h && s->nkey == npay + 1 && s->key[0] == tag &&
        memcmp(s->key + 1, pay, (size_t)npay) == 0) {
      s->n += delta;
      t->total += delta;
      return SQLITE_OK;
    }
    i = (i + 1) & t->mask;
  }
  if (delta < 0) return SQLITE_OK; /* never added: nothing to remove */
  unsigned char *k = sqlite3_malloc64((sqlite3_uint64)npay + 1);
  if (k == 0) return SQLITE_NOMEM;
  k[0] = tag;
  if (npay) memcpy(k + 1, pay, (size_t)npay);
  t->slot[i].key = k;
  t->slot[i].nkey = npay + 1;
  t->slot[i].h = h;
  t->slot[i].n = delta;
  t->used++;
  t->total += delta;
  return SQLITE_OK;
}

static void dvTallyStep(sqlite3_context *ctx, sqlite3_value *v, int delta) {
  if (sqlite3_value_type(v) == SQLITE_NULL) return;
  DvTally **pp = sqlite3_aggregate_context(ctx, sizeof(DvTally *));
  if (pp == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (*pp == 0) {
    *pp = sqlite3_malloc64(sizeof(DvTally));
    if (*pp == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    memset(*pp, 0, sizeof(DvTally));
  }
  if (dvTallyAdd(*pp, v, delta)) sqlite3_result_error_nomem(ctx);
}

static void dvTallyResult(sqlite3_context *ctx, int entropy) {
  DvTally **pp = sqlite3_aggregate_context(ctx, 0);
  DvTally *t = pp ? *pp : 0;
  if (t == 0 || t->total <= 0) return; /* empty group: NULL */
  double s = 0;
  for (unsigned i = 0; i <= t->mask; i++) {
    if (!t->slot[i].key || t->slot[i].n <= 0) continue;
    double p = (double)t->slot[i].n / (double)t->total;
    s += entropy ? -p * log(p) : p * p;
  }
  if (entropy) sqlite3_result_double(ctx, s == 0 ? 0.0 : s);
  else sqlite3_result_double(ctx, 1.0 - s);
}

static void fracStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  dvTallyStep(ctx, argv[0], 1);
}
static void fracInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  dvTallyStep(ctx, argv[0], -1);
}
static void fracValue(sqlite3_context *ctx) { dvTallyResult(ctx, 0); }
static void entropyValue(sqlite3_context *ctx) { dvTallyResult(ctx, 1); }
static void tallyFinalFree(sqlite3_context *ctx) {
  DvTally **pp = sqlite3_aggregate_context(ctx, 0);
  if (pp) {
    dvTallyFree(*pp);
    *pp = 0;
  }
}
static void fracFinal(sqlite3_context *ctx) {
  fracValue(ctx);
  tallyFinalFree(ctx);
}
static void entropyFinal(sqlite3_context *ctx) {
  entropyValue(ctx);
  tallyFinalFree(ctx);
}

/* dissimilarity: the rows of the frame in a FIFO, since D needs the final
** totals A and B before any |a_i/A - b_i/B| can be summed. */
typedef struct DvPairs {
  double *ab; /* a0 b0 a1 b1 ... */
  int head, n, cap;
  double A, B;
} DvPairs;

static int dvCount(sqlite3_context *ctx, sqlite3_value *v, const char *arg, double *out) {
  int t = sqlite3_value_numeric_type(v);
  if (t != SQLITE_INTEGER && t != SQLITE_FLOAT) {
    const unsigned char *z = sqlite3_value_text(v);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return 1;
    }
    mu_error(ctx, "dissimilarity: %s must be a count (a number >= 0), got '%s'", arg, z);
    return 1;
  }
  double d = sqlite3_value_double(v);
  if (!(d >= 0)) {
    const unsigned char *z = sqlite3_value_text(v);
    if (z == 0) sqlite3_result_error_nomem(ctx);
    else mu_error(ctx, "dissimilarity: %s must be a count (a number >= 0), got %s", arg, z);
    return 1;
  }
  *out = d;
  return 0;
}

static void dissimStep(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
    return;
  double a, b;
  if (dvCount(ctx, argv[0], "a", &a) || dvCount(ctx, argv[1], "b", &b)) return;
  DvPairs **pp = sqlite3_aggregate_context(ctx, sizeof(DvPairs *));
  if (pp == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  DvPairs *p = *pp;
  if (p == 0) {
    p = *pp = sqlite3_malloc64(sizeof(DvPairs));
    if (p == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    memset(p, 0, sizeof *p);
  }
  if (p->head + p->n == p->cap) {
    if (p->head > 0) {
      memmove(p->ab, p->ab + 2 * p->head, sizeof(double) * 2 * (size_t)p->n);
      p->head = 0;
    }
    if (p->n == p->cap) {
      int ncap = p->cap ? p->cap * 2 : 16;
      double *ab = sqlite3_realloc64(p->ab, sizeof(double) * 2 * (sqlite3_uint64)ncap);
      if (ab == 0) {
        sqlite3_result_error_nomem(ctx);
        return;
      }
      p->ab = ab;
      p->cap = ncap;
    }
  }
  int i = p->head + p->n++;
  p->ab[2 * i] = a;
  p->ab[2 * i + 1] = b;
  p->A += a;
  p->B += b;
}

/* Rows leave a window frame in the order they entered it. */
static void dissimInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
    return;
  DvPairs **pp = sqlite3_aggregate_context(ctx, 0);
  DvPairs *p = pp ? *pp : 0;
  if (p == 0 || p->n == 0) return;
  p->A -= p->ab[2 * p->head];
  p->B -= p->ab[2 * p->head + 1];
  p->head++;
  p->n--;
}

static void dissimValue(sqlite3_context *ctx) {
  DvPairs **pp = sqlite3_aggregate_context(ctx, 0);
  DvPairs *p = pp ? *pp : 0;
  if (p == 0 || p->n == 0) return;
  /* recompute the totals: subtracting in xInverse drifts with reals */
  double A = 0, B = 0, s = 0;
  for (int i = p->head; i < p->head + p->n; i++) {
    A += p->ab[2 * i];
    B += p->ab[2 * i + 1];
  }
  if (A <= 0 || B <= 0) return; /* undefined without both groups */
  for (int i = p->head; i < p->head + p->n; i++) s += fabs(p->ab[2 * i] / A - p->ab[2 * i + 1] / B);
  sqlite3_result_double(ctx, 0.5 * s);
}

static void dissimFinal(sqlite3_context *ctx) {
  dissimValue(ctx);
  DvPairs **pp = sqlite3_aggregate_context(ctx, 0);
  if (pp && *pp) {
    sqlite3_free((*pp)->ab);
    sqlite3_free(*pp);
    *pp = 0;
  }
}

int muling_register_diversity(sqlite3 *db) {
  /* The aggregates are pure: their answer depends only on the rows. */
  int rc = sqlite3_create_window_function(db, "fractionalization", 1, MU_PURE, 0, fracStep,
                                          fracFinal, fracValue, fracInverse, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_window_function(db, "entropy", 1, MU_PURE, 0, fracStep, entropyFinal,
                                        entropyValue, fracInverse, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_window_function(db, "dissimilarity", 2, MU_PURE, 0, dissimStep,
                                        dissimFinal, dissimValue, dissimInverse, 0);
  return rc;
}
