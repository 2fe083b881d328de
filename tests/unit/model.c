/* tests/unit/model.c -- Check suite for lib/model.h: the forward pass, the
 * backprop gradient, parameter names and flat order, architectures and
 * initialisation.
 *
 * The gradient is checked against an independent reference: a per-row,
 * loop-by-loop forward pass written here from the documented flat order,
 * in long double (64-bit significand on x86), differentiated by
 * Richardson-extrapolated central differences.  With long double the
 * difference quotient loses about 1e-19 / h of the loss instead of
 * 1e-16 / h, so the step can be small (h = 1e-4) and the reference is good
 * to about 1e-15 times the loss.  nn_gradcheck (what --gradcheck prints)
 * is run on the same nets as well.
 *
 * ReLU: a finite difference that straddles the kink at 0 is meaningless, so
 * a random net whose hidden pre-activations come within 1e-2 of 0 on a row
 * is redrawn (inputs are drawn away from 0 too).  Zero biases with inputs
 * exactly 0 (XOR's 0/1 inputs) sit exactly on the kink: not used here.
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "fixture.h"
#include "loss.h"
#include "model.h"
#include "train.h"
#include "unit.h"

typedef long double ld;

/* The reference's step and the size below which a gradient component is
 * compared absolutely (to 1e-6 of it): with a 64-bit significand the
 * reference is good to about 1e-15; where long double is double, to about
 * 1e-13 with the larger step. */
#if LDBL_MANT_DIG >= 64
#define REF_STEP 1e-4L
#define REF_FLOOR 1e-8
#else
#define REF_STEP 1e-3L
#define REF_FLOOR 1e-6
#endif

#define MAXW 8     /* widest layer of the random nets */
#define MAXP 512   /* most parameters of the random nets */

/* -- helpers ---------------------------------------------------------------- */

static nn_model *new_model(size_t nlayers, const size_t *width, nn_act act,
                           int bias, nn_loss loss)
{
  nn_model *m = nn_model_alloc(nlayers, width, act, bias, loss);
  ck_assert_ptr_nonnull(m);
  return m;
}

static ld ref_act(nn_act a, ld z)
{
  switch (a) {
  case NN_ACT_LINEAR: return z;
  case NN_ACT_RELU: return z > 0 ? z : 0;
  case NN_ACT_SIGMOID: return 1 / (1 + expl(-z));
  case NN_ACT_TANH: return tanhl(z);
  }
  return NAN;
}

/* The reference forward pass of one row X with parameters TH, read from the
 * flat order as documented in model.h: layer by layer, W_l row by row (row
 * i holds unit i's weights), then b_l.  *KINK gets the smallest |z| of a
 * hidden pre-activation when not NULL. */
static void ref_forward(const nn_model *m, const ld *th, const double *x,
                        ld *out, ld *kink)
{
  ld a[MAXW], z[MAXW];
  size_t off = 0;
  for (size_t j = 0; j < m->width[0]; j++)
    a[j] = x[j];
  for (size_t l = 1; l <= m->nlayers; l++) {
    size_t nin = m->width[l - 1], nout = m->width[l];
    const ld *W = th + off, *b = th + off + nout * nin;
    for (size_t i = 0; i < nout; i++) {
      ld s = m->bias ? b[i] : 0;
      for (size_t j = 0; j < nin; j++)
        s += W[i * nin + j] * a[j];
      z[i] = s;
    }
    off += nout * nin + (m->bias ? nout : 0);
    for (size_t i = 0; i < nout; i++) {
      if (l < m->nlayers && kink && fabsl(z[i]) < *kink)
        *kink = fabsl(z[i]);
      a[i] = l < m->nlayers ? ref_act(m->act, z[i]) : z[i];
    }
  }
  for (size_t i = 0; i < m->width[m->nlayers]; i++)
    out[i] = a[i];
}

/* The loss of one row's outputs Z (N of them), by the definitions in
 * model.h and NOTES.md §5, with the max shifted out of the exponentials. */
static ld ref_loss_row(nn_loss loss, const ld *z, size_t n, size_t k, ld y)
{
  if (loss == NN_LOSS_MSE)
    return (z[0] - y) * (z[0] - y);
  ld mx = z[0], sum = 0, e = 0;
  for (size_t j = 1; j < n; j++)
    mx = z[j] > mx ? z[j] : mx;
  for (size_t j = 0; j < n; j++)
    sum += expl(z[j] - mx);
  if (loss == NN_LOSS_XENT)
    return mx + logl(sum) - z[k];
  for (size_t j = 0; j < n; j++) {
    ld p = expl(z[j] - mx) / sum, r = p - (j == k);
    e += r * r;
  }
  return e;
}

/* Mean loss of the reference net over DS. */
static ld ref_loss(const nn_model *m, const ld *th, const nn_dataset *ds,
                   ld *kink)
{
  ld sum = 0, out[MAXW];
  for (size_t i = 0; i < ds->n; i++) {
    ref_forward(m, th, ds->x + i * ds->d, out, kink);
    sum += ref_loss_row(m->loss, out, m->width[m->nlayers],
                        ds->cls ? ds->cls[i] : 0, ds->y ? ds->y[i] : 0);
  }
  return sum / (ld) ds->n;
}

/* The reference gradient: Richardson's extrapolation of central differences
 * of ref_loss, (4 D(h/2) - D(h)) / 3 with step H, which cancels the h^2
 * term: truncation error O(h^4), rounding error about 1e-19 |L| / h. */
static void ref_gradient(const nn_model *m, const nn_dataset *ds, ld h,
                         ld *fd)
{
  ld th[MAXP];
  for (size_t k = 0; k < m->nparams; k++)
    th[k] = m->theta[k];
  for (size_t k = 0; k < m->nparams; k++) {
    ld t = th[k], f[4];
    static const ld at[4] = {-1, 1, -0.5L, 0.5L};
    for (int i = 0; i < 4; i++) {
      th[k] = t + at[i] * h;
      f[i] = ref_loss(m, th, ds, NULL);
    }
    th[k] = t;
    ld dh = (f[1] - f[0]) / (2 * h), dh2 = (f[3] - f[2]) / h;
    fd[k] = (4 * dh2 - dh) / 3;
  }
}

/* Worst of |g - fd| / max(|g|, |fd|, FLOOR) over the parameters. */
static double worst_relative(const double *g, const ld *fd, size_t n,
                             double floor, size_t *which)
{
  double worst = 0;
  for (size_t k = 0; k < n; k++) {
    double f = (double) fd[k];
    double rel = fabs(g[k] - f) / fmax(fmax(fabs(g[k]), fabs(f)), floor);
    if (!(rel <= worst)) {
      worst = rel;
      *which = k;
    }
  }
  return worst;
}

/* The backprop gradient of the mean loss over DS, in one batch. */
static double model_gradient(const nn_model *m, const nn_dataset *ds,
                             double *g)
{
  nn_work *w = nn_work_alloc(m, ds->n);
  ck_assert_ptr_nonnull(w);
  nn_target t = {ds->y, ds->cls};
  double loss = nn_model_loss(m, w, &ds->X.matrix, t, g);
  nn_work_free(w);
  return loss;
}

/* -- gradients against finite differences ----------------------------------- */

/* A random net of NH hidden layers for ACT, LOSS and BIAS, its parameters
 * N(0, 1/fan_in) (biases N(0, 0.25)), on N rows of 3 inputs in
 * +-[0.2, 2]; for ReLU, redrawn until no hidden pre-activation is within
 * 1e-2 of the kink.  Returns the model and *DS. */
static nn_model *random_net(gsl_rng *r, size_t nh, nn_act act, int bias,
                            nn_loss loss, nn_dataset **ds)
{
  enum { N = 6, D = 3 };
  size_t width[5] = {D};
  size_t K = loss == NN_LOSS_MSE ? 1 : 2 + gsl_rng_uniform_int(r, 3);
  for (size_t l = 1; l <= nh; l++)
    width[l] = 2 + gsl_rng_uniform_int(r, 4);
  width[nh + 1] = K;
  nn_model *m = new_model(nh + 1, width, act, bias, loss);
  ck_assert(m->nparams <= MAXP);
  for (int attempt = 0; attempt < 100; attempt++) {
    double x[N * D], y[N];
    size_t cls[N];
    fx_random_problem(m, r, N, K, x, y, cls);
    *ds = fx_dataset(N, D, x, loss == NN_LOSS_MSE ? y : NULL,
                     loss == NN_LOSS_MSE ? NULL : cls, K);
    ld th[MAXP], kink = INFINITY;
    for (size_t k = 0; k < m->nparams; k++)
      th[k] = m->theta[k];
    ref_loss(m, th, *ds, &kink);
    if (act != NN_ACT_RELU || kink > 1e-2)
      return m;
    nn_dataset_free(*ds);
  }
  ck_abort_msg("no ReLU net away from the kink in 100 draws");
  return NULL;
}

START_TEST(gradient_matches_finite_differences)
{
  /* Every activation x loss x bias x 1-3 hidden layers, 3 seeds each. */
  static const nn_act acts[] = {NN_ACT_LINEAR, NN_ACT_RELU, NN_ACT_SIGMOID,
                                NN_ACT_TANH};
  static const nn_loss losses[] = {NN_LOSS_MSE, NN_LOSS_XENT,
                                   NN_LOSS_SOFTMAX_MSE};
  double worst_ref = 0, worst_check = 0;
  int nets = 0;
  for (size_t a = 0; a < 4; a++)
    for (size_t lo = 0; lo < 3; lo++)
      for (int bias = 0; bias <= 1; bias++)
        for (size_t nh = 1; nh <= 3; nh++)
          for (unsigned long seed = 1; seed <= 3; seed++) {
            gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
            gsl_rng_set(r, seed * 1000 + a * 100 + lo * 10 + nh * 2 + bias);
            nn_dataset *ds;
            nn_model *m = random_net(r, nh, acts[a], bias, losses[lo], &ds);
            double g[MAXP];
            ld fd[MAXP];
            model_gradient(m, ds, g);
            ref_gradient(m, ds, REF_STEP, fd);
            size_t k = 0;
            /* Components below REF_FLOOR are compared absolutely. */
            double rel = worst_relative(g, fd, m->nparams, REF_FLOOR, &k);
            char name[64];
            nn_model_param_name(m, k, name, sizeof name);
            ASSERT_TRUE(rel < 1e-6, "%s, %s, bias %d, %zu hidden, seed %lu: "
                        "%s: backprop %.17g, reference %.17Lg (rel. %g)",
                        nn_act_name(acts[a]), nn_loss_name(losses[lo]), bias,
                        nh, seed, name, g[k], fd[k], rel);
            worst_ref = fmax(worst_ref, rel);
            /* What --gradcheck prints: the library's own check. */
            double worst;
            nn_err err;
            ck_assert_int_eq(nn_gradcheck(m, ds, 1e-6, &worst, &k, &err), NN_OK);
            ASSERT_TRUE(worst < 1e-6, "nn_gradcheck: %s, %s, bias %d, "
                        "%zu hidden, seed %lu: %g at parameter %zu",
                        nn_act_name(acts[a]), nn_loss_name(losses[lo]), bias,
                        nh, seed, worst, k);
            worst_check = fmax(worst_check, worst);
            nets++;
            nn_dataset_free(ds);
            nn_model_free(m);
            gsl_rng_free(r);
          }
  ck_assert_int_eq(nets, 4 * 3 * 2 * 3 * 3);
  printf("gradient: %d nets, worst relative error %.3g against the long "
         "double reference, %.3g by nn_gradcheck\n", nets, worst_ref,
         worst_check);
}
END_TEST

START_TEST(gradcheck_sees_a_wrong_gradient)
{
  /* nn_gradcheck must be able to fail: a ReLU net with a row on the kink
   * (zero bias, input 0) has a one-sided backprop gradient there, and the
   * central difference is the mean of both sides. */
  const size_t width[3] = {1, 1, 1};
  nn_model *m = new_model(2, width, NN_ACT_RELU, 1, NN_LOSS_MSE);
  m->theta[0] = 1;   /* W1 */
  m->theta[1] = 0;   /* b1: z1 = x + 0 = 0 for x = 0 */
  m->theta[2] = 1;   /* W2 */
  m->theta[3] = 0;   /* b2 */
  nn_dataset *ds = fx_dataset(1, 1, (const double[]){0}, (const double[]){1},
                              NULL, 0);
  double worst;
  size_t which;
  ck_assert_int_eq(nn_gradcheck(m, ds, 1e-6, &worst, &which, NULL), NN_OK);
  ck_assert_msg(worst > 0.1, "worst %g", worst);
  ck_assert_uint_eq(which, 1);  /* b1: backprop 0, the difference -1 */
  nn_dataset_free(ds);
  nn_model_free(m);
}
END_TEST

START_TEST(softmax_mse_gradient_at_extreme_logits)
{
  /* One input x = 1, no bias, no hidden layer: the logits are the weights
   * W1[i,1], and the gradient is dLoss/dz, 2 p_i (r_i - sum_j r_j p_j) with
   * r = p - onehot(k).  Logits from moderate to the notes' flat corner
   * (NOTES.md §5: y1, y2 in [-10, 10], y3 very negative) and beyond.
   *
   * The tolerance: 1e-6 of the largest component, plus a few ulps of the
   * factor p_i in front, because r_i - sum_j r_j p_j is made of terms of
   * size up to 1 and carries their rounding (about (n + 2) eps).  Only
   * where the whole gradient is that small does the second term count:
   * at (12, -12) with the right class, the gradient is 6e-21 and its
   * relative error is eps / (1 - p_max), 1e-5. */
  static const struct { size_t n, k; double z[4]; } cases[] = {
    {3, 0, {3, 1, -3}},
    {3, 0, {-10, 10, -1000}},   /* the notes' corner: gradient about 1e-8 */
    {3, 1, {-10, 10, -1000}},
    {3, 2, {-10, 10, -1000}},
    {3, 0, {10, -10, -1000}},   /* right and confident: about 1e-17 */
    {2, 0, {12, -12}},
    {2, 1, {12, -12}},
    {4, 2, {8, -8, 0, 4}},
    {4, 3, {-15, 15, 0, 1}},
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    size_t n = cases[c].n, width[2] = {1, n};
    nn_model *m = new_model(1, width, NN_ACT_LINEAR, 0, NN_LOSS_SOFTMAX_MSE);
    memcpy(m->theta, cases[c].z, n * sizeof *m->theta);
    nn_dataset *ds = fx_dataset(1, 1, (const double[]){1}, NULL,
                                &cases[c].k, n);
    double g[4], p[4], gmax = 0;
    ld fd[4];
    model_gradient(m, ds, g);
    /* A larger step: the loss is about 1 where the gradient is 1e-10, and
     * the logits' fifth derivatives are small.  The reference resolves a
     * gradient down to about 1e-17 |L| / 1e-6 = 1e-11 |L|: wider gaps
     * (40, -40, 0) are beyond it. */
    ref_gradient(m, ds, 1e-2L, fd);
    nn_softmax(cases[c].z, n, 1, p);
    for (size_t i = 0; i < n; i++)
      gmax = fmax(gmax, fabs((double) fd[i]));
    ck_assert_msg(gmax > 0, "case %zu: zero gradient", c);
    for (size_t i = 0; i < n; i++) {
      double tol = 1e-6 * gmax + 2 * p[i] * (double) (n + 2) * DBL_EPSILON;
      ck_assert_msg(fabs(g[i] - (double) fd[i]) <= tol, "case %zu, output "
                    "%zu: backprop %.17g, reference %.17Lg", c, i, g[i], fd[i]);
    }
    nn_dataset_free(ds);
    nn_model_free(m);
  }
  /* Logits far apart: the probabilities are exactly 0 and 1 and so is the
   * gradient (the true one is below 1e-4000): finite, no NaN. */
  static const struct { size_t k; double z[3], g[3]; } huge[] = {
    {0, {1e4, -1e4, 0}, {0, 0, 0}},
    {1, {1e4, -1e4, 0}, {0, 0, 0}},
    {2, {1e300, -1e300, 0}, {0, 0, 0}},
    {0, {-1e300, 1e300, 1e300}, {0, 0, 0}},
  };
  for (size_t c = 0; c < sizeof huge / sizeof huge[0]; c++) {
    const size_t width[2] = {1, 3};
    nn_model *m = new_model(1, width, NN_ACT_LINEAR, 0, NN_LOSS_SOFTMAX_MSE);
    memcpy(m->theta, huge[c].z, sizeof huge[c].z);
    nn_dataset *ds = fx_dataset(1, 1, (const double[]){1}, NULL,
                                &huge[c].k, 3);
    double g[3];
    double loss = model_gradient(m, ds, g);
    ck_assert(isfinite(loss));
    for (size_t i = 0; i < 3; i++)
      ck_assert_msg(g[i] == huge[c].g[i], "huge case %zu: g[%zu] = %g", c, i,
                    g[i]);
    nn_dataset_free(ds);
    nn_model_free(m);
  }
}
END_TEST

START_TEST(two_weight_network_of_the_notes)
{
  /* NOTES.md §2: y = w1 w2 x, one row x = 1, yhat = 1: L = (1 - w1 w2)^2,
   * dL/dw1 = -2 w2 (1 - w1 w2), dL/dw2 = -2 w1 (1 - w1 w2).  mlp:1,
   * linear activation, no bias: theta = (W1[1,1], W2[1,1]) = (w1, w2). */
  const size_t width[3] = {1, 1, 1};
  nn_model *m = new_model(2, width, NN_ACT_LINEAR, 0, NN_LOSS_MSE);
  ck_assert_uint_eq(m->nparams, 2);
  nn_dataset *ds = fx_dataset(1, 1, (const double[]){1}, (const double[]){1},
                              NULL, 0);
  double g[2];
  /* The saddle at the origin: loss exactly 1, gradient exactly 0. */
  ck_assert(model_gradient(m, ds, g) == 1);
  ck_assert(g[0] == 0 && g[1] == 0);
  double loss, acc;
  ck_assert_int_eq(nn_evaluate(m, ds, &loss, &acc, g, NULL), NN_OK);
  ck_assert(loss == 1 && g[0] == 0 && g[1] == 0);
  ck_assert(isnan(acc));
  /* At (0.5, -0.3): 1 - w1 w2 = 1.15. */
  double w1 = 0.5, w2 = -0.3, r = 1 - w1 * w2;
  m->theta[0] = w1;
  m->theta[1] = w2;
  loss = model_gradient(m, ds, g);
  ck_assert_double_eq_tol(loss, r * r, 2 * DBL_EPSILON * r * r);
  ck_assert_double_eq_tol(g[0], -2 * w2 * r, 4 * DBL_EPSILON);
  ck_assert_double_eq_tol(g[1], -2 * w1 * r, 4 * DBL_EPSILON);
  ck_assert_double_eq_tol(g[0], 0.69, 4 * DBL_EPSILON);
  ck_assert_double_eq_tol(g[1], -1.15, 4 * DBL_EPSILON);
  /* Along the notes' escape direction u = (1, 1)/sqrt(2), a unit step
   * from the origin gives L = 0.25. */
  m->theta[0] = m->theta[1] = sqrt(0.5);
  ck_assert_double_eq_tol(model_gradient(m, ds, g), 0.25, 4 * DBL_EPSILON);
  nn_dataset_free(ds);
  nn_model_free(m);
}
END_TEST

/* -- forward pass ------------------------------------------------------------- */

START_TEST(forward_pass_by_hand)
{
  /* 2 inputs, 2 hidden units, 1 output, with bias:
   *   W1 = [1 -2; 0.5 3], b1 = (0.25, -1), W2 = [2 -1], b2 = 0.5.
   * For x = (1, 2): z1 = (1 - 4 + 0.25, 0.5 + 6 - 1) = (-2.75, 5.5).
   * Every product and sum is exact in binary. */
  const size_t width[3] = {2, 2, 1};
  const double theta[9] = {1, -2, 0.5, 3, 0.25, -1, 2, -1, 0.5};
  const double x[4] = {1, 2, -1, 0.5};  /* a second row: z1 = (-1.75, 0) */
  const double z1[2][2] = {{-2.75, 5.5}, {-1.75, 0}};
  for (int a = 0; a < 4; a++) {
    nn_model *m = new_model(2, width, (nn_act) a, 1, NN_LOSS_MSE);
    memcpy(m->theta, theta, sizeof theta);
    nn_work *w = nn_work_alloc(m, 5);  /* capacity above the batch */
    gsl_matrix_const_view X = gsl_matrix_const_view_array(x, 2, 2);
    gsl_matrix_view Z = nn_model_forward(m, w, &X.matrix);
    ck_assert_uint_eq(Z.matrix.size1, 2);
    ck_assert_uint_eq(Z.matrix.size2, 1);
    for (size_t i = 0; i < 2; i++) {
      double h0 = z1[i][0], h1 = z1[i][1];
      switch ((nn_act) a) {
      case NN_ACT_LINEAR: break;
      case NN_ACT_RELU: h0 = fmax(h0, 0); h1 = fmax(h1, 0); break;
      case NN_ACT_SIGMOID: h0 = 1 / (1 + exp(-h0)); h1 = 1 / (1 + exp(-h1)); break;
      case NN_ACT_TANH: h0 = tanh(h0); h1 = tanh(h1); break;
      }
      double want = 2 * h0 - h1 + 0.5, got = gsl_matrix_get(&Z.matrix, i, 0);
      if (a == NN_ACT_LINEAR || a == NN_ACT_RELU)
        ck_assert_msg(got == want, "%s, row %zu: %.17g, not %.17g",
                      nn_act_name((nn_act) a), i, got, want);
      else
        ck_assert_double_eq_tol(got, want, 8 * DBL_EPSILON);
      /* The same output from the last pass. */
      gsl_matrix_view O = nn_model_forward_output(m, w, 2);
      ck_assert(gsl_matrix_get(&O.matrix, i, 0) == got);
    }
    /* Known values: linear -5.5 - 5.5 + 0.5 and relu 0 - 5.5 + 0.5. */
    if (a == NN_ACT_LINEAR)
      ck_assert(gsl_matrix_get(&Z.matrix, 0, 0) == -10.5);
    if (a == NN_ACT_RELU)
      ck_assert(gsl_matrix_get(&Z.matrix, 0, 0) == -5);
    nn_work_free(w);
    nn_model_free(m);
  }
}
END_TEST

START_TEST(forward_pass_matches_reference)
{
  /* Random nets, batches of up to 9 rows, against the row-by-row reference
   * read from the documented flat order. */
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 7);
  for (int trial = 0; trial < 200; trial++) {
    size_t L = 1 + gsl_rng_uniform_int(r, 4), width[5];
    for (size_t l = 0; l <= L; l++)
      width[l] = 1 + gsl_rng_uniform_int(r, MAXW);
    nn_model *m = new_model(L, width, (nn_act) gsl_rng_uniform_int(r, 4),
                            (int) gsl_rng_uniform_int(r, 2), NN_LOSS_MSE);
    ck_assert(m->nparams <= MAXP);
    ld th[MAXP];
    for (size_t k = 0; k < m->nparams; k++)
      th[k] = m->theta[k] = gsl_ran_gaussian(r, 1);
    size_t n = 1 + gsl_rng_uniform_int(r, 9);
    double x[9 * MAXW];
    for (size_t i = 0; i < n * width[0]; i++)
      x[i] = gsl_ran_gaussian(r, 1);
    nn_work *w = nn_work_alloc(m, 9);
    gsl_matrix_const_view X = gsl_matrix_const_view_array(x, n, width[0]);
    gsl_matrix_view Z = nn_model_forward(m, w, &X.matrix);
    for (size_t i = 0; i < n; i++) {
      ld out[MAXW], scale = 0;
      ref_forward(m, th, x + i * width[0], out, NULL);
      /* The reference's terms are at most a few units; allow a few ulps
       * of the sum of magnitudes: 1e-13 absolute and relative. */
      for (size_t j = 0; j < width[L]; j++) {
        scale = fabsl(out[j]) + 1;
        ASSERT_NEAR(gsl_matrix_get(&Z.matrix, i, j), (double) out[j],
                    1e-13 * (double) scale);
      }
    }
    nn_work_free(w);
    nn_model_free(m);
  }
  gsl_rng_free(r);
}
END_TEST

START_TEST(loss_rows_by_hand)
{
  const double z[3] = {3, 1, -3};
  ck_assert(nn_loss_row(NN_LOSS_MSE, (const double[]){2.5}, 1, 0, 1) == 2.25);
  ck_assert(nn_loss_row(NN_LOSS_MSE, (const double[]){-1}, 1, 7, -1) == 0);
  double s = exp(3) + exp(1) + exp(-3);
  ck_assert_double_eq_tol(nn_loss_row(NN_LOSS_XENT, z, 3, 1, 0),
                          log(s) - 1, 8 * DBL_EPSILON);
  double p0 = exp(3) / s, p1 = exp(1) / s, p2 = exp(-3) / s;
  ck_assert_double_eq_tol(nn_loss_row(NN_LOSS_SOFTMAX_MSE, z, 3, 2, 0),
                          p0 * p0 + p1 * p1 + (p2 - 1) * (p2 - 1),
                          8 * DBL_EPSILON);
  /* The mean of the row losses. */
  const size_t width[2] = {1, 3};
  nn_model *m = new_model(1, width, NN_ACT_LINEAR, 1, NN_LOSS_XENT);
  const double theta[6] = {1, 0.5, -1, 2, 0.5, -1};  /* z = x W + b */
  memcpy(m->theta, theta, sizeof theta);
  nn_dataset *ds = fx_dataset(2, 1, (const double[]){1, -2},
                              NULL, (const size_t[]){0, 2}, 3);
  double zr0[3] = {3, 1, -2}, zr1[3] = {0, -0.5, 1};
  double want = (nn_loss_row(NN_LOSS_XENT, zr0, 3, 0, 0) +
                 nn_loss_row(NN_LOSS_XENT, zr1, 3, 2, 0)) / 2;
  double g[6];
  ck_assert_double_eq_tol(model_gradient(m, ds, g), want, 4 * DBL_EPSILON);
  nn_dataset_free(ds);
  nn_model_free(m);
}
END_TEST

/* -- names, flat order, architectures ----------------------------------------- */

START_TEST(parameter_names_in_flat_order)
{
  /* 3 inputs, 2 hidden, 2 outputs, with bias: the order of model.h. */
  static const char *const names[] = {
    "W1[1,1]", "W1[1,2]", "W1[1,3]", "W1[2,1]", "W1[2,2]", "W1[2,3]",
    "b1[1]", "b1[2]",
    "W2[1,1]", "W2[1,2]", "W2[2,1]", "W2[2,2]",
    "b2[1]", "b2[2]"};
  const size_t width[3] = {3, 2, 2};
  nn_model *m = new_model(2, width, NN_ACT_TANH, 1, NN_LOSS_XENT);
  ck_assert_uint_eq(m->nparams, 14);
  char buf[64];
  for (size_t k = 0; k < 14; k++) {
    nn_model_param_name(m, k, buf, sizeof buf);
    ck_assert_str_eq(buf, names[k]);
  }
  nn_model_param_name(m, 14, buf, sizeof buf);
  ck_assert_str_eq(buf, "?");
  ck_assert_uint_eq(nn_model_weight_offset(m, 1), 0);
  ck_assert_uint_eq(nn_model_bias_offset(m, 1), 6);
  ck_assert_uint_eq(nn_model_weight_offset(m, 2), 8);
  ck_assert_uint_eq(nn_model_bias_offset(m, 2), 12);
  nn_model_free(m);

  /* Without bias: only the weights; W2 follows W1 directly. */
  static const char *const nobias[] = {"W1[1,1]", "W1[1,2]", "W1[1,3]",
    "W1[2,1]", "W1[2,2]", "W1[2,3]", "W2[1,1]", "W2[1,2]", "W3[1,1]"};
  const size_t w3[4] = {3, 2, 1, 1};
  m = new_model(3, w3, NN_ACT_RELU, 0, NN_LOSS_MSE);
  ck_assert_uint_eq(m->nparams, 9);
  for (size_t k = 0; k < 9; k++) {
    nn_model_param_name(m, k, buf, sizeof buf);
    ck_assert_str_eq(buf, nobias[k]);
  }
  ck_assert_uint_eq(nn_model_weight_offset(m, 3), 8);
  /* Two-digit indices. */
  const size_t wide[2] = {12, 11};
  nn_model *m2 = new_model(1, wide, NN_ACT_RELU, 1, NN_LOSS_XENT);
  nn_model_param_name(m2, 12 * 11 - 1, buf, sizeof buf);
  ck_assert_str_eq(buf, "W1[11,12]");
  nn_model_param_name(m2, 12 * 11 + 10, buf, sizeof buf);
  ck_assert_str_eq(buf, "b1[11]");
  nn_model_free(m2);
  nn_model_free(m);
}
END_TEST

START_TEST(parameters_land_where_the_names_say)
{
  /* One layer, 3 inputs, 2 outputs: theta = (W[1,1..3], W[2,1..3], b[1..2])
   * = 1..8.  Output i for input e_j is W[i,j] + b[i]; for 0 it is b[i]. */
  const size_t width[2] = {3, 2};
  nn_model *m = new_model(1, width, NN_ACT_LINEAR, 1, NN_LOSS_XENT);
  for (size_t k = 0; k < 8; k++)
    m->theta[k] = (double) (k + 1);
  const double x[4 * 3] = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
  nn_work *w = nn_work_alloc(m, 4);
  gsl_matrix_const_view X = gsl_matrix_const_view_array(x, 4, 3);
  gsl_matrix_view Z = nn_model_forward(m, w, &X.matrix);
  for (size_t i = 0; i < 2; i++) {
    for (size_t j = 0; j < 3; j++)
      ck_assert(gsl_matrix_get(&Z.matrix, j, i) ==
                (double) (i * 3 + j + 1) + (double) (7 + i));
    ck_assert(gsl_matrix_get(&Z.matrix, 3, i) == (double) (7 + i));
  }
  nn_work_free(w);
  nn_model_free(m);

  /* Two layers, 2-2-1, linear, bias, with only W1[2,1] = W2[1,2] = 1:
   * hidden unit 2 is x1 and the output is hidden unit 2.  Backprop by hand
   * for x = (3, 5), y = 1: dL/dyhat = 2 (3 - 1) = 4, so dL/dW2[1,j] = 4 h_j
   * = (0, 12), dL/db2 = 4; dL/dh = 4 W2 = (0, 4), so dL/dW1[2,j] = 4 x_j
   * = (12, 20), dL/db1 = (0, 4), and unit 1's weights get 0. */
  const size_t w2[3] = {2, 2, 1};
  m = new_model(2, w2, NN_ACT_LINEAR, 1, NN_LOSS_MSE);
  /* W1[1,1] W1[1,2] W1[2,1] W1[2,2] b1[1] b1[2] W2[1,1] W2[1,2] b2[1] */
  m->theta[2] = 1;  /* W1[2,1] */
  m->theta[7] = 1;  /* W2[1,2] */
  nn_dataset *ds = fx_dataset(1, 2, (const double[]){3, 5}, (const double[]){1},
                              NULL, 0);
  double g[9];
  /* yhat = h2 = x1 = 3; L = (3 - 1)^2 = 4; dL/dyhat = 4. */
  ck_assert(model_gradient(m, ds, g) == 4);
  const double want[9] = {0, 0, 4 * 3, 4 * 5, 0, 4, 4 * 0, 4 * 3, 4};
  for (size_t k = 0; k < 9; k++)
    ck_assert_msg(g[k] == want[k], "gradient %zu: %g, not %g", k, g[k], want[k]);
  nn_dataset_free(ds);
  nn_model_free(m);
}
END_TEST

START_TEST(names_of_activations_and_losses)
{
  static const char *acts[] = {"linear", "relu", "sigmoid", "tanh"};
  static const char *losses[] = {"mse", "xent", "softmax-mse"};
  for (int a = 0; a < 4; a++) {
    ck_assert_str_eq(nn_act_name((nn_act) a), acts[a]);
    ck_assert_int_eq(nn_act_parse(acts[a]), a);
  }
  for (int l = 0; l < 3; l++) {
    ck_assert_str_eq(nn_loss_name((nn_loss) l), losses[l]);
    ck_assert_int_eq(nn_loss_parse(losses[l]), l);
  }
  static const char *bad[] = {"", "Relu", "relu ", "softmax", "mse2", "MSE",
                              "cross-entropy", "softmax_mse"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    ck_assert_int_eq(nn_act_parse(bad[i]), -1);
    ck_assert_int_eq(nn_loss_parse(bad[i]), -1);
  }
}
END_TEST

START_TEST(architectures_parse)
{
  static const struct { const char *s; size_t n, h[3]; } good[] = {
    {"linear", 0, {0}},
    {"mlp:5", 1, {5}},
    {"mlp:16,8,4", 3, {16, 8, 4}},
    {"mlp:1,100000000", 2, {1, 100000000}},
    {"mlp:007", 1, {7}},
  };
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
    size_t *h = (size_t *) 1, nh = 99;
    nn_err err;
    nn_err_clear(&err);
    ck_assert_int_eq(nn_arch_parse(good[i].s, &h, &nh, &err), NN_OK);
    ck_assert_uint_eq(nh, good[i].n);
    if (nh == 0)
      ck_assert_ptr_null(h);
    for (size_t l = 0; l < nh; l++)
      ck_assert_uint_eq(h[l], good[i].h[l]);
    free(h);
  }
  static const char *not_arch[] = {"", "lin", "Linear", "linear:3", "mlp",
                                   "mlp:", "MLP:3", "mlp3", " mlp:3"};
  for (size_t i = 0; i < sizeof not_arch / sizeof *not_arch; i++) {
    size_t *h = (size_t *) 1, nh = 99;
    nn_err err;
    ck_assert_int_eq(nn_arch_parse(not_arch[i], &h, &nh, &err), NN_EINVAL);
    EXPECT_ERR(&err, NN_EINVAL,
               "--model: '%s' is not 'linear' or 'mlp:H1,H2,...'", not_arch[i]);
    ck_assert_ptr_null(h);
    ck_assert_uint_eq(nh, 0);
  }
  static const char *bad_width[] = {"mlp:0", "mlp:3,0", "mlp:-3", "mlp:+3",
    "mlp:3,", "mlp:,3", "mlp:3,,4", "mlp:3x", "mlp:1.5", "mlp:1e3",
    "mlp:100000001", "mlp:99999999999999999999999", "mlp: 3", "mlp:3, 4",
    "mlp:3 ", "mlp:0x10", "mlp:-0", "mlp:18446744073709551617", "mlp:3;4"};
  for (size_t i = 0; i < sizeof bad_width / sizeof *bad_width; i++) {
    size_t *h = (size_t *) 1, nh = 99;
    nn_err err;
    ck_assert_msg(nn_arch_parse(bad_width[i], &h, &nh, &err) == NN_EINVAL,
                  "'%s' accepted", bad_width[i]);
    EXPECT_ERR(&err, NN_EINVAL, "--model: '%s': hidden widths must be whole "
               "numbers from 1 to 100000000", bad_width[i]);
    ck_assert_ptr_null(h);
  }
}
END_TEST

START_TEST(model_shapes)
{
  const size_t width[4] = {4, 5, 3, 2};
  nn_model *m = new_model(3, width, NN_ACT_SIGMOID, 1, NN_LOSS_XENT);
  ck_assert_uint_eq(m->nparams, 4 * 5 + 5 + 5 * 3 + 3 + 3 * 2 + 2);
  for (size_t k = 0; k < m->nparams; k++)
    ck_assert(m->theta[k] == 0);
  ck_assert_ptr_null(m->shift);
  ck_assert_ptr_null(m->scale);
  ck_assert_ptr_null(m->classes);
  ck_assert_ptr_null(m->target);
  ck_assert_uint_eq(m->nclasses, 0);
  for (size_t j = 0; j < 4; j++)
    ck_assert_ptr_null(m->inputs[j]);
  nn_model_free(m);
  nn_model_free(NULL);
  nn_work_free(NULL);
}
END_TEST

/* -- initialisation --------------------------------------------------------------- */

/* Sample mean, variance and share within one SIGMA of 0 of N values. */
static void moments(const double *v, size_t n, double sigma, double *mean,
                    double *var, double *within)
{
  double s = 0, ss = 0;
  size_t in = 0;
  for (size_t i = 0; i < n; i++) {
    s += v[i];
    ss += v[i] * v[i];
    in += fabs(v[i]) < sigma;
  }
  *mean = s / (double) n;
  *var = ss / (double) n - *mean * *mean;
  *within = (double) in / (double) n;
}

/* The weights of layer L of M come from N(0, SIGMA^2): mean, variance and
 * the share within one sigma (0.6827 for a normal) each within five
 * standard errors; the biases are zero. */
static void expect_normal_layer(const nn_model *m, size_t l, double sigma,
                                const char *scheme)
{
  size_t n = m->width[l] * m->width[l - 1];
  double mean, var, within;
  moments(m->theta + nn_model_weight_offset(m, l), n, sigma, &mean, &var,
          &within);
  double N = (double) n, p = 0.682689492137085897;
  ck_assert_msg(fabs(mean) < 5 * sigma / sqrt(N), "%s, layer %zu: mean %g",
                scheme, l, mean);
  /* The variance of a sample variance of normal data is 2 sigma^4 / N. */
  ck_assert_msg(fabs(var - sigma * sigma) < 5 * sigma * sigma * sqrt(2 / N),
                "%s, layer %zu: variance %g, expected %g", scheme, l, var,
                sigma * sigma);
  ck_assert_msg(fabs(within - p) < 5 * sqrt(p * (1 - p) / N),
                "%s, layer %zu: %g within one sigma", scheme, l, within);
  const double *b = m->theta + nn_model_bias_offset(m, l);
  for (size_t i = 0; i < m->width[l]; i++)
    ck_assert(b[i] == 0);
}

START_TEST(init_schemes_have_their_variances)
{
  /* Layers of 20000 and 10000 weights: the standard error of a variance
   * is 1% and 1.4% of it, and he and xavier differ by 33% and 50%. */
  const size_t width[3] = {200, 100, 100};
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 1);
  nn_model *m = new_model(2, width, NN_ACT_RELU, 1, NN_LOSS_XENT);
  nn_err err;
  for (size_t k = 0; k < m->nparams; k++)
    m->theta[k] = 7;  /* init overwrites everything, biases too */
  ck_assert_int_eq(nn_model_init(m, "he", r, &err), NN_OK);
  expect_normal_layer(m, 1, sqrt(2.0 / 200), "he");
  expect_normal_layer(m, 2, sqrt(2.0 / 100), "he");
  ck_assert_int_eq(nn_model_init(m, "xavier", r, &err), NN_OK);
  expect_normal_layer(m, 1, sqrt(2.0 / (200 + 100)), "xavier");
  expect_normal_layer(m, 2, sqrt(2.0 / (100 + 100)), "xavier");
  ck_assert_int_eq(nn_model_init(m, "normal:0.3", r, &err), NN_OK);
  expect_normal_layer(m, 1, 0.3, "normal:0.3");
  expect_normal_layer(m, 2, 0.3, "normal:0.3");
  ck_assert_int_eq(nn_model_init(m, "normal:2e-3", r, &err), NN_OK);
  expect_normal_layer(m, 1, 2e-3, "normal:2e-3");
  static const char *zero[] = {"zeros", "normal:0"};
  for (int z = 0; z < 2; z++) {
    for (size_t k = 0; k < m->nparams; k++)
      m->theta[k] = 7;
    ck_assert_int_eq(nn_model_init(m, zero[z], r, &err), NN_OK);
    for (size_t k = 0; k < m->nparams; k++)
      ck_assert(m->theta[k] == 0);
  }
  nn_model_free(m);
  gsl_rng_free(r);
}
END_TEST

START_TEST(init_follows_the_seed)
{
  const size_t width[3] = {3, 4, 2};
  nn_model *a = new_model(2, width, NN_ACT_TANH, 1, NN_LOSS_XENT);
  nn_model *b = new_model(2, width, NN_ACT_TANH, 1, NN_LOSS_XENT);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 42);
  ck_assert_int_eq(nn_model_init(a, "he", r, NULL), NN_OK);
  gsl_rng_set(r, 42);
  ck_assert_int_eq(nn_model_init(b, "he", r, NULL), NN_OK);
  ck_assert(memcmp(a->theta, b->theta, a->nparams * sizeof *a->theta) == 0);
  /* The weights are GSL's gaussian draws with sigma sqrt(2 / fan_in), in
   * the flat order, layer by layer. */
  gsl_rng_set(r, 42);
  for (size_t l = 1; l <= 2; l++) {
    const double *W = a->theta + nn_model_weight_offset(a, l);
    for (size_t k = 0; k < width[l] * width[l - 1]; k++)
      ck_assert(W[k] == gsl_ran_gaussian(r, sqrt(2 / (double) width[l - 1])));
  }
  gsl_rng_set(r, 43);
  ck_assert_int_eq(nn_model_init(b, "he", r, NULL), NN_OK);
  ck_assert(memcmp(a->theta, b->theta, a->nparams * sizeof *a->theta) != 0);
  nn_model_free(a);
  nn_model_free(b);
  gsl_rng_free(r);
}
END_TEST

START_TEST(init_refuses_bad_schemes)
{
  const size_t width[2] = {2, 1};
  nn_model *m = new_model(1, width, NN_ACT_TANH, 1, NN_LOSS_MSE);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  static const char *unknown[] = {"", "He", "uniform", "normal", "zero",
                                  "xavier:1", "he "};
  static const char *sigma[] = {"normal:", "normal:-1", "normal:abc",
                                "normal:1x", "normal:nan", "normal:inf",
                                "normal:-0.5", "normal: "};
  m->theta[0] = 5;
  for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
    nn_err err;
    ck_assert_int_eq(nn_model_init(m, unknown[i], r, &err), NN_EINVAL);
    EXPECT_ERR(&err, NN_EINVAL, "--init: unknown scheme '%s' (he, xavier, "
               "normal:SIGMA, zeros)", unknown[i]);
  }
  for (size_t i = 0; i < sizeof sigma / sizeof *sigma; i++) {
    nn_err err;
    ck_assert_int_eq(nn_model_init(m, sigma[i], r, &err), NN_EINVAL);
    EXPECT_ERR(&err, NN_EINVAL, "--init: '%s': SIGMA must be a number >= 0",
               sigma[i]);
  }
  ck_assert(m->theta[0] == 5);  /* untouched */
  nn_model_free(m);
  gsl_rng_free(r);
}
END_TEST

/* -- runner -------------------------------------------------------------- */

static Suite *model_suite(void)
{
  Suite *s = suite_create("model");
  TCase *tc = tcase_create("gradient");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, gradient_matches_finite_differences);
  tcase_add_test(tc, gradcheck_sees_a_wrong_gradient);
  tcase_add_test(tc, softmax_mse_gradient_at_extreme_logits);
  tcase_add_test(tc, two_weight_network_of_the_notes);
  suite_add_tcase(s, tc);

  tc = tcase_create("forward");
  tcase_add_test(tc, forward_pass_by_hand);
  tcase_add_test(tc, forward_pass_matches_reference);
  tcase_add_test(tc, loss_rows_by_hand);
  suite_add_tcase(s, tc);

  tc = tcase_create("shape");
  tcase_add_test(tc, parameter_names_in_flat_order);
  tcase_add_test(tc, parameters_land_where_the_names_say);
  tcase_add_test(tc, names_of_activations_and_losses);
  tcase_add_test(tc, architectures_parse);
  tcase_add_test(tc, model_shapes);
  suite_add_tcase(s, tc);

  tc = tcase_create("init");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, init_schemes_have_their_variances);
  tcase_add_test(tc, init_follows_the_seed);
  tcase_add_test(tc, init_refuses_bad_schemes);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(model_suite());
}
