/* lstsq.h -- the exact least-squares fit of a linear model (nn-train
 * --solver lstsq), plain or ridge.
 *
 * The objective is the one gradient descent minimises with the same
 * --weight-decay: PyTorch's weight decay adds l2 theta to the gradient of
 * the mean loss, for every parameter including the bias, and that is the
 * gradient of
 *
 *   J(w, b) = (1/n) sum_i (x_i . w + b - y_i)^2 + (l2/2) (|w|^2 + b^2),
 *
 * so the answer here is the point that gradient descent (any optimizer with
 * coupled weight decay) converges to, found in one step.  With l2 > 0 the
 * minimum is unique.  With l2 = 0 and columns that depend on each other
 * (or fewer rows than parameters) there is a line or plane of minima; the
 * answer is then the one of least norm |w|^2 + b^2, which is also where
 * gradient descent started from zero parameters converges to.
 */
#ifndef NN_LSTSQ_H
#define NN_LSTSQ_H

#include <stddef.h>

#include "dataset.h"
#include "error.h"
#include "model.h"

/* What the fit found out about the design matrix [X 1] (the inputs, and a
 * column of ones when the model has a bias). */
typedef struct nn_lstsq_info {
  size_t rows;     /* rows n of the data */
  size_t columns;  /* columns p: inputs, plus one for the bias */
  size_t rank;     /* numerical rank: singular values above the tolerance */
  double rcond;    /* smallest over largest singular value as computed
                      (rounding size for dependent columns; 0 when
                      every value is 0) */
  double lambda;   /* GSL's Tikhonov parameter, sqrt(n l2 / 2) */
} nn_lstsq_info;

/* Fit the linear model M (one layer, mse loss, one output) to DS exactly:
 * minimise (1/n) sum_i (x_i . w + b - y_i)^2 + (l2/2)(|w|^2 + b^2)
 * (b only when the model has a bias), by GSL's multifit (SVD); sets M's
 * parameters.  NN_EINVAL when M is not linear with mse, or L2 is negative
 * or not finite; NN_EDATA when DS has no rows or the fit is not finite.
 *
 * How: multiplied by n the objective is |y - A c|^2 + lambda^2 |c|^2 with
 * A = [X 1], c = (w, b) and lambda^2 = n l2 / 2, which is GSL's standard
 * Tikhonov form: gsl_multifit_linear_svd factors A = U S V^T and
 * gsl_multifit_linear_solve(lambda) returns c = V diag(s_j / (s_j^2 +
 * lambda^2)) U^T y.  Two cases GSL does not handle are handled here:
 *   - fewer rows than columns: GSL's SVD silently returns zeros (it only
 *     factors n >= p), so A is padded with zero rows, which change
 *     neither objective;
 *   - dependent columns: GSL drops a singular value only when it is
 *     <= DBL_EPSILON s_0, and only when lambda = 0; exactly dependent
 *     columns leave singular values of rounding size, measured 1e-16 to
 *     4e-15 s_0, so GSL's answer has coefficients of 1e11 to 1e13.  Values
 *     <= max(n, p) DBL_EPSILON s_0 (LAPACK's and NumPy's lstsq rule) count
 *     as zero: the sum above runs over the others only, which gives the
 *     minimum-norm answer at lambda = 0 and the exact ridge answer of the
 *     dependent columns at lambda > 0.
 * Memory: two copies of A (n x p doubles each); time O(n p^2). */
int nn_lstsq(nn_model *m, const nn_dataset *ds, double l2, nn_err *err);

/* As nn_lstsq, and when INFO is not NULL, what the fit found. */
int nn_lstsq_fit(nn_model *m, const nn_dataset *ds, double l2,
                 nn_lstsq_info *info, nn_err *err);

#endif
