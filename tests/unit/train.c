/* tests/unit/train.c -- Check suite for lib/train.h and lib/optim.h: the
 * training loop, its log, the optimizer step, divergence, evaluation in
 * chunks, and learning (a line, XOR, two spirals).
 *
 * The loop is checked against a replay written here: the same mini-batches
 * in file order (shuffle off), each one's loss, gradient norm and correct
 * rows taken with nn_model_loss before its update, and the update
 * theta - lr g done by hand.  The log is written through an nn_writer to
 * a temporary file and read back with the table reader.
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "fixture.h"
#include "loss.h"
#include "model.h"
#include "optim.h"
#include "table.h"
#include "train.h"
#include "func.h"
#include "objective.h"
#include "unit.h"

/* -- helpers ---------------------------------------------------------------- */

static nn_model *new_model(size_t nlayers, const size_t *width, nn_act act,
                           int bias, nn_loss loss, size_t nclasses)
{
  nn_model *m = nn_model_alloc(nlayers, width, act, bias, loss);
  ck_assert_ptr_nonnull(m);
  m->nclasses = nclasses;  /* names are not needed here */
  return m;
}

static nn_model *copy_model(const nn_model *m)
{
  nn_model *c = new_model(m->nlayers, m->width, m->act, m->bias, m->loss, 0);
  memcpy(c->theta, m->theta, m->nparams * sizeof *m->theta);
  return c;
}

static void init(nn_model *m, const char *scheme, unsigned long seed)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  ck_assert_int_eq(nn_model_init(m, scheme, r, NULL), NN_OK);
  gsl_rng_free(r);
}

/* Train M on TRAIN with OPTS, an sgd optimizer and an rng seeded SEED;
 * the log, if LOG is not NULL, goes to it.  Returns the status. */
static int train(nn_model *m, const nn_dataset *tr, const nn_dataset *valid,
                 const nn_train_opts *opts, unsigned long seed, FILE *log,
                 nn_err *err)
{
  nn_optim *o = nn_optim_alloc("sgd", m->nparams, NULL, err);
  ck_assert_ptr_nonnull(o);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  nn_writer w;
  if (log)
    nn_writer_init(&w, log, '\t');
  nn_err_clear(err);
  int status = nn_train(m, tr, valid, opts, o, r, log ? &w : NULL, err);
  gsl_rng_free(r);
  nn_optim_free(o);
  return status;
}

static double accuracy(const nn_model *m, const nn_dataset *ds)
{
  double loss, acc;
  ck_assert_int_eq(nn_evaluate(m, ds, &loss, &acc, NULL, NULL), NN_OK);
  return acc;
}

/* The log in FP, read back: its column names into NAMES (NCOLS) and its
 * rows into V (row by row, at most MAXROWS); returns the number of rows. */
#define MAXCOLS 10
static size_t read_log(FILE *fp, char names[MAXCOLS][32], size_t *ncols,
                       double *v, size_t maxrows)
{
  ck_assert_int_eq(fflush(fp), 0);
  ck_assert_int_eq(lseek(fileno(fp), 0, SEEK_SET), 0);
  nn_err err;
  nn_table *t = nn_table_open_fd(fileno(fp), "log", '\t', &err);
  ck_assert_msg(t != NULL, "%s", err.msg);
  *ncols = nn_table_ncols(t);
  ck_assert_uint_le(*ncols, MAXCOLS);
  for (size_t j = 0; j < *ncols; j++)
    snprintf(names[j], 32, "%s", nn_table_colname(t, j));
  size_t rows = 0;
  int r;
  while ((r = nn_table_next(t, &err)) > 0) {
    ck_assert_uint_lt(rows, maxrows);
    for (size_t j = 0; j < *ncols; j++)
      ck_assert_msg(nn_table_number(t, j, &v[rows * *ncols + j], &err) == NN_OK,
                    "%s", err.msg);
    rows++;
  }
  ck_assert_msg(r == 0, "%s", err.msg);
  nn_table_close(t);
  return rows;
}

static double norm(const double *g, size_t n)
{
  gsl_vector_const_view v = gsl_vector_const_view_array(g, n);
  return gsl_blas_dnrm2(&v.vector);
}

/* What nn_train does with shuffling off, one step of rows [S, S + NB):
 * the batch's loss, gradient norm and correct rows, then the update. */
static double replay_step(nn_model *m, const nn_dataset *ds, size_t s,
                          size_t nb, double lr, double *gnorm,
                          size_t *correct)
{
  nn_work *w = nn_work_alloc(m, nb);
  double *g = malloc(m->nparams * sizeof *g);
  ck_assert(w && g);
  gsl_matrix_const_view X = gsl_matrix_const_view_array(ds->x + s * ds->d, nb,
                                                        ds->d);
  nn_target t = {ds->y ? ds->y + s : NULL, ds->cls ? ds->cls + s : NULL};
  double loss = nn_model_loss(m, w, &X.matrix, t, g);
  *gnorm = norm(g, m->nparams);
  *correct = 0;
  if (ds->cls) {
    gsl_matrix_view Z = nn_model_forward_output(m, w, nb);
    for (size_t i = 0; i < nb; i++)
      *correct += nn_argmax(gsl_matrix_ptr(&Z.matrix, i, 0), Z.matrix.size2) ==
                  ds->cls[s + i];
  }
  for (size_t k = 0; k < m->nparams; k++)
    m->theta[k] -= lr * g[k];
  nn_work_free(w);
  free(g);
  return loss;
}

/* A classification set: N rows of 2 inputs, 3 classes by the sign of
 * x1 + x2 and the size of x1, from a fixed seed. */
static nn_dataset *blobs(size_t n, unsigned long seed)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  double *x = malloc(2 * n * sizeof *x);
  size_t *cls = malloc(n * sizeof *cls);
  for (size_t i = 0; i < n; i++) {
    x[2 * i] = gsl_ran_gaussian(r, 1);
    x[2 * i + 1] = gsl_ran_gaussian(r, 1);
    cls[i] = x[2 * i] + x[2 * i + 1] < 0 ? 0 : x[2 * i] < 1 ? 1 : 2;
  }
  nn_dataset *ds = fx_dataset(n, 2, x, NULL, cls, 3);
  free(x);
  free(cls);
  gsl_rng_free(r);
  return ds;
}

START_TEST(one_training_step_is_theta_minus_lr_g)
{
  /* One epoch of one full batch: theta1 = theta0 - lr g(theta0), bit for
   * bit, with g from nn_model_loss on the same rows. */
  nn_dataset *ds = blobs(13, 3);
  const size_t width[3] = {2, 4, 3};
  nn_model *m = new_model(2, width, NN_ACT_TANH, 1, NN_LOSS_XENT, 3);
  init(m, "xavier", 9);
  for (size_t k = 0; k < m->nparams; k++)  /* non-zero biases too */
    m->theta[k] += 0.01 * (double) k;
  nn_model *hand = copy_model(m);
  double gn;
  size_t correct;
  replay_step(hand, ds, 0, ds->n, 0.3, &gn, &correct);
  nn_train_opts opts = {.epochs = 1, .batch = 0, .lr = 0.3, .shuffle = 0};
  nn_err err;
  ck_assert_int_eq(train(m, ds, NULL, &opts, 1, NULL, &err), NN_OK);
  for (size_t k = 0; k < m->nparams; k++)
    ck_assert_msg(m->theta[k] == hand->theta[k], "parameter %zu: %.17g, by "
                  "hand %.17g", k, m->theta[k], hand->theta[k]);
  /* --epochs 0: nothing changes. */
  nn_model *again = copy_model(m);
  opts.epochs = 0;
  ck_assert_int_eq(train(m, ds, NULL, &opts, 1, NULL, &err), NN_OK);
  ck_assert(memcmp(m->theta, again->theta, m->nparams * sizeof *m->theta) == 0);
  nn_model_free(again);
  nn_model_free(hand);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

/* -- the log ------------------------------------------------------------------ */

/* Train a copy of M0 on TR (VALID may be NULL) with batch B, EPOCHS and
 * LOG_EVERY, shuffle off, and check every log row against a replay. */
static void check_log(const nn_model *m0, const nn_dataset *tr,
                      const nn_dataset *valid, size_t B, size_t epochs,
                      size_t log_every)
{
  const double lr = 0.05;
  nn_model *m = copy_model(m0), *hand = copy_model(m0);
  int classify = tr->cls != NULL;
  FILE *fp = tmpfile();
  ck_assert_ptr_nonnull(fp);
  nn_train_opts opts = {.epochs = epochs, .batch = B, .lr = lr,
                        .log_every = log_every};
  nn_err err;
  ck_assert_int_eq(train(m, tr, valid, &opts, 1, fp, &err), NN_OK);
  char names[MAXCOLS][32];
  size_t ncols, maxrows = 1000;
  double *v = malloc(maxrows * MAXCOLS * sizeof *v);
  size_t rows = read_log(fp, names, &ncols, v, maxrows);
  fclose(fp);

  /* The columns: those that apply, in the documented order. */
  const char *want[MAXCOLS];
  size_t nw = 0;
  want[nw++] = "epoch";
  want[nw++] = "step";
  want[nw++] = "lr";
  want[nw++] = "loss";
  want[nw++] = "grad_norm";
  if (valid)
    want[nw++] = "valid_loss";
  if (classify)
    want[nw++] = "accuracy";
  if (classify && valid)
    want[nw++] = "valid_accuracy";
  want[nw++] = "seconds";
  ck_assert_uint_eq(ncols, nw);
  for (size_t j = 0; j < nw; j++)
    ck_assert_str_eq(names[j], want[j]);
  size_t c_valid = 5, c_acc = valid ? 6 : 5, c_vacc = 7;

  /* Row 0: the initial model on all the training data. */
  double loss, acc, vloss, vacc, *g = malloc(m->nparams * sizeof *g);
  ck_assert_int_eq(nn_evaluate(hand, tr, &loss, &acc, g, NULL), NN_OK);
  ck_assert(v[0] == 0 && v[1] == 0 && v[2] == lr);
  ASSERT_NEAR(v[3], loss, 4 * DBL_EPSILON * loss);
  ASSERT_NEAR(v[4], norm(g, m->nparams), 1e-14 * v[4]);
  if (valid) {
    ck_assert_int_eq(nn_evaluate(hand, valid, &vloss, &vacc, NULL, NULL), NN_OK);
    ASSERT_NEAR(v[c_valid], vloss, 4 * DBL_EPSILON * vloss);
  }
  if (classify)
    ck_assert(v[c_acc] == acc);
  if (classify && valid)
    ck_assert(v[c_vacc] == vacc);
  ck_assert(v[ncols - 1] >= 0);

  /* The replay: ceil(n / B) steps per epoch, the last one short; batch 0
   * or more than n is the full batch. */
  size_t n = tr->n;
  B = B == 0 || B > n ? n : B;
  size_t per_epoch = (n + B - 1) / B, step = 0, row = 1;
  size_t since = 0, rows_seen = 0, correct = 0;
  double loss_sum = 0, grad_sum = 0;
  for (size_t e = 1; e <= epochs; e++)
    for (size_t s = 0; s < n; s += B) {
      size_t nb = n - s < B ? n - s : B, c;
      double gn, l = replay_step(hand, tr, s, nb, lr, &gn, &c);
      step++;
      loss_sum += l;
      grad_sum += gn;
      correct += c;
      rows_seen += nb;
      since++;
      /* A row at the end of every epoch; or every LOG_EVERY steps and
       * after the last step. */
      int last = s + nb == n;
      int end = log_every ? step % log_every == 0 || (last && e == epochs)
                          : last;
      if (!end)
        continue;
      ck_assert_msg(row < rows, "no log row for step %zu", step);
      const double *r = v + row * ncols;
      ck_assert_msg(r[0] == (double) e && r[1] == (double) step,
                    "row %zu: epoch %g step %g, expected %zu %zu", row, r[0],
                    r[1], e, step);
      ck_assert(r[2] == lr);
      ASSERT_NEAR(r[3], loss_sum / (double) since, 8 * DBL_EPSILON * r[3]);
      ASSERT_NEAR(r[4], grad_sum / (double) since, 1e-13 * r[4]);
      if (valid) {
        ck_assert_int_eq(nn_evaluate(hand, valid, &vloss, &vacc, NULL, NULL), NN_OK);
        ASSERT_NEAR(r[c_valid], vloss, 8 * DBL_EPSILON * vloss);
      }
      if (classify)
        ck_assert_msg(r[c_acc] == (double) correct / (double) rows_seen,
                      "row %zu: accuracy %g, expected %zu/%zu", row, r[c_acc],
                      correct, rows_seen);
      if (classify && valid)
        ck_assert(r[c_vacc] == vacc);
      ck_assert(r[ncols - 1] >= v[(row - 1) * ncols + ncols - 1]);
      row++;
      since = rows_seen = correct = 0;
      loss_sum = grad_sum = 0;
    }
  ck_assert_uint_eq(step, epochs * per_epoch);
  ck_assert_msg(rows == row, "batch %zu, %zu epochs, every %zu: %zu rows "
                "logged, %zu in the replay", B, epochs, log_every, rows, row);
  /* The trained parameters are the replay's. */
  for (size_t k = 0; k < m->nparams; k++)
    ASSERT_NEAR(m->theta[k], hand->theta[k], 1e-13 * (1 + fabs(hand->theta[k])));
  free(g);
  free(v);
  nn_model_free(hand);
  nn_model_free(m);
}

START_TEST(log_rows_per_epoch)
{
  /* 10 rows, batch 3: 4 steps per epoch (3 + 3 + 3 + 1). */
  nn_dataset *tr = blobs(10, 1), *va = blobs(7, 2);
  const size_t width[3] = {2, 5, 3};
  nn_model *m = new_model(2, width, NN_ACT_SIGMOID, 1, NN_LOSS_XENT, 3);
  init(m, "he", 4);
  check_log(m, tr, va, 3, 3, 0);
  check_log(m, tr, NULL, 3, 3, 0);
  check_log(m, tr, va, 5, 2, 0);    /* 2 steps per epoch */
  check_log(m, tr, va, 10, 2, 0);   /* the full batch */
  check_log(m, tr, va, 0, 2, 0);    /* 0: the full batch too */
  check_log(m, tr, va, 100, 2, 0);  /* larger than the data: the full batch */
  check_log(m, tr, va, 1, 2, 0);    /* 10 steps per epoch */
  nn_model_free(m);
  /* A regression: no accuracy columns. */
  const double x[8] = {1, 2, 3, 4, 5, 6, 7, 8}, y[4] = {1, -1, 2, 0.5};
  nn_dataset *rtr = fx_dataset(4, 2, x, y, NULL, 0);
  nn_dataset *rva = fx_dataset(2, 2, x, y, NULL, 0);
  const size_t rw[3] = {2, 3, 1};
  m = new_model(2, rw, NN_ACT_TANH, 1, NN_LOSS_MSE, 0);
  init(m, "normal:0.1", 2);
  check_log(m, rtr, rva, 3, 4, 0);
  check_log(m, rtr, NULL, 3, 4, 0);
  nn_model_free(m);
  nn_dataset_free(rtr);
  nn_dataset_free(rva);
  nn_dataset_free(tr);
  nn_dataset_free(va);
}
END_TEST

START_TEST(log_rows_every_n_steps)
{
  nn_dataset *tr = blobs(10, 1), *va = blobs(7, 2);
  const size_t width[3] = {2, 5, 3};
  nn_model *m = new_model(2, width, NN_ACT_RELU, 1, NN_LOSS_SOFTMAX_MSE, 3);
  init(m, "he", 4);
  check_log(m, tr, va, 3, 3, 1);   /* a row per step, each its batch */
  check_log(m, tr, va, 3, 3, 5);   /* across epochs: steps 5, 10 and 12 */
  check_log(m, tr, NULL, 4, 2, 2); /* 3 steps per epoch, every 2 */
  check_log(m, tr, va, 3, 2, 4);   /* steps 4 and 8, the last */
  check_log(m, tr, va, 3, 2, 100); /* only row 0 and the last step */
  nn_model_free(m);
  nn_dataset_free(tr);
  nn_dataset_free(va);
}
END_TEST

/* -- seeds, divergence --------------------------------------------------------- */

START_TEST(same_seed_same_parameters)
{
  nn_dataset *ds = blobs(40, 5);
  const size_t width[3] = {2, 6, 3};
  nn_train_opts opts = {.epochs = 5, .batch = 7, .lr = 0.1, .shuffle = 1};
  nn_model *a = new_model(2, width, NN_ACT_TANH, 1, NN_LOSS_XENT, 3);
  nn_model *b = new_model(2, width, NN_ACT_TANH, 1, NN_LOSS_XENT, 3);
  nn_model *c = new_model(2, width, NN_ACT_TANH, 1, NN_LOSS_XENT, 3);
  nn_model *d = new_model(2, width, NN_ACT_TANH, 1, NN_LOSS_XENT, 3);
  init(a, "he", 1);
  init(b, "he", 1);
  init(c, "he", 1);
  init(d, "he", 1);
  nn_model *start = copy_model(a);
  nn_err err;
  ck_assert_int_eq(train(a, ds, NULL, &opts, 1, NULL, &err), NN_OK);
  ck_assert_int_eq(train(b, ds, NULL, &opts, 1, NULL, &err), NN_OK);
  ck_assert_int_eq(train(c, ds, NULL, &opts, 2, NULL, &err), NN_OK);
  size_t P = a->nparams;
  ck_assert(memcmp(a->theta, start->theta, P * sizeof *a->theta) != 0);
  ck_assert(memcmp(a->theta, b->theta, P * sizeof *a->theta) == 0);
  /* Another seed, another order of rows: other parameters. */
  ck_assert(memcmp(a->theta, c->theta, P * sizeof *a->theta) != 0);
  /* Without shuffling the seed does not matter. */
  opts.shuffle = 0;
  memcpy(a->theta, start->theta, P * sizeof *a->theta);
  ck_assert_int_eq(train(a, ds, NULL, &opts, 1, NULL, &err), NN_OK);
  ck_assert_int_eq(train(d, ds, NULL, &opts, 2, NULL, &err), NN_OK);
  ck_assert(memcmp(a->theta, d->theta, P * sizeof *a->theta) == 0);
  ck_assert(memcmp(a->theta, b->theta, P * sizeof *a->theta) != 0);
  nn_model_free(start);
  nn_model_free(a);
  nn_model_free(b);
  nn_model_free(c);
  nn_model_free(d);
  nn_dataset_free(ds);
}
END_TEST

/* Replay training with batch B, shuffle off, up to the first step with a
 * non-finite loss or gradient norm, and write the message nn_train gives
 * for it into MSG. */
static void replay_divergence(const nn_model *m0, const nn_dataset *ds,
                              size_t B, double lr, size_t epochs, char *msg,
                              size_t size)
{
  nn_model *m = copy_model(m0);
  size_t step = 0;
  for (size_t e = 1; e <= epochs; e++)
    for (size_t s = 0; s < ds->n; s += B) {
      size_t nb = ds->n - s < B ? ds->n - s : B, c;
      double gn, l = replay_step(m, ds, s, nb, lr, &gn, &c);
      step++;
      if (!isfinite(l) || !isfinite(gn)) {
        const char *what = isfinite(l) ? "gradient" : "loss";
        const char *kind = isnan(isfinite(l) ? gn : l) ? "nan" : "infinite";
        snprintf(msg, size, "epoch %zu, step %zu: the %s is %s; the run "
                 "diverged: try a smaller --lr (now %g)", e, step, what, kind,
                 lr);
        nn_model_free(m);
        return;
      }
    }
  ck_abort_msg("the replay did not diverge");
}

START_TEST(divergence_names_epoch_and_step)
{
  /* y = 2x + 1 with a learning rate far beyond 2 / (largest Hessian
   * eigenvalue): the loss grows geometrically until it overflows. */
  double x[11], y[11];
  for (int i = 0; i < 11; i++) {
    x[i] = -1 + 0.2 * i;
    y[i] = 2 * x[i] + 1;
  }
  nn_dataset *ds = fx_dataset(11, 1, x, y, NULL, 0);
  const size_t width[2] = {1, 1};
  static const struct { size_t batch; double lr; } runs[] = {
    {0, 1000}, {4, 1000}, {1, 50}, {11, 1e6}};
  for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
    nn_model *m = new_model(1, width, NN_ACT_LINEAR, 1, NN_LOSS_MSE, 0);
    char want[256];
    replay_divergence(m, ds, runs[i].batch ? runs[i].batch : 11, runs[i].lr,
                      1000, want, sizeof want);
    nn_train_opts opts = {.epochs = 1000, .batch = runs[i].batch,
                          .lr = runs[i].lr, .shuffle = 0};
    nn_err err;
    FILE *log = tmpfile();
    ck_assert_int_eq(train(m, ds, NULL, &opts, 1, log, &err), NN_EDATA);
    EXPECT_ERR(&err, NN_EDATA, "%s", want);
    fclose(log);
    nn_model_free(m);
  }
  /* One by hand: lr 1000, full batch, from w = b = 0.  Step 1 has the
   * finite initial loss; the run must get past epoch 1. */
  nn_model *m = new_model(1, width, NN_ACT_LINEAR, 1, NN_LOSS_MSE, 0);
  nn_train_opts opts = {.epochs = 1000, .batch = 0, .lr = 1000, .shuffle = 0};
  nn_err err;
  ck_assert_int_eq(train(m, ds, NULL, &opts, 1, NULL, &err), NN_EDATA);
  size_t epoch, step;
  char what[16], kind[16];
  ck_assert_int_eq(sscanf(err.msg, "epoch %zu, step %zu: the %15s is %15[a-z];",
                          &epoch, &step, what, kind), 4);
  ck_assert_uint_eq(epoch, step);  /* one step per epoch */
  ck_assert_uint_gt(epoch, 10);
  ck_assert_str_eq(what, "loss");
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

/* -- learning ------------------------------------------------------------------- */

START_TEST(linear_model_learns_2x_plus_1)
{
  /* NOTES: noiseless y = 2x + 1 on x = -1, -0.8, ..., 1; mse, full batch.
   * The Hessian of the mean loss is 2 [E x^2, E x; E x, 1] = diag(0.88, 2):
   * with lr 0.5 the error shrinks by 0.56 per step (and the bias's error
   * vanishes in one), so 200 epochs go far below 1e-6. */
  double x[11], y[11];
  for (int i = 0; i < 11; i++) {
    x[i] = -1 + 0.2 * i;
    y[i] = 2 * x[i] + 1;
  }
  nn_dataset *ds = fx_dataset(11, 1, x, y, NULL, 0);
  const size_t width[2] = {1, 1};
  nn_model *m = new_model(1, width, NN_ACT_LINEAR, 1, NN_LOSS_MSE, 0);
  nn_train_opts opts = {.epochs = 200, .batch = 0, .lr = 0.5, .shuffle = 1};
  nn_err err;
  ck_assert_int_eq(train(m, ds, NULL, &opts, 1, NULL, &err), NN_OK);
  ck_assert_double_eq_tol(m->theta[0], 2, 1e-6);  /* W1[1,1] = w */
  ck_assert_double_eq_tol(m->theta[1], 1, 1e-6);  /* b1[1] = b */
  double loss, acc;
  ck_assert_int_eq(nn_evaluate(m, ds, &loss, &acc, NULL, NULL), NN_OK);
  ck_assert_msg(loss < 1e-20, "loss %g", loss);
  ck_assert(isnan(acc));
  /* Mini-batches of 3, shuffled, the tools' default rate: there too. */
  memset(m->theta, 0, m->nparams * sizeof *m->theta);
  opts = (nn_train_opts){.epochs = 2000, .batch = 3, .lr = 0.1, .shuffle = 1};
  ck_assert_int_eq(train(m, ds, NULL, &opts, 7, NULL, &err), NN_OK);
  ck_assert_double_eq_tol(m->theta[0], 2, 1e-6);
  ck_assert_double_eq_tol(m->theta[1], 1, 1e-6);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(mlp_learns_xor)
{
  /* XOR: 4 rows, classes 0/1; mlp:4, tanh, xent, full batch.  Several
   * seeds, every one must classify all four rows. */
  const double x[8] = {0, 0, 0, 1, 1, 0, 1, 1};
  const size_t cls[4] = {0, 1, 1, 0};
  nn_dataset *ds = fx_dataset(4, 2, x, NULL, cls, 2);
  const size_t width[3] = {2, 4, 2};
  for (unsigned long seed = 1; seed <= 5; seed++) {
    nn_model *m = new_model(2, width, NN_ACT_TANH, 1, NN_LOSS_XENT, 2);
    init(m, "xavier", seed);
    nn_train_opts opts = {.epochs = 1000, .batch = 0, .lr = 0.5, .shuffle = 1};
    nn_err err;
    ck_assert_int_eq(train(m, ds, NULL, &opts, seed, NULL, &err), NN_OK);
    double loss, acc;
    ck_assert_int_eq(nn_evaluate(m, ds, &loss, &acc, NULL, NULL), NN_OK);
    ck_assert_msg(acc == 1, "seed %lu: accuracy %g, loss %g", seed, acc, loss);
    ck_assert_msg(loss < 0.05, "seed %lu: loss %g", seed, loss);
    nn_model_free(m);
  }
  nn_dataset_free(ds);
}
END_TEST

/* Two interleaved spirals of N points each: class k at angle
 * 2 pi TURNS t + k pi and radius 0.15 + 0.85 t, t = i / N. */
static nn_dataset *spirals(size_t n, double turns)
{
  double *x = malloc(4 * n * sizeof *x);
  size_t *cls = malloc(2 * n * sizeof *cls);
  for (size_t k = 0; k < 2; k++)
    for (size_t i = 0; i < n; i++) {
      double t = (double) i / (double) n, r = 0.15 + 0.85 * t;
      double a = 2 * M_PI * turns * t + (double) k * M_PI;
      x[2 * (k * n + i)] = r * cos(a);
      x[2 * (k * n + i) + 1] = r * sin(a);
      cls[k * n + i] = k;
    }
  nn_dataset *ds = fx_dataset(2 * n, 2, x, NULL, cls, 2);
  free(x);
  free(cls);
  return ds;
}

START_TEST(mlp_learns_two_spirals)
{
  /* 2 x 100 points, 1.5 turns each; mlp:32,32, relu, he, xent, batch 10,
   * lr 0.1, 500 epochs (10,000 steps; about 0.1 s per seed).  Three
   * seeds, each must reach a training accuracy of at least 0.99. */
  nn_dataset *ds = spirals(100, 1.5);
  const size_t width[4] = {2, 32, 32, 2};
  for (unsigned long seed = 1; seed <= 3; seed++) {
    nn_model *m = new_model(3, width, NN_ACT_RELU, 1, NN_LOSS_XENT, 2);
    init(m, "he", seed);
    double acc0 = accuracy(m, ds);
    nn_train_opts opts = {.epochs = 500, .batch = 10, .lr = 0.1, .shuffle = 1};
    nn_err err;
    ck_assert_int_eq(train(m, ds, NULL, &opts, seed, NULL, &err), NN_OK);
    double acc = accuracy(m, ds);
    ck_assert_msg(acc >= 0.99, "seed %lu: accuracy %g (from %g)", seed, acc,
                  acc0);
    printf("spirals, seed %lu: accuracy %g (initially %g)\n", seed, acc, acc0);
    nn_model_free(m);
  }
  /* A linear model cannot: it stays near chance. */
  const size_t lw[2] = {2, 2};
  nn_model *m = new_model(1, lw, NN_ACT_LINEAR, 1, NN_LOSS_XENT, 2);
  nn_train_opts opts = {.epochs = 100, .batch = 10, .lr = 0.1, .shuffle = 1};
  nn_err err;
  ck_assert_int_eq(train(m, ds, NULL, &opts, 1, NULL, &err), NN_OK);
  ck_assert_msg(accuracy(m, ds) < 0.75, "linear: %g", accuracy(m, ds));
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

/* -- evaluation in chunks ------------------------------------------------------ */

START_TEST(evaluate_in_chunks_is_one_batch)
{
  /* 2500 rows: chunks of 1024, 1024 and 452 against one batch of 2500. */
  nn_dataset *ds = blobs(2500, 11);
  const size_t width[4] = {2, 6, 5, 3};
  for (int lo = 1; lo <= 2; lo++) {
    nn_model *m = new_model(3, width, NN_ACT_SIGMOID, 1, (nn_loss) lo, 3);
    init(m, "normal:1", 3);
    double *g1 = malloc(m->nparams * sizeof *g1), *g2 = malloc(m->nparams * sizeof *g2);
    nn_work *w = nn_work_alloc(m, ds->n);
    nn_target t = {NULL, ds->cls};
    double l1 = nn_model_loss(m, w, &ds->X.matrix, t, g1);
    gsl_matrix_view Z = nn_model_forward_output(m, w, ds->n);
    size_t correct = 0;
    for (size_t i = 0; i < ds->n; i++)
      correct += nn_argmax(gsl_matrix_ptr(&Z.matrix, i, 0), 3) == ds->cls[i];
    double l2, acc;
    ck_assert_int_eq(nn_evaluate(m, ds, &l2, &acc, g2, NULL), NN_OK);
    /* Sums of 2500 terms in another order: a few hundred ulps at most. */
    ASSERT_NEAR(l2, l1, 256 * DBL_EPSILON * l1);
    double gmax = 0;
    for (size_t k = 0; k < m->nparams; k++)
      gmax = fmax(gmax, fabs(g1[k]));
    for (size_t k = 0; k < m->nparams; k++)
      ASSERT_NEAR(g2[k], g1[k], 256 * DBL_EPSILON * gmax);
    ck_assert(acc == (double) correct / (double) ds->n);
    ck_assert(acc > 0 && acc < 1);
    /* Without a gradient: the same loss and accuracy. */
    double l3, acc3;
    ck_assert_int_eq(nn_evaluate(m, ds, &l3, &acc3, NULL, NULL), NN_OK);
    ck_assert(l3 == l2 && acc3 == acc);
    nn_work_free(w);
    free(g1);
    free(g2);
    nn_model_free(m);
  }
  nn_dataset_free(ds);
}
END_TEST

/* -- dropout, schedules, early stopping, trace -------------------------------- */

START_TEST(dropout_gradient_matches_differences)
{
  /* With the masks fixed (the rng reseeded before every pass) the loss is
   * a smooth function of theta: backprop through the masks must agree with
   * central differences. */
  nn_dataset *ds = blobs(9, 4);
  const size_t width[4] = {2, 6, 5, 3};
  nn_model *m = new_model(3, width, NN_ACT_TANH, 1, NN_LOSS_XENT, 3);
  init(m, "normal:0.8", 3);
  size_t P = m->nparams;
  nn_work *w = nn_work_alloc(m, ds->n);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  ck_assert_int_eq(nn_work_set_dropout(w, m, 0.4, r), NN_OK);
  nn_target t = {NULL, ds->cls};
  double *g = malloc(P * sizeof *g);
  gsl_rng_set(r, 11);
  nn_model_loss(m, w, &ds->X.matrix, t, g);
  double worst = 0;
  for (size_t k = 0; k < P; k++) {
    double keep = m->theta[k], h = 1e-5, f[2];
    for (int i = 0; i < 2; i++) {
      m->theta[k] = keep + (i ? h : -h);
      gsl_rng_set(r, 11);
      f[i] = nn_model_loss(m, w, &ds->X.matrix, t, NULL);
    }
    m->theta[k] = keep;
    double fd = (f[1] - f[0]) / (2 * h);
    worst = fmax(worst, fabs(fd - g[k]) / fmax(fmax(fabs(fd), fabs(g[k])), 1e-6));
  }
  ck_assert_msg(worst < 1e-6, "worst relative error %g", worst);
  /* Some units were dropped: the loss differs from the pass without. */
  gsl_rng_set(r, 11);
  double with = nn_model_loss(m, w, &ds->X.matrix, t, NULL);
  ck_assert_int_eq(nn_work_set_dropout(w, m, 0, r), NN_OK);
  double without = nn_model_loss(m, w, &ds->X.matrix, t, NULL);
  ck_assert(with != without);
  free(g);
  gsl_rng_free(r);
  nn_work_free(w);
  nn_model_free(m);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(dropout_keeps_one_minus_p_scaled)
{
  /* Linear hidden layer of 2000 units, input 1, W1 = 1, no bias: the
   * output of unit j is mask_j, 0 or 1/(1-p); W2 = 1/2000 makes the output
   * the mean of the masks, about 1 (inverted dropout keeps the mean). */
  const size_t H = 2000, width[3] = {1, H, 1};
  nn_model *m = new_model(2, width, NN_ACT_LINEAR, 0, NN_LOSS_MSE, 0);
  for (size_t j = 0; j < H; j++) {
    m->theta[j] = 1;
    m->theta[H + j] = 1.0 / (double) H;
  }
  nn_work *w = nn_work_alloc(m, 1);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  ck_assert_int_eq(nn_work_set_dropout(w, m, 0.25, r), NN_OK);
  const double one = 1;
  gsl_matrix_const_view X = gsl_matrix_const_view_array(&one, 1, 1);
  gsl_matrix_view Z = nn_model_forward(m, w, &X.matrix);
  double out = gsl_matrix_get(&Z.matrix, 0, 0);
  /* the mean of 2000 masks: sd sqrt(p/(1-p)/2000) = 0.013 */
  ck_assert_msg(fabs(out - 1) < 0.06, "mean of the masks %g", out);
  ck_assert(out != 1);
  gsl_rng_free(r);
  nn_work_free(w);
  nn_model_free(m);
}
END_TEST

START_TEST(schedule_gives_each_step_its_rate)
{
  /* Full batch, no shuffle, exp:0.5 with 2 warm-up steps: step t uses
   * nn_schedule_lr(t); replayed by hand, bit for bit. */
  nn_dataset *ds = blobs(10, 2);
  const size_t width[3] = {2, 3, 3};
  nn_model *m = new_model(2, width, NN_ACT_SIGMOID, 1, NN_LOSS_XENT, 3);
  init(m, "xavier", 5);
  nn_model *hand = copy_model(m);
  nn_schedule sch;
  nn_err err;
  ck_assert_int_eq(nn_schedule_parse("exp:0.5", 2, &sch, &err), NN_OK);
  nn_train_opts opts = {.epochs = 6, .batch = 0, .lr = 0.8, .schedule = &sch};
  ck_assert_int_eq(train(m, ds, NULL, &opts, 1, NULL, &err), NN_OK);
  for (size_t t = 1; t <= 6; t++) {
    double gn;
    size_t correct;
    replay_step(hand, ds, 0, ds->n, nn_schedule_lr(&sch, 0.8, t), &gn,
                &correct);
  }
  for (size_t k = 0; k < m->nparams; k++)
    ck_assert(m->theta[k] == hand->theta[k]);
  nn_model_free(m);
  nn_model_free(hand);
  nn_dataset_free(ds);
}
END_TEST

/* Noisy points of a line, few of them: an MLP overfits them. */
static nn_dataset *noisy_line(size_t n, unsigned long seed)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
  for (size_t i = 0; i < n; i++) {
    x[i] = gsl_ran_flat(r, -1, 1);
    y[i] = x[i] + gsl_ran_gaussian(r, 0.5);
  }
  nn_dataset *ds = fx_dataset(n, 1, x, y, NULL, 0);
  free(x);
  free(y);
  gsl_rng_free(r);
  return ds;
}

START_TEST(early_stopping_keeps_the_best_epoch)
{
  nn_dataset *tr = noisy_line(12, 1), *va = noisy_line(200, 2);
  const size_t width[4] = {1, 32, 32, 1};
  nn_model *m = new_model(3, width, NN_ACT_TANH, 1, NN_LOSS_MSE, 0);
  init(m, "xavier", 1);
  FILE *fp = tmpfile();
  ck_assert_ptr_nonnull(fp);
  nn_train_opts opts = {.epochs = 3000, .batch = 0, .lr = 0.1,
                        .patience = 50};
  nn_err err;
  ck_assert_int_eq(train(m, tr, va, &opts, 1, fp, &err), NN_OK);
  char names[MAXCOLS][32];
  size_t ncols, maxrows = 4000;
  double *v = malloc(maxrows * MAXCOLS * sizeof *v);
  size_t rows = read_log(fp, names, &ncols, v, maxrows);
  fclose(fp);
  size_t cv = 0, cb = 0, ce = 0;
  for (size_t j = 0; j < ncols; j++) {
    cv = strcmp(names[j], "valid_loss") == 0 ? j : cv;
    cb = strcmp(names[j], "best_epoch") == 0 ? j : cb;
    ce = strcmp(names[j], "epoch") == 0 ? j : ce;
  }
  ck_assert(cv && cb);
  /* It stopped early, PATIENCE epochs after the best one. */
  double last = v[(rows - 1) * ncols + ce], best = v[(rows - 1) * ncols + cb];
  ck_assert_msg(last < 3000, "ran all %g epochs", last);
  ck_assert_double_eq(last - best, 50);
  /* The best epoch's row has the smallest valid_loss, and the model
   * written is that epoch's. */
  double min = INFINITY;
  for (size_t i = 1; i < rows; i++)
    min = fmin(min, v[i * ncols + cv]);
  ck_assert(v[(size_t) best * ncols + cv] == min);
  double loss, acc;
  ck_assert_int_eq(nn_evaluate(m, va, &loss, &acc, NULL, NULL), NN_OK);
  ck_assert(loss == min);
  free(v);
  nn_model_free(m);
  nn_dataset_free(tr);
  nn_dataset_free(va);
}
END_TEST

START_TEST(trace_has_every_step_and_its_loss)
{
  nn_dataset *ds = blobs(10, 6);
  const size_t width[2] = {2, 3};
  nn_model *m = new_model(1, width, NN_ACT_LINEAR, 1, NN_LOSS_XENT, 3);
  nn_model *hand = copy_model(m);
  FILE *fp = tmpfile();
  nn_writer tw;
  nn_writer_init(&tw, fp, '\t');
  nn_train_opts opts = {.epochs = 3, .batch = 4, .lr = 0.5, .trace = &tw};
  nn_err err;
  ck_assert_int_eq(train(m, ds, NULL, &opts, 1, NULL, &err), NN_OK);
  /* 3 epochs of ceil(10/4) = 3 steps, and row 0: 10 rows of step, loss
   * and 9 parameters; the last row is the final model and its loss. */
  ck_assert_int_eq(fflush(fp), 0);
  ck_assert_int_eq(lseek(fileno(fp), 0, SEEK_SET), 0);
  nn_table *t = nn_table_open_fd(fileno(fp), "trace", '\t', &err);
  ck_assert_ptr_nonnull(t);
  ck_assert_uint_eq(nn_table_ncols(t), 11);
  ck_assert_str_eq(nn_table_colname(t, 0), "step");
  ck_assert_str_eq(nn_table_colname(t, 1), "loss");
  ck_assert_str_eq(nn_table_colname(t, 2), "W1[1,1]");
  ck_assert_str_eq(nn_table_colname(t, 10), "b1[3]");
  size_t rows = 0;
  double row[11];
  while (nn_table_next(t, &err) > 0) {
    for (size_t j = 0; j < 11; j++)
      ck_assert_int_eq(nn_table_number(t, j, &row[j], &err), NN_OK);
    ck_assert_double_eq(row[0], (double) rows);
    rows++;
  }
  nn_table_close(t);
  fclose(fp);
  ck_assert_uint_eq(rows, 10);
  double loss, acc;
  ck_assert_int_eq(nn_evaluate(m, ds, &loss, &acc, NULL, NULL), NN_OK);
  ck_assert(row[1] == loss);
  for (size_t k = 0; k < 9; k++)
    ck_assert(row[2 + k] == m->theta[k]);
  nn_model_free(m);
  nn_model_free(hand);
  nn_dataset_free(ds);
}
END_TEST

START_TEST(shuffle_is_gsl_ran_shuffle)
{
  /* nn_train shuffles with its own loop on size_t; it must draw the same
   * numbers as gsl_ran_shuffle and give the same order: replayed here
   * with gsl_ran_shuffle, the parameters agree bit for bit. */
  nn_dataset *ds = blobs(23, 8);
  const size_t width[2] = {2, 3}, B = 4;
  nn_model *m = new_model(1, width, NN_ACT_LINEAR, 1, NN_LOSS_XENT, 3);
  init(m, "xavier", 2);
  nn_model *hand = copy_model(m);
  nn_train_opts opts = {.epochs = 3, .batch = B, .lr = 0.3, .shuffle = 1};
  nn_err err;
  ck_assert_int_eq(train(m, ds, NULL, &opts, 9, NULL, &err), NN_OK);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 9);
  size_t idx[23], cb[4];
  for (size_t i = 0; i < 23; i++)
    idx[i] = i;
  nn_work *w = nn_work_alloc(hand, B);
  gsl_matrix *X = gsl_matrix_alloc(B, 2);
  double g[9], y[4];
  for (int e = 0; e < 3; e++) {
    gsl_ran_shuffle(r, idx, 23, sizeof *idx);
    for (size_t s0 = 0; s0 < 23; s0 += B) {
      size_t nb = 23 - s0 < B ? 23 - s0 : B;
      gsl_matrix_view Xb = gsl_matrix_submatrix(X, 0, 0, nb, 2);
      nn_dataset_gather(ds, idx + s0, nb, &Xb.matrix, y, cb);
      nn_target t = {NULL, cb};
      nn_model_loss(hand, w, &Xb.matrix, t, g);
      for (size_t k = 0; k < 9; k++)
        hand->theta[k] -= 0.3 * g[k];
    }
  }
  for (size_t k = 0; k < 9; k++)
    ck_assert(m->theta[k] == hand->theta[k]);
  gsl_matrix_free(X);
  nn_work_free(w);
  gsl_rng_free(r);
  nn_model_free(m);
  nn_model_free(hand);
  nn_dataset_free(ds);
}
END_TEST

/* -- built-in functions and bfgs --------------------------------------------- */

/* Minimise the quartic x^4 - 3x^2 + x from x = 2, lr 0.01, 2000 steps,
 * with the optimizer NAME; the end point. */
static double quartic_end(const char *name)
{
  nn_func f;
  nn_err err;
  ck_assert_int_eq(nn_func_parse("quartic", &f, &err), NN_OK);
  nn_optim *o = nn_optim_alloc(name, 1, NULL, &err);
  ck_assert_ptr_nonnull(o);
  double x = 2;
  nn_train_opts opts = {.epochs = 2000, .lr = 0.01};
  ck_assert_int_eq(nn_train_func(&f, &x, &opts, o, NULL, &err), NN_OK);
  nn_optim_free(o);
  return x;
}

START_TEST(momentum_passes_the_local_minimum)
{
  /* NOTES.md §3: gradient descent stops in the local minimum near 1.13;
   * momentum 0.9 carries on to the global one near -1.30 (roots of
   * 4x^3 - 6x + 1). */
  ck_assert_double_eq_tol(quartic_end("sgd"), 1.130901, 1e-6);
  ck_assert_double_eq_tol(quartic_end("momentum"), -1.3008396, 1e-6);
}
END_TEST

START_TEST(function_run_diverges_with_a_message)
{
  nn_func f;
  nn_err err;
  ck_assert_int_eq(nn_func_parse("quartic", &f, &err), NN_OK);
  nn_optim *o = nn_optim_alloc("sgd", 1, NULL, &err);
  double x = 2;
  nn_train_opts opts = {.epochs = 100, .lr = 1};
  ck_assert_int_eq(nn_train_func(&f, &x, &opts, o, NULL, &err), NN_EDATA);
  ck_assert_msg(strstr(err.msg, ": the loss is infinite; the run diverged: "
                       "try a smaller --lr (now 1)") != NULL, "%s", err.msg);
  ck_assert_msg(strncmp(err.msg, "step ", 5) == 0, "%s", err.msg);
  nn_optim_free(o);
}
END_TEST

START_TEST(bfgs_reaches_a_critical_point)
{
  /* A small tanh MLP on a few noisy rows, with L2 1e-3 so that the
   * minimum is strict (without it the units saturate: the loss keeps
   * falling towards infinite weights): the gradient goes below 1e-8. */
  nn_dataset *ds = noisy_line(20, 3);
  const size_t width[3] = {1, 3, 1};
  nn_model *m = new_model(2, width, NN_ACT_TANH, 1, NN_LOSS_MSE, 0);
  init(m, "xavier", 2);
  nn_objective o;
  nn_err err;
  ck_assert_int_eq(nn_objective_model(&o, m, ds, &err), NN_OK);
  o.l2 = 1e-3;
  nn_bfgs_result res;
  ck_assert_int_eq(nn_bfgs(&o, NULL, 2000, 1e-8, 0.1, NULL, NULL, &res, &err),
                   NN_OK);
  ck_assert_msg(res.converged, "gradient %g after %zu iterations",
                res.grad_norm, res.iterations);
  double loss, acc, g[10];
  ck_assert_int_eq(nn_evaluate(m, ds, &loss, &acc, g, NULL), NN_OK);
  for (size_t k = 0; k < m->nparams; k++)
    g[k] += 1e-3 * m->theta[k];
  ck_assert_double_le(norm(g, m->nparams), 1e-8);
  nn_model_free(m);
  nn_dataset_free(ds);
  /* Rosenbrock from (-1.2, 1): the minimum (1, 1). */
  nn_func f;
  ck_assert_int_eq(nn_func_parse("rosenbrock", &f, &err), NN_OK);
  double x[2] = {-1.2, 1};
  nn_objective_func(&o, &f, x);
  ck_assert_int_eq(nn_bfgs(&o, NULL, 1000, 1e-10, 0.01, NULL, NULL, &res, &err),
                   NN_OK);
  ck_assert(res.converged);
  ck_assert_double_eq_tol(x[0], 1, 1e-8);
  ck_assert_double_eq_tol(x[1], 1, 1e-8);
}
END_TEST

/* -- runner -------------------------------------------------------------- */

static Suite *train_suite(void)
{
  Suite *s = suite_create("train");
  TCase *tc = tcase_create("steps");
  tcase_add_test(tc, one_training_step_is_theta_minus_lr_g);
  tcase_add_test(tc, same_seed_same_parameters);
  tcase_add_test(tc, divergence_names_epoch_and_step);
  tcase_add_test(tc, dropout_gradient_matches_differences);
  tcase_add_test(tc, dropout_keeps_one_minus_p_scaled);
  tcase_add_test(tc, schedule_gives_each_step_its_rate);
  tcase_add_test(tc, trace_has_every_step_and_its_loss);
  tcase_add_test(tc, shuffle_is_gsl_ran_shuffle);
  tcase_add_test(tc, momentum_passes_the_local_minimum);
  tcase_add_test(tc, function_run_diverges_with_a_message);
  suite_add_tcase(s, tc);

  tc = tcase_create("stopping");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, early_stopping_keeps_the_best_epoch);
  tcase_add_test(tc, bfgs_reaches_a_critical_point);
  suite_add_tcase(s, tc);

  tc = tcase_create("log");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, log_rows_per_epoch);
  tcase_add_test(tc, log_rows_every_n_steps);
  suite_add_tcase(s, tc);

  tc = tcase_create("learning");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, linear_model_learns_2x_plus_1);
  tcase_add_test(tc, mlp_learns_xor);
  tcase_add_test(tc, mlp_learns_two_spirals);
  tcase_add_test(tc, evaluate_in_chunks_is_one_batch);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(train_suite());
}
