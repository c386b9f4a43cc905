/*
** regexp.c — PCRE2 regular expressions for SQL.
**
**   SELECT name FROM residents WHERE name REGEXP '^买买提·';
**   SELECT regexp_like(name, '^[\x{4e00}-\x{9fa5}]{2,4}$');      -- 1 / 0
**   SELECT regexp_substr('电话 180-1234-5678', '(\d{3})-(\d{4})', 2);  -- '1234'
**   SELECT regexp_substr(addr, '(?<road>\p{Han}+路)', 'road');
**   SELECT regexp_replace('2023/10/23', '(\d+)/(\d+)/(\d+)', '$1-$2-$3');
**   SELECT regexp_replace(x, '(?<y>\d{4})年', '${y}-');
**   SELECT regexp_count('a1b22c333', '\d+');                     -- 3
**   SELECT match_index, start, text, groups
**     FROM regexp_matches('王五 13800138000，李四 13900139000',
**                         '(\p{Han}+) (1\d{10})');
**
**   x REGEXP p             the operator: SQLite calls regexp(p, x)
**   regexp_like(x, p)      1 if p matches anywhere in x, else 0
**   regexp_substr(x, p [, group])
**                          the first match (group 0), or one capture group
**                          of it given by number or by name; NULL when
**                          nothing matched or the group took no part
**   regexp_replace(x, p, repl)
**                          every match replaced; repl may use $1, ${1},
**                          ${name} and $$ for a dollar sign
**   regexp_count(x, p)     the number of non-overlapping matches
**   regexp_matches(x, p)   table-valued: one row per match with columns
**                          match_index (1, 2, …), start (character offset of
**                          the match in x, 1-based), text, groups (a JSON
**                          array of capture groups 1..n, null for a group
**                          that took no part); hidden columns subject, pattern
**
** Patterns are PCRE2 with PCRE2_UTF | PCRE2_UCP, always: \d, \w, \b and
** [[:alpha:]] follow Unicode, so \w matches 汉字.  Every subject is checked
** for valid UTF-8 (PCRE2_NO_UTF_CHECK is never used): a bad byte is an
** error, not "no match".  pcre2_match checks it itself; before
** pcre2_jit_match (PCRE2's fast path, which checks nothing) and before the
** substring search that answers a pattern without metacharacters, this
** module checks it with PCRE2's rules and error offset.
**
** A NULL argument gives NULL (no rows for regexp_matches).  Numbers are
** matched as their text; blobs as their bytes, which must be valid UTF-8.
**
** Errors, never a wrong answer (FUNC is the function's name):
**   FUNC: bad pattern at offset N: <PCRE2's message>
**   FUNC: subject is not valid UTF-8 at byte N          (0-based offset)
**   FUNC: match limit exceeded   / depth limit exceeded / heap limit exceeded
**   regexp_replace: bad replacement at offset N: <PCRE2's message>
**   regexp_replace: replacement is not valid UTF-8 at byte N
**   regexp_substr: group must be a number or a name
**   regexp_substr: group N does not exist (the pattern has M groups)
**   regexp_substr: no group named 'NAME' in the pattern
**   regexp_matches: give a subject and a pattern: SELECT * FROM regexp_matches(x, p)
**
** Bounded, hence INNOCUOUS: every match runs under a match limit, a depth
** limit and a heap limit, so a pattern that backtracks catastrophically
** errors out quickly instead of hanging the connection.  Patterns are JIT
** compiled when PCRE2 has a JIT for this machine, else interpreted; a JIT
** match that runs out of JIT stack is retried by the interpreter.
**
** Caching.  A compiled pattern (with its match data, reused by every call)
** is kept with sqlite3_set_auxdata while the pattern argument is a constant,
** and in a small per-connection LRU keyed by the pattern text, so a pattern
** read from a column is compiled once per distinct text, not once per row.
**
** Memory.  PCRE2's compile, match data and match context memory comes from a
** general context whose allocator is sqlite3_malloc64/sqlite3_free.  JIT
** executable memory and the JIT stack come from PCRE2's own mmap allocator,
** which it does not let us replace.
**
** Registration.  The sqlite3 shell has its own `regexp`.  `.load` replaces it
** with this one; from inside `SELECT load_extension(...)` SQLite refuses to
** replace a function while a statement runs (SQLITE_BUSY), so that one
** registration is allowed to fail: REGEXP stays the shell's and every
** regexp_* function is still there.
*/
#include "common.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#define RE_CACHE_SIZE 16            /* compiled patterns kept per connection */
#define RE_MATCH_LIMIT 10000000     /* PCRE2's default; ~0.1 s of backtracking */
#define RE_DEPTH_LIMIT 1000000      /* nested backtracking frames */
#define RE_HEAP_LIMIT (64 * 1024)   /* KiB of backtracking frames */
#define RE_JIT_STACK_MAX (1024 * 1024)

/* Set by the PCRE2 allocator when sqlite3_malloc64 fails, so that
** PCRE2_ERROR_NOMEMORY can be told apart from "output buffer too small" and
** from a JIT compiler that cannot map executable memory. */
static __thread int reAllocFailed;

static void *reMalloc(PCRE2_SIZE n, void *data) {
  (void)data;
  void *p = sqlite3_malloc64(n);
  if (p == 0) reAllocFailed = 1;
  return p;
}
static void reFree(void *p, void *data) {
  (void)data;
  sqlite3_free(p);
}

/* One compiled pattern.  Shared by the LRU, auxdata slots and cursors:
** freed when its last reference goes. */
typedef struct ReCode {
  int nRef;
  char *zPat;               /* the pattern text (key of the LRU) */
  int nPat;
  pcre2_code *code;
  pcre2_match_data *md;     /* for scalar calls: each finishes with it */
  uint32_t nGroup;          /* capture groups in the pattern */
  int jit;                  /* 1 when JIT compiled */
  int literal;              /* 1 when the pattern is plain text */
  unsigned nUse;            /* calls that used it (wraps; only compared) */
  unsigned nUseAtAux;       /* nUse when last kept as auxdata */
  int auxDropped;           /* that auxdata went at once: not a constant */
} ReCode;

static void reCodeRelease(void *p) {
  ReCode *c = (ReCode *)p;
  if (c == 0 || --c->nRef > 0) return;
  pcre2_match_data_free(c->md);
  pcre2_code_free(c->code);
  sqlite3_free(c->zPat);
  sqlite3_free(c);
}

/* Per-connection state: contexts and the LRU of compiled patterns.  User
** data of every function and of the module; each registration holds a
** reference, dropped by the destructor SQLite calls (also when the
** registration fails). */
typedef struct ReCache {
  int nRef;
  pcre2_general_context *gctx;
  pcre2_compile_context *cctx;
  pcre2_match_context *mctx;
  pcre2_jit_stack *jstack;
  int nEntry;
  ReCode *aEntry[RE_CACHE_SIZE]; /* most recently used first */
} ReCache;

static void reCacheRelease(void *p) {
  ReCache *c = (ReCache *)p;
  if (c == 0 || --c->nRef > 0) return;
  for (int i = 0; i < c->nEntry; i++) reCodeRelease(c->aEntry[i]);
  pcre2_jit_stack_free(c->jstack);
  pcre2_match_context_free(c->mctx);
  pcre2_compile_context_free(c->cctx);
  pcre2_general_context_free(c->gctx);
  sqlite3_free(c);
}

static ReCache *reCacheNew(void) {
  ReCache *c = sqlite3_malloc64(sizeof(*c));
  if (c == 0) return 0;
  memset(c, 0, sizeof(*c));
  c->nRef = 1;
  c->gctx = pcre2_general_context_create(reMalloc, reFree, 0);
  if (c->gctx) c->cctx = pcre2_compile_context_create(c->gctx);
  if (c->cctx) c->mctx = pcre2_match_context_create(c->gctx);
  if (c->mctx == 0) {
    reCacheRelease(c);
    return 0;
  }
  pcre2_set_match_limit(c->mctx, RE_MATCH_LIMIT);
  pcre2_set_depth_limit(c->mctx, RE_DEPTH_LIMIT);
  pcre2_set_heap_limit(c->mctx, RE_HEAP_LIMIT);
  uint32_t jit = 0;
  if (pcre2_config(PCRE2_CONFIG_JIT, &jit) >= 0 && jit) {
    /* Without a stack of its own the JIT gets 32 KiB of machine stack.
    ** No stack because mmap was refused: no JIT, the interpreter answers;
    ** because our allocator failed: out of memory. */
    reAllocFailed = 0;
    c->jstack = pcre2_jit_stack_create(32 * 1024, RE_JIT_STACK_MAX, c->gctx);
    if (c->jstack) {
      pcre2_jit_stack_assign(c->mctx, 0, c->jstack);
    } else if (reAllocFailed) {
      reCacheRelease(c);
      return 0;
    }
  }
  return c;
}

/* The compiled form of z[0..n), from the LRU or compiled now.  Returns it
** with a reference for the caller; NULL with *pErr = SQLITE_NOMEM, or
** *pErr = a PCRE2 compile error code (all above 100) and *pOff its offset. */
static ReCode *reCacheGet(ReCache *c, const char *z, int n, int *pErr,
                          PCRE2_SIZE *pOff) {
  for (int i = 0; i < c->nEntry; i++) {
    ReCode *p = c->aEntry[i];
    if (p->nPat == n && memcmp(p->zPat, z, n) == 0) {
      memmove(&c->aEntry[1], &c->aEntry[0], i * sizeof(ReCode *));
      c->aEntry[0] = p;
      p->nRef++;
      return p;
    }
  }
  ReCode *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) goto nomem;
  memset(p, 0, sizeof(*p));
  p->nRef = 1;
  p->nPat = n;
  p->zPat = sqlite3_malloc64(n + 1);
  if (p->zPat == 0) goto nomem;
  memcpy(p->zPat, z, n);
  p->zPat[n] = 0;
  int err = 0;
  reAllocFailed = 0;
  p->code = pcre2_compile((PCRE2_SPTR)z, (PCRE2_SIZE)n, PCRE2_UTF | PCRE2_UCP,
                          &err, pOff, c->cctx);
  if (p->code == 0) {
    if (reAllocFailed || err == PCRE2_ERROR_HEAP_FAILED) goto nomem;
    reCodeRelease(p);
    *pErr = err;
    return 0;
  }
  /* JIT when we can; a JIT that cannot work here (no JIT for this CPU,
  ** executable memory refused) leaves the interpreter, which gives the same
  ** answers.  Only our own allocator failing is out of memory. */
  if (c->jstack) {
    reAllocFailed = 0;
    int rc = pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
    size_t jitSize = 0;
    if (rc == 0 && pcre2_pattern_info(p->code, PCRE2_INFO_JITSIZE, &jitSize) == 0
        && jitSize > 0)
      p->jit = 1; /* (*NO_JIT) in the pattern compiles "fine" to nothing */
    else if (rc != 0 && reAllocFailed)
      goto nomem;
  }
  /* A pattern without metacharacters matches exactly its own bytes (no
  ** option here changes that: no caseless, no extended), so a yes/no
  ** answer is a substring search, as every regex engine's literal fast path
  ** does.  It compiled, so it is valid UTF-8. */
  p->literal = n > 0;
  for (int i = 0; i < n && p->literal; i++)
    p->literal = z[i] != 0 && strchr("\\^$.[]|()?*+{}", z[i]) == 0;
  if (pcre2_pattern_info(p->code, PCRE2_INFO_CAPTURECOUNT, &p->nGroup) != 0)
    p->nGroup = 0;
  p->md = pcre2_match_data_create_from_pattern(p->code, c->gctx);
  if (p->md == 0) goto nomem;
  if (c->nEntry == RE_CACHE_SIZE) reCodeRelease(c->aEntry[--c->nEntry]);
  memmove(&c->aEntry[1], &c->aEntry[0], c->nEntry * sizeof(ReCode *));
  c->aEntry[0] = p;
  c->nEntry++;
  p->nRef++; /* the LRU's */
  return p;
nomem:
  reCodeRelease(p);
  *pErr = SQLITE_NOMEM;
  return 0;
}

/* Text of a compile error: "bad pattern at offset N: message". */
static char *reCompileMessage(const char *zFunc, int err, PCRE2_SIZE off) {
  PCRE2_UCHAR msg[256];
  if (pcre2_get_error_message(err, msg, sizeof(msg)) < 0)
    strcpy((char *)msg, "unknown error");
  return sqlite3_mprintf("%s: bad pattern at offset %lld: %s", zFunc,
                         (long long)off, msg);
}

/* Destructor of a pattern kept as auxdata.  SQLite keeps auxdata only for
** a constant argument; for any other it drops it as soon as the call
** returns, before the pattern is used again.  Then offering it again each
** row would cost an allocation per row for nothing: note it. */
static void reAuxRelease(void *pv) {
  ReCode *p = (ReCode *)pv;
  if (p->nUse == p->nUseAtAux) p->auxDropped = 1;
  reCodeRelease(p);
}

/* The compiled pattern of argument iArg for a scalar call: from auxdata, or
** the LRU (and then kept as auxdata, unless that was seen not to last).
** *pOwn says whether the caller holds a reference to release.  NULL when
** the error is already reported. */
static ReCode *reCodeArg(sqlite3_context *ctx, int iArg, sqlite3_value *v,
                         const char *zFunc, int *pOwn) {
  ReCode *p = sqlite3_get_auxdata(ctx, iArg);
  *pOwn = 0;
  if (p) {
    p->nUse++;
    return p;
  }
  const char *z = (const char *)sqlite3_value_text(v);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  int err = 0;
  PCRE2_SIZE off = 0;
  p = reCacheGet(sqlite3_user_data(ctx), z, sqlite3_value_bytes(v), &err, &off);
  if (p == 0) {
    if (err == SQLITE_NOMEM) {
      sqlite3_result_error_nomem(ctx);
    } else {
      char *m = reCompileMessage(zFunc, err, off);
      if (m == 0) {
        sqlite3_result_error_nomem(ctx);
      } else {
        sqlite3_result_error(ctx, m, -1);
        sqlite3_free(m);
      }
    }
    return 0;
  }
  *pOwn = 1;
  p->nUse++;
  if (!p->auxDropped) {
    p->nRef++; /* auxdata's: released at once if it cannot be kept */
    p->nUseAtAux = p->nUse;
    sqlite3_set_auxdata(ctx, iArg, p, reAuxRelease);
  }
  return p;
}

/* Scan z[0..n) as UTF-8 (RFC 3629: no overlong forms, no surrogates,
** nothing above U+10FFFF), the rules PCRE2's own check applies.  Returns
** the offset of the first byte of the first bad sequence, or -1.  When lit
** is given (valid UTF-8, nlit > 0), *pFound says whether it occurs in z:
** the literal-pattern fast path searches while it validates, in one pass,
** trying only character starts (a valid literal can start nowhere else). */
static inline __attribute__((always_inline)) sqlite3_int64
reUtf8Scan(const unsigned char *z, size_t n, const unsigned char *lit,
           size_t nlit, int *pFound) {
  size_t i = 0;
  int found = 0;
  while (i < n) {
    unsigned c = z[i];
    if (lit && c == lit[0] && !found && n - i >= nlit &&
        z[i + nlit - 1] == lit[nlit - 1] && memcmp(z + i, lit, nlit) == 0)
      found = 1;
    if (c < 0x80) {
      i++;
      continue;
    }
    /* the common case first: three bytes, most of the BMP, all of CJK */
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && n - i > 2 &&
        (z[i + 1] & 0xC0) == 0x80 && (z[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    /* the second byte's range depends on the first (Unicode table 3-7) */
    unsigned lo = 0x80, hi = 0xBF;
    size_t k;
    if (c >= 0xC2 && c <= 0xDF) k = 1;
    else if (c == 0xE0) k = 2, lo = 0xA0;
    else if (c == 0xED) k = 2, hi = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF) k = 2;
    else if (c == 0xF0) k = 3, lo = 0x90;
    else if (c == 0xF4) k = 3, hi = 0x8F;
    else if (c >= 0xF1 && c <= 0xF3) k = 3;
    else return (sqlite3_int64)i;
    if (n - i <= k || z[i + 1] < lo || z[i + 1] > hi)
      return (sqlite3_int64)i;
    for (size_t j = 2; j <= k; j++)
      if ((z[i + j] & 0xC0) != 0x80) return (sqlite3_int64)i;
    i += k + 1;
  }
  if (pFound) *pFound = found;
  return -1;
}

static sqlite3_int64 reUtf8Invalid(const unsigned char *z, size_t n) {
  return reUtf8Scan(z, n, 0, 0, 0);
}

/* The literal fast path: 1 found, 0 not, -1 - offset for bad UTF-8. */
static sqlite3_int64 reUtf8Find(const unsigned char *z, size_t n,
                                const unsigned char *lit, size_t nlit) {
  int found = 0;
  sqlite3_int64 bad = reUtf8Scan(z, n, lit, nlit, &found);
  return bad >= 0 ? -1 - bad : found;
}

/* A subject being matched.  `valid` is set once it is known to be UTF-8,
** so walking every match of it checks it once, not once per match; `bad`
** is the offset of the first bad byte after a UTF-8 error. */
typedef struct ReSubject {
  const char *z;
  size_t n;
  int valid;
  size_t bad;
} ReSubject;

#define RE_ERROR_UTF PCRE2_ERROR_UTF8_ERR1

/* Text of a failed match (rc < 0, not NOMATCH); NULL when out of memory,
** which the caller reports as SQLITE_NOMEM. */
static char *reMatchMessage(const char *zFunc, int rc, const ReSubject *s) {
  if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
    return sqlite3_mprintf("%s: subject is not valid UTF-8 at byte %lld",
                           zFunc, (long long)s->bad);
  switch (rc) {
    case PCRE2_ERROR_NOMEMORY:
      return 0;
    case PCRE2_ERROR_MATCHLIMIT:
      return sqlite3_mprintf("%s: match limit exceeded", zFunc);
    case PCRE2_ERROR_DEPTHLIMIT:
      return sqlite3_mprintf("%s: depth limit exceeded", zFunc);
    case PCRE2_ERROR_HEAPLIMIT:
      return sqlite3_mprintf("%s: heap limit exceeded", zFunc);
    case PCRE2_ERROR_JIT_STACKLIMIT:
      return sqlite3_mprintf("%s: JIT stack limit exceeded", zFunc);
  }
  PCRE2_UCHAR msg[256];
  if (pcre2_get_error_message(rc, msg, sizeof(msg)) < 0)
    strcpy((char *)msg, "unknown error");
  return sqlite3_mprintf("%s: match failed: %s", zFunc, msg);
}

static void reResultMatchError(sqlite3_context *ctx, const char *zFunc, int rc,
                               const ReSubject *s) {
  char *m = reMatchMessage(zFunc, rc, s);
  if (m == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_error(ctx, m, -1);
  sqlite3_free(m);
}

/* One match of p in the subject from byte off.  Returns > 0 on a match, 0
** for no match, < 0 for a PCRE2 error.
**
** The subject's UTF-8 is always checked.  An interpreted pattern goes
** through pcre2_match, which checks it.  A JIT-compiled one goes through
** pcre2_jit_match, PCRE2's fast path, which checks nothing: the subject is
** validated here first (once per subject), with the same rules and the same
** error offset as PCRE2's own check.  A JIT match that runs out of JIT
** stack is retried by the interpreter, whose own limits then decide. */
static int reExec(ReCache *c, ReCode *p, pcre2_match_data *md, ReSubject *s,
                  size_t off, uint32_t opts) {
  int rc;
  if (p->jit) {
    if (!s->valid) {
      sqlite3_int64 bad = reUtf8Invalid((const unsigned char *)s->z, s->n);
      if (bad >= 0) {
        s->bad = (size_t)bad;
        return RE_ERROR_UTF;
      }
      s->valid = 1;
    }
    rc = pcre2_jit_match(p->code, (PCRE2_SPTR)s->z, s->n, off, opts, md,
                         c->mctx);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
      rc = pcre2_match(p->code, (PCRE2_SPTR)s->z, s->n, off,
                       opts | PCRE2_NO_JIT, md, c->mctx);
  } else {
    rc = pcre2_match(p->code, (PCRE2_SPTR)s->z, s->n, off, opts, md, c->mctx);
  }
  if (rc == PCRE2_ERROR_NOMATCH) return 0;
  if (rc == 0) return 1; /* ovector too small: cannot happen, still a match */
  if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
    s->bad = pcre2_get_startchar(md);
  return rc;
}

/* The next match at or after *pOff, for functions that walk every match.
** After an empty match, a match at the same place must not be empty (as
** Perl's //g does): PCRE2_NOTEMPTY_ATSTART, which the JIT supports. */
static int reNext(ReCache *c, ReCode *p, pcre2_match_data *md, ReSubject *s,
                  size_t *pOff, int *pEmpty) {
  if (*pOff > s->n) return 0;
  int rc = reExec(c, p, md, s, *pOff, *pEmpty ? PCRE2_NOTEMPTY_ATSTART : 0);
  if (rc <= 0) return rc;
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
  if (ov[1] < ov[0]) ov[1] = ov[0]; /* \K in a lookahead; keep it sane */
  *pEmpty = ov[0] == ov[1];
  *pOff = ov[1];
  return 1;
}

/* The subject argument as text (numbers as their text, blobs as their
** bytes).  0 on out of memory, reported. */
static int reSubjectArg(sqlite3_context *ctx, sqlite3_value *v, ReSubject *s) {
  memset(s, 0, sizeof(*s));
  s->z = (const char *)sqlite3_value_text(v);
  if (s->z == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  s->n = (size_t)sqlite3_value_bytes(v);
  return 1;
}

/* regexp(p, x) for `x REGEXP p`, and regexp_like(x, p). */
static void reLike(sqlite3_context *ctx, sqlite3_value *vx, sqlite3_value *vp,
                   int iPat, const char *zFunc) {
  if (sqlite3_value_type(vx) == SQLITE_NULL ||
      sqlite3_value_type(vp) == SQLITE_NULL)
    return;
  int own;
  ReCode *p = reCodeArg(ctx, iPat, vp, zFunc, &own);
  if (p == 0) return;
  ReSubject s;
  if (reSubjectArg(ctx, vx, &s) && p->literal) {
    sqlite3_int64 r = reUtf8Find((const unsigned char *)s.z, s.n,
                                 (const unsigned char *)p->zPat,
                                 (size_t)p->nPat);
    if (r < 0) {
      s.bad = (size_t)(-1 - r);
      reResultMatchError(ctx, zFunc, RE_ERROR_UTF, &s);
    } else {
      sqlite3_result_int(ctx, (int)r);
    }
  } else if (s.z) {
    int rc = reExec(sqlite3_user_data(ctx), p, p->md, &s, 0, 0);
    if (rc < 0) reResultMatchError(ctx, zFunc, rc, &s);
    else sqlite3_result_int(ctx, rc > 0);
  }
  if (own) reCodeRelease(p);
}

static void regexpFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  reLike(ctx, argv[1], argv[0], 0, "regexp");
}

static void regexpLikeFunc(sqlite3_context *ctx, int argc,
                           sqlite3_value **argv) {
  reLike(ctx, argv[0], argv[1], 1, "regexp_like");
}

/* The group number asked for by regexp_substr's third argument: >= 0, or
** -1 when the answer is NULL, -2 when an error was reported. */
static int reGroupArg(sqlite3_context *ctx, ReCode *p, sqlite3_value *v) {
  const char *zFunc = "regexp_substr";
  sqlite3_int64 g;
  switch (sqlite3_value_type(v)) {
    case SQLITE_NULL:
      return -1;
    case SQLITE_INTEGER:
      g = sqlite3_value_int64(v);
      break;
    case SQLITE_TEXT: {
      const char *z = (const char *)sqlite3_value_text(v);
      if (z == 0) {
        sqlite3_result_error_nomem(ctx);
        return -2;
      }
      int nz = sqlite3_value_bytes(v);
      int digits = nz > 0 && nz < 10;
      for (int i = 0; i < nz && digits; i++)
        digits = z[i] >= '0' && z[i] <= '9';
      if (digits) {
        g = sqlite3_value_int64(v);
        break;
      }
      int rc = pcre2_substring_number_from_name(p->code, (PCRE2_SPTR)z);
      if (rc < 0) {
        mu_error(ctx, "%s: no group named '%s' in the pattern", zFunc, z);
        return -2;
      }
      return rc;
    }
    default:
      mu_error(ctx, "%s: group must be a number or a name", zFunc);
      return -2;
  }
  if (g < 0 || g > (sqlite3_int64)p->nGroup) {
    mu_error(ctx, "%s: group %lld does not exist (the pattern has %d group%s)",
             zFunc, g, (int)p->nGroup, p->nGroup == 1 ? "" : "s");
    return -2;
  }
  return (int)g;
}

/* regexp_substr(x, p [, group]) */
static void regexpSubstrFunc(sqlite3_context *ctx, int argc,
                             sqlite3_value **argv) {
  for (int i = 0; i < argc; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return;
  int own;
  ReCode *p = reCodeArg(ctx, 1, argv[1], "regexp_substr", &own);
  if (p == 0) return;
  int g = argc > 2 ? reGroupArg(ctx, p, argv[2]) : 0;
  ReSubject s;
  if (g >= 0 && reSubjectArg(ctx, argv[0], &s)) {
    int rc = reExec(sqlite3_user_data(ctx), p, p->md, &s, 0, 0);
    if (rc < 0) {
      reResultMatchError(ctx, "regexp_substr", rc, &s);
    } else if (rc > 0) {
      PCRE2_SIZE *ov = pcre2_get_ovector_pointer(p->md);
      if (ov[2 * g] != PCRE2_UNSET && ov[2 * g + 1] >= ov[2 * g])
        sqlite3_result_text64(ctx, s.z + ov[2 * g], ov[2 * g + 1] - ov[2 * g],
                              SQLITE_TRANSIENT, SQLITE_UTF8);
    }
  }
  if (own) reCodeRelease(p);
}

/* regexp_count(x, p) */
static void regexpCountFunc(sqlite3_context *ctx, int argc,
                            sqlite3_value **argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
      sqlite3_value_type(argv[1]) == SQLITE_NULL)
    return;
  int own;
  ReCode *p = reCodeArg(ctx, 1, argv[1], "regexp_count", &own);
  if (p == 0) return;
  ReSubject s;
  if (reSubjectArg(ctx, argv[0], &s)) {
    size_t off = 0;
    int empty = 0, rc;
    sqlite3_int64 count = 0;
    while ((rc = reNext(sqlite3_user_data(ctx), p, p->md, &s, &off, &empty)) > 0)
      count++;
    if (rc < 0) reResultMatchError(ctx, "regexp_count", rc, &s);
    else sqlite3_result_int64(ctx, count);
  }
  if (own) reCodeRelease(p);
}

/* regexp_replace(x, p, repl): every match replaced.  The output can be of
** any size: a first try in a buffer sized for the common case, and when
** PCRE2 says (PCRE2_SUBSTITUTE_OVERFLOW_LENGTH) that more is needed, a
** second with exactly that size.  Never the input returned for a failure. */
static void regexpReplaceFunc(sqlite3_context *ctx, int argc,
                              sqlite3_value **argv) {
  const char *zFunc = "regexp_replace";
  for (int i = 0; i < argc; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return;
  int own;
  ReCode *p = reCodeArg(ctx, 1, argv[1], zFunc, &own);
  if (p == 0) return;
  ReCache *c = sqlite3_user_data(ctx);
  char *out = 0;
  ReSubject s, r;
  if (!reSubjectArg(ctx, argv[0], &s) || !reSubjectArg(ctx, argv[2], &r))
    goto done;
  const char *z = s.z, *zr = r.z;
  size_t n = s.n, nr = r.n;
  /* PCRE2 reports a bad replacement and a bad subject with the same codes:
  ** check the replacement first so the message can say which. */
  sqlite3_int64 bad = reUtf8Invalid((const unsigned char *)zr, nr);
  if (bad >= 0) {
    mu_error(ctx, "%s: replacement is not valid UTF-8 at byte %lld", zFunc, bad);
    goto done;
  }
  uint32_t opts = PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH |
                  PCRE2_SUBSTITUTE_UNSET_EMPTY;
  sqlite3_int64 mx = sqlite3_limit(sqlite3_context_db_handle(ctx),
                                   SQLITE_LIMIT_LENGTH, -1);
  PCRE2_SIZE cap = n + n / 4 + 64;
  for (int pass = 0; pass < 2; pass++) {
    out = sqlite3_malloc64(cap);
    if (out == 0) {
      sqlite3_result_error_nomem(ctx);
      goto done;
    }
    PCRE2_SIZE len = cap;
    reAllocFailed = 0;
    int rc = pcre2_substitute(p->code, (PCRE2_SPTR)z, n, 0, opts, p->md,
                              c->mctx, (PCRE2_SPTR)zr, nr, (PCRE2_UCHAR *)out,
                              &len);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT) {
      len = cap;
      rc = pcre2_substitute(p->code, (PCRE2_SPTR)z, n, 0, opts | PCRE2_NO_JIT,
                            p->md, c->mctx, (PCRE2_SPTR)zr, nr,
                            (PCRE2_UCHAR *)out, &len);
    }
    if (rc >= 0) {
      if ((sqlite3_int64)len > mx) {
        sqlite3_result_error_toobig(ctx);
        goto done;
      }
      sqlite3_result_text64(ctx, out, len, sqlite3_free, SQLITE_UTF8);
      out = 0;
      goto done;
    }
    if (rc == PCRE2_ERROR_NOMEMORY && !reAllocFailed && len > cap && pass == 0) {
      /* len is the size needed, terminating zero included */
      if ((sqlite3_int64)len - 1 > mx) {
        sqlite3_result_error_toobig(ctx);
        goto done;
      }
      sqlite3_free(out);
      out = 0;
      cap = len;
      continue;
    }
    switch (rc) {
      case PCRE2_ERROR_BADREPLACEMENT:
      case PCRE2_ERROR_BADREPESCAPE:
      case PCRE2_ERROR_REPMISSINGBRACE:
      case PCRE2_ERROR_BADSUBSTITUTION:
      case PCRE2_ERROR_BADSUBSPATTERN:
      case PCRE2_ERROR_NOSUBSTRING:
      case PCRE2_ERROR_UNSET: {
        PCRE2_UCHAR msg[256];
        if (pcre2_get_error_message(rc, msg, sizeof(msg)) < 0)
          strcpy((char *)msg, "unknown error");
        mu_error(ctx, "%s: bad replacement at offset %lld: %s", zFunc,
                 (long long)len, msg);
        break;
      }
      default:
        s.bad = pcre2_get_startchar(p->md);
        reResultMatchError(ctx, zFunc, rc, &s);
    }
    goto done;
  }
  /* the second pass had exactly the size PCRE2 asked for */
  mu_error(ctx, "%s: output size changed between passes", zFunc);
done:
  sqlite3_free(out);
  if (own) reCodeRelease(p);
}

/* ---- regexp_matches: one row per match --------------------------------- */

enum {
  RE_COL_INDEX,
  RE_COL_START,
  RE_COL_TEXT,
  RE_COL_GROUPS,
  RE_COL_SUBJECT, /* hidden: the first argument */
  RE_COL_PATTERN  /* hidden: the second argument */
};

typedef struct ReTab {
  sqlite3_vtab base; /* Base class. Must be first */
  ReCache *cache;
} ReTab;

typedef struct ReCursor {
  sqlite3_vtab_cursor base; /* Base class. Must be first */
  ReCode *p;                /* the pattern, a reference held */
  pcre2_match_data *md;     /* this cursor's own: it lives across xNext */
  char *z;                  /* copy of the subject */
  size_t n;
  ReSubject subj;           /* z and n, checked for UTF-8 once */
  size_t off;               /* where the next match is looked for */
  int empty;                /* the last match was empty */
  int eof;
  sqlite3_int64 iMatch;     /* 1-based index of the current match */
  sqlite3_int64 iChar;      /* characters before byte iCharByte */
  size_t iCharByte;
} ReCursor;

static int regexpmatchesConnect(sqlite3 *db, void *pAux, int argc,
                                const char *const *argv, sqlite3_vtab **ppVtab,
                                char **pzErr) {
  int rc = sqlite3_declare_vtab(
      db, "CREATE TABLE x(match_index INTEGER, start INTEGER, text TEXT,"
          " groups TEXT, subject HIDDEN, pattern HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  ReTab *t = sqlite3_malloc64(sizeof(*t));
  if (t == 0) return SQLITE_NOMEM;
  memset(t, 0, sizeof(*t));
  t->cache = pAux;
  /* It only computes on its arguments, bounded by the match limits: safe
  ** for views and triggers of an untrusted schema. */
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  *ppVtab = &t->base;
  return SQLITE_OK;
}

static int regexpmatchesDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/* Both hidden arguments must be given with `=` (idxNum 3: argv[0] the
** subject, argv[1] the pattern).  A plan where one is only available
** later (an unusable constraint) is refused with SQLITE_CONSTRAINT so SQLite
** looks for another; with neither, xFilter says how to call the table. */
static int regexpmatchesBestIndex(sqlite3_vtab *pVtab,
                                  sqlite3_index_info *info) {
  int iArg[2] = {-1, -1};
  int unusable = 0;
  for (int i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *k = &info->aConstraint[i];
    if (k->iColumn < RE_COL_SUBJECT || k->op != SQLITE_INDEX_CONSTRAINT_EQ)
      continue;
    int j = k->iColumn - RE_COL_SUBJECT;
    if (!k->usable) unusable |= 1 << j;
    else if (iArg[j] < 0) iArg[j] = i;
  }
  if ((unusable & 1 && iArg[0] < 0) || (unusable & 2 && iArg[1] < 0))
    return SQLITE_CONSTRAINT;
  if (iArg[0] < 0 || iArg[1] < 0) {
    info->idxNum = 0;
    info->estimatedCost = 1e300;
    return SQLITE_OK;
  }
  info->aConstraintUsage[iArg[0]].argvIndex = 1;
  info->aConstraintUsage[iArg[0]].omit = 1;
  info->aConstraintUsage[iArg[1]].argvIndex = 2;
  info->aConstraintUsage[iArg[1]].omit = 1;
  info->idxNum = 3;
  info->estimatedCost = 10;
  info->estimatedRows = 10;
  return SQLITE_OK;
}

static int regexpmatchesOpen(sqlite3_vtab *pVtab,
                             sqlite3_vtab_cursor **ppCursor) {
  ReCursor *cur = sqlite3_malloc64(sizeof(*cur));
  if (cur == 0) return SQLITE_NOMEM;
  memset(cur, 0, sizeof(*cur));
  cur->eof = 1;
  *ppCursor = &cur->base;
  return SQLITE_OK;
}

static void regexpmatchesReset(ReCursor *cur) {
  pcre2_match_data_free(cur->md);
  cur->md = 0;
  reCodeRelease(cur->p);
  cur->p = 0;
  sqlite3_free(cur->z);
  cur->z = 0;
  cur->eof = 1;
}

static int regexpmatchesClose(sqlite3_vtab_cursor *pCur) {
  regexpmatchesReset((ReCursor *)pCur);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* Find the next match; sets eof, or reports an error. */
static int regexpmatchesStep(ReCursor *cur) {
  ReTab *t = (ReTab *)cur->base.pVtab;
  int rc = reNext(t->cache, cur->p, cur->md, &cur->subj, &cur->off,
                  &cur->empty);
  if (rc == 0) {
    cur->eof = 1;
    return SQLITE_OK;
  }
  if (rc < 0) {
    cur->eof = 1;
    char *m = reMatchMessage("regexp_matches", rc, &cur->subj);
    if (m == 0) return SQLITE_NOMEM;
    sqlite3_free(t->base.zErrMsg);
    t->base.zErrMsg = m;
    return SQLITE_ERROR;
  }
  cur->iMatch++;
  /* characters up to the match start, counted from where we left off */
  size_t s = pcre2_get_ovector_pointer(cur->md)[0];
  for (; cur->iCharByte < s; cur->iCharByte++)
    if (((unsigned char)cur->z[cur->iCharByte] & 0xC0) != 0x80) cur->iChar++;
  return SQLITE_OK;
}

static int regexpmatchesFilter(sqlite3_vtab_cursor *pCur, int idxNum,
                               const char *idxStr, int argc,
                               sqlite3_value **argv) {
  ReCursor *cur = (ReCursor *)pCur;
  ReTab *t = (ReTab *)pCur->pVtab;
  regexpmatchesReset(cur);
  if (idxNum != 3 || argc != 2)
    return mu_vtab_error(&t->base.zErrMsg,
                         "regexp_matches: give a subject and a pattern: "
                         "SELECT * FROM regexp_matches(x, p)");
  cur->iMatch = cur->iChar = 0;
  cur->iCharByte = cur->off = 0;
  cur->empty = 0;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
      sqlite3_value_type(argv[1]) == SQLITE_NULL)
    return SQLITE_OK; /* no rows */
  const char *zp = (const char *)sqlite3_value_text(argv[1]);
  if (zp == 0) return SQLITE_NOMEM;
  int err = 0;
  PCRE2_SIZE off = 0;
  cur->p = reCacheGet(t->cache, zp, sqlite3_value_bytes(argv[1]), &err, &off);
  if (cur->p == 0) {
    if (err == SQLITE_NOMEM) return SQLITE_NOMEM;
    char *m = reCompileMessage("regexp_matches", err, off);
    if (m == 0) return SQLITE_NOMEM;
    sqlite3_free(t->base.zErrMsg);
    t->base.zErrMsg = m;
    return SQLITE_ERROR;
  }
  cur->md = pcre2_match_data_create_from_pattern(cur->p->code, t->cache->gctx);
  if (cur->md == 0) return SQLITE_NOMEM;
  const char *zs = (const char *)sqlite3_value_text(argv[0]);
  if (zs == 0) return SQLITE_NOMEM;
  cur->n = (size_t)sqlite3_value_bytes(argv[0]);
  cur->z = sqlite3_malloc64(cur->n + 1);
  if (cur->z == 0) return SQLITE_NOMEM;
  memcpy(cur->z, zs, cur->n + 1);
  memset(&cur->subj, 0, sizeof(cur->subj));
  cur->subj.z = cur->z;
  cur->subj.n = cur->n;
  cur->eof = 0;
  return regexpmatchesStep(cur);
}

static int regexpmatchesNext(sqlite3_vtab_cursor *pCur) {
  return regexpmatchesStep((ReCursor *)pCur);
}

static int regexpmatchesEof(sqlite3_vtab_cursor *pCur) {
  return ((ReCursor *)pCur)->eof;
}

/* JSON array of groups 1..n: strings, null for a group that took no part. */
static int regexpmatchesGroups(ReCursor *cur, sqlite3_context *ctx) {
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(cur->md);
  sqlite3_str *s = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  sqlite3_str_appendchar(s, 1, '[');
  for (uint32_t g = 1; g <= cur->p->nGroup; g++) {
    if (g > 1) sqlite3_str_appendchar(s, 1, ',');
    if (ov[2 * g] == PCRE2_UNSET || ov[2 * g + 1] < ov[2 * g]) {
      sqlite3_str_appendall(s, "null");
      continue;
    }
    sqlite3_str_appendchar(s, 1, '"');
    for (size_t i = ov[2 * g]; i < ov[2 * g + 1]; i++) {
      unsigned char ch = (unsigned char)cur->z[i];
      if (ch == '"' || ch == '\\') {
        sqlite3_str_appendchar(s, 1, '\\');
        sqlite3_str_appendchar(s, 1, (char)ch);
      } else if (ch < 0x20) {
        sqlite3_str_appendf(s, "\\u%04x", ch);
      } else {
        sqlite3_str_appendchar(s, 1, (char)ch);
      }
    }
    sqlite3_str_appendchar(s, 1, '"');
  }
  sqlite3_str_appendchar(s, 1, ']');
  int rc = sqlite3_str_errcode(s);
  int n = sqlite3_str_length(s);
  char *z = sqlite3_str_finish(s);
  if (rc != SQLITE_OK || z == 0) {
    sqlite3_free(z);
    return rc == SQLITE_TOOBIG ? SQLITE_TOOBIG : SQLITE_NOMEM;
  }
  sqlite3_result_text(ctx, z, n, sqlite3_free);
  return SQLITE_OK;
}

static int regexpmatchesColumn(sqlite3_vtab_cursor *pCur,
                               sqlite3_context *ctx, int i) {
  ReCursor *cur = (ReCursor *)pCur;
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(cur->md);
  switch (i) {
    case RE_COL_INDEX:
      sqlite3_result_int64(ctx, cur->iMatch);
      break;
    case RE_COL_START:
      sqlite3_result_int64(ctx, cur->iChar + 1);
      break;
    case RE_COL_TEXT:
      sqlite3_result_text64(ctx, cur->z + ov[0], ov[1] - ov[0],
                            SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case RE_COL_GROUPS:
      return regexpmatchesGroups(cur, ctx);
    case RE_COL_SUBJECT:
      sqlite3_result_text64(ctx, cur->z, cur->n, SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case RE_COL_PATTERN:
      sqlite3_result_text(ctx, cur->p->zPat, cur->p->nPat, SQLITE_TRANSIENT);
      break;
  }
  return SQLITE_OK;
}

static int regexpmatchesRowid(sqlite3_vtab_cursor *pCur, sqlite3_int64 *pRowid) {
  *pRowid = ((ReCursor *)pCur)->iMatch;
  return SQLITE_OK;
}

static sqlite3_module regexpmatchesModule = {
    .iVersion = 0,
    .xConnect = regexpmatchesConnect,
    .xBestIndex = regexpmatchesBestIndex,
    .xDisconnect = regexpmatchesDisconnect,
    .xOpen = regexpmatchesOpen,
    .xClose = regexpmatchesClose,
    .xFilter = regexpmatchesFilter,
    .xNext = regexpmatchesNext,
    .xEof = regexpmatchesEof,
    .xColumn = regexpmatchesColumn,
    .xRowid = regexpmatchesRowid,
};

/* ---- registration ------------------------------------------------------ */

static const struct {
  const char *zName;
  int nArg;
  void (*xFunc)(sqlite3_context *, int, sqlite3_value **);
} reFuncs[] = {
    {"regexp_like", 2, regexpLikeFunc},
    {"regexp_substr", 2, regexpSubstrFunc},
    {"regexp_substr", 3, regexpSubstrFunc},
    {"regexp_replace", 3, regexpReplaceFunc},
    {"regexp_count", 2, regexpCountFunc},
};

int muling_register_regexp(sqlite3 *db) {
  ReCache *c = reCacheNew();
  if (c == 0) return SQLITE_NOMEM;
  int rc = SQLITE_OK;
  /* Pure functions of their arguments, and bounded by the match limits:
  ** DETERMINISTIC and INNOCUOUS, so views, CHECKs and indexes can use them. */
  for (size_t i = 0; rc == SQLITE_OK && i < sizeof(reFuncs) / sizeof(reFuncs[0]);
       i++) {
    c->nRef++; /* dropped by reCacheRelease, on success or failure alike */
    rc = sqlite3_create_function_v2(db, reFuncs[i].zName, reFuncs[i].nArg,
                                    MU_PURE, c, reFuncs[i].xFunc, 0, 0,
                                    reCacheRelease);
  }
  if (rc == SQLITE_OK) {
    c->nRef++;
    rc = sqlite3_create_module_v2(db, "regexp_matches", &regexpmatchesModule,
                                  c, reCacheRelease);
  }
  if (rc == SQLITE_OK) {
    /* Last, and the one failure we accept: replacing the shell's own
    ** regexp() from inside SELECT load_extension() is refused with
    ** SQLITE_BUSY while that statement runs.  The load still succeeds and
    ** REGEXP stays the shell's (docs/regexp.md says so). */
    c->nRef++;
    rc = sqlite3_create_function_v2(db, "regexp", 2, MU_PURE, c, regexpFunc,
                                    0, 0, reCacheRelease);
    if (rc == SQLITE_BUSY) rc = SQLITE_OK;
  }
  reCacheRelease(c);
  return rc;
}
