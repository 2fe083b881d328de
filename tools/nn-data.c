/* nn-data -- data sets for the lessons: synthetic generators (lib/data.h)
 * and the IDX importer for MNIST and Fashion-MNIST (lib/idx.h); see
 * nn-data(1). */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>

#include "nn.h"
#include "data.h"
#include "idx.h"

/* Where Debian's dataset-fashion-mnist installs the files. */
#define FASHION_DIR "/usr/share/datasets/fashion-mnist"

enum {
  OPT_NOISE = 256, OPT_SEED, OPT_DIM, OPT_RANGE, OPT_SHIFT, OPT_SCALE,
  OPT_GRID, OPT_JITTER, OPT_SLOPE, OPT_INTERCEPT, OPT_COEF, OPT_FREQ,
  OPT_RADIUS, OPT_TURNS, OPT_TEACHER_SEED, OPT_LIMIT, OPT_DIR, OPT_HELP,
  OPT_VERSION
};

/* The generators' options. */
static const struct option gen_options[] = {
  {"n", required_argument, NULL, 'n'},
  {"noise", required_argument, NULL, OPT_NOISE},
  {"seed", required_argument, NULL, OPT_SEED},
  {"dim", required_argument, NULL, OPT_DIM},
  {"range", required_argument, NULL, OPT_RANGE},
  {"shift", required_argument, NULL, OPT_SHIFT},
  {"scale", required_argument, NULL, OPT_SCALE},
  {"grid", no_argument, NULL, OPT_GRID},
  {"jitter", required_argument, NULL, OPT_JITTER},
  {"slope", required_argument, NULL, OPT_SLOPE},
  {"intercept", required_argument, NULL, OPT_INTERCEPT},
  {"coef", required_argument, NULL, OPT_COEF},
  {"freq", required_argument, NULL, OPT_FREQ},
  {"radius", required_argument, NULL, OPT_RADIUS},
  {"turns", required_argument, NULL, OPT_TURNS},
  {"teacher-seed", required_argument, NULL, OPT_TEACHER_SEED},
  {"output", required_argument, NULL, 'o'},
  {"help", no_argument, NULL, OPT_HELP},
  {"version", no_argument, NULL, OPT_VERSION},
  {NULL, 0, NULL, 0}
};

/* The importers' options: here --scale takes no argument. */
static const struct option idx_options[] = {
  {"limit", required_argument, NULL, OPT_LIMIT},
  {"scale", no_argument, NULL, OPT_SCALE},
  {"dir", required_argument, NULL, OPT_DIR},
  {"output", required_argument, NULL, 'o'},
  {"help", no_argument, NULL, OPT_HELP},
  {"version", no_argument, NULL, OPT_VERSION},
  {NULL, 0, NULL, 0}
};

static void __attribute__((noreturn)) usage(void)
{
  printf("Usage: %s NAME [OPTION]...\n"
         "  or:  %s idx IMAGES [LABELS] [--limit N] [--scale] [-o FILE]\n"
         "  or:  %s fashion-mnist train|test [--limit N] [--scale] [-o FILE]\n",
         nn_program_name, nn_program_name, nn_program_name);
  fputs("\
Write a data set for the lessons as a TSV table: columns x1..xD and y for\n\
regression, x1..xD and label for classification, p1..pN and label for\n\
images.  NAME comes first.\n\
\n\
Regression (inputs uniform in the range, y = f(x) + noise * N(0,1)):\n\
  line            y = a (x1 + ... + xD) + b       range -1:1\n\
  poly:K          y = c0 + c1 x + ... + cK x^K    range -1:1, K = 3\n\
  sine            y = sin(w x)                    range -3:3\n\
  sincos          y = sin(3 x1) cos(2 x2) + x3 x4 range -1:1, D = 4\n\
  teacher:H       y = a random D-H-1 tanh network range -1:1, H = 4\n\
Classification (classes 0..K-1 take turns; noise is added to each input):\n\
  blobs:K         Gaussian blobs, sd = noise (0.7), centred on a circle\n\
                  of --radius 2; K = 3, D >= 2\n\
  moons           two interleaving half circles, D = 2\n\
  spirals:K       K spiral arms, D = 2, K = 2\n\
  xor             inputs uniform in the range, label = parity of the\n\
                  number of positive inputs; D >= 2\n\
\n\
  -n, --n=N                rows (default 100)\n\
      --noise=SIGMA        noise standard deviation (default 0.1; blobs 0.7)\n\
      --seed=N             random seed, 0 to 4294967295 (default 1)\n\
      --dim=D              inputs per row (default 1; sincos 4; classes 2)\n\
      --range=A:B          inputs drawn from [A, B] (defaults above)\n\
      --shift=D            move the range by D (mismatch; default 0)\n\
      --scale=S            stretch the range about its centre (default 1)\n\
      --grid               one input: evenly spaced x, one per cell\n\
      --jitter=J           with --grid, move x within its cell, 0..1\n\
                           (default 0: the cell's centre)\n\
      --slope=A            line: a (default 2)\n\
      --intercept=B        line: b (default 1)\n\
      --coef=C0,...,CK     poly: the coefficients (default all 1)\n\
      --freq=W             sine: w, a number, or with 'pi' after it:\n\
                           pi, 2pi, 0.5pi (default 1)\n\
      --radius=R           blobs: circle of centres (default 2);\n\
                           spirals: arms' end (default 1)\n\
      --turns=T            spirals: turns per arm (default 1)\n\
      --teacher-seed=N     teacher: seed of its weights (default 1)\n\
\n\
Importers:\n\
  idx IMAGES [LABELS]      IDX files, gzip-compressed or plain ('-': stdin)\n\
  fashion-mnist train|test the files of Debian's dataset-fashion-mnist\n\
      --limit=N            only the first N items (default: all)\n\
      --scale              pixels b as b/255, in [0, 1] (default: 0..255)\n\
      --dir=DIR            fashion-mnist's directory\n\
                           (default " FASHION_DIR ")\n\
\n\
  -o, --output=FILE        write to FILE, replacing it only when done\n\
                           (default: standard output)\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
Examples:\n\
  nn-data sine --n 100 --seed 1 > train.tsv\n\
  nn-data fashion-mnist test --limit 1000 --scale -o test.tsv\n\
\n", stdout);
  printf("See %s(1) for every function, its parameters and the order of\n"
         "the random draws.\n", nn_program_name);
  exit(NN_EXIT_OK);
}

/* ARG as a whole number for option OPT, in [MIN, MAX]; a usage error if it
 * is not one. */
static long long whole(const char *opt, const char *arg, long long min,
                       long long max)
{
  char *end;
  errno = 0;
  long long v = strtoll(arg, &end, 10);
  if (end == arg || *end != '\0' || isspace((unsigned char) arg[0]) ||
      arg[0] == '+')
    nn_cli_usage_error("%s: '%s' is not a whole number", opt, arg);
  if (errno == ERANGE || v < min || v > max)
    nn_cli_usage_error("%s: '%s' is out of range", opt, arg);
  return v;
}

/* --freq: a number, or a number (or nothing, or '-') followed by "pi". */
static double freq_arg(const char *arg)
{
  size_t len = strlen(arg);
  if (len >= 2 && strcmp(arg + len - 2, "pi") == 0) {
    char head[64];
    if (len - 2 >= sizeof head)
      nn_cli_usage_error("--freq: '%s' is not a number", arg);
    memcpy(head, arg, len - 2);
    head[len - 2] = '\0';
    double m;
    if (head[0] == '\0' || strcmp(head, "+") == 0)
      m = 1;
    else if (strcmp(head, "-") == 0)
      m = -1;
    else if (nn_number_parse(head, len - 2, &m) != NN_NUMBER_OK)
      nn_cli_usage_error("--freq: '%s' is not a number", arg);
    return m * M_PI;
  }
  return nn_cli_number("--freq", arg);
}

/* --range A:B */
static void range_arg(const char *arg, double *lo, double *hi)
{
  const char *colon = strchr(arg, ':');
  if (colon == NULL || strchr(colon + 1, ':') != NULL)
    nn_cli_usage_error("--range: '%s' is not of the form A:B", arg);
  char *a = strdup(arg);
  if (a == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  a[colon - arg] = '\0';
  *lo = nn_cli_number("--range", a);
  *hi = nn_cli_number("--range", a + (colon - arg) + 1);
  free(a);
}

/* --coef C0,C1,...: a new array (free it) and its length. */
static double *coef_arg(const char *arg, size_t *n)
{
  size_t commas = 0;
  for (const char *c = arg; *c; c++)
    commas += *c == ',';
  double *v = malloc((commas + 1) * sizeof *v);
  char *copy = strdup(arg);
  if (v == NULL || copy == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  char *field = copy;
  for (size_t i = 0; i <= commas; i++) {
    char *comma = strchr(field, ',');
    if (comma != NULL)
      *comma = '\0';
    v[i] = nn_cli_number("--coef", field);
    field = comma + 1;
  }
  free(copy);
  *n = commas + 1;
  return v;
}

/* A generator's option OPT (nn_data_option BIT) must be one it takes. */
static void applies(const nn_data_spec *s, unsigned bit, const char *opt)
{
  if (!(nn_data_options(s) & bit))
    nn_cli_usage_error("%s does not apply to %s", opt, s->name);
}

static int generate(const char *name, int argc, char **argv)
{
  nn_data_spec s;
  nn_err err;
  if (nn_data_init(&s, name, &err) != NN_OK)
    nn_cli_fail(&err);
  unsigned long seed = 1;
  const char *output = NULL;
  double *coef = NULL;
  int jitter = 0, c;
  while ((c = getopt_long(argc, argv, "n:o:", gen_options, NULL)) != -1) {
    switch (c) {
    case 'n': s.n = (long) whole("--n", optarg, LONG_MIN, LONG_MAX); break;
    case OPT_NOISE: s.noise = nn_cli_number("--noise", optarg); break;
    case OPT_SEED:
      seed = (unsigned long) whole("--seed", optarg, 0, 4294967295LL);
      break;
    case OPT_DIM:
      applies(&s, NN_DATA_OPT_DIM, "--dim");
      s.dim = (long) whole("--dim", optarg, LONG_MIN, LONG_MAX);
      break;
    case OPT_RANGE:
      applies(&s, NN_DATA_OPT_RANGE, "--range");
      range_arg(optarg, &s.lo, &s.hi);
      break;
    case OPT_SHIFT:
      applies(&s, NN_DATA_OPT_RANGE, "--shift");
      s.shift = nn_cli_number("--shift", optarg);
      break;
    case OPT_SCALE:
      applies(&s, NN_DATA_OPT_RANGE, "--scale");
      s.scale = nn_cli_number("--scale", optarg);
      break;
    case OPT_GRID:
      applies(&s, NN_DATA_OPT_GRID, "--grid");
      s.grid = 1;
      break;
    case OPT_JITTER:
      applies(&s, NN_DATA_OPT_GRID, "--jitter");
      s.jitter = nn_cli_number("--jitter", optarg);
      jitter = 1;
      break;
    case OPT_SLOPE:
      applies(&s, NN_DATA_OPT_LINE, "--slope");
      s.slope = nn_cli_number("--slope", optarg);
      break;
    case OPT_INTERCEPT:
      applies(&s, NN_DATA_OPT_LINE, "--intercept");
      s.intercept = nn_cli_number("--intercept", optarg);
      break;
    case OPT_COEF:
      applies(&s, NN_DATA_OPT_COEF, "--coef");
      free(coef);
      coef = coef_arg(optarg, &s.ncoef);
      s.coef = coef;
      break;
    case OPT_FREQ:
      applies(&s, NN_DATA_OPT_FREQ, "--freq");
      s.freq = freq_arg(optarg);
      break;
    case OPT_RADIUS:
      applies(&s, NN_DATA_OPT_RADIUS, "--radius");
      s.radius = nn_cli_number("--radius", optarg);
      break;
    case OPT_TURNS:
      applies(&s, NN_DATA_OPT_TURNS, "--turns");
      s.turns = nn_cli_number("--turns", optarg);
      break;
    case OPT_TEACHER_SEED:
      applies(&s, NN_DATA_OPT_TEACHER, "--teacher-seed");
      s.teacher_seed =
        (unsigned long) whole("--teacher-seed", optarg, 0, 4294967295LL);
      break;
    case 'o': output = optarg; break;
    case OPT_HELP: usage();
    case OPT_VERSION: nn_cli_version();
    default: nn_cli_try_help();
    }
  }
  if (optind < argc)
    nn_cli_usage_error("unexpected operand '%s'", argv[optind]);
  if (jitter && !s.grid)
    nn_cli_usage_error("--jitter needs --grid");
  if (nn_data_check(&s, &err) != NN_OK)
    nn_cli_fail(&err);

  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (rng == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  gsl_rng_set(rng, seed);
  nn_outfile out;
  if (nn_outfile_open(&out, output, &err) != NN_OK)
    nn_cli_fail(&err);
  nn_writer w;
  nn_writer_init(&w, out.fp, '\t');
  if (nn_data_write(&s, rng, &w, &err) != NN_OK ||
      nn_outfile_commit(&out, &err) != NN_OK)
    nn_cli_fail(&err);
  gsl_rng_free(rng);
  free(coef);
  return NN_EXIT_OK;
}

/* The importers' shared options. */
typedef struct {
  size_t limit;        /* rows; 0: all */
  int scale;           /* pixels / 255 */
  const char *dir;     /* fashion-mnist's directory */
  const char *output;  /* -o */
} idx_opts;

static void parse_idx_options(int argc, char **argv, int fashion, idx_opts *o)
{
  int c;
  o->dir = FASHION_DIR;
  while ((c = getopt_long(argc, argv, "o:", idx_options, NULL)) != -1) {
    switch (c) {
    case OPT_LIMIT: {
      long long v = whole("--limit", optarg, LLONG_MIN, LLONG_MAX);
      if (v < 1)
        nn_cli_die(NN_EXIT_FAIL,
                   "--limit %lld: the number of rows must be at least 1", v);
      o->limit = v > (long long) (SIZE_MAX / 2) ? SIZE_MAX / 2 : (size_t) v;
      break;
    }
    case OPT_SCALE: o->scale = 1; break;
    case OPT_DIR:
      if (!fashion)
        nn_cli_usage_error("--dir does not apply to idx");
      o->dir = optarg;
      break;
    case 'o': o->output = optarg; break;
    case OPT_HELP: usage();
    case OPT_VERSION: nn_cli_version();
    default: nn_cli_try_help();
    }
  }
}

/* Convert IMAGES (and LABELS) as O asks. */
static int import(const char *images, const char *labels, const idx_opts *o)
{
  nn_err err;
  nn_idx *im = nn_idx_open(images, &err), *lab = NULL;
  if (im == NULL)
    nn_cli_fail(&err);
  if (labels != NULL) {
    if ((lab = nn_idx_open(labels, &err)) == NULL ||
        nn_idx_check_labels(im, lab, &err) != NN_OK)
      nn_cli_fail(&err);
  }
  nn_outfile out;
  if (nn_outfile_open(&out, o->output, &err) != NN_OK)
    nn_cli_fail(&err);
  nn_writer w;
  nn_writer_init(&w, out.fp, '\t');
  if (nn_idx_write(im, lab, o->limit, o->scale, &w, &err) != NN_OK ||
      nn_outfile_commit(&out, &err) != NN_OK)
    nn_cli_fail(&err);
  nn_idx_close(im);
  nn_idx_close(lab);
  return NN_EXIT_OK;
}

static int idx(int argc, char **argv)
{
  idx_opts o = {0};
  parse_idx_options(argc, argv, 0, &o);
  if (optind == argc)
    nn_cli_usage_error("idx needs an IMAGES file");
  if (argc - optind > 2)
    nn_cli_usage_error("unexpected operand '%s'", argv[optind + 2]);
  const char *images = argv[optind];
  const char *labels = argc - optind == 2 ? argv[optind + 1] : NULL;
  if (labels && strcmp(images, "-") == 0 && strcmp(labels, "-") == 0)
    nn_cli_usage_error("IMAGES and LABELS cannot both be standard input");
  return import(images, labels, &o);
}

/* DIR/NAME, which must exist; else say where Fashion-MNIST comes from. */
static char *fashion_file(const char *dir, const char *name)
{
  size_t n = strlen(dir) + strlen(name) + 2;
  char *path = malloc(n);
  if (path == NULL)
    nn_cli_die(NN_EXIT_FAIL, "out of memory");
  snprintf(path, n, "%s/%s", dir, name);
  struct stat st;
  if (stat(path, &st) != 0 && errno == ENOENT)
    nn_cli_die(NN_EXIT_FAIL,
               "%s: No such file or directory (Fashion-MNIST is in Debian's "
               "package dataset-fashion-mnist: apt-get install "
               "dataset-fashion-mnist)", path);
  return path;
}

static int fashion(int argc, char **argv)
{
  idx_opts o = {0};
  parse_idx_options(argc, argv, 1, &o);
  if (optind == argc)
    nn_cli_usage_error("fashion-mnist needs 'train' or 'test'");
  if (argc - optind > 1)
    nn_cli_usage_error("unexpected operand '%s'", argv[optind + 1]);
  const char *part = argv[optind], *prefix;
  if (strcmp(part, "train") == 0)
    prefix = "train";
  else if (strcmp(part, "test") == 0)
    prefix = "t10k";
  else
    nn_cli_usage_error("fashion-mnist: '%s' is neither 'train' nor 'test'",
                       part);
  char name[64];
  snprintf(name, sizeof name, "%s-images-idx3-ubyte.gz", prefix);
  char *images = fashion_file(o.dir, name);
  snprintf(name, sizeof name, "%s-labels-idx1-ubyte.gz", prefix);
  char *labels = fashion_file(o.dir, name);
  int status = import(images, labels, &o);
  free(images);
  free(labels);
  return status;
}

/* ARG is --help or --version, or an abbreviation of it (at least "--h"). */
static int is_option(const char *arg, const char *option)
{
  size_t n = strlen(arg);
  return n >= 3 && strncmp(arg, option, n) == 0;
}

int main(int argc, char **argv)
{
  nn_cli_init(argc, argv);
  if (argc < 2)
    nn_cli_usage_error("missing data set NAME");
  const char *name = argv[1];
  if (name[0] == '-') {
    if (is_option(name, "--help"))
      usage();
    if (is_option(name, "--version"))
      nn_cli_version();
    nn_cli_usage_error("the data set NAME must come first, before '%s'",
                       name);
  }
  optind = 2;
  if (strcmp(name, "idx") == 0)
    return idx(argc, argv);
  if (strcmp(name, "fashion-mnist") == 0)
    return fashion(argc, argv);
  return generate(name, argc, argv);
}
