/* number.c -- strict decimal numbers in, shortest round-trip numbers out.
 *
 * Fast path: W. D. Clinger, "How to read floating point numbers accurately",
 * PLDI 1990.  When the decimal significand w fits in 53 bits and the power
 * of ten 10^e has |e| <= 22, both w and 10^e are exact doubles, so w*10^e or
 * w/10^-e is one correctly rounded IEEE operation.  Everything else goes to
 * strtod, so every value is bit-identical to strtod's.
 *
 * nn_number_parse_padded reads short numbers 8 bytes at a time ("SWAR"):
 * byte tests from H. S. Warren, "Hacker's Delight", 2nd ed., 2013, §6-1;
 * eight digits in three multiplications from D. Lemire's fast_float and
 * "Number Parsing at a Gigabyte per Second", Software: Practice and
 * Experience 51(8), 2021.  It ends in Clinger's fast path like the rest.
 */
#include <config.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"

#if FLT_EVAL_METHOD != 0
#error "the exact fast path needs double arithmetic without extended precision"
#endif

static const double pow10_exact[23] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static int is_digit(char c) { return (unsigned char) (c - '0') < 10; }

int nn_number_parse(const char *s, size_t len, double *x)
{
  const char *p = s, *end = s + len;
  int negative = 0;
  if (p < end && (*p == '+' || *p == '-'))
    negative = *p++ == '-';

  uint64_t w = 0;      /* significand, while it has at most 19 digits */
  int ndigits = 0;     /* significant digits seen (leading zeros skipped) */
  int frac_digits = 0; /* significant digits after the point */
  int any = 0;         /* digits on either side of the point */
  for (; p < end && is_digit(*p); p++) {
    any = 1;
    if (w == 0 && *p == '0')
      continue;
    if (ndigits < 19)
      w = 10 * w + (uint64_t) (*p - '0');
    ndigits++;
  }
  if (p < end && *p == '.') {
    p++;
    for (; p < end && is_digit(*p); p++) {
      any = 1;
      if (w == 0 && *p == '0') {
        frac_digits++;  /* a leading zero still shifts the point */
        continue;
      }
      if (ndigits < 19)
        w = 10 * w + (uint64_t) (*p - '0');
      ndigits++;
      frac_digits++;
    }
  }
  if (!any)
    return NN_NUMBER_SYNTAX;
  long e = 0;
  if (p < end && (*p == 'e' || *p == 'E')) {
    p++;
    int eneg = 0;
    if (p < end && (*p == '+' || *p == '-'))
      eneg = *p++ == '-';
    if (p == end || !is_digit(*p))
      return NN_NUMBER_SYNTAX;
    for (; p < end && is_digit(*p); p++)
      if (e < 100000)
        e = 10 * e + (*p - '0');
    if (eneg)
      e = -e;
  }
  if (p != end)
    return NN_NUMBER_SYNTAX;

  /* An exponent of 100000 or more was capped above, and e - frac_digits
   * could then cancel wrongly against a long fraction: strtod decides. */
  if (ndigits <= 19 && w <= (UINT64_C(1) << 53) && e > -100000 && e < 100000) {
    long e10 = e - frac_digits;
    if (w == 0) {
      *x = negative ? -0.0 : 0.0;
      return NN_NUMBER_OK;
    }
    if (e10 >= -22 && e10 <= 22) {
      double v = (double) w;
      v = e10 < 0 ? v / pow10_exact[-e10] : v * pow10_exact[e10];
      *x = negative ? -v : v;
      return NN_NUMBER_OK;
    }
  }

  /* The syntax is plain decimal, so strtod reads exactly LEN bytes. */
  errno = 0;
  char *stop;
  double v = strtod(s, &stop);
  if (stop != end)
    return NN_NUMBER_SYNTAX;
  if (errno == ERANGE && isinf(v))
    return NN_NUMBER_RANGE;
  *x = v;
  return NN_NUMBER_OK;
}

#if defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ASCII_ZEROS UINT64_C(0x3030303030303030)  /* "00000000" */

/* The high bit of each byte of X that equals C (Warren, §6-1). */
static uint64_t bytes_equal(uint64_t x, unsigned char c)
{
  const uint64_t low7 = UINT64_C(0x7f7f7f7f7f7f7f7f);
  x ^= UINT64_C(0x0101010101010101) * c;  /* bytes equal to C become 0 */
  return ~(((x & low7) + low7) | x | low7);
}

/* Read the N (1 to 8) bytes at P, of which 8 can be read, as digits with at
 * most one point among them: *W gets the digits as an integer (< 10^8),
 * *FRAC how many follow the point.  0 when P holds anything else.  No
 * branch depends on the digits, so no length or point position is
 * mispredicted. */
static int short_decimal(const char *p, size_t n, uint64_t *w, int *frac)
{
  uint64_t x;
  memcpy(&x, p, 8);  /* little-endian: p[0] in the low byte */
  unsigned shift = 8 * (unsigned) (8 - n);
  /* The N bytes to the top (the rest shifted out), '0's below them: the
   * number right-aligned with leading zeros, as in "00012.34". */
  x = x << shift | (ASCII_ZEROS & ((UINT64_C(1) << shift) - 1));
  uint64_t point = bytes_equal(x, '.');
  if ((point & (point - 1)) != 0 || n == (point != 0))
    return 0;  /* two points, or no digit */
  /* The point's byte is the (ctz / 8)th; without one, say the top (7th). */
  *frac = 7 - __builtin_ctzll(point | UINT64_C(1) << 63) / 8;
  /* Take the point out: the bytes before it move up one, a '0' comes in at
   * the bottom ("00012.34" becomes "00001234"); nothing moves without one. */
  uint64_t before = (point >> 7) - (point != 0), at = (point >> 7) * 0xff;
  x = (x & ~(before | at)) | (x & before) << 8 | (0x30 & (before | at));
  if ((((x + UINT64_C(0x4646464646464646)) | (x - ASCII_ZEROS)) &
       UINT64_C(0x8080808080808080)) != 0)
    return 0;  /* some byte is not a digit */
  x -= ASCII_ZEROS;       /* digit values, the most significant lowest */
  x = x * 10 + (x >> 8);  /* every other byte: a pair 10 a + b */
  const uint64_t pairs = UINT64_C(0x000000FF000000FF);
  *w = ((x & pairs) * (100 + (UINT64_C(1000000) << 32)) +
        ((x >> 16) & pairs) * (1 + (UINT64_C(10000) << 32))) >> 32;
  return 1;
}
#endif

int nn_number_parse_padded(const char *s, size_t len, double *x)
{
#if defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const char *p = s + (*s == '+' || *s == '-');
  size_t n = len - (size_t) (p - s);
  uint64_t w;
  int frac;
  if (n - 1 < 8 && short_decimal(p, n, &w, &frac)) {  /* 1 <= n <= 8 */
    double v = (double) w / pow10_exact[frac];  /* both exact: Clinger */
    *x = *s == '-' ? -v : v;
    return NN_NUMBER_OK;
  }
#endif
  return nn_number_parse(s, len, x);
}

int nn_number_format(char buf[NN_NUMBER_BUFSIZE], double x)
{
  if (isnan(x))
    return snprintf(buf, NN_NUMBER_BUFSIZE, "nan");
  if (isinf(x))
    return snprintf(buf, NN_NUMBER_BUFSIZE, x < 0 ? "-inf" : "inf");
  int n = 0;
  for (int prec = 15; prec <= 17; prec++) {
    n = snprintf(buf, NN_NUMBER_BUFSIZE, "%.*g", prec, x);
    if (prec == 17 || strtod(buf, NULL) == x)
      break;
  }
  return n;
}
