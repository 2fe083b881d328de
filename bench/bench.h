/* bench/bench.h -- what the benchmark programs share. */
#ifndef NN_BENCH_H
#define NN_BENCH_H

#include <time.h>

/* Wall-clock seconds from an arbitrary origin (CLOCK_MONOTONIC). */
static inline double bench_now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

#endif
