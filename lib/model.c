/* model.c -- a feed-forward network: forward and backward passes over a
 * mini-batch with BLAS (gemm), and the losses of NOTES.md §1 and §5.
 *
 * Backpropagation (Rumelhart, Hinton & Williams 1986), for a batch of n
 * rows and mean loss L: with D_L = dL/dZ_L,
 *   dW_l = D_l^T A_{l-1},  db_l = 1^T D_l,  D_{l-1} = (D_l W_l) .* f'(A_{l-1}),
 * where f' is written in terms of the activation's output A (relu: A > 0,
 * sigmoid: A (1 - A), tanh: 1 - A^2), so pre-activations need not be kept.
 *
 * Dropout (Srivastava et al. 2014), inverted as PyTorch does it: while
 * training, each hidden unit's output is kept with probability 1 - p and
 * then divided by 1 - p (so its expected value is unchanged and nothing
 * needs rescaling at prediction time), or set to 0.
 */
#include <config.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "gemm.h"
#include "loss.h"
#include "model.h"

struct nn_work {
  size_t cap;        /* rows the buffers hold */
  size_t nlayers;    /* layers of the model it was made for */
  gsl_matrix **a;    /* a[l]: outputs of layer l (cap x width[l]), l = 1..L */
  gsl_matrix **d;    /* d[l]: dL/dz of layer l (cap x width[l]), l = 1..L */
  gsl_vector *ones;  /* cap ones, to sum D over rows */
  double drop;       /* dropout rate p of the hidden layers; 0: none */
  gsl_rng *rng;      /* draws the dropout masks */
  gsl_matrix **mask; /* mask[l]: 0 or 1/(1-p) per unit of hidden layer l */
  gsl_matrix **kept; /* kept[l]: a[l] times mask[l], the next layer's input */
};

static const char *act_names[] = {"linear", "relu", "sigmoid", "tanh"};
static const char *loss_names[] = {"mse", "xent", "softmax-mse"};

const char *nn_act_name(nn_act a) { return act_names[a]; }
const char *nn_loss_name(nn_loss l) { return loss_names[l]; }

static int parse_name(const char *s, const char **names, int n)
{
  for (int i = 0; i < n; i++)
    if (strcmp(s, names[i]) == 0)
      return i;
  return -1;
}

int nn_act_parse(const char *s) { return parse_name(s, act_names, 4); }
int nn_loss_parse(const char *s) { return parse_name(s, loss_names, 3); }

nn_model *nn_model_alloc(size_t nlayers, const size_t *width, nn_act act,
                         int bias, nn_loss loss)
{
  nn_model *m = calloc(1, sizeof *m);
  if (m == NULL)
    return NULL;
  m->nlayers = nlayers;
  m->act = act;
  m->bias = bias;
  m->loss = loss;
  m->poly = 1;
  m->width = malloc((nlayers + 1) * sizeof *m->width);
  if (m->width == NULL) {
    free(m);
    return NULL;
  }
  memcpy(m->width, width, (nlayers + 1) * sizeof *width);
  for (size_t l = 1; l <= nlayers; l++)
    m->nparams += width[l] * width[l - 1] + (bias ? width[l] : 0);
  m->theta = calloc(m->nparams ? m->nparams : 1, sizeof *m->theta);
  m->inputs = calloc(width[0] ? width[0] : 1, sizeof *m->inputs);
  if (m->theta == NULL || m->inputs == NULL) {
    nn_model_free(m);
    return NULL;
  }
  return m;
}

void nn_model_free(nn_model *m)
{
  if (m == NULL)
    return;
  if (m->inputs != NULL)  /* room for width[0]; unused entries are NULL */
    for (size_t j = 0; j < m->width[0]; j++)
      free(m->inputs[j]);
  if (m->classes != NULL)
    for (size_t k = 0; k < m->nclasses; k++)
      free(m->classes[k]);
  free(m->inputs);
  free(m->classes);
  free(m->target);
  free(m->shift);
  free(m->scale);
  free(m->theta);
  free(m->width);
  free(m);
}

size_t nn_model_ncolumns(const nn_model *m)
{
  return m->width[0] / (m->poly > 1 ? m->poly : 1);
}

int nn_arch_parse(const char *s, size_t **hidden, size_t *nh, nn_err *err)
{
  *hidden = NULL;
  *nh = 0;
  if (strcmp(s, "linear") == 0)
    return NN_OK;
  if (strncmp(s, "mlp:", 4) != 0 || s[4] == '\0')
    return nn_err_set(err, NN_EINVAL, "--model: '%s' is not 'linear' or "
                      "'mlp:H1,H2,...'", s);
  size_t n = 1;
  for (const char *c = s + 4; *c; c++)
    n += *c == ',';
  size_t *h = malloc(n * sizeof *h);
  if (h == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  const char *p = s + 4;
  for (size_t i = 0; i < n; i++) {
    char *end;
    unsigned long long v = strtoull(p, &end, 10);
    /* strtoull alone would take " 3", "+3" and "-3" (as 2^64 - 3). */
    if (!isdigit((unsigned char) *p) || v == 0 || v > 100000000 ||
        (*end != ',' && *end != '\0')) {
      free(h);
      return nn_err_set(err, NN_EINVAL, "--model: '%s': hidden widths must "
                        "be whole numbers from 1 to 100000000", s);
    }
    h[i] = (size_t) v;
    p = end + 1;
  }
  *hidden = h;
  *nh = n;
  return NN_OK;
}

size_t nn_model_weight_offset(const nn_model *m, size_t l)
{
  size_t off = 0;
  for (size_t k = 1; k < l; k++)
    off += m->width[k] * m->width[k - 1] + (m->bias ? m->width[k] : 0);
  return off;
}

size_t nn_model_bias_offset(const nn_model *m, size_t l)
{
  return nn_model_weight_offset(m, l) + m->width[l] * m->width[l - 1];
}

void nn_model_param_name(const nn_model *m, size_t k, char *buf, size_t size)
{
  for (size_t l = 1; l <= m->nlayers; l++) {
    size_t nw = m->width[l] * m->width[l - 1];
    size_t nb = m->bias ? m->width[l] : 0;
    if (k < nw) {
      snprintf(buf, size, "W%zu[%zu,%zu]", l, k / m->width[l - 1] + 1,
               k % m->width[l - 1] + 1);
      return;
    }
    if (k < nw + nb) {
      snprintf(buf, size, "b%zu[%zu]", l, k - nw + 1);
      return;
    }
    k -= nw + nb;
  }
  snprintf(buf, size, "?");
}

int nn_model_init(nn_model *m, const char *scheme, gsl_rng *rng, nn_err *err)
{
  double sigma_fixed = -1;  /* normal:SIGMA */
  int he = strcmp(scheme, "he") == 0, xavier = strcmp(scheme, "xavier") == 0;
  if (strncmp(scheme, "normal:", 7) == 0) {
    char *end;
    sigma_fixed = strtod(scheme + 7, &end);
    if (end == scheme + 7 || *end != '\0' || !(sigma_fixed >= 0) ||
        !isfinite(sigma_fixed))
      return nn_err_set(err, NN_EINVAL,
                        "--init: '%s': SIGMA must be a number >= 0", scheme);
  } else if (!he && !xavier && strcmp(scheme, "zeros") != 0) {
    return nn_err_set(err, NN_EINVAL,
                      "--init: unknown scheme '%s' (he, xavier, normal:SIGMA, "
                      "zeros)", scheme);
  }
  memset(m->theta, 0, m->nparams * sizeof *m->theta);
  for (size_t l = 1; l <= m->nlayers; l++) {
    double fan_in = (double) m->width[l - 1], fan_out = (double) m->width[l];
    double sigma = he ? sqrt(2 / fan_in)
                 : xavier ? sqrt(2 / (fan_in + fan_out))
                 : sigma_fixed > 0 ? sigma_fixed : 0;
    double *W = m->theta + nn_model_weight_offset(m, l);
    if (sigma > 0)
      for (size_t k = 0; k < m->width[l] * m->width[l - 1]; k++)
        W[k] = gsl_ran_gaussian(rng, sigma);
  }
  return NN_OK;
}

nn_work *nn_work_alloc(const nn_model *m, size_t cap)
{
  nn_work *w = calloc(1, sizeof *w);
  if (w == NULL)
    return NULL;
  size_t L = m->nlayers;
  w->cap = cap ? cap : 1;
  w->nlayers = L;
  w->a = calloc(L + 1, sizeof *w->a);
  w->d = calloc(L + 1, sizeof *w->d);
  w->ones = gsl_vector_alloc(w->cap);
  if (w->a == NULL || w->d == NULL || w->ones == NULL)
    goto fail;
  gsl_vector_set_all(w->ones, 1);
  for (size_t l = 1; l <= L; l++) {
    w->a[l] = gsl_matrix_alloc(w->cap, m->width[l]);
    w->d[l] = gsl_matrix_alloc(w->cap, m->width[l]);
    if (w->a[l] == NULL || w->d[l] == NULL)
      goto fail;
  }
  return w;
fail:
  nn_work_free(w);
  return NULL;
}

void nn_work_free(nn_work *w)
{
  if (w == NULL)
    return;
  for (size_t l = 1; l <= w->nlayers; l++) {  /* unallocated ones are NULL */
    if (w->a != NULL)
      gsl_matrix_free(w->a[l]);
    if (w->d != NULL)
      gsl_matrix_free(w->d[l]);
  }
  for (size_t l = 1; l <= w->nlayers; l++) {
    if (w->mask != NULL)
      gsl_matrix_free(w->mask[l]);
    if (w->kept != NULL)
      gsl_matrix_free(w->kept[l]);
  }
  free(w->a);
  free(w->d);
  free(w->mask);
  free(w->kept);
  if (w->ones != NULL)
    gsl_vector_free(w->ones);
  free(w);
}

int nn_work_set_dropout(nn_work *w, const nn_model *m, double p, gsl_rng *rng)
{
  size_t L = w->nlayers;
  w->drop = 0;
  if (p == 0)
    return NN_OK;
  if (w->mask == NULL) {
    w->mask = calloc(L + 1, sizeof *w->mask);
    w->kept = calloc(L + 1, sizeof *w->kept);
    if (w->mask == NULL || w->kept == NULL)
      return NN_ENOMEM;
    for (size_t l = 1; l < L; l++) {  /* hidden layers only */
      w->mask[l] = gsl_matrix_alloc(w->cap, m->width[l]);
      w->kept[l] = gsl_matrix_alloc(w->cap, m->width[l]);
      if (w->mask[l] == NULL || w->kept[l] == NULL)
        return NN_ENOMEM;
    }
  }
  w->drop = p;
  w->rng = rng;
  return NN_OK;
}

/* The first N rows of buffer B. */
static gsl_matrix_view rows(gsl_matrix *b, size_t n)
{
  return gsl_matrix_submatrix(b, 0, 0, n, b->size2);
}

/* W_l as a width[l] x width[l-1] matrix view of theta (read-only use). */
static _gsl_matrix_const_view weights(const nn_model *m, const double *theta,
                                     size_t l)
{
  return gsl_matrix_const_view_array(theta + nn_model_weight_offset(m, l),
                                     m->width[l], m->width[l - 1]);
}

static double sigmoid(double z)
{
  if (z >= 0)
    return 1 / (1 + exp(-z));
  double e = exp(z);  /* no overflow for very negative z */
  return e / (1 + e);
}

void nn_activate(nn_act act, double *a, size_t n)
{
  switch (act) {
  case NN_ACT_LINEAR: break;
  case NN_ACT_RELU: for (size_t i = 0; i < n; i++) a[i] = a[i] > 0 ? a[i] : 0; break;
  case NN_ACT_SIGMOID: for (size_t i = 0; i < n; i++) a[i] = sigmoid(a[i]); break;
  case NN_ACT_TANH: for (size_t i = 0; i < n; i++) a[i] = tanh(a[i]); break;
  }
}

/* D .*= f'(z), with f' from the layer's output A. */
static void times_derivative(nn_act act, gsl_matrix *D, const gsl_matrix *A)
{
  double *d = D->data;
  const double *a = A->data;
  size_t n = D->size1 * D->size2;
  switch (act) {
  case NN_ACT_LINEAR: break;
  case NN_ACT_RELU: for (size_t i = 0; i < n; i++) d[i] = a[i] > 0 ? d[i] : 0; break;
  case NN_ACT_SIGMOID: for (size_t i = 0; i < n; i++) d[i] *= a[i] * (1 - a[i]); break;
  case NN_ACT_TANH: for (size_t i = 0; i < n; i++) d[i] *= 1 - a[i] * a[i]; break;
  }
}

gsl_matrix_view nn_model_forward(const nn_model *m, nn_work *w,
                                 const gsl_matrix *X)
{
  size_t n = X->size1, L = m->nlayers;
  gsl_matrix_view prev, out = rows(w->a[1], n);
  const gsl_matrix *in = X;  /* layer l's input: X, then prev */
  for (size_t l = 1; l <= L; l++) {
    out = rows(w->a[l], n);
    gsl_matrix_const_view W = weights(m, m->theta, l);
    /* bias and relu in the product's last step; other activations after */
    nn_gemm_out o = {0, m->bias ? m->theta + nn_model_bias_offset(m, l) : NULL,
                     l < L && m->act == NN_ACT_RELU, NULL};
    nn_gemm_ex(CblasNoTrans, CblasTrans, in, &W.matrix, &o, &out.matrix);
    prev = out;
    if (l < L) {
      if (m->act != NN_ACT_RELU)  /* contiguous: tda == size2 */
        nn_activate(m->act, out.matrix.data, n * m->width[l]);
      if (w->drop > 0) {  /* the next layer sees the kept units only */
        gsl_matrix_view M = rows(w->mask[l], n), K = rows(w->kept[l], n);
        double keep = 1 - w->drop, *mk = M.matrix.data, *kp = K.matrix.data;
        const double *a = out.matrix.data;
        for (size_t i = 0; i < n * m->width[l]; i++) {
          mk[i] = gsl_rng_uniform(w->rng) < keep ? 1 / keep : 0;
          kp[i] = a[i] * mk[i];
        }
        prev = K;
      }
    }
    in = &prev.matrix;
  }
  return out;
}

gsl_matrix_view nn_model_forward_output(const nn_model *m, nn_work *w,
                                        size_t n)
{
  return rows(w->a[m->nlayers], n);
}

double nn_loss_row(nn_loss loss, const double *z, size_t n, size_t k, double y)
{
  switch (loss) {
  case NN_LOSS_MSE: return (z[0] - y) * (z[0] - y);
  case NN_LOSS_XENT: return nn_xent(z, n, k, 1);
  case NN_LOSS_SOFTMAX_MSE: {
    double p[n];
    nn_softmax(z, n, 1, p);
    return nn_softmax_mse(p, n, k);
  }
  }
  return NAN;
}

void nn_loss_row_grad(nn_loss loss, const double *z, size_t n, size_t k,
                      double y, double scale, double *d)
{
  switch (loss) {
  case NN_LOSS_MSE:
    d[0] = 2 * (z[0] - y) * scale;
    for (size_t j = 1; j < n; j++)  /* the loss reads z[0] only */
      d[j] = 0;
    break;
  case NN_LOSS_XENT:
    nn_xent_grad(z, n, k, 1, d);
    for (size_t j = 0; j < n; j++)
      d[j] *= scale;
    break;
  case NN_LOSS_SOFTMAX_MSE: {
    /* e = sum_j (p_j - t_j)^2, dp_j/dz_i = p_j ([i == j] - p_i), so
     * de/dz_i = 2 p_i (r_i - sum_j r_j p_j) with r = p - t. */
    nn_softmax(z, n, 1, d);
    double rp = 0;
    for (size_t j = 0; j < n; j++)
      rp += (d[j] - (j == k)) * d[j];
    for (size_t j = 0; j < n; j++)
      d[j] = 2 * d[j] * (d[j] - (j == k) - rp) * scale;
    break;
  }
  }
}

double nn_model_loss(const nn_model *m, nn_work *w, const gsl_matrix *X,
                     nn_target t, double *grad)
{
  size_t n = X->size1, L = m->nlayers, K = m->width[L];
  gsl_matrix_view Z = nn_model_forward(m, w, X);
  double sum = 0;
  const double *z = Z.matrix.data;  /* row i at z + i * tz */
  size_t tz = Z.matrix.tda;
  for (size_t i = 0; i < n; i++)
    sum += nn_loss_row(m->loss, z + i * tz, K, t.cls ? t.cls[i] : 0,
                       t.y ? t.y[i] : 0);
  if (grad == NULL)
    return sum / (double) n;

  gsl_matrix_view D = rows(w->d[L], n);
  gsl_matrix_view ones = gsl_matrix_view_vector(w->ones, 1, n);
  for (size_t i = 0; i < n; i++)
    nn_loss_row_grad(m->loss, z + i * tz, K, t.cls ? t.cls[i] : 0,
                  t.y ? t.y[i] : 0, 1.0 / (double) n,
                  D.matrix.data + i * D.matrix.tda);
  for (size_t l = L; l >= 1; l--) {
    gsl_matrix_view prev = rows(w->a[l > 1 ? l - 1 : 1], n);
    gsl_matrix_view kept = rows(w->drop > 0 && l > 1 ? w->kept[l - 1]
                                                     : w->a[1], n);
    /* Layer l's input: X, the previous layer's output, or with dropout the
     * units it kept. */
    const gsl_matrix *Al = l == 1 ? X : w->drop > 0 ? &kept.matrix
                                                    : &prev.matrix;
    gsl_matrix_view dW = gsl_matrix_view_array(
      grad + nn_model_weight_offset(m, l), m->width[l], m->width[l - 1]);
    nn_gemm(CblasTrans, CblasNoTrans, &D.matrix, Al, 0, &dW.matrix);
    if (m->bias) {
      gsl_matrix_view db = gsl_matrix_view_array(
        grad + nn_model_bias_offset(m, l), 1, m->width[l]);
      nn_gemm(CblasNoTrans, CblasNoTrans, &ones.matrix, &D.matrix, 0,
              &db.matrix);  /* the column sums of D, row by row */
    }
    if (l > 1) {
      gsl_matrix_view Dp = rows(w->d[l - 1], n);
      gsl_matrix_const_view W = weights(m, m->theta, l);
      /* a relu layer's derivative, 1 or 0, gates the product's result */
      int gated = m->act == NN_ACT_RELU && w->drop == 0;
      nn_gemm_out o = {0, NULL, 0, gated ? &prev.matrix : NULL};
      nn_gemm_ex(CblasNoTrans, CblasNoTrans, &D.matrix, &W.matrix, &o,
                 &Dp.matrix);
      if (w->drop > 0) {
        gsl_matrix_view M = rows(w->mask[l - 1], n);
        gsl_matrix_mul_elements(&Dp.matrix, &M.matrix);
      }
      if (!gated)
        times_derivative(m->act, &Dp.matrix, &prev.matrix);
      D = Dp;
    }
  }
  return sum / (double) n;
}
