/* model.h -- a feed-forward network: its description, parameters, forward
 * and backward passes over a mini-batch (nn-model(5)).
 *
 * Layer l (1..L) computes a_l = f(a_{l-1} W_l^T + b_l) for a batch of rows
 * a_0 = X; hidden layers use the model's activation f, the output layer is
 * linear.  The flat parameter order is layer by layer, W_l row by row (one
 * row per output unit), then b_l; parameters are named W1[i,j], b1[i]
 * (1-based).
 */
#ifndef NN_MODEL_H
#define NN_MODEL_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>

#include "error.h"

typedef enum {
  NN_ACT_LINEAR, NN_ACT_RELU, NN_ACT_SIGMOID, NN_ACT_TANH
} nn_act;

typedef enum {
  NN_LOSS_MSE,          /* mean over rows of (yhat - y)^2 */
  NN_LOSS_XENT,         /* mean over rows of -ln softmax(z)_k */
  NN_LOSS_SOFTMAX_MSE   /* mean over rows of sum_j (softmax(z)_j - [j == k])^2 */
} nn_loss;

typedef struct nn_model {
  size_t nlayers;   /* weight layers L: the hidden layers and the output */
  size_t *width;    /* width[0] inputs, width[l] units of layer l; L+1 entries */
  nn_act act;       /* activation of the hidden layers */
  int bias;         /* layers have bias vectors */
  nn_loss loss;     /* what training minimises */
  size_t poly;      /* each input column enters as its powers 1..poly, in
                       that order, column by column: width[0] = columns x
                       poly (1: the columns themselves) */
  char **inputs;    /* names of the input columns (nn_model_ncolumns) */
  char *target;     /* name of the target column */
  size_t nclasses;  /* classifier: classes (= width[L]); 0 for regression */
  char **classes;   /* classifier: class labels in output order */
  double *shift;    /* the network's inputs (width[0], after the powers) */
  double *scale;    /*   are standardised as (x - shift) / scale, or both
                       NULL */
  size_t nparams;   /* parameters */
  double *theta;    /* parameters, flat in the documented order */
} nn_model;

/* Targets of a batch of rows: exactly one of the two is used. */
typedef struct nn_target {
  const double *y;    /* regression: one value per row */
  const size_t *cls;  /* classifier: class index per row */
} nn_target;

/* A model of the given shape (WIDTH has NLAYERS + 1 entries), parameters
 * zero, no names, no classes, no scaling, poly 1.  Its inputs array has
 * room for width[0] names (all NULL); a caller who sets poly > 1 uses the
 * first width[0] / poly of them.  NULL when out of memory. */
nn_model *nn_model_alloc(size_t nlayers, const size_t *width, nn_act act,
                         int bias, nn_loss loss);
void nn_model_free(nn_model *m);

/* The number of input columns the model reads: width[0] / poly. */
size_t nn_model_ncolumns(const nn_model *m);

/* Parse an architecture, "linear" or "mlp:H1,H2,...", into the hidden
 * widths *HIDDEN (free it; NULL for linear) and their number *NH. */
int nn_arch_parse(const char *s, size_t **hidden, size_t *nh, nn_err *err);

/* Offsets of W_l and b_l in theta (l from 1). */
size_t nn_model_weight_offset(const nn_model *m, size_t l);
size_t nn_model_bias_offset(const nn_model *m, size_t l);

/* Name of parameter K ("W2[3,1]", "b1[4]") into BUF. */
void nn_model_param_name(const nn_model *m, size_t k, char *buf, size_t size);

/* Names of the activations and losses as the tools and files spell them;
 * the parse functions return -1 for an unknown name. */
const char *nn_act_name(nn_act a);
int nn_act_parse(const char *s);
const char *nn_loss_name(nn_loss l);
int nn_loss_parse(const char *s);

/* Initial parameters: weights drawn by SCHEME, biases zero.  SCHEME is
 * "he" (N(0, 2/fan_in)), "xavier" (N(0, 2/(fan_in + fan_out))),
 * "normal:SIGMA" or "zeros".  NN_EINVAL for an unknown scheme. */
int nn_model_init(nn_model *m, const char *scheme, gsl_rng *rng, nn_err *err);

/* Buffers for batches of up to CAP rows, allocated once. */
typedef struct nn_work nn_work;
nn_work *nn_work_alloc(const nn_model *m, size_t cap);
void nn_work_free(nn_work *w);

/* Training passes through W drop each hidden unit with probability P
 * (inverted dropout, masks drawn from RNG); P = 0 turns it off.  NN_ENOMEM
 * when the masks cannot be allocated. */
int nn_work_set_dropout(nn_work *w, const nn_model *m, double p, gsl_rng *rng);

/* Forward pass of the N rows of X (N <= the work's capacity; X has
 * width[0] columns).  Returns the outputs (N x width[L]), valid until the
 * next call with W. */
gsl_matrix_view nn_model_forward(const nn_model *m, nn_work *w,
                                 const gsl_matrix *X);

/* The outputs of the last forward pass with W, its first N rows. */
gsl_matrix_view nn_model_forward_output(const nn_model *m, nn_work *w,
                                        size_t n);

/* Mean loss over the rows of X against T and, when GRAD is not NULL, its
 * gradient with respect to theta (nparams values). */
double nn_model_loss(const nn_model *m, nn_work *w, const gsl_matrix *X,
                     nn_target t, double *grad);

/* Loss of the row outputs Z (one row) against class K or value Y. */
double nn_loss_row(nn_loss loss, const double *z, size_t n, size_t k,
                   double y);

/* Its gradient with respect to Z (N values), times SCALE, into D. */
void nn_loss_row_grad(nn_loss loss, const double *z, size_t n, size_t k,
                      double y, double scale, double *d);

/* A = f(A) for the N values A: the activation of hidden layers. */
void nn_activate(nn_act act, double *a, size_t n);

#endif
