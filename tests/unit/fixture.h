/* tests/unit/fixture.h -- what the Check suites of the model modules
 * (model, modelfile, dataset, train) and others share: temporary files and
 * directories, tables and data sets built in memory, and exact error
 * messages.
 *
 * Every function is static: each suite is its own program and uses some of
 * them; the unused attribute keeps -Wunused-function quiet about the rest.
 */
#ifndef NN_TESTS_UNIT_FIXTURE_H
#define NN_TESTS_UNIT_FIXTURE_H

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "dataset.h"
#include "error.h"
#include "table.h"
#include "unit.h"

#define FIXTURE_FN static __attribute__((unused))

/* The name of the last temporary file written. */
static char fx_path[4096];

/* Write the LEN bytes TEXT to a new temporary file, named in fx_path; the
 * caller unlinks it (fx_unlink). */
FIXTURE_FN const char *fx_write(const char *text, size_t len)
{
  const char *dir = getenv("TMPDIR");
  snprintf(fx_path, sizeof fx_path, "%s/nnkit-unit.XXXXXX",
           dir && *dir ? dir : "/tmp");
  int fd = mkstemp(fx_path);
  ck_assert_msg(fd >= 0, "mkstemp: %s", strerror(errno));
  while (len > 0) {
    ssize_t n = write(fd, text, len);
    if (n < 0 && errno == EINTR)
      continue;
    ck_assert_msg(n > 0, "write: %s", strerror(errno));
    text += n;
    len -= (size_t) n;
  }
  close(fd);
  return fx_path;
}
#define FX_WRITE(text) fx_write(text, strlen(text))

FIXTURE_FN void fx_unlink(void) { unlink(fx_path); }

/* The table TEXT, read from a temporary file (unlinked already, its name
 * still in fx_path), delimiter detected. */
FIXTURE_FN nn_table *fx_open_table(const char *text)
{
  FX_WRITE(text);
  nn_err err;
  nn_table *t = nn_table_open(fx_path, 0, &err);
  fx_unlink();
  ck_assert_msg(t != NULL, "%s", err.msg);
  return t;
}

/* The last temporary directory made (fx_dir_make). */
static char fx_dir[4096];

/* A new empty directory, named in fx_dir. */
FIXTURE_FN void fx_dir_make(void)
{
  const char *tmp = getenv("TMPDIR");
  snprintf(fx_dir, sizeof fx_dir, "%s/nnkit-unit.XXXXXX",
           tmp && *tmp ? tmp : "/tmp");
  ck_assert_ptr_nonnull(mkdtemp(fx_dir));
}

/* The names in fx_dir, sorted, each followed by a space (valid until the
 * next call). */
FIXTURE_FN const char *fx_dir_entries(void)
{
  static char buf[1024];
  struct dirent **list;
  int n = scandir(fx_dir, &list, NULL, alphasort);
  ck_assert_int_ge(n, 0);
  buf[0] = '\0';
  for (int i = 0; i < n; i++) {
    if (list[i]->d_name[0] != '.') {
      strncat(buf, list[i]->d_name, sizeof buf - strlen(buf) - 2);
      strcat(buf, " ");
    }
    free(list[i]);
  }
  free(list);
  return buf;
}

/* fx_dir/NAME (valid until the next call). */
FIXTURE_FN const char *fx_dir_path(const char *name)
{
  static char buf[4200];
  snprintf(buf, sizeof buf, "%s/%s", fx_dir, name);
  return buf;
}

/* The first bytes of fx_dir/NAME (valid until the next call). */
FIXTURE_FN const char *fx_dir_read(const char *name)
{
  static char buf[1024];
  const char *path = fx_dir_path(name);
  FILE *fp = fopen(path, "r");
  ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
  size_t n = fread(buf, 1, sizeof buf - 1, fp);
  buf[n] = '\0';
  fclose(fp);
  return buf;
}

/* Remove fx_dir and everything in it. */
FIXTURE_FN void fx_dir_remove(void)
{
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx_dir);
  ck_assert_int_eq(system(cmd), 0);
}

/* Assert that ERR holds STATUS and exactly the message FMT, ... */
static void fx_expect_err(const nn_err *err, int status, int caller,
                          const char *fmt, ...)
  __attribute__((format(printf, 4, 5), unused));
static void fx_expect_err(const nn_err *err, int status, int caller,
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
  fx_expect_err(err, status, __LINE__, __VA_ARGS__)

/* A data set of N rows of D inputs X (row by row) held in memory, with
 * regression targets Y or class indices CLS (NCLASSES classes, labelled
 * "0", "1", ...); free it with nn_dataset_free. */
FIXTURE_FN nn_dataset *fx_dataset(size_t n, size_t d, const double *x,
                                  const double *y, const size_t *cls,
                                  size_t nclasses)
{
  nn_dataset *ds = calloc(1, sizeof *ds);
  ck_assert_ptr_nonnull(ds);
  ds->n = n;
  ds->d = d;
  ds->x = malloc(n * d * sizeof *ds->x);
  ck_assert_ptr_nonnull(ds->x);
  memcpy(ds->x, x, n * d * sizeof *x);
  ds->X = gsl_matrix_view_array(ds->x, n, d);
  if (y) {
    ds->y = malloc(n * sizeof *ds->y);
    ck_assert_ptr_nonnull(ds->y);
    memcpy(ds->y, y, n * sizeof *y);
  }
  if (cls) {
    ds->cls = malloc(n * sizeof *ds->cls);
    ck_assert_ptr_nonnull(ds->cls);
    memcpy(ds->cls, cls, n * sizeof *cls);
    ds->nclasses = nclasses;
    ds->classes = calloc(nclasses, sizeof *ds->classes);
    ck_assert_ptr_nonnull(ds->classes);
    for (size_t k = 0; k < nclasses; k++) {
      ds->classes[k] = malloc(24);
      ck_assert_ptr_nonnull(ds->classes[k]);
      snprintf(ds->classes[k], 24, "%zu", k);
    }
  }
  ds->names = calloc(d, sizeof *ds->names);
  ck_assert_ptr_nonnull(ds->names);
  for (size_t j = 0; j < d; j++) {
    ds->names[j] = malloc(24);
    ck_assert_ptr_nonnull(ds->names[j]);
    snprintf(ds->names[j], 24, "x%zu", j + 1);
  }
  ds->target = malloc(2);
  ck_assert_ptr_nonnull(ds->target);
  strcpy(ds->target, "y");
  ds->file = malloc(8);
  ck_assert_ptr_nonnull(ds->file);
  strcpy(ds->file, "memory");
  return ds;
}

/* A random problem for M from R: N rows of inputs of size 0.2 to 2 with
 * either sign (away from 0, where relu has its kink), targets (values
 * N(0, 1) into Y, classes of K with every class present into CLS), and
 * M's parameters (weights N(0, 1/fan_in), biases N(0, 0.5^2)). */
FIXTURE_FN void fx_random_problem(nn_model *m, gsl_rng *r, size_t n,
                                  size_t K, double *x, double *y,
                                  size_t *cls)
{
  for (size_t i = 0; i < n * m->width[0]; i++) {
    double u = gsl_rng_uniform(r);
    x[i] = (0.2 + 1.8 * u) * (gsl_rng_uniform(r) < 0.5 ? -1 : 1);
  }
  for (size_t i = 0; i < n; i++) {
    y[i] = gsl_ran_gaussian(r, 1);
    cls[i] = i < K ? i : gsl_rng_uniform_int(r, K);  /* every class */
  }
  for (size_t l = 1; l <= m->nlayers; l++) {
    double *W = m->theta + nn_model_weight_offset(m, l);
    for (size_t k = 0; k < m->width[l] * m->width[l - 1]; k++)
      W[k] = gsl_ran_gaussian(r, 1 / sqrt((double) m->width[l - 1]));
    if (m->bias) {
      double *b = m->theta + nn_model_bias_offset(m, l);
      for (size_t k = 0; k < m->width[l]; k++)
        b[k] = gsl_ran_gaussian(r, 0.5);
    }
  }
}

#endif
