/* modelfile.c -- reading and writing nn-model(5) files. */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "modelfile.h"
#include "number.h"
#include "table.h"

/* What the keys before the parameters said. */
typedef struct {
  char **inputs;      /* input names */
  size_t ninputs;
  char *target;       /* target name */
  int loss;           /* an nn_loss, or -1 when not given */
  char **classes;     /* class labels */
  size_t nclasses;
  size_t *width;      /* layer widths */
  size_t nwidth;
  int act;            /* an nn_act, or -1 */
  int bias;           /* 1, 0, or -1 when not given */
  size_t poly;        /* powers of each input column; 0 when not given */
  double *shift, *scale;
  size_t nshift, nscale;
  long line[16];      /* line of each key, for messages; 0 if absent */
} header;

enum { K_INPUTS, K_TARGET, K_LOSS, K_CLASSES, K_LAYERS, K_ACTIVATION, K_BIAS,
       K_POLY, K_SHIFT, K_SCALE, K_COUNT };
static const char *keys[K_COUNT] = {"inputs", "target", "loss", "classes",
  "layers", "activation", "bias", "poly", "shift", "scale"};

static char *dup_field(const nn_table *t, size_t j)
{
  size_t n = nn_table_field_len(t, j) + 1;
  char *s = malloc(n);
  return s ? memcpy(s, nn_table_field(t, j), n) : NULL;
}

static void free_strings(char **v, size_t n)
{
  if (v != NULL)
    for (size_t i = 0; i < n; i++)
      free(v[i]);
  free(v);
}

static void header_free(header *h)
{
  free_strings(h->inputs, h->ninputs);
  free_strings(h->classes, h->nclasses);
  free(h->target);
  free(h->width);
  free(h->shift);
  free(h->scale);
}

/* Fields 1.. of the current record as strings. */
static int read_strings(const nn_table *t, char ***v, size_t *n, nn_err *err)
{
  size_t nf = nn_table_nfields(t) - 1;
  *v = calloc(nf ? nf : 1, sizeof **v);
  if (*v == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  *n = nf;
  for (size_t i = 0; i < nf; i++)
    if (((*v)[i] = dup_field(t, i + 1)) == NULL)
      return nn_err_set(err, NN_ENOMEM, "out of memory");
  return NN_OK;
}

/* Fields 1.. of the current record as numbers. */
static int read_numbers(const nn_table *t, double **v, size_t *n, nn_err *err)
{
  size_t nf = nn_table_nfields(t) - 1;
  *v = calloc(nf ? nf : 1, sizeof **v);
  if (*v == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  *n = nf;
  for (size_t i = 0; i < nf; i++) {
    const char *s = nn_table_field(t, i + 1);
    if (nn_number_parse(s, nn_table_field_len(t, i + 1), &(*v)[i]))
      return nn_err_at(err, NN_EDATA, nn_table_file(t), nn_table_line(t),
                       "%s: '%s' is not a number", nn_table_field(t, 0), s);
  }
  return NN_OK;
}

/* The one word after the key. */
static const char *one_word(const nn_table *t, nn_err *err)
{
  if (nn_table_nfields(t) != 2) {
    nn_err_at(err, NN_EDATA, nn_table_file(t), nn_table_line(t),
              "%s: expected one value, found %zu", nn_table_field(t, 0),
              nn_table_nfields(t) - 1);
    return NULL;
  }
  return nn_table_field(t, 1);
}

static int read_key(nn_table *t, int k, header *h, nn_err *err)
{
  const char *file = nn_table_file(t), *w;
  long line = nn_table_line(t);
  double *v;
  size_t n;
  switch (k) {
  case K_INPUTS:
    return read_strings(t, &h->inputs, &h->ninputs, err);
  case K_CLASSES:
    return read_strings(t, &h->classes, &h->nclasses, err);
  case K_TARGET:
    if ((w = one_word(t, err)) == NULL)
      return NN_EDATA;
    return (h->target = dup_field(t, 1)) ? NN_OK
           : nn_err_set(err, NN_ENOMEM, "out of memory");
  case K_LOSS:
    if ((w = one_word(t, err)) == NULL)
      return NN_EDATA;
    if ((h->loss = nn_loss_parse(w)) < 0)
      return nn_err_at(err, NN_EDATA, file, line,
                       "loss: unknown loss '%s' (mse, xent, softmax-mse)", w);
    return NN_OK;
  case K_ACTIVATION:
    if ((w = one_word(t, err)) == NULL)
      return NN_EDATA;
    if ((h->act = nn_act_parse(w)) < 0)
      return nn_err_at(err, NN_EDATA, file, line,
                       "activation: unknown activation '%s' "
                       "(linear, relu, sigmoid, tanh)", w);
    return NN_OK;
  case K_BIAS:
    if ((w = one_word(t, err)) == NULL)
      return NN_EDATA;
    if (strcmp(w, "yes") != 0 && strcmp(w, "no") != 0)
      return nn_err_at(err, NN_EDATA, file, line,
                       "bias: expected 'yes' or 'no', found '%s'", w);
    h->bias = strcmp(w, "yes") == 0;
    return NN_OK;
  case K_POLY: {
    double d;
    if ((w = one_word(t, err)) == NULL)
      return NN_EDATA;
    if (nn_number_parse(w, nn_table_field_len(t, 1), &d) != 0 ||
        !(d >= 1 && d <= 1e9 && d == floor(d)))
      return nn_err_at(err, NN_EDATA, file, line,
                       "poly: expected a whole number >= 1, found '%s'", w);
    h->poly = (size_t) d;
    return NN_OK;
  }
  case K_LAYERS:
    if (read_numbers(t, &v, &n, err) != NN_OK) {
      free(v);
      return NN_EDATA;
    }
    h->width = malloc((n ? n : 1) * sizeof *h->width);
    h->nwidth = n;
    int bad = h->width == NULL || n < 2;
    for (size_t i = 0; !bad && i < n; i++) {
      bad = !(v[i] >= 1 && v[i] <= 1e9 && v[i] == floor(v[i]));
      if (!bad)
        h->width[i] = (size_t) v[i];
    }
    free(v);
    if (bad)
      return nn_err_at(err, NN_EDATA, file, line,
                       "layers: expected two or more positive whole numbers");
    return NN_OK;
  case K_SHIFT:
    return read_numbers(t, &h->shift, &h->nshift, err);
  case K_SCALE:
    return read_numbers(t, &h->scale, &h->nscale, err);
  }
  return NN_OK;
}

/* A class label that M lists twice, or NULL. */
static const char *repeated_class(const nn_model *m)
{
  for (size_t a = 0; a < m->nclasses; a++)
    for (size_t b = a + 1; b < m->nclasses; b++)
      if (strcmp(m->classes[a], m->classes[b]) == 0)
        return m->classes[a];
  return NULL;
}

/* The line of the key that nn_model_check complains about, taking its
 * checks in its order (the parameters are all 0 when it runs in build). */
static long check_line(const header *h, const nn_model *m)
{
  size_t K = m->width[m->nlayers];
  if (m->loss == NN_LOSS_MSE) {
    if (K != 1)
      return h->line[K_LAYERS];
    if (m->nclasses != 0)
      return h->line[K_CLASSES];
    return h->line[K_SCALE];
  }
  if (m->nclasses < 2)
    return h->line[K_CLASSES] ? h->line[K_CLASSES] : h->line[K_LOSS];
  if (m->nclasses != K || repeated_class(m) != NULL)
    return h->line[K_CLASSES];
  return h->line[K_SCALE];
}

/* Build the model the header describes, checking it as far as the header
 * goes; LINE is where the parameters start (or the file ends). */
static nn_model *build(header *h, const char *file, long line, nn_err *err)
{
  static const int required[] = {K_INPUTS, K_TARGET, K_LOSS, K_LAYERS,
                                 K_ACTIVATION, K_BIAS};
  for (size_t i = 0; i < sizeof required / sizeof *required; i++)
    if (h->line[required[i]] == 0) {
      nn_err_at(err, NN_EDATA, file, line, line ? "'%s' is missing before "
                "the parameters" : "'%s' is missing", keys[required[i]]);
      return NULL;
    }
  if (h->line[K_POLY] && h->ninputs * h->poly != h->width[0]) {
    nn_err_at(err, NN_EDATA, file, h->line[K_POLY],
              "poly: %zu input name%s x %zu power%s = %zu inputs, but layers "
              "says %zu", h->ninputs, h->ninputs == 1 ? "" : "s", h->poly,
              h->poly == 1 ? "" : "s", h->ninputs * h->poly, h->width[0]);
    return NULL;
  }
  if (h->ninputs != h->width[0] && !h->line[K_POLY]) {
    nn_err_at(err, NN_EDATA, file, h->line[K_INPUTS],
              "inputs: %zu names, but layers says %zu inputs", h->ninputs,
              h->width[0]);
    return NULL;
  }
  nn_model *m = nn_model_alloc(h->nwidth - 1, h->width, (nn_act) h->act,
                               h->bias, (nn_loss) h->loss);
  if (m == NULL) {
    nn_err_set(err, NN_ENOMEM, "out of memory");
    return NULL;
  }
  m->poly = h->line[K_POLY] ? h->poly : 1;
  /* Hand the names over to the model. */
  for (size_t j = 0; j < h->ninputs; j++)
    m->inputs[j] = h->inputs[j];
  free(h->inputs);
  h->inputs = NULL;
  m->target = h->target;
  h->target = NULL;
  m->classes = h->classes;
  m->nclasses = h->nclasses;
  h->classes = NULL;
  if (h->line[K_SHIFT] || h->line[K_SCALE]) {
    m->shift = h->shift;
    m->scale = h->scale;
    h->shift = h->scale = NULL;
    if (h->nshift != m->width[0] || h->nscale != m->width[0]) {
      long at = h->line[h->nshift != m->width[0] ? K_SHIFT : K_SCALE];
      if (at == 0)  /* one of the two is missing: name the other */
        at = h->line[K_SHIFT] ? h->line[K_SHIFT] : h->line[K_SCALE];
      nn_err_at(err, NN_EDATA, file, at,
                "shift and scale need one value per input (%zu)", m->width[0]);
      nn_model_free(m);
      return NULL;
    }
  }
  if (nn_model_check(m, err) != NN_OK) {  /* loss, classes, outputs, scale */
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    nn_err_at(err, NN_EDATA, file, check_line(h, m), "%s", msg);
    nn_model_free(m);
    return NULL;
  }
  return m;
}

/* KEY looks like a parameter name, maybe misspelt ("W1[1,1]", "w1[1,1]",
 * "b2"), rather than an unknown key. */
static int param_like(const char *key)
{
  return strchr(key, '[') != NULL ||
         ((key[0] == 'W' || key[0] == 'b') && isdigit((unsigned char) key[1]));
}

nn_model *nn_model_read(const char *path, nn_err *err)
{
  nn_table *t = nn_table_open(path, '\t', err);
  if (t == NULL)
    return NULL;
  nn_table_allow_ragged(t);
  const char *file = nn_table_file(t);
  header h = {.loss = -1, .act = -1, .bias = -1};
  nn_model *m = NULL;
  size_t k = 0;  /* parameters read */
  int r;
  if (strcmp(nn_table_colname(t, 0), "nnkit-model") != 0) {
    nn_err_at(err, NN_EDATA, file, nn_table_line(t),
              "not an nnkit model: the first line must be 'nnkit-model', "
              "a tab, and the version");
    goto fail;
  }
  if (nn_table_ncols(t) > 2 && strcmp(nn_table_colname(t, 1), "1") == 0) {
    nn_err_at(err, NN_EDATA, file, nn_table_line(t),
              "nnkit-model: expected one value, found %zu",
              nn_table_ncols(t) - 1);
    goto fail;
  }
  if (nn_table_ncols(t) != 2 || strcmp(nn_table_colname(t, 1), "1") != 0) {
    nn_err_at(err, NN_EDATA, file, nn_table_line(t),
              "unsupported model version '%s' (this nnkit reads version %d)",
              nn_table_ncols(t) > 1 ? nn_table_colname(t, 1) : "",
              NN_MODEL_VERSION);
    goto fail;
  }
  while ((r = nn_table_next(t, err)) > 0) {
    const char *key = nn_table_field(t, 0);
    long line = nn_table_line(t);
    int kk = 0;
    while (kk < K_COUNT && strcmp(key, keys[kk]) != 0)
      kk++;
    if (kk < K_COUNT) {
      if (m != NULL) {
        nn_err_at(err, NN_EDATA, file, line, "'%s' after the parameters", key);
        goto fail;
      }
      if (h.line[kk]) {
        nn_err_at(err, NN_EDATA, file, line, "'%s' given twice (first on line %ld)",
                  key, h.line[kk]);
        goto fail;
      }
      h.line[kk] = line;
      if (read_key(t, kk, &h, err) != NN_OK)
        goto fail;
      continue;
    }
    if (!param_like(key)) {
      nn_err_at(err, NN_EDATA, file, line, "unknown key '%s'", key);
      goto fail;
    }
    if (m == NULL && (m = build(&h, file, line, err)) == NULL)
      goto fail;
    char want[64];
    if (k == m->nparams) {
      nn_err_at(err, NN_EDATA, file, line,
                "'%s': more than the model's %zu parameters", key, m->nparams);
      goto fail;
    }
    nn_model_param_name(m, k, want, sizeof want);
    if (strcmp(key, want) != 0) {
      nn_err_at(err, NN_EDATA, file, line, "expected parameter %s, found '%s'",
                want, key);
      goto fail;
    }
    double x;
    if (nn_table_nfields(t) != 2 ||
        nn_number_parse(nn_table_field(t, 1), nn_table_field_len(t, 1), &x)) {
      nn_err_at(err, NN_EDATA, file, line, "%s: expected one number", key);
      goto fail;
    }
    m->theta[k++] = x;
  }
  if (r < 0)
    goto fail;
  if (m == NULL && (m = build(&h, file, 0, err)) == NULL)
    goto fail;
  if (k < m->nparams) {
    nn_err_at(err, NN_EDATA, file, nn_table_line(t),  /* the last line */
              "ends after %zu of the model's %zu parameters", k, m->nparams);
    goto fail;
  }
  if (nn_model_check(m, err) != NN_OK) {
    /* nn_model_check names no file; put it in front. */
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    nn_err_at(err, NN_EDATA, file, 0, "%s", msg);
    goto fail;
  }
  header_free(&h);
  nn_table_close(t);
  return m;
fail:
  header_free(&h);
  nn_model_free(m);
  nn_table_close(t);
  return NULL;
}

int nn_model_check(const nn_model *m, nn_err *err)
{
  size_t K = m->width[m->nlayers];
  if (m->loss == NN_LOSS_MSE) {
    if (K != 1)
      return nn_err_set(err, NN_EDATA, "loss mse needs 1 output, not %zu", K);
    if (m->nclasses != 0)
      return nn_err_set(err, NN_EDATA, "loss mse takes no classes");
  } else {
    if (m->nclasses < 2)
      return nn_err_set(err, NN_EDATA, "loss %s needs two or more classes",
                        nn_loss_name(m->loss));
    if (m->nclasses != K)
      return nn_err_set(err, NN_EDATA, "%zu classes but %zu outputs",
                        m->nclasses, K);
    const char *twice = repeated_class(m);
    if (twice != NULL)
      return nn_err_set(err, NN_EDATA, "class '%s' given twice", twice);
  }
  for (size_t j = 0; m->scale && j < m->width[0]; j++)
    if (!(m->scale[j] > 0) || !isfinite(m->scale[j]) || !isfinite(m->shift[j]))
      return nn_err_set(err, NN_EDATA,
                        "scale must be finite and positive, shift finite");
  for (size_t k = 0; k < m->nparams; k++)
    if (!isfinite(m->theta[k])) {
      char name[64];
      nn_model_param_name(m, k, name, sizeof name);
      return nn_err_set(err, NN_EDATA, "parameter %s is not finite", name);
    }
  return NN_OK;
}

static void write_key_numbers(nn_writer *w, const char *key, const double *v,
                              size_t n)
{
  nn_writer_string(w, key);
  for (size_t i = 0; i < n; i++)
    nn_writer_number(w, v[i]);
  nn_writer_end(w);
}

static void write_key_word(nn_writer *w, const char *key, const char *word)
{
  nn_writer_string(w, key);
  nn_writer_string(w, word);
  nn_writer_end(w);
}

static void write_key_strings(nn_writer *w, const char *key, char **v,
                              size_t n)
{
  nn_writer_string(w, key);
  for (size_t i = 0; i < n; i++)
    nn_writer_string(w, v[i]);
  nn_writer_end(w);
}

void nn_model_write(const nn_model *m, FILE *fp)
{
  nn_writer w;
  nn_writer_init(&w, fp, '\t');
  nn_writer_string(&w, "nnkit-model");
  nn_writer_number(&w, NN_MODEL_VERSION);
  nn_writer_end(&w);
  write_key_strings(&w, "inputs", m->inputs, nn_model_ncolumns(m));
  write_key_word(&w, "target", m->target);
  write_key_word(&w, "loss", nn_loss_name(m->loss));
  if (m->nclasses)
    write_key_strings(&w, "classes", m->classes, m->nclasses);
  nn_writer_string(&w, "layers");
  for (size_t l = 0; l <= m->nlayers; l++)
    nn_writer_number(&w, (double) m->width[l]);
  nn_writer_end(&w);
  write_key_word(&w, "activation", nn_act_name(m->act));
  write_key_word(&w, "bias", m->bias ? "yes" : "no");
  if (m->poly > 1) {  /* only then: other files stay as they were */
    nn_writer_string(&w, "poly");
    nn_writer_number(&w, (double) m->poly);
    nn_writer_end(&w);
  }
  if (m->shift) {
    write_key_numbers(&w, "shift", m->shift, m->width[0]);
    write_key_numbers(&w, "scale", m->scale, m->width[0]);
  }
  for (size_t k = 0; k < m->nparams; k++) {
    char name[64];
    nn_model_param_name(m, k, name, sizeof name);
    nn_writer_string(&w, name);
    nn_writer_number(&w, m->theta[k]);
    nn_writer_end(&w);
  }
}
