/* tests/unit/hessian.c -- Check suite for lib/hessian.h: exact
 * Hessian-vector products (Pearlmutter's R-operator), the full Hessian, its
 * check by differences of the gradient, and Lanczos' extreme eigenvalues.
 *
 * Independent means: the full Hessian is compared with central differences
 * of the gradient (nn_hessian_check, which differences model.c's backprop
 * gradient: no code in common with the R passes); eigenvalues with GSL's
 * dense gsl_eigen_symm of that matrix; products of one direction with the
 * matrix times the vector (gemv); the notes' two-weight network with the
 * values worked by hand (NOTES.md §2).
 *
 * ReLU: a difference that straddles the kink at 0 is meaningless, so a
 * random ReLU net whose hidden pre-activations come within 1e-2 of 0 on a
 * row is redrawn (the differences move a pre-activation by about 1e-3).
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort_vector.h>

#include "fixture.h"
#include "func.h"
#include "hessian.h"
#include "model.h"
#include "objective.h"
#include "train.h"
#include "unit.h"

static const nn_act acts[] = {NN_ACT_LINEAR, NN_ACT_RELU, NN_ACT_SIGMOID,
                              NN_ACT_TANH};
static const nn_loss losses[] = {NN_LOSS_MSE, NN_LOSS_XENT,
                                 NN_LOSS_SOFTMAX_MSE};

/* -- helpers ---------------------------------------------------------------- */

static gsl_rng *rng(unsigned long seed)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  ck_assert_ptr_nonnull(r);
  gsl_rng_set(r, seed);
  return r;
}

/* The smallest |z| of a hidden pre-activation of M over the rows of DS: a
 * plain per-row forward pass from the documented flat order. */
static double kink_distance(const nn_model *m, const nn_dataset *ds)
{
  double best = INFINITY;
  size_t wmax = 0;
  for (size_t l = 0; l <= m->nlayers; l++)
    wmax = m->width[l] > wmax ? m->width[l] : wmax;
  double *a = malloc(wmax * sizeof *a), *z = malloc(wmax * sizeof *z);
  ck_assert(a && z);
  for (size_t i = 0; i < ds->n; i++) {
    memcpy(a, ds->x + i * ds->d, ds->d * sizeof *a);
    for (size_t l = 1; l < m->nlayers; l++) {
      size_t nin = m->width[l - 1], nout = m->width[l];
      const double *W = m->theta + nn_model_weight_offset(m, l);
      for (size_t u = 0; u < nout; u++) {
        double s = m->bias ? m->theta[nn_model_bias_offset(m, l) + u] : 0;
        for (size_t j = 0; j < nin; j++)
          s += W[u * nin + j] * a[j];
        z[u] = s;
        best = fmin(best, fabs(s));
      }
      for (size_t u = 0; u < nout; u++)
        a[u] = m->act == NN_ACT_RELU ? fmax(z[u], 0)
             : m->act == NN_ACT_SIGMOID ? 1 / (1 + exp(-z[u]))
             : m->act == NN_ACT_TANH ? tanh(z[u]) : z[u];
    }
  }
  free(a);
  free(z);
  return best;
}

/* A random net of the given WIDTH (NL + 1 entries; the last is replaced by
 * the class count for a classifier) for ACT, LOSS and BIAS, weights
 * N(0, 1/fan_in), biases N(0, 0.25), on N rows of inputs in +-[0.2, 2];
 * ReLU nets are redrawn, when KINK, until no hidden pre-activation is
 * within 1e-2 of the kink.  Returns the model and *DS. */
static nn_model *random_net_k(gsl_rng *r, size_t nl, const size_t *width_in,
                              nn_act act, int bias, nn_loss loss, size_t n,
                              int kink, nn_dataset **ds)
{
  size_t width[8];
  memcpy(width, width_in, (nl + 1) * sizeof *width);
  size_t K = loss == NN_LOSS_MSE ? 1 : width[nl] < 2 ? 2 : width[nl];
  width[nl] = K;
  size_t d = width[0];
  nn_model *m = nn_model_alloc(nl, width, act, bias, loss);
  ck_assert_ptr_nonnull(m);
  double *x = malloc(n * d * sizeof *x), *y = malloc(n * sizeof *y);
  size_t *cls = malloc(n * sizeof *cls);
  ck_assert(x && y && cls);
  for (int attempt = 0; attempt < 100; attempt++) {
    fx_random_problem(m, r, n, K, x, y, cls);
    *ds = fx_dataset(n, d, x, loss == NN_LOSS_MSE ? y : NULL,
                     loss == NN_LOSS_MSE ? NULL : cls, K);
    if (act != NN_ACT_RELU || !kink || kink_distance(m, *ds) > 1e-2)
      break;
    nn_dataset_free(*ds);
    *ds = NULL;
  }
  ck_assert_msg(*ds != NULL, "no ReLU net away from the kink in 100 draws");
  free(x);
  free(y);
  free(cls);
  return m;
}

/* The same, away from the kink: for nets checked by differences. */
static nn_model *random_net(gsl_rng *r, size_t nl, const size_t *width,
                            nn_act act, int bias, nn_loss loss, size_t n,
                            nn_dataset **ds)
{
  return random_net_k(r, nl, width, act, bias, loss, n, 1, ds);
}

/* The full Hessian of the model objective O. */
static gsl_matrix *full(nn_objective *o, double *asym)
{
  gsl_matrix *H = gsl_matrix_alloc(o->n, o->n);
  ck_assert_ptr_nonnull(H);
  nn_err err;
  ck_assert_int_eq(nn_hessian_full(o, H, asym, &err), NN_OK);
  return H;
}

/* All eigenvalues of the symmetric H, ascending. */
static gsl_vector *spectrum(const gsl_matrix *H)
{
  size_t n = H->size1;
  gsl_matrix *A = gsl_matrix_alloc(n, n);
  gsl_vector *ev = gsl_vector_alloc(n);
  gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(n);
  ck_assert(A && ev && ws);
  gsl_matrix_memcpy(A, H);
  gsl_eigen_symm(A, ev, ws);
  gsl_sort_vector(ev);
  gsl_eigen_symm_free(ws);
  gsl_matrix_free(A);
  return ev;
}

/* max |H_ij|. */
static double max_abs(const gsl_matrix *H)
{
  double big = 0;
  for (size_t i = 0; i < H->size1; i++)
    for (size_t j = 0; j < H->size2; j++)
      big = fmax(big, fabs(gsl_matrix_get(H, i, j)));
  return big;
}

/* -- the full Hessian against differences of the gradient ------------------- */

START_TEST(hessian_matches_differences)
{
  /* Every activation x loss x bias x 1-2 hidden layers, 2 seeds each. */
  double worst_all = 0, asym_all = 0;
  int nets = 0;
  for (size_t a = 0; a < 4; a++)
    for (size_t lo = 0; lo < 3; lo++)
      for (int bias = 0; bias <= 1; bias++)
        for (size_t nh = 1; nh <= 2; nh++)
          for (unsigned long seed = 1; seed <= 2; seed++) {
            gsl_rng *r = rng(seed * 1000 + a * 100 + lo * 10 + nh * 2 + bias);
            size_t width[4] = {3, 2 + gsl_rng_uniform_int(r, 4),
                               2 + gsl_rng_uniform_int(r, 4),
                               2 + gsl_rng_uniform_int(r, 3)};
            if (nh == 1)
              width[2] = width[3];
            nn_dataset *ds;
            nn_model *m = random_net(r, nh + 1, width, acts[a], bias,
                                     losses[lo], 7, &ds);
            nn_objective o;
            ck_assert_int_eq(nn_objective_model(&o, m, ds, NULL), NN_OK);
            double asym, worst;
            size_t i, j;
            gsl_matrix *H = full(&o, &asym);
            nn_err err;
            ck_assert_int_eq(nn_hessian_check(&o, H, 1e-6, &worst, &i, &j,
                                              &err), NN_OK);
            char ni[64], nj[64];
            nn_model_param_name(m, i, ni, sizeof ni);
            nn_model_param_name(m, j, nj, sizeof nj);
            ASSERT_TRUE(worst <= 1e-6, "%s, %s, bias %d, %zu hidden, seed "
                        "%lu: H[%s,%s] = %.17g: relative error %g",
                        nn_act_name(acts[a]), nn_loss_name(losses[lo]), bias,
                        nh, seed, ni, nj, gsl_matrix_get(H, i, j), worst);
            ASSERT_TRUE(asym <= 1e-12, "%s, %s, bias %d, %zu hidden, seed "
                        "%lu: asymmetry %g", nn_act_name(acts[a]),
                        nn_loss_name(losses[lo]), bias, nh, seed, asym);
            /* The symmetrised matrix is exactly symmetric. */
            for (size_t p = 0; p < m->nparams; p++)
              for (size_t q = 0; q < p; q++)
                ASSERT_TRUE(gsl_matrix_get(H, p, q) == gsl_matrix_get(H, q, p),
                            "not symmetric at %zu, %zu", p, q);
            /* And it is not trivially zero: the net has curvature. */
            ck_assert(max_abs(H) > 1e-3);
            worst_all = fmax(worst_all, worst);
            asym_all = fmax(asym_all, asym);
            nets++;
            gsl_matrix_free(H);
            nn_objective_free(&o);
            nn_dataset_free(ds);
            nn_model_free(m);
            gsl_rng_free(r);
          }
  ck_assert_int_eq(nets, 4 * 3 * 2 * 2 * 2);
  printf("hessian: %d nets, worst relative error %.3g against differences "
         "of the gradient, worst asymmetry %.3g\n", nets, worst_all,
         asym_all);
}
END_TEST

START_TEST(check_sees_a_wrong_hessian)
{
  /* nn_hessian_check must be able to fail: one entry off by 1e-5 of the
   * largest is found, where it is. */
  gsl_rng *r = rng(7);
  size_t width[3] = {3, 4, 3};
  nn_dataset *ds;
  nn_model *m = random_net(r, 2, width, NN_ACT_TANH, 1, NN_LOSS_XENT, 9, &ds);
  nn_objective o;
  nn_objective_model(&o, m, ds, NULL);
  gsl_matrix *H = full(&o, NULL);
  double worst, big = max_abs(H);
  size_t i, j;
  ck_assert_int_eq(nn_hessian_check(&o, H, 1e-6, &worst, &i, &j, NULL),
                   NN_OK);
  ck_assert(worst < 1e-6);
  *gsl_matrix_ptr(H, 5, 11) += 1e-5 * big;
  ck_assert_int_eq(nn_hessian_check(&o, H, 1e-6, &worst, &i, &j, NULL),
                   NN_OK);
  ck_assert_msg(worst > 1e-6 && i == 5 && j == 11, "worst %g at %zu, %zu",
                worst, i, j);
  gsl_matrix_free(H);
  nn_dataset_free(ds);
  nn_model_free(m);
  gsl_rng_free(r);
}
END_TEST

START_TEST(l2_adds_to_the_diagonal)
{
  /* o->l2 adds l2/2 |theta|^2 to the loss: H + l2 I. */
  gsl_rng *r = rng(8);
  size_t width[3] = {2, 3, 1};
  nn_dataset *ds;
  nn_model *m = random_net(r, 2, width, NN_ACT_SIGMOID, 1, NN_LOSS_MSE, 5, &ds);
  nn_objective o;
  nn_objective_model(&o, m, ds, NULL);
  gsl_matrix *H = full(&o, NULL);
  o.l2 = 0.25;
  gsl_matrix *H2 = full(&o, NULL);
  for (size_t i = 0; i < m->nparams; i++)
    for (size_t j = 0; j < m->nparams; j++)
      ASSERT_NEAR(gsl_matrix_get(H2, i, j),
                  gsl_matrix_get(H, i, j) + (i == j ? 0.25 : 0), 1e-15);
  double worst;
  size_t i, j;
  ck_assert_int_eq(nn_hessian_check(&o, H2, 1e-6, &worst, &i, &j, NULL),
                   NN_OK);
  ck_assert(worst < 1e-6);
  gsl_matrix_free(H);
  gsl_matrix_free(H2);
  nn_dataset_free(ds);
  nn_model_free(m);
  gsl_rng_free(r);
}
END_TEST

/* -- products ---------------------------------------------------------------- */

START_TEST(product_equals_matrix_times_vector)
{
  /* For every activation x loss: H v of a random v, one direction at a
   * time and several in blocks of the buffers' width, equals H times v
   * from the full matrix; nn_model_hvp's loss is nn_model_loss's. */
  for (size_t a = 0; a < 4; a++)
    for (size_t lo = 0; lo < 3; lo++) {
      gsl_rng *r = rng(100 + a * 10 + lo);
      size_t width[4] = {4, 5, 3, 3};
      nn_dataset *ds;
      nn_model *m = random_net(r, 3, width, acts[a], 1, losses[lo], 11, &ds);
      size_t P = m->nparams, K = 7;
      nn_objective o;
      nn_objective_model(&o, m, ds, NULL);
      gsl_matrix *H = full(&o, NULL);
      gsl_matrix *V = gsl_matrix_alloc(P, K), *HV = gsl_matrix_alloc(P, K);
      gsl_matrix *ref = gsl_matrix_alloc(P, K), *HV1 = gsl_matrix_alloc(P, 1);
      for (size_t i = 0; i < P * K; i++)
        V->data[i] = gsl_ran_gaussian(r, 1);
      gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1, H, V, 0, ref);
      double scale = max_abs(ref);

      /* Blocks of 3 (3, 3, 1) through nn_model_hvp on all rows. */
      nn_hvp *w = nn_hvp_alloc(m, ds->n, 3);
      ck_assert_ptr_nonnull(w);
      nn_target t = {ds->y, ds->cls};
      double loss = nn_model_hvp(m, w, &ds->X.matrix, t, V, HV);
      nn_work *wk = nn_work_alloc(m, ds->n);
      double want = nn_model_loss(m, wk, &ds->X.matrix, t, NULL);
      ASSERT_NEAR(loss, want, 1e-14 * fabs(want));
      nn_work_free(wk);
      nn_hvp_free(w);
      for (size_t i = 0; i < P * K; i++)
        ASSERT_NEAR(HV->data[i], ref->data[i], 1e-12 * scale);

      /* One direction at a time through nn_dataset_hvp. */
      for (size_t j = 0; j < K; j++) {
        gsl_matrix_view vj = gsl_matrix_submatrix(V, 0, j, P, 1);
        ck_assert_int_eq(nn_dataset_hvp(m, ds, &vj.matrix, HV1, NULL), NN_OK);
        for (size_t i = 0; i < P; i++)
          ASSERT_NEAR(HV1->data[i], gsl_matrix_get(ref, i, j), 1e-12 * scale);
      }
      gsl_matrix_free(V);
      gsl_matrix_free(HV);
      gsl_matrix_free(HV1);
      gsl_matrix_free(ref);
      gsl_matrix_free(H);
      nn_dataset_free(ds);
      nn_model_free(m);
      gsl_rng_free(r);
    }
}
END_TEST

START_TEST(chunks_weigh_by_their_size)
{
  /* 2500 rows: nn_dataset_hvp goes in chunks of 1024, 1024 and 452 rows;
   * its product equals one pass over all the rows at once.  V has zero
   * and non-zero layers (a layer the block does not touch is skipped). */
  gsl_rng *r = rng(9);
  size_t width[4] = {3, 6, 4, 3};
  nn_dataset *ds;
  nn_model *m = random_net(r, 3, width, NN_ACT_TANH, 1,
                           NN_LOSS_SOFTMAX_MSE, 2500, &ds);
  size_t P = m->nparams, K = 4;
  gsl_matrix *V = gsl_matrix_calloc(P, K), *HV = gsl_matrix_alloc(P, K);
  gsl_matrix *ref = gsl_matrix_alloc(P, K);
  for (size_t i = 0; i < P; i++)  /* column 0: all; 1: layer 2 only; */
    gsl_matrix_set(V, i, 0, gsl_ran_gaussian(r, 1));  /* 2: W1[1,1]; 3: 0 */
  for (size_t i = nn_model_weight_offset(m, 2); i < nn_model_weight_offset(m, 3); i++)
    gsl_matrix_set(V, i, 1, gsl_ran_gaussian(r, 1));
  gsl_matrix_set(V, 0, 2, 1);
  nn_hvp *w = nn_hvp_alloc(m, ds->n, K);
  nn_target t = {ds->y, ds->cls};
  nn_model_hvp(m, w, &ds->X.matrix, t, V, ref);
  nn_hvp_free(w);
  ck_assert_int_eq(nn_dataset_hvp(m, ds, V, HV, NULL), NN_OK);
  double scale = max_abs(ref);
  ck_assert(scale > 0);
  for (size_t i = 0; i < P * K; i++)
    ASSERT_NEAR(HV->data[i], ref->data[i], 1e-12 * scale);
  for (size_t i = 0; i < P; i++)  /* H 0 = 0 exactly */
    ck_assert(gsl_matrix_get(HV, i, 3) == 0);
  gsl_matrix_free(V);
  gsl_matrix_free(HV);
  gsl_matrix_free(ref);
  nn_dataset_free(ds);
  nn_model_free(m);
  gsl_rng_free(r);
}
END_TEST

/* -- the notes' example -------------------------------------------------------- */

START_TEST(two_weight_network_of_the_notes)
{
  /* NOTES.md §2: y = w1 w2 x, one row x = 1, yhat = 1, L = (1 - w1 w2)^2:
   * d2L/dw1^2 = 2 w2^2, d2L/dw1dw2 = -2 + 4 w1 w2, d2L/dw2^2 = 2 w1^2.
   * At (0, 0): H = [[0, -2], [-2, 0]] exactly, eigenvalues -2 and 2, the
   * escape direction (1, 1)/sqrt(2); at (1, 1): [[2, 2], [2, 2]],
   * eigenvalues 0 and 4. */
  const size_t width[3] = {1, 1, 1};
  nn_model *m = nn_model_alloc(2, width, NN_ACT_LINEAR, 0, NN_LOSS_MSE);
  nn_dataset *ds = fx_dataset(1, 1, (const double[]){1}, (const double[]){1},
                              NULL, 0);
  nn_objective o;
  nn_objective_model(&o, m, ds, NULL);
  double asym;
  gsl_matrix *H = full(&o, &asym);
  ck_assert(gsl_matrix_get(H, 0, 0) == 0 && gsl_matrix_get(H, 0, 1) == -2 &&
            gsl_matrix_get(H, 1, 0) == -2 && gsl_matrix_get(H, 1, 1) == 0);
  ck_assert(asym == 0);
  double eig[2];
  gsl_matrix *vec = gsl_matrix_alloc(2, 1);
  gsl_rng *r = rng(1);
  ck_assert_int_eq(nn_hessian_lanczos(&o, 1, 0, 1e-10, 0, r, eig, vec, NULL),
                   NN_OK);
  ASSERT_NEAR(eig[0], -2, 1e-15);
  ASSERT_NEAR(gsl_matrix_get(vec, 0, 0), sqrt(0.5), 1e-15);
  ASSERT_NEAR(gsl_matrix_get(vec, 1, 0), sqrt(0.5), 1e-15);
  ck_assert_int_eq(nn_hessian_lanczos(&o, 2, 1, 1e-10, 0, r, eig, NULL, NULL),
                   NN_OK);
  ASSERT_NEAR(eig[0], 2, 1e-15);
  ASSERT_NEAR(eig[1], -2, 1e-15);
  gsl_matrix_free(H);

  m->theta[0] = m->theta[1] = 1;
  H = full(&o, &asym);
  for (size_t i = 0; i < 4; i++)
    ck_assert(H->data[i] == 2);
  gsl_vector *ev = spectrum(H);
  ASSERT_NEAR(gsl_vector_get(ev, 0), 0, 1e-15);
  ASSERT_NEAR(gsl_vector_get(ev, 1), 4, 1e-15);
  gsl_vector_free(ev);
  gsl_matrix_free(H);

  /* The general point: the formulas above. */
  m->theta[0] = 0.5;
  m->theta[1] = -0.3;
  H = full(&o, NULL);
  ASSERT_NEAR(gsl_matrix_get(H, 0, 0), 2 * 0.09, 1e-15);
  ASSERT_NEAR(gsl_matrix_get(H, 0, 1), -2 + 4 * 0.5 * -0.3, 1e-15);
  ASSERT_NEAR(gsl_matrix_get(H, 1, 1), 2 * 0.25, 1e-15);
  gsl_matrix_free(H);
  gsl_matrix_free(vec);
  gsl_rng_free(r);
  nn_dataset_free(ds);
  nn_model_free(m);
}
END_TEST

START_TEST(function_objective)
{
  /* The built-in w1w2 is the same function as the network above. */
  nn_func f;
  ck_assert_int_eq(nn_func_parse("w1w2", &f, NULL), NN_OK);
  double x[2] = {0, 0};
  nn_objective o;
  nn_objective_func(&o, &f, x);
  gsl_matrix *H = full(&o, NULL);
  ck_assert(gsl_matrix_get(H, 0, 1) == -2 && gsl_matrix_get(H, 0, 0) == 0);
  double worst, eig[2];
  size_t i, j;
  ck_assert_int_eq(nn_hessian_check(&o, H, 1e-6, &worst, &i, &j, NULL),
                   NN_OK);
  ck_assert(worst < 1e-6);
  gsl_rng *r = rng(1);
  ck_assert_int_eq(nn_hessian_lanczos(&o, 1, 1, 1e-10, 0, r, eig, NULL, NULL),
                   NN_OK);
  ASSERT_NEAR(eig[0], 2, 1e-15);
  /* rosenbrock at (1, 1): [[802, -400], [-400, 200]]. */
  ck_assert_int_eq(nn_func_parse("rosenbrock", &f, NULL), NN_OK);
  x[0] = x[1] = 1;
  gsl_matrix_free(H);
  H = full(&o, NULL);
  ck_assert(gsl_matrix_get(H, 0, 0) == 802 && gsl_matrix_get(H, 0, 1) == -400
            && gsl_matrix_get(H, 1, 1) == 200);
  ck_assert_int_eq(nn_hessian_lanczos(&o, 2, 0, 1e-10, 0, r, eig, NULL, NULL),
                   NN_OK);
  double tr = 1002, det = 802 * 200 - 400 * 400;
  ASSERT_NEAR(eig[0], (tr - sqrt(tr * tr - 4 * det)) / 2, 1e-12);
  ASSERT_NEAR(eig[1], (tr + sqrt(tr * tr - 4 * det)) / 2, 1e-12);
  gsl_matrix_free(H);
  gsl_rng_free(r);
}
END_TEST

/* -- Lanczos --------------------------------------------------------------------- */

/* Lanczos' K extremes (TOP or bottom) of O against the dense spectrum EV
 * (ascending) of H: eigenvalues to 1e-8 max|lambda|, and every returned
 * vector a unit eigenvector (||H x - lambda x|| small). */
static size_t restarts, products, runs;  /* totals over the runs */

static void expect_extremes(nn_objective *o, const gsl_matrix *H,
                            const gsl_vector *ev, size_t K, int top,
                            unsigned long seed, const char *what)
{
  size_t n = o->n;
  double *eig = malloc(K * sizeof *eig);
  gsl_matrix *X = gsl_matrix_alloc(n, K);
  gsl_vector *hx = gsl_vector_alloc(n);
  gsl_rng *r = rng(seed);
  nn_err err;
  nn_lanczos_info info;
  int status = nn_hessian_lanczos_info(o, K, top, 1e-10, 0, r, eig, X, &info,
                                       &err);
  ASSERT_TRUE(status == NN_OK, "%s: %s", what, err.msg);
  ck_assert(!info.dense && info.residual <= 1e-10);
  ck_assert(info.basis <= (2 * K + 20 > 60 ? 2 * K + 20 : 60));
  restarts += info.restarts;
  products += info.products;
  runs++;
  double big = fmax(fabs(gsl_vector_get(ev, 0)),
                    fabs(gsl_vector_get(ev, n - 1)));
  for (size_t i = 0; i < K; i++) {
    double want = gsl_vector_get(ev, top ? n - 1 - i : i);
    ASSERT_TRUE(fabs(eig[i] - want) <= 1e-8 * big, "%s: %s %zu: Lanczos "
                "%.17g, dense %.17g (max |lambda| %g)", what,
                top ? "top" : "bottom", i + 1, eig[i], want, big);
    gsl_vector_view x = gsl_matrix_column(X, i);
    ASSERT_NEAR(gsl_blas_dnrm2(&x.vector), 1, 1e-10);
    gsl_blas_dgemv(CblasNoTrans, 1, H, &x.vector, 0, hx);
    gsl_blas_daxpy(-eig[i], &x.vector, hx);
    ASSERT_TRUE(gsl_blas_dnrm2(hx) <= 1e-8 * big, "%s: vector %zu: "
                "residual %g", what, i + 1, gsl_blas_dnrm2(hx));
  }
  free(eig);
  gsl_matrix_free(X);
  gsl_vector_free(hx);
  gsl_rng_free(r);
}

START_TEST(lanczos_matches_the_full_spectrum)
{
  /* Nets of 150-400 parameters (beyond the dense shortcut for small
   * ones), every activation x loss, top and bottom 1, 3 and 6. */
  for (size_t a = 0; a < 4; a++)
    for (size_t lo = 0; lo < 3; lo++) {
      gsl_rng *r = rng(200 + a * 10 + lo);
      size_t width[4] = {5, 12 + 2 * a, 9 + lo, 3};
      nn_dataset *ds;
      nn_model *m = random_net_k(r, 3, width, acts[a], lo != 1, losses[lo],
                                 40, 0, &ds);
      nn_objective o;
      nn_objective_model(&o, m, ds, NULL);
      ck_assert(o.n > 150 && o.n < 400);
      gsl_matrix *H = full(&o, NULL);
      gsl_vector *ev = spectrum(H);
      char what[128];
      snprintf(what, sizeof what, "%s, %s, %zu parameters",
               nn_act_name(acts[a]), nn_loss_name(losses[lo]), o.n);
      static const size_t ks[] = {1, 3, 6};
      for (size_t i = 0; i < 3; i++)
        for (int top = 0; top <= 1; top++)
          expect_extremes(&o, H, ev, ks[i], top, 1 + i, what);
      gsl_vector_free(ev);
      gsl_matrix_free(H);
      nn_dataset_free(ds);
      nn_model_free(m);
      gsl_rng_free(r);
    }
  /* The thick restarts were exercised (the basis holds 60 vectors). */
  printf("lanczos: %zu runs, %zu products, %zu restarts\n", runs, products,
         restarts);
  ck_assert(restarts > 0);
}
END_TEST

START_TEST(lanczos_finds_repeated_eigenvalues)
{
  /* Every hidden unit the same: swapping units leaves the loss alone, so
   * the Hessian's eigenvalues of the symmetry-breaking directions come in
   * groups of h - 1 equal ones (NOTES.md §2's saddles).  Single-vector
   * Lanczos would see one of each group; blocks of K see K. */
  enum { D = 5, Hh = 16, N = 30 };
  size_t width[3] = {D, Hh, 1};
  gsl_rng *r = rng(11);
  nn_dataset *ds;
  nn_model *m = random_net(r, 2, width, NN_ACT_TANH, 1, NN_LOSS_MSE, N, &ds);
  double *W1 = m->theta, *b1 = m->theta + nn_model_bias_offset(m, 1);
  double *W2 = m->theta + nn_model_weight_offset(m, 2);
  for (size_t u = 1; u < Hh; u++) {
    memcpy(W1 + u * D, W1, D * sizeof *W1);
    b1[u] = b1[0];
    W2[u] = W2[0];
  }
  nn_objective o;
  nn_objective_model(&o, m, ds, NULL);
  gsl_matrix *H = full(&o, NULL);
  gsl_vector *ev = spectrum(H);
  size_t n = o.n;
  /* The extremes are repeated: count the copies of each end. */
  double big = fmax(fabs(gsl_vector_get(ev, 0)), fabs(gsl_vector_get(ev, n - 1)));
  size_t lo = 1, hi = 1;
  while (fabs(gsl_vector_get(ev, lo) - gsl_vector_get(ev, 0)) < 1e-9 * big)
    lo++;
  while (fabs(gsl_vector_get(ev, n - 1 - hi) - gsl_vector_get(ev, n - 1)) < 1e-9 * big)
    hi++;
  printf("repeated: %zu parameters, lowest eigenvalue %.6g x %zu, highest "
         "%.6g x %zu\n", n, gsl_vector_get(ev, 0), lo,
         gsl_vector_get(ev, n - 1), hi);
  ck_assert(lo >= 3 || hi >= 3);
  if (lo >= 3)
    expect_extremes(&o, H, ev, 3, 0, 5, "identical units, bottom");
  if (hi >= 3)
    expect_extremes(&o, H, ev, 3, 1, 5, "identical units, top");
  expect_extremes(&o, H, ev, 5, 0, 6, "identical units, bottom 5");
  expect_extremes(&o, H, ev, 5, 1, 6, "identical units, top 5");
  gsl_vector_free(ev);
  gsl_matrix_free(H);
  nn_dataset_free(ds);
  nn_model_free(m);
  gsl_rng_free(r);
}
END_TEST

START_TEST(lanczos_on_a_large_model)
{
  /* 784-128-10, relu, xent: 101,770 parameters, 100 rows.  Lanczos' top
   * eigenvalue and vector: Rayleigh quotient and residual checked with
   * products computed here. */
  size_t width[3] = {784, 128, 10};
  gsl_rng *r = rng(12);
  nn_model *m = nn_model_alloc(2, width, NN_ACT_RELU, 1, NN_LOSS_XENT);
  ck_assert_int_eq(nn_model_init(m, "he", r, NULL), NN_OK);
  enum { N = 100 };
  double *x = malloc(N * 784 * sizeof *x);
  size_t cls[N];
  for (size_t i = 0; i < N * 784; i++)
    x[i] = gsl_rng_uniform(r);
  for (size_t i = 0; i < N; i++)
    cls[i] = i % 10;
  nn_dataset *ds = fx_dataset(N, 784, x, NULL, cls, 10);
  free(x);
  nn_objective o;
  nn_objective_model(&o, m, ds, NULL);
  ck_assert_uint_eq(o.n, 101770);
  double eig[1];
  gsl_matrix *X = gsl_matrix_alloc(o.n, 1), *HX = gsl_matrix_alloc(o.n, 1);
  nn_err err;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  ASSERT_TRUE(nn_hessian_lanczos(&o, 1, 1, 1e-8, 0, r, eig, X, &err) == NN_OK,
              "%s", err.msg);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  ck_assert_int_eq(nn_dataset_hvp(m, ds, X, HX, NULL), NN_OK);
  gsl_vector_view x0 = gsl_matrix_column(X, 0), hx = gsl_matrix_column(HX, 0);
  double rq;
  gsl_blas_ddot(&x0.vector, &hx.vector, &rq);
  ASSERT_NEAR(rq, eig[0], 1e-8 * fabs(eig[0]));
  gsl_blas_daxpy(-eig[0], &x0.vector, &hx.vector);
  ck_assert(eig[0] > 0);
  ASSERT_TRUE(gsl_blas_dnrm2(&hx.vector) <= 1e-7 * eig[0], "residual %g",
              gsl_blas_dnrm2(&hx.vector));
  printf("large: %zu parameters, top eigenvalue %.10g in %.2f s\n", o.n,
         eig[0], (double) (t1.tv_sec - t0.tv_sec) +
         1e-9 * (double) (t1.tv_nsec - t0.tv_nsec));
  gsl_matrix_free(X);
  gsl_matrix_free(HX);
  nn_dataset_free(ds);
  nn_model_free(m);
  gsl_rng_free(r);
}
END_TEST

/* -- errors --------------------------------------------------------------------- */

START_TEST(errors)
{
  gsl_rng *r = rng(13);
  size_t width[3] = {5, 20, 3};
  nn_dataset *ds;
  nn_model *m = random_net(r, 2, width, NN_ACT_TANH, 1, NN_LOSS_XENT, 20, &ds);
  nn_objective o;
  nn_objective_model(&o, m, ds, NULL);
  nn_err err;
  double eig[200];
  ck_assert_int_eq(nn_hessian_lanczos(&o, 0, 1, 1e-10, 0, r, eig, NULL, &err),
                   NN_EINVAL);
  EXPECT_ERR(&err, NN_EINVAL, "0 eigenvalues asked of a Hessian of 183 "
             "parameters");
  ck_assert_int_eq(nn_hessian_lanczos(&o, 184, 1, 1e-10, 0, r, eig, NULL,
                                      &err), NN_EINVAL);
  EXPECT_ERR(&err, NN_EINVAL, "184 eigenvalues asked of a Hessian of 183 "
             "parameters");
  /* Too few products allowed: 5 blocks of 2. */
  ck_assert_int_eq(nn_hessian_lanczos(&o, 2, 0, 1e-14, 11, r, eig, NULL,
                                      &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "Lanczos iteration: the bottom 2 eigenvalues "
             "did not converge to 1e-14 in 10 Hessian-vector products");
  ck_assert_int_eq(nn_hessian_lanczos(&o, 1, 1, 1e-14, 3, r, eig, NULL,
                                      &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "Lanczos iteration: the top 1 eigenvalue "
             "did not converge to 1e-14 in 3 Hessian-vector products");

  /* A non-finite parameter. */
  m->theta[7] = NAN;
  gsl_matrix *H = gsl_matrix_alloc(o.n, o.n);
  ck_assert_int_eq(nn_hessian_full(&o, H, NULL, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "the Hessian is not finite: d2L/dW1[1,1] "
             "dW1[1,1] = nan");
  ck_assert_int_eq(nn_hessian_lanczos(&o, 1, 1, 1e-10, 0, r, eig, NULL,
                                      &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "the Hessian-vector products are not finite");
  gsl_matrix_free(H);

  /* No rows. */
  nn_dataset *empty = fx_dataset(0, 5, (const double[]){0}, NULL,
                                 (const size_t[]){0}, 3);
  gsl_matrix *V = gsl_matrix_calloc(o.n, 1), *HV = gsl_matrix_alloc(o.n, 1);
  ck_assert_int_eq(nn_dataset_hvp(m, empty, V, HV, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "memory: no data rows");
  gsl_matrix_free(V);
  gsl_matrix_free(HV);
  nn_dataset_free(empty);
  nn_dataset_free(ds);
  nn_model_free(m);
  gsl_rng_free(r);
}
END_TEST

/* -- runner ----------------------------------------------------------------- */

static Suite *hessian_suite(void)
{
  Suite *s = suite_create("hessian");
  TCase *tc = tcase_create("full");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, hessian_matches_differences);
  tcase_add_test(tc, check_sees_a_wrong_hessian);
  tcase_add_test(tc, l2_adds_to_the_diagonal);
  tcase_add_test(tc, two_weight_network_of_the_notes);
  tcase_add_test(tc, function_objective);
  suite_add_tcase(s, tc);

  tc = tcase_create("products");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, product_equals_matrix_times_vector);
  tcase_add_test(tc, chunks_weigh_by_their_size);
  suite_add_tcase(s, tc);

  tc = tcase_create("lanczos");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, lanczos_matches_the_full_spectrum);
  tcase_add_test(tc, lanczos_finds_repeated_eigenvalues);
  tcase_add_test(tc, lanczos_on_a_large_model);
  tcase_add_test(tc, errors);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(hessian_suite());
}
