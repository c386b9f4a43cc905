/* Fuzz the reference-data parsers: ID numbers, ethnic names, phones. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096) return 0;
  fz_run("select idcard_valid(?1), idcard_kind(?1), idcard_normalize(?1),"
         " idcard_birth(?1), idcard_sex(?1), idcard_age(?1, '2024-06-30'),"
         " idcard_region(?1), idcard_province(?1), idcard_mask(?1),"
         " idcard_mask(?1, 3, 4)",
         data, (int)size, 0, 0, 0, 0, 0);
  /* a normalized number is valid, and normalizing it again changes nothing */
  char *n = fz_text("select idcard_normalize(?1)", data, (int)size);
  if (n) {
    char *v = fz_text("select idcard_valid(?1)", n, -1);
    char *again = fz_text("select idcard_normalize(?1)", n, -1);
    fz_require(v && strcmp(v, "1") == 0);
    fz_require(again && strcmp(again, n) == 0);
    free(v);
    free(again);
    free(n);
  }
  /* a code that ethnic_code finds has a name, and the name finds the code */
  char *code = fz_text("select ethnic_code(?1)", data, (int)size);
  if (code) {
    char *back = fz_text("select ethnic_code(ethnic_name(?1))", code, -1);
    fz_require(back && strcmp(back, code) == 0);
    free(back);
    free(code);
  }
  fz_run("select ethnic_name(?1), phone_valid(?1), phone_mask(?1),"
         " phone_normalize(?1), name_mask(?1)",
         data, (int)size, 0, 0, 0, 0, 0);
  fz_run("select ethnic_code(?1), idcard_valid(?1), name_mask(?1)", data,
         (int)size, 1, 0, 0, 0, 0);
  return 0;
}
