/* splitrun.h -- nn-split's runs: a table's rows held byte for byte, the
 * part outputs, and the two ways of splitting (nn-split(1)).
 *
 * lib/split.h computes the partitions from row counts and numbers; this
 * module reads the rows of a table, calls it and writes every part, with
 * the header repeated and the rows passed through byte for byte.  The
 * tool parses the options into an nn_splitrun_opts, opens the table and
 * calls nn_splitrun_memory or nn_splitrun_stream.  Like the rest of libnn
 * it never prints a message nor exits: errors come back in an nn_err.
 */
#ifndef NN_SPLITRUN_H
#define NN_SPLITRUN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "outfile.h"
#include "split.h"
#include "table.h"

/* What a split is asked for (nn-split's options). */
typedef struct nn_splitrun_opts {
  const char *input;     /* FILE, or "-" */
  const char *prefix;    /* -o PREFIX, or NULL for the default */
  unsigned long seed;    /* --seed */
  double ratio[3];       /* --ratio, or the default 0.8,0.2 */
  size_t count[3];       /* --count */
  size_t nparts;         /* parts named by --ratio or --count: 2 or 3 */
  int by_count;          /* --count given */
  size_t folds;          /* --folds K, or 0 for a hold-out split */
  const char *stratify;  /* --stratify COL, or NULL */
  const char *group;     /* --group COL, or NULL */
  int shuffle;           /* not --no-shuffle */
  int part;              /* --part: 0 train, 1 valid, 2 test; -1: none */
  size_t fold;           /* --fold I (1-based), or 0 */
  int label;             /* --label */
} nn_splitrun_opts;

/* The name of hold-out part I (0, 1, 2: "train", "valid", "test"). */
const char *nn_splitrun_part_name(size_t i);

/* The number of the hold-out part called NAME, or -1 if none is. */
int nn_splitrun_part_index(const char *name);

/* -- the rows ------------------------------------------------------------ */

/* A table's text: the preamble, then every row held once, each ending
 * with a line end. */
typedef struct nn_splitrun_rows {
  const char *head;   /* the bytes up to the end of the header line */
  size_t head_len;    /* their length */
  const char *eol;    /* the header's line end: "\n" or "\r\n" */
  int delim;          /* the table's separator */
  char *text;         /* the rows' bytes, one after the other */
  size_t len, cap;    /* bytes used and allocated in text */
  size_t *off;        /* off[i], off[i + 1]: row i in text */
  size_t n, ncap;     /* rows, and room in off (and key) */
  uint32_t *key;      /* key[i]: number of row i's class or group, or NULL */
} nn_splitrun_rows;

/* Start R, with no rows, for the table T (whose header R points into, so
 * T must stay open); KEYED: R numbers each row's key too.  NN_ENOMEM when
 * out of memory. */
int nn_splitrun_rows_init(nn_splitrun_rows *r, const nn_table *t, int keyed,
                          nn_err *err);

/* Free what R holds (R itself is the caller's). */
void nn_splitrun_rows_free(nn_splitrun_rows *r);

/* Append the current record of T, given R's line end if it has none (the
 * last line of a file).  NN_ENOMEM when out of memory. */
int nn_splitrun_rows_add(nn_splitrun_rows *r, const nn_table *t,
                         nn_err *err);

/* Read every row of T into R; with KEYS (R keyed), number each row's value
 * of column KEY.  INPUT_SIZE: the size of the input in bytes if known
 * (room is reserved for it at once, in huge pages where the system has
 * them), else 0.  NN_EDATA for a table without rows or with more than
 * NN_SPLIT_MAX_ROWS, the reader's error, NN_ENOMEM. */
int nn_splitrun_rows_read(nn_splitrun_rows *r, nn_table *t,
                          nn_split_keys *keys, size_t key,
                          size_t input_size, nn_err *err);

/* The length of the line end ("\n" or "\r\n") at the end of the LEN bytes
 * at S: 2, 1, or 0 for none. */
size_t nn_splitrun_eol_len(const char *s, size_t len);

/* Write the LEN bytes at S (a row, which ends with a line end) to FP, with
 * the field LABEL added after a DELIM if LABEL is not NULL. */
void nn_splitrun_put_row(FILE *fp, const char *s, size_t len, int delim,
                         const char *label);

/* -- the outputs --------------------------------------------------------- */

/* One output: a part file, or standard output. */
typedef struct nn_splitrun_output {
  nn_outfile o;    /* where it goes */
  char *buf;       /* its stdio buffer */
  uint32_t part;   /* the rows of this part ... */
  int invert;      /* ... or, when set, of every other part */
  int all;         /* every row (--label) */
} nn_splitrun_output;

/* The name of output file PREFIX-[foldF-]NAME.EXT (F > 0), EXT csv when
 * DELIM is ',', else tsv; free it.  NULL when out of memory. */
char *nn_splitrun_part_path(const char *prefix, size_t fold,
                            const char *name, int delim);

/* The default prefix for INPUT: its base name without .tsv, .csv or .txt
 * (any case), or "split" for standard input ("-"); free it.  NULL when out
 * of memory. */
char *nn_splitrun_default_prefix(const char *input);

/* Open the outputs OP asks for: standard output for --part and --label,
 * else the part files of NPARTS parts (K folds: two files each), named
 * for a table separated by DELIM.  *NOUT gets their number.  NULL on
 * failure (a file that cannot be created: NN_EIO, NN_ENOMEM), with
 * nothing left open. */
nn_splitrun_output *nn_splitrun_outputs_open(const nn_splitrun_opts *op,
                                             int delim, size_t nparts,
                                             size_t *nout, nn_err *err);

/* Make the NOUT outputs OUT appear, all or none (nn_outfile_commit_all),
 * and free them. */
int nn_splitrun_outputs_commit(nn_splitrun_output *out, size_t nout,
                               nn_err *err);

/* Give up the NOUT outputs OUT: nothing appears; free them. */
void nn_splitrun_outputs_free(nn_splitrun_output *out, size_t nout);

/* -- the runs ------------------------------------------------------------ */

/* SIZE[0..]: the sizes of the parts (or folds) OP asks for, for N rows of
 * the table FILE, plus one for the rows --count leaves out when it leaves
 * some (SIZE has room for max(folds, 4)); *K gets how many.  NN_EDATA
 * (FILE: ...) for more folds than rows or counts summing to more than N,
 * NN_ENOMEM. */
int nn_splitrun_part_sizes(const nn_splitrun_opts *op, const char *file,
                           size_t n, size_t *size, size_t *k, nn_err *err);

/* NN_EDATA (FILE: ...) when one of the first NPARTS parts (or folds) got
 * no rows: GOT[i] rows went to part i. */
int nn_splitrun_check_nonempty(const nn_splitrun_opts *op, const char *file,
                               const size_t *got, size_t nparts,
                               nn_err *err);

/* Split the table T as OP asks, holding every row in memory, and write the
 * parts; KEYED: column KEY is the --stratify or --group column.  Errors of
 * the data, of the reader and of the outputs; nothing is written then. */
int nn_splitrun_memory(const nn_splitrun_opts *op, nn_table *t, int keyed,
                       size_t key, nn_err *err);

/* Split the table T in one pass in constant memory (--stream): each row's
 * part comes from a hash of OP's seed and the row's fields (only column KEY
 * when HAVE_KEY).  As nn_splitrun_memory, nothing is written on error. */
int nn_splitrun_stream(const nn_splitrun_opts *op, nn_table *t,
                       int have_key, size_t key, nn_err *err);

#endif
