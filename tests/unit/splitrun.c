/* tests/unit/splitrun.c -- Check suite for lib/splitrun.h: nn-split's
 * rows held byte for byte, its part outputs and its two runs, with the
 * exact error of every failure they report. */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "splitrun.h"
#include "table.h"
#include "unit.h"

static nn_splitrun_opts default_opts(void)
{
  nn_splitrun_opts op = {.input = "-", .seed = 1, .ratio = {0.8, 0.2},
                         .nparts = 2, .shuffle = 1, .part = -1};
  return op;
}

/* The prefix of opts_in_dir. */
static char prefix[4200];

/* The default options, writing to fx_dir/NAME-* in a new fx_dir. */
static nn_splitrun_opts opts_in_dir(const char *name)
{
  fx_dir_make();
  nn_splitrun_opts op = default_opts();
  snprintf(prefix, sizeof prefix, "%s", fx_dir_path(name));
  op.prefix = prefix;
  return op;
}

START_TEST(part_names)
{
  ck_assert_str_eq(nn_splitrun_part_name(0), "train");
  ck_assert_str_eq(nn_splitrun_part_name(2), "test");
  ck_assert_ptr_null(nn_splitrun_part_name(3));
  ck_assert_int_eq(nn_splitrun_part_index("valid"), 1);
  ck_assert_int_eq(nn_splitrun_part_index("test"), 2);
  ck_assert_int_eq(nn_splitrun_part_index("Train"), -1);
  ck_assert_int_eq(nn_splitrun_part_index(""), -1);
}
END_TEST

START_TEST(eol_and_put_row)
{
  ck_assert_uint_eq(nn_splitrun_eol_len("a\n", 2), 1);
  ck_assert_uint_eq(nn_splitrun_eol_len("a\r\n", 3), 2);
  ck_assert_uint_eq(nn_splitrun_eol_len("\n", 1), 1);
  ck_assert_uint_eq(nn_splitrun_eol_len("a\r", 2), 0);
  ck_assert_uint_eq(nn_splitrun_eol_len("", 0), 0);
  char *buf = NULL;
  size_t size = 0;
  FILE *fp = open_memstream(&buf, &size);
  ck_assert_ptr_nonnull(fp);
  nn_splitrun_put_row(fp, "1,\"a\nb\"\r\n", 9, ',', NULL);
  nn_splitrun_put_row(fp, "2,x\r\n", 5, ',', "valid");
  nn_splitrun_put_row(fp, "3\ty\n", 4, '\t', "3");
  nn_splitrun_put_row(fp, "4\tz", 3, '\t', "unused");  /* no line end */
  fclose(fp);
  ck_assert_str_eq(buf, "1,\"a\nb\"\r\n2,x,valid\r\n3\ty\t3\n4\tz\tunused");
  free(buf);
}
END_TEST

START_TEST(part_path_and_default_prefix)
{
  char *p = nn_splitrun_part_path("iris", 0, "train", ',');
  ck_assert_str_eq(p, "iris-train.csv");
  free(p);
  p = nn_splitrun_part_path("d/cv", 12, "valid", '\t');
  ck_assert_str_eq(p, "d/cv-fold12-valid.tsv");
  free(p);
  static const char *cases[][2] = {
    {"-", "split"}, {"data.tsv", "data"}, {"dir/x/iris.CSV", "iris"},
    {"ten.txt", "ten"}, {"a.b.Tsv", "a.b"}, {".tsv", ".tsv"},
    {"notes.dat", "notes.dat"}, {"dir/", ""}, {"x.tsv.gz", "x.tsv.gz"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    p = nn_splitrun_default_prefix(cases[i][0]);
    ck_assert_msg(strcmp(p, cases[i][1]) == 0, "%s: '%s', not '%s'",
                  cases[i][0], p, cases[i][1]);
    free(p);
  }
}
END_TEST

START_TEST(part_sizes_and_their_errors)
{
  nn_splitrun_opts op = default_opts();
  size_t size[8], k;
  nn_err err;
  ck_assert_int_eq(nn_splitrun_part_sizes(&op, "f", 10, size, &k, &err),
                   NN_OK);
  ck_assert_uint_eq(k, 2);
  ck_assert_uint_eq(size[0], 8);
  ck_assert_uint_eq(size[1], 2);
  op.folds = 3;
  ck_assert_int_eq(nn_splitrun_part_sizes(&op, "f", 10, size, &k, &err),
                   NN_OK);
  ck_assert_uint_eq(k, 3);
  ck_assert_uint_eq(size[0], 4);
  ck_assert_uint_eq(size[2], 3);
  op.folds = 5;
  ck_assert_int_eq(nn_splitrun_part_sizes(&op, "f", 3, size, &k, &err),
                   NN_EDATA);
  ck_assert_str_eq(err.msg, "f: 5 folds but only 3 rows");
  op = default_opts();
  op.by_count = 1;
  op.count[0] = 5;
  op.count[1] = 3;
  ck_assert_int_eq(nn_splitrun_part_sizes(&op, "f", 10, size, &k, &err),
                   NN_OK);
  ck_assert_uint_eq(k, 3);  /* and the rows left over */
  ck_assert_uint_eq(size[2], 2);
  ck_assert_int_eq(nn_splitrun_part_sizes(&op, "f", 8, size, &k, &err),
                   NN_OK);
  ck_assert_uint_eq(k, 2);
  op.count[0] = 8;
  ck_assert_int_eq(nn_splitrun_part_sizes(&op, "(standard input)", 10, size,
                                          &k, &err), NN_EDATA);
  ck_assert_str_eq(err.msg, "(standard input): --count 8,3 asks for 11 "
                   "rows, but the table has only 10");
}
END_TEST

START_TEST(check_nonempty_names_the_part)
{
  nn_splitrun_opts op = default_opts();
  nn_err err;
  size_t got[3] = {4, 0, 2};
  ck_assert_int_eq(nn_splitrun_check_nonempty(&op, "f", got, 1, &err), NN_OK);
  ck_assert_int_eq(nn_splitrun_check_nonempty(&op, "f", got, 3, &err),
                   NN_EDATA);
  ck_assert_str_eq(err.msg, "f: part 'valid' gets no rows");
  op.folds = 3;
  ck_assert_int_eq(nn_splitrun_check_nonempty(&op, "f", got, 3, &err),
                   NN_EDATA);
  ck_assert_str_eq(err.msg, "f: fold 2 gets no rows");
}
END_TEST

START_TEST(rows_kept_byte_for_byte)
{
  /* A CRLF header: the last row, which has no line end, gets one. */
  nn_table *t = fx_open_table("# made by hand\r\nid,k\r\n1,\"a\r\nb\"\r\n2,b\r\n"
                          "3,a");
  nn_splitrun_rows r;
  nn_err err;
  ck_assert_int_eq(nn_splitrun_rows_init(&r, t, 1, &err), NN_OK);
  ck_assert_str_eq(r.eol, "\r\n");
  ck_assert_int_eq(r.delim, ',');
  ck_assert_uint_eq(r.head_len, 22);
  ck_assert_int_eq(memcmp(r.head, "# made by hand\r\nid,k\r\n", 22), 0);
  nn_split_keys *keys = nn_split_keys_alloc();
  ck_assert_int_eq(nn_splitrun_rows_read(&r, t, keys, 1, 0, &err), NN_OK);
  ck_assert_uint_eq(r.n, 3);
  ck_assert_uint_eq(r.len, r.off[3]);
  ck_assert_int_eq(memcmp(r.text, "1,\"a\r\nb\"\r\n2,b\r\n3,a\r\n", r.len), 0);
  ck_assert_uint_eq(r.off[1], 10);
  ck_assert_uint_eq(r.key[0], 0);  /* "a\r\nb" */
  ck_assert_uint_eq(r.key[1], 1);  /* "b" */
  ck_assert_uint_eq(r.key[2], 2);  /* "a" */
  ck_assert_uint_eq(nn_split_keys_count(keys), 3);
  nn_split_keys_free(keys);
  nn_splitrun_rows_free(&r);
  ck_assert_ptr_null(r.text);
  nn_splitrun_rows_free(&r);  /* twice is harmless */
  nn_table_close(t);
}
END_TEST

START_TEST(rows_many_with_room_reserved)
{
  /* Enough rows that the offsets grow many times; INPUT_SIZE reserves the
   * text at once. */
  size_t n = 70000, size = 0;
  char *text = NULL;
  FILE *fp = open_memstream(&text, &size);
  fputs("i\tx\n", fp);
  for (size_t i = 0; i < n; i++)
    fprintf(fp, "%zu\t%zu\n", i, i % 7);
  fclose(fp);
  nn_table *t = fx_open_table(text);
  nn_splitrun_rows r;
  nn_err err;
  ck_assert_int_eq(nn_splitrun_rows_init(&r, t, 0, &err), NN_OK);
  ck_assert_int_eq(nn_splitrun_rows_read(&r, t, NULL, 0, size, &err), NN_OK);
  ck_assert_uint_eq(r.n, n);
  ck_assert_uint_eq(r.len, size - 4);
  ck_assert_int_eq(memcmp(r.text, text + 4, r.len), 0);
  ck_assert_int_eq(memcmp(r.text + r.off[n - 1], "69999\t6\n", 8), 0);
  nn_splitrun_rows_free(&r);
  nn_table_close(t);
  free(text);
}
END_TEST

START_TEST(rows_errors)
{
  nn_table *t = fx_open_table("a\tb\n# only a comment\n");
  nn_splitrun_rows r;
  nn_err err;
  ck_assert_int_eq(nn_splitrun_rows_init(&r, t, 0, &err), NN_OK);
  ck_assert_int_eq(nn_splitrun_rows_read(&r, t, NULL, 0, 0, &err), NN_EDATA);
  char want[4200];
  snprintf(want, sizeof want, "%s: no data rows", fx_path);
  ck_assert_str_eq(err.msg, want);
  nn_splitrun_rows_free(&r);
  nn_table_close(t);

  t = fx_open_table("a\tb\n1\t2\n3\n");  /* the reader's error, as it is */
  ck_assert_int_eq(nn_splitrun_rows_init(&r, t, 0, &err), NN_OK);
  ck_assert_int_eq(nn_splitrun_rows_read(&r, t, NULL, 0, 0, &err), NN_EDATA);
  snprintf(want, sizeof want, "%s:3:", fx_path);
  ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
  nn_splitrun_rows_free(&r);
  nn_table_close(t);
}
END_TEST

START_TEST(outputs_appear_on_commit_only)
{
  nn_splitrun_opts op = opts_in_dir("cv");
  op.folds = 2;
  size_t nout;
  nn_err err;
  nn_splitrun_output *out = nn_splitrun_outputs_open(&op, ',', 2, &nout,
                                                     &err);
  ck_assert_ptr_nonnull(out);
  ck_assert_uint_eq(nout, 4);
  ck_assert_uint_eq(out[1].part, 0);   /* fold 1's valid part ... */
  ck_assert_int_eq(out[1].invert, 0);
  ck_assert_uint_eq(out[2].part, 1);   /* ... split 2 trains on the rest */
  ck_assert_int_eq(out[2].invert, 1);
  for (size_t i = 0; i < nout; i++)
    fprintf(out[i].o.fp, "%zu\n", i);
  nn_splitrun_outputs_free(out, nout);  /* given up: nothing appears */
  ck_assert_str_eq(fx_dir_entries(), "");

  op.folds = 0;
  out = nn_splitrun_outputs_open(&op, '\t', 3, &nout, &err);
  ck_assert_ptr_nonnull(out);
  ck_assert_uint_eq(nout, 3);
  for (size_t i = 0; i < nout; i++)
    fprintf(out[i].o.fp, "%zu\n", i);
  /* only temporary files so far */
  ck_assert_ptr_null(strstr(fx_dir_entries(), ".tsv "));
  ck_assert_int_eq(nn_splitrun_outputs_commit(out, nout, &err), NN_OK);
  ck_assert_str_eq(fx_dir_entries(), "cv-test.tsv cv-train.tsv cv-valid.tsv ");
  ck_assert_str_eq(fx_dir_read("cv-test.tsv"), "2\n");
  fx_dir_remove();
}
END_TEST

START_TEST(outputs_errors)
{
  nn_splitrun_opts op = opts_in_dir("none/p");
  char want[4400];
  size_t nout = 7;
  nn_err err;
  ck_assert_ptr_null(nn_splitrun_outputs_open(&op, '\t', 2, &nout, &err));
  ck_assert_uint_eq(nout, 0);
  ck_assert_int_eq(err.status, NN_EIO);
  snprintf(want, sizeof want, "%s-train.tsv: cannot create: %s", prefix,
           strerror(ENOENT));
  ck_assert_str_eq(err.msg, want);

  /* The second file cannot be made: the first one is removed again. */
  snprintf(prefix, sizeof prefix, "%s", fx_dir_path("q"));
  snprintf(want, sizeof want, "%s-valid.tsv", prefix);
  ck_assert_int_eq(mkdir(want, 0700), 0);
  nn_splitrun_output *out = nn_splitrun_outputs_open(&op, '\t', 2, &nout,
                                                     &err);
  ck_assert_ptr_nonnull(out);
  ck_assert_int_eq(nn_splitrun_outputs_commit(out, nout, &err), NN_EIO);
  snprintf(want, sizeof want, "%s-valid.tsv: write error: Is a directory",
           prefix);
  ck_assert_str_eq(err.msg, want);
  ck_assert_str_eq(fx_dir_entries(), "q-valid.tsv ");
  fx_dir_remove();
}
END_TEST

static const char *ten = "id\tc\n1\ta\n2\tb\n3\ta\n4\tb\n5\ta\n6\tb\n7\ta\n"
                         "8\tb\n9\ta\n10\tb\n";

START_TEST(memory_run_writes_the_parts)
{
  nn_splitrun_opts op = opts_in_dir("ten");
  op.shuffle = 0;
  op.ratio[0] = 0.7;
  op.ratio[1] = 0.3;
  nn_table *t = fx_open_table(ten);
  nn_err err;
  ck_assert_int_eq(nn_splitrun_memory(&op, t, 0, 0, &err), NN_OK);
  nn_table_close(t);
  ck_assert_str_eq(fx_dir_entries(), "ten-train.tsv ten-valid.tsv ");
  ck_assert_str_eq(fx_dir_read("ten-valid.tsv"), "id\tc\n8\tb\n9\ta\n10\tb\n");

  /* stratified, shuffled: each part has its share of each class */
  op.shuffle = 1;
  op.stratify = "c";
  op.ratio[0] = op.ratio[1] = 0.5;
  t = fx_open_table(ten);
  ck_assert_int_eq(nn_splitrun_memory(&op, t, 1, 1, &err), NN_OK);
  nn_table_close(t);
  const char *v = fx_dir_read("ten-valid.tsv");
  size_t na = 0, nb = 0;
  for (const char *s = v; (s = strchr(s, '\t')) != NULL; s++)
    na += s[1] == 'a', nb += s[1] == 'b';
  ck_assert_uint_eq(na, 2);
  ck_assert_uint_eq(nb, 3);  /* or 3 and 2: within one of 2.5 */
  fx_dir_remove();
}
END_TEST

START_TEST(memory_run_errors_write_nothing)
{
  nn_splitrun_opts op = opts_in_dir("ten");
  char want[8400];
  op.folds = 6;
  op.stratify = "c";
  nn_table *t = fx_open_table(ten);
  nn_err err;
  ck_assert_int_eq(nn_splitrun_memory(&op, t, 1, 1, &err), NN_EDATA);
  nn_table_close(t);
  snprintf(want, sizeof want, "%s: column 'c': class 'a' has 5 rows, fewer "
           "than the 6 folds", fx_path);
  ck_assert_str_eq(err.msg, want);

  op.stratify = NULL;
  op.group = "c";
  op.folds = 3;
  t = fx_open_table(ten);
  ck_assert_int_eq(nn_splitrun_memory(&op, t, 1, 1, &err), NN_EDATA);
  nn_table_close(t);
  snprintf(want, sizeof want, "%s: column 'c': 2 groups, fewer than the 3 "
           "folds", fx_path);
  ck_assert_str_eq(err.msg, want);

  op.group = NULL;
  op.folds = 0;
  op.by_count = 1;
  op.count[0] = 1;
  op.count[1] = 10;
  t = fx_open_table(ten);
  ck_assert_int_eq(nn_splitrun_memory(&op, t, 0, 0, &err), NN_EDATA);
  nn_table_close(t);
  snprintf(want, sizeof want, "%s: --count 1,10 asks for 11 rows, but the "
           "table has only 10", fx_path);
  ck_assert_str_eq(err.msg, want);
  ck_assert_str_eq(fx_dir_entries(), "");
  fx_dir_remove();
}
END_TEST

START_TEST(stream_run_and_its_errors)
{
  nn_splitrun_opts op = opts_in_dir("s");
  char want[4400];
  nn_table *t = fx_open_table(ten);
  nn_err err;
  ck_assert_int_eq(nn_splitrun_stream(&op, t, 0, 0, &err), NN_OK);
  nn_table_close(t);
  ck_assert_str_eq(fx_dir_entries(), "s-train.tsv s-valid.tsv ");
  /* every row once, in the input order, each file with the header */
  char both[2048];
  snprintf(both, sizeof both, "%s", fx_dir_read("s-train.tsv"));
  strcat(both, fx_dir_read("s-valid.tsv"));
  size_t lines = 0;
  for (const char *s = both; *s; s++)
    lines += *s == '\n';
  ck_assert_uint_eq(lines, 12);
  fx_dir_remove();

  op = opts_in_dir("s");
  op.folds = 11;
  t = fx_open_table(ten);
  ck_assert_int_eq(nn_splitrun_stream(&op, t, 0, 0, &err), NN_EDATA);
  nn_table_close(t);
  snprintf(want, sizeof want, "%s: 11 folds but only 10 rows", fx_path);
  ck_assert_str_eq(err.msg, want);
  op.folds = 0;
  t = fx_open_table("id\tc\n");
  ck_assert_int_eq(nn_splitrun_stream(&op, t, 0, 0, &err), NN_EDATA);
  nn_table_close(t);
  snprintf(want, sizeof want, "%s: no data rows", fx_path);
  ck_assert_str_eq(err.msg, want);
  ck_assert_str_eq(fx_dir_entries(), "");
  fx_dir_remove();
}
END_TEST

static Suite *splitrun_suite(void)
{
  Suite *s = suite_create("splitrun");
  const TTest *const tests[] = {
    part_names, eol_and_put_row, part_path_and_default_prefix,
    part_sizes_and_their_errors, check_nonempty_names_the_part,
    rows_kept_byte_for_byte, rows_many_with_room_reserved, rows_errors,
    outputs_appear_on_commit_only, outputs_errors,
    memory_run_writes_the_parts, memory_run_errors_write_nothing,
    stream_run_and_its_errors};
  /* generous: the sanitizer builds are many times slower */
  unit_add_tests(s, "splitrun", tests, sizeof tests / sizeof *tests, 120);
  return s;
}

int main(void)
{
  return unit_run(splitrun_suite());
}
