/* outfile.h -- output files that appear whole or not at all.
 *
 * A named file is written to a temporary file in the same directory and
 * renamed over the target only when nn_outfile_commit succeeds, so a failed
 * run never leaves a partial file nor overwrites a good one.  Standard
 * output ("-" or NULL) is spooled to an anonymous temporary file and copied
 * out on commit, so a run that fails half-way prints no partial table.
 * A path that is a device or a FIFO (/dev/null, a named pipe) is written
 * directly: it cannot be replaced by a rename.
 */
#ifndef NN_OUTFILE_H
#define NN_OUTFILE_H

#include <stdio.h>

#include "error.h"

typedef struct nn_outfile {
  FILE *fp;                /* write the output here */
  char *path;              /* final name; NULL for standard output */
  char *tmp;               /* temporary file beside path, NULL for stdout */
  int spool;               /* fp spools standard output */
  struct nn_outfile *next; /* list of uncommitted outputs (for cleanup) */
} nn_outfile;

/* Start writing PATH ("-" or NULL: standard output). */
int nn_outfile_open(nn_outfile *o, const char *path, nn_err *err);

/* Finish: check every write, then rename into place (or copy the spool to
 * standard output).  On failure nothing is left behind. */
int nn_outfile_commit(nn_outfile *o, nn_err *err);

/* Commit the N outputs O[0..n-1] together, whole or not at all: first
 * every named file is flushed and synced, and its target checked not to be
 * a directory; only when all are ready is each committed (renamed into
 * place, standard output copied out) in turn.  A rename in the same
 * directory then fails in practice only on a directory, which is checked
 * before the first.  On failure ("PATH: write error: ...") the outputs not
 * yet committed are aborted. */
int nn_outfile_commit_all(nn_outfile *const *o, size_t n, nn_err *err);

/* Give up: close and remove the temporary file. */
void nn_outfile_abort(nn_outfile *o);

/* Remove the temporary files of every output not yet committed (called at
 * exit by the tools). */
void nn_outfile_cleanup(void);

#endif
