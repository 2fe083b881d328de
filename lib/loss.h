/* loss.h -- softmax, log-softmax and the losses of a classifier.
 *
 * NOTES.md §5: y'_i = exp(y_i) / sum_j exp(y_j); cross-entropy
 * e = -sum_i yhat_i ln y'_i; softmax-MSE e = sum_i (yhat_i - y'_i)^2, where
 * yhat is the one-hot target.  Every function takes a temperature T > 0 and
 * works on z / T.  All are stable for logits of any finite size: they work
 * on d_i = (z_i - max z) / T <= 0, so exp never overflows and at least one
 * term of the sum is exactly 1.
 */
#ifndef NN_LOSS_H
#define NN_LOSS_H

#include <stddef.h>

/* Index of the largest of the N values Z (the first one on a tie). */
size_t nn_argmax(const double *z, size_t n);

/* log sum_i exp(z_i / T), computed without overflow. */
double nn_logsumexp(const double *z, size_t n, double T);

/* P = softmax(Z / T); P may be Z. */
void nn_softmax(const double *z, size_t n, double T, double *p);

/* LP = log softmax(Z / T) = Z / T - logsumexp(Z, T); LP may be Z.  A log
 * probability can be -inf when two logits differ by more than DBL_MAX. */
void nn_log_softmax(const double *z, size_t n, double T, double *lp);

/* Cross-entropy of softmax(Z / T) against class K: -log p_K. */
double nn_xent(const double *z, size_t n, size_t k, double T);

/* Its gradient with respect to Z: (softmax(Z / T) - onehot(K)) / T. */
void nn_xent_grad(const double *z, size_t n, size_t k, double T, double *g);

/* Squared error of probabilities P against class K:
 * sum_i (p_i - [i == K])^2. */
double nn_softmax_mse(const double *p, size_t n, size_t k);

#endif
