/* error.c -- status codes and error messages returned by libnn. */
#include <config.h>
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

static int err_vset(nn_err *err, int status, const char *file, long line,
                    const char *fmt, va_list ap)
{
  if (err == NULL)
    return status;
  int n = 0;
  if (file != NULL)
    n = line > 0 ? snprintf(err->msg, sizeof err->msg, "%s:%ld: ", file, line)
                 : snprintf(err->msg, sizeof err->msg, "%s: ", file);
  if (n < 0 || (size_t) n >= sizeof err->msg)
    n = 0;
  vsnprintf(err->msg + n, sizeof err->msg - n, fmt, ap);
  err->status = status;
  return status;
}

int nn_err_set(nn_err *err, int status, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  err_vset(err, status, NULL, 0, fmt, ap);
  va_end(ap);
  return status;
}

int nn_err_at(nn_err *err, int status, const char *file, long line,
              const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  err_vset(err, status, file, line, fmt, ap);
  va_end(ap);
  return status;
}

void nn_err_clear(nn_err *err)
{
  if (err != NULL) {
    err->status = NN_OK;
    err->msg[0] = '\0';
  }
}
