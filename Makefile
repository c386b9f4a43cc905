# muling — make · make test · make asan · make demo · make bench · make install · make mutate
#
# The extension is every ext/*.c linked into build/muling.so.  It does not
# link -lsqlite3: the SQLite API comes through the sqlite3_api pointer the
# host hands to the entry point.  The `muling` command compiles the same
# sources with -DSQLITE_CORE and links the system libsqlite3.

PREFIX  ?= /usr/local
DESTDIR ?=
LIBDIR   = $(PREFIX)/lib/sqlite3
BINDIR   = $(PREFIX)/bin
DOCDIR   = $(PREFIX)/share/doc/muling

CC      ?= cc
PKGS     = libpcre2-8 zlib libical expat minizip freexl
# the command alone also writes workbooks (report --format xlsx)
CLI_PKGS = xlsxwriter
CLI_CFLAGS := $(shell pkg-config --cflags $(CLI_PKGS) 2>/dev/null)
CLI_LIBS   := $(shell pkg-config --libs $(CLI_PKGS) 2>/dev/null)
DEP_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DEP_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
WARN     = -Wall -Wextra -Werror -Wno-unused-parameter
CSTD     = -std=gnu11
OPT     ?= -O2 -g
CFLAGS_SO = $(CSTD) $(OPT) $(WARN) -fPIC -fvisibility=hidden $(DEP_CFLAGS)
LDFLAGS_SO = -shared -Wl,-z,defs -Wl,-z,relro,-z,now
SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

EXT_SRC  = $(sort $(wildcard ext/*.c))
EXT_HDR  = $(wildcard ext/*.h)
CLI_SRC  = $(sort $(wildcard cli/*.c))
SQL_SRC  = $(sort $(wildcard sql/*.sql)) $(sort $(wildcard sql/reports/*.sql)) $(sort $(wildcard samples/*/*.sql))

TARGETS  = build/muling.so build/host build/oom
ifneq ($(CLI_SRC),)
TARGETS += build/muling build/oom_cli
endif
ifneq ($(wildcard samples/generate.c),)
TARGETS += build/generate
endif

.PHONY: all test asan bench demo install uninstall clean fuzz valgrind screenshot mutate windows test-windows
all: $(TARGETS)

build build/asan build/core:
	mkdir -p $@

build/muling.so: $(EXT_SRC) $(EXT_HDR) | build
	$(CC) $(CFLAGS_SO) $(LDFLAGS_SO) -o $@ $(EXT_SRC) $(DEP_LIBS)

build/asan/muling.so: $(EXT_SRC) $(EXT_HDR) | build/asan
	$(CC) $(CFLAGS_SO) -O1 $(SAN) $(LDFLAGS_SO) -o $@ $(EXT_SRC) $(DEP_LIBS)

build/host: tests/host.c | build
	$(CC) $(CSTD) $(OPT) $(WARN) -o $@ $< -lsqlite3

build/oom: tests/oom.c | build
	$(CC) $(CSTD) $(OPT) $(WARN) -o $@ $< -lsqlite3

build/asan/host: tests/host.c | build/asan
	$(CC) $(CSTD) -O1 -g $(WARN) $(SAN) -o $@ $< -lsqlite3

build/asan/oom: tests/oom.c | build/asan
	$(CC) $(CSTD) -O1 -g $(WARN) $(SAN) -o $@ $< -lsqlite3

# The schema and reports are compiled into the command, so it runs anywhere.
build/sqlfiles.c: $(SQL_SRC) cli/embed.sh | build
	sh cli/embed.sh $(SQL_SRC) > $@

build/muling: $(CLI_SRC) $(EXT_SRC) $(EXT_HDR) build/sqlfiles.c $(wildcard cli/*.h)
	$(CC) $(CSTD) $(OPT) $(WARN) -DSQLITE_CORE -Iext $(DEP_CFLAGS) $(CLI_CFLAGS) -o $@ \
	  $(CLI_SRC) $(EXT_SRC) build/sqlfiles.c -lsqlite3 $(CLI_LIBS) $(DEP_LIBS)

build/asan/muling: $(CLI_SRC) $(EXT_SRC) $(EXT_HDR) build/sqlfiles.c $(wildcard cli/*.h) | build/asan
	$(CC) $(CSTD) -O1 -g $(WARN) $(SAN) -DSQLITE_CORE -Iext $(DEP_CFLAGS) $(CLI_CFLAGS) -o $@ \
	  $(CLI_SRC) $(EXT_SRC) build/sqlfiles.c -lsqlite3 $(CLI_LIBS) $(DEP_LIBS)

# The command under a failing allocator (tests/oom_cli.c, run by
# tests/sh/oom_cli.sh): every file is compiled with -Dmain=muling_main, so
# the command's main becomes a function the host calls in a forked child.
OOM_CLI_SRC = tests/oom_cli.c $(CLI_SRC) $(EXT_SRC) build/sqlfiles.c
build/oom_cli: $(OOM_CLI_SRC) $(EXT_HDR) $(wildcard cli/*.h) | build
	$(CC) $(CSTD) $(OPT) $(WARN) -DSQLITE_CORE -Dmain=muling_main -Iext -Icli $(DEP_CFLAGS) $(CLI_CFLAGS) -o $@ \
	  $(OOM_CLI_SRC) -lsqlite3 $(CLI_LIBS) $(DEP_LIBS)

build/asan/oom_cli: $(OOM_CLI_SRC) $(EXT_HDR) $(wildcard cli/*.h) | build/asan
	$(CC) $(CSTD) -O1 -g $(WARN) $(SAN) -DSQLITE_CORE -Dmain=muling_main -Iext -Icli $(DEP_CFLAGS) $(CLI_CFLAGS) -o $@ \
	  $(OOM_CLI_SRC) -lsqlite3 $(CLI_LIBS) $(DEP_LIBS)

# The generator shares the ID check character with the extension through
# ext/idcard_check.h (plain C, no SQLite).
build/generate: samples/generate.c ext/idcard_check.h | build
	$(CC) $(CSTD) -O2 -g $(WARN) -Iext -o $@ $< -lsqlite3 -lm

# Windows (docs/design.md, "Windows"): cross-built with Debian's mingw-w64,
# everything linked statically.  PCRE2, libical and the SQLite amalgamation
# are built from bookworm's source tarballs by win/build-deps.sh (fetched
# from deb.debian.org once, SHA-256 pinned there, kept in build/win64/deps);
# zlib is libz-mingw-w64-dev's; expat, minizip (zlib's contrib),
# libxlsxwriter (muling.exe's --format xlsx) and FreeXL (.xls, its iconv
# ext/win32.c's) come from bookworm's tarballs too.  No ICU (RSCALE is
# refused).  make test-windows runs the tests under Wine.
WIN       = build/win64
WIN_CC    = x86_64-w64-mingw32-gcc
WIN_DEPS  = $(WIN)/deps
WIN_EXT   = $(EXT_SRC)
WIN_CLI   = $(CLI_SRC)
WIN_CFLAGS = $(CSTD) -O2 $(WARN) -DPCRE2_STATIC -DXML_STATIC -D_POSIX_THREAD_SAFE_FUNCTIONS -DLIBICAL_ICAL_STATIC_DEFINE \
  -I$(WIN) -I$(WIN_DEPS)/include
WIN_LIBS  = -L$(WIN_DEPS)/lib -lpcre2-8 -lical -lminizip -lexpat -lfreexl -lz -static -lpthread
# SQLite as Debian builds it (the options that change what SQL can do)
WIN_SQLITE = -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS4 \
  -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_DBSTAT_VTAB \
  -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_STMTVTAB -DSQLITE_USE_URI=1 \
  -DSQLITE_MAX_VARIABLE_NUMBER=250000 -DSQLITE_SOUNDEX

windows: $(WIN)/muling.dll $(WIN)/muling.exe $(WIN)/host.exe

$(WIN)/deps.done: win/build-deps.sh $(wildcard win/freexl/*.h)
	sh win/build-deps.sh $(WIN_DEPS)
	touch $@

$(WIN)/gbtable.h: win/gbtable.c
	mkdir -p $(WIN)
	$(CC) $(CSTD) -O2 $(WARN) -o $(WIN)/gbtable win/gbtable.c
	$(WIN)/gbtable > $@.tmp && mv $@.tmp $@

$(WIN)/sqlite3.o: | $(WIN)/deps.done
	$(WIN_CC) -O2 $(WIN_SQLITE) -c -o $@ $(WIN_DEPS)/include/sqlite3.c

$(WIN)/muling.dll: $(WIN_EXT) $(EXT_HDR) $(WIN)/deps.done $(WIN)/gbtable.h
	$(WIN_CC) $(WIN_CFLAGS) -shared -Wl,--exclude-libs,ALL -o $@ $(WIN_EXT) $(WIN_LIBS)

$(WIN)/host.exe: tests/host.c $(WIN)/sqlite3.o
	$(WIN_CC) $(CSTD) -O2 $(WARN) -I$(WIN_DEPS)/include -o $@ $< $(WIN)/sqlite3.o -static -lpthread

$(WIN)/muling.exe: $(WIN_CLI) $(WIN_EXT) $(EXT_HDR) build/sqlfiles.c $(wildcard cli/*.h) $(WIN)/sqlite3.o $(WIN)/gbtable.h $(WIN)/deps.done
	$(WIN_CC) $(WIN_CFLAGS) -DSQLITE_CORE -Iext -o $@ \
	  $(WIN_CLI) $(WIN_EXT) build/sqlfiles.c $(WIN)/sqlite3.o -L$(WIN_DEPS)/lib -lxlsxwriter $(WIN_LIBS) -lshell32

# sqlite3.exe, the SQLite shell for Windows, for the tests of `muling shell`
# (users take sqlite.org's; muling.exe finds it beside itself or on PATH)
$(WIN)/sqlite3.exe: $(WIN)/sqlite3.o
	$(WIN_CC) -O2 $(WIN_SQLITE) -DUNICODE -municode -I$(WIN_DEPS)/include -o $@ \
	  $(WIN_DEPS)/include/shell.c $(WIN)/sqlite3.o -static

test-windows: windows $(WIN)/sqlite3.exe all
	sh win/test.sh

test: all
	sh tests/run.sh normal

asan: build/asan/muling.so build/asan/host build/asan/oom $(if $(CLI_SRC),build/asan/muling build/asan/oom_cli) all
	sh tests/run.sh asan

valgrind: all
	sh tests/run.sh valgrind

bench: all
	sh bench/run.sh

demo: all
	sh samples/demo.sh

# Renders the demo's HTML report with headless Chromium when it is installed
# (apt-get install chromium); not part of make test.
screenshot: all
	sh cli/screenshot.sh

fuzz: all
	sh tests/fuzz/run.sh

# Small bugs kept as patches in tests/mutants/, each built in a scratch copy
# (build/mutate/) and run through its module's tests: every one must be
# killed.  Not part of make test (~40 builds).  MUTANTS=GLOB picks some,
# MUTATE_JOBS=2 runs two at once.  See tests/mutate.sh and docs/design.md.
mutate:
	sh tests/mutate.sh

install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(DOCDIR)
	install -m 0644 build/muling.so $(DESTDIR)$(LIBDIR)/muling.so
	if [ -f build/muling ]; then install -m 0755 build/muling $(DESTDIR)$(BINDIR)/muling; fi
	install -m 0644 README.md $(wildcard docs/*.md) $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/muling.so $(DESTDIR)$(BINDIR)/muling
	rm -rf $(DESTDIR)$(DOCDIR)
	-rmdir $(DESTDIR)$(LIBDIR) 2>/dev/null

clean:
	rm -rf build
