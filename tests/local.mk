# tests/local.mk -- the test suite: Check suites (tests/unit), shell tests
# of the tools (tests/tools), which speak TAP through tests/lib.sh.
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT = \
  PATH='$(abs_top_builddir)/tools':"$$PATH"; export PATH; \
  srcdir='$(abs_top_srcdir)'; export srcdir; \
  top_builddir='$(abs_top_builddir)'; export top_builddir; \
  GNUPLOT='$(GNUPLOT)'; export GNUPLOT; \
  MAKE='$(MAKE)'; export MAKE;
EXTRA_DIST += tests/lib.sh build-aux/tap-driver.sh

include tests/unit/local.mk
include tests/tools/local.mk
