/* Fuzz gzip/gunzip/crc32: arbitrary blobs must never crash gunzip, and
** gunzip(gzip(x)) is x at every level. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_run("select gunzip(?1), crc32(?1)", data, (int)size, 1, 0, 0, 0, 0);
  fz_require(fz_int("select gunzip(gzip(?1)) = ?1", data, (int)size, 1) == 1 || size == 0);
  fz_require(fz_int("select gunzip(gzip(?1, 1)) = ?1", data, (int)size, 1) == 1 || size == 0);
  fz_require(fz_int("select crc32(?1) = crc32(gunzip(gzip(?1, 9)))", data, (int)size, 1) == 1 || size == 0);
  return 0;
}
