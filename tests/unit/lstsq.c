/* tests/unit/lstsq.c -- Check suite for lib/lstsq.h: the exact least-squares
 * and ridge fit of nn-train --solver lstsq.
 *
 * Answers checked by independent means: the coefficients of noise-free
 * polynomial data; the normal equations (A^T A + (n l2 / 2) I) c = A^T y
 * solved by Cholesky (no SVD); the gradient of the penalised objective at
 * the answer (backprop through nn_evaluate, plus l2 theta); gradient
 * descent with the same weight decay converging to the same point; the
 * minimum-norm answer for dependent columns and for fewer rows than
 * columns, worked out by hand; every error message, exactly.
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#include "fixture.h"
#include "lstsq.h"
#include "model.h"
#include "train.h"
#include "unit.h"

#define MAXP 8

/* -- helpers ---------------------------------------------------------------- */

static nn_model *linear_model(size_t d, int bias)
{
  size_t width[2] = {d, 1};
  nn_model *m = nn_model_alloc(1, width, NN_ACT_LINEAR, bias, NN_LOSS_MSE);
  ck_assert_ptr_nonnull(m);
  return m;
}

/* The parameters of the linear model M as c = (w, b). */
static void coefficients(const nn_model *m, double *c)
{
  size_t d = m->width[0];
  for (size_t j = 0; j < d; j++)
    c[j] = m->theta[nn_model_weight_offset(m, 1) + j];
  if (m->bias)
    c[d] = m->theta[nn_model_bias_offset(m, 1)];
}

static nn_model *fit(nn_dataset *ds, int bias, double l2, nn_lstsq_info *info)
{
  nn_model *m = linear_model(ds->d, bias);
  nn_err err;
  nn_err_clear(&err);
  int status = nn_lstsq_fit(m, ds, l2, info, &err);
  ck_assert_msg(status == NN_OK, "nn_lstsq: %s", err.msg);
  return m;
}

/* Solve (A^T A + (n l2 / 2) I) c = A^T y by Cholesky, A = [X 1] (the ones
 * only with BIAS): the normal equations of the penalised objective, without
 * any SVD. */
static void normal_equations(const nn_dataset *ds, int bias, double l2,
                             double *c)
{
  size_t n = ds->n, d = ds->d, p = d + (bias ? 1 : 0);
  ck_assert(p <= MAXP);
  double M[MAXP * MAXP] = {0}, r[MAXP] = {0}, a[MAXP];
  for (size_t i = 0; i < n; i++) {
    for (size_t j = 0; j < d; j++)
      a[j] = ds->x[i * d + j];
    if (bias)
      a[d] = 1;
    for (size_t j = 0; j < p; j++) {
      r[j] += a[j] * ds->y[i];
      for (size_t k = 0; k < p; k++)
        M[j * p + k] += a[j] * a[k];
    }
  }
  for (size_t j = 0; j < p; j++)
    M[j * p + j] += (double) n * l2 / 2;
  gsl_matrix_view Mv = gsl_matrix_view_array(M, p, p);
  gsl_vector_view rv = gsl_vector_view_array(r, p);
  gsl_vector_view cv = gsl_vector_view_array(c, p);
  ck_assert_int_eq(gsl_linalg_cholesky_decomp1(&Mv.matrix), 0);
  ck_assert_int_eq(gsl_linalg_cholesky_solve(&Mv.matrix, &rv.vector,
                                             &cv.vector), 0);
}

/* |GOT - WANT| <= TOL max(1, |WANT|) for each of the P coefficients. */
static void expect_close(const double *got, const double *want, size_t p,
                         double tol, int line)
{
  for (size_t j = 0; j < p; j++)
    ck_assert_msg(fabs(got[j] - want[j]) <= tol * fmax(1, fabs(want[j])),
                  "line %d: c[%zu] = %.17g, expected %.17g (difference %g)",
                  line, j, got[j], want[j], got[j] - want[j]);
}
#define EXPECT_CLOSE(got, want, p, tol) \
  expect_close(got, want, p, tol, __LINE__)

/* The gradient of the penalised objective at M's parameters, by backprop:
 * the data part from nn_evaluate, plus l2 theta (PyTorch's weight decay);
 * returns its largest component. */
static double penalised_gradient(nn_model *m, const nn_dataset *ds, double l2)
{
  double g[MAXP], loss, acc;
  nn_err err;
  ck_assert_int_eq(nn_evaluate(m, ds, &loss, &acc, g, &err), NN_OK);
  double worst = 0;
  for (size_t k = 0; k < m->nparams; k++)
    worst = fmax(worst, fabs(g[k] + l2 * m->theta[k]));
  return worst;
}

/* The size of the gradient's terms: (2/n) sum_i |y_i| max_j |a_ij|. */
static double gradient_scale(const nn_dataset *ds)
{
  double s = 0;
  for (size_t i = 0; i < ds->n; i++) {
    double amax = 1;
    for (size_t j = 0; j < ds->d; j++)
      amax = fmax(amax, fabs(ds->x[i * ds->d + j]));
    s += fabs(ds->y[i]) * amax;
  }
  return 2 * s / (double) ds->n;
}

/* N points x in [-1, 1] with features x, x^2, x^3 and targets
 * 0.5 - 1.2 x + 0.7 x^2 + 2 x^3, plus NOISE sin(7.3 i). */
static nn_dataset *cubic(size_t n, double noise)
{
  double *x = malloc(3 * n * sizeof *x), *y = malloc(n * sizeof *y);
  ck_assert(x && y);
  for (size_t i = 0; i < n; i++) {
    double t = -1 + 2.0 * (double) i / (double) (n - 1);
    x[3 * i] = t;
    x[3 * i + 1] = t * t;
    x[3 * i + 2] = t * t * t;
    y[i] = 0.5 - 1.2 * t + 0.7 * t * t + 2 * t * t * t +
           noise * sin(7.3 * (double) i);
  }
  nn_dataset *ds = fx_dataset(n, 3, x, y, NULL, 0);
  free(x);
  free(y);
  return ds;
}

/* -- exact fits -------------------------------------------------------------- */

START_TEST(cubic_without_noise_recovers_the_coefficients)
{
  nn_dataset *ds = cubic(20, 0);
  nn_lstsq_info info;
  nn_model *m = fit(ds, 1, 0, &info);
  double c[4], want[4] = {-1.2, 0.7, 2, 0.5};
  coefficients(m, c);
  EXPECT_CLOSE(c, want, 4, 1e-13);
  ck_assert_uint_eq(info.rows, 20);
  ck_assert_uint_eq(info.columns, 4);
  ck_assert_uint_eq(info.rank, 4);
  ck_assert(info.rcond > 0.01 && info.rcond < 1);
  ck_assert(info.lambda == 0);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(cubic_fit_equals_normal_equations)
{
  nn_dataset *ds = cubic(25, 0.3);
  nn_model *m = fit(ds, 1, 0, NULL);
  double c[4], want[4];
  coefficients(m, c);
  normal_equations(ds, 1, 0, want);
  EXPECT_CLOSE(c, want, 4, 1e-10);
  /* The noise moved the answer away from the noise-free coefficients. */
  ck_assert(fabs(c[0] + 1.2) > 1e-3);
  double g = penalised_gradient(m, ds, 0);
  ck_assert_msg(g <= 1e-10 * gradient_scale(ds), "gradient %g", g);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(ridge_equals_normal_equations)
{
  static const double l2s[] = {1e-6, 0.01, 0.1, 1, 50};
  nn_dataset *ds = cubic(25, 0.3);
  for (size_t k = 0; k < sizeof l2s / sizeof l2s[0]; k++) {
    nn_lstsq_info info;
    nn_model *m = fit(ds, 1, l2s[k], &info);
    double c[4], want[4];
    coefficients(m, c);
    normal_equations(ds, 1, l2s[k], want);
    EXPECT_CLOSE(c, want, 4, 1e-10);
    ASSERT_NEAR(info.lambda, sqrt(25 * l2s[k] / 2), 1e-15);
    double g = penalised_gradient(m, ds, l2s[k]);
    ck_assert_msg(g <= 1e-10 * gradient_scale(ds), "l2 %g: gradient %g",
                  l2s[k], g);
    nn_model_free(m);
  }
  /* Large l2 shrinks every coefficient, the bias too, towards 0. */
  nn_model *m = fit(ds, 1, 1e6, NULL);
  for (size_t k = 0; k < m->nparams; k++)
    ck_assert(fabs(m->theta[k]) < 1e-4);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(without_bias)
{
  nn_dataset *ds = cubic(25, 0.3);
  for (int k = 0; k < 2; k++) {
    double l2 = k ? 0.2 : 0;
    nn_lstsq_info info;
    nn_model *m = fit(ds, 0, l2, &info);
    ck_assert_uint_eq(m->nparams, 3);
    ck_assert_uint_eq(info.columns, 3);
    double c[3], want[3];
    coefficients(m, c);
    normal_equations(ds, 0, l2, want);
    EXPECT_CLOSE(c, want, 3, 1e-10);
    double g = penalised_gradient(m, ds, l2);
    ck_assert_msg(g <= 1e-10 * gradient_scale(ds), "gradient %g", g);
    nn_model_free(m);
  }
  nn_dataset_free(ds);
}
END_TEST

START_TEST(gradient_descent_with_weight_decay_converges_to_it)
{
  /* theta <- theta - lr (g + l2 theta), full batch from zero: the point it
   * converges to is nn_lstsq's. */
  nn_dataset *ds = cubic(25, 0.3);
  for (int k = 0; k < 2; k++) {
    double l2 = k ? 0.05 : 0.5;
    nn_model *m = fit(ds, 1, l2, NULL);
    nn_model *gd = linear_model(3, 1);
    double g[4], loss, acc;
    nn_err err;
    for (int step = 0; step < 4000; step++) {
      ck_assert_int_eq(nn_evaluate(gd, ds, &loss, &acc, g, &err), NN_OK);
      for (size_t j = 0; j < 4; j++)
        gd->theta[j] -= 0.3 * (g[j] + l2 * gd->theta[j]);
    }
    EXPECT_CLOSE(gd->theta, m->theta, 4, 1e-9);
    nn_model_free(gd);
    nn_model_free(m);
  }
  nn_dataset_free(ds);
}
END_TEST

/* -- rank deficiency ---------------------------------------------------------- */

/* N rows with the columns x and 2x (exactly dependent), targets
 * 1 + 2x + 0.3 cos(3i). */
static nn_dataset *dependent(size_t n)
{
  double *x = malloc(2 * n * sizeof *x), *y = malloc(n * sizeof *y);
  ck_assert(x && y);
  for (size_t i = 0; i < n; i++) {
    double t = 1.3 * sin(0.7 * (double) i + 0.1);
    x[2 * i] = t;
    x[2 * i + 1] = 2 * t;
    y[i] = 1 + 2 * t + 0.3 * cos(3.0 * (double) i);
  }
  nn_dataset *ds = fx_dataset(n, 2, x, y, NULL, 0);
  free(x);
  free(y);
  return ds;
}

START_TEST(dependent_columns_give_the_minimum_norm_answer)
{
  /* With the columns x and 2x the fits are w1 + 2 w2 = beta for the slope
   * beta of y on x; the least-norm one is w = beta (1, 2) / 5.  (GSL's own
   * solve keeps a singular value of rounding size here and answers with
   * coefficients near 1e13.) */
  static const size_t ns[] = {10, 100, 200, 1000, 10000};
  for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
    nn_dataset *ds = dependent(ns[k]);
    nn_lstsq_info info;
    nn_model *m = fit(ds, 1, 0, &info);
    ck_assert_uint_eq(info.rank, 2);
    ck_assert_uint_eq(info.columns, 3);
    ck_assert(info.rcond < 1e-14);
    /* The slope and intercept of y on x alone, by the normal equations. */
    nn_dataset *one = fx_dataset(ns[k], 1, ds->x, ds->y, NULL, 0);
    for (size_t i = 0; i < ns[k]; i++)
      one->x[i] = ds->x[2 * i];
    double bb[2];
    normal_equations(one, 1, 0, bb);
    double c[3], want[3] = {bb[0] / 5, 2 * bb[0] / 5, bb[1]};
    coefficients(m, c);
    EXPECT_CLOSE(c, want, 3, 1e-10);
    double g = penalised_gradient(m, ds, 0);
    ck_assert_msg(g <= 1e-10 * gradient_scale(ds), "n %zu: gradient %g",
                  ns[k], g);
    nn_model_free(m);
    nn_dataset_free(one);
    /* Ridge: the normal equations are regular again; same answer. */
    for (int r = 0; r < 2; r++) {
      double l2 = r ? 0.3 : 1e-4;
      m = fit(ds, 1, l2, &info);
      normal_equations(ds, 1, l2, want);
      coefficients(m, c);
      EXPECT_CLOSE(c, want, 3, 1e-10);
      ck_assert(fabs(c[1] - 2 * c[0]) <= 1e-12 * fabs(c[1]));
      nn_model_free(m);
    }
    nn_dataset_free(ds);
  }
}
END_TEST

START_TEST(gradient_descent_from_zero_finds_the_minimum_norm_answer)
{
  nn_dataset *ds = dependent(200);
  nn_model *m = fit(ds, 1, 0, NULL);
  nn_model *gd = linear_model(2, 1);
  double g[3], loss, acc;
  nn_err err;
  for (int step = 0; step < 3000; step++) {
    ck_assert_int_eq(nn_evaluate(gd, ds, &loss, &acc, g, &err), NN_OK);
    for (size_t j = 0; j < 3; j++)
      gd->theta[j] -= 0.1 * g[j];
  }
  EXPECT_CLOSE(gd->theta, m->theta, 3, 1e-9);
  nn_model_free(gd);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(zero_column)
{
  /* A constant input standardised is a column of zeros: its weight is 0. */
  double x[10], y[5];
  for (int i = 0; i < 5; i++) {
    x[2 * i] = i - 2;
    x[2 * i + 1] = 0;
    y[i] = 3 - 0.5 * (i - 2) + (i == 3 ? 0.1 : 0);
  }
  nn_dataset *ds = fx_dataset(5, 2, x, y, NULL, 0);
  nn_lstsq_info info;
  nn_model *m = fit(ds, 1, 0, &info);
  ck_assert_uint_eq(info.rank, 2);
  double c[3], want[3] = {-0.5 + 0.01, 0, 3.02};  /* slope 0.1/10 */
  coefficients(m, c);
  EXPECT_CLOSE(c, want, 3, 1e-13);
  ck_assert(fabs(c[1]) <= 1e-15);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(fewer_rows_than_columns)
{
  /* Two rows, four inputs and a bias: the minimum-norm interpolant
   * c = A^T (A A^T)^-1 y, with the 2 x 2 inverse by hand. */
  double x[8] = {1, 2, 3, 4, 0.5, -1, 2, 0}, y[2] = {3, -1};
  double A[2][5] = {{1, 2, 3, 4, 1}, {0.5, -1, 2, 0, 1}};
  double g11 = 0, g12 = 0, g22 = 0;
  for (int j = 0; j < 5; j++) {
    g11 += A[0][j] * A[0][j];
    g12 += A[0][j] * A[1][j];
    g22 += A[1][j] * A[1][j];
  }
  double det = g11 * g22 - g12 * g12;
  double z0 = (g22 * y[0] - g12 * y[1]) / det;
  double z1 = (g11 * y[1] - g12 * y[0]) / det;
  double want[5];
  for (int j = 0; j < 5; j++)
    want[j] = A[0][j] * z0 + A[1][j] * z1;
  nn_dataset *ds = fx_dataset(2, 4, x, y, NULL, 0);
  nn_lstsq_info info;
  nn_model *m = fit(ds, 1, 0, &info);
  ck_assert_uint_eq(info.rows, 2);
  ck_assert_uint_eq(info.columns, 5);
  ck_assert_uint_eq(info.rank, 2);
  double c[5];
  coefficients(m, c);
  EXPECT_CLOSE(c, want, 5, 1e-13);
  double loss, acc;
  nn_err err;
  ck_assert_int_eq(nn_evaluate(m, ds, &loss, &acc, NULL, &err), NN_OK);
  ck_assert(loss < 1e-28);  /* it interpolates */
  nn_model_free(m);
  /* Ridge with fewer rows than columns: the normal equations again. */
  m = fit(ds, 1, 0.4, &info);
  normal_equations(ds, 1, 0.4, want);
  coefficients(m, c);
  EXPECT_CLOSE(c, want, 5, 1e-12);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(one_row_one_column)
{
  double x[1] = {4}, y[1] = {10};
  nn_dataset *ds = fx_dataset(1, 1, x, y, NULL, 0);
  nn_model *m = fit(ds, 0, 0, NULL);
  ck_assert(m->theta[0] == 2.5);
  nn_model_free(m);
  /* With a bias: the least-norm (w, b) with 4 w + b = 10. */
  m = fit(ds, 1, 0, NULL);
  double c[2], want[2] = {40.0 / 17, 10.0 / 17};
  coefficients(m, c);
  EXPECT_CLOSE(c, want, 2, 1e-14);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(all_zero_inputs_without_bias)
{
  double x[3] = {0, 0, 0}, y[3] = {1, 2, 3};
  nn_dataset *ds = fx_dataset(3, 1, x, y, NULL, 0);
  nn_lstsq_info info;
  nn_model *m = fit(ds, 0, 0, &info);
  ck_assert_uint_eq(info.rank, 0);
  ck_assert(info.rcond == 0);
  ck_assert(m->theta[0] == 0);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

/* -- errors --------------------------------------------------------------------- */

static void expect_model_error(size_t nlayers, const size_t *width,
                               nn_act act, nn_loss loss, const char *msg)
{
  double x[6] = {1, 2, 3, 4, 5, 6}, y[2] = {1, 2};
  nn_dataset *ds = fx_dataset(2, 3, x, y, NULL, 0);
  nn_model *m = nn_model_alloc(nlayers, width, act, 1, loss);
  ck_assert_ptr_nonnull(m);
  nn_err err;
  nn_err_clear(&err);
  ck_assert_int_eq(nn_lstsq(m, ds, 0, &err), NN_EINVAL);
  EXPECT_ERR(&err, NN_EINVAL, "%s", msg);
  nn_model_free(m);
  nn_dataset_free(ds);
}

START_TEST(not_linear_mse)
{
  expect_model_error(2, (size_t[]) {3, 4, 1}, NN_ACT_TANH, NN_LOSS_MSE,
                     "--solver lstsq: needs a linear model with mse loss "
                     "(this one is mlp:4 with tanh activation and mse loss)");
  expect_model_error(3, (size_t[]) {3, 4, 3, 2}, NN_ACT_RELU, NN_LOSS_XENT,
                     "--solver lstsq: needs a linear model with mse loss "
                     "(this one is mlp:4,3 with relu activation and xent "
                     "loss)");
  expect_model_error(1, (size_t[]) {3, 2}, NN_ACT_LINEAR, NN_LOSS_XENT,
                     "--solver lstsq: needs a linear model with mse loss "
                     "(this one is linear with xent loss)");
  expect_model_error(1, (size_t[]) {3, 3}, NN_ACT_LINEAR,
                     NN_LOSS_SOFTMAX_MSE,
                     "--solver lstsq: needs a linear model with mse loss "
                     "(this one is linear with softmax-mse loss)");
  expect_model_error(1, (size_t[]) {3, 2}, NN_ACT_LINEAR, NN_LOSS_MSE,
                     "--solver lstsq: needs a linear model with mse loss "
                     "and one output (this one has 2)");
}
END_TEST

START_TEST(bad_weight_decay)
{
  static const double bad[] = {-1e-300, -1, NAN, INFINITY};
  nn_dataset *ds = cubic(10, 0);
  nn_model *m = linear_model(3, 1);
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    nn_err err;
    nn_err_clear(&err);
    ck_assert_int_eq(nn_lstsq(m, ds, bad[k], &err), NN_EINVAL);
    EXPECT_ERR(&err, NN_EINVAL, "--solver lstsq: the weight decay must be a "
               "finite number >= 0");
  }
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(data_errors)
{
  nn_err err;
  /* No rows. */
  double x[1] = {0}, y[1] = {0};
  nn_dataset *ds = fx_dataset(0, 1, x, y, NULL, 0);
  nn_model *m = linear_model(1, 1);
  nn_err_clear(&err);
  ck_assert_int_eq(nn_lstsq(m, ds, 0, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "memory: no rows to fit");
  nn_dataset_free(ds);
  /* An answer too large for a double: y / x = 1e600. */
  double xs[1] = {1e-300}, ys[1] = {1e300};
  ds = fx_dataset(1, 1, xs, ys, NULL, 0);
  nn_model_free(m);
  m = linear_model(1, 0);
  nn_err_clear(&err);
  ck_assert_int_eq(nn_lstsq(m, ds, 0, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "memory: the least-squares fit is not finite "
             "(values too large or too small?)");
  nn_model_free(m);
  /* Inputs that are not the model's. */
  m = linear_model(2, 1);
  nn_err_clear(&err);
  ck_assert_int_eq(nn_lstsq(m, ds, 0, &err), NN_EINVAL);
  EXPECT_ERR(&err, NN_EINVAL, "--solver lstsq: the data do not fit the "
             "model (1 inputs for 2)");
  nn_model_free(m);
  nn_dataset_free(ds);
  /* Class labels, not numbers. */
  size_t cls[2] = {0, 1};
  double xc[2] = {1, 2};
  ds = fx_dataset(2, 1, xc, NULL, cls, 2);
  m = linear_model(1, 1);
  nn_err_clear(&err);
  ck_assert_int_eq(nn_lstsq(m, ds, 0, &err), NN_EINVAL);
  EXPECT_ERR(&err, NN_EINVAL, "--solver lstsq: the data do not fit the "
             "model (1 inputs for 1, no numeric target)");
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

static Suite *lstsq_suite(void)
{
  Suite *s = suite_create("lstsq");
  TCase *tc = tcase_create("exact");
  tcase_add_test(tc, cubic_without_noise_recovers_the_coefficients);
  tcase_add_test(tc, cubic_fit_equals_normal_equations);
  tcase_add_test(tc, ridge_equals_normal_equations);
  tcase_add_test(tc, without_bias);
  tcase_add_test(tc, gradient_descent_with_weight_decay_converges_to_it);
  suite_add_tcase(s, tc);
  tc = tcase_create("rank");
  tcase_add_test(tc, dependent_columns_give_the_minimum_norm_answer);
  tcase_add_test(tc, gradient_descent_from_zero_finds_the_minimum_norm_answer);
  tcase_add_test(tc, zero_column);
  tcase_add_test(tc, fewer_rows_than_columns);
  tcase_add_test(tc, one_row_one_column);
  tcase_add_test(tc, all_zero_inputs_without_bias);
  suite_add_tcase(s, tc);
  tc = tcase_create("errors");
  tcase_add_test(tc, not_linear_mse);
  tcase_add_test(tc, bad_weight_decay);
  tcase_add_test(tc, data_errors);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  gsl_set_error_handler_off();
  return unit_run(lstsq_suite());
}
