/* tests/unit/plot.c -- Check suite for lib/plot.h: the gnuplot scripts
 * nn-plot writes, the quoting of every user text, the checks of the data
 * (grids, log axes, missing columns), and the running of gnuplot (with a
 * stand-in program, so that these tests need no gnuplot).
 *
 * Quoting is checked two ways: exact fragments of scripts, and a property:
 * for many random texts, a small reader of gnuplot string expressions (the
 * one form nn_plot_quote writes: '...' with '' for a quote, joined by "."
 * to "\n") gives the text back, and no raw control character is inside.
 */
#include <config.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "number.h"
#include "plot.h"
#include "table.h"
#include "unit.h"

/* -- helpers ---------------------------------------------------------------- */

/* A table read from TEXT through a temporary file, named NAME in messages. */
typedef struct {
  FILE *fp;      /* the temporary file */
  nn_table *t;   /* the table on it */
} text_table;

static text_table table_of(const char *text, const char *name)
{
  text_table tt;
  nn_err err;
  tt.fp = tmpfile();
  ck_assert_ptr_nonnull(tt.fp);
  fputs(text, tt.fp);
  fflush(tt.fp);
  rewind(tt.fp);
  tt.t = nn_table_open_fd(fileno(tt.fp), name, 0, &err);
  ck_assert_msg(tt.t != NULL, "%s", err.msg);
  return tt;
}

static void table_done(text_table *tt)
{
  if (tt->t)
    nn_table_close(tt->t);
  if (tt->fp)
    fclose(tt->fp);
}

/* Read TEXT (and REGIONS, PATH when not NULL) for O; NULL with *ERR on
 * failure. */
static nn_plot *read_text(const nn_plot_opts *o, const char *text,
                          const char *regions, const char *path, nn_err *err)
{
  text_table d = table_of(text, "t.tsv"), r = {0}, p = {0};
  if (regions)
    r = table_of(regions, "r.tsv");
  if (path)
    p = table_of(path, "p.tsv");
  nn_plot *pl = nn_plot_read(o, d.t, r.t, p.t, err);
  table_done(&d);
  table_done(&r);
  table_done(&p);
  return pl;
}

/* The script of P for TERM (default size) as a string; free it. */
static char *script_of(const nn_plot *p, nn_plot_term term, const char *output)
{
  char *buf = NULL;
  size_t len = 0;
  nn_err err;
  FILE *fp = open_memstream(&buf, &len);
  ck_assert_ptr_nonnull(fp);
  ck_assert_int_eq(nn_plot_script(fp, p, term, 0, 0, output, &err), NN_OK);
  fclose(fp);
  return buf;
}

/* Read TEXT for O and return its text script; the read must succeed. */
static char *script_for(const nn_plot_opts *o, const char *text,
                        const char *regions, const char *path,
                        nn_plot_term term)
{
  nn_err err;
  nn_plot *p = read_text(o, text, regions, path, &err);
  ck_assert_msg(p != NULL, "%s", err.msg);
  char *s = script_of(p, term, NULL);
  nn_plot_free(p);
  return s;
}

/* Reading TEXT for O fails with STATUS and exactly MSG. */
static void read_fails(const nn_plot_opts *o, const char *text,
                       const char *regions, const char *path, int status,
                       const char *msg)
{
  nn_err err;
  nn_err_clear(&err);
  nn_plot *p = read_text(o, text, regions, path, &err);
  ck_assert_ptr_null(p);
  ck_assert_int_eq(err.status, status);
  ck_assert_str_eq(err.msg, msg);
}

#define HAS(s, frag) \
  ASSERT_TRUE(strstr((s), (frag)) != NULL, "missing: [%s]\nin:\n%s", (frag), (s))
#define LACKS(s, frag) \
  ASSERT_TRUE(strstr((s), (frag)) == NULL, "unexpected: [%s]\nin:\n%s", (frag), (s))

static char *quoted(const char *s)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  nn_plot_quote(fp, s);
  fclose(fp);
  return buf;
}

/* Read the gnuplot string expression E (only the forms nn_plot_quote
 * writes: '...' with no quote inside, "'" and "\n", joined by dots) into
 * OUT; 0 if E is not such an expression. */
static int read_gp_string(const char *e, char *out, size_t size)
{
  size_t n = 0;
  for (;;) {
    if (n + 2 >= size)
      return 0;
    if (*e == '\'') {
      for (e++; *e != '\''; e++) {
        if (*e == '\0' || (unsigned char) *e < 0x20 || *e == 0x7f)
          return 0;  /* unterminated, or a raw control character */
        if (n + 1 >= size)
          return 0;
        out[n++] = *e;
      }
      e++;
    } else if (strncmp(e, "\"\\n\"", 4) == 0) {
      out[n++] = '\n';
      e += 4;
    } else if (strncmp(e, "\"'\"", 3) == 0) {
      out[n++] = '\'';
      e += 3;
    } else {
      return 0;
    }
    if (*e == '\0')
      break;
    if (*e++ != '.')
      return 0;
  }
  out[n] = '\0';
  return 1;
}

/* Every datablock of script S holds only numbers (in nn-table syntax), at
 * most NCOLS a line; its end marker is the only line "EOD". */
static void blocks_hold_numbers(const char *s)
{
  const char *p = s;
  int blocks = 0;
  while ((p = strstr(p, " << EOD\n")) != NULL) {
    blocks++;
    p += 8;
    for (;;) {
      size_t len = strcspn(p, "\n");
      ASSERT_TRUE(p[len] == '\n', "datablock not closed");
      if (len == 3 && strncmp(p, "EOD", 3) == 0)
        break;
      char line[512];
      ASSERT_TRUE(len < sizeof line, "long line");
      memcpy(line, p, len);
      line[len] = '\0';
      for (char *tok = strtok(line, " "); tok; tok = strtok(NULL, " ")) {
        double x;
        ASSERT_TRUE(nn_number_parse(tok, strlen(tok), &x) == NN_NUMBER_OK,
                    "not a number in a datablock: '%s'", tok);
      }
      p += len + 1;
    }
  }
  ASSERT_TRUE(blocks > 0, "no datablock");
}

/* -- quoting ---------------------------------------------------------------- */

START_TEST(quote_known)
{
  static const struct { const char *in, *out; } cases[] = {
    {"loss", "'loss'"},
    {"", "''"},
    {"it's", "'it'.\"'\".'s'"},
    {"'", "\"'\""},
    {"''x", "\"'\".\"'\".'x'"},
    {"a''", "'a'.\"'\".\"'\""},
    {"x' ; system('touch pwned') ; '",
     "'x'.\"'\".' ; system('.\"'\".'touch pwned'.\"'\".') ; '.\"'\""},
    {"a\nb", "'a'.\"\\n\".'b'"},
    {"\n", "\"\\n\""},
    {"\n'\n", "\"\\n\".\"'\".\"\\n\""},
    {"back\\slash\\", "'back\\slash\\'"},
    {"`date` @x $y \"q\" # !ls", "'`date` @x $y \"q\" # !ls'"},
    {"tab\there\rcr\x01" "x\x7f", "'tab here cr x '"},
    {"\xc3\xa9t\xc3\xa9", "'\xc3\xa9t\xc3\xa9'"},
    {"\xf0\x9f\x98\x80!", "'\xf0\x9f\x98\x80!'"},
    {"bad \xff\xfe", "'bad ?\?'"},
    {"cut \xc3", "'cut ?'"},
    {"\xc3'", "'?'.\"'\""},
    {"\xc0\xaf overlong", "'?\? overlong'"},
    {"\xed\xa0\x80 surrogate", "'?\?\? surrogate'"},
    {"\xf4\x90\x80\x80 too big", "'?\?\?\? too big'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *q = quoted(cases[i].in);
    ck_assert_str_eq(q, cases[i].out);
    free(q);
  }
}
END_TEST

START_TEST(quote_reads_back)
{
  /* Random texts over an alphabet rich in what gnuplot treats specially. */
  static const char alphabet[] = "'\"\\\n\r\t`@$!#;,.:()[]{}^_&~ aZ09\x01\x7f\xe9";
  uint64_t state = 88172645463325252u;
  char text[64], back[512];
  for (int trial = 0; trial < 20000; trial++) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    size_t n = state % 40;
    for (size_t i = 0; i < n; i++) {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      text[i] = alphabet[state % (sizeof alphabet - 1)];
    }
    text[n] = '\0';
    char *q = quoted(text);
    ASSERT_TRUE(read_gp_string(q, back, sizeof back),
                "not a string expression: %s", q);
    for (size_t i = 0; i < n; i++) {  /* what gnuplot should see */
      unsigned char c = (unsigned char) text[i];
      if (c != '\n' && (c < 0x20 || c == 0x7f))
        text[i] = ' ';
      else if (c == 0xe9)  /* alone, not UTF-8 */
        text[i] = '?';
    }
    ASSERT_TRUE(strcmp(back, text) == 0, "'%s' read back as '%s'", text, back);
    free(q);
  }
}
END_TEST

/* -- names, sizes and options ----------------------------------------------- */

START_TEST(kinds_and_terminals)
{
  nn_plot_kind k;
  nn_plot_term t;
  nn_err err;
  static const char *names[] = {"line", "scatter", "contour", "heatmap",
                                "surface", "hist"};
  for (int i = 0; i < 6; i++) {
    ck_assert_int_eq(nn_plot_kind_parse(names[i], &k, &err), NN_OK);
    ck_assert_int_eq(k, i);
    ck_assert_str_eq(nn_plot_kind_name(k), names[i]);
  }
  ck_assert_int_eq(nn_plot_kind_parse("dashboard", &k, &err), NN_EINVAL);
  ck_assert_str_eq(err.msg, "--kind: 'dashboard' is not one of line, "
                   "scatter, contour, heatmap, surface, hist");
  ck_assert_str_eq(nn_plot_kind_name(NN_PLOT_DASHBOARD), "dashboard");

  static const struct { const char *path; int term; } terms[] = {
    {"a.png", NN_PLOT_PNG}, {"dir.x/A.PNG", NN_PLOT_PNG}, {"a.svg", NN_PLOT_SVG},
    {"a.Pdf", NN_PLOT_PDF}, {"a.txt", NN_PLOT_DUMB}, {"-", NN_PLOT_DUMB},
    {NULL, NN_PLOT_DUMB},
  };
  for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++) {
    ck_assert_int_eq(nn_plot_term_for(terms[i].path, &t, &err), NN_OK);
    ck_assert_int_eq(t, terms[i].term);
  }
  static const char *bad[] = {"a.jpg", "png", ".png", "a.png.tmp", "a"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char want[128];
    ck_assert_int_eq(nn_plot_term_for(bad[i], &t, &err), NN_EINVAL);
    snprintf(want, sizeof want, "--output: '%s' does not end in .png, .svg, "
             ".pdf or .txt", bad[i]);
    ck_assert_str_eq(err.msg, want);
  }
}
END_TEST

START_TEST(sizes)
{
  unsigned w = 0, h = 0;
  nn_err err;
  ck_assert_int_eq(nn_plot_parse_size("800x600", &w, &h, &err), NN_OK);
  ck_assert_uint_eq(w, 800);
  ck_assert_uint_eq(h, 600);
  ck_assert_int_eq(nn_plot_parse_size("1x10000", &w, &h, &err), NN_OK);
  ck_assert_uint_eq(w, 1);
  ck_assert_uint_eq(h, 10000);
  static const char *bad[] = {"", "800", "800x", "x600", "0x5", "5x0",
                              "10001x5", "-1x5", "8 x6", "8x6 ", "8X6",
                              "99999999999999999999x1", "1.5x2", "+8x6"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char want[128];
    ck_assert_int_eq(nn_plot_parse_size(bad[i], &w, &h, &err), NN_EINVAL);
    snprintf(want, sizeof want, "--size: '%s' is not WIDTHxHEIGHT (whole "
             "numbers from 1 to 10000)", bad[i]);
    ck_assert_str_eq(err.msg, want);
  }
}
END_TEST

START_TEST(option_combinations)
{
  static const struct {
    int kind;
    const char *field;   /* which option is set */
    int regions, path;
    const char *msg;     /* NULL: accepted */
  } cases[] = {
    {NN_PLOT_HIST, "y", 0, 0, "-y: --kind hist draws the one column of -x"},
    {NN_PLOT_DASHBOARD, "y", 0, 0,
     "-y: not with --dashboard, which draws the columns of the log"},
    {NN_PLOT_DASHBOARD, "ylabel", 0, 0,
     "--ylabel: not with --dashboard, whose panels have their titles"},
    {NN_PLOT_LINE, "z", 0, 0, "-z: only for --kind contour, heatmap and surface"},
    {NN_PLOT_CONTOUR, "z", 0, 0, NULL},
    {NN_PLOT_HIST, "by", 0, 0, "--by: only for --kind line and scatter"},
    {NN_PLOT_SCATTER, "by", 0, 0, NULL},
    {NN_PLOT_HEATMAP, "logx", 0, 0, "--logx: only for --kind line and scatter"},
    {NN_PLOT_DASHBOARD, "logy", 0, 0, "--logy: only for --kind line and scatter"},
    {NN_PLOT_LINE, NULL, 1, 0, "--regions: only for --kind scatter"},
    {NN_PLOT_SCATTER, "regions_by", 0, 0, "--regions-by needs --regions"},
    {NN_PLOT_SCATTER, "regions_by", 1, 0, NULL},
    {NN_PLOT_HIST, NULL, 0, 1, "--path: only for --kind contour, heatmap and surface"},
    {NN_PLOT_HEATMAP, "path_x", 0, 0, "--path-x needs --path"},
    {NN_PLOT_HEATMAP, "path_y", 0, 0, "--path-y needs --path"},
    {NN_PLOT_SURFACE, "path_z", 0, 0, "--path-z needs --path"},
    {NN_PLOT_CONTOUR, "path_z", 0, 1, "--path-z: only for --kind surface"},
    {NN_PLOT_SURFACE, "path_z", 0, 1, NULL},
    {NN_PLOT_LINE, "bins", 0, 0, "--bins: only for --kind hist"},
    {NN_PLOT_HIST, "bins", 0, 0, NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    nn_plot_opts o;
    nn_err err;
    nn_plot_opts_init(&o);
    o.kind = (nn_plot_kind) cases[i].kind;
    const char *f = cases[i].field;
    if (f == NULL);
    else if (!strcmp(f, "y")) o.y = "a";
    else if (!strcmp(f, "z")) o.z = "a";
    else if (!strcmp(f, "by")) o.by = "a";
    else if (!strcmp(f, "ylabel")) o.ylabel = "a";
    else if (!strcmp(f, "logx")) o.logx = 1;
    else if (!strcmp(f, "logy")) o.logy = 1;
    else if (!strcmp(f, "regions_by")) o.regions_by = "a";
    else if (!strcmp(f, "path_x")) o.path_x = "a";
    else if (!strcmp(f, "path_y")) o.path_y = "a";
    else if (!strcmp(f, "path_z")) o.path_z = "a";
    else if (!strcmp(f, "bins")) o.bins = 3;
    int r = nn_plot_check_opts(&o, cases[i].regions, cases[i].path, &err);
    if (cases[i].msg == NULL) {
      ck_assert_msg(r == NN_OK, "case %zu: %s", i, err.msg);
    } else {
      ck_assert_int_eq(r, NN_EINVAL);
      ck_assert_str_eq(err.msg, cases[i].msg);
    }
  }
}
END_TEST

/* -- scripts ------------------------------------------------------------------ */

START_TEST(line_script_whole)
{
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  char *s = script_for(&o, "# a log\nstep\tloss\n0\t1\n1\t0.5\n2\t1e-20\n",
                       NULL, NULL, NN_PLOT_DUMB);
  ck_assert_str_eq(s,
    "# A gnuplot script written by nn-plot (nnkit " PACKAGE_VERSION "): a line plot.\n"
    "# The data are inline, in datablocks ($name << EOD ... EOD):\n"
    "# \"gnuplot FILE\" draws the picture again, with any edits.\n"
    "set terminal dumb size 79,24 noenhanced\n"
    "set xlabel 'step'\n"
    "set ylabel 'loss'\n"
    "$line1 << EOD\n0 1\n1 0.5\n2 1e-20\nEOD\n"
    "plot $line1 using 1:2 with lines lt 1 lw 2 dt 1 lc rgb '#0072B2' notitle\n");
  free(s);
}
END_TEST

START_TEST(line_series_and_options)
{
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  /* Default y: every other column with a number in the first row. */
  const char *t = "step,name,loss,lr\n1,a,2,0.1\n10,b,1,0.05\n";
  char *s = script_for(&o, t, NULL, NULL, NN_PLOT_DUMB);
  HAS(s, "set xlabel 'step'\n$line1 << EOD\n1 2\n10 1\nEOD\n"
         "$line2 << EOD\n1 0.1\n10 0.05\nEOD\n");
  LACKS(s, "set ylabel");
  HAS(s, "plot $line1 using 1:2 with lines lt 1 lw 2 dt 1 lc rgb '#0072B2' "
         "title 'loss', \\\n     $line2 using 1:2 with lines lt 2 lw 2 dt 1 "
         "lc rgb '#E69F00' title 'lr'\n");
  free(s);

  o.logx = o.logy = 1;
  o.x = "1";
  o.y = "lr";
  o.title = "T";
  o.xlabel = "X";
  o.ylabel = "Y";
  s = script_for(&o, t, NULL, NULL, NN_PLOT_PNG);
  HAS(s, "set terminal pngcairo size 800,600 noenhanced\nset title 'T'\n"
         "set xlabel 'X'\nset ylabel 'Y'\nset logscale x\nset format x '%g'\n"
         "set logscale y\nset format y '%g'\n");
  free(s);

  /* --by: a series per value, titled by it; the key titled by the column. */
  nn_plot_opts_init(&o);
  o.by = "opt";
  o.y = "loss";
  s = script_for(&o, "step\topt\tloss\n1\tsgd\t3\n1\tadam\t2\n2\tsgd\t1\n"
                 "2\tadam\t0.5\n", NULL, NULL, NN_PLOT_DUMB);
  HAS(s, "set key title 'opt'\n$line1 << EOD\n1 3\n2 1\nEOD\n"
         "$line2 << EOD\n1 2\n2 0.5\nEOD\n");
  HAS(s, "title 'sgd', \\\n     $line2 ");
  HAS(s, "title 'adam'\n");
  free(s);
  /* Several columns and --by: "value: column". */
  o.y = "loss,step";
  s = script_for(&o, "step\topt\tloss\n1\tsgd\t3\n1\tadam\t2\n", NULL, NULL,
                 NN_PLOT_DUMB);
  HAS(s, "title 'sgd: loss'");
  HAS(s, "title 'sgd: step'");
  HAS(s, "title 'adam: loss'");
  HAS(s, "$line4 << EOD\n1 1\nEOD\n");
  free(s);
}
END_TEST

START_TEST(hostile_names_stay_text)
{
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  o.title = "t'; system('touch pwned'); '\nset output 'x'";
  o.xlabel = "`touch pwned` @GPVAL_VERSION";
  char *s = script_for(&o, "step\t\"y' ; system('touch pwned') ; '\"\t"
                       "\"EOD\nload 'x.gp'\"\t\"a\\\"\n1\t2\t3\t4\n", NULL, NULL,
                       NN_PLOT_DUMB);
  HAS(s, "\nset title 't'.\"'\".'; system('.\"'\".'touch pwned'.\"'\".'); '"
         ".\"'\".\"\\n\".'set output '.\"'\".'x'.\"'\"\n");
  HAS(s, "\nset xlabel '`touch pwned` @GPVAL_VERSION'\n");
  HAS(s, " title 'y'.\"'\".' ; system('.\"'\".'touch pwned'.\"'\".') ; '.\"'\", "
         "\\\n");
  HAS(s, " title 'EOD'.\"\\n\".'load '.\"'\".'x.gp'.\"'\", \\\n");
  HAS(s, " title 'a\\'\n");
  blocks_hold_numbers(s);
  /* No line of the script but the three ends of blocks is "EOD". */
  int eods = 0;
  for (const char *p = s; (p = strstr(p, "\nEOD\n")) != NULL; p += 4)
    eods++;
  ck_assert_int_eq(eods, 3);
  free(s);
}
END_TEST

START_TEST(output_and_terminals)
{
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  nn_err err;
  nn_plot *p = read_text(&o, "x,y\n1,2\n", NULL, NULL, &err);
  ck_assert_ptr_nonnull(p);
  char *s = script_of(p, NN_PLOT_SVG, "it's.svg");
  HAS(s, "\nset terminal svg size 800,600 noenhanced background rgb 'white'\n"
         "set output 'it'.\"'\".'s.svg'\n");
  ck_assert_msg(strlen(s) > 13 && !strcmp(s + strlen(s) - 13, "unset output\n"),
                "%s", s);
  free(s);
  s = script_of(p, NN_PLOT_PDF, NULL);
  HAS(s, "\nset terminal pdfcairo size 7.0in,5.0in noenhanced\n");
  LACKS(s, "output");
  free(s);
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  ck_assert_int_eq(nn_plot_script(fp, p, NN_PLOT_PNG, 300, 200, NULL, &err), NN_OK);
  ck_assert_int_eq(nn_plot_script(fp, p, NN_PLOT_DUMB, 100, 30, NULL, &err), NN_OK);
  ck_assert_int_eq(nn_plot_script(fp, p, NN_PLOT_PDF, 144, 36, NULL, &err), NN_OK);
  fclose(fp);
  HAS(buf, "set terminal pngcairo size 300,200 noenhanced\n");
  HAS(buf, "set terminal dumb size 100,30 noenhanced\n");
  HAS(buf, "set terminal pdfcairo size 2.0in,0.5in noenhanced\n");
  free(buf);
  nn_plot_free(p);
}
END_TEST

START_TEST(scatter_classes_and_regions)
{
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  o.kind = NN_PLOT_SCATTER;
  o.by = "label";
  const char *pts = "x1\tx2\tlabel\n0\t0\tcat\n1\t1\tdog\n0.5\t0\tcat\n";
  /* The grid is given out of order; dog is the first class again. */
  const char *reg = "x1\tx2\tprediction\n1\t2\tdog\n0\t0\tcat\n1\t0\tdog\n"
                    "0\t2\tbird\n";
  char *s = script_for(&o, pts, reg, NULL, NN_PLOT_PNG);
  /* x y xlo xhi ylo yhi rgb class: cells reach halfway to the neighbours. */
  HAS(s, "$regions << EOD\n0 0 -0.5 0.5 -1 1 29362 0\n0 2 -0.5 0.5 1 3 "
         "40563 2\n1 0 0.5 1.5 -1 1 15113984 1\n1 2 0.5 1.5 1 3 15113984 1\n"
         "EOD\n");
  HAS(s, "$class1 << EOD\n0 0\n0.5 0\nEOD\n$class2 << EOD\n1 1\nEOD\n");
  HAS(s, "set key title 'label'\n");
  HAS(s, "plot $regions using 1:2:3:4:5:6:7 with boxxyerror fillstyle solid "
         "0.3 noborder lc rgb variable notitle, \\\n     $class1 using 1:2 with "
         "points pt 7 ps 0.8 lc rgb '#0072B2' title 'cat', \\\n     $class2 "
         "using 1:2 with points pt 7 ps 0.8 lc rgb '#E69F00' title 'dog'\n");
  free(s);
  s = script_for(&o, pts, reg, NULL, NN_PLOT_DUMB);
  HAS(s, "set key below\n");
  LACKS(s, "key title");
  HAS(s, "plot $regions using 1:2:(substr('abcdefghijklmnopqrstuvwxyz', "
         "int($8) % 26 + 1, int($8) % 26 + 1)) with labels notitle, \\\n"
         "     $class1 using 1:2 with points pt 'A' title 'cat', \\\n"
         "     $class2 using 1:2 with points pt 'B' title 'dog'\n");
  free(s);
  /* Without --by: one series, no key, black points; -y defaults to the
   * first column that is not x. */
  nn_plot_opts_init(&o);
  o.kind = NN_PLOT_SCATTER;
  o.x = "x2";
  s = script_for(&o, pts, NULL, NULL, NN_PLOT_PNG);
  HAS(s, "set xlabel 'x2'\nset ylabel 'x1'\n");
  HAS(s, "$class1 << EOD\n0 0\n1 1\n0 0.5\nEOD\nplot $class1 using 1:2 "
         "with points pt 7 ps 0.8 lc rgb '#000000' notitle\n");
  free(s);
}
END_TEST

START_TEST(grid_sorted_into_scans)
{
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  o.kind = NN_PLOT_HEATMAP;
  /* y varies first in the file; the scans must be by x. */
  const char *g = "a\tb\tloss\n0\t0\t1\n1\t0\t2\n0\t1\t3\n1\t1\t4\n0\t2\t5\n"
                  "1\t2\t6\n";
  char *s = script_for(&o, g, NULL, NULL, NN_PLOT_PNG);
  HAS(s, "$grid << EOD\n0 0 1\n0 1 3\n0 2 5\n\n1 0 2\n1 1 4\n1 2 6\nEOD\n");
  HAS(s, "set xlabel 'a'\nset ylabel 'b'\n");
  /* Evenly spaced: a cell per point, half a step beyond the outer ones. */
  HAS(s, "set xrange [-0.5:1.5]\nset yrange [-0.5:2.5]\n");
  HAS(s, "set cblabel 'loss'\nset autoscale cbfix\nplot $grid using 1:2:3 "
         "with image notitle\n");
  LACKS(s, "pm3d");
  free(s);
  /* Unevenly spaced in y (0, 1, 3): pm3d's quads between the points, the
   * grid's own range. */
  const char *u = "a\tb\tloss\n0\t0\t1\n1\t0\t2\n0\t1\t3\n1\t1\t4\n"
                  "0\t3\t5\n1\t3\t6\n";
  s = script_for(&o, u, NULL, NULL, NN_PLOT_PNG);
  HAS(s, "set xrange [0.0:1.0]\nset yrange [0.0:3.0]\n");
  HAS(s, "set cblabel 'loss'\nset autoscale cbfix\nset view map\nsplot $grid "
         "using 1:2:3 with pm3d notitle\n");
  LACKS(s, "with image");
  free(s);
  s = script_for(&o, g, NULL, NULL, NN_PLOT_DUMB);
  HAS(s, "set xrange [-0.5:1.5]\nset yrange [-0.5:2.5]\n");
  HAS(s, "level(z) = 1 + int(8.999 * (z - 1.0) / (6.0 - 1.0))\n");
  HAS(s, "plot $grid using 1:2:(shade($3)) with labels title '. low  @ high'\n");
  free(s);
  /* A flat grid: every point the lightest shade. */
  s = script_for(&o, "x,y,z\n0,0,7\n0,1,7\n1,0,7\n1,1,7\n", NULL, NULL,
                 NN_PLOT_DUMB);
  HAS(s, "level(z) = 1\n");
  free(s);
}
END_TEST

START_TEST(contour_levels_and_path)
{
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  o.kind = NN_PLOT_CONTOUR;
  /* 100 points, z = 0..99: the levels are the 5th, 15th, ... values. */
  char g[4096] = "x\ty\tz\n";
  for (int i = 0; i < 10; i++)
    for (int j = 0; j < 10; j++)
      snprintf(g + strlen(g), sizeof g - strlen(g), "%d\t%d\t%d\n", i, j,
               10 * i + j);
  const char *path = "step\ty\tx\tloss\n0\t0.5\t1\t9\n1\t0.25\t2\t4\n";
  char *s = script_for(&o, g, NULL, path, NN_PLOT_PNG);
  HAS(s, "set cntrparam levels discrete 5.0,15.0,25.0,35.0,45.0,55.0,65.0,"
         "75.0,85.0,95.0\nset table $contours\nsplot $grid using 1:2:3 "
         "notitle\nunset table\nunset contour\n");
  /* The path's columns are found by the grid's names, x and y. */
  HAS(s, "$path << EOD\n1 0.5\n2 0.25\nEOD\n");
  HAS(s, "plot $contours using 1:2:3 with lines lw 1.5 lc palette notitle, "
         "\\\n     $path using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb "
         "'#000000' title 'p.tsv', \\\n     $path every ::0::0 using 1:2 with "
         "points pt 6 ps 2 lc rgb '#000000' title 'start'\n");
  free(s);
  s = script_for(&o, g, NULL, path, NN_PLOT_DUMB);
  HAS(s, "set cntrparam levels discrete 10.0,30.0,50.0,70.0,90.0\n");
  HAS(s, "plot $contours using 1:2 with lines lt 1 notitle, \\\n     $path "
         "using 1:2 with linespoints lw 2 pt 'o' lc rgb '#000000' title "
         "'p.tsv'");
  free(s);
  /* A surface draws the path at its z column (--path-z, else the grid's). */
  o.kind = NN_PLOT_SURFACE;
  s = script_for(&o, "x\ty\tloss\n0\t0\t1\n0\t1\t2\n1\t0\t3\n1\t1\t4\n", NULL,
                 path, NN_PLOT_PNG);
  HAS(s, "$path << EOD\n1 0.5 9\n2 0.25 4\nEOD\n");
  HAS(s, "set zlabel 'loss'\nset xyplane at 1.0\n");
  HAS(s, "splot $grid using 1:2:3 with pm3d notitle, \\\n     $path using "
         "1:2:3 with linespoints");
  free(s);
  o.path_x = "x";
  o.path_y = "step";
  o.path_z = "y";
  s = script_for(&o, "x\ty\tloss\n0\t0\t1\n0\t1\t2\n1\t0\t3\n1\t1\t4\n", NULL,
                 path, NN_PLOT_DUMB);
  HAS(s, "$path << EOD\n1 0 0.5\n2 1 0.25\nEOD\n");
  HAS(s, "set hidden3d\nsplot $grid using 1:2:3 with lines notitle");
  free(s);
}
END_TEST

START_TEST(hist_bins)
{
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  o.kind = NN_PLOT_HIST;
  o.x = "v";
  o.bins = 4;
  /* [0, 8] in four bins of 2; 8 falls in the last (closed) one. */
  char *s = script_for(&o, "id,v\na,0\nb,1.9\nc,2\nd,7\ne,8\nf,3\n", NULL,
                       NULL, NN_PLOT_PNG);
  HAS(s, "set xlabel 'v'\nset ylabel 'count'\n$hist << EOD\n1 2 2\n3 2 2\n"
         "5 0 2\n7 2 2\nEOD\nset xrange [0.0:8.0]\n");
  HAS(s, "plot $hist using 1:2:3 with boxes lc rgb '#0072B2' notitle\n");
  free(s);
  /* Default bins: Sturges, 1 + ceil(log2 n): 8 values, 4 bins. */
  o.bins = 0;
  s = script_for(&o, "v\n1\n2\n3\n4\n5\n6\n7\n9\n", NULL, NULL, NN_PLOT_PNG);
  HAS(s, "$hist << EOD\n2 2 2\n4 2 2\n6 2 2\n8 2 2\nEOD\n");
  free(s);
  /* One value: one bin of width 1 around it. */
  s = script_for(&o, "v\n3\n3\n", NULL, NULL, NN_PLOT_PNG);
  HAS(s, "$hist << EOD\n3 2 1\nEOD\nset xrange [2.5:3.5]\n");
  free(s);
  /* The extremes of the doubles do not overflow the bins. */
  o.bins = 2;
  s = script_for(&o, "v\n-1e308\n1e308\n1e308\n", NULL, NULL, NN_PLOT_PNG);
  HAS(s, "$hist << EOD\n-5e+307 1 1e+308\n5e+307 2 1e+308\nEOD\n");
  free(s);
}
END_TEST

START_TEST(dashboard_panels)
{
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  o.kind = NN_PLOT_DASHBOARD;
  o.title = "run 1";
  const char *log =
    "# nn-train log\nepoch\tstep\tlr\tloss\tgrad_norm\tvalid_loss\tseconds\n"
    "0\t0\t0.1\t2\t1\t2.5\t0\n1\t10\t0.1\t1\t0.5\t1.5\t0.01\n";
  char *s = script_for(&o, log, NULL, NULL, NN_PLOT_PNG);
  HAS(s, "set terminal pngcairo size 1000,800 noenhanced\nset xlabel 'step'\n"
         "$log << EOD\n0 2 2.5 1 0.1\n10 1 1.5 0.5 0.1\nEOD\n"
         "# Columns: x, loss, valid_loss, grad_norm, lr.\n"
         "set multiplot layout 2,2 title 'run 1'\n"
         "set title 'loss'\nset logscale y\nset format y '%g'\n"
         "plot $log using 1:2 with lines lt 1 lw 2 dt 1 lc rgb '#0072B2' "
         "title 'loss', \\\n     $log using 1:3 with lines lt 2 lw 2 dt 1 lc "
         "rgb '#E69F00' title 'valid_loss'\nunset logscale y\nset format y\n"
         "set title 'gradient norm'\nplot $log using 1:4 with lines lt 1 lw 2 "
         "dt 1 lc rgb '#0072B2' notitle\n"
         "set title 'learning rate'\nset yrange [0.05:0.15]\n"
         "plot $log using 1:5 ");
  HAS(s, "notitle\nset autoscale y\nunset multiplot\n");
  LACKS(s, "accuracy");
  free(s);
  /* Text: the panels one above the other; a zero loss: a linear scale. */
  s = script_for(&o, "step,loss,accuracy\n0,1,0.5\n1,0,1\n", NULL, NULL,
                 NN_PLOT_DUMB);
  HAS(s, "set terminal dumb size 79,32 noenhanced\n");
  HAS(s, "set multiplot layout 2,1 title 'run 1'\nset title 'loss'\nplot $log "
         "using 1:2 ");
  LACKS(s, "logscale");
  HAS(s, "set title 'accuracy'\nset yrange [0:1]\nset key bottom right\n"
         "plot $log using 1:3 ");
  free(s);
  /* -x picks another column. */
  o.x = "epoch";
  s = script_for(&o, log, NULL, NULL, NN_PLOT_DUMB);
  HAS(s, "set xlabel 'epoch'\n$log << EOD\n0 2 2.5 1 0.1\n1 1 1.5 0.5 0.1\n");
  free(s);
}
END_TEST

/* -- bad data ----------------------------------------------------------------- */

START_TEST(bad_data_messages)
{
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  read_fails(&o, "x\ty\n", NULL, NULL, NN_EDATA, "t.tsv: no data rows");
  read_fails(&o, "x\tname\n1\ta\n", NULL, NULL, NN_EDATA,
             "t.tsv:2: no numeric columns to plot against 'x'");
  read_fails(&o, "x\ty\n1\t2\n2\tabc\n", NULL, NULL, NN_EDATA,
             "t.tsv:3: column 'y': 'abc' is not a number");
  read_fails(&o, "x\ty\n1\t2\n\t3\n", NULL, NULL, NN_EDATA,
             "t.tsv:3: column 'x': empty field where a number is required");
  o.y = "nope";
  read_fails(&o, "x\ty\n1\t2\n", NULL, NULL, NN_EDATA,
             "t.tsv: no column named 'nope'");
  o.y = "y";
  o.logy = 1;
  read_fails(&o, "x\ty\n1\t2\n2\t0\n", NULL, NULL, NN_EDATA,
             "t.tsv:3: column 'y': '0' is not greater than zero (--logy)");
  o.logy = 0;
  o.logx = 1;
  read_fails(&o, "x\ty\n-1\t2\n", NULL, NULL, NN_EDATA,
             "t.tsv:2: column 'x': '-1' is not greater than zero (--logx)");
  nn_plot_opts_init(&o);
  o.by = "c";
  char many[8192] = "x\ty\tc\n";
  for (int i = 0; i <= NN_PLOT_MAX_SERIES; i++)
    snprintf(many + strlen(many), sizeof many - strlen(many), "1\t2\tv%d\n", i);
  read_fails(&o, many, NULL, NULL, NN_EDATA, "t.tsv:66: column 'c': more than "
             "64 different values: too many series for one picture");

  o.kind = NN_PLOT_SCATTER;
  o.by = NULL;
  o.y = "x,y";
  read_fails(&o, "x\ty\n1\t2\n", NULL, NULL, NN_EINVAL,
             "-y: --kind scatter takes one column");
  o.y = NULL;
  read_fails(&o, "x\n1\n", NULL, NULL, NN_EDATA,
             "t.tsv: no column to plot against 'x'");
  o.y = "y";
  read_fails(&o, "x\ty\n1\t2\n", "a\tb\tprediction\n", NULL, NN_EDATA,
             "r.tsv: no column named 'x'");
  read_fails(&o, "x\ty\n1\t2\n", "x\ty\tclass\n", NULL, NN_EDATA,
             "r.tsv: no column named 'prediction'");
  read_fails(&o, "x\ty\n1\t2\n", "x\ty\tprediction\n", NULL, NN_EDATA,
             "r.tsv: no data rows");

  o.kind = NN_PLOT_HIST;
  o.y = NULL;
  read_fails(&o, "x\ty\n1\t2\nz\t3\n", NULL, NULL, NN_EDATA,
             "t.tsv:3: column 'x': 'z' is not a number");

  o.kind = NN_PLOT_DASHBOARD;
  read_fails(&o, "epoch\tstep\tseconds\n1\t1\t0\n", NULL, NULL, NN_EDATA,
             "t.tsv: not a training log: none of the columns loss, "
             "valid_loss, accuracy, valid_accuracy, grad_norm, lr");
  read_fails(&o, "epoch\tloss\n1\t1\n", NULL, NULL, NN_EDATA,
             "t.tsv: no column named 'step'");
  read_fails(&o, "step\tloss\tloss\n1\t1\t1\n", NULL, NULL, NN_EDATA,
             "t.tsv: column name 'loss' is ambiguous (columns 2 and 3)");
}
END_TEST

START_TEST(not_a_grid)
{
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  o.kind = NN_PLOT_CONTOUR;
  read_fails(&o, "x\ty\tz\n0\t0\t1\n0\t1\t1\n1\t0\t1\n0\t1\t2\n1\t1\t1\n",
             NULL, NULL, NN_EDATA,
             "t.tsv:5: not a grid: x = 0 and y = 1 again (first on line 3)");
  read_fails(&o, "x\ty\tz\n0\t0\t1\n0\t1\t1\n1\t0\t1\n", NULL, NULL, NN_EDATA,
             "t.tsv: not a grid: no row has x = 1 and y = 1");
  read_fails(&o, "x\ty\tz\n0\t0\t1\n0\t1\t1\n1\t0\t1\n2\t1\t1\n", NULL, NULL,
             NN_EDATA, "t.tsv: not a grid: no row has x = 1 and y = 1");
  read_fails(&o, "a\tb\tz\n5\t0\t1\n5\t1\t1\n", NULL, NULL, NN_EDATA,
             "t.tsv: not a grid: every row has a = 5");
  read_fails(&o, "a\tb\tz\n0\t0.5\t1\n", NULL, NULL, NN_EDATA,
             "t.tsv: not a grid: every row has a = 0");
  read_fails(&o, "a\tb\tz\n0\t0.5\t1\n1\t0.5\t1\n", NULL, NULL, NN_EDATA,
             "t.tsv: not a grid: every row has b = 0.5");
  read_fails(&o, "x\ty\n0\t0\n", NULL, NULL, NN_EDATA,
             "t.tsv: no column 3: the table has 2 columns");
  read_fails(&o, "x\ty\tz\n0\t0\tnan\n", NULL, NULL, NN_EDATA,
             "t.tsv:2: column 'z': 'nan' is not a number");
  o.y = "y,z";
  read_fails(&o, "x\ty\tz\n0\t0\t1\n", NULL, NULL, NN_EINVAL,
             "-y: --kind contour takes one column");
  o.y = NULL;
  const char *g = "x\ty\tz\n0\t0\t1\n0\t1\t1\n1\t0\t1\n1\t1\t1\n";
  read_fails(&o, g, NULL, "a\tb\n1\t2\n", NN_EDATA,
             "p.tsv: no column named 'x'");
  read_fails(&o, g, NULL, "x\ty\n", NN_EDATA, "p.tsv: no data rows");
  read_fails(&o, g, NULL, "x\ty\n1\t2\n1\tq\n", NN_EDATA,
             "p.tsv:3: column 'y': 'q' is not a number");
  o.kind = NN_PLOT_SURFACE;
  read_fails(&o, g, NULL, "x\ty\n1\t2\n", NN_EDATA,
             "p.tsv: no column named 'z'");
  /* Regions must form a grid too. */
  o.kind = NN_PLOT_SCATTER;
  read_fails(&o, "x\ty\n1\t2\n", "x\ty\tprediction\n0\t0\ta\n0\t0\tb\n", NULL,
             NN_EDATA, "r.tsv:3: not a grid: x = 0 and y = 0 again (first on "
             "line 2)");
}
END_TEST

/* -- text output, finding and running gnuplot ---------------------------------- */

START_TEST(copy_text_cleans)
{
  FILE *in = tmpfile();
  fputs("\f   \n  a  b   \n\fx\n   ", in);
  fflush(in);
  char *buf = NULL;
  size_t len = 0;
  nn_err err;
  FILE *out = open_memstream(&buf, &len);
  ck_assert_int_eq(nn_plot_copy_text(fileno(in), out, &err), NN_OK);
  fclose(out);
  ck_assert_str_eq(buf, "\n  a  b\nx\n");
  free(buf);
  fclose(in);
}
END_TEST

/* A directory with an executable "gnuplot" that runs the shell text BODY;
 * its path in DIR. */
static void fake_gnuplot(char dir[64], const char *body)
{
  char path[128];
  snprintf(dir, 64, "/tmp/nnkit-plot.XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/gnuplot", dir);
  FILE *fp = fopen(path, "w");
  ck_assert_ptr_nonnull(fp);
  fprintf(fp, "#!/bin/sh\n%s\n", body);
  fclose(fp);
  chmod(path, 0755);
}

static void fake_done(const char *dir)
{
  char path[128];
  snprintf(path, sizeof path, "%s/gnuplot", dir);
  unlink(path);
  rmdir(dir);
}

START_TEST(find_gnuplot)
{
  char dir[64], want[256], *found = NULL;
  nn_err err;
  fake_gnuplot(dir, "exit 0");
  char path[200], *old = getenv("PATH");
  old = old ? strdup(old) : NULL;
  snprintf(path, sizeof path, "/nonexistent:%s:/bin", dir);
  setenv("PATH", path, 1);
  ck_assert_int_eq(nn_plot_find_gnuplot(NULL, &found, &err), NN_OK);
  snprintf(want, sizeof want, "%s/gnuplot", dir);
  ck_assert_str_eq(found, want);
  free(found);
  ck_assert_int_eq(nn_plot_find_gnuplot("", &found, &err), NN_OK);
  free(found);
  ck_assert_int_eq(nn_plot_find_gnuplot(want, &found, &err), NN_OK);
  ck_assert_str_eq(found, want);
  free(found);
  setenv("PATH", "/nonexistent", 1);
  ck_assert_int_eq(nn_plot_find_gnuplot(NULL, &found, &err), NN_EDATA);
  ck_assert_str_eq(err.msg, "gnuplot not found: no 'gnuplot' on PATH; install "
                   "the package gnuplot-nox, or use --script to print the "
                   "script");
  ck_assert_int_eq(nn_plot_find_gnuplot("gp5", &found, &err), NN_EDATA);
  ck_assert_str_eq(err.msg, "gnuplot not found: no 'gp5' on PATH; install "
                   "the package gnuplot-nox, or use --script to print the "
                   "script");
  ck_assert_int_eq(nn_plot_find_gnuplot("/nonexistent/gp", &found, &err),
                   NN_EDATA);
  ck_assert_str_eq(err.msg, "gnuplot not found: cannot run '/nonexistent/gp' "
                   "(No such file or directory); install the package "
                   "gnuplot-nox, or use --script to print the script");
  ck_assert_int_eq(nn_plot_find_gnuplot(dir, &found, &err), NN_EDATA);
  snprintf(want, sizeof want, "gnuplot not found: cannot run '%s' (not an "
           "executable file); install the package gnuplot-nox, or use "
           "--script to print the script", dir);
  ck_assert_str_eq(err.msg, want);
  fake_done(dir);
  if (old)  /* without fork (CK_FORK=no) the other tests need it */
    setenv("PATH", old, 1);
  free(old);
}
END_TEST

/* Run the fake gnuplot BODY on the script "SCRIPT"; its output into *OUT. */
static int run_fake(const char *body, char **out, char **messages, nn_err *err)
{
  char dir[64], path[128];
  fake_gnuplot(dir, body);
  snprintf(path, sizeof path, "%s/gnuplot", dir);
  FILE *script = tmpfile(), *o = tmpfile();
  fputs("plot x\n", script);
  fflush(script);
  rewind(script);
  int status = nn_plot_run(path, fileno(script), fileno(o), messages, err);
  size_t len = 0;
  FILE *mem = open_memstream(out, &len);
  nn_err e2;
  nn_plot_copy_text(fileno(o), mem, &e2);
  fclose(mem);
  fclose(o);
  fclose(script);
  fake_done(dir);
  return status;
}

START_TEST(run_gnuplot)
{
  char *out, *msgs;
  nn_err err;
  /* The script on standard input, given as the file /dev/stdin where the
   * system has it; the picture on standard output. */
  struct stat st;
  ck_assert_int_eq(run_fake("echo \"$# $*\"; cat; echo 'warning: w' >&2",
                            &out, &msgs, &err), NN_OK);
  ck_assert_str_eq(out, stat("/dev/stdin", &st) == 0 ? "1 /dev/stdin\nplot x\n"
                                                     : "0 \nplot x\n");
  ck_assert_str_eq(msgs, "warning: w\n");
  free(out);
  free(msgs);
  ck_assert_int_eq(run_fake("cat >/dev/null", &out, &msgs, &err), NN_OK);
  ck_assert_ptr_null(msgs);
  free(out);
  ck_assert_int_eq(run_fake("printf '\\n   line 0: bad thing\\n\\n' >&2; exit 3",
                            &out, &msgs, &err), NN_EDATA);
  ck_assert_str_eq(err.msg, "gnuplot failed (exit status 3)");
  ck_assert_str_eq(msgs, "\n   line 0: bad thing\n\n");
  free(out);
  free(msgs);
  ck_assert_int_eq(run_fake("exit 1", &out, &msgs, &err), NN_EDATA);
  ck_assert_str_eq(err.msg, "gnuplot failed (exit status 1)");
  free(out);
  ck_assert_int_eq(run_fake("kill -9 $$", &out, &msgs, &err), NN_EDATA);
  ck_assert_str_eq(err.msg, "gnuplot was killed by signal 9");
  free(out);
}
END_TEST

static Suite *plot_suite(void)
{
  Suite *s = suite_create("plot");
  TCase *tc = tcase_create("quote");
  tcase_add_test(tc, quote_known);
  tcase_add_test(tc, quote_reads_back);
  suite_add_tcase(s, tc);
  tc = tcase_create("options");
  tcase_add_test(tc, kinds_and_terminals);
  tcase_add_test(tc, sizes);
  tcase_add_test(tc, option_combinations);
  suite_add_tcase(s, tc);
  tc = tcase_create("scripts");
  tcase_add_test(tc, line_script_whole);
  tcase_add_test(tc, line_series_and_options);
  tcase_add_test(tc, hostile_names_stay_text);
  tcase_add_test(tc, output_and_terminals);
  tcase_add_test(tc, scatter_classes_and_regions);
  tcase_add_test(tc, grid_sorted_into_scans);
  tcase_add_test(tc, contour_levels_and_path);
  tcase_add_test(tc, hist_bins);
  tcase_add_test(tc, dashboard_panels);
  suite_add_tcase(s, tc);
  tc = tcase_create("bad data");
  tcase_add_test(tc, bad_data_messages);
  tcase_add_test(tc, not_a_grid);
  suite_add_tcase(s, tc);
  tc = tcase_create("gnuplot");
  tcase_add_test(tc, copy_text_cleans);
  tcase_add_test(tc, find_gnuplot);
  tcase_add_test(tc, run_gnuplot);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  return unit_run(plot_suite());
}
