/* plot.h -- gnuplot pictures from tables (nn-plot(1)).
 *
 * Three steps: nn_plot_read reads the tables a picture needs and checks
 * them (numbers where numbers are needed, a grid that is a grid);
 * nn_plot_script writes a complete gnuplot 5 script with the data inline in
 * datablocks ($name << EOD ... EOD), so that the script alone redraws the
 * picture; nn_plot_run runs gnuplot on it.
 *
 * Safety: every text that comes from the user -- column names, class
 * labels, titles, axis labels, file names -- reaches the script only
 * through nn_plot_quote, as a gnuplot string expression made of pieces in
 * single quotes (where gnuplot expands nothing: no backquotes, no macros,
 * no escapes) and the two constants "'" and "\n", and
 * the terminals are set "noenhanced" so that no character of such a text is
 * markup either.  The datablocks hold only numbers that nn_number_format
 * wrote, so no data line can end a block early or be read as a command.
 */
#ifndef NN_PLOT_H
#define NN_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "table.h"

/* What to draw. */
typedef enum nn_plot_kind {
  NN_PLOT_LINE,      /* y against x, one series per -y column and --by value */
  NN_PLOT_SCATTER,   /* points, one colour per --by class; --regions */
  NN_PLOT_CONTOUR,   /* contour lines of z over an x, y grid */
  NN_PLOT_HEATMAP,   /* z over an x, y grid as colour */
  NN_PLOT_SURFACE,   /* z over an x, y grid in three dimensions */
  NN_PLOT_HIST,      /* histogram of one column */
  NN_PLOT_DASHBOARD  /* the panels of an nn-train log */
} nn_plot_kind;

/* Where the picture goes: the gnuplot terminal. */
typedef enum nn_plot_term {
  NN_PLOT_DUMB,  /* text ("dumb"): standard output or a .txt file */
  NN_PLOT_PNG,   /* pngcairo */
  NN_PLOT_SVG,   /* svg */
  NN_PLOT_PDF    /* pdfcairo */
} nn_plot_term;

/* The most series (lines, classes) one picture draws. */
#define NN_PLOT_MAX_SERIES 64

/* The largest --size in either direction, and the most --bins. */
#define NN_PLOT_MAX_SIZE 10000
#define NN_PLOT_MAX_BINS 10000

/* What the user asked for.  The strings are the caller's and must outlive
 * the nn_plot read with them.  NULL means the default. */
typedef struct nn_plot_opts {
  nn_plot_kind kind;       /* what to draw */
  const char *x;           /* -x: column (default: see nn-plot(1)) */
  const char *y;           /* -y: comma-separated columns */
  const char *z;           /* -z: column of the grid kinds */
  const char *by;          /* --by: class or series column */
  int logx, logy;          /* logarithmic axes (line, scatter) */
  const char *title;       /* --title */
  const char *xlabel;      /* --xlabel (default: the x column's name) */
  const char *ylabel;      /* --ylabel (default: the y column's name) */
  size_t bins;             /* --bins (hist); 0: Sturges' rule */
  const char *regions_by;  /* --regions-by (default "prediction") */
  const char *path_x;      /* --path-x (default: the grid's x column name) */
  const char *path_y;      /* --path-y (default: the grid's y column name) */
  const char *path_z;      /* --path-z (surface; default: the grid's z name) */
} nn_plot_opts;

/* Set O to the defaults: a line plot, every option unset. */
void nn_plot_opts_init(nn_plot_opts *o);

/* The kind named NAME ("line", ...; "dashboard" is not a --kind);
 * NN_EINVAL with a message naming the choices otherwise. */
int nn_plot_kind_parse(const char *name, nn_plot_kind *kind, nn_err *err);

/* The name of KIND ("line", ..., "dashboard"). */
const char *nn_plot_kind_name(nn_plot_kind kind);

/* The terminal for the output file PATH, from its extension (.png, .svg,
 * .pdf, .txt, in any case); NULL or "-" is standard output, a text plot.
 * NN_EINVAL otherwise. */
int nn_plot_term_for(const char *path, nn_plot_term *term, nn_err *err);

/* Parse SPEC "WIDTHxHEIGHT" (whole numbers from 1 to NN_PLOT_MAX_SIZE);
 * NN_EINVAL otherwise. */
int nn_plot_parse_size(const char *spec, unsigned *width, unsigned *height,
                       nn_err *err);

/* Check that the options of O go together with its kind (given REGIONS and
 * PATH: whether those tables are given); NN_EINVAL and a message if not. */
int nn_plot_check_opts(const nn_plot_opts *o, int regions, int path,
                       nn_err *err);

typedef struct nn_plot nn_plot;  /* the data of one picture */

/* Read the data the picture of O needs: DATA, and REGIONS (the predicted
 * class over a grid, for scatter) and PATH (a trajectory, for the grid
 * kinds) when not NULL.  Every table is read to its end; none is closed.
 * Returns NULL and fills ERR ("FILE:LINE: ...") on bad data. */
nn_plot *nn_plot_read(const nn_plot_opts *o, nn_table *data,
                      nn_table *regions, nn_table *path, nn_err *err);

void nn_plot_free(nn_plot *p);

/* Write the gnuplot script of P to FP for the terminal TERM, WIDTH x HEIGHT
 * (pixels; characters for text; points for PDF; 0 for the default), with
 * "set output" OUTPUT when it is not NULL (else gnuplot writes to its
 * standard output).  Returns NN_EIO if a write to FP failed. */
int nn_plot_script(FILE *fp, const nn_plot *p, nn_plot_term term,
                   unsigned width, unsigned height, const char *output,
                   nn_err *err);

/* Write S to FP as a gnuplot string expression that stands for S: its runs
 * of other characters in single quotes, each quote as "'" and each line
 * break as "\n", joined by the dot operator ('it'."'".'s', 'a'."\n".'b');
 * any other control character becomes a space, and a byte that is not part
 * of a UTF-8 character a '?' (the terminals need UTF-8: an SVG file with
 * other bytes is not XML).  No character of S is ever read by gnuplot as
 * anything but text. */
void nn_plot_quote(FILE *fp, const char *s);

/* Find the gnuplot program: NAME if it contains a '/', else NAME on PATH;
 * NAME NULL or empty is "gnuplot".  *FOUND (free it) gets its path.
 * NN_EDATA with a message suggesting gnuplot-nox and --script if there is
 * none. */
int nn_plot_find_gnuplot(const char *name, char **found, nn_err *err);

/* Run the gnuplot at PATH with the script read from SCRIPT_FD (a file,
 * read from its current offset) on its standard input, loaded as the file
 * /dev/stdin where there is one, and OUT_FD as its standard output, no
 * shell between.  *MESSAGES (free it; NULL when there
 * were none) gets what gnuplot wrote on standard error: its warnings, or
 * why it failed.  NN_EDATA when it fails (an exit status other than 0, a
 * signal). */
int nn_plot_run(const char *path, int script_fd, int out_fd, char **messages,
                nn_err *err);

/* Copy the text picture gnuplot wrote to FD (read from its start) to OUT,
 * without the form feed that begins each page and the blanks that pad its
 * lines.  NN_EIO if reading fails. */
int nn_plot_copy_text(int fd, FILE *out, nn_err *err);

#endif
