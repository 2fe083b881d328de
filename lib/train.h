/* train.h -- the training loop: mini-batches, the optimizer, validation and
 * the training log (nn-train(1), "LOG"). */
#ifndef NN_TRAIN_H
#define NN_TRAIN_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

#include "dataset.h"
#include "error.h"
#include "model.h"
#include "optim.h"
#include "table.h"

typedef struct nn_train_opts {
  size_t epochs;     /* passes over the training rows */
  size_t batch;      /* rows per step; 0 for the full batch */
  double lr;         /* learning rate */
  int shuffle;       /* reshuffle the rows before every epoch */
  size_t log_every;  /* a log row every this many steps; 0: every epoch */
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
