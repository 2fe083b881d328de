/* cli.c -- what every nn-* tool does the same way. */
#include <config.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "number.h"
#include "outfile.h"

const char *nn_program_name = "nnkit";
static int reported;  /* an error was reported: exit quietly */

/* At exit: a failed write to stdout must not pass as success. */
static void close_stdout(void)
{
  nn_outfile_cleanup();
  int failed = ferror(stdout);
  int e = errno;
  if (fclose(stdout) != 0) {
    failed = 1;
    e = errno;
  }
  if (failed && !reported) {
    fprintf(stderr, "%s: write error: %s\n", nn_program_name,
            e ? strerror(e) : "failed");
    _exit(NN_EXIT_FAIL);
  }
  if (fclose(stderr) != 0)
    _exit(NN_EXIT_FAIL);
}

void nn_cli_init(int argc, char **argv)
{
  if (argc > 0 && argv[0] != NULL) {
    const char *slash = strrchr(argv[0], '/');
    const char *name = slash ? slash + 1 : argv[0];
    if (strncmp(name, "lt-", 3) == 0)  /* a libtool wrapper's binary */
      name += 3;
    nn_program_name = name;
    argv[0] = (char *) name;
  }
  gsl_set_error_handler_off();
  atexit(close_stdout);
}

void nn_cli_version(void)
{
  printf("%s (%s) %s\n", nn_program_name, PACKAGE_NAME, PACKAGE_VERSION);
  printf("Copyright (C) 2026 the nnkit developers.\n"
         "License GPLv3+: GNU GPL version 3 or later "
         "<https://gnu.org/licenses/gpl.html>.\n"
         "This is free software: you are free to change and redistribute it.\n"
         "There is NO WARRANTY, to the extent permitted by law.\n");
  exit(NN_EXIT_OK);
}

void nn_cli_provenance(FILE *fp, int argc, char **argv)
{
  fprintf(fp, "# %s (%s) %s:", nn_program_name, PACKAGE_NAME, PACKAGE_VERSION);
  for (int i = 1; i < argc; i++) {
    fputc(' ', fp);
    for (const char *s = argv[i]; *s; s++)  /* the comment stays one line */
      fputc(*s == '\n' || *s == '\r' ? ' ' : *s, fp);
  }
  fputc('\n', fp);
}

static void vreport(const char *fmt, va_list ap)
{
  reported = 1;
  fflush(stdout);
  fprintf(stderr, "%s: ", nn_program_name);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void nn_cli_die(int status, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vreport(fmt, ap);
  va_end(ap);
  exit(status);
}

void nn_cli_try_help(void)
{
  fprintf(stderr, "Try '%s --help' for more information.\n", nn_program_name);
  exit(NN_EXIT_USAGE);
}

void nn_cli_usage_error(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vreport(fmt, ap);
  va_end(ap);
  nn_cli_try_help();
}

void nn_cli_fail(const nn_err *err)
{
  if (err->status == NN_EINVAL)
    nn_cli_usage_error("%s", err->msg);
  nn_cli_die(NN_EXIT_FAIL, "%s", err->msg);
}

double nn_cli_number(const char *opt, const char *arg)
{
  double x;
  int r = nn_number_parse(arg, strlen(arg), &x);
  if (r != NN_NUMBER_OK)
    nn_cli_usage_error("%s: '%s' %s", opt, arg,
                       r == NN_NUMBER_RANGE ? "is out of range"
                                            : "is not a number");
  return x;
}

double nn_cli_positive(const char *opt, const char *arg)
{
  double x = nn_cli_number(opt, arg);
  if (!(x > 0))
    nn_cli_usage_error("%s: '%s' is not greater than zero", opt, arg);
  return x;
}

size_t nn_cli_count(const char *opt, const char *arg, size_t min, size_t max)
{
  char *end;
  errno = 0;
  unsigned long long v = strtoull(arg, &end, 10);
  if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno == ERANGE ||
      v < min || v > max) {
    if (max == SIZE_MAX && min == 0)
      nn_cli_usage_error("%s: '%s' is not a whole number", opt, arg);
    if (max == SIZE_MAX)
      nn_cli_usage_error("%s: '%s' is not a whole number >= %zu", opt, arg,
                         min);
    nn_cli_usage_error("%s: '%s' is not a whole number from %zu to %zu", opt,
                       arg, min, max);
  }
  return (size_t) v;
}
