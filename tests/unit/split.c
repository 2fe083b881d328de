/* tests/unit/split.c -- Check suite for lib/split.h: shuffles, part sizes,
 * hold-out blocks, stratified (controlled rounding) and grouped parts, the
 * streaming hash, the key table; and nn_table_header_raw (lib/table.h),
 * which nn-split uses to repeat the header byte for byte.
 *
 * Known answers on small cases, then the stated invariants over many seeds
 * and sizes, each checked by counting, independently of how the library
 * computed it: every row in exactly one part, sizes summing to n and within
 * one of their quota, the first n mod K folds one larger, class counts
 * within one of the proportional share, no group in two parts.
 */
#include <config.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "split.h"
#include "table.h"
#include "unit.h"

/* -- helpers ------------------------------------------------------------- */

/* xorshift64*, fixed seed: the test cases are the same on every run. */
static uint64_t rng_state = 88172645463325252u;

static uint64_t rnd(void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * UINT64_C(2685821657736338717);
}

/* Uniform in lo..hi. */
static size_t rnd_size(size_t lo, size_t hi)
{
  return lo + (size_t) (rnd() % (hi - lo + 1));
}

static void *xcalloc(size_t n, size_t size)
{
  void *p = calloc(n ? n : 1, size);
  ck_assert_ptr_nonnull(p);
  return p;
}

/* ORDER holds each of 0..n-1 exactly once. */
static void assert_permutation(const size_t *order, size_t n)
{
  unsigned char *seen = xcalloc(n, 1);
  for (size_t i = 0; i < n; i++) {
    ASSERT_TRUE(order[i] < n, "order[%zu] = %zu is not a row", i, order[i]);
    ASSERT_TRUE(!seen[order[i]], "row %zu twice", order[i]);
    seen[order[i]] = 1;
  }
  free(seen);
}

/* -- part sizes ---------------------------------------------------------- */

static void check_apportion(size_t n, const double *w, size_t k,
                            const size_t *want)
{
  size_t size[8];
  nn_split_apportion(n, w, k, size);
  for (size_t i = 0; i < k; i++)
    ck_assert_msg(size[i] == want[i], "n=%zu part %zu: %zu rows, want %zu",
                  n, i, size[i], want[i]);
}

START_TEST(apportion_known_answers)
{
  check_apportion(10, (double[]){0.7, 0.2, 0.1}, 3, (size_t[]){7, 2, 1});
  check_apportion(1000, (double[]){0.8, 0.2}, 2, (size_t[]){800, 200});
  /* quotas 2.4, 0.3, 0.3: the row left over goes to the largest remainder */
  check_apportion(3, (double[]){0.8, 0.1, 0.1}, 3, (size_t[]){3, 0, 0});
  /* 0.29 * 100 is 28.999999999999996 in doubles: still 29 */
  check_apportion(100, (double[]){0.29, 0.71}, 2, (size_t[]){29, 71});
  /* ties go to the earlier part */
  check_apportion(10, (double[]){0.25, 0.25, 0.5}, 3, (size_t[]){3, 2, 5});
  check_apportion(5, (double[]){0.5, 0.5}, 2, (size_t[]){3, 2});
  /* folds: the first n mod K are one larger */
  check_apportion(7, (double[]){1, 1, 1}, 3, (size_t[]){3, 2, 2});
  check_apportion(23, (double[]){1, 1, 1, 1, 1}, 5, (size_t[]){5, 5, 5, 4, 4});
  check_apportion(0, (double[]){0.5, 0.5}, 2, (size_t[]){0, 0});
}
END_TEST

START_TEST(apportion_sums_to_n_within_one_of_quota)
{
  for (int trial = 0; trial < 20000; trial++) {
    size_t n = rnd_size(0, trial % 2 ? 100 : 1000000), k = rnd_size(1, 6);
    double w[6], sum = 0;
    for (size_t i = 0; i < k; i++)
      sum += w[i] = (double) rnd_size(1, 1000) / 1000;
    size_t size[6], total = 0;
    nn_split_apportion(n, w, k, size);
    for (size_t i = 0; i < k; i++) {
      long double q = (long double) n * w[i] / sum;
      ASSERT_TRUE(fabsl((long double) size[i] - q) < 1,
                  "n=%zu part %zu: %zu rows, quota %Lg", n, i, size[i], q);
      total += size[i];
    }
    ASSERT_TRUE(total == n, "n=%zu: sizes sum to %zu", n, total);
  }
}
END_TEST

START_TEST(fold_sizes_first_n_mod_k_larger)
{
  double w[64];
  for (size_t i = 0; i < 64; i++)
    w[i] = 1;
  for (size_t k = 2; k <= 64; k++)
    for (size_t n = k; n < 400; n++) {
      size_t size[64];
      nn_split_apportion(n, w, k, size);
      for (size_t i = 0; i < k; i++)
        ASSERT_TRUE(size[i] == n / k + (i < n % k),
                    "n=%zu K=%zu: fold %zu has %zu rows", n, k, i + 1, size[i]);
    }
}
END_TEST

/* -- shuffling ------------------------------------------------------------- */

START_TEST(order_without_rng_is_the_input_order)
{
  size_t order[50];
  nn_split_order(50, NULL, order);
  for (size_t i = 0; i < 50; i++)
    ck_assert_uint_eq(order[i], i);
}
END_TEST

START_TEST(shuffle_is_fisher_yates_on_mt19937)
{
  /* Knuth's Algorithm P written out, on the same generator and seed:
   * for i = n-1 down to 1, swap element i with a uniform j in 0..i. */
  for (unsigned long seed = 1; seed <= 20; seed++)
    for (size_t n = 0; n < 300; n += 37) {
      size_t order[300], want[300];
      gsl_rng *r = nn_split_rng(seed);
      ck_assert_ptr_nonnull(r);
      nn_split_order(n, r, order);
      gsl_rng_free(r);
      gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
      gsl_rng_set(g, seed);
      for (size_t i = 0; i < n; i++)
        want[i] = i;
      for (size_t i = n; i-- > 1;) {
        size_t j = gsl_rng_uniform_int(g, i + 1), tmp = want[i];
        want[i] = want[j];
        want[j] = tmp;
      }
      gsl_rng_free(g);
      assert_permutation(order, n);
      for (size_t i = 0; i < n; i++)
        ASSERT_TRUE(order[i] == want[i], "seed %lu n %zu: position %zu",
                    seed, n, i);
    }
}
END_TEST

START_TEST(same_seed_same_order_other_seed_other_order)
{
  size_t a[1000], b[1000], c[1000];
  gsl_rng *r = nn_split_rng(7), *s = nn_split_rng(7), *t = nn_split_rng(8);
  nn_split_order(1000, r, a);
  nn_split_order(1000, s, b);
  nn_split_order(1000, t, c);
  ck_assert_mem_eq(a, b, sizeof a);
  ck_assert_int_ne(memcmp(a, c, sizeof a), 0);
  gsl_rng_free(r);
  gsl_rng_free(s);
  gsl_rng_free(t);
}
END_TEST

START_TEST(shuffle_of_four_is_uniform)
{
  /* 24000 shuffles of 4 rows: each of the 24 orders about 1000 times (the
   * standard deviation is 31; the bounds are 8 of them). */
  size_t hits[256] = {0};
  gsl_rng *r = nn_split_rng(1);
  for (int trial = 0; trial < 24000; trial++) {
    size_t o[4];
    nn_split_order(4, r, o);
    hits[o[0] * 64 + o[1] * 16 + o[2] * 4 + o[3]]++;
  }
  gsl_rng_free(r);
  size_t orders = 0;
  for (size_t i = 0; i < 256; i++)
    if (hits[i]) {
      orders++;
      ck_assert_msg(hits[i] > 750 && hits[i] < 1250, "order %zx: %zu times",
                    i, hits[i]);
    }
  ck_assert_uint_eq(orders, 24);
}
END_TEST

/* -- hold-out blocks --------------------------------------------------------- */

START_TEST(blocks_cut_the_order_in_consecutive_parts)
{
  size_t order[] = {4, 2, 0, 1, 3, 6, 5}, size[] = {3, 0, 4};
  uint32_t part[7];
  nn_split_blocks(7, order, 3, size, part);
  uint32_t want[7] = {0, 2, 0, 2, 0, 2, 2};  /* rows 4 2 0 first */
  for (size_t i = 0; i < 7; i++)
    ck_assert_uint_eq(part[i], want[i]);
}
END_TEST

START_TEST(blocks_every_row_in_one_part_of_its_size)
{
  for (int trial = 0; trial < 2000; trial++) {
    size_t n = rnd_size(1, 500), k = rnd_size(2, 4);
    double w[4] = {1 + rnd() % 9, 1 + rnd() % 9, 1 + rnd() % 9, 1 + rnd() % 9};
    size_t size[4], got[4] = {0}, *order = xcalloc(n, sizeof *order);
    uint32_t *part = xcalloc(n, sizeof *part);
    gsl_rng *r = nn_split_rng((unsigned long) trial);
    nn_split_apportion(n, w, k, size);
    nn_split_order(n, r, order);
    nn_split_blocks(n, order, k, size, part);
    for (size_t i = 0; i < n; i++) {
      ASSERT_TRUE(part[i] < k, "row %zu in part %u", i, part[i]);
      got[part[i]]++;
    }
    for (size_t i = 0; i < k; i++)
      ASSERT_TRUE(got[i] == size[i], "part %zu: %zu rows, want %zu", i,
                  got[i], size[i]);
    /* consecutive: the part never goes down along the order */
    for (size_t p = 1; p < n; p++)
      ASSERT_TRUE(part[order[p]] >= part[order[p - 1]], "not consecutive");
    gsl_rng_free(r);
    free(order);
    free(part);
  }
}
END_TEST

/* -- stratification --------------------------------------------------------- */

/* X is a controlled rounding: row sums COUNT, column sums SIZE, every cell
 * the floor or the ceiling of count[c] size[i] / n. */
static void assert_controlled(size_t ncls, const size_t *count, size_t k,
                              const size_t *size, const size_t *x)
{
  uint64_t n = 0;
  for (size_t c = 0; c < ncls; c++)
    n += count[c];
  for (size_t c = 0; c < ncls; c++) {
    size_t row = 0;
    for (size_t i = 0; i < k; i++) {
      uint64_t q = (uint64_t) count[c] * size[i];  /* quota times n */
      uint64_t v = x[c * k + i];
      ASSERT_TRUE(v * n < q + n && v * n + n > q,
                  "class %zu part %zu: %zu rows, quota %g", c, i,
                  (size_t) v, (double) q / (double) n);
      if (q % n == 0)
        ASSERT_TRUE(v * n == q, "class %zu part %zu: whole quota missed",
                    c, i);
      row += x[c * k + i];
    }
    ASSERT_TRUE(row == count[c], "class %zu: %zu rows, want %zu", c, row,
                count[c]);
  }
  for (size_t i = 0; i < k; i++) {
    size_t col = 0;
    for (size_t c = 0; c < ncls; c++)
      col += x[c * k + i];
    ASSERT_TRUE(col == size[i], "part %zu: %zu rows, want %zu", i, col,
                size[i]);
  }
}

START_TEST(round_table_known_answer)
{
  /* Three classes of 7 rows, 5 folds of 21 rows (5 4 4 4 4): each class
   * has 7/5 = 1.4 per fold: one or two rows. */
  size_t count[] = {7, 7, 7}, size[] = {5, 4, 4, 4, 4}, x[15];
  nn_err err;
  ck_assert_int_eq(nn_split_round_table(3, count, 5, size, x, &err), NN_OK);
  assert_controlled(3, count, 5, size, x);
  /* By hand: each class first gets 1 row per fold (quotas 35/21 and
   * 28/21), and its 2 rows left over go to the folds furthest below their
   * share so far, the earlier fold on a tie. */
  size_t want[15] = {2, 2, 1, 1, 1,
                     1, 1, 2, 2, 1,
                     2, 1, 1, 1, 2};
  for (size_t i = 0; i < 15; i++)
    ck_assert_uint_eq(x[i], want[i]);
}
END_TEST

START_TEST(round_table_rejects_wrong_sums)
{
  size_t count[] = {3, 3}, size[] = {4, 3}, x[4];
  nn_err err;
  ck_assert_int_eq(nn_split_round_table(2, count, 2, size, x, &err),
                   NN_EINVAL);
  ck_assert_str_eq(err.msg, "class counts and part sizes differ");
}
END_TEST

START_TEST(round_table_is_controlled_over_many_tables)
{
  nn_err err;
  for (int trial = 0; trial < 30000; trial++) {
    size_t ncls = rnd_size(1, 8), k = rnd_size(2, 6), count[8], n = 0;
    size_t size[6], x[48];
    for (size_t c = 0; c < ncls; c++)
      n += count[c] = rnd_size(1, trial % 3 ? 12 : 200);
    if (trial % 2) {  /* random shares */
      double w[6];
      for (size_t i = 0; i < k; i++)
        w[i] = (double) rnd_size(1, 20);
      nn_split_apportion(n, w, k, size);
    } else {          /* folds */
      for (size_t i = 0; i < k; i++)
        size[i] = n / k + (i < n % k);
    }
    ASSERT_TRUE(nn_split_round_table(ncls, count, k, size, x, &err) == NN_OK,
                "trial %d: %s", trial, err.msg);
    assert_controlled(ncls, count, k, size, x);
  }
}
END_TEST

/* Each class rounded on its own by largest remainders, ties to the
 * earlier part: every class's rows go mostly to the first parts, so the
 * parts' totals are far off and many rows must move. */
static void naive_rounding(size_t ncls, const size_t *count, size_t k,
                           const size_t *size, size_t *x)
{
  uint64_t n = 0;
  for (size_t c = 0; c < ncls; c++)
    n += count[c];
  for (size_t c = 0; c < ncls; c++) {
    size_t left = count[c];
    for (size_t i = 0; i < k; i++) {
      x[c * k + i] = (size_t) ((uint64_t) count[c] * size[i] / n);
      left -= x[c * k + i];
    }
    for (; left > 0; left--) {
      size_t best = 0;
      uint64_t best_rem = 0;
      for (size_t i = 0; i < k; i++) {
        uint64_t q = (uint64_t) count[c] * size[i];
        if (x[c * k + i] == q / n && q % n > best_rem) {
          best = i;
          best_rem = q % n;
        }
      }
      x[c * k + best]++;
    }
  }
}

START_TEST(round_repair_from_a_poor_start)
{
  nn_err err;
  size_t moved = 0;
  for (int trial = 0; trial < 20000; trial++) {
    size_t ncls = rnd_size(1, 12), k = rnd_size(2, 8), count[12], n = 0;
    size_t size[8], x[96], before[96];
    for (size_t c = 0; c < ncls; c++)
      n += count[c] = rnd_size(1, trial % 2 ? 9 : 60);
    double w[8];
    for (size_t i = 0; i < k; i++)
      w[i] = trial % 3 ? (double) rnd_size(1, 20) : 1;
    nn_split_apportion(n, w, k, size);
    naive_rounding(ncls, count, k, size, x);
    memcpy(before, x, sizeof x);
    ASSERT_TRUE(nn_split_round_repair(ncls, count, k, size, x, &err) == NN_OK,
                "trial %d: %s", trial, err.msg);
    assert_controlled(ncls, count, k, size, x);
    moved += memcmp(before, x, ncls * k * sizeof *x) != 0;
  }
  /* the test is worth its name: most starts needed moves */
  ck_assert_msg(moved > 10000, "only %zu tables repaired", moved);
}
END_TEST

START_TEST(round_repair_rejects_a_table_off_its_quotas)
{
  /* quotas 1.5 and 1.5: 3 and 0 is not a rounding of them */
  size_t count[] = {3}, size[] = {3, 3}, x[] = {3, 0};
  size_t count2[] = {3, 3};
  nn_err err;
  ck_assert_int_eq(nn_split_round_repair(2, count2, 2, size,
                                         (size_t[]){3, 0, 0, 3}, &err),
                   NN_EINVAL);
  ck_assert_str_eq(err.msg, "class 0, part 0: 3 rows is not its quota rounded");
  ck_assert_int_eq(nn_split_round_repair(1, count, 2, (size_t[]){2, 1}, x,
                                         &err), NN_EINVAL);
  ck_assert_str_eq(err.msg, "class 0, part 0: 3 rows is not its quota rounded");
}
END_TEST

START_TEST(round_table_many_classes)
{
  /* 20000 classes of one to three rows, 10 folds. */
  size_t ncls = 20000, k = 10, n = 0;
  size_t *count = xcalloc(ncls, sizeof *count), size[10];
  size_t *x = xcalloc(ncls * k, sizeof *x);
  for (size_t c = 0; c < ncls; c++)
    n += count[c] = rnd_size(1, 3);
  for (size_t i = 0; i < k; i++)
    size[i] = n / k + (i < n % k);
  nn_err err;
  ck_assert_int_eq(nn_split_round_table(ncls, count, k, size, x, &err), NN_OK);
  assert_controlled(ncls, count, k, size, x);
  free(count);
  free(x);
}
END_TEST

START_TEST(stratified_folds_within_one_of_proportional)
{
  nn_err err;
  for (int trial = 0; trial < 3000; trial++) {
    size_t K = rnd_size(2, 10), ncls = rnd_size(1, 5), n = rnd_size(K, 400);
    size_t *order = xcalloc(n, sizeof *order), count[5] = {0}, size[10];
    uint32_t *cls = xcalloc(n, sizeof *cls), *part = xcalloc(n, sizeof *part);
    for (size_t i = 0; i < n; i++)  /* uneven classes: class 0 is common */
      count[cls[i] = (uint32_t) (rnd() % 3 ? 0 : rnd() % ncls)]++;
    size_t used = 0;  /* renumber the classes that occur */
    uint32_t map[5];
    for (size_t c = 0; c < ncls; c++)
      if (count[c]) {
        map[c] = (uint32_t) used;
        count[used++] = count[c];
      }
    for (size_t i = 0; i < n; i++)
      cls[i] = map[cls[i]];
    for (size_t i = 0; i < K; i++)
      size[i] = n / K + (i < n % K);
    size_t *x = xcalloc(used * K, sizeof *x);
    gsl_rng *r = nn_split_rng((unsigned long) trial + 1);
    nn_split_order(n, r, order);
    ASSERT_TRUE(nn_split_round_table(used, count, K, size, x, &err) == NN_OK,
                "%s", err.msg);
    ASSERT_TRUE(nn_split_stratified(n, order, cls, used, K, x, part, &err)
                == NN_OK, "%s", err.msg);
    /* count, by class and fold, from the rows themselves */
    size_t got[5][10] = {{0}}, fold[10] = {0};
    for (size_t i = 0; i < n; i++) {
      ASSERT_TRUE(part[i] < K, "row %zu in fold %u", i, part[i] + 1);
      got[cls[i]][part[i]]++;
      fold[part[i]]++;
    }
    for (size_t f = 0; f < K; f++) {
      ASSERT_TRUE(fold[f] == n / K + (f < n % K), "n=%zu K=%zu: fold %zu "
                  "has %zu rows", n, K, f + 1, fold[f]);
      for (size_t c = 0; c < used; c++) {
        double share = (double) count[c] / (double) K;
        ASSERT_TRUE(fabs((double) got[c][f] - share) < 1, "class %zu fold "
                    "%zu: %zu rows, share %g", c, f + 1, got[c][f], share);
      }
    }
    gsl_rng_free(r);
    free(order);
    free(cls);
    free(part);
    free(x);
  }
}
END_TEST

START_TEST(stratified_follows_the_order_within_a_class)
{
  /* Class 0: rows 0 2 4 6; class 1: rows 1 3 5 7; parts of 4 and 4: two
   * of each class, the first two of each class in ORDER go to part 0. */
  size_t order[] = {7, 6, 5, 4, 3, 2, 1, 0}, count[] = {4, 4}, size[] = {4, 4};
  uint32_t cls[] = {0, 1, 0, 1, 0, 1, 0, 1}, part[8];
  size_t x[4];
  nn_err err;
  ck_assert_int_eq(nn_split_round_table(2, count, 2, size, x, &err), NN_OK);
  ck_assert_int_eq(nn_split_stratified(8, order, cls, 2, 2, x, part, &err),
                   NN_OK);
  uint32_t want[] = {1, 1, 1, 1, 0, 0, 0, 0};
  for (size_t i = 0; i < 8; i++)
    ck_assert_uint_eq(part[i], want[i]);
}
END_TEST

/* -- groups -------------------------------------------------------------------- */

START_TEST(grouped_known_answers)
{
  /* Groups of 3, 1, 2 and 4 rows laid end to end: middles at 1.5, 3.5, 5
   * and 8; the parts 6 and 4 end at 6 and 10. */
  uint32_t grp[] = {0, 0, 0, 1, 2, 2, 3, 3, 3, 3}, part[10];
  size_t gorder[] = {0, 1, 2, 3}, size[] = {6, 4};
  nn_err err;
  ck_assert_int_eq(nn_split_grouped(10, grp, 4, gorder, 2, size, part, &err),
                   NN_OK);
  uint32_t want[] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
  for (size_t i = 0; i < 10; i++)
    ck_assert_uint_eq(part[i], want[i]);
  /* Groups of 3, 4 and 3, parts of 5 and 5: the middle group's middle is
   * on the boundary and goes to the later part. */
  uint32_t grp2[] = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
  size_t gorder2[] = {0, 1, 2}, size2[] = {5, 5};
  ck_assert_int_eq(nn_split_grouped(10, grp2, 3, gorder2, 2, size2, part,
                                    &err), NN_OK);
  uint32_t want2[] = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1};
  for (size_t i = 0; i < 10; i++)
    ck_assert_uint_eq(part[i], want2[i]);
}
END_TEST

START_TEST(groups_never_straddle_and_sizes_stay_close)
{
  nn_err err;
  for (int trial = 0; trial < 3000; trial++) {
    size_t ngrp = rnd_size(1, 200), k = rnd_size(2, 8), n = 0, maxg = 0;
    size_t *gs = xcalloc(ngrp, sizeof *gs);
    for (size_t g = 0; g < ngrp; g++) {
      gs[g] = rnd() % 4 ? rnd_size(1, 5) : rnd_size(1, 40);
      n += gs[g];
      if (gs[g] > maxg)
        maxg = gs[g];
    }
    uint32_t *grp = xcalloc(n, sizeof *grp), *part = xcalloc(n, sizeof *part);
    size_t *gorder = xcalloc(ngrp, sizeof *gorder), size[8];
    /* rows of a group scattered: fill, then shuffle the rows */
    for (size_t g = 0, i = 0; g < ngrp; g++)
      for (size_t j = 0; j < gs[g]; j++)
        grp[i++] = (uint32_t) g;
    for (size_t i = n; i-- > 1;) {
      size_t j = rnd() % (i + 1);
      uint32_t t = grp[i];
      grp[i] = grp[j];
      grp[j] = t;
    }
    double w[8];
    for (size_t i = 0; i < k; i++)
      w[i] = trial % 2 ? 1 : (double) rnd_size(1, 9);
    nn_split_apportion(n, w, k, size);
    gsl_rng *r = nn_split_rng((unsigned long) trial);
    nn_split_order(ngrp, r, gorder);
    ASSERT_TRUE(nn_split_grouped(n, grp, ngrp, gorder, k, size, part, &err)
                == NN_OK, "%s", err.msg);
    uint32_t *gp = xcalloc(ngrp, sizeof *gp);
    size_t got[8] = {0};
    for (size_t g = 0; g < ngrp; g++)
      gp[g] = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
      ASSERT_TRUE(part[i] < k, "row %zu in part %u", i, part[i]);
      ASSERT_TRUE(gp[grp[i]] == UINT32_MAX || gp[grp[i]] == part[i],
                  "group %u in parts %u and %u", grp[i], gp[grp[i]], part[i]);
      gp[grp[i]] = part[i];
      got[part[i]]++;
    }
    for (size_t i = 0; i < k; i++) {
      long d = (long) got[i] - (long) size[i];
      ASSERT_TRUE(labs(d) <= (long) maxg, "part %zu: %zu rows, target %zu, "
                  "largest group %zu", i, got[i], size[i], maxg);
    }
    gsl_rng_free(r);
    free(gs);
    free(grp);
    free(part);
    free(gorder);
    free(gp);
  }
}
END_TEST

/* -- streaming hash --------------------------------------------------------- */

START_TEST(hash_parts_have_their_shares)
{
  /* 200000 rows: a share p is off by sqrt(p(1-p)/n) < 0.0012 in standard
   * deviations; allow 0.006 (5 of them), for several seeds. */
  double cum[3] = {0.7, 0.9, 1};
  for (unsigned long seed = 1; seed <= 5; seed++) {
    size_t got[3] = {0};
    for (int i = 0; i < 200000; i++) {
      char row[32];
      int len = snprintf(row, sizeof row, "%d,%d", i, i % 7);
      uint64_t h = nn_split_hash(nn_split_hash_seed(seed), row, (size_t) len);
      got[nn_split_hash_part(nn_split_hash_end(h), cum, 3)]++;
    }
    ck_assert_msg(fabs(got[0] / 200000.0 - 0.7) < 0.006, "%zu", got[0]);
    ck_assert_msg(fabs(got[1] / 200000.0 - 0.2) < 0.006, "%zu", got[1]);
    ck_assert_msg(fabs(got[2] / 200000.0 - 0.1) < 0.006, "%zu", got[2]);
  }
}
END_TEST

START_TEST(hash_depends_on_seed_and_bytes_only)
{
  uint64_t a = nn_split_hash_end(nn_split_hash(nn_split_hash_seed(1), "ab", 2));
  uint64_t b = nn_split_hash(nn_split_hash_seed(1), "a", 1);
  b = nn_split_hash_end(nn_split_hash(b, "b", 1));
  uint64_t c = nn_split_hash_end(nn_split_hash(nn_split_hash_seed(2), "ab", 2));
  ck_assert_uint_eq(a, b);   /* in pieces or at once */
  ck_assert_uint_ne(a, c);   /* another seed */
  double cum[2] = {0.5, 1};
  ck_assert_uint_eq(nn_split_hash_part(0, cum, 2), 0);
  ck_assert_uint_eq(nn_split_hash_part(UINT64_MAX, cum, 2), 1);
  ck_assert_uint_eq(nn_split_hash_part(UINT64_C(1) << 63, cum, 2), 1);
}
END_TEST

/* -- keys -------------------------------------------------------------------- */

START_TEST(keys_numbered_by_first_appearance)
{
  nn_split_keys *k = nn_split_keys_alloc();
  uint32_t id;
  const char *words[] = {"b", "a", "b", "", "a", "c"};
  uint32_t want[] = {0, 1, 0, 2, 1, 3};
  for (size_t i = 0; i < 6; i++) {
    ck_assert_int_eq(nn_split_keys_id(k, words[i], strlen(words[i]), &id),
                     NN_OK);
    ck_assert_uint_eq(id, want[i]);
  }
  /* a key with a NUL byte differs from its prefix */
  ck_assert_int_eq(nn_split_keys_id(k, "a\0x", 3, &id), NN_OK);
  ck_assert_uint_eq(id, 4);
  ck_assert_uint_eq(nn_split_keys_count(k), 5);
  ck_assert_str_eq(nn_split_keys_name(k, 0), "b");
  ck_assert_str_eq(nn_split_keys_name(k, 2), "");
  ck_assert_str_eq(nn_split_keys_name(k, 3), "c");
  nn_split_keys_free(k);
}
END_TEST

START_TEST(keys_many)
{
  nn_split_keys *k = nn_split_keys_alloc();
  uint32_t id;
  char s[32];
  for (int round = 0; round < 2; round++)
    for (uint32_t i = 0; i < 100000; i++) {
      int len = snprintf(s, sizeof s, "key%u", i * 7919u);
      int status = nn_split_keys_id(k, s, (size_t) len, &id);
      ASSERT_TRUE(status == NN_OK && id == i, "key %u got number %u", i, id);
    }
  ck_assert_uint_eq(nn_split_keys_count(k), 100000);
  ck_assert_str_eq(nn_split_keys_name(k, 99999), "key791892081");
  nn_split_keys_free(k);
}
END_TEST

/* -- nn_table_header_raw ------------------------------------------------------ */

/* Open a table holding the LEN bytes at S (through a temporary file,
 * unlinked at once; its descriptor is closed by done_with). */
static int table_fd = -1;

static void done_with(nn_table *t)
{
  nn_table_close(t);
  close(table_fd);
  table_fd = -1;
}

static nn_table *table_of(const char *s, size_t len)
{
  char path[] = "/tmp/nnkit-split-test.XXXXXX";
  int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(write(fd, s, len), (ssize_t) len);
  unlink(path);
  lseek(fd, 0, SEEK_SET);
  nn_err err;
  nn_table *t = nn_table_open_fd(fd, "t", 0, &err);
  ck_assert_msg(t != NULL, "%s", err.msg);
  table_fd = fd;
  return t;
}

START_TEST(header_raw_keeps_bom_comments_and_line_end)
{
  const char text[] = "\xEF\xBB\xBF# made by hand\r\n\r\n# more\r\n"
                      "a,\"b\nc\"\r\n1,2\r\n";
  nn_table *t = table_of(text, sizeof text - 1);
  size_t len;
  const char *head = nn_table_header_raw(t, &len);
  const char want[] = "\xEF\xBB\xBF# made by hand\r\n\r\n# more\r\na,\"b\nc\"\r\n";
  ck_assert_uint_eq(len, sizeof want - 1);
  ck_assert_mem_eq(head, want, len);
  nn_err err;
  ck_assert_int_eq(nn_table_next(t, &err), 1);
  const char *raw = nn_table_raw(t, &len);
  ck_assert_uint_eq(len, 5);
  ck_assert_mem_eq(raw, "1,2\r\n", 5);
  ck_assert_str_eq(nn_table_field(t, 1), "2");
  done_with(t);
}
END_TEST

START_TEST(header_raw_after_megabytes_of_comments)
{
  /* 3 MiB of comment lines before the header: more than the reader's
   * buffer, which must keep them all until the header is read. */
  size_t ncomment = 3 * 1024 * 1024 / 16, len = ncomment * 16 + 16;
  char *text = xcalloc(len + 1, 1), *p = text;
  for (size_t i = 0; i < ncomment; i++, p += 16)
    snprintf(p, 17, "# comment %05zu\n", i % 100000);
  memcpy(p, "x\ty\n1\t2\n3\t4\n", 12);
  len = (size_t) (p - text) + 12;
  nn_table *t = table_of(text, len);
  size_t hlen;
  const char *head = nn_table_header_raw(t, &hlen);
  ck_assert_uint_eq(hlen, len - 8);
  ck_assert_int_eq(memcmp(head, text, hlen), 0);
  nn_err err;
  ck_assert_int_eq(nn_table_next(t, &err), 1);
  ck_assert_str_eq(nn_table_field(t, 1), "2");
  ck_assert_int_eq(nn_table_line(t), (long) ncomment + 2);
  ck_assert_int_eq(nn_table_next(t, &err), 1);
  ck_assert_int_eq(nn_table_next(t, &err), 0);
  done_with(t);
  free(text);
}
END_TEST

START_TEST(header_raw_without_line_end)
{
  nn_table *t = table_of("a\tb", 3);
  size_t len;
  const char *head = nn_table_header_raw(t, &len);
  ck_assert_uint_eq(len, 3);
  ck_assert_mem_eq(head, "a\tb", 3);
  done_with(t);
}
END_TEST

static Suite *split_suite(void)
{
  Suite *s = suite_create("split");
  TCase *sizes = tcase_create("sizes");
  tcase_add_test(sizes, apportion_known_answers);
  tcase_add_test(sizes, apportion_sums_to_n_within_one_of_quota);
  tcase_add_test(sizes, fold_sizes_first_n_mod_k_larger);
  suite_add_tcase(s, sizes);

  TCase *shuffle = tcase_create("shuffle");
  tcase_add_test(shuffle, order_without_rng_is_the_input_order);
  tcase_add_test(shuffle, shuffle_is_fisher_yates_on_mt19937);
  tcase_add_test(shuffle, same_seed_same_order_other_seed_other_order);
  tcase_add_test(shuffle, shuffle_of_four_is_uniform);
  suite_add_tcase(s, shuffle);

  TCase *blocks = tcase_create("blocks");
  tcase_add_test(blocks, blocks_cut_the_order_in_consecutive_parts);
  tcase_add_test(blocks, blocks_every_row_in_one_part_of_its_size);
  suite_add_tcase(s, blocks);

  TCase *strat = tcase_create("stratified");
  tcase_add_test(strat, round_table_known_answer);
  tcase_add_test(strat, round_table_rejects_wrong_sums);
  tcase_add_test(strat, round_table_is_controlled_over_many_tables);
  tcase_add_test(strat, round_table_many_classes);
  tcase_add_test(strat, round_repair_from_a_poor_start);
  tcase_add_test(strat, round_repair_rejects_a_table_off_its_quotas);
  tcase_add_test(strat, stratified_folds_within_one_of_proportional);
  tcase_add_test(strat, stratified_follows_the_order_within_a_class);
  suite_add_tcase(s, strat);

  TCase *groups = tcase_create("grouped");
  tcase_add_test(groups, grouped_known_answers);
  tcase_add_test(groups, groups_never_straddle_and_sizes_stay_close);
  suite_add_tcase(s, groups);

  TCase *hash = tcase_create("hash");
  tcase_add_test(hash, hash_parts_have_their_shares);
  tcase_add_test(hash, hash_depends_on_seed_and_bytes_only);
  suite_add_tcase(s, hash);

  TCase *keys = tcase_create("keys");
  tcase_add_test(keys, keys_numbered_by_first_appearance);
  tcase_add_test(keys, keys_many);
  suite_add_tcase(s, keys);

  TCase *head = tcase_create("header_raw");
  tcase_add_test(head, header_raw_keeps_bom_comments_and_line_end);
  tcase_add_test(head, header_raw_after_megabytes_of_comments);
  tcase_add_test(head, header_raw_without_line_end);
  suite_add_tcase(s, head);
  /* generous: the sanitizer builds are many times slower */
  TCase *all[] = {sizes, shuffle, blocks, strat, groups, hash, keys, head};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++)
    tcase_set_timeout(all[i], 120);
  return s;
}

int main(void)
{
  return unit_run(split_suite());
}
