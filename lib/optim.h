/* optim.h -- optimizers: the update rules of NOTES.md §3-4.
 *
 * An optimizer turns a gradient into a step: nn_optim_step(o, theta, g, lr)
 * updates theta in place and keeps whatever state its rule needs.
 */
#ifndef NN_OPTIM_H
#define NN_OPTIM_H

#include <stddef.h>

#include "error.h"

typedef enum {
  NN_OPT_SGD  /* plain gradient descent: theta <- theta - lr g */
} nn_optim_kind;

typedef struct nn_optim {
  nn_optim_kind kind;  /* which rule */
  size_t n;            /* parameters */
  size_t t;            /* steps taken */
} nn_optim;

/* The optimizer NAME for N parameters; NULL and ERR (NN_EINVAL) for an
 * unknown name. */
nn_optim *nn_optim_alloc(const char *name, size_t n, nn_err *err);
void nn_optim_free(nn_optim *o);

/* One update of THETA with gradient G at learning rate LR. */
void nn_optim_step(nn_optim *o, double *theta, const double *g, double lr);

#endif
