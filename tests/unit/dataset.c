/* tests/unit/dataset.c -- Check suite for lib/dataset.h: tables read whole
 * as inputs and targets, class labels and their order, reading for a
 * model, moments and standardisation, gathering mini-batches, polynomial
 * features (powers of each column, then the model's scaling, with exact
 * known values), finding a model's columns, and every error message.
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "fixture.h"
#include "model.h"
#include "modelfile.h"
#include "train.h"
#include "unit.h"

/* -- helpers ---------------------------------------------------------------- */

/* Read TEXT with target TARGET and features FEATURES (NULL: defaults). */
static nn_dataset *read_ok(const char *text, const char *target,
                           const char *features, int classify)
{
  FX_WRITE(text);
  nn_dataset_spec spec = {target, features, classify, 0, 0};
  nn_dataset *ds = NULL;
  nn_err err;
  nn_err_clear(&err);
  int r = nn_dataset_read(fx_path, &spec, &ds, &err);
  fx_unlink();
  ck_assert_msg(r == NN_OK, "nn_dataset_read: %s", err.msg);
  ck_assert_ptr_nonnull(ds);
  return ds;
}

/* Read TEXT and assert STATUS and the message "FILE:LINE: MSG" ("FILE: MSG"
 * for LINE 0, "MSG" for LINE -1). */
static void expect_read_err(const char *text, const char *target,
                            const char *features, int classify, int status,
                            long line, const char *msg, int caller)
{
  FX_WRITE(text);
  nn_dataset_spec spec = {target, features, classify, 0, 0};
  nn_dataset *ds = NULL;
  nn_err err;
  nn_err_clear(&err);
  int r = nn_dataset_read(fx_path, &spec, &ds, &err);
  fx_unlink();
  ck_assert_msg(r == status, "line %d: status %d, expected %d (%s)", caller,
                r, status, err.msg);
  ck_assert_msg(ds == NULL, "line %d: a data set", caller);
  char want[sizeof fx_path + 1100];
  if (line > 0)
    snprintf(want, sizeof want, "%s:%ld: %s", fx_path, line, msg);
  else if (line == 0)
    snprintf(want, sizeof want, "%s: %s", fx_path, msg);
  else
    snprintf(want, sizeof want, "%s", msg);
  ck_assert_msg(strcmp(err.msg, want) == 0,
                "line %d: message\n  '%s', expected\n  '%s'", caller, err.msg,
                want);
  ck_assert_int_eq(err.status, status);
}
#define READ_ERR(text, target, features, classify, status, line, msg) \
  expect_read_err(text, target, features, classify, status, line, msg, __LINE__)

static void expect_names(const nn_dataset *ds, const char *const *names,
                         size_t d)
{
  ck_assert_uint_eq(nn_dataset_ncolumns(ds), d);
  for (size_t j = 0; j < d; j++)
    ck_assert_str_eq(ds->names[j], names[j]);
}
#define EXPECT_NAMES(ds, ...)                                              \
  expect_names(ds, (const char *const[]){__VA_ARGS__},                     \
               sizeof (const char *const[]){__VA_ARGS__} / sizeof(char *))

/* A model with inputs INPUTS (D of them), target TARGET, and classes
 * CLASSES (K of them; 0 for a regression). */
static nn_model *model_for(const char *const *inputs, size_t d,
                           const char *target, const char *const *classes,
                           size_t K)
{
  const size_t width[2] = {d, K ? K : 1};
  nn_model *m = nn_model_alloc(1, width, NN_ACT_LINEAR, 1,
                               K ? NN_LOSS_XENT : NN_LOSS_MSE);
  ck_assert_ptr_nonnull(m);
  for (size_t j = 0; j < d; j++)
    m->inputs[j] = strdup(inputs[j]);
  m->target = strdup(target);
  if (K) {
    m->nclasses = K;
    m->classes = calloc(K, sizeof *m->classes);
    for (size_t k = 0; k < K; k++)
      m->classes[k] = strdup(classes[k]);
  }
  return m;
}

/* -- reading ---------------------------------------------------------------- */

START_TEST(default_target_is_the_last_column)
{
  nn_dataset *ds = read_ok("a\tb\ty\n1\t2\t3\n4\t5\t6.5\n", NULL, NULL, 0);
  ck_assert_uint_eq(ds->n, 2);
  EXPECT_NAMES(ds, "a", "b");
  ck_assert_str_eq(ds->target, "y");
  ck_assert_str_eq(ds->file, fx_path);
  const double x[4] = {1, 2, 4, 5}, y[2] = {3, 6.5};
  for (size_t i = 0; i < 4; i++)
    ck_assert(ds->x[i] == x[i]);
  for (size_t i = 0; i < 2; i++)
    ck_assert(ds->y[i] == y[i]);
  ck_assert_ptr_null(ds->cls);
  ck_assert_ptr_null(ds->classes);
  ck_assert_uint_eq(ds->nclasses, 0);
  /* X views x as n x d. */
  ck_assert_uint_eq(ds->X.matrix.size1, 2);
  ck_assert_uint_eq(ds->X.matrix.size2, 2);
  ck_assert(gsl_matrix_get(&ds->X.matrix, 1, 0) == 4);
  nn_dataset_free(ds);
  /* CSV is detected as well. */
  ds = read_ok("a,b,y\n1,2,3\n", NULL, NULL, 0);
  EXPECT_NAMES(ds, "a", "b");
  ck_assert(ds->y[0] == 3);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(target_and_features_by_name_and_index)
{
  const char *t = "y\ta\tb\tc\n1\t10\t20\t30\n2\t11\t21\t31\n3\t12\t22\t32\n";
  /* Target first by name: the features are the others, in table order. */
  nn_dataset *ds = read_ok(t, "y", NULL, 0);
  EXPECT_NAMES(ds, "a", "b", "c");
  ck_assert(ds->y[2] == 3 && ds->x[0] == 10 && ds->x[8] == 32);
  nn_dataset_free(ds);
  /* By index, and features in the order given. */
  ds = read_ok(t, "3", "4,a", 0);
  EXPECT_NAMES(ds, "c", "a");
  ck_assert_str_eq(ds->target, "b");
  ck_assert(ds->y[0] == 20 && ds->y[2] == 22);
  ck_assert(ds->x[0] == 30 && ds->x[1] == 10 && ds->x[4] == 32 && ds->x[5] == 12);
  nn_dataset_free(ds);
  /* Features given, target by default the last column. */
  ds = read_ok(t, NULL, "y,a", 0);
  EXPECT_NAMES(ds, "y", "a");
  ck_assert_str_eq(ds->target, "c");
  ck_assert(ds->y[1] == 31);
  nn_dataset_free(ds);
  /* A column named "2" is found by name first. */
  ds = read_ok("1\t2\tz\n5\t6\t7\n", "2", NULL, 0);
  EXPECT_NAMES(ds, "1", "z");
  ck_assert(ds->y[0] == 6);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(classes_sort_numerically_when_all_are_numbers)
{
  /* "10" after "9", "-1" first, "2.5" between: numeric order. */
  nn_dataset *ds = read_ok("x,label\n1,10\n2,9\n3,-1\n4,2.5\n5,9\n6,1e1x\n",
                           NULL, NULL, 1);
  /* "1e1x" is not a number: bytewise. */
  static const char *bytewise[] = {"-1", "10", "1e1x", "2.5", "9"};
  ck_assert_uint_eq(ds->nclasses, 5);
  for (size_t k = 0; k < 5; k++)
    ck_assert_str_eq(ds->classes[k], bytewise[k]);
  nn_dataset_free(ds);

  ds = read_ok("x,label\n1,10\n2,9\n3,-1\n4,2.5\n5,9\n6,100\n7,0\n", NULL, NULL, 1);
  static const char *numeric[] = {"-1", "0", "2.5", "9", "10", "100"};
  ck_assert_uint_eq(ds->nclasses, 6);
  for (size_t k = 0; k < 6; k++)
    ck_assert_str_eq(ds->classes[k], numeric[k]);
  /* Every row's class index names its label. */
  static const char *rows[] = {"10", "9", "-1", "2.5", "9", "100", "0"};
  ck_assert_ptr_null(ds->y);
  for (size_t i = 0; i < 7; i++)
    ck_assert_str_eq(ds->classes[ds->cls[i]], rows[i]);
  nn_dataset_free(ds);

  /* Equal numbers spelt differently are different labels, in byte order. */
  ds = read_ok("x,c\n1,1.0\n2,1\n3,01\n4,0.5\n", NULL, NULL, 1);
  static const char *equal[] = {"0.5", "01", "1", "1.0"};
  ck_assert_uint_eq(ds->nclasses, 4);
  for (size_t k = 0; k < 4; k++)
    ck_assert_str_eq(ds->classes[k], equal[k]);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(classes_sort_bytewise_otherwise)
{
  nn_dataset *ds = read_ok("x\tc\n1\tb\n2\ta\n3\tB\n4\t\xc3\xa9t\xc3\xa9\n"
                           "5\tab\n6\t\n7\ta\n8\t10\n", NULL, NULL, 1);
  static const char *order[] = {"", "10", "B", "a", "ab", "b", "\xc3\xa9t\xc3\xa9"};
  ck_assert_uint_eq(ds->nclasses, 7);
  for (size_t k = 0; k < 7; k++)
    ck_assert_str_eq(ds->classes[k], order[k]);
  static const size_t cls[] = {5, 3, 2, 6, 4, 0, 3, 1};
  for (size_t i = 0; i < 8; i++)
    ck_assert_uint_eq(ds->cls[i], cls[i]);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(many_classes_up_to_the_limit)
{
  /* 1000 distinct labels are classes; the 1001st is an error on its line. */
  size_t cap = 1100 * 16;
  char *text = malloc(cap);
  size_t n = (size_t) snprintf(text, cap, "x,y\n");
  for (int i = 0; i < 1000; i++)
    n += (size_t) snprintf(text + n, cap - n, "%d,c%d\n", i, 999 - i);
  n += (size_t) snprintf(text + n, cap - n, "0,c5\n");
  nn_dataset *ds = read_ok(text, NULL, NULL, 1);
  ck_assert_uint_eq(ds->nclasses, 1000);
  ck_assert_str_eq(ds->classes[0], "c0");
  ck_assert_str_eq(ds->classes[1], "c1");
  ck_assert_str_eq(ds->classes[2], "c10");
  ck_assert_str_eq(ds->classes[ds->cls[1000]], "c5");
  ck_assert_str_eq(ds->classes[ds->cls[0]], "c999");
  nn_dataset_free(ds);
  snprintf(text + n, cap - n, "1,extra\n2,more\n");
  READ_ERR(text, NULL, NULL, 1, NN_EDATA, 1003,
           "target 'y' has more than 1000 distinct values: numbers to "
           "regress on (--loss mse)?");
  free(text);
}
END_TEST

START_TEST(one_class_goes_through_to_the_model)
{
  /* Reading is fine; a classifier on it is not. */
  nn_dataset *ds = read_ok("x,y\n1,a\n2,a\n", NULL, NULL, 1);
  ck_assert_uint_eq(ds->nclasses, 1);
  nn_err err;
  ck_assert_ptr_null(nn_model_for_dataset(ds, NULL, 0, NN_ACT_LINEAR, 1,
                                          NN_LOSS_XENT, &err));
  char want[sizeof fx_path + 100];
  snprintf(want, sizeof want, "%s: target 'y' has only one class ('a'); a "
           "classifier needs two or more", fx_path);
  EXPECT_ERR(&err, NN_EDATA, "%s", want);
  ck_assert_ptr_null(nn_model_for_dataset(ds, NULL, 0, NN_ACT_LINEAR, 1,
                                          NN_LOSS_SOFTMAX_MSE, &err));
  EXPECT_ERR(&err, NN_EDATA, "%s", want);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(model_for_dataset_takes_its_names)
{
  nn_dataset *ds = read_ok("p\tq\tlabel\n1\t2\tno\n3\t4\tyes\n5\t6\tmaybe\n",
                           NULL, NULL, 1);
  const size_t hidden[2] = {5, 4};
  nn_err err;
  nn_model *m = nn_model_for_dataset(ds, hidden, 2, NN_ACT_TANH, 0,
                                     NN_LOSS_XENT, &err);
  ck_assert_msg(m != NULL, "%s", err.msg);
  ck_assert_uint_eq(m->nlayers, 3);
  ck_assert(m->width[0] == 2 && m->width[1] == 5 && m->width[2] == 4 &&
            m->width[3] == 3);
  ck_assert_int_eq(m->act, NN_ACT_TANH);
  ck_assert_int_eq(m->bias, 0);
  ck_assert_str_eq(m->inputs[0], "p");
  ck_assert_str_eq(m->inputs[1], "q");
  ck_assert_str_eq(m->target, "label");
  ck_assert_uint_eq(m->nclasses, 3);
  ck_assert_str_eq(m->classes[0], "maybe");
  ck_assert_str_eq(m->classes[2], "yes");
  ck_assert_uint_eq(m->nparams, 2 * 5 + 5 * 4 + 4 * 3);
  nn_model_free(m);
  nn_dataset_free(ds);
  /* A regression: one output, no classes. */
  ds = read_ok("p\tq\ty\n1\t2\t3\n", NULL, NULL, 0);
  m = nn_model_for_dataset(ds, NULL, 0, NN_ACT_LINEAR, 1, NN_LOSS_MSE, &err);
  ck_assert_ptr_nonnull(m);
  ck_assert(m->nlayers == 1 && m->width[1] == 1 && m->nclasses == 0);
  ck_assert_ptr_null(m->classes);
  ck_assert_int_eq(nn_model_check(m, NULL), NN_OK);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

/* -- reading for a model ------------------------------------------------------- */

START_TEST(read_for_matches_columns_by_name)
{
  static const char *in[] = {"b", "a"}, *cls[] = {"no", "yes"};
  nn_model *m = model_for(in, 2, "y", cls, 2);
  FX_WRITE("extra\ta\ty\tb\nq\t1\tyes\t2\nr\t3\tno\t4\ns\t5\tyes\t6\n");
  nn_dataset *ds;
  nn_err err;
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 1, &ds, &err), NN_OK);
  EXPECT_NAMES(ds, "b", "a");
  const double x[6] = {2, 1, 4, 3, 6, 5};
  for (size_t i = 0; i < 6; i++)
    ck_assert(ds->x[i] == x[i]);
  ck_assert(ds->cls[0] == 1 && ds->cls[1] == 0 && ds->cls[2] == 1);
  nn_dataset_free(ds);
  /* Without the target: the target column is not read (nor needed). */
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 0, &ds, &err), NN_OK);
  ck_assert_ptr_null(ds->cls);
  ck_assert_ptr_null(ds->y);
  ck_assert_ptr_null(ds->target);
  nn_dataset_free(ds);
  fx_unlink();
  FX_WRITE("a\tb\n1\t2\n");
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 0, &ds, &err), NN_OK);
  ck_assert(ds->n == 1 && ds->x[0] == 2 && ds->x[1] == 1);
  nn_dataset_free(ds);
  /* Missing the target when it is needed. */
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 1, &ds, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column named 'y', the model's target",
             fx_path);
  fx_unlink();
  /* Missing an input. */
  FX_WRITE("a\tB\ty\n1\t2\tno\n");
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 1, &ds, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column named 'b', an input of the model",
             fx_path);
  fx_unlink();
  /* A class the model does not know, on its line. */
  FX_WRITE("a\tb\ty\n1\t2\tno\n# comment\n3\t4\tmaybe\n");
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 1, &ds, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:4: class 'maybe' is not one of the model's "
             "classes", fx_path);
  fx_unlink();
  /* A non-numeric input. */
  FX_WRITE("a\tb\ty\n1\t2\tno\n3\tfour\tyes\n");
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 1, &ds, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:3: column 'b': 'four' is not a number",
             fx_path);
  fx_unlink();
  /* No rows. */
  FX_WRITE("a\tb\ty\n");
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 1, &ds, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no data rows", fx_path);
  fx_unlink();
  ck_assert_int_eq(nn_dataset_read_for(m, "/nonexistent/data.tsv", 0, 1, &ds,
                                       &err), NN_EIO);
  EXPECT_ERR(&err, NN_EIO, "/nonexistent/data.tsv: No such file or directory");
  nn_model_free(m);
}
END_TEST

START_TEST(read_for_applies_the_models_scaling)
{
  static const char *in[] = {"u", "v"};
  nn_model *m = model_for(in, 2, "t", NULL, 0);
  m->shift = malloc(2 * sizeof *m->shift);
  m->scale = malloc(2 * sizeof *m->scale);
  m->shift[0] = 1;
  m->shift[1] = -2;
  m->scale[0] = 0.5;
  m->scale[1] = 4;
  FX_WRITE("v,t,u\n2,7,3\n-2,8,1\n");
  nn_dataset *ds;
  nn_err err;
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 1, &ds, &err), NN_OK);
  fx_unlink();
  /* u: (3 - 1) / 0.5 = 4, (1 - 1) / 0.5 = 0; v: (2 + 2) / 4 = 1, 0. */
  const double x[4] = {4, 1, 0, 0};
  for (size_t i = 0; i < 4; i++)
    ck_assert(ds->x[i] == x[i]);
  ck_assert(ds->y[0] == 7 && ds->y[1] == 8);
  nn_dataset_free(ds);
  /* A regression target that is not a number. */
  FX_WRITE("u\tv\tt\n1\t2\tbig\n");
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 1, &ds, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:2: column 't': 'big' is not a number", fx_path);
  fx_unlink();
  nn_model_free(m);
}
END_TEST

/* -- polynomial features ------------------------------------------------------ */

/* Read TEXT with the powers 1..POLY of each input column. */
static nn_dataset *read_poly(const char *text, const char *features,
                             size_t poly)
{
  FX_WRITE(text);
  nn_dataset_spec spec = {NULL, features, 0, 0, poly};
  nn_dataset *ds = NULL;
  nn_err err;
  nn_err_clear(&err);
  int r = nn_dataset_read(fx_path, &spec, &ds, &err);
  fx_unlink();
  ck_assert_msg(r == NN_OK, "nn_dataset_read: %s", err.msg);
  return ds;
}

/* Assert that the N values at X are exactly WANT. */
static void expect_values(const double *x, const double *want, size_t n,
                          int caller)
{
  for (size_t i = 0; i < n; i++)
    ck_assert_msg(x[i] == want[i], "line %d: value %zu is %.17g, expected "
                  "%.17g", caller, i, x[i], want[i]);
}
#define EXPECT_VALUES(x, ...)                                              \
  expect_values(x, (const double[]){__VA_ARGS__},                         \
                sizeof (const double[]){__VA_ARGS__} / sizeof(double),    \
                __LINE__)

START_TEST(poly_expands_each_column_into_its_powers)
{
  /* Column by column: a, a^2, a^3, then b, b^2, b^3.  Dyadic values:
   * every power is exact. */
  nn_dataset *ds = read_poly("a\tb\ty\n2\t-3\t1\n0.5\t10\t2\n-1\t0\t3\n",
                             NULL, 3);
  ck_assert_uint_eq(ds->n, 3);
  ck_assert_uint_eq(ds->d, 6);
  ck_assert_uint_eq(ds->poly, 3);
  EXPECT_NAMES(ds, "a", "b");
  EXPECT_VALUES(ds->x, 2, 4, 8, -3, 9, -27,
                0.5, 0.25, 0.125, 10, 100, 1000,
                -1, 1, -1, 0, 0, 0);
  ck_assert(ds->y[0] == 1 && ds->y[2] == 3);
  /* X is the n x d matrix of the powers. */
  ck_assert_uint_eq(ds->X.matrix.size2, 6);
  ck_assert(gsl_matrix_get(&ds->X.matrix, 1, 5) == 1000);
  nn_dataset_free(ds);
  /* Features chosen, in their order; degree 2. */
  ds = read_poly("a\tb\ty\n2\t-3\t1\n", "b,a", 2);
  EXPECT_NAMES(ds, "b", "a");
  EXPECT_VALUES(ds->x, -3, 9, 2, 4);
  nn_dataset_free(ds);
  /* Degrees 1 and 0: the columns themselves. */
  for (size_t poly = 0; poly <= 1; poly++) {
    ds = read_poly("a\tb\ty\n2\t-3\t1\n", NULL, poly);
    ck_assert_uint_eq(ds->d, 2);
    ck_assert_uint_eq(ds->poly, 1);
    EXPECT_VALUES(ds->x, 2, -3);
    nn_dataset_free(ds);
  }
  /* Repeated products, not pow(): 0.1^k as (0.1 * 0.1) * 0.1 ... */
  ds = read_poly("x,y\n0.1,0\n", NULL, 4);
  double p2 = 0.1 * 0.1, p3 = p2 * 0.1, p4 = p3 * 0.1;
  EXPECT_VALUES(ds->x, 0.1, p2, p3, p4);
  nn_dataset_free(ds);
  /* Tiny powers underflow to 0, which is finite: no error. */
  ds = read_poly("x,y\n1e-200,0\n-1e-200,0\n", NULL, 2);
  EXPECT_VALUES(ds->x, 1e-200, 0, -1e-200, 0);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(poly_model_for_dataset_and_moments)
{
  /* The model of a data set of powers: width[0] = columns x poly, one
   * name per column, poly stored. */
  nn_dataset *ds = read_poly("p\tq\ty\n1\t2\t0\n3\t4\t1\n", NULL, 3);
  nn_err err;
  nn_model *m = nn_model_for_dataset(ds, NULL, 0, NN_ACT_LINEAR, 1,
                                     NN_LOSS_MSE, &err);
  ck_assert_msg(m != NULL, "%s", err.msg);
  ck_assert_uint_eq(m->width[0], 6);
  ck_assert_uint_eq(m->poly, 3);
  ck_assert_uint_eq(nn_model_ncolumns(m), 2);
  ck_assert_str_eq(m->inputs[0], "p");
  ck_assert_str_eq(m->inputs[1], "q");
  ck_assert_ptr_null(m->inputs[2]);
  ck_assert_uint_eq(m->nparams, 7);
  /* Moments of the powers: p^2 is 1, 9 (mean 5, sd 4); q^3 is 8, 64
   * (mean 36, sd 28). */
  double shift[6], scale[6];
  nn_dataset_moments(ds, shift, scale);
  ck_assert(shift[1] == 5 && scale[1] == 4);
  ck_assert(shift[5] == 36 && scale[5] == 28);
  nn_model_free(m);
  nn_dataset_free(ds);
  /* Powers so large that their squares overflow: finite moments still.
   * x^3 is 1, 1e180, -1e180: mean 1/3 (0 beside 1e180), sd 1e180
   * sqrt(2/3); x^2 is 1, 1e120, 1e120: mean 2e120/3, sd 1e120 sqrt(2)/3. */
  ds = read_poly("x,y\n1,0\n1e60,0\n-1e60,0\n", NULL, 3);
  nn_dataset_moments(ds, shift, scale);
  for (size_t k = 0; k < 3; k++)
    ck_assert_msg(isfinite(shift[k]) && isfinite(scale[k]) && scale[k] > 0,
                  "power %zu: %g %g", k + 1, shift[k], scale[k]);
  ck_assert_double_eq_tol(shift[1] / 1e120, 2.0 / 3, 1e-15);
  ck_assert_double_eq_tol(scale[1] / 1e120, sqrt(2) / 3, 1e-15);
  ck_assert_double_eq_tol(shift[2] / 1e180, 0, 1e-15);
  ck_assert_double_eq_tol(scale[2] / 1e180, sqrt(2.0 / 3), 1e-15);
  nn_dataset_free(ds);
  /* Near the largest double: +-1.5e308. */
  ds = read_ok("x,y\n1.5e308,0\n-1.5e308,0\n", NULL, NULL, 0);
  nn_dataset_moments(ds, shift, scale);
  ck_assert(shift[0] == 0 && scale[0] == 1.5e308);
  nn_dataset_free(ds);
  /* Without powers a model has poly 1. */
  ds = read_ok("p\ty\n1\t0\n", NULL, NULL, 0);
  m = nn_model_for_dataset(ds, NULL, 0, NN_ACT_LINEAR, 1, NN_LOSS_MSE, &err);
  ck_assert_ptr_nonnull(m);
  ck_assert_uint_eq(m->poly, 1);
  ck_assert_uint_eq(nn_model_ncolumns(m), 1);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(poly_power_that_overflows_is_an_error)
{
  /* 1e103^3 = 1e309 > DBL_MAX: named by file, line, column and power. */
  FX_WRITE("a\tb\ty\n1\t2\t0\n# comment\n3\t-1e103\t0\n");
  nn_dataset_spec spec = {NULL, NULL, 0, 0, 3};
  nn_dataset *ds = NULL;
  nn_err err;
  ck_assert_int_eq(nn_dataset_read(fx_path, &spec, &ds, &err), NN_EDATA);
  ck_assert_ptr_null(ds);
  EXPECT_ERR(&err, NN_EDATA, "%s:4: column 'b': '-1e103' to the power 3 is "
             "not finite", fx_path);
  /* Its square is fine. */
  spec.poly = 2;
  ck_assert_int_eq(nn_dataset_read(fx_path, &spec, &ds, &err), NN_OK);
  ck_assert(ds->x[7] == 1e206);
  nn_dataset_free(ds);
  fx_unlink();
  FX_WRITE("a,y\n1e200,1\n");
  ck_assert_int_eq(nn_dataset_read(fx_path, &spec, &ds, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:2: column 'a': '1e200' to the power 2 is "
             "not finite", fx_path);
  fx_unlink();
  /* A field that is not a number is still that error. */
  READ_ERR("a\ty\n1\t2\nx\t3\n", NULL, NULL, 0, NN_EDATA, 3,
           "column 'a': 'x' is not a number");
}
END_TEST

/* A regression model of the columns INPUTS (D of them) with powers 1..POLY
 * and, when SHIFT is not NULL, the scaling SHIFT, SCALE (D x POLY each). */
static nn_model *poly_model(const char *const *inputs, size_t d, size_t poly,
                            const double *shift, const double *scale)
{
  const size_t width[2] = {d * poly, 1};
  nn_model *m = nn_model_alloc(1, width, NN_ACT_LINEAR, 1, NN_LOSS_MSE);
  ck_assert_ptr_nonnull(m);
  ck_assert_uint_eq(m->poly, 1);  /* nn_model_alloc's default */
  m->poly = poly;
  for (size_t j = 0; j < d; j++)
    m->inputs[j] = strdup(inputs[j]);
  m->target = strdup("y");
  if (shift) {
    m->shift = malloc(d * poly * sizeof *m->shift);
    m->scale = malloc(d * poly * sizeof *m->scale);
    memcpy(m->shift, shift, d * poly * sizeof *shift);
    memcpy(m->scale, scale, d * poly * sizeof *scale);
  }
  return m;
}

START_TEST(read_for_a_poly_model_expands_then_scales)
{
  static const char *in[] = {"u", "v"};
  /* (u - 1) / 2, (u^2 - 4) / 0.5, (v + 1) / 4, (v^2 - 0) / 8 */
  nn_model *m = poly_model(in, 2, 2, (const double[]){1, 4, -1, 0},
                           (const double[]){2, 0.5, 4, 8});
  FX_WRITE("v,y,u\n3,7,-2\n-1,8,5\n");
  nn_dataset *ds;
  nn_err err;
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 1, &ds, &err), NN_OK);
  fx_unlink();
  ck_assert_uint_eq(ds->d, 4);
  ck_assert_uint_eq(ds->poly, 2);
  EXPECT_NAMES(ds, "u", "v");
  /* u = -2: -1.5, 0; v = 3: 1, 1.125.  u = 5: 2, 42; v = -1: 0, 0.125. */
  EXPECT_VALUES(ds->x, -1.5, 0, 1, 1.125, 2, 42, 0, 0.125);
  ck_assert(ds->y[0] == 7 && ds->y[1] == 8);
  nn_dataset_free(ds);
  nn_model_free(m);
  /* Without scaling: the powers themselves; a missing column is named as
   * before. */
  m = poly_model(in, 2, 3, NULL, NULL);
  FX_WRITE("u\tv\n-2\t0.5\n");
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 0, &ds, &err), NN_OK);
  EXPECT_VALUES(ds->x, -2, 4, -8, 0.5, 0.25, 0.125);
  nn_dataset_free(ds);
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 1, &ds, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column named 'y', the model's target",
             fx_path);
  fx_unlink();
  FX_WRITE("u\n1\n");
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 0, &ds, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column named 'v', an input of the model",
             fx_path);
  fx_unlink();
  /* An overflowing power, as in training. */
  FX_WRITE("u\tv\n1\t2\n1e103\t2\n");
  ck_assert_int_eq(nn_dataset_read_for(m, fx_path, 0, 0, &ds, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:3: column 'u': '1e103' to the power 3 is "
             "not finite", fx_path);
  fx_unlink();
  nn_model_free(m);
}
END_TEST

START_TEST(record_inputs_from_a_table)
{
  FX_WRITE("id,x,z\nr1,3,-0.5\nr2,x,1\n");
  nn_err err;
  nn_table *t = nn_table_open(fx_path, 0, &err);
  ck_assert_ptr_nonnull(t);
  ck_assert_int_eq(nn_table_next(t, &err), 1);
  double x[8];
  /* Columns z then x, each to the power 4. */
  const size_t in[2] = {2, 1};
  ck_assert_int_eq(nn_dataset_record_inputs(t, in, 2, 4, NULL, NULL, x, &err),
                   NN_OK);
  EXPECT_VALUES(x, -0.5, 0.25, -0.125, 0.0625, 3, 9, 27, 81);
  /* Then scaled, feature by feature. */
  const double shift[8] = {0, 0, 0, 0, 3, 1, 27, 1};
  const double scale[8] = {1, 0.25, 0.5, 2, 1, 4, 1, 0.5};
  ck_assert_int_eq(nn_dataset_record_inputs(t, in, 2, 4, shift, scale, x,
                                            &err), NN_OK);
  EXPECT_VALUES(x, -0.5, 1, -0.25, 0.03125, 0, 2, 0, 160);
  /* Poly 0 and 1: the numbers, scaled. */
  ck_assert_int_eq(nn_dataset_record_inputs(t, in, 2, 0, NULL, NULL, x, &err),
                   NN_OK);
  EXPECT_VALUES(x, -0.5, 3);
  ck_assert_int_eq(nn_dataset_record_inputs(t, in, 2, 1, (const double[]){1, 1},
                                            (const double[]){0.5, 2}, x, &err),
                   NN_OK);
  EXPECT_VALUES(x, -3, 1);
  /* The next record's x is not a number. */
  ck_assert_int_eq(nn_table_next(t, &err), 1);
  ck_assert_int_eq(nn_dataset_record_inputs(t, in, 2, 2, NULL, NULL, x, &err),
                   NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:3: column 'x': 'x' is not a number", fx_path);
  nn_table_close(t);
  fx_unlink();
}
END_TEST

START_TEST(find_columns_of_a_model)
{
  static const char *in[] = {"b", "a"};
  nn_model *m = poly_model(in, 2, 2, NULL, NULL);
  /* Two columns named a: the first. */
  FX_WRITE("a\ty\tb\ta\n1\t2\t3\t4\n");
  nn_err err;
  nn_table *t = nn_table_open(fx_path, 0, &err);
  ck_assert_ptr_nonnull(t);
  size_t idx[2] = {9, 9}, tcol = 9;
  ck_assert_int_eq(nn_dataset_find_columns(m, t, idx, &tcol, &err), NN_OK);
  ck_assert(idx[0] == 2 && idx[1] == 0 && tcol == 1);
  /* Without the target: TCOL untouched. */
  tcol = 9;
  ck_assert_int_eq(nn_dataset_find_columns(m, t, idx, NULL, &err), NN_OK);
  ck_assert_uint_eq(tcol, 9);
  nn_table_close(t);
  fx_unlink();
  FX_WRITE("b\tA\n1\t2\n");
  t = nn_table_open(fx_path, 0, &err);
  ck_assert_int_eq(nn_dataset_find_columns(m, t, idx, NULL, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column named 'a', an input of the model",
             fx_path);
  nn_table_close(t);
  fx_unlink();
  FX_WRITE("a\tb\n1\t2\n");
  t = nn_table_open(fx_path, 0, &err);
  ck_assert_int_eq(nn_dataset_find_columns(m, t, idx, NULL, &err), NN_OK);
  ck_assert_int_eq(nn_dataset_find_columns(m, t, idx, &tcol, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column named 'y', the model's target",
             fx_path);
  nn_table_close(t);
  fx_unlink();
  nn_model_free(m);
}
END_TEST

/* -- moments, scaling, gathering ----------------------------------------------- */

START_TEST(moments_are_population_moments)
{
  /* Column a: 1, 2, 3, 4: mean 2.5, variance 1.25 (divisor n, not n - 1).
   * Column b: constant 7: scale 1.  Column c: 1e8 + (0, 1, 2, 3): mean
   * 1e8 + 1.5, sd sqrt(1.25), without cancellation. */
  nn_dataset *ds = read_ok("a,b,c,y\n1,7,100000000,0\n2,7,100000001,0\n"
                           "3,7,100000002,0\n4,7,100000003,0\n", NULL, NULL, 0);
  double shift[3], scale[3];
  nn_dataset_moments(ds, shift, scale);
  ck_assert(shift[0] == 2.5);
  ck_assert_double_eq_tol(scale[0], sqrt(1.25), 2 * DBL_EPSILON);
  ck_assert(shift[1] == 7 && scale[1] == 1);
  ck_assert(shift[2] == 100000001.5);
  ck_assert_double_eq_tol(scale[2], sqrt(1.25), 1e-8);
  /* Standardised, a has mean 0 and population sd 1. */
  nn_dataset_scale(ds, shift, scale);
  double s = 0, ss = 0;
  for (size_t i = 0; i < 4; i++) {
    s += ds->x[i * 3];
    ss += ds->x[i * 3] * ds->x[i * 3];
    ck_assert(ds->x[i * 3 + 1] == 0);  /* (7 - 7) / 1 */
  }
  ck_assert_double_eq_tol(s, 0, 4 * DBL_EPSILON);
  ck_assert_double_eq_tol(ss / 4, 1, 4 * DBL_EPSILON);
  double s2[3], c2[3];
  nn_dataset_moments(ds, s2, c2);
  ck_assert_double_eq_tol(c2[0], 1, 4 * DBL_EPSILON);
  ck_assert_double_eq_tol(c2[2], 1, 1e-8);
  nn_dataset_free(ds);
  /* One row: every column constant. */
  ds = read_ok("a,y\n-3,1\n", NULL, NULL, 0);
  nn_dataset_moments(ds, shift, scale);
  ck_assert(shift[0] == -3 && scale[0] == 1);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(scale_by_hand)
{
  nn_dataset *ds = read_ok("a,b,y\n1,10,0\n3,-6,0\n", NULL, NULL, 0);
  nn_dataset_scale(ds, (const double[]){1, 2}, (const double[]){2, 0.25});
  const double x[4] = {0, 32, 1, -32};
  for (size_t i = 0; i < 4; i++)
    ck_assert(ds->x[i] == x[i]);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(gather_rows)
{
  nn_dataset *ds = read_ok("a\tb\ty\n1\t2\t10\n3\t4\t20\n5\t6\t30\n", NULL,
                           NULL, 0);
  gsl_matrix *X = gsl_matrix_alloc(4, 2);
  double y[4];
  size_t cls[4] = {9, 9, 9, 9};
  const size_t idx[4] = {2, 0, 2, 1};
  nn_dataset_gather(ds, idx, 4, X, y, cls);
  const double want[4][3] = {{5, 6, 30}, {1, 2, 10}, {5, 6, 30}, {3, 4, 20}};
  for (size_t i = 0; i < 4; i++) {
    ck_assert(gsl_matrix_get(X, i, 0) == want[i][0]);
    ck_assert(gsl_matrix_get(X, i, 1) == want[i][1]);
    ck_assert(y[i] == want[i][2]);
    ck_assert_uint_eq(cls[i], 9);  /* a regression has no classes */
  }
  gsl_matrix_free(X);
  nn_dataset_free(ds);
  /* Classes, into a submatrix view of a larger buffer. */
  ds = read_ok("a\ty\n1\tb\n2\ta\n3\tb\n", NULL, NULL, 1);
  gsl_matrix *B = gsl_matrix_alloc(5, 1);
  gsl_matrix_view V = gsl_matrix_submatrix(B, 0, 0, 2, 1);
  const size_t idx2[2] = {1, 2};
  y[0] = y[1] = -1;
  nn_dataset_gather(ds, idx2, 2, &V.matrix, y, cls);
  ck_assert(gsl_matrix_get(B, 0, 0) == 2 && gsl_matrix_get(B, 1, 0) == 3);
  ck_assert(cls[0] == 0 && cls[1] == 1);
  ck_assert(y[0] == -1 && y[1] == -1);
  gsl_matrix_free(B);
  nn_dataset_free(ds);
}
END_TEST

/* -- errors ------------------------------------------------------------------ */

START_TEST(errors_in_columns)
{
  const char *t = "a\tb\ty\n1\t2\t3\n";
  READ_ERR(t, "z", NULL, 0, NN_EDATA, 0, "no column named 'z'");
  READ_ERR(t, "4", NULL, 0, NN_EDATA, 0, "no column 4: the table has 3 columns");
  READ_ERR(t, NULL, "a,zz", 0, NN_EDATA, 0, "no column named 'zz'");
  READ_ERR(t, NULL, "a,0", 0, NN_EDATA, 0, "no column 0: the table has 3 columns");
  READ_ERR(t, NULL, "a,,b", 0, NN_EINVAL, -1, "empty column name in list 'a,,b'");
  READ_ERR(t, NULL, "a,y", 0, NN_EINVAL, -1,
           "column 'y' is both the target and a feature");
  READ_ERR(t, "a", "b,1", 0, NN_EINVAL, -1,
           "column 'a' is both the target and a feature");
  READ_ERR("y\n1\n", NULL, NULL, 0, NN_EDATA, 0,
           "no input columns: the table has only the target");
  READ_ERR("a\ta\ty\n1\t2\t3\n", NULL, "a", 0, NN_EDATA, 0,
           "column name 'a' is ambiguous (columns 1 and 2)");
}
END_TEST

START_TEST(errors_in_rows)
{
  READ_ERR("a\ty\n1\t2\n# c\nx\t3\n", NULL, NULL, 0, NN_EDATA, 4,
           "column 'a': 'x' is not a number");
  READ_ERR("a\ty\n1\t2\n3\tnan\n", NULL, NULL, 0, NN_EDATA, 3,
           "column 'y': 'nan' is not a number");
  READ_ERR("a\ty\n1\t\n", NULL, NULL, 0, NN_EDATA, 2,
           "column 'y': empty field where a number is required");
  READ_ERR("a\ty\n1e999\t1\n", NULL, NULL, 1, NN_EDATA, 2,
           "column 'a': '1e999' is out of range");
  READ_ERR("a\ty\n1\t2\n3\n", NULL, NULL, 0, NN_EDATA, 3,
           "1 field where the header has 2");
  READ_ERR("a\ty\n", NULL, NULL, 0, NN_EDATA, 0, "no data rows");
  READ_ERR("a\ty\n# nothing\n\n", NULL, NULL, 1, NN_EDATA, 0, "no data rows");
  READ_ERR("", NULL, NULL, 0, NN_EDATA, 0, "no header line: the table is empty");
  /* Class labels may be anything; features may not. */
  READ_ERR("a\ty\n1\tcat\nmeow\tcat\n", NULL, NULL, 1, NN_EDATA, 3,
           "column 'a': 'meow' is not a number");
  nn_dataset_spec spec = {NULL, NULL, 0, 0, 0};
  nn_dataset *ds = NULL;
  nn_err err;
  ck_assert_int_eq(nn_dataset_read("/nonexistent/d.tsv", &spec, &ds, &err), NN_EIO);
  EXPECT_ERR(&err, NN_EIO, "/nonexistent/d.tsv: No such file or directory");
  ck_assert_ptr_null(ds);
}
END_TEST

/* -- runner -------------------------------------------------------------- */

static Suite *dataset_suite(void)
{
  Suite *s = suite_create("dataset");
  TCase *tc = tcase_create("read");
  tcase_add_test(tc, default_target_is_the_last_column);
  tcase_add_test(tc, target_and_features_by_name_and_index);
  tcase_add_test(tc, classes_sort_numerically_when_all_are_numbers);
  tcase_add_test(tc, classes_sort_bytewise_otherwise);
  tcase_add_test(tc, many_classes_up_to_the_limit);
  tcase_add_test(tc, one_class_goes_through_to_the_model);
  tcase_add_test(tc, model_for_dataset_takes_its_names);
  suite_add_tcase(s, tc);

  tc = tcase_create("read_for");
  tcase_add_test(tc, read_for_matches_columns_by_name);
  tcase_add_test(tc, read_for_applies_the_models_scaling);
  suite_add_tcase(s, tc);

  tc = tcase_create("poly");
  tcase_add_test(tc, poly_expands_each_column_into_its_powers);
  tcase_add_test(tc, poly_model_for_dataset_and_moments);
  tcase_add_test(tc, poly_power_that_overflows_is_an_error);
  tcase_add_test(tc, read_for_a_poly_model_expands_then_scales);
  tcase_add_test(tc, record_inputs_from_a_table);
  tcase_add_test(tc, find_columns_of_a_model);
  suite_add_tcase(s, tc);

  tc = tcase_create("numbers");
  tcase_add_test(tc, moments_are_population_moments);
  tcase_add_test(tc, scale_by_hand);
  tcase_add_test(tc, gather_rows);
  suite_add_tcase(s, tc);

  tc = tcase_create("errors");
  tcase_add_test(tc, errors_in_columns);
  tcase_add_test(tc, errors_in_rows);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(dataset_suite());
}
