/* cli.h -- what every nn-* tool does the same way: its name in messages,
 * --version, error reports and exit statuses (DESIGN.md, "Conventions").
 *
 * Unlike the rest of libnn these functions print and exit; only tools call
 * them.  Exit status: 0 success, 1 bad data or a failed run, 2 bad usage.
 */
#ifndef NN_CLI_H
#define NN_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

enum { NN_EXIT_OK = 0, NN_EXIT_FAIL = 1, NN_EXIT_USAGE = 2 };

/* The tool's name as messages show it ("nn-softmax"). */
extern const char *nn_program_name;

/* Call first in main: sets the program name (also in argv[0], which getopt
 * uses in its messages), turns off GSL's abort-on-error handler, and at exit
 * checks that standard output was written and closed without error (a full
 * disk is an error, exit 1) and removes uncommitted temporary files. */
void nn_cli_init(int argc, char **argv);

/* Print "PROG (nnkit) VERSION" and the licence; exit 0. */
void nn_cli_version(void) __attribute__((noreturn));

/* Write "# PROG (nnkit) VERSION: ARGV[1] ARGV[2] ..." and a newline to FP:
 * the comment line that records how a file was made (DESIGN.md).  Line
 * breaks inside an argument become spaces, so the comment stays one line.
 * Pass argv as main got it, before getopt permutes it. */
void nn_cli_provenance(FILE *fp, int argc, char **argv);

/* Print "PROG: MESSAGE" to stderr and exit with STATUS. */
void nn_cli_die(int status, const char *fmt, ...)
  __attribute__((noreturn, format(printf, 2, 3)));

/* Report ERR and exit: 2 (with the --help hint) for NN_EINVAL, else 1. */
void nn_cli_fail(const nn_err *err) __attribute__((noreturn));

/* Print "PROG: MESSAGE", then "Try 'PROG --help' for more information.";
 * exit 2. */
void nn_cli_usage_error(const char *fmt, ...)
  __attribute__((noreturn, format(printf, 1, 2)));

/* The hint alone, after getopt has printed its own message; exit 2. */
void nn_cli_try_help(void) __attribute__((noreturn));

/* Parse option OPT's argument ARG as a finite number; a usage error if it
 * is not one. */
double nn_cli_number(const char *opt, const char *arg);

/* As nn_cli_number, and it must be greater than zero. */
double nn_cli_positive(const char *opt, const char *arg);

/* Parse option OPT's argument ARG as a whole number from MIN to MAX
 * (decimal digits only); a usage error if it is not one. */
size_t nn_cli_count(const char *opt, const char *arg, size_t min, size_t max);

#endif
