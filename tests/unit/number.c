/* tests/unit/number.c -- Check suite for lib/number.h: strict decimal
 * syntax, bit-identity with strtod, shortest round-trip output.
 *
 * The random strings come from a fixed-seed xorshift generator, so every
 * run tests the same inputs and a failure can be reproduced.
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
#include "unit.h"

/* -- helpers ---------------------------------------------------------------- */

/* xorshift64* (Marsaglia 2003; Vigna 2016): small, fast, reproducible. */
static uint64_t rng_state;

static void rng_seed(uint64_t seed) { rng_state = seed ? seed : 1; }

static uint64_t rng_next(void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * UINT64_C(2685821657736338717);
}

/* Uniform in [0, n). */
static unsigned rng_below(unsigned n) { return (unsigned) (rng_next() % n); }

/* Uniform in [lo, hi]. */
static int rng_range(int lo, int hi) { return lo + (int) rng_below((unsigned) (hi - lo + 1)); }

/* A double with random bits: every exponent, denormals, both signs. */
static double random_finite_double(void)
{
  for (;;) {
    uint64_t bits = rng_next();
    double x;
    memcpy(&x, &bits, sizeof x);
    if (isfinite(x))
      return x;
  }
}

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

static int parse(const char *s, double *x) { return nn_number_parse(s, strlen(s), x); }

/* Assert that nn_number_parse accepts S and gives strtod's bits. */
static void check_like_strtod(const char *s)
{
  double x = 12345.0, y = strtod(s, NULL);
  int r = parse(s, &x);
  ASSERT_TRUE(r == NN_NUMBER_OK, "'%s': status %d, expected OK", s, r);
  ASSERT_TRUE(same_bits(x, y), "'%s': nn_number_parse gives %a, strtod %a", s, x, y);
}

/* Assert that nn_number_format writes a text that parses back to X's bits,
 * and that it is no longer than needed: %.15g, %.16g or %.17g, the first of
 * them that round-trips. */
static void check_format(double x)
{
  char buf[NN_NUMBER_BUFSIZE], want[64];
  memset(buf, 'Z', sizeof buf);
  int n = nn_number_format(buf, x);
  ASSERT_TRUE(n == (int) strlen(buf) && n < NN_NUMBER_BUFSIZE, "%a: length %d of '%s'", x, n, buf);
  double y = 0;
  ASSERT_TRUE(parse(buf, &y) == NN_NUMBER_OK, "%a printed as '%s', which does not parse", x, buf);
  ASSERT_TRUE(same_bits(x, y), "%a printed as '%s', which reads back as %a", x, buf, y);
  for (int prec = 15; prec <= 17; prec++) {
    snprintf(want, sizeof want, "%.*g", prec, x);
    if (prec == 17 || same_bits(strtod(want, NULL), x))
      break;
  }
  ASSERT_TRUE(strcmp(buf, want) == 0, "%a printed as '%s', not '%s'", x, buf, want);
}

/* -- syntax --------------------------------------------------------------- */

START_TEST(parse_accepts_decimal_forms)
{
  static const struct { const char *s; double x; } ok[] = {
    {"1", 1}, {"-0", -0.0}, {"+2.5", 2.5}, {".5", 0.5}, {"1.", 1},
    {"1e5", 1e5}, {"1E-5", 1e-5}, {"-1.25e+3", -1250}, {"0", 0},
    {"+0.0", 0}, {"-.5", -0.5}, {"007", 7}, {"0.000123", 0.000123},
    {"1e0", 1}, {"1e-0", 1}, {"123456789", 123456789}, {"9e-1", 0.9},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    double x = 999;
    ck_assert_msg(parse(ok[i].s, &x) == NN_NUMBER_OK, "'%s' rejected", ok[i].s);
    ck_assert_msg(same_bits(x, ok[i].x), "'%s' reads as %a, not %a", ok[i].s, x, ok[i].x);
  }
}
END_TEST

START_TEST(parse_keeps_sign_of_zero)
{
  double x = 1;
  ck_assert_int_eq(parse("-0", &x), NN_NUMBER_OK);
  ck_assert(x == 0 && signbit(x));
  ck_assert_int_eq(parse("-0.000e99", &x), NN_NUMBER_OK);
  ck_assert(x == 0 && signbit(x));
  ck_assert_int_eq(parse("0", &x), NN_NUMBER_OK);
  ck_assert(x == 0 && !signbit(x));
}
END_TEST

START_TEST(parse_rejects_non_decimal_syntax)
{
  static const char *bad[] = {
    "", " 1", "1 ", "1.5x", "nan", "NaN", "inf", "-inf", "0x1p3", "1e",
    "e5", ".", "-", "1..2", "1e5.5", "+", "+-1", "--1", "1e+", "1e-",
    ".e5", "1,5", "infinity", "1_000", "\t1", "1\n", "0x10", "1d5", "\xd9\xa1" /* Arabic-Indic one */,
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    double x = 42;
    int r = parse(bad[i], &x);
    ck_assert_msg(r == NN_NUMBER_SYNTAX, "'%s': status %d, expected NN_NUMBER_SYNTAX", bad[i], r);
    ck_assert_msg(x == 42, "'%s': the result was written on an error", bad[i]);
  }
}
END_TEST

START_TEST(parse_reads_exactly_len_bytes)
{
  /* An embedded NUL ends nothing: the LEN bytes must all be the number. */
  double x = 0;
  ck_assert_int_eq(nn_number_parse("1\0" "2", 3, &x), NN_NUMBER_SYNTAX);
  ck_assert_int_eq(nn_number_parse("12\0", 3, &x), NN_NUMBER_SYNTAX);
  ck_assert_int_eq(nn_number_parse("12", 2, &x), NN_NUMBER_OK);
  ck_assert(x == 12);
}
END_TEST

START_TEST(parse_overflow_is_a_range_error)
{
  static const char *big[] = {"1e400", "-1e400", "1e309", "1.8e308",
                              "179769313486231590000000000000000000000e300",
                              "1e99999999999999999999"};
  for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
    double x = 42;
    int r = parse(big[i], &x);
    ck_assert_msg(r == NN_NUMBER_RANGE, "'%s': status %d, expected NN_NUMBER_RANGE", big[i], r);
  }
  double x = 0;  /* the largest double, and the last text that rounds to it */
  ck_assert_int_eq(parse("1.7976931348623157e308", &x), NN_NUMBER_OK);
  ck_assert(x == DBL_MAX);
  ck_assert_int_eq(parse("-1.797693134862315807e308", &x), NN_NUMBER_OK);
  ck_assert(x == -DBL_MAX);
}
END_TEST

START_TEST(parse_underflow_gives_zero_or_denormal)
{
  double x = 42;
  ck_assert_int_eq(parse("1e-400", &x), NN_NUMBER_OK);
  ck_assert(x == 0 && !signbit(x));
  ck_assert_int_eq(parse("-1e-400", &x), NN_NUMBER_OK);
  ck_assert(x == 0 && signbit(x));
  ck_assert_int_eq(parse("1e-99999999999999999999", &x), NN_NUMBER_OK);
  ck_assert(x == 0);
  ck_assert_int_eq(parse("4.9e-324", &x), NN_NUMBER_OK);
  ck_assert(x == DBL_TRUE_MIN);
  ck_assert_int_eq(parse("2.2250738585072014e-308", &x), NN_NUMBER_OK);
  ck_assert(x == DBL_MIN);
  static const char *tiny[] = {"2.4703282292062327e-324", "2.4703282292062328e-324",
                               "1e-323", "2.225073858507201e-308", "1e-310"};
  for (size_t i = 0; i < sizeof tiny / sizeof tiny[0]; i++)
    check_like_strtod(tiny[i]);
}
END_TEST

/* -- bit-identity with strtod ------------------------------------------------ */

START_TEST(parse_small_integers_like_strtod)
{
  char s[32];
  for (int i = 0; i <= 255; i++) {
    snprintf(s, sizeof s, "%d", i);
    check_like_strtod(s);
    snprintf(s, sizeof s, "-%d.", i);
    check_like_strtod(s);
  }
}
END_TEST

START_TEST(parse_two_decimal_values_like_strtod)
{
  char s[32];
  rng_seed(2);
  for (int i = 0; i < 20000; i++) {
    snprintf(s, sizeof s, "%s%u.%02u", rng_below(2) ? "-" : "", rng_below(100000), rng_below(100));
    check_like_strtod(s);
  }
  for (int i = 0; i < 10000; i++) {  /* every value of 0.00 to 99.99 */
    snprintf(s, sizeof s, "%d.%02d", i / 100, i % 100);
    check_like_strtod(s);
  }
}
END_TEST

/* Up to MAXDIG random significant digits, a point somewhere (or none), and
 * maybe an exponent in [-30, 30]. */
static void random_decimal(char *s, size_t size, int maxdig)
{
  char digits[64];
  int n = rng_range(1, maxdig), point = rng_range(-1, n);
  for (int i = 0; i < n; i++)
    digits[i] = (char) ('0' + rng_below(10));
  digits[n] = '\0';
  size_t k = 0;
  const char *sign = (const char *[]){"", "-", "+"}[rng_below(3)];
  k += (size_t) snprintf(s + k, size - k, "%s", sign);
  if (point < 0)
    k += (size_t) snprintf(s + k, size - k, "%s", digits);
  else
    k += (size_t) snprintf(s + k, size - k, "%.*s.%s", point, digits, digits + point);
  if (rng_below(2))
    snprintf(s + k, size - k, "%c%d", rng_below(2) ? 'e' : 'E', rng_range(-30, 30));
}

START_TEST(parse_up_to_19_digits_like_strtod)
{
  char s[64];
  rng_seed(19);
  for (int i = 0; i < 200000; i++) {
    random_decimal(s, sizeof s, 19);
    check_like_strtod(s);
  }
}
END_TEST

START_TEST(parse_longer_significands_like_strtod)
{
  /* More than 19 digits: the slow path, and its boundary. */
  char s[64];
  rng_seed(40);
  for (int i = 0; i < 50000; i++) {
    random_decimal(s, sizeof s, 40);
    check_like_strtod(s);
  }
  static const char *fixed[] = {
    "1.000000000000000000000", "123456789012345678901234567890",
    "9999999999999999999", "10000000000000000000", "18446744073709551615",
    "18446744073709551616", "0.30000000000000000000000000001",
    "2.22507385850720138309e-308", "000000000000000000000000000001",
    "0.0000000000000000000000000000000000000001e40",
  };
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
    check_like_strtod(fixed[i]);
}
END_TEST

START_TEST(parse_printed_doubles_like_strtod)
{
  /* %.17g of random doubles, of every magnitude, and %.15g/%.16g too. */
  char s[64];
  rng_seed(17);
  for (int i = 0; i < 100000; i++) {
    double x = random_finite_double();
    snprintf(s, sizeof s, "%.*g", 15 + (int) rng_below(3), x);
    check_like_strtod(s);
  }
  for (int i = 0; i < 100000; i++) {  /* doubles of moderate size */
    double x = ldexp((double) (rng_next() >> 11), rng_range(-120, 70));
    snprintf(s, sizeof s, "%.17g", rng_below(2) ? x : -x);
    check_like_strtod(s);
  }
}
END_TEST

START_TEST(parse_near_2_to_53_like_strtod)
{
  /* 2^53 = 9007199254740992: above it not every integer is a double, so the
   * fast path must hand these to strtod (ties to even). */
  char s[64];
  for (long d = -2000; d <= 2000; d++) {
    long long v = 9007199254740992LL + d;
    snprintf(s, sizeof s, "%lld", v);
    check_like_strtod(s);
    snprintf(s, sizeof s, "%lld.5", v);
    check_like_strtod(s);
    snprintf(s, sizeof s, "%lld.%lld", v / 1000, v % 1000);
    check_like_strtod(s);
    snprintf(s, sizeof s, "%llde-3", v);
    check_like_strtod(s);
    snprintf(s, sizeof s, "%llde7", v);
    check_like_strtod(s);
  }
}
END_TEST

START_TEST(parse_leading_zeros_like_strtod)
{
  static const char *fixed[] = {
    "0.000123", "007", "-007.50", "00000000000000000000000000001",
    "0.0000000000000000000000000000000000000000000000000000000123",
    "000123456789012345678.9", "0.00000000000000000000009007199254740993",
    "00.00", "0e0", "-0.0e-0",
  };
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
    check_like_strtod(fixed[i]);
  char s[128], digits[20];
  rng_seed(7);
  for (int i = 0; i < 50000; i++) {
    int zeros = rng_range(0, 40), n = rng_range(1, 19);
    for (int k = 0; k < n; k++)
      digits[k] = (char) ('0' + rng_below(10));
    digits[n] = '\0';
    snprintf(s, sizeof s, "%.*s%s", zeros, "0000000000000000000000000000000000000000", digits);
    check_like_strtod(s);
    snprintf(s, sizeof s, "0.%.*s%s", zeros, "0000000000000000000000000000000000000000", digits);
    check_like_strtod(s);
    snprintf(s, sizeof s, "-0%.*s.%se%d", zeros, "0000000000000000000000000000000000000000", digits,
             rng_range(-30, 30));
    check_like_strtod(s);
  }
}
END_TEST

START_TEST(parse_huge_exponent_with_long_fraction_like_strtod)
{
  /* The exponent and the count of fraction digits can cancel: 10^-100000 *
   * 10^100005 = 10^5, and 10^-100000 * 10^1000000 overflows. */
  size_t n = 100000;
  char *s = malloc(n + 32);
  ck_assert_ptr_nonnull(s);
  memcpy(s, "0.", 2);
  memset(s + 2, '0', n - 1);
  strcpy(s + 2 + n - 1, "1e100005");
  check_like_strtod(s);
  double x = 0;
  ck_assert_int_eq(parse(s, &x), NN_NUMBER_OK);
  ck_assert(x == 1e5);
  strcpy(s + 2 + n - 1, "1e1000000");
  ck_assert_int_eq(parse(s, &x), NN_NUMBER_RANGE);
  strcpy(s + 2 + n - 1, "1e99999");
  check_like_strtod(s);
  free(s);
}
END_TEST

/* -- output ---------------------------------------------------------------- */

START_TEST(format_round_trips_random_doubles)
{
  rng_seed(99);
  for (int i = 0; i < 100000; i++)
    check_format(random_finite_double());
  for (int i = 0; i < 20000; i++) {  /* denormals */
    double x;
    uint64_t bits = rng_next() & ((UINT64_C(1) << 52) - 1);
    memcpy(&x, &bits, sizeof x);
    check_format(rng_below(2) ? x : -x);
  }
}
END_TEST

START_TEST(format_round_trips_extremes)
{
  const double x[] = {0.0, -0.0, DBL_MAX, -DBL_MAX, DBL_MIN, -DBL_MIN,
                      DBL_TRUE_MIN, -DBL_TRUE_MIN, nextafter(DBL_MIN, 0),
                      DBL_EPSILON, 1 + DBL_EPSILON, 1 - DBL_EPSILON / 2,
                      9007199254740993.0, 1e23, 5e-324, 1, -1};
  for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
    check_format(x[i]);
  char buf[NN_NUMBER_BUFSIZE];
  nn_number_format(buf, -0.0);
  ck_assert_str_eq(buf, "-0");
  nn_number_format(buf, 0.0);
  ck_assert_str_eq(buf, "0");
}
END_TEST

START_TEST(format_prints_non_finite_as_words)
{
  char buf[NN_NUMBER_BUFSIZE];
  ck_assert_int_eq(nn_number_format(buf, NAN), 3);
  ck_assert_str_eq(buf, "nan");
  ck_assert_int_eq(nn_number_format(buf, INFINITY), 3);
  ck_assert_str_eq(buf, "inf");
  ck_assert_int_eq(nn_number_format(buf, -INFINITY), 4);
  ck_assert_str_eq(buf, "-inf");
}
END_TEST

START_TEST(format_is_short_when_it_can_be)
{
  char buf[NN_NUMBER_BUFSIZE];
  static const struct { double x; const char *s; } cases[] = {
    {0.1, "0.1"}, {0.2, "0.2"}, {-2.5, "-2.5"}, {100, "100"}, {1e-5, "1e-05"},
    {1e100, "1e+100"}, {123456789012345.0, "123456789012345"},
    {0.1 + 0.2, "0.30000000000000004"}, {1e21, "1e+21"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    nn_number_format(buf, cases[i].x);
    ck_assert_str_eq(buf, cases[i].s);
  }
  /* 1/3 needs 16 or 17 digits, but not more, and still reads back. */
  int n = nn_number_format(buf, 1.0 / 3);
  ck_assert_int_le(n, (int) strlen("0.33333333333333331"));
  double y;
  ck_assert_int_eq(parse(buf, &y), NN_NUMBER_OK);
  ck_assert(same_bits(y, 1.0 / 3));
  /* Every 15-digit decimal prints as its own %.15g text. */
  rng_seed(15);
  char want[64];
  for (int i = 0; i < 20000; i++) {
    double x = strtod((snprintf(want, sizeof want, "%.15g", random_finite_double()), want), NULL);
    nn_number_format(buf, x);
    snprintf(want, sizeof want, "%.15g", x);
    ASSERT_TRUE(strcmp(buf, want) == 0, "%a printed as '%s', not '%s'", x, buf, want);
  }
}
END_TEST

/* -- runner -------------------------------------------------------------- */

static Suite *number_suite(void)
{
  Suite *s = suite_create("number");
  TCase *syntax = tcase_create("syntax");
  tcase_add_test(syntax, parse_accepts_decimal_forms);
  tcase_add_test(syntax, parse_keeps_sign_of_zero);
  tcase_add_test(syntax, parse_rejects_non_decimal_syntax);
  tcase_add_test(syntax, parse_reads_exactly_len_bytes);
  tcase_add_test(syntax, parse_overflow_is_a_range_error);
  tcase_add_test(syntax, parse_underflow_gives_zero_or_denormal);
  suite_add_tcase(s, syntax);

  TCase *strtod_tc = tcase_create("like_strtod");
  tcase_set_timeout(strtod_tc, 120);
  tcase_add_test(strtod_tc, parse_small_integers_like_strtod);
  tcase_add_test(strtod_tc, parse_two_decimal_values_like_strtod);
  tcase_add_test(strtod_tc, parse_up_to_19_digits_like_strtod);
  tcase_add_test(strtod_tc, parse_longer_significands_like_strtod);
  tcase_add_test(strtod_tc, parse_printed_doubles_like_strtod);
  tcase_add_test(strtod_tc, parse_near_2_to_53_like_strtod);
  tcase_add_test(strtod_tc, parse_leading_zeros_like_strtod);
  tcase_add_test(strtod_tc, parse_huge_exponent_with_long_fraction_like_strtod);
  suite_add_tcase(s, strtod_tc);

  TCase *format = tcase_create("format");
  tcase_set_timeout(format, 120);
  tcase_add_test(format, format_round_trips_random_doubles);
  tcase_add_test(format, format_round_trips_extremes);
  tcase_add_test(format, format_prints_non_finite_as_words);
  tcase_add_test(format, format_is_short_when_it_can_be);
  suite_add_tcase(s, format);
  return s;
}

int main(void)
{
  return unit_run(number_suite());
}
