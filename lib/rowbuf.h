/* rowbuf.h -- a batch of table records kept after the reader moves on
 * (the reader holds one record at a time). */
#ifndef NN_ROWBUF_H
#define NN_ROWBUF_H

#include <stddef.h>

#include "table.h"

typedef struct nn_rowbuf {
  size_t ncols;      /* fields per row */
  size_t nrows;      /* rows held */
  char *text;        /* the fields, each NUL-terminated */
  size_t len, cap;   /* bytes used and allocated in text */
  size_t *off;       /* off[row * ncols + j]: field j of row in text */
  size_t offcap;     /* entries allocated in off */
} nn_rowbuf;

void nn_rowbuf_init(nn_rowbuf *b, size_t ncols);
void nn_rowbuf_free(nn_rowbuf *b);
void nn_rowbuf_clear(nn_rowbuf *b);  /* forget the rows, keep the memory */

/* Copy the current record of T (which has b->ncols fields); -1 when out
 * of memory. */
int nn_rowbuf_add(nn_rowbuf *b, const nn_table *t);

const char *nn_rowbuf_field(const nn_rowbuf *b, size_t row, size_t j);

#endif
