/* nn-plot -- gnuplot pictures from tables: lines, scatter plots, contours,
 * heatmaps, surfaces, histograms and the dashboard of a training log
 * (nn-plot(1)).  The work is in lib/plot.c. */
#include <config.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn.h"

enum {
  OPT_LOGX = 256, OPT_LOGY, OPT_XLABEL, OPT_YLABEL, OPT_SIZE, OPT_SCRIPT,
  OPT_BINS, OPT_REGIONS, OPT_REGIONS_BY, OPT_PATH, OPT_PATH_X, OPT_PATH_Y,
  OPT_PATH_Z, OPT_DASHBOARD, OPT_BY, OPT_TITLE, OPT_CSV, OPT_TSV, OPT_HELP,
  OPT_VERSION
};

static const struct option long_options[] = {
  {"kind", required_argument, NULL, 'k'},
  {"x", required_argument, NULL, 'x'},
  {"y", required_argument, NULL, 'y'},
  {"z", required_argument, NULL, 'z'},
  {"by", required_argument, NULL, OPT_BY},
  {"logx", no_argument, NULL, OPT_LOGX},
  {"logy", no_argument, NULL, OPT_LOGY},
  {"title", required_argument, NULL, OPT_TITLE},
  {"xlabel", required_argument, NULL, OPT_XLABEL},
  {"ylabel", required_argument, NULL, OPT_YLABEL},
  {"size", required_argument, NULL, OPT_SIZE},
  {"output", required_argument, NULL, 'o'},
  {"script", no_argument, NULL, OPT_SCRIPT},
  {"bins", required_argument, NULL, OPT_BINS},
  {"regions", required_argument, NULL, OPT_REGIONS},
  {"regions-by", required_argument, NULL, OPT_REGIONS_BY},
  {"path", required_argument, NULL, OPT_PATH},
  {"path-x", required_argument, NULL, OPT_PATH_X},
  {"path-y", required_argument, NULL, OPT_PATH_Y},
  {"path-z", required_argument, NULL, OPT_PATH_Z},
  {"dashboard", no_argument, NULL, OPT_DASHBOARD},
  {"csv", no_argument, NULL, OPT_CSV},
  {"tsv", no_argument, NULL, OPT_TSV},
  {"help", no_argument, NULL, OPT_HELP},
  {"version", no_argument, NULL, OPT_VERSION},
  {NULL, 0, NULL, 0}
};

static void __attribute__((noreturn)) usage(void)
{
  printf("Usage: %s [OPTION]... [FILE]\n", nn_program_name);
  fputs("\
Draw a table as a gnuplot picture: lines, points, contours, a heatmap, a\n\
surface, a histogram, or the dashboard of a training log.  With no FILE,\n\
or when FILE is -, read standard input.\n\
\n\
  -k, --kind=KIND          line (default), scatter, contour, heatmap,\n\
                           surface or hist\n\
      --dashboard          the panels of an nn-train log against step: loss\n\
                           and valid_loss (log scale), accuracy, grad_norm,\n\
                           lr, each where the log has the column\n\
  -x, --x=COL              x column, by name or 1-based index (default: 1;\n\
                           the dashboard: step); hist: the column counted\n\
  -y, --y=COLS             y columns, comma-separated (default: line, every\n\
                           other numeric column; scatter, the first other\n\
                           column; contour, heatmap, surface: 2)\n\
  -z, --z=COL              z column of a grid (default: 3)\n\
      --by=COL             a series (line) or colour (scatter) per value\n\
      --logx, --logy       logarithmic axes (line, scatter)\n\
      --bins=N             hist: N bins (default: 1 + ceil(log2 rows))\n\
      --regions=FILE       scatter: shade the class predicted over a grid\n\
      --regions-by=COL     its class column (default: prediction)\n\
      --path=FILE          contour, heatmap, surface: draw a trajectory\n\
      --path-x=COL, --path-y=COL, --path-z=COL\n\
                           its columns (default: the names of the grid's x,\n\
                           y and, for a surface, z)\n\
      --title=T, --xlabel=T, --ylabel=T\n\
                           texts (default labels: the column names)\n\
      --size=WxH           pixels; characters for text, points for PDF\n\
                           (default: 800x600, 79x24, 504x360)\n\
  -o, --output=FILE        write the picture to FILE, replacing it only when\n\
                           done; the format follows the extension: .png,\n\
                           .svg, .pdf, .txt (default: a text plot on\n\
                           standard output)\n\
      --script             print the gnuplot script, data inline, instead\n\
                           of running gnuplot\n\
      --csv, --tsv         force the input separator (default: tab if the\n\
                           header has one, else comma)\n\
      --help               display this help and exit\n\
      --version            output version information and exit\n\
\n\
gnuplot is found as $GNUPLOT, else on PATH (Debian: gnuplot-nox).\n\
\n\
Examples:\n\
  nn-train -m mlp:16 -o model.tsv train.tsv | nn-plot --dashboard -o log.png\n\
  nn-predict -m model.tsv grid.tsv | \\\n\
    nn-plot --kind scatter -x x1 -y x2 --by label --regions - test.tsv\n\
\n", stdout);
  printf("See %s(1) for the pictures and the script.\n", nn_program_name);
  exit(NN_EXIT_OK);
}

static int is_stdin(const char *path)
{
  return path == NULL || strcmp(path, "-") == 0;
}

static nn_table *open_table(const char *path, int delim)
{
  nn_err err;
  nn_table *t = nn_table_open(path, delim, &err);
  if (t == NULL)
    nn_cli_fail(&err);
  return t;
}

/* Run gnuplot on the script of P for TERM, and put the picture in OUTPUT
 * (NULL: standard output) whole or not at all. */
static void render(const nn_plot *p, nn_plot_term term, unsigned w,
                   unsigned h, const char *output)
{
  nn_err err;
  char *gnuplot, *messages;
  if (nn_plot_find_gnuplot(getenv("GNUPLOT"), &gnuplot, &err) != NN_OK)
    nn_cli_fail(&err);
  FILE *script = tmpfile(), *raw = NULL;
  if (script == NULL)
    nn_cli_die(NN_EXIT_FAIL, "cannot make a temporary file: %s",
               strerror(errno));
  if (nn_plot_script(script, p, term, w, h, NULL, &err) != NN_OK)
    nn_cli_fail(&err);
  rewind(script);
  nn_outfile out;
  if (nn_outfile_open(&out, output, &err) != NN_OK)
    nn_cli_fail(&err);
  /* A text picture goes through a file of its own, to be cleaned up; any
   * other straight into the temporary file beside OUTPUT. */
  int fd;
  if (term == NN_PLOT_DUMB) {
    if ((raw = tmpfile()) == NULL)
      nn_cli_die(NN_EXIT_FAIL, "cannot make a temporary file: %s",
                 strerror(errno));
    fd = fileno(raw);
  } else {
    fflush(out.fp);
    fd = fileno(out.fp);
  }
  int status = nn_plot_run(gnuplot, fileno(script), fd, &messages, &err);
  if (messages) {  /* warnings, or the whole story of a failure */
    for (char *line = strtok(messages, "\n"); line; line = strtok(NULL, "\n"))
      if (line[strspn(line, " \t")])
        fprintf(stderr, "%s: gnuplot: %s\n", nn_program_name,
                line + strspn(line, " \t"));
    free(messages);
  }
  if (status != NN_OK)
    nn_cli_fail(&err);
  struct stat st;
  if (fstat(fd, &st) == 0 && st.st_size == 0)
    nn_cli_die(NN_EXIT_FAIL, "gnuplot wrote nothing");
  if (raw && nn_plot_copy_text(fd, out.fp, &err) != NN_OK)
    nn_cli_fail(&err);
  if (nn_outfile_commit(&out, &err) != NN_OK)
    nn_cli_fail(&err);
  if (raw)
    fclose(raw);
  fclose(script);
  free(gnuplot);
}

int main(int argc, char **argv)
{
  nn_cli_init(argc, argv);
  nn_plot_opts o;
  nn_plot_opts_init(&o);
  const char *output = NULL, *regions = NULL, *path = NULL, *kind = NULL;
  int delim = 0, dashboard = 0, script = 0, c;
  unsigned w = 0, h = 0;
  nn_err err;
  while ((c = getopt_long(argc, argv, "k:x:y:z:o:", long_options, NULL))
         != -1) {
    switch (c) {
    case 'k': kind = optarg; break;
    case 'x': o.x = optarg; break;
    case 'y': o.y = optarg; break;
    case 'z': o.z = optarg; break;
    case OPT_BY: o.by = optarg; break;
    case OPT_LOGX: o.logx = 1; break;
    case OPT_LOGY: o.logy = 1; break;
    case OPT_TITLE: o.title = optarg; break;
    case OPT_XLABEL: o.xlabel = optarg; break;
    case OPT_YLABEL: o.ylabel = optarg; break;
    case OPT_SIZE:
      if (nn_plot_parse_size(optarg, &w, &h, &err) != NN_OK)
        nn_cli_fail(&err);
      break;
    case 'o': output = optarg; break;
    case OPT_SCRIPT: script = 1; break;
    case OPT_BINS: o.bins = nn_cli_count("--bins", optarg, 1, NN_PLOT_MAX_BINS); break;
    case OPT_REGIONS: regions = optarg; break;
    case OPT_REGIONS_BY: o.regions_by = optarg; break;
    case OPT_PATH: path = optarg; break;
    case OPT_PATH_X: o.path_x = optarg; break;
    case OPT_PATH_Y: o.path_y = optarg; break;
    case OPT_PATH_Z: o.path_z = optarg; break;
    case OPT_DASHBOARD: dashboard = 1; break;
    case OPT_CSV: delim = ','; break;
    case OPT_TSV: delim = '\t'; break;
    case OPT_HELP: usage();
    case OPT_VERSION: nn_cli_version();
    default: nn_cli_try_help();
    }
  }
  if (argc - optind > 1)
    nn_cli_usage_error("extra operand '%s'", argv[optind + 1]);
  const char *input = optind < argc ? argv[optind] : NULL;
  if (dashboard && kind)
    nn_cli_usage_error("--dashboard and --kind do not go together");
  if (dashboard)
    o.kind = NN_PLOT_DASHBOARD;
  else if (kind && nn_plot_kind_parse(kind, &o.kind, &err) != NN_OK)
    nn_cli_fail(&err);
  nn_plot_term term;
  if (nn_plot_term_for(output, &term, &err) != NN_OK ||
      nn_plot_check_opts(&o, regions != NULL, path != NULL, &err) != NN_OK)
    nn_cli_fail(&err);
  if (is_stdin(input) && regions && is_stdin(regions))
    nn_cli_usage_error("--regions: standard input is already the table");
  if (is_stdin(input) && path && is_stdin(path))
    nn_cli_usage_error("--path: standard input is already the table");

  nn_table *data = open_table(input, delim);
  nn_table *rt = regions ? open_table(regions, delim) : NULL;
  nn_table *pt = path ? open_table(path, delim) : NULL;
  nn_plot *p = nn_plot_read(&o, data, rt, pt, &err);
  if (p == NULL)
    nn_cli_fail(&err);
  if (script) {  /* the script on standard output; -o names its picture */
    nn_outfile out;
    if (nn_outfile_open(&out, NULL, &err) != NN_OK ||
        nn_plot_script(out.fp, p, term, w, h,
                       is_stdin(output) ? NULL : output, &err) != NN_OK ||
        nn_outfile_commit(&out, &err) != NN_OK)
      nn_cli_fail(&err);
  } else {
    render(p, term, w, h, is_stdin(output) ? NULL : output);
  }
  nn_plot_free(p);
  nn_table_close(data);
  if (rt)
    nn_table_close(rt);
  if (pt)
    nn_table_close(pt);
  return NN_EXIT_OK;
}
