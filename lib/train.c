/* train.c -- the training loop: mini-batches, the optimizer, validation and
 * the training log.  NOTES.md §3: one epoch sees every row once; a batch of
 * B rows gives ceil(n / B) updates per epoch. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "hessian.h"
#include "loss.h"
#include "train.h"

#define EVAL_CHUNK 1024  /* rows per forward pass when evaluating */

/* Seconds since T0, to the microsecond. */
static double seconds_since(const struct timespec *t0)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  double s = (double) (t.tv_sec - t0->tv_sec) +
             1e-9 * (double) (t.tv_nsec - t0->tv_nsec);
  return round(s * 1e6) / 1e6;
}

/* Rows of the last forward pass (outputs in Z) whose largest output is
 * their class. */
static size_t count_correct(const gsl_matrix *Z, const size_t *cls)
{
  size_t correct = 0;
  for (size_t i = 0; i < Z->size1; i++)
    correct += nn_argmax(Z->data + i * Z->tda, Z->size2) == cls[i];
  return correct;
}

/* Shuffle IDX[0..N-1] exactly as gsl_ran_shuffle does -- Durstenfeld's
 * Fisher-Yates shuffle (Knuth, TAOCP vol. 2, 3.4.2, Algorithm P): for i from
 * n-1 down to 1, swap element i with element j = gsl_rng_uniform_int(rng,
 * i + 1) -- drawing the same numbers, so giving the same permutation, but
 * swapping size_t values instead of calling a byte-by-byte generic swap. */
static void shuffle(gsl_rng *rng, size_t *idx, size_t n)
{
  for (size_t i = n; i > 1; i--) {
    size_t j = gsl_rng_uniform_int(rng, i), t = idx[i - 1];
    idx[i - 1] = idx[j];
    idx[j] = t;
  }
}

static double norm(const double *v, size_t n)
{
  gsl_vector_const_view view = gsl_vector_const_view_array(v, n);
  return gsl_blas_dnrm2(&view.vector);
}

int nn_evaluate(const nn_model *m, const nn_dataset *ds, double *loss,
                double *acc, double *grad, nn_err *err)
{
  size_t chunk = ds->n < EVAL_CHUNK ? ds->n : EVAL_CHUNK, P = m->nparams;
  nn_work *w = nn_work_alloc(m, chunk);
  double *g = grad ? malloc(P * sizeof *g) : NULL;
  if (w == NULL || (grad && g == NULL)) {
    nn_work_free(w);
    free(g);
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  }
  if (grad)
    memset(grad, 0, P * sizeof *grad);
  double sum = 0;
  size_t correct = 0;
  for (size_t s = 0; s < ds->n; s += chunk) {
    size_t nb = ds->n - s < chunk ? ds->n - s : chunk;
    gsl_matrix_const_view X = gsl_matrix_const_view_array(ds->x + s * ds->d, nb, ds->d);
    nn_target t = {ds->y ? ds->y + s : NULL, ds->cls ? ds->cls + s : NULL};
    double l = nn_model_loss(m, w, &X.matrix, t, g);
    sum += l * (double) nb;
    if (g)  /* the mean over all rows: chunks weigh by their size */
      for (size_t k = 0; k < P; k++)
        grad[k] += g[k] * (double) nb / (double) ds->n;
    if (ds->cls) {
      gsl_matrix_view Z = nn_model_forward_output(m, w, nb);
      correct += count_correct(&Z.matrix, t.cls);
    }
  }
  *loss = sum / (double) ds->n;
  *acc = ds->cls ? (double) correct / (double) ds->n : NAN;
  nn_work_free(w);
  free(g);
  return NN_OK;
}

static char *xstrdup(const char *s)
{
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  return d ? memcpy(d, s, n) : NULL;
}

nn_model *nn_model_for_dataset(const nn_dataset *ds, const size_t *hidden,
                               size_t nh, nn_act act, int bias, nn_loss loss,
                               nn_err *err)
{
  if (loss != NN_LOSS_MSE && ds->nclasses < 2) {
    nn_err_at(err, NN_EDATA, ds->file, 0, "target '%s' has only one class "
              "('%s'); a classifier needs two or more", ds->target,
              ds->classes[0]);
    return NULL;
  }
  size_t *width = malloc((nh + 2) * sizeof *width);
  if (width == NULL) {
    nn_err_set(err, NN_ENOMEM, "out of memory");
    return NULL;
  }
  width[0] = ds->d;
  for (size_t l = 0; l < nh; l++)
    width[l + 1] = hidden[l];
  width[nh + 1] = loss == NN_LOSS_MSE ? 1 : ds->nclasses;
  /* Without hidden layers no activation applies: the file says linear. */
  nn_model *m = nn_model_alloc(nh + 1, width, nh ? act : NN_ACT_LINEAR, bias,
                               loss);
  free(width);
  int ok = m != NULL && (m->target = xstrdup(ds->target)) != NULL;
  if (ok)  /* the data set's powers of its columns: the model's inputs */
    m->poly = ds->poly > 1 ? ds->poly : 1;
  for (size_t j = 0; ok && j < nn_dataset_ncolumns(ds); j++)
    ok = (m->inputs[j] = xstrdup(ds->names[j])) != NULL;
  if (ok && loss != NN_LOSS_MSE) {
    ok = (m->classes = calloc(ds->nclasses, sizeof *m->classes)) != NULL;
    m->nclasses = ok ? ds->nclasses : 0;
    for (size_t k = 0; ok && k < ds->nclasses; k++)
      ok = (m->classes[k] = xstrdup(ds->classes[k])) != NULL;
  }
  if (!ok) {
    nn_model_free(m);
    nn_err_set(err, NN_ENOMEM, "out of memory");
    return NULL;
  }
  return m;
}

/* Columns of the log, in order; which of them a run writes. */
enum { C_EPOCH, C_STEP, C_LR, C_LOSS, C_GRAD, C_VLOSS, C_ACC, C_VACC,
       C_BEST, C_SEC, C_N };
static const char *log_names[C_N] = {"epoch", "step", "lr", "loss", "grad_norm",
  "valid_loss", "accuracy", "valid_accuracy", "best_epoch", "seconds"};

static void log_header(nn_writer *log, const int *on)
{
  for (int c = 0; c < C_N; c++)
    if (on[c])
      nn_writer_string(log, log_names[c]);
  nn_writer_end(log);
}

static void log_row(nn_writer *log, const int *on, const double *v)
{
  for (int c = 0; c < C_N; c++)
    if (on[c])
      nn_writer_number(log, v[c]);
  nn_writer_end(log);
}

/* The trace: a header "step loss NAME..." for the parameters of O. */
static void trace_header(nn_writer *trace, const nn_objective *o)
{
  char name[64];
  nn_writer_string(trace, "step");
  nn_writer_string(trace, "loss");
  for (size_t k = 0; k < o->n; k++) {
    nn_objective_param_name(o, k, name, sizeof name);
    nn_writer_string(trace, name);
  }
  nn_writer_end(trace);
}

static void trace_row(nn_writer *trace, size_t step, double loss,
                      const double *theta, size_t n)
{
  nn_writer_number(trace, (double) step);
  nn_writer_number(trace, loss);
  for (size_t k = 0; k < n; k++)
    nn_writer_number(trace, theta[k]);
  nn_writer_end(trace);
}

/* The rate of step STEP (from 1). */
static double step_lr(const nn_train_opts *o, size_t step)
{
  return o->schedule ? nn_schedule_lr(o->schedule, o->lr, step) : o->lr;
}

/* The Euclidean norm of V[0..N-1] as a sum of squares in eight interleaved
 * partial sums (a loop the compiler vectorises; OpenBLAS's dnrm2 scales
 * every element to avoid overflow, in slow x87 code on some CPUs).  Where
 * the squares overflow or underflow, gsl_blas_dnrm2's scaled sum. */
static double fast_norm(const double *v, size_t n)
{
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  size_t k = 0;
  for (; k + 8 <= n; k += 8) {
    const double *x = v + k;
    s0 += x[0] * x[0]; s1 += x[1] * x[1]; s2 += x[2] * x[2];
    s3 += x[3] * x[3]; s4 += x[4] * x[4]; s5 += x[5] * x[5];
    s6 += x[6] * x[6]; s7 += x[7] * x[7];
  }
  double ss = ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
  for (; k < n; k++)
    ss += v[k] * v[k];
  return ss >= DBL_MIN && ss <= DBL_MAX ? sqrt(ss) : norm(v, n);
}

/* Norm of the gradient the optimizer follows: G, plus wd THETA when the
 * optimizer adds L2 weight decay to the gradient (adamw decouples it). */
static double follow_norm(const nn_optim *opt, const double *g,
                          const double *theta, size_t n)
{
  double wd = opt->kind == NN_OPT_ADAMW ? 0 : opt->p.weight_decay;
  if (!(wd > 0))
    return fast_norm(g, n);
  double ss = 0;
  for (size_t k = 0; k < n; k++) {
    double gk = g[k] + wd * theta[k];
    ss += gk * gk;
  }
  return sqrt(ss);
}

/* NN_EDATA for a step whose loss or gradient norm is not finite. */
static int diverged(nn_err *err, const char *where, double loss, double gn,
                    double lr)
{
  double bad = isfinite(loss) ? gn : loss;
  return nn_err_set(err, NN_EDATA, "%s: the %s is %s; the run diverged: "
                    "try a smaller --lr (now %g)", where,
                    isfinite(loss) ? "gradient" : "loss",
                    isnan(bad) ? "nan" : "infinite", lr);
}

int nn_train(nn_model *m, const nn_dataset *train, const nn_dataset *valid,
             const nn_train_opts *o, nn_optim *opt, gsl_rng *rng,
             nn_writer *log, nn_err *err)
{
  size_t n = train->n, d = train->d, P = m->nparams;
  size_t B = o->batch == 0 || o->batch > n ? n : o->batch;
  int classify = train->cls != NULL, stopping = o->patience > 0 && valid;
  int on[C_N] = {1, 1, 1, 1, 1, valid != NULL, classify, classify && valid,
                 stopping, 1};
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  nn_objective obj;
  nn_objective_model(&obj, m, train, NULL);

  nn_work *w = nn_work_alloc(m, B);
  size_t *idx = malloc(n * sizeof *idx);
  double *grad = malloc((P ? P : 1) * sizeof *grad);
  double *best = stopping ? malloc((P ? P : 1) * sizeof *best) : NULL;
  gsl_matrix *Xb = gsl_matrix_alloc(B, d);
  double *yb = malloc(B * sizeof *yb);
  size_t *cb = malloc(B * sizeof *cb);
  int status = NN_OK;
  if (!w || !idx || !grad || !Xb || !yb || !cb || (stopping && !best) ||
      nn_work_set_dropout(w, m, o->dropout, rng) != NN_OK) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < n; i++)
    idx[i] = i;

  /* Row 0: the initial model on all the data. */
  double v[C_N] = {0}, acc;
  if ((status = nn_evaluate(m, train, &v[C_LOSS], &v[C_ACC], grad, err)))
    goto done;
  v[C_LR] = step_lr(o, 1);
  v[C_GRAD] = follow_norm(opt, grad, m->theta, P);
  if (valid && (status = nn_evaluate(m, valid, &v[C_VLOSS], &v[C_VACC], NULL, err)))
    goto done;
  double best_loss = v[C_VLOSS];
  size_t best_epoch = 0;
  if (stopping)
    memcpy(best, m->theta, P * sizeof *best);
  v[C_SEC] = seconds_since(&t0);
  if (log) {
    log_header(log, on);
    log_row(log, on, v);
  }
  if (o->trace) {
    trace_header(o->trace, &obj);
    trace_row(o->trace, 0, v[C_LOSS], m->theta, P);
  }

  size_t step = 0, since = 0, rows = 0, correct = 0;
  double loss_sum = 0, grad_sum = 0;
  for (size_t epoch = 1; epoch <= o->epochs; epoch++) {
    if (o->shuffle)
      shuffle(rng, idx, n);
    for (size_t s = 0; s < n; s += B) {
      size_t nb = n - s < B ? n - s : B;
      gsl_matrix_view X = gsl_matrix_submatrix(Xb, 0, 0, nb, d);
      nn_dataset_gather(train, idx + s, nb, &X.matrix, yb, cb);
      nn_target t = {train->y ? yb : NULL, train->cls ? cb : NULL};
      double loss = nn_model_loss(m, w, &X.matrix, t, grad);
      double gn = follow_norm(opt, grad, m->theta, P), lr = step_lr(o, ++step);
      if (!isfinite(loss) || !isfinite(gn)) {
        char where[64];
        snprintf(where, sizeof where, "epoch %zu, step %zu", epoch, step);
        status = diverged(err, where, loss, gn, lr);
        goto done;
      }
      if (classify) {
        gsl_matrix_view Z = nn_model_forward_output(m, w, nb);
        correct += count_correct(&Z.matrix, cb);
      }
      nn_optim_step(opt, m->theta, grad, lr);
      if (o->trace) {
        double after;
        if ((status = nn_evaluate(m, train, &after, &acc, NULL, err)))
          goto done;
        trace_row(o->trace, step, after, m->theta, P);
      }
      loss_sum += loss;
      grad_sum += gn;
      rows += nb;
      since++;
      int last = s + nb == n;
      /* A row at the end of every epoch, or every log_every steps and
       * after the last step. */
      int row = o->log_every ? step % o->log_every == 0 ||
                               (last && epoch == o->epochs)
                             : last;
      if (row || (last && stopping)) {
        if (valid && (status = nn_evaluate(m, valid, &v[C_VLOSS], &v[C_VACC],
                                           NULL, err)))
          goto done;
      }
      if (last && stopping && v[C_VLOSS] < best_loss) {
        best_loss = v[C_VLOSS];
        best_epoch = epoch;
        memcpy(best, m->theta, P * sizeof *best);
      }
      /* Early stopping (Prechelt 1998): no better valid_loss for PATIENCE
       * epochs; keep the best epoch's parameters.  A last row shows where
       * it stopped. */
      int stop = last && stopping && epoch - best_epoch >= o->patience;
      if (row || stop) {
        v[C_EPOCH] = (double) epoch;
        v[C_STEP] = (double) step;
        v[C_LR] = lr;
        v[C_LOSS] = loss_sum / (double) since;
        v[C_GRAD] = grad_sum / (double) since;
        v[C_ACC] = (double) correct / (double) rows;
        v[C_BEST] = (double) best_epoch;
        v[C_SEC] = seconds_since(&t0);
        if (log)
          log_row(log, on, v);
        if (o->progress)
          o->progress(o->ctx, epoch, o->epochs, v[C_LOSS]);
        since = rows = correct = 0;
        loss_sum = grad_sum = 0;
      }
      if (stop)
        goto done;
    }
  }
done:
  if (status == NN_OK && stopping)
    memcpy(m->theta, best, P * sizeof *best);
  nn_work_free(w);
  free(idx);
  free(grad);
  free(best);
  if (Xb)
    gsl_matrix_free(Xb);
  free(yb);
  free(cb);
  return status;
}

int nn_train_func(const nn_func *f, double *x, const nn_train_opts *o,
                  nn_optim *opt, nn_writer *log, nn_err *err)
{
  int on[C_N] = {0, 1, 1, 1, 1, 0, 0, 0, 0, 1};
  size_t n = f->n;
  double g[2], v[C_N] = {0};  /* functions have at most two parameters */
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  nn_objective obj;
  nn_objective_func(&obj, f, x);
  v[C_LOSS] = nn_func_eval(f, x, g, NULL);
  v[C_GRAD] = follow_norm(opt, g, x, n);
  v[C_LR] = step_lr(o, 1);
  if (log) {
    log_header(log, on);
    log_row(log, on, v);
  }
  if (o->trace) {
    trace_header(o->trace, &obj);
    trace_row(o->trace, 0, v[C_LOSS], x, n);
  }
  for (size_t step = 1; step <= o->epochs; step++) {
    double loss = nn_func_eval(f, x, g, NULL);
    double gn = follow_norm(opt, g, x, n), lr = step_lr(o, step);
    if (!isfinite(loss) || !isfinite(gn)) {
      char where[32];
      snprintf(where, sizeof where, "step %zu", step);
      return diverged(err, where, loss, gn, lr);
    }
    nn_optim_step(opt, x, g, lr);
    /* Each step is a row: the loss and gradient it started from. */
    v[C_STEP] = (double) step;
    v[C_LR] = lr;
    v[C_LOSS] = loss;
    v[C_GRAD] = gn;
    v[C_SEC] = seconds_since(&t0);
    if (log && (o->log_every ? step % o->log_every == 0 || step == o->epochs
                             : 1))
      log_row(log, on, v);
    if (o->trace)
      trace_row(o->trace, step, nn_func_eval(f, x, NULL, NULL), x, n);
    if (o->progress && step % 1000 == 0)
      o->progress(o->ctx, step, o->epochs, loss);
  }
  return NN_OK;
}

/* -- BFGS through GSL multimin ------------------------------------------------ */

#define NEWTON_MAX_PARAMS 1000  /* Newton polish: at most this many
                                   parameters (an n x n eigensystem) */
#define NEWTON_STEPS 20         /* and at most this many steps */

/* What the multimin callbacks need. */
typedef struct {
  nn_objective *o;  /* the loss */
  nn_err *err;      /* the first error met */
  int status;       /* and its status */
} bfgs_ctx;

static double bfgs_f(const gsl_vector *x, void *p)
{
  bfgs_ctx *c = p;
  double loss;
  memcpy(c->o->theta, x->data, c->o->n * sizeof *x->data);
  if (c->status == NN_OK)
    c->status = nn_objective_value(c->o, &loss, NULL, c->err);
  return c->status == NN_OK ? loss : NAN;
}

static void bfgs_fdf(const gsl_vector *x, void *p, double *f, gsl_vector *g)
{
  bfgs_ctx *c = p;
  memcpy(c->o->theta, x->data, c->o->n * sizeof *x->data);
  if (c->status == NN_OK)
    c->status = nn_objective_value(c->o, f, g->data, c->err);
  if (c->status != NN_OK)
    *f = NAN;
}

static void bfgs_df(const gsl_vector *x, void *p, gsl_vector *g)
{
  double f;
  bfgs_fdf(x, p, &f, g);
}

/* One Newton step from o->theta, where the gradient is G: theta - H^+ g
 * with H's pseudo-inverse (eigenvalues below 1e-12 max|lambda| dropped, so
 * flat directions stay put), taken only when it shrinks the gradient norm
 * (*BETTER; then G and *GNORM are the new gradient and its norm).  Newton
 * steps go to the nearest critical point of any kind, which is what a
 * polish after BFGS wants. */
static int newton_step(nn_objective *o, double *g, double *gnorm, int *better,
                       nn_err *err)
{
  size_t n = o->n;
  int status = NN_OK;
  *better = 0;
  gsl_matrix *H = gsl_matrix_alloc(n, n), *U = gsl_matrix_alloc(n, n);
  gsl_vector *lam = gsl_vector_alloc(n);
  gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(n);
  double *keep = malloc(n * sizeof *keep), *g1 = malloc(n * sizeof *g1);
  if (!H || !U || !lam || !ws || !keep || !g1) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  if ((status = nn_hessian_full(o, H, NULL, err)))
    goto done;
  if (gsl_eigen_symmv(H, lam, U, ws) != GSL_SUCCESS) {
    status = nn_err_set(err, NN_EDATA, "bfgs: the Hessian's eigensystem "
                        "did not converge");
    goto done;
  }
  double big = 0;
  for (size_t i = 0; i < n; i++)
    big = fmax(big, fabs(lam->data[i]));
  memcpy(keep, o->theta, n * sizeof *keep);
  for (size_t i = 0; i < n; i++) {  /* theta -= sum_i u_i (u_i . g) / l_i */
    double l = lam->data[i], ug = 0;
    if (!(fabs(l) > 1e-12 * big))
      continue;
    for (size_t k = 0; k < n; k++)
      ug += gsl_matrix_get(U, k, i) * g[k];
    for (size_t k = 0; k < n; k++)
      o->theta[k] -= gsl_matrix_get(U, k, i) * ug / l;
  }
  double loss;
  if ((status = nn_objective_value(o, &loss, g1, err)))
    goto done;
  double gn = norm(g1, n);
  if (isfinite(loss) && gn < *gnorm) {
    *better = 1;
    *gnorm = gn;
    memcpy(g, g1, n * sizeof *g);
  } else {
    memcpy(o->theta, keep, n * sizeof *keep);
  }
done:
  if (H) gsl_matrix_free(H);
  if (U) gsl_matrix_free(U);
  if (lam) gsl_vector_free(lam);
  if (ws) gsl_eigen_symmv_free(ws);
  free(keep);
  free(g1);
  return status;
}

/* Where a BFGS run's rows go. */
typedef struct {
  const int *on;            /* the log's columns */
  nn_writer *log, *trace;   /* the log and the trace, or NULL */
  struct timespec t0;       /* the start, for the seconds column */
  double grad_tol;          /* the tolerance that ends the run */
} bfgs_rows;

/* The row of iteration IT at o->theta, whose gradient norm is v[C_GRAD]:
 * the data loss (without the L2 term), the validation columns, the log and
 * trace rows, and RES. */
static int bfgs_row(nn_objective *o, const nn_dataset *valid, size_t it,
                    double *v, const bfgs_rows *r, nn_bfgs_result *res,
                    nn_err *err)
{
  int status;
  if (!o->m)
    v[C_LOSS] = nn_func_eval(o->f, o->theta, NULL, NULL);
  else if ((status = nn_evaluate(o->m, o->ds, &v[C_LOSS], &v[C_ACC], NULL,
                                 err)))
    return status;
  if (valid && (status = nn_evaluate(o->m, valid, &v[C_VLOSS], &v[C_VACC],
                                     NULL, err)))
    return status;
  v[C_EPOCH] = v[C_STEP] = (double) it;
  v[C_SEC] = seconds_since(&r->t0);
  if (r->log)
    log_row(r->log, r->on, v);
  if (r->trace)
    trace_row(r->trace, it, v[C_LOSS], o->theta, o->n);
  res->iterations = it;
  res->grad_norm = v[C_GRAD];
  res->converged = v[C_GRAD] <= r->grad_tol;
  return NN_OK;
}

int nn_bfgs(nn_objective *o, const nn_dataset *valid, size_t maxit,
            double grad_tol, double step, nn_writer *log, nn_writer *trace,
            nn_bfgs_result *res, nn_err *err)
{
  size_t n = o->n;
  int classify = o->m && o->ds->cls != NULL;
  int on[C_N] = {o->m != NULL, 1, 0, 1, 1, valid != NULL, classify,
                 classify && valid, 0, 1};
  double v[C_N] = {0};
  bfgs_rows r = {on, log, trace, {0, 0}, grad_tol};
  clock_gettime(CLOCK_MONOTONIC, &r.t0);
  memset(res, 0, sizeof *res);
  if (n == 0)
    return nn_err_set(err, NN_EINVAL, "--optimizer bfgs: the model has no "
                      "parameters");
  bfgs_ctx c = {o, err, NN_OK};
  gsl_multimin_function_fdf fn = {bfgs_f, bfgs_df, bfgs_fdf, n, &c};
  gsl_multimin_fdfminimizer *s =
    gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, n);
  gsl_vector *x0 = gsl_vector_alloc(n);
  int status = NN_OK;
  if (s == NULL || x0 == NULL) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  memcpy(x0->data, o->theta, n * sizeof *o->theta);
  /* The line-search tolerance 0.1 is what GSL's manual advises for BFGS. */
  gsl_multimin_fdfminimizer_set(s, &fn, x0, step, 0.1);
  int stalled = 0;
  for (size_t it = 0;; it++) {
    if (c.status != NN_OK) {
      status = c.status;
      goto done;
    }
    memcpy(o->theta, s->x->data, n * sizeof *o->theta);
    v[C_GRAD] = gsl_blas_dnrm2(s->gradient);
    if (!isfinite(s->f) || !isfinite(v[C_GRAD])) {
      char where[32];
      snprintf(where, sizeof where, "iteration %zu", it);
      status = nn_err_set(err, NN_EDATA, "%s: the %s is %s; bfgs cannot go "
                          "on from here", where,
                          isfinite(s->f) ? "gradient" : "loss",
                          isnan(isfinite(s->f) ? v[C_GRAD] : s->f)
                          ? "nan" : "infinite");
      goto done;
    }
    if (it == 0) {
      if (log)
        log_header(log, on);
      if (trace)
        trace_header(trace, o);
    }
    if ((status = bfgs_row(o, valid, it, v, &r, res, err)))
      goto done;
    if (res->converged || it == maxit)
      break;
    int gs = gsl_multimin_fdfminimizer_iterate(s);
    if (c.status != NN_OK) {
      status = c.status;
      goto done;
    }
    /* GSL_ENOPROG: the line search found no lower point.  Near a critical
     * point that is rounding: the loss no longer resolves the steps
     * (changes of 1e-16 |L|) while the gradient is still above the
     * tolerance.  Newton steps on the exact Hessian take it from there. */
    if (gs != GSL_SUCCESS) {
      stalled = 1;
      break;
    }
  }
  memcpy(o->theta, s->x->data, n * sizeof *o->theta);
  if (stalled && !res->converged && n <= NEWTON_MAX_PARAMS) {
    double *g = malloc(n * sizeof *g);
    if (g == NULL) {
      status = nn_err_set(err, NN_ENOMEM, "out of memory");
      goto done;
    }
    memcpy(g, s->gradient->data, n * sizeof *g);
    for (size_t k = 1; k <= NEWTON_STEPS && !res->converged &&
                       res->iterations < maxit && status == NN_OK; k++) {
      size_t it = res->iterations + 1;
      int better;
      if ((status = newton_step(o, g, &v[C_GRAD], &better, err)) || !better)
        break;
      if ((status = bfgs_row(o, valid, it, v, &r, res, err)))
        break;
    }
    free(g);
  }
done:
  if (s != NULL && status != NN_OK)
    memcpy(o->theta, s->x->data, n * sizeof *o->theta);
  if (s != NULL)
    gsl_multimin_fdfminimizer_free(s);
  if (x0 != NULL)
    gsl_vector_free(x0);
  return status;
}

int nn_gradcheck(nn_model *m, const nn_dataset *ds, double floor,
                 double *worst, size_t *which, nn_err *err)
{
  size_t P = m->nparams;
  double *g = malloc((P ? P : 1) * sizeof *g), loss, acc;
  if (g == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  int status = nn_evaluate(m, ds, &loss, &acc, g, err);
  *worst = 0;
  *which = 0;
  for (size_t k = 0; status == NN_OK && k < P; k++) {
    /* h = 1e-3: the extrapolated difference errs by O(h^4) (truncation)
     * plus O(eps |L| / h) (rounding); 1e-3 balances the two (1e-4 left
     * about 2e-12 |L| of rounding: a relative error of 2e-6 on components
     * near the floor 1e-6 of --gradcheck). */
    double t = m->theta[k], h = 1e-3 * (fabs(t) > 1 ? fabs(t) : 1), f[4];
    static const double at[4] = {-1, 1, -0.5, 0.5};  /* steps, times h */
    for (int i = 0; i < 4 && status == NN_OK; i++) {
      m->theta[k] = t + at[i] * h;
      status = nn_evaluate(m, ds, &f[i], &acc, NULL, err);
    }
    m->theta[k] = t;
    /* Central differences D(h), D(h/2); Richardson: (4 D(h/2) - D(h)) / 3
     * cancels the h^2 error term. */
    double dh = (f[1] - f[0]) / (2 * h), dh2 = (f[3] - f[2]) / h;
    double fd = (4 * dh2 - dh) / 3;
    double scale = fmax(fmax(fabs(g[k]), fabs(fd)), floor);
    double rel = fabs(g[k] - fd) / scale;
    if (rel > *worst || isnan(rel)) {
      *worst = rel;
      *which = k;
    }
  }
  free(g);
  return status;
}
