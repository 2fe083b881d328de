/* tests/unit/unit.h -- what the Check suites share.
 *
 * Check reports every passing ck_assert to the parent process (one write
 * per assertion), which is slow in loops of many thousand checks.  The
 * ASSERT_* macros run the same Check assertion only when a cheap test
 * fails, so a failure is reported by Check in its usual words.
 */
#ifndef NN_TESTS_UNIT_H
#define NN_TESTS_UNIT_H

#include <check.h>
#include <math.h>
#include <stdlib.h>

/* |X - Y| < TOL, as ck_assert_double_eq_tol tests it. */
#define ASSERT_NEAR(x, y, tol)                   \
  do {                                           \
    double x_ = (x), y_ = (y), tol_ = (tol);     \
    if (!(fabs(y_ - x_) < tol_))                 \
      ck_assert_double_eq_tol(x_, y_, tol_);     \
  } while (0)

/* COND, else fail with the printf-style message that follows. */
#define ASSERT_TRUE(cond, ...)                   \
  do {                                           \
    if (!(cond))                                 \
      ck_abort_msg(__VA_ARGS__);                 \
  } while (0)

/* Run the suite S, every test in its own process (Check's default), with
 * one line per test in the log; the exit status for the test harness. */
static inline int unit_run(Suite *s)
{
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_VERBOSE);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* Add the N tests T[0..n-1] to S as one test case NAME, each allowed
 * TIMEOUT seconds. */
static inline void unit_add_tests(Suite *s, const char *name,
                                  const TTest *const *t, size_t n,
                                  double timeout)
{
  TCase *tc = tcase_create(name);
  for (size_t i = 0; i < n; i++)
    tcase_add_test(tc, t[i]);
  tcase_set_timeout(tc, timeout);
  suite_add_tcase(s, tc);
}

#endif
