#!/bin/sh
# win/build-deps.sh DIR — build the Windows build's libraries from Debian's
# own source packages, statically, for x86_64-w64-mingw32, into DIR
# (build/win64/deps): PCRE2, libical, expat, minizip, libxlsxwriter, FreeXL
# and the SQLite amalgamation for muling.exe and the test host.  zlib itself comes from
# Debian's libz-mingw-w64-dev.
#
# The tarballs are the original sources of bookworm's main pocket, fetched
# from deb.debian.org's pool and checked against the SHA-256 that bookworm's
# .dsc files list (pinned below); a tarball already in DIR/src is reused, so
# a second run needs no network.  Each library is built once: its stamp file
# in DIR (named for its tarball) marks it done.
set -eu
DIR=${1:?usage: win/build-deps.sh DIR}
HOST=x86_64-w64-mingw32
POOL=${DEBIAN_POOL:-http://deb.debian.org/debian/pool/main}
JOBS=${WIN_JOBS:-1}
mkdir -p "$DIR/src" "$DIR/lib" "$DIR/include"
DIR=$(cd "$DIR" && pwd)

# fetch POOLPATH FILE SHA256: the tarball in DIR/src, verified
fetch() {
  if [ ! -f "$DIR/src/$2" ]; then
    echo "win: fetching $POOL/$1/$2"
    curl -fsS -o "$DIR/src/$2.part" "$POOL/$1/$2"
    mv "$DIR/src/$2.part" "$DIR/src/$2"
  fi
  got=$(sha256sum "$DIR/src/$2" | cut -d' ' -f1)
  if [ "$got" != "$3" ]; then
    echo "win: $2: sha256 $got, want $3 (bookworm's .dsc)" >&2
    rm -f "$DIR/src/$2"
    exit 1
  fi
}

# PCRE2 10.42 (bookworm: pcre2 10.42-1)
PCRE2_TGZ=pcre2_10.42.orig.tar.gz
PCRE2_SHA=c33b418e3b936ee3153de2c61cc638e7e4fe3156022a5c77d0711bcbb9d64f1f
# libical 3.0.16 (bookworm: libical3 3.0.16-1)
ICAL_TGZ=libical3_3.0.16.orig.tar.gz
ICAL_SHA=b44705dd71ca4538c86fb16248483ab4b48978524fb1da5097bd76aa2e0f0c33
# SQLite 3.40.1 (bookworm: sqlite3 3.40.1-2+deb12u2, the system's libsqlite3)
SQLITE_TXZ=sqlite3_3.40.1.orig.tar.xz
SQLITE_SHA=aaa776260ab4dc976db34aa7891819484c8676b5b2783123ebc6301e2ca5d655

if [ ! -f "$DIR/$PCRE2_TGZ.done" ]; then
  fetch p/pcre2 $PCRE2_TGZ $PCRE2_SHA
  rm -rf "$DIR/pcre2"; mkdir "$DIR/pcre2"
  tar -xzf "$DIR/src/$PCRE2_TGZ" -C "$DIR/pcre2" --strip-components=1
  (cd "$DIR/pcre2" &&
   ./configure --host=$HOST --prefix="$DIR" --disable-shared --enable-static \
     --enable-jit --enable-unicode --disable-pcre2grep-libz \
     --disable-pcre2grep-libbz2 --disable-pcre2test-libreadline \
     CFLAGS='-O2' >configure.log 2>&1 &&
   make -j"$JOBS" libpcre2-8.la >make.log 2>&1 &&
   cp .libs/libpcre2-8.a "$DIR/lib/" && cp src/pcre2.h "$DIR/include/") ||
    { echo "win: PCRE2 build failed: see $DIR/pcre2/*.log" >&2; exit 1; }
  touch "$DIR/$PCRE2_TGZ.done"
fi

if [ ! -f "$DIR/$ICAL_TGZ.done" ]; then
  fetch libi/libical3 $ICAL_TGZ $ICAL_SHA
  rm -rf "$DIR/libical"; mkdir -p "$DIR/libical/b"
  tar -xzf "$DIR/src/$ICAL_TGZ" -C "$DIR/libical" --strip-components=1
  # Without ICU (no Debian ICU for mingw): RSCALE rules are refused, see
  # ext/rrule.c and docs/design.md.  Only the core library is built.
  (cd "$DIR/libical/b" &&
   cmake .. -DCMAKE_SYSTEM_NAME=Windows -DCMAKE_C_COMPILER=$HOST-gcc \
     -DCMAKE_CXX_COMPILER=$HOST-g++ -DCMAKE_RC_COMPILER=$HOST-windres \
     -DCMAKE_FIND_ROOT_PATH=/usr/$HOST -DCMAKE_FIND_ROOT_PATH_MODE_PROGRAM=NEVER \
     -DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY -DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY \
     -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$DIR" \
     -DSTATIC_ONLY=True -DICAL_GLIB=False -DICAL_BUILD_DOCS=False \
     -DGOBJECT_INTROSPECTION=False -DICAL_ERRORS_ARE_FATAL=False \
     -DWITH_CXX_BINDINGS=False -DLIBICAL_BUILD_TESTING=False \
     -DCMAKE_DISABLE_FIND_PACKAGE_ICU=True -DCMAKE_DISABLE_FIND_PACKAGE_BDB=True \
     -DUSE_BUILTIN_TZDATA=True >cmake.log 2>&1 &&
   make -j"$JOBS" ical >make.log 2>&1) ||
    { echo "win: libical build failed: see $DIR/libical/b/*.log" >&2; exit 1; }
  cp "$DIR/libical/b/bin/libical.a" "$DIR/lib/" 2>/dev/null ||
    cp "$DIR/libical/b/lib/libical.a" "$DIR/lib/"
  mkdir -p "$DIR/include/libical"
  cp "$DIR/libical/b/src/libical/ical.h" \
     "$DIR/libical/src/libical/libical_ical_export.h" "$DIR/include/libical/"
  touch "$DIR/$ICAL_TGZ.done"
fi

# expat 2.5.0 (bookworm: expat 2.5.0-1) and minizip (zlib's contrib, bookworm:
# zlib 1:1.2.13.dfsg-1) for reading .xlsx workbooks
EXPAT_TGZ=expat_2.5.0.orig.tar.gz
EXPAT_SHA=ab00ee05c7067fd10a35c5d2a4922ebba746ddd50ff83b79c828da17bbdf1757
ZLIB_TBZ=zlib_1.2.13.dfsg.orig.tar.bz2
ZLIB_SHA=71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1

if [ ! -f "$DIR/$EXPAT_TGZ.done" ]; then
  fetch e/expat $EXPAT_TGZ $EXPAT_SHA
  rm -rf "$DIR/expat"; mkdir -p "$DIR/expat/b"
  tar -xzf "$DIR/src/$EXPAT_TGZ" -C "$DIR/expat" --strip-components=1
  # the tarball is expat's repository: the library is in expat/
  (cd "$DIR/expat/b" &&
   cmake ../expat -DCMAKE_SYSTEM_NAME=Windows -DCMAKE_C_COMPILER=$HOST-gcc \
     -DCMAKE_CXX_COMPILER=$HOST-g++ -DCMAKE_RC_COMPILER=$HOST-windres \
     -DCMAKE_BUILD_TYPE=Release -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_TOOLS=OFF \
     -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF \
     -DEXPAT_BUILD_PKGCONFIG=OFF >cmake.log 2>&1 &&
   make -j"$JOBS" expat >make.log 2>&1) ||
    { echo "win: expat build failed: see $DIR/expat/b/*.log" >&2; exit 1; }
  cp "$(find "$DIR/expat/b" -name 'libexpat*.a' | head -n 1)" "$DIR/lib/libexpat.a"
  cp "$DIR/expat/expat/lib/expat.h" "$DIR/expat/expat/lib/expat_external.h" "$DIR/include/"
  touch "$DIR/$EXPAT_TGZ.done"
fi

# minizip's reader (xlsxfile) and writer (libxlsxwriter, below), as Linux's
# libminizip-dev has them; zlib itself is libz-mingw-w64-dev's.  Its stamp
# names the writer too, so a cache from before the writer is rebuilt.
if [ ! -f "$DIR/$ZLIB_TBZ.zip.done" ]; then
  fetch z/zlib $ZLIB_TBZ $ZLIB_SHA
  rm -rf "$DIR/zlib"; mkdir -p "$DIR/zlib"
  tar -xjf "$DIR/src/$ZLIB_TBZ" -C "$DIR/zlib" --strip-components=1
  m="$DIR/zlib/contrib/minizip"
  # ioapi's own file functions (what zipOpen uses) open names through
  # fopen64, which reads them in the ANSI code page: they open UTF-8 names
  # through mu_win_fopen (ext/win32.c, in muling.dll and muling.exe) instead
  (cd "$m" && $HOST-gcc -O2 -Dfopen64=mu_win_fopen -c unzip.c zip.c ioapi.c &&
   $HOST-ar rcs libminizip.a unzip.o zip.o ioapi.o) >"$DIR/zlib/make.log" 2>&1 ||
    { echo "win: minizip build failed: see $DIR/zlib/make.log" >&2; exit 1; }
  cp "$m/libminizip.a" "$DIR/lib/"
  mkdir -p "$DIR/include/minizip"
  cp "$m/unzip.h" "$m/zip.h" "$m/ioapi.h" "$DIR/include/minizip/"
  touch "$DIR/$ZLIB_TBZ.zip.done"
fi

# libxlsxwriter 1.1.4 (bookworm: libxlsxwriter 1.1.4-2, no Debian patches)
# for report --format xlsx: built as Debian builds it (USE_SYSTEM_MINIZIP:
# the minizip above), with its bundled tmpfileplus and md5 (Debian links
# OpenSSL's MD5; the digests are the same, and only images use them).  Its
# numbers are printed with "%.16G": through mingw's C99 printf, as glibc's,
# not msvcrt's (three exponent digits).  Only src/, include/ and
# third_party/ are unpacked (the tarball is 20 MB of tests and docs).
XLSXW_TGZ=libxlsxwriter_1.1.4.orig.tar.gz
XLSXW_SHA=b379eb35fdd9c653ebe72485b9c992f612c7ea66f732784457997d6e782f619b

if [ ! -f "$DIR/$XLSXW_TGZ.done" ]; then
  fetch libx/libxlsxwriter $XLSXW_TGZ $XLSXW_SHA
  rm -rf "$DIR/xlsxwriter"; mkdir -p "$DIR/xlsxwriter"
  tar -xzf "$DIR/src/$XLSXW_TGZ" -C "$DIR/xlsxwriter" --strip-components=1 \
    --wildcards '*/src/*' '*/include/*' '*/third_party/tmpfileplus/*' \
    '*/third_party/md5/*' '*/License.txt'
  x="$DIR/xlsxwriter"
  (cd "$x" && mkdir -p obj && cd obj &&
   $HOST-gcc -O2 -DUSE_SYSTEM_MINIZIP -DNOCRYPT -DNOUNCRYPT -DLXW_HAS_SNPRINTF \
     -D__USE_MINGW_ANSI_STDIO=1 -I../include -I"$DIR/include" \
     -c ../src/*.c ../third_party/tmpfileplus/tmpfileplus.c ../third_party/md5/md5.c &&
   $HOST-ar rcs libxlsxwriter.a ./*.o) >"$x/make.log" 2>&1 ||
    { echo "win: libxlsxwriter build failed: see $x/make.log" >&2; exit 1; }
  cp "$x/obj/libxlsxwriter.a" "$DIR/lib/"
  rm -rf "$DIR/include/xlsxwriter"
  cp -r "$x/include/xlsxwriter.h" "$x/include/xlsxwriter" "$DIR/include/"
  touch "$DIR/$XLSXW_TGZ.done"
fi

# FreeXL 1.0.6 (bookworm: freexl 1.0.6-2, no Debian patches) for .xls
# workbooks: freexl.c alone, with win/freexl's config.h and its <iconv.h>,
# ext/win32.h's code-page converters (mingw has no iconv); it opens the
# workbook's UTF-8 name through mu_win_fopen, as minizip does above.
FREEXL_TGZ=freexl_1.0.6.orig.tar.gz
FREEXL_SHA=3de8b57a3d130cb2881ea52d3aa9ce1feedb1b57b7daa4eb37f751404f90fc22
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [ ! -f "$DIR/$FREEXL_TGZ.done" ]; then
  fetch f/freexl $FREEXL_TGZ $FREEXL_SHA
  rm -rf "$DIR/freexl"; mkdir -p "$DIR/freexl"
  tar -xzf "$DIR/src/$FREEXL_TGZ" -C "$DIR/freexl" --strip-components=1 \
    --wildcards '*/src/freexl.c' '*/headers/*' '*/COPYING'
  f="$DIR/freexl"
  (cd "$f" && $HOST-gcc -O2 -Dfopen=mu_win_fopen -I"$ROOT/win/freexl" -I"$ROOT/ext" \
     -Iheaders -c src/freexl.c -o freexl.o && $HOST-ar rcs libfreexl.a freexl.o) \
    >"$f/make.log" 2>&1 ||
    { echo "win: FreeXL build failed: see $f/make.log" >&2; exit 1; }
  cp "$f/libfreexl.a" "$DIR/lib/"
  cp "$f/headers/freexl.h" "$DIR/include/"
  touch "$DIR/$FREEXL_TGZ.done"
fi

if [ ! -f "$DIR/$SQLITE_TXZ.done" ]; then
  fetch s/sqlite3 $SQLITE_TXZ $SQLITE_SHA
  rm -rf "$DIR/sqlite"; mkdir -p "$DIR/sqlite"
  tar -xJf "$DIR/src/$SQLITE_TXZ" -C "$DIR/sqlite" --strip-components=1
  # The amalgamation is generated on the build machine (tclsh, cc); it is
  # plain C, compiled for Windows with the rest.
  (cd "$DIR/sqlite" && ./configure >configure.log 2>&1 &&
   make sqlite3.c shell.c >make.log 2>&1) ||
    { echo "win: SQLite amalgamation failed: see $DIR/sqlite/*.log" >&2; exit 1; }
  cp "$DIR/sqlite/sqlite3.c" "$DIR/sqlite/sqlite3.h" "$DIR/sqlite/sqlite3ext.h" "$DIR/include/"
  cp "$DIR/sqlite/shell.c" "$DIR/include/"
  touch "$DIR/$SQLITE_TXZ.done"
fi
echo "win: libraries in $DIR"
