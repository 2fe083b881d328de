/* split.c -- shuffling, hold-out and k-fold partitions, stratified and
 * grouped (nn-split(1)).
 *
 * NOTES.md §1, "Cross validation": "split the training set into a training
 * part and a validation part, choose the model by validation loss, not by
 * the public test set.  N-fold: split into N parts, each part serves once
 * as validation; average each model's validation loss over the folds".
 *
 * Algorithms:
 *
 * - Shuffling: the Fisher-Yates shuffle as Knuth gives it (TAOCP vol. 2,
 *   §3.4.2, Algorithm P), GSL's gsl_ran_shuffle, driven by gsl_rng_mt19937.
 *
 * - Part sizes: the largest-remainder method of apportionment (Hamilton's
 *   method; M. L. Balinski and H. P. Young, "Fair Representation", 1982).
 *
 * - Stratification: controlled rounding of the class-by-part table of
 *   quotas (M. Bacharach, "Matrix rounding problems", Management Science
 *   12(9), 1966; L. H. Cox and L. R. Ernst, "Controlled rounding", INFOR
 *   20(4), 1982): every cell rounded down or up, every class total and
 *   every part total exact.  Such a rounding exists because the table of
 *   quotas is a fractional feasible flow of a network with integer bounds
 *   (the integrality theorem of network flows); it is found by rounding
 *   each class, then moving rows between parts along augmenting paths
 *   (Ford and Fulkerson, "Flows in Networks", 1962) until every part has
 *   its size.
 *
 * - Groups: groups in a random order laid end to end, each in the part
 *   whose range holds its middle row (systematic assignment of clusters).
 *
 * - Streaming: FNV-1a (G. Fowler, L. C. Noll, K.-P. Vo) over the row's
 *   bytes, finished by the 64-bit finaliser of Austin Appleby's
 *   MurmurHash3.
 */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "split.h"

gsl_rng *nn_split_rng(unsigned long seed)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  if (r != NULL)
    gsl_rng_set(r, seed);
  return r;
}

void nn_split_order(size_t n, gsl_rng *r, size_t *order)
{
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  if (r != NULL && n > 1)
    gsl_ran_shuffle(r, order, n, sizeof *order);
}

void nn_split_apportion(size_t n, const double *w, size_t k, size_t *size)
{
  double sum = 0;
  for (size_t i = 0; i < k; i++)
    sum += w[i];
  size_t given = 0;
  for (size_t i = 0; i < k; i++) {
    double q = (double) n * w[i] / sum;
    size[i] = q < (double) n ? (size_t) q : n;  /* q >= 0: the floor */
    given += size[i];
  }
  /* The rows left over (fewer than k), one each to the parts with the
   * largest fractional parts; a part that got one is above its quota. */
  for (; given < n; given++) {
    size_t best = 0;
    double best_frac = -1;
    for (size_t i = 0; i < k; i++) {
      double frac = (double) n * w[i] / sum - (double) size[i];
      if (frac > best_frac) {
        best = i;
        best_frac = frac;
      }
    }
    size[best]++;
  }
}

void nn_split_blocks(size_t n, const size_t *order, size_t k,
                     const size_t *size, uint32_t *part)
{
  size_t i = 0, left = k ? size[0] : 0;
  for (size_t p = 0; p < n; p++) {
    while (left == 0 && i + 1 < k)
      left = size[++i];
    part[order[p]] = (uint32_t) i;
    if (left > 0)
      left--;
  }
}

/* -- stratification: controlled rounding ----------------------------------- */

/* The workspace of nn_split_round_repair. */
typedef struct {
  size_t ncls, k;        /* classes, parts */
  size_t *x;             /* x[c*k + i]: the rounding being built */
  uint64_t *lo;          /* lo[c*k + i]: the quota rounded down */
  unsigned char *frac;   /* frac[c*k + i]: the quota is not a whole number */
  size_t *total;         /* total[i]: rows of part i so far */
  const size_t *size;    /* size[i]: the rows part i must have */
  size_t *from;          /* from[j]: the part before j on the path, or k */
  size_t *via;           /* via[j]: the class moved from from[j] to j */
  size_t *queue;         /* parts to visit */
} rounding;

/* Class c may give part i a row less / one more without leaving its
 * quota's floor and ceiling. */
static int can_lower(const rounding *w, size_t c, size_t i)
{
  return w->frac[c * w->k + i] && w->x[c * w->k + i] > w->lo[c * w->k + i];
}

static int can_raise(const rounding *w, size_t c, size_t i)
{
  return w->frac[c * w->k + i] && w->x[c * w->k + i] == w->lo[c * w->k + i];
}

/* One augmenting path: a breadth-first search over the parts from those
 * with too many rows; part i leads to part j when some class can move a
 * row from i to j.  Moves the rows along the shortest path to a part with
 * too few rows.  Returns 0 when there is none. */
static int augment(rounding *w)
{
  size_t k = w->k, head = 0, tail = 0;
  for (size_t i = 0; i < k; i++) {
    w->from[i] = k + 1;  /* not reached */
    if (w->total[i] > w->size[i]) {
      w->from[i] = k;    /* a start */
      w->queue[tail++] = i;
    }
  }
  while (head < tail) {
    size_t i = w->queue[head++];
    if (w->total[i] < w->size[i]) {
      w->total[i]++;
      size_t j = i;
      for (; w->from[j] != k; j = w->from[j]) {
        size_t c = w->via[j], f = w->from[j];
        w->x[c * k + j]++;
        w->x[c * k + f]--;
      }
      w->total[j]--;
      return 1;
    }
    for (size_t c = 0; c < w->ncls; c++) {
      if (!can_lower(w, c, i))
        continue;
      for (size_t j = 0; j < k; j++)
        if (w->from[j] == k + 1 && can_raise(w, c, j)) {
          w->from[j] = i;
          w->via[j] = c;
          w->queue[tail++] = j;
        }
    }
  }
  return 0;
}

/* N = sum of COUNT = sum of SIZE, or an error. */
static int table_rows(size_t ncls, const size_t *count, size_t k,
                      const size_t *size, uint64_t *n, nn_err *err)
{
  uint64_t m = 0;
  *n = 0;
  for (size_t c = 0; c < ncls; c++)
    *n += count[c];
  for (size_t i = 0; i < k; i++)
    m += size[i];
  if (*n != m || k == 0)
    return nn_err_set(err, NN_EINVAL, "class counts and part sizes differ");
  if (*n > NN_SPLIT_MAX_ROWS)
    return nn_err_set(err, NN_EINVAL, "too many rows to split");
  return NN_OK;
}

int nn_split_round_repair(size_t ncls, const size_t *count, size_t k,
                          const size_t *size, size_t *x, nn_err *err)
{
  uint64_t n;
  int status = table_rows(ncls, count, k, size, &n, err);
  if (status != NN_OK)
    return status;
  rounding w = {.ncls = ncls, .k = k, .x = x, .size = size};
  w.lo = malloc((ncls * k + 1) * sizeof *w.lo);
  w.frac = malloc(ncls * k + 1);
  w.total = calloc(k, sizeof *w.total);
  w.from = malloc(k * sizeof *w.from);
  w.via = malloc(k * sizeof *w.via);
  w.queue = malloc(k * sizeof *w.queue);
  if (w.lo == NULL || w.frac == NULL || w.total == NULL || w.from == NULL ||
      w.via == NULL || w.queue == NULL) {
    status = nn_err_set(err, NN_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t c = 0; c < ncls && status == NN_OK; c++) {
    size_t row = 0;
    for (size_t i = 0; i < k && status == NN_OK; i++) {
      uint64_t q = (uint64_t) count[c] * size[i];
      w.lo[c * k + i] = q / n;
      w.frac[c * k + i] = q % n != 0;
      if (x[c * k + i] < q / n || x[c * k + i] > q / n + (q % n != 0))
        status = nn_err_set(err, NN_EINVAL, "class %zu, part %zu: %zu rows "
                            "is not its quota rounded", c, i, x[c * k + i]);
      w.total[i] += x[c * k + i];
      row += x[c * k + i];
    }
    if (status == NN_OK && row != count[c])
      status = nn_err_set(err, NN_EINVAL, "class %zu: %zu rows, not %zu", c,
                          row, count[c]);
  }
  for (;;) {
    if (status != NN_OK)
      break;
    int over = 0;
    for (size_t i = 0; i < k; i++)
      over |= w.total[i] > size[i];
    if (!over)
      break;
    if (!augment(&w))  /* impossible: a rounding always exists */
      status = nn_err_set(err, NN_EINVAL, "no controlled rounding found");
  }
done:
  free(w.lo);
  free(w.frac);
  free(w.total);
  free(w.from);
  free(w.via);
  free(w.queue);
  return status;
}

int nn_split_round_table(size_t ncls, const size_t *count, size_t k,
                         const size_t *size, size_t *x, nn_err *err)
{
  uint64_t n;
  int status = table_rows(ncls, count, k, size, &n, err);
  if (status != NN_OK)
    return status;
  int64_t *deficit = calloc(k, sizeof *deficit);  /* in units of 1/n */
  if (deficit == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  /* Round each class by largest remainders, but among the parts whose
   * quota is not whole, give the rows left over to those furthest below
   * their share so far (the part's deficit, summed over the classes before
   * this one, plus this quota's remainder): the parts' totals then stay
   * close to their sizes, and few rows (almost always none) have to move
   * afterwards. */
  for (size_t c = 0; c < ncls; c++) {
    uint64_t left = count[c];
    for (size_t i = 0; i < k; i++) {
      uint64_t q = (uint64_t) count[c] * size[i];
      x[c * k + i] = (size_t) (q / n);
      left -= q / n;
      deficit[i] += (int64_t) (q % n);
    }
    for (; left > 0; left--) {
      size_t best = k;
      for (size_t i = 0; i < k; i++) {
        uint64_t q = (uint64_t) count[c] * size[i];
        if (q % n != 0 && x[c * k + i] == q / n &&
            (best == k || deficit[i] > deficit[best]))
          best = i;
      }
      x[c * k + best]++;
      deficit[best] -= (int64_t) n;
    }
  }
  free(deficit);
  return nn_split_round_repair(ncls, count, k, size, x, err);
}

int nn_split_stratified(size_t n, const size_t *order, const uint32_t *cls,
                        size_t ncls, size_t k, const size_t *x,
                        uint32_t *part, nn_err *err)
{
  size_t *at = calloc(ncls ? ncls : 1, sizeof *at);    /* current part */
  size_t *used = calloc(ncls ? ncls : 1, sizeof *used);  /* rows in it */
  if (at == NULL || used == NULL) {
    free(at);
    free(used);
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  }
  int status = NN_OK;
  for (size_t p = 0; p < n && status == NN_OK; p++) {
    size_t row = order[p], c = cls[row];
    while (at[c] < k && used[c] == x[c * k + at[c]]) {
      at[c]++;
      used[c] = 0;
    }
    if (at[c] == k) {
      status = nn_err_set(err, NN_EINVAL, "class %zu has more rows than "
                          "the table of parts gives it", c);
      break;
    }
    part[row] = (uint32_t) at[c];
    used[c]++;
  }
  free(at);
  free(used);
  return status;
}

/* -- groups ------------------------------------------------------------------- */

int nn_split_grouped(size_t n, const uint32_t *grp, size_t ngrp,
                     const size_t *gorder, size_t k, const size_t *size,
                     uint32_t *part, nn_err *err)
{
  size_t *gsize = calloc(ngrp ? ngrp : 1, sizeof *gsize);
  uint32_t *gpart = malloc((ngrp ? ngrp : 1) * sizeof *gpart);
  if (gsize == NULL || gpart == NULL) {
    free(gsize);
    free(gpart);
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  }
  for (size_t row = 0; row < n; row++)
    gsize[grp[row]]++;
  /* Twice the positions, so that a group's middle is a whole number. */
  uint64_t before = 0, end = 2 * (uint64_t) (k ? size[0] : 0);
  size_t i = 0;
  for (size_t g = 0; g < ngrp; g++) {
    size_t id = gorder[g];
    uint64_t mid = 2 * before + gsize[id];
    while (mid >= end && i + 1 < k)
      end += 2 * (uint64_t) size[++i];
    gpart[id] = (uint32_t) i;
    before += gsize[id];
  }
  for (size_t row = 0; row < n; row++)
    part[row] = gpart[grp[row]];
  free(gsize);
  free(gpart);
  return NN_OK;
}

/* -- streaming ---------------------------------------------------------------- */

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)

/* MurmurHash3's fmix64: every input bit affects every output bit. */
static uint64_t fmix64(uint64_t h)
{
  h ^= h >> 33;
  h *= UINT64_C(0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= UINT64_C(0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

uint64_t nn_split_hash_seed(unsigned long seed)
{
  return FNV_OFFSET ^ fmix64((uint64_t) seed + 1);
}

uint64_t nn_split_hash(uint64_t h, const void *p, size_t len)
{
  const unsigned char *b = p;
  for (size_t i = 0; i < len; i++) {
    h ^= b[i];
    h *= FNV_PRIME;
  }
  return h;
}

uint64_t nn_split_hash_end(uint64_t h) { return fmix64(h); }

size_t nn_split_hash_part(uint64_t h, const double *cum, size_t k)
{
  double u = (double) (h >> 11) * 0x1p-53;
  for (size_t i = 0; i + 1 < k; i++)
    if (u < cum[i])
      return i;
  return k - 1;
}

/* -- keys ------------------------------------------------------------------ */

struct nn_split_keys {
  char *text;         /* the keys, each NUL-terminated */
  size_t len, cap;    /* bytes used and allocated in text */
  size_t *off;        /* off[id]: key id in text */
  size_t *klen;       /* klen[id]: its length (a key may hold a NUL) */
  uint64_t *hash;     /* hash[id]: its hash */
  size_t n, ncap;     /* keys, and room in off, klen and hash */
  uint32_t *slot;     /* open-addressing table: id + 1, or 0 when free */
  size_t nslot;       /* size of slot, a power of two */
};

nn_split_keys *nn_split_keys_alloc(void)
{
  nn_split_keys *k = calloc(1, sizeof *k);
  if (k == NULL)
    return NULL;
  k->nslot = 64;
  k->slot = calloc(k->nslot, sizeof *k->slot);
  if (k->slot == NULL) {
    free(k);
    return NULL;
  }
  return k;
}

void nn_split_keys_free(nn_split_keys *k)
{
  if (k == NULL)
    return;
  free(k->text);
  free(k->off);
  free(k->klen);
  free(k->hash);
  free(k->slot);
  free(k);
}

size_t nn_split_keys_count(const nn_split_keys *k) { return k->n; }

const char *nn_split_keys_name(const nn_split_keys *k, uint32_t id)
{
  return k->text + k->off[id];
}

/* Double the table and put every key back. */
static int rehash(nn_split_keys *k)
{
  size_t nslot = 2 * k->nslot;
  uint32_t *slot = calloc(nslot, sizeof *slot);
  if (slot == NULL)
    return NN_ENOMEM;
  for (size_t id = 0; id < k->n; id++) {
    size_t s = (size_t) k->hash[id] & (nslot - 1);
    while (slot[s] != 0)
      s = (s + 1) & (nslot - 1);
    slot[s] = (uint32_t) id + 1;
  }
  free(k->slot);
  k->slot = slot;
  k->nslot = nslot;
  return NN_OK;
}

int nn_split_keys_id(nn_split_keys *k, const char *s, size_t len, uint32_t *id)
{
  uint64_t h = fmix64(nn_split_hash(FNV_OFFSET, s, len));
  size_t i = (size_t) h & (k->nslot - 1);
  for (; k->slot[i] != 0; i = (i + 1) & (k->nslot - 1)) {
    size_t j = k->slot[i] - 1;
    if (k->hash[j] == h && k->klen[j] == len &&
        memcmp(k->text + k->off[j], s, len) == 0) {
      *id = (uint32_t) j;
      return NN_OK;
    }
  }
  if (k->n >= UINT32_MAX - 1)
    return NN_ENOMEM;
  if (k->n == k->ncap) {
    size_t ncap = k->ncap ? 2 * k->ncap : 64;
    size_t *off = realloc(k->off, ncap * sizeof *off);
    if (off == NULL)
      return NN_ENOMEM;
    k->off = off;
    size_t *klen = realloc(k->klen, ncap * sizeof *klen);
    if (klen == NULL)
      return NN_ENOMEM;
    k->klen = klen;
    uint64_t *hash = realloc(k->hash, ncap * sizeof *hash);
    if (hash == NULL)
      return NN_ENOMEM;
    k->hash = hash;
    k->ncap = ncap;
  }
  if (k->cap - k->len < len + 1) {
    size_t cap = k->cap ? k->cap : 4096;
    while (cap - k->len < len + 1)
      cap *= 2;
    char *text = realloc(k->text, cap);
    if (text == NULL)
      return NN_ENOMEM;
    k->text = text;
    k->cap = cap;
  }
  memcpy(k->text + k->len, s, len);
  k->text[k->len + len] = '\0';
  k->off[k->n] = k->len;
  k->klen[k->n] = len;
  k->hash[k->n] = h;
  k->len += len + 1;
  k->slot[i] = (uint32_t) k->n + 1;
  *id = (uint32_t) k->n++;
  if (2 * k->n > k->nslot && rehash(k) != NN_OK)
    return NN_ENOMEM;
  return NN_OK;
}
