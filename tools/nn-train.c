/* nn-train -- train a linear model or an MLP on a table, or minimise a
 * built-in function; write the model file, the training log and the trace
 * (nn-train(1)). */
#include <config.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "nn.h"

enum { OPT_ACTIVATION = 256, OPT_NO_BIAS, OPT_LOSS, OPT_INIT, OPT_INIT_MODEL,
       OPT_STANDARDIZE, OPT_OPTIMIZER, OPT_LR, OPT_BATCH, OPT_EPOCHS,
       OPT_SEED, OPT_NO_SHUFFLE, OPT_VALID, OPT_LOG, OPT_LOG_EVERY,
       OPT_GRADCHECK, OPT_CSV, OPT_TSV, OPT_HELP, OPT_VERSION, OPT_MOMENTUM,
       OPT_BETA1, OPT_BETA2, OPT_ALPHA, OPT_EPS, OPT_CENTERED,
       OPT_WEIGHT_DECAY, OPT_SCHEDULE, OPT_WARMUP, OPT_PRINT_SCHEDULE,
       OPT_DROPOUT, OPT_PATIENCE, OPT_FUNCTION, OPT_AT, OPT_TRACE,
       OPT_GRAD_TOL, OPT_SOLVER, OPT_POLY };

static const struct option long_options[] = {
  {"target", required_argument, NULL, 'y'},
  {"features", required_argument, NULL, 'x'},
  {"model", required_argument, NULL, 'm'},
  {"activation", required_argument, NULL, OPT_ACTIVATION},
  {"no-bias", no_argument, NULL, OPT_NO_BIAS},
  {"loss", required_argument, NULL, OPT_LOSS},
  {"init", required_argument, NULL, OPT_INIT},
  {"init-model", required_argument, NULL, OPT_INIT_MODEL},
  {"standardize", no_argument, NULL, OPT_STANDARDIZE},
  {"poly", required_argument, NULL, OPT_POLY},
  {"optimizer", required_argument, NULL, OPT_OPTIMIZER},
  {"momentum", required_argument, NULL, OPT_MOMENTUM},
  {"beta1", required_argument, NULL, OPT_BETA1},
  {"beta2", required_argument, NULL, OPT_BETA2},
  {"alpha", required_argument, NULL, OPT_ALPHA},
  {"eps", required_argument, NULL, OPT_EPS},
  {"centered", no_argument, NULL, OPT_CENTERED},
  {"weight-decay", required_argument, NULL, OPT_WEIGHT_DECAY},
  {"solver", required_argument, NULL, OPT_SOLVER},
  {"grad-tol", required_argument, NULL, OPT_GRAD_TOL},
  {"lr", required_argument, NULL, OPT_LR},
  {"schedule", required_argument, NULL, OPT_SCHEDULE},
  {"warmup", required_argument, NULL, OPT_WARMUP},
  {"print-schedule", required_argument, NULL, OPT_PRINT_SCHEDULE},
  {"batch", required_argument, NULL, OPT_BATCH},
  {"epochs", required_argument, NULL, OPT_EPOCHS},
  {"seed", required_argument, NULL, OPT_SEED},
  {"no-shuffle", no_argument, NULL, OPT_NO_SHUFFLE},
  {"dropout", required_argument, NULL, OPT_DROPOUT},
  {"patience", required_argument, NULL, OPT_PATIENCE},
  {"valid", required_argument, NULL, OPT_VALID},
  {"function", required_argument, NULL, OPT_FUNCTION},
  {"at", required_argument, NULL, OPT_AT},
  {"log", required_argument, NULL, OPT_LOG},
  {"log-every", required_argument, NULL, OPT_LOG_EVERY},
  {"trace", required_argument, NULL, OPT_TRACE},
  {"gradcheck", no_argument, NULL, OPT_GRADCHECK},
  {"output", required_argument, NULL, 'o'},
  {"quiet", no_argument, NULL, 'q'},
  {"csv", no_argument, NULL, OPT_CSV},
  {"tsv", no_argument, NULL, OPT_TSV},
  {"help", no_argument, NULL, OPT_HELP},
  {"version", no_argument, NULL, OPT_VERSION},
  {NULL, 0, NULL, 0}
};

#define TRACE_MAX 10000  /* --trace: at most this many parameters */

static void __attribute__((noreturn)) usage(void)
{
  printf("Usage: %s [OPTION]... [FILE]\n"
         "  or:  %s --function=NAME --at=X[,Y] [OPTION]...\n"
         "  or:  %s --print-schedule=STEPS [--lr=ETA] [--schedule=S] "
         "[--warmup=N]\n",
         nn_program_name, nn_program_name, nn_program_name);
  fputs("\
Train a model on the rows of a table (standard input without FILE, or when\n\
FILE is -), or minimise a built-in function; write the training log as TSV\n\
and, with -o, the model file.\n\
\n\
Data:\n\
  -y, --target=COL         target column, by name or 1-based index\n\
                           (default: the last column)\n\
  -x, --features=COLS      input columns, comma-separated (default: the\n\
                           others)\n\
      --standardize        scale inputs to mean 0, sd 1 (stored in the model)\n\
      --poly=D             each input column as its powers 1..D (D <= 30),\n\
                           standardized (both stored in the model)\n\
      --valid=FILE         report loss (and accuracy) on FILE at each log row\n\
      --csv, --tsv         force the input separator\n\
\n\
Model:\n\
  -m, --model=ARCH         linear, or mlp:H1,H2,... hidden widths\n\
                           (default: linear)\n\
      --activation=F       hidden layers: relu, sigmoid, tanh, linear\n\
                           (default: relu)\n\
      --no-bias            layers without bias vectors\n\
      --loss=L             mse (numeric target), xent (softmax and cross-\n\
                           entropy over the target's classes) or softmax-mse\n\
                           (default: mse)\n\
      --init=SCHEME        he, xavier, normal:SIGMA, zeros (default: he\n\
                           for relu, xavier otherwise)\n\
      --init-model=FILE    start from FILE's model and parameters\n\
\n\
Optimizer (the update rules are in nn-train(1)):\n\
      --optimizer=NAME     sgd (default), momentum, nesterov, adagrad,\n\
                           adagrad-rms, rmsprop, adam, adamw, amsgrad, radam,\n\
                           bfgs (full-batch quasi-Newton, GSL)\n\
      --lr=ETA             learning rate (default 0.01; bfgs: first step)\n\
      --momentum=L         momentum, nesterov (default 0.9)\n\
      --beta1=B, --beta2=B adam, adamw, amsgrad, radam (default 0.9, 0.999)\n\
      --alpha=A            rmsprop smoothing (default 0.99)\n\
      --eps=E              adagrad, adagrad-rms (default 1e-10), rmsprop and\n\
                           the adam family (default 1e-8)\n\
      --centered           rmsprop: divide by the gradient's variance\n\
      --weight-decay=W     L2: W theta added to the gradient (adamw:\n\
                           decoupled, default 0.01; others 0)\n\
      --grad-tol=G         bfgs: stop when the gradient norm is <= G\n\
                           (default 1e-8)\n\
      --solver=lstsq       exact least squares for a linear model with mse\n\
                           (GSL multifit; ridge with --weight-decay)\n\
\n\
Training:\n\
      --batch=N|full       rows per step (default 32)\n\
      --epochs=N           passes over the data (default 100; bfgs: most\n\
                           iterations, default 1000; 0 writes the initial\n\
                           model)\n\
      --schedule=S         learning rate per step: constant (default),\n\
                           step:EVERY:GAMMA, exp:GAMMA, invsqrt,\n\
                           cosine:T[:MIN], noam:DMODEL:WARMUP\n\
      --warmup=N           linear warm-up over the first N steps\n\
      --print-schedule=N   print step and lr for N steps, and exit\n\
      --dropout=P          drop hidden units with probability P (training)\n\
      --patience=N         stop after N epochs without a better valid_loss\n\
                           and keep the best epoch's model (needs --valid)\n\
      --seed=N             initialisation, shuffling, dropout (default 1)\n\
      --no-shuffle         keep the rows in file order\n\
      --gradcheck          compare the gradient with finite differences at\n\
                           the initial parameters, print the worst relative\n\
                           error, and exit\n\
\n\
Built-in functions (instead of a model on data; an epoch is one step):\n\
      --function=NAME      w1w2, saddle, monkey, rosenbrock, quartic,\n\
                           valley[:A:B], walls[:A]\n\
      --at=X[,Y]           the starting point\n\
\n\
Output:\n\
  -o, --output=MODEL       write the trained model to MODEL (atomically)\n\
      --log=FILE           write the log to FILE (default: standard output)\n\
      --log-every=N        a log row every N steps (default: every epoch)\n\
      --trace=FILE         step, loss and every parameter after each step\n\
  -q, --quiet              no progress on standard error\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Examples:\n\
  nn-train -m mlp:16 --activation tanh --optimizer adam --lr 0.01 \\\n\
      -o model.tsv train.tsv\n\
  nn-train --loss xent -m mlp:32,32 --valid valid.tsv --patience 10 \\\n\
      --log log.tsv -o model.tsv train.tsv && nn-predict -m model.tsv --eval test.tsv\n\
  nn-train --function quartic --at 2 --optimizer momentum --lr 0.01 \\\n\
      --epochs 2000 --trace path.tsv\n\
\n", stdout);
  printf("See %s(1) for the update rules, the log columns and nn-model(5) "
         "for the model file.\n", nn_program_name);
  exit(NN_EXIT_OK);
}

/* Everything the options ask for. */
typedef struct {
  const char *target, *features, *arch, *init, *init_model, *valid, *log,
    *output, *optimizer, *input, *schedule, *function, *at, *trace, *solver;
  int act, loss, bias, standardize, shuffle, gradcheck, quiet, delim;
  int act_given, loss_given, arch_given, bias_given;
  double lr, dropout, grad_tol;
  size_t batch, epochs, log_every, warmup, print_schedule, patience;
  size_t poly;  /* --poly: powers 1..poly of each input column; 0: none */
  int lr_given, batch_given, epochs_given, shuffle_given, seed_given;
  unsigned long seed;
  nn_optim_params hp;  /* hyper-parameters as given (NAN: not given) */
} options;

static void progress(void *ctx, size_t epoch, size_t epochs, double loss)
{
  (void) ctx;
  fprintf(stderr, "\r%s: epoch %zu/%zu  loss %.6g ", nn_program_name, epoch,
          epochs, loss);
  if (epoch == epochs)
    fputc('\n', stderr);
}

/* The initial model, from --init-model or built for TRAIN's columns. */
static nn_model *initial_model(const options *op, nn_dataset **train,
                               gsl_rng *rng)
{
  nn_err err;
  nn_model *m;
  if (op->init_model) {
    if ((m = nn_model_read(op->init_model, &err)) == NULL)
      nn_cli_fail(&err);
    if ((op->act_given && op->act != (int) m->act) ||
        (op->loss_given && op->loss != (int) m->loss) ||
        (op->bias_given && m->bias) || op->arch_given)
      nn_cli_usage_error("--init-model: the model file sets the architecture,"
                         " activation, loss and bias; do not give them too");
    if (op->standardize || op->features || op->target)
      nn_cli_usage_error("--init-model: the model file names the columns and "
                         "the scaling; do not give --features, --target or "
                         "--standardize too");
    if (op->poly)
      nn_cli_usage_error("--init-model: the model file gives the polynomial "
                         "features; do not give --poly too");
    if (op->init)
      nn_cli_usage_error("--init-model: the model file gives the initial "
                         "parameters; do not give --init too");
    if (nn_dataset_read_for(m, op->input, op->delim, 1, train, &err))
      nn_cli_fail(&err);
    return m;
  }
  nn_dataset_spec spec = {op->target, op->features, op->loss != NN_LOSS_MSE,
                          op->delim, op->poly};
  if (nn_dataset_read(op->input, &spec, train, &err) != NN_OK)
    nn_cli_fail(&err);
  size_t *hidden, nh;
  if (nn_arch_parse(op->arch, &hidden, &nh, &err) != NN_OK)
    nn_cli_fail(&err);
  m = nn_model_for_dataset(*train, hidden, nh, (nn_act) op->act, op->bias,
                           (nn_loss) op->loss, &err);
  free(hidden);
  if (m == NULL)
    nn_cli_fail(&err);
  if (op->standardize || op->poly) {  /* --poly standardizes its powers */
    size_t d = m->width[0];
    m->shift = malloc(d * sizeof *m->shift);
    m->scale = malloc(d * sizeof *m->scale);
    if (m->shift == NULL || m->scale == NULL)
      nn_cli_die(NN_EXIT_FAIL, "out of memory");
    nn_dataset_moments(*train, m->shift, m->scale);
    nn_dataset_scale(*train, m->shift, m->scale);
  }
  const char *init = op->init ? op->init
                     : op->act == NN_ACT_RELU ? "he" : "xavier";
  if (nn_model_init(m, init, rng, &err) != NN_OK)
    nn_cli_fail(&err);
  return m;
}

/* Refuse the options in NAMES (a NULL-terminated list of name, given
 * pairs) that were given: MODE cannot use them. */
static void refuse(const char *mode, const char *why, const char *names[],
                   const int given[])
{
  for (size_t i = 0; names[i]; i++)
    if (given[i])
      nn_cli_usage_error("%s: %s; do not give %s", mode, why, names[i]);
}

/* --print-schedule: step and lr for STEPS steps. */
static int print_schedule(const options *op, const nn_schedule *sch)
{
  nn_err err;
  nn_outfile out;
  if (nn_outfile_open(&out, NULL, &err) != NN_OK)
    nn_cli_fail(&err);
  nn_writer w;
  nn_writer_init(&w, out.fp, '\t');
  nn_writer_string(&w, "step");
  nn_writer_string(&w, "lr");
  nn_writer_end(&w);
  for (size_t t = 1; t <= op->print_schedule; t++) {
    nn_writer_number(&w, (double) t);
    nn_writer_number(&w, nn_schedule_lr(sch, op->lr, t));
    nn_writer_end(&w);
  }
  if (nn_outfile_commit(&out, &err) != NN_OK)
    nn_cli_fail(&err);
  return NN_EXIT_OK;
}

/* Parse --at X[,Y] for the N parameters of a function into X. */
static void parse_at(const char *at, size_t n, double *x)
{
  char buf[256];
  if (strlen(at) >= sizeof buf)
    nn_cli_usage_error("--at: '%s' is too long", at);
  strcpy(buf, at);
  size_t k = 0;
  for (char *p = buf, *end; p; p = end ? end + 1 : NULL, k++) {
    if ((end = strchr(p, ',')) != NULL)
      *end = '\0';
    if (k < n)
      x[k] = nn_cli_number("--at", p);
  }
  if (k != n)
    nn_cli_usage_error("--at: '%s' has %zu value%s; the function takes %zu",
                       at, k, k == 1 ? "" : "s", n);
}

/* The open outputs of a run: log, trace and model. */
typedef struct {
  nn_outfile log, trace, model;  /* the files (or standard output) */
  nn_writer logw, tracew;        /* writers on log and trace */
  int has_trace, has_model;      /* trace and model were asked for */
} outputs;

static void outputs_open(outputs *out, const options *op, int argc,
                         char **typed)
{
  nn_err err;
  out->has_trace = op->trace != NULL;
  out->has_model = op->output != NULL;
  if (nn_outfile_open(&out->log, op->log, &err) != NN_OK ||
      (op->trace && nn_outfile_open(&out->trace, op->trace, &err) != NN_OK) ||
      (op->output && nn_outfile_open(&out->model, op->output, &err) != NN_OK))
    nn_cli_fail(&err);
  nn_writer_init(&out->logw, out->log.fp, '\t');
  nn_cli_provenance(out->log.fp, argc, typed);
  if (op->trace) {
    nn_writer_init(&out->tracew, out->trace.fp, '\t');
    nn_cli_provenance(out->trace.fp, argc, typed);
  }
}

/* After the run: the model (when M is not NULL and the run succeeded),
 * then the log and the trace, which show a failed run up to where it
 * stopped.  Exits 1 with RUN_ERR when the run failed. */
static void outputs_close(outputs *out, int status, const nn_err *run_err,
                          const nn_model *m, int argc, char **typed)
{
  nn_err err;
  if (out->has_model) {
    if (status == NN_OK && m != NULL) {
      nn_cli_provenance(out->model.fp, argc, typed);
      nn_model_write(m, out->model.fp);
      if (nn_outfile_commit(&out->model, &err) != NN_OK)
        nn_cli_fail(&err);
    } else {
      nn_outfile_abort(&out->model);
    }
  }
  if (nn_outfile_commit(&out->log, &err) != NN_OK ||
      (out->has_trace && nn_outfile_commit(&out->trace, &err) != NN_OK))
    nn_cli_fail(&err);
  if (status != NN_OK)
    nn_cli_fail(run_err);
}

/* --optimizer bfgs on O, logging to OUT; a run that ends above
 * --grad-tol says so on standard error (unless --quiet). */
static int run_bfgs(nn_objective *o, const nn_dataset *valid,
                    const options *op, outputs *out, nn_err *err)
{
  nn_bfgs_result res;
  int status = nn_bfgs(o, valid, op->epochs, op->grad_tol, op->lr,
                       &out->logw, op->trace ? &out->tracew : NULL, &res,
                       err);
  if (status == NN_OK && !res.converged && !op->quiet)
    fprintf(stderr, "%s: bfgs stopped after %zu iterations with gradient "
            "norm %g > --grad-tol %g\n", nn_program_name, res.iterations,
            res.grad_norm, op->grad_tol);
  return status;
}

/* --function: minimise a built-in function from --at. */
static int run_function(const options *op, const nn_schedule *sch,
                        int argc, char **typed)
{
  nn_err err;
  nn_func f;
  if (nn_func_parse(op->function, &f, &err) != NN_OK)
    nn_cli_fail(&err);
  if (!op->at)
    nn_cli_usage_error("--function: give the starting point with --at");
  double x[2];
  parse_at(op->at, f.n, x);
  nn_optim *opt = nn_optim_alloc(op->optimizer, f.n, &op->hp, &err);
  if (opt == NULL)
    nn_cli_fail(&err);
  outputs out;
  outputs_open(&out, op, argc, typed);
  char formula[128];
  nn_func_formula(&f, formula, sizeof formula);
  fprintf(out.log.fp, "# f = %s\n", formula);
  nn_train_opts to = {op->epochs, 0, op->lr, sch, 0, op->log_every, 0, 0,
                      op->trace ? &out.tracew : NULL, NULL, NULL};
  int status;
  if (opt->kind == NN_OPT_BFGS) {
    nn_objective o;
    nn_objective_func(&o, &f, x);
    o.l2 = isnan(op->hp.weight_decay) ? 0 : op->hp.weight_decay;
    status = run_bfgs(&o, NULL, op, &out, &err);
  } else {
    status = nn_train_func(&f, x, &to, opt, &out.logw, &err);
  }
  nn_optim_free(opt);
  outputs_close(&out, status, &err, NULL, argc, typed);
  return NN_EXIT_OK;
}

/* --gradcheck: the worst relative error of the gradient, as a table. */
static void gradcheck(nn_model *m, const nn_dataset *train)
{
  nn_err err;
  double worst;
  size_t which;
  char name[64];
  nn_outfile log;
  if (nn_gradcheck(m, train, 1e-6, &worst, &which, &err) != NN_OK)
    nn_cli_fail(&err);
  nn_model_param_name(m, which, name, sizeof name);
  if (nn_outfile_open(&log, NULL, &err) != NN_OK)
    nn_cli_fail(&err);
  fprintf(log.fp, "quantity\tvalue\nparams\t%zu\nworst_relative_error\t%.3g\n"
          "worst_parameter\t%s\n", m->nparams, worst, name);
  if (nn_outfile_commit(&log, &err) != NN_OK)
    nn_cli_fail(&err);
}

/* After --solver lstsq: the log row of the fit. */
static int log_lstsq(nn_model *m, const nn_dataset *train,
                     const nn_dataset *valid, double l2, nn_writer *log,
                     nn_err *err)
{
  nn_objective o;
  nn_objective_model(&o, m, train, NULL);
  o.l2 = l2;
  /* bfgs with no iterations: the log row of the point, nothing more */
  nn_bfgs_result res;
  return nn_bfgs(&o, valid, 0, 0, 1, log, NULL, &res, err);
}

/* Free what main allocated (for leak checkers: the process ends next). */
static void release(nn_model *m, nn_dataset *train, nn_dataset *valid,
                    nn_optim *opt, gsl_rng *rng, char **typed)
{
  nn_model_free(m);
  nn_dataset_free(train);
  nn_dataset_free(valid);
  nn_optim_free(opt);
  gsl_rng_free(rng);
  free(typed);
}

int main(int argc, char **argv)
{
  nn_cli_init(argc, argv);
  options op = {.arch = "linear", .act = NN_ACT_RELU, .loss = NN_LOSS_MSE,
                .bias = 1, .shuffle = 1, .lr = 0.01, .batch = 32,
                .epochs = 100, .seed = 1, .optimizer = "sgd",
                .schedule = "constant", .grad_tol = 1e-8,
                .hp = nn_optim_params_none()};
  int grad_tol_given = 0, sched_given = 0, dropout_given = 0;
  int optimizer_given = 0;
  /* getopt_long moves the operands after the options: keep the command
   * line as it was typed for the comment that records it. */
  char **typed = malloc((size_t) argc * sizeof *typed);
  if (typed == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  memcpy(typed, argv, (size_t) argc * sizeof *typed);
  int c;
  while ((c = getopt_long(argc, argv, "y:x:m:o:q", long_options, NULL)) != -1) {
    switch (c) {
    case 'y': op.target = optarg; break;
    case 'x': op.features = optarg; break;
    case 'm': op.arch = optarg; op.arch_given = 1; break;
    case OPT_ACTIVATION:
      if ((op.act = nn_act_parse(optarg)) < 0)
        nn_cli_usage_error("--activation: unknown activation '%s' (relu, "
                           "sigmoid, tanh, linear)", optarg);
      op.act_given = 1;
      break;
    case OPT_NO_BIAS: op.bias = 0; op.bias_given = 1; break;
    case OPT_LOSS:
      if ((op.loss = nn_loss_parse(optarg)) < 0)
        nn_cli_usage_error("--loss: unknown loss '%s' (mse, xent, "
                           "softmax-mse)", optarg);
      op.loss_given = 1;
      break;
    case OPT_INIT: op.init = optarg; break;
    case OPT_INIT_MODEL: op.init_model = optarg; break;
    case OPT_STANDARDIZE: op.standardize = 1; break;
    case OPT_POLY: op.poly = nn_cli_count("--poly", optarg, 1, 30); break;
    case OPT_OPTIMIZER: op.optimizer = optarg; optimizer_given = 1; break;
    case OPT_MOMENTUM: op.hp.momentum = nn_cli_number("--momentum", optarg); break;
    case OPT_BETA1: op.hp.beta1 = nn_cli_number("--beta1", optarg); break;
    case OPT_BETA2: op.hp.beta2 = nn_cli_number("--beta2", optarg); break;
    case OPT_ALPHA: op.hp.alpha = nn_cli_number("--alpha", optarg); break;
    case OPT_EPS: op.hp.eps = nn_cli_number("--eps", optarg); break;
    case OPT_CENTERED: op.hp.centered = 1; break;
    case OPT_WEIGHT_DECAY:
      op.hp.weight_decay = nn_cli_number("--weight-decay", optarg);
      if (op.hp.weight_decay < 0)
        nn_cli_usage_error("--weight-decay: '%s' is negative", optarg);
      break;
    case OPT_SOLVER:
      if (strcmp(optarg, "lstsq") != 0)
        nn_cli_usage_error("--solver: unknown solver '%s' (lstsq)", optarg);
      op.solver = optarg;
      break;
    case OPT_GRAD_TOL:
      op.grad_tol = nn_cli_positive("--grad-tol", optarg);
      grad_tol_given = 1;
      break;
    case OPT_LR: op.lr = nn_cli_positive("--lr", optarg); op.lr_given = 1; break;
    case OPT_SCHEDULE: op.schedule = optarg; sched_given = 1; break;
    case OPT_WARMUP:
      op.warmup = nn_cli_count("--warmup", optarg, 0, SIZE_MAX);
      sched_given = 1;
      break;
    case OPT_PRINT_SCHEDULE:
      op.print_schedule = nn_cli_count("--print-schedule", optarg, 1, 100000000);
      break;
    case OPT_BATCH:
      op.batch = strcmp(optarg, "full") == 0
                 ? 0 : nn_cli_count("--batch", optarg, 1, SIZE_MAX);
      op.batch_given = 1;
      break;
    case OPT_EPOCHS:
      op.epochs = nn_cli_count("--epochs", optarg, 0, SIZE_MAX);
      op.epochs_given = 1;
      break;
    case OPT_SEED:
      op.seed = nn_cli_count("--seed", optarg, 0, ULONG_MAX);
      op.seed_given = 1;
      break;
    case OPT_NO_SHUFFLE: op.shuffle = 0; op.shuffle_given = 1; break;
    case OPT_DROPOUT:
      op.dropout = nn_cli_number("--dropout", optarg);
      if (!(op.dropout >= 0 && op.dropout < 1))
        nn_cli_usage_error("--dropout: '%s' is not in [0, 1)", optarg);
      dropout_given = 1;
      break;
    case OPT_PATIENCE:
      op.patience = nn_cli_count("--patience", optarg, 1, SIZE_MAX);
      break;
    case OPT_VALID: op.valid = optarg; break;
    case OPT_FUNCTION: op.function = optarg; break;
    case OPT_AT: op.at = optarg; break;
    case OPT_LOG: op.log = optarg; break;
    case OPT_LOG_EVERY:
      op.log_every = nn_cli_count("--log-every", optarg, 1, SIZE_MAX);
      break;
    case OPT_TRACE: op.trace = optarg; break;
    case OPT_GRADCHECK: op.gradcheck = 1; break;
    case 'o': op.output = optarg; break;
    case 'q': op.quiet = 1; break;
    case OPT_CSV: op.delim = ','; break;
    case OPT_TSV: op.delim = '\t'; break;
    case OPT_HELP: usage();
    case OPT_VERSION: nn_cli_version();
    default: nn_cli_try_help();
    }
  }
  if (argc - optind > 1)
    nn_cli_usage_error("extra operand '%s': one training table at a time",
                       argv[optind + 1]);
  op.input = optind < argc ? argv[optind] : "-";
  if (op.valid && strcmp(op.valid, "-") == 0 && strcmp(op.input, "-") == 0)
    nn_cli_usage_error("--valid: standard input is already the training data");

  nn_err err;
  nn_schedule sch;
  if (nn_schedule_parse(op.schedule, op.warmup, &sch, &err) != NN_OK)
    nn_cli_fail(&err);
  if (op.print_schedule) {
    free(typed);
    return print_schedule(&op, &sch);
  }
  int bfgs = strcmp(op.optimizer, "bfgs") == 0;
  if (bfgs && !op.epochs_given)
    op.epochs = 1000;
  if (grad_tol_given && !bfgs)
    nn_cli_usage_error("--grad-tol: only --optimizer bfgs stops on the "
                       "gradient norm");
  if (bfgs) {
    const char *names[] = {"--schedule or --warmup", "--batch", "--dropout",
                           "--log-every", "--patience", NULL};
    const int given[] = {sched_given, op.batch_given && op.batch != 0,
                         dropout_given, op.log_every != 0, op.patience != 0};
    refuse("--optimizer bfgs", "it takes full-batch steps of its own length",
           names, given);
  }
  if (op.at && !op.function)
    nn_cli_usage_error("--at: only a --function has a starting point");
  if (op.function) {
    const char *names[] = {"a FILE operand", "--target", "--features",
      "--model", "--activation", "--no-bias", "--loss", "--init",
      "--init-model", "--standardize", "--poly", "--valid", "--batch",
      "--no-shuffle", "--dropout", "--patience", "--gradcheck", "--output",
      "--solver",
      "--csv or --tsv", NULL};
    const int given[] = {optind < argc, op.target != NULL,
      op.features != NULL, op.arch_given, op.act_given, op.bias_given,
      op.loss_given, op.init != NULL, op.init_model != NULL, op.standardize,
      op.poly != 0,
      op.valid != NULL, op.batch_given, op.shuffle_given, dropout_given,
      op.patience != 0, op.gradcheck, op.output != NULL, op.solver != NULL,
      op.delim != 0};
    refuse("--function", "a built-in function has no data or model", names,
           given);
    int status = run_function(&op, &sch, argc, typed);
    free(typed);
    return status;
  }
  if (op.solver) {
    const char *names[] = {"--optimizer", "--lr", "--schedule or --warmup",
      "--batch", "--epochs", "--no-shuffle", "--dropout", "--patience",
      "--log-every", "--trace", "--init", "--init-model", "--gradcheck",
      "--momentum, --beta1, --beta2, --alpha, --eps or --centered", NULL};
    const int given[] = {optimizer_given, op.lr_given,
      sched_given, op.batch_given, op.epochs_given, op.shuffle_given,
      dropout_given, op.patience != 0, op.log_every != 0, op.trace != NULL,
      op.init != NULL, op.init_model != NULL, op.gradcheck,
      !isnan(op.hp.momentum) || !isnan(op.hp.beta1) || !isnan(op.hp.beta2) ||
      !isnan(op.hp.alpha) || !isnan(op.hp.eps) || op.hp.centered != -1};
    refuse("--solver lstsq", "the exact fit has no steps", names, given);
  }
  if (op.patience && !op.valid)
    nn_cli_usage_error("--patience: early stopping watches the validation "
                       "loss; give --valid too");

  nn_optim *opt = NULL;
  if (!op.solver && (opt = nn_optim_alloc(op.optimizer, 1, &op.hp, &err)) == NULL)
    nn_cli_fail(&err);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (rng == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  gsl_rng_set(rng, op.seed);
  nn_dataset *train = NULL, *valid = NULL;
  nn_model *m = initial_model(&op, &train, rng);
  if (op.valid && nn_dataset_read_for(m, op.valid, op.delim, 1, &valid, &err))
    nn_cli_fail(&err);
  if (opt) {  /* the state vectors, now that the size is known */
    nn_optim_free(opt);
    if ((opt = nn_optim_alloc(op.optimizer, m->nparams, &op.hp, &err)) == NULL)
      nn_cli_fail(&err);
  }
  if (op.trace && m->nparams > TRACE_MAX)
    nn_cli_usage_error("--trace: the model has %zu parameters; a trace "
                       "records at most %d per step", m->nparams, TRACE_MAX);
  if (op.gradcheck) {
    gradcheck(m, train);
    release(m, train, valid, opt, rng, typed);
    return NN_EXIT_OK;
  }

  /* The exact fit first: a model it cannot fit leaves no output. */
  double l2 = isnan(op.hp.weight_decay) ? 0 : op.hp.weight_decay;
  if (op.solver && nn_lstsq(m, train, l2, &err) != NN_OK)
    nn_cli_fail(&err);
  outputs out;
  outputs_open(&out, &op, argc, typed);
  int status;
  if (op.solver) {
    status = log_lstsq(m, train, valid, l2, &out.logw, &err);
  } else if (bfgs) {
    nn_objective o;
    nn_objective_model(&o, m, train, NULL);
    o.l2 = opt->p.weight_decay;
    status = run_bfgs(&o, valid, &op, &out, &err);
  } else {
    nn_train_opts to = {op.epochs, op.batch, op.lr, &sch, op.shuffle,
                        op.log_every, op.dropout, op.patience,
                        op.trace ? &out.tracew : NULL, NULL, NULL};
    if (!op.quiet && isatty(STDERR_FILENO))
      to.progress = progress;
    status = nn_train(m, train, valid, &to, opt, rng, &out.logw, &err);
  }
  outputs_close(&out, status, &err, m, argc, typed);
  release(m, train, valid, opt, rng, typed);
  return NN_EXIT_OK;
}
