# lessons/local.mk -- the lessons: each a directory with its own plain
# Makefile (so a learner can run `make` inside it).  Here: `make lesson-NN`
# (or `make lesson L=NN`) runs lesson NN from this build, the lessons' man
# pages, and the tests that run each lesson's pipeline and check its claims.
#
# A lesson NN in lessons/NN-NAME adds a block like lesson 02's: its files to
# EXTRA_DIST, its man page to LESSON_MANS with a two-line rule, a
# `lesson-NN` alias, and its test to LESSON_TESTS.
DEMO_DIR = lessons/00-demo
EXTRA_DIST += $(DEMO_DIR)/Makefile $(DEMO_DIR)/README.md

# What every lesson shares: lesson.mk (included by each lesson's Makefile),
# claims.awk (the frame of the claims), report.sh (the report page) and
# md2man.awk (README.md as the lesson's section-7 man page).
EXTRA_DIST += lessons/lesson.mk lessons/claims.awk lessons/report.sh lessons/md2man.awk

# Run lesson $(L) (its number, e.g. 02) from this build; the report goes to
# lessons/NN-NAME/report in the build tree.
lesson: all
	@d=`cd '$(abs_top_srcdir)' && ls -d lessons/$(L)-* 2>/dev/null | head -1`; \
	if test -z '$(L)' || test ! -f "$(abs_top_srcdir)/$$d/Makefile"; then \
	  echo "make lesson: no lesson '$(L)'; say which, e.g. make lesson L=02" >&2; exit 2; fi; \
	$(MAKE) -f "$(abs_top_srcdir)/$$d/Makefile" \
	  SRC="$(abs_top_srcdir)/$$d" OUT="$(abs_top_builddir)/$$d/report" \
	  NN_BIN='$(abs_top_builddir)/tools' GNUPLOT='$(GNUPLOT)'

# The lessons' man pages, made from their README.md at build time (one
# source; not distributed, so never out of date).  A lesson's rule:
#   man/nnkit-lesson-NN.7: $(LNN_DIR)/README.md lessons/md2man.awk
#   	$(LESSON_MAN) '$(srcdir)/$(LNN_DIR)/README.md' > $@.tmp && mv $@.tmp $@
LESSON_MAN_DATE = 2026-11-27
LESSON_MAN = $(AM_V_GEN)$(MKDIR_P) man && $(AWK) -v name=`basename $@ .7` \
  -v version='$(PACKAGE_VERSION)' -v date='$(LESSON_MAN_DATE)' \
  -f '$(srcdir)/lessons/md2man.awk'
LESSON_MANS =
LESSON_TESTS = tests/lessons/00-demo.sh

# Lesson 02: critical points.
L02_DIR = lessons/02-critical-points
EXTRA_DIST += $(L02_DIR)/Makefile $(L02_DIR)/README.md $(L02_DIR)/claims.awk \
  $(L02_DIR)/w1w2.model $(L02_DIR)/one.tsv
LESSON_MANS += man/nnkit-lesson-02.7
man/nnkit-lesson-02.7: $(L02_DIR)/README.md lessons/md2man.awk
	$(LESSON_MAN) '$(srcdir)/$(L02_DIR)/README.md' > $@.tmp && mv $@.tmp $@
lesson-02:
	@$(MAKE) --no-print-directory lesson L=02
LESSON_TESTS += tests/lessons/02-critical-points.sh

# (New lessons' blocks go above this line, in order.)
nodist_man_MANS = $(LESSON_MANS)
CLEANFILES += $(LESSON_MANS)

# Run the demo pipeline from this build and say where its report is.
demo: all
	$(MAKE) -f '$(abs_top_srcdir)/$(DEMO_DIR)/Makefile' \
	  SRC='$(abs_top_srcdir)/$(DEMO_DIR)' OUT='$(abs_top_builddir)/$(DEMO_DIR)/report' \
	  NN_BIN='$(abs_top_builddir)/tools' GNUPLOT='$(GNUPLOT)'

clean-local: clean-lessons
clean-lessons:
	-rm -rf '$(abs_top_builddir)'/lessons/*/report

TESTS += $(LESSON_TESTS)
EXTRA_DIST += $(LESSON_TESTS) tests/lessons/lesson-lib.sh
.PHONY: demo lesson lesson-02 clean-lessons
