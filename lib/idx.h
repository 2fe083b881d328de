/* idx.h -- reading IDX files, the format of MNIST and Fashion-MNIST
 * (nn-data(1), "nn-data idx").
 *
 * An IDX file is a magic number 0x00 0x00 TYPE NDIMS, then NDIMS sizes as
 * 32-bit big-endian unsigned integers, then the values, the last dimension
 * varying fastest.  The first size counts the items (images, labels); an
 * item is the product of the other sizes (28 x 28 = 784 pixels, or one
 * label).  Only TYPE 0x08, unsigned bytes, is read: MNIST's images are
 * 0x00000803 (three dimensions), its labels 0x00000801 (one).  A file may
 * be gzip-compressed (as Debian ships them) or plain; zlib tells them
 * apart (HACKING.md says why zlib).
 *
 * The reader streams: it holds the header and reads items on request.
 * Every error names the file: a wrong magic number, a truncated header or
 * body, data after the last item, corrupt compressed data.
 */
#ifndef NN_IDX_H
#define NN_IDX_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "table.h"

typedef struct nn_idx nn_idx;  /* an IDX file open for reading */

/* Open PATH ("-": standard input) and read its header.  NULL and ERR set
 * when the file cannot be opened or its header is not an IDX header of
 * unsigned bytes with non-zero sizes. */
nn_idx *nn_idx_open(const char *path, nn_err *err);

void nn_idx_close(nn_idx *f);

const char *nn_idx_file(const nn_idx *f);     /* name used in messages */
size_t nn_idx_ndims(const nn_idx *f);         /* 1 to 255 */
uint32_t nn_idx_dim(const nn_idx *f, size_t i);  /* size of dimension I */
size_t nn_idx_count(const nn_idx *f);         /* items: nn_idx_dim(f, 0) */
size_t nn_idx_item_size(const nn_idx *f);     /* bytes per item */

/* Read the next N items into BUF (N * nn_idx_item_size bytes).  A file
 * that ends first is an error ("truncated"), as is asking for more items
 * than the header announces. */
int nn_idx_read(nn_idx *f, unsigned char *buf, size_t n, nn_err *err);

/* After the last item: NN_OK if the file ends there (and its compressed
 * data, if any, is whole), else an error. */
int nn_idx_end(nn_idx *f, nn_err *err);

/* LABELS go with IMAGES: one dimension, as many items. */
int nn_idx_check_labels(const nn_idx *images, const nn_idx *labels,
                        nn_err *err);

/* Write IMAGES (and LABELS, unless NULL) as a table to W: the columns
 * p1..pN (N = item size) and label, one row per item, for the first LIMIT
 * items (0: all of them).  SCALE writes each byte b as b / 255, else as the
 * integer b.  When every item is read, the files must end after the last
 * one. */
int nn_idx_write(nn_idx *images, nn_idx *labels, size_t limit, int scale,
                 nn_writer *w, nn_err *err);

#endif
