# tests/local.mk -- the test suite: Check suites (tests/unit), shell tests
# of the tools (tests/tools), which speak TAP through tests/lib.sh.
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT = \
  PATH='$(abs_top_builddir)/tools':"$$PATH"; export PATH; \
  srcdir='$(abs_top_srcdir)'; export srcdir; \
  top_builddir='$(abs_top_builddir)'; export top_builddir; \
  GNUPLOT='$(GNUPLOT)'; export GNUPLOT; \
  MAKE='$(MAKE)'; export MAKE; \
  CK_DEFAULT_TIMEOUT=$${CK_DEFAULT_TIMEOUT-600}; export CK_DEFAULT_TIMEOUT;
# (Check kills a test after 4 s by default: a loaded 2-core machine or a
# sanitizer build makes that a false failure; tests measure no speed.)
EXTRA_DIST += tests/lib.sh build-aux/tap-driver.sh

include tests/unit/local.mk
include tests/tools/local.mk
