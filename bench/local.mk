# bench/local.mk -- benchmarks: built and run only by `make bench`, never by
# `make` or `make check` (see bench/README.md).  BENCH_ARGS are passed on,
# e.g. make bench BENCH_ARGS='--rows 100000'.
EXTRA_PROGRAMS += bench/table-parse
bench_table_parse_SOURCES = bench/table-parse.c bench/bench.h
bench_table_parse_LDADD = lib/libnn.la $(NN_MATH_LIBS)
bench_table_parse_LDFLAGS = -static
CLEANFILES += bench/table-parse$(EXEEXT)
EXTRA_DIST += bench/README.md

# nn-data's IDX reader and table writer, on Fashion-MNIST when installed.
EXTRA_PROGRAMS += bench/idx-read
bench_idx_read_SOURCES = bench/idx-read.c bench/bench.h
bench_idx_read_LDADD = lib/libnn.la $(NN_MATH_LIBS)
bench_idx_read_LDFLAGS = -static
CLEANFILES += bench/idx-read$(EXEEXT)

# lib/gemm.c: the products of a lesson-size step, each alone, by every
# version this processor runs and by OpenBLAS.
EXTRA_PROGRAMS += bench/gemm-small
bench_gemm_small_SOURCES = bench/gemm-small.c bench/bench.h
bench_gemm_small_LDADD = lib/libnn.la $(NN_MATH_LIBS)
bench_gemm_small_LDFLAGS = -static
CLEANFILES += bench/gemm-small$(EXEEXT)

.PHONY: bench
bench: bench/table-parse$(EXEEXT) bench/idx-read$(EXEEXT) bench/gemm-small$(EXEEXT)
	bench/table-parse$(EXEEXT) $(BENCH_ARGS)
	bench/idx-read$(EXEEXT)
	OPENBLAS_NUM_THREADS=1 bench/gemm-small$(EXEEXT)

# nn-split beside shuf(1): time and peak memory (GNU time), 1,000,000 rows
# by default; e.g. make bench-split BENCH_SPLIT_ARGS='--rows 100000'.
EXTRA_DIST += bench/nn-split.sh
.PHONY: bench-split
bench: bench-split
bench-split: tools/nn-split$(EXEEXT)
	$(SHELL) $(srcdir)/bench/nn-split.sh --tools tools $(BENCH_SPLIT_ARGS)

# nn-train against PyTorch (one thread): Fashion-MNIST seconds per epoch and
# a lesson-size net; PyTorch is skipped, with a message, when python3-torch
# is missing.  E.g. make bench-train BENCH_TRAIN_ARGS='--epochs 2 --runs 1'.
EXTRA_DIST += bench/train-speed bench/torch_mlp.py
.PHONY: bench-train
bench: bench-train
bench-train: tools/nn-train$(EXEEXT) tools/nn-predict$(EXEEXT)
	NN_BUILD_CC='$(CC)' NN_BUILD_FLAGS='$(NN_OPT_CFLAGS) $(CFLAGS)' \
	  $(SHELL) $(srcdir)/bench/train-speed --tools tools $(BENCH_TRAIN_ARGS)

# lib/hessian.c: full Hessians (1k, 2k parameters) with their eigenvalues,
# and Lanczos on a 100k-parameter model; one core.  E.g. make bench-hessian
# BENCH_HESSIAN_ARGS='--runs 1 --part full'.
EXTRA_PROGRAMS += bench/hessian
bench_hessian_SOURCES = bench/hessian.c bench/bench.h
bench_hessian_LDADD = lib/libnn.la $(NN_MATH_LIBS)
bench_hessian_LDFLAGS = -static
CLEANFILES += bench/hessian$(EXEEXT)
.PHONY: bench-hessian
bench: bench-hessian
bench-hessian: bench/hessian$(EXEEXT)
	OPENBLAS_NUM_THREADS=1 bench/hessian$(EXEEXT) $(BENCH_HESSIAN_ARGS)

# nn-hessian end to end against PyTorch (hessian() + eigvalsh(), float64,
# one thread) on the same model files, and --top 5 on 100k parameters;
# PyTorch is skipped, with a message, when /usr/bin/python3 (or $PYTHON)
# has no torch.  E.g. make bench-hessian-speed
# BENCH_HESSIAN_SPEED_ARGS='--runs 1 --part full'.
EXTRA_DIST += bench/hessian-speed bench/torch_hessian.py
.PHONY: bench-hessian-speed
bench: bench-hessian-speed
bench-hessian-speed: tools/nn-train$(EXEEXT) tools/nn-hessian$(EXEEXT)
	$(SHELL) $(srcdir)/bench/hessian-speed --tools tools $(BENCH_HESSIAN_SPEED_ARGS)
