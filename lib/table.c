/* table.c -- reading and writing CSV/TSV tables (nn-table(5)).
 *
 * Quoting follows RFC 4180, "Common Format and MIME Type for CSV Files".
 * The reader keeps raw bytes in one buffer and copies each record's fields,
 * unquoted and NUL-terminated, into a second one.  A record is always whole
 * inside the raw buffer: when the buffer ends inside one, the record is
 * parsed again after the buffer is refilled (or grown), so no parser state
 * lives across reads.
 */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "number.h"
#include "table.h"

#define READ_SIZE (1u << 20)  /* bytes asked of read(2) at a time */
/* The store keeps this many bytes after a record's fields, the last 7 of
 * them zero, so that find_delim and nn_number_parse_padded may read 8 bytes
 * at a time. */
#define STORE_PAD 8

enum { REC_ERROR = -1, REC_EOF = 0, REC_OK = 1, REC_MORE = 2, REC_QUOTED = 3 };

/* Branch hint for the per-field loop: the rare cases stay out of line. */
#if defined __GNUC__
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define UNLIKELY(x) (x)
#endif

struct nn_table {
  int fd;              /* descriptor read from */
  int own_fd;          /* nn_table_close closes fd */
  char *file;          /* name used in messages */
  int delim;           /* ',' or '\t'; 0 until the header is seen */
  char *buf;           /* raw bytes; buf[start, end) not yet consumed */
  size_t cap;          /* size of buf */
  size_t start, end;   /* unconsumed bytes */
  int eof;             /* the descriptor has no more bytes */
  long line;           /* physical line number of buf[start] */
  long rec_line;       /* line where the current record starts */
  size_t rec_start;    /* current record's raw bytes: buf[rec_start, start) */
  char *store;         /* fields of the current record, each NUL-terminated */
  size_t store_cap;    /* size of store: cap + STORE_PAD */
  size_t *off;         /* off[j]: field j's offset in store */
  size_t *len;         /* len[j]: field j's length */
  size_t nfields;      /* fields in the current record */
  size_t fields_cap;   /* size of off and len */
  size_t ncols;        /* columns in the header */
  char **names;        /* the header's column names */
  int ragged;          /* records may have any number of fields */
  char *head;          /* the bytes before the first record (BOM, comments,
                          blank lines, header line), for nn_table_header_raw */
  size_t head_len;     /* length of head */
};

static int grow_fields(nn_table *t, nn_err *err)
{
  size_t n = t->fields_cap ? 2 * t->fields_cap : 64;
  size_t *off = realloc(t->off, n * sizeof *off);
  if (off == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  t->off = off;
  size_t *len = realloc(t->len, n * sizeof *len);
  if (len == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  t->len = len;
  t->fields_cap = n;
  return NN_OK;
}

/* Make room and read more bytes.  Keeps buf[start, end), and until the
 * header has been read (names is NULL) all of buf[0, end). */
static int refill(nn_table *t, nn_err *err)
{
  if (t->start > 0 && t->names != NULL) {
    memmove(t->buf, t->buf + t->start, t->end - t->start);
    t->end -= t->start;
    t->start = 0;
  }
  if (t->end == t->cap) {  /* one record fills the buffer: grow it */
    size_t cap = 2 * t->cap;
    char *buf = realloc(t->buf, cap);
    if (buf == NULL)
      return nn_err_set(err, NN_ENOMEM, "out of memory");
    char *store = realloc(t->store, cap + STORE_PAD);
    if (store == NULL) {
      t->buf = buf;
      return nn_err_set(err, NN_ENOMEM, "out of memory");
    }
    t->buf = buf;
    t->store = store;
    t->cap = cap;
    t->store_cap = cap + STORE_PAD;
  }
  size_t want = t->cap - t->end;
  if (want > READ_SIZE)
    want = READ_SIZE;
  for (;;) {
    ssize_t n = read(t->fd, t->buf + t->end, want);
    if (n > 0) {
      t->end += (size_t) n;
      return NN_OK;
    }
    if (n == 0) {
      t->eof = 1;
      return NN_OK;
    }
    if (errno != EINTR)
      return nn_err_at(err, NN_EIO, t->file, 0, "read error: %s",
                       strerror(errno));
  }
}

/* Skip comment and blank lines before a record.  REC_OK with buf[start] at
 * the record, REC_EOF, or REC_MORE when a line is not whole in the buffer. */
static int skip_ignored(nn_table *t)
{
  for (;;) {
    const char *p = t->buf + t->start, *e = t->buf + t->end;
    if (p == e)
      return t->eof ? REC_EOF : REC_MORE;
    if (*p == '#') {
      const char *nl = memchr(p, '\n', (size_t) (e - p));
      if (nl == NULL) {
        if (!t->eof)
          return REC_MORE;
        t->start = t->end;  /* a comment ends the file */
        return REC_EOF;
      }
      t->start = (size_t) (nl + 1 - t->buf);
      t->line++;
    } else if (*p == '\n') {
      t->start++;
      t->line++;
    } else if (*p == '\r' && (p + 1 < e || !t->eof)) {
      if (p + 1 == e)
        return REC_MORE;
      if (p[1] != '\n')
        return REC_OK;
      t->start += 2;
      t->line++;
    } else {
      return REC_OK;
    }
  }
}

#if defined __GNUC__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The first byte equal to C at or after P, where one is sure to come, found
 * 8 bytes at a time ("SWAR": H. S. Warren, "Hacker's Delight", 2nd ed.,
 * §6-1, "Find First 0-Byte").  May read up to 7 bytes past that byte.  A
 * short field takes one turn, so the loop exit is well predicted. */
static char *find_delim(char *p, char c)
{
  const uint64_t ones = 0x0101010101010101u, low7 = 0x7f7f7f7f7f7f7f7fu;
  for (;; p += 8) {
    uint64_t x;
    memcpy(&x, p, 8);
    x ^= ones * (unsigned char) c;            /* bytes equal to C become 0 */
    uint64_t zero = ~(((x & low7) + low7) | x | low7);  /* their high bits */
    if (zero != 0)
      return p + __builtin_ctzll(zero) / 8;   /* the first, little-endian */
  }
}
#else
static char *find_delim(char *p, char c)
{
  while (*p != c)
    p++;
  return p;
}
#endif

/* The fast path of parse_record, for the common record: one line, no field
 * starting with a quote.  It copies the line into the store in one go and
 * turns each separator into the NUL that ends a field, which gives the same
 * fields as the general loop below.  REC_QUOTED: some field is quoted, use
 * the general loop. */
static int parse_unquoted(nn_table *t, nn_err *err)
{
  const char *p = t->buf + t->start, *e = t->buf + t->end;
  const char *nl = memchr(p, '\n', (size_t) (e - p));
  if (nl == NULL && !t->eof)
    return REC_MORE;
  size_t n = (size_t) ((nl ? nl : e) - p);
  if (nl != NULL && n > 0 && nl[-1] == '\r')
    n--;  /* CRLF */
  const char delim = (char) t->delim;
  char *store = t->store, *q = store, *last = store + n;
  memcpy(q, p, n);
  *last = delim;  /* a sentinel: the scan below needs no bounds check */
  memset(last + 1, 0, STORE_PAD - 1);
  size_t nf = 0;
  for (;;) {      /* one field per turn */
    if (UNLIKELY(*q == '"'))
      return REC_QUOTED;
    if (UNLIKELY(nf == t->fields_cap) && grow_fields(t, err) != NN_OK)
      return REC_ERROR;
    char *c = find_delim(q, delim);
    *c = '\0';
    t->off[nf] = (size_t) (q - store);
    t->len[nf] = (size_t) (c - q);
    nf++;
    if (c == last)
      break;
    q = c + 1;
  }
  t->nfields = nf;
  t->rec_line = t->line;
  t->rec_start = t->start;
  if (nl != NULL) {
    t->line++;
    t->start = (size_t) (nl + 1 - t->buf);
  } else {
    t->start = t->end;  /* the last record has no line end */
  }
  return REC_OK;
}

/* Parse the record at buf[start] into the field store. */
static int parse_record(nn_table *t, nn_err *err)
{
  int r = skip_ignored(t);
  if (r != REC_OK)
    return r;
  const char *p = t->buf + t->start, *e = t->buf + t->end;
  if (t->delim == 0) {  /* the header line decides */
    const char *nl = memchr(p, '\n', (size_t) (e - p));
    if (nl == NULL && !t->eof)
      return REC_MORE;
    t->delim = memchr(p, '\t', (size_t) ((nl ? nl : e) - p)) ? '\t' : ',';
  }
  const char delim = (char) t->delim;
  int r_fast = parse_unquoted(t, err);
  if (r_fast != REC_QUOTED)
    return r_fast;
  char *q = t->store;
  long lines = 0;  /* line breaks inside quoted fields */
  size_t nf = 0;
  for (;;) {       /* one field per turn */
    if (nf == t->fields_cap && grow_fields(t, err) != NN_OK)
      return REC_ERROR;
    t->off[nf] = (size_t) (q - t->store);
    if (p < e && *p == '"') {
      long quote_line = t->line + lines;
      p++;
      for (;;) {
        const char *quote = memchr(p, '"', (size_t) (e - p));
        const char *stop = quote ? quote : e;
        for (const char *c = p; c < stop; c++)
          lines += *c == '\n';
        memcpy(q, p, (size_t) (stop - p));
        q += stop - p;
        p = stop;
        if (quote == NULL || quote + 1 == e) {
          if (!t->eof)
            return REC_MORE;
          if (quote == NULL) {
            nn_err_at(err, NN_EDATA, t->file, quote_line,
                      "quoted field is not closed before the end of the file");
            return REC_ERROR;
          }
          p = e;  /* closing quote at the very end */
          break;
        }
        if (quote[1] == '"') {  /* "" stands for one quote */
          *q++ = '"';
          p = quote + 2;
          continue;
        }
        p = quote + 1;
        break;
      }
      if (p + 1 == e && *p == '\r') {  /* CR as the file's last byte */
        if (!t->eof)
          return REC_MORE;
        p++;
      } else if (p < e && *p == '\r' && p[1] == '\n') {
        p++;
      }
      if (p < e && *p != delim && *p != '\n') {
        if (isprint((unsigned char) *p))
          nn_err_at(err, NN_EDATA, t->file, t->line + lines,
                    "unexpected '%c' after a closing quote", *p);
        else
          nn_err_at(err, NN_EDATA, t->file, t->line + lines,
                    "unexpected byte 0x%02x after a closing quote",
                    (unsigned char) *p);
        return REC_ERROR;
      }
    } else {
      const char *c = p;
      while (c < e && *c != delim && *c != '\n')
        c++;
      if (c == e && !t->eof)
        return REC_MORE;
      const char *stop = c;
      if (c < e && *c == '\n' && c > p && c[-1] == '\r')
        stop--;  /* CRLF */
      memcpy(q, p, (size_t) (stop - p));
      q += stop - p;
      p = c;
    }
    t->len[nf] = (size_t) (q - t->store) - t->off[nf];
    *q++ = '\0';
    nf++;
    if (p == e)
      break;
    if (*p++ == '\n') {
      lines++;
      break;
    }
  }
  memset(q, 0, STORE_PAD - 1);
  t->nfields = nf;
  t->rec_line = t->line;
  t->rec_start = t->start;
  t->line += lines;
  t->start = (size_t) (p - t->buf);
  return REC_OK;
}

/* Parse one record, reading more input as often as it takes. */
static int read_record(nn_table *t, nn_err *err)
{
  for (;;) {
    int r = parse_record(t, err);
    if (r != REC_MORE)
      return r;
    if (refill(t, err) != NN_OK)
      return REC_ERROR;
  }
}

static char *xstrdup(const char *s)
{
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  return d ? memcpy(d, s, n) : NULL;
}

nn_table *nn_table_open_fd(int fd, const char *name, int delim, nn_err *err)
{
  if (delim != 0 && delim != ',' && delim != '\t') {
    nn_err_set(err, NN_EINVAL, "separator must be ',' or tab");
    return NULL;
  }
  nn_table *t = calloc(1, sizeof *t);
  if (t == NULL) {
    nn_err_set(err, NN_ENOMEM, "out of memory");
    return NULL;
  }
  t->fd = fd;
  t->delim = delim;
  t->line = 1;
  t->cap = READ_SIZE;
  t->store_cap = t->cap + STORE_PAD;
  t->file = xstrdup(name);
  t->buf = malloc(t->cap);
  t->store = malloc(t->store_cap);
  if (t->file == NULL || t->buf == NULL || t->store == NULL) {
    nn_err_set(err, NN_ENOMEM, "out of memory");
    goto fail;
  }
  if (refill(t, err) != NN_OK)
    goto fail;
  while (t->end - t->start < 3 && !t->eof)
    if (refill(t, err) != NN_OK)
      goto fail;
  if (t->end >= 3 && memcmp(t->buf, "\xEF\xBB\xBF", 3) == 0)
    t->start = 3;  /* UTF-8 byte-order mark */
  int r = read_record(t, err);
  if (r == REC_ERROR)
    goto fail;
  if (r == REC_EOF) {
    nn_err_at(err, NN_EDATA, t->file, 0, "no header line: the table is empty");
    goto fail;
  }
  t->head_len = t->start;
  if ((t->head = malloc(t->head_len + 1)) == NULL) {
    nn_err_set(err, NN_ENOMEM, "out of memory");
    goto fail;
  }
  memcpy(t->head, t->buf, t->head_len);
  t->ncols = t->nfields;
  t->names = calloc(t->ncols, sizeof *t->names);
  if (t->names == NULL) {
    nn_err_set(err, NN_ENOMEM, "out of memory");
    goto fail;
  }
  for (size_t j = 0; j < t->ncols; j++)
    if ((t->names[j] = xstrdup(t->store + t->off[j])) == NULL) {
      nn_err_set(err, NN_ENOMEM, "out of memory");
      goto fail;
    }
  return t;
fail:
  t->own_fd = 0;  /* the caller still owns FD */
  nn_table_close(t);
  return NULL;
}

nn_table *nn_table_open(const char *path, int delim, nn_err *err)
{
  if (path == NULL || strcmp(path, "-") == 0)
    return nn_table_open_fd(STDIN_FILENO, "(standard input)", delim, err);
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    nn_err_at(err, NN_EIO, path, 0, "%s", strerror(errno));
    return NULL;
  }
  nn_table *t = nn_table_open_fd(fd, path, delim, err);
  if (t == NULL) {
    close(fd);
    return NULL;
  }
  t->own_fd = 1;
  return t;
}

void nn_table_close(nn_table *t)
{
  if (t == NULL)
    return;
  if (t->own_fd)
    close(t->fd);
  if (t->names != NULL)
    for (size_t j = 0; j < t->ncols; j++)
      free(t->names[j]);
  free(t->names);
  free(t->file);
  free(t->buf);
  free(t->store);
  free(t->head);
  free(t->off);
  free(t->len);
  free(t);
}

int nn_table_next(nn_table *t, nn_err *err)
{
  int r = read_record(t, err);
  if (r != REC_OK)
    return r == REC_EOF ? 0 : -1;
  if (t->nfields != t->ncols && !t->ragged) {
    nn_err_at(err, NN_EDATA, t->file, t->rec_line,
              "%zu field%s where the header has %zu", t->nfields,
              t->nfields == 1 ? "" : "s", t->ncols);
    return -1;
  }
  return 1;
}

size_t nn_table_ncols(const nn_table *t) { return t->ncols; }
size_t nn_table_nfields(const nn_table *t) { return t->nfields; }
void nn_table_allow_ragged(nn_table *t) { t->ragged = 1; }
const char *nn_table_colname(const nn_table *t, size_t j) { return t->names[j]; }
int nn_table_delim(const nn_table *t) { return t->delim; }
const char *nn_table_file(const nn_table *t) { return t->file; }
long nn_table_line(const nn_table *t) { return t->rec_line; }

const char *nn_table_field(const nn_table *t, size_t j)
{
  return t->store + t->off[j];
}

size_t nn_table_field_len(const nn_table *t, size_t j) { return t->len[j]; }

const char *nn_table_header_raw(const nn_table *t, size_t *len)
{
  *len = t->head_len;
  return t->head;
}

const char *nn_table_raw(const nn_table *t, size_t *len)
{
  *len = t->start - t->rec_start;
  return t->buf + t->rec_start;
}

/* How messages name column J: by its header name, or by number if unnamed. */
static void column_label(const nn_table *t, size_t j, char *buf, size_t size)
{
  if (t->names[j][0] != '\0')
    snprintf(buf, size, "column '%s'", t->names[j]);
  else
    snprintf(buf, size, "column %zu", j + 1);
}

int nn_table_number(const nn_table *t, size_t j, double *x, nn_err *err)
{
  const char *s = nn_table_field(t, j);
  size_t n = nn_table_field_len(t, j);
  int r = nn_number_parse_padded(s, n, x);  /* the store is padded */
  if (r == NN_NUMBER_OK)
    return NN_OK;
  char col[160];
  column_label(t, j, col, sizeof col);
  if (n == 0)
    return nn_err_at(err, NN_EDATA, t->file, t->rec_line,
                     "%s: empty field where a number is required", col);
  int shown = n > 40 ? 40 : (int) n;
  return nn_err_at(err, NN_EDATA, t->file, t->rec_line, "%s: '%.*s%s' %s", col,
                   shown, s, n > 40 ? "..." : "",
                   r == NN_NUMBER_RANGE ? "is out of range"
                                        : "is not a number");
}

int nn_table_column(const nn_table *t, const char *spec, size_t *j, nn_err *err)
{
  size_t found = 0, first = 0;
  for (size_t k = 0; k < t->ncols; k++)
    if (strcmp(t->names[k], spec) == 0) {
      if (found++ == 0)
        first = k;
      else
        return nn_err_at(err, NN_EDATA, t->file, 0,
                         "column name '%s' is ambiguous (columns %zu and %zu)",
                         spec, first + 1, k + 1);
    }
  if (found) {
    *j = first;
    return NN_OK;
  }
  if (spec[0] != '\0' && strspn(spec, "0123456789") == strlen(spec)) {
    char *end;
    errno = 0;
    unsigned long long k = strtoull(spec, &end, 10);
    if (errno == 0 && k >= 1 && k <= t->ncols) {
      *j = (size_t) (k - 1);
      return NN_OK;
    }
    return nn_err_at(err, NN_EDATA, t->file, 0,
                     "no column %s: the table has %zu column%s", spec,
                     t->ncols, t->ncols == 1 ? "" : "s");
  }
  return nn_err_at(err, NN_EDATA, t->file, 0, "no column named '%s'", spec);
}

int nn_table_columns(const nn_table *t, const char *list, size_t **idx,
                     size_t *n, nn_err *err)
{
  size_t count = 1;
  for (const char *c = list; *c; c++)
    count += *c == ',';
  size_t *v = malloc(count * sizeof *v);
  char *copy = xstrdup(list);
  if (v == NULL || copy == NULL) {
    free(v);
    free(copy);
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  }
  size_t k = 0;
  int status = NN_OK;
  for (char *item = copy, *comma; status == NN_OK && item; item = comma) {
    /* the next comma outside brackets: W1[1,2] is one parameter's name */
    int depth = 0;
    for (comma = item; *comma && (*comma != ',' || depth > 0); comma++)
      depth += (*comma == '[') - (*comma == ']' && depth > 0);
    if (*comma)
      *comma++ = '\0';
    else
      comma = NULL;
    if (*item == '\0')
      status = nn_err_set(err, NN_EINVAL, "empty column name in list '%s'",
                          list);
    else
      status = nn_table_column(t, item, &v[k++], err);
  }
  free(copy);
  if (status != NN_OK) {
    free(v);
    return status;
  }
  *idx = v;
  *n = k;
  return NN_OK;
}

int nn_table_same_columns(const nn_table *a, const nn_table *b, nn_err *err)
{
  int same = a->ncols == b->ncols;
  for (size_t j = 0; same && j < a->ncols; j++)
    same = strcmp(a->names[j], b->names[j]) == 0;
  if (same)
    return NN_OK;
  return nn_err_at(err, NN_EDATA, b->file, b->rec_line,
                   "columns differ from those of %s", a->file);
}

void nn_writer_init(nn_writer *w, FILE *fp, int delim)
{
  w->fp = fp;
  w->delim = delim;
  w->nfields = 0;
  w->nonempty = 0;
  w->rows = 0;
  w->one_column = 1;
}

static void begin_field(nn_writer *w)
{
  if (w->nfields++ > 0) {
    putc_unlocked(w->delim, w->fp);
    w->nonempty = 1;
  }
}

void nn_writer_string(nn_writer *w, const char *s)
{
  begin_field(w);
  /* Quote what the reader would otherwise split or skip: separators, line
   * breaks, a leading quote, and a '#' that would start a comment line.  In
   * TSV a comma in a row's first field is quoted too while the table may
   * have one column: a header without a tab makes the reader take the
   * table for CSV. */
  int first = w->nfields == 1;
  int comma_splits = first && w->one_column;
  int quote = s[0] == '"' || (first && s[0] == '#');
  for (const char *c = s; !quote && *c; c++)
    quote = *c == w->delim || *c == '\n' || *c == '\r' ||
            (w->delim == ',' ? *c == '"' : comma_splits && *c == ',');
  if (!quote) {
    fputs(s, w->fp);
  } else {
    putc_unlocked('"', w->fp);
    for (const char *c = s; *c; c++) {
      if (*c == '"')
        putc_unlocked('"', w->fp);
      putc_unlocked(*c, w->fp);
    }
    putc_unlocked('"', w->fp);
  }
  if (*s || quote)
    w->nonempty = 1;
}

void nn_writer_number(nn_writer *w, double x)
{
  char buf[NN_NUMBER_BUFSIZE];
  begin_field(w);
  nn_number_format(buf, x);
  fputs(buf, w->fp);
  w->nonempty = 1;
}

void nn_writer_end(nn_writer *w)
{
  if (!w->nonempty)  /* a row of one empty field must not read as blank */
    fputs("\"\"", w->fp);
  putc_unlocked('\n', w->fp);
  if (w->rows++ == 0)
    w->one_column = w->nfields == 1;
  w->nfields = 0;
  w->nonempty = 0;
}

void nn_writer_pair(nn_writer *w, const char *a, const char *b)
{
  nn_writer_string(w, a);
  nn_writer_string(w, b);
  nn_writer_end(w);
}

void nn_writer_quantity(nn_writer *w, const char *name, double value)
{
  nn_writer_string(w, name);
  nn_writer_number(w, value);
  nn_writer_end(w);
}
