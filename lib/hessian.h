/* hessian.h -- exact second derivatives of a model's mean loss: Hessian-
 * vector products by forward-over-reverse differentiation (Pearlmutter
 * 1994, "Fast exact multiplication by the Hessian"), the full Hessian from
 * them, its check against differences of the gradient, and extreme
 * eigenvalues by Lanczos iteration (NOTES.md §2).
 */
#ifndef NN_HESSIAN_H
#define NN_HESSIAN_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>

#include "dataset.h"
#include "error.h"
#include "model.h"
#include "objective.h"

/* Buffers for Hessian-vector products of model M over batches of up to
 * CAP rows and up to K directions at once.  NULL when out of memory. */
typedef struct nn_hvp nn_hvp;
nn_hvp *nn_hvp_alloc(const nn_model *m, size_t cap, size_t k);
void nn_hvp_free(nn_hvp *w);

/* For the rows of X (one to the buffers' CAP) with targets T: H V of the
 * mean loss over those rows, at M's parameters, for the directions in the
 * columns of V (nparams x k) into HV (nparams x k; V and HV may be views,
 * not the same memory).  More than the buffers' K directions go through
 * in blocks of K.  Returns the mean loss. */
double nn_model_hvp(const nn_model *m, nn_hvp *w, const gsl_matrix *X,
                    nn_target t, const gsl_matrix *V, gsl_matrix *HV);

/* The same over every row of DS (in chunks, weighted by their size). */
int nn_dataset_hvp(const nn_model *m, const nn_dataset *ds,
                   const gsl_matrix *V, gsl_matrix *HV, nn_err *err);

/* nn_dataset_hvp with its buffers kept between calls: *W (NULL at first)
 * is allocated by the first call, sized for DS and that call's directions,
 * and reused by later calls with M and DS; free it with nn_hvp_free.
 * Fresh buffers for every product cost page faults (a third of the time of
 * a Lanczos run on 100,000 parameters). */
int nn_dataset_hvp_keep(const nn_model *m, const nn_dataset *ds,
                        nn_hvp **w, const gsl_matrix *V, gsl_matrix *HV,
                        nn_err *err);

/* The full Hessian (n x n) of O at o->theta, by blocks of Hessian-vector
 * products, symmetrised as (H + H^T)/2; *ASYM gets the largest
 * |H_ij - H_ji| / max|H| before that (rounding only: it shows the products
 * are exact), when not NULL.  NN_EDATA, "the Hessian is not finite:
 * d2L/dA dB = nan" (A, B parameter names), when an entry is NaN or
 * infinite (non-finite parameters, or an overflow). */
int nn_hessian_full(nn_objective *o, gsl_matrix *H, double *asym,
                    nn_err *err);

/* Worst relative difference between H and central differences of the
 * gradient of O at o->theta (Richardson-extrapolated, as nn_gradcheck:
 * 4 gradients per parameter, step 1e-3 max(1, |theta_k|)), relative to
 * max(|H_ij|, |fd_ij|, FLOOR); *ROW and *COL get where.  o->theta is
 * changed during the call and restored. */
int nn_hessian_check(nn_objective *o, const gsl_matrix *H, double floor,
                     double *worst, size_t *row, size_t *col, nn_err *err);

/* The K largest (TOP) or smallest (!TOP) eigenvalues of the Hessian of O
 * at o->theta, by Lanczos iteration with full reorthogonalisation from a
 * random start drawn from RNG, using Hessian-vector products only (memory
 * O(n (K + the Krylov dimension))).  EIG gets them (largest first for TOP,
 * smallest first otherwise); VECS, when not NULL, their unit eigenvectors
 * as columns (n x K), each with its largest component positive.
 * Converged to relative accuracy TOL (1e-10 gives eigenvalues to about
 * 1e-10 |lambda_max|) or NN_EDATA after MAXIT products (0: no limit).
 *
 * The iteration is block Lanczos (blocks of min(K, 16) directions, so an
 * eigenvalue repeated up to that many times is found as often as it is
 * repeated) with thick restarts: the basis holds at most
 * m = max(60, 2K + 20, K + 3 min(K, 16)) vectors; when full, the most wanted
 * half of the Ritz vectors is kept and the iteration goes on from them.
 * A Ritz pair (theta, x) has converged when ||H x - theta x||, read off
 * the projection, is at most TOL times the largest |Ritz value|.  With
 * n <= m + the block (a few dozen parameters, or a built-in function) the
 * whole Hessian is formed (n products) and decomposed instead.
 * Errors: NN_EINVAL "K eigenvalues asked of a Hessian of N parameters"
 * (K = 0 or K > N); NN_EDATA "Lanczos iteration: the top|bottom K
 * eigenvalue(s) did not converge to TOL in P Hessian-vector products",
 * "the Hessian-vector products are not finite", and nn_hessian_full's. */
int nn_hessian_lanczos(nn_objective *o, size_t k, int top, double tol,
                       size_t maxit, gsl_rng *rng, double *eig,
                       gsl_matrix *vecs, nn_err *err);

/* What a Lanczos run took. */
typedef struct nn_lanczos_info {
  size_t products;  /* Hessian-vector products (one per direction) */
  size_t restarts;  /* thick restarts */
  size_t basis;     /* largest Krylov basis held (columns of n values) */
  size_t block;     /* directions per step (the block size) */
  double residual;  /* largest ||H x - lambda x|| of the returned pairs,
                       over max |lambda| of the basis' Ritz values */
  int dense;        /* few parameters: the whole Hessian was formed and
                       decomposed instead (products = n) */
} nn_lanczos_info;

/* nn_hessian_lanczos, and what it took into *INFO (when not NULL). */
int nn_hessian_lanczos_info(nn_objective *o, size_t k, int top, double tol,
                            size_t maxit, gsl_rng *rng, double *eig,
                            gsl_matrix *vecs, nn_lanczos_info *info,
                            nn_err *err);

#endif
