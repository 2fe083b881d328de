/* split.h -- shuffling, hold-out and k-fold partitions, stratified and
 * grouped (nn-split(1); NOTES.md §1, "Cross validation").
 *
 * Pure functions on row counts, class and group numbers: they read no
 * table and print nothing.  Rows are numbered 0..n-1 in the order of the
 * input; parts are numbered 0..k-1 (train, valid, test; or folds 1..K).
 * An ORDER is a permutation of the rows: the shuffled order, or the input
 * order itself.  Each part lists its rows in ORDER.
 */
#ifndef NN_SPLIT_H
#define NN_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "error.h"

/* The largest number of rows these functions accept (products of two row
 * counts must fit in 64 bits). */
#define NN_SPLIT_MAX_ROWS ((size_t) UINT32_MAX)

/* A random number generator for SEED: GSL's gsl_rng_mt19937 seeded with
 * SEED (gsl_rng_free it); NULL when out of memory. */
gsl_rng *nn_split_rng(unsigned long seed);

/* ORDER[0..n-1] = 0..n-1, then, if R is not NULL, shuffled by R (Fisher-
 * Yates, gsl_ran_shuffle). */
void nn_split_order(size_t n, gsl_rng *r, size_t *order);

/* SIZE[0..k-1]: N rows apportioned to K parts in proportion to the weights
 * W[0..k-1] (> 0) by the largest-remainder method: each part first gets the
 * whole part of its quota q_i = N w_i / sum(w), then the rows left over go
 * one each to the parts with the largest fractional parts (ties: the
 * earlier part).  The sizes sum to N and |SIZE[i] - q_i| < 1.  With equal
 * weights (K folds) the first N mod K parts are one larger than the rest. */
void nn_split_apportion(size_t n, const double *w, size_t k, size_t *size);

/* Consecutive blocks: the first SIZE[0] rows of ORDER go to part 0, the
 * next SIZE[1] to part 1, and so on.  The sizes must sum to N. */
void nn_split_blocks(size_t n, const size_t *order, size_t k,
                     const size_t *size, uint32_t *part);

/* Controlled rounding of the class-by-part table.  COUNT[c] is the number
 * of rows of class c (c < NCLS; they sum to N), SIZE[i] the rows part i
 * must get (summing to N).  Fills X[c*k + i], the rows of class c that go
 * to part i, so that each row of X sums to COUNT[c], each column sums to
 * SIZE[i] exactly, and every cell is its quota COUNT[c] SIZE[i] / N rounded
 * down or up (within one of the proportional share).  NN_EINVAL when N is
 * above NN_SPLIT_MAX_ROWS or the sums are wrong, NN_ENOMEM. */
int nn_split_round_table(size_t ncls, const size_t *count, size_t k,
                         const size_t *size, size_t *x, nn_err *err);

/* The second step of nn_split_round_table, on its own: X is any table
 * whose rows sum to COUNT and whose cells are their quotas rounded down or
 * up; rows are moved between parts, along augmenting paths, until each
 * column sums to SIZE too.  NN_EINVAL when X is not such a table. */
int nn_split_round_repair(size_t ncls, const size_t *count, size_t k,
                          const size_t *size, size_t *x, nn_err *err);

/* Stratified parts: walking ORDER, the rows of class c (CLS[row]) go to
 * part 0 until X[c*k + 0] of them have, then to part 1, and so on.  X as
 * nn_split_round_table makes it. */
int nn_split_stratified(size_t n, const size_t *order, const uint32_t *cls,
                        size_t ncls, size_t k, const size_t *x,
                        uint32_t *part, nn_err *err);

/* Grouped parts: no group is split.  The groups (GRP[row] < NGRP) are
 * placed one after another in the order GORDER (a permutation of
 * 0..ngrp-1), as if their rows were laid end to end; a group goes to the
 * part whose target range (the cumulative SIZE) holds the middle of its
 * rows.  Each boundary between parts moves by at most half a group, so a
 * part's size is within the largest group's size of its target.  GSIZE
 * (NGRP entries, may be NULL) gets each group's row count and GPART each
 * group's part (may be NULL).  NN_ENOMEM when out of memory. */
int nn_split_grouped(size_t n, const uint32_t *grp, size_t ngrp,
                     const size_t *gorder, size_t k, const size_t *size,
                     uint32_t *part, nn_err *err);

/* -- streaming: a part from a hash of the row ---------------------------- */

/* A 64-bit hash of the LEN bytes at P, continuing from H (start with
 * nn_split_hash_seed).  FNV-1a over the bytes; nn_split_hash_end mixes the
 * result (MurmurHash3's 64-bit finaliser) so that every bit counts. */
uint64_t nn_split_hash_seed(unsigned long seed);
uint64_t nn_split_hash(uint64_t h, const void *p, size_t len);
uint64_t nn_split_hash_end(uint64_t h);

/* The part of a row whose (finished) hash is H: u = H / 2^64, uniform in
 * [0, 1), falls in part i when CUM[i-1] <= u < CUM[i], where CUM[0..k-1]
 * are the cumulative shares (CUM[k-1] = 1). */
size_t nn_split_hash_part(uint64_t h, const double *cum, size_t k);

/* -- keys: the distinct values of a column, numbered --------------------- */

typedef struct nn_split_keys nn_split_keys;  /* strings to numbers 0, 1, ... */

nn_split_keys *nn_split_keys_alloc(void);
void nn_split_keys_free(nn_split_keys *keys);

/* *ID = the number of the LEN bytes at S: a new number (the count so far)
 * the first time they are seen.  NN_ENOMEM when out of memory. */
int nn_split_keys_id(nn_split_keys *keys, const char *s, size_t len,
                     uint32_t *id);

size_t nn_split_keys_count(const nn_split_keys *keys);

/* Key number ID, NUL-terminated (valid until the next nn_split_keys_id). */
const char *nn_split_keys_name(const nn_split_keys *keys, uint32_t id);

#endif
