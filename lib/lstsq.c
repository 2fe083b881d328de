/* lstsq.c -- exact least squares and ridge regression for a linear model
 * (lstsq.h), by the singular value decomposition of GSL's multifit.
 *
 * Tikhonov regularisation in standard form through the SVD, as GSL
 * implements it: P. C. Hansen, "Discrete Inverse Problems: Insight and
 * Algorithms", SIAM 2010, §4 (filter factors s^2 / (s^2 + lambda^2)); the
 * rank rule for the minimum-norm answer is LAPACK's xGELSD one (Anderson et
 * al., LAPACK Users' Guide, 3rd ed., 1999, §2.4.2.1).
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

#include "lstsq.h"

/* "linear", "mlp:4,3" into BUF: M's architecture as --model spells it. */
static void arch_text(const nn_model *m, char *buf, size_t size)
{
  if (m->nlayers == 1) {
    snprintf(buf, size, "linear");
    return;
  }
  size_t used = (size_t) snprintf(buf, size, "mlp:");
  for (size_t l = 1; l < m->nlayers && used < size; l++)
    used += (size_t) snprintf(buf + used, size - used, "%s%zu",
                              l > 1 ? "," : "", m->width[l]);
}

/* NN_OK when M is a linear model with mse loss and one output; else
 * NN_EINVAL with a message saying what M is. */
static int check_model(const nn_model *m, nn_err *err)
{
  if (m->nlayers == 1 && m->loss == NN_LOSS_MSE && m->width[1] == 1)
    return NN_OK;
  char arch[256];
  arch_text(m, arch, sizeof arch);
  if (m->nlayers > 1)
    return nn_err_set(err, NN_EINVAL, "--solver lstsq: needs a linear model "
                      "with mse loss (this one is %s with %s activation and "
                      "%s loss)", arch, nn_act_name(m->act),
                      nn_loss_name(m->loss));
  if (m->loss != NN_LOSS_MSE)
    return nn_err_set(err, NN_EINVAL, "--solver lstsq: needs a linear model "
                      "with mse loss (this one is linear with %s loss)",
                      nn_loss_name(m->loss));
  return nn_err_set(err, NN_EINVAL, "--solver lstsq: needs a linear model "
                    "with mse loss and one output (this one has %zu)",
                    m->width[1]);
}

/* A GSL status as a message. */
static int gsl_fail(nn_err *err, const char *what, int status)
{
  if (status == GSL_ENOMEM)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  return nn_err_set(err, NN_EDATA, "--solver lstsq: %s failed: %s", what,
                    gsl_strerror(status));
}

int nn_lstsq(nn_model *m, const nn_dataset *ds, double l2, nn_err *err)
{
  return nn_lstsq_fit(m, ds, l2, NULL, err);
}

int nn_lstsq_fit(nn_model *m, const nn_dataset *ds, double l2,
                 nn_lstsq_info *info, nn_err *err)
{
  int status = check_model(m, err);
  if (status != NN_OK)
    return status;
  if (!(l2 >= 0) || !isfinite(l2))
    return nn_err_set(err, NN_EINVAL, "--solver lstsq: the weight decay must "
                      "be a finite number >= 0");
  size_t n = ds->n, d = ds->d, p = d + (m->bias ? 1 : 0);
  if (d != m->width[0] || ds->y == NULL)
    return nn_err_set(err, NN_EINVAL, "--solver lstsq: the data do not fit "
                      "the model (%zu inputs for %zu%s)", d, m->width[0],
                      ds->y ? "" : ", no numeric target");
  if (n == 0)
    return nn_err_at(err, NN_EDATA, ds->file, 0, "no rows to fit");
  /* lambda^2 = n l2 / 2: the objective times n is GSL's
   * |y - A c|^2 + lambda^2 |c|^2. */
  double lambda = sqrt((double) n * l2 / 2);
  if (info) {
    info->rows = n;
    info->columns = p;
    info->rank = 0;
    info->rcond = 0;
    info->lambda = lambda;
  }
  if (p == 0)
    return NN_OK;

  /* A = [X 1], padded with zero rows to N >= p rows: GSL factors only
   * matrices with at least as many rows as columns. */
  size_t N = n > p ? n : p;
  gsl_matrix *A = gsl_matrix_calloc(N, p);
  gsl_vector *y = gsl_vector_calloc(N), *c = gsl_vector_alloc(p);
  gsl_vector *uty = gsl_vector_alloc(p);
  gsl_multifit_linear_workspace *work = NULL;
  if (A && y && c && uty)
    work = gsl_multifit_linear_alloc(N, p);
  if (work == NULL) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    double *row = gsl_matrix_ptr(A, i, 0);
    memcpy(row, ds->x + i * d, d * sizeof *row);
    if (m->bias)
      row[d] = 1;
    gsl_vector_set(y, i, ds->y[i]);
  }

  int gs = gsl_multifit_linear_svd(A, work);
  if (gs) {
    status = gsl_fail(err, "the singular value decomposition", gs);
    goto done;
  }
  /* work->S holds the singular values, largest first; work->A holds U and
   * work->Q holds V (GSL's multifit/multilinear.c, which its own solver
   * reads the same way). */
  double s0 = gsl_vector_get(work->S, 0);
  double tol = (double) N * DBL_EPSILON;
  size_t rank = gsl_multifit_linear_rank(tol, work);
  if (info) {
    info->rank = rank;
    info->rcond = s0 > 0 ? gsl_vector_get(work->S, p - 1) / s0 : 0;
  }
  if (rank == p) {
    double rnorm, snorm;
    gs = gsl_multifit_linear_solve(lambda, A, y, c, &rnorm, &snorm, work);
    if (gs) {
      status = gsl_fail(err, "the solve", gs);
      goto done;
    }
  } else {
    /* c = sum over the RANK leading singular triplets of
     * v_j s_j / (s_j^2 + lambda^2) u_j^T y: the others are rounding. */
    gsl_matrix_const_view U = gsl_matrix_const_submatrix(work->A, 0, 0, N, p);
    gsl_matrix_const_view V = gsl_matrix_const_submatrix(work->Q, 0, 0, p, p);
    gsl_blas_dgemv(CblasTrans, 1.0, &U.matrix, y, 0.0, uty);
    for (size_t j = 0; j < p; j++) {
      double s = gsl_vector_get(work->S, j);
      double f = j < rank ? s / (s * s + lambda * lambda) : 0;
      gsl_vector_set(uty, j, f * gsl_vector_get(uty, j));
    }
    gsl_blas_dgemv(CblasNoTrans, 1.0, &V.matrix, uty, 0.0, c);
  }
  for (size_t j = 0; j < p; j++)
    if (!isfinite(gsl_vector_get(c, j))) {
      status = nn_err_at(err, NN_EDATA, ds->file, 0, "the least-squares "
                         "fit is not finite (values too large or too "
                         "small?)");
      goto done;
    }

  /* theta: W1 (one row of d weights), then b1. */
  for (size_t j = 0; j < d; j++)
    m->theta[nn_model_weight_offset(m, 1) + j] = gsl_vector_get(c, j);
  if (m->bias)
    m->theta[nn_model_bias_offset(m, 1)] = gsl_vector_get(c, d);
  status = NN_OK;

done:
  if (work)
    gsl_multifit_linear_free(work);
  gsl_vector_free(uty);
  gsl_vector_free(c);
  gsl_vector_free(y);
  gsl_matrix_free(A);
  return status;
}
