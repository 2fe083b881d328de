/* tests/unit/loss.c -- Check suite for lib/loss.h: softmax, log-softmax,
 * cross-entropy and its gradient, softmax-MSE, argmax.
 *
 * NOTES.md §5: y'_i = exp(y_i) / sum_j exp(y_j); e = -ln y'_k.  Known answers
 * from the notes, identities between the functions on random logits
 * (fixed seed), and the gradient against central finite differences.
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "loss.h"
#include "unit.h"

#define MAXN 16

static const double LN2 = 0.693147180559945309417232121458176568;

/* -- helpers ---------------------------------------------------------------- */


/* xorshift64*, fixed seed: the same "random" logits on every run. */
static uint64_t rng_state = 88172645463325252u;

static uint64_t rng_next(void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * UINT64_C(2685821657736338717);
}

/* Uniform in [lo, hi). */
static double rng_uniform(double lo, double hi)
{
  return lo + (hi - lo) * (double) (rng_next() >> 11) * 0x1p-53;
}

static size_t rng_size(size_t lo, size_t hi)
{
  return lo + (size_t) (rng_next() % (hi - lo + 1));
}

static void random_logits(double *z, size_t n, double scale)
{
  for (size_t i = 0; i < n; i++)
    z[i] = rng_uniform(-scale, scale);
}

/* -- known answers ------------------------------------------------------------ */

START_TEST(softmax_of_notes_example)
{
  /* NOTES.md §5: softmax(3, 1, -3) = (0.8789, 0.1189, 0.0022). */
  const double z[3] = {3, 1, -3}, printed[3] = {0.8789, 0.1189, 0.0022};
  double p[3];
  nn_softmax(z, 3, 1, p);
  for (int i = 0; i < 3; i++)
    ck_assert_double_eq_tol(p[i], printed[i], 0.5e-4 + 1e-12);
  /* The direct formula, harmless for logits this small. */
  double s = exp(3) + exp(1) + exp(-3);
  ck_assert_double_eq_tol(p[0], exp(3) / s, 4 * DBL_EPSILON);
  ck_assert_double_eq_tol(p[1], exp(1) / s, 4 * DBL_EPSILON);
  ck_assert_double_eq_tol(p[2], exp(-3) / s, 4 * DBL_EPSILON * p[2]);
}
END_TEST

START_TEST(softmax_in_place)
{
  double z[3] = {3, 1, -3}, p[3];
  nn_softmax(z, 3, 1, p);
  nn_softmax(z, 3, 1, z);
  for (int i = 0; i < 3; i++)
    ck_assert(z[i] == p[i]);
  double y[3] = {3, 1, -3}, lp[3];
  nn_log_softmax(y, 3, 1, lp);
  nn_log_softmax(y, 3, 1, y);
  for (int i = 0; i < 3; i++)
    ck_assert(y[i] == lp[i]);
}
END_TEST

START_TEST(softmax_of_equal_logits_is_uniform)
{
  for (size_t n = 1; n <= MAXN; n++) {
    double z[MAXN], p[MAXN];
    for (size_t i = 0; i < n; i++)
      z[i] = 12.5;
    nn_softmax(z, n, 1, p);
    for (size_t i = 0; i < n; i++)
      ck_assert_double_eq_tol(p[i], 1.0 / (double) n, 2 * DBL_EPSILON / (double) n);
    nn_log_softmax(z, n, 0.3, p);
    for (size_t i = 0; i < n; i++)
      ck_assert_double_eq_tol(p[i], -log((double) n), 4 * DBL_EPSILON);
  }
}
END_TEST

START_TEST(softmax_of_huge_logits_is_exact)
{
  /* The max-shift trick: no overflow, and exact answers where the true
   * probabilities are 1, 0 or 1/2 to within far less than an ulp. */
  static const struct { size_t n; double z[3], p[3]; } rows[] = {
    {3, {1000, -1000, 0}, {1, 0, 0}},
    {3, {1e308, 1e308, -1e308}, {0.5, 0.5, 0}},
    {2, {-1e4, -1e4}, {0.5, 0.5}},
    {3, {-DBL_MAX, DBL_MAX, 0}, {0, 1, 0}},
    {2, {1e4, -1e4}, {1, 0}},
  };
  /* T <= 1, so that exp(-1000 / T) underflows to 0 as exp(-1000) does. */
  for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
    for (double T = 0.25; T <= 1; T *= 2) {
      double p[3];
      nn_softmax(rows[r].z, rows[r].n, T, p);
      for (size_t i = 0; i < rows[r].n; i++)
        ck_assert_msg(p[i] == rows[r].p[i], "row %zu, T %g: p[%zu] = %a, not %a", r, T, i, p[i],
                      rows[r].p[i]);
    }
}
END_TEST

START_TEST(log_softmax_of_huge_logits)
{
  double lp[3];
  nn_log_softmax((const double[]){1000, -1000, 0}, 3, 1, lp);
  ck_assert(lp[0] == 0 && lp[1] == -2000 && lp[2] == -1000);
  nn_log_softmax((const double[]){1000, -1000, 0}, 3, 2, lp);
  ck_assert(lp[0] == 0 && lp[1] == -1000 && lp[2] == -500);
  /* Logits more than DBL_MAX apart: -inf is the documented answer. */
  nn_log_softmax((const double[]){1e308, 1e308, -1e308}, 3, 1, lp);
  ck_assert_double_eq_tol(lp[0], -LN2, 2 * DBL_EPSILON);
  ck_assert_double_eq_tol(lp[1], -LN2, 2 * DBL_EPSILON);
  ck_assert(isinf(lp[2]) && lp[2] < 0);
  nn_log_softmax((const double[]){-1e4, -1e4}, 2, 1, lp);
  ck_assert_double_eq_tol(lp[0], -LN2, 2 * DBL_EPSILON);
  ck_assert_double_eq_tol(lp[1], -LN2, 2 * DBL_EPSILON);
}
END_TEST

START_TEST(logsumexp_does_not_overflow)
{
  ck_assert_double_eq_tol(nn_logsumexp((const double[]){1000, 1000}, 2, 1), 1000 + LN2,
                          4 * DBL_EPSILON * 1000);
  ck_assert_double_eq_tol(nn_logsumexp((const double[]){-1000, -1000, -1000, -1000}, 4, 1),
                          -1000 + 2 * LN2, 4 * DBL_EPSILON * 1000);
  ck_assert(nn_logsumexp((const double[]){1000, -1000, 0}, 3, 1) == 1000);
  ck_assert_double_eq_tol(nn_logsumexp((const double[]){3, 1, -3}, 3, 1),
                          log(exp(3) + exp(1) + exp(-3)), 4 * DBL_EPSILON * 3);
}
END_TEST

/* -- identities on random logits ---------------------------------------------- */

START_TEST(probabilities_sum_to_one)
{
  for (int trial = 0; trial < 20000; trial++) {
    double z[MAXN], p[MAXN];
    size_t n = rng_size(1, 8);
    random_logits(z, n, trial % 2 ? 5 : 50);
    nn_softmax(z, n, rng_uniform(0.1, 10), p);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
      ASSERT_TRUE(p[i] >= 0 && p[i] <= 1, "p = %g", p[i]);
      sum += p[i];
    }
    ASSERT_NEAR(sum, 1, 1e-15);
  }
}
END_TEST

START_TEST(log_softmax_is_log_of_softmax)
{
  for (int trial = 0; trial < 20000; trial++) {
    double z[MAXN], p[MAXN], lp[MAXN];
    size_t n = rng_size(1, MAXN);
    double T = rng_uniform(0.2, 5);
    random_logits(z, n, 10);
    nn_softmax(z, n, T, p);
    nn_log_softmax(z, n, T, lp);
    for (size_t i = 0; i < n; i++) {
      /* Both round exp, the sum and one more operation: a few ulps of the
       * larger of |lp| and the sum's error n eps. */
      double tol = 4 * DBL_EPSILON * (fabs(lp[i]) + (double) n);
      ASSERT_NEAR(lp[i], log(p[i]), tol);
    }
  }
}
END_TEST

START_TEST(temperature_divides_the_logits)
{
  /* softmax(z, T) = softmax(z / T, 1): exactly when T is a power of two
   * (dividing by it is exact), else to a few ulps of exp's argument. */
  for (int trial = 0; trial < 5000; trial++) {
    double z[MAXN], zt[MAXN], p[MAXN], q[MAXN];
    size_t n = rng_size(2, MAXN);
    random_logits(z, n, 5);
    static const double Ts[] = {0.25, 0.5, 1, 2, 4, 0.3, 0.7, 1.5, 3, 10};
    for (size_t t = 0; t < sizeof Ts / sizeof Ts[0]; t++) {
      double T = Ts[t];
      for (size_t i = 0; i < n; i++)
        zt[i] = z[i] / T;
      nn_softmax(z, n, T, p);
      nn_softmax(zt, n, 1, q);
      int exact = frexp(T, &(int){0}) == 0.5;
      for (size_t i = 0; i < n; i++) {
        if (exact)
          ASSERT_TRUE(p[i] == q[i], "T %g: %a != %a", T, p[i], q[i]);
        else
          ASSERT_NEAR(p[i], q[i], 16 * DBL_EPSILON * (1 + 10 / T) * q[i]);
      }
      double lp[MAXN], lq[MAXN];
      nn_log_softmax(z, n, T, lp);
      nn_log_softmax(zt, n, 1, lq);
      for (size_t i = 0; i < n; i++)
        ASSERT_NEAR(lp[i], lq[i], 16 * DBL_EPSILON * (1 + 10 / T));
    }
  }
}
END_TEST

/* -- cross-entropy ----------------------------------------------------------------- */

START_TEST(xent_is_minus_log_probability)
{
  for (int trial = 0; trial < 20000; trial++) {
    double z[MAXN], p[MAXN], lp[MAXN];
    size_t n = rng_size(1, MAXN), k = rng_size(0, n - 1);
    double T = rng_uniform(0.2, 5);
    random_logits(z, n, 10);
    nn_softmax(z, n, T, p);
    nn_log_softmax(z, n, T, lp);
    double e = nn_xent(z, n, k, T);
    ASSERT_TRUE(isfinite(e) && e >= 0, "xent %g", e);
    ASSERT_NEAR(e, -lp[k], 4 * DBL_EPSILON * (e + (double) n));
    ASSERT_NEAR(e, -log(p[k]), 4 * DBL_EPSILON * (e + (double) n));
  }
}
END_TEST

START_TEST(xent_of_huge_logits_is_finite)
{
  const double z[3] = {1000, -1000, 0};
  ck_assert(nn_xent(z, 3, 0, 1) == 0);
  ck_assert(nn_xent(z, 3, 1, 1) == 2000);
  ck_assert(nn_xent(z, 3, 2, 1) == 1000);
  ck_assert(nn_xent(z, 3, 1, 4) == 500);
  const double big[2] = {-1e4, -1e4};
  ck_assert_double_eq_tol(nn_xent(big, 2, 1, 1), LN2, 2 * DBL_EPSILON);
  const double huge[3] = {1e308, 1e308, -1e308};
  ck_assert_double_eq_tol(nn_xent(huge, 3, 0, 1), LN2, 2 * DBL_EPSILON);
}
END_TEST

START_TEST(xent_grad_is_softmax_minus_onehot_over_T)
{
  for (int trial = 0; trial < 5000; trial++) {
    double z[MAXN], p[MAXN], g[MAXN];
    size_t n = rng_size(1, MAXN), k = rng_size(0, n - 1);
    double T = rng_uniform(0.2, 5);
    random_logits(z, n, 10);
    nn_softmax(z, n, T, p);
    nn_xent_grad(z, n, k, T, g);
    for (size_t i = 0; i < n; i++)
      ASSERT_NEAR(g[i], (p[i] - (i == k)) / T, 2 * DBL_EPSILON / T);
  }
  /* The gradient is bounded for huge logits too. */
  double g[3];
  nn_xent_grad((const double[]){1000, -1000, 0}, 3, 1, 1, g);
  ck_assert(g[0] == 1 && g[1] == -1 && g[2] == 0);
}
END_TEST

/* Central difference of nn_xent in coordinate I with step H. */
static double central_difference(double *z, size_t n, size_t k, double T, size_t i, double h)
{
  double zi = z[i];
  z[i] = zi + h;
  double up = nn_xent(z, n, k, T);
  z[i] = zi - h;
  double down = nn_xent(z, n, k, T);
  z[i] = zi;
  return (up - down) / (2 * h);
}

START_TEST(xent_grad_matches_finite_differences)
{
  /* Richardson's extrapolation of central differences, (4 D(h/2) - D(h)) / 3,
   * has truncation error O((h / T)^4) and rounding error O(eps / h): with
   * h = 0.01 T both stay far below 1e-7 of the gradient, which is at least
   * about exp(-6 / T) / T for logits in [-3, 3].  The error is measured
   * against the gradient's largest component. */
  static const double Ts[] = {0.5, 1, 2, 5};
  for (size_t t = 0; t < sizeof Ts / sizeof Ts[0]; t++)
    for (int trial = 0; trial < 500; trial++) {
      double T = Ts[t], z[MAXN], g[MAXN];
      size_t n = rng_size(2, 10), k = rng_size(0, n - 1);
      random_logits(z, n, 3);
      nn_xent_grad(z, n, k, T, g);
      double h = 0.01 * T, err = 0, gmax = 0;
      for (size_t i = 0; i < n; i++) {
        double fd = (4 * central_difference(z, n, k, T, i, h / 2) -
                     central_difference(z, n, k, T, i, h)) / 3;
        err = fmax(err, fabs(fd - g[i]));
        gmax = fmax(gmax, fabs(g[i]));
      }
      ASSERT_TRUE(err < 1e-7 * gmax, "T %g, trial %d: relative error %g", T, trial, err / gmax);
    }
}
END_TEST

/* -- softmax-MSE and argmax ------------------------------------------------------ */

START_TEST(softmax_mse_hand_values)
{
  const double p[3] = {0.7, 0.2, 0.1};
  /* (0.7 - 1)^2 + 0.2^2 + 0.1^2 = 0.09 + 0.04 + 0.01 */
  ck_assert_double_eq_tol(nn_softmax_mse(p, 3, 0), 0.14, 4 * DBL_EPSILON);
  /* 0.7^2 + 0.2^2 + (0.1 - 1)^2 = 0.49 + 0.04 + 0.81 */
  ck_assert_double_eq_tol(nn_softmax_mse(p, 3, 2), 1.34, 4 * DBL_EPSILON);
  ck_assert(nn_softmax_mse((const double[]){0, 1, 0}, 3, 1) == 0);
  ck_assert(nn_softmax_mse((const double[]){1, 0, 0}, 3, 2) == 2);  /* the largest */
}
END_TEST

START_TEST(argmax_takes_the_first_of_ties)
{
  ck_assert_uint_eq(nn_argmax((const double[]){1, 3, 3, 2}, 4), 1);
  ck_assert_uint_eq(nn_argmax((const double[]){5, 5}, 2), 0);
  ck_assert_uint_eq(nn_argmax((const double[]){7}, 1), 0);
  ck_assert_uint_eq(nn_argmax((const double[]){-1, -1, -1}, 3), 0);
  ck_assert_uint_eq(nn_argmax((const double[]){-INFINITY, -5, -INFINITY}, 3), 1);
  ck_assert_uint_eq(nn_argmax((const double[]){0, -0.0, 0}, 3), 0);
  ck_assert_uint_eq(nn_argmax((const double[]){1, 2, 3, 4, 4}, 5), 3);
}
END_TEST

/* -- runner -------------------------------------------------------------- */

static Suite *loss_suite(void)
{
  Suite *s = suite_create("loss");
  TCase *known = tcase_create("known_answers");
  tcase_add_test(known, softmax_of_notes_example);
  tcase_add_test(known, softmax_in_place);
  tcase_add_test(known, softmax_of_equal_logits_is_uniform);
  tcase_add_test(known, softmax_of_huge_logits_is_exact);
  tcase_add_test(known, log_softmax_of_huge_logits);
  tcase_add_test(known, logsumexp_does_not_overflow);
  suite_add_tcase(s, known);

  TCase *ident = tcase_create("identities");
  tcase_set_timeout(ident, 60);
  tcase_add_test(ident, probabilities_sum_to_one);
  tcase_add_test(ident, log_softmax_is_log_of_softmax);
  tcase_add_test(ident, temperature_divides_the_logits);
  suite_add_tcase(s, ident);

  TCase *xent = tcase_create("cross_entropy");
  tcase_set_timeout(xent, 60);
  tcase_add_test(xent, xent_is_minus_log_probability);
  tcase_add_test(xent, xent_of_huge_logits_is_finite);
  tcase_add_test(xent, xent_grad_is_softmax_minus_onehot_over_T);
  tcase_add_test(xent, xent_grad_matches_finite_differences);
  suite_add_tcase(s, xent);

  TCase *other = tcase_create("mse_argmax");
  tcase_add_test(other, softmax_mse_hand_values);
  tcase_add_test(other, argmax_takes_the_first_of_ties);
  suite_add_tcase(s, other);
  return s;
}

int main(void)
{
  return unit_run(loss_suite());
}
