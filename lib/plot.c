/* plot.c -- gnuplot pictures from tables (nn-plot(1)); see plot.h.
 *
 * The scripts are plain gnuplot 5: datablocks (help datablocks), 2-D plots,
 * contour lines computed by gnuplot into a datablock ("set contour base;
 * unset surface; set table $contours"), pm3d for colour maps and surfaces,
 * multiplot for the training dashboard.
 *
 * Colours of series and classes: the palette of Okabe and Ito, "Color
 * Universal Design" (2008), which readers with any of the common colour
 * vision deficiencies can tell apart.  Colour maps: viridis (van der Walt
 * and Smith, matplotlib, 2015), which is perceptually uniform and prints
 * well in grey.  Default number of histogram bins: Sturges' rule,
 * 1 + ceil(log2 n) for n values (H. A. Sturges, "The choice of a class
 * interval", JASA 1926).
 */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "number.h"
#include "plot.h"

/* -- names and options --------------------------------------------------- */

static const char *const kind_names[] = {
  "line", "scatter", "contour", "heatmap", "surface", "hist", "dashboard"
};

void nn_plot_opts_init(nn_plot_opts *o)
{
  memset(o, 0, sizeof *o);
  o->kind = NN_PLOT_LINE;
}

const char *nn_plot_kind_name(nn_plot_kind kind)
{
  return kind_names[kind];
}

int nn_plot_kind_parse(const char *name, nn_plot_kind *kind, nn_err *err)
{
  for (int k = NN_PLOT_LINE; k < NN_PLOT_DASHBOARD; k++)
    if (strcmp(name, kind_names[k]) == 0) {
      *kind = (nn_plot_kind) k;
      return NN_OK;
    }
  return nn_err_set(err, NN_EINVAL, "--kind: '%s' is not one of line, "
                    "scatter, contour, heatmap, surface, hist", name);
}

/* S ends with the extension EXT (".png"), in any case. */
static int has_ext(const char *s, const char *ext)
{
  size_t n = strlen(s), m = strlen(ext);
  if (n <= m)
    return 0;
  for (size_t i = 0; i < m; i++) {
    char c = s[n - m + i];
    if (c >= 'A' && c <= 'Z')
      c = (char) (c - 'A' + 'a');
    if (c != ext[i])
      return 0;
  }
  return 1;
}

int nn_plot_term_for(const char *path, nn_plot_term *term, nn_err *err)
{
  if (path == NULL || strcmp(path, "-") == 0 || has_ext(path, ".txt"))
    *term = NN_PLOT_DUMB;
  else if (has_ext(path, ".png"))
    *term = NN_PLOT_PNG;
  else if (has_ext(path, ".svg"))
    *term = NN_PLOT_SVG;
  else if (has_ext(path, ".pdf"))
    *term = NN_PLOT_PDF;
  else
    return nn_err_set(err, NN_EINVAL, "--output: '%s' does not end in .png, "
                      ".svg, .pdf or .txt", path);
  return NN_OK;
}

/* A whole number from 1 to NN_PLOT_MAX_SIZE at *S, which moves past it. */
static int size_part(const char **s, unsigned *v)
{
  unsigned long x = 0;
  const char *p = *s;
  if (*p < '0' || *p > '9')
    return -1;
  for (; *p >= '0' && *p <= '9'; p++)
    if ((x = 10 * x + (unsigned long) (*p - '0')) > NN_PLOT_MAX_SIZE)
      return -1;
  if (x == 0)
    return -1;
  *v = (unsigned) x;
  *s = p;
  return 0;
}

int nn_plot_parse_size(const char *spec, unsigned *width, unsigned *height,
                       nn_err *err)
{
  const char *s = spec;
  unsigned w, h;
  if (size_part(&s, &w) == 0 && *s++ == 'x' && size_part(&s, &h) == 0 &&
      *s == '\0') {
    *width = w;
    *height = h;
    return NN_OK;
  }
  return nn_err_set(err, NN_EINVAL, "--size: '%s' is not WIDTHxHEIGHT (whole "
                    "numbers from 1 to %d)", spec, NN_PLOT_MAX_SIZE);
}

static int is_grid_kind(nn_plot_kind k)
{
  return k == NN_PLOT_CONTOUR || k == NN_PLOT_HEATMAP || k == NN_PLOT_SURFACE;
}

int nn_plot_check_opts(const nn_plot_opts *o, int regions, int path,
                       nn_err *err)
{
  nn_plot_kind k = o->kind;
  int grid = is_grid_kind(k);
  int xy = k == NN_PLOT_LINE || k == NN_PLOT_SCATTER;
  const char *msg = NULL;
  if (o->y && k == NN_PLOT_HIST)
    msg = "-y: --kind hist draws the one column of -x";
  else if (o->y && k == NN_PLOT_DASHBOARD)
    msg = "-y: not with --dashboard, which draws the columns of the log";
  else if (o->ylabel && k == NN_PLOT_DASHBOARD)
    msg = "--ylabel: not with --dashboard, whose panels have their titles";
  else if (o->z && !grid)
    msg = "-z: only for --kind contour, heatmap and surface";
  else if (o->by && !xy)
    msg = "--by: only for --kind line and scatter";
  else if (o->logx && !xy)
    msg = "--logx: only for --kind line and scatter";
  else if (o->logy && !xy)
    msg = "--logy: only for --kind line and scatter";
  else if (regions && k != NN_PLOT_SCATTER)
    msg = "--regions: only for --kind scatter";
  else if (o->regions_by && !regions)
    msg = "--regions-by needs --regions";
  else if (path && !grid)
    msg = "--path: only for --kind contour, heatmap and surface";
  else if (o->path_x && !path)
    msg = "--path-x needs --path";
  else if (o->path_y && !path)
    msg = "--path-y needs --path";
  else if (o->path_z && !path)
    msg = "--path-z needs --path";
  else if (o->path_z && k != NN_PLOT_SURFACE)
    msg = "--path-z: only for --kind surface";
  else if (o->bins && k != NN_PLOT_HIST)
    msg = "--bins: only for --kind hist";
  return msg ? nn_err_set(err, NN_EINVAL, "%s", msg) : NN_OK;
}

/* -- quoting -------------------------------------------------------------- */

/* The string is a chain of pieces joined by gnuplot's dot operator: runs of
 * other characters in single quotes, where gnuplot expands nothing, and
 * each quote and line break alone in double quotes, "'" and "\n".  (The
 * doubled quote of single-quoted strings is not used: gnuplot 5.4 reads a
 * string that begins with it, or has two in a row, as two strings.) */
/* The length of the UTF-8 sequence at S (1 to 4), or 0 if it is not one
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
static int utf8_length(const unsigned char *s)
{
  int n;
  unsigned long cp;
  if (s[0] < 0x80)
    return 1;
  else if ((s[0] & 0xE0) == 0xC0)
    n = 2, cp = s[0] & 0x1F;
  else if ((s[0] & 0xF0) == 0xE0)
    n = 3, cp = s[0] & 0x0F;
  else if ((s[0] & 0xF8) == 0xF0)
    n = 4, cp = s[0] & 0x07;
  else
    return 0;
  for (int i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = cp << 6 | (s[i] & 0x3F);
  }
  static const unsigned long least[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

void nn_plot_quote(FILE *fp, const char *s)
{
  int pieces = 0, open = 0;  /* pieces begun; inside a '...' piece */
  for (; *s; s++) {
    unsigned char c = (unsigned char) *s;
    int n = utf8_length((const unsigned char *) s);
    if (n > 1) {  /* a whole character: copied into the piece */
      if (!open) {
        fputs(pieces++ ? ".'" : "'", fp);
        open = 1;
      }
      fwrite(s, 1, (size_t) n, fp);
      s += n - 1;
      continue;
    }
    if (n == 0)  /* not UTF-8, which the terminals need: a '?' */
      c = '?';
    if (c == '\'' || c == '\n') {
      if (open)
        putc('\'', fp);
      fputs(pieces++ ? "." : "", fp);
      fputs(c == '\n' ? "\"\\n\"" : "\"'\"", fp);
      open = 0;
      continue;
    }
    if (!open) {
      fputs(pieces++ ? ".'" : "'", fp);
      open = 1;
    }
    putc(c < 0x20 || c == 0x7f ? ' ' : c, fp);  /* no raw CR or tab */
  }
  if (open)
    putc('\'', fp);
  else if (pieces == 0)
    fputs("''", fp);
}

/* -- the data of a picture ------------------------------------------------- */

/* Rows of numbers: one datablock of the script. */
typedef struct block {
  char *title;    /* key entry (user text, owned), or NULL for none */
  size_t cls;     /* colour: index into the palette (or the class) */
  size_t ncols;   /* numbers per row */
  size_t n;       /* rows held */
  size_t cap;     /* rows allocated */
  double *v;      /* row i is v[i * ncols], ..., v[i * ncols + ncols - 1] */
} block;

/* A rectangular grid: a value at every (x[i], y[j]). */
typedef struct grid {
  size_t nx, ny;     /* distinct values of x and y */
  double *x, *y;     /* those values, increasing */
  double *z;         /* z[i * ny + j]: the value at (x[i], y[j]) */
  double zmin, zmax; /* range of z */
} grid;

/* The columns of an nn-train log the dashboard draws, in its order. */
enum { D_LOSS, D_VLOSS, D_ACC, D_VACC, D_GRAD, D_LR, D_N };
static const char *const dash_names[D_N] = {
  "loss", "valid_loss", "accuracy", "valid_accuracy", "grad_norm", "lr"
};

struct nn_plot {
  nn_plot_opts o;     /* the options (their strings are the caller's) */
  char *xname;        /* name of the x column: the default x label */
  char *yname;        /* name of the y column when there is one, or NULL */
  char *zname;        /* name of the z column (grid kinds) */
  char *keytitle;     /* title of the key (the --by column), or NULL */
  block *b;           /* series: lines, classes of points, histogram, log */
  size_t nb;          /* number of series */
  char **classes;     /* class labels (--by, --regions), in order seen */
  size_t ncls;        /* number of classes */
  grid g;             /* the grid of the grid kinds */
  block regions;      /* scatter --regions: x y xlo xhi ylo yhi rgb class */
  int has_regions;    /* regions holds a grid */
  block path;         /* --path: x y (z) */
  int has_path;       /* path holds a trajectory */
  char *path_name;    /* the path's file name, its key entry */
  int dcol[D_N];      /* dashboard: datablock column of each, 0 if absent */
  int loss_log;       /* dashboard: every loss is > 0, so a log scale fits */
};

static void *xmalloc(size_t n, nn_err *err)
{
  void *p = malloc(n ? n : 1);
  if (p == NULL)
    nn_err_set(err, NN_ENOMEM, "out of memory");
  return p;
}

static char *xstrdup(const char *s, nn_err *err)
{
  size_t n = strlen(s) + 1;
  char *d = xmalloc(n, err);
  if (d)
    memcpy(d, s, n);
  return d;
}

static int block_init(block *b, size_t ncols, const char *title, size_t cls,
                      nn_err *err)
{
  memset(b, 0, sizeof *b);
  b->ncols = ncols;
  b->cls = cls;
  if (title && (b->title = xstrdup(title, err)) == NULL)
    return NN_ENOMEM;
  return NN_OK;
}

/* Append a row of B's ncols numbers. */
static int block_add(block *b, const double *row, nn_err *err)
{
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 64;
    double *v = realloc(b->v, cap * b->ncols * sizeof *v);
    if (v == NULL)
      return nn_err_set(err, NN_ENOMEM, "out of memory");
    b->v = v;
    b->cap = cap;
  }
  memcpy(b->v + b->n * b->ncols, row, b->ncols * sizeof *row);
  b->n++;
  return NN_OK;
}

static void block_free(block *b)
{
  free(b->title);
  free(b->v);
}

void nn_plot_free(nn_plot *p)
{
  if (p == NULL)
    return;
  free(p->xname);
  free(p->yname);
  free(p->zname);
  free(p->keytitle);
  for (size_t i = 0; i < p->nb; i++)
    block_free(&p->b[i]);
  free(p->b);
  for (size_t i = 0; i < p->ncls; i++)
    free(p->classes[i]);
  free(p->classes);
  free(p->g.x);
  free(p->g.y);
  free(p->g.z);
  block_free(&p->regions);
  block_free(&p->path);
  free(p->path_name);
  free(p);
}

/* A new series at the end of P's list; NULL when out of memory. */
static block *new_series(nn_plot *p, size_t ncols, const char *title,
                         size_t cls, nn_err *err)
{
  block *b = realloc(p->b, (p->nb + 1) * sizeof *b);
  if (b == NULL) {
    nn_err_set(err, NN_ENOMEM, "out of memory");
    return NULL;
  }
  p->b = b;
  if (block_init(&b[p->nb], ncols, title, cls, err) != NN_OK)
    return NULL;
  return &b[p->nb++];
}

/* -- reading -------------------------------------------------------------- */

/* "column 'NAME'", or "column N" for a column without a name, as the table
 * reader names columns in its messages. */
static void column_label(const nn_table *t, size_t j, char *buf, size_t size)
{
  const char *name = nn_table_colname(t, j);
  if (name[0])
    snprintf(buf, size, "column '%s'", name);
  else
    snprintf(buf, size, "column %zu", j + 1);
}

/* Column SPEC of T, or DEFAULT_SPEC when SPEC is NULL. */
static int find_column(const nn_table *t, const char *spec,
                       const char *default_spec, size_t *j, nn_err *err)
{
  return nn_table_column(t, spec ? spec : default_spec, j, err);
}

/* The first data row of T: an error if there is none. */
static int first_row(nn_table *t, nn_err *err)
{
  int r = nn_table_next(t, err);
  if (r == 0)
    return nn_err_at(err, NN_EDATA, nn_table_file(t), 0, "no data rows");
  return r < 0 ? err->status : NN_OK;
}

/* Field J of the current row as a number, which must be > 0 when POSITIVE
 * (for the option OPT, a logarithmic axis). */
static int get_number(const nn_table *t, size_t j, int positive,
                      const char *opt, double *x, nn_err *err)
{
  if (nn_table_number(t, j, x, err) != NN_OK)
    return err->status;
  if (positive && !(*x > 0)) {
    char col[160];
    column_label(t, j, col, sizeof col);
    return nn_err_at(err, NN_EDATA, nn_table_file(t), nn_table_line(t),
                     "%s: '%s' is not greater than zero (%s)", col,
                     nn_table_field(t, j), opt);
  }
  return NN_OK;
}

/* The class of LABEL: its index in P's list, which grows by one for a new
 * label.  T (for the message) is the table the label is from, column J. */
static int class_of(nn_plot *p, const nn_table *t, size_t j, size_t *cls,
                    nn_err *err)
{
  const char *label = nn_table_field(t, j);
  for (size_t c = 0; c < p->ncls; c++)
    if (strcmp(p->classes[c], label) == 0) {
      *cls = c;
      return NN_OK;
    }
  if (p->ncls == NN_PLOT_MAX_SERIES) {
    char col[160];
    column_label(t, j, col, sizeof col);
    return nn_err_at(err, NN_EDATA, nn_table_file(t), nn_table_line(t),
                     "%s: more than %d different values: too many series "
                     "for one picture", col, NN_PLOT_MAX_SERIES);
  }
  char **v = realloc(p->classes, (p->ncls + 1) * sizeof *v);
  if (v == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  p->classes = v;
  if ((v[p->ncls] = xstrdup(label, err)) == NULL)
    return NN_ENOMEM;
  *cls = p->ncls++;
  return NN_OK;
}

/* Line: every y column against x, for every value of --by. */
static int read_line_kind(nn_plot *p, nn_table *t, nn_err *err)
{
  const nn_plot_opts *o = &p->o;
  size_t jx, jb = 0, *jy = NULL, k = 0;
  int status;
  if (find_column(t, o->x, "1", &jx, err) ||
      (o->by && find_column(t, o->by, NULL, &jb, err)))
    return err->status;
  if (o->y && nn_table_columns(t, o->y, &jy, &k, err))
    return err->status;
  if ((status = first_row(t, err)) != NN_OK)
    goto done;
  if (o->y == NULL) {  /* every other column with a number in the first row */
    size_t nc = nn_table_ncols(t);
    if ((jy = xmalloc(nc * sizeof *jy, err)) == NULL) {
      status = NN_ENOMEM;
      goto done;
    }
    for (size_t j = 0; j < nc; j++) {
      double v;
      if (j != jx && !(o->by && j == jb) &&
          nn_number_parse(nn_table_field(t, j), nn_table_field_len(t, j), &v)
          == NN_NUMBER_OK)
        jy[k++] = j;
    }
    if (k == 0) {
      status = nn_err_at(err, NN_EDATA, nn_table_file(t), nn_table_line(t),
                         "no numeric columns to plot against '%s'",
                         nn_table_colname(t, jx));
      goto done;
    }
  }
  if (k > NN_PLOT_MAX_SERIES) {
    status = nn_err_at(err, NN_EDATA, nn_table_file(t), 0, "%zu columns to "
                       "plot: more than %d series for one picture", k,
                       NN_PLOT_MAX_SERIES);
    goto done;
  }
  const char *yname = k == 1 ? nn_table_colname(t, jy[0]) : NULL;
  const char *byname = o->by ? nn_table_colname(t, jb) : NULL;
  if ((p->xname = xstrdup(nn_table_colname(t, jx), err)) == NULL ||
      (yname && (p->yname = xstrdup(yname, err)) == NULL) ||
      (byname && (p->keytitle = xstrdup(byname, err)) == NULL)) {
    status = NN_ENOMEM;
    goto done;
  }
  for (size_t i = 0; !o->by && i < k; i++)  /* a lone line needs no key */
    if (!new_series(p, 2, k > 1 ? nn_table_colname(t, jy[i]) : NULL, i, err)) {
      status = NN_ENOMEM;
      goto done;
    }
  int r = 1;
  for (; r > 0; r = nn_table_next(t, err)) {
    double row[2];
    size_t c = 0;
    if ((status = get_number(t, jx, o->logx, "--logx", &row[0], err)))
      goto done;
    if (o->by) {
      size_t before = p->ncls;
      if ((status = class_of(p, t, jb, &c, err)))
        goto done;
      for (size_t i = 0; before < p->ncls && i < k; i++) {
        /* A new value of --by: its series, titled by the value (and the
         * column, when there are several). */
        const char *label = p->classes[c], *col = nn_table_colname(t, jy[i]);
        size_t len = strlen(label) + strlen(col) + 3;
        char *title = xmalloc(len, err);
        if (title == NULL) {
          status = NN_ENOMEM;
          goto done;
        }
        if (k == 1)
          snprintf(title, len, "%s", label);
        else
          snprintf(title, len, "%s: %s", label, col);
        block *b = new_series(p, 2, title, p->nb, err);
        free(title);
        if (b == NULL) {
          status = NN_ENOMEM;
          goto done;
        }
      }
    }
    for (size_t i = 0; i < k; i++) {
      if ((status = get_number(t, jy[i], o->logy, "--logy", &row[1], err)) ||
          (status = block_add(&p->b[c * k + i], row, err)))
        goto done;
    }
  }
  status = r < 0 ? err->status : NN_OK;
done:
  free(jy);
  return status;
}

/* A point of a grid as read, with the line it came from. */
typedef struct gpoint {
  double x, y;  /* where */
  double v;     /* the value there: z, or a class index */
  long line;    /* line of the table */
} gpoint;

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static int cmp_gpoint(const void *a, const void *b)
{
  const gpoint *p = a, *q = b;
  if (p->x != q->x)
    return (p->x > q->x) - (p->x < q->x);
  if (p->y != q->y)
    return (p->y > q->y) - (p->y < q->y);
  return (p->line > q->line) - (p->line < q->line);
}

/* The distinct values among the N numbers V (sorted in place): *NU. */
static size_t distinct(double *v, size_t n)
{
  size_t u = 0;
  qsort(v, n, sizeof *v, cmp_double);
  for (size_t i = 0; i < n; i++)
    if (u == 0 || v[i] != v[u - 1])
      v[u++] = v[i];
  return u;
}

/* Check that the N points PT (sorted here) of FILE form a grid: every pair
 * of an x value and a y value exactly once.  G gets the values and, from
 * each point's v, z.  XNAME and YNAME name the columns in messages. */
static int make_grid(gpoint *pt, size_t n, const char *file, const char *xname,
                     const char *yname, grid *g, nn_err *err)
{
  char a[NN_NUMBER_BUFSIZE], b[NN_NUMBER_BUFSIZE];
  memset(g, 0, sizeof *g);
  qsort(pt, n, sizeof *pt, cmp_gpoint);
  for (size_t i = 1; i < n; i++)
    if (pt[i].x == pt[i - 1].x && pt[i].y == pt[i - 1].y) {
      nn_number_format(a, pt[i].x);
      nn_number_format(b, pt[i].y);
      return nn_err_at(err, NN_EDATA, file, pt[i].line, "not a grid: %s = %s "
                       "and %s = %s again (first on line %ld)", xname, a,
                       yname, b, pt[i - 1].line);
    }
  g->x = xmalloc(n * sizeof *g->x, err);
  g->y = xmalloc(n * sizeof *g->y, err);
  g->z = xmalloc(n * sizeof *g->z, err);
  if (!g->x || !g->y || !g->z)
    return NN_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    g->x[i] = pt[i].x;
    g->y[i] = pt[i].y;
  }
  g->nx = distinct(g->x, n);
  g->ny = distinct(g->y, n);
  if (g->nx < 2 || g->ny < 2) {
    nn_number_format(a, g->nx < 2 ? g->x[0] : g->y[0]);
    return nn_err_at(err, NN_EDATA, file, 0,
                     "not a grid: every row has %s = %s",
                     g->nx < 2 ? xname : yname, a);
  }
  /* Without duplicates, n <= nx * ny; the first point of the product that
   * the sorted points skip is missing. */
  for (size_t i = 0; i < g->nx * g->ny; i++) {
    double x = g->x[i / g->ny], y = g->y[i % g->ny];
    if (i >= n || pt[i].x != x || pt[i].y != y) {
      nn_number_format(a, x);
      nn_number_format(b, y);
      return nn_err_at(err, NN_EDATA, file, 0, "not a grid: no row has %s = %s "
                       "and %s = %s", xname, a, yname, b);
    }
    g->z[i] = pt[i].v;
  }
  g->zmin = g->zmax = g->z[0];
  for (size_t i = 1; i < n; i++) {
    if (g->z[i] < g->zmin)
      g->zmin = g->z[i];
    if (g->z[i] > g->zmax)
      g->zmax = g->z[i];
  }
  return NN_OK;
}

/* Append a point to the growing array *PT of *N (capacity *CAP). */
static int add_point(gpoint **pt, size_t *n, size_t *cap, gpoint q, nn_err *err)
{
  if (*n == *cap) {
    size_t c = *cap ? 2 * *cap : 256;
    gpoint *v = realloc(*pt, c * sizeof *v);
    if (v == NULL)
      return nn_err_set(err, NN_ENOMEM, "out of memory");
    *pt = v;
    *cap = c;
  }
  (*pt)[(*n)++] = q;
  return NN_OK;
}

/* The trajectory of --path: columns named as the grid's unless given. */
static int read_path(nn_plot *p, nn_table *t, nn_err *err)
{
  const nn_plot_opts *o = &p->o;
  int on_surface = o->kind == NN_PLOT_SURFACE;
  size_t j[3];
  if (find_column(t, o->path_x, p->xname, &j[0], err) ||
      find_column(t, o->path_y, p->yname, &j[1], err) ||
      (on_surface && find_column(t, o->path_z, p->zname, &j[2], err)) ||
      first_row(t, err) != NN_OK)
    return err->status;
  if ((p->path_name = xstrdup(nn_table_file(t), err)) == NULL)
    return NN_ENOMEM;
  size_t nc = on_surface ? 3 : 2;
  if (block_init(&p->path, nc, NULL, 0, err) != NN_OK)
    return NN_ENOMEM;
  p->has_path = 1;
  int r = 1;
  for (; r > 0; r = nn_table_next(t, err)) {
    double row[3];
    for (size_t i = 0; i < nc; i++)
      if (nn_table_number(t, j[i], &row[i], err) != NN_OK)
        return err->status;
    if (block_add(&p->path, row, err) != NN_OK)
      return NN_ENOMEM;
  }
  return r < 0 ? err->status : NN_OK;
}

/* Contour, heatmap, surface: z over an x, y grid. */
static int read_grid_kind(nn_plot *p, nn_table *t, nn_table *path, nn_err *err)
{
  const nn_plot_opts *o = &p->o;
  size_t jx, jy, jz, *jys = NULL, k = 0;
  if (find_column(t, o->x, "1", &jx, err) ||
      (o->y && nn_table_columns(t, o->y, &jys, &k, err)))
    return err->status;
  jy = k ? jys[0] : 0;
  free(jys);
  if (k > 1)
    return nn_err_set(err, NN_EINVAL, "-y: --kind %s takes one column",
                      kind_names[o->kind]);
  if ((!o->y && find_column(t, NULL, "2", &jy, err)) ||
      find_column(t, o->z, "3", &jz, err))
    return err->status;
  if ((p->xname = xstrdup(nn_table_colname(t, jx), err)) == NULL ||
      (p->yname = xstrdup(nn_table_colname(t, jy), err)) == NULL ||
      (p->zname = xstrdup(nn_table_colname(t, jz), err)) == NULL)
    return NN_ENOMEM;
  if (first_row(t, err) != NN_OK)
    return err->status;
  gpoint *pt = NULL;
  size_t n = 0, cap = 0;
  int r = 1, status = NN_OK;
  for (; r > 0 && status == NN_OK; r = nn_table_next(t, err)) {
    gpoint q = {0, 0, 0, nn_table_line(t)};
    if ((status = get_number(t, jx, 0, NULL, &q.x, err)) ||
        (status = get_number(t, jy, 0, NULL, &q.y, err)) ||
        (status = get_number(t, jz, 0, NULL, &q.v, err)))
      break;
    status = add_point(&pt, &n, &cap, q, err);
  }
  if (status == NN_OK && r < 0)
    status = err->status;
  if (status == NN_OK)
    status = make_grid(pt, n, nn_table_file(t), p->xname, p->yname, &p->g, err);
  free(pt);
  if (status == NN_OK && path)
    status = read_path(p, path, err);
  return status;
}

/* The Okabe-Ito colours, as 0xRRGGBB. */
static const unsigned long palette[] = {
  0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442,
  0x000000
};
#define NPALETTE (sizeof palette / sizeof palette[0])

/* Scatter --regions: the predicted class at every point of a grid. */
static int read_regions(nn_plot *p, nn_table *t, nn_err *err)
{
  size_t jx, jy, jc;
  if (nn_table_column(t, p->xname, &jx, err) ||
      nn_table_column(t, p->yname, &jy, err) ||
      find_column(t, p->o.regions_by, "prediction", &jc, err) ||
      first_row(t, err) != NN_OK)
    return err->status;
  gpoint *pt = NULL;
  size_t n = 0, cap = 0;
  int r = 1, status = NN_OK;
  for (; r > 0 && status == NN_OK; r = nn_table_next(t, err)) {
    gpoint q = {0, 0, 0, nn_table_line(t)};
    size_t c;
    if ((status = get_number(t, jx, 0, NULL, &q.x, err)) ||
        (status = get_number(t, jy, 0, NULL, &q.y, err)) ||
        (status = class_of(p, t, jc, &c, err)))
      break;
    q.v = (double) c;
    status = add_point(&pt, &n, &cap, q, err);
  }
  if (status == NN_OK && r < 0)
    status = err->status;
  grid g;
  if (status == NN_OK)
    status = make_grid(pt, n, nn_table_file(t), p->xname, p->yname, &g, err);
  free(pt);
  if (status == NN_OK)
    status = block_init(&p->regions, 8, NULL, 0, err);
  /* Each point is the centre of a cell reaching halfway to its neighbours
   * (as far again beyond the first and last). */
  for (size_t i = 0; status == NN_OK && i < g.nx; i++) {
    double xlo = i > 0 ? (g.x[i - 1] + g.x[i]) / 2
                       : 1.5 * g.x[0] - g.x[1] / 2;
    double xhi = i + 1 < g.nx ? (g.x[i] + g.x[i + 1]) / 2
                              : 1.5 * g.x[i] - g.x[i - 1] / 2;
    for (size_t j = 0; status == NN_OK && j < g.ny; j++) {
      double ylo = j > 0 ? (g.y[j - 1] + g.y[j]) / 2
                         : 1.5 * g.y[0] - g.y[1] / 2;
      double yhi = j + 1 < g.ny ? (g.y[j] + g.y[j + 1]) / 2
                                : 1.5 * g.y[j] - g.y[j - 1] / 2;
      double c = g.z[i * g.ny + j];
      double row[8] = {g.x[i], g.y[j], xlo, xhi, ylo, yhi,
                       (double) palette[(size_t) c % NPALETTE], c};
      status = block_add(&p->regions, row, err);
    }
  }
  if (status == NN_OK)
    p->has_regions = 1;
  free(g.x);
  free(g.y);
  free(g.z);
  return status;
}

/* Scatter: y against x, a series per class of --by. */
static int read_scatter(nn_plot *p, nn_table *t, nn_table *regions, nn_err *err)
{
  const nn_plot_opts *o = &p->o;
  size_t jx, jy = 0, jb = 0, *jys = NULL, k = 0;
  if (find_column(t, o->x, "1", &jx, err) ||
      (o->by && find_column(t, o->by, NULL, &jb, err)) ||
      (o->y && nn_table_columns(t, o->y, &jys, &k, err)))
    return err->status;
  if (k > 0)
    jy = jys[0];
  free(jys);
  if (k > 1)
    return nn_err_set(err, NN_EINVAL, "-y: --kind scatter takes one column");
  if (!o->y) {  /* the first column that is neither x nor --by */
    while (jy < nn_table_ncols(t) && (jy == jx || (o->by && jy == jb)))
      jy++;
    if (jy == nn_table_ncols(t))
      return nn_err_at(err, NN_EDATA, nn_table_file(t), 0,
                       "no column to plot against '%s'",
                       nn_table_colname(t, jx));
  }
  if ((p->xname = xstrdup(nn_table_colname(t, jx), err)) == NULL ||
      (p->yname = xstrdup(nn_table_colname(t, jy), err)) == NULL ||
      (o->by && (p->keytitle = xstrdup(nn_table_colname(t, jb), err)) == NULL))
    return NN_ENOMEM;
  if (first_row(t, err) != NN_OK)
    return err->status;
  if (!o->by && new_series(p, 2, NULL, SIZE_MAX, err) == NULL)
    return NN_ENOMEM;
  int r = 1;
  for (; r > 0; r = nn_table_next(t, err)) {
    double row[2];
    size_t c = 0;
    if (get_number(t, jx, o->logx, "--logx", &row[0], err) ||
        get_number(t, jy, o->logy, "--logy", &row[1], err) ||
        (o->by && class_of(p, t, jb, &c, err)))
      return err->status;
    if (c == p->nb && new_series(p, 2, p->classes[c], c, err) == NULL)
      return NN_ENOMEM;
    if (block_add(&p->b[c], row, err) != NN_OK)
      return NN_ENOMEM;
  }
  if (r < 0)
    return err->status;
  return regions ? read_regions(p, regions, err) : NN_OK;
}

/* Hist: counts of the -x column in equal bins. */
static int read_hist(nn_plot *p, nn_table *t, nn_err *err)
{
  size_t jx;
  if (find_column(t, p->o.x, "1", &jx, err))
    return err->status;
  if ((p->xname = xstrdup(nn_table_colname(t, jx), err)) == NULL)
    return NN_ENOMEM;
  if (first_row(t, err) != NN_OK)
    return err->status;
  block all;
  if (block_init(&all, 1, NULL, 0, err) != NN_OK)
    return NN_ENOMEM;
  int r = 1, status = NN_OK;
  for (; r > 0 && status == NN_OK; r = nn_table_next(t, err)) {
    double v;
    if ((status = get_number(t, jx, 0, NULL, &v, err)) == NN_OK)
      status = block_add(&all, &v, err);
  }
  if (status == NN_OK && r < 0)
    status = err->status;
  block *h = status == NN_OK ? new_series(p, 3, NULL, 0, err) : NULL;
  if (h == NULL) {
    block_free(&all);
    return err->status;
  }
  size_t n = all.n;
  size_t bins = p->o.bins ? p->o.bins
                          : (size_t) ceil(log2((double) n)) + 1;  /* Sturges */
  double lo = all.v[0], hi = all.v[0];
  for (size_t i = 1; i < n; i++) {
    lo = all.v[i] < lo ? all.v[i] : lo;
    hi = all.v[i] > hi ? all.v[i] : hi;
  }
  if (lo == hi) {  /* one value: one bin of width 1 around it */
    lo -= 0.5;
    hi += 0.5;
    bins = 1;
  }
  double *count = calloc(bins, sizeof *count);
  if (count == NULL) {
    block_free(&all);
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  }
  /* Bin i is [lo + i w, lo + (i + 1) w), the last one closed; halves keep
   * hi - lo finite for any doubles. */
  double half = hi / 2 - lo / 2;
  for (size_t i = 0; i < n; i++) {
    double f = (all.v[i] / 2 - lo / 2) / half * (double) bins;
    size_t b = f >= (double) bins ? bins - 1 : (size_t) f;
    count[b]++;
  }
  double w = 2 * (half / (double) bins);
  for (size_t i = 0; i < bins && status == NN_OK; i++) {
    double row[3] = {lo + ((double) i + 0.5) * w, count[i], w};
    status = block_add(h, row, err);
  }
  free(count);
  block_free(&all);
  return status;
}

/* Dashboard: the columns of an nn-train log against step. */
static int read_dashboard(nn_plot *p, nn_table *t, nn_err *err)
{
  size_t jx, j[D_N], m = 0;
  if (find_column(t, p->o.x, "step", &jx, err))
    return err->status;
  for (int d = 0; d < D_N; d++) {
    size_t found = 0;
    for (size_t c = 0; c < nn_table_ncols(t); c++)
      found += strcmp(nn_table_colname(t, c), dash_names[d]) == 0;
    if (found > 1)  /* the reader's message about ambiguous names */
      return nn_table_column(t, dash_names[d], &j[d], err);
    p->dcol[d] = 0;
    if (found && nn_table_column(t, dash_names[d], &j[d], err) == NN_OK)
      p->dcol[d] = (int) (2 + m++);
  }
  if (m == 0)
    return nn_err_at(err, NN_EDATA, nn_table_file(t), 0, "not a training log: "
                     "none of the columns loss, valid_loss, accuracy, "
                     "valid_accuracy, grad_norm, lr");
  if ((p->xname = xstrdup(nn_table_colname(t, jx), err)) == NULL)
    return NN_ENOMEM;
  if (first_row(t, err) != NN_OK)
    return err->status;
  block *b = new_series(p, 1 + m, NULL, 0, err);
  if (b == NULL)
    return NN_ENOMEM;
  p->loss_log = 1;
  int r = 1;
  for (; r > 0; r = nn_table_next(t, err)) {
    double row[1 + D_N];
    if (get_number(t, jx, 0, NULL, &row[0], err))
      return err->status;
    for (int d = 0; d < D_N; d++) {
      if (!p->dcol[d])
        continue;
      double *v = &row[p->dcol[d] - 1];
      if (get_number(t, j[d], 0, NULL, v, err))
        return err->status;
      if ((d == D_LOSS || d == D_VLOSS) && !(*v > 0))
        p->loss_log = 0;
    }
    if (block_add(b, row, err) != NN_OK)
      return NN_ENOMEM;
  }
  return r < 0 ? err->status : NN_OK;
}

nn_plot *nn_plot_read(const nn_plot_opts *o, nn_table *data,
                      nn_table *regions, nn_table *path, nn_err *err)
{
  nn_err mine;  /* the readers look at err->status */
  if (err == NULL)
    err = &mine;
  nn_plot *p = calloc(1, sizeof *p);
  if (p == NULL) {
    nn_err_set(err, NN_ENOMEM, "out of memory");
    return NULL;
  }
  p->o = *o;
  int status;
  switch (o->kind) {
  case NN_PLOT_LINE: status = read_line_kind(p, data, err); break;
  case NN_PLOT_SCATTER: status = read_scatter(p, data, regions, err); break;
  case NN_PLOT_HIST: status = read_hist(p, data, err); break;
  case NN_PLOT_DASHBOARD: status = read_dashboard(p, data, err); break;
  default: status = read_grid_kind(p, data, path, err); break;
  }
  if (status != NN_OK) {
    nn_plot_free(p);
    return NULL;
  }
  return p;
}

/* -- writing the script ---------------------------------------------------- */

/* Default sizes: pixels, characters for text, points for PDF. */
enum { PX_W = 800, PX_H = 600, TXT_W = 79, TXT_H = 24, PT_W = 504, PT_H = 360 };

/* X as a gnuplot number in an expression: always with a point or an
 * exponent, so that gnuplot does not take it for an integer (1/2 is 0). */
static void put_real(FILE *fp, double x)
{
  char buf[NN_NUMBER_BUFSIZE];
  nn_number_format(buf, x);
  fputs(buf, fp);
  if (strpbrk(buf, ".en") == NULL)
    fputs(".0", fp);
}

static void put_rgb(FILE *fp, unsigned long rgb)
{
  fprintf(fp, "'#%06lX'", rgb);
}

/* Write block B as the datablock $NAME. */
static void put_block(FILE *fp, const char *name, const block *b)
{
  char buf[NN_NUMBER_BUFSIZE];
  fprintf(fp, "$%s << EOD\n", name);
  for (size_t i = 0; i < b->n; i++)
    for (size_t j = 0; j < b->ncols; j++) {
      nn_number_format(buf, b->v[i * b->ncols + j]);
      fputs(buf, fp);
      putc(j + 1 < b->ncols ? ' ' : '\n', fp);
    }
  fputs("EOD\n", fp);
}

/* The grid as $grid: a scan per value of x, separated by blank lines (the
 * layout gnuplot's splot reads as a grid). */
static void put_grid(FILE *fp, const grid *g)
{
  char x[NN_NUMBER_BUFSIZE], y[NN_NUMBER_BUFSIZE], z[NN_NUMBER_BUFSIZE];
  fputs("$grid << EOD\n", fp);
  for (size_t i = 0; i < g->nx; i++) {
    if (i > 0)
      putc('\n', fp);
    nn_number_format(x, g->x[i]);
    for (size_t j = 0; j < g->ny; j++) {
      nn_number_format(y, g->y[j]);
      nn_number_format(z, g->z[i * g->ny + j]);
      fprintf(fp, "%s %s %s\n", x, y, z);
    }
  }
  fputs("EOD\n", fp);
}

/* "title 'TEXT'", or "notitle" for NULL. */
static void put_title(FILE *fp, const char *text)
{
  if (text == NULL) {
    fputs("notitle", fp);
    return;
  }
  fputs("title ", fp);
  nn_plot_quote(fp, text);
}

/* "set WHAT 'TEXT'" when TEXT is not NULL. */
static void put_set(FILE *fp, const char *what, const char *text)
{
  if (text == NULL)
    return;
  fprintf(fp, "set %s ", what);
  nn_plot_quote(fp, text);
  putc('\n', fp);
}

static void put_terminal(FILE *fp, nn_plot_term term, unsigned w, unsigned h)
{
  switch (term) {
  case NN_PLOT_DUMB:
    fprintf(fp, "set terminal dumb size %u,%u noenhanced\n", w, h);
    break;
  case NN_PLOT_PNG:
    fprintf(fp, "set terminal pngcairo size %u,%u noenhanced\n", w, h);
    break;
  case NN_PLOT_SVG:
    fprintf(fp, "set terminal svg size %u,%u noenhanced background "
            "rgb 'white'\n", w, h);
    break;
  case NN_PLOT_PDF:
    fputs("set terminal pdfcairo size ", fp);
    put_real(fp, w / 72.0);
    fputs("in,", fp);
    put_real(fp, h / 72.0);
    fputs("in noenhanced\n", fp);
    break;
  }
}

/* The colour maps: viridis at five points. */
static void put_viridis(FILE *fp)
{
  fputs("set palette defined (0 '#440154', 1 '#3B528B', 2 '#21918C', "
        "3 '#5EC962', 4 '#FDE725')\n", fp);
}

/* Ranges of the grid's axes: the picture is of the grid. */
static void put_grid_ranges(FILE *fp, const grid *g, int margin)
{
  /* MARGIN: half a mean cell more on each side, so that the characters of
   * a text picture at the edges are not drawn over by the frame. */
  double mx = 0, my = 0;
  if (margin) {
    mx = (g->x[g->nx - 1] / 2 - g->x[0] / 2) / (double) (g->nx - 1);
    my = (g->y[g->ny - 1] / 2 - g->y[0] / 2) / (double) (g->ny - 1);
  }
  fputs("set xrange [", fp);
  put_real(fp, g->x[0] - mx);
  putc(':', fp);
  put_real(fp, g->x[g->nx - 1] + mx);
  fputs("]\nset yrange [", fp);
  put_real(fp, g->y[0] - my);
  putc(':', fp);
  put_real(fp, g->y[g->ny - 1] + my);
  fputs("]\n", fp);
}

/* Line style of series I: a colour of the palette; past its end, dashes. */
static void put_line_style(FILE *fp, size_t i)
{
  fprintf(fp, "with lines lt %zu lw 2 dt %zu lc rgb ", i + 1,
          i / NPALETTE % 5 + 1);
  put_rgb(fp, palette[i % NPALETTE]);
}

/* A log scale on AXIS (x or y), its tics as %g: gnuplot's default format
 * writes 1e-06 as 0.0000010 on a log axis without enhanced text. */
static void put_logscale(FILE *fp, char axis)
{
  fprintf(fp, "set logscale %c\nset format %c '%%g'\n", axis, axis);
}

static void script_line(FILE *fp, const nn_plot *p)
{
  if (p->o.logx)
    put_logscale(fp, 'x');
  if (p->o.logy)
    put_logscale(fp, 'y');
  put_set(fp, "key title", p->keytitle);
  for (size_t i = 0; i < p->nb; i++) {
    char name[32];
    snprintf(name, sizeof name, "line%zu", i + 1);
    put_block(fp, name, &p->b[i]);
  }
  fputs("plot", fp);
  for (size_t i = 0; i < p->nb; i++) {
    fprintf(fp, "%s $line%zu using 1:2 ", i ? ", \\\n    " : "", i + 1);
    put_line_style(fp, i);
    putc(' ', fp);
    put_title(fp, p->b[i].title);
  }
  putc('\n', fp);
}

/* Characters of a text picture: points of class i are the capital letter,
 * regions the small one. */
static const char letters[] = "abcdefghijklmnopqrstuvwxyz";

static void script_scatter(FILE *fp, const nn_plot *p, int dumb)
{
  if (p->o.logx)
    put_logscale(fp, 'x');
  if (p->o.logy)
    put_logscale(fp, 'y');
  if (dumb)  /* letters fill the picture: the key goes below it */
    fputs("set key below\n", fp);
  else  /* (below, a text picture has no room for a title of the key) */
    put_set(fp, "key title", p->keytitle);
  if (p->has_regions)
    put_block(fp, "regions", &p->regions);
  for (size_t i = 0; i < p->nb; i++) {
    char name[32];
    snprintf(name, sizeof name, "class%zu", i + 1);
    put_block(fp, name, &p->b[i]);
  }
  fputs("plot", fp);
  const char *sep = "";
  if (p->has_regions) {
    /* Columns: x y xlow xhigh ylow yhigh colour class. */
    if (dumb)
      fputs(" $regions using 1:2:(substr('abcdefghijklmnopqrstuvwxyz', "
            "int($8) % 26 + 1, int($8) % 26 + 1)) with labels notitle", fp);
    else
      fputs(" $regions using 1:2:3:4:5:6:7 with boxxyerror "
            "fillstyle solid 0.3 noborder lc rgb variable notitle", fp);
    sep = ", \\\n    ";
  }
  for (size_t i = 0; i < p->nb; i++) {
    const block *b = &p->b[i];
    fprintf(fp, "%s $class%zu using 1:2 with points ", sep, i + 1);
    sep = ", \\\n    ";
    if (dumb) {
      char c = '*';  /* no class */
      if (b->cls != SIZE_MAX)
        c = (char) (letters[b->cls % 26] - 'a' + 'A');
      fprintf(fp, "pt '%c' ", c);
    } else {
      static const int shapes[] = {7, 5, 9, 11, 13};
      size_t c = b->cls == SIZE_MAX ? NPALETTE - 1 : b->cls;
      fprintf(fp, "pt %d ps 0.8 lc rgb ", shapes[c / NPALETTE % 5]);
      put_rgb(fp, palette[c % NPALETTE]);
      putc(' ', fp);
    }
    put_title(fp, b->title);
  }
  putc('\n', fp);
}

/* The --path overlay as a continuation of a plot command: a line with a
 * point at each step, a circle at the start.  ZEXPR is its third column
 * for splot (NULL for plot). */
static void put_path(FILE *fp, const nn_plot *p, const char *zexpr, int dumb)
{
  if (!p->has_path)
    return;
  const char *colon = zexpr ? ":" : "";
  if (zexpr == NULL)
    zexpr = "";
  fprintf(fp, ", \\\n     $path using 1:2%s%s with linespoints lw 2 pt %s "
          "lc rgb '#000000' ", colon, zexpr, dumb ? "'o'" : "7 ps 0.6");
  put_title(fp, p->path_name);
  fprintf(fp, ", \\\n     $path every ::0::0 using 1:2%s%s with points pt %s "
          "lc rgb '#000000' title 'start'", colon, zexpr,
          dumb ? "'S'" : "6 ps 2");
}

/* N contour levels: the z values below which 1/2N, 3/2N, ... of the grid's
 * points lie, to three significant digits (loss surfaces are mostly flat
 * low ground with steep walls: levels evenly spaced in z would all be on
 * the walls). */
static void put_levels(FILE *fp, const grid *g, int levels)
{
  size_t n = g->nx * g->ny, k = 0;
  double *z = malloc(n * sizeof *z), last = 0;
  if (z == NULL) {  /* no room to sort: ten levels evenly spaced */
    fputs("0.0\nset cntrparam levels auto 10", fp);
    return;
  }
  memcpy(z, g->z, n * sizeof *z);
  qsort(z, n, sizeof *z, cmp_double);
  for (int q = 0; q < levels; q++) {
    char buf[32];
    double v;
    snprintf(buf, sizeof buf, "%.3g",
             z[(size_t) ((q + 0.5) / levels * (double) n)]);
    v = strtod(buf, NULL);
    if (k > 0 && v == last)
      continue;
    fprintf(fp, "%s", k++ ? "," : "");
    put_real(fp, v);
    last = v;
  }
  free(z);
}

static void script_contour(FILE *fp, const nn_plot *p, int dumb)
{
  put_grid(fp, &p->g);
  if (p->has_path)
    put_block(fp, "path", &p->path);
  fprintf(fp, "# gnuplot computes the contour lines into the datablock "
          "$contours,\n# at levels that split the grid's points into %s "
          "equal shares.\nset contour base\nunset surface\n"
          "set cntrparam levels discrete ", dumb ? "five" : "ten");
  put_levels(fp, &p->g, dumb ? 5 : 10);
  fputs("\nset table $contours\nsplot $grid using 1:2:3 notitle\n"
        "unset table\nunset contour\n", fp);
  put_grid_ranges(fp, &p->g, 0);
  if (dumb) {
    fputs("plot $contours using 1:2 with lines lt 1 notitle", fp);
  } else {
    put_viridis(fp);
    put_set(fp, "cblabel", p->zname);
    fputs("plot $contours using 1:2:3 with lines lw 1.5 lc palette "
          "notitle", fp);
  }
  put_path(fp, p, NULL, dumb);
  putc('\n', fp);
}

/* 1 if the N values V (increasing) are evenly spaced, to rounding. */
static int evenly_spaced(const double *v, size_t n)
{
  double step = (v[n - 1] - v[0]) / (double) (n - 1);
  for (size_t i = 1; i < n; i++)
    if (fabs(v[i] - v[i - 1] - step) > 1e-9 * step)
      return 0;
  return 1;
}

static void script_heatmap(FILE *fp, const nn_plot *p, int dumb)
{
  const grid *g = &p->g;
  /* An even grid is drawn as cells, one per point in its own colour (a
   * confusion matrix reads right); an uneven one as pm3d's quads between
   * points, each in the mean colour of its corners. */
  int cells = evenly_spaced(g->x, g->nx) && evenly_spaced(g->y, g->ny);
  put_grid(fp, &p->g);
  if (p->has_path)
    put_block(fp, "path", &p->path);
  put_grid_ranges(fp, &p->g, dumb || cells);
  if (dumb) {
    /* A text picture: each point of the grid is a character, from '.' for
     * the smallest z to '@' for the largest. */
    fputs("set key below\n"
          "shade(z) = substr('.:-=+*#%@', level(z), level(z))\n", fp);
    if (g->zmax > g->zmin) {
      fputs("level(z) = 1 + int(8.999 * (z - ", fp);
      put_real(fp, g->zmin);
      fputs(") / (", fp);
      put_real(fp, g->zmax);
      fputs(" - ", fp);
      put_real(fp, g->zmin);
      fputs("))\n", fp);
    } else {
      fputs("level(z) = 1\n", fp);
    }
    fputs("plot $grid using 1:2:(shade($3)) with labels title "
          "'. low  @ high'", fp);
    put_path(fp, p, NULL, dumb);
  } else {
    put_viridis(fp);
    put_set(fp, "cblabel", p->zname);
    if (cells) {
      fputs("set autoscale cbfix\n"
            "plot $grid using 1:2:3 with image notitle", fp);
      put_path(fp, p, NULL, dumb);
    } else {
      fputs("set autoscale cbfix\nset view map\n"
            "splot $grid using 1:2:3 with pm3d notitle", fp);
      char zexpr[NN_NUMBER_BUFSIZE + 2];
      nn_number_format(zexpr + 1, g->zmax);
      zexpr[0] = '(';
      strcat(zexpr, ")");
      put_path(fp, p, zexpr, dumb);
    }
  }
  putc('\n', fp);
}

static void script_surface(FILE *fp, const nn_plot *p, int dumb)
{
  put_grid(fp, &p->g);
  if (p->has_path)
    put_block(fp, "path", &p->path);
  put_grid_ranges(fp, &p->g, 0);
  put_set(fp, "zlabel", p->zname);
  fputs("set xyplane at ", fp);
  put_real(fp, p->g.zmin);
  fputs("\nset view 60, 30\n", fp);
  if (dumb) {
    fputs("set hidden3d\nsplot $grid using 1:2:3 with lines notitle", fp);
  } else {
    put_viridis(fp);
    put_set(fp, "cblabel", p->zname);
    fputs("set autoscale cbfix\n", fp);
    /* No depthorder: it would hide a path that lies on the surface. */
    fputs("set pm3d border lc rgb '#404040' lw 0.5\n"
          "splot $grid using 1:2:3 with pm3d notitle", fp);
  }
  put_path(fp, p, "3", dumb);
  putc('\n', fp);
}

static void script_hist(FILE *fp, const nn_plot *p)
{
  const block *b = &p->b[0];
  double w = b->v[2];
  put_block(fp, "hist", b);
  fputs("set xrange [", fp);
  put_real(fp, b->v[0] - w / 2);
  putc(':', fp);
  put_real(fp, b->v[(b->n - 1) * 3] + w / 2);
  fputs("]\n", fp);
  fputs("# Columns: centre of the bin, count, width.\n"
        "set style fill solid 0.5 border\nset yrange [0:*]\n"
        "plot $hist using 1:2:3 with boxes lc rgb '#0072B2' notitle\n", fp);
}

/* The panels of the dashboard: their titles and columns (D_*). */
static const struct {
  const char *title;  /* the panel's title */
  int col[2];         /* the columns it draws, -1 for none */
} panels[] = {
  {"loss", {D_LOSS, D_VLOSS}},
  {"accuracy", {D_ACC, D_VACC}},
  {"gradient norm", {D_GRAD, -1}},
  {"learning rate", {D_LR, -1}},
};
#define NPANELS (sizeof panels / sizeof panels[0])

static int panel_shown(const nn_plot *p, size_t k)
{
  return p->dcol[panels[k].col[0]] ||
         (panels[k].col[1] >= 0 && p->dcol[panels[k].col[1]]);
}

static size_t dashboard_panels(const nn_plot *p)
{
  size_t n = 0;
  for (size_t k = 0; k < NPANELS; k++)
    n += panel_shown(p, k);
  return n;
}

static void dashboard_layout(size_t n, int dumb, size_t *rows, size_t *cols)
{
  *cols = dumb ? 1 : n <= 2 ? n : 2;
  *rows = (n + *cols - 1) / *cols;
}

/* A panel whose columns hold one value c throughout (a constant learning
 * rate) gets the range c +- |c|/2 (or +-1 for 0): gnuplot would warn of an
 * empty range.  1 if it did. */
static int put_flat_range(FILE *fp, const nn_plot *p, size_t k)
{
  const block *b = &p->b[0];
  double lo = 0, hi = 0;
  int any = 0;
  for (int i = 0; i < 2; i++) {
    int d = panels[k].col[i];
    if (d < 0 || !p->dcol[d])
      continue;
    for (size_t r = 0; r < b->n; r++) {
      double v = b->v[r * b->ncols + (size_t) p->dcol[d] - 1];
      if (!any || v < lo)
        lo = v;
      if (!any || v > hi)
        hi = v;
      any = 1;
    }
  }
  if (!any || lo != hi || !isfinite(lo))
    return 0;
  double h = lo == 0 ? 1 : fabs(lo) / 2;
  fprintf(fp, "set yrange [%.6g:%.6g]\n", lo - h, lo + h);
  return 1;
}

static void script_dashboard(FILE *fp, const nn_plot *p, int dumb)
{
  size_t rows, cols, n = dashboard_panels(p);
  dashboard_layout(n, dumb, &rows, &cols);
  put_block(fp, "log", &p->b[0]);
  fputs("# Columns: x", fp);
  for (int d = 0; d < D_N; d++)
    if (p->dcol[d])
      fprintf(fp, ", %s", dash_names[d]);
  fprintf(fp, ".\nset multiplot layout %zu,%zu", rows, cols);
  if (p->o.title) {
    fputs(" title ", fp);
    nn_plot_quote(fp, p->o.title);
  }
  putc('\n', fp);
  for (size_t k = 0; k < NPANELS; k++) {
    if (!panel_shown(p, k))
      continue;
    fprintf(fp, "set title '%s'\n", panels[k].title);
    int log = k == 0 && p->loss_log;
    if (log)
      put_logscale(fp, 'y');
    int flat = 0;
    if (k == 1)  /* accuracy rises to 1: the key below it */
      fputs("set yrange [0:1]\nset key bottom right\n", fp);
    else
      flat = put_flat_range(fp, p, k);
    int both = p->dcol[panels[k].col[0]] && panels[k].col[1] >= 0 &&
               p->dcol[panels[k].col[1]];
    fputs("plot", fp);
    const char *sep = "";
    for (int i = 0; i < 2; i++) {
      int d = panels[k].col[i];
      if (d < 0 || !p->dcol[d])
        continue;
      fprintf(fp, "%s $log using 1:%d ", sep, p->dcol[d]);
      put_line_style(fp, (size_t) i);
      if (both)  /* a lone line is named by the panel's title */
        fprintf(fp, " title '%s'", dash_names[d]);
      else
        fputs(" notitle", fp);
      sep = ", \\\n    ";
    }
    putc('\n', fp);
    if (log)
      fputs("unset logscale y\nset format y\n", fp);
    if (k == 1)
      fputs("set autoscale y\nset key default\n", fp);
    else if (flat)
      fputs("set autoscale y\n", fp);
  }
  fputs("unset multiplot\n", fp);
}

int nn_plot_script(FILE *fp, const nn_plot *p, nn_plot_term term,
                   unsigned width, unsigned height, const char *output,
                   nn_err *err)
{
  int dumb = term == NN_PLOT_DUMB;
  unsigned w = dumb ? TXT_W : term == NN_PLOT_PDF ? PT_W : PX_W;
  unsigned h = dumb ? TXT_H : term == NN_PLOT_PDF ? PT_H : PX_H;
  if (p->o.kind == NN_PLOT_DASHBOARD) {  /* room for every panel */
    size_t rows, cols, n = dashboard_panels(p);
    dashboard_layout(n, dumb, &rows, &cols);
    if (dumb)
      h = (unsigned) (16 * rows);
    else {
      w = (unsigned) (w * 5 / 8 * cols);
      h = (unsigned) (h * 2 / 3 * rows);
    }
  }
  if (width)
    w = width;
  if (height)
    h = height;
  static const char *const what[] = {
    "a line plot", "a scatter plot", "a contour plot", "a heatmap",
    "a surface", "a histogram", "the dashboard of a training log"
  };
  fprintf(fp, "# A gnuplot script written by nn-plot (nnkit %s): %s.\n"
          "# The data are inline, in datablocks ($name << EOD ... EOD):\n"
          "# \"gnuplot FILE\" draws the picture again, with any edits.\n",
          PACKAGE_VERSION, what[p->o.kind]);
  put_terminal(fp, term, w, h);
  if (output) {
    fputs("set output ", fp);
    nn_plot_quote(fp, output);
    putc('\n', fp);
  }
  if (p->o.kind != NN_PLOT_DASHBOARD)
    put_set(fp, "title", p->o.title);
  put_set(fp, "xlabel", p->o.xlabel ? p->o.xlabel : p->xname);
  if (p->o.kind == NN_PLOT_HIST)
    put_set(fp, "ylabel", p->o.ylabel ? p->o.ylabel : "count");
  else if (p->o.kind != NN_PLOT_DASHBOARD)
    put_set(fp, "ylabel", p->o.ylabel ? p->o.ylabel : p->yname);
  switch (p->o.kind) {
  case NN_PLOT_LINE: script_line(fp, p); break;
  case NN_PLOT_SCATTER: script_scatter(fp, p, dumb); break;
  case NN_PLOT_CONTOUR: script_contour(fp, p, dumb); break;
  case NN_PLOT_HEATMAP: script_heatmap(fp, p, dumb); break;
  case NN_PLOT_SURFACE: script_surface(fp, p, dumb); break;
  case NN_PLOT_HIST: script_hist(fp, p); break;
  case NN_PLOT_DASHBOARD: script_dashboard(fp, p, dumb); break;
  }
  if (output)
    fputs("unset output\n", fp);
  if (fflush(fp) != 0 || ferror(fp))
    return nn_err_set(err, NN_EIO, "write error: %s", strerror(errno));
  return NN_OK;
}

/* -- running gnuplot ------------------------------------------------------ */

static const char install_hint[] =
  "install the package gnuplot-nox, or use --script to print the script";

int nn_plot_find_gnuplot(const char *name, char **found, nn_err *err)
{
  struct stat st;
  if (name == NULL || name[0] == '\0')
    name = "gnuplot";
  if (strchr(name, '/')) {
    const char *why = NULL;
    if (stat(name, &st) != 0)
      why = strerror(errno);
    else if (!S_ISREG(st.st_mode) || access(name, X_OK) != 0)
      why = "not an executable file";
    if (why)
      return nn_err_set(err, NN_EDATA, "gnuplot not found: cannot run '%s' "
                        "(%s); %s", name, why, install_hint);
    *found = xstrdup(name, err);
    return *found ? NN_OK : NN_ENOMEM;
  }
  const char *path = getenv("PATH");
  if (path == NULL)
    path = "/usr/bin:/bin";
  size_t nlen = strlen(name);
  for (const char *dir = path;; ) {
    const char *end = strchr(dir, ':');
    size_t dlen = end ? (size_t) (end - dir) : strlen(dir);
    char *cand = xmalloc(dlen + nlen + 3, err);
    if (cand == NULL)
      return NN_ENOMEM;
    if (dlen == 0)
      snprintf(cand, dlen + nlen + 3, "./%s", name);
    else
      snprintf(cand, dlen + nlen + 3, "%.*s/%s", (int) dlen, dir, name);
    if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) &&
        access(cand, X_OK) == 0) {
      *found = cand;
      return NN_OK;
    }
    free(cand);
    if (end == NULL)
      break;
    dir = end + 1;
  }
  return nn_err_set(err, NN_EDATA, "gnuplot not found: no '%s' on PATH; %s",
                    name, install_hint);
}

/* Read all of FP (from its start) into a NUL-terminated string. */
static char *slurp(FILE *fp)
{
  size_t n = 0, cap = 1024;
  char *s = malloc(cap);
  if (s == NULL || fseek(fp, 0, SEEK_SET) != 0) {
    free(s);
    return NULL;
  }
  for (size_t got; (got = fread(s + n, 1, cap - n - 1, fp)) > 0; ) {
    n += got;
    if (cap - n - 1 == 0) {
      char *t = realloc(s, 2 * cap);
      if (t == NULL)
        break;
      s = t;
      cap *= 2;
    }
  }
  s[n] = '\0';
  return s;
}

int nn_plot_run(const char *path, int script_fd, int out_fd, char **messages,
                nn_err *err)
{
  if (messages)
    *messages = NULL;
  FILE *errf = tmpfile();
  if (errf == NULL)
    return nn_err_set(err, NN_EIO, "cannot make a temporary file: %s",
                      strerror(errno));
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    int e = errno;
    fclose(errf);
    return nn_err_set(err, NN_EIO, "cannot run gnuplot: %s", strerror(e));
  }
  if (pid == 0) {  /* the child: no shell, the script on standard input */
    int efd = fileno(errf);
    struct stat st;
    if (dup2(script_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(efd, 2) < 0)
      _exit(127);
    /* Given standard input as a file to load, gnuplot reads it through a
     * buffer and stops at the first error; read as standard input it is
     * read a byte at a time (200,000 rows: 8 s instead of 0.4 s). */
    char *const argv[] = {"gnuplot",
                          stat("/dev/stdin", &st) == 0 ? "/dev/stdin" : NULL,
                          NULL};
    execv(path, argv);
    dprintf(2, "cannot run '%s': %s\n", path, strerror(errno));
    _exit(127);
  }
  int wstatus;
  while (waitpid(pid, &wstatus, 0) < 0)
    if (errno != EINTR) {
      int e = errno;
      fclose(errf);
      return nn_err_set(err, NN_EIO, "waiting for gnuplot: %s", strerror(e));
    }
  char *text = slurp(errf);
  fclose(errf);
  int status = NN_OK;
  if (WIFSIGNALED(wstatus))
    status = nn_err_set(err, NN_EDATA, "gnuplot was killed by signal %d",
                        WTERMSIG(wstatus));
  else if (WEXITSTATUS(wstatus) != 0)
    status = nn_err_set(err, NN_EDATA, "gnuplot failed (exit status %d)",
                        WEXITSTATUS(wstatus));
  if (messages && text && text[0])
    *messages = text;
  else
    free(text);
  return status;
}

int nn_plot_copy_text(int fd, FILE *out, nn_err *err)
{
  char buf[1 << 14];
  size_t blanks = 0;  /* spaces seen and not yet written */
  ssize_t n;
  if (lseek(fd, 0, SEEK_SET) < 0)
    return nn_err_set(err, NN_EIO, "read error: %s", strerror(errno));
  while ((n = read(fd, buf, sizeof buf)) != 0) {
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return nn_err_set(err, NN_EIO, "read error: %s", strerror(errno));
    }
    for (ssize_t i = 0; i < n; i++) {
      char c = buf[i];
      if (c == ' ') {
        blanks++;
      } else if (c == '\n') {
        blanks = 0;
        putc(c, out);
      } else if (c != '\f') {
        for (; blanks > 0; blanks--)
          putc(' ', out);
        putc(c, out);
      }
    }
  }
  return NN_OK;
}
