# lessons/local.mk -- the lessons: each a directory with its own plain
# Makefile (so a learner can run `make` inside it).  Here: `make demo`, and
# the tests that run each lesson's pipeline and check its claims.
DEMO_DIR = lessons/00-demo
EXTRA_DIST += $(DEMO_DIR)/Makefile $(DEMO_DIR)/README.md

# What every lesson shares: lesson.mk (included by each lesson's Makefile),
# claims.awk (the frame of the claims), report.sh (the report page) and
# md2man.awk (README.md as the lesson's section-7 man page).
EXTRA_DIST += lessons/lesson.mk lessons/claims.awk lessons/report.sh lessons/md2man.awk

# Lesson 02: critical points.  `make lesson-02` runs it from this build.
L02_DIR = lessons/02-critical-points
EXTRA_DIST += $(L02_DIR)/Makefile $(L02_DIR)/README.md $(L02_DIR)/claims.awk \
  $(L02_DIR)/w1w2.model $(L02_DIR)/one.tsv
lesson-02: all
	$(MAKE) -f '$(abs_top_srcdir)/$(L02_DIR)/Makefile' \
	  SRC='$(abs_top_srcdir)/$(L02_DIR)' OUT='$(abs_top_builddir)/$(L02_DIR)/report' \
	  NN_BIN='$(abs_top_builddir)/tools' GNUPLOT='$(GNUPLOT)'

# The lessons' man pages, made from their README.md at build time (one
# source; not distributed, so never out of date).
LESSON_MAN_DATE = 2026-11-27
nodist_man_MANS = man/nnkit-lesson-02.7
CLEANFILES += $(nodist_man_MANS)
man/nnkit-lesson-02.7: $(L02_DIR)/README.md lessons/md2man.awk
	$(AM_V_GEN)$(MKDIR_P) man && \
	$(AWK) -v name=nnkit-lesson-02 -v version='$(PACKAGE_VERSION)' \
	  -v date='$(LESSON_MAN_DATE)' -f '$(srcdir)/lessons/md2man.awk' \
	  '$(srcdir)/$(L02_DIR)/README.md' > $@.tmp && mv $@.tmp $@

# Run the demo pipeline from this build and say where its report is.
demo: all
	$(MAKE) -f '$(abs_top_srcdir)/$(DEMO_DIR)/Makefile' \
	  SRC='$(abs_top_srcdir)/$(DEMO_DIR)' OUT='$(abs_top_builddir)/$(DEMO_DIR)/report' \
	  NN_BIN='$(abs_top_builddir)/tools' GNUPLOT='$(GNUPLOT)'

clean-local: clean-lessons
clean-lessons:
	-rm -rf '$(abs_top_builddir)/$(DEMO_DIR)/report'
	-rm -rf '$(abs_top_builddir)/$(L02_DIR)/report'

LESSON_TESTS = tests/lessons/00-demo.sh tests/lessons/02-critical-points.sh
TESTS += $(LESSON_TESTS)
EXTRA_DIST += $(LESSON_TESTS) tests/lessons/lesson-lib.sh
.PHONY: demo lesson-02 clean-lessons
