/* rowbuf.c -- a batch of table records kept after the reader moves on. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "rowbuf.h"

void nn_rowbuf_init(nn_rowbuf *b, size_t ncols)
{
  memset(b, 0, sizeof *b);
  b->ncols = ncols;
}

void nn_rowbuf_free(nn_rowbuf *b)
{
  free(b->text);
  free(b->off);
  memset(b, 0, sizeof *b);
}

void nn_rowbuf_clear(nn_rowbuf *b)
{
  b->nrows = 0;
  b->len = 0;
}

int nn_rowbuf_add(nn_rowbuf *b, const nn_table *t)
{
  size_t need = (b->nrows + 1) * b->ncols;
  if (need > b->offcap) {
    size_t cap = 2 * need;
    size_t *off = realloc(b->off, cap * sizeof *off);
    if (off == NULL)
      return -1;
    b->off = off;
    b->offcap = cap;
  }
  for (size_t j = 0; j < b->ncols; j++) {
    size_t n = nn_table_field_len(t, j) + 1;
    if (b->len + n > b->cap) {
      size_t cap = 2 * (b->len + n) + 4096;
      char *text = realloc(b->text, cap);
      if (text == NULL)
        return -1;
      b->text = text;
      b->cap = cap;
    }
    memcpy(b->text + b->len, nn_table_field(t, j), n);
    b->off[b->nrows * b->ncols + j] = b->len;
    b->len += n;
  }
  b->nrows++;
  return 0;
}

const char *nn_rowbuf_field(const nn_rowbuf *b, size_t row, size_t j)
{
  return b->text + b->off[row * b->ncols + j];
}
