/* outfile.c -- output files that appear whole or not at all. */
#include <config.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

static nn_outfile *pending;  /* opened, not yet committed or aborted */

static void unlist(nn_outfile *o)
{
  for (nn_outfile **p = &pending; *p; p = &(*p)->next)
    if (*p == o) {
      *p = o->next;
      break;
    }
  o->next = NULL;
}

/* PATH exists and is not a regular file (nor a directory, whose error
 * the temporary file will report). */
static int not_regular(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

int nn_outfile_open(nn_outfile *o, const char *path, nn_err *err)
{
  memset(o, 0, sizeof *o);
  if (path == NULL || strcmp(path, "-") == 0) {
    o->fp = tmpfile();
    o->spool = o->fp != NULL;
    if (o->fp == NULL)  /* no spool space: stream directly instead */
      o->fp = stdout;
  } else if (not_regular(path)) {
    /* A device or a FIFO (/dev/null, a named pipe): it cannot be replaced
     * by a rename, and its readers see the bytes as they come anyway. */
    o->fp = fopen(path, "w");
    if (o->fp == NULL)
      return nn_err_at(err, NN_EIO, path, 0, "%s", strerror(errno));
  } else {
    size_t n = strlen(path);
    o->path = malloc(n + 1);
    o->tmp = malloc(n + 8);
    if (o->path == NULL || o->tmp == NULL) {
      free(o->path);
      free(o->tmp);
      return nn_err_set(err, NN_ENOMEM, "out of memory");
    }
    memcpy(o->path, path, n + 1);
    memcpy(o->tmp, path, n);
    memcpy(o->tmp + n, ".XXXXXX", 8);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
      int e = errno;
      free(o->path);
      free(o->tmp);
      return nn_err_at(err, NN_EIO, path, 0, "cannot create: %s", strerror(e));
    }
    mode_t mask = umask(0);  /* mkstemp made it 0600; give the usual mode */
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->fp = fdopen(fd, "w");
    if (o->fp == NULL) {
      int e = errno;
      close(fd);
      unlink(o->tmp);
      free(o->path);
      free(o->tmp);
      return nn_err_at(err, NN_EIO, path, 0, "%s", strerror(e));
    }
  }
  o->next = pending;
  pending = o;
  return NN_OK;
}

/* Copy the spool to standard output. */
static int copy_spool(FILE *spool)
{
  char buf[1 << 16];
  size_t n;
  errno = 0;
  if (fflush(spool) != 0 || fseek(spool, 0, SEEK_SET) != 0)
    return -1;
  while ((n = fread(buf, 1, sizeof buf, spool)) > 0)
    if (fwrite(buf, 1, n, stdout) != n)
      return -1;
  return ferror(spool) || fflush(stdout) != 0 ? -1 : 0;
}

/* Close O's file, written out and synced (E: the errno value of an
 * error so far, or 0), and rename it into place; on error remove it. */
static int place(nn_outfile *o, int e, nn_err *err)
{
  unlist(o);
  if (fclose(o->fp) != 0 && e == 0)
    e = errno;
  o->fp = NULL;
  if (e == 0 && rename(o->tmp, o->path) != 0)
    e = errno;
  if (e != 0) {
    unlink(o->tmp);
    nn_err_at(err, NN_EIO, o->path, 0, "write error: %s", strerror(e));
  }
  free(o->path);
  free(o->tmp);
  o->path = o->tmp = NULL;
  return e ? NN_EIO : NN_OK;
}

int nn_outfile_commit(nn_outfile *o, nn_err *err)
{
  int e = 0;  /* errno of the first failure */
  unlist(o);
  if (o->path == NULL && o->fp != stdout && o->tmp == NULL && !o->spool) {
    /* written directly to a device or FIFO */
    if (ferror(o->fp))
      e = EIO;
    if (fclose(o->fp) != 0 && e == 0)
      e = errno;
    o->fp = NULL;
    return e ? nn_err_set(err, NN_EIO, "write error: %s", strerror(e)) : NN_OK;
  }
  if (o->path == NULL) {
    if (o->fp != stdout) {
      if (copy_spool(o->fp) != 0)
        e = errno ? errno : EIO;
      fclose(o->fp);
    } else if (fflush(stdout) != 0) {
      e = errno;
    }
    o->fp = NULL;
    if (e == 0 && ferror(stdout))
      e = EIO;
    return e ? nn_err_set(err, NN_EIO, "write error: %s", strerror(e)) : NN_OK;
  }
  if (ferror(o->fp))
    e = EIO;
  if (fflush(o->fp) != 0 && e == 0)
    e = errno;
#ifdef HAVE_FSYNC
  if (fsync(fileno(o->fp)) != 0 && e == 0)
    e = errno;
#endif
  return place(o, e, err);
}

/* The first step of nn_outfile_commit_all: O's file is written out and
 * synced, and its target is not a directory. */
static int ready(nn_outfile *o, nn_err *err)
{
  struct stat st;
  if (o->path == NULL)
    return NN_OK;
  errno = 0;
  int bad = fflush(o->fp) != 0 || ferror(o->fp);
#ifdef HAVE_FSYNC
  bad = bad || fsync(fileno(o->fp)) != 0;
#endif
  if (!bad && stat(o->path, &st) == 0 && S_ISDIR(st.st_mode)) {
    bad = 1;
    errno = EISDIR;
  }
  if (bad)
    return nn_err_at(err, NN_EIO, o->path, 0, "write error: %s",
                     strerror(errno ? errno : EIO));
  return NN_OK;
}

int nn_outfile_commit_all(nn_outfile *const *o, size_t n, nn_err *err)
{
  int status = NN_OK;
  size_t i = 0;
  for (size_t j = 0; j < n && status == NN_OK; j++)
    status = ready(o[j], err);
  for (; i < n && status == NN_OK; i++)  /* files: ready() flushed and synced */
    status = o[i]->path ? place(o[i], 0, err) : nn_outfile_commit(o[i], err);
  for (; i < n; i++)
    if (o[i]->fp != NULL)
      nn_outfile_abort(o[i]);
  return status;
}

void nn_outfile_abort(nn_outfile *o)
{
  unlist(o);
  if (o->fp != NULL && o->fp != stdout)
    fclose(o->fp);
  if (o->tmp != NULL)
    unlink(o->tmp);
  free(o->path);
  free(o->tmp);
  memset(o, 0, sizeof *o);
}

void nn_outfile_cleanup(void)
{
  while (pending != NULL)
    nn_outfile_abort(pending);
}
