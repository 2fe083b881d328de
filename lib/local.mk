# lib/local.mk -- libnn, the library behind every tool.
lib_LTLIBRARIES += lib/libnn.la
lib_libnn_la_SOURCES = \
  lib/cli.c lib/cli.h \
  lib/error.c lib/error.h \
  lib/loss.c lib/loss.h \
  lib/number.c lib/number.h \
  lib/outfile.c lib/outfile.h \
  lib/table.c lib/table.h
lib_libnn_la_LIBADD = $(NN_MATH_LIBS)
lib_libnn_la_LDFLAGS = -version-info $(NN_LT_VERSION) -no-undefined

nnincludedir = $(includedir)/nnkit
nninclude_HEADERS = lib/nn.h lib/cli.h lib/error.h lib/loss.h lib/number.h \
  lib/outfile.h lib/table.h

pkgconfig_DATA = lib/nnkit.pc
DISTCLEANFILES += lib/nnkit.pc
EXTRA_DIST += lib/nnkit.pc.in
