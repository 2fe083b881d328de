/* nn-predict -- apply a model to the rows of a table (nn-predict(1)). */
#include <config.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"

#define BATCH 1024  /* rows per forward pass */

enum { OPT_EVAL = 256, OPT_CONFUSION, OPT_CSV, OPT_TSV, OPT_HELP, OPT_VERSION };

static const struct option long_options[] = {
  {"model", required_argument, NULL, 'm'},
  {"eval", no_argument, NULL, OPT_EVAL},
  {"confusion", no_argument, NULL, OPT_CONFUSION},
  {"output", required_argument, NULL, 'o'},
  {"csv", no_argument, NULL, OPT_CSV},
  {"tsv", no_argument, NULL, OPT_TSV},
  {"help", no_argument, NULL, OPT_HELP},
  {"version", no_argument, NULL, OPT_VERSION},
  {NULL, 0, NULL, 0}
};

static void __attribute__((noreturn)) usage(void)
{
  printf("Usage: %s -m MODEL [OPTION]... [FILE]\n", nn_program_name);
  fputs("\
Apply a model to the rows of a table (standard input without FILE, or when\n\
FILE is -).  The model's inputs are found by column name, in any order.\n\
Each row is written with the column 'prediction' added (a value, or a class\n\
label) and, for a classifier, 'p_CLASS': the probability of each class.\n\
\n\
  -m, --model=MODEL        the model file (nn-model(5)); required\n\
      --eval               print rows, mean loss and accuracy against the\n\
                           model's target column instead of the rows\n\
      --confusion          print the confusion matrix instead of the rows:\n\
                           a row per true class, a column per predicted one\n\
  -o, --output=FILE        write to FILE, replacing it only when done\n\
      --csv, --tsv         force the input separator\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Examples:\n\
  nn-predict -m model.tsv test.tsv | nn-plot --kind scatter -x x1 -y x2 --by prediction\n\
  nn-predict -m model.tsv --eval test.tsv\n\
\n", stdout);
  printf("See %s(1).\n", nn_program_name);
  exit(NN_EXIT_OK);
}

/* What --eval and --confusion count. */
typedef struct {
  size_t rows;        /* rows seen */
  double loss;        /* sum of the rows' losses */
  size_t correct;     /* rows classified right */
  size_t *confusion;  /* confusion[true * K + predicted] */
} tally;

/* The rows buffered so far: predict them, then write or count them. */
static void flush(const nn_model *m, nn_work *w, gsl_matrix *X, size_t n,
                  const nn_rowbuf *rows, const double *y, const size_t *cls,
                  int counting, nn_writer *out, tally *tl)
{
  if (n == 0)
    return;
  size_t K = m->width[m->nlayers];
  gsl_matrix_view Xn = gsl_matrix_submatrix(X, 0, 0, n, X->size2);
  gsl_matrix_view Z = nn_model_forward(m, w, &Xn.matrix);
  double p[K];
  for (size_t i = 0; i < n; i++) {
    double *z = gsl_matrix_ptr(&Z.matrix, i, 0);
    size_t best = nn_argmax(z, K);
    if (counting) {
      tl->rows++;
      tl->loss += nn_loss_row(m->loss, z, K, cls ? cls[i] : 0, y ? y[i] : 0);
      if (cls) {
        tl->correct += best == cls[i];
        tl->confusion[cls[i] * K + best]++;
      }
      continue;
    }
    for (size_t j = 0; j < rows->ncols; j++)
      nn_writer_string(out, nn_rowbuf_field(rows, i, j));
    if (m->nclasses) {
      nn_softmax(z, K, 1, p);
      nn_writer_string(out, m->classes[best]);
      for (size_t k = 0; k < K; k++)
        nn_writer_number(out, p[k]);
    } else {
      nn_writer_number(out, z[0]);
    }
    nn_writer_end(out);
  }
}

int main(int argc, char **argv)
{
  nn_cli_init(argc, argv);
  const char *model_path = NULL, *output = NULL;
  int eval = 0, confusion = 0, delim = 0, c;
  while ((c = getopt_long(argc, argv, "m:o:", long_options, NULL)) != -1) {
    switch (c) {
    case 'm': model_path = optarg; break;
    case OPT_EVAL: eval = 1; break;
    case OPT_CONFUSION: confusion = 1; break;
    case 'o': output = optarg; break;
    case OPT_CSV: delim = ','; break;
    case OPT_TSV: delim = '\t'; break;
    case OPT_HELP: usage();
    case OPT_VERSION: nn_cli_version();
    default: nn_cli_try_help();
    }
  }
  if (model_path == NULL)
    nn_cli_usage_error("no model: give one with -m MODEL");
  if (eval && confusion)
    nn_cli_usage_error("--eval and --confusion print different tables; "
                       "choose one");
  if (argc - optind > 1)
    nn_cli_usage_error("extra operand '%s'", argv[optind + 1]);

  nn_err err;
  nn_model *m = nn_model_read(model_path, &err);
  if (m == NULL)
    nn_cli_fail(&err);
  if (confusion && m->nclasses == 0)
    nn_cli_usage_error("--confusion: the model is not a classifier");
  nn_table *t = nn_table_open(optind < argc ? argv[optind] : "-", delim, &err);
  if (t == NULL)
    nn_cli_fail(&err);
  size_t d = m->width[0], K = m->width[m->nlayers], nc = nn_table_ncols(t);
  size_t ncols = nn_model_ncolumns(m), tcol = nc;
  size_t *in = malloc(ncols * sizeof *in);
  int counting = eval || confusion;
  if (in == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  if (nn_dataset_find_columns(m, t, in, counting ? &tcol : NULL, &err))
    nn_cli_fail(&err);

  nn_outfile out;
  if (nn_outfile_open(&out, output, &err) != NN_OK)
    nn_cli_fail(&err);
  nn_writer w;
  nn_writer_init(&w, out.fp, '\t');
  if (!counting) {
    for (size_t j = 0; j < nc; j++)
      nn_writer_string(&w, nn_table_colname(t, j));
    nn_writer_string(&w, "prediction");
    for (size_t k = 0; k < m->nclasses; k++) {
      size_t len = strlen(m->classes[k]) + 3;
      char name[len];
      snprintf(name, len, "p_%s", m->classes[k]);
      nn_writer_string(&w, name);
    }
    nn_writer_end(&w);
  }

  nn_work *work = nn_work_alloc(m, BATCH);
  gsl_matrix *X = gsl_matrix_alloc(BATCH, d);
  double *y = malloc(BATCH * sizeof *y);
  size_t *cls = malloc(BATCH * sizeof *cls);
  tally tl = {0, 0, 0, calloc(K * K, sizeof *tl.confusion)};
  nn_rowbuf rows;
  nn_rowbuf_init(&rows, nc);
  if (!work || !X || !y || !cls || !tl.confusion)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  size_t n = 0;
  int r;
  while ((r = nn_table_next(t, &err)) > 0) {
    if (nn_dataset_record_inputs(t, in, ncols, m->poly, m->shift, m->scale,
                                 gsl_matrix_ptr(X, n, 0), &err) != NN_OK)
      nn_cli_fail(&err);
    if (counting && m->nclasses) {
      const char *label = nn_table_field(t, tcol);
      for (cls[n] = 0; cls[n] < K && strcmp(m->classes[cls[n]], label); cls[n]++)
        ;
      if (cls[n] == K)
        nn_cli_die(NN_EXIT_FAIL, "%s:%ld: class '%s' is not one of the "
                   "model's classes", nn_table_file(t), nn_table_line(t), label);
    } else if (counting && nn_table_number(t, tcol, &y[n], &err) != NN_OK) {
      nn_cli_fail(&err);
    }
    if (!counting && nn_rowbuf_add(&rows, t) != 0)
      nn_cli_die(NN_EXIT_FAIL, "out of memory");
    if (++n == BATCH) {
      flush(m, work, X, n, &rows, counting && !m->nclasses ? y : NULL,
            counting && m->nclasses ? cls : NULL, counting, &w, &tl);
      nn_rowbuf_clear(&rows);
      n = 0;
    }
  }
  if (r < 0)
    nn_cli_fail(&err);
  flush(m, work, X, n, &rows, counting && !m->nclasses ? y : NULL,
        counting && m->nclasses ? cls : NULL, counting, &w, &tl);
  if (counting && tl.rows == 0)
    nn_cli_die(NN_EXIT_FAIL, "%s: no data rows", nn_table_file(t));
  if (eval) {
    nn_writer_string(&w, "quantity");
    nn_writer_string(&w, "value");
    nn_writer_end(&w);
    nn_writer_quantity(&w, "rows", (double) tl.rows);
    nn_writer_quantity(&w, "loss", tl.loss / (double) tl.rows);
    if (m->nclasses)
      nn_writer_quantity(&w, "accuracy", (double) tl.correct / (double) tl.rows);
  } else if (confusion) {
    nn_writer_string(&w, "true");
    for (size_t k = 0; k < K; k++)
      nn_writer_string(&w, m->classes[k]);
    nn_writer_end(&w);
    for (size_t a = 0; a < K; a++) {
      nn_writer_string(&w, m->classes[a]);
      for (size_t b = 0; b < K; b++)
        nn_writer_number(&w, (double) tl.confusion[a * K + b]);
      nn_writer_end(&w);
    }
  }
  if (nn_outfile_commit(&out, &err) != NN_OK)
    nn_cli_fail(&err);
  nn_rowbuf_free(&rows);
  free(tl.confusion);
  free(in);
  free(y);
  free(cls);
  gsl_matrix_free(X);
  nn_work_free(work);
  nn_table_close(t);
  nn_model_free(m);
  return NN_EXIT_OK;
}
