/* nn.h -- libnn, the library behind the nnkit tools: everything a program
 * needs, in one include.  See nnkit(7) and HACKING.md. */
#ifndef NN_H
#define NN_H

#include "error.h"
#include "number.h"
#include "table.h"
#include "outfile.h"
#include "plot.h"
#include "rowbuf.h"
#include "split.h"
#include "splitrun.h"
#include "loss.h"
#include "gemm.h"
#include "model.h"
#include "modelfile.h"
#include "dataset.h"
#include "optim.h"
#include "func.h"
#include "lstsq.h"
#include "objective.h"
#include "hessian.h"
#include "critical.h"
#include "train.h"
#include "data.h"
#include "idx.h"
#include "cli.h"

#endif
