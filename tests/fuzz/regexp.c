/* Fuzz the PCRE2 functions: pattern and subject from the input (split at
** the first NUL); every outcome must be an answer or a clean error. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 2048) return 0;
  const uint8_t *p, *s;
  int np, ns;
  fz_split(data, size, 0, &p, &np, &s, &ns);
  fz_run("select regexp_like(?2, ?1), regexp_substr(?2, ?1),"
         " regexp_substr(?2, ?1, 1), regexp_count(?2, ?1),"
         " regexp_replace(?2, ?1, '<$0>'), ?2 regexp ?1",
         p, np, 0, s, ns, 0, 0);
  fz_run("select count(*) from regexp_matches(?2, ?1)", p, np, 0, s, ns, 0, 0);
  /* the replacement text itself is fuzzed too */
  fz_run("select regexp_replace(?2, '(.)', ?1)", p, np, 0, s, ns, 0, 0);
  return 0;
}
