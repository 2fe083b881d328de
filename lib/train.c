/* train.c -- the training loop: mini-batches, the optimizer, validation and
 * the training log.  NOTES.md §3: one epoch sees every row once; a batch of
 * B rows gives ceil(n / B) updates per epoch. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>

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
  for (size_t j = 0; ok && j < ds->d; j++)
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

/* Columns of the log, in order; which of them this run writes. */
enum { C_EPOCH, C_STEP, C_LR, C_LOSS, C_GRAD, C_VLOSS, C_ACC, C_VACC, C_SEC, C_N };
static const char *log_names[C_N] = {"epoch", "step", "lr", "loss", "grad_norm",
  "valid_loss", "accuracy", "valid_accuracy", "seconds"};

static void log_row(nn_writer *log, const int *on, const double *v)
{
  for (int c = 0; c < C_N; c++)
    if (on[c])
      nn_writer_number(log, v[c]);
  nn_writer_end(log);
}

int nn_train(nn_model *m, const nn_dataset *train, const nn_dataset *valid,
             const nn_train_opts *o, nn_optim *opt, gsl_rng *rng,
             nn_writer *log, nn_err *err)
{
  size_t n = train->n, d = train->d, P = m->nparams;
  size_t B = o->batch == 0 || o->batch > n ? n : o->batch;
  int classify = train->cls != NULL;
  int on[C_N] = {1, 1, 1, 1, 1, valid != NULL, classify, classify && valid, 1};
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);

  nn_work *w = nn_work_alloc(m, B);
  size_t *idx = malloc(n * sizeof *idx);
  double *grad = malloc((P ? P : 1) * sizeof *grad);
  gsl_matrix *Xb = gsl_matrix_alloc(B, d);
  double *yb = malloc(B * sizeof *yb);
  size_t *cb = malloc(B * sizeof *cb);
  int status = NN_OK;
  if (!w || !idx || !grad || !Xb || !yb || !cb) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < n; i++)
    idx[i] = i;

  double v[C_N] = {0};
  if (log) {  /* the header, and row 0: the initial model on all the data */
    for (int c = 0; c < C_N; c++)
      if (on[c])
        nn_writer_string(log, log_names[c]);
    nn_writer_end(log);
    if ((status = nn_evaluate(m, train, &v[C_LOSS], &v[C_ACC], grad, err)))
      goto done;
    v[C_LR] = o->lr;
    v[C_GRAD] = norm(grad, P);
    if (valid && (status = nn_evaluate(m, valid, &v[C_VLOSS], &v[C_VACC], NULL, err)))
      goto done;
    v[C_SEC] = seconds_since(&t0);
    log_row(log, on, v);
  }

  size_t step = 0, since = 0, rows = 0, correct = 0;
  double loss_sum = 0, grad_sum = 0;
  for (size_t epoch = 1; epoch <= o->epochs; epoch++) {
    if (o->shuffle)
      gsl_ran_shuffle(rng, idx, n, sizeof *idx);
    for (size_t s = 0; s < n; s += B) {
      size_t nb = n - s < B ? n - s : B;
      gsl_matrix_view X = gsl_matrix_submatrix(Xb, 0, 0, nb, d);
      nn_dataset_gather(train, idx + s, nb, &X.matrix, yb, cb);
      nn_target t = {train->y ? yb : NULL, train->cls ? cb : NULL};
      double loss = nn_model_loss(m, w, &X.matrix, t, grad);
      double gn = norm(grad, P);
      step++;
      if (!isfinite(loss) || !isfinite(gn)) {
        status = nn_err_set(err, NN_EDATA,
                            "epoch %zu, step %zu: the %s is %s; the run "
                            "diverged: try a smaller --lr (now %g)", epoch,
                            step, isfinite(loss) ? "gradient" : "loss",
                            isnan(isfinite(loss) ? gn : loss) ? "nan" : "infinite",
                            o->lr);
        goto done;
      }
      if (classify) {
        gsl_matrix_view Z = nn_model_forward_output(m, w, nb);
        correct += count_correct(&Z.matrix, cb);
      }
      nn_optim_step(opt, m->theta, grad, o->lr);
      loss_sum += loss;
      grad_sum += gn;
      rows += nb;
      since++;
      int last = s + nb == n;
      /* A row at the end of every epoch, or every log_every steps and
       * after the last step. */
      if (o->log_every ? step % o->log_every == 0 || (last && epoch == o->epochs)
                       : last) {
        v[C_EPOCH] = (double) epoch;
        v[C_STEP] = (double) step;
        v[C_LR] = o->lr;
        v[C_LOSS] = loss_sum / (double) since;
        v[C_GRAD] = grad_sum / (double) since;
        v[C_ACC] = (double) correct / (double) rows;
        if (valid && (status = nn_evaluate(m, valid, &v[C_VLOSS], &v[C_VACC], NULL, err)))
          goto done;
        v[C_SEC] = seconds_since(&t0);
        if (log)
          log_row(log, on, v);
        if (o->progress)
          o->progress(o->ctx, epoch, o->epochs, v[C_LOSS]);
        since = rows = correct = 0;
        loss_sum = grad_sum = 0;
      }
    }
  }
done:
  nn_work_free(w);
  free(idx);
  free(grad);
  if (Xb)
    gsl_matrix_free(Xb);
  free(yb);
  free(cb);
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
