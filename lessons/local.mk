# lessons/local.mk -- the lessons: each a directory with its own plain
# Makefile (so a learner can run `make` inside it).  Here: `make demo`, and
# the tests that run each lesson's pipeline and check its claims.
DEMO_DIR = lessons/00-demo
EXTRA_DIST += $(DEMO_DIR)/Makefile $(DEMO_DIR)/README.md

# Run the demo pipeline from this build and say where its report is.
demo: all
	$(MAKE) -f '$(abs_top_srcdir)/$(DEMO_DIR)/Makefile' \
	  SRC='$(abs_top_srcdir)/$(DEMO_DIR)' OUT='$(abs_top_builddir)/$(DEMO_DIR)/report' \
	  NN_BIN='$(abs_top_builddir)/tools' GNUPLOT='$(GNUPLOT)'

clean-local: clean-lessons
clean-lessons:
	-rm -rf '$(abs_top_builddir)/$(DEMO_DIR)/report'

LESSON_TESTS = tests/lessons/00-demo.sh
TESTS += $(LESSON_TESTS)
EXTRA_DIST += $(LESSON_TESTS)
.PHONY: demo clean-lessons
