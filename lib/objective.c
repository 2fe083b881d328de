/* objective.c -- a model's mean loss over a data set, or a built-in
 * function, behind one interface (objective.h). */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>

#include "hessian.h"
#include "objective.h"
#include "train.h"

int nn_objective_model(nn_objective *o, nn_model *m, const nn_dataset *ds,
                       nn_err *err)
{
  (void) err;
  memset(o, 0, sizeof *o);
  o->n = m->nparams;
  o->theta = m->theta;
  o->m = m;
  o->ds = ds;
  return NN_OK;
}

void nn_objective_func(nn_objective *o, const nn_func *f, double *x)
{
  memset(o, 0, sizeof *o);
  o->n = f->n;
  o->theta = x;
  o->f = f;
}

void nn_objective_free(nn_objective *o)
{
  (void) o;  /* nothing is allocated yet; kept so callers need not change */
}

int nn_objective_value(nn_objective *o, double *loss, double *grad,
                       nn_err *err)
{
  double l;
  if (o->f) {
    l = nn_func_eval(o->f, o->theta, grad, NULL);
  } else {
    double acc;
    int status = nn_evaluate(o->m, o->ds, &l, &acc, grad, err);
    if (status != NN_OK)
      return status;
  }
  if (o->l2 != 0) {  /* + l2/2 |theta|^2 */
    double ss = 0;
    for (size_t k = 0; k < o->n; k++) {
      ss += o->theta[k] * o->theta[k];
      if (grad)
        grad[k] += o->l2 * o->theta[k];
    }
    l += 0.5 * o->l2 * ss;
  }
  *loss = l;
  return NN_OK;
}

int nn_objective_hvp_keep(nn_objective *o, nn_hvp **w, const gsl_matrix *V,
                          gsl_matrix *HV, nn_err *err)
{
  if (o->f) {
    size_t n = o->n;
    double H[4];  /* functions have at most two parameters */
    nn_func_eval(o->f, o->theta, NULL, H);
    gsl_matrix_view Hv = gsl_matrix_view_array(H, n, n);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1, &Hv.matrix, V, 0, HV);
  } else {
    int status = nn_dataset_hvp_keep(o->m, o->ds, w, V, HV, err);
    if (status != NN_OK)
      return status;
  }
  if (o->l2 != 0)  /* + l2 V */
    for (size_t i = 0; i < V->size1; i++)
      for (size_t j = 0; j < V->size2; j++)
        HV->data[i * HV->tda + j] += o->l2 * V->data[i * V->tda + j];
  return NN_OK;
}

int nn_objective_hvp(nn_objective *o, const gsl_matrix *V, gsl_matrix *HV,
                     nn_err *err)
{
  nn_hvp *w = NULL;
  int status = nn_objective_hvp_keep(o, &w, V, HV, err);
  nn_hvp_free(w);
  return status;
}

void nn_objective_param_name(const nn_objective *o, size_t k, char *buf,
                             size_t size)
{
  if (o->f)
    snprintf(buf, size, "%s", o->f->names[k]);
  else
    nn_model_param_name(o->m, k, buf, size);
}
