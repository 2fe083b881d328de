/* error.h -- status codes and error messages returned by libnn.
 *
 * The library never prints, exits or aborts on bad user input: a function
 * that can fail returns an nn_status and, when given an nn_err, fills it with
 * a one-line message ("FILE:LINE: what is wrong").  The tool reports it
 * (see cli.h).
 */
#ifndef NN_ERROR_H
#define NN_ERROR_H

#include <stddef.h>

enum nn_status {
  NN_OK = 0,      /* success */
  NN_EDATA = 1,   /* bad input data: a table, a model, a number */
  NN_EIO = 2,     /* a read or write failed */
  NN_ENOMEM = 3,  /* out of memory */
  NN_EINVAL = 4   /* bad argument from the caller (a usage error in a tool) */
};

typedef struct nn_err {
  int status;      /* an nn_status; NN_OK while nothing went wrong */
  char msg[1024];  /* what went wrong, without program name or newline */
} nn_err;

/* Record STATUS and a printf-style message in ERR (which may be NULL);
 * return STATUS. */
int nn_err_set(nn_err *err, int status, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));

/* As nn_err_set, with "FILE:LINE: " before the message (no line if LINE <= 0). */
int nn_err_at(nn_err *err, int status, const char *file, long line,
              const char *fmt, ...)
  __attribute__((format(printf, 5, 6)));

/* Clear ERR to NN_OK and an empty message. */
void nn_err_clear(nn_err *err);

#endif
