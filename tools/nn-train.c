/* nn-train -- train a linear model or an MLP on a table; write the model
 * file and the training log (nn-train(1)). */
#include <config.h>
#include <getopt.h>
#include <limits.h>
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
       OPT_GRADCHECK, OPT_CSV, OPT_TSV, OPT_HELP, OPT_VERSION };

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
  {"optimizer", required_argument, NULL, OPT_OPTIMIZER},
  {"lr", required_argument, NULL, OPT_LR},
  {"batch", required_argument, NULL, OPT_BATCH},
  {"epochs", required_argument, NULL, OPT_EPOCHS},
  {"seed", required_argument, NULL, OPT_SEED},
  {"no-shuffle", no_argument, NULL, OPT_NO_SHUFFLE},
  {"valid", required_argument, NULL, OPT_VALID},
  {"log", required_argument, NULL, OPT_LOG},
  {"log-every", required_argument, NULL, OPT_LOG_EVERY},
  {"gradcheck", no_argument, NULL, OPT_GRADCHECK},
  {"output", required_argument, NULL, 'o'},
  {"quiet", no_argument, NULL, 'q'},
  {"csv", no_argument, NULL, OPT_CSV},
  {"tsv", no_argument, NULL, OPT_TSV},
  {"help", no_argument, NULL, OPT_HELP},
  {"version", no_argument, NULL, OPT_VERSION},
  {NULL, 0, NULL, 0}
};

static void __attribute__((noreturn)) usage(void)
{
  printf("Usage: %s [OPTION]... [FILE]\n", nn_program_name);
  fputs("\
Train a model on the rows of a table (standard input without FILE, or when\n\
FILE is -); write the training log as TSV and, with -o, the model file.\n\
\n\
Data:\n\
  -y, --target=COL         target column, by name or 1-based index\n\
                           (default: the last column)\n\
  -x, --features=COLS      input columns, comma-separated (default: the\n\
                           others)\n\
      --standardize        scale inputs to mean 0, sd 1 (stored in the model)\n\
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
Training:\n\
      --optimizer=NAME     sgd: plain gradient descent (default)\n\
      --lr=ETA             learning rate (default 0.01)\n\
      --batch=N|full       rows per step (default 32)\n\
      --epochs=N           passes over the data (default 100; 0 writes the\n\
                           initial model)\n\
      --seed=N             initialisation and shuffling (default 1)\n\
      --no-shuffle         keep the rows in file order\n\
      --gradcheck          compare the gradient with finite differences at\n\
                           the initial parameters, print the worst relative\n\
                           error, and exit\n\
\n\
Output:\n\
  -o, --output=MODEL       write the trained model to MODEL (atomically)\n\
      --log=FILE           write the log to FILE (default: standard output)\n\
      --log-every=N        a log row every N steps (default: every epoch)\n\
  -q, --quiet              no progress on standard error\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Examples:\n\
  nn-train -m mlp:16 --activation tanh --lr 0.1 -o model.tsv train.tsv\n\
  nn-train --loss xent -m mlp:32,32 --valid valid.tsv --log log.tsv \\\n\
      -o model.tsv train.tsv && nn-predict -m model.tsv --eval test.tsv\n\
\n", stdout);
  printf("See %s(1) for the log columns and nn-model(5) for the model file.\n",
         nn_program_name);
  exit(NN_EXIT_OK);
}

/* Everything the options ask for. */
typedef struct {
  const char *target, *features, *arch, *init, *init_model, *valid, *log,
    *output, *optimizer, *input;
  int act, loss, bias, standardize, shuffle, gradcheck, quiet, delim;
  int act_given, loss_given, arch_given, bias_given;
  double lr;
  size_t batch, epochs, log_every;
  unsigned long seed;
} options;

static void progress(void *ctx, size_t epoch, size_t epochs, double loss)
{
  (void) ctx;
  fprintf(stderr, "\r%s: epoch %zu/%zu  loss %.6g ", nn_program_name, epoch,
          epochs, loss);
  if (epoch == epochs)
    fputc('\n', stderr);
}

/* '# nn-train (nnkit) VERSION: the command line', recording how a file
 * was made. */
static void write_provenance(FILE *fp, int argc, char **argv)
{
  fprintf(fp, "# %s (%s) %s:", nn_program_name, PACKAGE_NAME, PACKAGE_VERSION);
  for (int i = 1; i < argc; i++) {
    fputc(' ', fp);
    for (const char *s = argv[i]; *s; s++)  /* the comment stays one line */
      fputc(*s == '\n' || *s == '\r' ? ' ' : *s, fp);
  }
  fputc('\n', fp);
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
    if (op->init)
      nn_cli_usage_error("--init-model: the model file gives the initial "
                         "parameters; do not give --init too");
    if (nn_dataset_read_for(m, op->input, op->delim, 1, train, &err))
      nn_cli_fail(&err);
    return m;
  }
  nn_dataset_spec spec = {op->target, op->features, op->loss != NN_LOSS_MSE,
                          op->delim};
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
  if (op->standardize) {
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
                .epochs = 100, .seed = 1, .optimizer = "sgd"};
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
    case OPT_OPTIMIZER: op.optimizer = optarg; break;
    case OPT_LR: op.lr = nn_cli_positive("--lr", optarg); break;
    case OPT_BATCH:
      op.batch = strcmp(optarg, "full") == 0
                 ? 0 : nn_cli_count("--batch", optarg, 1, SIZE_MAX);
      break;
    case OPT_EPOCHS: op.epochs = nn_cli_count("--epochs", optarg, 0, SIZE_MAX); break;
    case OPT_SEED: op.seed = nn_cli_count("--seed", optarg, 0, ULONG_MAX); break;
    case OPT_NO_SHUFFLE: op.shuffle = 0; break;
    case OPT_VALID: op.valid = optarg; break;
    case OPT_LOG: op.log = optarg; break;
    case OPT_LOG_EVERY:
      op.log_every = nn_cli_count("--log-every", optarg, 1, SIZE_MAX);
      break;
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
  nn_optim *opt = nn_optim_alloc(op.optimizer, 1, &err);
  if (opt == NULL)
    nn_cli_fail(&err);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (rng == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  gsl_rng_set(rng, op.seed);
  nn_dataset *train = NULL, *valid = NULL;
  nn_model *m = initial_model(&op, &train, rng);
  if (op.valid && nn_dataset_read_for(m, op.valid, op.delim, 1, &valid, &err))
    nn_cli_fail(&err);
  opt->n = m->nparams;

  nn_outfile log, model;
  if (op.gradcheck) {
    double worst;
    size_t which;
    char name[64];
    if (nn_gradcheck(m, train, 1e-6, &worst, &which, &err) != NN_OK)
      nn_cli_fail(&err);
    nn_model_param_name(m, which, name, sizeof name);
    if (nn_outfile_open(&log, NULL, &err) != NN_OK)
      nn_cli_fail(&err);
    fprintf(log.fp, "quantity\tvalue\nparams\t%zu\nworst_relative_error\t%.3g\n"
            "worst_parameter\t%s\n", m->nparams, worst, name);
    if (nn_outfile_commit(&log, &err) != NN_OK)
      nn_cli_fail(&err);
    release(m, train, valid, opt, rng, typed);
    return NN_EXIT_OK;
  }
  if (nn_outfile_open(&log, op.log, &err) != NN_OK ||
      (op.output && nn_outfile_open(&model, op.output, &err) != NN_OK))
    nn_cli_fail(&err);
  nn_writer w;
  nn_writer_init(&w, log.fp, '\t');
  write_provenance(log.fp, argc, typed);
  nn_train_opts to = {op.epochs, op.batch, op.lr, op.shuffle, op.log_every,
                      NULL, NULL};
  if (!op.quiet && isatty(STDERR_FILENO))
    to.progress = progress;
  if (nn_train(m, train, valid, &to, opt, rng, &w, &err) != NN_OK) {
    /* The log shows the run up to where it stopped; no model is written. */
    nn_err log_err;
    if (op.output)
      nn_outfile_abort(&model);
    if (nn_outfile_commit(&log, &log_err) != NN_OK)
      nn_cli_fail(&log_err);
    nn_cli_fail(&err);
  }
  if (op.output) {
    write_provenance(model.fp, argc, typed);
    nn_model_write(m, model.fp);
    if (nn_outfile_commit(&model, &err) != NN_OK)
      nn_cli_fail(&err);
  }
  if (nn_outfile_commit(&log, &err) != NN_OK)
    nn_cli_fail(&err);
  release(m, train, valid, opt, rng, typed);
  return NN_EXIT_OK;
}
