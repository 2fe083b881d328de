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

bin_PROGRAMS += tools/nn-train
tools_nn_train_SOURCES = tools/nn-train.c
tools_nn_train_LDADD = $(NN_TOOL_LIBS)
tools_nn_train_LDFLAGS = $(NN_TOOL_STATIC)

bin_PROGRAMS += tools/nn-predict
tools_nn_predict_SOURCES = tools/nn-predict.c
tools_nn_predict_LDADD = $(NN_TOOL_LIBS)
tools_nn_predict_LDFLAGS = $(NN_TOOL_STATIC)

bin_PROGRAMS += tools/nn-split
tools_nn_split_SOURCES = tools/nn-split.c
tools_nn_split_LDADD = $(NN_TOOL_LIBS)
tools_nn_split_LDFLAGS = $(NN_TOOL_STATIC)

bin_PROGRAMS += tools/nn-data
tools_nn_data_SOURCES = tools/nn-data.c
tools_nn_data_LDADD = $(NN_TOOL_LIBS)
tools_nn_data_LDFLAGS = $(NN_TOOL_STATIC)

bin_PROGRAMS += tools/nn-plot
tools_nn_plot_SOURCES = tools/nn-plot.c
tools_nn_plot_LDADD = $(NN_TOOL_LIBS)
tools_nn_plot_LDFLAGS = $(NN_TOOL_STATIC)

bin_PROGRAMS += tools/nn-hessian
tools_nn_hessian_SOURCES = tools/nn-hessian.c
tools_nn_hessian_LDADD = $(NN_TOOL_LIBS)
tools_nn_hessian_LDFLAGS = $(NN_TOOL_STATIC)
