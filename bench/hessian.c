/* hessian.c -- how fast lib/hessian.c forms Hessians and finds their
 * eigenvalues (issue 8).
 *
 * Usage: hessian [--runs N] [--rows N] [--seed N] [--top K]
 *                [--part full|hessian|lanczos|all] [--write DIR]
 *
 * Cases, on seeded data of --rows rows (default 1000):
 *
 *   mlp-1k  10-32-20-1, tanh, mse, bias: 1,033 parameters;
 *   mlp-2k  10-48-30-1, tanh, mse, bias: 2,029 parameters;
 *           inputs N(0, 1), target y = sin(x1) + x2 x3 / 2 + 0.1 N(0, 1),
 *           weights xavier (nn_model_init), biases 0;
 *           timed: the full Hessian (nn_hessian_full: P Hessian-vector
 *           products in blocks), then its eigenvalues by gsl_eigen_symm
 *           and, separately, eigenvalues and vectors by gsl_eigen_symmv;
 *   mlp-100k 784-128-10, relu, xent, bias: 101,770 parameters; inputs
 *           uniform [0, 1), classes i mod 10, weights he, biases 0;
 *           timed: nn_hessian_lanczos --top K (default 5) to 1e-10.
 *
 * Best of --runs runs (default 3) for each timing.  Also printed: the
 * asymmetry of the formed Hessian before symmetrisation, its extreme
 * eigenvalues, and Lanczos' products, restarts and final residual.
 *
 * --write DIR writes each case's data (DIR/NAME.tsv) and model
 * (DIR/NAME.model, nn-model(5)) so another program (the PyTorch side) can
 * load the same problem.
 *
 * Output: a TSV table: case, parameters, rows, what, seconds, value.
 * OpenBLAS threads as the environment says (OPENBLAS_NUM_THREADS=1 for one
 * core).
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort_vector.h>

#include "dataset.h"
#include "hessian.h"
#include "model.h"
#include "modelfile.h"
#include "objective.h"
#include "table.h"
#include "bench.h"

static const char *prog = "hessian";

/* CPU seconds of the process: on a machine shared with other work they
 * vary less than wall seconds. */
static double cpu(void)
{
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

/* Best wall and CPU seconds of the runs so far. */
typedef struct timing {
  double wall, cpu;   /* best of each */
  double w0, c0;      /* the current run's start */
} timing;

static void t_init(timing *t)
{
  t->wall = t->cpu = INFINITY;
}

static void t_start(timing *t)
{
  t->w0 = bench_now();
  t->c0 = cpu();
}

static void t_stop(timing *t)
{
  t->wall = fmin(t->wall, bench_now() - t->w0);
  t->cpu = fmin(t->cpu, cpu() - t->c0);
}

static void *xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if (p == NULL) {
    fprintf(stderr, "%s: out of memory\n", prog);
    exit(1);
  }
  return p;
}

static char *xstrdup(const char *s)
{
  return strcpy(xmalloc(strlen(s) + 1), s);
}

static void row(const char *name, size_t p, size_t n, const char *what,
                const timing *t, double value)
{
  if (t)
    printf("%s\t%zu\t%zu\t%s\t%.4f\t%.4f\t%.10g\n", name, p, n, what,
           t->wall, t->cpu, value);
  else
    printf("%s\t%zu\t%zu\t%s\t\t\t%.10g\n", name, p, n, what, value);
  fflush(stdout);
}

/* A data set of N rows held in memory: regression (D inputs N(0, 1)) or
 * classification (D inputs uniform, NCLASSES classes i mod NCLASSES). */
static nn_dataset *make_data(gsl_rng *r, size_t n, size_t d, size_t nclasses)
{
  nn_dataset *ds = calloc(1, sizeof *ds);
  if (ds == NULL)
    exit(1);
  ds->n = n;
  ds->d = d;
  ds->x = xmalloc(n * d * sizeof *ds->x);
  ds->X = gsl_matrix_view_array(ds->x, n, d);
  ds->names = xmalloc(d * sizeof *ds->names);
  for (size_t j = 0; j < d; j++) {
    char buf[32];
    snprintf(buf, sizeof buf, "x%zu", j + 1);
    ds->names[j] = xstrdup(buf);
  }
  ds->target = xstrdup(nclasses ? "label" : "y");
  ds->file = xstrdup("(generated)");
  if (nclasses) {
    ds->cls = xmalloc(n * sizeof *ds->cls);
    ds->nclasses = nclasses;
    ds->classes = xmalloc(nclasses * sizeof *ds->classes);
    for (size_t k = 0; k < nclasses; k++) {
      char buf[32];
      snprintf(buf, sizeof buf, "%zu", k);
      ds->classes[k] = xstrdup(buf);
    }
    for (size_t i = 0; i < n * d; i++)
      ds->x[i] = gsl_rng_uniform(r);
    for (size_t i = 0; i < n; i++)
      ds->cls[i] = i % nclasses;
  } else {
    ds->y = xmalloc(n * sizeof *ds->y);
    for (size_t i = 0; i < n * d; i++)
      ds->x[i] = gsl_ran_gaussian(r, 1);
    for (size_t i = 0; i < n; i++) {
      const double *x = ds->x + i * d;
      ds->y[i] = sin(x[0]) + 0.5 * x[1] * x[2] + gsl_ran_gaussian(r, 0.1);
    }
  }
  return ds;
}

static nn_model *make_model(gsl_rng *r, const nn_dataset *ds, size_t nl,
                            const size_t *width, nn_act act, nn_loss loss,
                            const char *init)
{
  nn_model *m = nn_model_alloc(nl, width, act, 1, loss);
  if (m == NULL)
    exit(1);
  for (size_t j = 0; j < ds->d; j++)
    m->inputs[j] = xstrdup(ds->names[j]);
  m->target = xstrdup(ds->target);
  if (ds->nclasses) {
    m->nclasses = ds->nclasses;
    m->classes = xmalloc(ds->nclasses * sizeof *m->classes);
    for (size_t k = 0; k < ds->nclasses; k++)
      m->classes[k] = xstrdup(ds->classes[k]);
  }
  nn_err err;
  if (nn_model_init(m, init, r, &err) != NN_OK) {
    fprintf(stderr, "%s: %s\n", prog, err.msg);
    exit(1);
  }
  return m;
}

/* DIR/NAME.tsv and DIR/NAME.model. */
static void write_case(const char *dir, const char *name, const nn_model *m,
                       const nn_dataset *ds)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.model", dir, name);
  FILE *fp = fopen(path, "w");
  if (fp == NULL) {
    perror(path);
    exit(1);
  }
  nn_model_write(m, fp);
  fclose(fp);
  snprintf(path, sizeof path, "%s/%s.tsv", dir, name);
  if ((fp = fopen(path, "w")) == NULL) {
    perror(path);
    exit(1);
  }
  nn_writer w;
  nn_writer_init(&w, fp, '\t');
  for (size_t j = 0; j < ds->d; j++)
    nn_writer_string(&w, ds->names[j]);
  nn_writer_string(&w, ds->target);
  nn_writer_end(&w);
  for (size_t i = 0; i < ds->n; i++) {
    for (size_t j = 0; j < ds->d; j++)
      nn_writer_number(&w, ds->x[i * ds->d + j]);
    if (ds->cls)
      nn_writer_string(&w, ds->classes[ds->cls[i]]);
    else
      nn_writer_number(&w, ds->y[i]);
    nn_writer_end(&w);
  }
  if (fclose(fp) != 0) {
    perror(path);
    exit(1);
  }
}

static void fail(const nn_err *err)
{
  fprintf(stderr, "%s: %s\n", prog, err->msg);
  exit(1);
}

static void bench_full(const char *name, nn_model *m, const nn_dataset *ds,
                       int runs, int eigen)
{
  size_t P = m->nparams;
  nn_objective o;
  nn_err err;
  nn_objective_model(&o, m, ds, &err);
  gsl_matrix *H = gsl_matrix_alloc(P, P), *A = gsl_matrix_alloc(P, P);
  gsl_matrix *Y = gsl_matrix_alloc(P, P);
  gsl_vector *ev = gsl_vector_alloc(P);
  gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(P);
  gsl_eigen_symmv_workspace *wv = gsl_eigen_symmv_alloc(P);
  if (!H || !A || !Y || !ev || !ws || !wv)
    exit(1);
  double asym = 0;
  timing th, ts, tv, sum;
  t_init(&th);
  t_init(&ts);
  t_init(&tv);
  for (int r = 0; r < runs; r++) {
    t_start(&th);
    if (nn_hessian_full(&o, H, &asym, &err) != NN_OK)
      fail(&err);
    t_stop(&th);
  }
  row(name, P, ds->n, "hessian", &th, asym);
  if (!eigen)
    goto done;
  for (int r = 0; r < runs; r++) {
    gsl_matrix_memcpy(A, H);
    t_start(&ts);
    gsl_eigen_symm(A, ev, ws);
    t_stop(&ts);
  }
  gsl_sort_vector(ev);
  row(name, P, ds->n, "eigen_symm", &ts, gsl_vector_get(ev, P - 1));
  row(name, P, ds->n, "lambda_min", NULL, gsl_vector_get(ev, 0));
  for (int r = 0; r < runs; r++) {
    gsl_matrix_memcpy(A, H);
    t_start(&tv);
    gsl_eigen_symmv(A, ev, Y, wv);
    t_stop(&tv);
  }
  row(name, P, ds->n, "eigen_symmv", &tv, gsl_vector_max(ev));
  sum.wall = th.wall + ts.wall;
  sum.cpu = th.cpu + ts.cpu;
  row(name, P, ds->n, "hessian+symm", &sum, NAN);
  sum.wall = th.wall + tv.wall;
  sum.cpu = th.cpu + tv.cpu;
  row(name, P, ds->n, "hessian+symmv", &sum, NAN);
done:
  gsl_eigen_symm_free(ws);
  gsl_eigen_symmv_free(wv);
  gsl_vector_free(ev);
  gsl_matrix_free(H);
  gsl_matrix_free(A);
  gsl_matrix_free(Y);
}

static void bench_lanczos(const char *name, nn_model *m, const nn_dataset *ds,
                          size_t K, int runs, unsigned long seed)
{
  nn_objective o;
  nn_err err;
  nn_objective_model(&o, m, ds, &err);
  size_t P = m->nparams;
  double *eig = xmalloc(K * sizeof *eig);
  gsl_matrix *vecs = gsl_matrix_alloc(P, K);
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  nn_lanczos_info info;
  timing t;
  t_init(&t);
  for (int run = 0; run < runs; run++) {
    gsl_rng_set(r, seed);
    t_start(&t);
    if (nn_hessian_lanczos_info(&o, K, 1, 1e-10, 0, r, eig, vecs, &info,
                                &err) != NN_OK)
      fail(&err);
    t_stop(&t);
  }
  char what[64];
  snprintf(what, sizeof what, "lanczos_top_%zu", K);
  row(name, P, ds->n, what, &t, eig[0]);
  for (size_t i = 1; i < K; i++) {
    snprintf(what, sizeof what, "lambda_%zu", i + 1);
    row(name, P, ds->n, what, NULL, eig[i]);
  }
  row(name, P, ds->n, "products", NULL, (double) info.products);
  row(name, P, ds->n, "restarts", NULL, (double) info.restarts);
  row(name, P, ds->n, "residual", NULL, info.residual);

  /* One Hessian-vector product alone, and K at once as one Lanczos step
   * takes them, for scale. */
  gsl_matrix_view v = gsl_matrix_submatrix(vecs, 0, 0, P, 1);
  gsl_matrix *hv = gsl_matrix_alloc(P, K);
  gsl_matrix_view hv1 = gsl_matrix_submatrix(hv, 0, 0, P, 1);
  t_init(&t);
  for (int run = 0; run < runs; run++) {
    t_start(&t);
    if (nn_dataset_hvp(m, ds, &v.matrix, &hv1.matrix, &err) != NN_OK)
      fail(&err);
    t_stop(&t);
  }
  row(name, P, ds->n, "1_product", &t, NAN);
  t_init(&t);
  for (int run = 0; run < runs; run++) {
    t_start(&t);
    if (nn_dataset_hvp(m, ds, vecs, hv, &err) != NN_OK)
      fail(&err);
    t_stop(&t);
  }
  snprintf(what, sizeof what, "%zu_products", K);
  row(name, P, ds->n, what, &t, NAN);
  gsl_matrix_free(hv);
  gsl_matrix_free(vecs);
  gsl_rng_free(r);
  free(eig);
}

static void usage(void)
{
  fprintf(stderr, "Usage: %s [--runs N] [--rows N] [--seed N] [--top K] "
          "[--part full|hessian|lanczos|all] [--write DIR]\n", prog);
  exit(2);
}

static unsigned long count(const char *opt, const char *s)
{
  char *end;
  unsigned long v = s ? strtoul(s, &end, 10) : 0;
  if (s == NULL || *s == '\0' || *end != '\0' || v == 0) {
    fprintf(stderr, "%s: %s needs a whole number > 0\n", prog, opt);
    usage();
  }
  return v;
}

int main(int argc, char **argv)
{
  int runs = 3;
  size_t rows = 1000, K = 5;
  unsigned long seed = 1;
  const char *part = "all", *dir = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--runs") == 0)
      runs = (int) count(a, v), i++;
    else if (strcmp(a, "--rows") == 0)
      rows = count(a, v), i++;
    else if (strcmp(a, "--seed") == 0)
      seed = count(a, v), i++;
    else if (strcmp(a, "--top") == 0)
      K = count(a, v), i++;
    else if (strcmp(a, "--part") == 0 && v)
      part = v, i++;
    else if (strcmp(a, "--write") == 0 && v)
      dir = v, i++;
    else
      usage();
  }
  int full = strcmp(part, "all") == 0 || strcmp(part, "full") == 0 ||
             strcmp(part, "hessian") == 0;
  int eigen = strcmp(part, "hessian") != 0;
  int lanczos = strcmp(part, "all") == 0 || strcmp(part, "lanczos") == 0;
  if (!full && !lanczos)
    usage();

  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  printf("case\tparams\trows\twhat\tseconds\tcpu\tvalue\n");
  if (full) {
    static const size_t w1[4] = {10, 32, 20, 1}, w2[4] = {10, 48, 30, 1};
    static const char *names[2] = {"mlp-1k", "mlp-2k"};
    const size_t *ws[2] = {w1, w2};
    for (int c = 0; c < 2; c++) {
      gsl_rng_set(r, seed + (unsigned long) c);
      nn_dataset *ds = make_data(r, rows, 10, 0);
      nn_model *m = make_model(r, ds, 3, ws[c], NN_ACT_TANH, NN_LOSS_MSE,
                               "xavier");
      if (dir)
        write_case(dir, names[c], m, ds);
      bench_full(names[c], m, ds, runs, eigen);
      nn_model_free(m);
      nn_dataset_free(ds);
    }
  }
  if (lanczos) {
    static const size_t w[3] = {784, 128, 10};
    gsl_rng_set(r, seed + 2);
    nn_dataset *ds = make_data(r, rows, 784, 10);
    nn_model *m = make_model(r, ds, 2, w, NN_ACT_RELU, NN_LOSS_XENT, "he");
    if (dir)
      write_case(dir, "mlp-100k", m, ds);
    bench_lanczos("mlp-100k", m, ds, K, runs, seed);
    nn_model_free(m);
    nn_dataset_free(ds);
  }
  gsl_rng_free(r);
  return 0;
}
