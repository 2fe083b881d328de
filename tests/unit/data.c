/* tests/unit/data.c -- Check suite for lib/data.h: the synthetic data sets.
 *
 * Known structure, checked by means independent of the generator: exact
 * function values when the noise is 0 (each formula written out again
 * here), the noise's mean and spread, the ranges (and --shift/--scale
 * moving them), the grid's cells, class balance and each class's geometry
 * (blob centres on an equilateral triangle, moons on their circles, spiral
 * arms, the xor parity), a linear rule separating blobs:3, determinism from
 * the seed, and every message of nn_data_init and nn_data_check.
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>

#include "data.h"
#include "unit.h"

/* -- helpers ---------------------------------------------------------------- */

/* A data set's arrays. */
typedef struct {
  nn_data_spec s;  /* what was generated */
  double *x;       /* n x dim inputs */
  double *y;       /* n targets or classes */
} table;

static nn_data_spec spec(const char *name)
{
  nn_data_spec s;
  nn_err err;
  int r = nn_data_init(&s, name, &err);
  ck_assert_msg(r == NN_OK, "nn_data_init(%s): %s", name, err.msg);
  return s;
}

static table generate(const nn_data_spec *s, unsigned long seed)
{
  table t = {*s, NULL, NULL};
  t.x = malloc((size_t) s->n * (size_t) s->dim * sizeof *t.x);
  t.y = malloc((size_t) s->n * sizeof *t.y);
  ck_assert(t.x != NULL && t.y != NULL);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  nn_err err;
  int status = nn_data_generate(s, r, t.x, t.y, &err);
  ck_assert_msg(status == NN_OK, "nn_data_generate(%s): %s", s->name, err.msg);
  gsl_rng_free(r);
  return t;
}

static void drop(table *t)
{
  free(t->x);
  free(t->y);
}

static int same(const table *a, const table *b)
{
  size_t n = (size_t) a->s.n, d = (size_t) a->s.dim;
  return memcmp(a->x, b->x, n * d * sizeof *a->x) == 0 &&
         memcmp(a->y, b->y, n * sizeof *a->y) == 0;
}

/* nn_data_check (through nn_data_generate) fails with STATUS and MSG. */
#define EXPECT_CHECK(s, status_, msg_)                                   \
  do {                                                                   \
    nn_err e_;                                                           \
    int r_ = nn_data_check(&(s), &e_);                                   \
    ck_assert_int_eq(r_, status_);                                       \
    ck_assert_str_eq(e_.msg, msg_);                                      \
  } while (0)

/* -- names and defaults ------------------------------------------------------- */

START_TEST(names_and_defaults)
{
  nn_data_spec s = spec("blobs");
  ck_assert_int_eq(s.kind, NN_DATA_BLOBS);
  ck_assert_int_eq(s.k, 3);
  ck_assert_str_eq(s.name, "blobs:3");
  ck_assert_int_eq(s.dim, 2);
  ck_assert(s.noise == 0.7 && s.radius == 2);
  ck_assert_uint_eq(nn_data_classes(&s), 3);

  s = spec("spirals:5");
  ck_assert_int_eq(s.k, 5);
  ck_assert_str_eq(s.name, "spirals:5");
  ck_assert(s.radius == 1 && s.turns == 1 && s.noise == 0.1);

  s = spec("poly");
  ck_assert_int_eq(s.k, 3);
  ck_assert_str_eq(s.name, "poly:3");
  s = spec("poly:0");
  ck_assert_int_eq(s.k, 0);

  s = spec("sine");
  ck_assert(s.lo == -3 && s.hi == 3 && s.freq == 1 && s.noise == 0.1);
  ck_assert_int_eq(s.n, 100);
  ck_assert_uint_eq(nn_data_classes(&s), 0);
  s = spec("sincos");
  ck_assert_int_eq(s.dim, 4);
  ck_assert(s.lo == -1 && s.hi == 1);
  s = spec("line");
  ck_assert(s.slope == 2 && s.intercept == 1 && s.dim == 1);
  s = spec("teacher");
  ck_assert_str_eq(s.name, "teacher:4");
  s = spec("moons");
  ck_assert_uint_eq(nn_data_classes(&s), 2);
  s = spec("xor");
  ck_assert_uint_eq(nn_data_classes(&s), 2);
}
END_TEST

START_TEST(bad_names)
{
  static const struct {
    const char *name;
    int status;
    const char *msg;
  } cases[] = {
    {"circles", NN_EINVAL, "unknown data set 'circles'"},
    {"", NN_EINVAL, "unknown data set ''"},
    {"Sine", NN_EINVAL, "unknown data set 'Sine'"},
    {"sines", NN_EINVAL, "unknown data set 'sines'"},
    {"moons:2", NN_EINVAL, "'moons:2': moons takes no ':N'"},
    {"blobs:", NN_EINVAL, "'blobs:': expected a whole number after ':'"},
    {"blobs:x", NN_EINVAL, "'blobs:x': expected a whole number after ':'"},
    {"blobs:-3", NN_EINVAL, "'blobs:-3': expected a whole number after ':'"},
    {"blobs:3x", NN_EINVAL, "'blobs:3x': expected a whole number after ':'"},
    {"blobs:+3", NN_EINVAL, "'blobs:+3': expected a whole number after ':'"},
    {"poly:1000000001", NN_EDATA, "'poly:1000000001': 1000000001 is too large"},
    {"spirals:99999999999999999999999", NN_EDATA,
     "'spirals:99999999999999999999999': 99999999999999999999999 is too large"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    nn_data_spec s;
    nn_err err;
    int r = nn_data_init(&s, cases[i].name, &err);
    ck_assert_msg(r == cases[i].status, "%s: status %d", cases[i].name, r);
    ck_assert_str_eq(err.msg, cases[i].msg);
  }
}
END_TEST

START_TEST(options_each_generator_takes)
{
  static const struct {
    const char *name;
    unsigned has, lacks;
  } cases[] = {
    {"sine", NN_DATA_OPT_FREQ | NN_DATA_OPT_GRID | NN_DATA_OPT_RANGE,
     NN_DATA_OPT_LINE | NN_DATA_OPT_RADIUS},
    {"line", NN_DATA_OPT_LINE | NN_DATA_OPT_DIM, NN_DATA_OPT_FREQ},
    {"poly", NN_DATA_OPT_COEF, NN_DATA_OPT_TURNS},
    {"xor", NN_DATA_OPT_RANGE | NN_DATA_OPT_DIM, NN_DATA_OPT_GRID},
    {"blobs", NN_DATA_OPT_RADIUS, NN_DATA_OPT_RANGE | NN_DATA_OPT_TURNS},
    {"moons", NN_DATA_OPT_DIM, NN_DATA_OPT_RANGE | NN_DATA_OPT_RADIUS},
    {"spirals", NN_DATA_OPT_TURNS | NN_DATA_OPT_RADIUS, NN_DATA_OPT_RANGE},
    {"sincos", NN_DATA_OPT_RANGE, NN_DATA_OPT_GRID},
    {"teacher", NN_DATA_OPT_TEACHER | NN_DATA_OPT_GRID, NN_DATA_OPT_COEF},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    nn_data_spec s = spec(cases[i].name);
    unsigned o = nn_data_options(&s);
    ck_assert_msg((o & cases[i].has) == cases[i].has, "%s", cases[i].name);
    ck_assert_msg((o & cases[i].lacks) == 0, "%s", cases[i].name);
  }
}
END_TEST

START_TEST(values_the_generators_cannot_take)
{
  nn_data_spec s = spec("sine");
  s.n = 0;
  EXPECT_CHECK(s, NN_EDATA, "--n 0: the number of rows must be at least 1");
  s.n = -5;
  EXPECT_CHECK(s, NN_EDATA, "--n -5: the number of rows must be at least 1");
  s = spec("sine");
  s.dim = 2;
  EXPECT_CHECK(s, NN_EDATA, "sine: cannot take --dim 2: it has 1 input");
  s = spec("sincos");
  s.dim = 3;
  EXPECT_CHECK(s, NN_EDATA, "sincos: cannot take --dim 3: it has 4 inputs");
  s = spec("moons");
  s.dim = 3;
  EXPECT_CHECK(s, NN_EDATA, "moons: cannot take --dim 3: it has 2 inputs");
  s = spec("blobs:4");
  s.dim = 1;
  EXPECT_CHECK(s, NN_EDATA,
               "blobs:4: cannot take --dim 1: it needs at least 2 inputs");
  s = spec("line");
  s.dim = 0;
  EXPECT_CHECK(s, NN_EDATA, "line: cannot take --dim 0: it needs at least 1 input");
  s = spec("blobs:1");
  EXPECT_CHECK(s, NN_EDATA, "blobs:1: needs at least 2 classes");
  s = spec("spirals:0");
  EXPECT_CHECK(s, NN_EDATA, "spirals:0: needs at least 2 classes");
  s = spec("teacher:0");
  EXPECT_CHECK(s, NN_EDATA, "teacher:0: needs at least 1 hidden unit");
  s = spec("blobs:5");
  s.n = 4;
  EXPECT_CHECK(s, NN_EDATA, "blobs:5: --n 4 gives fewer rows than its 5 classes");
  s = spec("line");
  s.n = 1L << 40;
  s.dim = 1L << 40;
  EXPECT_CHECK(s, NN_EDATA,
               "--n 1099511627776 with --dim 1099511627776: too many values");
  s = spec("line");
  s.noise = -0.5;
  EXPECT_CHECK(s, NN_EDATA, "--noise -0.5: must not be negative");
  s = spec("line");
  s.lo = 2;
  s.hi = 2;
  EXPECT_CHECK(s, NN_EDATA, "--range 2:2: the low end must be below the high end");
  s.lo = 3;
  s.hi = -3;
  EXPECT_CHECK(s, NN_EDATA, "--range 3:-3: the low end must be below the high end");
  s = spec("line");
  s.scale = 0;
  EXPECT_CHECK(s, NN_EDATA, "--scale 0: must be greater than zero");
  s.scale = -2;
  EXPECT_CHECK(s, NN_EDATA, "--scale -2: must be greater than zero");
  s = spec("line");
  s.scale = 1e300;
  s.lo = -1e10;
  s.hi = 1e10;
  EXPECT_CHECK(s, NN_EDATA, "--shift 0 --scale 1e+300: the input range "
               "[-inf, inf] is out of reach");
  s = spec("line");
  s.shift = 1e300;
  EXPECT_CHECK(s, NN_EDATA, "--shift 1e+300 --scale 1: the input range "
               "[1e+300, 1e+300] is out of reach");
  s = spec("line");
  s.dim = 2;
  s.grid = 1;
  EXPECT_CHECK(s, NN_EDATA, "--grid: line with --dim 2: the grid is for one input");
  s = spec("sine");
  s.grid = 1;
  s.jitter = 1.5;
  EXPECT_CHECK(s, NN_EDATA, "--jitter 1.5: must be between 0 and 1");
  s.jitter = -0.1;
  EXPECT_CHECK(s, NN_EDATA, "--jitter -0.1: must be between 0 and 1");
  s = spec("poly:2");
  static const double c2[2] = {1, 2};
  s.coef = c2;
  s.ncoef = 2;
  EXPECT_CHECK(s, NN_EDATA, "poly:2: --coef gives 2 coefficients, it needs 3 (c0 to c2)");
  s = spec("poly:0");
  s.coef = c2;
  s.ncoef = 2;
  EXPECT_CHECK(s, NN_EDATA, "poly:0: --coef gives 2 coefficients, it needs 1 (c0 to c0)");
  s = spec("blobs");
  s.radius = -1;
  EXPECT_CHECK(s, NN_EDATA, "--radius -1: must not be negative");

  /* Values that overflow a double are found after generating. */
  s = spec("line");
  s.slope = 1e308;
  s.lo = 1;
  s.hi = 3;
  s.n = 3;
  double xs[3], ys[3];
  gsl_rng *rr = gsl_rng_alloc(gsl_rng_mt19937);
  nn_err e2;
  ck_assert_int_eq(nn_data_generate(&s, rr, xs, ys, &e2), NN_EDATA);
  ck_assert_str_eq(e2.msg, "line: row 1: y is inf: the parameters overflow a double");
  s = spec("blobs:2");
  s.noise = 0;
  s.dim = 2;
  s.n = 2;
  s.radius = 1.7e308;
  double xb[4], yb[2];
  ck_assert_int_eq(nn_data_generate(&s, rr, xb, yb, &e2), NN_OK);
  s.noise = 1e308;  /* some draw beyond the largest double */
  s.n = 200;
  double xc[400], yc[200];
  ck_assert_int_eq(nn_data_generate(&s, rr, xc, yc, &e2), NN_EDATA);
  ck_assert_msg(strstr(e2.msg, "is inf: the parameters overflow a double") ||
                strstr(e2.msg, "is -inf: the parameters overflow a double"),
                "%s", e2.msg);
  gsl_rng_free(rr);

  /* nn_data_generate checks first and writes nothing. */
  s = spec("sine");
  s.n = 0;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  double x = 42, y = 42;
  nn_err err;
  ck_assert_int_eq(nn_data_generate(&s, r, &x, &y, &err), NN_EDATA);
  ck_assert(x == 42 && y == 42);
  gsl_rng_free(r);
}
END_TEST

/* -- regression: exact functions, noise, ranges --------------------------------- */

START_TEST(exact_values_without_noise)
{
  /* Each function written out again, independently of nn_data_target. */
  nn_data_spec s = spec("line");
  s.noise = 0;
  s.dim = 3;
  s.slope = -1.5;
  s.intercept = 0.25;
  table t = generate(&s, 3);
  for (long i = 0; i < s.n; i++) {
    const double *x = t.x + 3 * i;
    ASSERT_NEAR(t.y[i], -1.5 * (x[0] + x[1] + x[2]) + 0.25, 1e-15);
  }
  drop(&t);

  s = spec("poly:3");
  s.noise = 0;
  static const double c[4] = {0.5, -1, 2, 3};
  s.coef = c;
  s.ncoef = 4;
  t = generate(&s, 4);
  for (long i = 0; i < s.n; i++) {
    double x = t.x[i];
    ASSERT_NEAR(t.y[i], 0.5 - x + 2 * pow(x, 2) + 3 * pow(x, 3), 1e-14);
  }
  drop(&t);

  s = spec("poly:5");  /* default coefficients: all 1 */
  s.noise = 0;
  t = generate(&s, 4);
  for (long i = 0; i < s.n; i++) {
    double x = t.x[i], sum = 0;
    for (int k = 0; k <= 5; k++)
      sum += pow(x, k);
    ASSERT_NEAR(t.y[i], sum, 1e-14);
  }
  drop(&t);

  s = spec("sine");
  s.noise = 0;
  s.freq = 2;
  t = generate(&s, 5);
  for (long i = 0; i < s.n; i++)
    ck_assert(t.y[i] == sin(2 * t.x[i]));  /* the same expression: exact */
  drop(&t);

  s = spec("sincos");
  s.noise = 0;
  t = generate(&s, 6);
  for (long i = 0; i < s.n; i++) {
    const double *x = t.x + 4 * i;
    ASSERT_NEAR(t.y[i], sin(3 * x[0]) * cos(2 * x[1]) + x[2] * x[3], 1e-15);
  }
  drop(&t);
}
END_TEST

START_TEST(teacher_is_a_tanh_network_of_its_seed)
{
  nn_data_spec s = spec("teacher:4");
  s.dim = 2;
  s.noise = 0;
  size_t m = nn_data_teacher_size(&s);
  ck_assert_uint_eq(m, 4 * 2 + 4 + 4 + 1);  /* 2-4-1: 17 parameters */
  double w[17], w2[17], w3[17];
  nn_data_teacher_weights(&s, w);
  nn_data_teacher_weights(&s, w2);
  ck_assert(memcmp(w, w2, sizeof w) == 0);
  s.teacher_seed = 2;
  nn_data_teacher_weights(&s, w3);
  ck_assert(memcmp(w, w3, sizeof w) != 0);
  s.teacher_seed = 1;

  /* The weights do not depend on the data's seed: y is the same network. */
  table a = generate(&s, 1), b = generate(&s, 2);
  const table *ts[2] = {&a, &b};
  for (int k = 0; k < 2; k++)
    for (long i = 0; i < s.n; i++) {
      const double *x = ts[k]->x + 2 * i;
      double y = w[16];  /* b2 */
      for (int h = 0; h < 4; h++)
        y += w[12 + h] * tanh(w[2 * h] * x[0] + w[2 * h + 1] * x[1] + w[8 + h]);
      ASSERT_NEAR(ts[k]->y[i], y, 1e-14);
    }
  drop(&a);
  drop(&b);

  /* N(0, 1) weights: 1000 of them from a wide teacher. */
  s = spec("teacher:100");
  s.dim = 7;
  m = nn_data_teacher_size(&s);
  ck_assert_uint_eq(m, 100 * 7 + 100 + 100 + 1);
  double *v = malloc(m * sizeof *v), sum = 0, sq = 0;
  nn_data_teacher_weights(&s, v);
  for (size_t i = 0; i < m; i++) {
    sum += v[i];
    sq += v[i] * v[i];
  }
  ASSERT_NEAR(sum / m, 0, 0.1);
  ASSERT_NEAR(sqrt(sq / m), 1, 0.06);
  free(v);
}
END_TEST

START_TEST(noise_is_gaussian_on_y_and_leaves_x_alone)
{
  nn_data_spec s = spec("sine");
  s.n = 20000;
  s.noise = 0;
  table clean = generate(&s, 7);
  s.noise = 0.3;
  table noisy = generate(&s, 7);
  /* The inputs do not depend on the noise: they are drawn first. */
  ck_assert(memcmp(clean.x, noisy.x, 20000 * sizeof *clean.x) == 0);
  double sum = 0, sq = 0, within = 0;
  for (long i = 0; i < s.n; i++) {
    double e = noisy.y[i] - sin(noisy.x[i]);
    sum += e;
    sq += e * e;
    within += fabs(e) < 0.3;
  }
  double mean = sum / s.n, sd = sqrt(sq / s.n - mean * mean);
  ASSERT_NEAR(mean, 0, 0.3 * 4 / sqrt(20000.0));
  ASSERT_NEAR(sd, 0.3, 0.3 * 0.03);
  ASSERT_NEAR(within / s.n, 0.6827, 0.015);  /* one sd: 68.3% */
  drop(&clean);
  drop(&noisy);
}
END_TEST

/* All inputs of T within [LO, HI]; the smallest and largest within 1% of
 * the ends. */
static void check_range(const table *t, double lo, double hi)
{
  size_t m = (size_t) t->s.n * (size_t) t->s.dim;
  double min = INFINITY, max = -INFINITY;
  for (size_t i = 0; i < m; i++) {
    min = fmin(min, t->x[i]);
    max = fmax(max, t->x[i]);
  }
  ck_assert_msg(min >= lo && max <= hi, "%s: [%g, %g] not in [%g, %g]",
                t->s.name, min, max, lo, hi);
  ASSERT_NEAR(min, lo, 0.01 * (hi - lo));
  ASSERT_NEAR(max, hi, 0.01 * (hi - lo));
}

START_TEST(ranges_are_honoured)
{
  static const char *names[] = {"line", "poly", "sine", "sincos", "teacher",
                                "xor"};
  for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
    nn_data_spec s = spec(names[k]);
    s.n = 5000;
    s.noise = 0;
    table t = generate(&s, 8);
    check_range(&t, s.lo, s.hi);
    drop(&t);
    s.lo = -3;
    s.hi = 0;
    t = generate(&s, 8);
    check_range(&t, -3, 0);
    drop(&t);
  }
  nn_data_spec s = spec("sine");
  ck_assert(s.lo == -3 && s.hi == 3);
  s = spec("line");
  ck_assert(s.lo == -1 && s.hi == 1);
}
END_TEST

START_TEST(shift_and_scale_move_the_inputs_not_the_function)
{
  /* The mismatch of EXPERIMENTS.md: train on [-3, 0], test on [1, 4]. */
  nn_data_spec s = spec("sine");
  s.n = 2000;
  s.noise = 0;
  s.lo = -3;
  s.hi = 0;
  table base = generate(&s, 9);
  s.shift = 4;
  double lo, hi;
  nn_data_range(&s, &lo, &hi);
  ck_assert(lo == 1 && hi == 4);
  table shifted = generate(&s, 9);
  check_range(&shifted, 1, 4);
  for (long i = 0; i < s.n; i++) {
    ASSERT_NEAR(shifted.x[i] - base.x[i], 4, 1e-14);
    ck_assert(shifted.y[i] == sin(shifted.x[i]));  /* same function */
  }
  drop(&shifted);

  s.shift = 0;
  s.scale = 3;  /* about the centre -1.5: [-6, 3] */
  nn_data_range(&s, &lo, &hi);
  ck_assert(lo == -6 && hi == 3);
  table scaled = generate(&s, 9);
  check_range(&scaled, -6, 3);
  for (long i = 0; i < s.n; i++) {
    ASSERT_NEAR(scaled.x[i] + 1.5, 3 * (base.x[i] + 1.5), 1e-14);
    ck_assert(scaled.y[i] == sin(scaled.x[i]));
  }
  drop(&scaled);
  drop(&base);

  /* Both at once, on a 4-input function. */
  s = spec("sincos");
  s.n = 3000;
  s.noise = 0;
  s.shift = 1;
  s.scale = 0.5;
  table t = generate(&s, 10);
  check_range(&t, 0.5, 1.5);
  for (long i = 0; i < s.n; i++) {
    const double *x = t.x + 4 * i;
    ASSERT_NEAR(t.y[i], sin(3 * x[0]) * cos(2 * x[1]) + x[2] * x[3], 1e-15);
  }
  drop(&t);

  /* xor: the same rule (the signs) on shifted inputs. */
  s = spec("xor");
  s.n = 1000;
  s.noise = 0;
  s.shift = 0.5;
  t = generate(&s, 11);
  check_range(&t, -0.5, 1.5);
  for (long i = 0; i < s.n; i++)
    ck_assert(t.y[i] == ((t.x[2 * i] > 0) != (t.x[2 * i + 1] > 0)));
  drop(&t);
}
END_TEST

START_TEST(grid_puts_one_x_in_each_cell)
{
  /* EXPERIMENTS.md lesson 01: sin(pi x), 12 points on a jittered grid over
   * [-1, 1]. */
  nn_data_spec s = spec("sine");
  s.n = 12;
  s.noise = 0;
  s.freq = M_PI;
  s.lo = -1;
  s.hi = 1;
  s.grid = 1;
  table centres = generate(&s, 12);
  for (long i = 0; i < 12; i++) {
    ASSERT_NEAR(centres.x[i], -1 + (2 * i + 1) / 12.0, 2 * DBL_EPSILON);
    ck_assert(centres.y[i] == sin(M_PI * centres.x[i]));
  }
  /* Symmetric range, symmetric grid: exactly. */
  for (long i = 0; i < 6; i++)
    ck_assert(centres.x[i] == -centres.x[11 - i]);
  /* Jitter 0 draws nothing: another seed gives the same grid. */
  table again = generate(&s, 99);
  ck_assert(same(&centres, &again));
  drop(&again);

  s.jitter = 1;
  table j1 = generate(&s, 12), j2 = generate(&s, 13);
  ck_assert(!same(&j1, &j2));
  double moved = 0;
  for (long i = 0; i < 12; i++) {
    double lo = -1 + 2.0 * i / 12, hi = -1 + 2.0 * (i + 1) / 12;
    ck_assert_msg(j1.x[i] >= lo - 1e-15 && j1.x[i] <= hi + 1e-15,
                  "x%ld = %g outside [%g, %g]", i, j1.x[i], lo, hi);
    moved += fabs(j1.x[i] - centres.x[i]);
  }
  ck_assert(moved > 0.1);
  s.jitter = 0.5;
  table half = generate(&s, 12);
  for (long i = 0; i < 12; i++)  /* the same draws, half as far */
    ASSERT_NEAR(half.x[i] - centres.x[i], 0.5 * (j1.x[i] - centres.x[i]),
                1e-15);
  drop(&half);
  drop(&j1);
  drop(&j2);
  drop(&centres);
}
END_TEST

/* -- determinism ---------------------------------------------------------------- */

START_TEST(same_seed_same_table_other_seed_other_table)
{
  static const char *names[] = {"line", "poly:4", "sine", "sincos",
                                "teacher:3", "blobs:3", "moons", "spirals:2",
                                "xor"};
  for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
    nn_data_spec s = spec(names[k]);
    s.n = 50;
    table a = generate(&s, 1), b = generate(&s, 1), c = generate(&s, 2);
    ck_assert_msg(same(&a, &b), "%s: seed 1 twice differs", names[k]);
    ck_assert_msg(!same(&a, &c), "%s: seeds 1 and 2 agree", names[k]);
    /* Noise 0: still random inputs, still different. */
    s.noise = 0;
    table d = generate(&s, 1), e = generate(&s, 2);
    if (s.kind != NN_DATA_BLOBS)
      ck_assert_msg(!same(&d, &e), "%s: no noise, seeds 1 and 2 agree",
                    names[k]);
    drop(&a);
    drop(&b);
    drop(&c);
    drop(&d);
    drop(&e);
  }
}
END_TEST

START_TEST(a_known_first_row)
{
  /* Pins the generator and the order of the draws: MT19937 seeded with 1
   * (Matsumoto and Nishimura's init_genrand) outputs 1791095845 first,
   * and gsl_rng_uniform divides it by 2^32. */
  nn_data_spec s = spec("sine");
  s.n = 1;
  s.noise = 0;
  table t = generate(&s, 1);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 1);
  double u = gsl_rng_uniform(r);
  gsl_rng_free(r);
  ck_assert(u == 1791095845.0 / 4294967296.0);
  ck_assert(t.x[0] == -3 + 6 * u);
  drop(&t);
}
END_TEST

/* -- classification ------------------------------------------------------------- */

START_TEST(classes_take_turns)
{
  static const char *names[] = {"blobs:3", "moons", "spirals:4", "blobs:7"};
  for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
    nn_data_spec s = spec(names[k]);
    s.n = 10;
    size_t K = nn_data_classes(&s);
    table t = generate(&s, 14);
    size_t count[8] = {0};
    for (long i = 0; i < 10; i++) {
      ck_assert(t.y[i] == (double) ((size_t) i % K));
      count[(size_t) t.y[i]]++;
    }
    for (size_t c = 0; c < K; c++)  /* balanced to within one row */
      ck_assert_uint_eq(count[c], 10 / K + (c < 10 % K));
    drop(&t);
  }
}
END_TEST

START_TEST(blobs_sit_on_a_regular_polygon)
{
  /* EXPERIMENTS.md lesson 05: three blobs on an equilateral triangle of
   * radius 2, sd 0.7 (the defaults). */
  nn_data_spec s = spec("blobs:3");
  s.n = 30000;
  table t = generate(&s, 15);
  double mean[3][2] = {{0}}, sq[3][2] = {{0}};
  for (long i = 0; i < s.n; i++) {
    int c = (int) t.y[i];
    for (int j = 0; j < 2; j++) {
      mean[c][j] += t.x[2 * i + j];
      sq[c][j] += t.x[2 * i + j] * t.x[2 * i + j];
    }
  }
  const double want[3][2] = {{2, 0}, {-1, sqrt(3)}, {-1, -sqrt(3)}};
  for (int c = 0; c < 3; c++)
    for (int j = 0; j < 2; j++) {
      double m = mean[c][j] / 10000, sd = sqrt(sq[c][j] / 10000 - m * m);
      ASSERT_NEAR(m, want[c][j], 0.03);
      ASSERT_NEAR(sd, 0.7, 0.02);
    }
  /* The sides: 2 sqrt(3) each. */
  for (int c = 0; c < 3; c++) {
    int d = (c + 1) % 3;
    ASSERT_NEAR(hypot(want[c][0] - want[d][0], want[c][1] - want[d][1]),
                2 * sqrt(3), 1e-12);
  }
  drop(&t);

  /* More inputs: the centres in the first two, 0 in the others. */
  s = spec("blobs:4");
  s.dim = 3;
  s.noise = 0;
  t = generate(&s, 16);
  ASSERT_NEAR(t.x[0], 2, 1e-15);
  ASSERT_NEAR(t.x[3 + 1], 2, 1e-15);   /* class 1 at 90 degrees */
  ASSERT_NEAR(t.x[6 + 0], -2, 1e-15);  /* class 2 at 180 */
  ASSERT_NEAR(t.x[9 + 1], -2, 1e-15);  /* class 3 at 270 */
  for (int i = 0; i < 4; i++)
    ck_assert(t.x[3 * i + 2] == 0);
  drop(&t);
}
END_TEST

/* Accuracy of the linear rule "nearest centre" (argmax of the linear
 * functions mu_c . x - |mu_c|^2 / 2) on blobs:3. */
static double linear_accuracy(double noise, long n)
{
  nn_data_spec s = spec("blobs:3");
  s.n = n;
  s.noise = noise;
  table t = generate(&s, 17);
  const double mu[3][2] = {{2, 0}, {-1, sqrt(3)}, {-1, -sqrt(3)}};
  long right = 0;
  for (long i = 0; i < n; i++) {
    int best = 0;
    double top = -INFINITY;
    for (int c = 0; c < 3; c++) {
      double v = mu[c][0] * t.x[2 * i] + mu[c][1] * t.x[2 * i + 1] - 2;
      if (v > top) {
        top = v;
        best = c;
      }
    }
    right += best == (int) t.y[i];
  }
  drop(&t);
  return (double) right / (double) n;
}

START_TEST(blobs3_are_separable_by_a_linear_model)
{
  ck_assert(linear_accuracy(0.2, 3000) == 1);
  /* At the lessons' sd 0.7 nearly so: P(wrong) ~ 2 P(N > sqrt(3)/0.7)
   * = 1.3%. */
  double acc = linear_accuracy(0.7, 30000);
  ck_assert_msg(acc > 0.98 && acc < 0.995, "accuracy %g", acc);
}
END_TEST

START_TEST(moons_lie_on_two_half_circles)
{
  nn_data_spec s = spec("moons");
  s.n = 1000;
  s.noise = 0;
  table t = generate(&s, 18);
  for (long i = 0; i < s.n; i++) {
    double a = t.x[2 * i], b = t.x[2 * i + 1];
    if (t.y[i] == 0) {
      ASSERT_NEAR(hypot(a, b), 1, 1e-15);
      ck_assert(b >= 0);
    } else {
      ASSERT_NEAR(hypot(a - 1, b - 0.5), 1, 1e-15);
      ck_assert(b <= 0.5);
    }
  }
  drop(&t);
}
END_TEST

START_TEST(spiral_arms_turn_with_the_radius)
{
  nn_data_spec s = spec("spirals:3");
  s.n = 900;
  s.noise = 0;
  s.radius = 2;
  s.turns = 1.5;
  table t = generate(&s, 19);
  for (long i = 0; i < s.n; i++) {
    double a = t.x[2 * i], b = t.x[2 * i + 1], r = hypot(a, b);
    ck_assert(r <= 2 + 1e-15);
    if (r < 1e-9)
      continue;
    /* angle = 2 pi (c/3 + 1.5 r/2), modulo 2 pi */
    double want = 2 * M_PI * (t.y[i] / 3 + 1.5 * r / 2);
    double d = remainder(atan2(b, a) - want, 2 * M_PI);
    ASSERT_NEAR(d, 0, 1e-9);
  }
  drop(&t);
}
END_TEST

START_TEST(xor_is_the_parity_of_the_signs)
{
  nn_data_spec s = spec("xor");
  s.n = 4000;
  s.noise = 0;
  s.dim = 3;
  table t = generate(&s, 20);
  long ones = 0;
  for (long i = 0; i < s.n; i++) {
    const double *x = t.x + 3 * i;
    int parity = (x[0] > 0) ^ (x[1] > 0) ^ (x[2] > 0);
    ck_assert(t.y[i] == parity);
    ones += parity;
  }
  ASSERT_NEAR((double) ones / s.n, 0.5, 0.04);
  drop(&t);

  /* With noise, the inputs move after the label is chosen. */
  s = spec("xor");
  s.n = 4000;
  table clean, noisy;
  s.noise = 0;
  clean = generate(&s, 21);
  s.noise = 0.1;
  noisy = generate(&s, 21);
  long flipped = 0;
  for (long i = 0; i < s.n; i++) {
    const double *x = noisy.x + 2 * i;
    flipped += noisy.y[i] != ((x[0] > 0) != (x[1] > 0));
  }
  ck_assert(flipped > 0 && flipped < s.n / 10);
  drop(&clean);
  drop(&noisy);
}
END_TEST

/* -- writing the table ---------------------------------------------------------- */

START_TEST(write_gives_header_and_rows)
{
  nn_data_spec s = spec("blobs:2");
  s.n = 3;
  s.dim = 3;
  FILE *fp = tmpfile();
  ck_assert(fp != NULL);
  nn_writer w;
  nn_writer_init(&w, fp, '\t');
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  nn_err err;
  ck_assert_int_eq(nn_data_write(&s, r, &w, &err), NN_OK);
  rewind(fp);
  char line[512];
  ck_assert(fgets(line, sizeof line, fp) != NULL);
  ck_assert_str_eq(line, "x1\tx2\tx3\tlabel\n");
  int rows = 0;
  while (fgets(line, sizeof line, fp) != NULL) {
    int tabs = 0;
    for (char *c = line; *c; c++)
      tabs += *c == '\t';
    ck_assert_int_eq(tabs, 3);
    const char *label = strrchr(line, '\t') + 1;
    ck_assert_str_eq(label, rows % 2 ? "1\n" : "0\n");
    rows++;
  }
  ck_assert_int_eq(rows, 3);
  fclose(fp);

  s = spec("sine");
  s.n = 0;
  fp = tmpfile();
  nn_writer_init(&w, fp, '\t');
  ck_assert_int_eq(nn_data_write(&s, r, &w, &err), NN_EDATA);
  ck_assert_int_eq(ftell(fp), 0);  /* nothing written */
  fclose(fp);
  gsl_rng_free(r);
}
END_TEST

static Suite *data_suite(void)
{
  Suite *s = suite_create("data");
  TCase *tc = tcase_create("spec");
  tcase_add_test(tc, names_and_defaults);
  tcase_add_test(tc, bad_names);
  tcase_add_test(tc, options_each_generator_takes);
  tcase_add_test(tc, values_the_generators_cannot_take);
  suite_add_tcase(s, tc);

  tc = tcase_create("regression");
  tcase_add_test(tc, exact_values_without_noise);
  tcase_add_test(tc, teacher_is_a_tanh_network_of_its_seed);
  tcase_add_test(tc, noise_is_gaussian_on_y_and_leaves_x_alone);
  tcase_add_test(tc, ranges_are_honoured);
  tcase_add_test(tc, shift_and_scale_move_the_inputs_not_the_function);
  tcase_add_test(tc, grid_puts_one_x_in_each_cell);
  suite_add_tcase(s, tc);

  tc = tcase_create("determinism");
  tcase_add_test(tc, same_seed_same_table_other_seed_other_table);
  tcase_add_test(tc, a_known_first_row);
  suite_add_tcase(s, tc);

  tc = tcase_create("classification");
  tcase_add_test(tc, classes_take_turns);
  tcase_add_test(tc, blobs_sit_on_a_regular_polygon);
  tcase_add_test(tc, blobs3_are_separable_by_a_linear_model);
  tcase_add_test(tc, moons_lie_on_two_half_circles);
  tcase_add_test(tc, spiral_arms_turn_with_the_radius);
  tcase_add_test(tc, xor_is_the_parity_of_the_signs);
  suite_add_tcase(s, tc);

  tc = tcase_create("write");
  tcase_add_test(tc, write_gives_header_and_rows);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(data_suite());
}
