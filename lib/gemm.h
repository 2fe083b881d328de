/* gemm.h -- C = A B or C += A B for the small matrices of lesson-size
 * networks, where a BLAS call costs more than its arithmetic.
 *
 * Every entry is computed as a chain of fused multiply-adds in the order
 * of the sum, started from zero, then added to C once:
 *   s = 0;  s = fma(A(i,p), B(p,j), s) for p = 0, 1, ..., k-1;  C = C + s
 * (or to 0, or to a bias), then finished (relu, gate) as nn_gemm_out
 * says.  The AVX2 and the AVX-512 versions give the same numbers, so a
 * result does not depend on which ran (a NaN aside: which of two NaNs an
 * operation passes on, its sign and payload, is the compiler's choice of
 * operand order, and not specified); OpenBLAS's Haswell kernel sums the
 * same way inside its blocks but not at every edge, so results can differ
 * from BLAS's in the last bits.  Products that are not small, or a
 * processor without AVX2 and FMA, go to gsl_blas_dgemm.
 */
#ifndef NN_GEMM_H
#define NN_GEMM_H

#include <gsl/gsl_blas.h>
#include <gsl/gsl_matrix.h>

/* What becomes of entry (i, j) of C after its sum s, in this order. */
typedef struct nn_gemm_out {
  int acc;                 /* C + s, not 0 + s */
  const double *bias;      /* bias[j] + s, when not acc (NULL: 0 + s) */
  int relu;                /* then max(x, 0), 0 for NaN: x > 0 ? x : 0 */
  const gsl_matrix *gate;  /* then 0 unless gate(i, j) > 0 (NULL: none);
                              a relu layer's output gates its gradient */
} nn_gemm_out;

/* C = op(A) op(B), op as TA and TB, each entry finished as O says.  Sizes
 * must agree (the caller's invariant, as in GSL). */
void nn_gemm_ex(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb,
                const gsl_matrix *A, const gsl_matrix *B,
                const nn_gemm_out *o, gsl_matrix *C);

/* C = op(A) op(B) (ACC 0) or C += op(A) op(B) (ACC 1):
 * gsl_blas_dgemm(TA, TB, 1, A, B, ACC, C) with the sums above. */
void nn_gemm(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb, const gsl_matrix *A,
             const gsl_matrix *B, int acc, gsl_matrix *C);

/* The same by plain loops over libm's fma(): the specification of the
 * small path, for tests. */
void nn_gemm_reference(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb,
                       const gsl_matrix *A, const gsl_matrix *B,
                       const nn_gemm_out *o, gsl_matrix *C);

/* The versions of the small path, from none (every product to BLAS) to
 * the widest. */
typedef enum { NN_GEMM_BLAS, NN_GEMM_AVX2, NN_GEMM_AVX512 } nn_gemm_isa;

/* Use no wider version than ISA from now on (the default is the widest
 * the processor runs), for tests and benchmarks: every version gives the
 * same numbers.  Returns the version now in use. */
nn_gemm_isa nn_gemm_limit(nn_gemm_isa isa);

/* 1 when nn_gemm would compute C itself (not through BLAS) for these
 * sizes on this processor: m x n outputs, sums of k terms, B as TB. */
int nn_gemm_small(CBLAS_TRANSPOSE_t tb, size_t m, size_t n, size_t k);

#endif
