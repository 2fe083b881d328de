/* func.h -- built-in functions of a few parameters, with exact gradients
 * and Hessians: the examples of NOTES.md §2-4, for nn-train --function and
 * nn-hessian --function.
 *
 * A function is named by a spec, "NAME" or "NAME:A[:B]" for the shapes
 * that take constants:
 *   w1w2          (1 - w1 w2)^2          the notes' network y = w1 w2 x at
 *                                        x = 1, yhat = 1 (§2)
 *   saddle        x^2 - y^2
 *   monkey        x^3 - 3 x y^2          the monkey saddle: H = 0 at 0
 *   rosenbrock    (1 - x)^2 + 100 (y - x^2)^2
 *   quartic       x^4 - 3 x^2 + x        one parameter; minima near 1.13
 *                                        (local) and -1.30 (global) (§3)
 *   valley:A:B    A x^2 + B y^2          an elongated bowl (default 1:100)
 *   walls:A       sqrt(1 + (A x)^2) - 1 + y^2/2
 *                                        a valley whose walls flatten
 *                                        (default A = 10) (§4)
 */
#ifndef NN_FUNC_H
#define NN_FUNC_H

#include <stddef.h>

#include "error.h"

typedef enum {
  NN_FUNC_W1W2, NN_FUNC_SADDLE, NN_FUNC_MONKEY, NN_FUNC_ROSENBROCK,
  NN_FUNC_QUARTIC, NN_FUNC_VALLEY, NN_FUNC_WALLS
} nn_func_kind;

typedef struct nn_func {
  nn_func_kind kind;          /* which function */
  size_t n;                   /* parameters: 1 or 2 */
  const char *const *names;   /* parameter names ("w1", "w2" or "x", "y") */
  double a, b;                /* shape constants: valley's A and B, walls'
                                 A (b unused); 0 for the others */
} nn_func;

/* Parse SPEC into *F; NN_EINVAL naming --function for an unknown name or a
 * bad constant.  "valley" and "walls" alone take the defaults; with
 * constants, valley takes both ("valley:A:B") and walls one ("walls:A"),
 * each a finite decimal number (nn_number_parse) of any sign.  Messages:
 *   --function: unknown function 'SPEC' (w1w2, saddle, ...)
 *   --function: 'saddle:1': saddle takes no constants
 *   --function: 'valley:1:x': A and B must be numbers
 *   --function: 'walls:x': A must be a number
 *   --function: 'walls:1e999': '1e999' is out of range */
int nn_func_parse(const char *spec, nn_func *f, nn_err *err);

/* The spec of F with every constant spelt out ("valley:1:100", "walls:10",
 * "rosenbrock"), which nn_func_parse reads back as F. */
void nn_func_spec(const nn_func *f, char *buf, size_t size);

/* The names nn_func_parse takes, for messages and --help. */
const char *nn_func_names(void);

/* The formula of F as text ("(1 - w1 w2)^2"), constants filled in:
 * "x^2 + 100 y^2" for valley, "sqrt(1 + (10 x)^2) - 1 + y^2/2" for walls
 * (a coefficient 1 is left out).  ASCII, one line; 96 bytes hold any. */
void nn_func_formula(const nn_func *f, char *buf, size_t size);

/* Value at X (f->n values); when GRAD is not NULL the gradient (n values),
 * when HESS is not NULL the Hessian (n x n, row by row). */
double nn_func_eval(const nn_func *f, const double *x, double *grad,
                    double *hess);

#endif
