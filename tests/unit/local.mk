# tests/unit/local.mk -- Check suites, one program per libnn module, plus
# the csv-spectrum conformance test of the table reader.  Like the tools,
# they link libnn statically: no libtool wrapper scripts, so they run under
# valgrind and the sanitizers as they are.  Without Check, no-check.sh
# reports the suites as skipped.
UNIT_TESTS = \
  tests/unit/plot \
  tests/unit/number \
  tests/unit/table \
  tests/unit/csv_spectrum \
  tests/unit/loss \
  tests/unit/data \
  tests/unit/idx \
  tests/unit/split \
  tests/unit/model \
  tests/unit/modelfile \
  tests/unit/dataset \
  tests/unit/train \
  tests/unit/optim \
  tests/unit/func \
  tests/unit/lstsq \
  tests/unit/critical \
  tests/unit/hessian \
  tests/unit/rowbuf \
  tests/unit/cli \
  tests/unit/outfile \
  tests/unit/splitrun \
  tests/unit/gemm
UNIT_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
UNIT_LIBS = lib/libnn.la $(NN_MATH_LIBS) $(CHECK_LIBS)

if HAVE_CHECK
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
else
TESTS += tests/unit/no-check.sh
endif

tests_unit_number_SOURCES = tests/unit/number.c tests/unit/unit.h
tests_unit_number_CFLAGS = $(UNIT_CFLAGS)
tests_unit_number_LDADD = $(UNIT_LIBS)
tests_unit_number_LDFLAGS = -static

tests_unit_table_SOURCES = tests/unit/table.c tests/unit/unit.h
tests_unit_table_CFLAGS = $(UNIT_CFLAGS)
tests_unit_table_LDADD = $(UNIT_LIBS)
tests_unit_table_LDFLAGS = -static

tests_unit_csv_spectrum_SOURCES = tests/unit/csv_spectrum.c tests/unit/unit.h
tests_unit_csv_spectrum_CFLAGS = $(UNIT_CFLAGS)
tests_unit_csv_spectrum_LDADD = $(UNIT_LIBS)
tests_unit_csv_spectrum_LDFLAGS = -static

tests_unit_loss_SOURCES = tests/unit/loss.c tests/unit/unit.h
tests_unit_loss_CFLAGS = $(UNIT_CFLAGS)
tests_unit_loss_LDADD = $(UNIT_LIBS)
tests_unit_loss_LDFLAGS = -static

tests_unit_model_SOURCES = tests/unit/model.c tests/unit/unit.h \
  tests/unit/fixture.h
tests_unit_model_CFLAGS = $(UNIT_CFLAGS)
tests_unit_model_LDADD = $(UNIT_LIBS)
tests_unit_model_LDFLAGS = -static

tests_unit_split_SOURCES = tests/unit/split.c tests/unit/unit.h
tests_unit_split_CFLAGS = $(UNIT_CFLAGS)
tests_unit_split_LDADD = $(UNIT_LIBS)
tests_unit_split_LDFLAGS = -static

tests_unit_outfile_SOURCES = tests/unit/outfile.c tests/unit/unit.h \
  tests/unit/fixture.h
tests_unit_outfile_CFLAGS = $(UNIT_CFLAGS)
tests_unit_outfile_LDADD = $(UNIT_LIBS)
tests_unit_outfile_LDFLAGS = -static

tests_unit_splitrun_SOURCES = tests/unit/splitrun.c tests/unit/unit.h \
  tests/unit/fixture.h
tests_unit_splitrun_CFLAGS = $(UNIT_CFLAGS)
tests_unit_splitrun_LDADD = $(UNIT_LIBS)
tests_unit_splitrun_LDFLAGS = -static

tests_unit_data_SOURCES = tests/unit/data.c tests/unit/unit.h
tests_unit_data_CFLAGS = $(UNIT_CFLAGS)
tests_unit_data_LDADD = $(UNIT_LIBS)
tests_unit_data_LDFLAGS = -static

tests_unit_idx_SOURCES = tests/unit/idx.c tests/unit/unit.h
tests_unit_idx_CFLAGS = $(UNIT_CFLAGS)
tests_unit_idx_LDADD = $(UNIT_LIBS)
tests_unit_idx_LDFLAGS = -static

tests_unit_modelfile_SOURCES = tests/unit/modelfile.c tests/unit/unit.h \
  tests/unit/fixture.h
tests_unit_modelfile_CFLAGS = $(UNIT_CFLAGS)
tests_unit_modelfile_LDADD = $(UNIT_LIBS)
tests_unit_modelfile_LDFLAGS = -static

tests_unit_dataset_SOURCES = tests/unit/dataset.c tests/unit/unit.h \
  tests/unit/fixture.h
tests_unit_dataset_CFLAGS = $(UNIT_CFLAGS)
tests_unit_dataset_LDADD = $(UNIT_LIBS)
tests_unit_dataset_LDFLAGS = -static

tests_unit_train_SOURCES = tests/unit/train.c tests/unit/unit.h \
  tests/unit/fixture.h
tests_unit_train_CFLAGS = $(UNIT_CFLAGS)
tests_unit_train_LDADD = $(UNIT_LIBS)
tests_unit_train_LDFLAGS = -static

tests_unit_optim_SOURCES = tests/unit/optim.c tests/unit/unit.h
tests_unit_optim_CFLAGS = $(UNIT_CFLAGS)
tests_unit_optim_LDADD = $(UNIT_LIBS)
tests_unit_optim_LDFLAGS = -static

tests_unit_func_SOURCES = tests/unit/func.c tests/unit/unit.h \
  tests/unit/fixture.h
tests_unit_func_CFLAGS = $(UNIT_CFLAGS)
tests_unit_func_LDADD = $(UNIT_LIBS)
tests_unit_func_LDFLAGS = -static

tests_unit_lstsq_SOURCES = tests/unit/lstsq.c tests/unit/unit.h \
  tests/unit/fixture.h
tests_unit_lstsq_CFLAGS = $(UNIT_CFLAGS)
tests_unit_lstsq_LDADD = $(UNIT_LIBS)
tests_unit_lstsq_LDFLAGS = -static

tests_unit_hessian_SOURCES = tests/unit/hessian.c tests/unit/unit.h \
  tests/unit/fixture.h
tests_unit_hessian_CFLAGS = $(UNIT_CFLAGS)
tests_unit_hessian_LDADD = $(UNIT_LIBS)
tests_unit_hessian_LDFLAGS = -static

tests_unit_rowbuf_SOURCES = tests/unit/rowbuf.c tests/unit/unit.h \
  tests/unit/fixture.h
tests_unit_rowbuf_CFLAGS = $(UNIT_CFLAGS)
tests_unit_rowbuf_LDADD = $(UNIT_LIBS)
tests_unit_rowbuf_LDFLAGS = -static

tests_unit_critical_SOURCES = tests/unit/critical.c tests/unit/unit.h \
  tests/unit/fixture.h
tests_unit_critical_CFLAGS = $(UNIT_CFLAGS)
tests_unit_critical_LDADD = $(UNIT_LIBS)
tests_unit_critical_LDFLAGS = -static

# The csv-spectrum data: csvs/, json/, README.md, .gitattributes.
EXTRA_DIST += tests/unit/no-check.sh tests/data/csv-spectrum

tests_unit_plot_SOURCES = tests/unit/plot.c tests/unit/unit.h
tests_unit_plot_CFLAGS = $(UNIT_CFLAGS)
tests_unit_plot_LDADD = $(UNIT_LIBS)
tests_unit_plot_LDFLAGS = -static

tests_unit_cli_SOURCES = tests/unit/cli.c tests/unit/unit.h
tests_unit_cli_CFLAGS = $(UNIT_CFLAGS)
tests_unit_cli_LDADD = $(UNIT_LIBS)
tests_unit_cli_LDFLAGS = -static

tests_unit_gemm_SOURCES = tests/unit/gemm.c tests/unit/unit.h
tests_unit_gemm_CFLAGS = $(UNIT_CFLAGS)
tests_unit_gemm_LDADD = $(UNIT_LIBS)
tests_unit_gemm_LDFLAGS = -static
