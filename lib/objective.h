/* objective.h -- what is minimised, seen from outside: a loss of n
 * parameters with its gradient and Hessian-vector products.  Either a
 * model's mean loss over a data set (all rows: the full batch) or a
 * built-in function.  nn-train's bfgs and --function runs and nn-hessian
 * work through it, so they treat both kinds alike.
 */
#ifndef NN_OBJECTIVE_H
#define NN_OBJECTIVE_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>

#include "dataset.h"
#include "error.h"
#include "func.h"
#include "model.h"

typedef struct nn_objective {
  size_t n;          /* parameters */
  double *theta;     /* the current point (n): the model's theta, or the
                        function's point; owned by the caller */
  double l2;         /* L2 coefficient: adds l2/2 |theta|^2 to the loss */
  nn_model *m;       /* a model on data: the model, */
  const nn_dataset *ds;  /*   and its rows; */
  const nn_func *f;  /* or a built-in function (m and ds NULL) */
  void *work;        /* buffers for the model's passes, or NULL */
} nn_objective;

/* The mean loss of M over DS at M's parameters (o->theta = m->theta). */
int nn_objective_model(nn_objective *o, nn_model *m, const nn_dataset *ds,
                       nn_err *err);

/* The function F at the point X (F->n values, used in place). */
void nn_objective_func(nn_objective *o, const nn_func *f, double *x);

void nn_objective_free(nn_objective *o);

/* Loss at o->theta and, when GRAD is not NULL, its gradient (n values). */
int nn_objective_value(nn_objective *o, double *loss, double *grad,
                       nn_err *err);

/* H V at o->theta for the K directions in the columns of V (n x k), into
 * HV (n x k): exact, never by differences. */
int nn_objective_hvp(nn_objective *o, const gsl_matrix *V, gsl_matrix *HV,
                     nn_err *err);

/* The same with the buffers of a model's products kept in *W between calls
 * (NULL at first; free with nn_hvp_free): Lanczos and the full Hessian make
 * many products, and fresh buffers for each cost page faults. */
struct nn_hvp;
int nn_objective_hvp_keep(nn_objective *o, struct nn_hvp **w,
                          const gsl_matrix *V, gsl_matrix *HV, nn_err *err);

/* Name of parameter K ("W1[2,1]", "b2[1]", "x", "w1") into BUF. */
void nn_objective_param_name(const nn_objective *o, size_t k, char *buf,
                             size_t size);

#endif
