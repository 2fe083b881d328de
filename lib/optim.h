/* optim.h -- optimizers and learning-rate schedules: the update rules of
 * NOTES.md §3-4.
 *
 * An optimizer turns a gradient into a step: nn_optim_step(o, theta, g, lr)
 * updates theta in place and keeps whatever state its rule needs.  A
 * schedule gives the learning rate of each step from the base rate.
 * nn-train(1) writes every rule out; the code quotes the same formulas.
 */
#ifndef NN_OPTIM_H
#define NN_OPTIM_H

#include <stddef.h>

#include "error.h"

typedef enum {
  NN_OPT_SGD,          /* theta <- theta - lr g */
  NN_OPT_MOMENTUM,     /* the notes' movement form: m <- lambda m - lr g */
  NN_OPT_NESTEROV,     /* momentum with the look-ahead gradient (PyTorch) */
  NN_OPT_ADAGRAD,      /* PyTorch: sum of squared gradients */
  NN_OPT_ADAGRAD_RMS,  /* the notes: root of the mean of squared gradients */
  NN_OPT_RMSPROP,      /* PyTorch, optionally centered */
  NN_OPT_ADAM,         /* Kingma & Ba 2015, as PyTorch */
  NN_OPT_ADAMW,        /* Loshchilov & Hutter 2019: decoupled weight decay */
  NN_OPT_AMSGRAD,      /* Reddi et al. 2018, as PyTorch's Adam(amsgrad=True) */
  NN_OPT_RADAM,        /* Liu et al. 2020, as PyTorch */
  NN_OPT_BFGS          /* not a step rule: nn_bfgs (GSL multimin) runs it */
} nn_optim_kind;

/* Hyper-parameters.  NAN (or -1 for centered) means "not given": the
 * optimizer's default applies; a value given to an optimizer that does not
 * use it is an error (nn_optim_alloc). */
typedef struct nn_optim_params {
  double momentum;      /* momentum, nesterov: lambda (0.9) */
  double beta1;         /* adam, adamw, amsgrad, radam (0.9) */
  double beta2;         /* adam, adamw, amsgrad, radam (0.999) */
  double alpha;         /* rmsprop: smoothing constant (0.99) */
  double eps;           /* adagrad, adagrad-rms 1e-10; rmsprop, adam, adamw,
                           amsgrad, radam 1e-8 */
  double weight_decay;  /* every optimizer: g + wd theta; adamw: decoupled
                           (0.01); 0 elsewhere */
  int centered;         /* rmsprop: divide by the variance, not the second
                           moment; -1 not given */
} nn_optim_params;

/* Every field "not given". */
nn_optim_params nn_optim_params_none(void);

typedef struct nn_optim {
  nn_optim_kind kind;  /* which rule */
  size_t n;            /* parameters */
  size_t t;            /* steps taken */
  nn_optim_params p;   /* hyper-parameters, defaults filled in */
  double *m;           /* first moment / velocity (n), or NULL */
  double *v;           /* second moment / accumulator (n), or NULL */
  double *w;           /* a third state vector where a rule needs one: amsgrad's
                          running max, centered rmsprop's mean gradient (n) */
} nn_optim;

/* The optimizer NAME for N parameters with hyper-parameters P (NULL: all
 * defaults).  NULL and ERR (NN_EINVAL, naming the option) for an unknown
 * name or a hyper-parameter the rule does not use or cannot take (a
 * momentum outside [0, 1), a beta outside [0, 1), eps <= 0, ...). */
nn_optim *nn_optim_alloc(const char *name, size_t n, const nn_optim_params *p,
                         nn_err *err);
void nn_optim_free(nn_optim *o);

/* The names nn_optim_alloc takes, for messages: "sgd, momentum, ...". */
const char *nn_optim_names(void);

/* One update of THETA with gradient G at learning rate LR (G is not
 * changed; weight decay is applied here).  Never for bfgs (an assertion
 * fails). */
void nn_optim_step(nn_optim *o, double *theta, const double *g, double lr);

/* Learning-rate schedules, NOTES.md §4 (learning-rate scheduling).  Steps
 * t count updates from 1.  The rate of step t for the base rate lr:
 *   constant         lr
 *   step:EVERY:GAMMA lr GAMMA^floor((t-1)/EVERY)
 *   exp:GAMMA        lr GAMMA^(t-1)
 *   invsqrt          lr / sqrt(t)        (the notes' eta^t = eta/sqrt(t+1),
 *                                         t from 0)
 *   cosine:T[:MIN]   MIN + (lr - MIN)(1 + cos(pi min(t-1, T)/T))/2
 *                    (MIN defaults to 0; Loshchilov & Hutter 2017)
 *   noam:D:W         lr D^-0.5 min(t^-0.5, t W^-1.5)  (Vaswani et al. 2017;
 *                    --lr 1 gives the paper's rate)
 * A warm-up of N steps gives step t <= N the rate lr t/N, and the schedule
 * runs on from its own step 1 at step N + 1. */
typedef enum {
  NN_SCHED_CONSTANT, NN_SCHED_STEP, NN_SCHED_EXP, NN_SCHED_INVSQRT,
  NN_SCHED_COSINE, NN_SCHED_NOAM
} nn_schedule_kind;

typedef struct nn_schedule {
  nn_schedule_kind kind;  /* which formula */
  double a, b;            /* step: EVERY, GAMMA; exp: GAMMA; cosine: T, MIN;
                             noam: D, W */
  size_t warmup;          /* linear warm-up steps before the schedule */
} nn_schedule;

/* Parse SPEC ("constant", "step:10:0.5", ...) with WARMUP steps of
 * warm-up into *S; NN_EINVAL naming --schedule on a bad spec. */
int nn_schedule_parse(const char *spec, size_t warmup, nn_schedule *s,
                      nn_err *err);

/* The learning rate of step T (from 1; 0 counts as 1) for base rate LR. */
double nn_schedule_lr(const nn_schedule *s, double lr, size_t t);

#endif
