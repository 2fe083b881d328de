/* nn-hessian -- the exact Hessian of a model's mean loss on a table, or of
 * a built-in function, at a point: its eigenvalues, the critical-point
 * verdict, the escape direction, loss surfaces (nn-hessian(1), NOTES.md
 * §2).  The work is in lib/hessian.c (Hessian-vector products, the full
 * matrix, its check, Lanczos) and lib/critical.c (eigen-decomposition,
 * verdict, escape, grids). */
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

#define ESCAPE_ROWS 10        /* components of the escape direction shown */
#define LANCZOS_TOL 1e-10     /* relative accuracy of --top / --bottom */
#define LANCZOS_MAXIT 10000   /* Hessian-vector products at most, each */
#define CHECK_FLOOR 1e-6      /* --check: entries below this times max|H|
                                 count absolutely */

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

/* The grid's directions. */
typedef enum { DIRS_DEFAULT, DIRS_PARAMS, DIRS_EIG, DIRS_RANDOM } dirs_kind;

/* Everything the options ask for. */
typedef struct {
  const char *model, *function, *at, *output, *grid, *dirs, *input;
  double l2, escape, tol, grad_tol;
  output_kind out;        /* which table */
  const char *out_opt;    /* the option that chose it, for messages */
  dirs_kind dirs_kind;    /* --dirs */
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
    op->dirs_kind = DIRS_EIG;
    return;
  }
  if (strcmp(s, "random") == 0) {
    op->dirs_kind = DIRS_RANDOM;
    return;
  }
  op->dirs_kind = DIRS_PARAMS;
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

/* |g|, scaled so that it neither overflows nor underflows. */
static double norm(const double *g, size_t n)
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

/* The rows escape[NAME] of the K largest components of S U. */
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

/* The summary table. */
static void write_summary(nn_writer *w, double loss, const nn_critical *c,
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

/* The point of a function as "x,y". */
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

/* The options of nn_spectrum_compute for OP, with NEED. */
static nn_spectrum_opts spectrum_opts(const options *op, int need)
{
  nn_spectrum_opts so = {op->top, op->bottom, op->max_params, op->tol,
                         op->grad_tol, LANCZOS_TOL, LANCZOS_MAXIT, need,
                         progress_on ? progress_stage : NULL, NULL};
  return so;
}

/* The spectrum and the verdict, or exit. */
static void analyse(nn_objective *o, const options *op, gsl_rng *rng,
                    int need, double grad_norm, nn_spectrum *sp,
                    nn_critical *c)
{
  nn_err err;
  nn_spectrum_opts so = spectrum_opts(op, need);
  if (nn_spectrum_compute(o, &so, rng, grad_norm, sp, c, &err) != NN_OK)
    nn_cli_fail(&err);
}

/* The full Hessian, or exit. */
static gsl_matrix *full_hessian(nn_objective *o, const options *op,
                                double *asym)
{
  nn_err err;
  if (o->n <= op->max_params)
    progress("the Hessian: %zu x %zu, by Hessian-vector products", o->n,
             o->n);
  gsl_matrix *H = nn_critical_hessian(o, op->max_params, asym, &err);
  if (H == NULL)
    nn_cli_fail(&err);
  return H;
}

/* The eigenvalues found, as (k, eigenvalue) with k their place in the
 * whole spectrum, ascending. */
static void write_spectrum(nn_writer *w, const nn_spectrum *sp)
{
  nn_writer_pair(w, "k", "eigenvalue");
  if (sp->full) {
    for (size_t k = 0; k < sp->n; k++) {
      nn_writer_number(w, (double) (k + 1));
      nn_writer_number(w, sp->eval[k]);
      nn_writer_end(w);
    }
    return;
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
}

/* The eigenvectors found: a row per parameter (index, name), a column v<k>
 * per eigenvector, k as in write_spectrum. */
static void write_vectors(nn_writer *w, const nn_objective *o,
                          const nn_spectrum *sp)
{
  size_t n = sp->n;
  char name[64];
  nn_writer_string(w, "index");
  nn_writer_string(w, "param");
  /* Columns: (matrix, column, k) in ascending k. */
  size_t ncol = sp->full ? n : sp->nb + sp->nt;
  const gsl_matrix **mat = xmalloc(ncol * sizeof *mat);
  size_t *col = xmalloc(ncol * sizeof *col), c = 0;
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
}

static void write_matrix(nn_writer *w, const nn_objective *o,
                         const gsl_matrix *H)
{
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
}

static void run_check(nn_writer *w, nn_objective *o, const options *op)
{
  nn_err err;
  double maxabs = 0, worst, asym;
  gsl_matrix *H = full_hessian(o, op, &asym);
  size_t row, col;
  for (size_t i = 0; i < o->n; i++)
    for (size_t j = 0; j < o->n; j++)
      maxabs = fmax(maxabs, fabs(H->data[i * H->tda + j]));
  progress("central differences of the gradient");
  if (nn_hessian_check(o, H, CHECK_FLOOR * (maxabs > 0 ? maxabs : 1), &worst,
                       &row, &col, &err) != NN_OK)
    nn_cli_fail(&err);
  char rname[64], cname[64];
  nn_objective_param_name(o, row, rname, sizeof rname);
  nn_objective_param_name(o, col, cname, sizeof cname);
  nn_writer_pair(w, "quantity", "value");
  nn_writer_quantity(w, "params", (double) o->n);
  nn_writer_quantity(w, "asymmetry", asym);
  nn_writer_quantity(w, "worst_relative_error", worst);
  nn_writer_pair(w, "worst_row", rname);
  nn_writer_pair(w, "worst_column", cname);
  gsl_matrix_free(H);
}

/* The grid's directions into D1 and D2 (n values each). */
static void grid_dirs(nn_objective *o, const options *op, size_t naxes,
                      gsl_rng *rng, double grad_norm, size_t pk[2],
                      double *d1, double *d2)
{
  nn_err err;
  size_t n = o->n;
  memset(d1, 0, n * sizeof *d1);
  memset(d2, 0, n * sizeof *d2);
  if (op->dirs_kind == DIRS_PARAMS) {
    for (size_t a = 0; a < naxes; a++) {
      if (nn_critical_find_param(o, op->dir_name[a], "--dirs", &pk[a],
                                 &err) != NN_OK)
        nn_cli_fail(&err);
      (a ? d2 : d1)[pk[a]] = 1;
    }
    return;
  }
  if (op->dirs_kind == DIRS_RANDOM) {
    nn_critical_random_dirs(o, rng, d1, naxes == 2 ? d2 : NULL);
    return;
  }
  /* eig: d1 the eigenvector of the smallest eigenvalue, d2 of the largest
   * (checked in main when --dirs eig is given, here for the default) */
  if ((op->top || op->bottom) && (!op->bottom || (naxes == 2 && !op->top)))
    nn_cli_usage_error("--dirs eig with Lanczos needs --bottom%s",
                       naxes == 2 ? " and --top" : "");
  nn_spectrum sp;
  nn_critical c;
  analyse(o, op, rng, NN_SPECTRUM_MIN | (naxes == 2 ? NN_SPECTRUM_MAX : 0),
          grad_norm, &sp, &c);
  nn_spectrum_vector(&sp, 0, d1);
  if (naxes == 2)
    nn_spectrum_vector(&sp, 1, d2);
  nn_spectrum_free(&sp);
}

static void run_grid(nn_writer *w, nn_objective *o, const options *op,
                     gsl_rng *rng, double grad_norm)
{
  nn_err err;
  const nn_grid_axis *ax = op->ax;
  size_t naxes = op->naxes, n = o->n, pk[2] = {0, 0};
  if (naxes == 2 && n < 2)
    nn_cli_die(NN_EXIT_FAIL, "--grid: a 2-D grid needs two parameters; "
               "there is one");
  options o2 = *op;
  if (o2.dirs_kind == DIRS_DEFAULT)
    o2.dirs_kind = n == naxes ? DIRS_PARAMS : DIRS_EIG;
  if (o2.dirs_kind == DIRS_PARAMS && o2.ndir_names == 0) {
    for (size_t a = 0; a < naxes; a++) {
      char name[64];
      nn_objective_param_name(o, a, name, sizeof name);
      o2.dir_name[a] = xmalloc(strlen(name) + 1);
      strcpy(o2.dir_name[a], name);
    }
    o2.ndir_names = naxes;
  }
  double *d1 = xmalloc(n * sizeof *d1), *d2 = xmalloc(n * sizeof *d2);
  grid_dirs(o, &o2, naxes, rng, grad_norm, pk, d1, d2);
  size_t ny = naxes == 2 ? ax[1].n : 1;
  double *loss = xmalloc(ax[0].n * ny * sizeof *loss);
  progress("the loss at %zu points", ax[0].n * ny);
  if (nn_critical_grid(o, ax, naxes, d1, d2, loss, &err) != NN_OK)
    nn_cli_fail(&err);
  int params = o2.dirs_kind == DIRS_PARAMS;
  for (size_t a = 0; a < naxes; a++)
    nn_writer_string(w, params ? o2.dir_name[a] : a ? "y" : "x");
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
  if (o2.dir_name[0] != op->dir_name[0]) {
    free(o2.dir_name[0]);
    if (naxes == 2)
      free(o2.dir_name[1]);
  }
  free(loss);
  free(d1);
  free(d2);
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
    if (op.dirs_kind == DIRS_PARAMS && op.ndir_names != op.naxes)
      nn_cli_usage_error("--dirs: a %zu-D --grid needs %zu parameter name%s",
                         op.naxes, op.naxes, op.naxes == 1 ? "" : "s");
    if (op.dirs_kind == DIRS_EIG && lanczos_on &&
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
  double grad_norm = norm(grad, n);
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
  nn_spectrum sp;
  nn_critical cr;
  double *u = xmalloc(n * sizeof *u);
  switch (op.out) {
  case OUT_SUMMARY: {
    analyse(&o, &op, rng, NN_SPECTRUM_MIN_NEG, grad_norm, &sp, &cr);
    /* The escape direction, when an eigenvalue is known to be negative:
     * below -threshold, which a partial spectrum knows only with both
     * ends. */
    int have = sp.full ? cr.negative > 0
               : !isnan(cr.threshold) && cr.lambda_min < -cr.threshold;
    if (have)
      have = nn_spectrum_vector(&sp, 0, u);
    write_summary(&w, loss, &cr, &o, have ? u : NULL,
                  have ? nn_critical_escape_sign(grad, u, n) : 1);
    nn_spectrum_free(&sp);
    break;
  }
  case OUT_SPECTRUM:
    analyse(&o, &op, rng, 0, grad_norm, &sp, &cr);
    write_spectrum(&w, &sp);
    nn_spectrum_free(&sp);
    break;
  case OUT_VECTORS:
    analyse(&o, &op, rng, NN_SPECTRUM_ALL, grad_norm, &sp, &cr);
    write_vectors(&w, &o, &sp);
    nn_spectrum_free(&sp);
    break;
  case OUT_MATRIX: {
    gsl_matrix *H = full_hessian(&o, &op, NULL);
    write_matrix(&w, &o, H);
    gsl_matrix_free(H);
    break;
  }
  case OUT_CHECK:
    run_check(&w, &o, &op);
    break;
  case OUT_GRID:
    run_grid(&w, &o, &op, rng, grad_norm);
    break;
  case OUT_ESCAPE: {
    analyse(&o, &op, rng, NN_SPECTRUM_MIN_NEG, grad_norm, &sp, &cr);
    double lmin = cr.lambda_min;
    /* A negative eigenvalue: below -threshold when that is known (with
     * --bottom alone it is not: then below 0). */
    if (!(lmin < 0) || (sp.full && cr.negative == 0) ||
        (!isnan(cr.threshold) && lmin >= -cr.threshold)) {
      char num[NN_NUMBER_BUFSIZE];
      nn_number_format(num, lmin);
      nn_cli_die(NN_EXIT_FAIL, "--escape: no negative eigenvalue "
                 "(lambda_min = %s), so no escape direction", num);
    }
    nn_spectrum_vector(&sp, 0, u);
    nn_spectrum_free(&sp);
    double before, after, s;
    if (nn_critical_escape(&o, u, nn_critical_escape_sign(grad, u, n),
                           op.escape, &before, &after, &s, &err) != NN_OK)
      nn_cli_fail(&err);
    nn_writer_pair(&w, "quantity", "value");
    nn_writer_quantity(&w, "lambda_min", lmin);
    nn_writer_quantity(&w, "step", op.escape);
    nn_writer_quantity(&w, "loss_before", before);
    nn_writer_quantity(&w, "loss_after", after);
    if (op.function) {
      char buf[2 * NN_NUMBER_BUFSIZE + 2];
      format_point(buf, sizeof buf, o.theta, n);
      nn_writer_pair(&w, "at", buf);
    }
    escape_rows(&w, &o, u, s);
    if (m) {
      nn_outfile mo;
      if (nn_outfile_open(&mo, op.output, &err) != NN_OK)
        nn_cli_fail(&err);
      nn_cli_provenance(mo.fp, argc, typed);
      nn_model_write(m, mo.fp);
      if (nn_outfile_commit(&mo, &err) != NN_OK)
        nn_cli_fail(&err);
    }
    break;
  }
  }
  if (nn_outfile_commit(&out, &err) != NN_OK)
    nn_cli_fail(&err);

  free(u);
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
