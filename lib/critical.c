/* critical.c -- the second-order test at a point of a loss, the escape
 * step, and loss surfaces (critical.h, NOTES.md §2).
 *
 * Eigenvalues: GSL's symmetric eigensolvers (gsl_eigen_symm, and
 * gsl_eigen_symmv for the vectors: Householder tridiagonalisation, then
 * implicit symmetric QR; Golub & Van Loan, "Matrix Computations", 4th ed.,
 * §8.3); for two parameters one Jacobi rotation (ibid., Algorithm 8.5.1).
 * Single eigenvectors of the extreme eigenvalues: inverse iteration with a
 * shifted Cholesky factorisation (ibid., §8.2.2).  Extreme eigenvalues of
 * large models: Lanczos iteration in lib/hessian.c.
 * Random directions: the filter normalisation of Li, Xu, Taylor, Studer &
 * Goldstein 2018, "Visualizing the Loss Landscape of Neural Nets"
 * (NeurIPS), §4.
 */
#include <config.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>

#include "critical.h"
#include "hessian.h"
#include "model.h"
#include "number.h"
#include "table.h"

/* The most points a grid may have: its losses are held in memory. */
#define GRID_MAX_POINTS 10000000

/* The components of the escape direction a table shows, at most. */
#define ESCAPE_ROWS 10

/* nn_critical_write_check: entries below this times max|H| count
 * absolutely. */
#define CHECK_FLOOR 1e-6

const char *nn_verdict_name(nn_verdict v)
{
  switch (v) {
  case NN_VERDICT_LOCAL_MINIMUM: return "local-minimum";
  case NN_VERDICT_LOCAL_MAXIMUM: return "local-maximum";
  case NN_VERDICT_SADDLE_POINT: return "saddle-point";
  case NN_VERDICT_DEGENERATE: return "degenerate";
  case NN_VERDICT_NOT_CRITICAL: return "not-critical";
  case NN_VERDICT_UNDECIDED: return "undecided";
  }
  return "?";
}

/* Not critical unless |g| <= grad_tol (a NaN gradient norm is not). */
static int is_critical(double grad_norm, double grad_tol)
{
  return grad_norm <= grad_tol;
}

/* NOTES.md §2: at a critical point (g = 0) the sign of v^T H v decides --
 * all eigenvalues positive, a local minimum; all negative, a local
 * maximum; both signs, a saddle point.  With a positive and a negative
 * eigenvalue the point is a saddle whatever the higher-order terms: along
 * the two eigenvectors L(theta' + t u) = L(theta') + lambda t^2 / 2 + O(t^3)
 * rises and falls.  With a zero eigenvalue and no pair of opposite signs
 * the quadratic term vanishes along the null direction and the cubic and
 * quartic terms decide (x^2 + y^4 is a minimum, x^2 + y^3 is not, and both
 * have the eigenvalues 2 and 0 at the origin): degenerate. */
void nn_critical_classify(const double *eval, size_t n, double grad_norm,
                          double tol, double grad_tol, nn_critical *c)
{
  double maxabs = 0, lo = INFINITY, hi = -INFINITY;
  for (size_t k = 0; k < n; k++) {
    maxabs = fmax(maxabs, fabs(eval[k]));
    lo = fmin(lo, eval[k]);
    hi = fmax(hi, eval[k]);
  }
  memset(c, 0, sizeof *c);
  c->n = n;
  c->grad_norm = grad_norm;
  c->lambda_min = n ? lo : NAN;
  c->lambda_max = n ? hi : NAN;
  c->threshold = tol * maxabs;
  c->counted = 1;
  for (size_t k = 0; k < n; k++) {
    if (eval[k] > c->threshold)
      c->positive++;
    else if (eval[k] < -c->threshold)
      c->negative++;
    else
      c->zero++;
  }
  c->minimum_ratio = n ? (double) c->positive / (double) n : NAN;
  if (!is_critical(grad_norm, grad_tol))
    c->verdict = NN_VERDICT_NOT_CRITICAL;
  else if (c->positive && c->negative)
    c->verdict = NN_VERDICT_SADDLE_POINT;
  else if (c->zero || n == 0)
    c->verdict = NN_VERDICT_DEGENERATE;
  else if (c->negative == 0)
    c->verdict = NN_VERDICT_LOCAL_MINIMUM;
  else
    c->verdict = NN_VERDICT_LOCAL_MAXIMUM;
}

void nn_critical_classify_partial(size_t n, double lambda_min,
                                  double lambda_max, double grad_norm,
                                  double tol, double grad_tol,
                                  nn_critical *c)
{
  memset(c, 0, sizeof *c);
  c->n = n;
  c->grad_norm = grad_norm;
  c->lambda_min = lambda_min;
  c->lambda_max = lambda_max;
  c->threshold = NAN;
  c->minimum_ratio = NAN;
  c->verdict = is_critical(grad_norm, grad_tol) ? NN_VERDICT_UNDECIDED
                                                : NN_VERDICT_NOT_CRITICAL;
  if (isnan(lambda_min) || isnan(lambda_max))
    return;
  /* Every eigenvalue lies in [lambda_min, lambda_max], so max|lambda| is
   * the larger of the two magnitudes and the signs present are known. */
  double t = tol * fmax(fabs(lambda_min), fabs(lambda_max));
  c->threshold = t;
  if (lambda_min > t) {
    c->counted = 1;
    c->positive = n;
  } else if (lambda_max < -t) {
    c->counted = 1;
    c->negative = n;
  } else if (lambda_min >= -t && lambda_max <= t) {
    c->counted = 1;
    c->zero = n;
  }
  if (c->counted)
    c->minimum_ratio = n ? (double) c->positive / (double) n : NAN;
  if (c->verdict == NN_VERDICT_NOT_CRITICAL)
    return;
  if (lambda_min < -t && lambda_max > t)
    c->verdict = NN_VERDICT_SADDLE_POINT;
  else if (lambda_min > t)
    c->verdict = NN_VERDICT_LOCAL_MINIMUM;
  else if (lambda_max < -t)
    c->verdict = NN_VERDICT_LOCAL_MAXIMUM;
  else
    c->verdict = NN_VERDICT_DEGENERATE;
}

void nn_critical_sign(double *u, size_t n, size_t stride)
{
  double big = 0;
  for (size_t k = 0; k < n; k++)
    big = fmax(big, fabs(u[k * stride]));
  for (size_t k = 0; k < n; k++) {
    if (fabs(u[k * stride]) >= big * (1 - 1e-9)) {
      if (u[k * stride] < 0)
        for (size_t j = 0; j < n; j++)
          u[j * stride] = -u[j * stride];
      return;
    }
  }
}

/* One or two parameters (the built-in functions, the notes' two-weight
 * network): one Jacobi rotation diagonalises [[a, b], [b, c]] (Golub & Van
 * Loan, "Matrix Computations", 4th ed., Algorithm 8.5.1): with
 * tau = (c - a) / 2b and t = sign(tau) / (|tau| + sqrt(1 + tau^2)) (1 when
 * tau = 0), the eigenvalues are a - t b and c + t b, the eigenvectors the
 * columns of the rotation (cs, -sn) and (sn, cs), cs = 1/sqrt(1 + t^2),
 * sn = t cs: orthonormal by construction.  It is exact where the notes'
 * numbers are: [[0, -2], [-2, 0]] gives -2 and 2 (QR iteration gives
 * -2 + 4e-16), [[2, 2], [2, 2]] gives 0 and 4. */
static void eigen2(const gsl_matrix *H, double *eval, gsl_matrix *evec)
{
  if (H->size1 == 1) {
    eval[0] = H->data[0];
    if (evec)
      evec->data[0] = 1;
    return;
  }
  double a = H->data[0], b = H->data[H->tda], c = H->data[H->tda + 1];
  double cs = 1, sn = 0, l1 = a, l2 = c;
  if (b != 0) {
    double tau = (c - a) / (2 * b);
    double t = tau == 0 ? 1 : (tau > 0 ? 1 : -1) / (fabs(tau) + hypot(1, tau));
    cs = 1 / hypot(1, t);
    sn = t * cs;
    l1 = a - t * b;
    l2 = c + t * b;
  }
  /* (l1, (cs, -sn)) and (l2, (sn, cs)), the smaller first */
  int swap = l2 < l1;
  eval[0] = swap ? l2 : l1;
  eval[1] = swap ? l1 : l2;
  if (evec == NULL)
    return;
  double u[2][2] = {{cs, -sn}, {sn, cs}};
  for (size_t k = 0; k < 2; k++) {
    const double *v = u[swap ? 1 - k : k];
    evec->data[k] = v[0];
    evec->data[evec->tda + k] = v[1];
    nn_critical_sign(evec->data + k, 2, evec->tda);
  }
}

int nn_critical_eigen(gsl_matrix *H, double *eval, gsl_matrix *evec,
                      nn_err *err)
{
  size_t n = H->size1;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j <= i; j++)
      if (!isfinite(H->data[i * H->tda + j]))
        return nn_err_set(err, NN_EDATA, "the Hessian is not finite here");
  if (n == 0)
    return NN_OK;
  if (n <= 2) {
    eigen2(H, eval, evec);
    return NN_OK;
  }
  gsl_vector_view ev = gsl_vector_view_array(eval, n);
  int status;
  /* Non-convergence is reported, not aborted on. */
  gsl_error_handler_t *old;
  if (evec) {
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(n);
    if (w == NULL)
      return nn_err_set(err, NN_ENOMEM, "out of memory");
    old = gsl_set_error_handler_off();
    status = gsl_eigen_symmv(H, &ev.vector, evec, w);
    gsl_set_error_handler(old);
    gsl_eigen_symmv_free(w);
    if (status == GSL_SUCCESS) {
      gsl_eigen_symmv_sort(&ev.vector, evec, GSL_EIGEN_SORT_VAL_ASC);
      for (size_t k = 0; k < n; k++)
        nn_critical_sign(evec->data + k, n, evec->tda);
    }
  } else {
    gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(n);
    if (w == NULL)
      return nn_err_set(err, NN_ENOMEM, "out of memory");
    old = gsl_set_error_handler_off();
    status = gsl_eigen_symm(H, &ev.vector, w);
    gsl_set_error_handler(old);
    gsl_eigen_symm_free(w);
    if (status == GSL_SUCCESS)
      gsl_sort(eval, 1, n);
  }
  if (status != GSL_SUCCESS)
    return nn_err_set(err, NN_EDATA, "the eigenvalues did not converge (%s)",
                      gsl_strerror(status));
  return NN_OK;
}

/* Inverse iteration (Wilkinson; Golub & Van Loan, "Matrix Computations",
 * 4th ed., §8.2.2 and §8.4.4): x_{k+1} = A^{-1} x_k / |A^{-1} x_k| with
 * A = +-(H - sigma I) converges to the eigenvector of the eigenvalue
 * nearest sigma, by the factor (lambda - sigma) / (lambda_2 - sigma) per
 * step: with sigma 1e-6 max|lambda| beyond the extreme eigenvalue and a
 * gap of 1e-3 max|lambda| to the next one, that is 1e-3, and a few steps
 * reach rounding. */
int nn_critical_extreme_vector(const gsl_matrix *H, double lambda,
                               double scale, int largest, double *u,
                               nn_err *err)
{
  size_t n = H->size1;
  if (n <= 2) {  /* the closed form, as nn_critical_eigen */
    double ev[2];
    double v[4];
    gsl_matrix_view V = gsl_matrix_view_array(v, n, n);
    eigen2(H, ev, &V.matrix);
    for (size_t k = 0; k < n; k++)
      u[k] = v[k * n + (largest ? n - 1 : 0)];
    return NN_OK;
  }
  if (!(scale > 0)) {  /* H = 0: every vector is an eigenvector */
    memset(u, 0, n * sizeof *u);
    u[0] = 1;
    return NN_OK;
  }
  gsl_matrix *A = gsl_matrix_alloc(n, n);
  gsl_vector *x = gsl_vector_alloc(n), *y = gsl_vector_alloc(n);
  int status = NN_OK;
  if (A == NULL || x == NULL || y == NULL) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  double s = largest ? -1 : 1, delta = 1e-6 * scale;
  int tries = 0;
  for (;;) {  /* A = s (H - sigma I), sigma = lambda - s delta */
    gsl_matrix_memcpy(A, H);
    gsl_matrix_scale(A, s);
    for (size_t i = 0; i < n; i++)
      A->data[i * A->tda + i] -= s * lambda - delta;
    /* A failed factorisation is an answer here, not an error to abort
     * on: GSL's handler is off while it runs. */
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int chol = gsl_linalg_cholesky_decomp1(A);
    gsl_set_error_handler(old);
    if (chol == GSL_SUCCESS)
      break;
    if (++tries == 3) {
      status = nn_err_set(err, NN_EDATA, "no eigenvector for %g: it is not "
                          "the %s eigenvalue", lambda,
                          largest ? "largest" : "smallest");
      goto done;
    }
    delta *= 10;
  }
  /* A fixed start with no symmetry: 1 + (k mod 7) / 10. */
  for (size_t k = 0; k < n; k++)
    gsl_vector_set(x, k, 1 + (double) (k % 7) / 10);
  gsl_vector_scale(x, 1 / gsl_blas_dnrm2(x));
  for (int it = 0; it < 100; it++) {
    gsl_vector_memcpy(y, x);
    gsl_linalg_cholesky_svx(A, y);
    double norm = gsl_blas_dnrm2(y);
    if (!(norm > 0) || !isfinite(norm))
      break;
    gsl_vector_scale(y, 1 / norm);
    double change = 0;
    for (size_t k = 0; k < n; k++) {
      double dk = gsl_vector_get(y, k) - gsl_vector_get(x, k);
      change += dk * dk;
    }
    gsl_vector_memcpy(x, y);
    if (sqrt(change) < 1e-13)  /* the direction has settled */
      break;
  }
  for (size_t k = 0; k < n; k++)
    u[k] = gsl_vector_get(x, k);
  nn_critical_sign(u, n, 1);
done:
  if (A)
    gsl_matrix_free(A);
  if (x)
    gsl_vector_free(x);
  if (y)
    gsl_vector_free(y);
  return status;
}

double nn_critical_escape_sign(const double *g, const double *u, size_t n)
{
  double dot = 0;
  for (size_t k = 0; k < n; k++)
    dot += g[k] * u[k];
  return dot > 0 ? -1 : 1;
}

/* The loss at SAVE + s U (s = step times sign) into *L. */
static int loss_along(nn_objective *o, const double *save, const double *u,
                      double s, double *l, nn_err *err)
{
  for (size_t k = 0; k < o->n; k++)
    o->theta[k] = save[k] + s * u[k];
  return nn_objective_value(o, l, NULL, err);
}

int nn_critical_escape(nn_objective *o, const double *u, double sign0,
                       double step, double *before, double *after,
                       double *sign, nn_err *err)
{
  size_t n = o->n;
  double *save = malloc((n ? n : 1) * sizeof *save), lp, lm;
  if (save == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  memcpy(save, o->theta, n * sizeof *save);
  int status = nn_objective_value(o, before, NULL, err);
  if (status == NN_OK)
    status = loss_along(o, save, u, step, &lp, err);
  if (status == NN_OK)
    status = loss_along(o, save, u, -step, &lm, err);
  if (status != NN_OK) {
    memcpy(o->theta, save, n * sizeof *save);
    free(save);
    return status;
  }
  /* The lower of the two losses; a tie (a symmetric surface, as the notes'
   * example) keeps SIGN0. */
  double s = sign0;
  if (isfinite(lp) && (!isfinite(lm) || lp < lm))
    s = 1;
  else if (isfinite(lm) && (!isfinite(lp) || lm < lp))
    s = -1;
  *sign = s;
  *after = s > 0 ? lp : lm;
  for (size_t k = 0; k < n; k++)
    o->theta[k] = save[k] + s * step * u[k];
  if (!isfinite(*after)) {
    memcpy(o->theta, save, n * sizeof *save);
    free(save);
    return nn_err_set(err, NN_EDATA, "the loss is not finite after an escape "
                      "step of %g: try a smaller step", step);
  }
  free(save);
  return NN_OK;
}

/* BYTES as "800 MB", "1.28 GB". */
static void human_size(char *buf, size_t size, double bytes)
{
  static const char *unit[] = {"bytes", "kB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000 && u < 4) {
    bytes /= 1000;
    u++;
  }
  snprintf(buf, size, "%.3g %s", bytes, unit[u]);
}

gsl_matrix *nn_critical_hessian(nn_objective *o, size_t max_params,
                                double *asym, nn_err *err)
{
  size_t n = o->n;
  if (n > max_params) {
    char mem[32];
    human_size(mem, sizeof mem, (double) n * (double) n * 8);
    nn_err_set(err, NN_EDATA, "%zu parameters: the full Hessian (%zu x %zu, "
               "%s) is over --max-params %zu; use --top K or --bottom K "
               "(Lanczos), or raise --max-params", n, n, n, mem, max_params);
    return NULL;
  }
  gsl_matrix *H = gsl_matrix_alloc(n ? n : 1, n ? n : 1);
  if (H == NULL) {
    nn_err_set(err, NN_ENOMEM, "out of memory");
    return NULL;
  }
  if (nn_hessian_full(o, H, asym, err) != NN_OK) {
    gsl_matrix_free(H);
    return NULL;
  }
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      if (!isfinite(H->data[i * H->tda + j])) {
        gsl_matrix_free(H);
        nn_err_set(err, NN_EDATA, "the Hessian is not finite %s",
                   o->m ? "at the model's parameters" : "at this point");
        return NULL;
      }
  return H;
}

static void stage(const nn_spectrum_opts *opt, const char *fmt, ...)
  __attribute__((format(printf, 2, 3)));
static void stage(const nn_spectrum_opts *opt, const char *fmt, ...)
{
  if (opt->progress == NULL)
    return;
  char buf[160];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  opt->progress(opt->ctx, buf);
}

/* nn_critical_hessian, announced as a stage when it is not refused. */
static gsl_matrix *full_hessian(nn_objective *o, const nn_spectrum_opts *opt,
                                double *asym, nn_err *err)
{
  if (o->n <= opt->max_params)
    stage(opt, "the Hessian: %zu x %zu, by Hessian-vector products", o->n,
          o->n);
  return nn_critical_hessian(o, opt->max_params, asym, err);
}

/* The extremes by Lanczos. */
static int spectrum_lanczos(nn_objective *o, const nn_spectrum_opts *opt,
                            gsl_rng *rng, nn_spectrum *sp, nn_err *err)
{
  size_t n = o->n;
  for (int t = 0; t < 2; t++) {
    size_t k = t ? opt->top : opt->bottom;
    if (k > n)
      return nn_err_set(err, NN_EDATA, "%s %zu: there are only %zu "
                        "parameters", t ? "--top" : "--bottom", k, n);
  }
  if (opt->top + opt->bottom > n)
    return nn_err_set(err, NN_EDATA, "--top %zu and --bottom %zu ask for "
                      "more eigenvalues than the %zu there are; use the full "
                      "Hessian", opt->top, opt->bottom, n);
  for (int t = 0; t < 2; t++) {
    size_t k = t ? opt->top : opt->bottom;
    if (k == 0)
      continue;
    double *e = malloc(k * sizeof *e);
    gsl_matrix *v = gsl_matrix_alloc(n, k);
    if (e == NULL || v == NULL) {
      free(e);
      if (v)
        gsl_matrix_free(v);
      return nn_err_set(err, NN_ENOMEM, "out of memory");
    }
    if (t) {
      sp->nt = k, sp->top = e, sp->tvec = v;
    } else {
      sp->nb = k, sp->bot = e, sp->bvec = v;
    }
    stage(opt, "Lanczos: the %zu %s eigenvalue%s of %zu", k,
          t ? "largest" : "smallest", k == 1 ? "" : "s", n);
    int status = nn_hessian_lanczos(o, k, t, opt->lanczos_tol,
                                    opt->lanczos_maxit, rng, e, v, err);
    if (status != NN_OK)
      return status;
    for (size_t j = 0; j < k; j++)
      nn_critical_sign(v->data + j, n, v->tda);
  }
  return NN_OK;
}

/* The eigenvector of an extreme eigenvalue of H into *U (allocated). */
static int spectrum_vector(const nn_spectrum_opts *opt, const gsl_matrix *H,
                           const nn_spectrum *sp, int largest, double **u,
                           nn_err *err)
{
  size_t n = sp->n;
  if ((*u = malloc((n ? n : 1) * sizeof **u)) == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  stage(opt, "the eigenvector of the %s eigenvalue",
        largest ? "largest" : "smallest");
  double scale = fmax(fabs(sp->eval[0]), fabs(sp->eval[n - 1]));
  return nn_critical_extreme_vector(H, sp->eval[largest ? n - 1 : 0], scale,
                                    largest, *u, err);
}

int nn_spectrum_compute(nn_objective *o, const nn_spectrum_opts *opt,
                        gsl_rng *rng, double grad_norm, nn_spectrum *sp,
                        nn_critical *c, nn_err *err)
{
  size_t n = o->n;
  memset(sp, 0, sizeof *sp);
  sp->n = n;
  if (opt->top || opt->bottom) {
    int status = spectrum_lanczos(o, opt, rng, sp, err);
    if (status != NN_OK)
      return status;
    nn_critical_classify_partial(n, sp->nb ? sp->bot[0] : NAN,
                                 sp->nt ? sp->top[0] : NAN, grad_norm,
                                 opt->tol, opt->grad_tol, c);
    return NN_OK;
  }
  sp->full = 1;
  gsl_matrix *H = full_hessian(o, opt, NULL, err);
  if (H == NULL)
    return err ? err->status : NN_EDATA;
  gsl_matrix *A = gsl_matrix_alloc(H->size1, H->size2);
  sp->eval = malloc((n ? n : 1) * sizeof *sp->eval);
  int status = NN_OK;
  if (A == NULL || sp->eval == NULL) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  /* The eigenvalues from a copy: H is kept for the vectors. */
  gsl_matrix_memcpy(A, H);
  stage(opt, "eigenvalues");
  if ((status = nn_critical_eigen(A, sp->eval, NULL, err)) != NN_OK)
    goto done;
  gsl_matrix_free(A);
  A = NULL;
  nn_critical_classify(sp->eval, n, grad_norm, opt->tol, opt->grad_tol, c);
  int need = opt->need;
  if (((need & NN_SPECTRUM_MIN) ||
       ((need & NN_SPECTRUM_MIN_NEG) && c->negative > 0)) &&
      (status = spectrum_vector(opt, H, sp, 0, &sp->vmin, err)) != NN_OK)
    goto done;
  if ((need & NN_SPECTRUM_MAX) &&
      (status = spectrum_vector(opt, H, sp, 1, &sp->vmax, err)) != NN_OK)
    goto done;
  if (need & NN_SPECTRUM_ALL) {
    double *ev = malloc((n ? n : 1) * sizeof *ev);
    sp->vec = gsl_matrix_alloc(H->size1, H->size2);
    if (ev == NULL || sp->vec == NULL) {
      free(ev);
      status = nn_err_set(err, NN_ENOMEM, "out of memory");
      goto done;
    }
    stage(opt, "eigenvectors");
    status = nn_critical_eigen(H, ev, sp->vec, err);  /* H is used up */
    free(ev);
  }
done:
  if (A)
    gsl_matrix_free(A);
  gsl_matrix_free(H);
  return status;
}

int nn_spectrum_vector(const nn_spectrum *sp, int largest, double *u)
{
  size_t n = sp->n;
  const double *v = largest ? sp->vmax : sp->vmin;
  if (sp->full && v) {
    memcpy(u, v, n * sizeof *u);
    return 1;
  }
  const gsl_matrix *V = sp->full ? sp->vec : largest ? sp->tvec : sp->bvec;
  if (V == NULL)
    return 0;
  size_t col = sp->full && largest ? n - 1 : 0;
  for (size_t k = 0; k < n; k++)
    u[k] = V->data[k * V->tda + col];
  return 1;
}

void nn_spectrum_free(nn_spectrum *sp)
{
  free(sp->eval);
  free(sp->vmin);
  free(sp->vmax);
  free(sp->bot);
  free(sp->top);
  if (sp->vec)
    gsl_matrix_free(sp->vec);
  if (sp->bvec)
    gsl_matrix_free(sp->bvec);
  if (sp->tvec)
    gsl_matrix_free(sp->tvec);
  memset(sp, 0, sizeof *sp);
}

size_t nn_critical_top_components(const double *u, size_t n, size_t k,
                                  size_t *idx)
{
  size_t m = k < n ? k : n;
  if (m == 0)
    return 0;
  /* Selection by insertion into the sorted list of the best m so far:
   * O(n m), and m is small (nn-hessian shows 10). */
  size_t have = 0;
  for (size_t i = 0; i < n; i++) {
    double a = fabs(u[i]);
    if (have == m && !(a > fabs(u[idx[m - 1]])))
      continue;
    size_t p = have < m ? have++ : m - 1;
    while (p > 0 && a > fabs(u[idx[p - 1]])) {
      idx[p] = idx[p - 1];
      p--;
    }
    idx[p] = i;
  }
  return m;
}

int nn_critical_find_param(const nn_objective *o, const char *name,
                           const char *opt, size_t *k, nn_err *err)
{
  char buf[64];
  for (size_t i = 0; i < o->n; i++) {
    nn_objective_param_name(o, i, buf, sizeof buf);
    if (strcmp(buf, name) == 0) {
      *k = i;
      return NN_OK;
    }
  }
  char first[64], last[64];
  nn_objective_param_name(o, 0, first, sizeof first);
  nn_objective_param_name(o, o->n - 1, last, sizeof last);
  if (o->n <= 2)
    return nn_err_set(err, NN_EDATA, "%s: no parameter named '%s' (the "
                      "parameters: %s%s%s)", opt, name, first,
                      o->n == 2 ? ", " : "", o->n == 2 ? last : "");
  return nn_err_set(err, NN_EDATA, "%s: no parameter named '%s' (the "
                    "parameters: %s, ..., %s)", opt, name, first, last);
}

/* Scale D's filter -- the NW weights from W0 on and, when BIAS is not
 * NULL, the entry *BIAS -- to the norm of the same entries of THETA. */
static void filter_scale(double *d, const double *theta, size_t w0,
                         size_t nw, const size_t *bias)
{
  double dn = 0, tn = 0;
  for (size_t j = 0; j < nw; j++) {
    dn += d[w0 + j] * d[w0 + j];
    tn += theta[w0 + j] * theta[w0 + j];
  }
  if (bias) {
    dn += d[*bias] * d[*bias];
    tn += theta[*bias] * theta[*bias];
  }
  double s = dn > 0 ? sqrt(tn / dn) : 0;
  for (size_t j = 0; j < nw; j++)
    d[w0 + j] *= s;
  if (bias)
    d[*bias] *= s;
}

/* Li et al. 2018, §4: d_{i,j} <- d_{i,j} / |d_{i,j}| |theta_{i,j}| for
 * each filter j of layer i; the filters of a fully connected layer are its
 * units. */
static void filter_normalise(const nn_model *m, const double *theta,
                             double *d)
{
  for (size_t l = 1; l <= m->nlayers; l++) {
    size_t wo = nn_model_weight_offset(m, l), bo = nn_model_bias_offset(m, l);
    size_t in = m->width[l - 1];
    for (size_t i = 0; i < m->width[l]; i++) {
      size_t b = bo + i;
      filter_scale(d, theta, wo + i * in, in, m->bias ? &b : NULL);
    }
  }
}

static double norm2(const double *v, size_t n)
{
  double s = 0;
  for (size_t k = 0; k < n; k++)
    s += v[k] * v[k];
  return sqrt(s);
}

static void unit(double *v, size_t n)
{
  double s = norm2(v, n);
  for (size_t k = 0; s > 0 && k < n; k++)
    v[k] /= s;
}

void nn_critical_random_dirs(const nn_objective *o, gsl_rng *rng, double *d1,
                             double *d2)
{
  size_t n = o->n;
  for (size_t k = 0; k < n; k++)
    d1[k] = gsl_ran_gaussian(rng, 1.0);
  for (size_t k = 0; d2 && k < n; k++)
    d2[k] = gsl_ran_gaussian(rng, 1.0);
  if (o->m) {
    filter_normalise(o->m, o->theta, d1);
    if (d2)
      filter_normalise(o->m, o->theta, d2);
    return;
  }
  unit(d1, n);
  if (d2) {
    double dot = 0;
    for (size_t k = 0; k < n; k++)
      dot += d1[k] * d2[k];
    for (size_t k = 0; k < n; k++)
      d2[k] -= dot * d1[k];
    unit(d2, n);
  }
}

/* Parse one axis "X0:X1:N" (LEN bytes at S). */
static int parse_axis(const char *s, size_t len, nn_grid_axis *a)
{
  char buf[128];
  if (len >= sizeof buf)
    return -1;
  memcpy(buf, s, len);
  buf[len] = '\0';
  char *c1 = strchr(buf, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
  if (c2 == NULL || strchr(c2 + 1, ':'))
    return -1;
  *c1 = *c2 = '\0';
  if (nn_number_parse(buf, strlen(buf), &a->lo) != NN_NUMBER_OK ||
      nn_number_parse(c1 + 1, strlen(c1 + 1), &a->hi) != NN_NUMBER_OK)
    return -1;
  const char *p = c2 + 1;
  if (*p == '\0' || strlen(p) > 9)
    return -1;
  a->n = 0;
  for (; *p; p++) {
    if (*p < '0' || *p > '9')
      return -1;
    a->n = a->n * 10 + (size_t) (*p - '0');
  }
  return 0;
}

int nn_grid_parse(const char *spec, const char *opt, nn_grid_axis ax[2],
                  size_t *naxes, nn_err *err)
{
  const char *comma = strchr(spec, ',');
  size_t len0 = comma ? (size_t) (comma - spec) : strlen(spec);
  *naxes = comma ? 2 : 1;
  if (parse_axis(spec, len0, &ax[0]) != 0 ||
      (comma && parse_axis(comma + 1, strlen(comma + 1), &ax[1]) != 0))
    return nn_err_set(err, NN_EINVAL, "%s: '%s' is not X0:X1:N or "
                      "X0:X1:N,Y0:Y1:M (numbers X0 < X1, counts N >= 2)",
                      opt, spec);
  for (size_t i = 0; i < *naxes; i++) {
    if (!(ax[i].lo < ax[i].hi))
      return nn_err_set(err, NN_EINVAL, "%s: '%s': the first value of an "
                        "axis must be below the last", opt, spec);
    if (ax[i].n < 2)
      return nn_err_set(err, NN_EINVAL, "%s: '%s': an axis needs at least 2 "
                        "points", opt, spec);
  }
  double points = (double) ax[0].n * (*naxes == 2 ? (double) ax[1].n : 1);
  if (points > GRID_MAX_POINTS)
    return nn_err_set(err, NN_EINVAL, "%s: '%s': %.0f points, more than "
                      "%d", opt, spec, points, GRID_MAX_POINTS);
  return NN_OK;
}

double nn_grid_value(const nn_grid_axis *a, size_t i)
{
  if (i == a->n - 1)
    return a->hi;
  return a->lo + (a->hi - a->lo) * (double) i / (double) (a->n - 1);
}

int nn_critical_grid(nn_objective *o, const nn_grid_axis *ax, size_t naxes,
                     const double *d1, const double *d2, double *loss,
                     nn_err *err)
{
  size_t n = o->n, nx = ax[0].n, ny = naxes == 2 ? ax[1].n : 1;
  double *save = malloc((n ? n : 1) * sizeof *save);
  if (save == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  memcpy(save, o->theta, n * sizeof *save);
  int status = NN_OK;
  for (size_t i = 0; i < nx && status == NN_OK; i++) {
    double x = nn_grid_value(&ax[0], i);
    for (size_t j = 0; j < ny && status == NN_OK; j++) {
      double y = naxes == 2 ? nn_grid_value(&ax[1], j) : 0;
      for (size_t k = 0; k < n; k++)
        o->theta[k] = save[k] + x * d1[k] + (naxes == 2 ? y * d2[k] : 0);
      double *l = &loss[i * ny + j];
      status = nn_objective_value(o, l, NULL, err);
      if (status == NN_OK && !isfinite(*l)) {
        char xs[NN_NUMBER_BUFSIZE], ys[NN_NUMBER_BUFSIZE];
        nn_number_format(xs, x);
        nn_number_format(ys, y);
        status = naxes == 2
          ? nn_err_set(err, NN_EDATA, "--grid: the loss is not finite at "
                       "x = %s, y = %s", xs, ys)
          : nn_err_set(err, NN_EDATA, "--grid: the loss is not finite at "
                       "x = %s", xs);
      }
    }
  }
  memcpy(o->theta, save, n * sizeof *save);
  free(save);
  return status;
}

/* -- nn-hessian's tables ----------------------------------------------------- */

double nn_critical_grad_norm(const double *g, size_t n)
{
  double big = 0, s = 0;
  for (size_t k = 0; k < n; k++)
    big = fmax(big, fabs(g[k]));
  if (big == 0 || !isfinite(big))
    return big;
  for (size_t k = 0; k < n; k++)
    s += (g[k] / big) * (g[k] / big);
  return big * sqrt(s);
}

/* OPT with NEED for what a table shows. */
static nn_spectrum_opts needing(const nn_spectrum_opts *opt, int need)
{
  nn_spectrum_opts so = *opt;
  so.need = need;
  return so;
}

/* The rows escape[NAME] of the ESCAPE_ROWS largest components of S U. */
static void escape_rows(nn_writer *w, const nn_objective *o, const double *u,
                        double s)
{
  size_t idx[ESCAPE_ROWS];
  size_t m = nn_critical_top_components(u, o->n, ESCAPE_ROWS, idx);
  for (size_t i = 0; i < m; i++) {
    char name[64], row[80];
    nn_objective_param_name(o, idx[i], name, sizeof name);
    snprintf(row, sizeof row, "escape[%s]", name);
    nn_writer_quantity(w, row, s * u[idx[i]] + 0.0);
  }
}

/* The rows of the summary, and the escape rows of S U when U is not
 * NULL. */
static void summary_rows(nn_writer *w, double loss, const nn_critical *c,
                         const nn_objective *o, const double *u, double s)
{
  nn_writer_pair(w, "quantity", "value");
  nn_writer_quantity(w, "loss", loss);
  nn_writer_quantity(w, "grad_norm", c->grad_norm);
  nn_writer_quantity(w, "params", (double) c->n);
  if (!isnan(c->lambda_min))
    nn_writer_quantity(w, "lambda_min", c->lambda_min);
  if (!isnan(c->lambda_max))
    nn_writer_quantity(w, "lambda_max", c->lambda_max);
  if (c->counted) {
    nn_writer_quantity(w, "positive", (double) c->positive);
    nn_writer_quantity(w, "negative", (double) c->negative);
    nn_writer_quantity(w, "zero", (double) c->zero);
    nn_writer_quantity(w, "minimum_ratio", c->minimum_ratio);
  }
  if (c->verdict != NN_VERDICT_UNDECIDED)
    nn_writer_pair(w, "verdict", nn_verdict_name(c->verdict));
  if (u)
    escape_rows(w, o, u, s);
}

int nn_critical_write_summary(nn_writer *w, nn_objective *o,
                              const nn_spectrum_opts *opt, gsl_rng *rng,
                              double loss, const double *grad,
                              double grad_norm, nn_err *err)
{
  size_t n = o->n;
  double *u = malloc((n ? n : 1) * sizeof *u);
  if (u == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  nn_spectrum sp;
  nn_critical c;
  nn_spectrum_opts so = needing(opt, NN_SPECTRUM_MIN_NEG);
  int status = nn_spectrum_compute(o, &so, rng, grad_norm, &sp, &c, err);
  if (status == NN_OK) {
    /* The escape direction, when an eigenvalue is known to be negative:
     * below -threshold, which a partial spectrum knows only with both
     * ends. */
    int have = sp.full ? c.negative > 0
               : !isnan(c.threshold) && c.lambda_min < -c.threshold;
    if (have)
      have = nn_spectrum_vector(&sp, 0, u);
    summary_rows(w, loss, &c, o, have ? u : NULL,
                 have ? nn_critical_escape_sign(grad, u, n) : 1);
  }
  nn_spectrum_free(&sp);
  free(u);
  return status;
}

/* The eigenvalues of SP: (k, eigenvalue), k their place in the whole
 * spectrum, ascending. */
static int eigenvalue_rows(nn_writer *w, const nn_objective *o,
                           const nn_spectrum *sp, nn_err *err)
{
  (void) o;
  (void) err;
  nn_writer_pair(w, "k", "eigenvalue");
  if (sp->full) {
    for (size_t k = 0; k < sp->n; k++) {
      nn_writer_number(w, (double) (k + 1));
      nn_writer_number(w, sp->eval[k]);
      nn_writer_end(w);
    }
    return NN_OK;
  }
  for (size_t k = 0; k < sp->nb; k++) {
    nn_writer_number(w, (double) (k + 1));
    nn_writer_number(w, sp->bot[k]);
    nn_writer_end(w);
  }
  for (size_t k = sp->nt; k-- > 0;) {
    nn_writer_number(w, (double) (sp->n - k));
    nn_writer_number(w, sp->top[k]);
    nn_writer_end(w);
  }
  return NN_OK;
}

/* The eigenvectors of SP: a row per parameter (index, name), a column v<k>
 * per eigenvector, k its place in the whole spectrum, ascending. */
static int vector_rows(nn_writer *w, const nn_objective *o,
                       const nn_spectrum *sp, nn_err *err)
{
  size_t n = sp->n;
  char name[64];
  /* Columns: (matrix, column, k) in ascending k. */
  size_t ncol = sp->full ? n : sp->nb + sp->nt;
  const gsl_matrix **mat = malloc((ncol ? ncol : 1) * sizeof *mat);
  size_t *col = malloc((ncol ? ncol : 1) * sizeof *col), c = 0;
  if (mat == NULL || col == NULL) {
    free(mat);
    free(col);
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  }
  nn_writer_string(w, "index");
  nn_writer_string(w, "param");
  if (sp->full) {
    for (size_t k = 0; k < n; k++, c++) {
      mat[c] = sp->vec;
      col[c] = k;
      snprintf(name, sizeof name, "v%zu", k + 1);
      nn_writer_string(w, name);
    }
  } else {
    for (size_t k = 0; k < sp->nb; k++, c++) {
      mat[c] = sp->bvec;
      col[c] = k;
      snprintf(name, sizeof name, "v%zu", k + 1);
      nn_writer_string(w, name);
    }
    for (size_t k = sp->nt; k-- > 0; c++) {
      mat[c] = sp->tvec;
      col[c] = k;
      snprintf(name, sizeof name, "v%zu", n - k);
      nn_writer_string(w, name);
    }
  }
  nn_writer_end(w);
  for (size_t i = 0; i < n; i++) {
    nn_writer_number(w, (double) (i + 1));
    nn_objective_param_name(o, i, name, sizeof name);
    nn_writer_string(w, name);
    for (c = 0; c < ncol; c++)
      nn_writer_number(w, mat[c]->data[i * mat[c]->tda + col[c]]);
    nn_writer_end(w);
  }
  free(mat);
  free(col);
  return NN_OK;
}

/* The spectrum with NEED, written by ROWS. */
static int spectrum_table(nn_writer *w, nn_objective *o,
                          const nn_spectrum_opts *opt, int need, gsl_rng *rng,
                          double grad_norm,
                          int (*rows)(nn_writer *, const nn_objective *,
                                      const nn_spectrum *, nn_err *),
                          nn_err *err)
{
  nn_spectrum sp;
  nn_critical c;
  nn_spectrum_opts so = needing(opt, need);
  int status = nn_spectrum_compute(o, &so, rng, grad_norm, &sp, &c, err);
  if (status == NN_OK)
    status = rows(w, o, &sp, err);
  nn_spectrum_free(&sp);
  return status;
}

int nn_critical_write_spectrum(nn_writer *w, nn_objective *o,
                               const nn_spectrum_opts *opt, gsl_rng *rng,
                               double grad_norm, nn_err *err)
{
  return spectrum_table(w, o, opt, 0, rng, grad_norm, eigenvalue_rows, err);
}

int nn_critical_write_vectors(nn_writer *w, nn_objective *o,
                              const nn_spectrum_opts *opt, gsl_rng *rng,
                              double grad_norm, nn_err *err)
{
  return spectrum_table(w, o, opt, NN_SPECTRUM_ALL, rng, grad_norm,
                        vector_rows, err);
}

int nn_critical_write_matrix(nn_writer *w, nn_objective *o,
                             const nn_spectrum_opts *opt, nn_err *err)
{
  gsl_matrix *H = full_hessian(o, opt, NULL, err);
  if (H == NULL)
    return err ? err->status : NN_EDATA;
  char name[64];
  nn_writer_string(w, "param");
  for (size_t j = 0; j < o->n; j++) {
    nn_objective_param_name(o, j, name, sizeof name);
    nn_writer_string(w, name);
  }
  nn_writer_end(w);
  for (size_t i = 0; i < o->n; i++) {
    nn_objective_param_name(o, i, name, sizeof name);
    nn_writer_string(w, name);
    for (size_t j = 0; j < o->n; j++)
      nn_writer_number(w, H->data[i * H->tda + j]);
    nn_writer_end(w);
  }
  gsl_matrix_free(H);
  return NN_OK;
}

int nn_critical_write_check(nn_writer *w, nn_objective *o,
                            const nn_spectrum_opts *opt, nn_err *err)
{
  double maxabs = 0, worst, asym;
  size_t row, col;
  gsl_matrix *H = full_hessian(o, opt, &asym, err);
  if (H == NULL)
    return err ? err->status : NN_EDATA;
  for (size_t i = 0; i < o->n; i++)
    for (size_t j = 0; j < o->n; j++)
      maxabs = fmax(maxabs, fabs(H->data[i * H->tda + j]));
  stage(opt, "central differences of the gradient");
  int status = nn_hessian_check(o, H, CHECK_FLOOR * (maxabs > 0 ? maxabs : 1),
                                &worst, &row, &col, err);
  gsl_matrix_free(H);
  if (status != NN_OK)
    return status;
  char rname[64], cname[64];
  nn_objective_param_name(o, row, rname, sizeof rname);
  nn_objective_param_name(o, col, cname, sizeof cname);
  nn_writer_pair(w, "quantity", "value");
  nn_writer_quantity(w, "params", (double) o->n);
  nn_writer_quantity(w, "asymmetry", asym);
  nn_writer_quantity(w, "worst_relative_error", worst);
  nn_writer_pair(w, "worst_row", rname);
  nn_writer_pair(w, "worst_column", cname);
  return NN_OK;
}

/* The point X (N values) as "x,y". */
static void format_point(char *buf, size_t size, const double *x, size_t n)
{
  size_t len = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < n; k++) {
    char num[NN_NUMBER_BUFSIZE];
    nn_number_format(num, x[k] + 0.0);
    len += (size_t) snprintf(buf + len, size > len ? size - len : 0, "%s%s",
                             k ? "," : "", num);
  }
}

/* The escape step's direction into U (n values) and its lambda_min. */
static int escape_direction(nn_objective *o, const nn_spectrum_opts *opt,
                            gsl_rng *rng, double grad_norm, double *u,
                            double *lmin, nn_err *err)
{
  nn_spectrum sp;
  nn_critical c;
  nn_spectrum_opts so = needing(opt, NN_SPECTRUM_MIN_NEG);
  int status = nn_spectrum_compute(o, &so, rng, grad_norm, &sp, &c, err);
  if (status != NN_OK) {
    nn_spectrum_free(&sp);
    return status;
  }
  *lmin = c.lambda_min;
  /* A negative eigenvalue: below -threshold when that is known (with
   * --bottom alone it is not: then below 0). */
  if (!(*lmin < 0) || (sp.full && c.negative == 0) ||
      (!isnan(c.threshold) && *lmin >= -c.threshold)) {
    char num[NN_NUMBER_BUFSIZE];
    nn_number_format(num, *lmin);
    nn_spectrum_free(&sp);
    return nn_err_set(err, NN_EDATA, "--escape: no negative eigenvalue "
                      "(lambda_min = %s), so no escape direction", num);
  }
  nn_spectrum_vector(&sp, 0, u);
  nn_spectrum_free(&sp);
  return NN_OK;
}

int nn_critical_write_escape(nn_writer *w, nn_objective *o,
                             const nn_spectrum_opts *opt, gsl_rng *rng,
                             const double *grad, double grad_norm,
                             double step, nn_err *err)
{
  size_t n = o->n;
  double *u = malloc((n ? n : 1) * sizeof *u), lmin, before, after, s;
  if (u == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  int status = escape_direction(o, opt, rng, grad_norm, u, &lmin, err);
  if (status == NN_OK)
    status = nn_critical_escape(o, u, nn_critical_escape_sign(grad, u, n),
                                step, &before, &after, &s, err);
  if (status == NN_OK) {
    nn_writer_pair(w, "quantity", "value");
    nn_writer_quantity(w, "lambda_min", lmin);
    nn_writer_quantity(w, "step", step);
    nn_writer_quantity(w, "loss_before", before);
    nn_writer_quantity(w, "loss_after", after);
    if (o->m == NULL) {
      char buf[2 * NN_NUMBER_BUFSIZE + 2];
      format_point(buf, sizeof buf, o->theta, n);
      nn_writer_pair(w, "at", buf);
    }
    escape_rows(w, o, u, s);
  }
  free(u);
  return status;
}

/* The grid's directions into D1 and D2 (n values each, D2 for a 2-D grid
 * only), and for DIRS the parameters the indices PK of NAMES. */
static int grid_dirs(nn_objective *o, const nn_spectrum_opts *opt,
                     gsl_rng *rng, double grad_norm, size_t naxes,
                     nn_grid_dirs dirs, const char *const *names,
                     size_t pk[2], double *d1, double *d2, nn_err *err)
{
  size_t n = o->n;
  memset(d1, 0, n * sizeof *d1);
  memset(d2, 0, n * sizeof *d2);
  if (dirs == NN_DIRS_PARAMS) {
    for (size_t a = 0; a < naxes; a++) {
      int status = nn_critical_find_param(o, names[a], "--dirs", &pk[a], err);
      if (status != NN_OK)
        return status;
      (a ? d2 : d1)[pk[a]] = 1;
    }
    return NN_OK;
  }
  if (dirs == NN_DIRS_RANDOM) {
    nn_critical_random_dirs(o, rng, d1, naxes == 2 ? d2 : NULL);
    return NN_OK;
  }
  /* eig: d1 the eigenvector of the smallest eigenvalue, d2 of the largest */
  if ((opt->top || opt->bottom) &&
      (!opt->bottom || (naxes == 2 && !opt->top)))
    return nn_err_set(err, NN_EINVAL, "--dirs eig with Lanczos needs "
                      "--bottom%s", naxes == 2 ? " and --top" : "");
  nn_spectrum sp;
  nn_critical c;
  nn_spectrum_opts so = needing(opt, NN_SPECTRUM_MIN |
                                     (naxes == 2 ? NN_SPECTRUM_MAX : 0));
  int status = nn_spectrum_compute(o, &so, rng, grad_norm, &sp, &c, err);
  if (status == NN_OK) {
    nn_spectrum_vector(&sp, 0, d1);
    if (naxes == 2)
      nn_spectrum_vector(&sp, 1, d2);
  }
  nn_spectrum_free(&sp);
  return status;
}

int nn_critical_write_grid(nn_writer *w, nn_objective *o,
                           const nn_spectrum_opts *opt, gsl_rng *rng,
                           double grad_norm, const nn_grid_axis *ax,
                           size_t naxes, nn_grid_dirs dirs,
                           const char *const *names, nn_err *err)
{
  size_t n = o->n, pk[2] = {0, 0};
  if (naxes == 2 && n < 2)
    return nn_err_set(err, NN_EDATA, "--grid: a 2-D grid needs two "
                      "parameters; there is one");
  /* By default the parameters when there are as many as axes, else eig;
   * the parameters by default are the first ones. */
  char first[2][64];
  const char *name[2] = {NULL, NULL};
  if (dirs == NN_DIRS_DEFAULT)
    dirs = n == naxes ? NN_DIRS_PARAMS : NN_DIRS_EIG;
  for (size_t a = 0; dirs == NN_DIRS_PARAMS && a < naxes; a++) {
    if (names) {
      name[a] = names[a];
    } else {
      nn_objective_param_name(o, a, first[a], sizeof first[a]);
      name[a] = first[a];
    }
  }
  size_t ny = naxes == 2 ? ax[1].n : 1;
  double *d1 = malloc((n ? n : 1) * sizeof *d1);
  double *d2 = malloc((n ? n : 1) * sizeof *d2);
  double *loss = malloc(ax[0].n * ny * sizeof *loss);
  int status = NN_OK;
  if (d1 == NULL || d2 == NULL || loss == NULL) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  status = grid_dirs(o, opt, rng, grad_norm, naxes, dirs, name, pk, d1, d2,
                     err);
  if (status != NN_OK)
    goto done;
  stage(opt, "the loss at %zu points", ax[0].n * ny);
  if ((status = nn_critical_grid(o, ax, naxes, d1, d2, loss, err)) != NN_OK)
    goto done;
  int params = dirs == NN_DIRS_PARAMS;
  for (size_t a = 0; a < naxes; a++)
    nn_writer_string(w, params ? name[a] : a ? "y" : "x");
  nn_writer_string(w, "loss");
  nn_writer_end(w);
  for (size_t i = 0; i < ax[0].n; i++) {
    double x = nn_grid_value(&ax[0], i);
    for (size_t j = 0; j < ny; j++) {
      /* With named parameters, their values: theta_k + x. */
      nn_writer_number(w, params ? o->theta[pk[0]] + x : x);
      if (naxes == 2) {
        double y = nn_grid_value(&ax[1], j);
        nn_writer_number(w, params ? o->theta[pk[1]] + y : y);
      }
      nn_writer_number(w, loss[i * ny + j]);
      nn_writer_end(w);
    }
  }
done:
  free(loss);
  free(d1);
  free(d2);
  return status;
}
