/* tests/unit/modelfile.c -- Check suite for lib/modelfile.h: the model file
 * nn-model(5).
 *
 * Random models written and read back must be bit-identical (names with
 * tabs, quotes, commas, '#' and line breaks; every loss and activation;
 * scaling; polynomial features; special numbers); a file written by hand
 * reads as the format says; every error has its exact message, status and
 * line.
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "fixture.h"
#include "model.h"
#include "modelfile.h"
#include "unit.h"

/* -- helpers ---------------------------------------------------------------- */

static char *xstrdup(const char *s)
{
  char *d = malloc(strlen(s) + 1);
  ck_assert_ptr_nonnull(d);
  return strcpy(d, s);
}

/* Write M to a temporary file (fx_path) and read it back. */
static nn_model *round_trip(const nn_model *m)
{
  FILE *fp = fopen(FX_WRITE(""), "w");
  ck_assert_ptr_nonnull(fp);
  nn_model_write(m, fp);
  ck_assert_int_eq(fclose(fp), 0);
  nn_err err;
  nn_err_clear(&err);
  nn_model *r = nn_model_read(fx_path, &err);
  ck_assert_msg(r != NULL, "reading back: %s", err.msg);
  return r;
}

/* The bytes nn_model_write writes for M. */
static char *written(const nn_model *m)
{
  char *buf;
  size_t len;
  FILE *fp = open_memstream(&buf, &len);
  ck_assert_ptr_nonnull(fp);
  nn_model_write(m, fp);
  ck_assert_int_eq(fclose(fp), 0);
  return buf;
}

static int same_bits(const double *a, const double *b, size_t n)
{
  return (a == NULL) == (b == NULL) && (a == NULL || memcmp(a, b, n * sizeof *a) == 0);
}

/* Assert that A and B are the same model, bit for bit. */
static void expect_same_model(const nn_model *a, const nn_model *b)
{
  ck_assert_uint_eq(a->nlayers, b->nlayers);
  for (size_t l = 0; l <= a->nlayers; l++)
    ck_assert_uint_eq(a->width[l], b->width[l]);
  ck_assert_int_eq(a->act, b->act);
  ck_assert_int_eq(a->bias, b->bias);
  ck_assert_int_eq(a->loss, b->loss);
  ck_assert_uint_eq(a->poly, b->poly);
  ck_assert_uint_eq(nn_model_ncolumns(a), nn_model_ncolumns(b));
  for (size_t j = 0; j < nn_model_ncolumns(a); j++)
    ck_assert_str_eq(a->inputs[j], b->inputs[j]);
  ck_assert_str_eq(a->target, b->target);
  ck_assert_uint_eq(a->nclasses, b->nclasses);
  for (size_t k = 0; k < a->nclasses; k++)
    ck_assert_str_eq(a->classes[k], b->classes[k]);
  ck_assert(same_bits(a->shift, b->shift, a->width[0]));
  ck_assert(same_bits(a->scale, b->scale, a->width[0]));
  ck_assert_uint_eq(a->nparams, b->nparams);
  for (size_t k = 0; k < a->nparams; k++)
    ck_assert_msg(memcmp(&a->theta[k], &b->theta[k], sizeof(double)) == 0,
                  "parameter %zu: %a read back as %a", k, a->theta[k],
                  b->theta[k]);
}

/* Read TEXT as a model file and assert it fails with STATUS and the
 * message "FILE:LINE: MSG" (just "FILE: MSG" when LINE is 0). */
static void expect_read_err(const char *text, int status, long line,
                            const char *msg, int caller)
{
  FX_WRITE(text);
  nn_err err;
  nn_err_clear(&err);
  nn_model *m = nn_model_read(fx_path, &err);
  fx_unlink();
  ck_assert_msg(m == NULL, "line %d: the model was read", caller);
  char want[sizeof fx_path + 1100];
  if (line > 0)
    snprintf(want, sizeof want, "%s:%ld: %s", fx_path, line, msg);
  else
    snprintf(want, sizeof want, "%s: %s", fx_path, msg);
  ck_assert_msg(strcmp(err.msg, want) == 0,
                "line %d: message\n  '%s', expected\n  '%s'", caller, err.msg,
                want);
  ck_assert_msg(err.status == status, "line %d: status %d, expected %d",
                caller, err.status, status);
}
#define READ_ERR(text, line, msg) \
  expect_read_err(text, NN_EDATA, line, msg, __LINE__)

/* A good file (2 inputs, 2 hidden, 3 classes), whose lines the error tests
 * replace or drop one at a time.  Line numbers are 1-based, as in messages. */
static const char *const good[] = {
  "nnkit-model\t1",            /* 1 */
  "inputs\tx1\tx2",            /* 2 */
  "target\ty",                 /* 3 */
  "loss\txent",                /* 4 */
  "classes\ta\tb\tc",          /* 5 */
  "layers\t2\t2\t3",           /* 6 */
  "activation\ttanh",          /* 7 */
  "bias\tyes",                 /* 8 */
  "shift\t1\t-2",              /* 9 */
  "scale\t0.5\t4",             /* 10 */
  "W1[1,1]\t0.25",             /* 11 */
  "W1[1,2]\t-1",               /* 12 */
  "W1[2,1]\t2",                /* 13 */
  "W1[2,2]\t0.125",            /* 14 */
  "b1[1]\t0",                  /* 15 */
  "b1[2]\t1e-3",               /* 16 */
  "W2[1,1]\t1",                /* 17 */
  "W2[1,2]\t2",                /* 18 */
  "W2[2,1]\t3",                /* 19 */
  "W2[2,2]\t4",                /* 20 */
  "W2[3,1]\t5",                /* 21 */
  "W2[3,2]\t6",                /* 22 */
  "b2[1]\t-0.5",               /* 23 */
  "b2[2]\t0.5",                /* 24 */
  "b2[3]\t0",                  /* 25 */
};
#define NGOOD (sizeof good / sizeof *good)

/* The good file with line LINE replaced by WITH (NULL: dropped; LINE 0:
 * nothing replaced), and EXTRA lines appended; a static buffer. */
static const char *variant(size_t line, const char *with, const char *extra)
{
  static char buf[8192];
  size_t n = 0;
  for (size_t i = 0; i < NGOOD; i++) {
    const char *s = i + 1 == line ? with : good[i];
    if (s != NULL)
      n += (size_t) snprintf(buf + n, sizeof buf - n, "%s\n", s);
  }
  if (extra)
    snprintf(buf + n, sizeof buf - n, "%s", extra);
  return buf;
}

/* Replace the first OLD in TEXT (which has room) by NEW. */
static void replace(char *text, const char *old, const char *new)
{
  char *at = strstr(text, old);
  ck_assert_ptr_nonnull(at);
  size_t lo = strlen(old), ln = strlen(new);
  memmove(at + ln, at + lo, strlen(at + lo) + 1);
  memcpy(at, new, ln);
}

/* The good file's first LINES lines. */
static const char *first_lines(size_t lines)
{
  static char buf[8192];
  size_t n = 0;
  for (size_t i = 0; i < lines; i++)
    n += (size_t) snprintf(buf + n, sizeof buf - n, "%s\n", good[i]);
  return buf;
}

/* -- round trips ------------------------------------------------------------- */

static const char *const odd_names[] = {
  "x", "tab\there", "say \"hi\"", "\"", "a,b", "#hash", "# not a comment",
  "two\nlines", "cr\rlf", " lead", "trail ", "caf\xc3\xa9", "W1[1,1]", "inputs",
  "nnkit-model", "1", "-2.5", "", "semi;colon", "back\\slash",
};
#define NODD (sizeof odd_names / sizeof *odd_names)

static double random_value(gsl_rng *r)
{
  static const double special[] = {0.0, -0.0, 1, -1, 0.1, 1.0 / 3, 1e300,
    -1e-300, DBL_MAX, DBL_MIN, DBL_TRUE_MIN, -DBL_TRUE_MIN, 123456789.125,
    0x1.fffffffffffffp-1};
  if (gsl_rng_uniform(r) < 0.2)
    return special[gsl_rng_uniform_int(r, sizeof special / sizeof *special)];
  uint64_t bits;
  double x;
  do {  /* any finite double, denormals included */
    bits = (uint64_t) gsl_rng_get(r) << 32 | (uint64_t) gsl_rng_get(r);
    memcpy(&x, &bits, sizeof x);
  } while (!isfinite(x));
  return gsl_rng_uniform(r) < 0.5 ? x : gsl_ran_gaussian(r, 1);
}

START_TEST(random_models_round_trip_bit_exact)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 5);
  for (int trial = 0; trial < 120; trial++) {
    nn_loss loss = (nn_loss) (trial % 3);
    nn_act act = (nn_act) (trial / 3 % 4);
    int bias = trial / 12 % 2;
    size_t L = 1 + gsl_rng_uniform_int(r, 3), width[4];
    for (size_t l = 0; l < L; l++)
      width[l] = 1 + gsl_rng_uniform_int(r, 5);
    width[L] = loss == NN_LOSS_MSE ? 1 : 2 + gsl_rng_uniform_int(r, 4);
    /* Every fifth model has polynomial features: width[0] counts them. */
    size_t poly = trial % 5 == 4 ? 2 + (size_t) trial % 7 : 1;
    width[0] *= poly;
    nn_model *m = nn_model_alloc(L, width, act, bias, loss);
    ck_assert_ptr_nonnull(m);
    m->poly = poly;
    for (size_t j = 0; j < nn_model_ncolumns(m); j++)
      m->inputs[j] = xstrdup(odd_names[gsl_rng_uniform_int(r, NODD)]);
    m->target = xstrdup(odd_names[gsl_rng_uniform_int(r, NODD)]);
    if (loss != NN_LOSS_MSE) {
      m->nclasses = width[L];
      m->classes = calloc(m->nclasses, sizeof *m->classes);
      ck_assert_ptr_nonnull(m->classes);
      for (size_t k = 0; k < m->nclasses; k++)
        m->classes[k] = xstrdup(odd_names[(trial + 3 * k) % NODD]);
    }
    if (trial % 2) {
      m->shift = malloc(width[0] * sizeof *m->shift);
      m->scale = malloc(width[0] * sizeof *m->scale);
      ck_assert(m->shift && m->scale);
      for (size_t j = 0; j < width[0]; j++) {
        m->shift[j] = random_value(r);
        m->scale[j] = fabs(random_value(r)) + DBL_TRUE_MIN;
      }
    }
    for (size_t k = 0; k < m->nparams; k++)
      m->theta[k] = random_value(r);
    ck_assert_int_eq(nn_model_check(m, NULL), NN_OK);
    nn_model *back = round_trip(m);
    fx_unlink();
    expect_same_model(m, back);
    /* Writing what was read gives the same bytes; a poly line only for
     * poly > 1. */
    char *a = written(m), *b = written(back);
    ck_assert_str_eq(a, b);
    ck_assert((strstr(a, "\npoly\t") != NULL) == (poly > 1));
    free(a);
    free(b);
    nn_model_free(back);
    nn_model_free(m);
  }
  gsl_rng_free(r);
}
END_TEST

START_TEST(written_file_is_as_documented)
{
  /* The bytes of a small model: the order of modelfile.h, numbers in
   * their shortest form, a name with a tab quoted. */
  const size_t width[3] = {2, 1, 2};
  nn_model *m = nn_model_alloc(2, width, NN_ACT_RELU, 1, NN_LOSS_XENT);
  ck_assert_ptr_nonnull(m);
  m->inputs[0] = xstrdup("a\tb");
  m->inputs[1] = xstrdup("c");
  m->target = xstrdup("#t");
  m->nclasses = 2;
  m->classes = calloc(2, sizeof *m->classes);
  m->classes[0] = xstrdup("no");
  m->classes[1] = xstrdup("yes");
  m->shift = malloc(2 * sizeof *m->shift);
  m->scale = malloc(2 * sizeof *m->scale);
  m->shift[0] = 0.1;
  m->shift[1] = -3;
  m->scale[0] = 1.0 / 3;
  m->scale[1] = 1e-20;
  const double theta[7] = {1, -0.5, 0, 0.1, -0.2, 1e300, -0.0};
  memcpy(m->theta, theta, sizeof theta);
  char *s = written(m);
  ck_assert_str_eq(s,
    "nnkit-model\t1\n"
    "inputs\t\"a\tb\"\tc\n"
    "target\t#t\n"
    "loss\txent\n"
    "classes\tno\tyes\n"
    "layers\t2\t1\t2\n"
    "activation\trelu\n"
    "bias\tyes\n"
    "shift\t0.1\t-3\n"
    "scale\t0.3333333333333333\t1e-20\n"
    "W1[1,1]\t1\n"
    "W1[1,2]\t-0.5\n"
    "b1[1]\t0\n"
    "W2[1,1]\t0.1\n"
    "W2[2,1]\t-0.2\n"
    "b2[1]\t1e+300\n"
    "b2[2]\t-0\n");
  free(s);
  nn_model_free(m);
}
END_TEST

START_TEST(poly_written_only_above_1)
{
  /* Two columns with their powers 1..3: six network inputs, one name per
   * column, the poly line before the scaling. */
  const size_t width[2] = {6, 1};
  nn_model *m = nn_model_alloc(1, width, NN_ACT_LINEAR, 1, NN_LOSS_MSE);
  ck_assert_ptr_nonnull(m);
  ck_assert_uint_eq(m->poly, 1);
  m->poly = 3;
  ck_assert_uint_eq(nn_model_ncolumns(m), 2);
  m->inputs[0] = xstrdup("x");
  m->inputs[1] = xstrdup("z");
  m->target = xstrdup("y");
  m->shift = calloc(6, sizeof *m->shift);
  m->scale = malloc(6 * sizeof *m->scale);
  for (size_t k = 0; k < 6; k++) {
    m->shift[k] = (double) k / 4;
    m->scale[k] = (double) k + 1;
    m->theta[k] = -(double) k;
  }
  m->theta[6] = 0.5;
  char *s = written(m);
  ck_assert_str_eq(s,
    "nnkit-model\t1\n"
    "inputs\tx\tz\n"
    "target\ty\n"
    "loss\tmse\n"
    "layers\t6\t1\n"
    "activation\tlinear\n"
    "bias\tyes\n"
    "poly\t3\n"
    "shift\t0\t0.25\t0.5\t0.75\t1\t1.25\n"
    "scale\t1\t2\t3\t4\t5\t6\n"
    "W1[1,1]\t-0\n"
    "W1[1,2]\t-1\n"
    "W1[1,3]\t-2\n"
    "W1[1,4]\t-3\n"
    "W1[1,5]\t-4\n"
    "W1[1,6]\t-5\n"
    "b1[1]\t0.5\n");
  free(s);
  nn_model *back = round_trip(m);
  fx_unlink();
  expect_same_model(m, back);
  ck_assert_uint_eq(back->poly, 3);
  ck_assert_ptr_null(back->inputs[2]);
  nn_model_free(back);
  nn_model_free(m);
  /* poly 1: no poly line, the file of a model without powers. */
  const size_t w2[2] = {2, 1};
  m = nn_model_alloc(1, w2, NN_ACT_LINEAR, 0, NN_LOSS_MSE);
  m->inputs[0] = xstrdup("x");
  m->inputs[1] = xstrdup("z");
  m->target = xstrdup("y");
  s = written(m);
  ck_assert_str_eq(s, "nnkit-model\t1\ninputs\tx\tz\ntarget\ty\nloss\tmse\n"
                   "layers\t2\t1\nactivation\tlinear\nbias\tno\n"
                   "W1[1,1]\t0\nW1[1,2]\t0\n");
  free(s);
  nn_model_free(m);
}
END_TEST

/* -- files written by hand --------------------------------------------------- */

/* A model with polynomial features: columns x and z, each to the power 3
 * (lines 1 to 17, as in messages). */
static const char poly_good[] =
  "nnkit-model\t1\n"                 /* 1 */
  "inputs\tx\tz\n"                   /* 2 */
  "target\ty\n"                      /* 3 */
  "loss\tmse\n"                      /* 4 */
  "layers\t6\t1\n"                   /* 5 */
  "activation\tlinear\n"             /* 6 */
  "bias\tyes\n"                      /* 7 */
  "poly\t3\n"                        /* 8 */
  "shift\t0\t1\t0\t0\t0\t0\n"           /* 9 */
  "scale\t1\t2\t1\t1\t1\t4\n"           /* 10 */
  "W1[1,1]\t1\nW1[1,2]\t2\nW1[1,3]\t3\n"  /* 11-13 */
  "W1[1,4]\t4\nW1[1,5]\t5\nW1[1,6]\t6\n"  /* 14-16 */
  "b1[1]\t-1\n";                     /* 17 */

/* POLY_GOOD with OLD replaced by NEW; a static buffer. */
static const char *poly_variant(const char *old, const char *new)
{
  static char buf[4096];
  snprintf(buf, sizeof buf, "%s", poly_good);
  replace(buf, old, new);
  return buf;
}

START_TEST(hand_written_poly_model)
{
  FX_WRITE(poly_good);
  nn_err err;
  nn_model *m = nn_model_read(fx_path, &err);
  fx_unlink();
  ck_assert_msg(m != NULL, "%s", err.msg);
  ck_assert_uint_eq(m->poly, 3);
  ck_assert_uint_eq(m->width[0], 6);
  ck_assert_uint_eq(nn_model_ncolumns(m), 2);
  ck_assert_str_eq(m->inputs[0], "x");
  ck_assert_str_eq(m->inputs[1], "z");
  ck_assert(m->shift[1] == 1 && m->scale[1] == 2 && m->scale[5] == 4);
  ck_assert_uint_eq(m->nparams, 7);
  ck_assert(m->theta[5] == 6 && m->theta[6] == -1);
  /* Written again: the same text. */
  char *s = written(m);
  ck_assert_str_eq(s, poly_good);
  free(s);
  nn_model_free(m);
  /* poly 1 is allowed, and means no powers. */
  FX_WRITE("nnkit-model\t1\ninputs\tx\ntarget\ty\nloss\tmse\nlayers\t1\t1\n"
           "activation\tlinear\nbias\tno\npoly\t1\nW1[1,1]\t2\n");
  m = nn_model_read(fx_path, &err);
  fx_unlink();
  ck_assert_msg(m != NULL, "%s", err.msg);
  ck_assert_uint_eq(m->poly, 1);
  ck_assert_uint_eq(nn_model_ncolumns(m), 1);
  nn_model_free(m);
  /* Keys in another order: poly after the scaling, before the inputs. */
  char text[4096];
  snprintf(text, sizeof text, "%s", poly_variant("poly\t3\n", ""));
  replace(text, "inputs\t", "poly\t3\ninputs\t");
  FX_WRITE(text);
  m = nn_model_read(fx_path, &err);
  fx_unlink();
  ck_assert_msg(m != NULL, "%s", err.msg);
  ck_assert_uint_eq(m->poly, 3);
  nn_model_free(m);
}
END_TEST

START_TEST(notes_two_weight_network_by_hand)
{
  /* NOTES.md §2: y = w1 w2 x at w1 = w2 = 0 (mlp:1, linear, no bias). */
  FX_WRITE("nnkit-model\t1\n"
           "# the notes' two-weight network: y = w1 w2 x\n"
           "inputs\tx\n"
           "target\ty\n"
           "loss\tmse\n"
           "layers\t1\t1\t1\n"
           "activation\tlinear\n"
           "bias\tno\n"
           "W1[1,1]\t0\n"
           "W2[1,1]\t0\n");
  nn_err err;
  nn_model *m = nn_model_read(fx_path, &err);
  fx_unlink();
  ck_assert_msg(m != NULL, "%s", err.msg);
  ck_assert_uint_eq(m->nlayers, 2);
  ck_assert_uint_eq(m->width[0], 1);
  ck_assert_uint_eq(m->width[1], 1);
  ck_assert_uint_eq(m->width[2], 1);
  ck_assert_int_eq(m->act, NN_ACT_LINEAR);
  ck_assert_int_eq(m->bias, 0);
  ck_assert_int_eq(m->loss, NN_LOSS_MSE);
  ck_assert_str_eq(m->inputs[0], "x");
  ck_assert_str_eq(m->target, "y");
  ck_assert_uint_eq(m->nclasses, 0);
  ck_assert_ptr_null(m->classes);
  ck_assert_ptr_null(m->shift);
  ck_assert_uint_eq(m->nparams, 2);
  /* Loss 1 on the row x = 1, y = 1; gradient 0 (the saddle). */
  nn_work *w = nn_work_alloc(m, 1);
  gsl_matrix_const_view X = gsl_matrix_const_view_array((const double[]){1}, 1, 1);
  double g[2];
  nn_target t = {(const double[]){1}, NULL};
  ck_assert(nn_model_loss(m, w, &X.matrix, t, g) == 1);
  ck_assert(g[0] == 0 && g[1] == 0);
  nn_work_free(w);
  nn_model_free(m);
}
END_TEST

START_TEST(hand_written_classifier)
{
  /* Keys in another order, comments and blank lines, CRLF line ends,
   * numbers in every form the strict parser takes. */
  FX_WRITE("# a hand-written model\r\n"
           "nnkit-model\t1\r\n"
           "layers\t2\t2\t3\r\n"
           "\r\n"
           "bias\tyes\r\n"
           "activation\tsigmoid\r\n"
           "classes\tsetosa\t\"versi\tcolor\"\tvirginica\r\n"
           "loss\tsoftmax-mse\r\n"
           "target\tspecies\r\n"
           "inputs\tpetal length\tpetal width\r\n"
           "scale\t2\t0.5\r\n"
           "shift\t3.75\t-1\r\n"
           "# the parameters\r\n"
           "W1[1,1]\t+1\r\nW1[1,2]\t-2.5e1\r\nW1[2,1]\t.5\r\nW1[2,2]\t5.\r\n"
           "b1[1]\t1E-2\r\nb1[2]\t0\r\n"
           "W2[1,1]\t1\r\nW2[1,2]\t2\r\nW2[2,1]\t3\r\nW2[2,2]\t4\r\n"
           "W2[3,1]\t5\r\nW2[3,2]\t6\r\n"
           "b2[1]\t7\r\nb2[2]\t8\r\nb2[3]\t9\r\n"
           "# the end\r\n");
  nn_err err;
  nn_model *m = nn_model_read(fx_path, &err);
  fx_unlink();
  ck_assert_msg(m != NULL, "%s", err.msg);
  ck_assert_int_eq(m->act, NN_ACT_SIGMOID);
  ck_assert_int_eq(m->loss, NN_LOSS_SOFTMAX_MSE);
  ck_assert_str_eq(m->inputs[0], "petal length");
  ck_assert_str_eq(m->inputs[1], "petal width");
  ck_assert_str_eq(m->target, "species");
  ck_assert_uint_eq(m->nclasses, 3);
  ck_assert_str_eq(m->classes[0], "setosa");
  ck_assert_str_eq(m->classes[1], "versi\tcolor");
  ck_assert_str_eq(m->classes[2], "virginica");
  ck_assert(m->shift[0] == 3.75 && m->shift[1] == -1);
  ck_assert(m->scale[0] == 2 && m->scale[1] == 0.5);
  const double theta[15] = {1, -25, 0.5, 5, 0.01, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  ck_assert_uint_eq(m->nparams, 15);
  for (size_t k = 0; k < 15; k++)
    ck_assert_msg(m->theta[k] == theta[k], "parameter %zu: %g", k, m->theta[k]);
  nn_model_free(m);
}
END_TEST

START_TEST(the_good_file_reads)
{
  /* The file the error tests vary is itself good. */
  FX_WRITE(variant(0, NULL, NULL));
  nn_err err;
  nn_model *m = nn_model_read(fx_path, &err);
  fx_unlink();
  ck_assert_msg(m != NULL, "%s", err.msg);
  ck_assert_uint_eq(m->nparams, 15);
  ck_assert(m->theta[14] == 0 && m->theta[13] == 0.5 && m->theta[5] == 1e-3);
  nn_model_free(m);
  /* Without the optional scaling lines too (both of them). */
  char text[8192];
  snprintf(text, sizeof text, "%s", variant(9, NULL, NULL));
  replace(text, "scale\t0.5\t4\n", "");
  FX_WRITE(text);
  m = nn_model_read(fx_path, &err);
  fx_unlink();
  ck_assert_msg(m != NULL, "%s", err.msg);
  ck_assert_ptr_null(m->shift);
  ck_assert_ptr_null(m->scale);
  nn_model_free(m);
}
END_TEST

START_TEST(standard_input)
{
  FX_WRITE(variant(7, "activation\tsoftplus", NULL));
  int fd = open(fx_path, O_RDONLY), saved = dup(STDIN_FILENO);
  fx_unlink();
  ck_assert(fd >= 0 && saved >= 0);
  ck_assert_int_ge(dup2(fd, STDIN_FILENO), 0);
  close(fd);
  nn_err err;
  ck_assert_ptr_null(nn_model_read("-", &err));
  ck_assert_int_ge(dup2(saved, STDIN_FILENO), 0);
  close(saved);
  EXPECT_ERR(&err, NN_EDATA, "(standard input):7: activation: unknown "
             "activation 'softplus' (linear, relu, sigmoid, tanh)");
}
END_TEST

/* -- errors ------------------------------------------------------------------ */

START_TEST(errors_in_the_first_line)
{
  const char *not_model = "not an nnkit model: the first line must be "
                          "'nnkit-model', a tab, and the version";
  READ_ERR(variant(1, "nnkit-mode\t1", NULL), 1, not_model);
  READ_ERR(variant(1, "nnkit-model,1", NULL), 1, not_model);
  READ_ERR(variant(1, "inputs\tx1\tx2", NULL), 1, not_model);
  READ_ERR(variant(1, NULL, NULL), 1, not_model);  /* starts with inputs */
  READ_ERR("# a comment\n\nmodel\t1\n", 3, not_model);
  READ_ERR(variant(1, "nnkit-model\t2", NULL), 1,
           "unsupported model version '2' (this nnkit reads version 1)");
  READ_ERR(variant(1, "nnkit-model\t1.0", NULL), 1,
           "unsupported model version '1.0' (this nnkit reads version 1)");
  READ_ERR(variant(1, "nnkit-model", NULL), 1,
           "unsupported model version '' (this nnkit reads version 1)");
  READ_ERR(variant(1, "nnkit-model\t1\t2", NULL), 1,
           "nnkit-model: expected one value, found 2");
  READ_ERR("", 0, "no header line: the table is empty");
  READ_ERR("# only a comment\n", 0, "no header line: the table is empty");
}
END_TEST

START_TEST(errors_in_keys)
{
  READ_ERR(variant(7, "colour\tblue", NULL), 7, "unknown key 'colour'");
  READ_ERR(variant(3, "target\ty\ncolour\tblue", NULL), 4,
           "unknown key 'colour'");
  READ_ERR(variant(0, NULL, "colour\tblue\n"), 26, "unknown key 'colour'");
  READ_ERR(variant(8, "target\tz", NULL), 8,
           "'target' given twice (first on line 3)");
  READ_ERR(variant(10, "scale\t1\t1\nshift\t1\t1", NULL), 11,
           "'shift' given twice (first on line 9)");
  READ_ERR(variant(0, NULL, "bias\tyes\n"), 26, "'bias' after the parameters");
  READ_ERR(variant(14, "W1[2,2]\t0.125\nclasses\ta\tb\tc", NULL), 15,
           "'classes' after the parameters");
  READ_ERR(variant(3, "target", NULL), 3, "target: expected one value, found 0");
  READ_ERR(variant(3, "target\ty\tz", NULL), 3,
           "target: expected one value, found 2");
  READ_ERR(variant(4, "loss\thinge", NULL), 4,
           "loss: unknown loss 'hinge' (mse, xent, softmax-mse)");
  READ_ERR(variant(4, "loss\tXent", NULL), 4,
           "loss: unknown loss 'Xent' (mse, xent, softmax-mse)");
  READ_ERR(variant(4, "loss\txent\tmse", NULL), 4,
           "loss: expected one value, found 2");
  READ_ERR(variant(7, "activation\tgelu", NULL), 7,
           "activation: unknown activation 'gelu' (linear, relu, sigmoid, tanh)");
  READ_ERR(variant(7, "activation", NULL), 7,
           "activation: expected one value, found 0");
  READ_ERR(variant(8, "bias\ttrue", NULL), 8,
           "bias: expected 'yes' or 'no', found 'true'");
  READ_ERR(variant(8, "bias\tYes", NULL), 8,
           "bias: expected 'yes' or 'no', found 'Yes'");
  READ_ERR(variant(8, "bias\tyes\tno", NULL), 8,
           "bias: expected one value, found 2");
}
END_TEST

START_TEST(missing_keys)
{
  /* Each required key dropped: named at the first parameter (line 10 once
   * a line is gone), or, in a file without parameters, with no line. */
  static const struct { size_t line; const char *key; } req[] = {
    {2, "inputs"}, {3, "target"}, {4, "loss"}, {6, "layers"},
    {7, "activation"}, {8, "bias"}};
  for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
    char msg[128];
    snprintf(msg, sizeof msg, "'%s' is missing before the parameters",
             req[i].key);
    READ_ERR(variant(req[i].line, NULL, NULL), 10, msg);
    /* The header without the key and without parameters. */
    char text[4096];
    size_t n = 0;
    for (size_t l = 1; l <= 10; l++)
      if (l != req[i].line)
        n += (size_t) snprintf(text + n, sizeof text - n, "%s\n", good[l - 1]);
    snprintf(msg, sizeof msg, "'%s' is missing", req[i].key);
    READ_ERR(text, 0, msg);
  }
  /* The first missing one in the order inputs, target, loss, layers,
   * activation, bias. */
  READ_ERR("nnkit-model\t1\nbias\tno\nW1[1,1]\t1\n", 3,
           "'inputs' is missing before the parameters");
  READ_ERR("nnkit-model\t1\n", 0, "'inputs' is missing");
}
END_TEST

START_TEST(errors_in_shapes)
{
  READ_ERR(variant(2, "inputs\tx1\tx2\tx3", NULL), 2,
           "inputs: 3 names, but layers says 2 inputs");
  READ_ERR(variant(2, "inputs\tx1", NULL), 2,
           "inputs: 1 names, but layers says 2 inputs");
  READ_ERR(variant(2, "inputs", NULL), 2,
           "inputs: 0 names, but layers says 2 inputs");
  const char *layers = "layers: expected two or more positive whole numbers";
  READ_ERR(variant(6, "layers\t2", NULL), 6, layers);
  READ_ERR(variant(6, "layers", NULL), 6, layers);
  READ_ERR(variant(6, "layers\t2\t0\t3", NULL), 6, layers);
  READ_ERR(variant(6, "layers\t2\t1.5\t3", NULL), 6, layers);
  READ_ERR(variant(6, "layers\t2\t-2\t3", NULL), 6, layers);
  READ_ERR(variant(6, "layers\t2\t2e9\t3", NULL), 6, layers);
  READ_ERR(variant(6, "layers\t2\ttwo\t3", NULL), 6,
           "layers: 'two' is not a number");
  READ_ERR(variant(6, "layers\t2\t\t3", NULL), 6,
           "layers: '' is not a number");
  /* mse: one output, no classes; classifiers: two or more classes, one
   * per output.  Each named at the line that says it. */
  char mse[8192];
  snprintf(mse, sizeof mse, "%s", variant(4, "loss\tmse", NULL));
  READ_ERR(mse, 6, "loss mse needs 1 output, not 3");
  READ_ERR("nnkit-model\t1\ninputs\tx\ntarget\ty\nloss\tmse\nclasses\ta\tb\n"
           "layers\t1\t1\nactivation\tlinear\nbias\tno\nW1[1,1]\t1\n", 5,
           "loss mse takes no classes");
  READ_ERR(variant(5, NULL, NULL), 4, "loss xent needs two or more classes");
  READ_ERR(variant(5, "classes\ta", NULL), 5,
           "loss xent needs two or more classes");
  READ_ERR(variant(5, "classes\ta\tb", NULL), 5, "2 classes but 3 outputs");
  READ_ERR(variant(5, "classes\ta\tb\tc\td", NULL), 5,
           "4 classes but 3 outputs");
  READ_ERR(variant(5, "classes\ta\tb\ta", NULL), 5, "class 'a' given twice");
  READ_ERR(variant(5, "classes\t\tb\t", NULL), 5, "class '' given twice");
  READ_ERR(variant(5, "classes", NULL), 5,
           "loss xent needs two or more classes");
  char text[8192];
  snprintf(text, sizeof text, "%s", variant(5, NULL, NULL));
  replace(text, "loss\txent", "loss\tsoftmax-mse");
  READ_ERR(text, 4, "loss softmax-mse needs two or more classes");
}
END_TEST

START_TEST(errors_in_scaling)
{
  READ_ERR(variant(9, "shift\t1", NULL), 9,
           "shift and scale need one value per input (2)");
  READ_ERR(variant(10, "scale\t1\t2\t3", NULL), 10,
           "shift and scale need one value per input (2)");
  READ_ERR(variant(10, NULL, NULL), 9,   /* scale missing */
           "shift and scale need one value per input (2)");
  READ_ERR(variant(9, NULL, NULL), 9,    /* shift missing: scale on line 9 */
           "shift and scale need one value per input (2)");
  READ_ERR(variant(9, "shift\t1\tnan", NULL), 9, "shift: 'nan' is not a number");
  READ_ERR(variant(10, "scale\t1\tx", NULL), 10, "scale: 'x' is not a number");
  READ_ERR(variant(10, "scale\t1\t1e999", NULL), 10,
           "scale: '1e999' is not a number");
  const char *pos = "scale must be finite and positive, shift finite";
  READ_ERR(variant(10, "scale\t0\t1", NULL), 10, pos);
  READ_ERR(variant(10, "scale\t1\t-2", NULL), 10, pos);
  READ_ERR(variant(10, "scale\t1\t-0", NULL), 10, pos);
  /* The same in a regression model. */
  READ_ERR("nnkit-model\t1\ninputs\tx\ntarget\ty\nloss\tmse\nlayers\t1\t1\n"
           "activation\tlinear\nbias\tno\nshift\t0\nscale\t0\nW1[1,1]\t1\n",
           9, pos);
}
END_TEST

START_TEST(errors_in_parameters)
{
  READ_ERR(variant(12, "W1[1,2]\tinf", NULL), 12, "W1[1,2]: expected one number");
  READ_ERR(variant(12, "W1[1,2]\t-inf", NULL), 12, "W1[1,2]: expected one number");
  READ_ERR(variant(12, "W1[1,2]\tnan", NULL), 12, "W1[1,2]: expected one number");
  READ_ERR(variant(12, "W1[1,2]\t1e400", NULL), 12, "W1[1,2]: expected one number");
  READ_ERR(variant(12, "W1[1,2]\tx", NULL), 12, "W1[1,2]: expected one number");
  READ_ERR(variant(12, "W1[1,2]\t0x10", NULL), 12, "W1[1,2]: expected one number");
  READ_ERR(variant(12, "W1[1,2]\t 1", NULL), 12, "W1[1,2]: expected one number");
  READ_ERR(variant(12, "W1[1,2]\t", NULL), 12, "W1[1,2]: expected one number");
  READ_ERR(variant(12, "W1[1,2]", NULL), 12, "W1[1,2]: expected one number");
  READ_ERR(variant(12, "W1[1,2]\t1\t2", NULL), 12, "W1[1,2]: expected one number");
  /* Out of order, misnamed, a bias where there is none. */
  READ_ERR(variant(12, "W1[2,1]\t1", NULL), 12,
           "expected parameter W1[1,2], found 'W1[2,1]'");
  READ_ERR(variant(11, "w1[1,1]\t1", NULL), 11,
           "expected parameter W1[1,1], found 'w1[1,1]'");
  READ_ERR(variant(11, "W1[1, 1]\t1", NULL), 11,
           "expected parameter W1[1,1], found 'W1[1, 1]'");
  READ_ERR(variant(11, "W1[01,1]\t1", NULL), 11,
           "expected parameter W1[1,1], found 'W1[01,1]'");
  READ_ERR(variant(15, "W2[1,1]\t1", NULL), 15,
           "expected parameter b1[1], found 'W2[1,1]'");
  READ_ERR(variant(8, "bias\tno", NULL), 15,
           "expected parameter W2[1,1], found 'b1[1]'");
  READ_ERR(variant(11, "b1\t1", NULL), 11,
           "expected parameter W1[1,1], found 'b1'");
  /* Too many and too few. */
  READ_ERR(variant(0, NULL, "W3[1,1]\t1\n"), 26,
           "'W3[1,1]': more than the model's 15 parameters");
  READ_ERR(variant(0, NULL, "b2[3]\t0\n"), 26,
           "'b2[3]': more than the model's 15 parameters");
  for (size_t lines = 10; lines < NGOOD; lines++) {
    char msg[128];
    snprintf(msg, sizeof msg, "ends after %zu of the model's 15 parameters",
             lines - 10);
    READ_ERR(first_lines(lines), (long) lines, msg);
  }
  /* The last line read, comments after it aside. */
  char text[8192 + 32];
  snprintf(text, sizeof text, "%s# W1[2,1] lost\n\n", first_lines(12));
  READ_ERR(text, 12, "ends after 2 of the model's 15 parameters");
}
END_TEST

START_TEST(errors_in_poly)
{
  const char *whole = "poly: expected a whole number >= 1, found";
  static const char *bad[] = {"0", "-3", "2.5", "three", "", "2e9", "+"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char line[64], msg[128];
    snprintf(line, sizeof line, "poly\t%s\n", bad[i]);
    snprintf(msg, sizeof msg, "%s '%s'", whole, bad[i]);
    READ_ERR(poly_variant("poly\t3\n", line), 8, msg);
  }
  READ_ERR(poly_variant("poly\t3\n", "poly\n"), 8,
           "poly: expected one value, found 0");
  READ_ERR(poly_variant("poly\t3\n", "poly\t3\t3\n"), 8,
           "poly: expected one value, found 2");
  READ_ERR(poly_variant("poly\t3\n", "poly\t3\npoly\t3\n"), 9,
           "'poly' given twice (first on line 8)");
  READ_ERR(poly_variant("b1[1]\t-1\n", "b1[1]\t-1\npoly\t3\n"), 18,
           "'poly' after the parameters");
  /* The inputs, the powers and the first width must agree: at the poly
   * line when there is one, else at the inputs line as before. */
  READ_ERR(poly_variant("poly\t3\n", "poly\t2\n"), 8,
           "poly: 2 input names x 2 powers = 4 inputs, but layers says 6");
  READ_ERR(poly_variant("poly\t3\n", "poly\t1\n"), 8,
           "poly: 2 input names x 1 power = 2 inputs, but layers says 6");
  READ_ERR(poly_variant("inputs\tx\tz\n", "inputs\tx\n"), 8,
           "poly: 1 input name x 3 powers = 3 inputs, but layers says 6");
  READ_ERR(poly_variant("inputs\tx\tz\n", "inputs\tx\tz\tw\n"), 8,
           "poly: 3 input names x 3 powers = 9 inputs, but layers says 6");
  READ_ERR(poly_variant("poly\t3\n", ""), 2,
           "inputs: 2 names, but layers says 6 inputs");
  /* Shift and scale have one value per network input: columns x powers. */
  READ_ERR(poly_variant("shift\t0\t1\t0\t0\t0\t0\n", "shift\t0\t1\n"), 9,
           "shift and scale need one value per input (6)");
  READ_ERR(poly_variant("scale\t1\t2\t1\t1\t1\t4\n", "scale\t1\t0\t1\t1\t1\t4\n"),
           10, "scale must be finite and positive, shift finite");
  /* Parameters index the six inputs: W1[1,7] does not exist. */
  READ_ERR(poly_variant("b1[1]\t-1\n", "W1[1,7]\t1\n"), 17,
           "expected parameter b1[1], found 'W1[1,7]'");
}
END_TEST

START_TEST(errors_from_the_table_reader)
{
  READ_ERR(variant(2, "inputs\t\"x1\tx2", NULL), 2,
           "quoted field is not closed before the end of the file");
  READ_ERR(variant(3, "target\t\"y\"z", NULL), 3,
           "unexpected 'z' after a closing quote");
}
END_TEST

START_TEST(missing_file)
{
  nn_err err;
  ck_assert_ptr_null(nn_model_read("/nonexistent/model.nnm", &err));
  EXPECT_ERR(&err, NN_EIO, "/nonexistent/model.nnm: No such file or directory");
}
END_TEST

START_TEST(check_without_a_file)
{
  /* nn_model_check on models made in memory: no file, no line. */
  const size_t w1[2] = {2, 1}, w3[2] = {2, 3};
  nn_err err;
  nn_model *m = nn_model_alloc(1, w1, NN_ACT_LINEAR, 1, NN_LOSS_MSE);
  ck_assert_int_eq(nn_model_check(m, &err), NN_OK);
  m->theta[1] = NAN;
  ck_assert_int_eq(nn_model_check(m, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "parameter W1[1,2] is not finite");
  m->theta[1] = 0;
  m->theta[2] = -INFINITY;
  ck_assert_int_eq(nn_model_check(m, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "parameter b1[1] is not finite");
  m->theta[2] = 0;
  m->shift = calloc(2, sizeof *m->shift);
  m->scale = calloc(2, sizeof *m->scale);
  m->scale[0] = 1;
  ck_assert_int_eq(nn_model_check(m, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "scale must be finite and positive, shift finite");
  m->scale[1] = INFINITY;
  ck_assert_int_eq(nn_model_check(m, &err), NN_EDATA);
  m->scale[1] = 1;
  m->shift[0] = NAN;
  ck_assert_int_eq(nn_model_check(m, &err), NN_EDATA);
  m->shift[0] = 0;
  ck_assert_int_eq(nn_model_check(m, &err), NN_OK);
  nn_model_free(m);
  m = nn_model_alloc(1, w3, NN_ACT_LINEAR, 1, NN_LOSS_MSE);
  ck_assert_int_eq(nn_model_check(m, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "loss mse needs 1 output, not 3");
  m->loss = NN_LOSS_XENT;
  ck_assert_int_eq(nn_model_check(m, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "loss xent needs two or more classes");
  m->nclasses = 2;
  m->classes = calloc(2, sizeof *m->classes);
  ck_assert_int_eq(nn_model_check(m, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "2 classes but 3 outputs");
  nn_model_free(m);
}
END_TEST

/* -- runner -------------------------------------------------------------- */

static Suite *modelfile_suite(void)
{
  Suite *s = suite_create("modelfile");
  TCase *tc = tcase_create("round_trip");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, random_models_round_trip_bit_exact);
  tcase_add_test(tc, written_file_is_as_documented);
  tcase_add_test(tc, poly_written_only_above_1);
  suite_add_tcase(s, tc);

  tc = tcase_create("by_hand");
  tcase_add_test(tc, notes_two_weight_network_by_hand);
  tcase_add_test(tc, hand_written_classifier);
  tcase_add_test(tc, the_good_file_reads);
  tcase_add_test(tc, standard_input);
  tcase_add_test(tc, hand_written_poly_model);
  suite_add_tcase(s, tc);

  tc = tcase_create("errors");
  tcase_add_test(tc, errors_in_the_first_line);
  tcase_add_test(tc, errors_in_keys);
  tcase_add_test(tc, missing_keys);
  tcase_add_test(tc, errors_in_shapes);
  tcase_add_test(tc, errors_in_scaling);
  tcase_add_test(tc, errors_in_parameters);
  tcase_add_test(tc, errors_in_poly);
  tcase_add_test(tc, errors_from_the_table_reader);
  tcase_add_test(tc, missing_file);
  tcase_add_test(tc, check_without_a_file);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(modelfile_suite());
}
