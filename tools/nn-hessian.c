/* nn-hessian -- the exact Hessian of a model's mean loss on a table, or of
 * a built-in function, at a point: its eigenvalues, the critical-point
 * verdict, the escape direction, loss surfaces (nn-hessian(1), NOTES.md
 * §2).  The work is in lib/hessian.c (Hessian-vector products, the full
 * matrix, its check, Lanczos) and lib/critical.c (eigen-decomposition,
 * verdict, escape, grids, and the tables this tool prints); this file
 * parses the options, opens the streams and calls them. */
#include <config.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "nn.h"

#define LANCZOS_TOL 1e-10     /* relative accuracy of --top / --bottom */
#define LANCZOS_MAXIT 10000   /* Hessian-vector products at most, each */

enum { OPT_FUNCTION = 256, OPT_AT, OPT_L2, OPT_SPECTRUM, OPT_VECTORS,
       OPT_MATRIX, OPT_CHECK, OPT_ESCAPE, OPT_GRID, OPT_DIRS, OPT_SEED,
       OPT_TOP, OPT_BOTTOM, OPT_MAX_PARAMS, OPT_TOL, OPT_GRAD_TOL, OPT_CSV,
       OPT_TSV, OPT_HELP, OPT_VERSION };

static const struct option long_options[] = {
  {"model", required_argument, NULL, 'm'},
  {"function", required_argument, NULL, OPT_FUNCTION},
  {"at", required_argument, NULL, OPT_AT},
  {"weight-decay", required_argument, NULL, OPT_L2},
  {"spectrum", no_argument, NULL, OPT_SPECTRUM},
  {"vectors", no_argument, NULL, OPT_VECTORS},
  {"matrix", no_argument, NULL, OPT_MATRIX},
  {"check", no_argument, NULL, OPT_CHECK},
  {"escape", required_argument, NULL, OPT_ESCAPE},
  {"output", required_argument, NULL, 'o'},
  {"grid", required_argument, NULL, OPT_GRID},
  {"dirs", required_argument, NULL, OPT_DIRS},
  {"seed", required_argument, NULL, OPT_SEED},
  {"top", required_argument, NULL, OPT_TOP},
  {"bottom", required_argument, NULL, OPT_BOTTOM},
  {"max-params", required_argument, NULL, OPT_MAX_PARAMS},
  {"tol", required_argument, NULL, OPT_TOL},
  {"grad-tol", required_argument, NULL, OPT_GRAD_TOL},
  {"quiet", no_argument, NULL, 'q'},
  {"csv", no_argument, NULL, OPT_CSV},
  {"tsv", no_argument, NULL, OPT_TSV},
  {"help", no_argument, NULL, OPT_HELP},
  {"version", no_argument, NULL, OPT_VERSION},
  {NULL, 0, NULL, 0}
};

static void __attribute__((noreturn)) usage(void)
{
  printf("Usage: %s -m MODEL [OPTION]... [FILE]\n"
         "  or:  %s --function NAME --at X[,Y] [OPTION]...\n",
         nn_program_name, nn_program_name);
  fputs("\
At a model's parameters, over the rows of a table (standard input without\n\
FILE, or when FILE is -), or at a point of a built-in function: the loss,\n\
its gradient, the exact Hessian and its eigenvalues, and what they say\n\
about the point.  Output: a TSV table 'quantity value' with the rows loss,\n\
grad_norm, params, lambda_min, lambda_max, positive, negative, zero,\n\
minimum_ratio, verdict (local-minimum, local-maximum, saddle-point,\n\
degenerate, not-critical) and escape[NAME], the largest components (at\n\
most 10) of the escape direction when an eigenvalue is negative.\n\
\n\
What:\n\
  -m, --model=MODEL        the model file (nn-model(5)); the loss is its\n\
                           mean loss over the table's rows\n\
      --function=NAME      a built-in function instead: w1w2, saddle,\n\
                           monkey, rosenbrock, quartic, valley:A:B, walls:A\n\
      --at=X[,Y]           the point of --function (required with it)\n\
      --weight-decay=C     add C/2 |theta|^2 to the loss (default 0), as\n\
                           nn-train --weight-decay does\n\
\n\
Instead of the summary (one at a time):\n\
      --spectrum           every eigenvalue: k, eigenvalue (ascending)\n\
      --vectors            the eigenvectors: a row per parameter, a column\n\
                           v<k> per eigenvector\n\
      --matrix             the Hessian, rows and columns by parameter name\n\
      --check              compare the Hessian with central differences of\n\
                           the gradient: the worst relative error, where\n\
      --escape=STEP        move STEP along the escape direction; print the\n\
                           loss before and after (a model: write the moved\n\
                           model with -o; a function: the new point)\n\
  -o, --output=MODEL       with --escape: the moved model (atomically)\n\
      --grid=X0:X1:N[,Y0:Y1:M]\n\
                           the loss at theta + x d1 + y d2 over the grid:\n\
                           TSV x, y, loss (for nn-plot --kind contour)\n\
      --dirs=P1,P2|eig|random\n\
                           the grid's directions: two parameters by name\n\
                           (their values are written), the eigenvectors of\n\
                           the smallest and largest eigenvalues, or two\n\
                           random filter-normalised ones (default: the\n\
                           parameters when there are as many as axes,\n\
                           else eig)\n\
      --seed=N             random directions, Lanczos start (default 1)\n\
\n\
Large models:\n\
      --top=K, --bottom=K  only the K largest / smallest eigenvalues, by\n\
                           Lanczos iteration on Hessian-vector products,\n\
                           never forming H; the verdict needs both\n\
      --max-params=N       refuse a full Hessian of more than N parameters\n\
                           (default 4000)\n\
\n\
Tolerances:\n\
      --tol=T              an eigenvalue is zero when |lambda| <= T\n\
                           max|lambda| (default 1e-8)\n\
      --grad-tol=G         not a critical point when |g| > G (default 1e-6)\n\
\n\
  -q, --quiet              no progress on standard error\n\
      --csv, --tsv         force the input separator\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Examples:\n\
  nn-hessian --function w1w2 --at 0,0\n\
  nn-train -m mlp:4 --activation tanh -o net.model data.tsv > /dev/null &&\n\
    nn-hessian -m net.model --spectrum data.tsv | nn-plot --kind hist -x eigenvalue\n\
  nn-hessian -m net.model --grid -1:1:41,-1:1:41 --dirs random data.tsv |\n\
    nn-plot --kind contour -o surface.png\n\
\n", stdout);
  printf("See %s(1).\n", nn_program_name);
  exit(NN_EXIT_OK);
}

/* What the run prints. */
typedef enum { OUT_SUMMARY, OUT_SPECTRUM, OUT_VECTORS, OUT_MATRIX, OUT_CHECK,
               OUT_ESCAPE, OUT_GRID } output_kind;

/* Everything the options ask for. */
typedef struct {
  const char *model, *function, *at, *output, *grid, *dirs, *input;
  double l2, escape, tol, grad_tol;
  output_kind out;        /* which table */
  const char *out_opt;    /* the option that chose it, for messages */
  nn_grid_dirs dirs_kind; /* --dirs */
  char *dir_name[2];      /* --dirs P1,P2: the names (allocated) */
  size_t ndir_names;      /* how many names */
  nn_grid_axis ax[2];     /* --grid: its axes */
  size_t naxes;           /* --grid: 1 or 2 */
  size_t top, bottom, max_params;
  unsigned long seed;
  int quiet, delim;
} options;

static int progress_on;  /* progress messages on standard error */

static void progress(const char *fmt, ...)
  __attribute__((format(printf, 1, 2)));
static void progress(const char *fmt, ...)
{
  if (!progress_on)
    return;
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "%s: ", nn_program_name);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

/* nn_spectrum_opts' progress: a stage of the computation. */
static void progress_stage(void *ctx, const char *stage)
{
  (void) ctx;
  progress("%s", stage);
}

static void set_output(options *op, output_kind k, const char *opt)
{
  if (op->out_opt && op->out != k)
    nn_cli_usage_error("%s and %s print different tables; choose one",
                       op->out_opt, opt);
  op->out = k;
  op->out_opt = opt;
}

/* --dirs: eig, random, or one or two parameter names separated by a comma
 * outside brackets (W1[1,2] holds a comma). */
static void parse_dirs(options *op, const char *s)
{
  if (strcmp(s, "eig") == 0) {
    op->dirs_kind = NN_DIRS_EIG;
    return;
  }
  if (strcmp(s, "random") == 0) {
    op->dirs_kind = NN_DIRS_RANDOM;
    return;
  }
  op->dirs_kind = NN_DIRS_PARAMS;
  const char *start = s;
  int depth = 0;
  for (const char *p = s;; p++) {
    if (*p == '[')
      depth++;
    else if (*p == ']')
      depth--;
    if (*p == '\0' || (*p == ',' && depth == 0)) {
      size_t len = (size_t) (p - start);
      if (len == 0 || op->ndir_names == 2)
        nn_cli_usage_error("--dirs: '%s' is not eig, random, or one or two "
                           "parameter names (P1,P2)", s);
      char *name = malloc(len + 1);
      if (name == NULL)
        nn_cli_die(NN_EXIT_FAIL, "out of memory");
      memcpy(name, start, len);
      name[len] = '\0';
      op->dir_name[op->ndir_names++] = name;
      start = p + 1;
      if (*p == '\0')
        break;
    }
  }
  if (op->ndir_names == 2 && strcmp(op->dir_name[0], op->dir_name[1]) == 0)
    nn_cli_usage_error("--dirs: '%s' names the same parameter twice", s);
}

/* --at X[,Y]: F's N coordinates into X. */
static void parse_at(const char *s, const nn_func *f, const char *spec,
                     double *x)
{
  size_t k = 0;
  const char *p = s;
  for (;;) {
    size_t len = strcspn(p, ",");
    char buf[64];
    if (len == 0 || len >= sizeof buf)
      nn_cli_usage_error("--at: '%s' is not a list of numbers X[,Y]", s);
    memcpy(buf, p, len);
    buf[len] = '\0';
    double v;
    if (nn_number_parse(buf, len, &v) != NN_NUMBER_OK)
      nn_cli_usage_error("--at: '%s' is not a number", buf);
    if (k < f->n)
      x[k] = v;
    k++;
    if (p[len] == '\0')
      break;
    p += len + 1;
  }
  if (k != f->n)
    nn_cli_usage_error("--at: %zu value%s for the %zu parameter%s of %s",
                       k, k == 1 ? "" : "s", f->n, f->n == 1 ? "" : "s", spec);
}

static void *xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if (p == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  return p;
}

/* The options of the nn_critical_write_* functions for OP. */
static nn_spectrum_opts spectrum_opts(const options *op)
{
  nn_spectrum_opts so = {op->top, op->bottom, op->max_params, op->tol,
                         op->grad_tol, LANCZOS_TOL, LANCZOS_MAXIT, 0,
                         progress_on ? progress_stage : NULL, NULL};
  return so;
}

int main(int argc, char **argv)
{
  nn_cli_init(argc, argv);
  options op = {.tol = NN_CRITICAL_TOL, .grad_tol = NN_CRITICAL_GRAD_TOL,
                .max_params = 4000, .seed = 1, .out = OUT_SUMMARY};
  char **typed = xmalloc((size_t) argc * sizeof *typed);
  memcpy(typed, argv, (size_t) argc * sizeof *typed);
  int c;
  while ((c = getopt_long(argc, argv, "m:o:q", long_options, NULL)) != -1) {
    switch (c) {
    case 'm': op.model = optarg; break;
    case OPT_FUNCTION: op.function = optarg; break;
    case OPT_AT: op.at = optarg; break;
    case OPT_L2:
      op.l2 = nn_cli_number("--weight-decay", optarg);
      if (op.l2 < 0)
        nn_cli_usage_error("--weight-decay: '%s' is negative", optarg);
      break;
    case OPT_SPECTRUM: set_output(&op, OUT_SPECTRUM, "--spectrum"); break;
    case OPT_VECTORS: set_output(&op, OUT_VECTORS, "--vectors"); break;
    case OPT_MATRIX: set_output(&op, OUT_MATRIX, "--matrix"); break;
    case OPT_CHECK: set_output(&op, OUT_CHECK, "--check"); break;
    case OPT_ESCAPE:
      set_output(&op, OUT_ESCAPE, "--escape");
      op.escape = nn_cli_positive("--escape", optarg);
      break;
    case 'o': op.output = optarg; break;
    case OPT_GRID: set_output(&op, OUT_GRID, "--grid"); op.grid = optarg; break;
    case OPT_DIRS: op.dirs = optarg; break;
    case OPT_SEED: op.seed = nn_cli_count("--seed", optarg, 0, ULONG_MAX); break;
    case OPT_TOP: op.top = nn_cli_count("--top", optarg, 1, SIZE_MAX); break;
    case OPT_BOTTOM:
      op.bottom = nn_cli_count("--bottom", optarg, 1, SIZE_MAX);
      break;
    case OPT_MAX_PARAMS:
      op.max_params = nn_cli_count("--max-params", optarg, 1, SIZE_MAX);
      break;
    case OPT_TOL:
      op.tol = nn_cli_number("--tol", optarg);
      if (op.tol < 0)
        nn_cli_usage_error("--tol: '%s' is negative", optarg);
      break;
    case OPT_GRAD_TOL:
      op.grad_tol = nn_cli_number("--grad-tol", optarg);
      if (op.grad_tol < 0)
        nn_cli_usage_error("--grad-tol: '%s' is negative", optarg);
      break;
    case 'q': op.quiet = 1; break;
    case OPT_CSV: op.delim = ','; break;
    case OPT_TSV: op.delim = '\t'; break;
    case OPT_HELP: usage();
    case OPT_VERSION: nn_cli_version();
    default: nn_cli_try_help();
    }
  }

  /* What is analysed. */
  if (op.model && op.function)
    nn_cli_usage_error("-m and --function: give a model or a function, not "
                       "both");
  if (!op.model && !op.function)
    nn_cli_usage_error("nothing to analyse: give a model with -m MODEL, or a "
                       "function with --function NAME --at X,Y");
  if (op.function && !op.at)
    nn_cli_usage_error("--function: give the point with --at X[,Y]");
  if (op.at && !op.function)
    nn_cli_usage_error("--at: the point of a --function");
  if (op.function && optind < argc)
    nn_cli_usage_error("extra operand '%s': --function reads no table",
                       argv[optind]);
  if (argc - optind > 1)
    nn_cli_usage_error("extra operand '%s': one table at a time",
                       argv[optind + 1]);
  op.input = optind < argc ? argv[optind] : "-";
  if (op.model && strcmp(op.model, "-") == 0 && strcmp(op.input, "-") == 0)
    nn_cli_usage_error("-m -: standard input holds the model; give the "
                       "table as FILE");

  /* What is printed, and how. */
  int lanczos_on = op.top || op.bottom;
  if (op.output && op.out != OUT_ESCAPE)
    nn_cli_usage_error("-o: the moved model of --escape; other tables go to "
                       "standard output");
  if (op.out == OUT_ESCAPE && op.model && !op.output)
    nn_cli_usage_error("--escape: give the file for the moved model with "
                       "-o MODEL");
  if (op.out == OUT_ESCAPE && op.function && op.output)
    nn_cli_usage_error("-o: --escape with --function prints the new point; "
                       "there is no model to write");
  if (op.out == OUT_ESCAPE && lanczos_on && !op.bottom)
    nn_cli_usage_error("--escape: the escape direction needs the smallest "
                       "eigenvalue: add --bottom K, or drop --top");
  if ((op.out == OUT_MATRIX || op.out == OUT_CHECK) && lanczos_on)
    nn_cli_usage_error("%s: the full Hessian; not with --top or --bottom",
                       op.out_opt);
  if (op.dirs && op.out != OUT_GRID)
    nn_cli_usage_error("--dirs: the directions of a --grid");
  if (op.dirs)
    parse_dirs(&op, op.dirs);
  if (op.grid) {
    nn_err gerr;
    if (nn_grid_parse(op.grid, "--grid", op.ax, &op.naxes, &gerr) != NN_OK)
      nn_cli_fail(&gerr);
    if (op.dirs_kind == NN_DIRS_PARAMS && op.ndir_names != op.naxes)
      nn_cli_usage_error("--dirs: a %zu-D --grid needs %zu parameter name%s",
                         op.naxes, op.naxes, op.naxes == 1 ? "" : "s");
    if (op.dirs_kind == NN_DIRS_EIG && lanczos_on &&
        (!op.bottom || (op.naxes == 2 && !op.top)))
      nn_cli_usage_error("--dirs eig with Lanczos needs --bottom%s",
                         op.naxes == 2 ? " and --top" : "");
  }
  progress_on = !op.quiet && isatty(STDERR_FILENO);

  /* The objective: a model's mean loss over the table, or a function. */
  nn_err err;
  nn_objective o;
  nn_model *m = NULL;
  nn_dataset *ds = NULL;
  nn_func f;
  double at[2] = {0, 0};
  if (op.model) {
    if ((m = nn_model_read(op.model, &err)) == NULL)
      nn_cli_fail(&err);
    if (nn_dataset_read_for(m, op.input, op.delim, 1, &ds, &err) != NN_OK)
      nn_cli_fail(&err);
    if (nn_objective_model(&o, m, ds, &err) != NN_OK)
      nn_cli_fail(&err);
  } else {
    if (nn_func_parse(op.function, &f, &err) != NN_OK)
      nn_cli_fail(&err);
    parse_at(op.at, &f, op.function, at);
    nn_objective_func(&o, &f, at);
  }
  o.l2 = op.l2;
  size_t n = o.n;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (rng == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  gsl_rng_set(rng, op.seed);

  double loss, *grad = xmalloc(n * sizeof *grad);
  if (nn_objective_value(&o, &loss, grad, &err) != NN_OK)
    nn_cli_fail(&err);
  double grad_norm = nn_critical_grad_norm(grad, n);
  if (!isfinite(loss) || !isfinite(grad_norm)) {
    const char *what = !isfinite(loss) ? "loss" : "gradient";
    const char *how = isnan(!isfinite(loss) ? loss : grad_norm)
                      ? "not a number" : "infinite";
    if (m)
      nn_cli_die(NN_EXIT_FAIL, "%s: the %s on %s is %s at the model's "
                 "parameters", op.model, what, ds->file, how);
    nn_cli_die(NN_EXIT_FAIL, "--function %s: the %s is %s at %s",
               op.function, what, how, op.at);
  }

  nn_outfile out;
  if (nn_outfile_open(&out, NULL, &err) != NN_OK)
    nn_cli_fail(&err);
  nn_writer w;
  nn_writer_init(&w, out.fp, '\t');
  nn_spectrum_opts so = spectrum_opts(&op);
  int status = NN_OK;
  switch (op.out) {
  case OUT_SUMMARY:
    status = nn_critical_write_summary(&w, &o, &so, rng, loss, grad,
                                       grad_norm, &err);
    break;
  case OUT_SPECTRUM:
    status = nn_critical_write_spectrum(&w, &o, &so, rng, grad_norm, &err);
    break;
  case OUT_VECTORS:
    status = nn_critical_write_vectors(&w, &o, &so, rng, grad_norm, &err);
    break;
  case OUT_MATRIX:
    status = nn_critical_write_matrix(&w, &o, &so, &err);
    break;
  case OUT_CHECK:
    status = nn_critical_write_check(&w, &o, &so, &err);
    break;
  case OUT_GRID: {
    const char *const *names = op.ndir_names
                               ? (const char *const *) op.dir_name : NULL;
    status = nn_critical_write_grid(&w, &o, &so, rng, grad_norm, op.ax,
                                    op.naxes, op.dirs_kind, names, &err);
    break;
  }
  case OUT_ESCAPE:
    status = nn_critical_write_escape(&w, &o, &so, rng, grad, grad_norm,
                                      op.escape, &err);
    if (status == NN_OK && m) {  /* the moved model */
      nn_outfile mo;
      if (nn_outfile_open(&mo, op.output, &err) != NN_OK)
        nn_cli_fail(&err);
      nn_cli_provenance(mo.fp, argc, typed);
      nn_model_write(m, mo.fp);
      status = nn_outfile_commit(&mo, &err);
    }
    break;
  }
  if (status != NN_OK)
    nn_cli_fail(&err);
  if (nn_outfile_commit(&out, &err) != NN_OK)
    nn_cli_fail(&err);

  free(grad);
  free(typed);
  free(op.dir_name[0]);
  free(op.dir_name[1]);
  gsl_rng_free(rng);
  nn_objective_free(&o);
  nn_dataset_free(ds);
  nn_model_free(m);
  return NN_EXIT_OK;
}
