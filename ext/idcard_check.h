/*
** idcard_check.h — the check character of a Chinese ID number (GB 11643,
** ISO 7064 MOD 11-2), defined once.
**
** ext/idcard.c computes it for idcard_valid, idcard_normalize and
** idcard_check_char; samples/generate.c includes this header to write the
** synthetic city's ID numbers (and its deliberately wrong ones).  Plain C,
** no SQLite, so the generator needs nothing else of the extension.
*/
#ifndef MULING_IDCARD_CHECK_H
#define MULING_IDCARD_CHECK_H

/* Weight of each of the 17 digits: 2^(17-i) mod 11. */
static const unsigned char idcard_weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6,
                                                 3, 7, 9, 10, 5, 8, 4, 2};
/* The check character for each value of the weighted sum mod 11. */
static const char idcard_check_chars[11] = {'1', '0', 'X', '9', '8', '7',
                                            '6', '5', '4', '3', '2'};

/* The weighted sum mod 11 (0..10, an index into idcard_check_chars) of the
** 17 ASCII digits z[0..16], which the caller has checked are digits. */
static inline int idcard_check_index(const char *z) {
  unsigned sum = 0;
  for (int i = 0; i < 17; i++) sum += (unsigned)(z[i] - '0') * idcard_weights[i];
  return (int)(sum % 11);
}

/* The check character ('0'..'9' or 'X') of the 17 ASCII digits z[0..16]. */
static inline char idcard_check_of(const char *z) {
  return idcard_check_chars[idcard_check_index(z)];
}

#endif /* MULING_IDCARD_CHECK_H */
