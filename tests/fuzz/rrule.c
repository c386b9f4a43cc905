/* Fuzz rrule: the rule string and the two dates come from the input,
** split at newlines.  Every outcome is a list of dates or a clean error,
** in bounded time. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1024) return 0;
  const uint8_t *r, *rest, *a, *b;
  int nr, nrest, na, nb;
  fz_split(data, size, '\n', &r, &nr, &rest, &nrest);
  fz_split(rest, (size_t)nrest, '\n', &a, &na, &b, &nb);
  fz_run("select count(*), min(value), max(value) from rrule(?1, '2023-01-01', '2025-12-31')",
         r, nr, 0, 0, 0, 0, 0);
  fz_run("select count(*) from rrule(?1, ?2, ?3)", r, nr, 0, a, na, b, nb);
  fz_run("select rrule_next(?1, '2023-01-01', ?2)", r, nr, 0, a, na, 0, 0);
  return 0;
}
