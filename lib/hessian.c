/* hessian.c -- exact second derivatives of a model's mean loss (hessian.h).
 *
 * NOTES.md §2: "Near θ′: L(θ) ≈ L(θ′) + (θ−θ′)ᵀg + ½(θ−θ′)ᵀH(θ−θ′), with g
 * the gradient and H the Hessian at θ′."  H is never differenced here: every
 * product H v is exact, by Pearlmutter's R-operator,
 *
 *   B. A. Pearlmutter, "Fast exact multiplication by the Hessian", Neural
 *   Computation 6(1):147-160, 1994,
 *
 * R{x} = d/dr x(theta + r v) at r = 0, applied to the forward pass and then
 * to backpropagation (forward over reverse): R{grad} = H v.  With the
 * notation of model.c (a batch of n rows, Z_l = A_{l-1} W_l^T + 1 b_l^T,
 * A_l = f(Z_l) for the hidden layers, A_L = Z_L, D_l = dL/dZ_l of the mean
 * loss L) and the direction v cut like theta into V_l and c_l:
 *
 *   R-forward   R{Z_l} = R{A_{l-1}} W_l^T + A_{l-1} V_l^T + 1 c_l^T,
 *               R{A_l} = f'(Z_l) .* R{Z_l},         R{A_0} = 0;
 *   the loss    R{D_L} = (1/n) (d^2 loss_row / dz^2) R{z} row by row;
 *   R-backward  R{D_{l-1}} = (R{D_l} W_l + D_l V_l) .* f'(Z_{l-1})
 *                            + (D_l W_l) .* f''(Z_{l-1}) .* R{Z_{l-1}},
 *               R{dW_l} = R{D_l}^T A_{l-1} + D_l^T R{A_{l-1}},
 *               R{db_l} = 1^T R{D_l}.
 *
 * f' and f'' are written from the layer's output a: linear 1, 0; relu
 * [a > 0], 0; sigmoid a(1-a), a(1-a)(1-2a); tanh 1-a^2, -2a(1-a^2).
 *
 * The k directions of a block go through the passes together.  An R
 * quantity of layer l is held as an (n k) x w_l matrix whose row (i, j) is
 * row i of the batch for direction j; read as n x (k w_l) it is the batch's
 * rows with the k directions side by side.  So R{A} W^T and R{D} W are one
 * gemm each on the first reading, and A V^T, D V, R{D}^T A and D^T R{A} are
 * one gemm each on the second, with the directions' V_l stacked
 * ((k w_l) x w_{l-1}) or placed side by side (w_l x (k w_{l-1})).  A
 * block's V_l that is all zero skips its terms, one with few nonzeros
 * (blocks of unit vectors, as nn_hessian_full uses, have one per
 * direction) adds them nonzero by nonzero instead of by gemm, and the
 * R-forward starts at the first layer the block touches.  Rows go in
 * chunks small enough for the R buffers to stay in cache (R_BUDGET).
 *
 * Extreme eigenvalues: block Lanczos with full reorthogonalisation and
 * thick restarts, in the Krylov-Schur form.  The basis Q (n x j, its
 * columns orthonormal) and T = Q^T H Q are kept with H Q = Q T + R, where
 * R = Q_next C has the next block's columns Q_next only.  A step applies H
 * to the newest block, orthogonalises the result against all of Q (block
 * classical Gram-Schmidt, twice), and the QR factors of what is left give
 * Q_next and its coupling C; T is filled from the coefficients (so it
 * holds what full reorthogonalisation computes, not an assumed
 * tridiagonal), then symmetrised and decomposed by gsl_eigen_symmv.  The
 * residual of a Ritz pair (theta, Q y) is ||C y||.  When the basis is
 * full, Q Y_p for the p most wanted Ritz vectors becomes the basis, with
 * T = diag(theta_1..p) and coupling C Y_p, and the iteration goes on from
 * Q_next (a thick restart: Wu and Simon; Stewart).  A direction that H
 * maps into the basis (to rounding) is replaced by a random one, with
 * coupling zero.  References:
 *
 *   C. Lanczos, "An iteration method for the solution of the eigenvalue
 *   problem of linear differential and integral operators", J. Res. Nat.
 *   Bur. Standards 45:255-282, 1950;
 *   K. Wu and H. Simon, "Thick-restart Lanczos method for large symmetric
 *   eigenvalue problems", SIAM J. Matrix Anal. Appl. 22(2):602-616, 2000;
 *   G. W. Stewart, "A Krylov-Schur algorithm for large eigenproblems",
 *   SIAM J. Matrix Anal. Appl. 23(3):601-614, 2001;
 *   reorthogonalisation twice (Daniel, Gragg, Kaufman and Stewart, Math.
 *   Comp. 30:772-795, 1976; Giraud, Langou and Rozloznik, "The loss of
 *   orthogonality in the Gram-Schmidt orthogonalization process", 2005).
 */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_randist.h>

#include "hessian.h"
#include "loss.h"

/* nn_dataset_hvp takes up to HVP_K directions at once, and chunks of rows
 * (from CHUNK_MIN to CHUNK_ROWS) such that rows x directions x (the sum of
 * the layer widths) stays within R_BUDGET doubles: then each R buffer
 * (R{Z}, R{A}, R{D}) holds at most 1 MB and stays in cache.  Measured
 * with bench/hessian: see bench/README.md. */
#define HVP_K 8
#define CHUNK_MIN 64
#define CHUNK_ROWS 1024
#define R_BUDGET ((size_t) 1 << 17)

/* -- Hessian-vector products -------------------------------------------- */

/* A block's V_l goes in nonzero by nonzero (each one costs a pass over the
 * rows) rather than by gemm when it has at most 1/SPARSE_RATIO of its
 * entries nonzero: blocks of unit vectors have one per direction. */
#define SPARSE_RATIO 16

struct nn_hvp {
  size_t cap;            /* rows the buffers hold */
  size_t k;              /* directions the buffers hold */
  size_t nlayers;        /* layers L of the model they were made for */
  double **a;            /* a[l]: outputs of layer l (cap x w_l; a[L] = Z_L) */
  double **d;            /* d[l]: D_l = dL/dZ_l (cap x w_l) */
  double **f1;           /* f1[l]: f'(Z_l), hidden layers l < L */
  double **gf2;          /* gf2[l]: (D_{l+1} W_{l+1}) .* f''(Z_l), hidden
                            layers, sigmoid and tanh only (else NULL) */
  double *p;             /* softmax of the output rows (cap x w_L) */
  double **rz;           /* rz[l]: R{Z_l} ((cap k) x w_l, rows (i, j)) */
  double **ra;           /* ra[l]: R{A_l}, hidden layers, not for linear
                            (where R{A} = R{Z}) */
  double *rd[2];         /* R{D_l} and R{D_{l-1}}: (cap k) x (widest) */
  double **vs;           /* vs[l]: the directions' V_l stacked,
                            (k w_l) x w_{l-1} */
  double **vh;           /* vh[l]: the same side by side, w_l x (k w_{l-1}) */
  double **vb;           /* vb[l]: their bias parts c_l, k x w_l */
  double **hw;           /* hw[l]: R{dW_l} stacked, (k w_l) x w_{l-1} */
  double **hb;           /* hb[l]: R{db_l}, k x w_l */
  double *tmp;           /* D_l^T R{A_{l-1}}: w_l x (k w_{l-1}), the largest */
  double *ones;          /* cap ones, for column sums */
  unsigned char *vmode;  /* vmode[l]: how the block's V_l enters: V_ZERO,
                            V_SPARSE (the nonzeros one by one) or V_DENSE
                            (gemm) */
  unsigned char *bnz;    /* bnz[l]: some direction's c_l is not zero */
  struct vnz {           /* the nonzeros of the sparse V_l, layer by layer: */
    size_t j, a, b;      /*   direction, row (unit) and column (input), */
    double x;            /*   value */
  } *nz;
  size_t *nzoff;         /* nzoff[l]: where layer l's nonzeros start in nz */
  size_t *nzn;           /* nzn[l]: how many layer l has */
  size_t nzcap;          /* room in nz: the most the sparse V_l may have */
};

enum { V_ZERO, V_SPARSE, V_DENSE };

/* A buffer of A x B x C doubles (at least one); NULL when out of memory or
 * when the size overflows. */
static double *dalloc(size_t a, size_t b, size_t c)
{
  size_t n = a;
  if ((b && n > SIZE_MAX / b) || (c && n * b > SIZE_MAX / c))
    return NULL;
  n *= b;
  n *= c;
  if (n > SIZE_MAX / sizeof(double))
    return NULL;
  return malloc((n ? n : 1) * sizeof(double));
}

static int has_f2(nn_act act)
{
  return act == NN_ACT_SIGMOID || act == NN_ACT_TANH;
}

nn_hvp *nn_hvp_alloc(const nn_model *m, size_t cap, size_t k)
{
  size_t L = m->nlayers, wmax = 1, tmax = 1;
  const size_t *wd = m->width;
  nn_hvp *w = calloc(1, sizeof *w);
  if (w == NULL)
    return NULL;
  w->cap = cap = cap ? cap : 1;
  w->k = k = k ? k : 1;
  w->nlayers = L;
  double ***lists[] = {&w->a, &w->d, &w->f1, &w->gf2, &w->rz, &w->ra,
                       &w->vs, &w->vh, &w->vb, &w->hw, &w->hb};
  for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
    if ((*lists[i] = calloc(L + 1, sizeof **lists[i])) == NULL)
      goto fail;
  if ((w->vmode = calloc(L + 1, 1)) == NULL ||
      (w->bnz = calloc(L + 1, 1)) == NULL ||
      (w->nzoff = calloc(L + 1, sizeof *w->nzoff)) == NULL ||
      (w->nzn = calloc(L + 1, sizeof *w->nzn)) == NULL)
    goto fail;
  for (size_t l = 1; l <= L; l++) {
    size_t wl = wd[l], wp = wd[l - 1];
    int hidden = l < L;
    if ((w->a[l] = dalloc(cap, wl, 1)) == NULL ||
        (w->d[l] = dalloc(cap, wl, 1)) == NULL ||
        (w->rz[l] = dalloc(cap, k, wl)) == NULL ||
        (w->vs[l] = dalloc(k, wl, wp)) == NULL ||
        (w->vh[l] = dalloc(k, wl, wp)) == NULL ||
        (w->hw[l] = dalloc(k, wl, wp)) == NULL)
      goto fail;
    if (hidden && ((w->f1[l] = dalloc(cap, wl, 1)) == NULL ||
                   (m->act != NN_ACT_LINEAR &&
                    (w->ra[l] = dalloc(cap, k, wl)) == NULL) ||
                   (has_f2(m->act) && (w->gf2[l] = dalloc(cap, wl, 1)) == NULL)))
      goto fail;
    if (m->bias && ((w->vb[l] = dalloc(k, wl, 1)) == NULL ||
                    (w->hb[l] = dalloc(k, wl, 1)) == NULL))
      goto fail;
    wmax = wl > wmax ? wl : wmax;
    if (wl * wp > tmax)
      tmax = wl * wp;
    w->nzoff[l] = w->nzcap;
    w->nzcap += k * wl * wp / SPARSE_RATIO + 1;
  }
  if ((w->nz = malloc(w->nzcap * sizeof *w->nz)) == NULL)
    goto fail;
  if ((w->p = dalloc(cap, wd[L], 1)) == NULL ||
      (w->rd[0] = dalloc(cap, k, wmax)) == NULL ||
      (w->rd[1] = dalloc(cap, k, wmax)) == NULL ||
      (w->tmp = dalloc(k, tmax, 1)) == NULL ||
      (w->ones = dalloc(cap, 1, 1)) == NULL)
    goto fail;
  for (size_t i = 0; i < cap; i++)
    w->ones[i] = 1;
  return w;
fail:
  nn_hvp_free(w);
  return NULL;
}

void nn_hvp_free(nn_hvp *w)
{
  if (w == NULL)
    return;
  double **lists[] = {w->a, w->d, w->f1, w->gf2, w->rz, w->ra, w->vs, w->vh,
                      w->vb, w->hw, w->hb};
  for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
    if (lists[i] == NULL)
      continue;
    for (size_t l = 0; l <= w->nlayers; l++)
      free(lists[i][l]);
    free(lists[i]);
  }
  free(w->vmode);
  free(w->bnz);
  free(w->nz);
  free(w->nzoff);
  free(w->nzn);
  free(w->p);
  free(w->rd[0]);
  free(w->rd[1]);
  free(w->tmp);
  free(w->ones);
  free(w);
}

/* f'(z) from the output A into F1 (N values). */
static void derivative(nn_act act, const double *a, double *f1, size_t n)
{
  switch (act) {
  case NN_ACT_LINEAR: for (size_t i = 0; i < n; i++) f1[i] = 1; break;
  case NN_ACT_RELU: for (size_t i = 0; i < n; i++) f1[i] = a[i] > 0; break;
  case NN_ACT_SIGMOID: for (size_t i = 0; i < n; i++) f1[i] = a[i] * (1 - a[i]); break;
  case NN_ACT_TANH: for (size_t i = 0; i < n; i++) f1[i] = 1 - a[i] * a[i]; break;
  }
}

/* G .*= f''(z) from the output A (N values; sigmoid and tanh). */
static void times_second(nn_act act, const double *a, double *g, size_t n)
{
  if (act == NN_ACT_SIGMOID)
    for (size_t i = 0; i < n; i++)
      g[i] *= a[i] * (1 - a[i]) * (1 - 2 * a[i]);
  else
    for (size_t i = 0; i < n; i++)
      g[i] *= -2 * a[i] * (1 - a[i] * a[i]);
}

/* The forward and backward passes of the N rows of X against T, keeping
 * what the R passes need; returns the mean loss. */
static double forward(const nn_model *m, nn_hvp *w, const gsl_matrix *X,
                      nn_target t)
{
  size_t n = X->size1, L = m->nlayers;
  const size_t *wd = m->width;
  const double *in = X->data;
  size_t ldin = X->tda;
  for (size_t l = 1; l <= L; l++) {
    size_t wl = wd[l], wp = wd[l - 1];
    double *out = w->a[l];
    const double *W = m->theta + nn_model_weight_offset(m, l);
    if (m->bias) {  /* every row starts as b_l, then gemm adds A W^T */
      const double *b = m->theta + nn_model_bias_offset(m, l);
      for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < wl; j++)
          out[i * wl + j] = b[j];
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int) n, (int) wl,
                (int) wp, 1, in, (int) ldin, W, (int) wp, m->bias ? 1 : 0,
                out, (int) wl);
    if (l < L) {
      nn_activate(m->act, out, n * wl);
      derivative(m->act, out, w->f1[l], n * wl);
    }
    in = out;
    ldin = wl;
  }

  size_t K = wd[L];
  const double *z = w->a[L];
  double sum = 0;
  for (size_t i = 0; i < n; i++) {
    size_t cls = t.cls ? t.cls[i] : 0;
    double y = t.y ? t.y[i] : 0;
    sum += nn_loss_row(m->loss, z + i * K, K, cls, y);
    nn_loss_row_grad(m->loss, z + i * K, K, cls, y, 1.0 / (double) n,
                  w->d[L] + i * K);
    if (m->loss != NN_LOSS_MSE)
      nn_softmax(z + i * K, K, 1, w->p + i * K);
  }
  for (size_t l = L; l >= 2; l--) {
    size_t wl = wd[l], wp = wd[l - 1];
    const double *W = m->theta + nn_model_weight_offset(m, l);
    double *g = w->d[l - 1];  /* D_l W_l, then times f' */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) n, (int) wp,
                (int) wl, 1, w->d[l], (int) wl, W, (int) wp, 0, g, (int) wp);
    if (w->gf2[l - 1]) {
      memcpy(w->gf2[l - 1], g, n * wp * sizeof *g);
      times_second(m->act, w->a[l - 1], w->gf2[l - 1], n * wp);
    }
    if (m->act != NN_ACT_LINEAR)
      for (size_t i = 0; i < n * wp; i++)
        g[i] *= w->f1[l - 1][i];
  }
  return sum / (double) n;
}

/* R{D_L} of the N rows for KB directions from R{Z_L}: the Hessian of the
 * row's loss in z times R{z}, over N.
 *   mse:         loss (z_0 - y)^2, Hessian 2 at (0, 0);
 *   xent:        gradient p - t, Hessian diag(p) - p p^T;
 *   softmax-mse: gradient g_i = 2 p_i (r_i - s), r = p - t,
 *                s = sum_j r_j p_j.  With u = R{z}, R{p_i} = q_i =
 *                p_i (u_i - p.u), R{r} = q and R{s} = sum_j q_j (p_j + r_j),
 *                so R{g_i} = 2 q_i (r_i - s) + 2 p_i (q_i - R{s}). */
static void output_r(const nn_model *m, nn_hvp *w, size_t n, size_t kb,
                     nn_target t)
{
  size_t K = m->width[m->nlayers];
  const double *rz = w->rz[m->nlayers];
  double *rd = w->rd[0], inv = 1.0 / (double) n;
  for (size_t i = 0; i < n; i++) {
    const double *p = w->p + i * K;
    size_t cls = t.cls ? t.cls[i] : 0;
    double s = 0;  /* softmax-mse's sum_j r_j p_j */
    if (m->loss == NN_LOSS_SOFTMAX_MSE)
      for (size_t c = 0; c < K; c++)
        s += (p[c] - (c == cls)) * p[c];
    for (size_t j = 0; j < kb; j++) {
      const double *u = rz + (i * kb + j) * K;
      double *o = rd + (i * kb + j) * K;
      switch (m->loss) {
      case NN_LOSS_MSE:
        o[0] = 2 * u[0] * inv;
        for (size_t c = 1; c < K; c++)
          o[c] = 0;
        break;
      case NN_LOSS_XENT: {
        double pu = 0;
        for (size_t c = 0; c < K; c++)
          pu += p[c] * u[c];
        for (size_t c = 0; c < K; c++)
          o[c] = p[c] * (u[c] - pu) * inv;
        break;
      }
      case NN_LOSS_SOFTMAX_MSE: {
        double pu = 0, rs = 0;
        for (size_t c = 0; c < K; c++)
          pu += p[c] * u[c];
        for (size_t c = 0; c < K; c++) {
          o[c] = p[c] * (u[c] - pu);  /* q */
          rs += o[c] * (2 * p[c] - (c == cls));
        }
        for (size_t c = 0; c < K; c++) {
          double q = o[c], r = p[c] - (c == cls);
          o[c] = 2 * (q * (r - s) + p[c] * (q - rs)) * inv;
        }
        break;
      }
      }
    }
  }
}

/* The R passes for the KB directions V[:, J0 .. J0+KB) (KB <= w->k) after
 * forward() on the N rows of X: HV[:, J0 ..] = ALPHA H V + BETA HV (HV is
 * not read when BETA is 0). */
static void rpass(const nn_model *m, nn_hvp *w, const gsl_matrix *X,
                  nn_target t, const gsl_matrix *V, size_t j0, size_t kb,
                  double alpha, double beta, gsl_matrix *HV)
{
  size_t n = X->size1, L = m->nlayers, nk = n * kb, first = 0;
  const size_t *wd = m->width;
  const double *th = m->theta;
  int linear = m->act == NN_ACT_LINEAR;

  /* The directions, cut into layers; the nonzeros of V_l listed while
   * there are few. */
  for (size_t l = 1; l <= L; l++) {
    size_t wl = wd[l], wp = wd[l - 1], off = nn_model_weight_offset(m, l);
    size_t cnt = 0, most = kb * wl * wp / SPARSE_RATIO;
    double *vs = w->vs[l], *vh = w->vh[l];
    struct vnz *list = w->nz + w->nzoff[l];
    for (size_t a = 0; a < wl; a++)
      for (size_t b = 0; b < wp; b++) {
        const double *row = V->data + (off + a * wp + b) * V->tda + j0;
        for (size_t j = 0; j < kb; j++) {
          double x = row[j];
          vs[(j * wl + a) * wp + b] = x;
          vh[a * kb * wp + j * wp + b] = x;
          if (x != 0) {
            if (cnt < most)
              list[cnt] = (struct vnz) {j, a, b, x};
            cnt++;
          }
        }
      }
    w->vmode[l] = cnt == 0 ? V_ZERO : cnt <= most ? V_SPARSE : V_DENSE;
    w->nzn[l] = cnt;
    w->bnz[l] = 0;
    if (m->bias) {
      size_t boff = nn_model_bias_offset(m, l);
      for (size_t a = 0; a < wl; a++) {
        const double *row = V->data + (boff + a) * V->tda + j0;
        for (size_t j = 0; j < kb; j++) {
          w->vb[l][j * wl + a] = row[j];
          w->bnz[l] |= row[j] != 0;
        }
      }
    }
    if ((cnt || w->bnz[l]) && first == 0)
      first = l;
  }

  if (first == 0) {  /* H 0 = 0 */
    for (size_t r = 0; r < m->nparams; r++) {
      double *row = HV->data + r * HV->tda + j0;
      for (size_t j = 0; j < kb; j++)
        row[j] = beta == 0 ? 0 : beta * row[j];
    }
    return;
  }

  /* R-forward, from the first layer the block touches. */
  for (size_t l = first; l <= L; l++) {
    size_t wl = wd[l], wp = wd[l - 1];
    const double *W = th + nn_model_weight_offset(m, l);
    double *rz = w->rz[l];
    int in = l > first;  /* R{A_{l-1}} is not zero */
    if (in)
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int) nk, (int) wl,
                  (int) wp, 1, linear ? w->rz[l - 1] : w->ra[l - 1], (int) wp,
                  W, (int) wp, 0, rz, (int) wl);
    const double *A = l > 1 ? w->a[l - 1] : X->data;
    size_t lda = l > 1 ? wp : X->tda;
    if (w->vmode[l] == V_DENSE)  /* + A_{l-1} V_l^T */
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int) n,
                  (int) (kb * wl), (int) wp, 1, A, (int) lda, w->vs[l],
                  (int) wp, in ? 1 : 0, rz, (int) (kb * wl));
    else if (!in)
      memset(rz, 0, nk * wl * sizeof *rz);
    if (w->vmode[l] == V_SPARSE) {  /* the same, nonzero by nonzero */
      const struct vnz *e = w->nz + w->nzoff[l], *end = e + w->nzn[l];
      for (; e < end; e++) {
        double *o = rz + e->j * wl + e->a;
        const double *ab = A + e->b;
        for (size_t i = 0; i < n; i++)
          o[i * kb * wl] += e->x * ab[i * lda];
      }
    }
    if (w->bnz[l])
      for (size_t i = 0; i < n; i++) {
        double *row = rz + i * kb * wl;
        for (size_t c = 0; c < kb * wl; c++)
          row[c] += w->vb[l][c];
      }
    if (l < L && !linear) {
      double *ra = w->ra[l];
      for (size_t i = 0; i < n; i++) {
        const double *f = w->f1[l] + i * wl;
        for (size_t j = 0; j < kb; j++) {
          const double *r = rz + (i * kb + j) * wl;
          double *o = ra + (i * kb + j) * wl;
          for (size_t c = 0; c < wl; c++)
            o[c] = f[c] * r[c];
        }
      }
    }
  }

  output_r(m, w, n, kb, t);

  /* R-backward. */
  int cur = 0;
  for (size_t l = L; l >= 1; l--) {
    size_t wl = wd[l], wp = wd[l - 1];
    const double *rd = w->rd[cur];
    const double *A = l > 1 ? w->a[l - 1] : X->data;
    size_t lda = l > 1 ? wp : X->tda;
    double *hw = w->hw[l];
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int) (kb * wl),
                (int) wp, (int) n, 1, rd, (int) (kb * wl), A, (int) lda, 0,
                hw, (int) wp);
    if (l > 1 && l - 1 >= first) {  /* + D_l^T R{A_{l-1}} */
      cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int) wl,
                  (int) (kb * wp), (int) n, 1, w->d[l], (int) wl,
                  linear ? w->rz[l - 1] : w->ra[l - 1], (int) (kb * wp), 0,
                  w->tmp, (int) (kb * wp));
      for (size_t j = 0; j < kb; j++)
        for (size_t a = 0; a < wl; a++) {
          double *o = hw + (j * wl + a) * wp;
          const double *s = w->tmp + a * kb * wp + j * wp;
          for (size_t b = 0; b < wp; b++)
            o[b] += s[b];
        }
    }
    if (m->bias)
      cblas_dgemv(CblasRowMajor, CblasTrans, (int) n, (int) (kb * wl), 1, rd,
                  (int) (kb * wl), w->ones, 1, 0, w->hb[l], 1);
    if (l == 1)
      break;
    double *nx = w->rd[1 - cur];
    const double *W = th + nn_model_weight_offset(m, l);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) nk, (int) wp,
                (int) wl, 1, rd, (int) wl, W, (int) wp, 0, nx, (int) wp);
    if (w->vmode[l] == V_DENSE)  /* + D_l V_l */
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) n,
                  (int) (kb * wp), (int) wl, 1, w->d[l], (int) wl, w->vh[l],
                  (int) (kb * wp), 1, nx, (int) (kb * wp));
    else if (w->vmode[l] == V_SPARSE) {
      const struct vnz *e = w->nz + w->nzoff[l], *end = e + w->nzn[l];
      for (; e < end; e++) {
        double *o = nx + e->j * wp + e->b;
        const double *da = w->d[l] + e->a;
        for (size_t i = 0; i < n; i++)
          o[i * kb * wp] += e->x * da[i * wl];
      }
    }
    const double *gf2 = l - 1 >= first ? w->gf2[l - 1] : NULL;
    if (!linear || gf2)
      for (size_t i = 0; i < n; i++) {
        const double *f = w->f1[l - 1] + i * wp;
        const double *g = gf2 ? gf2 + i * wp : NULL;
        for (size_t j = 0; j < kb; j++) {
          double *o = nx + (i * kb + j) * wp;
          const double *z = w->rz[l - 1] + (i * kb + j) * wp;
          for (size_t c = 0; c < wp; c++)
            o[c] *= f[c];
          if (g)
            for (size_t c = 0; c < wp; c++)
              o[c] += g[c] * z[c];
        }
      }
    cur = 1 - cur;
  }

  /* Into HV, parameter by parameter in the flat order. */
  for (size_t l = 1; l <= L; l++) {
    size_t wl = wd[l], wp = wd[l - 1], off = nn_model_weight_offset(m, l);
    size_t step = wl * wp;
    for (size_t a = 0; a < wl; a++)
      for (size_t b = 0; b < wp; b++) {
        double *row = HV->data + (off + a * wp + b) * HV->tda + j0;
        const double *s = w->hw[l] + a * wp + b;
        for (size_t j = 0; j < kb; j++)
          row[j] = beta == 0 ? alpha * s[j * step]
                             : alpha * s[j * step] + beta * row[j];
      }
    if (m->bias) {
      size_t boff = nn_model_bias_offset(m, l);
      for (size_t a = 0; a < wl; a++) {
        double *row = HV->data + (boff + a) * HV->tda + j0;
        const double *s = w->hb[l] + a;
        for (size_t j = 0; j < kb; j++)
          row[j] = beta == 0 ? alpha * s[j * wl]
                             : alpha * s[j * wl] + beta * row[j];
      }
    }
  }
}

double nn_model_hvp(const nn_model *m, nn_hvp *w, const gsl_matrix *X,
                    nn_target t, const gsl_matrix *V, gsl_matrix *HV)
{
  double loss = forward(m, w, X, t);
  for (size_t j0 = 0; j0 < V->size2; j0 += w->k) {
    size_t kb = V->size2 - j0 < w->k ? V->size2 - j0 : w->k;
    rpass(m, w, X, t, V, j0, kb, 1, 0, HV);
  }
  return loss;
}

int nn_dataset_hvp(const nn_model *m, const nn_dataset *ds,
                   const gsl_matrix *V, gsl_matrix *HV, nn_err *err)
{
  nn_hvp *w = NULL;
  int status = nn_dataset_hvp_keep(m, ds, &w, V, HV, err);
  nn_hvp_free(w);
  return status;
}

int nn_dataset_hvp_keep(const nn_model *m, const nn_dataset *ds,
                        nn_hvp **wp, const gsl_matrix *V, gsl_matrix *HV,
                        nn_err *err)
{
  size_t N = ds->n, k = V->size2, sumw = 0;
  if (N == 0)
    return nn_err_at(err, NN_EDATA, ds->file, 0, "no data rows");
  if (k == 0)
    return NN_OK;
  if (*wp == NULL) {
    /* Up to HVP_K directions at once, and as many rows as keep the R
     * buffers within R_BUDGET (so they stay in cache). */
    for (size_t l = 1; l <= m->nlayers; l++)
      sumw += m->width[l];
    size_t kb = k < HVP_K ? k : HVP_K;
    size_t cap = R_BUDGET / (kb * sumw);
    cap = cap < CHUNK_MIN ? CHUNK_MIN : cap > CHUNK_ROWS ? CHUNK_ROWS : cap;
    if ((*wp = nn_hvp_alloc(m, N < cap ? N : cap, kb)) == NULL)
      return nn_err_set(err, NN_ENOMEM, "out of memory");
  }
  nn_hvp *w = *wp;
  size_t cap = w->cap, kb = w->k;
  for (size_t s = 0; s < N; s += cap) {
    size_t nb = N - s < cap ? N - s : cap;
    gsl_matrix_const_view X =
      gsl_matrix_const_view_array(ds->x + s * ds->d, nb, ds->d);
    nn_target t = {ds->y ? ds->y + s : NULL, ds->cls ? ds->cls + s : NULL};
    forward(m, w, &X.matrix, t);
    /* The mean over all rows: chunks weigh by their size. */
    for (size_t j0 = 0; j0 < k; j0 += kb) {
      size_t kk = k - j0 < kb ? k - j0 : kb;
      rpass(m, w, &X.matrix, t, V, j0, kk, (double) nb / (double) N,
            s == 0 ? 0 : 1, HV);
    }
  }
  return NN_OK;
}

/* -- the full Hessian and its check ---------------------------------------- */

/* Directions per nn_objective_hvp call of nn_hessian_full. */
#define FULL_BLOCK 256

int nn_hessian_full(nn_objective *o, gsl_matrix *H, double *asym,
                    nn_err *err)
{
  size_t n = o->n, B = n < FULL_BLOCK ? n : FULL_BLOCK;
  if (n == 0) {
    if (asym)
      *asym = 0;
    return NN_OK;
  }
  gsl_matrix *E = gsl_matrix_calloc(n, B);
  if (E == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  nn_hvp *w = NULL;  /* kept between the blocks */
  int status = NN_OK;
  for (size_t j0 = 0; j0 < n && status == NN_OK; j0 += B) {
    size_t kb = n - j0 < B ? n - j0 : B;
    for (size_t j = 0; j < kb; j++)
      E->data[(j0 + j) * E->tda + j] = 1;
    gsl_matrix_view Ev = gsl_matrix_submatrix(E, 0, 0, n, kb);
    gsl_matrix_view Hv = gsl_matrix_submatrix(H, 0, j0, n, kb);
    status = nn_objective_hvp_keep(o, &w, &Ev.matrix, &Hv.matrix, err);
    for (size_t j = 0; j < kb; j++)
      E->data[(j0 + j) * E->tda + j] = 0;
  }
  gsl_matrix_free(E);
  nn_hvp_free(w);
  if (status != NN_OK)
    return status;

  double big = 0, diff = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double h = H->data[i * H->tda + j];
      if (!isfinite(h)) {
        char a[64], b[64];
        nn_objective_param_name(o, i, a, sizeof a);
        nn_objective_param_name(o, j, b, sizeof b);
        return nn_err_set(err, NN_EDATA, "the Hessian is not finite: "
                          "d2L/d%s d%s = %g", a, b, h);
      }
      big = fmax(big, fabs(h));
      if (j > i)
        diff = fmax(diff, fabs(h - H->data[j * H->tda + i]));
    }
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++) {
      double *a = H->data + i * H->tda + j, *b = H->data + j * H->tda + i;
      *a = *b = 0.5 * (*a + *b);
    }
  if (asym)
    *asym = big > 0 ? diff / big : 0;
  return NN_OK;
}

int nn_hessian_check(nn_objective *o, const gsl_matrix *H, double floor,
                     double *worst, size_t *row, size_t *col, nn_err *err)
{
  size_t n = o->n;
  double *g = malloc((n ? 4 * n : 1) * sizeof *g), loss;
  if (g == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  *worst = 0;
  *row = *col = 0;
  int status = NN_OK;
  for (size_t k = 0; k < n && status == NN_OK; k++) {
    /* As nn_gradcheck: h = 1e-3 (relative beyond 1) balances the
     * extrapolated difference's O(h^4) truncation against the rounding of
     * the gradient, O(eps |g| / h). */
    double t = o->theta[k], h = 1e-3 * (fabs(t) > 1 ? fabs(t) : 1);
    static const double at[4] = {-1, 1, -0.5, 0.5};  /* steps, times h */
    for (int s = 0; s < 4 && status == NN_OK; s++) {
      o->theta[k] = t + at[s] * h;
      status = nn_objective_value(o, &loss, g + (size_t) s * n, err);
    }
    o->theta[k] = t;
    for (size_t i = 0; i < n && status == NN_OK; i++) {
      /* Central differences D(h), D(h/2) of the gradient; Richardson:
       * (4 D(h/2) - D(h)) / 3 cancels the h^2 term. */
      double dh = (g[n + i] - g[i]) / (2 * h);
      double dh2 = (g[3 * n + i] - g[2 * n + i]) / h;
      double fd = (4 * dh2 - dh) / 3, hk = H->data[i * H->tda + k];
      double scale = fmax(fmax(fabs(hk), fabs(fd)), floor);
      double rel = fabs(hk - fd) / scale;
      if (rel > *worst || isnan(rel)) {
        *worst = rel;
        *row = i;
        *col = k;
      }
    }
  }
  free(g);
  return status;
}

/* -- Lanczos ---------------------------------------------------------------- */

/* Largest block of the block Lanczos iteration. */
#define LZ_BLOCK_MAX 16

/* Rows per strip when the basis is rotated in place at a restart. */
#define LZ_STRIP 256

/* Make the sign of every column of VECS (n x K) definite: its largest
 * component (the first of equals) positive. */
static void fix_signs(gsl_matrix *vecs)
{
  for (size_t c = 0; c < vecs->size2; c++) {
    size_t best = 0;
    double big = -1;
    for (size_t i = 0; i < vecs->size1; i++) {
      double v = fabs(vecs->data[i * vecs->tda + c]);
      if (v > big) {
        big = v;
        best = i;
      }
    }
    if (vecs->data[best * vecs->tda + c] < 0)
      for (size_t i = 0; i < vecs->size1; i++)
        vecs->data[i * vecs->tda + c] = -vecs->data[i * vecs->tda + c];
  }
}

/* Few parameters: the whole Hessian and gsl_eigen_symmv. */
static int dense_extremes(nn_objective *o, size_t K, int top, double *eig,
                          gsl_matrix *vecs, nn_err *err)
{
  size_t n = o->n;
  gsl_matrix *H = gsl_matrix_alloc(n, n), *Y = gsl_matrix_alloc(n, n);
  gsl_vector *ev = gsl_vector_alloc(n);
  gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(n);
  int status = NN_OK;
  if (!H || !Y || !ev || !ws) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  if ((status = nn_hessian_full(o, H, NULL, err)) != NN_OK)
    goto done;
  gsl_eigen_symmv(H, ev, Y, ws);
  gsl_eigen_symmv_sort(ev, Y, top ? GSL_EIGEN_SORT_VAL_DESC
                                  : GSL_EIGEN_SORT_VAL_ASC);
  for (size_t i = 0; i < K; i++)
    eig[i] = gsl_vector_get(ev, i);
  if (vecs) {
    gsl_matrix_view Yk = gsl_matrix_submatrix(Y, 0, 0, n, K);
    gsl_matrix_memcpy(vecs, &Yk.matrix);
    fix_signs(vecs);
  }
done:
  if (H)
    gsl_matrix_free(H);
  if (Y)
    gsl_matrix_free(Y);
  if (ev)
    gsl_vector_free(ev);
  if (ws)
    gsl_eigen_symmv_free(ws);
  return status;
}

/* The state of the iteration.  The basis vectors are the columns of Q;
 * T (ld x ld, row-major) holds their projection Q^T H Q, plus, in the rows
 * of the next block, that block's coupling to the basis. */
typedef struct lanczos {
  size_t n;         /* parameters */
  size_t b;         /* block size */
  size_t ld;        /* columns of Q and T: the largest basis plus a block */
  gsl_matrix *Q;    /* basis, n x ld */
  gsl_matrix *W;    /* H times the newest block, n x b */
  double *T;        /* projection and coupling, ld x ld */
  double *C;        /* Q^T W coefficients, ld x b */
  double *v;        /* one vector (n) */
  gsl_rng *rng;     /* for starts and breakdowns */
  nn_hvp *hw;       /* the products' buffers, kept between steps */
} lanczos;

/* ||x||_2 of N values. */
static double norm2(const double *x, size_t n)
{
  return cblas_dnrm2((int) n, x, 1);
}

/* Orthogonalise the vector V against the columns [0, NC) of Q: classical
 * Gram-Schmidt twice, a third time if the second pass still cancelled
 * most of it.  COEF (NC values, when not NULL) gets the coefficients. */
static void orth_vec(lanczos *z, size_t nc, double *v, double *coef,
                     double *c2)
{
  size_t n = z->n, ld = z->ld;
  if (coef)
    memset(coef, 0, nc * sizeof *coef);
  if (nc == 0)
    return;
  double before = norm2(v, n);
  for (int pass = 0; pass < 3; pass++) {
    cblas_dgemv(CblasRowMajor, CblasTrans, (int) n, (int) nc, 1, z->Q->data,
                (int) ld, v, 1, 0, c2, 1);
    cblas_dgemv(CblasRowMajor, CblasNoTrans, (int) n, (int) nc, -1,
                z->Q->data, (int) ld, c2, 1, 1, v, 1);
    if (coef)
      for (size_t i = 0; i < nc; i++)
        coef[i] += c2[i];
    double after = norm2(v, n);
    if (pass >= 1 && after > 0.5 * before)
      break;
    before = after;
  }
}

/* Column C of Q as a new random unit vector orthogonal to columns [0, C). */
static void random_column(lanczos *z, size_t c, double *c2)
{
  size_t n = z->n;
  for (int tries = 0; tries < 10; tries++) {
    for (size_t i = 0; i < n; i++)
      z->v[i] = gsl_ran_gaussian(z->rng, 1);
    orth_vec(z, c, z->v, NULL, c2);
    double nrm = norm2(z->v, n);
    if (nrm > 1e-8 * sqrt((double) n)) {
      for (size_t i = 0; i < n; i++)
        z->Q->data[i * z->ld + c] = z->v[i] / nrm;
      return;
    }
  }
  /* Unreachable while the basis is much smaller than n (the dense path
   * takes small n): ten random vectors cannot all lie in the span. */
  for (size_t i = 0; i < n; i++)
    z->Q->data[i * z->ld + c] = 0;
}

/* A breakdown: the new direction is rounding noise, this much of H q. */
#define LZ_BREAKDOWN 1e-12

/* Apply H to the block Q[:, j .. j+b) and orthonormalise the result
 * against the basis Q[:, 0 .. j+b) into the next block Q[:, j+b .. j+2b);
 * T gets column block j and the next block's coupling. */
static int expand(lanczos *z, nn_objective *o, size_t j, nn_err *err)
{
  size_t n = z->n, b = z->b, ld = z->ld, nc = j + b;
  double *Qd = z->Q->data, *Wd = z->W->data, *T = z->T;
  gsl_matrix_view blk = gsl_matrix_submatrix(z->Q, 0, j, n, b);
  int status = nn_objective_hvp_keep(o, &z->hw, &blk.matrix, z->W, err);
  if (status != NN_OK)
    return status;
  double hq[LZ_BLOCK_MAX], c2[LZ_BLOCK_MAX + 1];
  for (size_t c = 0; c < b; c++)
    hq[c] = cblas_dnrm2((int) n, Wd + c, (int) b);

  /* Block Gram-Schmidt against the basis, twice: C = Q^T W, W -= Q C. */
  memset(z->C, 0, nc * b * sizeof *z->C);
  for (int pass = 0; pass < 2; pass++) {
    double *cc = z->C + ld * b;  /* the second half of C's buffer */
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int) nc, (int) b,
                (int) n, 1, Qd, (int) ld, Wd, (int) b, 0, cc, (int) b);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) n, (int) b,
                (int) nc, -1, Qd, (int) ld, cc, (int) b, 1, Wd, (int) b);
    for (size_t i = 0; i < nc * b; i++)
      z->C[i] += cc[i];
  }
  for (size_t r = j + b; r < j + 2 * b; r++)  /* stale coupling rows */
    memset(T + r * ld, 0, ld * sizeof *T);
  for (size_t c = 0; c < b; c++)
    for (size_t r = 0; r < nc; r++)
      T[r * ld + j + c] = z->C[r * b + c];

  /* Then each column against the new ones before it (QR of the block). */
  double *coef = z->C + 2 * ld * b;  /* room for nc + b coefficients */
  for (size_t c = 0; c < b; c++) {
    size_t col = nc + c;
    for (size_t i = 0; i < n; i++)
      z->v[i] = Wd[i * b + c];
    double nrm = norm2(z->v, n);
    if (nrm < 1e-6 * hq[c])  /* heavy cancellation: once more against all */
      orth_vec(z, col, z->v, coef, coef + col);
    else {
      memset(coef, 0, col * sizeof *coef);
      if (c > 0) {  /* against the new columns, twice */
        for (int pass = 0; pass < 2; pass++) {
          cblas_dgemv(CblasRowMajor, CblasTrans, (int) n, (int) c, 1,
                      Qd + nc, (int) ld, z->v, 1, 0, c2, 1);
          cblas_dgemv(CblasRowMajor, CblasNoTrans, (int) n, (int) c, -1,
                      Qd + nc, (int) ld, c2, 1, 1, z->v, 1);
          for (size_t r = 0; r < c; r++)
            coef[nc + r] += c2[r];
        }
      }
    }
    for (size_t r = 0; r < nc; r++)  /* only the extra pass adds here */
      T[r * ld + j + c] += coef[r];
    for (size_t r = 0; r < c; r++)
      T[(nc + r) * ld + j + c] = coef[nc + r];
    nrm = norm2(z->v, n);
    if (!(nrm > LZ_BREAKDOWN * hq[c]) || nrm == 0) {
      /* H q lies in the basis (to rounding): an invariant subspace.  The
       * coupling is zero; go on from a fresh direction. */
      T[col * ld + j + c] = 0;
      random_column(z, col, coef);
    } else {
      T[col * ld + j + c] = nrm;
      for (size_t i = 0; i < n; i++)
        Qd[i * ld + col] = z->v[i] / nrm;
    }
  }
  return NN_OK;
}

int nn_hessian_lanczos(nn_objective *o, size_t k, int top, double tol,
                       size_t maxit, gsl_rng *rng, double *eig,
                       gsl_matrix *vecs, nn_err *err)
{
  return nn_hessian_lanczos_info(o, k, top, tol, maxit, rng, eig, vecs, NULL,
                                 err);
}

int nn_hessian_lanczos_info(nn_objective *o, size_t k, int top, double tol,
                            size_t maxit, gsl_rng *rng, double *eig,
                            gsl_matrix *vecs, nn_lanczos_info *info,
                            nn_err *err)
{
  size_t n = o->n;
  nn_lanczos_info dummy;
  if (info == NULL)
    info = &dummy;
  memset(info, 0, sizeof *info);
  if (k == 0 || k > n)
    return nn_err_set(err, NN_EINVAL, "%zu eigenvalues asked of a Hessian "
                      "of %zu parameters", k, n);
  size_t b = k < LZ_BLOCK_MAX ? k : LZ_BLOCK_MAX;
  size_t mmax = 2 * k + 20 > 60 ? 2 * k + 20 : 60;
  if (mmax < k + 3 * b)
    mmax = k + 3 * b;  /* room to keep k + b vectors and grow */
  if (n <= mmax + b) {
    info->dense = 1;
    info->products = n;
    return dense_extremes(o, k, top, eig, vecs, err);
  }
  info->block = b;

  lanczos z = {0};
  z.n = n;
  z.b = b;
  z.ld = mmax + b;
  z.rng = rng;
  size_t ld = z.ld;
  z.Q = gsl_matrix_alloc(n, ld);
  z.W = gsl_matrix_alloc(n, b);
  z.T = calloc(ld * ld, sizeof *z.T);
  z.C = malloc((3 * ld * b + 2 * ld) * sizeof *z.C);
  z.v = malloc(n * sizeof *z.v);
  gsl_matrix *S = gsl_matrix_alloc(mmax, mmax), *Y = gsl_matrix_alloc(mmax, mmax);
  gsl_vector *theta = gsl_vector_alloc(mmax);
  double *strip = malloc(LZ_STRIP * mmax * sizeof *strip);
  double *cnew = malloc(b * mmax * sizeof *cnew);
  int status = NN_OK;
  if (!z.Q || !z.W || !z.T || !z.C || !z.v || !S || !Y || !theta || !strip ||
      !cnew) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }

  /* A random orthonormal starting block. */
  for (size_t c = 0; c < b; c++)
    random_column(&z, c, z.C);

  size_t j = 0, products = 0;  /* basis size; Hessian-vector products */
  for (;;) {
    if (j + b > mmax) {
      /* Thick restart (Krylov-Schur): keep the P most wanted Ritz vectors
       * Q Y[:, 0..p) of the last check, with the next block; their
       * projection is diag(theta), the block's coupling C Y[:, 0..p). */
      size_t p = (j + k) / 2;
      for (size_t r0 = 0; r0 < n; r0 += LZ_STRIP) {
        size_t rows = n - r0 < LZ_STRIP ? n - r0 : LZ_STRIP;
        double *Qr = z.Q->data + r0 * ld;
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) rows,
                    (int) p, (int) j, 1, Qr, (int) ld, Y->data, (int) Y->tda,
                    0, strip, (int) p);
        for (size_t i = 0; i < rows; i++) {
          memcpy(Qr + i * ld, strip + i * p, p * sizeof *strip);
          memcpy(Qr + i * ld + p, Qr + i * ld + j, b * sizeof *strip);
        }
      }
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) b, (int) p,
                  (int) j, 1, z.T + j * ld, (int) ld, Y->data, (int) Y->tda,
                  0, cnew, (int) p);
      memset(z.T, 0, ld * ld * sizeof *z.T);
      for (size_t i = 0; i < p; i++)
        z.T[i * ld + i] = gsl_vector_get(theta, i);
      for (size_t r = 0; r < b; r++)
        memcpy(z.T + (p + r) * ld, cnew + r * p, p * sizeof *cnew);
      j = p;
      info->restarts++;
    }
    if (maxit && products + b > maxit) {
      status = nn_err_set(err, NN_EDATA, "Lanczos iteration: the %s %zu "
                          "eigenvalue%s did not converge to %g in %zu "
                          "Hessian-vector products", top ? "top" : "bottom",
                          k, k == 1 ? "" : "s", tol, products);
      goto done;
    }
    if ((status = expand(&z, o, j, err)) != NN_OK)
      goto done;
    products += b;
    info->products = products;
    j += b;
    if (j > info->basis)
      info->basis = j;

    /* Ritz pairs of the projection, most wanted first, and their
     * residuals ||H x - theta x|| = ||C y|| with C the next block's
     * coupling. */
    gsl_matrix_view Sv = gsl_matrix_submatrix(S, 0, 0, j, j);
    gsl_matrix_view Yv = gsl_matrix_submatrix(Y, 0, 0, j, j);
    gsl_vector_view tv = gsl_vector_subvector(theta, 0, j);
    for (size_t r = 0; r < j; r++)
      for (size_t c = 0; c < j; c++) {
        double x = 0.5 * (z.T[r * ld + c] + z.T[c * ld + r]);
        if (!isfinite(x)) {
          status = nn_err_set(err, NN_EDATA, "the Hessian-vector products "
                              "are not finite");
          goto done;
        }
        Sv.matrix.data[r * Sv.matrix.tda + c] = x;
      }
    gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(j);
    if (ws == NULL) {
      status = nn_err_set(err, NN_ENOMEM, "out of memory");
      goto done;
    }
    gsl_eigen_symmv(&Sv.matrix, &tv.vector, &Yv.matrix, ws);
    gsl_eigen_symmv_free(ws);
    gsl_eigen_symmv_sort(&tv.vector, &Yv.matrix,
                         top ? GSL_EIGEN_SORT_VAL_DESC : GSL_EIGEN_SORT_VAL_ASC);
    if (j < k)
      continue;
    double anorm = fmax(fabs(gsl_vector_get(theta, 0)),
                        fabs(gsl_vector_get(theta, j - 1)));
    double worst = 0;  /* largest residual of the wanted pairs */
    for (size_t i = 0; i < k; i++) {
      double res = 0;
      for (size_t r = 0; r < b; r++) {
        double s = 0;
        for (size_t c = 0; c < j; c++)
          s += z.T[(j + r) * ld + c] * Y->data[c * Y->tda + i];
        res += s * s;
      }
      worst = fmax(worst, sqrt(res));
    }
    info->residual = anorm > 0 ? worst / anorm : 0;
    if (worst <= tol * anorm)
      break;
  }

  for (size_t i = 0; i < k; i++)
    eig[i] = gsl_vector_get(theta, i);
  if (vecs) {
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) n, (int) k,
                (int) j, 1, z.Q->data, (int) ld, Y->data, (int) Y->tda, 0,
                vecs->data, (int) vecs->tda);
    fix_signs(vecs);
  }
done:
  nn_hvp_free(z.hw);
  if (z.Q)
    gsl_matrix_free(z.Q);
  if (z.W)
    gsl_matrix_free(z.W);
  free(z.T);
  free(z.C);
  free(z.v);
  if (S)
    gsl_matrix_free(S);
  if (Y)
    gsl_matrix_free(Y);
  if (theta)
    gsl_vector_free(theta);
  free(strip);
  free(cnew);
  return status;
}
