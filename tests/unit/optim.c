/* tests/unit/optim.c -- Check suite for lib/optim.h: every update rule
 * replayed by hand, the hyper-parameter defaults and errors, the
 * learning-rate schedules against their formulas.
 *
 * The replays below are written from the algorithms as documented (the
 * PyTorch pseudo-code for torch.optim, NOTES.md §3-4 for momentum and
 * adagrad-rms), one parameter at a time, in the plainest arithmetic, and do
 * not share code with lib/optim.c.  A run takes 12 steps on 4 parameters
 * whose gradient depends on the parameters and on the step, at a rate that
 * changes from step to step, and every parameter must match
 * nn_optim_step's to 1e-12 relative after every step.
 */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "optim.h"
#include "unit.h"

/* -- helpers ---------------------------------------------------------------- */

#define N 4       /* parameters */
#define STEPS 12  /* steps of a replay */
#define REL 1e-12 /* relative tolerance */

/* Assert that ERR holds STATUS and exactly the message FMT, ... */
static void expect_err(const nn_err *err, int status, int caller,
                       const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));
static void expect_err(const nn_err *err, int status, int caller,
                       const char *fmt, ...)
{
  char want[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(want, sizeof want, fmt, ap);
  va_end(ap);
  ck_assert_msg(strcmp(err->msg, want) == 0,
                "line %d: message\n  '%s', expected\n  '%s'", caller, err->msg,
                want);
  ck_assert_msg(err->status == status, "line %d: status %d, expected %d",
                caller, err->status, status);
}
#define EXPECT_ERR(err, status, ...) \
  expect_err(err, status, __LINE__, __VA_ARGS__)

/* |X - Y| <= REL max(|X|, |Y|, FLOOR): relative, and relative to FLOOR
 * for values smaller than FLOOR (a long run that crosses zero carries the
 * rounding errors of its larger past values). */
#define ASSERT_SCALED(x, y, floor, what, ...)                              \
  do {                                                                     \
    double ax_ = (x), ay_ = (y);                                           \
    double s_ = fmax(fmax(fabs(ax_), fabs(ay_)), (floor));                 \
    ASSERT_TRUE(fabs(ax_ - ay_) <= REL * s_,                               \
                what ": %.17g, by hand %.17g (relative error %.3g)",       \
                __VA_ARGS__, ax_, ay_, fabs(ax_ - ay_) / s_);              \
  } while (0)

/* |X - Y| <= REL max(|X|, |Y|). */
#define ASSERT_REL(x, y, what, ...) ASSERT_SCALED(x, y, 0, what, __VA_ARGS__)

static const double theta0[N] = {0.8, -1.5, 0.3, 2.2};

/* The gradient at THETA in step T: a quadratic bowl plus terms that change
 * with the step and the parameter, so that no two steps see the same g. */
static void gradient(const double *theta, int t, double *g)
{
  for (int i = 0; i < N; i++)
    g[i] = 0.5 * (i + 1) * theta[i] + sin(0.7 * t + 1.3 * i) +
           0.2 * cos(theta[i]);
}

/* The rate of step T (from 1) of a replay: it changes every step. */
static double rate(int t) { return 0.05 / (1 + 0.1 * t); }

/* The state of a replay by hand. */
typedef struct ref {
  int t;        /* steps taken */
  double m[N];  /* first moment, movement or momentum buffer */
  double v[N];  /* second moment or sum of squares */
  double w[N];  /* third vector: mean gradient, maximum of v */
} ref;

/* Hyper-parameters of a replay by hand (no defaults: every one given). */
typedef struct hyper {
  double momentum, beta1, beta2, alpha, eps, wd;
  int centered;
} hyper;

typedef void ref_step(ref *r, const hyper *h, double *theta, const double *g,
                      double lr);

/* -- the rules by hand ------------------------------------------------------ */

/* PyTorch SGD, momentum 0: g <- g + wd theta; theta <- theta - lr g. */
static void ref_sgd(ref *r, const hyper *h, double *theta, const double *g,
                    double lr)
{
  r->t++;
  for (int i = 0; i < N; i++) {
    double gi = g[i];
    if (h->wd != 0)
      gi = gi + h->wd * theta[i];
    theta[i] = theta[i] - lr * gi;
  }
}

/* NOTES.md §3: m^i = lambda m^{i-1} - eta g^{i-1}, m^0 = 0;
 * theta^i = theta^{i-1} + m^i. */
static void ref_momentum(ref *r, const hyper *h, double *theta,
                         const double *g, double lr)
{
  r->t++;
  for (int i = 0; i < N; i++) {
    double gi = g[i] + h->wd * theta[i];
    double movement = h->momentum * r->m[i] - lr * gi;
    r->m[i] = movement;
    theta[i] = theta[i] + movement;
  }
}

/* PyTorch SGD with momentum mu, dampening 0 and nesterov:
 * if t > 1, b_t = mu b_{t-1} + g_t, else b_t = g_t; g_t <- g_t + mu b_t;
 * theta_t = theta_{t-1} - lr g_t. */
static void ref_nesterov(ref *r, const hyper *h, double *theta,
                         const double *g, double lr)
{
  r->t++;
  for (int i = 0; i < N; i++) {
    double gi = g[i] + h->wd * theta[i];
    double b = r->t > 1 ? h->momentum * r->m[i] + gi : gi;
    r->m[i] = b;
    gi = gi + h->momentum * b;
    theta[i] = theta[i] - lr * gi;
  }
}

/* PyTorch SGD with momentum mu, dampening 0, not nesterov: the trajectory
 * NOTES.md's movement form must follow at a constant rate. */
static void ref_torch_momentum(ref *r, const hyper *h, double *theta,
                               const double *g, double lr)
{
  r->t++;
  for (int i = 0; i < N; i++) {
    double gi = g[i] + h->wd * theta[i];
    double b = r->t > 1 ? h->momentum * r->m[i] + gi : gi;
    r->m[i] = b;
    theta[i] = theta[i] - lr * b;
  }
}

/* PyTorch Adagrad (lr_decay 0, initial accumulator 0):
 * state_sum_t = state_sum_{t-1} + g_t^2;
 * theta_t = theta_{t-1} - lr g_t / (sqrt(state_sum_t) + eps). */
static void ref_adagrad(ref *r, const hyper *h, double *theta,
                        const double *g, double lr)
{
  r->t++;
  for (int i = 0; i < N; i++) {
    double gi = g[i] + h->wd * theta[i];
    r->v[i] = r->v[i] + gi * gi;
    theta[i] = theta[i] - lr * gi / (sqrt(r->v[i]) + h->eps);
  }
}

/* NOTES.md §4: sigma^t = sqrt(1/(t+1) sum_{tau<=t} g_tau^2) (t from 0),
 * theta^{t+1} = theta^t - eta/sigma^t g^t; with the documented placement
 * of eps: sigma = sqrt(mean) + eps/sqrt(number of gradients). */
static void ref_adagrad_rms(ref *r, const hyper *h, double *theta,
                            const double *g, double lr)
{
  r->t++;
  for (int i = 0; i < N; i++) {
    double gi = g[i] + h->wd * theta[i];
    r->v[i] = r->v[i] + gi * gi;
    double mean = r->v[i] / r->t;
    double sigma = sqrt(mean) + h->eps / sqrt((double) r->t);
    theta[i] = theta[i] - (lr / sigma) * gi;
  }
}

/* PyTorch RMSprop, momentum 0:
 * v_t = alpha v_{t-1} + (1 - alpha) g_t^2; v~ = v_t;
 * centered: g^ave_t = alpha g^ave_{t-1} + (1 - alpha) g_t,
 *           v~ = v~ - (g^ave_t)^2;
 * theta_t = theta_{t-1} - lr g_t / (sqrt(v~) + eps). */
static void ref_rmsprop(ref *r, const hyper *h, double *theta,
                        const double *g, double lr)
{
  r->t++;
  for (int i = 0; i < N; i++) {
    double gi = g[i] + h->wd * theta[i];
    r->v[i] = h->alpha * r->v[i] + (1 - h->alpha) * gi * gi;
    double vt = r->v[i];
    if (h->centered) {
      r->w[i] = h->alpha * r->w[i] + (1 - h->alpha) * gi;
      vt = vt - r->w[i] * r->w[i];
    }
    theta[i] = theta[i] - lr * gi / (sqrt(vt) + h->eps);
  }
}

/* PyTorch Adam / AdamW / Adam(amsgrad=True):
 * adamw: theta_t = theta_{t-1} - lr wd theta_{t-1}; else g_t += wd theta;
 * m_t = beta1 m_{t-1} + (1 - beta1) g_t; v_t = beta2 v_{t-1} + (1 - beta2) g_t^2;
 * m^ = m_t / (1 - beta1^t);
 * amsgrad: vmax_t = max(vmax_{t-1}, v_t), v^ = vmax_t / (1 - beta2^t);
 * else v^ = v_t / (1 - beta2^t);
 * theta_t = theta_t - lr m^ / (sqrt(v^) + eps). */
static void ref_adam_any(ref *r, const hyper *h, double *theta,
                         const double *g, double lr, int decoupled,
                         int amsgrad)
{
  r->t++;
  for (int i = 0; i < N; i++) {
    double gi = g[i];
    if (decoupled)
      theta[i] = theta[i] - lr * h->wd * theta[i];
    else
      gi = gi + h->wd * theta[i];
    r->m[i] = h->beta1 * r->m[i] + (1 - h->beta1) * gi;
    r->v[i] = h->beta2 * r->v[i] + (1 - h->beta2) * gi * gi;
    double mhat = r->m[i] / (1 - pow(h->beta1, r->t));
    double vhat;
    if (amsgrad) {
      if (r->v[i] > r->w[i])
        r->w[i] = r->v[i];
      vhat = r->w[i] / (1 - pow(h->beta2, r->t));
    } else {
      vhat = r->v[i] / (1 - pow(h->beta2, r->t));
    }
    theta[i] = theta[i] - lr * mhat / (sqrt(vhat) + h->eps);
  }
}

static void ref_adam(ref *r, const hyper *h, double *theta, const double *g,
                     double lr)
{
  ref_adam_any(r, h, theta, g, lr, 0, 0);
}

static void ref_adamw(ref *r, const hyper *h, double *theta, const double *g,
                      double lr)
{
  ref_adam_any(r, h, theta, g, lr, 1, 0);
}

static void ref_amsgrad(ref *r, const hyper *h, double *theta,
                        const double *g, double lr)
{
  ref_adam_any(r, h, theta, g, lr, 0, 1);
}

/* rho_t of RAdam. */
static double radam_rho(double beta2, int t)
{
  double rho_inf = 2 / (1 - beta2) - 1;
  return rho_inf - 2 * t * pow(beta2, t) / (1 - pow(beta2, t));
}

/* PyTorch RAdam: g_t += wd theta; m_t, v_t as Adam; m^ = m_t/(1 - beta1^t);
 * rho_inf = 2/(1 - beta2) - 1; rho_t = rho_inf - 2 t beta2^t/(1 - beta2^t);
 * if rho_t > 5: l_t = sqrt(1 - beta2^t)/(sqrt(v_t) + eps),
 *   r_t = sqrt((rho_t-4)(rho_t-2) rho_inf / ((rho_inf-4)(rho_inf-2) rho_t)),
 *   theta_t = theta_{t-1} - lr m^ r_t l_t;
 * else theta_t = theta_{t-1} - lr m^. */
static void ref_radam(ref *r, const hyper *h, double *theta, const double *g,
                      double lr)
{
  r->t++;
  double rho_inf = 2 / (1 - h->beta2) - 1;
  double rho_t = radam_rho(h->beta2, r->t);
  for (int i = 0; i < N; i++) {
    double gi = g[i] + h->wd * theta[i];
    r->m[i] = h->beta1 * r->m[i] + (1 - h->beta1) * gi;
    r->v[i] = h->beta2 * r->v[i] + (1 - h->beta2) * gi * gi;
    double mhat = r->m[i] / (1 - pow(h->beta1, r->t));
    if (rho_t > 5) {
      double l = sqrt(1 - pow(h->beta2, r->t)) / (sqrt(r->v[i]) + h->eps);
      double rect = sqrt((rho_t - 4) * (rho_t - 2) * rho_inf /
                         ((rho_inf - 4) * (rho_inf - 2) * rho_t));
      theta[i] = theta[i] - lr * mhat * rect * l;
    } else {
      theta[i] = theta[i] - lr * mhat;
    }
  }
}

/* -- the replays ------------------------------------------------------------ */

/* One replay: optimizer NAME with hyper-parameters GIVEN (what
 * nn_optim_alloc gets) against the rule by hand STEP with every value
 * spelt out in H. */
typedef struct replay {
  const char *name;   /* optimizer */
  nn_optim_params given;  /* to nn_optim_alloc; NAN: default */
  hyper h;            /* the same values, defaults written out */
  ref_step *step;     /* the rule by hand */
} replay;

#define NONE NAN
#define GIVEN(mo, b1, b2, al, ep, wd, ce) \
  {.momentum = mo, .beta1 = b1, .beta2 = b2, .alpha = al, .eps = ep, \
   .weight_decay = wd, .centered = ce}
#define DEFAULTS GIVEN(NONE, NONE, NONE, NONE, NONE, NONE, -1)
#define H(mo, b1, b2, al, ep, wd, ce) {mo, b1, b2, al, ep, wd, ce}

static const replay replays[] = {
  /* sgd */
  {"sgd", DEFAULTS, H(0, 0, 0, 0, 0, 0, 0), ref_sgd},
  {"sgd", GIVEN(NONE, NONE, NONE, NONE, NONE, 0.05, -1),
   H(0, 0, 0, 0, 0, 0.05, 0), ref_sgd},
  /* momentum: lambda 0.9 by default */
  {"momentum", DEFAULTS, H(0.9, 0, 0, 0, 0, 0, 0), ref_momentum},
  {"momentum", GIVEN(0.5, NONE, NONE, NONE, NONE, 0.05, -1),
   H(0.5, 0, 0, 0, 0, 0.05, 0), ref_momentum},
  /* nesterov */
  {"nesterov", DEFAULTS, H(0.9, 0, 0, 0, 0, 0, 0), ref_nesterov},
  {"nesterov", GIVEN(0.7, NONE, NONE, NONE, NONE, 0.05, -1),
   H(0.7, 0, 0, 0, 0, 0.05, 0), ref_nesterov},
  /* adagrad: eps 1e-10 */
  {"adagrad", DEFAULTS, H(0, 0, 0, 0, 1e-10, 0, 0), ref_adagrad},
  {"adagrad", GIVEN(NONE, NONE, NONE, NONE, 0.01, 0.05, -1),
   H(0, 0, 0, 0, 0.01, 0.05, 0), ref_adagrad},
  /* adagrad-rms: eps 1e-10 */
  {"adagrad-rms", DEFAULTS, H(0, 0, 0, 0, 1e-10, 0, 0), ref_adagrad_rms},
  {"adagrad-rms", GIVEN(NONE, NONE, NONE, NONE, 0.01, 0.05, -1),
   H(0, 0, 0, 0, 0.01, 0.05, 0), ref_adagrad_rms},
  /* rmsprop: alpha 0.99, eps 1e-8, not centered */
  {"rmsprop", DEFAULTS, H(0, 0, 0, 0.99, 1e-8, 0, 0), ref_rmsprop},
  {"rmsprop", GIVEN(NONE, NONE, NONE, NONE, NONE, NONE, 1),
   H(0, 0, 0, 0.99, 1e-8, 0, 1), ref_rmsprop},
  {"rmsprop", GIVEN(NONE, NONE, NONE, 0.8, 0.001, 0.05, 0),
   H(0, 0, 0, 0.8, 0.001, 0.05, 0), ref_rmsprop},
  {"rmsprop", GIVEN(NONE, NONE, NONE, 0.8, 0.001, 0.05, 1),
   H(0, 0, 0, 0.8, 0.001, 0.05, 1), ref_rmsprop},
  /* adam: 0.9, 0.999, 1e-8 */
  {"adam", DEFAULTS, H(0, 0.9, 0.999, 0, 1e-8, 0, 0), ref_adam},
  {"adam", GIVEN(NONE, 0.8, 0.99, NONE, 0.001, 0.05, -1),
   H(0, 0.8, 0.99, 0, 0.001, 0.05, 0), ref_adam},
  /* adamw: decoupled weight decay 0.01 by default */
  {"adamw", DEFAULTS, H(0, 0.9, 0.999, 0, 1e-8, 0.01, 0), ref_adamw},
  {"adamw", GIVEN(NONE, 0.8, 0.99, NONE, 0.001, 0.5, -1),
   H(0, 0.8, 0.99, 0, 0.001, 0.5, 0), ref_adamw},
  {"adamw", GIVEN(NONE, NONE, NONE, NONE, NONE, 0, -1),
   H(0, 0.9, 0.999, 0, 1e-8, 0, 0), ref_adam},
  /* amsgrad */
  {"amsgrad", DEFAULTS, H(0, 0.9, 0.999, 0, 1e-8, 0, 0), ref_amsgrad},
  {"amsgrad", GIVEN(NONE, 0.8, 0.99, NONE, 0.001, 0.05, -1),
   H(0, 0.8, 0.99, 0, 0.001, 0.05, 0), ref_amsgrad},
  /* radam: unadapted for t <= 5 with beta2 0.999, then rectified */
  {"radam", DEFAULTS, H(0, 0.9, 0.999, 0, 1e-8, 0, 0), ref_radam},
  {"radam", GIVEN(NONE, 0.8, 0.99, NONE, 0.001, 0.05, -1),
   H(0, 0.8, 0.99, 0, 0.001, 0.05, 0), ref_radam},
};

#define N_REPLAYS ((int) (sizeof replays / sizeof replays[0]))

/* Replay _i: nn_optim_step against the rule by hand, every step. */
START_TEST(replay_by_hand)
{
  const replay *rp = &replays[_i];
  nn_err err;
  nn_optim *o = nn_optim_alloc(rp->name, N, &rp->given, &err);
  ck_assert_msg(o != NULL, "%s: %s", rp->name, err.msg);
  ref r;
  memset(&r, 0, sizeof r);
  double a[N], b[N], ga[N], gb[N];
  memcpy(a, theta0, sizeof a);
  memcpy(b, theta0, sizeof b);
  for (int t = 1; t <= STEPS; t++) {
    gradient(a, t, ga);
    gradient(b, t, gb);
    nn_optim_step(o, a, ga, rate(t));
    rp->step(&r, &rp->h, b, gb, rate(t));
    ck_assert_uint_eq(o->t, (size_t) t);
    for (int i = 0; i < N; i++)
      ASSERT_REL(a[i], b[i], "%s (replay %d) step %d theta[%d]", rp->name,
                 _i, t, i);
  }
  /* The parameters moved: the replay compared something. */
  for (int i = 0; i < N; i++)
    ASSERT_TRUE(fabs(a[i] - theta0[i]) > 1e-3, "%s: theta[%d] did not move",
                rp->name, i);
  nn_optim_free(o);
}
END_TEST

/* The replays of RAdam cover both branches: rho_t <= 5 up to step 5, then
 * rho_t > 5, with beta2 0.999 (and from step 6 with 0.99 too). */
START_TEST(radam_both_branches)
{
  for (int t = 1; t <= 5; t++)
    ck_assert(radam_rho(0.999, t) <= 5);
  for (int t = 6; t <= STEPS; t++)
    ck_assert(radam_rho(0.999, t) > 5);
  ck_assert(radam_rho(0.99, 5) <= 5 && radam_rho(0.99, 6) > 5);
  /* Step 1 is the unadapted step lr m^ = lr g exactly. */
  nn_optim *o = nn_optim_alloc("radam", 1, NULL, NULL);
  double th = 1, g = 0.25;
  nn_optim_step(o, &th, &g, 0.1);
  ASSERT_NEAR(th, 1 - 0.1 * 0.25, 1e-15);
  nn_optim_free(o);
}
END_TEST

/* The old sgd test of tests/unit/train.c: values exact in binary. */
START_TEST(sgd_step_by_hand)
{
  nn_err err;
  nn_optim *o = nn_optim_alloc("sgd", 3, NULL, &err);
  ck_assert_ptr_nonnull(o);
  ck_assert_uint_eq(o->t, 0);
  double theta[3] = {1, -2, 0.5};
  const double g[3] = {0.5, 0.25, -4};
  nn_optim_step(o, theta, g, 0.5);
  ck_assert(theta[0] == 0.75 && theta[1] == -2.125 && theta[2] == 2.5);
  ck_assert_uint_eq(o->t, 1);
  nn_optim_step(o, theta, g, 0.1);
  ck_assert(theta[0] == 0.75 - 0.1 * 0.5 && theta[1] == -2.125 - 0.1 * 0.25);
  ck_assert_uint_eq(o->t, 2);
  /* G is not changed. */
  ck_assert(g[0] == 0.5 && g[1] == 0.25 && g[2] == -4);
  nn_optim_free(o);
  /* With weight decay 0.5: g + 0.5 theta = (1, -0.75, -3.75). */
  nn_optim_params p = nn_optim_params_none();
  p.weight_decay = 0.5;
  o = nn_optim_alloc("sgd", 3, &p, &err);
  ck_assert_ptr_nonnull(o);
  double th[3] = {1, -2, 0.5};
  nn_optim_step(o, th, g, 0.5);
  ck_assert(th[0] == 0.5 && th[1] == -1.625 && th[2] == 2.375);
  nn_optim_free(o);
}
END_TEST

/* NOTES.md §3's movement form at a constant rate follows PyTorch's SGD
 * momentum trajectory: both by hand, and nn_optim_step matches them. */
START_TEST(momentum_is_torch_momentum)
{
  for (int wdk = 0; wdk < 2; wdk++) {
    hyper h = {.momentum = 0.9, .wd = wdk ? 0.05 : 0};
    nn_optim_params p = nn_optim_params_none();
    if (wdk)
      p.weight_decay = 0.05;
    nn_optim *o = nn_optim_alloc("momentum", N, &p, NULL);
    ck_assert_ptr_nonnull(o);
    ref rn, rt;
    memset(&rn, 0, sizeof rn);
    memset(&rt, 0, sizeof rt);
    double a[N], notes[N], torch[N], g[N];
    memcpy(a, theta0, sizeof a);
    memcpy(notes, theta0, sizeof notes);
    memcpy(torch, theta0, sizeof torch);
    const double lr = 0.03;
    for (int t = 1; t <= 30; t++) {
      gradient(a, t, g);
      nn_optim_step(o, a, g, lr);
      gradient(notes, t, g);
      ref_momentum(&rn, &h, notes, g, lr);
      gradient(torch, t, g);
      ref_torch_momentum(&rt, &h, torch, g, lr);
      /* Rounded differently, the two recurrences drift apart by a few
       * units in the last place of the largest values they carried. */
      for (int i = 0; i < N; i++) {
        ASSERT_SCALED(notes[i], torch[i], 0.1,
                      "notes vs torch step %d theta[%d]", t, i);
        ASSERT_REL(a[i], notes[i], "nn_optim_step vs notes step %d theta[%d]",
                   t, i);
        /* The movement is -lr times PyTorch's momentum buffer. */
        ASSERT_SCALED(rn.m[i], -lr * rt.m[i], 0.1 * lr,
                      "m vs -lr b step %d [%d]", t, i);
      }
    }
    nn_optim_free(o);
  }
}
END_TEST

/* NOTES.md §4: adagrad-rms at the rate lr/sqrt(t) (schedule invsqrt) is
 * PyTorch's adagrad at the constant rate lr, eps included; and adagrad-rms
 * at a constant rate is adagrad at the rate lr sqrt(t). */
START_TEST(adagrad_identity)
{
  nn_schedule inv;
  nn_err err;
  ck_assert_int_eq(nn_schedule_parse("invsqrt", 0, &inv, &err), NN_OK);
  for (int wdk = 0; wdk < 2; wdk++) {
    nn_optim_params p = nn_optim_params_none();
    if (wdk)
      p.weight_decay = 0.05;
    nn_optim *rms = nn_optim_alloc("adagrad-rms", N, &p, NULL);
    nn_optim *sum = nn_optim_alloc("adagrad", N, &p, NULL);
    nn_optim *rms2 = nn_optim_alloc("adagrad-rms", N, &p, NULL);
    nn_optim *sum2 = nn_optim_alloc("adagrad", N, &p, NULL);
    ck_assert(rms && sum && rms2 && sum2);
    double a[N], b[N], c[N], d[N], g[N];
    memcpy(a, theta0, sizeof a);
    memcpy(b, theta0, sizeof b);
    memcpy(c, theta0, sizeof c);
    memcpy(d, theta0, sizeof d);
    const double lr = 0.2;
    for (int t = 1; t <= 50; t++) {
      gradient(a, t, g);
      nn_optim_step(rms, a, g, nn_schedule_lr(&inv, lr, (size_t) t));
      gradient(b, t, g);
      nn_optim_step(sum, b, g, lr);
      gradient(c, t, g);
      nn_optim_step(rms2, c, g, lr);
      gradient(d, t, g);
      nn_optim_step(sum2, d, g, lr * sqrt(t));
      for (int i = 0; i < N; i++) {
        ASSERT_REL(a[i], b[i], "rms at lr/sqrt(t) vs adagrad, step %d [%d]",
                   t, i);
        ASSERT_REL(c[i], d[i], "rms vs adagrad at lr sqrt(t), step %d [%d]",
                   t, i);
      }
    }
    /* The two runs at a constant rate went apart. */
    ck_assert(fabs(c[0] - b[0]) > 1e-3);
    nn_optim_free(rms);
    nn_optim_free(sum);
    nn_optim_free(rms2);
    nn_optim_free(sum2);
  }
}
END_TEST

/* -- defaults --------------------------------------------------------------- */

START_TEST(params_none)
{
  nn_optim_params p = nn_optim_params_none();
  ck_assert(isnan(p.momentum) && isnan(p.beta1) && isnan(p.beta2) &&
            isnan(p.alpha) && isnan(p.eps) && isnan(p.weight_decay));
  ck_assert_int_eq(p.centered, -1);
}
END_TEST

/* The defaults filled in by nn_optim_alloc (P NULL, or every field not
 * given), and the state it allocates. */
START_TEST(defaults)
{
  static const struct {
    const char *name;
    nn_optim_kind kind;
    double momentum, beta1, beta2, alpha, eps, wd;
  } want[] = {
    {"sgd", NN_OPT_SGD, NAN, NAN, NAN, NAN, NAN, 0},
    {"momentum", NN_OPT_MOMENTUM, 0.9, NAN, NAN, NAN, NAN, 0},
    {"nesterov", NN_OPT_NESTEROV, 0.9, NAN, NAN, NAN, NAN, 0},
    {"adagrad", NN_OPT_ADAGRAD, NAN, NAN, NAN, NAN, 1e-10, 0},
    {"adagrad-rms", NN_OPT_ADAGRAD_RMS, NAN, NAN, NAN, NAN, 1e-10, 0},
    {"rmsprop", NN_OPT_RMSPROP, NAN, NAN, NAN, 0.99, 1e-8, 0},
    {"adam", NN_OPT_ADAM, NAN, 0.9, 0.999, NAN, 1e-8, 0},
    {"adamw", NN_OPT_ADAMW, NAN, 0.9, 0.999, NAN, 1e-8, 0.01},
    {"amsgrad", NN_OPT_AMSGRAD, NAN, 0.9, 0.999, NAN, 1e-8, 0},
    {"radam", NN_OPT_RADAM, NAN, 0.9, 0.999, NAN, 1e-8, 0},
    {"bfgs", NN_OPT_BFGS, NAN, NAN, NAN, NAN, NAN, 0},
  };
#define SAME(x, y) ((isnan(x) && isnan(y)) || (x) == (y))
  nn_optim_params none = nn_optim_params_none();
  for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
    for (int pass = 0; pass < 2; pass++) {
      nn_err err;
      nn_optim *o = nn_optim_alloc(want[k].name, 5, pass ? &none : NULL, &err);
      ck_assert_msg(o != NULL, "%s: %s", want[k].name, err.msg);
      ck_assert_int_eq(o->kind, want[k].kind);
      ck_assert_uint_eq(o->n, 5);
      ck_assert_uint_eq(o->t, 0);
      ck_assert_msg(SAME(o->p.momentum, want[k].momentum) &&
                    SAME(o->p.beta1, want[k].beta1) &&
                    SAME(o->p.beta2, want[k].beta2) &&
                    SAME(o->p.alpha, want[k].alpha) &&
                    SAME(o->p.eps, want[k].eps) &&
                    SAME(o->p.weight_decay, want[k].wd),
                    "%s: defaults", want[k].name);
      ck_assert_int_eq(o->p.centered, 0);
      nn_optim_free(o);
    }
#undef SAME
  /* Centered rmsprop: the flag is kept. */
  nn_optim_params p = nn_optim_params_none();
  p.centered = 1;
  nn_optim *o = nn_optim_alloc("rmsprop", 2, &p, NULL);
  ck_assert_ptr_nonnull(o);
  ck_assert_int_eq(o->p.centered, 1);
  nn_optim_free(o);
  /* Values at the edges of their ranges are taken. */
  p = nn_optim_params_none();
  p.beta1 = 0;
  p.beta2 = 0;
  p.eps = 1e-300;
  p.weight_decay = 0;
  o = nn_optim_alloc("adam", 2, &p, NULL);
  ck_assert_ptr_nonnull(o);
  ck_assert(o->p.beta1 == 0 && o->p.beta2 == 0 && o->p.eps == 1e-300);
  nn_optim_free(o);
  /* No parameters at all: a step is nothing. */
  o = nn_optim_alloc("adam", 0, NULL, NULL);
  ck_assert_ptr_nonnull(o);
  nn_optim_step(o, NULL, NULL, 0.1);
  ck_assert_uint_eq(o->t, 1);
  nn_optim_free(o);
  nn_optim_free(NULL);
}
END_TEST

/* The state vectors each rule keeps, allocated (zero) by nn_optim_alloc. */
START_TEST(state_vectors)
{
  static const struct {
    const char *name;
    int centered, m, v, w;
  } want[] = {
    {"sgd", -1, 0, 0, 0},      {"momentum", -1, 1, 0, 0},
    {"nesterov", -1, 1, 0, 0}, {"adagrad", -1, 0, 1, 0},
    {"adagrad-rms", -1, 0, 1, 0}, {"rmsprop", -1, 0, 1, 0},
    {"rmsprop", 0, 0, 1, 0},   {"rmsprop", 1, 0, 1, 1},
    {"adam", -1, 1, 1, 0},     {"adamw", -1, 1, 1, 0},
    {"amsgrad", -1, 1, 1, 1},  {"radam", -1, 1, 1, 0},
    {"bfgs", -1, 0, 0, 0},
  };
  for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
    nn_optim_params p = nn_optim_params_none();
    p.centered = want[k].centered;
    nn_optim *o = nn_optim_alloc(want[k].name, 3, &p, NULL);
    ck_assert_ptr_nonnull(o);
    ck_assert_msg((o->m != NULL) == want[k].m && (o->v != NULL) == want[k].v &&
                  (o->w != NULL) == want[k].w, "%s: state", want[k].name);
    for (int i = 0; i < 3; i++)
      ck_assert((!o->m || o->m[i] == 0) && (!o->v || o->v[i] == 0) &&
                (!o->w || o->w[i] == 0));
    nn_optim_free(o);
  }
}
END_TEST

/* Centered rmsprop with a constant gradient: v - a^2 becomes a difference
 * of nearly equal numbers that rounding makes negative (from step 3227 with
 * g = 0.1); it is clamped at 0, so the step stays finite (lr g / eps). */
START_TEST(rmsprop_centered_clamp)
{
  nn_optim_params p = nn_optim_params_none();
  p.centered = 1;
  nn_optim *o = nn_optim_alloc("rmsprop", 1, &p, NULL);
  ck_assert_ptr_nonnull(o);
  double theta = 0, g = 0.1;
  int negative = 0;
  for (int t = 1; t <= 5000; t++) {
    double before = theta;
    nn_optim_step(o, &theta, &g, 1e-12);
    ASSERT_TRUE(isfinite(theta), "step %d: theta %g", t, theta);
    if (o->v[0] - o->w[0] * o->w[0] < 0) {
      negative++;  /* clamped: the step is lr g / eps */
      ASSERT_NEAR(before - theta, 1e-12 * 0.1 / 1e-8, 1e-18);
    }
  }
  ck_assert_int_gt(negative, 100);
  nn_optim_free(o);
}
END_TEST

/* An explicit default is the default: the same bits after 12 steps. */
START_TEST(explicit_defaults_same)
{
  nn_optim_params p = nn_optim_params_none();
  p.beta1 = 0.9;
  p.beta2 = 0.999;
  p.eps = 1e-8;
  p.weight_decay = 0.01;
  nn_optim *a = nn_optim_alloc("adamw", N, NULL, NULL);
  nn_optim *b = nn_optim_alloc("adamw", N, &p, NULL);
  double x[N], y[N], g[N];
  memcpy(x, theta0, sizeof x);
  memcpy(y, theta0, sizeof y);
  for (int t = 1; t <= STEPS; t++) {
    gradient(x, t, g);
    nn_optim_step(a, x, g, 0.01);
    nn_optim_step(b, y, g, 0.01);
  }
  ck_assert(memcmp(x, y, sizeof x) == 0);
  nn_optim_free(a);
  nn_optim_free(b);
}
END_TEST

/* -- errors ----------------------------------------------------------------- */

#define ALL "sgd, momentum, nesterov, adagrad, adagrad-rms, rmsprop, adam, " \
            "adamw, amsgrad, radam, bfgs"

/* nn_optim_alloc(NAME) with P fails with MSG (NN_EINVAL). */
static void alloc_fails(const char *name, const nn_optim_params *p,
                        const char *msg, int caller)
{
  nn_err err;
  nn_err_clear(&err);
  ck_assert_msg(nn_optim_alloc(name, 3, p, &err) == NULL,
                "line %d: %s: allocated", caller, name);
  expect_err(&err, NN_EINVAL, caller, "%s", msg);
  /* Without an nn_err too. */
  ck_assert(nn_optim_alloc(name, 3, p, NULL) == NULL);
}
#define ALLOC_FAILS(name, p, msg) alloc_fails(name, p, msg, __LINE__)

START_TEST(unknown_names)
{
  ck_assert_str_eq(nn_optim_names(), ALL);
  ALLOC_FAILS("foo", NULL, "--optimizer: unknown optimizer 'foo' (" ALL ")");
  ALLOC_FAILS("", NULL, "--optimizer: unknown optimizer '' (" ALL ")");
  ALLOC_FAILS("Adam", NULL, "--optimizer: unknown optimizer 'Adam' (" ALL ")");
  ALLOC_FAILS("adam ", NULL,
              "--optimizer: unknown optimizer 'adam ' (" ALL ")");
  ALLOC_FAILS("adagrad_rms", NULL,
              "--optimizer: unknown optimizer 'adagrad_rms' (" ALL ")");
}
END_TEST

#define TAKES_MOMENTUM "(momentum, nesterov do)"
#define TAKES_BETA "(adam, adamw, amsgrad, radam do)"
#define TAKES_ALPHA "(rmsprop does)"
#define TAKES_EPS "(adagrad, adagrad-rms, rmsprop, adam, adamw, amsgrad, " \
                  "radam do)"

/* Every hyper-parameter given to every optimizer that does not use it. */
START_TEST(unused_hyper_parameters)
{
  static const char *const names[] = {
    "sgd", "momentum", "nesterov", "adagrad", "adagrad-rms", "rmsprop",
    "adam", "adamw", "amsgrad", "radam", "bfgs"};
  /* Which names use momentum, beta1/2, alpha and centered, eps. */
  static const int mom[] = {0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0};
  static const int beta[] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0};
  static const int alpha[] = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0};
  static const int eps[] = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0};
  char msg[512];
  for (int k = 0; k < 11; k++) {
    const char *nm = names[k];
    nn_optim_params p;
    nn_optim *o;

    p = nn_optim_params_none();
    p.momentum = 0.5;
    if (mom[k]) {
      ck_assert_ptr_nonnull(o = nn_optim_alloc(nm, 3, &p, NULL));
      nn_optim_free(o);
    } else {
      snprintf(msg, sizeof msg,
               "--momentum: the %s optimizer does not use it " TAKES_MOMENTUM,
               nm);
      ALLOC_FAILS(nm, &p, msg);
    }

    for (int which = 0; which < 2; which++) {
      p = nn_optim_params_none();
      *(which ? &p.beta2 : &p.beta1) = 0.5;
      if (beta[k]) {
        ck_assert_ptr_nonnull(o = nn_optim_alloc(nm, 3, &p, NULL));
        nn_optim_free(o);
      } else {
        snprintf(msg, sizeof msg,
                 "--beta%d: the %s optimizer does not use it " TAKES_BETA,
                 which + 1, nm);
        ALLOC_FAILS(nm, &p, msg);
      }
    }

    p = nn_optim_params_none();
    p.alpha = 0.5;
    if (alpha[k]) {
      ck_assert_ptr_nonnull(o = nn_optim_alloc(nm, 3, &p, NULL));
      nn_optim_free(o);
    } else {
      snprintf(msg, sizeof msg,
               "--alpha: the %s optimizer does not use it " TAKES_ALPHA, nm);
      ALLOC_FAILS(nm, &p, msg);
    }

    for (int c = 0; c < 2; c++) {  /* given as 1 or as 0 */
      p = nn_optim_params_none();
      p.centered = c;
      if (alpha[k]) {
        ck_assert_ptr_nonnull(o = nn_optim_alloc(nm, 3, &p, NULL));
        nn_optim_free(o);
      } else {
        snprintf(msg, sizeof msg,
                 "--centered: the %s optimizer does not use it " TAKES_ALPHA,
                 nm);
        ALLOC_FAILS(nm, &p, msg);
      }
    }

    p = nn_optim_params_none();
    p.eps = 1e-6;
    if (eps[k]) {
      ck_assert_ptr_nonnull(o = nn_optim_alloc(nm, 3, &p, NULL));
      nn_optim_free(o);
    } else {
      snprintf(msg, sizeof msg,
               "--eps: the %s optimizer does not use it " TAKES_EPS, nm);
      ALLOC_FAILS(nm, &p, msg);
    }

    /* Weight decay: every optimizer. */
    p = nn_optim_params_none();
    p.weight_decay = 0.1;
    ck_assert_ptr_nonnull(o = nn_optim_alloc(nm, 3, &p, NULL));
    ck_assert(o->p.weight_decay == 0.1);
    nn_optim_free(o);
  }
  /* The brief's example, word for word. */
  nn_optim_params p = nn_optim_params_none();
  p.beta1 = 0.95;
  ALLOC_FAILS("sgd", &p, "--beta1: the sgd optimizer does not use it "
              "(adam, adamw, amsgrad, radam do)");
}
END_TEST

/* Values outside their ranges. */
START_TEST(out_of_range)
{
  nn_optim_params p;
#define BAD(name, field, value, msg)  \
  do {                                \
    p = nn_optim_params_none();       \
    p.field = value;                  \
    ALLOC_FAILS(name, &p, msg);       \
  } while (0)
  BAD("momentum", momentum, 1.5, "--momentum: 1.5 is not in [0, 1)");
  BAD("momentum", momentum, 1, "--momentum: 1 is not in [0, 1)");
  BAD("nesterov", momentum, -0.1, "--momentum: -0.1 is not in [0, 1)");
  BAD("adam", beta1, 1, "--beta1: 1 is not in [0, 1)");
  BAD("radam", beta1, -1e-300, "--beta1: -1e-300 is not in [0, 1)");
  BAD("adamw", beta2, 1.0000001, "--beta2: 1.0000001 is not in [0, 1)");
  BAD("amsgrad", beta2, -2, "--beta2: -2 is not in [0, 1)");
  BAD("rmsprop", alpha, 1, "--alpha: 1 is not in [0, 1)");
  BAD("rmsprop", alpha, -0.25, "--alpha: -0.25 is not in [0, 1)");
  BAD("adagrad", eps, 0, "--eps: 0 is not greater than zero");
  BAD("adam", eps, -1e-8, "--eps: -1e-08 is not greater than zero");
  BAD("adam", eps, INFINITY, "--eps: inf is not a finite number");
  BAD("sgd", weight_decay, -0.01, "--weight-decay: -0.01 is less than zero");
  BAD("adamw", weight_decay, -1, "--weight-decay: -1 is less than zero");
  BAD("bfgs", weight_decay, -1, "--weight-decay: -1 is less than zero");
  BAD("sgd", weight_decay, INFINITY,
      "--weight-decay: inf is not a finite number");
  BAD("momentum", momentum, -INFINITY,
      "--momentum: -inf is not a finite number");
#undef BAD
  /* An unused value is reported before a bad value of a later field. */
  p = nn_optim_params_none();
  p.momentum = 0.5;
  p.eps = -1;
  ALLOC_FAILS("adam", &p, "--momentum: the adam optimizer does not use it "
              TAKES_MOMENTUM);
}
END_TEST

/* -- schedules -------------------------------------------------------------- */

/* Parse SPEC with WARMUP, which must succeed. */
static nn_schedule sched(const char *spec, size_t warmup)
{
  nn_schedule s;
  nn_err err;
  nn_err_clear(&err);
  ck_assert_msg(nn_schedule_parse(spec, warmup, &s, &err) == NN_OK, "%s: %s",
                spec, err.msg);
  return s;
}

/* Relative agreement to 1e-15 (the formulas are computed the same way). */
#define ASSERT_LR(x, y, spec, t) \
  ASSERT_TRUE(fabs((x) - (y)) <= 1e-15 * fabs(y), \
              "%s step %d: %.17g, formula %.17g", spec, t, (double) (x), \
              (double) (y))

START_TEST(schedule_formulas)
{
  const double lr = 0.3;
  nn_schedule s = sched("constant", 0);
  ck_assert_int_eq(s.kind, NN_SCHED_CONSTANT);
  for (int t = 1; t <= 20; t++)
    ck_assert(nn_schedule_lr(&s, lr, (size_t) t) == lr);

  /* step:3:0.5: 0.3 for steps 1-3, 0.15 for 4-6, 0.075 for 7-9. */
  s = sched("step:3:0.5", 0);
  ck_assert_int_eq(s.kind, NN_SCHED_STEP);
  static const double stepv[10] = {0.3, 0.3, 0.3, 0.15, 0.15, 0.15, 0.075,
                                   0.075, 0.075, 0.0375};
  for (int t = 1; t <= 10; t++)
    ASSERT_LR(nn_schedule_lr(&s, lr, (size_t) t), stepv[t - 1], "step", t);
  s = sched("step:1:0.9", 0);
  for (int t = 1; t <= 20; t++)
    ASSERT_LR(nn_schedule_lr(&s, lr, (size_t) t), lr * pow(0.9, t - 1),
              "step:1", t);

  s = sched("exp:0.95", 0);
  ck_assert_int_eq(s.kind, NN_SCHED_EXP);
  ck_assert(nn_schedule_lr(&s, lr, 1) == lr);
  for (int t = 1; t <= 50; t++) {
    double want = lr;
    for (int k = 1; k < t; k++)
      want *= 0.95;
    ASSERT_TRUE(fabs(nn_schedule_lr(&s, lr, (size_t) t) - want) <=
                1e-13 * want, "exp step %d", t);
  }
  s = sched("exp:1", 0);
  ck_assert(nn_schedule_lr(&s, lr, 1000) == lr);

  /* invsqrt: the notes' eta/sqrt(t+1) with t from 0. */
  s = sched("invsqrt", 0);
  ck_assert_int_eq(s.kind, NN_SCHED_INVSQRT);
  ck_assert(nn_schedule_lr(&s, lr, 1) == lr);
  ASSERT_LR(nn_schedule_lr(&s, lr, 4), lr / 2, "invsqrt", 4);
  ASSERT_LR(nn_schedule_lr(&s, lr, 100), lr / 10, "invsqrt", 100);
  for (int t0 = 0; t0 < 30; t0++)  /* notes' t0 = our t - 1 */
    ASSERT_LR(nn_schedule_lr(&s, lr, (size_t) t0 + 1), lr / sqrt(t0 + 1.0),
              "invsqrt", t0 + 1);

  /* cosine:10: lr at step 1, lr/2 at step 6, 0 from step 11 on. */
  s = sched("cosine:10", 0);
  ck_assert_int_eq(s.kind, NN_SCHED_COSINE);
  ck_assert(nn_schedule_lr(&s, lr, 1) == lr);
  ASSERT_LR(nn_schedule_lr(&s, lr, 6), lr / 2, "cosine", 6);
  ASSERT_NEAR(nn_schedule_lr(&s, lr, 11), 0, 1e-17);
  ASSERT_NEAR(nn_schedule_lr(&s, lr, 500), 0, 1e-17);
  for (int t = 1; t <= 10; t++)
    ASSERT_TRUE(fabs(nn_schedule_lr(&s, lr, (size_t) t) -
                     lr * (1 + cos(3.14159265358979323846 * (t - 1) / 10)) /
                       2) <= 1e-16,
                "cosine step %d", t);
  /* cosine:10:0.01: from lr down to 0.01, then 0.01. */
  s = sched("cosine:10:0.01", 0);
  ck_assert(nn_schedule_lr(&s, lr, 1) == lr);
  ASSERT_LR(nn_schedule_lr(&s, lr, 6), 0.01 + (lr - 0.01) / 2, "cosine:MIN",
            6);
  ASSERT_LR(nn_schedule_lr(&s, lr, 11), 0.01, "cosine:MIN", 11);
  ASSERT_LR(nn_schedule_lr(&s, lr, 99), 0.01, "cosine:MIN", 99);
  for (int t = 2; t <= 11; t++)  /* falling all the way */
    ck_assert(nn_schedule_lr(&s, lr, (size_t) t) <
              nn_schedule_lr(&s, lr, (size_t) t - 1));

  /* noam:D:W: D^-0.5 min(t^-0.5, t W^-1.5). */
  s = sched("noam:512:4000", 0);
  ck_assert_int_eq(s.kind, NN_SCHED_NOAM);
  ck_assert(s.a == 512 && s.b == 4000);
  static const int ts[] = {1, 2, 100, 3999, 4000, 4001, 8000, 100000};
  for (size_t k = 0; k < sizeof ts / sizeof ts[0]; k++) {
    double t = ts[k];
    double want = pow(512, -0.5) * (t < 4000 ? t * pow(4000, -1.5)
                                             : 1 / sqrt(t));
    ASSERT_TRUE(fabs(nn_schedule_lr(&s, 1, (size_t) t) - want) <=
                1e-14 * want, "noam step %d", ts[k]);
  }
}
END_TEST

/* The Transformer's rate (--lr 1) peaks at step 4000 at 6.99e-4. */
START_TEST(noam_peak)
{
  nn_schedule s = sched("noam:512:4000", 0);
  size_t best = 0;
  double peak = 0;
  for (size_t t = 1; t <= 20000; t++) {
    double r = nn_schedule_lr(&s, 1, t);
    if (r > peak) {
      peak = r;
      best = t;
    }
  }
  ck_assert_uint_eq(best, 4000);
  ASSERT_NEAR(peak, 6.99e-4, 5e-7);
  ASSERT_TRUE(fabs(peak - 1 / sqrt(512.0 * 4000)) <= 1e-15 * peak,
              "peak %.17g", peak);
}
END_TEST

/* Warm-up: lr t/N for t <= N, then the schedule from its own step 1. */
START_TEST(schedule_warmup)
{
  const double lr = 0.4;
  nn_schedule s = sched("constant", 4);
  ck_assert_uint_eq(s.warmup, 4);
  static const double want[6] = {0.1, 0.2, 0.30000000000000004, 0.4, 0.4,
                                 0.4};
  for (int t = 1; t <= 6; t++)
    ASSERT_LR(nn_schedule_lr(&s, lr, (size_t) t), want[t - 1], "warm-up", t);

  s = sched("step:2:0.5", 3);  /* schedule steps 1, 2, 3, ... at 4, 5, 6 */
  static const double want2[8] = {0.4 / 3, 0.8 / 3, 0.4, 0.4, 0.4, 0.2, 0.2,
                                   0.1};
  for (int t = 1; t <= 8; t++)
    ASSERT_LR(nn_schedule_lr(&s, lr, (size_t) t), want2[t - 1],
              "warm-up step", t);

  s = sched("invsqrt", 10);
  ASSERT_LR(nn_schedule_lr(&s, lr, 5), lr / 2, "warm-up invsqrt", 5);
  ck_assert(nn_schedule_lr(&s, lr, 11) == lr);
  ASSERT_LR(nn_schedule_lr(&s, lr, 14), lr / 2, "warm-up invsqrt", 14);

  s = sched("cosine:4", 2);
  ASSERT_LR(nn_schedule_lr(&s, lr, 1), lr / 2, "warm-up cosine", 1);
  ck_assert(nn_schedule_lr(&s, lr, 3) == lr);
  ASSERT_LR(nn_schedule_lr(&s, lr, 5), lr / 2, "warm-up cosine", 5);

  s = sched("exp:0.5", 1);  /* a warm-up of 1 step is lr itself */
  ck_assert(nn_schedule_lr(&s, lr, 1) == lr);
  ck_assert(nn_schedule_lr(&s, lr, 2) == lr);
  ASSERT_LR(nn_schedule_lr(&s, lr, 3), lr / 2, "warm-up exp", 3);
}
END_TEST

/* nn_schedule_parse(SPEC) fails with MSG and leaves *s alone. */
static void sched_fails(const char *spec, const char *msg, int caller)
{
  nn_schedule s = {.kind = NN_SCHED_NOAM, .a = 7, .b = 8, .warmup = 9};
  nn_err err;
  nn_err_clear(&err);
  ck_assert_msg(nn_schedule_parse(spec, 3, &s, &err) == NN_EINVAL,
                "line %d: '%s' parsed", caller, spec);
  expect_err(&err, NN_EINVAL, caller, "%s", msg);
  ck_assert(s.kind == NN_SCHED_NOAM && s.a == 7 && s.b == 8 && s.warmup == 9);
  ck_assert(nn_schedule_parse(spec, 3, &s, NULL) == NN_EINVAL);
}
#define SCHED_FAILS(spec, msg) sched_fails(spec, msg, __LINE__)

#define SCHEDULES "(constant, step:EVERY:GAMMA, exp:GAMMA, invsqrt, " \
                  "cosine:T[:MIN], noam:DMODEL:WARMUP)"

START_TEST(schedule_errors)
{
  SCHED_FAILS("foo", "--schedule: 'foo': unknown schedule " SCHEDULES);
  SCHED_FAILS("", "--schedule: '': unknown schedule " SCHEDULES);
  SCHED_FAILS("Constant", "--schedule: 'Constant': unknown schedule "
              SCHEDULES);
  SCHED_FAILS("foo:1:2", "--schedule: 'foo:1:2': unknown schedule "
              SCHEDULES);
  SCHED_FAILS("constant:1", "--schedule: 'constant:1': the form is "
              "constant");
  SCHED_FAILS("constant:", "--schedule: 'constant:': the form is constant");
  SCHED_FAILS("invsqrt:2", "--schedule: 'invsqrt:2': the form is invsqrt");
  SCHED_FAILS("step", "--schedule: 'step': the form is step:EVERY:GAMMA");
  SCHED_FAILS("step:10", "--schedule: 'step:10': the form is "
              "step:EVERY:GAMMA");
  SCHED_FAILS("step:10:0.5:1", "--schedule: 'step:10:0.5:1': the form is "
              "step:EVERY:GAMMA");
  SCHED_FAILS("step:1:2:3:4:5", "--schedule: 'step:1:2:3:4:5': the form is "
              "step:EVERY:GAMMA");
  SCHED_FAILS("step:0:0.5", "--schedule: 'step:0:0.5': EVERY must be a "
              "whole number >= 1");
  SCHED_FAILS("step:1.5:0.5", "--schedule: 'step:1.5:0.5': EVERY must be a "
              "whole number >= 1");
  SCHED_FAILS("step:+3:0.5", "--schedule: 'step:+3:0.5': EVERY must be a "
              "whole number >= 1");
  SCHED_FAILS("step: 3:0.5", "--schedule: 'step: 3:0.5': EVERY must be a "
              "whole number >= 1");
  SCHED_FAILS("step::0.5", "--schedule: 'step::0.5': EVERY must be a "
              "whole number >= 1");
  SCHED_FAILS("step:-2:0.5", "--schedule: 'step:-2:0.5': EVERY must be a "
              "whole number >= 1");
  SCHED_FAILS("step:1e3:0.5", "--schedule: 'step:1e3:0.5': EVERY must be a "
              "whole number >= 1");
  SCHED_FAILS("step:1000000000000000:0.5",
              "--schedule: 'step:1000000000000000:0.5': EVERY must be a "
              "whole number >= 1");
  SCHED_FAILS("step:3:0", "--schedule: 'step:3:0': GAMMA must be a number "
              "in (0, 1]");
  SCHED_FAILS("step:3:1.5", "--schedule: 'step:3:1.5': GAMMA must be a "
              "number in (0, 1]");
  SCHED_FAILS("step:3:-0.5", "--schedule: 'step:3:-0.5': GAMMA must be a "
              "number in (0, 1]");
  SCHED_FAILS("step:3:", "--schedule: 'step:3:': GAMMA must be a number "
              "in (0, 1]");
  SCHED_FAILS("step:3:nan", "--schedule: 'step:3:nan': GAMMA must be a "
              "number in (0, 1]");
  SCHED_FAILS("step:3:0.5x", "--schedule: 'step:3:0.5x': GAMMA must be a "
              "number in (0, 1]");
  SCHED_FAILS("exp", "--schedule: 'exp': the form is exp:GAMMA");
  SCHED_FAILS("exp:0.5:1", "--schedule: 'exp:0.5:1': the form is exp:GAMMA");
  SCHED_FAILS("exp:0", "--schedule: 'exp:0': GAMMA must be a number in "
              "(0, 1]");
  SCHED_FAILS("exp:1.01", "--schedule: 'exp:1.01': GAMMA must be a number "
              "in (0, 1]");
  SCHED_FAILS("exp:.", "--schedule: 'exp:.': GAMMA must be a number in "
              "(0, 1]");
  SCHED_FAILS("cosine", "--schedule: 'cosine': the form is cosine:T[:MIN]");
  SCHED_FAILS("cosine:1:2:3", "--schedule: 'cosine:1:2:3': the form is "
              "cosine:T[:MIN]");
  SCHED_FAILS("cosine:0", "--schedule: 'cosine:0': T must be a whole "
              "number >= 1");
  SCHED_FAILS("cosine:x:0", "--schedule: 'cosine:x:0': T must be a whole "
              "number >= 1");
  SCHED_FAILS("cosine:10:-1", "--schedule: 'cosine:10:-1': MIN must be a "
              "number >= 0");
  SCHED_FAILS("cosine:10:", "--schedule: 'cosine:10:': MIN must be a "
              "number >= 0");
  SCHED_FAILS("cosine:10:inf", "--schedule: 'cosine:10:inf': MIN must be a "
              "number >= 0");
  SCHED_FAILS("noam", "--schedule: 'noam': the form is noam:DMODEL:WARMUP");
  SCHED_FAILS("noam:512", "--schedule: 'noam:512': the form is "
              "noam:DMODEL:WARMUP");
  SCHED_FAILS("noam:0:4000", "--schedule: 'noam:0:4000': DMODEL must be a "
              "whole number >= 1");
  SCHED_FAILS("noam:512:0", "--schedule: 'noam:512:0': WARMUP must be a "
              "whole number >= 1");
  SCHED_FAILS("noam:512:4e3", "--schedule: 'noam:512:4e3': WARMUP must be "
              "a whole number >= 1");
  /* Well-formed edge cases parse. */
  nn_schedule s = sched("step:1:1", 0);
  ck_assert(s.a == 1 && s.b == 1);
  s = sched("step:007:1e-1", 0);
  ck_assert(s.a == 7 && s.b == 0.1);
  s = sched("cosine:5:0", 0);
  ck_assert(s.a == 5 && s.b == 0);
  s = sched("cosine:999999999999999", 0);
  ck_assert(s.a == 999999999999999.0 && s.b == 0);
  s = sched("noam:1:1", 2);
  ck_assert(s.a == 1 && s.b == 1 && s.warmup == 2);
}
END_TEST

static Suite *optim_suite(void)
{
  Suite *s = suite_create("optim");
  TCase *tc = tcase_create("optim");
  tcase_add_loop_test(tc, replay_by_hand, 0, N_REPLAYS);
  tcase_add_test(tc, radam_both_branches);
  tcase_add_test(tc, sgd_step_by_hand);
  tcase_add_test(tc, momentum_is_torch_momentum);
  tcase_add_test(tc, adagrad_identity);
  tcase_add_test(tc, params_none);
  tcase_add_test(tc, defaults);
  tcase_add_test(tc, state_vectors);
  tcase_add_test(tc, rmsprop_centered_clamp);
  tcase_add_test(tc, explicit_defaults_same);
  tcase_add_test(tc, unknown_names);
  tcase_add_test(tc, unused_hyper_parameters);
  tcase_add_test(tc, out_of_range);
  suite_add_tcase(s, tc);
  TCase *ts = tcase_create("schedule");
  tcase_add_test(ts, schedule_formulas);
  tcase_add_test(ts, noam_peak);
  tcase_add_test(ts, schedule_warmup);
  tcase_add_test(ts, schedule_errors);
  suite_add_tcase(s, ts);
  return s;
}

int main(void) { return unit_run(optim_suite()); }
