/* number.c -- strict decimal numbers in, shortest round-trip numbers out.
 *
 * Fast path: W. D. Clinger, "How to read floating point numbers accurately",
 * PLDI 1990.  When the decimal significand w fits in 53 bits and the power
 * of ten 10^e has |e| <= 22, both w and 10^e are exact doubles, so w*10^e or
 * w/10^-e is one correctly rounded IEEE operation.  Everything else goes to
 * strtod, so every value is bit-identical to strtod's.
 */
#include <config.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

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

  if (ndigits <= 19 && w <= (UINT64_C(1) << 53)) {
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
