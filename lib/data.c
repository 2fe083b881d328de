/* data.c -- synthetic data sets for the lessons (nn-data(1)).
 *
 * Gaussian noise is GSL's gsl_ran_gaussian_ziggurat: G. Marsaglia and
 * W. W. Tsang, "The ziggurat method for generating random variables",
 * Journal of Statistical Software 5(8), 2000.  The moons follow
 * scikit-learn's make_moons (F. Pedregosa et al., "Scikit-learn: machine
 * learning in Python", JMLR 12, 2011); the two spirals are the benchmark of
 * K. J. Lang and M. J. Witbrock, "Learning to tell two spirals apart",
 * Proceedings of the 1988 Connectionist Models Summer School.
 *
 * The order of the random draws is part of the interface (the same seed
 * gives the same table): it is written out in nn-data(1), GENERATORS.
 */
#include <config.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>

#include "data.h"
#include "number.h"

/* One generator: its name, its defaults, what it takes. */
typedef struct {
  const char *name;   /* as on the command line */
  int kind;           /* nn_data_kind */
  long k;             /* default number after the colon; 0: takes none */
  long dim;           /* default --dim */
  long min_dim;       /* smallest --dim it takes */
  long max_dim;       /* largest --dim it takes (LONG_MAX: no limit) */
  double lo, hi;      /* default input range */
  double noise;       /* default --noise */
  unsigned options;   /* nn_data_option bits it takes */
} generator;

static const generator generators[] = {
  {"line", NN_DATA_LINE, 0, 1, 1, LONG_MAX, -1, 1, 0.1,
   NN_DATA_OPT_DIM | NN_DATA_OPT_RANGE | NN_DATA_OPT_GRID | NN_DATA_OPT_LINE},
  {"poly", NN_DATA_POLY, 3, 1, 1, 1, -1, 1, 0.1,
   NN_DATA_OPT_DIM | NN_DATA_OPT_RANGE | NN_DATA_OPT_GRID | NN_DATA_OPT_COEF},
  {"sine", NN_DATA_SINE, 0, 1, 1, 1, -3, 3, 0.1,
   NN_DATA_OPT_DIM | NN_DATA_OPT_RANGE | NN_DATA_OPT_GRID | NN_DATA_OPT_FREQ},
  {"sincos", NN_DATA_SINCOS, 0, 4, 4, 4, -1, 1, 0.1,
   NN_DATA_OPT_DIM | NN_DATA_OPT_RANGE},
  {"teacher", NN_DATA_TEACHER, 4, 1, 1, LONG_MAX, -1, 1, 0.1,
   NN_DATA_OPT_DIM | NN_DATA_OPT_RANGE | NN_DATA_OPT_GRID | NN_DATA_OPT_TEACHER},
  {"blobs", NN_DATA_BLOBS, 3, 2, 2, LONG_MAX, -1, 1, 0.7,
   NN_DATA_OPT_DIM | NN_DATA_OPT_RADIUS},
  {"moons", NN_DATA_MOONS, 0, 2, 2, 2, -1, 1, 0.1, NN_DATA_OPT_DIM},
  {"spirals", NN_DATA_SPIRALS, 2, 2, 2, 2, -1, 1, 0.1,
   NN_DATA_OPT_DIM | NN_DATA_OPT_RADIUS | NN_DATA_OPT_TURNS},
  {"xor", NN_DATA_XOR, 0, 2, 2, LONG_MAX, -1, 1, 0.1,
   NN_DATA_OPT_DIM | NN_DATA_OPT_RANGE},
};
#define NGENERATORS (sizeof generators / sizeof generators[0])

static const generator *find_kind(int kind)
{
  for (size_t i = 0; i < NGENERATORS; i++)
    if (generators[i].kind == kind)
      return &generators[i];
  return &generators[0];
}

int nn_data_init(nn_data_spec *s, const char *name, nn_err *err)
{
  const char *colon = strchr(name, ':');
  size_t len = colon ? (size_t) (colon - name) : strlen(name);
  const generator *g = NULL;
  for (size_t i = 0; i < NGENERATORS && g == NULL; i++)
    if (strlen(generators[i].name) == len &&
        strncmp(generators[i].name, name, len) == 0)
      g = &generators[i];
  if (g == NULL)
    return nn_err_set(err, NN_EINVAL, "unknown data set '%s'", name);
  long k = g->k;
  if (colon != NULL) {
    const char *digits = colon + 1;
    if (g->k == 0)
      return nn_err_set(err, NN_EINVAL, "'%s': %s takes no ':N'", name,
                        g->name);
    if (*digits < '0' || *digits > '9')
      return nn_err_set(err, NN_EINVAL,
                        "'%s': expected a whole number after ':'", name);
    char *end;
    errno = 0;
    unsigned long long v = strtoull(digits, &end, 10);
    if (*end != '\0')
      return nn_err_set(err, NN_EINVAL,
                        "'%s': expected a whole number after ':'", name);
    if (errno == ERANGE || v > 1000000000)
      return nn_err_set(err, NN_EDATA, "'%s': %s is too large", name,
                        digits);
    k = (long) v;
  }
  memset(s, 0, sizeof *s);
  s->kind = g->kind;
  s->k = k;
  if (g->k != 0)
    snprintf(s->name, sizeof s->name, "%s:%ld", g->name, k);
  else
    snprintf(s->name, sizeof s->name, "%s", g->name);
  s->n = 100;
  s->dim = g->dim;
  s->noise = g->noise;
  s->lo = g->lo;
  s->hi = g->hi;
  s->shift = 0;
  s->scale = 1;
  s->grid = 0;
  s->jitter = 0;
  s->slope = 2;
  s->intercept = 1;
  s->coef = NULL;
  s->ncoef = 0;
  s->freq = 1;
  s->radius = g->kind == NN_DATA_BLOBS ? 2 : 1;
  s->turns = 1;
  s->teacher_seed = 1;
  return NN_OK;
}

unsigned nn_data_options(const nn_data_spec *s)
{
  return find_kind(s->kind)->options;
}

size_t nn_data_classes(const nn_data_spec *s)
{
  switch (s->kind) {
  case NN_DATA_BLOBS:
  case NN_DATA_SPIRALS:
    return (size_t) s->k;
  case NN_DATA_MOONS:
  case NN_DATA_XOR:
    return 2;
  default:
    return 0;
  }
}

void nn_data_range(const nn_data_spec *s, double *lo, double *hi)
{
  double c = 0.5 * s->lo + 0.5 * s->hi, h = 0.5 * s->hi - 0.5 * s->lo;
  *lo = c + s->shift - s->scale * h;
  *hi = c + s->shift + s->scale * h;
}

/* X as the shortest text that reads back as X, for messages. */
typedef struct {
  char s[NN_NUMBER_BUFSIZE];  /* the text */
} numtext;

static numtext text(double x)
{
  numtext t;
  nn_number_format(t.s, x);
  return t;
}

int nn_data_check(const nn_data_spec *s, nn_err *err)
{
  const generator *g = find_kind(s->kind);
  size_t classes = nn_data_classes(s);
  if (s->n < 1)
    return nn_err_set(err, NN_EDATA,
                      "--n %ld: the number of rows must be at least 1", s->n);
  if ((s->kind == NN_DATA_BLOBS || s->kind == NN_DATA_SPIRALS) && s->k < 2)
    return nn_err_set(err, NN_EDATA, "%s: needs at least 2 classes",
                      s->name);
  if (s->kind == NN_DATA_TEACHER && s->k < 1)
    return nn_err_set(err, NN_EDATA, "%s: needs at least 1 hidden unit",
                      s->name);
  if (s->dim < g->min_dim || s->dim > g->max_dim) {
    if (g->min_dim == g->max_dim)
      return nn_err_set(err, NN_EDATA,
                        "%s: cannot take --dim %ld: it has %ld input%s",
                        s->name, s->dim, g->min_dim,
                        g->min_dim == 1 ? "" : "s");
    return nn_err_set(err, NN_EDATA,
                      "%s: cannot take --dim %ld: it needs at least %ld "
                      "input%s", s->name, s->dim, g->min_dim,
                      g->min_dim == 1 ? "" : "s");
  }
  if ((unsigned long) s->n > SIZE_MAX / sizeof(double) / (unsigned long) s->dim)
    return nn_err_set(err, NN_EDATA, "--n %ld with --dim %ld: too many values",
                      s->n, s->dim);
  if (classes > 0 && (unsigned long) s->n < classes)
    return nn_err_set(err, NN_EDATA,
                      "%s: --n %ld gives fewer rows than its %zu classes",
                      s->name, s->n, classes);
  if (s->kind == NN_DATA_TEACHER &&
      (unsigned long) s->k > SIZE_MAX / sizeof(double) / ((unsigned long) s->dim + 3))
    return nn_err_set(err, NN_EDATA, "%s with --dim %ld: too many weights",
                      s->name, s->dim);
  if (!(s->noise >= 0) || !isfinite(s->noise))
    return nn_err_set(err, NN_EDATA, "--noise %s: must not be negative",
                      text(s->noise).s);
  if (!(s->lo < s->hi))
    return nn_err_set(err, NN_EDATA,
                      "--range %s:%s: the low end must be below the high end",
                      text(s->lo).s, text(s->hi).s);
  if (!(s->scale > 0))
    return nn_err_set(err, NN_EDATA, "--scale %s: must be greater than zero",
                      text(s->scale).s);
  double lo, hi;
  nn_data_range(s, &lo, &hi);
  if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
    return nn_err_set(err, NN_EDATA,
                      "--shift %s --scale %s: the input range [%s, %s] is "
                      "out of reach", text(s->shift).s, text(s->scale).s,
                      text(lo).s, text(hi).s);
  if (s->grid && s->dim != 1)
    return nn_err_set(err, NN_EDATA,
                      "--grid: %s with --dim %ld: the grid is for one input",
                      s->name, s->dim);
  if (!(s->jitter >= 0 && s->jitter <= 1))
    return nn_err_set(err, NN_EDATA, "--jitter %s: must be between 0 and 1",
                      text(s->jitter).s);
  if (s->kind == NN_DATA_POLY && s->coef != NULL &&
      s->ncoef != (size_t) s->k + 1)
    return nn_err_set(err, NN_EDATA,
                      "%s: --coef gives %zu coefficient%s, it needs %ld "
                      "(c0 to c%ld)", s->name, s->ncoef,
                      s->ncoef == 1 ? "" : "s", s->k + 1, s->k);
  if (!(s->radius >= 0))
    return nn_err_set(err, NN_EDATA, "--radius %s: must not be negative",
                      text(s->radius).s);
  return NN_OK;
}

size_t nn_data_teacher_size(const nn_data_spec *s)
{
  size_t h = (size_t) s->k, d = (size_t) s->dim;
  return h * d + h + h + 1;
}

void nn_data_teacher_weights(const nn_data_spec *s, double *w)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  size_t m = nn_data_teacher_size(s);
  if (r == NULL) {  /* cannot happen short of memory; keep it defined */
    for (size_t i = 0; i < m; i++)
      w[i] = 0;
    return;
  }
  gsl_rng_set(r, s->teacher_seed);
  for (size_t i = 0; i < m; i++)
    w[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
  gsl_rng_free(r);
}

/* The teacher network: y = W2 tanh(W1 x + b1) + b2. */
static double teacher(const nn_data_spec *s, const double *w, const double *x)
{
  size_t h = (size_t) s->k, d = (size_t) s->dim;
  const double *W1 = w, *b1 = w + h * d, *W2 = b1 + h, *b2 = W2 + h;
  double y = b2[0];
  for (size_t i = 0; i < h; i++) {
    double a = b1[i];
    for (size_t j = 0; j < d; j++)
      a += W1[i * d + j] * x[j];
    y += W2[i] * tanh(a);
  }
  return y;
}

double nn_data_target(const nn_data_spec *s, const double *w, const double *x)
{
  switch (s->kind) {
  case NN_DATA_LINE: {
    double sum = 0;
    for (long j = 0; j < s->dim; j++)
      sum += x[j];
    return s->slope * sum + s->intercept;
  }
  case NN_DATA_POLY: {  /* Horner: c0 + x (c1 + x (c2 + ...)) */
    double y = 0;
    for (long i = s->k; i >= 0; i--)
      y = y * x[0] + (s->coef ? s->coef[i] : 1.0);
    return y;
  }
  case NN_DATA_SINE:
    return sin(s->freq * x[0]);
  case NN_DATA_SINCOS:
    return sin(3 * x[0]) * cos(2 * x[1]) + x[2] * x[3];
  case NN_DATA_TEACHER:
    return teacher(s, w, x);
  default:
    return 0;
  }
}

/* Regression: the inputs (grid or uniform), then one noise draw per row. */
static int regression(const nn_data_spec *s, gsl_rng *rng, double *x,
                      double *y, nn_err *err)
{
  size_t n = (size_t) s->n, d = (size_t) s->dim;
  double lo, hi;
  nn_data_range(s, &lo, &hi);
  double width = hi - lo;
  if (s->grid) {
    /* Cell i of n covers [lo + i width/n, lo + (i+1) width/n]; written
     * about the centre so that a symmetric range gives symmetric x. */
    double c = 0.5 * lo + 0.5 * hi, h = 0.5 * width;
    for (size_t i = 0; i < n; i++) {
      double u = s->jitter > 0 ? gsl_rng_uniform(rng) : 0.5;
      double t = (2 * ((double) i + 0.5 + s->jitter * (u - 0.5)) - (double) n)
                 / (double) n;
      x[i] = fmin(fmax(c + h * t, lo), hi);  /* clamp: rounding only */
    }
  } else {
    for (size_t i = 0; i < n * d; i++)
      x[i] = lo + width * gsl_rng_uniform(rng);
  }
  double *w = NULL;
  if (s->kind == NN_DATA_TEACHER) {
    w = malloc(nn_data_teacher_size(s) * sizeof *w);
    if (w == NULL)
      return nn_err_set(err, NN_ENOMEM, "out of memory");
    nn_data_teacher_weights(s, w);
  }
  for (size_t i = 0; i < n; i++) {
    y[i] = nn_data_target(s, w, x + i * d);
    if (s->noise > 0)
      y[i] += s->noise * gsl_ran_gaussian_ziggurat(rng, 1.0);
  }
  free(w);
  return NN_OK;
}

/* Add noise * N(0, 1) to each of the D values at X. */
static void jitter_inputs(const nn_data_spec *s, gsl_rng *rng, double *x,
                          size_t d)
{
  if (s->noise > 0)
    for (size_t j = 0; j < d; j++)
      x[j] += s->noise * gsl_ran_gaussian_ziggurat(rng, 1.0);
}

/* Every value of the table must be a finite number, which the tools read
 * back; huge parameters (--slope 1e308, --freq 1e308pi) can overflow. */
static int check_finite(const nn_data_spec *s, const double *x,
                        const double *y, nn_err *err)
{
  size_t n = (size_t) s->n, d = (size_t) s->dim;
  for (size_t i = 0; i < n; i++) {
    for (size_t j = 0; j < d; j++)
      if (!isfinite(x[i * d + j]))
        return nn_err_set(err, NN_EDATA, "%s: row %zu: x%zu is %s: the "
                          "parameters overflow a double", s->name, i + 1,
                          j + 1, text(x[i * d + j]).s);
    if (!isfinite(y[i]))
      return nn_err_set(err, NN_EDATA, "%s: row %zu: y is %s: the "
                        "parameters overflow a double", s->name, i + 1,
                        text(y[i]).s);
  }
  return NN_OK;
}

int nn_data_generate(const nn_data_spec *s, gsl_rng *rng, double *x,
                     double *y, nn_err *err)
{
  int status = nn_data_check(s, err);
  if (status != NN_OK)
    return status;
  size_t n = (size_t) s->n, d = (size_t) s->dim, k = nn_data_classes(s);
  if (k == 0) {
    status = regression(s, rng, x, y, err);
    return status == NN_OK ? check_finite(s, x, y, err) : status;
  }
  double lo, hi;
  nn_data_range(s, &lo, &hi);
  for (size_t i = 0; i < n; i++) {
    double *xi = x + i * d;
    size_t c = i % k;  /* classes take turns: balanced to within one row */
    switch (s->kind) {
    case NN_DATA_BLOBS: {
      double a = 2 * M_PI * (double) c / (double) k;
      xi[0] = s->radius * cos(a);
      xi[1] = s->radius * sin(a);
      for (size_t j = 2; j < d; j++)
        xi[j] = 0;
      break;
    }
    case NN_DATA_MOONS: {
      double t = M_PI * gsl_rng_uniform(rng);
      xi[0] = c == 0 ? cos(t) : 1 - cos(t);
      xi[1] = c == 0 ? sin(t) : 0.5 - sin(t);
      break;
    }
    case NN_DATA_SPIRALS: {
      double t = gsl_rng_uniform(rng);
      double a = 2 * M_PI * ((double) c / (double) k + s->turns * t);
      xi[0] = s->radius * t * cos(a);
      xi[1] = s->radius * t * sin(a);
      break;
    }
    case NN_DATA_XOR: {
      size_t positive = 0;
      for (size_t j = 0; j < d; j++) {
        xi[j] = lo + (hi - lo) * gsl_rng_uniform(rng);
        positive += xi[j] > 0;
      }
      c = positive % 2;
      break;
    }
    }
    jitter_inputs(s, rng, xi, d);
    y[i] = (double) c;
  }
  return check_finite(s, x, y, err);
}

int nn_data_write(const nn_data_spec *s, gsl_rng *rng, nn_writer *w,
                  nn_err *err)
{
  int status = nn_data_check(s, err);
  if (status != NN_OK)
    return status;
  size_t n = (size_t) s->n, d = (size_t) s->dim;
  double *x = malloc(n * d * sizeof *x), *y = malloc(n * sizeof *y);
  if (x == NULL || y == NULL) {
    free(x);
    free(y);
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  }
  status = nn_data_generate(s, rng, x, y, err);
  if (status == NN_OK) {
    char name[32];
    for (size_t j = 0; j < d; j++) {
      snprintf(name, sizeof name, "x%zu", j + 1);
      nn_writer_string(w, name);
    }
    nn_writer_string(w, nn_data_classes(s) ? "label" : "y");
    nn_writer_end(w);
    for (size_t i = 0; i < n; i++) {
      for (size_t j = 0; j < d; j++)
        nn_writer_number(w, x[i * d + j]);
      nn_writer_number(w, y[i]);
      nn_writer_end(w);
    }
  }
  free(x);
  free(y);
  return status;
}
