/* idx-read.c -- how fast nn-data reads IDX files and writes their table.
 *
 * Usage: idx-read [--runs N] [IMAGES [LABELS]]
 *
 * Default files: Debian's Fashion-MNIST training set (60,000 images of
 * 28 x 28), /usr/share/datasets/fashion-mnist/train-*-idx?-ubyte.gz; when
 * they are missing it says so and exits 0.  Two passes, best of N runs
 * (default 3) with the page cache warm:
 *
 *   read    nn_idx_open + nn_idx_read of every item (+ nn_idx_end): the
 *           header checks, zlib's inflate and the copy, nothing else;
 *   table   nn_idx_write to /dev/null through a 1 MiB stdio buffer, as
 *           nn-data does (without its spool): the whole conversion.
 *
 * Output: a TSV table, pass, seconds, items per second, MB/s of the
 * uncompressed IDX data.  Exit status 0, 1 if a file cannot be read.
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "idx.h"
#include "table.h"
#include "bench.h"

#define FM "/usr/share/datasets/fashion-mnist/"

static void fail(const nn_err *err)
{
  fprintf(stderr, "idx-read: %s\n", err->msg);
  exit(1);
}

/* Read every item of PATH; the number of bytes. */
static size_t read_all(const char *path)
{
  nn_err err;
  nn_idx *f = nn_idx_open(path, &err);
  if (f == NULL)
    fail(&err);
  size_t item = nn_idx_item_size(f), count = nn_idx_count(f);
  unsigned char *buf = malloc(256 * item);
  if (buf == NULL)
    exit(1);
  for (size_t done = 0; done < count;) {
    size_t n = count - done < 256 ? count - done : 256;
    if (nn_idx_read(f, buf, n, &err) != NN_OK)
      fail(&err);
    done += n;
  }
  if (nn_idx_end(f, &err) != NN_OK)
    fail(&err);
  free(buf);
  nn_idx_close(f);
  return item * count;
}

int main(int argc, char **argv)
{
  int runs = 3, i = 1;
  if (argc > 2 && strcmp(argv[1], "--runs") == 0) {
    runs = atoi(argv[2]);
    i = 3;
  }
  const char *images = i < argc ? argv[i] : FM "train-images-idx3-ubyte.gz";
  const char *labels = i + 1 < argc ? argv[i + 1]
                       : i < argc ? NULL : FM "train-labels-idx1-ubyte.gz";
  FILE *probe = fopen(images, "rb");
  if (probe == NULL) {
    printf("idx-read: %s is missing (install dataset-fashion-mnist); "
           "nothing to time\n", images);
    return 0;
  }
  fclose(probe);

  double best_read = 1e30, best_table = 1e30;
  size_t bytes = 0, items = 0;
  static char obuf[1 << 20];
  for (int r = 0; r < runs; r++) {
    double t0 = bench_now();
    bytes = read_all(images);
    if (labels != NULL)
      bytes += read_all(labels);
    double t1 = bench_now();
    if (t1 - t0 < best_read)
      best_read = t1 - t0;

    nn_err err;
    nn_idx *im = nn_idx_open(images, &err), *lab = NULL;
    if (im == NULL)
      fail(&err);
    if (labels != NULL && (lab = nn_idx_open(labels, &err)) == NULL)
      fail(&err);
    items = nn_idx_count(im);
    FILE *null = fopen("/dev/null", "w");
    setvbuf(null, obuf, _IOFBF, sizeof obuf);
    nn_writer w;
    nn_writer_init(&w, null, '\t');
    t0 = bench_now();
    if (nn_idx_write(im, lab, 0, 0, &w, &err) != NN_OK)
      fail(&err);
    fflush(null);
    t1 = bench_now();
    fclose(null);
    nn_idx_close(im);
    nn_idx_close(lab);
    if (t1 - t0 < best_table)
      best_table = t1 - t0;
  }
  printf("pass\tseconds\titems/s\tMB/s\n");
  printf("read\t%.3f\t%.0f\t%.1f\n", best_read, items / best_read,
         bytes / best_read / 1e6);
  printf("table\t%.3f\t%.0f\t%.1f\n", best_table, items / best_table,
         bytes / best_table / 1e6);
  return 0;
}
