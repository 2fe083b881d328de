/* dataset.h -- a table read whole into memory as inputs and targets, for
 * training and evaluating models. */
#ifndef NN_DATASET_H
#define NN_DATASET_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>

#include "error.h"
#include "model.h"

typedef struct nn_dataset {
  size_t n;            /* rows */
  size_t d;            /* input columns */
  double *x;           /* n x d inputs, row by row */
  gsl_matrix_view X;   /* x as a matrix */
  double *y;           /* regression targets (n), or NULL */
  size_t *cls;         /* class index of each row (n), or NULL */
  char **names;        /* input column names (d) */
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
} nn_dataset_spec;

/* Read PATH ("-": standard input) as SPEC says.  Class labels are sorted:
 * numerically when every label is a number, else byte by byte. */
int nn_dataset_read(const char *path, const nn_dataset_spec *spec,
                    nn_dataset **out, nn_err *err);

/* Read PATH for model M: its inputs by name, in any column order, and when
 * NEED_TARGET its target, with class labels mapped to the model's classes.
 * The model's input scaling is applied. */
int nn_dataset_read_for(const nn_model *m, const char *path, int delim,
                        int need_target, nn_dataset **out, nn_err *err);

void nn_dataset_free(nn_dataset *ds);

/* Mean and standard deviation (population, divisor n) of each input column
 * into SHIFT and SCALE (d values each); a constant column gets scale 1. */
void nn_dataset_moments(const nn_dataset *ds, double *shift, double *scale);

/* x = (x - shift) / scale, column by column. */
void nn_dataset_scale(nn_dataset *ds, const double *shift, const double *scale);

/* Gather rows IDX[0..n) into X (n x d, contiguous) and their targets into
 * Y or CLS (whichever the data set has). */
void nn_dataset_gather(const nn_dataset *ds, const size_t *idx, size_t n,
                       gsl_matrix *X, double *y, size_t *cls);

#endif
