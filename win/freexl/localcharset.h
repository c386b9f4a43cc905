/* win/freexl/localcharset.h — FreeXL includes it on Windows and never
** calls it (win/build-deps.sh). */
const char *locale_charset(void);
