/* dataset.c -- a table read whole into memory as inputs and targets.
 *
 * Polynomial features (nn-train --poly D): each input column x becomes the
 * D inputs x, x^2, ..., x^D, computed by repeated multiplication (each
 * power one correctly rounded product of the previous one and x, the same
 * bits on every machine), then standardised like any input. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "number.h"
#include "table.h"

#define MAX_CLASSES 1000  /* more distinct labels than this: not classes */

/* Labels met while reading, before they are sorted. */
typedef struct {
  char **label;   /* distinct labels, in order of first appearance */
  size_t n, cap;
} labels;

static char *xstrdup(const char *s)
{
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  return d ? memcpy(d, s, n) : NULL;
}

/* Index of LABEL among the known ones, adding it if new; -1 if too many or
 * out of memory. */
static long label_index(labels *L, const char *label)
{
  for (size_t k = 0; k < L->n; k++)
    if (strcmp(L->label[k], label) == 0)
      return (long) k;
  if (L->n == MAX_CLASSES)
    return -1;
  if (L->n == L->cap) {
    size_t cap = L->cap ? 2 * L->cap : 16;
    char **v = realloc(L->label, cap * sizeof *v);
    if (v == NULL)
      return -1;
    L->label = v;
    L->cap = cap;
  }
  if ((L->label[L->n] = xstrdup(label)) == NULL)
    return -1;
  return (long) L->n++;
}

void nn_dataset_free(nn_dataset *ds)
{
  if (ds == NULL)
    return;
  if (ds->names)
    for (size_t j = 0; j < nn_dataset_ncolumns(ds); j++)
      free(ds->names[j]);
  if (ds->classes)
    for (size_t k = 0; k < ds->nclasses; k++)
      free(ds->classes[k]);
  free(ds->names);
  free(ds->classes);
  free(ds->target);
  free(ds->file);
  free(ds->x);
  free(ds->y);
  free(ds->cls);
  free(ds);
}

size_t nn_dataset_ncolumns(const nn_dataset *ds)
{
  return ds->d / (ds->poly > 1 ? ds->poly : 1);
}

int nn_dataset_record_inputs(const nn_table *t, const size_t *in,
                             size_t ncols, size_t poly, const double *shift,
                             const double *scale, double *x, nn_err *err)
{
  size_t D = poly > 1 ? poly : 1;
  for (size_t j = 0; j < ncols; j++) {
    double *p = x + j * D;
    if (nn_table_number(t, in[j], &p[0], err) != NN_OK)
      return NN_EDATA;
    for (size_t k = 1; k < D; k++)
      p[k] = p[k - 1] * p[0];
    /* Past 1 in size the powers grow: x^D is the first to overflow. */
    if (!isfinite(p[D - 1]))
      return nn_err_at(err, NN_EDATA, nn_table_file(t), nn_table_line(t),
                       "column '%s': '%s' to the power %zu is not finite",
                       nn_table_colname(t, in[j]), nn_table_field(t, in[j]),
                       D);
  }
  if (shift != NULL)
    for (size_t k = 0; k < ncols * D; k++)
      x[k] = (x[k] - shift[k]) / scale[k];
  return NN_OK;
}

int nn_dataset_find_columns(const nn_model *m, const nn_table *t, size_t *in,
                            size_t *tcol, nn_err *err)
{
  size_t nc = nn_table_ncols(t);
  for (size_t j = 0; j < nn_model_ncolumns(m); j++) {
    size_t c = 0;
    while (c < nc && strcmp(nn_table_colname(t, c), m->inputs[j]) != 0)
      c++;
    if (c == nc)
      return nn_err_at(err, NN_EDATA, nn_table_file(t), 0,
                       "no column named '%s', an input of the model",
                       m->inputs[j]);
    in[j] = c;
  }
  if (tcol != NULL) {
    size_t c = 0;
    while (c < nc && strcmp(nn_table_colname(t, c), m->target) != 0)
      c++;
    if (c == nc)
      return nn_err_at(err, NN_EDATA, nn_table_file(t), 0,
                       "no column named '%s', the model's target", m->target);
    *tcol = c;
  }
  return NN_OK;
}

/* Grow the row arrays of DS to hold CAP rows. */
static int grow(nn_dataset *ds, size_t cap, int has_y, int has_cls)
{
  double *x = realloc(ds->x, cap * (ds->d ? ds->d : 1) * sizeof *x);
  if (x == NULL)
    return -1;
  ds->x = x;
  if (has_y) {
    double *y = realloc(ds->y, cap * sizeof *y);
    if (y == NULL)
      return -1;
    ds->y = y;
  }
  if (has_cls) {
    size_t *c = realloc(ds->cls, cap * sizeof *c);
    if (c == NULL)
      return -1;
    ds->cls = c;
  }
  return 0;
}

/* Read every record of T: inputs from columns IN (ds->d / ds->poly of
 * them), expanded into ds->poly powers each and, for a model KNOWN with a
 * scaling, scaled; the target from column TCOL (or none if TCOL < 0).  A
 * classifier's labels go to KNOWN's indices when KNOWN is given (a model's
 * classes), else to L. */
static int read_rows(nn_table *t, const size_t *in, long tcol, int classify,
                     const nn_model *known, labels *L, nn_dataset *ds,
                     nn_err *err)
{
  size_t cap = 0, d = ds->d;
  int has_y = tcol >= 0 && !classify, has_cls = tcol >= 0 && classify;
  int r;
  while ((r = nn_table_next(t, err)) > 0) {
    if (ds->n == cap) {
      cap = cap ? 2 * cap : 1024;
      if (grow(ds, cap, has_y, has_cls) != 0)
        return nn_err_set(err, NN_ENOMEM, "out of memory");
    }
    if (nn_dataset_record_inputs(t, in, nn_dataset_ncolumns(ds), ds->poly,
                                 known ? known->shift : NULL,
                                 known ? known->scale : NULL,
                                 ds->x + ds->n * d, err) != NN_OK)
      return NN_EDATA;
    if (has_y && nn_table_number(t, (size_t) tcol, &ds->y[ds->n], err))
      return NN_EDATA;
    if (has_cls) {
      const char *label = nn_table_field(t, (size_t) tcol);
      long k = -1;
      if (known != NULL) {
        for (size_t c = 0; c < known->nclasses && k < 0; c++)
          if (strcmp(known->classes[c], label) == 0)
            k = (long) c;
        if (k < 0)
          return nn_err_at(err, NN_EDATA, nn_table_file(t), nn_table_line(t),
                           "class '%s' is not one of the model's classes",
                           label);
      } else if ((k = label_index(L, label)) < 0) {
        return nn_err_at(err, NN_EDATA, nn_table_file(t), nn_table_line(t),
                         "target '%s' has more than %d distinct values: "
                         "numbers to regress on (--loss mse)?",
                         nn_table_colname(t, (size_t) tcol), MAX_CLASSES);
      }
      ds->cls[ds->n] = (size_t) k;
    }
    ds->n++;
  }
  if (r < 0)
    return NN_EDATA;
  if (ds->n == 0)
    return nn_err_at(err, NN_EDATA, nn_table_file(t), 0, "no data rows");
  ds->X = gsl_matrix_view_array(ds->x, ds->n, d);
  return NN_OK;
}

/* Sort order of labels: numeric when every label is a number. */
static int labels_numeric;
static int compare_labels(const void *a, const void *b)
{
  const char *s = *(char *const *) a, *t = *(char *const *) b;
  if (labels_numeric) {
    double x, y;
    nn_number_parse(s, strlen(s), &x);
    nn_number_parse(t, strlen(t), &y);
    if (x != y)
      return x < y ? -1 : 1;
  }
  return strcmp(s, t);
}

/* Move L's labels into DS, sorted, and renumber the rows' classes. */
static int sort_classes(labels *L, nn_dataset *ds)
{
  double x;
  labels_numeric = 1;
  for (size_t k = 0; k < L->n && labels_numeric; k++)
    labels_numeric = nn_number_parse(L->label[k], strlen(L->label[k]), &x) == 0;
  char **sorted = malloc((L->n ? L->n : 1) * sizeof *sorted);
  size_t *newidx = malloc((L->n ? L->n : 1) * sizeof *newidx);
  if (sorted == NULL || newidx == NULL) {
    free(sorted);
    free(newidx);
    return -1;
  }
  memcpy(sorted, L->label, L->n * sizeof *sorted);
  qsort(sorted, L->n, sizeof *sorted, compare_labels);
  for (size_t k = 0; k < L->n; k++)
    for (size_t s = 0; s < L->n; s++)
      if (sorted[s] == L->label[k])
        newidx[k] = s;
  for (size_t i = 0; i < ds->n; i++)
    ds->cls[i] = newidx[ds->cls[i]];
  free(newidx);
  free(L->label);
  L->label = NULL;
  ds->classes = sorted;
  ds->nclasses = L->n;
  L->n = 0;
  return 0;
}

/* Copy the names of columns IN (nn_dataset_ncolumns of them) into DS. */
static int copy_names(nn_dataset *ds, const nn_table *t, const size_t *in,
                      long tcol)
{
  size_t ncols = nn_dataset_ncolumns(ds);
  ds->names = calloc(ncols ? ncols : 1, sizeof *ds->names);
  if (ds->names == NULL)
    return -1;
  for (size_t j = 0; j < ncols; j++)
    if ((ds->names[j] = xstrdup(nn_table_colname(t, in[j]))) == NULL)
      return -1;
  if (tcol >= 0 &&
      (ds->target = xstrdup(nn_table_colname(t, (size_t) tcol))) == NULL)
    return -1;
  return (ds->file = xstrdup(nn_table_file(t))) ? 0 : -1;
}

int nn_dataset_read(const char *path, const nn_dataset_spec *spec,
                    nn_dataset **out, nn_err *err)
{
  nn_table *t = nn_table_open(path, spec->delim, err);
  if (t == NULL)
    return err ? err->status : NN_EDATA;
  nn_dataset *ds = calloc(1, sizeof *ds);
  size_t *in = NULL, nc = nn_table_ncols(t), tc = nc - 1, ncols = 0;
  size_t poly = spec->poly > 1 ? spec->poly : 1;
  labels L = {0};
  int status = NN_OK;
  if (ds == NULL) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  if (spec->target && (status = nn_table_column(t, spec->target, &tc, err)))
    goto done;
  if (spec->features) {
    if ((status = nn_table_columns(t, spec->features, &in, &ncols, err)))
      goto done;
    for (size_t j = 0; j < ncols; j++)
      if (in[j] == tc) {
        status = nn_err_set(err, NN_EINVAL,
                            "column '%s' is both the target and a feature",
                            nn_table_colname(t, tc));
        goto done;
      }
  } else {
    in = malloc(nc * sizeof *in);
    if (in == NULL) {
      status = nn_err_set(err, NN_ENOMEM, "out of memory");
      goto done;
    }
    for (size_t j = 0; j < nc; j++)
      if (j != tc)
        in[ncols++] = j;
  }
  if (ncols == 0) {
    status = nn_err_at(err, NN_EDATA, nn_table_file(t), 0,
                       "no input columns: the table has only the target");
    goto done;
  }
  ds->poly = poly;
  ds->d = ncols * poly;
  if (copy_names(ds, t, in, (long) tc) != 0) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  if ((status = read_rows(t, in, (long) tc, spec->classify, NULL, &L, ds, err)))
    goto done;
  if (spec->classify && sort_classes(&L, ds) != 0)
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
done:
  for (size_t k = 0; k < L.n; k++)
    free(L.label[k]);
  free(L.label);
  free(in);
  nn_table_close(t);
  if (status != NN_OK) {
    nn_dataset_free(ds);
    return status;
  }
  *out = ds;
  return NN_OK;
}

int nn_dataset_read_for(const nn_model *m, const char *path, int delim,
                        int need_target, nn_dataset **out, nn_err *err)
{
  nn_table *t = nn_table_open(path, delim, err);
  if (t == NULL)
    return err ? err->status : NN_EDATA;
  size_t ncols = nn_model_ncolumns(m), tc = 0;
  size_t *in = malloc((ncols ? ncols : 1) * sizeof *in);
  nn_dataset *ds = calloc(1, sizeof *ds);
  int status = NN_OK;
  long tcol = -1;
  if (in == NULL || ds == NULL) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  ds->d = m->width[0];
  ds->poly = m->poly > 1 ? m->poly : 1;
  if ((status = nn_dataset_find_columns(m, t, in, need_target ? &tc : NULL,
                                        err)))
    goto done;
  if (need_target)
    tcol = (long) tc;
  if (copy_names(ds, t, in, tcol) != 0) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  status = read_rows(t, in, tcol, m->nclasses > 0, m, NULL, ds, err);
done:
  free(in);
  nn_table_close(t);
  if (status != NN_OK) {
    nn_dataset_free(ds);
    return status;
  }
  *out = ds;
  return NN_OK;
}

/* Column J's moments when its squares (or differences) overflow, as with
 * x^D of large x: Welford's update on x / 2^e, with 2^e about the largest
 * |x|, then multiplied back (a power of two: the same roundings as on x
 * itself, but no overflow). */
static void scaled_moments(const nn_dataset *ds, size_t j, double *shift,
                           double *scale)
{
  double big = 0, mean = 0, ss = 0;
  for (size_t i = 0; i < ds->n; i++)
    big = fmax(big, fabs(ds->x[i * ds->d + j]));
  int e;
  frexp(big, &e);
  for (size_t i = 0; i < ds->n; i++) {
    double x = ldexp(ds->x[i * ds->d + j], -e);
    double delta = x - mean;
    mean += delta / (double) (i + 1);
    ss += delta * (x - mean);
  }
  double sd = sqrt(ss / (double) ds->n);
  *shift = ldexp(mean, e);
  *scale = sd > 0 ? ldexp(sd, e) : 1;
}

void nn_dataset_moments(const nn_dataset *ds, double *shift, double *scale)
{
  /* Welford's running mean (in SHIFT) and sum of squares (in SCALE) of each
   * column, updated row by row: the same operations as column by column,
   * but reading the rows in memory order. */
  for (size_t j = 0; j < ds->d; j++)
    shift[j] = scale[j] = 0;
  for (size_t i = 0; i < ds->n; i++) {
    const double *x = ds->x + i * ds->d;
    for (size_t j = 0; j < ds->d; j++) {
      double delta = x[j] - shift[j];
      shift[j] += delta / (double) (i + 1);
      scale[j] += delta * (x[j] - shift[j]);
    }
  }
  for (size_t j = 0; j < ds->d; j++) {
    double sd = sqrt(scale[j] / (double) ds->n);
    scale[j] = sd > 0 ? sd : 1;
    if (!isfinite(shift[j]) || !isfinite(scale[j]))
      scaled_moments(ds, j, &shift[j], &scale[j]);
  }
}

void nn_dataset_scale(nn_dataset *ds, const double *shift, const double *scale)
{
  for (size_t i = 0; i < ds->n; i++)
    for (size_t j = 0; j < ds->d; j++)
      ds->x[i * ds->d + j] = (ds->x[i * ds->d + j] - shift[j]) / scale[j];
}

void nn_dataset_gather(const nn_dataset *ds, const size_t *idx, size_t n,
                       gsl_matrix *X, double *y, size_t *cls)
{
  for (size_t i = 0; i < n; i++) {
    memcpy(X->data + i * X->tda, ds->x + idx[i] * ds->d,
           ds->d * sizeof *ds->x);
    if (ds->y && y)
      y[i] = ds->y[idx[i]];
    if (ds->cls && cls)
      cls[i] = ds->cls[idx[i]];
  }
}
