/* func.c -- built-in functions of a few parameters with exact gradients and
 * Hessians (func.h): the examples of NOTES.md §2-4.
 *
 * Every derivative is written out by hand next to its function;
 * tests/unit/func.c checks each against central differences.
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "func.h"
#include "number.h"

static const char *const names_w[] = {"w1", "w2"};
static const char *const names_xy[] = {"x", "y"};

/* The functions by name: kind, parameters, names, how many constants the
 * spec may carry, and their defaults. */
static const struct {
  const char *name;
  nn_func_kind kind;
  size_t n;
  const char *const *names;
  int nconst;
  double a, b;
} table[] = {
  {"w1w2", NN_FUNC_W1W2, 2, names_w, 0, 0, 0},
  {"saddle", NN_FUNC_SADDLE, 2, names_xy, 0, 0, 0},
  {"monkey", NN_FUNC_MONKEY, 2, names_xy, 0, 0, 0},
  {"rosenbrock", NN_FUNC_ROSENBROCK, 2, names_xy, 0, 0, 0},
  {"quartic", NN_FUNC_QUARTIC, 1, names_xy, 0, 0, 0},
  {"valley", NN_FUNC_VALLEY, 2, names_xy, 2, 1, 100},
  {"walls", NN_FUNC_WALLS, 2, names_xy, 1, 10, 0},
};
#define NFUNCS (sizeof table / sizeof table[0])

const char *nn_func_names(void)
{
  return "w1w2, saddle, monkey, rosenbrock, quartic, valley:A:B, walls:A";
}

/* Parse the NUL-terminated constant S into *X; a non-zero nn_number_status
 * when it is not a finite number. */
static int parse_constant(const char *s, double *x)
{
  return nn_number_parse(s, strlen(s), x);
}

int nn_func_parse(const char *spec, nn_func *f, nn_err *err)
{
  size_t len = strcspn(spec, ":");
  size_t i;
  for (i = 0; i < NFUNCS; i++)
    if (strlen(table[i].name) == len && strncmp(spec, table[i].name, len) == 0)
      break;
  if (i == NFUNCS)
    return nn_err_set(err, NN_EINVAL, "--function: unknown function '%s' (%s)",
                      spec, nn_func_names());
  f->kind = table[i].kind;
  f->n = table[i].n;
  f->names = table[i].names;
  f->a = table[i].a;
  f->b = table[i].b;
  if (spec[len] == '\0')
    return NN_OK;
  if (table[i].nconst == 0)
    return nn_err_set(err, NN_EINVAL, "--function: '%s': %s takes no "
                      "constants", spec, table[i].name);

  /* The constants, each copied so that a NUL follows it. */
  char *copy = malloc(strlen(spec) + 1);
  if (copy == NULL)
    return nn_err_set(err, NN_ENOMEM, "out of memory");
  strcpy(copy, spec);
  char *ca = copy + len + 1, *cb = NULL;
  if (table[i].nconst == 2) {
    char *colon = strchr(ca, ':');
    if (colon) {
      *colon = '\0';
      cb = colon + 1;
    }
  }
  double c[2] = {f->a, f->b};
  int status = NN_OK;
  const char *bad = NULL;  /* the constant that is out of range */
  int r = parse_constant(ca, &c[0]);
  if (r == NN_NUMBER_RANGE)
    bad = ca;
  if (r == NN_NUMBER_OK && table[i].nconst == 2) {
    r = cb ? parse_constant(cb, &c[1]) : NN_NUMBER_SYNTAX;
    if (r == NN_NUMBER_RANGE)
      bad = cb;
  }
  if (bad)
    status = nn_err_set(err, NN_EINVAL, "--function: '%s': '%s' is out of "
                        "range", spec, bad);
  else if (r != NN_NUMBER_OK)
    status = nn_err_set(err, NN_EINVAL, "--function: '%s': %s", spec,
                        table[i].nconst == 2 ? "A and B must be numbers"
                                             : "A must be a number");
  else {
    f->a = c[0];
    f->b = c[1];
  }
  free(copy);
  return status;
}

void nn_func_spec(const nn_func *f, char *buf, size_t size)
{
  char a[NN_NUMBER_BUFSIZE], b[NN_NUMBER_BUFSIZE];
  nn_number_format(a, f->a);
  nn_number_format(b, f->b);
  switch (f->kind) {
  case NN_FUNC_VALLEY:
    snprintf(buf, size, "valley:%s:%s", a, b);
    return;
  case NN_FUNC_WALLS:
    snprintf(buf, size, "walls:%s", a);
    return;
  default:
    for (size_t i = 0; i < NFUNCS; i++)
      if (table[i].kind == f->kind) {
        snprintf(buf, size, "%s", table[i].name);
        return;
      }
  }
  snprintf(buf, size, "?");
}

/* "C TERM" into BUF as the first term of a sum ("x^2", "-x^2", "2.5 x^2"),
 * or, when FIRST is 0, as a later one (" + 3 y^2", " - y^2"). */
static void term(char *buf, size_t size, double c, const char *t, int first)
{
  char num[NN_NUMBER_BUFSIZE];
  const char *sign = first ? (c < 0 ? "-" : "") : (c < 0 ? " - " : " + ");
  double mag = fabs(c);
  if (mag == 1) {
    snprintf(buf, size, "%s%s", sign, t);
  } else {
    nn_number_format(num, mag);
    snprintf(buf, size, "%s%s %s", sign, num, t);
  }
}

void nn_func_formula(const nn_func *f, char *buf, size_t size)
{
  char t1[NN_NUMBER_BUFSIZE + 16], t2[NN_NUMBER_BUFSIZE + 16];
  char a[NN_NUMBER_BUFSIZE];
  switch (f->kind) {
  case NN_FUNC_W1W2:
    snprintf(buf, size, "(1 - w1 w2)^2");
    return;
  case NN_FUNC_SADDLE:
    snprintf(buf, size, "x^2 - y^2");
    return;
  case NN_FUNC_MONKEY:
    snprintf(buf, size, "x^3 - 3 x y^2");
    return;
  case NN_FUNC_ROSENBROCK:
    snprintf(buf, size, "(1 - x)^2 + 100 (y - x^2)^2");
    return;
  case NN_FUNC_QUARTIC:
    snprintf(buf, size, "x^4 - 3 x^2 + x");
    return;
  case NN_FUNC_VALLEY:
    term(t1, sizeof t1, f->a, "x^2", 1);
    term(t2, sizeof t2, f->b, "y^2", 0);
    snprintf(buf, size, "%s%s", t1, t2);
    return;
  case NN_FUNC_WALLS:
    if (f->a == 1) {
      snprintf(buf, size, "sqrt(1 + x^2) - 1 + y^2/2");
    } else {
      nn_number_format(a, f->a);
      snprintf(buf, size, "sqrt(1 + (%s x)^2) - 1 + y^2/2", a);
    }
    return;
  }
  snprintf(buf, size, "?");
}

double nn_func_eval(const nn_func *f, const double *x, double *grad,
                    double *hess)
{
  double v = 0, g[2] = {0, 0}, h[4] = {0, 0, 0, 0};
  double p = x[0], q = f->n > 1 ? x[1] : 0;
  switch (f->kind) {
  case NN_FUNC_W1W2: {
    /* NOTES.md §2: L = (1 - w1 w2)^2, dL/dw1 = -2 w2 (1 - w1 w2),
     * dL/dw2 = -2 w1 (1 - w1 w2); d2L/dw1^2 = 2 w2^2,
     * d2L/dw1 dw2 = -2 + 4 w1 w2, d2L/dw2^2 = 2 w1^2. */
    double r = 1 - p * q;
    v = r * r;
    g[0] = -2 * q * r;
    g[1] = -2 * p * r;
    h[0] = 2 * q * q;
    h[1] = h[2] = -2 + 4 * p * q;
    h[3] = 2 * p * p;
    break;
  }
  case NN_FUNC_SADDLE:
    v = p * p - q * q;
    g[0] = 2 * p;
    g[1] = -2 * q;
    h[0] = 2;
    h[3] = -2;
    break;
  case NN_FUNC_MONKEY:
    /* x^3 - 3 x y^2: gradient (3x^2 - 3y^2, -6xy), H = [[6x, -6y],
     * [-6y, -6x]], zero at the origin. */
    v = p * p * p - 3 * p * q * q;
    g[0] = 3 * p * p - 3 * q * q;
    g[1] = -6 * p * q;
    h[0] = 6 * p;
    h[1] = h[2] = -6 * q;
    h[3] = -6 * p;
    break;
  case NN_FUNC_ROSENBROCK: {
    /* (1 - x)^2 + 100 (y - x^2)^2: gradient (-2 (1 - x) - 400 x (y - x^2),
     * 200 (y - x^2)), H = [[2 - 400 y + 1200 x^2, -400 x], [-400 x, 200]]. */
    double s = q - p * p;
    v = (1 - p) * (1 - p) + 100 * s * s;
    g[0] = -2 * (1 - p) - 400 * p * s;
    g[1] = 200 * s;
    h[0] = 2 - 400 * q + 1200 * p * p;
    h[1] = h[2] = -400 * p;
    h[3] = 200;
    break;
  }
  case NN_FUNC_QUARTIC:
    /* NOTES.md §3: x^4 - 3 x^2 + x, derivative 4x^3 - 6x + 1, second
     * derivative 12x^2 - 6. */
    v = ((p * p - 3) * p + 1) * p;
    g[0] = (4 * p * p - 6) * p + 1;
    h[0] = 12 * p * p - 6;
    break;
  case NN_FUNC_VALLEY:
    v = f->a * p * p + f->b * q * q;
    g[0] = 2 * f->a * p;
    g[1] = 2 * f->b * q;
    h[0] = 2 * f->a;
    h[3] = 2 * f->b;
    break;
  case NN_FUNC_WALLS: {
    /* NOTES.md §4: sqrt(1 + u^2) - 1 + y^2/2 with u = A x.  With
     * s = sqrt(1 + u^2), s - 1 = u^2 / (s + 1), which keeps full precision
     * for small u where s - 1 would cancel; u (u / (s + 1)) does not
     * overflow for large u.  d/dx = A u / s, d2/dx2 = A^2 / s^3, and the
     * y part is y^2/2 (gradient y, curvature 1). */
    double u = f->a * p, s = hypot(1, u);
    double r = isinf(u) ? copysign(1, u) : u / (s + 1);  /* u / (s + 1) */
    double t = isinf(u) ? copysign(1, u) : u / s;        /* u / s */
    double as = f->a / s;
    v = u * r + 0.5 * q * q;
    g[0] = f->a * t;
    g[1] = q;
    h[0] = as * as / s;
    h[3] = 1;
    break;
  }
  }
  if (grad)
    for (size_t i = 0; i < f->n; i++)
      grad[i] = g[i];
  if (hess) {
    if (f->n == 1)
      hess[0] = h[0];
    else
      for (size_t i = 0; i < 4; i++)
        hess[i] = h[i];
  }
  return v;
}
