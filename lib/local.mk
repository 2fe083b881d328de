# lib/local.mk -- libnn, the library behind every tool.
lib_LTLIBRARIES += lib/libnn.la
lib_libnn_la_SOURCES = \
  lib/cli.c lib/cli.h \
  lib/critical.c lib/critical.h \
  lib/data.c lib/data.h \
  lib/dataset.c lib/dataset.h \
  lib/error.c lib/error.h \
  lib/func.c lib/func.h \
  lib/gemm.c lib/gemm.h \
  lib/hessian.c lib/hessian.h \
  lib/idx.c lib/idx.h \
  lib/loss.c lib/loss.h \
  lib/lstsq.c lib/lstsq.h \
  lib/model.c lib/model.h \
  lib/modelfile.c lib/modelfile.h \
  lib/number.c lib/number.h \
  lib/objective.c lib/objective.h \
  lib/optim.c lib/optim.h \
  lib/outfile.c lib/outfile.h \
  lib/plot.c lib/plot.h \
  lib/rowbuf.c lib/rowbuf.h \
  lib/split.c lib/split.h \
  lib/splitrun.c lib/splitrun.h \
  lib/table.c lib/table.h \
  lib/train.c lib/train.h
lib_libnn_la_LIBADD = $(NN_MATH_LIBS) $(ZLIB_LIBS)
lib_libnn_la_LDFLAGS = -version-info $(NN_LT_VERSION) -no-undefined

nnincludedir = $(includedir)/nnkit
nninclude_HEADERS = lib/nn.h lib/cli.h lib/critical.h lib/data.h lib/idx.h lib/dataset.h lib/error.h lib/func.h lib/gemm.h \
  lib/hessian.h lib/loss.h lib/lstsq.h lib/objective.h \
  lib/model.h lib/modelfile.h lib/number.h lib/optim.h lib/outfile.h lib/plot.h lib/rowbuf.h \
  lib/split.h lib/splitrun.h \
  lib/table.h lib/train.h

pkgconfig_DATA = lib/nnkit.pc
DISTCLEANFILES += lib/nnkit.pc
EXTRA_DIST += lib/nnkit.pc.in
