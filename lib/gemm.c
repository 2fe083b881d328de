/* gemm.c -- small matrix products with AVX2 or AVX-512 (see gemm.h).
 *
 * The blocking follows Goto and van de Geijn, "Anatomy of high-performance
 * matrix multiplication" (ACM TOMS 34(3), 2008), cut down to one level: B
 * is read (or packed once) as rows of vectors, and a block of C, MR rows
 * by two vectors, stays in registers while the sum runs over k; then the
 * block is finished (bias, relu, gate) on its way to memory.  At the sizes
 * of a lesson's network (a 32-row batch, 16 units) this saves what
 * OpenBLAS spends around its kernel: packing both operands, a lock on its
 * buffer pool, a kernel tuned for large blocks, and a pass over C for the
 * bias and another for the activation.  Two versions of the same sums:
 * AVX2 (4 x 8 blocks, B padded to whole vectors) and AVX-512 (8 x 16,
 * edges by masks).
 */
#include <config.h>

#include <math.h>
#include <string.h>

#include "gemm.h"

/* Longer sums (full-batch gradients over many rows) stay with BLAS: the
 * small path is for mini-batches. */
#define SMALL_KMAX 256
/* Packed B on the stack: at most this many doubles (64 KiB). */
#define SMALL_PACK 8192
/* Above this many multiply-adds, OpenBLAS's blocking wins. */
#define SMALL_WORK (1UL << 18)

/* Element (i, j) of op(M). */
static double op_elt(CBLAS_TRANSPOSE_t t, const gsl_matrix *M, size_t i,
                     size_t j)
{
  return t == CblasNoTrans ? M->data[i * M->tda + j]
                           : M->data[j * M->tda + i];
}

/* Entry (i, j) of C, X, through O's relu and gate. */
static double relu_gate(const nn_gemm_out *o, size_t i, size_t j, double x)
{
  if (o->relu)
    x = x > 0 ? x : 0;
  if (o->gate && !(o->gate->data[i * o->gate->tda + j] > 0))
    x = 0;
  return x;
}

/* Entry (i, j) of C from its sum S, as O says. */
static double finish(const nn_gemm_out *o, double old, size_t i, size_t j,
                     double s)
{
  return relu_gate(o, i, j, (o->acc ? old : o->bias ? o->bias[j] : 0) + s);
}

void nn_gemm_reference(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb,
                       const gsl_matrix *A, const gsl_matrix *B,
                       const nn_gemm_out *o, gsl_matrix *C)
{
  size_t m = C->size1, n = C->size2;
  size_t k = ta == CblasNoTrans ? A->size2 : A->size1;
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < n; j++) {
      double s = 0, *c = C->data + i * C->tda + j;
      for (size_t p = 0; p < k; p++)
        s = fma(op_elt(ta, A, i, p), op_elt(tb, B, p, j), s);
      *c = finish(o, *c, i, j, s);
    }
}

/* The k x n matrix op(B) into rows of NP >= n doubles at BP, zeros after
 * column n. */
static void pack(CBLAS_TRANSPOSE_t tb, const gsl_matrix *B, size_t k,
                 size_t n, size_t np, double *bp)
{
  if (tb == CblasNoTrans)
    for (size_t p = 0; p < k; p++) {  /* rows are short: no memcpy call */
      const double *row = B->data + p * B->tda;
      for (size_t j = 0; j < np; j++)
        bp[p * np + j] = j < n ? row[j] : 0;
    }
  else {
    for (size_t j = 0; j < n; j++) {
      const double *row = B->data + j * B->tda;
      for (size_t p = 0; p < k; p++)
        bp[p * np + j] = row[p];
    }
    for (size_t p = 0; p < k; p++)
      for (size_t j = n; j < np; j++)
        bp[p * np + j] = 0;
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define NN_AVX2 __attribute__((target("avx2,fma")))
#define NN_AVX512 __attribute__((target("avx512f")))
#define NN_INLINE static inline __attribute__((always_inline))
#define UNROLL _Pragma("GCC unroll 8")

/* The same walk over C for both versions: blocks of MR rows (MR, then
 * what is left, as constants so that the block's loops unroll into
 * registers) by W columns.  The rows of op(A) are at a + i si, entry p of
 * a row at + p sp; row p of op(B) at b + p np; C's rows at c + i ldc; the
 * block starts at row i, column j, and is finished as o says. */
#define AT(block, rows, W)                                                    \
  block(rows, a + i * si, si, sp, b + j, np, k, c + i * ldc + j, ldc,         \
        n - j < W ? n - j : W, o, i, j)
#define WALK(block, MR, W)                                                    \
  do {                                                                        \
    size_t i = 0;                                                             \
    for (; i + MR <= m; i += MR)                                              \
      for (size_t j = 0; j < n; j += W)                                       \
        AT(block, MR, W);                                                     \
    for (size_t j = 0; j < n && i < m; j += W)                                \
      switch (m - i) {                                                        \
      case 7: if (MR > 7) AT(block, 7, W); break;                             \
      case 6: if (MR > 6) AT(block, 6, W); break;                             \
      case 5: if (MR > 5) AT(block, 5, W); break;                             \
      case 4: if (MR > 4) AT(block, 4, W); break;                             \
      case 3: AT(block, 3, W); break;                                         \
      case 2: AT(block, 2, W); break;                                         \
      default: AT(block, 1, W); break;                                        \
      }                                                                       \
  } while (0)

/* AVX2: an MR x NC block of C, MR <= 4, NC <= 8, from B padded to whole
 * vectors. */
NN_INLINE NN_AVX2 void block4(size_t mr, const double *a, size_t si,
                              size_t sp, const double *b, size_t np, size_t k,
                              double *c, size_t ldc, size_t nc,
                              const nn_gemm_out *o, size_t i, size_t j)
{
  __m256d s[4][2];
  size_t nv = nc > 4 ? 2 : 1;
  UNROLL for (size_t r = 0; r < mr; r++)
    UNROLL for (size_t v = 0; v < 2; v++)
      s[r][v] = _mm256_setzero_pd();
  if (nv == 2)
    for (size_t p = 0; p < k; p++) {
      __m256d b0 = _mm256_loadu_pd(b + p * np);
      __m256d b1 = _mm256_loadu_pd(b + p * np + 4);
      UNROLL for (size_t r = 0; r < mr; r++) {
        __m256d ar = _mm256_broadcast_sd(a + r * si + p * sp);
        s[r][0] = _mm256_fmadd_pd(ar, b0, s[r][0]);
        s[r][1] = _mm256_fmadd_pd(ar, b1, s[r][1]);
      }
    }
  else
    for (size_t p = 0; p < k; p++) {
      __m256d b0 = _mm256_loadu_pd(b + p * np);
      UNROLL for (size_t r = 0; r < mr; r++)
        s[r][0] = _mm256_fmadd_pd(_mm256_broadcast_sd(a + r * si + p * sp),
                                  b0, s[r][0]);
    }
  const nn_gemm_out f = *o;  /* in registers: C's stores cannot change it */
  const __m256d zero = _mm256_setzero_pd();
  __m256d base[2] = {zero, zero};  /* what each row's sums are added to */
  if (!f.acc && f.bias && nc == 8)
    UNROLL for (size_t v = 0; v < 2; v++)
      base[v] = _mm256_loadu_pd(f.bias + j + 4 * v);
  UNROLL for (size_t r = 0; r < mr; r++) {
    double *cr = c + r * ldc;
    if (nc == 8)
      UNROLL for (size_t v = 0; v < 2; v++) {
        __m256d x = _mm256_add_pd(
          f.acc ? _mm256_loadu_pd(cr + 4 * v) : base[v], s[r][v]);
        if (f.relu)  /* vmaxpd gives its second operand for NaN and +-0 */
          x = _mm256_max_pd(x, zero);
        if (f.gate) {
          const double *g = f.gate->data + (i + r) * f.gate->tda + j;
          x = _mm256_and_pd(x, _mm256_cmp_pd(_mm256_loadu_pd(g + 4 * v), zero,
                                             _CMP_GT_OQ));
        }
        _mm256_storeu_pd(cr + 4 * v, x);
      }
    else {  /* the last columns: through memory, the real ones only */
      double t[8];
      _mm256_storeu_pd(t, s[r][0]);
      _mm256_storeu_pd(t + 4, s[r][1]);
      for (size_t q = 0; q < nc; q++)
        cr[q] = finish(o, cr[q], i + r, j + q, t[q]);
    }
  }
}

/* A version: C = op(A) op(B) by BLOCKs of MR x W, finished as o says.  B
 * is read in place when it is not transposed and DIRECT holds, else packed
 * into rows of NP doubles (NP and DIRECT may use n). */
#define GEMM_VERSION(name, target, block, MR, W, NP, DIRECT)                  \
  target static void name(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb,         \
                          const gsl_matrix *A, const gsl_matrix *B,           \
                          const nn_gemm_out *o, gsl_matrix *C)                \
  {                                                                           \
    size_t m = C->size1, n = C->size2, ldc = C->tda;                          \
    size_t k = ta == CblasNoTrans ? A->size2 : A->size1, np = (NP);           \
    int direct = tb == CblasNoTrans && (DIRECT);                              \
    double bp[direct ? 1 : k * np];                                           \
    const double *b = direct ? B->data : bp, *a = A->data;                    \
    if (direct)                                                               \
      np = B->tda;                                                            \
    else                                                                      \
      pack(tb, B, k, n, np, bp);                                              \
    size_t si = ta == CblasNoTrans ? A->tda : 1;                              \
    size_t sp = ta == CblasNoTrans ? 1 : A->tda;                              \
    double *c = C->data;                                                      \
    WALK(block, MR, W);                                                       \
  }

/* B's rows padded to whole vectors: no read past a row's end. */
GEMM_VERSION(gemm_avx2, NN_AVX2, block4, 4, 8, (n + 3) & ~(size_t) 3,
             n % 4 == 0)

/* AVX-512: an MR x NC block of C, MR <= 8, NC <= 16, its last vector by a
 * mask. */
NN_INLINE NN_AVX512 void block8(size_t mr, const double *a, size_t si,
                                size_t sp, const double *b, size_t np,
                                size_t k, double *c, size_t ldc, size_t nc,
                                const nn_gemm_out *o, size_t i, size_t j)
{
  __m512d s[8][2];
  __mmask8 m0 = nc >= 8 ? 0xff : (__mmask8) ((1u << nc) - 1);
  __mmask8 m1 = nc <= 8 ? 0 : (__mmask8) ((1u << (nc - 8)) - 1);
  UNROLL for (size_t r = 0; r < mr; r++)
    UNROLL for (size_t v = 0; v < 2; v++)
      s[r][v] = _mm512_setzero_pd();
  if (m1)
    for (size_t p = 0; p < k; p++) {
      __m512d b0 = _mm512_loadu_pd(b + p * np);
      __m512d b1 = _mm512_maskz_loadu_pd(m1, b + p * np + 8);
      UNROLL for (size_t r = 0; r < mr; r++) {
        __m512d ar = _mm512_set1_pd(a[r * si + p * sp]);
        s[r][0] = _mm512_fmadd_pd(ar, b0, s[r][0]);
        s[r][1] = _mm512_fmadd_pd(ar, b1, s[r][1]);
      }
    }
  else
    for (size_t p = 0; p < k; p++) {
      __m512d b0 = _mm512_maskz_loadu_pd(m0, b + p * np);
      UNROLL for (size_t r = 0; r < mr; r++)
        s[r][0] = _mm512_fmadd_pd(_mm512_set1_pd(a[r * si + p * sp]), b0,
                                  s[r][0]);
    }
  const nn_gemm_out f = *o;  /* in registers: C's stores cannot change it */
  const __m512d zero = _mm512_setzero_pd();
  __m512d base[2] = {zero, zero};  /* what each row's sums are added to */
  if (!f.acc && f.bias) {
    base[0] = _mm512_maskz_loadu_pd(m0, f.bias + j);
    base[1] = _mm512_maskz_loadu_pd(m1, f.bias + j + 8);
  }
  UNROLL for (size_t r = 0; r < mr; r++)
    UNROLL for (size_t v = 0; v < 2; v++) {
      __mmask8 mv = v ? m1 : m0;
      if (mv == 0)
        break;
      double *cv = c + r * ldc + 8 * v;
      __m512d x = _mm512_add_pd(
        f.acc ? _mm512_maskz_loadu_pd(mv, cv) : base[v], s[r][v]);
      if (f.relu)  /* vmaxpd gives its second operand for NaN and +-0 */
        x = _mm512_max_pd(x, zero);
      if (f.gate) {
        const double *g = f.gate->data + (i + r) * f.gate->tda + j + 8 * v;
        x = _mm512_maskz_mov_pd(
          _mm512_cmp_pd_mask(_mm512_maskz_loadu_pd(mv, g), zero, _CMP_GT_OQ),
          x);
      }
      _mm512_mask_storeu_pd(cv, mv, x);
    }
}

/* Masks keep every read inside a row. */
GEMM_VERSION(gemm_avx512, NN_AVX512, block8, 8, 16, n, 1)

/* The best version this processor runs. */
static nn_gemm_isa isa_best(void)
{
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f"))
    return NN_GEMM_AVX512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    return NN_GEMM_AVX2;
  return NN_GEMM_BLAS;
}
#else
static nn_gemm_isa isa_best(void) { return NN_GEMM_BLAS; }
#define gemm_avx2 nn_gemm_reference    /* never called */
#define gemm_avx512 nn_gemm_reference  /* never called */
#endif

static int isa_now = -1;  /* the version in use; -1: not chosen yet (set
                             once: the tools are single-threaded) */

nn_gemm_isa nn_gemm_limit(nn_gemm_isa isa)
{
  nn_gemm_isa best = isa_best();
  isa_now = isa < best ? isa : best;
  return (nn_gemm_isa) isa_now;
}

int nn_gemm_small(CBLAS_TRANSPOSE_t tb, size_t m, size_t n, size_t k)
{
  if (isa_now < 0)
    isa_now = isa_best();
  /* B is read in place unless transposed, or (AVX2) its rows are not whole
   * vectors; a packed copy must fit the stack */
  int packed = tb != CblasNoTrans || (isa_now == NN_GEMM_AVX2 && n % 4 != 0);
  size_t np = (n + 3) & ~(size_t) 3;
  return isa_now != NN_GEMM_BLAS && m >= 1 && n >= 1 && k >= 1
         && k <= SMALL_KMAX && (!packed || k * np <= SMALL_PACK)
         && m * n * k <= SMALL_WORK;
}

/* What the small path does after the sums, by BLAS and loops. */
static void gemm_blas(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb,
                      const gsl_matrix *A, const gsl_matrix *B,
                      const nn_gemm_out *o, gsl_matrix *C)
{
  size_t m = C->size1, n = C->size2;
  if (!o->acc && o->bias)
    for (size_t i = 0; i < m; i++)
      memcpy(C->data + i * C->tda, o->bias, n * sizeof *o->bias);
  gsl_blas_dgemm(ta, tb, 1, A, B, o->acc || o->bias ? 1 : 0, C);
  if (o->relu || o->gate)
    for (size_t i = 0; i < m; i++)
      for (size_t j = 0; j < n; j++) {
        double *x = C->data + i * C->tda + j;
        *x = relu_gate(o, i, j, *x);
      }
}

void nn_gemm_ex(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb,
                const gsl_matrix *A, const gsl_matrix *B,
                const nn_gemm_out *o, gsl_matrix *C)
{
  size_t k = ta == CblasNoTrans ? A->size2 : A->size1;
  if (!nn_gemm_small(tb, C->size1, C->size2, k))
    gemm_blas(ta, tb, A, B, o, C);
  else if (isa_now == NN_GEMM_AVX512)
    gemm_avx512(ta, tb, A, B, o, C);
  else
    gemm_avx2(ta, tb, A, B, o, C);
}

void nn_gemm(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb, const gsl_matrix *A,
             const gsl_matrix *B, int acc, gsl_matrix *C)
{
  nn_gemm_out o = {acc, NULL, 0, NULL};
  nn_gemm_ex(ta, tb, A, B, &o, C);
}
