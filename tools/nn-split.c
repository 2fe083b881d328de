/* nn-split -- shuffle a table reproducibly and split it: hold-out parts,
 * k-fold cross-validation, stratified or grouped (NOTES.md §1; nn-split(1)).
 * The partitions are computed by lib/split.c; this file reads the rows,
 * calls it and writes the parts. */
#include <config.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* What the options ask for. */
typedef struct {
  const char *input;     /* FILE, or "-" */
  const char *prefix;    /* -o PREFIX, or NULL for the default */
  unsigned long seed;    /* --seed */
  double ratio[3];       /* --ratio, or the default 0.8,0.2 */
  size_t count[3];       /* --count */
  size_t nparts;         /* parts named by --ratio or --count: 2 or 3 */
  int by_count;          /* --count given */
  size_t folds;          /* --folds K, or 0 for a hold-out split */
  const char *stratify;  /* --stratify COL */
  const char *group;     /* --group COL */
  const char *key;       /* --key COL (or --group with --stream) */
  int shuffle;           /* not --no-shuffle */
  int part;              /* --part: 0 train, 1 valid, 2 test; -1: none */
  size_t fold;           /* --fold I (1-based), or 0 */
  int label;             /* --label */
  int stream;            /* --stream */
  int delim;             /* --csv / --tsv, or 0 */
} options;

static const char *const part_names[] = {"train", "valid", "test"};

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

static void parse_ratio(options *op, const char *list)
{
  char copy[strlen(list) + 1], *item[3];
  op->nparts = list_items("--ratio", list, copy, item);
  double sum = 0;
  for (size_t i = 0; i < op->nparts; i++)
    sum += op->ratio[i] = nn_cli_positive("--ratio", item[i]);
  if (!(sum > 1 - 1e-9 && sum < 1 + 1e-9))
    nn_cli_usage_error("--ratio: '%s' sums to %.10g, not 1", list, sum);
}

static void parse_count(options *op, const char *list)
{
  char copy[strlen(list) + 1], *item[3];
  op->nparts = list_items("--count", list, copy, item);
  for (size_t i = 0; i < op->nparts; i++)
    op->count[i] = nn_cli_count("--count", item[i], 1, SIZE_MAX);
  op->by_count = 1;
}

/* How messages name column J of T. */
static void column_name(const nn_table *t, size_t j, char *buf, size_t size)
{
  const char *name = nn_table_colname(t, j);
  if (name[0] != '\0')
    snprintf(buf, size, "column '%s'", name);
  else
    snprintf(buf, size, "column %zu", j + 1);
}

static void *xmalloc(size_t n, size_t size)
{
  void *p = size && n > (size_t) -1 / size ? NULL
            : malloc(n * size > 0 ? n * size : 1);
  if (p == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  return p;
}

/* -- the rows ------------------------------------------------------------ */

/* The table's text: the preamble, then every row held once, each ending
 * with a line end. */
typedef struct {
  const char *head;   /* the bytes up to the end of the header line */
  size_t head_len;    /* their length */
  const char *eol;    /* the header's line end: "\n" or "\r\n" */
  int delim;          /* the table's separator */
  char *text;         /* the rows' bytes, one after the other */
  size_t len, cap;    /* bytes used and allocated in text */
  size_t *off;        /* off[i], off[i + 1]: row i in text */
  size_t n, ncap;     /* rows, and room in off */
  uint32_t *key;      /* key[i]: number of row i's class or group */
} rows;

/* The length of the line end at the end of the LEN bytes at S. */
static size_t eol_len(const char *s, size_t len)
{
  if (len > 0 && s[len - 1] == '\n')
    return len > 1 && s[len - 2] == '\r' ? 2 : 1;
  return 0;
}

/* Write the LEN bytes at S (which end with a line end) to FP, with the
 * field LABEL added if it is not NULL. */
static void put_row(FILE *fp, const char *s, size_t len, int delim,
                    const char *label)
{
  if (label == NULL) {
    fwrite(s, 1, len, fp);
    return;
  }
  size_t e = eol_len(s, len);
  fwrite(s, 1, len - e, fp);
  putc(delim, fp);
  fputs(label, fp);
  fwrite(s + len - e, 1, e, fp);
}

/* Append the current record of T, given a line end if it has none (the
 * last line of a file). */
static void add_row(rows *r, const nn_table *t)
{
  size_t len;
  const char *raw = nn_table_raw(t, &len);
  size_t extra = eol_len(raw, len) ? 0 : strlen(r->eol);
  if (r->cap - r->len < len + extra) {
    size_t cap = r->cap ? r->cap : (size_t) 1 << 20;
    while (cap - r->len < len + extra)
      cap *= 2;
    char *text = realloc(r->text, cap);
    if (text == NULL)
      nn_cli_die(NN_EXIT_FAIL, "out of memory");
    r->text = text;
    r->cap = cap;
  }
  memcpy(r->text + r->len, raw, len);
  memcpy(r->text + r->len + len, r->eol, extra);
  r->len += len + extra;
  if (r->n + 1 >= r->ncap) {
    r->ncap = r->ncap ? 2 * r->ncap : 1 << 16;
    if ((r->off = realloc(r->off, r->ncap * sizeof *r->off)) == NULL ||
        (r->key && (r->key = realloc(r->key, r->ncap * sizeof *r->key))
         == NULL))
      nn_cli_die(NN_EXIT_FAIL, "out of memory");
  }
  r->off[++r->n] = r->len;
}

/* -- the outputs --------------------------------------------------------- */

/* One output: a part file, or standard output. */
typedef struct {
  nn_outfile o;    /* where it goes */
  char *buf;       /* its stdio buffer */
  uint32_t part;   /* the rows of this part ... */
  int invert;      /* ... or, when set, of every other part */
  int all;         /* every row (--label) */
  size_t rows;     /* rows written */
} output;

static void open_output(output *out, const char *path, uint32_t part,
                        int invert)
{
  nn_err err;
  memset(out, 0, sizeof *out);
  if (nn_outfile_open(&out->o, path, &err) != NN_OK)
    nn_cli_fail(&err);
  out->part = part;
  out->invert = invert;
  /* Large buffers: far fewer write calls than with stdio's default. */
  size_t bufsize = (size_t) 1 << 20;
  if ((out->buf = malloc(bufsize)) != NULL)
    setvbuf(out->o.fp, out->buf, _IOFBF, bufsize);
}

static int wanted(const output *out, uint32_t part)
{
  return out->all || (part == out->part) != out->invert;
}

/* The table's preamble, with the column 'split' added for --label. */
static void put_head(output *out, const rows *r)
{
  put_row(out->o.fp, r->head, r->head_len, r->delim,
          out->all ? "split" : NULL);
}

/* Make every output appear, or none: first every file is flushed and
 * synced, and a failure removes them all (at exit); only then are they
 * renamed into place.  A rename in the same directory fails in practice
 * only when the target is a directory, which is checked before the first
 * one. */
static void commit_all(output *out, size_t nout)
{
  nn_err err;
  for (size_t i = 0; i < nout; i++) {
    FILE *fp = out[i].o.fp;
    struct stat st;
    if (out[i].o.path == NULL)
      continue;
    errno = 0;
    int bad = fflush(fp) != 0 || ferror(fp);
#ifdef HAVE_FSYNC
    bad = bad || fsync(fileno(fp)) != 0;
#endif
    if (!bad && stat(out[i].o.path, &st) == 0 && S_ISDIR(st.st_mode)) {
      bad = 1;
      errno = EISDIR;
    }
    if (bad) {
      nn_err_at(&err, NN_EIO, out[i].o.path, 0, "write error: %s",
                strerror(errno ? errno : EIO));
      nn_cli_fail(&err);
    }
  }
  for (size_t i = 0; i < nout; i++) {
    if (nn_outfile_commit(&out[i].o, &err) != NN_OK)
      nn_cli_fail(&err);
    free(out[i].buf);
  }
}

/* The name of output file PREFIX-[foldF-]NAME.EXT. */
static char *part_path(const char *prefix, size_t fold, const char *name,
                       int delim)
{
  size_t n = strlen(prefix) + 64;
  char *path = xmalloc(n, 1);
  if (fold)
    snprintf(path, n, "%s-fold%zu-%s.%s", prefix, fold, name,
             delim == ',' ? "csv" : "tsv");
  else
    snprintf(path, n, "%s-%s.%s", prefix, name, delim == ',' ? "csv" : "tsv");
  return path;
}

/* The default prefix: FILE's base name without .tsv, .csv or .txt. */
static char *default_prefix(const char *input)
{
  if (strcmp(input, "-") == 0)
    input = "split";
  const char *slash = strrchr(input, '/');
  const char *base = slash ? slash + 1 : input;
  size_t n = strlen(base);
  char *p = xmalloc(n + 1, 1);
  memcpy(p, base, n + 1);
  if (n > 4 && (strcasecmp(p + n - 4, ".tsv") == 0 ||
                strcasecmp(p + n - 4, ".csv") == 0 ||
                strcasecmp(p + n - 4, ".txt") == 0))
    p[n - 4] = '\0';
  return p;
}

/* The outputs the options ask for: standard output for --part and
 * --label, else the part files.  NPARTS parts (K for folds). */
static output *open_outputs(const options *op, const nn_table *t,
                            size_t nparts, size_t *nout)
{
  output *out;
  if (op->part >= 0 || op->label) {
    out = xmalloc(1, sizeof *out);
    uint32_t part = op->folds ? (uint32_t) op->fold - 1 : (uint32_t) op->part;
    /* the training part of split I: every fold but I */
    open_output(out, NULL, part, op->folds && op->part == 0);
    out->all = op->label;
    *nout = 1;
    return out;
  }
  char *prefix = op->prefix ? NULL : default_prefix(op->input);
  const char *pre = op->prefix ? op->prefix : prefix;
  int delim = nn_table_delim(t);
  *nout = op->folds ? 2 * op->folds : nparts;
  out = xmalloc(*nout, sizeof *out);
  for (size_t i = 0; i < *nout; i++) {
    char *path;
    if (op->folds) {
      size_t f = i / 2 + 1;
      path = part_path(pre, f, i % 2 ? "valid" : "train", delim);
      open_output(&out[i], path, (uint32_t) f - 1, i % 2 == 0);
    } else {
      path = part_path(pre, 0, part_names[i], delim);
      open_output(&out[i], path, (uint32_t) i, 0);
    }
    free(path);
  }
  free(prefix);
  return out;
}

/* The label of a row in PART for --label. */
static const char *label_of(const options *op, uint32_t part, char *buf,
                            size_t size)
{
  if (!op->folds)  /* after the parts: the rows --count leaves out */
    return part < op->nparts ? part_names[part] : "unused";
  snprintf(buf, size, "%u", (unsigned) part + 1);
  return buf;
}

/* An error when a part (or fold) that the user asked for got no rows. */
static void check_nonempty(const options *op, const nn_table *t,
                           const size_t *got, size_t nparts)
{
  for (size_t i = 0; i < nparts; i++)
    if (got[i] == 0) {
      if (op->folds)
        nn_cli_die(NN_EXIT_FAIL, "%s: fold %zu gets no rows",
                   nn_table_file(t), i + 1);
      nn_cli_die(NN_EXIT_FAIL, "%s: part '%s' gets no rows",
                 nn_table_file(t), part_names[i]);
    }
}

/* -- one pass: --stream ------------------------------------------------- */

static void run_stream(const options *op, nn_table *t, const rows *r,
                       int have_key, size_t key)
{
  nn_err err;
  size_t k = op->folds ? op->folds : op->nparts;
  double cum[3], *cumk = op->folds ? xmalloc(k, sizeof *cumk) : cum;
  for (size_t i = 0, sum = 0; op->folds && i < k; i++)
    cumk[i] = (double) ++sum / (double) k;
  for (size_t i = 0; !op->folds && i < k; i++)
    cum[i] = (i ? cum[i - 1] : 0) + op->ratio[i];
  cumk[k - 1] = 1;
  size_t nout, *got = calloc(k, sizeof *got);
  if (got == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  output *out = open_outputs(op, t, k, &nout);
  for (size_t o = 0; o < nout; o++)
    put_head(&out[o], r);
  uint64_t seed = nn_split_hash_seed(op->seed);
  size_t n = 0, ncols = nn_table_ncols(t);
  int more;
  char buf[32];
  while ((more = nn_table_next(t, &err)) > 0) {
    uint64_t h = seed;
    for (size_t j = have_key ? key : 0; j < (have_key ? key + 1 : ncols);
         j++) {
      size_t len = nn_table_field_len(t, j);
      unsigned char lenbytes[8];  /* the length, little-endian everywhere */
      for (int b = 0; b < 8; b++)
        lenbytes[b] = (unsigned char) ((uint64_t) len >> (8 * b));
      h = nn_split_hash(h, lenbytes, sizeof lenbytes);
      h = nn_split_hash(h, nn_table_field(t, j), len);
    }
    uint32_t part = (uint32_t) nn_split_hash_part(nn_split_hash_end(h),
                                                  cumk, k);
    got[part]++;
    n++;
    size_t len;
    const char *raw = nn_table_raw(t, &len);
    int eol = eol_len(raw, len) != 0;
    for (size_t o = 0; o < nout; o++)
      if (wanted(&out[o], part)) {
        put_row(out[o].o.fp, raw, len, r->delim,
                out[o].all ? label_of(op, part, buf, sizeof buf) : NULL);
        if (!eol)
          fputs(r->eol, out[o].o.fp);
      }
  }
  if (more < 0)
    nn_cli_fail(&err);
  if (n == 0)
    nn_cli_die(NN_EXIT_FAIL, "%s: no data rows", nn_table_file(t));
  if (op->folds && op->folds > n)
    nn_cli_die(NN_EXIT_FAIL, "%s: %zu folds but only %zu rows",
               nn_table_file(t), op->folds, n);
  check_nonempty(op, t, got, k);
  commit_all(out, nout);
  free(out);
  free(got);
  if (cumk != cum)
    free(cumk);
}

/* -- the whole table in memory ------------------------------------------- */

/* Room for SIZE bytes of rows, in huge pages where the system has them:
 * a row table of a large file then costs a few dozen page faults, not
 * one per 4 KiB. */
static void reserve_text(rows *r, size_t size)
{
  size_t huge = (size_t) 2 << 20;
  size = (size + huge - 1) / huge * huge;
  void *p = NULL;
  if (posix_memalign(&p, huge, size) != 0)
    return;  /* then add_row allocates as it goes */
#ifdef MADV_HUGEPAGE
  madvise(p, size, MADV_HUGEPAGE);
#endif
  r->text = p;
  r->cap = size;
}

/* Read every row; with KEYS, number each row's value of column KEY.
 * INPUT_SIZE: the size of the input file if known, else 0. */
static void read_rows(nn_table *t, rows *r, nn_split_keys *keys, size_t key,
                      size_t input_size)
{
  nn_err err;
  int more;
  if (input_size > 0)  /* the rows, and a line end for the last one */
    reserve_text(r, input_size + 2);
  r->off = xmalloc(1, sizeof *r->off);
  r->off[0] = 0;
  r->ncap = 1;
  if (keys)
    r->key = xmalloc(1, sizeof *r->key);
  while ((more = nn_table_next(t, &err)) > 0) {
    if (r->n == NN_SPLIT_MAX_ROWS)
      nn_cli_die(NN_EXIT_FAIL, "%s: more than %zu rows: too many to split "
                 "in memory (try --stream)", nn_table_file(t),
                 NN_SPLIT_MAX_ROWS);
    if (keys && nn_split_keys_id(keys, nn_table_field(t, key),
                                 nn_table_field_len(t, key), &r->key[r->n])
                != NN_OK)
      nn_cli_die(NN_EXIT_FAIL, "out of memory");
    add_row(r, t);
  }
  if (more < 0)
    nn_cli_fail(&err);
  if (r->n == 0)
    nn_cli_die(NN_EXIT_FAIL, "%s: no data rows", nn_table_file(t));
}

/* The parts' sizes, K of them (plus one for the rows --count leaves out,
 * when it leaves some); returns how many. */
static size_t part_sizes(const options *op, const nn_table *t, size_t n,
                         size_t *size)
{
  if (op->folds) {
    if (op->folds > n)
      nn_cli_die(NN_EXIT_FAIL, "%s: %zu folds but only %zu rows",
                 nn_table_file(t), op->folds, n);
    double *w = xmalloc(op->folds, sizeof *w);
    for (size_t i = 0; i < op->folds; i++)
      w[i] = 1;
    nn_split_apportion(n, w, op->folds, size);
    free(w);
    return op->folds;
  }
  if (!op->by_count) {
    nn_split_apportion(n, op->ratio, op->nparts, size);
    return op->nparts;
  }
  size_t sum = 0;
  for (size_t i = 0; i < op->nparts; i++)
    sum += size[i] = op->count[i];
  if (sum > n) {
    char list[80];
    int at = 0;
    for (size_t i = 0; i < op->nparts; i++)
      at += snprintf(list + at, sizeof list - (size_t) at, "%s%zu",
                     i ? "," : "", op->count[i]);
    nn_cli_die(NN_EXIT_FAIL, "%s: --count %s asks for %zu rows, but the "
               "table has only %zu", nn_table_file(t), list, sum, n);
  }
  if (sum == n)
    return op->nparts;
  size[op->nparts] = n - sum;
  return op->nparts + 1;
}

static void run_memory(const options *op, nn_table *t, rows *r, int keyed,
                       size_t key)
{
  nn_err err;
  nn_split_keys *keys = NULL;
  if (keyed && (keys = nn_split_keys_alloc()) == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  struct stat st;
  int fd = strcmp(op->input, "-") == 0 ? STDIN_FILENO : -1;
  size_t input_size = 0;
  if ((fd >= 0 ? fstat(fd, &st) : stat(op->input, &st)) == 0 &&
      S_ISREG(st.st_mode) && st.st_size > 0 &&
      (uintmax_t) st.st_size < (uintmax_t) SIZE_MAX / 2)
    input_size = (size_t) st.st_size;
  read_rows(t, r, keys, key, input_size);
  size_t n = r->n;
  size_t maxk = op->folds ? op->folds : 4;
  size_t *size = xmalloc(maxk, sizeof *size);
  size_t k = part_sizes(op, t, n, size);
  size_t nkeys = keys ? nn_split_keys_count(keys) : 0;
  char col[160];
  if (keyed)
    column_name(t, key, col, sizeof col);

  gsl_rng *rng = op->shuffle ? nn_split_rng(op->seed) : NULL;
  if (op->shuffle && rng == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  size_t *order = xmalloc(n, sizeof *order);
  nn_split_order(n, rng, order);
  uint32_t *part = xmalloc(n, sizeof *part);
  if (op->stratify) {
    size_t *count = calloc(nkeys, sizeof *count);
    size_t *x = xmalloc(nkeys * k, sizeof *x);
    if (count == NULL)
      nn_cli_die(NN_EXIT_FAIL, "out of memory");
    for (size_t i = 0; i < n; i++)
      count[r->key[i]]++;
    for (size_t c = 0; op->folds && c < nkeys; c++)
      if (count[c] < op->folds)
        nn_cli_die(NN_EXIT_FAIL, "%s: %s: class '%s' has %zu row%s, fewer "
                   "than the %zu folds", nn_table_file(t), col,
                   nn_split_keys_name(keys, (uint32_t) c), count[c],
                   count[c] == 1 ? "" : "s", op->folds);
    if (nn_split_round_table(nkeys, count, k, size, x, &err) != NN_OK ||
        nn_split_stratified(n, order, r->key, nkeys, k, x, part, &err))
      nn_cli_fail(&err);
    free(count);
    free(x);
  } else if (op->group) {
    if (op->folds && nkeys < op->folds)
      nn_cli_die(NN_EXIT_FAIL, "%s: %s: %zu group%s, fewer than the %zu "
                 "folds", nn_table_file(t), col, nkeys, nkeys == 1 ? "" : "s",
                 op->folds);
    size_t *gorder = xmalloc(nkeys, sizeof *gorder);
    nn_split_order(nkeys, rng, gorder);
    if (nn_split_grouped(n, r->key, nkeys, gorder, k, size, part, &err))
      nn_cli_fail(&err);
    free(gorder);
  } else {
    nn_split_blocks(n, order, k, size, part);
  }
  gsl_rng_free(rng);
  nn_split_keys_free(keys);

  size_t *got = calloc(k, sizeof *got);
  if (got == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  for (size_t i = 0; i < n; i++)
    got[part[i]]++;
  check_nonempty(op, t, got, op->folds ? op->folds : op->nparts);

  size_t nout;
  output *out = open_outputs(op, t, op->folds ? op->folds : op->nparts,
                             &nout);
  char buf[32];
  for (size_t o = 0; o < nout; o++) {
    FILE *fp = out[o].o.fp;
    put_head(&out[o], r);
    for (size_t p = 0; p < n; p++) {
      size_t i = out[o].all ? p : order[p];  /* --label: the input order */
#if defined __GNUC__
      /* The rows are read in a random order: ask for them early. */
      if (p + 16 < n)
        __builtin_prefetch(r->text + r->off[order[p + 16]]);
      if (p + 32 < n)
        __builtin_prefetch(&r->off[order[p + 32]]);
#endif
      if (wanted(&out[o], part[i]))
        put_row(fp, r->text + r->off[i], r->off[i + 1] - r->off[i], r->delim,
                out[o].all ? label_of(op, part[i], buf, sizeof buf) : NULL);
    }
  }
  commit_all(out, nout);
  free(out);
  free(got);
  free(part);
  free(order);
  free(size);
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
  options op = {.seed = 1, .ratio = {0.8, 0.2}, .nparts = 2, .shuffle = 1,
                .part = -1};
  const char *ratio = NULL, *count = NULL, *fold = NULL;
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
      for (op.part = 0; op.part < 3; op.part++)
        if (strcmp(optarg, part_names[op.part]) == 0)
          break;
      if (op.part == 3)
        nn_cli_usage_error("--part: '%s' is not train, valid or test",
                           optarg);
      break;
    case OPT_FOLD: fold = optarg; break;
    case OPT_LABEL: op.label = 1; break;
    case OPT_STREAM: op.stream = 1; break;
    case OPT_KEY: op.key = optarg; break;
    case OPT_CSV: op.delim = ','; break;
    case OPT_TSV: op.delim = '\t'; break;
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
  exclusive(op.stream, "--stream", count != NULL, "--count");
  exclusive(op.stream, "--stream", op.stratify != NULL, "--stratify");
  exclusive(op.stream, "--stream", !op.shuffle, "--no-shuffle");
  exclusive(op.group != NULL, "--group", op.key != NULL, "--key");
  if (op.key && !op.stream)
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
  if (op.stream && op.group)
    op.key = op.group;

  nn_err err;
  nn_table *t = nn_table_open(op.input, op.delim, &err);
  if (t == NULL)
    nn_cli_fail(&err);
  size_t key = 0;
  const char *keycol = op.stream ? op.key
                       : op.stratify ? op.stratify : op.group;
  if (keycol && nn_table_column(t, keycol, &key, &err) != NN_OK)
    nn_cli_fail(&err);
  rows r = {0};
  r.head = nn_table_header_raw(t, &r.head_len);
  r.eol = eol_len(r.head, r.head_len) == 2 ? "\r\n" : "\n";
  r.delim = nn_table_delim(t);
  if (op.stream)
    run_stream(&op, t, &r, keycol != NULL, key);
  else
    run_memory(&op, t, &r, keycol != NULL, key);
  nn_table_close(t);
  free(r.text);
  free(r.off);
  free(r.key);
  return NN_EXIT_OK;
}
