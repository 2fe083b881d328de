/* tests/unit/rowbuf.c -- Check suite for lib/rowbuf.h: records kept after
 * the table reader has moved on (nn-predict's batches).
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "rowbuf.h"
#include "table.h"
#include "unit.h"

static void next(nn_table *t)
{
  nn_err err;
  ck_assert_msg(nn_table_next(t, &err) == 1, "%s", err.msg);
}

START_TEST(rows_outlive_the_reader)
{
  nn_table *t = fx_open_table("a\tb\tc\n1\t\"x\ty\"\t\n\"two\nlines\"\t\t3\n"
                          "# comment\n4\t5\t6\n");
  nn_rowbuf b;
  nn_rowbuf_init(&b, nn_table_ncols(t));
  ck_assert_uint_eq(b.ncols, 3);
  ck_assert_uint_eq(b.nrows, 0);
  for (int i = 0; i < 3; i++) {
    next(t);
    ck_assert_int_eq(nn_rowbuf_add(&b, t), 0);
  }
  nn_table_close(t);  /* the records must not point into the reader */
  static const char *want[3][3] = {{"1", "x\ty", ""}, {"two\nlines", "", "3"},
                                   {"4", "5", "6"}};
  ck_assert_uint_eq(b.nrows, 3);
  for (size_t i = 0; i < 3; i++)
    for (size_t j = 0; j < 3; j++)
      ck_assert_str_eq(nn_rowbuf_field(&b, i, j), want[i][j]);
  nn_rowbuf_free(&b);
  ck_assert_ptr_null(b.text);
  ck_assert_ptr_null(b.off);
  ck_assert_uint_eq(b.nrows, 0);
  nn_rowbuf_free(&b);  /* twice is harmless */
}
END_TEST

START_TEST(many_and_long_rows)
{
  /* 5000 rows of 2 fields, one of them 1000 bytes every 100 rows: the
   * text and offsets grow many times; every field read back. */
  size_t cap = 5000 * 40 + 50 * 1100 + 16, n = 0;
  char *text = malloc(cap), *longf = malloc(1001);
  memset(longf, 'z', 1000);
  longf[1000] = '\0';
  n += (size_t) snprintf(text + n, cap - n, "k,v\n");
  for (int i = 0; i < 5000; i++)
    n += (size_t) snprintf(text + n, cap - n, "%d,%s\n", i,
                           i % 100 == 7 ? longf : "v");
  nn_table *t = fx_open_table(text);
  nn_rowbuf b;
  nn_rowbuf_init(&b, 2);
  for (int i = 0; i < 5000; i++) {
    next(t);
    ASSERT_TRUE(nn_rowbuf_add(&b, t) == 0, "row %d", i);
  }
  nn_table_close(t);
  ck_assert_uint_eq(b.nrows, 5000);
  for (size_t i = 0; i < 5000; i++) {
    char k[16];
    snprintf(k, sizeof k, "%zu", i);
    ASSERT_TRUE(strcmp(nn_rowbuf_field(&b, i, 0), k) == 0, "row %zu", i);
    ASSERT_TRUE(strcmp(nn_rowbuf_field(&b, i, 1), i % 100 == 7 ? longf : "v") == 0,
                "row %zu", i);
  }
  ck_assert_uint_ge(b.cap, b.len);
  ck_assert_uint_ge(b.offcap, 5000 * 2);
  nn_rowbuf_free(&b);
  free(text);
  free(longf);
}
END_TEST

START_TEST(clear_keeps_the_memory)
{
  nn_table *t = fx_open_table("a,b\n1,2\n3,4\n5,6\n");
  nn_rowbuf b;
  nn_rowbuf_init(&b, 2);
  next(t);
  ck_assert_int_eq(nn_rowbuf_add(&b, t), 0);
  next(t);
  ck_assert_int_eq(nn_rowbuf_add(&b, t), 0);
  char *text = b.text;
  size_t cap = b.cap, offcap = b.offcap;
  nn_rowbuf_clear(&b);
  ck_assert_uint_eq(b.nrows, 0);
  ck_assert_uint_eq(b.len, 0);
  ck_assert(b.text == text && b.cap == cap && b.offcap == offcap);
  next(t);
  ck_assert_int_eq(nn_rowbuf_add(&b, t), 0);
  ck_assert_uint_eq(b.nrows, 1);
  ck_assert_str_eq(nn_rowbuf_field(&b, 0, 0), "5");
  ck_assert_str_eq(nn_rowbuf_field(&b, 0, 1), "6");
  ck_assert(b.text == text);  /* no new allocation for a smaller batch */
  nn_table_close(t);
  nn_rowbuf_free(&b);
}
END_TEST

static Suite *rowbuf_suite(void)
{
  Suite *s = suite_create("rowbuf");
  TCase *tc = tcase_create("rowbuf");
  tcase_add_test(tc, rows_outlive_the_reader);
  tcase_add_test(tc, many_and_long_rows);
  tcase_add_test(tc, clear_keeps_the_memory);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(rowbuf_suite());
}
