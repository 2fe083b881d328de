/* tests/unit/outfile.c -- Check suite for lib/outfile.h: outputs that
 * appear whole or not at all, alone and several together
 * (nn_outfile_commit_all). */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "outfile.h"
#include "unit.h"

START_TEST(commit_all_makes_every_file_appear)
{
  fx_dir_make();
  nn_outfile o[3], *po[3] = {&o[0], &o[1], &o[2]};
  nn_err err;
  for (int i = 0; i < 3; i++) {
    char name[16];
    snprintf(name, sizeof name, "f%d", i);
    ck_assert_int_eq(nn_outfile_open(&o[i], fx_dir_path(name), &err), NN_OK);
    fprintf(o[i].fp, "file %d\n", i);
  }
  ck_assert_ptr_null(strstr(fx_dir_entries(), "f0 "));  /* not yet */
  ck_assert_int_eq(nn_outfile_commit_all(po, 3, &err), NN_OK);
  ck_assert_str_eq(fx_dir_entries(), "f0 f1 f2 ");  /* no temporary left */
  ck_assert_str_eq(fx_dir_read("f0"), "file 0\n");
  ck_assert_str_eq(fx_dir_read("f2"), "file 2\n");
  ck_assert_int_eq(nn_outfile_commit_all(po, 0, &err), NN_OK);
  fx_dir_remove();
}
END_TEST

START_TEST(commit_all_is_all_or_nothing)
{
  /* The second target is a directory: the first file must not appear
   * either, and no temporary file stays behind. */
  fx_dir_make();
  char b[4200];
  nn_outfile o[2], *po[2] = {&o[0], &o[1]};
  nn_err err;
  snprintf(b, sizeof b, "%s", fx_dir_path("b"));
  ck_assert_int_eq(mkdir(b, 0700), 0);
  ck_assert_int_eq(nn_outfile_open(&o[0], fx_dir_path("a"), &err), NN_OK);
  ck_assert_int_eq(nn_outfile_open(&o[1], b, &err), NN_OK);
  fputs("a\n", o[0].fp);
  fputs("b\n", o[1].fp);
  ck_assert_int_eq(nn_outfile_commit_all(po, 2, &err), NN_EIO);
  char want[4300];
  snprintf(want, sizeof want, "%s: write error: Is a directory", b);
  ck_assert_str_eq(err.msg, want);
  ck_assert_int_eq(err.status, NN_EIO);
  ck_assert_str_eq(fx_dir_entries(), "b ");
  ck_assert_ptr_null(o[0].fp);
  ck_assert_ptr_null(o[1].fp);
  nn_outfile_cleanup();  /* nothing left pending: harmless */
  fx_dir_remove();
}
END_TEST

static Suite *outfile_suite(void)
{
  Suite *s = suite_create("outfile");
  const TTest *const tests[] = {commit_all_makes_every_file_appear,
                                commit_all_is_all_or_nothing};
  unit_add_tests(s, "commit_all", tests, sizeof tests / sizeof *tests, 60);
  return s;
}

int main(void)
{
  return unit_run(outfile_suite());
}
