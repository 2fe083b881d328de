/* tests/unit/idx.c -- Check suite for lib/idx.h: the IDX reader.
 *
 * Every file is written here, byte by byte, to a temporary directory, plain
 * and gzip-compressed (through zlib's gzwrite): 3-D image files and 1-D
 * label files with sizes above 255 (so a byte-order mistake shows), and
 * every malformed kind the reader names: empty, short or wrong magic
 * numbers, unsupported data types, truncated headers and bodies, data
 * after the last item, zero sizes, truncated and corrupt gzip streams,
 * labels that do not go with the images.  Then the table nn_idx_write
 * makes of them, with --limit and --scale.
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "idx.h"
#include "unit.h"

/* -- helpers ---------------------------------------------------------------- */

static char dir[4096];  /* this test's temporary directory */
static char path[4200]; /* the file last written */

static void setup(void)
{
  const char *tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/nnkit-idx.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
}

static void teardown(void)
{
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", dir);
}

/* Write the LEN bytes B to DIR/NAME, gzip-compressed when GZ; the path is
 * left in `path` and returned. */
static const char *put(const char *name, const void *b, size_t len, int gz)
{
  snprintf(path, sizeof path, "%s/%s", dir, name);
  if (gz) {
    gzFile f = gzopen(path, "wb9");
    ck_assert(f != NULL);
    ck_assert(len == 0 || gzwrite(f, b, (unsigned) len) == (int) len);
    ck_assert(gzclose(f) == Z_OK);
  } else {
    FILE *f = fopen(path, "wb");
    ck_assert(f != NULL);
    ck_assert(fwrite(b, 1, len, f) == len);
    ck_assert(fclose(f) == 0);
  }
  return path;
}

/* An IDX header for NDIMS sizes DIMS (big-endian), then the body BODY of
 * BODYLEN bytes, into OUT (returns the length). */
static size_t idx_bytes(unsigned char *out, int type, int ndims,
                        const unsigned *dims, const unsigned char *body,
                        size_t bodylen)
{
  size_t n = 0;
  out[n++] = 0;
  out[n++] = 0;
  out[n++] = (unsigned char) type;
  out[n++] = (unsigned char) ndims;
  for (int i = 0; i < ndims; i++) {
    out[n++] = (unsigned char) (dims[i] >> 24);
    out[n++] = (unsigned char) (dims[i] >> 16);
    out[n++] = (unsigned char) (dims[i] >> 8);
    out[n++] = (unsigned char) dims[i];
  }
  if (bodylen > 0)
    memcpy(out + n, body, bodylen);
  return n + bodylen;
}

/* Opening P fails with STATUS and MESSAGE ("%s" stands for the path). */
static void expect_open_error(const char *p, int status, const char *fmt)
{
  char want[8192];
  snprintf(want, sizeof want, fmt, p);
  nn_err err;
  nn_idx *f = nn_idx_open(p, &err);
  ck_assert_msg(f == NULL, "opened %s", p);
  ck_assert_int_eq(err.status, status);
  ck_assert_str_eq(err.msg, want);
}

/* -- reading ------------------------------------------------------------------ */

START_TEST(images_and_labels_plain_and_gzip)
{
  /* 2 items of 1 x 300 bytes: 300 = 0x0000012C, so the third size byte
   * matters. */
  unsigned char body[600], file[700];
  for (int i = 0; i < 600; i++)
    body[i] = (unsigned char) (i * 7 % 256);
  const unsigned dims[3] = {2, 1, 300};
  size_t len = idx_bytes(file, 0x08, 3, dims, body, 600);
  ck_assert_uint_eq(len, 4 + 12 + 600);
  ck_assert(file[14] == 0x01 && file[15] == 0x2C);
  for (int gz = 0; gz <= 1; gz++) {
    const char *p = put(gz ? "images.gz" : "images", file, len, gz);
    nn_err err;
    nn_idx *f = nn_idx_open(p, &err);
    ck_assert_msg(f != NULL, "%s", err.msg);
    ck_assert_str_eq(nn_idx_file(f), p);
    ck_assert_uint_eq(nn_idx_ndims(f), 3);
    ck_assert_uint_eq(nn_idx_dim(f, 0), 2);
    ck_assert_uint_eq(nn_idx_dim(f, 1), 1);
    ck_assert_uint_eq(nn_idx_dim(f, 2), 300);
    ck_assert_uint_eq(nn_idx_count(f), 2);
    ck_assert_uint_eq(nn_idx_item_size(f), 300);
    unsigned char got[600];
    ck_assert_int_eq(nn_idx_read(f, got, 1, &err), NN_OK);
    ck_assert_int_eq(nn_idx_read(f, got + 300, 1, &err), NN_OK);
    ck_assert(memcmp(got, body, 600) == 0);
    ck_assert_int_eq(nn_idx_end(f, &err), NN_OK);
    /* No more items than the header announces. */
    ck_assert_int_eq(nn_idx_read(f, got, 1, &err), NN_EINVAL);
    nn_idx_close(f);
  }

  /* Labels: one dimension of 3 (0x00000801). */
  const unsigned ldims[1] = {3};
  const unsigned char labels[3] = {9, 0, 255};
  len = idx_bytes(file, 0x08, 1, ldims, labels, 3);
  ck_assert(file[2] == 8 && file[3] == 1);
  for (int gz = 0; gz <= 1; gz++) {
    nn_err err;
    nn_idx *f = nn_idx_open(put("labels", file, len, gz), &err);
    ck_assert_msg(f != NULL, "%s", err.msg);
    ck_assert_uint_eq(nn_idx_count(f), 3);
    ck_assert_uint_eq(nn_idx_item_size(f), 1);
    unsigned char got[3];
    ck_assert_int_eq(nn_idx_read(f, got, 3, &err), NN_OK);
    ck_assert(memcmp(got, labels, 3) == 0);
    ck_assert_int_eq(nn_idx_end(f, &err), NN_OK);
    nn_idx_close(f);
  }
}
END_TEST

START_TEST(large_first_size)
{
  /* 70000 items (0x00011170) of 1 byte: all four size bytes in use. */
  unsigned char *file = malloc(8 + 70000);
  const unsigned dims[1] = {70000};
  unsigned char *body = calloc(70000, 1);
  for (int i = 0; i < 70000; i++)
    body[i] = (unsigned char) (i % 10);
  size_t len = idx_bytes(file, 0x08, 1, dims, body, 70000);
  ck_assert(file[5] == 0x01 && file[6] == 0x11 && file[7] == 0x70);
  nn_err err;
  nn_idx *f = nn_idx_open(put("big.gz", file, len, 1), &err);
  ck_assert(f != NULL);
  ck_assert_uint_eq(nn_idx_count(f), 70000);
  unsigned char *got = malloc(70000);
  ck_assert_int_eq(nn_idx_read(f, got, 70000, &err), NN_OK);
  ck_assert(memcmp(got, body, 70000) == 0);
  ck_assert_int_eq(nn_idx_end(f, &err), NN_OK);
  nn_idx_close(f);
  free(got);
  free(body);
  free(file);
}
END_TEST

/* -- malformed headers -------------------------------------------------------- */

START_TEST(bad_headers)
{
  static const struct {
    const char *bytes;
    size_t len;
    const char *msg;
  } cases[] = {
    {"", 0, "%s: empty file: not an IDX file"},
    {"\0\0\10", 3, "%s: truncated: the file ends inside the magic number"},
    {"x,y\n1,2\n", 8, "%s: wrong magic number 0x782c790a: not an IDX file "
                      "(images start 0x00000803, labels 0x00000801)"},
    /* The magic number written little-endian. */
    {"\3\10\0\0\0\0\0\1", 8, "%s: wrong magic number 0x03080000: not an IDX "
                             "file (images start 0x00000803, labels "
                             "0x00000801)"},
    {"\0\0\7\1\0\0\0\1x", 9, "%s: wrong magic number 0x00000701: not an IDX "
                             "file (images start 0x00000803, labels "
                             "0x00000801)"},
    {"\0\0\10\0", 4, "%s: wrong magic number 0x00000800: not an IDX file "
                     "(images start 0x00000803, labels 0x00000801)"},
    {"\0\0\15\1\0\0\0\1xxxx", 12, "%s: IDX data type 0x0d (float) is not "
                                  "supported: only 0x08 (unsigned byte)"},
    {"\0\0\11\1\0\0\0\1x", 9, "%s: IDX data type 0x09 (signed byte) is not "
                              "supported: only 0x08 (unsigned byte)"},
    {"\0\0\16\1", 4, "%s: IDX data type 0x0e (double) is not supported: "
                     "only 0x08 (unsigned byte)"},
    {"\0\0\10\3\0\0\0\2\0\0", 10,
     "%s: truncated: the file ends inside the header's 3 dimension sizes"},
    {"\0\0\10\1\0\0", 6,
     "%s: truncated: the file ends inside the header's 1 dimension size"},
    {"\0\0\10\1\0\0\0\0", 8, "%s: the header announces no items"},
    {"\0\0\10\2\0\0\0\1\0\0\0\0", 12, "%s: dimension 2 has size 0"},
    {"\0\0\10\3\0\0\0\1\377\377\377\377\377\377\377\377", 16,
     "%s: items of more than 2^31 values are not supported"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    for (int gz = 0; gz <= 1; gz++)
      expect_open_error(put("bad", cases[i].bytes, cases[i].len, gz),
                        NN_EDATA, cases[i].msg);
}
END_TEST

START_TEST(files_that_cannot_be_read)
{
  snprintf(path, sizeof path, "%s/missing.gz", dir);
  expect_open_error(path, NN_EIO, "%s: No such file or directory");
  expect_open_error(dir, NN_EIO, "%s: read error: Is a directory");
}
END_TEST

/* -- truncated and overlong bodies -------------------------------------------------- */

/* Open a file of 3 items of 2 bytes whose body has BODYLEN bytes; read all
 * 3 (or, with END, read them and check the end): the error message. */
static void body_error(size_t bodylen, int gz, int end, int status,
                       const char *fmt)
{
  const unsigned dims[2] = {3, 2};
  const unsigned char body[16] = "abcdefghijklmno";
  unsigned char file[64];
  size_t len = idx_bytes(file, 0x08, 2, dims, body, bodylen);
  const char *p = put("body", file, len, gz);
  nn_err err;
  nn_idx *f = nn_idx_open(p, &err);
  ck_assert_msg(f != NULL, "%s", err.msg);
  unsigned char got[6];
  int r = nn_idx_read(f, got, 3, &err);
  if (end) {
    ck_assert_int_eq(r, NN_OK);
    r = nn_idx_end(f, &err);
  }
  char want[8192];
  snprintf(want, sizeof want, fmt, p);
  ck_assert_int_eq(r, status);
  ck_assert_str_eq(err.msg, want);
  nn_idx_close(f);
}

START_TEST(truncated_and_overlong_bodies)
{
  for (int gz = 0; gz <= 1; gz++) {
    body_error(0, gz, 0, NN_EDATA, "%s: truncated: the file ends after 0 of "
               "the 3 items its header announces");
    body_error(4, gz, 0, NN_EDATA, "%s: truncated: the file ends after 2 of "
               "the 3 items its header announces");
    body_error(5, gz, 0, NN_EDATA, "%s: truncated: the file ends inside item "
               "3 of the 3 its header announces");
    body_error(1, gz, 0, NN_EDATA, "%s: truncated: the file ends inside item "
               "1 of the 3 its header announces");
    body_error(7, gz, 1, NN_EDATA, "%s: data after the 3 items the header "
               "announces");
    body_error(15, gz, 1, NN_EDATA, "%s: data after the 3 items the header "
               "announces");
  }
}
END_TEST

/* The gzip-compressed bytes of a valid 2-item file, in BUF; the length. */
static size_t gz_bytes(unsigned char *buf, size_t size)
{
  const unsigned dims[3] = {2, 10, 10};
  unsigned char body[200], file[256];
  for (int i = 0; i < 200; i++)
    body[i] = (unsigned char) (i * i % 253);
  size_t len = idx_bytes(file, 0x08, 3, dims, body, 200);
  put("whole.gz", file, len, 1);
  FILE *f = fopen(path, "rb");
  size_t n = fread(buf, 1, size, f);
  fclose(f);
  ck_assert(n > 18 && n < size);
  return n;
}

/* Open P, read every item and check the end: the first error. */
static int read_all(const char *p, nn_err *err)
{
  nn_idx *f = nn_idx_open(p, err);
  if (f == NULL)
    return err->status;
  size_t size = nn_idx_count(f) * nn_idx_item_size(f);
  unsigned char *buf = malloc(size);
  int r = nn_idx_read(f, buf, nn_idx_count(f), err);
  if (r == NN_OK)
    r = nn_idx_end(f, err);
  free(buf);
  nn_idx_close(f);
  return r;
}

START_TEST(truncated_and_corrupt_gzip)
{
  unsigned char gz[1024];
  size_t n = gz_bytes(gz, sizeof gz);
  nn_err err;
  unsigned char got[200];

  /* The 8-byte trailer (CRC-32, length) cut off: every item is there, but
   * the stream does not end. */
  const char *p = put("cut-trailer", gz, n - 8, 0);
  nn_idx *f = nn_idx_open(p, &err);
  ck_assert(f != NULL);
  ck_assert_int_eq(nn_idx_read(f, got, 2, &err), NN_OK);
  ck_assert_int_eq(nn_idx_end(f, &err), NN_EDATA);
  char want[8192];
  snprintf(want, sizeof want, "%s: truncated: the compressed data stops "
           "short of its end (unexpected end of file)", p);
  ck_assert_str_eq(err.msg, want);
  nn_idx_close(f);

  /* Cut in the middle of the compressed data: the items are not all
   * there. */
  p = put("cut-middle", gz, n / 2, 0);
  f = nn_idx_open(p, &err);
  ck_assert_msg(f != NULL, "%zu bytes: %s", n, err.msg);
  ck_assert_int_eq(nn_idx_read(f, got, 2, &err), NN_EDATA);
  snprintf(want, sizeof want, "%s: truncated: the file ends ", p);
  ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
  nn_idx_close(f);

  /* A wrong CRC-32, or a corrupt block: zlib finds them when it gets
   * there, which for a file this small is while the header is read. */
  gz[n - 8] ^= 0xff;
  p = put("bad-crc", gz, n, 0);
  ck_assert_int_eq(read_all(p, &err), NN_EDATA);
  snprintf(want, sizeof want, "%s: corrupt gzip data: incorrect data check", p);
  ck_assert_str_eq(err.msg, want);
  gz[n - 8] ^= 0xff;
  p = put("good", gz, n, 0);
  ck_assert_int_eq(read_all(p, &err), NN_OK);
  gz[10] = 0xff;  /* the first deflate block's header: reserved type 3 */
  p = put("bad-block", gz, n, 0);
  ck_assert_int_eq(read_all(p, &err), NN_EDATA);
  snprintf(want, sizeof want, "%s: corrupt gzip data: invalid block type", p);
  ck_assert_str_eq(err.msg, want);
}
END_TEST

/* -- labels with images ----------------------------------------------------------- */

START_TEST(labels_must_match_the_images)
{
  unsigned char file[64];
  const unsigned idims[3] = {3, 2, 2}, ldims[1] = {2}, l3dims[3] = {3, 1, 1};
  const unsigned char body[12] = {0};
  nn_err err;
  char images[4200], labels[4200], cube[4200];
  snprintf(images, sizeof images, "%s",
           put("images", file, idx_bytes(file, 8, 3, idims, body, 12), 0));
  snprintf(labels, sizeof labels, "%s",
           put("labels", file, idx_bytes(file, 8, 1, ldims, body, 2), 1));
  snprintf(cube, sizeof cube, "%s",
           put("cube", file, idx_bytes(file, 8, 3, l3dims, body, 3), 0));
  nn_idx *im = nn_idx_open(images, &err), *lab = nn_idx_open(labels, &err),
         *cu = nn_idx_open(cube, &err);
  ck_assert(im && lab && cu);
  ck_assert_int_eq(nn_idx_check_labels(im, lab, &err), NN_EDATA);
  char want[9000];
  snprintf(want, sizeof want, "%s has 3 items but %s has 2 labels", images,
           labels);
  ck_assert_str_eq(err.msg, want);
  ck_assert_int_eq(nn_idx_check_labels(im, cu, &err), NN_EDATA);
  snprintf(want, sizeof want,
           "%s: labels must have one dimension, this file has 3", cube);
  ck_assert_str_eq(err.msg, want);

  /* nn_idx_write checks before it writes. */
  FILE *fp = tmpfile();
  nn_writer w;
  nn_writer_init(&w, fp, '\t');
  ck_assert_int_eq(nn_idx_write(im, lab, 0, 0, &w, &err), NN_EDATA);
  ck_assert_int_eq(ftell(fp), 0);
  fclose(fp);
  nn_idx_close(im);
  nn_idx_close(lab);
  nn_idx_close(cu);
}
END_TEST

/* -- the table ------------------------------------------------------------------- */

/* nn_idx_write of IMAGES and LABELS (or NULL) into a string (free it). */
static char *write_table(const char *images, const char *labels,
                         size_t limit, int scale, int *status, nn_err *err)
{
  nn_idx *im = nn_idx_open(images, err);
  ck_assert_msg(im != NULL, "%s", err->msg);
  nn_idx *lab = NULL;
  if (labels != NULL) {
    lab = nn_idx_open(labels, err);
    ck_assert_msg(lab != NULL, "%s", err->msg);
  }
  FILE *fp = tmpfile();
  nn_writer w;
  nn_writer_init(&w, fp, '\t');
  *status = nn_idx_write(im, lab, limit, scale, &w, err);
  long size = ftell(fp);
  char *s = malloc((size_t) size + 1);
  rewind(fp);
  ck_assert(fread(s, 1, (size_t) size, fp) == (size_t) size);
  s[size] = '\0';
  fclose(fp);
  nn_idx_close(im);
  nn_idx_close(lab);
  return s;
}

START_TEST(table_of_pixels_and_labels)
{
  unsigned char file[64];
  const unsigned idims[3] = {3, 2, 2}, ldims[1] = {3};
  const unsigned char px[12] = {0, 1, 128, 255, 10, 20, 30, 40, 7, 7, 7, 7};
  const unsigned char lab[3] = {7, 0, 9};
  char images[4200], labels[4200];
  snprintf(images, sizeof images, "%s",
           put("images.gz", file, idx_bytes(file, 8, 3, idims, px, 12), 1));
  snprintf(labels, sizeof labels, "%s",
           put("labels", file, idx_bytes(file, 8, 1, ldims, lab, 3), 0));
  nn_err err;
  int status;
  char *s = write_table(images, labels, 0, 0, &status, &err);
  ck_assert_int_eq(status, NN_OK);
  ck_assert_str_eq(s, "p1\tp2\tp3\tp4\tlabel\n"
                      "0\t1\t128\t255\t7\n"
                      "10\t20\t30\t40\t0\n"
                      "7\t7\t7\t7\t9\n");
  free(s);

  /* --scale: b / 255, shortest round-trip text; labels stay integers. */
  s = write_table(images, labels, 2, 1, &status, &err);
  ck_assert_int_eq(status, NN_OK);
  ck_assert_str_eq(s, "p1\tp2\tp3\tp4\tlabel\n"
                      "0\t0.00392156862745098\t0.5019607843137255\t1\t7\n"
                      "0.0392156862745098\t0.0784313725490196\t"
                      "0.11764705882352941\t0.1568627450980392\t0\n");
  free(s);
  ck_assert(strtod("0.00392156862745098", NULL) == 1 / 255.0);
  ck_assert(strtod("0.11764705882352941", NULL) == 30 / 255.0);

  /* No labels: no label column.  A limit beyond the count: all rows. */
  s = write_table(images, NULL, 10, 0, &status, &err);
  ck_assert_int_eq(status, NN_OK);
  ck_assert_str_eq(s, "p1\tp2\tp3\tp4\n0\t1\t128\t255\n10\t20\t30\t40\n"
                      "7\t7\t7\t7\n");
  free(s);
}
END_TEST

START_TEST(table_stops_at_the_first_bad_item)
{
  unsigned char file[64];
  const unsigned idims[2] = {3, 2}, ldims[1] = {3};
  const unsigned char px[6] = {1, 2, 3, 4, 5, 6}, lab[4] = {1, 2, 3, 4};
  char images[4200], labels[4200];
  snprintf(images, sizeof images, "%s",
           put("images", file, idx_bytes(file, 8, 2, idims, px, 5), 0));
  snprintf(labels, sizeof labels, "%s",
           put("labels", file, idx_bytes(file, 8, 1, ldims, lab, 4), 0));
  nn_err err;
  int status;
  char *s = write_table(images, labels, 0, 0, &status, &err);
  ck_assert_int_eq(status, NN_EDATA);
  char want[9000];
  snprintf(want, sizeof want, "%s: truncated: the file ends inside item 3 of "
           "the 3 its header announces", images);
  ck_assert_str_eq(err.msg, want);
  free(s);

  /* With --limit 2 the truncated third item is never read. */
  s = write_table(images, labels, 2, 0, &status, &err);
  ck_assert_int_eq(status, NN_OK);
  ck_assert_str_eq(s, "p1\tp2\tlabel\n1\t2\t1\n3\t4\t2\n");
  free(s);

  /* Whole images, labels with a byte too many: found at the end. */
  snprintf(images, sizeof images, "%s",
           put("images", file, idx_bytes(file, 8, 2, idims, px, 6), 0));
  s = write_table(images, labels, 0, 0, &status, &err);
  ck_assert_int_eq(status, NN_EDATA);
  snprintf(want, sizeof want, "%s: data after the 3 items the header "
           "announces", labels);
  ck_assert_str_eq(err.msg, want);
  free(s);
}
END_TEST

static Suite *idx_suite(void)
{
  Suite *s = suite_create("idx");
  TCase *tc = tcase_create("read");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, images_and_labels_plain_and_gzip);
  tcase_add_test(tc, large_first_size);
  tcase_add_test(tc, bad_headers);
  tcase_add_test(tc, files_that_cannot_be_read);
  tcase_add_test(tc, truncated_and_overlong_bodies);
  tcase_add_test(tc, truncated_and_corrupt_gzip);
  tcase_add_test(tc, labels_must_match_the_images);
  suite_add_tcase(s, tc);

  tc = tcase_create("table");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, table_of_pixels_and_labels);
  tcase_add_test(tc, table_stops_at_the_first_bad_item);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(idx_suite());
}
