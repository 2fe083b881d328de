/* critical.h -- what the Hessian says about a point of a loss (NOTES.md
 * §2): its eigen-decomposition, the counts of positive, negative and zero
 * eigenvalues, the verdict (local minimum, local maximum, saddle point,
 * degenerate, not a critical point), the escape direction, and the loss
 * over a grid of two directions (named parameters, extreme eigenvectors,
 * or random filter-normalised directions, Li et al. 2018) for pictures of
 * the surface.  nn-hessian(1) is its tool; the man page states every rule
 * given here.
 *
 * Near a point theta', NOTES.md §2:
 *   L(theta) ~ L(theta') + (theta - theta')^T g + 1/2 (theta - theta')^T H (theta - theta')
 * At a critical point g = 0 and the sign of v^T H v (v = theta - theta')
 * decides: every eigenvalue of H positive, a local minimum; every one
 * negative, a local maximum; both signs, a saddle point.  When some
 * eigenvalue is zero and the others have one sign, the quadratic term is
 * zero along a direction and the terms of third and higher order decide,
 * which the second-order test cannot see: the point is "degenerate".
 */
#ifndef NN_CRITICAL_H
#define NN_CRITICAL_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>

#include "error.h"
#include "objective.h"
#include "table.h"

/* Defaults of nn-hessian's --tol and --grad-tol. */
#define NN_CRITICAL_TOL 1e-8
#define NN_CRITICAL_GRAD_TOL 1e-6

typedef enum {
  NN_VERDICT_LOCAL_MINIMUM,  /* critical; every eigenvalue positive */
  NN_VERDICT_LOCAL_MAXIMUM,  /* critical; every eigenvalue negative */
  NN_VERDICT_SADDLE_POINT,   /* critical; a positive and a negative one */
  NN_VERDICT_DEGENERATE,     /* critical; some zero, the others of one sign
                                (or none): the second-order test cannot
                                decide */
  NN_VERDICT_NOT_CRITICAL,   /* the gradient norm is above grad_tol */
  NN_VERDICT_UNDECIDED       /* a partial spectrum that cannot tell */
} nn_verdict;

/* "local-minimum", "local-maximum", "saddle-point", "degenerate",
 * "not-critical", "undecided". */
const char *nn_verdict_name(nn_verdict v);

/* What the eigenvalues (all of them, or the extremes) say about a point. */
typedef struct nn_critical {
  size_t n;              /* eigenvalues in all (parameters) */
  double grad_norm;      /* |g| at the point */
  double lambda_min;     /* smallest eigenvalue; NAN when not known */
  double lambda_max;     /* largest eigenvalue; NAN when not known */
  double threshold;      /* tol max|lambda|: |lambda| <= threshold counts as
                            zero; NAN when max|lambda| is not known */
  int counted;           /* the counts below are known */
  size_t positive;       /* eigenvalues > threshold */
  size_t negative;       /* eigenvalues < -threshold */
  size_t zero;           /* |eigenvalue| <= threshold */
  double minimum_ratio;  /* positive / n (NAN when not counted) */
  nn_verdict verdict;    /* the verdict, NN_VERDICT_UNDECIDED when the
                            known eigenvalues cannot decide */
} nn_critical;

/* Classify from the full spectrum EVAL (N values, any order) at a point of
 * gradient norm GRAD_NORM: zero means |lambda| <= TOL max|lambda|; not
 * critical when GRAD_NORM > GRAD_TOL (the counts are still made). */
void nn_critical_classify(const double *eval, size_t n, double grad_norm,
                          double tol, double grad_tol, nn_critical *c);

/* Classify from part of the spectrum of N eigenvalues: the smallest one
 * LAMBDA_MIN and the largest LAMBDA_MAX, either NAN when not known.  With
 * both known everything is decided (lambda_min and lambda_max bound every
 * eigenvalue, and max|lambda| is the larger of their magnitudes); the
 * counts are known when every eigenvalue has one sign or all are zero.
 * With one end only max|lambda| is unknown, so no eigenvalue can be called
 * zero or not: the verdict is not-critical or undecided. */
void nn_critical_classify_partial(size_t n, double lambda_min,
                                  double lambda_max, double grad_norm,
                                  double tol, double grad_tol,
                                  nn_critical *c);

/* The eigenvalues of the symmetric matrix H (n x n, the lower triangle is
 * used), ascending, into EVAL (n); when EVEC is not NULL (n x n), the unit
 * eigenvectors as its columns, in the same order, each signed by
 * nn_critical_sign.  gsl_eigen_symmv, or gsl_eigen_symm (several times
 * faster) when EVEC is NULL.  H is overwritten.  NN_EDATA when H is not
 * finite, NN_ENOMEM. */
int nn_critical_eigen(gsl_matrix *H, double *eval, gsl_matrix *evec,
                      nn_err *err);

/* The unit eigenvector U (n values) of the symmetric matrix H (n x n, not
 * changed) for its smallest eigenvalue LAMBDA, or with LARGEST for its
 * largest, LAMBDA known (from nn_critical_eigen) and SCALE = max|lambda|:
 * inverse iteration with the shift sigma = LAMBDA -+ 1e-6 SCALE, which
 * makes +-(H - sigma I) positive definite, solved by its Cholesky factor
 * (O(n^3 / 3) once, O(n^2) per iteration: much cheaper than every
 * eigenvector by gsl_eigen_symmv).  Signed by nn_critical_sign.  When
 * LAMBDA is one of several (nearly) equal eigenvalues, U is a unit vector
 * of their eigenspace.  NN_ENOMEM, or NN_EDATA when H - sigma I is not
 * definite (LAMBDA was not the extreme eigenvalue). */
int nn_critical_extreme_vector(const gsl_matrix *H, double lambda,
                               double scale, int largest, double *u,
                               nn_err *err);

/* Sign the vector U (N values, stride STRIDE) so that its first component
 * of largest magnitude is positive ("first": components within 1e-9 of
 * the largest magnitude count as largest).  An eigenvector is defined up
 * to its sign; this fixes one. */
void nn_critical_sign(double *u, size_t n, size_t stride);

/* The sign (+1 or -1) that makes s U a descent direction at a point of
 * gradient G: -1 when g.u > 0, +1 when g.u < 0, and +1 (U as signed by
 * nn_critical_sign) when g.u = 0, as at an exact critical point. */
double nn_critical_escape_sign(const double *g, const double *u, size_t n);

/* The escape step (NOTES.md §2): for u an eigenvector of H with lambda < 0,
 * u^T H u = lambda |u|^2 < 0, so L(theta' + t u) < L(theta') for small t.
 * Moves o->theta by STEP along S U, where U is a unit vector (N = o->n)
 * and S = +1 or -1: the sign whose loss is lower, and on a tie the sign
 * SIGN0 (nn_critical_escape_sign).  *BEFORE and *AFTER get the losses and
 * *SIGN the sign taken; o->theta is left at the new point.  NN_EDATA when
 * the loss there is not finite (o->theta is then restored). */
int nn_critical_escape(nn_objective *o, const double *u, double sign0,
                       double step, double *before, double *after,
                       double *sign, nn_err *err);

/* The full Hessian of O at o->theta (an n x n matrix, the caller frees
 * it), refused with NN_EDATA when n > MAX_PARAMS (the message points to
 * --top and --bottom) or when it is not finite; *ASYM as in
 * nn_hessian_full. */
gsl_matrix *nn_critical_hessian(nn_objective *o, size_t max_params,
                                double *asym, nn_err *err);

/* What nn_spectrum_compute finds beyond the eigenvalues (flags). */
enum {
  NN_SPECTRUM_ALL = 1,      /* every eigenvector (gsl_eigen_symmv) */
  NN_SPECTRUM_MIN = 2,      /* the eigenvector of the smallest eigenvalue */
  NN_SPECTRUM_MIN_NEG = 4,  /* the same, only when it is negative */
  NN_SPECTRUM_MAX = 8       /* the eigenvector of the largest */
};

/* How nn_spectrum_compute works. */
typedef struct nn_spectrum_opts {
  size_t top, bottom;   /* Lanczos for the TOP largest and BOTTOM smallest
                           eigenvalues; both 0: the full Hessian */
  size_t max_params;    /* refuse a full Hessian of more parameters */
  double tol;           /* zero: |lambda| <= tol max|lambda| */
  double grad_tol;      /* critical: |g| <= grad_tol */
  double lanczos_tol;   /* Lanczos' relative accuracy */
  size_t lanczos_maxit; /* Lanczos' most Hessian-vector products, each */
  int need;             /* NN_SPECTRUM_* flags */
  void (*progress)(void *ctx, const char *stage);  /* each stage, or NULL */
  void *ctx;            /* passed to progress */
} nn_spectrum_opts;

/* The eigenvalues found at a point: all of them (full), or the extremes
 * (Lanczos), with the eigenvectors asked for. */
typedef struct nn_spectrum {
  size_t n;            /* parameters */
  int full;            /* all eigenvalues (else the extremes) */
  double *eval;        /* full: the n eigenvalues, ascending */
  gsl_matrix *vec;     /* full, NN_SPECTRUM_ALL: n x n eigenvectors */
  double *vmin;        /* full: the smallest eigenvalue's vector, or NULL */
  double *vmax;        /* full: the largest eigenvalue's vector, or NULL */
  size_t nb, nt;       /* Lanczos: how many smallest, largest */
  double *bot;         /* the nb smallest, ascending */
  double *top;         /* the nt largest, descending */
  gsl_matrix *bvec;    /* their eigenvectors (n x nb), */
  gsl_matrix *tvec;    /*   (n x nt), each signed by nn_critical_sign */
} nn_spectrum;

/* The spectrum of the Hessian of O at o->theta as OPT asks into *SP, and
 * what it says about the point (gradient norm GRAD_NORM) into *C: the
 * full Hessian (nn_critical_hessian, nn_critical_eigen and, for single
 * vectors, nn_critical_extreme_vector), or Lanczos (nn_hessian_lanczos,
 * its start drawn from RNG) with nn_critical_classify_partial.  NN_EDATA
 * for more eigenvalues asked of Lanczos than there are parameters. */
int nn_spectrum_compute(nn_objective *o, const nn_spectrum_opts *opt,
                        gsl_rng *rng, double grad_norm, nn_spectrum *sp,
                        nn_critical *c, nn_err *err);

/* The eigenvector of the smallest (or, when LARGEST, the largest)
 * eigenvalue found into U (n values): 1, or 0 when SP has not got it. */
int nn_spectrum_vector(const nn_spectrum *sp, int largest, double *u);

void nn_spectrum_free(nn_spectrum *sp);

/* The indices of the K components of U (N values) largest in magnitude,
 * largest first, equal magnitudes in index order, into IDX (K); returns
 * min(K, N). */
size_t nn_critical_top_components(const double *u, size_t n, size_t k,
                                  size_t *idx);

/* The index of the parameter named NAME of O into *K: NN_EDATA naming
 * OPT when there is none. */
int nn_critical_find_param(const nn_objective *o, const char *name,
                           const char *opt, size_t *k, nn_err *err);

/* Random directions (Li et al. 2018, "Visualizing the Loss Landscape of
 * Neural Nets", filter normalisation): D1 and, when D2 is not NULL, D2 (n
 * values each) drawn from N(0, 1) in the flat order from RNG, D1 first.
 * For a model, each filter -- the weights into one unit, row i of W_l,
 * together with that unit's bias b_l[i] -- is scaled to the norm of the
 * same filter of o->theta, so a step of 1 along the direction changes
 * every unit by about its own size; a unit whose parameters are all zero
 * is not moved.  For a built-in function (no filters) D1 is scaled to unit
 * length and D2 made orthogonal to it, then to unit length. */
void nn_critical_random_dirs(const nn_objective *o, gsl_rng *rng, double *d1,
                             double *d2);

/* One axis of a grid: N values from LO to HI, evenly spaced. */
typedef struct nn_grid_axis {
  double lo;   /* first value */
  double hi;   /* last value (> lo) */
  size_t n;    /* number of values (>= 2) */
} nn_grid_axis;

/* Parse "X0:X1:N" or "X0:X1:N,Y0:Y1:M" (option OPT, for messages) into
 * AX[0] and AX[1]; *NAXES gets 1 or 2.  NN_EINVAL on a bad spec. */
int nn_grid_parse(const char *spec, const char *opt, nn_grid_axis ax[2],
                  size_t *naxes, nn_err *err);

/* Value I of axis A: lo + (hi - lo) i / (n - 1), so the ends are exact. */
double nn_grid_value(const nn_grid_axis *a, size_t i);

/* The loss at o->theta + x D1 + y D2 for every x of AX[0] and, when NAXES
 * is 2, every y of AX[1], into LOSS (x outer, y inner: LOSS[i * ny + j]).
 * o->theta is restored after.  NN_EDATA naming the point when a loss is not
 * finite. */
int nn_critical_grid(nn_objective *o, const nn_grid_axis *ax, size_t naxes,
                     const double *d1, const double *d2, double *loss,
                     nn_err *err);

/* -- nn-hessian's tables (nn-hessian(1)) --------------------------------------
 * Each function below computes what its table shows at o->theta and writes
 * it to W, a TSV writer; OPT says how the spectrum is found, as for
 * nn_spectrum_compute (its need field is ignored: each asks for what it
 * shows), and its progress callback hears each stage.  Nothing is written
 * when a function fails. */

/* |G| (N values), computed as max|g_k| |G / max|g_k|| so that it neither
 * overflows nor underflows: the grad_norm of the tables (0 for N = 0,
 * infinite or NAN when a component is). */
double nn_critical_grad_norm(const double *g, size_t n);

/* The summary, a 'quantity value' table: loss (LOSS), grad_norm
 * (GRAD_NORM, the norm of GRAD), params, then what the spectrum knows:
 * lambda_min, lambda_max, positive, negative, zero, minimum_ratio, verdict,
 * and escape[NAME] rows (the largest components, at most 10, of the
 * escape direction signed by nn_critical_escape_sign) when an eigenvalue
 * is known to be negative.  The errors of nn_spectrum_compute. */
int nn_critical_write_summary(nn_writer *w, nn_objective *o,
                              const nn_spectrum_opts *opt, gsl_rng *rng,
                              double loss, const double *grad,
                              double grad_norm, nn_err *err);

/* The eigenvalues found, a table 'k eigenvalue' with k their place in the
 * whole spectrum, ascending (with Lanczos, the smallest and the largest
 * only).  The errors of nn_spectrum_compute. */
int nn_critical_write_spectrum(nn_writer *w, nn_objective *o,
                               const nn_spectrum_opts *opt, gsl_rng *rng,
                               double grad_norm, nn_err *err);

/* The eigenvectors found: a row per parameter (index, param), a column
 * v<k> per eigenvector, k as in nn_critical_write_spectrum.  The errors
 * of nn_spectrum_compute, NN_ENOMEM. */
int nn_critical_write_vectors(nn_writer *w, nn_objective *o,
                              const nn_spectrum_opts *opt, gsl_rng *rng,
                              double grad_norm, nn_err *err);

/* The full Hessian, rows and columns by parameter name (a 'param' column,
 * then one per parameter).  The errors of nn_critical_hessian. */
int nn_critical_write_matrix(nn_writer *w, nn_objective *o,
                             const nn_spectrum_opts *opt, nn_err *err);

/* nn_hessian_check of the full Hessian (entries below 1e-6 max|H| count
 * absolutely), a 'quantity value' table: params, asymmetry,
 * worst_relative_error, worst_row, worst_column.  The errors of
 * nn_critical_hessian and nn_hessian_check. */
int nn_critical_write_check(nn_writer *w, nn_objective *o,
                            const nn_spectrum_opts *opt, nn_err *err);

/* nn_critical_escape by STEP along the eigenvector of the smallest
 * eigenvalue, a 'quantity value' table: lambda_min, step, loss_before,
 * loss_after, for a function the new point (at, "x,y"), and the escape
 * rows of the direction taken.  o->theta is left at the new point (for a
 * model, m->theta: the moved model).  NN_EDATA "--escape: no negative
 * eigenvalue (lambda_min = L), so no escape direction" when none is known
 * to be negative (below -threshold, or below 0 when the threshold is not
 * known); the errors of nn_spectrum_compute and nn_critical_escape. */
int nn_critical_write_escape(nn_writer *w, nn_objective *o,
                             const nn_spectrum_opts *opt, gsl_rng *rng,
                             const double *grad, double grad_norm,
                             double step, nn_err *err);

/* The directions of a grid (nn-hessian --dirs). */
typedef enum {
  NN_DIRS_DEFAULT,  /* the parameters when there are as many as axes, else
                       NN_DIRS_EIG */
  NN_DIRS_PARAMS,   /* parameters by name */
  NN_DIRS_EIG,      /* the eigenvectors of the smallest and the largest
                       eigenvalues */
  NN_DIRS_RANDOM    /* nn_critical_random_dirs, drawn from RNG */
} nn_grid_dirs;

/* The loss over the grid AX (NAXES axes) along DIRS (nn_critical_grid), a
 * table x[, y], loss, x outer; with parameters as directions the columns
 * are named by them and hold their values (theta_k + x).  NAMES: with
 * NN_DIRS_PARAMS, NAXES parameter names, or NULL for the first NAXES
 * parameters; otherwise not used.  NN_EDATA for a 2-D grid of one
 * parameter or an unknown name (nn_critical_find_param, naming --dirs),
 * NN_EINVAL for eigenvectors from Lanczos without --bottom (and --top for
 * two axes), the errors of nn_spectrum_compute and nn_critical_grid,
 * NN_ENOMEM. */
int nn_critical_write_grid(nn_writer *w, nn_objective *o,
                           const nn_spectrum_opts *opt, gsl_rng *rng,
                           double grad_norm, const nn_grid_axis *ax,
                           size_t naxes, nn_grid_dirs dirs,
                           const char *const *names, nn_err *err);

#endif
