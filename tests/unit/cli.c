/* tests/unit/cli.c -- the parts of lib/cli.c that neither print to the
 * terminal nor exit: the provenance comment. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "unit.h"

/* What was written to FP, as a string (the caller frees it). */
static char *written(FILE *fp)
{
  long size = ftell(fp);
  ck_assert_int_ge(size, 0);
  char *s = malloc((size_t) size + 1);
  ck_assert_ptr_nonnull(s);
  rewind(fp);
  ck_assert_uint_eq(fread(s, 1, (size_t) size, fp), (size_t) size);
  s[size] = '\0';
  return s;
}

START_TEST(provenance_records_the_command_line)
{
  nn_program_name = "nn-test";
  char a0[] = "nn-test", a1[] = "-m", a2[] = "two\nlines\r.model",
       a3[] = "", a4[] = "x y";
  char *argv[] = {a0, a1, a2, a3, a4, NULL};
  FILE *fp = tmpfile();
  ck_assert_ptr_nonnull(fp);
  nn_cli_provenance(fp, 5, argv);
  char *s = written(fp);
  ck_assert_str_eq(s, "# nn-test (" PACKAGE_NAME ") " PACKAGE_VERSION
                   ": -m two lines .model  x y\n");
  free(s);
  fclose(fp);
  /* No arguments: the program and its version alone. */
  fp = tmpfile();
  ck_assert_ptr_nonnull(fp);
  nn_cli_provenance(fp, 1, argv);
  s = written(fp);
  ck_assert_str_eq(s, "# nn-test (" PACKAGE_NAME ") " PACKAGE_VERSION ":\n");
  free(s);
  fclose(fp);
}
END_TEST

static Suite *cli_suite(void)
{
  Suite *s = suite_create("cli");
  TCase *tc = tcase_create("provenance");
  tcase_add_test(tc, provenance_records_the_command_line);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(cli_suite());
}
