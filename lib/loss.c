/* loss.c -- softmax, log-softmax and the losses of a classifier.
 *
 * NOTES.md §5 (classification).  The max-shift trick: softmax(z) =
 * softmax(z - c) for any c, and with c = max z every exponent is <= 0.
 */
#include <config.h>
#include <math.h>

#include "loss.h"

size_t nn_argmax(const double *z, size_t n)
{
  size_t best = 0;
  for (size_t i = 1; i < n; i++)
    if (z[i] > z[best])
      best = i;
  return best;
}

/* (z_i - max) / T: the difference, not z_i / T - max / T, so that z / T
 * cannot overflow when T < 1; it is -inf only when the true value is below
 * -DBL_MAX. */
static double shifted(double zi, double max, double T)
{
  return (zi - max) / T;
}

/* sum_i exp((z_i - max) / T), in [1, n]; *MAX gets max z. */
static double shifted_sum(const double *z, size_t n, double T, double *max)
{
  double sum = 0;
  *max = z[nn_argmax(z, n)];
  for (size_t i = 0; i < n; i++)
    sum += exp(shifted(z[i], *max, T));
  return sum;
}

double nn_logsumexp(const double *z, size_t n, double T)
{
  double max, sum = shifted_sum(z, n, T, &max);
  return max / T + log(sum);
}

void nn_softmax(const double *z, size_t n, double T, double *p)
{
  double max = z[nn_argmax(z, n)], sum = 0;
  for (size_t i = 0; i < n; i++) {
    p[i] = exp(shifted(z[i], max, T));
    sum += p[i];
  }
  for (size_t i = 0; i < n; i++)
    p[i] /= sum;
}

void nn_log_softmax(const double *z, size_t n, double T, double *lp)
{
  double max, lse = log(shifted_sum(z, n, T, &max));  /* in [0, log n] */
  for (size_t i = 0; i < n; i++)
    lp[i] = shifted(z[i], max, T) - lse;
}

double nn_xent(const double *z, size_t n, size_t k, double T)
{
  double max, sum = shifted_sum(z, n, T, &max);
  return log(sum) - shifted(z[k], max, T);
}

void nn_xent_grad(const double *z, size_t n, size_t k, double T, double *g)
{
  nn_softmax(z, n, T, g);
  g[k] -= 1;
  for (size_t i = 0; i < n; i++)
    g[i] /= T;
}

double nn_softmax_mse(const double *p, size_t n, size_t k)
{
  double e = 0;
  for (size_t i = 0; i < n; i++) {
    double d = p[i] - (i == k);
    e += d * d;
  }
  return e;
}
