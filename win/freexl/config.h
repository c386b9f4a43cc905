/* win/freexl/config.h — what FreeXL's configure would write for the
** Windows build (win/build-deps.sh): freexl.c uses VERSION only. */
#define VERSION "1.0.6"
