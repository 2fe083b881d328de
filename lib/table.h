/* table.h -- reading and writing CSV/TSV tables (nn-table(5)).
 *
 * A table is a header line of column names, then one record per row.  Lines
 * that start with '#' are comments and blank lines are skipped.  The field
 * separator is a tab if the header line has one, else a comma, unless the
 * caller forces it.  Fields follow RFC 4180: a field that starts with a
 * double quote runs to the matching quote, with "" standing for one quote,
 * and may hold separators and line breaks; CRLF and LF both end a record; a
 * UTF-8 byte-order mark before the header is ignored.
 *
 * The reader streams: it holds one record (and a read buffer) at a time.
 */
#ifndef NN_TABLE_H
#define NN_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

typedef struct nn_table nn_table;  /* a table open for reading */

/* Open PATH ("-" or NULL: standard input) and read its header.  DELIM is 0
 * to detect the separator from the header, or ',' or '\t' to force it.
 * Returns NULL and fills ERR when the file cannot be read or has no header. */
nn_table *nn_table_open(const char *path, int delim, nn_err *err);

/* As nn_table_open, on an open file descriptor (not closed by
 * nn_table_close); NAME is used in messages. */
nn_table *nn_table_open_fd(int fd, const char *name, int delim, nn_err *err);

void nn_table_close(nn_table *t);

/* Read the next record.  Returns 1 when there is one, 0 at the end of the
 * table, -1 on an error (an unclosed quote, a ragged row, a read error). */
int nn_table_next(nn_table *t, nn_err *err);

size_t nn_table_ncols(const nn_table *t);
const char *nn_table_colname(const nn_table *t, size_t j);
int nn_table_delim(const nn_table *t);    /* ',' or '\t' */
const char *nn_table_file(const nn_table *t);  /* name used in messages */
long nn_table_line(const nn_table *t);    /* line where the record starts */

/* Let records have any number of fields (for files that are not tables,
 * such as nn-model(5)); nn_table_nfields tells how many this one has. */
void nn_table_allow_ragged(nn_table *t);
size_t nn_table_nfields(const nn_table *t);

/* Field J (0-based) of the current record, unquoted and NUL-terminated;
 * valid until the next nn_table_next. */
const char *nn_table_field(const nn_table *t, size_t j);
size_t nn_table_field_len(const nn_table *t, size_t j);

/* The current record's bytes as they were in the file, line end included;
 * valid until the next nn_table_next. */
const char *nn_table_raw(const nn_table *t, size_t *len);

/* The bytes of the file up to the end of the header line, as they were:
 * a byte-order mark, comment and blank lines before the header, and the
 * header line with its line end (if it has one). */
const char *nn_table_header_raw(const nn_table *t, size_t *len);

/* Field J as a finite decimal number (number.h).  On failure ERR names the
 * file, line and column. */
int nn_table_number(const nn_table *t, size_t j, double *x, nn_err *err);

/* Find the column SPEC: a header name, or else a 1-based index. */
int nn_table_column(const nn_table *t, const char *spec, size_t *j, nn_err *err);

/* Find each column of the comma-separated LIST (a comma inside brackets
 * does not separate: "W1[1,1],b1[1]" is two columns); *IDX (free it) gets
 * *N 0-based indices. */
int nn_table_columns(const nn_table *t, const char *list, size_t **idx,
                     size_t *n, nn_err *err);

/* NN_OK when B has the same column names as A; else NN_EDATA with ERR set. */
int nn_table_same_columns(const nn_table *a, const nn_table *b, nn_err *err);

/* A table being written: tab- or comma-separated, quoted where needed so
 * that nn_table_open reads back the same fields. */
typedef struct nn_writer {
  FILE *fp;       /* destination */
  int delim;      /* '\t' or ',' */
  size_t nfields; /* fields written in the current row */
  int nonempty;   /* some byte of the current row has been written */
  size_t rows;    /* rows ended so far */
  int one_column; /* the first row (the header) had one field, or is unfinished */
} nn_writer;

void nn_writer_init(nn_writer *w, FILE *fp, int delim);
void nn_writer_string(nn_writer *w, const char *s);
void nn_writer_number(nn_writer *w, double x);  /* shortest round-trip text */
void nn_writer_end(nn_writer *w);               /* end the row */

/* A row of two text fields, A and B: a header ("quantity", "value") or a
 * quantity whose value is text ("verdict", "saddle-point"). */
void nn_writer_pair(nn_writer *w, const char *a, const char *b);

/* A row of a 'quantity value' table: NAME, then VALUE as a number. */
void nn_writer_quantity(nn_writer *w, const char *name, double value);

#endif
