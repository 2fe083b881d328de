/* splitrun.c -- nn-split's runs: the rows held, the part outputs, the
 * in-memory and the streaming split (nn-split(1); NOTES.md §1).  The
 * partitions themselves are lib/split.c's. */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "splitrun.h"

static const char *const part_names[] = {"train", "valid", "test"};

const char *nn_splitrun_part_name(size_t i)
{
  return i < 3 ? part_names[i] : NULL;
}

int nn_splitrun_part_index(const char *name)
{
  for (int i = 0; i < 3; i++)
    if (strcmp(name, part_names[i]) == 0)
      return i;
  return -1;
}

/* N elements of SIZE bytes (at least one byte); NULL when out of memory. */
static void *alloc_n(size_t n, size_t size)
{
  if (size && n > (size_t) -1 / size)
    return NULL;
  return malloc(n * size > 0 ? n * size : 1);
}

static int no_memory(nn_err *err)
{
  return nn_err_set(err, NN_ENOMEM, "out of memory");
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

/* -- the rows ------------------------------------------------------------ */

int nn_splitrun_rows_init(nn_splitrun_rows *r, const nn_table *t, int keyed,
                          nn_err *err)
{
  memset(r, 0, sizeof *r);
  r->head = nn_table_header_raw(t, &r->head_len);
  r->eol = nn_splitrun_eol_len(r->head, r->head_len) == 2 ? "\r\n" : "\n";
  r->delim = nn_table_delim(t);
  r->off = malloc(sizeof *r->off);
  if (keyed)
    r->key = malloc(sizeof *r->key);
  if (r->off == NULL || (keyed && r->key == NULL)) {
    nn_splitrun_rows_free(r);
    return no_memory(err);
  }
  r->off[0] = 0;
  r->ncap = 1;
  return NN_OK;
}

void nn_splitrun_rows_free(nn_splitrun_rows *r)
{
  free(r->text);
  free(r->off);
  free(r->key);
  r->text = NULL;
  r->off = NULL;
  r->key = NULL;
  r->len = r->cap = r->n = r->ncap = 0;
}

size_t nn_splitrun_eol_len(const char *s, size_t len)
{
  if (len > 0 && s[len - 1] == '\n')
    return len > 1 && s[len - 2] == '\r' ? 2 : 1;
  return 0;
}

void nn_splitrun_put_row(FILE *fp, const char *s, size_t len, int delim,
                         const char *label)
{
  if (label == NULL) {
    fwrite(s, 1, len, fp);
    return;
  }
  size_t e = nn_splitrun_eol_len(s, len);
  fwrite(s, 1, len - e, fp);
  putc(delim, fp);
  fputs(label, fp);
  fwrite(s + len - e, 1, e, fp);
}

int nn_splitrun_rows_add(nn_splitrun_rows *r, const nn_table *t, nn_err *err)
{
  size_t len;
  const char *raw = nn_table_raw(t, &len);
  size_t extra = nn_splitrun_eol_len(raw, len) ? 0 : strlen(r->eol);
  if (r->cap - r->len < len + extra) {
    size_t cap = r->cap ? r->cap : (size_t) 1 << 20;
    while (cap - r->len < len + extra)
      cap *= 2;
    char *text = realloc(r->text, cap);
    if (text == NULL)
      return no_memory(err);
    r->text = text;
    r->cap = cap;
  }
  memcpy(r->text + r->len, raw, len);
  memcpy(r->text + r->len + len, r->eol, extra);
  r->len += len + extra;
  if (r->n + 1 >= r->ncap) {
    size_t ncap = r->ncap ? 2 * r->ncap : 1 << 16;
    size_t *off = realloc(r->off, ncap * sizeof *off);
    if (off == NULL)
      return no_memory(err);
    r->off = off;
    if (r->key) {
      uint32_t *key = realloc(r->key, ncap * sizeof *key);
      if (key == NULL)
        return no_memory(err);
      r->key = key;
    }
    r->ncap = ncap;
  }
  r->off[++r->n] = r->len;
  return NN_OK;
}

/* Room for SIZE bytes of rows, in huge pages where the system has them:
 * a row table of a large file then costs a few dozen page faults, not
 * one per 4 KiB. */
static void reserve_text(nn_splitrun_rows *r, size_t size)
{
  size_t huge = (size_t) 2 << 20;
  size = (size + huge - 1) / huge * huge;
  void *p = NULL;
  if (posix_memalign(&p, huge, size) != 0)
    return;  /* then nn_splitrun_rows_add allocates as it goes */
#ifdef MADV_HUGEPAGE
  madvise(p, size, MADV_HUGEPAGE);
#endif
  free(r->text);
  r->text = p;
  r->cap = size;
  r->len = 0;
}

int nn_splitrun_rows_read(nn_splitrun_rows *r, nn_table *t,
                          nn_split_keys *keys, size_t key,
                          size_t input_size, nn_err *err)
{
  int more;
  if (input_size > 0 && r->n == 0)  /* the rows, and a line end for the last */
    reserve_text(r, input_size + 2);
  while ((more = nn_table_next(t, err)) > 0) {
    if (r->n == NN_SPLIT_MAX_ROWS)
      return nn_err_set(err, NN_EDATA, "%s: more than %zu rows: too many to "
                        "split in memory (try --stream)", nn_table_file(t),
                        NN_SPLIT_MAX_ROWS);
    if (keys && nn_split_keys_id(keys, nn_table_field(t, key),
                                 nn_table_field_len(t, key), &r->key[r->n])
                != NN_OK)
      return no_memory(err);
    int status = nn_splitrun_rows_add(r, t, err);
    if (status != NN_OK)
      return status;
  }
  if (more < 0)
    return err->status;
  if (r->n == 0)
    return nn_err_set(err, NN_EDATA, "%s: no data rows", nn_table_file(t));
  return NN_OK;
}

/* -- the outputs --------------------------------------------------------- */

/* Open OUT on PATH (NULL: standard output) for the rows of PART, or with
 * INVERT of every other part. */
static int open_output(nn_splitrun_output *out, const char *path,
                       uint32_t part, int invert, nn_err *err)
{
  memset(out, 0, sizeof *out);
  int status = nn_outfile_open(&out->o, path, err);
  if (status != NN_OK)
    return status;
  out->part = part;
  out->invert = invert;
  /* Large buffers: far fewer write calls than with stdio's default. */
  size_t bufsize = (size_t) 1 << 20;
  if ((out->buf = malloc(bufsize)) != NULL)
    setvbuf(out->o.fp, out->buf, _IOFBF, bufsize);
  return NN_OK;
}

static int wanted(const nn_splitrun_output *out, uint32_t part)
{
  return out->all || (part == out->part) != out->invert;
}

/* The table's preamble, with the column 'split' added for --label. */
static void put_head(nn_splitrun_output *out, const nn_splitrun_rows *r)
{
  nn_splitrun_put_row(out->o.fp, r->head, r->head_len, r->delim,
                      out->all ? "split" : NULL);
}

char *nn_splitrun_part_path(const char *prefix, size_t fold,
                            const char *name, int delim)
{
  size_t n = strlen(prefix) + strlen(name) + 64;
  char *path = malloc(n);
  if (path == NULL)
    return NULL;
  if (fold)
    snprintf(path, n, "%s-fold%zu-%s.%s", prefix, fold, name,
             delim == ',' ? "csv" : "tsv");
  else
    snprintf(path, n, "%s-%s.%s", prefix, name, delim == ',' ? "csv" : "tsv");
  return path;
}

char *nn_splitrun_default_prefix(const char *input)
{
  if (strcmp(input, "-") == 0)
    input = "split";
  const char *slash = strrchr(input, '/');
  const char *base = slash ? slash + 1 : input;
  size_t n = strlen(base);
  char *p = malloc(n + 1);
  if (p == NULL)
    return NULL;
  memcpy(p, base, n + 1);
  if (n > 4 && (strcasecmp(p + n - 4, ".tsv") == 0 ||
                strcasecmp(p + n - 4, ".csv") == 0 ||
                strcasecmp(p + n - 4, ".txt") == 0))
    p[n - 4] = '\0';
  return p;
}

void nn_splitrun_outputs_free(nn_splitrun_output *out, size_t nout)
{
  if (out == NULL)
    return;
  for (size_t i = 0; i < nout; i++) {
    if (out[i].o.fp != NULL)
      nn_outfile_abort(&out[i].o);
    free(out[i].buf);
  }
  free(out);
}

nn_splitrun_output *nn_splitrun_outputs_open(const nn_splitrun_opts *op,
                                             int delim, size_t nparts,
                                             size_t *nout, nn_err *err)
{
  nn_splitrun_output *out;
  *nout = 0;
  if (op->part >= 0 || op->label) {
    if ((out = alloc_n(1, sizeof *out)) == NULL) {
      no_memory(err);
      return NULL;
    }
    uint32_t part = op->folds ? (uint32_t) op->fold - 1 : (uint32_t) op->part;
    /* the training part of split I: every fold but I */
    if (open_output(out, NULL, part, op->folds && op->part == 0, err)
        != NN_OK) {
      free(out);
      return NULL;
    }
    out->all = op->label;
    *nout = 1;
    return out;
  }
  char *prefix = op->prefix ? NULL : nn_splitrun_default_prefix(op->input);
  const char *pre = op->prefix ? op->prefix : prefix;
  size_t n = op->folds ? 2 * op->folds : nparts;
  out = pre ? alloc_n(n, sizeof *out) : NULL;
  if (out == NULL) {
    free(prefix);
    no_memory(err);
    return NULL;
  }
  size_t i = 0;
  for (; i < n; i++) {
    char *path;
    int status;
    if (op->folds) {
      size_t f = i / 2 + 1;
      path = nn_splitrun_part_path(pre, f, i % 2 ? "valid" : "train", delim);
      status = path ? open_output(&out[i], path, (uint32_t) f - 1,
                                  i % 2 == 0, err) : no_memory(err);
    } else {
      path = nn_splitrun_part_path(pre, 0, part_names[i], delim);
      status = path ? open_output(&out[i], path, (uint32_t) i, 0, err)
                    : no_memory(err);
    }
    free(path);
    if (status != NN_OK)
      break;
  }
  free(prefix);
  if (i < n) {
    nn_splitrun_outputs_free(out, i);
    return NULL;
  }
  *nout = n;
  return out;
}

int nn_splitrun_outputs_commit(nn_splitrun_output *out, size_t nout,
                               nn_err *err)
{
  nn_outfile **o = calloc(nout ? nout : 1, sizeof *o);
  if (o == NULL) {
    nn_splitrun_outputs_free(out, nout);
    return no_memory(err);
  }
  for (size_t i = 0; i < nout; i++)
    o[i] = &out[i].o;
  int status = nn_outfile_commit_all(o, nout, err);
  free(o);
  nn_splitrun_outputs_free(out, nout);  /* the buffers, after the files */
  return status;
}

/* The label of a row in PART for --label. */
static const char *label_of(const nn_splitrun_opts *op, uint32_t part,
                            char *buf, size_t size)
{
  if (!op->folds)  /* after the parts: the rows --count leaves out */
    return part < op->nparts ? part_names[part] : "unused";
  snprintf(buf, size, "%u", (unsigned) part + 1);
  return buf;
}

/* -- the runs ------------------------------------------------------------ */

int nn_splitrun_check_nonempty(const nn_splitrun_opts *op, const char *file,
                               const size_t *got, size_t nparts, nn_err *err)
{
  for (size_t i = 0; i < nparts; i++)
    if (got[i] == 0) {
      if (op->folds)
        return nn_err_set(err, NN_EDATA, "%s: fold %zu gets no rows", file,
                          i + 1);
      return nn_err_set(err, NN_EDATA, "%s: part '%s' gets no rows", file,
                        part_names[i]);
    }
  return NN_OK;
}

int nn_splitrun_stream(const nn_splitrun_opts *op, nn_table *t,
                       int have_key, size_t key, nn_err *err)
{
  size_t k = op->folds ? op->folds : op->nparts;
  double cum[3], *cumk = op->folds ? alloc_n(k, sizeof *cumk) : cum;
  size_t nout = 0, *got = calloc(k, sizeof *got);
  nn_splitrun_output *out = NULL;
  nn_splitrun_rows r;
  int status = nn_splitrun_rows_init(&r, t, 0, err);
  if (status != NN_OK)
    goto done;
  if (cumk == NULL || got == NULL) {
    status = no_memory(err);
    goto done;
  }
  for (size_t i = 0, sum = 0; op->folds && i < k; i++)
    cumk[i] = (double) ++sum / (double) k;
  for (size_t i = 0; !op->folds && i < k; i++)
    cum[i] = (i ? cum[i - 1] : 0) + op->ratio[i];
  cumk[k - 1] = 1;
  out = nn_splitrun_outputs_open(op, r.delim, k, &nout, err);
  if (out == NULL) {
    status = err->status;
    goto done;
  }
  for (size_t o = 0; o < nout; o++)
    put_head(&out[o], &r);
  uint64_t seed = nn_split_hash_seed(op->seed);
  size_t n = 0, ncols = nn_table_ncols(t);
  int more;
  char buf[32];
  while ((more = nn_table_next(t, err)) > 0) {
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
    int eol = nn_splitrun_eol_len(raw, len) != 0;
    for (size_t o = 0; o < nout; o++)
      if (wanted(&out[o], part)) {
        nn_splitrun_put_row(out[o].o.fp, raw, len, r.delim,
                            out[o].all ? label_of(op, part, buf, sizeof buf)
                                       : NULL);
        if (!eol)
          fputs(r.eol, out[o].o.fp);
      }
  }
  if (more < 0)
    status = err->status;
  else if (n == 0)
    status = nn_err_set(err, NN_EDATA, "%s: no data rows", nn_table_file(t));
  else if (op->folds && op->folds > n)
    status = nn_err_set(err, NN_EDATA, "%s: %zu folds but only %zu rows",
                        nn_table_file(t), op->folds, n);
  else
    status = nn_splitrun_check_nonempty(op, nn_table_file(t), got, k, err);
  if (status == NN_OK) {
    status = nn_splitrun_outputs_commit(out, nout, err);
    out = NULL;
  }
done:
  nn_splitrun_outputs_free(out, nout);
  nn_splitrun_rows_free(&r);
  free(got);
  if (cumk != cum)
    free(cumk);
  return status;
}

int nn_splitrun_part_sizes(const nn_splitrun_opts *op, const char *file,
                           size_t n, size_t *size, size_t *k, nn_err *err)
{
  if (op->folds) {
    if (op->folds > n)
      return nn_err_set(err, NN_EDATA, "%s: %zu folds but only %zu rows",
                        file, op->folds, n);
    double *w = alloc_n(op->folds, sizeof *w);
    if (w == NULL)
      return no_memory(err);
    for (size_t i = 0; i < op->folds; i++)
      w[i] = 1;
    nn_split_apportion(n, w, op->folds, size);
    free(w);
    *k = op->folds;
    return NN_OK;
  }
  if (!op->by_count) {
    nn_split_apportion(n, op->ratio, op->nparts, size);
    *k = op->nparts;
    return NN_OK;
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
    return nn_err_set(err, NN_EDATA, "%s: --count %s asks for %zu rows, but "
                      "the table has only %zu", file, list, sum, n);
  }
  *k = op->nparts;
  if (sum < n) {
    size[op->nparts] = n - sum;
    *k = op->nparts + 1;
  }
  return NN_OK;
}

/* PART[0..n-1]: each row's part (of K, sized SIZE) as OP asks: stratified
 * or grouped by R's keys (NKEYS of them, named in KEYS, of the column COL)
 * or in blocks, walking ORDER (the rows, shuffled by RNG if not NULL). */
static int assign(const nn_splitrun_opts *op, const nn_table *t,
                  const nn_splitrun_rows *r, const nn_split_keys *keys,
                  size_t nkeys, const char *col, gsl_rng *rng,
                  const size_t *order, size_t k, const size_t *size,
                  uint32_t *part, nn_err *err)
{
  size_t n = r->n;
  int status = NN_OK;
  if (op->stratify) {
    size_t *count = calloc(nkeys, sizeof *count);
    size_t *x = alloc_n(nkeys * k, sizeof *x);
    if (count == NULL || x == NULL)
      status = no_memory(err);
    for (size_t i = 0; status == NN_OK && i < n; i++)
      count[r->key[i]]++;
    for (size_t c = 0; status == NN_OK && op->folds && c < nkeys; c++)
      if (count[c] < op->folds)
        status = nn_err_set(err, NN_EDATA, "%s: %s: class '%s' has %zu "
                            "row%s, fewer than the %zu folds",
                            nn_table_file(t), col,
                            nn_split_keys_name(keys, (uint32_t) c), count[c],
                            count[c] == 1 ? "" : "s", op->folds);
    if (status == NN_OK)
      status = nn_split_round_table(nkeys, count, k, size, x, err);
    if (status == NN_OK)
      status = nn_split_stratified(n, order, r->key, nkeys, k, x, part, err);
    free(count);
    free(x);
  } else if (op->group) {
    if (op->folds && nkeys < op->folds)
      return nn_err_set(err, NN_EDATA, "%s: %s: %zu group%s, fewer than the "
                        "%zu folds", nn_table_file(t), col, nkeys,
                        nkeys == 1 ? "" : "s", op->folds);
    size_t *gorder = alloc_n(nkeys, sizeof *gorder);
    if (gorder == NULL)
      return no_memory(err);
    nn_split_order(nkeys, rng, gorder);
    status = nn_split_grouped(n, r->key, nkeys, gorder, k, size, part, err);
    free(gorder);
  } else {
    nn_split_blocks(n, order, k, size, part);
  }
  return status;
}

/* Write the header and the rows R of the parts PART, in ORDER, to each of
 * the NOUT outputs OUT (--label: every row, in the input order). */
static void write_parts(const nn_splitrun_opts *op, const nn_splitrun_rows *r,
                        const size_t *order, const uint32_t *part,
                        nn_splitrun_output *out, size_t nout)
{
  size_t n = r->n;
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
        nn_splitrun_put_row(fp, r->text + r->off[i],
                            r->off[i + 1] - r->off[i], r->delim,
                            out[o].all ? label_of(op, part[i], buf, sizeof buf)
                                       : NULL);
    }
  }
}

int nn_splitrun_memory(const nn_splitrun_opts *op, nn_table *t, int keyed,
                       size_t key, nn_err *err)
{
  nn_split_keys *keys = NULL;
  gsl_rng *rng = NULL;
  size_t *size = NULL, *order = NULL, *got = NULL, nout = 0;
  uint32_t *part = NULL;
  nn_splitrun_output *out = NULL;
  nn_splitrun_rows r;
  int status = nn_splitrun_rows_init(&r, t, keyed, err);
  if (status != NN_OK)
    return status;
  if (keyed && (keys = nn_split_keys_alloc()) == NULL) {
    status = no_memory(err);
    goto done;
  }
  struct stat st;
  int fd = strcmp(op->input, "-") == 0 ? STDIN_FILENO : -1;
  size_t input_size = 0;
  if ((fd >= 0 ? fstat(fd, &st) : stat(op->input, &st)) == 0 &&
      S_ISREG(st.st_mode) && st.st_size > 0 &&
      (uintmax_t) st.st_size < (uintmax_t) SIZE_MAX / 2)
    input_size = (size_t) st.st_size;
  status = nn_splitrun_rows_read(&r, t, keys, key, input_size, err);
  if (status != NN_OK)
    goto done;
  size_t n = r.n, k;
  size_t maxk = op->folds ? op->folds : 4;
  if ((size = alloc_n(maxk, sizeof *size)) == NULL) {
    status = no_memory(err);
    goto done;
  }
  status = nn_splitrun_part_sizes(op, nn_table_file(t), n, size, &k, err);
  if (status != NN_OK)
    goto done;
  size_t nkeys = keys ? nn_split_keys_count(keys) : 0;
  char col[160];
  if (keyed)
    column_name(t, key, col, sizeof col);

  rng = op->shuffle ? nn_split_rng(op->seed) : NULL;
  order = alloc_n(n, sizeof *order);
  part = alloc_n(n, sizeof *part);
  if ((op->shuffle && rng == NULL) || order == NULL || part == NULL) {
    status = no_memory(err);
    goto done;
  }
  nn_split_order(n, rng, order);
  status = assign(op, t, &r, keys, nkeys, col, rng, order, k, size, part,
                  err);
  if (status != NN_OK)
    goto done;

  if ((got = calloc(k, sizeof *got)) == NULL) {
    status = no_memory(err);
    goto done;
  }
  for (size_t i = 0; i < n; i++)
    got[part[i]]++;
  size_t nparts = op->folds ? op->folds : op->nparts;
  status = nn_splitrun_check_nonempty(op, nn_table_file(t), got, nparts, err);
  if (status != NN_OK)
    goto done;
  out = nn_splitrun_outputs_open(op, r.delim, nparts, &nout, err);
  if (out == NULL) {
    status = err->status;
    goto done;
  }
  write_parts(op, &r, order, part, out, nout);
  status = nn_splitrun_outputs_commit(out, nout, err);
  out = NULL;
done:
  nn_splitrun_outputs_free(out, nout);
  gsl_rng_free(rng);
  nn_split_keys_free(keys);
  nn_splitrun_rows_free(&r);
  free(size);
  free(order);
  free(part);
  free(got);
  return status;
}
