/* tests/unit/gemm.c -- Check suite for lib/gemm.h: the small matrix
 * products of the forward and backward passes.
 *
 * nn_gemm's own path must give nn_gemm_reference's numbers bit for bit (its
 * specification: one chain of fma() per entry, in the order of the sum),
 * for every version the processor runs (AVX2, AVX-512), every transpose,
 * with and without accumulation, every edge of its blocks, and matrices
 * that are views into larger ones.  The
 * reference itself is checked against gsl_blas_dgemm to rounding error.
 * Where nn_gemm hands a product to BLAS (large sizes, or no AVX2 and FMA),
 * it must give gsl_blas_dgemm's numbers exactly.
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "gemm.h"
#include "unit.h"

/* An R x C view into a larger matrix (row stride C + PAD), every entry of
 * the larger one filled with uniform values in [-1, 1), and with SPECIAL
 * one in five of them NaN, an infinity, 0 or -0. */
typedef struct {
  gsl_matrix *whole;     /* what is allocated */
  gsl_matrix_view view;  /* the matrix under test */
} block;

static block block_alloc(size_t r, size_t c, size_t pad, int special,
                         gsl_rng *rng)
{
  static const double odd[] = {NAN, INFINITY, -INFINITY, 0.0, -0.0};
  block b;
  b.whole = gsl_matrix_alloc(r + 1, c + pad);
  ck_assert_ptr_nonnull(b.whole);
  for (size_t i = 0; i < b.whole->size1 * b.whole->tda; i++)
    b.whole->data[i] = special && gsl_rng_uniform(rng) < 0.2
      ? odd[gsl_rng_uniform_int(rng, 5)] : 2 * gsl_rng_uniform(rng) - 1;
  b.view = gsl_matrix_submatrix(b.whole, 1, pad ? 1 : 0, r, c);
  return b;
}

/* The same double, or both NaN: which NaN an operation on two of them
 * returns (sign, payload) depends on operand order, which the compiler
 * chooses; nn_gemm does not specify it. */
static int same(const double *a, const double *b, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (memcmp(a + i, b + i, sizeof *a) != 0 && !(isnan(a[i]) && isnan(b[i])))
      return 0;
  return 1;
}

static CBLAS_TRANSPOSE_t trans(int t) { return t ? CblasTrans : CblasNoTrans; }

/* Entry (i, j) of C as nn_gemm_out O finishes it, from the sum S. */
static double finished(const nn_gemm_out *o, double old, size_t i, size_t j,
                       double s)
{
  double x = (o->acc ? old : o->bias ? o->bias[j] : 0) + s;
  x = o->relu && !(x > 0) ? 0 : x;
  return o->gate && !(gsl_matrix_get(o->gate, i, j) > 0) ? 0 : x;
}

/* C = op(A) op(B), finished as MODE says (bits: 1 acc, 2 bias (acc wins
 * over it), 4 relu, 8 gate; 16: special values in A, B, C and the bias),
 * by nn_gemm_ex and by the reference or, with WANT_BLAS, by gsl_blas_dgemm
 * and finished(); every entry must be the same double. */
static void compare(size_t m, size_t n, size_t k, int ta, int tb, int mode,
                    size_t pad, int want_blas, gsl_rng *rng)
{
  int sp = mode >> 4 & 1;
  block A = ta ? block_alloc(k, m, pad, sp, rng)
                : block_alloc(m, k, pad, sp, rng);
  block B = tb ? block_alloc(n, k, pad, sp, rng)
                : block_alloc(k, n, pad, sp, rng);
  block C = block_alloc(m, n, pad, sp, rng);
  block G = block_alloc(m, n, pad, 0, rng);
  block b = block_alloc(1, n, pad, sp, rng);
  for (size_t i = 0; i < G.whole->size1 * G.whole->tda; i++)
    if (i % 3 == 0)  /* gates as a relu layer's outputs: many exact zeros */
      G.whole->data[i] = i % 2 ? -0.0 : i % 5 ? 0 : NAN;
  nn_gemm_out o = {mode & 1, mode & 2 ? b.view.matrix.data : NULL, mode & 4,
                   mode & 8 ? &G.view.matrix : NULL};
  gsl_matrix *want = gsl_matrix_alloc(C.whole->size1, C.whole->size2);
  gsl_matrix_memcpy(want, C.whole);
  gsl_matrix_view W = gsl_matrix_submatrix(want, 1, pad ? 1 : 0, m, n);
  nn_gemm_ex(trans(ta), trans(tb), &A.view.matrix, &B.view.matrix, &o,
             &C.view.matrix);
  if (want_blas) {
    gsl_matrix *S = gsl_matrix_alloc(m, n);
    gsl_blas_dgemm(trans(ta), trans(tb), 1, &A.view.matrix, &B.view.matrix,
                   0, S);
    for (size_t i = 0; i < m; i++)
      for (size_t j = 0; j < n; j++)
        gsl_matrix_set(&W.matrix, i, j,
                       finished(&o, gsl_matrix_get(&W.matrix, i, j), i, j,
                                gsl_matrix_get(S, i, j)));
    gsl_matrix_free(S);
  }
  else
    nn_gemm_reference(trans(ta), trans(tb), &A.view.matrix, &B.view.matrix,
                      &o, &W.matrix);
  /* the whole block: entries outside the view must be untouched too */
  ASSERT_TRUE(same(C.whole->data, want->data,
                   C.whole->size1 * C.whole->tda),
              "m %zu n %zu k %zu ta %d tb %d mode %d pad %zu: nn_gemm_ex "
              "differs from %s", m, n, k, ta, tb, mode, pad,
              want_blas ? "gsl_blas_dgemm" : "nn_gemm_reference");
  gsl_matrix_free(A.whole);
  gsl_matrix_free(B.whole);
  gsl_matrix_free(C.whole);
  gsl_matrix_free(G.whole);
  gsl_matrix_free(b.whole);
  gsl_matrix_free(want);
}

/* Every version this processor runs, against the reference; products the
 * small path does not take, against BLAS. */
START_TEST(small_products_are_the_reference_bit_for_bit)
{
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  for (nn_gemm_isa isa = NN_GEMM_BLAS; isa <= NN_GEMM_AVX512; isa++) {
    if (nn_gemm_limit(isa) != isa)
      continue;  /* not on this processor */
    /* every edge of the blocks: m and n from 1 to 19, a few depths, every
     * transpose; the ways to finish in turn */
    for (size_t m = 1; m <= 19; m++)
      for (size_t n = 1; n <= 19; n++)
        for (size_t k = 1; k <= 33; k += 8)
          for (int t = 0; t < 4; t++) {
            int mode = (int) (7 * m + 3 * n + k + t) % 32;
            ck_assert_int_eq(nn_gemm_small(trans(t >> 1), m, n, k),
                             isa != NN_GEMM_BLAS);
            compare(m, n, k, t & 1, t >> 1, mode, (m + n + k + t) % 3,
                    isa == NN_GEMM_BLAS, rng);
          }
    /* random shapes up to the longest sum the small path takes */
    for (int i = 0; i < 300; i++) {
      size_t m = 1 + gsl_rng_uniform_int(rng, 40);
      size_t n = 1 + gsl_rng_uniform_int(rng, 40);
      size_t k = 1 + gsl_rng_uniform_int(rng, 256);
      int t = (int) gsl_rng_uniform_int(rng, 4);
      int mode = (int) gsl_rng_uniform_int(rng, 32);
      compare(m, n, k, t & 1, t >> 1, mode, gsl_rng_uniform_int(rng, 3),
              !nn_gemm_small(trans(t >> 1), m, n, k), rng);
    }
    /* few rows, wide B read in place (bias gradients, dW of an output) */
    for (int i = 0; i < 60; i++) {
      size_t m = 1 + gsl_rng_uniform_int(rng, 10);
      size_t n = 1 + gsl_rng_uniform_int(rng, 300);
      size_t k = 1 + gsl_rng_uniform_int(rng, 256);
      compare(m, n, k, (int) gsl_rng_uniform_int(rng, 2), 0,
              (int) gsl_rng_uniform_int(rng, 32), gsl_rng_uniform_int(rng, 3),
              !nn_gemm_small(CblasNoTrans, m, n, k), rng);
    }
  }
  nn_gemm_limit(NN_GEMM_AVX512);
  gsl_rng_free(rng);
}
END_TEST

START_TEST(large_products_go_to_blas)
{
  /* Fashion-MNIST's first layer; a longer sum; no rows */
  ck_assert_int_eq(nn_gemm_small(CblasTrans, 128, 256, 784), 0);
  ck_assert_int_eq(nn_gemm_small(CblasNoTrans, 16, 16, 257), 0);
  ck_assert_int_eq(nn_gemm_small(CblasNoTrans, 0, 16, 16), 0);
  /* a transposed B is packed on the stack, 8192 doubles at most; one read
   * in place is not (a bias gradient: a row of ones times D) */
  if (nn_gemm_limit(NN_GEMM_AVX512) != NN_GEMM_BLAS) {
    ck_assert_int_eq(nn_gemm_small(CblasTrans, 4, 128, 128), 0);
    ck_assert_int_eq(nn_gemm_small(CblasNoTrans, 1, 256, 128), 1);
  }
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  compare(40, 300, 30, 0, 1, 1, 1, 1, rng);
  compare(20, 20, 300, 1, 0, 0, 0, 1, rng);
  gsl_rng_free(rng);
}
END_TEST

START_TEST(the_reference_is_a_matrix_product)
{
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  for (int i = 0; i < 200; i++) {
    size_t m = 1 + gsl_rng_uniform_int(rng, 20);
    size_t n = 1 + gsl_rng_uniform_int(rng, 20);
    size_t k = 1 + gsl_rng_uniform_int(rng, 100);
    int t = (int) gsl_rng_uniform_int(rng, 8);
    int ta = t & 1, tb = t >> 1 & 1, acc = t >> 2;
    block A = ta ? block_alloc(k, m, 0, 0, rng) : block_alloc(m, k, 0, 0, rng);
    block B = tb ? block_alloc(n, k, 0, 0, rng) : block_alloc(k, n, 0, 0, rng);
    block C = block_alloc(m, n, 0, 0, rng);
    gsl_matrix *want = gsl_matrix_alloc(m, n);
    gsl_matrix_memcpy(want, &C.view.matrix);
    nn_gemm_out o = {acc, NULL, 0, NULL};
    nn_gemm_reference(trans(ta), trans(tb), &A.view.matrix, &B.view.matrix,
                      &o, &C.view.matrix);
    gsl_blas_dgemm(trans(ta), trans(tb), 1, &A.view.matrix, &B.view.matrix,
                   acc ? 1 : 0, want);
    for (size_t r = 0; r < m; r++)  /* |terms| < 1: error below (k + 1) eps */
      for (size_t c = 0; c < n; c++)
        ASSERT_NEAR(gsl_matrix_get(&C.view.matrix, r, c),
                    gsl_matrix_get(want, r, c),
                    2 * (double) (k + 1) * DBL_EPSILON);
    gsl_matrix_free(A.whole);
    gsl_matrix_free(B.whole);
    gsl_matrix_free(C.whole);
    gsl_matrix_free(want);
  }
  gsl_rng_free(rng);
}
END_TEST

/* -1 + (1+e)(1-e) is -e^2 exactly.  One fma chain in the order of the
 * sum gives it; a plain multiply rounds (1+e)(1-e) to 1 and gives 0, and
 * so does the chain run backwards.  And 0 + -0 is +0: C is the sum added
 * to 0, as BLAS adds into a zeroed C. */
static void specified(void (*gemm)(CBLAS_TRANSPOSE_t, CBLAS_TRANSPOSE_t,
                                   const gsl_matrix *, const gsl_matrix *,
                                   const nn_gemm_out *, gsl_matrix *))
{
  nn_gemm_out o = {0, NULL, 0, NULL};
  double a[2] = {-1, 1 + DBL_EPSILON}, b[2] = {1, 1 - DBL_EPSILON}, c[1];
  gsl_matrix_view A = gsl_matrix_view_array(a, 1, 2);
  gsl_matrix_view B = gsl_matrix_view_array(b, 2, 1);
  gsl_matrix_view C = gsl_matrix_view_array(c, 1, 1);
  gemm(CblasNoTrans, CblasNoTrans, &A.matrix, &B.matrix, &o, &C.matrix);
  ck_assert(c[0] == -DBL_EPSILON * DBL_EPSILON);
  gsl_matrix_view Bt = gsl_matrix_view_array(b, 1, 2);  /* the same, as B^T */
  gemm(CblasNoTrans, CblasTrans, &A.matrix, &Bt.matrix, &o, &C.matrix);
  ck_assert(c[0] == -DBL_EPSILON * DBL_EPSILON);
  double z[1] = {-1}, w[1] = {0};
  gsl_matrix_view Z = gsl_matrix_view_array(z, 1, 1);
  gsl_matrix_view W = gsl_matrix_view_array(w, 1, 1);
  c[0] = -0.0;
  gemm(CblasNoTrans, CblasNoTrans, &Z.matrix, &W.matrix, &o, &C.matrix);
  ck_assert(c[0] == 0 && !signbit(c[0]));
}

START_TEST(rounding_and_zeros_as_specified)
{
  specified(nn_gemm_reference);
  for (nn_gemm_isa isa = NN_GEMM_AVX2; isa <= NN_GEMM_AVX512; isa++)
    if (nn_gemm_limit(isa) == isa)  /* else BLAS's rounding, not ours */
      specified(nn_gemm_ex);
  nn_gemm_limit(NN_GEMM_AVX512);
}
END_TEST

static Suite *gemm_suite(void)
{
  Suite *s = suite_create("gemm");
  TCase *tc = tcase_create("products");
  tcase_add_test(tc, small_products_are_the_reference_bit_for_bit);
  tcase_add_test(tc, large_products_go_to_blas);
  tcase_add_test(tc, the_reference_is_a_matrix_product);
  tcase_add_test(tc, rounding_and_zeros_as_specified);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  gsl_set_error_handler_off();
  return unit_run(gemm_suite());
}
