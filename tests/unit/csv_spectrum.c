/* tests/unit/csv_spectrum.c -- conformance of the table reader with the
 * csv-spectrum suite (tests/data/csv-spectrum, see its README.md).
 *
 * Each csvs/NAME.csv is read with the separator forced to ',' and compared
 * with json/NAME.json, an array of objects that map header names to the
 * expected field text.  The data is found under $srcdir (the test harness
 * sets it to the source tree, so VPATH builds and `make distcheck` work).
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "unit.h"

static const char *const cases[] = {
  "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines",
  "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
};
#define NCASES ((int) (sizeof cases / sizeof cases[0]))

/* -- a tiny JSON reader, for exactly this shape: [ {"key": "value", ...}, ... ] */

typedef struct {
  char *text;
  size_t len;
} jstr;

typedef struct {
  size_t n;
  jstr key[64], value[64];
} jobject;

typedef struct {
  const char *start, *p, *end;
  const char *file;
} jparser;

static void skip_space(jparser *j)
{
  while (j->p < j->end && strchr(" \t\r\n", *j->p) != NULL)
    j->p++;
}

/* Consume the character C (after white space), or fail the test. */
static void expect_char(jparser *j, char c)
{
  skip_space(j);
  ck_assert_msg(j->p < j->end && *j->p == c, "%s: expected '%c' at offset %td", j->file, c,
                j->p - j->start);
  j->p++;
}

/* Is the next character (after white space) C?  Consume it if so. */
static int accept_char(jparser *j, char c)
{
  skip_space(j);
  if (j->p < j->end && *j->p == c) {
    j->p++;
    return 1;
  }
  return 0;
}

static int hex_value(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* A JSON string, its escapes decoded, UTF-8 passed through as it is.
 * \uXXXX (outside the surrogates) becomes UTF-8. */
static jstr parse_string(jparser *j)
{
  expect_char(j, '"');
  jstr s = {malloc((size_t) (j->end - j->p) + 1), 0};
  ck_assert_ptr_nonnull(s.text);
  for (;;) {
    ck_assert_msg(j->p < j->end, "%s: unterminated string", j->file);
    char c = *j->p++;
    if (c == '"')
      break;
    if (c != '\\') {
      s.text[s.len++] = c;
      continue;
    }
    ck_assert_msg(j->p < j->end, "%s: unterminated escape", j->file);
    c = *j->p++;
    switch (c) {
    case '"': case '\\': case '/': s.text[s.len++] = c; break;
    case 'b': s.text[s.len++] = '\b'; break;
    case 'f': s.text[s.len++] = '\f'; break;
    case 'n': s.text[s.len++] = '\n'; break;
    case 'r': s.text[s.len++] = '\r'; break;
    case 't': s.text[s.len++] = '\t'; break;
    case 'u': {
      unsigned u = 0;
      for (int k = 0; k < 4; k++) {
        int h = j->p < j->end ? hex_value(*j->p++) : -1;
        ck_assert_msg(h >= 0, "%s: bad \\u escape", j->file);
        u = 16 * u + (unsigned) h;
      }
      ck_assert_msg(u < 0xD800 || u > 0xDFFF, "%s: surrogates are not supported", j->file);
      if (u < 0x80) {
        s.text[s.len++] = (char) u;
      } else if (u < 0x800) {
        s.text[s.len++] = (char) (0xC0 | u >> 6);
        s.text[s.len++] = (char) (0x80 | (u & 0x3F));
      } else {
        s.text[s.len++] = (char) (0xE0 | u >> 12);
        s.text[s.len++] = (char) (0x80 | (u >> 6 & 0x3F));
        s.text[s.len++] = (char) (0x80 | (u & 0x3F));
      }
      break;
    }
    default:
      ck_abort_msg("%s: unknown escape '\\%c'", j->file, c);
    }
  }
  s.text[s.len] = '\0';
  return s;
}

/* The whole file: an array of objects with string values.  *N gets the
 * number of objects. */
static jobject *parse_json(const char *text, size_t len, const char *file, size_t *n)
{
  jparser j = {text, text, text + len, file};
  jobject *objs = NULL;
  *n = 0;
  expect_char(&j, '[');
  if (!accept_char(&j, ']')) {
    do {
      objs = realloc(objs, (*n + 1) * sizeof *objs);
      ck_assert_ptr_nonnull(objs);
      jobject *o = &objs[(*n)++];
      o->n = 0;
      expect_char(&j, '{');
      if (!accept_char(&j, '}')) {
        do {
          ck_assert_msg(o->n < 64, "%s: too many keys", file);
          o->key[o->n] = parse_string(&j);
          expect_char(&j, ':');
          o->value[o->n] = parse_string(&j);
          o->n++;
        } while (accept_char(&j, ','));
        expect_char(&j, '}');
      }
    } while (accept_char(&j, ','));
    expect_char(&j, ']');
  }
  skip_space(&j);
  ck_assert_msg(j.p == j.end, "%s: text after the array", file);
  return objs;
}

static void free_json(jobject *objs, size_t n)
{
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < objs[i].n; k++) {
      free(objs[i].key[k].text);
      free(objs[i].value[k].text);
    }
  free(objs);
}

/* The whole of file PATH; *LEN gets its length. */
static char *slurp(const char *path, size_t *len)
{
  FILE *fp = fopen(path, "rb");
  ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
  char *buf = NULL;
  size_t cap = 0;
  *len = 0;
  for (;;) {
    if (*len == cap) {
      cap = cap ? 2 * cap : 4096;
      buf = realloc(buf, cap);
      ck_assert_ptr_nonnull(buf);
    }
    size_t n = fread(buf + *len, 1, cap - *len, fp);
    if (n == 0)
      break;
    *len += n;
  }
  ck_assert(!ferror(fp));
  fclose(fp);
  return buf;
}

static const char *data_dir(void)
{
  const char *srcdir = getenv("srcdir");
  return srcdir && *srcdir ? srcdir : ".";
}

/* -- the tests -------------------------------------------------------------- */

START_TEST(json_reader_reads_escapes)
{
  static const char text[] = " [ {\"a\\\"b\": \"x\\\\y\\n\\r\\t\\/\\u00e9\\u20ac\\u0041\"}, {} ] ";
  size_t n;
  jobject *o = parse_json(text, sizeof text - 1, "inline", &n);
  ck_assert_uint_eq(n, 2);
  ck_assert_uint_eq(o[0].n, 1);
  ck_assert_str_eq(o[0].key[0].text, "a\"b");
  ck_assert_str_eq(o[0].value[0].text, "x\\y\n\r\t/\xC3\xA9\xE2\x82\xAC" "A");
  ck_assert_uint_eq(o[1].n, 0);
  free_json(o, n);
}
END_TEST

/* Read csvs/NAME.csv and compare it with json/NAME.json. */
START_TEST(csv_spectrum_case)
{
  const char *name = cases[_i];
  char csv[4096], json[4096];
  snprintf(csv, sizeof csv, "%s/tests/data/csv-spectrum/csvs/%s.csv", data_dir(), name);
  snprintf(json, sizeof json, "%s/tests/data/csv-spectrum/json/%s.json", data_dir(), name);
  size_t jlen, n;
  char *jtext = slurp(json, &jlen);
  jobject *want = parse_json(jtext, jlen, json, &n);
  free(jtext);
  ck_assert_msg(n > 0, "%s: no records", json);

  nn_err err;
  nn_table *t = nn_table_open(csv, ',', &err);
  ck_assert_msg(t != NULL, "%s", err.msg);
  ck_assert_uint_eq(nn_table_ncols(t), want[0].n);
  for (size_t i = 0; i < n; i++) {
    nn_err_clear(&err);
    int r = nn_table_next(t, &err);
    ck_assert_msg(r == 1, "%s: record %zu: nn_table_next gives %d (%s)", name, i + 1, r, err.msg);
    ck_assert_uint_eq(want[i].n, nn_table_ncols(t));
    for (size_t k = 0; k < want[i].n; k++) {
      size_t j;
      ck_assert_msg(nn_table_column(t, want[i].key[k].text, &j, &err) == NN_OK, "%s: %s", name,
                    err.msg);
      const char *f = nn_table_field(t, j);
      size_t len = nn_table_field_len(t, j);
      ck_assert_msg(len == want[i].value[k].len && memcmp(f, want[i].value[k].text, len) == 0,
                    "%s: record %zu, column '%s': '%.*s', expected '%s'", name, i + 1,
                    want[i].key[k].text, (int) len, f, want[i].value[k].text);
    }
  }
  nn_err_clear(&err);
  ck_assert_msg(nn_table_next(t, &err) == 0, "%s: more records than expected (%s)", name,
                err.msg);
  nn_table_close(t);
  free_json(want, n);
}
END_TEST

START_TEST(crlf_cases_have_crlf_line_ends)
{
  /* The *_crlf files must keep their CR bytes (see the data's README.md). */
  static const char *const crlf[] = {"empty_crlf", "newlines_crlf", "simple_crlf"};
  for (size_t c = 0; c < 3; c++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/csv-spectrum/csvs/%s.csv", data_dir(), crlf[c]);
    size_t len;
    char *text = slurp(path, &len);
    size_t lf = 0;
    for (size_t i = 0; i < len; i++)
      if (text[i] == '\n') {
        lf++;
        ck_assert_msg(i > 0 && text[i - 1] == '\r', "%s: a line ends without CR", path);
      }
    ck_assert_msg(lf > 0, "%s: no line ends", path);
    free(text);
  }
}
END_TEST

static Suite *csv_spectrum_suite(void)
{
  Suite *s = suite_create("csv_spectrum");
  TCase *tc = tcase_create("conformance");
  tcase_add_test(tc, json_reader_reads_escapes);
  tcase_add_test(tc, crlf_cases_have_crlf_line_ends);
  tcase_add_loop_test(tc, csv_spectrum_case, 0, NCASES);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(csv_spectrum_suite());
}
