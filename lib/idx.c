/* idx.c -- reading IDX files (MNIST, Fashion-MNIST).
 *
 * The format: Y. LeCun, C. Cortes and C. J. C. Burges, "The MNIST database
 * of handwritten digits", section "File formats for the MNIST database";
 * Fashion-MNIST uses the same files (H. Xiao, K. Rasul and R. Vollgraf,
 * "Fashion-MNIST: a novel image dataset for benchmarking machine learning
 * algorithms", arXiv:1708.07747, 2017).  Decompression is zlib's gz*
 * interface, which reads plain files as they are.
 */
#include <config.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "idx.h"
#include "number.h"

struct nn_idx {
  gzFile gz;          /* the file, through zlib */
  char *name;         /* name in messages */
  size_t ndims;       /* number of dimensions */
  uint32_t dims[255]; /* their sizes */
  size_t item;        /* bytes per item: product of dims[1..] */
  size_t done;        /* items read so far */
};

/* The IDX data types (the third byte of the magic number). */
static const char *type_name(int type)
{
  switch (type) {
  case 0x08: return "unsigned byte";
  case 0x09: return "signed byte";
  case 0x0B: return "short";
  case 0x0C: return "int";
  case 0x0D: return "float";
  case 0x0E: return "double";
  default: return NULL;
  }
}

/* zlib's message for F's last error, without the "PATH: " zlib puts
 * before it (its own messages have no ": " in them). */
static const char *zmessage(nn_idx *f, int *code)
{
  const char *msg = gzerror(f->gz, code), *p;
  while ((p = strstr(msg, ": ")) != NULL)
    msg = p + 2;
  return msg;
}

/* Read up to LEN bytes; the number read, or -1 on an error (ERR set). */
static long long get(nn_idx *f, unsigned char *buf, size_t len, nn_err *err)
{
  size_t got = 0;
  while (got < len) {
    size_t want = len - got < (1u << 30) ? len - got : (1u << 30);
    int r = gzread(f->gz, buf + got, (unsigned) want);
    if (r < 0) {
      int code;
      const char *msg = zmessage(f, &code);
      if (code == Z_ERRNO)
        return nn_err_at(err, NN_EIO, f->name, 0, "read error: %s",
                         strerror(errno)), -1;
      if (code == Z_MEM_ERROR)
        return nn_err_set(err, NN_ENOMEM, "out of memory"), -1;
      return nn_err_at(err, NN_EDATA, f->name, 0, "corrupt gzip data: %s",
                       msg), -1;
    }
    got += (size_t) r;
    if ((size_t) r < want)
      break;
  }
  return (long long) got;
}

nn_idx *nn_idx_open(const char *path, nn_err *err)
{
  int std = path == NULL || strcmp(path, "-") == 0;
  const char *name = std ? "(standard input)" : path;
  nn_idx *f = calloc(1, sizeof *f);
  if (f == NULL || (f->name = strdup(name)) == NULL) {
    free(f);
    nn_err_set(err, NN_ENOMEM, "out of memory");
    return NULL;
  }
  errno = 0;
  if (std) {
    int fd = dup(STDIN_FILENO);
    f->gz = fd < 0 ? NULL : gzdopen(fd, "rb");
    if (f->gz == NULL && fd >= 0)
      close(fd);
  } else {
    f->gz = gzopen(path, "rb");
  }
  if (f->gz == NULL) {
    if (errno == 0 || errno == ENOMEM)
      nn_err_set(err, NN_ENOMEM, "out of memory");
    else
      nn_err_at(err, NN_EIO, name, 0, "%s", strerror(errno));
    nn_idx_close(f);
    return NULL;
  }
  gzbuffer(f->gz, 1 << 17);

  unsigned char magic[4];
  long long r = get(f, magic, 4, err);
  if (r < 0)
    goto fail;
  if (r == 0) {
    nn_err_at(err, NN_EDATA, name, 0, "empty file: not an IDX file");
    goto fail;
  }
  if (r < 4) {
    nn_err_at(err, NN_EDATA, name, 0,
              "truncated: the file ends inside the magic number");
    goto fail;
  }
  unsigned long m = (unsigned long) magic[0] << 24 | (unsigned long) magic[1] << 16 |
                    (unsigned long) magic[2] << 8 | magic[3];
  if (magic[0] != 0 || magic[1] != 0 || type_name(magic[2]) == NULL ||
      magic[3] == 0) {
    nn_err_at(err, NN_EDATA, name, 0,
              "wrong magic number 0x%08lx: not an IDX file (images start "
              "0x00000803, labels 0x00000801)", m);
    goto fail;
  }
  if (magic[2] != 0x08) {
    nn_err_at(err, NN_EDATA, name, 0,
              "IDX data type 0x%02x (%s) is not supported: only 0x08 "
              "(unsigned byte)", magic[2], type_name(magic[2]));
    goto fail;
  }
  f->ndims = magic[3];
  unsigned char sizes[4 * 255];
  r = get(f, sizes, 4 * f->ndims, err);
  if (r < 0)
    goto fail;
  if ((size_t) r < 4 * f->ndims) {
    nn_err_at(err, NN_EDATA, name, 0,
              "truncated: the file ends inside the header's %zu dimension "
              "size%s", f->ndims, f->ndims == 1 ? "" : "s");
    goto fail;
  }
  f->item = 1;
  for (size_t i = 0; i < f->ndims; i++) {
    const unsigned char *b = sizes + 4 * i;
    f->dims[i] = (uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 |
                 (uint32_t) b[2] << 8 | b[3];
    if (f->dims[i] == 0) {
      if (i == 0)
        nn_err_at(err, NN_EDATA, name, 0, "the header announces no items");
      else
        nn_err_at(err, NN_EDATA, name, 0, "dimension %zu has size 0", i + 1);
      goto fail;
    }
    if (i > 0) {
      if (f->item > ((size_t) 1 << 31) / f->dims[i]) {
        nn_err_at(err, NN_EDATA, name, 0,
                  "items of more than 2^31 values are not supported");
        goto fail;
      }
      f->item *= f->dims[i];
    }
  }
  return f;
fail:
  nn_idx_close(f);
  return NULL;
}

void nn_idx_close(nn_idx *f)
{
  if (f == NULL)
    return;
  if (f->gz != NULL)
    gzclose_r(f->gz);
  free(f->name);
  free(f);
}

const char *nn_idx_file(const nn_idx *f) { return f->name; }
size_t nn_idx_ndims(const nn_idx *f) { return f->ndims; }
uint32_t nn_idx_dim(const nn_idx *f, size_t i) { return f->dims[i]; }
size_t nn_idx_count(const nn_idx *f) { return f->dims[0]; }
size_t nn_idx_item_size(const nn_idx *f) { return f->item; }

int nn_idx_read(nn_idx *f, unsigned char *buf, size_t n, nn_err *err)
{
  size_t count = f->dims[0];
  if (n > count - f->done)
    return nn_err_at(err, NN_EINVAL, f->name, 0,
                     "asked for items beyond the %zu the header announces",
                     count);
  long long r = get(f, buf, n * f->item, err);
  if (r < 0)
    return err ? err->status : NN_EDATA;
  size_t whole = (size_t) r / f->item;
  if (whole < n) {
    size_t at = f->done + whole;  /* complete items before the end */
    if ((size_t) r % f->item == 0)
      return nn_err_at(err, NN_EDATA, f->name, 0,
                       "truncated: the file ends after %zu of the %zu "
                       "items its header announces", at, count);
    return nn_err_at(err, NN_EDATA, f->name, 0,
                     "truncated: the file ends inside item %zu of the %zu "
                     "its header announces", at + 1, count);
  }
  f->done += n;
  return NN_OK;
}

int nn_idx_end(nn_idx *f, nn_err *err)
{
  unsigned char extra;
  long long r = get(f, &extra, 1, err);
  if (r < 0)
    return err ? err->status : NN_EDATA;
  if (r > 0)
    return nn_err_at(err, NN_EDATA, f->name, 0,
                     "data after the %zu items the header announces",
                     nn_idx_count(f));
  int code;
  const char *msg = zmessage(f, &code);
  if (code == Z_BUF_ERROR)
    return nn_err_at(err, NN_EDATA, f->name, 0,
                     "truncated: the compressed data stops short of its "
                     "end (%s)", msg);
  return NN_OK;
}

int nn_idx_check_labels(const nn_idx *images, const nn_idx *labels,
                        nn_err *err)
{
  if (labels->ndims != 1)
    return nn_err_at(err, NN_EDATA, labels->name, 0,
                     "labels must have one dimension, this file has %zu",
                     labels->ndims);
  if (nn_idx_count(images) != nn_idx_count(labels))
    return nn_err_set(err, NN_EDATA, "%s has %zu items but %s has %zu labels",
                      images->name, nn_idx_count(images), labels->name,
                      nn_idx_count(labels));
  return NN_OK;
}

/* How many items are read at a time. */
enum { BATCH = 256 };

int nn_idx_write(nn_idx *images, nn_idx *labels, size_t limit, int scale,
                 nn_writer *w, nn_err *err)
{
  if (labels != NULL) {
    int status = nn_idx_check_labels(images, labels, err);
    if (status != NN_OK)
      return status;
  }
  size_t count = nn_idx_count(images), item = nn_idx_item_size(images);
  size_t rows = limit > 0 && limit < count ? limit : count;

  /* Every byte's text, made once: "0".."255" for labels, and for pixels
   * too unless SCALE asks for b / 255 (in shortest form). */
  char label_text[256][12];
  char scaled[256][NN_NUMBER_BUFSIZE];
  for (int b = 0; b < 256; b++) {
    snprintf(label_text[b], sizeof label_text[b], "%d", b);
    nn_number_format(scaled[b], b / 255.0);
  }
  const char (*text)[NN_NUMBER_BUFSIZE] = scale ? scaled : NULL;
  unsigned char *px = malloc(BATCH * item), lab[BATCH];
  if (px == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");

  char name[32];
  for (size_t j = 0; j < item; j++) {
    snprintf(name, sizeof name, "p%zu", j + 1);
    nn_writer_string(w, name);
  }
  if (labels != NULL)
    nn_writer_string(w, "label");
  nn_writer_end(w);

  int status = NN_OK;
  for (size_t done = 0; done < rows && status == NN_OK;) {
    size_t n = rows - done < BATCH ? rows - done : BATCH;
    status = nn_idx_read(images, px, n, err);
    if (status == NN_OK && labels != NULL)
      status = nn_idx_read(labels, lab, n, err);
    if (status != NN_OK)
      break;
    for (size_t i = 0; i < n; i++) {
      const unsigned char *p = px + i * item;
      if (text != NULL)
        for (size_t j = 0; j < item; j++)
          nn_writer_string(w, text[p[j]]);
      else
        for (size_t j = 0; j < item; j++)
          nn_writer_string(w, label_text[p[j]]);
      if (labels != NULL)
        nn_writer_string(w, label_text[lab[i]]);
      nn_writer_end(w);
    }
    done += n;
  }
  free(px);
  if (status == NN_OK && rows == count) {
    status = nn_idx_end(images, err);
    if (status == NN_OK && labels != NULL)
      status = nn_idx_end(labels, err);
  }
  return status;
}
