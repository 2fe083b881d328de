# tools/local.mk -- one program per tool; all the work is in libnn.
# Tools link libnn statically (-static: libtool's "uninstalled libtool
# libraries only"), so the built binaries run from the build tree without
# wrapper scripts, under valgrind and the sanitizers alike.
NN_TOOL_LIBS = lib/libnn.la $(NN_MATH_LIBS)
NN_TOOL_STATIC = -static

bin_PROGRAMS += tools/nn-softmax
tools_nn_softmax_SOURCES = tools/nn-softmax.c
tools_nn_softmax_LDADD = $(NN_TOOL_LIBS)
tools_nn_softmax_LDFLAGS = $(NN_TOOL_STATIC)

