/*
** gzip.c — gzip, gunzip and crc32 through zlib.
**
**   SELECT gzip(x);              -- a gzip blob (1F 8B …), default level 6
**   SELECT gzip(x, level);       -- level 0 (stored) .. 9 (smallest)
**   SELECT gunzip(blob);         -- the original bytes, always as a BLOB:
**                                --   cast(gunzip(b) AS text) for text
**   SELECT crc32(x);             -- zlib's CRC-32, an integer 0 .. 2^32-1
**
** x may be text (its UTF-8 bytes), a blob (its bytes) or a number (its text).
** NULL in any argument gives NULL.
**
** gunzip inflates in steps into a buffer that grows as output arrives, and
** fails as soon as the output would pass the connection's
** SQLITE_LIMIT_LENGTH: the size a gzip trailer claims is never trusted, so a
** small hostile blob cannot make it allocate more than the limit.  Members
** written one after another (cat a.gz b.gz) are inflated in turn, as the gzip
** tool does.  Corrupt, truncated or non-gzip input is an error naming gunzip,
** never NULL or a partial answer.
**
** All three are pure and bounded, hence DETERMINISTIC and INNOCUOUS (usable
** in views, CHECKs and generated columns under trusted_schema=OFF).  zlib's
** allocations go through sqlite3_malloc64 so an allocation failure surfaces
** as SQLITE_NOMEM.
*/
#include "common.h"

#include <string.h>
#include <zlib.h>

/* zlib allocator hooks: every zlib allocation goes through SQLite's. */
static voidpf gzipAlloc(voidpf opaque, uInt items, uInt size) {
  (void)opaque;
  return sqlite3_malloc64((sqlite3_uint64)items * size);
}
static void gzipFree(voidpf opaque, voidpf p) {
  (void)opaque;
  sqlite3_free(p);
}

/* The bytes of a non-NULL argument: text as UTF-8, blobs as they are,
** numbers as their text.  *pOom is set when SQLite could not convert. */
static const unsigned char *gzipBytes(sqlite3_value *v, sqlite3_int64 *pn,
                                      int *pOom) {
  const unsigned char *z;
  *pOom = 0;
  if (sqlite3_value_type(v) == SQLITE_BLOB) {
    z = sqlite3_value_blob(v);
  } else {
    z = sqlite3_value_text(v);
  }
  *pn = sqlite3_value_bytes(v);
  if (z == 0 && *pn == 0) {
    /* an empty blob has no pointer; an empty text has "" */
    if (sqlite3_value_type(v) != SQLITE_BLOB) *pOom = 1;
    z = (const unsigned char *)"";
  }
  return z;
}

/* gzip(x [, level]) */
static void gzipFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int level = Z_DEFAULT_COMPRESSION;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  if (argc > 1) {
    int t = sqlite3_value_numeric_type(argv[1]);
    if (t == SQLITE_NULL) return;
    sqlite3_int64 l = sqlite3_value_int64(argv[1]);
    if (t != SQLITE_INTEGER || l < 0 || l > 9) {
      mu_error(ctx, "gzip: level must be an integer from 0 to 9, got '%s'",
               (const char *)sqlite3_value_text(argv[1]));
      return;
    }
    level = (int)l;
  }
  sqlite3_int64 n;
  int oom;
  const unsigned char *in = gzipBytes(argv[0], &n, &oom);
  if (oom) {
    sqlite3_result_error_nomem(ctx);
    return;
  }

  z_stream zs;
  memset(&zs, 0, sizeof zs);
  zs.zalloc = gzipAlloc;
  zs.zfree = gzipFree;
  /* windowBits 15 + 16: a gzip header and trailer rather than zlib's. */
  int rc = deflateInit2(&zs, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  if (rc != Z_OK) {
    if (rc == Z_MEM_ERROR) {
      sqlite3_result_error_nomem(ctx);
    } else {
      mu_error(ctx, "gzip: zlib could not start: %s", zError(rc));
    }
    return;
  }
  /* The header's OS byte is Unix's (3) wherever muling runs, as Linux's
  ** zlib writes it: a deterministic function gives the same bytes on every
  ** platform (Windows' zlib would write 10). */
  gz_header gh;
  memset(&gh, 0, sizeof gh);
  gh.os = 3;
  rc = deflateSetHeader(&zs, &gh);
  if (rc != Z_OK) {
    deflateEnd(&zs);
    mu_error(ctx, "gzip: zlib could not start: %s", zError(rc));
    return;
  }
  /* deflateBound is an upper limit for one Z_FINISH pass over the input. */
  sqlite3_uint64 cap = deflateBound(&zs, (uLong)n);
  unsigned char *out = sqlite3_malloc64(cap);
  if (out == 0) {
    deflateEnd(&zs);
    sqlite3_result_error_nomem(ctx);
    return;
  }
  zs.next_in = (Bytef *)in;
  zs.next_out = out;
  sqlite3_int64 left = n;
  sqlite3_uint64 room = cap;
  do {
    /* avail_in/avail_out are 32-bit: feed large values in slices. */
    if (zs.avail_in == 0 && left > 0) {
      zs.avail_in = left > 0x40000000 ? 0x40000000 : (uInt)left;
      left -= zs.avail_in;
    }
    if (zs.avail_out == 0) {
      zs.avail_out = room > 0x40000000 ? 0x40000000 : (uInt)room;
      room -= zs.avail_out;
    }
    rc = deflate(&zs, left > 0 ? Z_NO_FLUSH : Z_FINISH);
  } while (rc == Z_OK);
  sqlite3_uint64 nOut = (sqlite3_uint64)(zs.next_out - out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    sqlite3_free(out);
    if (rc == Z_MEM_ERROR) {
      sqlite3_result_error_nomem(ctx);
    } else {
      mu_error(ctx, "gzip: zlib failed: %s", zError(rc));
    }
    return;
  }
  sqlite3_result_blob64(ctx, out, nOut, sqlite3_free);
}

/* gunzip(blob) */
static void gunzipFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  const unsigned char *in = sqlite3_value_blob(argv[0]);
  sqlite3_int64 n = sqlite3_value_bytes(argv[0]);
  if (in == 0 && n > 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (n < 2 || in[0] != 0x1f || in[1] != 0x8b) {
    mu_error(ctx, "gunzip: not gzip data (no 1F 8B header)");
    return;
  }
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  sqlite3_int64 limit = sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1);

  z_stream zs;
  memset(&zs, 0, sizeof zs);
  zs.zalloc = gzipAlloc;
  zs.zfree = gzipFree;
  int rc = inflateInit2(&zs, 31); /* gzip only, 32 KiB window */
  if (rc != Z_OK) {
    if (rc == Z_MEM_ERROR) {
      sqlite3_result_error_nomem(ctx);
    } else {
      mu_error(ctx, "gunzip: zlib could not start: %s", zError(rc));
    }
    return;
  }

  /* Start near the usual ratio (at most 16 MiB, so a big input does not
  ** reserve memory its output may never need) and double; never past
  ** limit + 1, the one byte more that proves the output is too long. */
  sqlite3_int64 cap = n * 4 < 4096 ? 4096 : n * 4;
  if (cap > 16 << 20) cap = 16 << 20;
  if (cap > limit + 1) cap = limit + 1;
  unsigned char *out = sqlite3_malloc64((sqlite3_uint64)cap);
  sqlite3_int64 nOut = 0;
  if (out == 0) {
    inflateEnd(&zs);
    sqlite3_result_error_nomem(ctx);
    return;
  }
  const unsigned char *p = in, *end = in + n;
  enum { GZ_ZLIB, GZ_TOO_LONG, GZ_TRAILING, GZ_TRUNCATED } why = GZ_ZLIB;
  for (;;) {
    if (nOut == cap) {
      if (cap > limit) {
        why = GZ_TOO_LONG;
        break;
      }
      sqlite3_int64 ncap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
      unsigned char *o = sqlite3_realloc64(out, (sqlite3_uint64)ncap);
      if (o == 0) {
        rc = Z_MEM_ERROR;
        break;
      }
      out = o;
      cap = ncap;
    }
    sqlite3_int64 inLeft = end - p, outLeft = cap - nOut;
    zs.next_in = (Bytef *)p;
    zs.avail_in = inLeft > 0x40000000 ? 0x40000000 : (uInt)inLeft;
    zs.next_out = out + nOut;
    zs.avail_out = outLeft > 0x40000000 ? 0x40000000 : (uInt)outLeft;
    uInt availIn = zs.avail_in;
    rc = inflate(&zs, Z_NO_FLUSH);
    p += availIn - zs.avail_in;
    nOut = zs.next_out - out;
    if (nOut > limit) {
      why = GZ_TOO_LONG;
      break;
    }
    if (rc == Z_STREAM_END) {
      if (p == end) break;
      /* Another member follows, as in `cat a.gz b.gz`; anything else after
      ** a complete member is an error rather than silently ignored. */
      if (end - p < 2 || p[0] != 0x1f || p[1] != 0x8b) {
        why = GZ_TRAILING;
        break;
      }
      rc = inflateReset(&zs);
      if (rc != Z_OK) break;
      continue;
    }
    if (rc == Z_BUF_ERROR && nOut == cap) continue; /* grow the output */
    if (rc == Z_BUF_ERROR || (rc == Z_OK && p == end && nOut < cap)) {
      /* every input byte consumed and the member is still not complete */
      why = GZ_TRUNCATED;
      break;
    }
    if (rc != Z_OK) break;
  }
  /* zlib's messages are static strings: still valid after inflateEnd. */
  const char *zMsg = zs.msg;
  inflateEnd(&zs);
  if (why == GZ_ZLIB && rc == Z_STREAM_END) {
    sqlite3_result_blob64(ctx, out, (sqlite3_uint64)nOut, sqlite3_free);
    return;
  }
  sqlite3_free(out);
  switch (why) {
  case GZ_TOO_LONG:
    mu_error(ctx, "gunzip: output longer than the length limit of %lld bytes",
             (long long)limit);
    break;
  case GZ_TRAILING:
    mu_error(ctx, "gunzip: unexpected bytes after the end of the gzip data");
    break;
  case GZ_TRUNCATED:
    mu_error(ctx, "gunzip: truncated gzip data");
    break;
  case GZ_ZLIB:
    if (rc == Z_MEM_ERROR) {
      sqlite3_result_error_nomem(ctx);
    } else {
      mu_error(ctx, "gunzip: corrupt gzip data (%s)", zMsg ? zMsg : zError(rc));
    }
    break;
  }
}

/* crc32(x) */
static void crc32Func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  sqlite3_int64 n;
  int oom;
  const unsigned char *z = gzipBytes(argv[0], &n, &oom);
  if (oom) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  uLong c = crc32(0L, Z_NULL, 0);
  while (n > 0) {
    uInt k = n > 0x40000000 ? 0x40000000 : (uInt)n;
    c = crc32(c, z, k);
    z += k;
    n -= k;
  }
  sqlite3_result_int64(ctx, (sqlite3_int64)c);
}

int muling_register_gzip(sqlite3 *db) {
  /* Pure functions of their arguments with bounded work and output:
  ** DETERMINISTIC and INNOCUOUS (MU_PURE). */
  static const struct {
    const char *name;
    int nArg;
    void (*x)(sqlite3_context *, int, sqlite3_value **);
  } fn[] = {
      {"gzip", 1, gzipFunc},
      {"gzip", 2, gzipFunc},
      {"gunzip", 1, gunzipFunc},
      {"crc32", 1, crc32Func},
  };
  for (size_t i = 0; i < sizeof fn / sizeof fn[0]; i++) {
    int rc = sqlite3_create_function_v2(db, fn[i].name, fn[i].nArg, MU_PURE, 0,
                                        fn[i].x, 0, 0, 0);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}
