/* tests/unit/func.c -- Check suite for lib/func.h: the built-in functions
 * of nn-train --function and nn-hessian --function.
 *
 * Gradients against central differences of the value and Hessians against
 * central differences of the gradient, at many points of every function
 * (five-point stencils, exact for polynomials of degree 4 up to rounding);
 * the known answers of NOTES.md §2-4 (the w1 w2 saddle, the monkey saddle,
 * the quartic's two minima found by bisection here, Rosenbrock's minimum,
 * the walls function without cancellation); parsing, specs, formulas and
 * every error message, exactly.
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>

#include "fixture.h"
#include "func.h"
#include "unit.h"

/* Every spec the derivative checks run over. */
static const char *const specs[] = {
  "w1w2", "saddle", "monkey", "rosenbrock", "quartic", "valley",
  "valley:2.5:-0.5", "walls", "walls:1", "walls:0.3", "walls:-4",
};
#define NSPECS (sizeof specs / sizeof specs[0])

/* Points (x, y); quartic uses x alone. */
static const double points[][2] = {
  {0, 0}, {1, 1}, {-1.5, 0.7}, {0.3, -2.2}, {2, 2}, {0.05, -0.01},
  {-0.8, 1.9}, {1.7, -0.4}, {0.5, 2}, {-0.02, 0.3}, {3, -3},
};
#define NPOINTS (sizeof points / sizeof points[0])

static nn_func parse_ok(const char *spec)
{
  nn_func f;
  nn_err err;
  nn_err_clear(&err);
  int status = nn_func_parse(spec, &f, &err);
  ck_assert_msg(status == NN_OK, "'%s': %s", spec, err.msg);
  return f;
}

/* The five-point central difference (f(x-2h) - 8f(x-h) + 8f(x+h) - f(x+2h))
 * / 12h of component OUT of FN (the value when OUT < 0, else gradient
 * component OUT) along parameter K at X. */
static double fd(const nn_func *f, const double *x, size_t k, int out,
                 double h)
{
  static const double step[4] = {-2, -1, 1, 2}, w[4] = {1, -8, 8, -1};
  double sum = 0;
  for (int s = 0; s < 4; s++) {
    double xs[2] = {x[0], f->n > 1 ? x[1] : 0}, g[2];
    xs[k] += step[s] * h;
    double v = nn_func_eval(f, xs, g, NULL);
    sum += w[s] * (out < 0 ? v : g[out]);
  }
  return sum / (12 * h);
}

/* -- derivatives ----------------------------------------------------------- */

START_TEST(gradient_matches_differences)
{
  double worst = 0;
  for (size_t i = 0; i < NSPECS; i++) {
    nn_func f = parse_ok(specs[i]);
    for (size_t j = 0; j < NPOINTS; j++) {
      const double *x = points[j];
      double g[2];
      nn_func_eval(&f, x, g, NULL);
      for (size_t k = 0; k < f.n; k++) {
        double h = 1e-4 * fmax(1, fabs(x[k]));
        double want = fd(&f, x, k, -1, h);
        double rel = fabs(g[k] - want) / fmax(1, fabs(g[k]));
        worst = fmax(worst, rel);
        ASSERT_TRUE(rel <= 1e-8, "%s at (%g, %g): gradient %zu is %.17g, "
                    "differences give %.17g (relative %g)", specs[i], x[0],
                    x[1], k, g[k], want, rel);
      }
    }
  }
  printf("gradient: worst relative difference %.3g\n", worst);
}
END_TEST

START_TEST(hessian_matches_differences_and_is_symmetric)
{
  double worst = 0;
  for (size_t i = 0; i < NSPECS; i++) {
    nn_func f = parse_ok(specs[i]);
    for (size_t j = 0; j < NPOINTS; j++) {
      const double *x = points[j];
      double H[4];
      nn_func_eval(&f, x, NULL, H);
      size_t n = f.n;
      for (size_t r = 0; r < n; r++)
        for (size_t c = 0; c < n; c++) {
          double hval = H[r * n + c];
          double h = 1e-4 * fmax(1, fabs(x[c]));
          double want = fd(&f, x, c, (int) r, h);
          double rel = fabs(hval - want) / fmax(1, fabs(hval));
          worst = fmax(worst, rel);
          ASSERT_TRUE(rel <= 1e-8, "%s at (%g, %g): H[%zu,%zu] is %.17g, "
                      "differences give %.17g (relative %g)", specs[i], x[0],
                      x[1], r, c, hval, want, rel);
        }
      if (n == 2)
        ASSERT_TRUE(H[1] == H[2], "%s at (%g, %g): H not symmetric: %.17g, "
                    "%.17g", specs[i], x[0], x[1], H[1], H[2]);
    }
  }
  printf("hessian: worst relative difference %.3g\n", worst);
}
END_TEST

START_TEST(value_gradient_hessian_agree_across_calls)
{
  /* The value does not depend on which outputs are asked for. */
  for (size_t i = 0; i < NSPECS; i++) {
    nn_func f = parse_ok(specs[i]);
    for (size_t j = 0; j < NPOINTS; j++) {
      double g[2], H[4];
      double v0 = nn_func_eval(&f, points[j], NULL, NULL);
      double v1 = nn_func_eval(&f, points[j], g, H);
      ck_assert(v0 == v1);
    }
  }
}
END_TEST

START_TEST(one_parameter_writes_one_value)
{
  nn_func f = parse_ok("quartic");
  ck_assert_uint_eq(f.n, 1);
  double x[1] = {2}, g[2] = {-7, -7}, H[4] = {-7, -7, -7, -7};
  double v = nn_func_eval(&f, x, g, H);
  ck_assert(v == 16 - 12 + 2);
  ck_assert(g[0] == 32 - 12 + 1);
  ck_assert(H[0] == 48 - 6);
  ck_assert(g[1] == -7);
  for (int i = 1; i < 4; i++)
    ck_assert(H[i] == -7);
}
END_TEST

/* -- known answers ---------------------------------------------------------- */

/* Eigenvalues of the symmetric 2 x 2 matrix H, ascending, by GSL. */
static void eigen2(const double *H, double *lo, double *hi)
{
  double a[4];
  memcpy(a, H, sizeof a);
  gsl_matrix_view A = gsl_matrix_view_array(a, 2, 2);
  gsl_vector *e = gsl_vector_alloc(2);
  gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(2);
  ck_assert_int_eq(gsl_eigen_symm(&A.matrix, e, w), 0);
  *lo = fmin(gsl_vector_get(e, 0), gsl_vector_get(e, 1));
  *hi = fmax(gsl_vector_get(e, 0), gsl_vector_get(e, 1));
  gsl_eigen_symm_free(w);
  gsl_vector_free(e);
}

START_TEST(w1w2_saddle_of_the_notes)
{
  /* NOTES.md §2: at (0, 0) L = 1, gradient 0, H = [[0, -2], [-2, 0]],
   * eigenvalues -2 and 2; a unit step along (1, 1)/sqrt 2 gives 0.25. */
  nn_func f = parse_ok("w1w2");
  ck_assert_uint_eq(f.n, 2);
  ck_assert_str_eq(f.names[0], "w1");
  ck_assert_str_eq(f.names[1], "w2");
  double x[2] = {0, 0}, g[2], H[4], lo, hi;
  ck_assert(nn_func_eval(&f, x, g, H) == 1);
  ck_assert(g[0] == 0 && g[1] == 0);
  ck_assert(H[0] == 0 && H[1] == -2 && H[2] == -2 && H[3] == 0);
  eigen2(H, &lo, &hi);
  ASSERT_NEAR(lo, -2, 1e-15);
  ASSERT_NEAR(hi, 2, 1e-15);
  double u[2] = {M_SQRT1_2, M_SQRT1_2};
  ASSERT_NEAR(nn_func_eval(&f, u, NULL, NULL), 0.25, 1e-15);
  /* At (1, 1): on the valley w1 w2 = 1, H = [[2, 2], [2, 2]], eigenvalues
   * 0 (along the valley) and 4. */
  double y[2] = {1, 1};
  ck_assert(nn_func_eval(&f, y, g, H) == 0);
  ck_assert(g[0] == 0 && g[1] == 0);
  ck_assert(H[0] == 2 && H[1] == 2 && H[2] == 2 && H[3] == 2);
  eigen2(H, &lo, &hi);
  ASSERT_NEAR(lo, 0, 1e-15);
  ASSERT_NEAR(hi, 4, 1e-15);
}
END_TEST

START_TEST(saddle_and_monkey_at_the_origin)
{
  double o[2] = {0, 0}, g[2], H[4];
  nn_func f = parse_ok("saddle");
  ck_assert_str_eq(f.names[0], "x");
  ck_assert_str_eq(f.names[1], "y");
  ck_assert(nn_func_eval(&f, o, g, H) == 0);
  ck_assert(g[0] == 0 && g[1] == 0);
  ck_assert(H[0] == 2 && H[1] == 0 && H[2] == 0 && H[3] == -2);
  /* The monkey saddle: value, gradient and Hessian all zero at 0 -- the
   * Hessian cannot tell what kind of point it is. */
  f = parse_ok("monkey");
  ck_assert(nn_func_eval(&f, o, g, H) == 0);
  ck_assert(g[0] == 0 && g[1] == 0);
  for (int i = 0; i < 4; i++)
    ck_assert(H[i] == 0);
  /* ...yet it falls along three directions: f(-t, 0) = -t^3 < 0, and
   * f(t/2, +-t sqrt(3)/2) = t^3/8 - 9 t^3/8 = -t^3 < 0. */
  double t = 0.1, p[2] = {-t, 0}, q[2] = {t / 2, t * sqrt(3) / 2};
  ASSERT_NEAR(nn_func_eval(&f, p, NULL, NULL), -1e-3, 1e-17);
  ASSERT_NEAR(nn_func_eval(&f, q, NULL, NULL), -1e-3, 1e-17);
}
END_TEST

/* A root of 4x^3 - 6x + 1 in [lo, hi] by bisection (independent of
 * nn_func_eval). */
static double quartic_root(double lo, double hi)
{
  double flo = 4 * lo * lo * lo - 6 * lo + 1;
  for (int i = 0; i < 200 && hi - lo > 0; i++) {
    double mid = 0.5 * (lo + hi);
    if (mid == lo || mid == hi)
      break;
    double fm = 4 * mid * mid * mid - 6 * mid + 1;
    if ((fm < 0) == (flo < 0)) {
      lo = mid;
      flo = fm;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

START_TEST(quartic_minima)
{
  /* NOTES.md §3: x^4 - 3x^2 + x has a local minimum near 1.13 and the
   * global one near -1.30 (EXPERIMENTS.md: 1.1309 and -1.3008), with a
   * local maximum between. */
  nn_func f = parse_ok("quartic");
  ck_assert_str_eq(f.names[0], "x");
  double xs[3] = {quartic_root(-2, -1), quartic_root(0, 0.5),
                  quartic_root(1, 2)};
  ASSERT_NEAR(xs[0], -1.3008, 5e-5);
  ASSERT_NEAR(xs[2], 1.1309, 5e-5);
  double v[3];
  for (int i = 0; i < 3; i++) {
    double g, H;
    v[i] = nn_func_eval(&f, &xs[i], &g, &H);
    ASSERT_TRUE(fabs(g) < 1e-14, "gradient %g at %.17g", g, xs[i]);
    if (i == 1)
      ck_assert(H < 0);
    else
      ck_assert(H > 0);
  }
  ck_assert(v[0] < v[2]);  /* -1.30 is the global minimum */
  ASSERT_NEAR(v[0], -3.51, 5e-3);
  ASSERT_NEAR(v[2], -1.07, 5e-3);
}
END_TEST

START_TEST(rosenbrock_minimum)
{
  nn_func f = parse_ok("rosenbrock");
  double x[2] = {1, 1}, g[2], H[4], lo, hi;
  ck_assert(nn_func_eval(&f, x, g, H) == 0);
  ck_assert(g[0] == 0 && g[1] == 0);
  ck_assert(H[0] == 802 && H[1] == -400 && H[2] == -400 && H[3] == 200);
  eigen2(H, &lo, &hi);
  ck_assert(lo > 0.39 && lo < 0.41);  /* 501 - sqrt(250601) = 0.3994 */
  ASSERT_NEAR(lo, 501 - sqrt(250601), 1e-11);
  ASSERT_NEAR(hi, 501 + sqrt(250601), 1e-11);
  double y[2] = {0, 0};
  ck_assert(nn_func_eval(&f, y, g, NULL) == 1);
  ck_assert(g[0] == -2 && g[1] == 0);
}
END_TEST

START_TEST(valley_values)
{
  nn_func f = parse_ok("valley");
  ck_assert(f.a == 1 && f.b == 100);
  double x[2] = {1, 1}, g[2], H[4];
  ck_assert(nn_func_eval(&f, x, g, H) == 101);
  ck_assert(g[0] == 2 && g[1] == 200);
  ck_assert(H[0] == 2 && H[1] == 0 && H[2] == 0 && H[3] == 200);
  f = parse_ok("valley:0.5:3");
  double y[2] = {2, -1};
  ck_assert(nn_func_eval(&f, y, g, H) == 2 + 3);
  ck_assert(g[0] == 2 && g[1] == -6);
  ck_assert(H[0] == 1 && H[3] == 6);
}
END_TEST

START_TEST(walls_values)
{
  /* EXPERIMENTS.md, lesson 04: sqrt(1 + (10 w1)^2) - 1 + w2^2/2 from
   * (0.5, 2): loss 6.10. */
  nn_func f = parse_ok("walls");
  ck_assert(f.a == 10);
  double x[2] = {0.5, 2}, g[2], H[4];
  double v = nn_func_eval(&f, x, g, H);
  ASSERT_NEAR(v, sqrt(26) + 1, 1e-14);
  ASSERT_NEAR(g[0], 50 / sqrt(26), 1e-14);
  ck_assert(g[1] == 2);
  ASSERT_NEAR(H[0], 100 / (26 * sqrt(26)), 1e-15);
  ck_assert(H[1] == 0 && H[2] == 0 && H[3] == 1);
  /* At the bottom: value 0, curvature A^2 across the valley, 1 along. */
  double o[2] = {0, 0};
  ck_assert(nn_func_eval(&f, o, g, H) == 0);
  ck_assert(g[0] == 0 && g[1] == 0);
  ck_assert(H[0] == 100 && H[3] == 1);
}
END_TEST

START_TEST(walls_without_cancellation)
{
  /* u = A x = 1e-8: sqrt(1 + u^2) - 1 = u^2/2 - u^4/8 + ... = 5e-17 to
   * 17 digits, where the naive formula gives 0. */
  nn_func f = parse_ok("walls");
  double x[2] = {1e-9, 0}, g[2], H[4];
  double v = nn_func_eval(&f, x, g, H);
  ck_assert(sqrt(1 + 1e-16) - 1 == 0);  /* the naive way */
  ASSERT_TRUE(fabs(v - 5e-17) <= 2 * DBL_EPSILON * 5e-17, "%.17g", v);
  ASSERT_TRUE(fabs(g[0] - 1e-7) <= 2 * DBL_EPSILON * 1e-7, "%.17g", g[0]);
  ck_assert(H[0] == 100);
  /* Far up the walls: value |u| - 1 + ..., slope A, curvature 0. */
  double y[2] = {1e300, 0};
  v = nn_func_eval(&f, y, g, H);
  ASSERT_TRUE(fabs(v - 1e301) <= 2 * DBL_EPSILON * 1e301, "%.17g", v);
  ck_assert(g[0] == 10);
  ck_assert(H[0] == 0);
  double z[2] = {-1e308, 0};  /* u overflows: the value is infinite */
  v = nn_func_eval(&f, z, g, H);
  ck_assert(isinf(v) && v > 0);
  ck_assert(g[0] == -10);
  ck_assert(H[0] == 0);
}
END_TEST

/* -- parsing, specs, formulas ------------------------------------------------ */

START_TEST(parses_every_name)
{
  static const struct {
    const char *spec;
    nn_func_kind kind;
    size_t n;
    const char *name0;
    double a, b;
    const char *canon, *formula;
  } c[] = {
    {"w1w2", NN_FUNC_W1W2, 2, "w1", 0, 0, "w1w2", "(1 - w1 w2)^2"},
    {"saddle", NN_FUNC_SADDLE, 2, "x", 0, 0, "saddle", "x^2 - y^2"},
    {"monkey", NN_FUNC_MONKEY, 2, "x", 0, 0, "monkey", "x^3 - 3 x y^2"},
    {"rosenbrock", NN_FUNC_ROSENBROCK, 2, "x", 0, 0, "rosenbrock",
     "(1 - x)^2 + 100 (y - x^2)^2"},
    {"quartic", NN_FUNC_QUARTIC, 1, "x", 0, 0, "quartic", "x^4 - 3 x^2 + x"},
    {"valley", NN_FUNC_VALLEY, 2, "x", 1, 100, "valley:1:100",
     "x^2 + 100 y^2"},
    {"valley:1:100", NN_FUNC_VALLEY, 2, "x", 1, 100, "valley:1:100",
     "x^2 + 100 y^2"},
    {"valley:2.5:-1", NN_FUNC_VALLEY, 2, "x", 2.5, -1, "valley:2.5:-1",
     "2.5 x^2 - y^2"},
    {"valley:-1:0.5", NN_FUNC_VALLEY, 2, "x", -1, 0.5, "valley:-1:0.5",
     "-x^2 + 0.5 y^2"},
    {"valley:-3:-2", NN_FUNC_VALLEY, 2, "x", -3, -2, "valley:-3:-2",
     "-3 x^2 - 2 y^2"},
    {"valley:+1e2:0", NN_FUNC_VALLEY, 2, "x", 100, 0, "valley:100:0",
     "100 x^2 + 0 y^2"},
    {"walls", NN_FUNC_WALLS, 2, "x", 10, 0, "walls:10",
     "sqrt(1 + (10 x)^2) - 1 + y^2/2"},
    {"walls:1", NN_FUNC_WALLS, 2, "x", 1, 0, "walls:1",
     "sqrt(1 + x^2) - 1 + y^2/2"},
    {"walls:0.25", NN_FUNC_WALLS, 2, "x", 0.25, 0, "walls:0.25",
     "sqrt(1 + (0.25 x)^2) - 1 + y^2/2"},
    {"walls:-2", NN_FUNC_WALLS, 2, "x", -2, 0, "walls:-2",
     "sqrt(1 + (-2 x)^2) - 1 + y^2/2"},
    {"walls:0.1", NN_FUNC_WALLS, 2, "x", 0.1, 0, "walls:0.1",
     "sqrt(1 + (0.1 x)^2) - 1 + y^2/2"},
  };
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
    nn_func f = parse_ok(c[i].spec), g;
    ck_assert_int_eq(f.kind, c[i].kind);
    ck_assert_uint_eq(f.n, c[i].n);
    ck_assert_str_eq(f.names[0], c[i].name0);
    ck_assert_msg(f.a == c[i].a && f.b == c[i].b, "%s: %g %g", c[i].spec, f.a,
                  f.b);
    char buf[96];
    nn_func_spec(&f, buf, sizeof buf);
    ck_assert_str_eq(buf, c[i].canon);
    g = parse_ok(buf);  /* the spec reads back as the same function */
    ck_assert(g.kind == f.kind && g.a == f.a && g.b == f.b);
    nn_func_formula(&f, buf, sizeof buf);
    ck_assert_str_eq(buf, c[i].formula);
  }
  ck_assert_str_eq(nn_func_names(), "w1w2, saddle, monkey, rosenbrock, "
                   "quartic, valley:A:B, walls:A");
}
END_TEST

START_TEST(formula_fits_96_bytes)
{
  nn_func f = parse_ok("valley:-2.2250738585072014e-308:-1.7976931348623157e308");
  char buf[96];
  nn_func_formula(&f, buf, sizeof buf);
  ck_assert_str_eq(buf, "-2.2250738585072014e-308 x^2 - "
                   "1.7976931348623157e+308 y^2");
  f = parse_ok("walls:-2.2250738585072014e-308");
  nn_func_formula(&f, buf, sizeof buf);
  ck_assert_str_eq(buf, "sqrt(1 + (-2.2250738585072014e-308 x)^2) - 1 + "
                   "y^2/2");
}
END_TEST

START_TEST(parse_errors)
{
  static const struct {
    const char *spec, *msg;
  } c[] = {
    {"foo", "--function: unknown function 'foo' (w1w2, saddle, monkey, "
     "rosenbrock, quartic, valley:A:B, walls:A)"},
    {"", "--function: unknown function '' (w1w2, saddle, monkey, "
     "rosenbrock, quartic, valley:A:B, walls:A)"},
    {"Saddle", "--function: unknown function 'Saddle' (w1w2, saddle, "
     "monkey, rosenbrock, quartic, valley:A:B, walls:A)"},
    {"saddles", "--function: unknown function 'saddles' (w1w2, saddle, "
     "monkey, rosenbrock, quartic, valley:A:B, walls:A)"},
    {"foo:1", "--function: unknown function 'foo:1' (w1w2, saddle, monkey, "
     "rosenbrock, quartic, valley:A:B, walls:A)"},
    {":1", "--function: unknown function ':1' (w1w2, saddle, monkey, "
     "rosenbrock, quartic, valley:A:B, walls:A)"},
    {"saddle:1", "--function: 'saddle:1': saddle takes no constants"},
    {"quartic:", "--function: 'quartic:': quartic takes no constants"},
    {"w1w2:1:2", "--function: 'w1w2:1:2': w1w2 takes no constants"},
    {"valley:", "--function: 'valley:': A and B must be numbers"},
    {"valley:1", "--function: 'valley:1': A and B must be numbers"},
    {"valley:1:", "--function: 'valley:1:': A and B must be numbers"},
    {"valley::1", "--function: 'valley::1': A and B must be numbers"},
    {"valley:1:x", "--function: 'valley:1:x': A and B must be numbers"},
    {"valley:x:1", "--function: 'valley:x:1': A and B must be numbers"},
    {"valley:1:2:3", "--function: 'valley:1:2:3': A and B must be numbers"},
    {"valley: 1:2", "--function: 'valley: 1:2': A and B must be numbers"},
    {"valley:1:nan", "--function: 'valley:1:nan': A and B must be numbers"},
    {"valley:1e999:1", "--function: 'valley:1e999:1': '1e999' is out of "
     "range"},
    {"valley:1:-1e400", "--function: 'valley:1:-1e400': '-1e400' is out of "
     "range"},
    {"walls:", "--function: 'walls:': A must be a number"},
    {"walls:x", "--function: 'walls:x': A must be a number"},
    {"walls:1:2", "--function: 'walls:1:2': A must be a number"},
    {"walls:inf", "--function: 'walls:inf': A must be a number"},
    {"walls:0x10", "--function: 'walls:0x10': A must be a number"},
    {"walls:1e999", "--function: 'walls:1e999': '1e999' is out of range"},
  };
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
    nn_func f;
    nn_err err;
    nn_err_clear(&err);
    ck_assert_int_eq(nn_func_parse(c[i].spec, &f, &err), NN_EINVAL);
    EXPECT_ERR(&err, NN_EINVAL, "%s", c[i].msg);
  }
  /* A NULL nn_err is allowed. */
  nn_func f;
  ck_assert_int_eq(nn_func_parse("foo", &f, NULL), NN_EINVAL);
}
END_TEST

static Suite *func_suite(void)
{
  Suite *s = suite_create("func");
  TCase *tc = tcase_create("derivatives");
  tcase_add_test(tc, gradient_matches_differences);
  tcase_add_test(tc, hessian_matches_differences_and_is_symmetric);
  tcase_add_test(tc, value_gradient_hessian_agree_across_calls);
  tcase_add_test(tc, one_parameter_writes_one_value);
  suite_add_tcase(s, tc);
  tc = tcase_create("known");
  tcase_add_test(tc, w1w2_saddle_of_the_notes);
  tcase_add_test(tc, saddle_and_monkey_at_the_origin);
  tcase_add_test(tc, quartic_minima);
  tcase_add_test(tc, rosenbrock_minimum);
  tcase_add_test(tc, valley_values);
  tcase_add_test(tc, walls_values);
  tcase_add_test(tc, walls_without_cancellation);
  suite_add_tcase(s, tc);
  tc = tcase_create("parse");
  tcase_add_test(tc, parses_every_name);
  tcase_add_test(tc, formula_fits_96_bytes);
  tcase_add_test(tc, parse_errors);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(func_suite());
}
