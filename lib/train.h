/* train.h -- the training loop: mini-batches, the optimizer, validation and
 * the training log (nn-train(1), "LOG"). */
#ifndef NN_TRAIN_H
#define NN_TRAIN_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

#include "dataset.h"
#include "error.h"
#include "func.h"
#include "model.h"
#include "objective.h"
#include "optim.h"
#include "table.h"

typedef struct nn_train_opts {
  size_t epochs;     /* passes over the training rows (functions: steps) */
  size_t batch;      /* rows per step; 0 for the full batch */
  double lr;         /* base learning rate */
  const nn_schedule *schedule;  /* rate of each step; NULL: constant */
  int shuffle;       /* reshuffle the rows before every epoch */
  size_t log_every;  /* a log row every this many steps; 0: every epoch */
  double dropout;    /* dropout rate of the hidden units while training */
  size_t patience;   /* stop after this many epochs without a better
                        valid_loss and keep the best epoch's parameters;
                        0: no early stopping (needs a validation set) */
  nn_writer *trace;  /* step, loss and every parameter after each update,
                        or NULL */
  /* Called after every log row when not NULL (progress reports). */
  void (*progress)(void *ctx, size_t epoch, size_t epochs, double loss);
  void *ctx;         /* passed to progress */
} nn_train_opts;

/* A model for DS: inputs and target named as its columns, its classes,
 * hidden layers of the NH widths HIDDEN, parameters zero. */
nn_model *nn_model_for_dataset(const nn_dataset *ds, const size_t *hidden,
                               size_t nh, nn_act act, int bias, nn_loss loss,
                               nn_err *err);

/* Train M on TRAIN (and report on VALID, which may be NULL), writing the
 * log to LOG (may be NULL).  A non-finite loss or gradient stops the run
 * with NN_EDATA and a message naming the epoch and step. */
int nn_train(nn_model *m, const nn_dataset *train, const nn_dataset *valid,
             const nn_train_opts *opts, nn_optim *opt, gsl_rng *rng,
             nn_writer *log, nn_err *err);

/* Minimise the built-in function F from the point X (updated in place):
 * OPTS->epochs steps of OPT, logging step, lr, loss, grad_norm and seconds
 * to LOG (may be NULL), the path to OPTS->trace. */
int nn_train_func(const nn_func *f, double *x, const nn_train_opts *opts,
                  nn_optim *opt, nn_writer *log, nn_err *err);

/* How a BFGS run ended. */
typedef struct nn_bfgs_result {
  size_t iterations;  /* iterations made */
  double grad_norm;   /* gradient norm at the end */
  int converged;      /* grad_norm <= the tolerance */
} nn_bfgs_result;

/* Minimise O (a model over all its rows, or a function) with GSL's
 * multimin vector_bfgs2 from o->theta (updated in place), for at most
 * MAXIT iterations or until the gradient norm is <= GRAD_TOL; STEP is the
 * first trial step.  Logs a row per iteration (epoch, step, loss,
 * grad_norm, validation columns when VALID is not NULL, seconds) to LOG and
 * the path to TRACE (either may be NULL).  When the line search stalls
 * with the gradient still above GRAD_TOL (near a critical point the loss
 * no longer resolves its steps) and there are at most 1000 parameters,
 * Newton steps on the exact Hessian (pseudo-inverse; each kept only if it
 * shrinks the gradient norm) finish the job; they are logged as further
 * iterations.  Stopping short of GRAD_TOL is not an error: RES says where
 * it stopped. */
int nn_bfgs(nn_objective *o, const nn_dataset *valid, size_t maxit,
            double grad_tol, double step, nn_writer *log, nn_writer *trace,
            nn_bfgs_result *res, nn_err *err);

/* Mean loss of M over DS (in chunks), the share of rows classified right
 * (classifiers; else NAN) into *ACC, and when GRAD is not NULL the gradient
 * of the mean loss. */
int nn_evaluate(const nn_model *m, const nn_dataset *ds, double *loss,
                double *acc, double *grad, nn_err *err);

/* Worst relative difference between the backprop gradient of the mean loss
 * over DS and central finite differences (Richardson-extrapolated), over
 * every parameter; *WHICH gets its index.  The difference is relative to
 * max(|g|, |fd|, FLOOR): components smaller than FLOOR count absolutely. */
int nn_gradcheck(nn_model *m, const nn_dataset *ds, double floor,
                 double *worst, size_t *which, nn_err *err);

#endif
