/* win/freexl/iconv.h — FreeXL's <iconv.h> in the Windows build
** (win/build-deps.sh): mingw has no iconv; ext/win32.h's stands in, which
** converts the code pages FreeXL asks for through the Win32 API. */
#include <stddef.h>
#include "win32.h"
