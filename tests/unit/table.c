/* tests/unit/table.c -- Check suite for lib/table.h: the CSV/TSV reader
 * (RFC 4180 quoting, comments, blank lines, CRLF, BOM, line numbers, raw
 * bytes, long records, pipes), column selection, every error message, and
 * the writer read back by the reader.
 *
 * Inputs are written to temporary files (mkstemp), opened, and unlinked at
 * once, so a failing test leaves nothing behind.  The csv-spectrum
 * conformance test is in csv_spectrum.c.
 */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "table.h"
#include "unit.h"

#define MiB (1024 * 1024)

/* -- helpers ---------------------------------------------------------------- */

/* The name of the last temporary file written; messages start with it. */
static char tmp_path[4096];

static void write_all(int fd, const char *bytes, size_t len)
{
  while (len > 0) {
    ssize_t n = write(fd, bytes, len);
    if (n < 0 && errno == EINTR)
      continue;
    ck_assert_msg(n > 0, "write: %s", strerror(errno));
    bytes += n;
    len -= (size_t) n;
  }
}

/* Write LEN bytes to a new temporary file named in tmp_path. */
static void write_temp(const char *bytes, size_t len)
{
  const char *dir = getenv("TMPDIR");
  snprintf(tmp_path, sizeof tmp_path, "%s/nnkit-unit.XXXXXX", dir && *dir ? dir : "/tmp");
  int fd = mkstemp(tmp_path);
  ck_assert_msg(fd >= 0, "mkstemp: %s", strerror(errno));
  write_all(fd, bytes, len);
  close(fd);
}

/* Write TEXT to a temporary file and open it as a table; the file is gone
 * again when this returns (the table keeps it open). */
static nn_table *open_bytes(const char *text, size_t len, int delim, nn_err *err)
{
  write_temp(text, len);
  nn_err_clear(err);
  nn_table *t = nn_table_open(tmp_path, delim, err);
  unlink(tmp_path);
  return t;
}

/* TEXT is a string literal, possibly with NUL bytes in it. */
#define OPEN(text, delim, err) open_bytes(text, sizeof text - 1, delim, err)

/* Open TEXT, and insist that it opens. */
static nn_table *open_ok(const char *text, size_t len, int delim)
{
  nn_err err;
  nn_table *t = open_bytes(text, len, delim, &err);
  ck_assert_msg(t != NULL, "nn_table_open failed: %s", err.msg);
  ck_assert_int_eq(err.status, NN_OK);
  return t;
}
#define OPEN_OK(text, delim) open_ok(text, sizeof text - 1, delim)

/* Assert that the header has exactly the names NAMES (NULL-terminated). */
static void expect_header(const nn_table *t, const char *const *names, int caller)
{
  size_t n = 0;
  while (names[n] != NULL)
    n++;
  ck_assert_msg(nn_table_ncols(t) == n, "line %d: %zu columns, expected %zu", caller,
                nn_table_ncols(t), n);
  for (size_t j = 0; j < n; j++)
    ck_assert_msg(strcmp(nn_table_colname(t, j), names[j]) == 0,
                  "line %d: column %zu is '%s', expected '%s'", caller, j + 1,
                  nn_table_colname(t, j), names[j]);
}
#define EXPECT_HEADER(t, ...) expect_header(t, (const char *const[]){__VA_ARGS__, NULL}, __LINE__)

/* Read the next record and assert that it starts on LINE and has exactly the
 * fields FIELDS (NULL-terminated). */
static void expect_record(nn_table *t, long line, const char *const *fields, int caller)
{
  nn_err err;
  nn_err_clear(&err);
  int r = nn_table_next(t, &err);
  ck_assert_msg(r == 1, "line %d: nn_table_next gives %d (%s), expected a record", caller, r,
                err.msg);
  ck_assert_msg(nn_table_line(t) == line, "line %d: record on line %ld, expected %ld", caller,
                nn_table_line(t), line);
  size_t n = 0;
  while (fields[n] != NULL)
    n++;
  ck_assert_msg(nn_table_ncols(t) == n, "line %d: %zu fields expected, the table has %zu",
                caller, n, nn_table_ncols(t));
  for (size_t j = 0; j < n; j++) {
    const char *f = nn_table_field(t, j);
    size_t len = nn_table_field_len(t, j);
    ck_assert_msg(len == strlen(fields[j]) && memcmp(f, fields[j], len) == 0 && f[len] == '\0',
                  "line %d: field %zu is '%.*s' (%zu bytes), expected '%s'", caller, j + 1,
                  (int) len, f, len, fields[j]);
  }
}
#define EXPECT_RECORD(t, line, ...) \
  expect_record(t, line, (const char *const[]){__VA_ARGS__, NULL}, __LINE__)

/* Assert that the table has no more records, and stays at its end. */
static void expect_end(nn_table *t, int caller)
{
  for (int i = 0; i < 2; i++) {
    nn_err err;
    nn_err_clear(&err);
    int r = nn_table_next(t, &err);
    ck_assert_msg(r == 0, "line %d: nn_table_next gives %d (%s), expected the end", caller, r,
                  err.msg);
    ck_assert_int_eq(err.status, NN_OK);
  }
}
#define EXPECT_END(t) expect_end(t, __LINE__)

/* Assert that ERR holds STATUS and the message FMT, ... */
static void expect_err(const nn_err *err, int status, int caller, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));
static void expect_err(const nn_err *err, int status, int caller, const char *fmt, ...)
{
  char want[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(want, sizeof want, fmt, ap);
  va_end(ap);
  ck_assert_msg(strcmp(err->msg, want) == 0, "line %d: message\n  '%s', expected\n  '%s'", caller,
                err->msg, want);
  ck_assert_msg(err->status == status, "line %d: status %d, expected %d", caller, err->status,
                status);
}
#define EXPECT_ERR(err, status, ...) expect_err(err, status, __LINE__, __VA_ARGS__)

/* Assert that the next record is an error with STATUS and message FMT. */
#define EXPECT_NEXT_ERR(t, status, ...)                 \
  do {                                                  \
    nn_err e_;                                          \
    nn_err_clear(&e_);                                  \
    ck_assert_int_eq(nn_table_next(t, &e_), -1);        \
    expect_err(&e_, status, __LINE__, __VA_ARGS__);     \
  } while (0)

/* Assert that opening TEXT fails with STATUS and message FMT. */
#define EXPECT_OPEN_ERR(text, delim, status, ...)       \
  do {                                                  \
    nn_err e_;                                          \
    ck_assert_ptr_null(OPEN(text, delim, &e_));         \
    expect_err(&e_, status, __LINE__, __VA_ARGS__);     \
  } while (0)

/* Assert that the current record's raw bytes are RAW. */
static void expect_raw(const nn_table *t, const char *raw, size_t rawlen, int caller)
{
  size_t len;
  const char *s = nn_table_raw(t, &len);
  ck_assert_msg(len == rawlen && memcmp(s, raw, len) == 0,
                "line %d: raw record '%.*s' (%zu bytes), expected '%s'", caller, (int) len, s,
                len, raw);
}
#define EXPECT_RAW(t, raw) expect_raw(t, raw, sizeof raw - 1, __LINE__)

/* Everything the reader says about a table, as one string: header, then per
 * record its line, fields (with lengths) and raw bytes, then how it ended.
 * Two ways of reading the same bytes must give the same dump. */
static char *dump_table(nn_table *t, size_t *len)
{
  char *buf;
  FILE *fp = open_memstream(&buf, len);
  ck_assert_ptr_nonnull(fp);
  fprintf(fp, "delim %d, %zu columns:", nn_table_delim(t), nn_table_ncols(t));
  for (size_t j = 0; j < nn_table_ncols(t); j++)
    fprintf(fp, " [%s]", nn_table_colname(t, j));
  fputc('\n', fp);
  nn_err err;
  nn_err_clear(&err);
  int r;
  while ((r = nn_table_next(t, &err)) == 1) {
    fprintf(fp, "line %ld:", nn_table_line(t));
    for (size_t j = 0; j < nn_table_ncols(t); j++) {
      fprintf(fp, " %zu[", nn_table_field_len(t, j));
      fwrite(nn_table_field(t, j), 1, nn_table_field_len(t, j), fp);
      fputc(']', fp);
    }
    size_t rawlen;
    const char *raw = nn_table_raw(t, &rawlen);
    fprintf(fp, " raw %zu[", rawlen);
    fwrite(raw, 1, rawlen, fp);
    fputs("]\n", fp);
  }
  fprintf(fp, "end %d: %d %s\n", r, err.status, err.msg);
  fclose(fp);
  return buf;
}

/* Open the file or pipe FD as a table called "input" and dump it. */
static char *dump_fd(int fd, int delim, size_t *len)
{
  nn_err err;
  nn_table *t = nn_table_open_fd(fd, "input", delim, &err);
  if (t == NULL) {  /* the error is part of the dump */
    char *buf;
    FILE *fp = open_memstream(&buf, len);
    ck_assert_ptr_nonnull(fp);
    fprintf(fp, "open: %d %s\n", err.status, err.msg);
    fclose(fp);
    return buf;
  }
  char *d = dump_table(t, len);
  nn_table_close(t);
  return d;
}

/* Dump TEXT read from a file. */
static char *dump_file(const char *text, size_t textlen, int delim, size_t *len)
{
  write_temp(text, textlen);
  int fd = open(tmp_path, O_RDONLY);
  unlink(tmp_path);
  ck_assert_int_ge(fd, 0);
  char *d = dump_fd(fd, delim, len);
  close(fd);
  return d;
}

/* Dump TEXT read from a pipe, written by a child process CHUNK bytes at a
 * time, pausing PAUSE microseconds between writes so that the reader sees
 * the pieces one by one. */
static char *dump_pipe(const char *text, size_t textlen, size_t chunk, unsigned pause, int delim,
                       size_t *len)
{
  int fds[2];
  ck_assert_int_eq(pipe(fds), 0);
  fflush(NULL);
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    for (size_t i = 0; i < textlen; i += chunk) {
      size_t n = textlen - i < chunk ? textlen - i : chunk;
      for (size_t done = 0; done < n;) {
        ssize_t w = write(fds[1], text + i + done, n - done);
        if (w < 0 && errno != EINTR)
          _exit(1);
        done += w > 0 ? (size_t) w : 0;
      }
      if (pause > 0)
        usleep(pause);
    }
    _exit(0);
  }
  close(fds[1]);
  char *d = dump_fd(fds[0], delim, len);
  close(fds[0]);
  int status;
  ck_assert_int_eq(waitpid(pid, &status, 0), pid);
  ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  return d;
}

/* -- reading: the basics -------------------------------------------------------- */

START_TEST(reads_header_and_rows)
{
  nn_table *t = OPEN_OK("a,b,c\n1,2,3\n4,5,6\n", 0);
  EXPECT_HEADER(t, "a", "b", "c");
  ck_assert_int_eq(nn_table_delim(t), ',');
  ck_assert_str_eq(nn_table_file(t), tmp_path);
  ck_assert_int_eq(nn_table_line(t), 1);  /* the header's line */
  EXPECT_RECORD(t, 2, "1", "2", "3");
  EXPECT_RECORD(t, 3, "4", "5", "6");
  EXPECT_END(t);
  nn_table_close(t);
}
END_TEST

START_TEST(header_only_table_has_no_records)
{
  nn_table *t = OPEN_OK("x\ty\n", 0);
  EXPECT_HEADER(t, "x", "y");
  EXPECT_END(t);
  nn_table_close(t);
  t = OPEN_OK("x,y", 0);  /* without a line end */
  EXPECT_HEADER(t, "x", "y");
  EXPECT_END(t);
  nn_table_close(t);
}
END_TEST

START_TEST(empty_fields_are_kept)
{
  nn_table *t = OPEN_OK("a,b,c\n,,\n1,,\n,,3\n", 0);
  EXPECT_RECORD(t, 2, "", "", "");
  EXPECT_RECORD(t, 3, "1", "", "");
  EXPECT_RECORD(t, 4, "", "", "3");
  EXPECT_END(t);
  nn_table_close(t);
  t = OPEN_OK("a\tb\n\t\n", 0);
  EXPECT_RECORD(t, 2, "", "");
  EXPECT_END(t);
  nn_table_close(t);
}
END_TEST

START_TEST(spaces_are_part_of_fields)
{
  /* RFC 4180, 2.4: "Spaces are considered part of a field and should not be
   * ignored." */
  nn_table *t = OPEN_OK(" a , b\n 1 ,2 \n\" x \",\t\n", 0);
  EXPECT_HEADER(t, " a ", " b");
  EXPECT_RECORD(t, 2, " 1 ", "2 ");
  EXPECT_RECORD(t, 3, " x ", "\t");
  EXPECT_END(t);
  nn_table_close(t);
}
END_TEST

/* The lowest free file descriptor (what open(2) would return next). */
static int lowest_free_fd(void)
{
  int fd = open("/dev/null", O_RDONLY);
  ck_assert_int_ge(fd, 0);
  close(fd);
  return fd;
}

START_TEST(standard_input_and_descriptors)
{
  /* "-" and NULL read standard input, under its own name, and leave it open. */
  int saved = dup(STDIN_FILENO);
  ck_assert_int_ge(saved, 0);
  for (int k = 0; k < 2; k++) {
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    write_all(fds[1], "a\tb\n1\t2\n", 8);
    close(fds[1]);
    ck_assert_int_eq(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
    close(fds[0]);
    nn_err err;
    nn_table *t = nn_table_open(k == 0 ? "-" : NULL, 0, &err);
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(nn_table_file(t), "(standard input)");
    EXPECT_RECORD(t, 2, "1", "2");
    EXPECT_END(t);
    nn_table_close(t);
    ck_assert_int_ne(fcntl(STDIN_FILENO, F_GETFD), -1);
  }
  ck_assert_int_eq(dup2(saved, STDIN_FILENO), STDIN_FILENO);
  close(saved);

  /* nn_table_open closes what it opened, on success and on failure alike. */
  int before = lowest_free_fd();
  for (int i = 0; i < 50; i++) {
    nn_err err;
    nn_table_close(OPEN_OK("a\n1\n", 0));
    ck_assert_ptr_null(OPEN("# no header\n", 0, &err));
    ck_assert_ptr_null(OPEN("\"a\n", 0, &err));
  }
  ck_assert_int_eq(lowest_free_fd(), before);

  /* nn_table_open_fd leaves the descriptor to its caller. */
  write_temp("a\n1\n", 4);
  int fd = open(tmp_path, O_RDONLY);
  unlink(tmp_path);
  ck_assert_int_ge(fd, 0);
  nn_err err;
  nn_table *t = nn_table_open_fd(fd, "fd", 0, &err);
  ck_assert_ptr_nonnull(t);
  nn_table_close(t);
  ck_assert_int_ne(fcntl(fd, F_GETFD), -1);
  ck_assert_ptr_null(nn_table_open_fd(fd, "fd", 0, &err));  /* at its end: no header */
  EXPECT_ERR(&err, NN_EDATA, "fd: no header line: the table is empty");
  ck_assert_int_ne(fcntl(fd, F_GETFD), -1);
  close(fd);
}
END_TEST

START_TEST(separator_is_tab_if_header_has_one)
{
  nn_table *t = OPEN_OK("a\tb,c\n1\t2,3\n", 0);
  ck_assert_int_eq(nn_table_delim(t), '\t');
  EXPECT_HEADER(t, "a", "b,c");
  EXPECT_RECORD(t, 2, "1", "2,3");
  nn_table_close(t);
  t = OPEN_OK("a,b\n1\t2,3\n", 0);  /* a tab in a later line does not count */
  ck_assert_int_eq(nn_table_delim(t), ',');
  EXPECT_RECORD(t, 2, "1\t2", "3");
  nn_table_close(t);
  t = OPEN_OK("# a\tcomment\nonly\n1,2\n", 0);  /* nor does one in a comment */
  ck_assert_int_eq(nn_table_delim(t), ',');
  EXPECT_HEADER(t, "only");
  nn_table_close(t);
}
END_TEST

START_TEST(separator_can_be_forced)
{
  nn_table *t = OPEN_OK("a\tb,c\n1\t2,3\n", ',');
  ck_assert_int_eq(nn_table_delim(t), ',');
  EXPECT_HEADER(t, "a\tb", "c");
  EXPECT_RECORD(t, 2, "1\t2", "3");
  nn_table_close(t);
  t = OPEN_OK("a,b\n1,2\n", '\t');
  ck_assert_int_eq(nn_table_delim(t), '\t');
  EXPECT_HEADER(t, "a,b");
  EXPECT_RECORD(t, 2, "1,2");
  nn_table_close(t);
  EXPECT_OPEN_ERR("a;b\n", ';', NN_EINVAL, "separator must be ',' or tab");
}
END_TEST

START_TEST(comment_lines_are_skipped)
{
  nn_table *t = OPEN_OK("# made by hand\n#\na,b\n# between\n1,2\n#x,y\n3,4\n# at the end", 0);
  EXPECT_HEADER(t, "a", "b");
  ck_assert_int_eq(nn_table_line(t), 3);
  EXPECT_RECORD(t, 5, "1", "2");
  EXPECT_RECORD(t, 7, "3", "4");
  EXPECT_END(t);
  nn_table_close(t);
  t = OPEN_OK("a,b\n1,2\n# last, with a line end\n", 0);
  EXPECT_RECORD(t, 2, "1", "2");
  EXPECT_END(t);
  nn_table_close(t);
  t = OPEN_OK("# crlf\r\na,b\r\n# c\r\n1,2\r\n#\r\n", 0);
  EXPECT_HEADER(t, "a", "b");
  EXPECT_RECORD(t, 4, "1", "2");
  EXPECT_END(t);
  nn_table_close(t);
  /* Only a '#' that starts a line: elsewhere it is data. */
  t = OPEN_OK("a,b\n1,#2\n\"#3\",4\n", 0);
  EXPECT_RECORD(t, 2, "1", "#2");
  EXPECT_RECORD(t, 3, "#3", "4");
  EXPECT_END(t);
  nn_table_close(t);
}
END_TEST

START_TEST(blank_lines_are_skipped)
{
  nn_table *t = OPEN_OK("\n\na,b\n\n1,2\n\r\n\n3,4\n\n\n", 0);
  ck_assert_int_eq(nn_table_line(t), 3);
  EXPECT_RECORD(t, 5, "1", "2");
  EXPECT_RECORD(t, 8, "3", "4");
  EXPECT_END(t);
  nn_table_close(t);
  t = OPEN_OK("v\n\nx\n\n", 0);  /* in a one-column table too */
  EXPECT_RECORD(t, 3, "x");
  EXPECT_END(t);
  nn_table_close(t);
}
END_TEST

START_TEST(crlf_line_ends_are_not_kept)
{
  nn_table *t = OPEN_OK("a,b,c\r\n1,2,3\r\n\"x\",\"y\",\"z\"\r\n4,,\r\n5,6,\"\"\r\n7,8,9", 0);
  EXPECT_HEADER(t, "a", "b", "c");
  EXPECT_RECORD(t, 2, "1", "2", "3");
  EXPECT_RECORD(t, 3, "x", "y", "z");
  EXPECT_RECORD(t, 4, "4", "", "");
  EXPECT_RECORD(t, 5, "5", "6", "");
  EXPECT_RECORD(t, 6, "7", "8", "9");
  EXPECT_END(t);
  nn_table_close(t);
  t = OPEN_OK("a\tb\r\n1\t2\r\n", 0);
  EXPECT_HEADER(t, "a", "b");
  EXPECT_RECORD(t, 2, "1", "2");
  EXPECT_END(t);
  nn_table_close(t);
  /* A CR that does not end a line is data. */
  t = OPEN_OK("a,b\n1\r2,3\r\n", 0);
  EXPECT_RECORD(t, 2, "1\r2", "3");
  nn_table_close(t);
}
END_TEST

START_TEST(utf8_bom_is_ignored)
{
  nn_table *t = OPEN_OK("\xEF\xBB\xBF" "a,b\n1,2\n", 0);
  EXPECT_HEADER(t, "a", "b");
  EXPECT_RECORD(t, 2, "1", "2");
  nn_table_close(t);
  t = OPEN_OK("\xEF\xBB\xBF# comment\n\xC3\xA9t\xC3\xA9\tb\n1\t2\n", 0);
  EXPECT_HEADER(t, "\xC3\xA9t\xC3\xA9", "b");
  EXPECT_RECORD(t, 3, "1", "2");
  nn_table_close(t);
  t = OPEN_OK("a,b\n\xEF\xBB\xBF" "1,2\n", 0);  /* only before the header */
  EXPECT_RECORD(t, 2, "\xEF\xBB\xBF" "1", "2");
  nn_table_close(t);
}
END_TEST

START_TEST(quoted_fields_follow_rfc4180)
{
  nn_table *t = OPEN_OK("a,b,c\n"
                        "\"x,y\",\"say \"\"hi\"\"\",\"\"\n"      /* line 2 */
                        "\"l1\nl2\",\"p\r\nq\",\"\"\"\"\n"       /* lines 3-5 */
                        "\"a\n#b\n\nc\",\"\r\",\"\n\"\n"         /* lines 6-10 */
                        "plain,\"\"\"quoted\"\"\",\"x\"\n",      /* line 11 */
                        0);
  EXPECT_RECORD(t, 2, "x,y", "say \"hi\"", "");
  EXPECT_RECORD(t, 3, "l1\nl2", "p\r\nq", "\"");
  EXPECT_RECORD(t, 6, "a\n#b\n\nc", "\r", "\n");
  EXPECT_RECORD(t, 11, "plain", "\"quoted\"", "x");
  EXPECT_END(t);
  nn_table_close(t);
  /* In a TSV, a quoted field may hold a tab; the header may be quoted. */
  t = OPEN_OK("\"the a\"\tb\n\"1\t2\"\t\"3\n\"\n", 0);
  EXPECT_HEADER(t, "the a", "b");
  EXPECT_RECORD(t, 2, "1\t2", "3\n");
  EXPECT_END(t);
  nn_table_close(t);
  /* A quote inside an unquoted field is just a character. */
  t = OPEN_OK("a,b\n1\"2,x\"\n", 0);
  EXPECT_RECORD(t, 2, "1\"2", "x\"");
  nn_table_close(t);
}
END_TEST

START_TEST(line_numbers_count_physical_lines)
{
  nn_table *t = OPEN_OK("# 1\n"
                        "\n"                     /* 2 */
                        "a,b\n"                  /* 3: header */
                        "1,\"x\ny\"\n"           /* 4-5 */
                        "# 6\n"
                        "\"p\r\nq\r\nr\",2\r\n"  /* 7-9 */
                        "\r\n"                   /* 10 */
                        "\"\n\n\",3\n"           /* 11-13 */
                        "4,5",                   /* 14 */
                        0);
  ck_assert_int_eq(nn_table_line(t), 3);
  EXPECT_RECORD(t, 4, "1", "x\ny");
  EXPECT_RECORD(t, 7, "p\r\nq\r\nr", "2");
  EXPECT_RECORD(t, 11, "\n\n", "3");
  EXPECT_RECORD(t, 14, "4", "5");
  EXPECT_END(t);
  nn_table_close(t);
  t = OPEN_OK("\"a\nb\",c\n1,2\n", 0);  /* a header of two lines */
  EXPECT_HEADER(t, "a\nb", "c");
  EXPECT_RECORD(t, 3, "1", "2");
  nn_table_close(t);
}
END_TEST

START_TEST(last_line_without_line_end)
{
  nn_table *t = OPEN_OK("a,b\n1,2", 0);
  EXPECT_RECORD(t, 2, "1", "2");
  EXPECT_RAW(t, "1,2");
  EXPECT_END(t);
  nn_table_close(t);
  t = OPEN_OK("a,b\n1,\"2\"", 0);
  EXPECT_RECORD(t, 2, "1", "2");
  EXPECT_END(t);
  nn_table_close(t);
  t = OPEN_OK("a,b\n1,", 0);
  EXPECT_RECORD(t, 2, "1", "");
  EXPECT_END(t);
  nn_table_close(t);
  t = OPEN_OK("a,b\n1,\"\"", 0);
  EXPECT_RECORD(t, 2, "1", "");
  EXPECT_END(t);
  nn_table_close(t);
}
END_TEST

START_TEST(raw_is_the_record_bytes)
{
  nn_table *t = OPEN_OK("# c\na,b\n1,2\r\n\n\"x\ny\",\"\"\"\"\n# c\n4,5", 0);
  EXPECT_RECORD(t, 3, "1", "2");
  EXPECT_RAW(t, "1,2\r\n");
  EXPECT_RECORD(t, 5, "x\ny", "\"");
  EXPECT_RAW(t, "\"x\ny\",\"\"\"\"\n");
  EXPECT_RECORD(t, 8, "4", "5");
  EXPECT_RAW(t, "4,5");
  EXPECT_END(t);
  nn_table_close(t);
}
END_TEST

/* -- reading: big records and pipes -------------------------------------------- */

START_TEST(record_longer_than_read_buffer)
{
  /* 3 MiB fields: the 1 MiB buffer must grow, twice, keeping the record. */
  const size_t big = 3 * MiB;
  char *text = malloc(3 * big + 64), *want = malloc(big + 1);
  ck_assert(text != NULL && want != NULL);
  size_t n = 0, lines = 0;
  n += (size_t) sprintf(text + n, "a,b\n");
  memset(text + n, 'x', big);  /* unquoted, line 2 */
  n += big;
  n += (size_t) sprintf(text + n, ",1\n\"");
  for (size_t i = 0; i < big; i++) {  /* quoted, with line breaks and quotes */
    char c = "ab,\n\"c"[i % 6];
    want[i] = c;
    lines += c == '\n';
    if (c == '"')
      text[n++] = '"';
    text[n++] = c;
  }
  want[big] = '\0';
  n += (size_t) sprintf(text + n, "\",2\n3,4\n");
  write_temp(text, n);
  nn_err err;
  nn_table *t = nn_table_open(tmp_path, 0, &err);
  unlink(tmp_path);
  ck_assert_ptr_nonnull(t);

  ck_assert_int_eq(nn_table_next(t, &err), 1);
  ck_assert_int_eq(nn_table_line(t), 2);
  ck_assert_uint_eq(nn_table_field_len(t, 0), big);
  ck_assert(memcmp(nn_table_field(t, 0), text + 4, big) == 0);
  ck_assert_str_eq(nn_table_field(t, 1), "1");
  size_t rawlen;
  const char *raw = nn_table_raw(t, &rawlen);
  ck_assert_uint_eq(rawlen, big + 3);
  ck_assert(memcmp(raw, text + 4, rawlen) == 0);

  ck_assert_int_eq(nn_table_next(t, &err), 1);
  ck_assert_int_eq(nn_table_line(t), 3);
  ck_assert_uint_eq(nn_table_field_len(t, 0), big);
  ck_assert(memcmp(nn_table_field(t, 0), want, big) == 0);
  ck_assert_str_eq(nn_table_field(t, 1), "2");

  EXPECT_RECORD(t, (long) (3 + lines + 1), "3", "4");
  EXPECT_END(t);
  nn_table_close(t);

  /* The same bytes through a pipe, in 64 KiB pieces. */
  size_t flen, plen;
  char *from_file = dump_file(text, n, 0, &flen);
  char *from_pipe = dump_pipe(text, n, 65536, 0, 0, &plen);
  ck_assert(flen == plen && memcmp(from_file, from_pipe, flen) == 0);
  free(from_file);
  free(from_pipe);
  free(text);
  free(want);
}
END_TEST

START_TEST(long_header_and_many_columns)
{
  /* 200000 columns: the field arrays grow; the header spans buffers. */
  const size_t ncols = 200000;
  char *text = malloc(ncols * 24 + 64);
  ck_assert_ptr_nonnull(text);
  size_t n = 0;
  for (size_t j = 0; j < ncols; j++)
    n += (size_t) sprintf(text + n, "%scol%zu", j ? "\t" : "", j);
  text[n++] = '\n';
  for (size_t j = 0; j < ncols; j++)
    n += (size_t) sprintf(text + n, "%s%zu", j ? "\t" : "", j * 7);
  text[n++] = '\n';
  nn_table *t = open_ok(text, n, 0);
  ck_assert_uint_eq(nn_table_ncols(t), ncols);
  ck_assert_str_eq(nn_table_colname(t, ncols - 1), "col199999");
  nn_err err;
  ck_assert_int_eq(nn_table_next(t, &err), 1);
  for (size_t j = 0; j < ncols; j += 9999) {
    double x;
    ck_assert_int_eq(nn_table_number(t, j, &x, &err), NN_OK);
    ck_assert(x == (double) (j * 7));
  }
  EXPECT_END(t);
  nn_table_close(t);
  free(text);
}
END_TEST

/* Every feature of the reader in one small table. */
static const char mixed_table[] =
  "\xEF\xBB\xBF# a comment\r\n"
  "\n"
  "name,\"value, quoted\",note\r\n"
  "a,1,\"two\nlines\"\r\n"
  "# between\n"
  "\"b \"\"q\"\"\",2.5,\"crlf\r\ninside\"\n"
  "\r\n"
  "c,,\n"
  "\"\",\"\",\"\"\r\n"
  "d,4,\"\"\"\"\n"
  "# end\n"
  "e,5,last";

START_TEST(pipe_in_small_chunks_gives_same_records)
{
  size_t flen;
  char *from_file = dump_file(mixed_table, sizeof mixed_table - 1, 0, &flen);
  ck_assert_ptr_nonnull(strstr(from_file, "end 0: 0"));  /* the whole table was read */
  static const size_t chunks[] = {1, 2, 3, 5, 7, 64};
  for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
    size_t plen;
    char *from_pipe = dump_pipe(mixed_table, sizeof mixed_table - 1, chunks[c], 200, 0, &plen);
    ck_assert_msg(flen == plen && memcmp(from_file, from_pipe, flen) == 0,
                  "chunks of %zu bytes: from the pipe\n%s\nfrom the file\n%s", chunks[c],
                  from_pipe, from_file);
    free(from_pipe);
  }
  free(from_file);
}
END_TEST

START_TEST(pipe_in_small_chunks_gives_same_errors)
{
  static const char *texts[] = {
    "a,b\n1,2\n\"3,4\n5,6\n",   /* unclosed quote */
    "a,b\r\n1,2\r\n\"3\"x,4\r\n", /* a character after a closing quote */
    "a,b,c\n1,2,3\n4,5\n",      /* ragged */
    "# nothing\n\n",            /* no header */
    "\"a\nb",                   /* unclosed quote in the header */
  };
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    size_t flen, plen;
    char *from_file = dump_file(texts[i], strlen(texts[i]), 0, &flen);
    char *from_pipe = dump_pipe(texts[i], strlen(texts[i]), 1, 200, 0, &plen);
    ck_assert_msg(flen == plen && memcmp(from_file, from_pipe, flen) == 0,
                  "text %zu: from the pipe\n%s\nfrom the file\n%s", i, from_pipe, from_file);
    free(from_file);
    free(from_pipe);
  }
}
END_TEST

START_TEST(mixed_table_reads_as_expected)
{
  nn_table *t = OPEN_OK(mixed_table, 0);
  EXPECT_HEADER(t, "name", "value, quoted", "note");
  ck_assert_int_eq(nn_table_line(t), 3);
  EXPECT_RECORD(t, 4, "a", "1", "two\nlines");
  EXPECT_RECORD(t, 7, "b \"q\"", "2.5", "crlf\r\ninside");
  EXPECT_RECORD(t, 10, "c", "", "");
  EXPECT_RECORD(t, 11, "", "", "");
  EXPECT_RECORD(t, 12, "d", "4", "\"");
  EXPECT_RECORD(t, 14, "e", "5", "last");
  EXPECT_END(t);
  nn_table_close(t);
}
END_TEST

/* -- columns --------------------------------------------------------------------- */

START_TEST(column_by_name_or_index)
{
  nn_table *t = OPEN_OK("x,y,z\n", 0);
  nn_err err;
  size_t j = 99;
  ck_assert_int_eq(nn_table_column(t, "y", &j, &err), NN_OK);
  ck_assert_uint_eq(j, 1);
  ck_assert_int_eq(nn_table_column(t, "1", &j, &err), NN_OK);
  ck_assert_uint_eq(j, 0);
  ck_assert_int_eq(nn_table_column(t, "3", &j, &err), NN_OK);
  ck_assert_uint_eq(j, 2);
  ck_assert_int_eq(nn_table_column(t, "03", &j, &err), NN_OK);
  ck_assert_uint_eq(j, 2);
  nn_table_close(t);
}
END_TEST

START_TEST(column_name_takes_precedence_over_index)
{
  nn_table *t = OPEN_OK("x\t2\t1\n", 0);
  nn_err err;
  size_t j = 99;
  ck_assert_int_eq(nn_table_column(t, "2", &j, &err), NN_OK);
  ck_assert_uint_eq(j, 1);  /* the column named "2", not the second one */
  ck_assert_int_eq(nn_table_column(t, "1", &j, &err), NN_OK);
  ck_assert_uint_eq(j, 2);
  ck_assert_int_eq(nn_table_column(t, "3", &j, &err), NN_OK);
  ck_assert_uint_eq(j, 2);  /* no column named "3": the third */
  nn_table_close(t);
}
END_TEST

START_TEST(column_errors)
{
  nn_table *t = OPEN_OK("a,b,a\n", 0);
  nn_err err;
  size_t j = 99;
  ck_assert_int_eq(nn_table_column(t, "nope", &j, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column named 'nope'", tmp_path);
  ck_assert_int_eq(nn_table_column(t, "4", &j, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column 4: the table has 3 columns", tmp_path);
  ck_assert_int_eq(nn_table_column(t, "0", &j, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column 0: the table has 3 columns", tmp_path);
  ck_assert_int_eq(nn_table_column(t, "99999999999999999999999", &j, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column 99999999999999999999999: the table has 3 columns",
             tmp_path);
  ck_assert_int_eq(nn_table_column(t, "-1", &j, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column named '-1'", tmp_path);
  ck_assert_int_eq(nn_table_column(t, "", &j, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column named ''", tmp_path);
  ck_assert_int_eq(nn_table_column(t, "a", &j, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: column name 'a' is ambiguous (columns 1 and 3)", tmp_path);
  ck_assert_uint_eq(j, 99);  /* never written on an error */
  nn_table_close(t);
  t = OPEN_OK("only\n", 0);
  ck_assert_int_eq(nn_table_column(t, "2", &j, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column 2: the table has 1 column", tmp_path);
  nn_table_close(t);
}
END_TEST

START_TEST(column_lists)
{
  nn_table *t = OPEN_OK("x\t2\ty\tz\n", 0);
  nn_err err;
  size_t *idx = NULL, n = 0;
  ck_assert_int_eq(nn_table_columns(t, "z,1,2,y", &idx, &n, &err), NN_OK);
  ck_assert_uint_eq(n, 4);
  ck_assert(idx[0] == 3 && idx[1] == 0 && idx[2] == 1 && idx[3] == 2);
  free(idx);
  ck_assert_int_eq(nn_table_columns(t, "4", &idx, &n, &err), NN_OK);
  ck_assert(n == 1 && idx[0] == 3);
  free(idx);
  ck_assert_int_eq(nn_table_columns(t, "x,x", &idx, &n, &err), NN_OK);  /* repeats allowed */
  ck_assert(n == 2 && idx[0] == 0 && idx[1] == 0);
  free(idx);

  /* Commas inside brackets belong to the name (nn-train --trace's
   * parameters); a ']' with no '[' is a character, and a '[' never closed
   * holds the rest of the list. */
  nn_table_close(t);
  t = OPEN_OK("W1[1,1]\tW1[1,2]\tb1[1]\ta]b\tc[d\te\n", 0);
  ck_assert_int_eq(nn_table_columns(t, "W1[1,2],b1[1],W1[1,1]", &idx, &n,
                                    &err), NN_OK);
  ck_assert(n == 3 && idx[0] == 1 && idx[1] == 2 && idx[2] == 0);
  free(idx);
  ck_assert_int_eq(nn_table_columns(t, "a]b,e", &idx, &n, &err), NN_OK);
  ck_assert(n == 2 && idx[0] == 3 && idx[1] == 5);
  free(idx);
  idx = NULL;
  ck_assert_int_eq(nn_table_columns(t, "c[d,e", &idx, &n, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column named 'c[d,e'", tmp_path);
  ck_assert_ptr_null(idx);
  ck_assert_int_eq(nn_table_columns(t, "W1[1,1]", &idx, &n, &err), NN_OK);
  ck_assert(n == 1 && idx[0] == 0);
  free(idx);
  nn_table_close(t);
  t = OPEN_OK("x\t2\ty\tz\n", 0);

  static const char *empty_items[] = {"x,,y", "", ",x", "x,", ","};
  for (size_t i = 0; i < sizeof empty_items / sizeof empty_items[0]; i++) {
    idx = NULL;
    ck_assert_int_eq(nn_table_columns(t, empty_items[i], &idx, &n, &err), NN_EINVAL);
    EXPECT_ERR(&err, NN_EINVAL, "empty column name in list '%s'", empty_items[i]);
    ck_assert_ptr_null(idx);
  }
  idx = NULL;
  ck_assert_int_eq(nn_table_columns(t, "x,w,y", &idx, &n, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column named 'w'", tmp_path);
  ck_assert_int_eq(nn_table_columns(t, "x,5", &idx, &n, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s: no column 5: the table has 4 columns", tmp_path);
  ck_assert_ptr_null(idx);
  nn_table_close(t);
}
END_TEST

/* -- errors ------------------------------------------------------------------------ */

START_TEST(empty_table_has_no_header)
{
  EXPECT_OPEN_ERR("", 0, NN_EDATA, "%s: no header line: the table is empty", tmp_path);
  EXPECT_OPEN_ERR("\n\n\r\n", 0, NN_EDATA, "%s: no header line: the table is empty", tmp_path);
  EXPECT_OPEN_ERR("# only\n# comments", 0, NN_EDATA, "%s: no header line: the table is empty",
                  tmp_path);
  EXPECT_OPEN_ERR("\xEF\xBB\xBF", ',', NN_EDATA, "%s: no header line: the table is empty",
                  tmp_path);
}
END_TEST

START_TEST(ragged_rows_are_errors)
{
  nn_table *t = OPEN_OK("a,b,c\n1,2,3\n1,2\n", 0);
  EXPECT_RECORD(t, 2, "1", "2", "3");
  EXPECT_NEXT_ERR(t, NN_EDATA, "%s:3: 2 fields where the header has 3", tmp_path);
  nn_table_close(t);
  t = OPEN_OK("a\tb\tc\n# c\n\n1\n", 0);
  EXPECT_NEXT_ERR(t, NN_EDATA, "%s:4: 1 field where the header has 3", tmp_path);
  nn_table_close(t);
  t = OPEN_OK("a,b\n\"x\ny\",2,3\n", 0);
  EXPECT_NEXT_ERR(t, NN_EDATA, "%s:2: 3 fields where the header has 2", tmp_path);
  nn_table_close(t);
  t = OPEN_OK("a\n1,2\n", '\t');  /* forced: no split at the comma */
  EXPECT_RECORD(t, 2, "1,2");
  nn_table_close(t);
}
END_TEST

START_TEST(ragged_mode_reads_any_number_of_fields)
{
  /* nn_table_allow_ragged (for nn-model(5)): records may have fewer or
   * more fields than the header; nn_table_nfields counts them. */
  nn_table *t = OPEN_OK("key\tvalue\n"
                        "inputs\tx1\tx2\tx3\n"
                        "# a comment\n"
                        "\n"
                        "lonely\n"
                        "q\t\"a\tb\"\t\"two\nlines\"\n"
                        "empty\t\n"
                        "n\t1.5\t-2\n"
                        "\"\"\n", 0);
  ck_assert_uint_eq(nn_table_nfields(t), 2);  /* the header's */
  nn_table_allow_ragged(t);
  nn_err err;
  static const struct { long line; size_t n; const char *f[4]; } rec[] = {
    {2, 4, {"inputs", "x1", "x2", "x3"}},
    {5, 1, {"lonely"}},
    {6, 3, {"q", "a\tb", "two\nlines"}},
    {8, 2, {"empty", ""}},
    {9, 3, {"n", "1.5", "-2"}},
    {10, 1, {""}},
  };
  for (size_t r = 0; r < sizeof rec / sizeof *rec; r++) {
    nn_err_clear(&err);
    ck_assert_msg(nn_table_next(t, &err) == 1, "record %zu: %s", r, err.msg);
    ck_assert_int_eq(nn_table_line(t), rec[r].line);
    ck_assert_uint_eq(nn_table_nfields(t), rec[r].n);
    ck_assert_uint_eq(nn_table_ncols(t), 2);  /* the header is unchanged */
    for (size_t j = 0; j < rec[r].n; j++) {
      ck_assert_str_eq(nn_table_field(t, j), rec[r].f[j]);
      ck_assert_uint_eq(nn_table_field_len(t, j), strlen(rec[r].f[j]));
    }
    if (r == 4) {  /* numbers in any field */
      double x;
      ck_assert_int_eq(nn_table_number(t, 2, &x, &err), NN_OK);
      ck_assert(x == -2);
    }
  }
  EXPECT_END(t);
  nn_table_close(t);
  /* Still an error: an unclosed quote. */
  t = OPEN_OK("a,b\n1,2,3\n\"x\n", 0);
  nn_table_allow_ragged(t);
  ck_assert_int_eq(nn_table_next(t, &err), 1);
  ck_assert_uint_eq(nn_table_nfields(t), 3);
  EXPECT_NEXT_ERR(t, NN_EDATA, "%s:3: quoted field is not closed before the end of the file",
                  tmp_path);
  nn_table_close(t);
  /* Without ragged mode nn_table_nfields is the header's count. */
  t = OPEN_OK("a,b,c\n1,2,3\n", 0);
  EXPECT_RECORD(t, 2, "1", "2", "3");
  ck_assert_uint_eq(nn_table_nfields(t), 3);
  nn_table_close(t);
}
END_TEST

START_TEST(unclosed_quote_names_its_line)
{
  nn_table *t = OPEN_OK("a,b\n1,2\n\"3,4\n5,6\n", 0);
  EXPECT_RECORD(t, 2, "1", "2");
  EXPECT_NEXT_ERR(t, NN_EDATA, "%s:3: quoted field is not closed before the end of the file",
                  tmp_path);
  nn_table_close(t);
  /* The quote opens on the record's third line. */
  t = OPEN_OK("# c\na,b,c\n\"x\ny\",\"p\nq\",\"open\n\n", 0);
  EXPECT_NEXT_ERR(t, NN_EDATA, "%s:5: quoted field is not closed before the end of the file",
                  tmp_path);
  nn_table_close(t);
  EXPECT_OPEN_ERR("\n\"a,b\n", 0, NN_EDATA,
                  "%s:2: quoted field is not closed before the end of the file", tmp_path);
}
END_TEST

START_TEST(character_after_closing_quote)
{
  nn_table *t = OPEN_OK("a,b\n1,2\n\"3\"x,4\n", 0);
  EXPECT_RECORD(t, 2, "1", "2");
  EXPECT_NEXT_ERR(t, NN_EDATA, "%s:3: unexpected 'x' after a closing quote", tmp_path);
  nn_table_close(t);
  t = OPEN_OK("a,b\n1,\"x\ny\" \n", 0);  /* on the line where the quote closes */
  EXPECT_NEXT_ERR(t, NN_EDATA, "%s:3: unexpected ' ' after a closing quote", tmp_path);
  nn_table_close(t);
  t = OPEN_OK("a\tb\n\"1\",2\t3\n", 0);  /* a comma is no separator in a TSV */
  EXPECT_NEXT_ERR(t, NN_EDATA, "%s:2: unexpected ',' after a closing quote", tmp_path);
  nn_table_close(t);
  EXPECT_OPEN_ERR("\"a\"b,c\n", 0, NN_EDATA, "%s:1: unexpected 'b' after a closing quote",
                  tmp_path);
}
END_TEST

START_TEST(numbers_in_fields)
{
  nn_table *t = OPEN_OK("a,b,,d\n"
                        "1.5,-2e3,0.1,\"7\"\n"
                        "1.5x,,nan,1e999\n"
                        "-1e999,inf, 1,1e-400\n",
                        0);
  nn_err err;
  double x;
  ck_assert_int_eq(nn_table_next(t, &err), 1);
  ck_assert(nn_table_number(t, 0, &x, &err) == NN_OK && x == 1.5);
  ck_assert(nn_table_number(t, 1, &x, &err) == NN_OK && x == -2000);
  ck_assert(nn_table_number(t, 2, &x, &err) == NN_OK && x == 0.1);
  ck_assert(nn_table_number(t, 3, &x, &err) == NN_OK && x == 7);

  ck_assert_int_eq(nn_table_next(t, &err), 1);
  ck_assert_int_eq(nn_table_number(t, 0, &x, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:3: column 'a': '1.5x' is not a number", tmp_path);
  ck_assert_int_eq(nn_table_number(t, 1, &x, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:3: column 'b': empty field where a number is required", tmp_path);
  ck_assert_int_eq(nn_table_number(t, 2, &x, &err), NN_EDATA);  /* an unnamed column */
  EXPECT_ERR(&err, NN_EDATA, "%s:3: column 3: 'nan' is not a number", tmp_path);
  ck_assert_int_eq(nn_table_number(t, 3, &x, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:3: column 'd': '1e999' is out of range", tmp_path);

  ck_assert_int_eq(nn_table_next(t, &err), 1);
  ck_assert_int_eq(nn_table_number(t, 0, &x, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:4: column 'a': '-1e999' is out of range", tmp_path);
  ck_assert_int_eq(nn_table_number(t, 1, &x, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:4: column 'b': 'inf' is not a number", tmp_path);
  ck_assert_int_eq(nn_table_number(t, 2, &x, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:4: column 3: ' 1' is not a number", tmp_path);
  ck_assert(nn_table_number(t, 3, &x, &err) == NN_OK && x == 0);  /* underflow is fine */
  nn_table_close(t);

  /* A long field is cut short in the message. */
  t = OPEN_OK("v\n12345678901234567890123456789012345678901234567890x\n", 0);
  ck_assert_int_eq(nn_table_next(t, &err), 1);
  ck_assert_int_eq(nn_table_number(t, 0, &x, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:2: column 'v': '1234567890123456789012345678901234567890...' "
             "is not a number", tmp_path);
  nn_table_close(t);
}
END_TEST

START_TEST(same_columns_or_not)
{
  char path_a[sizeof tmp_path];
  nn_table *a = OPEN_OK("x\ty\n1\t2\n", 0);
  strcpy(path_a, tmp_path);
  nn_table *b = OPEN_OK("x,y\n3,4\n", 0);  /* the separator may differ */
  nn_err err;
  nn_err_clear(&err);
  ck_assert_int_eq(nn_table_same_columns(a, b, &err), NN_OK);
  nn_table_close(b);

  b = OPEN_OK("# other\nx\tz\n", 0);
  ck_assert_int_eq(nn_table_same_columns(a, b, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:2: columns differ from those of %s", tmp_path, path_a);
  nn_table_close(b);

  b = OPEN_OK("x\ty\tz\n", 0);
  ck_assert_int_eq(nn_table_same_columns(a, b, &err), NN_EDATA);
  EXPECT_ERR(&err, NN_EDATA, "%s:1: columns differ from those of %s", tmp_path, path_a);
  nn_table_close(b);

  b = OPEN_OK("y\tx\n", 0);  /* the order matters */
  ck_assert_int_eq(nn_table_same_columns(a, b, &err), NN_EDATA);
  nn_table_close(b);
  nn_table_close(a);
}
END_TEST

START_TEST(nonexistent_file)
{
  nn_err err;
  nn_err_clear(&err);
  const char *path = "/nonexistent/nnkit/table.tsv";
  ck_assert_ptr_null(nn_table_open(path, 0, &err));
  EXPECT_ERR(&err, NN_EIO, "%s: %s", path, strerror(ENOENT));
}
END_TEST

/* -- the writer -------------------------------------------------------------------- */

/* A temporary file for the writer; read it back with read_back. */
static FILE *new_output(void)
{
  FILE *fp = tmpfile();
  ck_assert_ptr_nonnull(fp);
  return fp;
}

/* Open what was written to FP as a table. */
static nn_table *read_back(FILE *fp, int delim)
{
  ck_assert_int_eq(fflush(fp), 0);
  ck_assert_int_eq(lseek(fileno(fp), 0, SEEK_SET), 0);
  nn_err err;
  nn_table *t = nn_table_open_fd(fileno(fp), "written", delim, &err);
  ck_assert_msg(t != NULL, "reading back: %s", err.msg);
  return t;
}

/* The bytes written to FP, NUL-terminated; free them. */
static char *written_bytes(FILE *fp)
{
  ck_assert_int_eq(fflush(fp), 0);
  long n = ftell(fp);
  char *s = malloc((size_t) n + 1);
  ck_assert_ptr_nonnull(s);
  ck_assert_int_eq(pread(fileno(fp), s, (size_t) n, 0), n);
  s[n] = '\0';
  return s;
}

/* Strings that need care: separators, quotes, line breaks, comments. */
static const char *const tricky[] = {
  "plain", "", "tab\there", "comma,here", "quote\"inside", "\"leading quote",
  "trailing quote\"", "\"\"", "\"", "new\nline", "cr\rhere", "crlf\r\nhere", "\r", "\n",
  "trailing cr\r", "#hash", "#", "x#y", " spaces ", ",", "\t", "\xC3\xBCnic\xC3\xB6" "de",
  "\r\n", "a,b\tc\"d\ne",
};
#define NTRICKY (sizeof tricky / sizeof tricky[0])

START_TEST(writer_round_trips_strings)
{
  static const int delims[] = {'\t', ','};
  for (size_t d = 0; d < 2; d++) {
    FILE *fp = new_output();
    nn_writer w;
    nn_writer_init(&w, fp, delims[d]);
    nn_writer_string(&w, "first");
    nn_writer_string(&w, "second");
    nn_writer_string(&w, "third");
    nn_writer_end(&w);
    for (size_t i = 0; i < NTRICKY; i++) {  /* each string first, in the middle, last */
      nn_writer_string(&w, tricky[i]);
      nn_writer_string(&w, tricky[(i + 1) % NTRICKY]);
      nn_writer_string(&w, tricky[i]);
      nn_writer_end(&w);
    }
    nn_table *t = read_back(fp, delims[d] == '\t' ? 0 : ',');
    EXPECT_HEADER(t, "first", "second", "third");
    for (size_t i = 0; i < NTRICKY; i++) {
      nn_err err;
      ck_assert_int_eq(nn_table_next(t, &err), 1);
      for (size_t j = 0; j < 3; j++) {
        const char *want = tricky[j == 1 ? (i + 1) % NTRICKY : i];
        ck_assert_msg(nn_table_field_len(t, j) == strlen(want) &&
                        strcmp(nn_table_field(t, j), want) == 0,
                      "delim %d, row %zu, field %zu: '%s', expected '%s'", delims[d], i, j,
                      nn_table_field(t, j), want);
      }
    }
    EXPECT_END(t);
    nn_table_close(t);
    fclose(fp);
  }
}
END_TEST

START_TEST(writer_round_trips_header_names)
{
  static const int delims[] = {'\t', ','};
  for (size_t d = 0; d < 2; d++) {
    FILE *fp = new_output();
    nn_writer w;
    nn_writer_init(&w, fp, delims[d]);
    for (size_t i = 0; i < NTRICKY; i++)
      nn_writer_string(&w, tricky[(i + 15) % NTRICKY]);  /* "#hash" first */
    nn_writer_end(&w);
    nn_table *t = read_back(fp, delims[d]);
    ck_assert_uint_eq(nn_table_ncols(t), NTRICKY);
    for (size_t i = 0; i < NTRICKY; i++)
      ck_assert_str_eq(nn_table_colname(t, i), tricky[(i + 15) % NTRICKY]);
    EXPECT_END(t);
    nn_table_close(t);
    fclose(fp);
  }
}
END_TEST

START_TEST(writer_quotes_only_what_it_must)
{
  FILE *fp = new_output();
  nn_writer w;
  nn_writer_init(&w, fp, '\t');
  const char *row1[] = {"a", "b,c", "d\"e", "#f"}, *row2[] = {"#g", "x\ty", "\"q", ""};
  for (int i = 0; i < 4; i++)
    nn_writer_string(&w, row1[i]);
  nn_writer_end(&w);
  for (int i = 0; i < 4; i++)
    nn_writer_string(&w, row2[i]);
  nn_writer_end(&w);
  nn_writer_number(&w, 0.1);
  nn_writer_number(&w, -2.5e-300);
  nn_writer_string(&w, "");
  nn_writer_number(&w, 1.0 / 3);
  nn_writer_end(&w);
  char *s = written_bytes(fp);
  ck_assert_str_eq(s, "a\tb,c\td\"e\t#f\n"
                      "\"#g\"\t\"x\ty\"\t\"\"\"q\"\t\n"
                      "0.1\t-2.5e-300\t\t0.3333333333333333\n");
  free(s);
  fclose(fp);

  fp = new_output();
  nn_writer_init(&w, fp, ',');
  nn_writer_string(&w, "b,c");
  nn_writer_string(&w, "d\"e");
  nn_writer_string(&w, "x\ty");
  nn_writer_end(&w);
  s = written_bytes(fp);
  ck_assert_str_eq(s, "\"b,c\",\"d\"\"e\",x\ty\n");
  free(s);
  fclose(fp);
}
END_TEST

START_TEST(writer_pairs_and_quantities)
{
  /* The rows of a 'quantity value' table, quoted as any other field. */
  FILE *fp = new_output();
  nn_writer w;
  nn_writer_init(&w, fp, '\t');
  nn_writer_pair(&w, "quantity", "value");
  nn_writer_quantity(&w, "loss", 0.25);
  nn_writer_quantity(&w, "params", 3);
  nn_writer_quantity(&w, "tiny", -1e-300);
  nn_writer_pair(&w, "verdict", "saddle-point");
  nn_writer_pair(&w, "name", "a\tb");
  nn_writer_pair(&w, "", "");
  char *s = written_bytes(fp);
  ck_assert_str_eq(s, "quantity\tvalue\nloss\t0.25\nparams\t3\n"
                   "tiny\t-1e-300\nverdict\tsaddle-point\n"
                   "name\t\"a\tb\"\n\t\n");
  free(s);
  fclose(fp);
}
END_TEST

START_TEST(writer_one_column_with_empty_fields)
{
  /* An empty field alone on its line would read as a blank line. */
  static const int delims[] = {'\t', ','};
  for (size_t d = 0; d < 2; d++) {
    FILE *fp = new_output();
    nn_writer w;
    nn_writer_init(&w, fp, delims[d]);
    const char *rows[] = {"v", "", "x", "", "#", "\r", ""};
    for (int i = 0; i < 7; i++) {
      nn_writer_string(&w, rows[i]);
      nn_writer_end(&w);
    }
    nn_table *t = read_back(fp, delims[d]);
    EXPECT_HEADER(t, "v");
    EXPECT_RECORD(t, 2, "");
    EXPECT_RECORD(t, 3, "x");
    EXPECT_RECORD(t, 4, "");
    EXPECT_RECORD(t, 5, "#");
    EXPECT_RECORD(t, 6, "\r");
    EXPECT_RECORD(t, 7, "");
    EXPECT_END(t);
    nn_table_close(t);
    char *s = written_bytes(fp);
    ck_assert_str_eq(s, "v\n\"\"\nx\n\"\"\n\"#\"\n\"\r\"\n\"\"\n");
    free(s);
    fclose(fp);
  }
  /* A header of one empty name. */
  FILE *fp = new_output();
  nn_writer w;
  nn_writer_init(&w, fp, '\t');
  nn_writer_string(&w, "");
  nn_writer_end(&w);
  nn_table *t = read_back(fp, 0);
  EXPECT_HEADER(t, "");
  nn_table_close(t);
  fclose(fp);
}
END_TEST

START_TEST(writer_round_trips_numbers)
{
  uint64_t state = 0x9E3779B97F4A7C15u;  /* xorshift64 */
  enum { N = 20000 };
  static double values[N];
  static const double special[] = {0.0, -0.0, DBL_MAX, -DBL_MAX, DBL_MIN, -DBL_MIN,
                                   DBL_TRUE_MIN, -DBL_TRUE_MIN, 0.1, 1.0 / 3, 1e23, 1};
  size_t nspecial = sizeof special / sizeof special[0];
  for (size_t i = 0; i < N; i++) {
    if (i < nspecial) {
      values[i] = special[i];
      continue;
    }
    do {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      uint64_t bits = i % 4 == 0 ? state & 0x800FFFFFFFFFFFFFu : state;  /* some denormals */
      memcpy(&values[i], &bits, sizeof bits);
    } while (!isfinite(values[i]));
  }
  FILE *fp = new_output();
  nn_writer w;
  nn_writer_init(&w, fp, '\t');
  nn_writer_string(&w, "x");
  nn_writer_string(&w, "y");
  nn_writer_end(&w);
  for (size_t i = 0; i < N; i += 2) {
    nn_writer_number(&w, values[i]);
    nn_writer_number(&w, values[i + 1]);
    nn_writer_end(&w);
  }
  nn_table *t = read_back(fp, 0);
  nn_err err;
  for (size_t i = 0; i < N; i += 2) {
    ASSERT_TRUE(nn_table_next(t, &err) == 1, "row %zu: %s", i / 2 + 1, err.msg);
    for (size_t j = 0; j < 2; j++) {
      double x;
      ASSERT_TRUE(nn_table_number(t, j, &x, &err) == NN_OK, "%s", err.msg);
      ASSERT_TRUE(memcmp(&x, &values[i + j], sizeof x) == 0, "%a read back as %a (%s)",
                    values[i + j], x, nn_table_field(t, j));
    }
  }
  EXPECT_END(t);
  nn_table_close(t);
  fclose(fp);
}
END_TEST

/* -- runner -------------------------------------------------------------- */

static Suite *table_suite(void)
{
  Suite *s = suite_create("table");
  TCase *tc = tcase_create("read");
  tcase_add_test(tc, reads_header_and_rows);
  tcase_add_test(tc, header_only_table_has_no_records);
  tcase_add_test(tc, empty_fields_are_kept);
  tcase_add_test(tc, spaces_are_part_of_fields);
  tcase_add_test(tc, standard_input_and_descriptors);
  tcase_add_test(tc, separator_is_tab_if_header_has_one);
  tcase_add_test(tc, separator_can_be_forced);
  tcase_add_test(tc, comment_lines_are_skipped);
  tcase_add_test(tc, blank_lines_are_skipped);
  tcase_add_test(tc, crlf_line_ends_are_not_kept);
  tcase_add_test(tc, utf8_bom_is_ignored);
  tcase_add_test(tc, quoted_fields_follow_rfc4180);
  tcase_add_test(tc, line_numbers_count_physical_lines);
  tcase_add_test(tc, last_line_without_line_end);
  tcase_add_test(tc, raw_is_the_record_bytes);
  tcase_add_test(tc, mixed_table_reads_as_expected);
  suite_add_tcase(s, tc);

  tc = tcase_create("big_and_piped");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, record_longer_than_read_buffer);
  tcase_add_test(tc, long_header_and_many_columns);
  tcase_add_test(tc, pipe_in_small_chunks_gives_same_records);
  tcase_add_test(tc, pipe_in_small_chunks_gives_same_errors);
  suite_add_tcase(s, tc);

  tc = tcase_create("columns");
  tcase_add_test(tc, column_by_name_or_index);
  tcase_add_test(tc, column_name_takes_precedence_over_index);
  tcase_add_test(tc, column_errors);
  tcase_add_test(tc, column_lists);
  suite_add_tcase(s, tc);

  tc = tcase_create("errors");
  tcase_add_test(tc, empty_table_has_no_header);
  tcase_add_test(tc, ragged_rows_are_errors);
  tcase_add_test(tc, ragged_mode_reads_any_number_of_fields);
  tcase_add_test(tc, unclosed_quote_names_its_line);
  tcase_add_test(tc, character_after_closing_quote);
  tcase_add_test(tc, numbers_in_fields);
  tcase_add_test(tc, same_columns_or_not);
  tcase_add_test(tc, nonexistent_file);
  suite_add_tcase(s, tc);

  tc = tcase_create("writer");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, writer_round_trips_strings);
  tcase_add_test(tc, writer_round_trips_header_names);
  tcase_add_test(tc, writer_quotes_only_what_it_must);
  tcase_add_test(tc, writer_one_column_with_empty_fields);
  tcase_add_test(tc, writer_round_trips_numbers);
  tcase_add_test(tc, writer_pairs_and_quantities);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(table_suite());
}
