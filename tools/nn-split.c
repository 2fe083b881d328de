/* nn-split -- shuffle a table reproducibly and split it: hold-out parts,
 * k-fold cross-validation, stratified or grouped (NOTES.md §1; nn-split(1)).
 * The partitions are computed by lib/split.c, the rows read and the parts
 * written by lib/splitrun.c; this file parses the options, opens the table
 * and calls them. */
#include <config.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"

enum {
  OPT_SEED = 256, OPT_RATIO, OPT_COUNT, OPT_FOLDS, OPT_STRATIFY, OPT_GROUP,
  OPT_NO_SHUFFLE, OPT_PART, OPT_FOLD, OPT_LABEL, OPT_STREAM, OPT_KEY,
  OPT_CSV, OPT_TSV, OPT_HELP, OPT_VERSION
};

static const struct option long_options[] = {
  {"seed", required_argument, NULL, OPT_SEED},
  {"ratio", required_argument, NULL, OPT_RATIO},
  {"count", required_argument, NULL, OPT_COUNT},
  {"folds", required_argument, NULL, OPT_FOLDS},
  {"stratify", required_argument, NULL, OPT_STRATIFY},
  {"group", required_argument, NULL, OPT_GROUP},
  {"no-shuffle", no_argument, NULL, OPT_NO_SHUFFLE},
  {"output", required_argument, NULL, 'o'},
  {"part", required_argument, NULL, OPT_PART},
  {"fold", required_argument, NULL, OPT_FOLD},
  {"label", no_argument, NULL, OPT_LABEL},
  {"stream", no_argument, NULL, OPT_STREAM},
  {"key", required_argument, NULL, OPT_KEY},
  {"csv", no_argument, NULL, OPT_CSV},
  {"tsv", no_argument, NULL, OPT_TSV},
  {"help", no_argument, NULL, OPT_HELP},
  {"version", no_argument, NULL, OPT_VERSION},
  {NULL, 0, NULL, 0}
};

static void __attribute__((noreturn)) usage(void)
{
  printf("Usage: %s [OPTION]... [FILE]\n", nn_program_name);
  fputs("\
Shuffle the rows of a table reproducibly and split them into a training,\n\
a validation and a test part, or into the folds of k-fold cross-\n\
validation.  Rows pass through byte for byte; every part repeats the\n\
header.  With no FILE, or when FILE is -, read standard input.\n\
\n\
Parts:\n\
      --ratio=A,B[,C]      shares of train, valid (and test), summing to 1\n\
                           (default: 0.8,0.2)\n\
      --count=A,B[,C]      rows of train, valid (and test); rows beyond\n\
                           their sum go to no part\n\
      --folds=K            K-fold cross-validation (K >= 2): fold I is the\n\
                           validation part of split I, the other folds its\n\
                           training part\n\
      --stratify=COL       keep the share of each value of COL in every part\n\
                           (within one row)\n\
      --group=COL          keep the rows of each value of COL together\n\
      --seed=N             the shuffle's seed (default 1)\n\
      --no-shuffle         keep the input order: train first, then valid\n\
                           (and test); folds in order\n\
\n\
Output:\n\
  -o, --output=PREFIX      write PREFIX-train.EXT, PREFIX-valid.EXT (and\n\
                           PREFIX-test.EXT), or PREFIX-foldI-train.EXT and\n\
                           PREFIX-foldI-valid.EXT for I = 1..K; EXT is tsv,\n\
                           or csv for a comma-separated input (default\n\
                           PREFIX: FILE's name without .tsv, .csv or .txt,\n\
                           or 'split' for standard input)\n\
      --part=NAME          write only part NAME (train, valid or test) to\n\
                           standard output\n\
      --fold=I             with --folds and --part: split I's part\n\
      --label              write every row to standard output with a column\n\
                           'split' added: its part, or its fold's number\n\
      --stream             one pass in constant memory: each row's part\n\
                           comes from a hash of the seed and the row, so the\n\
                           shares are only approximate\n\
      --key=COL            with --stream: hash COL only, so rows with the\n\
                           same COL go to the same part\n\
      --csv, --tsv         force the input separator (default: tab if the\n\
                           header has one, else comma)\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Examples:\n\
  nn-split --ratio 0.7,0.15,0.15 --stratify label -o iris iris.csv\n\
  nn-split --folds 5 --part valid --fold 2 data.tsv | nn-predict -m m.tsv --eval\n\
\n", stdout);
  printf("See %s(1).\n", nn_program_name);
  exit(NN_EXIT_OK);
}

/* Split the comma-separated LIST of OPT into 2 or 3 items. */
static size_t list_items(const char *opt, const char *list, char *copy,
                         char *item[3])
{
  size_t n = 0;
  strcpy(copy, list);
  for (char *s = copy, *comma; s != NULL; s = comma) {
    if ((comma = strchr(s, ',')) != NULL)
      *comma++ = '\0';
    if (n == 3)
      nn_cli_usage_error("%s: '%s' must have 2 or 3 values", opt, list);
    item[n++] = s;
  }
  if (n < 2)
    nn_cli_usage_error("%s: '%s' must have 2 or 3 values", opt, list);
  return n;
}

static void parse_ratio(nn_splitrun_opts *op, const char *list)
{
  char copy[strlen(list) + 1], *item[3];
  op->nparts = list_items("--ratio", list, copy, item);
  double sum = 0;
  for (size_t i = 0; i < op->nparts; i++)
    sum += op->ratio[i] = nn_cli_positive("--ratio", item[i]);
  if (!(sum > 1 - 1e-9 && sum < 1 + 1e-9))
    nn_cli_usage_error("--ratio: '%s' sums to %.10g, not 1", list, sum);
}

static void parse_count(nn_splitrun_opts *op, const char *list)
{
  char copy[strlen(list) + 1], *item[3];
  op->nparts = list_items("--count", list, copy, item);
  for (size_t i = 0; i < op->nparts; i++)
    op->count[i] = nn_cli_count("--count", item[i], 1, SIZE_MAX);
  op->by_count = 1;
}

/* -- options ------------------------------------------------------------ */

static void exclusive(int a, const char *na, int b, const char *nb)
{
  if (a && b)
    nn_cli_usage_error("%s and %s cannot be combined", na, nb);
}

int main(int argc, char **argv)
{
  nn_cli_init(argc, argv);
  nn_splitrun_opts op = {.seed = 1, .ratio = {0.8, 0.2}, .nparts = 2,
                         .shuffle = 1, .part = -1};
  const char *ratio = NULL, *count = NULL, *fold = NULL;
  const char *keyopt = NULL;  /* --key COL (or --group with --stream) */
  int stream = 0;             /* --stream */
  int delim = 0;              /* --csv / --tsv, or 0 */
  int c;
  while ((c = getopt_long(argc, argv, "o:", long_options, NULL)) != -1) {
    switch (c) {
    case OPT_SEED: op.seed = (unsigned long) nn_cli_count("--seed", optarg, 0, ULONG_MAX);
      break;
    case OPT_RATIO: ratio = optarg; break;
    case OPT_COUNT: count = optarg; break;
    case OPT_FOLDS: op.folds = nn_cli_count("--folds", optarg, 2, SIZE_MAX); break;
    case OPT_STRATIFY: op.stratify = optarg; break;
    case OPT_GROUP: op.group = optarg; break;
    case OPT_NO_SHUFFLE: op.shuffle = 0; break;
    case 'o': op.prefix = optarg; break;
    case OPT_PART:
      if ((op.part = nn_splitrun_part_index(optarg)) < 0)
        nn_cli_usage_error("--part: '%s' is not train, valid or test",
                           optarg);
      break;
    case OPT_FOLD: fold = optarg; break;
    case OPT_LABEL: op.label = 1; break;
    case OPT_STREAM: stream = 1; break;
    case OPT_KEY: keyopt = optarg; break;
    case OPT_CSV: delim = ','; break;
    case OPT_TSV: delim = '\t'; break;
    case OPT_HELP: usage();
    case OPT_VERSION: nn_cli_version();
    default: nn_cli_try_help();
    }
  }
  if (argc - optind > 1)
    nn_cli_usage_error("extra operand '%s': one table at a time",
                       argv[optind + 1]);
  op.input = optind < argc ? argv[optind] : "-";

  exclusive(ratio != NULL, "--ratio", count != NULL, "--count");
  exclusive(ratio != NULL, "--ratio", op.folds != 0, "--folds");
  exclusive(count != NULL, "--count", op.folds != 0, "--folds");
  exclusive(op.stratify != NULL, "--stratify", op.group != NULL, "--group");
  exclusive(op.part >= 0, "--part", op.label, "--label");
  exclusive(op.prefix != NULL, "--output", op.part >= 0, "--part");
  exclusive(op.prefix != NULL, "--output", op.label, "--label");
  exclusive(stream, "--stream", count != NULL, "--count");
  exclusive(stream, "--stream", op.stratify != NULL, "--stratify");
  exclusive(stream, "--stream", !op.shuffle, "--no-shuffle");
  exclusive(op.group != NULL, "--group", keyopt != NULL, "--key");
  if (keyopt && !stream)
    nn_cli_usage_error("--key needs --stream");
  if (ratio)
    parse_ratio(&op, ratio);
  if (count)
    parse_count(&op, count);
  if (fold) {
    op.fold = nn_cli_count("--fold", fold, 1, SIZE_MAX);
    if (!op.folds)
      nn_cli_usage_error("--fold needs --folds");
    if (op.part < 0)
      nn_cli_usage_error("--fold needs --part");
    if (op.fold > op.folds)
      nn_cli_usage_error("--fold: %zu is more than --folds %zu", op.fold,
                         op.folds);
  }
  if (op.folds && op.part >= 0 && !fold)
    nn_cli_usage_error("--part with --folds needs --fold");
  if (op.part == 2 && (op.folds || op.nparts < 3))
    nn_cli_usage_error("--part test: the split has no test part");
  if (stream && op.group)
    keyopt = op.group;

  nn_err err;
  nn_table *t = nn_table_open(op.input, delim, &err);
  if (t == NULL)
    nn_cli_fail(&err);
  size_t key = 0;
  const char *keycol = stream ? keyopt : op.stratify ? op.stratify : op.group;
  if (keycol && nn_table_column(t, keycol, &key, &err) != NN_OK)
    nn_cli_fail(&err);
  int status = stream ? nn_splitrun_stream(&op, t, keycol != NULL, key, &err)
               : nn_splitrun_memory(&op, t, keycol != NULL, key, &err);
  nn_table_close(t);
  if (status != NN_OK)
    nn_cli_fail(&err);
  return NN_EXIT_OK;
}
