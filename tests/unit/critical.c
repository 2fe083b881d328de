/* tests/unit/critical.c -- Check suite for lib/critical.h: the verdict
 * rules (full and partial spectra), the eigen-decomposition, the sign of
 * eigenvectors and of the escape direction, the escape step, the largest
 * components, parameter lookup, filter-normalised random directions, and
 * grids.
 *
 * Known answers: the notes' (1 - w1 w2)^2 (NOTES.md §2) at (0, 0) and
 * (1, 1).  Independent checks: eigenpairs by the residual |A v - lambda v|
 * and orthonormality; the partial-spectrum verdict against the full one on
 * random spectra; grid losses against nn_objective_value at the shifted
 * point computed here, and against the formula; filter norms recomputed
 * from the model's documented flat order.
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "critical.h"
#include "fixture.h"
#include "func.h"
#include "model.h"
#include "objective.h"
#include "unit.h"

#define TOL NN_CRITICAL_TOL
#define GTOL NN_CRITICAL_GRAD_TOL

static nn_critical classify(const double *ev, size_t n, double g)
{
  nn_critical c;
  nn_critical_classify(ev, n, g, TOL, GTOL, &c);
  return c;
}

static void expect_counts(const nn_critical *c, size_t pos, size_t neg,
                          size_t zero, nn_verdict v)
{
  ck_assert_int_eq(c->counted, 1);
  ck_assert_uint_eq(c->positive, pos);
  ck_assert_uint_eq(c->negative, neg);
  ck_assert_uint_eq(c->zero, zero);
  ck_assert_str_eq(nn_verdict_name(c->verdict), nn_verdict_name(v));
}

/* The notes' function (1 - w1 w2)^2 at X as an objective. */
static nn_func w1w2(void)
{
  nn_func f;
  ck_assert_int_eq(nn_func_parse("w1w2", &f, NULL), NN_OK);
  return f;
}

/* -- verdicts ----------------------------------------------------------------- */

START_TEST(verdict_names)
{
  ck_assert_str_eq(nn_verdict_name(NN_VERDICT_LOCAL_MINIMUM), "local-minimum");
  ck_assert_str_eq(nn_verdict_name(NN_VERDICT_LOCAL_MAXIMUM), "local-maximum");
  ck_assert_str_eq(nn_verdict_name(NN_VERDICT_SADDLE_POINT), "saddle-point");
  ck_assert_str_eq(nn_verdict_name(NN_VERDICT_DEGENERATE), "degenerate");
  ck_assert_str_eq(nn_verdict_name(NN_VERDICT_NOT_CRITICAL), "not-critical");
  ck_assert_str_eq(nn_verdict_name(NN_VERDICT_UNDECIDED), "undecided");
}
END_TEST

START_TEST(verdicts_of_full_spectra)
{
  /* The notes' example at (0, 0): eigenvalues -2 and 2. */
  double saddle[] = {-2, 2};
  nn_critical c = classify(saddle, 2, 0);
  expect_counts(&c, 1, 1, 0, NN_VERDICT_SADDLE_POINT);
  ck_assert_double_eq(c.lambda_min, -2);
  ck_assert_double_eq(c.lambda_max, 2);
  ck_assert_double_eq(c.minimum_ratio, 0.5);
  ck_assert_double_eq(c.threshold, 2 * TOL);
  /* At (1, 1): 0 (to rounding) and 4, a valley of minima: degenerate. */
  double valley[] = {4, 3e-16};
  c = classify(valley, 2, 0);
  expect_counts(&c, 1, 0, 1, NN_VERDICT_DEGENERATE);
  double minimum[] = {1, 1e-3, 2};
  c = classify(minimum, 3, 1e-7);
  expect_counts(&c, 3, 0, 0, NN_VERDICT_LOCAL_MINIMUM);
  ck_assert_double_eq(c.minimum_ratio, 1);
  double maximum[] = {-1, -5};
  c = classify(maximum, 2, 0);
  expect_counts(&c, 0, 2, 0, NN_VERDICT_LOCAL_MAXIMUM);
  ck_assert_double_eq(c.minimum_ratio, 0);
  double zero[] = {0, 0, 0};  /* the monkey saddle at 0: H = 0 */
  c = classify(zero, 3, 0);
  expect_counts(&c, 0, 0, 3, NN_VERDICT_DEGENERATE);
  double negzero[] = {-3, 1e-12, -1};  /* a zero and negatives */
  c = classify(negzero, 3, 0);
  expect_counts(&c, 0, 2, 1, NN_VERDICT_DEGENERATE);
  /* A saddle with zeros is still a saddle: both signs decide it. */
  double mixed[] = {-1, 0, 1, 0};
  c = classify(mixed, 4, 0);
  expect_counts(&c, 1, 1, 2, NN_VERDICT_SADDLE_POINT);
  /* Not critical: the counts are made all the same. */
  c = classify(saddle, 2, 2e-6);
  expect_counts(&c, 1, 1, 0, NN_VERDICT_NOT_CRITICAL);
  c = classify(saddle, 2, NAN);
  ck_assert_str_eq(nn_verdict_name(c.verdict), "not-critical");
  c = classify(minimum, 3, GTOL);  /* the boundary is critical */
  ck_assert_str_eq(nn_verdict_name(c.verdict), "local-minimum");
}
END_TEST

START_TEST(zero_is_relative_to_the_largest)
{
  /* |lambda| <= tol max|lambda|: exactly at the threshold is zero. */
  double at[] = {-(TOL * 4), 4};
  nn_critical c = classify(at, 2, 0);
  expect_counts(&c, 1, 0, 1, NN_VERDICT_DEGENERATE);
  double below[] = {nextafter(-(TOL * 4), -1), 4};
  c = classify(below, 2, 0);
  expect_counts(&c, 1, 1, 0, NN_VERDICT_SADDLE_POINT);
  /* The same small eigenvalue beside a small largest one is not zero. */
  double small[] = {1e-9, 1e-3};
  c = classify(small, 2, 0);
  expect_counts(&c, 2, 0, 0, NN_VERDICT_LOCAL_MINIMUM);
  nn_critical_classify(small, 2, 0, 1e-5, GTOL, &c);
  expect_counts(&c, 1, 0, 1, NN_VERDICT_DEGENERATE);
  nn_critical_classify(at, 2, 0, 0, GTOL, &c);  /* --tol 0 */
  expect_counts(&c, 1, 1, 0, NN_VERDICT_SADDLE_POINT);
}
END_TEST

/* Random spectra with some exact zeros, some tiny ones, and given signs:
 * the partial verdict from the two ends is the full one, and the counts it
 * knows are the full counts. */
START_TEST(partial_spectra_agree_with_full_ones)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 7);
  double ev[12];
  for (int trial = 0; trial < 4000; trial++) {
    size_t n = 1 + gsl_rng_uniform_int(r, 12);
    int shape = (int) gsl_rng_uniform_int(r, 4);  /* +, -, both, any */
    for (size_t k = 0; k < n; k++) {
      double mag = pow(10, -12 + 14 * gsl_rng_uniform(r));
      int kind = (int) gsl_rng_uniform_int(r, 5);
      double sign = shape == 0 ? 1 : shape == 1 ? -1
                    : gsl_rng_uniform(r) < 0.5 ? -1 : 1;
      ev[k] = kind == 0 ? 0 : sign * mag;
    }
    double g = gsl_rng_uniform(r) < 0.2 ? 1 : 0;
    nn_critical full, part;
    nn_critical_classify(ev, n, g, 1e-6, GTOL, &full);
    nn_critical_classify_partial(n, full.lambda_min, full.lambda_max, g, 1e-6,
                                 GTOL, &part);
    ASSERT_TRUE(part.verdict == full.verdict, "trial %d: %s, full %s", trial,
                nn_verdict_name(part.verdict), nn_verdict_name(full.verdict));
    ASSERT_TRUE(part.threshold == full.threshold, "trial %d", trial);
    if (part.counted)
      ASSERT_TRUE(part.positive == full.positive &&
                  part.negative == full.negative && part.zero == full.zero &&
                  part.minimum_ratio == full.minimum_ratio,
                  "trial %d: counts", trial);
    /* It counts exactly when one kind fills the spectrum. */
    int one_kind = full.positive == n || full.negative == n || full.zero == n;
    ASSERT_TRUE(part.counted == one_kind, "trial %d: counted %d", trial,
                part.counted);
  }
  gsl_rng_free(r);
}
END_TEST

START_TEST(partial_spectra_with_one_end)
{
  nn_critical c;
  nn_critical_classify_partial(10, -2, NAN, 0, TOL, GTOL, &c);
  ck_assert_str_eq(nn_verdict_name(c.verdict), "undecided");
  ck_assert_int_eq(c.counted, 0);
  ck_assert(isnan(c.threshold));
  ck_assert(isnan(c.minimum_ratio));
  ck_assert_double_eq(c.lambda_min, -2);
  ck_assert(isnan(c.lambda_max));
  nn_critical_classify_partial(10, NAN, 3, 0, TOL, GTOL, &c);
  ck_assert_str_eq(nn_verdict_name(c.verdict), "undecided");
  nn_critical_classify_partial(10, NAN, 3, 1, TOL, GTOL, &c);
  ck_assert_str_eq(nn_verdict_name(c.verdict), "not-critical");
  /* Both ends: a saddle is a saddle, counts unknown. */
  nn_critical_classify_partial(10, -2, 3, 0, TOL, GTOL, &c);
  ck_assert_str_eq(nn_verdict_name(c.verdict), "saddle-point");
  ck_assert_int_eq(c.counted, 0);
  nn_critical_classify_partial(10, 0.5, 3, 0, TOL, GTOL, &c);
  expect_counts(&c, 10, 0, 0, NN_VERDICT_LOCAL_MINIMUM);
  ck_assert_double_eq(c.minimum_ratio, 1);
}
END_TEST

/* -- eigen-decomposition ------------------------------------------------------ */

START_TEST(eigen_of_the_notes_example)
{
  /* H(0,0) = [[0, -2], [-2, 0]]: eigenvalues -2, 2 with the eigenvectors
   * (1, 1)/sqrt 2 and (1, -1)/sqrt 2, signed so that the first largest
   * component is positive. */
  gsl_matrix *H = gsl_matrix_alloc(2, 2), *V = gsl_matrix_alloc(2, 2);
  double ev[2];
  double h[] = {0, -2, -2, 0};
  memcpy(H->data, h, sizeof h);
  ck_assert_int_eq(nn_critical_eigen(H, ev, V, NULL), NN_OK);
  ASSERT_NEAR(ev[0], -2, 8 * DBL_EPSILON);
  ASSERT_NEAR(ev[1], 2, 8 * DBL_EPSILON);
  double s = sqrt(0.5);
  ASSERT_NEAR(gsl_matrix_get(V, 0, 0), s, 8 * DBL_EPSILON);
  ASSERT_NEAR(gsl_matrix_get(V, 1, 0), s, 8 * DBL_EPSILON);
  ASSERT_NEAR(gsl_matrix_get(V, 0, 1), s, 8 * DBL_EPSILON);
  ASSERT_NEAR(gsl_matrix_get(V, 1, 1), -s, 8 * DBL_EPSILON);
  /* Eigenvalues alone (gsl_eigen_symm). */
  memcpy(H->data, h, sizeof h);
  ck_assert_int_eq(nn_critical_eigen(H, ev, NULL, NULL), NN_OK);
  ASSERT_NEAR(ev[0], -2, 8 * DBL_EPSILON);
  ASSERT_NEAR(ev[1], 2, 8 * DBL_EPSILON);
  /* At (1, 1): H = [[2, 2], [2, 2]], eigenvalues 0 and 4. */
  double h11[] = {2, 2, 2, 2};
  memcpy(H->data, h11, sizeof h11);
  ck_assert_int_eq(nn_critical_eigen(H, ev, V, NULL), NN_OK);
  ASSERT_NEAR(ev[0], 0, 8 * DBL_EPSILON);
  ASSERT_NEAR(ev[1], 4, 8 * DBL_EPSILON);
  ASSERT_NEAR(gsl_matrix_get(V, 0, 0), s, 8 * DBL_EPSILON);  /* (1, -1) */
  ASSERT_NEAR(gsl_matrix_get(V, 1, 0), -s, 8 * DBL_EPSILON);
  nn_critical c = classify(ev, 2, 0);
  expect_counts(&c, 1, 0, 1, NN_VERDICT_DEGENERATE);
  gsl_matrix_free(H);
  gsl_matrix_free(V);
}
END_TEST

/* Random symmetric matrices, with repeated eigenvalues among them: the
 * eigenpairs satisfy A v = lambda v, the vectors are orthonormal, the
 * values ascend and match gsl_eigen_symm's, and each vector's first
 * largest component is positive. */
START_TEST(eigen_of_random_matrices)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 3);
  for (size_t n = 1; n <= 40; n += n < 10 ? 1 : 7) {
    gsl_matrix *A = gsl_matrix_alloc(n, n), *H = gsl_matrix_alloc(n, n);
    gsl_matrix *V = gsl_matrix_alloc(n, n);
    double *ev = malloc(n * sizeof *ev), *ev2 = malloc(n * sizeof *ev2);
    for (size_t i = 0; i < n; i++)
      for (size_t j = 0; j <= i; j++) {
        double x = gsl_ran_gaussian(r, 1);
        if (n % 2 == 0)  /* low rank: many zero eigenvalues */
          x = (double) ((i % 3) * (j % 3));
        gsl_matrix_set(A, i, j, x);
        gsl_matrix_set(A, j, i, x);
      }
    gsl_matrix_memcpy(H, A);
    ck_assert_int_eq(nn_critical_eigen(H, ev, V, NULL), NN_OK);
    gsl_matrix_memcpy(H, A);
    ck_assert_int_eq(nn_critical_eigen(H, ev2, NULL, NULL), NN_OK);
    double scale = 1;
    for (size_t k = 0; k < n; k++)
      scale = fmax(scale, fabs(ev[k]));
    for (size_t k = 0; k < n; k++) {
      if (k > 0)
        ck_assert(ev[k - 1] <= ev[k]);
      ASSERT_NEAR(ev[k], ev2[k], 1e-13 * scale);
      gsl_vector_view v = gsl_matrix_column(V, k);
      double res = 0, big = 0;
      size_t first = n;
      for (size_t i = 0; i < n; i++) {
        double av = 0;
        for (size_t j = 0; j < n; j++)
          av += gsl_matrix_get(A, i, j) * gsl_vector_get(&v.vector, j);
        res = fmax(res, fabs(av - ev[k] * gsl_vector_get(&v.vector, i)));
        big = fmax(big, fabs(gsl_vector_get(&v.vector, i)));
      }
      ASSERT_TRUE(res < 1e-12 * scale, "n %zu, k %zu: residual %g", n, k, res);
      for (size_t i = 0; i < n && first == n; i++)
        if (fabs(gsl_vector_get(&v.vector, i)) >= big * (1 - 1e-9))
          first = i;
      ck_assert(gsl_vector_get(&v.vector, first) > 0);
      for (size_t l = 0; l <= k; l++) {
        gsl_vector_view w = gsl_matrix_column(V, l);
        double d;
        gsl_blas_ddot(&v.vector, &w.vector, &d);
        ASSERT_NEAR(d, l == k ? 1 : 0, 1e-13);
      }
    }
    free(ev);
    free(ev2);
    gsl_matrix_free(A);
    gsl_matrix_free(H);
    gsl_matrix_free(V);
  }
  gsl_rng_free(r);
}
END_TEST

/* The closed form for 2 x 2 against GSL's QR iteration, on random
 * matrices, diagonal ones and ones with equal diagonals among them. */
START_TEST(eigen_of_2x2_matrices)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_matrix *H = gsl_matrix_alloc(2, 2), *A = gsl_matrix_alloc(2, 2);
  gsl_matrix *V = gsl_matrix_alloc(2, 2), *W = gsl_matrix_alloc(2, 2);
  gsl_vector *e = gsl_vector_alloc(2);
  gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(2);
  for (int t = 0; t < 3000; t++) {
    double a = gsl_ran_gaussian(r, 1), c = gsl_ran_gaussian(r, 1);
    double b = gsl_ran_gaussian(r, 1) * pow(10, -(double) (t % 7));
    if (t % 5 == 0)
      b = 0;
    if (t % 3 == 0)
      c = a;
    double h[] = {a, b, b, c}, ev[2];
    memcpy(A->data, h, sizeof h);
    memcpy(H->data, h, sizeof h);
    ck_assert_int_eq(nn_critical_eigen(H, ev, V, NULL), NN_OK);
    gsl_eigen_symmv(A, e, W, ws);
    gsl_eigen_symmv_sort(e, W, GSL_EIGEN_SORT_VAL_ASC);
    double scale = fmax(fabs(ev[0]), fabs(ev[1]));
    ck_assert(ev[0] <= ev[1]);
    for (size_t k = 0; k < 2; k++) {
      ASSERT_NEAR(ev[k], gsl_vector_get(e, k), 1e-15 * scale + 1e-300);
      /* The residual |H v - lambda v| and the length. */
      double v0 = gsl_matrix_get(V, 0, k), v1 = gsl_matrix_get(V, 1, k);
      ASSERT_NEAR(a * v0 + b * v1, ev[k] * v0, 1e-15 * scale + 1e-300);
      ASSERT_NEAR(b * v0 + c * v1, ev[k] * v1, 1e-15 * scale + 1e-300);
      ASSERT_NEAR(v0 * v0 + v1 * v1, 1, 4 * DBL_EPSILON);
    }
    ASSERT_NEAR(gsl_matrix_get(V, 0, 0) * gsl_matrix_get(V, 0, 1) +
                gsl_matrix_get(V, 1, 0) * gsl_matrix_get(V, 1, 1), 0,
                4 * DBL_EPSILON);
  }
  gsl_eigen_symmv_free(ws);
  gsl_vector_free(e);
  gsl_matrix_free(H);
  gsl_matrix_free(A);
  gsl_matrix_free(V);
  gsl_matrix_free(W);
  gsl_rng_free(r);
}
END_TEST

/* Inverse iteration against gsl_eigen_symmv: the extreme eigenvectors of
 * random symmetric matrices, with gaps and with a planted cluster of equal
 * eigenvalues (then any unit vector of the eigenspace is right: checked by
 * the residual). */
START_TEST(extreme_vectors)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 21);
  for (size_t n = 1; n <= 60; n += n < 4 ? 1 : 11) {
    for (int cluster = 0; cluster <= 1; cluster++) {
      gsl_matrix *A = gsl_matrix_alloc(n, n), *H = gsl_matrix_alloc(n, n);
      gsl_matrix *V = gsl_matrix_alloc(n, n), *Q = gsl_matrix_alloc(n, n);
      double *ev = malloc(n * sizeof *ev), *u = malloc(n * sizeof *u);
      /* A = Q diag(d) Q^T with Q from the eigenvectors of a random matrix. */
      for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j <= i; j++) {
          double x = gsl_ran_gaussian(r, 1);
          gsl_matrix_set(H, i, j, x);
          gsl_matrix_set(H, j, i, x);
        }
      ck_assert_int_eq(nn_critical_eigen(H, ev, Q, NULL), NN_OK);
      for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
          double a = 0;
          for (size_t k = 0; k < n; k++) {
            double d = -3 + 6 * (double) k / (double) (n > 1 ? n - 1 : 1);
            if (cluster && (k < 3 || k + 3 >= n))
              d = k < 3 ? -3 : 3;  /* triple extremes */
            a += gsl_matrix_get(Q, i, k) * d * gsl_matrix_get(Q, j, k);
          }
          gsl_matrix_set(A, i, j, a);
        }
      for (size_t i = 0; i < n; i++)  /* exactly symmetric */
        for (size_t j = 0; j < i; j++)
          gsl_matrix_set(A, j, i, gsl_matrix_get(A, i, j));
      gsl_matrix_memcpy(H, A);
      ck_assert_int_eq(nn_critical_eigen(H, ev, V, NULL), NN_OK);
      double scale = fmax(fabs(ev[0]), fabs(ev[n - 1]));
      for (int largest = 0; largest <= 1; largest++) {
        double lambda = ev[largest ? n - 1 : 0];
        ck_assert_int_eq(nn_critical_extreme_vector(A, lambda, scale, largest,
                                                    u, NULL), NN_OK);
        double len = 0, res = 0, dot = 0;
        for (size_t i = 0; i < n; i++) {
          double au = 0;
          for (size_t j = 0; j < n; j++)
            au += gsl_matrix_get(A, i, j) * u[j];
          res = fmax(res, fabs(au - lambda * u[i]));
          len += u[i] * u[i];
          dot += u[i] * gsl_matrix_get(V, i, largest ? n - 1 : 0);
        }
        ASSERT_NEAR(len, 1, 1e-14);
        ASSERT_TRUE(res < 1e-12, "n %zu, cluster %d, largest %d: residual %g",
                    n, cluster, largest, res);
        if (!cluster)  /* a simple eigenvalue: the same vector */
          ASSERT_NEAR(dot, 1, 1e-12);
      }
      free(ev);
      free(u);
      gsl_matrix_free(A);
      gsl_matrix_free(H);
      gsl_matrix_free(V);
      gsl_matrix_free(Q);
    }
  }
  /* H = 0: any unit vector; the first axis. */
  gsl_matrix *Z = gsl_matrix_calloc(4, 4);
  double u[4];
  ck_assert_int_eq(nn_critical_extreme_vector(Z, 0, 0, 0, u, NULL), NN_OK);
  ck_assert(u[0] == 1 && u[1] == 0 && u[2] == 0 && u[3] == 0);
  /* Not the smallest eigenvalue: refused. */
  gsl_matrix_set_identity(Z);
  gsl_matrix_set(Z, 3, 3, -1);
  nn_err err;
  ck_assert_int_eq(nn_critical_extreme_vector(Z, 1, 1, 0, u, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "no eigenvector for 1: it is not the smallest "
             "eigenvalue");
  gsl_matrix_free(Z);
  gsl_rng_free(r);
}
END_TEST

START_TEST(eigen_of_a_non_finite_matrix)
{
  gsl_matrix *H = gsl_matrix_calloc(3, 3);
  double ev[3];
  nn_err err;
  gsl_matrix_set(H, 2, 1, NAN);
  ck_assert_int_eq(nn_critical_eigen(H, ev, NULL, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "the Hessian is not finite here");
  gsl_matrix_set_zero(H);
  gsl_matrix_set(H, 0, 0, INFINITY);
  ck_assert_int_eq(nn_critical_eigen(H, ev, NULL, &err), NN_EDATA);
  gsl_matrix_free(H);
}
END_TEST

START_TEST(signs)
{
  double u[] = {0.5, -0.7, 0.7, 0.1};
  nn_critical_sign(u, 4, 1);  /* -0.7 is the first largest */
  ck_assert_double_eq(u[0], -0.5);
  ck_assert_double_eq(u[1], 0.7);
  ck_assert_double_eq(u[2], -0.7);
  double v[] = {1, 9, -1, 9, -2, 9};  /* stride 2: (1, -1, -2) */
  nn_critical_sign(v, 3, 2);
  ck_assert_double_eq(v[0], -1);
  ck_assert_double_eq(v[2], 1);
  ck_assert_double_eq(v[4], 2);
  ck_assert_double_eq(v[1], 9);
  /* Magnitudes equal to rounding count as equal: the first one decides. */
  double w[] = {-0.70710678118654746, 0.70710678118654757};
  nn_critical_sign(w, 2, 1);
  ck_assert(w[0] > 0 && w[1] < 0);
  double g[] = {0, 0}, e[] = {1, 1};
  ck_assert_double_eq(nn_critical_escape_sign(g, e, 2), 1);
  double g1[] = {1e-12, 0};
  ck_assert_double_eq(nn_critical_escape_sign(g1, e, 2), -1);
  double g2[] = {-1e-12, 0};
  ck_assert_double_eq(nn_critical_escape_sign(g2, e, 2), 1);
}
END_TEST

/* -- escape -------------------------------------------------------------------- */

START_TEST(escape_from_the_notes_saddle)
{
  /* NOTES.md §2: L(0, 0) = 1; a unit step along (1, 1)/sqrt 2 gives 0.25. */
  nn_func f = w1w2();
  double x[2] = {0, 0}, u[2] = {sqrt(0.5), sqrt(0.5)};
  nn_objective o;
  nn_objective_func(&o, &f, x);
  double before, after, s;
  ck_assert_int_eq(nn_critical_escape(&o, u, 1, 1, &before, &after, &s, NULL),
                   NN_OK);
  ck_assert_double_eq(before, 1);
  ASSERT_NEAR(after, 0.25, 4 * DBL_EPSILON);
  ck_assert_double_eq(s, 1);  /* a tie: the sign given */
  ck_assert_double_eq(x[0], u[0]);
  ck_assert_double_eq(x[1], u[1]);
  x[0] = x[1] = 0;
  ck_assert_int_eq(nn_critical_escape(&o, u, -1, 1, &before, &after, &s, NULL),
                   NN_OK);
  ck_assert_double_eq(s, -1);
  ck_assert_double_eq(x[0], -u[0]);
  /* Off the symmetric point the lower side wins, whatever the sign given:
   * at (0.1, 0.1), +u gives w1 w2 = (0.1 + 0.707)^2 ~ 0.65 and -u ~ 0.37. */
  x[0] = x[1] = 0.1;
  ck_assert_int_eq(nn_critical_escape(&o, u, -1, 1, &before, &after, &s, NULL),
                   NN_OK);
  ck_assert_double_eq(s, 1);
  double w = (0.1 + sqrt(0.5)) * (0.1 + sqrt(0.5));
  ASSERT_NEAR(after, (1 - w) * (1 - w), 1e-15);
  ASSERT_NEAR(before, (1 - 0.01) * (1 - 0.01), 1e-15);
  /* A step to a non-finite loss is refused and the point kept. */
  x[0] = x[1] = 0;
  nn_err err;
  ck_assert_int_eq(nn_critical_escape(&o, u, 1, 1e200, &before, &after, &s,
                                      &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "the loss is not finite after an escape step of "
             "1e+200: try a smaller step");
  ck_assert_double_eq(x[0], 0);
  ck_assert_double_eq(x[1], 0);
  nn_objective_free(&o);
}
END_TEST

START_TEST(top_components)
{
  double u[] = {0.1, -0.5, 0.3, 0.5, -0.2, 0};
  size_t idx[6];
  ck_assert_uint_eq(nn_critical_top_components(u, 6, 3, idx), 3);
  ck_assert_uint_eq(idx[0], 1);  /* |-0.5| and 0.5 tie: index order */
  ck_assert_uint_eq(idx[1], 3);
  ck_assert_uint_eq(idx[2], 2);
  ck_assert_uint_eq(nn_critical_top_components(u, 6, 10, idx), 6);
  size_t want[] = {1, 3, 2, 4, 0, 5};
  for (size_t k = 0; k < 6; k++)
    ck_assert_uint_eq(idx[k], want[k]);
  ck_assert_uint_eq(nn_critical_top_components(u, 6, 0, idx), 0);
  /* Against a sort, on random vectors with repeated magnitudes. */
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  double v[200];
  size_t top[10];
  for (int t = 0; t < 200; t++) {
    size_t n = 1 + gsl_rng_uniform_int(r, 200);
    for (size_t k = 0; k < n; k++)
      v[k] = (double) ((long) gsl_rng_uniform_int(r, 21) - 10);
    size_t m = nn_critical_top_components(v, n, 10, top);
    ck_assert_uint_eq(m, n < 10 ? n : 10);
    for (size_t i = 0; i < m; i++) {
      /* Exactly the components before idx in (|v| desc, index asc). */
      size_t before = 0;
      for (size_t k = 0; k < n; k++)
        before += fabs(v[k]) > fabs(v[top[i]]) ||
                  (fabs(v[k]) == fabs(v[top[i]]) && k < top[i]);
      ASSERT_TRUE(before == i, "trial %d: place %zu has %zu before it", t, i,
                  before);
    }
  }
  gsl_rng_free(r);
}
END_TEST

/* A 2-3-1 tanh model with biases on a few rows, parameters from SEED. */
static nn_model *small_model(int bias, unsigned long seed)
{
  size_t width[] = {2, 3, 1};
  nn_model *m = nn_model_alloc(2, width, NN_ACT_TANH, bias, NN_LOSS_MSE);
  ck_assert_ptr_nonnull(m);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  for (size_t k = 0; k < m->nparams; k++)
    m->theta[k] = gsl_ran_gaussian(r, 1);
  gsl_rng_free(r);
  return m;
}

static const double xs[] = {0.5, -1, 1.5, 0.25, -0.75, 2, 0, 1};
static const double ys[] = {0.3, -0.2, 0.9, 0.1};

START_TEST(find_parameters_by_name)
{
  nn_model *m = small_model(1, 1);
  nn_dataset *ds = fx_dataset(4, 2, xs, ys, NULL, 0);
  nn_objective o;
  ck_assert_int_eq(nn_objective_model(&o, m, ds, NULL), NN_OK);
  size_t k;
  nn_err err;
  ck_assert_int_eq(nn_critical_find_param(&o, "W1[1,1]", "--dirs", &k, NULL),
                   NN_OK);
  ck_assert_uint_eq(k, 0);
  ck_assert_int_eq(nn_critical_find_param(&o, "W1[2,1]", "--dirs", &k, NULL),
                   NN_OK);
  ck_assert_uint_eq(k, 2);
  ck_assert_int_eq(nn_critical_find_param(&o, "b2[1]", "--dirs", &k, NULL),
                   NN_OK);
  ck_assert_uint_eq(k, 12);
  ck_assert_int_eq(nn_critical_find_param(&o, "W3[1,1]", "--dirs", &k, &err),
                   NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "--dirs: no parameter named 'W3[1,1]' (the "
             "parameters: W1[1,1], ..., b2[1])");
  nn_objective_free(&o);
  nn_func f = w1w2();
  double x[2] = {0, 0};
  nn_objective_func(&o, &f, x);
  ck_assert_int_eq(nn_critical_find_param(&o, "w2", "--dirs", &k, NULL),
                   NN_OK);
  ck_assert_uint_eq(k, 1);
  ck_assert_int_eq(nn_critical_find_param(&o, "x", "--dirs", &k, &err),
                   NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "--dirs: no parameter named 'x' (the "
             "parameters: w1, w2)");
  nn_objective_free(&o);
  nn_dataset_free(ds);
  nn_model_free(m);
}
END_TEST

/* -- random directions ---------------------------------------------------------- */

/* Li et al. 2018: each filter of d (a unit's weight row and its bias) has
 * the norm of the same filter of theta.  Recomputed here from the flat
 * order of model.h: layer by layer, W_l row by row, then b_l. */
START_TEST(random_directions_are_filter_normalised)
{
  for (int bias = 0; bias <= 1; bias++) {
    nn_model *m = small_model(bias, 5);
    nn_dataset *ds = fx_dataset(4, 2, xs, ys, NULL, 0);
    nn_objective o;
    ck_assert_int_eq(nn_objective_model(&o, m, ds, NULL), NN_OK);
    size_t P = m->nparams;
    double d1[13], d2[13], e1[13], e2[13];
    /* Unit 2 of layer 1 all zero: it does not move. */
    m->theta[2] = m->theta[3] = 0;
    if (bias)
      m->theta[7] = 0;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 9);
    nn_critical_random_dirs(&o, r, d1, d2);
    gsl_rng_set(r, 9);
    nn_critical_random_dirs(&o, r, e1, e2);
    for (size_t k = 0; k < P; k++)  /* the same seed, the same directions */
      ck_assert(d1[k] == e1[k] && d2[k] == e2[k]);
    size_t off = 0;
    for (size_t l = 1; l <= 2; l++) {
      size_t in = m->width[l - 1], out = m->width[l];
      size_t boff = off + in * out;
      for (size_t i = 0; i < out; i++) {
        double nd1 = 0, nd2 = 0, nt = 0;
        for (size_t j = 0; j < in; j++) {
          size_t k = off + i * in + j;
          nd1 += d1[k] * d1[k];
          nd2 += d2[k] * d2[k];
          nt += m->theta[k] * m->theta[k];
        }
        if (bias) {
          nd1 += d1[boff + i] * d1[boff + i];
          nd2 += d2[boff + i] * d2[boff + i];
          nt += m->theta[boff + i] * m->theta[boff + i];
        }
        ASSERT_NEAR(sqrt(nd1), sqrt(nt), 1e-14);
        ASSERT_NEAR(sqrt(nd2), sqrt(nt), 1e-14);
        if (nt == 0)
          ck_assert(nd1 == 0 && nd2 == 0);
      }
      off = boff + (bias ? out : 0);
    }
    ck_assert_uint_eq(off, P);
    /* The two directions differ (d2 is drawn after d1). */
    ck_assert(d1[0] != d2[0]);
    gsl_rng_free(r);
    nn_objective_free(&o);
    nn_dataset_free(ds);
    nn_model_free(m);
  }
}
END_TEST

START_TEST(random_directions_of_a_function)
{
  nn_func f = w1w2();
  double x[2] = {0, 0}, d1[2], d2[2];
  nn_objective o;
  nn_objective_func(&o, &f, x);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  nn_critical_random_dirs(&o, r, d1, d2);
  ASSERT_NEAR(d1[0] * d1[0] + d1[1] * d1[1], 1, 4 * DBL_EPSILON);
  ASSERT_NEAR(d2[0] * d2[0] + d2[1] * d2[1], 1, 4 * DBL_EPSILON);
  ASSERT_NEAR(d1[0] * d2[0] + d1[1] * d2[1], 0, 4 * DBL_EPSILON);
  gsl_rng_free(r);
  nn_objective_free(&o);
}
END_TEST

/* -- grids ----------------------------------------------------------------------- */

START_TEST(grid_specs)
{
  nn_grid_axis ax[2];
  size_t na;
  nn_err err;
  ck_assert_int_eq(nn_grid_parse("-2:2:41", "--grid", ax, &na, NULL), NN_OK);
  ck_assert_uint_eq(na, 1);
  ck_assert_double_eq(ax[0].lo, -2);
  ck_assert_double_eq(ax[0].hi, 2);
  ck_assert_uint_eq(ax[0].n, 41);
  ck_assert_int_eq(nn_grid_parse("-2:2:41,1e-3:0.5:2", "--grid", ax, &na,
                                 NULL), NN_OK);
  ck_assert_uint_eq(na, 2);
  ck_assert_double_eq(ax[1].lo, 1e-3);
  ck_assert_double_eq(ax[1].hi, 0.5);
  ck_assert_uint_eq(ax[1].n, 2);
  /* The values: the ends exact, the middle of an odd count exact. */
  ck_assert_double_eq(nn_grid_value(&ax[0], 0), -2);
  ck_assert_double_eq(nn_grid_value(&ax[0], 40), 2);
  ck_assert_double_eq(nn_grid_value(&ax[0], 20), 0);
  ASSERT_NEAR(nn_grid_value(&ax[0], 1), -1.9, 4 * DBL_EPSILON);
  nn_grid_axis odd = {0.1, 0.7, 3};
  ck_assert_double_eq(nn_grid_value(&odd, 2), 0.7);
  static const char *bad[] = {"", "1:2", "1:2:3:4", "a:2:3", "1:2:x",
                              "1:2:3,", ",1:2:3", "1:2:3,1:2", "1:2:-3",
                              "1:2:+3", "1: 2:3", "1:2:3,4:5:6,7:8:9",
                              "nan:1:3", "1:2:1234567890"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    ck_assert_int_eq(nn_grid_parse(bad[i], "--grid", ax, &na, &err),
                     NN_EINVAL);
    EXPECT_ERR(&err, NN_EINVAL, "--grid: '%s' is not X0:X1:N or "
               "X0:X1:N,Y0:Y1:M (numbers X0 < X1, counts N >= 2)", bad[i]);
  }
  ck_assert_int_eq(nn_grid_parse("2:2:5", "--grid", ax, &na, &err), NN_EINVAL);
  EXPECT_ERR(&err, NN_EINVAL, "--grid: '2:2:5': the first value of an axis "
             "must be below the last");
  ck_assert_int_eq(nn_grid_parse("0:1:5,3:1:5", "--grid", ax, &na, &err),
                   NN_EINVAL);
  EXPECT_ERR(&err, NN_EINVAL, "--grid: '0:1:5,3:1:5': the first value of an "
             "axis must be below the last");
  ck_assert_int_eq(nn_grid_parse("0:1:1", "--grid", ax, &na, &err), NN_EINVAL);
  EXPECT_ERR(&err, NN_EINVAL, "--grid: '0:1:1': an axis needs at least 2 "
             "points");
  ck_assert_int_eq(nn_grid_parse("0:1:5000,0:1:5000", "--grid", ax, &na,
                                 &err), NN_EINVAL);
  EXPECT_ERR(&err, NN_EINVAL, "--grid: '0:1:5000,0:1:5000': 25000000 points, "
             "more than 10000000");
}
END_TEST

START_TEST(grid_of_the_notes_function)
{
  /* (1 - w1 w2)^2 over w1, w2 in [-2, 2] around (0, 0): the formula. */
  nn_func f = w1w2();
  double x[2] = {0, 0}, d1[2] = {1, 0}, d2[2] = {0, 1};
  nn_objective o;
  nn_objective_func(&o, &f, x);
  nn_grid_axis ax[2] = {{-2, 2, 5}, {-2, 2, 9}};
  double loss[45];
  ck_assert_int_eq(nn_critical_grid(&o, ax, 2, d1, d2, loss, NULL), NN_OK);
  for (size_t i = 0; i < 5; i++)
    for (size_t j = 0; j < 9; j++) {
      double a = -2 + (double) i, b = -2 + 0.5 * (double) j;
      ck_assert_double_eq(loss[i * 9 + j], (1 - a * b) * (1 - a * b));
    }
  ck_assert(x[0] == 0 && x[1] == 0);  /* restored */
  /* One axis, along (1, 1)/sqrt 2 from (1, 1): w1 = w2 = 1 + t/sqrt 2. */
  x[0] = x[1] = 1;
  double u[2] = {sqrt(0.5), sqrt(0.5)};
  nn_grid_axis t = {-1, 1, 3};
  ck_assert_int_eq(nn_critical_grid(&o, &t, 1, u, NULL, loss, NULL), NN_OK);
  for (size_t i = 0; i < 3; i++) {
    double w = 1 + ((double) i - 1) * sqrt(0.5);
    ASSERT_NEAR(loss[i], (1 - w * w) * (1 - w * w), 1e-15);
  }
  ck_assert_double_eq(loss[1], 0);
  ck_assert(x[0] == 1 && x[1] == 1);
  /* A loss that overflows: the message names the point. */
  nn_grid_axis far = {1e200, 2e200, 2};
  x[0] = 1;
  nn_err err;
  ck_assert_int_eq(nn_critical_grid(&o, &far, 1, u, NULL, loss, &err),
                   NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "--grid: the loss is not finite at x = 1e+200");
  ck_assert(x[0] == 1 && x[1] == 1);
  nn_objective_free(&o);
}
END_TEST

START_TEST(grid_of_a_model)
{
  /* Every grid loss equals the objective at theta + x d1 + y d2, computed
   * here; with d1 = d2 = 0 (a zero filter) it is the loss at theta. */
  nn_model *m = small_model(1, 11);
  nn_dataset *ds = fx_dataset(4, 2, xs, ys, NULL, 0);
  nn_objective o;
  ck_assert_int_eq(nn_objective_model(&o, m, ds, NULL), NN_OK);
  size_t P = m->nparams;
  double d1[13], d2[13], save[13], loss[12], want;
  memcpy(save, m->theta, sizeof save);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  nn_critical_random_dirs(&o, r, d1, d2);
  nn_grid_axis ax[2] = {{-1, 0.5, 4}, {0, 1, 3}};
  ck_assert_int_eq(nn_critical_grid(&o, ax, 2, d1, d2, loss, NULL), NN_OK);
  for (size_t i = 0; i < 4; i++)
    for (size_t j = 0; j < 3; j++) {
      double x = -1 + 0.5 * (double) i, y = 0.5 * (double) j;
      for (size_t k = 0; k < P; k++)
        m->theta[k] = save[k] + x * d1[k] + y * d2[k];
      ck_assert_int_eq(nn_objective_value(&o, &want, NULL, NULL), NN_OK);
      memcpy(m->theta, save, sizeof save);
      ASSERT_NEAR(loss[i * 3 + j], want, 1e-15 * fmax(1, want));
    }
  for (size_t k = 0; k < P; k++)
    ck_assert(m->theta[k] == save[k]);
  gsl_rng_free(r);
  nn_objective_free(&o);
  nn_dataset_free(ds);
  nn_model_free(m);
}
END_TEST

/* -- nn-hessian's tables ------------------------------------------------------- */

START_TEST(grad_norms)
{
  double g[] = {3, -4};
  ck_assert_double_eq(nn_critical_grad_norm(g, 2), 5);
  ck_assert_double_eq(nn_critical_grad_norm(g, 0), 0);
  double z[] = {0, 0, 0};
  ck_assert_double_eq(nn_critical_grad_norm(z, 3), 0);
  /* Neither overflow nor underflow where the plain sum of squares would. */
  double big[] = {3e300, 4e300}, small[] = {3e-300, -4e-300};
  ASSERT_NEAR(nn_critical_grad_norm(big, 2) / 5e300, 1, 4 * DBL_EPSILON);
  ASSERT_NEAR(nn_critical_grad_norm(small, 2) / 5e-300, 1, 4 * DBL_EPSILON);
  double inf[] = {1, -INFINITY}, nan_[] = {NAN, 1};
  ck_assert(isinf(nn_critical_grad_norm(inf, 2)));
  ck_assert(isnan(nn_critical_grad_norm(nan_, 2)));
}
END_TEST

/* A table writer on a temporary file, and what it holds. */
typedef struct {
  FILE *fp;
  nn_writer w;
} table_out;

static void table_open(table_out *t)
{
  t->fp = tmpfile();
  ck_assert_ptr_nonnull(t->fp);
  nn_writer_init(&t->w, t->fp, '\t');
}

/* What was written (the caller frees it); closes the file. */
static char *table_text(table_out *t)
{
  long size = ftell(t->fp);
  ck_assert_int_ge(size, 0);
  char *s = malloc((size_t) size + 1);
  ck_assert_ptr_nonnull(s);
  rewind(t->fp);
  ck_assert_uint_eq(fread(s, 1, (size_t) size, t->fp), (size_t) size);
  s[size] = '\0';
  fclose(t->fp);
  return s;
}

#define EXPECT_TABLE(t, want)           \
  do {                                  \
    char *got_ = table_text(t);         \
    ck_assert_str_eq(got_, want);       \
    free(got_);                         \
  } while (0)

/* The options nn-hessian passes by default, with TOP and BOTTOM. */
static nn_spectrum_opts table_opts(size_t top, size_t bottom)
{
  nn_spectrum_opts so = {top, bottom, 4000, NN_CRITICAL_TOL,
                         NN_CRITICAL_GRAD_TOL, 1e-10, 10000, 0, NULL, NULL};
  return so;
}

/* The notes' w1w2 at a point, with what the tables take there. */
typedef struct {
  nn_func f;
  nn_objective o;
  double x[2];          /* the point */
  double loss, g[2];    /* value and gradient there */
  double gn;            /* |g| */
  gsl_rng *rng;
  nn_spectrum_opts so;  /* nn-hessian's defaults */
  table_out t;          /* a table, open */
} w1w2_point;

static void w1w2_point_at(w1w2_point *p, double a, double b)
{
  p->f = w1w2();
  p->x[0] = a;
  p->x[1] = b;
  nn_objective_func(&p->o, &p->f, p->x);
  ck_assert_int_eq(nn_objective_value(&p->o, &p->loss, p->g, NULL), NN_OK);
  p->gn = nn_critical_grad_norm(p->g, 2);
  p->rng = gsl_rng_alloc(gsl_rng_mt19937);
  ck_assert_ptr_nonnull(p->rng);
  p->so = table_opts(0, 0);
  table_open(&p->t);
}

static void w1w2_point_free(w1w2_point *p)
{
  gsl_rng_free(p->rng);
  nn_objective_free(&p->o);
}

/* nn_critical_write_summary, _spectrum and _vectors of P (opts SO). */
static int summary_of(w1w2_point *p, nn_spectrum_opts so, nn_err *err)
{
  return nn_critical_write_summary(&p->t.w, &p->o, &so, p->rng, p->loss,
                                   p->g, p->gn, err);
}

static int spectrum_of(w1w2_point *p, nn_spectrum_opts so, nn_err *err)
{
  return nn_critical_write_spectrum(&p->t.w, &p->o, &so, p->rng, p->gn, err);
}

static int vectors_of(w1w2_point *p, nn_spectrum_opts so, nn_err *err)
{
  return nn_critical_write_vectors(&p->t.w, &p->o, &so, p->rng, p->gn, err);
}

START_TEST(summary_and_spectrum_tables)
{
  /* (1 - w1 w2)^2 at (0, 0): H = [[0, -2], [-2, 0]], a saddle whose
   * escape direction is (1, 1)/sqrt 2 (the notes' example). */
  w1w2_point p;
  w1w2_point_at(&p, 0, 0);
  ck_assert_int_eq(summary_of(&p, p.so, NULL), NN_OK);
  EXPECT_TABLE(&p.t, "quantity\tvalue\nloss\t1\ngrad_norm\t0\nparams\t2\n"
               "lambda_min\t-2\nlambda_max\t2\npositive\t1\nnegative\t1\n"
               "zero\t0\nminimum_ratio\t0.5\nverdict\tsaddle-point\n"
               "escape[w1]\t0.7071067811865475\n"
               "escape[w2]\t0.7071067811865475\n");
  table_open(&p.t);
  ck_assert_int_eq(spectrum_of(&p, p.so, NULL), NN_OK);
  EXPECT_TABLE(&p.t, "k\teigenvalue\n1\t-2\n2\t2\n");
  table_open(&p.t);
  ck_assert_int_eq(vectors_of(&p, p.so, NULL), NN_OK);
  EXPECT_TABLE(&p.t, "index\tparam\tv1\tv2\n"
               "1\tw1\t0.7071067811865475\t0.7071067811865475\n"
               "2\tw2\t0.7071067811865475\t-0.7071067811865475\n");
  /* Lanczos, one end: lambda_max alone, no verdict at a critical point. */
  table_open(&p.t);
  ck_assert_int_eq(summary_of(&p, table_opts(1, 0), NULL), NN_OK);
  char *got = table_text(&p.t);  /* lambda_max to Lanczos' accuracy */
  ck_assert_ptr_nonnull(strstr(got, "quantity\tvalue\nloss\t1\n"
                               "grad_norm\t0\nparams\t2\nlambda_max\t"));
  ck_assert_ptr_null(strstr(got, "verdict"));
  free(got);
  table_open(&p.t);
  ck_assert_int_eq(spectrum_of(&p, table_opts(1, 1), NULL), NN_OK);
  got = table_text(&p.t);
  ck_assert_ptr_nonnull(strstr(got, "k\teigenvalue\n1\t"));
  ck_assert_ptr_nonnull(strstr(got, "\n2\t"));
  free(got);
  /* Errors, and nothing written. */
  nn_err err;
  table_open(&p.t);
  ck_assert_int_eq(summary_of(&p, table_opts(3, 0), &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "--top 3: there are only 2 parameters");
  ck_assert_int_eq(spectrum_of(&p, table_opts(3, 0), &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "--top 3: there are only 2 parameters");
  p.so.max_params = 1;
  ck_assert_int_eq(vectors_of(&p, p.so, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "2 parameters: the full Hessian (2 x 2, 32 "
             "bytes) is over --max-params 1; use --top K or --bottom K "
             "(Lanczos), or raise --max-params");
  EXPECT_TABLE(&p.t, "");
  w1w2_point_free(&p);
}
END_TEST

START_TEST(matrix_and_check_tables)
{
  w1w2_point p;
  w1w2_point_at(&p, 0, 0);
  nn_writer *w = &p.t.w;
  ck_assert_int_eq(nn_critical_write_matrix(w, &p.o, &p.so, NULL), NN_OK);
  EXPECT_TABLE(&p.t, "param\tw1\tw2\nw1\t0\t-2\nw2\t-2\t0\n");
  table_open(&p.t);
  ck_assert_int_eq(nn_critical_write_check(w, &p.o, &p.so, NULL), NN_OK);
  EXPECT_TABLE(&p.t, "quantity\tvalue\nparams\t2\nasymmetry\t0\n"
               "worst_relative_error\t0\nworst_row\tw1\nworst_column\tw1\n");
  ck_assert(p.x[0] == 0 && p.x[1] == 0);
  /* Refused: too many parameters; a Hessian that is not finite. */
  nn_err err;
  table_open(&p.t);
  p.so.max_params = 1;
  ck_assert_int_eq(nn_critical_write_matrix(w, &p.o, &p.so, &err), NN_EDATA);
  ck_assert_int_eq(nn_critical_write_check(w, &p.o, &p.so, &err), NN_EDATA);
  p.so.max_params = 4000;
  p.x[0] = p.x[1] = 1e200;
  ck_assert_int_eq(nn_critical_write_matrix(w, &p.o, &p.so, &err), NN_EDATA);
  ck_assert_int_eq(nn_critical_write_check(w, &p.o, &p.so, &err), NN_EDATA);
  EXPECT_TABLE(&p.t, "");
  w1w2_point_free(&p);
}
END_TEST

/* nn_critical_write_escape of P by STEP (opts SO). */
static int escape_of(w1w2_point *p, nn_spectrum_opts so, double step,
                     nn_err *err)
{
  return nn_critical_write_escape(&p->t.w, &p->o, &so, p->rng, p->g, p->gn,
                                  step, err);
}

START_TEST(escape_tables)
{
  w1w2_point p;
  w1w2_point_at(&p, 0, 0);
  ck_assert_int_eq(escape_of(&p, p.so, 1, NULL), NN_OK);
  EXPECT_TABLE(&p.t, "quantity\tvalue\nlambda_min\t-2\nstep\t1\n"
               "loss_before\t1\nloss_after\t0.2500000000000001\n"
               "at\t0.7071067811865475,0.7071067811865475\n"
               "escape[w1]\t0.7071067811865475\n"
               "escape[w2]\t0.7071067811865475\n");
  ck_assert_double_eq(p.x[0], 0.7071067811865475);  /* moved */
  w1w2_point_free(&p);
  /* At (1, 1) every eigenvalue is >= 0: no escape, and no move. */
  w1w2_point_at(&p, 1, 1);
  nn_err err;
  ck_assert_int_eq(escape_of(&p, p.so, 1, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "--escape: no negative eigenvalue (lambda_min "
             "= 0), so no escape direction");
  ck_assert(p.x[0] == 1 && p.x[1] == 1);
  /* Lanczos with --bottom alone: negative means below 0. */
  p.x[0] = p.x[1] = 0;
  p.g[0] = p.g[1] = 0;
  ck_assert_int_eq(escape_of(&p, table_opts(0, 1), 0.5, &err), NN_OK);
  p.x[0] = p.x[1] = 0;
  ck_assert_int_eq(escape_of(&p, table_opts(0, 3), 0.5, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "--bottom 3: there are only 2 parameters");
  char *got = table_text(&p.t);
  ck_assert_ptr_nonnull(strstr(got, "quantity\tvalue\nlambda_min\t"));
  ck_assert_ptr_nonnull(strstr(got, "\nstep\t0.5\nloss_before\t1\n"));
  free(got);
  w1w2_point_free(&p);
}
END_TEST

/* nn_critical_write_grid of P over AX (NAXES) along DIRS (NAMES). */
static int grid_of(w1w2_point *p, nn_spectrum_opts so, const nn_grid_axis *ax,
                   size_t naxes, nn_grid_dirs dirs, const char *const *names,
                   nn_err *err)
{
  return nn_critical_write_grid(&p->t.w, &p->o, &so, p->rng, p->gn, ax,
                                naxes, dirs, names, err);
}

START_TEST(grid_tables)
{
  w1w2_point p;
  w1w2_point_at(&p, 1, 0);
  nn_grid_axis ax[2] = {{-1, 1, 3}, {0, 1, 2}};
  /* Two axes, two parameters: the parameters by default, their values. */
  ck_assert_int_eq(grid_of(&p, p.so, ax, 2, NN_DIRS_DEFAULT, NULL, NULL),
                   NN_OK);
  EXPECT_TABLE(&p.t, "w1\tw2\tloss\n0\t0\t1\n0\t1\t1\n1\t0\t1\n1\t1\t0\n"
               "2\t0\t1\n2\t1\t1\n");
  ck_assert(p.x[0] == 1 && p.x[1] == 0);  /* restored */
  /* By name, in the order given. */
  const char *names[] = {"w2", "w1"};
  table_open(&p.t);
  ck_assert_int_eq(grid_of(&p, p.so, ax, 2, NN_DIRS_PARAMS, names, NULL),
                   NN_OK);
  EXPECT_TABLE(&p.t, "w2\tw1\tloss\n-1\t1\t4\n-1\t2\t9\n0\t1\t1\n0\t2\t1\n"
               "1\t1\t0\n1\t2\t1\n");
  /* One axis of two parameters: eig by default, x and loss. */
  p.x[0] = 0;
  table_open(&p.t);
  ck_assert_int_eq(grid_of(&p, p.so, ax, 1, NN_DIRS_DEFAULT, NULL, NULL),
                   NN_OK);
  EXPECT_TABLE(&p.t, "x\tloss\n-1\t0.2500000000000001\n0\t1\n"
               "1\t0.2500000000000001\n");
  table_open(&p.t);
  ck_assert_int_eq(grid_of(&p, p.so, ax, 2, NN_DIRS_RANDOM, NULL, NULL),
                   NN_OK);
  char *got = table_text(&p.t);
  ck_assert_ptr_nonnull(strstr(got, "x\ty\tloss\n-1\t0\t"));
  free(got);
  /* Errors, and nothing written. */
  nn_err err;
  table_open(&p.t);
  const char *bad[] = {"w3", "w1"};
  ck_assert_int_eq(grid_of(&p, p.so, ax, 2, NN_DIRS_PARAMS, bad, &err),
                   NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "--dirs: no parameter named 'w3' (the "
             "parameters: w1, w2)");
  ck_assert_int_eq(grid_of(&p, table_opts(1, 0), ax, 1, NN_DIRS_EIG, NULL,
                           &err), NN_EINVAL);
  EXPECT_ERR(&err, NN_EINVAL, "--dirs eig with Lanczos needs --bottom");
  ck_assert_int_eq(grid_of(&p, table_opts(0, 1), ax, 2, NN_DIRS_EIG, NULL,
                           &err), NN_EINVAL);
  EXPECT_ERR(&err, NN_EINVAL, "--dirs eig with Lanczos needs --bottom and "
             "--top");
  nn_grid_axis far = {1e200, 2e200, 2};
  p.x[0] = 1;
  ck_assert_int_eq(grid_of(&p, p.so, &far, 1, NN_DIRS_PARAMS, names, &err),
                   NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "--grid: the loss is not finite at x = 1e+200");
  EXPECT_TABLE(&p.t, "");
  /* A 2-D grid of a one-parameter function. */
  nn_func q;
  ck_assert_int_eq(nn_func_parse("quartic", &q, NULL), NN_OK);
  nn_objective_free(&p.o);
  nn_objective_func(&p.o, &q, p.x);
  table_open(&p.t);
  ck_assert_int_eq(grid_of(&p, p.so, ax, 2, NN_DIRS_DEFAULT, NULL, &err),
                   NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "--grid: a 2-D grid needs two parameters; "
             "there is one");
  EXPECT_TABLE(&p.t, "");
  w1w2_point_free(&p);
}
END_TEST

static Suite *critical_suite(void)
{
  Suite *s = suite_create("critical");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, verdict_names);
  tcase_add_test(tc, verdicts_of_full_spectra);
  tcase_add_test(tc, zero_is_relative_to_the_largest);
  tcase_add_test(tc, partial_spectra_agree_with_full_ones);
  tcase_add_test(tc, partial_spectra_with_one_end);
  tcase_add_test(tc, eigen_of_the_notes_example);
  tcase_add_test(tc, eigen_of_random_matrices);
  tcase_add_test(tc, eigen_of_2x2_matrices);
  tcase_add_test(tc, extreme_vectors);
  tcase_add_test(tc, eigen_of_a_non_finite_matrix);
  tcase_add_test(tc, signs);
  tcase_add_test(tc, escape_from_the_notes_saddle);
  tcase_add_test(tc, top_components);
  tcase_add_test(tc, find_parameters_by_name);
  tcase_add_test(tc, random_directions_are_filter_normalised);
  tcase_add_test(tc, random_directions_of_a_function);
  tcase_add_test(tc, grid_specs);
  tcase_add_test(tc, grid_of_the_notes_function);
  tcase_add_test(tc, grid_of_a_model);
  tcase_add_test(tc, grad_norms);
  tcase_add_test(tc, summary_and_spectrum_tables);
  tcase_add_test(tc, matrix_and_check_tables);
  tcase_add_test(tc, escape_tables);
  tcase_add_test(tc, grid_tables);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(critical_suite());
}
