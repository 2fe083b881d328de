/* table-parse.c -- how fast the table reader turns TSV text into numbers.
 *
 * Usage: table-parse [--rows N] [--seed N] [--runs N] [--check N] [--keep]
 *                    [FILE...]
 *
 * Without FILE operands it writes two seeded 10-column TSV tables into
 * $TMPDIR (default /tmp), times reading them and removes them:
 *
 *   short   integers 0-255 and two-decimal values 0.00-255.99, half each,
 *           like pixel data (the exact fast path of number.c);
 *   long    "%.17g" of random doubles: a uniform [0,1) value times 10^k,
 *           k uniform in -8..8, random sign (17 significant digits).
 *
 * Each table is read through the real reader, nn_table_open + nn_table_next
 * + nn_table_number on every field, best of RUNS runs (default 3) with the
 * page cache warm.  For comparison it also times the reader alone (no
 * numbers), nn_number_parse_padded (what nn_table_number calls) alone,
 * nn_number_parse alone and glibc strtod alone on the same field
 * strings held in memory: strtod alone is the ceiling of any reader that
 * calls strtod for every field.
 *
 * Verification, outside the timed runs: every field that nn_table_number
 * reads must be bit-identical to strtod on the same text, and in the
 * generated tables every field must be a number.  Then the number parsers
 * themselves (nn_number_parse, and nn_number_parse_padded, the 8-bytes-at-
 * a-time path nn_table_number takes) are compared with strtod, status and
 * bits: on N random strings (--check N) of the shapes most likely to break
 * a fast path (17-19 digits, halfway cases, any exponent, bit patterns of
 * random doubles, random short text), on every string of up to 8
 * characters from "0129.+-e", and on every 8-digit string.
 *
 * With FILE operands it times and verifies those tables instead (fields
 * that are not numbers are counted, not errors).
 *
 * Output: a TSV table, one row per data set and pass.  Exit status 0, or 1
 * when any value differs from strtod (or a file cannot be read), 2 on bad
 * usage.
 */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "number.h"
#include "table.h"
#include "bench.h"

#define NCOLS 10

static const char *prog = "table-parse";

/* -- seeded random numbers: splitmix64, the same bytes on every libc ------ */

static uint64_t rng_state;

static uint64_t rng(void)
{
  uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static double uniform(void) { return (double) (rng() >> 11) * 0x1p-53; }

/* -- temporary files, removed at exit and on SIGINT/SIGTERM --------------- */

static char tmp_path[2][4096];

static void remove_tmp(void)
{
  for (int i = 0; i < 2; i++)
    if (tmp_path[i][0] != '\0')
      unlink(tmp_path[i]);
}

static void on_signal(int sig)
{
  remove_tmp();  /* unlink is async-signal-safe */
  signal(sig, SIG_DFL);
  raise(sig);
}

/* Write a generated table KIND ("short" or "long") into slot I; returns its
 * path or NULL. */
static const char *generate(int i, const char *kind, long rows, uint64_t seed)
{
  const char *dir = getenv("TMPDIR");
  if (dir == NULL || *dir == '\0')
    dir = "/tmp";
  snprintf(tmp_path[i], sizeof tmp_path[i], "%s/nnkit-bench-%s-XXXXXX", dir,
           kind);
  int fd = mkstemp(tmp_path[i]);
  if (fd < 0) {
    fprintf(stderr, "%s: %s: %s\n", prog, tmp_path[i], strerror(errno));
    tmp_path[i][0] = '\0';
    return NULL;
  }
  FILE *fp = fdopen(fd, "w");
  if (fp == NULL) {
    close(fd);
    return NULL;
  }
  static char iobuf[1 << 20];
  setvbuf(fp, iobuf, _IOFBF, sizeof iobuf);
  rng_state = seed;
  int is_long = strcmp(kind, "long") == 0;
  for (int j = 0; j < NCOLS; j++)
    fprintf(fp, "%sx%d", j ? "\t" : "", j + 1);
  putc('\n', fp);
  for (long r = 0; r < rows; r++)
    for (int j = 0; j < NCOLS; j++) {
      uint64_t u = rng();
      if (j)
        putc('\t', fp);
      if (is_long) {
        double x = uniform();
        int k = (int) (u % 17) - 8;
        for (int m = 0; m < (k < 0 ? -k : k); m++)
          x = k < 0 ? x / 10 : x * 10;
        fprintf(fp, "%.17g", (u >> 32) & 1 ? -x : x);
      } else if (u & 1) {
        fprintf(fp, "%u", (unsigned) (u >> 8) % 256);
      } else {
        unsigned c = (unsigned) (u >> 8) % 25600;  /* hundredths */
        fprintf(fp, "%u.%02u", c / 100, c % 100);
      }
      if (j == NCOLS - 1)
        putc('\n', fp);
    }
  if (ferror(fp) || fclose(fp) != 0) {
    fprintf(stderr, "%s: %s: write error\n", prog, tmp_path[i]);
    return NULL;
  }
  return tmp_path[i];
}

/* -- the timed passes ----------------------------------------------------- */

struct pass {
  double seconds;  /* best run */
  size_t fields;   /* fields read (numbers or not) */
  size_t bad;      /* fields that are not numbers */
  double sum;      /* of the numbers: keeps the work from being optimised out */
};

/* Read PATH through the reader; with NUMBERS, nn_table_number every field. */
static int read_table(const char *path, int numbers, struct pass *ps)
{
  nn_err err;
  nn_err_clear(&err);
  double t0 = bench_now();
  nn_table *t = nn_table_open(path, 0, &err);
  if (t == NULL) {
    fprintf(stderr, "%s: %s\n", prog, err.msg);
    return -1;
  }
  size_t nc = nn_table_ncols(t), fields = 0, bad = 0;
  double sum = 0;
  int r;
  while ((r = nn_table_next(t, &err)) == 1) {
    fields += nc;
    if (numbers) {
      for (size_t j = 0; j < nc; j++) {
        double x;
        if (nn_table_number(t, j, &x, &err) == NN_OK)
          sum += x;
        else
          bad++;
      }
    } else {
      for (size_t j = 0; j < nc; j++)
        sum += (double) nn_table_field_len(t, j);
    }
  }
  nn_table_close(t);
  double t1 = bench_now();
  if (r < 0) {
    fprintf(stderr, "%s: %s\n", prog, err.msg);
    return -1;
  }
  ps->seconds = t1 - t0;
  ps->fields = fields;
  ps->bad = bad;
  ps->sum = sum;
  return 0;
}

/* A simple table's fields (no quotes, no comments) in memory, each followed
 * by a NUL, for the passes that leave the reader out. */
struct fields {
  char *text;     /* the fields, NUL-separated */
  size_t n;       /* how many */
  uint16_t *len;  /* their lengths */
};

static int load_fields(const char *path, struct fields *f)
{
  memset(f, 0, sizeof *f);
  FILE *fp = fopen(path, "rb");
  if (fp == NULL)
    return -1;
  struct stat st;
  /* 8 zero bytes at the end: nn_number_parse_padded may read past a NUL */
  if (fstat(fileno(fp), &st) != 0 ||
      (f->text = calloc((size_t) st.st_size + 8, 1)) == NULL ||
      fread(f->text, 1, (size_t) st.st_size, fp) != (size_t) st.st_size) {
    fclose(fp);
    free(f->text);
    return -1;
  }
  fclose(fp);
  size_t size = (size_t) st.st_size, n = 0;
  char *s = f->text;
  s[size] = '\0';
  char *body = memchr(s, '\n', size);  /* skip the header */
  if (body == NULL)
    return -1;
  body++;
  for (char *c = body; c < s + size; c++)
    n += *c == '\t' || *c == '\n';
  f->len = malloc(n * sizeof *f->len);
  if (f->len == NULL)
    return -1;
  memmove(s, body, (size_t) (s + size - body) + 1);
  size -= (size_t) (body - s);
  size_t k = 0, start = 0;
  for (size_t c = 0; c < size; c++)
    if (s[c] == '\t' || s[c] == '\n') {
      s[c] = '\0';
      f->len[k++] = (uint16_t) (c - start);
      start = c + 1;
    }
  f->n = k;
  return 0;
}

static void time_strtod(const struct fields *f, struct pass *ps)
{
  double t0 = bench_now(), sum = 0;
  const char *p = f->text;
  for (size_t k = 0; k < f->n; k++) {
    char *end;
    sum += strtod(p, &end);
    p = end + 1;
  }
  ps->seconds = bench_now() - t0;
  ps->fields = f->n;
  ps->bad = 0;
  ps->sum = sum;
}

static void time_number_parse(const struct fields *f,
                              int (*parse)(const char *, size_t, double *),
                              struct pass *ps)
{
  double t0 = bench_now(), sum = 0;
  const char *p = f->text;
  size_t bad = 0;
  for (size_t k = 0; k < f->n; k++) {
    double x;
    if (parse(p, f->len[k], &x) == NN_NUMBER_OK)
      sum += x;
    else
      bad++;
    p += f->len[k] + 1;
  }
  ps->seconds = bench_now() - t0;
  ps->fields = f->n;
  ps->bad = bad;
  ps->sum = sum;
}

/* -- verification --------------------------------------------------------- */

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* Compare every number the reader gives with strtod on the field's text.
 * Returns the number of mismatches (or -1 on a read error); *NOTNUM gets
 * the fields that are not numbers. */
static long verify_table(const char *path, size_t *notnum)
{
  nn_err err;
  nn_err_clear(&err);
  nn_table *t = nn_table_open(path, 0, &err);
  if (t == NULL) {
    fprintf(stderr, "%s: %s\n", prog, err.msg);
    return -1;
  }
  size_t nc = nn_table_ncols(t);
  long bad = 0;
  *notnum = 0;
  int r;
  while ((r = nn_table_next(t, &err)) == 1)
    for (size_t j = 0; j < nc; j++) {
      const char *s = nn_table_field(t, j);
      double x, y;
      if (nn_table_number(t, j, &x, &err) != NN_OK) {
        ++*notnum;
        continue;
      }
      char *end;
      y = strtod(s, &end);
      if (end != s + nn_table_field_len(t, j) || !same_bits(x, y)) {
        if (bad++ < 10)
          fprintf(stderr, "%s: %s:%ld: '%s' reads as %a, strtod gives %a\n",
                  prog, path, nn_table_line(t), s, x, y);
      }
    }
  nn_table_close(t);
  if (r < 0) {
    fprintf(stderr, "%s: %s\n", prog, err.msg);
    return -1;
  }
  return bad;
}

/* Random decimal text of the shapes that stress an exact parser. */
static size_t random_number_text(char *buf, size_t size)
{
  uint64_t u = rng();
  switch (u % 6) {
  case 0: {  /* the bit pattern of a random finite double, 17 digits */
    double x;
    uint64_t b;
    do {
      b = rng();
      memcpy(&x, &b, sizeof x);
    } while (x != x || x - x != 0);
    return (size_t) snprintf(buf, size, "%.17g", x);
  }
  case 1: {  /* 1-19 random digits, point anywhere, exponent -350..350 */
    char d[24];
    int nd = 1 + (int) (rng() % 19);
    for (int i = 0; i < nd; i++)
      d[i] = (char) ('0' + rng() % 10);
    int point = (int) (rng() % (uint64_t) (nd + 1));
    int e = (int) (rng() % 701) - 350;
    return (size_t) snprintf(buf, size, "%s%.*s.%.*se%d",
                             (u >> 8) & 1 ? "-" : "", point, d, nd - point,
                             d + point, e);
  }
  case 2: {  /* halfway between two doubles, written out exactly + noise */
    double x;
    uint64_t b;
    do {
      b = rng() & ~(UINT64_C(1) << 63);
      memcpy(&x, &b, sizeof x);
    } while (x != x || x - x != 0 || x == 0);
    double next = nextafter(x, 1e308 * 10);
    /* %.40e of the midpoint is long; cut it at 17-25 digits to land near */
    long double mid = ((long double) x + (long double) next) / 2;
    int prec = 16 + (int) (rng() % 10);
    return (size_t) snprintf(buf, size, "%.*Le", prec, mid);
  }
  case 3:  /* a random double near 1, like weights and probabilities */
    return (size_t) snprintf(buf, size, "%.*g", 1 + (int) (rng() % 19),
                             uniform() * 4 - 2);
  case 4: {  /* an integer of up to 20 digits */
    return (size_t) snprintf(buf, size, "%" PRIu64, rng() >> (rng() % 64));
  }
  default: {  /* subnormals and the edges of the range */
    double x = (double) (rng() >> 11) * 0x1p-1074 * (u & 1 ? 1 : 0x1p-40);
    if ((u >> 9) & 1)
      x = 0x1.fffffffffffffp1023 * (1 - uniform() * 1e-10);
    return (size_t) snprintf(buf, size, "%.*g", 15 + (int) (rng() % 6), x);
  }
  }
}

/* Check both parsers on the LEN bytes of text at BUF, which is followed by
 * a NUL and 7 more readable bytes: nn_number_parse must agree with strtod
 * (status and bits) and nn_number_parse_padded with nn_number_parse.
 * Returns 1 on a mismatch.  The text holds only characters of the number
 * syntax, so that strtod (which also takes spaces, hex, inf and nan)
 * rejects what nn_number_parse must. */
static int check_text(const char *buf, size_t len)
{
  double x = 0, xp = 0, y;
  int r = nn_number_parse(buf, len, &x);
  int rp = nn_number_parse_padded(buf, len, &xp);
  errno = 0;
  char *end;
  y = strtod(buf, &end);
  int want = len == 0 || end != buf + len ? NN_NUMBER_SYNTAX
           : errno == ERANGE && (y > 1 || y < -1) ? NN_NUMBER_RANGE
           : NN_NUMBER_OK;
  if (r == want && (r != NN_NUMBER_OK || same_bits(x, y)) && rp == r &&
      (r != NN_NUMBER_OK || same_bits(xp, x)))
    return 0;
  fprintf(stderr, "%s: '%s': nn_number_parse %a (status %d), "
          "nn_number_parse_padded %a (status %d), strtod %a (status %d)\n",
          prog, buf, x, r, xp, rp, y, want);
  return 1;
}

/* Compare the parsers with strtod on N random strings, on every string of
 * up to 8 characters from "0129.+-e" (each way of placing signs, points
 * and exponents in the short numbers of nn_number_parse_padded), and on
 * every 8-digit string (each input of its digit arithmetic). */
static long check_numbers(long n, uint64_t seed)
{
  rng_state = seed ^ UINT64_C(0x5DEECE66D);
  long bad = 0;
  char buf[128];
  for (long i = 0; i < n; i++) {
    memset(buf, 0, sizeof buf);
    size_t len;
    if (i % 4 == 3) {  /* random short text from the number alphabet */
      static const char alphabet[] = "0123456789.+-eE";
      len = (size_t) (rng() % 11);
      for (size_t k = 0; k < len; k++)
        buf[k] = alphabet[rng() % (sizeof alphabet - 1)];
    } else {
      len = random_number_text(buf, sizeof buf - 8);
    }
    bad += check_text(buf, len);
    if (bad > 10)
      return bad;
  }

  static const char alphabet[] = "0129.+-e";
  enum { A = sizeof alphabet - 1 };
  for (size_t len = 0; len <= 8; len++) {
    int digit[8] = {0};  /* an odometer over the alphabet */
    for (;;) {
      memset(buf, 0, sizeof buf);
      for (size_t k = 0; k < len; k++)
        buf[k] = alphabet[digit[k]];
      bad += check_text(buf, len);
      if (bad > 10)
        return bad;
      size_t k = 0;
      while (k < len && ++digit[k] == A)
        digit[k++] = 0;
      if (k == len)
        break;
    }
  }

  memset(buf, 0, sizeof buf);
  memcpy(buf, "00000000", 8);
  for (uint32_t v = 0; v < 100000000; v++) {
    double x;
    if (nn_number_parse_padded(buf, 8, &x) != NN_NUMBER_OK || x != v) {
      fprintf(stderr, "%s: '%s' reads as %a\n", prog, buf, x);
      if (++bad > 10)
        return bad;
    }
    for (int k = 7; k >= 0 && ++buf[k] > '9'; k--)  /* the next decimal */
      buf[k] = '0';
  }
  return bad;
}

/* -- main ----------------------------------------------------------------- */

static void row(const char *set, const char *pass, size_t bytes,
                const struct pass *ps, long mismatches)
{
  printf("%s\t%s\t%zu\t%zu\t%.4f\t%.1f\t%.2f\t", set, pass, bytes, ps->fields,
         ps->seconds, (double) bytes / 1e6 / ps->seconds,
         1e9 * ps->seconds / (double) ps->fields);
  if (mismatches < 0)
    printf("-\n");
  else
    printf("%ld\n", mismatches);
  fflush(stdout);
}

static int best_of(int runs, const char *path, int numbers, struct pass *best)
{
  for (int i = 0; i < runs; i++) {
    struct pass ps;
    if (read_table(path, numbers, &ps) != 0)
      return -1;
    if (i == 0 || ps.seconds < best->seconds)
      *best = ps;
  }
  return 0;
}

/* Time and verify one table; returns the mismatches, or -1. */
static long bench(const char *set, const char *path, int runs, int generated)
{
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
    return -1;
  }
  size_t bytes = (size_t) st.st_size, notnum;
  long bad = verify_table(path, &notnum);  /* also warms the page cache */
  if (bad < 0)
    return -1;
  if (generated && notnum > 0) {
    fprintf(stderr, "%s: %s: %zu field%s not a number\n", prog, path, notnum,
            notnum == 1 ? " is" : "s are");
    bad += (long) notnum;
  }
  struct pass ps = {0};
  if (best_of(runs, path, 1, &ps) != 0)
    return -1;
  row(set, "table+number", bytes, &ps, bad);
  if (best_of(runs, path, 0, &ps) != 0)
    return -1;
  row(set, "table only", bytes, &ps, -1);
  if (generated) {  /* simple tables: the number parsers alone, in memory */
    struct fields f;
    if (load_fields(path, &f) != 0) {
      fprintf(stderr, "%s: %s: cannot load\n", prog, path);
      return -1;
    }
    struct pass best = {0};
    for (int i = 0; i < runs; i++) {
      time_number_parse(&f, nn_number_parse_padded, &ps);
      if (i == 0 || ps.seconds < best.seconds)
        best = ps;
    }
    row(set, "nn_number_parse_padded alone", bytes, &best, -1);
    for (int i = 0; i < runs; i++) {
      time_number_parse(&f, nn_number_parse, &ps);
      if (i == 0 || ps.seconds < best.seconds)
        best = ps;
    }
    row(set, "nn_number_parse alone", bytes, &best, -1);
    for (int i = 0; i < runs; i++) {
      time_strtod(&f, &ps);
      if (i == 0 || ps.seconds < best.seconds)
        best = ps;
    }
    row(set, "strtod alone", bytes, &best, -1);
    free(f.text);
    free(f.len);
  }
  if (notnum > 0 && !generated)
    fprintf(stderr, "%s: %s: %zu field%s not a number\n", prog, path, notnum,
            notnum == 1 ? " is" : "s are");
  return bad;
}

static void usage(FILE *fp)
{
  fprintf(fp,
          "Usage: %s [--rows N] [--seed N] [--runs N] [--check N] [--keep]\n"
          "          [FILE...]\n"
          "Time reading numeric TSV/CSV tables through libnn's reader.\n"
          "  --rows N   rows of each generated table (default 1000000)\n"
          "  --seed N   seed of the generated tables (default 1)\n"
          "  --runs N   timed runs; the best counts (default 3)\n"
          "  --check N  compare the number parsers with strtod on N random\n"
          "             strings and on all short ones (default 1000000;\n"
          "             0 skips this check)\n"
          "  --keep     keep the generated tables (for profiling)\n"
          "With FILE operands, time those tables instead of generated ones.\n",
          prog);
}

static long arg_long(const char *opt, const char *s)
{
  char *end;
  errno = 0;
  long v = s ? strtol(s, &end, 10) : -1;
  if (s == NULL || errno || *end || v < 0) {
    fprintf(stderr, "%s: %s needs a non-negative integer\n", prog, opt);
    usage(stderr);
    exit(2);
  }
  return v;
}

int main(int argc, char **argv)
{
  long rows = 1000000, runs = 3, check = 1000000;
  int keep = 0;
  uint64_t seed = 1;
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    } else if (strcmp(a, "--help") == 0) {
      usage(stdout);
      return 0;
    } else if (strcmp(a, "--rows") == 0) {
      rows = arg_long(a, argv[++i]);
    } else if (strcmp(a, "--seed") == 0) {
      seed = (uint64_t) arg_long(a, argv[++i]);
    } else if (strcmp(a, "--runs") == 0) {
      runs = arg_long(a, argv[++i]);
      if (runs == 0)
        runs = 1;
    } else if (strcmp(a, "--keep") == 0) {
      keep = 1;
    } else if (strcmp(a, "--check") == 0) {
      check = arg_long(a, argv[++i]);
    } else {
      fprintf(stderr, "%s: unknown option '%s'\n", prog, a);
      usage(stderr);
      return 2;
    }
  }

  atexit(remove_tmp);
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);

  printf("# table-parse: %s, best of %ld runs\n",
         i < argc ? "given tables" : "generated 10-column tables", runs);
  printf("data\tpass\tbytes\tfields\tseconds\tMB/s\tns/field\tmismatches\n");
  int status = 0;
  if (i < argc) {
    for (; i < argc; i++) {
      long bad = bench(argv[i], argv[i], (int) runs, 0);
      if (bad != 0)
        status = 1;
    }
  } else {
    static const char *kinds[2] = {"short", "long"};
    for (int k = 0; k < 2; k++) {
      const char *path = generate(k, kinds[k], rows, seed + (uint64_t) k);
      long bad = path ? bench(kinds[k], path, (int) runs, 1) : -1;
      if (bad != 0)
        status = 1;
      if (keep && path)
        fprintf(stderr, "%s: kept %s\n", prog, path);
      else
        unlink(tmp_path[k]);
      tmp_path[k][0] = '\0';
    }
  }
  if (check > 0) {
    double t0 = bench_now();
    long bad = check_numbers(check, seed);
    printf("# number parsers vs strtod: %ld random strings, all short ones "
           "from \"0129.+-e\", all 8-digit ones: %ld mismatches (%.1f s)\n",
           check, bad, bench_now() - t0);
    if (bad != 0)
      status = 1;
  }
  return status;
}
