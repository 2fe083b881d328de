/* bench/gemm-small.c -- the products of a 2-16-16-1 relu step (batch 32),
 * each alone: nn_gemm_ex with every version this processor runs, and
 * gsl_blas_dgemm (the plain product, without the bias, relu and gate that
 * nn_gemm_ex adds).  See bench/README.md, "Third pass".
 *
 * Usage: bench/gemm-small [--calls N] [--runs N]
 * Prints, per product and version, the best over --runs (default 5) of
 * the mean time of --calls (default 100000) calls, in ns.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_rng.h>

#include "gemm.h"
#include "bench.h"

static gsl_matrix *filled(size_t r, size_t c, gsl_rng *rng)
{
  gsl_matrix *M = gsl_matrix_alloc(r, c);
  for (size_t i = 0; i < r * c; i++)
    M->data[i] = gsl_rng_uniform(rng) - 0.5;
  return M;
}

typedef struct {
  const char *name;  /* what the product is in the step */
  int ta, tb;        /* transposes of A and B */
  size_t m, n, k;    /* C is m x n, sums of k terms */
  int bias, relu, gate;  /* how nn_gemm_ex finishes it */
} product;

static const product step[] = {
  {"forward 1 (+bias,relu)", 0, 1, 32, 16, 2, 1, 1, 0},
  {"forward 2 (+bias,relu)", 0, 1, 32, 16, 16, 1, 1, 0},
  {"forward 3 (+bias)", 0, 1, 32, 1, 16, 1, 0, 0},
  {"dW 3", 1, 0, 1, 16, 32, 0, 0, 0},
  {"dW 2", 1, 0, 16, 16, 32, 0, 0, 0},
  {"dW 1", 1, 0, 16, 2, 32, 0, 0, 0},
  {"db 2 (ones D)", 0, 0, 1, 16, 32, 0, 0, 0},
  {"db 3 (ones D)", 0, 0, 1, 1, 32, 0, 0, 0},
  {"D W 3 (+gate)", 0, 0, 32, 16, 1, 0, 0, 1},
  {"D W 2 (+gate)", 0, 0, 32, 16, 16, 0, 0, 1},
};

static CBLAS_TRANSPOSE_t trans(int t) { return t ? CblasTrans : CblasNoTrans; }

int main(int argc, char **argv)
{
  long calls = 100000, runs = 5;
  for (int i = 1; i < argc; i++) {
    if (i + 1 < argc && strcmp(argv[i], "--calls") == 0)
      calls = atol(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--runs") == 0)
      runs = atol(argv[++i]);
    else {
      fprintf(stderr, "usage: %s [--calls N] [--runs N]\n", argv[0]);
      return 2;
    }
  }
  if (calls < 1 || runs < 1) {
    fprintf(stderr, "%s: --calls and --runs must be at least 1\n", argv[0]);
    return 2;
  }
  static const char *version[] = {"blas", "avx2", "avx512"};
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  printf("product\tm\tn\tk\tversion\tns\n");
  double total[3] = {0, 0, 0}, blas_total = 0;
  for (size_t q = 0; q < sizeof step / sizeof step[0]; q++) {
    const product *p = &step[q];
    gsl_matrix *A = p->ta ? filled(p->k, p->m, rng) : filled(p->m, p->k, rng);
    gsl_matrix *B = p->tb ? filled(p->n, p->k, rng) : filled(p->k, p->n, rng);
    gsl_matrix *C = filled(p->m, p->n, rng), *G = filled(p->m, p->n, rng);
    gsl_matrix *b = filled(1, p->n, rng);
    nn_gemm_out o = {0, p->bias ? b->data : NULL, p->relu, p->gate ? G : NULL};
    for (int v = NN_GEMM_BLAS; v <= NN_GEMM_AVX512; v++) {
      if ((int) nn_gemm_limit((nn_gemm_isa) v) != v)
        continue;  /* not on this processor */
      double best = 1e300;
      for (long r = 0; r < runs; r++) {
        double t0 = bench_now();
        for (long c = 0; c < calls; c++)
          if (v == NN_GEMM_BLAS)  /* the plain product, as before libnn's */
            gsl_blas_dgemm(trans(p->ta), trans(p->tb), 1, A, B, 0, C);
          else
            nn_gemm_ex(trans(p->ta), trans(p->tb), A, B, &o, C);
        double t = (bench_now() - t0) / (double) calls;
        best = t < best ? t : best;
      }
      printf("%s\t%zu\t%zu\t%zu\t%s\t%.1f\n", p->name, p->m, p->n, p->k,
             version[v], 1e9 * best);
      if (v == NN_GEMM_BLAS)
        blas_total += best;
      else
        total[v] += best;
    }
    gsl_matrix_free(A);
    gsl_matrix_free(B);
    gsl_matrix_free(C);
    gsl_matrix_free(G);
    gsl_matrix_free(b);
  }
  printf("# a step's products: blas %.0f ns (without bias, relu, gate)",
         1e9 * blas_total);
  for (int v = NN_GEMM_AVX2; v <= NN_GEMM_AVX512; v++)
    if (total[v] > 0)
      printf(", %s %.0f ns", version[v], 1e9 * total[v]);
  printf("\n");
  gsl_rng_free(rng);
  return 0;
}
