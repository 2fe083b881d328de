/* nn-softmax -- softmax, log-softmax and cross-entropy over the logit
 * columns of each row of a table (NOTES.md §5; nn-softmax(1)). */
#include <config.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"

enum { OPT_MSE = 256, OPT_CSV, OPT_TSV, OPT_HELP, OPT_VERSION };

static const struct option long_options[] = {
  {"logits", required_argument, NULL, 'x'},
  {"target", required_argument, NULL, 'y'},
  {"log", no_argument, NULL, 'l'},
  {"temperature", required_argument, NULL, 'T'},
  {"argmax", no_argument, NULL, 'a'},
  {"mse", no_argument, NULL, OPT_MSE},
  {"summary", no_argument, NULL, 's'},
  {"output", required_argument, NULL, 'o'},
  {"csv", no_argument, NULL, OPT_CSV},
  {"tsv", no_argument, NULL, OPT_TSV},
  {"help", no_argument, NULL, OPT_HELP},
  {"version", no_argument, NULL, OPT_VERSION},
  {NULL, 0, NULL, 0}
};

static void __attribute__((noreturn)) usage(void)
{
  printf("Usage: %s [OPTION]... [FILE]...\n", nn_program_name);
  fputs("\
Apply softmax to the logit columns of each row of a table, and measure the\n\
cross-entropy and squared error of the probabilities against a target.\n\
With no FILE, or when FILE is -, read standard input.\n\
\n\
  -x, --logits=COLS        logit columns, by name or 1-based index, comma-\n\
                           separated (default: every column whose first\n\
                           value is a number, except the target)\n\
  -y, --target=COL         column holding each row's true class: the name\n\
                           of one logit column; adds the column 'xent'\n\
      --mse                with --target, add 'mse': sum of squared\n\
                           differences between probabilities and one-hot\n\
  -a, --argmax             add 'argmax': the name of the largest logit\n\
  -l, --log                write log-probabilities instead of probabilities\n\
  -T, --temperature=T      divide the logits by T > 0 first (default 1)\n\
  -s, --summary            print only rows, mean xent (and mse) and accuracy\n\
  -o, --output=FILE        write to FILE, replacing it only when done\n\
                           (default: standard output)\n\
      --csv, --tsv         force the input separator (default: tab if the\n\
                           header has one, else comma)\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
The logit columns are replaced by the probabilities, under the same names;\n\
other columns pass through.  Output is TSV.\n\
\n\
Examples:\n\
  printf 'y1\\ty2\\ty3\\n3\\t1\\t-3\\n' | nn-softmax\n\
  nn-softmax --target label --mse --summary scores.tsv\n\
\n", stdout);
  printf("See %s(1) for the formulas.\n", nn_program_name);
  exit(NN_EXIT_OK);
}

/* What to compute and where to put it. */
typedef struct {
  int log;             /* write log-probabilities */
  double T;            /* temperature */
  int argmax, mse;     /* add those columns */
  int summary;         /* summary only */
  int has_target;      /* --target given */
  size_t target;       /* target column */
  size_t *logit;       /* logit columns */
  size_t k;            /* number of logit columns */
  int *is_logit;       /* is_logit[j]: position among logits + 1, or 0 */
} job;

/* Totals for --summary. */
typedef struct {
  double n, xent, mse, correct;
} totals;


static void *xcalloc(size_t n, size_t size)
{
  void *p = calloc(n ? n : 1, size);
  if (p == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  return p;
}

/* Default logits: every column but the target whose value in the first
 * data row is a number. */
static void default_logits(nn_table *t, job *jb)
{
  size_t nc = nn_table_ncols(t);
  jb->logit = xcalloc(nc, sizeof *jb->logit);
  jb->k = 0;
  for (size_t j = 0; j < nc; j++) {
    double x;
    if (jb->has_target && j == jb->target)
      continue;
    if (nn_number_parse(nn_table_field(t, j), nn_table_field_len(t, j), &x)
        == NN_NUMBER_OK)
      jb->logit[jb->k++] = j;
  }
  if (jb->k == 0)
    nn_cli_die(NN_EXIT_FAIL, "%s:%ld: no numeric columns to use as logits",
               nn_table_file(t), nn_table_line(t));
}

static void write_header(nn_writer *w, const nn_table *t, const job *jb)
{
  if (jb->summary) {
    nn_writer_string(w, "quantity");
    nn_writer_string(w, "value");
  } else {
    for (size_t j = 0; j < nn_table_ncols(t); j++)
      nn_writer_string(w, nn_table_colname(t, j));
    if (jb->argmax)
      nn_writer_string(w, "argmax");
    if (jb->has_target)
      nn_writer_string(w, "xent");
    if (jb->mse)
      nn_writer_string(w, "mse");
  }
  nn_writer_end(w);
}

/* The current row of T: compute, write (unless summarising), and count. */
static void do_row(nn_table *t, const job *jb, nn_writer *w, totals *tot,
                   double *z, double *p, double *lp)
{
  nn_err err;
  for (size_t i = 0; i < jb->k; i++)
    if (nn_table_number(t, jb->logit[i], &z[i], &err) != NN_OK)
      nn_cli_fail(&err);
  size_t cls = 0;
  if (jb->has_target) {
    const char *name = nn_table_field(t, jb->target);
    while (cls < jb->k && strcmp(nn_table_colname(t, jb->logit[cls]), name))
      cls++;
    if (cls == jb->k)
      nn_cli_die(NN_EXIT_FAIL, "%s:%ld: target '%s' names no logit column",
                 nn_table_file(t), nn_table_line(t), name);
  }
  nn_softmax(z, jb->k, jb->T, p);
  if (jb->log)
    nn_log_softmax(z, jb->k, jb->T, lp);
  size_t best = nn_argmax(z, jb->k);
  double xent = jb->has_target ? nn_xent(z, jb->k, cls, jb->T) : 0;
  double mse = jb->mse ? nn_softmax_mse(p, jb->k, cls) : 0;
  tot->n++;
  tot->xent += xent;
  tot->mse += mse;
  tot->correct += best == cls;
  if (jb->summary)
    return;
  for (size_t j = 0; j < nn_table_ncols(t); j++) {
    int i = jb->is_logit[j] - 1;
    if (i < 0)
      nn_writer_string(w, nn_table_field(t, j));
    else
      nn_writer_number(w, jb->log ? lp[i] : p[i]);
  }
  if (jb->argmax)
    nn_writer_string(w, nn_table_colname(t, jb->logit[best]));
  if (jb->has_target)
    nn_writer_number(w, xent);
  if (jb->mse)
    nn_writer_number(w, mse);
  nn_writer_end(w);
}

static void write_summary(nn_writer *w, const job *jb, const totals *tot)
{
  static const char *names[] = {"rows", "xent", "mse", "accuracy"};
  double values[] = {tot->n, tot->xent / tot->n, tot->mse / tot->n,
                     tot->correct / tot->n};
  for (int q = 0; q < 4; q++) {
    if (q == 2 && !jb->mse)
      continue;
    nn_writer_string(w, names[q]);
    nn_writer_number(w, values[q]);
    nn_writer_end(w);
  }
}

int main(int argc, char **argv)
{
  nn_cli_init(argc, argv);
  job jb = {.T = 1};
  const char *logits = NULL, *target = NULL, *output = NULL;
  int delim = 0, c;
  while ((c = getopt_long(argc, argv, "x:y:laT:so:", long_options, NULL))
         != -1) {
    switch (c) {
    case 'x': logits = optarg; break;
    case 'y': target = optarg; break;
    case 'l': jb.log = 1; break;
    case 'a': jb.argmax = 1; break;
    case 'T': jb.T = nn_cli_positive("--temperature", optarg); break;
    case OPT_MSE: jb.mse = 1; break;
    case 's': jb.summary = 1; break;
    case 'o': output = optarg; break;
    case OPT_CSV: delim = ','; break;
    case OPT_TSV: delim = '\t'; break;
    case OPT_HELP: usage();
    case OPT_VERSION: nn_cli_version();
    default: nn_cli_try_help();
    }
  }
  if (jb.mse && target == NULL)
    nn_cli_usage_error("--mse needs --target");
  if (jb.summary && target == NULL)
    nn_cli_usage_error("--summary needs --target");
  if (jb.summary && jb.argmax)
    nn_cli_usage_error("--argmax adds a column; --summary prints none");

  char *stdin_only[] = {"-"};
  char **files = optind < argc ? argv + optind : stdin_only;
  size_t nfiles = optind < argc ? (size_t) (argc - optind) : 1;

  nn_err err;
  nn_table *first = nn_table_open(files[0], delim, &err);
  if (first == NULL)
    nn_cli_fail(&err);
  jb.has_target = target != NULL;
  if (target && nn_table_column(first, target, &jb.target, &err) != NN_OK)
    nn_cli_fail(&err);
  if (logits && nn_table_columns(first, logits, &jb.logit, &jb.k, &err))
    nn_cli_fail(&err);
  int have_row = nn_table_next(first, &err);
  if (have_row < 0)
    nn_cli_fail(&err);
  if (have_row == 0)
    nn_cli_die(NN_EXIT_FAIL, "%s: no data rows", nn_table_file(first));
  if (logits == NULL)
    default_logits(first, &jb);

  size_t nc = nn_table_ncols(first);
  jb.is_logit = xcalloc(nc, sizeof *jb.is_logit);
  for (size_t i = 0; i < jb.k; i++) {
    size_t j = jb.logit[i];
    if (jb.is_logit[j])
      nn_cli_usage_error("--logits: column '%s' given twice",
                         nn_table_colname(first, j));
    if (jb.has_target && j == jb.target)
      nn_cli_usage_error("--target: column '%s' is also a logit column",
                         nn_table_colname(first, j));
    jb.is_logit[j] = (int) i + 1;
  }

  double *z = xcalloc(3 * jb.k, sizeof *z);
  nn_outfile out;
  if (nn_outfile_open(&out, output, &err) != NN_OK)
    nn_cli_fail(&err);
  nn_writer w;
  nn_writer_init(&w, out.fp, '\t');
  write_header(&w, first, &jb);
  totals tot = {0};
  nn_table *t = first;
  for (size_t f = 0; f < nfiles; f++) {
    if (f > 0) {
      if ((t = nn_table_open(files[f], delim, &err)) == NULL ||
          nn_table_same_columns(first, t, &err) != NN_OK)
        nn_cli_fail(&err);
      have_row = nn_table_next(t, &err);
    }
    for (; have_row > 0; have_row = nn_table_next(t, &err))
      do_row(t, &jb, &w, &tot, z, z + jb.k, z + 2 * jb.k);
    if (have_row < 0)
      nn_cli_fail(&err);
    if (t != first)
      nn_table_close(t);
  }
  if (jb.summary)
    write_summary(&w, &jb, &tot);
  if (nn_outfile_commit(&out, &err) != NN_OK)
    nn_cli_fail(&err);
  nn_table_close(first);
  free(z);
  free(jb.logit);
  free(jb.is_logit);
  return NN_EXIT_OK;
}
