/* optim.c -- optimizers: the update rules of NOTES.md §3-4. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "optim.h"

nn_optim *nn_optim_alloc(const char *name, size_t n, nn_err *err)
{
  if (strcmp(name, "sgd") != 0) {
    nn_err_set(err, NN_EINVAL, "--optimizer: unknown optimizer '%s' (sgd)",
               name);
    return NULL;
  }
  nn_optim *o = calloc(1, sizeof *o);
  if (o == NULL) {
    nn_err_set(err, NN_ENOMEM, "out of memory");
    return NULL;
  }
  o->kind = NN_OPT_SGD;
  o->n = n;
  return o;
}

void nn_optim_free(nn_optim *o) { free(o); }

void nn_optim_step(nn_optim *o, double *theta, const double *g, double lr)
{
  switch (o->kind) {
  case NN_OPT_SGD:  /* NOTES.md §3: theta^{t+1} = theta^t - eta g^t */
    for (size_t i = 0; i < o->n; i++)
      theta[i] -= lr * g[i];
    break;
  }
  o->t++;
}
