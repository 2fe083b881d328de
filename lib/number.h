/* number.h -- strict decimal numbers in, shortest round-trip numbers out. */
#ifndef NN_NUMBER_H
#define NN_NUMBER_H

#include <stddef.h>

enum nn_number_status {
  NN_NUMBER_OK = 0,     /* a finite number */
  NN_NUMBER_SYNTAX = 1, /* not a decimal number (empty, "1.5x", "nan", "inf", "0x1p3") */
  NN_NUMBER_RANGE = 2   /* magnitude too large for a double */
};

/* Parse the LEN bytes at S, which must be followed by a NUL byte, as a
 * decimal number: [+-] digits [. digits] [(e|E) [+-] digits], with digits
 * on at least one side of the point.  No spaces, no hexadecimal, no "nan"
 * or "inf".  The result is the correctly rounded double (bit-identical to
 * strtod).  Returns an nn_number_status. */
int nn_number_parse(const char *s, size_t len, double *x);

/* As nn_number_parse, faster on short numbers, for a caller whose text is
 * followed by a NUL and 7 more bytes that can be read (the table reader's
 * fields are). */
int nn_number_parse_padded(const char *s, size_t len, double *x);

/* Longest text nn_number_format writes, with its NUL. */
#define NN_NUMBER_BUFSIZE 32

/* Write X into BUF as the shortest "%.*g" text (15, 16 or 17 digits) that
 * reads back as exactly X; "nan", "inf", "-inf" for non-finite values.
 * Returns the length. */
int nn_number_format(char buf[NN_NUMBER_BUFSIZE], double x);

#endif
