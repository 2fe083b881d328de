# bench/local.mk -- benchmarks: built and run only by `make bench`, never by
# `make` or `make check` (see bench/README.md).  BENCH_ARGS are passed on,
# e.g. make bench BENCH_ARGS='--rows 100000'.
EXTRA_PROGRAMS += bench/table-parse
bench_table_parse_SOURCES = bench/table-parse.c
bench_table_parse_LDADD = lib/libnn.la $(NN_MATH_LIBS)
bench_table_parse_LDFLAGS = -static
CLEANFILES += bench/table-parse$(EXEEXT)
EXTRA_DIST += bench/README.md

.PHONY: bench
bench: bench/table-parse$(EXEEXT)
	bench/table-parse$(EXEEXT) $(BENCH_ARGS)
