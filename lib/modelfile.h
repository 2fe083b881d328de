/* modelfile.h -- the model file, nn-model(5): text, one record per line,
 * tab-separated and quoted like a table (nn-table(5)):
 *
 *   nnkit-model  1                 (format and version)
 *   inputs       x1  x2            (input column names)
 *   target       y                 (target column name)
 *   loss         mse|xent|softmax-mse
 *   classes      a   b   c         (classifiers: labels in output order)
 *   layers       2   16  1         (widths, inputs to outputs)
 *   activation   linear|relu|sigmoid|tanh
 *   bias         yes|no
 *   poly         3                 (optional, > 1 only: each input column
 *                                   enters as x, x^2, x^3; layers counts them)
 *   shift        m1  m2            (optional input standardisation:
 *   scale        s1  s2             x' = (x - shift) / scale)
 *   W1[1,1]      0.25              (every parameter, in the flat order)
 *   ...
 *
 * '#' lines are comments.  Numbers are written to read back exactly.
 */
#ifndef NN_MODELFILE_H
#define NN_MODELFILE_H

#include <stdio.h>

#include "error.h"
#include "model.h"

#define NN_MODEL_VERSION 1

/* Read the model in PATH ("-": standard input).  NULL, with ERR naming the
 * file and line, when it is not a complete, consistent model. */
nn_model *nn_model_read(const char *path, nn_err *err);

/* Write M to FP (comment lines, if any, are the caller's to write first). */
void nn_model_write(const nn_model *m, FILE *fp);

/* NN_OK when M is complete and consistent (names, classes, scaling,
 * shape against the loss, finite parameters); else NN_EDATA and ERR. */
int nn_model_check(const nn_model *m, nn_err *err);

#endif
