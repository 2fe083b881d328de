# tests/unit/local.mk -- Check suites, one program per libnn module, plus
# the csv-spectrum conformance test of the table reader.  Like the tools,
# they link libnn statically: no libtool wrapper scripts, so they run under
# valgrind and the sanitizers as they are.  Without Check, no-check.sh
# reports the suites as skipped.
UNIT_TESTS = \
  tests/unit/number \
  tests/unit/table \
  tests/unit/csv_spectrum \
  tests/unit/loss
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

# The csv-spectrum data: csvs/, json/, README.md, .gitattributes.
EXTRA_DIST += tests/unit/no-check.sh tests/data/csv-spectrum
