/* dataset.h -- a table read whole into memory as inputs and targets, for
 * training and evaluating models. */
#ifndef NN_DATASET_H
#define NN_DATASET_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>

#include "error.h"
#include "model.h"
#include "table.h"

typedef struct nn_dataset {
  size_t n;            /* rows */
  size_t d;            /* the network's inputs: columns x poly */
  size_t poly;         /* each input column became its powers 1..poly
                          (0 or 1: the column itself) */
  double *x;           /* n x d inputs, row by row */
  gsl_matrix_view X;   /* x as a matrix */
  double *y;           /* regression targets (n), or NULL */
  size_t *cls;         /* class index of each row (n), or NULL */
  char **names;        /* input column names (nn_dataset_ncolumns) */
  char *target;        /* target column name, or NULL when there is none */
  char **classes;      /* classifier: labels, in class-index order */
  size_t nclasses;     /* number of labels */
  char *file;          /* where it was read from, for messages */
} nn_dataset;

/* How to read a table for a model that does not exist yet (nn-train). */
typedef struct nn_dataset_spec {
  const char *target;    /* target column; NULL: the last column */
  const char *features;  /* comma-separated input columns; NULL: the others */
  int classify;          /* target holds class labels, not numbers */
  int delim;             /* 0: detect; ',' or '\t' */
  size_t poly;           /* expand each input column into its powers
                            1..poly; 0 or 1: no expansion */
} nn_dataset_spec;

/* Read PATH ("-": standard input) as SPEC says.  Class labels are sorted:
 * numerically when every label is a number, else byte by byte.  With
 * SPEC->poly > 1 the inputs are the powers of the columns (see
 * nn_dataset_record_inputs), not yet standardised. */
int nn_dataset_read(const char *path, const nn_dataset_spec *spec,
                    nn_dataset **out, nn_err *err);

/* Read PATH for model M: its inputs by name, in any column order, and when
 * NEED_TARGET its target, with class labels mapped to the model's classes.
 * The model's powers and input scaling are applied (as
 * nn_dataset_record_inputs does). */
int nn_dataset_read_for(const nn_model *m, const char *path, int delim,
                        int need_target, nn_dataset **out, nn_err *err);

void nn_dataset_free(nn_dataset *ds);

/* The number of input columns DS was read from: d / poly. */
size_t nn_dataset_ncolumns(const nn_dataset *ds);

/* Find the input columns of model M in the header of T by name, in any
 * order (of two columns with one name, the first), into IN
 * (nn_model_ncolumns(M) indices), and when TCOL is not NULL its target
 * column into *TCOL.  NN_EDATA with "FILE: no column named 'NAME', an
 * input of the model" or "..., the model's target" when one is missing. */
int nn_dataset_find_columns(const nn_model *m, const nn_table *t, size_t *in,
                            size_t *tcol, nn_err *err);

/* The network's inputs from the current record of T: the numbers in the
 * NCOLS columns IN, each expanded into its powers x, x^2, ..., x^POLY
 * (POLY values per column, column by column; POLY 0 or 1: the number
 * itself), then, when SHIFT is not NULL, standardised as
 * (x - shift) / scale, feature by feature: NCOLS x POLY values into X.
 * NN_EDATA, naming file, line and column, for a field that is not a number
 * or whose POLY-th power is not finite. */
int nn_dataset_record_inputs(const nn_table *t, const size_t *in,
                             size_t ncols, size_t poly, const double *shift,
                             const double *scale, double *x, nn_err *err);

/* Mean and standard deviation (population, divisor n) of each input column
 * into SHIFT and SCALE (d values each); a constant column gets scale 1.
 * Both are finite for any finite data, powers near the largest double
 * included. */
void nn_dataset_moments(const nn_dataset *ds, double *shift, double *scale);

/* x = (x - shift) / scale, column by column. */
void nn_dataset_scale(nn_dataset *ds, const double *shift, const double *scale);

/* Gather rows IDX[0..n) into X (n x d, contiguous) and their targets into
 * Y or CLS (whichever the data set has). */
void nn_dataset_gather(const nn_dataset *ds, const size_t *idx, size_t n,
                       gsl_matrix *X, double *y, size_t *cls);

#endif
