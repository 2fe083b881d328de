/* optim.c -- optimizers and learning-rate schedules: the update rules of
 * NOTES.md §3 (momentum) and §4 (adaptive learning rates, scheduling).
 *
 * Every rule is written out below as it is computed, step t counting from 1,
 * for one parameter theta with gradient g (the same loop runs over every
 * parameter; all operations are element-wise), learning rate lr (the
 * schedule's rate for this step) and weight decay wd.  The rules follow
 * the algorithms PyTorch documents for torch.optim (SGD with dampening 0,
 * Adagrad with lr_decay 0 and initial_accumulator_value 0, RMSprop, Adam,
 * AdamW, Adam(amsgrad=True), RAdam), except where the notes define their
 * own form (momentum, adagrad-rms).  Papers:
 *
 *   Duchi, Hazan & Singer 2011, "Adaptive subgradient methods for online
 *     learning and stochastic optimization", JMLR 12 (adagrad);
 *   Tieleman & Hinton 2012, "Lecture 6.5 - RMSProp", COURSERA: Neural
 *     Networks for Machine Learning (rmsprop); centered as in Graves
 *     2013, "Generating sequences with recurrent neural networks",
 *     arXiv:1308.0850;
 *   Sutskever, Martens, Dahl & Hinton 2013, "On the importance of
 *     initialization and momentum in deep learning", ICML (nesterov, in the
 *     form PyTorch implements);
 *   Kingma & Ba 2015, "Adam: a method for stochastic optimization", ICLR;
 *   Reddi, Kale & Kumar 2018, "On the convergence of Adam and beyond",
 *     ICLR (amsgrad);
 *   Loshchilov & Hutter 2019, "Decoupled weight decay regularization",
 *     ICLR (adamw);
 *   Liu, Jiang, He, Chen, Liu, Gao & Han 2020, "On the variance of the
 *     adaptive learning rate and beyond", ICLR (radam).
 *
 * Weight decay.  For every rule but adamw it is PyTorch's L2 term, added to
 * the gradient before the rule:  g <- g + wd theta  (default wd 0).  adamw
 * decays the parameter itself, decoupled from the gradient statistics:
 * theta <- theta - lr wd theta, then the Adam step (default wd 0.01).
 *
 *   sgd         theta <- theta - lr g
 *               (plain gradient descent: the momentum rule below with
 *               lambda = 0)
 *
 *   momentum    m <- lambda m - lr g;  theta <- theta + m      (m_0 = 0)
 *               NOTES.md §3: "movement m^i = lambda m^{i-1} - eta g^{i-1},
 *               m^0 = 0; theta^i = theta^{i-1} + m^i".  PyTorch's SGD with
 *               momentum mu and dampening 0 keeps b <- mu b + g and steps
 *               theta <- theta - lr b.  For a constant lr, m = -lr b at
 *               every step (induction: -lr(mu b + g) = lambda(-lr b) - lr g
 *               with lambda = mu), so both follow the same trajectory; they
 *               differ only when lr changes, where the movement form keeps
 *               the old rate inside m and PyTorch's applies the new rate to
 *               the whole of b.  tests/unit/optim.c checks the equivalence.
 *
 *   nesterov    b <- mu b + g;  theta <- theta - lr (g + mu b)   (b_0 = 0)
 *               PyTorch's SGD(nesterov=True), Sutskever et al. 2013 in the
 *               form that evaluates the gradient at the current theta.
 *
 *   adagrad     s <- s + g^2;  theta <- theta - lr g / (sqrt(s) + eps)
 *               PyTorch's Adagrad (Duchi et al. 2011): the root of the SUM
 *               of squared gradients, eps (1e-10) outside the root.
 *
 *   adagrad-rms the notes' form (NOTES.md §4): "theta_i^{t+1} = theta_i^t -
 *               (eta/sigma_i^t) g_i^t, sigma_i^t = sqrt((1/(t+1)) sum_{tau<=t}
 *               (g_i^tau)^2)", the root MEAN square of past gradients.  With
 *               steps t counted from 1 and s the sum of squares as above:
 *                 s <- s + g^2;  sigma = (sqrt(s) + eps) / sqrt(t)
 *                 theta <- theta - lr g / sigma
 *                       =  theta - lr sqrt(t) g / (sqrt(s) + eps)
 *               that is sigma = sqrt(s/t) + eps/sqrt(t): eps (1e-10) sits
 *               where PyTorch's adagrad puts it, on the root of the sum.  The
 *               choice makes the identity the lessons teach exact, eps
 *               included: adagrad-rms at the decaying rate lr/sqrt(t)
 *               (schedule invsqrt, the notes' eta^t = eta/sqrt(t+1) with t
 *               from 0) IS PyTorch's adagrad at the constant rate lr; and
 *               adagrad-rms at a constant rate is adagrad at the growing
 *               rate lr sqrt(t), which is why it "blows up" without decay.
 *
 *   rmsprop     v <- alpha v + (1 - alpha) g^2                  (v_0 = 0)
 *               centered: a <- alpha a + (1 - alpha) g;
 *                         v~ = max(v - a^2, 0)
 *               otherwise v~ = v
 *               theta <- theta - lr g / (sqrt(v~) + eps)
 *               PyTorch's RMSprop without momentum (Tieleman & Hinton 2012;
 *               NOTES.md §4: "sigma_i^t = sqrt(alpha (sigma_i^{t-1})^2 +
 *               (1 - alpha)(g_i^t)^2)"), alpha 0.99, eps 1e-8 outside the
 *               root.  Note PyTorch starts v at 0, where the notes start
 *               sigma^0 at |g^0|.  v - a^2 >= 0 in exact arithmetic, but
 *               when the gradient has been nearly constant for thousands of
 *               steps it is a difference of two nearly equal numbers, and
 *               rounding makes it negative (with alpha 0.99 and g = 0.1
 *               constant, from step 3227 on): v~ is clamped at 0 there,
 *               where PyTorch's formula takes the root of a negative
 *               number (NaN); elsewhere the clamp changes nothing.
 *
 *   adam        m <- beta1 m + (1 - beta1) g;  v <- beta2 v + (1 - beta2) g^2
 *               m^ = m / (1 - beta1^t);  v^ = v / (1 - beta2^t)
 *               theta <- theta - lr m^ / (sqrt(v^) + eps)
 *               Kingma & Ba 2015 as PyTorch: beta1 0.9, beta2 0.999,
 *               eps 1e-8 outside the root.  NOTES.md §4: "Adam = RMSProp +
 *               momentum, with bias correction".
 *
 *   adamw       theta <- theta - lr wd theta, then the adam step with g as
 *               given (Loshchilov & Hutter 2019; wd default 0.01).
 *
 *   amsgrad     as adam, with the running maximum of the second moment:
 *               vmax <- max(vmax, v);  v^ = vmax / (1 - beta2^t)
 *               (Reddi et al. 2018 as PyTorch's Adam(amsgrad=True), whose
 *               current documentation and code both take the maximum of the
 *               uncorrected v; older documentation showed the maximum of
 *               the corrected v^, which is not what it computed).
 *
 *   radam       m, v and m^ as adam;  rho_inf = 2/(1 - beta2) - 1
 *               rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)
 *               if rho_t > 5:
 *                 l = sqrt(1 - beta2^t) / (sqrt(v) + eps)
 *                 r = sqrt((rho_t - 4)(rho_t - 2) rho_inf /
 *                          ((rho_inf - 4)(rho_inf - 2) rho_t))
 *                 theta <- theta - lr m^ r l
 *               else theta <- theta - lr m^      (the unadapted momentum step)
 *               Liu et al. 2020 as PyTorch's RAdam; with beta2 0.999 the
 *               first 5 steps are unadapted.
 *
 *   bfgs        not a step rule: nn_optim_alloc accepts the name (and only
 *               --weight-decay) so that one parser serves every optimizer;
 *               the full-batch quasi-Newton run goes through GSL multimin
 *               elsewhere and never calls nn_optim_step.
 *
 * Each step is one pass over the arrays, a separate simple loop per rule,
 * so that GCC vectorises it (the build has -fno-math-errno for sqrt).
 */
#include <config.h>

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
#include "optim.h"

/* -- the names and which hyper-parameters each rule takes ------------------ */

/* A bit per hyper-parameter. */
enum {
  P_MOMENTUM = 1 << 0, P_BETA1 = 1 << 1, P_BETA2 = 1 << 2, P_ALPHA = 1 << 3,
  P_EPS = 1 << 4, P_WD = 1 << 5, P_CENTERED = 1 << 6
};

typedef struct optim_info {
  const char *name;    /* as --optimizer takes it */
  nn_optim_kind kind;  /* the rule */
  unsigned uses;       /* the P_* hyper-parameters it takes */
  double eps;          /* its default eps (0: none) */
  double wd;           /* its default weight decay */
  unsigned state;      /* the state vectors it keeps: S_M, S_V, S_W */
} optim_info;

/* State vectors (nn_optim's m, v, w). */
enum { S_M = 1, S_V = 2, S_W = 4 };

static const optim_info optims[] = {
  {"sgd", NN_OPT_SGD, P_WD, 0, 0, 0},
  {"momentum", NN_OPT_MOMENTUM, P_MOMENTUM | P_WD, 0, 0, S_M},
  {"nesterov", NN_OPT_NESTEROV, P_MOMENTUM | P_WD, 0, 0, S_M},
  {"adagrad", NN_OPT_ADAGRAD, P_EPS | P_WD, 1e-10, 0, S_V},
  {"adagrad-rms", NN_OPT_ADAGRAD_RMS, P_EPS | P_WD, 1e-10, 0, S_V},
  {"rmsprop", NN_OPT_RMSPROP, P_ALPHA | P_EPS | P_WD | P_CENTERED, 1e-8, 0,
   S_V | S_W},  /* w only when centered */
  {"adam", NN_OPT_ADAM, P_BETA1 | P_BETA2 | P_EPS | P_WD, 1e-8, 0, S_M | S_V},
  {"adamw", NN_OPT_ADAMW, P_BETA1 | P_BETA2 | P_EPS | P_WD, 1e-8, 0.01,
   S_M | S_V},
  {"amsgrad", NN_OPT_AMSGRAD, P_BETA1 | P_BETA2 | P_EPS | P_WD, 1e-8, 0,
   S_M | S_V | S_W},
  {"radam", NN_OPT_RADAM, P_BETA1 | P_BETA2 | P_EPS | P_WD, 1e-8, 0,
   S_M | S_V},
  {"bfgs", NN_OPT_BFGS, P_WD, 0, 0, 0},
};

#define N_OPTIMS (sizeof optims / sizeof optims[0])

const char *nn_optim_names(void)
{
  return "sgd, momentum, nesterov, adagrad, adagrad-rms, rmsprop, adam, "
         "adamw, amsgrad, radam, bfgs";
}

nn_optim_params nn_optim_params_none(void)
{
  nn_optim_params p = {.momentum = NAN, .beta1 = NAN, .beta2 = NAN,
                       .alpha = NAN, .eps = NAN, .weight_decay = NAN,
                       .centered = -1};
  return p;
}

/* "a, b, c do" / "a does": the optimizers that take hyper-parameter BIT. */
static void users(unsigned bit, char *buf, size_t size)
{
  size_t len = 0, count = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < N_OPTIMS; k++)
    if (optims[k].uses & bit) {
      int w = snprintf(buf + len, size - len, "%s%s", count ? ", " : "",
                       optims[k].name);
      if (w > 0 && (size_t) w < size - len)
        len += (size_t) w;
      count++;
    }
  snprintf(buf + len, size - len, count == 1 ? " does" : " do");
}

/* NN_EINVAL: option OPT given to optimizer INFO, which does not use it. */
static int unused(nn_err *err, const char *opt, unsigned bit,
                  const optim_info *info)
{
  char who[256];
  users(bit, who, sizeof who);
  return nn_err_set(err, NN_EINVAL,
                    "%s: the %s optimizer does not use it (%s)", opt,
                    info->name, who);
}

/* Check hyper-parameter X of option OPT: NAN (not given) takes DEF; given
 * to an optimizer that does not use it, or outside its range (KIND 'u':
 * [0, 1); 'p': > 0; 'n': >= 0), NN_EINVAL. */
static int check(nn_err *err, const char *opt, unsigned bit, double x,
                 double def, char kind, const optim_info *info, double *out)
{
  if (isnan(x)) {
    *out = def;
    return NN_OK;
  }
  if (!(info->uses & bit))
    return unused(err, opt, bit, info);
  char buf[NN_NUMBER_BUFSIZE];
  nn_number_format(buf, x);
  if (!isfinite(x))
    return nn_err_set(err, NN_EINVAL, "%s: %s is not a finite number", opt,
                      buf);
  if (kind == 'u' && !(x >= 0 && x < 1))
    return nn_err_set(err, NN_EINVAL, "%s: %s is not in [0, 1)", opt, buf);
  if (kind == 'p' && !(x > 0))
    return nn_err_set(err, NN_EINVAL, "%s: %s is not greater than zero", opt,
                      buf);
  if (kind == 'n' && !(x >= 0))
    return nn_err_set(err, NN_EINVAL, "%s: %s is less than zero", opt, buf);
  *out = x;
  return NN_OK;
}

nn_optim *nn_optim_alloc(const char *name, size_t n, const nn_optim_params *p,
                         nn_err *err)
{
  const optim_info *info = NULL;
  for (size_t k = 0; k < N_OPTIMS; k++)
    if (strcmp(name, optims[k].name) == 0)
      info = &optims[k];
  if (info == NULL) {
    nn_err_set(err, NN_EINVAL, "--optimizer: unknown optimizer '%s' (%s)",
               name, nn_optim_names());
    return NULL;
  }
  nn_optim_params none = nn_optim_params_none();
  if (p == NULL)
    p = &none;

  /* Defaults filled in; every given value checked against the rule. */
  nn_optim_params q;
  if (check(err, "--momentum", P_MOMENTUM, p->momentum, 0.9, 'u', info,
            &q.momentum) ||
      check(err, "--beta1", P_BETA1, p->beta1, 0.9, 'u', info, &q.beta1) ||
      check(err, "--beta2", P_BETA2, p->beta2, 0.999, 'u', info, &q.beta2) ||
      check(err, "--alpha", P_ALPHA, p->alpha, 0.99, 'u', info, &q.alpha) ||
      check(err, "--eps", P_EPS, p->eps, info->eps, 'p', info, &q.eps) ||
      check(err, "--weight-decay", P_WD, p->weight_decay, info->wd, 'n', info,
            &q.weight_decay))
    return NULL;
  q.centered = 0;
  if (p->centered != -1) {
    if (!(info->uses & P_CENTERED)) {
      unused(err, "--centered", P_CENTERED, info);
      return NULL;
    }
    q.centered = p->centered != 0;
  }
  /* Hyper-parameters the rule does not use stay NAN (not given). */
  if (!(info->uses & P_MOMENTUM)) q.momentum = NAN;
  if (!(info->uses & P_BETA1)) q.beta1 = NAN;
  if (!(info->uses & P_BETA2)) q.beta2 = NAN;
  if (!(info->uses & P_ALPHA)) q.alpha = NAN;
  if (!(info->uses & P_EPS)) q.eps = NAN;

  nn_optim *o = calloc(1, sizeof *o);
  if (o == NULL)
    goto nomem;
  o->kind = info->kind;
  o->n = n;
  o->t = 0;
  o->p = q;
  /* The state, zero at the start, allocated once. */
  size_t bytes = (n ? n : 1) * sizeof(double);
  unsigned state = info->state;
  if (info->kind == NN_OPT_RMSPROP && !q.centered)
    state &= ~(unsigned) S_W;
  if ((state & S_M) && (o->m = calloc(1, bytes)) == NULL)
    goto nomem;
  if ((state & S_V) && (o->v = calloc(1, bytes)) == NULL)
    goto nomem;
  if ((state & S_W) && (o->w = calloc(1, bytes)) == NULL)
    goto nomem;
  return o;

nomem:
  nn_optim_free(o);
  nn_err_set(err, NN_ENOMEM, "out of memory");
  return NULL;
}

void nn_optim_free(nn_optim *o)
{
  if (o == NULL)
    return;
  free(o->m);
  free(o->v);
  free(o->w);
  free(o);
}

/* -- the update rules, one loop each --------------------------------------- */

/* Each loop reads g[i] + wd theta[i] (PyTorch's L2 weight decay), which is
 * g[i] exactly when wd = 0 and theta[i] is finite. */

void nn_optim_step(nn_optim *o, double *theta, const double *g, double lr)
{
  const size_t n = o->n;
  const double wd = o->p.weight_decay;
  double *restrict m = o->m, *restrict v = o->v, *restrict w = o->w;
  o->t++;
  const double t = (double) o->t;

  switch (o->kind) {
  case NN_OPT_SGD:  /* theta <- theta - lr g */
    for (size_t i = 0; i < n; i++) {
      double gi = g[i] + wd * theta[i];
      theta[i] -= lr * gi;
    }
    break;

  case NN_OPT_MOMENTUM: {  /* m <- lambda m - lr g; theta <- theta + m */
    const double lambda = o->p.momentum;
    for (size_t i = 0; i < n; i++) {
      double gi = g[i] + wd * theta[i];
      m[i] = lambda * m[i] - lr * gi;
      theta[i] += m[i];
    }
    break;
  }

  case NN_OPT_NESTEROV: {  /* b <- mu b + g; theta <- theta - lr (g + mu b) */
    const double mu = o->p.momentum;
    for (size_t i = 0; i < n; i++) {
      double gi = g[i] + wd * theta[i];
      m[i] = mu * m[i] + gi;
      theta[i] -= lr * (gi + mu * m[i]);
    }
    break;
  }

  case NN_OPT_ADAGRAD:      /* s <- s + g^2; theta <- theta - lr g/(sqrt(s) + eps) */
  case NN_OPT_ADAGRAD_RMS: {  /* the same at rate lr sqrt(t): see the top */
    const double eps = o->p.eps;
    const double rate = o->kind == NN_OPT_ADAGRAD ? lr : lr * sqrt(t);
    for (size_t i = 0; i < n; i++) {
      double gi = g[i] + wd * theta[i];
      v[i] += gi * gi;
      theta[i] -= rate * gi / (sqrt(v[i]) + eps);
    }
    break;
  }

  case NN_OPT_RMSPROP: {
    const double alpha = o->p.alpha, eps = o->p.eps;
    if (o->p.centered) {  /* v~ = v - a^2, a the running mean gradient */
      for (size_t i = 0; i < n; i++) {
        double gi = g[i] + wd * theta[i];
        v[i] = alpha * v[i] + (1 - alpha) * gi * gi;
        w[i] = alpha * w[i] + (1 - alpha) * gi;
        double var = v[i] - w[i] * w[i];
        var = var > 0 ? var : 0;  /* rounding can make it negative */
        theta[i] -= lr * gi / (sqrt(var) + eps);
      }
    } else {
      for (size_t i = 0; i < n; i++) {
        double gi = g[i] + wd * theta[i];
        v[i] = alpha * v[i] + (1 - alpha) * gi * gi;
        theta[i] -= lr * gi / (sqrt(v[i]) + eps);
      }
    }
    break;
  }

  case NN_OPT_ADAM:
  case NN_OPT_ADAMW:
  case NN_OPT_AMSGRAD: {
    /* theta <- theta - lr m^/(sqrt(v^) + eps), computed as PyTorch does:
     * (lr/(1 - beta1^t)) m / (sqrt(v)/sqrt(1 - beta2^t) + eps). */
    const double b1 = o->p.beta1, b2 = o->p.beta2, eps = o->p.eps;
    const double step = lr / (1 - pow(b1, t));
    const double root2 = sqrt(1 - pow(b2, t));
    double l2 = wd, decay = 1;
    if (o->kind == NN_OPT_ADAMW) {  /* decoupled: theta <- theta - lr wd theta */
      l2 = 0;
      decay = 1 - lr * wd;
    }
    if (o->kind == NN_OPT_AMSGRAD) {
      for (size_t i = 0; i < n; i++) {
        double gi = g[i] + l2 * theta[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        w[i] = w[i] > v[i] ? w[i] : v[i];
        theta[i] -= step * m[i] / (sqrt(w[i]) / root2 + eps);
      }
    } else {
      for (size_t i = 0; i < n; i++) {
        double gi = g[i] + l2 * theta[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        theta[i] = decay * theta[i] - step * m[i] / (sqrt(v[i]) / root2 + eps);
      }
    }
    break;
  }

  case NN_OPT_RADAM: {
    const double b1 = o->p.beta1, b2 = o->p.beta2, eps = o->p.eps;
    const double bc1 = 1 - pow(b1, t), bc2 = 1 - pow(b2, t);
    const double rho_inf = 2 / (1 - b2) - 1;
    const double rho_t = rho_inf - 2 * t * pow(b2, t) / bc2;
    if (rho_t > 5) {  /* rectified: theta <- theta - lr m^ r l */
      const double r = sqrt((rho_t - 4) * (rho_t - 2) * rho_inf /
                            ((rho_inf - 4) * (rho_inf - 2) * rho_t));
      const double c = lr * r * sqrt(bc2) / bc1;
      for (size_t i = 0; i < n; i++) {
        double gi = g[i] + wd * theta[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        theta[i] -= c * m[i] / (sqrt(v[i]) + eps);
      }
    } else {  /* unadapted: theta <- theta - lr m^ */
      const double c = lr / bc1;
      for (size_t i = 0; i < n; i++) {
        double gi = g[i] + wd * theta[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        theta[i] -= c * m[i];
      }
    }
    break;
  }

  case NN_OPT_BFGS:  /* GSL multimin runs it; no step rule */
    assert(!"nn_optim_step called for bfgs");
    break;
  }
}

/* -- learning-rate schedules ------------------------------------------------ */

/* The schedules --schedule takes, for messages. */
#define SCHEDULES "constant, step:EVERY:GAMMA, exp:GAMMA, invsqrt, " \
                  "cosine:T[:MIN], noam:DMODEL:WARMUP"

/* The largest whole number a field may hold (exact in a double). */
#define WHOLE_MAX 1e15

/* FIELD as a whole number from 1 to WHOLE_MAX, else -1. */
static double parse_whole(const char *field)
{
  if (*field == '\0' || strlen(field) > 15)
    return -1;
  double x = 0;
  for (const char *c = field; *c; c++) {
    if (*c < '0' || *c > '9')
      return -1;
    x = 10 * x + (*c - '0');
  }
  return x >= 1 ? x : -1;
}

/* FIELD as a decimal number (nn_number_parse), else NAN. */
static double parse_decimal(const char *field)
{
  double x;
  if (nn_number_parse(field, strlen(field), &x) != NN_NUMBER_OK)
    return NAN;
  return x;
}

int nn_schedule_parse(const char *spec, size_t warmup, nn_schedule *s,
                      nn_err *err)
{
  /* Split a copy of SPEC at the colons: at most 3 fields after the name. */
  size_t len = strlen(spec);
  char *copy = malloc(len + 1);
  if (copy == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  memcpy(copy, spec, len + 1);
  char *field[4] = {copy, NULL, NULL, NULL};
  size_t nf = 1;
  for (char *c = copy; *c; c++)
    if (*c == ':') {
      *c = '\0';
      if (nf == 4) {
        nf = 5;  /* too many: the form check below reports it */
        break;
      }
      field[nf++] = c + 1;
    }

  nn_schedule r = {.kind = NN_SCHED_CONSTANT, .a = 0, .b = 0,
                   .warmup = warmup};
  const char *name = field[0], *form = NULL, *bad = NULL;
  int status = NN_OK;
  if (strcmp(name, "constant") == 0) {
    form = nf == 1 ? NULL : "constant";
  } else if (strcmp(name, "invsqrt") == 0) {
    r.kind = NN_SCHED_INVSQRT;
    form = nf == 1 ? NULL : "invsqrt";
  } else if (strcmp(name, "step") == 0) {
    r.kind = NN_SCHED_STEP;
    if (nf != 3)
      form = "step:EVERY:GAMMA";
    else if ((r.a = parse_whole(field[1])) < 0)
      bad = "EVERY must be a whole number >= 1";
    else if (!((r.b = parse_decimal(field[2])) > 0 && r.b <= 1))
      bad = "GAMMA must be a number in (0, 1]";
  } else if (strcmp(name, "exp") == 0) {
    r.kind = NN_SCHED_EXP;
    if (nf != 2)
      form = "exp:GAMMA";
    else if (!((r.a = parse_decimal(field[1])) > 0 && r.a <= 1))
      bad = "GAMMA must be a number in (0, 1]";
  } else if (strcmp(name, "cosine") == 0) {
    r.kind = NN_SCHED_COSINE;
    if (nf != 2 && nf != 3)
      form = "cosine:T[:MIN]";
    else if ((r.a = parse_whole(field[1])) < 0)
      bad = "T must be a whole number >= 1";
    else if (nf == 3 && !((r.b = parse_decimal(field[2])) >= 0))
      bad = "MIN must be a number >= 0";
  } else if (strcmp(name, "noam") == 0) {
    r.kind = NN_SCHED_NOAM;
    if (nf != 3)
      form = "noam:DMODEL:WARMUP";
    else if ((r.a = parse_whole(field[1])) < 0)
      bad = "DMODEL must be a whole number >= 1";
    else if ((r.b = parse_whole(field[2])) < 0)
      bad = "WARMUP must be a whole number >= 1";
  } else {
    status = nn_err_set(err, NN_EINVAL,
                        "--schedule: '%s': unknown schedule (%s)", spec,
                        SCHEDULES);
  }
  if (form != NULL)
    status = nn_err_set(err, NN_EINVAL, "--schedule: '%s': the form is %s",
                        spec, form);
  else if (bad != NULL)
    status = nn_err_set(err, NN_EINVAL, "--schedule: '%s': %s", spec, bad);
  free(copy);
  if (status == NN_OK)
    *s = r;
  return status;
}

double nn_schedule_lr(const nn_schedule *s, double lr, size_t t)
{
  if (t < 1)
    t = 1;
  if (t <= s->warmup)  /* linear warm-up: lr t/N */
    return lr * ((double) t / (double) s->warmup);  /* exactly lr at t = N */
  t -= s->warmup;  /* the schedule's own step, from 1 */
  const double k = (double) t;
  switch (s->kind) {
  case NN_SCHED_CONSTANT:
    return lr;
  case NN_SCHED_STEP:  /* lr GAMMA^floor((t-1)/EVERY) */
    return lr * pow(s->b, (double) ((t - 1) / (size_t) s->a));
  case NN_SCHED_EXP:  /* lr GAMMA^(t-1) */
    return lr * pow(s->a, k - 1);
  case NN_SCHED_INVSQRT:  /* NOTES.md §4 decay: eta/sqrt(t+1), t from 0 */
    return lr / sqrt(k);
  case NN_SCHED_COSINE: {  /* MIN + (lr - MIN)(1 + cos(pi min(t-1, T)/T))/2 */
    const double T = s->a, lo = s->b;
    return lo + (lr - lo) * (1 + cos(M_PI * fmin(k - 1, T) / T)) / 2;
  }
  case NN_SCHED_NOAM:  /* NOTES.md §4: d^-0.5 min(t^-0.5, t w^-1.5) */
    return lr / sqrt(s->a) * fmin(1 / sqrt(k), k * pow(s->b, -1.5));
  }
  return lr;
}
