/* data.h -- synthetic data sets for the lessons (nn-data(1)).
 *
 * A data set is named as on nn-data's command line ("sine", "blobs:3") and
 * described by an nn_data_spec: how many rows, how many inputs, how much
 * noise, the range the inputs are drawn from, and each generator's own
 * parameters.  nn_data_generate fills arrays from a gsl_rng and nothing
 * else, so the same spec and seed give the same numbers.
 *
 * Regression sets (line, poly, sine, sincos, teacher) draw the inputs x
 * uniformly from a range and add Gaussian noise to a known function,
 * y = f(x) + sigma * z.  Classification sets (blobs, moons, spirals, xor)
 * give each row a class 0..K-1.  NOTES.md §1 ("Mismatch: training and test
 * data come from different distributions") is what shift and scale are for:
 * they move or stretch the range the inputs are drawn from while f stays the
 * same.  nn-data(1) documents every function and parameter.
 */
#ifndef NN_DATA_H
#define NN_DATA_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "error.h"
#include "table.h"

enum nn_data_kind {
  NN_DATA_LINE,     /* y = a * (x1 + ... + xD) + b */
  NN_DATA_POLY,     /* y = c0 + c1 x + ... + cK x^K */
  NN_DATA_SINE,     /* y = sin(w x) */
  NN_DATA_SINCOS,   /* y = sin(3 x1) cos(2 x2) + x3 x4 */
  NN_DATA_TEACHER,  /* y = a random D-K-1 tanh network of x */
  NN_DATA_BLOBS,    /* K Gaussian blobs centred on a circle */
  NN_DATA_MOONS,    /* two interleaving half circles */
  NN_DATA_SPIRALS,  /* K interleaved spiral arms */
  NN_DATA_XOR       /* class = parity of the number of positive inputs */
};

/* The options a generator takes beyond --n, --noise and --seed, as bits of
 * nn_data_options (the tool rejects the others). */
enum nn_data_option {
  NN_DATA_OPT_DIM = 1 << 0,        /* --dim */
  NN_DATA_OPT_RANGE = 1 << 1,      /* --range, --shift, --scale */
  NN_DATA_OPT_GRID = 1 << 2,       /* --grid, --jitter */
  NN_DATA_OPT_LINE = 1 << 3,       /* --slope, --intercept */
  NN_DATA_OPT_COEF = 1 << 4,       /* --coef */
  NN_DATA_OPT_FREQ = 1 << 5,       /* --freq */
  NN_DATA_OPT_RADIUS = 1 << 6,     /* --radius */
  NN_DATA_OPT_TURNS = 1 << 7,      /* --turns */
  NN_DATA_OPT_TEACHER = 1 << 8     /* --teacher-seed */
};

typedef struct nn_data_spec {
  int kind;            /* an nn_data_kind */
  char name[32];       /* as given, "blobs:3", for messages */
  long k;              /* the number after the colon: poly's degree,
                          teacher's hidden units, blobs' and spirals'
                          classes; 0 for the others */
  long n;              /* rows (must be at least 1) */
  long dim;            /* inputs per row */
  double noise;        /* standard deviation of the Gaussian noise: on y
                          for regression, on each input for classes */
  double lo, hi;       /* range each input is drawn from, before shift and
                          scale; lo < hi */
  double shift;        /* added to the range's centre (mismatch) */
  double scale;        /* stretches the range about its centre; > 0 */
  int grid;            /* 1-D regression: one x per cell of an even grid
                          instead of uniform draws */
  double jitter;       /* with grid: 0 puts x at the cell's centre, 1
                          anywhere in the cell (uniformly) */
  double slope;        /* line: a */
  double intercept;    /* line: b */
  const double *coef;  /* poly: c0..cK (ncoef = k + 1); NULL: all 1 */
  size_t ncoef;        /* number of values at coef */
  double freq;         /* sine: w */
  double radius;       /* blobs: radius of the circle of centres; spirals:
                          radius at the arms' ends */
  double turns;        /* spirals: turns each arm makes */
  unsigned long teacher_seed;  /* teacher: seeds the network's weights */
} nn_data_spec;

/* Parse NAME ("line", "poly:3", "blobs", ...) into S with every field at
 * its default for that generator.  Unknown or malformed names are
 * NN_EINVAL; the number after the colon is checked by nn_data_check. */
int nn_data_init(nn_data_spec *s, const char *name, nn_err *err);

/* Which nn_data_option bits the generator of S takes. */
unsigned nn_data_options(const nn_data_spec *s);

/* NN_OK if S can be generated; else NN_EDATA, with a message naming the
 * value the generator cannot take. */
int nn_data_check(const nn_data_spec *s, nn_err *err);

/* Number of classes, or 0 for a regression set. */
size_t nn_data_classes(const nn_data_spec *s);

/* The range inputs are drawn from, after shift and scale: with c and h
 * the range's centre and half-width, [c + shift - scale h, c + shift +
 * scale h]. */
void nn_data_range(const nn_data_spec *s, double *lo, double *hi);

/* Parameters of the teacher network (kind NN_DATA_TEACHER): how many, and
 * their values, drawn N(0, 1) from gsl_rng_mt19937 seeded with
 * teacher_seed, in nn-model(5)'s order: W1 (K x D, row by row), b1 (K),
 * W2 (1 x K), b2 (1). */
size_t nn_data_teacher_size(const nn_data_spec *s);
void nn_data_teacher_weights(const nn_data_spec *s, double *w);

/* The noiseless target f(X) of a regression set, X its dim inputs; W the
 * teacher's weights (nn_data_teacher_weights), or NULL for other kinds. */
double nn_data_target(const nn_data_spec *s, const double *w, const double *x);

/* Fill X (n rows of dim inputs, row by row) and Y (n targets, or class
 * numbers 0..K-1 as doubles) from RNG.  Checks S first (nn_data_check);
 * NN_ENOMEM if the teacher's weights cannot be allocated; NN_EDATA if a
 * value is not finite (huge parameters overflow a double). */
int nn_data_generate(const nn_data_spec *s, gsl_rng *rng, double *x,
                     double *y, nn_err *err);

/* Generate S's table and write it to W: the header x1..xD and y (or
 * label, for classes), then n rows; class labels are written as the
 * numbers 0..K-1.  Returns as nn_data_generate. */
int nn_data_write(const nn_data_spec *s, gsl_rng *rng, nn_writer *w,
                  nn_err *err);

#endif
